/* mods.h — inside mod management (src/mods): the installer's state and what its files share.  The
 * API is include/lazypipe_mods.h; the parts with their own header (semver.h, name.h, modfile.h,
 * lock.h, fs.h) know nothing of the installer.
 *
 * Why the git program and not libgit2: git is what users already have configured (credential
 * helpers, url.<base>.insteadOf, proxies, SSH), which libgit2 honours only in part, and a clone is
 * git's own time either way.  It is spawned with posix_spawnp (an argument vector, never a shell):
 * `git ls-remote` lists a repository's tags and branches, `git clone --depth 1 --branch REF` fetches
 * one version.
 *
 * The files, each using only those before it: util.c (messages, errors, the user's paths), git.c,
 * commit.c (the mod files and lock file read, .powerpipe, the new tree put in place), install.c
 * (requirements resolved to versions and fetched), tree.c (the old lock compared with the new,
 * Powerpipe's trees), run.c (the commands of lazypipe_mods.h), check.c (lp_mods_check). */
#ifndef LP_MODS_MODS_H
#define LP_MODS_MODS_H

#include <limits.h>
#include <stddef.h>

#include "lazypipe.h"
#include "lazypipe_mods.h"
#include "mods/lock.h"
#include "mods/modfile.h"
#include "mods/semver.h"

enum { LOCK_STRUCT_VERSION = 20240429 };
/* The longest chain of dependencies installed or walked (Powerpipe has no bound; its recursion has
 * Go's growable stacks, ours a fixed one, and no real mod comes near). */
enum { MAX_DEPENDENCY_DEPTH = 256 };
/* Paths are built in buffers of P bytes; one that does not fit is cut, and the places where a cut
 * path could name another folder (removals, renames) check snprintf's count first. */
#define P (PATH_MAX + 512)

/* The host's callback: mm_say (run.c) formats one message and hands it over (nothing when fn is
 * NULL; "out of memory" when the text could not be made). */
typedef struct mm_sink {
    lp_mods_msg_fn fn;
    void *ctx;
} mm_sink;

typedef struct req {
    char *name;
    char *vstr; /* VersionString ("*" when none given); "" for branch/tag/path */
    char *branch, *tag, *path;
    int has_constraint, pre;
    ms_constraint c;
} req;

typedef struct reqs {
    req *v;
    size_t n;
} reqs;

/* a mod directory's mod file (mod.pp, else mod.sp), scanned.  1 found, 0 none, -1 error */
typedef struct modfile {
    char path[P];
    char *text;
    size_t len;
    mf_mod m;
} modfile;

typedef struct errs {
    char **v;
    size_t n;
} errs;

typedef struct refs {
    char *name;
    lp_buf out; /* git ls-remote's lines */
    char *err;  /* NULL when listed */
} refs;

typedef struct path_list {
    char ***v; /* each a NULL-terminated array of segments */
    size_t n;
} path_list;

typedef struct depmod {
    lk_dep inst; /* strings borrowed from a lock or owned (owned = 1) */
    char key[P]; /* its dependency path: the lock's parent key of its own dependencies */
    char dir[P]; /* where its files are */
    reqs reqs;
} depmod;

typedef struct inst {
    const lp_mods_opts *o;
    mm_sink sink; /* o's callback */
    char ws[P], mods[P];
    /* .powerpipe, held open: every write of the installer is relative to it (fs.h); -1 while it
     * does not exist.  The shadow directory (shadow: its path, for git) is made by this process
     * under it, named after the process, never after a mod. */
    int pp_fd, shadow_fd;
    char shadow[P], shadow_name[64];
    unsigned nclones;
    char *root;
    lk_lock lock, newlock;
    char **installed;
    size_t ninstalled;
    refs *refs;
    size_t nrefs;
    char **shadowed;
    size_t nshadowed;
    path_list installed_l, upgraded, downgraded, uninstalled;
    /* the dependency paths of the mods being installed, the workspace's requirement first: one
     * met again below itself is a cycle */
    const char *chain[MAX_DEPENDENCY_DEPTH];
    size_t depth;
    int oom;
    int validated;   /* --mod-install: the requirements were checked (warned about) once */
} inst;


