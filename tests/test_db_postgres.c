/* test_db_postgres.c — the PostgreSQL driver (src/driver/postgres.c) through its lp_driver
 * table, against the server at $LP_PG_URL (default postgres://steampipe@127.0.0.1:9193/steampipe,
 * which `make test` starts: tests/support/pg.sh).  An unreachable server fails the tests; it
 * does not skip them.  Types and their names, NULLs in every type, bound parameters, the
 * server's errors, a million rows streamed, timeout, a closed port, a sink that stops,
 * search_path.  Cancellation from another thread is in test_mt_db.c (also run under TSan). */
#include <criterion/criterion.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lazypipe.h"
#include "support/dbsink.h"
#include "support/shared.h"

static lp_db_conn *connect_with(const char *search_path, const char *prefix)
{
    lp_db_target t = { .url = ts_pg_url(),
                       .scheme = "postgres",
                       .conninfo = ts_pg_url(),
                       .search_path = search_path,
                       .search_path_prefix = prefix };
    lp_db_conn *c = NULL;
    lp_error err = {0};
    int rc = lp_driver_postgres()->connect(&t, &c, &err);
    cr_assert_eq(
        rc, LP_OK,
        "PostgreSQL is not reachable at %s (make pg-start, or tests/support/pg.sh start build/pg): %s",
        ts_pg_url(), err.message);
    return c;
}

static lp_db_conn *pg(void)
{
    return connect_with(NULL, NULL);
}

static int run(lp_db_conn *c, const char *sql, const lp_db_param *p, uint32_t np, db_rows *r, int timeout_ms,
               lp_error *err)
{
    lp_db_sink s = db_sink(r);
    memset(err, 0, sizeof *err);
    return lp_driver_postgres()->exec(c, sql, p, np, &s, timeout_ms, err);
}

/* Run sql that must succeed and give one row; its first cell. */
static char *one(lp_db_conn *c, const char *sql)
{
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, sql, NULL, 0, &r, 0, &err), LP_OK, "%s: %s", sql, err.message);
    cr_assert_eq(r.nrows, 1, "%s", sql);
    char *v = strdup(db_cell(&r, 0, 0) ? db_cell(&r, 0, 0) : "(null)");
    db_rows_free(&r);
    return v;
}

/* Run sql that must succeed; its rows are not looked at. */
static void must(lp_db_conn *c, const char *sql)
{
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, sql, NULL, 0, &r, 0, &err), LP_OK, "%s: %s", sql, err.message);
    db_rows_free(&r);
}

/* Run sql that must succeed; the type name of its first column (malloc'd). */
static char *type_of(lp_db_conn *c, const char *sql)
{
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, sql, NULL, 0, &r, 0, &err), LP_OK, "%s: %s", sql, err.message);
    cr_assert_geq(r.ncols, 1, "%s", sql);
    char *t = strdup(r.types[0]);
    db_rows_free(&r);
    return t;
}

Test(db_postgres, driver_table)
{
    const lp_driver *d = lp_driver_postgres();
    cr_assert_str_eq(d->name, "postgres");
    cr_assert_str_eq(d->schemes[0], "postgres");
    cr_assert_str_eq(d->schemes[1], "postgresql");
    cr_assert_null(d->schemes[2]);
}

typedef struct typed {
    const char *expr, *type_name;
    lp_db_type kind;
    const char *text;   /* the cell's text */
} typed;

