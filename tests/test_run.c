/* test_run.c — the run engine (src/run) over a real SQLite file and the real PostgreSQL that
 * `make check` starts (LP_PG_URL, default Steampipe's address): queries with Powerpipe's
 * argument rules, controls and their statuses, benchmarks, tag filters, errors that stay in
 * their node, parallel runs with events in tree order, cancellation, out of memory. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lazypipe_test.h"
#include "support/runfix.h"
#include "support/wsfix.h"
#include "support/shared.h"

static char *dir;
static lp_workspace *ws;
static char sqlite_url[600];

static const char MOD[] =
    "query \"defaults\" {\n"
    "  sql = \"select $1 || ' ' || $2 || ' ' || $3 as reason\"\n"
    "  param \"p1\" { default = \"d1\" }\n"
    "  param \"p2\" { default = \"d2\" }\n"
    "  param \"p3\" { default = \"d3\" }\n"
    "}\n"
    "query \"nodefaults\" {\n"
    "  sql = \"select $1 || $2 as reason\"\n"
    "  param \"p1\" {}\n"
    "  param \"p2\" {}\n"
    "}\n"
    "query \"rows\" {\n"
    "  sql = \"select id, status, 'r' || id as resource, 'why ' || id as reason, region from t order by "
    "id\"\n"
    "}\n"
    "control \"named\" {\n"
    "  query = query.defaults\n"
    "  args = { p2 = \"c2\" }\n"
    "}\n"
    "control \"positional\" {\n"
    "  query = query.defaults\n"
    "  args = [\"c1\"]\n"
    "}\n"
    "control \"mixed\" {\n"
    "  title = \"Mixed\"\n"
    "  severity = \"high\"\n"
    "  query = query.rows\n"
    "  tags = { area = \"a\" }\n"
    "}\n"
    "control \"broken_sql\" {\n"
    "  sql = \"select * from no_such_table\"\n"
    "  tags = { area = \"b\" }\n"
    "}\n"
    "control \"no_status\" {\n"
    "  sql = \"select 'x' as reason, 'y' as resource\"\n"
    "}\n"
    "control \"bad_status\" {\n"
    "  sql = \"select 'x' as reason, 'y' as resource, 'maybe' as status\"\n"
    "}\n"
    "control \"slow\" {\n"
    "  sql = \"with recursive c(x) as (select 1 union all select x + 1 from c) "
    "select 'ok' as status, 'r' as resource, 'x' as reason from c where x < 0\"\n"
    "}\n"
    "benchmark \"all_of_them\" {\n"
    "  children = [control.mixed, control.broken_sql, benchmark.inner, control.no_status]\n"
    "}\n"
    "benchmark \"inner\" {\n"
    "  children = [control.mixed, control.bad_status]\n"
    "}\n";

/* t of test_run's rows */
#define T_ROWS                                                                                               \
    "create table t(id integer, status text, region text); insert into t values "                            \
    "(1,'ok','eu'),(2,'alarm','us'),(3,'error',null),(4,'skip','eu'),(5,'info','us'),(6,'ok','us'),"         \
    "(7,'alarm','eu');"

static void setup(void)
{
    lp_driver_register(lp_driver_postgres());
    ws = rf_open_sqlite(MOD, T_ROWS, &dir, sqlite_url, sizeof sqlite_url);
}

static void teardown(void) { wf_done(&ws, &dir); }

TestSuite(run, .init = setup, .fini = teardown, .timeout = 60);

static lp_run *start(lp_kind kind, const char *target, lp_run_opts *o)
{
    lp_run_opts def = { 0 };
    if (!o) o = &def;
    if (!o->database) o->database = sqlite_url;
    return rf_run(ws, kind, target, o);
}

static const lp_run_node *first(lp_run *run) { return lp_node_child(lp_run_root(run), 0); }

static const char *cell(const lp_run_node *n, uint32_t row, const char *col)
{
    int c = lp_node_column_index(n, col);
    cr_assert(c >= 0, "no column %s", col);
    const lp_db_cell *r = lp_node_row(n, row);
    cr_assert(r);
    return r[c].text;
}

/* Query target run with args (nargs of them) completes, its first row's reason being want. */
static void expect_reason(const char *target, const char *const *args, uint32_t nargs, const char *want)
{
    lp_run_opts o = { .args = args, .nargs = nargs };
    lp_run *run = start(LP_KIND_QUERY, target, &o);
    cr_assert_eq(lp_node_get_state(first(run)), LP_NODE_COMPLETE, "%s", lp_node_error(first(run)));
    cr_assert_str_eq(cell(first(run), 0, "reason"), want, "%s", target);
    lp_run_free(run);
}

