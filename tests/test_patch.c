/* test_patch.c — a stale index image is patched (issue 13 §2): the open
 * takes the image's segment of every file whose bytes did not change, scans
 * the rest, merges and resolves, and must equal a fresh build field for
 * field (tests/support/wsdump.c).
 *
 *  - a seeded walk of random edits over a copy of a real mod: each step's
 *    open comes from the image the previous step's open wrote, and is held
 *    to a fresh open with no cache; the walk checks that opens were patched
 *    (and not all rebuilt), so that it tests that path;
 *  - a live workspace reopened from its image: its first refresh takes the
 *    image's segments (files reused), and equals a fresh open;
 *  - a patch's views of the stale image file (the arrays it changes in a few places): seen in
 *    /proc/self/maps while the version lives and gone with it, the file never written;
 *  - a patch whose prep thread has not run when the build needs its part (lp_test_patch_prep_late):
 *    the build makes it, and each edit's open still equals a fresh open.
 *  - a small stale image decoded on the patch's own thread, a large one's on a prep thread
 *    (lp_test_patch_prep_always), each equal to a fresh open.
 *  - the inputs of the entries evaluated again merged into those carried over: a path already there
 *    once, a new one in its place, as a fresh open orders them.
 *  - a reopen's stats shared with the checks' thread (lp_test_reopen_stats_split): what the two
 *    found is what one would.
 *  - the stale image's segment pages copied in one call when most segments are about to be taken (a
 *    local every entry reads, a control added above the locals), never after a title edit
 *    (lp_test_segs_prefaulted); after a control added elsewhere the other files' segments read from
 *    copies (lp_test_segs_copied), a file that lost an entry meanwhile pointed at its own.
 * (test_persist covers each kind of input change and damaged images.)
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lazypipe.h"
#include "lazypipe_test.h"
#include "support/cachebytes.h"
#include "support/jsontree.h"
#include "support/paths.h"
#include "support/wsdump.h"
#include "support/wsfix.h"

static void dump_of(lp_workspace *ws, lp_buf *out)
{
    lp_wait_resolved(ws, -1);
    wsd_dump(ws, 0, out);
}

/* dir opened with no cache, resolved and dumped into out. */
static void fresh_dump(const char *dir, lp_buf *out)
{
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(dir, &(lp_workspace_opts){ .no_background = 1 }, &ws, &err), LP_OK, "%s",
                 err.message);
    dump_of(ws, out);
    lp_close(ws);
}

static void assert_same(const lp_buf *fresh, const lp_buf *got, const char *label)
{
    char msg[2048];
    cr_assert(!wsd_diff(fresh->data, fresh->len, got->data, got->len, msg, sizeof msg),
              "%s: patched != fresh open: %s", label, msg);
}

/* A copy of a real mod with a variable and a local that reads it, which the
 * walk's .ppvars sets (so that resolved values change too). */
static char *copy_mod(void)
{
    const char *src = wf_shared("corpus/aws_cloudtrail_log_detections");
    char *dir = wf_tmpdir();
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "cp -r '%s/.' '%s/'", src, dir);
    cr_assert_eq(system(cmd), 0);
    wf_write(dir, "walk.pp",
             "variable \"walk_region\" {\n  type = string\n  default = \"d\"\n}\n"
             "locals {\n  walk_tags = { region = var.walk_region }\n}\n"
             "control \"walk_a\" {\n  title = \"A ${var.walk_region}\"\n  tags = local.walk_tags\n"
             "  sql = \"select 1\"\n}\n");
    return dir;
}

/* copy_mod's copy with its image written in a new cache directory (*cache). */
static char *copy_mod_with_image(char **cache)
{
    char *dir = copy_mod();
    *cache = wf_tmpdir();
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(dir, &(lp_workspace_opts){ .no_background = 1, .index_cache = *cache }, &ws, &err),
                 LP_OK, "%s", err.message);
    lp_close(ws);
    return dir;
}

