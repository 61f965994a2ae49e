/* test_nested_names.c — blocks nested in two dashboards under one name (docs/library.md "Names of nested
 * blocks"): the index keeps both (no "Duplicate resource name", as Powerpipe's acceptance test
 * dashboard_parsing_validation.bats case 1 expects), each dashboard's tree holds its own block, a
 * load materialises each dashboard's own blocks, and a run of each dashboard over a real SQLite file
 * returns each its own rows.  Expected values are read off the mod text below by hand. */
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

/* Two dashboards with a named card, a named container and, inside it, an anonymous table (whose
 * generated name, container_k_anonymous_table_0, is the same in both); a dashboard whose nested
 * card has the name of a top-level card declared after it; a dashboard with two nested cards of
 * one name (a duplicate within one tree). */
static const char MOD[] =
    "dashboard \"a\" {\n"                                         /* 1 */
    "  card \"c\" {\n"
    "    sql = \"select 'card of a' as v\"\n"
    "  }\n"
    "  container \"k\" {\n"                                       /* 5 */
    "    table {\n"
    "      sql = \"select 'table of a' as v\"\n"
    "    }\n"
    "  }\n"
    "}\n"                                                          /* 10 */
    "dashboard \"b\" {\n"
    "  card \"c\" {\n"
    "    sql = \"select 'card of b' as v\"\n"
    "  }\n"
    "  container \"k\" {\n"                                       /* 15 */
    "    table {\n"
    "      sql = \"select 'table of b' as v\"\n"
    "    }\n"
    "  }\n"
    "}\n"                                                          /* 20 */
    "dashboard \"e\" {\n"
    "  card \"top\" {\n"
    "    sql = \"select 'nested in e' as v\"\n"
    "  }\n"
    "}\n"                                                          /* 25 */
    "card \"top\" {\n"
    "  sql = \"select 'top level' as v\"\n"
    "}\n"
    "dashboard \"dup\" {\n"
    "  card \"x\" {\n"                                            /* 30 */
    "    sql = \"select 1 as v\"\n"
    "  }\n"
    "  card \"x\" {\n"
    "    sql = \"select 2 as v\"\n"
    "  }\n"                                                        /* 35 */
    "}\n";

static void setup(void)
{
    ws = rf_open_sqlite(MOD, "create table t(x integer)", &dir, sqlite_url, sizeof sqlite_url);
}

static void teardown(void) { wf_done(&ws, &dir); }

TestSuite(nested_names, .init = setup, .fini = teardown, .timeout = 60);

/* The child of entry `parent` named `name`, asserted to be there once. */
static uint32_t child_named(uint32_t parent, const char *name)
{
    uint32_t found = LP_NO_ENTRY;
    for (uint32_t i = 0; i < lp_entry_child_count(ws, parent); i++) {
        uint32_t c = lp_entry_child(ws, parent, i);
        lp_entry_info e;
        cr_assert_eq(lp_entry_get(ws, c, &e), LP_OK);
        if (strcmp(e.name, name) == 0) {
            cr_assert_eq(found, LP_NO_ENTRY, "%s listed twice", name);
            found = c;
        }
    }
    cr_assert_neq(found, LP_NO_ENTRY, "no child %s", name);
    return found;
}

static lp_entry_info info(uint32_t id)
{
    lp_entry_info e;
    cr_assert_eq(lp_entry_get(ws, id, &e), LP_OK);
    return e;
}

Test(nested_names, the_index_keeps_each_dashboards_own_block)
{
    cr_assert_eq(wf_count_diags(ws, "Duplicate resource name", NULL), 1);
    /* the one duplicate: two cards "x" in one dashboard, the second reported */
    cr_assert_eq(wf_count_diags(ws, "Duplicate resource name", "t.card.x is already defined at"), 1);
    uint32_t a = lp_lookup(ws, "t.dashboard.a"), b = lp_lookup(ws, "t.dashboard.b");
    cr_assert_neq(a, LP_NO_ENTRY);
    cr_assert_neq(b, LP_NO_ENTRY);
    uint32_t ca = child_named(a, "t.card.c"), cb = child_named(b, "t.card.c");
    cr_assert_neq(ca, cb);
    cr_assert_eq(info(ca).start_line, 2);
    cr_assert_eq(info(cb).start_line, 12);
    cr_assert_eq(info(ca).parent, a);
    cr_assert_eq(info(cb).parent, b);
    cr_assert_str_eq(info(ca).sql, "select 'card of a' as v");
    cr_assert_str_eq(info(cb).sql, "select 'card of b' as v");
    uint32_t ka = child_named(a, "t.container.k"), kb = child_named(b, "t.container.k");
    cr_assert_neq(ka, kb);
    const char *anon = "t.table.container_k_anonymous_table_0";
    uint32_t ta = child_named(ka, anon), tb = child_named(kb, anon);
    cr_assert_neq(ta, tb);
    cr_assert_str_eq(info(ta).sql, "select 'table of a' as v");
    cr_assert_str_eq(info(tb).sql, "select 'table of b' as v");
    cr_assert(info(ta).is_anonymous);
    /* the name leads to the first in file order (as Powerpipe's mod map keeps the first added) */
    cr_assert_eq(lp_lookup(ws, "t.card.c"), ca);
    cr_assert_eq(lp_lookup(ws, anon), ta);
    /* a top-level block holds its name against a nested one declared before it */
    uint32_t top = lp_lookup(ws, "t.card.top");
    cr_assert_neq(top, LP_NO_ENTRY);
    cr_assert_not(info(top).is_nested);
    cr_assert_eq(info(top).start_line, 26);
    uint32_t e = lp_lookup(ws, "t.dashboard.e"), ce = child_named(e, "t.card.top");
    cr_assert_neq(ce, top);
    cr_assert(info(ce).is_nested);
    cr_assert_str_eq(info(ce).sql, "select 'nested in e' as v");
    /* the duplicate within one tree: the first is the dashboard's child, the second is not indexed */
    uint32_t dup = lp_lookup(ws, "t.dashboard.dup");
    cr_assert_eq(info(child_named(dup, "t.card.x")).start_line, 30);
}

