/* checksnap.c — a check run as Powerpipe's server has it (lazypipe.h: lp_run_snapshot_json of a
 * benchmark run, lp_node_control_json).
 *
 * A benchmark run's snapshot is its CheckRun (the root), ResultGroups (the benchmarks with a
 * control below them) and ControlRuns with their results, keyed by name (a control under two
 * benchmarks once, as a map keeps it), keys sorted (the panels' JSON round trip), as Powerpipe's
 * execution_complete carries it.
 */
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "run/run.h"

#define MAX_TREE_DEPTH 64

static void opt_str(lp_buf *out, const char *key, const char *v)
{
    if (!v || !v[0]) return;
    lp_buf_printf(out, ",\"%s\":", key);
    lp_json_cstr(out, v);
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
int lp_node_control_json(const lp_run_node *n, lp_buf *out)
{
    if (!n || !out) return LP_ERR_ARG;
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
    return out->oom ? LP_ERR_NOMEM : LP_OK;
}

static uint32_t control_count(const lp_run_node *n)
{
    uint32_t k = lp_node_get_type(n) == LP_NODE_CONTROL;
    for (uint32_t i = 0; i < lp_node_child_count(n); i++) k += control_count(lp_node_child(n, i));
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
        const lp_run_node **v = mem_realloc(bp->v, bp->cap * sizeof *v, cap * sizeof *v);
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
        if (lp_node_get_type(c) == LP_NODE_CONTROL || control_count(c)) collect(bp, c, depth + 1);
    }
}

static int cmp_node(const void *a, const void *b)
{
    return strcmp(lp_node_name(*(const lp_run_node *const *)a), lp_node_name(*(const lp_run_node *const *)b));
}

static void bench_layout(lp_buf *l, const lp_run_node *n, int depth)
{
    run_layout_open(l, lp_node_name(n));
    int k = 0;
    for (uint32_t i = 0; depth < MAX_TREE_DEPTH && i < lp_node_child_count(n); i++) {
        const lp_run_node *c = lp_node_child(n, i);
        if (lp_node_get_type(c) != LP_NODE_CONTROL && !control_count(c)) continue;
        run_layout_child(l, &k);
        bench_layout(l, c, depth + 1);
    }
    run_layout_close(l, k, lp_node_get_type(n) == LP_NODE_CONTROL ? "control" : "benchmark");
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

int run_check_snapshot_json(const lp_run *lr, lp_buf *out)
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
        if (lp_node_get_type(bp.v[i]) == LP_NODE_CONTROL) lp_node_control_json(bp.v[i], out);
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
    mem_free(bp.v, bp.cap * sizeof *bp.v);
    return out->oom ? LP_ERR_NOMEM : LP_OK;
}

