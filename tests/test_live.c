/* test_live.c — live workspaces: refresh, versions, change sets, the watcher
 * (lp_live_*, lp_refresh, lp_watch_* in lazypipe.h; issue 15).
 *
 * The reference for every refresh is a fresh open of the same tree: after
 * each kind of change the refreshed version must read exactly as lp_open of
 * the directory does (tests/support/wsdump.c: every entry field, tag, child,
 * parent, file, diagnostic of both phases, the payload and lists, variables,
 * inputs).  The change sets are checked against what the test changed.
 * (No .timeout on these tests: with two timed tests in one run Criterion's
 * runner leaks 48 bytes of its own, which LeakSanitizer reports.)
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lazypipe_test.h"
#include "live/live.h"
#include "support/jsontree.h"
#include "support/paths.h"
#include "support/waitcount.h"
#include "support/wsdump.h"
#include "support/wsfix.h"

static const char mod_pp[] = "mod \"m\" {\n  title = \"M\"\n}\n"
                             "variable \"region\" {\n  type = string\n  default = \"eu\"\n}\n"
                             "locals {\n  common = { service = \"aws\" }\n}\n";

static char *make_workspace(void)
{
    char *dir = wf_mod_dir(mod_pp);
    wf_write(dir, "a.pp",
             "benchmark \"b\" {\n  title = \"Bench ${var.region}\"\n  children = [control.a, control.c]\n}\n"
             "control \"a\" {\n  title = \"AAAA\"\n  tags = merge(local.common, { k = \"1\" })\n"
             "  sql = \"select 1\"\n}\n");
    wf_write(dir, "sub/c.pp",
             "control \"c\" {\n  title = \"C\"\n  tags = local.common\n  sql = \"select 2\"\n}\n");
    wf_write(dir, "vars.ppvars", "region = \"us\"\n");
    return dir;
}

static char var_file[4200];

static lp_workspace_opts opts_for(const char *dir)
{
    snprintf(var_file, sizeof var_file, "%s/vars.ppvars", dir);
    static const char *files[1];
    files[0] = var_file;
    lp_workspace_opts o = { .workers = 1, .var_files = files, .nvar_files = 1 };
    return o;
}

/* dir opened live with o; asserts it opened. */
static lp_live *live_open(const char *dir, const lp_workspace_opts *o)
{
    lp_live *lv = NULL;
    lp_error err;
    cr_assert_eq(lp_live_open(dir, o, &lv, &err), LP_OK, "%s: %s", dir, err.message);
    return lv;
}

/* The live version against a fresh lp_open of dir with options o, field for
 * field (wsdump.h; resolved: with resolution's values and diagnostics). */
static void assert_current_is_open(lp_live *lv, const char *dir, const lp_workspace_opts *o, int resolved,
                                   const char *what)
{
    char msg[2048];
    cr_assert(!wsd_live_vs_open(lv, dir, o, resolved, msg, sizeof msg), "%s: refreshed != fresh open: %s",
              what, msg);
}

/* The same with the options of make_workspace's mod (its variable file). */
static void assert_current_is_fresh(lp_live *lv, const char *dir, const char *what)
{
    lp_workspace_opts o = opts_for(dir);
    assert_current_is_open(lv, dir, &o, 1, what);
}

static int has(const char *const *v, uint32_t n, const char *name)
{
    for (uint32_t i = 0; i < n; i++)
        if (strcmp(v[i], name) == 0) return 1;
    return 0;
}

/* Refresh after a change: something must have changed; the version is a
 * fresh open's. */
static void refresh_changed(lp_live *lv, const char *dir, const char *what, lp_changes *c)
{
    cr_assert_eq(lp_refresh(lv, c), LP_OK, "%s", what);
    cr_assert(c->changed, "%s: no change found", what);
    assert_current_is_fresh(lv, dir, what);
}

static void put(const char *dir, const char *rel, const char *text) { wf_write(dir, rel, text); }

static const char *path_in(const char *dir, const char *rel)
{
    static char p[4][4200];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, rel);
    return p[k];
}

/* Each step of a table: a file written ({ path, text }) or removed
 * ({ "-path", NULL }), then a refresh that finds a change and a version
 * that is a fresh open's with options o. */
static void walk_steps(lp_live *lv, const char *dir, const lp_workspace_opts *o,
                       const char *const (*steps)[2], size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char what[64];
        snprintf(what, sizeof what, "step %zu (%s)", i, steps[i][0]);
        if (steps[i][0][0] == '-') cr_assert_eq(unlink(path_in(dir, steps[i][0] + 1)), 0);
        else wf_write(dir, steps[i][0], steps[i][1]);
        lp_changes c;
        cr_assert_eq(lp_refresh(lv, &c), LP_OK, "%s", what);
        cr_assert(c.changed, "%s: no change found", what);
        lp_changes_free(&c);
        assert_current_is_open(lv, dir, o, 1, what);
    }
}

Test(live, every_kind_of_change_equals_a_fresh_open)
{
    char *dir = make_workspace();
    lp_workspace_opts o = opts_for(dir);
    lp_live *lv = live_open(dir, &o);
    cr_assert_eq(lp_live_version(lv), 1);
    lp_changes c;

    /* nothing changed; then a touch with the same bytes */
    cr_assert_eq(lp_refresh(lv, &c), LP_OK);
    cr_assert(!c.changed && c.version == 1 && !c.reason);
    lp_changes_free(&c);
    struct timespec ts[2] = { { 1000000, 0 }, { 1000000, 0 } };
    cr_assert_eq(utimensat(AT_FDCWD, path_in(dir, "a.pp"), ts, 0), 0);
    cr_assert_eq(lp_refresh(lv, &c), LP_OK);
    cr_assert(!c.changed, "a touch published a version (%s)", c.reason ? c.reason : "");
    lp_changes_free(&c);

    /* a title edit: that control only, and the payload keeps its shape */
    put(dir, "a.pp",
        "benchmark \"b\" {\n  title = \"Bench ${var.region}\"\n  children = [control.a, control.c]\n}\n"
        "control \"a\" {\n  title = \"A2\"\n  tags = merge(local.common, { k = \"1\" })\n"
        "  sql = \"select 1\"\n}\n");
    refresh_changed(lv, dir, "title edit", &c);
    cr_assert_eq(c.nmodified, 1, "%u modified", c.nmodified);
    /* only the edited file was read and scanned again */
    cr_assert(c.files_scanned == 1 && c.files_reused == 2, "%u scanned, %u reused", c.files_scanned,
              c.files_reused);
    /* and none evaluated again: a's title is a literal, and what b and a evaluate (b's title, a's
     * tags) is the same text in the same place, so their records are carried over with c's */
    cr_assert(c.entries_evaluated == 0 && c.entries_reused == 3, "%u evaluated, %u carried",
              c.entries_evaluated, c.entries_reused);
    cr_assert(has(c.modified, c.nmodified, "m.control.a"));
    cr_assert(c.nadded == 0 && c.nremoved == 0 && c.version == 2);
    lp_changes_free(&c);

    /* a benchmark title: the payload changes */
    put(dir, "a.pp",
        "benchmark \"b\" {\n  title = \"Bench2 ${var.region}\"\n  children = [control.a, control.c]\n}\n"
        "control \"a\" {\n  title = \"A2\"\n  tags = merge(local.common, { k = \"1\" })\n"
        "  sql = \"select 1\"\n}\n");
    refresh_changed(lv, dir, "benchmark title", &c);
    cr_assert(c.payload_changed && has(c.modified, c.nmodified, "m.benchmark.b"));
    lp_changes_free(&c);

    /* a local used by both controls */
    put(dir, "mod.pp", "mod \"m\" {\n  title = \"M\"\n}\n"
                       "variable \"region\" {\n  type = string\n  default = \"eu\"\n}\n"
                       "locals {\n  common = { service = \"gcp\" }\n}\n");
    refresh_changed(lv, dir, "local edit", &c);
    cr_assert(has(c.modified, c.nmodified, "m.control.a") && has(c.modified, c.nmodified, "m.control.c"));
    /* the readers of local.common evaluated again; the benchmark reads only var.region */
    cr_assert(c.entries_evaluated == 2 && c.entries_reused == 1, "%u evaluated, %u carried",
              c.entries_evaluated, c.entries_reused);
    lp_changes_free(&c);

    /* the variable file (a --var-file) */
    put(dir, "vars.ppvars", "region = \"ap\"\n");
    refresh_changed(lv, dir, "var-file edit", &c);
    cr_assert(has(c.modified, c.nmodified, "m.benchmark.b"));
    cr_assert(c.files_scanned == 0, "%u files scanned for a variable file", c.files_scanned);
    cr_assert(c.entries_evaluated == 1 && c.entries_reused == 2, "%u evaluated, %u carried",
              c.entries_evaluated, c.entries_reused);
    lp_changes_free(&c);

    /* a file added, renamed, deleted; a directory renamed */
    put(dir, "sub/d.pp", "query \"d\" {\n  sql = \"select 4\"\n}\n");
    refresh_changed(lv, dir, "file added", &c);
    cr_assert(has(c.added, c.nadded, "m.query.d"));
    lp_changes_free(&c);
    cr_assert_eq(rename(path_in(dir, "sub/d.pp"), path_in(dir, "sub/e.pp")), 0);
    refresh_changed(lv, dir, "file renamed", &c);
    cr_assert(has(c.modified, c.nmodified, "m.query.d"), "the query moved file");
    lp_changes_free(&c);
    cr_assert_eq(rename(path_in(dir, "sub"), path_in(dir, "sub2")), 0);
    refresh_changed(lv, dir, "directory renamed", &c);
    lp_changes_free(&c);
    cr_assert_eq(unlink(path_in(dir, "sub2/e.pp")), 0);
    refresh_changed(lv, dir, "file deleted", &c);
    cr_assert(has(c.removed, c.nremoved, "m.query.d"));
    lp_changes_free(&c);

    /* a syntax error introduced, then fixed */
    put(dir, "bad.pp", "control \"bad\" {\n  title = \n}\n");
    refresh_changed(lv, dir, "syntax error", &c);
    cr_assert_geq(c.ndiags_added, 1);
    lp_changes_free(&c);
    put(dir, "bad.pp", "control \"bad\" {\n  title = \"fixed\"\n}\n");
    refresh_changed(lv, dir, "syntax error fixed", &c);
    cr_assert_geq(c.ndiags_cleared, 1);
    lp_changes_free(&c);

    /* duplicate names appear and go */
    put(dir, "dup.pp", "control \"bad\" {\n  title = \"twice\"\n}\n");
    refresh_changed(lv, dir, "duplicate", &c);
    lp_changes_free(&c);
    cr_assert_eq(unlink(path_in(dir, "dup.pp")), 0);
    refresh_changed(lv, dir, "duplicate gone", &c);
    lp_changes_free(&c);

    /* a dependency mod installed, then removed */
    put(dir, ".powerpipe/mods/github.com/x/dep@v1.0.0/mod.pp", "mod \"dep\" {}\n");
    put(dir, ".powerpipe/mods/github.com/x/dep@v1.0.0/q.pp", "query \"dq\" {\n  sql = \"select 5\"\n}\n");
    refresh_changed(lv, dir, "dependency installed", &c);
    cr_assert(has(c.added, c.nadded, "dep.query.dq"));
    /* a whole resolution (another mod: nothing carried over) evaluated the
     * entries again to what they were: none of them is modified */
    cr_assert(c.nmodified == 0 && c.entries_reused == 0, "%u modified, %u carried", c.nmodified,
              c.entries_reused);
    lp_changes_free(&c);
    cr_assert_eq(unlink(path_in(dir, ".powerpipe/mods/github.com/x/dep@v1.0.0/q.pp")), 0);
    refresh_changed(lv, dir, "dependency file removed", &c);
    lp_changes_free(&c);

    /* a file replaced by a symlink to other content */
    put(dir, "other/c2.pp", "control \"c\" {\n  title = \"via link\"\n  sql = \"select 2\"\n}\n");
    cr_assert_eq(unlink(path_in(dir, "sub2/c.pp")), 0);
    cr_assert_eq(symlink(path_in(dir, "other/c2.pp"), path_in(dir, "sub2/c.pp")), 0);
    refresh_changed(lv, dir, "symlink", &c);
    lp_changes_free(&c);

    lp_live_close(lv);
    wf_remove(dir);
}

