/* test_db_mysql.c — the MySQL driver (src/driver/mysql.c) through its lp_driver table, and the CLI
 * on it, against the MariaDB server at $LP_MYSQL_URL (default mysql://root@tcp(127.0.0.1:9306)/lazypipe,
 * which `make test` starts: tests/support/mysql.sh).  An unreachable server fails the tests; it does
 * not skip them.  Types and their names (go-sql-driver's), NULLs, bound parameters (`?`), the
 * server's errors as go-sql-driver prints them, a cancelled SELECT SLEEP(30) stopped on the server,
 * the statement deadline, a server that never answers, a sink that stops, go-sql-driver's DSN
 * forms, a .ppc mysql connection, and `query run` / `benchmark run` compared with what the
 * database itself answers through its own client (`mariadb -N -B`). */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/clirun.h"
#include "support/dbsink.h"
#include "support/jsontree.h"
#include "support/shared.h"
#include "support/wsfix.h"

static const lp_driver *drv(void) { return lp_driver_mysql(); }

/* the DSN of the tests' server: what follows mysql:// */
static const char *dsn(void) { return ts_mysql_url() + strlen("mysql://"); }

static lp_db_conn *connect_dsn(const char *conninfo, lp_error *err)
{
    lp_db_target t = {.url = ts_mysql_url(), .scheme = "mysql", .conninfo = conninfo};
    lp_db_conn *c = NULL;
    memset(err, 0, sizeof *err);
    if (drv()->connect(&t, &c, err) != LP_OK) return NULL;
    return c;
}

static lp_db_conn *my(void)
{
    lp_error err;
    lp_db_conn *c = connect_dsn(dsn(), &err);
    cr_assert(
        c,
        "MariaDB is not reachable at %s (make mysql-start, or tests/support/mysql.sh start build/mysql): %s",
        ts_mysql_url(), err.message);
    return c;
}

static int run(lp_db_conn *c, const char *sql, const lp_db_param *p, uint32_t np, db_rows *r, int timeout_ms,
               lp_error *err)
{
    lp_db_sink s = db_sink(r);
    memset(err, 0, sizeof *err);
    return drv()->exec(c, sql, p, np, &s, timeout_ms, err);
}

static void must(lp_db_conn *c, const char *sql)
{
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, sql, NULL, 0, &r, 0, &err), LP_OK, "%s: %s", sql, err.message);
    db_rows_free(&r);
}

/* The database's own answer: `mariadb -N -B` (tab-separated, no header) of sql in database db,
 * malloc'd. */
static char *client_in(const char *db, const char *sql)
{
    char host[256] = "127.0.0.1";
    int port = 9306;
    const char *tcp = strstr(ts_mysql_url(), "tcp(");
    cr_assert(tcp && sscanf(tcp, "tcp(%255[^:]:%d)", host, &port) == 2, "%s", ts_mysql_url());
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "mariadb --no-defaults -N -B -h %s -P %d -u root %s -e \"%s\"", host, port, db,
             sql);
    FILE *p = popen(cmd, "r");
    cr_assert(p, "%s", cmd);
    char *out = calloc(1, 65536);
    size_t n = fread(out, 1, 65535, p);
    out[n] = 0;
    cr_assert_eq(pclose(p), 0, "%s", cmd);
    return out;
}

static char *client(const char *sql) { return client_in("lazypipe", sql); }

static int my_port(void)
{
    int port = 0;
    const char *tcp = strstr(ts_mysql_url(), "tcp(");
    const char *colon = tcp ? strchr(tcp, ':') : NULL;
    if (colon) port = atoi(colon + 1);
    cr_assert_gt(port, 0, "%s", ts_mysql_url());
    return port;
}

Test(db_mysql, driver_table)
{
    cr_assert_str_eq(drv()->name, "mysql");
    cr_assert_str_eq(drv()->schemes[0], "mysql");
    cr_assert_null(drv()->schemes[1]);
    lp_db_target t;
    lp_buf store = {0};
    const lp_driver *d = NULL;
    lp_error err = {0};
    lp_driver_register(drv());
    cr_assert_eq(lp_db_parse("mysql://me:p@tcp(h:1)/db", &t, &store, &d, &err), LP_OK, "%s", err.message);
    cr_assert_eq(d, drv());
    cr_assert_str_eq(t.scheme, "mysql");
    cr_assert_str_eq(t.conninfo, "me:p@tcp(h:1)/db");
    lp_buf_free(&store);
}

