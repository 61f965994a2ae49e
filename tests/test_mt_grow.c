/* test_mt_grow.c — how a check run's workers grow on PostgreSQL (run.c: worker_admitted, issue 34 §2).
 * Past the first, a worker connects only once one more pays back a connect: slow statements (here
 * pg_sleep, as Steampipe's API calls) must still run max_parallel at once, as PostgreSQL's
 * pg_stat_activity shows them; a cancel must end a worker still waiting to be admitted; and whatever
 * the number of workers, each control's rows and the events' order are those of --max-parallel 1.
 * On the tests' PostgreSQL (LP_PG_URL), under ASan and TSan. */
#include "support/mt_test.h"
#include <postgresql/libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "support/shared.h"
#include "support/wsfix.h"

#define MARK "lp_run_grow_marker"

static void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* A benchmark "b" of n controls, each `sql` (printf'd with the control's number) */
static lp_workspace *bench_ws(int n, const char *sql, char **dir)
{
    size_t cap = (size_t)n * (strlen(sql) + 128) + 256, len = 0;
    char *text = malloc(cap);
    cr_assert(text);
    len += (size_t)snprintf(text + len, cap - len, "benchmark \"b\" {\n  children = [");
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, cap - len, "%scontrol.c%d", i ? ", " : "", i);
    len += (size_t)snprintf(text + len, cap - len, "]\n}\n");
    for (int i = 0; i < n; i++) {
        len += (size_t)snprintf(text + len, cap - len, "control \"c%d\" {\n  sql = \"", i);
        len += (size_t)snprintf(text + len, cap - len, sql, i);
        len += (size_t)snprintf(text + len, cap - len, "\"\n}\n");
    }
    cr_assert(len < cap);
    lp_workspace *ws = wf_open_text(text, dir);
    free(text);
    return ws;
}

static lp_run *start(lp_workspace *ws, lp_run_opts *o)
{
    lp_driver_register(lp_driver_postgres());
    const char *t = "b";
    lp_run *run = NULL;
    lp_error err = { 0 };
    o->database = ts_pg_url();
    cr_assert_eq(lp_run_start(ws, LP_KIND_BENCHMARK, &t, 1, o, &run, &err), LP_OK, "%s", err.message);
    return run;
}

static int active_marked(PGconn *pg)
{
    PGresult *r = PQexec(pg, "select count(*) from pg_stat_activity where state = 'active' and query like '%"
                             MARK "%' and pid <> pg_backend_pid()");
    cr_assert_eq(PQresultStatus(r), PGRES_TUPLES_OK, "%s", PQerrorMessage(pg));
    int n = atoi(PQgetvalue(r, 0, 0));
    PQclear(r);
    return n;
}

Test(mt_grow, slow_statements_run_max_parallel_at_once, .timeout = 120)
{
    char *dir;
    lp_workspace *ws = bench_ws(6, "select 'ok' as status, 'r%d' as resource, 'slept' as reason "
                                   "from pg_sleep(60) /* " MARK " */", &dir);
    PGconn *pg = PQconnectdb(ts_pg_url());
    cr_assert_eq(PQstatus(pg), CONNECTION_OK, "%s", PQerrorMessage(pg));
    lp_run_opts o = { .max_parallel = 5 };
    lp_run *run = start(ws, &o);
    /* each worker past the first is admitted once a statement has run longer than a connect */
    int seen = 0;
    for (int i = 0; i < 600 && (seen = active_marked(pg)) < 5; i++) sleep_ms(100);
    cr_assert_eq(seen, 5, "5 statements at once (max_parallel), PostgreSQL shows %d", seen);
    sleep_ms(300);
    cr_assert_eq(active_marked(pg), 5, "never more than max_parallel");
    lp_run_cancel(run);
    cr_assert_eq(lp_run_wait(run, 30000), LP_OK, "the cancelled run ends");
    const lp_run_node *b = lp_node_child(lp_run_root(run), 0);
    for (uint32_t i = 0; i < lp_node_child_count(b); i++)
        cr_assert_eq(lp_node_get_state(lp_node_child(b, i)), LP_NODE_ERROR, "control %u: cancelled", i);
    lp_run_free(run);
    for (int i = 0; i < 100 && active_marked(pg) > 0; i++) sleep_ms(100);
    cr_assert_eq(active_marked(pg), 0, "the cancel reached PostgreSQL");
    PQfinish(pg);
    wf_done(&ws, &dir);
}

