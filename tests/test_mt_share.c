/* test_mt_share.c — statements in flight shared between concurrent runs (lp_run_opts.share,
 * src/run/share.c) against the real PostgreSQL of `make check` (LP_PG_URL).
 *
 * PostgreSQL itself counts the statements that ran: each query calls nextval() of its own sequence,
 * made here.  Each holds a shared advisory lock the test holds exclusively on its own connection, so
 * a first run's statement is surely in flight (blocked in PostgreSQL) while a second run starts: the
 * second waits for it and takes its rows (one statement); a cancelled first run, or one whose
 * statement fails, leaves the second to run the statement itself; a second run cancelled while it
 * waits completes at once.  A stress part (also under TSan) starts many runs from several threads,
 * cancelling some, all sharing. */
#include "support/mt_test.h"
#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/wsfix.h"
#include "support/shared.h"

static char *dir;
static lp_workspace *ws;
static char prefix[64];             /* of this test's sequences: several test processes share the server */
static int lock_a;                  /* this process's advisory lock space (lock_a, i) */
static lp_run_share *share;
static const lp_driver *pg;
static lp_db_conn *holder;          /* the test's connection holding the advisory locks */

static int no_cols(void *u, const lp_db_col *c, uint32_t n) { (void)u, (void)c, (void)n; return 0; }
static int one_row(void *u, const lp_db_cell *c, uint32_t n)
{
    if (u && n && c[0].text) snprintf(u, 64, "%s", c[0].text);
    return 0;
}

/* the first cell of sql's first row into out (64 bytes; may be NULL) */
static void pg_exec(lp_db_conn *c, const char *sql, char *out)
{
    lp_db_sink sink = { out, no_cols, one_row };
    lp_error err = { 0 };
    cr_assert_eq(pg->exec(c, sql, NULL, 0, &sink, 30000, &err), LP_OK, "%s: %s", sql, err.message);
}

static long seq_value(const char *name)
{
    char sql[256], out[64] = "";
    snprintf(sql, sizeof sql, "select case when is_called then last_value else 0 end from %s_%s", prefix,
             name);
    pg_exec(holder, sql, out);
    return atol(out);
}

static void lock(int i, int take)
{
    char sql[128];
    snprintf(sql, sizeof sql, "select pg_advisory_%slock(%d, %d)::text", take ? "" : "un", lock_a, i);
    pg_exec(holder, sql, NULL);
}

/* The queries, one sequence and lock each: "counted" counts; "fails_once" fails its first time
 * (1/0) and gives 1 after; "fast" sleeps without a lock (the stress part). */
static const char *const SEQS[] = { "together", "owner_cancel", "waiter_cancel", "fails", "self", "hundred",
                                     "queued", "slow" };
#define NSEQ (sizeof SEQS / sizeof *SEQS)

