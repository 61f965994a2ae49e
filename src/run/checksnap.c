/* checksnap.c — a check run as Powerpipe's snapshot (lazypipe.h: lp_run_snapshot_write of a
 * check run, lp_node_control_json).
 *
 * Two forms of one document: the server's (execution_complete: its CheckRun, ResultGroups — the
 * benchmarks with a control below them — and ControlRuns keyed by name, a control under two
 * benchmarks once, as a map keeps it) and the CLI's (`--output snapshot`, formatter_snapshot.go:
 * the result tree's groups and controls in tree order).  What differs is in FORMS; the walk, the
 * panels and the streaming are one.  Each control's text is handed on as it is written.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/mem.h"
#include "run/run.h"

#define MAX_TREE_DEPTH 64

/* What differs between the server's form and the CLI's, by lp_snapshot_form */
typedef struct check_form {
    const char *schema;             /* steampipeconfig's schema version each writes */
    int cli_document;               /* keys sorted (end_time ... variables), local RFC 3339 times; else
                                     * the server's order, UTC times, the root's title and metadata */
    int tree_order;                 /* panels at each place in the tree; else by name, each once */
    int check_run_root;             /* the root panel is a CheckRun (benchmark_type, dashboard, status) */
    int group_description;          /* a group's description even when "" */
    int typed_data;                 /* a control's columns with their types, its NULL cells null, data
                                     * even when it failed; else TEXT, "", data null until complete */
    int resource_properties;        /* a control's properties: its resource's; else name and severity */
    int run_error_counts;           /* a failed control without rows counts one error (setError) */
    int documentation;              /* a control's documentation */
} check_form;

static const check_form FORMS[] = {
    [LP_SNAPSHOT_SERVER] = { "20221222", 0, 0, 1, 0, 0, 0, 0, 1 },
    [LP_SNAPSHOT_CHECK_CLI] = { "20220929", 1, 1, 0, 1, 1, 1, 1, 0 },
};

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

static uint32_t control_count(const lp_run_node *n)
{
    uint32_t k = lp_node_get_type(n) == LP_NODE_CONTROL;
    for (uint32_t i = 0; i < lp_node_child_count(n); i++) k += control_count(lp_node_child(n, i));
    return k;
}

static int shown(const lp_run_node *n)
{
    return lp_node_get_type(n) == LP_NODE_CONTROL || control_count(n);
}

/* A node's counts as the form has them: a control in error with no rows counts one error in the
 * CLI's (and in its groups') */
static void summary(const check_form *f, const lp_run_node *n, uint32_t c[LP_RES__COUNT])
{
    if (!f->run_error_counts || lp_node_get_type(n) != LP_NODE_CONTROL) {
        if (!f->run_error_counts) {
            lp_node_summary(n, c);
            return;
        }
        memset(c, 0, LP_RES__COUNT * sizeof *c);
        for (uint32_t i = 0; i < lp_node_child_count(n); i++) {
            const lp_run_node *k = lp_node_child(n, i);
            if (!shown(k)) continue;
            uint32_t kc[LP_RES__COUNT];
            summary(f, k, kc);
            for (int s = 0; s < LP_RES__COUNT; s++) c[s] += kc[s];
        }
        return;
    }
    lp_node_summary(n, c);
    uint32_t total = 0;
    for (int s = 0; s < LP_RES__COUNT; s++) total += c[s];
    if (lp_node_get_state(n) == LP_NODE_ERROR && total == 0) c[LP_RES_ERROR] = 1;
}

/* ---------------------------------------------------------------- a control's data */

typedef struct ctl_rows {
    run_snap *w;
    const lp_run_node *n;
    uint32_t nc, *order, no;        /* typed: the columns written (nc at most), reason, resource, status
                                     * first */
    uint8_t *later;                 /* per column: a later one has its name (rows are maps: the last
                                     * value of a name stays, ToLeafData's flattening) */
    int reason, resource;           /* the server's: those columns, -1 when absent */
    uint32_t nrows;
} ctl_rows;