Test(live, a_pinned_version_outlives_its_successors)
{
    char *dir = make_workspace();
    lp_workspace_opts o = opts_for(dir);
    lp_live *lv = live_open(dir, &o);
    lp_workspace *v1 = lp_live_acquire(lv);
    lp_buf before = { 0 }, after = { 0 };
    wsd_dump(v1, 1, &before);
    for (int i = 0; i < 3; i++) {
        char text[256];
        snprintf(text, sizeof text, "query \"q%d\" {\n  sql = \"select %d\"\n}\n", i, i);
        put(dir, "q.pp", text);
        lp_changes c;
        cr_assert_eq(lp_refresh(lv, &c), LP_OK);
        cr_assert(c.changed);
        lp_changes_free(&c);
    }
    cr_assert_eq(lp_live_version(lv), 4);
    wsd_dump(v1, 1, &after);   /* the old version reads as it did */
    cr_assert(before.len == after.len && memcmp(before.data, after.data, before.len) == 0);
    lp_live_release(lv, v1);   /* closed here: not current, last pin (LeakSanitizer checks) */
    lp_buf_free(&before);
    lp_buf_free(&after);
    lp_live_close(lv);
    wf_remove(dir);
}

Test(live, a_thousand_refreshes_keep_memory_flat)
{
    char *dir = wf_tmpdir();
    put(dir, "mod.pp", "mod \"m\" {}\n");
    put(dir, "a.pp", "control \"a\" {\n  title = \"x\"\n}\n");
    lp_workspace_opts o = { .workers = 1 };
    lp_live *lv = live_open(dir, &o);
    uint64_t at10 = 0;
    for (int i = 0; i < 1000; i++) {
        put(dir, "a.pp", i % 2 ? "control \"a\" {\n  title = \"x\"\n}\n"
                               : "control \"a\" {\n  title = \"y\"\n}\n");
        lp_changes c;
        cr_assert_eq(lp_refresh(lv, &c), LP_OK);
        cr_assert(c.changed, "refresh %d found nothing", i);
        lp_changes_free(&c);
        if (i == 9) {
            lp_alloc_stats s;
            lp_alloc_stats_get(&s);
            at10 = s.live;
        }
    }
    lp_alloc_stats s;
    lp_alloc_stats_get(&s);
    cr_assert_eq(lp_live_version(lv), 1001);
    cr_assert_leq(s.live, at10 + 4096, "live heap after 1000 refreshes %llu, after 10 %llu",
                  (unsigned long long)s.live, (unsigned long long)at10);
    lp_live_close(lv);
    wf_remove(dir);
}

/* A local that reads a resource's field: loading the locals resolves that
 * entry (before records are carried over), and the entries that read the
 * local follow it; each refresh against a fresh open. */
Test(live, a_local_reading_a_resource)
{
    char *dir = wf_tmpdir();
    put(dir, "mod.pp", "mod \"m\" {}\nvariable \"x\" {\n  default = \"1\"\n}\n"
                       "locals {\n  ct = control.src.title\n}\n");
    put(dir, "a.pp", "control \"src\" {\n  title = \"S ${var.x}\"\n}\n"
                     "control \"use\" {\n  title = local.ct\n}\n");
    put(dir, "b.pp", "control \"other\" {\n  title = \"O ${var.x}\"\n}\n");
    lp_workspace_opts o = { .workers = 1 };
    lp_live *lv = live_open(dir, &o);
    lp_changes c;
    put(dir, "b.pp", "control \"other\" {\n  title = \"O2 ${var.x}\"\n}\n");
    cr_assert_eq(lp_refresh(lv, &c), LP_OK);
    cr_assert(c.changed);
    lp_changes_free(&c);
    for (int step = 0; step < 3; step++) {
        if (step == 0) put(dir, "mod.pp", "mod \"m\" {}\nvariable \"x\" {\n  default = \"2\"\n}\n"
                                          "locals {\n  ct = control.src.title\n}\n");
        if (step == 1) put(dir, "a.pp", "control \"src\" {\n  title = \"T ${var.x}\"\n}\n"
                                        "control \"use\" {\n  title = local.ct\n}\n");
        if (step == 2) put(dir, "b.pp", "control \"other\" {\n  title = \"O3\"\n}\n");
        cr_assert_eq(lp_refresh(lv, &c), LP_OK);
        cr_assert(c.changed, "step %d", step);
        lp_changes_free(&c);
        char what[32];
        snprintf(what, sizeof what, "step %d", step);
        assert_current_is_open(lv, dir, &o, 1, what);
    }
    lp_live_close(lv);
    wf_remove(dir);
}

/* A refresh that changes no local, variable or mod block shares the
 * previous version's variables and locals instead of loading them again
 * (resolve.c, scope_share); every change that could alter them loads them
 * again.  Each step after one that shared the scope, against a fresh open:
 * an edit beside a locals block; the variable file; the locals block; lines
 * moved above a local whose error names its line; PP_VAR_ set in the
 * environment; powerpipe.ppvars appearing; a variable's default. */
Test(live, a_shared_scope_follows_every_change_of_its_inputs)
{
    char *dir = make_workspace();
    put(dir, "l.pp", "locals {\n  lt = \"L\"\n  bad = 1 + \"x\"\n}\n"
                     "control \"l\" {\n  title = \"${local.lt} ${var.region}\"\n}\n");
    put(dir, "zone.pp", "variable \"zone\" {\n  default = \"z\"\n}\n"
                        "control \"z\" {\n  title = \"in ${var.zone}\"\n}\n");
    lp_workspace_opts o = opts_for(dir);
    lp_live *lv = live_open(dir, &o);
    lp_changes c;
    static const char *const steps[][2] = {
        { "l.pp", "locals {\n  lt = \"L\"\n  bad = 1 + \"x\"\n}\n"
                  "control \"l\" {\n  title = \"${local.lt} ${var.region}\"\n  description = \"d\"\n}\n" },
        { "a.pp", "benchmark \"b\" {\n  title = \"Bench2 ${var.region}\"\n"
                  "  children = [control.a, control.c]\n}\n"
                  "control \"a\" {\n  title = \"AAAA\"\n  tags = merge(local.common, { k = \"1\" })\n"
                  "  sql = \"select 1\"\n}\n" },
        { "vars.ppvars", "region = \"ap\"\n" },
        { "l.pp", "locals {\n  lt = \"L2\"\n  bad = 1 + \"x\"\n}\n"
                  "control \"l\" {\n  title = \"${local.lt} ${var.region}\"\n  description = \"d\"\n}\n" },
        { "l.pp", "# moved\n\nlocals {\n  lt = \"L2\"\n  bad = 1 + \"x\"\n}\n"
                  "control \"l\" {\n  title = \"${local.lt} ${var.region}\"\n  description = \"d\"\n}\n" },
        { "env", "PP_VAR_zone" },
        { "l.pp", "# moved\n\nlocals {\n  lt = \"L2\"\n  bad = 1 + \"x\"\n}\n"
                  "control \"l\" {\n  title = \"${local.lt} ${var.region}\"\n}\n" },
        { "powerpipe.ppvars", "region = \"pp\"\n" },
        { "c.pp", "control \"new\" {\n  title = local.lt\n}\n" },
        { "mod.pp", "mod \"m\" {\n  title = \"M\"\n}\n"
                    "variable \"region\" {\n  type = string\n  default = \"sa\"\n}\n"
                    "locals {\n  common = { service = \"aws\" }\n}\n" },
        { "c.pp", "control \"new\" {\n  title = \"${local.lt}!\"\n}\n" },
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        char what[64];
        snprintf(what, sizeof what, "step %zu (%s)", i, steps[i][0]);
        if (strcmp(steps[i][0], "env") == 0) {
            /* the environment is no file: a refresh sees it with the next change */
            cr_assert_eq(setenv(steps[i][1], "env", 1), 0);
            put(dir, "a.pp", "control \"a\" {\n  title = \"after env\"\n}\n");
        } else {
            put(dir, steps[i][0], steps[i][1]);
        }
        refresh_changed(lv, dir, what, &c);
        lp_changes_free(&c);
    }
    unsetenv("PP_VAR_zone");
    put(dir, "a.pp", "control \"a\" {\n  title = \"env gone\"\n}\n");
    refresh_changed(lv, dir, "PP_VAR_zone unset", &c);
    lp_changes_free(&c);
    lp_live_close(lv);
    wf_remove(dir);
}

