/* test_conn.c — connections and the database a run uses (src/run/conn.c): .ppc files parsed
 * (Powerpipe's types, attributes, defaults, connection strings), their errors naming
 * file:line:col, the config path (precedence, ".", "~", relative, missing directories), and
 * Powerpipe's database precedence over real SQLite files: a resource's `database`, its query's,
 * its parent benchmark's, a dependency mod's (through its parent's require args), --database, the
 * main mod's (directly, through a variable, --var), unknown connections. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lazypipe_test.h"
#include "support/clirun.h"
#include "support/wsfix.h"
#include "support/runfix.h"
#include "support/shared.h"

/* ------------------------------------------------------------ parsing */

static lp_config *parse_ok(const char *text)
{
    lp_config *c = lp_config_new();
    cr_assert(c);
    lp_error err;
    int rc = lp_config_parse(c, "/cfg/a.ppc", text, strlen(text), &err);
    cr_assert_eq(rc, LP_OK, "%s", err.message);
    return c;
}

static void parse_bad(const char *text, const char *want)
{
    lp_config *c = lp_config_new();
    lp_error err;
    int rc = lp_config_parse(c, "/cfg/a.ppc", text, strlen(text), &err);
    cr_expect_eq(rc, LP_ERR_SYNTAX, "%s: rc %d", text, rc);
    cr_expect(strstr(err.message, want), "got \"%s\", want \"%s\"", err.message, want);
    cr_expect(strncmp(err.message, "Failed to load Powerpipe config: ", 33) == 0, "%s", err.message);
    lp_config_free(c);
}

Test(ppc, types_and_connection_strings)
{
    lp_config *c = parse_ok("connection \"sqlite\" \"albums\" {\n"
                            "  file_name = \"/data/chinook.db\"\n"
                            "}\n"
                            "connection \"steampipe\" \"sp\" {\n"
                            "  host = \"db.example\"\n"
                            "  port = 5433\n"
                            "  password = \"p@ss:w/rd\"\n"
                            "  search_path = [\"aws\", \"gcp\"]\n"
                            "  search_path_prefix = [\"foo\"]\n"
                            "  ttl = 60\n"
                            "}\n"
                            "connection \"steampipe\" \"plain\" {}\n"
                            "connection \"postgres\" \"pg\" {\n"
                            "  sslmode = \"require\"\n"
                            "}\n"
                            "connection \"postgres\" \"cs\" { connection_string = \"postgres://u@h/d\" }\n"
                            "connection \"duckdb\" \"emp\" { file_name = \"e.duckdb\" }\n"
                            "connection \"mysql\" \"my\" { username = \"me\" }\n"
                            "workspace \"default\" {}\n");
    cr_assert_eq(lp_config_connection_count(c), 7);
    const lp_connection *k = lp_config_find(c, "connection.sqlite.albums");
    cr_assert(k);
    cr_expect_str_eq(k->url, "sqlite:///data/chinook.db");
    cr_expect_str_eq(k->file, "/cfg/a.ppc");
    cr_expect_eq(k->line, 1);
    cr_expect_eq(k->col, 1);
    cr_expect_eq(lp_config_find(c, "sqlite.albums"), k);
    k = lp_config_find(c, "connection.steampipe.sp");
    cr_assert(k);
    cr_expect_str_eq(k->url, "postgresql://steampipe:p%40ss%3Aw%2Frd@db.example:5433/steampipe");
    cr_expect_str_eq(k->search_path, "aws,gcp");
    cr_expect_str_eq(k->search_path_prefix, "foo");
    cr_expect_eq(k->line, 4);
    cr_expect_str_eq(lp_config_find(c, "steampipe.plain")->url,
                     "postgresql://steampipe@localhost:9193/steampipe");
    cr_expect_null(lp_config_find(c, "steampipe.plain")->search_path);
    cr_expect_str_eq(lp_config_find(c, "postgres.pg")->url,
                     "postgresql://postgres@localhost:5432/postgres?sslmode=require");
    cr_expect_str_eq(lp_config_find(c, "postgres.cs")->url, "postgres://u@h/d");
    cr_expect_str_eq(lp_config_find(c, "duckdb.emp")->url, "duckdb://e.duckdb");
    cr_expect_str_eq(lp_config_find(c, "mysql.my")->url, "mysql://me@tcp(localhost:3306)/mysql");
    cr_expect_null(lp_config_find(c, "connection.sqlite.nope"));
    cr_expect_null(lp_config_find(c, "connection.sqlite"));
    cr_expect_null(lp_config_find(c, "connection.sqlite.albums.x"));
    lp_config_free(c);
}

Test(ppc, a_later_definition_replaces)
{
    lp_config *c = parse_ok("connection \"sqlite\" \"x\" { file_name = \"one.db\" }\n"
                            "connection \"sqlite\" \"x\" { file_name = \"two.db\" }\n");
    cr_expect_eq(lp_config_connection_count(c), 1);
    cr_expect_str_eq(lp_config_find(c, "sqlite.x")->url, "sqlite://two.db");
    lp_config_free(c);
}

/* Every part of a postgres connection built from attributes is escaped: libpq decodes each part of
 * the URI into one keyword's value, so a host (or user, password, db) cannot add options, another
 * host or another database (issue 33 §4: the host was spliced in raw). */
Test(ppc, every_part_of_a_postgres_url_is_escaped)
{
    lp_config *c = parse_ok("connection \"postgres\" \"sp\" { host = \"x dbname=other\" }\n"
                            "connection \"postgres\" \"q\" {\n"
                            "  host = \"h:1/db?options=-cx%3Dy&application_name=\"\n"
                            "  username = \"u?sslmode=disable\"\n"
                            "  db = \"d?options=-cx\"\n"
                            "}\n"
                            "connection \"steampipe\" \"sock\" { host = \"/run/postgresql\" }\n"
                            "connection \"steampipe\" \"v6\" { host = \"::1\" }\n");
    cr_expect_str_eq(lp_config_find(c, "postgres.sp")->url,
                     "postgresql://postgres@x%20dbname%3Dother:5432/postgres");
    cr_expect_str_eq(lp_config_find(c, "postgres.q")->url,
                     "postgresql://u%3Fsslmode=disable@h%3A1%2Fdb%3Foptions%3D-cx%253Dy%26application_name%3D"
                     ":5432/d%3Foptions=-cx");
    /* a socket directory and an IPv6 address stay one host each (libpq decodes %2F and %3A) */
    cr_expect_str_eq(lp_config_find(c, "steampipe.sock")->url,
                     "postgresql://steampipe@%2Frun%2Fpostgresql:9193/steampipe");
    cr_expect_str_eq(lp_config_find(c, "steampipe.v6")->url, "postgresql://steampipe@%3A%3A1:9193/steampipe");
    lp_config_free(c);
}

