/* test_index_honest.c — diagnostics that say what happened (issue 19 §3):
 * input that used to vanish, be renamed or be half-indexed without a word
 * now gets a diagnostic at file:line:col, and the rest keeps working.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/wsfix.h"

static lp_workspace *ws;
static char *dir;

static void done(void) { wf_done(&ws, &dir); }

TestSuite(honest, .fini = done);

static const lp_diag *diag_with(const char *summary)
{
    for (uint32_t i = 0; i < lp_diag_count(ws); i++)
        if (strcmp(lp_diag_at(ws, i)->summary, summary) == 0) return lp_diag_at(ws, i);
    return NULL;
}

/* The diagnostic `summary` exists, in a file ending with `file`, at line:col
 * (0:0 for a file-level one), its detail containing `detail`. */
static void want(const char *summary, const char *file, uint32_t line, uint32_t col, const char *detail)
{
    const lp_diag *d = diag_with(summary);
    cr_assert(d, "no diagnostic \"%s\"", summary);
    size_t n = strlen(d->file), m = strlen(file);
    cr_assert(n >= m && strcmp(d->file + n - m, file) == 0, "%s: in %s, not %s", summary, d->file, file);
    cr_assert_eq(d->line, line, "%s: line %u", summary, d->line);
    cr_assert_eq(d->col, col, "%s: col %u", summary, d->col);
    cr_assert(strstr(d->detail, detail), "%s: %s", summary, d->detail);
}

/* Write dir/rel with n bytes (NULs allowed). */
static void write_bytes(const char *rel, const char *text, size_t n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    FILE *f = fopen(path, "wb");
    cr_assert(f);
    cr_assert_eq(fwrite(text, 1, n, f), n);
    fclose(f);
}

static void mod_m(void)
{
    dir = wf_mod_dir("mod \"m\" {\n}\n");
}

Test(honest, a_file_cut_in_a_block_header_indexes_no_half_name)
{
    mod_m();
    wf_write(dir, "a.pp", "control \"ok\" {\n}\nbenchmark \"all_contro");
    ws = wf_open(dir, 1);
    want("Invalid block definition", "a.pp", 3, 22, "opening brace");
    cr_assert_eq(lp_lookup(ws, "m.benchmark.all_contro"), LP_NO_ENTRY);
    cr_assert_eq(lp_next_top_level(ws, LP_NO_ENTRY), LP_NO_ENTRY, "no top-level benchmark");
    cr_assert_neq(lp_lookup(ws, "m.control.ok"), LP_NO_ENTRY);
    lp_buf b = { 0 };
    cr_assert_eq(lp_available_dashboards_json(ws, &b), LP_OK);
    cr_assert(!strstr(b.data, "all_contro"), "%s", b.data);
    lp_buf_free(&b);
}

Test(honest, nul_in_a_string_is_reported)
{
    mod_m();
    static const char text[] = "control \"t\" {\n  title = \"x\0y\"\n}\n";
    write_bytes("a.pp", text, sizeof text - 1);
    ws = wf_open(dir, 1);
    want("NUL character in string", "a.pp", 2, 3, "cut there");
    cr_assert_eq(diag_with("NUL character in string")->severity, LP_SEV_WARNING);
    cr_assert_str_eq(wf_get(ws, "m.control.t").title, "x");
}

Test(honest, nul_from_an_escape_is_reported)
{
    mod_m();
    wf_write(dir, "a.pp", "control \"t\" {\n  description = \"ok\"\n  title = \"x\\u0000y\"\n}\n");
    ws = wf_open(dir, 1);
    want("NUL character in string", "a.pp", 3, 3, "cut there");
    cr_assert_eq(lp_diag_count(ws), 1);
    cr_assert_str_eq(wf_get(ws, "m.control.t").title, "x");
}

Test(honest, extra_labels_are_reported_as_powerpipe_does)
{
    mod_m();
    wf_write(dir, "a.pp", "control \"a\" \"b\" {\n}\ncontrol \"c\" {\n}\n");
    ws = wf_open(dir, 1);
    /* hclsyntax's Body.PartialContent with pipe-fittings' schema (label "name") */
    want("Extraneous label for control", "a.pp", 1, 13,
         "Only 1 labels (name) are expected for control blocks.");
    /* Powerpipe fails the mod; here the error is reported and the block
     * kept by its first label, as other blocks with errors are */
    cr_assert_neq(lp_lookup(ws, "m.control.a"), LP_NO_ENTRY);
    cr_assert_neq(lp_lookup(ws, "m.control.c"), LP_NO_ENTRY);
}

Test(honest, a_hundred_thousand_labels_are_one_diagnostic)
{
    mod_m();
    size_t n = 100000;
    char *text = malloc(n * 4 + 64), *p = text;
    cr_assert(text);
    p += sprintf(p, "control");
    for (size_t i = 0; i < n; i++) p += sprintf(p, " \"%c\"", 'a' + (int)(i % 26));
    strcpy(p, " {\n}\n");
    wf_write(dir, "a.pp", text);
    free(text);
    ws = wf_open(dir, 1);
    cr_assert_eq(lp_diag_count(ws), 1);
    want("Extraneous label for control", "a.pp", 1, 13, "Only 1 labels");
}

Test(honest, dependency_without_mod_file)
{
    mod_m();
    wf_write(dir, ".powerpipe/mods/github.com/x/nomod@v1.0.0/q.pp", "query \"q\" {\n}\n");
    ws = wf_open(dir, 1);
    want("Dependency mod without mod file", "github.com/x/nomod@v1.0.0", 0, 0, "no mod.pp");
    cr_assert_eq(lp_mod_count(ws), 1);
}

