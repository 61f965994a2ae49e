/* test_deps_listed.c — which mods' resources are listed.  Powerpipe's workspace holds the main
 * mod's resources and each DIRECT dependency's own (pipe-fittings ModParseContext.setResourceMaps
 * and AddLoadedDependencyMod merge dep.GetResourceMaps().TopLevelResources(): the resources whose
 * mod is that dependency); a dependency's dependency is loaded for it alone.  So with a mod A
 * requiring B requiring C (installed flat under .powerpipe/mods with a lock file, as `mod install`
 * lays them out), every list, `lazypipe payload` (the server's available_dashboards) and the library
 * show A's and B's resources, never C's, while B's benchmark still runs C's controls.  A missing
 * dependency, direct or C, is Powerpipe's one line (EnsureWorkspaceLock, loadModDependency). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/clirun.h"
#include "support/wsfix.h"

#define B_DIR ".powerpipe/mods/github.com/t/b@v1.0.0"
#define C_DIR ".powerpipe/mods/github.com/t/c@v1.0.0"
#define MISSING "error: not all dependencies are installed - run 'lazypipe mod install'\n"

static char *dir;

static void deps_workspace(void)
{
    dir = wf_mod_dir("mod \"a\" {\n  require {\n    mod \"github.com/t/b\" {\n      version = \"^1\"\n"
                     "    }\n  }\n}\n");
    wf_write(dir, "a.pp",
             "benchmark \"top\" {\n  title = \"A top\"\n  children = [control.ac]\n}\n"
             "control \"ac\" {\n  sql = \"select 'r' as resource, 'ok' as status, 'a' as reason\"\n}\n"
             "query \"aq\" {\n  sql = \"select 1\"\n}\n"
             "dashboard \"ad\" {\n  input \"region\" {\n"
             "    sql = \"select 'x' as label, 'x' as value\"\n  }\n"
             "  text {\n    value = \"a\"\n  }\n}\n"
             "dashboard \"ad2\" {\n  input \"region\" {\n"
             "    sql = \"select 'y' as label, 'y' as value\"\n  }\n}\n");
    wf_write(dir, B_DIR "/mod.pp",
             "mod \"b\" {\n  require {\n    mod \"github.com/t/c\" {\n"
             "      version = \"^1\"\n    }\n  }\n}\n");
    wf_write(dir, B_DIR "/b.pp",
             "benchmark \"bb\" {\n  title = \"B bench\"\n  children = [c.control.cc, c.benchmark.cb]\n}\n"
             "control \"bc\" {\n  sql = \"select 'r' as resource, 'ok' as status, 'b' as reason\"\n}\n"
             "query \"bq\" {\n  sql = \"select 2\"\n}\n"
             "dashboard \"bd\" {\n  text {\n    value = \"b\"\n  }\n}\n");
    wf_write(dir, C_DIR "/mod.pp", "mod \"c\" {\n}\n");
    wf_write(dir, C_DIR "/c.pp",
             "benchmark \"cb\" {\n  title = \"C bench\"\n  children = [control.cc2]\n}\n"
             "control \"cc\" {\n  sql = \"select 'r1' as resource, 'ok' as status, 'from c' as reason\"\n}\n"
             "control \"cc2\" {\n"
             "  sql = \"select 'r2' as resource, 'alarm' as status, 'from c2' as reason\"\n}\n"
             "query \"cq\" {\n  sql = \"select 3\"\n}\n"
             "dashboard \"cd\" {\n  text {\n    value = \"c\"\n  }\n}\n");
    /* the lock file `mod install` writes: a's dependency b, b's dependency c */
    wf_write(dir, ".mod.cache.json",
             "{\n  \"a\": {\n    \"github.com/t/b\": {\n      \"name\": \"github.com/t/b\",\n"
             "      \"version\": \"1.0.0\",\n      \"constraint\": \"^1\",\n"
             "      \"struct_version\": 20220411\n"
             "    }\n  },\n  \"github.com/t/b@v1.0.0\": {\n    \"github.com/t/c\": {\n"
             "      \"name\": \"github.com/t/c\",\n      \"version\": \"1.0.0\",\n"
             "      \"constraint\": \"^1\",\n"
             "      \"struct_version\": 20220411\n    }\n  }\n}\n");
}

static void done(void) { wf_remove(dir); }

TestSuite(deps_listed, .init = deps_workspace, .fini = done);

/* The table of every list command: A's resources (short names) and B's (full names), not C's,
 * although C is indexed and B's benchmark names C's controls and benchmark as its children. */
