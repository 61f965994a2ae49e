/* test_mt_load.c — loads, hits, evictions, invalidations and releases racing
 * on the same and on different names (run under TSan by `make test-tsan`).
 * Every handle a thread holds must stay intact (its name, its title, its
 * tree, its show document read as values while other threads read it too)
 * until the thread releases it, whatever the others evict; the cache's
 * counters must add up at the end. */
#include "support/mt_test.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/shared.h"

#define THREADS 4
#define ROUNDS 300

typedef struct worker {
    lp_workspace *ws;
    uint32_t *ids;               /* the resources to race on */
    uint32_t nids;
    unsigned seed;
    int invalidate;              /* this one also invalidates now and then */
    long loads, bad;
} worker;

/* The name and the first child's name, read through the handle. */
static int intact(lp_workspace *ws, uint32_t id, const lp_resource *r)
{
    lp_entry_info e;
    lp_entry_get(ws, id, &e);
    if (strcmp(lp_resource_name(r), e.name) != 0 || lp_resource_entry(r) != id) return 0;
    for (uint32_t i = 0; i < lp_resource_child_count(r); i++) {
        const lp_resource *c = lp_resource_child(r, i);
        if (!c || !lp_resource_name(c)[0]) return 0;
    }
    const char *t = lp_resource_str(r, "title");
    return !t || strlen(t) < 100000;
}

/* The handle's show document as values (lp_resource_value, which other threads
 * build from the same pinned handle at the same time) names it. */
static int document_names_it(const lp_resource *r)
{
    lp_value *v;
    if (lp_resource_value(r, &v) != LP_OK) return 0;
    const char *qn = lp_value_str(lp_value_get(v, "qualified_name"), NULL);
    int ok = qn && !strcmp(qn, lp_resource_name(r));
    lp_value_free(v);
    return ok;
}

static void *work(void *arg)
{
    worker *w = arg;
    lp_resource *held[3] = { 0 };
    uint32_t held_id[3];
    for (int round = 0; round < ROUNDS; round++) {
        /* half the time the first name (every thread races on it), else any */
        uint32_t k = rand_r(&w->seed) % 2 ? 0 : rand_r(&w->seed) % w->nids;
        uint32_t id = w->ids[k];
        lp_resource *r;
        lp_error err;
        if (lp_load_entry(w->ws, id, &r, &err) != LP_OK) {
            w->bad++;
            continue;
        }
        w->loads++;
        if (!intact(w->ws, id, r)) w->bad++;
        if (round % 8 == 0 && !document_names_it(r)) w->bad++;
        /* keep a few handles across rounds, released later in another order */
        int slot = round % 3;
        if (held[slot]) {
            if (!intact(w->ws, held_id[slot], held[slot])) w->bad++;
            lp_resource_release(held[slot]);
        }
        held[slot] = r;
        held_id[slot] = id;
        if (w->invalidate && round % 17 == 0) lp_cache_invalidate(w->ws, round % 34 ? id : LP_NO_ENTRY);
    }
    for (int i = 0; i < 3; i++)
        if (held[i]) {
            if (!intact(w->ws, held_id[i], held[i])) w->bad++;
            lp_resource_release(held[i]);
        }
    return NULL;
}

Test(mt_load, loads_hits_evictions_and_releases_race)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s", ts_data("corpus/aws_cloudtrail_log_detections"));
    /* a budget of a few resources: evictions all the time */
    lp_workspace_opts o = { .cache_budget = 64 * 1024, .no_background = 1 };
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "%s", err.message);
    uint32_t ids[64], n = 0;
    /* benchmarks (trees), detections and queries */
    lp_kind kinds[] = { LP_KIND_BENCHMARK, LP_KIND_DETECTION, LP_KIND_QUERY };
    for (size_t k = 0; k < 3; k++)
        for (uint32_t id = lp_next_of_kind(ws, kinds[k], LP_NO_ENTRY); id != LP_NO_ENTRY && n < 20 * (k + 1);
             id = lp_next_of_kind(ws, kinds[k], id))
            ids[n++] = id;
    cr_assert_gt(n, 10);
    worker wk[THREADS];
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++) {
        wk[i] = (worker){ ws, ids, n, 1234u + (unsigned)i, i == 0, 0, 0 };
        cr_assert_eq(pthread_create(&th[i], NULL, work, &wk[i]), 0);
    }
    long loads = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(th[i], NULL);
        cr_expect_eq(wk[i].bad, 0, "worker %d saw a broken handle or a failed load", i);
        loads += wk[i].loads;
    }
    lp_cache_stats s;
    lp_cache_stats_get(ws, &s);
    cr_expect_eq((long)(s.hits + s.misses), loads, "every load is a hit or a miss");
    cr_expect_eq(s.pinned, 0, "every handle released");
    cr_expect_gt(s.evictions, 0, "the budget forced evictions");
    cr_expect_leq(s.bytes, s.budget, "unpinned, within the budget");
    cr_expect_eq(s.loads, s.misses, "every miss loads (two racing misses load twice, keep one)");
    lp_close(ws);
}

/* A workspace reopened from its image: the threads' first loads race on the
 * scope's decoding (once, under the cache's mutex), then read it at once. */
Test(mt_load, first_loads_race_on_the_image_scope)
{
    char dir[512], cache[] = "/tmp/lp_mt_scope_XXXXXX";
    snprintf(dir, sizeof dir, "%s", ts_data("corpus/aws_cloudtrail_log_detections"));
    cr_assert(mkdtemp(cache));
    lp_workspace_opts o = { .cache_budget = 64 * 1024, .no_background = 1, .index_cache = cache };
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "%s", err.message);
    lp_close(ws);
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "%s", err.message);
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    cr_assert(st.reopened, "%s", st.index_cache_note);
    uint32_t ids[64], n = 0;
    for (uint32_t id = lp_next_of_kind(ws, LP_KIND_DETECTION, LP_NO_ENTRY); id != LP_NO_ENTRY && n < 64;
         id = lp_next_of_kind(ws, LP_KIND_DETECTION, id))
        ids[n++] = id;
    cr_assert_gt(n, 10);
    worker wk[THREADS];
    pthread_t th[THREADS];
    for (int i = 0; i < THREADS; i++) {
        wk[i] = (worker){ ws, ids, n, 99u + (unsigned)i, 0, 0, 0 };
        cr_assert_eq(pthread_create(&th[i], NULL, work, &wk[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(th[i], NULL);
        cr_expect_eq(wk[i].bad, 0, "worker %d saw a broken handle or a failed load", i);
    }
    lp_cache_stats s;
    lp_cache_stats_get(ws, &s);
    cr_expect_eq(s.scope_images, 1, "decoded once");
    cr_expect_eq(s.scope_builds, 0, "no twin");
    lp_close(ws);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", cache);
    cr_expect_eq(system(cmd), 0);
}
