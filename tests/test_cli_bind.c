/* test_cli_bind.c — list and object values bound as each database expects (src/run/args.c, the
 * drivers), run through the CLI (LP_CLI) as a user does: `query run`, `control run`, `dashboard
 * run`, with params from variables, --var and --arg overrides, and a `with`'s rows feeding a
 * graph's nodes and edge.
 *
 * Facts: on PostgreSQL each expected value is what the server itself makes of the array Powerpipe's
 * pgx sends for a Go []any (pgtype's ArrayCodec: one element per list item; a JSON number is
 * encoded only into a number type, truncated toward zero for an integer one; a list or object only
 * into json/jsonb, as its JSON text; the errors are pgx's "failed to encode args[N]: unable to
 * encode ...").  An --arg value is a string in Powerpipe (cmdconfig getCommandLineQueryArgs), so
 * `--arg '["x"]'` is PostgreSQL's own "malformed array literal" and `--arg '{x,y}'` is an array.
 * SQLite has no arrays: a list is bound as its JSON text (json_each reads it); DuckDB casts that
 * text to the LIST a statement expects. */
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

#define HAS(s, needle) cr_assert(strstr((s), (needle)), "expected \"%s\" in:\n%s", (needle), (s))

static char *dir;
static char *lite_dir;   /* the SQLite/DuckDB copy: a mod of its own, not under dir */

static const char PG_MOD[] =
    "mod \"bind\" {}\n"
    "variable \"types\" {\n"
    "  type    = list(string)\n"
    "  default = [\"t2.%\", \"m5.large\"]\n"
    "}\n"
    "query \"any_text\" {\n"
    "  sql = \"select string_agg(x, ',' order by x) as v from unnest(array['t2.micro','c5.xl','m5.large']) x "
    "where x = any($1)\"\n"
    "  param \"types\" {\n"
    "    default = var.types\n"
    "  }\n"
    "}\n"
    "query \"like_any\" {\n"
    "  sql = \"select string_agg(x, ',' order by x) as v from unnest(array['t2.micro','c5.xl','m5.large']) x "
    "where x like any ($1)\"\n"
    "  param \"types\" {\n"
    "    default = var.types\n"
    "  }\n"
    "}\n"
    "query \"texts\" {\n"
    "  sql = \"select array_to_string($1::text[], '|', '*') as v\"\n"
    "  param \"a\" {\n"
    "    default = [\"a\", \"b\\\"q\\\\\", \"c,d\", \"NULL\", null, \"{x}\", \"\"]\n"
    "  }\n"
    "}\n"
    "query \"unnest\" {\n"
    "  sql = \"select string_agg(x, ',' order by x) as v from unnest($1::text[]) x\"\n"
    "  param \"a\" {\n"
    "    default = [\"b\", \"a\"]\n"
    "  }\n"
    "}\n"
    "query \"ints\" {\n"
    "  sql = \"select array_to_string($1::int[], ',', '*') as v\"\n"
    "  param \"a\" {\n"
    "    default = [1, 2.7, null, -3]\n"
    "  }\n"
    "}\n"
    "query \"bools\" {\n"
    "  sql = \"select array_to_string($1::bool[], ',') as v\"\n"
    "  param \"a\" {\n"
    "    default = [true, false]\n"
    "  }\n"
    "}\n"
    "query \"jsonbs\" {\n"
    "  sql = \"select ($1::jsonb[])[1]->>'a' || ' ' || ($1::jsonb[])[2]::text || ' ' || "
    "array_length($1::jsonb[], 1) as v\"\n"
    "  param \"a\" {\n"
    "    default = [{ a = \"x\" }, [1, 2], 3]\n"
    "  }\n"
    "}\n"
    "query \"object\" {\n"
    "  sql = \"select $1::jsonb->'k'->>1 as v\"\n"
    "  param \"a\" {\n"
    "    default = { k = [1, 2] }\n"
    "  }\n"
    "}\n"
    "query \"empty\" {\n"
    "  sql = \"select cardinality($1::text[]) as v\"\n"
    "  param \"a\" {\n"
    "    default = []\n"
    "  }\n"
    "}\n"
    "query \"nested\" {\n"
    "  sql = \"select $1::int[] as v\"\n"
    "  param \"a\" {\n"
    "    default = [[1, 2], [3, 4]]\n"
    "  }\n"
    "}\n"
    "query \"num_text\" {\n"
    "  sql = \"select $1::text[] as v\"\n"
    "  param \"a\" {\n"
    "    default = [1, 2]\n"
    "  }\n"
    "}\n"
    "query \"as_text\" {\n"
    "  sql = \"select $1::text as v\"\n"
    "  param \"a\" {\n"
    "    default = [\"a\", \"b\"]\n"
    "  }\n"
    "}\n"
    "query \"positional\" {\n"
    "  sql = \"select array_to_string($1::text[], ',') || '/' || $2 as v\"\n"
    "}\n"
    "control \"types\" {\n"
    "  param \"types\" {\n"
    "    default = var.types\n"
    "  }\n"
    "  sql = \"select x as resource, case when x like any ($1) then 'alarm' else 'ok' end as status, x as "
    "reason from unnest(array['t2.micro', 'c5.xl']) x order by x\"\n"
    "}\n"
    "dashboard \"g\" {\n"
    "  with \"ids\" {\n"
    "    sql = \"select id from (values ('a'), ('b')) v(id)\"\n"
    "  }\n"
    "  with \"nums\" {\n"
    "    sql = \"select n from (values (1), (3)) v(n)\"\n"
    "  }\n"
    "  graph \"gr\" {\n"
    "    node \"n\" {\n"
    "      sql  = \"select id, id as title from (values ('a'), ('b'), ('c')) v(id) where id = any($1) order "
    "by id\"\n"
    "      args = [with.ids.rows[*].id]\n"
    "    }\n"
    "    node \"m\" {\n"
    "      sql  = \"select 'n' || n as id from (values (1), (2), (3)) v(n) where n = any($1) order by n\"\n"
    "      args = [with.nums.rows[*].n]\n"
    "    }\n"
    "    edge \"e\" {\n"
    "      sql  = \"select 'a' as from_id, id as to_id from (values ('a'), ('b'), ('c')) v(id) where id = "
    "any($1) order by id\"\n"
    "      args = [with.ids.rows[*].id]\n"
    "    }\n"
    "  }\n"
    "}\n";