Test(run, query_params_take_defaults_args_and_runtime_args)
{
    expect_reason("defaults", NULL, 0, "d1 d2 d3");
    const char *args[] = { "p2=cli2", "p1=cli1" };
    expect_reason("defaults", args, 2, "cli1 cli2 d3");
    /* named args of a control, then the command line's over them */
    expect_reason("named", NULL, 0, "d1 c2 d3");
    const char *over[] = { "p2=cli2" };
    expect_reason("named", over, 1, "d1 cli2 d3");
    expect_reason("positional", NULL, 0, "c1 d2 d3");
}

Test(run, missing_params_fail_the_node_with_powerpipes_message)
{
    lp_run *run = start(LP_KIND_QUERY, "nodefaults", NULL);
    cr_assert_eq(lp_node_get_state(first(run)), LP_NODE_ERROR);
    cr_assert(strstr(lp_node_error(first(run)), "failed to resolve args for"), "%s",
              lp_node_error(first(run)));
    cr_assert(strstr(lp_node_error(first(run)), "p1,p2"), "%s", lp_node_error(first(run)));
    lp_run_free(run);
}

Test(run, control_rows_in_powerpipes_status_order_with_summary)
{
    lp_run *run = start(LP_KIND_CONTROL, "mixed", NULL);
    const lp_run_node *n = first(run);
    cr_assert_eq(lp_node_get_type(n), LP_NODE_CONTROL);
    cr_assert_eq(lp_node_get_state(n), LP_NODE_COMPLETE, "%s", lp_node_error(n));
    cr_assert_str_eq(lp_node_str(n, "title"), "Mixed");
    cr_assert_str_eq(lp_node_str(n, "severity"), "high");
    uint32_t c[LP_RES__COUNT];
    lp_node_summary(n, c);
    cr_assert_eq(c[LP_RES_OK], 2);
    cr_assert_eq(c[LP_RES_ALARM], 2);
    cr_assert_eq(c[LP_RES_ERROR], 1);
    cr_assert_eq(c[LP_RES_SKIP], 1);
    cr_assert_eq(c[LP_RES_INFO], 1);
    /* error, alarm, info, ok, skip; by id within a status (the query's order) */
    static const char *const ids[] = { "3", "2", "7", "5", "1", "6", "4" };
    cr_assert_eq(lp_node_row_count(n), 7);
    for (uint32_t r = 0; r < 7; r++) cr_assert_str_eq(cell(n, r, "id"), ids[r], "row %u", r);
    cr_assert_eq(lp_node_row_status(n, 0), LP_RES_ERROR);
    cr_assert_eq(lp_node_row_status(n, 6), LP_RES_SKIP);
    /* a NULL dimension stays NULL */
    cr_assert_eq(lp_node_row(n, 0)[lp_node_column_index(n, "region")].type, LP_DB_NULL);
    lp_run_free(run);
}

Test(run, a_benchmark_runs_on_when_controls_fail)
{
    lp_run *run = start(LP_KIND_BENCHMARK, "all_of_them", NULL);
    const lp_run_node *b = first(run);
    cr_assert_eq(lp_node_get_type(b), LP_NODE_BENCHMARK);
    cr_assert_eq(lp_node_child_count(b), 4);
    const lp_run_node *broken = lp_node_child(b, 1);
    cr_assert_eq(lp_node_get_state(broken), LP_NODE_ERROR);
    cr_assert(strstr(lp_node_error(broken), "no_such_table"), "%s", lp_node_error(broken));
    const lp_run_node *inner = lp_node_child(b, 2);
    cr_assert_eq(lp_node_child_count(inner), 2);
    cr_assert_eq(lp_node_get_state(lp_node_child(inner, 0)), LP_NODE_COMPLETE);
    cr_assert(strstr(lp_node_error(lp_node_child(inner, 1)), "invalid control status 'maybe'"));
    cr_assert(strstr(lp_node_error(lp_node_child(b, 3)), "missing required column: [status]"),
              "%s", lp_node_error(lp_node_child(b, 3)));
    uint32_t c[LP_RES__COUNT];
    lp_node_summary(b, c);
    /* mixed twice (2 ok, 2 alarm, 1 error, 1 skip, 1 info each) and three errored controls */
    cr_assert_eq(c[LP_RES_OK], 4);
    cr_assert_eq(c[LP_RES_ERROR], 2 + 3);
    lp_run_free(run);
}

