/* test_cli_types.c — each column type as Powerpipe shows it (src/base/cellfmt.c, lp_cell_render) in
 * `query run`'s csv (as table and line print it), json and snapshot (the rows the server's
 * leaf_node_updated carries too: the same lp_node_panel_json), on real PostgreSQL, SQLite, DuckDB and
 * MariaDB.
 *
 * Facts, from Powerpipe's source, not from lazypipe's output: pgx's database/sql driver (stdlib
 * Rows.Next) gives date, timestamp and timestamptz as a time.Time (timestamptz in the local zone,
 * TZ here), float4 as a float32 widened to float64, numeric, interval, time and arrays as the
 * server's text; querydisplay's ColumnValueAsString prints a DATE/TIMESTAMP time as "2006-01-02
 * 15:04:05", a float64 with strconv 'f' -1, a timestamptz with time.Time.String();
 * ParseJSONOutputColumnValue keeps JSON/BOOL/INT/FLOAT values and makes the rest strings (so
 * numeric is a string); a snapshot is json.Marshal of the values (a time.Time as RFC 3339 with its
 * nanoseconds).  go-sqlite3 and go-duckdb give a time.Time for a DATE or TIMESTAMP column (UTC).
 * MySQL (go-sql-driver 1.8 and pipe-fittings' mysqlReadCell): FLOAT a float32, DOUBLE and DECIMAL
 * float64s, DATE/DATETIME a time.Time in UTC; DATETIME is not one of ColumnValueAsString's time
 * types, so it prints with time.Time.String(). */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/clirun.h"
#include "support/duckfix.h"
#include "support/jsontree.h"
#include "support/wsfix.h"
#include "support/shared.h"
#include "support/runfix.h"

static char *dir;

static void setup(void)
{
    dir = wf_mod_dir("mod \"types\" {}\n");
    setenv("TZ", "Asia/Kolkata", 1);   /* timestamptz is shown in the local zone */
}

static void teardown(void)
{
    wf_remove(dir);
    dir = NULL;
}

TestSuite(cli_types, .init = setup, .fini = teardown);

static cl_result run(const char *url, const char *sql, const char *output)
{
    cl_result r =
        cl_run("--mod-location %s query run \"%s\" --database %s --output %s", dir, sql, url, output);
    if (strstr(r.err, "DuckDB is not available")) cr_skip_test("%s", r.err);
    cr_assert_eq(r.status, 0, "%s: %s", sql, r.err);
    return r;
}

static void json_is(const jt *got, const char *want)
{
    char err[200], why[400];
    jt *w = jt_parse(want, strlen(want), err, sizeof err);
    cr_assert(w, "%s", err);
    cr_assert(jt_equal(got, w, why, sizeof why), "%s: %s", why, jt_dump(got));
    jt_free(w);
}

/* csv's second line, the json output's row and the snapshot's row of one query */
static void shows(const char *url, const char *sql, const char *csv_row, const char *json_row,
                  const char *data_row)
{
    cl_result r = run(url, sql, "csv");
    const char *nl = strchr(r.out, '\n');
    cr_assert(nl, "%s", r.out);
    cr_assert_str_eq(nl + 1, csv_row, "csv of %s", sql);
    cl_done(&r);

    char err[200];
    r = run(url, sql, "json");
    jt *doc = jt_parse(r.out, strlen(r.out), err, sizeof err);
    cr_assert(doc, "invalid JSON (%s): %s", err, r.out);
    json_is(jt_get(doc, "rows")->items[0], json_row);
    jt_free(doc);
    cl_done(&r);

    r = run(url, sql, "snapshot");
    doc = jt_parse(r.out, strlen(r.out), err, sizeof err);
    cr_assert(doc, "invalid JSON (%s): %s", err, r.out);
    const jt *panels = jt_get(doc, "panels"), *rows = NULL;
    for (size_t i = 0; panels && i < panels->n && !rows; i++) {
        const jt *data = jt_get(panels->items[i], "data");
        if (data) rows = jt_get(data, "rows");
    }
    cr_assert(rows && rows->n == 1, "%s", r.out);
    json_is(rows->items[0], data_row);
    jt_free(doc);
    cl_done(&r);
}

