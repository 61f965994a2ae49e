/* mem.h — the one allocation layer of the library.
 *
 * Every byte liblazypipe allocates goes through these four functions so that
 * the bench can report calls, bytes, live and peak bytes (lp_alloc_stats_get in
 * lazypipe.h).  The backing allocator is mimalloc (mi_malloc & co.; memory from
 * mi_malloc may be freed from any thread, which the per-resource arenas rely
 * on).  Sanitizer builds define LP_SYSTEM_MALLOC so that ASan sees every block.
 *
 * Libraries we call are routed here where their API allows it per call: PCRE2
 * through a general context (funcs.c), MPFR numbers live in arenas
 * (value.c).  Not counted: scratch memory MPFR/GMP may take for very wide
 * intermediate results, because GMP's allocator can only be replaced
 * process-wide, which a library must not do to its host program.
 *
 * The counters are process-wide relaxed atomics: they describe the allocator,
 * which is process-wide too, and cost one uncontended atomic add per call.
 */
#ifndef LP_ALLOC_H
#define LP_ALLOC_H

#include <stddef.h>
#include <stdint.h>

void *mem_malloc(size_t size);
void *mem_calloc(size_t n, size_t size);
void *mem_realloc(void *p, size_t old_size, size_t new_size);
void  mem_free(void *p, size_t size);   /* size: what was asked for (for live bytes) */
/* Room for one more element in p, a mem_realloc'd array of *cap elements of elem bytes with n in
 * use: p itself while n < *cap, else p moved to twice *cap elements (first when *cap is 0) and *cap
 * updated.  NULL for lack of memory: p and *cap unchanged, p still the caller's to free.  The
 * "append to a growable array" step every growing array of the library took in six lines. */
void *mem_room(void *p, uint32_t n, uint32_t *cap, size_t elem, uint32_t first);
/* Give freed memory back to the system (lp_close: a workspace of 1 GB must
 * not stay in the process's RSS once closed).  Not on the hot path. */
void  mem_release(void);
/* The pages this thread freed, back to the system now: mimalloc keeps a freed page 25 ms
 * (decommit_delay) and gives it back only when the thread next allocates, which an opening thread
 * waiting for resolution does not do, nor a resolver whose later allocations are of other sizes.
 * Nothing when the host set no delay (they went back as they were freed).  A forced collection:
 * for the end of a phase whose freed memory is not reused soon, not for a hot path.  (Another
 * thread's blocks: mem_foreign_begin.) */
void  mem_release_own(void);
/* Frees on this thread between mem_foreign_begin and mem_foreign_end give the whole pages of each
 * block of 16 KiB or more that another thread allocated back to the system at once (alloc.c:
 * mimalloc would keep them until that thread allocates again, for good once it ended).  For the
 * frees of other threads' memory as a phase ends (a scan worker's arenas, the resolution helper's,
 * the capture's chunks, the late segments), not for a hot path: each such block costs an madvise,
 * a TLB shootdown on every core the process runs on.  Scopes nest. */
void  mem_foreign_begin(void);
void  mem_foreign_end(void);
/* A private, writable view of n bytes at offset off of the file fd (open for reading): its pages
 * are the file's, read through the page cache, until one is written (copy on write).  For an array
 * a version takes from the index image it was reopened from and changes in a few places (a patch):
 * a copy into fresh memory faulted in every page of it.  Not counted by lp_alloc_stats (the pages
 * written are the kernel's copies).  NULL when it cannot be made (the caller copies); freed with
 * mem_view_free(p, n). */
void *mem_file_view(int fd, uint64_t off, size_t n);
void  mem_view_free(void *p, size_t n);
/* n elements of size bytes, zeroed, for a large array written in few places (a patch's per-entry
 * arrays): from 16 KiB an anonymous mapping of its own, whose pages stay the kernel's zero page
 * until written (mimalloc's calloc writes every page of fresh memory: 123,208 entries' pointers
 * were 240 page faults, 0.5 ms).  Counted.  NULL: out of memory; freed with mem_zeroed_free(p, n,
 * size). */
void *mem_zeroed(size_t n, size_t size);
void  mem_zeroed_free(void *p, size_t n, size_t size);

#endif
