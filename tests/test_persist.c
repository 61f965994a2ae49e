/* test_persist.c — the persisted index (opts.index_cache, src/image/persist.c).
 *
 * The fact a reopen is held to is a fresh build: for every workspace, the
 * dump of everything a user can read (tests/support/wsdump.c: entries, tags,
 * hierarchy, files, diagnostics of both phases, payload, lists, variables,
 * inputs) of a workspace reopened from its image must be the same bytes as
 * the dump of the same directory opened without any cache.  Each kind of
 * input change must make the next open rebuild (and then agree with a fresh
 * build), a touch must not, and no damaged image may crash, leak or give an
 * answer: every corruption tried either rebuilds or, when it is crafted past
 * the checksum, still gives a workspace that reads without a sanitizer
 * report.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/xxh3.h"
#include "index/index.h"
#include "lazypipe.h"
#include "support/imgbytes.h"
#include "support/jsontree.h"
#include "support/paths.h"
#include "support/wsdump.h"
#include "support/wsfix.h"

typedef struct opened {
    int reopened, image_written, patched;
    char note[512];
} opened;

/* Open dir (cache: the image directory or NULL), resolved inline; the dump
 * of everything readable into *dump (may be NULL), the cache's outcome into
 * *o. */
static uint64_t cache_max;   /* opts.index_cache_max_bytes (0: the default) */

static void open_with(const char *dir, const char *cache, const char *const *vars, size_t nvars, lp_buf *dump,
                      opened *o)
{
    lp_workspace_opts opts = { .no_background = 1, .index_cache = cache, .vars = vars, .nvars = nvars,
                               .index_cache_max_bytes = cache_max };
    lp_workspace *ws = NULL;
    lp_error err;
    cr_assert_eq(lp_open(dir, &opts, &ws, &err), LP_OK, "lp_open(%s): %s", dir, err.message);
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    lp_resolve_stats rs;
    lp_resolve_stats_get(ws, &rs);
    if (o) {
        o->reopened = st.reopened;
        o->patched = st.patched;
        o->image_written = rs.image_written;
        snprintf(o->note, sizeof o->note, "%s%s", st.index_cache_note, rs.image_note);
    }
    lp_close(ws);
    if (dump) {
        /* a second open for the dump: wsd_open_dump passes the diagnostics callback too */
        cr_assert_eq(wsd_open_dump(dir, &opts, 0, 1, dump), LP_OK);
    }
}

static void assert_same_dump(const lp_buf *a, const lp_buf *b, const char *what)
{
    char msg[2048];
    cr_assert(!wsd_diff(a->data, a->len, b->data, b->len, msg, sizeof msg), "%s: %s", what, msg);
}

/* Build with the cache, reopen, and hold the reopen to a fresh build. */
static void reopen_equals_fresh(const char *dir)
{
    char *cache = wf_tmpdir();
    lp_buf fresh = { 0 }, again = { 0 };
    cr_assert_eq(wsd_open_dump(dir, &(lp_workspace_opts){ .no_background = 1 }, 0, 1, &fresh), LP_OK);
    opened o;
    open_with(dir, cache, NULL, 0, NULL, &o);
    cr_assert(!o.reopened && o.image_written, "%s: first open: %s", dir, o.note);
    open_with(dir, cache, NULL, 0, &again, &o);
    cr_assert(o.reopened, "%s: not reopened: %s", dir, o.note);
    assert_same_dump(&fresh, &again, dir);
    lp_buf_free(&fresh);
    lp_buf_free(&again);
    wf_remove(cache);
}

Test(persist, sample_mod) { reopen_equals_fresh("tests/data/sample_mod"); }
Test(persist, aws_cloudtrail_log_detections)
{
    reopen_equals_fresh(wf_shared("corpus/aws_cloudtrail_log_detections"));
}
Test(persist, aws_compliance) { reopen_equals_fresh(wf_shared("corpus/aws_compliance")); }
Test(persist, aws_insights) { reopen_equals_fresh(wf_shared("corpus/aws_insights")); }

Test(persist, lazy_loading_fixtures)
{
    static const char *const mod_pp[] = { "mod.pp", NULL };
    static const char *const skip[] = { ".powerpipe", NULL };
    paths mods = { 0 };
    cr_assert_eq(paths_walk(&mods, wf_shared("testdata/powerpipe/lazy-loading-tests"), mod_pp, skip, 0), 0);
    unsigned n = 0;
    for (size_t i = 0; i < mods.n; i++) {
        size_t l = strlen(mods.v[i]) - strlen("/mod.pp");
        if (mods.v[i][l] != '/') continue;
        mods.v[i][l] = '\0';
        reopen_equals_fresh(mods.v[i]);
        n++;
    }
    cr_assert_geq(n, 12, "only %u fixture workspaces", n);
    paths_free(&mods);
}

/* ------------------------------------------------------------ changes */

static void set_mtime(const char *dir, const char *rel, long sec)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    struct timespec ts[2] = { { sec, 0 }, { sec, 0 } };
    cr_assert_eq(utimensat(AT_FDCWD, p, ts, 0), 0, "utimensat %s: %s", p, strerror(errno));
}

