/* test_run_dash.c — dashboards run as Powerpipe's execution tree (src/run/dash.c) over a real
 * SQLite file: with blocks whose rows args read, inputs given as args, params passed down to a
 * with, a graph of node and edge blocks, an error that stays in its panel, a panel blocked on an
 * input without a value, Powerpipe's parse validation, the snapshot's panels. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/runfix.h"
#include "support/wsfix.h"

static char *dir;
static lp_workspace *ws;
static char sqlite_url[600];

static const char MOD[] =
    "dashboard \"d\" {\n"
    "  title = \"D\"\n"
    "  with \"limits\" {\n"
    "    sql = \"select 3 as lim, 'x' as tag\"\n"
    "  }\n"
    "  input \"region\" {\n"
    "    type = \"text\"\n"
    "  }\n"
    "  container {\n"
    "    table \"from_with\" {\n"
    "      sql = \"select id from t where id <= $1 order by id\"\n"
    "      args = [with.limits.rows[0].lim]\n"
    "    }\n"
    "    card \"from_input\" {\n"
    "      sql = \"select count(*) as n from t where region = $1\"\n"
    "      args = [self.input.region.value]\n"
    "    }\n"
    "    chart \"broken\" {\n"
    "      sql = \"select * from no_such_table\"\n"
    "    }\n"
    "    text { value = \"hello\" }\n"
    "  }\n"
    "  chart \"passed\" {\n"
    "    base = chart.top\n"
    "    args = { p = \"7\" }\n"
    "  }\n"
    "  graph \"g\" {\n"
    "    node \"n1\" { sql = \"select 'a' as id\" }\n"
    "    edge \"e1\" { sql = \"select 'a' as from_id, 'b' as to_id\" }\n"
    "  }\n"
    "}\n"
    "chart \"top\" {\n"
    "  param \"p\" { default = \"1\" }\n"
    "  with \"w\" {\n"
    "    sql = \"select $1 * 2 as v\"\n"
    "    args = [param.p]\n"
    "  }\n"
    "  sql = \"select $1 as got\"\n"
    "}\n"
    "dashboard \"rnd\" {\n"
    "  input \"k\" {\n"
    "    type = \"text\"\n"
    "  }\n"
    "  with \"w\" {\n"
    "    sql = \"select 5 as v\"\n"
    "  }\n"
    "  card \"plain\" {\n"
    "    sql = \"select random() as r\"\n"
    "  }\n"
    "  card \"by_with\" {\n"
    "    sql = \"select random() as r, $1 as v\"\n"
    "    args = [with.w.rows[0].v]\n"
    "  }\n"
    "  card \"by_input\" {\n"
    "    sql = \"select random() as r, $1 as k\"\n"
    "    args = [self.input.k.value]\n"
    "  }\n"
    "}\n"
    "dashboard \"bad\" {\n"
    "  container {\n"
    "    chart \"nosql\" { title = \"x\" }\n"
    "  }\n"
    "}\n";

static void setup(void)
{
    ws = rf_open_sqlite(MOD,
                        "create table t(id integer, region text); insert into t values "
                        "(1,'eu'),(2,'us'),(3,'eu'),(4,'eu'),(5,'us');",
                        &dir, sqlite_url, sizeof sqlite_url);
}

static void teardown(void) { wf_done(&ws, &dir); }

TestSuite(run_dash, .init = setup, .fini = teardown, .timeout = 60);

static lp_run *start_reusing(const char *target, const char *const *args, uint32_t nargs,
                            const lp_run *const *reuse, uint32_t nreuse)
{
    lp_run_opts o = { .database = sqlite_url, .args = args, .nargs = nargs, .max_parallel = 3,
                      .reuse = reuse, .nreuse = nreuse };
    return rf_run(ws, LP_KIND_DASHBOARD, target, &o);
}

static lp_run *start(const char *target, const char *const *args, uint32_t nargs)
{
    return start_reusing(target, args, nargs, NULL, 0);
}

static const char *cell(const lp_run_node *n, uint32_t row, uint32_t col)
{
    cr_assert_lt(row, lp_node_row_count(n), "%s has %u rows", lp_node_name(n), lp_node_row_count(n));
    return lp_node_row(n, row)[col].text;
}

Test(run_dash, withs_inputs_and_params_feed_the_panels_that_read_them)
{
    const char *args[] = { "region=eu" };
    lp_run *run = start("d", args, 1);
    const lp_run_node *dash = lp_node_child(lp_run_root(run), 0);
    cr_assert_eq(lp_node_get_type(dash), LP_NODE_DASHBOARD);
    cr_assert_str_eq(lp_node_panel_type(dash), "dashboard");

    const lp_run_node *w = rf_node(run, "t.dashboard.d.with.limits");
    cr_assert_eq(lp_node_get_state(w), LP_NODE_COMPLETE, "%s", lp_node_error(w));
    const lp_run_node *tab = rf_node(run, "t.table.from_with");
    cr_assert_eq(lp_node_get_state(tab), LP_NODE_COMPLETE, "%s", lp_node_error(tab));
    cr_assert_eq(lp_node_row_count(tab), 3);   /* id <= the with's lim, 3 */
    cr_assert_str_eq(cell(tab, 2, 0), "3");

    const lp_run_node *card = rf_node(run, "t.card.from_input");
    cr_assert_eq(lp_node_get_state(card), LP_NODE_COMPLETE, "%s", lp_node_error(card));
    cr_assert_str_eq(cell(card, 0, 0), "3");   /* three rows in eu */

    /* a chart based on a top-level one: its args fill its params (got = p = 7), and its with
     * reads the param they pass (7 * 2) */
    const lp_run_node *passed = rf_node(run, "t.chart.passed");
    cr_assert_eq(lp_node_get_state(passed), LP_NODE_COMPLETE, "%s", lp_node_error(passed));
    cr_assert_str_eq(cell(passed, 0, 0), "7");
    const lp_run_node *pw = rf_node(run, "t.chart.passed.with.w");
    cr_assert_eq(lp_node_get_state(pw), LP_NODE_COMPLETE, "%s", lp_node_error(pw));
    cr_assert_str_eq(cell(pw, 0, 0), "14");

    lp_buf b = { 0 };
    cr_assert_eq(lp_node_panel_json(card, &b), LP_OK);
    cr_assert(strstr(b.data, "\"dependencies\":[\"t.dashboard.d.input.region\"]"), "%s", b.data);
    cr_assert(strstr(b.data, "\"rows\":[{\"n\":3}]"), "%s", b.data);
    lp_buf_free(&b);
    cr_assert_eq(lp_run_snapshot_json(run, &b), LP_OK);
    cr_assert(strstr(b.data, "\"inputs\":{\"input.region\":\"eu\"}"), "%s", b.data);
    cr_assert(strstr(b.data, "\"schema_version\":\"20221222\""));
    lp_buf_free(&b);
    lp_run_free(run);
}

