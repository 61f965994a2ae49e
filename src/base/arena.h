/* arena.h — bump arenas over mem_malloc'd chunks.
 *
 * Uses: the workspace arena (the index and interned strings), per-thread
 * scratch arenas (one file's tokens and syntax tree; reset after each file) and
 * per-resource arenas (freed wholesale on LRU eviction).  Chunks come from
 * mem_malloc (mimalloc), so an arena may be freed on a thread other than the one
 * that filled it.  An arena is not thread-safe: one owner at a time.
 *
 * Under AddressSanitizer every allocation is followed by a poisoned red zone and
 * the unused tail of a chunk is poisoned, so overruns inside an arena are
 * reported like heap overruns; built for valgrind (LP_VALGRIND) the same bytes are unaddressable
 * and every allocation undefined until written (arena.c).
 */
#ifndef LP_ARENA_H
#define LP_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct ar_chunk ar_chunk;

typedef struct ar_arena {
    ar_chunk *first;   /* every chunk, oldest first (kept across reset) */
    ar_chunk *cur;     /* chunk being filled */
    char *pos, *end;         /* free space of cur */
    char *last;              /* start of the most recent allocation (for grow) */
    size_t chunk_size;       /* default payload size of a new chunk */
    size_t reserved;         /* bytes held in chunks */
    size_t used;             /* bytes handed out since init/reset */
    uint32_t chunks;         /* number of chunks held */
    /* 0, or a bound on `used`: an allocation from a new chunk (or a large one)
     * past it fails (NULL) and sets over (the evaluator's bound on what one
     * expression may allocate: ev_expr); allocations inside the current chunk
     * are not checked, so it is exceeded by at most a chunk */
    size_t limit;
    int over;
} ar_arena;

#define LP_ARENA_DEFAULT_CHUNK (64u * 1024u)

void  ar_init(ar_arena *a, size_t chunk_size);   /* no allocation until first use */
void *ar_alloc_slow(ar_arena *a, size_t size);   /* ar_alloc's whole path */

/* 8-byte aligned; NULL on OOM.  The common case (room in the current chunk)
 * is inline: parsers allocate a node every few bytes of input.  Under
 * AddressSanitizer every allocation takes the whole path (red zones). */
#if defined(__SANITIZE_ADDRESS__)
#define LP_ARENA_REDZONES 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LP_ARENA_REDZONES 1
#endif
#endif
#if defined(LP_ARENA_REDZONES) || defined(LP_VALGRIND)
#define ar_alloc ar_alloc_slow
#else
static inline void *ar_alloc(ar_arena *a, size_t size)
{
    size_t need = (size + 7u) & ~(size_t)7u;
    if (need >= size && a->pos && (size_t)(a->end - a->pos) >= need) {
        char *p = a->pos;
        a->pos += need;
        a->used += need;
        a->last = p;
        return p;
    }
    return ar_alloc_slow(a, size);
}
#endif
/* Zeroed (inline: a constant size becomes a few stores). */
static inline void *ar_zalloc(ar_arena *a, size_t size)
{
    void *p = ar_alloc(a, size);
    if (p) memset(p, 0, size);
    return p;
}

/* At least `bytes` free in the current chunk (a new one when it has less: what is left of
 * the current one is not used): allocations whose total is known ahead share one chunk
 * instead of growing chunk by chunk.  0, or -1 when memory runs out. */
int   ar_reserve(ar_arena *a, size_t bytes);
/* Grow the most recent allocation in place when possible, else copy.  p may be NULL. */
void *ar_grow(ar_arena *a, void *p, size_t old_size, size_t new_size);
char *ar_strndup(ar_arena *a, const char *s, size_t len);  /* NUL-terminated copy */
void  ar_reset(ar_arena *a);   /* forget every allocation, keep the chunks for reuse */

/* A point to come back to: ar_rewind forgets every allocation made
 * since ar_mark (chunks stay for reuse), so a reader can drop one
 * item's temporaries while keeping what came before. */
typedef struct ar_mark { ar_chunk *cur; char *pos, *end; size_t used; } ar_mark;
static inline void ar_mark_get(const ar_arena *a, ar_mark *m)
{
    m->cur = a->cur;
    m->pos = a->pos;
    m->end = a->end;
    m->used = a->used;
}
void  ar_rewind(ar_arena *a, const ar_mark *m);
void  ar_free(ar_arena *a);    /* give every chunk back */

/* The chunks of a, taken over by the caller one by one: ar_detach
 * writes up to max of them to out (all when it returns <= max) and leaves a
 * empty, as ar_init would, without freeing them; each is then given
 * back with ar_chunk_free, from any thread.  For memory whose parts
 * stop being needed at different times (resolution's captured source). */
typedef struct ar_span {
    ar_chunk *chunk;
    const char *start;           /* its bytes: [start, start + size) */
    size_t size;
} ar_span;
size_t ar_detach(ar_arena *a, ar_span *out, size_t max);
void  ar_chunk_free(ar_chunk *c);

#endif