Test(patch, random_edit_walk_each_open_from_the_previous_image, .timeout = 1200)
{
    char *dir = copy_mod(), *cache = wf_tmpdir();
    static const char *const pp[] = { ".pp", NULL };
    lp_workspace_opts plain = { .no_background = 1 }, cached = { .no_background = 1, .index_cache = cache };
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(dir, &cached, &ws, &err), LP_OK, "%s", err.message);
    lp_close(ws);
    uint64_t seed = 0x9a7c4ull;
    unsigned patched = 0, updated = 0, reopened = 0, built = 0, kept = 0, rewritten = 0;
    /* the walk's shares of the edits (wsfix.h); -1: nothing changed, the image is reopened as it is */
    static const int kinds[9] = { WF_CUT, WF_INSERT, WF_INSERT, WF_DELETE, WF_RENAME, WF_PPVARS, -1,
                                  WF_NEW_FILE, WF_NEW_FILE };
    for (int step = 0; step < 120; step++) {
        paths files = { 0 };
        cr_assert_eq(paths_walk(&files, dir, pp, NULL, 1), 0);
        cr_assert_gt(files.n, 0);
        const char *f = files.v[wf_rnd(&seed) % files.n];
        char what[8800];
        int op = (int)(wf_rnd(&seed) % 9);
        if (kinds[op] < 0)
            snprintf(what, sizeof what, "nothing");
        else
            wf_edit(dir, (wf_edit_kind)kinds[op], f, &seed, step, what, sizeof what);
        paths_free(&files);
        char label[8900];
        snprintf(label, sizeof label, "step %d (%s)", step, what);
        lp_buf fresh = { 0 }, got = { 0 };
        cr_assert_eq(lp_open(dir, &plain, &ws, &err), LP_OK, "%s: %s", label, err.message);
        dump_of(ws, &fresh);
        lp_close(ws);
        cb_state before;
        cb_take(cache, &before);
        cr_assert_eq(lp_open(dir, &cached, &ws, &err), LP_OK, "%s: %s", label, err.message);
        uint64_t written = cb_written(cache, &before, NULL);
        cb_release(&before);
        lp_workspace_stats st;
        lp_workspace_stats_get(ws, &st);
        cr_assert(!(st.patched && st.reopened), "%s: patched and reopened", label);
        patched += st.patched != 0;
        updated += st.patched && st.updated;   /* the index made from the image's (index_update) */
        reopened += st.reopened != 0;
        built += !st.patched && !st.reopened;
        lp_resolve_stats rs;
        lp_resolve_stats_get(ws, &rs);
        /* a patch writes the image whole, or keeps the stale one (a small edit since it: written
         * nothing at all), which the next step patches again */
        int kept_now = st.patched && strstr(rs.image_note, "the stale image kept") != NULL;
        cr_assert(st.reopened || rs.image_written || kept_now, "%s: no image written: %s", label,
                  rs.image_note);
        cr_assert(!kept_now || written == 0, "%s: %llu bytes written, the image kept", label,
                  (unsigned long long)written);
        cr_assert(!rs.image_written || written > 0, "%s: an image written, no byte in the cache", label);
        kept += kept_now;
        rewritten += st.patched && rs.image_written;
        dump_of(ws, &got);
        lp_close(ws);
        assert_same(&fresh, &got, label);
        lp_buf_free(&fresh);
        lp_buf_free(&got);
    }
    fprintf(stderr,
            "test_patch: walk: %u patched (%u of them updated in place; %u kept the image, %u wrote one), "
            "%u reopened, %u built\n",
            patched, updated, kept, rewritten, reopened, built);
    /* (few keep it: once a local of locals.pp failed, the entries that read it are evaluated again by
     * every patch, more than a 32nd of them, so each writes the image, which the next open reopens) */
    cr_assert_geq(kept, 4, "too few patches kept the stale image");
    cr_assert_geq(rewritten, 5, "too few patches wrote the image again");
    cr_assert_geq(patched, 60, "too few opens were patched");
    cr_assert_geq(updated, 10, "too few patched opens made the index from the image's");
    cr_assert_gt(reopened, 0, "no unchanged step reopened");
    wf_remove(cache);
    wf_remove(dir);
}

