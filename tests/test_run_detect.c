/* test_run_detect.c — detections and detection benchmarks run (src/run/dash.c, lp_run_start with
 * LP_KIND_DETECTION_BENCHMARK / LP_KIND_DETECTION) as Powerpipe's execution tree runs them, over
 * real SQLite files and the tests' PostgreSQL: the tree of nested detection benchmarks in order,
 * each detection's rows (its args and params, a `with` its args read, its own database before the
 * run's), an error that stays in its detection, events in order, the snapshot, a child that is no
 * detection failing the start, and a cancelled run.  The expected rows are what the SQL selects
 * from the tables made here. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/runfix.h"
#include "support/wsfix.h"
#include "support/shared.h"

static char *dir, *other_dir;
static lp_workspace *ws;
static char sqlite_url[600];

static const char MOD[] =
    "benchmark \"top\" {\n"
    "  title    = \"Top\"\n"
    "  type     = \"detection\"\n"
    "  children = [benchmark.inner, detection.by_param, detection.broken, detection.own_db]\n"
    "}\n"
    "benchmark \"inner\" {\n"
    "  title    = \"Inner\"\n"
    "  type     = \"detection\"\n"
    "  children = [detection.first3, detection.with_with]\n"
    "}\n"
    "detection \"first3\" {\n"
    "  title           = \"First three\"\n"
    "  severity        = \"high\"\n"
    "  display_columns = [\"id\", \"region\"]\n"
    "  sql             = \"select id, region from t where id <= $1 order by id\"\n"
    "  args            = [var.lim]\n"
    "}\n"
    "variable \"region\" {\n"
    "  default = \"eu\"\n"
    "}\n"
    "variable \"lim\" {\n"
    "  default = 3\n"
    "}\n"
    "query \"by_region\" {\n"
    "  param \"region\" {\n"
    "    default = \"us\"\n"
    "  }\n"
    "  sql = \"select id from t where region = $1 order by id\"\n"
    "}\n"
    "detection \"by_param\" {\n"
    "  title = \"By param\"\n"
    "  query = query.by_region\n"
    "  args  = { region = var.region }\n"
    "}\n"
    "detection \"with_with\" {\n"
    "  with \"w\" {\n"
    "    sql = \"select 2 as lim\"\n"
    "  }\n"
    "  sql  = \"select id from t where id <= $1 order by id\"\n"
    "  args = [with.w.rows[0].lim]\n"
    "}\n"
    "detection \"broken\" {\n"
    "  sql = \"select * from no_such_table\"\n"
    "}\n"
    "detection \"own_db\" {\n"
    "  database = \"sqlite://%s/other.db\"\n"
    "  sql      = \"select name from other\"\n"
    "}\n"
    "benchmark \"mixed\" {\n"
    "  type     = \"detection\"\n"
    "  children = [control.c]\n"
    "}\n"
    "control \"c\" {\n"
    "  sql = \"select 'ok' as status, 'r' as resource, 'fine' as reason\"\n"
    "}\n"
    "benchmark \"elsewhere\" {\n"
    "  type     = \"detection\"\n"
    "  database = \"sqlite://%s/other.db\"\n"
    "  children = [detection.other_rows]\n"
    "}\n"
    "detection \"other_rows\" {\n"
    "  sql = \"select name from other\"\n"
    "}\n"
    "benchmark \"ordered\" {\n"
    "  type     = \"detection\"\n"
    "  children = [detection.slowish, detection.quick]\n"
    "}\n"
    "detection \"slowish\" {\n"
    "  sql = \"with recursive c(x) as (select 1 union all select x + 1 from c where x < 3000000) "
    "select count(*) as n from c\"\n"
    "}\n"
    "detection \"quick\" {\n"
    "  sql = \"select 1 as n\"\n"
    "}\n"
    "benchmark \"plain\" {\n"
    "  children = [control.c]\n"
    "}\n";

static void setup(void)
{
    lp_driver_register(lp_driver_postgres());
    other_dir = wf_tmpdir();
    char text[sizeof MOD + 600], other[700];
    snprintf(text, sizeof text, MOD, other_dir, other_dir);
    ws = rf_open_sqlite(text,
                        "create table t(id integer, region text); insert into t values "
                        "(1,'eu'),(2,'us'),(3,'eu'),(4,'eu'),(5,'us');",
                        &dir, sqlite_url, sizeof sqlite_url);
    snprintf(other, sizeof other, "%s/other.db", other_dir);
    rf_sqlite(other, "create table other(name text); insert into other values ('elsewhere');");
}

static void teardown(void)
{
    wf_done(&ws, &dir);
    wf_remove(other_dir);
    other_dir = NULL;
}

TestSuite(run_detect, .init = setup, .fini = teardown, .timeout = 60);

static lp_run *start(lp_kind kind, const char *target, const char *db, const char *const *args,
                     uint32_t nargs, rf_events *ev)
{
    lp_run_opts o = { .database = db, .args = args, .nargs = nargs, .max_parallel = 3 };
    if (ev) {
        rf_events_init(ev, -1, 0);
        o.on_event = rf_on_event;
        o.user = ev;
    }
    return rf_run(ws, kind, target, &o);
}

/* The detection's rows, column 0, joined by ',' */
static void col0(const lp_run_node *n, char *out, size_t size)
{
    size_t k = 0;
    out[0] = '\0';
    for (uint32_t r = 0; r < lp_node_row_count(n) && k + 1 < size; r++)
        k += (size_t)snprintf(out + k, size - k, "%s%s", r ? "," : "", lp_node_row(n, r)[0].text);
}

