/* thread.h — starting a helper thread on another CPU than its starter's.
 *
 * A thread started while its starter keeps its CPU busy (reading files, stat()ing inputs) was left
 * by the scheduler on the starter's CPU, where the two took turns: a reopen's checks beside its
 * stats used 0.9 CPUs (perf stat: no migration) and won nothing.  Started with the starter's CPU
 * taken out of its affinity, the helper runs at once on another; its first act is to allow every
 * CPU of the process again (the affinity places it, it does not hold it).  A process allowed one
 * CPU gets no helper at all. */
#ifndef LP_THREAD_H
#define LP_THREAD_H

#include <pthread.h>
#include <stdint.h>
#include <time.h>

/* fn(arg) on a new thread allowed every CPU of the process but this thread's current one: 0, or -1
 * when there is no other CPU or no thread (the caller does the work itself). */
int thr_start_beside(pthread_t *th, void *(*fn)(void *), void *arg);
/* fn(arg) on a new thread beside this one's CPU when there is another (thr_start_beside), else
 * wherever the scheduler puts it: 0, or -1 when no thread could be started (the caller does the
 * work itself). */
int thr_start(pthread_t *th, void *(*fn)(void *), void *arg);

/* The time ns from now on clock (CLOCK_REALTIME for a condition variable as made by default,
 * CLOCK_MONOTONIC for one told so): pthread_cond_timedwait's deadline. */
struct timespec thr_deadline(clockid_t clock, uint64_t ns);

#endif
