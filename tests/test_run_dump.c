/* test_run_dump.c — one execution tree: what a run announces is what it runs and reports.
 *
 * Over every dashboard, benchmark, detection benchmark and detection of the corpora and of
 * Powerpipe's acceptance mods (every 3rd dashboard of aws_insights, every 6th benchmark of
 * aws_compliance), each target is run on an
 * empty SQLite file (every statement fails at once: the tree, not the data, is under test) and:
 *   - the panels lp_run_started_json announces (execution_started) are the panels of the
 *     snapshot the completed run gives (lp_run_snapshot_json, execution_complete), and its
 *     layout is the snapshot's layout;
 *   - every node an event reports (LP_EV_NODE_COMPLETE) is one of those panels, and every
 *     layout name is one;
 *   - of a benchmark, `lazypipe check --output snapshot` (the CLI's document) has the same
 *     panels and layout (sampled: a process each).
 * The facts compared are the library's two writers and the CLI's, each derived on its own from
 * the run (the names and the tree shape are Powerpipe's: test_server and the acceptance tests
 * check those against Powerpipe). */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/clirun.h"
#include "support/jsontree.h"
#include "support/shared.h"
#include "support/wsfix.h"
#include "support/runfix.h"
#include "support/paths.h"

static char *dbdir;
static char db_url[700];

static void setup(void)
{
    lp_driver_register(lp_driver_sqlite());
    dbdir = wf_tmpdir();
    char db[600];
    snprintf(db, sizeof db, "%s/empty.db", dbdir);
    rf_sqlite(db, "create table unused(x integer);");
    snprintf(db_url, sizeof db_url, "sqlite://%s", db);
}

static void teardown(void) { wf_remove(dbdir); }

TestSuite(run_dump, .init = setup, .fini = teardown, .timeout = 300);

typedef struct names {
    pthread_mutex_t lock;
    paths p;
} names;

static void on_event(void *user, const lp_run_event *ev)
{
    names *s = user;
    if (ev->type != LP_EV_NODE_COMPLETE) return;
    pthread_mutex_lock(&s->lock);
    cr_assert_eq(paths_add(&s->p, lp_node_name(ev->node)), 0);
    pthread_mutex_unlock(&s->lock);
}

static jt *parse(const lp_buf *b, const char *what, const char *target)
{
    char err[256];
    jt *v = jt_parse(b->data, b->len, err, sizeof err);
    cr_assert(v, "%s of %s is not JSON: %s", what, target, err);
    return v;
}

/* The same keys (a panels map): either way round, the first missing one named. */
static void same_keys(const jt *a, const jt *b, const char *what, const char *target)
{
    cr_assert(a && b && a->kind == JT_OBJ && b->kind == JT_OBJ, "%s of %s: not objects", what, target);
    for (size_t i = 0; i < a->n; i++)
        cr_assert(jt_get(b, a->keys[i]), "%s: %s announced, not in the other (%s)", target, a->keys[i], what);
    for (size_t i = 0; i < b->n; i++)
        cr_assert(jt_get(a, b->keys[i]), "%s: %s in the other, not announced (%s)", target, b->keys[i], what);
}

static void layout_names_in(const jt *layout, const jt *panels, const char *target)
{
    const jt *name = jt_get(layout, "name");
    cr_assert(name && name->kind == JT_STR, "%s: a layout node without a name", target);
    cr_assert(jt_get(panels, name->s), "%s: layout name %s is not a panel", target, name->s);
    const jt *kids = jt_get(layout, "children");
    for (size_t i = 0; kids && i < kids->n; i++) layout_names_in(kids->items[i], panels, target);
}

