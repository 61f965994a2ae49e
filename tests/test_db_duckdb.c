/* test_db_duckdb.c — the DuckDB driver (src/driver/duckdb.c) through its lp_driver table: a
 * database file the driver creates, types and their names, NULLs and JSON, results streamed
 * by chunk and materialised, bound parameters, DuckDB's errors, several statements, timeout,
 * cancel from another thread, a sink that stops, two connections on one file, and Powerpipe's
 * employee.duckdb fixture.  libduckdb.so comes from $LAZYPIPE_DUCKDB_LIB (make test sets it to
 * .deps/duckdb/libduckdb.so, which make bootstrap fetches); without it each test is skipped
 * with the reason.  Every database is a file in a fresh temporary directory. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/dbsink.h"
#include "support/duckfix.h"
#include "support/shared.h"

static char dir[64];
static char path[128];

static const lp_driver *drv(void)
{
    return lp_driver_duckdb();
}

static lp_db_conn *connect_to(const char *file)
{
    lp_db_target t = {.url = "duckdb://test", .scheme = "duckdb", .path = file};
    lp_db_conn *c = NULL;
    lp_error err = {0};
    int rc = drv()->connect(&t, &c, &err);
    if (rc != LP_OK && strstr(err.message, "DuckDB is not available")) ts_skip("%s", err.message);
    cr_assert_eq(rc, LP_OK, "connect: %s", err.message);
    return c;
}

/* A fresh directory, and `path` a new, empty database file in it. */
static lp_db_conn *open_new(void)
{
    strcpy(dir, "/tmp/lp_duckdb_XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/test.duckdb", dir);
    df_create(path);
    return connect_to(path);
}

static void drop_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

static int run(lp_db_conn *c, const char *sql, const lp_db_param *p, uint32_t np, db_rows *r, int timeout_ms,
               lp_error *err)
{
    lp_db_sink s = db_sink(r);
    memset(err, 0, sizeof *err);
    return drv()->exec(c, sql, p, np, &s, timeout_ms, err);
}

static void ok(lp_db_conn *c, const char *sql)
{
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, sql, NULL, 0, &r, 0, &err), LP_OK, "%s: %s", sql, err.message);
    db_rows_free(&r);
}

/* DuckDB counting to 10^12: minutes, whatever the machine */
#define LONG_SQL "select count(*) from range(1000000000000) t(x) where x % 7 = 3"

Test(db_duckdb, driver_table)
{
    const lp_driver *d = drv();
    cr_assert_str_eq(d->name, "duckdb");
    cr_assert_str_eq(d->schemes[0], "duckdb");
    cr_assert_str_eq(d->schemes[1], "tailpipe");   /* a Tailpipe data directory (test_tailpipe.c) */
    cr_assert_null(d->schemes[2]);
}

Test(db_duckdb, parse_url)
{
    lp_driver_register(drv());
    lp_db_target t;
    lp_buf store = {0};
    const lp_driver *d = NULL;
    lp_error err = {0};
    cr_assert_eq(lp_db_parse("duckdb:///abs/x.duckdb", &t, &store, &d, &err), LP_OK, "%s", err.message);
    cr_assert_str_eq(t.scheme, "duckdb");
    cr_assert_str_eq(t.path, "/abs/x.duckdb");
    cr_assert_eq(d, drv());
    cr_assert_eq(lp_db_parse("DuckDB://rel/x.duckdb", &t, &store, &d, &err), LP_OK, "%s", err.message);
    cr_assert_str_eq(t.path, "rel/x.duckdb");
    cr_assert_eq(lp_db_parse("duckdb://", &t, &store, &d, &err), LP_ERR_ARG);
    lp_buf_free(&store);
}

/* A run reads a database: a missing file in a directory that exists is an empty database, as
 * Powerpipe gives (go-duckdb creates the file), but no file is made; one in a directory that is
 * missing is refused; an existing one is read and written. */