/* The same graph and list param on SQLite; DuckDB's copy (lite_mod) reads the list with
 * list_contains instead of json_each. */
static const char LITE_MOD[] =
    "mod \"bind\" {}\n"
    "variable \"types\" {\n"
    "  type    = list(string)\n"
    "  default = [\"a\", \"c\"]\n"
    "}\n"
    "query \"members\" {\n"
    "  sql = \"select group_concat(x, ',') as v from (select 'a' as x union all select 'b' union all select "
    "'c') where x in (select value from json_each($1))\"\n"
    "  param \"types\" {\n"
    "    default = var.types\n"
    "  }\n"
    "}\n"
    "query \"as_text\" {\n"
    "  sql = \"select $1 as v\"\n"
    "  param \"a\" {\n"
    "    default = [\"a\", 1, null]\n"
    "  }\n"
    "}\n"
    "dashboard \"g\" {\n"
    "  with \"ids\" {\n"
    "    sql = \"select 'a' as id union all select 'b'\"\n"
    "  }\n"
    "  with \"nums\" {\n"
    "    sql = \"select 1 as n union all select 3\"\n"
    "  }\n"
    "  graph \"gr\" {\n"
    "    node \"n\" {\n"
    "      sql  = \"select id, id as title from (select 'a' as id union all select 'b' union all select 'c') "
    "where id in (select value from json_each($1)) order by id\"\n"
    "      args = [with.ids.rows[*].id]\n"
    "    }\n"
    "    node \"m\" {\n"
    "      sql  = \"select 'n' || n as id from (select 1 as n union all select 2 union all select 3) where n "
    "in (select value from json_each($1)) order by n\"\n"
    "      args = [with.nums.rows[*].n]\n"
    "    }\n"
    "    edge \"e\" {\n"
    "      sql  = \"select 'a' as from_id, id as to_id from (select 'a' as id union all select 'b' union all "
    "select 'c') where id in (select value from json_each($1)) order by id\"\n"
    "      args = [with.ids.rows[*].id]\n"
    "    }\n"
    "  }\n"
    "}\n";

