/* snapshot.c — a dashboard run as Powerpipe's snapshot (lazypipe.h: lp_node_panel_json,
 * lp_run_snapshot_json).
 *
 * Powerpipe writes a snapshot with Go's encoding/json after a JSON round trip of its panels
 * (utils.JsonCloneToMap), so a panel's keys are sorted; the fields are those of its run
 * (DashboardTreeRunImpl: source_definition, never omitted; LeafRun: args, data, dependencies,
 * params, properties, sql).  The .pps export is StripSnapshot's (AsStrippedJson): its panels have no
 * sql, source_definition nor documentation, as the expected snapshots of Powerpipe's acceptance
 * tests (test_data/snapshots, written by --export) have them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <md5.h>

#include "base/mem.h"
#include "load/load.h"
#include "run/run.h"

/* steampipeconfig.SteampipeSnapshotSchemaVersion */
#define SNAPSHOT_SCHEMA "20221222"

static void opt_str(lp_buf *out, const char *key, const char *v)
{
    if (!v || !v[0]) return;
    lp_buf_printf(out, ",\"%s\":", key);
    lp_json_cstr(out, v);
}

static const char *state_name(const lp_run_node *n)
{
    switch (lp_node_get_state(n)) {
    case LP_NODE_READY: return "initialized";
    case LP_NODE_RUNNING: return "running";
    case LP_NODE_ERROR: return "error";
    case LP_NODE_BLOCKED: return "blocked";
    default: return "complete";
    }
}

static const lp_run_node *dashboard_of(const lp_run_node *n)
{
    while (n->parent && n->parent->type != LP_NODE_ROOT) n = n->parent;
    return n;
}

/* The nodes whose rows make n's data: n itself, or a composite's node and edge runs. */
static uint32_t data_sources(const lp_run_node *n, const lp_run_node **src, uint32_t max)
{
    if (!n->composite) {
        src[0] = n;
        return 1;
    }
    uint32_t k = 0;
    for (uint32_t i = 0; i < n->nchildren && k < max; i++)
        if (strcmp(n->children[i]->panel_type, "with") != 0) src[k++] = n->children[i];
    return k;
}

/* Pieces handed to the writer's callback: big enough that a call is rare, small next to a run */
#define SNAP_PIECE (64u << 10)

void run_snap_flush(run_snap *w, int all)
{
    if (!w->write || w->out->oom || !w->out->len || (!all && w->out->len < SNAP_PIECE)) return;
    if (!w->failed && w->write(w->user, w->out->data, w->out->len) != 0) w->failed = 1;
    w->out->len = 0;
}

uint32_t run_snap_column_count(const run_snap *w, const lp_run_node *n)
{
    if (w->rows && w->rows->column_count) return w->rows->column_count(w->rows->user, n);
    return lp_node_column_count(n);
}

const lp_db_col *run_snap_column(const run_snap *w, const lp_run_node *n, uint32_t i)
{
    if (w->rows && w->rows->column) return w->rows->column(w->rows->user, n, i);
    return lp_node_column(n, i);
}

int run_snap_each_row(const run_snap *w, const lp_run_node *n, lp_row_emit_fn emit, void *ctx)
{
    if (w->rows && w->rows->each_row) return w->rows->each_row(w->rows->user, n, emit, ctx);
    uint32_t nr = lp_node_row_count(n);
    for (uint32_t r = 0; r < nr; r++) {
        int rc = emit(ctx, lp_node_row(n, r), lp_node_row_status(n, r));
        if (rc) return rc;
    }
    return 0;
}

/* One source's rows as data_json writes them: each a map, keys sorted */
typedef struct data_rows {
    run_snap *w;
    const lp_db_col **cols;         /* the source's columns */
    uint32_t *order, nc;            /* the columns by name */
    uint32_t *written;
} data_rows;

static int cmp_col_name(const void *a, const void *b, void *cols)
{
    const lp_db_col *const *c = cols;
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    int d = strcmp(c[x]->name, c[y]->name);
    return d ? d : (x > y) - (x < y);
}