/* 20,000 connection blocks in one file load in linear time and memory (issue 33 §4: each was
 * looked for among all before it, and each attribute took a fresh 11 KB evaluator that lived until
 * the end of the file — 100k blocks took over 120 s and 1 GB).  The bound is on memory, the peak
 * RSS of a child that parses them, less that of one that parses one block: about 3 KB a block now
 * (the HCL tree of the file), 28 KB before. */
static long parse_blocks_rss_kib(int nblocks)
{
    fflush(NULL);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        size_t cap = (size_t)nblocks * 96 + 1;
        char *text = malloc(cap);
        size_t len = 0;
        for (int i = 0; text && i < nblocks; i++)
            len += (size_t)snprintf(text + len, cap - len,
                                    "connection \"postgres\" \"c%d\" {\n  host = \"h%d\"\n  port = 5432\n}\n",
                                    i, i);
        lp_config *c = lp_config_new();
        lp_error err;
        int ok = text && c && lp_config_parse(c, "/cfg/big.ppc", text, len, &err) == LP_OK &&
                 lp_config_connection_count(c) == (uint32_t)nblocks &&
                 lp_config_find(c, "postgres.c0") == lp_config_connection_at(c, 0);
        char last[32];
        snprintf(last, sizeof last, "postgres.c%d", nblocks - 1);
        ok = ok && lp_config_find(c, last) == lp_config_connection_at(c, (uint32_t)nblocks - 1);
        lp_config_free(c);
        free(text);
        _exit(ok ? 0 : 1);
    }
    int st;
    struct rusage ru;
    cr_assert_eq(wait4(pid, &st, 0, &ru), pid);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "parsing %d blocks failed", nblocks);
    return ru.ru_maxrss;
}

Test(ppc, twenty_thousand_blocks_in_linear_memory)
{
    long floor_kib = parse_blocks_rss_kib(1), kib = parse_blocks_rss_kib(20000);
    cr_log_info("20,000 blocks: peak RSS %ld KiB over %ld KiB", kib - floor_kib, floor_kib);
    /* 20,000 × 8 KB: under ASan the tree is bigger than 3 KB a block; 28 KB before */
    cr_expect_leq(kib - floor_kib, 20000L * 8, "peak RSS %ld KiB over the floor's %ld", kib - floor_kib,
                  floor_kib);
}

Test(ppc, functions_and_comments)
{
    setenv("LP_TEST_CONN_DIR", "/srv", 1);
    lp_config *c =
        parse_ok("# a comment\n// another\n"
                 "connection \"sqlite\" \"e\" { file_name = \"${env(\"LP_TEST_CONN_DIR\")}/x.db\" }\n"
                 "connection \"postgres\" \"n\" {\n  port = 1000 + 2\n  host = null\n}\n");
    cr_expect_str_eq(lp_config_find(c, "sqlite.e")->url, "sqlite:///srv/x.db");
    cr_expect_str_eq(lp_config_find(c, "postgres.n")->url, "postgresql://postgres@localhost:1002/postgres");
    lp_config_free(c);
}

Test(ppc, errors_name_file_line_col)
{
    parse_bad("connection \"invalid\" \"test\" {\n  invalid_argument = \"x\"\n}\n",
              "/cfg/a.ppc:1:1: error creating connection: Invalid connection type invalid");
    parse_bad("connection \"sqlite\" \"x\" {\n  file_name = \"a\"\n  port = 1\n}\n",
              "/cfg/a.ppc:3:3: Unsupported argument: An argument named \"port\" is not expected here.");
    parse_bad("connection \"postgres\" \"x\" {\n  port = \"abc\"\n}\n",
              "/cfg/a.ppc:2:10: Incorrect attribute value type: Inappropriate value for attribute \"port\"");
    parse_bad("connection \"postgres\" \"x\" {\n  search_path = \"abc\"\n}\n",
              "/cfg/a.ppc:2:17: Incorrect attribute value type");
    parse_bad("connection \"postgres\" \"x\" {\n  sslmode = \"sometimes\"\n}\n",
              "/cfg/a.ppc:1:1: sslmode must be one of disable");
    parse_bad("connection \"postgres\" {\n}\n", "/cfg/a.ppc:1:1: Missing name for connection");
    parse_bad("connection \"postgres\" \"a\" \"b\" {\n}\n",
              "/cfg/a.ppc:1:27: Extraneous label for connection");
    parse_bad("connection \"sqlite\" \"x\" {\n  file_name = \n}\n", "/cfg/a.ppc:2:");
    parse_bad("connection \"sqlite\" \"x\" {\n  nested {}\n}\n", "/cfg/a.ppc:2:3: Unsupported block type");
    parse_bad("options \"x\" {}\n", "/cfg/a.ppc:1:1: Unsupported block type");
    parse_bad("x = 1\n", "/cfg/a.ppc:1:1: Unsupported argument");
    parse_bad("connection \"sqlite\" \"x\" { file_name = var.x }\n", "/cfg/a.ppc:1:");
    parse_bad("connection \"sqlite\" \"x\" {\n  pipes {}\n  file_name = \"a\"\n}\n",
              "if pipes block is defined, no other auth properties should be set");
}

/* ------------------------------------------------------------ the config path */

static char *tmp;

static void path_setup(void)
{
    tmp = wf_tmpdir();
    unsetenv("POWERPIPE_CONFIG_PATH");
    unsetenv("POWERPIPE_INSTALL_DIR");
}

static void path_teardown(void) { wf_remove(tmp); }

TestSuite(config_path, .init = path_setup, .fini = path_teardown);

static lp_config *load_ok(const char *path, const char *mod_dir)
{
    lp_config *c;
    lp_error err;
    int rc = lp_config_load(path, mod_dir, &c, &err);
    cr_assert_eq(rc, LP_OK, "%s", err.message);
    return c;
}

static const char *url_of(const lp_config *c, const char *ref)
{
    const lp_connection *k = lp_config_find(c, ref);
    cr_assert(k, "no %s", ref);
    return k->url;
}