static const typed types[] = {
    { "true", "BOOL", LP_DB_BOOL, "true" },
    { "false", "BOOL", LP_DB_BOOL, "false" },
    { "1::int2", "INT2", LP_DB_INT, "1" },
    { "-2::int4", "INT4", LP_DB_INT, "-2" },
    { "9007199254740993::int8", "INT8", LP_DB_INT, "9007199254740993" },
    { "1.5::float4", "FLOAT4", LP_DB_FLOAT, "1.5" },
    { "0.1::float8", "FLOAT8", LP_DB_FLOAT, "0.1" },
    { "123456789012345678901234567890.5::numeric", "NUMERIC", LP_DB_FLOAT,
      "123456789012345678901234567890.5" },
    { "'héllo'::text", "TEXT", LP_DB_TEXT, "héllo" },
    { "'v'::varchar(5)", "VARCHAR", LP_DB_TEXT, "v" },
    { "'c'::char(3)", "BPCHAR", LP_DB_TEXT, "c  " },
    { "'n'::name", "NAME", LP_DB_TEXT, "n" },
    { "'{\"a\": [1, 2]}'::json", "JSON", LP_DB_JSON, "{\"a\": [1, 2]}" },
    { "'{\"b\":{\"c\":null}}'::jsonb", "JSONB", LP_DB_JSON, "{\"b\": {\"c\": null}}" },
    { "'2024-01-02 03:04:05.5'::timestamp", "TIMESTAMP", LP_DB_OTHER, "2024-01-02 03:04:05.5" },
    { "'2024-01-02 03:04:05+00'::timestamptz", "TIMESTAMPTZ", LP_DB_OTHER, "2024-01-02 03:04:05+00" },
    { "'2024-01-02'::date", "DATE", LP_DB_OTHER, "2024-01-02" },
    { "'03:04:05'::time", "TIME", LP_DB_OTHER, "03:04:05" },
    { "'1 day'::interval", "INTERVAL", LP_DB_OTHER, "1 day" },
    { "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid", "UUID", LP_DB_TEXT,
      "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11" },
    { "'10.0.0.1'::inet", "INET", LP_DB_OTHER, "10.0.0.1" },
    { "'10.0.0.0/8'::cidr", "CIDR", LP_DB_OTHER, "10.0.0.0/8" },
    { "'\\x00ff'::bytea", "BYTEA", LP_DB_OTHER, "\\x00ff" },
    { "array['a', 'b c']::text[]", "_TEXT", LP_DB_OTHER, "{a,\"b c\"}" },
    { "array[1, 2]::int8[]", "_INT8", LP_DB_OTHER, "{1,2}" },
};
#define NTYPES (sizeof types / sizeof types[0])

