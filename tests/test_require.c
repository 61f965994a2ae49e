/* test_require.c — the mods the main mod requires (lp_require_count /
 * lp_require_get): read from mod.pp's `require { mod "<path>" {...} }` with
 * the version as written and the block's position, installed when a
 * dependency mod under .powerpipe/mods has that path; the same after a
 * reopen from the index image and after live refreshes, whether they list
 * the workspace again or take the previous listing.  Workspaces are built
 * in temporary directories, plus the Powerpipe test mods that require mods.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/wsdump.h"
#include "support/wsfix.h"

static lp_workspace *ws;
static char *dir;

static void done(void) { wf_done(&ws, &dir); }

TestSuite(require, .fini = done);

static lp_require_info req(const lp_workspace *w, uint32_t i)
{
    lp_require_info q;
    memset(&q, 0, sizeof q);
    cr_assert_eq(lp_require_get(w, i, &q), LP_OK, "require %u", i);
    return q;
}

static const char *in_dir(const char *d, const char *rel)
{
    static char p[2][4200];
    static int k;
    k ^= 1;
    snprintf(p[k], sizeof p[k], "%s/%s", d, rel);
    return p[k];
}

static const char two_mods[] =
    "mod \"main\" {\n"
    "  title = \"Main\"\n"
    "  require {\n"
    "    powerpipe {\n      min_version = \"0.4.0\"\n    }\n"
    "    plugin \"aws\" {\n      min_version = \"0.91.0\"\n    }\n"
    "    mod \"github.com/x/installed\" {\n      version = \"^1.2\"\n    }\n"
    "      mod \"github.com/x/missing\" {\n      version = \"*\"\n      args = { a = 1 }\n    }\n"
    "  }\n"
    "}\n";

static void install(const char *d, const char *at, const char *name)
{
    char rel[512], text[256];
    snprintf(rel, sizeof rel, ".powerpipe/mods/%s/mod.pp", at);
    snprintf(text, sizeof text, "mod \"%s\" {\n}\n", name);
    wf_write(d, rel, text);
}

Test(require, two_mods_one_installed)
{
    dir = wf_mod_dir(two_mods);
    install(dir, "github.com/x/installed@v1.2.3", "installed");
    ws = wf_open(dir, 1);
    cr_assert_eq(lp_require_count(ws), 2, "plugin and powerpipe are no mods");
    lp_require_info a = req(ws, 0), b = req(ws, 1);
    cr_assert_str_eq(a.path, "github.com/x/installed");
    cr_assert_str_eq(a.version, "^1.2");
    cr_assert_eq(a.installed, 1);
    cr_assert_str_eq(a.file, in_dir(dir, "mod.pp"));
    cr_assert_eq(a.line, 10);
    cr_assert_eq(a.col, 5);
    cr_assert_str_eq(b.path, "github.com/x/missing");
    cr_assert_str_eq(b.version, "*");
    cr_assert_eq(b.installed, 0);
    cr_assert_eq(b.line, 13);
    cr_assert_eq(b.col, 7);
    lp_require_info z;
    cr_assert_eq(lp_require_get(ws, 2, &z), LP_ERR_ARG);
    cr_assert_eq(lp_require_get(NULL, 0, &z), LP_ERR_ARG);
    cr_assert_eq(lp_require_get(ws, 0, NULL), LP_ERR_ARG);
    cr_assert_eq(lp_require_count(NULL), 0);
}

Test(require, a_mod_not_installed)
{
    dir = wf_tmpdir();
    wf_write(dir, "mod.sp",
             "mod \"m\" {\n  require {\n    mod \"github.com/turbot/steampipe-mod-aws-insights\" {\n"
             "      version = \"*\"\n    }\n  }\n}\n");
    /* another mod with the same short name is not the required path */
    install(dir, "github.com/other/steampipe-mod-aws-insights-fork@v1.0.0", "aws_insights");
    ws = wf_open(dir, 1);
    cr_assert_eq(lp_require_count(ws), 1);
    lp_require_info q = req(ws, 0);
    cr_assert_str_eq(q.path, "github.com/turbot/steampipe-mod-aws-insights");
    cr_assert_eq(q.installed, 0);
    cr_assert_str_eq(q.file, in_dir(dir, "mod.sp"));
    cr_assert_eq(q.line, 3);
}

