/* test_cachedir.c — the index cache directory (issue 27 §3, src/image/cachedir.c):
 * bounded by bytes with the least recently used images removed first (a reopen
 * is a use), seen and cleared through lp_index_cache_*, and racily clean inputs
 * recorded clean once the racy window has passed and their hashes matched.
 * Last uses are set with utimensat, as the library records them (mtime). */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/wsfix.h"

static char *dir;
static void done(void) { wf_remove(dir); }
TestSuite(cachedir, .fini = done);

/* dir/name of `bytes` bytes, last used `age_s` seconds ago */
static void put(const char *name, size_t bytes, int age_s)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    cr_assert(f, "%s", p);
    for (size_t i = 0; i < bytes; i++) fputc('x', f);
    fclose(f);
    struct timespec t[2];
    clock_gettime(CLOCK_REALTIME, &t[0]);
    t[0].tv_sec -= age_s;
    t[1] = t[0];
    cr_assert(utimensat(AT_FDCWD, p, t, 0) == 0);
}

static int exists(const char *name)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return access(p, F_OK) == 0;
}

#define MIB (1024 * 1024)

Test(cachedir, prune_removes_least_recently_used_first)
{
    dir = wf_tmpdir();
    put("a.lpidx", MIB, 300);   /* oldest use */
    put("a.lpclean", 24, 300);
    put("b.lpidx", MIB, 100);
    put("c.lpidx", MIB, 200);
    put("d.lpidx.tmpAAAAAA", 1000, 7200);   /* a dead writer's, two hours old */
    put("e.lpidx.tmpBBBBBB", 1000, 5);      /* a running writer's */
    put("notes.txt", 10, 9000);             /* not ours */
    lp_index_cache_info in;
    cr_assert_eq(lp_index_cache_info_get(dir, &in), LP_OK);
    cr_assert_eq(in.images, 4 - 1);
    cr_assert_eq(in.image_bytes, 3u * MIB);
    cr_assert_eq(in.bytes, 3u * MIB + 24 + 2000);
    cr_assert_lt(in.oldest_use_ns, in.newest_use_ns);
    uint32_t removed = 9;
    /* room for two images: the oldest (a) goes, with its record and the dead writer's file */
    cr_assert_eq(lp_index_cache_prune(dir, 2 * MIB + MIB / 2, &removed), LP_OK);
    cr_assert_eq(removed, 1);
    cr_assert(!exists("a.lpidx") && !exists("a.lpclean") && !exists("d.lpidx.tmpAAAAAA"));
    cr_assert(exists("b.lpidx") && exists("c.lpidx") && exists("e.lpidx.tmpBBBBBB") && exists("notes.txt"));
    /* c used now: b is then the least recently used */
    char p[4096];
    snprintf(p, sizeof p, "%s/c.lpidx", dir);
    cr_assert(utimensat(AT_FDCWD, p, NULL, 0) == 0);
    cr_assert_eq(lp_index_cache_prune(dir, MIB, &removed), LP_OK);
    cr_assert_eq(removed, 1);
    cr_assert(!exists("b.lpidx") && exists("c.lpidx"));
    cr_assert_eq(lp_index_cache_clear(dir, &removed), LP_OK);
    cr_assert_eq(removed, 1);
    cr_assert(!exists("c.lpidx") && !exists("e.lpidx.tmpBBBBBB") && exists("notes.txt"));
    cr_assert_eq(lp_index_cache_info_get(dir, &in), LP_OK);
    cr_assert_eq(in.images, 0);
    cr_assert_eq(in.bytes, 0);
    cr_assert_eq(lp_index_cache_prune("/nonexistent/cache", 0, NULL), LP_ERR_NOT_FOUND);
}

static char *mod_dir(const char *title)
{
    char *m = wf_tmpdir();
    char text[256];
    snprintf(text, sizeof text, "mod \"m\" {\n  title = \"%s\"\n}\n", title);
    wf_write(m, "mod.pp", text);
    wf_write(m, "d.pp", "dashboard \"d\" {\n  title = \"D\"\n}\n");
    return m;
}

/* whether an open patched the stale image and kept it (a small edit: nothing written) */
static int kept_stale(const lp_workspace_stats *st, const lp_resolve_stats *rs)
{
    return st->patched && strstr(rs->image_note, "the stale image kept") != NULL;
}

