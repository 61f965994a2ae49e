/* test_mt_dash.c — dashboard runs racing (run under TSan by `make test-tsan`): several runs of
 * one dashboard at once on one workspace, 4 workers each over a real SQLite file, where every
 * table waits for a with whose rows its args read (with a variable and a local: the load's
 * scope, ld_eval, opened by every leaf at once), some runs cancelled; each leaf is reported
 * once, every leaf is final when lp_run_wait returns, and the uncancelled runs' tables have the
 * with's value.  Runs taking their results from a run still running (lp_run_opts.reuse), started
 * at once from several threads, the source freed while they read the rows they share with it. */
#include "support/mt_test.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/runfix.h"
#include "support/wsfix.h"

#define TABLES 24
#define RUNS 6

typedef struct job {
    rf_job r;
    const lp_run *source;           /* reuse: its results */
    pthread_barrier_t *started;     /* reuse: waited on once lp_run_start returned */
    int all_reused;                 /* the source was complete: nothing may query */
} job;

static void *one_run(void *arg)
{
    job *j = arg;
    rf_events s;
    lp_run_opts o = { .max_parallel = 4,
                      .reuse = j->source ? &j->source : NULL,
                      .nreuse = j->source ? 1 : 0 };
    lp_run *run = rf_job_start(&j->r, LP_KIND_DASHBOARD, "d", &o, &s, -1, 0);
    if (j->started) pthread_barrier_wait(j->started);   /* the source may go now */
    if (!run) return NULL;
    if (j->r.cancel) lp_run_cancel(run);
    /* announced while the workers run (the server sends it then): it reads what the start built */
    lp_buf announced = { 0 };
    lp_error err = { 0 };
    if (lp_run_started_json(run, "0x1", "t", &announced, &err) != LP_OK ||
        !strstr(announced.data, "\"status\":\"initialized\""))
        j->r.bad++;
    lp_buf_free(&announced);
    lp_run_wait(run, -1);
    const lp_run_node *d = lp_node_child(lp_run_root(run), 0);
    /* the with and the tables */
    if (s.run_complete != 1 || s.node_complete != TABLES + 1) j->r.bad++;
    for (uint32_t i = 0; i < lp_node_child_count(d); i++) {
        const lp_run_node *c = lp_node_child(d, i);
        lp_node_state st = lp_node_get_state(c);
        if (st != LP_NODE_COMPLETE && st != LP_NODE_ERROR) j->r.bad++;
        if (j->r.cancel) continue;
        if (st != LP_NODE_COMPLETE) j->r.bad++;
        else if (strcmp(lp_node_panel_type(c), "table") == 0 &&
                 (lp_node_row_count(c) != 1 || strcmp(lp_node_row(c, 0)[0].text, "42") != 0))
            j->r.bad++;
    }
    lp_run_stats st;
    lp_run_get_stats(run, &st);
    if (j->all_reused && !j->r.cancel && (st.queried != 0 || st.reused != TABLES + 1)) j->r.bad++;
    lp_buf b = { 0 };
    if (lp_run_snapshot_json(run, &b) != LP_OK) j->r.bad++;
    lp_buf_free(&b);
    return rf_job_end(run, &s);
}

/* The mod in *mod (freed) over a t.db of one row. */
static lp_workspace *open_mod(lp_buf *mod, char **dir, char *url, size_t url_size)
{
    lp_workspace *ws =
        rf_open_sqlite(mod->data, "create table t(x text); insert into t values (1);", dir, url, url_size);
    lp_buf_free(mod);
    return ws;
}

Test(mt_dash, parallel_dashboard_runs_wait_for_their_withs)
{
    lp_buf mod = { 0 };
    lp_buf_puts(&mod, "variable \"one\" {\n  default = 1\n}\nlocals {\n  zero = 0\n}\n"
                      "dashboard \"d\" {\n  with \"w\" { sql = \"select 41 as v from t limit 1\" }\n");
    for (int i = 0; i < TABLES; i++)
        lp_buf_printf(&mod, "  table \"t%d\" {\n    sql = \"select $1 + 1 as x\"\n"
                            "    args = [with.w.rows[0].v + var.one - 1 + local.zero]\n  }\n", i);
    lp_buf_puts(&mod, "}\n");
    char *dir, url[700];
    lp_workspace *ws = open_mod(&mod, &dir, url, sizeof url);
    job jobs[RUNS];
    for (int i = 0; i < RUNS; i++) jobs[i] = (job){ .r = { ws, url, i % 3 == 2, 0 } };
    rf_threads(RUNS, one_run, jobs, sizeof jobs[0]);
    for (int i = 0; i < RUNS; i++) cr_assert_eq(jobs[i].r.bad, 0, "run %d", i);
    wf_done(&ws, &dir);
}

Test(mt_dash, runs_reusing_a_running_run_share_its_rows_and_outlive_it)
{
    lp_buf mod = { 0 };
    lp_buf_puts(&mod, "dashboard \"d\" {\n  with \"w\" { sql = \"select 41 as v from t limit 1\" }\n");
    for (int i = 0; i < TABLES; i++)
        lp_buf_printf(&mod, "  table \"t%d\" {\n    sql = \"select $1 + 1 as x, %d as i\"\n"
                            "    args = [with.w.rows[0].v]\n  }\n", i, i);
    lp_buf_puts(&mod, "}\n");
    char *dir, url[700];
    lp_workspace *ws = open_mod(&mod, &dir, url, sizeof url);
    for (int round = 0; round < 3; round++) {
        lp_run_opts o = { .database = url, .max_parallel = 4 };
        const char *t = "d";
        lp_run *src = NULL;
        lp_error err = { 0 };
        cr_assert_eq(lp_run_start(ws, LP_KIND_DASHBOARD, &t, 1, &o, &src, &err), LP_OK, "%s", err.message);
        if (round == 2) lp_run_wait(src, -1);   /* every leaf taken */
        pthread_barrier_t started;
        pthread_barrier_init(&started, NULL, RUNS + 1);
        pthread_t th[RUNS];
        job jobs[RUNS];
        for (int i = 0; i < RUNS; i++) {
            jobs[i] = (job){ { ws, url, i == RUNS - 1, 0 }, src, &started, round == 2 };
            pthread_create(&th[i], NULL, one_run, &jobs[i]);
        }
        pthread_barrier_wait(&started);
        lp_run_free(src);   /* cancelled if still running; the runs keep what they took */
        for (int i = 0; i < RUNS; i++) {
            pthread_join(th[i], NULL);
            cr_assert_eq(jobs[i].r.bad, 0, "round %d run %d", round, i);
        }
        pthread_barrier_destroy(&started);
    }
    wf_done(&ws, &dir);
}
