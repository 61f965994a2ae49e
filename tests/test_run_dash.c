/* test_run_dash.c — dashboards run as Powerpipe's execution tree (src/run/dash.c) over a real
 * SQLite file: with blocks whose rows args read, inputs given as args, params passed down to a
 * with, a graph of node and edge blocks, an error that stays in its panel, a panel blocked on an
 * input without a value, Powerpipe's parse validation, the snapshot's panels. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
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
    "dashboard \"bad\" {\n"
    "  container {\n"
    "    chart \"nosql\" { title = \"x\" }\n"
    "  }\n"
    "}\n";

static void setup(void)
{
    lp_driver_register(lp_driver_sqlite());
    ws = wf_open_text(MOD, &dir);
    char db[512], cmd[1024];
    snprintf(db, sizeof db, "%s/t.db", dir);
    snprintf(cmd, sizeof cmd,
             "sqlite3 '%s' \"create table t(id integer, region text); insert into t values "
             "(1,'eu'),(2,'us'),(3,'eu'),(4,'eu'),(5,'us');\"",
             db);
    cr_assert_eq(system(cmd), 0, "sqlite3 must be installed");
    snprintf(sqlite_url, sizeof sqlite_url, "sqlite://%s", db);
}

static void teardown(void) { wf_done(&ws, &dir); }

TestSuite(run_dash, .init = setup, .fini = teardown, .timeout = 60);

static lp_run *start(const char *target, const char *const *args, uint32_t nargs)
{
    lp_run_opts o = { .database = sqlite_url, .args = args, .nargs = nargs, .max_parallel = 3 };
    lp_run *run = NULL;
    lp_error err = { 0 };
    int rc = lp_run_start(ws, LP_KIND_DASHBOARD, &target, 1, &o, &run, &err);
    cr_assert_eq(rc, LP_OK, "%s: %s", target, err.message);
    cr_assert_eq(lp_run_wait(run, 30000), LP_OK);
    return run;
}

/* The node named name anywhere below n. */
static const lp_run_node *find(const lp_run_node *n, const char *name)
{
    if (strcmp(lp_node_name(n), name) == 0) return n;
    for (uint32_t i = 0; i < lp_node_child_count(n); i++) {
        const lp_run_node *f = find(lp_node_child(n, i), name);
        if (f) return f;
    }
    return NULL;
}

static const lp_run_node *must(lp_run *run, const char *name)
{
    const lp_run_node *n = find(lp_run_root(run), name);
    cr_assert(n, "no node %s", name);
    return n;
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

    const lp_run_node *w = must(run, "t.dashboard.d.with.limits");
    cr_assert_eq(lp_node_get_state(w), LP_NODE_COMPLETE, "%s", lp_node_error(w));
    const lp_run_node *tab = must(run, "t.table.from_with");
    cr_assert_eq(lp_node_get_state(tab), LP_NODE_COMPLETE, "%s", lp_node_error(tab));
    cr_assert_eq(lp_node_row_count(tab), 3);   /* id <= the with's lim, 3 */
    cr_assert_str_eq(cell(tab, 2, 0), "3");

    const lp_run_node *card = must(run, "t.card.from_input");
    cr_assert_eq(lp_node_get_state(card), LP_NODE_COMPLETE, "%s", lp_node_error(card));
    cr_assert_str_eq(cell(card, 0, 0), "3");   /* three rows in eu */

    /* a chart based on a top-level one: its args fill its params (got = p = 7), and its with
     * reads the param they pass (7 * 2) */
    const lp_run_node *passed = must(run, "t.chart.passed");
    cr_assert_eq(lp_node_get_state(passed), LP_NODE_COMPLETE, "%s", lp_node_error(passed));
    cr_assert_str_eq(cell(passed, 0, 0), "7");
    const lp_run_node *pw = must(run, "t.chart.passed.with.w");
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

Test(run_dash, an_error_stays_in_its_panel_and_the_rest_go_on)
{
    const char *args[] = { "region=us" };
    lp_run *run = start("d", args, 1);
    const lp_run_node *broken = must(run, "t.chart.broken");
    cr_assert_eq(lp_node_get_state(broken), LP_NODE_ERROR);
    cr_assert(strstr(lp_node_error(broken), "no_such_table"), "%s", lp_node_error(broken));
    cr_assert_eq(lp_node_get_state(must(run, "t.table.from_with")), LP_NODE_COMPLETE);
    cr_assert_str_eq(cell(must(run, "t.card.from_input"), 0, 0), "2");
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
    cr_assert_eq(lp_node_get_state(must(run, "t.card.from_input")), LP_NODE_BLOCKED);
    cr_assert_eq(lp_node_get_state(must(run, "t.table.from_with")), LP_NODE_COMPLETE);
    lp_run_free(run);
}

Test(run_dash, a_graph_of_nodes_and_edges_has_their_rows)
{
    lp_run *run = start("d", NULL, 0);
    const lp_run_node *g = must(run, "t.graph.g");
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