/* Each type's name as go-sql-driver's DatabaseTypeName gives it, its kind and the server's text,
 * as the text protocol (no parameters) and a prepared statement (parameters) read them. */
Test(db_mysql, types_names_and_nulls)
{
    lp_db_conn *c = my();
    must(c,
         "create or replace table lp_types (i int, u int unsigned, b bigint, ub bigint unsigned, t tinyint, "
         "s smallint, m mediumint, y year, f float, d double, n decimal(10,3), dt datetime(3), ts timestamp "
         "null, "
         "da date, ti time, vc varchar(20), ch char(3), tx text, bl blob, vb varbinary(4), bi bit(8), "
         "e enum('x','y'), j json)");
    must(c,
         "insert into lp_types values (-7, 4000000000, 9007199254740993, 18446744073709551615, 1, -2, 3, "
         "2024, "
         "1.1, 0.30000000000000004, 12.500, '2024-01-02 03:04:05.5', '2024-01-02 03:04:05', '2024-02-29', "
         "'12:34:56', 'héllo', 'ab', 'long text', 'bytes', 'vb', b'101', 'y', '{\"b\": [1], \"a\": 2.50}')");
    must(c, "insert into lp_types values ()");
    static const char *names[] = { "INT",       "UNSIGNED INT", "BIGINT",    "UNSIGNED BIGINT",
                                   "TINYINT",   "SMALLINT",     "MEDIUMINT", "YEAR",
                                   "FLOAT",     "DOUBLE",       "DECIMAL",   "DATETIME",
                                   "TIMESTAMP", "DATE",         "TIME",      "VARCHAR",
                                   "CHAR",      "TEXT",         "BLOB",      "VARBINARY",
                                   "BIT",       "ENUM",         "TEXT" };
    static const lp_db_type kinds[] = { LP_DB_INT,   LP_DB_INT,   LP_DB_INT,   LP_DB_INT,   LP_DB_INT,
                                        LP_DB_INT,   LP_DB_INT,   LP_DB_INT,   LP_DB_FLOAT, LP_DB_FLOAT,
                                        LP_DB_FLOAT, LP_DB_OTHER, LP_DB_OTHER, LP_DB_OTHER, LP_DB_OTHER,
                                        LP_DB_TEXT,  LP_DB_TEXT,  LP_DB_TEXT,  LP_DB_OTHER, LP_DB_OTHER,
                                        LP_DB_OTHER, LP_DB_TEXT,  LP_DB_TEXT };
    static const char *texts[] = { "-7",
                                   "4000000000",
                                   "9007199254740993",
                                   "18446744073709551615",
                                   "1",
                                   "-2",
                                   "3",
                                   "2024",
                                   "1.1",
                                   "0.30000000000000004",
                                   "12.500",
                                   "2024-01-02 03:04:05.500",
                                   "2024-01-02 03:04:05",
                                   "2024-02-29",
                                   "12:34:56",
                                   "héllo",
                                   "ab",
                                   "long text",
                                   "bytes",
                                   "vb",
                                   "\005",
                                   "y",
                                   "{\"b\": [1], \"a\": 2.50}" };
    /* the same row through both protocols: a parameter makes it a prepared statement */
    const lp_db_param p = {LP_DB_INT, "1", 1};
    for (int prepared = 0; prepared < 2; prepared++) {
        db_rows r = {0};
        lp_error err;
        const char *sql = prepared ? "select * from lp_types order by i is null, i limit ?"
                                   : "select * from lp_types order by i is null, i";
        cr_assert_eq(run(c, sql, &p, prepared ? 1 : 0, &r, 0, &err), LP_OK, "%s", err.message);
        cr_assert_eq(r.ncols, 23);
        cr_assert_eq(r.nrows, prepared ? 1 : 2);
        for (uint32_t i = 0; i < r.ncols; i++) {
            /* MariaDB's JSON is a LONGTEXT: TEXT on the wire, as go-sql-driver names it */
            cr_expect_str_eq(r.types[i], names[i], "column %s (prepared %d)", r.names[i], prepared);
            cr_expect_eq(db_kind(&r, 0, i), kinds[i], "column %s (prepared %d)", r.names[i], prepared);
            cr_expect_str_eq(db_cell(&r, 0, i), texts[i], "column %s (prepared %d)", r.names[i], prepared);
            if (!prepared) {
                cr_expect_null(db_cell(&r, 1, i), "column %s of the NULL row", r.names[i]);
                cr_expect_eq(db_kind(&r, 1, i), LP_DB_NULL, "column %s", r.names[i]);
            }
        }
        cr_expect_str_eq(r.names[0], "i");
        cr_expect_str_eq(r.names[22], "j");
        db_rows_free(&r);
    }
    /* a NULL literal's column, an expression's name */
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, "select null as n, 1 + 1", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_expect_str_eq(r.types[0], "NULL");
    cr_expect_null(db_cell(&r, 0, 0));
    cr_expect_str_eq(r.names[1], "1 + 1");
    cr_expect_str_eq(db_cell(&r, 0, 1), "2");
    db_rows_free(&r);
    must(c, "drop table lp_types");
    drv()->close(c);
}

