/* test_index_hierarchy.c — parents, top level, cycles, trunks and the
 * available_dashboards payload (POWERPIPE_BEHAVIOR §4, §5 with §13), on the
 * reference fixtures (../shared/testdata/powerpipe/lazy-loading-tests) and on
 * small inline workspaces.  Expected values are read off the fixture files
 * and the spec by hand.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/jsontree.h"
#include "support/wsfix.h"

static lp_workspace *ws;
static char *dir;
static jt *payload;

static void done(void)
{
    jt_free(payload);
    payload = NULL;
    wf_done(&ws, &dir);
}

TestSuite(hier, .fini = done);

static void open_fixture(const char *name)
{
    char rel[256];
    snprintf(rel, sizeof rel, "testdata/powerpipe/lazy-loading-tests/%s", name);
    ws = wf_open(wf_shared(rel), 0);
}

static const jt *load_payload(void)
{
    lp_buf b = { 0 };
    cr_assert_eq(lp_available_dashboards_json(ws, &b), LP_OK);
    char err[256];
    payload = jt_parse(b.data, b.len, err, sizeof err);
    cr_assert(payload, "payload is not JSON: %s", err);
    lp_buf_free(&b);
    return payload;
}

static const jt *bench(const char *name)
{
    const jt *b = jt_get(jt_get(payload, "benchmarks"), name);
    cr_assert(b, "payload has no benchmark %s", name);
    return b;
}

/* trunks of a payload benchmark as "a>b|c>d" */
static char *trunks_str(const jt *b)
{
    static char buf[8192];
    buf[0] = '\0';
    const jt *t = jt_get(b, "trunks");
    cr_assert(t);
    if (t->kind == JT_NULL) return strcpy(buf, "null");
    for (size_t i = 0; i < t->n; i++) {
        if (i) strcat(buf, "|");
        for (size_t j = 0; j < t->items[i]->n; j++) {
            if (j) strcat(buf, ">");
            const char *s = t->items[i]->items[j]->s;
            const char *dot = strrchr(s, '.');
            strcat(buf, dot ? dot + 1 : s);
        }
    }
    return buf;
}

Test(hier, deep_hierarchy_levels_and_trunks)
{
    open_fixture("deep-hierarchy");
    cr_assert_eq(lp_diag_count(ws), 0);
    const char *m = "lazy_deep_hierarchy.benchmark.";
    char name[128];
    snprintf(name, sizeof name, "%sroot", m);
    cr_assert_eq(wf_get(ws, name).is_top_level, 1);
    snprintf(name, sizeof name, "%sbranching_root", m);
    cr_assert_eq(wf_get(ws, name).is_top_level, 1);
    for (int i = 1; i <= 10; i++) {
        snprintf(name, sizeof name, "%slevel_%d", m, i);
        lp_entry_info e = wf_get(ws, name);
        cr_assert_eq(e.is_top_level, 0, "%s", name);
        uint32_t id = lp_lookup(ws, name);
        cr_assert_eq(lp_entry_parent_count(ws, id), 1);
        lp_entry_info p;
        lp_entry_get(ws, lp_entry_parent(ws, id, 0), &p);
        if (i == 1) snprintf(name, sizeof name, "%sroot", m);
        else snprintf(name, sizeof name, "%slevel_%d", m, i - 1);
        cr_assert_str_eq(p.name, name);
    }
    uint32_t leaf = lp_lookup(ws, "lazy_deep_hierarchy.control.leaf_control");
    cr_assert_eq(lp_entry_parent_count(ws, leaf), 1);
    load_payload();
    snprintf(name, sizeof name, "%slevel_9", m);
    const jt *t = jt_get(bench(name), "trunks");
    cr_assert_eq(t->n, 1);
    cr_assert_eq(t->items[0]->n, 10, "trunk of level 9 has length 10");
    cr_assert_str_eq(trunks_str(bench(name)),
                     "root>level_1>level_2>level_3>level_4>level_5>level_6>level_7>level_8>level_9");
    snprintf(name, sizeof name, "%sroot", m);
    cr_assert_str_eq(trunks_str(bench(name)), "root");
    /* nested children objects go all the way down, controls excluded */
    const jt *c = bench(name);
    int depth = 0;
    while ((c = jt_get(c, "children"))) {
        cr_assert_eq(c->n, 1);
        c = c->items[0];
        cr_assert_eq(jt_get(c, "is_top_level")->b, 0);
        cr_assert_eq(jt_get(c, "trunks")->kind, JT_NULL);
        cr_assert_str_eq(jt_get(c, "mod_full_name")->s, "");
        depth++;
    }
    cr_assert_eq(depth, 10);
}

