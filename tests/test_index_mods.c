/* test_index_mods.c — mods and file listing (POWERPIPE_BEHAVIOR §2, §3.1 with
 * §13): the main mod's name and title, `local`, dependency mods (own names,
 * transitive, two versions), hidden directories, extensions, symlinks and
 * .powerpipeignore with gitignore rules.  Inputs are built in temporary
 * directories; the expectations follow from the rules by hand.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "index/build.h"
#include "lazypipe.h"
#include "support/wsfix.h"

static lp_workspace *ws;
static char *dir;

static void done(void) { wf_done(&ws, &dir); }

TestSuite(mods, .fini = done);

static int has(const char *name) { return lp_lookup(ws, name) != LP_NO_ENTRY; }

Test(mods, main_title_is_the_mod_blocks_own_not_opengraph)
{
    dir =
        wf_mod_dir("mod \"main\" {\n  # title = \"comment\"\n  opengraph {\n    title = \"Open Graph\"\n  }\n"
                   "  title = \"Main Title\"\n  description = \"d\"\n}\nquery \"in_mod_file\" {\n}\n");
    ws = wf_open(dir, 1);
    lp_mod_info m = wf_expect_mod(ws, 0, "main", "Main Title", NULL);
    cr_assert_str_eq(m.full_name, "mod.main");
    cr_assert_str_eq(m.root, dir);
    cr_assert(has("main.query.in_mod_file"), "mod.pp is also a source file");
    done();
    /* the corpus mod: "AWS Compliance", not its opengraph title */
    ws = wf_open(wf_shared("corpus/aws_compliance"), 0);
    wf_expect_mod(ws, 0, "aws_compliance", "AWS Compliance", NULL);
}

Test(mods, title_defaults_to_the_name_and_mod_sp_is_read)
{
    dir = wf_tmpdir();
    wf_write(dir, "mod.sp", "mod \"legacy\" {\n}\n");
    wf_write(dir, "q.sp", "query \"q\" {\n  sql = \"select 1\"\n}\n");
    ws = wf_open(dir, 1);
    wf_expect_mod(ws, 0, "legacy", "legacy", NULL);
    cr_assert(has("legacy.query.q"));
}

Test(mods, mod_file_without_a_mod_block)
{
    dir = wf_mod_dir("query \"q\" {\n}\n");
    ws = wf_open(dir, 1);
    wf_expect_mod(ws, 0, "local", NULL, NULL);
    cr_assert_eq(wf_count_diags(ws, "No mod definition found", NULL), 1);
    cr_assert(has("local.query.q"));
}

Test(mods, listing_rules)
{
    dir = wf_mod_dir("mod \"m\" {\n}\n");
    /* each file holds query "<its name>"; indexed: whether the listing reaches it */
    static const struct {
        const char *path, *name;
        int indexed;
    } files[] = {
        { "a.pp", "a", 1 },
        { "deep/er/still/b.pp", "b", 1 },
        { "deep/.hidden_below_root/c.pp", "c", 1 },   /* only root-level hidden is skipped */
        { ".hidden/d.pp", "d", 0 },
        { ".e.pp", "e", 0 },
        { "notes.txt", "f", 1 },                      /* through linked_file.pp below */
        { "g.hcl", "g", 0 },
        { "has space.pp", "h", 1 },
        { "elsewhere/i.pp", "i", 1 },
    };
    const size_t nfiles = sizeof files / sizeof *files;
    for (size_t i = 0; i < nfiles; i++) {
        char text[64];
        snprintf(text, sizeof text, "query \"%s\" {\n}\n", files[i].name);
        wf_write(dir, files[i].path, text);
    }
    char link[4096], target[4096];
    snprintf(link, sizeof link, "%s/linked_dir", dir);
    snprintf(target, sizeof target, "%s/elsewhere", dir);
    cr_assert_eq(symlink(target, link), 0);                                 /* not followed */
    snprintf(link, sizeof link, "%s/linked_file.pp", dir);
    snprintf(target, sizeof target, "%s/notes.txt", dir);
    cr_assert_eq(symlink(target, link), 0);                                 /* listed */
    ws = wf_open(dir, 2);
    for (size_t i = 0; i < nfiles; i++) {
        char name[64];
        snprintf(name, sizeof name, "m.query.%s", files[i].name);
        cr_assert_eq(has(name), files[i].indexed, "%s: indexed %d", files[i].path, !files[i].indexed);
    }
    cr_assert_eq(lp_diag_count(ws), 0);
    /* files in sorted path order */
    const char *prev = "";
    for (uint32_t f = 0; f < lp_file_count(ws); f++) {
        lp_file_info fi;
        lp_file_get(ws, f, &fi);
        cr_assert_gt(strcmp(fi.path, prev), 0);
        prev = fi.path;
    }
    cr_assert_eq(lp_file_count(ws), 7);   /* mod, a, b, c, "has space", i, linked_file */
}