/* One target: started = snapshot = events; returns the server-form snapshot (caller frees). */
static jt *dump_one(lp_workspace *ws, lp_kind kind, const char *target)
{
    names ev = { .lock = PTHREAD_MUTEX_INITIALIZER };
    lp_run_opts o = { .database = db_url, .max_parallel = 4, .on_event = on_event, .user = &ev };
    lp_run *run = NULL;
    lp_error err = { 0 };
    int rc = lp_run_start(ws, kind, &target, 1, &o, &run, &err);
    if (rc != LP_OK) {   /* a target the workspace's checks refuse (Powerpipe's parse fails it too) */
        cr_assert(rc == LP_ERR_ARG || rc == LP_ERR_NOT_FOUND, "%s: %s", target, err.message);
        paths_free(&ev.p);
        return NULL;
    }
    lp_buf started = { 0 }, snap = { 0 };
    rc = lp_run_started_json(run, "0x1", "t", &started, &err);
    cr_assert_eq(rc, LP_OK, "%s: lp_run_started_json: %s", target, err.message);
    cr_assert_eq(lp_run_wait(run, 240000), LP_OK, "%s: the run did not complete", target);
    cr_assert_eq(lp_run_snapshot_json(run, &snap), LP_OK, "%s: lp_run_snapshot_json", target);
    jt *st = parse(&started, "execution_started", target), *sn = parse(&snap, "the snapshot", target);
    const jt *panels = jt_get(st, "panels");
    same_keys(panels, jt_get(sn, "panels"), "execution_started / snapshot panels", target);
    char why[512];
    cr_assert(jt_equal(jt_get(st, "layout"), jt_get(sn, "layout"), why, sizeof why),
              "%s: execution_started's layout is not the snapshot's: %s", target, why);
    layout_names_in(jt_get(st, "layout"), panels, target);
    for (size_t i = 0; i < ev.p.n; i++)
        cr_assert(jt_get(panels, ev.p.v[i]), "%s: event for %s, which was not announced", target, ev.p.v[i]);
    paths_free(&ev.p);
    jt_free(st);
    lp_buf_free(&started);
    lp_buf_free(&snap);
    lp_run_free(run);
    return sn;
}

/* Of a benchmark: the CLI's snapshot document has the panels and layout of the server's form. */
static void cli_same(const char *mod, const char *target, const jt *server_form)
{
    cl_result r =
        cl_run("--mod-location '%s' benchmark run %s --output snapshot --database '%s'", mod, target, db_url);
    char err[256], why[512];
    jt *cli = jt_parse(r.out, strlen(r.out), err, sizeof err);
    cr_assert(cli, "%s: the CLI's snapshot is not JSON (%s): %.300s %.300s", target, err, r.out, r.err);
    same_keys(jt_get(server_form, "panels"), jt_get(cli, "panels"), "server / CLI panels", target);
    cr_assert(jt_equal(jt_get(server_form, "layout"), jt_get(cli, "layout"), why, sizeof why),
              "%s: the CLI's layout is not the server's: %s", target, why);
    jt_free(cli);
    cl_done(&r);
}

/* Every target of a mod, every `step`th of each kind (1: all); CLI comparisons of the first
 * `ncli` benchmarks. */
static void dump_mod(const char *mod, unsigned step, unsigned ncli)
{
    lp_workspace_opts wo = { .no_background = 1 };
    lp_workspace *ws = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_open(mod, &wo, &ws, &err), LP_OK, "lp_open(%s): %s", mod, err.message);
    static const lp_kind kinds[] = { LP_KIND_DASHBOARD, LP_KIND_BENCHMARK, LP_KIND_DETECTION_BENCHMARK,
                                     LP_KIND_DETECTION };
    unsigned clis = 0;
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        unsigned seen = 0;
        for (uint32_t id = lp_next_of_kind(ws, kinds[k], LP_NO_ENTRY); id != LP_NO_ENTRY;
             id = lp_next_of_kind(ws, kinds[k], id)) {
            lp_entry_info info;
            if (lp_entry_get(ws, id, &info) != LP_OK || info.mod != 0) continue;
            lp_kind run_kind = kinds[k];
            if (kinds[k] == LP_KIND_BENCHMARK) {
                int detection = info.benchmark_type && strcmp(info.benchmark_type, "detection") == 0;
                if (detection) run_kind = LP_KIND_DETECTION_BENCHMARK;
                else if (!info.is_top_level) continue;   /* the server lists the top-level ones */
            }
            if (seen++ % step) continue;
            jt *sn = dump_one(ws, run_kind, info.name);
            if (sn && run_kind == LP_KIND_BENCHMARK && clis < ncli) {
                clis++;
                cli_same(mod, info.name, sn);
            }
            jt_free(sn);
        }
    }
    lp_close(ws);
}