typedef int (*walk_fn)(inst *in, char **names, size_t n, lk_dep *d);

/* ------------------------------------------------------------------ util.c: messages, errors, the user's
 * paths */

/* one message to s (format and arguments as printf's) */
void mm_say(const mm_sink *s, lp_mods_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int mm_abs_dir(const char *dir, char *out);
/* an error message, malloc'd (NULL on lack of memory) */
char *mm_errf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void mm_errs_add(errs *e, char *msg);
const char *mm_plural(size_t n, const char *one, const char *many);
void mm_strlist_free(char **v, size_t n);
int mm_strlist_add(char ***v, size_t *n, const char *s);
void mm_paths_free(path_list *l);
/* the user's own paths, read as named (links followed): a whole file ("" when empty), what a path is */
int mm_read_file(const char *path, char **text, size_t *len);
int mm_is_dir(const char *path);
int mm_is_dir_in(const char *dir, const char *name);
int mm_is_file_in(const char *dir, const char *name);
int mm_write_file_atomic(const char *path, const char *data, size_t len);
/* a line:column of text at byte off, as HCL's ranges count them (1-based) */
void mm_line_col(const char *text, size_t off, int *line, int *col);

/* ------------------------------------------------------------------ git.c */

/* Run git with argv (argv[0] "git", NULL-terminated): its stdout into out, stderr into err.
 * Its exit status, or -1 when it could not be started (err says why). */
int mm_git(const char *const *argv, lp_buf *out, lp_buf *err);

/* ------------------------------------------------------------------ commit.c: files, the installed tree */

void mm_modfile_free(modfile *f);
/* dir's mod file (mod.pp, else mod.sp), scanned: 1 found, 0 none, -1 error.  mm_modfile_load reads the
 * user's own folders (the workspace, a `path`); mm_modfile_load_at a mod's folder under .powerpipe,
 * dirfd (its mod file is read without following a link; dir names it in messages). */
int mm_modfile_load(const char *dir, modfile *f);
int mm_modfile_load_at(int dirfd, const char *dir, modfile *f);
/* ws/.powerpipe opened (made first when create), never through a link: its descriptor, or -1 with errno */
int mm_open_powerpipe(const char *ws, int create);
const char *mm_powerpipe_error(int e);
int mm_open_shadow(inst *in);
void mm_scan_mods(inst *in);
void mm_drop_missing(inst *in);
int mm_lock_workspace(const mm_sink *s, const char *ws, int *fd);
/* ws/.mod.cache.json's text (malloc'd), read without following a link: 0, or -1 with errno */
int mm_read_lock_text(const char *ws, char **text, size_t *len);
int mm_load_lock(const mm_sink *s, const char *ws, lk_lock *l);
int mm_remove_stale_shadows(int pp_fd, int dead_only, int dry);
int mm_nothing_missing(const char *ws, const modfile *wf, int have);
int mm_save_changes(inst *in, const modfile *wf, const reqs *want, char **err);

/* ------------------------------------------------------------------ install.c: requirements, resolving */

void mm_req_free(req *r);
int mm_req_init(req *r, const char *name, const char *version, const char *branch, const char *tag,
                const char *path);
int mm_req_copy(req *dst, const req *src);
int mm_req_has_version(const req *r);
int mm_satisfies(const lk_dep *d, const req *r);
void mm_reqs_free(reqs *l);
req *mm_reqs_push(reqs *l);
int mm_cmp_req(const void *a, const void *b);
char *mm_require_error(const modfile *f, const mf_req *q, int in_dependency);
char *mm_nul_error(const modfile *f, const mf_req *q);
lk_dep *mm_find_locked(const lk_lock *l, const req *r);
size_t mm_install_wanted(inst *in, const reqs *want, const reqs *targets, char **err);

/* ------------------------------------------------------------------ tree.c: the lock's trees, summaries */

int mm_walk(inst *in, const lk_lock *l, const char *parent, char **names, size_t n, walk_fn fn);
int mm_diff_old(inst *in, char **names, size_t n, lk_dep *old);
int mm_diff_new(inst *in, char **names, size_t n, lk_dep *nd);
int mm_print_summary(inst *in);

#endif
