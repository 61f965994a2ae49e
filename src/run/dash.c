/* dash.c — a dashboard's execution tree and its run-time values (run.h).
 *
 * Powerpipe's DashboardExecutionTree (internal/dashboardexecute): a DashboardRun per dashboard, a
 * DashboardContainerRun per container, a LeafRun per panel and, below a panel, a LeafRun per `with`
 * block (named "<parent>.with.<name>", RuntimeDependencyPublisherImpl.createWithRuns) and per node
 * and edge block of a flow, graph or hierarchy (LeafRun.createChildRuns).  The panels that run a
 * statement are the run's leaves; a leaf waits for what its args read at run time: `with.x`
 * (the with run's rows), `self.input.x.value` (an input's value) and `param.x` (its parent's args).
 *
 * A detection benchmark runs the same way (Powerpipe runs it through the same execution tree:
 * DetectionBenchmarkRun, DetectionRun): a detection benchmark node per (nested) detection benchmark,
 * a detection node per detection, a leaf that runs its query as a table panel does, with its `with`
 * runs below it.
 *
 * Those args were left unset by the loader, which keeps their expression text (ld_arg.expr): a leaf
 * parses it once at build time to find what it reads, and evaluates it when it runs, with a scope
 * that gives self, with and param their values (ev_scope.runtime) and hands every other root
 * (var, local, connection, resources) to the scope a load of the args' mod has (ld_eval), so an
 * item may mix them: `{ a = var.x, b = self.input.i.value }`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/mem.h"
#include "eval/eval.h"
#include "load/load.h"
#include "run/run.h"

#define DASH_MAX_DEPTH 64

static char *arena_printf(ar_arena *a, const char *fmt, const char *x, const char *y)
{
    int n = snprintf(NULL, 0, fmt, x, y);
    char *p = n >= 0 ? ar_alloc(a, (size_t)n + 1) : NULL;
    if (p) snprintf(p, (size_t)n + 1, fmt, x, y);
    return p;
}

static const char *short_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot ? dot + 1 : name;
}

/* ------------------------------------------------------------------ validation */

/* Powerpipe's parse validation (pipe-fittings parse/validate.go, QueryProviderImpl.ValidateQuery)
 * fails the whole workspace: a query or control must have SQL wherever it is. */
static int validate_workspace(lp_run *run, lp_error *err)
{
    static const lp_kind kinds[] = { LP_KIND_QUERY, LP_KIND_CONTROL };
    for (int k = 0; k < 2; k++)
        for (uint32_t id = lp_next_of_kind(run->ws, kinds[k], LP_NO_ENTRY); id != LP_NO_ENTRY;
             id = lp_next_of_kind(run->ws, kinds[k], id)) {
            lp_entry_info info;
            if (lp_entry_get(run->ws, id, &info) != LP_OK || info.has_sql) continue;
            /* a `base` may give it the SQL: only a load knows */
            lp_resource *r = NULL;
            lp_error e = { 0 };
            if (lp_load_entry(run->ws, id, &r, &e) != LP_OK) continue;
            int has = lp_resource_str(r, "sql") || lp_resource_str(r, "query");
            lp_resource_release(r);
            if (has) continue;
            if (err) {
                err->code = LP_ERR_ARG;
                snprintf(err->message, sizeof err->message, "%s does not define a query or SQL", info.name);
            }
            return LP_ERR_ARG;
        }
    return LP_OK;
}

/* A nested panel must run something, but cards, images, texts and text inputs need not. */
static int validate_nested(const lp_resource *c, lp_error *err)
{
    lp_kind k = lp_resource_kind(c);
    int has = lp_resource_str(c, "sql") || lp_resource_str(c, "query");
    const char *type = lp_resource_str(c, "type");
    if (k == LP_KIND_FLOW || k == LP_KIND_GRAPH || k == LP_KIND_HIERARCHY) {
        if (has || lp_resource_block_count(c, "node") || lp_resource_block_count(c, "edge")) return LP_OK;
        if (err) {
            err->code = LP_ERR_ARG;
            snprintf(err->message, sizeof err->message,
                     "%s does not define a query or SQL, and has no edges/nodes", lp_resource_name(c));
        }
        return LP_ERR_ARG;
    }
    static const char *const free_types[] = { "date",           "datetime", "date_range",
                                              "datetime_range", "text",     "time" };
    int required = k == LP_KIND_CHART || k == LP_KIND_TABLE || k == LP_KIND_INPUT;
    if (k == LP_KIND_INPUT) {   /* DashboardInput.ValidateQuery: a placeholder, options or such a type */
        if (lp_resource_str(c, "placeholder") || lp_resource_block_count(c, "option")) required = 0;
        for (size_t i = 0; type && i < sizeof free_types / sizeof *free_types; i++)
            if (strcmp(type, free_types[i]) == 0) required = 0;
    }
    if (!required || has) return LP_OK;
    if (err) {
        err->code = LP_ERR_ARG;
        snprintf(err->message, sizeof err->message, "%s does not define a query or SQL", lp_resource_name(c));
    }
    return LP_ERR_ARG;
}

/* ------------------------------------------------------------------ dependencies */