Test(config_path, defaults_and_precedence)
{
    char a[600], b[600], path[1300];
    snprintf(a, sizeof a, "%s/a", tmp);
    snprintf(b, sizeof b, "%s/b", tmp);
    wf_write(tmp, "a/x.ppc", "connection \"sqlite\" \"x\" { file_name = \"a.db\" }\n");
    wf_write(tmp, "b/x.ppc", "connection \"sqlite\" \"x\" { file_name = \"b.db\" }\n"
                         "connection \"sqlite\" \"only_b\" { file_name = \"ob.db\" }\n"
                         "connection \"steampipe\" \"default\" { port = 9999 }\n");
    wf_write(tmp, "b/ignored.pp", "this is not read\n");
    snprintf(path, sizeof path, "%s:%s:%s/missing", a, b, tmp);
    lp_config *c = load_ok(path, NULL);
    cr_expect_str_eq(url_of(c, "sqlite.x"), "sqlite://a.db");   /* the first directory wins */
    cr_expect_str_eq(url_of(c, "sqlite.only_b"), "sqlite://ob.db");
    cr_expect_str_eq(url_of(c, "steampipe.default"), "postgresql://steampipe@localhost:9999/steampipe");
    cr_expect_str_eq(url_of(c, "postgres.default"), "postgresql://postgres@localhost:5432/postgres");
    cr_expect(lp_config_find(c, "duckdb.default") && lp_config_find(c, "mysql.default"));
    lp_config_free(c);
}

Test(config_path, builtin_defaults)
{
    setenv("TAILPIPE_INSTALL_DIR", "/opt/tail pipe?", 1);
    unsetenv("TAILPIPE_WORKSPACE");
    lp_config *c = load_ok(tmp, NULL);
    cr_expect_eq(lp_config_connection_count(c), 6);
    cr_expect_str_eq(url_of(c, "connection.steampipe.default"),
                     "postgres://steampipe@127.0.0.1:9193/steampipe");
    cr_expect_str_eq(lp_config_find(c, "steampipe.default")->file, "");
    /* Tailpipe's data directory, $TAILPIPE_INSTALL_DIR/data/<workspace>, percent-encoded */
    cr_expect_str_eq(url_of(c, "connection.tailpipe.default"), "tailpipe:///opt/tail%20pipe%3F/data/default");
    lp_config_free(c);
    setenv("TAILPIPE_WORKSPACE", "w/../x", 1);
    wf_write(tmp, "tp.ppc", "connection \"tailpipe\" \"f\" {\n  from = \"T-7d\"\n  to = \"2024-01-01\"\n"
                            "  indexes = [\"a,b\", \"c&d\"]\n  partitions = [\"t.p\"]\n}\n");
    c = load_ok(tmp, NULL);
    /* a workspace's name is one directory: its slashes are not the path's */
    cr_expect_str_eq(url_of(c, "connection.tailpipe.f"),
                     "tailpipe:///opt/tail%20pipe%3F/data/w%252F..%252Fx?from=T-7d&"
                     "to=2024-01-01&index=a%2Cb&index=c%26d&partition=t.p");
    lp_config_free(c);
    /* a Tailpipe workspace profile's `local` directory (its config's *.tpc files) */
    char inst[700], want[800];
    snprintf(inst, sizeof inst, "%s/tpinst", tmp);
    snprintf(want, sizeof want, "mkdir -p '%s/config'", inst);
    cr_assert_eq(system(want), 0);
    wf_write(inst, "config/a.tpc", "workspace \"work\" {\n  local = \"/srv/tp\"\n}\n"
                                   "workspace \"other\" {\n  local = \"/srv/other\"\n}\n");
    wf_write(inst, "config/b.tpc", "workspace \"work\" {\n  local = \"~/tp data\"\n}\n");
    wf_write(inst, "config/c.tpc", "this does not parse {\n");
    char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    setenv("TAILPIPE_INSTALL_DIR", inst, 1);
    setenv("TAILPIPE_WORKSPACE", "work", 1);
    setenv("HOME", "/home/me", 1);
    c = load_ok(tmp, NULL);
    cr_expect_str_eq(url_of(c, "connection.tailpipe.default"), "tailpipe:///home/me/tp%20data");
    lp_config_free(c);
    setenv("TAILPIPE_WORKSPACE", "none", 1);
    c = load_ok(tmp, NULL);
    snprintf(want, sizeof want, "tailpipe://%s/data/none", inst);
    cr_expect_str_eq(url_of(c, "connection.tailpipe.default"), want);
    lp_config_free(c);
    if (old_home) setenv("HOME", old_home, 1);
    free(old_home);
    unsetenv("TAILPIPE_WORKSPACE");
    unsetenv("TAILPIPE_INSTALL_DIR");
}

Test(config_path, environment_dot_tilde_relative)
{
    char mod[600], inst[600], home[600];
    snprintf(mod, sizeof mod, "%s/mod", tmp);
    snprintf(inst, sizeof inst, "%s/inst", tmp);
    snprintf(home, sizeof home, "%s/home", tmp);
    wf_write(tmp, "mod/m.ppc", "connection \"sqlite\" \"m\" { file_name = \"m.db\" }\n");
    wf_write(tmp, "inst/config/i.ppc", "connection \"sqlite\" \"i\" { file_name = \"i.db\" }\n"
                                   "connection \"sqlite\" \"m\" { file_name = \"lower.db\" }\n");
    wf_write(tmp, "home/cfg/h.ppc", "connection \"sqlite\" \"h\" { file_name = \"h.db\" }\n");
    /* the default: ".:$POWERPIPE_INSTALL_DIR/config", "." being the mod's directory */
    setenv("POWERPIPE_INSTALL_DIR", inst, 1);
    lp_config *c = load_ok(NULL, mod);
    cr_expect_str_eq(url_of(c, "sqlite.m"), "sqlite://m.db");
    cr_expect_str_eq(url_of(c, "sqlite.i"), "sqlite://i.db");
    lp_config_free(c);
    /* POWERPIPE_CONFIG_PATH with "~" and a relative path */
    char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    char cwd[1024];
    cr_assert(getcwd(cwd, sizeof cwd));
    setenv("HOME", home, 1);
    cr_assert_eq(chdir(tmp), 0);
    setenv("POWERPIPE_CONFIG_PATH", "~/cfg:inst/config", 1);
    c = load_ok(NULL, mod);
    cr_expect_str_eq(url_of(c, "sqlite.h"), "sqlite://h.db");
    cr_expect_str_eq(url_of(c, "sqlite.i"), "sqlite://i.db");
    cr_expect_null(lp_config_find(c, "sqlite.m") ? NULL : NULL);
    lp_config_free(c);
    /* the explicit path wins over the environment */
    c = load_ok("~/cfg", mod);
    cr_expect_null(lp_config_find(c, "sqlite.i"));
    lp_config_free(c);
    cr_assert_eq(chdir(cwd), 0);
    if (old_home) setenv("HOME", old_home, 1);
    free(old_home);
    unsetenv("POWERPIPE_CONFIG_PATH");
}

