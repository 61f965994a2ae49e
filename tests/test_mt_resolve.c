/* test_mt_resolve.c — readers run while the resolver publishes (run under
 * TSan by `make test-tsan`).  A reader must see either the scanned or the
 * resolved version of an entry, never a mix, and must never block. */
#include "support/mt_test.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lazypipe.h"
#include "support/shared.h"

#define BENCH "aws_cloudtrail_log_detections.benchmark.config_detections"
/* locals.pp 3-7 + detections/config.pp 1-7, 18-20 (worked out by hand) */
static const char *const FINAL[][2] = {
    { "category", "Detections" }, { "folder", "Config" }, { "plugin", "aws" },
    { "service", "AWS/Config" },  { "type", "Benchmark" },
};

typedef struct reader {
    lp_workspace *ws;
    atomic_int *stop;
    atomic_long reads;   /* watched by the test's thread */
    long resolved_seen, torn;
} reader;

static void *read_loop(void *arg)
{
    reader *r = arg;
    uint32_t id = lp_lookup(r->ws, BENCH);
    uint32_t n = lp_entry_count(r->ws);
    while (!atomic_load(r->stop)) {
        lp_entry_info e;
        lp_entry_get(r->ws, id, &e);
        if (!(e.unresolved & LP_UNRES_TAGS)) {
            /* the resolved version: exactly the five eager tags */
            int ok = e.tags.n == 5;
            for (uint32_t i = 0; ok && i < 5; i++) {
                const char *k, *v;
                lp_tags_at(&e.tags, i, &k, &v);
                ok = strcmp(k, FINAL[i][0]) == 0 && strcmp(v, FINAL[i][1]) == 0;
            }
            if (!ok) r->torn++;
            r->resolved_seen++;
        } else {
            /* the scanned version: only the inline object of merge() */
            const char *t = lp_tags_get(&e.tags, "type");
            if (!t || strcmp(t, "Benchmark") != 0 || lp_tags_get(&e.tags, "plugin")) r->torn++;
        }
        /* touch every entry's strings, as a payload writer would */
        for (uint32_t i = 0; i < n; i += 7) {
            lp_entry_info x;
            lp_entry_get(r->ws, i, &x);
            for (uint32_t k = 0; k < x.tags.n; k++) {
                const char *kk, *vv;
                lp_tags_at(&x.tags, k, &kk, &vv);
                if (!kk[0] && !vv) r->torn++;
            }
            if (!x.title) r->torn++;
        }
        atomic_fetch_add(&r->reads, 1);
    }
    return NULL;
}

static atomic_int callbacks;

static void on_resolved(void *user, lp_workspace *ws)
{
    (void)user;
    (void)ws;
    atomic_fetch_add(&callbacks, 1);
}

Test(mt_resolve, readers_see_old_or_new_never_torn)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s", ts_data("corpus/aws_cloudtrail_log_detections"));
    lp_workspace_opts o = { .on_resolved = on_resolved };
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "%s", err.message);
    atomic_int stop = 0;
    reader rd[3];
    pthread_t th[3];
    for (int i = 0; i < 3; i++) {
        rd[i] = (reader){ .ws = ws, .stop = &stop };
        cr_assert_eq(pthread_create(&th[i], NULL, read_loop, &rd[i]), 0);
    }
    cr_assert_eq(lp_wait_resolved(ws, 120000), LP_OK);
    /* each reader goes on until a read of its began after the resolution was done (two more ended:
     * a loaded machine may not have run a reader yet), which must see the resolved version */
    for (int i = 0; i < 3; i++) {
        long at = atomic_load(&rd[i].reads);
        for (int ms = 0; atomic_load(&rd[i].reads) < at + 2 && ms < 60000; ms++)
            nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
    }
    atomic_store(&stop, 1);
    for (int i = 0; i < 3; i++) {
        pthread_join(th[i], NULL);
        cr_expect_eq(rd[i].torn, 0, "reader %d saw a torn entry", i);
        cr_expect_gt(rd[i].resolved_seen, 0, "reader %d never saw the resolved version (%ld reads)", i,
                     (long)atomic_load(&rd[i].reads));
    }
    cr_expect_eq(atomic_load(&callbacks), 1);
    lp_entry_info e;
    lp_entry_get(ws, lp_lookup(ws, BENCH), &e);
    cr_expect_eq(e.unresolved & LP_UNRES_TAGS, 0);
    cr_expect_eq(e.tags.n, 5);
    lp_close(ws);
}

Test(mt_resolve, close_while_resolving_and_timeout)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s", ts_data("corpus/aws_cloudtrail_log_detections"));
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(dir, NULL, &ws, &err), LP_OK, "%s", err.message);
    int rc = lp_wait_resolved(ws, 0);
    cr_expect(rc == LP_OK || rc == LP_ERR_TIMEOUT);
    lp_close(ws);   /* stops the resolver, joins it, frees everything */
}