/* all_of_them filtered to its control mixed, and inner with its mixed */
static void expect_mixed_and_inner(const lp_run_node *b)
{
    cr_assert_eq(lp_node_child_count(b), 2);
    cr_assert_str_eq(lp_node_name(lp_node_child(b, 0)), "t.control.mixed");
    cr_assert_eq(lp_node_child_count(lp_node_child(b, 1)), 1);
}

Test(run, tag_filters_keep_matching_controls_and_drop_empty_groups)
{
    const char *tags[] = { "area=a" };
    lp_run_opts o = { .tags = tags, .ntags = 1 };
    lp_run *run = start(LP_KIND_BENCHMARK, "all_of_them", &o);
    expect_mixed_and_inner(first(run));
    lp_run_free(run);

    const char *not_a[] = { "area!=a" };
    lp_run_opts o2 = { .tags = not_a, .ntags = 1 };
    run = start(LP_KIND_BENCHMARK, "all_of_them", &o2);
    const lp_run_node *b = first(run);
    /* broken_sql (area=b), inner's bad_status and no_status (no area tag) */
    cr_assert_eq(lp_node_child_count(b), 3);
    lp_run_free(run);
}

/* --where through the library: the show data of an indexed control (severity needs the control
 * loaded), a control run's loaded control, and a bad clause failing lp_run_start. */
Test(run, where_selects_by_show_data_and_drops_empty_groups)
{
    lp_run_opts o = { .where = "severity = 'high'", .dry_run = 1 };
    lp_run *run = start(LP_KIND_BENCHMARK, "all_of_them", &o);
    expect_mixed_and_inner(first(run));
    lp_run_free(run);

    lp_run_opts o2 = { .where = "query = '<nil>'", .dry_run = 1 };   /* a nil *Query prints <nil> */
    run = start(LP_KIND_BENCHMARK, "all_of_them", &o2);
    const lp_run_node *b = first(run);
    /* broken_sql, inner's bad_status, no_status */
    cr_assert_eq(lp_node_child_count(b), 3);
    cr_assert_str_eq(lp_node_name(lp_node_child(b, 0)), "t.control.broken_sql");
    lp_run_free(run);

    lp_run_opts o3 = { .where = "tags = 'map[area:a]'", .dry_run = 1 };
    run = start(LP_KIND_CONTROL, "mixed", &o3);
    cr_assert_eq(lp_node_child_count(lp_run_root(run)), 1);
    lp_run_free(run);
    lp_run_opts o4 = { .where = "name = 'named'", .dry_run = 1 };
    run = start(LP_KIND_CONTROL, "mixed", &o4);
    cr_assert_eq(lp_node_child_count(lp_run_root(run)), 0);
    lp_run_free(run);

    lp_run_opts bad = { .where = "name = 'a' or name = 'b'", .database = sqlite_url };
    lp_error err = { 0 };
    const char *target = "all_of_them";
    cr_assert_eq(lp_run_start(ws, LP_KIND_BENCHMARK, &target, 1, &bad, &run, &err), LP_ERR_ARG);
    cr_assert_str_eq(err.message, "failed to convert 'where' arg to qual");
    cr_assert_eq(lp_where_check("name = 'a' or name = 'b'", &err), LP_ERR_ARG);
    cr_assert_eq(lp_where_check("", &err), LP_OK);
}

typedef struct seen {
    const lp_run_node *order[64];
    int n, complete;
} seen;

static void on_event(void *user, const lp_run_event *ev)
{
    seen *s = user;
    if (ev->type == LP_EV_NODE_COMPLETE && s->n < 64) s->order[s->n++] = ev->node;
    if (ev->type == LP_EV_RUN_COMPLETE) s->complete++;
}

static void collect_leaves(const lp_run_node *n, const lp_run_node **out, int *k)
{
    if (lp_node_get_type(n) == LP_NODE_CONTROL) { out[(*k)++] = n; return; }
    for (uint32_t i = 0; i < lp_node_child_count(n); i++) collect_leaves(lp_node_child(n, i), out, k);
}