/* The with run a node's expression means by with.<name>: its own withs, then its ancestors'. */
static lp_run_node *find_with(const lp_run_node *owner, const char *name, size_t len)
{
    for (const lp_run_node *p = owner; p; p = p->parent)
        for (uint32_t i = 0; i < p->nchildren; i++) {
            lp_run_node *c = p->children[i];
            if (c == owner || !c->panel_type || strcmp(c->panel_type, "with") != 0 || !c->block) continue;
            const char *label = c->block->label ? c->block->label : "";
            if (strlen(label) == len && memcmp(label, name, len) == 0) return c;
        }
    return NULL;
}

/* The args a node passes: a block's own, else its base's; a resource's. */
static const ld_arg *node_args(const lp_run_node *n, uint32_t *count)
{
    const ld_block *bl = n->block;
    if (bl && bl->has_args) { *count = bl->nargs; return bl->args; }
    if (bl && bl->base && bl->base->has_args) { *count = bl->base->nargs; return bl->base->args; }
    if (!bl && n->res) { *count = n->res->nargs; return n->res->args; }
    *count = 0;
    return NULL;
}

typedef struct depwalk {
    lp_run *run;
    lp_run_node *owner;
    lp_run_node *deps[64];
    uint32_t ndeps;
    const char *inputs[32];
    uint32_t ninputs;
    int oom;
    int depth;
    ar_arena *tmp;
} depwalk;

static void collect_expr(depwalk *w, lp_run_node *owner, const char *expr);

static void add_dep(depwalk *w, lp_run_node *d)
{
    for (uint32_t i = 0; i < w->ndeps; i++)
        if (w->deps[i] == d) return;
    if (w->ndeps < 64) w->deps[w->ndeps++] = d;   /* (itself too: a cycle, which the start refuses) */
}

static int step_is(const hcl_step *s, const char *name)
{
    return s->kind == HCL_STEP_ATTR && s->name.len == strlen(name) &&
           memcmp(s->name.p, name, s->name.len) == 0;
}

typedef struct visit {
    depwalk *w;
    lp_run_node *owner;
} visit;

static void visit_expr(hcl_expr *e, void *user)
{
    visit *v = user;
    depwalk *w = v->w;
    if (e->kind != HCL_EXPR_SCOPE_TRAV || !e->u.trav.n) return;
    hcl_str root = e->u.trav.root;
    const hcl_step *st = e->u.trav.steps;
    if (root.len == 4 && memcmp(root.p, "self", 4) == 0 && e->u.trav.n >= 2 && step_is(&st[0], "input") &&
        st[1].kind == HCL_STEP_ATTR) {
        char *name = ar_strndup(&w->run->arena, st[1].name.p, st[1].name.len);
        if (!name) { w->oom = 1; return; }
        for (uint32_t i = 0; i < w->ninputs; i++)
            if (strcmp(w->inputs[i], name) == 0) return;
        if (w->ninputs < 32) w->inputs[w->ninputs++] = name;
    } else if (root.len == 4 && memcmp(root.p, "with", 4) == 0 && st[0].kind == HCL_STEP_ATTR) {
        lp_run_node *d = find_with(v->owner, st[0].name.p, st[0].name.len);
        int is_with = v->owner->block && v->owner->panel_type && strcmp(v->owner->panel_type, "with") == 0;
        const char *self = is_with ? v->owner->block->label : NULL;
        if (!d && self && strlen(self) == st[0].name.len && memcmp(self, st[0].name.p, st[0].name.len) == 0)
            d = v->owner;           /* a with reading itself */
        if (d) add_dep(w, d);
    } else if (root.len == 5 && memcmp(root.p, "param", 5) == 0 && v->owner->block && v->owner->parent &&
               w->depth < 4) {
        /* a with, node or edge reads its parent's param: what the parent's args read */
        lp_run_node *p = v->owner->parent;
        uint32_t na;
        const ld_arg *a = node_args(p, &na);
        w->depth++;
        for (uint32_t i = 0; i < na; i++)
            if (!a[i].value && a[i].expr) collect_expr(w, p, a[i].expr);
        w->depth--;
    }
}

/* Parse "v = <expr>" in a: the expression, or NULL (a syntax error; evaluation reports it). */
static const hcl_expr *parse_expr(ar_arena *a, const char *expr)
{
    size_t len = strlen(expr);
    char *src = ar_alloc(a, len + 6);
    if (!src) return NULL;
    memcpy(src, "v = ", 4);
    memcpy(src + 4, expr, len);
    src[len + 4] = '\n';
    src[len + 5] = '\0';
    hcl_file *f = ar_alloc(a, sizeof *f);
    if (!f || hcl_parse("args", src, len + 5, a, f) != 0 || f->nerrors || !f->body || f->body->nattrs != 1)
        return NULL;
    return f->body->attrs[0].expr;
}

static void collect_expr(depwalk *w, lp_run_node *owner, const char *expr)
{
    const hcl_expr *e = parse_expr(w->tmp, expr);
    visit v = { w, owner };
    if (e) hcl_expr_walk((hcl_expr *)e, visit_expr, &v);
}