Test(deps_listed, text_lists_hold_direct_dependencies_only)
{
    cl_expect_want(&(cl_want){ .status = 0, .err_is = "",
                               .out_is = "MOD    NAME              TYPE\n"
                                         "a      top               control\n"
                                         "b      b.benchmark.bb    control\n" },
                   "--mod-location %s benchmark list", dir);
    cl_expect_want(&(cl_want){ .status = 0, .err_is = "",
                               .out_is = "MOD    NAME\na      ac\nb      b.control.bc\n" },
                   "--mod-location %s control list", dir);
    cl_expect_want(&(cl_want){ .status = 0, .err_is = "",
                               .out_is = "MOD    NAME\na      aq\nb      b.query.bq\n" },
                   "--mod-location %s query list", dir);
    cl_expect_want(&(cl_want){ .status = 0, .err_is = "",
                               .out_is = "MOD    NAME\na      ad\na      ad2\nb      b.dashboard.bd\n" },
                   "--mod-location %s dashboard list", dir);
    cl_expect_want(&(cl_want){ .status = 0, .err_is = "",
                               .out_is = "MOD    NAME\n"
                                         "a      dashboard_ad_anonymous_text_0\n"
                                         "b      b.text.dashboard_bd_anonymous_text_0\n" },
                   "--mod-location %s dashboard text list", dir);
}

/* --output json: the same sets, by qualified name */
Test(deps_listed, json_lists_hold_direct_dependencies_only)
{
    cl_expect_want(&(cl_want){ .status = 0, .err_is = "",
                               .out = { "\"qualified_name\": \"a.control.ac\"",
                                        "\"qualified_name\": \"b.control.bc\"" },
                               .not_out = { "\"qualified_name\": \"c.control.cc\"",
                                            "\"qualified_name\": \"c.control.cc2\"" } },
                   "--mod-location %s control list --output json", dir);
    cl_expect_want(&(cl_want){ .status = 0, .err_is = "",
                               .out = { "\"qualified_name\": \"a.benchmark.top\"",
                                        "\"qualified_name\": \"b.benchmark.bb\"" },
                               .not_out = { "\"qualified_name\": \"c.benchmark.cb\"" } },
                   "--mod-location %s benchmark list --output json", dir);
    cl_expect_want(&(cl_want){ .status = 0, .err_is = "",
                               .out = { "\"qualified_name\": \"b.dashboard.bd\"" },
                               .not_out = { "\"qualified_name\": \"c.dashboard.cd\"" } },
                   "--mod-location %s dashboard list --output json", dir);
    cl_expect_want(&(cl_want){ .status = 0, .err_is = "", .out = { "\"qualified_name\": \"b.query.bq\"" },
                               .not_out = { "\"qualified_name\": \"c.query.cq\"" } },
                   "--mod-location %s query list --output json", dir);
}

/* `mod list`: Powerpipe's list of the workspace's mod resources, the main mod and B */
Test(deps_listed, mod_list_holds_direct_dependencies_only)
{
    cl_expect_want(&(cl_want){ .status = 0, .err_is = "",
                               .out = { "\"qualified_name\": \"mod.a\"", "\"qualified_name\": \"mod.b\"" },
                               .not_out = { "\"qualified_name\": \"mod.c\"" } },
                   "--mod-location %s mod list --output json", dir);
}

/* available_dashboards (`lazypipe payload`, the message the server sends): A's and B's dashboards
 * and benchmarks are map keys; C's benchmark is no key, only B's child, written whole there (its
 * title and mod); C's dashboard is nowhere. */
Test(deps_listed, available_dashboards_hold_direct_dependencies_only)
{
    cl_result r = cl_run("--mod-location %s payload", dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "\"a.dashboard.ad\":{") && strstr(r.out, "\"b.dashboard.bd\":{"), "%s", r.out);
    cr_expect(!strstr(r.out, "c.dashboard.cd"), "%s", r.out);
    cr_expect(strstr(r.out, "\"a.benchmark.top\":{") && strstr(r.out, "\"b.benchmark.bb\":{"), "%s", r.out);
    cr_expect(!strstr(r.out, "\"c.benchmark.cb\":{"), "C's benchmark is no key: %s", r.out);
    cr_expect(strstr(r.out, "{\"title\":\"C bench\",\"full_name\":\"c.benchmark.cb\",\"short_name\":\"cb\","
                            "\"benchmark_type\":\"control\",\"tags\":{\"mod\":\"mod.c\"},"
                            "\"is_top_level\":false,"
                            "\"trunks\":null,\"mod_full_name\":\"\"}"),
              "C's benchmark under B's: %s", r.out);
    cl_done(&r);
}