Test(cli_types, postgres_dates_and_times)
{
    shows(ts_pg_url(),
          "select '2024-01-02'::date as d, '2024-01-02 03:04:05.5'::timestamp as ts, "
          "'2024-01-02 03:04:05.1+02'::timestamptz as tz, 'infinity'::timestamptz as inf, "
          "'-infinity'::date as ninf, '1 day 02:03:04'::interval as i, '12:34:56'::time as t",
          "2024-01-02 00:00:00,2024-01-02 03:04:05,2024-01-02 06:34:05.1 +0530 IST,infinity,-infinity,"
          "1 day 02:03:04,12:34:56\n",
          "{\"d\":\"2024-01-02 00:00:00\",\"ts\":\"2024-01-02 03:04:05\",\"tz\":\"2024-01-02 06:34:05.1 "
          "+0530 IST\","
          "\"inf\":\"infinity\",\"ninf\":\"-infinity\",\"i\":\"1 day 02:03:04\",\"t\":\"12:34:56\"}",
          "{\"d\":\"2024-01-02T00:00:00Z\",\"ts\":\"2024-01-02T03:04:05.5Z\",\"tz\":\"2024-01-02T06:34:05.1+"
          "05:30\","
          "\"inf\":\"infinity\",\"ninf\":\"-infinity\",\"i\":\"1 day 02:03:04\",\"t\":\"12:34:56\"}");
}

/* numeric is the server's text, a JSON string even with 1,000 digits; a float8 as Go formats a
 * float64 ('f' -1 as text; encoding/json's cut-over to an exponent below 1e-6); a float4 widened
 * from float32 (1.1 is 1.100000023841858); Infinity as strconv writes it in text (+Inf), and in JSON
 * PostgreSQL's own text as a string (Powerpipe's encoder fails on the whole output there). */
Test(cli_types, postgres_numbers)
{
    char nines[1001];
    memset(nines, '9', 1000);
    nines[1000] = 0;
    char csv[1200], json[1300], data[1300];
    snprintf(csv, sizeof csv, "1.50,%s,NaN,1.100000023841858,100000000000000000000,0.0000001,+Inf,7\n",
             nines);
    snprintf(json, sizeof json, "{\"n\":\"1.50\",\"big\":\"%s\",\"nn\":\"NaN\",\"f4\":1.100000023841858,"
             "\"f8\":1e20,\"tiny\":1e-7,\"inf\":\"Infinity\",\"i\":7}", nines);
    memcpy(data, json, strlen(json) + 1);
    shows(ts_pg_url(),
          "select 1.50::numeric as n, repeat('9', 1000)::numeric as big, 'NaN'::numeric as nn, "
          "1.1::float4 as f4, 1e20::float8 as f8, 1e-7::float8 as tiny, 'Infinity'::float8 as inf, 7::int8 "
          "as i",
          csv, json, data);
}

/* json/jsonb as Go re-encodes a decoded value (keys sorted, the last of equal keys, compact, numbers
 * as float64: 2.50 is 2.5, 1e21 is 1e+21, 12345678901234567890 is 12345678901234567000); arrays the
 * server's text. */
Test(cli_types, postgres_json_and_arrays)
{
    shows(
        ts_pg_url(),
        "select '{\\\"b\\\": 1, \\\"a\\\": [2.50, 1e21, 12345678901234567890], \\\"c\\\": {}}'::jsonb as j, "
        "array[1, 2] as a, array['a b', 'c'] as t",
        "\"{\"\"a\"\":[2.5,1e+21,12345678901234567000],\"\"b\"\":1,\"\"c\"\":{}}\",\"{1,2}\",\"{\"\"a "
        "b\"\",c}\"\n",
        "{\"j\":{\"a\":[2.5,1e21,12345678901234567000],\"b\":1,\"c\":{}},\"a\":\"{1,2}\",\"t\":\"{\\\"a "
        "b\\\",c}\"}",
        "{\"j\":{\"a\":[2.5,1e21,12345678901234567000],\"b\":1,\"c\":{}},\"a\":\"{1,2}\",\"t\":\"{\\\"a "
        "b\\\",c}\"}");
    /* --output json indents a json value as Go's encoder does (one space a level) */
    cl_result r = run(ts_pg_url(), "select '{\\\"b\\\": [1], \\\"a\\\": {}}'::jsonb as j", "json");
    cr_assert(strstr(r.out, "   \"j\": {\n    \"a\": {},\n    \"b\": [\n     1\n    ]\n   }\n"), "%s", r.out);
    cl_done(&r);
}