Test(db_postgres, types_names_and_nulls)
{
    lp_db_conn *c = pg();
    /* set the session's zone so timestamptz prints +00 */
    free(one(c, "select set_config('timezone', 'UTC', false)"));
    char sql[4096] = "select ";
    char nulls[4096] = "select ";
    for (size_t i = 0; i < NTYPES; i++) {
        char col[256];
        snprintf(col, sizeof col, "%s%s as c%zu", i ? ", " : "", types[i].expr, i);
        strcat(sql, col);
        /* the same type, NULL: cast the NULL to the expression's type */
        const char *cast = strstr(types[i].expr, "::");
        snprintf(col, sizeof col, "%snull%s as c%zu", i ? ", " : "", cast ? cast : "::bool", i);
        strcat(nulls, col);
    }
    for (int pass = 0; pass < 2; pass++) {
        db_rows r = {0};
        lp_error err;
        cr_assert_eq(run(c, pass ? nulls : sql, NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
        cr_assert_eq(r.columns_calls, 1);
        cr_assert_eq(r.ncols, NTYPES);
        cr_assert_eq(r.nrows, 1);
        for (uint32_t i = 0; i < NTYPES; i++) {
            char name[16];
            snprintf(name, sizeof name, "c%u", i);
            cr_expect_str_eq(r.names[i], name);
            cr_expect_str_eq(r.types[i], types[i].type_name, "%s", types[i].expr);
            cr_expect_eq(r.kinds[i], types[i].kind, "%s", types[i].expr);
            if (pass) {
                cr_expect_null(db_cell(&r, 0, i), "%s", types[i].expr);
                cr_expect_eq(db_kind(&r, 0, i), LP_DB_NULL, "%s", types[i].expr);
            } else {
                cr_expect_str_eq(db_cell(&r, 0, i), types[i].text, "%s", types[i].expr);
                cr_expect_eq(db_kind(&r, 0, i), types[i].kind, "%s", types[i].expr);
            }
        }
        db_rows_free(&r);
    }
    lp_driver_postgres()->close(c);
}

Test(db_postgres, user_types_by_name)
{
    lp_db_conn *c = pg();
    must(c, "drop type if exists lp_mood_t");
    must(c, "create type lp_mood_t as enum ('ok', 'sad')");
    /* a type made after connect is unknown to this connection, known to the next */
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, "select 'ok'::lp_mood_t as m", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_expect_str_eq(r.types[0], "UNKNOWN");
    cr_expect_str_eq(db_cell(&r, 0, 0), "ok");
    cr_expect_eq(db_kind(&r, 0, 0), LP_DB_OTHER);
    db_rows_free(&r);
    lp_db_conn *c2 = pg();
    char *t = type_of(c2, "select 'sad'::lp_mood_t as m");
    cr_expect_str_eq(t, "LP_MOOD_T");
    free(t);
    must(c2, "drop type lp_mood_t");
    lp_driver_postgres()->close(c2);
    lp_driver_postgres()->close(c);
}

/* pg_type's names are read by the first connection to a database and shared by the next ones (a
 * read per connection cost the server a cold catalog lookup each, issue 34 §2): a type made after
 * that read is unknown to a later connection too, until one meets it; the connection after that
 * reads pg_type again and knows it.  (Each connection reading its own, c2 knew it at once.) */
Test(db_postgres, user_types_read_once_per_database)
{
    lp_db_conn *c = pg();
    must(c, "drop type if exists lp_shared_t");
    must(c, "create type lp_shared_t as enum ('a')");
    lp_db_conn *c2 = pg();
    char *t2 = type_of(c2, "select 'a'::lp_shared_t as s");
    cr_expect_str_eq(t2, "UNKNOWN", "the second connection read pg_type again");
    lp_db_conn *c3 = pg();
    char *t3 = type_of(c3, "select 'a'::lp_shared_t as s");
    cr_expect_str_eq(t3, "LP_SHARED_T");
    free(t2);
    free(t3);
    must(c3, "drop type lp_shared_t");
    lp_driver_postgres()->close(c3);
    lp_driver_postgres()->close(c2);
    lp_driver_postgres()->close(c);
}

Test(db_postgres, statement_without_rows)
{
    lp_db_conn *c = pg();
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, "set application_name to 'lp_test'", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_assert_eq(r.columns_calls, 1);
    cr_assert_eq(r.ncols, 0);
    db_rows_free(&r);
    cr_assert_eq(run(c, "", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_assert_eq(r.columns_calls, 1);
    db_rows_free(&r);
    cr_assert_eq(run(c, "select 1 as a where false", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_assert_eq(r.columns_calls, 1);
    cr_assert_eq(r.ncols, 1);
    cr_assert_str_eq(r.types[0], "INT4");
    cr_assert_eq(r.nrows, 0);
    db_rows_free(&r);
    lp_driver_postgres()->close(c);
}

Test(db_postgres, errors_carry_the_servers_message)
{
    lp_db_conn *c = pg();
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, "select * from nope", NULL, 0, &r, 0, &err), LP_ERR_DB);
    cr_assert_eq(err.code, LP_ERR_DB);
    cr_assert_str_eq(err.message, "ERROR: relation \"nope\" does not exist (SQLSTATE 42P01)");
    db_rows_free(&r);
    lp_db_param bad = {LP_DB_TEXT, "not json", 8};
    cr_assert_eq(run(c, "select $1::jsonb", &bad, 1, &r, 0, &err), LP_ERR_DB);
    cr_assert(strstr(err.message, "invalid input syntax for type json"), "%s", err.message);
    db_rows_free(&r);
    /* an error after rows were streamed */
    cr_assert_eq(run(c, "select 1 / (3 - g) from generate_series(1, 5) g", NULL, 0, &r, 0, &err), LP_ERR_DB);
    cr_assert(strstr(err.message, "division by zero"), "%s", err.message);
    cr_assert_eq(r.nrows, 2);
    db_rows_free(&r);
    /* a list parameter has its statement described first (its parameter types): the server's error
     * comes from that prepare */
    lp_db_param list = {LP_DB_JSON, "[1, 2]", 6};
    cr_assert_eq(run(c, "select * from nope where x = any($1)", &list, 1, &r, 0, &err), LP_ERR_DB);
    cr_assert_str_eq(err.message, "ERROR: relation \"nope\" does not exist (SQLSTATE 42P01)");
    db_rows_free(&r);
    /* several statements are the extended protocol's error */
    cr_assert_eq(run(c, "select 1; select 2", NULL, 0, &r, 0, &err), LP_ERR_DB);
    cr_assert(strstr(err.message, "multiple commands"), "%s", err.message);
    db_rows_free(&r);
    /* the connection goes on */
    char *v = one(c, "select 'still here'");
    cr_assert_str_eq(v, "still here");
    free(v);
    lp_driver_postgres()->close(c);
}

/* Run sql that must fail with the server's error containing what. */
static void fails(lp_db_conn *c, const char *sql, const char *what)
{
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, sql, NULL, 0, &r, 0, &err), LP_ERR_DB, "%s", sql);
    cr_assert(strstr(err.message, what), "%s: %s", sql, err.message);
    db_rows_free(&r);
}

/* A statement's error leaves the connection working (reset 1: the same backend runs the next
 * statement); a transaction it was in (a BEGIN before it) is rolled back by reset, so that what
 * the transaction made is gone and the next statement is not refused as "current transaction is
 * aborted". */
Test(db_postgres, reset_keeps_a_connection_after_a_statements_error)
{
    lp_db_conn *c = pg();
    char *pid = one(c, "select pg_backend_pid()::text");
    fails(c, "select 1 / (x - x) from (values (1)) v(x)", "division by zero");
    cr_assert_eq(lp_driver_postgres()->reset(c), 1);
    char *again = one(c, "select pg_backend_pid()::text");
    cr_assert_str_eq(again, pid, "the same backend after the error");
    free(again);
    must(c, "begin");
    must(c, "create temp table kept_in_tx (x int)");
    fails(c, "select * from nope", "does not exist");
    cr_assert_eq(lp_driver_postgres()->reset(c), 1);
    char *tx = one(c, "select (to_regclass('pg_temp.kept_in_tx') is null)::text || ' ' || "
                      "(txid_current_if_assigned() is null)::text");
    cr_assert_str_eq(tx, "true true", "rolled back, and no transaction open now");
    free(tx);
    again = one(c, "select pg_backend_pid()::text");
    cr_assert_str_eq(again, pid);
    free(again);
    free(pid);
    lp_driver_postgres()->close(c);
}

/* A connection the server ends is lost: reset says so (0), whether its own statement ended it or
 * another session did while it was idle (its next statement then fails). */
Test(db_postgres, reset_tells_a_lost_connection)
{
    lp_db_conn *c = pg();
    fails(c, "select pg_terminate_backend(pg_backend_pid())", "terminating connection");
    cr_assert_eq(lp_driver_postgres()->reset(c), 0);
    lp_driver_postgres()->close(c);

    c = pg();
    lp_db_conn *other = pg();
    char *pid = one(c, "select pg_backend_pid()::text");
    char sql[160];
    snprintf(sql, sizeof sql, "select pg_terminate_backend(%s)::text", pid);
    char *done = one(other, sql);
    cr_assert_str_eq(done, "true");
    free(done);
    /* until the backend has gone, so that the next statement meets the closed connection */
    for (int i = 0; i < 500; i++) {
        snprintf(sql, sizeof sql, "select count(*)::text from pg_stat_activity where pid = %s", pid);
        char *n = one(other, sql);
        int gone = strcmp(n, "0") == 0;
        free(n);
        if (gone) break;
        usleep(10000);
    }
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, "select 1", NULL, 0, &r, 0, &err), LP_ERR_DB);
    db_rows_free(&r);
    cr_assert_eq(lp_driver_postgres()->reset(c), 0, "after: %s", err.message);
    free(pid);
    lp_driver_postgres()->close(other);
    lp_driver_postgres()->close(c);
}

