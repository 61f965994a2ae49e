/* cmd_list.c — `lazypipe {dashboard|benchmark|control|query|detection} list
 * [--output pretty|plain|yaml|json]`.
 *
 * json and yaml: the list items of POWERPIPE_BEHAVIOR §5.6 (json indented as
 * Powerpipe prints it).  pretty and plain: Powerpipe's list table — columns
 * MOD and NAME (benchmarks: MOD, NAME, TYPE), NAME the short name in the
 * main mod and the full name in a dependency mod, rows of the main mod first
 * and then by mod, each by name, one row per full name; benchmarks top-level only, nested
 * dashboard children never; only the main mod's and its direct dependencies' resources
 * (lp_entry_listed).  Exit status 0, or 1 when the workspace could not be
 * opened or has error diagnostics (the output is still printed).
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* Rows carry a hidden first cell: "0" for the main mod, "1" for a
 * dependency, so that the main mod sorts first whatever its name. */
static int by_mod_then_name(const void *a, const void *b)
{
    char *const *x = a, *const *y = b;
    for (int c = 0; c < 3; c++) {
        int d = strcmp(x[c], y[c]);
        if (d) return d;
    }
    return 0;
}

int cli_list_table(const lp_workspace *ws, lp_kind kind, lp_buf *out)
{
    /* Powerpipe's detectionbenchmark list: the benchmarks of type detection alone, no TYPE column */
    int detection_benchmarks = kind == LP_KIND_DETECTION_BENCHMARK;
    if (detection_benchmarks) kind = LP_KIND_BENCHMARK;
    int benchmarks = kind == LP_KIND_BENCHMARK;
    /* the types inside dashboards: most of them are nested, so nested ones are listed */
    int child_kind = kind != LP_KIND_DASHBOARD && kind != LP_KIND_CONTROL && kind != LP_KIND_QUERY &&
                     kind != LP_KIND_DETECTION && !benchmarks;
    const char *header[] = { "", "MOD", "NAME", "TYPE" };
    cli_table t;
    size_t ncols = benchmarks && !detection_benchmarks ? 4 : 3;
    if (cli_table_init(&t, ncols, header) != 0) return -1;
    int rc = 0;
    for (uint32_t id = lp_next_of_kind(ws, kind, LP_NO_ENTRY); id != LP_NO_ENTRY && rc == 0;
         id = lp_next_of_kind(ws, kind, id)) {
        lp_entry_info e;
        if (!lp_entry_listed(ws, id)) continue;
        lp_entry_get(ws, id, &e);
        if ((e.is_nested && !child_kind) || (benchmarks && !e.is_top_level)) continue;
        const char *type = e.kind == LP_KIND_DETECTION_BENCHMARK || strcmp(e.benchmark_type, "detection") == 0
                               ? "detection" : "control";
        if (detection_benchmarks && strcmp(type, "detection") != 0) continue;
        const char *row[] = { e.mod ? "1" : "0", e.mod_name, e.mod ? e.name : e.short_name, type };
        rc = cli_table_add(&t, row);
    }
    if (rc == 0) {
        cli_table_sort(&t, by_mod_then_name);
        /* drop the hidden column before rendering */
        cli_table shown = { ncols - 1, 0, 0, NULL };
        /* Powerpipe keys the list by full name: an input each of several dashboards declares
         * under one name (a dashboard's inputs are named mod.input.NAME) is one row */
        for (size_t r = 0; r < t.nrows && rc == 0; r++) {
            char *const *row = t.cells + r * ncols, *const *prev = row - ncols;
            if (r > 1 && by_mod_then_name(row, prev) == 0) continue;
            rc = cli_table_add(&shown, (const char *const *)row + 1);
        }
        /* nothing to list: Powerpipe prints an empty line, not a header alone */
        if (rc == 0 && t.nrows <= 1) lp_buf_putc(out, '\n');
        else if (rc == 0) cli_table_render(&shown, out);
        cli_table_free(&shown);
    }
    cli_table_free(&t);
    return rc;
}

static int run_list(const cli_opts *o, lp_kind kind)
{
    lp_workspace *ws;
    if (cli_open_workspace(o, o->no_wait ? CLI_OPEN_NO_WAIT : CLI_OPEN_WAIT, &ws) != 0) return CLI_ERRORS;
    int rc = cli_workspace_errors(ws, !o->no_wait);
    lp_buf b = { 0 };
    if (o->format == CLI_FMT_JSON || o->format == CLI_FMT_YAML) {
        /* streamed: a benchmark's references make output quadratic in its children */
        cli_doc d;
        int st = cli_doc_begin(&d, o->format) != 0 ? LP_ERR_NOMEM
                                                    : lp_list_json_write(ws, kind, cli_doc_write, &d);
        if (st != LP_OK && st != LP_ERR_IO) cli_error("out of memory");
        if (cli_doc_end(&d, st == LP_OK) != 0 || st != LP_OK) rc |= CLI_ERRORS;
    } else {
        rc |= cli_print_text(cli_list_table(ws, kind, &b), &b);
    }
    cli_close(ws);
    return rc;
}

int cmd_dashboard_list(const cli_opts *o) { return run_list(o, LP_KIND_DASHBOARD); }

/* "dashboard card list": the kind is the middle word; nested resources are listed too */
int cmd_child_list(const cli_opts *o)
{
    char type[32];
    const char *w = strchr(o->cmd->words, ' ') + 1;
    snprintf(type, sizeof type, "%.*s", (int)strcspn(w, " "), w);
    return run_list(o, (lp_kind)lp_kind_from_name(type));
}
int cmd_benchmark_list(const cli_opts *o) { return run_list(o, LP_KIND_BENCHMARK); }
int cmd_control_list(const cli_opts *o) { return run_list(o, LP_KIND_CONTROL); }
int cmd_query_list(const cli_opts *o) { return run_list(o, LP_KIND_QUERY); }
int cmd_detection_list(const cli_opts *o) { return run_list(o, LP_KIND_DETECTION); }
int cmd_detection_benchmark_list(const cli_opts *o) { return run_list(o, LP_KIND_DETECTION_BENCHMARK); }
