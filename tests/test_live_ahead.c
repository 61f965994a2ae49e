/* test_live_ahead.c — a burst's version built ahead, while the watcher's debounce waits
 * (lv_prepare_candidate), and published at the debounce's end only when it is what a refresh
 * then would build (lv_refresh_paths).
 *
 * The reference is a refresh without a candidate: the same edit of a second copy of the mod,
 * refreshed the ordinary way, must give the same change set, and every published version must
 * read as a fresh lp_open of the tree (tests/support/wsdump.c).  The races the watcher cannot see
 * (an edit that lands after its last read of inotify and before the refresh's check) are made
 * here by calling the live layer directly: a candidate built, the file written again, then the
 * refresh.  The watcher's own tests set its timing (lv_set_watch_timing) so that a burst's steps
 * fall on either side of its quiet time.  Files are written in place within the same millisecond
 * and with the same size, so a check that trusted the stat alone (inputs.h: a racy record is
 * hashed) would miss them.
 */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lazypipe.h"
#include "live/live.h"
#include "support/waitcount.h"
#include "support/wsdump.h"
#include "support/wsfix.h"

static const char mod_pp[] = "mod \"m\" {\n  title = \"M\"\n}\n";

/* a.pp with control a's title `title` (the same length for titles of one length) */
static void write_a(const char *dir, const char *title)
{
    char text[512];
    snprintf(text, sizeof text,
             "benchmark \"b\" {\n  title = \"Bench\"\n  children = [control.a, control.c]\n}\n"
             "control \"a\" {\n  title = \"%s\"\n  sql = \"select 1\"\n}\n",
             title);
    wf_write(dir, "a.pp", text);
}

static char *make_mod(void)
{
    char *dir = wf_mod_dir(mod_pp);
    write_a(dir, "A0");
    wf_write(dir, "c.pp", "control \"c\" {\n  title = \"C\"\n  sql = \"select 2\"\n}\n");
    return dir;
}

static const lp_workspace_opts opts = { .workers = 1 };

static lp_live *live_open(const char *dir)
{
    lp_live *lv = NULL;
    lp_error err;
    cr_assert_eq(lp_live_open(dir, &opts, &lv, &err), LP_OK, "%s: %s", dir, err.message);
    lp_workspace *ws = lp_live_acquire(lv);
    lp_wait_resolved(ws, -1);
    lp_live_release(lv, ws);
    return lv;
}

/* The current version reads as a fresh open of dir. */
static void assert_fresh(lp_live *lv, const char *dir, const char *what)
{
    char msg[2048];
    cr_assert(!wsd_live_vs_open(lv, dir, &opts, 1, msg, sizeof msg), "%s: the version != a fresh open: %s",
              what, msg);
}

/* Control a's title in the current version ("" when it has none). */
static void title_of_a(lp_live *lv, char *out, size_t n)
{
    lp_workspace *ws = lp_live_acquire(lv);
    uint32_t id = lp_lookup(ws, "m.control.a");
    lp_entry_info e;
    snprintf(out, n, "%s", id != LP_NO_ENTRY && lp_entry_get(ws, id, &e) == LP_OK ? e.title : "");
    lp_live_release(lv, ws);
}

/* What the watcher would name for an edit of dir/a.pp: the directory and the file. */
typedef struct named {
    char dir[4096], file[4200];
    const char *v[2];
} named;

static void name_a(named *n, const char *dir)
{
    snprintf(n->dir, sizeof n->dir, "%s", dir);
    snprintf(n->file, sizeof n->file, "%s/a.pp", dir);
    n->v[0] = n->dir;
    n->v[1] = n->file;
}

static void counts(lp_live *lv, uint64_t *built, uint64_t *published)
{
    lv_ahead_counts(lv, built, published);
}

static void assert_same_list(const char *what, const char *const *x, uint32_t nx, const char *const *y,
                             uint32_t ny)
{
    cr_assert_eq(nx, ny, "%s: %u against %u", what, nx, ny);
    for (uint32_t i = 0; i < nx; i++) cr_assert_str_eq(x[i], y[i], "%s %u", what, i);
}

/* (a) A title edit: the candidate is published (prepared_ns set) with the change set a refresh
 * without one finds for the same edit of a copy. */
