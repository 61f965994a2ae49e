/* started.c — a run as Powerpipe's execution_started announces it (lazypipe.h: lp_run_started_json).
 *
 * The panels and the layout are written from the run's own nodes, so that what is announced is
 * what runs: every panel's name, order and status come from the tree run.c and dash.c built.
 * The fields are those Powerpipe's DashboardExecutionTree has before anything ran: the layout is
 * Root.AsTreeNode() (SnapshotTreeNode {name, children?, panel_type}), the panels map every run by
 * name (BuildSnapshotPanels).  Powerpipe sends the panels through utils.JsonCloneToMap, a JSON
 * round trip into map[string]any, so every panel's keys come out sorted whatever its struct's
 * field order.  A status is the one a run has when it is created ("initialized" with something to
 * execute below it, else "complete"), never the node's state now: the workers are running.
 *
 * A check run's nodes come from the index (run.c: loaded only while they run, res then changes
 * under a worker), so their fields are read from the benchmark loaded whole here, matched to the
 * nodes by name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/mem.h"
#include "load/load.h"
#include "run/run.h"

#define MAX_TREE_DEPTH 64

/* The run types of Powerpipe's execution tree, each serialised its own way. */
enum {
    RUN_DASHBOARD,   /* DashboardRun */
    RUN_CONTAINER,   /* DashboardContainerRun */
    RUN_LEAF,        /* LeafRun: cards, charts, inputs, ..., `with` blocks */
    RUN_CHECK,       /* CheckRun: a benchmark at the root of a check run */
    RUN_GROUP,       /* controlexecute.ResultGroup: a benchmark below it */
    RUN_CONTROL,     /* controlexecute.ControlRun */
    RUN_DETECTION_BENCH, /* DetectionBenchmarkRun: a dashboard-like parent of detections */
};

typedef struct srun {
    const lp_resource *r;         /* the resource, or the one whose block this is */
    const char *btype;            /* a block's run (with, node, edge): its type and index */
    uint32_t bi;
    const char *name;             /* the node's */
    int type;
    int initialized;              /* status "initialized", else "complete" */
    size_t seq;                   /* order of creation: the first of equal names wins */
} srun;

typedef struct sruns {
    srun *v;
    size_t n, cap;
    int oom, missing;
    const char *dashboard;        /* DashboardTreeRunImpl.DashboardName: the root's name */
} sruns;

/* Adds a run; its index, or -1 out of memory. */
static long add_run(sruns *rs, const lp_resource *r, const char *name, int type)
{
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 64;
        srun *v = mem_realloc(rs->v, rs->cap * sizeof *v, cap * sizeof *v);
        if (!v) return rs->oom = 1, -1;
        rs->v = v;
        rs->cap = cap;
    }
    rs->v[rs->n] = (srun){ r, NULL, 0, name, type, 1, rs->n };
    return (long)rs->n++;
}

/* QueryProvider.RequiresExecution: a query or sql to run. */
static int requires_execution(const lp_resource *r)
{
    return lp_resource_str(r, "sql") || lp_resource_str(r, "query");
}

/* An arg known only at run time (self.input..., with..., param...) is a runtime dependency:
 * Powerpipe resolves the SQL only once it is published, so the run starts without `sql`. */
static int has_runtime_args(const lp_resource *r)
{
    for (uint32_t i = 0; i < lp_resource_arg_count(r); i++) {
        const char *name, *value;
        lp_resource_arg(r, i, &name, &value);
        if (!value) return 1;
    }
    return 0;
}

void run_layout_open(lp_buf *l, const char *name)
{
    lp_buf_puts(l, "{\"name\":");
    lp_json_cstr(l, name);
}

void run_layout_close(lp_buf *l, int nchildren, const char *panel_type)
{
    if (nchildren) lp_buf_putc(l, ']');
    lp_buf_puts(l, ",\"panel_type\":");
    lp_json_cstr(l, panel_type);
    lp_buf_putc(l, '}');
}

