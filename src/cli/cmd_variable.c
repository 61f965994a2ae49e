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
        /* Powerpipe's Variable objects, one per variable entry */
        int st = LP_OK;
        lp_buf_putc(&b, '[');
        uint32_t n = 0;
        const lp_kind V = LP_KIND_VARIABLE;
        for (uint32_t id = lp_next_of_kind(ws, V, LP_NO_ENTRY); id != LP_NO_ENTRY && st == LP_OK;
             id = lp_next_of_kind(ws, V, id), n++) {
            if (n) lp_buf_putc(&b, ',');
            st = lp_variable_json(ws, id, &b);
        }
        lp_buf_putc(&b, ']');
        rc |= cli_print_document(st, &b, o->format);
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

/* pretty and plain: the variable's row of the list table */
static int variable_table(lp_workspace *ws, uint32_t id)
{
    lp_entry_info e;
    lp_entry_get(ws, id, &e);
    const char *sh = strrchr(e.name, '.') + 1;
    lp_buf text = { 0 }, one = { 0 }, out = { 0 };
    int rc = CLI_OK;
    if (lp_variables_text(ws, &text) != LP_OK || text.oom) rc = CLI_ERRORS;
    /* the header, then the line whose first two cells are this mod and name */
    for (size_t i = 0, line = 0; rc == CLI_OK && i < text.len; line++) {
        const char *p = text.data + i, *nl = memchr(p, '\n', text.len - i);
        size_t n = nl ? (size_t)(nl - p) + 1 : text.len - i;
        size_t ml = strlen(e.mod_name), sl = strlen(sh);
        if (line == 0 || (n > ml + sl + 2 && !memcmp(p, e.mod_name, ml) && p[ml] == '\t' &&
                          !memcmp(p + ml + 1, sh, sl) && p[ml + 1 + sl] == '\t'))
            lp_buf_put(&one, p, n);
        i += n;
    }
    if (rc == CLI_OK && (one.oom || as_table(&one, &out) != 0 || out.oom)) rc = CLI_ERRORS;
    if (rc != CLI_OK) cli_error("out of memory");
    else if (cli_write_stdout(out.data, out.len)) rc = CLI_ERRORS;
    lp_buf_free(&text);
    lp_buf_free(&one);
    lp_buf_free(&out);
    return rc;
}

/* `variable show NAME`: NAME is x, var.x or mod.var.x (the main mod's first) */
int cmd_variable_show(const cli_opts *o)
{
    if (o->nargs != 1) {
        cli_error("\"lazypipe %s\" takes one NAME", o->cmd->words);
        return CLI_USAGE;
    }
    lp_workspace *ws;
    if (cli_open_workspace(o, CLI_OPEN_WAIT, &ws) != 0) return CLI_ERRORS;
    int rc = cli_workspace_errors(ws, 1);
    const char *name = o->args[0];
    uint32_t id = lp_resolve_target(ws, LP_KIND_VARIABLE, name);
    lp_buf b = { 0 };
    if (id == LP_NO_ENTRY) {
        cli_error("variable not found: %s", name);
        rc = CLI_ERRORS;
    } else if (o->format == CLI_FMT_JSON || o->format == CLI_FMT_YAML) {
        lp_buf_putc(&b, '[');
        int st = lp_variable_json(ws, id, &b);
        lp_buf_putc(&b, ']');
        rc |= cli_print_document(st, &b, o->format);
    } else {
        rc |= variable_table(ws, id);
    }
    lp_close(ws);
    return rc;
}
