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
void *lp_arena_alloc(lp_arena *a, size_t size);        /* 8-byte aligned; NULL on OOM */
void *lp_arena_zalloc(lp_arena *a, size_t size);       /* zeroed */
/* Grow the most recent allocation in place when possible, else copy.  p may be NULL. */
void *lp_arena_grow(lp_arena *a, void *p, size_t old_size, size_t new_size);
char *lp_arena_strndup(lp_arena *a, const char *s, size_t len);  /* NUL-terminated copy */
void  lp_arena_reset(lp_arena *a);   /* forget every allocation, keep the chunks for reuse */
void  lp_arena_free(lp_arena *a);    /* give every chunk back */

#endif