/* After a change: the next open rebuilds or patches the image (saying why, naming `why` when
 * given) and agrees with a fresh build; when it wrote an image the open after it reopens it, when
 * it kept the stale one (a small edit's patch, workspace.c) the open after it patches that again. */
static void assert_rebuilt(const char *dir, const char *cache, const char *why, const char *const *vars,
                           size_t nvars)
{
    lp_buf fresh = { 0 }, rebuilt = { 0 };
    lp_workspace_opts plain = { .no_background = 1, .vars = vars, .nvars = nvars };
    cr_assert_eq(wsd_open_dump(dir, &plain, 0, 1, &fresh), LP_OK);
    opened o;
    open_with(dir, cache, vars, nvars, NULL, &o);
    cr_assert(!o.reopened, "%s: reopened though it changed", why ? why : "options");
    if (why) cr_assert(strstr(o.note, why), "rebuilt for \"%s\", expected %s", o.note, why);
    /* a stale image is patched (its segments: the unchanged files not scanned); other options: built */
    cr_assert_eq(o.patched, why != NULL, "patched %d: %s", o.patched, o.note);
    int kept = strstr(o.note, "the stale image kept") != NULL;
    cr_assert(o.image_written != kept, "image neither rewritten nor kept: %s", o.note);
    cr_assert(!kept || why, "a build for other options kept an image: %s", o.note);
    open_with(dir, cache, vars, nvars, &rebuilt, &o);
    if (kept) cr_assert(o.patched && !o.image_written, "the kept image not patched again: %s", o.note);
    else cr_assert(o.reopened, "not reopened after the rebuild: %s", o.note);
    assert_same_dump(&fresh, &rebuilt, why ? why : "options");
    lp_buf_free(&fresh);
    lp_buf_free(&rebuilt);
}

Test(persist, every_kind_of_change_rebuilds)
{
    char *dir = wf_inputs_mod(), *cache = wf_tmpdir();
    opened o;
    open_with(dir, cache, NULL, 0, NULL, &o);
    cr_assert(o.image_written, "%s", o.note);
    /* touched, same bytes: still the image, which serves the file's stat as it is now (a fresh
     * open's, in every field the dump shows), every time */
    set_mtime(dir, "a.pp", 1000000);
    lp_buf fresh = { 0 }, got = { 0 };
    cr_assert_eq(wsd_open_dump(dir, &(lp_workspace_opts){ .no_background = 1 }, 0, 1, &fresh), LP_OK);
    for (int again = 0; again < 2; again++) {
        open_with(dir, cache, NULL, 0, &got, &o);
        cr_assert(o.reopened, "a touch rebuilt: %s", o.note);
        assert_same_dump(&fresh, &got, "touched");
        lp_buf_free(&got);
    }
    lp_buf_free(&fresh);
    /* a .pp edit (each change after a whole image, which the note names it against) */
    wf_image_anew(dir, cache);
    char *other = strdup(wf_inputs_a_pp);
    memcpy(strstr(other, "AAAA"), "BBBB", 4);
    wf_write(dir, "a.pp", other);
    free(other);
    set_mtime(dir, "a.pp", 2000000);
    assert_rebuilt(dir, cache, "a.pp", NULL, 0);
    /* a file added, then deleted */
    wf_image_anew(dir, cache);
    wf_write(dir, "sub/c.pp", "query \"c\" {\n  sql = \"select 3\"\n}\n");
    set_mtime(dir, "sub", 3000000);
    assert_rebuilt(dir, cache, "sub", NULL, 0);
    char p[4096];
    snprintf(p, sizeof p, "%s/sub/c.pp", dir);
    wf_image_anew(dir, cache);
    cr_assert_eq(unlink(p), 0);
    assert_rebuilt(dir, cache, "c.pp", NULL, 0);
    /* mod.pp, the variables file, a file() target */
    wf_image_anew(dir, cache);
    wf_write(dir, "mod.pp", "mod \"m\" {\n  title = \"M2\"\n}\nvariable \"region\" {\n  type = string\n"
                            "  default = \"eu\"\n}\nlocals {\n  doc = file(\"./doc.md\")\n}\n");
    assert_rebuilt(dir, cache, "mod.pp", NULL, 0);
    wf_image_anew(dir, cache);
    wf_write(dir, "powerpipe.ppvars", "region = \"ap\"\n");
    set_mtime(dir, "powerpipe.ppvars", 4000000);
    assert_rebuilt(dir, cache, "powerpipe.ppvars", NULL, 0);
    wf_image_anew(dir, cache);
    wf_write(dir, "doc.md", "# Dac\n");
    set_mtime(dir, "doc.md", 4000000);
    assert_rebuilt(dir, cache, "doc.md", NULL, 0);
    /* .powerpipeignore appears; a dependency mod is installed */
    wf_image_anew(dir, cache);
    wf_write(dir, ".powerpipeignore", "sub/\n");
    assert_rebuilt(dir, cache, ".powerpipeignore", NULL, 0);
    wf_image_anew(dir, cache);
    wf_write(dir, ".powerpipe/mods/github.com/x/dep@v1.0.0/mod.pp", "mod \"dep\" {}\n");
    wf_write(dir, ".powerpipe/mods/github.com/x/dep@v1.0.0/q.pp", "query \"d\" {\n  sql = \"select 4\"\n}\n");
    assert_rebuilt(dir, cache, ".powerpipe/mods", NULL, 0);
    /* other --var values: another image, built once */
    wf_image_anew(dir, cache);
    static const char *const vars[] = { "region=sa" };
    assert_rebuilt(dir, cache, NULL, vars, 1);
    wf_remove(cache);
    wf_remove(dir);
}