Test(require, none_without_require_or_without_mod_blocks_in_it)
{
    dir = wf_mod_dir("mod \"m\" {\n  title = \"no require\"\n}\n");
    ws = wf_open(dir, 1);
    cr_assert_eq(lp_require_count(ws), 0);
    done();
    dir = wf_mod_dir("mod \"m\" {\n  require {\n    powerpipe {\n      min_version = \"0.1.0\"\n    }\n"
                     "    plugin \"aws\" {\n      min_version = \"0.1.0\"\n    }\n    steampipe {\n"
                     "      min_version = \"0.20.0\"\n    }\n  }\n}\n");
    ws = wf_open(dir, 1);
    cr_assert_eq(lp_require_count(ws), 0);
    done();
    /* no mod file: the mod is `local`, it requires nothing */
    dir = wf_tmpdir();
    wf_write(dir, "a.pp", "query \"q\" {\n  sql = \"select 1\"\n}\n");
    ws = wf_open(dir, 1);
    cr_assert_eq(lp_require_count(ws), 0);
}

Test(require, versions_as_written_or_empty)
{
    dir = wf_mod_dir("mod \"m\" {\n  require {\n"
                     "    mod \"github.com/a/plain\" {\n      version = \"v1.0.0\"\n    }\n"
                     "    mod \"github.com/a/none\" {\n      branch = \"main\"\n    }\n"
                     "    mod \"github.com/a/computed\" {\n      version = var.v\n    }\n"
                     "    mod \"github.com/a/template\" {\n      version = \"${var.v}\"\n    }\n"
                     "  }\n}\n"
                     "variable \"v\" {\n  default = \"1\"\n}\n");
    ws = wf_open(dir, 1);
    cr_assert_eq(lp_require_count(ws), 4);
    cr_assert_str_eq(req(ws, 0).version, "v1.0.0");
    const char *paths[] = { "github.com/a/plain", "github.com/a/none", "github.com/a/computed",
                            "github.com/a/template" };
    for (uint32_t i = 0; i < 4; i++) {
        cr_assert_str_eq(req(ws, i).path, paths[i]);
        if (i) cr_assert_str_eq(req(ws, i).version, "", "%s", paths[i]);
    }
}

Test(require, only_the_main_mods_own_block)
{
    /* a dependency's own requires are its business; a require outside the
     * mod block is no requirement; a broken mod file has none */
    dir = wf_mod_dir(
        "require {\n  mod \"github.com/a/outside\" {\n    version = \"*\"\n  }\n}\n"
        "mod \"m\" {\n  require {\n    mod \"github.com/a/dep\" {\n      version = \"*\"\n    }\n  }\n}\n");
    install(dir, "github.com/a/dep@v1.0.0", "dep");
    wf_write(dir, ".powerpipe/mods/github.com/a/dep@v1.0.0/mod.pp",
             "mod \"dep\" {\n  require {\n    mod \"github.com/a/transitive\" {\n      version = \"*\"\n"
             "    }\n  }\n}\n");
    ws = wf_open(dir, 1);
    cr_assert_eq(lp_require_count(ws), 1);
    cr_assert_str_eq(req(ws, 0).path, "github.com/a/dep");
    cr_assert_eq(req(ws, 0).installed, 1);
    done();
    dir = wf_mod_dir(
        "mod \"m\" {\n  require {\n    mod \"github.com/a/dep\" {\n      version = \"*\"\n    }\n  }\n"
        "  title = \n}\n");
    ws = wf_open(dir, 1);
    cr_assert_geq(lp_diag_count(ws), 1);
    cr_assert_eq(lp_require_count(ws), 0, "a mod file with syntax errors requires nothing");
}

Test(require, a_transitive_dependency_counts_as_installed)
{
    dir =
        wf_mod_dir("mod \"m\" {\n  require {\n    mod \"github.com/a/dep\" {\n      version = \"*\"\n    }\n"
                   "    mod \"github.com/a/nested\" {\n      version = \"*\"\n    }\n  }\n}\n");
    install(dir, "github.com/a/dep@v1.0.0", "dep");
    install(dir, "github.com/a/dep@v1.0.0/.powerpipe/mods/github.com/a/nested@v2.0.0", "nested");
    ws = wf_open(dir, 1);
    cr_assert_eq(lp_mod_count(ws), 3);
    cr_assert_eq(lp_require_count(ws), 2);
    cr_assert_eq(req(ws, 0).installed, 1);
    cr_assert_eq(req(ws, 1).installed, 1);
}

