/* valheap.c — an image's values' heap, written as it is made (see valheap.h). */
#include "image/valheap.h"

#include <errno.h>
#include <string.h>

#include "base/mem.h"

/* intern.c's layout: a record's header, the smallest and largest block */
#define HDR 12u
#define MIN_BLOCK (64u * 1024u)
#define MAX_BLOCK ((size_t)1 << LP_INTERN_SHIFT)
#define FIRST_SLOTS 1024u

static size_t record_size(size_t n)
{
    return (HDR + n + 1 + 3) & ~(size_t)3;
}

/* A new last block for a record of rec bytes, as intern.c's add_block makes one.  The first is
 * the largest block: the si_table images were made with had its first block sized by si_init for
 * every value (an upper bound counted ahead), so one block held them all unless they passed
 * 16 MiB, where its first block was the largest too: the same ids either way. */
static int add_block(vh_heap *h, size_t rec)
{
    if (h->nblocks == LP_INTERN_BLOCKS) return -1;
    size_t size = h->nblocks ? h->cap : MAX_BLOCK;
    if (size < MIN_BLOCK) size = MIN_BLOCK;
    if (size > MAX_BLOCK) size = MAX_BLOCK;
    if (size < rec) size = rec;
    uint32_t b = h->nblocks++;
    h->bstart[b] = b ? (h->bstart[b - 1] + h->bused[b - 1] + 7) & ~(uint64_t)7 : 0;
    h->bsize[b] = size;
    h->bused[b] = 0;
    h->cap += size;
    out_pad(&h->o, h->base + h->bstart[b]);
    return 0;
}

static int grow(vh_heap *h)
{
    if (h->nslots >= (1u << 31)) return -1;
    uint32_t n = h->nslots * 2, mask = n - 1;
    vh_slot *s = mem_calloc(n, sizeof *s);
    if (!s) return -1;
    for (uint32_t i = 0; i < h->nslots; i++) {
        if (!h->slot[i].s) continue;
        uint32_t j = h->slot[i].hash & mask;
        while (s[j].s) j = (j + 1) & mask;
        s[j] = h->slot[i];
    }
    mem_free(h->slot, (size_t)h->nslots * sizeof *h->slot);
    h->slot = s;
    h->nslots = n;
    return 0;
}

int vh_init(vh_heap *h, int fd, uint64_t at, uint64_t limit, uint32_t expect)
{
    memset(h, 0, sizeof *h);
    h->base = at;
    out_init(&h->o, fd, at, limit, 0);
    /* the table at its size at once: each doubling a new table (aws_compliance: 10,000 values, four
     * doublings from 1,024 slots, the tables and their first touches a twentieth of the write) */
    uint32_t n = FIRST_SLOTS;
    while (n < (1u << 24) && expect > n - n / 4) n *= 2;
    h->slot = mem_calloc(n, sizeof *h->slot);
    if (!h->slot || h->o.err) {
        h->oom = 1;
        return -1;
    }
    h->nslots = n;
    add_block(h, 0);
    static const char zero[4];   /* offset 0 stays unused: id 0 means "none" */
    out_put(&h->o, zero, sizeof zero);
    h->bused[0] = sizeof zero;
    return vh_add(h, "", 0) == LP_INTERN_OOM ? -1 : 0;
}

uint32_t vh_add(vh_heap *h, const char *s, size_t n)
{
    if (h->oom || n > UINT32_MAX - 64) return LP_INTERN_OOM;
    uint32_t hash = si_hash(s, n), j;
    for (int pass = 0; pass < 2; pass++) {
        for (j = hash & (h->nslots - 1); h->slot[j].s; j = (j + 1) & (h->nslots - 1))
            if (h->slot[j].hash == hash && h->slot[j].len == n && memcmp(h->slot[j].s, s, n) == 0)
                return h->slot[j].id;
        if (h->count + 1 <= h->nslots - h->nslots / 4) break;
        if (grow(h) != 0) {   /* (the second pass finds the empty slot in the grown table) */
            h->oom = 1;
            return LP_INTERN_OOM;
        }
    }
    size_t rec = record_size(n);
    uint32_t b = h->nblocks - 1;
    /* the text must start in the block's first 16 MiB (the id's offset) */
    if (h->bused[b] + rec > h->bsize[b] || h->bused[b] + HDR >= LP_INTERN_OFFSET) {
        if (add_block(h, rec) != 0) {
            h->oom = 1;
            return LP_INTERN_OOM;
        }
        b++;
    }
    uint32_t id = b << LP_INTERN_SHIFT | (uint32_t)(h->bused[b] + HDR);
    uint32_t head[3] = { 0, (uint32_t)n, hash };   /* the owner's word (0), length, hash */
    static const char nul[4];
    out_put(&h->o, head, sizeof head);
    out_put(&h->o, s, n);
    out_put(&h->o, nul, rec - HDR - n);   /* NUL and padding */
    h->bused[b] += rec;
    h->slot[j] = (vh_slot){ s, id, hash, (uint32_t)n };
    h->count++;
    return id;
}

int vh_finish(vh_heap *h, uint64_t *size)
{
    out_flush(&h->o);
    uint32_t last = h->nblocks - 1;
    *size = h->nblocks ? h->bstart[last] + h->bused[last] : 0;
    return h->oom ? ENOMEM : h->o.err;
}

void vh_free(vh_heap *h)
{
    out_free(&h->o);
    mem_free(h->slot, h->slot ? (size_t)h->nslots * sizeof *h->slot : 0);
    h->slot = NULL;
}
