/* msgs.c — Powerpipe's dashboard server messages, compact and in Go
 * encoding/json's form (struct fields in declaration order, map keys sorted,
 * omitempty honoured), built from one pinned workspace version.
 *
 * execution_started is the library's (lp_run_started_json: written from the
 * run's own nodes); the run's events and execution_complete are built here
 * from its nodes. */
#include "server.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_TREE_DEPTH 64

void srv_timestamp(char *buf, size_t size)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    char frac[16] = "";
    if (ts.tv_nsec) {
        snprintf(frac, sizeof frac, ".%09ld", ts.tv_nsec);
        size_t n = strlen(frac);
        while (frac[n - 1] == '0') frac[--n] = '\0';
    }
    snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d%sZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
}

static void mod_metadata(lp_buf *b, const lp_mod_info *m)
{
    lp_buf_putc(b, '{');
    if (m->title[0]) {
        lp_buf_puts(b, "\"title\":");
        lp_json_cstr(b, m->title);
        lp_buf_putc(b, ',');
    }
    lp_buf_puts(b, "\"full_name\":");
    lp_json_cstr(b, m->full_name);
    lp_buf_puts(b, ",\"short_name\":");
    lp_json_cstr(b, m->name);
    lp_buf_putc(b, '}');
}

static int cmp_mod(const void *a, const void *b)
{
    return strcmp(((const lp_mod_info *)a)->full_name, ((const lp_mod_info *)b)->full_name);
}

void srv_server_metadata(const lp_workspace *ws, const char *cli_version, lp_buf *out)
{
    lp_buf_puts(out, "{\"action\":\"server_metadata\",\"metadata\":{");
    lp_mod_info main;
    uint32_t nmods = lp_mod_count(ws);
    if (nmods && lp_mod_get(ws, 0, &main) == LP_OK) {
        lp_buf_puts(out, "\"mod\":");
        mod_metadata(out, &main);
        lp_buf_putc(out, ',');
    }
    /* installed_mods: every other mod, keyed (sorted) by full name; omitted when none */
    lp_mod_info *deps = nmods > 1 ? calloc(nmods - 1, sizeof *deps) : NULL;
    uint32_t nd = 0;
    for (uint32_t m = 1; deps && m < nmods; m++)
        if (lp_mod_get(ws, m, &deps[nd]) == LP_OK && strcmp(deps[nd].full_name, main.full_name) != 0) nd++;
    if (nd) {
        qsort(deps, nd, sizeof *deps, cmp_mod);
        lp_buf_puts(out, "\"installed_mods\":{");
        for (uint32_t i = 0; i < nd; i++) {
            if (i && strcmp(deps[i].full_name, deps[i - 1].full_name) == 0) continue;
            if (i) lp_buf_putc(out, ',');
            lp_json_cstr(out, deps[i].full_name);
            lp_buf_putc(out, ':');
            mod_metadata(out, &deps[i]);
        }
        lp_buf_puts(out, "},");
    }
    free(deps);
    /* no telemetry, so no cloud; no search path and no support for it */
    lp_buf_puts(out, "\"cli\":{\"version\":");
    lp_json_cstr(out, cli_version ? cli_version : LP_VERSION);
    lp_buf_puts(out, "},\"telemetry\":\"none\",\"search_path\":null,"
                     "\"supports_search_path\":false,\"supports_time_range\":false}}");
}

void srv_execution_error(const char *error, const char *timestamp, lp_buf *out)
{
    lp_buf_puts(out, "{\"action\":\"execution_error\",\"error\":");
    lp_json_cstr(out, error);
    lp_buf_puts(out, ",\"timestamp\":");
    lp_json_cstr(out, timestamp);
    lp_buf_putc(out, '}');
}

void srv_workspace_error(const char *error, lp_buf *out)
{
    lp_buf_puts(out, "{\"action\":\"workspace_error\",\"error\":");
    lp_json_cstr(out, error);
    lp_buf_putc(out, '}');
}

void srv_dashboard_metadata(lp_buf *out)
{
    lp_buf_puts(out, "{\"action\":\"dashboard_metadata\",\"metadata\":{\"supports_search_path\":false,"
                     "\"supports_time_range\":false}}");
}

static void count_errors(const lp_diag *d, const lp_diag **first, uint32_t *n)
{
    if (d->severity != LP_SEV_ERROR) return;
    if (!*first) *first = d;
    (*n)++;
}

