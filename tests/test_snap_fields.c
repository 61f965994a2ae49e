/* test_snap_fields.c — what a control's result and a dashboard's snapshot panels hold, run through
 * the CLI (LP_CLI) on PostgreSQL as a user does.
 *
 * Facts, from Powerpipe's source:
 *  - a control's rows are made from the raw columns (controlexecute.NewResultRow with
 *    queryResult.Cols): a column selected twice is two dimensions of one name; reason, resource and
 *    status are assigned in turn, so the last column of each name wins; the JSON template prints
 *    each row's Dimensions; the CSV header lists Root.DimensionKeys (distinct, sorted) and a cell
 *    is GetDimensionValue, the first dimension of the name; the snapshot's data is ToLeafData: the
 *    dimension schema a map (the name once), each row a map the dimensions are flattened into (the
 *    last value of a name stays).  Only a dashboard leaf's data renames a repeated column.
 *  - a dashboard panel is its run's JSON (DashboardTreeRunImpl.SourceDefinition
 *    json:"source_definition", never omitted; LeafRun's RawSQL json:"sql,omitempty" — the resolved
 *    query's SQL, the named query's for `query = query.x` —, Args json:"args,omitempty" — the values
 *    bound, a named map resolved against the query's params and their defaults); `--output snapshot`
 *    marshals the snapshot whole, an --export .pps is AsStrippedJson(false): compact, its panels
 *    without sql, source_definition and documentation (steampipeconfig.StripSnapshot).
 *  - source_definition is getSourceDefinition: the whole lines of the block's range, joined by "\n".
 * The expected texts here are cut from the mod's own lines, not from anything lazypipe printed. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/clirun.h"
#include "support/jsontree.h"
#include "support/runfix.h"
#include "support/shared.h"
#include "support/wsfix.h"

static char *dir;

/* line numbers (1-based) matter: the blocks' source definitions are cut from these lines */
static const char *const MOD_LINES[] = {
    "mod \"snapf\" {}",                                                                      /* 1 */
    "control \"dup\" {",                                                                     /* 2 */
    "  title = \"Dup\"",                                                                     /* 3 */
    "  sql   = \"select 'r' as resource, 'ok' as status, 'x' as reason, 'p1' as project, "
    "'p2' as project, 'y' as reason\"",                                                      /* 4 */
    "}",                                                                                     /* 5 */
    "query \"pair\" {",                                                                      /* 6 */
    "  sql = \"select $1::text || ':' || $2::text as got\"",                                 /* 7 */
    "  param \"left\" {}",                                                                   /* 8 */
    "  param \"right\" {",                                                                   /* 9 */
    "    default = \"dflt\"",                                                                /* 10 */
    "  }",                                                                                   /* 11 */
    "}",                                                                                     /* 12 */
    "dashboard \"d\" {",                                                                     /* 13 */
    "  title         = \"D\"",                                                               /* 14 */
    "  documentation = \"About D\"",                                                         /* 15 */
    "  table {",                                                                             /* 16 */
    "    query = query.pair",                                                                /* 17 */
    "    args  = { left = \"L\" }",                                                          /* 18 */
    "  }",                                                                                   /* 19 */
    "  card {",                                                                              /* 20 */
    "    sql = \"select 1 as value\"",                                                       /* 21 */
    "  }",                                                                                   /* 22 */
    "}",                                                                                     /* 23 */
    "benchmark \"b\" {",                                                                     /* 24 */
    "  children = [control.dup]",                                                            /* 25 */
    "}",                                                                                     /* 26 */
};
#define NLINES (sizeof MOD_LINES / sizeof *MOD_LINES)

/* lines first..last of the mod joined by "\n" (getSourceDefinition); malloc'd */
static char *lines(unsigned first, unsigned last)
{
    size_t len = 1;
    for (unsigned i = first; i <= last; i++) len += strlen(MOD_LINES[i - 1]) + 1;
    char *s = calloc(1, len);
    cr_assert(s);
    for (unsigned i = first; i <= last; i++) {
        if (i > first) strcat(s, "\n");
        strcat(s, MOD_LINES[i - 1]);
    }
    return s;
}

static void setup(void)
{
    char *text = lines(1, NLINES);
    size_t n = strlen(text);
    text = realloc(text, n + 2);
    cr_assert(text);
    memcpy(text + n, "\n", 2);
    dir = wf_mod_dir(text);
    free(text);
}

static void teardown(void)
{
    wf_remove(dir);
    dir = NULL;
}

TestSuite(snap_fields, .init = setup, .fini = teardown);

static jt *parse(const char *text)
{
    char err[200];
    jt *v = jt_parse(text, strlen(text), err, sizeof err);
    cr_assert(v, "not JSON (%s):\n%s", err, text);
    return v;
}