/* Powerpipe's own test mods: multi-mod requires two mods it has installed;
 * multi-mod-invalid-dep's installed directory has no mod file, so it is no
 * mod and the requirement is not met. */
Test(require, powerpipe_test_mods)
{
    const char *multi = wf_shared("testdata/powerpipe/lazy-loading-tests/multi-mod/main");
    ws = wf_open(multi, 1);
    cr_assert_eq(lp_require_count(ws), 2);
    cr_assert_str_eq(req(ws, 0).path, "github.com/test/dep-mod");
    cr_assert_str_eq(req(ws, 0).version, "v1.0.0");
    cr_assert_eq(req(ws, 0).installed, 1);
    cr_assert_eq(req(ws, 0).line, 6);
    cr_assert_eq(req(ws, 0).col, 5);
    cr_assert_str_eq(req(ws, 1).path, "github.com/test/dep-mod-2");
    cr_assert_str_eq(req(ws, 1).version, "v2.0.0");
    cr_assert_eq(req(ws, 1).installed, 1);
    lp_close(ws);
    ws = wf_open(wf_shared("testdata/powerpipe/lazy-loading-tests/multi-mod-invalid-dep"), 1);
    cr_assert_eq(lp_require_count(ws), 1);
    cr_assert_str_eq(req(ws, 0).path, "github.com/test/invalid-dep");
    cr_assert_eq(req(ws, 0).installed, 0);
    lp_close(ws);
    /* the corpus mods require a plugin only */
    ws = wf_open(wf_shared("corpus/aws_compliance"), 1);
    cr_assert_eq(lp_require_count(ws), 0);
}

/* ------------------------------------------------------------ image */

static lp_workspace *open_cached(const char *d, const char *cache, int *reopened)
{
    lp_workspace_opts o = { .no_background = 1, .index_cache = cache };
    lp_workspace *w = NULL;
    lp_error err;
    cr_assert_eq(lp_open(d, &o, &w, &err), LP_OK, "%s", err.message);
    lp_workspace_stats st;
    lp_workspace_stats_get(w, &st);
    *reopened = st.reopened;
    return w;
}

static void dump(lp_workspace *w, lp_buf *b)
{
    b->len = 0;
    wsd_dump(w, 0, b);
}

static void assert_same(const lp_buf *a, const lp_buf *b, const char *what)
{
    char msg[2048];
    cr_assert(!wsd_diff(a->data, a->len, b->data, b->len, msg, sizeof msg), "%s: %s", what, msg);
}

Test(require, a_reopened_image_gives_the_same_requires)
{
    dir = wf_tmpdir();
    char *cache = wf_tmpdir();
    wf_write(dir, "mod.pp", two_mods);
    wf_write(dir, "a.pp", "query \"q\" {\n  sql = \"select 1\"\n}\n");
    install(dir, "github.com/x/installed@v1.2.3", "installed");
    int reopened;
    lp_buf fresh = { 0 }, again = { 0 };
    lp_workspace *w = open_cached(dir, cache, &reopened);
    cr_assert(!reopened);
    dump(w, &fresh);
    lp_close(w);
    w = open_cached(dir, cache, &reopened);
    cr_assert(reopened, "not reopened from the image");
    cr_assert_eq(lp_require_count(w), 2);
    cr_assert_str_eq(req(w, 0).version, "^1.2");
    cr_assert_eq(req(w, 0).installed, 1);
    cr_assert_eq(req(w, 1).installed, 0);
    cr_assert_eq(req(w, 1).line, 13);
    dump(w, &again);
    lp_close(w);
    assert_same(&fresh, &again, "reopened");
    /* a stale image patched (a source file edited): its listing is taken,
     * the requires with it */
    wf_write(dir, "a.pp", "query \"q\" {\n  sql = \"select 22\"\n}\n");
    w = open_cached(dir, cache, &reopened);
    lp_workspace_stats st;
    lp_workspace_stats_get(w, &st);
    cr_assert(!reopened && st.patched, "not patched: %s", st.index_cache_note);
    dump(w, &again);
    lp_close(w);
    w = open_cached(dir, NULL, &reopened);
    dump(w, &fresh);
    lp_close(w);
    assert_same(&fresh, &again, "patched");
    /* installing the missing mod changes .powerpipe/mods: not the image's */
    install(dir, "github.com/x/missing@v0.1.0", "missing");
    w = open_cached(dir, cache, &reopened);
    cr_assert(!reopened);
    cr_assert_eq(req(w, 1).installed, 1);
    lp_close(w);
    /* the image that open wrote, reopened, or the stale one it kept (a small edit), patched again */
    w = open_cached(dir, cache, &reopened);
    lp_workspace_stats_get(w, &st);
    cr_assert(reopened || st.patched, "%s", st.index_cache_note);
    cr_assert_eq(req(w, 1).installed, 1);
    dump(w, &again);
    lp_close(w);
    w = open_cached(dir, NULL, &reopened);
    dump(w, &fresh);
    lp_close(w);
    assert_same(&fresh, &again, "after the install");
    lp_buf_free(&fresh);
    lp_buf_free(&again);
    wf_remove(cache);
}

