/* check_tmpl.c — a check run's result tree as Powerpipe's export templates see it, the Data of
 * the TemplateRenderContext (export_tmpl.c, formatter_template.go): controlexecute's
 * ExecutionTree, ResultGroup, GroupSummary, StatusSummary, ControlRun, ControlRunInstance,
 * ResultRow, ResultRowInstance, Dimension and resources.Control, with their exported fields and
 * the methods templates call (AllTagKeys, GetError, MatchTag, GetDimensionValue, PassedCount...).
 * Each is a tp_class over the ck_tree itself: nothing is copied until a template reads it, and a
 * row's text is copied into the execution's memory as it is read (the spool keeps one control's
 * rows at a time). */
#include "check.h"

#include <stdlib.h>
#include <string.h>


/* One object of any of the classes below: what it is made from. */
typedef struct ob {
    const ck_tmpl_data *d;
    const ck_node *n;          /* a group or a control */
    const ck_node *parent;     /* ControlRunInstance / ResultRowInstance: the group it is under */
    const uint32_t *sum;       /* StatusSummary */
    uint32_t row;
    const char *key, *value;   /* Dimension */
} ob;

static const tp_class TREE, GROUP, GROUP_SUMMARY, SUMMARY, RUN, RUN_INSTANCE, ROW,
    ROW_INSTANCE, DIMENSION, CONTROL;

static tp_value mk(tp_ctx *x, const tp_class *cls, const ob *proto)
{
    ob *o = tp_alloc(x, sizeof *o);
    if (!o) return (tp_value){ .kind = TP_NIL };
    *o = *proto;
    return tp_obj(cls, o);
}

#define str cli_tp_str
#define list_of cli_tp_list

/* a Go *string: nil when absent */
static tp_value opt_str(tp_ctx *x, const char *s)
{
    return s && *s ? str(x, s) : (tp_value){ .kind = TP_NIL };
}

static tp_value duration(uint64_t ns) { return (tp_value){ .kind = TP_DURATION, .u.d = (int64_t)ns }; }

static tp_value time_ms(uint64_t ms) { return tp_time_local((int64_t)ms * 1000000); }

static tp_value strings(tp_ctx *x, char *const *s, uint32_t n)
{
    tp_value *v = tp_alloc(x, (n ? n : 1) * sizeof *v);
    if (!v) return (tp_value){ .kind = TP_NIL };
    for (uint32_t i = 0; i < n; i++) v[i] = tp_cstr(s[i]);
    return list_of(x, v, n, "[]string");
}

static tp_value empty_map(tp_ctx *x)
{
    tp_map *m = tp_alloc(x, sizeof *m);
    return m ? (tp_value){ .kind = TP_MAP, .u.m = m } : (tp_value){ .kind = TP_NIL };
}

/* a group's child groups (want_groups) or controls, as objects */
static tp_value kids(tp_ctx *x, const ck_tmpl_data *d, const ck_node *g, int want_groups)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < g->nkids; i++) n += !g->kids[i]->is_group == !want_groups;
    tp_value *v = tp_alloc(x, (n ? n : 1) * sizeof *v);
    if (!v) return (tp_value){ .kind = TP_NIL };
    uint32_t k = 0;
    for (uint32_t i = 0; i < g->nkids; i++)
        if (!g->kids[i]->is_group == !want_groups)
            v[k++] = mk(x, want_groups ? &GROUP : &RUN, &(ob){ .d = d, .n = g->kids[i], .parent = g });
    /* Go's nil slice when empty: `if .Groups` is false, toJson gives null */
    if (!n) return (tp_value){ .kind = TP_LIST, .u.l = NULL };
    return list_of(x, v, n, want_groups ? "[]*controlexecute.ResultGroup" : "[]*controlexecute.ControlRun");
}

/* ExecutionTree.ControlRunInstances (instances) or its ControlRuns' list: every control in
 * ck_controls' order, or each name once (its first). */