static void expect_rows(lp_run *run, const char *name, const char *want)
{
    const lp_run_node *n = rf_node(run, name);
    cr_assert_eq(lp_node_get_state(n), LP_NODE_COMPLETE, "%s: %s", name, lp_node_error(n));
    char got[256];
    col0(n, got, sizeof got);
    cr_expect_str_eq(got, want, "%s", name);
}

Test(run_detect, a_detection_benchmark_runs_its_tree_and_each_detection_has_its_rows)
{
    rf_events ev;
    lp_run *run = start(LP_KIND_DETECTION_BENCHMARK, "top", sqlite_url, NULL, 0, &ev);
    const lp_run_node *top = lp_node_child(lp_run_root(run), 0);
    cr_assert_eq(lp_node_get_type(top), LP_NODE_DETECTION_BENCHMARK);
    cr_assert_str_eq(lp_node_panel_type(top), "benchmark");
    /* the children in the order the benchmark lists them */
    static const char *const kids[] = { "t.benchmark.inner", "t.detection.by_param", "t.detection.broken",
                                        "t.detection.own_db" };
    cr_assert_eq(lp_node_child_count(top), 4);
    for (uint32_t i = 0; i < 4; i++) cr_assert_str_eq(lp_node_name(lp_node_child(top, i)), kids[i]);
    const lp_run_node *inner = lp_node_child(top, 0);
    cr_assert_eq(lp_node_get_type(inner), LP_NODE_DETECTION_BENCHMARK);
    cr_assert_eq(lp_node_get_type(lp_node_child(inner, 0)), LP_NODE_DETECTION);
    cr_assert_str_eq(lp_node_panel_type(lp_node_child(inner, 0)), "detection");

    expect_rows(run, "t.detection.first3", "1,2,3");
    expect_rows(run, "t.detection.by_param", "1,3,4");   /* args give the param "eu", not its default */
    expect_rows(run, "t.detection.with_with", "1,2");    /* the with's lim */
    expect_rows(run, "t.detection.own_db", "elsewhere"); /* its own database before the run's */
    const lp_run_node *first3 = rf_node(run, "t.detection.first3");
    cr_assert_eq(lp_node_column_count(first3), 2);
    cr_assert_str_eq(lp_node_row(first3, 1)[1].text, "us");

    const lp_run_node *broken = rf_node(run, "t.detection.broken");
    cr_assert_eq(lp_node_get_state(broken), LP_NODE_ERROR);
    cr_assert(strstr(lp_node_error(broken), "no_such_table"), "%s", lp_node_error(broken));
    /* a benchmark fails with a child; its other branch is complete */
    cr_assert_eq(lp_node_get_state(top), LP_NODE_ERROR);
    cr_assert_eq(lp_node_get_state(inner), LP_NODE_COMPLETE);

    /* every detection and with reported once, the run's completion last */
    int complete = 0, nodes = 0;
    for (int i = 0; i < ev.n; i++) {
        if (ev.types[i] == LP_EV_RUN_COMPLETE) { complete++; cr_assert_eq(i, ev.n - 1); }
        if (ev.types[i] == LP_EV_NODE_COMPLETE) nodes++;
    }
    cr_assert_eq(complete, 1);
    cr_assert_eq(nodes, 6, "5 detections and 1 with: %d", nodes);
    cr_assert_eq(ev.types[0], LP_EV_RUN_STARTED);

    lp_buf b = { 0 };
    cr_assert_eq(lp_node_panel_json(top, &b), LP_OK);
    cr_assert(strncmp(b.data, "{\"benchmark_type\":\"detection\",\"dashboard\":\"t.benchmark.top\"", 59) == 0,
              "%s", b.data);
    cr_assert(!strstr(b.data, "display_type"), "%s", b.data);
    cr_assert(strstr(b.data, "\"error\":\"1 child failed with an error\""), "%s", b.data);
    cr_assert(strstr(b.data, "\"status\":\"error\""), "%s", b.data);
    lp_buf_free(&b);
    cr_assert_eq(lp_node_panel_json(first3, &b), LP_OK);
    cr_assert(strstr(b.data, "\"rows\":[{\"id\":1,\"region\":\"eu\"},{\"id\":2,\"region\":\"us\"},"
                             "{\"id\":3,\"region\":\"eu\"}]"), "%s", b.data);
    cr_assert(strstr(b.data, "\"severity\":\"high\""), "%s", b.data);
    cr_assert(strstr(b.data, "\"display_columns\":[\"id\",\"region\"]"), "%s", b.data);
    lp_buf_free(&b);
    cr_assert_eq(lp_run_snapshot_json(run, &b), LP_OK);
    cr_assert(strstr(b.data, "\"layout\":{\"name\":\"t.benchmark.top\",\"children\":[{\"name\":"
                             "\"t.benchmark.inner\",\"children\":[{\"name\":\"t.detection.first3\","
                             "\"panel_type\":\"detection\"},"), "%s", b.data);
    /* GetReferencedVariables has no case for a detection benchmark's run: no variables, though its
     * detections read var.region and var.lim */
    cr_assert(strstr(b.data, "\"variables\":{}"), "%s", b.data);
    const char *layout = strstr(b.data, "\"layout\":");
    cr_assert(layout && !strstr(layout, ".with.w"), "a with is not in the layout: %s", layout);
    cr_assert(strstr(b.data, "\"t.detection.with_with.with.w\":{"), "but it is a panel");
    lp_buf_free(&b);
    lp_run_free(run);
    rf_events_done(&ev);
}

