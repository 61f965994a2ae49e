/* test_db_sqlite.c — the SQLite driver (src/driver/sqlite.c) through its lp_driver table:
 * types and their names, NULLs, bound parameters, errors, several statements, a million rows
 * streamed, timeout, a locked file and a sink that stops.  Databases are temporary files made from SQL.
 * Cancellation from another thread is in test_mt_db.c (also run under TSan). */
#include <criterion/criterion.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/dbsink.h"
#include "support/shared.h"
#include "support/runfix.h"

static char dir[64];
static char path[128];

/* A temporary database file made from sql; its path in `path`. */
static void make_db(const char *sql)
{
    strcpy(dir, "/tmp/lp_sqlite_XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/test.db", dir);
    rf_sqlite(path, sql);
}

static void drop_db(void)
{
    unlink(path);
    rmdir(dir);
}

static lp_db_conn *open_db(void)
{
    const lp_driver *d = lp_driver_sqlite();
    lp_db_target t = {.url = "sqlite://test.db", .scheme = "sqlite", .path = path};
    lp_db_conn *c = NULL;
    lp_error err = {0};
    int rc = d->connect(&t, &c, &err);
    cr_assert_eq(rc, LP_OK, "connect: %s", err.message);
    return c;
}

static int run(lp_db_conn *c, const char *sql, const lp_db_param *p, uint32_t np, db_rows *r, int timeout_ms,
               lp_error *err)
{
    lp_db_sink s = db_sink(r);
    memset(err, 0, sizeof *err);
    return lp_driver_sqlite()->exec(c, sql, p, np, &s, timeout_ms, err);
}

Test(db_sqlite, driver_table)
{
    const lp_driver *d = lp_driver_sqlite();
    cr_assert_str_eq(d->name, "sqlite");
    cr_assert_str_eq(d->schemes[0], "sqlite");
    cr_assert_null(d->schemes[1]);
}

Test(db_sqlite, declared_types_and_nulls)
{
    make_db("create table t(i integer, f real, n numeric, b boolean, s text, j json, ts timestamp,"
            " v varchar(10), x blob);"
            "insert into t values (42, 1.5, 3.25, 1, 'héllo', '{\"a\":[1,2]}', '2024-01-02 03:04:05',"
            " 'vv', x'00ff');"
            "insert into t values (-7, 0.1, 10, 0, '', '[]', '2024-01-02T03:04:05Z', 'w', x'');"
            "insert into t values (null, null, null, null, null, null, null, null, null);");
    lp_db_conn *c = open_db();
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, "select * from t", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_assert_eq(r.columns_calls, 1);
    cr_assert_eq(r.ncols, 9);
    const char *names[] = { "INTEGER", "REAL",      "NUMERIC",     "BOOLEAN", "TEXT",
                            "JSON",    "TIMESTAMP", "VARCHAR(10)", "BLOB" };
    lp_db_type kinds[] = { LP_DB_INT,  LP_DB_FLOAT, LP_DB_FLOAT, LP_DB_BOOL, LP_DB_TEXT,
                           LP_DB_JSON, LP_DB_OTHER, LP_DB_TEXT,  LP_DB_OTHER };
    for (uint32_t i = 0; i < 9; i++) {
        cr_expect_str_eq(r.types[i], names[i], "column %u", i);
        cr_expect_eq(r.kinds[i], kinds[i], "column %u", i);
    }
    cr_assert_str_eq(r.names[0], "i");
    cr_assert_eq(r.nrows, 3);
    cr_expect_str_eq(db_cell(&r, 0, 0), "42");
    cr_expect_eq(db_kind(&r, 0, 0), LP_DB_INT);
    cr_expect_str_eq(db_cell(&r, 0, 1), "1.5");
    cr_expect_eq(db_kind(&r, 0, 1), LP_DB_FLOAT);
    cr_expect_str_eq(db_cell(&r, 0, 2), "3.25");   /* NUMERIC affinity keeps 3.25 a REAL */
    cr_expect_str_eq(db_cell(&r, 0, 3), "true");
    cr_expect_eq(db_kind(&r, 0, 3), LP_DB_BOOL);
    cr_expect_str_eq(db_cell(&r, 1, 3), "false");
    cr_expect_str_eq(db_cell(&r, 0, 4), "héllo");
    cr_expect_eq(db_kind(&r, 0, 4), LP_DB_TEXT);
    cr_expect_str_eq(db_cell(&r, 0, 5), "{\"a\":[1,2]}");   /* a cell's type is its storage class */
    cr_expect_eq(db_kind(&r, 0, 5), LP_DB_TEXT);
    cr_expect_str_eq(db_cell(&r, 0, 6), "2024-01-02 03:04:05");
    cr_expect_eq(db_kind(&r, 0, 8), LP_DB_OTHER);
    cr_expect_eq(memcmp(db_cell(&r, 0, 8), "\x00\xff", 2), 0);
    cr_expect_str_eq(db_cell(&r, 1, 0), "-7");
    cr_expect_str_eq(db_cell(&r, 1, 1), "0.1");
    cr_expect_str_eq(db_cell(&r, 1, 2), "10");
    cr_expect_str_eq(db_cell(&r, 1, 4), "");
    cr_expect_eq(db_kind(&r, 1, 4), LP_DB_TEXT);
    for (uint32_t i = 0; i < 9; i++) {
        cr_expect_null(db_cell(&r, 2, i), "column %u", i);
        cr_expect_eq(db_kind(&r, 2, i), LP_DB_NULL, "column %u", i);
    }
    db_rows_free(&r);
    lp_driver_sqlite()->close(c);
    drop_db();
}