static tp_value control_instances(tp_ctx *x, const ck_tmpl_data *d, int instances)
{
    ck_ctl_list l = { 0 };
    tp_value *v = NULL;
    uint32_t k = 0;
    if (ck_controls(d->tree->root, &l) == 0 && (v = tp_alloc(x, (l.n ? l.n : 1) * sizeof *v)))
        for (size_t i = 0; i < l.n; i++)
            if (instances || !i || strcmp(l.v[i]->name, l.v[i - 1]->name))
                v[k++] = mk(x, instances ? &RUN_INSTANCE : &RUN,
                            &(ob){ .d = d, .n = l.v[i], .parent = l.v[i]->parent });
    free(l.v);
    if (!v) return (tp_value){ .kind = TP_NIL };
    return list_of(x, v, k, "[]*controlexecute.ControlRunInstance");
}

static const char *run_name(const tp_value *v) { return ((const ob *)v->u.o.self)->n->name; }

static int by_run_name(const void *a, const void *b) { return strcmp(run_name(a), run_name(b)); }

/* ExecutionTree.ControlRuns: map[string]*ControlRun by full name (its keys in order, as Go's
 * templates range over a map) */
static tp_value control_runs_map(tp_ctx *x, const ck_tmpl_data *d)
{
    tp_value l = control_instances(x, d, 0);
    if (l.kind != TP_LIST) return l;
    uint32_t n = l.u.l->n;
    tp_map *m = tp_alloc(x, sizeof *m);
    const char **k = tp_alloc(x, (n ? n : 1) * sizeof *k);
    tp_value *v = tp_alloc(x, (n ? n : 1) * sizeof *v);
    if (!m || !k || !v) return (tp_value){ .kind = TP_NIL };
    memcpy(v, l.u.l->v, n * sizeof *v);
    qsort(v, n, sizeof *v, by_run_name);   /* one run a name: no ties */
    for (uint32_t i = 0; i < n; i++) k[i] = run_name(&v[i]);
    m->n = n;
    m->keys = k;
    m->v = v;
    return (tp_value){ .kind = TP_MAP, .u.m = m };
}

#define METHOD0(s, val)                                                                                      \
    if (TP_IS(s)) {                                                                                          \
        if (nargs) return tp_fail(x, "wrong number of args for %s: want 0 got %d", name, nargs);             \
        *out = (val);                                                                                        \
        return TP_OK;                                                                                        \
    }

static int want_strings(tp_ctx *x, const char *name, const tp_value *args, int nargs, int want)
{
    if (nargs != want) return tp_fail(x, "wrong number of args for %s: want %d got %d", name, want, nargs);
    for (int i = 0; i < nargs; i++)
        if (args[i].kind != TP_STRING)
            return tp_fail(x, "wrong type for value; expected string; got %s", tp_type_name(&args[i]));
    return TP_OK;
}

/* ------------------------------------------------------------------ ExecutionTree */

static int tree_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                       tp_value *out)
{
    const ob *o = self;
    const ck_tree *t = o->d->tree;
    (void)args;
    TP_FIELD("Root", mk(x, &GROUP, &(ob){ .d = o->d, .n = t->root }));
    TP_FIELD("StartTime", time_ms(t->start_ms));
    TP_FIELD("EndTime", time_ms(t->end_ms));
    TP_FIELD("ControlRuns", control_runs_map(x, o->d));
    TP_FIELD("ControlRunInstances", control_instances(x, o->d, 1));
    TP_FIELD("Progress", tp_obj(NULL, NULL));
    METHOD0("GetAllTags", strings(x, t->tag_keys, t->ntag_keys));
    return TP_NONE;
}

/* ------------------------------------------------------------------ ResultGroup, summaries */

static const ck_node *child_named(const ck_node *g, const char *name, int group)
{
    for (uint32_t i = 0; i < g->nkids; i++)
        if (!g->kids[i]->is_group == !group && strcmp(g->kids[i]->name, name) == 0) return g->kids[i];
    return NULL;
}