Test(hier, wide_hierarchy_has_100_children)
{
    open_fixture("wide-hierarchy");
    uint32_t n = 0;
    for (uint32_t id = lp_next_of_kind(ws, LP_KIND_BENCHMARK, LP_NO_ENTRY); id != LP_NO_ENTRY;
         id = lp_next_of_kind(ws, LP_KIND_BENCHMARK, id)) {
        cr_assert_eq(lp_entry_child_count(ws, id), 100);
        for (uint32_t i = 0; i < 100; i++) {
            uint32_t c = lp_entry_child(ws, id, i);
            cr_assert_eq(lp_entry_parent_count(ws, c), 1);
            cr_assert_eq(lp_entry_parent(ws, c, 0), id);
        }
        n++;
    }
    cr_assert_eq(n, 1);
    uint32_t controls = 0;
    for (uint32_t id = lp_next_of_kind(ws, LP_KIND_CONTROL, LP_NO_ENTRY); id != LP_NO_ENTRY;
         id = lp_next_of_kind(ws, LP_KIND_CONTROL, id))
        controls++;
    cr_assert_eq(controls, 100);
    load_payload();
    /* controls never appear as payload children */
    const jt *b = jt_get(payload, "benchmarks");
    cr_assert_eq(b->n, 1);
    cr_assert_null(jt_get(b->items[0], "children"));
}

