/* valheap.h — an image's values' heap (S_VAL_HEAP), written to the image file as it is made.
 *
 * The image's values (titles, SQL, documentation, tags, paths, diagnostics' texts, the names
 * resolution read) are interned into one heap whose ids the image's other sections hold and a
 * reopen reads as an si_table (intern.h).  The heap here is laid out byte for byte as an si_table
 * made by si_init and si_add lays out its blocks (records [u32 0][u32 length][u32 hash][bytes]
 * [NUL] padded to 4, the first block starting with 4 zero bytes and "", a block at most 16 MiB),
 * so that the same workspace still makes the same image; but no block is kept in memory: each new
 * string's record goes to the file at once (the blocks one after another, each 8-aligned, as the
 * image places them), and a string is found again by its hash and the caller's own copy of it.
 * aws_compliance: 2.9 MB of values held whole until written were a sixth of a first open's peak.
 * The strings added must stay where they are, unchanged, until vh_free (the workspace being
 * written holds them).  One thread's.
 */
#ifndef LP_VALHEAP_H
#define LP_VALHEAP_H

#include <stddef.h>
#include <stdint.h>

#include "base/intern.h"
#include "image/imgout.h"

typedef struct vh_slot {
    const char *s;               /* the caller's copy; NULL: empty slot */
    uint32_t id, hash, len;      /* len: a value may hold a NUL byte (a title's "\u0000") */
} vh_slot;

typedef struct vh_heap {
    out_stream o;                /* its bytes to the file, not hashed (the body's stream reads them
                                  * back: out_hash_back) */
    uint64_t base;               /* the section's file offset */
    vh_slot *slot;
    uint32_t nslots, count;
    /* the blocks as an si_table would have them: sizes, used bytes, where each starts in the
     * section (8-aligned after the one before) */
    size_t bsize[LP_INTERN_BLOCKS], bused[LP_INTERN_BLOCKS];
    uint64_t bstart[LP_INTERN_BLOCKS];
    uint32_t nblocks;
    size_t cap;                  /* bytes of every block, as add_block's doubling sees them */
    int oom;
} vh_heap;

/* A heap whose section starts at file offset at of fd (limit: out_init's), its table made for about
 * `expect` values.  0, or -1 out of memory (h->o.err also says why). */
int vh_init(vh_heap *h, int fd, uint64_t at, uint64_t limit, uint32_t expect);
/* The id of s[0..n) , added when new; LP_INTERN_OOM when memory ran out
 * or the heap passed 4 GiB of ids. */
uint32_t vh_add(vh_heap *h, const char *s, size_t n);
/* Every record written: 0, or the errno of the first failure (ENOMEM: an add's table or block);
 * *size the section's bytes, blocks bstart[b], bused[b] in use. */
int vh_finish(vh_heap *h, uint64_t *size);
void vh_free(vh_heap *h);

#endif
