/* share.c — statements in flight shared between concurrent runs (lp_run_share, run.h).
 *
 * A flight is one leaf's statement being executed by a worker of one run (its owner), under the
 * leaf's key (run.c's leaf_key).  A worker of another run about to execute an equal key waits
 * for the flight instead and takes its rows (the owner's run_result, retained); when the owner
 * fails or is cancelled, one waiter becomes the owner of a new flight and executes the statement
 * itself, so one client's cancel never fails another's leaf.
 *
 * Deadlock: a worker registers a flight only just before it executes, and leaves it (run_share_
 * leave) right after the statement returned, waiting on nothing in between; a waiter waits only on
 * flights, i.e. on executing workers.  A run never waits on its own flight (it runs the statement
 * again, as without a share).  So a wait never closes a cycle, whatever max_parallel is.
 *
 * Lock order: share->lock, then a run's lock (a waiter reads its run's cancelled flag); never the
 * reverse (lp_run_cancel releases its run's lock before run_share_wake). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/err.h"
#include "base/mem.h"
#include "base/thread.h"
#include "db/db.h"
#include "run/run.h"

typedef struct share_flight {
    const char *key;                /* the owner's (valid while the flight is listed) */
    size_t key_len;
    uint64_t hash;
    const lp_run *owner;
    int done;                       /* 0: executing; 1: rows in result; -1: failed (a waiter runs it) */
    run_result *result;             /* retained by the flight */
    uint32_t waiters;               /* waiting on it: the last one out frees a done flight */
    struct share_flight *next;
} share_flight;

/* A finished statement's rows kept for keep_ms (lp_run_share_set_keep): a later run's equal key
 * takes them as it would a flight's.  Chained by hash in kept[]. */
typedef struct share_kept {
    run_result *result;             /* retained; its key is result->key */
    uint64_t at_ms;                 /* when the statement finished */
    struct share_kept *next;
} share_kept;
#define KEPT_BUCKETS 1024

/* lp_run_share_set_pool's default admission: a run in flight holds its events, queued messages and
 * rows until it ends, so the runs in flight are the server's memory; each may use max_parallel
 * workers, so a few of them keep the pool busy.  Measured on the viewers bench's spread scene (100
 * dashboards, a pool of 10), BENCHMARKS.md: peaks 54-56 MiB with 3, 57-76 with 5, 72-103 with 10
 * or 20, 72-76 with no bound */
#define ADMIT_PER_CONNECTIONS 3
#define ADMIT_MIN 2
/* A run admitted this long ago counts no more: runs with slow statements (Steampipe's API calls) do
 * not hold every place while the pool has connections to spare */
#define ADMIT_SLOW_MS 2000

/* The connection pool (lp_run_share_set_pool): open connections, idle ones listed most recently
 * given back first.  A worker takes one for a leaf and gives it back right after its statement. */
typedef struct pool_conn {
    char *key;                      /* run_database_url's (mem_malloc'd) */
    const lp_driver *driver;
    lp_db_conn *conn;
    uint64_t idle_ms;               /* when it was given back */
    struct pool_conn *next;
} pool_conn;

struct lp_run_share {
    pthread_mutex_t lock;
    pthread_cond_t cond;            /* a flight finished, or a waiter's run was cancelled */
    share_flight *flights;          /* executing now */
    uint32_t keep_ms;
    share_kept **kept;              /* KEPT_BUCKETS chains, NULL until keep_ms is set */
    uint32_t nkept;
    /* the pool: at most pool_cap connections open (or being opened), pool_cap <= pool_max; lowered
     * to what is open while the database refuses more for its connection limit (until cap_until_ms) */
    pthread_cond_t pool_cond;       /* a connection was given back or closed, or a run cancelled */
    uint32_t pool_max, pool_cap, pool_open, pool_peak;
    uint64_t cap_until_ms;
    pool_conn *idle;
    /* admission (run_admit): at most admit_max runs have workers, the others wait in the FIFO
     * admit_head..admit_tail (linked by lp_run.admit_next) without a thread */
    uint32_t admit_max, admit_active;
    lp_run *admit_head, *admit_tail;
    lp_run *admitted;               /* the runs counted in admit_active (linked by admit_next) */
    pthread_cond_t pin_cond;        /* a run started by another's thread is no longer pinned */
};

