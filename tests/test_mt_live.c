/* test_mt_live.c — readers of a live workspace racing with refreshes (also
 * run under ThreadSanitizer, support/mt_test.h).
 *
 * Reader threads acquire the current version, read all of it (entries,
 * tags, payload) and release it, in a loop; the main thread rewrites a file
 * and refreshes, publishing a new version each time, then the watcher does
 * the same for a while (publishing the versions it built while its debounce
 * waited: lv_prepare_candidate).  Every version a reader sees is whole: its control's
 * title and its benchmark's title carry the same generation number (they
 * are written in one file together), and no version is freed under a reader.
 * Readers also take the version's kept payload (lp_live_payload, which the
 * refresh makes the next one from meanwhile): the same bytes as
 * lp_available_dashboards_json of that version, still readable after the
 * version is released.
 */
#include "support/mt_test.h"
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lazypipe.h"
#include "live/live.h"
#include "support/wsfix.h"

#define READERS 2
#define REFRESHES 40

static lp_live *lv;
static atomic_int stop;

static void write_gen(const char *dir, int g)
{
    char text[512];
    snprintf(text, sizeof text,
             "benchmark \"b\" {\n  title = \"B%d\"\n  children = [control.c]\n}\n"
             "control \"c\" {\n  title = \"C%d\"\n  tags = { gen = \"%d\" }\n  sql = \"select 1\"\n}\n",
             g, g, g);
    wf_write(dir, "a.pp", text);
}

static void *reader(void *arg)
{
    int *bad = arg;
    while (!atomic_load(&stop)) {
        lp_workspace *ws = lp_live_acquire(lv);
        uint32_t b = lp_lookup(ws, "m.benchmark.b"), c = lp_lookup(ws, "m.control.c");
        lp_entry_info eb, ec;
        if (b == LP_NO_ENTRY || c == LP_NO_ENTRY || lp_entry_get(ws, b, &eb) != LP_OK ||
            lp_entry_get(ws, c, &ec) != LP_OK) {
            (*bad)++;
        } else {
            const char *tag = lp_tags_get(&ec.tags, "gen");
            if (strcmp(eb.title + 1, ec.title + 1) != 0 || !tag || strcmp(tag, ec.title + 1) != 0) (*bad)++;
        }
        int resolved = lp_is_resolved(ws);   /* (before: both payloads of the resolved version) */
        lp_buf p = { 0 };
        lp_available_dashboards_json(ws, &p);
        lp_payload *kept = NULL;
        if (lp_live_payload(lv, ws, &kept) != LP_OK) (*bad)++;
        lp_live_release(lv, ws);
        size_t n;
        const char *bytes = lp_payload_bytes(kept, &n);
        if (kept && resolved && (n != p.len || memcmp(bytes, p.data, n) != 0)) (*bad)++;
        lp_payload_release(kept);
        lp_buf_free(&p);
    }
    return NULL;
}

static void on_change(void *user, const lp_changes *c)
{
    atomic_int *n = user;
    if (c->changed) atomic_fetch_add(n, 1);
}

/* A mod of generation 0 (write_gen) opened as lv, with two workers: its directory. */
static char *open_gen0(void)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "mod.pp", "mod \"m\" {}\n");
    write_gen(dir, 0);
    lp_workspace_opts o = { .workers = 2 };
    lp_error err;
    cr_assert_eq(lp_live_open(dir, &o, &lv, &err), LP_OK, "%s", err.message);
    return dir;
}

/* The watcher publishing generations first..last of dir while the readers th read (bad: what each
 * found wrong), waiting for each to be published; then the readers stopped and lv closed. */
