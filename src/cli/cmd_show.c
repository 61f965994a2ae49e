/* cmd_show.c — `lazypipe <type> show NAME [--output pretty|plain|yaml|json]`
 * for every type Powerpipe's show accepts.
 *
 * NAME is resolved as Powerpipe resolves targets (lp_resolve_target: 1, 2 or
 * 3 parts, the main mod first), then loaded whole (lp_load_entry: every
 * attribute evaluated, its tree of children).  json and yaml: the loaded
 * resource's document (lp_resource_json) as the one item of a list, as
 * Powerpipe's JSON and YAML printers marshal PrintableResource.GetItems().  pretty and plain: Powerpipe's
 * show layout, one "Field:  value" line per field that has a value, then
 * the children by name.  Exit status 0; 1 when the name is unknown or the
 * resource cannot be loaded (the reason on stderr); 2 for a wrong command
 * line.
 */
#include "cli.h"

#include <string.h>

static void field(lp_buf *b, const char *k, const char *v)
{
    if (!v || !v[0]) return;
    lp_buf_printf(b, "%-15s", k);
    /* continuation lines of a multi-line value line up under its first */
    for (const char *p = v; *p; p++) {
        lp_buf_putc(b, *p);
        if (*p == '\n' && p[1]) lp_buf_puts(b, "               ");
    }
    lp_buf_putc(b, '\n');
}

static void show_text(const lp_resource *r, lp_buf *b)
{
    static const char *const attrs[][2] = {
        { "Title:", "title" }, { "Description:", "description" }, { "Documentation:", "documentation" },
        { "Severity:", "severity" }, { "Type:", "type" }, { "Display:", "display" }, { "Width:", "width" },
        { "Query:", "query" }, { "SQL:", "sql" },
    };
    field(b, "Name:", lp_resource_name(r));
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
        field(b, attrs[i][0], lp_resource_str(r, attrs[i][1]));
    uint32_t nt = lp_resource_tag_count(r);
    if (nt) {
        lp_buf_puts(b, "Tags:\n");
        for (uint32_t i = 0; i < nt; i++) {
            const char *k, *v;
            lp_resource_tag(r, i, &k, &v);
            lp_buf_printf(b, "  %s: %s\n", k, v);
        }
    }
    uint32_t np = lp_resource_param_count(r);
    if (np) {
        lp_buf_puts(b, "Params:\n");
        for (uint32_t i = 0; i < np; i++) {
            const char *n, *d, *def;
            lp_resource_param(r, i, &n, &d, &def);
            lp_buf_printf(b, "  %s", n);
            if (d) lp_buf_printf(b, "  description: %s", d);
            if (def) lp_buf_printf(b, "  default: %s", def);
            lp_buf_putc(b, '\n');
        }
    }
    uint32_t na = lp_resource_arg_count(r);
    if (na) {
        lp_buf_puts(b, "Args:\n");
        for (uint32_t i = 0; i < na; i++) {
            const char *n, *v;
            lp_resource_arg(r, i, &n, &v);
            if (n) lp_buf_printf(b, "  %s: %s\n", n, v ? v : "(run time)");
            else lp_buf_printf(b, "  %u: %s\n", i, v ? v : "(run time)");
        }
    }
    uint32_t nc = lp_resource_child_count(r);
    if (nc) {
        lp_buf_puts(b, "Children:\n");
        for (uint32_t i = 0; i < nc; i++)
            lp_buf_printf(b, "  %s\n", lp_resource_name(lp_resource_child(r, i)));
    }
}

static int run_show(const cli_opts *o, lp_kind kind)
{
    if (o->nargs != 1) {
        cli_error("\"lazypipe %s\" takes one NAME", o->cmd->words);
        return CLI_USAGE;
    }
    lp_workspace *ws;
    if (cli_open_workspace(o, CLI_OPEN_WAIT, &ws) != 0) return CLI_ERRORS;
    int rc = CLI_OK;
    uint32_t id = lp_resolve_target(ws, kind, o->args[0]);
    lp_resource *r = NULL;
    lp_error err;
    if (id == LP_NO_ENTRY) {
        cli_error("%s not found: %s", lp_kind_name(kind), o->args[0]);
        rc = CLI_ERRORS;
    } else if (lp_load_entry(ws, id, &r, &err) != LP_OK) {
        cli_error("%s", err.message);
        rc = CLI_ERRORS;
    } else {
        lp_buf b = { 0 };
        if (o->format == CLI_FMT_JSON || o->format == CLI_FMT_YAML) {
            /* Powerpipe's printers marshal the printable's items, a slice of one */
            lp_buf_putc(&b, '[');
            int st = lp_resource_json(r, &b);
            lp_buf_putc(&b, ']');
            rc = cli_print_document(st, &b, o->format);
        } else {
            show_text(r, &b);
            if (b.oom) {
                cli_error("out of memory");
                rc = CLI_ERRORS;
            } else if (cli_write_stdout(b.data, b.len)) {
                rc = CLI_ERRORS;
            }
            lp_buf_free(&b);
        }
        lp_resource_release(r);
    }
    lp_close(ws);
    return rc;
}

int cmd_dashboard_show(const cli_opts *o) { return run_show(o, LP_KIND_DASHBOARD); }
int cmd_benchmark_show(const cli_opts *o) { return run_show(o, LP_KIND_BENCHMARK); }
int cmd_control_show(const cli_opts *o) { return run_show(o, LP_KIND_CONTROL); }
int cmd_query_show(const cli_opts *o) { return run_show(o, LP_KIND_QUERY); }
int cmd_detection_show(const cli_opts *o) { return run_show(o, LP_KIND_DETECTION); }
int cmd_card_show(const cli_opts *o) { return run_show(o, LP_KIND_CARD); }
int cmd_chart_show(const cli_opts *o) { return run_show(o, LP_KIND_CHART); }
int cmd_container_show(const cli_opts *o) { return run_show(o, LP_KIND_CONTAINER); }
int cmd_flow_show(const cli_opts *o) { return run_show(o, LP_KIND_FLOW); }
int cmd_graph_show(const cli_opts *o) { return run_show(o, LP_KIND_GRAPH); }
int cmd_hierarchy_show(const cli_opts *o) { return run_show(o, LP_KIND_HIERARCHY); }
int cmd_image_show(const cli_opts *o) { return run_show(o, LP_KIND_IMAGE); }
int cmd_input_show(const cli_opts *o) { return run_show(o, LP_KIND_INPUT); }
int cmd_table_show(const cli_opts *o) { return run_show(o, LP_KIND_TABLE); }
int cmd_text_show(const cli_opts *o) { return run_show(o, LP_KIND_TEXT); }
