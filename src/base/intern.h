/* intern.h — string interning for the workspace index.
 *
 * Every string of the index (names, titles, tag keys and values, paths...) is
 * stored once and referred to by a 32-bit id.  Ids rather than pointers keep
 * records small (4 bytes a field).  Once the index is published nothing is
 * written again, so readers need no locks.
 *
 * THE HEAP is a list of blocks that never move: a block is allocated when the
 * last one is full, and strings are appended to the last one.  An id is the
 * block number (high 8 bits) and the offset of the text in its block (low 24
 * bits); a block holds strings that start in its first 16 MiB (one bigger
 * string gets a block of its own).  Blocks rather than one heap grown by
 * realloc because a build cannot know its size ahead (files are merged as
 * they are scanned) and each realloc copied the whole heap into cold memory:
 * on aws_compliance (1.2 MB of strings) the blocks took 0.15 ms off a 1.6 ms
 * merge.  A new block is about the heap so far, or the size a builder
 * predicts (si_reserve), so building costs O(log n) allocation calls;
 * the unused end of the last block is never written.
 *
 * Layout of one string: [u32 value][u32 length][u32 hash][bytes][NUL], padded
 * to 4 bytes; the id points at the bytes, which are NUL-terminated.  Id 0
 * means "none"; si_str(0) is "".  The value word is the owner's
 * (si_val, 0 for a new string): the index keeps there the entry whose
 * full name the string is, so that a name, once interned, leads to its entry
 * without a second table keyed by names (index.h).
 *
 * The hash set is open addressing (linear probing); a slot holds the id and,
 * beside it, the string's hash (id | hash << 32), so that a probe passing
 * other strings' slots and a rehash never read the heap: on a build, the
 * heap (about 1 MB on aws_compliance) is mostly out of L1, and a new string
 * used to read the header of every string it passed on its way to an empty
 * slot.
 */
#ifndef LP_INTERN_H
#define LP_INTERN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/xxh3.h"

#define LP_INTERN_BLOCKS 256u
#define LP_INTERN_SHIFT 24u          /* an id: block << 24 | offset in the block */
#define LP_INTERN_OFFSET ((1u << LP_INTERN_SHIFT) - 1)

typedef struct si_table {
    char *block[LP_INTERN_BLOCKS];   /* string records; see above */
    size_t bsize[LP_INTERN_BLOCKS];  /* bytes allocated for each block */
    size_t bused[LP_INTERN_BLOCKS];  /* bytes used in each block but the last (`used`) */
    uint32_t nblocks;
    size_t used;         /* bytes used in the last block */
    size_t len, cap;     /* bytes used / allocated in all blocks */
    size_t next;         /* size wanted for the next block (si_reserve), 0: about double */
    uint64_t *slots;     /* id | hash << 32, 0 = empty; nslots is a power of two */
    uint32_t nslots;
    uint32_t count;      /* distinct strings */
    /* Blocks made by si_init, add_block and si_clone carry a reference count
     * in front (counted): a clone shares the blocks of its source instead of
     * copying them, and the first `sealed` blocks are such shared ones, never
     * written again (new strings go to a block of the clone's own).  A table
     * whose blocks are another's memory (an image's mapping) is not counted:
     * it is copied when cloned and never freed here. */
    uint32_t sealed;
    uint8_t counted;
    /* The first `borrowed` of the sealed blocks are another's memory (an image's mapping, which
     * the table's owner keeps alive: si_clone_borrowing), neither counted nor freed here. */
    uint32_t borrowed;
    /* slots is a private view of an image file's (mem_file_view: si_clone_viewing), given back
     * by mem_view_free */
    uint8_t slots_view;
} si_table;

/* Heap bytes a string takes beyond its text, at most (header, NUL, padding). */
#define LP_INTERN_OVERHEAD 16u

#define LP_STR_NONE 0u
#define LP_INTERN_OOM UINT32_MAX

/* Set up with room for about `bytes` of text in `strings` strings (0: small),
 * so that a build whose size is known ahead allocates once.  0 or -1 (OOM). */
