/* test_show_json.c — the shapes of `show --output json` (lp_resource_json)
 * for the blocks that are no resource of their own, against facts derived
 * apart from the writer: hand-written blocks whose expected JSON comes from
 * reading Powerpipe's Go structs (each expectation names its struct and
 * tag), and, over every dashboard of the corpora, the block labels and
 * counts hashicorp/hcl's parse of the same files gives (the oracle). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/jsontree.h"
#include "support/oracle.h"
#include "support/shared.h"

static lp_workspace *open_ws(const char *dir)
{
    lp_workspace_opts o = { 0 };
    o.no_background = 1;
    lp_workspace *ws = NULL;
    lp_error err;
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "lp_open(%s): %s", dir, err.message);
    return ws;
}

/* The show document of name, parsed. */
static jt *show_doc(lp_workspace *ws, const char *name)
{
    lp_resource *r;
    lp_error err;
    cr_assert_eq(lp_load(ws, name, &r, &err), LP_OK, "%s: %s", name, err.message);
    lp_buf b = { 0 };
    cr_assert_eq(lp_resource_json(r, &b), LP_OK);
    char why[200];
    jt *doc = jt_parse(b.data, b.len, why, sizeof why);
    cr_assert(doc && doc->kind == JT_OBJ, "%s: %s", name, why);
    lp_buf_free(&b);
    lp_resource_release(r);
    return doc;
}

/* doc[key] equals the JSON text want (objects compared unordered). */
/* doc's key, asserted to be an array of n items. */
static const jt *array_of(const jt *doc, const char *key, size_t n)
{
    const jt *a = jt_get(doc, key);
    cr_assert(a && a->kind == JT_ARR && a->n == n, "%s: not an array of %zu", key, n);
    return a;
}

static void expect_key(const jt *doc, const char *key, const char *want)
{
    char why[300];
    jt *w = jt_parse(want, strlen(want), why, sizeof why);
    cr_assert(w, "bad expectation %s: %s", want, why);
    const jt *got = jt_get(doc, key);
    char *dump = got ? jt_dump(got) : NULL;
    cr_expect(got && jt_equal(got, w, why, sizeof why), "%s: got %s, want %s (%s)", key,
              dump ? dump : "nothing", want, why);
    free(dump);
    jt_free(w);
}

static char tmpdir[256];

static void write_file(const char *name, const char *text)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", tmpdir, name);
    FILE *f = fopen(p, "w");
    cr_assert(f);
    fputs(text, f);
    fclose(f);
}

static const char FIXTURE[] =
    "dashboard \"d\" {\n"
    "  input \"region\" {\n"
    "    title = \"Region\"\n"
    "    option \"eu\" {\n"
    "      label = \"Europe\"\n"
    "    }\n"
    "    option \"us\" {\n"
    "    }\n"
    "  }\n"
    "  with \"w\" {\n"
    "    sql = \"select 0\"\n"
    "  }\n"
    "  chart \"c\" {\n"
    "    sql   = \"select 1\"\n"
    "    width = \"6\"\n"
    "    legend {\n"
    "      position = \"bottom\"\n"
    "    }\n"
    "    axes {\n"
    "      x {\n"
    "        title {\n"
    "          value = \"X\"\n"
    "        }\n"
    "        min = 0\n"
    "      }\n"
    "      y {\n"
    "        labels {\n"
    "          display = \"always\"\n"
    "        }\n"
    "        max = 100\n"
    "      }\n"
    "    }\n"
    "    series \"b\" {\n"
    "      title = \"B\"\n"
    "      point \"p1\" {\n"
    "        color = \"red\"\n"
    "      }\n"
    "    }\n"
    "    series \"a\" {\n"
    "      color = 7\n"
    "    }\n"
    "  }\n"
    "  chart \"plain\" {\n"
    "    sql   = \"select 2\"\n"
    "    width = \"007\"\n"
    "  }\n"
    "  table \"t\" {\n"
    "    sql = \"select 1\"\n"
    "    column \"x\" {\n"
    "      display = \"none\"\n"
    "    }\n"
    "    column \"y\" {\n"
    "      wrap = \"all\"\n"
    "      href = \"/h\"\n"
    "    }\n"
    "  }\n"
    "  graph \"g\" {\n"
    "    title = \"G\"\n"
    "    node \"n1\" {\n"
    "      sql = \"select 1\"\n"
    "    }\n"
    "    node {\n"
    "      sql      = \"select 2\"\n"
    "      category = category.tc\n"
    "    }\n"
    "    edge \"e1\" {\n"
    "      sql = \"select 3\"\n"
    "    }\n"
    "    category \"cat\" {\n"
    "      color = \"blue\"\n"
    "      depth = \"2\"\n"
    "      fold {\n"
    "        threshold = 3\n"
    "      }\n"
    "      property \"p\" {\n"
    "        display = \"none\"\n"
    "      }\n"
    "    }\n"
    "  }\n"
    "  graph \"bare\" {\n"
    "    sql = \"select 4\"\n"
    "  }\n"
    "}\n"
    "dashboard \"d2\" {\n"
    "  container \"box\" {\n"
    "    input \"ci\" {\n"
    "      type = \"text\"\n"
    "    }\n"
    "  }\n"
    "  input \"di\" {\n"
    "    type = \"text\"\n"
    "  }\n"
    "}\n";