/* SQLite: a declared DATE or TIMESTAMP column is a time.Time in go-sqlite3 (the same rules); a
 * NUMERIC column's value is a float64 Powerpipe's JSON makes a string (NUMERIC is not in
 * ParseJSONOutputColumnValue's list). */
Test(cli_types, sqlite_declared_types)
{
    char db[4200];
    snprintf(db, sizeof db, "%s/t.db", dir);
    rf_sqlite(db, "create table t(d date, ts timestamp, n numeric);"
                  "insert into t values ('2024-01-02', '2024-01-02 03:04:05.5', 1.5)");
    char url[4300];
    snprintf(url, sizeof url, "sqlite://%s", db);
    shows(url, "select d, ts, n from t", "2024-01-02 00:00:00,2024-01-02 03:04:05,1.5\n",
          "{\"d\":\"2024-01-02 00:00:00\",\"ts\":\"2024-01-02 03:04:05\",\"n\":\"1.5\"}",
          "{\"d\":\"2024-01-02T00:00:00Z\",\"ts\":\"2024-01-02T03:04:05.5Z\",\"n\":\"1.5\"}");
}

Test(cli_types, mysql_numbers_and_times)
{
    char url[600];
    snprintf(url, sizeof url, "'%s'", ts_mysql_url());   /* a shell word: tcp(...) */
    shows(url,
          "select cast(1.1 as float) as f, 0.1e0 + 0.2e0 as d, 1e20 as e, cast(12.500 as decimal(6,3)) as n, "
          "cast('2024-01-02 03:04:05.5' as datetime(1)) as dt, date '2024-02-29' as da, -7 as i",
          "1.1,0.30000000000000004,100000000000000000000,12.5,2024-01-02 03:04:05.5 +0000 UTC,2024-02-29 "
          "00:00:00,"
          "-7\n",
          "{\"f\":1.1,\"d\":0.30000000000000004,\"e\":1e20,\"n\":12.5,\"dt\":\"2024-01-02 03:04:05.5 +0000 "
          "UTC\","
          "\"da\":\"2024-02-29 00:00:00\",\"i\":-7}",
          "{\"f\":1.1,\"d\":0.30000000000000004,\"e\":1e20,\"n\":12.5,\"dt\":\"2024-01-02T03:04:05.5Z\","
          "\"da\":\"2024-02-29T00:00:00Z\",\"i\":-7}");
}

/* DuckDB: DATE and TIMESTAMP as above; a TIMESTAMPTZ is a time.Time in UTC in go-duckdb. */
Test(cli_types, duckdb_dates_and_times)
{
    char db[4200], url[4300];
    snprintf(db, sizeof db, "%s/t.duckdb", dir);
    df_create(db);   /* the driver opens existing files only */
    snprintf(url, sizeof url, "duckdb://%s", db);
    shows(url,
          "select DATE '2024-01-02' as d, TIMESTAMP '2024-01-02 03:04:05.5' as ts, "
          "TIMESTAMPTZ '2024-01-02 03:04:05.5+02' as tz",
          "2024-01-02 00:00:00,2024-01-02 03:04:05,2024-01-02 01:04:05.5 +0000 UTC\n",
          "{\"d\":\"2024-01-02 00:00:00\",\"ts\":\"2024-01-02 03:04:05\",\"tz\":\"2024-01-02 01:04:05.5 "
          "+0000 UTC\"}",
          "{\"d\":\"2024-01-02T00:00:00Z\",\"ts\":\"2024-01-02T03:04:05.5Z\",\"tz\":\"2024-01-02T01:04:05."
          "5Z\"}");
}
