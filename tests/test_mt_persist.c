/* test_mt_persist.c — the persisted index under threads (also run under
 * ThreadSanitizer, support/mt_test.h).
 *
 * The resolver thread writes the image while the opening thread reads the
 * workspace (payload, lists, entries); then several threads reopen the same
 * image at once, each reading its workspace whole, while another thread
 * builds the workspace again (so that an image is renamed over the one the
 * readers map).  Every reopened dump must equal the dump of a fresh build.
 */
#include "support/mt_test.h"
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lazypipe.h"
#include "lazypipe_test.h"
#include "support/wsdump.h"
#include "support/wsfix.h"

#define READERS 3
#define ROUNDS 4

static char *dir, *cache;
static lp_buf fresh;

/* dir opened with o, dumped and compared with the fresh build's dump: 0, or 1 when it differs. */
static int differs_from_fresh(const lp_workspace_opts *o)
{
    lp_buf d = { 0 };
    int bad = wsd_open_dump(dir, o, 0, 1, &d) != LP_OK;
    char msg[512];
    if (wsd_diff(fresh.data, fresh.len, d.data, d.len, msg, sizeof msg)) {
        fprintf(stderr, "test_mt_persist: %s\n", msg);
        bad = 1;
    }
    lp_buf_free(&d);
    return bad;
}

static void *reader(void *arg)
{
    int *bad = arg;
    lp_workspace_opts o = { .workers = 1, .index_cache = cache };
    for (int r = 0; r < ROUNDS; r++) *bad += differs_from_fresh(&o);
    return NULL;
}

/* Remove the images, so that the next open builds and writes one. */
static void drop_images(void)
{
    DIR *d = opendir(cache);
    struct dirent *de;
    char p[4200];
    while (d && (de = readdir(d)) != NULL) {
        if (!strstr(de->d_name, ".lpidx")) continue;
        snprintf(p, sizeof p, "%s/%s", cache, de->d_name);
        unlink(p);
    }
    if (d) closedir(d);
}

static void *rebuilder(void *arg)
{
    (void)arg;
    for (int r = 0; r < ROUNDS; r++) {
        drop_images();
        /* another process's rebuild: same directory, its own resolver writes the image */
        lp_workspace_opts o = { .workers = 2 };
        lp_workspace *ws = NULL;
        lp_error err;
        o.index_cache = cache;
        o.no_background = 0;
        if (lp_open(dir, &o, &ws, &err) == LP_OK) {
            lp_wait_resolved(ws, -1);
            lp_close(ws);
        }
    }
    return NULL;
}

/* The mod (mod.pp with variable v) in dir and an empty index cache directory */
static void mod_and_cache(void)
{
    dir = wf_tmpdir();
    cache = wf_tmpdir();
    wf_write(dir, "mod.pp", "mod \"m\" {\n  title = \"M\"\n}\nvariable \"v\" {\n  default = \"V\"\n}\n");
}

/* f0.pp to f5.pp: a benchmark and its control each, reading the variable */
static void six_files(void)
{
    for (int i = 0; i < 6; i++) {
        char rel[32], text[512];
        snprintf(rel, sizeof rel, "f%d.pp", i);
        snprintf(text, sizeof text,
                 "benchmark \"b%d\" {\n  title = \"B%d ${var.v}\"\n  children = [control.c%d]\n}\n"
                 "control \"c%d\" {\n  title = \"C%d\"\n  tags = { k = \"v${var.v}\" }\n"
                 "  sql = \"select %d\"\n}\n",
                 i, i, i, i, i, i);
        wf_write(dir, rel, text);
    }
}

static void persist_under_threads(void)
{
    mod_and_cache();
    six_files();
    lp_workspace_opts plain = { .workers = 1 };
    cr_assert_eq(wsd_open_dump(dir, &plain, 0, 1, &fresh), LP_OK);

    /* the first open: background resolution writes the image while this
     * thread reads */
    lp_workspace_opts o = { .workers = 2, .index_cache = cache };
    lp_workspace *ws = NULL;
    lp_error err;
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK);
    for (int k = 0; k < 20; k++) {
        lp_buf p = { 0 };
        lp_available_dashboards_json(ws, &p);
        lp_buf_free(&p);
    }
    lp_wait_resolved(ws, -1);
    lp_resolve_stats rs;
    lp_resolve_stats_get(ws, &rs);
    cr_assert(rs.image_written);
    lp_close(ws);

    pthread_t th[READERS + 1];
    int bad[READERS] = { 0 };
    for (int i = 0; i < READERS; i++) cr_assert_eq(pthread_create(&th[i], NULL, reader, &bad[i]), 0);
    cr_assert_eq(pthread_create(&th[READERS], NULL, rebuilder, NULL), 0);
    for (int i = 0; i <= READERS; i++) pthread_join(th[i], NULL);
    for (int i = 0; i < READERS; i++) cr_assert_eq(bad[i], 0);
    lp_buf_free(&fresh);
    wf_remove(cache);
    wf_remove(dir);
}

