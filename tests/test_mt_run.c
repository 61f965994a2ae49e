/* test_mt_run.c — runs racing (run under TSan by `make test-tsan`): several runs of one
 * benchmark at once on one workspace, each with 8 workers over a real SQLite file, some
 * cancelled while their statements run; every run's events must come in tree order, once
 * each, and every node must be final when lp_run_wait returns. */
#include "support/mt_test.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/runfix.h"
#include "support/shared.h"
#include "support/wsfix.h"

#define CONTROLS 40
#define RUNS 6

static void *one_run(void *arg)
{
    rf_job *j = arg;
    rf_events s;
    lp_run *run = rf_job_run(j, LP_KIND_BENCHMARK, "b", &(lp_run_opts){ .max_parallel = 8 }, &s, -1, 0);
    if (!run) return NULL;
    const lp_run_node *b = lp_node_child(lp_run_root(run), 0);
    if (lp_node_child_count(b) != CONTROLS || s.node_complete != CONTROLS) j->bad++;
    for (int i = 0; i < s.node_complete; i++) {
        const lp_run_node *done = rf_completed(&s, i);
        if (!done || done != lp_node_child(b, (uint32_t)i)) { j->bad++; continue; }
        lp_node_state st = lp_node_get_state(done);
        if (st != LP_NODE_COMPLETE && st != LP_NODE_ERROR) j->bad++;
        if (!j->cancel && st != LP_NODE_COMPLETE) j->bad++;
    }
    return rf_job_end(run, &s);
}

Test(mt_run, parallel_runs_and_cancels_keep_their_events_in_order)
{
    lp_buf mod = { 0 };
    rf_benchmark_text(&mod, "b", NULL, "control.c", CONTROLS);
    for (int i = 0; i < CONTROLS; i++)
        lp_buf_printf(&mod, "control \"c%d\" {\n  sql = \"select 'ok' as status, 'r%d' as resource, "
                            "x as reason from t\"\n}\n", i, i);
    char *dir, url[700];
    lp_workspace *ws = rf_open_sqlite(mod.data, "create table t(x text); insert into t values (1),(2),(3);",
                                      &dir, url, sizeof url);
    lp_buf_free(&mod);
    rf_race(RUNS, one_run, ws, url);
    wf_done(&ws, &dir);
}

/* Runs on PostgreSQL whose every fourth control fails on its data (a division by zero), racing and
 * some cancelled: the failing statements' connections are reset (lp_driver.reset) and kept by the
 * worker that ran them while other workers run and a cancel may land; a run not cancelled has each
 * failing control in error with the server's message and every other complete. */
#define PG_CONTROLS 24

static void *one_pg_run(void *arg)
{
    rf_job *j = arg;
    rf_events s;
    lp_run *run = rf_job_run(j, LP_KIND_BENCHMARK, "b", &(lp_run_opts){ .max_parallel = 4 }, &s, -1, 0);
    if (!run) return NULL;
    const lp_run_node *b = lp_node_child(lp_run_root(run), 0);
    for (uint32_t i = 0; !j->cancel && i < PG_CONTROLS; i++) {
        const lp_run_node *c = lp_node_child(b, i);
        const char *e = c ? lp_node_error(c) : NULL;
        int fails = i % 4 == 3;
        if (!c || (fails ? !e || !strstr(e, "division by zero") : lp_node_get_state(c) != LP_NODE_COMPLETE))
            j->bad++;
    }
    return rf_job_end(run, &s);
}

Test(mt_run, runs_with_failing_statements_keep_and_reset_their_connections)
{
    lp_driver_register(lp_driver_postgres());
    lp_buf mod = { 0 };
    rf_benchmark_text(&mod, "b", NULL, "control.c", PG_CONTROLS);
    for (int i = 0; i < PG_CONTROLS; i++)
        lp_buf_printf(&mod, "control \"c%d\" {\n  sql = \"select 'ok' as status, 'r%d' as resource, "
                            "(1 / (x - %d))::text as reason from (values (%d)) as v(x)\"\n}\n",
                      i, i, i % 4 == 3 ? i : i + 1, i);
    char *dir;
    lp_workspace *ws = wf_open_text(mod.data, &dir);
    lp_buf_free(&mod);
    rf_race(RUNS, one_pg_run, ws, ts_pg_url());
    wf_done(&ws, &dir);
}

/* The run pins the workspace version it was started on (lazypipe.h, "runs"): its owner closes it, or
 * releases the live version and closes the handle, while the run waits in its first event with the
 * other controls still to load and run; the run completes every control on that version, its nodes
 * read as before, and lp_run_free frees the version (ASan: no use after free, no leak; TSan). */
typedef struct gate {
    pthread_mutex_t mu;
    pthread_cond_t cond;
    int reached, closed, events;
} gate;

