/* test_run_children.c — a benchmark whose `children` is computed (concat of locals, a conditional, the
 * old list() function), run over a real SQLite file.
 *
 * Facts, from Powerpipe's source: a run loads the mod whole (not lazily), and pipe-fittings decodes
 * `children` as an expression like any other attribute, after the locals it reads: concat(local.a,
 * local.b) is a's children then b's, in order; `false ? [control.a] : []` is none; an item that is not
 * a resource fails the load.  The listing (the lazy index, POWERPIPE_BEHAVIOR.md §3.7) shows no children
 * for such a benchmark, as Powerpipe 1.5's lazy listing does.  The rows expected are the controls' own
 * SQL as SQLite answers it. */
#include <criterion/criterion.h>
#include <string.h>

#include "lazypipe.h"
#include "support/runfix.h"
#include "support/wsfix.h"

static char *dir;
static lp_workspace *ws;
static char sqlite_url[600];

static const char MOD[] =
    "locals {\n"
    "  picked = true ? [control.a] : list([])\n"
    "  none   = false ? [control.a] : []\n"
    "  more   = [benchmark.inner]\n"
    "}\n"
    "control \"a\" {\n"
    "  sql = \"select 'r1' as resource, 'ok' as status, 'from a' as reason\"\n"
    "}\n"
    "control \"b\" {\n"
    "  sql = \"select 'r2' as resource, 'alarm' as status, 'from b' as reason\"\n"
    "}\n"
    "benchmark \"inner\" {\n"
    "  children = [control.b]\n"
    "}\n"
    "benchmark \"computed\" {\n"
    "  children = concat(local.picked, local.none, local.more)\n"
    "}\n"
    "benchmark \"outer\" {\n"
    "  children = [benchmark.computed]\n"
    "}\n"
    "benchmark \"loop_a\" {\n"
    "  children = concat([benchmark.loop_b])\n"
    "}\n"
    "benchmark \"loop_b\" {\n"
    "  children = concat([benchmark.loop_a])\n"
    "}\n"
    "benchmark \"bad\" {\n"
    "  children = concat(local.picked, [\"not a resource\"])\n"
    "}\n";

static void setup(void) { ws = rf_open_sqlite(MOD, "select 1;", &dir, sqlite_url, sizeof sqlite_url); }
static void teardown(void) { wf_done(&ws, &dir); }

TestSuite(run_children, .init = setup, .fini = teardown, .timeout = 60);

/* the tree under node n as "name(child,child)" with each control's reason: "name:reason" */
static void shape(const lp_run_node *n, char *out, size_t size)
{
    size_t len = strlen(out);
    const char *name = lp_node_name(n);
    const char *dot = name ? strrchr(name, '.') : NULL;
    snprintf(out + len, size - len, "%s", dot ? dot + 1 : "root");
    if (lp_node_get_type(n) == LP_NODE_CONTROL) {
        len = strlen(out);
        const lp_db_cell *r = lp_node_row_count(n) ? lp_node_row(n, 0) : NULL;
        int c = lp_node_column_index(n, "reason");
        snprintf(out + len, size - len, ":%s", r && c >= 0 && r[c].text ? r[c].text : "?");
        return;
    }
    len = strlen(out);
    snprintf(out + len, size - len, "(");
    for (uint32_t i = 0; i < lp_node_child_count(n); i++) {
        if (i) strncat(out, ",", size - strlen(out) - 1);
        shape(lp_node_child(n, i), out, size);
    }
    strncat(out, ")", size - strlen(out) - 1);
}

static void expect_tree(const char *target, const char *want)
{
    lp_run_opts o = { .database = sqlite_url };
    lp_run *run = rf_run(ws, LP_KIND_BENCHMARK, target, &o);
    char got[1024] = "";
    shape(lp_node_child(lp_run_root(run), 0), got, sizeof got);
    cr_assert_str_eq(got, want, "%s", target);
    lp_run_free(run);
}

Test(run_children, concat_of_locals_runs_each_child_in_order)
{
    expect_tree("t.benchmark.computed", "computed(a:from a,inner(b:from b))");
}

Test(run_children, a_computed_benchmark_under_a_listed_one)
{
    expect_tree("t.benchmark.outer", "outer(computed(a:from a,inner(b:from b)))");
}

Test(run_children, an_item_that_is_no_resource_fails_the_run_with_its_place)
{
    lp_run_opts o = { .database = sqlite_url };
    const char *target = "t.benchmark.bad";
    lp_run *run = NULL;
    lp_error err = { 0 };
    cr_assert_neq(lp_run_start(ws, LP_KIND_BENCHMARK, &target, 1, &o, &run, &err), LP_OK);
    cr_assert(strstr(err.message, "a.pp:28:14: Invalid child"), "%s", err.message);
}

/* the listing is the lazy index's: no children for a computed list (Powerpipe 1.5 lists none) */
Test(run_children, the_listing_shows_no_computed_children)
{
    uint32_t id = lp_lookup(ws, "t.benchmark.computed");
    cr_assert_neq(id, LP_NO_ENTRY);
    cr_assert_eq(lp_entry_child_count(ws, id), 0);
}

/* computed children that lead back to the benchmark: Powerpipe's cycle error, no run, no crash */
Test(run_children, a_cycle_through_computed_children_fails_the_run)
{
    lp_run_opts o = { .database = sqlite_url };
    const char *target = "t.benchmark.loop_a";
    lp_run *run = NULL;
    lp_error err = { 0 };
    cr_assert_neq(lp_run_start(ws, LP_KIND_BENCHMARK, &target, 1, &o, &run, &err), LP_OK);
    cr_assert(strstr(err.message, "circular dependency detected: t.benchmark.loop_a -> t.benchmark.loop_b -> "
                     "t.benchmark.loop_a"), "%s", err.message);
}
