/* test_cli_run.c — the run path as issue 32 found it broken, through the CLI (LP_CLI) on a real
 * SQLite file and the tests' PostgreSQL (LP_PG_URL): a `with` whose query's SQL is any length (a
 * loaded value's bytes have no NUL after them: the statement ran with the next allocation's bytes
 * appended when it was a multiple of 8), two columns of one name (Powerpipe's unique names), a
 * 1,600-column result, statements with no columns, and withs that read each other.  make memcheck
 * runs these under valgrind too (tests/support/vg.sh). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/clirun.h"
#include "support/wsfix.h"

#define HAS(s, needle) cr_assert(strstr((s), (needle)), "expected \"%s\" in:\n%s", (needle), (s))
#define HASNT(s, needle) cr_assert(!strstr((s), (needle)), "did not expect \"%s\" in:\n%s", (needle), (s))

static char *dir;
static char sqlite_url[4200];

/* 24 withs whose queries' SQL are 16 to 39 bytes long (every remainder mod 8, three times), each read
 * by a table; the duplicate-column, cycle and no-column dashboards. */
static void setup(void)
{
    dir = wf_tmpdir();
    snprintf(sqlite_url, sizeof sqlite_url, "sqlite://%s/data.db", dir);
    char path[4200];
    snprintf(path, sizeof path, "%s/data.db", dir);
    fclose(fopen(path, "w"));
    wf_write(dir, "mod.pp", "mod \"r\" {\n  title = \"R\"\n}\n");
    static char lens[16384];
    size_t o = 0;
    o += (size_t)snprintf(lens + o, sizeof lens - o, "dashboard \"lens\" {\n");
    for (int k = 0; k < 24; k++)
        o += (size_t)snprintf(lens + o, sizeof lens - o,
                              "  with \"w%d\" {\n    query = query.q%d\n  }\n"
                              "  table {\n    sql  = \"select cast($1 as text) as got\"\n"
                              "    args = [with.w%d.rows[0].abc]\n  }\n",
                              k, k, k);
    o += (size_t)snprintf(lens + o, sizeof lens - o, "}\n");
    for (int k = 0; k < 24; k++)   /* "select 1 as abc\n" with k spaces more: 16 + k bytes */
        o += (size_t)snprintf(lens + o, sizeof lens - o,
                              "query \"q%d\" {\n  sql = <<-EOQ\n    select %*s1 as abc\n  EOQ\n"
                              "  tags = { service = \"x\" }\n}\n",
                              k, k, "");
    wf_write(dir, "lens.pp", lens);
    wf_write(dir, "cycle.pp",
             "dashboard \"cycle\" {\n"                                  /* 1 */
             "  table {\n    sql  = \"select $1 as got\"\n"            /* 2, 3 */
             "    args = [with.a.rows[0].x]\n  }\n"                    /* 4, 5 */
             "  with \"a\" {\n    sql  = \"select $1 as x\"\n"         /* 6, 7 */
             "    args = [with.b.rows[0].x]\n  }\n"                    /* 8, 9 */
             "  with \"b\" {\n    sql  = \"select $1 as x\"\n"         /* 10, 11 */
             "    args = [with.a.rows[0].x]\n  }\n}\n"                 /* 12, 13, 14 */
             "dashboard \"self\" {\n"                                   /* 15 */
             "  with \"s\" {\n    sql  = \"select $1 as x\"\n"         /* 16, 17 */
             "    args = [with.s.rows[0].x]\n  }\n"
             "  card {\n    sql  = \"select $1 as value\"\n    args = [with.s.rows[0].x]\n  }\n}\n");
    wf_write(dir, "params.pp",
             "dashboard \"pa\" {\n  input \"i\" {\n    type = \"text\"\n  }\n"
             "  with \"w\" {\n    sql  = \"select cast($1 as text) || '-w' as a\"\n"
             "    args = [self.input.i.value]\n  }\n"
             "  table {\n    query = query.qp\n    args  = { x = with.w.rows[0].a }\n  }\n}\n"
             "query \"qp\" {\n  sql = \"select cast($1 as text) || '-' || cast($2 as text) as got\"\n"
             "  param \"x\" {}\n  param \"y\" {\n    default = \"yd\"\n  }\n}\n");
    wf_write(dir, "dups.pp",
             "dashboard \"dups\" {\n  table \"t\" {\n"
             "    sql = \"select a.id, b.id, a.n from (select 7 as id, 1 as n) a, (select 8 as id) b\"\n"
             "  }\n}\n");
}