Test(run_detect, a_detection_runs_alone_with_run_time_args)
{
    const char *args[] = { "region=us" };
    lp_run *run = start(LP_KIND_DETECTION, "by_param", sqlite_url, args, 1, NULL);
    const lp_run_node *d = lp_node_child(lp_run_root(run), 0);
    cr_assert_eq(lp_node_get_type(d), LP_NODE_DETECTION);
    /* --arg wins over the detection's args, as Powerpipe merges them */
    expect_rows(run, "t.detection.by_param", "2,5");
    lp_buf b = { 0 };
    cr_assert_eq(lp_run_snapshot_json(run, &b), LP_OK);
    cr_assert(strstr(b.data, "\"layout\":{\"name\":\"t.detection.by_param\",\"panel_type\":\"detection\"}"),
              "%s", b.data);
    lp_buf_free(&b);
    lp_run_free(run);
}

/* The events come in tree order: the slow first detection before the quick second one, which
 * finishes long before it on the other connection */
Test(run_detect, events_come_in_tree_order)
{
    rf_events ev;
    lp_run *run = start(LP_KIND_DETECTION_BENCHMARK, "ordered", sqlite_url, NULL, 0, &ev);
    expect_rows(run, "t.detection.slowish", "3000000");
    expect_rows(run, "t.detection.quick", "1");
    cr_assert_eq(ev.n, 4, "started, two detections, complete: %d", ev.n);
    cr_assert_eq(ev.types[1], LP_EV_NODE_COMPLETE);
    cr_assert_str_eq(lp_node_name(ev.nodes[1]), "t.detection.slowish");
    cr_assert_str_eq(lp_node_name(ev.nodes[2]), "t.detection.quick");
    lp_run_free(run);
    rf_events_done(&ev);
}

/* GetDatabaseConfigForResource: a detection without a database takes its parent benchmark's */
Test(run_detect, a_detection_runs_against_its_benchmarks_database)
{
    lp_run *run = start(LP_KIND_DETECTION_BENCHMARK, "elsewhere", sqlite_url, NULL, 0, NULL);
    expect_rows(run, "t.detection.other_rows", "elsewhere");
    lp_run_free(run);
}