Test(config_path, a_bad_file_fails_the_load)
{
    wf_write(tmp, "a.ppc", "connection \"sqlite\" \"ok\" { file_name = \"a.db\" }\n");
    wf_write(tmp, "b.ppc", "\nconnection \"invalid\" \"test\" {\n}\n");
    lp_config *c = NULL;
    lp_error err;
    cr_assert_eq(lp_config_load(tmp, NULL, &c, &err), LP_ERR_SYNTAX);
    cr_expect_null(c);
    char want[800];
    snprintf(want, sizeof want, "Failed to load Powerpipe config: %s/b.ppc:2:1: error creating connection",
             tmp);
    cr_expect(strstr(err.message, want), "%s", err.message);
}

/* ------------------------------------------------------------ a run's database */

static char *dir, *cfgdir;
static char dbs[3][700];

static void sqlite_db(int i)
{
    snprintf(dbs[i], sizeof dbs[i], "%s/%c.db", cfgdir, 'a' + i);
    char sql[80];
    snprintf(sql, sizeof sql, "create table t(v text); insert into t values ('%c');", 'a' + i);
    rf_sqlite(dbs[i], sql);
}

static void run_setup(void)
{
    lp_driver_register(lp_driver_sqlite());
    dir = wf_tmpdir();
    cfgdir = wf_tmpdir();
    for (int i = 0; i < 3; i++) sqlite_db(i);
    char ppc[3000];
    snprintf(ppc, sizeof ppc,
             "connection \"sqlite\" \"a\" { file_name = \"%s\" }\n"
             "connection \"sqlite\" \"b\" { file_name = \"%s\" }\n"
             "connection \"sqlite\" \"c\" { file_name = \"%s\" }\n",
             dbs[0], dbs[1], dbs[2]);
    wf_write(cfgdir, "conns.ppc", ppc);
}

static void run_teardown(void)
{
    wf_remove(dir);
    wf_remove(cfgdir);
}

TestSuite(precedence, .init = run_setup, .fini = run_teardown, .timeout = 60);

static lp_workspace *open_ws(const char *const *vars, size_t nvars)
{
    lp_workspace_opts o = { .vars = vars, .nvars = nvars, .no_background = 1, .workers = 1 };
    lp_workspace *ws = NULL;
    lp_error err;
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "%s", err.message);
    return ws;
}

/* The value the leaf of `target` read, or its error. */
static void expect_db(lp_workspace *ws, lp_kind kind, const char *target, const char *database,
                      const char *want)
{
    lp_run_opts o = { .database = database, .config_path = cfgdir };
    lp_run *run = NULL;
    lp_error err = { 0 };
    int rc = lp_run_start(ws, kind, &target, 1, &o, &run, &err);
    cr_assert_eq(rc, LP_OK, "%s: %s", target, err.message);
    cr_assert_eq(lp_run_wait(run, 30000), LP_OK);
    const lp_run_node *n = lp_node_child(lp_run_root(run), 0);
    while (lp_node_child_count(n)) n = lp_node_child(n, 0);
    if (lp_node_get_state(n) == LP_NODE_ERROR) {
        cr_expect(strstr(lp_node_error(n), want), "%s: error %s, want %s", target, lp_node_error(n), want);
    } else {
        cr_assert_eq(lp_node_row_count(n), 1, "%s", target);
        int col = lp_node_column_index(n, "v");
        cr_assert(col >= 0);
        cr_expect_str_eq(lp_node_row(n, 0)[col].text, want, "%s", target);
    }
    lp_run_free(run);
}

/* every statement: a control's columns, and v, which names the database */
#define SEL "select 'ok' as status, 'r' as resource, v as reason, v from t"

static const char PP[] =
    "query \"plain\" { sql = \"" SEL "\" }\n"
    "query \"on_b\" {\n"
    "  sql = \"" SEL "\"\n"
    "  database = connection.sqlite.b\n"
    "}\n"
    "query \"unknown\" {\n"
    "  sql = \"" SEL "\"\n"
    "  database = connection.sqlite.nope\n"
    "}\n"
    "control \"uses_on_b\" { query = query.on_b }\n"
    "control \"own\" { sql = \"" SEL "\" }\n"
    "benchmark \"on_c\" {\n"
    "  database = connection.sqlite.c\n"
    "  children = [control.own]\n"
    "}\n";

Test(precedence, resource_query_parent_flag_mod)
{
    wf_write(dir, "mod.pp", "mod \"m\" {\n  database = connection.sqlite.a\n}\n");
    wf_write(dir, "q.pp", PP);
    lp_workspace *ws = open_ws(NULL, 0);
    expect_db(ws, LP_KIND_QUERY, "plain", NULL, "a");              /* the mod's */
    expect_db(ws, LP_KIND_QUERY, "plain", "connection.sqlite.c", "c");   /* --database beats it */
    expect_db(ws, LP_KIND_QUERY, "on_b", "connection.sqlite.c", "b");    /* the resource beats both */
    expect_db(ws, LP_KIND_CONTROL, "uses_on_b", NULL, "b");        /* its query's */
    expect_db(ws, LP_KIND_BENCHMARK, "on_c", NULL, "c");           /* its parent's */
    expect_db(ws, LP_KIND_CONTROL, "own", NULL, "a");
    char url[800];
    snprintf(url, sizeof url, "sqlite://%s", dbs[1]);
    expect_db(ws, LP_KIND_QUERY, "plain", url, "b");               /* a connection string */
    expect_db(ws, LP_KIND_QUERY, "unknown", NULL, "connection 'connection.sqlite.nope' not found");
    /* an unknown --database fails the start */
    lp_run_opts o = { .database = "connection.sqlite.nope", .config_path = cfgdir };
    const char *t = "plain";
    lp_run *run = NULL;
    lp_error err = { 0 };
    cr_expect_neq(lp_run_start(ws, LP_KIND_QUERY, &t, 1, &o, &run, &err), LP_OK);
    cr_expect(strstr(err.message, "connection 'connection.sqlite.nope' not found"), "%s", err.message);
    if (run) lp_run_free(run);
    lp_close(ws);
}

