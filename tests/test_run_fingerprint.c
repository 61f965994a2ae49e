/* test_run_fingerprint.c — a dashboard run's fingerprint (lp_run_fingerprint,
 * lp_run_tree_fingerprint: src/run/fingerprint.c), which the server compares to decide whether a
 * session may join a run of another version and whether an edit's run supersedes one.
 *
 * Each case edits one kind of property of a mod (a title, a panel's SQL, a query's SQL, an arg, a
 * param's default, a variable, a `with`, a node, an edge, a database, a search path; a comment and
 * white space; another dashboard) and runs the dashboard before and after on SQLite.  What the run
 * emits — its execution_started and its snapshot (every panel's properties, SQL and rows), times
 * aside — says whether the edit changes what runs or shows; the fingerprint must change exactly
 * then.  And a query file changed after the index leaves the fingerprint unknown (LP_ERR_STALE). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/runfix.h"
#include "support/wsfix.h"

static const char VARS_PP[] = "variable \"v\" {\n  default = \"first\"\n}\n"
                              "variable \"t\" {\n  default = \"T\"\n}\n";

static const char Q_PP[] = "query \"q\" {\n"
                           "  sql = \"select $1 as p, 'q1' as tag\"\n"
                           "  param \"p\" {\n"
                           "    default = \"dp\"\n"
                           "  }\n"
                           "}\n";

static const char D_PP[] = "dashboard \"d\" {\n"
                           "  title = \"D\"\n"
                           "  with \"w\" {\n"
                           "    sql = \"select 3 as lim\"\n"
                           "  }\n"
                           "  card \"c\" {\n"
                           "    title = var.t\n"
                           "    sql = \"select 1 as value\"\n"
                           "    width = 2\n"
                           "  }\n"
                           "  table \"t1\" {\n"
                           "    query = query.q\n"
                           "    args = { p = \"a1\" }\n"
                           "  }\n"
                           "  table \"t2\" {\n"
                           "    query = query.q\n"
                           "  }\n"
                           "  card \"v\" {\n"
                           "    sql = \"select $1 as value\"\n"
                           "    args = [var.v]\n"
                           "  }\n"
                           "  table \"tw\" {\n"
                           "    sql = \"select $1 as lim\"\n"
                           "    args = [with.w.rows[0].lim]\n"
                           "  }\n"
                           "  card \"db\" {\n"
                           "    sql = \"select x as value from t\"\n"
                           "    database = \"DB_ONE\"\n"
                           "  }\n"
                           "  card \"sp\" {\n"
                           "    sql = \"select 2 as value\"\n"
                           "    search_path = [\"a\"]\n"
                           "  }\n"
                           "  graph \"g\" {\n"
                           "    node \"n1\" {\n"
                           "      sql = \"select 'a' as id, 'A' as title\"\n"
                           "    }\n"
                           "    edge \"e1\" {\n"
                           "      sql = \"select 'a' as from_id, 'a' as to_id\"\n"
                           "    }\n"
                           "  }\n"
                           "}\n"
                           "dashboard \"other\" {\n"
                           "  title = \"Other\"\n"
                           "  card {\n"
                           "    sql = \"select 9\"\n"
                           "  }\n"
                           "}\n";

/* One edit: in file, the first `from` replaced by `to` (from NULL: `to` put before the text, or
 * after it with append). */
typedef struct edit {
    const char *what, *file, *from, *to;
    int append;
    int shows;                      /* what this test expects of the run's output (checked too) */
} edit;

static const edit EDITS[] = {
    { "the dashboard's title", "d.pp", "title = \"D\"", "title = \"D2\"", 0, 1 },
    { "a panel's SQL", "d.pp", "select 1 as value", "select 11 as value", 0, 1 },
    { "a query's SQL", "q.pp", "'q1' as tag", "'q2' as tag", 0, 1 },
    { "an arg", "d.pp", "p = \"a1\"", "p = \"a2\"", 0, 1 },
    { "a param's default", "q.pp", "default = \"dp\"", "default = \"dp2\"", 0, 1 },
    { "a variable an arg reads", "vars.pp", "\"first\"", "\"second\"", 0, 1 },
    { "a variable a title reads", "vars.pp", "\"T\"", "\"T2\"", 0, 1 },
    { "a with", "d.pp", "select 3 as lim", "select 4 as lim", 0, 1 },
    { "a node", "d.pp", "'A' as title", "'B' as title", 0, 1 },
    { "an edge", "d.pp", "'a' as to_id", "'b' as to_id", 0, 1 },
    { "a database", "d.pp", "DB_ONE", "DB_TWO", 0, 1 },
    { "a search path", "d.pp", "[\"a\"]", "[\"b\"]", 0, 1 },
    { "a comment and blank lines before the dashboard", "d.pp", NULL, "# notes\n\n// more\n\n", 0, 0 },
    { "a comment and white space after it", "d.pp", NULL, "\n\n/* end */\n  \n", 1, 0 },
    { "another dashboard's title", "d.pp", "title = \"Other\"", "title = \"Other 2\"", 0, 0 },
};

