/* seg.h — a file's scan result kept across versions of a live workspace
 * (a refresh re-scans only the files whose bytes changed).
 *
 * A segment is one file's scan_result (entries, strings, tags, references,
 * diagnostics, the captured pieces background resolution evaluates) copied
 * into one block of its own, with the stat and content hash of the bytes it
 * was scanned from.  A build asked to keep them (ws_open_ex with keep_segs:
 * live workspaces, and lp_open with an index cache, whose image holds them)
 * makes one per file it reads and scans, on the scanning thread (an open
 * whose image waits for its answer, opts.defer_image, makes them later, in
 * lp_save_image: workspace.c); the next
 * version's build takes the segment of every file whose bytes did not
 * change instead of reading and scanning it, and merges it exactly as it
 * would merge a fresh scan result: the merge cannot tell the difference,
 * so a refreshed version is a fresh open by construction.
 *
 * Ownership: immutable once made; reference-counted (atomically: a version
 * closed by a reader's release drops its references on that thread while a
 * refresh takes new ones on its own).  lp_workspace.segs holds one reference
 * per file; the captured pieces the resolver reads (ws->capture) point into
 * the segments, which live as long as any version that holds them.  The
 * segments taken from an image share its one read (seg_block), freed with
 * the last of them: a file's segment dropped meanwhile keeps its bytes
 * there until then (no more than the image's segments in all).
 */
#ifndef LP_SEG_H
#define LP_SEG_H

#include <stdatomic.h>
#include <stdint.h>

#include "index/build.h"

/* Memory that segments read in place from an image share (seg_image_take), or the image file they
 * are read from when needed (seg_block_file): freed (closed) when the last of them, and the
 * reader's own reference, are gone. */
typedef struct seg_block seg_block;

/* A segment taken from an image lazily (seg_image_stub, seg_file_stub): its head checked, its bytes
 * not yet checked nor made usable (seg_ready). */
typedef struct seg_lazy seg_lazy;

typedef struct seg {
    _Atomic uint32_t refs;
    int32_t status;              /* LP_OK or LP_ERR_SYNTAX (failed reads are not kept) */
    uint64_t size;
    int64_t mtime_ns;
    uint64_t dev, ino, hash;     /* of the bytes scanned */
    int64_t read_at_ns;          /* wall clock of the build that read them (inp_check's racy files) */
    const char *path;            /* as listed, in mem */
    const char *mod;             /* the mod name it was scanned for (full names depend on it) */
    uint32_t full_parse;         /* scanned by lp_open_full_parse */
    scan_result res;             /* every pointer into mem */
    size_t bytes;                /* of mem */
    seg_block *block;            /* NULL: mem is an allocation of its own; else inside this block */
    seg_lazy *lazy;              /* NULL: res is usable; else res holds the counts and `blocks` only
                                  * until seg_ready (an image's segment taken lazily) */
} seg;

/* A segment of outcome o (a successful read) of `path` in mod `mod`: NULL
 * when memory runs out (the build goes on; the file is scanned again next
 * time). */
seg *seg_make(const file_outcome *o, const char *path, const char *mod, int full_parse, int64_t read_at_ns);
void seg_ref(seg *s);
void seg_unref(seg *s);
/* o as the merge wants it, from segment s (o->res points into s).  A lazy segment is not made
 * usable: o->res has its counts and blocks, its arrays NULL until seg_ready (index_update reads no
 * more of a file it did not scan; a whole merge makes them usable first, workspace.c ready_presets). */
void seg_outcome(const seg *s, file_outcome *o);

/* A segment as bytes an index image holds (persist.c): the block with every
 * pointer made an offset from its start (0: NULL) and the count cleared, so
 * that the bytes do not depend on where the block was.  seg_image_write
 * writes s->bytes bytes to out: 0, or -1 when a lazy segment's bytes could not be read from its
 * file (seg_file_stub: the file was cut since). */
int seg_image_write(const seg *s, char *out);
/* A block of n bytes (reference count 1, the caller's), its memory at
 * seg_block_mem, for an image's segments to be read into and taken in place
 * (seg_image_take): one allocation and no copy of each (a first refresh
 * after a reopen takes thousands of them).  NULL: out of memory. */
seg_block *seg_block_new(size_t n);
/* The same over a private, writable mapping of n bytes of file fd at off (the segments are taken
 * in place: the pages their relocation writes are copied, the rest stay the page cache's): NULL
 * when it cannot be mapped. */
seg_block *seg_block_map(int fd, uint64_t off, size_t n);
char *seg_block_mem(seg_block *b);
void seg_block_unref(seg_block *b);
/* A segment (reference count 1, holding a reference on b) from the n image
 * bytes at p, inside b's memory, made usable where they lie (every offset
 * made a pointer), checked first: the header, every offset and length in
 * bounds and aligned, NUL-terminated strings, piece chains moving forward,
 * every entry's tag, reference and parent indices inside the result, its
 * kind; the strings' hashes are computed again (an image can say anything).
 * p must be 8-aligned, and no other segment taken may overlap its n bytes.
 * NULL with *why set when the bytes are not a segment (they may be left
 * half relocated: nothing else may read them). */
