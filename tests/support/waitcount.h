/* waitcount.h — waiting for callbacks that another thread counts (a watcher's change callbacks). */
#ifndef LP_TEST_WAITCOUNT_H
#define LP_TEST_WAITCOUNT_H

#include <pthread.h>

/* Wait until *count (guarded by mu, signalled on cv) reaches want, or seconds pass: the count then. */
int wait_count(pthread_mutex_t *mu, pthread_cond_t *cv, const int *count, int want, int seconds);

#endif