static uint64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

lp_run_share *lp_run_share_new(void)
{
    lp_run_share *s = mem_calloc(1, sizeof *s);
    if (!s) return NULL;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->cond, NULL);
    pthread_cond_init(&s->pool_cond, NULL);
    pthread_cond_init(&s->pin_cond, NULL);
    return s;
}

void lp_run_share_set_pool(lp_run_share *s, uint32_t max_connections)
{
    if (!s) return;
    pthread_mutex_lock(&s->lock);
    s->pool_max = s->pool_cap = max_connections;
    s->admit_max = max_connections / ADMIT_PER_CONNECTIONS < ADMIT_MIN ? ADMIT_MIN
                   : max_connections / ADMIT_PER_CONNECTIONS;
    pthread_mutex_unlock(&s->lock);
}

void lp_run_share_set_admit(lp_run_share *s, uint32_t max_runs)
{
    if (!s) return;
    pthread_mutex_lock(&s->lock);
    s->admit_max = max_runs;
    pthread_mutex_unlock(&s->lock);
    run_admit_done(s, NULL);        /* a higher bound admits the runs waiting now */
}

void lp_run_share_set_keep(lp_run_share *s, uint32_t keep_ms)
{
    if (!s) return;
    pthread_mutex_lock(&s->lock);
    if (keep_ms && !s->kept) s->kept = mem_calloc(KEPT_BUCKETS, sizeof *s->kept);
    s->keep_ms = s->kept ? keep_ms : 0;     /* out of memory: nothing kept */
    pthread_mutex_unlock(&s->lock);
}

static void pool_conn_close(pool_conn *c)
{
    if (c->conn) c->driver->close(c->conn);
    if (c->key) mem_free(c->key, strlen(c->key) + 1);
    mem_free(c, sizeof *c);
}

/* Kept results older than keep_ms (all with all), connections idle for idle_ms or longer: freed.
 * share->lock held; the connections to close are moved to *closing (closed without the lock). */
static void trim_locked(lp_run_share *s, int all, uint32_t idle_ms, pool_conn **closing)
{
    uint64_t now = mono_ms();
    for (uint32_t b = 0; s->kept && b < KEPT_BUCKETS; b++)
        for (share_kept **p = &s->kept[b]; *p;) {
            share_kept *k = *p;
            if (all || now - k->at_ms >= s->keep_ms) {
                *p = k->next;
                run_result_release(k->result);
                mem_free(k, sizeof *k);
                s->nkept--;
            } else {
                p = &k->next;
            }
        }
    for (pool_conn **p = &s->idle; *p;) {
        pool_conn *c = *p;
        if (all || now - c->idle_ms >= idle_ms) {
            *p = c->next;
            c->next = *closing;
            *closing = c;
            s->pool_open--;
        } else {
            p = &c->next;
        }
    }
}

uint32_t lp_run_share_trim(lp_run_share *s, uint32_t idle_ms)
{
    if (!s) return 0;
    run_admit_done(s, NULL);        /* runs admitted long ago count no more: those waiting start */
    pool_conn *closing = NULL;
    pthread_mutex_lock(&s->lock);
    trim_locked(s, 0, idle_ms, &closing);
    uint32_t open = s->pool_open;
    if (closing) pthread_cond_broadcast(&s->pool_cond);
    pthread_mutex_unlock(&s->lock);
    while (closing) {
        pool_conn *next = closing->next;
        pool_conn_close(closing);
        closing = next;
    }
    return open;
}

void lp_run_share_get_stats(lp_run_share *s, lp_run_share_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!s) return;
    pthread_mutex_lock(&s->lock);
    out->open = s->pool_open;
    out->peak = s->pool_peak;
    out->kept = s->nkept;
    for (pool_conn *c = s->idle; c; c = c->next) out->idle++;
    pthread_mutex_unlock(&s->lock);
}