static int data_row(void *ctx, const lp_db_cell *cells, lp_result_status st)
{
    (void)st;
    data_rows *d = ctx;
    lp_buf *out = d->w->out;
    if ((*d->written)++) lp_buf_putc(out, ',');
    lp_buf_putc(out, '{');
    int first = 1;
    for (uint32_t k = 0; k < d->nc; k++) {
        uint32_t c = d->order[k];
        if (k + 1 < d->nc && strcmp(d->cols[c]->name, d->cols[d->order[k + 1]]->name) == 0) continue;
        if (!first) lp_buf_putc(out, ',');
        first = 0;
        lp_json_cstr(out, d->cols[c]->name);
        lp_buf_putc(out, ':');
        lp_cell_render(out, d->cols[c]->type_name, &cells[c], LP_CELL_DATA);
    }
    lp_buf_putc(out, '}');
    run_snap_flush(d->w, 0);
    return out->oom || d->w->failed;
}

static void data_json(run_snap *w, const lp_run_node *n)
{
    lp_buf *out = w->out;
    const lp_run_node *src[256];
    uint32_t ns = data_sources(n, src, 256);
    lp_buf_puts(out, ",\"data\":{\"columns\":[");
    /* columns: the union by name, in order of first appearance */
    uint32_t written = 0;
    for (uint32_t s = 0; s < ns; s++)
        for (uint32_t c = 0; c < run_snap_column_count(w, src[s]); c++) {
            const lp_db_col *col = run_snap_column(w, src[s], c);
            int seen = 0;
            for (uint32_t t = 0; t <= s && !seen; t++)
                for (uint32_t d = 0; d < (t == s ? c : run_snap_column_count(w, src[t])) && !seen; d++)
                    seen = strcmp(run_snap_column(w, src[t], d)->name, col->name) == 0;
            if (seen) continue;
            lp_buf_puts(out, written++ ? ",{\"data_type\":" : "{\"data_type\":");
            lp_json_cstr(out, col->type_name);
            lp_buf_puts(out, ",\"name\":");
            lp_json_cstr(out, col->name);
            if (col->original_name) {   /* a repeated name made unique: the database's (omitempty) */
                lp_buf_puts(out, ",\"original_name\":");
                lp_json_cstr(out, col->original_name);
            }
            lp_buf_putc(out, '}');
        }
    lp_buf_puts(out, "],\"rows\":[");
    written = 0;
    uint32_t *order = NULL, norder = 0;
    const lp_db_col **cols = NULL;
    for (uint32_t s = 0; s < ns && !out->oom && !w->failed; s++) {
        /* each row a map: keys sorted (unique: run_rows_finish renamed repeated ones as Powerpipe
         * does; should a made name meet a database's, the last of equal names, as a Go map) */
        uint32_t nc = run_snap_column_count(w, src[s]);
        if (nc > norder) {
            mem_free(order, (size_t)norder * sizeof *order);
            mem_free(cols, (size_t)norder * sizeof *cols);
            order = mem_malloc((size_t)nc * sizeof *order);
            cols = mem_malloc((size_t)nc * sizeof *cols);
            norder = nc;
            if (!order || !cols) {
                out->oom = 1;
                break;
            }
        }
        for (uint32_t c = 0; c < nc; c++) {
            order[c] = c;
            cols[c] = run_snap_column(w, src[s], c);
        }
        if (nc) qsort_r(order, nc, sizeof *order, cmp_col_name, (void *)cols);
        data_rows d = { w, cols, order, nc, &written };
        run_snap_each_row(w, src[s], data_row, &d);
    }
    mem_free(order, (size_t)norder * sizeof *order);
    mem_free(cols, (size_t)norder * sizeof *cols);
    lp_buf_puts(out, "]}");
}

static int has_data(const lp_run_node *n)
{
    if (n->state != LP_NODE_COMPLETE) return 0;
    if (n->composite) return 1;
    return n->rows && n->rows->cols;
}

static void properties_json(lp_buf *out, const lp_run_node *n)
{
    lp_buf_puts(out, ",\"properties\":");
    if (n->block) {
        const char *t = n->panel_type;
        uint32_t bi = 0;
        for (uint32_t j = 0; j < n->res->nblocks && &n->res->blocks[j] != n->block; j++)
            bi += strcmp(n->res->blocks[j].type, t) == 0;
        if (strcmp(t, "with") == 0) {   /* DashboardWith tags nothing `snapshot`: its short name */
            lp_buf_puts(out, "{\"name\":");
            lp_json_cstr(out, n->block->label ? n->block->label : "");
            lp_buf_putc(out, '}');
        } else if (lp_resource_block_properties_json(n->res, t, bi, out) != LP_OK) {
            out->oom = 1;
        }
        return;
    }
    if (lp_resource_properties_json(n->res, out) != LP_OK) out->oom = 1;
}

