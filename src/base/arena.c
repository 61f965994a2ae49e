/* arena.c — bump arenas (see arena.h). */
#include "base/arena.h"
#include "base/mem.h"

#include <string.h>

/* LP_ARENA_REDZONES (arena.h): built with AddressSanitizer */
#ifdef LP_ARENA_REDZONES
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#define REDZONE 16u
#elif defined(LP_VALGRIND)
/* LP_VALGRIND (make memcheck's build/vg): as under ASan, each allocation is followed by a red zone
 * and a chunk's free bytes are unaddressable for valgrind's memcheck, and an allocation's bytes are
 * undefined until written: reading past a string that has no NUL is reported, as it is not when the
 * chunk is one malloc'd block */
#include <valgrind/memcheck.h>
#define POISON(p, n) ((void)VALGRIND_MAKE_MEM_NOACCESS((p), (n)))
#define UNPOISON(p, n) ((void)VALGRIND_MAKE_MEM_UNDEFINED((p), (n)))
#define REDZONE 16u
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#define REDZONE 0u
#endif

struct ar_chunk {
    ar_chunk *next;
    size_t size;                 /* payload bytes after the header */
    _Alignas(16) char data[];
};

#define ALIGN_UP(n) (((n) + 7u) & ~(size_t)7u)

void ar_init(ar_arena *a, size_t chunk_size)
{
    memset(a, 0, sizeof *a);
    a->chunk_size = chunk_size ? chunk_size : LP_ARENA_DEFAULT_CHUNK;
}

static void enter_chunk(ar_arena *a, ar_chunk *c)
{
    a->cur = c;
    a->pos = c->data;
    a->end = c->data + c->size;
    POISON(c->data, c->size);
}

/* Move to a chunk with at least `need` free bytes: a retained one after cur if it
 * fits, else a new one linked right after cur. */
static int next_chunk(ar_arena *a, size_t need)
{
    ar_chunk *after = a->cur ? a->cur->next : a->first;
    if (after && after->size >= need) {
        enter_chunk(a, after);
        return 0;
    }
    size_t size = need > a->chunk_size ? need : a->chunk_size;
    ar_chunk *c = mem_malloc(sizeof *c + size);
    if (!c) return -1;
    c->size = size;
    c->next = after;
    if (a->cur) a->cur->next = c;
    else a->first = c;
    a->reserved += size;
    a->chunks++;
    enter_chunk(a, c);
    return 0;
}

void *ar_alloc_slow(ar_arena *a, size_t size)
{
    size_t need = ALIGN_UP(size) + REDZONE;
    if (need < size) return NULL;
    if (a->limit && (need > a->limit || a->used > a->limit - need)) {
        a->over = 1;
        return NULL;
    }
    if ((size_t)(a->end - a->pos) < need && next_chunk(a, need) != 0) return NULL;
    char *p = a->pos;
    a->pos += need;
    a->used += need;
    a->last = p;
    UNPOISON(p, size);
    return p;
}

int ar_reserve(ar_arena *a, size_t bytes)
{
    if (a->pos && (size_t)(a->end - a->pos) >= bytes) return 0;
    return next_chunk(a, bytes);
}

void *ar_grow(ar_arena *a, void *p, size_t old_size, size_t new_size)
{
    if (new_size <= old_size) return p;
    if (p && p == a->last) {
        size_t old_need = ALIGN_UP(old_size) + REDZONE;
        size_t new_need = ALIGN_UP(new_size) + REDZONE;
        if ((size_t)(a->end - (char *)p) >= new_need) {
            a->pos = (char *)p + new_need;
            a->used += new_need - old_need;
            UNPOISON((char *)p + old_size, new_size - old_size);   /* (valgrind: the old bytes stay) */
            return p;
        }
    }
    void *q = ar_alloc(a, new_size);
    if (q && p) memcpy(q, p, old_size);
    return q;
}

char *ar_strndup(ar_arena *a, const char *s, size_t len)
{
    char *p = ar_alloc(a, len + 1);
    if (!p) return NULL;
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void ar_reset(ar_arena *a)
{
    a->cur = NULL;
    a->pos = a->end = a->last = NULL;
    a->used = 0;
    if (a->first) enter_chunk(a, a->first);
}

void ar_rewind(ar_arena *a, const ar_mark *m)
{
    if (!m->cur) {
        ar_reset(a);
        return;
    }
    a->cur = m->cur;
    a->pos = m->pos;
    a->end = m->end;
    a->used = m->used;
    a->last = NULL;
    POISON(m->pos, (size_t)(m->end - m->pos));   /* later chunks are poisoned when entered again */
}

void ar_free(ar_arena *a)
{
    ar_chunk *c = a->first;
    while (c) {
        ar_chunk *next = c->next;
        UNPOISON(c->data, c->size);
        mem_free(c, sizeof *c + c->size);
        c = next;
    }
    size_t chunk_size = a->chunk_size;
    ar_init(a, chunk_size);
}

size_t ar_detach(ar_arena *a, ar_span *out, size_t max)
{
    size_t n = 0;
    for (ar_chunk *c = a->first; c; c = c->next, n++)
        if (n < max) out[n] = (ar_span){ c, c->data, c->size };
    if (n > max) return n;   /* too many for out: a keeps them */
    size_t chunk_size = a->chunk_size;
    ar_init(a, chunk_size);
    return n;
}

void ar_chunk_free(ar_chunk *c)
{
    UNPOISON(c->data, c->size);
    mem_foreign_begin();   /* (given back on another thread than its arena's, as a rule) */
    mem_free(c, sizeof *c + c->size);
    mem_foreign_end();
}