Test(run_detect, what_is_not_a_detection_does_not_run_as_one)
{
    lp_run_opts o = { .database = sqlite_url };
    lp_run *run = NULL;
    lp_error err = { 0 };
    const char *mixed = "mixed", *plain = "plain", *first = "first3", *none = "nothing";
    cr_assert_eq(lp_run_start(ws, LP_KIND_DETECTION_BENCHMARK, &mixed, 1, &o, &run, &err), LP_ERR_ARG);
    cr_assert(strstr(err.message, "invalid child type control"), "%s", err.message);
    cr_assert_null(run);
    /* a control benchmark is no detection benchmark, nor a detection benchmark a detection */
    cr_assert_eq(lp_run_start(ws, LP_KIND_DETECTION_BENCHMARK, &plain, 1, &o, &run, &err), LP_ERR_NOT_FOUND);
    cr_assert_eq(lp_run_start(ws, LP_KIND_DETECTION_BENCHMARK, &first, 1, &o, &run, &err), LP_ERR_NOT_FOUND);
    cr_assert_eq(lp_run_start(ws, LP_KIND_DETECTION, &none, 1, &o, &run, &err), LP_ERR_NOT_FOUND);
    const char *two[] = { "top", "inner" };
    cr_assert_eq(lp_run_start(ws, LP_KIND_DETECTION_BENCHMARK, two, 2, &o, &run, &err), LP_ERR_ARG);
}

/* PostgreSQL: rows with typed params, and a cancelled run's detections fail as cancelled. */
Test(run_detect, postgres_rows_and_cancellation)
{
    lp_workspace *pws;
    char *pdir;
    pws = wf_open_text("benchmark \"pg\" {\n  type = \"detection\"\n"
                       "  children = [detection.series, detection.slow, detection.later]\n}\n"
                       "detection \"series\" {\n  param \"n\" {\n    default = 4\n  }\n"
                       "  sql = \"select g as n, g * g as sq from generate_series(1, $1::int) g\"\n}\n"
                       "detection \"slow\" {\n  sql = \"select pg_sleep(30) as slept\"\n}\n"
                       "detection \"later\" {\n  sql = \"select pg_sleep(30) as slept\"\n}\n",
                       &pdir);
    rf_events ev;
    rf_events_init(&ev, -1, 0);
    lp_run_opts o = { .database = ts_pg_url(), .max_parallel = 1, .on_event = rf_on_event, .user = &ev };
    const char *target = "pg";
    lp_run *run = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_run_start(pws, LP_KIND_DETECTION_BENCHMARK, &target, 1, &o, &run, &err), LP_OK, "%s",
                 err.message);
    /* one connection: series first, then slow; cancel once series is done */
    const lp_run_node *series = rf_find(lp_run_root(run), "t.detection.series");
    int reported = 0;
    for (int i = 0; i < 300 && !reported; i++) {
        pthread_mutex_lock(&ev.lock);
        for (int k = 0; k < ev.n; k++)
            reported |= ev.types[k] == LP_EV_NODE_COMPLETE && ev.nodes[k] == series;
        pthread_mutex_unlock(&ev.lock);
        if (!reported) lp_run_wait(run, 100);
    }
    cr_assert(reported, "the first detection completes");
    lp_run_cancel(run);
    cr_assert_eq(lp_run_wait(run, 20000), LP_OK, "a cancelled run ends");
    cr_assert_eq(lp_node_get_state(series), LP_NODE_COMPLETE, "%s", lp_node_error(series));
    cr_assert_eq(lp_node_row_count(series), 4);
    cr_assert_str_eq(lp_node_row(series, 3)[1].text, "16");
    cr_assert_str_eq(lp_node_column(series, 1)->type_name, "INT4");
    for (int i = 0; i < 2; i++) {
        const lp_run_node *n = rf_find(lp_run_root(run), i ? "t.detection.later" : "t.detection.slow");
        cr_assert_eq(lp_node_get_state(n), LP_NODE_ERROR, "%s", lp_node_name(n));
        cr_assert(strstr(lp_node_error(n), "cancel"), "%s: %s", lp_node_name(n), lp_node_error(n));
    }
    lp_run_free(run);
    rf_events_done(&ev);
    wf_done(&pws, &pdir);
}