static void text_cell(lp_buf *out, const lp_db_cell *c)
{
    if (c->text) lp_json_str(out, c->text, c->len);
    else lp_buf_puts(out, "\"\"");
}

/* ResultRows.ToLeafData (the server's): reason, resource, status, then the dimensions (strings) */
static int text_row(void *ctx, const lp_db_cell *cells, lp_result_status st)
{
    ctl_rows *d = ctx;
    lp_buf *out = d->w->out;
    lp_buf_puts(out, d->nrows++ ? ",{\"reason\":" : "{\"reason\":");
    if (d->reason >= 0) text_cell(out, &cells[d->reason]);
    else lp_buf_puts(out, "\"\"");
    lp_buf_puts(out, ",\"resource\":");
    if (d->resource >= 0) text_cell(out, &cells[d->resource]);
    else lp_buf_puts(out, "\"\"");
    lp_buf_puts(out, ",\"status\":");
    lp_json_cstr(out, lp_result_status_name(st));
    for (uint32_t c = 0; c < d->nc; c++) {
        const lp_db_col *col = run_snap_column(d->w, d->n, c);
        if (is_result_col(col->name) || d->later[c]) continue;
        lp_buf_putc(out, ',');
        lp_json_cstr(out, col->name);
        lp_buf_putc(out, ':');
        text_cell(out, &cells[c]);
    }
    lp_buf_putc(out, '}');
    run_snap_flush(d->w, 0);
    return out->oom || d->w->failed;
}

/* The CLI's: every value as its text, NULL as null, in the columns' written order */
static int typed_row(void *ctx, const lp_db_cell *cells, lp_result_status st)
{
    (void)st;
    ctl_rows *d = ctx;
    lp_buf *out = d->w->out;
    lp_buf_puts(out, d->nrows++ ? ",{" : "{");
    for (uint32_t k = 0; k < d->no; k++) {
        if (k) lp_buf_putc(out, ',');
        lp_json_cstr(out, run_snap_column(d->w, d->n, d->order[k])->name);
        lp_buf_putc(out, ':');
        const lp_db_cell *c = &cells[d->order[k]];
        if (c->type == LP_DB_NULL) lp_buf_puts(out, "null");
        else lp_json_str(out, c->text, c->len);
    }
    lp_buf_putc(out, '}');
    run_snap_flush(d->w, 0);
    return out->oom || d->w->failed;
}

/* The first column named as column i: a name's column in the data has the type of its first
 * dimension (getDimensionSchema) */
static const lp_db_col *first_named(run_snap *w, const lp_run_node *n, uint32_t i)
{
    const lp_db_col *col = run_snap_column(w, n, i);
    for (uint32_t k = 0; k < i; k++) {
        const lp_db_col *o = run_snap_column(w, n, k);
        if (strcmp(o->name, col->name) == 0) return o;
    }
    return col;
}

