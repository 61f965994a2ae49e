/* test_index_badinput.c — bad input loses nothing else (issue 3 §7):
 * a file that does not parse yields its diagnostics and everything else is
 * indexed (the blocks the parser recovered from that file are kept: the
 * decision documented in index.c/scan.h); a dangling symlink, a file deleted
 * between listing and reading and an unreadable file are skipped with a
 * warning; garbage never crashes.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "workspace/workspace.h"
#include "lazypipe.h"
#include "support/wsfix.h"

static lp_workspace *ws;
static char *dir;

static void done(void) { wf_done(&ws, &dir); }

TestSuite(bad, .fini = done);

static int has(const char *name) { return lp_lookup(ws, name) != LP_NO_ENTRY; }

static const lp_diag *find_diag(const char *summary)
{
    for (uint32_t i = 0; i < lp_diag_count(ws); i++)
        if (strstr(lp_diag_at(ws, i)->summary, summary)) return lp_diag_at(ws, i);
    return NULL;
}

static int file_status(const char *suffix)
{
    for (uint32_t f = 0; f < lp_file_count(ws); f++) {
        lp_file_info fi;
        lp_file_get(ws, f, &fi);
        size_t n = strlen(fi.path), m = strlen(suffix);
        if (n >= m && strcmp(fi.path + n - m, suffix) == 0) return fi.status;
    }
    cr_assert_fail("no file %s", suffix);
    return 0;
}

Test(bad, syntax_error_keeps_everything_else)
{
    dir = wf_mod_dir("mod \"m\" {\n}\n");
    wf_write(dir, "a_broken.pp",
             "query \"before\" {\n  sql = \"select 1\"\n}\n"
             "control \"bad\" {\n  title = \n}\n"
             "query \"unclosed\" {\n  title = \"U\"\n");
    wf_write(dir, "b_fine.pp", "benchmark \"b\" {\n  children = [query.before]\n}\ncontrol \"ok\" {\n}\n");
    ws = wf_open(dir, 2);
    cr_assert(has("m.benchmark.b"));
    cr_assert(has("m.control.ok"));
    cr_assert(has("m.query.before"), "a block that parsed before the error is kept");
    cr_assert_eq(file_status("a_broken.pp"), LP_ERR_SYNTAX);
    cr_assert_eq(file_status("b_fine.pp"), LP_OK);
    lp_workspace_stats s;
    lp_workspace_stats_get(ws, &s);
    cr_assert_gt(s.errors, 0);
    /* every diagnostic of the broken file carries its position */
    int seen = 0;
    for (uint32_t i = 0; i < lp_diag_count(ws); i++) {
        const lp_diag *d = lp_diag_at(ws, i);
        if (!strstr(d->file, "a_broken.pp")) continue;
        seen++;
        cr_assert_gt(d->line, 0);
        cr_assert_gt(d->col, 0);
        char line[1024];
        lp_diag_format(d, line, sizeof line);
        char want[512];
        snprintf(want, sizeof want, "%s/a_broken.pp:%u:%u: ", dir, d->line, d->col);
        cr_assert_eq(strncmp(line, want, strlen(want)), 0, "%s", line);
    }
    cr_assert_gt(seen, 0);
}

/* A mod of ok.pp and, beside it, a file rel that cannot be read (the caller makes it at path). */
static void mod_beside(const char *rel, char *path, size_t size)
{
    dir = wf_mod_dir("mod \"m\" {\n}\n");
    wf_write(dir, "ok.pp", "query \"ok\" {\n}\n");
    snprintf(path, size, "%s/%s", dir, rel);
}

/* The mod opens, ok.pp indexed, rel skipped with a warning (its detail holds detail, when given). */
static void expect_skipped(const char *rel, const char *detail)
{
    ws = wf_open(dir, 1);
    cr_assert(has("m.query.ok"));
    const lp_diag *d = find_diag("Cannot read file");
    cr_assert(d, "a warning names %s", rel);
    cr_assert_eq(d->severity, LP_SEV_WARNING);
    cr_assert(strstr(d->file, rel), "%s", d->file);
    cr_assert(!detail || strstr(d->detail, detail), "%s", d->detail);
    cr_assert_eq(file_status(rel), LP_ERR_IO);
}