typedef struct seen_events {
    const lp_run_node *order[256];
    int n, complete;
    _Atomic int reported;           /* read by the test's thread while the run goes */
} seen_events;

static void on_event(void *user, const lp_run_event *ev)
{
    seen_events *s = user;
    if (ev->type == LP_EV_NODE_COMPLETE && s->n < 256) s->order[s->n++] = ev->node;
    if (ev->type == LP_EV_NODE_COMPLETE) s->reported++;
    if (ev->type == LP_EV_RUN_COMPLETE) s->complete++;
}

Test(mt_grow, short_statements_keep_rows_and_order_of_one_worker, .timeout = 120)
{
    char *dir;
    /* control i: i % 7 rows, some in alarm */
    lp_workspace *ws = bench_ws(120, "select case when g %% 3 = 0 then 'alarm' else 'ok' end as status, "
                                     "'c%1$d-' || g as resource, md5(g::text) as reason "
                                     "from generate_series(1, %1$d %% 7) g", &dir);
    lp_run *runs[2];
    static seen_events ev[2];
    for (int k = 0; k < 2; k++) {
        lp_run_opts o = { .max_parallel = k ? 0 : 1, .on_event = on_event, .user = &ev[k] };
        runs[k] = start(ws, &o);
        cr_assert_eq(lp_run_wait(runs[k], 60000), LP_OK);
        cr_assert_eq(ev[k].complete, 1);
        cr_assert_eq(ev[k].n, 120);
    }
    for (int i = 0; i < 120; i++) {
        const lp_run_node *a = ev[0].order[i], *d = ev[1].order[i];
        cr_assert_str_eq(lp_node_name(a), lp_node_name(d), "event %d in the same order", i);
        cr_assert_eq(lp_node_get_state(d), LP_NODE_COMPLETE, "%s: %s", lp_node_name(d), lp_node_error(d));
        cr_assert_eq(lp_node_row_count(a), (uint32_t)(i % 7));
        cr_assert_eq(lp_node_row_count(d), lp_node_row_count(a), "%s", lp_node_name(d));
        for (uint32_t r = 0; r < lp_node_row_count(a); r++) {
            cr_assert_eq(lp_node_row_status(d, r), lp_node_row_status(a, r));
            for (uint32_t c = 0; c < lp_node_column_count(a); c++) {
                const lp_db_cell *x = &lp_node_row(a, r)[c], *y = &lp_node_row(d, r)[c];
                cr_assert(x->len == y->len && !memcmp(x->text, y->text, x->len), "%s row %u col %u",
                          lp_node_name(d), r, c);
            }
        }
    }
    lp_run_free(runs[0]);
    lp_run_free(runs[1]);
    wf_done(&ws, &dir);
}

Test(mt_grow, a_cancel_ends_the_workers_waiting_to_be_admitted, .timeout = 120)
{
    char *dir;
    /* 5 ms a statement: on a fast machine 120 bare selects all ended between two looks below, and
     * the cancel came after the run's end (make check failed at "the cancel stopped the run") */
    lp_workspace *ws =
        bench_ws(120, "select 'ok' as status, 'r%d' as resource, 'x' as reason from pg_sleep(0.005)", &dir);
    static seen_events ev;
    lp_run_opts o = { .on_event = on_event, .user = &ev };
    lp_run *run = start(ws, &o);
    /* cancelled after 5 controls: the next worker is then usually still waiting to be admitted */
    for (int i = 0; i < 30000 && ev.reported < 5; i++) sleep_ms(1);
    lp_run_cancel(run);
    cr_assert_eq(lp_run_wait(run, 60000), LP_OK, "the cancelled run ends");
    cr_assert_eq(ev.complete, 1);
    cr_assert_eq(ev.n, 120, "every control reported");
    int cancelled = 0;
    for (int i = 0; i < 120; i++) {
        lp_node_state st = lp_node_get_state(ev.order[i]);
        cr_assert(st == LP_NODE_COMPLETE || st == LP_NODE_ERROR);
        if (st == LP_NODE_ERROR) {
            /* "statement cancelled": the driver's, for the statements in flight */
            const char *e = lp_node_error(ev.order[i]);
            cr_assert(!strcmp(e, "cancelled") || !strcmp(e, "statement cancelled"), "%s", e);
            cancelled++;
        }
    }
    cr_assert_gt(cancelled, 0, "the cancel stopped the run before its end");
    lp_run_free(run);
    wf_done(&ws, &dir);
}
