/* share.c — statements in flight shared between concurrent runs (lp_run_share, run.h).
 *
 * A flight is one leaf's statement being executed by a worker of one run (its owner), under the
 * leaf's key (run.c's leaf_key).  A worker of another run about to execute an equal key waits
 * for the flight instead and takes its rows (the owner's run_result, retained); when the owner
 * fails or is cancelled, one waiter becomes the owner of a new flight and executes the statement
 * itself, so one client's cancel never fails another's leaf.
 *
 * Deadlock: a worker registers a flight only just before it executes, and leaves it (run_share_
 * leave) right after the statement returned, waiting on nothing in between but a pool's connection
 * (parked: the pool resumes it on a thread of its own as connections are given back, and those are
 * held only by statements executing); a waiter waits only on flights, i.e. on executing or parked
 * workers.  A run never waits on its own flight (it runs the statement again, as without a share).
 * So a wait never closes a cycle, whatever max_parallel is.
 *
 * Lock order: share->lock, then a run's lock (a waiter reads its run's cancelled flag); never the
 * reverse (lp_run_cancel releases its run's lock before run_share_wake). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lazypipe_test.h"
#include "base/err.h"
#include "base/mem.h"
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
    uint32_t pool_max, pool_cap, pool_open, pool_peak;
    uint64_t cap_until_ms;
    pool_conn *idle;
    /* jobs whose leaf waits for a connection, by their run's start (park_locked; no thread while parked);
     * non-empty only while no connection is idle and none may be opened (pool_dispatch_locked) */
    run_job *parked, *parked_tail;
    uint32_t nparked;

    /* the executors: the threads that run a pooled run's workers (run_exec_submit).  exec_lock is
     * taken last, after share->lock or a run's lock, and nothing is taken while it is held. */
    pthread_mutex_t exec_lock;
    pthread_cond_t exec_gone;       /* an executor ended (lp_run_share_free waits for all) */
    struct run_exec *idle_execs;    /* waiting for a job, the latest first */
    struct run_exec *ended;         /* to be joined and freed */
    run_job *queued, *queued_tail;  /* fresh jobs past exec_cap (and jobs no new thread could take) */
    uint32_t nexec, exec_cap, exec_peak;
    int exec_stop;
};