Test(patch, first_refresh_of_a_live_workspace_reopened_from_its_image)
{
    char *cache, *dir = copy_mod_with_image(&cache);
    lp_workspace_opts cached = { .no_background = 1, .index_cache = cache };
    lp_workspace *ws;
    lp_error err;
    lp_live *lv;
    cr_assert_eq(lp_live_open(dir, &cached, &lv, &err), LP_OK, "%s", err.message);
    ws = lp_live_acquire(lv);
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    cr_assert(st.reopened, "%s", st.index_cache_note);
    lp_live_release(lv, ws);
    wf_write(dir, "walk.pp", "control \"walk_a\" {\n  title = \"edited\"\n  sql = \"select 1\"\n}\n");
    lp_changes c;
    cr_assert_eq(lp_refresh(lv, &c), LP_OK);
    cr_assert(c.changed);
    cr_assert_eq(c.files_scanned, 1, "the refresh scanned %u files (reused %u)", c.files_scanned,
                 c.files_reused);
    cr_assert_gt(c.files_reused, 0);
    lp_changes_free(&c);
    lp_buf fresh = { 0 }, got = { 0 };
    ws = lp_live_acquire(lv);
    dump_of(ws, &got);
    lp_live_release(lv, ws);
    fresh_dump(dir, &fresh);
    assert_same(&fresh, &got, "first refresh after a reopen");
    lp_buf_free(&fresh);
    lp_buf_free(&got);
    lp_live_close(lv);
    wf_remove(cache);
    wf_remove(dir);
}

/* The part a patch's prep thread decodes from the stale image (its scope, loading's record, its
 * records and reads) made by the build when the thread has not begun it (a thread whose CPU another
 * process holds): the thread told to wait 10 s, each edit's patched open is still a fresh open's,
 * its build made the part (the knob's count), and it never waited for the thread. */
Test(patch, a_late_prep_thread_is_not_waited_for)
{
    char *cache, *dir = copy_mod_with_image(&cache);
    lp_workspace_opts cached = { .no_background = 1, .index_cache = cache };
    static const char *const edits[][2] = {
        { "walk.pp", "control \"walk_a\" {\n  title = \"edited\"\n  sql = \"select 1\"\n}\n" },
        { "walk.pp", "locals {\n  walk_tags = { region = \"w\" }\n}\n"
                     "control \"walk_a\" {\n  title = \"A\"\n  tags = local.walk_tags\n"
                     "  sql = \"select 2\"\n}\n" },
        { "powerpipe.ppvars", "walk_region = \"e\"\n" },
    };
    lp_test_patch_prep_always(1);   /* (its small image's decoding would be made on this thread) */
    unsigned long before = lp_test_patch_prep_late(10000);
    for (size_t i = 0; i < sizeof edits / sizeof *edits; i++) {
        wf_write(dir, edits[i][0], edits[i][1]);
        lp_workspace *ws;
        lp_error err;
        lp_buf fresh = { 0 }, got = { 0 };
        fresh_dump(dir, &fresh);
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        cr_assert_eq(lp_open(dir, &cached, &ws, &err), LP_OK, "%s", err.message);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        lp_workspace_stats st;
        lp_workspace_stats_get(ws, &st);
        cr_assert(st.patched, "edit %zu: not patched: %s", i, st.index_cache_note);
        /* (the thread waits 10 s unless the build's claim wakes it: the open joins it) */
        cr_assert_lt(t1.tv_sec - t0.tv_sec, 5, "edit %zu: the open waited for the late thread", i);
        dump_of(ws, &got);
        lp_close(ws);
        assert_same(&fresh, &got, edits[i][0]);
        lp_buf_free(&fresh);
        lp_buf_free(&got);
        unsigned long made = lp_test_patch_prep_late(10000);
        cr_assert_eq(made, before + i + 1, "edit %zu: the build did not make the part", i);
    }
    lp_test_patch_prep_late(0);
    lp_test_patch_prep_always(0);
    wf_remove(cache);
    wf_remove(dir);
}