/* lp_run_snapshot_write streamed: its pieces in order; a write refused at the first */
typedef struct pieces {
    lp_buf all;
    int calls, refuse;
} pieces;

static int take_piece(void *user, const char *data, size_t len)
{
    pieces *p = user;
    p->calls++;
    if (p->refuse) return 1;
    cr_assert_gt(len, 0);
    lp_buf_put(&p->all, data, len);
    return 0;
}

/* A rows source standing for rows the run did not keep: every leaf's rows are one row of its own
 * first cell written "r" */
static int one_row(void *user, const lp_run_node *n, lp_row_emit_fn emit, void *ctx)
{
    (void)user;
    uint32_t nc = lp_node_column_count(n);
    lp_db_cell cells[16];
    for (uint32_t i = 0; i < nc && i < 16; i++) cells[i] = (lp_db_cell){ LP_DB_TEXT, "r", 1 };
    return nc && nc <= 16 ? emit(ctx, cells, LP_RES_OK) : 0;
}

Test(run_dash, the_streamed_snapshot_is_the_documents_bytes)
{
    const char *args[] = { "region=eu" };
    lp_run *run = start("d", args, 1);
    lp_buf whole = { 0 };
    cr_assert_eq(lp_run_snapshot_json(run, &whole), LP_OK);
    pieces p = { 0 };
    lp_snapshot_opts o = { .form = LP_SNAPSHOT_SERVER, .write = take_piece, .user = &p };
    cr_assert_eq(lp_run_snapshot_write(run, &o), LP_OK);
    cr_assert_eq(p.all.len, whole.len);
    cr_assert_eq(memcmp(p.all.data, whole.data, whole.len), 0);
    lp_buf_free(&p.all);

    pieces refused = { .refuse = 1 };
    o.user = &refused;
    cr_assert_eq(lp_run_snapshot_write(run, &o), LP_ERR_IO);
    cr_assert_eq(refused.calls, 1, "written on after a refusal: %d calls", refused.calls);

    /* the rows come from the source; the columns, none given, from the nodes */
    lp_rows_source src = { .each_row = one_row };
    pieces q = { 0 };
    lp_snapshot_opts so = { .form = LP_SNAPSHOT_SERVER, .rows = &src, .write = take_piece, .user = &q };
    cr_assert_eq(lp_run_snapshot_write(run, &so), LP_OK);
    lp_buf_putc(&q.all, '\0');
    cr_assert(strstr(q.all.data, "\"columns\":[{\"data_type\":\"INTEGER\",\"name\":\"n\"}],"
                                 "\"rows\":[{\"n\":\"r\"}]"), "%s", q.all.data);
    cr_assert(!strstr(q.all.data, "\"rows\":[{\"n\":3}]"), "%s", q.all.data);
    lp_buf_free(&q.all);

    /* the CLI's form is a check run's */
    so.form = LP_SNAPSHOT_CHECK_CLI;
    cr_assert_eq(lp_run_snapshot_write(run, &so), LP_ERR_ARG);
    lp_buf_free(&whole);
    lp_run_free(run);
}