Test(ahead, a_title_edit_is_published_from_its_candidate)
{
    char *d1 = make_mod(), *d2 = make_mod();
    lp_live *l1 = live_open(d1), *l2 = live_open(d2);
    named n1, n2;
    name_a(&n1, d1);
    name_a(&n2, d2);
    write_a(d1, "A1");
    write_a(d2, "A1");
    cr_assert_eq(lv_prepare_candidate(l1, n1.v, 2), 1, "no candidate for a title edit");
    lp_changes c1, c2;
    cr_assert_eq(lv_refresh_paths(l1, n1.v, 2, &c1), LP_OK);
    cr_assert_eq(lv_refresh_paths(l2, n2.v, 2, &c2), LP_OK);
    cr_assert(c1.changed && c2.changed);
    cr_assert_gt(c1.prepared_ns, 0, "the candidate was not published");
    cr_assert_eq(c2.prepared_ns, 0);
    cr_assert_geq(c1.prepared_ns, c1.build_ns, "the build is part of what was prepared");
    uint64_t built, published;
    counts(l1, &built, &published);
    cr_assert(built == 1 && published == 1, "built %lu, published %lu", (unsigned long)built,
              (unsigned long)published);
    cr_assert_eq(c1.version, 2);
    cr_assert_eq(lp_live_version(l1), 2);
    cr_assert_str_eq(c1.reason + strlen(d1), c2.reason + strlen(d2));
    assert_same_list("modified", c1.modified, c1.nmodified, c2.modified, c2.nmodified);
    assert_same_list("added", c1.added, c1.nadded, c2.added, c2.nadded);
    assert_same_list("removed", c1.removed, c1.nremoved, c2.removed, c2.nremoved);
    assert_same_list("diagnostics", c1.diags_added, c1.ndiags_added, c2.diags_added, c2.ndiags_added);
    cr_assert_eq(c1.ndiags_cleared, c2.ndiags_cleared);
    cr_assert_eq(c1.payload_changed, c2.payload_changed);
    cr_assert_eq(c1.inputs_checked, c2.inputs_checked);
    cr_assert_eq(c1.inputs_changed, c2.inputs_changed);
    cr_assert_eq(c1.files_scanned, c2.files_scanned);
    cr_assert_eq(c1.entries_evaluated, c2.entries_evaluated);
    lp_changes_free(&c1);
    lp_changes_free(&c2);
    char t[64];
    title_of_a(l1, t, sizeof t);
    cr_assert_str_eq(t, "A1");
    assert_fresh(l1, d1, "published from the candidate");
    /* and the next edit refreshes from the published candidate as from any version */
    write_a(d1, "A2");
    cr_assert_eq(lv_prepare_candidate(l1, n1.v, 2), 1);
    cr_assert_eq(lv_refresh_paths(l1, n1.v, 2, &c1), LP_OK);
    cr_assert(c1.changed && c1.prepared_ns > 0);
    lp_changes_free(&c1);
    assert_fresh(l1, d1, "the next edit, from a candidate too");
    lp_live_close(l1);
    lp_live_close(l2);
    wf_remove(d1);
    wf_remove(d2);
}

/* (b) The file written again after the candidate was built, before the refresh (an event the
 * watcher has not read yet): the refresh publishes the second content, never the candidate's. */