static void setup(void)
{
    lp_driver_register(lp_driver_postgres());
    pg = lp_driver_postgres();
    snprintf(prefix, sizeof prefix, "lp_share_%ld_%ld", (long)getpid(), (long)time(NULL) % 100000);
    lock_a = (int)(getpid() % 1000000) + 7000000;
    lp_db_target t;
    lp_buf store = { 0 };
    const lp_driver *d;
    lp_error err = { 0 };
    cr_assert_eq(lp_db_parse(ts_pg_url(), &t, &store, &d, &err), LP_OK, "%s", err.message);
    cr_assert_eq(pg->connect(&t, &holder, &err), LP_OK, "PostgreSQL at %s: %s", ts_pg_url(), err.message);
    lp_buf_free(&store);

    lp_buf mod = { 0 };
    char buf[1024];
    for (uint32_t i = 0; i < NSEQ; i++) {
        snprintf(buf, sizeof buf, "create sequence %s_%s", prefix, SEQS[i]);
        pg_exec(holder, buf, NULL);
        const char *value = strcmp(SEQS[i], "fails") == 0 ? "1 / (nextval('%s_%s') - 1)" : "nextval('%s_%s')";
        char expr[256];
        snprintf(expr, sizeof expr, value, prefix, SEQS[i]);
        snprintf(buf, sizeof buf,
                 "query \"%s\" {\n"
                 "  sql = \"with l as materialized (select pg_advisory_xact_lock_shared(%d, %u)) "
                 "select %s as n from l\"\n"
                 "}\n", SEQS[i], lock_a, i, expr);
        lp_buf_puts(&mod, buf);
    }
    snprintf(buf, sizeof buf,
             "dashboard \"self\" {\n"
             "  card \"a\" { sql = \"select nextval('%s_self') as n\" }\n"
             "  card \"b\" { sql = \"select nextval('%s_self') as n\" }\n"
             "}\n"
             "dashboard \"stress\" {\n"
             "  card \"a\" { sql = \"select 1 as n from pg_sleep(0.02)\" }\n"
             "  card \"b\" { sql = \"select 2 as n from pg_sleep(0.03)\" }\n"
             "  card \"c\" { sql = \"select 3 as n from pg_sleep(0.01)\" }\n"
             "  table \"d\" { sql = \"select g as n from generate_series(1, 50) g\" }\n"
             "}\n", prefix, prefix);
    lp_buf_puts(&mod, buf);
    lp_buf_putc(&mod, '\0');
    ws = wf_open_text(mod.data, &dir);
    lp_buf_free(&mod);
    share = lp_run_share_new();
    cr_assert_not_null(share);
}

static void teardown(void)
{
    if (holder) {
        char buf[256];
        for (uint32_t i = 0; i < NSEQ; i++) {
            snprintf(buf, sizeof buf, "drop sequence if exists %s_%s", prefix, SEQS[i]);
            pg_exec(holder, buf, NULL);
        }
        pg->close(holder);
        holder = NULL;
    }
    lp_run_share_free(share);
    share = NULL;
    wf_done(&ws, &dir);
}


static lp_run *start(lp_kind kind, const char *target, lp_run_share *with)
{
    lp_run_opts o = { .database = ts_pg_url(), .max_parallel = 2, .share = with };
    lp_run *run = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_run_start(ws, kind, &target, 1, &o, &run, &err), LP_OK, "%s", err.message);
    return run;
}

static lp_run_stats stats(const lp_run *run)
{
    lp_run_stats st;
    lp_run_get_stats(run, &st);
    return st;
}

static void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* run's statement was sent (it is blocked on the test's lock, in flight) */
static void wait_queried(const lp_run *run)
{
    for (int i = 0; i < 3000 && stats(run).queried == 0; i++) sleep_ms(10);
    cr_assert_eq(stats(run).queried, 1, "the first run's statement never started");
}

static const lp_run_node *leaf(const lp_run *run)
{
    return lp_node_child(lp_run_root(run), 0);
}

static long value(const lp_run *run)
{
    const lp_run_node *n = leaf(run);
    cr_assert_eq(lp_node_get_state(n), LP_NODE_COMPLETE, "%s", lp_node_error(n));
    cr_assert_eq(lp_node_row_count(n), 1);
    return atol(lp_node_row(n, 0)[0].text);
}

/* A second run waits long enough to be waiting (it has nothing else to do) */
#define SETTLE_MS 400

/* Lock n held, a run of target that starts its statement (blocked on the lock) and a second run of
 * it with s, given time to reach the first's statement: the first returned, the second in *b. */
static lp_run *owner_and_waiter(int n, const char *target, lp_run_share *s, lp_run **b)
{
    lock(n, 1);
    lp_run *a = start(LP_KIND_QUERY, target, s);
    wait_queried(a);
    *b = start(LP_KIND_QUERY, target, s);
    sleep_ms(SETTLE_MS);
    return a;
}

static void end_pair(lp_run *a, lp_run *b)
{
    lp_run_free(a);
    lp_run_free(b);
    teardown();
}