/* ------------------------------------------------------------ damage */

static char *image_path(const char *cache)
{
    static const char *const ext[] = { ".lpidx", NULL };
    paths p = { 0 };
    cr_assert_eq(paths_walk(&p, cache, ext, NULL, 0), 0);
    cr_assert_eq(p.n, 1, "%zu images in the cache", p.n);
    char *r = strdup(p.v[0]);
    paths_free(&p);
    return r;
}

static void write_bytes(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    cr_assert(f);
    cr_assert_eq(fwrite(data, 1, n, f), n);
    cr_assert_eq(fclose(f), 0);
}

/* (every .timeout in this file is one value: Criterion 2.4.1 leaks a limit inserted before a later one,
 * 48 bytes LeakSanitizer reports, when tests of two values overlap under --jobs 2: test_server.c) */

Test(persist, damaged_images_rebuild_or_read_safely, .timeout = 900)
{
    char *dir = wf_inputs_mod(), *cache = wf_tmpdir();
    set_mtime(dir, "a.pp", 1000000);   /* so that a.pp restored after a patch is the same input */
    lp_buf fresh = { 0 };
    cr_assert_eq(wsd_open_dump(dir, &(lp_workspace_opts){ .no_background = 1 }, 0, 1, &fresh), LP_OK);
    opened o;
    open_with(dir, cache, NULL, 0, NULL, &o);
    char *img_path = image_path(cache);
    size_t n;
    char *good = jt_read_file(img_path, &n);
    cr_assert(good && n > 64);
    char *img = malloc(n);
    cr_assert(img);
    cr_assert(img_segs_at(good, n) < n, "the image has no segments");
    char *other = strdup(wf_inputs_a_pp);   /* a.pp edited, for the patches */
    memcpy(strstr(other, "AAAA"), "BBBB", 4);
    uint64_t seed = 42;
    unsigned rebuilt = 0, crafted_reopened = 0, seg_damaged = 0, crafted_patched = 0;
    for (int k = 0; k < 400; k++) {
        memcpy(img, good, n);
        size_t len = n;
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        size_t at = (size_t)(seed >> 33) % n;
        int crafted = k % 2;   /* half past the checksum: the structural checks' turn */
        switch (k % 8 / 2) {
        case 0: len = at; break;                                   /* truncated */
        case 1: img[at] ^= (char)(1 + (seed >> 20) % 255); break;  /* a byte flipped */
        case 2: memset(img + at, 0xFF, n - at < 8 ? n - at : 8); break;   /* a word overwritten */
        default: memcpy(img + at, &seed, n - at < 4 ? n - at : 4); break;
        }
        if (crafted) img_fix_checksums(img, len);
        write_bytes(img_path, img, len);
        lp_buf d = { 0 };
        open_with(dir, cache, NULL, 0, NULL, &o);
        /* the segments are read only to patch: an unchanged reopen does not
         * see damage there (or in their checksum), a patch must (edit a.pp,
         * open, compare) */
        /* in the segments, their heads or the heads' checksum */
        int in_segs = len == n && (at >= img_segs_at(good, n) || (at >= 40 && at < 48));
        if (in_segs && o.reopened) {
            write_bytes(img_path, img, len);
            wf_write(dir, "a.pp", other);
            lp_buf p = { 0 }, fresh_b = { 0 };
            lp_workspace_opts plain = { .no_background = 1 };
            cr_assert_eq(wsd_open_dump(dir, &plain, 0, 1, &fresh_b), LP_OK);
            open_with(dir, cache, NULL, 0, NULL, &o);
            cr_assert(!o.reopened, "an edit reopened");
            lp_workspace_opts oc = { .no_background = 1, .index_cache = cache };
            cr_assert_eq(wsd_open_dump(dir, &oc, 0, 1, &p), LP_OK);
            if (!crafted) assert_same_dump(&fresh_b, &p, "a patch over damaged segments");
            else crafted_patched++;
            lp_buf_free(&p);
            lp_buf_free(&fresh_b);
            wf_write(dir, "a.pp", wf_inputs_a_pp);
            set_mtime(dir, "a.pp", 1000000);
            seg_damaged++;
            continue;
        }
        if (!o.reopened) {
            rebuilt++;
            /* the rebuild wrote a good image again; the answer is a fresh build's */
            lp_workspace_opts oc = { .no_background = 1, .index_cache = cache };
            cr_assert_eq(wsd_open_dump(dir, &oc, 0, 1, &d), LP_OK);
            assert_same_dump(&fresh, &d, "after a damaged image");
        } else {
            /* only a crafted image can pass: reading all of it must be safe (ASan) */
            cr_assert(crafted, "a damaged image with a wrong checksum was used (change %d at %zu)", k, at);
            crafted_reopened++;
            lp_workspace_opts oc = { .no_background = 1, .index_cache = cache };
            cr_assert_eq(wsd_open_dump(dir, &oc, 0, 1, &d), LP_OK);
        }
        lp_buf_free(&d);
    }
    fprintf(stderr,
            "test_persist: 400 damaged images: %u rebuilt, %u crafted ones read, %u damaged in the segments "
            "(%u crafted ones patched)\n",
            rebuilt, crafted_reopened, seg_damaged, crafted_patched);
    cr_assert_geq(rebuilt + seg_damaged, 200, "every image with a wrong checksum must rebuild");
    cr_assert_geq(seg_damaged, 20, "too few damages in the segments");
    free(other);
    /* not an image at all: empty, a directory in its place, another file */
    write_bytes(img_path, "", 0);
    open_with(dir, cache, NULL, 0, NULL, &o);
    cr_assert(!o.reopened);
    cr_assert_eq(unlink(img_path), 0);
    cr_assert_eq(mkdir(img_path, 0700), 0);
    open_with(dir, cache, NULL, 0, NULL, &o);
    cr_assert(!o.reopened && !o.image_written, "%s", o.note);
    cr_assert_eq(rmdir(img_path), 0);
    free(img);
    free(good);
    free(img_path);
    lp_buf_free(&fresh);
    wf_remove(cache);
    wf_remove(dir);
}