Test(mods, powerpipeignore_gitignore_rules)
{
    dir = wf_mod_dir("mod \"m\" {\n}\n");
    wf_write(dir, ".powerpipeignore",
             "# comment\n\nold/\n*.draft.pp\n/rooted.pp\nnested/skip_*.pp\n**/deep_ignored.pp\n"
             "gen/**\n!keep.draft.pp\n");
    wf_write(dir, "old/a.pp", "query \"old_a\" {\n}\n");
    wf_write(dir, "x/old/b.pp", "query \"old_b\" {\n}\n");                  /* old/ matches at any depth */
    wf_write(dir, "x.draft.pp", "query \"draft\" {\n}\n");
    wf_write(dir, "sub/y.draft.pp", "query \"draft_sub\" {\n}\n");
    wf_write(dir, "keep.draft.pp", "query \"kept\" {\n}\n");
    wf_write(dir, "rooted.pp", "query \"rooted\" {\n}\n");
    wf_write(dir, "sub/rooted.pp", "query \"rooted_sub\" {\n}\n");           /* anchored: only at the root */
    wf_write(dir, "nested/skip_1.pp", "query \"skip1\" {\n}\n");
    wf_write(dir, "nested/keep_1.pp", "query \"keep1\" {\n}\n");
    wf_write(dir, "a/b/c/deep_ignored.pp", "query \"deep\" {\n}\n");
    wf_write(dir, "gen/z/z.pp", "query \"gen\" {\n}\n");
    wf_write(dir, "old.pp", "query \"old_file\" {\n}\n");                   /* old/ is for directories */
    ws = wf_open(dir, 1);
    cr_assert(!has("m.query.old_a"));
    cr_assert(!has("m.query.old_b"));
    cr_assert(!has("m.query.draft"));
    cr_assert(!has("m.query.draft_sub"));
    cr_assert(has("m.query.kept"));
    cr_assert(!has("m.query.rooted"));
    cr_assert(has("m.query.rooted_sub"));
    cr_assert(!has("m.query.skip1"));
    cr_assert(has("m.query.keep1"));
    cr_assert(!has("m.query.deep"));
    cr_assert(!has("m.query.gen"));
    cr_assert(has("m.query.old_file"));
}

Test(mods, ignore_pattern_matcher)
{
    cr_assert_eq(mod_ignore_match("*.pp", "a/b/c.pp", 0), 1);
    cr_assert_eq(mod_ignore_match("/c.pp", "a/c.pp", 0), 0);
    cr_assert_eq(mod_ignore_match("a/*.pp", "a/b/c.pp", 0), 0);       /* '*' stops at '/' */
    cr_assert_eq(mod_ignore_match("a/**/c.pp", "a/b/x/c.pp", 0), 1);
    cr_assert_eq(mod_ignore_match("a/**/c.pp", "a/c.pp", 0), 1);
    cr_assert_eq(mod_ignore_match("[a-c]?.pp", "bz.pp", 0), 1);
    cr_assert_eq(mod_ignore_match("[!a-c]?.pp", "bz.pp", 0), 0);
    cr_assert_eq(mod_ignore_match("!x.pp", "x.pp", 0), -1);
    cr_assert_eq(mod_ignore_match("dir/", "dir", 0), 0);
    cr_assert_eq(mod_ignore_match("dir/", "dir", 1), 1);
    cr_assert_eq(mod_ignore_match("# x.pp", "# x.pp", 0), 0);
    cr_assert_eq(mod_ignore_match("\\#x.pp", "#x.pp", 0), 1);
    cr_assert_eq(mod_ignore_match("  ", "x", 0), 0);
}