static const char *block_attr_text(const lp_run_node *n, const char *attr)
{
    for (uint32_t i = 0; i < n->block->nattrs; i++)
        if (strcmp(n->block->attrs[i].name, attr) == 0) return n->block->attrs[i].text;
    return n->block->base ? lp_resource_str(n->block->base, attr) : NULL;
}

static void dependencies_json(lp_buf *out, const lp_run_node *n)
{
    if (n->composite || (!n->ndeps && !n->ninputs)) return;
    lp_buf_puts(out, ",\"dependencies\":[");
    const lp_run_node *dash = dashboard_of(n);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n->ninputs; i++) {
        lp_buf_puts(out, k++ ? "," : "");
        lp_buf_putc(out, '"');
        lp_buf_printf(out, "%s.input.%s", dash->name, n->inputs[i]);
        lp_buf_putc(out, '"');
    }
    for (uint32_t i = 0; i < n->ndeps; i++) {
        lp_buf_puts(out, k++ ? "," : "");
        lp_json_cstr(out, n->deps[i]->name);
    }
    lp_buf_putc(out, ']');
}

/* A parent of panels, whose run is a DashboardParentImpl: it fails when a child (a panel, or one of its
 * withs) failed */
static int is_parent(const lp_run_node *n)
{
    return n->type == LP_NODE_DASHBOARD || n->type == LP_NODE_CONTAINER ||
           n->type == LP_NODE_DETECTION_BENCHMARK;
}

/* A failed parent's error, as DashboardParentImpl.waitForChildrenAsync makes it: how many of its
 * children failed */
static void failed_children(lp_buf *out, uint32_t failed)
{
    lp_buf_printf(out, ",\"error\":\"%u %s failed with an error\"", failed,
                  failed == 1 ? "child" : "children");
}

static void children_error(lp_buf *out, const lp_run_node *n)
{
    uint32_t failed = 0;
    for (uint32_t i = 0; i < n->nchildren; i++) failed += lp_node_get_state(n->children[i]) == LP_NODE_ERROR;
    failed_children(out, failed);
}

/* runtimeDependencyPublisherImpl.Args (omitempty): the values n's statement was bound with, the first
 * key of its panel */
static void args_json(lp_buf *out, const lp_run_node *n)
{
    if (!n->shown_args) return;
    lp_buf_puts(out, "\"args\":");
    lp_buf_puts(out, n->shown_args);
    lp_buf_putc(out, ',');
}

/* runtimeDependencyPublisherImpl.Params (omitempty): leaf resource r's own */
static void opt_params(lp_buf *out, const lp_resource *r)
{
    if (!r || !lp_resource_param_count(r)) return;
    lp_buf_puts(out, ",\"params\":");
    lp_resource_params_json(r, out, 1);
}

static void opt_tags(lp_buf *out, const lp_resource *r)
{
    if (!r || !lp_resource_tag_count(r)) return;
    lp_buf_puts(out, ",\"tags\":");
    lp_resource_tags_json(r, out);
}