static int group_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                        tp_value *out)
{
    const ob *o = self;
    const ck_node *g = o->n;
    const ck_tree *t = o->d->tree;
    TP_FIELD("GroupId", tp_cstr(g->id));
    TP_FIELD("Title", tp_cstr(g->title));
    TP_FIELD("Description", tp_cstr(g->description));
    TP_FIELD("Tags", cli_tp_tags(x, g->n));
    TP_FIELD("Documentation", str(x, g->n ? lp_node_str(g->n, "documentation") : ""));
    TP_FIELD("Display", tp_cstr(""));
    TP_FIELD("Type", tp_cstr(""));
    TP_FIELD("Summary", mk(x, &GROUP_SUMMARY, o));
    TP_FIELD("Groups", kids(x, o->d, g, 1));
    TP_FIELD("ControlRuns", kids(x, o->d, g, 0));
    TP_FIELD("Severity", empty_map(x));
    TP_FIELD("NodeType", tp_cstr(g == t->root ? "root" : "benchmark"));
    TP_FIELD("Parent", g->parent ? mk(x, &GROUP, &(ob){ .d = o->d, .n = g->parent }) : tp_obj(&GROUP, NULL));
    TP_FIELD("Duration", duration(g->n ? g->duration_ns : 0));
    TP_FIELD("DimensionKeys", strings(x, t->dim_keys, t->ndim_keys));
    METHOD0("AllTagKeys", strings(x, t->tag_keys, t->ntag_keys));
    METHOD0("ControlRunCount", tp_int(g->ncontrols));
    METHOD0("GetName", tp_cstr(g->id));
    if (TP_IS("GetGroupByName") || TP_IS("GetChildGroupByName") || TP_IS("GetControlRunByName")) {
        if (want_strings(x, name, args, nargs, 1) != TP_OK) return TP_FAILED;
        int group = !TP_IS("GetControlRunByName");
        char *want = strndup(args[0].u.s.p, args[0].u.s.n);
        const ck_node *k = want ? child_named(g, want, group) : NULL;
        free(want);
        *out = k ? mk(x, group ? &GROUP : &RUN, &(ob){ .d = o->d, .n = k, .parent = g })
                 : tp_obj(group ? &GROUP : &RUN, NULL);
        return TP_OK;
    }
    return TP_NONE;
}

static void json_summary(const uint32_t *s, lp_buf *out)
{
    lp_buf_printf(out, "{\"alarm\":%u,\"ok\":%u,\"info\":%u,\"skip\":%u,\"error\":%u}", s[LP_RES_ALARM],
                  s[LP_RES_OK], s[LP_RES_INFO], s[LP_RES_SKIP], s[LP_RES_ERROR]);
}

static void group_json(tp_ctx *x, const void *self, lp_buf *out)
{
    const ob *o = self;
    (void)x;
    lp_buf_puts(out, "{\"name\":");
    lp_json_cstr(out, o->n->id);
    lp_buf_puts(out, ",\"title\":");
    lp_json_cstr(out, o->n->title);
    lp_buf_puts(out, ",\"summary\":{\"status\":");
    json_summary(o->n->sum, out);
    lp_buf_puts(out, "}}");
}

static int group_summary_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args,
                                int nargs, tp_value *out)
{
    const ob *o = self;
    (void)args;
    TP_FIELD("Status", mk(x, &SUMMARY, &(ob){ .sum = o->n->sum }));
    TP_FIELD("Severity", empty_map(x));
    return TP_NONE;
}

static void group_summary_json(tp_ctx *x, const void *self, lp_buf *out)
{
    const ob *o = self;
    (void)x;
    lp_buf_puts(out, "{\"status\":");
    json_summary(o->n->sum, out);
    lp_buf_putc(out, '}');
}

static int summary_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                          tp_value *out)
{
    const uint32_t *s = ((const ob *)self)->sum;
    (void)args;
    TP_FIELD("Alarm", tp_int(s[LP_RES_ALARM]));
    TP_FIELD("Ok", tp_int(s[LP_RES_OK]));
    TP_FIELD("Info", tp_int(s[LP_RES_INFO]));
    TP_FIELD("Skip", tp_int(s[LP_RES_SKIP]));
    TP_FIELD("Error", tp_int(s[LP_RES_ERROR]));
    METHOD0("PassedCount", tp_int(ck_passed(s)));
    METHOD0("FailedCount", tp_int(ck_failed(s)));
    METHOD0("TotalCount", tp_int(ck_total(s)));
    return TP_NONE;
}

static void summary_json(tp_ctx *x, const void *self, lp_buf *out)
{
    (void)x;
    json_summary(((const ob *)self)->sum, out);
}

/* ------------------------------------------------------------------ ControlRun and its instance */