Test(share, two_runs_started_together_run_the_statement_once)
{
    setup();
    lp_run *b, *a = owner_and_waiter(0, "together", share, &b);
    cr_assert_eq(lp_run_wait(b, 0), LP_ERR_TIMEOUT, "b did not wait for a's statement");
    lock(0, 0);
    cr_assert_eq(lp_run_wait(a, 30000), LP_OK);
    cr_assert_eq(lp_run_wait(b, 30000), LP_OK);
    cr_assert_eq(value(a), 1);
    cr_assert_eq(value(b), 1, "b has a's rows");
    cr_assert_eq(seq_value("together"), 1, "PostgreSQL ran the statement once");
    cr_assert_eq(stats(b).queried, 0);
    cr_assert_eq(stats(b).reused, 1);
    cr_assert_eq(stats(b).shared, 1);
    cr_assert(lp_node_reused(leaf(b)));
    cr_assert_not(lp_node_reused(leaf(a)));
    /* a and b share one block: freeing a leaves b's rows readable */
    lp_run_free(a);
    cr_assert_eq(value(b), 1);
    lp_run_free(b);

    /* without the share object, the same two runs run it twice */
    a = owner_and_waiter(0, "together", NULL, &b);
    lock(0, 0);
    cr_assert_eq(lp_run_wait(a, 30000), LP_OK);
    cr_assert_eq(lp_run_wait(b, 30000), LP_OK);
    cr_assert_eq(seq_value("together"), 3);
    cr_assert_eq(stats(b).queried, 1);
    end_pair(a, b);
}

Test(share, a_cancelled_owner_leaves_the_waiter_to_run_it)
{
    setup();
    lp_run *b, *a = owner_and_waiter(1, "owner_cancel", share, &b);
    lp_run_cancel(a);
    cr_assert_eq(lp_run_wait(a, 30000), LP_OK);
    cr_assert_eq(lp_node_get_state(leaf(a)), LP_NODE_ERROR);
    /* b runs the statement itself: blocked on the lock as a was */
    for (int i = 0; i < 3000 && stats(b).queried == 0; i++) sleep_ms(10);
    cr_assert_eq(stats(b).queried, 1, "b never ran the statement after a was cancelled");
    cr_assert_eq(lp_run_wait(b, 0), LP_ERR_TIMEOUT);
    lock(1, 0);
    cr_assert_eq(lp_run_wait(b, 30000), LP_OK);
    cr_assert_eq(value(b), 1, "a's cancelled statement never reached nextval");
    cr_assert_eq(seq_value("owner_cancel"), 1);
    cr_assert_eq(stats(b).shared, 0);
    end_pair(a, b);
}

Test(share, a_waiter_cancelled_stops_waiting_at_once)
{
    setup();
    lp_run *b, *a = owner_and_waiter(2, "waiter_cancel", share, &b);
    lp_run_cancel(b);
    /* a still holds the statement, blocked on the lock: b completes without it */
    cr_assert_eq(lp_run_wait(b, 10000), LP_OK, "the cancelled waiter kept waiting");
    cr_assert_eq(lp_node_get_state(leaf(b)), LP_NODE_ERROR);
    cr_assert_str_eq(lp_node_error(leaf(b)), "cancelled");
    cr_assert_eq(stats(b).queried, 0);
    cr_assert_eq(lp_run_wait(a, 0), LP_ERR_TIMEOUT, "b's cancel stopped a");
    lp_run_free(b);
    lock(2, 0);
    cr_assert_eq(lp_run_wait(a, 30000), LP_OK);
    cr_assert_eq(value(a), 1, "a is not failed by b's cancel");
    cr_assert_eq(seq_value("waiter_cancel"), 1);
    lp_run_free(a);
    teardown();
}

Test(share, a_failed_statement_leaves_the_waiter_to_run_it)
{
    setup();
    lp_run *b, *a = owner_and_waiter(3, "fails", share, &b);
    lock(3, 0);
    cr_assert_eq(lp_run_wait(a, 30000), LP_OK);
    cr_assert_eq(lp_run_wait(b, 30000), LP_OK);
    cr_assert_eq(lp_node_get_state(leaf(a)), LP_NODE_ERROR);
    cr_assert(strstr(lp_node_error(leaf(a)), "division by zero"), "%s", lp_node_error(leaf(a)));
    cr_assert_eq(value(b), 1, "b ran the statement again: 1 / (2 - 1)");
    cr_assert_eq(seq_value("fails"), 2);
    cr_assert_eq(stats(b).queried, 1);
    cr_assert_eq(stats(b).shared, 0);
    end_pair(a, b);
}