Test(ahead, an_edit_after_the_candidate_wins)
{
    char *dir = make_mod();
    lp_live *lv = live_open(dir);
    named n;
    name_a(&n, dir);
    char t[64];
    /* the same size, in place: only the bytes tell */
    write_a(dir, "A1");
    cr_assert_eq(lv_prepare_candidate(lv, n.v, 2), 1);
    write_a(dir, "A2");
    lp_changes c;
    cr_assert_eq(lv_refresh_paths(lv, n.v, 2, &c), LP_OK);
    cr_assert(c.changed);
    cr_assert_eq(c.prepared_ns, 0, "the candidate of the first content was published");
    lp_changes_free(&c);
    title_of_a(lv, t, sizeof t);
    cr_assert_str_eq(t, "A2");
    assert_fresh(lv, dir, "written again after the candidate");
    /* written back to what the version has: nothing changed, the candidate is not published */
    write_a(dir, "A3");
    cr_assert_eq(lv_prepare_candidate(lv, n.v, 2), 1);
    write_a(dir, "A2");
    cr_assert_eq(lv_refresh_paths(lv, n.v, 2, &c), LP_OK);
    cr_assert(!c.changed, "a version published for content that came and went");
    lp_changes_free(&c);
    title_of_a(lv, t, sizeof t);
    cr_assert_str_eq(t, "A2");
    /* the same bytes as the candidate's, renamed over (another inode): not published as it is,
     * since it records the old file's stat; the version reads as a fresh open */
    write_a(dir, "A4");
    cr_assert_eq(lv_prepare_candidate(lv, n.v, 2), 1);
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s/a.pp.tmp", dir);
    FILE *f = fopen(tmp, "wb");
    cr_assert(f);
    fputs("benchmark \"b\" {\n  title = \"Bench\"\n  children = [control.a, control.c]\n}\n"
          "control \"a\" {\n  title = \"A4\"\n  sql = \"select 1\"\n}\n",
          f);
    fclose(f);
    cr_assert_eq(rename(tmp, n.file), 0);
    cr_assert_eq(lv_refresh_paths(lv, n.v, 2, &c), LP_OK);
    cr_assert(c.changed);
    cr_assert_eq(c.prepared_ns, 0, "published with another file's stat");
    lp_changes_free(&c);
    assert_fresh(lv, dir, "the same bytes renamed over");
    /* a candidate is for the version it was built from: another refresh in between drops it */
    write_a(dir, "A5");
    cr_assert_eq(lv_prepare_candidate(lv, n.v, 2), 1);
    cr_assert_eq(lp_refresh(lv, &c), LP_OK);
    cr_assert(c.changed && c.prepared_ns == 0);
    lp_changes_free(&c);
    write_a(dir, "A6");
    cr_assert_eq(lv_refresh_paths(lv, n.v, 2, &c), LP_OK);
    cr_assert(c.changed && c.prepared_ns == 0, "a candidate outlived the version it was built from");
    lp_changes_free(&c);
    title_of_a(lv, t, sizeof t);
    cr_assert_str_eq(t, "A6");
    assert_fresh(lv, dir, "after a refresh dropped the candidate");
    uint64_t built, published;
    counts(lv, &built, &published);
    cr_assert(built == 4 && published == 0, "built %lu, published %lu", (unsigned long)built,
              (unsigned long)published);
    lp_live_close(lv);
    wf_remove(dir);
}

/* (c) A save as truncate, then write: a candidate built from the empty file is never published. */
Test(ahead, a_truncated_file_is_never_published)
{
    char *dir = make_mod();
    lp_live *lv = live_open(dir);
    named n;
    name_a(&n, dir);
    int fd = open(n.file, O_WRONLY | O_TRUNC);
    cr_assert_geq(fd, 0);
    close(fd);
    cr_assert_eq(lv_prepare_candidate(lv, n.v, 2), 1, "no candidate for the emptied file");
    write_a(dir, "A1");
    lp_changes c;
    cr_assert_eq(lv_refresh_paths(lv, n.v, 2, &c), LP_OK);
    cr_assert(c.changed);
    cr_assert_eq(c.prepared_ns, 0, "the empty file's candidate was published");
    cr_assert_eq(c.nremoved, 0, "the version lost the file's entries");
    lp_changes_free(&c);
    char t[64];
    title_of_a(lv, t, sizeof t);
    cr_assert_str_eq(t, "A1");
    assert_fresh(lv, dir, "truncated, then written");
    lp_live_close(lv);
    wf_remove(dir);
}

/* ------------------------------------------------------------ through the watcher */

typedef struct seen {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    lp_live *lv;
    int calls;
    int without_a;               /* versions published without control a */
    uint64_t prepared_ns;        /* the last change set's */
    char title[64];              /* control a's title in the last version published */
} seen;