/* Entries that read other entries (sql = query.q.sql, a title from a
 * benchmark's): a refresh evaluates again the readers of an entry evaluated
 * again, gone, new, or moved to another file, through chains, and carries
 * the rest over; each step against a fresh open. */
Test(live, readers_of_changed_entries_follow_them)
{
    char *dir = wf_tmpdir();
    put(dir, "mod.pp", "mod \"m\" {}\nlocals {\n  v = \"1\"\n}\n");
    put(dir, "q.pp", "query \"q\" {\n  sql = \"select ${local.v}\"\n}\n");
    put(dir, "c.pp", "control \"c1\" {\n  title = \"c1\"\n  sql = query.q.sql\n}\n"
                     "control \"c2\" {\n  title = control.c1.sql\n}\n"
                     "control \"c3\" {\n  title = \"${control.c2.title}!\"\n}\n"
                     "control \"c4\" {\n  title = query.r.sql\n}\n");
    put(dir, "o.pp", "control \"other\" {\n  title = \"o\"\n}\n");
    lp_workspace_opts o = { .workers = 1 };
    lp_live *lv = live_open(dir, &o);
    static const char *const steps[][2] = {
        { "o.pp", "control \"other\" {\n  title = \"o2\"\n}\n" },
        { "q.pp", "query \"q\" {\n  sql = \"select 2 ${local.v}\"\n}\n" },
        { "r.pp", "query \"r\" {\n  sql = \"select r\"\n}\n" },
        { "q.pp", "# gone\n" },
        { "o.pp", "control \"other\" {\n  title = \"o3\"\n}\n"
                  "query \"q\" {\n  sql = \"select moved\"\n}\n" },
        { "r.pp", "query \"r\" {\n  sql = \"select r2\"\n}\n" },
        { "mod.pp", "mod \"m\" {}\nlocals {\n  v = \"3\"\n}\n" },
        { "c.pp", "control \"c1\" {\n  title = \"c1\"\n  sql = query.q.sql\n}\n"
                  "control \"c3\" {\n  title = \"${control.c2.title}!\"\n}\n"
                  "control \"c4\" {\n  title = query.r.sql\n}\n" },
        { "o.pp", "control \"other\" {\n  title = \"o3\"\n}\n"
                  "query \"q\" {\n  sql = \"select moved\"\n}\n"
                  "control \"c2\" {\n  title = control.c1.sql\n}\n" },
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        char what[64];
        snprintf(what, sizeof what, "step %zu (%s)", i, steps[i][0]);
        put(dir, steps[i][0], steps[i][1]);
        lp_changes c;
        cr_assert_eq(lp_refresh(lv, &c), LP_OK, "%s", what);
        cr_assert(c.changed, "%s: no change found", what);
        lp_changes_free(&c);
        assert_current_is_open(lv, dir, &o, 1, what);
    }
    lp_live_close(lv);
    wf_remove(dir);
}

/* resolve.h (internal): of the current resolution, the entries' pieces
 * evaluated with a kept syntax tree and those parsed into kept trees, the
 * same for the blocks loading read, and whether its cache was the previous
 * version's. */
void rs_tree_counts(const lp_workspace *ws, uint32_t counts[4], int *shared);

static void tree_counts(lp_live *lv, uint32_t *reused, uint32_t *kept, int *shared)
{
    uint32_t n[4];
    lp_workspace *ws = lp_live_acquire(lv);
    rs_tree_counts(ws, n, shared);
    lp_live_release(lv, ws);
    *reused = n[0];
    *kept = n[1];
}

static void block_counts(lp_live *lv, uint32_t *reused, uint32_t *kept)
{
    uint32_t n[4];
    int shared;
    lp_workspace *ws = lp_live_acquire(lv);
    rs_tree_counts(ws, n, &shared);
    lp_live_release(lv, ws);
    *reused = n[2];
    *kept = n[3];
}

/* Kept syntax trees (resolve.h, rs_tree): a local edit keeps the trees of
 * the pieces it evaluates again and the next one evaluates them from those;
 * a piece edited in between is parsed again, never evaluated from the tree
 * of its previous text; and a cache holding too many trees no version uses
 * any more is replaced by a new one (trees parsed again, not carried). */
Test(live, kept_trees_serve_only_their_pieces)
{
    char *dir = wf_tmpdir();
    static const char *const local_text[] = { "mod \"m\" {}\nlocals {\n  t = { s = \"x\" }\n}\n",
                                              "mod \"m\" {}\nlocals {\n  t = { s = \"y\" }\n}\n" };
    put(dir, "mod.pp", local_text[0]);
    put(dir, "a.pp", "control \"a\" {\n  title = \"A\"\n  tags = merge(local.t, { k = \"0\" })\n}\n");
    put(dir, "c.pp", "control \"c\" {\n  title = \"${local.t.s} c\"\n  tags = local.t\n}\n");
    lp_workspace_opts o = opts_for(dir);
    put(dir, "vars.ppvars", "\n");
    lp_live *lv = live_open(dir, &o);
    lp_changes c;
    uint32_t reused, kept;
    int shared, fresh = 0;
    /* the first local edit parses the readers' 3 pieces into kept trees, the next reuses them */
    put(dir, "mod.pp", local_text[1]);
    refresh_changed(lv, dir, "local edit", &c);
    lp_changes_free(&c);
    tree_counts(lv, &reused, &kept, &shared);
    cr_assert(reused == 0 && kept == 3, "first local edit: %u reused, %u kept", reused, kept);
    put(dir, "mod.pp", local_text[0]);
    refresh_changed(lv, dir, "local edit back", &c);
    lp_changes_free(&c);
    tree_counts(lv, &reused, &kept, &shared);
    cr_assert(reused == 3 && kept == 0, "second local edit: %u reused, %u kept", reused, kept);
    for (int i = 1; i <= 40; i++) {
        char what[64], text[200];
        /* control a's tags piece edited: evaluated as the new text, not kept */
        snprintf(text, sizeof text,
                 "control \"a\" {\n  title = \"A\"\n  tags = merge(local.t, { k = \"%d\" })\n}\n", i);
        put(dir, "a.pp", text);
        snprintf(what, sizeof what, "tags edit %d", i);
        refresh_changed(lv, dir, what, &c);
        lp_changes_free(&c);
        int carried;
        tree_counts(lv, &reused, &kept, &carried);
        cr_assert(reused == 0 && kept == 0, "%s: %u reused, %u kept", what, reused, kept);
        /* then the local: a's new piece parsed and kept (its old tree is not
         * used: the test fails if it is), c's pieces from their trees unless
         * the cache was replaced (by this refresh or the one before) */
        put(dir, "mod.pp", local_text[i % 2]);
        snprintf(what, sizeof what, "local edit %d", i);
        refresh_changed(lv, dir, what, &c);
        lp_changes_free(&c);
        tree_counts(lv, &reused, &kept, &shared);
        if (shared && carried) {
            cr_assert(reused == 2 && kept == 1, "%s: %u reused, %u kept", what, reused, kept);
        } else {
            cr_assert(reused == 0 && kept == 3, "%s (new cache): %u reused, %u kept", what, reused, kept);
            fresh++;
        }
    }
    /* every local edit keeps a tree no version will use again: the cache is replaced now and then */
    cr_assert(fresh > 0 && fresh < 20, "the cache was replaced %d times in 40 local edits", fresh);
    lp_live_close(lv);
    wf_remove(dir);
}

/* The same for the blocks loading reads: a refresh that loads variables and
 * locals again keeps the trees of the blocks of files whose segment did not
 * change, and the next load reads them from those; a block edited in
 * between is parsed again, never read from its previous tree. */
Test(live, kept_block_trees_serve_only_their_blocks)
{
    char *dir = wf_tmpdir();
    put(dir, "mod.pp", "mod \"m\" {}\nlocals {\n  t = \"x\"\n}\n");
    put(dir, "l.pp", "locals {\n  u = \"${local.t}-0\"\n}\nvariable \"v\" {\n  default = \"d0\"\n}\n");
    put(dir, "a.pp", "control \"a\" {\n  title = \"${local.u} ${var.v}\"\n}\n");
    lp_workspace_opts o = opts_for(dir);
    put(dir, "vars.ppvars", "\n");
    lp_live *lv = live_open(dir, &o);
    lp_changes c;
    uint32_t reused, kept;
    for (int i = 1; i <= 6; i++) {
        char what[64], text[200];
        /* mod.pp's local: l.pp's two blocks kept by the first load, read from their trees after */
        snprintf(text, sizeof text, "mod \"m\" {}\nlocals {\n  t = \"x%d\"\n}\n", i);
        put(dir, "mod.pp", text);
        snprintf(what, sizeof what, "local edit %d", i);
        refresh_changed(lv, dir, what, &c);
        lp_changes_free(&c);
        block_counts(lv, &reused, &kept);
        int first = i == 1 || i == 4;   /* l.pp was edited before (step 3) */
        cr_assert(first ? reused == 0 && kept == 2 : reused == 2 && kept == 0, "%s: %u reused, %u kept", what,
                  reused, kept);
        if (i == 3) {   /* l.pp's blocks edited (their file's segment new): parsed again, not kept;
                         * mod.pp's two blocks, unchanged this time, kept */
            put(dir, "l.pp",
                "locals {\n  u = \"${local.t}-1\"\n}\nvariable \"v\" {\n  default = \"d1\"\n}\n");
            refresh_changed(lv, dir, "l.pp edit", &c);
            lp_changes_free(&c);
            block_counts(lv, &reused, &kept);
            cr_assert(reused == 0 && kept == 2, "l.pp edit: %u reused, %u kept", reused, kept);
        }
    }
    lp_live_close(lv);
    wf_remove(dir);
}

