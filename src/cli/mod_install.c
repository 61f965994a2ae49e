/* mod_install.c — Powerpipe's mod installer (pipe-fittings modinstaller: mod_installer.go,
 * install_data.go, update_checker.go, summary_builder.go, mod_installer_prune.go), in the same
 * steps and with the same messages:
 *
 *   1. the workspace mod's requirements (mod.pp `require`), with the command's targets applied;
 *   2. for each, recursively: the installed version the lock file names if it satisfies the
 *      requirement and the --pull strategy finds no newer version or commit (git ls-remote),
 *      else the newest tag satisfying the constraint (or the tag, branch, or directory) cloned
 *      into a shadow directory;
 *   3. the new lock compared with the old one: installed, upgraded, downgraded, uninstalled;
 *   4. unless --dry-run (or an error without --force): the shadow directory's mods renamed into
 *      .powerpipe/mods, the lock file and mod.pp written (each through a temporary file renamed
 *      over it), unreferenced mods pruned.
 *
 * A failure before step 4 leaves .powerpipe/mods, the lock file and mod.pp as they were.  Two
 * commands in one workspace take turns: the second waits for the first's lock (flock on
 * .powerpipe/.mod-install.lock), saying so, and reads mod.pp again once it has it.  Powerpipe's exit
 * status on a failed install is 0 (its ExitCodeModInstallFailed is commented out); lazypipe exits with
 * that code, 62. */
#include "mod_install.h"
#include "cli.h"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mod_file.h"
#include "mod_fs.h"
#include "mod_lock.h"
#include "mod_name.h"
#include "mod_semver.h"

/* Paths are built in PATH_MAX-sized buffers; one that does not fit is cut, and the places where a
 * cut path could name another folder (removals, renames) check snprintf's count first. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

enum { LOCK_STRUCT_VERSION = 20240429 };
/* The longest chain of dependencies installed or walked (Powerpipe has no bound; its recursion has
 * Go's growable stacks, ours a fixed one, and no real mod comes near). */
enum { MAX_DEPENDENCY_DEPTH = 256 };
#define P (PATH_MAX + 512)

/* ------------------------------------------------------------------ requirements */

typedef struct req {
    char *name;
    char *vstr; /* VersionString ("*" when none given); "" for branch/tag/path */
    char *branch, *tag, *path;
    int has_constraint, pre;
    ms_constraint c;
} req;

/* A req's strings are one block (name first): one allocation to check, one free. */
static void req_free(req *r)
{
    free(r->name);
    memset(r, 0, sizeof *r);
}

/* pipe-fittings ModVersionConstraint.Initialise: a version string that is no constraint is a tag */
static int req_init(req *r, const char *name, const char *version, const char *branch, const char *tag,
                    const char *path)
{
    memset(r, 0, sizeof *r);
    const char *vstr = "";
    if (!branch && !tag && !path) {
        const char *v = version && *version && strcmp(version, "latest") != 0 ? version : "*";
        if (ms_constraint_parse(v, &r->c) == 0) {
            r->has_constraint = 1;
            r->pre = ms_constraint_is_prerelease(v);
            vstr = v;
        } else {
            tag = v;
        }
    }
    const char *from[] = { name, vstr, branch, tag, path };
    char **to[] = { &r->name, &r->vstr, &r->branch, &r->tag, &r->path };
    size_t size = 0;
    for (size_t i = 0; i < 5; i++) size += from[i] ? strlen(from[i]) + 1 : 0;
    char *block = malloc(size);
    if (!block) return -1;
    for (size_t i = 0; i < 5; i++)
        if (from[i]) {
            *to[i] = block;
            block = stpcpy(block, from[i]) + 1;
        }
    return 0;
}

static int req_copy(req *dst, const req *src)
{
    if (req_init(dst, src->name, src->has_constraint ? src->vstr : NULL, src->branch, src->tag, src->path))
        return -1;
    return 0;
}

/* pipe-fittings ModVersionConstraint.HasVersion */
static int req_has_version(const req *r)
{
    return r->vstr[0] && strcmp(r->vstr, "*") != 0 && strcmp(r->vstr, "latest") != 0;
}

/* InstalledModVersion.SatisfiesConstraint */
static int satisfies(const lk_dep *d, const req *r)
{
    if (r->has_constraint) return d->has_version && ms_check(&r->c, &d->version);
    if (r->branch) return d->branch && !strcmp(d->branch, r->branch);
    if (r->path) return d->path && !strcmp(d->path, r->path);
    if (r->tag) return d->tag && !strcmp(d->tag, r->tag);
    return 0;
}

typedef struct reqs {
    req *v;
    size_t n;
} reqs;

static void reqs_free(reqs *l)
{
    for (size_t i = 0; i < l->n; i++) req_free(&l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static req *reqs_push(reqs *l)
{
    req *v = realloc(l->v, (l->n + 1) * sizeof *v);
    if (!v) return NULL;
    l->v = v;
    memset(&v[l->n], 0, sizeof *v);
    return &v[l->n++];
}

static int cmp_req(const void *a, const void *b)
{
    return strcmp(((const req *)a)->name, ((const req *)b)->name);
}

/* ------------------------------------------------------------------ files */

/* write through a temporary file renamed over path: readers see the old file or the new */
static int write_file_atomic(const char *path, const char *data, size_t len)
{
    return lp_atomic_file_put(path, data, len, 0, NULL) == LP_OK ? 0 : -1;
}

/* A line:column of text at byte off, as HCL's ranges count them (1-based). */
static void line_col(const char *text, size_t off, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; text && i < off; i++) {
        if (text[i] == '\n') {
            ++*line;
            *col = 1;
        } else {
            ++*col;
        }
    }
}

/* a mod directory's mod file (mod.pp, else mod.sp), scanned.  1 found, 0 none, -1 error */
typedef struct modfile {
    char path[P];
    char *text;
    size_t len;
    mf_mod m;
} modfile;

static void modfile_free(modfile *f)
{
    free(f->text);
    mf_free(&f->m);
    f->text = NULL;
}

static int modfile_load(const char *dir, modfile *f)
{
    memset(f, 0, sizeof *f);
    for (int i = 0; i < 2; i++) {
        snprintf(f->path, sizeof f->path, "%s/%s", dir, i ? "mod.sp" : "mod.pp");
        if (cli_read_file(f->path, &f->text, &f->len) == 0) {
            if (mf_scan(f->text, f->len, &f->m) != 0) {
                free(f->text);
                f->text = NULL;
                return -1;
            }
            return f->m.found ? 1 : 0;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ the installer */

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
    const mi_opts *o;
    char ws[P], mods[P];
    /* .powerpipe, held open: every write of the installer is relative to it (mod_fs.h); -1 while it
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

static void strlist_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

static int strlist_add(char ***v, size_t *n, const char *s)
{
    char **nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv) return -1;
    *v = nv;
    if (!(nv[*n] = strdup(s))) return -1;
    (*n)++;
    return 0;
}

static void paths_free(path_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        for (char **s = l->v[i]; *s; s++) free(*s);
        free(l->v[i]);
    }
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

/* an error message, malloc'd (NULL on lack of memory) */
static char *errf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *errf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0) s = NULL;
    va_end(ap);
    return s;
}

typedef struct errs {
    char **v;
    size_t n;
} errs;

static void errs_add(errs *e, char *msg)
{
    if (!msg) msg = strdup("out of memory");
    char **v = msg ? realloc(e->v, (e->n + 1) * sizeof *v) : NULL;
    if (!v) {
        free(msg);
        return;
    }
    e->v = v;
    e->v[e->n++] = msg;
}

/* CombineErrorsWithPrefix: "PREFIX - E", or the distinct errors joined by newline-tab */
static char *errs_combine(errs *e, const char *prefix)
{
    lp_buf b = { 0 };
    lp_buf_printf(&b, "%s - ", prefix);
    for (size_t i = 0; i < e->n; i++) {
        int dup = 0;
        for (size_t k = 0; k < i && !dup; k++) dup = !strcmp(e->v[k], e->v[i]);
        if (dup) continue;
        if (i) lp_buf_puts(&b, "\n\t");
        lp_buf_puts(&b, e->v[i]);
    }
    strlist_free(e->v, e->n);
    e->v = NULL;
    e->n = 0;
    if (b.oom) {
        lp_buf_free(&b);
        return NULL;
    }
    return b.data;
}

static const char *plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* What makes require entry q of f unsafe to install (mod_name.h), as an error message at the
 * entry's file:line:col, or NULL.  A dependency's `path` (in_dependency) must stay inside the
 * dependency's own folder: a mod fetched from elsewhere names no directory of this machine. */
static char *require_error(const modfile *f, const mf_req *q, int in_dependency)
{
    const char *what = "mod name", *why = mn_name_error(q->name);
    if (q->path) {
        why = mn_path_error(q->path);
        what = "path";
        if (!why && in_dependency) {
            size_t n = strlen(q->path);
            int up = !strcmp(q->path, "..") || !strncmp(q->path, "../", 3) || strstr(q->path, "/../") ||
                     (n >= 3 && !strcmp(q->path + n - 3, "/.."));
            if (q->path[0] == '/' || up) why = "a dependency's path must stay inside its own folder";
        }
    }
    if (!why && q->version) why = mn_version_error(q->version), what = "version";
    if (!why && q->branch) why = mn_ref_error(q->branch), what = "branch";
    if (!why && q->tag) why = mn_ref_error(q->tag), what = "tag";
    if (!why) return NULL;
    int line, col;
    line_col(f->text, q->def_start, &line, &col);
    return errf("%s:%d:%d: Failed to load mod require block: the %s is refused: %s", f->path, line, col, what,
                why);
}

/* ----------------------------------------------------------- git refs (ls-remote) */

static void git_url(const char *name, char *out, size_t cap)
{
    if (!strncmp(name, "https://", 8) || !strncmp(name, "http://", 7) || !strncmp(name, "file://", 7) ||
        !strncmp(name, "git@", 4) || !strncmp(name, "ssh://", 6))
        snprintf(out, cap, "%s", name);
    else
        snprintf(out, cap, "https://%s", name);
}

/* What git said failed: its first "fatal:" (or "error:") line, which names the failure ("repository
 * '...' not found", "'...' does not appear to be a git repository"), not the advice lines after it
 * ("Please make sure you have the correct access rights / and the repository exists."); else its
 * last line. */
static char *git_error(lp_buf *err)
{
    if (!err->data || !err->len) return strdup("git failed");
    const char *s = err->data, *end = err->data + err->len;
    for (const char *line = s; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
        while (n && line[n - 1] == '\r') n--;
        if (n > 7 && (!strncmp(line, "fatal: ", 7) || !strncmp(line, "error: ", 7)))
            return strndup(line + 7, n - 7);
        line = nl ? nl + 1 : end;
    }
    size_t n = err->len;
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
    size_t a = n;
    while (a && s[a - 1] != '\n') a--;
    return strndup(s + a, n - a);
}

static refs *get_refs(inst *in, const char *name)
{
    for (size_t i = 0; i < in->nrefs; i++)
        if (!strcmp(in->refs[i].name, name)) return &in->refs[i];
    refs *v = realloc(in->refs, (in->nrefs + 1) * sizeof *v);
    if (!v) return NULL;
    in->refs = v;
    refs *r = &v[in->nrefs];
    memset(r, 0, sizeof *r);
    if (!(r->name = strdup(name))) return NULL;
    in->nrefs++;
    char url[P];
    git_url(name, url, sizeof url);
    const char *argv[] = { "git", "ls-remote", "--tags", "--heads", "--", url, NULL };
    lp_buf err = { 0 };
    int rc = mi_git(argv, &r->out, &err);
    if (rc != 0) r->err = git_error(&err);
    lp_buf_free(&err);
    return r;
}

/* the hash ls-remote gives ref (refs/tags/v1.0.0, refs/heads/main), as go-git lists it */
static int find_ref(const refs *r, const char *ref, char *sha, size_t cap)
{
    size_t rl = strlen(ref);
    for (const char *s = r->out.data; s && *s;) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        const char *tab = memchr(s, '\t', n);
        if (tab && (size_t)(s + n - tab - 1) == rl && !memcmp(tab + 1, ref, rl)) {
            snprintf(sha, cap, "%.*s", (int)(tab - s), s);
            return mn_commit_error(sha) ? -1 : 0;
        }
        s = e ? e + 1 : s + n;
    }
    return -1;
}

/* the newest tag satisfying r's constraint (getTagVersionsFromGit + getVersionSatisfyingConstraint):
 * 1 found (into d: version, commit, git_ref), 0 none, -1 listing failed (*err) */
static int newest_satisfying(inst *in, const req *r, lk_dep *d, char **err)
{
    refs *rf = get_refs(in, r->name);
    if (!rf) return *err = NULL, -1;
    if (rf->err) {
        *err = errf("could not retrieve version data from Git URL %s - %s", r->name, rf->err);
        return -1;
    }
    int found = 0;
    for (const char *s = rf->out.data; s && *s;) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        const char *tab = memchr(s, '\t', n);
        if (tab && !strncmp(tab + 1, "refs/tags/", 10)) {
            char tag[256];
            snprintf(tag, sizeof tag, "%.*s", (int)(s + n - tab - 11), tab + 11);
            ms_version v;
            char sha[72];
            snprintf(sha, sizeof sha, "%.*s", (int)(tab - s), s);
            if (!strstr(tag, "^{}") && !mn_ref_error(tag) && !mn_commit_error(sha) &&
                ms_parse(tag, &v) == 0 && (r->pre || (!v.pre[0] && !v.meta[0])) && ms_check(&r->c, &v) &&
                (!found || ms_compare(&v, &d->version) > 0)) {
                found = 1;
                d->has_version = 1;
                d->version = v;
                free(d->commit);
                free(d->git_ref);
                d->commit = strndup(s, (size_t)(tab - s));
                d->git_ref = errf("refs/tags/%s", tag);
            }
        }
        s = e ? e + 1 : s + n;
    }
    return found;
}