Test(run_dump, acceptance_mods)
{
    static const char *const mods[] = {
        "dashboard_cards", "dashboard_withs", "dashboard_graphs", "dashboard_inputs", "dashboard_texts",
        "dashboard_inputs_with_base", "dashboard_sibling_containers", "functionality_test_mod",
        "control_rendering_test_mod", "tag_filtering_mod", "tp_detection_mod", "dashboard_parsing_validation",
    };
    for (size_t i = 0; i < sizeof mods / sizeof *mods; i++) {
        char rel[256];
        snprintf(rel, sizeof rel, "testdata/powerpipe/acceptance/test_data/mods/%s", mods[i]);
        char *dir = wf_tmpdir();
        char cmd[2048];
        snprintf(cmd, sizeof cmd, "cp -r '%s'/. '%s'", ts_shared(rel), dir);
        cr_assert_eq(system(cmd), 0, "%s", cmd);
        dump_mod(dir, 1, 4);
        wf_remove(dir);
    }
}

/* sampled to keep make check short: all of them took 2 min on a loaded 2-core machine */
Test(run_dump, aws_insights) { dump_mod(ts_shared("corpus/aws_insights"), 3, 0); }
Test(run_dump, aws_compliance) { dump_mod(ts_shared("corpus/aws_compliance"), 6, 1); }
Test(run_dump, aws_cloudtrail_log_detections)
{
    dump_mod(ts_shared("corpus/aws_cloudtrail_log_detections"), 1, 0);
}

/* A run's read-once loads (lp_load_entry_uncached): one not cached is loaded for its holder and
 * never enters the cache (no entry evicted, none left after the release); one cached by another
 * reader is shared, and stays cached after. */
Test(run_dump, uncached_loads_leave_the_cache_as_it_was)
{
    char *dir = NULL;
    lp_workspace *ws = wf_open_text("control \"a\" {\n  sql = \"select 1\"\n}\n"
                                    "control \"b\" {\n  title = \"B\"\n  sql = \"select 2\"\n}\n",
                                    &dir);
    uint32_t a = lp_lookup(ws, "t.control.a"), b = lp_lookup(ws, "t.control.b");
    cr_assert(a != LP_NO_ENTRY && b != LP_NO_ENTRY);
    lp_resource *ra = NULL, *rb = NULL, *ra2 = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_load_entry(ws, a, &ra, &err), LP_OK, "%s", err.message);
    lp_cache_stats st;
    lp_cache_stats_get(ws, &st);
    cr_assert_eq(st.entries, 1);
    cr_assert_eq(lp_load_entry_uncached(ws, b, &rb, &err), LP_OK, "%s", err.message);
    cr_assert_str_eq(lp_resource_str(rb, "title"), "B");
    lp_cache_stats_get(ws, &st);
    cr_assert_eq(st.entries, 1, "the uncached load entered the cache");
    cr_assert_eq(st.pinned, 2);
    lp_resource_release(rb);
    lp_cache_stats_get(ws, &st);
    cr_assert_eq(st.entries, 1);
    cr_assert_eq(st.pinned, 1);
    cr_assert_eq(lp_load_entry_uncached(ws, a, &ra2, &err), LP_OK, "%s", err.message);
    cr_assert_eq(ra2, ra, "a cached entry is shared");
    lp_resource_release(ra2);
    lp_resource_release(ra);
    lp_cache_stats_get(ws, &st);
    cr_assert_eq(st.entries, 1, "the cached entry stays");
    cr_assert_eq(lp_load_entry_uncached(ws, 9999, &rb, &err), LP_ERR_NOT_FOUND);
    wf_done(&ws, &dir);
}