Test(precedence, mod_database_through_a_variable)
{
    wf_write(dir, "mod.pp",
             "variable \"database\" {\n  type = connection\n  default = connection.sqlite.a\n}\n"
             "mod \"m\" {\n  database = var.database\n}\n");
    wf_write(dir, "q.pp", PP);
    lp_workspace *ws = open_ws(NULL, 0);
    expect_db(ws, LP_KIND_QUERY, "plain", NULL, "a");
    lp_buf b = { 0 };
    cr_expect_eq(lp_mod_database(ws, 0, &b, NULL), LP_OK);
    lp_buf_putc(&b, 0);
    cr_expect_str_eq(b.data, "connection.sqlite.a");
    lp_buf_free(&b);
    lp_close(ws);
    const char *vars[] = { "database=connection.sqlite.b" };
    ws = open_ws(vars, 1);
    expect_db(ws, LP_KIND_QUERY, "plain", NULL, "b");
    lp_close(ws);
    wf_write(dir, "powerpipe.ppvars", "database = connection.sqlite.c\n");
    ws = open_ws(NULL, 0);
    expect_db(ws, LP_KIND_QUERY, "plain", NULL, "c");
    lp_close(ws);
}

Test(precedence, no_database_anywhere_is_steampipe_default)
{
    wf_write(dir, "mod.pp", "mod \"m\" {}\n");
    wf_write(dir, "q.pp", PP);
    lp_workspace *ws = open_ws(NULL, 0);
    lp_buf b = { 0 };
    cr_expect_eq(lp_mod_database(ws, 0, &b, NULL), LP_ERR_NOT_FOUND);
    lp_buf_free(&b);
    /* steampipe.default redefined in the config path to a SQLite file: the run reads it */
    char ppc[1600];
    snprintf(ppc, sizeof ppc,
             "connection \"steampipe\" \"default\" { connection_string = \"sqlite://%s\" }\n", dbs[2]);
    wf_write(cfgdir, "default.ppc", ppc);
    expect_db(ws, LP_KIND_QUERY, "plain", NULL, "c");
    lp_close(ws);
}

Test(precedence, dependency_mod_database_from_require_args)
{
    wf_write(dir, "mod.pp", "mod \"local\" {\n"
                            "  require {\n"
                            "    mod \"github.com/x/dep\" {\n"
                            "      version = \"*\"\n"
                            "      args = { database = connection.sqlite.c }\n"
                            "    }\n"
                            "  }\n"
                            "}\n");
    wf_write(dir, "q.pp", "query \"plain\" { sql = \"" SEL "\" }\n");
    wf_write(dir, ".powerpipe/mods/github.com/x/dep@v1.0.0/mod.pp",
             "variable \"database\" {\n  type = connection\n  default = connection.sqlite.a\n}\n"
             "mod \"dep\" {\n  database = var.database\n}\n");
    wf_write(dir, ".powerpipe/mods/github.com/x/dep@v1.0.0/q.pp", "query \"dq\" { sql = \"" SEL "\" }\n");
    lp_workspace *ws = open_ws(NULL, 0);
    expect_db(ws, LP_KIND_QUERY, "dep.query.dq", NULL, "c");
    /* a dependency mod's database beats --database (GetDatabaseConfigForResource) */
    expect_db(ws, LP_KIND_QUERY, "dep.query.dq", "connection.sqlite.b", "c");
    /* the main mod names none: the database every dependency agrees on */
    expect_db(ws, LP_KIND_QUERY, "plain", NULL, "c");
    lp_close(ws);
}

Test(precedence, a_bad_config_file_fails_the_start)
{
    wf_write(dir, "mod.pp", "mod \"m\" {}\n");
    wf_write(dir, "q.pp", PP);
    wf_write(cfgdir, "zz.ppc", "connection \"sqlite\" \"x\" {\n  bogus = 1\n}\n");
    lp_workspace *ws = open_ws(NULL, 0);
    lp_run_opts o = { .database = "connection.sqlite.a", .config_path = cfgdir };
    const char *t = "plain";
    lp_run *run = NULL;
    lp_error err = { 0 };
    cr_expect_eq(lp_run_start(ws, LP_KIND_QUERY, &t, 1, &o, &run, &err), LP_ERR_SYNTAX);
    cr_expect(strstr(err.message, "zz.ppc:2:3: Unsupported argument"), "%s", err.message);
    if (run) lp_run_free(run);
    lp_close(ws);
}

/* ------------------------------------------------------------ out of memory */

static uint64_t live_bytes(void)
{
    lp_alloc_stats s;
    lp_alloc_stats_get(&s);
    return s.live;
}

Test(config_path, every_allocation_of_a_load_may_fail)
{
    wf_write(tmp, "a/x.ppc",
             "connection \"steampipe\" \"sp\" {\n  search_path_prefix = [\"a\", \"b\"]\n"
             "  password = \"p w\"\n}\nconnection \"sqlite\" \"s\" { file_name = \"${upper(\"x\")}.db\" }\n");
    wf_write(tmp, "a/y.ppc", "connection \"postgres\" \"pg\" {\n  port = 1\n  sslmode = \"disable\"\n}\n");
    char path[700];
    snprintf(path, sizeof path, "%s/a:%s/none", tmp, tmp);
    lp_alloc_stats a0, a1;
    lp_alloc_stats_get(&a0);
    lp_config *c = load_ok(path, NULL);
    lp_config_free(c);
    lp_alloc_stats_get(&a1);
    uint64_t calls = a1.calls - a0.calls, base = live_bytes();
    cr_assert_gt(calls, 5);
    for (uint64_t n = 0; n < calls; n++) {
        lp_alloc_fail_nth(n);
        lp_error err;
        c = NULL;
        int rc = lp_config_load(path, NULL, &c, &err);
        lp_alloc_fail_nth(UINT64_MAX);
        if (rc == LP_OK) {
            cr_assert(lp_config_find(c, "steampipe.sp"));
            lp_config_free(c);
        } else {
            cr_assert_eq(rc, LP_ERR_NOMEM, "allocation %llu: %d (%s)", (unsigned long long)n, rc,
                         err.message);
            cr_assert_null(c);
        }
        cr_assert_eq(live_bytes(), base, "allocation %llu: bytes left allocated", (unsigned long long)n);
    }
}

