/* test_resolve_order.c — resolution depends on the dependency graph only: no result changes when
 * locals are renamed, blocks reordered or moved between files.
 *
 * Facts, from pipe-fittings' decoder (parse/decode.go, parse/mod.go): a block whose inputs are not
 * there yet records what it waits for and decoding repeats until every block resolves, or the load
 * fails; so a local of controls read by a benchmark has every control whatever the locals are
 * called, and each control's tags are its local's.  The expected values below are written out by
 * hand (the small mods) or computed by the generator from its own model (tests/support/ordgen.c),
 * never by the library; every path that evaluates is tried: a fresh open (resolution on the
 * opening thread and in the background, with its helper thread), the image written and reopened,
 * a patch of the image after the files changed, and a live refresh. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/clirun.h"
#include "support/shared.h"
#include "support/ordgen.h"
#include "support/wsfix.h"

/* The smallest form: c1's tags read local.t, which sorts after the locals (a, b) that read
 * c1 through a list. */
static const char NINE[] = "mod \"v\" {}\n"
                           "locals { t = { a = \"1\" } }\n"
                           "locals { b = [control.c1] }\n"
                           "locals { a = local.b }\n"
                           "benchmark \"bench\" { children = local.a }\n"
                           "control \"c1\" {\n"
                           "  sql  = \"select 'r' as resource, 'ok' as status, 'fine' as reason\"\n"
                           "  tags = local.t\n"
                           "}\n";

static char *db_file(const char *dir)
{
    char *p = malloc(strlen(dir) + 16);
    cr_assert(p);
    sprintf(p, "%s/r.db", dir);
    FILE *f = fopen(p, "w");   /* an empty file is an empty SQLite database */
    cr_assert(f);
    fclose(f);
    return p;
}

Test(resolve_order, nine_line_mod_in_show_list_run_and_payload)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "mod.pp", NINE);
    char *db = db_file(dir);
    for (int cached = 0; cached < 3; cached++) {   /* no image; the image written; reopened from it */
        const char *cache = cached ? "" : "--no-index-cache";
        cl_expect_want(&(cl_want){ .status = 0, .out = { "\"children\": [\n      \"v.control.c1\"\n    ]" } },
                       "--mod-location %s %s benchmark show bench --output json", dir, cache);
        cl_expect_want(&(cl_want){ .status = 0, .out = { "\"tags\": {\n      \"a\": \"1\"\n    }" } },
                       "--mod-location %s %s control list --output json", dir, cache);
        /* the run has the control, its tag as a column (Powerpipe's csv: one column per tag key) */
        cl_expect_want(&(cl_want){ .status = 0,
                                   .out = { "control_id,control_title,control_description,reason,resource,"
                                            "status,severity,a\n",
                                            "v.benchmark.bench,,,control.c1,,,fine,r,ok,,1\n" } },
                       "--mod-location %s %s benchmark run bench --database sqlite://%s --output csv", dir,
                       cache, db);
    }
    free(db);
    wf_remove(dir);
}

/* steampipe-mod-docker-compliance's shape (v1.0.2): common tags merged down two locals, a local of
 * controls, a conditional concat of it on a list variable, a benchmark whose children are that
 * local and whose controls' tags merge the section's tags.  The names sort in the order that lost
 * the children: the benchmark's local before the local of controls before the tags' locals. */
static const char DOCKER[] =
    "mod \"dk\" {}\n"
    "variable \"benchmark_plugins\" {\n  type = list(string)\n  default = [\"exec\"]\n}\n"
    "locals {\n  cis_common_tags = { cis = \"true\", plugin = \"docker\" }\n}\n"
    "locals {\n  cis_1_common_tags = merge(local.cis_common_tags, { cis_section_id = \"1\" })\n}\n"
    "locals {\n  cis_1_1_exec_controls = [control.cis_1_1_1, control.cis_1_1_2, control.cis_1_1_3]\n}\n"
    "locals {\n  cis_1_1_controls = concat(\n"
    "    contains(var.benchmark_plugins, \"exec\") ? local.cis_1_1_exec_controls : [],\n  )\n}\n"
    "benchmark \"cis_1\" {\n  title = \"1\"\n  children = [benchmark.cis_1_1]\n"
    "  tags = merge(local.cis_1_common_tags, { type = \"Benchmark\" })\n}\n"
    "benchmark \"cis_1_1\" {\n  title = \"1.1\"\n  children = local.cis_1_1_controls\n"
    "  tags = merge(local.cis_1_common_tags, { type = \"Benchmark\" })\n}\n"
    "control \"cis_1_1_1\" {\n  sql = \"select 'a' as resource, 'ok' as status, 'r1' as reason\"\n"
    "  tags = merge(local.cis_1_common_tags, { cis_item_id = \"1.1.1\" })\n}\n"
    "control \"cis_1_1_2\" {\n  sql = \"select 'b' as resource, 'alarm' as status, 'r2' as reason\"\n"
    "  tags = merge(local.cis_1_common_tags, { cis_item_id = \"1.1.2\" })\n}\n"
    "control \"cis_1_1_3\" {\n  sql = \"select 'c' as resource, 'ok' as status, 'r3' as reason\"\n"
    "  tags = merge(local.cis_1_common_tags, { cis_item_id = \"1.1.3\" })\n}\n";