Test(hier, error_conditions_are_diagnostics_and_the_rest_stays)
{
    open_fixture("error-conditions");
    const char *m = "lazy_error_conditions.";
    char n[160];
#define NAME(x) (snprintf(n, sizeof n, "%s%s", m, x), n)
    /* cycles: reported once each, nobody top level, trunks null, children cut at the repeat */
    cr_assert_eq(
        wf_count_diags(
            ws, "Circular dependency",
            "circular dependency detected: lazy_error_conditions.benchmark.circular_a -> "
            "lazy_error_conditions.benchmark.circular_b -> lazy_error_conditions.benchmark.circular_c -> "
            "lazy_error_conditions.benchmark.circular_a"),
        1);
    cr_assert_eq(wf_count_diags(ws, "Circular dependency",
                                "lazy_error_conditions.benchmark.self_reference -> "
                                "lazy_error_conditions.benchmark.self_reference"), 1);
    cr_assert_eq(wf_count_diags(ws, "Circular dependency", NULL), 2);
    cr_assert_eq(wf_get(ws, NAME("benchmark.circular_a")).is_top_level, 0);
    cr_assert_eq(wf_get(ws, NAME("benchmark.self_reference")).is_top_level, 0);
    /* duplicates: the first definition is indexed, the second reported with both places */
    cr_assert_str_eq(wf_get(ws, NAME("query.duplicate_query")).title, "Duplicate Query - First Definition");
    cr_assert_str_eq(wf_get(ws, NAME("control.duplicate_control")).title, "Duplicate Control - First");
    cr_assert_eq(wf_count_diags(ws, "Duplicate resource name", "duplicate-names.pp:5;"), 1);
    cr_assert_eq(wf_count_diags(ws, "Duplicate resource name", NULL), 3);
    for (uint32_t i = 0; i < lp_diag_count(ws); i++) {
        const lp_diag *d = lp_diag_at(ws, i);
        if (strstr(d->detail, "duplicate_query")) {
            cr_assert(strstr(d->file, "duplicate-names.pp"));
            cr_assert_eq(d->line, 11);
        }
    }
    /* invalid child types: warnings; a dashboard used as a child is no longer top level */
    cr_assert_eq(wf_count_diags(ws, "Invalid child type", NULL), 2);
    cr_assert_eq(wf_get(ws, NAME("dashboard.not_a_benchmark_child")).is_top_level, 0);
    /* a missing child: an error at the reference, kept in child_names */
    cr_assert_eq(wf_count_diags(ws, "Missing child", "control_that_does_not_exist"), 1);
    uint32_t b = lp_lookup(ws, NAME("benchmark.refs_missing_control"));
    cr_assert_eq(lp_entry_child_name_count(ws, b), 2);
    cr_assert_eq(lp_entry_child_count(ws, b), 1);
    cr_assert_str_eq(lp_entry_child_name(ws, b, 1), NAME("control.control_that_does_not_exist"));
    /* a child listed twice: reported, one parent link */
    cr_assert_eq(wf_count_diags(ws, "Duplicate child", "valid_control"), 1);
    cr_assert_eq(lp_entry_parent_count(ws, lp_lookup(ws, NAME("control.valid_control"))), 1);
    /* every other resource is there */
    cr_assert_neq(lp_lookup(ws, NAME("control.refs_missing_query")), LP_NO_ENTRY);
    cr_assert_str_eq(wf_get(ws, NAME("control.refs_missing_query")).query_ref,
                     NAME("query.nonexistent_query"));
    load_payload();
    cr_assert_str_eq(trunks_str(bench(NAME("benchmark.circular_a"))), "null");
    const jt *a = bench(NAME("benchmark.circular_a"));
    const jt *ch = jt_get(a, "children");
    cr_assert(ch && ch->n == 1);
    const jt *bb = ch->items[0];
    cr_assert_str_eq(jt_get(bb, "short_name")->s, "circular_b");
    const jt *cc = jt_get(bb, "children")->items[0];
    cr_assert_str_eq(jt_get(cc, "short_name")->s, "circular_c");
    cr_assert_null(jt_get(cc, "children"), "circular_a is on the path: skipped");
    cr_assert_null(jt_get(bench(NAME("benchmark.self_reference")), "children"));
    /* the duplicated child appears twice in the payload children as Powerpipe lists it */
#undef NAME
}

Test(hier, diamond_trunks_in_dfs_order)
{
    dir = wf_mod_dir("mod \"m\" {\n}\n");
    wf_write(dir, "b.pp",
             "benchmark \"top\" {\n  children = [benchmark.a, benchmark.b]\n}\n"
             "benchmark \"a\" {\n  children = [benchmark.child]\n}\n"
             "benchmark \"b\" {\n  children = [benchmark.child]\n}\n"
             "benchmark \"child\" {\n  children = [control.c]\n}\n"
             "control \"c\" {\n}\n");
    ws = wf_open(dir, 1);
    load_payload();
    cr_assert_str_eq(trunks_str(bench("m.benchmark.child")), "top>a>child|top>b>child");
    cr_assert_str_eq(trunks_str(bench("m.benchmark.top")), "top");
    uint32_t child = lp_lookup(ws, "m.benchmark.child");
    cr_assert_eq(lp_entry_parent_count(ws, child), 2);
    cr_assert_eq(lp_entry_parent(ws, child, 0), lp_lookup(ws, "m.benchmark.a"));
    cr_assert_eq(lp_entry_parent(ws, child, 1), lp_lookup(ws, "m.benchmark.b"));
    /* the diamond is expanded under both branches */
    const jt *ch = jt_get(bench("m.benchmark.top"), "children");
    cr_assert_eq(ch->n, 2);
    cr_assert_str_eq(jt_get(jt_get(ch->items[0], "children")->items[0], "short_name")->s, "child");
    cr_assert_str_eq(jt_get(jt_get(ch->items[1], "children")->items[0], "short_name")->s, "child");
}