/* dir opened from the stale image in cache (a one-shot patch, asserted so), equal to a fresh open. */
static unsigned patched_as_fresh(const char *dir, const char *cache)
{
    lp_buf fresh = { 0 }, got = { 0 };
    fresh_dump(dir, &fresh);
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(dir, &(lp_workspace_opts){ .no_background = 1, .index_cache = cache }, &ws, &err),
                 LP_OK, "%s", err.message);
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    cr_assert(st.patched, "not patched: %s", st.index_cache_note);
    dump_of(ws, &got);
    lp_close(ws);
    assert_same(&fresh, &got, dir);
    lp_buf_free(&fresh);
    lp_buf_free(&got);
    return st.segments_read;
}

/* patched_as_fresh with no prep thread forced: whether it started one. */
static int patched_with_prep_thread(const char *dir, const char *cache)
{
    unsigned long before = lp_test_patch_prep_always(0);
    patched_as_fresh(dir, cache);
    return lp_test_patch_prep_always(0) > before;
}

/* A one-shot patch decodes a small stale image on this thread (a second thread's pages faulted beside
 * this one cost more than the decoding: workspace.c, PREP_THREAD_MIN) and a large one's on another
 * CPU (6,000 controls reading a local, whose records and reads are 120 KB): its scope whatever the
 * edit, its records when its resolution takes them, after a control added (the entries moved), not
 * after a title edited (every entry in place: carried over without them, carry_sparse.c). */
Test(patch, the_prep_thread_only_for_a_large_image)
{
    char *cache, *dir = copy_mod_with_image(&cache);
    wf_write(dir, "walk.pp", "control \"walk_a\" {\n  title = \"edited\"\n  sql = \"select 1\"\n}\n");
    int threaded = patched_with_prep_thread(dir, cache);
    cr_assert(!threaded, "a small image's patch started a prep thread");
    wf_remove(cache);
    wf_remove(dir);

    dir = wf_tmpdir();
    cache = wf_tmpdir();
    wf_write(dir, "mod.pp", "mod \"big\" {\n  title = \"big\"\n}\n");
    lp_buf text = { 0 };
    lp_buf_puts(&text, "locals {\n  t = { a = \"b\" }\n}\n");
    for (int i = 0; i < 6000; i++)
        lp_buf_printf(&text, "control \"c%d\" {\n  title = \"C%d\"\n  tags = local.t\n"
                             "  sql = \"select 1\"\n}\n", i, i);
    lp_buf_putc(&text, '\0');
    wf_write(dir, "controls.pp", text.data);
    wf_write(dir, "other.pp", "control \"x\" {\n  title = \"X\"\n  sql = \"select 1\"\n}\n");
    wf_image_anew(dir, cache);
    wf_write(dir, "other.pp", "control \"x\" {\n  title = \"Y\"\n  sql = \"select 1\"\n}\n");
    unsigned long ahead = lp_test_patch_records_ahead();
    threaded = patched_with_prep_thread(dir, cache);
    cr_assert(threaded, "a large image's patch decoded it on this thread");
    cr_assert_eq(lp_test_patch_records_ahead(), ahead, "its records decoded after a title edit");
    wf_image_anew(dir, cache);
    wf_write(dir, "other.pp", "control \"x\" {\n  title = \"Y\"\n  sql = \"select 1\"\n}\n"
                              "control \"y\" {\n  title = \"Y\"\n  sql = \"select 1\"\n}\n");
    threaded = patched_with_prep_thread(dir, cache);
    cr_assert(threaded && lp_test_patch_records_ahead() == ahead + 1,
              "a large image's records not decoded ahead after a control added");
    lp_buf_free(&text);
    wf_remove(cache);
    wf_remove(dir);
}

/* n files <prefix>NN.pp, each a control cN titled CN, `more` among its attributes. */
static void control_files(const char *dir, const char *prefix, int n, const char *more)
{
    for (int i = 0; i < n; i++) {
        char rel[32], text[200];
        snprintf(rel, sizeof rel, "%s%02d.pp", prefix, i);
        snprintf(text, sizeof text, "control \"c%d\" {\n  title = \"C%d\"\n%s  sql = \"select 1\"\n}\n", i, i,
                 more);
        wf_write(dir, rel, text);
    }
}