Test(persist, unwritable_cache_directory_still_opens)
{
    char *dir = wf_inputs_mod();
    opened o;
    open_with(dir, "/nonexistent/lazypipe-cache", NULL, 0, NULL, &o);
    cr_assert(!o.reopened && !o.image_written);
    cr_assert(strlen(o.note) > 0, "no reason given");
    wf_remove(dir);
}

/* Mod dir opened into a fresh cache (*cache, to remove), then reopened from its image: the
 * reopened workspace and its stats. */
static lp_workspace *reopen_fresh(const char *dir, char **cache, lp_workspace_stats *st)
{
    *cache = wf_tmpdir();
    opened o;
    open_with(dir, *cache, NULL, 0, NULL, &o);
    cr_assert(o.image_written, "%s", o.note);
    lp_workspace_opts opts = { .no_background = 1, .index_cache = *cache };
    lp_workspace *ws = NULL;
    lp_error err;
    cr_assert_eq(lp_open(dir, &opts, &ws, &err), LP_OK, "%s", err.message);
    lp_workspace_stats_get(ws, st);
    cr_assert(st->reopened, "%s", st->index_cache_note);
    return ws;
}

Test(persist, a_reopen_allocates_per_file_not_per_entry)
{
    const char *dir = wf_shared("corpus/aws_cloudtrail_log_detections");
    char *cache;
    lp_workspace_stats st;
    lp_workspace *ws = reopen_fresh(dir, &cache, &st);
    /* the arrays of diagnostics and inputs, the image record, the workspace:
     * a handful, whatever the number of entries (hundreds here) */
    cr_assert_leq(st.alloc_calls, 16, "%llu allocation calls for %u entries",
                  (unsigned long long)st.alloc_calls, st.entries);
    cr_assert_gt(st.entries, 100);
    lp_close(ws);
    wf_remove(cache);
}

/* What a one-shot reopen of dir from a fresh image reads (wsd_dump) into *once; the image's cache
 * directory into *cache (to remove). */
static void one_shot_reading(const char *dir, char **cache, lp_buf *once)
{
    lp_workspace_stats st;
    lp_workspace *ws = reopen_fresh(dir, cache, &st);
    wsd_dump(ws, 1, once);
    lp_close(ws);
}

/* ws, acquired from a live workspace, was reopened from its image and reads now what *once read
 * (freed). */
static void assert_live_reads_as(lp_workspace *ws, lp_buf *once)
{
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    cr_assert(st.reopened, "%s", st.index_cache_note);
    lp_buf live = { 0 };
    wsd_dump(ws, 1, &live);   /* every entry, string and list */
    assert_same_dump(once, &live, "live reopen");
    lp_buf_free(once);
    lp_buf_free(&live);
}

/* The image copy a live workspace maps (image_copy in persist.c: an unnamed file in the cache
 * directory, "CACHE/#INODE (deleted)" in /proc/self/smaps): its size and resident bytes summed
 * over its mappings, in KiB; 0 when there is none. */