static void watch_generations(const char *dir, int first, int last, pthread_t *th, const int *bad)
{
    atomic_int published = 0;
    lp_error err;
    cr_assert_eq(lp_watch_start(lv, on_change, &published, &err), LP_OK);
    for (int g = first; g <= last; g++) {
        write_gen(dir, g);
        for (int k = 0; k < 100 && atomic_load(&published) < g - first + 1; k++) usleep(50 * 1000);
    }
    lp_watch_stop(lv);
    /* the watcher published versions it built while its debounce waited (the readers raced them) */
    uint64_t built, ahead;
    lv_ahead_counts(lv, &built, &ahead);
    cr_assert_geq(ahead, 1, "no version built ahead was published (%lu built)", (unsigned long)built);
    atomic_store(&stop, 1);
    for (int i = 0; i < READERS; i++) pthread_join(th[i], NULL);
    for (int i = 0; i < READERS; i++) cr_assert_eq(bad[i], 0);
    cr_assert_geq(atomic_load(&published), 1);
    lp_live_close(lv);
}

static void readers_race_refreshes(void)
{
    char *dir = open_gen0();
    pthread_t th[READERS];
    int bad[READERS] = { 0 };
    for (int i = 0; i < READERS; i++) cr_assert_eq(pthread_create(&th[i], NULL, reader, &bad[i]), 0);
    for (int g = 1; g <= REFRESHES; g++) {
        write_gen(dir, g);
        lp_changes c;
        cr_assert_eq(lp_refresh(lv, &c), LP_OK);
        cr_assert(c.changed);
        lp_changes_free(&c);
    }
    /* the watcher publishing while readers read */
    watch_generations(dir, REFRESHES + 1, REFRESHES + 5, th, bad);
    wf_remove(dir);
}

Test(mt_live, readers_race_refreshes) { readers_race_refreshes(); }

/* Reopened from its index image: the watcher reads the image's segments at a burst's first event
 * (lv_prepare_paths) and refreshes while readers read that version. */
static void readers_race_the_watcher_after_a_reopen(void)
{
    char *dir = wf_tmpdir(), *cache = wf_tmpdir();
    wf_write(dir, "mod.pp", "mod \"m\" {}\n");
    write_gen(dir, 0);
    lp_workspace_opts o = { .workers = 2, .index_cache = cache };
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "%s", err.message);
    lp_wait_resolved(ws, -1);
    lp_close(ws);
    sleep(1);   /* past the racy window: the reopen hashes nothing (inputs.h) */
    cr_assert_eq(lp_live_open(dir, &o, &lv, &err), LP_OK, "%s", err.message);
    lp_workspace_stats st;
    lp_workspace_stats_get(ws = lp_live_acquire(lv), &st);
    lp_live_release(lv, ws);
    cr_assert(st.reopened, "%s", st.index_cache_note);
    atomic_store(&stop, 0);
    pthread_t th[READERS];
    int bad[READERS] = { 0 };
    for (int i = 0; i < READERS; i++) cr_assert_eq(pthread_create(&th[i], NULL, reader, &bad[i]), 0);
    watch_generations(dir, 1, 3, th, bad);
    wf_remove(cache);
    wf_remove(dir);
}

Test(mt_live, readers_race_the_watcher_after_a_reopen) { readers_race_the_watcher_after_a_reopen(); }

/* ---- carried records (issue 15): a refresh carries the records of the
 * entries whose reads did not change over from the previous version, with
 * their values in that version's store; readers release old versions on
 * their threads while later versions still read those values.  b.pp holds
 * MANY controls reading local.t (enough for the resolver's helper thread);
 * every version they show must agree on its value. */
#define MANY 300

static void write_locals(const char *dir, int g)
{
    char text[256];
    snprintf(text, sizeof text, "mod \"m\" {}\nlocals {\n  t = { v = \"L%d\" }\n}\n", g);
    wf_write(dir, "mod.pp", text);
}

