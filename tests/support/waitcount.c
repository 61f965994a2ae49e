/* waitcount.c — see waitcount.h. */
#include "waitcount.h"

#include <time.h>

int wait_count(pthread_mutex_t *mu, pthread_cond_t *cv, const int *count, int want, int seconds)
{
    struct timespec dl;
    clock_gettime(CLOCK_REALTIME, &dl);
    dl.tv_sec += seconds;
    pthread_mutex_lock(mu);
    while (*count < want && pthread_cond_timedwait(cv, mu, &dl) == 0) {
    }
    int n = *count;
    pthread_mutex_unlock(mu);
    return n;
}