static int image_copy_kib(const char *cache, unsigned long *size, unsigned long *rss)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    cr_assert(f);
    char line[4608], prefix[4200];
    snprintf(prefix, sizeof prefix, "%s/#", cache);
    int in = 0, found = 0;
    *size = *rss = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long kib;
        char *name = strchr(line, '/');
        if (strchr(line, '-') && strchr(line, '-') < strchr(line, ' ') && line[0] != ' ' &&
            strchr("0123456789abcdef", line[0])) {
            in = name && strncmp(name, prefix, strlen(prefix)) == 0 && strstr(name, "(deleted)");
            found |= in;
        } else if (in && sscanf(line, "Size: %lu kB", &kib) == 1) {
            *size += kib;
        } else if (in && sscanf(line, "Rss: %lu kB", &kib) == 1) {
            *rss += kib;
        }
    }
    fclose(f);
    return found;
}

/* A live workspace (server, watch: processes that run for days) reopened from its image serves
 * from a copy no other process can reach: the image truncated in place under it (as `cp` over
 * it does) changes nothing it reads, where a mapping of the file would raise SIGBUS at the next
 * read; and once its checks are done it holds only the pages it reads again, not the image
 * whole (the idle server's RSS, BENCHMARKS.md). */
Test(persist, a_live_reopen_serves_a_private_copy_not_held_whole)
{
    const char *dir = wf_shared("corpus/aws_cloudtrail_log_detections");
    char *cache;
    lp_buf once = { 0 };
    one_shot_reading(dir, &cache, &once);   /* before the image is cut */
    lp_workspace_opts opts = { .no_background = 1, .index_cache = cache };
    lp_error err;
    lp_live *lv = NULL;
    cr_assert_eq(lp_live_open(dir, &opts, &lv, &err), LP_OK, "%s", err.message);
    lp_workspace *ws = lp_live_acquire(lv);
    unsigned long size, rss;
    cr_assert(image_copy_kib(cache, &size, &rss), "no copy of the image mapped from %s", cache);
    cr_assert_geq(size, 256, "the copy: %lu KiB", size);
    cr_assert_leq(rss, size / 4, "%lu of the copy's %lu KiB resident", rss, size);
    char cmd[4400];
    snprintf(cmd, sizeof cmd, "for f in '%s'/*.lpidx; do truncate -s 0 \"$f\" || exit 1; done", cache);
    cr_assert_eq(system(cmd), 0);
    assert_live_reads_as(ws, &once);   /* read after the cut */
    lp_live_release(lv, ws);
    lp_live_close(lv);
    cr_assert(!image_copy_kib(cache, &size, &rss), "the copy outlives its workspace");
    wf_remove(cache);
}

/* A live workspace under a file size limit below its image's size (the CLI ignores SIGXFSZ, a
 * library host need not: this test process keeps the default action, which ends it): the copy
 * it would map is not made (a write past the limit raises SIGXFSZ), it reads the image instead
 * and serves the same workspace. */
Test(persist, a_live_reopen_under_a_file_size_limit_below_its_image)
{
    char *dir = wf_inputs_mod(), *cache;
    lp_buf once = { 0 };
    one_shot_reading(dir, &cache, &once);
    lp_workspace_opts opts = { .no_background = 1, .index_cache = cache };
    lp_error err;
    struct rlimit was, low;
    cr_assert_eq(getrlimit(RLIMIT_FSIZE, &was), 0);
    low = was;
    low.rlim_cur = 1024;   /* below the image's header and section table and the first page */
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &low), 0);
    lp_live *lv = NULL;
    cr_assert_eq(lp_live_open(dir, &opts, &lv, &err), LP_OK, "%s", err.message);
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &was), 0);
    lp_workspace *ws = lp_live_acquire(lv);
    assert_live_reads_as(ws, &once);
    lp_live_release(lv, ws);
    lp_live_close(lv);
    wf_remove(cache);
    wf_remove(dir);
}

/* A reopen's allocated bytes for mod dir (built into a fresh cache first), and its inputs.  The
 * maps of its heaps' records that its checks made (the test builds make them whatever the heaps'
 * sizes: persist.c, check_index) are not counted: they are freed before the open returns. */
static void reopen_bytes(const char *dir, uint64_t *bytes, uint32_t *inputs)
{
    char *cache;
    lp_workspace_stats st;
    lp_workspace *ws = reopen_fresh(dir, &cache, &st);
    *bytes = st.alloc_bytes - idx_idmap_bytes(idx_strings(ws)) -
             idx_idmap_bytes(&idx_image_part_of(ws)->values);
    *inputs = lp_input_count(ws);
    lp_close(ws);
    wf_remove(cache);
}

/* The inputs of a reopened workspace are read from its image (lp_input_get), not copied into
 * an array at the open: aws_compliance's 1,764 inputs made 77 KB of fresh memory, 23 page faults
 * of every `dashboard list` (BENCHMARKS.md).  Two mods of 246 and 1,764 inputs: the reopens'
 * allocated bytes differ by less than 8 bytes per input more (45 bytes each before). */