static void panel_json(run_snap *w, const lp_run_node *n)
{
    lp_buf *out = w->out;
    const lp_resource *r = n->block ? NULL : n->res;
    lp_kind k = r ? lp_resource_kind(r) : LP_KIND__COUNT;
    int leaf = n->type == LP_NODE_PANEL || n->type == LP_NODE_CONTROL || n->type == LP_NODE_QUERY ||
               n->type == LP_NODE_DETECTION;
    int detection_bench = n->type == LP_NODE_DETECTION_BENCHMARK;
    lp_buf_putc(out, '{');
    args_json(out, n);
    /* DetectionBenchmarkRun.BenchmarkType */
    lp_buf_puts(out, detection_bench ? "\"benchmark_type\":\"detection\",\"dashboard\":" : "\"dashboard\":");
    lp_json_cstr(out, dashboard_of(n)->name);
    if (leaf && has_data(n)) data_json(w, n);
    dependencies_json(out, n);
    if (r) {
        opt_str(out, "description", lp_resource_str(r, "description"));
        opt_str(out, "display", lp_resource_str(r, "display"));
        /* DashboardImage.GetType and DashboardCard.GetDocumentation return "" */
        /* a detection benchmark's `type` says what it is, not how it shows: its GetType is "" */
        if (k != LP_KIND_IMAGE && !detection_bench) opt_str(out, "display_type", lp_resource_str(r, "type"));
        if (k != LP_KIND_CARD && !w->strip)
            opt_str(out, "documentation", lp_resource_str(r, "documentation"));
    } else if (n->block) {
        opt_str(out, "description", block_attr_text(n, "description"));
        if (!w->strip) opt_str(out, "documentation", block_attr_text(n, "documentation"));
    }
    if (n->state == LP_NODE_ERROR) opt_str(out, "error", n->error ? n->error : "error");
    else if (is_parent(n) && lp_node_get_state(n) == LP_NODE_ERROR) children_error(out, n);
    lp_buf_puts(out, ",\"name\":");
    lp_json_cstr(out, n->name);
    lp_buf_puts(out, ",\"panel_type\":");
    lp_json_cstr(out, lp_node_panel_type(n));
    if (leaf) opt_params(out, r);
    if (leaf && n->res) properties_json(out, n);
    /* a ControlRun and a ResultGroup (a benchmark under a benchmark) are no DashboardTreeRunImpl */
    int tree_run = n->type != LP_NODE_CONTROL &&
                   !(n->type == LP_NODE_BENCHMARK && n->parent && n->parent->type == LP_NODE_BENCHMARK);
    if (!w->strip && tree_run) {
        /* DashboardTreeRunImpl.SourceDefinition: the block's text, "" for what has none (raw SQL) */
        const char *src = n->block ? n->block->source : n->res ? lp_resource_source(n->res) : NULL;
        lp_buf_puts(out, ",\"source_definition\":");
        lp_json_cstr(out, src ? src : "");
        opt_str(out, "sql", n->shown_sql);   /* RawSQL (omitempty): the statement it ran */
    }
    lp_buf_printf(out, ",\"status\":\"%s\"", state_name(n));
    opt_tags(out, r);
    opt_str(out, "title", r ? lp_resource_str(r, "title") : n->block ? block_attr_text(n, "title") : NULL);
    int64_t width;
    if (r && lp_resource_int(r, "width", &width) == LP_OK && width)
        lp_buf_printf(out, ",\"width\":%lld", (long long)width);
    lp_buf_putc(out, '}');
}

int lp_node_panel_json(const lp_run_node *n, lp_buf *out)
{
    if (!n || !out) return LP_ERR_ARG;
    run_snap w = { .out = out };
    panel_json(&w, n);
    return out->oom ? LP_ERR_NOMEM : LP_OK;
}

static void layout_json(lp_buf *out, const lp_run_node *n, int depth)
{
    lp_buf_puts(out, "{\"name\":");
    lp_json_cstr(out, n->name);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n->nchildren && depth < 64; i++) {
        const lp_run_node *c = n->children[i];
        if (c->hidden) continue;
        lp_buf_puts(out, k++ ? "," : ",\"children\":[");
        layout_json(out, c, depth + 1);
    }
    if (k) lp_buf_putc(out, ']');
    lp_buf_puts(out, ",\"panel_type\":");
    lp_json_cstr(out, lp_node_panel_type(n));
    lp_buf_putc(out, '}');
}

static int cmp_panel(const void *a, const void *b)
{
    const lp_run_node *x = *(const lp_run_node *const *)a, *y = *(const lp_run_node *const *)b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x < y) ? -1 : (x > y);
}

/* pipe-fittings' utils.Base36Hash(text, 8): the MD5's first 64 bits (its hex's first 16 digits) in
 * base 36, the last 8 digits, or zero-padded to 8 */
static void base36_hash8(const char *text, char out[9])
{
    uint8_t md[MD5_DIGEST_LENGTH];
    MD5_CTX mc;
    MD5Init(&mc);
    MD5Update(&mc, (const uint8_t *)text, strlen(text));
    MD5Final(md, &mc);
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v = v << 8 | md[i];
    char digits[14];   /* least significant first */
    int n = 0;
    do {
        digits[n++] = "0123456789abcdefghijklmnopqrstuvwxyz"[v % 36];
        v /= 36;
    } while (v);
    for (int i = 0; i < 8; i++) out[7 - i] = i < n ? digits[i] : '0';
    out[8] = '\0';
}