void run_layout_child(lp_buf *l, int *n)
{
    lp_buf_puts(l, (*n)++ ? "," : ",\"children\":[");
}

/* A with, node or edge run (hidden: never in the layout), below a panel or a dashboard. */
static void add_block_run(sruns *rs, const lp_run_node *n)
{
    long at = add_run(rs, n->res, n->name, RUN_LEAF);
    if (at < 0) return;
    const char *t = n->panel_type;
    uint32_t bi = 0;
    for (uint32_t j = 0; j < n->res->nblocks && &n->res->blocks[j] != n->block; j++)
        bi += strcmp(n->res->blocks[j].type, t) == 0;
    rs->v[at].btype = t;
    rs->v[at].bi = bi;
    rs->v[at].initialized = lp_resource_block_str(n->res, t, bi, "sql") ||
                            lp_resource_block_str(n->res, t, bi, "query");
}

/* ResultGroup.ControlRunCount: a benchmark below the root is in the tree only when some control
 * is below it (NewResultGroup). */
static uint32_t control_count(const lp_run_node *n, int depth)
{
    uint32_t k = 0;
    for (uint32_t i = 0; depth < MAX_TREE_DEPTH && i < n->nchildren; i++) {
        const lp_run_node *c = n->children[i];
        if (c->type == LP_NODE_CONTROL) k++;
        else if (c->type == LP_NODE_BENCHMARK) k += control_count(c, depth + 1);
    }
    return k;
}

/* The resource of a check run's child node c: its own (a dashboard's benchmark, loaded with the
 * dashboard), or for an indexed node the child of the same name of its parent's loaded resource. */
static const lp_resource *child_resource(sruns *rs, const lp_resource *parent, const lp_run_node *c,
                                         uint32_t *cursor)
{
    if (!c->indexed) return c->res;
    uint32_t nc = parent ? lp_resource_child_count(parent) : 0;
    for (uint32_t k = 0; k < nc; k++) {
        uint32_t j = (*cursor + k) % nc;
        const lp_resource *r = lp_resource_child(parent, j);
        if (r && strcmp(lp_resource_name(r), c->name) == 0) {
            *cursor = j + 1;
            return r;
        }
    }
    rs->missing = 1;
    return NULL;
}

/* A benchmark's control execution tree (controlexecute.NewResultGroup): child benchmarks with
 * controls below them and controls, in order. */
static void bench_walk(sruns *rs, const lp_run_node *n, const lp_resource *r, int type, int depth, lp_buf *l)
{
    run_layout_open(l, n->name);
    add_run(rs, r, n->name, type);
    int k = 0;
    uint32_t cursor = 0;
    for (uint32_t i = 0; depth < MAX_TREE_DEPTH && i < n->nchildren && !rs->missing; i++) {
        const lp_run_node *c = n->children[i];
        if (c->type == LP_NODE_BENCHMARK && control_count(c, depth + 1)) {
            const lp_resource *cr = child_resource(rs, r, c, &cursor);
            if (!cr) break;
            run_layout_child(l, &k);
            bench_walk(rs, c, cr, RUN_GROUP, depth + 1, l);
        } else if (c->type == LP_NODE_CONTROL) {
            const lp_resource *cr = child_resource(rs, r, c, &cursor);
            if (!cr) break;
            run_layout_child(l, &k);
            run_layout_open(l, c->name);
            run_layout_close(l, 0, "control");
            add_run(rs, cr, c->name, RUN_CONTROL);
        }
    }
    run_layout_close(l, k, "benchmark");
}

/* A dashboard's or container's tree (DashboardRun.createChildRuns, NewDashboardContainerRun);
 * returns 1 when the run's status is "initialized" (a child to execute below it). */