static void write_dep(const char *root, const char *rel, const char *modname, const char *extra)
{
    char path[1024], text[2048];
    snprintf(path, sizeof path, "%s/mod.pp", rel);
    if (modname) {
        snprintf(text, sizeof text, "mod \"%s\" {\n  title = \"Title of %s\"\n}\n", modname, modname);
        wf_write(root, path, text);
    }
    snprintf(path, sizeof path, "%s/res.pp", rel);
    wf_write(root, path, extra);
}

Test(mods, dependency_mods_transitive_and_duplicate_versions)
{
    dir = wf_mod_dir("mod \"main\" {\n}\n");
    wf_write(dir, "b.pp", "benchmark \"uses\" {\n  children = [dep_a.benchmark.a, leaf.control.l]\n}\n");
    write_dep(dir, ".powerpipe/mods/github.com/org/dep-a@v1.2.0", "dep_a",
              "benchmark \"a\" {\n  children = [control.a1]\n}\ncontrol \"a1\" {\n}\n");
    write_dep(dir, ".powerpipe/mods/github.com/org/dep-a@v1.2.0/.powerpipe/mods/github.com/org/leaf@v0.1.0",
              "leaf", "control \"l\" {\n}\n");
    write_dep(dir, ".powerpipe/mods/github.com/org/dep-a@v2.0.0", "dep_a", "control \"v2_only\" {\n}\n");
    write_dep(dir, ".powerpipe/mods/github.com/org/no-mod-file@v1.0.0", NULL, "control \"orphan\" {\n}\n");
    write_dep(dir, ".powerpipe/mods/github.com/org/unnamed@v1.0.0", NULL, "control \"u\" {\n}\n");
    wf_write(dir, ".powerpipe/mods/github.com/org/unnamed@v1.0.0/mod.pp", "locals {\n}\n");
    ws = wf_open(dir, 2);
    cr_assert_eq(lp_mod_count(ws), 5);
    wf_expect_mod(ws, 1, "dep_a", "Title of dep_a", "github.com/org/dep-a");
    wf_expect_mod(ws, 2, "leaf", NULL, "github.com/org/leaf");
    wf_expect_mod(ws, 3, "dep_a@v2.0.0", NULL, "github.com/org/dep-a"); /* the second version: name@version */
    wf_expect_mod(ws, 4, "unnamed@v1.0.0", NULL, NULL);                 /* no mod block: the directory name */
    cr_assert_eq(wf_count_diags(ws, "No mod block in mod file", NULL), 1);
    cr_assert(has("dep_a.control.a1"));
    cr_assert(has("leaf.control.l"));
    cr_assert(!has("dep_a.control.v2_only"), "the first version in path order keeps the name");
    cr_assert(has("dep_a@v2.0.0.control.v2_only"), "the second is indexed too, under name@version");
    /* no lock file says which mod uses which: a warning, the references reach the first */
    cr_assert_eq(wf_count_diags(ws, "Duplicate mod versions detected", "dep_a"), 1);
    cr_assert(!has("no-mod-file@v1.0.0.control.orphan"));
    lp_entry_info u = wf_get(ws, "main.benchmark.uses");
    cr_assert_eq(u.is_top_level, 1);
    cr_assert_eq(lp_entry_child_count(ws, lp_lookup(ws, "main.benchmark.uses")), 2);
    lp_entry_info a = wf_get(ws, "dep_a.benchmark.a");
    cr_assert_eq(a.is_top_level, 1, "top level in its own mod (eager)");
    cr_assert_str_eq(a.mod_full_name, "mod.dep_a");
}

