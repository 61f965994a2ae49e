/* test_inputs.c — every input of a workspace recorded with its stat and
 * content hash, and lp_input_check telling a touched input from a changed
 * one (the source table of the snapshot issue, 13 §1).
 *
 * The facts compared against are the test's own: it reads each file and
 * hashes the bytes with xxhash itself, stats each path itself, and makes
 * each change on disk (with explicit mtimes, so that a change within one
 * clock tick cannot hide).  Also: list JSON quotes a source definition only
 * from the bytes the index was built from (a file rewritten since, with the
 * same size, gives none rather than a torn item).  And an image's inputs checked through their
 * directories held open (inp_check_in) give what a stat of each whole path gives.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/inputs.h"
#include "lazypipe.h"
#include "support/jsontree.h"
#include "support/wsfix.h"

static lp_workspace *open_resolved(const char *dir)
{
    lp_workspace_opts o = { .workers = 1, .no_background = 1 };
    lp_workspace *ws = NULL;
    lp_error err;
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "lp_open: %s", err.message);
    return ws;
}

static const char *path_in(const char *dir, const char *rel)
{
    static char p[4][4096];
    static int k;
    k = (k + 1) % 4;
    if (!*rel) snprintf(p[k], sizeof p[k], "%s", dir);
    else snprintf(p[k], sizeof p[k], "%s/%s", dir, rel);
    return p[k];
}

/* The input whose path is dir/rel and whose kind is kind, or UINT32_MAX. */
static uint32_t find_input(lp_workspace *ws, const char *dir, const char *rel, lp_input_kind kind)
{
    const char *want = path_in(dir, rel);
    for (uint32_t i = 0; i < lp_input_count(ws); i++) {
        lp_input_info in;
        cr_assert_eq(lp_input_get(ws, i, &in), LP_OK);
        if (in.kind == kind && strcmp(in.path, want) == 0) return i;
    }
    return UINT32_MAX;
}

static uint32_t must_find(lp_workspace *ws, const char *dir, const char *rel, lp_input_kind kind)
{
    uint32_t i = find_input(ws, dir, rel, kind);
    cr_assert_neq(i, UINT32_MAX, "no input %s of kind %d", path_in(dir, rel), kind);
    return i;
}

static lp_input_state state_of(lp_workspace *ws, uint32_t i)
{
    lp_input_state st;
    cr_assert_eq(lp_input_check(ws, i, &st), LP_OK);
    return st;
}

/* Set dir/rel's mtime to `sec` seconds after the epoch. */
static void set_mtime(const char *dir, const char *rel, long sec)
{
    struct timespec ts[2] = { { sec, 0 }, { sec, 0 } };
    cr_assert_eq(utimensat(AT_FDCWD, path_in(dir, rel), ts, 0), 0, "utimensat %s: %s", rel, strerror(errno));
}

/* rel written with text, then dated (rel itself when NULL; "" the mod's directory) given mtime sec */
static void write_dated(const char *dir, const char *rel, const char *text, const char *dated, long sec)
{
    wf_write(dir, rel, text);
    set_mtime(dir, dated ? dated : rel, sec);
}