static uint64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* ------------------------------------------------------------------ executors
 *
 * A pooled run's workers are jobs (run.h's run_job), run by the share's threads: a worker whose
 * leaf waits for a connection parks in the pool and its thread takes another job, so 100 runs on a
 * pool of 10 connections are about 10 threads, not one or more each (their stacks and mimalloc's
 * per-thread pages were most of a thousand viewers' memory over 100 dashboards).  A thread with no
 * job waits EXEC_IDLE_MS for one, then ends.
 *
 * A job resumed by the pool (a connection handed to it, or its run cancelled) always gets a thread
 * of its own, a new one if none waits: others may wait for its statement (a flight), or a worker of
 * its run for its leaf (a dashboard's dependency).  A fresh job (a run's worker starting) holds
 * nothing anyone waits for, so it may wait in queued while exec_cap threads are busy. */
#define EXEC_IDLE_MS 1000

typedef struct run_exec {
    lp_run_share *share;
    pthread_t thread;
    pthread_cond_t cond;            /* a job was handed to it, or the share stops */
    run_job *job;                   /* handed while it waited (exec_lock) */
    struct run_exec *next;          /* in idle_execs or ended */
} run_exec;

static run_job *queue_pop_locked(lp_run_share *s)
{
    run_job *j = s->queued;
    if (j && !(s->queued = j->next)) s->queued_tail = NULL;
    if (j) j->next = NULL;
    return j;
}

static void exec_end_locked(lp_run_share *s, run_exec *e)
{
    s->nexec--;
    e->next = s->ended;
    s->ended = e;
    pthread_cond_broadcast(&s->exec_gone);
}

static void *exec_main(void *arg)
{
    run_exec *e = arg;
    lp_run_share *s = e->share;
    pthread_mutex_lock(&s->exec_lock);
    run_job *j = e->job;
    e->job = NULL;
    for (;;) {
        if (!j) j = queue_pop_locked(s);
        if (!j && !s->exec_stop) {
            e->next = s->idle_execs;
            s->idle_execs = e;
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_sec += EXEC_IDLE_MS / 1000;
            while (!e->job && !s->exec_stop && pthread_cond_timedwait(&e->cond, &s->exec_lock, &ts) == 0) {}
            if (!(j = e->job))      /* not handed one: still listed as waiting */
                for (run_exec **p = &s->idle_execs; *p; p = &(*p)->next)
                    if (*p == e) {
                        *p = e->next;
                        break;
                    }
            e->job = NULL;
        }
        if (!j) break;
        pthread_mutex_unlock(&s->exec_lock);
        run_job_go(j);              /* until the worker parks or ends: it is not touched after */
        j = NULL;
        pthread_mutex_lock(&s->exec_lock);
    }
    exec_end_locked(s, e);
    pthread_mutex_unlock(&s->exec_lock);
    return NULL;
}

static void exec_free(run_exec *e)
{
    pthread_join(e->thread, NULL);
    pthread_cond_destroy(&e->cond);
    mem_free(e, sizeof *e);
}

int run_exec_submit(lp_run_share *s, run_job *j, int fresh)
{
    j->next = NULL;
    pthread_mutex_lock(&s->exec_lock);
    run_exec *e = s->idle_execs, *ended = NULL;
    int rc = LP_OK;
    if (e) {
        s->idle_execs = e->next;
        e->job = j;
        pthread_cond_signal(&e->cond);
    } else if (!fresh || s->nexec < s->exec_cap) {
        ended = s->ended;           /* (joined below, without the lock: they have left exec_main) */
        s->ended = NULL;
        if ((e = mem_calloc(1, sizeof *e))) {
            e->share = s;
            e->job = j;
            pthread_cond_init(&e->cond, NULL);
            if (pthread_create(&e->thread, NULL, exec_main, e) != 0) {
                pthread_cond_destroy(&e->cond);
                mem_free(e, sizeof *e);
                e = NULL;
            }
        }
        if (e && ++s->nexec > s->exec_peak) s->exec_peak = s->nexec;
    }
    if (!e) {
        /* no thread for it now: the next executor free takes it (a resumed job first); with none
         * at all, a fresh job cannot start */
        if (fresh && s->nexec == 0) {
            rc = LP_ERR_NOMEM;
        } else if (fresh || !s->queued) {
            if (s->queued_tail) s->queued_tail->next = j;
            else s->queued = j;
            s->queued_tail = j;
        } else {
            j->next = s->queued;
            s->queued = j;
        }
    }
    pthread_mutex_unlock(&s->exec_lock);
    while (ended) {
        run_exec *next = ended->next;
        exec_free(ended);
        ended = next;
    }
    return rc;
}

/* lp_run_share_free: the executors end (each waits for no job now) and are joined */
static void exec_stop_all(lp_run_share *s)
{
    pthread_mutex_lock(&s->exec_lock);
    s->exec_stop = 1;
    for (run_exec *e = s->idle_execs; e; e = e->next) pthread_cond_signal(&e->cond);
    while (s->nexec) pthread_cond_wait(&s->exec_gone, &s->exec_lock);
    run_exec *ended = s->ended;
    s->ended = NULL;
    pthread_mutex_unlock(&s->exec_lock);
    while (ended) {
        run_exec *next = ended->next;
        exec_free(ended);
        ended = next;
    }
}

lp_run_share *lp_run_share_new(void)
{
    lp_run_share *s = mem_calloc(1, sizeof *s);
    if (!s) return NULL;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->cond, NULL);
    pthread_mutex_init(&s->exec_lock, NULL);
    pthread_cond_init(&s->exec_gone, NULL);
    return s;
}