Test(persist, a_reopen_does_not_copy_its_inputs)
{
    uint64_t small_bytes, big_bytes;
    uint32_t small_inputs, big_inputs;
    reopen_bytes(wf_shared("corpus/aws_cloudtrail_log_detections"), &small_bytes, &small_inputs);
    reopen_bytes(wf_shared("corpus/aws_compliance"), &big_bytes, &big_inputs);
    cr_assert_gt(big_inputs, small_inputs + 1000, "%u and %u inputs", small_inputs, big_inputs);
    uint64_t more = big_bytes > small_bytes ? big_bytes - small_bytes : 0;
    cr_assert_lt(more, (uint64_t)(big_inputs - small_inputs) * 8, "%llu bytes for %u inputs, %llu for %u",
                 (unsigned long long)small_bytes, small_inputs, (unsigned long long)big_bytes, big_inputs);
}

/* The images' checksums (xxh3_64: AVX2 where the CPU has it) are XXH3-64's values, so that an
 * image written on one machine or build checks on another: every length to 300 bytes, then up
 * to 1 MiB, at 8 alignments, against xxhash's own default build. */
Test(persist, the_image_hash_is_xxh3)
{
    size_t max = 1 << 20;
    unsigned char *b = malloc(max + 64);
    cr_assert(b);
    for (size_t i = 0; i < max + 64; i++) b[i] = (unsigned char)(i * 2654435761u >> 13);
    int n = 0;
    for (size_t len = 0; len < max; len = len < 300 ? len + 1 : len * 3 / 2 + 7)
        for (size_t off = 0; off < 64; off += 9, n++)
            cr_assert_eq(xxh3_64(b + off, len), XXH3_64bits(b + off, len), "%zu bytes at %zu", len, off);
    cr_assert_gt(n, 2000);
    free(b);
}

Test(persist, the_cache_directory_stays_bounded)
{
    char *dir = wf_inputs_mod(), *cache = wf_tmpdir();
    /* the bound is in bytes (cachedir.c): room for the new image and 63 of the old 5-byte ones */
    opened o;
    char *sizing = wf_tmpdir();
    open_with(dir, sizing, NULL, 0, NULL, &o);
    lp_index_cache_info in;
    cr_assert_eq(lp_index_cache_info_get(sizing, &in), LP_OK);
    cr_assert_eq(in.images, 1);
    wf_remove(sizing);
    cache_max = in.image_bytes + 63 * 5 + 2;
    for (int i = 0; i < 70; i++) {
        char rel[64];
        snprintf(rel, sizeof rel, "%016x.lpidx", i);
        wf_write(cache, rel, "older");
        char p[4200];
        snprintf(p, sizeof p, "%s/%s", cache, rel);
        struct timespec ts[2] = { { 1000000 + i, 0 }, { 1000000 + i, 0 } };
        cr_assert_eq(utimensat(AT_FDCWD, p, ts, 0), 0);
    }
    wf_write(cache, "0000000000000001.lpidx.tmpAbCdEf", "a dead writer's");
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s/0000000000000001.lpidx.tmpAbCdEf", cache);
    struct timespec old[2] = { { 1000000, 0 }, { 1000000, 0 } };
    cr_assert_eq(utimensat(AT_FDCWD, tmp, old, 0), 0);
    open_with(dir, cache, NULL, 0, NULL, &o);
    cr_assert(o.image_written, "%s", o.note);
    static const char *const ext[] = { ".lpidx", NULL };
    paths p = { 0 };
    cr_assert_eq(paths_walk(&p, cache, ext, NULL, 0), 0);
    cr_assert_eq(p.n, 64, "%zu images kept", p.n);
    paths_free(&p);
    cr_assert_neq(access(tmp, F_OK), 0, "the dead writer's file is still there");
    /* the oldest went, the new image stayed */
    char oldest[4200];
    snprintf(oldest, sizeof oldest, "%s/%016x.lpidx", cache, 0);
    cr_assert_neq(access(oldest, F_OK), 0);
    open_with(dir, cache, NULL, 0, NULL, &o);
    cr_assert(o.reopened, "%s", o.note);
    cache_max = 0;
    wf_remove(cache);
    wf_remove(dir);
}

/* Every one-bit flip (bits 0 and 7) of the first 1,024 bytes of an image (the header, its section
 * table, the first sections) rebuilds: the header has a checksum of its own (issue 28: a flip in
 * the section table gave invalid JSON, empty tags or "reopened" with exit 0). */
Test(persist, every_header_bit_flip_rebuilds, .timeout = 900)
{
    char *dir = wf_inputs_mod(), *cache = wf_tmpdir();
    set_mtime(dir, "a.pp", 1000000);
    opened o;
    open_with(dir, cache, NULL, 0, NULL, &o);
    char *img_path = image_path(cache);
    size_t n;
    char *good = jt_read_file(img_path, &n);
    cr_assert(good && n > 1024, "an image of %zu bytes", n);
    lp_buf fresh = { 0 };
    cr_assert_eq(wsd_open_dump(dir, &(lp_workspace_opts){ .no_background = 1 }, 0, 1, &fresh), LP_OK);
    unsigned reopened = 0;
    for (size_t at = 0; at < 1024; at++)
        for (int bit = 0; bit < 8; bit += 7) {
            good[at] ^= (char)(1 << bit);
            write_bytes(img_path, good, n);
            good[at] ^= (char)(1 << bit);
            open_with(dir, cache, NULL, 0, NULL, &o);
            if (o.reopened) {
                reopened++;
                cr_expect(!o.reopened, "byte %zu bit %d: reopened (%s)", at, bit, o.note);
            }
            if (at % 97 == 0 && bit == 0) {   /* and what the rebuild serves is a fresh build's */
                lp_buf d = { 0 };
                lp_workspace_opts oc = { .no_background = 1, .index_cache = cache };
                cr_assert_eq(wsd_open_dump(dir, &oc, 0, 1, &d), LP_OK);
                assert_same_dump(&fresh, &d, "after a flipped header bit");
                lp_buf_free(&d);
            }
        }
    cr_assert_eq(reopened, 0, "%u of 2,048 one-bit flips were reopened", reopened);
    lp_buf_free(&fresh);
    free(good);
    free(img_path);
    wf_remove(cache);
    wf_remove(dir);
}