void lp_run_share_free(lp_run_share *s)
{
    if (!s) return;
    /* every run given s was freed: no flight is listed, no waiter waits, no connection is taken */
    pool_conn *closing = NULL;
    pthread_mutex_lock(&s->lock);
    trim_locked(s, 1, 0, &closing);
    pthread_mutex_unlock(&s->lock);
    while (closing) {
        pool_conn *next = closing->next;
        pool_conn_close(closing);
        closing = next;
    }
    if (s->kept) mem_free(s->kept, KEPT_BUCKETS * sizeof *s->kept);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->cond);
    pthread_cond_destroy(&s->pool_cond);
    pthread_cond_destroy(&s->pin_cond);
    mem_free(s, sizeof *s);
}

static void flight_free(share_flight *f)
{
    run_result_release(f->result);
    mem_free(f, sizeof *f);
}

static int run_cancelled(lp_run *run)
{
    pthread_mutex_lock(&run->lock);
    int c = run->cancelled;
    pthread_mutex_unlock(&run->lock);
    return c;
}

int run_share_enter(lp_run_share *s, lp_run *run, const char *key, size_t key_len, uint64_t hash,
                    struct share_flight **own, run_result **got)
{
    *own = NULL;
    *got = NULL;
    pthread_mutex_lock(&s->lock);
    if (s->kept) {
        uint64_t now = mono_ms();
        for (share_kept *k = s->kept[hash % KEPT_BUCKETS]; k; k = k->next) {
            run_result *r = k->result;
            if (r->hash == hash && r->key_len == key_len && memcmp(r->key, key, key_len) == 0 &&
                now - k->at_ms < s->keep_ms) {
                run_result_retain(r);
                pthread_mutex_unlock(&s->lock);
                *got = r;
                return SHARE_TAKEN;
            }
        }
    }
    for (;;) {
        share_flight *f = s->flights;
        while (f && !(f->hash == hash && f->key_len == key_len && memcmp(f->key, key, key_len) == 0))
            f = f->next;
        if (!f) {
            /* none in flight: this worker's becomes the flight (none on OOM: it just runs) */
            if ((f = mem_calloc(1, sizeof *f))) {
                f->key = key;
                f->key_len = key_len;
                f->hash = hash;
                f->owner = run;
                f->next = s->flights;
                s->flights = f;
            }
            *own = f;
            pthread_mutex_unlock(&s->lock);
            return SHARE_RUN;
        }
        if (f->owner == run) {      /* never wait for itself */
            pthread_mutex_unlock(&s->lock);
            return SHARE_RUN;
        }
        f->waiters++;
        while (!f->done && !run_cancelled(run)) pthread_cond_wait(&s->cond, &s->lock);
        int cancelled = run_cancelled(run);
        run_result *r = f->done > 0 && !cancelled ? f->result : NULL;
        if (r) run_result_retain(r);
        if (--f->waiters == 0 && f->done) flight_free(f);
        if (r || cancelled) {
            pthread_mutex_unlock(&s->lock);
            *got = r;
            return r ? SHARE_TAKEN : SHARE_CANCELLED;
        }
        /* the owner failed or was cancelled: look again (another waiter may own the next flight) */
    }
}

/* result (keyed) is kept for keep_ms, replacing an older result of its key */
static void keep_locked(lp_run_share *s, run_result *result)
{
    if (!s->kept || !result->key) return;
    share_kept **p = &s->kept[result->hash % KEPT_BUCKETS], *k;
    while ((k = *p) && !(k->result->hash == result->hash && k->result->key_len == result->key_len &&
                         memcmp(k->result->key, result->key, result->key_len) == 0))
        p = &k->next;
    if (!k) {
        if (!(k = mem_calloc(1, sizeof *k))) return;    /* out of memory: just not kept */
        *p = k;
        s->nkept++;
    } else {
        run_result_release(k->result);
    }
    run_result_retain(result);
    k->result = result;
    k->at_ms = mono_ms();
}