Test(share, a_run_never_waits_for_its_own_statements)
{
    setup();
    /* two cards of one dashboard with equal statements: both run, as without a share object */
    lp_run *a = start(LP_KIND_DASHBOARD, "self", share);
    cr_assert_eq(lp_run_wait(a, 30000), LP_OK);
    cr_assert_eq(stats(a).queried, 2);
    cr_assert_eq(seq_value("self"), 2);
    lp_run_free(a);
    teardown();
}

/* Many runs of one dashboard started from several threads at once, every third cancelled at once,
 * all sharing one object: every run completes, the others with every value right. */
#define STRESS_THREADS 4
#define STRESS_RUNS 6

typedef struct stress_arg {
    int index;
    uint32_t queried, shared;
} stress_arg;

static void *stress_main(void *p)
{
    stress_arg *arg = p;
    lp_run *runs[STRESS_RUNS];
    for (int i = 0; i < STRESS_RUNS; i++) {
        const char *target = "stress";
        lp_run_opts o = { .database = ts_pg_url(), .max_parallel = 2, .share = share };
        lp_error err = { 0 };
        if (lp_run_start(ws, LP_KIND_DASHBOARD, &target, 1, &o, &runs[i], &err) != LP_OK) return "start";
        if ((arg->index + i) % 3 == 0) lp_run_cancel(runs[i]);
    }
    for (int i = 0; i < STRESS_RUNS; i++) {
        if (lp_run_wait(runs[i], 60000) != LP_OK) return "a run did not complete";
        lp_run_stats st;
        lp_run_get_stats(runs[i], &st);
        arg->queried += st.queried;
        arg->shared += st.shared;
        const lp_run_node *d = lp_node_child(lp_run_root(runs[i]), 0);
        for (uint32_t c = 0; c < lp_node_child_count(d) && (arg->index + i) % 3 != 0; c++) {
            const lp_run_node *n = lp_node_child(d, c);
            if (lp_node_get_state(n) != LP_NODE_COMPLETE) return "a panel of a run not cancelled failed";
            const char *want = c < 3 ? (const char[]){ (char)('1' + c), 0 } : "1";
            if (strcmp(lp_node_row(n, 0)[0].text, want) != 0) return "a wrong value";
            if (c == 3 && lp_node_row_count(n) != 50) return "a table's rows lost";
        }
        lp_run_free(runs[i]);
    }
    return NULL;
}

Test(share, many_runs_from_many_threads_share_and_cancel_safely)
{
    setup();
    pthread_t th[STRESS_THREADS];
    stress_arg args[STRESS_THREADS] = { 0 };
    for (int i = 0; i < STRESS_THREADS; i++) {
        args[i].index = i;
        cr_assert_eq(pthread_create(&th[i], NULL, stress_main, &args[i]), 0);
    }
    uint32_t queried = 0, shared = 0;
    for (int i = 0; i < STRESS_THREADS; i++) {
        void *why = NULL;
        pthread_join(th[i], &why);
        cr_assert_null(why, "thread %d: %s", i, (const char *)why);
        queried += args[i].queried;
        shared += args[i].shared;
    }
    /* 24 runs of 4 leaves: fewer statements than leaves when some were shared (not asserted: timing) */
    fprintf(stderr, "stress: %u statements, %u leaves shared\n", queried, shared);
    teardown();
}

/* The same with the share's connection pool (lp_run_share_set_pool: 2 connections for all 24 runs,
 * each run's max_parallel 2) and rows kept 200 ms (lp_run_share_set_keep): every run completes with
 * every value right, and the pool never had more than 2 connections open (also under TSan). */