/* The stale image's segment pages copied in one call (seg_block_prefault) when most segments are about
 * to be taken — after a control added above the locals moved their lines (the index merged whole, and
 * loading run again) — and not after a title edit, which takes the edited file's alone, nor after the
 * local every control reads changed, whose entries' pieces are read where the image holds them
 * (seg_lazy_caps: no segment taken, no page copied, every one read), nor after a control was added
 * where loading reads nothing that changed, whose merge reads every other file's segment from a copy
 * (merge_copy) and takes the edited file's old one alone (to compare its entries' text); each open
 * equal to a fresh one. */
Test(patch, the_image_pages_copied_at_once_only_when_a_merge_takes_most_segments)
{
    char *dir = wf_mod_dir("mod \"m\" {\n  title = \"M\"\n}\n"), *cache = wf_tmpdir();
    wf_write(dir, "locals.pp", "locals {\n  t = { a = \"b\" }\n}\n");
    control_files(dir, "f", 40, "  tags = local.t\n");
    wf_image_anew(dir, cache);
    unsigned long n0 = lp_test_segs_prefaulted();
    wf_write(dir, "f05.pp",
             "control \"c5\" {\n  title = \"edited\"\n  tags = local.t\n  sql = \"select 1\"\n}\n");
    unsigned read = patched_as_fresh(dir, cache);
    unsigned long n1 = lp_test_segs_prefaulted();
    cr_assert_eq(n1, n0, "a title edit had the image's pages copied at once");
    cr_assert_eq(read, 1, "a title edit: %u of the image's segments taken", read);
    wf_write(dir, "locals.pp", "locals {\n  t = { a = \"c\" }\n}\n");
    unsigned long p0 = lp_test_segs_pieces_read();
    read = patched_as_fresh(dir, cache);
    unsigned long n2 = lp_test_segs_prefaulted(), p1 = lp_test_segs_pieces_read();
    cr_assert_eq(n2, n1, "the local every control reads: %lu calls", n2 - n1);
    cr_assert_eq(read, 42, "the local every control reads: %u of the image's segments read", read);
    cr_assert_eq(p1 - p0, 40, "the local every control reads: %lu segments' pieces read in place", p1 - p0);
    wf_write(dir, "f07.pp", "control \"c7\" {\n  title = \"C7\"\n  tags = local.t\n  sql = \"select 1\"\n}\n"
                          "control \"c7b\" {\n  title = \"added\"\n  sql = \"select 1\"\n}\n");
    unsigned long c0 = lp_test_segs_copied();
    read = patched_as_fresh(dir, cache);
    unsigned long n3 = lp_test_segs_prefaulted(), c1 = lp_test_segs_copied();
    cr_assert_eq(n3, n2, "a control added: %lu calls", n3 - n2);
    cr_assert_eq(read, 1, "a control added: %u of the image's segments taken", read);
    cr_assert_eq(c1 - c0, 41, "a control added: %lu segments copied, not every other file's", c1 - c0);
    wf_write(dir, "locals.pp", "control \"l1\" {\n  title = \"L1\"\n  sql = \"select 1\"\n}\n"
                               "locals {\n  t = { a = \"c\" }\n}\n");
    read = patched_as_fresh(dir, cache);
    unsigned long n4 = lp_test_segs_prefaulted();
    cr_assert_eq(n4, n3 + 1, "a control added above the locals: %lu calls", n4 - n3);
    cr_assert_eq(read, 42, "a control added above the locals: %u of the image's segments taken", read);
    /* (loading runs again and takes every segment: copies first would take each twice) */
    cr_assert_eq(lp_test_segs_copied(), c1, "a control added above the locals: segments copied");
    wf_remove(cache);
    wf_remove(dir);
}