static void on_change(void *user, const lp_changes *c)
{
    seen *s = user;
    char t[64];
    title_of_a(s->lv, t, sizeof t);   /* the watcher's thread: the version it just published */
    pthread_mutex_lock(&s->mu);
    s->calls++;
    s->without_a += !t[0];
    s->prepared_ns = c->prepared_ns;
    snprintf(s->title, sizeof s->title, "%s", t);
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

/* Wait until at least `calls` callbacks came, or 10 s: the number come. */
static int wait_calls(seen *s, int calls)
{
    return wait_count(&s->mu, &s->cv, &s->calls, calls, 10);
}

static void start(lp_live *lv, seen *s, int debounce_ms, int quiet_ms)
{
    *s = (seen){ PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, lv, 0, 0, 0, "" };
    lv_set_watch_timing(lv, debounce_ms, quiet_ms);
    lp_error err;
    cr_assert_eq(lp_watch_start(lv, on_change, s, &err), LP_OK, "%s", err.message);
}

/* An editor's save (a temporary file written and renamed over): the watcher's refresh publishes
 * the version it built while the debounce waited. */
Test(ahead, the_watcher_publishes_what_it_built_ahead)
{
    char *dir = make_mod();
    lp_live *lv = live_open(dir);
    seen s;
    start(lv, &s, 100, 10);
    char tmp[4200], file[4200];
    snprintf(tmp, sizeof tmp, "%s/.a.pp.tmp", dir);
    snprintf(file, sizeof file, "%s/a.pp", dir);
    FILE *f = fopen(tmp, "wb");
    cr_assert(f);
    fputs("benchmark \"b\" {\n  title = \"Bench\"\n  children = [control.a, control.c]\n}\n"
          "control \"a\" {\n  title = \"Saved\"\n  sql = \"select 1\"\n}\n",
          f);
    fclose(f);
    cr_assert_eq(rename(tmp, file), 0);
    cr_assert_eq(wait_calls(&s, 1), 1, "no refresh within 10 s");
    pthread_mutex_lock(&s.mu);
    uint64_t prepared = s.prepared_ns;
    char title[64];
    snprintf(title, sizeof title, "%s", s.title);
    pthread_mutex_unlock(&s.mu);
    cr_assert_str_eq(title, "Saved");
    cr_assert_gt(prepared, 0, "the burst's version was not built ahead");
    lp_watch_stop(lv);
    assert_fresh(lv, dir, "the watcher's save");
    lp_live_close(lv);
    wf_remove(dir);
}

/* Truncated, then (after the quiet time: a candidate of the empty file is built) written: the
 * watcher never publishes the empty file's version; a stream of events builds at most a few
 * candidates per burst. */
Test(ahead, the_watcher_never_publishes_a_half_written_save)
{
    char *dir = make_mod();
    lp_live *lv = live_open(dir);
    seen s;
    start(lv, &s, 400, 10);
    char file[4200];
    snprintf(file, sizeof file, "%s/a.pp", dir);
    int fd = open(file, O_WRONLY | O_TRUNC);
    cr_assert_geq(fd, 0);
    close(fd);
    usleep(150 * 1000);   /* the empty file's candidate built by now */
    uint64_t built, published;
    counts(lv, &built, &published);
    cr_assert_eq(built, 1, "no candidate built for the emptied file");
    write_a(dir, "A1");
    cr_assert_eq(wait_calls(&s, 1), 1, "no refresh within 10 s");
    usleep(200 * 1000);
    pthread_mutex_lock(&s.mu);
    int calls = s.calls, without = s.without_a;
    char title[64];
    snprintf(title, sizeof title, "%s", s.title);
    pthread_mutex_unlock(&s.mu);
    cr_assert_eq(calls, 1, "%d versions for one burst", calls);
    cr_assert_eq(without, 0, "the empty file's version was published");
    cr_assert_str_eq(title, "A1");
    counts(lv, &built, &published);
    cr_assert(built == 2 && published == 1, "built %lu, published %lu", (unsigned long)built,
              (unsigned long)published);
    /* a stream of events (a checkout): writes 20 ms apart for 300 ms, past the quiet time each */
    for (int i = 0; i < 15; i++) {
        char t[8];
        snprintf(t, sizeof t, "S%d", i % 10);
        write_a(dir, t);
        usleep(20 * 1000);
    }
    cr_assert_geq(wait_calls(&s, 2), 2, "no refresh within 10 s");
    usleep(600 * 1000);   /* the writes after the first burst's end: its own burst */
    lp_watch_stop(lv);
    uint64_t built2;
    counts(lv, &built2, &published);
    pthread_mutex_lock(&s.mu);
    calls = s.calls;
    without = s.without_a;
    pthread_mutex_unlock(&s.mu);
    cr_assert_leq(built2 - built, 3 * (uint64_t)(calls - 1), "%lu candidates for %d bursts",
                  (unsigned long)(built2 - built), calls - 1);
    cr_assert_eq(without, 0);
    assert_fresh(lv, dir, "after the stream");
    lp_live_close(lv);
    wf_remove(dir);
}