Test(hier, detection_benchmarks_keep_to_their_kind)
{
    dir = wf_mod_dir("mod \"m\" {\n}\n");
    wf_write(dir, "b.pp",
             "benchmark \"det\" {\n  type = \"detection\"\n  children = [benchmark.det_child, benchmark.ctl, "
             "detection.d]\n}\n"
             "benchmark \"det_child\" {\n  type = \"detection\"\n  children = [detection.d]\n}\n"
             "benchmark \"ctl\" {\n  children = [control.c]\n}\n"
             "detection \"d\" {\n}\ncontrol \"c\" {\n}\n");
    ws = wf_open(dir, 1);
    cr_assert_eq(wf_count_diags(ws, "Invalid child type", "m.benchmark.ctl"), 1);
    load_payload();
    const jt *d = bench("m.benchmark.det");
    cr_assert_str_eq(jt_get(d, "benchmark_type")->s, "detection");
    const jt *ch = jt_get(d, "children");
    cr_assert_eq(ch->n, 1, "only the detection benchmark child");
    cr_assert_str_eq(jt_get(ch->items[0], "benchmark_type")->s, "detection");
    cr_assert_str_eq(trunks_str(bench("m.benchmark.det_child")), "det>det_child");
    /* ctl is a child of det (not top level) but not reachable in the payload: no trunk */
    cr_assert_eq(jt_get(bench("m.benchmark.ctl"), "is_top_level")->b, 0);
    cr_assert_str_eq(trunks_str(bench("m.benchmark.ctl")), "null");
    cr_assert_eq(jt_get(payload, "detection_benchmarks")->kind, JT_NULL);
}

Test(hier, multi_mod_names_top_level_and_payload)
{
    open_fixture("multi-mod/main");
    cr_assert_eq(lp_diag_count(ws), 0);
    cr_assert_eq(lp_mod_count(ws), 3);
    wf_expect_mod(ws, 0, "lazy_multi_mod_main", "Multi-Mod Main", "");
    /* "dep-mod-2@v2.0.0" sorts before "dep-mod@v1.0.0" */
    wf_expect_mod(ws, 1, "dep_mod_2", "Dependency Mod 2", "github.com/test/dep-mod-2");
    cr_assert_str_eq(wf_expect_mod(ws, 2, "dep_mod", NULL, "github.com/test/dep-mod").full_name,
                     "mod.dep_mod");
    /* the same short name in three mods: three entries */
    cr_assert_neq(lp_lookup(ws, "lazy_multi_mod_main.query.shared_name"), LP_NO_ENTRY);
    cr_assert_neq(lp_lookup(ws, "dep_mod.query.shared_name"), LP_NO_ENTRY);
    cr_assert_neq(lp_lookup(ws, "dep_mod_2.query.shared_name"), LP_NO_ENTRY);
    lp_entry_info q = wf_get(ws, "dep_mod.query.dep_query");
    cr_assert_str_eq(q.mod_full_name, "mod.dep_mod");
    cr_assert(strstr(q.file_name, ".powerpipe/mods/github.com/test/dep-mod@v1.0.0/queries.pp"));
    /* references inside a dependency are qualified with its own name */
    cr_assert_str_eq(wf_get(ws, "dep_mod.control.dep_control").query_ref, "dep_mod.query.dep_shared");
    cr_assert_str_eq(wf_get(ws, "lazy_multi_mod_main.control.uses_dep_query").query_ref,
                     "dep_mod.query.dep_query");
    /* eager top level: a dependency's own top benchmark stays top level when the main mod uses it */
    cr_assert_eq(wf_get(ws, "dep_mod.benchmark.dep_nested").is_top_level, 1);
    cr_assert_eq(wf_get(ws, "dep_mod.benchmark.dep_benchmark").is_top_level, 0);
    cr_assert_eq(wf_get(ws, "lazy_multi_mod_main.benchmark.mixed_sources").is_top_level, 0);
    cr_assert_eq(wf_get(ws, "lazy_multi_mod_main.benchmark.top_level_spanning").is_top_level, 1);
    uint32_t dn = lp_lookup(ws, "dep_mod.benchmark.dep_nested");
    cr_assert_eq(lp_entry_parent_count(ws, dn), 1);
    load_payload();
    cr_assert_eq(jt_get(payload, "benchmarks")->n, 7);
    cr_assert_eq(jt_get(payload, "dashboards")->n, 1);
    cr_assert_str_eq(trunks_str(bench("dep_mod.benchmark.dep_nested")),
                     "dep_nested|top_level_spanning>dep_nested");
    cr_assert_str_eq(trunks_str(bench("dep_mod.benchmark.dep_benchmark")),
                     "dep_nested>dep_benchmark|top_level_spanning>includes_dep_benchmark>dep_benchmark|"
                     "top_level_spanning>dep_nested>dep_benchmark");
    const jt *b = bench("dep_mod.benchmark.dep_benchmark");
    cr_assert_str_eq(jt_get(b, "mod_full_name")->s, "mod.dep_mod");
    cr_assert_str_eq(jt_get(jt_get(b, "tags"), "mod")->s, "mod.dep_mod");
    /* a nested child's mod tag is its own mod's */
    const jt *inc = jt_get(bench("lazy_multi_mod_main.benchmark.includes_dep_benchmark"), "children");
    cr_assert_str_eq(jt_get(jt_get(inc->items[0], "tags"), "mod")->s, "mod.dep_mod");
    cr_assert_str_eq(jt_get(inc->items[0], "mod_full_name")->s, "");
}