static void control_data(const check_form *f, run_snap *w, const lp_run_node *n)
{
    lp_buf *out = w->out;
    ctl_rows d = { .w = w, .n = n, .nc = run_snap_column_count(w, n), .reason = -1, .resource = -1 };
    size_t cap = d.nc ? d.nc : 1;
    if (!(d.later = mem_calloc(cap, 1))) {
        out->oom = 1;
        return;
    }
    for (uint32_t i = 0; i < d.nc; i++)     /* columns are few: pairs, once per control */
        for (uint32_t k = i + 1; k < d.nc && !d.later[i]; k++)
            d.later[i] = strcmp(run_snap_column(w, n, i)->name, run_snap_column(w, n, k)->name) == 0;
    lp_buf_puts(out, "{\"columns\":[");
    if (f->typed_data) {
        static const char *const FIXED[] = { "reason", "resource", "status" };
        if (!(d.order = mem_malloc(cap * sizeof *d.order))) {
            mem_free(d.later, cap);
            out->oom = 1;
            return;
        }
        for (int k = 0; k < 3; k++) {
            uint32_t i = 0;
            while (i < d.nc && (d.later[i] || strcmp(run_snap_column(w, n, i)->name, FIXED[k]) != 0)) i++;
            if (i < d.nc) d.order[d.no++] = i;
        }
        for (uint32_t i = 0; i < d.nc; i++)
            if (!d.later[i] && !is_result_col(run_snap_column(w, n, i)->name)) d.order[d.no++] = i;
        for (uint32_t k = 0; k < d.no; k++) {
            const lp_db_col *col = first_named(w, n, d.order[k]);
            lp_buf_puts(out, k ? ",{\"data_type\":" : "{\"data_type\":");
            lp_json_cstr(out, col->type_name ? col->type_name : "");
            lp_buf_puts(out, ",\"name\":");
            lp_json_cstr(out, col->name);
            lp_buf_putc(out, '}');
        }
    } else {
        lp_buf_puts(out, "{\"data_type\":\"TEXT\",\"name\":\"reason\"},{\"data_type\":\"TEXT\","
                         "\"name\":\"resource\"},{\"data_type\":\"TEXT\",\"name\":\"status\"}");
        for (uint32_t c = 0; c < d.nc; c++) {
            const lp_db_col *col = run_snap_column(w, n, c);
            if (strcmp(col->name, "reason") == 0) d.reason = (int)c;       /* the last of each */
            if (strcmp(col->name, "resource") == 0) d.resource = (int)c;
            if (is_result_col(col->name) || d.later[c]) continue;
            col = first_named(w, n, c);
            lp_buf_puts(out, ",{\"data_type\":");
            lp_json_cstr(out, col->type_name ? col->type_name : "TEXT");
            lp_buf_puts(out, ",\"name\":");
            lp_json_cstr(out, col->name);
            lp_buf_putc(out, '}');
        }
    }
    lp_buf_puts(out, "],\"rows\":[");
    run_snap_each_row(w, n, f->typed_data ? typed_row : text_row, &d);
    lp_buf_puts(out, "]}");
    if (d.order) mem_free(d.order, cap * sizeof *d.order);
    mem_free(d.later, cap);
}

static const char *short_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot ? dot + 1 : name;
}

/* The control's properties as its resource has them, read once, uncached: 10,000 controls in the
 * workspace's cache would grow the snapshot's memory up to the cache's budget */
static void resource_properties(run_snap *w, const lp_run_node *n)
{
    lp_workspace *ws = n->run->ws;
    lp_resource *res = NULL;
    lp_buf props = { 0 };
    uint32_t entry = lp_lookup(ws, lp_node_name(n));
    if (entry != LP_NO_ENTRY && lp_load_entry_uncached(ws, entry, &res, NULL) == 0 &&
        lp_resource_properties_json(res, &props) == 0 && props.len) {
        lp_buf_put(w->out, props.data, props.len);
    } else {
        lp_buf_puts(w->out, "{\"name\":");
        lp_json_cstr(w->out, short_of(lp_node_name(n)));
        lp_buf_putc(w->out, '}');
    }
    lp_buf_free(&props);
    lp_resource_release(res);
}