Test(db_mysql, statement_without_rows)
{
    lp_db_conn *c = my();
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, "create or replace table lp_norows (a int)", NULL, 0, &r, 0, &err), LP_OK, "%s",
                 err.message);
    cr_assert_eq(r.columns_calls, 1);
    cr_assert_eq(r.ncols, 0);
    db_rows_free(&r);
    const lp_db_param p = {LP_DB_INT, "5", 1};
    cr_assert_eq(run(c, "insert into lp_norows values (?)", &p, 1, &r, 0, &err), LP_OK, "%s", err.message);
    cr_assert_eq(r.columns_calls, 1);
    cr_assert_eq(r.ncols, 0);
    db_rows_free(&r);
    must(c, "drop table lp_norows");
    drv()->close(c);
}

/* go-sql-driver's MySQLError.Error(): "Error NUMBER (SQLSTATE): MESSAGE" */
Test(db_mysql, errors_carry_the_servers_code_and_message)
{
    lp_db_conn *c = my();
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, "select * from lp_nonesuch", NULL, 0, &r, 0, &err), LP_ERR_DB);
    cr_expect_str_eq(err.message, "Error 1146 (42S02): Table 'lazypipe.lp_nonesuch' doesn't exist");
    db_rows_free(&r);
    cr_assert_eq(run(c, "selec 1", NULL, 0, &r, 0, &err), LP_ERR_DB);
    cr_expect(strncmp(err.message, "Error 1064 (42000): You have an error in your SQL syntax", 56) == 0, "%s",
              err.message);
    db_rows_free(&r);
    /* one statement per exec, as go-sql-driver's default (no multiStatements) */
    cr_assert_eq(run(c, "select 1; select 2", NULL, 0, &r, 0, &err), LP_ERR_DB);
    cr_expect(strstr(err.message, "Error 1064 (42000)"), "%s", err.message);
    db_rows_free(&r);
    /* an error while the rows stream: the statement's error after its first rows */
    cr_assert_eq(run(c, "select 1 union all select (select 1 union all select 2)", NULL, 0, &r, 0, &err),
                 LP_ERR_DB);
    cr_expect_str_eq(err.message, "Error 1242 (21000): Subquery returns more than 1 row");
    db_rows_free(&r);
    /* the connection goes on */
    cr_assert_eq(run(c, "select 42", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_expect_str_eq(db_cell(&r, 0, 0), "42");
    db_rows_free(&r);
    drv()->close(c);
}

/* `?` placeholders; every value bound, never spliced; `$1` is MySQL's identifier, as in Powerpipe. */
/* Run sql that must give one row; its first cell, malloc'd. */
static char *first_cell(lp_db_conn *c, const char *sql)
{
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, sql, NULL, 0, &r, 0, &err), LP_OK, "%s: %s", sql, err.message);
    cr_assert_eq(r.nrows, 1, "%s", sql);
    char *v = strdup(db_cell(&r, 0, 0));
    db_rows_free(&r);
    return v;
}

/* A server's error keeps the connection (reset 1: the same CONNECTION_ID() next); a transaction it
 * was in is rolled back (the row inserted in it is gone); a connection the server killed is lost
 * (reset 0). */