Test(inputs, every_input_recorded_with_its_stat_and_hash)
{
    char *dir = wf_inputs_mod();
    lp_workspace *ws = open_resolved(dir);
    /* the sources first, numbered as the files */
    cr_assert_geq(lp_input_count(ws), lp_file_count(ws) + 5);
    for (uint32_t f = 0; f < lp_file_count(ws); f++) {
        lp_file_info fi;
        lp_input_info in;
        cr_assert_eq(lp_file_get(ws, f, &fi), LP_OK);
        cr_assert_eq(lp_input_get(ws, f, &in), LP_OK);
        cr_assert_str_eq(in.path, fi.path);
        cr_assert_eq(in.kind, LP_INPUT_SOURCE);
    }
    static const char *const files[] = { "mod.pp", "a.pp", "sub/b.pp", "powerpipe.ppvars", "doc.md" };
    static const lp_input_kind kinds[] = { LP_INPUT_SOURCE, LP_INPUT_SOURCE, LP_INPUT_SOURCE, LP_INPUT_VARS,
                                           LP_INPUT_FILE_FN };
    for (size_t i = 0; i < 5; i++) {
        lp_input_info in;
        cr_assert_eq(lp_input_get(ws, must_find(ws, dir, files[i], kinds[i]), &in), LP_OK);
        size_t len;
        char *text = jt_read_file(path_in(dir, files[i]), &len);
        struct stat st;
        cr_assert(text && stat(path_in(dir, files[i]), &st) == 0);
        cr_assert(in.present);
        cr_assert_eq(in.size, len, "%s", files[i]);
        cr_assert_eq(in.hash, XXH3_64bits(text, len), "%s: content hash", files[i]);
        cr_assert_eq(in.inode, (uint64_t)st.st_ino, "%s", files[i]);
        cr_assert_eq(in.device, (uint64_t)st.st_dev, "%s", files[i]);
        int64_t mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
        cr_assert_eq(in.mtime_ns, mtime, "%s", files[i]);
        free(text);
    }
    /* the directories listed, and what was looked for and not found */
    must_find(ws, dir, "", LP_INPUT_DIRECTORY);
    must_find(ws, dir, "sub", LP_INPUT_DIRECTORY);
    lp_input_info in;
    cr_assert_eq(lp_input_get(ws, must_find(ws, dir, ".powerpipeignore", LP_INPUT_IGNORE), &in), LP_OK);
    cr_assert(!in.present && in.err == ENOENT);
    cr_assert_eq(lp_input_get(ws, must_find(ws, dir, ".powerpipe/mods", LP_INPUT_DIRECTORY), &in), LP_OK);
    cr_assert(!in.present);
    /* the resolution read the variable file and file()'s target: one record each */
    unsigned docs = 0;
    for (uint32_t i = 0; i < lp_input_count(ws); i++) {
        cr_assert_eq(lp_input_get(ws, i, &in), LP_OK);
        docs += strcmp(in.path, path_in(dir, "doc.md")) == 0;
    }
    cr_assert_eq(docs, 1);
    for (uint32_t i = 0; i < lp_input_count(ws); i++)
        cr_assert_eq(state_of(ws, i), LP_INPUT_SAME, "input %u changed though nothing did", i);
    cr_assert_eq(lp_input_get(ws, lp_input_count(ws), &in), LP_ERR_ARG);
    wf_done(&ws, &dir);
}

Test(inputs, phase_two_inputs_only_with_resolution)
{
    char *dir = wf_inputs_mod();
    lp_workspace *ws = wf_open(dir, 1);   /* no resolution */
    cr_assert_eq(find_input(ws, dir, "powerpipe.ppvars", LP_INPUT_VARS), UINT32_MAX);
    cr_assert_eq(find_input(ws, dir, "doc.md", LP_INPUT_FILE_FN), UINT32_MAX);
    must_find(ws, dir, "a.pp", LP_INPUT_SOURCE);
    wf_done(&ws, &dir);
}

Test(inputs, touched_is_not_changed)
{
    char *dir = wf_inputs_mod();
    lp_workspace *ws = open_resolved(dir);
    uint32_t a = must_find(ws, dir, "a.pp", LP_INPUT_SOURCE);
    uint32_t doc = must_find(ws, dir, "doc.md", LP_INPUT_FILE_FN);
    uint32_t vars = must_find(ws, dir, "powerpipe.ppvars", LP_INPUT_VARS);
    /* the same bytes with another mtime, then written again with the same bytes */
    set_mtime(dir, "a.pp", 1000000);
    cr_assert_eq(state_of(ws, a), LP_INPUT_TOUCHED);
    write_dated(dir, "a.pp", wf_inputs_a_pp, NULL, 2000000);
    cr_assert_eq(state_of(ws, a), LP_INPUT_TOUCHED);
    /* other bytes, the same size */
    char *other = strdup(wf_inputs_a_pp);
    memcpy(strstr(other, "AAAA"), "BBBB", 4);
    write_dated(dir, "a.pp", other, NULL, 3000000);
    cr_assert_eq(state_of(ws, a), LP_INPUT_CHANGED);
    free(other);
    /* phase 2's inputs */
    write_dated(dir, "doc.md", "# Dac\n", NULL, 3000000);
    cr_assert_eq(state_of(ws, doc), LP_INPUT_CHANGED);
    write_dated(dir, "powerpipe.ppvars", "region = \"eu\"\n", NULL, 3000000);
    cr_assert_eq(state_of(ws, vars), LP_INPUT_CHANGED);
    wf_done(&ws, &dir);
}