/* m opened with the cache (its bound max), and its stats */
static lp_workspace *opened(const char *m, uint64_t max, lp_workspace_stats *st, lp_resolve_stats *rs)
{
    lp_workspace_opts o = { .no_background = 1, .index_cache = dir, .index_cache_max_bytes = max };
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(m, &o, &ws, &err), LP_OK, "%s", err.message);
    lp_workspace_stats_get(ws, st);
    lp_resolve_stats_get(ws, rs);
    return ws;
}

static lp_workspace_stats open_close(const char *m, uint64_t max)
{
    lp_workspace_stats st;
    lp_resolve_stats rs;
    lp_workspace *ws = opened(m, max, &st, &rs);
    cr_assert(st.reopened || rs.image_written || kept_stale(&st, &rs), "%s%s", st.index_cache_note,
              rs.image_note);
    lp_close(ws);
    return st;
}

/* Writing an image applies the bound: with room for one image, the
 * workspace opened before loses its image, the one just written stays. */
Test(cachedir, writing_an_image_applies_the_bound)
{
    dir = wf_tmpdir();
    char *m1 = mod_dir("one"), *m2 = mod_dir("two");
    open_close(m1, 0);
    lp_index_cache_info in;
    cr_assert_eq(lp_index_cache_info_get(dir, &in), LP_OK);
    cr_assert_eq(in.images, 1);
    uint64_t one = in.image_bytes;
    open_close(m2, one + one / 2);
    cr_assert_eq(lp_index_cache_info_get(dir, &in), LP_OK);
    cr_assert_eq(in.images, 1, "%u images", in.images);
    cr_assert(open_close(m2, one + one / 2).reopened, "the image just written stayed");
    cr_assert(!open_close(m1, one + one / 2).reopened, "the older one went");
    /* under the default bound both stay */
    open_close(m2, 0);
    cr_assert_eq(lp_index_cache_info_get(dir, &in), LP_OK);
    cr_assert_eq(in.images, 2);
    wf_remove(m1);
    wf_remove(m2);
}

/* Files written just before the build are racily clean: a reopen hashes them.
 * Once the racy window (INP_RACY_NS, 2 s) has passed and a reopen found their
 * hashes unchanged, the image is recorded clean (<hash>.lpclean); a file edited
 * afterwards (same size, new mtime) is still seen. */
Test(cachedir, racily_clean_inputs_are_recorded_clean, .timeout = 60)
{
    dir = wf_tmpdir();
    char *m = mod_dir("racy");
    open_close(m, 0);
    lp_index_cache_info in;
    cr_assert_eq(lp_index_cache_info_get(dir, &in), LP_OK);
    cr_assert_eq(in.bytes, in.image_bytes, "no record while the files are racy");
    cr_assert(open_close(m, 0).reopened);
    cr_assert_eq(lp_index_cache_info_get(dir, &in), LP_OK);
    cr_assert_eq(in.bytes, in.image_bytes, "no record within the racy window");
    struct timespec w = { 2, 300000000 };
    nanosleep(&w, NULL);
    cr_assert(open_close(m, 0).reopened);
    cr_assert_eq(lp_index_cache_info_get(dir, &in), LP_OK);
    cr_assert_eq(in.bytes, in.image_bytes + 24, "the record (24 bytes) once the window passed");
    cr_assert(open_close(m, 0).reopened);
    /* same size, new mtime: changed, whatever the record says */
    wf_write(m, "d.pp", "dashboard \"d\" {\n  title = \"E\"\n}\n");
    lp_workspace_stats st = open_close(m, 0);
    cr_assert(!st.reopened, "an edited file is seen (%s)", st.index_cache_note);
    wf_remove(m);
}

/* The title of entry `name` of m as an open with the cache finds it (malloc'd), and in *kept whether
 * that open kept the stale image (kept_stale) */
static char *title_of(const char *m, const char *name, int *kept)
{
    lp_workspace_stats st;
    lp_resolve_stats rs;
    lp_workspace *ws = opened(m, 0, &st, &rs);
    *kept = kept_stale(&st, &rs);
    uint32_t id = lp_lookup(ws, name);
    cr_assert_neq(id, LP_NO_ENTRY, "%s", name);
    lp_entry_info e;
    lp_entry_get(ws, id, &e);
    char *t = strdup(e.title ? e.title : "");
    lp_close(ws);
    return t;
}