void run_share_leave(lp_run_share *s, struct share_flight *f, run_result *result)
{
    if (!f) return;
    pthread_mutex_lock(&s->lock);
    for (share_flight **p = &s->flights; *p; p = &(*p)->next)
        if (*p == f) {
            *p = f->next;
            break;
        }
    f->key = NULL;                  /* the owner may free it now */
    if (result) {
        run_result_retain(result);
        f->result = result;
        f->done = 1;
        keep_locked(s, result);
    } else {
        f->done = -1;
    }
    if (f->waiters == 0) flight_free(f);
    else pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->lock);
}

void run_share_wake(lp_run_share *s)
{
    if (!s) return;
    pthread_mutex_lock(&s->lock);
    pthread_cond_broadcast(&s->cond);
    pthread_cond_broadcast(&s->pool_cond);
    pthread_mutex_unlock(&s->lock);
}


/* ------------------------------------------------------------------ the connection pool
 *
 * One pool for every run given the share (the server: every session's run), bounded by pool_max:
 * a worker takes a connection for one statement and gives it back after it, so N sessions hold at
 * most pool_max connections however many runs and workers they have, and a connection made for one
 * session serves the next.  A database at its connection limit is back-pressure: the pool shrinks
 * to what is open for a while and the workers wait for a connection to be given back; alone (no
 * other connection open), the connect is retried with backoff, as run.c does without a pool.
 *
 * Lock order: share->lock, then a run's lock (run_cancelled), as for flights. */

int run_pool_enabled(const lp_run_share *s)
{
    return s && s->pool_max > 0;
}

int run_pool_full(lp_run_share *s)
{
    pthread_mutex_lock(&s->lock);
    int full = !s->idle && s->pool_open >= s->pool_cap;
    pthread_mutex_unlock(&s->lock);
    return full;
}

/* How long the pool stays shrunk after the database refused a connection for its limit. */
#define POOL_SHRUNK_MS 2000
/* How long a connect refused for the limit is retried with no other connection open. */
#define POOL_ALONE_MS 30000

/* A new connection to key (a slot is reserved in pool_open).  1: *out made; 0: failed, *why set;
 * -1: refused for the connection limit while others are open (the pool shrank: wait for one). */
static int pool_connect(lp_run_share *s, lp_run *run, const char *key, pool_conn **out, char **why)
{
    lp_buf store = { 0 };
    lp_db_target t;
    const lp_driver *d = NULL;
    lp_error err = { 0 };
    int rc = run_db_parse(key, &t, &store, &d, &err);
    run_connect_stop guard;
    run_connect_guard(&guard, run, &t);
    lp_db_conn *conn = NULL;
    int delay_ms = 20, alone_ms = 0;
    while (rc == LP_OK && (rc = d->connect(&t, &conn, &err)) != LP_OK &&
           run_over_connection_limit(err.message)) {
        pthread_mutex_lock(&s->lock);
        int others = s->pool_open > 1;
        if (others) {
            s->pool_cap = s->pool_open - 1;
            s->cap_until_ms = mono_ms() + POOL_SHRUNK_MS;
        }
        pthread_mutex_unlock(&s->lock);
        if (others && !run_cancelled(run)) {
            lp_buf_free(&store);
            return -1;
        }
        if (t.stop(t.stop_user) || alone_ms >= POOL_ALONE_MS) break;
        alone_ms += delay_ms;
        struct timespec ts = { delay_ms / 1000, (long)(delay_ms % 1000) * 1000000L };
        nanosleep(&ts, NULL);
        if (delay_ms < 500) delay_ms *= 2;
        memset(&err, 0, sizeof err);
    }
    if (rc != LP_OK) run_connect_timed_out(&guard, rc, &err);
    lp_buf_free(&store);
    pool_conn *c = rc == LP_OK ? mem_calloc(1, sizeof *c) : NULL;
    if (c && !(c->key = run_strdup(key))) {
        mem_free(c, sizeof *c);
        c = NULL;
    }
    if (!c) {
        if (conn) d->close(conn);
        *why = run_strdup(rc != LP_OK && err.message[0] ? err.message
                          : rc != LP_OK ? "cannot connect to the database" : "out of memory");
        return 0;
    }
    c->driver = d;
    c->conn = conn;
    *out = c;
    return 1;
}

