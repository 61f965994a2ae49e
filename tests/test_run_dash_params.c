/* test_run_dash_params.c — args reaching a named query through a `with`, and a graph, flow or
 * hierarchy's params reaching its nodes and edges through `base`, run on the tests' PostgreSQL
 * (src/run/args.c, src/run/dash.c).
 *
 * Facts, from Powerpipe's source: a `with` is a LeafRun like a table; ResolveQueryFromQueryProvider
 * merges the with's args and recurses into the query it names, whose params resolve them
 * (pipe-fittings ResolveArgs: named args by param name, positional ones by position, a param's
 * default for what is missing, "failed to resolve args for QUERY: p" naming the query otherwise).
 * A graph without SQL still resolves its args (RuntimeDependencySubscriberImpl.resolveSQLAndArgs)
 * and publishes each param's value (argsResolved), which a node or edge block reading `param.x`
 * takes through its parent's base (findRuntimeDependencyPublisher); a list stays a list (an []any
 * that pgx sends as an array).  Each expected row is what PostgreSQL itself returns for the SQL below
 * with those values bound. */
#include <criterion/criterion.h>
#include <string.h>

#include "lazypipe.h"
#include "support/runfix.h"
#include "support/shared.h"
#include "support/wsfix.h"

static char *dir;
static lp_workspace *ws;

static const char MOD[] =
    "query \"pair\" {\n"
    "  sql = \"select $1::text || ':' || $2::text as got\"\n"
    "  param \"left\" {}\n"
    "  param \"right\" {\n"
    "    default = \"dflt\"\n"
    "  }\n"
    "}\n"
    /* section 1: the dashboard, a with running a named query with a named-args map */
    "dashboard \"named\" {\n"
    "  input \"ctx\" {\n"
    "    sql = \"select 'c1' as label, 'c1' as value\"\n"
    "  }\n"
    "  with \"w\" {\n"
    "    query = query.pair\n"
    "    args  = { left = \"L\", right = self.input.ctx.value }\n"
    "  }\n"
    "  table \"out\" {\n"
    "    sql  = \"select $1::text as got\"\n"
    "    args = [with.w.rows[0].got]\n"
    "  }\n"
    "}\n"
    "dashboard \"partial\" {\n"
    "  with \"only_left\" {\n"
    "    query = query.pair\n"
    "    args  = { left = \"only\" }\n"
    "  }\n"
    "  with \"positional\" {\n"
    "    query = query.pair\n"
    "    args  = [\"P\"]\n"
    "  }\n"
    "  with \"no_left\" {\n"
    "    query = query.pair\n"
    "    args  = { right = \"R\" }\n"
    "  }\n"
    "  table \"out\" {\n"
    "    sql  = \"select $1::text || ',' || $2::text as got\"\n"
    "    args = [with.only_left.rows[0].got, with.positional.rows[0].got]\n"
    "  }\n"
    "}\n"
    /* section 2: reusable structures whose params reach their nodes and edges through base */
    "node \"members\" {\n"
    "  param \"keys\" {}\n"
    "  sql = \"select k as id, k as title from unnest($1::text[]) as k order by k\"\n"
    "}\n"
    "edge \"to_hub\" {\n"
    "  param \"keys\" {}\n"
    "  param \"hub\" {\n"
    "    default = \"hub\"\n"
    "  }\n"
    "  sql = \"select k as from_id, $2::text as to_id from unnest($1::text[]) as k order by k\"\n"
    "}\n"
    "graph \"reusable\" {\n"
    "  param \"keys\" {}\n"
    "  node {\n"
    "    base = node.members\n"
    "    args = [param.keys]\n"
    "  }\n"
    "}\n"
    "graph \"star\" {\n"
    "  param \"keys\" {}\n"
    "  param \"hub\" {\n"
    "    default = \"centre\"\n"
    "  }\n"
    "  node {\n"
    "    base = node.members\n"
    "    args = { keys = param.keys }\n"
    "  }\n"
    "  edge {\n"
    "    base = edge.to_hub\n"
    "    args = { keys = param.keys, hub = param.hub }\n"
    "  }\n"
    "}\n"
    "flow \"steps\" {\n"
    "  param \"keys\" {}\n"
    "  node {\n"
    "    base = node.members\n"
    "    args = [param.keys]\n"
    "  }\n"
    "}\n"
    "hierarchy \"tree\" {\n"
    "  param \"keys\" {\n"
    "    default = [\"d2\", \"d1\"]\n"
    "  }\n"
    "  node {\n"
    "    base = node.members\n"
    "    args = [param.keys]\n"
    "  }\n"
    "}\n"
    "query \"upper_keys\" {\n"
    "  param \"keys\" {}\n"
    "  sql = \"select upper(k) as k from unnest($1::text[]) as k\"\n"
    "}\n"
    "graph \"withy\" {\n"
    "  param \"keys\" {}\n"
    "  with \"up\" {\n"
    "    query = query.upper_keys\n"
    "    args  = { keys = param.keys }\n"
    "  }\n"
    "  node {\n"
    "    base = node.members\n"
    "    args = [with.up.rows[*].k]\n"
    "  }\n"
    "}\n"
    "dashboard \"withy\" {\n"
    "  graph {\n"
    "    base = graph.withy\n"
    "    args = { keys = [\"b\", \"a\"] }\n"
    "  }\n"
    "}\n"
    /* a reusable policy graph of the AWS insights mod: a jsonb document through the graph's param */
    "node \"statements\" {\n"
    "  param \"doc\" {}\n"
    "  sql = \"select concat('s:', i) as id, coalesce(t.s ->> 'Sid', concat('[', i, ']')) as title "
    "from jsonb_array_elements(($1::jsonb) -> 'Statement') with ordinality as t(s, i)\"\n"
    "}\n"
    "graph \"policy\" {\n"
    "  param \"doc\" {}\n"
    "  node {\n"
    "    base = node.statements\n"
    "    args = { doc = param.doc }\n"
    "  }\n"
    "}\n"
    "dashboard \"policy\" {\n"
    "  with \"doc\" {\n"
    "    sql = \"select '{\\\"Statement\\\": [{\\\"Sid\\\": \\\"a\\\"}, {}]}'::jsonb as d\"\n"
    "  }\n"
    "  graph {\n"
    "    base = graph.policy\n"
    "    args = { doc = with.doc.rows[0].d }\n"
    "  }\n"
    "}\n"
    "dashboard \"structure\" {\n"
    "  graph {\n"
    "    base = graph.reusable\n"
    "    args = { keys = [\"x\", \"y\", \"z\"] }\n"
    "  }\n"
    "}\n"
    "dashboard \"fed\" {\n"
    "  with \"keys\" {\n"
    "    sql = \"select k from unnest(array['q', 'p']) as k\"\n"
    "  }\n"
    "  container {\n"
    "    graph {\n"
    "      base = graph.star\n"
    "      args = { keys = with.keys.rows[*].k }\n"
    "    }\n"
    "  }\n"
    "}\n"
    /* a string that reads as a JSON list binds as the string it is; a list as a list */
    "dashboard \"kinds\" {\n"
    "  table \"as_list\" {\n"
    "    sql  = \"select array_length($1::text[], 1) as n\"\n"
    "    args = [[\"a\", \"b\"]]\n"
    "  }\n"
    "  table \"as_string\" {\n"
    "    sql  = \"select array_length($1::text[], 1) as n\"\n"
    "    args = [\"[\\\"a\\\", \\\"b\\\"]\"]\n"
    "  }\n"
    "  table \"odd\" {\n"
    "    sql  = \"select $1::text as t\"\n"
    "    args = [\"{*x\"]\n"
    "  }\n"
    "}\n"
    "dashboard \"shapes\" {\n"
    "  flow {\n"
    "    base = flow.steps\n"
    "    args = [[\"f1\", \"f2\"]]\n"
    "  }\n"
    "  hierarchy {\n"
    "    base = hierarchy.tree\n"
    "  }\n"
    "}\n";