/* Powerpipe's layout for mod_install.bats' tree: every version side by side under the
 * workspace's .powerpipe/mods, and .mod.cache.json saying which version each mod uses (the
 * main mod, by its name, uses top; top uses dep v4 and mid; mid uses dep v3).  Each mod's
 * references reach its own version; the one the main mod reaches first keeps the name. */
Test(mods, two_versions_resolved_through_the_lock_file)
{
    dir = wf_mod_dir("mod \"local\" {\n}\n");
    const char *m = ".powerpipe/mods/github.com/o/";
    char p[256];
    snprintf(p, sizeof p, "%sdep@v3.0.0", m);   /* first in path order, but not the main mod's */
    write_dep(dir, p, "dep", "control \"version\" {\n  query = query.version\n}\nquery \"version\" {\n}\n");
    snprintf(p, sizeof p, "%sdep@v4.0.0", m);
    write_dep(dir, p, "dep",
              "control \"version\" {\n  query = dep.query.version\n}\nquery \"version\" {\n}\n");
    snprintf(p, sizeof p, "%smid@v1.0.0", m);
    write_dep(dir, p, "mid", "benchmark \"b\" {\n  children = [dep.control.version]\n}\n"
                             "control \"c\" {\n  query = dep.query.version\n}\n");
    snprintf(p, sizeof p, "%stop@v3.0.0", m);
    write_dep(dir, p, "top", "benchmark \"b\" {\n  children = [dep.control.version, mid.benchmark.b]\n}\n");
    /* as Powerpipe writes it: keys sorted, a dependency's key its folder */
    wf_write(
        dir, ".mod.cache.json",
        "{\n  \"github.com/o/mid@v1.0.0\": {\n    \"github.com/o/dep\": {\n      \"version\": \"3.0.0\",\n"
        "      \"name\": \"github.com/o/dep\",\n      \"struct_version\": 20240429,\n"
        "      \"alias\": \"dep\"\n    }\n  },\n"
        "  \"github.com/o/top@v3.0.0\": {\n    \"github.com/o/dep\": {\n      \"version\": \"4.0.0\",\n"
        "      \"name\": \"github.com/o/dep\"\n    },\n"
        "    \"github.com/o/mid\": {\n      \"version\": \"1.0.0\",\n      \"name\": \"github.com/o/mid\"\n  "
        "  }\n  },\n"
        "  \"local\": {\n    \"github.com/o/top\": {\n      \"version\": \"3.0.0\",\n"
        "      \"name\": \"github.com/o/top\"\n    }\n  }\n}\n");
    ws = wf_open(dir, 2);
    cr_assert_eq(lp_mod_count(ws), 5);
    cr_assert_eq(wf_count_diags(ws, "Duplicate mod versions detected", NULL), 0, "the lock file decides");
    lp_entry_info e = wf_get(ws, "dep.control.version");
    cr_assert(strstr(e.file_name, "dep@v4.0.0/"), "top's version keeps the name: %s", e.file_name);
    e = wf_get(ws, "dep@v3.0.0.control.version");
    cr_assert(strstr(e.file_name, "dep@v3.0.0/"));
    cr_assert_str_eq(e.query_ref, "dep@v3.0.0.query.version", "its own query");
    cr_assert_str_eq(wf_get(ws, "dep.control.version").query_ref, "dep.query.version");
    cr_assert_str_eq(wf_get(ws, "mid.control.c").query_ref, "dep@v3.0.0.query.version", "mid's dep is v3");
    uint32_t b = lp_lookup(ws, "mid.benchmark.b");
    cr_assert_eq(lp_entry_child_count(ws, b), 1);
    cr_assert_eq(lp_entry_child(ws, b, 0), lp_lookup(ws, "dep@v3.0.0.control.version"));
    b = lp_lookup(ws, "top.benchmark.b");
    cr_assert_eq(lp_entry_child_count(ws, b), 2);
    cr_assert_eq(lp_entry_child(ws, b, 0), lp_lookup(ws, "dep.control.version"));
    cr_assert_eq(wf_count_diags(ws, "Missing child", NULL), 0);
    /* live: an edit of mid's file alone is refreshed without listing again (the listing is the
     * previous version's, aliases included): mid still reaches v3 */
    lp_close(ws);
    ws = NULL;
    lp_workspace_opts o = { .no_resolve = 1 };
    lp_live *lv;
    lp_error err;
    cr_assert_eq(lp_live_open(dir, &o, &lv, &err), LP_OK, "%s", err.message);
    snprintf(p, sizeof p, "%smid@v1.0.0/res.pp", m);
    wf_write(dir, p, "benchmark \"b\" {\n  title = \"edited\"\n  children = [dep.control.version]\n}\n"
                     "control \"c\" {\n  query = dep.query.version\n}\n");
    lp_changes ch;
    cr_assert_eq(lp_refresh(lv, &ch), LP_OK);
    cr_expect(ch.changed);
    lp_changes_free(&ch);
    lp_workspace *v = lp_live_acquire(lv);
    lp_entry_info e2;
    cr_assert_eq(lp_entry_get(v, lp_lookup(v, "mid.control.c"), &e2), LP_OK);
    cr_expect_str_eq(e2.query_ref, "dep@v3.0.0.query.version", "after a refresh too");
    uint32_t b2 = lp_lookup(v, "mid.benchmark.b");
    cr_expect_eq(lp_entry_child(v, b2, 0), lp_lookup(v, "dep@v3.0.0.control.version"));
    lp_live_release(lv, v);
    lp_live_close(lv);
    /* a lock file cut short (bad input): nothing of it is used, the first version in path order
     * keeps the name and a warning says why; no crash, no leak */
    wf_write(dir, ".mod.cache.json",
             "{\n  \"local\": {\n    \"github.com/o/top\": {\n      \"version\": \"3.0");
    ws = wf_open(dir, 1);
    cr_expect_eq(wf_count_diags(ws, "Duplicate mod versions detected", "dep@v4.0.0"), 1);
    cr_expect(strstr(wf_get(ws, "dep.control.version").file_name, "dep@v3.0.0/"));
    cr_expect(has("dep@v4.0.0.control.version"));
}