/* ------------------------------------------------------------------ lock helpers */

static void dep_path(const lk_dep *d, char *out, size_t cap)
{
    lk_dependency_path(d, out, cap);
}

static lk_dep *find_locked(const lk_lock *l, const req *r)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->deps[i].name, r->name) && satisfies(&l->deps[i], r)) return &l->deps[i];
    return NULL;
}

/* InstalledDependencyVersionsMap.GetDependency: follow names from the root; the full path into
 * full (segments malloc'd, NULL-terminated) when wanted */
static lk_dep *get_dependency(const lk_lock *l, char **names, size_t n, char ***full)
{
    char key[P];
    snprintf(key, sizeof key, "%s", names[0]);
    char **f = full ? calloc(n + 1, sizeof *f) : NULL;
    if (full && !f) return NULL;
    if (f) f[0] = strdup(key);
    lk_dep *d = NULL;
    for (size_t i = 1; i < n; i++) {
        d = lk_get(l, key, names[i]);
        if (!d) break;
        dep_path(d, key, sizeof key);
        if (f) f[i] = strdup(key);
    }
    if (!d) {
        if (f) {
            for (size_t i = 0; i < n; i++) free(f[i]);
            free(f);
        }
        return NULL;
    }
    if (full) *full = f;
    return d;
}

typedef int (*walk_fn)(inst *in, char **names, size_t n, lk_dep *d);

static int cmp_depname(const void *a, const void *b)
{
    return strcmp((*(lk_dep *const *)a)->name, (*(lk_dep *const *)b)->name);
}

static int walk(inst *in, const lk_lock *l, const char *parent, char **names, size_t n, walk_fn fn)
{
    if (n > MAX_DEPENDENCY_DEPTH) return 0; /* a cycle in a hand-edited lock file */
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) k += !strcmp(l->deps[i].parent, parent);
    if (!k) return 0;
    lk_dep **v = malloc(k * sizeof *v);
    if (!v) return -1;
    k = 0;
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->deps[i].parent, parent)) v[k++] = &l->deps[i];
    qsort(v, k, sizeof *v, cmp_depname);
    int rc = 0;
    for (size_t i = 0; i < k && !rc; i++) {
        names[n] = v[i]->name;
        rc = fn(in, names, n + 1, v[i]);
        char key[P];
        dep_path(v[i], key, sizeof key);
        if (!rc) rc = walk(in, l, key, names, n + 1, fn);
    }
    free(v);
    return rc;
}

static void paths_add(inst *in, path_list *l, char **full)
{
    char ***v = realloc(l->v, (l->n + 1) * sizeof *v);
    if (!v) {
        in->oom = 1;
        for (char **s = full; *s; s++) free(*s);
        free(full);
        return;
    }
    l->v = v;
    l->v[l->n++] = full;
}

static char **full_path_of(const lk_lock *l, char **names, size_t n)
{
    char **full = NULL;
    get_dependency(l, names, n, &full);
    return full;
}

static int diff_old(inst *in, char **names, size_t n, lk_dep *old)
{
    char **full = NULL;
    lk_dep *nd = get_dependency(&in->newlock, names, n, &full);
    if (!nd) {
        char **of = full_path_of(&in->lock, names, n);
        if (of) paths_add(in, &in->uninstalled, of);
        return 0;
    }
    int commit_differs = strcmp(old->commit ? old->commit : "", nd->commit ? nd->commit : "") != 0;
    path_list *to = NULL;
    if (old->has_version && nd->has_version) {
        int c = ms_compare(&nd->version, &old->version);
        to = c > 0 ? &in->upgraded : c < 0 ? &in->downgraded : commit_differs ? &in->upgraded : NULL;
    } else if (old->branch && nd->branch && !strcmp(old->branch, nd->branch)) {
        to = commit_differs ? &in->upgraded : NULL;
    } else if (old->tag && nd->tag && !strcmp(old->tag, nd->tag)) {
        to = commit_differs ? &in->upgraded : NULL;
    } else if (old->path && nd->path && !strcmp(old->path, nd->path)) {
        to = NULL;
    } else {
        char **of = full_path_of(&in->lock, names, n);
        paths_add(in, &in->installed_l, full);
        full = NULL;
        if (of) paths_add(in, &in->uninstalled, of);
    }
    if (to && full) {
        paths_add(in, to, full);
        full = NULL;
    }
    if (full) {
        for (char **s = full; *s; s++) free(*s);
        free(full);
    }
    return 0;
}

static int diff_new(inst *in, char **names, size_t n, lk_dep *nd)
{
    (void)nd;
    if (get_dependency(&in->lock, names, n, NULL)) return 0;
    char **full = full_path_of(&in->newlock, names, n);
    if (full) paths_add(in, &in->installed_l, full);
    return 0;
}

/* ------------------------------------------------------------------ trees (xlab/treeprint) */

typedef struct tnode {
    const char *label;
    struct tnode **kids;
    size_t nkids;
} tnode;

static void tree_free(tnode *t)
{
    for (size_t i = 0; i < t->nkids; i++) tree_free(t->kids[i]);
    free(t->kids);
    free(t);
}

