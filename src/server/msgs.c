/* msgs.c — Powerpipe's dashboard server messages, compact and in Go
 * encoding/json's form (struct fields in declaration order, map keys sorted,
 * omitempty honoured), built from one pinned workspace version.
 *
 * execution_started is built from the selected dashboard or benchmark loaded
 * whole (lp_load_entry: one load, the nested tree included), as Powerpipe's
 * DashboardExecutionTree builds it: the layout is Root.AsTreeNode()
 * (SnapshotTreeNode {name, children?, panel_type}), the panels map every run
 * by name (BuildSnapshotPanels).  Powerpipe sends the panels through
 * utils.JsonCloneToMap, a JSON round trip into map[string]any, so every
 * panel's keys come out sorted whatever its struct's field order. */
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

/* ------------------------------------------------------------ the run tree */

/* The run types of Powerpipe's execution tree, each serialised its own way. */
enum {
    RUN_DASHBOARD,   /* DashboardRun */
    RUN_CONTAINER,   /* DashboardContainerRun */
    RUN_LEAF,        /* LeafRun: cards, charts, inputs, ..., `with` blocks */
    RUN_CHECK,       /* CheckRun: the benchmark at the root of a check run */
    RUN_GROUP,       /* controlexecute.ResultGroup: a benchmark below it */
    RUN_CONTROL,     /* controlexecute.ControlRun */
    RUN_DETECTION_BENCH, /* DetectionBenchmarkRun: a dashboard-like parent of detections */
};

typedef struct run {
    const lp_resource *r;         /* the resource, or the one whose block this is */
    const char *btype;            /* a block's run (with, node, edge): its type and index */
    uint32_t bi;
    char *name;
    int type;
    int initialized;              /* status "initialized", else "complete" */
    size_t seq;                   /* order of creation: the first of equal names wins */
} run;

typedef struct runs {
    run *v;
    size_t n, cap;
    int oom;
    const char *dashboard;        /* DashboardTreeRunImpl.DashboardName: the root's name */
} runs;

/* Adds a run; its index, or -1 out of memory. */
static long add_run(runs *rs, const lp_resource *r, const char *name, int type)
{
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 64;
        run *v = realloc(rs->v, cap * sizeof *v);
        if (!v) return rs->oom = 1, -1;
        rs->v = v;
        rs->cap = cap;
    }
    char *copy = strdup(name);
    if (!copy) return rs->oom = 1, -1;
    rs->v[rs->n] = (run){ r, NULL, 0, copy, type, 1, rs->n };
    return (long)rs->n++;
}

static const char *short_name(const lp_resource *r)
{
    const char *n = lp_resource_name(r), *dot = strrchr(n, '.');
    return dot ? dot + 1 : n;
}

/* QueryProvider.RequiresExecution: a query or sql to run. */
static int requires_execution(const lp_resource *r)
{
    return lp_resource_str(r, "sql") || lp_resource_str(r, "query");
}

/* An arg known only at run time (self.input..., with..., param...) is a
 * runtime dependency: Powerpipe resolves the SQL only once it is published,
 * so the run starts without `sql`. */