Test(share, many_runs_through_one_pool_of_two_connections)
{
    setup();
    lp_run_share_set_pool(share, 2);
    lp_run_share_set_keep(share, 200);
    pthread_t th[STRESS_THREADS];
    stress_arg args[STRESS_THREADS] = { 0 };
    for (int i = 0; i < STRESS_THREADS; i++) {
        args[i].index = i;
        cr_assert_eq(pthread_create(&th[i], NULL, stress_main, &args[i]), 0);
    }
    for (int i = 0; i < STRESS_THREADS; i++) {
        void *why = NULL;
        pthread_join(th[i], &why);
        cr_assert_null(why, "thread %d: %s", i, (const char *)why);
    }
    lp_run_share_stats st;
    lp_run_share_get_stats(share, &st);
    cr_assert(st.peak >= 1 && st.peak <= 2, "the pool had %u connections open at once", st.peak);
    cr_assert_eq(lp_run_share_trim(share, 0), 0, "idle connections still open after a trim");
    teardown();
}

/* ------------------------------------------------------------------ admission of whole runs
 *
 * With a pool, at most lp_run_share_set_admit's runs (twice the pool's connections by default) have
 * started their workers; the others wait for a place with no thread.  Threads are counted from
 * /proc/self/task, also at every event of every run. */

static int threads_now(void)
{
    DIR *d = opendir("/proc/self/task");
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));) n += e->d_name[0] != '.';
    if (d) closedir(d);
    return n;
}

static _Atomic int most_threads;

static void count_threads(void *user, const lp_run_event *ev)
{
    (void)user, (void)ev;
    int n = threads_now();
    for (int m = most_threads; n > m && !atomic_compare_exchange_weak(&most_threads, &m, n);) {}
}

static lp_run *start_sql(const char *sql)
{
    lp_run_opts o = { .database = ts_pg_url(), .max_parallel = 2, .share = share, .on_event = count_threads };
    lp_run *run = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_run_sql(ws, sql, &o, &run, &err), LP_OK, "%s", err.message);
    return run;
}

#define HUNDRED 100

/* A hundred runs (each its own statement) on a pool of two connections, whose first statements block
 * on the test's lock: two runs are admitted (lp_run_share_set_pool's default: a thread each, in its
 * statement) and the other 98 wait with no thread and send nothing (before: a thread per run, 100).
 * Once the lock is released every run completes with its own value, PostgreSQL ran a hundred
 * statements, and the threads stayed few all along. */
Test(share, a_hundred_runs_on_a_pool_of_two_wait_for_a_place_without_threads)
{
    setup();
    lp_run_share_set_pool(share, 2);
    int base = threads_now();
    most_threads = base;
    lp_run *runs[HUNDRED];
    char sql[256];
    lock(5, 1);
    for (int i = 0; i < HUNDRED; i++) {
        snprintf(sql, sizeof sql, "with l as materialized (select pg_advisory_xact_lock_shared(%d, 5)) "
                 "select nextval('%s_hundred') * 0 + %d as n from l", lock_a, prefix, i);
        runs[i] = start_sql(sql);
        count_threads(NULL, NULL);
    }
    uint32_t queried = 0;
    for (int t = 0; t < 3000 && queried < 2; t++, sleep_ms(10)) {
        queried = 0;
        for (int i = 0; i < HUNDRED; i++) queried += stats(runs[i]).queried;
    }
    cr_assert_eq(queried, 2, "the pool's two connections never both ran a statement");
    sleep_ms(SETTLE_MS);            /* time for threads that would start to start */
    int waiting_threads = threads_now() - base;
    for (int i = 2; i < HUNDRED; i++) cr_assert_eq(stats(runs[i]).queried, 0, "run %d is past the two", i);
    lock(5, 0);
    for (int i = 0; i < HUNDRED; i++) {
        cr_assert_eq(lp_run_wait(runs[i], 60000), LP_OK, "run %d did not complete", i);
        cr_assert_eq(value(runs[i]), i);
    }
    for (int i = 0; i < HUNDRED; i++) lp_run_free(runs[i]);
    cr_assert_eq(seq_value("hundred"), HUNDRED, "PostgreSQL ran each statement once");
    lp_run_share_stats st;
    lp_run_share_get_stats(share, &st);
    cr_assert(st.peak >= 1 && st.peak <= 2, "the pool had %u connections open at once", st.peak);
    fprintf(stderr,
            "a hundred runs, a pool of 2: %d threads over the process's %d with 98 waiting, %d at most\n",
            waiting_threads, base, most_threads - base);
    cr_assert_leq(waiting_threads, 2, "%d threads for 2 runs admitted and 98 waiting", waiting_threads);
    /* while they ran: the admitted runs' workers, and those of a run ending and the next it starts */
    cr_assert_leq(most_threads - base, 6, "%d threads at once for a hundred runs", most_threads - base);
    teardown();
}