static const char *run_status(const ck_node *c)
{
    lp_node_state st = c->n ? lp_node_get_state(c->n) : LP_NODE_READY;
    return st == LP_NODE_COMPLETE  ? "complete"
           : st == LP_NODE_ERROR   ? "error"
           : st == LP_NODE_RUNNING ? "running"
                                   : "initialized";
}

static tp_value rows(tp_ctx *x, const ob *o, int instances)
{
    uint32_t n = ck_row_count(o->n);
    if (!n) return (tp_value){ .kind = TP_LIST, .u.l = NULL };
    tp_value *v = tp_alloc(x, n * sizeof *v);
    if (!v) return (tp_value){ .kind = TP_NIL };
    for (uint32_t r = 0; r < n; r++) {
        ob row = *o;
        row.row = r;
        v[r] = mk(x, instances ? &ROW_INSTANCE : &ROW, &row);
    }
    return list_of(x, v, n, instances ? "[]*controlexecute.ResultRowInstance" : "controlexecute.ResultRows");
}

static int match_tag(tp_ctx *x, const ck_node *c, const char *name, const tp_value *args, int nargs,
                     tp_value *out)
{
    if (want_strings(x, name, args, nargs, 2) != TP_OK) return TP_FAILED;
    char *k = strndup(args[0].u.s.p, args[0].u.s.n);
    const char *v = k ? ck_tag(c, k) : "";
    int has = 0;
    for (uint32_t i = 0; k && c->n && i < lp_node_tag_count(c->n); i++) {
        const char *key, *val;
        lp_node_tag(c->n, i, &key, &val);
        has |= strcmp(key, k) == 0;
    }
    free(k);
    /* MatchTag: the tag exists and has the value */
    *out = tp_bool(has && strlen(v) == args[1].u.s.n && memcmp(v, args[1].u.s.p, args[1].u.s.n) == 0);
    return TP_OK;
}

static int run_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                      tp_value *out)
{
    const ob *o = self;
    const ck_node *c = o->n;
    TP_FIELD("ControlId", tp_cstr(c->id));
    TP_FIELD("FullName", tp_cstr(c->name));
    TP_FIELD("Title", tp_cstr(c->title));
    TP_FIELD("Description", tp_cstr(c->description));
    TP_FIELD("Documentation", str(x, c->n ? lp_node_str(c->n, "documentation") : ""));
    TP_FIELD("Tags", cli_tp_tags(x, c->n));
    TP_FIELD("Display", tp_cstr(""));
    TP_FIELD("Type", tp_cstr(""));
    TP_FIELD("Severity", tp_cstr(c->severity));
    TP_FIELD("NodeType", tp_cstr("control"));
    TP_FIELD("Control", mk(x, &CONTROL, o));
    TP_FIELD("Properties", empty_map(x));
    TP_FIELD("Summary", mk(x, &SUMMARY, &(ob){ .sum = c->sum }));
    TP_FIELD("RunStatus", tp_cstr(run_status(c)));
    TP_FIELD("Rows", rows(x, o, 0));
    TP_FIELD("DimensionKeys", strings(x, o->d->tree->dim_keys, o->d->tree->ndim_keys));
    TP_FIELD("Duration", duration(c->duration_ns));
    TP_FIELD("Tree", mk(x, &TREE, o));
    TP_FIELD("RunErrorString", tp_cstr(c->error ? c->error : ""));
    if (TP_IS("Parents")) {
        if (tp_args_for_field(x, name, nargs) != TP_OK) return TP_FAILED;
        tp_value *v = tp_alloc(x, sizeof *v);
        if (!v) return TP_FAILED;
        v[0] = mk(x, &GROUP, &(ob){ .d = o->d, .n = c->parent });
        *out = list_of(x, v, 1, "[]*controlexecute.ResultGroup");
        return TP_OK;
    }
    METHOD0("GetError", c->error ? tp_cstr(c->error) : (tp_value){ .kind = TP_NIL });
    METHOD0("GetControlId", tp_cstr(c->id));
    METHOD0("GetRunStatus", tp_cstr(run_status(c)));
    METHOD0("GetStatusSummary", mk(x, &SUMMARY, &(ob){ .sum = c->sum }));
    METHOD0("Finished", tp_bool(c->n && (lp_node_get_state(c->n) == LP_NODE_COMPLETE ||
                                         lp_node_get_state(c->n) == LP_NODE_ERROR)));
    METHOD0("GetName", tp_cstr(c->name));
    METHOD0("GetRows", rows(x, o, 0));
    if (TP_IS("MatchTag")) return match_tag(x, c, name, args, nargs, out);
    return TP_NONE;
}