static void on_event_gated(void *user, const lp_run_event *ev)
{
    gate *g = user;
    if (ev->type != LP_EV_NODE_COMPLETE) return;
    pthread_mutex_lock(&g->mu);
    g->events++;
    g->reached = 1;
    pthread_cond_broadcast(&g->cond);
    while (!g->closed) pthread_cond_wait(&g->cond, &g->mu);
    pthread_mutex_unlock(&g->mu);
}

static void write_benchmark(const char *dir)
{
    static char mod[CONTROLS * 160 + 256];
    size_t len = (size_t)snprintf(mod, sizeof mod, "mod \"t\" {}\nbenchmark \"b\" {\n  title = \"B\"\n"
                                  "  children = [");
    for (int i = 0; i < CONTROLS; i++)
        len += (size_t)snprintf(mod + len, sizeof mod - len, "%scontrol.c%d", i ? ", " : "", i);
    len += (size_t)snprintf(mod + len, sizeof mod - len, "]\n}\n");
    for (int i = 0; i < CONTROLS; i++)
        len += (size_t)snprintf(mod + len, sizeof mod - len,
                                "control \"c%d\" {\n  title = \"C%d\"\n  sql = \"select 'ok' as status, "
                                "'r%d' as resource, x as reason from t\"\n}\n", i, i, i);
    wf_write(dir, "mod.pp", mod);
    char db[1024];
    snprintf(db, sizeof db, "%s/t.db", dir);
    rf_sqlite(db, "create table t(x text); insert into t values (1),(2);");
}

/* Start b on ws, call close_it while the run is held in its first event, then check the run. */
static void run_across_close(lp_workspace *ws, const char *dir, void (*close_it)(void *), void *arg)
{
    char url[700];
    snprintf(url, sizeof url, "sqlite://%s/t.db", dir);
    gate g = { .mu = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER };
    lp_run_opts o = { .database = url, .max_parallel = 1, .on_event = on_event_gated, .user = &g };
    const char *t = "b";
    lp_run *run = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_run_start(ws, LP_KIND_BENCHMARK, &t, 1, &o, &run, &err), LP_OK, "%s", err.message);
    pthread_mutex_lock(&g.mu);
    while (!g.reached) pthread_cond_wait(&g.cond, &g.mu);
    pthread_mutex_unlock(&g.mu);
    close_it(arg);
    pthread_mutex_lock(&g.mu);
    g.closed = 1;
    pthread_cond_broadcast(&g.cond);
    pthread_mutex_unlock(&g.mu);
    cr_assert_eq(lp_run_wait(run, -1), LP_OK);
    const lp_run_node *b = lp_node_child(lp_run_root(run), 0);
    cr_assert_str_eq(lp_node_name(b), "t.benchmark.b");
    cr_assert_eq(lp_node_child_count(b), CONTROLS);
    cr_assert_eq(g.events, CONTROLS);
    for (uint32_t i = 0; i < CONTROLS; i++) {
        const lp_run_node *c = lp_node_child(b, i);
        char name[64];
        snprintf(name, sizeof name, "t.control.c%u", i);
        cr_assert_eq(lp_node_get_state(c), LP_NODE_COMPLETE, "%s: %s", name, lp_node_error(c));
        cr_assert_str_eq(lp_node_name(c), name);
        cr_assert_eq(lp_node_row_count(c), 2);
    }
    lp_run_free(run);
}

static void close_workspace(void *ws) { lp_close(ws); }

Test(mt_run, closing_the_workspace_during_a_run_leaves_it_to_the_run)
{
    lp_driver_register(lp_driver_sqlite());
    char *dir = wf_tmpdir();
    write_benchmark(dir);
    lp_workspace *ws = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_open(dir, NULL, &ws, &err), LP_OK, "%s", err.message);
    run_across_close(ws, dir, close_workspace, ws);
    wf_remove(dir);
}

typedef struct live_pin { lp_live *lv; lp_workspace *ws; } live_pin;

static void release_and_close_live(void *arg)
{
    live_pin *p = arg;
    lp_live_release(p->lv, p->ws);
    lp_live_close(p->lv);
}

Test(mt_run, releasing_the_live_version_during_a_run_leaves_it_to_the_run)
{
    lp_driver_register(lp_driver_sqlite());
    char *dir = wf_tmpdir();
    write_benchmark(dir);
    live_pin p = { 0 };
    lp_error err = { 0 };
    cr_assert_eq(lp_live_open(dir, NULL, &p.lv, &err), LP_OK, "%s", err.message);
    p.ws = lp_live_acquire(p.lv);
    run_across_close(p.ws, dir, release_and_close_live, &p);
    wf_remove(dir);
}