/* controlexecute.ControlRun, keys sorted (the panels' form; the UI reads it by key) */
static void control_json(const check_form *f, run_snap *w, const lp_run_node *n)
{
    lp_buf *out = w->out;
    lp_node_state st = lp_node_get_state(n);
    lp_buf_puts(out, "{\"data\":");
    if (st == LP_NODE_COMPLETE || f->typed_data) control_data(f, w, n);
    else lp_buf_puts(out, "null");
    opt_str(out, "description", lp_node_str(n, "description"));
    if (f->documentation) opt_str(out, "documentation", lp_node_str(n, "documentation"));
    if (st == LP_NODE_ERROR) opt_str(out, "error", lp_node_error(n));
    lp_buf_puts(out, ",\"name\":");
    lp_json_cstr(out, lp_node_name(n));
    lp_buf_puts(out, ",\"panel_type\":\"control\",\"properties\":");
    if (f->resource_properties) {
        resource_properties(w, n);
    } else {
        lp_buf_puts(out, "{\"name\":");
        lp_json_cstr(out, short_of(lp_node_name(n)));
        opt_str(out, "severity", lp_node_str(n, "severity"));
        lp_buf_putc(out, '}');
    }
    const char *status = st == LP_NODE_ERROR ? "error" : st == LP_NODE_COMPLETE ? "complete" : "initialized";
    if (f->typed_data && st != LP_NODE_ERROR) status = "complete";
    lp_buf_printf(out, ",\"status\":\"%s\",\"summary\":", status);
    uint32_t c[LP_RES__COUNT];
    summary(f, n, c);
    status_summary(out, c);
    node_tags(out, n);
    opt_str(out, "title", lp_node_str(n, "title"));
    lp_buf_putc(out, '}');
}

int lp_node_control_json(const lp_run_node *n, lp_buf *out)
{
    if (!n || !out) return LP_ERR_ARG;
    run_snap w = { .out = out };
    control_json(&FORMS[LP_SNAPSHOT_SERVER], &w, n);
    return out->oom ? LP_ERR_NOMEM : LP_OK;
}

/* ---------------------------------------------------------------- groups and the document */

/* The tree the document shows: the run's root's shown children, or (group_name) a group of that
 * name over them; a NULL node is that group */
typedef struct check_doc {
    const check_form *f;
    run_snap *w;
    const lp_run *run;
    const char *group_name;
    const lp_run_node *top;         /* the one target (NULL: the named group) */
    const char *top_name;
} check_doc;

static uint32_t kid_count(const check_doc *d, const lp_run_node *n)
{
    return n ? lp_node_child_count(n) : lp_node_child_count(lp_run_root(d->run));
}

static const lp_run_node *kid(const check_doc *d, const lp_run_node *n, uint32_t i)
{
    return n ? lp_node_child(n, i) : lp_node_child(lp_run_root(d->run), i);
}

/* DashboardTreeRunImpl.SourceDefinition of the server's CheckRun: its benchmark's text, read from
 * its file (loading the benchmark built its whole tree: 2,000 controls were 2.3 MB of the server's
 * peak, for its text alone) */
static void source_definition(run_snap *w, const lp_run_node *n)
{
    lp_buf_puts(w->out, ",\"source_definition\":");
    lp_workspace *ws = n ? n->run->ws : NULL;
    uint32_t entry = ws ? lp_lookup(ws, lp_node_name(n)) : LP_NO_ENTRY;
    lp_buf src = { 0 };
    int ok = entry != LP_NO_ENTRY && lp_entry_source(ws, entry, &src, NULL) == LP_OK;
    lp_json_str(w->out, ok && src.len ? src.data : "", ok ? src.len : 0);
    lp_buf_free(&src);
}