Test(run, events_come_in_tree_order_whatever_the_parallelism)
{
    for (uint32_t par = 1; par <= 8; par *= 2) {
        seen s = { 0 };
        lp_run_opts o = { .max_parallel = par, .on_event = on_event, .user = &s, .discard_rows = 1 };
        lp_run *run = start(LP_KIND_BENCHMARK, "all_of_them", &o);
        const lp_run_node *want[64];
        int k = 0;
        collect_leaves(lp_run_root(run), want, &k);
        cr_assert_eq(s.n, k);
        cr_assert_eq(s.complete, 1);
        for (int i = 0; i < k; i++) cr_assert_eq(s.order[i], want[i], "event %d at parallelism %u", i, par);
        /* discarded rows, kept summary */
        cr_assert_eq(lp_node_row_count(want[0]), 0);
        uint32_t c[LP_RES__COUNT];
        lp_node_summary(want[0], c);
        cr_assert_eq(c[LP_RES_OK], 2);
        lp_run_free(run);
    }
}

static void cancel_on_start(void *user, const lp_run_event *ev)
{
    (void)user;
    (void)ev;
}

Test(run, cancel_stops_a_running_statement)
{
    lp_run_opts o = { .database = sqlite_url, .on_event = cancel_on_start };
    const char *t = "slow";
    lp_run *run = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_run_start(ws, LP_KIND_CONTROL, &t, 1, &o, &run, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_run_wait(run, 300), LP_ERR_TIMEOUT);     /* it runs for ever */
    lp_run_cancel(run);
    cr_assert_eq(lp_run_wait(run, 5000), LP_OK);
    cr_assert_eq(lp_node_get_state(first(run)), LP_NODE_ERROR);
    lp_run_free(run);
}

Test(run, query_timeout_errs_the_node)
{
    lp_run_opts o = { .query_timeout_ms = 200 };
    lp_run *run = start(LP_KIND_CONTROL, "slow", &o);
    cr_assert_eq(lp_node_get_state(first(run)), LP_NODE_ERROR);
    lp_run_free(run);
}

Test(run, unknown_targets_and_databases_fail_the_start)
{
    lp_run *run = NULL;
    lp_error err = { 0 };
    const char *t = "nope";
    lp_run_opts o = { .database = sqlite_url };
    cr_assert_eq(lp_run_start(ws, LP_KIND_CONTROL, &t, 1, &o, &run, &err), LP_ERR_NOT_FOUND);
    cr_assert(strstr(err.message, "nope"));
    t = "mixed";
    lp_run_opts d = { .database = "sqlserver://u@h/db" };
    cr_assert_eq(lp_run_start(ws, LP_KIND_CONTROL, &t, 1, &d, &run, &err), LP_ERR_ARG);
    cr_assert(strstr(err.message, "sqlserver"), "%s", err.message);
    cr_assert_null(run);
}

Test(run, an_unreachable_database_errs_each_node_and_nothing_hangs)
{
    lp_run_opts o = { .database = "postgres://nobody@127.0.0.1:1/none?connect_timeout=2" };
    lp_run *run = start(LP_KIND_BENCHMARK, "all_of_them", &o);
    const lp_run_node *leaves[64];
    int k = 0;
    collect_leaves(lp_run_root(run), leaves, &k);
    for (int i = 0; i < k; i++) cr_assert_eq(lp_node_get_state(leaves[i]), LP_NODE_ERROR);
    lp_run_free(run);
}

Test(run, postgres_infers_parameter_types_as_powerpipe_binds_them)
{
    lp_run_opts o = { .database = ts_pg_url() };
    lp_run *run = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_run_sql(ws, "select 1 as one", &o, &run, &err), LP_OK, "%s", err.message);
    lp_run_wait(run, 30000);
    cr_assert_eq(lp_node_get_state(first(run)), LP_NODE_COMPLETE, "PostgreSQL at %s: %s", ts_pg_url(),
                 lp_node_error(first(run)));
    lp_run_free(run);
    run = start(LP_KIND_QUERY, "defaults", &o);
    cr_assert_str_eq(cell(first(run), 0, "reason"), "d1 d2 d3");
    lp_run_free(run);
}

