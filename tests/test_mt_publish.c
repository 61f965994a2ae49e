/* test_mt_publish.c — the phase-2 hook of index.h: a resolver thread
 * publishes complete idx_resolved records (one release store per entry)
 * while readers call lp_entry_get and write payloads.  Every reader must see
 * one version of an entry, whole: its title "T<k>" and its tag v = "<k>"
 * always agree (or it is still the scanned entry).  Run under
 * ThreadSanitizer too; as Criterion cannot start under TSan
 * (Snaipe/Criterion#274) a TSan build runs it through support/mt_test.h.
 */
#include "support/mt_test.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "index/index.h"
#include "lazypipe.h"
#include "support/wsfix.h"

#define CHECK(cond, ...) cr_assert(cond, "" __VA_ARGS__)

#define VERSIONS 400
#define READERS 2

static lp_workspace *ws;
static ar_arena pub_arena;     /* the "resolver's" arena: only the writer allocates */
static atomic_int done_writing;

static void *writer(void *arg)
{
    (void)arg;
    for (int v = 1; v <= VERSIONS; v++) {
        for (uint32_t id = 0; id < lp_entry_count(ws); id++) {
            idx_resolved *r = ar_zalloc(&pub_arena, sizeof *r);
            idx_tag *t = ar_alloc(&pub_arena, sizeof *t);
            char *title = ar_alloc(&pub_arena, 16);
            char *val = ar_alloc(&pub_arena, 16);
            if (!r || !t || !title || !val) abort();
            snprintf(title, 16, "T%d", v);
            snprintf(val, 16, "%d", v);
            t->key = "v";
            t->value = val;
            r->title = title;
            r->description = "";
            r->tags = t;
            r->ntags = 1;
            r->has_tags = 1;
            /* the fields a record gives (the rest are read from the scan) */
            r->evaluated = LP_UNRES_TITLE | LP_UNRES_DESCRIPTION | LP_UNRES_TAGS;
            idx_publish(ws, id, r);
        }
    }
    atomic_store(&done_writing, 1);
    return NULL;
}

static void *reader(void *arg)
{
    long *checked = arg;
    int last = 0;
    do {
        last = atomic_load(&done_writing);
        for (uint32_t id = 0; id < lp_entry_count(ws); id++) {
            lp_entry_info e;
            CHECK(lp_entry_get(ws, id, &e) == LP_OK);
            const char *v = lp_tags_get(&e.tags, "v");
            if (e.title[0] == 'T' && e.title[1] >= '0' && e.title[1] <= '9') {
                CHECK(v && strcmp(e.title + 1, v) == 0, "torn read: %s / %s", e.title, v ? v : "(none)");
            } else {
                CHECK(!v, "scanned title with a published tag");
            }
            (*checked)++;
        }
        lp_buf b = { 0 };
        CHECK(lp_available_dashboards_json(ws, &b) == LP_OK);
        CHECK(strstr(b.data, "\"action\":\"available_dashboards\"") != NULL);
        lp_buf_free(&b);
    } while (!last);
    return NULL;
}

static void publish_while_reading(void)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "mod.pp", "mod \"m\" {\n}\n");
    wf_write(dir, "a.pp",
             "dashboard \"d\" {\n  title = \"Scanned\"\n  card {\n    sql = \"select 1\"\n  }\n}\n"
             "benchmark \"top\" {\n  title = \"Scanned\"\n  children = [benchmark.mid]\n}\n"
             "benchmark \"mid\" {\n  title = \"Scanned\"\n  children = [control.c]\n}\n"
             "control \"c\" {\n  title = \"Scanned\"\n}\n");
    lp_workspace_opts o = { .workers = 1, .no_resolve = 1 };
    lp_error err;
    CHECK(lp_open(dir, &o, &ws, &err) == LP_OK, "%s", err.message);
    ar_init(&pub_arena, 64 * 1024);
    pthread_t w, r[READERS];
    long checked[READERS] = { 0 };
    CHECK(pthread_create(&w, NULL, writer, NULL) == 0);
    for (int i = 0; i < READERS; i++) CHECK(pthread_create(&r[i], NULL, reader, &checked[i]) == 0);
    pthread_join(w, NULL);
    for (int i = 0; i < READERS; i++) pthread_join(r[i], NULL);
    for (int i = 0; i < READERS; i++) CHECK(checked[i] > 0);
    /* after the last version every reader sees it */
    lp_entry_info e;
    lp_entry_get(ws, lp_lookup(ws, "m.benchmark.top"), &e);
    char want[16];
    snprintf(want, sizeof want, "T%d", VERSIONS);
    CHECK(strcmp(e.title, want) == 0, "%s", e.title);
    lp_buf b = { 0 };
    CHECK(lp_available_dashboards_json(ws, &b) == LP_OK);
    CHECK(strstr(b.data, "\"tags\":{\"mod\":\"mod.m\",\"v\":\"400\"}") != NULL, "%s", b.data);
    lp_buf_free(&b);
    lp_close(ws);
    ar_free(&pub_arena);
    wf_remove(dir);
}

Test(mt_publish, readers_never_see_a_torn_entry, .timeout = 120)
{
    publish_while_reading();
}
