/* index_check.c — the flat index's invariants, checked whole (index.h).
 *
 * What every reader of the index relies on without checking: string ids
 * inside their block with the length and NUL where the record says, every
 * entry's file, tag, property, child and parent inside its array, each
 * entry's runs ordered, the name table's hash slots pointing at strings
 * whose owner word names an entry, and an empty slot (so that a probe ends).
 * pst_load runs it on a mapped image before anything reads it (a damaged
 * or crafted image must not crash a reader); builds with
 * LP_CHECK_INVARIANTS (the test builds) run it after every lp_open.
 */
#include "base/mem.h"
#include "index/index.h"
#include "index/schema.h"
#include "index/seg.h"

int idx_valid_id(const si_table *in, uint32_t id)
{
    if (!id) return 1;
    uint32_t b = id >> LP_INTERN_SHIFT, off = id & LP_INTERN_OFFSET;
    if (b >= in->nblocks || off < 12 || off % 4) return 0;
    size_t used = si_block_used(in, b);
    if (off > used) return 0;
    uint32_t len;
    memcpy(&len, in->block[b] + off - 8, 4);
    return (size_t)len + 1 <= used - off && in->block[b][off + len] == '\0';
}

/* A bit per 4-byte offset of each block. */
static size_t idmap_words(uint32_t b, const si_table *in)
{
    return si_block_used(in, b) / 256 + 1;
}

size_t idx_idmap_bytes(const si_table *in)
{
    size_t words = 0;
    for (uint32_t b = 0; b < in->nblocks; b++) words += idmap_words(b, in);
    return words * sizeof(uint64_t);
}

int idx_idmap_make(idx_idmap *m, const si_table *in, size_t from)
{
    memset(m, 0, sizeof *m);
    size_t words = 0, heap = 0;
    for (uint32_t b = 0; b < in->nblocks; b++) {
        m->first[b] = words;
        words += idmap_words(b, in);
        heap += si_block_used(in, b);
    }
    m->first[in->nblocks] = words;
    if (heap < from) return 0;
    if (!(m->bits = mem_calloc(words, sizeof *m->bits))) return -1;
    m->nwords = words;
    for (uint32_t b = 0; b < in->nblocks; b++) {
        const char *blk = in->block[b];
        size_t used = si_block_used(in, b), at = b == 0 ? 4 : 0;   /* (block 0: 4 bytes for id 0) */
        uint64_t *bits = m->bits + m->first[b];
        /* [u32 value][u32 length][u32 hash][bytes][NUL], padded to 4: the next record after it */
        while (at < used && used - at > 12 && at + 12 <= LP_INTERN_OFFSET) {
            uint32_t len;
            memcpy(&len, blk + at + 4, 4);
            size_t text = at + 12;
            if (len >= used - text || blk[text + len] != '\0') break;
            bits[text / 256] |= (uint64_t)1 << (text / 4 % 64);
            at = (text + len + 4) & ~(size_t)3;
        }
    }
    return 0;
}

void idx_idmap_free(idx_idmap *m)
{
    mem_free(m->bits, m->nwords * sizeof *m->bits);
    m->bits = NULL;
}

#define CHECK(cond, what)   \
    do {                    \
        if (!(cond)) return (what); \
    } while (0)

static const char *check_strings(const lp_workspace *ws, const idx_idmap *map)
{
    const si_table *S = &ws->strings;
    CHECK(S->nblocks >= 1 && S->nblocks <= LP_INTERN_BLOCKS, "string block count");
    CHECK(si_block_used(S, 0) >= 4, "first string block");
    uint32_t ns = S->nslots, used = 0;
    CHECK(ns >= 2 && (ns & (ns - 1)) == 0, "hash table size");
    for (uint32_t i = 0; i < ns; i++) {
        if (!S->slots[i]) continue;
        uint32_t id = (uint32_t)S->slots[i];
        CHECK(id && idx_id_ok(map, S, id), "a hash slot's string");
        CHECK(si_val(S, id) <= ws->ix.nentries, "a name's entry");
        used++;
    }
    CHECK(used < ns && used == S->count, "hash table load");   /* an empty slot ends every probe */
    return NULL;
}

const char *idx_check(const lp_workspace *ws)
{
    return idx_check_mapped(ws, NULL);
}