/* ------------------------------------------------------------ search paths (PostgreSQL) */

/* A mod whose database is connection.steampipe.sp (the tests' PostgreSQL, search_path_prefix foo),
 * with queries conn (the connection's path) and own (its own prefix bar), then `more`. */
static void search_path_mod(const char *more)
{
    lp_driver_register(lp_driver_postgres());
    char ppc[1200], q[2000];
    snprintf(ppc, sizeof ppc,
             "connection \"steampipe\" \"sp\" {\n  connection_string = \"%s\"\n  search_path_prefix = "
             "[\"foo\"]\n}\n",
             ts_pg_url());
    wf_write(cfgdir, "pg.ppc", ppc);
    wf_write(dir, "mod.pp", "mod \"m\" {\n  database = connection.steampipe.sp\n}\n");
    snprintf(q, sizeof q, "%s%s",
             "query \"conn\" { sql = \"select current_setting('search_path') as v\" }\n"
             "query \"own\" {\n  sql = \"select current_setting('search_path') as v\"\n"
             "  search_path_prefix = [\"bar\"]\n}\n",
             more);
    wf_write(dir, "q.pp", q);
}

/* The search_path PostgreSQL reports in a run of query `name` with o (malloc'd); the test is skipped
 * when PostgreSQL does not answer. */
static char *search_path_of(lp_workspace *ws, const char *name, lp_run_opts *o)
{
    lp_run *run = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_run_start(ws, LP_KIND_QUERY, &name, 1, o, &run, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_run_wait(run, 30000), LP_OK);
    const lp_run_node *n = lp_node_child(lp_run_root(run), 0);
    if (lp_node_get_state(n) == LP_NODE_ERROR && strstr(lp_node_error(n), "connect")) {
        char why[600];
        snprintf(why, sizeof why, "%s", lp_node_error(n));
        lp_run_free(run);
        lp_close(ws);
        cr_skip_test("no PostgreSQL at %s: %s", ts_pg_url(), why);
    }
    cr_assert_eq(lp_node_get_state(n), LP_NODE_COMPLETE, "%s: %s", name, lp_node_error(n));
    char *v = strdup(lp_node_row(n, 0)[0].text);
    lp_run_free(run);
    return v;
}

Test(precedence, search_paths_of_the_connection_and_the_resource)
{
    search_path_mod("query \"both\" {\n  sql = \"select current_setting('search_path') as v\"\n"
                    "  search_path = [\"public\"]\n  search_path_prefix = [\"baz\", \"qux\"]\n}\n");
    lp_workspace *ws = open_ws(NULL, 0);
    const char *names[] = { "conn", "own", "both" };
    const char *want[] = { "foo, ", "bar, ", "baz, qux, public" };
    for (int i = 0; i < 3; i++) {
        lp_run_opts o = { .config_path = cfgdir };
        char *v = search_path_of(ws, names[i], &o);
        cr_expect(strncmp(v, want[i], strlen(want[i])) == 0, "%s: search_path %s, want %s...", names[i], v,
                  want[i]);
        free(v);
    }
    lp_close(ws);
}

/* A hostile .ppc host against the tests' real PostgreSQL: "127.0.0.1:PORT/steampipe?application_name="
 * spliced into the URL as it was made the run connect to 127.0.0.1:PORT (and set an option) whatever
 * the block's port and db said; escaped, it is one host name that does not resolve.  The same block
 * with a plain host connects, so the failure is the host's. */
Test(precedence, a_hostile_host_sets_no_option_and_reaches_no_server)
{
    const char *pg = ts_pg_url();
    const char *colon = strrchr(pg, ':');
    int port = colon ? atoi(colon + 1) : 0;
    cr_assert(port > 0, "LP_PG_URL %s names no port", pg);
    lp_driver_register(lp_driver_postgres());
    char ppc[1200];
    snprintf(ppc, sizeof ppc,
             "connection \"postgres\" \"plain\" {\n  host = \"127.0.0.1\"\n  port = %d\n"
             "  db = \"steampipe\"\n  username = \"steampipe\"\n}\n"
             "connection \"postgres\" \"hostile\" {\n"
             "  host = \"127.0.0.1:%d/steampipe?application_name=\"\n  port = 1\n"
             "  db = \"nope\"\n  username = \"steampipe\"\n}\n",
             port, port);
    wf_write(cfgdir, "pg.ppc", ppc);
    wf_write(dir, "q.pp", "query \"app\" { sql = \"select current_setting('application_name') as v\" }\n");
    lp_workspace *ws = open_ws(NULL, 0);
    const char *name = "app";
    const char *conns[] = { "connection.postgres.plain", "connection.postgres.hostile" };
    for (int i = 0; i < 2; i++) {
        lp_run_opts o = { .config_path = cfgdir, .database = conns[i] };
        lp_run *run = NULL;
        lp_error err = { 0 };
        cr_assert_eq(lp_run_start(ws, LP_KIND_QUERY, &name, 1, &o, &run, &err), LP_OK, "%s", err.message);
        cr_assert_eq(lp_run_wait(run, 30000), LP_OK);
        const lp_run_node *n = lp_node_child(lp_run_root(run), 0);
        if (i == 0) {
            cr_assert_eq(lp_node_get_state(n), LP_NODE_COMPLETE, "plain host: %s", lp_node_error(n));
            cr_expect_str_eq(lp_node_row(n, 0)[0].text, "lazypipe");
        } else {
            cr_expect_eq(lp_node_get_state(n), LP_NODE_ERROR,
                         "the hostile host connected: application_name %s",
                         lp_node_row_count(n) ? lp_node_row(n, 0)[0].text : "?");
            cr_expect(strstr(lp_node_error(n) ? lp_node_error(n) : "", "127.0.0.1:"), "error: %s",
                      lp_node_error(n));
        }
        lp_run_free(run);
    }
    lp_close(ws);
}

/* --search-path / --search-path-prefix (lp_run_opts): every connection's instead of its own, a
 * resource's own still first (GetDefaultDatabaseConfig, then GetDatabaseConfigForResource); the
 * values read back from PostgreSQL's current_setting. */