void srv_workspace_errors(const lp_workspace *ws, char *buf, size_t size)
{
    const lp_diag *first = NULL;
    uint32_t n = 0;
    for (uint32_t i = 0; i < lp_diag_count(ws); i++) count_errors(lp_diag_at(ws, i), &first, &n);
    for (uint32_t i = 0; i < lp_resolve_diag_count(ws); i++)
        count_errors(lp_resolve_diag_at(ws, i), &first, &n);
    buf[0] = '\0';
    if (!first) return;
    size_t len = lp_diag_format(first, buf, size);
    if (n > 1 && len < size) snprintf(buf + len, size - len, " (and %u more errors)", n - 1);
}

static void opt_str(lp_buf *out, const char *key, const char *v)
{
    if (!v || !v[0]) return;
    lp_buf_printf(out, ",\"%s\":", key);
    lp_json_cstr(out, v);
}

/* ------------------------------------------------------------ a run's messages */

/* LeafNodeUpdatedPayload: the panel as the run has it now (the library's snapshot panel) */
void srv_leaf_node_updated(const lp_run_node *n, const char *exec_id, const char *timestamp, lp_buf *out)
{
    lp_buf_puts(out, "{\"schema_version\":\"20240607\",\"action\":\"leaf_node_updated\",\"dashboard_node\":");
    if (lp_node_panel_json(n, out) != LP_OK) out->oom = 1;
    lp_buf_puts(out, ",\"execution_id\":");
    lp_json_cstr(out, exec_id);
    lp_buf_puts(out, ",\"timestamp\":");
    lp_json_cstr(out, timestamp);
    lp_buf_putc(out, '}');
}

/* controlstatus.StatusSummary, keys sorted (the panels' JSON round trip) */
static void status_summary(lp_buf *out, const uint32_t c[LP_RES__COUNT])
{
    lp_buf_printf(out, "{\"alarm\":%u,\"error\":%u,\"info\":%u,\"ok\":%u,\"skip\":%u}", c[LP_RES_ALARM],
                  c[LP_RES_ERROR], c[LP_RES_INFO], c[LP_RES_OK], c[LP_RES_SKIP]);
}

static void node_common(lp_buf *out, const lp_run_node *n)
{
    opt_str(out, "description", lp_node_str(n, "description"));
    opt_str(out, "documentation", lp_node_str(n, "documentation"));
}

static void node_tags(lp_buf *out, const lp_run_node *n)
{
    if (lp_node_tag_count(n)) {
        lp_buf_puts(out, ",\"tags\":");
        lp_node_tags_json(n, out);
    }
}

static int is_result_col(const char *name)
{
    return strcmp(name, "reason") == 0 || strcmp(name, "resource") == 0 || strcmp(name, "status") == 0;
}

/* ResultRows.ToLeafData: reason, resource, status, then the dimensions (strings) */
static void control_data(lp_buf *out, const lp_run_node *n)
{
    uint32_t nc = lp_node_column_count(n);
    lp_buf_puts(out, "{\"columns\":[{\"data_type\":\"TEXT\",\"name\":\"reason\"},{\"data_type\":\"TEXT\","
                     "\"name\":\"resource\"},{\"data_type\":\"TEXT\",\"name\":\"status\"}");
    for (uint32_t c = 0; c < nc; c++) {
        const lp_db_col *col = lp_node_column(n, c);
        if (is_result_col(col->name)) continue;
        lp_buf_puts(out, ",{\"data_type\":");
        lp_json_cstr(out, col->type_name ? col->type_name : "TEXT");
        lp_buf_puts(out, ",\"name\":");
        lp_json_cstr(out, col->name);
        lp_buf_putc(out, '}');
    }
    lp_buf_puts(out, "],\"rows\":[");
    int ri = lp_node_column_index(n, "reason"), si = lp_node_column_index(n, "resource");
    for (uint32_t r = 0; r < lp_node_row_count(n); r++) {
        const lp_db_cell *cells = lp_node_row(n, r);
        lp_buf_puts(out, r ? ",{\"reason\":" : "{\"reason\":");
        if (ri >= 0 && cells[ri].text) lp_json_str(out, cells[ri].text, cells[ri].len);
        else lp_buf_puts(out, "\"\"");
        lp_buf_puts(out, ",\"resource\":");
        if (si >= 0 && cells[si].text) lp_json_str(out, cells[si].text, cells[si].len);
        else lp_buf_puts(out, "\"\"");
        lp_buf_puts(out, ",\"status\":");
        lp_json_cstr(out, lp_result_status_name(lp_node_row_status(n, r)));
        for (uint32_t c = 0; c < nc; c++) {
            const lp_db_col *col = lp_node_column(n, c);
            if (is_result_col(col->name)) continue;
            lp_buf_putc(out, ',');
            lp_json_cstr(out, col->name);
            lp_buf_putc(out, ':');
            if (cells[c].text) lp_json_str(out, cells[c].text, cells[c].len);
            else lp_buf_puts(out, "\"\"");
        }
        lp_buf_putc(out, '}');
    }
    lp_buf_puts(out, "]}");
}