static void setup(void)
{
    dir = wf_mod_dir(PG_MOD);
}

static void teardown(void)
{
    wf_remove(dir);
    dir = NULL;
    if (lite_dir) wf_remove(lite_dir);
    lite_dir = NULL;
}

TestSuite(cli_bind, .init = setup, .fini = teardown);

/* `query run Q --output csv --header=false` on PostgreSQL, with extra flags */
static cl_result pg(const char *q, const char *flags)
{
    return cl_run("--mod-location %s query run query.%s --database %s --output csv --header=false %s", dir, q,
                  ts_pg_url(), flags);
}

static void pg_is(const char *q, const char *flags, const char *want)
{
    cl_result r = pg(q, flags);
    cr_assert_eq(r.status, 0, "%s %s: %d\n%s%s", q, flags, r.status, r.out, r.err);
    cr_assert_str_eq(r.out, want, "%s %s", q, flags);
    cl_done(&r);
}

static void pg_fails(const char *q, const char *flags, const char *want)
{
    cl_result r = pg(q, flags);
    cr_assert_neq(r.status, 0, "%s %s must fail:\n%s", q, flags, r.out);
    HAS(r.err, want);
    cl_done(&r);
}

Test(cli_bind, pg_lists_bind_as_arrays)
{
    pg_is("any_text", "", "m5.large\n");                        /* default = var.types */
    pg_is("like_any", "", "\"m5.large,t2.micro\"\n");
    pg_is("texts", "", "\"a|b\"\"q\\|c,d|NULL|*|{x}|\"\n");    /* quotes, backslash, "NULL" vs null */
    pg_is("unnest", "", "\"a,b\"\n");
    pg_is("ints", "", "\"1,2,*,-3\"\n");                        /* 2.7 truncated, as pgx */
    pg_is("bools", "", "\"t,f\"\n");
    pg_is("jsonbs", "", "\"x [1, 2] 3\"\n");                      /* elements as JSON */
    pg_is("object", "", "2\n");                                 /* an object to jsonb: its JSON */
    pg_is("empty", "", "0\n");
}

Test(cli_bind, pg_what_pgx_cannot_encode)
{
    pg_fails("nested", "", "failed to encode args[0]: unable to encode [[1,2],[3,4]] into binary format for "
                           "_int4 (OID 1007): unable to encode [1,2]");
    pg_fails("num_text", "", "failed to encode args[0]: unable to encode [1,2] into binary format for _text "
                             "(OID 1009): unable to encode 1");
    /* a list to a text parameter: its JSON text (pgx cannot encode it; see docs/drivers.md) */
    pg_is("as_text", "", "\"[\"\"a\"\",\"\"b\"\"]\"\n");
}

Test(cli_bind, pg_var_and_arg_overrides)
{
    pg_is("any_text", "--var 'types=[\"c5.xl\"]'", "c5.xl\n");
    pg_is("any_text", "--arg '{c5.xl,m5.large}'", "\"c5.xl,m5.large\"\n");
    pg_is("any_text", "--arg 'types={c5.xl}'", "c5.xl\n");
    pg_fails("any_text", "--arg 'types=[\"c5.xl\"]'",
             "malformed array literal: \"[\"c5.xl\"]\" (SQLSTATE 22P02)");
    pg_is("positional", "--arg '{a,b}' --arg z", "\"a,b/z\"\n");
}

