/* test_mt_db.c — the drivers' cancel from another thread (also run under TSan by
 * `make test-tsan`): a long SQLite statement, PostgreSQL's pg_sleep(30) and MySQL's sleep(30) end
 * with LP_ERR_CANCELLED within a second of cancel; a cancel that comes before exec is not lost;
 * connections of both drivers used by several threads at once.  PostgreSQL at $LP_PG_URL
 * (default postgres://steampipe@127.0.0.1:9193/steampipe, started by `make test`), MariaDB at
 * $LP_MYSQL_URL (tests/support/mysql.sh); an unreachable server fails the tests. */
#include "support/mt_test.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/dbsink.h"
#include "support/shared.h"

#define LONG_SQLITE "with recursive n(x) as (select 1 union all select x + 1 from n) select count(*) from n"

/* An empty file is an empty SQLite database. */
static void temp_db(char *path)
{
    strcpy(path, "/tmp/lp_mt_db_XXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    close(fd);
}

static lp_db_conn *open_conn(const lp_driver *d, const char *sqlite_path)
{
    const char *mysql = ts_mysql_url() + strlen("mysql://");
    lp_db_target t = {.scheme = d->name, .path = sqlite_path,
                      .conninfo = !strcmp(d->name, "mysql") ? mysql : ts_pg_url()};
    lp_db_conn *c = NULL;
    lp_error err = {0};
    int rc = d->connect(&t, &c, &err);
    if (rc != LP_OK) fprintf(stderr, "%s: connect: %s\n", d->name, err.message);
    cr_assert_eq(rc, LP_OK, "%s", err.message);
    return c;
}

/* exec sql on c while another thread cancels it after delay_ms: LP_ERR_CANCELLED within a
 * second of the cancel. */
static void cancelled_from_another_thread(const lp_driver *d, lp_db_conn *c, const char *sql)
{
    db_canceller k = {d, c, 300, 0};
    pthread_t th;
    cr_assert_eq(pthread_create(&th, NULL, db_cancel_later, &k), 0);
    db_rows r = {0};
    lp_db_sink s = db_sink(&r);
    lp_error err = {0};
    int rc = d->exec(c, sql, NULL, 0, &s, 0, &err);
    double done = ts_now_s();
    pthread_join(th, NULL);
    if (rc != LP_ERR_CANCELLED) fprintf(stderr, "%s: %d %s\n", d->name, rc, err.message);
    cr_assert_eq(rc, LP_ERR_CANCELLED);
    cr_assert_eq(err.code, LP_ERR_CANCELLED);
    cr_assert(done - k.at < 1.0);
    db_rows_free(&r);
    /* sticky: the connection runs nothing more */
    rc = d->exec(c, "select 1", NULL, 0, &s, 0, &err);
    cr_assert_eq(rc, LP_ERR_CANCELLED);
    db_rows_free(&r);
}

Test(mt_db, sqlite_cancel_from_another_thread)
{
    char path[64];
    temp_db(path);
    const lp_driver *d = lp_driver_sqlite();
    lp_db_conn *c = open_conn(d, path);
    cancelled_from_another_thread(d, c, LONG_SQLITE);
    d->close(c);
    unlink(path);
}

Test(mt_db, postgres_cancel_from_another_thread)
{
    const lp_driver *d = lp_driver_postgres();
    lp_db_conn *c = open_conn(d, NULL);
    cancelled_from_another_thread(d, c, "select pg_sleep(30)");
    d->close(c);
}

/* Cancel before exec starts: exec returns at once, it does not run the statement. */
static void cancel_before(const lp_driver *d, lp_db_conn *c, const char *sql)
{
    db_canceller k = {d, c, 0, 0};
    pthread_t th;
    cr_assert_eq(pthread_create(&th, NULL, db_cancel_later, &k), 0);
    pthread_join(th, NULL);
    db_rows r = {0};
    lp_db_sink s = db_sink(&r);
    lp_error err = {0};
    double t0 = ts_now_s();
    cr_assert_eq(d->exec(c, sql, NULL, 0, &s, 0, &err), LP_ERR_CANCELLED);
    cr_assert(ts_now_s() - t0 < 1.0);
    cr_assert_eq(r.columns_calls, 0);
    db_rows_free(&r);
}

Test(mt_db, mysql_cancel_from_another_thread)
{
    const lp_driver *d = lp_driver_mysql();
    lp_db_conn *c = open_conn(d, NULL);
    cancelled_from_another_thread(d, c, "select sleep(30)");
    d->close(c);
    c = open_conn(d, NULL);
    cancel_before(d, c, "select sleep(30)");
    d->close(c);
}

Test(mt_db, cancel_before_exec_is_not_lost)
{
    char path[64];
    temp_db(path);
    lp_db_conn *c = open_conn(lp_driver_sqlite(), path);
    cancel_before(lp_driver_sqlite(), c, LONG_SQLITE);
    lp_driver_sqlite()->close(c);
    unlink(path);
    c = open_conn(lp_driver_postgres(), NULL);
    cancel_before(lp_driver_postgres(), c, "select pg_sleep(30)");
    lp_driver_postgres()->close(c);
}

#define THREADS 4

typedef struct worker {
    const char *sqlite_path;
    int ok;
} worker;

/* Each thread its own connections, all running at once. */
static void *work(void *arg)
{
    worker *w = arg;
    lp_db_conn *s = open_conn(lp_driver_sqlite(), w->sqlite_path);
    lp_db_conn *p = open_conn(lp_driver_postgres(), NULL);
    for (int i = 0; i < 20; i++) {
        db_rows r = {0};
        lp_db_sink sink = db_sink(&r);
        lp_error err = {0};
        lp_db_param n = {LP_DB_INT, "1000", 4};
        int a = lp_driver_sqlite()->exec(s, "with recursive n(x) as (select 1 union all select x + 1 from n"
                                            " where x < $1) select sum(x) from n",
                                         &n, 1, &sink, 5000, &err);
        int ok = a == LP_OK && r.nrows == 1 && !strcmp(db_cell(&r, 0, 0), "500500");
        db_rows_free(&r);
        int b = lp_driver_postgres()->exec(p, "select sum(g) from generate_series(1, $1::int) g", &n, 1,
                                           &sink, 5000, &err);
        ok = ok && b == LP_OK && r.nrows == 1 && !strcmp(db_cell(&r, 0, 0), "500500");
        db_rows_free(&r);
        w->ok += ok;
    }
    lp_driver_sqlite()->close(s);
    lp_driver_postgres()->close(p);
    return NULL;
}

Test(mt_db, connections_on_many_threads)
{
    char path[64];
    temp_db(path);
    pthread_t th[THREADS];
    worker w[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (worker){path, 0};
        cr_assert_eq(pthread_create(&th[i], NULL, work, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) pthread_join(th[i], NULL);
    for (int i = 0; i < THREADS; i++) cr_assert_eq(w[i].ok, 20);
    unlink(path);
}