Test(db_postgres, params_are_bound_never_spliced)
{
    lp_db_conn *c = pg();
    const char *evil = "'; drop table x; --";
    lp_db_param p[] = {
        {LP_DB_TEXT, evil, strlen(evil)}, {LP_DB_INT, "41", 2},  {LP_DB_FLOAT, "0.25", 4},
        {LP_DB_BOOL, "true", 4},          {LP_DB_NULL, NULL, 0}, {LP_DB_JSON, "{\"k\": [1]}", 10},
    };
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(
        run(c,
            "select $1::text as s, $2::int + 1 as i, $3::float8 * 2 as f, $4::bool as b, $5::text as n,"
            " $6::jsonb -> 'k' as j, $1 as untyped",
            p, 6, &r, 0, &err),
        LP_OK, "%s", err.message);
    cr_assert_eq(r.nrows, 1);
    cr_expect_str_eq(db_cell(&r, 0, 0), evil);
    cr_expect_str_eq(db_cell(&r, 0, 1), "42");
    cr_expect_eq(db_kind(&r, 0, 1), LP_DB_INT);
    cr_expect_str_eq(db_cell(&r, 0, 2), "0.5");
    cr_expect_str_eq(db_cell(&r, 0, 3), "true");
    cr_expect_eq(db_kind(&r, 0, 3), LP_DB_BOOL);
    cr_expect_null(db_cell(&r, 0, 4));
    cr_expect_str_eq(db_cell(&r, 0, 5), "[1]");
    cr_expect_eq(db_kind(&r, 0, 5), LP_DB_JSON);
    cr_expect_str_eq(db_cell(&r, 0, 6), evil);
    cr_expect_str_eq(r.types[6], "TEXT");
    db_rows_free(&r);
    /* a parameter not NUL-terminated at len */
    lp_db_param cut = {LP_DB_TEXT, "abcdef", 3};
    cr_assert_eq(run(c, "select $1::text", &cut, 1, &r, 0, &err), LP_OK, "%s", err.message);
    cr_expect_str_eq(db_cell(&r, 0, 0), "abc");
    db_rows_free(&r);
    lp_driver_postgres()->close(c);
}