pool_conn *run_pool_take(lp_run_share *s, lp_run *run, const char *key, char **why)
{
    pthread_mutex_lock(&s->lock);
    for (;;) {
        if (run_cancelled(run)) {
            pthread_mutex_unlock(&s->lock);
            *why = run_strdup("cancelled");
            return NULL;
        }
        pool_conn **p = &s->idle;
        while (*p && strcmp((*p)->key, key) != 0) p = &(*p)->next;
        if (*p) {
            pool_conn *c = *p;
            *p = c->next;
            c->next = NULL;
            pthread_mutex_unlock(&s->lock);
            return c;
        }
        if (s->pool_cap < s->pool_max && mono_ms() >= s->cap_until_ms) s->pool_cap = s->pool_max;
        pool_conn *evict = NULL;
        if (s->pool_open >= s->pool_cap && s->idle) {
            /* full, but one idle to another database: it makes room (the least recently used) */
            for (p = &s->idle; (*p)->next;) p = &(*p)->next;
            evict = *p;
            *p = NULL;
            s->pool_open--;
        }
        if (s->pool_open < s->pool_cap) {
            s->pool_open++;
            if (s->pool_open > s->pool_peak) s->pool_peak = s->pool_open;
            pthread_mutex_unlock(&s->lock);
            if (evict) pool_conn_close(evict);
            pool_conn *c = NULL;
            int rc = pool_connect(s, run, key, &c, why);
            if (rc == 1) return c;
            pthread_mutex_lock(&s->lock);
            s->pool_open--;
            pthread_cond_broadcast(&s->pool_cond);
            if (rc == 0) {
                pthread_mutex_unlock(&s->lock);
                return NULL;
            }
            continue;       /* shrunk: wait for a connection given back */
        }
        /* timed: the shrink ends without anyone giving a connection back */
        struct timespec ts = thr_deadline(CLOCK_REALTIME, 250 * 1000000u);
        pthread_cond_timedwait(&s->pool_cond, &s->lock, &ts);
    }
}

void run_pool_give(lp_run_share *s, pool_conn *c, int broken)
{
    if (!c) return;
    pthread_mutex_lock(&s->lock);
    if (broken) {
        s->pool_open--;
    } else {
        c->idle_ms = mono_ms();
        c->next = s->idle;
        s->idle = c;
    }
    pthread_cond_broadcast(&s->pool_cond);     /* (a waiter woken may be cancelled: all look) */
    pthread_mutex_unlock(&s->lock);
    if (broken) pool_conn_close(c);
}

lp_db_conn *run_pool_conn(const pool_conn *c, const lp_driver **driver)
{
    *driver = c->driver;
    return c->conn;
}


/* ------------------------------------------------------------------ admission of whole runs
 *
 * With a pool, a run's worker that finds every connection taken waits for one in run_pool_take, and
 * each such worker is a thread (with its stack and its own mimalloc heap): 100 runs of 30 leaves on
 * 10 connections had 114-149 threads and 646 made over one wave of the spread scene (BENCHMARKS.md).
 * So at most admit_max runs have workers at once; a later run waits in a FIFO with no thread (its
 * tree only) and is started, oldest first, by the thread of the run whose last worker ends.  Queued
 * runs never own a flight (a flight is registered by an executing worker), so an admitted run never
 * waits for a queued one.  A queued run cancelled (lp_run_free cancels) is started at once, over the
 * bound: its workers only mark its leaves cancelled.  A run admitted ADMIT_SLOW_MS ago counts no more
 * (looked at as runs start and end, and by lp_run_share_trim): slow statements then pace the runs.
 *
 * A run started from another thread (run_admit_done) is pinned while that thread may still touch it
 * (it failed to start a worker: the thread delivers its events): lp_run_free waits (run_admit_unpinned). */

/* run counted in admit_active from now (share->lock held) */
static void admit_count_locked(lp_run_share *s, lp_run *run)
{
    run->admit_state = RUN_ADMITTED;
    run->admit_ms = mono_ms();
    run->admit_next = s->admitted;
    s->admitted = run;
    s->admit_active++;
}