static void group_json(const check_doc *d, const lp_run_node *n)
{
    lp_buf *out = d->w->out;
    const check_form *f = d->f;
    uint32_t c[LP_RES__COUNT];
    if (n) {
        summary(f, n, c);
    } else {
        memset(c, 0, sizeof c);
        for (uint32_t i = 0; i < kid_count(d, n); i++) {
            uint32_t kc[LP_RES__COUNT];
            if (!shown(kid(d, n, i))) continue;
            summary(f, kid(d, n, i), kc);
            for (int s = 0; s < LP_RES__COUNT; s++) c[s] += kc[s];
        }
    }
    const char *name = n ? lp_node_name(n) : d->group_name;
    /* the root is the server's CheckRun (a DashboardTreeRunImpl with its summary), the others
     * ResultGroups */
    int check_run = f->check_run_root && strcmp(name, d->top_name) == 0;
    if (check_run) {
        lp_buf_puts(out, "{\"benchmark_type\":\"control\",\"dashboard\":");
        lp_json_cstr(out, d->top_name);
        lp_buf_puts(out, ",\"name\":");
    } else if (f->group_description) {
        const char *desc = n ? lp_node_str(n, "description") : NULL;
        lp_buf_puts(out, "{\"description\":");
        lp_json_cstr(out, desc ? desc : "");
        lp_buf_puts(out, ",\"name\":");
    } else {
        lp_buf_puts(out, "{\"name\":");
    }
    lp_json_cstr(out, name);
    if (!f->group_description) {
        opt_str(out, "description", n ? lp_node_str(n, "description") : NULL);
        if (f->documentation) opt_str(out, "documentation", n ? lp_node_str(n, "documentation") : NULL);
    }
    lp_buf_puts(out, ",\"panel_type\":\"benchmark\"");
    if (check_run) {
        source_definition(d->w, n);
        lp_buf_puts(out, ",\"status\":\"complete\"");
    }
    lp_buf_puts(out, ",\"summary\":{\"status\":");
    status_summary(out, c);
    lp_buf_putc(out, '}');
    if (n) node_tags(out, n);
    opt_str(out, "title", n ? lp_node_str(n, "title") : NULL);
    lp_buf_putc(out, '}');
}

static void panel_json(const check_doc *d, const lp_run_node *n)
{
    if (n && lp_node_get_type(n) == LP_NODE_CONTROL) control_json(d->f, d->w, n);
    else group_json(d, n);
    run_snap_flush(d->w, 0);
}

/* The CLI's panels: each group and control where the tree has it */
static void tree_panels(const check_doc *d, const lp_run_node *n, int depth, int *first)
{
    lp_buf *out = d->w->out;
    if (!*first) lp_buf_putc(out, ',');
    *first = 0;
    lp_json_cstr(out, n ? lp_node_name(n) : d->group_name);
    lp_buf_putc(out, ':');
    panel_json(d, n);
    if (n && lp_node_get_type(n) == LP_NODE_CONTROL) return;
    for (uint32_t i = 0; depth < MAX_TREE_DEPTH && i < kid_count(d, n); i++)
        if (shown(kid(d, n, i))) tree_panels(d, kid(d, n, i), depth + 1, first);
}

/* The server's panels, by name (a control under two benchmarks once, as a map keeps it) */
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
    for (uint32_t i = 0; i < lp_node_child_count(n); i++)
        if (shown(lp_node_child(n, i))) collect(bp, lp_node_child(n, i), depth + 1);
}

static int cmp_node(const void *a, const void *b)
{
    return strcmp(lp_node_name(*(const lp_run_node *const *)a), lp_node_name(*(const lp_run_node *const *)b));
}

static void sorted_panels(const check_doc *d)
{
    lp_buf *out = d->w->out;
    bench_panels bp = { 0 };
    if (d->top) collect(&bp, d->top, 0);
    if (bp.n) qsort(bp.v, bp.n, sizeof *bp.v, cmp_node);
    for (size_t i = 0; i < bp.n; i++) {
        if (i && strcmp(lp_node_name(bp.v[i]), lp_node_name(bp.v[i - 1])) == 0) continue;
        if (i) lp_buf_putc(out, ',');
        lp_json_cstr(out, lp_node_name(bp.v[i]));
        lp_buf_putc(out, ':');
        panel_json(d, bp.v[i]);
    }
    if (bp.oom) out->oom = 1;
    mem_free(bp.v, bp.cap * sizeof *bp.v);
}