seg *seg_image_take(seg_block *b, char *p, size_t n, const char **why);
/* A segment taken lazily (reference count 1, holding a reference on b): its header, path, mod,
 * counts and blocks checked and usable (bounds only: their bytes are checked by seg_ready, before
 * any of them is read), its res arrays NULL until seg_ready makes them usable, in place, once its
 * checksum and then seg_image_take's checks pass.  A patch reads the segments of the few files it
 * evaluates again: making every one usable wrote (and so copied) nearly every page of them, and
 * checking every one before use was half of what remained.  head: its first `have` bytes (its header,
 * path, mod and blocks: seg_image_head), in b's memory too, p itself or a copy of them. */
seg *seg_image_stub(seg_block *b, char *p, size_t n, const char *head, size_t have, uint64_t sum,
                    const char **why);
/* The length of the head of the n image bytes at p (seg_image_write's): the header, path, mod and
 * blocks, all a stub reads (n when p does not say).  An image keeps every segment's head apart too
 * (persist.c), so that taking a stub of each reads their heads alone, side by side, not a page of
 * each segment: the stub refers to that copy (in its block's memory), which seg_ready compares
 * with the segment's own bytes. */
size_t seg_image_head(const char *p, size_t n);
/* Lazy segments are taken from b (seg_image_stub), each checked by its checksum `sum` (over its
 * bytes as the image holds them) when made usable. */
typedef uint64_t seg_sum_fn(const void *p, size_t n);
/* A block whose segments stay in file fd (a descriptor of its own, dup'd) from off on, each read when
 * it is made usable or written (seg_file_stub), checked by `sum`: a live workspace's, which neither
 * maps a file another process could cut under it nor copies 5.7 MB to take a few segments.  Its
 * memory is `heads` (the image's heads, n bytes, or NULL), taken in any case: freed with it. */
seg_block *seg_block_file(int fd, uint64_t off, seg_sum_fn *sum, char *heads, size_t n);
/* seg_image_stub for file block b's segment of n bytes at off (from its file offset), of which the
 * first `have` (8-aligned at head) were read: its path, mod and blocks must lie in them (they come
 * first: seg_make).  In b's memory (its heads), the stub refers to them, else it copies them.  NULL
 * with *why when not (read more, or all of it, and try again) or when they are not a segment's. */
seg *seg_file_stub(seg_block *b, uint64_t off, size_t n, uint64_t sum, const char *head, size_t have,
                   const char **why);
void seg_block_lazy(seg_block *b, seg_sum_fn *sum);
/* Room in b for n stubs (seg_image_stub, seg_file_stub) in one allocation, freed with b: a stub of a
 * segment without blocks is taken from it while it lasts, any other allocated on its own.  0, or -1
 * (none: each is allocated on its own). */
int seg_block_stubs(seg_block *b, size_t n);
/* The pages of the first n bytes of b's mapping (seg_block_map's: its segments) copied now, in one
 * call, as taking its segments in place (seg_ready) would copy them one fault at a time: for when most
 * of them are about to be taken.  A block read into memory, or from its file, has nothing to copy. */
void seg_block_prefault(seg_block *b, size_t n);
/* Has a lazy segment of b failed its checks (seg_ready)?  The open that took them builds again. */
int seg_block_failed(const seg_block *b);
/* A segment of b was found not to be one (a stub made on first use: persist.c). */
void seg_block_fail(seg_block *b);
/* The checksum a lazy segment not made usable must be written with (its bytes are the image's,
 * copied as they are: a damaged one stays damaged, and is found so), else 0: compute it. */
uint64_t seg_image_sum(const seg *s);
/* Make s usable (s->res whole): 0, or -1 when a lazy segment's bytes fail their checksum or
 * checks (then seg_block_failed says so).  Safe from several threads at once. */
int seg_ready(const seg *s);
/* The captured pieces of lazy segment s's n entries (an image's, not made usable), into out[0..n): its
 * bytes checked as seg_ready checks them, then each entry's chain read where the image holds it, the
 * pieces copied into a and their texts the image's (s's block holds them).  Resolution reads every
 * file's pieces after a local or a variable was edited: taking each segment in place, which relocates
 * its pointers, copied every page of the image's segments (aws_compliance: 5.8 MB, 1,457 pages, 3.7
 * ms).  0; 1 when s is usable already, not lazy, read from its block's file, or holds other than n
 * entries (seg_ready then); -1 when its bytes fail (its block failed, as seg_ready's) or memory ran
 * out. */