/* the first value of key anywhere under v (depth first), or NULL */
static const jt *find(const jt *v, const char *key)
{
    if (!v) return NULL;
    if (v->kind == JT_OBJ) {
        const jt *here = jt_get(v, key);
        if (here) return here;
    }
    if (v->kind != JT_OBJ && v->kind != JT_ARR) return NULL;
    for (size_t i = 0; i < v->n; i++) {
        const jt *got = find(v->items[i], key);
        if (got) return got;
    }
    return NULL;
}

static void str_is(const jt *v, const char *want, const char *what)
{
    cr_assert(v && v->kind == JT_STR, "%s: not a string (%s)", what, v ? jt_dump(v) : "absent");
    cr_assert_str_eq(v->s, want, "%s", what);
}

static cl_result run_ok(const char *fmt_args)
{
    cl_result r = cl_run("--mod-location %s %s --database %s", dir, fmt_args, ts_pg_url());
    cr_assert_eq(r.status, 0, "%s: exit %d\n%s%s", fmt_args, r.status, r.out, r.err);
    return r;
}

/* JSON: each row's dimensions as the columns came, one `project` per column; reason the last */
Test(snap_fields, control_json_keeps_both_dimensions)
{
    cl_result r = run_ok("control run dup --output json");
    jt *doc = parse(r.out);
    const jt *results = find(doc, "results");
    cr_assert(results && results->kind == JT_ARR && results->n == 1, "results: %s", jt_dump(doc));
    const jt *row = results->items[0];
    str_is(jt_get(row, "reason"), "y", "reason (the last column so named)");
    str_is(jt_get(row, "resource"), "r", "resource");
    str_is(jt_get(row, "status"), "ok", "status");
    const jt *dims = jt_get(row, "dimensions");
    cr_assert(dims && dims->kind == JT_ARR && dims->n == 2, "dimensions: %s", jt_dump(row));
    str_is(jt_get(dims->items[0], "key"), "project", "dimension 0 key");
    str_is(jt_get(dims->items[0], "value"), "p1", "dimension 0 value");
    str_is(jt_get(dims->items[1], "key"), "project", "dimension 1 key");
    str_is(jt_get(dims->items[1], "value"), "p2", "dimension 1 value");
    jt_free(doc);
    cl_done(&r);
}

/* CSV: `project` once in the header (DimensionKeys), its cell the first value (GetDimensionValue) */
Test(snap_fields, control_csv_lists_the_name_once)
{
    cl_result r = run_ok("control run dup --output csv");
    char *nl = strchr(r.out, '\n');
    cr_assert(nl, "%s", r.out);
    *nl = '\0';
    const char *header = r.out, *row = nl + 1;
    cr_assert_str_eq(header, "group_id,title,description,control_id,control_title,control_description,reason,"
                             "resource,status,severity,project", "header");
    size_t rl = strcspn(row, "\n");
    const char *tail = ",y,r,ok,,p1";
    cr_assert(rl >= strlen(tail) && strncmp(row + rl - strlen(tail), tail, strlen(tail)) == 0,
              "row ends with %s: %.*s", tail, (int)rl, row);
    cl_done(&r);
}

/* snapshot: the data's columns name `project` once, each row holds the last value of the name */
Test(snap_fields, control_snapshot_data_is_a_map)
{
    cl_result r = run_ok("control run dup --output snapshot");
    jt *doc = parse(r.out);
    const jt *panel = jt_get(jt_get(doc, "panels"), "snapf.control.dup");
    cr_assert(panel, "no panel: %s", jt_dump(doc));
    const jt *data = jt_get(panel, "data");
    const jt *cols = jt_get(data, "columns"), *rows = jt_get(data, "rows");
    cr_assert(cols && cols->kind == JT_ARR && rows && rows->kind == JT_ARR && rows->n == 1, "%s",
              jt_dump(data));
    const char *want[] = { "reason", "resource", "status", "project" };
    cr_assert_eq(cols->n, 4, "columns: %s", jt_dump(cols));
    for (size_t i = 0; i < 4; i++) str_is(jt_get(cols->items[i], "name"), want[i], "column name");
    const jt *row = rows->items[0];
    cr_assert_eq(row->n, 4, "row: %s", jt_dump(row));
    str_is(jt_get(row, "project"), "p2", "project (the last dimension of the name)");
    str_is(jt_get(row, "reason"), "y", "reason");
    jt_free(doc);
    cl_done(&r);
}

static const jt *panel_of(const jt *doc, const char *kind)
{
    const jt *panels = jt_get(doc, "panels");
    cr_assert(panels && panels->kind == JT_OBJ, "%s", jt_dump(doc));
    for (size_t i = 0; i < panels->n; i++) {
        const jt *pt = jt_get(panels->items[i], "panel_type");
        if (pt && pt->kind == JT_STR && strcmp(pt->s, kind) == 0) return panels->items[i];
    }
    cr_assert_fail("no %s panel: %s", kind, jt_dump(doc));
    return NULL;
}

