/* test_snapshot_variables.c — a dashboard snapshot's "variables" (lp_run_snapshot_json,
 * lp_resource_variables_json), run over a real SQLite file.  No snapshot of Powerpipe's
 * acceptance tests has a variable (every one writes "variables": {}), so the expected object is
 * Powerpipe's Go worked out by hand for the mod below:
 *  - GetReferencedVariables (internal/dashboardexecute/referenced_variables.go) walks the
 *    dashboard's children and, below containers, theirs: the dashboard's own title, a panel's
 *    `with` block and variables no child reads are not in it;
 *  - a child's references are its block's attributes and its param blocks' (AddReferences), so
 *    a param default counts, and a function call's argument too (Expr.Variables());
 *  - each value is hclhelpers.CtyToString of the variable's value: a string as it is, true, an
 *    integer with %d, 1.5 as "0" (gocty into an int fails and the int, 0, is printed), a tuple
 *    as "[" + its elements as CtyToPostgresString ('a', 2, 2.500000 with %f, true) + "]", an
 *    object as its cty JSON;
 *  - encoding/json writes the map with its keys sorted and escapes <, > as \u003c, \u003e. */
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
    "variable \"s\" {\n  default = \"it's <b>\"\n}\n"
    "variable \"n\" {\n  default = 3\n}\n"
    "variable \"f\" {\n  default = 1.5\n}\n"
    "variable \"b\" {\n  default = true\n}\n"
    "variable \"l\" {\n  default = [\"a\", 2, 2.5, true]\n}\n"
    "variable \"o\" {\n  default = { k = \"v\", n = 1 }\n}\n"
    "variable \"deep\" {\n  default = \"d\"\n}\n"
    "variable \"p\" {\n  default = \"pv\"\n}\n"
    "variable \"w\" {\n  default = \"in a with\"\n}\n"
    "variable \"in_title\" {\n  default = \"t\"\n}\n"
    "variable \"unused\" {\n  default = \"u\"\n}\n"
    "dashboard \"d\" {\n"
    "  title = \"T ${var.in_title}\"\n"
    "  container {\n"
    "    card \"c1\" {\n"
    "      sql   = \"select 1 as v\"\n"
    "      title = var.deep\n"
    "    }\n"
    "  }\n"
    "  table \"t\" {\n"
    "    sql  = \"select $1 || $2 || $3 || $4 as v\"\n"
    "    args = [var.s, var.n, var.f, var.b]\n"
    "  }\n"
    "  chart \"ch\" {\n"
    "    sql   = \"select 1 as v\"\n"
    "    title = \"${length(var.l)}\"\n"
    "  }\n"
    "  text \"tx\" {\n"
    "    value = jsonencode(var.o)\n"
    "  }\n"
    "  table \"pt\" {\n"
    "    param \"pp\" {\n"
    "      default = var.p\n"
    "    }\n"
    "    sql = \"select $1 as v\"\n"
    "  }\n"
    "  table \"wt\" {\n"
    "    with \"w\" {\n"
    "      sql  = \"select $1 as c\"\n"
    "      args = [var.w]\n"
    "    }\n"
    "    sql = \"select 1 as v\"\n"
    "  }\n"
    "}\n"
    "dashboard \"none\" {\n"
    "  title = var.in_title\n"
    "  text {\n"
    "    value = \"x\"\n"
    "  }\n"
    "}\n";

static void setup(void)
{
    ws = rf_open_sqlite(MOD, "create table t(x integer)", &dir, sqlite_url, sizeof sqlite_url);
}

static void teardown(void) { wf_done(&ws, &dir); }

TestSuite(snapshot_variables, .init = setup, .fini = teardown, .timeout = 60);

/* The text of the snapshot's "variables" member, from a run of target. */
static char *variables_of(const char *target)
{
    lp_run_opts o = { .database = sqlite_url, .max_parallel = 2 };
    lp_run *run = rf_run(ws, LP_KIND_DASHBOARD, target, &o);
    lp_buf b = { 0 };
    cr_assert_eq(lp_run_snapshot_json(run, &b), LP_OK);
    lp_run_free(run);
    const char *v = strstr(b.data, ",\"variables\":"), *end = v ? strstr(v, ",\"start_time\":") : NULL;
    cr_assert(v && end, "%s", b.data);
    v += strlen(",\"variables\":");
    char *out = strndup(v, (size_t)(end - v));
    lp_buf_free(&b);
    return out;
}

Test(snapshot_variables, the_variables_a_dashboards_children_read_with_their_values)
{
    char *v = variables_of("d");
    cr_assert_str_eq(
        v, "{\"b\":\"true\",\"deep\":\"d\",\"f\":\"0\",\"l\":\"['a',2,2.500000,true]\",\"n\":\"3\","
           "\"o\":\"{\\\"k\\\":\\\"v\\\",\\\"n\\\":1}\",\"p\":\"pv\",\"s\":\"it's \\u003cb\\u003e\"}");
    free(v);
}

Test(snapshot_variables, a_variable_read_only_by_the_dashboard_itself_is_not_there)
{
    char *v = variables_of("none");
    cr_assert_str_eq(v, "{}");
    free(v);
}

Test(snapshot_variables, a_value_given_at_open_is_the_one_written)
{
    lp_close(ws);
    static const char *vars[] = { "deep=given", "n=7" };
    lp_workspace_opts wo = { .vars = vars, .nvars = 2 };
    lp_error err = { 0 };
    cr_assert_eq(lp_open(dir, &wo, &ws, &err), LP_OK, "%s", err.message);
    lp_resource *r = NULL;
    cr_assert_eq(lp_load(ws, "t.dashboard.d", &r, &err), LP_OK, "%s", err.message);
    lp_buf b = { 0 };
    cr_assert_eq(lp_resource_variables_json(ws, r, &b), LP_OK);
    lp_resource_release(r);
    cr_assert(strstr(b.data, "\"deep\":\"given\""), "%s", b.data);
    cr_assert(strstr(b.data, "\"n\":\"7\""), "%s", b.data);
    lp_buf_free(&b);
}

/* A dependency mod's variable: "<mod>.<name>" (referenced_variables.go: the reference's mod is
 * not the workspace's), its value the dependency's own. */
Test(snapshot_variables, a_dependency_mods_variable_is_named_by_its_mod)
{
    char *d2 = wf_mod_dir(
        "mod \"main\" {\n  require {\n    mod \"github.com/o/dep\" {\n      version = \"*\"\n    }\n"
        "  }\n}\nvariable \"x\" {\n  default = \"mainx\"\n}\n");
    wf_write(d2, ".powerpipe/mods/github.com/o/dep@v1.0.0/mod.pp",
             "mod \"dep\" {}\nvariable \"x\" {\n  default = \"depx\"\n}\n"
             "dashboard \"dd\" {\n  text \"dt\" {\n    value = var.x\n  }\n}\n");
    lp_workspace *w2 = wf_open(d2, 1);
    lp_resource *r = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_load(w2, "dep.dashboard.dd", &r, &err), LP_OK, "%s", err.message);
    lp_buf b = { 0 };
    cr_assert_eq(lp_resource_variables_json(w2, r, &b), LP_OK);
    lp_resource_release(r);
    cr_assert_str_eq(b.data, "{\"dep.x\":\"depx\"}");
    lp_buf_free(&b);
    lp_close(w2);
    wf_remove(d2);
}