/* n's dependencies: the withs and inputs its run-time args read; a composite's: its children. */
static int set_deps(lp_run *run, lp_run_node *n, ar_arena *tmp)
{
    depwalk w = { .run = run, .owner = n, .tmp = tmp };
    if (n->composite) {
        for (uint32_t i = 0; i < n->nchildren; i++)
            if (strcmp(n->children[i]->panel_type, "with") != 0) add_dep(&w, n->children[i]);
    } else {
        uint32_t na;
        const ld_arg *a = node_args(n, &na);
        for (uint32_t i = 0; i < na; i++)
            if (!a[i].value && a[i].expr) collect_expr(&w, n, a[i].expr);
    }
    if (w.oom) return LP_ERR_NOMEM;
    if (w.ndeps) {
        n->deps = ar_alloc(&run->arena, w.ndeps * sizeof *n->deps);
        if (!n->deps) return LP_ERR_NOMEM;
        memcpy(n->deps, w.deps, w.ndeps * sizeof *n->deps);
        n->ndeps = w.ndeps;
    }
    if (w.ninputs) {
        n->inputs = ar_alloc(&run->arena, w.ninputs * sizeof *n->inputs);
        if (!n->inputs) return LP_ERR_NOMEM;
        memcpy(n->inputs, w.inputs, w.ninputs * sizeof *n->inputs);
        n->ninputs = w.ninputs;
    }
    return LP_OK;
}

/* ------------------------------------------------------------------ the tree */

static int add_panel_node(lp_run *run, lp_run_node *n)
{
    lp_run_node **p = mem_room(run->panels, run->npanels, &run->panels_cap, sizeof *p, 32);
    if (!p) return LP_ERR_NOMEM;
    run->panels = p;
    run->panels[run->npanels++] = n;
    return LP_OK;
}

static const ld_block *nth_block(const lp_resource *r, const char *type, uint32_t i)
{
    for (uint32_t j = 0; r && j < r->nblocks; j++)
        if (strcmp(r->blocks[j].type, type) == 0 && i-- == 0) return &r->blocks[j];
    return NULL;
}

typedef struct dash_build {
    run_builder *b;
    lp_run *run;
    lp_error *err;
    int rc;
} dash_build;

static lp_run_node *mk(dash_build *d, lp_node_type t, lp_run_node *parent, const lp_resource *res,
                       const char *name, const char *ptype)
{
    lp_run_node *n = run_new_node(d->b, t, parent, res);
    if (!n || add_panel_node(d->run, n) != LP_OK) {
        d->rc = LP_ERR_NOMEM;
        return NULL;
    }
    n->name = name;
    n->panel_type = ptype;
    n->state = LP_NODE_COMPLETE;     /* nothing to run, unless it is made a leaf */
    parent->children[parent->nchildren++] = n;
    return n;
}

static void make_leaf(dash_build *d, lp_run_node *n)
{
    n->state = LP_NODE_READY;
    run_add_leaf(d->b, n);
}

/* The with runs of res below node (never in the layout). */
static void with_runs(dash_build *d, lp_run_node *node, const lp_resource *res)
{
    uint32_t nw = lp_resource_block_count(res, "with");
    for (uint32_t i = 0; i < nw && d->rc == LP_OK; i++) {
        const ld_block *bl = nth_block(res, "with", i);
        char *name = arena_printf(&d->run->arena, "%s.with.%s", node->name, bl->label ? bl->label : "");
        lp_run_node *w = name ? mk(d, LP_NODE_PANEL, node, res, name, "with") : NULL;
        if (!w) { d->rc = LP_ERR_NOMEM; return; }
        w->block = bl;
        w->hidden = 1;
        make_leaf(d, w);
    }
}

static void node_edge_runs(dash_build *d, lp_run_node *node, const lp_resource *res)
{
    static const char *const types[] = { "node", "edge" };
    for (int t = 0; t < 2; t++)
        for (uint32_t i = 0; i < lp_resource_block_count(res, types[t]) && d->rc == LP_OK; i++) {
            lp_buf name = { 0 };
            char *copy = NULL;
            if (lp_resource_block_name(res, types[t], i, &name) == LP_OK)
                copy = ar_strndup(&d->run->arena, name.data, name.len);
            lp_buf_free(&name);
            lp_run_node *c = copy ? mk(d, LP_NODE_PANEL, node, res, copy, types[t]) : NULL;
            if (!c) { d->rc = LP_ERR_NOMEM; return; }
            c->block = nth_block(res, types[t], i);
            c->hidden = 1;
            make_leaf(d, c);
        }
}

static int alloc_children(dash_build *d, lp_run_node *n, const lp_resource *r)
{
    size_t cap = (size_t)lp_resource_child_count(r) + lp_resource_block_count(r, "with") +
                 lp_resource_block_count(r, "node") + lp_resource_block_count(r, "edge") + 1;
    n->children = ar_zalloc(&d->run->arena, cap * sizeof *n->children);
    if (!n->children) d->rc = LP_ERR_NOMEM;
    return d->rc;
}

static void walk(dash_build *d, lp_run_node *node, const lp_resource *r, const char *dashboard, int depth);