static void *many_reader(void *arg)
{
    int *bad = arg;
    while (!atomic_load(&stop)) {
        lp_workspace *ws = lp_live_acquire(lv);
        lp_wait_resolved(ws, -1);
        const char *first = NULL;
        for (int i = 0; i < MANY; i += 7) {
            char name[64];
            snprintf(name, sizeof name, "m.control.many_%d", i);
            uint32_t id = lp_lookup(ws, name);
            lp_entry_info e;
            if (id == LP_NO_ENTRY || lp_entry_get(ws, id, &e) != LP_OK) {
                (*bad)++;
                continue;
            }
            const char *v = lp_tags_get(&e.tags, "v");
            if (!v || (first && strcmp(v, first) != 0) || strcmp(e.title, "M") != 0) (*bad)++;
            if (!first) first = v;
        }
        lp_live_release(lv, ws);
    }
    return NULL;
}

static void carried_records_race_releases(void)
{
    char *dir = wf_tmpdir();
    write_locals(dir, 0);
    write_gen(dir, 0);
    lp_buf many = { 0 };
    for (int i = 0; i < MANY; i++)
        lp_buf_printf(&many,
                      "control \"many_%d\" {\n  title = \"M\"\n  tags = local.t\n"
                      "  sql = \"select %d\"\n}\n",
                      i, i);
    lp_buf_putc(&many, 0);
    wf_write(dir, "b.pp", many.data);
    lp_buf_free(&many);
    lp_workspace_opts o = { .workers = 2 };
    lp_error err;
    atomic_store(&stop, 0);
    cr_assert_eq(lp_live_open(dir, &o, &lv, &err), LP_OK);
    pthread_t th[READERS];
    int bad[READERS] = { 0 };
    for (int i = 0; i < READERS; i++) cr_assert_eq(pthread_create(&th[i], NULL, many_reader, &bad[i]), 0);
    uint32_t carried = 0;
    for (int g = 1; g <= REFRESHES; g++) {
        if (g % 4 == 0) write_locals(dir, g);   /* every reader of local.t evaluated again */
        else write_gen(dir, g);                 /* b.pp's records carried over */
        lp_changes c;
        cr_assert_eq(lp_refresh(lv, &c), LP_OK);
        cr_assert(c.changed);
        carried += c.entries_reused;
        lp_changes_free(&c);
    }
    atomic_store(&stop, 1);
    for (int i = 0; i < READERS; i++) pthread_join(th[i], NULL);
    for (int i = 0; i < READERS; i++) cr_assert_eq(bad[i], 0);
    cr_assert_gt(carried, 0);
    lp_live_close(lv);
    wf_remove(dir);
}

Test(mt_live, carried_records_race_releases) { carried_records_race_releases(); }

/* ---- a release after the close: the header lets a reader release its version after lp_live_close
 * freed the handle; the release must touch the version alone (under TSan before pins were counted in
 * the version, the release locked the freed handle's mutex). */
static sem_t held, closed;

static void *late_reader(void *arg)
{
    int *bad = arg;
    lp_workspace *ws = lp_live_acquire(lv);
    sem_post(&held);
    sem_wait(&closed);
    if (lp_lookup(ws, "m.control.c") == LP_NO_ENTRY) (*bad)++;   /* still whole */
    lp_live_release(lv, ws);                                       /* the last pin: closes it */
    return NULL;
}

Test(mt_live, readers_release_after_the_close)
{
    char *dir = open_gen0();
    sem_init(&held, 0, 0);
    sem_init(&closed, 0, 0);
    pthread_t th[READERS];
    int bad[READERS] = { 0 };
    for (int i = 0; i < READERS; i++) cr_assert_eq(pthread_create(&th[i], NULL, late_reader, &bad[i]), 0);
    for (int i = 0; i < READERS; i++) sem_wait(&held);
    lp_live_close(lv);
    for (int i = 0; i < READERS; i++) sem_post(&closed);
    for (int i = 0; i < READERS; i++) pthread_join(th[i], NULL);
    for (int i = 0; i < READERS; i++) cr_assert_eq(bad[i], 0);
    sem_destroy(&held);
    sem_destroy(&closed);
    wf_remove(dir);
}
