/* detection_tmpl.c — a detection run as Powerpipe's detection export templates see it: the
 * TemplateRenderContext over dashboardexecute's DetectionBenchmarkDisplayTree (Root, StartTime,
 * EndTime, DetectionRuns), DetectionBenchmarkDisplay (GroupId, Title, Summary.Count, Groups,
 * DetectionRuns, ...) and DetectionRun (Name, Title, Status, Error, Data.Columns and Data.Rows, ...),
 * each a tp_class over the run's nodes; toJson of a group or a run is the document `detection run
 * --output json` prints of it (cmd_detection_run.c). */
#include "cli.h"
#include "export_tmpl.h"

#include <string.h>

typedef struct dt_data {
    const lp_run *run;
} dt_data;

/* an object: the data and a node (NULL: the synthetic root group) */
typedef struct dob {
    const dt_data *d;
    const lp_run_node *n;
    uint32_t count;            /* Summary */
    const lp_db_col *col;      /* a column */
} dob;

static const tp_class TREE, GROUP, SUMMARY, RUN, LEAF_DATA, COLUMN;

static tp_value mk(tp_ctx *x, const tp_class *cls, const dob *proto)
{
    dob *o = tp_alloc(x, sizeof *o);
    if (!o) return (tp_value){ .kind = TP_NIL };
    *o = *proto;
    return tp_obj(cls, o);
}

#define str cli_tp_str

static int is_group(const lp_run_node *n) { return lp_node_get_type(n) == LP_NODE_DETECTION_BENCHMARK; }
static int is_detection(const lp_run_node *n) { return lp_node_get_type(n) == LP_NODE_DETECTION; }
static const lp_run_node *top(const dt_data *d) { return lp_node_child(lp_run_root(d->run), 0); }

/* a Go slice; nil when empty (`if .Groups` is false, toJson gives null) */
static tp_value list_of(tp_ctx *x, tp_value *v, uint32_t n, const char *type)
{
    return n ? cli_tp_list(x, v, n, type) : (tp_value){ .kind = TP_LIST, .u.l = NULL };
}

/* the groups (want_groups) or detections below a node; the root's: its one target */
static tp_value kids(tp_ctx *x, const dt_data *d, const lp_run_node *n, int want_groups)
{
    if (!n) {   /* NewRootBenchmarkDisplay: the target under the root, as a group or as a run */
        const lp_run_node *t = top(d);
        if (!t || !is_group(t) != !want_groups) return (tp_value){ .kind = TP_LIST, .u.l = NULL };
        tp_value *v = tp_alloc(x, sizeof *v);
        if (!v) return (tp_value){ .kind = TP_NIL };
        v[0] = mk(x, want_groups ? &GROUP : &RUN, &(dob){ .d = d, .n = t });
        return list_of(x, v, 1, NULL);
    }
    uint32_t c = lp_node_child_count(n), k = 0;
    tp_value *v = tp_alloc(x, (c ? c : 1) * sizeof *v);
    if (!v) return (tp_value){ .kind = TP_NIL };
    for (uint32_t i = 0; i < c; i++) {
        const lp_run_node *ch = lp_node_child(n, i);
        if (want_groups ? is_group(ch) : is_detection(ch))
            v[k++] = mk(x, want_groups ? &GROUP : &RUN, &(dob){ .d = d, .n = ch });
    }
    return list_of(x, v, k, want_groups ? "[]*dashboardexecute.DetectionBenchmarkDisplay"
                                        : "[]*dashboardexecute.DetectionRun");
}

static void collect_runs(tp_ctx *x, const dt_data *d, const lp_run_node *n, tp_value **v, uint32_t *k,
                         uint32_t *cap)
{
    if (is_detection(n)) {
        if (*k == *cap) {
            uint32_t nc = *cap ? *cap * 2 : 16;
            tp_value *nv = tp_alloc(x, nc * sizeof *nv);
            if (!nv) return;
            if (*k) memcpy(nv, *v, *k * sizeof *nv);
            *v = nv;
            *cap = nc;
        }
        (*v)[(*k)++] = mk(x, &RUN, &(dob){ .d = d, .n = n });
        return;
    }
    for (uint32_t i = 0; i < lp_node_child_count(n); i++) collect_runs(x, d, lp_node_child(n, i), v, k, cap);
}