/* --output snapshot: every panel has its source_definition; a leaf its sql and args as bound */
Test(snap_fields, dashboard_snapshot_panels_show_sql_args_source)
{
    cl_result r = run_ok("dashboard run d --output snapshot");
    jt *doc = parse(r.out);
    const jt *table = panel_of(doc, "table"), *card = panel_of(doc, "card");
    const jt *dash = panel_of(doc, "dashboard");
    /* the named query's SQL (line 7's string) */
    str_is(jt_get(table, "sql"), "select $1::text || ':' || $2::text as got", "table sql");
    const jt *args = jt_get(table, "args");
    cr_assert(args && args->kind == JT_ARR && args->n == 2, "table args: %s", jt_dump(table));
    str_is(args->items[0], "L", "args[0]: the named arg");
    str_is(args->items[1], "dflt", "args[1]: the param's default");
    char *src = lines(16, 19);
    str_is(jt_get(table, "source_definition"), src, "table source_definition");
    free(src);
    str_is(jt_get(card, "sql"), "select 1 as value", "card sql");
    cr_assert_null(jt_get(card, "args"), "a card without args has none (omitempty): %s", jt_dump(card));
    src = lines(20, 22);
    str_is(jt_get(card, "source_definition"), src, "card source_definition");
    free(src);
    src = lines(13, 23);
    str_is(jt_get(dash, "source_definition"), src, "dashboard source_definition");
    free(src);
    str_is(jt_get(dash, "documentation"), "About D", "dashboard documentation");
    cr_assert_null(jt_get(dash, "sql"), "a dashboard runs no SQL");
    str_is(jt_get(jt_get(table, "data"), "rows")->items[0]->items[0], "L:dflt", "the table's row");
    jt_free(doc);
    cl_done(&r);
}

/* --export x.pps: one compact line, the panels stripped of sql, source_definition, documentation;
 * args stay */
Test(snap_fields, dashboard_pps_export_is_stripped)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/out.pps", dir);
    char args[4200];
    snprintf(args, sizeof args, "dashboard run d --output none --export %s", path);
    cl_result r = run_ok(args);
    cl_done(&r);
    size_t len;
    char *text = jt_read_file(path, &len);
    cr_assert(text, "no %s", path);
    cr_assert(len > 1 && text[len - 1] == '\n' && !memchr(text, '\n', len - 1), "one line and a newline:\n%s",
              text);
    jt *doc = parse(text);
    const jt *panels = jt_get(doc, "panels");
    cr_assert(panels && panels->n == 3, "%s", jt_dump(doc));
    for (size_t i = 0; i < panels->n; i++) {
        const jt *p = panels->items[i];
        cr_assert_null(jt_get(p, "sql"), "%s", jt_dump(p));
        cr_assert_null(jt_get(p, "source_definition"), "%s", jt_dump(p));
        cr_assert_null(jt_get(p, "documentation"), "%s", jt_dump(p));
    }
    const jt *targs = jt_get(panel_of(doc, "table"), "args");
    cr_assert(targs && targs->n == 2, "args stay: %s", jt_dump(doc));
    jt_free(doc);
    free(text);
}

/* The server's execution_complete snapshot of a benchmark: its root CheckRun has the benchmark's
 * source_definition (DashboardTreeRunImpl), its ControlRun none, and the control's data names
 * `project` once with the last value (ToLeafData) */
Test(snap_fields, server_benchmark_snapshot)
{
    lp_driver_register(lp_driver_postgres());
    lp_workspace *ws = wf_open(dir, 2);
    lp_run_opts o = { .database = ts_pg_url() };
    lp_run *run = rf_run(ws, LP_KIND_BENCHMARK, "snapf.benchmark.b", &o);
    lp_buf b = { 0 };
    cr_assert_eq(lp_run_snapshot_json(run, &b), LP_OK);
    lp_buf_putc(&b, '\0');
    jt *doc = parse(b.data);
    const jt *panels = jt_get(doc, "panels");
    const jt *root = jt_get(panels, "snapf.benchmark.b"), *ctl = jt_get(panels, "snapf.control.dup");
    cr_assert(root && ctl, "%s", b.data);
    char *src = lines(24, 26);
    str_is(jt_get(root, "source_definition"), src, "the CheckRun's source_definition");
    free(src);
    cr_assert_null(jt_get(ctl, "source_definition"), "a ControlRun has none: %s", jt_dump(ctl));
    const jt *cols = jt_get(jt_get(ctl, "data"), "columns"), *rows = jt_get(jt_get(ctl, "data"), "rows");
    cr_assert(cols && cols->n == 4 && rows && rows->n == 1, "%s", jt_dump(ctl));
    str_is(jt_get(cols->items[3], "name"), "project", "the dimension column");
    str_is(jt_get(rows->items[0], "project"), "p2", "the last value of the name");
    str_is(jt_get(rows->items[0], "reason"), "y", "the last reason");
    jt_free(doc);
    lp_buf_free(&b);
    lp_run_free(run);
    lp_close(ws);
}