Test(db_mysql, reset_keeps_a_connection_after_a_statements_error)
{
    lp_db_conn *c = my();
    char *id = first_cell(c, "select connection_id()");
    must(c, "create temporary table kept_tx (x int) engine = InnoDB");
    must(c, "start transaction");
    must(c, "insert into kept_tx values (1)");
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c, "select * from nope", NULL, 0, &r, 0, &err), LP_ERR_DB);
    db_rows_free(&r);
    cr_assert_eq(drv()->reset(c), 1);
    char *again = first_cell(c, "select connection_id()");
    cr_assert_str_eq(again, id);
    free(again);
    char *n = first_cell(c, "select count(*) from kept_tx");
    cr_assert_str_eq(n, "0", "rolled back");
    free(n);
    lp_db_conn *other = my();
    char sql[64];
    snprintf(sql, sizeof sql, "kill %s", id);
    must(other, sql);
    cr_assert_eq(run(c, "select 1", NULL, 0, &r, 0, &err), LP_ERR_DB);
    db_rows_free(&r);
    cr_assert_eq(drv()->reset(c), 0, "after: %s", err.message);
    free(id);
    drv()->close(other);
    drv()->close(c);
}

Test(db_mysql, params_are_bound_never_spliced)
{
    lp_db_conn *c = my();
    const char *evil = "x'); drop table lp_params; -- \\";
    const lp_db_param p[] = {
        { LP_DB_TEXT, evil, strlen(evil) },
        { LP_DB_INT, "41", 2 },
        { LP_DB_FLOAT, "2.5", 3 },
        { LP_DB_BOOL, "true", 4 },
        { LP_DB_NULL, NULL, 0 },
        { LP_DB_JSON, "[\"a\",\"b\"]", 9 },
        { LP_DB_INT, "99999999999999999999", 20 },
    };
    db_rows r = {0};
    lp_error err;
    cr_assert_eq(run(c,
                     "select ? as s, ? + 1 as i, ? * 2 as f, ? as b, ? as n, json_length(?) as l, ? as big",
                     p, 7, &r, 0, &err),
                 LP_OK, "%s", err.message);
    cr_assert_eq(r.nrows, 1);
    cr_expect_str_eq(db_cell(&r, 0, 0), evil);
    cr_expect_str_eq(db_cell(&r, 0, 1), "42");
    cr_expect_str_eq(db_cell(&r, 0, 2), "5");
    cr_expect_str_eq(db_cell(&r, 0, 3), "1");   /* a bool is 1 or 0, as go-sql-driver sends it */
    cr_expect_null(db_cell(&r, 0, 4));
    cr_expect_str_eq(db_cell(&r, 0, 5), "2");   /* a list: its JSON text */
    cr_expect_str_eq(db_cell(&r, 0, 6), "99999999999999999999");   /* too large for BIGINT: its text */
    db_rows_free(&r);
    /* a list read by JSON_TABLE as docs/drivers.md says */
    cr_assert_eq(
        run(c, "select count(*) from json_table(?, '$[*]' columns (v text path '$')) t where v in ('a', 'z')",
            &p[5], 1, &r, 0, &err),
        LP_OK, "%s", err.message);
    cr_expect_str_eq(db_cell(&r, 0, 0), "1");
    db_rows_free(&r);
    /* database/sql's count check; `$1` is not a placeholder in MySQL: a column, unknown to the
     * server's prepare (go-sql-driver prepares the statement first too) */
    cr_assert_eq(run(c, "select ?, ?", p, 1, &r, 0, &err), LP_ERR_DB);
    cr_expect_str_eq(err.message, "sql: expected 2 arguments, got 1");
    db_rows_free(&r);
    cr_assert_eq(run(c, "select 1 from dual where ? = 1", p, 0, &r, 0, &err), LP_ERR_DB);
    cr_expect(strstr(err.message, "Error 1064 (42000)"), "%s", err.message); /* no args: the text protocol */
    db_rows_free(&r);
    cr_assert_eq(run(c, "select $1", p, 1, &r, 0, &err), LP_ERR_DB);
    cr_expect(strstr(err.message, "Error 1054 (42S22): Unknown column '$1' in "), "%s", err.message);
    db_rows_free(&r);
    cr_assert_eq(run(c, "select $1", NULL, 0, &r, 0, &err), LP_ERR_DB);
    cr_expect(strstr(err.message, "Error 1054 (42S22): Unknown column '$1' in "), "%s", err.message);
    db_rows_free(&r);
    drv()->close(c);
}

/* A statement with many rows streams them (seq_1_to_N: MariaDB's Sequence engine); a sink that
 * stops ends it on the server and the connection goes on. */