Test(resolve_order, docker_compliance_shape)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "mod.pp", DOCKER);
    char *db = db_file(dir);
    for (int cached = 0; cached < 2; cached++) {
        const char *cache = cached ? "" : "--no-index-cache";
        cl_expect_want(
            &(cl_want){ .status = 0,
                        .out = { "Children:      \n  dk.control.cis_1_1_1\n  dk.control.cis_1_1_2\n"
                                 "  dk.control.cis_1_1_3\n" } },
            "--mod-location %s %s benchmark show cis_1_1", dir, cache);
        /* each control with its four merged tags, in the list as in its show */
        cl_result r = cl_run("--mod-location %s %s control list --output json", dir, cache);
        cr_assert_eq(r.status, 0, "%s", r.err);
        const char *p = r.out;
        int n = 0;
        while ((p = strstr(p, "\"cis_section_id\": \"1\"")) != NULL) n++, p++;
        cr_assert_eq(n, 3, "control list: %d controls with the section's tags\n%s", n, r.out);
        cr_assert(strstr(r.out, "\"cis_item_id\": \"1.1.3\",\n      \"cis_section_id\": \"1\",\n"
                                "      \"plugin\": \"docker\""),
                  "%s", r.out);
        cl_done(&r);
        /* the run has the three controls (one alarm: status 1, as Powerpipe's) */
        cl_expect_want(&(cl_want){ .status = 1,
                                   .out = { "dk.benchmark.cis_1_1,1.1,,control.cis_1_1_1,",
                                            "dk.benchmark.cis_1_1,1.1,,control.cis_1_1_2,",
                                            "dk.benchmark.cis_1_1,1.1,,control.cis_1_1_3," } },
                       "--mod-location %s %s benchmark run cis_1 --database sqlite://%s --output csv", dir,
                       cache, db);
        /* the payload: the benchmarks' merged tags */
        cl_expect_want(
            &(cl_want){ .status = 0,
                        .out = { "\"tags\":{\"cis\":\"true\",\"cis_section_id\":\"1\","
                                 "\"mod\":\"mod.dk\",\"plugin\":\"docker\",\"type\":\"Benchmark\"}" } },
            "--mod-location %s %s payload", dir, cache);
    }
    free(db);
    wf_remove(dir);
}

/* A local read while it is being evaluated, through a resource: an error where it is read, never an
 * empty value in silence. */
Test(resolve_order, cycle_through_a_resource_is_an_error)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "mod.pp",
             "mod \"v\" {}\n"
             "locals { x = [control.c1] }\n"
             "control \"c1\" {\n  sql = \"select 1\"\n  tags = { n = length(local.x) }\n}\n");
    cl_expect_want(&(cl_want){ .status = 1,
                               .err = { "mod.pp:5:23: error: Circular reference between locals; circular "
                                        "dependency detected: local.x -> v.control.c1 -> local.x" } },
                   "--mod-location %s --no-index-cache control list", dir);
    wf_remove(dir);
}

/* ------------------------------------------------------------ random graphs */

static void check_or_fail(const og_model *m, lp_workspace *ws, uint64_t seed, uint64_t layout,
                          const char *path, const char *dir)
{
    char msg[1024];
    if (og_check(m, ws, msg, sizeof msg) == 0) return;
    char desc[8192];
    og_describe(m, desc, sizeof desc);
    cr_assert_fail("seed %llu layout %llu (%s, %s): %s\nmodel:\n%s", (unsigned long long)seed,
            (unsigned long long)layout, path, dir, msg, desc);
}