Test(precedence, search_paths_of_the_run_options)
{
    search_path_mod("");
    lp_workspace *ws = open_ws(NULL, 0);
    const char *names[] = { "conn", "own" };
    const char *want[] = { "zz, public", "bar, public" };
    for (int i = 0; i < 2; i++) {
        lp_run_opts o = { .config_path = cfgdir, .search_path = "public", .search_path_prefix = "zz" };
        char *v = search_path_of(ws, names[i], &o);
        cr_expect_str_eq(v, want[i], "%s: search_path %s, want %s", names[i], v, want[i]);
        free(v);
    }
    lp_close(ws);
}

/* A Tailpipe connection anywhere on the config path breaks nothing else; a run that uses it where
 * Tailpipe has no data fails naming the data directory it looked in. */
Test(precedence, tailpipe_connection_is_named_where_used_only)
{
    wf_write(cfgdir, "tp.ppc", "connection \"tailpipe\" \"logs\" {\n  from = \"2024-01-01\"\n"
                               "  partitions = [\"aws_cloudtrail_log.*\"]\n}\n");
    wf_write(dir, "mod.pp", "mod \"m\" {}\nquery \"q\" { sql = \"select 1 as v\" }\n");
    char db[4200];
    snprintf(db, sizeof db, "sqlite://%s/x.db", dir);
    wf_write(dir, "x.db", "");
    lp_workspace *ws = open_ws(NULL, 0);
    const char *name = "q";
    lp_run_opts o = { .config_path = cfgdir, .database = db };
    lp_run *run = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_run_start(ws, LP_KIND_QUERY, &name, 1, &o, &run, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_run_wait(run, 30000), LP_OK);
    cr_expect_eq(lp_node_get_state(lp_node_child(lp_run_root(run), 0)), LP_NODE_COMPLETE);
    lp_run_free(run);
    char inst[4200], want[4300];
    snprintf(inst, sizeof inst, "%s/no-tailpipe", dir);
    snprintf(want, sizeof want, "no Tailpipe data: the data directory %s/data/default does not exist", inst);
    setenv("TAILPIPE_INSTALL_DIR", inst, 1);
    lp_driver_register(lp_driver_duckdb());
    o.database = "connection.tailpipe.logs";
    run = NULL;
    int rc = lp_run_start(ws, LP_KIND_QUERY, &name, 1, &o, &run, &err);
    const char *why = rc != LP_OK ? err.message : NULL;
    if (rc == LP_OK) {
        lp_run_wait(run, 30000);
        why = lp_node_error(lp_node_child(lp_run_root(run), 0));
    }
    unsetenv("TAILPIPE_INSTALL_DIR");
    cr_assert(why && strstr(why, want), "%s", why ? why : "(no error)");
    if (run) lp_run_free(run);
    lp_close(ws);
}

/* ------------------------------------------------------------ workspace profiles */

Test(ppc, workspace_profiles)
{
    lp_config *c = parse_ok("workspace \"default\" {\n  max_parallel = 4\n  watch = false\n"
                            "  search_path = \"a, b\"\n}\n"
                            "workspace \"dev\" {\n  base = workspace.default\n  max_parallel = 9\n"
                            "  update_check = false\n  input = \"true\"\n}\n"
                            "connection \"sqlite\" \"x\" {\n  file_name = \"x.db\"\n}\n");
    cr_assert_eq(lp_config_profile_count(c), 2);
    const lp_workspace_profile *d = lp_config_profile_find(c, "default"),
                               *v = lp_config_profile_find(c, "dev");
    cr_assert(d && v);
    cr_expect_str_eq(lp_profile_get(d, "max_parallel"), "4");
    cr_expect_str_eq(lp_profile_get(d, "watch"), "false");
    cr_expect_str_eq(lp_profile_get(d, "search_path"), "a, b");
    cr_expect_null(lp_profile_get(d, "port"));
    cr_expect_str_eq(lp_profile_get(v, "max_parallel"), "9");
    cr_expect_str_eq(lp_profile_get(v, "watch"), "false", "inherited from its base");
    cr_expect_str_eq(lp_profile_get(v, "update_check"), "false");
    cr_expect_str_eq(lp_profile_get(v, "input"), "true");
    cr_expect_eq(v->line, 6);
    cr_expect_null(lp_config_profile_find(c, "nope"));
    /* a later definition replaces the earlier */
    lp_error err;
    const char *again = "workspace \"dev\" {\n  port = 1\n}\n";
    cr_assert_eq(lp_config_parse(c, "/cfg/b.ppc", again, strlen(again), &err), LP_OK, "%s", err.message);
    cr_expect_eq(lp_config_profile_count(c), 2);
    cr_expect_null(lp_profile_get(lp_config_profile_find(c, "dev"), "max_parallel"));
    cr_expect_str_eq(lp_profile_get(lp_config_profile_find(c, "dev"), "port"), "1");
    lp_config_free(c);
    parse_bad("workspace \"w\" {\n  max_parallel = \"many\"\n}\n",
              "/cfg/a.ppc:2:18: Incorrect attribute value type: Inappropriate value for attribute "
              "\"max_parallel\": number required.");
    parse_bad("workspace \"w\" {\n  watch = 3\n}\n", "/cfg/a.ppc:2:11: Incorrect attribute value type");
    parse_bad("workspace \"w\" {\n  colour = 1\n}\n", "/cfg/a.ppc:2:3: Unsupported argument");
    parse_bad("workspace \"w\" {\n  base = workspace.later\n}\n", "/cfg/a.ppc:2:10: Invalid base");
    parse_bad("workspace {\n}\n", "Missing name for workspace");
    parse_bad("workspace \"w\" {\n  options \"x\" {\n  }\n}\n", "Unsupported block type");
}

/* ------------------------------------------------------------ the CLI */