/* An object's start, {"KEY":name,"title":title (a ControlRun's and a Control's json tags) */
static void name_and_title_json(lp_buf *out, const char *key, const ck_node *n)
{
    lp_buf_printf(out, "{\"%s\":", key);
    lp_json_cstr(out, n->name);
    lp_buf_puts(out, ",\"title\":");
    lp_json_cstr(out, n->title);
}

static void run_json(tp_ctx *x, const void *self, lp_buf *out)
{
    const ob *o = self;
    (void)x;
    name_and_title_json(out, "name", o->n);
    lp_buf_puts(out, ",\"summary\":");
    json_summary(o->n->sum, out);
    lp_buf_puts(out, ",\"status\":");
    lp_json_cstr(out, run_status(o->n));
    lp_buf_putc(out, '}');
}

/* ControlRunInstance: ControlRun's fields and methods promoted, and its own Group and Rows */
static int run_instance_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                               tp_value *out)
{
    const ob *o = self;
    TP_FIELD("ControlRun", mk(x, &RUN, o));
    TP_FIELD("Group", mk(x, &GROUP, &(ob){ .d = o->d, .n = o->parent }));
    TP_FIELD("Rows", rows(x, o, 1));
    return run_lookup(x, self, name, args, nargs, out);
}

/* ------------------------------------------------------------------ ResultRow and its instance */

static tp_value dimensions(tp_ctx *x, const ob *o)
{
    ck_row row;
    ck_row_get(o->n, o->row, &row);
    if (!row.ndims) return (tp_value){ .kind = TP_LIST, .u.l = NULL };
    tp_value *v = tp_alloc(x, row.ndims * sizeof *v);
    if (!v) return (tp_value){ .kind = TP_NIL };
    for (uint32_t i = 0; i < row.ndims; i++) {
        const char *k, *val;
        ck_row_dim(o->n, o->row, i, &k, &val);
        tp_value ks = str(x, k), vs = str(x, val);
        v[i] = mk(x, &DIMENSION, &(ob){ .key = ks.u.s.p, .value = vs.u.s.p });
    }
    return list_of(x, v, row.ndims, "[]controlexecute.Dimension");
}

static int row_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                      tp_value *out)
{
    const ob *o = self;
    if (TP_IS("Reason") || TP_IS("Resource") || TP_IS("Status")) {
        if (tp_args_for_field(x, name, nargs) != TP_OK) return TP_FAILED;
        ck_row row;
        ck_row_get(o->n, o->row, &row);
        *out = str(x, TP_IS("Reason") ? row.reason : TP_IS("Resource") ? row.resource : row.status);
        return TP_OK;
    }
    TP_FIELD("Dimensions", dimensions(x, o));
    TP_FIELD("Run", mk(x, &RUN, o));
    TP_FIELD("Control", mk(x, &CONTROL, o));
    if (TP_IS("GetDimensionValue")) {
        if (want_strings(x, name, args, nargs, 1) != TP_OK) return TP_FAILED;
        char *k = strndup(args[0].u.s.p, args[0].u.s.n);
        *out = str(x, k ? ck_row_dim_value(o->n, o->row, k) : "");
        free(k);
        return TP_OK;
    }
    return TP_NONE;
}

static void row_json(tp_ctx *x, const void *self, lp_buf *out)
{
    const ob *o = self;
    ck_row row;
    ck_row_get(o->n, o->row, &row);
    lp_buf_puts(out, "{\"reason\":");
    lp_json_cstr(out, row.reason);
    lp_buf_puts(out, ",\"resource\":");
    lp_json_cstr(out, row.resource);
    lp_buf_puts(out, ",\"status\":");
    lp_json_cstr(out, row.status);
    lp_buf_puts(out, ",\"dimensions\":");
    tp_value d = dimensions(x, o);
    tp_json(x, &d, 0, out);
    lp_buf_putc(out, '}');
}