Test(hier, dependency_dir_without_mod_file_is_not_a_mod)
{
    open_fixture("multi-mod-invalid-dep");
    cr_assert_eq(lp_mod_count(ws), 1);
    cr_assert_eq(lp_entry_count(ws), 1);
    cr_assert_neq(lp_lookup(ws, "lazy_multi_mod_invalid.query.main_query"), LP_NO_ENTRY);
}

Test(hier, references_to_missing_mods)
{
    open_fixture("multi-mod-errors");
    cr_assert_str_eq(wf_get(ws, "lazy_multi_mod_errors.control.missing_mod_ref").query_ref,
                     "nonexistent_mod.query.some_query");
    cr_assert_eq(wf_count_diags(ws, "Missing child", "nonexistent_mod.control.some_control"), 1);
    cr_assert_eq(wf_get(ws, "lazy_multi_mod_errors.benchmark.missing_mod_benchmark").is_top_level, 1);
}

/* §5.3 worked example.  The expected bytes are the spec's "before background
 * resolution" payload made compact.  §13 changes nothing in it: the eager
 * name of the last anonymous card (…_card_1) only shows in child_names, and
 * `snapshots` is {} since the workspace has no snapshot files. */
Test(hier, worked_example_payload_byte_for_byte)
{
    dir = wf_mod_dir(
        "mod \"demo\" {\n  title = \"Demo Mod\"\n}\nlocals {\n  common_tags = { service = \"AWS/S3\" }\n}\n");
    wf_write(dir, "demo.pp",
             "dashboard \"s3_overview\" {\n  title = \"S3 Overview\"\n  tags  = local.common_tags\n"
             "  container {\n    card { sql = \"select 1\" }\n  }\n"
             "  card \"named_card\" { sql = \"select 2\" }\n  card { sql = \"select 3\" }\n}\n"
             "benchmark \"top\" {\n  title    = \"Top\"\n  children = [benchmark.child, control.c1]\n"
             "  tags     = merge(local.common_tags, { type = \"Benchmark\" })\n}\n"
             "benchmark \"child\" {\n  title    = \"Child\"\n  children = [control.c1]\n}\n"
             "control \"c1\" {\n  title = \"C1\"\n"
             "  sql   = \"select 'ok' as status, 's3' as resource, 'fine' as reason\"\n}\n");
    const char *want =
        "{\"action\":\"available_dashboards\","
        "\"dashboards\":{\"demo.dashboard.s3_overview\":{\"title\":\"S3 "
        "Overview\",\"full_name\":\"demo.dashboard.s3_overview\","
        "\"short_name\":\"s3_overview\",\"tags\":{\"mod\":\"mod.demo\"},\"mod_full_name\":\"mod.demo\","
        "\"database\":\"\"}},"
        "\"benchmarks\":{"
        "\"demo.benchmark.child\":{\"title\":\"Child\",\"full_name\":\"demo.benchmark.child\",\"short_name\":"
        "\"child\","
        "\"benchmark_type\":\"control\",\"tags\":{\"mod\":\"mod.demo\"},\"is_top_level\":false,"
        "\"trunks\":[[\"demo.benchmark.top\",\"demo.benchmark.child\"]],\"mod_full_name\":\"mod.demo\"},"
        "\"demo.benchmark.top\":{\"title\":\"Top\",\"full_name\":\"demo.benchmark.top\",\"short_name\":"
        "\"top\","
        "\"benchmark_type\":\"control\",\"tags\":{\"mod\":\"mod.demo\",\"type\":\"Benchmark\"},\"is_top_"
        "level\":true,"
        "\"children\":[{\"title\":\"Child\",\"full_name\":\"demo.benchmark.child\",\"short_name\":\"child\","
        "\"benchmark_type\":\"control\",\"tags\":{\"mod\":\"mod.demo\"},\"is_top_level\":false,\"trunks\":"
        "null,"
        "\"mod_full_name\":\"\"}],"
        "\"trunks\":[[\"demo.benchmark.top\"]],\"mod_full_name\":\"mod.demo\"}},"
        "\"detection_benchmarks\":null,\"snapshots\":{}}";
    for (unsigned workers = 1; workers <= 2; workers++) {
        ws = wf_open(dir, workers);
        lp_buf b = { 0 };
        cr_assert_eq(lp_available_dashboards_json(ws, &b), LP_OK);
        cr_assert_str_eq(b.data, want);
        lp_buf_free(&b);
        /* index highlights of §5.3 */
        uint32_t d = lp_lookup(ws, "demo.dashboard.s3_overview");
        cr_assert_str_eq(lp_entry_child_name(ws, d, 0),
                         "demo.container.dashboard_s3_overview_anonymous_container_0");
        cr_assert_str_eq(lp_entry_child_name(ws, d, 1), "demo.card.named_card");
        cr_assert_str_eq(lp_entry_child_name(ws, d, 2), "demo.card.dashboard_s3_overview_anonymous_card_1");
        uint32_t c1 = lp_lookup(ws, "demo.control.c1");
        cr_assert_eq(lp_entry_parent_count(ws, c1), 2);
        lp_close(ws);
        ws = NULL;
    }
}