Test(run_dash, an_error_stays_in_its_panel_and_the_rest_go_on)
{
    const char *args[] = { "region=us" };
    lp_run *run = start("d", args, 1);
    const lp_run_node *broken = rf_node(run, "t.chart.broken");
    cr_assert_eq(lp_node_get_state(broken), LP_NODE_ERROR);
    cr_assert(strstr(lp_node_error(broken), "no_such_table"), "%s", lp_node_error(broken));
    cr_assert_eq(lp_node_get_state(rf_node(run, "t.table.from_with")), LP_NODE_COMPLETE);
    cr_assert_str_eq(cell(rf_node(run, "t.card.from_input"), 0, 0), "2");
    lp_buf b = { 0 };
    cr_assert_eq(lp_node_panel_json(broken, &b), LP_OK);
    cr_assert(strstr(b.data, "\"status\":\"error\""), "%s", b.data);
    cr_assert(strstr(b.data, "\"error\":"), "%s", b.data);
    lp_buf_free(&b);
    lp_run_free(run);
}

Test(run_dash, a_panel_reading_an_input_without_value_is_blocked)
{
    lp_run *run = start("d", NULL, 0);
    cr_assert_eq(lp_node_get_state(rf_node(run, "t.card.from_input")), LP_NODE_BLOCKED);
    cr_assert_eq(lp_node_get_state(rf_node(run, "t.table.from_with")), LP_NODE_COMPLETE);
    lp_run_free(run);
}

Test(run_dash, a_graph_of_nodes_and_edges_has_their_rows)
{
    lp_run *run = start("d", NULL, 0);
    const lp_run_node *g = rf_node(run, "t.graph.g");
    cr_assert_eq(lp_node_get_state(g), LP_NODE_COMPLETE, "%s", lp_node_error(g));
    lp_buf b = { 0 };
    cr_assert_eq(lp_node_panel_json(g, &b), LP_OK);
    cr_assert(strstr(b.data, "\"rows\":[{\"id\":\"a\"},{\"from_id\":\"a\",\"to_id\":\"b\"}]"), "%s", b.data);
    lp_buf_free(&b);
    lp_run_free(run);
}

Test(run_dash, a_nested_panel_without_sql_fails_the_start)
{
    const char *target = "bad";
    lp_run_opts o = { .database = sqlite_url };
    lp_run *run = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_run_start(ws, LP_KIND_DASHBOARD, &target, 1, &o, &run, &err), LP_ERR_ARG);
    cr_assert(strstr(err.message, "t.chart.nosql does not define a query or SQL"), "%s", err.message);
    cr_assert_null(run);
}

/* random() gives each statement that runs a new value: equal values mean the rows were taken from the
 * earlier run, a new value that the statement ran (a 64-bit collision aside). */
