/* cmd_mod.c — `mod install` and `mod uninstall` when there is nothing to do.
 *
 * lazypipe does not install mods (it has no git client or registry access); but a mod without
 * `require` blocks needs nothing installed, and Powerpipe then only reports so: scripts and tests
 * (sp_files.bats) run `powerpipe mod install` before everything else.  These commands answer as
 * Powerpipe's do in that case (pipe-fittings modinstaller BuildInstallSummary /
 * BuildUninstallSummary) and refuse, saying why, in any other. */
#include "cli.h"

#include <stdio.h>

enum { EXIT_MOD_INSTALL_FAILED = 62 };   /* pipe-fittings constants.ExitCodeModInstallFailed */

static int mod_cmd(const cli_opts *o, int install)
{
    const char *verb = install ? "install" : "uninstall";
    if (o->nargs > 0) {
        cli_error("lazypipe does not %s mods; use 'powerpipe mod %s %s'", verb, verb, o->args[0]);
        return EXIT_MOD_INSTALL_FAILED;
    }
    lp_workspace *ws = NULL;
    if (cli_open_workspace(o, CLI_OPEN_PHASE1, &ws) != 0) {
        cli_error("lazypipe does not %s mods; use 'powerpipe mod %s'", verb, verb);
        return EXIT_MOD_INSTALL_FAILED;
    }
    uint32_t nreq = lp_require_count(ws);
    lp_close(ws);
    if (nreq > 0) {
        cli_error("this mod requires %u mod%s and lazypipe does not %s mods; use 'powerpipe mod %s'", nreq,
                  nreq == 1 ? "" : "s", verb, verb);
        return EXIT_MOD_INSTALL_FAILED;
    }
    /* nothing required, so nothing installed or to uninstall */
    printf("%s\n", install ? "No mods are installed" : "Nothing uninstalled");
    return fflush(stdout) != 0;
}

int cmd_mod_install(const cli_opts *o) { return mod_cmd(o, 1); }
int cmd_mod_uninstall(const cli_opts *o) { return mod_cmd(o, 0); }