Test(precedence, cli_mod_list_and_a_bad_config)
{
    wf_write(dir, "mod.pp",
             "mod \"local\" {\n  require {\n    mod \"github.com/x/dep\" {\n      version = \"*\"\n"
             "    }\n    mod \"github.com/x/alpha\" {\n      version = \"*\"\n    }\n  }\n}\n");
    wf_write(dir, ".powerpipe/mods/github.com/x/dep@v1.0.0/mod.pp", "mod \"dep\" {}\n");
    wf_write(dir, ".powerpipe/mods/github.com/x/alpha@v0.2.1/mod.pp", "mod \"alpha\" {}\n");
    cl_expect_out(0, "\nlocal\n├── github.com/x/alpha@v0.2.1\n└── github.com/x/dep@v1.0.0\n\n",
                  "--mod-location '%s' --config-path '%s' mod list", dir, cfgdir);
    /* a bad .ppc fails every command that opens the workspace, the way Powerpipe says it */
    wf_write(cfgdir, "bad.ppc", "connection \"nosuch\" \"x\" {}\n");
    cl_result r = cl_run("--mod-location '%s' --config-path '%s' mod list", dir, cfgdir);
    cr_expect_eq(r.status, 1);
    cr_expect_str_eq(r.out, "");
    cr_expect(strstr(r.err, "Failed to load Powerpipe config: ") &&
                  strstr(r.err, "bad.ppc:1:1: error creating "
                                "connection: Invalid connection "
                                "type nosuch"),
              "%s", r.err);
    cl_done(&r);
    setenv("POWERPIPE_CONFIG_PATH", cfgdir, 1);
    r = cl_run("--mod-location '%s' query list", dir);
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "Failed to load Powerpipe config"), "%s", r.err);
    cl_done(&r);
    unsetenv("POWERPIPE_CONFIG_PATH");
}

/* How many times `lazypipe ARGS` opened cfgdir's conns.ppc, as the kernel saw it (inotify: an open
 * and a close each time, so that no two events in a row are the same and none is merged). */
static int ppc_opens(const char *args)
{
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    cr_assert(fd >= 0);
    cr_assert(inotify_add_watch(fd, cfgdir, IN_OPEN | IN_CLOSE_NOWRITE) >= 0);
    cl_result r = cl_run("--mod-location '%s' --config-path '%s' %s", dir, cfgdir, args);
    cr_assert_eq(r.status, 0, "%s: %s", args, r.err);
    cr_assert(strstr(r.out, "b"), "%s: %s", args, r.out);   /* it ran on connection.sqlite.b */
    cl_done(&r);
    int opens = 0;
    _Alignas(struct inotify_event) char buf[8192];
    ssize_t got;
    while ((got = read(fd, buf, sizeof buf)) > 0)
        for (char *q = buf; q < buf + got;) {
            const struct inotify_event *ev = (const struct inotify_event *)(void *)q;
            opens += (ev->mask & IN_OPEN) && ev->len && strcmp(ev->name, "conns.ppc") == 0;
            q += sizeof *ev + ev->len;
        }
    close(fd);
    return opens;
}

/* The profiles, the workspace's check of the config path and the run read the same files: one load
 * for them all (a file of 100,000 blocks takes a second or more to load; it was loaded three times). */
Test(precedence, a_command_reads_each_ppc_file_once)
{
    wf_write(dir, "mod.pp", "mod \"local\" {}\n");
    wf_write(dir, "q.pp", PP);
    static const char *const commands[] = {
        "query run 'select v from t' --database connection.sqlite.b --output csv",
        "query run query.on_b --output csv",
        "control run control.uses_on_b --output csv",
    };
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        int opens = ppc_opens(commands[i]);
        cr_expect_eq(opens, 1, "%s: conns.ppc opened %d times", commands[i], opens);
    }
}

/* A host's own loaded config is the run's: config_path is not read. */
Test(precedence, the_run_options_config_replaces_the_config_path)
{
    wf_write(dir, "mod.pp", "mod \"local\" {}\n");
    wf_write(dir, "q.pp", PP);
    char ppc[800];
    snprintf(ppc, sizeof ppc, "connection \"sqlite\" \"b\" { file_name = \"%s\" }\n", dbs[2]);
    lp_config *given = lp_config_new();
    lp_error err;
    cr_assert_eq(lp_config_parse(given, "/host/given.ppc", ppc, strlen(ppc), &err), LP_OK, "%s", err.message);
    lp_workspace *ws = open_ws(NULL, 0);
    const char *target = "query.on_b";
    lp_run_opts o = { .config_path = cfgdir, .config = given };   /* cfgdir's b is dbs[1] */
    lp_run *run = NULL;
    cr_assert_eq(lp_run_start(ws, LP_KIND_QUERY, &target, 1, &o, &run, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_run_wait(run, 30000), LP_OK);
    const lp_run_node *n = lp_node_child(lp_run_root(run), 0);
    while (lp_node_child_count(n)) n = lp_node_child(n, 0);
    cr_assert_eq(lp_node_row_count(n), 1, "%s", lp_node_error(n) ? lp_node_error(n) : "");
    cr_expect_str_eq(lp_node_row(n, 0)[lp_node_column_index(n, "v")].text, "c");
    lp_run_free(run);
    lp_close(ws);
    lp_config_free(given);   /* after the run: the caller keeps it until then */
}

Test(precedence, a_require_blocks_own_database)
{
    wf_write(dir, "mod.pp", "mod \"local\" {\n"
                            "  require {\n"
                            "    mod \"github.com/x/plain\" {\n"
                            "      version  = \"*\"\n"
                            "      database = connection.sqlite.b\n"
                            "    }\n"
                            "    mod \"github.com/x/own\" {\n"
                            "      version  = \"*\"\n"
                            "      database = connection.sqlite.b\n"
                            "    }\n"
                            "  }\n"
                            "}\n");
    wf_write(dir, ".powerpipe/mods/github.com/x/plain@v1.0.0/mod.pp", "mod \"plain\" {}\n");
    wf_write(dir, ".powerpipe/mods/github.com/x/plain@v1.0.0/q.pp", "query \"pq\" { sql = \"" SEL "\" }\n");
    wf_write(dir, ".powerpipe/mods/github.com/x/own@v1.0.0/mod.pp",
             "mod \"own\" {\n  database = connection.sqlite.c\n}\n");
    wf_write(dir, ".powerpipe/mods/github.com/x/own@v1.0.0/q.pp", "query \"oq\" { sql = \"" SEL "\" }\n");
    lp_workspace *ws = open_ws(NULL, 0);
    lp_buf b = { 0 };
    cr_assert_eq(lp_require_database(ws, 0, &b, NULL), LP_OK);
    lp_buf_putc(&b, 0);
    cr_expect_str_eq(b.data, "connection.sqlite.b");
    lp_buf_free(&b);
    expect_db(ws, LP_KIND_QUERY, "plain.query.pq", "connection.sqlite.a", "b");   /* the requirement's */
    expect_db(ws, LP_KIND_QUERY, "own.query.oq", NULL, "c");                       /* the mod's own wins */
    lp_close(ws);
}