Test(hier, payload_escaping_mod_tags_and_snapshots)
{
    dir = wf_mod_dir("mod \"m\" {\n}\n");
    wf_write(dir, "d.pp",
             "dashboard \"esc\" {\n  title = \"a<b>&c \\u2028 \\\"q\\\" \\\\ \\n\"\n"
             "  tags = {\n    mod = \"mine\"\n    \"a\" = \"1\"\n  }\n}\n"
             "dashboard \"plain\" {\n}\n");
    wf_write(dir, "snaps/my_snap.pps", "{}\n");
    wf_write(dir, ".hidden/ignored.pps", "{}\n");
    ws = wf_open(dir, 1);
    lp_buf b = { 0 };
    cr_assert_eq(lp_available_dashboards_json(ws, &b), LP_OK);
    cr_assert(strstr(b.data, "\"title\":\"a\\u003cb\\u003e\\u0026c \\u2028 \\\"q\\\" \\\\ \\n\""), "%s",
              b.data);
    /* an explicit mod tag wins over the enrichment; sorted keys */
    cr_assert(strstr(b.data, "\"tags\":{\"a\":\"1\",\"mod\":\"mine\"}"));
    /* no title: omitted; tags never null */
    cr_assert(strstr(b.data,
                     "\"m.dashboard.plain\":{\"full_name\":\"m.dashboard.plain\",\"short_name\":\"plain\","
                     "\"tags\":{\"mod\":\"mod.m\"},\"mod_full_name\":\"mod.m\",\"database\":\"\"}"));
    char want[4096];
    snprintf(want, sizeof want, "\"snapshots\":{\"snapshot.my_snap\":\"%s/snaps/my_snap.pps\"}}", dir);
    cr_assert(strstr(b.data, want), "%s", b.data);
    lp_buf_free(&b);
}