/* The layout: the server's {name, children, panel_type} (run_layout_*), the CLI's keys sorted */
static void layout(const check_doc *d, const lp_run_node *n, int depth)
{
    lp_buf *out = d->w->out;
    const char *name = n ? lp_node_name(n) : d->group_name;
    int control = n && lp_node_get_type(n) == LP_NODE_CONTROL, k = 0;
    if (!d->f->cli_document) run_layout_open(out, name);
    else lp_buf_putc(out, '{');
    for (uint32_t i = 0; !control && depth < MAX_TREE_DEPTH && i < kid_count(d, n); i++) {
        const lp_run_node *c = kid(d, n, i);
        if (!shown(c)) continue;
        if (d->f->cli_document) lp_buf_puts(out, k++ ? "," : "\"children\":[");
        else run_layout_child(out, &k);
        layout(d, c, depth + 1);
    }
    if (d->f->cli_document) {
        lp_buf_puts(out, k ? "],\"name\":" : "\"name\":");
        lp_json_cstr(out, name);
        lp_buf_printf(out, ",\"panel_type\":\"%s\"}", control ? "control" : "benchmark");
    } else {
        run_layout_close(out, k, control ? "control" : "benchmark");
    }
    if (control) run_snap_flush(d->w, 0);
}

/* time.RFC3339Nano of a Go time in the local zone, as the CLI's snapshot has it (milliseconds) */
static void local_time(lp_buf *b, uint64_t ms)
{
    time_t s = (time_t)(ms / 1000);
    struct tm tm;
    localtime_r(&s, &tm);
    char t[64];
    strftime(t, sizeof t, "%Y-%m-%dT%H:%M:%S", &tm);
    long off = tm.tm_gmtoff;
    lp_buf_printf(b, "\"%s.%03u", t, (unsigned)(ms % 1000));
    if (off == 0) lp_buf_puts(b, "Z\"");
    else lp_buf_printf(b, "%c%02ld:%02ld\"", off < 0 ? '-' : '+', labs(off) / 3600, labs(off) % 3600 / 60);
}

int run_check_snapshot(const lp_run *lr, const lp_snapshot_opts *o, run_snap *w)
{
    check_doc d = { .f = &FORMS[o->form == LP_SNAPSHOT_CHECK_CLI], .w = w, .run = lr };
    lp_buf *out = w->out;
    uint64_t start = lp_run_start_time_ms(lr), end = lp_run_end_time_ms(lr) ? lp_run_end_time_ms(lr) : start;
    if (!d.f->cli_document) {
        d.top = lp_node_child(lp_run_root(lr), 0);
        d.top_name = lp_node_name(d.top);
        lp_buf_printf(out, "{\"schema_version\":\"%s\",\"panels\":{", d.f->schema);
        sorted_panels(&d);
        lp_buf_puts(out, "},\"layout\":");
        layout(&d, d.top, 0);
        lp_buf_puts(out, ",\"inputs\":{},\"variables\":{},\"start_time\":");
        lp_json_time_ms(out, start);
        lp_buf_puts(out, ",\"end_time\":");
        lp_json_time_ms(out, end);
        opt_str(out, "title", lp_node_str(d.top, "title"));
        lp_buf_puts(out, ",\"metadata\":{}}");
        return out->oom ? LP_ERR_NOMEM : LP_OK;
    }
    /* the CLI's result tree: nothing to show, no document */
    d.group_name = o->group_name;
    if (!d.group_name) {
        for (uint32_t i = 0; i < kid_count(&d, NULL) && !d.top; i++)
            if (shown(kid(&d, NULL, i))) d.top = kid(&d, NULL, i);
        if (!d.top) return LP_OK;
    }
    d.top_name = d.top ? lp_node_name(d.top) : d.group_name;
    lp_buf_puts(out, "{\"end_time\":");
    local_time(out, end);
    lp_buf_puts(out, ",\"inputs\":{},\"layout\":");
    layout(&d, d.top, 0);
    lp_buf_puts(out, ",\"panels\":{");
    int first = 1;
    tree_panels(&d, d.top, 0, &first);
    lp_buf_printf(out, "},\"schema_version\":\"%s\",\"start_time\":", d.f->schema);
    local_time(out, start);
    lp_buf_puts(out, ",\"variables\":{}}");
    return out->oom ? LP_ERR_NOMEM : LP_OK;
}