static int dash_walk(sruns *rs, const lp_run_node *n, int type, int depth, lp_buf *l)
{
    long at = add_run(rs, n->res, n->name, type);
    run_layout_open(l, n->name);
    int k = 0, init = 0;
    for (uint32_t i = 0; depth < MAX_TREE_DEPTH && i < n->nchildren; i++) {
        const lp_run_node *c = n->children[i];
        if (c->hidden) {   /* the dashboard's with runs */
            add_block_run(rs, c);
            continue;
        }
        run_layout_child(l, &k);
        if (c->type == LP_NODE_DASHBOARD || c->type == LP_NODE_CONTAINER) {
            int t = c->type == LP_NODE_DASHBOARD ? RUN_DASHBOARD : RUN_CONTAINER;
            init |= dash_walk(rs, c, t, depth + 1, l);
        } else if (c->type == LP_NODE_BENCHMARK) {
            bench_walk(rs, c, c->res, RUN_CHECK, depth + 1, l);   /* NewCheckRun: initialized */
            init = 1;
        } else if (c->type == LP_NODE_CONTROL) {
            /* a CheckRun whose root is the ControlRun, which BuildSnapshotPanels puts under the name */
            run_layout_open(l, c->name);
            run_layout_close(l, 0, "control");
            add_run(rs, c->res, c->name, RUN_CONTROL);
            init = 1;
        } else {
            run_layout_open(l, c->name);
            run_layout_close(l, 0, lp_kind_name(lp_resource_kind(c->res)));
            long ci = add_run(rs, c->res, c->name, RUN_LEAF);
            /* runtimeDependencyPublisherImpl: initialized with a query to run or children (nodes, edges) */
            int ci_init = requires_execution(c->res) || lp_resource_block_count(c->res, "node") ||
                          lp_resource_block_count(c->res, "edge");
            if (ci >= 0) rs->v[ci].initialized = ci_init;
            init |= ci_init;
            for (uint32_t j = 0; j < c->nchildren; j++)   /* its with, node and edge runs */
                if (c->children[j]->hidden) add_block_run(rs, c->children[j]);
        }
    }
    run_layout_close(l, k, lp_kind_name(lp_resource_kind(n->res)));
    if (at >= 0) rs->v[at].initialized = init;
    return init;
}

/* A detection benchmark's tree (NewDetectionBenchmarkRun): detection benchmarks and detections
 * (DetectionRun, a leaf), in order; initialized when a detection below it has a query. */