/* A whole merge that reads an unchanged file's segment from a copy (merge_copy) and drops one of its
 * entries (a control of the same name now defined in a file merged before it): that file's pieces
 * are not left for later by position but pointed at its segment, made usable there (or they would
 * point into the copy, gone once merged), nor left to be taken by position (b2's would be x's); b1
 * and b2, which read the name, are evaluated from them. */
Test(patch, a_file_merged_from_a_copy_that_loses_an_entry_points_its_pieces_at_its_segment)
{
    char *dir = wf_mod_dir("mod \"m\" {\n  title = \"M\"\n}\n"), *cache = wf_tmpdir();
    wf_write(dir, "a.pp", "control \"a1\" {\n  title = \"A1\"\n  sql = \"select 1\"\n}\n");
    wf_write(dir, "b.pp", "control \"b1\" {\n  title = \"B1 ${control.x.title}\"\n  sql = \"select 1\"\n}\n"
                          "control \"x\" {\n  title = \"X of b\"\n  sql = \"select 2\"\n}\n"
                          "control \"b2\" {\n  title = \"B2 ${control.x.title}\"\n  sql = \"select 3\"\n}\n");
    control_files(dir, "c", 8, "");
    wf_image_anew(dir, cache);
    wf_write(dir, "a.pp", "control \"a1\" {\n  title = \"A1\"\n  sql = \"select 1\"\n}\n"
                          "control \"x\" {\n  title = \"X of a\"\n  sql = \"select 4\"\n}\n");
    unsigned long n0 = lp_test_segs_prefaulted();
    unsigned read = patched_as_fresh(dir, cache);
    cr_assert_eq(lp_test_segs_prefaulted(), n0, "the image's pages copied at once");
    /* a.pp's old one (a1's text compared) and b.pp's, made usable for its pieces */
    cr_assert_eq(read, 2, "%u of the image's segments taken", read);
    wf_remove(cache);
    wf_remove(dir);
}

/* The mappings of inode ino this process holds that it may write (rw-p): /proc/self/maps. */
static unsigned writable_maps_of(ino_t ino)
{
    FILE *f = fopen("/proc/self/maps", "r");
    cr_assert(f);
    char line[4096], perms[8];
    unsigned n = 0;
    unsigned long long inode;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "%*s %7s %*s %*s %llu", perms, &inode) == 2 && inode == (unsigned long long)ino &&
            perms[1] == 'w')
            n++;
    fclose(f);
    return n;
}

/* The one image in the cache directory, opened for reading; its bytes in *bytes (malloc'd). */
static int open_image(const char *cache, char **bytes, size_t *size, ino_t *ino)
{
    DIR *d = opendir(cache);
    cr_assert(d);
    char path[8400] = "";
    for (struct dirent *e; (e = readdir(d));)
        if (strstr(e->d_name, ".lpidx")) snprintf(path, sizeof path, "%s/%s", cache, e->d_name);
    closedir(d);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    cr_assert_geq(fd, 0, "no image in %s", cache);
    struct stat st;
    cr_assert_eq(fstat(fd, &st), 0);
    *size = (size_t)st.st_size;
    *ino = st.st_ino;
    *bytes = malloc(*size);
    cr_assert(*bytes);
    cr_assert_eq(pread(fd, *bytes, *size, 0), (ssize_t)*size);
    return fd;
}