/* Rewritten within the same timestamp tick, same size: the stat is the same
 * as recorded, only the bytes tell.  The file was modified just before the
 * workspace read it, so its stat is not trusted (inputs.h, INP_RACY_NS). */
Test(inputs, racily_clean_file_is_hashed)
{
    char *dir = wf_inputs_mod();
    lp_workspace *ws = open_resolved(dir);
    uint32_t a = must_find(ws, dir, "a.pp", LP_INPUT_SOURCE);
    lp_input_info in;
    cr_assert_eq(lp_input_get(ws, a, &in), LP_OK);
    char *other = strdup(wf_inputs_a_pp);
    memcpy(strstr(other, "AAAA"), "CCCC", 4);
    wf_write(dir, "a.pp", other);
    free(other);
    struct timespec ts[2] = { { (time_t)(in.mtime_ns / 1000000000), (long)(in.mtime_ns % 1000000000) },
                              { (time_t)(in.mtime_ns / 1000000000), (long)(in.mtime_ns % 1000000000) } };
    cr_assert_eq(utimensat(AT_FDCWD, path_in(dir, "a.pp"), ts, 0), 0);
    struct stat st;
    cr_assert_eq(stat(path_in(dir, "a.pp"), &st), 0);
    cr_assert_eq((uint64_t)st.st_size, in.size);
    cr_assert_eq((int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec, in.mtime_ns);
    cr_assert_eq(state_of(ws, a), LP_INPUT_CHANGED);
    wf_done(&ws, &dir);
}

Test(inputs, files_and_directories_appearing_and_going)
{
    char *dir = wf_inputs_mod();
    lp_workspace *ws = open_resolved(dir);
    uint32_t root = must_find(ws, dir, "", LP_INPUT_DIRECTORY);
    uint32_t sub = must_find(ws, dir, "sub", LP_INPUT_DIRECTORY);
    uint32_t b = must_find(ws, dir, "sub/b.pp", LP_INPUT_SOURCE);
    uint32_t ignore = must_find(ws, dir, ".powerpipeignore", LP_INPUT_IGNORE);
    uint32_t mods = must_find(ws, dir, ".powerpipe/mods", LP_INPUT_DIRECTORY);
    /* an editor's temporary file, gone again: the names are the same */
    wf_write(dir, "a.pp.swp", "x");
    cr_assert_eq(unlink(path_in(dir, "a.pp.swp")), 0);
    set_mtime(dir, "", 1000000);
    cr_assert_eq(state_of(ws, root), LP_INPUT_TOUCHED);
    /* a new file */
    write_dated(dir, "c.pp", "query \"c\" {\n  sql = \"select 3\"\n}\n", "", 2000000);
    cr_assert_eq(state_of(ws, root), LP_INPUT_CHANGED);
    /* a file deleted */
    cr_assert_eq(unlink(path_in(dir, "sub/b.pp")), 0);
    set_mtime(dir, "sub", 2000000);
    cr_assert_eq(state_of(ws, b), LP_INPUT_GONE);
    cr_assert_eq(state_of(ws, sub), LP_INPUT_CHANGED);
    /* what was absent appears */
    cr_assert_eq(state_of(ws, ignore), LP_INPUT_SAME);
    wf_write(dir, ".powerpipeignore", "sub/\n");
    cr_assert_eq(state_of(ws, ignore), LP_INPUT_CHANGED);
    cr_assert_eq(state_of(ws, mods), LP_INPUT_SAME);
    wf_write(dir, ".powerpipe/mods/github.com/x/y@v1/mod.pp", "mod \"y\" {}\n");
    cr_assert_eq(state_of(ws, mods), LP_INPUT_CHANGED);
    wf_done(&ws, &dir);
}

Test(inputs, dependency_mod_directories_are_inputs)
{
    char *dir = wf_inputs_mod();
    wf_write(dir, ".powerpipe/mods/github.com/x/dep@v1.0.0/mod.pp", "mod \"dep\" {}\n");
    wf_write(dir, ".powerpipe/mods/github.com/x/dep@v1.0.0/q.pp", "query \"d\" {\n  sql = \"select 4\"\n}\n");
    lp_workspace *ws = open_resolved(dir);
    must_find(ws, dir, ".powerpipe/mods", LP_INPUT_DIRECTORY);
    must_find(ws, dir, ".powerpipe/mods/github.com/x", LP_INPUT_DIRECTORY);
    uint32_t root = must_find(ws, dir, ".powerpipe/mods/github.com/x/dep@v1.0.0", LP_INPUT_DIRECTORY);
    must_find(ws, dir, ".powerpipe/mods/github.com/x/dep@v1.0.0/q.pp", LP_INPUT_SOURCE);
    cr_assert_eq(state_of(ws, root), LP_INPUT_SAME);
    write_dated(dir, ".powerpipe/mods/github.com/x/dep@v1.0.0/r.pp",
                "query \"r\" {\n  sql = \"select 5\"\n}\n", ".powerpipe/mods/github.com/x/dep@v1.0.0",
                1000000);
    cr_assert_eq(state_of(ws, root), LP_INPUT_CHANGED);
    wf_done(&ws, &dir);
}

/* issue 13 §2: a title from one version of a file beside the source
 * definition of another was printed under file churn */
Test(inputs, list_json_quotes_only_the_indexed_bytes)
{
    char *dir = wf_inputs_mod();
    lp_workspace *ws = open_resolved(dir);
    lp_buf j = { 0 };
    cr_assert_eq(lp_list_json(ws, LP_KIND_CONTROL, &j), LP_OK);
    cr_assert(j.data && strstr(j.data, "\"source_definition\":\"control \\\"a\\\""), "%.*s", (int)j.len,
              j.data);
    lp_buf_free(&j);
    char *other = strdup(wf_inputs_a_pp);
    memcpy(strstr(other, "AAAA"), "BBBB", 4);   /* the same size: only the bytes tell */
    wf_write(dir, "a.pp", other);
    free(other);
    lp_buf k = { 0 };
    cr_assert_eq(lp_list_json(ws, LP_KIND_CONTROL, &k), LP_OK);
    cr_assert(k.data && strstr(k.data, "\"title\":\"AAAA\""), "%.*s", (int)k.len, k.data);
    cr_assert(!strstr(k.data, "BBBB"), "a torn item: %.*s", (int)k.len, k.data);
    lp_buf_free(&k);
    wf_done(&ws, &dir);
}

/* rel's record as read now (as the build records an input), its mtime set to `sec` first */
static inp_rec record_of(const char *dir, const char *rel, long sec, lp_input_kind kind)
{
    if (sec) set_mtime(dir, rel, sec);
    inp_rec r = { .path = strdup(path_in(dir, rel)), .kind = (uint8_t)kind };
    srcfile_info in;
    int rc = kind == LP_INPUT_DIRECTORY ? srcfile_stat(r.path, &in, NULL) : srcfile_hash_file(r.path, &in);
    cr_assert_eq(rc, 0, "%s: %s", rel, strerror(in.err));
    if (kind == LP_INPUT_DIRECTORY) {   /* its digest as inputs.h defines it: a sum over its names */
        in.hash = 0;
        DIR *d = opendir(r.path);
        cr_assert(d);
        for (struct dirent *e; (e = readdir(d)) != NULL;)
            in.hash += inp_dir_name_hash(e->d_name, strlen(e->d_name));
        closedir(d);
    }
    r.size = in.size;
    r.mtime_ns = in.mtime_ns;
    r.dev = in.dev;
    r.ino = in.ino;
    r.hash = in.hash;
    r.ctime = in.ctime;
    return r;
}

/* A reopen checks every input of the image through the directory it last opened: the same state
 * as a stat by path for each, whatever happened to the files and to their directories (same names
 * in directories of names of the same length; a file gone; a directory made a file; a symbolic
 * link to a directory pointed elsewhere), in the order the image keeps them and in reverse. */
Test(inputs, checks_through_held_directories_equal_checks_by_path)
{
    char *dir = wf_tmpdir();
    const char *files[] = { "d1/same.pp", "d1/b.pp", "d2/same.pp", "d2/c.pp",
                            "d3/e.pp",    "d3/f.pp", "top.pp" };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) wf_write(dir, files[i], files[i]);
    wf_write(dir, "other/same.pp", "another directory's file of the same name");
    cr_assert_eq(symlink("d3", path_in(dir, "link")), 0);
    const char *rels[] = { "d1/same.pp", "d1/b.pp", "d2/same.pp", "d2/c.pp", "d3/e.pp", "link/e.pp",
                           "top.pp", "d3" };
    enum { N = sizeof rels / sizeof *rels };
    inp_rec r[N];
    for (size_t i = 0; i < N; i++)
        r[i] = record_of(dir, rels[i], i + 1 == N ? 0 : 1000000000L,
                         i + 1 == N ? LP_INPUT_DIRECTORY : LP_INPUT_SOURCE);
    int64_t read_at = inp_now_ns();
    /* the changes, and the state each record must be found in (the test's own facts) */
    wf_write(dir, "d2/same.pp", "d2's same.pp, longer than it was");
    cr_assert_eq(unlink(path_in(dir, "d1/b.pp")), 0);
    cr_assert_eq(unlink(path_in(dir, "d3/e.pp")), 0);
    wf_write(dir, "other/e.pp", "e.pp of another directory");
    cr_assert_eq(unlink(path_in(dir, "link")), 0);
    cr_assert_eq(symlink("other", path_in(dir, "link")), 0);
    cr_assert_eq(unlink(path_in(dir, "d2/c.pp")), 0);
    const lp_input_state want[N] = { LP_INPUT_SAME,    LP_INPUT_GONE,    LP_INPUT_CHANGED, LP_INPUT_GONE,
                                     LP_INPUT_GONE,    LP_INPUT_CHANGED, LP_INPUT_SAME,    LP_INPUT_CHANGED };
    for (int pass = 0; pass < 2; pass++) {
        inp_dirs dirs;
        inp_dirs_init(&dirs);
        for (size_t k = 0; k < N; k++) {
            size_t i = pass ? N - 1 - k : k;
            lp_input_state by_path = inp_check(&r[i], read_at);
            lp_input_state held = inp_check_in(&dirs, &r[i], read_at, NULL);
            cr_assert_eq(by_path, want[i], "%s by path: %d, want %d", rels[i], by_path, want[i]);
            cr_assert_eq(held, by_path, "%s through its directory: %d, by path %d", rels[i], held, by_path);
        }
        inp_dirs_close(&dirs);
    }
    /* a directory made a file: its files' stats fail as they do by path (ENOTDIR) */
    char d1[4096];
    snprintf(d1, sizeof d1, "%s", path_in(dir, "d1"));
    cr_assert_eq(unlink(path_in(dir, "d1/same.pp")), 0);
    cr_assert_eq(rmdir(d1), 0);
    wf_write(dir, "d1", "now a file");
    inp_dirs dirs;
    inp_dirs_init(&dirs);
    cr_assert_eq(inp_check_in(&dirs, &r[0], read_at, NULL), LP_INPUT_GONE);
    cr_assert_eq(inp_check(&r[0], read_at), LP_INPUT_GONE);
    cr_assert_eq(dirs.fd, -2, "a directory that is a file is not held");
    inp_dirs_close(&dirs);
    for (size_t i = 0; i < N; i++) free((char *)r[i].path);
    lp_workspace *none = NULL;
    wf_done(&none, &dir);
}