static void panel(dash_build *d, lp_run_node *parent, const lp_resource *c, int parent_is_dash,
                  const char *dashboard)
{
    lp_kind k = lp_resource_kind(c);
    if (validate_nested(c, d->err) != LP_OK) { d->rc = LP_ERR_ARG; return; }
    const char *name = lp_resource_name(c);
    /* a dashboard's own input runs as "<dashboard>.input.<name>" (the execution tree's root's name) */
    if (k == LP_KIND_INPUT && parent_is_dash)
        name = arena_printf(&d->run->arena, "%s.input.%s", dashboard, short_of(name));
    lp_run_node *n = name ? mk(d, LP_NODE_PANEL, parent, c, name, lp_kind_name(k)) : NULL;
    if (!n || alloc_children(d, n, c) != LP_OK) { d->rc = LP_ERR_NOMEM; return; }
    with_runs(d, n, c);
    node_edge_runs(d, n, c);
    if (lp_resource_str(c, "sql")) make_leaf(d, n);
    else if (lp_resource_block_count(c, "node") || lp_resource_block_count(c, "edge")) {
        n->composite = 1;
        make_leaf(d, n);
    }
}

static void walk(dash_build *d, lp_run_node *node, const lp_resource *r, const char *dashboard, int depth)
{
    if (alloc_children(d, node, r) != LP_OK) return;
    if (node->type == LP_NODE_DASHBOARD) with_runs(d, node, r);
    for (uint32_t i = 0; i < lp_resource_child_count(r) && d->rc == LP_OK && depth < DASH_MAX_DEPTH; i++) {
        const lp_resource *c = lp_resource_child(r, i);
        lp_kind k = c ? lp_resource_kind(c) : LP_KIND__COUNT;
        if (k == LP_KIND_WITH || k == LP_KIND__COUNT) continue;
        if (k == LP_KIND_DASHBOARD || k == LP_KIND_CONTAINER) {
            lp_run_node *n = mk(d, k == LP_KIND_DASHBOARD ? LP_NODE_DASHBOARD : LP_NODE_CONTAINER, node, c,
                                lp_resource_name(c), lp_kind_name(k));
            if (n) walk(d, n, c, dashboard, depth + 1);
        } else if (k == LP_KIND_BENCHMARK || k == LP_KIND_DETECTION_BENCHMARK) {
            lp_run_node *n = mk(d, LP_NODE_BENCHMARK, node, c, lp_resource_name(c), "benchmark");
            if (n) run_add_children(d->b, n, c);
        } else if (k == LP_KIND_CONTROL) {
            lp_run_node *n = mk(d, LP_NODE_CONTROL, node, c, lp_resource_name(c), "control");
            if (n) make_leaf(d, n);
        } else {
            panel(d, node, c, node->type == LP_NODE_DASHBOARD, dashboard);
        }
    }
}

/* ------------------------------------------------------------------ detections */

static int is_detection_bench(const lp_resource *r)
{
    lp_kind k = lp_resource_kind(r);
    const char *t = lp_resource_str(r, "type");
    return k == LP_KIND_DETECTION_BENCHMARK || (k == LP_KIND_BENCHMARK && t && strcmp(t, "detection") == 0);
}

/* A DetectionRun: a leaf like a table panel (its `with` runs below it); one without SQL is complete. */
static void detection(dash_build *d, lp_run_node *parent, const lp_resource *c)
{
    lp_run_node *n = mk(d, LP_NODE_DETECTION, parent, c, lp_resource_name(c), "detection");
    if (!n || alloc_children(d, n, c) != LP_OK) { d->rc = LP_ERR_NOMEM; return; }
    with_runs(d, n, c);
    if (lp_resource_str(c, "sql")) make_leaf(d, n);
}

/* A DetectionBenchmarkRun (NewDetectionBenchmarkRun): its detection benchmarks and detections in
 * order; any other child fails the start, as Powerpipe's "invalid child type". */
static void detection_bench(dash_build *d, lp_run_node *parent, const lp_resource *r, int depth)
{
    lp_run_node *n = mk(d, LP_NODE_DETECTION_BENCHMARK, parent, r, lp_resource_name(r), "benchmark");
    if (!n || alloc_children(d, n, r) != LP_OK) { d->rc = LP_ERR_NOMEM; return; }
    for (uint32_t i = 0; i < lp_resource_child_count(r) && d->rc == LP_OK; i++) {
        const lp_resource *c = lp_resource_child(r, i);
        if (!c) continue;
        if (is_detection_bench(c)) {
            if (depth < DASH_MAX_DEPTH) detection_bench(d, n, c, depth + 1);
        } else if (lp_resource_kind(c) == LP_KIND_DETECTION) {
            detection(d, n, c);
        } else {
            d->rc = err_set(d->err, LP_ERR_ARG, "%s: invalid child type %s for a detection benchmark",
                            n->name, lp_kind_name(lp_resource_kind(c)));
        }
    }
}

