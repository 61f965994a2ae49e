/* cmd_variable.c — `lazypipe [--mod-location DIR] [--var n=v] [--var-file F]
 * variable list [--output json]`.
 *
 * Opens the workspace, waits for variables to be resolved (always: the values
 * are the point of the command) and prints every variable of the main mod and
 * its dependencies: a table by default, or the JSON array described at
 * lp_variables_json.  Exit status 0, or 1 when the workspace could not be
 * opened or resolution reported errors (a required variable without a value,
 * a bad --var).
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

int cmd_variable_list(const cli_opts *o)
{
    if (o->output && strcmp(o->output, "json") != 0 && strcmp(o->output, "pretty") != 0 &&
        strcmp(o->output, "table") != 0) {
        fprintf(stderr, "lazypipe: variable list: unknown output format '%s'\n", o->output);
        return 2;
    }
    if (cli_reject_args(o)) return 2;
    lp_workspace *ws;
    if (cli_open_workspace(o, CLI_OPEN_WAIT, &ws) != 0) return 1;
    int errors = 0;
    for (uint32_t i = 0; i < lp_resolve_diag_count(ws); i++)
        if (lp_resolve_diag_at(ws, i)->severity == LP_SEV_ERROR) errors++;
    lp_buf b = { 0 };
    int rc = o->output && strcmp(o->output, "json") == 0 ? lp_variables_json(ws, &b) : lp_variables_text(ws, &b);
    int wr = rc == LP_OK ? cli_write_stdout(b.data, b.len) : 1;
    if (!wr && o->output && strcmp(o->output, "json") == 0) wr = cli_write_stdout("\n", 1);
    lp_buf_free(&b);
    lp_close(ws);
    return rc != LP_OK || wr ? 1 : errors ? 1 : 0;
}