Test(hier, empty_workspace_and_no_mod_file)
{
    dir = wf_mod_dir("mod \"only\" {\n  title = \"Only\"\n}\n");
    ws = wf_open(dir, 1);
    lp_buf b = { 0 };
    cr_assert_eq(lp_available_dashboards_json(ws, &b), LP_OK);
    cr_assert_str_eq(b.data, "{\"action\":\"available_dashboards\",\"dashboards\":{},\"benchmarks\":{},"
                             "\"detection_benchmarks\":null,\"snapshots\":{}}");
    lp_buf_free(&b);
    lp_close(ws);
    wf_remove(dir);
    dir = wf_tmpdir();
    wf_write(dir, "a.pp", "benchmark \"b\" {\n}\n");
    ws = wf_open(dir, 1);
    lp_mod_info mi;
    lp_mod_get(ws, 0, &mi);
    cr_assert_str_eq(mi.name, "local");             /* §13.13: eager's name for a mod-less workspace */
    cr_assert_str_eq(mi.title, "local");
    cr_assert_neq(lp_lookup(ws, "local.benchmark.b"), LP_NO_ENTRY);
}

Test(hier, deterministic_bytes_across_opens_and_thread_counts)
{
    const char *fixtures[] = { "cross-refs", "multi-mod/main", "error-conditions", "generated/medium" };
    for (size_t f = 0; f < sizeof fixtures / sizeof fixtures[0]; f++) {
        char rel[256];
        snprintf(rel, sizeof rel, "testdata/powerpipe/lazy-loading-tests/%s", fixtures[f]);
        char *first = NULL, *first_list = NULL;
        for (unsigned workers = 1; workers <= 4; workers++) {
            lp_workspace *w = wf_open(wf_shared(rel), workers);
            lp_buf b = { 0 }, l = { 0 };
            cr_assert_eq(lp_available_dashboards_json(w, &b), LP_OK);
            cr_assert_eq(lp_list_json(w, LP_KIND_BENCHMARK, &l), LP_OK);
            if (!first) {
                first = strdup(b.data);
                first_list = strdup(l.data);
            } else {
                cr_assert_str_eq(b.data, first, "%s: payload differs with %u workers", fixtures[f], workers);
                cr_assert_str_eq(l.data, first_list, "%s: list differs with %u workers", fixtures[f],
                                 workers);
            }
            lp_buf_free(&b);
            lp_buf_free(&l);
            lp_close(w);
        }
        free(first);
        free(first_list);
    }
}

/* §5.6 list items for the §5.3 workspace: §4's paths example and §3.7's
 * reference names (top -> control.c1 is "7ff87a8b", -> benchmark.child
 * "8de14c71"); keys sorted, empty values left out, no `mod` tag added. */
