/* cmd_mod.c — `lazypipe mod list`: Powerpipe's `powerpipe mod list`, the workspace mod's installed
 * dependency mods as a tree under its name (treeprint's layout), each "path@vVERSION", sorted.
 *
 * Powerpipe builds the tree from its lock file (.mod.cache.json); lazypipe lists what the
 * workspace holds (lp_mod_get: every mod installed under .powerpipe/mods), one level deep, so a
 * dependency's own dependencies are listed beside it rather than under it.  Like every command
 * that opens a workspace, it fails when the config path's .ppc files do not load. */
#include "cli.h"

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