static const char *short_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot ? dot + 1 : name;
}

/* controlexecute.ControlRun, keys sorted (the panels' form; the UI reads it by key) */
static void control_run_json(lp_buf *out, const lp_run_node *n)
{
    lp_node_state st = lp_node_get_state(n);
    lp_buf_puts(out, "{\"data\":");
    if (st == LP_NODE_COMPLETE) control_data(out, n);
    else lp_buf_puts(out, "null");
    node_common(out, n);
    if (st == LP_NODE_ERROR) opt_str(out, "error", lp_node_error(n));
    lp_buf_puts(out, ",\"name\":");
    lp_json_cstr(out, lp_node_name(n));
    lp_buf_puts(out, ",\"panel_type\":\"control\",\"properties\":{\"name\":");
    lp_json_cstr(out, short_of(lp_node_name(n)));
    opt_str(out, "severity", lp_node_str(n, "severity"));
    lp_buf_printf(out, "},\"status\":\"%s\",\"summary\":",
                  st == LP_NODE_ERROR ? "error" : st == LP_NODE_COMPLETE ? "complete" : "initialized");
    uint32_t c[LP_RES__COUNT];
    lp_node_summary(n, c);
    status_summary(out, c);
    node_tags(out, n);
    opt_str(out, "title", lp_node_str(n, "title"));
    lp_buf_putc(out, '}');
}

void srv_control_event(const lp_run_node *n, const char *check_name, const srv_progress *pr,
                       const char *exec_id, const char *timestamp, lp_buf *out)
{
    int err = lp_node_get_state(n) == LP_NODE_ERROR;
    lp_buf_printf(out, "{\"action\":\"%s\",\"control\":", err ? "control_error" : "control_complete");
    control_run_json(out, n);
    lp_buf_puts(out, ",\"name\":");
    lp_json_cstr(out, check_name);
    /* ControlProgress in its declaration order */
    lp_buf_printf(out, ",\"progress\":{\"total\":%u,\"pending\":%u,\"complete\":%u,\"error\":%u,"
                       "\"executing\":0,\"summary\":{\"alarm\":%u,\"ok\":%u,\"info\":%u,\"skip\":%u,"
                       "\"error\":%u}}",
                  pr->total, pr->total - pr->complete - pr->error, pr->complete, pr->error,
                  pr->summary[LP_RES_ALARM], pr->summary[LP_RES_OK], pr->summary[LP_RES_INFO],
                  pr->summary[LP_RES_SKIP], pr->summary[LP_RES_ERROR]);
    lp_buf_puts(out, ",\"execution_id\":");
    lp_json_cstr(out, exec_id);
    lp_buf_puts(out, ",\"timestamp\":");
    lp_json_cstr(out, timestamp);
    lp_buf_putc(out, '}');
}

uint32_t srv_control_count(const lp_run_node *n)
{
    uint32_t k = lp_node_get_type(n) == LP_NODE_CONTROL;
    for (uint32_t i = 0; i < lp_node_child_count(n); i++) k += srv_control_count(lp_node_child(n, i));
    return k;
}

/* A benchmark run's panels: CheckRun (the root), ResultGroups, ControlRuns, by name (a control
 * under two benchmarks once, as a map keeps it) */
typedef struct bench_panels {
    const lp_run_node **v;
    size_t n, cap;
    int oom;
} bench_panels;

static void collect(bench_panels *bp, const lp_run_node *n, int depth)
{
    if (depth > MAX_TREE_DEPTH) return;
    if (bp->n == bp->cap) {
        size_t cap = bp->cap ? bp->cap * 2 : 64;
        const lp_run_node **v = realloc(bp->v, cap * sizeof *v);
        if (!v) {
            bp->oom = 1;
            return;
        }
        bp->v = v;
        bp->cap = cap;
    }
    bp->v[bp->n++] = n;
    for (uint32_t i = 0; i < lp_node_child_count(n); i++) {
        const lp_run_node *c = lp_node_child(n, i);
        if (lp_node_get_type(c) == LP_NODE_CONTROL || srv_control_count(c)) collect(bp, c, depth + 1);
    }
}

static void layout_open(lp_buf *l, const char *name)
{
    lp_buf_puts(l, "{\"name\":");
    lp_json_cstr(l, name);
}

static void layout_close(lp_buf *l, int nchildren, const char *panel_type)
{
    if (nchildren) lp_buf_putc(l, ']');
    lp_buf_puts(l, ",\"panel_type\":");
    lp_json_cstr(l, panel_type);
    lp_buf_putc(l, '}');
}