static tnode *tree_child(tnode *t, const char *label)
{
    for (size_t i = 0; i < t->nkids; i++)
        if (!strcmp(t->kids[i]->label, label)) return t->kids[i];
    tnode **k = realloc(t->kids, (t->nkids + 1) * sizeof *k);
    tnode *c = calloc(1, sizeof *c);
    if (!k || !c) {
        if (k) t->kids = k;
        free(c);
        return NULL;
    }
    t->kids = k;
    c->label = label;
    t->kids[t->nkids++] = c;
    return c;
}

static void tree_print(lp_buf *b, const tnode *t, const char *prefix)
{
    for (size_t i = 0; i < t->nkids; i++) {
        int last = i + 1 == t->nkids;
        lp_buf_printf(b, "%s%s %s\n", prefix, last ? "└──" : "├──", t->kids[i]->label);
        char np[1024];
        snprintf(np, sizeof np, "%s%s", prefix, last ? "    " : "│   ");
        tree_print(b, t->kids[i], np);
    }
}

/* getInstallationResultString: the paths as one tree; "" when none */
static void paths_tree(lp_buf *b, const path_list *l)
{
    if (!l->n) return;
    tnode *root = calloc(1, sizeof *root);
    if (!root) return;
    root->label = l->v[0][0];
    for (size_t i = 0; i < l->n; i++) {
        tnode *t = root;
        for (char **s = l->v[i] + 1; *s && t; s++) t = tree_child(t, *s);
    }
    lp_buf_printf(b, "%s\n", root->label);
    tree_print(b, root, "");
    tree_free(root);
}

static const char *verb(const inst *in, const char *v)
{
    if (!in->o->dry_run) return v;
    return !strcmp(v, "Installed")     ? "Would install"
           : !strcmp(v, "Uninstalled") ? "Would uninstall"
           : !strcmp(v, "Upgraded")    ? "Would upgrade"
                                       : "Would downgrade";
}

static void summary_part(const inst *in, lp_buf *b, const path_list *l, const char *v)
{
    if (!l->n) return;
    lp_buf_printf(b, "\n%s %zu %s:\n\n", verb(in, v), l->n, plural(l->n, "mod", "mods"));
    paths_tree(b, l);
    lp_buf_puts(b, "\n");
}

/* ------------------------------------------------------------------ installing */

/* A require entry whose name or attribute holds a NUL, which the C string cuts short (a version
 * "\0" would read as none, that is "*"): the error at its `mod`. */
static char *nul_error(const modfile *f, const mf_req *q)
{
    size_t line = 1, col = 1;
    for (size_t i = 0; i < q->def_start && i < f->len; i++)
        if (f->text[i] == '\n')
            line++, col = 1;
        else
            col++;
    return errf("%s:%zu:%zu: Failed to load mod require block: mod \"%s\" holds a NUL byte", f->path, line,
                col, q->name);
}

/* parse.LoadModfile: a dependency's mod file must parse as HCL before it is installed or used.  0, or
 * -1 with *err (NULL: out of memory). */
static int depmod_file_loads(const modfile *f, char **err)
{
    char *why = NULL;
    int parses = mf_parses(f->path, f->text, f->len, &why);
    if (parses > 0 && !f->m.syntax_error) return 0;
    if (parses < 0)
        *err = NULL;
    else if (why)
        *err = errf("Failed to load mod: %s", why);
    else
        *err = errf("Failed to load mod: %s: its blocks could not be read", f->path);
    free(why);
    return -1;
}

static int load_depmod(const char *dir, depmod *dm, char **err, const char *name)
{
    modfile f;
    int rc = modfile_load(dir, &f);
    if (rc >= 0 && f.text && depmod_file_loads(&f, err) != 0) {
        modfile_free(&f);
        return -1;
    }
    if (rc <= 0) {
        modfile_free(&f);
        *err = rc < 0 ? NULL : errf("'%s' has no mod definition file", name);
        return -1;
    }
    snprintf(dm->dir, sizeof dm->dir, "%s", dir);
    free(dm->inst.alias);
    dm->inst.alias = strdup(f.m.name);
    for (size_t i = 0; i < f.m.nreqs; i++) {
        const mf_req *q = &f.m.reqs[i];
        if (!q->version && !q->branch && !q->tag && !q->path) {
            *err = errf("%s: Failed to load mod require block: one of 'version', 'branch', 'path', or 'tag' "
                        "must be set",
                        f.path);
            modfile_free(&f);
            return -1;
        }
        if (q->nul_value) {
            *err = nul_error(&f, q);
            modfile_free(&f);
            return -1;
        }
        if ((*err = require_error(&f, q, 1))) {
            modfile_free(&f);
            return -1;
        }
        char abs[P];
        const char *path = q->path;
        if (path && path[0] != '/') {
            snprintf(abs, sizeof abs, "%s/%s", dir, path);
            path = abs;
        }
        req *r = reqs_push(&dm->reqs);
        if (!r || req_init(r, q->name, q->version, q->branch, q->tag, path) != 0) {
            if (r) dm->reqs.n--;
            modfile_free(&f);
            *err = NULL;
            return -1;
        }
    }
    modfile_free(&f);
    return 0;
}

static void depmod_free(depmod *dm)
{
    lk_dep_free(&dm->inst);
    reqs_free(&dm->reqs);
    memset(dm, 0, sizeof *dm);
}

static int depmod_from_lock(depmod *dm, const lk_dep *d)
{
    memset(dm, 0, sizeof *dm);
    if (lk_dep_copy(&dm->inst, d, NULL) != 0) return -1;
    dep_path(d, dm->key, sizeof dm->key);
    return 0;
}

/* ws/.powerpipe opened (made first when create and it is missing) without following a link: a cloned
 * workspace can hold a .powerpipe that is a link to anywhere, and nothing is written through it
 * (ELOOP or ENOTDIR then).  The descriptor, or -1 with errno. */