Test(db_sqlite, expression_types_from_first_row)
{
    make_db("create table e(a);");
    lp_db_conn *c = open_db();
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, "select 1 as i, 2.5 as f, 'x' as s, null as n, x'01' as b, 1e300*1e300 as inf", NULL,
                     0, &r, 0, &err),
                 LP_OK, "%s", err.message);
    const char *names[] = {"INTEGER", "REAL", "TEXT", "NULL", "BLOB", "REAL"};
    for (uint32_t i = 0; i < 6; i++) cr_expect_str_eq(r.types[i], names[i], "column %u", i);
    cr_expect_eq(r.kinds[0], LP_DB_INT);
    cr_expect_eq(r.kinds[3], LP_DB_NULL);
    cr_expect_str_eq(db_cell(&r, 0, 1), "2.5");
    cr_expect_str_eq(db_cell(&r, 0, 5), "Inf");
    db_rows_free(&r);

    /* no row: no storage class to name */
    cr_assert_eq(run(c, "select 1 as i where 0", NULL, 0, &r, 0, &err), LP_OK);
    cr_assert_eq(r.columns_calls, 1);
    cr_assert_eq(r.ncols, 1);
    cr_expect_str_eq(r.types[0], "");
    cr_expect_eq(r.nrows, 0);
    db_rows_free(&r);
    lp_driver_sqlite()->close(c);
    drop_db();
}

Test(db_sqlite, missing_file_is_not_created)
{
    strcpy(dir, "/tmp/lp_sqlite_XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/missing.db", dir);
    lp_db_target t = {.scheme = "sqlite", .path = path};
    lp_db_conn *c = (lp_db_conn *)1;
    lp_error err = {0};
    cr_assert_eq(lp_driver_sqlite()->connect(&t, &c, &err), LP_ERR_DB);
    cr_assert_null(c);
    cr_assert_eq(err.code, LP_ERR_DB);
    char want[256];
    snprintf(want, sizeof want, "unable to open database file: %s", path);
    cr_assert_str_eq(err.message, want);
    cr_assert_neq(access(path, F_OK), 0, "the driver created %s", path);
    rmdir(dir);
}