static int has_runtime_args(const lp_resource *r)
{
    for (uint32_t i = 0; i < lp_resource_arg_count(r); i++) {
        const char *name, *value;
        lp_resource_arg(r, i, &name, &value);
        if (!value) return 1;
    }
    return 0;
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

static void add_block_run(runs *rs, const lp_resource *r, const char *type, uint32_t i, const char *name)
{
    long at = add_run(rs, r, name, RUN_LEAF);
    if (at < 0) return;
    rs->v[at].btype = type;
    rs->v[at].bi = i;
    rs->v[at].initialized =
        lp_resource_block_str(r, type, i, "sql") || lp_resource_block_str(r, type, i, "query");
}

/* `with` blocks: runs named "<parent run>.with.<name>"
 * (RuntimeDependencyPublisherImpl.createWithRuns), never in the layout. */
static void with_runs(runs *rs, const lp_resource *r, const char *parent)
{
    for (uint32_t i = 0; i < lp_resource_block_count(r, "with"); i++) {
        lp_buf name = { 0 };
        const char *label = lp_resource_block_label(r, "with", i);
        lp_buf_printf(&name, "%s.with.%s", parent, label ? label : "");
        if (name.oom) rs->oom = 1;
        else add_block_run(rs, r, "with", i, name.data);
        lp_buf_free(&name);
    }
}

/* A flow's, graph's or hierarchy's nodes and edges: LeafRuns of their own
 * (LeafRun.createChildRuns), named as eager names them, not in the layout. */
static void node_edge_runs(runs *rs, const lp_resource *r)
{
    static const char *const types[] = { "node", "edge" };
    for (int t = 0; t < 2; t++)
        for (uint32_t i = 0; i < lp_resource_block_count(r, types[t]); i++) {
            lp_buf name = { 0 };
            if (lp_resource_block_name(r, types[t], i, &name) != LP_OK) rs->oom = 1;
            else add_block_run(rs, r, types[t], i, name.data);
            lp_buf_free(&name);
        }
}

/* ResultGroup.ControlRunCount: a benchmark below the root is in the tree
 * only when some control is below it (NewResultGroup). */
static uint32_t control_count(const lp_resource *r, int depth)
{
    uint32_t n = 0;
    for (uint32_t i = 0; depth < MAX_TREE_DEPTH && i < lp_resource_child_count(r); i++) {
        const lp_resource *c = lp_resource_child(r, i);
        lp_kind k = c ? lp_resource_kind(c) : LP_KIND__COUNT;
        if (k == LP_KIND_CONTROL) n++;
        else if (k == LP_KIND_BENCHMARK) n += control_count(c, depth + 1);
    }
    return n;
}

/* A benchmark's control execution tree (controlexecute.NewResultGroup):
 * child benchmarks with controls below them and controls, in order. */
static void bench_walk(runs *rs, const lp_resource *r, int type, int depth, lp_buf *l)
{
    const char *name = lp_resource_name(r);
    layout_open(l, name);
    add_run(rs, r, name, type);
    int n = 0;
    for (uint32_t i = 0; depth < MAX_TREE_DEPTH && i < lp_resource_child_count(r); i++) {
        const lp_resource *c = lp_resource_child(r, i);
        lp_kind k = c ? lp_resource_kind(c) : LP_KIND__COUNT;
        if (k == LP_KIND_BENCHMARK && control_count(c, depth + 1)) {
            layout_child(l, &n);
            bench_walk(rs, c, RUN_GROUP, depth + 1, l);
        } else if (k == LP_KIND_CONTROL) {
            layout_child(l, &n);
            layout_open(l, lp_resource_name(c));
            layout_close(l, 0, "control");
            add_run(rs, c, lp_resource_name(c), RUN_CONTROL);
        }
    }
    layout_close(l, n, "benchmark");
}

/* A dashboard's or container's tree (DashboardRun.createChildRuns,
 * NewDashboardContainerRun); returns 1 when the run's status is
 * "initialized" (a child to execute below it). */
static int dash_walk(runs *rs, const lp_resource *r, const char *name, int type, int depth, lp_buf *l)
{
    long at = add_run(rs, r, name, type);
    layout_open(l, name);
    int n = 0, init = 0;
    if (type == RUN_DASHBOARD) with_runs(rs, r, name);
    for (uint32_t i = 0; depth < MAX_TREE_DEPTH && i < lp_resource_child_count(r); i++) {
        const lp_resource *c = lp_resource_child(r, i);
        lp_kind k = c ? lp_resource_kind(c) : LP_KIND__COUNT;
        if (k == LP_KIND_WITH || k == LP_KIND__COUNT) continue;
        layout_child(l, &n);
        if (k == LP_KIND_DASHBOARD || k == LP_KIND_CONTAINER) {
            int t = k == LP_KIND_DASHBOARD ? RUN_DASHBOARD : RUN_CONTAINER;
            init |= dash_walk(rs, c, lp_resource_name(c), t, depth + 1, l);
        } else if (k == LP_KIND_BENCHMARK) {
            bench_walk(rs, c, RUN_CHECK, depth + 1, l);   /* NewCheckRun: initialized */
            init = 1;
        } else if (k == LP_KIND_CONTROL) {
            /* a CheckRun whose root is the ControlRun, which BuildSnapshotPanels puts under the name */
            layout_open(l, lp_resource_name(c));
            layout_close(l, 0, "control");
            add_run(rs, c, lp_resource_name(c), RUN_CONTROL);
            init = 1;
        } else {
            lp_buf scoped = { 0 };
            /* a dashboard's own input runs under "<dashboard>.input.<name>" (the
             * execution tree's DashboardName: the root's) */
            if (k == LP_KIND_INPUT && type == RUN_DASHBOARD)
                lp_buf_printf(&scoped, "%s.input.%s", rs->dashboard, short_name(c));
            const char *cn = scoped.len ? scoped.data : lp_resource_name(c);
            if (scoped.oom) rs->oom = 1;
            layout_open(l, cn);
            layout_close(l, 0, lp_kind_name(k));
            long ci = add_run(rs, c, cn, RUN_LEAF);
            /* runtimeDependencyPublisherImpl: initialized with a query to run or children (nodes, edges) */
            int ci_init = requires_execution(c) || lp_resource_block_count(c, "node") ||
                          lp_resource_block_count(c, "edge");
            if (ci >= 0) rs->v[ci].initialized = ci_init;
            init |= ci_init;
            with_runs(rs, c, cn);
            node_edge_runs(rs, c);
            lp_buf_free(&scoped);
        }
    }
    layout_close(l, n, lp_kind_name(lp_resource_kind(r)));
    if (at >= 0) rs->v[at].initialized = init;
    return init;
}

static int is_detection_bench(const lp_resource *r)
{
    lp_kind k = lp_resource_kind(r);
    const char *t = lp_resource_str(r, "type");
    return k == LP_KIND_DETECTION_BENCHMARK || (k == LP_KIND_BENCHMARK && t && strcmp(t, "detection") == 0);
}

/* A detection benchmark's tree (NewDetectionBenchmarkRun): detection benchmarks and detections
 * (DetectionRun, a leaf), in order; initialized when a detection below it has a query. */
static int detection_walk(runs *rs, const lp_resource *r, int depth, lp_buf *l)
{
    const char *name = lp_resource_name(r);
    long at = add_run(rs, r, name, RUN_DETECTION_BENCH);
    layout_open(l, name);
    int n = 0, init = 0;
    for (uint32_t i = 0; depth < MAX_TREE_DEPTH && i < lp_resource_child_count(r); i++) {
        const lp_resource *c = lp_resource_child(r, i);
        if (!c) continue;
        if (is_detection_bench(c)) {
            layout_child(l, &n);
            init |= detection_walk(rs, c, depth + 1, l);
        } else if (lp_resource_kind(c) == LP_KIND_DETECTION) {
            layout_child(l, &n);
            layout_open(l, lp_resource_name(c));
            layout_close(l, 0, "detection");
            long ci = add_run(rs, c, lp_resource_name(c), RUN_LEAF);
            if (ci >= 0) rs->v[ci].initialized = requires_execution(c);
            init |= requires_execution(c);
        }
    }
    layout_close(l, n, "benchmark");
    if (at >= 0) rs->v[at].initialized = init;
    return init;
}

static void opt_str(lp_buf *out, const char *key, const char *v)
{
    if (!v || !v[0]) return;
    lp_buf_printf(out, ",\"%s\":", key);
    lp_json_cstr(out, v);
}

static void tags_json(lp_buf *out, const lp_resource *r)
{
    if (!lp_resource_tag_count(r)) return;
    lp_buf_puts(out, ",\"tags\":");
    lp_resource_tags_json(r, out);
}

static void properties_json(lp_buf *out, const lp_resource *r)
{
    lp_buf_puts(out, ",\"properties\":");
    if (lp_resource_properties_json(r, out) != LP_OK) out->oom = 1;
}

/* controlstatus.StatusSummary, all zero before anything ran */
#define STATUS_SUMMARY "{\"alarm\":0,\"error\":0,\"info\":0,\"ok\":0,\"skip\":0}"

/* DashboardTreeRunImpl's fields (with LeafRun's params, properties and sql,
 * and CheckRun's summary) in sorted order. */
static void tree_run_json(lp_buf *out, const run *ru, const char *dashboard)
{
    const lp_resource *r = ru->r;
    lp_kind k = lp_resource_kind(r);
    /* CheckRun.BenchmarkType: "control" once Initialise built its tree */
    if (ru->type == RUN_CHECK) lp_buf_puts(out, "{\"benchmark_type\":\"control\",\"dashboard\":");
    else if (ru->type == RUN_DETECTION_BENCH)
        lp_buf_puts(out, "{\"benchmark_type\":\"detection\",\"dashboard\":");
    else lp_buf_puts(out, "{\"dashboard\":");
    lp_json_cstr(out, dashboard);
    opt_str(out, "description", lp_resource_str(r, "description"));
    opt_str(out, "display", lp_resource_str(r, "display"));
    /* DashboardImage.GetType and DashboardCard.GetDocumentation return "" */
    /* a detection benchmark's `type` says what it is, not how it shows: its GetType is "" */
    if (k != LP_KIND_IMAGE && ru->type != RUN_DETECTION_BENCH)
        opt_str(out, "display_type", lp_resource_str(r, "type"));
    if (k != LP_KIND_CARD) opt_str(out, "documentation", lp_resource_str(r, "documentation"));
    lp_buf_puts(out, ",\"name\":");
    lp_json_cstr(out, ru->name);
    lp_buf_puts(out, ",\"panel_type\":");
    lp_json_cstr(out, ru->type == RUN_DETECTION_BENCH ? "benchmark" : lp_kind_name(k));
    if (ru->type == RUN_LEAF) {
        uint32_t np = lp_resource_param_count(r);
        for (uint32_t i = 0; i < np; i++) {
            const char *name, *desc, *def;
            lp_resource_param(r, i, &name, &desc, &def);
            /* modconfig.ParamDef {name, description, default}, keys sorted */
            lp_buf_puts(out, i ? ",{\"default\":" : ",\"params\":[{\"default\":");
            if (def) lp_json_cstr(out, def);
            else lp_buf_puts(out, "null");
            lp_buf_puts(out, ",\"description\":");
            if (desc) lp_json_cstr(out, desc);
            else lp_buf_puts(out, "null");
            lp_buf_puts(out, ",\"name\":");
            lp_json_cstr(out, name);
            lp_buf_putc(out, '}');
        }
        if (np) lp_buf_putc(out, ']');
        properties_json(out, r);
    }
    lp_buf_puts(out, ",\"source_definition\":");
    lp_json_cstr(out, lp_resource_source(r) ? lp_resource_source(r) : "");
    if (ru->type == RUN_LEAF && !has_runtime_args(r)) opt_str(out, "sql", lp_resource_str(r, "sql"));
    lp_buf_printf(out, ",\"status\":\"%s\"", ru->initialized ? "initialized" : "complete");
    if (ru->type == RUN_CHECK) lp_buf_puts(out, ",\"summary\":null");   /* set when it completes */
    tags_json(out, r);
    opt_str(out, "title", lp_resource_str(r, "title"));
    int64_t w;
    if (lp_resource_int(r, "width", &w) == LP_OK && w) lp_buf_printf(out, ",\"width\":%lld", (long long)w);
    lp_buf_putc(out, '}');
}

/* controlexecute.ResultGroup's fields, sorted */
static void group_json(lp_buf *out, const run *ru)
{
    const lp_resource *r = ru->r;
    lp_buf t = { 0 };   /* written with a comma before each key, the first one dropped */
    lp_buf *out0 = out;
    out = &t;
    opt_str(out, "description", lp_resource_str(r, "description"));
    opt_str(out, "display", lp_resource_str(r, "display"));
    opt_str(out, "documentation", lp_resource_str(r, "documentation"));
    lp_buf_puts(out, ",\"name\":");
    lp_json_cstr(out, ru->name);
    lp_buf_puts(out, ",\"panel_type\":\"benchmark\",\"summary\":{\"status\":" STATUS_SUMMARY "}");
    tags_json(out, r);
    opt_str(out, "title", lp_resource_str(r, "title"));
    opt_str(out, "type", lp_resource_str(r, "type"));
    lp_buf_putc(out0, '{');
    if (t.len) lp_buf_put(out0, t.data + 1, t.len - 1);
    lp_buf_putc(out0, '}');
    if (t.oom) out0->oom = 1;
    lp_buf_free(&t);
}

/* controlexecute.ControlRun's fields, sorted: no dashboard, no source, no sql */
static void control_json(lp_buf *out, const run *ru)
{
    const lp_resource *r = ru->r;
    lp_buf_puts(out, "{\"data\":null");
    opt_str(out, "description", lp_resource_str(r, "description"));
    opt_str(out, "display", lp_resource_str(r, "display"));
    opt_str(out, "display_type", lp_resource_str(r, "type"));
    opt_str(out, "documentation", lp_resource_str(r, "documentation"));
    lp_buf_puts(out, ",\"name\":");
    lp_json_cstr(out, ru->name);
    lp_buf_puts(out, ",\"panel_type\":\"control\"");
    properties_json(out, r);
    lp_buf_puts(out, ",\"status\":\"initialized\",\"summary\":" STATUS_SUMMARY);
    tags_json(out, r);
    opt_str(out, "title", lp_resource_str(r, "title"));
    lp_buf_putc(out, '}');
}

/* A with, node or edge block's LeafRun: what its resource (DashboardWith,
 * DashboardNode, DashboardEdge) gives DashboardTreeRunImpl, sorted; none has
 * display, type or width (their GetDisplay, GetType, GetWidth return zero). */
static void block_run_json(lp_buf *out, const run *ru, const char *dashboard)
{
    const lp_resource *r = ru->r;
    const char *t = ru->btype;
    lp_buf_puts(out, "{\"dashboard\":");
    lp_json_cstr(out, dashboard);
    opt_str(out, "description", lp_resource_block_str(r, t, ru->bi, "description"));
    opt_str(out, "documentation", lp_resource_block_str(r, t, ru->bi, "documentation"));
    lp_buf_puts(out, ",\"name\":");
    lp_json_cstr(out, ru->name);
    lp_buf_puts(out, ",\"panel_type\":");
    lp_json_cstr(out, t);
    lp_buf_puts(out, ",\"properties\":");
    if (strcmp(t, "with") == 0) {   /* DashboardWith tags nothing `snapshot`: its short name only */
        lp_buf_puts(out, "{\"name\":");
        lp_json_cstr(out, lp_resource_block_label(r, t, ru->bi) ? lp_resource_block_label(r, t, ru->bi) : "");
        lp_buf_putc(out, '}');
    } else if (lp_resource_block_properties_json(r, t, ru->bi, out) != LP_OK) {
        out->oom = 1;
    }
    lp_buf_puts(out, ",\"source_definition\":");
    const char *src = lp_resource_block_source(r, t, ru->bi);
    lp_json_cstr(out, src ? src : "");
    opt_str(out, "sql", lp_resource_block_str(r, t, ru->bi, "sql"));
    lp_buf_printf(out, ",\"status\":\"%s\"", ru->initialized ? "initialized" : "complete");
    opt_str(out, "title", lp_resource_block_str(r, t, ru->bi, "title"));
    lp_buf_putc(out, '}');
}

static void panel_json(lp_buf *out, const run *ru, const char *dashboard)
{
    if (ru->btype) block_run_json(out, ru, dashboard);
    else if (ru->type == RUN_GROUP) group_json(out, ru);
    else if (ru->type == RUN_CONTROL) control_json(out, ru);
    else tree_run_json(out, ru, dashboard);
}

static int cmp_run(const void *a, const void *b)
{
    const run *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

int srv_execution_started(lp_workspace *ws, uint32_t root, const char *exec_id, const char *start_time,
                          lp_buf *out, char *err, size_t errsize)
{
    lp_resource *r;
    lp_error e = { 0 };
    if (lp_load_entry(ws, root, &r, &e) != LP_OK) {
        snprintf(err, errsize, "%s", e.message);
        return -1;
    }
    runs rs = { .dashboard = lp_resource_name(r) };
    lp_buf layout = { 0 };
    lp_kind k = lp_resource_kind(r);
    if (is_detection_bench(r)) {
        detection_walk(&rs, r, 0, &layout);
    } else if (k == LP_KIND_DETECTION) {   /* a detection selected alone: its DetectionRun is the root */
        long ci = add_run(&rs, r, lp_resource_name(r), RUN_LEAF);
        if (ci >= 0) rs.v[ci].initialized = requires_execution(r);
        layout_open(&layout, lp_resource_name(r));
        layout_close(&layout, 0, "detection");
    } else if (k == LP_KIND_BENCHMARK) {
        bench_walk(&rs, r, RUN_CHECK, 0, &layout);
    } else {
        dash_walk(&rs, r, lp_resource_name(r), RUN_DASHBOARD, 0, &layout);
    }
    lp_buf_puts(out, "{\"schema_version\":\"20240607\",\"action\":\"execution_started\",\"execution_id\":");
    lp_json_cstr(out, exec_id);
    lp_buf_puts(out, ",\"panels\":{");
    /* a map: keys sorted, each once (the first run of a name: a control under two benchmarks) */
    qsort(rs.v, rs.n, sizeof *rs.v, cmp_run);
    for (size_t i = 0; i < rs.n; i++) {
        if (i && strcmp(rs.v[i].name, rs.v[i - 1].name) == 0) continue;
        if (i) lp_buf_putc(out, ',');
        lp_json_cstr(out, rs.v[i].name);
        lp_buf_putc(out, ':');
        panel_json(out, &rs.v[i], rs.dashboard);
    }
    lp_buf_puts(out, "},\"layout\":");
    lp_buf_put(out, layout.data ? layout.data : "null", layout.data ? layout.len : 4);
    /* the variables the dashboard reads (execution_started: omitted when none, omitempty) */
    lp_buf vars = { 0 };
    if (k == LP_KIND_DASHBOARD && lp_resource_variables_json(ws, r, &vars) == LP_ERR_NOMEM) out->oom = 1;
    if (vars.data && strcmp(vars.data, "{}") != 0) {
        lp_buf_puts(out, ",\"variables\":");
        lp_buf_puts(out, vars.data);
    }
    lp_buf_free(&vars);
    lp_buf_puts(out, ",\"start_time\":");
    lp_json_cstr(out, start_time);
    lp_buf_putc(out, '}');
    if (rs.oom || layout.oom) out->oom = 1;
    for (size_t i = 0; i < rs.n; i++) free(rs.v[i].name);
    free(rs.v);
    lp_buf_free(&layout);
    lp_resource_release(r);
    if (out->oom) {
        snprintf(err, errsize, "out of memory building execution_started");
        return -1;
    }
    return 0;
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