static int tree_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                       tp_value *out)
{
    const dob *o = self;
    (void)args;
    TP_FIELD("Root", mk(x, &GROUP, &(dob){ .d = o->d }));
    TP_FIELD("StartTime", tp_time_local((int64_t)lp_run_start_time_ms(o->d->run) * 1000000));
    TP_FIELD("EndTime", tp_time_local((int64_t)lp_run_end_time_ms(o->d->run) * 1000000));
    TP_FIELD("Progress", tp_obj(NULL, NULL));
    if (TP_IS("DetectionRuns")) {
        if (tp_args_for_field(x, name, nargs) != TP_OK) return TP_FAILED;
        tp_value *v = NULL;
        uint32_t k = 0, cap = 0;
        collect_runs(x, o->d, lp_run_root(o->d->run), &v, &k, &cap);
        *out = list_of(x, v, k, "[]*dashboardexecute.DetectionRun");
        return TP_OK;
    }
    return TP_NONE;
}

/* the rows below a group, as the json output counts them (cli_detection_count) */
static int group_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                        tp_value *out)
{
    const dob *o = self;
    const lp_run_node *n = o->n ? o->n : top(o->d);
    (void)args;
    TP_FIELD("GroupId", tp_cstr(o->n ? lp_node_name(o->n) : "root_result_group"));
    TP_FIELD("Title", str(x, lp_node_str(n, "title")));
    TP_FIELD("Description", str(x, o->n ? lp_node_str(n, "description") : ""));
    TP_FIELD("Tags", cli_tp_tags(x, o->n));
    TP_FIELD("Documentation", str(x, o->n ? lp_node_str(n, "documentation") : ""));
    TP_FIELD("Display", tp_cstr(""));
    TP_FIELD("Type", tp_cstr(""));
    TP_FIELD("Summary", mk(x, &SUMMARY, &(dob){ .d = o->d, .count = cli_detection_count(o->d->run, o->n) }));
    TP_FIELD("Groups", kids(x, o->d, o->n, 1));
    TP_FIELD("DetectionRuns", kids(x, o->d, o->n, 0));
    TP_FIELD("NodeType", tp_cstr("benchmark"));
    TP_FIELD("Duration",
          ((tp_value){ .kind = TP_DURATION, .u.d = o->n ? (int64_t)lp_node_duration_ns(o->n) : 0 }));
    TP_FIELD("DimensionKeys", ((tp_value){ .kind = TP_LIST, .u.l = NULL }));
    return TP_NONE;
}

/* a benchmark's and a detection's JSON alike: the node as cli_detection_json writes it */
static void node_json(tp_ctx *x, const void *self, lp_buf *out)
{
    const dob *o = self;
    (void)x;
    cli_detection_json(out, o->d->run, o->n);
}

static int summary_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                          tp_value *out)
{
    (void)args;
    TP_FIELD("Count", tp_int(((const dob *)self)->count));
    return TP_NONE;
}

static void summary_json(tp_ctx *x, const void *self, lp_buf *out)
{
    (void)x;
    lp_buf_printf(out, "{\"count\":%u}", ((const dob *)self)->count);
}

static const char *run_status(const lp_run_node *n)
{
    lp_node_state st = lp_node_get_state(n);
    return st == LP_NODE_ERROR      ? "error"
           : st == LP_NODE_COMPLETE ? "complete"
           : st == LP_NODE_BLOCKED  ? "blocked"
                                    : "running";
}

static int run_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                      tp_value *out)
{
    const dob *o = self;
    const lp_run_node *n = o->n;
    (void)args;
    TP_FIELD("Name", tp_cstr(lp_node_name(n)));
    TP_FIELD("Title", str(x, lp_node_str(n, "title")));
    TP_FIELD("Description", str(x, lp_node_str(n, "description")));
    TP_FIELD("Documentation", str(x, lp_node_str(n, "documentation")));
    TP_FIELD("Display", str(x, lp_node_str(n, "display")));
    TP_FIELD("Type", str(x, lp_node_str(n, "type")));
    TP_FIELD("SQL", str(x, lp_node_str(n, "sql")));
    TP_FIELD("NodeType", tp_cstr("detection"));
    TP_FIELD("Status", tp_cstr(run_status(n)));
    TP_FIELD("ErrorString", str(x, lp_node_error(n)));
    TP_FIELD("Error", lp_node_error(n) ? str(x, lp_node_error(n)) : (tp_value){ .kind = TP_NIL });
    int done = lp_node_get_state(n) == LP_NODE_COMPLETE;
    TP_FIELD("Data", done ? mk(x, &LEAF_DATA, o) : tp_obj(&LEAF_DATA, NULL));
    return TP_NONE;
}

