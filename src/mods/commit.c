/* commit.c — the files of mod management: the workspace's mod file and lock file read, the new
 * .powerpipe/mods put in place beside the old one and swapped in, the lock file and mod.pp written,
 * the workspace's lock, and what killed commands left removed. */
#include "mods/mods.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mods/fs.h"
#include "mods/name.h"

/* (paths are cut to P bytes where cutting is harmless: see mods.h) */
#pragma GCC diagnostic ignored "-Wformat-truncation"

/* ------------------------------------------------------------------ mod files */

void mm_modfile_free(modfile *f)
{
    free(f->text);
    mf_free(&f->m);
    f->text = NULL;
}

int mm_modfile_load(const char *dir, modfile *f)
{
    return mm_modfile_load_at(-1, dir, f);
}

int mm_modfile_load_at(int dirfd, const char *dir, modfile *f)
{
    memset(f, 0, sizeof *f);
    for (int i = 0; i < 2; i++) {
        const char *name = i ? "mod.sp" : "mod.pp";
        snprintf(f->path, sizeof f->path, "%s/%s", dir, name);
        if ((dirfd >= 0 ? mfs_read(dirfd, name, &f->text, &f->len)
                        : mm_read_file(f->path, &f->text, &f->len)) == 0) {
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

/* ------------------------------------------------------------------ .powerpipe */

/* ws/.powerpipe opened (made first when create and it is missing) without following a link: a cloned
 * workspace can hold a .powerpipe that is a link to anywhere, and nothing is written through it
 * (ELOOP or ENOTDIR then).  The descriptor, or -1 with errno. */
int mm_open_powerpipe(const char *ws, int create)
{
    char p[P];
    snprintf(p, sizeof p, "%s/.powerpipe", ws);
    if (create && mkdir(p, 0755) != 0 && errno != EEXIST) return -1;
    return open(p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/* why open_powerpipe failed, for "Error: could not open ...: WHY" */
const char *mm_powerpipe_error(int e)
{
    return e == ELOOP || e == ENOTDIR ? "it is a symbolic link or not a folder, and mod commands write "
                                        "nothing through it"
                                      : strerror(e);
}

/* .powerpipe (made when missing) and this process's shadow directory under it, opened once */
int mm_open_shadow(inst *in)
{
    if (in->shadow_fd >= 0) return 0;
    if (in->pp_fd < 0 && (in->pp_fd = mm_open_powerpipe(in->ws, 1)) < 0) return -1;
    if (mkdirat(in->pp_fd, in->shadow_name, 0755) != 0 && errno != EEXIST) return -1;
    in->shadow_fd = mfs_open_dir(in->pp_fd, in->shadow_name);
    return in->shadow_fd < 0 ? -1 : 0;
}

/* ------------------------------------------------------------------ installed folders, prune */

/* The installed mod folders (NAME@..., NAME#... holding a mod file) of directory fd, rel being its
 * path under .powerpipe/mods; nothing is followed through a link. */
static void scan_installed(inst *in, int fd, const char *rel, int depth)
{
    DIR *d = mfs_list(fd);
    if (!d) return;
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
            if (mm_strlist_add(&in->installed, &in->ninstalled, r) != 0) in->oom = 1;
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
void mm_scan_mods(inst *in)
{
    mm_strlist_free(in->installed, in->ninstalled);
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
void mm_drop_missing(inst *in)
{
    for (size_t i = 0; i < in->lock.n;) {
        lk_dep *d = &in->lock.deps[i];
        char dp[P];
        lk_dependency_path(d, dp, sizeof dp);
        if (d->path ? mm_is_dir(d->path) : installed_has(in, dp))
            i++;
        else
            lk_remove(&in->lock, i);
    }
}

static int is_kept(const lk_lock *keep, const char *rel)
{
    for (size_t k = 0; k < keep->n; k++) {
        char dp[P];
        lk_dependency_path(&keep->deps[k], dp, sizeof dp);
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
    if (mm_open_shadow(in) != 0 || mfs_remove(in->pp_fd, next) != 0 || mkdirat(in->pp_fd, next, 0755) != 0 ||
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
    if (rc) *err = mm_errf("could not commit %s/.powerpipe/mods: %s", in->ws, strerror(errno));
    if (mods >= 0) close(mods);
    if (staged >= 0) close(staged);
    if (in->pp_fd >= 0) mfs_remove(in->pp_fd, next); /* the old tree, or the unfinished new one */
    return rc ? -1 : 0;
}

/* ------------------------------------------------------------------ the workspace's lock, the lock file */

int mm_lock_workspace(const mm_sink *s, const char *ws, int *fd)
{
    int pp = mm_open_powerpipe(ws, 1);
    if (pp < 0) return -1;
    *fd = openat(pp, ".mod-install.lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    int e = errno;
    close(pp);
    errno = e;
    if (*fd < 0) return -1;
    if (flock(*fd, LOCK_EX | LOCK_NB) == 0) return 0;
    mm_say(s, LP_MODS_NOTICE, "Waiting for another mod command in %s to finish...", ws);
    while (flock(*fd, LOCK_EX) != 0)
        if (errno != EINTR) return -1;
    return 0;
}

int mm_read_lock_text(const char *ws, char **text, size_t *len)
{
    int fd = open(ws, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc = fd < 0 ? -1 : mfs_read(fd, ".mod.cache.json", text, len);
    int e = errno;
    if (fd >= 0) close(fd);
    errno = e;
    return rc;
}

int mm_load_lock(const mm_sink *s, const char *ws, lk_lock *l)
{
    char p[P];
    snprintf(p, sizeof p, "%s/.mod.cache.json", ws);
    char *text;
    size_t len;
    memset(l, 0, sizeof *l);
    if (mm_read_lock_text(ws, &text, &len) != 0) {
        if (errno == ENOENT) return 0;
        mm_say(s, LP_MODS_ERROR, "%s: %s", p,
               errno == ELOOP || errno == EINVAL
                   ? "it is not a regular file, and mod commands read no lock file "
                     "through a link"
                   : strerror(errno));
        return -1;
    }
    char why[160];
    int rc = lk_parse(text, len, l, why, sizeof why);
    free(text);
    if (rc == -2) mm_say(s, LP_MODS_ERROR, "%s: %s", p, why);
    return rc ? -1 : 0;
}
/* What a killed mod command left under .powerpipe (its shadow directory, its unfinished or old
 * tree: each name ends in its PID), removed by the next one while it holds the workspace's lock;
 * with dead_only, only those whose process runs no more (a dry run, which takes no lock, may be
 * using its shadow).  1 when some such name was there (removed or not), else 0. */
int mm_remove_stale_shadows(int pp_fd, int dead_only, int dry)
{
    static const char *const left[] = { ".mods.shadow.", ".mods.trash.", ".mods.next.", ".mods.old." };
    DIR *d = mfs_list(pp_fd);
    if (!d) return 0;
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

void lp_mods_remove_stale(const char *workspace)
{
    char ws[P];
    if (mm_abs_dir(workspace, ws) != 0) return;
    int pp = mm_open_powerpipe(ws, 0);
    if (pp < 0) return;
    /* the lock only when something is left, and never waited for: a mod command running (in any
     * process namespace sharing the folder) keeps everything */
    int lock = mm_remove_stale_shadows(pp, 1, 1)
                   ? openat(pp, ".mod-install.lock", O_RDWR | O_NOFOLLOW | O_CLOEXEC)
                   : -1;
    if (lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) == 0) mm_remove_stale_shadows(pp, 1, 0);
    if (lock >= 0) close(lock);
    close(pp);
}
/* a folder of some version of the mod NAME under .powerpipe/mods (NAME@..., NAME#...) */
static int has_installed_folder(const char *ws, const char *name)
{
    if (mn_name_error(name)) return 0; /* the install refuses it, saying where */
    char dir[P];
    snprintf(dir, sizeof dir, "mods/%s", name);
    char *slash = strrchr(dir, '/');
    const char *base = slash + 1;
    size_t bl = strlen(base);
    char want[P];
    snprintf(want, sizeof want, "%s", base);
    *slash = '\0';
    int pp = mm_open_powerpipe(ws, 0);
    int fd = pp >= 0 ? mfs_open_dir(pp, dir) : -1;
    DIR *d = mfs_list(fd);
    if (pp >= 0) close(pp);
    if (fd >= 0) close(fd);
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
int mm_nothing_missing(const char *ws, const modfile *wf, int have)
{
    for (size_t i = 0; have > 0 && i < wf->m.nreqs; i++)
        if (!wf->m.reqs[i].path && !has_installed_folder(ws, wf->m.reqs[i].name)) return 0;
    return 1;
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
        int same = json && mm_read_lock_text(in->ws, &cur, &curlen) == 0 && curlen == strlen(json) &&
                   memcmp(cur, json, curlen) == 0;
        free(cur);
        if (!json || (!same && mm_write_file_atomic(lp, json, strlen(json)) != 0)) {
            free(json);
            *err = mm_errf("could not write %s: %s", lp, strerror(errno));
            return -1;
        }
        free(json);
    } else if (unlink(lp) != 0 && errno != ENOENT) {
        *err = mm_errf("could not remove %s: %s", lp, strerror(errno));
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
                   : mm_errf("cannot update %s: the edited file would not be valid HCL - %s", wf->path, why);
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
    if (mm_write_file_atomic(wf->path, text, len) != 0) {
        *err = mm_errf("could not write %s: %s", wf->path, strerror(errno));
        return -1;
    }
    return 0;
}

/* The installed mods in place, then the lock file, then mod.pp (its edit made and checked first);
 * --prune removes what the new lock does not name.  0, or -1 with *err (NULL: out of memory). */
int mm_save_changes(inst *in, const modfile *wf, const reqs *want, char **err)
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
