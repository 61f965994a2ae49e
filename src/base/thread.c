/* thread.c — helper threads on another CPU than their starter's (thread.h). */
#include "base/thread.h"

#include <sched.h>

int thr_start_beside(pthread_t *th, void *(*fn)(void *), void *arg)
{
    cpu_set_t allowed;
    int here = sched_getcpu();
    if (here < 0 || here >= CPU_SETSIZE || sched_getaffinity(0, sizeof allowed, &allowed) != 0) return -1;
    CPU_CLR(here, &allowed);
    if (CPU_COUNT(&allowed) == 0) return -1;
    pthread_attr_t at;
    if (pthread_attr_init(&at) != 0) return -1;
    int rc = pthread_attr_setaffinity_np(&at, sizeof allowed, &allowed) == 0 &&
                     pthread_create(th, &at, fn, arg) == 0
                 ? 0
                 : -1;
    pthread_attr_destroy(&at);
    return rc;
}
