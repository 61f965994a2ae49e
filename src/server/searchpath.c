/* searchpath.c — the server's search path, as Powerpipe's server_metadata carries it
 * (dashboardserver/payload.go getSearchPathMetadata, pipe-fittings' PostgresBackend): the default
 * database's own (`SHOW search_path` split at its commas and trimmed: original_search_path), the
 * one its queries run with (--search-path and --search-path-prefix applied: resolved_search_path),
 * and the configured ones.  Only a PostgreSQL database (Steampipe's too) answers `SHOW search_path`
 * with its one row: SQLite, DuckDB and MySQL fail it, and have no search path to choose (Powerpipe:
 * no SearchPathProvider).  Asked once, by the first get_server_metadata: the page's search path
 * control lists the original's schemas. */
#include "serverInt.h"

#include <stdlib.h>
#include <string.h>

/* the search_path cell of `show search_path` run with (path, prefix), into out; -1 when none */
static int show_search_path(lp_workspace *ws, const char *path, const char *prefix, lp_buf *out)
{
    lp_run_opts ro = { 0 };
    ro.database = R.database;
    ro.max_parallel = 1;
    ro.query_timeout_ms = 5000;
    ro.search_path = path;
    ro.search_path_prefix = prefix;
    lp_error err = { 0 };
    lp_run *run = NULL;
    if (lp_run_sql(ws, "show search_path", &ro, &run, &err) != LP_OK) return -1;
    int rc = -1;
    if (lp_run_wait(run, 6000) == LP_OK) {
        const lp_run_node *n = lp_run_root(run);
        if (n && !lp_node_row_count(n) && lp_node_child_count(n)) n = lp_node_child(n, 0);
        if (n && lp_node_get_state(n) != LP_NODE_ERROR && lp_node_row_count(n) == 1 &&
            lp_node_column_count(n) == 1 && strcmp(lp_node_column(n, 0)->name, "search_path") == 0 &&
            lp_node_row(n, 0)[0].text) {
            lp_buf_puts(out, lp_node_row(n, 0)[0].text);
            rc = out->oom ? -1 : 0;
        }
    } else {
        lp_run_cancel(run);
        lp_run_wait(run, -1);
    }
    lp_run_free(run);
    return rc;
}

/* a comma-separated list as a JSON list of its trimmed items (Go's strings.Split and TrimSpace);
 * NULL or "" as null (a nil slice) */
static void json_list(lp_buf *out, const char *list)
{
    if (!list || !*list) {
        lp_buf_puts(out, "null");
        return;
    }
    lp_buf_putc(out, '[');
    int first = 1;
    for (const char *p = list;; p++) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        while (n && (*p == ' ' || *p == '\t')) p++, n--;
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\t')) n--;
        if (!first) lp_buf_putc(out, ',');
        first = 0;
        char *item = strndup(p, n);
        if (item) lp_json_cstr(out, item);
        else out->oom = 1;
        free(item);
        if (!e) break;
        p = e;
    }
    lp_buf_putc(out, ']');
}

int srv_search_path_json(lp_workspace *ws, lp_buf *out)
{
    lp_buf orig = { 0 }, resolved = { 0 };
    int rc = show_search_path(ws, NULL, NULL, &orig);
    int configured = (R.search_path && *R.search_path) || (R.search_path_prefix && *R.search_path_prefix);
    if (!rc && configured) rc = show_search_path(ws, R.search_path, R.search_path_prefix, &resolved);
    if (!rc) {
        lp_buf_puts(out, "{\"resolved_search_path\":");
        json_list(out, configured ? resolved.data : orig.data);
        lp_buf_puts(out, ",\"original_search_path\":");
        json_list(out, orig.data);
        lp_buf_puts(out, ",\"configured_search_path\":");
        json_list(out, R.search_path);
        lp_buf_puts(out, ",\"short_name\":");   /* the prefix, under Powerpipe's (mis)named tag */
        json_list(out, R.search_path_prefix);
        lp_buf_putc(out, '}');
        if (out->oom) rc = -1;
    }
    lp_buf_free(&orig);
    lp_buf_free(&resolved);
    return rc;
}