Test(patch, a_patch_views_the_stale_image_it_read_and_never_writes_it)
{
    char *cache, *dir = copy_mod_with_image(&cache);
    lp_workspace_opts cached = { .no_background = 1, .index_cache = cache };
    lp_workspace *ws;
    lp_error err;
    char *before;
    size_t size;
    ino_t ino;
    int fd = open_image(cache, &before, &size, &ino);
    cr_assert_eq(writable_maps_of(ino), 0);
    /* a title edited: the same entries, so the index and the overlay are the image's, changed in place */
    wf_write(dir, "walk.pp",
             "variable \"walk_region\" {\n  type = string\n  default = \"d\"\n}\n"
             "locals {\n  walk_tags = { region = var.walk_region }\n}\n"
             "control \"walk_a\" {\n  title = \"B ${var.walk_region}\"\n  tags = local.walk_tags\n"
             "  sql = \"select 1\"\n}\n");
    cr_assert_eq(lp_open(dir, &cached, &ws, &err), LP_OK, "%s", err.message);
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    cr_assert(st.patched && st.updated, "not an update of the image's index: %s", st.index_cache_note);
    /* the entries, their pairs, the files' records, the strings' slots and the overlay rows: views of
     * the old file while the version lives (besides them, the segments' private mapping: 1 without) */
    cr_assert_geq(writable_maps_of(ino), 6, "%u views of the stale image", writable_maps_of(ino));
    lp_buf fresh = { 0 }, got = { 0 };
    dump_of(ws, &got);
    lp_close(ws);
    cr_assert_eq(writable_maps_of(ino), 0, "a view outlived the version");
    fresh_dump(dir, &fresh);
    assert_same(&fresh, &got, "a title edit patched through views");
    /* the old file (replaced by the patch's image, still open here) holds the bytes it held */
    char *after = malloc(size);
    cr_assert(after);
    cr_assert_eq(pread(fd, after, size, 0), (ssize_t)size);
    cr_assert(memcmp(before, after, size) == 0, "the patch wrote into the image it read");
    close(fd);
    free(before);
    free(after);
    lp_buf_free(&fresh);
    lp_buf_free(&got);
    wf_remove(cache);
    wf_remove(dir);
}

/* Controls reading file() targets, control a first (its documentation's expression as given) and,
 * when with_d, a new control d reading a target no other control reads. */
static void write_readers(const char *dir, const char *doc_a, int with_d)
{
    char text[1024];
    snprintf(text, sizeof text,
             "control \"a\" {\n  documentation = %s\n  sql = \"select 1\"\n}\n"
             "control \"b\" {\n  documentation = file(\"./a.md\")\n  sql = \"select 2\"\n}\n"
             "control \"b2\" {\n  documentation = file(\"./m.md\")\n  sql = \"select 3\"\n}\n"
             "control \"c\" {\n  documentation = file(\"./z.md\")\n  sql = \"select 4\"\n}\n%s",
             doc_a,
             with_d ? "control \"d\" {\n  documentation = file(\"./k.md\")\n  sql = \"select 5\"\n}\n" : "");
    wf_write(dir, "controls.pp", text);
}

/* The inputs of a patch's evaluated entries come after those it carried over, which it does not
 * compare again (resolve.c, order_after_carried): a target another carried entry reads is there
 * once, a new one in its sorted place; every input as a fresh open has them. */
Test(patch, inputs_read_again_merge_into_the_carried_ones)
{
    char *dir = wf_tmpdir(), *cache = wf_tmpdir();
    wf_write(dir, "mod.pp", "mod \"m\" {\n  title = \"m\"\n}\n");
    wf_write(dir, "a.md", "a\n");
    wf_write(dir, "k.md", "k\n");
    wf_write(dir, "m.md", "m\n");
    wf_write(dir, "z.md", "z\n");
    write_readers(dir, "file(\"./m.md\")", 0);
    lp_workspace_opts cached = { .no_background = 1, .index_cache = cache };
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(dir, &cached, &ws, &err), LP_OK, "%s", err.message);
    lp_close(ws);
    write_readers(dir, "file( \"./m.md\")", 1);   /* (its text changed: evaluated again) */
    cr_assert_eq(lp_open(dir, &cached, &ws, &err), LP_OK, "%s", err.message);
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    lp_resolve_stats rs;
    lp_wait_resolved(ws, -1);
    lp_resolve_stats_get(ws, &rs);
    cr_assert(st.patched, "not patched: %s", st.index_cache_note);
    cr_assert_eq(rs.evaluated, 2, "a and d evaluated, not %u", rs.evaluated);
    cr_assert_geq(rs.carried, 3, "b, b2 and c carried over, not %u", rs.carried);
    lp_buf fresh = { 0 }, got = { 0 };
    dump_of(ws, &got);
    lp_close(ws);
    fresh_dump(dir, &fresh);
    assert_same(&fresh, &got, "a target read again and a new one");
    /* (the fresh open's list itself: each target once, in order) */
    const char *m = strstr(fresh.data, "/m.md"), *k = strstr(fresh.data, "/k.md");
    cr_assert(m && k && k < m && !strstr(m + 1, "/m.md"), "the fresh open's inputs:\n%s", fresh.data);
    lp_buf_free(&fresh);
    lp_buf_free(&got);
    wf_remove(cache);
    wf_remove(dir);
}

