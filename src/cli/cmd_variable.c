/* cmd_variable.c — `lazypipe [--var n=v] [--var-file F] variable list
 * [--output pretty|plain|yaml|json]`.
 *
 * Opens the workspace, waits for variables to be resolved (always: the values
 * are the point of the command) and prints every variable of the main mod and
 * its dependencies: a table (the library's tab-separated text laid out as a
 * Powerpipe list table), or the array described at lp_variables_json as JSON
 * or YAML.  Exit status 0, or 1 when the workspace could not be opened or
 * resolution reported errors (a required variable without a value).
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* The library's text form (a header line, then one line per variable,
 * cells separated by tabs) as a list table. */
static int as_table(const lp_buf *text, lp_buf *out)
{
    cli_table t = { 0, 0, 0, NULL };
    char *copy = malloc(text->len + 1);
    if (!copy) return -1;
    memcpy(copy, text->data ? text->data : "", text->len);
    copy[text->len] = '\0';
    int rc = 0;
    const char *cells[32];
    for (char *line = copy, *next; line && *line && rc == 0; line = next) {
        next = strchr(line, '\n');
        if (next) *next++ = '\0';
        size_t n = 0;
        for (char *c = line, *tab; c && n < 32; c = tab) {
            tab = strchr(c, '\t');
            if (tab) *tab++ = '\0';
            cells[n++] = c;
        }
        if (t.ncols == 0) rc = cli_table_init(&t, n, cells);
        else if (n == t.ncols) rc = cli_table_add(&t, cells);
    }
    if (rc == 0) cli_table_render(&t, out);
    cli_table_free(&t);
    free(copy);
    return rc;
}

int cmd_variable_list(const cli_opts *o)
{
    lp_workspace *ws;
    if (cli_open_workspace(o, CLI_OPEN_WAIT, &ws) != 0) return CLI_ERRORS;
    int rc = cli_workspace_errors(ws, 1);
    lp_buf b = { 0 };
    if (o->format == CLI_FMT_JSON || o->format == CLI_FMT_YAML) {
        rc |= cli_print_document(lp_variables_json(ws, &b), &b, o->format);
    } else {
        lp_buf out = { 0 };
        if (lp_variables_text(ws, &b) != LP_OK || b.oom || as_table(&b, &out) != 0 || out.oom) {
            cli_error("out of memory");
            rc = CLI_ERRORS;
        } else if (cli_write_stdout(out.data, out.len)) {
            rc = CLI_ERRORS;
        }
        lp_buf_free(&out);
        lp_buf_free(&b);
    }
    lp_close(ws);
    return rc;
}