/* The run's input values: the inputs option, then args (Powerpipe's --arg for a dashboard). */
static int parse_inputs(lp_run *run)
{
    uint32_t n = run->opts.ninputs + run->opts.nargs;
    if (!n) return LP_OK;
    run->input_names = ar_zalloc(&run->arena, n * sizeof *run->input_names);
    run->input_values = ar_zalloc(&run->arena, n * sizeof *run->input_values);
    if (!run->input_names || !run->input_values) return LP_ERR_NOMEM;
    for (uint32_t i = 0; i < n; i++) {
        const char *s = i < run->opts.ninputs ? run->opts.inputs[i] : run->opts.args[i - run->opts.ninputs];
        const char *eq = strchr(s, '=');
        if (!eq) continue;
        const char *name = s;
        if (eq - s > 6 && strncmp(s, "input.", 6) == 0) name = s + 6;
        char *nm = ar_strndup(&run->arena, name, (size_t)(eq - name));
        if (!nm) return LP_ERR_NOMEM;
        uint32_t j = 0;
        while (j < run->ninput_values && strcmp(run->input_names[j], nm) != 0) j++;   /* the last one wins */
        run->input_names[j] = nm;
        run->input_values[j] = eq + 1;
        if (j == run->ninput_values) run->ninput_values++;
    }
    return LP_OK;
}

/* ------------------------------------------------------------------ cycles
 *
 * A with that reads itself, or withs that read each other (a reads b, b reads a): none of them can
 * ever run, each waiting for the other.  The run does not start, with the first such with's
 * file:line and the chain of withs, as a parse error would (Powerpipe has no rule for it). */

typedef struct cyc {
    lp_run_node **withs;            /* the run's withs, sorted by address (bsearch) */
    uint32_t n;
    uint8_t *color;                 /* 0 unseen, 1 on the path, 2 done */
    uint32_t *path, npath;
    uint32_t found, nfound;         /* the cycle: path[found .. npath) */
} cyc;

static int cmp_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t) * (lp_run_node *const *)a, y = (uintptr_t) * (lp_run_node *const *)b;
    return (x > y) - (x < y);
}

static int with_index(const cyc *c, const lp_run_node *n)
{
    lp_run_node **at = bsearch(&n, c->withs, c->n, sizeof *c->withs, cmp_ptr);
    return at ? (int)(at - c->withs) : -1;
}

static int cycle_from(cyc *c, uint32_t i)
{
    c->color[i] = 1;
    c->path[c->npath++] = i;
    const lp_run_node *n = c->withs[i];
    for (uint32_t d = 0; d < n->ndeps; d++) {
        int j = with_index(c, n->deps[d]);
        if (j < 0 || c->color[j] == 2) continue;
        if (c->color[j] == 1) {     /* back on the path: the cycle is from j to here */
            for (uint32_t k = 0; k < c->npath; k++)
                if (c->path[k] == (uint32_t)j) c->found = k;
            c->nfound = c->npath - c->found;
            return 1;
        }
        if (cycle_from(c, (uint32_t)j)) return 1;
    }
    c->color[i] = 2;
    c->npath--;
    return 0;
}

static int check_cycles(lp_run *run, run_builder *b, lp_error *err)
{
    cyc c = { 0 };
    for (uint32_t i = 0; i < b->nleaves; i++)
        if (b->leaves[i]->panel_type && strcmp(b->leaves[i]->panel_type, "with") == 0) c.n++;
    if (!c.n) return LP_OK;
    c.withs = mem_malloc((size_t)c.n * sizeof *c.withs);
    c.color = mem_calloc(c.n, 1);
    c.path = mem_malloc((size_t)c.n * sizeof *c.path);
    int rc = LP_OK;
    if (!c.withs || !c.color || !c.path) {
        rc = LP_ERR_NOMEM;
        err_set(err, rc, "out of memory");
        goto out;
    }
    uint32_t k = 0;
    for (uint32_t i = 0; i < b->nleaves; i++)
        if (b->leaves[i]->panel_type && strcmp(b->leaves[i]->panel_type, "with") == 0)
            c.withs[k++] = b->leaves[i];
    qsort(c.withs, c.n, sizeof *c.withs, cmp_ptr);
    int found = 0;
    for (uint32_t i = 0; i < c.n && !found; i++)
        if (!c.color[i]) found = cycle_from(&c, i);
    if (!found) goto out;
    const lp_run_node *first = c.withs[c.path[c.found]];
    lp_entry_info info;
    const char *file = "";
    if (first->res && lp_entry_get(run->ws, first->res->id, &info) == LP_OK) file = info.file_name;
    lp_buf msg = { 0 };
    lp_buf_printf(&msg, "%s:%u: with \"%s\" ", file, first->block ? first->block->start_line : 0,
                  first->block && first->block->label ? first->block->label : "");
    if (c.nfound == 1) {
        lp_buf_puts(&msg, "reads itself: it can never run");
    } else {
        lp_buf_puts(&msg, "is in a cycle of withs that read each other, so none of them can run: ");
        for (uint32_t p = 0; p <= c.nfound; p++) {
            const lp_run_node *w = c.withs[c.path[c.found + p % c.nfound]];
            const char *label = w->block && w->block->label ? w->block->label : "";
            lp_buf_printf(&msg, "%swith.%s", p ? " reads " : "", label);
        }
    }
    rc = LP_ERR_ARG;
    err_set(err, rc, "%s", msg.oom ? "a cycle of withs (out of memory describing it)" : msg.data);
    lp_buf_free(&msg);
out:
    mem_free(c.withs, (size_t)c.n * sizeof *c.withs);
    mem_free(c.color, c.n);
    mem_free(c.path, (size_t)c.n * sizeof *c.path);
    return rc;
}