Test(db_duckdb, a_missing_file_is_an_empty_database_not_created)
{
    strcpy(dir, "/tmp/lp_duckdb_XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/missing.duckdb", dir);
    lp_db_target t = {.url = "duckdb://missing", .scheme = "duckdb", .path = path};
    lp_db_conn *c = NULL;
    lp_error err = {0};
    cr_assert_eq(drv()->connect(&t, &c, &err), LP_OK, "%s", err.message);
    db_rows r = {0};
    cr_assert_eq(run(c, "select 'ok' as status", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_expect_str_eq(db_cell(&r, 0, 0), "ok");
    db_rows_free(&r);
    cr_assert_eq(run(c, "select a from t", NULL, 0, &r, 0, &err), LP_ERR_DB, "a table in an empty database");
    db_rows_free(&r);
    drv()->close(c);
    struct stat st;
    cr_assert_neq(stat(path, &st), 0, "the driver made %s", path);
    char deeper[sizeof path + 16];
    snprintf(deeper, sizeof deeper, "%s/no/x.duckdb", dir);
    t.path = deeper;
    c = NULL;
    cr_assert_eq(drv()->connect(&t, &c, &err), LP_ERR_DB);
    cr_assert_null(c);
    cr_assert(strstr(err.message, "unable to open database file") && strstr(err.message, deeper), "%s",
              err.message);
    drop_dir();
    c = open_new();
    ok(c, "create table t(a integer); insert into t values (1)");
    drv()->close(c);
    c = connect_to(path);
    r = (db_rows){0};
    cr_assert_eq(run(c, "select a from t", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_assert_eq(r.nrows, 1);
    cr_expect_str_eq(db_cell(&r, 0, 0), "1");
    db_rows_free(&r);
    drv()->close(c);
    drop_dir();
}

/* After a failed statement reset keeps the connection (1) and rolls back the transaction the
 * error aborted (DuckDB refuses every statement in it until then): the row inserted in it is gone. */
Test(db_duckdb, reset_rolls_back_a_transaction_left_open)
{
    lp_db_conn *c = open_new();
    ok(c, "create table t (x integer)");
    db_rows r = {0};
    lp_error err;
    const char *sql = "begin; insert into t values (1); select * from nope";
    cr_assert_eq(run(c, sql, NULL, 0, &r, 0, &err), LP_ERR_DB);
    db_rows_free(&r);
    cr_assert_eq(drv()->reset(c), 1);
    cr_assert_eq(run(c, "select count(*) from t", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_assert_str_eq(db_cell(&r, 0, 0), "0");
    db_rows_free(&r);
    /* and with no transaction open, reset changes nothing */
    cr_assert_eq(drv()->reset(c), 1);
    ok(c, "select 1");
    drv()->close(c);
    drop_dir();
}

Test(db_duckdb, types_and_nulls)
{
    lp_db_conn *c = open_new();
    ok(c,
       "create table t(b boolean, i integer, bi bigint, h hugeint, u ubigint, f double, d decimal(10,2),"
       " s varchar, j json, ts timestamp, l integer[], ti tinyint);"
       "insert into t values (true, 42, -9223372036854775808, -170141183460469231731687303715884105728,"
       " 18446744073709551615, 1.5, 3.25, 'héllo', '{\"a\": [1, 2]}', '2024-01-02 03:04:05', [1, 2], -128);"
       "insert into t values (false, -7, 0, 0, 0, 0.1, -1, '', '[]', '2024-01-02 03:04:05.5', [], 127);"
       "insert into t values (null, null, null, null, null, null, null, null, null, null, null, null)");
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, "select * from t", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_assert_eq(r.columns_calls, 1);
    cr_assert_eq(r.ncols, 12);
    const char *names[] = {"BOOLEAN", "INTEGER", "BIGINT", "HUGEINT", "UBIGINT", "DOUBLE", "DECIMAL(10,2)",
                           "VARCHAR", "JSON", "TIMESTAMP", "LIST", "TINYINT"};
    lp_db_type kinds[] = {LP_DB_BOOL, LP_DB_INT, LP_DB_INT, LP_DB_INT, LP_DB_INT, LP_DB_FLOAT, LP_DB_FLOAT,
                          LP_DB_TEXT, LP_DB_JSON, LP_DB_OTHER, LP_DB_OTHER, LP_DB_INT};
    for (uint32_t i = 0; i < 12; i++) {
        cr_expect_str_eq(r.types[i], names[i], "column %u", i);
        cr_expect_eq(r.kinds[i], kinds[i], "column %u", i);
    }
    cr_expect_str_eq(r.names[0], "b");
    cr_expect_str_eq(r.names[8], "j");
    cr_assert_eq(r.nrows, 3);
    const char *row0[] = {"true", "42", "-9223372036854775808", "-170141183460469231731687303715884105728",
                          "18446744073709551615", "1.5", "3.25", "héllo", "{\"a\": [1, 2]}",
                          "2024-01-02 03:04:05", "[1, 2]", "-128"};
    const char *row1[] = { "false", "-7", "0", "0", "0", "0.1", "-1.00", "", "[]", "2024-01-02 03:04:05.5",
                           "[]",    "127" };
    for (uint32_t i = 0; i < 12; i++) {
        cr_expect_str_eq(db_cell(&r, 0, i), row0[i], "row 0 column %u", i);
        cr_expect_eq(db_kind(&r, 0, i), kinds[i], "row 0 column %u", i);
        cr_expect_str_eq(db_cell(&r, 1, i), row1[i], "row 1 column %u", i);
        cr_expect_null(db_cell(&r, 2, i), "row 2 column %u", i);
        cr_expect_eq(db_kind(&r, 2, i), LP_DB_NULL, "row 2 column %u", i);
    }
    db_rows_free(&r);

    /* only booleans, integers and text: streamed and formatted by the driver, the same text */
    cr_assert_eq(run(c, "select b, i, bi, h, u, s, j, ti from t", NULL, 0, &r, 0, &err), LP_OK, "%s",
                 err.message);
    int cols[] = {0, 1, 2, 3, 4, 7, 8, 11};
    for (uint32_t k = 0; k < 8; k++) {
        cr_expect_str_eq(r.types[k], names[cols[k]], "column %u", k);
        cr_expect_eq(r.kinds[k], kinds[cols[k]], "column %u", k);
        cr_expect_str_eq(db_cell(&r, 0, k), row0[cols[k]], "row 0 column %u", k);
        cr_expect_str_eq(db_cell(&r, 1, k), row1[cols[k]], "row 1 column %u", k);
        cr_expect_null(db_cell(&r, 2, k), "row 2 column %u", k);
    }
    db_rows_free(&r);
    drv()->close(c);
    drop_dir();
}

/* Any other type: DuckDB casts each value to text (a SELECT through a wrapper that keeps it
 * streamed, anything else materialised), as its own VARCHAR cast prints it. */
Test(db_duckdb, other_types_as_duckdb_prints_them)
{
    lp_db_conn *c = open_new();
    ok(c, "set TimeZone = 'UTC'");
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c,
                     "select 1e20::double as d, 0.1::float as f, [1, 2] as l, {'a': 1, 'b': 'x'} as st,"
                     " '5f9c0c6e-6a2b-4d3e-9f1a-0123456789ab'::uuid as u, interval 1 day as iv,"
                     " timestamptz '2024-01-02 03:04:05+00' as tz, date '2024-02-29' as dt, 'ab'::blob as bl,"
                     " 123.450::decimal(6,3) as dec; -- a trailing comment",
                     NULL, 0, &r, 0, &err),
                 LP_OK, "%s", err.message);
    cr_assert_eq(r.nrows, 1);
    const char *names[] = {
        "DOUBLE", "FLOAT", "LIST",        "STRUCT", "UUID", "INTERVAL", "TIMESTAMP WITH TIME ZONE",
        "DATE",   "BLOB",  "DECIMAL(6,3)"
    };
    const char *texts[] = { "1e+20",
                            "0.1",
                            "[1, 2]",
                            "{'a': 1, 'b': x}",
                            "5f9c0c6e-6a2b-4d3e-9f1a-0123456789ab",
                            "1 day",
                            "2024-01-02 03:04:05+00",
                            "2024-02-29",
                            "ab",
                            "123.450" };
    lp_db_type kinds[] = {LP_DB_FLOAT, LP_DB_FLOAT, LP_DB_OTHER, LP_DB_OTHER, LP_DB_OTHER, LP_DB_OTHER,
                          LP_DB_OTHER, LP_DB_OTHER, LP_DB_OTHER, LP_DB_FLOAT};
    cr_assert_eq(r.ncols, 10);
    for (uint32_t i = 0; i < 10; i++) {
        cr_expect_str_eq(r.types[i], names[i], "column %u", i);
        cr_expect_str_eq(db_cell(&r, 0, i), texts[i], "column %u", i);
        cr_expect_eq(db_kind(&r, 0, i), kinds[i], "column %u", i);
    }
    cr_expect_str_eq(r.names[9], "dec");
    db_rows_free(&r);

    /* many rows in their order, and duplicate column names kept as DuckDB names them */
    r = (db_rows){.keep = 3000};
    cr_assert_eq(
        run(c, "select 1 as a, x / 2 as a, x from range(3000) t(x) order by x desc", NULL, 0, &r, 0, &err),
        LP_OK, "%s", err.message);
    cr_assert_eq(r.nrows, 3000);
    cr_expect_str_eq(r.names[0], "a");
    cr_expect_str_eq(r.names[1], "a");
    cr_expect_str_eq(db_cell(&r, 0, 2), "2999");
    cr_expect_str_eq(db_cell(&r, 0, 1), "1499.5");
    cr_expect_str_eq(db_cell(&r, 2999, 2), "0");
    db_rows_free(&r);

    /* not a SELECT: materialised, each value cast by DuckDB */
    ok(c, "create table t(f double, l integer[])");
    cr_assert_eq(run(c, "insert into t values (2.5, [3]) returning f, f * 2 as g", NULL, 0, &r, 0, &err),
                 LP_OK, "%s", err.message);
    cr_expect_str_eq(r.types[0], "DOUBLE");
    cr_expect_str_eq(db_cell(&r, 0, 0), "2.5");
    cr_expect_str_eq(db_cell(&r, 0, 1), "5.0");
    db_rows_free(&r);

    /* several statements and $$ strings: the last one is found and wrapped */
    cr_assert_eq(run(c, "select 'a;b' as s; select $$x;y$$ as s, f from t /* ; */", NULL, 0, &r, 0, &err),
                 LP_OK, "%s", err.message);
    cr_expect_str_eq(db_cell(&r, 0, 0), "x;y");
    cr_expect_str_eq(db_cell(&r, 0, 1), "2.5");
    db_rows_free(&r);
    drv()->close(c);
    drop_dir();
}

Test(db_duckdb, text_with_nul_and_long_strings)
{
    lp_db_conn *c = open_new();
    db_rows r = {0};
    lp_error err;
    /* a string past 12 bytes is not inlined in DuckDB's string_t; chr(0) is a NUL byte */
    cr_assert_eq(run(c, "select 'a' || chr(0) || 'b' as z, repeat('x', 1000) as long, 'twelve bytes' as t12",
                     NULL, 0, &r, 0, &err),
                 LP_OK, "%s", err.message);
    cr_assert_eq(r.nrows, 1);
    cr_expect_eq(memcmp(db_cell(&r, 0, 0), "a\0b", 4), 0);
    cr_expect_eq(strlen(db_cell(&r, 0, 1)), 1000);
    cr_expect_str_eq(db_cell(&r, 0, 2), "twelve bytes");
    db_rows_free(&r);
    drv()->close(c);
    drop_dir();
}

Test(db_duckdb, many_chunks_streamed)
{
    lp_db_conn *c = open_new();
    db_rows r = {.keep = 5000};
    lp_error err;
    /* DuckDB's chunks are 2048 rows; a constant column is flattened in each */
    cr_assert_eq(
        run(c, "select range as i, 'v' || range as s, 1 as one from range(100000)", NULL, 0, &r, 0, &err),
        LP_OK, "%s", err.message);
    cr_assert_eq(r.nrows, 100000);
    for (size_t k = 0; k < r.kept; k += 997) {
        char want[32];
        snprintf(want, sizeof want, "%zu", k);
        cr_assert_str_eq(db_cell(&r, k, 0), want);
        cr_assert_str_eq(db_cell(&r, k, 2), "1");
    }
    cr_expect_str_eq(db_cell(&r, 4999, 1), "v4999");
    db_rows_free(&r);
    drv()->close(c);
    drop_dir();
}

Test(db_duckdb, bound_params_never_spliced)
{
    lp_db_conn *c = open_new();
    ok(c, "create table t(a varchar); insert into t values ('kept')");
    const char *evil = "x'); drop table t; --";
    lp_db_param p[] = {
        {LP_DB_TEXT, evil, strlen(evil)},
        {LP_DB_INT, "41", 2},
        {LP_DB_NULL, NULL, 0},
        {LP_DB_BOOL, "true", 4},
        {LP_DB_JSON, "{\"k\": [1]}", 10},
        {LP_DB_FLOAT, "2.5", 3},
        {LP_DB_TEXT, "abcdef", 3},   /* len counts, not the NUL */
    };
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c,
                     "select $1 as a, $2 + 1 as b, $3::varchar is null as c, not $4 as d,"
                     " ($5::json)->>'$.k[0]' as e, $6 * 2 as f, $7 as g, typeof($1) as ty",
                     p, 7, &r, 0, &err),
                 LP_OK, "%s", err.message);
    cr_assert_eq(r.nrows, 1);
    cr_expect_str_eq(db_cell(&r, 0, 0), evil);
    cr_expect_str_eq(db_cell(&r, 0, 1), "42");
    cr_expect_str_eq(db_cell(&r, 0, 2), "true");
    cr_expect_str_eq(db_cell(&r, 0, 3), "false");
    cr_expect_str_eq(db_cell(&r, 0, 4), "1");
    cr_expect_str_eq(db_cell(&r, 0, 5), "5.0");
    cr_expect_str_eq(db_cell(&r, 0, 6), "abc");
    cr_expect_str_eq(db_cell(&r, 0, 7), "VARCHAR");
    db_rows_free(&r);
    /* $N is DuckDB's numbering: the order in the statement does not matter */
    lp_db_param two[] = {{LP_DB_TEXT, "first", 5}, {LP_DB_TEXT, "second", 6}};
    cr_assert_eq(run(c, "select $2 as x, $1 as y", two, 2, &r, 0, &err), LP_OK, "%s", err.message);
    cr_expect_str_eq(db_cell(&r, 0, 0), "second");
    cr_expect_str_eq(db_cell(&r, 0, 1), "first");
    db_rows_free(&r);
    cr_assert_eq(run(c, "select a from t", NULL, 0, &r, 0, &err), LP_OK, "the table is still there: %s",
                 err.message);
    cr_expect_str_eq(db_cell(&r, 0, 0), "kept");
    db_rows_free(&r);
    drv()->close(c);
    drop_dir();
}

Test(db_duckdb, errors_carry_duckdbs_message)
{
    lp_db_conn *c = open_new();
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, "select * from nope", NULL, 0, &r, 0, &err), LP_ERR_DB);
    cr_expect_eq(err.code, LP_ERR_DB);
    cr_expect_not_null(strstr(err.message, "Catalog Error"), "%s", err.message);
    cr_expect_not_null(strstr(err.message, "nope"), "%s", err.message);
    db_rows_free(&r);
    cr_assert_eq(run(c, "selec 1", NULL, 0, &r, 0, &err), LP_ERR_DB);
    cr_expect_not_null(strstr(err.message, "Parser Error"), "%s", err.message);
    db_rows_free(&r);
    cr_assert_eq(run(c, "select 'a'::integer as x", NULL, 0, &r, 0, &err), LP_ERR_DB);
    cr_expect_not_null(strstr(err.message, "Conversion Error"), "%s", err.message);
    db_rows_free(&r);
    /* a parameter left unbound: DuckDB says so */
    cr_assert_eq(run(c, "select $1 as a", NULL, 0, &r, 0, &err), LP_ERR_DB);
    cr_expect_neq(err.message[0], 0);
    db_rows_free(&r);
    /* the connection is still usable */
    cr_assert_eq(run(c, "select 1 as x", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    db_rows_free(&r);
    drv()->close(c);
    drop_dir();
}

Test(db_duckdb, several_statements_and_none)
{
    lp_db_conn *c = open_new();
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(
        run(c, "create table x(a int); insert into x values (1), (2); select a * 10 as a from x order by a;",
            NULL, 0, &r, 0, &err),
        LP_OK, "%s", err.message);
    cr_assert_eq(r.nrows, 2);
    cr_expect_str_eq(db_cell(&r, 1, 0), "20");
    db_rows_free(&r);
    cr_assert_eq(run(c, "  -- nothing\n", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_expect_eq(r.columns_calls, 1);
    cr_expect_eq(r.ncols, 0);
    cr_expect_eq(r.nrows, 0);
    db_rows_free(&r);
    drv()->close(c);
    drop_dir();
}

Test(db_duckdb, sink_stops)
{
    lp_db_conn *c = open_new();
    db_rows r = {.stop_after = 10};
    lp_error err;
    cr_assert_eq(run(c, "select range from range(1000000)", NULL, 0, &r, 0, &err), LP_ERR_CANCELLED);
    cr_expect_eq(r.nrows, 10);
    cr_expect_str_eq(err.message, "stopped by the caller");
    db_rows_free(&r);
    /* a sink's stop is not a cancel: the connection goes on */
    cr_assert_eq(run(c, "select 1 as x", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    db_rows_free(&r);
    drv()->close(c);
    drop_dir();
}

Test(db_duckdb, timeout)
{
    lp_db_conn *c = open_new();
    db_rows r = {0};
    lp_error err;
    double t0 = ts_now_s();
    cr_assert_eq(run(c, LONG_SQL, NULL, 0, &r, 200, &err), LP_ERR_TIMEOUT, "%s", err.message);
    double took = ts_now_s() - t0;
    cr_expect(took < 2.0, "timed out after %.2f s", took);
    cr_expect_str_eq(err.message, "statement timed out after 200 ms");
    db_rows_free(&r);
    /* a timeout is not sticky */
    cr_assert_eq(run(c, "select 1 as x", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    db_rows_free(&r);
    drv()->close(c);
    drop_dir();
}

Test(db_duckdb, cancel_from_another_thread)
{
    lp_db_conn *c = open_new();
    db_canceller k = {drv(), c, 300, 0};
    pthread_t th;
    cr_assert_eq(pthread_create(&th, NULL, db_cancel_later, &k), 0);
    db_rows r = {0};
    lp_error err;
    int rc = run(c, LONG_SQL, NULL, 0, &r, 0, &err);
    double end = ts_now_s();
    pthread_join(th, NULL);
    cr_assert_eq(rc, LP_ERR_CANCELLED, "%d %s", rc, err.message);
    cr_expect_str_eq(err.message, "statement cancelled");
    cr_expect(end - k.at < 1.0, "returned %.2f s after cancel", end - k.at);
    db_rows_free(&r);
    /* sticky: later statements on the connection are cancelled too */
    cr_assert_eq(run(c, "select 1 as x", NULL, 0, &r, 0, &err), LP_ERR_CANCELLED);
    db_rows_free(&r);
    drv()->close(c);
    drop_dir();
}

Test(db_duckdb, cancel_before_exec_is_not_lost)
{
    lp_db_conn *c = open_new();
    drv()->cancel(c);
    db_rows r = {0};
    lp_error err;
    double t0 = ts_now_s();
    cr_assert_eq(run(c, LONG_SQL, NULL, 0, &r, 0, &err), LP_ERR_CANCELLED);
    cr_expect(ts_now_s() - t0 < 1.0);
    db_rows_free(&r);
    drv()->close(c);
    drop_dir();
}

Test(db_duckdb, two_connections_one_file)
{
    lp_db_conn *a = open_new();
    lp_db_conn *b = connect_to(path);
    ok(a, "create table t(v varchar); insert into t values ('from a')");
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(b, "select v from t", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_expect_str_eq(db_cell(&r, 0, 0), "from a");
    db_rows_free(&r);
    drv()->close(a);
    drv()->close(b);
    drop_dir();
}

Test(db_duckdb, unreadable_database)
{
    strcpy(dir, "/tmp/lp_duckdb_XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/not.duckdb", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("this is not a DuckDB file, and it is long enough to have a header to read...........", f);
    fclose(f);
    lp_db_target t = {.url = "duckdb://x", .scheme = "duckdb", .path = path};
    lp_db_conn *c = NULL;
    lp_error err = {0};
    int rc = drv()->connect(&t, &c, &err);
    if (rc != LP_OK && strstr(err.message, "DuckDB is not available")) ts_skip("%s", err.message);
    cr_assert_eq(rc, LP_ERR_DB, "%s", err.message);
    cr_assert_null(c);
    cr_expect_neq(err.message[0], 0);
    drop_dir();
}

/* Powerpipe's acceptance fixture (backend.bats, database_precedence.bats), read from a copy:
 * opening read-write may write to the file. */
Test(db_duckdb, powerpipe_employee_fixture)
{
    const char *src = ts_shared("testdata/powerpipe/acceptance/test_data/mods/duckdb_mod/employee.duckdb");
    strcpy(dir, "/tmp/lp_duckdb_XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/employee.duckdb", dir);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", src, path);
    cr_assert_eq(system(cmd), 0);
    lp_db_conn *c = connect_to(path);
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, "SELECT COUNT(*) AS \"Total Employees\" FROM employee;", NULL, 0, &r, 0, &err), LP_OK,
                 "%s", err.message);
    cr_expect_str_eq(r.names[0], "Total Employees");
    cr_expect_str_eq(r.types[0], "BIGINT");
    cr_expect_str_eq(db_cell(&r, 0, 0), "3");
    db_rows_free(&r);
    /* backend.bats' json_casting: the json extension is in DuckDB's build */
    cr_assert_eq(run(c, "SELECT preferences::JSON FROM employee;", NULL, 0, &r, 0, &err), LP_OK, "%s",
                 err.message);
    cr_expect_str_eq(r.names[0], "CAST(preferences AS \"JSON\")");
    cr_expect_str_eq(r.types[0], "JSON");
    cr_expect_eq(r.kinds[0], LP_DB_JSON);
    cr_assert_eq(r.nrows, 3);
    cr_expect_str_eq(db_cell(&r, 0, 0), "{\"theme\": \"dark\", \"notifications\": true}");
    cr_expect_str_eq(db_cell(&r, 1, 0), "{\"theme\": \"light\", \"notifications\": true}");
    db_rows_free(&r);
    drv()->close(c);
    drop_dir();
}

/* A statement naming an extension that is not built in does not make DuckDB download it
 * (autoinstall and autoload are off): DuckDB's own error, with no attempt to fetch anything. */
Test(db_duckdb, extensions_are_not_downloaded)
{
    lp_db_conn *c = open_new();
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, "select * from sqlite_scan('/nonexistent.db', 't')", NULL, 0, &r, 0, &err),
                 LP_ERR_DB);
    cr_assert(strstr(err.message, "sqlite_scanner") && strstr(err.message, "INSTALL"), "%s", err.message);
    cr_assert_null(strstr(err.message, "download"), "%s", err.message);
    db_rows_free(&r);
    drv()->close(c);
    drop_dir();
}

/* A libduckdb.so cut short (an interrupted download) is refused before it is mapped: mapping it
 * killed the process with SIGBUS. */
Test(db_duckdb, a_truncated_library_is_refused_not_mapped)
{
    const char *lib = getenv("LAZYPIPE_DUCKDB_LIB");
    FILE *in = fopen(lib && *lib ? lib : ".deps/duckdb/libduckdb.so", "rb");
    if (!in) ts_skip("DuckDB's library is not here");
    strcpy(dir, "/tmp/lp_duckdb_XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    char cut[300];
    snprintf(cut, sizeof cut, "%s/libduckdb.so", dir);
    FILE *out = fopen(cut, "wb");
    cr_assert_not_null(out);
    static char buf[1 << 16];
    for (size_t total = 0; total < (3u << 20);) {   /* its first 3 MiB: headers whole, segments not */
        size_t n = fread(buf, 1, sizeof buf, in);
        cr_assert_gt(n, 0);
        cr_assert_eq(fwrite(buf, 1, n, out), n);
        total += n;
    }
    fclose(in);
    fclose(out);
    setenv("LAZYPIPE_DUCKDB_LIB", cut, 1);   /* this test's process loads the library first */
    snprintf(path, sizeof path, "%s/x.duckdb", dir);
    FILE *f = fopen(path, "w");   /* any file: the library is refused before the database is read */
    cr_assert_not_null(f);
    fclose(f);
    lp_db_target t = {.url = "duckdb://x", .scheme = "duckdb", .path = path};
    lp_db_conn *c = NULL;
    lp_error err = {0};
    cr_assert_eq(drv()->connect(&t, &c, &err), LP_ERR_DB);
    cr_assert(strstr(err.message, "is not a whole shared library"), "%s", err.message);
    drop_dir();
}