static int detection_walk(sruns *rs, const lp_run_node *n, int depth, lp_buf *l)
{
    long at = add_run(rs, n->res, n->name, RUN_DETECTION_BENCH);
    run_layout_open(l, n->name);
    int k = 0, init = 0;
    for (uint32_t i = 0; depth < MAX_TREE_DEPTH && i < n->nchildren; i++) {
        const lp_run_node *c = n->children[i];
        if (c->type == LP_NODE_DETECTION_BENCHMARK) {
            run_layout_child(l, &k);
            init |= detection_walk(rs, c, depth + 1, l);
        } else if (c->type == LP_NODE_DETECTION) {
            run_layout_child(l, &k);
            run_layout_open(l, c->name);
            run_layout_close(l, 0, "detection");
            long ci = add_run(rs, c->res, c->name, RUN_LEAF);
            if (ci >= 0) rs->v[ci].initialized = requires_execution(c->res);
            init |= requires_execution(c->res);
        }
    }
    run_layout_close(l, k, "benchmark");
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

/* DashboardTreeRunImpl's fields (with LeafRun's params, properties and sql, and CheckRun's
 * summary) in sorted order. */
static void tree_run_json(lp_buf *out, const srun *ru, const char *dashboard)
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
        if (lp_resource_param_count(r)) {   /* modconfig.ParamDef {name, description, default}, keys sorted */
            lp_buf_puts(out, ",\"params\":");
            lp_resource_params_json(r, out, 1);
        }
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
static void group_json(lp_buf *out, const srun *ru)
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
static void control_json(lp_buf *out, const srun *ru)
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

/* A with, node or edge block's LeafRun: what its resource (DashboardWith, DashboardNode,
 * DashboardEdge) gives DashboardTreeRunImpl, sorted; none has display, type or width (their
 * GetDisplay, GetType, GetWidth return zero). */
static void block_run_json(lp_buf *out, const srun *ru, const char *dashboard)
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
        const char *label = lp_resource_block_label(r, t, ru->bi);
        lp_buf_puts(out, "{\"name\":");
        lp_json_cstr(out, label ? label : "");
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

static void panel_json(lp_buf *out, const srun *ru, const char *dashboard)
{
    if (ru->btype) block_run_json(out, ru, dashboard);
    else if (ru->type == RUN_GROUP) group_json(out, ru);
    else if (ru->type == RUN_CONTROL) control_json(out, ru);
    else tree_run_json(out, ru, dashboard);
}

static int cmp_run(const void *a, const void *b)
{
    const srun *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

int lp_run_started_json(lp_run *run, const char *execution_id, const char *start_time, lp_buf *out,
                        lp_error *err)
{
    if (err) memset(err, 0, sizeof *err);
    const lp_run_node *top = run && run->root.nchildren ? run->root.children[0] : NULL;
    if (!top || !out || !execution_id || !start_time ||
        !(run->is_dash || (run->kind == LP_KIND_BENCHMARK && top->type == LP_NODE_BENCHMARK)))
        return err_set(err, LP_ERR_ARG, "neither a dashboard, a benchmark nor a detection run");
    /* a check run's benchmark, loaded whole for its nodes' fields: for this message alone, not cached
     * (with 5,000 controls the tree is 6.5 MiB, which the cache kept for the server's lifetime) */
    lp_resource *bench = NULL;
    if (top->indexed) {
        int rc = lp_load_entry_uncached(run->ws, top->entry, &bench, err);
        if (rc != LP_OK) return rc;
    }
    sruns rs = { .dashboard = top->name };
    lp_buf layout = { 0 };
    if (top->type == LP_NODE_DETECTION_BENCHMARK) {
        detection_walk(&rs, top, 0, &layout);
    } else if (top->type == LP_NODE_DETECTION) {   /* a detection alone: its DetectionRun is the root */
        long ci = add_run(&rs, top->res, top->name, RUN_LEAF);
        if (ci >= 0) rs.v[ci].initialized = requires_execution(top->res);
        run_layout_open(&layout, top->name);
        run_layout_close(&layout, 0, "detection");
    } else if (top->type == LP_NODE_BENCHMARK) {
        bench_walk(&rs, top, bench ? bench : top->res, RUN_CHECK, 0, &layout);
    } else {
        dash_walk(&rs, top, RUN_DASHBOARD, 0, &layout);
    }
    int rc = LP_OK;
    if (rs.missing) {
        rc = err_set(err, LP_ERR_NOT_FOUND, "%s: the benchmark's children changed since the run started",
                     top->name);
        goto done;
    }
    lp_buf_puts(out, "{\"schema_version\":\"20240607\",\"action\":\"execution_started\",\"execution_id\":");
    lp_json_cstr(out, execution_id);
    lp_buf_puts(out, ",\"panels\":{");
    /* a map: keys sorted, each once (the first run of a name: a control under two benchmarks) */
    if (rs.n) qsort(rs.v, rs.n, sizeof *rs.v, cmp_run);
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
    int dash = top->type == LP_NODE_DASHBOARD;
    if (dash && lp_resource_variables_json(run->ws, top->res, &vars) == LP_ERR_NOMEM)
        out->oom = 1;
    if (vars.data && strcmp(vars.data, "{}") != 0) {
        lp_buf_puts(out, ",\"variables\":");
        lp_buf_puts(out, vars.data);
    }
    lp_buf_free(&vars);
    lp_buf_puts(out, ",\"start_time\":");
    lp_json_cstr(out, start_time);
    lp_buf_putc(out, '}');
    if (rs.oom || layout.oom || out->oom) rc = err_set(err, LP_ERR_NOMEM, "out of memory");
done:
    mem_free(rs.v, rs.cap * sizeof *rs.v);
    lp_buf_free(&layout);
    lp_resource_release(bench);
    return rc;
}