Test(mods, dependency_with_missing_files_is_skipped_whole)
{
    dir = wf_mod_dir("mod \"main\" {\n}\n");
    wf_write(dir, "q.pp", "query \"q\" {\n}\n");
    write_dep(dir, ".powerpipe/mods/github.com/org/broken@v1.0.0", "broken",
              "control \"b\" {\n}\nbogus \"x\" {\n}\n");
    write_dep(dir, ".powerpipe/mods/github.com/org/fine@v1.0.0", "fine", "control \"f\" {\n}\n");
    char link[4096];
    snprintf(link, sizeof link, "%s/.powerpipe/mods/github.com/org/broken@v1.0.0/zz_gone.pp", dir);
    cr_assert_eq(symlink("/nonexistent/target.pp", link), 0);
    ws = wf_open(dir, 1);
    cr_assert(has("main.query.q"));
    cr_assert(has("fine.control.f"));
    cr_assert(!has("broken.control.b"), "resources of a mod with a missing file are not indexed");
    cr_assert_eq(wf_count_diags(ws, "Skipping dependency mod with missing files", "zz_gone.pp"), 1);
    /* the skipped mod's files report nothing (its bogus block is not an error here) */
    cr_assert_eq(wf_count_diags(ws, "Unsupported block type", NULL), 0);
    lp_workspace_stats s;
    lp_workspace_stats_get(ws, &s);
    cr_assert_eq(s.errors, 0, "warnings only");
    /* its files are listed with no entries; the next mod's follow */
    for (uint32_t f = 0; f < lp_file_count(ws); f++) {
        lp_file_info fi;
        lp_file_get(ws, f, &fi);
        if (strstr(fi.path, "/broken@")) cr_assert_eq(fi.entry_count, 0, "%s", fi.path);
    }
    cr_assert_eq(lp_lookup(ws, "fine.control.f") + 1, lp_entry_count(ws));
}