static void setup(void)
{
    lp_driver_register(lp_driver_postgres());
    ws = wf_open_text(MOD, &dir);
}

static void teardown(void) { wf_done(&ws, &dir); }

TestSuite(run_dash_params, .init = setup, .fini = teardown, .timeout = 60);

static lp_run *run_dashboard(const char *name, const char **args, uint32_t nargs)
{
    lp_run_opts o = { .database = ts_pg_url(), .args = args, .nargs = nargs, .max_parallel = 2 };
    return rf_run(ws, LP_KIND_DASHBOARD, name, &o);
}

static const lp_run_node *complete(lp_run *run, const char *name)
{
    const lp_run_node *n = rf_node(run, name);
    cr_assert_eq(lp_node_get_state(n), LP_NODE_COMPLETE, "%s at %s: %s", name, ts_pg_url(),
                 lp_node_error(n) ? lp_node_error(n) : "not complete");
    return n;
}

/* n's rows as "a|b;c|d;" (every column of every row) */
static void expect_rows(lp_run *run, const char *name, const char *want)
{
    const lp_run_node *n = complete(run, name);
    char got[512] = "";
    size_t len = 0;
    for (uint32_t r = 0; r < lp_node_row_count(n); r++)
        for (uint32_t c = 0; c < lp_node_column_count(n); c++) {
            const lp_db_cell *cell = &lp_node_row(n, r)[c];
            int w = snprintf(got + len, sizeof got - len, "%s%s", cell->text ? cell->text : "<null>",
                             c + 1 < lp_node_column_count(n) ? "|" : ";");
            cr_assert(w > 0 && (size_t)w < sizeof got - len);
            len += (size_t)w;
        }
    cr_assert_str_eq(got, want, "%s", name);
}

