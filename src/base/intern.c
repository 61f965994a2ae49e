/* intern.c — string interning (see intern.h). */
#include "base/intern.h"
#include "base/mem.h"

#include <stdatomic.h>

#define HDR 12u
#define MIN_SLOTS 64u
#define MIN_BLOCK (64u * 1024u)
#define MAX_BLOCK ((size_t)1 << LP_INTERN_SHIFT)

static size_t record_size(size_t n)
{
    return (HDR + n + 1 + 3) & ~(size_t)3;
}

/* A counted block: its reference count in the 16 bytes before its text. */
#define BLOCK_HDR 16u

static _Atomic uint32_t *block_refs(char *block)
{
    return (_Atomic uint32_t *)(void *)(block - BLOCK_HDR);
}

static char *block_new(size_t size)
{
    char *p = mem_malloc(size + BLOCK_HDR);
    if (!p) return NULL;
    atomic_init((_Atomic uint32_t *)(void *)p, 1);
    return p + BLOCK_HDR;
}

static void block_unref(char *block, size_t size)
{
    if (atomic_fetch_sub_explicit(block_refs(block), 1, memory_order_acq_rel) == 1)
        mem_free(block - BLOCK_HDR, size + BLOCK_HDR);
}

/* A new last block for a record of `rec` bytes: the size planned by
 * si_reserve, else about the heap so far (doubling it). */
static int add_block(si_table *in, size_t rec)
{
    if (in->nblocks == LP_INTERN_BLOCKS) return -1;   /* 4 GiB of ids */
    size_t size = in->next ? in->next : in->cap;
    if (size < MIN_BLOCK && !in->sealed) size = MIN_BLOCK;   /* (a clone's: the size it planned) */
    if (size > MAX_BLOCK) size = MAX_BLOCK;
    if (size < rec) size = rec;                       /* a big string: a block of its own */
    char *p = block_new(size);
    if (!p) return -1;
    if (in->nblocks) in->bused[in->nblocks - 1] = in->used;
    in->block[in->nblocks] = p;
    in->bsize[in->nblocks++] = size;
    in->cap += size;
    in->used = 0;
    in->next = 0;
    return 0;
}

static uint32_t slots_for(uint32_t strings)
{
    uint32_t n = MIN_SLOTS;
    /* load factor at most 3/4: a probe stays within a cache line or two
     * (8 slots a line), and a smaller table misses the cache less often than
     * the shorter probes of a sparser one would save (aws_compliance: 128 KiB
     * instead of 256 KiB, merge -0.1 ms).  At 1/2 instead (measured later,
     * lpbench --phase index medians): aws_insights 3.28-3.44 -> 3.21-3.25
     * ms, aws_compliance unchanged, but the synthetic xlarge10 (40 k
     * entries) 126-128 -> 132-138 ms: a table twice the size misses the
     * cache more than its shorter probes save. */
    while (n - n / 4 < strings && n < (1u << 31)) n *= 2;
    return n;
}

/* The slots `from` (n of them) placed again in the zeroed `to` (nto). */
static void place_slots(uint64_t *to, uint32_t nto, const uint64_t *from, uint32_t n)
{
    uint32_t mask = nto - 1;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t v = from[i];
        if (!v) continue;
        uint32_t j = (uint32_t)(v >> 32) & mask;
        while (to[j]) j = (j + 1) & mask;
        to[j] = v;
    }
}

static void free_slots(si_table *in)
{
    if (in->slots_view) mem_view_free(in->slots, (size_t)in->nslots * sizeof *in->slots);
    else mem_free(in->slots, (size_t)in->nslots * sizeof *in->slots);
    in->slots_view = 0;
}

static int rehash(si_table *in, uint32_t nslots)
{
    uint64_t *s = mem_calloc(nslots, sizeof *s);
    if (!s) return -1;
    place_slots(s, nslots, in->slots, in->nslots);
    free_slots(in);
    in->slots = s;
    in->nslots = nslots;
    return 0;
}

int si_init(si_table *in, size_t bytes, uint32_t strings)
{
    memset(in, 0, sizeof *in);
    in->counted = 1;
    /* exactly the estimate (later blocks about double the heap) */
    size_t want = bytes + (size_t)strings * LP_INTERN_OVERHEAD + 64;
    in->next = want < MIN_BLOCK ? MIN_BLOCK : want;
    if (add_block(in, 0) != 0) return -1;
    in->nslots = slots_for(strings + 1);
    in->slots = mem_calloc(in->nslots, sizeof *in->slots);
    if (!in->slots) {
        si_free(in);
        return -1;
    }
    /* offset 0 of block 0 stays unused so that id 0 can mean "none" */
    memset(in->block[0], 0, 4);
    in->used = in->len = 4;
    return si_add(in, "", 0) == LP_INTERN_OOM ? -1 : 0;
}

int si_reserve(si_table *in, size_t bytes, uint32_t strings)
{
    uint32_t n = slots_for(strings);
    if (n > in->nslots && rehash(in, n) != 0) return -1;
    /* what the last block cannot hold goes to the next one, in one block */
    size_t room = in->nblocks ? in->bsize[in->nblocks - 1] - in->used : 0;
    if (bytes > in->len + room) {
        size_t more = bytes - in->len - room;
        if (more > in->next) in->next = more;
    }
    return 0;
}

void si_free(si_table *in)
{
    for (uint32_t b = in->borrowed; in->counted && b < in->nblocks; b++)
        block_unref(in->block[b], in->bsize[b]);
    free_slots(in);
    memset(in, 0, sizeof *in);
}

