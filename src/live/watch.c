/* watch.c — the watcher of a live workspace (lp_watch_* in lazypipe.h).
 *
 * One thread.  inotify watches every directory the current version listed
 * (hidden ones apart: .powerpipe is followed by the poll below, as Powerpipe
 * polls .mod.cache.json); any event starts a 100 ms window — editors write a
 * temporary file, rename it and chmod it, and a `git checkout` touches many
 * files — at whose end one lp_refresh runs.  Every 2 s a refresh runs anyway:
 * it costs a check of every input's stat when nothing changed, and it sees
 * what inotify cannot (a dependency mod installed under .powerpipe, a file
 * changed on a network filesystem, events lost to a queue overflow).  After
 * a refresh that published a new version the watch set follows its
 * directories: new ones are added, deleted ones the kernel drops itself.
 * When the kernel's watch limit is reached (ENOSPC) the watcher says so
 * (lp_watch_warning) and keeps only the 2-second poll.
 *
 * A burst's refresh checks only what its events named (each directory and
 * each name in it, as the inputs record paths: lv_refresh_paths), so a
 * touched file costs one stat and one hash, not a check of every input; a
 * queue overflow, an unknown watch or a burst of more than MAX_NAMED paths
 * checks everything, and so does the 2-second poll.
 *
 * The burst's refresh is built while the debounce waits: once its events have
 * been quiet for QUIET_MS, the watcher asks for a candidate
 * (lv_prepare_candidate: the check of the named inputs, the next version and
 * its change set, not published), and the refresh at the debounce's end
 * publishes it when it is what that refresh would build (the same version
 * under it, the same inputs changed, each named input reading as the
 * candidate read it); otherwise it builds as before.  Any later event of the
 * burst drops the candidate.  10 ms: an editor's save (truncate and write;
 * write a temporary file, rename it over, chmod it) comes within about a
 * millisecond, so a candidate is seldom built from a half-saved file (and
 * never published from one: its confirmation reads the file again), and the
 * build (1-3 ms for one file) is done long before the 100 ms end.  At most
 * MAX_AHEAD per burst, so that a long stream of events (a `git checkout`)
 * does not build again and again.  refresh_ms (lp_changes.total_ns) is then
 * the confirmation and the publish; the build ahead is prepared_ns.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "base/mem.h"
#include "live/live.h"

#define DEBOUNCE_MS 100
#define QUIET_MS 10
#define MAX_AHEAD 3
#define POLL_MS 2000
#define MAX_NAMED 512
#define WATCH_MASK                                                                                          \
    (IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB |         \
     IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

struct lv_watch {
    lp_live *lv;
    pthread_t thread;
    int ifd;                     /* inotify; -1: polling only */
    int stop_pipe[2];
    lp_watch_fn fn;
    void *user;
    _Atomic(int) degraded;
    char warning[256];           /* written before `degraded` is set, read after */
    struct { int wd; char *path; } *dirs;   /* what each watch descriptor watches */
    uint32_t ndirs, capdirs;
    ar_arena dir_paths;          /* the watched directories' paths */
    ar_arena burst;              /* the paths a burst named: reset after its refresh */
    const char **named;
    uint32_t nnamed;
    int check_all;               /* the burst named more than MAX_NAMED, or lost events */
    int debounce_ms, quiet_ms;   /* DEBOUNCE_MS, QUIET_MS unless a test set others (lv_watch_timing) */
};