static char *rnd_of(lp_run *run, const char *name)
{
    const lp_run_node *n = rf_node(run, name);
    cr_assert_eq(lp_node_get_state(n), LP_NODE_COMPLETE, "%s: %s", name, lp_node_error(n));
    return strdup(cell(n, 0, 0));
}

Test(run_dash, a_run_takes_the_rows_of_equal_leaves_from_earlier_runs)
{
    const char *kx[] = { "k=x" }, *ky[] = { "k=y" };
    lp_run *a = start("rnd", kx, 1);
    lp_run_stats st;
    lp_run_get_stats(a, &st);
    cr_assert_eq(st.reused, 0);
    cr_assert_eq(st.queried, 4, "with, three cards: %u", st.queried);
    char *plain = rnd_of(a, "t.card.plain"), *by_with = rnd_of(a, "t.card.by_with");
    char *by_input = rnd_of(a, "t.card.by_input");

    /* same inputs, reusing a: no statement runs, every value is a's; a is freed as soon as b started */
    const lp_run *from_a[] = { a };
    const char *target = "rnd";
    lp_run_opts o = { .database = sqlite_url, .args = kx, .nargs = 1, .max_parallel = 3, .reuse = from_a,
                      .nreuse = 1 };
    lp_run *b = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_run_start(ws, LP_KIND_DASHBOARD, &target, 1, &o, &b, &err), LP_OK, "%s", err.message);
    lp_run_free(a);
    cr_assert_eq(lp_run_wait(b, 30000), LP_OK);
    lp_run_get_stats(b, &st);
    cr_assert_eq(st.queried, 0);
    cr_assert_eq(st.reused, 4);
    cr_assert_eq(st.reusable, 4);
    char *p2 = rnd_of(b, "t.card.plain"), *w2 = rnd_of(b, "t.card.by_with"),
         *i2 = rnd_of(b, "t.card.by_input");
    cr_assert_str_eq(p2, plain);
    cr_assert_str_eq(w2, by_with);
    cr_assert_str_eq(i2, by_input);
    cr_assert(lp_node_reused(rf_node(b, "t.card.plain")));
    cr_assert_str_eq(lp_node_column(rf_node(b, "t.card.by_with"), 1)->name, "v");

    /* another input value: only the card reading it runs again */
    const lp_run *from_b[] = { b };
    lp_run *c = start_reusing("rnd", ky, 1, from_b, 1);
    lp_run_get_stats(c, &st);
    cr_assert_eq(st.queried, 1);
    cr_assert_eq(st.reused, 3);
    char *p3 = rnd_of(c, "t.card.plain"), *i3 = rnd_of(c, "t.card.by_input");
    cr_assert_str_eq(p3, plain);
    cr_assert_str_neq(i3, by_input);
    cr_assert_not(lp_node_reused(rf_node(c, "t.card.by_input")));
    cr_assert_str_eq(cell(rf_node(c, "t.card.by_input"), 0, 1), "y");

    /* without reuse every statement runs */
    lp_run *d = start("rnd", kx, 1);
    lp_run_get_stats(d, &st);
    cr_assert_eq(st.queried, 4);
    char *p4 = rnd_of(d, "t.card.plain");
    cr_assert_str_neq(p4, plain);

    /* another database is another key: nothing is taken */
    char other[700], cmd[1500];
    snprintf(other, sizeof other, "%s2", sqlite_url);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", sqlite_url + strlen("sqlite://"), other + strlen("sqlite://"));
    cr_assert_eq(system(cmd), 0);
    lp_run_opts o2 = { .database = other, .args = kx, .nargs = 1, .reuse = from_b, .nreuse = 1 };
    lp_run *e = NULL;
    cr_assert_eq(lp_run_start(ws, LP_KIND_DASHBOARD, &target, 1, &o2, &e, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_run_wait(e, 30000), LP_OK);
    lp_run_get_stats(e, &st);
    cr_assert_eq(st.reused, 0, "%u", st.reused);
    cr_assert_eq(st.queried, 4, "%u %s", st.queried, lp_node_error(rf_node(e, "t.card.plain")));
    lp_run_free(e);

    free(plain), free(by_with), free(by_input), free(p2), free(w2), free(i2), free(p3), free(i3), free(p4);
    lp_run_free(b);
    lp_run_free(c);
    lp_run_free(d);
}