/* text with the first from replaced by to (or to before / after it); malloc'd */
static char *edited(const char *text, const edit *e)
{
    size_t n = strlen(text), tl = strlen(e->to);
    char *out = malloc(n + tl + 1);
    cr_assert(out);
    if (!e->from) {
        if (e->append) snprintf(out, n + tl + 1, "%s%s", text, e->to);
        else snprintf(out, n + tl + 1, "%s%s", e->to, text);
        return out;
    }
    const char *at = strstr(text, e->from);
    cr_assert(at, "%s: \"%s\" is not in %s", e->what, e->from, e->file);
    size_t pre = (size_t)(at - text);
    snprintf(out, n + tl + 1, "%.*s%s%s", (int)pre, text, e->to, at + strlen(e->from));
    return out;
}

/* every `"key":"..."` value of key in s blanked (the run's times) */
static void blank(char *s, const char *key)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":\"", key);
    for (char *p = strstr(s, pat); p; p = strstr(p, pat)) {
        p += strlen(pat);
        while (*p && *p != '"') *p++ = '_';
    }
}

typedef struct outcome {
    char *emitted;                  /* execution_started, then the snapshot: times blanked */
    uint64_t fingerprint;
} outcome;

/* The mod (with e applied, NULL: as it is) in a fresh directory, d run on SQLite: what it emitted and
 * its fingerprint, which must equal the one lp_run_tree_fingerprint gives without running. */
/* the two SQLite files the mod's `database`s name (in one directory for every run: the URLs are in
 * the mod's text) */
static char *db_dir, one[600], two[700];

static void make_databases(void)
{
    db_dir = wf_tmpdir();
    rf_sqlite_db(db_dir, "create table t(x); insert into t values (1);", one, sizeof one);
    char path[600];
    snprintf(path, sizeof path, "%s/t2.db", db_dir);
    rf_sqlite(path, "create table t(x); insert into t values (2);");
    snprintf(two, sizeof two, "sqlite://%s", path);
}

static outcome run_mod(const edit *e)
{
    char *dir = wf_tmpdir();
    const char *url = one;
    const char *files[][2] = { { "vars.pp", VARS_PP }, { "q.pp", Q_PP }, { "d.pp", D_PP } };
    wf_write(dir, "mod.pp", "mod \"t\" {}\n");
    for (size_t i = 0; i < 3; i++) {
        char *text = e && strcmp(e->file, files[i][0]) == 0 ? edited(files[i][1], e) : strdup(files[i][1]);
        lp_buf b = { 0 };   /* the databases' URLs in */
        for (const char *p = text; *p;) {
            const char *a = strstr(p, "DB_ONE"), *c = strstr(p, "DB_TWO");
            const char *m = a && (!c || a < c) ? a : c;
            if (!m) {
                lp_buf_puts(&b, p);
                break;
            }
            lp_buf_put(&b, p, (size_t)(m - p));
            lp_buf_puts(&b, m == a ? one : two);
            p = m + 6;
        }
        lp_buf_put(&b, "", 1);
        wf_write(dir, files[i][0], b.data);
        lp_buf_free(&b);
        free(text);
    }
    lp_workspace *ws = wf_open(dir, 1);
    outcome o = { 0 };
    uint64_t planned = 0;
    lp_error err = { 0 };
    cr_assert_eq(lp_run_tree_fingerprint(ws, LP_KIND_DASHBOARD, "t.dashboard.d", &planned, &err), LP_OK, "%s",
                 err.message);
    lp_run_opts ro = { .database = url };
    lp_run *run = rf_run(ws, LP_KIND_DASHBOARD, "t.dashboard.d", &ro);
    cr_assert_eq(lp_run_fingerprint(run, &o.fingerprint), LP_OK);
    cr_expect_eq(o.fingerprint, planned, "the run's fingerprint is not the one its tree was planned with");
    lp_buf out = { 0 };
    cr_assert_eq(lp_run_started_json(run, "x", "t", &out, &err), LP_OK, "%s", err.message);
    lp_buf_puts(&out, "\n");
    cr_assert_eq(lp_run_snapshot_json(run, &out), LP_OK);
    lp_buf_put(&out, "", 1);
    o.emitted = strdup(out.data);
    blank(o.emitted, "start_time");
    blank(o.emitted, "end_time");
    lp_buf_free(&out);
    lp_run_free(run);
    lp_close(ws);
    wf_remove(dir);
    return o;
}

