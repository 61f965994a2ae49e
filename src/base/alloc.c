/* alloc.c — counting allocation layer over mimalloc (see mem.h). */
#include "base/mem.h"
#include "lazypipe_test.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#ifdef LP_SYSTEM_MALLOC
#define BACK_MALLOC(n) malloc(n)
#define BACK_CALLOC(n, s) calloc(n, s)
#define BACK_REALLOC(p, n) realloc(p, n)
#define BACK_FREE(p) free(p)
#else
#include <mimalloc.h>
#define BACK_MALLOC(n) mi_malloc(n)
#define BACK_CALLOC(n, s) mi_calloc(n, s)
#define BACK_REALLOC(p, n) mi_realloc(p, n)
#define BACK_FREE(p) mi_free(p)
#endif

void mem_release(void)
{
#ifndef LP_SYSTEM_MALLOC
    mi_collect(1);
#endif
}

static _Atomic uint64_t n_calls, n_frees, n_bytes, n_live, n_peak;

/* lp_alloc_fail_nth: armed, the call that takes the countdown below zero fails. */
static _Atomic int fail_armed;
static _Atomic uint64_t fail_countdown;

static inline int fail_now(void)
{
    if (!atomic_load_explicit(&fail_armed, memory_order_relaxed)) return 0;
    if (atomic_fetch_sub_explicit(&fail_countdown, 1, memory_order_relaxed) != 0) return 0;
    atomic_store_explicit(&fail_armed, 0, memory_order_relaxed);
    return 1;
}

void lp_alloc_fail_nth(uint64_t n)
{
    atomic_store_explicit(&fail_armed, 0, memory_order_relaxed);
    if (n == UINT64_MAX) return;
    atomic_store_explicit(&fail_countdown, n, memory_order_relaxed);
    atomic_store_explicit(&fail_armed, 1, memory_order_relaxed);
}

static void count_alloc(size_t size)
{
    atomic_fetch_add_explicit(&n_calls, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&n_bytes, size, memory_order_relaxed);
    uint64_t live = atomic_fetch_add_explicit(&n_live, size, memory_order_relaxed) + size;
    uint64_t peak = atomic_load_explicit(&n_peak, memory_order_relaxed);
    while (live > peak &&
           !atomic_compare_exchange_weak_explicit(&n_peak, &peak, live, memory_order_relaxed,
                                                  memory_order_relaxed)) {
    }
}

static void count_free(size_t size)
{
    atomic_fetch_add_explicit(&n_frees, 1, memory_order_relaxed);
    atomic_fetch_sub_explicit(&n_live, size, memory_order_relaxed);
}

void *mem_malloc(size_t size)
{
    if (fail_now()) return NULL;
    void *p = BACK_MALLOC(size ? size : 1);
    if (p) count_alloc(size);
    return p;
}

void *mem_calloc(size_t n, size_t size)
{
    if ((size && n > SIZE_MAX / size) || fail_now()) return NULL;
    void *p = BACK_CALLOC(n ? n : 1, size ? size : 1);
    if (p) count_alloc(n * size);
    return p;
}

void *mem_realloc(void *p, size_t old_size, size_t new_size)
{
    if (fail_now()) return NULL;
    void *q = BACK_REALLOC(p, new_size ? new_size : 1);
    if (!q) return NULL;
    if (p) count_free(old_size);
    count_alloc(new_size);
    return q;
}

void *mem_room(void *p, uint32_t n, uint32_t *cap, size_t elem, uint32_t first)
{
    if (n < *cap) return p;
    if (*cap > UINT32_MAX / 2) return NULL;
    uint32_t grown = *cap ? *cap * 2 : first;
    void *q = mem_realloc(p, (size_t)*cap * elem, (size_t)grown * elem);
    if (q) *cap = grown;
    return q;
}

void mem_free(void *p, size_t size)
{
    if (!p) return;
    count_free(size);
    BACK_FREE(p);
}

void lp_alloc_stats_get(lp_alloc_stats *out)
{
    out->calls = atomic_load_explicit(&n_calls, memory_order_relaxed);
    out->frees = atomic_load_explicit(&n_frees, memory_order_relaxed);
    out->bytes = atomic_load_explicit(&n_bytes, memory_order_relaxed);
    out->live = atomic_load_explicit(&n_live, memory_order_relaxed);
    out->peak = atomic_load_explicit(&n_peak, memory_order_relaxed);
}

void lp_alloc_stats_reset_peak(void)
{
    atomic_store_explicit(&n_peak, atomic_load_explicit(&n_live, memory_order_relaxed),
                          memory_order_relaxed);
}
