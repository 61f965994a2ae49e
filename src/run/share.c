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

#include "base/mem.h"
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

struct lp_run_share {
    pthread_mutex_t lock;
    pthread_cond_t cond;            /* a flight finished, or a waiter's run was cancelled */
    share_flight *flights;          /* executing now */
};

lp_run_share *lp_run_share_new(void)
{
    lp_run_share *s = mem_calloc(1, sizeof *s);
    if (!s) return NULL;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->cond, NULL);
    return s;
}

void lp_run_share_free(lp_run_share *s)
{
    if (!s) return;
    /* every run given s was freed: no flight is listed, no waiter waits */
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->cond);
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