Test(cli_bind, pg_control_list_param)
{
    cl_result r =
        cl_run("--mod-location %s control run control.types --database %s --output csv", dir, ts_pg_url());
    HAS(r.out, "t2.micro,t2.micro,alarm");
    HAS(r.out, "c5.xl,c5.xl,ok");
    cl_done(&r);
    r = cl_run(
        "--mod-location %s control run control.types --database %s --output csv --var 'types=[\"c5%%\"]'",
        dir, ts_pg_url());
    HAS(r.out, "c5.xl,c5.xl,alarm");
    HAS(r.out, "t2.micro,t2.micro,ok");
    cl_done(&r);
}

static const jt *panel_rows(const jt *snap, const char *name)
{
    const jt *p = jt_get(jt_get(snap, "panels"), name);
    cr_assert(p, "no panel %s", name);
    cr_assert_str_eq(jt_get(p, "status")->s, "complete", "%s: %s", name, jt_dump(p));
    return jt_get(jt_get(p, "data"), "rows");
}

static void rows_are(const jt *rows, const char *want)
{
    char err[200];
    jt *w = jt_parse(want, strlen(want), err, sizeof err);
    cr_assert(w, "%s", err);
    char why[400];
    cr_assert(jt_equal(rows, w, why, sizeof why), "%s: %s", why, jt_dump(rows));
    jt_free(w);
}

static void graph_over(const char *database)
{
    cl_result r = cl_run("--mod-location %s dashboard run dashboard.g --database %s", dir, database);
    cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
    char err[200];
    jt *snap = jt_parse(r.out, strlen(r.out), err, sizeof err);
    cr_assert(snap, "%s: %s", err, r.out);
    rows_are(panel_rows(snap, "bind.node.n"),
             "[{\"id\":\"a\",\"title\":\"a\"},{\"id\":\"b\",\"title\":\"b\"}]");
    rows_are(panel_rows(snap, "bind.node.m"), "[{\"id\":\"n1\"},{\"id\":\"n3\"}]");
    rows_are(panel_rows(snap, "bind.edge.e"),
             "[{\"from_id\":\"a\",\"to_id\":\"a\"},{\"from_id\":\"a\",\"to_id\":\"b\"}]");
    jt_free(snap);
    cl_done(&r);
}

Test(cli_bind, pg_with_rows_feed_nodes_and_edges)
{
    graph_over(ts_pg_url());
}

/* The SQLite or DuckDB copy of the mod in a directory of its own, and its database's URL in url. */
static const char *lite(int duck, char *url, size_t size)
{
    if (lite_dir) wf_remove(lite_dir);
    lite_dir = wf_tmpdir();
    const char *mdir = lite_dir;
    char *text = strdup(LITE_MOD);
    cr_assert(text);
    if (duck) {   /* json_each($1) -> list_contains($1, ...), group_concat -> string_agg */
        size_t cap = strlen(text) * 2;
        char *out = malloc(cap);
        cr_assert(out);
        size_t o = 0;
        for (const char *p = text; *p;) {
            const char *m = strstr(p, " in (select value from json_each($1))");
            const char *g = strstr(p, "group_concat(x, ',')");
            if (m && (!g || m < g)) {
                const char *w = m;
                while (w > p && w[-1] != ' ') w--;   /* the column before " in" */
                memcpy(out + o, p, (size_t)(w - p));
                o += (size_t)(w - p);
                o += (size_t)sprintf(out + o, "list_contains($1, %.*s)", (int)(m - w), w);
                p = m + strlen(" in (select value from json_each($1))");
            } else if (g) {
                memcpy(out + o, p, (size_t)(g - p));
                o += (size_t)(g - p);
                o += (size_t)sprintf(out + o, "string_agg(x, ',' order by x)");
                p = g + strlen("group_concat(x, ',')");
            } else {
                size_t n = strlen(p);
                memcpy(out + o, p, n);
                o += n;
                p += n;
            }
        }
        out[o] = 0;
        free(text);
        text = out;
    }
    wf_write(mdir, "mod.pp", text);
    free(text);
    char db[4300];
    snprintf(db, sizeof db, "%s/data.%s", mdir, duck ? "duckdb" : "db");
    if (!duck) {
        rf_sqlite(db, "");   /* an empty file */
    } else {
        df_create(db);   /* the driver opens existing files only */
    }
    snprintf(url, size, "%s://%s", duck ? "duckdb" : "sqlite", db);
    return mdir;
}

