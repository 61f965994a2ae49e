/* lazypipe_mods.h — mod management: Powerpipe's `mod init|install|update|uninstall|list` and the run
 * commands' --mod-install (pipe-fittings modinstaller), as functions of liblazypipe.a
 * (docs/mods.md).  A host (the lazypipe command, a server, a test) calls them on a workspace
 * directory; they install a mod's dependencies from git into WORKSPACE/.powerpipe/mods and keep
 * mod.pp's `require` block and the lock file (.mod.cache.json) as Powerpipe does.
 *
 * The library prints nothing: every message goes to the host's callback with its level, and the
 * functions return the exit status Powerpipe's command would have (0, LP_MODS_EXIT_*).  The text is
 * what lazypipe prints; the lazypipe command writes LP_MODS_OUTPUT as it is on stdout and each other
 * message on its own line of stderr (LP_MODS_WARNING after "Warning: ", LP_MODS_ERROR after
 * "Error: ").
 *
 * Two mod commands in one workspace take turns (a lock file under .powerpipe), in one process or
 * many.  A process runs one mod command per workspace at a time (its temporary folders under
 * .powerpipe are named after the process), from any thread.  They spawn `git` (posix_spawnp) and
 * wait for it. */
#ifndef LAZYPIPE_MODS_H
#define LAZYPIPE_MODS_H

#include "lazypipe.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The Powerpipe release whose behaviour lazypipe reproduces: a mod's `require { powerpipe {
 * min_version } }` is checked against it. */
#define LP_MODS_POWERPIPE_VERSION "1.5.2"

/* The exit statuses of a failed command (pipe-fittings' ExitCodeModInitFailed and
 * ExitCodeModInstallFailed). */
enum { LP_MODS_EXIT_INIT_FAILED = 61, LP_MODS_EXIT_INSTALL_FAILED = 62 };

typedef enum lp_mods_level {
    LP_MODS_OUTPUT,  /* the command's result (Powerpipe's stdout): the text verbatim, newlines included */
    LP_MODS_NOTICE,  /* progress ("Waiting for another mod command ..."): one line, without its newline */
    LP_MODS_WARNING, /* a warning: one message (it may hold "\n\t" continuation lines) */
    LP_MODS_ERROR    /* the error that fails the command, or a problem lp_mods_check found */
} lp_mods_level;

/* A message: text is NUL-terminated and valid during the call only.  Called on the calling thread. */
typedef void (*lp_mods_msg_fn)(void *ctx, lp_mods_level level, const char *text);

typedef enum lp_mods_command { LP_MODS_INSTALL, LP_MODS_UPDATE, LP_MODS_UNINSTALL } lp_mods_command;
/* --pull: which installed versions are checked for newer tags or commits */
typedef enum lp_mods_pull {
    LP_MODS_PULL_MINIMAL,
    LP_MODS_PULL_DEVELOPMENT,
    LP_MODS_PULL_LATEST,
    LP_MODS_PULL_FULL
} lp_mods_pull;

typedef struct lp_mods_opts {
    const char *workspace; /* the mod's directory */
    lp_mods_command command;
    lp_mods_pull pull;
    int dry_run, force, prune;
    const char *const *args; /* mod URLs[@constraint|#branch] or directories, nargs of them */
    int nargs;
    int quiet;        /* no summary (--mod-install before a run) */
    int only_missing; /* nothing unless a required mod has no installed folder (--mod-install) */
    lp_mods_msg_fn msg; /* NULL: messages dropped */
    void *msg_ctx;
} lp_mods_opts;

/* --pull's value (case-insensitive): 0, or -1 when it is none of the four. */
int lp_mods_parse_pull(const char *s, lp_mods_pull *out);
/* `mod install|update|uninstall`: the exit status (0; LP_MODS_EXIT_INSTALL_FAILED, also for no
 * options or no workspace; 1 when its summary could not be made for lack of memory). */
int lp_mods_run(const lp_mods_opts *o);
/* `mod init`: mod.pp created in workspace.  The exit status (0 or LP_MODS_EXIT_INIT_FAILED). */
int lp_mods_init(const char *workspace, lp_mods_msg_fn msg, void *msg_ctx);
/* `mod list`: the lock file's tree, as one LP_MODS_OUTPUT message.  The exit status. */
int lp_mods_list(const char *workspace, lp_mods_msg_fn msg, void *msg_ctx);
/* What killed mod commands left under workspace/.powerpipe (.mods.shadow.PID and the unfinished or
 * old trees), removed when their process runs no more and no mod command holds the workspace's
 * lock (never waited for).  For any host opening a workspace. */
void lp_mods_remove_stale(const char *workspace);
/* Whether an opened workspace's dependencies are installed as its mod.pp and lock file say, as
 * Powerpipe checks before it loads one: a required mod or a locked folder missing is one
 * LP_MODS_ERROR ("not all dependencies are installed ..."), else each requirement whose installed
 * version does not satisfy its constraint is one, at the require's file:line:col.  The number of
 * problems reported (0: the workspace may be used). */
int lp_mods_check(const lp_workspace *ws, lp_mods_msg_fn msg, void *msg_ctx);

#ifdef __cplusplus
}
#endif

#endif
