/* thread.c — helper threads on another CPU than their starter's (thread.h). */
#include "base/thread.h"

#include <sched.h>

#include "base/mem.h"

typedef struct beside {
    void *(*fn)(void *);
    void *arg;
    cpu_set_t all;               /* the process's CPUs */
} beside;

/* The helper's first act: every CPU of the process allowed again, so that a helper whose CPU is
 * taken by another process can still move to its starter's once the starter waits for it. */
static void *beside_main(void *p)
{
    beside b = *(beside *)p;
    mem_free(p, sizeof b);
    (void)pthread_setaffinity_np(pthread_self(), sizeof b.all, &b.all);
    return b.fn(b.arg);
}

int thr_start_beside(pthread_t *th, void *(*fn)(void *), void *arg)
{
    cpu_set_t others;
    int here = sched_getcpu();
    beside *b = mem_malloc(sizeof *b);
    if (!b) return -1;
    *b = (beside){ .fn = fn, .arg = arg };
    if (here < 0 || here >= CPU_SETSIZE || sched_getaffinity(0, sizeof b->all, &b->all) != 0) {
        mem_free(b, sizeof *b);
        return -1;
    }
    others = b->all;
    CPU_CLR(here, &others);
    pthread_attr_t at;
    int rc = -1;
    if (CPU_COUNT(&others) > 0 && pthread_attr_init(&at) == 0) {
        rc = pthread_attr_setaffinity_np(&at, sizeof others, &others) == 0 &&
                     pthread_create(th, &at, beside_main, b) == 0
                 ? 0
                 : -1;
        pthread_attr_destroy(&at);
    }
    if (rc != 0) mem_free(b, sizeof *b);
    return rc;
}

int thr_start(pthread_t *th, void *(*fn)(void *), void *arg)
{
    return thr_start_beside(th, fn, arg) == 0 || pthread_create(th, NULL, fn, arg) == 0 ? 0 : -1;
}

struct timespec thr_deadline(clockid_t clock, uint64_t ns)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    ns += (uint64_t)ts.tv_nsec;
    ts.tv_sec += (time_t)(ns / 1000000000u);
    ts.tv_nsec = (long)(ns % 1000000000u);
    return ts;
}