/* SQL of the loaded child of r named name. */
static const char *loaded_child_sql(const lp_resource *r, const char *name)
{
    for (uint32_t i = 0; i < lp_resource_child_count(r); i++) {
        const lp_resource *c = lp_resource_child(r, i);
        if (strcmp(lp_resource_name(c), name) == 0) return lp_resource_str(c, "sql");
    }
    cr_assert_fail("%s has no child %s", lp_resource_name(r), name);
    return NULL;
}

Test(nested_names, a_load_materialises_each_dashboards_own_blocks)
{
    const char *want[][3] = { { "t.dashboard.a", "card of a", "table of a" },
                              { "t.dashboard.b", "card of b", "table of b" } };
    for (int i = 0; i < 2; i++) {
        lp_resource *r = NULL;
        lp_error err = { 0 };
        cr_assert_eq(lp_load(ws, want[i][0], &r, &err), LP_OK, "%s: %s", want[i][0], err.message);
        char sql[64];
        snprintf(sql, sizeof sql, "select '%s' as v", want[i][1]);
        cr_assert_str_eq(loaded_child_sql(r, "t.card.c"), sql);
        const lp_resource *k = NULL;
        for (uint32_t j = 0; j < lp_resource_child_count(r); j++)
            if (!strcmp(lp_resource_name(lp_resource_child(r, j)), "t.container.k"))
                k = lp_resource_child(r, j);
        cr_assert(k);
        snprintf(sql, sizeof sql, "select '%s' as v", want[i][2]);
        cr_assert_str_eq(loaded_child_sql(k, "t.table.container_k_anonymous_table_0"), sql);
        lp_resource_release(r);
    }
    /* the nested card of e, not the top-level card of its name */
    lp_resource *r = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_load(ws, "t.dashboard.e", &r, &err), LP_OK, "%s", err.message);
    cr_assert_str_eq(loaded_child_sql(r, "t.card.top"), "select 'nested in e' as v");
    lp_resource_release(r);
    cr_assert_eq(lp_load(ws, "t.card.top", &r, &err), LP_OK, "%s", err.message);
    cr_assert_str_eq(lp_resource_str(r, "sql"), "select 'top level' as v");
    lp_resource_release(r);
}

static const char *only_cell(const lp_run *run, const char *name)
{
    const lp_run_node *n = rf_node(run, name);
    cr_assert_eq(lp_node_row_count(n), 1, "%s has %u rows", name, lp_node_row_count(n));
    return lp_node_row(n, 0)[0].text;
}

Test(nested_names, a_run_of_each_dashboard_returns_its_own_rows)
{
    const char *targets[] = { "a", "b", "e" };
    const char *want[][2] = { { "card of a", "table of a" }, { "card of b", "table of b" },
                              { "nested in e", NULL } };
    for (int i = 0; i < 3; i++) {
        lp_run_opts o = { .database = sqlite_url, .max_parallel = 2 };
        lp_run *run = rf_run(ws, LP_KIND_DASHBOARD, targets[i], &o);
        cr_assert_str_eq(only_cell(run, i == 2 ? "t.card.top" : "t.card.c"), want[i][0]);
        if (want[i][1])
            cr_assert_str_eq(only_cell(run, "t.table.container_k_anonymous_table_0"), want[i][1]);
        lp_run_free(run);
    }
}

/* Reopened from its persisted image (opts.index_cache): the same trees, the same name holders,
 * and a run of b still gets b's blocks. */
Test(nested_names, a_workspace_reopened_from_its_image_keeps_each_tree)
{
    char *cache = wf_tmpdir();   /* mkdtemp: private, as the cache must be; outside the mod */
    lp_workspace_opts o = { .no_background = 1, .index_cache = cache };
    uint32_t want_ca = lp_lookup(ws, "t.card.c"), want_top = lp_lookup(ws, "t.card.top");
    for (int round = 0; round < 2; round++) {
        lp_close(ws);
        lp_error err = { 0 };
        cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "%s", err.message);
        lp_workspace_stats st;
        lp_workspace_stats_get(ws, &st);
        cr_assert_eq(st.reopened, round == 1, "round %d: reopened %d (%s)", round, st.reopened,
                     st.index_cache_note);
        cr_assert_eq(wf_count_diags(ws, "Duplicate resource name", NULL), 1);
        uint32_t a = lp_lookup(ws, "t.dashboard.a"), b = lp_lookup(ws, "t.dashboard.b");
        uint32_t ca = child_named(a, "t.card.c"), cb = child_named(b, "t.card.c");
        cr_assert_neq(ca, cb);
        cr_assert_eq(lp_lookup(ws, "t.card.c"), want_ca);
        cr_assert_eq(lp_lookup(ws, "t.card.top"), want_top);
        lp_run_opts ro = { .database = sqlite_url, .max_parallel = 2 };
        lp_run *run = rf_run(ws, LP_KIND_DASHBOARD, "b", &ro);
        cr_assert_str_eq(only_cell(run, "t.card.c"), "card of b");
        cr_assert_str_eq(only_cell(run, "t.table.container_k_anonymous_table_0"), "table of b");
        lp_run_free(run);
    }
    wf_remove(cache);
}