const char *idx_check_mapped(const lp_workspace *ws, const idx_idmap *map)
{
    const char *bad = check_strings(ws, map);
    if (bad) return bad;
#ifdef LP_CHECK_INVARIANTS
    bad = sch_check();           /* the table every entry's fields follow (schema.h) */
    if (bad) return bad;
#endif
    const si_table *S = &ws->strings;
    uint32_t n = ws->ix.nentries, nkv = ws->ix.nkv, nadj = ws->ix.nadj, nfiles = ws->ix.nfiles,
             nmods = ws->ix.nmods;
    const idx_entry *e = ws->ix.entries;
    CHECK(!ws->ix.adj16 || n < 0xFFFF, "16-bit ids for too many entries");
    CHECK(!nadj || ws->ix.adj16 || ws->ix.adj32, "no children array");
    CHECK(nmods >= 1, "no main mod");
    for (uint32_t id = 0; id < n; id++) {
        const idx_entry *x = &e[id];
        CHECK(x->name && idx_id_ok(map, S, x->name) && idx_id_ok(map, S, x->title) &&
                  idx_id_ok(map, S, x->description),
              "an entry's strings");
        CHECK(x->kind < LP_KIND__COUNT && x->file < nfiles, "an entry's kind or file");
        uint32_t kv_end = id + 1 < n ? e[id + 1].kv : nkv, adj_end = id + 1 < n ? e[id + 1].adj : nadj;
        CHECK(x->kv <= kv_end && kv_end <= nkv && x->ntags <= kv_end - x->kv, "an entry's tags");
        CHECK(x->adj <= adj_end && adj_end <= nadj && x->nchild <= adj_end - x->adj, "an entry's children");
        for (uint32_t k = x->kv; k < kv_end; k++) {
            const uint32_t *p = ws->ix.kv[k];
            int tag = k < x->kv + x->ntags;
            CHECK(tag ? idx_id_ok(map, S, p[0]) : (p[0] >= IDX_PROP_CATEGORY && p[0] <= IDX_PROP_WIDTH),
                  "a tag or property");
            CHECK((!tag && p[0] == IDX_PROP_WIDTH) || idx_id_ok(map, S, p[1]), "a tag's or property's value");
        }
        for (uint32_t k = x->adj; k < adj_end; k++) {
            uint32_t t = idx_adj(ws, k);
            CHECK(t < n || (t == IDX_ADJ_MISSING && k < x->adj + x->nchild), "a child or parent");
        }
    }
    for (uint32_t i = 0; i < ws->ix.nmissing; i++) {
        const idx_missing *m = &ws->ix.missing[i];
        CHECK(m->slot < nadj && (i == 0 || m[-1].slot < m->slot) && idx_id_ok(map, S, m->name),
              "a missing child");
    }
    for (uint32_t i = 0; i < nfiles; i++) {
        const idx_file *f = &ws->ix.files[i];
        CHECK(idx_id_ok(map, S, f->path) && f->mod < nmods && f->first_entry <= n &&
                  f->entry_count <= n - f->first_entry,
              "a file");
        /* a live version's segment is this file's scan: same path and bytes,
         * and the file's entries came from it (a duplicate may drop some) */
        const seg *sg = ws->sg.segs && i < ws->sg.nsegs ? idx_seg_made(ws, i) : NULL;
        CHECK(!sg || (strcmp(sg->path, idx_str(ws, f->path)) == 0 && sg->hash == f->hash &&
                      sg->size == f->size && sg->status == f->status &&
                      f->entry_count <= sg->res.nentries && atomic_load(&sg->refs) >= 1),
              "a file's segment");
    }
    CHECK(!ws->sg.segs || ws->sg.nsegs == nfiles, "the segments");
    for (uint32_t i = 0; i < nmods; i++) {
        const idx_mod *m = &ws->ix.mods[i];
        CHECK(idx_id_ok(map, S, m->name) && idx_id_ok(map, S, m->full_name) && idx_id_ok(map, S, m->title) &&
                  idx_id_ok(map, S, m->root) && idx_id_ok(map, S, m->path),
              "a mod");
    }
    for (uint32_t i = 0; i < ws->ix.nsnapshots; i++)
        CHECK(idx_id_ok(map, S, ws->ix.snapshots[i].name) && idx_id_ok(map, S, ws->ix.snapshots[i].path),
              "a snapshot");
    for (uint32_t i = 0; i < ws->ix.nreqs; i++) {
        const idx_require *q = &ws->ix.reqs[i];
        CHECK(idx_id_ok(map, S, q->path) && idx_id_ok(map, S, q->version) && idx_id_ok(map, S, q->file) &&
                  q->installed <= 1,
              "a required mod");
    }
    return NULL;
}