/* The image's bytes with every 8-aligned copy of its build's read time (the header's, at 72, and
 * each segment's) replaced by `at`: two images of the same inputs written by two opens then differ
 * only where the opens differ (their timings, in the stats). */
static char *image_at_time(const char *cache, uint64_t at, size_t *n)
{
    char *path = image_path(cache), *img = jt_read_file(path, n);
    cr_assert(img && *n > 80);
    uint64_t mine;
    memcpy(&mine, img + 72, 8);
    for (size_t k = 0; k + 8 <= *n; k += 8)
        if (memcmp(img + k, &mine, 8) == 0) memcpy(img + k, &at, 8);
    free(path);
    return img;
}

/* A deferred image's segments are made after the answer, each file read and scanned again
 * (workspace.c, late_segments): they are byte for byte those a build keeps as it scans, as the
 * image resolution writes holds them, but for the read time each one records. */
Test(persist, a_deferred_images_segments_are_those_the_build_keeps)
{
    const char *dir = wf_shared("corpus/aws_cloudtrail_log_detections");
    char *deferred = wf_tmpdir(), *inline_cache = wf_tmpdir();
    lp_workspace *ws = NULL;
    lp_error err;
    lp_workspace_opts od = { .index_cache = deferred, .defer_image = 1 };
    cr_assert_eq(lp_open(dir, &od, &ws, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_save_image(ws, &err), LP_OK, "%s", err.message);
    lp_close(ws);
    opened o;
    open_with(dir, inline_cache, NULL, 0, NULL, &o);
    cr_assert(o.image_written, "%s", o.note);
    size_t na, nb;
    char *a = image_at_time(deferred, 1, &na), *b = image_at_time(inline_cache, 1, &nb);
    cr_assert_eq(na, nb, "image sizes %zu and %zu", na, nb);
    uint64_t sa = img_segs_at(a, na);
    cr_assert(sa < na && sa == img_segs_at(b, nb), "no segments, or not at the same place");
    cr_assert(na - sa > 100000, "%zu bytes of segments", na - sa);
    cr_assert(memcmp(a + sa, b + sa, na - sa) == 0, "the deferred image's segments differ from the build's");
    free(a);
    free(b);
    wf_remove(deferred);
    wf_remove(inline_cache);
}

/* A deferred image, whose segments are written as they are made (its size unknown before), under a
 * file size limit that falls inside its segments: one byte short of the image, nothing is left
 * (no image, no temporary file) and the process lives (this test process keeps SIGXFSZ's default
 * action, which ends it: no write may pass the limit); at the image's size exactly, it is written,
 * the same bytes but for the build's read time and timings. */
static int deferred_save_under(const char *dir, const char *cache, rlim_t limit, lp_error *err)
{
    lp_workspace *ws = NULL;
    lp_workspace_opts od = { .index_cache = cache, .defer_image = 1 };
    cr_assert_eq(lp_open(dir, &od, &ws, err), LP_OK, "%s", err->message);
    struct rlimit was, low;
    cr_assert_eq(getrlimit(RLIMIT_FSIZE, &was), 0);
    low = was;
    low.rlim_cur = limit;
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &low), 0);
    int rc = lp_save_image(ws, err);
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &was), 0);
    lp_close(ws);
    return rc;
}

Test(persist, a_deferred_image_under_a_file_size_limit_inside_its_segments)
{
    const char *dir = wf_shared("corpus/aws_cloudtrail_log_detections");
    char *first = wf_tmpdir(), *cache = wf_tmpdir();
    lp_error err;
    cr_assert_eq(deferred_save_under(dir, first, RLIM_INFINITY, &err), LP_OK, "%s", err.message);
    size_t n;
    char *path = image_path(first), *img = jt_read_file(path, &n);
    cr_assert(img);
    uint64_t sa = img_segs_at(img, n);
    cr_assert(sa + 100000 < n, "segments from %llu of %zu bytes", (unsigned long long)sa, n);
    cr_assert_eq(deferred_save_under(dir, cache, (rlim_t)n - 1, &err), LP_ERR_IO);
    cr_assert(strstr(err.message, "file size limit"), "%s", err.message);
    char cmd[PATH_MAX + 64];
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A %s)\"", cache);
    cr_assert_eq(system(cmd), 0, "a file is left in the cache directory");
    cr_assert_eq(deferred_save_under(dir, cache, (rlim_t)n, &err), LP_OK, "%s", err.message);
    size_t na, nb;
    char *a = image_at_time(first, 1, &na), *b = image_at_time(cache, 1, &nb);
    cr_assert_eq(na, nb, "image sizes %zu and %zu", na, nb);
    cr_assert(memcmp(a + sa, b + sa, na - sa) == 0, "the segments differ");
    free(a);
    free(b);
    free(img);
    free(path);
    wf_remove(first);
    wf_remove(cache);
}

