/* alloc.c — counting allocation layer over mimalloc (see mem.h). */
#include "base/mem.h"
#include "lazypipe_test.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

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

void mem_release_own(void)
{
#ifndef LP_SYSTEM_MALLOC
    if (mi_option_get(mi_option_decommit_delay) != 0) mi_collect(1);
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

/* (below it mimalloc's calloc: a mapping of its own costs two system calls, about two pages' faults;
 * mimalloc 2.0.9's calloc writes every page of fresh memory: an update's capture pointers at
 * aws_insights' 3,812 entries, 30 KiB, were 8 faults for one page written) */
#define ZEROED_MAP_FROM ((size_t)16 * 1024)

void *mem_zeroed(size_t n, size_t size)
{
    if ((size && n > SIZE_MAX / size) || n * size < ZEROED_MAP_FROM) return mem_calloc(n, size);
    if (fail_now()) return NULL;
    void *p = mmap(NULL, n * size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    count_alloc(n * size);
    return p;
}

void mem_zeroed_free(void *p, size_t n, size_t size)
{
    if (!p) return;
    if (n * size < ZEROED_MAP_FROM) {
        mem_free(p, n * size);
        return;
    }
    munmap(p, n * size);
    count_free(n * size);
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

/* A block of FOREIGN_MIN bytes or more freed on another thread than the one that allocated it goes
 * to its owner's page, and mimalloc gives that page back to the system only when the owner next
 * allocates or collects: not while the opening thread waits for resolution (the capture's chunks,
 * which the resolver frees as it passes them), and never once the owner has ended (a scan worker's
 * arenas, which the opening thread frees; the resolution helper's, which the resolver frees; a late
 * segment's helper's segments, which the image's writer frees): its segment stays abandoned until
 * another thread needs one.  Such pages were 2 MiB of a first open's 14 MiB peak (aws_compliance).
 * So inside a foreign scope (mem.h) the block's whole pages are given back before the free, while
 * they are still the caller's: the allocator writes a freed block's first bytes (its free list),
 * which stay, and reads none of the rest; never past the block's usable size, whatever size the
 * caller says.  Only in a scope: each is an madvise, a TLB shootdown on every core the process
 * runs on, which the server's run threads, freeing by the thousand, must not pay. */
#define FOREIGN_MIN (16u * 1024u)
#define OS_PAGE ((uintptr_t)4096)

static _Thread_local unsigned foreign_scope;

void mem_foreign_begin(void) { foreign_scope++; }
void mem_foreign_end(void) { foreign_scope--; }

static void release_foreign(void *p, size_t size)
{
#ifndef LP_SYSTEM_MALLOC
    if (size < FOREIGN_MIN || mi_heap_contains_block(mi_heap_get_default(), p)) return;
    size_t usable = mi_usable_size(p);
    uintptr_t lo = ((uintptr_t)p + OS_PAGE - 1) & ~(OS_PAGE - 1);
    uintptr_t hi = ((uintptr_t)p + (size < usable ? size : usable)) & ~(OS_PAGE - 1);
    if (hi > lo) (void)madvise((void *)lo, hi - lo, MADV_DONTNEED);
#else
    (void)p;
    (void)size;
#endif
}

void mem_free(void *p, size_t size)
{
    if (!p) return;
    count_free(size);
    if (foreign_scope) release_foreign(p, size);
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

/* Asked every time: sysconf reads a value the loader already holds, and a cached copy shared by
 * threads would be a data race. */
static size_t page_size(void)
{
    long v = sysconf(_SC_PAGESIZE);
    return v > 0 ? (size_t)v : 4096;
}

void *mem_file_view(int fd, uint64_t off, size_t n)
{
    size_t pg = page_size();
    uint64_t at = off & ~(uint64_t)(pg - 1);
    size_t lead = (size_t)(off - at);
    if (fd < 0 || !n || n > SIZE_MAX - lead || at > (uint64_t)INT64_MAX || fail_now()) return NULL;
    void *q = mmap(NULL, lead + n, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, (off_t)at);
    return q == MAP_FAILED ? NULL : (char *)q + lead;
}

void mem_view_free(void *p, size_t n)
{
    if (!p) return;
    uintptr_t a = (uintptr_t)p & ~(uintptr_t)(page_size() - 1);
    munmap((void *)a, n + ((uintptr_t)p - a));
}