static void teardown(void)
{
    wf_remove(dir);
    dir = NULL;
}

TestSuite(cli_run, .init = setup, .fini = teardown);

static const char *pg_url(void)
{
    const char *u = getenv("LP_PG_URL");
    if (!u || !*u) cr_skip_test("LP_PG_URL is not set (make test starts the tests' PostgreSQL)");
    return u;
}

static unsigned count(const char *s, const char *needle)
{
    unsigned n = 0;
    for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle)) n++;
    return n;
}

/* ------------------------------------------------------------ a with's statement of any length */

static void with_lengths(const char *db)
{
    cl_result r = cl_run("--mod-location %s dashboard run lens --output snapshot --database %s", dir, db);
    cr_assert_eq(r.status, 0, "exit %d\n%s", r.status, r.err);
    /* each table got the with's row: the database's answer to `select 1 as abc`, cast to text */
    cr_assert_eq(count(r.out, "\"got\": \"1\""), 24, "%s", r.out);
    HASNT(r.out, "\"error\"");
    cl_done(&r);
}

Test(cli_run, with_statement_of_every_length_sqlite) { with_lengths(sqlite_url); }
Test(cli_run, with_statement_of_every_length_postgres) { with_lengths(pg_url()); }

/* ------------------------------------------------------------ inputs, withs, named args, params */

/* the input's value through a with into a query's first param, its second param's default: the
 * database concatenates them */
static void params_args_inputs(const char *db)
{
    cl_result r =
        cl_run("--mod-location %s dashboard run pa --arg i=hello --output snapshot --database %s", dir, db);
    cr_assert_eq(r.status, 0, "exit %d\n%s", r.status, r.err);
    HAS(r.out, "\"got\": \"hello-w-yd\"");
    HASNT(r.out, "\"error\"");
    cl_done(&r);
}

Test(cli_run, params_args_and_inputs_sqlite) { params_args_inputs(sqlite_url); }
Test(cli_run, params_args_and_inputs_postgres) { params_args_inputs(pg_url()); }

/* ------------------------------------------------------------ two columns of one name */

/* Powerpipe's rule (LeafData.ensureUniqueColumnName, pipe-fittings utils.GetUniqueName/Base36Hash):
 * a later column of a name already seen is NAME_ + the last 4 base-36 digits of the first 64 bits of
 * md5(NAME + its index), with original_name: md5("id1") gives "yy18" (python3 hashlib) */
static void dups_query(const char *db)
{
    cl_result r = cl_run("--mod-location %s query run --output json --database %s "
                         "'select a.id, b.id, a.n from (select 7 as id, 1 as n) a, (select 8 as id) b'",
                         dir, db);
    cr_assert_eq(r.status, 0, "exit %d\n%s", r.status, r.err);
    HAS(r.out, "   \"name\": \"id_yy18\",\n");
    HAS(r.out, "   \"original_name\": \"id\"\n");
    HAS(r.out, "\"rows\": [\n  {\n   \"id\": 7,\n   \"id_yy18\": 8,\n   \"n\": 1\n  }\n ]");
    cl_done(&r);
    /* tables and csv show the database's names */
    r = cl_run("--mod-location %s query run --output csv --database %s "
               "'select a.id, b.id, a.n from (select 7 as id, 1 as n) a, (select 8 as id) b'", dir, db);
    cr_assert_eq(r.status, 0, "exit %d\n%s", r.status, r.err);
    cr_assert_str_eq(r.out, "id,id,n\n7,8,1\n");
    cl_done(&r);
    r = cl_run("--mod-location %s dashboard run dups --output snapshot --database %s", dir, db);
    cr_assert_eq(r.status, 0, "exit %d\n%s", r.status, r.err);
    HAS(r.out, "\"name\": \"id_yy18\",\n            \"original_name\": \"id\"\n");
    HAS(r.out, "\"rows\": [\n          {\n            \"id\": 7,\n            \"id_yy18\": 8,\n"
               "            \"n\": 1\n          }\n        ]");
    cl_done(&r);
}