int seg_lazy_caps(const seg *s, ar_arena *a, cap_piece **out, uint32_t n);
/* A usable copy of lazy segment s not yet made usable: its bytes copied to the start of block `into`
 * (seg_block_new's, of at least s->bytes, held by the caller alone: the copy holds it until unref'd),
 * from the image's mapping (a file-backed block's read from its file), checked as seg_ready checks
 * them and taken there, s left as it is.  For a merge that reads each segment once: taken where a
 * mapping holds them, every page of each would be copied on its first write.  NULL when s is usable
 * already (or not lazy, or `into` will not do), or its bytes fail (s's block then failed, as
 * seg_ready's). */
seg *seg_ready_copy(const seg *s, seg_block *into);
/* The bytes b holds (seg_block_new's n). */
size_t seg_block_size(const seg_block *b);
/* p, a pointer into copy (seg_ready_copy's of s), as the same place of s once made usable (seg_ready);
 * any other p as it is. */
const void *seg_copy_moved(const seg *copy, const seg *s, const void *p);
/* Is s a lazy segment not yet made usable? */
int seg_is_lazy(const seg *s);
/* Were s's bytes read whole: made usable, or its entries' pieces read (seg_lazy_caps)? */
int seg_read_whole(const seg *s);

/* Did file f of ws keep every entry its segment holds (none dropped as a
 * duplicate, or with a dropped parent)?  The merge keeps a segment's entries
 * in their order, so two versions' files with the same segment, both whole,
 * hold entries of the same names at the same positions: they pair without
 * comparing names. */
static inline int seg_whole(const lp_workspace *ws, uint32_t f)
{
    const idx_segments *g = &ws->sg;
    seg h;
    if (g->segs && !g->segs[f] && g->lazy_slot && g->lazy_slot[f] != UINT32_MAX)
        return g->lazy_head(g->lazy, g->lazy_slot[f], &h) == 0 &&
               ws->ix.files[f].entry_count == h.res.nentries;
    return g->segs && g->segs[f] && ws->ix.files[f].entry_count == g->segs[f]->res.nentries;
}

/* File f's segment in ws (idx_segments): segs[f], or the image's, made now if it was not (NULL: none,
 * or one that failed its checks when made: seg_block_failed then says so, and the open that needs it
 * builds again). */
static inline seg *idx_seg(const lp_workspace *ws, uint32_t f)
{
    const idx_segments *g = &ws->sg;
    seg *s = g->segs ? g->segs[f] : NULL;
    if (s || !g->lazy_slot || g->lazy_slot[f] == UINT32_MAX) return s;
    return g->lazy_get(g->lazy, g->lazy_slot[f]);
}

/* idx_seg, but only when made already (an image's not yet made: NULL). */
static inline seg *idx_seg_made(const lp_workspace *ws, uint32_t f)
{
    const idx_segments *g = &ws->sg;
    seg *s = g->segs ? g->segs[f] : NULL;
    if (s || !g->lazy_slot || g->lazy_slot[f] == UINT32_MAX) return s;
    return g->lazy_peek(g->lazy, g->lazy_slot[f]);
}

/* seg_block_prefault for the image's segments ws takes lazily, if any: most of them are about to be
 * made usable (the index merged whole, loading run again, most entries evaluated again). */
static inline void idx_segs_prefault(const lp_workspace *ws)
{
    const idx_segments *g = &ws->sg;
    if (g->lazy && g->lazy_prefault) g->lazy_prefault(g->lazy);
}

/* Has file f of ws a segment, made or not? */
static inline int idx_seg_has(const lp_workspace *ws, uint32_t f)
{
    const idx_segments *g = &ws->sg;
    return g->segs && (g->segs[f] || (g->lazy_slot && g->lazy_slot[f] != UINT32_MAX));
}

/* Are file f of a and file g of b the same segment (the same bytes of the same file)?  Two of one
 * image's table not yet made are by their place in it; the rest by identity (made when needed). */
static inline int idx_seg_same(const lp_workspace *a, uint32_t f, const lp_workspace *b, uint32_t g)
{
    if (a->sg.lazy && a->sg.lazy == b->sg.lazy && a->sg.lazy_slot && b->sg.lazy_slot &&
        a->sg.lazy_slot[f] != UINT32_MAX && b->sg.lazy_slot[g] != UINT32_MAX)
        return a->sg.lazy_slot[f] == b->sg.lazy_slot[g];
    const seg *s = idx_seg(a, f);
    return s && s == idx_seg(b, g);
}

/* The files of a version by segment: which file of it holds segment s (a
 * later version's file with the same segment has the same bytes, so its
 * entries pair with that file's by position).  0 or -1 (OOM). */
typedef struct seg_index {
    const seg **key;
    uint32_t *file;
    uint32_t mask;
} seg_index;
int seg_index_build(seg_index *t, const lp_workspace *ws);
uint32_t seg_index_get(const seg_index *t, const seg *s);   /* UINT32_MAX: none */
void seg_index_free(seg_index *t);

#endif