/* A racily clean file whose bytes differ from its record with its stat as recorded (rewritten within
 * the same timestamp tick) is changed, and the check says only the hash showed it: a check with a
 * later read time (an image recorded clean, cachedir.h) trusts the stat and finds it the same, so
 * the image must not be recorded clean then.  A change the stat shows is not hidden. */
Test(inputs, a_change_only_the_hash_shows_is_hidden)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "h.pp", "locals {\n  a = 1\n}\n");
    inp_rec r = record_of(dir, "h.pp", 0, LP_INPUT_SOURCE);
    int64_t read_at = inp_now_ns();   /* the file's mtime within the racy window of it */
    int hidden = -1;
    cr_assert_eq(inp_check_in(NULL, &r, read_at, &hidden), LP_INPUT_SAME);
    cr_assert_eq(hidden, 0);
    r.hash ^= 1;   /* the bytes read then were others, the stat the same */
    cr_assert_eq(inp_check_in(NULL, &r, read_at, &hidden), LP_INPUT_CHANGED);
    cr_assert_eq(hidden, 1, "only the hash showed the change");
    cr_assert_eq(inp_check_in(NULL, &r, read_at + 10 * INP_RACY_NS, &hidden), LP_INPUT_SAME,
                 "a later read time trusts the stat");
    cr_assert_eq(hidden, 0);
    r.size++;   /* a change the stat shows */
    cr_assert_eq(inp_check_in(NULL, &r, read_at, &hidden), LP_INPUT_CHANGED);
    cr_assert_eq(hidden, 0);
    free((char *)r.path);
    lp_workspace *none = NULL;
    wf_done(&none, &dir);
}