int si_init(si_table *in, size_t bytes, uint32_t strings);
void si_free(si_table *in);
/* Plan for `bytes` of heap in all and a table for `strings` strings: the
 * table grows now, and the next block (allocated when the last one is full)
 * takes what `bytes` leaves, so that a builder that can predict its needs
 * allocates once instead of doubling repeatedly.  0 or -1 (OOM; the set is
 * unchanged). */
int si_reserve(si_table *in, size_t bytes, uint32_t strings);

/* The id of s[0..n) (added when new).  LP_INTERN_OOM when memory runs out or
 * the heap would pass 4 GiB. */
uint32_t si_add(si_table *in, const char *s, size_t n);
/* The id of s[0..n), or LP_STR_NONE when it was never added. */
uint32_t si_find(const si_table *in, const char *s, size_t n);
/* dst: a copy of src (the same ids for the same strings, the owner's words
 * included) with room for about `bytes` of text in `strings` more strings,
 * so that a version made from another by a few strings (index.c:
 * index_update) allocates once: src's blocks shared when counted (each
 * clone adds a block: see si_block_count), else copied, and the hash set
 * copied.  The owner's words of shared blocks must not change.  Reads src
 * only: src may be read by other threads meanwhile.  0 or -1 (OOM; dst is
 * empty). */
int si_clone(si_table *dst, const si_table *src, size_t bytes, uint32_t strings);
/* si_clone, src's blocks shared even when they are not counted (an image's mapping), and those src
 * borrowed borrowed again: the caller keeps that memory alive, unchanged, as long as dst (which
 * never writes nor frees them). */
int si_clone_borrowing(si_table *dst, const si_table *src, size_t bytes, uint32_t strings);
/* The slots a clone of src for `strings` more strings has: src's count (so that its slots can be
 * src's own, viewed: si_clone_viewing) or more (made again). */
uint32_t si_clone_slots(const si_table *src, uint32_t strings);
/* si_clone (borrow: si_clone_borrowing) whose slots are `view` when it is not NULL: a private,
 * writable view of src's slots (mem_file_view of the image file they lie in), taken over (freed
 * when not used), so that only the slots' pages the new strings change are copied. */
int si_clone_viewing(si_table *dst, const si_table *src, size_t bytes, uint32_t strings, int borrow,
                     uint64_t *view);
/* Give back table slots (a rehash) when the table is far bigger than the
 * strings need.  The heap stays: giving back the unused end of the last block
 * would be a realloc, which an allocator may do by copying the block (mimalloc
 * does when less than half of its rounded-up size stays), and that end, never
 * written, is address space rather than memory. */
void si_shrink(si_table *in);

/* How many strings the table holds before it grows (load 3/4). */
static inline uint32_t si_room(const si_table *in)
{
    return in->nslots - in->nslots / 4;
}

/* Bytes of block b that hold records (the persisted image copies these). */
static inline size_t si_block_used(const si_table *in, uint32_t b)
{
    return b + 1 == in->nblocks ? in->used : in->bused[b];
}

/* Bytes held by the heap and the hash set. */
size_t si_bytes(const si_table *in);

/* The text of id (not 0). */
static inline char *si_at(const si_table *in, uint32_t id)
{
    return in->block[id >> LP_INTERN_SHIFT] + (id & LP_INTERN_OFFSET);
}

static inline const char *si_str(const si_table *in, uint32_t id)
{
    return id ? si_at(in, id) : "";
}

static inline uint32_t si_len(const si_table *in, uint32_t id)
{
    uint32_t n = 0;
    if (id) memcpy(&n, si_at(in, id) - 8, 4);
    return n;
}

static inline uint32_t si_hash_of(const si_table *in, uint32_t id)
{
    uint32_t h = 0;
    if (id) memcpy(&h, si_at(in, id) - 4, 4);
    return h;
}

/* The owner's word of string id (0 until set; id 0 has none). */
static inline uint32_t si_val(const si_table *in, uint32_t id)
{
    uint32_t v = 0;
    if (id) memcpy(&v, si_at(in, id) - 12, 4);
    return v;
}

static inline void si_set_val(si_table *in, uint32_t id, uint32_t v)
{
    if (id) memcpy(si_at(in, id) - 12, &v, 4);
}

