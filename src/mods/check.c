/* check.c — lp_mods_check: are an opened workspace's dependencies installed as its mod.pp and lock
 * file (.mod.cache.json) say?  Powerpipe asks before it loads a workspace (pipe-fittings
 * EnsureWorkspaceLock, loadModDependency) and stops at the first problem with one line, whatever
 * and however many are missing; a version that no longer satisfies an edited mod.pp's constraint
 * is named, each one, at its require block. */
#include "mods/mods.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mods/fs.h"

/* The workspace's lock file into *lock: 0, or -1 when there is none or it does not parse (`mod
 * install`'s to report). */
static int read_lock_file(const lp_workspace *ws, lk_lock *lock)
{
    char *text;
    size_t len;
    if (mm_read_lock_text(lp_workspace_dir(ws), &text, &len) != 0) return -1;
    int rc = lk_parse(text, len, lock, NULL, 0) == 0 ? 0 : -1;
    free(text);
    return rc;
}

/* The requirements whose installed version (the lock file's) does not satisfy their version
 * constraint: mod.pp was edited after `mod install`.  Powerpipe refuses to load such a workspace
 * ("not all dependencies are installed"); so does lazypipe, naming each.  Without a lock file
 * (mods put in place by hand) nothing is checked. */
static int unsatisfied_dependencies(const lp_workspace *ws, const mm_sink *s)
{
    lk_lock lock;
    lp_mod_info main_mod;
    int bad = 0;
    if (lp_mod_get(ws, 0, &main_mod) != LP_OK || read_lock_file(ws, &lock) != 0) return 0;
    for (uint32_t i = 0; i < lp_require_count(ws); i++) {
        lp_require_info ri;
        ms_constraint c;
        if (lp_require_get(ws, i, &ri) != LP_OK || !ri.version[0] || ms_constraint_parse(ri.version, &c) != 0)
            continue;
        const lk_dep *d = lk_get(&lock, main_mod.name, ri.path);
        if (!d || (d->has_version && ms_check(&c, &d->version))) continue;
        char dp[1024];
        lk_dependency_path(d, dp, sizeof dp);
        mm_say(s, LP_MODS_ERROR,
               "%s:%u:%u: mod dependencies not satisfied: %s is installed, which does not satisfy version "
               "\"%s\"; run 'lazypipe mod install' in %s",
               ri.file, ri.line, ri.col, dp, ri.version, lp_workspace_dir(ws));
        bad++;
    }
    lk_free(&lock);
    return bad;
}

/* A folder the lock file names for a dependency is not there: Powerpipe's lock moves such an
 * entry to its missing versions (pipe-fittings WorkspaceLock.setMissing), for a dependency's
 * dependency as for the main mod's own.  A file-path dependency (`path`) is the installer's to
 * check.  A folder that would leave .powerpipe/mods (an absolute name, a `..` part: a hostile lock
 * file) is no installed mod. */
static int lock_folder_missing(const lk_dep *d, int pp)
{
    if (d->path) return 0;
    char dp[1024], rel[P];
    lk_dependency_path(d, dp, sizeof dp);
    int n = snprintf(rel, sizeof rel, "mods/%s", dp);
    /* (fs.h refuses an absolute name or a `..` part, and follows no link) */
    return n < 0 || (size_t)n >= sizeof rel || mfs_kind(pp, rel) != S_IFDIR;
}

/* Does the lock file name an installed folder that is not there?  No lock file, or one that does
 * not parse (`mod install`'s to report): nothing is checked. */
static int locked_folders_missing(const lp_workspace *ws)
{
    lk_lock lock;
    if (read_lock_file(ws, &lock) != 0) return 0;
    int pp = mm_open_powerpipe(lp_workspace_dir(ws), 0);
    int missing = 0;
    for (size_t i = 0; i < lock.n && !missing; i++)
        missing = pp < 0 || lock_folder_missing(&lock.deps[i], pp);
    if (pp >= 0) close(pp);
    lk_free(&lock);
    return missing;
}

int lp_mods_check(const lp_workspace *ws, lp_mods_msg_fn msg, void *msg_ctx)
{
    const mm_sink s = { msg, msg_ctx };
    if (!ws) return 0;
    int missing = 0;
    for (uint32_t i = 0; i < lp_require_count(ws) && !missing; i++) {
        lp_require_info ri;
        missing = lp_require_get(ws, i, &ri) == LP_OK && !ri.installed;
    }
    if (missing || locked_folders_missing(ws)) {
        mm_say(&s, LP_MODS_ERROR, "not all dependencies are installed - run 'lazypipe mod install'");
        return 1;
    }
    return unsatisfied_dependencies(ws, &s);
}
