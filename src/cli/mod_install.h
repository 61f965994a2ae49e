/* mod_install.h — Powerpipe's mod installer (pipe-fittings modinstaller), for `mod install`,
 * `mod update`, `mod uninstall`, `mod list` (cmd_mod.c) and the run commands' --mod-install.
 *
 * Getting the code: the `git` program, spawned with posix_spawnp (an argument vector, never a
 * shell), rather than libgit2: git is what users already have configured (credential helpers,
 * url.<base>.insteadOf, proxies, SSH), which libgit2 honours only in part, and a clone is git's own
 * time either way.  `git ls-remote` lists a repository's tags and branches, `git clone --depth 1
 * --branch REF` fetches one version. */
#ifndef LP_MOD_INSTALL_H
#define LP_MOD_INSTALL_H

#include "lazypipe.h"

/* Run git with argv (argv[0] "git", NULL-terminated): its stdout into out, stderr into err.
 * Its exit status, or -1 when it could not be started (err says why). */
int mi_git(const char *const *argv, lp_buf *out, lp_buf *err);

typedef enum mi_command { MI_INSTALL, MI_UPDATE, MI_UNINSTALL } mi_command;
typedef enum mi_pull { MI_PULL_MINIMAL, MI_PULL_DEVELOPMENT, MI_PULL_LATEST, MI_PULL_FULL } mi_pull;

typedef struct mi_opts {
    const char *workspace; /* the mod's directory */
    mi_command command;
    mi_pull pull;
    int dry_run, force, prune;
    const char *const *args; /* mod URLs[@constraint|#branch] or directories */
    int nargs;
    int quiet;        /* print no summary (--mod-install before a run) */
    int only_missing; /* do nothing unless a required mod has no installed folder */
} mi_opts;

/* --pull's value (case-insensitive); 0, or -1 when it is none of the four. */
int mi_parse_pull(const char *s, mi_pull *out);

/* Run the command; prints its summary on stdout and its errors on stderr, as Powerpipe's.
 * Returns the exit status. */
int mi_run(const mi_opts *o);
/* What killed mod commands left under workspace/.powerpipe (.mods.shadow.PID and the unfinished or
 * old trees), removed when their process runs no more and no mod command holds the workspace's lock
 * (not waited for): any command opening the workspace calls it. */
void mi_remove_stale(const char *workspace);
/* `mod list`: the lock file's tree.  Exit status. */
int mi_list(const char *workspace);
/* `mod init`: create mod.pp.  Exit status. */
int mi_init(const char *workspace);

#endif