Test(cli_run, columns_of_one_name_sqlite) { dups_query(sqlite_url); }
Test(cli_run, columns_of_one_name_postgres) { dups_query(pg_url()); }

/* A 1,600-column row (PostgreSQL allows 1,664) keeps every key, the one repeated name made unique */
Test(cli_run, a_row_of_1600_columns_keeps_them_all)
{
    const char *db = pg_url();
    static char sql[32768];
    size_t o = (size_t)snprintf(sql, sizeof sql, "query \"wide\" {\n  sql = \"select ");
    for (int i = 1; i <= 1600; i++)
        o +=
            (size_t)snprintf(sql + o, sizeof sql - o, "%s%d as c%d", i > 1 ? ", " : "", i, i == 1600 ? 1 : i);
    snprintf(sql + o, sizeof sql - o, "\"\n}\n");
    wf_write(dir, "wide.pp", sql);
    cl_result r = cl_run("--mod-location %s query run wide --output json --database %s", dir, db);
    cr_assert_eq(r.status, 0, "exit %d\n%s", r.status, r.err);
    const char *rows = strstr(r.out, "\"rows\"");
    cr_assert(rows);
    cr_assert_eq(count(rows, "\n   \"c"), 1600, "keys of the row");
    HAS(rows, "\"c1\": 1,");
    HAS(rows, "\"c1599\": 1599,");
    /* md5("c11599") -> its 4 digits, as for the others: the one key not named c<N> */
    cr_assert_eq(count(rows, "\n   \"c1_"), 1, "the repeated c1");
    HAS(rows, "\": 1600");
    cl_done(&r);
}

/* ------------------------------------------------------------ statements with no columns */

Test(cli_run, statements_with_no_columns)
{
    const char *db = pg_url();
    cl_expect(0, "\"columns\": []", NULL,
              "--mod-location %s query run --output json --database %s "
                         "'select from generate_series(1,3)'", dir, db);
    cl_result r =
        cl_run("--mod-location %s query run --output json --database %s 'do $$ begin end $$'", dir, db);
    cr_assert_eq(r.status, 0, "exit %d\n%s", r.status, r.err);
    cl_done(&r);
    r = cl_run("--mod-location %s query run --output csv --database %s 'create table nocols(a int)'", dir,
               sqlite_url);
    cr_assert_eq(r.status, 0, "exit %d\n%s", r.status, r.err);
    cl_done(&r);
}

/* ------------------------------------------------------------ withs that read each other */

Test(cli_run, withs_that_read_each_other_fail_the_run)
{
    cl_result r =
        cl_run("--mod-location %s dashboard run cycle --output snapshot --database %s", dir, sqlite_url);
    cr_assert_neq(r.status, 0, "a cycle exits non-zero\n%s", r.out);
    HAS(r.err, "/cycle.pp:6: with \"a\" is in a cycle of withs that read each other, so none of them can "
               "run: with.a reads with.b reads with.a");
    cr_assert_str_eq(r.out, "");
    cl_done(&r);
    r = cl_run("--mod-location %s dashboard run self --output snapshot --database %s", dir, sqlite_url);
    cr_assert_neq(r.status, 0, "a with reading itself exits non-zero\n%s", r.out);
    HAS(r.err, "/cycle.pp:16: with \"s\" reads itself: it can never run");
    HASNT(r.err, "There is no with block");
    cl_done(&r);
}