Test(hier, list_json_items)
{
    dir = wf_mod_dir("mod \"demo\" {\n  title = \"Demo Mod\"\n}\n");
    wf_write(dir, "demo.pp",
             "dashboard \"s3_overview\" {\n  title = \"S3 Overview\"\n  card { sql = \"select 3\" }\n}\n"
             "benchmark \"top\" {\n  title    = \"Top\"\n  children = [\n    benchmark.child,\n    "
             "control.c1\n  ]\n"
             "  tags     = merge(local.common_tags, { type = \"Benchmark\" })\n}\n"
             "benchmark \"child\" {\n  title    = \"Child\"\n  children = [control.c1]\n}\n"
             "control \"c1\" {\n  title = \"C1\"\n  sql   = \"select 1\"\n}\n");
    ws = wf_open(dir, 1);
    char err[256];
    lp_buf b = { 0 };
    cr_assert_eq(lp_list_json(ws, LP_KIND_CONTROL, &b), LP_OK);
    jt *c = jt_parse(b.data, b.len, err, sizeof err);
    cr_assert(c && c->kind == JT_ARR && c->n == 1, "%s", b.data);
    const jt *c1 = c->items[0];
    cr_assert_eq(c1->n, 13, "keys: %s", b.data);
    const char *keys[] = {
        "args", "auto_generated", "end_line_number", "file_name",         "is_anonymous", "mod_name",
        "path", "qualified_name", "resource_name",   "source_definition", "sql",          "start_line_number",
        "title"
    };
    for (size_t i = 0; i < c1->n; i++) cr_assert_str_eq(c1->keys[i], keys[i]);   /* sorted, as written */
    cr_assert_str_eq(jt_get(c1, "sql")->s, "select 1");
    cr_assert_eq(jt_get(c1, "args")->n, 0);
    cr_assert_eq(jt_get(c1, "start_line_number")->num, 17);
    cr_assert_eq(jt_get(c1, "end_line_number")->num, 20);
    cr_assert_str_eq(jt_get(c1, "source_definition")->s,
                     "control \"c1\" {\n  title = \"C1\"\n  sql   = \"select 1\"\n}");
    const jt *p = jt_get(c1, "path");
    cr_assert_eq(p->n, 2);
    const char *p0[] = { "mod.demo", "demo.benchmark.top", "demo.control.c1" };
    const char *p1[] = { "mod.demo", "demo.benchmark.top", "demo.benchmark.child", "demo.control.c1" };
    cr_assert_eq(p->items[0]->n, 3);
    cr_assert_eq(p->items[1]->n, 4);
    for (int i = 0; i < 3; i++) cr_assert_str_eq(p->items[0]->items[i]->s, p0[i]);
    for (int i = 0; i < 4; i++) cr_assert_str_eq(p->items[1]->items[i]->s, p1[i]);
    jt_free(c);
    b.len = 0;
    cr_assert_eq(lp_list_json(ws, LP_KIND_BENCHMARK, &b), LP_OK);
    jt *bl = jt_parse(b.data, b.len, err, sizeof err);
    cr_assert(bl && bl->n == 2);
    const jt *top = bl->items[1];                         /* sorted by name: child, top */
    cr_assert_str_eq(jt_get(top, "qualified_name")->s, "demo.benchmark.top");
    cr_assert_str_eq(jt_get(jt_get(top, "tags"), "type")->s, "Benchmark");
    cr_assert_null(jt_get(jt_get(top, "tags"), "mod"));
    cr_assert_null(jt_get(top, "args"));
    const jt *refs = jt_get(top, "references");
    cr_assert_eq(refs->n, 2);
    cr_assert_str_eq(jt_get(refs->items[0], "reference_to")->s, "benchmark.child");
    cr_assert_str_eq(jt_get(refs->items[0], "resource_name")->s, "8de14c71");
    cr_assert_str_eq(jt_get(refs->items[1], "reference_to")->s, "control.c1");
    cr_assert_str_eq(jt_get(refs->items[1], "resource_name")->s, "7ff87a8b");
    cr_assert_str_eq(jt_get(refs->items[1], "reference_from")->s, "benchmark.top");
    cr_assert_eq(jt_get(refs->items[1], "start_line_number")->num, 7);
    cr_assert_eq(jt_get(refs->items[1], "end_line_number")->num, 10);
    cr_assert_str_eq(jt_get(refs->items[1], "source_definition")->s,
                     "  children = [\n    benchmark.child,\n    control.c1\n  ]");
    jt_free(bl);
    b.len = 0;
    cr_assert_eq(lp_list_json(ws, LP_KIND_DASHBOARD, &b), LP_OK);
    jt *dl = jt_parse(b.data, b.len, err, sizeof err);
    cr_assert(dl && dl->n == 1);
    cr_assert_str_eq(jt_get(dl->items[0], "url_path")->s, "/demo.dashboard.s3_overview");
    cr_assert_str_eq(jt_get(dl->items[0], "children")->items[0]->s,
                     "demo.card.dashboard_s3_overview_anonymous_card_0");
    jt_free(dl);
    lp_buf_free(&b);
}