typedef struct stream_check {
    lp_db_conn *other;
    int active;   /* the big statement was still running when its first row came */
} stream_check;

static void on_first_row(db_rows *r)
{
    stream_check *sc = r->user;
    db_rows q = {0};
    lp_error err;
    int rc = run(sc->other,
                 "select count(*) from pg_stat_activity where state = 'active' and pid <> pg_backend_pid()"
                 " and query like '%lp_stream_marker%'",
                 NULL, 0, &q, 0, &err);
    sc->active = rc == LP_OK && q.nrows == 1 ? atoi(db_cell(&q, 0, 0)) : -1;
    db_rows_free(&q);
}

Test(db_postgres, a_million_rows_stream)
{
    lp_db_conn *c = pg();
    stream_check sc = {.other = pg()};
    db_rows r = {.keep = 2, .first_row = on_first_row, .user = &sc};
    lp_error err;
    cr_assert_eq(run(c, "select g, 'row number ' || g as label from generate_series(1, 1000000) g"
                        " /* lp_stream_marker */",
                     NULL, 0, &r, 0, &err),
                 LP_OK, "%s", err.message);
    cr_assert_eq(r.nrows, 1000000);
    cr_assert_str_eq(db_cell(&r, 1, 1), "row number 2");
    cr_assert_str_eq(r.types[0], "INT4");
    /* ~40 MB of rows: the server was still sending when the sink had the first */
    cr_assert_eq(sc.active, 1, "the statement was %s when its first row reached the sink",
                 sc.active == 0 ? "over" : "not seen");
    db_rows_free(&r);
    lp_driver_postgres()->close(sc.other);
    lp_driver_postgres()->close(c);
}