/* A stale image that a small edit's patch keeps is recorded clean too, once its racy inputs hashed
 * clean with the window past: a workspace imaged just after a checkout or a copy (every file racy)
 * and then edited had every file hashed again by each command after the edit, the image being
 * kept.  The edited file is still seen by its stat, and a file edited after the record too. */
Test(cachedir, a_kept_stale_image_is_recorded_clean, .timeout = 60)
{
    dir = wf_tmpdir();
    char *m = mod_dir("kept");
    for (int i = 0; i < 8; i++) {
        char name[32], text[96];
        snprintf(name, sizeof name, "e%d.pp", i);
        snprintf(text, sizeof text, "dashboard \"e%d\" {\n  title = \"E%d\"\n}\n", i, i);
        wf_write(m, name, text);
    }
    open_close(m, 0);
    wf_write(m, "d.pp", "dashboard \"d\" {\n  title = \"Edited\"\n}\n");
    int kept;
    char *t = title_of(m, "m.dashboard.d", &kept);
    cr_assert(kept, "a one-file edit keeps the stale image");
    cr_assert_str_eq(t, "Edited");
    free(t);
    lp_index_cache_info in;
    cr_assert_eq(lp_index_cache_info_get(dir, &in), LP_OK);
    cr_assert_eq(in.bytes, in.image_bytes, "no record within the racy window");
    struct timespec w = { 2, 300000000 };
    nanosleep(&w, NULL);
    t = title_of(m, "m.dashboard.d", &kept);
    cr_assert(kept);
    cr_assert_str_eq(t, "Edited");
    free(t);
    cr_assert_eq(lp_index_cache_info_get(dir, &in), LP_OK);
    cr_assert_eq(in.bytes, in.image_bytes + 24, "the stale image recorded clean (%llu of %llu bytes)",
                 (unsigned long long)in.bytes, (unsigned long long)in.image_bytes);
    /* after the record: the edited file still seen, and another edited (same size) too */
    wf_write(m, "e3.pp", "dashboard \"e3\" {\n  title = \"X3\"\n}\n");
    t = title_of(m, "m.dashboard.e3", &kept);
    cr_assert_str_eq(t, "X3");
    free(t);
    t = title_of(m, "m.dashboard.d", &kept);
    cr_assert_str_eq(t, "Edited");
    free(t);
    wf_remove(m);
}

static void set_mtime(const char *m, const char *rel, const struct timespec *t)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/%s", m, rel);
    struct timespec tt[2] = { t[0], t[0] };
    cr_assert(utimensat(AT_FDCWD, p, tt, 0) == 0, "%s", p);
}

/* A same-size edit in place with the mtime set back (touch -r, some editors)
 * leaves size and mtime as the image records them; the ctime changed, and it
 * is recorded too (as git does), so the reopen sees the edit. */
Test(cachedir, same_size_edit_with_the_mtime_restored_is_seen)
{
    dir = wf_tmpdir();
    char *m = mod_dir("ctime");
    struct timespec old;
    clock_gettime(CLOCK_REALTIME, &old);
    old.tv_sec -= 60;   /* not racily clean: the stat alone decides */
    set_mtime(m, "mod.pp", &old);
    set_mtime(m, "d.pp", &old);
    open_close(m, 0);
    cr_assert(open_close(m, 0).reopened);
    struct timespec w = { 0, 50000000 };   /* a later ctime tick than the file's last change */
    nanosleep(&w, NULL);
    wf_write(m, "d.pp", "dashboard \"d\" {\n  title = \"E\"\n}\n");
    set_mtime(m, "d.pp", &old);
    lp_workspace_opts o = { .no_background = 1, .index_cache = dir };
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(m, &o, &ws, &err), LP_OK, "%s", err.message);
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    cr_assert(!st.reopened, "the edit was not seen");
    lp_entry_info e;
    uint32_t id = lp_lookup(ws, "m.dashboard.d");
    cr_assert_neq(id, LP_NO_ENTRY);
    lp_entry_get(ws, id, &e);
    cr_assert_str_eq(e.title, "E");
    lp_close(ws);
    wf_remove(m);
}