Test(db_mysql, rows_stream_and_a_sink_stops_them)
{
    lp_db_conn *c = my();
    db_rows r = {.keep = 2};
    lp_error err;
    cr_assert_eq(run(c, "select seq, repeat('x', 100) from seq_1_to_300000", NULL, 0, &r, 0, &err), LP_OK,
                 "%s", err.message);
    cr_assert_eq(r.nrows, 300000);
    cr_expect_str_eq(db_cell(&r, 1, 0), "2");
    db_rows_free(&r);
    r = (db_rows){.stop_after = 10};
    double t0 = ts_now_s();
    cr_assert_eq(run(c, "select seq from seq_1_to_100000000", NULL, 0, &r, 0, &err), LP_ERR_CANCELLED);
    cr_expect_str_eq(err.message, "stopped by the caller");
    cr_assert_lt(ts_now_s() - t0, 5.0);
    cr_assert_eq(r.nrows, 10);
    db_rows_free(&r);
    cr_assert_eq(run(c, "select 7", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_expect_str_eq(db_cell(&r, 0, 0), "7");
    db_rows_free(&r);
    drv()->close(c);
}

/* How many statements run `select sleep(30)` on the server now (its processlist). */
static int sleepers(const char *marker)
{
    char sql[256];
    snprintf(sql, sizeof sql, "select count(*) from information_schema.processlist where info like '%%%s%%' "
             "and info not like '%%processlist%%'", marker);
    char *out = client(sql);
    int n = atoi(out);
    free(out);
    return n;
}

/* Cancel from another thread stops SELECT SLEEP(30) on the server (KILL QUERY) at once; sticky. */
Test(db_mysql, cancel_stops_the_statement_on_the_server)
{
    lp_db_conn *c = my();
    db_canceller k = {drv(), c, 500, 0};
    pthread_t th;
    cr_assert_eq(pthread_create(&th, NULL, db_cancel_later, &k), 0);
    db_rows r = {0};
    lp_error err;
    int rc = run(c, "select sleep(30) as lp_cancel_marker", NULL, 0, &r, 0, &err);
    double done = ts_now_s();
    pthread_join(th, NULL);
    cr_assert_eq(rc, LP_ERR_CANCELLED, "%d %s", rc, err.message);
    cr_expect_str_eq(err.message, "statement cancelled");
    cr_assert_lt(done - k.at, 2.0);
    cr_expect_eq(r.nrows, 0);
    cr_expect_eq(sleepers("lp_cancel_marker"), 0, "the statement still runs on the server");
    db_rows_free(&r);
    cr_assert_eq(run(c, "select 1", NULL, 0, &r, 0, &err), LP_ERR_CANCELLED);
    db_rows_free(&r);
    drv()->close(c);

    /* a prepared statement alike */
    c = my();
    k = (db_canceller){drv(), c, 500, 0};
    cr_assert_eq(pthread_create(&th, NULL, db_cancel_later, &k), 0);
    const lp_db_param p = {LP_DB_INT, "30", 2};
    rc = run(c, "select sleep(?) as lp_cancel_marker2", &p, 1, &r, 0, &err);
    done = ts_now_s();
    pthread_join(th, NULL);
    cr_assert_eq(rc, LP_ERR_CANCELLED, "%d %s", rc, err.message);
    cr_assert_lt(done - k.at, 2.0);
    cr_expect_eq(sleepers("lp_cancel_marker2"), 0, "the statement still runs on the server");
    db_rows_free(&r);
    drv()->close(c);
}

Test(db_mysql, timeout_stops_the_statement_and_the_connection_goes_on)
{
    lp_db_conn *c = my();
    db_rows r = {0};
    lp_error err;
    double t0 = ts_now_s();
    int rc = run(c, "select sleep(20) as lp_timeout_marker", NULL, 0, &r, 300, &err);
    double took = ts_now_s() - t0;
    cr_assert_eq(rc, LP_ERR_TIMEOUT, "%d %s", rc, err.message);
    cr_expect_str_eq(err.message, "statement timed out after 300 ms");
    cr_assert_lt(took, 2.5);
    cr_expect_eq(sleepers("lp_timeout_marker"), 0);
    db_rows_free(&r);
    cr_assert_eq(run(c, "select 5", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_expect_str_eq(db_cell(&r, 0, 0), "5");
    db_rows_free(&r);
    drv()->close(c);
}

static int stop_after_300ms(void *user) { return ts_now_s() - *(double *)user > 0.3; }

/* A server that accepts and never answers: the connect gives up at its timeout, or when told to stop. */
Test(db_mysql, a_server_that_never_answers_times_out_or_stops)
{
    int port;
    int fd = ts_listen_local(16, &port);
    char conninfo[128];
    snprintf(conninfo, sizeof conninfo, "root@tcp(127.0.0.1:%d)/lazypipe", port);
    lp_db_target t = {.scheme = "mysql", .conninfo = conninfo, .connect_timeout_ms = 500};
    lp_db_conn *c = NULL;
    lp_error err = {0};
    double t0 = ts_now_s();
    cr_assert_eq(drv()->connect(&t, &c, &err), LP_ERR_DB);
    cr_expect(strstr(err.message, "i/o timeout"), "%s", err.message);
    cr_assert_lt(ts_now_s() - t0, 3.0, "the deadline was 0.5 s");
    /* the connection string's own timeout (a Go duration) */
    snprintf(conninfo, sizeof conninfo, "root@tcp(127.0.0.1:%d)/lazypipe?timeout=400ms", port);
    t.connect_timeout_ms = 0;
    t0 = ts_now_s();
    cr_assert_eq(drv()->connect(&t, &c, &err), LP_ERR_DB);
    cr_assert_lt(ts_now_s() - t0, 3.0, "the deadline was 0.4 s");
    /* stopped (a run's Ctrl-C) */
    snprintf(conninfo, sizeof conninfo, "root@tcp(127.0.0.1:%d)/lazypipe", port);
    t.connect_timeout_ms = 30000;
    t0 = ts_now_s();
    t.stop = stop_after_300ms;
    t.stop_user = &t0;
    cr_assert_eq(drv()->connect(&t, &c, &err), LP_ERR_CANCELLED);
    cr_assert_lt(ts_now_s() - t0, 3.0);
    close(fd);
}

/* go-sql-driver's DSN: a closed port, a unix socket, defaults, system variables, bad forms. */
Test(db_mysql, connection_string_forms)
{
    lp_error err;
    int closed = ts_free_port();
    char s[512];
    snprintf(s, sizeof s, "root@tcp(127.0.0.1:%d)/lazypipe", closed);
    double t0 = ts_now_s();
    cr_assert_null(connect_dsn(s, &err));
    cr_expect(strncmp(err.message, "Error 2002 (HY000): Can't connect to server on '127.0.0.1'", 58) == 0,
              "%s", err.message);
    cr_assert_lt(ts_now_s() - t0, 2.0);

    /* the server's socket, as it names it */
    lp_db_conn *c = my();
    db_rows r = {0};
    cr_assert_eq(run(c, "select @@socket, @@port", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    snprintf(s, sizeof s, "root@unix(%s)/lazypipe?sql_mode=%%27ANSI_QUOTES%%27&timeout=5s&parseTime=true",
             db_cell(&r, 0, 0));
    cr_assert_eq(atoi(db_cell(&r, 0, 1)), my_port());
    db_rows_free(&r);
    drv()->close(c);
    c = connect_dsn(s, &err);
    cr_assert(c, "%s: %s", s, err.message);
    cr_assert_eq(run(c, "select @@sql_mode, database()", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_expect_str_eq(db_cell(&r, 0, 0), "ANSI_QUOTES");   /* an unknown parameter is a system variable */
    cr_expect_str_eq(db_cell(&r, 0, 1), "lazypipe");
    db_rows_free(&r);
    drv()->close(c);

    /* no database; the password part, empty here */
    snprintf(s, sizeof s, "root:@tcp(127.0.0.1:%d)/", my_port());
    c = connect_dsn(s, &err);
    cr_assert(c, "%s: %s", s, err.message);
    cr_assert_eq(run(c, "select database() is null", NULL, 0, &r, 0, &err), LP_OK, "%s", err.message);
    cr_expect_str_eq(db_cell(&r, 0, 0), "1");
    db_rows_free(&r);
    drv()->close(c);

    snprintf(s, sizeof s, "nobody_lp@tcp(127.0.0.1:%d)/lazypipe", my_port());
    cr_assert_null(connect_dsn(s, &err));
    cr_expect(strncmp(err.message, "Error 1045 (28000): Access denied for user 'nobody_lp'", 54) == 0, "%s",
              err.message);
    cr_assert_null(connect_dsn("root@tcp(127.0.0.1:1)", &err));
    cr_expect_str_eq(err.message, "invalid DSN: missing the slash separating the database name");
    cr_assert_null(connect_dsn("root@tcp(127.0.0.1:1/db", &err));
    cr_expect_str_eq(err.message, "invalid DSN: network address not terminated (missing closing brace)");
    cr_assert_null(connect_dsn("root@udp(h)/db", &err));
    cr_expect_str_eq(err.message, "dial h: unknown network udp");
    cr_assert_null(connect_dsn("root@tcp(h)/db?timeout=soon", &err));
    cr_expect_str_eq(err.message, "invalid DSN: time: invalid duration \"soon\"");
}

/* ------------------------------------------------------------ the CLI */

/* Each CLI test has a database of its own (tests run in parallel): lp_cli_PID, at url. */
static char *dir;
static char db[64], url[512];

static void cli_setup(void)
{
    dir = wf_mod_dir("mod \"my\" {}\n");
    snprintf(db, sizeof db, "lp_cli_%d", (int)getpid());
    char sql[128];
    snprintf(sql, sizeof sql, "create or replace database %s", db);
    free(client(sql));
    snprintf(url, sizeof url, "mysql://root@tcp(127.0.0.1:%d)/%s", my_port(), db);
    lp_error err;
    lp_db_conn *c = connect_dsn(url + strlen("mysql://"), &err);
    cr_assert(c, "%s", err.message);
    must(c, "create or replace table lp_buckets (name varchar(20), size_gb int, created datetime(1), "
            "price decimal(6,2), ratio double, tags json)");
    must(c, "insert into lp_buckets values ('logs', 120, '2024-01-02 03:04:05.5', 1.50, 0.1, '{\"b\": 1, "
            "\"a\": [2]}'),"
            " ('assets', 8, '2023-12-31 23:59:59', 10.00, 1e20, null), ('tmp', 0, null, null, null, '[]')");
    drv()->close(c);
}

static void cli_teardown(void)
{
    char sql[128];
    snprintf(sql, sizeof sql, "drop database if exists %s", db);
    free(client(sql));
    wf_remove(dir);
    dir = NULL;
}

/* query run's csv, row by row, against the database's own text of the same rows. */
Test(db_mysql, query_run_shows_what_the_database_holds, .init = cli_setup, .fini = cli_teardown)
{
    char *want = client_in(db, "select name, size_gb from lp_buckets order by name");
    for (char *p = want; *p; p++)
        if (*p == '\t') *p = ',';
    cl_result r = cl_run("--mod-location %s query run 'select name, size_gb from lp_buckets order by name' "
                         "--database '%s' --output csv --header=false",
                         dir, url);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, want);
    cl_done(&r);
    free(want);

    /* Powerpipe's values (mysqlReadCell): DATETIME a time.Time in UTC printed by String(), DECIMAL and
     * DOUBLE float64s ('f' -1), json a string; NULL as the table's <null> */
    r = cl_run(
        "--mod-location %s query run 'select created, price, ratio, tags from lp_buckets order by name' "
        "--database '%s' --output csv",
        dir, url);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "created,price,ratio,tags\n"
                            "2023-12-31 23:59:59 +0000 UTC,10,100000000000000000000,\n"
                            "2024-01-02 03:04:05.5 +0000 UTC,1.5,0.1,\"{\"\"b\"\": 1, \"\"a\"\": [2]}\"\n"
                            ",,,[]\n");
    cl_done(&r);

    /* the snapshot's data: json.Marshal of the same values */
    r = cl_run(
        "--mod-location %s query run 'select created, price, size_gb from lp_buckets where name = \"logs\"' "
        "--database '%s' --output snapshot",
        dir, url);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "\"created\": \"2024-01-02T03:04:05.5Z\""), "%s", r.out);
    cr_assert(strstr(r.out, "\"price\": 1.5"), "%s", r.out);
    cr_assert(strstr(r.out, "\"size_gb\": 120"), "%s", r.out);
    cr_assert(strstr(r.out, "\"data_type\": \"DATETIME\""), "%s", r.out);
    cl_done(&r);

    /* a server error is the command's error, as Powerpipe prints it */
    r = cl_run("--mod-location %s query run 'select * from lp_nonesuch' --database '%s'", dir, url);
    cr_assert_eq(r.status, 41);   /* ExitCodeQueryExecutionFailed */
    cr_assert(strstr(r.err, "Error 1146 (42S02): Table '"), "%s", r.err);
    cr_assert(strstr(r.err, ".lp_nonesuch' doesn't exist"), "%s", r.err);
    cl_done(&r);
}

/* A benchmark of two controls on MySQL: each bucket ok or alarm by its size, as the database counts. */
Test(db_mysql, benchmark_run_counts_what_the_database_counts, .init = cli_setup, .fini = cli_teardown)
{
    wf_write(
        dir, "checks.pp",
        "benchmark \"buckets\" {\n  title = \"Buckets\"\n  children = [control.small, control.named]\n}\n"
        "control \"small\" {\n  title = \"Small\"\n  sql = <<-EOQ\n"
        "    select name as resource, case when size_gb > ? then 'alarm' else 'ok' end as status,\n"
        "      concat(name, ' is ', size_gb, ' GB') as reason from lp_buckets\n  EOQ\n"
        "  param \"limit\" {\n    default = 10\n  }\n}\n"
        "control \"named\" {\n  title = \"Named\"\n  sql = <<-EOQ\n"
        "    select name as resource, if(name like 't%', 'alarm', 'ok') as status, name as reason\n"
        "    from lp_buckets\n  EOQ\n}\n");
    char *facts = client_in(
        db, "select sum(size_gb > 10) + sum(name like 't%'), sum(size_gb <= 10) + sum(name not like 't%')"
            " from lp_buckets");
    int alarm = -1, ok = -1;
    cr_assert_eq(sscanf(facts, "%d\t%d", &alarm, &ok), 2, "%s", facts);
    free(facts);
    cl_result r =
        cl_run("--mod-location %s benchmark run benchmark.buckets --database '%s' --output json", dir, url);
    cr_assert_eq(r.status, alarm ? 1 : 0, "%s", r.err);   /* an alarm exits 1 */
    char err[200];
    jt *doc = jt_parse(r.out, strlen(r.out), err, sizeof err);
    cr_assert(doc, "%s: %s", err, r.out);
    const jt *status = jt_get(jt_get(doc, "summary"), "status");
    cr_assert(status, "%s", r.out);
    cr_expect_eq((int)jt_get(status, "alarm")->num, alarm, "%s", r.out);
    cr_expect_eq((int)jt_get(status, "ok")->num, ok, "%s", r.out);
    cr_expect_eq((int)jt_get(status, "error")->num, 0, "%s", r.out);
    jt_free(doc);
    cl_done(&r);
    /* the text output names each bucket with its reason */
    r = cl_run("--mod-location %s benchmark run benchmark.buckets --database '%s' --output csv", dir, url);
    cr_assert(strstr(r.out, "logs is 120 GB"), "%s", r.out);
    cl_done(&r);
}

/* A .ppc connection "mysql": pipe-fittings' mysql://USER@tcp(HOST:PORT)/DB from its attributes. */
Test(db_mysql, a_ppc_mysql_connection_runs, .init = cli_setup, .fini = cli_teardown)
{
    char ppc[512];
    snprintf(ppc, sizeof ppc, "connection \"mysql\" \"test\" {\n  host = \"127.0.0.1\"\n  port = %d\n"
             "  db   = \"%s\"\n}\n", my_port(), db);
    wf_write(dir, "conn.ppc", ppc);
    cl_result r =
        cl_run("--mod-location %s query run 'select count(*) as n, database() as db from lp_buckets' "
               "--database connection.mysql.test --output csv --header=false",
               dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    char want[128];
    snprintf(want, sizeof want, "3,%s\n", db);
    cr_assert_str_eq(r.out, want);
    cl_done(&r);
    /* the default user is root, the default database mysql */
    snprintf(ppc, sizeof ppc, "connection \"mysql\" \"bare\" {\n  host = \"127.0.0.1\"\n  port = %d\n}\n",
             my_port());
    wf_write(dir, "conn.ppc", ppc);
    r = cl_run(
        "--mod-location %s query run 'select database(), current_user()' --database connection.mysql.bare "
        "--output csv --header=false",
        dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "mysql,root@127.0.0.1\n");
    cl_done(&r);
}