Test(db_postgres, timeout)
{
    lp_db_conn *c = pg();
    db_rows r = {0};
    lp_error err;
    double t0 = ts_now_s();
    int rc = run(c, "select pg_sleep(30)", NULL, 0, &r, 300, &err);
    double took = ts_now_s() - t0;
    cr_assert_eq(rc, LP_ERR_TIMEOUT, "%d %s", rc, err.message);
    cr_assert_eq(err.code, LP_ERR_TIMEOUT);
    cr_assert(strstr(err.message, "300 ms"), "%s", err.message);
    cr_assert(took >= 0.29 && took < 3, "took %.3f s", took);
    db_rows_free(&r);
    /* cancelled on the server and drained: the connection runs the next statement */
    char *v = one(c, "select 'next'");
    cr_assert_str_eq(v, "next");
    free(v);
    /* rows streaming without pause reach the deadline too */
    r = (db_rows){.keep = 1};
    t0 = ts_now_s();
    rc = run(c, "select generate_series(1, 100000000) as g", NULL, 0, &r, 1000, &err);
    took = ts_now_s() - t0;
    cr_assert_eq(rc, LP_ERR_TIMEOUT, "%d %s", rc, err.message);
    cr_assert(took < 4, "took %.3f s", took);   /* generous: a loaded machine */
    db_rows_free(&r);
    v = one(c, "select 'after'");
    cr_assert_str_eq(v, "after");
    free(v);
    lp_driver_postgres()->close(c);
}

Test(db_postgres, closed_port_fails_fast)
{
    lp_db_target t = {.scheme = "postgres", .conninfo = "postgres://steampipe@127.0.0.1:1/steampipe"};
    lp_db_conn *c = (lp_db_conn *)1;
    lp_error err = {0};
    double t0 = ts_now_s();
    cr_assert_eq(lp_driver_postgres()->connect(&t, &c, &err), LP_ERR_DB);
    cr_assert_lt(ts_now_s() - t0, 2.0);
    cr_assert_null(c);
    cr_assert_eq(err.code, LP_ERR_DB);
    cr_assert(strstr(err.message, "Connection refused"), "%s", err.message);
    size_t n = strlen(err.message);
    cr_assert(n > 0 && err.message[n - 1] != '\n', "%s", err.message);
    /* a bad connection string is the database's error too */
    t.conninfo = "host=127.0.0.1 nonsense=1";
    cr_assert_eq(lp_driver_postgres()->connect(&t, &c, &err), LP_ERR_DB);
    cr_assert(strstr(err.message, "nonsense"), "%s", err.message);
}

Test(db_postgres, sink_stop)
{
    lp_db_conn *c = pg();
    db_rows r = {.stop_after = 5};
    lp_error err;
    double t0 = ts_now_s();
    cr_assert_eq(run(c, "select generate_series(1, 100000000) as g", NULL, 0, &r, 0, &err), LP_ERR_CANCELLED);
    cr_assert_lt(ts_now_s() - t0, 5.0);
    cr_assert_eq(err.code, LP_ERR_CANCELLED);
    cr_assert_eq(r.nrows, 5);
    db_rows_free(&r);
    char *v = one(c, "select 'next'");
    cr_assert_str_eq(v, "next");
    free(v);
    lp_driver_postgres()->close(c);
}