/* Where the current burst is (pending_since -1: none). */
struct burst_clock {
    int64_t pending_since;       /* its first event */
    int64_t last_event;
    int ahead;                   /* a candidate was asked for since its last event */
    int nahead;                  /* candidates it asked for */
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Is path, under the workspace's directory dir, inside a hidden directory? */
static int hidden_below(const char *dir, const char *path)
{
    size_t dl = strlen(dir);
    if (strncmp(path, dir, dl) != 0) return 0;
    for (const char *p = path + dl; *p; p++)
        if (*p == '/' && p[1] == '.') return 1;
    return 0;
}

static void degrade(struct lv_watch *w, const char *why)
{
    if (w->ifd >= 0) close(w->ifd);
    w->ifd = -1;
    snprintf(w->warning, sizeof w->warning, "%s; watching by polling every %d s instead", why,
             POLL_MS / 1000);
    atomic_store(&w->degraded, 1);
}

static void remember(struct lv_watch *w, int wd, const char *path)
{
    for (uint32_t i = 0; i < w->ndirs; i++)
        if (w->dirs[i].wd == wd) {
            if (strcmp(w->dirs[i].path, path) == 0) return;
            w->dirs[i].path = NULL;   /* the descriptor's directory moved: a new path below */
            w->dirs[i].wd = -1;
        }
    if (w->ndirs == w->capdirs) {
        uint32_t cap = w->capdirs ? 2 * w->capdirs : 32;
        void *v = mem_realloc(w->dirs, (size_t)w->capdirs * sizeof *w->dirs, (size_t)cap * sizeof *w->dirs);
        if (!v) return;   /* its events are then unknown: they check everything */
        w->dirs = v;
        w->capdirs = cap;
    }
    char *p = ar_strndup(&w->dir_paths, path, strlen(path));
    if (!p) return;
    w->dirs[w->ndirs].wd = wd;
    w->dirs[w->ndirs++].path = p;
}

/* Watch every directory the current version listed (adding a watch that
 * exists is harmless: the kernel returns the same descriptor). */
static void follow(struct lv_watch *w)
{
    if (w->ifd < 0) return;
    lp_workspace *ws = lp_live_acquire(w->lv);
    const char *dir = lp_workspace_dir(ws);
    for (uint32_t i = 0; i < lp_input_count(ws) && w->ifd >= 0; i++) {
        lp_input_info in;
        if (lp_input_get(ws, i, &in) != LP_OK || in.kind != LP_INPUT_DIRECTORY || !in.present) continue;
        if (hidden_below(dir, in.path)) continue;
        int wd = inotify_add_watch(w->ifd, in.path, WATCH_MASK);
        if (wd >= 0) remember(w, wd, in.path);
        else if (errno == ENOSPC)
            degrade(w, "the inotify watch limit is reached (fs.inotify.max_user_watches)");
    }
    lp_live_release(w->lv, ws);
}

static void name_path(struct lv_watch *w, const char *dir, const char *name)
{
    if (w->check_all) return;
    if (w->nnamed == MAX_NAMED) {
        w->check_all = 1;
        return;
    }
    size_t dl = strlen(dir), nl = name ? strlen(name) : 0;
    /* the inputs' form: "dir/name", or "name" in the directory "." */
    int dot = dl == 1 && dir[0] == '.';
    char *p = ar_alloc(&w->burst, dl + nl + 2);
    if (!p) {
        w->check_all = 1;
        return;
    }
    if (!name) memcpy(p, dir, dl + 1);
    else if (dot) memcpy(p, name, nl + 1);
    else snprintf(p, dl + nl + 2, "%s/%s", dir, name);
    for (uint32_t i = 0; i < w->nnamed; i++)   /* an editor's save names the same paths again and again */
        if (strcmp(w->named[i], p) == 0) return;
    w->named[w->nnamed++] = p;
}

/* Read what inotify has, naming each directory and entry it reports; 1
 * when anything came. */
static int drain(struct lv_watch *w)
{
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    int any = 0;
    for (;;) {
        ssize_t n = read(w->ifd, buf, sizeof buf);
        if (n <= 0) break;
        any = 1;
        for (ssize_t off = 0; off + (ssize_t)sizeof(struct inotify_event) <= n;) {
            const struct inotify_event *ev = (const struct inotify_event *)(const void *)(buf + off);
            off += (ssize_t)sizeof *ev + ev->len;
            if (ev->mask & IN_Q_OVERFLOW) {
                w->check_all = 1;
                continue;
            }
            const char *dir = NULL;
            for (uint32_t i = 0; i < w->ndirs && !dir; i++)
                if (w->dirs[i].wd == ev->wd) dir = w->dirs[i].path;
            if (!dir) {
                if (!(ev->mask & IN_IGNORED)) w->check_all = 1;
                continue;
            }
            name_path(w, dir, NULL);
            if (ev->len && ev->name[0]) name_path(w, dir, ev->name);
        }
    }
    return any;
}

/* Is a candidate (lv_prepare_candidate) to be built once the burst has been quiet for quiet_ms? */
static int ahead_wanted(const struct lv_watch *w, const struct burst_clock *b)
{
    return b->pending_since >= 0 && !w->check_all && !b->ahead && b->nahead < MAX_AHEAD;
}

static void *watch_main(void *arg)
{
    struct lv_watch *w = arg;
    struct burst_clock b = { .pending_since = -1, .last_event = -1 };
    int64_t last_check = now_ms();
    for (;;) {
        int64_t now = now_ms();
        int64_t due = b.pending_since >= 0 ? b.pending_since + w->debounce_ms : last_check + POLL_MS;
        int64_t quiet = b.last_event + w->quiet_ms;
        if (ahead_wanted(w, &b) && quiet < due) due = quiet;
        int timeout = due > now ? (int)(due - now) : 0;
        struct pollfd pf[2] = { { w->stop_pipe[0], POLLIN, 0 }, { w->ifd, POLLIN, 0 } };
        int rc = poll(pf, w->ifd >= 0 ? 2 : 1, timeout);
        if (rc < 0 && errno != EINTR) break;
        if (pf[0].revents) break;   /* lp_watch_stop */
        int events = w->ifd >= 0 && (pf[1].revents & POLLIN) && drain(w);
        if (events) {
            b.last_event = now_ms();
            if (b.pending_since < 0) b.pending_since = b.last_event;
            if (b.ahead) lv_drop_candidate(w->lv);   /* built before this event: not the burst's */
            b.ahead = 0;
        }
        /* what the burst's refresh will read first whatever changed, read while the debounce waits */
        if (events && !w->check_all) lv_prepare_paths(w->lv, w->named, w->nnamed);
        now = now_ms();
        if (ahead_wanted(w, &b) && now >= b.last_event + w->quiet_ms &&
            now < b.pending_since + w->debounce_ms) {
            b.ahead = 1;   /* built, or nothing to build: not again before the next event */
            b.nahead++;
            lv_prepare_candidate(w->lv, w->named, w->nnamed);
            now = now_ms();
        }
        int burst = b.pending_since >= 0 && now >= b.pending_since + w->debounce_ms;
        if (burst || now >= last_check + POLL_MS) {
            lp_changes c;
            int got = burst && !w->check_all ? lv_refresh_paths(w->lv, w->named, w->nnamed, &c)
                                             : lp_refresh(w->lv, &c);
            if (got == LP_OK && c.changed) {
                w->fn(w->user, &c);
                follow(w);
            }
            lp_changes_free(&c);
            w->nnamed = 0;
            w->check_all = 0;
            ar_reset(&w->burst);
            b = (struct burst_clock){ .pending_since = -1, .last_event = -1 };
            if (!burst) last_check = now_ms();
            /* The versions this thread builds are freed by their last reader, on another thread,
             * into this thread's pages, which only this thread's collection gives back: an idle
             * server kept them (1.7 MiB of 23 after 1,000 viewers left).  A collection
             * of this small heap at each periodic check costs little beside the check's stats. */
            if (!burst) mem_release();
        }
    }
    return NULL;
}

int lp_watch_start(lp_live *lv, lp_watch_fn fn, void *user, lp_error *err)
{
    if (!lv || !fn) return LP_ERR_ARG;
    struct lv_watch **slot = lv_watch_slot(lv);
    if (*slot) return LP_ERR_ARG;   /* one watcher per handle */
    struct lv_watch *w = mem_calloc(1, sizeof *w);
    if (!w) return LP_ERR_NOMEM;
    w->lv = lv;
    w->fn = fn;
    w->user = user;
    w->debounce_ms = DEBOUNCE_MS;
    w->quiet_ms = QUIET_MS;
    lv_watch_timing(lv, &w->debounce_ms, &w->quiet_ms);
    ar_init(&w->burst, 16 * 1024);
    ar_init(&w->dir_paths, 4 * 1024);
    w->named = mem_calloc(MAX_NAMED, sizeof *w->named);
    if (!w->named) {
        mem_free(w, sizeof *w);
        return LP_ERR_NOMEM;
    }
    if (pipe2(w->stop_pipe, O_CLOEXEC) != 0) {
        if (err) {
            err->code = LP_ERR_IO;
            snprintf(err->message, sizeof err->message, "pipe: %s", strerror(errno));
        }
        mem_free(w->named, MAX_NAMED * sizeof *w->named);
        mem_free(w, sizeof *w);
        return LP_ERR_IO;
    }
    w->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->ifd < 0) {
        char why[160];
        snprintf(why, sizeof why, "inotify is not available (%s)", strerror(errno));
        degrade(w, why);
    }
    /* The watches are in place when lp_watch_start returns: a change made right
     * after it is seen at once (followed on the thread, it could wait for the poll). */
    follow(w);
    if (pthread_create(&w->thread, NULL, watch_main, w) != 0) {
        if (w->ifd >= 0) close(w->ifd);
        close(w->stop_pipe[0]);
        close(w->stop_pipe[1]);
        mem_free(w->dirs, (size_t)w->capdirs * sizeof *w->dirs);
        ar_free(&w->dir_paths);
        ar_free(&w->burst);
        mem_free(w->named, MAX_NAMED * sizeof *w->named);
        mem_free(w, sizeof *w);
        if (err) {
            err->code = LP_ERR_NOMEM;
            snprintf(err->message, sizeof err->message, "cannot start the watcher thread");
        }
        return LP_ERR_NOMEM;
    }
    *slot = w;
    return LP_OK;
}

void lv_watch_stop(lp_live *lv)
{
    struct lv_watch **slot = lv_watch_slot(lv);
    struct lv_watch *w = *slot;
    if (!w) return;
    ssize_t k;
    do {
        k = write(w->stop_pipe[1], "x", 1);
    } while (k < 0 && errno == EINTR);
    pthread_join(w->thread, NULL);
    if (w->ifd >= 0) close(w->ifd);
    close(w->stop_pipe[0]);
    close(w->stop_pipe[1]);
    mem_free(w->dirs, (size_t)w->capdirs * sizeof *w->dirs);
    mem_free(w->named, MAX_NAMED * sizeof *w->named);
    ar_free(&w->burst);
    ar_free(&w->dir_paths);
    mem_free(w, sizeof *w);
    *slot = NULL;
}

void lp_watch_stop(lp_live *lv)
{
    if (lv) lv_watch_stop(lv);
}

const char *lp_watch_warning(lp_live *lv)
{
    struct lv_watch *w = lv ? *lv_watch_slot(lv) : NULL;
    return w && atomic_load(&w->degraded) ? w->warning : "";
}