/* A fresh directory made from template (mkdtemp) into tmpdir, with mod "t" and d.pp = FIXTURE. */
static void fixture_in(const char *template)
{
    snprintf(tmpdir, sizeof tmpdir, "%s", template);
    cr_assert(mkdtemp(tmpdir));
    write_file("mod.pp", "mod \"t\" {\n  title = \"T\"\n}\n");
    write_file("d.pp", FIXTURE);
}

Test(show_json, typed_blocks_take_the_go_structs_shapes)
{
    fixture_in("/tmp/lp_show_json_XXXXXX");
    write_file("g.pp", "graph \"gb\" {\n  node \"bn\" {\n    sql = \"select 5\"\n  }\n"
                       "  node {\n    sql = \"select 6\"\n  }\n}\n\n"
                       "dashboard \"d3\" {\n  graph \"inh\" {\n    base = graph.gb\n  }\n"
                       "  graph \"viab\" {\n    node {\n      base = node.tn\n    }\n"
                       "    node \"lst\" {\n      sql  = \"select 8\"\n"
                       "      args = [\"x\", self.input.i.value]\n    }\n"
                       "    node \"map\" {\n      sql  = \"select 9\"\n"
                       "      args = { a = \"lit\", r = self.input.i.value }\n    }\n"
                       "  }\n}\n"
                       "category \"tc\" {\n  color = \"red\"\n  icon  = \"x\"\n}\n"
                       "node \"tn\" {\n  title    = \"TN\"\n  sql      = \"select 7\"\n"
                       "  category = category.tc\n}\n");
    lp_workspace *ws = open_ws(tmpdir);

    jt *c = show_doc(ws, "t.chart.c");
    /* DashboardChartLegend: Display, Position *string, json omitempty */
    expect_key(c, "legend", "{\"position\":\"bottom\"}");
    /* DashboardChartAxes{X,Y *DashboardChartAxesX/Y}; AxesX{Title *DashboardChartAxisTitle
     * json:"title", Labels *DashboardChartLabels json:"labels", Min, Max *int omitempty}: a
     * non-nil pointer to 0 is kept */
    expect_key(c, "axes", "{\"x\":{\"title\":{\"value\":\"X\"},\"min\":0},"
                          "\"y\":{\"labels\":{\"display\":\"always\"},\"max\":100}}");
    /* DashboardChart.SeriesList json:"series" (source order); DashboardChartSeries{Name
     * json:"name", Title, Color *string (7 converts to "7"), Points map json:"points"};
     * DashboardChartSeriesPoint{Name json:"-", Color} */
    expect_key(c, "series", "[{\"name\":\"b\",\"title\":\"B\",\"points\":{\"p1\":{\"color\":\"red\"}}},"
                            "{\"name\":\"a\",\"color\":\"7\"}]");
    /* DashboardChart.Series map[string]*DashboardChartSeries has no json tag: key "Series" */
    expect_key(c, "Series",
               "{\"a\":{\"name\":\"a\",\"color\":\"7\"},"
               "\"b\":{\"name\":\"b\",\"title\":\"B\",\"points\":{\"p1\":{\"color\":\"red\"}}}}");
    /* DashboardLeafNodeImpl.Width *int json:"width": "6" decodes to 6 */
    expect_key(c, "width", "6");
    jt_free(c);

    jt *p = show_doc(ws, "t.chart.plain");
    /* no series block: SeriesList omitted (omitempty), Series nil and not omitempty: null */
    cr_expect_null(jt_get(p, "series"));
    expect_key(p, "Series", "null");
    /* *int from the string "007": cty's string-to-number conversion gives 7 */
    expect_key(p, "width", "7");
    cr_expect_null(jt_get(p, "legend"));
    cr_expect_null(jt_get(p, "axes"));
    jt_free(p);

    jt *t = show_doc(ws, "t.table.t");
    /* DashboardTable.ColumnList json:"columns"; DashboardTableColumn{Name json:"name", Display,
     * Wrap, HREF json:"href", DiffMode json:"diff_mode"}; Columns map, no tag: "Columns" */
    expect_key(t, "columns",
               "[{\"name\":\"x\",\"display\":\"none\"},{\"name\":\"y\",\"wrap\":\"all\",\"href\":\"/h\"}]");
    expect_key(t, "Columns", "{\"x\":{\"name\":\"x\",\"display\":\"none\"},"
                             "\"y\":{\"name\":\"y\",\"wrap\":\"all\",\"href\":\"/h\"}}");
    cr_expect_null(jt_get(t, "column"));
    jt_free(t);

    jt *in = show_doc(ws, "t.input.region");
    /* DashboardInput.Options json:"options"; DashboardInputOption{Name json:"name", Label};
     * InputName json:"unqualified_name"; DashboardName json:"dashboard" (SetDashboard) */
    expect_key(in, "options", "[{\"name\":\"eu\",\"label\":\"Europe\"},{\"name\":\"us\"}]");
    expect_key(in, "unqualified_name", "\"input.region\"");
    expect_key(in, "dashboard", "\"t.dashboard.d\"");
    jt_free(in);

    jt *g = show_doc(ws, "t.graph.g");
    /* NodeAndEdgeProviderImpl.Categories map json:"categories" (made empty, no omitempty);
     * DashboardCategory{Color, Depth *int, Fold{Threshold *int}, Properties map json:"properties"
     * of DashboardCategoryProperty{ShortName json:"name", Display}} */
    const jt *cats = jt_get(g, "categories");
    cr_assert(cats && cats->kind == JT_OBJ && cats->n == 1);
    const jt *cat = jt_get(cats, "cat");
    cr_assert(cat);
    expect_key(cat, "qualified_name", "\"t.category.cat\"");
    expect_key(cat, "color", "\"blue\"");
    expect_key(cat, "depth", "2");
    expect_key(cat, "fold", "{\"threshold\":3}");
    expect_key(cat, "properties", "{\"p\":{\"name\":\"p\",\"display\":\"none\"}}");
    /* Nodes DashboardNodeList json:"nodes", Edges json:"edges": the resources, named as eager
     * names them (labelled: its label; else graph_g_anonymous_node_<earlier node siblings>) */
    const jt *nodes = array_of(g, "nodes", 2);
    expect_key(nodes->items[0], "qualified_name", "\"t.node.n1\"");
    expect_key(nodes->items[0], "is_anonymous", "false");
    expect_key(nodes->items[0], "sql", "\"select 1\"");
    expect_key(nodes->items[1], "qualified_name", "\"t.node.graph_g_anonymous_node_1\"");
    /* ResourceWithMetadataImpl of the node: its block's lines and their whole text (indent kept) */
    const char *at = strstr(FIXTURE, "node \"n1\"");
    unsigned line = 1;
    for (const char *q = FIXTURE; q < at; q++) line += *q == '\n';
    char want[64];
    snprintf(want, sizeof want, "%u", line);
    expect_key(nodes->items[0], "start_line_number", want);
    snprintf(want, sizeof want, "%u", line + 2);
    expect_key(nodes->items[0], "end_line_number", want);
    expect_key(nodes->items[0], "source_definition",
               "\"    node \\\"n1\\\" {\\n      sql = \\\"select 1\\\"\\n    }\"");
    expect_key(nodes->items[1], "is_anonymous", "true");
    /* DashboardNode.Category *DashboardCategory json:"category": enrichCategory gives the whole
     * category resource (its ResourceWithMetadataImpl and own fields) */
    const jt *ncat = jt_get(nodes->items[1], "category");
    cr_assert(ncat && ncat->kind == JT_OBJ, "the node's category");
    expect_key(ncat, "qualified_name", "\"t.category.tc\"");
    expect_key(ncat, "color", "\"red\"");
    expect_key(ncat, "icon", "\"x\"");
    expect_key(ncat, "start_line_number", "28");   /* g.pp: after gb (8 lines), a blank, d3 (18) */
    const jt *edges = array_of(g, "edges", 1);
    expect_key(edges->items[0], "resource_name", "\"e1\"");
    cr_expect_null(jt_get(g, "node"));
    cr_expect_null(jt_get(g, "category"));
    jt_free(g);

    /* nodes from `base = graph.gb` are gb's (SetBaseProperties shares them): named and placed there */
    jt *inh = show_doc(ws, "t.graph.inh");
    nodes = array_of(inh, "nodes", 2);
    expect_key(nodes->items[0], "qualified_name", "\"t.node.bn\"");
    expect_key(nodes->items[0], "start_line_number", "2");
    expect_key(nodes->items[1], "qualified_name", "\"t.node.graph_gb_anonymous_node_1\"");
    const jt *fn = jt_get(nodes->items[0], "file_name");
    cr_expect(fn && fn->kind == JT_STR && strstr(fn->s, "/g.pp"), "file_name of an inherited node");
    jt_free(inh);

    /* a node block with `base = node.tn`: SetBaseProperties takes tn's title, sql and category */
    jt *viab = show_doc(ws, "t.graph.viab");
    nodes = array_of(viab, "nodes", 3);
    expect_key(nodes->items[0], "qualified_name", "\"t.node.graph_viab_anonymous_node_0\"");
    /* QueryArgs{ArgMap json:"args,omitempty", ArgList []*string json:"args_list,omitempty"}: a
     * run-time value (self.input...) is a reference only: nil in the list, absent from the map */
    expect_key(nodes->items[1], "args", "{\"args_list\":[\"x\",null]}");
    expect_key(nodes->items[2], "args", "{\"args\":{\"a\":\"lit\"}}");
    expect_key(nodes->items[0], "title", "\"TN\"");
    expect_key(nodes->items[0], "sql", "\"select 7\"");
    ncat = jt_get(nodes->items[0], "category");
    cr_assert(ncat && ncat->kind == JT_OBJ, "the base's category");
    expect_key(ncat, "qualified_name", "\"t.category.tc\"");
    expect_key(ncat, "color", "\"red\"");
    jt_free(viab);

    jt *bare = show_doc(ws, "t.graph.bare");
    expect_key(bare, "categories", "{}");
    cr_expect_null(jt_get(bare, "nodes"));
    jt_free(bare);

    jt *d = show_doc(ws, "t.dashboard.d");
    /* WithProviderImpl.withs is unexported: never in the JSON; Dashboard.Inputs json:"inputs" */
    cr_expect_null(jt_get(d, "with"));
    const jt *inputs = array_of(d, "inputs", 1);
    expect_key(inputs->items[0], "qualified_name", "\"t.input.region\"");
    expect_key(inputs->items[0], "dashboard", "\"t.dashboard.d\"");
    jt_free(d);

    /* Dashboard.Inputs: its own inputs (AddChild), then each container's (InitInputs walks
     * the containers); DashboardContainer.Inputs: its own */
    d = show_doc(ws, "t.dashboard.d2");
    inputs = array_of(d, "inputs", 2);
    expect_key(inputs->items[0], "qualified_name", "\"t.input.di\"");
    expect_key(inputs->items[1], "qualified_name", "\"t.input.ci\"");
    expect_key(inputs->items[1], "dashboard", "\"t.dashboard.d2\"");
    jt_free(d);
    jt *box = show_doc(ws, "t.container.box");
    inputs = array_of(box, "inputs", 1);
    expect_key(inputs->items[0], "qualified_name", "\"t.input.ci\"");
    expect_key(inputs->items[0], "dashboard", "\"t.dashboard.d2\"");
    jt_free(box);

    lp_close(ws);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    cr_assert_eq(system(cmd), 0);
}

