/* arena.h — bump arenas over lp_malloc'd chunks.
 *
 * Uses: the workspace arena (the index and interned strings), per-thread
 * scratch arenas (one file's tokens and syntax tree; reset after each file) and
 * per-resource arenas (freed wholesale on LRU eviction).  Chunks come from
 * lp_malloc (mimalloc), so an arena may be freed on a thread other than the one
 * that filled it.  An arena is not thread-safe: one owner at a time.
 *
 * Under AddressSanitizer every allocation is followed by a poisoned red zone and
 * the unused tail of a chunk is poisoned, so overruns inside an arena are
 * reported like heap overruns.
 */
#ifndef LP_ARENA_H
#define LP_ARENA_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct lp_arena_chunk lp_arena_chunk;

typedef struct lp_arena {
    lp_arena_chunk *first;   /* every chunk, oldest first (kept across reset) */
    lp_arena_chunk *cur;     /* chunk being filled */
    char *pos, *end;         /* free space of cur */
    char *last;              /* start of the most recent allocation (for grow) */
    size_t chunk_size;       /* default payload size of a new chunk */
    size_t reserved;         /* bytes held in chunks */
    size_t used;             /* bytes handed out since init/reset */
    uint32_t chunks;         /* number of chunks held */
} lp_arena;

#define LP_ARENA_DEFAULT_CHUNK (64u * 1024u)

void  lp_arena_init(lp_arena *a, size_t chunk_size);   /* no allocation until first use */
void *lp_arena_alloc_slow(lp_arena *a, size_t size);   /* lp_arena_alloc's whole path */

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
#ifdef LP_ARENA_REDZONES
#define lp_arena_alloc lp_arena_alloc_slow
#else
static inline void *lp_arena_alloc(lp_arena *a, size_t size)
{
    size_t need = (size + 7u) & ~(size_t)7u;
    if (need >= size && a->pos && (size_t)(a->end - a->pos) >= need) {
        char *p = a->pos;
        a->pos += need;
        a->used += need;
        a->last = p;
        return p;
    }
    return lp_arena_alloc_slow(a, size);
}
#endif
/* Zeroed (inline: a constant size becomes a few stores). */
static inline void *lp_arena_zalloc(lp_arena *a, size_t size)
{
    void *p = lp_arena_alloc(a, size);
    if (p) memset(p, 0, size);
    return p;
}

/* Grow the most recent allocation in place when possible, else copy.  p may be NULL. */
void *lp_arena_grow(lp_arena *a, void *p, size_t old_size, size_t new_size);
char *lp_arena_strndup(lp_arena *a, const char *s, size_t len);  /* NUL-terminated copy */
void  lp_arena_reset(lp_arena *a);   /* forget every allocation, keep the chunks for reuse */

/* A point to come back to: lp_arena_rewind forgets every allocation made
 * since lp_arena_mark (chunks stay for reuse), so a reader can drop one
 * item's temporaries while keeping what came before. */
typedef struct lp_arena_mark { lp_arena_chunk *cur; char *pos, *end; size_t used; } lp_arena_mark;
static inline void lp_arena_mark_get(const lp_arena *a, lp_arena_mark *m)
{
    m->cur = a->cur;
    m->pos = a->pos;
    m->end = a->end;
    m->used = a->used;
}
void  lp_arena_rewind(lp_arena *a, const lp_arena_mark *m);
void  lp_arena_free(lp_arena *a);    /* give every chunk back */

/* The chunks of a, taken over by the caller one by one: lp_arena_detach
 * writes up to max of them to out (all when it returns <= max) and leaves a
 * empty, as lp_arena_init would, without freeing them; each is then given
 * back with lp_arena_chunk_free, from any thread.  For memory whose parts
 * stop being needed at different times (resolution's captured source). */
typedef struct lp_arena_span {
    lp_arena_chunk *chunk;
    const char *start;           /* its bytes: [start, start + size) */
    size_t size;
} lp_arena_span;
size_t lp_arena_detach(lp_arena *a, lp_arena_span *out, size_t max);
void  lp_arena_chunk_free(lp_arena_chunk *c);

#endif
