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
#include "support/wsfix.h"

#define CONTROLS 40
#define RUNS 6

typedef rf_job job;

static void *one_run(void *arg)
{
    job *j = arg;
    rf_events s;
    lp_run_opts o = { .max_parallel = 8 };
    lp_run *run = rf_job_start(j, LP_KIND_BENCHMARK, "b", &o, &s, -1, 0);
    if (!run) return NULL;
    if (j->cancel) lp_run_cancel(run);
    lp_run_wait(run, -1);
    const lp_run_node *b = lp_node_child(lp_run_root(run), 0);
    if (s.run_complete != 1 || s.node_complete != (int)lp_node_child_count(b)) j->bad++;
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
    lp_buf_puts(&mod, "benchmark \"b\" {\n  children = [");
    for (int i = 0; i < CONTROLS; i++) lp_buf_printf(&mod, "%scontrol.c%d", i ? ", " : "", i);
    lp_buf_puts(&mod, "]\n}\n");
    for (int i = 0; i < CONTROLS; i++)
        lp_buf_printf(&mod, "control \"c%d\" {\n  sql = \"select 'ok' as status, 'r%d' as resource, "
                            "x as reason from t\"\n}\n", i, i);
    char *dir, url[700];
    lp_workspace *ws = rf_open_sqlite(mod.data, "create table t(x text); insert into t values (1),(2),(3);", &dir,
                                      url, sizeof url);
    lp_buf_free(&mod);
    job jobs[RUNS];
    for (int i = 0; i < RUNS; i++) jobs[i] = (job){ ws, url, i % 3 == 2, 0 };
    rf_threads(RUNS, one_run, jobs, sizeof jobs[0]);
    for (int i = 0; i < RUNS; i++) cr_assert_eq(jobs[i].bad, 0, "run %d", i);
    wf_done(&ws, &dir);
}