static lp_workspace *open_ws(const char *dir, const lp_workspace_opts *o)
{
    lp_workspace *ws = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_open(dir, o, &ws, &err), LP_OK, "%s", err.message);
    return ws;
}

/* One model under three layouts, through every path that evaluates. */
static void one_model(uint64_t seed)
{
    og_model *m = og_make_seeded(seed);
    cr_assert(m);
    char *dir = wf_tmpdir(), *cache = wf_tmpdir();
    for (uint64_t layout = 1; layout <= 3; layout++) {
        cr_assert_eq(og_write(m, dir, seed * 7 + layout), 0);
        lp_workspace_opts inline_o = { .workers = 1, .no_background = 1 };
        lp_workspace *ws = open_ws(dir, &inline_o);
        check_or_fail(m, ws, seed, layout, "fresh open", dir);
        lp_close(ws);
        /* the image: written (a build or, after the first layout, a patch), then reopened */
        lp_workspace_opts img = { .workers = 2, .index_cache = cache };
        for (int k = 0; k < 2; k++) {
            ws = open_ws(dir, &img);
            check_or_fail(m, ws, seed, layout, k ? "reopened image" : "image written", dir);
            lp_close(ws);
        }
    }
    /* a live refresh from one layout to another */
    lp_live *lv = NULL;
    lp_error err = { 0 };
    lp_workspace_opts lo = { .workers = 1 };
    cr_assert_eq(lp_live_open(dir, &lo, &lv, &err), LP_OK, "%s", err.message);
    cr_assert_eq(og_write(m, dir, seed * 7 + 4), 0);
    lp_changes ch = { 0 };
    cr_assert_eq(lp_refresh(lv, &ch), LP_OK);
    lp_changes_free(&ch);
    lp_workspace *ws = lp_live_acquire(lv);
    check_or_fail(m, ws, seed, 4, "live refresh", dir);
    lp_live_release(lv, ws);
    lp_live_close(lv);
    og_free(m);
    wf_remove(dir);
    wf_remove(cache);
}

Test(resolve_order, random_graphs_every_layout_every_path)
{
    const char *env = getenv("LP_ORDER_SEEDS");
    uint64_t n = env ? strtoull(env, NULL, 10) : 100;
    for (uint64_t seed = 1; seed <= n; seed++) one_model(seed);
}

/* ------------------------------------------------------------ what eager's load refuses */

/* Facts, from pipe-fittings: `query = query.nope` and `children = local.nope` fail the mod's load, so
 * every command fails; Powerpipe's lists exit with its load error.  lazypipe's lists report them as
 * the workspace's errors and exit 1; a run that needs the benchmark fails as the load does (250). */
static const char BROKEN[] = "mod \"v\" {}\n"
                             "variable \"on\" {\n  type = bool\n  default = true\n}\n"
                             "locals { cs = [control.c1] }\n"
                             "benchmark \"conditional\" {\n  children = var.on ? local.cs : list()\n}\n"
                             "benchmark \"top\" {\n  children = [benchmark.conditional]\n}\n"
                             "control \"c1\" {\n  sql = \"select 1\"\n}\n"
                             "control \"c2\" {\n  query = query.nope\n}\n"
                             "benchmark \"b2\" {\n  children = local.nope\n}\n";

Test(resolve_order, lists_report_what_fails_the_load)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "mod.pp", BROKEN);
    for (int cached = 0; cached < 3; cached++) {
        const char *cache = cached ? "" : "--no-index-cache";
        cl_expect_want(
            &(cl_want){ .status = 1,
                        .out = { "v      c2\n" },
                        .err = { "mod.pp:17:11: error: Missing query; v.control.c2 uses the query "
                                 "v.query.nope, but it is not defined",
                                 "mod.pp:20:19: error: Unsupported attribute; This object does not "
                                 "have an attribute named \"nope\"." } },
            "--mod-location %s %s control list", dir, cache);
        cl_expect_want(&(cl_want){ .status = 1, .out = { "v      b2   " },
                                   .err = { "mod.pp:20:19: error: Unsupported attribute" } },
                       "--mod-location %s %s benchmark list", dir, cache);
    }
    /* the conditional's other branch calls the removed list(): the local is fine, the children fail */
    cl_expect_want(
        &(cl_want){ .status = 1,
                    .err = { "mod.pp:8:34: error: Error in function call; Call to function \"list\" "
                             "failed" } },
        "--mod-location %s --no-index-cache benchmark list --var on=false", dir);
    char *db = db_file(dir);
    cl_expect_want(
        &(cl_want){ .status = 250, .err = { "mod.pp:8:34: Error in function call" } },
        "--mod-location %s --no-index-cache benchmark run top --var on=false --database sqlite://%s", dir,
        db);
    free(db);
    wf_remove(dir);
}