Test(mt_persist, reopen_while_another_rebuilds, .timeout = 300) { persist_under_threads(); }

/* A first open's deferred image (the CLI's, opts.defer_image): lp_save_image makes its segments on
 * helper threads while the opening thread writes the image's other sections (workspace.c,
 * late_wait); several such saves run at once into one cache.  The image they leave is then patched
 * (one file edited: the others' segments taken) and must equal a fresh build. */
static void *deferred_saver(void *arg)
{
    int *bad = arg;
    lp_workspace_opts o = { .workers = 2, .index_cache = cache, .defer_image = 1 };
    lp_workspace *ws = NULL;
    lp_error err;
    if (lp_open(dir, &o, &ws, &err) != LP_OK) {
        (*bad)++;
        return NULL;
    }
    if (lp_save_image(ws, &err) != LP_OK) (*bad)++;
    lp_close(ws);
    return NULL;
}

Test(mt_persist, deferred_segments_beside_the_image_write, .timeout = 300)
{
    mod_and_cache();
    six_files();
    pthread_t th[READERS];
    int bad[READERS] = { 0 };
    for (int i = 0; i < READERS; i++) cr_assert_eq(pthread_create(&th[i], NULL, deferred_saver, &bad[i]), 0);
    for (int i = 0; i < READERS; i++) pthread_join(th[i], NULL);
    for (int i = 0; i < READERS; i++) cr_assert_eq(bad[i], 0);
    wf_write(dir, "f0.pp", "control \"c0\" {\n  title = \"edited ${var.v}\"\n  sql = \"select 0\"\n}\n");
    lp_workspace_opts plain = { .workers = 1 },
                      o = { .workers = 1, .index_cache = cache, .no_background = 1 };
    lp_workspace *ws = NULL;
    lp_error err;
    cr_assert_eq(lp_open(dir, &plain, &ws, &err), LP_OK, "%s", err.message);
    wsd_dump(ws, 1, &fresh);
    lp_close(ws);
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "%s", err.message);
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    cr_assert(st.patched, "not patched: %s", st.index_cache_note);
    cr_assert(strstr(st.index_cache_note, "patched: 1 of 7 files scanned"), "%s", st.index_cache_note);
    lp_buf d = { 0 };
    wsd_dump(ws, 1, &d);
    lp_close(ws);
    char msg[512];
    cr_assert(!wsd_diff(fresh.data, fresh.len, d.data, d.len, msg, sizeof msg), "%s", msg);
    lp_buf_free(&d);
    lp_buf_free(&fresh);
    wf_remove(cache);
    wf_remove(dir);
}

/* Patched opens under threads (issue 13 §2): f0.pp flips between two
 * versions; after each flip READERS threads open at once from the same
 * stale image (each patches it: the image's segments taken, f0.pp scanned,
 * resolution in the background after the image's version is closed, each
 * writing the next image); every result must be the fresh build of the
 * current version. */
static lp_buf fresh_v[2];
static int cur_v, live_patches;

/* A live workspace opened over the stale image (its first version a patch: the image's records made
 * on another CPU, its segments taken lazily from the image file, its strings borrowing the image's
 * private copy), compared with a fresh open, then closed (which writes its image).  0, or 1 (said
 * why). */
static int live_patch(void)
{
    lp_workspace_opts o = { .workers = 1, .index_cache = cache };
    lp_live *lv;
    lp_error err;
    if (lp_live_open(dir, &o, &lv, &err) != LP_OK) {
        fprintf(stderr, "test_mt_persist: a live open: %s\n", err.message);
        return 1;
    }
    char msg[512];
    int rc = wsd_live_vs_open(lv, dir, &(lp_workspace_opts){ .workers = 1 }, 1, msg, sizeof msg);
    if (rc) fprintf(stderr, "test_mt_persist: a live patch: %s\n", msg);
    lp_live_close(lv);
    return rc != 0;
}

static int patch_here;   /* the racing patches resolve on their own thread (no_background) */

static void *patcher(void *arg)
{
    int *bad = arg;
    if (live_patches) {
        *bad += live_patch();
        return NULL;
    }
    /* resolution on a thread, or on this one (its arrays made while the prep thread decodes) */
    lp_workspace_opts o = { .workers = 1, .index_cache = cache, .no_background = patch_here };
    lp_buf d = { 0 };
    if (wsd_open_dump(dir, &o, 0, 1, &d) != LP_OK) (*bad)++;
    char msg[512];
    if (wsd_diff(fresh_v[cur_v].data, fresh_v[cur_v].len, d.data, d.len, msg, sizeof msg)) {
        fprintf(stderr, "test_mt_persist: a patch: %s\n", msg);
        (*bad)++;
    }
    lp_buf_free(&d);
    return NULL;
}

static void flip(int v)
{
    char text[512];
    snprintf(text, sizeof text, "control \"c0\" {\n  title = \"V%d ${var.v}\"\n  sql = \"select 0\"\n}\n",
             v);
    wf_write(dir, "f0.pp", text);
}