/* A file of many blocks: their kept trees are found through a table by
 * piece (resolve.c, block_find), each its own block's (every variable's
 * default differs, and a control reads the last one). */
Test(live, kept_block_trees_of_a_file_of_many_blocks)
{
    char *dir = wf_tmpdir();
    put(dir, "mod.pp", "mod \"m\" {}\nlocals {\n  t = \"x\"\n}\n");
    lp_buf v = { 0 };
    for (int i = 0; i < 40; i++) lp_buf_printf(&v, "variable \"v%d\" {\n  default = \"d%d\"\n}\n", i, i);
    put(dir, "vars.pp", v.data);
    lp_buf_free(&v);
    put(dir, "a.pp", "control \"a\" {\n  title = \"${local.t} ${var.v39} ${var.v0}\"\n}\n");
    lp_workspace_opts o = opts_for(dir);
    put(dir, "vars.ppvars", "\n");
    lp_live *lv = live_open(dir, &o);
    lp_changes c;
    uint32_t reused, kept;
    for (int i = 1; i <= 3; i++) {
        char what[64], text[200];
        snprintf(text, sizeof text, "mod \"m\" {}\nlocals {\n  t = \"x%d\"\n}\n", i);
        put(dir, "mod.pp", text);
        snprintf(what, sizeof what, "local edit %d", i);
        refresh_changed(lv, dir, what, &c);
        lp_changes_free(&c);
        block_counts(lv, &reused, &kept);
        cr_assert(i == 1 ? reused == 0 && kept == 40 : reused == 40 && kept == 0, "%s: %u reused, %u kept",
                  what, reused, kept);
    }
    lp_live_close(lv);
    wf_remove(dir);
}

/* Tags that are one local (`tags = local.NAME`) are made once per local and
 * resolution (resolve.c, tags_memo): each entry gets its own local's, also
 * when many entries read a few locals and one of them changes. */
Test(live, tags_of_one_local_follow_their_local)
{
    char *dir = wf_tmpdir();
    put(dir, "mod.pp", "mod \"m\" {}\nlocals {\n  a = { k = \"a0\" }\n  b = { k = \"b0\", x = \"1\" }\n}\n");
    lp_buf pp = { 0 };
    for (int i = 0; i < 12; i++)
        lp_buf_printf(&pp, "control \"c%d\" {\n  title = \"C\"\n  tags = local.%s\n}\n", i,
                      i % 3 ? "a" : "b");
    lp_buf_putc(&pp, 0);
    put(dir, "c.pp", pp.data);
    lp_buf_free(&pp);
    lp_workspace_opts o = opts_for(dir);
    put(dir, "vars.ppvars", "\n");
    lp_live *lv = live_open(dir, &o);
    assert_current_is_fresh(lv, dir, "open");
    static const char *const locals[] = {
        "mod \"m\" {}\nlocals {\n  a = { k = \"a1\" }\n  b = { k = \"b0\", x = \"1\" }\n}\n",
        "mod \"m\" {}\nlocals {\n  a = { k = \"a1\" }\n  b = { k = \"b2\" }\n}\n",
        "mod \"m\" {}\nlocals {\n  a = \"not a map\"\n  b = { k = \"b2\" }\n}\n",
        "mod \"m\" {}\nlocals {\n  a = { k = \"a3\" }\n  b = null\n}\n",
    };
    /* each control's tag k, by step (NULL: no tags, the local not a map or null) */
    static const char *const want_a[] = { "a1", "a1", NULL, "a3" }, *const want_b[] = { "b0", "b2", "b2",
                                                                                        NULL };
    for (size_t i = 0; i < sizeof locals / sizeof *locals; i++) {
        char what[64];
        snprintf(what, sizeof what, "locals %zu", i);
        put(dir, "mod.pp", locals[i]);
        lp_changes c;
        refresh_changed(lv, dir, what, &c);
        lp_changes_free(&c);
        /* (a fresh open makes its tags the same way: the values themselves are checked) */
        lp_workspace *ws = lp_live_acquire(lv);
        for (int k = 0; k < 12; k++) {
            char name[32];
            snprintf(name, sizeof name, "m.control.c%d", k);
            lp_entry_info e;
            cr_assert_eq(lp_entry_get(ws, lp_lookup(ws, name), &e), LP_OK);
            const char *want = k % 3 ? want_a[i] : want_b[i], *got = lp_tags_get(&e.tags, "k");
            cr_assert(want ? got && strcmp(got, want) == 0 : !got, "%s: %s: tag k %s, not %s", what, name,
                      got ? got : "(none)", want ? want : "(none)");
            cr_assert(!(k % 3 == 0 && i == 0) || lp_tags_get(&e.tags, "x"), "%s: %s: no tag x", what, name);
        }
        lp_live_release(lv, ws);
    }
    lp_live_close(lv);
    wf_remove(dir);
}

/* The change set names exactly the entries whose fields differ: an entry
 * evaluated again to the same value is not modified; one evaluated to
 * another value is, also when its previous digest was never made (a
 * refresh makes digests only for the entries it must compare). */
Test(live, modified_means_the_fields_differ)
{
    char *dir = wf_tmpdir();
    put(dir, "mod.pp", "mod \"m\" {}\nlocals {\n  t = \"x\"\n}\n");
    put(dir, "a.pp", "control \"a\" {\n  title = \"${local.t}\"\n}\n"
                     "control \"b\" {\n  title = upper(local.t)\n}\n");
    put(dir, "c.pp", "control \"c\" {\n  title = \"c\"\n}\n");
    lp_workspace_opts o = opts_for(dir);
    put(dir, "vars.ppvars", "\n");
    lp_live *lv = live_open(dir, &o);
    static const struct { const char *file, *text, *modified; uint32_t evaluated; } steps[] = {
        { "mod.pp", "mod \"m\" {}\nlocals {\n  t = \"X\"\n}\n", "m.control.a", 2 },
        { "c.pp", "control \"c\" {\n  title = \"c2\"\n}\n", "m.control.c", 0 },
        { "mod.pp", "mod \"m\" {}\nlocals {\n  t = \"x\"\n}\n", "m.control.a", 2 },
        { "c.pp", "control \"c\" {\n  title = \"c\"\n}\n", "m.control.c", 0 },
        { "mod.pp", "mod \"m\" {}\nlocals {\n  t = \"y\"\n}\n", NULL, 2 },
    };
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        char what[64];
        snprintf(what, sizeof what, "step %zu (%s)", i, steps[i].file);
        put(dir, steps[i].file, steps[i].text);
        lp_changes c;
        refresh_changed(lv, dir, what, &c);
        cr_assert_eq(c.entries_evaluated, steps[i].evaluated, "%s: %u evaluated", what, c.entries_evaluated);
        if (steps[i].modified) {
            cr_assert(c.nmodified == 1 && has(c.modified, c.nmodified, steps[i].modified), "%s: %u modified",
                      what, c.nmodified);
        } else {   /* x -> y: both titles differ */
            cr_assert(c.nmodified == 2 && has(c.modified, 2, "m.control.a") &&
                          has(c.modified, 2, "m.control.b"),
                      "%s: %u modified", what, c.nmodified);
        }
        cr_assert(c.nadded == 0 && c.nremoved == 0 && !c.payload_changed, "%s", what);
        lp_changes_free(&c);
    }
    lp_live_close(lv);
    wf_remove(dir);
}

/* file() and fileexists() targets: the entries that read one follow its
 * edits, its deletion and its return; an entry that stops reading it takes
 * it out of the inputs unless another still reads it; refreshes of other
 * files carry the readers' records and their inputs over.  Each step
 * against a fresh open (inputs included). */
Test(live, file_targets_follow_their_readers)
{
    char *dir = wf_tmpdir();
    put(dir, "mod.pp", "mod \"m\" {}\n");
    put(dir, "docs/a.md", "# A\n");
    put(dir, "docs/b.md", "# B\n");
    put(dir, "a.pp", "control \"a\" {\n  title = \"a\"\n  documentation = file(\"./docs/a.md\")\n}\n"
                     "control \"a2\" {\n  title = \"a2\"\n  documentation = file(\"./docs/b.md\")\n}\n");
    put(dir, "b.pp", "control \"b\" {\n  title = \"b\"\n  documentation = file(\"./docs/b.md\")\n}\n"
                     "control \"e\" {\n  title = fileexists(\"./docs/c.md\") ? \"c\" : \"no c\"\n}\n");
    put(dir, "o.pp", "control \"o\" {\n  title = \"o\"\n}\n");
    lp_workspace_opts o = { .workers = 1 };
    lp_live *lv = live_open(dir, &o);
    static const char *const steps[][2] = {
        { "o.pp", "control \"o\" {\n  title = \"o2\"\n}\n" },
        { "docs/a.md", "# A2\n" },
        { "o.pp", "control \"o\" {\n  title = \"o3\"\n}\n" },
        { "b.pp", "control \"b\" {\n  title = \"b\"\n}\n"
                  "control \"e\" {\n  title = fileexists(\"./docs/c.md\") ? \"c\" : \"no c\"\n}\n" },
        { "docs/c.md", "# C\n" },
        { "a.pp", "control \"a\" {\n  title = \"a\"\n  documentation = file(\"./docs/a.md\")\n}\n" },
        { "o.pp", "control \"o\" {\n  title = \"o4\"\n}\n" },
        { "-docs/a.md", NULL },
        { "o.pp", "control \"o\" {\n  title = \"o5\"\n}\n" },
        { "docs/a.md", "# A3\n" },
        { "b.pp", "control \"b\" {\n  title = \"b\"\n  documentation = file(\"./docs/b.md\")\n}\n" },
    };
    walk_steps(lv, dir, &o, steps, sizeof steps / sizeof *steps);
    lp_live_close(lv);
    wf_remove(dir);
}

/* An entry whose fields read different things is evaluated again in part:
 * the fields that read what changed, the others kept as they were (with
 * what they read: a later change of that is seen).  Each step against a
 * fresh open, inputs and diagnostics included. */