Test(db_postgres, search_path_and_prefix)
{
    lp_db_conn *setup = pg();
    const char *ddl[] = {"drop schema if exists \"lp Sp\" cascade", "create schema \"lp Sp\"",
                         "create table \"lp Sp\".where_am_i as select 'lp Sp'::text as s"};
    for (size_t i = 0; i < 3; i++) must(setup, ddl[i]);
    lp_db_conn *c = connect_with("lp Sp, public", NULL);
    char *v = one(c, "show search_path");
    cr_expect_str_eq(v, "\"lp Sp\", public");
    free(v);
    v = one(c, "select s from where_am_i");
    cr_expect_str_eq(v, "lp Sp");
    free(v);
    lp_driver_postgres()->close(c);

    /* the prefix goes before the server's search path */
    c = connect_with(NULL, "lp Sp");
    v = one(c, "show search_path");
    cr_expect_str_eq(v, "\"lp Sp\", \"$user\", public");
    free(v);
    lp_driver_postgres()->close(c);

    /* and before the given one, without repeating a schema */
    c = connect_with("public,\"lp Sp\"", "lp Sp");
    v = one(c, "show search_path");
    cr_expect_str_eq(v, "\"lp Sp\", public");
    free(v);
    lp_driver_postgres()->close(c);

    must(setup, ddl[0]);
    lp_driver_postgres()->close(setup);
}

/* The scheme is case-insensitive: POSTGRES://... reaches the server it names (libpq alone would
 * read it as a database name on the default socket). */
Test(db_postgres, an_upper_case_scheme_reaches_the_server_it_names)
{
    const char *u = ts_pg_url();
    const char *sep = strstr(u, "://");
    cr_assert(sep);
    char upper[512];
    snprintf(upper, sizeof upper, "POSTGRES%s", sep);
    lp_driver_register(lp_driver_postgres());
    lp_db_target t;
    lp_buf store = {0};
    const lp_driver *d = NULL;
    lp_error err = {0};
    cr_assert_eq(lp_db_parse(upper, &t, &store, &d, &err), LP_OK, "%s", err.message);
    cr_assert_eq(d, lp_driver_postgres());
    cr_assert_str_eq(t.url, upper, "the url as the user gave it");
    lp_db_conn *c = NULL;
    cr_assert_eq(d->connect(&t, &c, &err), LP_OK, "%s: %s", upper, err.message);
    char *db = one(c, "select current_database()");
    cr_assert_str_eq(db, strrchr(u, '/') + 1);
    free(db);
    d->close(c);
    lp_buf_free(&store);
}

/* A server that accepts and never answers: a listening socket nobody accepts on (the kernel
 * completes the TCP handshake; the startup message gets no reply).  Its port in *port. */
static int silent_server(int *port) { return ts_listen_local(16, port); }

static int stop_after_300ms(void *user)
{
    return ts_now_s() - *(double *)user > 0.3;
}

/* Connecting never blocks past its deadline, nor past a stop: libpq's blocking connect waited
 * for its connect_timeout whatever the run's deadlines or a Ctrl-C. */
Test(db_postgres, a_server_that_never_answers_times_out_or_stops)
{
    int port;
    int fd = silent_server(&port);
    char url[128];
    snprintf(url, sizeof url, "postgres://steampipe@127.0.0.1:%d/steampipe", port);
    lp_db_target t = {.scheme = "postgres", .conninfo = url, .connect_timeout_ms = 500};
    lp_db_conn *c = NULL;
    lp_error err = {0};
    double t0 = ts_now_s();
    cr_assert_eq(lp_driver_postgres()->connect(&t, &c, &err), LP_ERR_DB);
    cr_assert(strstr(err.message, "timeout expired"), "%s", err.message);
    cr_assert_lt(ts_now_s() - t0, 3.0, "the deadline was 0.5 s");
    /* no deadline of the caller's: the stop ends it */
    t.connect_timeout_ms = 0;
    t0 = ts_now_s();
    t.stop = stop_after_300ms;
    t.stop_user = &t0;
    cr_assert_eq(lp_driver_postgres()->connect(&t, &c, &err), LP_ERR_CANCELLED, "%s", err.message);
    cr_assert_lt(ts_now_s() - t0, 3.0);
    cr_assert_null(c);
    close(fd);
}