Test(bad, dangling_symlink_is_skipped_with_a_warning)
{
    char link[4096];
    mod_beside("dangling.pp", link, sizeof link);
    cr_assert_eq(symlink("/nonexistent/nowhere.pp", link), 0);
    expect_skipped("dangling.pp", "dangling symlink");
}

static void delete_one(void *user, const mod_set *ms)
{
    const char *victim = user;
    int found = 0;
    for (uint32_t i = 0; i < ms->nfiles; i++)
        if (strstr(ms->files[i].path, victim)) found = 1;
    cr_assert(found, "the file was listed");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, victim);
    cr_assert_eq(unlink(path), 0);
}

Test(bad, file_deleted_between_listing_and_reading)
{
    dir = wf_mod_dir("mod \"m\" {\n}\n");
    wf_write(dir, "gone.pp", "query \"gone\" {\n}\n");
    wf_write(dir, "stays.pp", "query \"stays\" {\n}\n");
    lp_workspace_opts o = { .workers = 2, .no_resolve = 1 };
    lp_error err;
    cr_assert_eq(ws_open_hooked(dir, &o, delete_one, "gone.pp", &ws, &err), LP_OK, "%s", err.message);
    cr_assert(has("m.query.stays"));
    cr_assert(!has("m.query.gone"));
    const lp_diag *d = find_diag("Cannot read file");
    cr_assert(d);
    cr_assert_eq(d->severity, LP_SEV_WARNING);
    cr_assert(strstr(d->detail, "disappeared"), "%s", d->detail);
}

Test(bad, unreadable_file_is_skipped_with_a_warning)
{
    char path[4096];
    mod_beside("unreadable.pp", path, sizeof path);
    if (geteuid() != 0) {
        wf_write(dir, "unreadable.pp", "query \"secret\" {\n}\n");
        cr_assert_eq(chmod(path, 0), 0);
    } else {
        /* root reads any mode: use a file whose read fails (EIO) */
        cr_assert_eq(symlink("/proc/self/mem", path), 0);
    }
    expect_skipped("unreadable.pp", NULL);
}

Test(bad, garbage_and_odd_entries_never_crash)
{
    dir = wf_mod_dir("mod \"m\" {\n}\n");
    wf_write(dir, "garbage.pp", "\x01\x02\xff\xfe{{{}}]]\"\\\n<<EOT\n${%{ \xc3\x28 query \"x\" {");
    wf_write(dir, "dir.pp/inside.pp", "query \"inside\" {\n}\n");   /* a directory named *.pp */
    wf_write(dir, "ok.pp", "query \"ok\" {\n}\n");
    ws = wf_open(dir, 1);
    cr_assert(has("m.query.ok"));
    cr_assert(has("m.query.inside"));
    cr_assert_eq(file_status("garbage.pp"), LP_ERR_SYNTAX);
}

Test(bad, open_errors)
{
    lp_workspace *w = (lp_workspace *)1;
    lp_error err;
    cr_assert_eq(lp_open("/nonexistent/dir", NULL, &w, &err), LP_ERR_NOT_FOUND);
    cr_assert_null(w);
    cr_assert(strstr(err.message, "no such directory"));
    dir = wf_tmpdir();
    wf_write(dir, "file.pp", "x = 1\n");
    char path[4096];
    snprintf(path, sizeof path, "%s/file.pp", dir);
    cr_assert_eq(lp_open(path, NULL, &w, &err), LP_ERR_NOT_FOUND);
    cr_assert(strstr(err.message, "not a directory"));
    cr_assert_eq(lp_open(NULL, NULL, &w, &err), LP_ERR_ARG);
}