Test(live, fields_that_read_nothing_changed_are_kept)
{
    char *dir = wf_tmpdir();
    put(dir, "mod.pp", "mod \"m\" {}\nvariable \"v\" {\n  default = \"v1\"\n}\n"
                       "locals {\n  t = { k = \"1\" }\n  bad = \"b\"\n}\n");
    put(dir, "docs/a.md", "# A\n");
    put(dir, "a.pp", "control \"a\" {\n  title = \"A ${var.v}\"\n  tags = merge(local.t, { a = \"1\" })\n"
                     "  documentation = file(\"./docs/a.md\")\n  description = param.p\n}\n"
                     "control \"d\" {\n  title = local.bad + 1\n  tags = local.t\n}\n");
    put(dir, "o.pp", "control \"o\" {\n  title = \"o\"\n}\n");
    put(dir, "vars.ppvars", "\n");
    lp_workspace_opts o = opts_for(dir);
    lp_live *lv = live_open(dir, &o);
    static const char *const steps[][2] = {
        { "mod.pp", "mod \"m\" {}\nvariable \"v\" {\n  default = \"v1\"\n}\n"
                    "locals {\n  t = { k = \"2\" }\n  bad = \"b\"\n}\n" },
        { "docs/a.md", "# A2\n" },
        { "o.pp", "control \"o\" {\n  title = \"o2\"\n}\n" },
        { "mod.pp", "mod \"m\" {}\nvariable \"v\" {\n  default = \"v2\"\n}\n"
                    "locals {\n  t = { k = \"2\" }\n  bad = \"b\"\n}\n" },
        { "docs/a.md", "# A3\n" },
        { "mod.pp", "mod \"m\" {}\nvariable \"v\" {\n  default = \"v2\"\n}\n"
                    "locals {\n  t = { k = \"3\" }\n  bad = 2\n}\n" },
        { "-docs/a.md", NULL },
        { "mod.pp", "mod \"m\" {}\nvariable \"v\" {\n  default = \"v3\"\n}\n"
                    "locals {\n  t = { k = \"4\" }\n  bad = 2\n}\n" },
        { "docs/a.md", "# A4\n" },
    };
    walk_steps(lv, dir, &o, steps, sizeof steps / sizeof *steps);
    lp_live_close(lv);
    wf_remove(dir);
}

/* Many refreshes that evaluate most entries again: the chain of value
 * stores that carried records keep is cut from time to time by copying
 * the records carried over (with their diagnostics and dependencies) into
 * the new store; every version, before and after, reads as a fresh open,
 * and the records copied still follow what they read. */
Test(live, records_copied_when_the_store_chain_is_cut)
{
    char *dir = wf_tmpdir();
    put(dir, "mod.pp", "mod \"m\" {}\nlocals {\n  t = { k = \"0\" }\n}\n");
    put(dir, "docs/d.md", "# D\n");
    put(dir, "c.pp", "control \"bad\" {\n  title = 1 + \"x\"\n  tags = { a = \"b\" }\n}\n"
                     "control \"doc\" {\n  title = \"doc\"\n  documentation = file(\"./docs/d.md\")\n}\n"
                     "control \"t\" {\n  title = \"t ${local.t.k}\"\n"
                     "  tags = merge(local.t, { x = \"y\" })\n}\n");
    lp_buf many = { 0 };
    for (int i = 0; i < 200; i++)
        lp_buf_printf(&many, "control \"c%d\" {\n  title = \"C ${local.t.k}\"\n"
                             "  tags = merge(local.t, { i = \"%d\", long = \"%0200d\" })\n}\n",
                      i, i, i);
    lp_buf_putc(&many, 0);
    put(dir, "many.pp", many.data);
    lp_buf_free(&many);
    lp_workspace_opts o = opts_for(dir);
    put(dir, "vars.ppvars", "\n");
    lp_live *lv = live_open(dir, &o);
    for (int i = 1; i <= 24; i++) {
        char text[256], what[64];
        snprintf(text, sizeof text, "mod \"m\" {}\nlocals {\n  t = { k = \"%d\" }\n}\n", i);
        put(dir, "mod.pp", text);
        snprintf(what, sizeof what, "local edit %d", i);
        lp_changes c;
        refresh_changed(lv, dir, what, &c);
        cr_assert_geq(c.entries_evaluated, 201, "%s: %u evaluated", what, c.entries_evaluated);
        lp_changes_free(&c);
        if (i % 6 == 0) {   /* the copied records' reads: a file() target */
            snprintf(text, sizeof text, "# D%d\n", i);
            put(dir, "docs/d.md", text);
            snprintf(what, sizeof what, "file edit %d", i);
            refresh_changed(lv, dir, what, &c);
            cr_assert(has(c.modified, c.nmodified, "m.control.doc"), "%s", what);
            lp_changes_free(&c);
        }
    }
    lp_live_close(lv);
    wf_remove(dir);
}

/* A refresh while one allocation fails, at every allocation of it in turn
 * (lp_alloc_fail_nth): one that shares the scope and carries records, and
 * one that keeps fields of entries evaluated in part.  The refresh gives a
 * version or LP_ERR_NOMEM, never a crash (and LeakSanitizer checks that
 * nothing leaks); the next refresh, with memory, reads as a fresh open. */
static void oom_files(const char *dir, int k, int a)
{
    char text[512];
    snprintf(text, sizeof text, "mod \"m\" {}\nlocals {\n  t = { k = \"%d\" }\n}\n", k);
    put(dir, "mod.pp", text);
    snprintf(text, sizeof text,
             "locals {\n  lt = \"L\"\n}\n"
             "control \"a\" {\n  title = \"a%d ${local.lt}\"\n  tags = merge(local.t, { a = \"1\" })\n"
             "  documentation = file(\"./docs/a.md\")\n}\n",
             a);
    put(dir, "a.pp", text);
}

Test(live, a_refresh_that_runs_out_of_memory)
{
    char *dir = wf_tmpdir();
    put(dir, "docs/a.md", "# A\n");
    put(dir, "vars.ppvars", "\n");
    put(dir, "b.pp", "control \"b\" {\n  title = \"b\"\n  tags = local.t\n"
                     "  documentation = file(\"./docs/a.md\")\n}\n"
                     "control \"e\" {\n  title = 1 + \"x\"\n}\n");
    lp_workspace_opts o = opts_for(dir);
    for (int kind = 0; kind < 2; kind++) {
        uint64_t calls = 0;
        for (uint64_t n = 0; n == 0 || n <= calls; n++) {
            oom_files(dir, 0, 0);
            lp_live *lv = live_open(dir, &o);
            oom_files(dir, 0, 1);   /* a title beside a locals block: the scope shared */
            lp_changes c;
            cr_assert_eq(lp_refresh(lv, &c), LP_OK);
            lp_changes_free(&c);
            /* a title again (scope shared, records carried), or the local t (fields kept) */
            oom_files(dir, kind, kind ? 1 : 2);
            lp_alloc_stats a0, a1;
            lp_alloc_stats_get(&a0);
            if (n) lp_alloc_fail_nth(n - 1);
            int rc = lp_refresh(lv, &c);
            lp_alloc_fail_nth(UINT64_MAX);
            lp_alloc_stats_get(&a1);
            if (!n) calls = a1.calls - a0.calls;
            cr_assert(rc == LP_OK || rc == LP_ERR_NOMEM, "kind %d, allocation %llu: %d", kind,
                      (unsigned long long)n, rc);
            lp_changes_free(&c);   /* filled in every case */
            oom_files(dir, 2, 3);
            char what[64];
            snprintf(what, sizeof what, "kind %d, after allocation %llu failed", kind, (unsigned long long)n);
            refresh_changed(lv, dir, what, &c);
            lp_changes_free(&c);
            lp_live_close(lv);
        }
        cr_assert_gt(calls, 20, "%llu allocations", (unsigned long long)calls);
    }
    wf_remove(dir);
}

/* A refresh whose changes listing does not read (a source file's bytes)
 * takes the previous listing: its diagnostics (a dependency without a mod
 * file) and snapshot files must be as a fresh open lists them. */
Test(live, a_refresh_that_does_not_list_again)
{
    char *dir = wf_tmpdir();
    put(dir, "mod.pp", "mod \"m\" {}\n");
    put(dir, "a.pp", "control \"a\" {\n  title = \"x\"\n}\n");
    put(dir, "snap/s1.pps", "{}\n");
    put(dir, ".powerpipe/mods/github.com/x/nomod@v1.0.0/q.pp", "query \"q\" {\n  sql = \"select 1\"\n}\n");
    put(dir, "vars.ppvars", "\n");
    lp_workspace_opts o = opts_for(dir);   /* as refresh_changed's fresh open */
    lp_live *lv = live_open(dir, &o);
    lp_workspace *ws = lp_live_acquire(lv);
    cr_assert_geq(lp_diag_count(ws), 1, "no listing diagnostic to carry");
    lp_live_release(lv, ws);
    lp_changes c;
    for (int i = 0; i < 3; i++) {
        put(dir, "a.pp", i % 2 ? "control \"a\" {\n  title = \"x\"\n}\n"
                               : "control \"a\" {\n  title = \"yy\"\n}\n");
        refresh_changed(lv, dir, "a source edited", &c);
        cr_assert(c.ndiags_added == 0 && c.ndiags_cleared == 0);
        lp_changes_free(&c);
    }
    put(dir, "b.pp", "control \"b\" {\n  title = \"b\"\n}\n");   /* listed again */
    refresh_changed(lv, dir, "a file added", &c);
    cr_assert(has(c.added, c.nadded, "m.control.b"));
    lp_changes_free(&c);
    lp_live_close(lv);
    wf_remove(dir);
}

/* Whether the current version's index was made from the previous one's
 * (lp_workspace_stats.updated: index_update) after the last refresh. */
static int current_updated(lp_live *lv)
{
    lp_workspace *ws = lp_live_acquire(lv);
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    lp_live_release(lv, ws);
    return st.updated;
}

static void edit_expect(lp_live *lv, const char *dir, const char *rel, const char *text, int updated,
                        const char *what)
{
    lp_changes c;
    put(dir, rel, text);
    refresh_changed(lv, dir, what, &c);
    lp_changes_free(&c);
    cr_assert_eq(current_updated(lv), updated, "%s: index %s", what,
                 updated ? "merged again, not updated" : "updated in place");
}