static void lite_lists(int duck)
{
    char url[4400];
    const char *mdir = lite(duck, url, sizeof url);
    cl_result r = cl_run(
        "--mod-location %s query run query.members --database %s --output csv --header=false", mdir, url);
    if (duck && strstr(r.err, "DuckDB is not available")) cr_skip_test("%s", r.err);
    cr_assert_str_eq(r.out, "\"a,c\"\n", "%s", r.err);
    cl_done(&r);
    r = cl_run("--mod-location %s query run query.members --database %s --output csv --header=false "
               "--var 'types=[\"b\"]'", mdir, url);
    cr_assert_str_eq(r.out, "b\n", "%s", r.err);
    cl_done(&r);
    /* no array type to convert to: the list's JSON text (Powerpipe's database/sql drivers refuse a
     * []any here: "unsupported type []interface {}, a slice of interface"; see docs/drivers.md) */
    r = cl_run("--mod-location %s query run query.as_text --database %s --output csv --header=false", mdir,
               url);
    cr_assert_str_eq(r.out, "\"[\"\"a\"\",1,null]\"\n", "%s", r.err);
    cl_done(&r);
    char *keep = dir;
    dir = (char *)mdir;   /* graph_over runs the mod in dir */
    graph_over(url);
    dir = keep;
}

Test(cli_bind, sqlite_lists_bind_as_json_text)
{
    lite_lists(0);
}

Test(cli_bind, duckdb_lists_cast_to_list)
{
    lite_lists(1);
}

/* Numbers that are no JSON number, and a JSON string holding U+0000: `query run --output json` stays
 * valid JSON (each database's own text as a string; the JSON kept whole, not cut at the NUL). */
static void json_output(const char *url, const char *sql, const char *want_rows)
{
    cl_result r = cl_run("--mod-location %s query run \"%s\" --database %s --output json", dir, sql, url);
    if (strstr(r.err, "DuckDB is not available")) cr_skip_test("%s", r.err);
    cr_assert_eq(r.status, 0, "%s", r.err);
    char err[200];
    jt *doc = jt_parse(r.out, strlen(r.out), err, sizeof err);
    cr_assert(doc, "invalid JSON (%s):\n%s", err, r.out);
    rows_are(jt_get(doc, "rows"), want_rows);
    jt_free(doc);
    cl_done(&r);
}

Test(cli_bind, json_output_is_json)
{
    char url[4400];
    lite(0, url, sizeof url);
    json_output(url, "select 1e999 as a, -1e999 as b, 1.5 as c",
                "[{\"a\":\"Inf\",\"b\":\"-Inf\",\"c\":1.5}]");
    json_output(ts_pg_url(),
                "select 'NaN'::float8 as a, '-Infinity'::float8 as b, '\\\"x\\\\u0000y\\\"'::json as c",
                "[{\"a\":\"NaN\",\"b\":\"-Infinity\",\"c\":\"x\\u0000y\"}]");
    lite(1, url, sizeof url);
    json_output(url, "select 'inf'::double as a, '-inf'::double as b, 'nan'::double as c",
                "[{\"a\":\"inf\",\"b\":\"-inf\",\"c\":\"nan\"}]");
}