/* ------------------------------------------------------------ live */

static void assert_live_is_fresh(lp_live *lv, const char *d, const char *what)
{
    lp_buf a = { 0 }, b = { 0 };
    lp_workspace *cur = lp_live_acquire(lv);
    wsd_dump(cur, 0, &a);
    lp_live_release(lv, cur);
    lp_workspace_opts o = { .workers = 1 };
    lp_workspace *fresh = NULL;
    lp_error err;
    cr_assert_eq(lp_open(d, &o, &fresh, &err), LP_OK, "%s", err.message);
    wsd_dump(fresh, 0, &b);
    lp_close(fresh);
    assert_same(&b, &a, what);
    lp_buf_free(&a);
    lp_buf_free(&b);
}

static uint32_t live_count(lp_live *lv, uint32_t i, int *installed)
{
    lp_workspace *cur = lp_live_acquire(lv);
    uint32_t n = lp_require_count(cur);
    if (installed && i < n) *installed = req(cur, i).installed;
    lp_live_release(lv, cur);
    return n;
}

Test(require, live_refreshes_carry_or_reread_them)
{
    dir = wf_mod_dir(two_mods);
    wf_write(dir, "a.pp", "query \"a\" {\n  sql = \"select 1\"\n}\n");
    install(dir, "github.com/x/installed@v1.2.3", "installed");
    lp_workspace_opts o = { .workers = 1 };
    lp_live *lv;
    lp_error err;
    cr_assert_eq(lp_live_open(dir, &o, &lv, &err), LP_OK, "%s", err.message);
    lp_changes c;
    /* a source edited: the refresh takes the previous listing, requires included */
    for (int i = 0; i < 3; i++) {
        wf_write(dir, "a.pp", i % 2 ? "query \"a\" {\n  sql = \"select 1\"\n}\n"
                                    : "query \"a\" {\n  sql = \"select 22\"\n}\n");
        cr_assert_eq(lp_refresh(lv, &c), LP_OK);
        cr_assert(c.changed);
        lp_changes_free(&c);
        cr_assert_eq(live_count(lv, 0, NULL), 2, "refresh %d lost the requires", i);
        assert_live_is_fresh(lv, dir, "a source edited");
    }
    /* mod.pp edited: read again */
    wf_write(dir, "mod.pp",
             "mod \"main\" {\n  require {\n    mod \"github.com/x/other\" {\n      version = \"1\"\n    }\n"
             "  }\n}\nquery \"in_mod\" {\n  sql = \"select 3\"\n}\n");
    cr_assert_eq(lp_refresh(lv, &c), LP_OK);
    lp_changes_free(&c);
    int inst = -1;
    cr_assert_eq(live_count(lv, 0, &inst), 1);
    cr_assert_eq(inst, 0);
    assert_live_is_fresh(lv, dir, "mod.pp edited");
    /* the mod installed */
    install(dir, "github.com/x/other@v1.0.0", "other");
    cr_assert_eq(lp_refresh(lv, &c), LP_OK);
    lp_changes_free(&c);
    cr_assert_eq(live_count(lv, 0, &inst), 1);
    cr_assert_eq(inst, 1, "installed after `mod install`");
    assert_live_is_fresh(lv, dir, "mod installed");
    /* the require removed */
    wf_write(dir, "mod.pp", "mod \"main\" {\n}\n");
    cr_assert_eq(lp_refresh(lv, &c), LP_OK);
    lp_changes_free(&c);
    cr_assert_eq(live_count(lv, 0, NULL), 0);
    assert_live_is_fresh(lv, dir, "require removed");
    lp_live_close(lv);
}
