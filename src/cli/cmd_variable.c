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
    lp_workspace_opts wo = {
        .vars = o->vars, .nvars = (size_t)o->nvars,
        .var_files = o->var_files, .nvar_files = (size_t)o->nvar_files,
        .diag = cli_print_diag,
    };
    lp_workspace *ws;
    lp_error err;
    if (lp_open(o->mod_location, &wo, &ws, &err) != LP_OK) {
        fprintf(stderr, "lazypipe: %s\n", err.message);
        return 1;
    }
    lp_wait_resolved(ws, -1);
    int errors = 0;
    for (uint32_t i = 0; i < lp_resolve_diag_count(ws); i++) {
        const lp_diag *d = lp_resolve_diag_at(ws, i);
        cli_print_diag(NULL, d);
        if (d->severity == LP_SEV_ERROR) errors++;
    }
    lp_buf b = { 0 };
    int rc = o->output && strcmp(o->output, "json") == 0 ? lp_variables_json(ws, &b) : lp_variables_text(ws, &b);
    int wr = rc == LP_OK ? cli_write_stdout(b.data, b.len) : 1;
    if (!wr && o->output && strcmp(o->output, "json") == 0) wr = cli_write_stdout("\n", 1);
    lp_buf_free(&b);
    lp_close(ws);
    return rc != LP_OK || wr ? 1 : errors ? 1 : 0;
}
