/* readers.c — a resolution's file() inputs found by path, and the readers counted per input: what
 * a refresh's carry-over (carry.c, carry_sparse.c) and an image's context (carry_image.c) ask of an
 * inputs table; and the sets of entries' full names the carry-overs propagate changes by. */
#include "resolve/resolveInt.h"

#include <string.h>

void rs_input_ix_init(input_ix *x, const inp_table *t, ar_arena *a, int by_address)
{
    x->t = t;
    x->a = a;
    x->slot = NULL;
    x->mask = x->lookups = 0;
    x->by_address = by_address;
}

#define RS_INPUT_IX_AFTER 64     /* lookups by binary search before the table is made */

static uint32_t input_ix_hash(const input_ix *x, const char *path)
{
    return x->by_address ? (uint32_t)(((uintptr_t)path >> 3) * 0x9E3779B97F4A7C15ull >> 32)
                         : si_hash(path, strlen(path));
}

static void input_ix_build(input_ix *x)
{
    const inp_table *t = x->t;
    uint32_t size = 128;
    while (size < 2 * t->n) size *= 2;
    uint32_t *slot = ar_zalloc(x->a, (size_t)size * sizeof *slot);
    if (!slot) return;           /* (binary search) */
    for (uint32_t k = 0; k < t->n; k++) {
        if (t->v[k].kind != LP_INPUT_FILE_FN) continue;
        uint32_t j = input_ix_hash(x, t->v[k].path) & (size - 1);
        while (slot[j]) j = (j + 1) & (size - 1);
        slot[j] = k + 1;
    }
    x->slot = slot;
    x->mask = size - 1;
}

/* The file() input `path` of x's table, or UINT32_MAX. */
uint32_t rs_input_find(input_ix *x, const char *path)
{
    const inp_table *t = x->t;
    if (!x->slot && (x->by_address || (++x->lookups > RS_INPUT_IX_AFTER && t->n > RS_INPUT_IX_AFTER)))
        input_ix_build(x);
    if (x->slot) {
        for (uint32_t j = input_ix_hash(x, path) & x->mask; x->slot[j]; j = (j + 1) & x->mask) {
            const char *p = t->v[x->slot[j] - 1].path;
            if (x->by_address ? p == path : strcmp(p, path) == 0) return x->slot[j] - 1;
        }
        if (!x->by_address) return UINT32_MAX;
    }
    uint32_t lo = 0, hi = t->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const inp_rec *r = &t->v[mid];
        int k = r->kind != LP_INPUT_FILE_FN ? (r->kind < LP_INPUT_FILE_FN ? -1 : 1) : strcmp(r->path, path);
        if (k == 0) return mid;
        if (k < 0) lo = mid + 1;
        else hi = mid;
    }
    return UINT32_MAX;
}

/* Per input of t (a finished table), how many of the n entries' file() reads name it, the entries
 * skip marks left out (NULL: none): an array in a (the lookups' table in scratch); NULL when out of
 * memory.  interned: t's paths and the reads' names are one heap's interned strings (input_ix). */
uint32_t *rs_file_readers_count(const inp_table *t, rs_dep *const *deps, const uint8_t *depkinds, uint32_t n,
                                const uint8_t *skip, int interned, ar_arena *a, ar_arena *scratch)
{
    uint32_t *readers = ar_zalloc(a, ((size_t)t->n + 1) * sizeof *readers);
    if (!readers) return NULL;
    input_ix ix;
    rs_input_ix_init(&ix, t, scratch, interned);
    for (uint32_t id = 0; id < n; id++) {
        if (skip && skip[id]) continue;
        for (const rs_dep *d = depkinds[id] & 1u << RS_DEP_FILE ? deps[id] : NULL; d; d = d->next) {
            uint32_t k = d->kind == RS_DEP_FILE && d->name ? rs_input_find(&ix, d->name) : UINT32_MAX;
            if (k != UINT32_MAX) readers[k]++;
        }
    }
    return readers;
}

int rs_names_has(const rs_names *t, const char *name)
{
    if (!t->n) return 0;
    size_t len = strlen(name);
    for (uint32_t j = si_hash(name, len) & t->mask; t->slot[j]; j = (j + 1) & t->mask)
        if (strcmp(t->slot[j], name) == 0) return 1;
    return 0;
}

int rs_names_add(ar_arena *a, rs_names *t, const char *name)
{
    if (2 * (t->n + 1) > t->mask + 1 || !t->slot) {
        uint32_t size = t->slot ? 2 * (t->mask + 1) : 64;
        const char **v = ar_zalloc(a, size * sizeof *v);
        if (!v) return -1;
        for (uint32_t i = 0; t->slot && i <= t->mask; i++) {
            if (!t->slot[i]) continue;
            uint32_t j = si_hash(t->slot[i], strlen(t->slot[i])) & (size - 1);
            while (v[j]) j = (j + 1) & (size - 1);
            v[j] = t->slot[i];
        }
        t->slot = v;
        t->mask = size - 1;
    }
    uint32_t j = si_hash(name, strlen(name)) & t->mask;
    for (; t->slot[j]; j = (j + 1) & t->mask)
        if (strcmp(t->slot[j], name) == 0) return 0;
    t->slot[j] = name;
    t->n++;
    return 0;
}