/* ------------------------------------------------------------ the same document as values */

/* A value that is a string, number or bool: its text; NULL for anything else. */
static const char *str_of(const lp_value *v, lp_value_type want)
{
    cr_assert_eq(lp_value_type_of(v), want, "type %d, want %d", lp_value_type_of(v), want);
    size_t n;
    const char *s = lp_value_str(v, &n);
    cr_assert(s && strlen(s) == n, "NUL-terminated, its length");
    return s;
}

/* lp_resource_value: the members the Go structs give (the same facts as above, read as values,
 * with their types), keys in order, and the document's lifetime its own. */
Test(show_json, the_document_as_typed_values)
{
    fixture_in("/tmp/lp_show_val_XXXXXX");
    write_file("q.pp", "query \"q\" {\n  title = \"Q\"\n  sql   = \"select $1\"\n"
                       "  tags  = { b = \"2\", a = \"1\" }\n"
                       "  param \"p\" {\n    default = 5\n  }\n}\n"
                       "category \"tc\" {\n  color = \"red\"\n}\n");
    lp_workspace *ws = open_ws(tmpdir);
    lp_resource *r;
    lp_error err;
    lp_value *v = NULL;

    cr_assert_eq(lp_load(ws, "t.query.q", &r, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_resource_value(r, &v), LP_OK);
    cr_assert_eq(lp_value_type_of(v), LP_VALUE_OBJECT);
    /* keys sorted, as Go's encoder orders a struct's tagged fields here (lp_resource_json's order) */
    for (uint32_t i = 1; i < lp_value_count(v); i++)
        cr_expect(strcmp(lp_value_key(v, i - 1), lp_value_key(v, i)) < 0, "%s before %s",
                  lp_value_key(v, i - 1), lp_value_key(v, i));
    cr_expect_str_eq(str_of(lp_value_get(v, "title"), LP_VALUE_STRING), "Q");
    cr_expect_str_eq(str_of(lp_value_get(v, "sql"), LP_VALUE_STRING), "select $1");
    cr_expect_str_eq(str_of(lp_value_get(v, "qualified_name"), LP_VALUE_STRING), "t.query.q");
    cr_expect_str_eq(str_of(lp_value_get(v, "start_line_number"), LP_VALUE_NUMBER), "1");
    cr_expect_str_eq(str_of(lp_value_get(v, "is_anonymous"), LP_VALUE_BOOL), "false");
    const lp_value *tags = lp_value_get(v, "tags");
    cr_assert_eq(lp_value_type_of(tags), LP_VALUE_OBJECT);
    cr_assert_eq(lp_value_count(tags), 2);
    cr_expect_str_eq(lp_value_key(tags, 0), "a");
    cr_expect_str_eq(str_of(lp_value_at(tags, 1), LP_VALUE_STRING), "2");
    /* ParamDef{Name, Description *string, Default any}: a number default kept as its JSON */
    const lp_value *params = lp_value_get(v, "params");
    cr_assert_eq(lp_value_type_of(params), LP_VALUE_LIST);
    cr_assert_eq(lp_value_count(params), 1);
    const lp_value *p0 = lp_value_at(params, 0);
    cr_expect_str_eq(str_of(lp_value_get(p0, "name"), LP_VALUE_STRING), "p");
    cr_expect_str_eq(str_of(lp_value_get(p0, "default"), LP_VALUE_STRING), "5");
    cr_expect(lp_value_get(p0, "description") && lp_value_type_of(lp_value_get(p0, "description")) ==
                                                     LP_VALUE_NULL, "a null member is there, as null");
    /* absent members and out-of-range reads are NULL, read as null */
    cr_expect_null(lp_value_get(v, "nope"));
    cr_expect_eq(lp_value_type_of(NULL), LP_VALUE_NULL);
    cr_expect_null(lp_value_at(tags, 2));
    cr_expect_null(lp_value_str(tags, NULL));
    cr_expect_eq(lp_value_count(lp_value_get(v, "title")), 0);
    lp_value_free(v);
    lp_resource_release(r);

    cr_assert_eq(lp_load(ws, "t.chart.c", &r, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_resource_value(r, &v), LP_OK);
    /* DashboardLeafNodeImpl.Width *int: "6" converts to the number 6 */
    cr_expect_str_eq(str_of(lp_value_get(v, "width"), LP_VALUE_NUMBER), "6");
    const lp_value *axes = lp_value_get(lp_value_get(v, "axes"), "x");
    cr_expect_str_eq(str_of(lp_value_get(axes, "min"), LP_VALUE_NUMBER), "0");
    cr_expect_str_eq(str_of(lp_value_get(lp_value_get(axes, "title"), "value"), LP_VALUE_STRING), "X");
    const lp_value *series = lp_value_get(v, "series");
    cr_assert_eq(lp_value_count(series), 2);
    cr_expect_str_eq(str_of(lp_value_get(lp_value_at(series, 1), "color"), LP_VALUE_STRING), "7");
    lp_value_free(v);
    lp_resource_release(r);

    /* the graph's node blocks as resources, and every value of the tree the JSON holds */
    cr_assert_eq(lp_load(ws, "t.graph.g", &r, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_resource_value(r, &v), LP_OK);
    const lp_value *nodes = lp_value_get(v, "nodes");
    cr_assert_eq(lp_value_count(nodes), 2);
    cr_expect_str_eq(str_of(lp_value_get(lp_value_at(nodes, 0), "qualified_name"), LP_VALUE_STRING),
                     "t.node.n1");
    cr_expect_str_eq(str_of(lp_value_get(lp_value_at(nodes, 1), "resource_name"), LP_VALUE_STRING),
                     "graph_g_anonymous_node_1");
    lp_buf b = { 0 };
    cr_assert_eq(lp_resource_json(r, &b), LP_OK);
    char why[200];
    jt *doc = jt_parse(b.data, b.len, why, sizeof why);
    cr_assert(doc, "%s", why);
    cr_expect_eq(doc->n, lp_value_count(v), "as many members as the JSON");
    jt_free(doc);
    lp_buf_free(&b);
    lp_value_free(v);
    lp_resource_release(r);

    cr_expect_eq(lp_resource_value(NULL, &v), LP_ERR_ARG);
    cr_expect_null(v);
    lp_value_free(NULL);

    /* a variable's document: Powerpipe's Variable fields, typed */
    lp_close(ws);
    write_file("v.pp", "variable \"n\" {\n  type    = number\n  default = 3\n  description = \"the n\"\n}\n");
    ws = open_ws(tmpdir);
    uint32_t id = lp_lookup(ws, "t.var.n");
    cr_assert_neq(id, LP_NO_ENTRY);
    cr_assert_eq(lp_variable_value(ws, id, &v), LP_OK);
    cr_expect_str_eq(str_of(lp_value_get(v, "description"), LP_VALUE_STRING), "the n");
    cr_expect_str_eq(str_of(lp_value_get(v, "value_default"), LP_VALUE_NUMBER), "3");
    cr_expect_str_eq(str_of(lp_value_get(v, "type_string"), LP_VALUE_STRING), "number");
    lp_value_free(v);
    cr_expect_eq(lp_variable_value(ws, lp_lookup(ws, "t.query.q"), &v), LP_ERR_ARG);
    cr_expect_null(v);
    lp_close(ws);

    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    cr_assert_eq(system(cmd), 0);
}

/* ------------------------------------------------------------ the corpora against the oracle */

/* The oracle body of a dashboard child: an anonymous one by its index (eager
 * counts every earlier sibling of its type), a labelled one by its label. */
static const jt *oracle_child(const jt *body, const char *type, const char *short_name)
{
    const jt *t = jt_get(body, type);
    if (!t) return NULL;
    char suffix[64];
    snprintf(suffix, sizeof suffix, "_anonymous_%s_", type);
    const char *at = NULL;
    for (const char *p = strstr(short_name, suffix); p; p = strstr(p + 1, suffix)) at = p;
    if (at && t->kind == JT_ARR) {
        const char *d = at + strlen(suffix);
        if (!*d || strspn(d, "0123456789") != strlen(d)) return NULL;
        size_t n = strtoul(d, NULL, 10);
        return n < t->n ? t->items[n] : NULL;
    }
    return orc_block(body, type, short_name);
}

/* Number of blocks of a type in an oracle body, and (labelled) their labels. */
static size_t oracle_count(const jt *body, const char *type)
{
    const jt *t = jt_get(body, type);
    if (!t) return 0;
    if (t->kind == JT_ARR) return t->n;
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++) n += t->items[i]->kind == JT_ARR ? t->items[i]->n : 1;
    return n;
}

static int str_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The labels of blocks `type` (sorted, unique) joined by ',' vs the keys of
 * map m (a JSON object; NULL or null: none) and the "name"s of list l. */
static void expect_labels(const char *who, const jt *body, const char *type, const jt *m, const jt *l,
                          int want_list, size_t *checked)
{
    const jt *t = jt_get(body, type);
    char want[8192] = "", got_m[8192] = "", got_l[8192] = "";
    if (t && t->kind == JT_OBJ) {
        char **ks = malloc((t->n + 1) * sizeof *ks);
        for (size_t i = 0; i < t->n; i++) ks[i] = t->keys[i];
        qsort(ks, t->n, sizeof *ks, str_cmp);
        for (size_t i = 0; i < t->n; i++)
            if (!i || strcmp(ks[i], ks[i - 1]))
                snprintf(want + strlen(want), sizeof want - strlen(want), "%s,", ks[i]);
        free(ks);
    }
    if (m && m->kind == JT_OBJ)
        for (size_t i = 0; i < m->n; i++)
            snprintf(got_m + strlen(got_m), sizeof got_m - strlen(got_m), "%s,", m->keys[i]);
    if (l && l->kind == JT_ARR) {
        char **ns = malloc((l->n + 1) * sizeof *ns);
        size_t k = 0;
        for (size_t i = 0; i < l->n; i++) {
            const jt *nm = jt_get(l->items[i], "name");
            if (nm && nm->kind == JT_STR) ns[k++] = nm->s;
        }
        qsort(ns, k, sizeof *ns, str_cmp);
        for (size_t i = 0; i < k; i++)
            if (!i || strcmp(ns[i], ns[i - 1]))
                snprintf(got_l + strlen(got_l), sizeof got_l - strlen(got_l), "%s,", ns[i]);
        free(ns);
        cr_expect_eq(k, oracle_count(body, type), "%s: %zu %s in the list, the oracle has %zu", who, k, type,
                     oracle_count(body, type));
    }
    if (m) cr_expect_str_eq(got_m, want, "%s: keys of the %s map", who, type);
    if (want_list) cr_expect_str_eq(got_l, want, "%s: names of the %s list", who, type);
    (*checked)++;
}

typedef struct counts {
    size_t charts, tables, inputs, graphs, leaves, skipped, with_series, with_columns, detections;
} counts;

/* The typed shapes of one loaded resource against its oracle body. */
static void check_shapes(const lp_resource *r, const jt *body, counts *n)
{
    const char *who = lp_resource_name(r);
    if (jt_get(body, "base")) {   /* its blocks may come from its base: not this body's */
        n->skipped++;
        return;
    }
    lp_buf b = { 0 };
    cr_assert_eq(lp_resource_json(r, &b), LP_OK);
    char why[200];
    jt *doc = jt_parse(b.data, b.len, why, sizeof why);
    cr_assert(doc, "%s: %s", who, why);
    lp_buf_free(&b);
    switch (lp_resource_kind(r)) {
    case LP_KIND_CHART: {
        const jt *series = jt_get(doc, "Series");
        cr_assert(series, "%s: no Series key", who);
        n->with_series += oracle_count(body, "series") > 0;
        if (!oracle_count(body, "series")) cr_expect_eq(series->kind, JT_NULL, "%s: Series not null", who);
        expect_labels(who, body, "series", series->kind == JT_NULL ? NULL : series, jt_get(doc, "series"), 1,
                      &n->charts);
        cr_expect_eq(jt_get(doc, "legend") != NULL, oracle_count(body, "legend") > 0, "%s: legend", who);
        cr_expect_eq(jt_get(doc, "axes") != NULL, oracle_count(body, "axes") > 0, "%s: axes", who);
        const jt *axes = jt_get(doc, "axes");
        if (axes) cr_expect_eq(axes->kind, JT_OBJ, "%s: axes is an object", who);
        break;
    }
    case LP_KIND_TABLE: {
        const jt *cols = jt_get(doc, "Columns");
        cr_assert(cols, "%s: no Columns key", who);
        expect_labels(who, body, "column", cols->kind == JT_NULL ? NULL : cols, jt_get(doc, "columns"), 1,
                      &n->tables);
        n->with_columns += oracle_count(body, "column") > 0;
        if (!oracle_count(body, "column")) cr_expect_eq(cols->kind, JT_NULL, "%s: Columns not null", who);
        break;
    }
    case LP_KIND_DETECTION:
        /* Detection.Columns, untagged: OnDecoded sets {"reason": {Name: "reason"}} */
        expect_key(doc, "Columns", "{\"reason\":{\"name\":\"reason\"}}");
        n->detections++;
        break;
    case LP_KIND_INPUT:
        expect_labels(who, body, "option", NULL, jt_get(doc, "options"), 1, &n->inputs);
        cr_expect(jt_get(doc, "unqualified_name"), "%s: unqualified_name", who);
        break;
    case LP_KIND_FLOW:
    case LP_KIND_GRAPH:
    case LP_KIND_HIERARCHY: {
        const jt *nodes = jt_get(doc, "nodes"), *edges = jt_get(doc, "edges");
        cr_expect_eq(nodes ? nodes->n : 0, oracle_count(body, "node"), "%s: nodes", who);
        cr_expect_eq(edges ? edges->n : 0, oracle_count(body, "edge"), "%s: edges", who);
        const jt *cats = jt_get(doc, "categories");
        cr_assert(cats && cats->kind == JT_OBJ, "%s: categories is no object", who);
        expect_labels(who, body, "category", cats, NULL, 0, &n->graphs);
        break;
    }
    case LP_KIND_CARD:
    case LP_KIND_IMAGE:
    case LP_KIND_TEXT: {
        /* *string fields: a literal the oracle gives as a string is that string */
        static const char *const fields[] = { "label", "value", "icon",    "href",
                                              "src",   "alt",   "type",    "display" };
        for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
            const jt *w = jt_get(body, fields[i]);
            if (!w || w->kind != JT_STR || strstr(w->s, "${") || strstr(w->s, "%{")) continue;
            const jt *g = jt_get(doc, fields[i]);
            cr_expect(g && g->kind == JT_STR && !strcmp(g->s, w->s), "%s.%s", who, fields[i]);
            n->leaves++;
        }
        break;
    }
    default: break;
    }
    jt_free(doc);
}

static void walk(const lp_resource *r, const jt *body, counts *n)
{
    for (uint32_t i = 0; i < lp_resource_child_count(r); i++) {
        const lp_resource *ch = lp_resource_child(r, i);
        const char *name = lp_resource_name(ch);
        const char *sh = strchr(name, '.');
        sh = sh ? strchr(sh + 1, '.') : NULL;
        const jt *cb = sh ? oracle_child(body, lp_kind_name(lp_resource_kind(ch)), sh + 1) : NULL;
        if (!cb) {
            n->skipped++;
            continue;
        }
        check_shapes(ch, cb, n);
        if (lp_resource_kind(ch) == LP_KIND_CONTAINER) walk(ch, cb, n);
    }
}

Test(show_json, every_dashboard_block_of_the_corpora_has_the_oracles_labels, .timeout = 600)
{
    static const char *const mods[] = { "corpus/aws_compliance", "corpus/aws_insights",
                                        "corpus/aws_cloudtrail_log_detections",
                                        "testdata/powerpipe/lazy-loading-tests/cross-refs",
                                        "testdata/powerpipe/lazy-loading-tests/simple" };
    counts n = { 0 };
    for (size_t m = 0; m < sizeof mods / sizeof mods[0]; m++) {
        lp_workspace *ws = open_ws(ts_shared(mods[m]));
        jt **docs = orc_workspace(ws);
        for (uint32_t id = 0; id < lp_entry_count(ws); id++) {
            lp_entry_info e;
            lp_entry_get(ws, id, &e);
            if (e.kind == LP_KIND_VARIABLE || e.is_nested || !docs[e.file]) continue;
            const jt *json = jt_get(docs[e.file], "json");
            const jt *body = json ? orc_block(json, lp_kind_name(e.kind), e.short_name) : NULL;
            if (!body) continue;
            lp_resource *r;
            lp_error err;
            cr_assert_eq(lp_load_entry(ws, id, &r, &err), LP_OK, "%s: %s", e.name, err.message);
            check_shapes(r, body, &n);
            if (e.kind == LP_KIND_DASHBOARD) walk(r, body, &n);
            lp_resource_release(r);
        }
        orc_docs_free(docs, lp_file_count(ws));
        lp_close(ws);
    }
    cr_log_info("charts %zu (%zu with series), tables %zu (%zu with columns), inputs %zu, graphs %zu, "
                "leaf fields %zu, skipped %zu",
                n.charts, n.with_series, n.tables, n.with_columns, n.inputs, n.graphs, n.leaves, n.skipped);
    cr_expect_gt(n.with_series, 20);
    cr_expect_gt(n.detections, 50);
    cr_expect_gt(n.with_columns, 20);
    cr_expect_gt(n.charts, 100);
    cr_expect_gt(n.tables, 100);
    cr_expect_gt(n.inputs, 50);
    cr_expect_gt(n.graphs, 50);
    cr_expect_gt(n.leaves, 100);
}
