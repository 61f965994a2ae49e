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
#include "support/wsfix.h"

#define CONTROLS 40
#define RUNS 6

typedef struct seen {
    const lp_run_node *order[CONTROLS];
    int n, complete;
} seen;

static void on_event(void *user, const lp_run_event *ev)
{
    seen *s = user;
    if (ev->type == LP_EV_NODE_COMPLETE && s->n < CONTROLS) s->order[s->n++] = ev->node;
    if (ev->type == LP_EV_RUN_COMPLETE) s->complete++;
}

typedef struct job {
    lp_workspace *ws;
    const char *url;
    int cancel;
    int bad;
} job;

static void *one_run(void *arg)
{
    job *j = arg;
    seen s = { 0 };
    lp_run_opts o = { .database = j->url, .max_parallel = 8, .on_event = on_event, .user = &s };
    const char *t = "b";
    lp_run *run = NULL;
    lp_error err = { 0 };
    if (lp_run_start(j->ws, LP_KIND_BENCHMARK, &t, 1, &o, &run, &err) != LP_OK) { j->bad++; return NULL; }
    if (j->cancel) lp_run_cancel(run);
    lp_run_wait(run, -1);
    const lp_run_node *b = lp_node_child(lp_run_root(run), 0);
    if (s.complete != 1 || s.n != (int)lp_node_child_count(b)) j->bad++;
    for (int i = 0; i < s.n; i++) {
        if (s.order[i] != lp_node_child(b, (uint32_t)i)) j->bad++;
        lp_node_state st = lp_node_get_state(s.order[i]);
        if (st != LP_NODE_COMPLETE && st != LP_NODE_ERROR) j->bad++;
        if (!j->cancel && st != LP_NODE_COMPLETE) j->bad++;
    }
    lp_run_free(run);
    return NULL;
}

Test(mt_run, parallel_runs_and_cancels_keep_their_events_in_order)
{
    lp_driver_register(lp_driver_sqlite());
    static char mod[CONTROLS * 160 + 256];
    size_t len = 0;
    len += (size_t)snprintf(mod + len, sizeof mod - len, "benchmark \"b\" {\n  children = [");
    for (int i = 0; i < CONTROLS; i++)
        len += (size_t)snprintf(mod + len, sizeof mod - len, "%scontrol.c%d", i ? ", " : "", i);
    len += (size_t)snprintf(mod + len, sizeof mod - len, "]\n}\n");
    for (int i = 0; i < CONTROLS; i++)
        len += (size_t)snprintf(mod + len, sizeof mod - len,
                                "control \"c%d\" {\n  sql = \"select 'ok' as status, 'r%d' as resource, "
                                "x as reason from t\"\n}\n", i, i);
    char *dir;
    lp_workspace *ws = wf_open_text(mod, &dir);
    char cmd[1024], url[700];
    snprintf(cmd, sizeof cmd, "sqlite3 '%s/t.db' 'create table t(x text); insert into t values (1),(2),(3);'", dir);
    cr_assert_eq(system(cmd), 0);
    snprintf(url, sizeof url, "sqlite://%s/t.db", dir);
    pthread_t th[RUNS];
    job jobs[RUNS];
    for (int i = 0; i < RUNS; i++) {
        jobs[i] = (job){ ws, url, i % 3 == 2, 0 };
        pthread_create(&th[i], NULL, one_run, &jobs[i]);
    }
    for (int i = 0; i < RUNS; i++) {
        pthread_join(th[i], NULL);
        cr_assert_eq(jobs[i].bad, 0, "run %d", i);
    }
    wf_done(&ws, &dir);
}
