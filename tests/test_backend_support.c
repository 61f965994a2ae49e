/* test_backend_support.c — what a dashboard lets the page offer (lp_run_backend_support), against
 * Powerpipe's determineBackendSupport (internal/dashboardserver/backend_support.go): a resource of the
 * tree whose own `database` is a Tailpipe connection offers the time range, a Steampipe or PostgreSQL
 * one (or a postgres:// string) the search path; the flags of every such resource are merged; only
 * when no resource of the tree sets a database does the server's default database decide (a
 * resource setting SQLite hides a Tailpipe default).  Nothing is connected to. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "lazypipe.h"
#include "support/wsfix.h"

#define TR LP_SUPPORTS_TIME_RANGE
#define SP LP_SUPPORTS_SEARCH_PATH

static const char mod_pp[] =
    "mod \"m\" {}\n"
    "dashboard \"plain\" {\n  card \"c\" { sql = \"select 1\" }\n}\n"
    "dashboard \"nested\" {\n  container {\n    card \"t\" {\n      sql = \"select 1\"\n"
    "      database = connection.tailpipe.default\n    }\n  }\n}\n"
    "dashboard \"own\" {\n  database = connection.tailpipe.default\n  card \"c\" { sql = \"select 1\" }\n}\n"
    "dashboard \"sqlite\" {\n  card \"c\" {\n    sql = \"select 1\"\n"
    "    database = connection.sqlite.default\n  }\n}\n"
    "dashboard \"both\" {\n  card \"s\" {\n    sql = \"select 1\"\n    database = "
    "connection.steampipe.default\n"
    "  }\n  card \"t\" {\n    sql = \"select 1\"\n    database = connection.tailpipe.default\n  }\n}\n"
    "dashboard \"pg\" {\n  card \"c\" {\n    sql = \"select 1\"\n    database = \"postgres://u@h/d\"\n  "
    "}\n}\n"
    "dashboard \"tpurl\" {\n  card \"c\" {\n    sql = \"select 1\"\n    database = \"tailpipe:///nowhere\"\n"
    "  }\n}\n"
    "control \"tc\" {\n  sql = \"select 'ok' as status, 'r' as resource, 'x' as reason\"\n"
    "  database = connection.tailpipe.default\n}\n"
    "benchmark \"b\" {\n  children = [control.tc]\n}\n"
    "detection \"det\" {\n  sql = \"select 1\"\n  database = connection.tailpipe.default\n}\n"
    "detection \"plain\" {\n  sql = \"select 1\"\n}\n"
    "benchmark \"db\" {\n  type = \"detection\"\n  children = [detection.plain, detection.det]\n}\n";

static unsigned support(lp_workspace *ws, const char *target, const char *database)
{
    lp_run_opts o = { .database = database, .config_path = "/nonexistent" };
    unsigned f = 99;
    lp_error err = { 0 };
    cr_assert_eq(lp_run_backend_support(ws, target, &o, &f, &err), LP_OK, "%s: %s", target ? target : "-",
                 err.message);
    return f;
}

Test(backend_support, determine_backend_support_as_powerpipe)
{
    char *dir = wf_mod_dir(mod_pp);
    lp_workspace *ws = wf_open(dir, 0);
    static const struct {
        const char *target, *database;
        unsigned want;
    } cases[] = {
        /* no resource sets a database: the default decides (steampipe's default: the search path) */
        { "m.dashboard.plain", NULL, SP },
        { "m.dashboard.plain", "connection.tailpipe.default", TR },
        { "m.dashboard.plain", "sqlite:///tmp/x.db", 0 },
        { NULL, "connection.tailpipe.default", TR },
        { NULL, NULL, SP },
        /* a resource of the tree sets one, however deep: the default is not asked */
        { "m.dashboard.nested", "sqlite:///tmp/x.db", TR },
        { "m.dashboard.own", NULL, TR },
        { "m.dashboard.sqlite", "connection.tailpipe.default", 0 },
        { "m.dashboard.both", "sqlite:///tmp/x.db", TR | SP },
        { "m.dashboard.pg", "connection.tailpipe.default", SP },
        { "m.dashboard.tpurl", NULL, TR },
        { "m.benchmark.b", NULL, TR },
        { "m.benchmark.db", "sqlite:///tmp/x.db", TR },
        { "m.detection.plain", "connection.tailpipe.default", TR },
        { "m.detection.plain", "sqlite:///tmp/x.db", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        cr_expect_eq(support(ws, cases[i].target, cases[i].database), cases[i].want, "%s on %s",
                     cases[i].target ? cases[i].target : "(the default)",
                     cases[i].database ? cases[i].database : "(none)");
    lp_error err = { 0 };
    unsigned f;
    cr_expect_eq(lp_run_backend_support(ws, "m.dashboard.none", NULL, &f, &err), LP_ERR_NOT_FOUND);
    wf_done(&ws, &dir);
}

/* A Tailpipe mod's own default, as aws_cloudtrail_log_detections sets it: the mod's database a
 * variable of type connection defaulting to connection.tailpipe.default. */
Test(backend_support, a_mods_database_variable_is_the_default)
{
    char *dir = wf_mod_dir("variable \"database\" {\n  type = connection\n"
                           "  default = connection.tailpipe.default\n}\n"
                           "mod \"m\" {\n  database = var.database\n}\n"
                           "dashboard \"d\" {\n  card \"c\" { sql = \"select 1\" }\n}\n");
    lp_workspace *ws = wf_open(dir, 0);
    cr_expect_eq(support(ws, "m.dashboard.d", NULL), TR);
    cr_expect_eq(support(ws, NULL, NULL), TR);
    /* --database wins over the mod's */
    cr_expect_eq(support(ws, "m.dashboard.d", "connection.steampipe.default"), SP);
    wf_done(&ws, &dir);
}