/* A refresh makes the index from the previous one's only when the files it
 * read again kept their entries' names, kinds, nesting and references, and
 * no diagnostic is about them: each step is compared with a fresh open, and
 * each condition has a step where ignoring it would differ from one. */
Test(live, the_index_is_updated_in_place_only_when_nothing_else_moves)
{
    char *dir = wf_tmpdir();
    put(dir, "mod.pp", "mod \"m\" {}\n");
    static const char a0[] = "benchmark \"b\" {\n  title = \"B\"\n  children = [control.a, control.c]\n}\n"
                             "control \"a\" {\n  title = \"A\"\n  tags = { k = \"1\" }\n}\n";
    put(dir, "a.pp", a0);
    put(dir, "d.pp", "control \"dup\" {\n  title = \"first\"\n}\n");
    /* an entry dropped (a duplicate) before one kept, which reads a local of
     * l.pp: when the local changes it is evaluated again from its captured
     * piece, which pairs with it through the name table */
    put(dir, "e.pp", "control \"dup\" {\n  title = \"second ${local.l}\"\n}\n"
                     "control \"e2\" {\n  title = \"E ${local.l}\"\n}\n");
    put(dir, "l.pp", "locals {\n  l = \"L\"\n}\n");
    put(dir, "f.pp", "dashboard \"f\" {\n  text {\n    value = \"v\"\n  }\n}\n");
    put(dir, "sub/c.pp", "control \"c\" {\n  title = \"C\"\n}\n");
    put(dir, "vars.ppvars", "\n");
    lp_workspace_opts o = opts_for(dir);
    lp_live *lv = live_open(dir, &o);
    static const struct {
        const char *file, *text;
        int updated;
        const char *what;
    } steps[] = {
        { "a.pp",
          "benchmark \"b\" {\n  title = \"B2\"\n  children = [control.a, control.c]\n}\n"
          "control \"a\" {\n  title = \"A2\"\n  tags = { k = \"1\" }\n}\n",
          1, "titles edited" },
        { "a.pp",
          "benchmark \"b\" {\n  title = \"B2\"\n  children = [control.a, control.c]\n}\n"
          "control \"a\" {\n  title = \"A2\"\n  sql = \"select 1\"\n  tags = { k = \"1\", z = \"2\" }\n}\n",
          1, "a tag and a property added (later entries' tags move)" },
        { "a.pp",
          "\n\nbenchmark \"b\" {\n  title = \"B2\"\n  children = [control.c, control.a]\n}\n"
          "control \"a\" {\n  title = \"A2\"\n}\n",
          0, "children reordered" },
        { "a.pp",
          "\n\nbenchmark \"b\" {\n  title = \"B2\"\n  type = \"detection\"\n"
          "  children = [control.c, control.a]\n}\ncontrol \"a\" {\n  title = \"A2\"\n}\n",
          0, "a benchmark made a detection benchmark (its children's kinds are checked)" },
        { "a.pp",
          "\n\nbenchmark \"b\" {\n  title = \"B2\"\n  children = [control.c, control.a]\n}\n"
          "control \"a\" {\n  title = \"A2\"\n}\n",
          0, "and back" },
        { "l.pp", "locals {\n  l = \"L2\"\n}\n", 1, "a local read by an entry after a dropped one" },
        { "sub/c.pp", "control \"c2\" {\n  title = \"C\"\n}\n", 0, "a child renamed" },
        { "sub/c.pp", "control \"c\" {\n  title = \"C\"\n}\n", 0, "renamed back" },
        { "d.pp", "\n\ncontrol \"dup\" {\n  title = \"first\"\n}\n", 0,
          "lines moved in a file another file's diagnostic names" },
        { "f.pp", "dashboard \"f\" {\n  text {\n    value = \"w\"\n  }\n}\n", 1,
          "a nested block's value edited" },
        { "f.pp", "dashboard \"f\" {\n  text {\n    value = \"w\"\n  }\n  text {}\n}\n", 0,
          "a nested block added" },
        { "a.pp",
          "\n\nbenchmark \"b\" {\n  title = \"B2\"\n  children = [control.c, control.a]\n}\n"
          "detection \"a\" {\n  title = \"A2\"\n}\n",
          0, "a kind changed" },
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        edit_expect(lv, dir, steps[i].file, steps[i].text, steps[i].updated, steps[i].what);
    /* the strings of replaced entries stay until a whole merge: bounded */
    int seen[2] = { 0, 0 };
    uint64_t first_bytes = 0;
    for (int i = 0; i < 40; i++) {
        lp_buf t = { 0 };
        lp_buf_printf(&t, "dashboard \"f\" {\n  title = \"");
        for (int k = 0; k < 4000; k++) lp_buf_printf(&t, "%d", i);   /* 4-8 KB: stale past 64 KiB */
        lp_buf_printf(&t, "\"\n  text {\n    value = \"w\"\n  }\n  text {}\n}\n");
        lp_changes c;
        put(dir, "f.pp", t.data);
        lp_buf_free(&t);
        refresh_changed(lv, dir, "a long title edited", &c);
        lp_changes_free(&c);
        lp_workspace *ws = lp_live_acquire(lv);
        lp_workspace_stats st;
        lp_workspace_stats_get(ws, &st);
        lp_live_release(lv, ws);
        seen[st.updated != 0] = 1;
        if (i == 0) first_bytes = st.string_bytes;
        cr_assert_leq(st.string_bytes, first_bytes + 160 * 1024, "step %d: strings %llu, first %llu", i,
                      (unsigned long long)st.string_bytes, (unsigned long long)first_bytes);
    }
    cr_assert(seen[0] && seen[1], "updated in place %s", seen[1] ? "every time" : "never");
    lp_live_close(lv);
    wf_remove(dir);
}

/* Blocks nested in two dashboards under one name (README "Nested blocks of the same name"): the
 * second is its dashboard's, out of the name table.  An edit that keeps the files' shape updates the
 * index in place and keeps that; one that moves a name merges again; each equals a fresh open (the
 * dump looks every name up, so which block a name leads to is compared too). */
Test(live, nested_blocks_of_one_name_in_two_dashboards)
{
    char *dir = wf_tmpdir();
    put(dir, "mod.pp", "mod \"m\" {}\n");
    put(dir, "a.pp", "dashboard \"a\" {\n  card \"c\" {\n    title = \"A ${local.l}\"\n  }\n}\n");
    put(dir, "b.pp", "dashboard \"b\" {\n  card \"c\" {\n    title = \"B ${local.l}\"\n  }\n"
                     "  container \"k\" {\n    text {}\n  }\n}\n");
    put(dir, "c.pp", "dashboard \"c\" {\n  container \"k\" {\n    text {}\n  }\n}\n");
    put(dir, "l.pp", "locals {\n  l = \"L\"\n}\n");
    /* a file whose top-level duplicate is dropped before a nested card of a taken name, both
     * reading the local: the refresh that changes it evaluates the card again from its captured
     * piece, which pairs with it past the dropped one */
    put(dir, "d.pp", "card \"dupx\" {\n  title = \"first\"\n}\n");
    put(dir, "e.pp", "card \"dupx\" {\n  title = \"second ${local.l}\"\n}\n"
                     "dashboard \"e\" {\n  card \"c\" {\n    title = \"E ${local.l}\"\n  }\n}\n");
    put(dir, "vars.ppvars", "\n");
    lp_workspace_opts o = opts_for(dir);
    lp_live *lv = live_open(dir, &o);
    assert_current_is_fresh(lv, dir, "opened");
    lp_workspace *ws = lp_live_acquire(lv);
    cr_assert_eq(wf_count_diags(ws, "Duplicate resource name", NULL), 1);
    lp_live_release(lv, ws);
    edit_expect(lv, dir, "b.pp",
                "dashboard \"b\" {\n  card \"c\" {\n    title = \"B2 ${local.l}\"\n  }\n"
                "  container \"k\" {\n    text {}\n  }\n}\n",
                1, "the second card's title edited");
    edit_expect(lv, dir, "l.pp", "locals {\n  l = \"L2\"\n}\n", 1, "a local both cards read");
    edit_expect(lv, dir, "a.pp", "dashboard \"a\" {\n  card \"c2\" {\n    title = \"A ${local.l}\"\n  }\n}\n",
                0, "the first card renamed: the second has the name");
    edit_expect(lv, dir, "a.pp", "dashboard \"a\" {\n  card \"c\" {\n    title = \"A ${local.l}\"\n  }\n}\n",
                0, "and back");
    edit_expect(lv, dir, "l.pp", "locals {\n  l = \"L3\"\n}\n", 1, "the local again");
    edit_expect(lv, dir, "c.pp", "card \"c\" {\n  title = \"top\"\n}\n", 0,
                "a top-level card of the name takes it");
    lp_live_close(lv);
    wf_remove(dir);
}

/* Carried records keep earlier versions' value stores alive; the chain is
 * cut by a whole resolution before it grows past its bound, so the heap of
 * many refreshes that carry records over has no upward trend. */
Test(live, carried_records_keep_memory_bounded)
{
    char *dir = wf_tmpdir();
    put(dir, "mod.pp", "mod \"m\" {}\nlocals {\n  t = { k = \"v\" }\n}\n");
    lp_buf many = { 0 };
    for (int i = 0; i < 50; i++)
        lp_buf_printf(&many, "control \"c%d\" {\n  title = \"C\"\n"
                             "  tags = merge(local.t, { i = \"%d\" })\n}\n",
                      i, i);
    lp_buf_putc(&many, 0);
    put(dir, "b.pp", many.data);
    lp_buf_free(&many);
    put(dir, "a.pp", "control \"a\" {\n  title = \"x\"\n  tags = local.t\n}\n");
    lp_workspace_opts o = { .workers = 1 };
    lp_live *lv = live_open(dir, &o);
    uint64_t most = 0, carried = 0;
    for (int i = 0; i < 300; i++) {
        put(dir, "a.pp", i % 2 ? "control \"a\" {\n  title = \"x\"\n  tags = local.t\n}\n"
                               : "control \"a\" {\n  title = \"y\"\n  tags = local.t\n}\n");
        lp_changes c;
        cr_assert_eq(lp_refresh(lv, &c), LP_OK);
        cr_assert(c.changed, "refresh %d found nothing", i);
        carried += c.entries_reused;
        lp_changes_free(&c);
        lp_alloc_stats s;
        lp_alloc_stats_get(&s);
        if (i >= 100 && i < 200 && s.live > most) most = s.live;
        if (i == 299)
            cr_assert_leq(s.live, most + 4096, "live heap after 300 refreshes %llu, at most %llu in 100..200",
                          (unsigned long long)s.live, (unsigned long long)most);
    }
    cr_assert_geq(carried, 250 * 50, "%llu records carried over", (unsigned long long)carried);
    lp_live_close(lv);
    wf_remove(dir);
}

/* ------------------------------------------------------------ the watcher */

typedef struct seen {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int calls;
    uint32_t version;
    int saw_a;
    uint32_t checked_min;        /* the fewest inputs a refresh checked */
} seen;

static void on_change(void *user, const lp_changes *c)
{
    seen *s = user;
    pthread_mutex_lock(&s->mu);
    s->calls++;
    s->version = c->version;
    s->saw_a |= has(c->modified, c->nmodified, "m.control.a");
    if (c->inputs_checked < s->checked_min) s->checked_min = c->inputs_checked;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

/* Wait until at least `calls` callbacks came, or 10 s: the number come. */
static int wait_calls(seen *s, int calls)
{
    return wait_count(&s->mu, &s->cv, &s->calls, calls, 10);
}

Test(live, the_watcher_refreshes_once_per_burst)
{
    char *dir = make_workspace();
    lp_workspace_opts o = opts_for(dir);
    lp_live *lv = live_open(dir, &o);
    lp_error err;
    seen s = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0, UINT32_MAX };
    cr_assert_eq(lp_watch_start(lv, on_change, &s, &err), LP_OK, "%s", err.message);
    cr_assert_str_eq(lp_watch_warning(lv), "");
    /* a burst, as an editor saves: a temporary file, written, renamed over */
    for (int i = 0; i < 10; i++) {
        char text[512];
        snprintf(text, sizeof text,
                 "benchmark \"b\" {\n  title = \"Bench ${var.region}\"\n"
                 "  children = [control.a, control.c]\n}\n"
                 "control \"a\" {\n  title = \"A%d\"\n  tags = merge(local.common, { k = \"1\" })\n"
                 "  sql = \"select 1\"\n}\n",
                 i);
        put(dir, "a.pp.tmp", text);
        cr_assert_eq(rename(path_in(dir, "a.pp.tmp"), path_in(dir, "a.pp")), 0);
    }
    cr_assert_geq(wait_calls(&s, 1), 1, "no refresh within 10 s");
    usleep(400 * 1000);   /* a second refresh, if the burst were split, would come by now */
    pthread_mutex_lock(&s.mu);
    int calls = s.calls, saw_a = s.saw_a;
    pthread_mutex_unlock(&s.mu);
    cr_assert_leq(calls, 2, "%d refreshes for one burst", calls);
    cr_assert(saw_a, "the change set did not name m.control.a");
    /* the burst's refresh checked what its events named (the directory and
     * the names in it), not every input */
    lp_workspace *cur = lp_live_acquire(lv);
    uint32_t all = lp_input_count(cur);
    lp_live_release(lv, cur);
    pthread_mutex_lock(&s.mu);
    uint32_t fewest = s.checked_min;
    pthread_mutex_unlock(&s.mu);
    cr_assert_lt(fewest, all, "the watcher's refresh checked %u of %u inputs", fewest, all);
    assert_current_is_fresh(lv, dir, "after the burst");
    /* a new directory, then a file in it: followed */
    put(dir, "newdir/n.pp", "query \"n\" {\n  sql = \"select 6\"\n}\n");
    cr_assert_geq(wait_calls(&s, calls + 1), calls + 1, "a file in a new directory went unseen");
    usleep(300 * 1000);
    put(dir, "newdir/n2.pp", "query \"n2\" {\n  sql = \"select 7\"\n}\n");
    pthread_mutex_lock(&s.mu);
    calls = s.calls;
    pthread_mutex_unlock(&s.mu);
    cr_assert_geq(wait_calls(&s, calls + 1), calls + 1, "a file in the followed new directory went unseen");
    lp_watch_stop(lv);
    assert_current_is_fresh(lv, dir, "after the new directory");
    lp_live_close(lv);
    wf_remove(dir);
}

/* ------------------------------------------------------------ random edits */

/* The walk's own variable, local and controls that read them (walk_pp),
 * so that a variable default or a .ppvars edit changes resolved values. */
static void walk_pp(const char *dir, int step)
{
    char text[1024];
    snprintf(text, sizeof text,
             "variable \"walk_region\" {\n  type = string\n  default = \"d%d\"\n}\n"
             "locals {\n  walk_tags = { region = var.walk_region, step = \"%d\" }\n}\n"
             "control \"walk_a\" {\n  title = \"A ${var.walk_region}\"\n  tags = local.walk_tags\n"
             "  sql = \"select 1\"\n}\n"
             "control \"walk_b\" {\n  title = \"B\"\n  tags = merge(local.walk_tags, { b = \"1\" })\n"
             "  sql = \"select 2\"\n}\n",
             step, step % 3);
    wf_write(dir, "walk.pp", text);
}

/* Insert "x" into the first string after the first `locals {` of f (a
 * local that many entries may read changes value); 0 when f has none. */
static int edit_local(const char *f, char *what, size_t wn)
{
    size_t len;
    char *text = jt_read_file(f, &len);
    cr_assert(text);
    char *l = strstr(text, "locals {");
    char *q = l ? strchr(l, '"') : NULL;
    if (!q) {
        free(text);
        return 0;
    }
    size_t at = (size_t)(q - text) + 1;
    wf_splice(f, text, len, at, "x");
    free(text);
    snprintf(what, wn, "%s: a local's string edited at %zu", f, at);
    return 1;
}

/* A seeded walk of edits over a copy of a real mod: each step changes,
 * adds, deletes, renames or cuts a file (editors leave files half-saved),
 * edits a local that many entries read, a variable's default or the
 * powerpipe.ppvars, then the live workspace is refreshed and held to a
 * fresh open of the same tree.  A failing step is named by its number and
 * the edit.  The refreshes are incremental (segments, carried records):
 * the walk checks that some were, so that it tests that path. */
Test(live, random_edit_walk_over_a_real_mod)
{
    const char *src = wf_shared("corpus/aws_cloudtrail_log_detections");
    char *dir = wf_tmpdir();
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "cp -r '%s/.' '%s/'", src, dir);
    cr_assert_eq(system(cmd), 0);
    /* not a step's: step 0 would write the same bytes again, a touch, after which a version keeps the
     * stat its bytes were read with and a fresh open has the new mtime (README, "Live workspaces") */
    walk_pp(dir, -1);
    uint64_t reused_files = 0, carried = 0;
    static const char *const pp[] = { ".pp", NULL };
    lp_workspace_opts o = { .workers = 1 };
    lp_live *lv = live_open(dir, &o);
    uint64_t seed = 0x5eedull;
    /* the file edits and the others by the walk's own shares (wsfix.h); 5 and 6 are this walk's */
    static const int kinds[8] = { WF_CUT, WF_INSERT, WF_DELETE, WF_RENAME, -1, -1, WF_PPVARS, WF_NEW_FILE };
    /* 300 steps in make check (its time budget); LP_LIVE_WALK_STEPS=N walks further */
    const char *steps_env = getenv("LP_LIVE_WALK_STEPS");
    int steps = steps_env && atoi(steps_env) > 0 ? atoi(steps_env) : 300;
    for (int step = 0; step < steps; step++) {
        paths files = { 0 };
        cr_assert_eq(paths_walk(&files, dir, pp, NULL, 1), 0);
        cr_assert_gt(files.n, 0);
        const char *f = files.v[wf_rnd(&seed) % files.n];
        char what[8800];
        int op = (int)(wf_rnd(&seed) % 8);
        if (op == 4) {   /* a local many entries read (or, without one, the walk's) */
            int tries = 0;
            while (tries++ < 8 && !edit_local(files.v[wf_rnd(&seed) % files.n], what, sizeof what)) {
            }
            if (tries > 8) {
                walk_pp(dir, step);
                snprintf(what, sizeof what, "walk.pp rewritten");
            }
        } else if (op == 5) {   /* a variable default */
            walk_pp(dir, step);
            snprintf(what, sizeof what, "walk.pp: default d%d", step);
        } else {
            wf_edit(dir, (wf_edit_kind)kinds[op], f, &seed, step, what, sizeof what);
        }
        paths_free(&files);
        lp_changes c;
        cr_assert_eq(lp_refresh(lv, &c), LP_OK, "step %d (%s)", step, what);
        reused_files += c.files_reused;
        carried += c.entries_reused;
        lp_changes_free(&c);
        char label[8900];
        snprintf(label, sizeof label, "step %d (%s)", step, what);
        assert_current_is_open(lv, dir, &o, 0, label);
    }
    cr_assert_gt(reused_files, 0, "no refresh took a segment");
    cr_assert_gt(carried, 0, "no refresh carried a record over");
    lp_live_close(lv);
    wf_remove(dir);
}