int run_dash_build(lp_run *run, run_builder *b, uint32_t id, lp_error *err)
{
    run->is_dash = 1;
    lp_resource *r = NULL;
    int rc = validate_workspace(run, err);
    if (rc == LP_OK) rc = lp_load_entry(run->ws, id, &r, err);
    if (rc != LP_OK) return rc;
    if (run_hold(run, r) != LP_OK) {
        lp_resource_release(r);
        err_set(err, LP_ERR_NOMEM, "out of memory");
        return LP_ERR_NOMEM;
    }
    int detect = run->kind == LP_KIND_DETECTION || run->kind == LP_KIND_DETECTION_BENCHMARK;
    if (detect ? !(is_detection_bench(r) || lp_resource_kind(r) == LP_KIND_DETECTION)
               : lp_resource_kind(r) != LP_KIND_DASHBOARD) {
        err_set(err, LP_ERR_ARG, detect ? "only a detection or a detection benchmark runs as one"
                                        : "only a dashboard runs as one");
        return LP_ERR_ARG;
    }
    if (parse_inputs(run) != LP_OK) {
        err_set(err, LP_ERR_NOMEM, "out of memory");
        return LP_ERR_NOMEM;
    }
    dash_build d = { b, run, err, LP_OK };
    if (!detect) {
        lp_run_node *root = mk(&d, LP_NODE_DASHBOARD, &run->root, r, lp_resource_name(r), "dashboard");
        if (root) walk(&d, root, r, root->name, 0);
    } else if (run->root.children || (run->root.children = ar_zalloc(&run->arena, sizeof(lp_run_node *)))) {
        run->tree_events = 1;
        if (is_detection_bench(r)) detection_bench(&d, &run->root, r, 0);
        else detection(&d, &run->root, r);
    } else {
        d.rc = LP_ERR_NOMEM;
    }
    /* dependencies once every run exists (an arg may read a with declared after it) */
    ar_arena tmp;
    ar_init(&tmp, 4096);
    for (uint32_t i = 0; i < b->nleaves && d.rc == LP_OK; i++)
        if (b->leaves[i]->panel_type) d.rc = set_deps(run, b->leaves[i], &tmp);
    ar_free(&tmp);
    if (d.rc == LP_ERR_NOMEM || b->oom) {
        err_set(err, LP_ERR_NOMEM, "out of memory");
        return LP_ERR_NOMEM;
    }
    if (d.rc == LP_OK) d.rc = check_cycles(run, b, err);
    if (d.rc == LP_OK) run_fingerprint(run);
    return d.rc;
}

void run_dash_free(lp_run *run)
{
    mem_free(run->panels, run->panels_cap * sizeof *run->panels);
    if (run->done) mem_free(run->done, run->nleaves * sizeof *run->done);
    run->panels = NULL;
    run->done = NULL;
}

const char *run_dash_input(const lp_run *run, const char *name, size_t len)
{
    for (uint32_t i = 0; i < run->ninput_values; i++)
        if (strlen(run->input_names[i]) == len && memcmp(run->input_names[i], name, len) == 0)
            return run->input_values[i];
    return NULL;
}

int run_dash_inputs_ready(const lp_run *run, const lp_run_node *n)
{
    for (uint32_t i = 0; i < n->ninputs; i++)
        if (!run_dash_input(run, n->inputs[i], strlen(n->inputs[i]))) return 0;
    return 1;
}

int run_dash_composite(lp_run_node *n, char **why)
{
    for (uint32_t i = 0; i < n->ndeps; i++)
        if (n->deps[i]->state == LP_NODE_ERROR) {
            *why = run_strdup(n->deps[i]->error ? n->deps[i]->error : "a node or edge failed");
            return LP_ERR_DB;
        }
    return LP_OK;
}

/* ------------------------------------------------------------------ run-time values */

typedef struct rt_scope {
    lp_run *run;
    const lp_run_node *owner;
    ar_arena *a;
    ld_eval *le;                 /* the args' mod's scope as a load's: every other root; opened at
                                  * the first such root (most args read only with, self and param) */
    lp_error le_err;             /* why it could not be opened */
} rt_scope;

static uint32_t args_mod(const lp_run *run, const lp_run_node *n);

static const ev_scope *inner_scope(rt_scope *s)
{
    if (!s->le && !s->le_err.code) {
        int rc = ld_eval_open(s->run->ws, args_mod(s->run, s->owner), &s->le, &s->le_err);
        if (rc != LP_OK) {
            s->le = NULL;
            if (!s->le_err.code) err_set(&s->le_err, rc, "the scope of the args' mod could not be opened");
        }
    }
    return s->le ? ld_eval_scope(s->le) : NULL;
}

/* A cell as a value: numbers and bools typed, everything else a string. */
static int cell_value(ar_arena *a, const lp_db_cell *c, lpv_value *out)
{
    if (c->type == LP_DB_NULL || !c->text) { *out = lpv_null(); return 0; }
    if (c->type == LP_DB_BOOL) { *out = lpv_bool(strcmp(c->text, "true") == 0); return 0; }
    if ((c->type == LP_DB_INT || c->type == LP_DB_FLOAT) && lpv_num_parse(a, c->text, c->len, out) == 0)
        return 0;
    return lpv_str(a, c->text, c->len, out);
}