Test(honest, dependency_linked_to_the_main_mod)
{
    mod_m();
    wf_write(dir, "q.pp", "query \"q\" {\n}\n");
    char path[4096];
    snprintf(path, sizeof path, "%s/.powerpipe/mods/github.com/x", dir);
    wf_write(dir, ".powerpipe/mods/github.com/x/keep", "");
    snprintf(path, sizeof path, "%s/.powerpipe/mods/github.com/x/self@v1", dir);
    cr_assert_eq(symlink(dir, path), 0);
    ws = wf_open(dir, 1);
    want("Linked dependency mod not followed", "self@v1", 0, 0, "the workspace's own mod");
    cr_assert_neq(lp_lookup(ws, "m.query.q"), LP_NO_ENTRY, "the main mod keeps its name");
    cr_assert_eq(lp_mod_count(ws), 1);
}

Test(honest, mod_file_that_is_a_fifo)
{
    dir = wf_tmpdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/mod.pp", dir);
    cr_assert_eq(mkfifo(path, 0600), 0);
    wf_write(dir, "q.pp", "query \"q\" {\n}\n");
    ws = wf_open(dir, 1);
    want("Cannot read mod file", "mod.pp", 0, 0, "FIFO");
    cr_assert_neq(lp_lookup(ws, "local.query.q"), LP_NO_ENTRY);
}

Test(honest, mod_file_that_is_a_directory_or_a_device)
{
    dir = wf_tmpdir();
    wf_write(dir, "mod.pp/inner.pp", "query \"inner\" {\n}\n");
    ws = wf_open(dir, 1);
    want("Cannot read mod file", "mod.pp", 0, 0, "directory");
    lp_close(ws);
    wf_remove(dir);
    dir = wf_tmpdir();
    char path[4096];
    snprintf(path, sizeof path, "%s/mod.pp", dir);
    cr_assert_eq(symlink("/dev/null", path), 0);
    ws = wf_open(dir, 1);
    want("Cannot read mod file", "mod.pp", 0, 0, "device");
}

Test(honest, two_mod_blocks)
{
    dir = wf_mod_dir("mod \"m\" {\n}\nmod \"n\" {\n}\n");
    wf_write(dir, "q.pp", "query \"q\" {\n}\n");
    ws = wf_open(dir, 1);
    want("Duplicate mod block", "mod.pp", 3, 1, "line 1 is used");
    cr_assert_neq(lp_lookup(ws, "m.query.q"), LP_NO_ENTRY);
}

Test(honest, resolve_diagnostics_stay_inside_the_file)
{
    mod_m();
    wf_write(dir, "a.pp", "control \"x\" {\n  title = (\n");
    lp_workspace_opts o = { .workers = 1, .no_background = 1 };
    lp_error err;
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_wait_resolved(ws, -1), LP_OK);
    want("Missing expression", "a.pp", 3, 1, "end of the file");
    /* a.pp has 2 lines: its end is 3:1; the resolver adds nothing past it */
    for (uint32_t i = 0; i < lp_resolve_diag_count(ws); i++)
        cr_assert_leq(lp_resolve_diag_at(ws, i)->line, 3, "%s", lp_resolve_diag_at(ws, i)->summary);
}

Test(honest, code_excerpt_is_one_line_and_whole_characters)
{
    mod_m();
    char text[2048], *p = text;
    p += sprintf(p, "control \"x\" {\n  title = upper([\n    \"a");
    for (int i = 0; i < 100; i++) p += sprintf(p, "\xc3\xa9");
    sprintf(p, "\",\n    \"b\"\n  ])\n}\n");
    wf_write(dir, "a.pp", text);
    lp_workspace_opts o = { .workers = 1, .no_background = 1 };
    lp_error err;
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_wait_resolved(ws, -1), LP_OK);
    cr_assert_geq(lp_resolve_diag_count(ws), 1);
    const lp_diag *d = lp_resolve_diag_at(ws, 0);
    cr_assert_eq(d->line, 2);
    cr_assert_eq(d->col, 17);
    const char *ex = strstr(d->detail, "(in `");
    cr_assert(ex, "%s", d->detail);
    cr_assert(!strchr(d->detail, '\n'), "%s", d->detail);
    cr_assert(strstr(ex, "[ \"a\xc3\xa9"), "a line break and its indentation are one space: %s", ex);
    const char *dots = strstr(ex, "...`");
    cr_assert(dots, "%s", ex);
    /* the byte before "..." ends a whole character (é is C3 A9) */
    cr_assert_eq((unsigned char)dots[-1], 0xA9, "%s", ex);
}

Test(honest, path_longer_than_path_max)
{
    size_t n = PATH_MAX + 100;
    char *p = malloc(n + 1);
    cr_assert(p);
    for (size_t i = 0; i < n; i += 2) {
        p[i] = 'a';
        p[i + 1] = '/';
    }
    p[n] = 0;
    lp_error err;
    lp_workspace *w = NULL;
    int rc = lp_open(p, NULL, &w, &err);
    free(p);
    cr_assert_eq(rc, LP_ERR_IO);
    cr_assert_null(w);
    cr_assert(strstr(err.message, strerror(ENAMETOOLONG)), "%s", err.message);
}

Test(honest, arena_bytes_is_filled)
{
    mod_m();
    wf_write(dir, "q.pp", "query \"q\" {\n  title = \"Q\"\n}\n");
    ws = wf_open(dir, 1);
    lp_workspace_stats s;
    lp_workspace_stats_get(ws, &s);
    cr_assert_gt(s.arena_bytes, 0);
    cr_assert_geq(s.arena_bytes, (uint64_t)s.entries * 8);
}