/* The run at *at taken off the admitted list and counted no more (share->lock held) */
static void admitted_drop_locked(lp_run_share *s, lp_run **at)
{
    lp_run *run = *at;
    *at = run->admit_next;
    run->admit_next = NULL;
    s->admit_active--;
}

/* run counted no more (share->lock held): it ended (it may have expired already) */
static void admit_uncount_locked(lp_run_share *s, lp_run *run)
{
    for (lp_run **p = &s->admitted; *p; p = &(*p)->admit_next)
        if (*p == run) {
            admitted_drop_locked(s, p);
            return;
        }
}

/* the runs admitted ADMIT_SLOW_MS ago counted no more (share->lock held) */
static void admit_expire_locked(lp_run_share *s)
{
    uint64_t now = mono_ms();
    for (lp_run **p = &s->admitted; *p;)
        if (now - (*p)->admit_ms >= ADMIT_SLOW_MS) admitted_drop_locked(s, p);
        else p = &(*p)->admit_next;
}

int run_admit(lp_run_share *s, lp_run *run)
{
    pthread_mutex_lock(&s->lock);
    if (s->admit_max && s->admit_active >= s->admit_max) admit_expire_locked(s);
    int now = s->admit_max == 0 || s->admit_active < s->admit_max;
    if (now) {
        admit_count_locked(s, run);
    } else {
        run->admit_state = RUN_QUEUED;
        run->admit_next = NULL;
        if (s->admit_tail) s->admit_tail->admit_next = run;
        else s->admit_head = run;
        s->admit_tail = run;
    }
    pthread_mutex_unlock(&s->lock);
    return now;
}

/* run (queued) out of the FIFO (share->lock held) */
static void admit_unlink_locked(lp_run_share *s, lp_run *run)
{
    lp_run *prev = NULL;
    for (lp_run *r = s->admit_head; r && r != run; r = r->admit_next) prev = r;
    if (prev) prev->admit_next = run->admit_next;
    else s->admit_head = run->admit_next;
    if (s->admit_tail == run) s->admit_tail = prev;
    run->admit_next = NULL;
    admit_count_locked(s, run);
}

void run_admit_done(lp_run_share *s, lp_run *run)
{
    pthread_mutex_lock(&s->lock);
    if (run) admit_uncount_locked(s, run);
    if (s->admit_head) admit_expire_locked(s);
    while (s->admit_head && (s->admit_max == 0 || s->admit_active < s->admit_max)) {
        lp_run *next = s->admit_head;
        admit_unlink_locked(s, next);
        if (run_begin(next)) continue;
        /* no thread for it: its leaves failed (run_begin); its events from here, unlocked */
        next->admit_pinned = 1;
        pthread_mutex_unlock(&s->lock);
        run_deliver(next);
        pthread_mutex_lock(&s->lock);
        next->admit_pinned = 0;
        admit_uncount_locked(s, next);
        pthread_cond_broadcast(&s->pin_cond);
    }
    pthread_mutex_unlock(&s->lock);
}

void run_admit_cancel(lp_run_share *s, lp_run *run)
{
    pthread_mutex_lock(&s->lock);
    int queued = run->admit_state == RUN_QUEUED;
    if (queued) admit_unlink_locked(s, run);
    int begun = !queued || run_begin(run);
    if (!begun) run->admit_pinned = 1;
    pthread_mutex_unlock(&s->lock);
    if (begun) return;
    run_deliver(run);
    pthread_mutex_lock(&s->lock);
    run->admit_pinned = 0;
    pthread_cond_broadcast(&s->pin_cond);
    pthread_mutex_unlock(&s->lock);
    run_admit_done(s, run);
}

void run_admit_unpinned(lp_run_share *s, lp_run *run)
{
    pthread_mutex_lock(&s->lock);
    while (run->admit_pinned) pthread_cond_wait(&s->pin_cond, &s->lock);
    pthread_mutex_unlock(&s->lock);
}