/* A run waiting for a place (a pool of 1 admitting 1 run, held by a statement blocked on the test's
 * lock) and cancelled completes at once, its leaf "cancelled", without running; another freed while
 * it waits (lp_run_free cancels) returns; the run holding the place is not disturbed. */
Test(share, a_run_waiting_for_a_place_cancelled_ends_at_once)
{
    setup();
    lp_run_share_set_pool(share, 1);
    lp_run_share_set_admit(share, 1);
    lock(6, 1);
    lp_run *a = start(LP_KIND_QUERY, "queued", share);
    wait_queried(a);
    char sql[256];
    snprintf(sql, sizeof sql, "select nextval('%s_queued') as n", prefix);
    lp_run *b = start_sql(sql);
    cr_assert_eq(lp_run_wait(b, SETTLE_MS), LP_ERR_TIMEOUT, "b ran past the bound");
    cr_assert_eq(lp_node_get_state(leaf(b)), LP_NODE_READY);
    lp_run_cancel(b);
    cr_assert_eq(lp_run_wait(b, 10000), LP_OK, "the waiting run did not end when cancelled");
    cr_assert_eq(lp_node_get_state(leaf(b)), LP_NODE_ERROR);
    cr_assert_str_eq(lp_node_error(leaf(b)), "cancelled");
    cr_assert_eq(stats(b).queried, 0);
    lp_run_free(b);

    lp_run *c = start_sql(sql);
    sleep_ms(50);
    lp_run_free(c);                 /* (returns: it was cancelled and started) */

    cr_assert_eq(lp_run_wait(a, 0), LP_ERR_TIMEOUT, "the cancels stopped a");
    lock(6, 0);
    cr_assert_eq(lp_run_wait(a, 30000), LP_OK);
    cr_assert_eq(value(a), 1);
    cr_assert_eq(seq_value("queued"), 1, "a waiting run's statement ran");
    lp_run_free(a);
    teardown();
}

/* A run admitted 2 s ago counts no more: with a pool of 2 admitting 1 run, a run whose statement is
 * slow (blocked on the test's lock) holds the place; a second run waits, and once the first is 2 s
 * old the share's trim (the server's housekeeping) starts it on the pool's other connection, where
 * it completes while the first still waits. */
Test(share, a_slow_run_holds_its_place_two_seconds_at_most)
{
    setup();
    lp_run_share_set_pool(share, 2);
    lp_run_share_set_admit(share, 1);
    lock(7, 1);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    lp_run *a = start(LP_KIND_QUERY, "slow", share);
    wait_queried(a);
    lp_run *b = start_sql("select 42 as n");
    cr_assert_eq(lp_run_wait(b, 1000), LP_ERR_TIMEOUT, "b started while a was young");
    cr_assert_eq(stats(b).queried, 0);
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long waited = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    if (waited < 2100) sleep_ms((int)(2100 - waited));
    lp_run_share_trim(share, 60000);
    cr_assert_eq(lp_run_wait(b, 10000), LP_OK, "b did not start once a was 2 s old");
    cr_assert_eq(value(b), 42);
    cr_assert_eq(lp_run_wait(a, 0), LP_ERR_TIMEOUT);
    lock(7, 0);
    cr_assert_eq(lp_run_wait(a, 30000), LP_OK);
    cr_assert_eq(value(a), 1);
    lp_run_free(b);
    lp_run_free(a);
    teardown();
}