static void layout_child(lp_buf *l, int *n)
{
    lp_buf_puts(l, (*n)++ ? "," : ",\"children\":[");
}

static int cmp_node(const void *a, const void *b)
{
    return strcmp(lp_node_name(*(const lp_run_node *const *)a), lp_node_name(*(const lp_run_node *const *)b));
}

static void bench_layout(lp_buf *l, const lp_run_node *n, int depth)
{
    layout_open(l, lp_node_name(n));
    int k = 0;
    for (uint32_t i = 0; depth < MAX_TREE_DEPTH && i < lp_node_child_count(n); i++) {
        const lp_run_node *c = lp_node_child(n, i);
        if (lp_node_get_type(c) != LP_NODE_CONTROL && !srv_control_count(c)) continue;
        layout_child(l, &k);
        bench_layout(l, c, depth + 1);
    }
    layout_close(l, k, lp_node_get_type(n) == LP_NODE_CONTROL ? "control" : "benchmark");
}

static void group_run_json(lp_buf *out, const lp_run_node *n, const char *root)
{
    uint32_t c[LP_RES__COUNT];
    lp_node_summary(n, c);
    int is_root = strcmp(lp_node_name(n), root) == 0;
    /* the root is the CheckRun (a DashboardTreeRunImpl with its summary), the others ResultGroups */
    if (is_root) {
        lp_buf_puts(out, "{\"benchmark_type\":\"control\",\"dashboard\":");
        lp_json_cstr(out, root);
        lp_buf_puts(out, ",\"name\":");
    } else {
        lp_buf_puts(out, "{\"name\":");
    }
    lp_json_cstr(out, lp_node_name(n));
    node_common(out, n);
    lp_buf_puts(out, ",\"panel_type\":\"benchmark\"");
    if (is_root) lp_buf_puts(out, ",\"status\":\"complete\"");
    lp_buf_puts(out, ",\"summary\":{\"status\":");
    status_summary(out, c);
    lp_buf_putc(out, '}');
    node_tags(out, n);
    opt_str(out, "title", lp_node_str(n, "title"));
    lp_buf_putc(out, '}');
}

static void bench_snapshot(const lp_run *lr, lp_buf *out)
{
    const lp_run_node *root = lp_node_child(lp_run_root(lr), 0);
    bench_panels bp = { 0 };
    if (root) collect(&bp, root, 0);
    if (bp.n) qsort(bp.v, bp.n, sizeof *bp.v, cmp_node);
    lp_buf_puts(out, "{\"schema_version\":\"20221222\",\"panels\":{");
    for (size_t i = 0; i < bp.n; i++) {
        if (i && strcmp(lp_node_name(bp.v[i]), lp_node_name(bp.v[i - 1])) == 0) continue;
        if (i) lp_buf_putc(out, ',');
        lp_json_cstr(out, lp_node_name(bp.v[i]));
        lp_buf_putc(out, ':');
        if (lp_node_get_type(bp.v[i]) == LP_NODE_CONTROL) control_run_json(out, bp.v[i]);
        else group_run_json(out, bp.v[i], lp_node_name(root));
    }
    lp_buf_puts(out, "},\"layout\":");
    if (root) bench_layout(out, root, 0);
    else lp_buf_puts(out, "null");
    lp_buf_puts(out, ",\"inputs\":{},\"variables\":{},\"start_time\":");
    lp_json_time_ms(out, lp_run_start_time_ms(lr));
    lp_buf_puts(out, ",\"end_time\":");
    lp_json_time_ms(out, lp_run_end_time_ms(lr) ? lp_run_end_time_ms(lr) : lp_run_start_time_ms(lr));
    if (root) opt_str(out, "title", lp_node_str(root, "title"));
    lp_buf_puts(out, ",\"metadata\":{}}");
    if (bp.oom) out->oom = 1;
    free(bp.v);
}

void srv_execution_complete(const lp_run *lr, const char *exec_id, lp_buf *out)
{
    lp_buf_puts(out, "{\"action\":\"execution_complete\",\"schema_version\":\"20240607\",\"snapshot\":");
    const lp_run_node *root = lp_node_child(lp_run_root(lr), 0);
    lp_node_type rt = root ? lp_node_get_type(root) : LP_NODE_ROOT;
    if (rt == LP_NODE_DASHBOARD || rt == LP_NODE_DETECTION_BENCHMARK || rt == LP_NODE_DETECTION) {
        if (lp_run_snapshot_json(lr, out) != LP_OK) out->oom = 1;
    } else {
        bench_snapshot(lr, out);
    }
    lp_buf_puts(out, ",\"execution_id\":");
    lp_json_cstr(out, exec_id);
    lp_buf_putc(out, '}');
}