/* `query run`'s snapshot, as Powerpipe's GenerateSnapshot makes it of a query: wrapped in a dashboard
 * (DashboardExecutionTree.createRootItem, resources.NewQueryDashboard) named
 * "custom.dashboard.sql_<Base36Hash of its SQL>", titled "Custom query [<hash>]" (or --snapshot-title:
 * title; a control keeps its own title), with the query's description, documentation and tags,
 * whose one child is the table "custom.table.results" (NewQueryDashboardTable: the query's title,
 * SQL, params and args; properties its short name).  Both are runs of no block: source_definition "".
 * The dashboard fails when the table did. */
static void query_panels(run_snap *w, const lp_run_node *q, const char *title)
{
    lp_buf *out = w->out;
    const lp_resource *r = q->res;
    const char *sql = r ? lp_resource_str(r, "sql") : q->sql;
    char hash[9], dash[64];
    base36_hash8(sql ? sql : "", hash);
    snprintf(dash, sizeof dash, "custom.dashboard.sql_%s", hash);
    int failed = q->state == LP_NODE_ERROR;
    lp_buf_puts(out, "\"");
    lp_buf_puts(out, dash);
    lp_buf_puts(out, "\":{\"dashboard\":");
    lp_json_cstr(out, dash);
    if (r) {
        opt_str(out, "description", lp_resource_str(r, "description"));
        if (!w->strip) opt_str(out, "documentation", lp_resource_str(r, "documentation"));
    }
    if (failed) failed_children(out, 1);
    lp_buf_puts(out, ",\"name\":");
    lp_json_cstr(out, dash);
    lp_buf_puts(out, ",\"panel_type\":\"dashboard\"");
    if (!w->strip) lp_buf_puts(out, ",\"source_definition\":\"\"");
    lp_buf_printf(out, ",\"status\":\"%s\"", failed ? "error" : "complete");
    opt_tags(out, r);
    const char *own = r ? lp_resource_str(r, "title") : NULL;
    if (r && lp_resource_kind(r) != LP_KIND_QUERY) opt_str(out, "title", own);   /* (omitempty) */
    else if (title && *title) opt_str(out, "title", title);
    else lp_buf_printf(out, ",\"title\":\"Custom query [%s]\"", hash);
    lp_buf_puts(out, "},\"custom.table.results\":{");
    args_json(out, q);
    lp_buf_puts(out, "\"dashboard\":");
    lp_json_cstr(out, dash);
    if (has_data(q)) data_json(w, q);
    if (failed) opt_str(out, "error", q->error ? q->error : "error");
    lp_buf_puts(out, ",\"name\":\"custom.table.results\",\"panel_type\":\"table\"");
    opt_params(out, r);
    lp_buf_puts(out, ",\"properties\":{\"name\":\"results\"}");
    if (!w->strip) {
        lp_buf_puts(out, ",\"source_definition\":\"\"");
        opt_str(out, "sql", q->shown_sql);
    }
    lp_buf_printf(out, ",\"status\":\"%s\"", state_name(q));
    opt_str(out, "title", own);
    lp_buf_puts(out, "}},\"layout\":{\"name\":");
    lp_json_cstr(out, dash);
    lp_buf_puts(out, ",\"children\":[{\"name\":\"custom.table.results\",\"panel_type\":\"table\"}],"
                     "\"panel_type\":\"dashboard\"}");
}

/* The run's panels, a map: sorted, each name once (the first of a control under two benchmarks); then
 * its layout.  -1: out of memory. */
static int run_panels(const lp_run *run, run_snap *w)
{
    lp_buf *out = w->out;
    size_t np = run->npanels;
    const lp_run_node **v = mem_malloc((np ? np : 1) * sizeof *v);
    if (!v) return -1;
    if (np) memcpy(v, run->panels, np * sizeof *v);
    qsort(v, np, sizeof *v, cmp_panel);
    for (size_t i = 0; i < np; i++) {
        if (i && strcmp(v[i]->name, v[i - 1]->name) == 0) continue;
        if (i) lp_buf_putc(out, ',');
        lp_json_cstr(out, v[i]->name);
        lp_buf_putc(out, ':');
        panel_json(w, v[i]);
        run_snap_flush(w, 0);
    }
    mem_free(v, (np ? np : 1) * sizeof *v);
    lp_buf_puts(out, "},\"layout\":");
    layout_json(out, run->root.children[0], 0);
    return 0;
}

