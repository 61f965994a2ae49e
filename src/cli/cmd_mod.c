/* cmd_mod.c — Powerpipe's `mod` commands that need no installer:
 *
 * `mod list`: the workspace mod's installed dependency mods as a tree under its name (treeprint's
 * layout), each "path@vVERSION", sorted.  Powerpipe builds the tree from its lock file
 * (.mod.cache.json); lazypipe lists what the workspace holds (lp_mod_get: every mod installed under
 * .powerpipe/mods), one level deep, so a dependency's own dependencies are listed beside it rather
 * than under it.  Like every command that opens a workspace, it fails when the config path's .ppc
 * files do not load.
 *
 * `mod install` / `mod uninstall` when there is nothing to do: lazypipe does not install mods (it
 * has no git client or registry access); but a mod without `require` blocks needs nothing
 * installed, and Powerpipe then only reports so: scripts and tests (sp_files.bats) run
 * `powerpipe mod install` before everything else.  These answer as Powerpipe's do in that case
 * (pipe-fittings modinstaller BuildInstallSummary / BuildUninstallSummary) and refuse, saying why,
 * in any other. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int cmd_mod_list(const cli_opts *o)
{
    int rc = cli_check_var_args(o);
    if (rc) return rc;
    lp_workspace *ws;
    if (cli_open_workspace(o, CLI_OPEN_PHASE1, &ws) != 0) return CLI_ERRORS;
    uint32_t n = lp_mod_count(ws);
    char **names = calloc(n ? n : 1, sizeof *names);
    lp_mod_info mi;
    if (!names || lp_mod_get(ws, 0, &mi) != LP_OK) {
        free(names);
        lp_close(ws);
        cli_error("out of memory");
        return CLI_ERRORS;
    }
    lp_buf out = { 0 };
    lp_buf_puts(&out, mi.name);
    lp_buf_putc(&out, '\n');
    uint32_t k = 0;
    for (uint32_t m = 1; m < n; m++) {
        if (lp_mod_get(ws, m, &mi) != LP_OK || !mi.path[0]) continue;
        /* the installed version is in the directory's name: .../name@v1.2.3 */
        const char *at = strrchr(mi.root, '@');
        size_t len = strlen(mi.path) + (at ? strlen(at) : 0) + 1;
        if (!(names[k] = malloc(len))) break;
        snprintf(names[k++], len, "%s%s", mi.path, at ? at : "");
    }
    qsort(names, k, sizeof *names, cmp_str);
    for (uint32_t i = 0; i < k; i++) {
        if (i && strcmp(names[i], names[i - 1]) == 0) continue;
        lp_buf_printf(&out, "%s %s\n", i + 1 == k ? "└──" : "├──", names[i]);
    }
    for (uint32_t i = 0; i < k; i++) free(names[i]);
    free(names);
    lp_close(ws);
    if (out.oom) {
        lp_buf_free(&out);
        cli_error("out of memory");
        return CLI_ERRORS;
    }
    /* Powerpipe prints a blank line before a tree of more than its root */
    int bad = (k && cli_write_stdout("\n", 1)) || cli_write_stdout(out.data, out.len) ||
              cli_write_stdout("\n", 1);
    lp_buf_free(&out);
    return bad ? CLI_ERRORS : CLI_OK;
}

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