/* A live workspace's payload after an edit in C: C's dashboard is in no payload, so its title
 * changes nothing; C's benchmark is written under B's, so its title changes the kept payload
 * (made from the previous version's where it can), which is a fresh open's byte for byte. */
static void expect_kept_payload(lp_live *lv, const char *title_there, int changed)
{
    lp_changes ch;
    cr_assert_eq(lp_refresh(lv, &ch), LP_OK);
    cr_expect(ch.changed);
    cr_expect_eq(ch.payload_changed, changed);
    lp_changes_free(&ch);
    lp_workspace *ws = lp_live_acquire(lv), *fresh;
    lp_payload *p;
    cr_assert_eq(lp_live_payload(lv, ws, &p), LP_OK);
    lp_live_release(lv, ws);
    lp_workspace_opts o = { .workers = 1 };
    lp_error err;
    cr_assert_eq(lp_open(dir, &o, &fresh, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_wait_resolved(fresh, -1), LP_OK);
    lp_buf b = { 0 };
    cr_assert_eq(lp_available_dashboards_json(fresh, &b), LP_OK);
    lp_close(fresh);
    size_t n;
    const char *got = lp_payload_bytes(p, &n);
    cr_expect(n == b.len && memcmp(got, b.data, n) == 0, "kept:\n%s\nfresh:\n%s", got, b.data);
    cr_expect(strstr(got, title_there), "%s in %s", title_there, got);
    cr_expect(!strstr(got, "c.dashboard.cd"), "%s", got);
    lp_buf_free(&b);
    lp_payload_release(p);
}

Test(deps_listed, live_payload_after_edits_in_the_unlisted_mod)
{
    lp_workspace_opts o = { .workers = 1 };
    lp_live *lv;
    lp_error err;
    cr_assert_eq(lp_live_open(dir, &o, &lv, &err), LP_OK, "%s", err.message);
    lp_workspace *ws = lp_live_acquire(lv);
    lp_payload *p;
    cr_assert_eq(lp_live_payload(lv, ws, &p), LP_OK);
    lp_payload_release(p);
    lp_live_release(lv, ws);
    wf_write(dir, C_DIR "/d.pp", "dashboard \"cd2\" {\n  title = \"new\"\n}\n");
    wf_write(dir, C_DIR "/c.pp",
             "benchmark \"cb\" {\n  title = \"C bench\"\n  children = [control.cc2]\n}\n"
             "control \"cc\" {\n  sql = \"select 1\"\n}\ncontrol \"cc2\" {\n  sql = \"select 2\"\n}\n"
             "dashboard \"cd\" {\n  title = \"edited\"\n}\n");
    expect_kept_payload(lv, "\"title\":\"C bench\"", 0);
    wf_write(dir, C_DIR "/c.pp",
             "benchmark \"cb\" {\n  title = \"C edited\"\n  children = [control.cc2]\n}\n"
             "control \"cc\" {\n  sql = \"select 1\"\n}\ncontrol \"cc2\" {\n  sql = \"select 2\"\n}\n"
             "dashboard \"cd\" {\n  title = \"edited\"\n}\n");
    expect_kept_payload(lv, "\"title\":\"C edited\",\"full_name\":\"c.benchmark.cb\"", 1);
    lp_live_close(lv);
}

/* The library says which mods are listed; C's entries are still indexed and resolvable. */
Test(deps_listed, library_lists_main_and_direct_mods)
{
    lp_workspace *ws = wf_open(dir, 1);
    cr_assert_eq(lp_mod_count(ws), 3);
    for (uint32_t m = 0; m < 3; m++) {
        lp_mod_info mi;
        cr_assert_eq(lp_mod_get(ws, m, &mi), LP_OK);
        cr_expect_eq(lp_mod_listed(ws, m), strcmp(mi.name, "c") != 0, "mod %s", mi.name);
    }
    uint32_t cc = lp_lookup(ws, "c.control.cc");
    cr_assert_neq(cc, LP_NO_ENTRY, "C's control is indexed");
    cr_expect(!lp_entry_listed(ws, cc));
    cr_expect(lp_entry_listed(ws, lp_lookup(ws, "b.control.bc")));
    cr_expect(lp_entry_listed(ws, lp_lookup(ws, "a.control.ac")));
    cr_expect_eq(lp_entry_child(ws, lp_lookup(ws, "b.benchmark.bb"), 0), cc);
    lp_close(ws);
}

/* The nested layout (a dependency's dependency in its own .powerpipe/mods, no lock file, no
 * require, mods put in place by hand): the nested mod is not listed, whether the workspace is
 * opened by its absolute path or as "." */
Test(deps_listed, nested_dependency_is_not_listed)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && rm .mod.cache.json && mkdir -p '" B_DIR "/.powerpipe/mods/github.com/t' && "
             "mv '" C_DIR "' '" B_DIR "/.powerpipe/mods/github.com/t/'", dir);
    cr_assert_eq(system(cmd), 0);
    wf_write(dir, "mod.pp", "mod \"a\" {\n}\n");   /* no require: only the layout says which is direct */
    cr_assert_eq(chdir(dir), 0);
    const char *opens[] = { dir, "." };
    for (int i = 0; i < 2; i++) {
        lp_workspace *ws = wf_open(opens[i], 1);
        cr_assert_eq(lp_mod_count(ws), 3, "%s", opens[i]);
        uint32_t cc = lp_lookup(ws, "c.control.cc"), bc = lp_lookup(ws, "b.control.bc");
        cr_assert_neq(cc, LP_NO_ENTRY, "%s", opens[i]);
        cr_expect(!lp_entry_listed(ws, cc), "%s", opens[i]);
        cr_expect(lp_entry_listed(ws, bc), "%s", opens[i]);
        lp_close(ws);
    }
}