/* LeafData: Columns ([]*queryresult.ColumnDef: Name, DataType) and Rows ([]map[string]any) */
static int leaf_data_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                            tp_value *out)
{
    const dob *o = self;
    uint32_t nc = lp_node_column_count(o->n);
    (void)args;
    if (TP_IS("Columns")) {
        if (tp_args_for_field(x, name, nargs) != TP_OK) return TP_FAILED;
        tp_value *v = tp_alloc(x, (nc ? nc : 1) * sizeof *v);
        if (!v) return TP_FAILED;
        for (uint32_t c = 0; c < nc; c++) v[c] = mk(x, &COLUMN, &(dob){ .col = lp_node_column(o->n, c) });
        *out = list_of(x, v, nc, "[]*queryresult.ColumnDef");
        return TP_OK;
    }
    if (TP_IS("Rows")) {
        if (tp_args_for_field(x, name, nargs) != TP_OK) return TP_FAILED;
        uint32_t nr = lp_node_row_count(o->n);
        tp_value *v = tp_alloc(x, (nr ? nr : 1) * sizeof *v);
        if (!v) return TP_FAILED;
        for (uint32_t r = 0; r < nr; r++) {
            const lp_db_cell *cells = lp_node_row(o->n, r);
            tp_map *m = tp_alloc(x, sizeof *m);
            const char **k = tp_alloc(x, (nc ? nc : 1) * sizeof *k);
            tp_value *cv = tp_alloc(x, (nc ? nc : 1) * sizeof *cv);
            if (!m || !k || !cv) return TP_FAILED;
            for (uint32_t c = 0; c < nc; c++) {   /* keys sorted, as Go's map */
                const lp_db_col *col = lp_node_column(o->n, c);
                tp_value val = cells[c].text ? str(x, cells[c].text) : (tp_value){ .kind = TP_NIL };
                uint32_t j = m->n++;
                while (j > 0 && strcmp(k[j - 1], col->name) > 0) k[j] = k[j - 1], cv[j] = cv[j - 1], j--;
                k[j] = col->name;
                cv[j] = val;
            }
            m->keys = k;
            m->v = cv;
            v[r] = (tp_value){ .kind = TP_MAP, .u.m = m };
        }
        *out = list_of(x, v, nr, "[]map[string]interface {}");
        return TP_OK;
    }
    return TP_NONE;
}

static int column_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                         tp_value *out)
{
    const lp_db_col *c = ((const dob *)self)->col;
    (void)args;
    TP_FIELD("Name", tp_cstr(c->name));
    TP_FIELD("DataType", tp_cstr(c->type_name ? c->type_name : ""));
    TP_FIELD("OriginalName", tp_cstr(c->original_name ? c->original_name : ""));
    return TP_NONE;
}

static const tp_class TREE = { "*dashboardexecute.DetectionBenchmarkDisplayTree", tree_lookup, NULL };
static const tp_class GROUP = { "*dashboardexecute.DetectionBenchmarkDisplay", group_lookup, node_json };
static const tp_class SUMMARY = { "*dashboardexecute.DetectionBenchmarkSummary", summary_lookup,
                                  summary_json };
static const tp_class RUN = { "*dashboardexecute.DetectionRun", run_lookup, node_json };
static const tp_class LEAF_DATA = { "*dashboardtypes.LeafData", leaf_data_lookup, NULL };
static const tp_class COLUMN = { "*queryresult.ColumnDef", column_lookup, NULL };

/* the DetectionBenchmarkDisplayTree, TemplateRenderContext's Data (cli_tmpl_env) */
static tp_value tree_of(tp_ctx *x, const void *user) { return mk(x, &TREE, &(dob){ .d = user }); }

int cli_detection_tmpl_render(tp_set *s, const cli_tmpl *t, const lp_run *run, const cli_opts *o, FILE *sink,
                              lp_buf *out, lp_buf *err)
{
    dt_data d = { .run = run };
    cli_tmpl_env env;
    cli_tmpl_env_init(&env, o, tree_of, &d);
    return cli_tmpl_render(s, t, &env, sink, out, err);
}