/* ------------------------------------------------------------ the kept payload */

/* Insert ins after the opening quote of a `key = "` of f, one taken at
 * random; 0 when f has none (or is gone). */
static int edit_value(const char *f, const char *key, uint64_t *seed, const char *ins, char *what, size_t wn)
{
    size_t len, n = 0, at[4096];
    char *text = jt_read_file(f, &len);
    if (!text) return 0;
    for (char *p = text; (p = strstr(p, key)) && n < 4096; p++) {
        if (p > text && p[-1] != ' ' && p[-1] != '\t' && p[-1] != '\n') continue;
        char *q = p + strlen(key);
        q += strspn(q, " \t");
        if (*q++ != '=') continue;
        q += strspn(q, " \t");
        if (*q == '"') at[n++] = (size_t)(q + 1 - text);
    }
    if (n) {
        size_t k = at[wf_rnd(seed) % n];
        wf_splice(f, text, len, k, ins);
        snprintf(what, wn, "%s: %s edited at %zu (+%s)", f, key, k, ins);
    }
    free(text);
    return n > 0;
}

/* A seeded walk of edits over a copy of a real mod, mostly titles (what
 * the payload shows; escapes and non-ASCII included), descriptions and
 * dashboards' tags, with a structural edit now and then when `shape`:
 * after a refresh the version's kept payload (lp_live_payload: made from
 * the previous version's when only fragments changed) is a fresh open's
 * lp_available_dashboards_json byte for byte, and payload_changed says
 * whether the fresh payload differs from the previous step's.  `ask`: the
 * payload is asked for after three steps in four (a refresh after a step
 * that asked for none still has one to start from: the refresh before it
 * made it); else never (each refresh decides from the fragments alone, up
 * to a structural edit, after which both payloads are made).  *spliced and
 * *shared: lv_payload_counts at the end. */