/* The 32-bit hash si_table uses, for tables keyed by interned strings:
 * XXH3 (libxxhash), inlined through its header (XXH_INLINE_ALL) because a
 * build hashes every name, title, tag and child reference it scans
 * (aws_compliance: 42k strings, mostly 6 to 60 bytes) and a call into the
 * shared library costs as much as hashing a short string.  The hashes are
 * computed on the scanning threads and carried to the merge (scan_str.hash). */
static inline uint64_t si_r8(const char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline uint64_t si_r4(const char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static inline uint32_t si_hash(const char *s, size_t n)
{
    /* (a long string, an SQL text, hashed with AVX2 where there is: the same value, xxh3.h) */
    return (uint32_t)(n > XXH3_MIDSIZE_MAX ? xxh3_64(s, n) : XXH3_64bits(s, n));
}

/* A hash of a pointer, for tables keyed by addresses (segments, kept
 * trees, locals): its bits mixed (murmur3's finaliser), since aligned
 * addresses share their low bits. */
static inline uint32_t si_ptr_hash(const void *p)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    return (uint32_t)(x ^ (x >> 29));
}

/* a[0..n) == b[0..n), without a call for the short strings most compares
 * are about (tag keys and values). */
static inline int si_eq(const char *a, const char *b, uint32_t n)
{
    if (n > 16) return memcmp(a, b, n) == 0;
    if (n >= 8)
        return ((si_r8(a) ^ si_r8(b)) | (si_r8(a + n - 8) ^ si_r8(b + n - 8))) == 0;
    if (n >= 4)
        return ((si_r4(a) ^ si_r4(b)) | (si_r4(a + n - 4) ^ si_r4(b + n - 4))) == 0;
    for (uint32_t i = 0; i < n; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}

/* Bytes a[0..an) against b[0..bn): memcmp's order, a prefix first.  Most
 * comparisons of short keys (tag keys, local names) are decided by the
 * first byte: no call then. */
static inline int si_cmp(const char *a, uint32_t an, const char *b, uint32_t bn)
{
    uint32_t m = an < bn ? an : bn;
    if (m && a[0] != b[0]) return (unsigned char)a[0] < (unsigned char)b[0] ? -1 : 1;
    int c = m ? memcmp(a, b, m) : 0;
    if (c) return c;
    return an < bn ? -1 : an > bn;
}

/* The slot of s[0..n) (hash h) in the table: its id, or LP_STR_NONE with
 * *slot the empty slot where it would go.  Only a slot with the same hash
 * leads to the heap (length, then bytes).  Inline: most strings a build adds
 * are already there. */
static inline uint32_t si_probe(const si_table *in, const char *s, uint32_t n, uint32_t h,
                                uint32_t *slot)
{
    uint32_t mask = in->nslots - 1;
    uint32_t j = h & mask;
    uint64_t want = (uint64_t)h << 32;
    for (;;) {
        uint64_t v = in->slots[j];
        if (!v) break;
        if ((v & 0xFFFFFFFF00000000u) == want) {
            uint32_t id = (uint32_t)v, len;
            const char *p = si_at(in, id);
            memcpy(&len, p - 8, 4);
            if (len == n && si_eq(p, s, n)) return id;
        }
        j = (j + 1) & mask;
    }
    *slot = j;
    return LP_STR_NONE;
}

/* Add s[0..n) (hash h, not there: si_probe gave `slot`).  Its id, or
 * LP_INTERN_OOM. */
uint32_t si_insert(si_table *in, const char *s, uint32_t n, uint32_t h, uint32_t slot);

/* si_add for a string whose si_hash() is known (computed where
 * the string was made, e.g. on a scanning thread). */
static inline uint32_t si_add_hashed(si_table *in, const char *s, size_t n, uint32_t h)
{
    if (n > UINT32_MAX - 64) return LP_INTERN_OOM;
    uint32_t slot = 0;
    uint32_t id = si_probe(in, s, (uint32_t)n, h, &slot);
    return id ? id : si_insert(in, s, (uint32_t)n, h, slot);
}

#endif