/* The docker mod's failure: the local of controls fails (list() under a --var); a run of the top
 * benchmark fails as the load does, naming the local it could not read, instead of running none of
 * its controls and exiting 0. */
Test(resolve_order, run_of_a_failed_children_local_fails)
{
    char *dir = wf_tmpdir();
    char *mod = malloc(sizeof DOCKER + 64);
    cr_assert(mod);
    strcpy(mod, DOCKER);
    char *at = strstr(mod, ": [],\n");   /* the other branch: the removed list() */
    cr_assert(at);
    memmove(at + 10, at + 4, strlen(at + 4) + 1);
    memcpy(at, ": list([])", 10);
    wf_write(dir, "mod.pp", mod);
    free(mod);
    char *db = db_file(dir);
    for (int cached = 0; cached < 3; cached++)
        cl_expect_want(&(cl_want){ .status = 250,
                                   .err = { "Failed local value; local.cis_1_1_controls has no value" },
                                   .not_out = { "TOTAL" } },
                       "--mod-location %s %s benchmark run cis_1 --database sqlite://%s "
                       "--var 'benchmark_plugins=[\"x\"]'",
                       dir, cached ? "" : "--no-index-cache", db);
    free(db);
    wf_remove(dir);
}

/* A chain of 2,000 titles, each reading the next: no crash (it overflowed the resolver's stack); the
 * reference past RS_MAX_NESTING is an error there, and the rest resolves. */
Test(resolve_order, deep_chain_is_an_error_not_a_crash)
{
    char *dir = wf_tmpdir();
    size_t cap = 2001 * 96 + 64, n = 0;
    char *mod = malloc(cap);
    cr_assert(mod);
    n += (size_t)snprintf(mod + n, cap - n, "mod \"d\" {}\n");
    for (int i = 0; i < 2000; i++)
        n += (size_t)snprintf(mod + n, cap - n,
                              "control \"c%d\" {\n  sql = \"select 1\"\n  title = control.c%d.title\n}\n", i,
                              i + 1);
    snprintf(mod + n, cap - n, "control \"c2000\" {\n  sql = \"select 1\"\n  title = \"end\"\n}\n");
    wf_write(dir, "mod.pp", mod);
    free(mod);
    cl_expect_want(
        &(cl_want){ .status = 1,
                    .out = { "d      c1999\n" },
                    .err = { "error: References nested too deeply; Evaluating this reference would "
                             "evaluate more than 256 resources and locals inside one another" } },
        "--mod-location %s --no-index-cache control list", dir);
    /* (exit 1: the workspace has errors, as every show says) */
    cl_expect_want(&(cl_want){ .status = 1, .out = { "Title:         end\n" } },
                   "--mod-location %s --no-index-cache control show c1999", dir);
    wf_remove(dir);
}

/* ------------------------------------------------------------ the corpus, rewritten */

/* tests/metamorphic.py: the mod with every local renamed and every block shuffled over new files;
 * the lists, the payload and the shows of a sample equal the original's (first open, image written,
 * image reopened).  The release CLI (build/lazypipe, what users run): these mods are large, and
 * the sanitizers see the same code in the tests above. */
static void metamorphic(const char *rel, int seed)
{
    const char *mod = ts_shared(rel);
    char *work = wf_tmpdir();
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "python3 tests/metamorphic.py build/lazypipe '%s' '%s' %d 2>&1", mod, work,
             seed);
    FILE *p = popen(cmd, "r");
    cr_assert(p);
    char out[8192];
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = 0;
    int st = pclose(p);
    cr_assert_eq(st, 0, "%s", out);
    cr_assert(strstr(out, "answers equal"), "%s", out);
    wf_remove(work);
}