uint32_t si_find(const si_table *in, const char *s, size_t n)
{
    if (!in->slots || n > UINT32_MAX - 64) return LP_STR_NONE;
    uint32_t slot = 0;
    return si_probe(in, s, (uint32_t)n, si_hash(s, n), &slot);
}

uint32_t si_add(si_table *in, const char *s, size_t n)
{
    if (n > UINT32_MAX - 64) return LP_INTERN_OOM;
    return si_add_hashed(in, s, n, si_hash(s, n));
}

uint32_t si_insert(si_table *in, const char *s, uint32_t n, uint32_t h, uint32_t slot)
{
    if (in->count + 1 > si_room(in)) {
        if (in->nslots >= (1u << 31) || rehash(in, in->nslots * 2) != 0) return LP_INTERN_OOM;
        si_probe(in, s, n, h, &slot);
    }
    size_t rec = record_size(n);
    /* the text must start in the block's first 16 MiB (the id's offset) */
    if (!in->nblocks || in->nblocks == in->sealed || in->used + rec > in->bsize[in->nblocks - 1] ||
        in->used + HDR >= LP_INTERN_OFFSET) {
        if (add_block(in, rec) != 0) return LP_INTERN_OOM;
    }
    uint32_t b = in->nblocks - 1;
    char *p = in->block[b] + in->used;
    memset(p, 0, 4);
    memcpy(p + 4, &n, 4);
    memcpy(p + 8, &h, 4);
    /* NUL and padding: the record's last word zeroed before the bytes
     * (rec - HDR - n is 1 to 4) */
    memset(p + rec - 4, 0, 4);
    if (n) memcpy(p + HDR, s, n);
    uint32_t id = b << LP_INTERN_SHIFT | (uint32_t)(in->used + HDR);
    in->used += rec;
    in->len += rec;
    in->slots[slot] = id | (uint64_t)h << 32;
    in->count++;
    return id;
}

uint32_t si_clone_slots(const si_table *src, uint32_t strings)
{
    uint32_t want = slots_for(src->count + strings + 1);
    return want > src->nslots ? want : src->nslots;
}

static int clone_impl(si_table *dst, const si_table *src, size_t bytes, uint32_t strings, int borrow,
                      uint64_t *view)
{
    uint32_t nslots = si_clone_slots(src, strings);
    if (view && nslots != src->nslots) {
        mem_view_free(view, (size_t)src->nslots * sizeof *view);
        view = NULL;
    }
    memset(dst, 0, sizeof *dst);
    dst->counted = 1;
    for (uint32_t b = 0; b < src->nblocks; b++) {
        size_t used = si_block_used(src, b);
        /* (a block src borrowed is src's owner's to keep: copied, or borrowed as src did) */
        int counted = src->counted && b >= src->borrowed;
        if (counted || borrow) {   /* shared: the clone writes a block of its own */
            if (counted) atomic_fetch_add_explicit(block_refs(src->block[b]), 1, memory_order_relaxed);
            else dst->borrowed = b + 1;
            dst->block[b] = src->block[b];
            dst->bsize[b] = counted ? src->bsize[b] : used;
            dst->sealed = b + 1;
        } else {
            size_t size = used;
            if (b + 1 == src->nblocks) {
                size = used + bytes + ((size_t)strings + 1) * LP_INTERN_OVERHEAD;
                if (size > MAX_BLOCK) size = used > MAX_BLOCK ? used : MAX_BLOCK;   /* si_insert adds one */
            }
            if (!(dst->block[b] = block_new(size))) {
                si_free(dst);
                if (view) mem_view_free(view, (size_t)nslots * sizeof *view);
                return -1;
            }
            memcpy(dst->block[b], src->block[b], used);
            dst->bsize[b] = size;
        }
        dst->bused[b] = used;
        dst->nblocks = b + 1;
        dst->cap += dst->bsize[b];
        dst->used = used;
    }
    dst->len = src->len;
    dst->count = src->count;
    dst->next = bytes + ((size_t)strings + 1) * LP_INTERN_OVERHEAD;   /* the block the new strings take */
    /* the same slots, so the same ids at the same places; a table too small
     * for what comes is rehashed once */
    dst->nslots = nslots;
    if (view) {   /* src's slots already, as the file holds them */
        dst->slots = view;
        dst->slots_view = 1;
        return 0;
    }
    if (!(dst->slots = mem_malloc((size_t)dst->nslots * sizeof *dst->slots))) {
        si_free(dst);
        return -1;
    }
    if (dst->nslots == src->nslots) {
        memcpy(dst->slots, src->slots, (size_t)src->nslots * sizeof *src->slots);
    } else {
        memset(dst->slots, 0, (size_t)dst->nslots * sizeof *dst->slots);
        place_slots(dst->slots, dst->nslots, src->slots, src->nslots);
    }
    return 0;
}

int si_clone(si_table *dst, const si_table *src, size_t bytes, uint32_t strings)
{
    return clone_impl(dst, src, bytes, strings, 0, NULL);
}

int si_clone_borrowing(si_table *dst, const si_table *src, size_t bytes, uint32_t strings)
{
    return clone_impl(dst, src, bytes, strings, 1, NULL);
}

int si_clone_viewing(si_table *dst, const si_table *src, size_t bytes, uint32_t strings, int borrow,
                     uint64_t *view)
{
    return clone_impl(dst, src, bytes, strings, borrow, view);
}

void si_shrink(si_table *in)
{
    /* the table was sized for every string before de-duplication */
    uint32_t want = slots_for(in->count);
    if (want * 4 <= in->nslots) rehash(in, want);   /* only when far too big; failure is harmless */
}

size_t si_bytes(const si_table *in)
{
    return in->cap + (size_t)in->nslots * sizeof *in->slots;
}