Test(run, out_of_memory_anywhere_in_a_run_is_an_error_never_a_crash)
{
    for (uint64_t nth = 0; nth < 400; nth++) {
        lp_run_opts o = { .database = sqlite_url, .max_parallel = 1 };
        const char *t = "all_of_them";
        lp_run *run = NULL;
        lp_error err = { 0 };
        lp_alloc_fail_nth(nth);
        int rc = lp_run_start(ws, LP_KIND_BENCHMARK, &t, 1, &o, &run, &err);
        if (rc == LP_OK) lp_run_wait(run, -1);
        lp_alloc_fail_nth(UINT64_MAX);
        if (rc == LP_OK) lp_run_free(run);
        else cr_assert(rc == LP_ERR_NOMEM || rc == LP_ERR_IO || rc == LP_ERR_EVAL, "nth %llu: %d %s",
                       (unsigned long long)nth, rc, err.message);
    }
}

/* A benchmark of many controls in one file: what its run adds to the heap at its peak, and what the
 * run and its execution_started keep once lp_run_free'd, stay bounded.  Loading a control reads its block's
 * lines: each load work used to keep a copy of the whole file (2 MiB for this one), read whole again for
 * every control; execution_started loads the benchmark's tree for itself alone.  Measured (the san build's
 * counted heap, 1,000 controls, a 1.2 MB file, 4 workers): peak +5.3 MB, 1.4 MB kept; with whole-file
 * reads +10.1 MB, 9.1 MB kept by the run alone; with the benchmark cached by execution_started 6.0 MB
 * kept (BENCHMARKS.md). */
Test(run, a_benchmark_run_of_a_thousand_controls_in_one_file_stays_within_its_bound)
{
    enum { N = 1000 };
    char desc[1025];
    memset(desc, 'd', sizeof desc - 1);   /* a large file, as a real mod's long documentation makes */
    desc[sizeof desc - 1] = 0;
    size_t cap = (size_t)N * (sizeof desc + 256) + 64, k = 0;
    char *text = malloc(cap);
    cr_assert(text);
    k += (size_t)snprintf(text + k, cap - k, "benchmark \"many\" {\n  children = [\n");
    for (int i = 0; i < N; i++) k += (size_t)snprintf(text + k, cap - k, "    control.c%d,\n", i);
    k += (size_t)snprintf(text + k, cap - k, "  ]\n}\n");
    for (int i = 0; i < N; i++)
        k += (size_t)snprintf(
            text + k, cap - k,
            "control \"c%d\" {\n  description = \"%s\"\n  sql = \"select case when id %% 2 = 0 "
            "then 'ok' else 'alarm' end as status, 'r' || id as resource, 'x' as reason "
            "from t where id <= 3\"\n}\n",
            i, desc);
    cr_assert_lt(k, cap);
    char *many_dir = NULL, url[600];
    lp_workspace *many = rf_open_sqlite(text, T_ROWS, &many_dir, url, sizeof url);
    free(text);
    /* an hour old: loads read a file modified within INP_RACY_NS of their read whole, every time */
    char path[700];
    snprintf(path, sizeof path, "%s/a.pp", many_dir);
    struct timespec old[2] = { { time(NULL) - 3600, 0 }, { time(NULL) - 3600, 0 } };
    cr_assert_eq(utimensat(AT_FDCWD, path, old, 0), 0);
    lp_run_opts o = { .database = url, .max_parallel = 4 };
    lp_alloc_stats before, during, after;
    lp_alloc_stats_get(&before);
    lp_alloc_stats_reset_peak();
    lp_run *run = rf_run(many, LP_KIND_BENCHMARK, "many", &o);
    lp_alloc_stats_get(&during);
    const lp_run_node *b = lp_node_child(lp_run_root(run), 0);
    cr_assert_eq(lp_node_child_count(b), N);
    for (uint32_t i = 0; i < N; i++)
        cr_assert_eq(lp_node_get_state(lp_node_child(b, i)), LP_NODE_COMPLETE, "%s",
                     lp_node_error(lp_node_child(b, i)));
    /* execution_started loads the benchmark's tree for itself alone: the load cache keeps none of it */
    lp_buf started = { 0 };
    lp_error err = { 0 };
    cr_assert_eq(lp_run_started_json(run, "e", "2026-01-01T00:00:00Z", &started, &err), LP_OK, "%s",
                 err.message);
    cr_assert(started.len > (size_t)N * 100);
    lp_buf_free(&started);
    lp_run_free(run);
    lp_alloc_stats_get(&after);
    uint64_t peak = during.peak - before.live, kept = after.live - before.live;
    cr_expect_lt(peak, 7u << 20, "heap peak +%llu bytes", (unsigned long long)peak);
    cr_expect_lt(kept, 2u << 20, "kept %llu bytes", (unsigned long long)kept);
    wf_done(&many, &many_dir);
}