static int open_powerpipe(const char *ws, int create)
{
    char p[P];
    snprintf(p, sizeof p, "%s/.powerpipe", ws);
    if (create && mkdir(p, 0755) != 0 && errno != EEXIST) return -1;
    return open(p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/* why open_powerpipe failed, for "Error: could not open ...: WHY" */
static const char *powerpipe_error(int e)
{
    return e == ELOOP || e == ENOTDIR ? "it is a symbolic link or not a folder, and mod commands write "
                                        "nothing through it"
                                      : strerror(e);
}

/* .powerpipe (made when missing) and this process's shadow directory under it, opened once */
static int open_shadow(inst *in)
{
    if (in->shadow_fd >= 0) return 0;
    if (in->pp_fd < 0 && (in->pp_fd = open_powerpipe(in->ws, 1)) < 0) return -1;
    if (mkdirat(in->pp_fd, in->shadow_name, 0755) != 0 && errno != EEXIST) return -1;
    in->shadow_fd = mfs_open_dir(in->pp_fd, in->shadow_name);
    return in->shadow_fd < 0 ? -1 : 0;
}

/* name at ref cloned to dest (the shadow directory's path joined with the mod's dependency path).
 * git writes only into a fresh folder of the shadow directory whose name this process made
 * (.clone.N), which is then renamed into place relative to the shadow directory's descriptor: no
 * path spelt from a name is handed to mkdir, rm or git. */
static int clone(inst *in, const char *name, const char *ref, const char *dest, char **err)
{
    size_t sl = strlen(in->shadow);
    if (strncmp(dest, in->shadow, sl) != 0 || dest[sl] != '/') {
        *err = errf("could not install '%s': it is outside the shadow directory", name);
        return -1;
    }
    const char *rel = dest + sl + 1;
    if (open_shadow(in) != 0) {
        *err = errf("could not create '%s': %s", in->shadow, strerror(errno));
        return -1;
    }
    char url[P], stage[32], stage_path[P];
    git_url(name, url, sizeof url);
    snprintf(stage, sizeof stage, ".clone.%u", in->nclones++);
    snprintf(stage_path, sizeof stage_path, "%s/%s", in->shadow, stage);
    const char *argv[] = { "git",
                           "-c",
                           "advice.detachedHead=false",
                           "clone",
                           "--quiet",
                           "--depth",
                           "1",
                           "--single-branch",
                           "--branch",
                           ref,
                           "--",
                           url,
                           stage_path,
                           NULL };
    lp_buf out = { 0 }, e = { 0 };
    char mp[48], ms[48];
    snprintf(mp, sizeof mp, "%s/mod.pp", stage);
    snprintf(ms, sizeof ms, "%s/mod.sp", stage);
    int rc = mi_git(argv, &out, &e);
    if (rc != 0) {
        char *g = git_error(&e);
        *err = errf("failed to clone %s (%s): %s", name, ref, g ? g : "git failed");
        free(g);
    } else if (mfs_kind(in->shadow_fd, mp) != S_IFREG && mfs_kind(in->shadow_fd, ms) != S_IFREG) {
        /* a mod file that is a link is no mod file: it would be read from wherever it points */
        *err = errf("mod '%s' does not contain a valid mod file", name);
        rc = -1;
    } else if (mfs_move(in->shadow_fd, stage, in->shadow_fd, rel) != 0) {
        *err = errf("could not create '%s': %s", dest, strerror(errno));
        rc = -1;
    } else if (strlist_add(&in->shadowed, &in->nshadowed, rel) != 0) {
        *err = NULL;
        rc = -1;
    }
    if (rc) mfs_remove(in->shadow_fd, stage);
    lp_buf_free(&out);
    lp_buf_free(&e);
    return rc ? -1 : 0;
}

/* ModInstaller.install: resolve r to a version, fetch it into the shadow directory, load it */
static int install_one(inst *in, const req *r, const char *parent_key, depmod *dm, char **err)
{
    memset(dm, 0, sizeof *dm);
    lk_dep *d = &dm->inst;
    d->struct_version = LOCK_STRUCT_VERSION;
    char dest[P];
    *err = NULL;
    if (r->path) {
        char abs[P];
        if (r->path[0] == '/')
            snprintf(abs, sizeof abs, "%s", r->path);
        else
            snprintf(abs, sizeof abs, "%s/%s", in->ws, r->path);
        if (!cli_is_dir(abs)) {
            *err = errf("'%s' has no mod definition file", r->name);
            return -1;
        }
        d->name = strdup(abs);
        d->path = strdup(abs);
        snprintf(dest, sizeof dest, "%s", abs);
    } else {
        d->name = strdup(r->name);
        if (!d->name) return -1;
        const char *ref;
        char refbuf[300];
        if (r->has_constraint) {
            int f = newest_satisfying(in, r, d, err);
            if (f <= 0) {
                if (f == 0)
                    *err = errf("no version of %s found satisfying version constraint: %s", r->name, r->vstr);
                depmod_free(dm);
                return -1;
            }
            ref = d->git_ref + 10;
        } else if (r->tag) {
            refs *rf = get_refs(in, r->name);
            char sha[128];
            snprintf(refbuf, sizeof refbuf, "refs/tags/%s", r->tag);
            if (!rf || rf->err) {
                *err = rf ? errf("could not retrieve tag data from Git URL %s - %s", r->name, rf->err) : NULL;
                depmod_free(dm);
                return -1;
            }
            if (find_ref(rf, refbuf, sha, sizeof sha) != 0) {
                *err = errf("tag %s not found for mod %s", r->tag, r->name);
                depmod_free(dm);
                return -1;
            }
            d->tag = strdup(r->tag);
            d->commit = strdup(sha);
            d->git_ref = strdup(refbuf);
            ref = r->tag;
        } else {
            d->branch = strdup(r->branch);
            snprintf(refbuf, sizeof refbuf, "refs/heads/%s", r->branch);
            d->git_ref = strdup(refbuf);
            ref = r->branch;
        }
        char dp[P];
        dep_path(d, dp, sizeof dp);
        snprintf(dest, sizeof dest, "%s/%s", in->shadow, dp);
        if (clone(in, r->name, ref, dest, err) != 0) {
            depmod_free(dm);
            return -1;
        }
        if (r->branch) {
            const char *argv[] = { "git", "-C", dest, "rev-parse", "HEAD", NULL };
            lp_buf out = { 0 }, e = { 0 };
            if (mi_git(argv, &out, &e) == 0 && out.data) {
                out.data[strcspn(out.data, "\r\n")] = '\0';
                if (!mn_commit_error(out.data)) d->commit = strdup(out.data);
            }
            lp_buf_free(&out);
            lp_buf_free(&e);
        }
    }
    dep_path(d, dm->key, sizeof dm->key);
    if (load_depmod(dest, dm, err, r->name) != 0) {
        depmod_free(dm);
        return -1;
    }
    if (lk_add(&in->newlock, parent_key, d) != 0) {
        depmod_free(dm);
        return -1;
    }
    return 0;
}

/* update_checker.go: whether an installed version that satisfies r is to be replaced */
static int should_update(inst *in, const lk_dep *d, const req *r, int targeting, char **err)
{
    *err = NULL;
    if (!targeting) return 0;
    if (r->path) return 1;
    if (!satisfies(d, r)) return 1;
    mi_pull p = in->o->pull;
    int commit_check = p == MI_PULL_FULL || ((p == MI_PULL_LATEST || p == MI_PULL_DEVELOPMENT) && r->branch);
    int version_check = p == MI_PULL_FULL || p == MI_PULL_LATEST;
    if (version_check && r->has_constraint) {
        lk_dep best = { 0 };
        int f = newest_satisfying(in, r, &best, err);
        int newer = f > 0 && d->has_version && ms_compare(&best.version, &d->version) > 0;
        free(best.commit);
        free(best.git_ref);
        if (f < 0) return -1;
        if (f == 0) {
            *err = errf("no version of %s found satisfying version constraint: %s", r->name, r->vstr);
            return -1;
        }
        if (newer) return 1;
    }
    if (commit_check) {
        if (d->path) return 0;
        refs *rf = get_refs(in, d->name);
        if (!rf) return -1;
        if (rf->err) {
            *err = errf("error fetching %s from remote: %s", d->branch ? "branch" : "tags", rf->err);
            return -1;
        }
        char ref[300], sha[128];
        if (d->branch)
            snprintf(ref, sizeof ref, "refs/heads/%s", d->branch);
        else
            snprintf(ref, sizeof ref, "%s", d->git_ref ? d->git_ref : "");
        if (find_ref(rf, ref, sha, sizeof sha) != 0) {
            *err = errf("error finding reference '%s' of %s", ref, d->name);
            return -1;
        }
        return strcmp(sha, d->commit ? d->commit : "") != 0;
    }
    return 0;
}

/* getModForRequirement: 1 with dm loaded (installed, no update), 0 to install, -1 error */
static int mod_for_requirement(inst *in, const req *r, int targeting, depmod *dm, char **err)
{
    *err = NULL;
    lk_dep *d = find_locked(&in->lock, r);
    if (!d) d = find_locked(&in->newlock, r);
    if (!d) return 0;
    int u = should_update(in, d, r, targeting, err);
    if (u) return u < 0 ? -1 : 0;
    if (depmod_from_lock(dm, d) != 0) return -1;
    char dir[P], in_mods[P];
    snprintf(in_mods, sizeof in_mods, "mods/%s", dm->key);
    int found;
    if (d->path) {
        snprintf(dir, sizeof dir, "%s", d->path);
        found = cli_is_dir(dir);
    } else if (in->shadow_fd >= 0 && mfs_kind(in->shadow_fd, dm->key) == S_IFDIR) {
        snprintf(dir, sizeof dir, "%s/%s", in->shadow, dm->key);
        found = 1;
    } else {
        snprintf(dir, sizeof dir, "%s/%s", in->mods, dm->key);
        found = in->pp_fd >= 0 && mfs_kind(in->pp_fd, in_mods) == S_IFDIR;
    }
    if (!found) {
        *err = errf("could not find dependency mod '%s'", dm->key);
        depmod_free(dm);
        return -1;
    }
    if (load_depmod(dir, dm, err, r->name) != 0) {
        depmod_free(dm);
        return -1;
    }
    return 1;
}

static void install_requirement(inst *in, const req *r, const char *parent_key, int targeting, errs *e);

/* The mod at dependency path key, required below the chain being installed: an error when it is on the
 * chain already (a cycle: "a@v1 -> b@v1 -> a@v1", from its first time on) or the chain is too long;
 * else NULL (out of memory: "out of memory"). */
static char *chain_error(const inst *in, const char *key)
{
    size_t first = 0;
    while (first < in->depth && strcmp(in->chain[first], key) != 0) first++;
    if (first == in->depth && in->depth < MAX_DEPENDENCY_DEPTH) return NULL;
    lp_buf b = { 0 };
    if (first == in->depth)
        lp_buf_printf(&b, "dependency chain longer than %d mods, at %s", MAX_DEPENDENCY_DEPTH, key);
    else {
        lp_buf_puts(&b, "dependency cycle: ");
        for (size_t i = first; i < in->depth; i++) lp_buf_printf(&b, "%s -> ", in->chain[i]);
        lp_buf_puts(&b, key);
    }
    char *msg = mf_take(&b);
    return msg ? msg : strdup("out of memory");
}

/* installModDependenciesRecursively: r's mod (dm when have, else installed now) and what it requires in
 * turn.  Its depmod is on the heap: a chain of dependencies is as deep as this recursion. */
static char *install_recursive(inst *in, const req *r, depmod *dm, int have, const char *parent_key,
                               int targeting)
{
    char *err = NULL;
    depmod *own = NULL;
    if (!have) {
        if (!targeting) return NULL;
        if (!(own = calloc(1, sizeof *own))) return strdup("out of memory");
        if (install_one(in, r, parent_key, own, &err) != 0) {
            free(own);
            return err ? err : strdup("out of memory");
        }
        dm = own;
    }
    if ((err = chain_error(in, dm->key)) || (have && lk_add(&in->newlock, parent_key, &dm->inst) != 0)) {
        if (own) depmod_free(own);
        free(own);
        return err ? err : strdup("out of memory");
    }
    in->chain[in->depth++] = dm->key;
    errs e = { 0 };
    for (size_t i = 0; i < dm->reqs.n; i++) install_requirement(in, &dm->reqs.v[i], dm->key, targeting, &e);
    in->depth--;
    if (own) depmod_free(own);
    free(own);
    if (!e.n) return NULL;
    char prefix[96];
    snprintf(prefix, sizeof prefix, "%zu child %s failed to install", e.n,
             plural(e.n, "dependency", "dependencies"));
    return errs_combine(&e, prefix);
}

/* Requirement r of parent_key's mod installed (or found installed) with what it requires in turn;
 * what failed is added to e. */
static void install_requirement(inst *in, const req *r, const char *parent_key, int targeting, errs *e)
{
    depmod *dm = calloc(1, sizeof *dm);
    char *me = NULL;
    int h = dm ? mod_for_requirement(in, r, targeting, dm, &me) : -1;
    if (h < 0) {
        free(dm);
        errs_add(e, me ? me : strdup("out of memory"));
        return;
    }
    char *ie = install_recursive(in, r, dm, h, parent_key, targeting);
    if (h) depmod_free(dm);
    free(dm);
    if (ie) errs_add(e, ie);
}

/* ------------------------------------------------------------------ installed folders, prune */

/* The installed mod folders (NAME@..., NAME#... holding a mod file) of directory fd, rel being its
 * path under .powerpipe/mods; nothing is followed through a link. */
static void scan_installed(inst *in, int fd, const char *rel, int depth)
{
    int dup = fcntl(fd, F_DUPFD_CLOEXEC, 0);
    DIR *d = dup >= 0 ? fdopendir(dup) : NULL;
    if (!d) {
        if (dup >= 0) close(dup);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char r[P], mp[P], ms[P];
        snprintf(r, sizeof r, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        snprintf(mp, sizeof mp, "%s/mod.pp", e->d_name);
        snprintf(ms, sizeof ms, "%s/mod.sp", e->d_name);
        if (mfs_kind(fd, e->d_name) != S_IFDIR) continue;
        if ((strchr(e->d_name, '@') || strchr(e->d_name, '#')) &&
            (mfs_kind(fd, mp) == S_IFREG || mfs_kind(fd, ms) == S_IFREG)) {
            if (strlist_add(&in->installed, &in->ninstalled, r) != 0) in->oom = 1;
        } else if (depth < 8) {
            int sub = mfs_open_dir(fd, e->d_name);
            if (sub >= 0) {
                scan_installed(in, sub, r, depth + 1);
                close(sub);
            }
        }
    }
    closedir(d);
}

/* scan_installed over .powerpipe/mods, the list emptied first */
static void scan_mods(inst *in)
{
    strlist_free(in->installed, in->ninstalled);
    in->installed = NULL;
    in->ninstalled = 0;
    int fd = in->pp_fd >= 0 ? mfs_open_dir(in->pp_fd, "mods") : -1;
    if (fd < 0) return;
    scan_installed(in, fd, "", 0);
    close(fd);
}

static int installed_has(const inst *in, const char *rel)
{
    for (size_t i = 0; i < in->ninstalled; i++)
        if (!strcmp(in->installed[i], rel)) return 1;
    return 0;
}

/* WorkspaceLock.setMissing: entries whose folder is gone are not installed */
static void drop_missing(inst *in)
{
    for (size_t i = 0; i < in->lock.n;) {
        lk_dep *d = &in->lock.deps[i];
        char dp[P];
        dep_path(d, dp, sizeof dp);
        if (d->path ? cli_is_dir(d->path) : installed_has(in, dp))
            i++;
        else
            lk_remove(&in->lock, i);
    }
}

static int is_kept(const lk_lock *keep, const char *rel)
{
    for (size_t k = 0; k < keep->n; k++) {
        char dp[P];
        dep_path(&keep->deps[k], dp, sizeof dp);
        if (!strcmp(dp, rel)) return 1;
    }
    return 0;
}

typedef struct commit_plan {
    const inst *in;
    const lk_lock *keep; /* with --prune: the installed folders it does not name are left out */
} commit_plan;

/* mfs_skip_fn: the folders the shadow directory replaces, and (--prune) those no longer used */
static int left_out(const char *rel, void *ctx)
{
    const commit_plan *c = ctx;
    for (size_t i = 0; i < c->in->nshadowed; i++)
        if (!strcmp(c->in->shadowed[i], rel)) return 1;
    return c->keep && installed_has(c->in, rel) && !is_kept(c->keep, rel);
}

/* The new .powerpipe/mods, made whole beside the old one and swapped in by one rename.
 *
 * Readers (src/index/mod.c) list every mod folder under .powerpipe/mods, so a reader must never
 * see a tree that is half old and half new: the new tree is built in .mods.next.PID (the kept
 * folders hard linked from the old tree, so nothing is copied and the old tree stays whole, the
 * cloned ones renamed in from the shadow directory, the pruned ones left out), then exchanged with
 * .powerpipe/mods in one renameat2(RENAME_EXCHANGE).  A kill at any instant leaves the old tree
 * or the new one in place; what is left beside it (.mods.next.PID, the shadow directory) is
 * removed by the next mod command.  The lock file and mod.pp are written after, each by a rename,
 * and a lock naming a folder that is not there is mended by the next command (drop_missing).  A
 * filesystem without RENAME_EXCHANGE gets two renames, with an instant where no tree is there. */
static int commit_tree(inst *in, const lk_lock *prune_keep, char **err)
{
    size_t pruned = 0;
    for (size_t i = 0; prune_keep && i < in->ninstalled; i++)
        pruned += !is_kept(prune_keep, in->installed[i]);
    if (!in->nshadowed && !pruned) return 0;
    char next[64], old[64];
    snprintf(next, sizeof next, ".mods.next.%ld", (long)getpid());
    snprintf(old, sizeof old, ".mods.old.%ld", (long)getpid());
    commit_plan plan = { in, prune_keep };
    int mods = -1, staged = -1, rc = -1;
    if (open_shadow(in) != 0 || mfs_remove(in->pp_fd, next) != 0 || mkdirat(in->pp_fd, next, 0755) != 0 ||
        (staged = mfs_open_dir(in->pp_fd, next)) < 0)
        goto out;
    mods = mfs_open_dir(in->pp_fd, "mods");
    if (mods < 0 && errno != ENOENT) goto out;
    if (mods >= 0 && mfs_link_tree(mods, staged, left_out, &plan) != 0) goto out;
    for (size_t i = 0; i < in->nshadowed; i++)
        if (mfs_kind(in->shadow_fd, in->shadowed[i]) == S_IFDIR &&
            mfs_move(in->shadow_fd, in->shadowed[i], staged, in->shadowed[i]) != 0)
            goto out;
    if (mods < 0)
        rc = renameat(in->pp_fd, next, in->pp_fd, "mods");
    else if ((rc = mfs_exchange(in->pp_fd, next, "mods")) != 0 && errno == EINVAL)
        rc = renameat(in->pp_fd, "mods", in->pp_fd, old) != 0 ||
                     renameat(in->pp_fd, next, in->pp_fd, "mods") != 0
                 ? -1
                 : mfs_remove(in->pp_fd, old);
out:
    if (rc) *err = errf("could not commit %s/.powerpipe/mods: %s", in->ws, strerror(errno));
    if (mods >= 0) close(mods);
    if (staged >= 0) close(staged);
    if (in->pp_fd >= 0) mfs_remove(in->pp_fd, next); /* the old tree, or the unfinished new one */
    return rc ? -1 : 0;
}

/* ------------------------------------------------------------------ the commands */

static int lock_workspace(const char *ws, int *fd)
{
    int pp = open_powerpipe(ws, 1);
    if (pp < 0) return -1;
    *fd = openat(pp, ".mod-install.lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    int e = errno;
    close(pp);
    errno = e;
    if (*fd < 0) return -1;
    if (flock(*fd, LOCK_EX | LOCK_NB) == 0) return 0;
    fprintf(stderr, "Waiting for another mod command in %s to finish...\n", ws);
    while (flock(*fd, LOCK_EX) != 0)
        if (errno != EINTR) return -1;
    return 0;
}

static void error_out(const char *msg)
{
    fprintf(stderr, "Error: %s\n", msg ? msg : "out of memory");
}

static int abs_dir(const char *dir, char *out)
{
    if (!realpath(dir, out)) return -1;
    return 0;
}

static const char *default_title(const char *ws)
{
    const char *s = strrchr(ws, '/');
    return s && s[1] ? s + 1 : ws;
}

/* modconfig.CreateDefaultMod + Mod.Save: `mod "local"` titled by the folder */
static int create_mod_file(const char *ws, char *path_out)
{
    snprintf(path_out, P, "%s/mod.pp", ws);
    lp_buf b = { 0 };
    lp_buf_puts(&b, "mod \"local\" {\n  title = ");
    lp_json_cstr(&b, default_title(ws));
    lp_buf_puts(&b, "\n}\n");
    int rc = b.oom ? -1 : write_file_atomic(path_out, b.data, b.len);
    lp_buf_free(&b);
    return rc;
}

int mi_init(const char *workspace)
{
    char ws[P], path[P];
    if (abs_dir(workspace, ws) != 0) {
        fprintf(stderr, "Error: %s: %s\n", workspace, strerror(errno));
        return CLI_EXIT_MOD_INIT_FAILED;
    }
    if (cli_is_file_in(ws, "mod.pp") || cli_is_file_in(ws, "mod.sp")) {
        fprintf(stderr, "Warning: Working folder already contains a mod definition file\n");
        return 0;
    }
    if (create_mod_file(ws, path) != 0) {
        fprintf(stderr, "Error: could not write %s: %s\n", path, strerror(errno));
        return CLI_EXIT_MOD_INIT_FAILED;
    }
    printf("Created mod definition file '%s'\n", path);
    return fflush(stdout) != 0;
}

static int load_lock(const char *ws, lk_lock *l)
{
    char p[P];
    snprintf(p, sizeof p, "%s/.mod.cache.json", ws);
    char *text;
    size_t len;
    memset(l, 0, sizeof *l);
    if (cli_read_file(p, &text, &len) != 0) return errno == ENOENT ? 0 : -1;
    char why[160];
    int rc = lk_parse(text, len, l, why, sizeof why);
    free(text);
    if (rc == -2) fprintf(stderr, "Error: %s: %s\n", p, why);
    return rc ? -1 : 0;
}

int mi_list(const char *workspace)
{
    char ws[P];
    modfile f;
    if (abs_dir(workspace, ws) != 0 || modfile_load(ws, &f) <= 0) {
        if (abs_dir(workspace, ws) == 0) modfile_free(&f);
        printf("No mods installed.\n");
        return fflush(stdout) != 0;
    }
    lk_lock l;
    if (load_lock(ws, &l) != 0) {
        modfile_free(&f);
        return 1;
    }
    /* GetModList: the lock's tree from the workspace mod, each level sorted */
    tnode *root = calloc(1, sizeof *root);
    char **keys = NULL;
    size_t nkeys = 0;
    int rc = 1;
    if (root) {
        root->label = f.m.name;
        lk_dep **v = malloc((l.n ? l.n : 1) * sizeof *v);
        if (v) {
            /* build level by level: a node's children are the deps listed under its key */
            tnode *queue[512];
            const char *qkey[512];
            size_t qh = 0, qt = 0;
            queue[qt] = root;
            qkey[qt++] = f.m.name;
            while (qh < qt) {
                tnode *t = queue[qh];
                const char *key = qkey[qh++];
                size_t k = 0;
                for (size_t i = 0; i < l.n; i++)
                    if (!strcmp(l.deps[i].parent, key)) v[k++] = &l.deps[i];
                qsort(v, k, sizeof *v, cmp_depname);
                for (size_t i = 0; i < k; i++) {
                    char full[P];
                    dep_path(v[i], full, sizeof full);
                    if (strlist_add(&keys, &nkeys, full) != 0) break;
                    tnode *c = tree_child(t, keys[nkeys - 1]);
                    if (c && qt < 512 && nkeys < 4096) {
                        queue[qt] = c;
                        qkey[qt++] = keys[nkeys - 1];
                    }
                }
            }
            free(v);
            lp_buf b = { 0 };
            lp_buf_printf(&b, "%s\n", root->label);
            tree_print(&b, root, "");
            if (root->nkids) fputs("\n", stdout);
            fwrite(b.data, 1, b.len, stdout);
            fputs("\n", stdout);
            rc = fflush(stdout) != 0 || b.oom;
            lp_buf_free(&b);
        }
        tree_free(root);
    }
    strlist_free(keys, nkeys);
    lk_free(&l);
    modfile_free(&f);
    return rc;
}

/* NewModVersionConstraint for a command-line argument ("URL[@constraint|#branch]", a directory) */
static int parse_arg(const char *ws, const char *arg, req *r, char **err)
{
    char abs[P];
    if (arg[0] == '/')
        snprintf(abs, sizeof abs, "%s", arg);
    else
        snprintf(abs, sizeof abs, "%s/%s", ws, arg);
    if (cli_is_dir(abs)) {
        char real[P];
        if (!realpath(abs, real)) snprintf(real, sizeof real, "%s", abs);
        modfile f;
        int rc = modfile_load(real, &f);
        modfile_free(&f);
        if (rc <= 0) {
            *err = errf("'%s' does not contain a mod definition", real);
            return -1;
        }
        return req_init(r, real, NULL, NULL, NULL, real) ? (*err = NULL, -1) : 0;
    }
    char name[P];
    snprintf(name, sizeof name, "%s", arg);
    char *at = strchr(name, '@'), *hash = at ? NULL : strchr(name, '#');
    char *sep = at ? at : hash;
    if (sep && strchr(sep + 1, *sep)) {
        *err = errf("invalid mod name %s", arg);
        return -1;
    }
    if (sep) *sep = '\0';
    /* Powerpipe names a mod without its URL scheme (github.com/...) */
    char *n = name;
    if (!strncmp(n, "https://", 8))
        n += 8;
    else if (!strncmp(n, "http://", 7))
        n += 7;
    const char *what = "mod name", *why = mn_name_error(n);
    if (!why && at) why = mn_version_error(at + 1), what = "version";
    if (!why && hash) why = mn_ref_error(hash + 1), what = "branch";
    if (why) {
        *err = errf("invalid arg '%s' - the %s is refused: %s", arg, what, why);
        return -1;
    }
    int rc = req_init(r, n, at ? at + 1 : NULL, hash ? hash + 1 : NULL, NULL, NULL);
    if (rc) *err = NULL;
    return rc;
}

static void inst_free(inst *in)
{
    lk_free(&in->lock);
    lk_free(&in->newlock);
    strlist_free(in->installed, in->ninstalled);
    for (size_t i = 0; i < in->nrefs; i++) {
        free(in->refs[i].name);
        lp_buf_free(&in->refs[i].out);
        free(in->refs[i].err);
    }
    free(in->refs);
    strlist_free(in->shadowed, in->nshadowed);
    paths_free(&in->installed_l);
    paths_free(&in->upgraded);
    paths_free(&in->downgraded);
    paths_free(&in->uninstalled);
}

/* What a killed mod command left under .powerpipe (its shadow directory, its unfinished or old
 * tree: each name ends in its PID), removed by the next one while it holds the workspace's lock;
 * with dead_only, only those whose process runs no more (a dry run, which takes no lock, may be
 * using its shadow).  1 when some such name was there (removed or not), else 0. */
static int remove_stale_shadows(int pp_fd, int dead_only, int dry)
{
    static const char *const left[] = { ".mods.shadow.", ".mods.trash.", ".mods.next.", ".mods.old." };
    int fd = pp_fd >= 0 ? fcntl(pp_fd, F_DUPFD_CLOEXEC, 0) : -1;
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0) close(fd);
        return 0;
    }
    rewinddir(d);   /* (a duplicate shares the offset an earlier listing left at the end) */
    int found = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        for (size_t i = 0; i < sizeof left / sizeof *left; i++) {
            size_t n = strlen(left[i]);
            if (strncmp(e->d_name, left[i], n) != 0) continue;
            char *end;
            long pid = strtol(e->d_name + n, &end, 10);
            int dead = pid > 0 && pid <= INT_MAX && !*end && pid != (long)getpid() &&
                       kill((pid_t)pid, 0) != 0 && errno == ESRCH;
            found = 1;
            if (!dry && (!dead_only || dead)) mfs_remove(pp_fd, e->d_name);
            break;
        }
    closedir(d);
    return found;
}

void mi_remove_stale(const char *workspace)
{
    char ws[P];
    if (abs_dir(workspace, ws) != 0) return;
    int pp = open_powerpipe(ws, 0);
    if (pp < 0) return;
    /* the lock only when something is left, and never waited for: a mod command running (in any
     * process namespace sharing the folder) keeps everything */
    int lock = remove_stale_shadows(pp, 1, 1)
                   ? openat(pp, ".mod-install.lock", O_RDWR | O_NOFOLLOW | O_CLOEXEC)
                   : -1;
    if (lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) == 0) remove_stale_shadows(pp, 1, 0);
    if (lock >= 0) close(lock);
    close(pp);
}

int mi_parse_pull(const char *s, mi_pull *out)
{
    static const char *const names[] = { "minimal", "development", "latest", "full" };
    for (int i = 0; i < 4; i++)
        if (strcasecmp(s, names[i]) == 0) return *out = (mi_pull)i, 0;
    return -1;
}

/* a folder of some version of the mod NAME under .powerpipe/mods (NAME@..., NAME#...) */
static int has_installed_folder(const char *ws, const char *name)
{
    if (mn_name_error(name)) return 0; /* the install refuses it, saying where */
    char dir[P];
    snprintf(dir, sizeof dir, "%s/.powerpipe/mods/%s", ws, name);
    char *slash = strrchr(dir, '/');
    const char *base = slash + 1;
    size_t bl = strlen(base);
    char want[P];
    snprintf(want, sizeof want, "%s", base);
    *slash = '\0';
    DIR *d = opendir(dir);
    if (!d) return 0;
    int found = 0;
    struct dirent *e;
    while (!found && (e = readdir(d)))
        found = !strncmp(e->d_name, want, bl) && (e->d_name[bl] == '@' || e->d_name[bl] == '#');
    closedir(d);
    return found;
}

/* mod install --only-missing (the run commands' --mod-install): is every required mod, apart from
 * those given by path, installed in some version? */
static int nothing_missing(const char *ws, const modfile *wf, int have)
{
    for (size_t i = 0; have > 0 && i < wf->m.nreqs; i++)
        if (!wf->m.reqs[i].path && !has_installed_folder(ws, wf->m.reqs[i].name)) return 0;
    return 1;
}

/* The workspace's require blocks as requirements.  0, or -1 with *err (NULL: out of memory). */
static int workspace_requirements(const modfile *wf, reqs *want, char **err)
{
    for (size_t i = 0; i < wf->m.nreqs; i++) {
        const mf_req *q = &wf->m.reqs[i];
        if (!q->version && !q->branch && !q->tag && !q->path) {
            *err = errf("%s: Failed to load mod require block: one of 'version', 'branch', 'path', or 'tag' "
                        "must be set",
                        wf->path);
            return -1;
        }
        if (q->nul_value) {
            *err = nul_error(wf, q);
            return -1;
        }
        if ((*err = require_error(wf, q, 0))) return -1;
        req *r = reqs_push(want);
        if (!r || req_init(r, q->name, q->version, q->branch, q->tag, q->path) != 0) {
            if (r) want->n--;
            return -1;
        }
    }
    return 0;
}

/* What is wrong with target t (arg as given) for the command, or NULL; an update's target becomes the
 * workspace's requirement of that mod. */
static char *target_error(inst *in, const reqs *want, const char *arg, req *t)
{
    const mi_opts *o = in->o;
    char *e = NULL;
    if (o->command == MI_UPDATE) {
        req *cur = NULL;
        for (size_t k = 0; k < want->n && !cur; k++)
            if (!strcmp(want->v[k].name, t->name)) cur = &want->v[k];
        if (!lk_get(&in->lock, in->root, t->name) || !cur)
            e = errf("cannot update '%s' as it is not a direct dependency of this workspace", arg);
        else if (req_has_version(t))
            e = errf("invalid arg '%s' - cannot specify a version when updating", arg);
        else if (t->branch)
            e = errf("invalid arg '%s' - cannot specify a branch when updating", arg);
        else if (t->path)
            e = errf("invalid arg '%s' - cannot update mod referenced via filepath", arg);
        if (!e) {
            req_free(t);
            if (req_copy(t, cur) != 0) e = strdup("out of memory");
        }
    } else if (o->command == MI_UNINSTALL && req_has_version(t)) {
        e = errf("invalid arg '%s' - cannot specify a version when uninstalling", arg);
    }
    return e;
}

/* The command's targets (GetRequiredModVersionsFromArgs) from its parsed arguments (parse_args; each
 * taken over, parsed is left empty), each mod once (the last one named wins); what is wrong with them
 * for this command goes to *argerr.  0, or -1: out of memory. */
static int parse_targets(inst *in, const reqs *want, reqs *parsed, reqs *targets, errs *argerr)
{
    const mi_opts *o = in->o;
    int rc = 0;
    for (size_t i = 0; i < parsed->n && rc == 0; i++) {
        req t = parsed->v[i];
        memset(&parsed->v[i], 0, sizeof t);
        char *e = target_error(in, want, o->args[i], &t);
        if (e) {
            req_free(&t);
            errs_add(argerr, e);
            continue;
        }
        size_t k = 0;
        while (k < targets->n && strcmp(targets->v[k].name, t.name) != 0) k++;
        req *slot = k < targets->n ? &targets->v[k] : reqs_push(targets);
        if (!slot) {
            req_free(&t);
            rc = -1;
            break;
        }
        if (k < targets->n && slot == &targets->v[k] && slot->name) req_free(slot);
        *slot = t;
    }
    reqs_free(parsed);
    return rc;
}

/* The requirements after the command: uninstall drops its targets (every requirement without one),
 * install adds or replaces its own; sorted by name when they changed.  0, or -1: out of memory. */
static int apply_targets(const mi_opts *o, reqs *want, const reqs *targets)
{
    if (o->command == MI_UNINSTALL) {
        if (!targets->n) reqs_free(want);
        for (size_t k = 0; k < targets->n; k++)
            for (size_t i = 0; i < want->n; i++)
                if (!strcmp(want->v[i].name, targets->v[k].name)) {
                    req_free(&want->v[i]);
                    memmove(&want->v[i], &want->v[i + 1], (want->n - i - 1) * sizeof *want->v);
                    want->n--;
                    break;
                }
    } else if (targets->n && o->command == MI_INSTALL) {
        for (size_t k = 0; k < targets->n; k++) {
            size_t i = 0;
            while (i < want->n && strcmp(want->v[i].name, targets->v[k].name) != 0) i++;
            req *slot = i < want->n ? &want->v[i] : reqs_push(want);
            if (!slot) return -1;
            if (i < want->n && slot == &want->v[i] && slot->name) req_free(slot);
            if (req_copy(slot, &targets->v[k]) != 0) return -1;
        }
    } else {
        return 0;
    }
    if (want->n) qsort(want->v, want->n, sizeof *want->v, cmp_req);
    return 0;
}

/* installMods: each requirement with what it requires in turn.  The number that failed, with *err
 * saying which (NULL: out of memory). */
static size_t install_wanted(inst *in, const reqs *want, const reqs *targets, char **err)
{
    errs e = { 0 };
    for (size_t i = 0; i < want->n; i++) {
        const req *r = &want->v[i];
        /* isCommandTargetingMod: no targets, or this one named with the same version */
        int targeting = !targets->n;
        for (size_t k = 0; k < targets->n && !targeting; k++)
            targeting = !strcmp(targets->v[k].name, r->name) && !strcmp(targets->v[k].vstr, r->vstr);
        install_requirement(in, r, in->root, targeting, &e);
    }
    size_t nerr = e.n;
    if (nerr) {
        char prefix[96];
        snprintf(prefix, sizeof prefix, "%zu %s failed to %s", nerr,
                 plural(nerr, "dependency", "dependencies"),
                 in->o->command == MI_UPDATE ? "update" : "install");
        *err = errs_combine(&e, prefix);
    }
    return nerr;
}

/* The lock file (.mod.cache.json) as the new lock says, removed when nothing is installed.  0, or -1
 * with *err (NULL: out of memory). */
static int write_lock_file(inst *in, const reqs *want, char **err)
{
    char lp[P];
    snprintf(lp, sizeof lp, "%s/.mod.cache.json", in->ws);
    if (in->newlock.n && want->n) {
        char *json = lk_format(&in->newlock), *cur = NULL;
        size_t curlen = 0;
        /* unchanged: not rewritten (a watcher sees no change, and nothing waits on fsync) */
        int same = json && cli_read_file(lp, &cur, &curlen) == 0 && curlen == strlen(json) &&
                   memcmp(cur, json, curlen) == 0;
        free(cur);
        if (!json || (!same && write_file_atomic(lp, json, strlen(json)) != 0)) {
            free(json);
            *err = errf("could not write %s: %s", lp, strerror(errno));
            return -1;
        }
        free(json);
    } else if (unlink(lp) != 0 && errno != ENOENT) {
        *err = errf("could not remove %s: %s", lp, strerror(errno));
        return -1;
    }
    return 0;
}

/* mod.pp's text with its require block as want says, into *text (NULL when that changes nothing),
 * checked to parse as HCL: an edit that would leave mod.pp unreadable is refused before anything is
 * committed.  0, or -1 with *err (NULL: out of memory). */
static int edit_mod_file(const modfile *wf, const reqs *want, char **text, size_t *len, char **err)
{
    *text = NULL;
    mf_want *w = calloc(want->n ? want->n : 1, sizeof *w);
    if (!w) return *err = NULL, -1;
    for (size_t i = 0; i < want->n; i++) {
        const req *r = &want->v[i];
        w[i].name = r->name;
        w[i].attr = r->branch ? "branch" : r->path ? "path" : r->tag ? "tag" : "version";
        w[i].value = r->branch ? r->branch : r->path ? r->path : r->tag ? r->tag : r->vstr;
    }
    char *out = NULL, *why = NULL;
    size_t n = 0;
    int rr = mf_rewrite(wf->text, wf->len, &wf->m, w, want->n, &out, &n);
    free(w);
    if (rr != 0) return *err = NULL, -1;
    if (n == wf->len && memcmp(out, wf->text, n) == 0) {
        free(out);
        return 0;
    }
    int parses = mf_parses(wf->path, out, n, &why);
    if (parses <= 0) {
        *err = parses < 0
                   ? NULL
                   : errf("cannot update %s: the edited file would not be valid HCL - %s", wf->path, why);
        free(why);
        free(out);
        return -1;
    }
    *text = out;
    *len = n;
    return 0;
}

static int write_mod_file(const modfile *wf, const char *text, size_t len, char **err)
{
    if (write_file_atomic(wf->path, text, len) != 0) {
        *err = errf("could not write %s: %s", wf->path, strerror(errno));
        return -1;
    }
    return 0;
}

/* The installed mods in place, then the lock file, then mod.pp (its edit made and checked first);
 * --prune removes what the new lock does not name.  0, or -1 with *err (NULL: out of memory). */
static int save_changes(inst *in, const modfile *wf, const reqs *want, char **err)
{
    char *text = NULL;
    size_t len = 0;
    if (edit_mod_file(wf, want, &text, &len, err) != 0) return -1;
    int failed = commit_tree(in, in->o->prune ? &in->newlock : NULL, err) != 0 ||
                 write_lock_file(in, want, err) != 0 || (text && write_mod_file(wf, text, len, err) != 0);
    free(text);
    if (failed) return -1;
    return 0;
}

/* Powerpipe's summary of what the command did, on stdout unless --quiet.  The exit status. */
static int print_summary(inst *in)
{
    const mi_opts *o = in->o;
    lp_buf out = { 0 };
    if (o->command == MI_UNINSTALL) {
        if (!in->uninstalled.n)
            lp_buf_puts(&out, "Nothing uninstalled\n");
        else {
            summary_part(in, &out, &in->uninstalled, "Uninstalled");
            lp_buf_puts(&out, "\n");
        }
    } else {
        summary_part(in, &out, &in->installed_l, "Installed");
        summary_part(in, &out, &in->upgraded, "Upgraded");
        summary_part(in, &out, &in->downgraded, "Downgraded");
        summary_part(in, &out, &in->uninstalled, "Uninstalled");
        if (!out.len)
            lp_buf_puts(&out, in->newlock.n ? "All targeted mods are up to date" : "No mods are installed");
        /* install trims the summary's trailing newlines, update prints it as built */
        if (o->command == MI_INSTALL)
            while (out.len && out.data[out.len - 1] == '\n') out.data[--out.len] = '\0';
        lp_buf_puts(&out, "\n");
    }
    if (!o->quiet && out.data) fwrite(out.data, 1, out.len, stdout);
    int status = out.oom || fflush(stdout) != 0;
    lp_buf_free(&out);
    return status;
}

static int validate_requirements(const modfile *wf, int force);

/* mod.pp loaded into *wf, made when install finds none (a workspace without one gets it).  0 to go on;
 * else the exit status, with *wf freed. */
static int open_mod_file(inst *in, modfile *wf)
{
    const mi_opts *o = in->o;
    int have = modfile_load(in->ws, wf);
    if (have < 0) {
        error_out(NULL);
        return CLI_EXIT_MOD_INSTALL_FAILED;
    }
    /* a run command's --mod-install is Powerpipe's forced InstallWorkspaceDependencies, which
     * validates the requirements first, whatever is missing: an unmet one is its warning */
    if (o->only_missing && have > 0 && !in->validated) {
        in->validated = 1;
        validate_requirements(wf, 1);
    }
    if (o->only_missing && nothing_missing(in->ws, wf, have)) {
        modfile_free(wf);
        return -1;
    }
    if (have == 0 && (wf->text || o->command != MI_INSTALL)) {
        if (wf->text)
            fprintf(stderr, "Error: failed to load mod definition - %s has no mod block\n", wf->path);
        else
            printf("No mods installed.\n");
        int status = wf->text ? CLI_EXIT_MOD_INSTALL_FAILED : fflush(stdout) != 0;
        modfile_free(wf);
        return status ? status : -1;
    }
    if (have == 0) {
        char path[P];
        if (create_mod_file(in->ws, path) != 0) {
            fprintf(stderr, "Error: could not write %s: %s\n", path, strerror(errno));
            return CLI_EXIT_MOD_INSTALL_FAILED;
        }
        printf("Initializing mod, created mod.pp.\n");
        if (modfile_load(in->ws, wf) <= 0) {
            error_out(NULL);
            modfile_free(wf);
            return CLI_EXIT_MOD_INSTALL_FAILED;
        }
    }
    if (wf->m.syntax_error) {
        fprintf(stderr, "Error: failed to load mod definition - %s: the file is not valid HCL\n", wf->path);
        modfile_free(wf);
        return CLI_EXIT_MOD_INSTALL_FAILED;
    }
    return 0;
}

/* CombineErrors: the distinct messages of the arguments' errors, as one error. */
static void report_arg_errors(errs *argerr)
{
    lp_buf b = { 0 };
    for (size_t i = 0; i < argerr->n; i++) lp_buf_printf(&b, "%s%s", i ? "\n\t" : "", argerr->v[i]);
    strlist_free(argerr->v, argerr->n);
    error_out(b.data);
    lp_buf_free(&b);
}

/* pipe-fittings' Mod.ValidateRequirements of the workspace mod, before anything is installed: its
 * require { powerpipe { min_version } } against the Powerpipe version lazypipe reproduces (AppRequire's
 * ">=MIN-0" constraint).  Plugin versions are
 * not checked: Powerpipe asks the database (Steampipe) for them, mod install here opens none.  Without
 * --force an unmet requirement fails the command; with it, Powerpipe's warning.  1 when it fails. */
static int validate_requirements(const modfile *wf, int force)
{
    const char *min = wf->m.app_min_version;
    if (!min) return 0;
    ms_version want, have;
    if (ms_parse(min, &want) != 0) {
        fprintf(stderr, "Error: invalid required powerpipe version %s\n", min);
        return 1;
    }
    ms_parse(CLI_POWERPIPE_VERSION, &have);   /* a release: >=MIN-0 is then have >= MIN */
    if (ms_compare(&have, &want) >= 0) return 0;
    char msg[512];
    snprintf(msg, sizeof msg, "powerpipe version %s does not satisfy mod.%s which requires version %s",
             CLI_POWERPIPE_VERSION, wf->m.name ? wf->m.name : "", min);
    if (!force) {
        error_out(msg);
        return 1;
    }
    fprintf(stderr, "Warning: --force is set, ignoring 1 mod validation error:\n\t%s\n", msg);
    return 0;
}

/* mod.pp read again once the workspace's lock is held: the first read (made before, so that a command
 * refused or with nothing to do takes no lock and makes no .powerpipe folder) may predate another mod
 * command's edit, and writing an edit of it back would drop what that command installed.  Its
 * requirements are checked again when it changed.  0 to go on; else open_mod_file's answer, with *wf
 * freed. */
static int reread_mod_file(inst *in, modfile *wf)
{
    modfile old = *wf;
    int opened = open_mod_file(in, wf);
    int same = !opened && old.text && wf->text && old.len == wf->len && !memcmp(old.text, wf->text, old.len);
    modfile_free(&old);
    if (opened || same || in->o->command == MI_UNINSTALL || in->o->only_missing ||
        !validate_requirements(wf, in->o->force))
        return opened;
    modfile_free(wf);
    return CLI_EXIT_MOD_INSTALL_FAILED;
}

/* Each argument parsed (mod_name.c's checks: a name, branch or version that could leave the workspace
 * is refused), in order, into *parsed.  0; 1 when any was refused (each reported, nothing kept); -1:
 * out of memory. */
static int parse_args(const inst *in, reqs *parsed)
{
    errs argerr = { 0 };
    for (int i = 0; i < in->o->nargs; i++) {
        req t;
        char *e = NULL;
        if (parse_arg(in->ws, in->o->args[i], &t, &e) != 0) {
            errs_add(&argerr, e);
            continue;
        }
        req *slot = reqs_push(parsed);
        if (!slot) {
            req_free(&t);
            strlist_free(argerr.v, argerr.n);
            reqs_free(parsed);
            return -1;
        }
        *slot = t;
    }
    if (!argerr.n) return 0;
    report_arg_errors(&argerr);   /* (which frees them) */
    reqs_free(parsed);
    return 1;
}

int mi_run(const mi_opts *o)
{
    inst in;
    memset(&in, 0, sizeof in);
    in.o = o;
    in.pp_fd = in.shadow_fd = -1;
    if (abs_dir(o->workspace, in.ws) != 0) {
        fprintf(stderr, "Error: failed to load mod definition - %s: %s\n", o->workspace, strerror(errno));
        return CLI_EXIT_MOD_INSTALL_FAILED;
    }
    modfile wf;
    int opened = open_mod_file(&in, &wf);
    if (opened) return opened < 0 ? 0 : opened;
    int status = CLI_EXIT_MOD_INSTALL_FAILED, lockfd = -1;
    char *err = NULL;
    reqs want = { 0 }, targets = { 0 }, parsed = { 0 };
    /* nothing required nor named: nothing to install, and no .powerpipe folder made for the lock */
    int idle = !wf.m.nreqs && !o->nargs && !cli_is_dir_in(in.ws, ".powerpipe");
    /* a refused argument is refused before anything is made in the workspace (not even the lock) */
    int refused = parse_args(&in, &parsed);
    if (refused < 0) fprintf(stderr, "Error: out of memory\n");
    if (refused || (o->command != MI_UNINSTALL && !o->only_missing && validate_requirements(&wf, o->force))) {
        reqs_free(&parsed);
        modfile_free(&wf);
        return CLI_EXIT_MOD_INSTALL_FAILED;
    }
    if (!o->dry_run && !idle && lock_workspace(in.ws, &lockfd) != 0) {
        fprintf(stderr, "Error: could not lock %s/.powerpipe: %s\n", in.ws, powerpipe_error(errno));
        reqs_free(&parsed);
        modfile_free(&wf);
        return CLI_EXIT_MOD_INSTALL_FAILED;
    }
    if (lockfd >= 0 && (opened = reread_mod_file(&in, &wf)) != 0) {
        reqs_free(&parsed);
        close(lockfd);
        return opened < 0 ? 0 : opened;
    }
    in.root = wf.m.name;
    snprintf(in.mods, sizeof in.mods, "%s/.powerpipe/mods", in.ws);
    snprintf(in.shadow_name, sizeof in.shadow_name, ".mods.shadow.%ld", (long)getpid());
    snprintf(in.shadow, sizeof in.shadow, "%s/.powerpipe/%s", in.ws, in.shadow_name);
    in.pp_fd = open_powerpipe(in.ws, 0);
    if (in.pp_fd < 0 && errno != ENOENT) {
        fprintf(stderr, "Error: could not open %s/.powerpipe: %s\n", in.ws, powerpipe_error(errno));
        goto done;
    }
    if (lockfd >= 0) remove_stale_shadows(in.pp_fd, 0, 0);
    if (load_lock(in.ws, &in.lock) != 0) goto done;
    scan_mods(&in);
    drop_missing(&in);

    errs argerr = { 0 };
    if (workspace_requirements(&wf, &want, &err) != 0) goto fail;
    if (parse_targets(&in, &want, &parsed, &targets, &argerr) != 0) {
        strlist_free(argerr.v, argerr.n);
        goto fail;
    }
    if (argerr.n) {
        report_arg_errors(&argerr);
        goto done;
    }
    if (apply_targets(o, &want, &targets) != 0) goto fail;
    if (install_wanted(&in, &want, &targets, &err)) {
        if (!o->force) goto fail;
        fprintf(stderr, "Warning: --force is set, ignoring: %s\n", err ? err : "out of memory");
        free(err);
        err = NULL;
    }
    /* onInstallComplete */
    char *names[MAX_DEPENDENCY_DEPTH + 2];
    names[0] = in.root;
    if (walk(&in, &in.lock, in.root, names, 1, diff_old) != 0 ||
        walk(&in, &in.newlock, in.root, names, 1, diff_new) != 0 || in.oom)
        goto fail;
    if (!o->dry_run && !idle && save_changes(&in, &wf, &want, &err) != 0) goto fail;
    status = print_summary(&in);
    goto done;
fail:
    /* pipe-fittings also prunes after a failed install; lazypipe leaves everything as it was */
    error_out(err);
done:
    free(err);
    reqs_free(&parsed);   /* (emptied by parse_targets when it ran) */
    reqs_free(&targets);
    if (in.shadow_fd >= 0) close(in.shadow_fd);
    if (in.pp_fd >= 0) {
        mfs_remove(in.pp_fd, in.shadow_name);
        close(in.pp_fd);
    }
    reqs_free(&want);
    in.root = NULL;
    inst_free(&in);
    modfile_free(&wf);
    if (lockfd >= 0) close(lockfd);
    return status;
}