/* with.x: {rows = [{col = value, ...}, ...]} */
static int with_value(ar_arena *a, const lp_run_node *w, lpv_value *out)
{
    uint32_t nr = lp_node_row_count(w), nc = lp_node_column_count(w);
    lpv_value *rows = ar_alloc(a, (nr ? nr : 1) * sizeof *rows);
    if (!rows) return -1;
    for (uint32_t r = 0; r < nr; r++) {
        lpv_attr *at = ar_alloc(a, (nc ? nc : 1) * sizeof *at);
        if (!at) return -1;
        const lp_db_cell *cells = lp_node_row(w, r);
        for (uint32_t c = 0; c < nc; c++) {
            at[c].key = lp_node_column(w, c)->name;
            at[c].klen = (uint32_t)strlen(at[c].key);
            if (cell_value(a, &cells[c], &at[c].val) != 0) return -1;
        }
        rows[r] = lpv_obj(LPV_OBJECT, at, nc);
    }
    lpv_attr *top = ar_alloc(a, sizeof *top);
    if (!top) return -1;
    top->key = "rows";
    top->klen = 4;
    top->val = lpv_seq(LPV_TUPLE, rows, nr);
    *out = lpv_obj(LPV_OBJECT, top, 1);
    return 0;
}

/* A param of the owner's parent (a with, node or edge reads its panel's params): the value the
 * parent's args give it, else its default, as Powerpipe's parent publishes its resolved args
 * (argsResolved), also when the parent runs no SQL of its own (a graph, flow or hierarchy whose
 * nodes and edges come from its base).  A list or object stays one (an []any there). */
static int param_value(rt_scope *s, ev_ctx *ev, const hcl_step *st, hcl_range rr, lpv_value *out)
{
    const lp_run_node *p = s->owner->block ? s->owner->parent : s->owner;
    const lp_resource *pres = p && p->res ? p->res : NULL;
    if (!pres || st->kind != HCL_STEP_ATTR)
        return ev_fail(ev, rr, "Unknown variable", "There is no param here.");
    uint32_t np = lp_resource_param_count(pres);
    for (uint32_t i = 0; i < np; i++) {
        const char *name, *desc, *def;
        lp_resource_param(pres, i, &name, &desc, &def);
        if (strlen(name) != st->name.len || memcmp(name, st->name.p, st->name.len) != 0) continue;
        if (p == s->owner) {   /* a panel reading its own param: its default */
            if (!def) { *out = lpv_null(); return LP_EV_OK; }
            return lpv_str(s->a, def, strlen(def), out) == 0 ? LP_EV_OK : ev_oom(ev, rr);
        }
        run_stmt stmt;
        char *why = NULL;
        if (run_args_values(s->run, (lp_run_node *)p, &stmt, &why) != LP_OK) {
            int rc = ev_fail(ev, rr, "Invalid param", "%s", why ? why : "out of memory");
            if (why) mem_free(why, strlen(why) + 1);
            return rc;
        }
        int rc = LP_EV_OK;
        const char *bad;
        if (i < stmt.nparams && stmt.params[i].text && stmt.params[i].type == LP_DB_JSON) {
            int jr = ev_json_decode(ev, stmt.params[i].text, stmt.params[i].len, out, &bad);
            if (jr == -2) rc = ev_oom(ev, rr);
            else if (jr) rc = ev_fail(ev, rr, "Invalid param", "%s", bad);
        } else if (i < stmt.nparams && stmt.params[i].text) {
            if (lpv_str(s->a, stmt.params[i].text, stmt.params[i].len, out) != 0) rc = ev_oom(ev, rr);
        } else {
            *out = lpv_null();
        }
        run_args_free(&stmt);
        return rc;
    }
    return ev_fail(ev, st->range, "Unsupported attribute", "There is no param named \"%.*s\".",
                   (int)st->name.len, st->name.p);
}