Test(db_sqlite, errors_carry_sqlites_message)
{
    make_db("create table t(a);");
    lp_db_conn *c = open_db();
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, "select * from nope", NULL, 0, &r, 0, &err), LP_ERR_DB);
    cr_assert_eq(err.code, LP_ERR_DB);
    cr_assert_str_eq(err.message, "no such table: nope");
    db_rows_free(&r);
    cr_assert_eq(run(c, "selec 1", NULL, 0, &r, 0, &err), LP_ERR_DB);
    cr_assert(strstr(err.message, "syntax error"), "%s", err.message);
    db_rows_free(&r);
    /* a named parameter the run does not give, and one of another form */
    cr_assert_eq(run(c, "select $2", NULL, 0, &r, 0, &err), LP_ERR_DB);
    cr_assert(strstr(err.message, "$2"), "%s", err.message);
    db_rows_free(&r);
    cr_assert_eq(run(c, "select :name", NULL, 0, &r, 0, &err), LP_ERR_DB);
    cr_assert(strstr(err.message, ":name"), "%s", err.message);
    db_rows_free(&r);
    /* the connection still works */
    cr_assert_eq(run(c, "select count(*) from t", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_assert_str_eq(db_cell(&r, 0, 0), "0");
    db_rows_free(&r);
    lp_driver_sqlite()->close(c);
    drop_db();
}

/* After a failed statement reset keeps the connection (1) and rolls back the transaction the
 * statements left open: the row inserted in it is gone, as the file's own count says. */
Test(db_sqlite, reset_rolls_back_a_transaction_left_open)
{
    make_db("create table t (x integer);");
    lp_db_conn *c = open_db();
    db_rows r = {0};
    lp_error err;
    const char *sql = "begin; insert into t values (1); select * from nope";
    cr_assert_eq(run(c, sql, NULL, 0, &r, 0, &err), LP_ERR_DB);
    db_rows_free(&r);
    cr_assert_eq(lp_driver_sqlite()->reset(c), 1);
    cr_assert_eq(run(c, "select count(*) from t", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_assert_str_eq(db_cell(&r, 0, 0), "0");
    db_rows_free(&r);
    lp_driver_sqlite()->close(c);
    drop_db();
}

Test(db_sqlite, params_are_bound_never_spliced)
{
    make_db("create table x(a); insert into x values (1);");
    lp_db_conn *c = open_db();
    const char *evil = "'; drop table x; --";
    lp_db_param p[] = {
        {LP_DB_TEXT, evil, strlen(evil)}, {LP_DB_INT, "41", 2},     {LP_DB_FLOAT, "0.25", 4},
        {LP_DB_BOOL, "true", 4},          {LP_DB_NULL, NULL, 0},    {LP_DB_JSON, "{\"k\":[1]}", 9},
    };
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(
        run(c,
            "select $1 as s, $2 + 1 as i, $3 * 2 as f, $4 as b, $5 as n, json_extract($6, '$.k[0]') as j,"
            " ?1 as again",
            p, 6, &r, 0, &err),
        LP_OK, "%s", err.message);
    cr_assert_eq(r.nrows, 1);
    cr_expect_str_eq(db_cell(&r, 0, 0), evil);
    cr_expect_str_eq(db_cell(&r, 0, 1), "42");
    cr_expect_eq(db_kind(&r, 0, 1), LP_DB_INT);
    cr_expect_str_eq(db_cell(&r, 0, 2), "0.5");
    cr_expect_str_eq(db_cell(&r, 0, 3), "1");
    cr_expect_null(db_cell(&r, 0, 4));
    cr_expect_str_eq(db_cell(&r, 0, 5), "1");
    cr_expect_str_eq(db_cell(&r, 0, 6), evil);
    db_rows_free(&r);
    cr_assert_eq(run(c, "select count(*) from x", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_assert_str_eq(db_cell(&r, 0, 0), "1");
    db_rows_free(&r);
    /* bare ? takes its position */
    cr_assert_eq(run(c, "select ?, ?", p, 2, &r, 0, &err), LP_OK, "%s", err.message);
    cr_expect_str_eq(db_cell(&r, 0, 1), "41");
    db_rows_free(&r);
    lp_driver_sqlite()->close(c);
    drop_db();
}

Test(db_sqlite, statements_run_in_order_last_ones_rows)
{
    make_db("create table e(a);");
    lp_db_conn *c = open_db();
    db_rows r = {0};
    lp_error err;
    lp_db_param p[] = {{LP_DB_INT, "5", 1}};
    cr_assert_eq(run(c, "create table z(a integer); insert into z values ($1), (2); select * from e;\n"
                        "select a from z order by a; -- the rows of this one\n",
                     p, 1, &r, 0, &err),
                 LP_OK, "%s", err.message);
    cr_assert_eq(r.columns_calls, 1);
    cr_assert_eq(r.nrows, 2);
    cr_expect_str_eq(db_cell(&r, 0, 0), "2");
    cr_expect_str_eq(db_cell(&r, 1, 0), "5");
    db_rows_free(&r);
    /* a last statement without rows: no columns */
    cr_assert_eq(run(c, "select * from z; delete from z", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_assert_eq(r.columns_calls, 1);
    cr_assert_eq(r.ncols, 0);
    cr_assert_eq(r.nrows, 0);
    db_rows_free(&r);
    /* nothing to run */
    cr_assert_eq(run(c, " ; -- nothing\n", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_assert_eq(r.columns_calls, 1);
    cr_assert_eq(r.ncols, 0);
    db_rows_free(&r);
    /* an error in a later statement: the earlier ones ran */
    cr_assert_eq(run(c, "insert into z values (9); select * from nope", NULL, 0, &r, 0, &err), LP_ERR_DB);
    cr_assert_str_eq(err.message, "no such table: nope");
    db_rows_free(&r);
    cr_assert_eq(run(c, "select count(*) from z", NULL, 0, &r, 0, &err), LP_OK);
    cr_assert_str_eq(db_cell(&r, 0, 0), "1");
    db_rows_free(&r);
    lp_driver_sqlite()->close(c);
    drop_db();
}

Test(db_sqlite, a_million_rows_stream)
{
    make_db("create table e(a);");
    lp_db_conn *c = open_db();
    db_rows r = {.keep = 2};
    lp_error err;
    sqlite3_memory_highwater(1);
    cr_assert_eq(run(c, "with recursive n(x) as (select 1 union all select x + 1 from n where x < 1000000)"
                        " select x, 'row number ' || x as label from n",
                     NULL, 0, &r, 0, &err),
                 LP_OK, "%s", err.message);
    cr_assert_eq(r.nrows, 1000000);
    cr_assert_str_eq(db_cell(&r, 1, 1), "row number 2");
    /* ~30 MB of cells: SQLite's peak would show a driver holding them (RSS under ASan would
     * show its quarantine instead) */
    sqlite3_int64 peak = sqlite3_memory_highwater(0);
    cr_assert_lt(peak, 4 << 20, "SQLite's memory peaked at %lld bytes", (long long)peak);
    db_rows_free(&r);
    lp_driver_sqlite()->close(c);
    drop_db();
}

Test(db_sqlite, timeout)
{
    make_db("create table e(a);");
    lp_db_conn *c = open_db();
    db_rows r = {0};
    lp_error err;
    double t0 = ts_now_s();
    int rc = run(c, "with recursive n(x) as (select 1 union all select x + 1 from n) select count(*) from n",
                 NULL, 0, &r, 300, &err);
    double took = ts_now_s() - t0;
    cr_assert_eq(rc, LP_ERR_TIMEOUT, "%d %s", rc, err.message);
    cr_assert_eq(err.code, LP_ERR_TIMEOUT);
    cr_assert(strstr(err.message, "300 ms"), "%s", err.message);
    cr_assert(took >= 0.29 && took < 3, "took %.3f s", took);
    db_rows_free(&r);
    /* rows streaming to the sink reach the deadline too */
    r = (db_rows){.keep = 1};
    t0 = ts_now_s();
    rc = run(c, "with recursive n(x) as (select 1 union all select x + 1 from n) select x from n", NULL, 0,
             &r, 300, &err);
    took = ts_now_s() - t0;
    cr_assert_eq(rc, LP_ERR_TIMEOUT, "%d %s", rc, err.message);
    cr_assert_gt(r.nrows, 0);
    cr_assert(took < 3, "took %.3f s", took);
    db_rows_free(&r);
    /* the connection goes on; a deadline not reached changes nothing */
    cr_assert_eq(run(c, "select 7", NULL, 0, &r, 300, &err), LP_OK, "%s", err.message);
    cr_assert_str_eq(db_cell(&r, 0, 0), "7");
    db_rows_free(&r);
    lp_driver_sqlite()->close(c);
    drop_db();
}

Test(db_sqlite, sink_stop)
{
    make_db("create table e(a);");
    lp_db_conn *c = open_db();
    db_rows r = {.stop_after = 10};
    lp_error err;
    cr_assert_eq(run(c, "with recursive n(x) as (select 1 union all select x + 1 from n) select x from n",
                     NULL, 0, &r, 0, &err),
                 LP_ERR_CANCELLED);
    cr_assert_eq(err.code, LP_ERR_CANCELLED);
    cr_assert_eq(r.nrows, 10);
    db_rows_free(&r);
    cr_assert_eq(run(c, "select 1", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    db_rows_free(&r);
    lp_driver_sqlite()->close(c);
    drop_db();
}

static void *commit_later(void *arg)
{
    struct timespec ts = {0, 300 * 1000000};
    nanosleep(&ts, NULL);
    sqlite3_exec(arg, "commit", NULL, NULL, NULL);
    return NULL;
}

Test(db_sqlite, locked_file_is_waited_for)
{
    make_db("create table t(a); insert into t values (1);");
    sqlite3 *holder;
    cr_assert_eq(sqlite3_open(path, &holder), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(holder, "begin exclusive", NULL, NULL, NULL), SQLITE_OK);
    lp_db_conn *c = open_db();
    db_rows r = {0};
    lp_error err;
    /* a deadline ends the wait */
    double t0 = ts_now_s();
    cr_assert_eq(run(c, "select a from t", NULL, 0, &r, 200, &err), LP_ERR_TIMEOUT, "%s", err.message);
    cr_assert_lt(ts_now_s() - t0, 1.0);
    db_rows_free(&r);
    /* else the statement waits for the lock to go */
    pthread_t th;
    cr_assert_eq(pthread_create(&th, NULL, commit_later, holder), 0);
    t0 = ts_now_s();
    cr_assert_eq(run(c, "select a from t", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_assert_gt(ts_now_s() - t0, 0.2);
    cr_assert_str_eq(db_cell(&r, 0, 0), "1");
    pthread_join(th, NULL);
    db_rows_free(&r);
    sqlite3_close(holder);
    lp_driver_sqlite()->close(c);
    drop_db();
}