static void patches_race(void)
{
    mod_and_cache();
    for (int i = 1; i < 6; i++) {
        char rel[32], text[512];
        snprintf(rel, sizeof rel, "f%d.pp", i);
        snprintf(text, sizeof text, "control \"c%d\" {\n  title = \"C%d\"\n  sql = \"select %d\"\n}\n", i,
                 i, i);
        wf_write(dir, rel, text);
    }
    lp_workspace_opts plain = { .workers = 1 },
                      o = { .workers = 1, .index_cache = cache, .no_background = 1 };
    lp_workspace *ws = NULL;
    lp_error err;
    unsigned patched = 0;
    for (int r = 0; r < 8; r++) {
        /* the small image decoded by each patch on its own thread, or (every other round) on a prep
         * thread beside it */
        lp_test_patch_prep_always(r % 2 == 0);
        patch_here = r / 2 % 2;
        flip(r % 2);
        cur_v = r % 2;
        lp_buf_free(&fresh_v[r % 2]);
        cr_assert_eq(wsd_open_dump(dir, &plain, 0, 1, &fresh_v[r % 2]), LP_OK);
        pthread_t th[READERS];
        int bad[READERS] = { 0 };
        for (int i = 0; i < READERS; i++) cr_assert_eq(pthread_create(&th[i], NULL, patcher, &bad[i]), 0);
        for (int i = 0; i < READERS; i++) pthread_join(th[i], NULL);
        for (int i = 0; i < READERS; i++) cr_assert_eq(bad[i], 0);
        /* what the racing opens left: an image of this version (or a patch of one) */
        cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK);
        lp_workspace_stats st;
        lp_workspace_stats_get(ws, &st);
        patched += st.patched != 0;
        lp_close(ws);
        lp_buf d = { 0 };
        cr_assert_eq(wsd_open_dump(dir, &o, 0, 1, &d), LP_OK);
        char msg[512];
        cr_assert(!wsd_diff(fresh_v[r % 2].data, fresh_v[r % 2].len, d.data, d.len, msg, sizeof msg),
                  "round %d: %s", r, msg);
        lp_buf_free(&d);
    }
    lp_test_patch_prep_always(0);
    cr_assert_gt(patched + (unsigned)READERS, 0);
    lp_buf_free(&fresh_v[0]);
    lp_buf_free(&fresh_v[1]);
    wf_remove(cache);
    wf_remove(dir);
}

Test(mt_persist, patches_race, .timeout = 300) { patches_race(); }

/* The same with live workspaces (a server or watch started after the edit) opening at once. */
Test(mt_persist, live_patches_race, .timeout = 300)
{
    live_patches = 1;
    patches_race();
}

/* A reopen's stats shared with the checks' thread (persist.c, stat_inputs), the opening thread held
 * to the first chunk (lp_test_reopen_stats_split): READERS threads reopen the image at once, clean
 * and then stale (the last of 70 files edited: a change only the checks' thread sees), each equal
 * to a fresh build; that thread statted inputs each time. */
static void *reopen_reader(void *arg)
{
    lp_workspace_opts o = { .workers = 1, .index_cache = cache, .no_background = 1 };
    *(int *)arg += differs_from_fresh(&o);
    return NULL;
}

Test(mt_persist, stats_shared_with_the_checks_thread, .timeout = 300)
{
    mod_and_cache();
    for (int i = 0; i < 70; i++) {
        char rel[32], text[160];
        snprintf(rel, sizeof rel, "f%02d.pp", i);
        snprintf(text, sizeof text,
                 "control \"c%d\" {\n  title = \"C%d ${var.v}\"\n  sql = \"select %d\"\n}\n", i, i, i);
        wf_write(dir, rel, text);
    }
    lp_workspace_opts o = { .workers = 1, .index_cache = cache, .no_background = 1 };
    lp_workspace_opts plain = { .workers = 1 };
    lp_workspace *ws = NULL;
    lp_error err;
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "%s", err.message);
    lp_close(ws);
    unsigned long before = lp_test_reopen_stats_split(1);
    for (int step = 0; step < 2; step++) {
        if (step == 1)
            wf_write(dir, "f69.pp", "control \"c69\" {\n  title = \"edited\"\n  sql = \"select 69\"\n}\n");
        cr_assert_eq(wsd_open_dump(dir, &plain, 0, 1, &fresh), LP_OK);
        pthread_t th[READERS];
        int bad[READERS] = { 0 };
        for (int i = 0; i < READERS; i++)
            cr_assert_eq(pthread_create(&th[i], NULL, reopen_reader, &bad[i]), 0);
        for (int i = 0; i < READERS; i++) pthread_join(th[i], NULL);
        for (int i = 0; i < READERS; i++) cr_assert_eq(bad[i], 0);
        lp_buf_free(&fresh);
        unsigned long now = lp_test_reopen_stats_split(1);
        cr_assert_gt(now, before, "step %d: the checks' thread statted nothing", step);
        before = now;
    }
    lp_test_reopen_stats_split(0);
    wf_remove(cache);
    wf_remove(dir);
}
