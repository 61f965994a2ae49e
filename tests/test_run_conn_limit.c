/* test_run_conn_limit.c — a database's connection limit is back-pressure, not control errors
 * (issue 33 §3).  On the tests' PostgreSQL (LP_PG_URL) a role may hold 2 connections
 * (CONNECTION LIMIT 2, PostgreSQL's own refusal: "too many connections for role", 53300); the
 * sanitized CLI (LP_CLI) runs a benchmark of 12 controls as that role with --max-parallel 8, so 6
 * of its 8 connections are refused at first: every control must still run (ok), none fail for
 * the limit. */
#include <criterion/criterion.h>
#include <postgresql/libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/clirun.h"
#include "support/wsfix.h"

#define ROLE "lp_conn_limited"

static PGconn *admin(void)
{
    const char *url = getenv("LP_PG_URL");
    cr_assert(url, "LP_PG_URL is not set (make test starts the tests' PostgreSQL)");
    PGconn *pg = PQconnectdb(url);
    cr_assert_eq(PQstatus(pg), CONNECTION_OK, "%s", PQerrorMessage(pg));
    return pg;
}

static void exec_ok(PGconn *pg, const char *sql)
{
    PGresult *r = PQexec(pg, sql);
    cr_assert(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK, "%s: %s", sql,
              PQerrorMessage(pg));
    PQclear(r);
}

Test(conn_limit, a_benchmark_runs_whole_within_the_databases_connection_limit, .timeout = 180)
{
    PGconn *pg = admin();
    exec_ok(pg, "do $$ begin if not exists (select from pg_roles where rolname = '" ROLE "') then "
                "create role " ROLE " login; end if; end $$");
    exec_ok(pg, "alter role " ROLE " connection limit 2");
    exec_ok(pg, "grant connect on database steampipe to " ROLE);

    char *dir = wf_tmpdir();
    wf_write(dir, "mod.pp", "mod \"limited\" {\n  title = \"Limited\"\n}\n");
    char text[8192];
    size_t len = (size_t)snprintf(text, sizeof text, "benchmark \"b\" {\n  children = [");
    for (int i = 0; i < 12; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%scontrol.c%d", i ? ", " : "", i);
    len += (size_t)snprintf(text + len, sizeof text - len, "]\n}\n");
    for (int i = 0; i < 12; i++)
        len += (size_t)snprintf(text + len, sizeof text - len,
                                "control \"c%d\" {\n  sql = \"select 'r%d' as resource, 'ok' as status, "
                                "'ran' as reason from pg_sleep(0.3)\"\n}\n",
                                i, i);
    cr_assert(len < sizeof text);
    wf_write(dir, "controls.pp", text);

    /* the role's address: the tests' server, its database, this role */
    const char *url = getenv("LP_PG_URL");
    const char *at = strchr(url, '@');
    cr_assert(at, "LP_PG_URL has no user: %s", url);
    char limited[512];
    snprintf(limited, sizeof limited, "postgres://" ROLE "%s", at);

    cl_result r = cl_run("--mod-location %s benchmark run b --output csv --progress=false --max-parallel 8 "
                         "--database %s",
                         dir, limited);
    cr_assert_eq(r.status, 0, "exit %d (controls in error?)\n%s\n%s", r.status, r.out, r.err);
    int ok = 0;
    for (const char *p = r.out; (p = strstr(p, ",ok,")) != NULL; p++) ok++;
    cr_assert_eq(ok, 12, "12 controls ok, got %d:\n%s", ok, r.out);
    cr_assert_null(strstr(r.out, "too many connections"), "%s", r.out);
    cl_done(&r);

    exec_ok(pg, "drop owned by " ROLE);
    PQfinish(pg);
    wf_remove(dir);
}