static void payload_walk(int steps, int ask, int shape, uint64_t *spliced, uint64_t *shared, int *changes)
{
    const char *src = wf_shared("corpus/aws_cloudtrail_log_detections");
    char *dir = wf_tmpdir();
    char cmd[8400], dash[4200];
    snprintf(cmd, sizeof cmd, "cp -r '%s/.' '%s/'", src, dir);
    cr_assert_eq(system(cmd), 0);
    /* dashboards are a flat map: two more of them to edit (written again when an edit took them) */
    static const char dash_pp[] =
        "dashboard \"walk_d1\" {\n  title = \"D1\"\n  tags = { a = \"1\", b = \"2\" }\n}\n"
        "dashboard \"walk_d2\" {\n  title = \"D2\"\n}\n";
    wf_write(dir, "walk_dash.pp", dash_pp);
    snprintf(dash, sizeof dash, "%s/walk_dash.pp", dir);
    static const char *const pp[] = { ".pp", NULL };
    static const char *const ins[] = { "x", "<&>", "\xc3\xa9", "\\\"q\\\"", "\\n", "" };
    lp_workspace_opts o = { .workers = 1 };
    lp_live *lv = live_open(dir, &o);
    lp_error err;
    lp_workspace *ws = lp_live_acquire(lv);
    cr_assert_eq(lp_wait_resolved(ws, -1), LP_OK);
    lp_buf prev = { 0 };
    cr_assert_eq(lp_available_dashboards_json(ws, &prev), LP_OK);
    lp_payload *p;
    if (ask) {
        cr_assert_eq(lp_live_payload(lv, ws, &p), LP_OK);
        lp_payload_release(p);
    }
    lp_live_release(lv, ws);
    uint64_t seed = 0x9a710adull + (uint64_t)ask;
    *changes = 0;
    for (int step = 0; step < steps; step++) {
        paths files = { 0 };
        cr_assert_eq(paths_walk(&files, dir, pp, NULL, 1), 0);
        const char *f = files.v[wf_rnd(&seed) % files.n], *in = ins[wf_rnd(&seed) % 6];
        char what[8800];
        int op = (int)(wf_rnd(&seed) % (shape ? 12 : 10)), done = 0;
        if (op < 6) done = edit_value(f, "title", &seed, in, what, sizeof what);
        else if (op < 8) done = edit_value(f, "description", &seed, in, what, sizeof what);
        if (op < 10 && !done) {
            const char *k = op == 8 || op < 8 ? "title" : wf_rnd(&seed) % 2 ? "a" : "b";
            if (!edit_value(dash, k, &seed, in, what, sizeof what)) {
                wf_write(dir, "walk_dash.pp", dash_pp);
                snprintf(what, sizeof what, "walk_dash.pp written again");
            }
        } else if (op >= 10) {
            static const int kinds[] = { WF_CUT, WF_INSERT, WF_DELETE, WF_RENAME, WF_NEW_FILE };
            wf_edit(dir, (wf_edit_kind)kinds[wf_rnd(&seed) % 5], f, &seed, step, what, sizeof what);
        }
        paths_free(&files);
        lp_changes c;
        cr_assert_eq(lp_refresh(lv, &c), LP_OK, "step %d (%s)", step, what);
        lp_workspace *fresh;
        cr_assert_eq(lp_open(dir, &o, &fresh, &err), LP_OK, "step %d (%s): %s", step, what, err.message);
        cr_assert_eq(lp_wait_resolved(fresh, -1), LP_OK);
        lp_buf b = { 0 };
        cr_assert_eq(lp_available_dashboards_json(fresh, &b), LP_OK);
        lp_close(fresh);
        if (ask && step % 4 != 3) {
            ws = lp_live_acquire(lv);
            cr_assert_eq(lp_live_payload(lv, ws, &p), LP_OK, "step %d (%s)", step, what);
            lp_live_release(lv, ws);
            size_t n, d = 0;
            const char *got = lp_payload_bytes(p, &n);
            while (d < n && d < b.len && got[d] == b.data[d]) d++;
            cr_assert(n == b.len && d == n,
                      "step %d (%s): kept payload (%zu bytes) != fresh (%zu), from %zu: %.80s", step, what, n,
                      b.len, d, got + (d < n ? d : 0));
            lp_payload_release(p);
        }
        int differs = b.len != prev.len || memcmp(b.data, prev.data, b.len) != 0;
        cr_assert_eq(c.payload_changed, differs, "step %d (%s): payload_changed %d", step, what,
                     c.payload_changed);
        *changes += differs;
        lp_buf_free(&prev);
        prev = b;
        lp_changes_free(&c);
    }
    lv_payload_counts(lv, spliced, shared);
    lp_buf_free(&prev);
    lp_live_close(lv);
    wf_remove(dir);
}

Test(live, the_kept_payload_is_a_fresh_payload_byte_for_byte)
{
    uint64_t spliced, shared;
    int changes;
    payload_walk(150, 1, 1, &spliced, &shared, &changes);
    cr_assert(spliced > 10 && shared > 0 && changes > 10, "spliced %llu, shared %llu, changes %d",
              (unsigned long long)spliced, (unsigned long long)shared, changes);
}

/* No payload asked for: payload_changed from the fragments alone. */
Test(live, payload_changed_without_a_kept_payload)
{
    uint64_t spliced, shared;
    int changes;
    payload_walk(40, 0, 0, &spliced, &shared, &changes);
    cr_assert(spliced == 0 && shared == 0 && changes > 5, "spliced %llu, shared %llu, changes %d",
              (unsigned long long)spliced, (unsigned long long)shared, changes);
}

/* A hierarchy too large to expand (26 levels of two benchmarks, each with
 * both of the next level as children: 2^26 nested objects) has no payload
 * (LP_ERR_ARG): a refresh still succeeds, and two such versions have the
 * same (no) bytes, whether only a title changed or a benchmark came. */
Test(live, a_payload_too_large_to_make_across_refreshes)
{
    char *dir = wf_mod_dir("mod \"m\" {\n}\n");
    lp_buf t = { 0 };
    for (int i = 0; i < 26; i++)
        for (int k = 0; k < 2; k++) {
            lp_buf_printf(&t, "benchmark \"%c%d\" {\n  title = \"T%c%d\"\n", "xy"[k], i, "xy"[k], i);
            if (i < 25) lp_buf_printf(&t, "  children = [benchmark.x%d, benchmark.y%d]\n", i + 1, i + 1);
            lp_buf_printf(&t, "}\n");
        }
    wf_write(dir, "a.pp", t.data);
    lp_buf_free(&t);
    lp_workspace_opts o = { .workers = 1 };
    lp_live *lv = live_open(dir, &o);
    lp_workspace *ws = lp_live_acquire(lv);
    cr_assert_eq(lp_wait_resolved(ws, -1), LP_OK);
    lp_payload *p;
    cr_assert_eq(lp_live_payload(lv, ws, &p), LP_ERR_ARG);
    cr_assert_null(p);
    lp_live_release(lv, ws);
    static const char *const what[] = { "a title", "a new benchmark" };
    for (int step = 0; step < 2; step++) {
        if (step == 0) {
            size_t len;
            char path[4200];
            snprintf(path, sizeof path, "%s/a.pp", dir);
            char *text = jt_read_file(path, &len);
            char *at = strstr(text, "Tx5");
            wf_splice(path, text, len, (size_t)(at - text) + 1, "z");
            free(text);
        } else {
            wf_write(dir, "b.pp", "benchmark \"z\" {\n  title = \"Z\"\n}\n");
        }
        lp_changes c;
        cr_assert_eq(lp_refresh(lv, &c), LP_OK, "%s", what[step]);
        cr_assert(c.changed && !c.payload_changed, "%s: payload_changed %d", what[step], c.payload_changed);
        lp_changes_free(&c);
        ws = lp_live_acquire(lv);
        cr_assert_eq(lp_live_payload(lv, ws, &p), LP_ERR_ARG, "%s", what[step]);
        lp_live_release(lv, ws);
    }
    /* the same benchmarks as two chains: a payload again, which differs */
    t = (lp_buf){ 0 };
    for (int i = 0; i < 26; i++)
        for (int k = 0; k < 2; k++) {
            lp_buf_printf(&t, "benchmark \"%c%d\" {\n  title = \"T%c%d\"\n", "xy"[k], i, "xy"[k], i);
            if (i < 25) lp_buf_printf(&t, "  children = [benchmark.%c%d]\n", "xy"[k], i + 1);
            lp_buf_printf(&t, "}\n");
        }
    wf_write(dir, "a.pp", t.data);
    lp_buf_free(&t);
    lp_changes c;
    cr_assert_eq(lp_refresh(lv, &c), LP_OK);
    cr_assert(c.changed && c.payload_changed, "the hierarchy cut down: payload_changed %d",
              c.payload_changed);
    lp_changes_free(&c);
    ws = lp_live_acquire(lv);
    cr_assert_eq(lp_live_payload(lv, ws, &p), LP_OK, "a payload again");
    lp_buf fresh = { 0 };
    cr_assert_eq(lp_available_dashboards_json(ws, &fresh), LP_OK);
    size_t n;
    const char *bytes = lp_payload_bytes(p, &n);
    cr_assert(n == fresh.len && memcmp(bytes, fresh.data, n) == 0, "the kept payload is not a build's");
    lp_buf_free(&fresh);
    lp_payload_release(p);
    lp_live_release(lv, ws);
    lp_live_close(lv);
    wf_remove(dir);
}
