/* cmd_mod.c — Powerpipe's `mod` commands (internal/cmd/mod.go): init, install, update, uninstall
 * and list, over the installer of mod_install.c.  They work on --mod-location itself (default
 * the current directory), as Powerpipe's do, not on a mod found above it. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "mod_install.h"

static int run(const cli_opts *o, mi_command command)
{
    mi_pull pull = command == MI_UNINSTALL ? MI_PULL_MINIMAL : MI_PULL_LATEST;
    if (o->pull && mi_parse_pull(o->pull, &pull) != 0) {
        cli_error(
            "invalid argument \"%s\" for \"--pull\" flag: must be one of: latest, development, full, minimal",
            o->pull);
        return CLI_USAGE;
    }
    mi_opts mo = { .workspace = o->mod_location,
                   .command = command,
                   .pull = pull,
                   .dry_run = o->dry_run,
                   .force = o->force,
                   .prune = o->prune,
                   .args = (const char *const *)o->args,
                   .nargs = o->nargs };
    return mi_run(&mo);
}

int cmd_mod_install(const cli_opts *o)
{
    return run(o, MI_INSTALL);
}
int cmd_mod_update(const cli_opts *o)
{
    return run(o, MI_UPDATE);
}
int cmd_mod_uninstall(const cli_opts *o)
{
    return run(o, MI_UNINSTALL);
}
int cmd_mod_init(const cli_opts *o)
{
    return mi_init(o->mod_location);
}
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* `mod list` without a lock file (a workspace whose mods were put in place by hand): the mods
 * the workspace holds, one level deep under its name */
static int list_from_workspace(lp_workspace *ws)
{
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
    int bad =
        (k && cli_write_stdout("\n", 1)) || cli_write_stdout(out.data, out.len) || cli_write_stdout("\n", 1);
    lp_buf_free(&out);
    return bad ? CLI_ERRORS : CLI_OK;
}

enum { EXIT_MOD_INSTALL_FAILED = 62 }; /* pipe-fittings constants.ExitCodeModInstallFailed */

int cmd_mod_list(const cli_opts *o)
{
    int rc = cli_check_var_args(o);
    if (rc) return rc;
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/mod.pp", o->mod_location);
    int has_mod = stat(path, &st) == 0;
    snprintf(path, sizeof path, "%s/mod.sp", o->mod_location);
    has_mod |= stat(path, &st) == 0;
    if (!has_mod) {
        printf("No mods installed.\n");
        return fflush(stdout) != 0;
    }
    /* like every command that opens a workspace, it fails when the config does not load */
    lp_workspace *ws;
    if (cli_open_workspace(o, CLI_OPEN_PHASE1, &ws) != 0) return CLI_ERRORS;
    snprintf(path, sizeof path, "%s/.mod.cache.json", o->mod_location);
    if (stat(path, &st) != 0) return list_from_workspace(ws);
    lp_close(ws);
    return mi_list(o->mod_location);
}