/* Runs the dashboard and checks each {node, rows} of want (until a NULL node); NULL rows: complete. */
static void expect_dashboard(const char *dashboard, const char *input, const char *const *want)
{
    lp_run *run = run_dashboard(dashboard, input ? &input : NULL, input ? 1 : 0);
    for (const char *const *w = want; *w; w += 2) {
        if (w[1]) expect_rows(run, w[0], w[1]);
        else complete(run, w[0]);
    }
    lp_run_free(run);
}

Test(run_dash_params, a_with_binds_a_named_query_s_params_from_a_map)
{
    static const char *const want[] = { "t.dashboard.named.with.w", "L:c1;", "t.table.out", "L:c1;", NULL };
    expect_dashboard("t.dashboard.named", "ctx=c1", want);
}

Test(run_dash_params, params_defaults_fill_what_a_with_s_map_or_list_leaves_out)
{
    lp_run *run = run_dashboard("t.dashboard.partial", NULL, 0);
    expect_rows(run, "t.dashboard.partial.with.only_left", "only:dflt;");
    expect_rows(run, "t.dashboard.partial.with.positional", "P:dflt;");
    expect_rows(run, "t.table.out", "only:dflt,P:dflt;");
    /* a param with no value and no default: Powerpipe's message, naming the query */
    const lp_run_node *bad = rf_node(run, "t.dashboard.partial.with.no_left");
    cr_assert_eq(lp_node_get_state(bad), LP_NODE_ERROR);
    cr_assert_str_eq(lp_node_error(bad), "failed to resolve args for t.query.pair: left");
    lp_run_free(run);
}

Test(run_dash_params, a_graph_s_params_reach_its_base_s_nodes)
{
    static const char *const want[] = { "t.node.graph_reusable_anonymous_node_0", "x|x;y|y;z|z;",
                                        "t.graph.dashboard_structure_anonymous_graph_0", NULL, NULL };
    expect_dashboard("t.dashboard.structure", NULL, want);
}

/* a graph in a container whose args read the dashboard's with: its node and edge bind the list the
 * with's rows make, and the edge the default of the graph's own param */
Test(run_dash_params, a_with_feeds_a_nested_graph_s_params)
{
    static const char *const want[] = { "t.node.graph_star_anonymous_node_0", "p|p;q|q;",
                                        "t.edge.graph_star_anonymous_edge_0", "p|centre;q|centre;", NULL };
    expect_dashboard("t.dashboard.fed", NULL, want);
}

/* the base's own with runs a named query with the graph's param as a named arg; its node reads the
 * with's rows */
Test(run_dash_params, a_base_s_with_reads_the_graph_s_param)
{
    static const char *const want[] = { "t.graph.dashboard_withy_anonymous_graph_0.with.up", "B;A;",
                                        "t.node.graph_withy_anonymous_node_0", "A|A;B|B;", NULL };
    expect_dashboard("t.dashboard.withy", NULL, want);
}

/* a jsonb cell of a with, through the graph's param, to its node's ($1::jsonb) */
Test(run_dash_params, a_with_s_jsonb_document_reaches_the_base_s_node)
{
    static const char *const want[] = { "t.node.graph_policy_anonymous_node_0", "s:1|a;s:2|[2];", NULL };
    expect_dashboard("t.dashboard.policy", NULL, want);
}

Test(run_dash_params, a_flow_and_a_hierarchy_pass_their_params_too)
{
    static const char *const want[] = { "t.node.flow_steps_anonymous_node_0", "f1|f1;f2|f2;",
                                        "t.node.hierarchy_tree_anonymous_node_0", "d1|d1;d2|d2;",
                                        "t.flow.dashboard_shapes_anonymous_flow_0", NULL,
                                        "t.hierarchy.dashboard_shapes_anonymous_hierarchy_0", NULL,
                                        NULL };
    expect_dashboard("t.dashboard.shapes", NULL, want);
}

/* Powerpipe keeps a string arg as a string (pgx sends it as text) and a list as a list (an array):
 * the string '["a", "b"]' to a text[] parameter is PostgreSQL's "malformed array literal", not a
 * two-element array, and a string that starts like an object but is no JSON ("{*x") binds as text
 * and shows in the snapshot as a string (the snapshot stays JSON). */
Test(run_dash_params, a_string_that_reads_as_json_binds_as_a_string)
{
    lp_run *run = run_dashboard("t.dashboard.kinds", NULL, 0);
    expect_rows(run, "t.table.as_list", "2;");
    expect_rows(run, "t.table.odd", "{*x;");
    const lp_run_node *s = rf_node(run, "t.table.as_string");
    cr_assert_eq(lp_node_get_state(s), LP_NODE_ERROR, "a string bound as a list");
    cr_assert(strstr(lp_node_error(s), "malformed array literal"), "%s", lp_node_error(s));
    lp_buf snap = { 0 };
    cr_assert_eq(lp_run_snapshot_json(run, &snap), LP_OK);
    cr_assert(strstr(snap.data, "\"args\":[\"{*x\"]"), "the string arg in the snapshot: %s", snap.data);
    lp_buf_free(&snap);
    lp_run_free(run);
}
