/* cmd_list.c — `lazypipe [--mod-location DIR] {dashboard|benchmark|control|query|detection} list
 * [--output pretty|json]` and `lazypipe [--mod-location DIR] payload`.
 *
 * Both open the workspace (diagnostics to stderr as file:line:col: message)
 * and print from the index.  json: the list items of POWERPIPE_BEHAVIOR §5.6;
 * pretty: a table of MOD, NAME and TITLE (benchmark list: top-level benchmarks
 * only, as Powerpipe shows them).  Exit status 0, or 1 when the workspace
 * could not be opened or has error diagnostics (the output is still printed).
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Print a JSON document made by `rc` into b; returns the exit status part. */
static int print_json(int rc, lp_buf *b)
{
    int status = 0;
    if (rc != LP_OK) {
        fprintf(stderr, "lazypipe: %s\n", rc == LP_ERR_NOMEM ? "out of memory" : "hierarchy too large to expand");
        status = 1;
    } else if (cli_write_stdout(b->data, b->len) || cli_write_stdout("\n", 1)) {
        status = 1;
    }
    lp_buf_free(b);
    return status;
}

/* Errors of opening, and of resolution when we waited for it (its
 * diagnostics, e.g. a bad --var, were then printed too). */
static int exit_status(const lp_workspace *ws, int waited)
{
    lp_workspace_stats s;
    lp_workspace_stats_get(ws, &s);
    if (s.errors) return 1;
    for (uint32_t i = 0; waited && i < lp_resolve_diag_count(ws); i++)
        if (lp_resolve_diag_at(ws, i)->severity == LP_SEV_ERROR) return 1;
    return 0;
}

static void pretty(const lp_workspace *ws, lp_kind kind)
{
    size_t wmod = 3, wname = 4;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) printf("%-*s  %-*s  %s\n", (int)wmod, "MOD", (int)wname, "NAME", "TITLE");
        for (uint32_t id = lp_next_of_kind(ws, kind, LP_NO_ENTRY); id != LP_NO_ENTRY;
             id = lp_next_of_kind(ws, kind, id)) {
            lp_entry_info e;
            lp_entry_get(ws, id, &e);
            if (kind == LP_KIND_BENCHMARK && !e.is_top_level) continue;
            if (e.is_nested) continue;
            if (pass == 0) {
                if (strlen(e.mod_name) > wmod) wmod = strlen(e.mod_name);
                if (strlen(e.name) > wname) wname = strlen(e.name);
            } else {
                printf("%-*s  %-*s  %s\n", (int)wmod, e.mod_name, (int)wname, e.name, e.title);
            }
        }
    }
    fflush(stdout);
}

static int run_list(const cli_opts *o, lp_kind kind)
{
    const char *fmt = o->output ? o->output : "pretty";
    if (strcmp(fmt, "pretty") != 0 && strcmp(fmt, "json") != 0 && strcmp(fmt, "plain") != 0) {
        fprintf(stderr, "lazypipe: unknown output format '%s' (pretty, json)\n", fmt);
        return 2;
    }
    if (cli_reject_args(o)) return 2;
    lp_workspace *ws;
    if (cli_open_workspace(o, o->no_wait ? CLI_OPEN_NO_WAIT : CLI_OPEN_WAIT, &ws) != 0) return 1;
    int rc = exit_status(ws, !o->no_wait);
    if (strcmp(fmt, "json") == 0) {
        lp_buf b = { 0 };
        rc |= print_json(lp_list_json(ws, kind, &b), &b);
    } else {
        pretty(ws, kind);
    }
    lp_close(ws);
    return rc;
}

int cmd_dashboard_list(const cli_opts *o) { return run_list(o, LP_KIND_DASHBOARD); }
int cmd_benchmark_list(const cli_opts *o) { return run_list(o, LP_KIND_BENCHMARK); }
int cmd_control_list(const cli_opts *o) { return run_list(o, LP_KIND_CONTROL); }
int cmd_query_list(const cli_opts *o) { return run_list(o, LP_KIND_QUERY); }
int cmd_detection_list(const cli_opts *o) { return run_list(o, LP_KIND_DETECTION); }

int cmd_payload(const cli_opts *o)
{
    if (cli_reject_args(o)) return 2;
    lp_workspace *ws;
    if (cli_open_workspace(o, o->no_wait ? CLI_OPEN_NO_WAIT : CLI_OPEN_WAIT, &ws) != 0) return 1;
    int rc = exit_status(ws, !o->no_wait);
    lp_buf b = { 0 };
    rc |= print_json(lp_available_dashboards_json(ws, &b), &b);
    lp_close(ws);
    return rc;
}