static int dash_snapshot(const lp_run *run, run_snap *w, const char *title)
{
    lp_buf *out = w->out;
    int query = !run->is_dash && run->root.nchildren == 1 && run->root.children[0]->type == LP_NODE_QUERY;
    lp_buf_puts(out, "{\"schema_version\":\"" SNAPSHOT_SCHEMA "\",\"panels\":{");
    if (query) query_panels(w, run->root.children[0], title);
    else if (run_panels(run, w) != 0) return LP_ERR_NOMEM;
    lp_buf_puts(out, ",\"inputs\":{");
    for (uint32_t i = 0; i < run->ninput_values; i++) {
        if (i) lp_buf_putc(out, ',');
        lp_buf key = { 0 };
        lp_buf_printf(&key, "input.%s", run->input_names[i]);
        if (key.oom) out->oom = 1;
        else lp_json_str(out, key.data, key.len);
        lp_buf_free(&key);
        lp_buf_putc(out, ':');
        lp_json_cstr(out, run->input_values[i]);
    }
    lp_buf_puts(out, "},\"variables\":");
    const lp_run_node *dash = run->root.children[0];
    /* GetReferencedVariables has no case for a DetectionBenchmarkRun or DetectionRun root: none */
    if (query || !dash->res || dash->type != LP_NODE_DASHBOARD) lp_buf_puts(out, "{}");
    else if (lp_resource_variables_json(run->ws, dash->res, out) == LP_ERR_NOMEM) out->oom = 1;
    lp_buf_puts(out, ",\"start_time\":");
    lp_json_time_ms(out, run->start_ms);
    lp_buf_puts(out, ",\"end_time\":");
    lp_json_time_ms(out, run->end_ms ? run->end_ms : run->start_ms);
    lp_buf_puts(out, ",\"metadata\":{}}");
    return out->oom ? LP_ERR_NOMEM : LP_OK;
}

/* A check run: one benchmark (the server's form), or controls and benchmarks (the CLI's) */
static int is_check_run(const lp_run *run)
{
    if (run->is_dash) return 0;
    for (uint32_t i = 0; i < run->root.nchildren; i++) {
        lp_node_type t = run->root.children[i]->type;
        if (t != LP_NODE_BENCHMARK && t != LP_NODE_CONTROL) return 0;
    }
    return 1;
}

int lp_run_snapshot_write(const lp_run *run, const lp_snapshot_opts *o)
{
    if (!run || !o || !o->write || !run->root.nchildren) return LP_ERR_ARG;
    int query = !run->is_dash && run->root.nchildren == 1 && run->root.children[0]->type == LP_NODE_QUERY;
    int check = !query && is_check_run(run);
    if (o->form == LP_SNAPSHOT_CHECK_CLI ? !check
                                         : !run->is_dash && !query &&
                                               (run->kind != LP_KIND_BENCHMARK ||
                                                run->root.children[0]->type != LP_NODE_BENCHMARK))
        return LP_ERR_ARG;
    lp_buf out = { 0 };
    run_snap w = { .out = &out, .write = o->write, .user = o->user, .rows = o->rows, .strip = o->strip };
    int rc = check ? run_check_snapshot(run, o, &w) : dash_snapshot(run, &w, o->title);
    if (rc == LP_OK) run_snap_flush(&w, 1);
    lp_buf_free(&out);
    if (rc != LP_OK) return rc;
    return w.failed ? LP_ERR_IO : LP_OK;
}

static int append(void *user, const char *data, size_t len)
{
    lp_buf_put(user, data, len);
    return ((lp_buf *)user)->oom;
}

int lp_run_snapshot_json(const lp_run *run, lp_buf *out)
{
    if (!out) return LP_ERR_ARG;
    lp_snapshot_opts o = { .form = LP_SNAPSHOT_SERVER, .write = append, .user = out };
    int rc = lp_run_snapshot_write(run, &o);
    return rc == LP_ERR_IO ? LP_ERR_NOMEM : rc;
}
