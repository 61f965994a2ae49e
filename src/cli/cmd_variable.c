/* cmd_variable.c — `lazypipe [--var n=v] [--var-file F] variable list|show
 * [--output pretty|plain|yaml|json]`.
 *
 * Opens the workspace, waits for variables to be resolved (always: the values
 * are the point of the command) and prints the variables of the main mod and
 * its dependencies as Powerpipe prints its Variable resources: pretty and
 * plain as every resource list and show (pipe-fittings' ModTreeItemImpl
 * GetListData and GetShowData: `list` is the MOD and NAME table, `show` the
 * Name, Description and Mod fields), json and yaml as Powerpipe's Variable
 * objects (lp_variable_json: values, defaults, types).  Exit status 0, or 1
 * when the workspace could not be opened or resolution reported errors (a
 * required variable without a value).
 */
#include "cli.h"

#include <stdlib.h>
#include <unistd.h>

int cmd_variable_list(const cli_opts *o)
{
    lp_workspace *ws;
    if (cli_open_workspace(o, CLI_OPEN_WAIT, &ws) != 0) return CLI_ERRORS;
    int rc = cli_workspace_errors(ws, 1);
    lp_buf b = { 0 };
    const lp_kind V = LP_KIND_VARIABLE;
    if (o->format == CLI_FMT_YAML) {
        /* the same objects as values */
        lp_value **items = NULL;
        size_t n = 0, cap = 0;
        int st = LP_OK;
        for (uint32_t id = lp_next_of_kind(ws, V, LP_NO_ENTRY); id != LP_NO_ENTRY && st == LP_OK;
             id = lp_next_of_kind(ws, V, id)) {
            if (n == cap) {
                lp_value **grown = realloc(items, (cap = cap ? cap * 2 : 16) * sizeof *items);
                if (!grown) {
                    st = LP_ERR_NOMEM;
                    break;
                }
                items = grown;
            }
            st = lp_variable_value(ws, id, &items[n]);
            if (st == LP_OK) n++;
        }
        rc |= cli_print_yaml_items(st, items, n);
        free(items);
    } else if (o->format == CLI_FMT_JSON) {
        /* Powerpipe's Variable objects, one per variable entry */
        int st = LP_OK;
        lp_buf_putc(&b, '[');
        uint32_t n = 0;
        for (uint32_t id = lp_next_of_kind(ws, V, LP_NO_ENTRY); id != LP_NO_ENTRY && st == LP_OK;
             id = lp_next_of_kind(ws, V, id), n++) {
            if (n) lp_buf_putc(&b, ',');
            st = lp_variable_json(ws, id, &b);
        }
        lp_buf_putc(&b, ']');
        rc |= cli_print_document(st, &b, o->format);
    } else {
        rc |= cli_print_text(cli_list_table(ws, LP_KIND_VARIABLE, &b), &b);
    }
    cli_close(ws);
    return rc;
}

/* `variable show NAME`: NAME is x, var.x or mod.var.x (the main mod's first) */
int cmd_variable_show(const cli_opts *o)
{
    lp_workspace *ws;
    int rc;
    int bad = cli_open_for_show(o, &ws, &rc);
    if (bad) return bad;
    const char *name = o->args[0];
    uint32_t id = lp_resolve_target(ws, LP_KIND_VARIABLE, name);
    lp_buf b = { 0 };
    if (id == LP_NO_ENTRY) {
        char hint[300];
        cli_error("variable not found: %s%s", name,
                  cli_suggest_entry(ws, LP_KIND_VARIABLE, name, hint, sizeof hint));
        rc = CLI_ERRORS;
    } else if (o->format == CLI_FMT_JSON) {
        lp_buf_putc(&b, '[');
        int st = lp_variable_json(ws, id, &b);
        lp_buf_putc(&b, ']');
        rc |= cli_print_document(st, &b, o->format);
    } else if (o->format == CLI_FMT_YAML) {
        lp_value *v = NULL;
        rc |= cli_print_yaml_items(lp_variable_value(ws, id, &v), &v, 1);
    } else {
        /* escape codes only where a terminal shows them, as every show */
        int color = o->format == CLI_FMT_PRETTY && isatty(STDOUT_FILENO);
        rc |= cli_print_text(cli_show_variable(ws, id, color, &b), &b);
    }
    cli_close(ws);
    return rc;
}