static int rt_resolve(void *user, ev_ctx *ev, hcl_str root, hcl_range rr, const hcl_step *steps, uint32_t n,
                      lpv_value *out, uint32_t *used)
{
    rt_scope *s = user;
    *used = 0;
    if (root.len == 4 && memcmp(root.p, "self", 4) == 0) {
        if (n < 2 || !step_is(&steps[0], "input") || steps[1].kind != HCL_STEP_ATTR)
            return ev_fail(ev, rr, "Unsupported attribute", "Only self.input.<name> is known at run time.");
        const char *v = run_dash_input(s->run, steps[1].name.p, steps[1].name.len);
        if (!v)
            return ev_fail(ev, steps[1].range, "Missing input", "The input \"%.*s\" has no value.",
                           (int)steps[1].name.len, steps[1].name.p);
        lpv_attr *at = ar_alloc(s->a, sizeof *at);
        if (!at || lpv_str(s->a, v, strlen(v), &at->val) != 0) return ev_oom(ev, rr);
        at->key = "value";
        at->klen = 5;
        *out = lpv_obj(LPV_OBJECT, at, 1);
        *used = 2;
        return LP_EV_OK;
    }
    if (root.len == 4 && memcmp(root.p, "with", 4) == 0) {
        if (n < 1 || steps[0].kind != HCL_STEP_ATTR)
            return ev_fail(ev, rr, "Unsupported attribute", "with.<name> names a with block.");
        const lp_run_node *w = find_with(s->owner, steps[0].name.p, steps[0].name.len);
        if (!w)
            return ev_fail(ev, steps[0].range, "Unsupported attribute",
                           "There is no with block named \"%.*s\".", (int)steps[0].name.len, steps[0].name.p);
        if (w->state != LP_NODE_COMPLETE)
            return ev_fail(ev, steps[0].range, "With failed", "%s",
                           w->error ? w->error : "the with did not run");
        if (with_value(s->a, w, out) != 0) return ev_oom(ev, rr);
        *used = 1;
        return LP_EV_OK;
    }
    if (root.len == 5 && memcmp(root.p, "param", 5) == 0) {
        if (n < 1) return ev_fail(ev, rr, "Unsupported attribute", "param.<name> names a param.");
        *used = 1;
        return param_value(s, ev, &steps[0], rr, out);
    }
    /* var, local, connection, resources: as the load evaluated the args' static items */
    const ev_scope *in = inner_scope(s);
    if (!in) return ev_fail(ev, rr, "Mod scope", "%s", s->le_err.message);
    return in->resolve(in->user, ev, root, rr, steps, n, out, used);
}

static int rt_read_file(void *user, const char *path, size_t len, ar_arena *a, const char **data, size_t *n,
                        const char **err)
{
    rt_scope *s = user;
    const ev_scope *in = inner_scope(s);
    if (!in) *err = s->le_err.message;
    return in ? in->read_file(in->user, path, len, a, data, n, err) : -1;
}

static int rt_file_exists(void *user, const char *path, size_t len)
{
    const ev_scope *in = inner_scope(user);
    return in ? in->file_exists(in->user, path, len) : 0;
}

static const char *rt_getenv(void *user, const char *name)
{
    const ev_scope *in = inner_scope(user);
    return in ? in->getenv(in->user, name) : NULL;
}

/* The mod n's run-time args are written in: the resource (or base) whose args they are. */
static uint32_t args_mod(const lp_run *run, const lp_run_node *n)
{
    const ld_block *bl = n->block;
    const lp_resource *r = bl && !bl->has_args && bl->base && bl->base->has_args ? bl->base : n->res;
    lp_entry_info info;
    return r && lp_entry_get(run->ws, lp_resource_entry(r), &info) == LP_OK ? info.mod : 0;
}

char *run_dash_arg(lp_run *run, const lp_run_node *n, const char *expr, int *is_json, char **why)
{
    ar_arena a;
    ar_init(&a, 4096);
    *is_json = 0;
    char *res = NULL;
    const hcl_expr *e = parse_expr(&a, expr);
    if (!e) {
        *why = run_printf("%s: cannot parse the arg `%s`", n->name, expr);
        ar_free(&a);
        return NULL;
    }
    rt_scope s = { run, n, &a, NULL, { 0 } };
    ev_scope scope = { .user = &s, .resolve = rt_resolve, .read_file = rt_read_file,
                       .file_exists = rt_file_exists, .getenv = rt_getenv };
    ev_ctx ev;
    ev_init(&ev, &a, &scope, NULL);
    ev.runtime = 1;
    lpv_value v;
    int rc = ev_expr(&ev, e, &v);
    if (rc == LP_EV_OK) {
        lpv_value str;
        const char *err;
        if (v.kind == LPV_STRING) {
            res = mem_malloc((size_t)v.len + 1);
            if (res) { memcpy(res, v.u.s, v.len); res[v.len] = '\0'; }
        } else if ((v.kind == LPV_NUMBER || v.kind == LPV_BOOL) && lpv_to_string(&a, v, &str, &err) == 0) {
            res = mem_malloc((size_t)str.len + 1);
            if (res) { memcpy(res, str.u.s, str.len); res[str.len] = '\0'; }
        } else {
            lp_buf b = { 0 };
            if (lpv_json(&b, v) == 0 && !b.oom) res = run_strdup(b.data ? b.data : "null");
            lp_buf_free(&b);
            *is_json = 1;
        }
        if (!res) *why = run_strdup("out of memory");
    } else if (s.le_err.code) {   /* the mod's scope could not be opened: that is the cause */
        *why = run_printf("%s: arg `%s`: %s", n->name, expr, s.le_err.message);
    } else {
        *why = run_printf("%s: arg `%s`: %s%s%s", n->name, expr, ev.err.set ? ev.err.summary : "unresolved",
                          ev.err.set ? "; " : "", ev.err.set ? ev.err.detail : "");
    }
    if (s.le) ld_eval_close(run->ws, s.le);
    ar_free(&a);
    return res;
}

const char *lp_node_panel_type(const lp_run_node *n)
{
    if (n && !n->panel_type && n->type == LP_NODE_QUERY) return "query";   /* a query run's leaf */
    return n && n->panel_type ? n->panel_type : "";
}

const lp_resource *lp_node_resource(const lp_run_node *n)
{
    return n && n->run->is_dash ? n->res : NULL;
}