/* A file that changed between the build and lp_save_image gets no segment (its bytes no longer
 * hash as the build's did): were it scanned from its new bytes under the build's hash, restoring
 * the old bytes and editing another file would patch the index with the new bytes' entries. */
Test(persist, a_file_changed_before_a_deferred_save_has_no_segment)
{
    char *dir = wf_tmpdir(), *cache = wf_tmpdir();
    const char *a_old = "control \"c\" {\n  title = \"old title\"\n  sql = \"select 1\"\n}\n";
    wf_write(dir, "mod.pp", "mod \"m\" {\n}\n");
    wf_write(dir, "a.pp", a_old);
    wf_write(dir, "b.pp", "query \"q\" {\n  sql = \"select 2\"\n}\n");
    set_mtime(dir, "a.pp", 1000000);
    lp_workspace *ws = NULL;
    lp_error err;
    lp_workspace_opts od = { .index_cache = cache, .defer_image = 1 };
    cr_assert_eq(lp_open(dir, &od, &ws, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_wait_resolved(ws, -1), LP_OK);
    wf_write(dir, "a.pp", "control \"c\" {\n  title = \"new title\"\n  sql = \"select 1\"\n}\n");
    cr_assert_eq(lp_save_image(ws, &err), LP_OK, "%s", err.message);
    lp_close(ws);
    wf_write(dir, "a.pp", a_old);   /* the build's bytes again, another stat */
    set_mtime(dir, "a.pp", 2000000);
    wf_write(dir, "b.pp", "query \"q\" {\n  sql = \"select 3\"\n}\n");
    lp_buf fresh = { 0 }, got = { 0 };
    cr_assert_eq(wsd_open_dump(dir, &(lp_workspace_opts){ .no_background = 1 }, 0, 1, &fresh), LP_OK);
    opened o;
    open_with(dir, cache, NULL, 0, &got, &o);
    cr_assert(o.patched, "not patched: %s", o.note);
    cr_assert(strstr(o.note, "2 of 3 files scanned"), "%s", o.note);
    assert_same_dump(&fresh, &got, "a patch of a deferred image");
    cr_assert(strstr(got.data, "old title") && !strstr(got.data, "new title"));
    lp_buf_free(&fresh);
    lp_buf_free(&got);
    wf_remove(cache);
    wf_remove(dir);
}

/* opts.defer_image: resolution writes no image (the CLI's first command answers before it); the
 * caller's lp_save_image writes the one resolution would have, which the next open then serves
 * whole and the same as a fresh build; once written (or served), lp_save_image writes nothing. */
Test(persist, a_deferred_image_is_written_by_lp_save_image)
{
    const char *dir = "tests/data/sample_mod";
    char *cache = wf_tmpdir();
    lp_workspace_opts opts = { .index_cache = cache, .defer_image = 1 };
    lp_workspace *ws = NULL;
    lp_error err;
    cr_assert_eq(lp_open(dir, &opts, &ws, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_wait_resolved(ws, -1), LP_OK);
    lp_resolve_stats rs;
    lp_resolve_stats_get(ws, &rs);
    cr_assert(!rs.image_written, "resolution wrote the deferred image");
    lp_index_cache_info info;
    cr_assert_eq(lp_index_cache_info_get(cache, &info), LP_OK);
    cr_assert_eq(info.images, 0, "an image before lp_save_image");
    cr_assert_eq(lp_save_image(ws, &err), LP_OK, "%s", err.message);
    lp_resolve_stats_get(ws, &rs);
    cr_assert(rs.image_written, "%s", rs.image_note);
    cr_assert_eq(lp_index_cache_info_get(cache, &info), LP_OK);
    cr_assert_eq(info.images, 1);
    lp_close(ws);
    lp_buf fresh = { 0 }, again = { 0 };
    cr_assert_eq(wsd_open_dump(dir, &(lp_workspace_opts){ .no_background = 1 }, 0, 1, &fresh), LP_OK);
    opened o;
    open_with(dir, cache, NULL, 0, &again, &o);
    cr_assert(o.reopened, "the saved image not served: %s", o.note);
    assert_same_dump(&fresh, &again, "a deferred image's reopen");
    /* served from its image: nothing to write */
    cr_assert_eq(lp_open(dir, &opts, &ws, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_save_image(ws, &err), LP_OK, "%s", err.message);
    lp_close(ws);
    lp_buf_free(&fresh);
    lp_buf_free(&again);
    wf_remove(cache);
}