Test(resolve_order, corpus_aws_compliance_rewritten)
{
    metamorphic("corpus/aws_compliance", 1);
}
Test(resolve_order, corpus_aws_insights_rewritten) { metamorphic("corpus/aws_insights", 2); }
Test(resolve_order, corpus_detections_rewritten)
{
    metamorphic("corpus/aws_cloudtrail_log_detections", 3);
}

/* Through a dependency mod: the main mod's local lists a control of the dependency, whose tags read
 * the dependency's own local (which sorts after every local of the main mod, and whose mod loads
 * after it); the benchmark has the control and the control its tags. */
Test(resolve_order, through_a_dependency_mod)
{
    char *dir = wf_tmpdir();
    wf_write(
        dir, "mod.pp",
        "mod \"main\" {\n  require {\n    mod \"github.com/x/dep\" {\n      version = \"*\"\n    }\n  }\n}\n"
        "locals { a = [dep.control.dc] }\n"
        "benchmark \"b\" {\n  children = local.a\n}\n");
    wf_write(dir, ".powerpipe/mods/github.com/x/dep@v1.0.0/mod.pp",
             "mod \"dep\" {}\n"
             "locals { zz = { from = \"dep\" } }\n"
             "control \"dc\" {\n  sql = \"select 1\"\n  tags = local.zz\n}\n");
    for (int cached = 0; cached < 3; cached++) {
        const char *cache = cached ? "" : "--no-index-cache";
        cl_expect_want(&(cl_want){ .status = 0, .out = { "Children:      \n  dep.control.dc\n" } },
                       "--mod-location %s %s benchmark show b", dir, cache);
        cl_expect_want(&(cl_want){ .status = 0, .out = { "Tags:          \n  from: dep\n" } },
                       "--mod-location %s %s control show dep.control.dc", dir, cache);
    }
    wf_remove(dir);
}

/* The error of a computed `children` stays after an edit elsewhere: a live refresh and a patched
 * image (which carry what did not change) report it as a fresh open does. */
static int has_diag(lp_workspace *w, const char *summary)
{
    for (uint32_t i = 0; i < lp_resolve_diag_count(w); i++)
        if (strcmp(lp_resolve_diag_at(w, i)->summary, summary) == 0) return 1;
    return 0;
}

Test(resolve_order, children_error_after_an_edit_elsewhere)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "mod.pp", BROKEN);
    wf_write(dir, "other.pp", "control \"o\" {\n  sql = \"select 1\"\n  title = \"one\"\n}\n");
    lp_live *lv = NULL;
    lp_error err = { 0 };
    lp_workspace_opts lo = { .workers = 1 };
    cr_assert_eq(lp_live_open(dir, &lo, &lv, &err), LP_OK, "%s", err.message);
    lp_workspace *w = lp_live_acquire(lv);
    cr_assert_eq(lp_wait_resolved(w, -1), LP_OK);
    cr_assert(has_diag(w, "Unsupported attribute"), "the first version");
    lp_live_release(lv, w);
    wf_write(dir, "other.pp", "control \"o\" {\n  sql = \"select 1\"\n  title = local.cs[0].title\n}\n");
    lp_changes ch = { 0 };
    cr_assert_eq(lp_refresh(lv, &ch), LP_OK);
    cr_assert(ch.changed);
    lp_changes_free(&ch);
    w = lp_live_acquire(lv);
    cr_assert_eq(lp_wait_resolved(w, -1), LP_OK);
    cr_assert(has_diag(w, "Unsupported attribute"), "after the refresh");
    lp_live_release(lv, w);
    lp_live_close(lv);
    /* the CLI through its image, patched after the edit */
    wf_write(dir, "other.pp", "control \"o\" {\n  sql = \"select 1\"\n  title = \"two\"\n}\n");
    cl_expect_want(&(cl_want){ .status = 1, .err = { "mod.pp:20:19: error: Unsupported attribute" } },
                   "--mod-location %s benchmark list", dir);
    wf_write(dir, "other.pp", "control \"o\" {\n  sql = \"select 1\"\n  title = \"three\"\n}\n");
    cl_expect_want(&(cl_want){ .status = 1, .err = { "mod.pp:20:19: error: Unsupported attribute" } },
                   "--mod-location %s benchmark list", dir);
    wf_remove(dir);
}