/* B's benchmark, whose children are C's, runs them (and shows them); C's control runs by name */
Test(deps_listed, dependency_benchmark_runs_its_dependencys_controls)
{
    wf_write(dir, "data.db", "");
    /* status 1: an alarm (Powerpipe's ExitCodeControlsAlarm) */
    cl_expect_want(&(cl_want){ .status = 1,
                               .out = { "b.benchmark.bb,B bench,,c.control.cc,,,from c,r1,ok,",
                                        "c.benchmark.cb,C bench,,c.control.cc2,,,from c2,r2,alarm," } },
                   "--mod-location %s benchmark run b.benchmark.bb --output csv "
                   "--database sqlite://%s/data.db",
                   dir, dir);
    cl_expect_want(&(cl_want){ .status = 0, .err_is = "", .out = { "c.control.cc", "c.benchmark.cb" } },
                   "--mod-location %s benchmark show b.benchmark.bb", dir);
    cl_expect_want(&(cl_want){ .status = 0, .out = { "from c" } },
                   "--mod-location %s control run c.control.cc --output csv --database sqlite://%s/data.db",
                   dir, dir);
}

/* An input several dashboards declare under one name is one name (mod.input.NAME), so one row and
 * one item, as Powerpipe's list keyed by name; a top-level input of that name is the item kept */
Test(deps_listed, input_list_names_each_input_once)
{
    cl_expect_want(&(cl_want){ .status = 0, .err_is = "", .out_is = "MOD    NAME\na      region\n" },
                   "--mod-location %s dashboard input list", dir);
    cl_result r = cl_run("--mod-location %s dashboard input list --output json", dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    const char *first = strstr(r.out, "\"qualified_name\": \"a.input.region\"");
    cr_expect(first && !strstr(first + 1, "\"qualified_name\": \"a.input.region\""), "%s", r.out);
    cl_done(&r);
    wf_write(dir, "z.pp", "input \"region\" {\n  sql = \"select 'g' as label, 'g' as value\"\n}\n");
    r = cl_run("--mod-location %s dashboard input list --output json", dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    first = strstr(r.out, "\"qualified_name\": \"a.input.region\"");
    cr_expect(first && !strstr(first + 1, "\"qualified_name\": \"a.input.region\""), "%s", r.out);
    cr_expect(strstr(r.out, "z.pp\""), "the top-level input: %s", r.out);
    cl_done(&r);
}

/* A dependency's dependency not installed (its lock entry's folder gone): one line, nothing listed,
 * no "Missing child" for B's references into it; the same for the direct dependency gone */
Test(deps_listed, missing_dependency_is_one_line)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "rm -rf '%s/" C_DIR "'", dir);
    cr_assert_eq(system(cmd), 0);
    cl_expect_want(&(cl_want){ .status = 1, .out_is = "", .err_is = MISSING },
                   "--mod-location %s benchmark list", dir);
    cl_expect_want(&(cl_want){ .status = 1, .out_is = "", .err_is = MISSING },
                   "--mod-location %s control list --output json", dir);
    snprintf(cmd, sizeof cmd, "rm -rf '%s/" B_DIR "'", dir);
    cr_assert_eq(system(cmd), 0);
    cl_expect_want(&(cl_want){ .status = 1, .out_is = "", .err_is = MISSING },
                   "--mod-location %s dashboard list", dir);
}