/* The paths of dir's second and last files as a fresh open lists them (malloc'd); how many files. */
static uint32_t early_and_late(const char *dir, char **early, char **late)
{
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(dir, &(lp_workspace_opts){ .no_background = 1, .no_resolve = 1 }, &ws, &err), LP_OK);
    uint32_t n = lp_file_count(ws);
    lp_file_info a, b;
    cr_assert(n > 1 && lp_file_get(ws, 1, &a) == 0 && lp_file_get(ws, n - 1, &b) == 0);
    *early = strdup(a.path);
    *late = strdup(b.path);
    lp_close(ws);
    return n;
}

/* Appends a comment to the file at path (a change of its bytes, not of its entries). */
static void touch_bytes(const char *path)
{
    FILE *f = fopen(path, "a");
    cr_assert(f, "%s", path);
    fputs("\n# edited\n", f);
    fclose(f);
}

/* A reopen's stats of the inputs shared with the checks' thread (persist.c, stat_inputs): with the
 * opening thread held to the first chunk, that thread stats the rest, and what the two found is
 * what one would: the image reopened when nothing changed, the first changed input named (the
 * opening thread's, though the other found one too), every changed file scanned again; each open
 * equal to a fresh one. */
Test(patch, the_checks_thread_stats_the_inputs_left)
{
    char *cache, *dir = copy_mod_with_image(&cache);
    lp_workspace_opts cached = { .no_background = 1, .index_cache = cache };
    char *early, *late;
    cr_assert_gt(early_and_late(dir, &early, &late), 64, "too few files for chunks of 32");
    /* no change; both files changed; the late one alone (its change seen by the checks' thread) */
    const char *const steps[] = { NULL, "both", "late" };
    unsigned long before = lp_test_reopen_stats_split(1);
    for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
        int both = steps[i] && !strcmp(steps[i], "both");
        wf_image_anew(dir, cache);   /* each step one change after a whole image */
        if (both) touch_bytes(early);
        if (steps[i]) touch_bytes(late);
        lp_workspace *ws;
        lp_error err;
        lp_buf fresh = { 0 }, got = { 0 };
        fresh_dump(dir, &fresh);
        cr_assert_eq(lp_open(dir, &cached, &ws, &err), LP_OK, "%s", err.message);
        lp_workspace_stats st;
        lp_workspace_stats_get(ws, &st);
        if (!steps[i]) {
            cr_assert(st.reopened && !st.patched, "step %zu: not reopened: %s", i, st.index_cache_note);
        } else {
            const char *named = both ? early : late;
            cr_assert(st.patched, "step %zu: not patched: %s", i, st.index_cache_note);
            cr_assert(strstr(st.index_cache_note, named), "step %zu: %s not named first: %s", i, named,
                      st.index_cache_note);
            const char *scanned = both ? "patched: 2 of" : "patched: 1 of";
            cr_assert(strstr(st.index_cache_note, scanned), "step %zu: %s", i, st.index_cache_note);
        }
        dump_of(ws, &got);
        lp_close(ws);
        assert_same(&fresh, &got, steps[i] ? steps[i] : "unchanged");
        lp_buf_free(&fresh);
        lp_buf_free(&got);
        unsigned long now = lp_test_reopen_stats_split(1);
        cr_assert_gt(now, before, "step %zu: the checks' thread statted nothing", i);
        before = now;
    }
    lp_test_reopen_stats_split(0);
    free(early);
    free(late);
    wf_remove(cache);
    wf_remove(dir);
}