void lp_run_share_set_pool(lp_run_share *s, uint32_t max_connections)
{
    if (!s) return;
    pthread_mutex_lock(&s->lock);
    s->pool_max = s->pool_cap = max_connections;
    pthread_mutex_unlock(&s->lock);
    pthread_mutex_lock(&s->exec_lock);
    /* as many threads start runs as there are connections to run their statements, and two more:
     * a run served from kept rows needs no connection, and should not wait behind runs waiting
     * for the database (more would only park sooner; a resumed job always gets a thread) */
    s->exec_cap = max_connections + 2;
    pthread_mutex_unlock(&s->exec_lock);
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

static void close_all(pool_conn *closing)
{
    while (closing) {
        pool_conn *next = closing->next;
        pool_conn_close(closing);
        closing = next;
    }
}

static void pool_dispatch_locked(lp_run_share *s, pool_conn **closing);

uint32_t lp_run_share_trim(lp_run_share *s, uint32_t idle_ms)
{
    if (!s) return 0;
    pool_conn *closing = NULL;
    pthread_mutex_lock(&s->lock);
    trim_locked(s, 0, idle_ms, &closing);
    pool_dispatch_locked(s, &closing);     /* (places freed: parked jobs open their own) */
    uint32_t open = s->pool_open;
    pthread_mutex_unlock(&s->lock);
    close_all(closing);
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

uint32_t lp_run_share_waiting(lp_run_share *s, uint32_t *parked)
{
    if (parked) *parked = 0;
    if (!s) return 0;
    pthread_mutex_lock(&s->lock);
    uint32_t n = s->nparked;
    pthread_mutex_unlock(&s->lock);
    if (parked) *parked = n;
    pthread_mutex_lock(&s->exec_lock);
    for (run_job *j = s->queued; j; j = j->next) n++;
    pthread_mutex_unlock(&s->exec_lock);
    return n;
}

void lp_run_share_free(lp_run_share *s)
{
    if (!s) return;
    /* every run given s was freed: no flight is listed, no waiter waits, no connection is taken, no
     * job is parked or queued; the executors are idle or on their way out */
    exec_stop_all(s);
    pool_conn *closing = NULL;
    pthread_mutex_lock(&s->lock);
    trim_locked(s, 1, 0, &closing);
    pthread_mutex_unlock(&s->lock);
    close_all(closing);
    if (s->kept) mem_free(s->kept, KEPT_BUCKETS * sizeof *s->kept);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->cond);
    pthread_mutex_destroy(&s->exec_lock);
    pthread_cond_destroy(&s->exec_gone);
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
    pthread_mutex_unlock(&s->lock);
}


/* ------------------------------------------------------------------ the connection pool
 *
 * One pool for every run given the share (the server: every session's run), bounded by pool_max:
 * a worker takes a connection for one statement and gives it back after it, so N sessions hold at
 * most pool_max connections however many runs and workers they have, and a connection made for one
 * session serves the next.  A database at its connection limit is back-pressure: the pool shrinks
 * to what is open for a while and the workers park until a connection is given back; alone (no
 * other connection open), the connect is retried with backoff, as run.c does without a pool.
 *
 * Lock order: share->lock, then a run's lock (run_cancelled), as for flights; exec_lock last. */

int run_pool_enabled(const lp_run_share *s)
{
    return s && s->pool_max > 0;
}

int run_pool_full(lp_run_share *s)
{
    pthread_mutex_lock(&s->lock);
    int full = s->parked || (!s->idle && s->pool_open >= s->pool_cap);
    pthread_mutex_unlock(&s->lock);
    return full;
}

/* How long the pool stays shrunk after the database refused a connection for its limit. */
#define POOL_SHRUNK_MS 2000
/* How long a connect refused for the limit is retried with no other connection open. */
#define POOL_ALONE_MS 30000

static int pool_stopped(void *user)
{
    return run_cancelled(user);
}

/* A new connection to key (a slot is reserved in pool_open).  1: *out made; 0: failed, *why set;
 * -1: refused for the connection limit while others are open (the pool shrank: wait for one). */
static int pool_connect(lp_run_share *s, lp_run *run, const char *key, pool_conn **out, char **why)
{
    lp_buf store = { 0 };
    lp_db_target t;
    const lp_driver *d = NULL;
    lp_error err = { 0 };
    int rc = run_db_parse(key, &t, &store, &d, &err);
    t.stop = pool_stopped;
    t.stop_user = run;
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
        if (run_cancelled(run) || alone_ms >= POOL_ALONE_MS) break;
        alone_ms += delay_ms;
        struct timespec ts = { delay_ms / 1000, (long)(delay_ms % 1000) * 1000000L };
        nanosleep(&ts, NULL);
        if (delay_ms < 500) delay_ms *= 2;
        memset(&err, 0, sizeof err);
    }
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

/* Parked jobs are handed a connection, or a place to open one, while the pool has one to give:
 * the first parked first, an idle connection to its database, else a new one (an idle one to
 * another database closed to make room, the least recently used).  Each goes to an executor. */
static void pool_dispatch_locked(lp_run_share *s, pool_conn **closing)
{
    if (s->pool_cap < s->pool_max && mono_ms() >= s->cap_until_ms) s->pool_cap = s->pool_max;
    while (s->parked) {
        run_job *j = s->parked;
        pool_conn **p = &s->idle, *c = NULL;
        while (*p && strcmp((*p)->key, j->want) != 0) p = &(*p)->next;
        if (*p) {
            c = *p;
            *p = c->next;
            c->next = NULL;
        } else {
            if (s->pool_open >= s->pool_cap && s->idle) {
                for (p = &s->idle; (*p)->next;) p = &(*p)->next;
                (*p)->next = *closing;
                *closing = *p;
                *p = NULL;
                s->pool_open--;
            }
            if (s->pool_open >= s->pool_cap) break;
            if (++s->pool_open > s->pool_peak) s->pool_peak = s->pool_open;
            j->slot = 1;
        }
        j->given = c;
        if (!(s->parked = j->next)) s->parked_tail = NULL;
        s->nparked--;
        run_exec_submit(s, j, 0);
    }
}

/* j joins the parked jobs after those of runs started before its run or with it: a run keeps its
 * place from leaf to leaf, so the runs started first end first (as with a thread each), instead of
 * every run advancing a leaf at a time and all ending last */
static void park_locked(lp_run_share *s, run_job *j)
{
    run_job **p = &s->parked;
    if (s->parked_tail && s->parked_tail->since <= j->since) p = &s->parked_tail->next;   /* (most often) */
    while (*p && (*p)->since <= j->since) p = &(*p)->next;
    j->next = *p;
    *p = j;
    if (!j->next) s->parked_tail = j;
    s->nparked++;
}

int run_pool_get(lp_run_share *s, run_job *j, const char *key, pool_conn **out, char **why)
{
    *out = NULL;
    pool_conn *closing = NULL;
    pthread_mutex_lock(&s->lock);
    pool_conn *given = j->given;
    int slot = j->slot;
    j->given = NULL;
    j->slot = 0;
    for (;;) {
        if (run_cancelled(j->run)) {
            if (given) {
                given->idle_ms = mono_ms();
                given->next = s->idle;
                s->idle = given;
            }
            if (slot) s->pool_open--;
            pool_dispatch_locked(s, &closing);
            pthread_mutex_unlock(&s->lock);
            close_all(closing);
            *why = run_strdup("cancelled");
            return POOL_FAILED;
        }
        if (given) {
            pthread_mutex_unlock(&s->lock);
            *out = given;
            return POOL_GOT;
        }
        if (!slot) {
            pool_dispatch_locked(s, &closing);     /* (a shrink may have ended: the parked first) */
            pool_conn **p = &s->idle;
            while (!s->parked && *p && strcmp((*p)->key, key) != 0) p = &(*p)->next;
            if (!s->parked && *p) {
                pool_conn *c = *p;
                *p = c->next;
                c->next = NULL;
                pthread_mutex_unlock(&s->lock);
                close_all(closing);
                *out = c;
                return POOL_GOT;
            }
            if (!s->parked && s->idle && s->pool_open >= s->pool_cap) {
                /* full, but one idle to another database: it makes room (the least recently used) */
                for (p = &s->idle; (*p)->next;) p = &(*p)->next;
                (*p)->next = closing;
                closing = *p;
                *p = NULL;
                s->pool_open--;
            }
            if (s->parked || s->pool_open >= s->pool_cap) {
                /* none to give: the job waits without a thread; pool_dispatch_locked resumes it */
                j->want = key;
                park_locked(s, j);
                pthread_mutex_unlock(&s->lock);
                close_all(closing);
                return POOL_PARKED;
            }
            if (++s->pool_open > s->pool_peak) s->pool_peak = s->pool_open;
        }
        pthread_mutex_unlock(&s->lock);
        close_all(closing);
        closing = NULL;
        pool_conn *c = NULL;
        int rc = pool_connect(s, j->run, key, &c, why);
        if (rc == 1) {
            *out = c;
            return POOL_GOT;
        }
        pthread_mutex_lock(&s->lock);
        s->pool_open--;
        slot = 0;
        pool_dispatch_locked(s, &closing);
        if (rc == 0) {
            pthread_mutex_unlock(&s->lock);
            close_all(closing);
            return POOL_FAILED;
        }
        /* shrunk (refused for the connection limit while others are open): it parks */
    }
}

void run_pool_give(lp_run_share *s, pool_conn *c, int broken)
{
    if (!c) return;
    pool_conn *closing = NULL;
    pthread_mutex_lock(&s->lock);
    if (broken) {
        s->pool_open--;
        c->next = closing;
        closing = c;
    } else {
        c->idle_ms = mono_ms();
        c->next = s->idle;
        s->idle = c;
    }
    pool_dispatch_locked(s, &closing);        /* the first parked job takes it */
    pthread_mutex_unlock(&s->lock);
    close_all(closing);
}

void run_pool_unpark(lp_run_share *s, const lp_run *run)
{
    pthread_mutex_lock(&s->lock);
    for (run_job **p = &s->parked, *prev = NULL; *p;) {
        run_job *j = *p;
        if (j->run != run) {
            prev = j;
            p = &j->next;
            continue;
        }
        *p = j->next;
        if (s->parked_tail == j) s->parked_tail = prev;
        s->nparked--;
        run_exec_submit(s, j, 0);      /* no connection: it sees its run cancelled */
    }
    pthread_mutex_unlock(&s->lock);
    /* and its workers not started for want of a thread (the host frees the run and waits for them:
     * they must not wait for statements of other runs to end) */
    run_job *mine = NULL;
    pthread_mutex_lock(&s->exec_lock);
    for (run_job **p = &s->queued; *p;) {
        run_job *j = *p;
        if (j->run != run) {
            p = &j->next;
            continue;
        }
        *p = j->next;
        j->next = mine;
        mine = j;
    }
    s->queued_tail = NULL;
    for (run_job *j = s->queued; j; j = j->next) s->queued_tail = j;
    pthread_mutex_unlock(&s->exec_lock);
    while (mine) {
        run_job *next = mine->next;
        run_exec_submit(s, mine, 0);
        mine = next;
    }
}

lp_db_conn *run_pool_conn(const pool_conn *c, const lp_driver **driver)
{
    *driver = c->driver;
    return c->conn;
}