static int row_instance_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                               tp_value *out)
{
    const ob *o = self;
    TP_FIELD("ResultRow", mk(x, &ROW, o));
    TP_FIELD("ControlRun", mk(x, &RUN_INSTANCE, o));
    return row_lookup(x, self, name, args, nargs, out);
}

static int dimension_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                            tp_value *out)
{
    const ob *o = self;
    (void)args;
    TP_FIELD("Key", tp_cstr(o->key));
    TP_FIELD("Value", tp_cstr(o->value));
    TP_FIELD("SqlType", tp_cstr(""));
    return TP_NONE;
}

static void dimension_json(tp_ctx *x, const void *self, lp_buf *out)
{
    const ob *o = self;
    (void)x;
    lp_buf_puts(out, "{\"key\":");
    lp_json_cstr(out, o->key);
    lp_buf_puts(out, ",\"value\":");
    lp_json_cstr(out, o->value);
    lp_buf_putc(out, '}');
}

/* ------------------------------------------------------------------ resources.Control */

static int control_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                          tp_value *out)
{
    const ob *o = self;
    const ck_node *c = o->n;
    const char *dot = strrchr(c->name, '.');
    const char *first = strchr(c->name, '.');
    (void)args;
    TP_FIELD("FullName", tp_cstr(c->name));
    TP_FIELD("ShortName", tp_cstr(dot ? dot + 1 : c->name));
    TP_FIELD("UnqualifiedName", tp_cstr(first ? first + 1 : c->name));
    TP_FIELD("Title", opt_str(x, c->title));
    TP_FIELD("Description", opt_str(x, c->description));
    TP_FIELD("Severity", opt_str(x, c->severity));
    TP_FIELD("Documentation", opt_str(x, c->n ? lp_node_str(c->n, "documentation") : NULL));
    TP_FIELD("SQL", opt_str(x, c->n ? lp_node_str(c->n, "sql") : NULL));
    TP_FIELD("Tags", cli_tp_tags(x, c->n));
    METHOD0("Name", tp_cstr(c->name));
    return TP_NONE;
}

static void control_json(tp_ctx *x, const void *self, lp_buf *out)
{
    const ob *o = self;
    (void)x;
    name_and_title_json(out, "full_name", o->n);
    lp_buf_putc(out, '}');
}

static const tp_class TREE = { "*controlexecute.ExecutionTree", tree_lookup, NULL };
static const tp_class GROUP = { "*controlexecute.ResultGroup", group_lookup, group_json };
static const tp_class GROUP_SUMMARY = { "*controlexecute.GroupSummary", group_summary_lookup,
                                        group_summary_json };
static const tp_class SUMMARY = { "*controlstatus.StatusSummary", summary_lookup, summary_json };
static const tp_class RUN = { "*controlexecute.ControlRun", run_lookup, run_json };
static const tp_class RUN_INSTANCE = { "*controlexecute.ControlRunInstance", run_instance_lookup, run_json };
static const tp_class ROW = { "*controlexecute.ResultRow", row_lookup, row_json };
static const tp_class ROW_INSTANCE = { "*controlexecute.ResultRowInstance", row_instance_lookup, row_json };
static const tp_class DIMENSION = { "controlexecute.Dimension", dimension_lookup, dimension_json };
static const tp_class CONTROL = { "*resources.Control", control_lookup, control_json };

/* ------------------------------------------------------------------ Data */

/* the ExecutionTree, TemplateRenderContext's Data (cli_tmpl_env) */
static tp_value tree_of(tp_ctx *x, const void *user)
{
    const ck_tmpl_data *d = user;
    return d->tree ? mk(x, &TREE, &(ob){ .d = d }) : (tp_value){ .kind = TP_NIL };
}

int ck_tmpl_render(tp_set *s, const cli_tmpl *t, const ck_tmpl_data *d, const cli_opts *o, FILE *sink,
                   lp_buf *out, lp_buf *err)
{
    cli_tmpl_env env;
    cli_tmpl_env_init(&env, o, tree_of, d);
    return cli_tmpl_render(s, t, &env, sink, out, err);
}