Test(run_fingerprint, exactly_the_edits_that_change_what_runs_or_shows)
{
    make_databases();
    outcome base = run_mod(NULL), again = run_mod(NULL);
    cr_assert_str_eq(base.emitted, again.emitted, "two runs of one mod emit different bytes (times aside)");
    cr_assert_eq(base.fingerprint, again.fingerprint);
    for (size_t i = 0; i < sizeof EDITS / sizeof *EDITS; i++) {
        const edit *e = &EDITS[i];
        outcome o = run_mod(e);
        int shows = strcmp(o.emitted, base.emitted) != 0;
        cr_expect_eq(shows, e->shows, "%s: the run's output %s", e->what,
                     shows ? "changed" : "did not change");
        cr_expect_eq(o.fingerprint != base.fingerprint, shows, "%s: the fingerprint %s, the output %s",
                     e->what, o.fingerprint != base.fingerprint ? "changed" : "did not change",
                     shows ? "changed" : "did not change");
        free(o.emitted);
    }
    free(base.emitted);
    free(again.emitted);
    wf_remove(db_dir);
}

/* A query the dashboard's leaves name rewritten after the index: what that leaf runs is not known in
 * this version (LP_ERR_STALE), from the plan and from a run alike; the dashboard's own file rewritten:
 * its tree cannot be built (LP_ERR_STALE, as lp_run_start says). */
Test(run_fingerprint, a_file_changed_since_the_index_is_stale)
{
    char *dir = wf_tmpdir(), url[600];
    rf_sqlite_db(dir, "create table t(x); insert into t values (1);", url, sizeof url);
    wf_write(dir, "mod.pp", "mod \"t\" {}\n");
    wf_write(dir, "q.pp", Q_PP);
    wf_write(dir, "d.pp", "dashboard \"d\" {\n  table \"t1\" {\n    query = query.q\n  }\n}\n");
    lp_workspace *ws = wf_open(dir, 1);
    wf_write(dir, "q.pp", "query \"q\" {\n  sql = \"select 'changed and longer' as p\"\n}\n");
    uint64_t fp = 0;
    lp_error err = { 0 };
    cr_expect_eq(lp_run_tree_fingerprint(ws, LP_KIND_DASHBOARD, "t.dashboard.d", &fp, &err), LP_ERR_STALE,
                 "%s", err.message);
    lp_run_opts ro = { .database = url };
    lp_run *run = rf_run(ws, LP_KIND_DASHBOARD, "t.dashboard.d", &ro);
    cr_expect_eq(lp_run_fingerprint(run, &fp), LP_ERR_STALE);
    lp_run_free(run);
    wf_write(dir, "d.pp", "dashboard \"d\" {\n  title = \"rewritten\"\n}\n");
    cr_expect_eq(lp_run_tree_fingerprint(ws, LP_KIND_DASHBOARD, "t.dashboard.d", &fp, &err), LP_ERR_STALE,
                 "%s", err.message);
    lp_close(ws);
    wf_remove(dir);
}

/* Only dashboard and detection runs have one. */
Test(run_fingerprint, other_runs_have_none)
{
    char *dir = wf_tmpdir(), url[600];
    rf_sqlite_db(dir, NULL, url, sizeof url);
    wf_write(dir, "mod.pp", "mod \"t\" {}\n");
    wf_write(dir, "q.pp", Q_PP);
    lp_workspace *ws = wf_open(dir, 1);
    uint64_t fp = 0;
    lp_error err = { 0 };
    cr_expect_eq(lp_run_tree_fingerprint(ws, LP_KIND_QUERY, "t.query.q", &fp, &err), LP_ERR_ARG);
    cr_expect_eq(lp_run_tree_fingerprint(ws, LP_KIND_DASHBOARD, "t.dashboard.none", &fp, &err),
                 LP_ERR_NOT_FOUND);
    lp_run_opts ro = { .database = url };
    lp_run *run = rf_run(ws, LP_KIND_QUERY, "t.query.q", &ro);
    cr_expect_eq(lp_run_fingerprint(run, &fp), LP_ERR_ARG);
    lp_run_free(run);
    lp_close(ws);
    wf_remove(dir);
}
