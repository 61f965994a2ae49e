/* persist.c — writing and reopening the index image (see persist.h). */
#include "image/persist.h"
#include "image/cachedir.h"
#include "image/imgout.h"
#include "image/valheap.h"
#include "base/xxh3.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/json.h"
#include "base/mem.h"
#include "base/srcfile.h"
#include "base/thread.h"
#include "index/seg.h"
#include "lazypipe_test.h"
#include "resolve/resolve.h"

#define PST_MAGIC "LPIDX\r\n\x1a"   /* text tools and truncating transfers show themselves */
/* 2: per-file segments (S_SEG_INDEX, S_SEGS); 3: the scope (S_SCOPE); 4: required mods (S_REQUIRES),
 * lp_workspace_stats.updated and stale_string_bytes; 5: the header's own checksum (header_checksum) */
/* 6: idx_mod.aliases; 7: resolution's records (S_RECS, S_DEPS, S_RDKEYS); 8: seg.block (0 in an image);
 * 9: what loading read (S_LOAD, S_LFILES, S_LINPUTS, S_LENV), the variables' descriptions, types,
 * defaults and sources in S_SCOPE; 10: the same layout, made by the resolution that evaluates locals on
 * demand (an image of 9 may hold a local, and the entries that read it, evaluated empty); 11: S_RSTATS
 * (lp_resolve_stats) with the entries evaluated and carried over; 13: a segment's blocks right after
 * its path and mod (seg_make), so that a live workspace takes it from its head (seg_file_stub); 14: every
 * segment's head kept apart too, after them (S_SEG_HEADS), so that a patch's stubs read those alone; 15: the
 * XXH3 of each file's path in its segment's record (pst_segref.path_sum); 16: loading's record names the
 * main mod's variable files (pst_loadhdr.var_names) */
#define PST_VERSION 16u
#define PST_ENDIAN 0x01020304u
#define PST_MAX_SIZE ((uint64_t)1 << 32)

enum {
    S_DIR, S_STATS, S_ENTRIES, S_KV, S_ADJ, S_MISSING, S_FILES, S_MODS, S_SNAPSHOTS, S_REQUIRES,
    S_STR_HEAP, S_STR_BLOCKS, S_STR_SLOTS, S_VAL_HEAP, S_VAL_BLOCKS,
    S_DIAGS, S_INPUTS, S_OVERLAY, S_OVERLAY_KV, S_RDIAGS, S_RINPUTS, S_VARS_JSON, S_VARS_TEXT, S_RSTATS,
    S_RECS, S_DEPS, S_RDKEYS,    /* resolution's records (records(); empty: none kept) */
    S_LOAD, S_LFILES, S_LINPUTS, S_LENV,   /* what loading read (loadrec(); empty: not kept) */
    S_SCOPE,                     /* the evaluation scope (scope_write), empty when it could not be packed */
    S_SEG_INDEX, S_SEGS,         /* read only to patch: each segment by its own checksum */
    S_SEG_HEADS,                 /* last: a copy of each segment's head (seg_image_head), its checksum
                                  * the header's seg_checksum */
    S_COUNT
};

typedef struct pst_section {
    uint64_t off, size;          /* from the file's start */
    uint32_t count, elem;        /* records and their size (1 for bytes) */
} pst_section;

typedef struct pst_header {
    char magic[8];
    uint32_t version, endian, header_size, nsections;
    uint64_t file_size;
    uint64_t checksum;           /* XXH3 of [header_size, sec[S_SEGS].off) */
    uint64_t seg_checksum;       /* XXH3 of S_SEG_HEADS (each segment has its own: S_SEG_INDEX's sum,
                                  * checked by the open that reads it, pst_segs or seg_ready) */
    uint64_t fingerprint;
    uint32_t adj16;              /* children and parents as 16-bit ids */
    uint32_t str_count;          /* distinct strings in the heap */
    uint32_t str_used_last;      /* bytes used in the last block (si_table.used) */
    uint32_t pad;
    int64_t read_at_ns;          /* when the build began reading its inputs (inp_check) */
    /* what a patch needs to take the listing from the image (workspace.c: listing_same) */
    uint32_t ndisc_diags, nsnap_listed, listing_known, pad2;
    uint64_t header_checksum;    /* XXH3 of this header with this field 0: the section table too */
    pst_section sec[S_COUNT];
} pst_header;

/* The sections in the order pst_save writes them: each starts at the end of
 * the one before rounded up to 8 bytes, the first after the header, and the
 * last (S_SEG_HEADS) ends the file, so no two overlap and none has a gap or a
 * size other than its own (check_header). */
static const uint8_t pst_order[S_COUNT] = {
    S_DIR, S_STATS, S_ENTRIES, S_KV, S_ADJ, S_MISSING, S_FILES, S_MODS, S_SNAPSHOTS, S_REQUIRES,
    S_STR_HEAP, S_STR_BLOCKS, S_STR_SLOTS, S_DIAGS, S_INPUTS, S_OVERLAY, S_OVERLAY_KV, S_RDIAGS, S_RINPUTS,
    S_RSTATS, S_VARS_JSON, S_VARS_TEXT, S_SCOPE, S_VAL_HEAP, S_VAL_BLOCKS, S_RECS, S_DEPS, S_RDKEYS,
    S_LOAD, S_LFILES, S_LINPUTS, S_LENV, S_SEG_INDEX, S_SEGS, S_SEG_HEADS,
};

static uint64_t header_sum(const pst_header *h)
{
    pst_header c = *h;
    c.header_checksum = 0;
    return XXH3_64bits(&c, sizeof c);
}

typedef struct pst_block { uint64_t off, size; } pst_block;   /* in the heap section */
/* file f's segment (seg_image_write) in S_SEGS: size 0, none (a live
 * version's build kept it; lp_open with an index cache keeps them too).  sum: XXH3 of its size bytes;
 * its head, a copy of its first head_len bytes, at head_off in S_SEG_HEADS; path_sum: XXH3 of file f's
 * path as the index has it, which the segment's own path must hash to (pst_segs: comparing the two
 * strings read each file's path where the index's strings lie, one cache miss or page fault per file,
 * 1.6 ms of a patch of 8,199 files) */
typedef struct pst_segref {
    uint64_t off, size, sum;
    uint32_t head_off, head_len;
    uint64_t path_sum;
} pst_segref;

typedef struct pst_diag {
    uint32_t severity, line, col, end_line, end_col;
    uint32_t file, summary, detail;   /* ids in the values heap */
} pst_diag;

/* What resolution read for an entry (S_RECS, one per entry): its reads are
 * S_DEPS [first, the next entry's first, or the count for the last), each an
 * rs_dep; evaluated: its record's idx_resolved.evaluated.  S_RDKEYS: per
 * resolution diagnostic (S_RDIAGS), the entry it belongs to + 1 (0:
 * loading's).  So that the first refresh of a live workspace reopened from
 * the image carries over what did not change (pst_records). */
typedef struct pst_rec {
    uint32_t first;
    uint16_t evaluated, pad;
} pst_rec;

typedef struct pst_dep {
    uint32_t name;               /* id in the values heap, 0: none (rs_dep.name NULL) */
    uint32_t mod;
    uint8_t kind, pad;
    uint16_t fields;
} pst_dep;

/* What resolution's loading of variables and locals read (S_LOAD: one pst_loadhdr, or
 * none when it was not recorded; rs_loadrec): the files whose blocks it
 * parsed (S_LFILES, file indices), the inputs it added (S_LINPUTS), the
 * environment's names it read (S_LENV, ids in the values heap) and a hash of
 * what it found there, the main mod's variable files' names, and whether a
 * local read a resource.  So that the first refresh of a live workspace
 * reopened from the image shares the image's scope when none of that changed
 * (pst_loadrec). */
typedef struct pst_loadhdr {
    uint64_t env_hash;
    uint64_t var_names;          /* rs_loadrec.var_names */
    uint32_t read_res, pad;
} pst_loadhdr;

typedef struct pst_input {
    uint32_t kind;
    int32_t err;
    uint64_t size;
    int64_t mtime_ns;
    uint64_t dev, ino, hash;
    uint32_t path;               /* id in the values heap */
    uint32_t ctime;              /* inp_rec.ctime (0 in images before it: not compared) */
} pst_input;

/* A live workspace's private copy of its image (image_copy), mapped: freed with the last of the
 * workspace reopened from it and the refreshed versions whose records refer into it (rs_vstore.hold). */
typedef struct pst_hold {
    _Atomic uint32_t refs;
    void *map;
    size_t size;
} pst_hold;

static pst_hold *hold_new(void *map, size_t size)
{
    pst_hold *h = mem_malloc(sizeof *h);
    if (!h) return NULL;
    atomic_init(&h->refs, 1);
    h->map = map;
    h->size = size;
    return h;
}

static void hold_ref(void *h)
{
    atomic_fetch_add_explicit(&((pst_hold *)h)->refs, 1, memory_order_relaxed);
}

static void hold_unref(void *h)
{
    pst_hold *x = h;
    if (atomic_fetch_sub_explicit(&x->refs, 1, memory_order_acq_rel) != 1) return;
    munmap(x->map, x->size ? x->size : 1);
    mem_free(x, sizeof *x);
}

struct pst_image {
    void *map;                   /* the image up to its segments: read into memory of ours, or mapped */
    size_t size;
    pst_hold *hold;              /* map is image_copy's or a stale image's, reference-counted: NULL
                                  * otherwise */
    int fd;                      /* the image file, open: pst_segs reads the segments from it */
    uint64_t file_dev, file_ino, file_size;   /* which file it was (pst_image_file) */
    uint64_t segs_off;
    const pst_segref *segref;    /* S_SEG_INDEX (checked at load), nsegref of them */
    uint32_t nsegref;
    uint64_t segs_size;          /* S_SEGS at segs_off, each segment checked by pst_segs only */
    uint64_t heads_off, heads_size, heads_sum;   /* S_SEG_HEADS, after S_SEGS, and its checksum */
    int own_segs; /* idx_segments_of(ws)->segs is pst_segs' array (lp_close unrefs its segments) */
    int copied;                  /* map is image_copy's (a live workspace's) */
    uint8_t *changed;            /* a stale image's: per input, changed_input's states */
    size_t nchanged;
    /* a reopen's inputs touched since the image, as they are now (restat_touched), nrestat of them,
     * and the files' records with theirs (nfiles of them), served instead of S_FILES; NULL: none */
    struct pst_restat *restat;
    uint32_t nrestat, restat_cap, nfiles;
    idx_file *files_copy;
    const char *scope;           /* S_SCOPE, scope_size bytes, checked by pst_scope only */
    size_t scope_size;
    /* the inputs besides the files (S_INPUTS after the files', then S_RINPUTS), read one at a
     * time (pst_input_get): no array of them is made at the open */
    const pst_input *inputs, *rinputs;
    uint32_t ninputs, nrinputs;
    /* resolution's records (pst_records reads and checks them; none: nrecs 0) */
    const pst_rec *recs;
    const pst_dep *deps;
    const uint32_t *rdkeys;
    uint32_t nrecs, ndeps, nrdkeys;
    /* what loading read (pst_loadrec reads and checks it; none: load NULL) */
    const pst_loadhdr *load;
    const uint32_t *lfiles, *lenv;
    const pst_input *linputs;
    uint32_t nlfiles, nlinputs, nlenv;
};

static void say(char *why, size_t n, const char *fmt, const char *arg)
{
    if (why && n) snprintf(why, n, fmt, arg);
}

/* ------------------------------------------------------------ identity */

extern char **environ;

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

uint64_t pst_fingerprint(const char *dir, const lp_workspace_opts *o)
{
    XXH3_state_t st;
    XXH3_64bits_reset(&st);
    uint32_t v = PST_VERSION;
    XXH3_64bits_update(&st, &v, sizeof v);
    XXH3_64bits_update(&st, dir, strlen(dir) + 1);
    for (size_t i = 0; o && i < o->nvars; i++) XXH3_64bits_update(&st, o->vars[i], strlen(o->vars[i]) + 1);
    XXH3_64bits_update(&st, "\n", 1);
    for (size_t i = 0; o && i < o->nvar_files; i++)
        XXH3_64bits_update(&st, o->var_files[i], strlen(o->var_files[i]) + 1);
    XXH3_64bits_update(&st, "\n", 1);
    /* PP_VAR_* in a fixed order: the environment's order is the parent's */
    size_t n = 0;
    for (char **e = environ; e && *e; e++) n += strncmp(*e, "PP_VAR_", 7) == 0;
    const char **env = n ? malloc(n * sizeof *env) : NULL;
    if (n && !env) return 0;   /* matches no image: rebuild */
    size_t k = 0;
    for (char **e = environ; e && *e && k < n; e++)
        if (strncmp(*e, "PP_VAR_", 7) == 0) env[k++] = *e;
    if (k > 1) qsort(env, k, sizeof *env, cmp_cstr);
    for (size_t i = 0; i < k; i++) XXH3_64bits_update(&st, env[i], strlen(env[i]) + 1);
    free(env);
    uint64_t h = XXH3_64bits_digest(&st);
    return h ? h : 1;
}

int pst_cache_path(const char *cache_dir, const char *dir, uint64_t fingerprint, char *out, size_t size)
{
    char real[PATH_MAX];
    if (!realpath(dir, real)) return -1;
    uint64_t h = XXH3_64bits(real, strlen(real)) ^ fingerprint;
    int k = snprintf(out, size, "%s/%016llx.lpidx", cache_dir, (unsigned long long)h);
    return k < 0 || (size_t)k >= size ? -1 : 0;
}

/* ------------------------------------------------------------ writing */

/* A section's bytes as pst_save emits them: count records of elem bytes at
 * p, or an intern heap's used bytes block after block (heap, with its block
 * table blocks).  owned: p was made for the image, owned_size bytes, freed
 * once the image is written. */
typedef struct sec_src {
    const void *p;
    const si_table *heap;
    const pst_block *blocks;
    void *owned;
    size_t owned_size;
} sec_src;

/* The image before it is emitted: every section's source and, once laid
 * out (layout), its place in the header's table.  The sections are made
 * (their records of value ids) before the rest is written, the values' heap
 * written to the file as they are (valheap.h), so that every offset is known
 * first and the segments, the file's tail, can be written as they are made
 * while the other sections are. */
typedef struct writer {
    pst_header h;
    sec_src src[S_COUNT];
    pst_block str_blocks[LP_INTERN_BLOCKS], val_blocks[LP_INTERN_BLOCKS];
    vh_heap vals;
    int vals_err;                /* vh_finish's */
    int bad;
} writer;

/* Section s: count records of elem bytes at p (owned: p is the writer's to
 * free, owned_size bytes). */
static void section(writer *w, int s, const void *p, size_t elem, size_t count, void *owned,
                    size_t owned_size)
{
    w->h.sec[s].size = (uint64_t)elem * count;
    w->h.sec[s].elem = (uint32_t)elem;
    w->h.sec[s].count = (uint32_t)count;
    if (count > UINT32_MAX) w->bad = 1;
    w->src[s] = (sec_src){ .p = p, .owned = owned, .owned_size = owned_size };
}

static uint32_t val(writer *w, const char *s)
{
    if (!s || !*s) return 0;
    uint32_t id = vh_add(&w->vals, s, strlen(s));
    if (id == LP_INTERN_OOM) w->bad = 1;
    return id == LP_INTERN_OOM ? 0 : id;
}

/* An intern heap's used bytes, block after block, each 8-aligned, and the
 * block table bl (offsets from the heap's start, which is 8-aligned). */
static void heap(writer *w, const si_table *in, int heap_sec, int blocks_sec, pst_block *bl)
{
    uint64_t at = 0;
    for (uint32_t b = 0; b < in->nblocks; b++) {
        at = (at + 7) & ~(uint64_t)7;
        bl[b] = (pst_block){ at, si_block_used(in, b) };
        at += bl[b].size;
    }
    w->h.sec[heap_sec].size = at;
    w->h.sec[heap_sec].elem = 1;
    w->h.sec[heap_sec].count = (uint32_t)at;
    w->src[heap_sec] = (sec_src){ .heap = in, .blocks = bl };
    section(w, blocks_sec, bl, sizeof *bl, in->nblocks, NULL, 0);
}

static void diags(writer *w, int s, const lp_diag *d, uint32_t n)
{
    pst_diag *v = mem_calloc((size_t)n + 1, sizeof *v);
    if (!v) {
        w->bad = 1;
        return;
    }
    for (uint32_t i = 0; i < n; i++)
        v[i] = (pst_diag){ (uint32_t)d[i].severity, d[i].line, d[i].col, d[i].end_line, d[i].end_col,
                           val(w, d[i].file), val(w, d[i].summary), val(w, d[i].detail) };
    section(w, s, v, sizeof *v, n, v, ((size_t)n + 1) * sizeof *v);
}

static void inputs(writer *w, int s, const inp_rec *r, uint32_t n, const lp_workspace *ws, int files)
{
    uint32_t total = n + (files ? idx_tab(ws)->nfiles : 0);
    pst_input *v = mem_calloc((size_t)total + 1, sizeof *v);
    if (!v) {
        w->bad = 1;
        return;
    }
    uint32_t k = 0;
    for (uint32_t f = 0; files && f < idx_tab(ws)->nfiles; f++, k++) {
        const idx_file *x = &idx_tab(ws)->files[f];
        v[k] = (pst_input){ LP_INPUT_SOURCE, x->err, x->size, x->mtime_ns, x->dev, x->ino, x->hash,
                            val(w, idx_str(ws, x->path)), x->ctime };
    }
    for (uint32_t i = 0; i < n; i++, k++)
        v[k] = (pst_input){ r[i].kind, r[i].err, r[i].size, r[i].mtime_ns, r[i].dev, r[i].ino, r[i].hash,
                            val(w, r[i].path), r[i].ctime };
    section(w, s, v, sizeof *v, total, v, ((size_t)total + 1) * sizeof *v);
}

/* Is entry id of ws (not reopened: written) served from an image's overlay row it carried over
 * (idx_image_part.overlay_own: a version patched from a stale image)?  Written as a record's. */
static int in_overlay(const lp_workspace *ws, uint32_t id)
{
    const idx_overlay *o = idx_image_part_of(ws)->overlay_own;
    return o && o[id].present;
}

/* The tags S_OVERLAY_KV holds: every resolved entry's. */
static uint32_t overlay_tags(const lp_workspace *ws)
{
    uint32_t ntags = 0;
    for (uint32_t id = 0; id < idx_tab(ws)->nentries; id++) {
        const idx_resolved *r =
            atomic_load_explicit(&idx_tab(ws)->entries[id].resolved, memory_order_acquire);
        if (r) ntags += (r->evaluated & LP_UNRES_TAGS) ? r->ntags : idx_tab(ws)->entries[id].ntags;
        else if (in_overlay(ws, id)) ntags += idx_image_part_of(ws)->overlay[id].ntags;
    }
    return ntags;
}

static void overlay(writer *w, const lp_workspace *ws, uint32_t ntags)
{
    uint32_t n = idx_tab(ws)->nentries;
    idx_overlay *o = mem_calloc((size_t)n + 1, sizeof *o);
    uint32_t(*kv)[2] = mem_calloc((size_t)ntags + 1, sizeof *kv);
    if (!o || !kv) {
        w->bad = 1;
        mem_free(o, ((size_t)n + 1) * sizeof *o);
        mem_free(kv, ((size_t)ntags + 1) * sizeof *kv);
        return;
    }
    uint32_t k = 0;
    for (uint32_t id = 0; id < n; id++) {
        const idx_resolved *r =
            atomic_load_explicit(&idx_tab(ws)->entries[id].resolved, memory_order_acquire);
        if (!r && !in_overlay(ws, id)) continue;
        idx_view v;   /* a record holds only what evaluation gave: the view has every field */
        idx_view_make(ws, id, r, &v);
        o[id] = (idx_overlay){ 1, r ? r->unresolved : v.unresolved, val(w, v.title), val(w, v.description),
                               val(w, v.category), val(w, v.documentation), val(w, v.display),
                               val(w, v.sql), k, v.tags.n,
                               (uint8_t)(v.has_tags != 0), (uint8_t)(v.has_width != 0),
                               (uint8_t)(v.detection != 0), 0, v.width };
        for (uint32_t t = 0; t < v.tags.n && k < ntags; t++, k++) {
            const char *key, *value;
            lp_tags_at(&v.tags, t, &key, &value);
            kv[k][0] = val(w, key);
            kv[k][1] = val(w, value);
        }
    }
    section(w, S_OVERLAY, o, sizeof *o, n, o, ((size_t)n + 1) * sizeof *o);
    section(w, S_OVERLAY_KV, kv, sizeof *kv, ntags, kv, ((size_t)ntags + 1) * sizeof *kv);
}

/* Every mod's variables and locals with their values, as loads evaluate
 * with them (pst_scope reads it back): u32 mods; per mod u32 variables,
 * each u32 name length, name, packed value (lpv_pack), u8 has a default,
 * u8 its value's source (RS_SRC_*), description and type as written (each
 * u32 length and bytes), the packed default when it has one; u32 locals,
 * each u32 name length, name, u8 evaluated ok, packed value.  Names in the
 * resolver's sorted order.  Empty (a load then resolves a twin) when a
 * value nests too deep to pack. */
static void put32(lp_buf *b, uint32_t x) { lp_buf_put(b, (const char *)&x, sizeof x); }

static void put_text(lp_buf *b, const char *s)
{
    uint32_t n = s ? (uint32_t)strlen(s) : 0;
    put32(b, n);
    lp_buf_put(b, s ? s : "", n);
}

static void scope_pack(writer *w, const struct rs_ctx *c, lp_buf *out)
{
    lp_buf b = { 0 };
    int bad = 0;
    put32(&b, c->nmods);
    for (uint32_t m = 0; m < c->nmods && !bad; m++) {
        const rs_mod *md = &c->mods[m];
        put32(&b, md->nvars);
        for (uint32_t i = 0; i < md->nvars && !bad; i++) {
            uint32_t nl = (uint32_t)strlen(md->vars[i].name);
            put32(&b, nl);
            lp_buf_put(&b, md->vars[i].name, nl);
            bad = lpv_pack(&b, md->vars[i].val, 0) != 0;
            int def = md->vars[i].has_default && md->vars[i].def.kind != LPV_UNKNOWN;
            lp_buf_putc(&b, (char)def);
            lp_buf_putc(&b, (char)md->vars[i].source);
            put_text(&b, md->vars[i].description);
            put_text(&b, md->vars[i].type_text);
            if (def && !bad) bad = lpv_pack(&b, md->vars[i].def, 0) != 0;
        }
        put32(&b, md->nlocals);
        for (uint32_t i = 0; i < md->nlocals && !bad; i++) {
            const rs_local *l = &md->locals[i];
            int ok = l->state == RS_LOCAL_DONE && l->ok;
            put32(&b, l->nlen);
            lp_buf_put(&b, l->name, l->nlen);
            lp_buf_putc(&b, (char)(ok ? 1 : l->failed ? 2 : 0));   /* 2: failed (rs_local.failed) */
            bad = lpv_pack(&b, ok ? l->val : lpv_unknown(), 0) != 0;
        }
    }
    if (b.oom) w->bad = 1;
    if (bad || b.oom) b.len = 0;
    *out = b;
}

/* Does c hold what records() writes: every entry's reads, whole (a
 * context that ran out of memory or cut its diagnostics keeps none)? */
static int has_records(const struct rs_ctx *c)
{
    return c->deps && c->depkinds && !c->reads_partial && !c->oom && (c->dkeys || !c->ndiags) &&
           c->ndiags < RS_MAX_DIAGS;
}

/* Resolution's records (pst_rec, pst_dep, the diagnostics' keys) of every
 * entry, read by the first refresh of a live workspace reopened from the
 * image (pst_records); none when c has no whole record.  Made with the other
 * sections of value ids (the reads' names go into the values' heap), placed
 * after the heap (pst_order): next to the segments' index, which only a
 * patch reads, so that the pages an idle server reads again around the heap
 * stay what they were (placed before the heap, they cost it 56 KB more of
 * the image resident: the kernel maps a fault's neighbouring pages too). */
static void records(writer *w, const lp_workspace *ws, const struct rs_ctx *c)
{
    uint32_t n = has_records(c) ? idx_tab(ws)->nentries : 0;
    size_t nd = 0;
    for (uint32_t id = 0; id < n; id++)
        for (const rs_dep *d = c->deps[id]; d; d = d->next) nd++;
    pst_rec *rv = mem_calloc((size_t)n + 1, sizeof *rv);
    pst_dep *dv = nd < UINT32_MAX ? mem_calloc(nd + 1, sizeof *dv) : NULL;
    if (!rv || !dv) {
        w->bad = 1;
        mem_free(rv, rv ? ((size_t)n + 1) * sizeof *rv : 0);
        mem_free(dv, dv ? (nd + 1) * sizeof *dv : 0);
        return;
    }
    uint32_t k = 0;
    for (uint32_t id = 0; id < n; id++) {
        const idx_resolved *r =
            atomic_load_explicit(&idx_tab(ws)->entries[id].resolved, memory_order_acquire);
        uint16_t ev = r ? (uint16_t)r->evaluated
                      : in_overlay(ws, id) ? idx_image_part_of(ws)->overlay_evaluated[id] : 0;
        rv[id] = (pst_rec){ k, ev, 0 };
        for (const rs_dep *d = c->deps[id]; d; d = d->next, k++)
            dv[k] = (pst_dep){ d->name ? val(w, d->name) : 0, d->mod, d->kind, 0, d->fields };
    }
    section(w, S_RECS, rv, sizeof *rv, n, rv, ((size_t)n + 1) * sizeof *rv);
    section(w, S_DEPS, dv, sizeof *dv, nd, dv, (nd + 1) * sizeof *dv);
    section(w, S_RDKEYS, c->dkeys, sizeof *c->dkeys, n ? c->ndiags : 0, NULL, 0);
}

/* What loading read (pst_loadhdr and its lists, rs_loadrec), for the first
 * refresh of a live workspace reopened from the image (pst_loadrec): none
 * when c did not record it, or keeps no records (whose diagnostics' keys
 * say which diagnostics are loading's).  Beside the records: read only then. */
static void loadrec(writer *w, const lp_workspace *ws, const struct rs_ctx *c)
{
    const rs_loadrec *l = has_records(c) ? c->load : NULL;
    uint32_t nenv = l ? l->nenv : 0;
    pst_loadhdr *ld = l ? mem_calloc(1, sizeof *ld) : NULL;
    uint32_t *env = l ? mem_calloc((size_t)nenv + 1, sizeof *env) : NULL;
    if (l && (!ld || !env)) {
        w->bad = 1;
        mem_free(ld, ld ? sizeof *ld : 0);
        mem_free(env, env ? ((size_t)nenv + 1) * sizeof *env : 0);
        return;
    }
    if (ld) *ld = (pst_loadhdr){ l->env_hash, l->var_names, l->read_res != 0, 0 };
    for (uint32_t i = 0; i < nenv; i++) env[i] = val(w, l->env[i]);
    section(w, S_LOAD, ld, sizeof(pst_loadhdr), l ? 1 : 0, ld, ld ? sizeof *ld : 0);
    section(w, S_LFILES, l ? l->files : NULL, sizeof(uint32_t), l ? l->nfiles : 0, NULL, 0);
    inputs(w, S_LINPUTS, l ? l->inputs : NULL, l ? l->ninputs : 0, ws, 0);
    section(w, S_LENV, env, sizeof(uint32_t), nenv, env, env ? ((size_t)nenv + 1) * sizeof *env : 0);
}

/* Every section before the segments' index, in pst_order, each at its
 * offset (layout). */
static void emit_body(out_stream *o, const writer *w, const lp_workspace *ws)
{
    for (int i = 0; i < S_COUNT && pst_order[i] != S_SEG_INDEX; i++) {
        int s = pst_order[i];
        const sec_src *src = &w->src[s];
        out_pad(o, w->h.sec[s].off);
        if (s == S_ENTRIES) {   /* entries as built; the resolved pointers are process state: NULL */
            for (uint32_t id = 0; id < idx_tab(ws)->nentries; id++) {
                idx_entry e;
                memcpy(&e, &idx_tab(ws)->entries[id], sizeof e);
                atomic_init(&e.resolved, NULL);
                out_put(o, &e, sizeof e);
            }
        } else if (s == S_VAL_HEAP) {   /* in the file already (valheap.h): hashed from there */
            out_hash_back(o, w->h.sec[s].size);
        } else if (src->heap) {
            for (uint32_t b = 0; b < src->heap->nblocks; b++) {
                out_pad(o, w->h.sec[s].off + src->blocks[b].off);
                out_put(o, src->heap->block[b], src->blocks[b].size);
            }
        } else if (w->h.sec[s].size) {
            out_put(o, src->p, w->h.sec[s].size);
        }
    }
}

/* The segments, S_SEGS, written in file order as they come (seg_put: the
 * late job's, or the build's kept ones), into their own stream beside the
 * other sections', with the index of where each lies. */
typedef struct seg_out {
    idx_seg_sink sink;           /* first: seg_put gets it back */
    out_stream o;
    pst_segref *ix;              /* per file, S_SEG_INDEX's records */
    uint32_t n;
    uint64_t base;               /* S_SEGS's offset */
    int owned;                   /* the segments come with a reference each (the late job's) */
    const lp_workspace *ws;      /* whose files' paths the records' path_sum hash */
    lp_buf heads;                /* S_SEG_HEADS, made as the segments are written */
} seg_out;

/* Segment f's head (its first n bytes, at p) into the heads, where its index record says. */
static void put_head(seg_out *so, uint32_t f, const char *p, size_t n)
{
    static const char zeros[8];
    so->ix[f].head_off = (uint32_t)so->heads.len;
    so->ix[f].head_len = (uint32_t)n;
    lp_buf_put(&so->heads, p, n);
    lp_buf_put(&so->heads, zeros, (8 - n % 8) % 8);
}

static void seg_put(idx_seg_sink *sink, uint32_t f, seg *sg)
{
    seg_out *so = (seg_out *)(void *)sink;
    if (sg && f < so->n) {
        /* (an image's segment no open read: its bytes as they are, through the mapping; copied from
         * file to file by the kernel instead, copy_file_range, the writer took as long) */
        size_t len = (sg->bytes + 7u) & ~(size_t)7u;
        const char *path = idx_str(so->ws, idx_tab(so->ws)->files[f].path);
        so->ix[f] = (pst_segref){ out_pos(&so->o) - so->base, sg->bytes, seg_image_sum(sg), 0, 0,
                                  xxh3_64(path, strlen(path)) };
        char *p = out_room(&so->o, len), *big = p || so->o.err ? NULL : mem_malloc(len);
        if (p || big) {
            char *d = p ? p : big;
            memset(d + sg->bytes, 0, len - sg->bytes);
            if (seg_image_write(sg, d) != 0 && !so->o.err) so->o.err = EIO;
            if (!so->ix[f].sum) so->ix[f].sum = xxh3_64(d, sg->bytes);
            put_head(so, f, d, seg_image_head(d, sg->bytes));
            if (p) so->o.len += len;
            else out_put(&so->o, big, len);
        } else if (!so->o.err) {
            so->o.err = ENOMEM;
        }
        mem_free(big, big ? len : 0);
    }
    if (!so->owned) return;
    mem_foreign_begin();   /* (a late segment made on another thread than this one: its pages go now) */
    seg_unref(sg);
    mem_foreign_end();
}

/* Every section's place: each at the end of the one before rounded up to 8,
 * in pst_order, the first after the header; S_SEGS's size is known once its
 * segments are written. */
static void layout(writer *w)
{
    uint64_t at = sizeof w->h;
    for (int i = 0; i < S_COUNT; i++) {
        pst_section *x = &w->h.sec[pst_order[i]];
        at = (at + 7) & ~(uint64_t)7;
        x->off = at;
        at += x->size;
    }
}

/* The values' heap done: its size and block table (S_VAL_HEAP, S_VAL_BLOCKS). */
static void val_heap_end(writer *w)
{
    uint64_t size = 0;
    w->vals_err = vh_finish(&w->vals, &size);
    if (w->vals_err) w->bad = 1;
    for (uint32_t b = 0; b < w->vals.nblocks; b++)
        w->val_blocks[b] = (pst_block){ w->vals.bstart[b], w->vals.bused[b] };
    w->h.sec[S_VAL_HEAP] = (pst_section){ 0, size, (uint32_t)size, 1 };
    section(w, S_VAL_BLOCKS, w->val_blocks, sizeof(pst_block), w->vals.nblocks, NULL, 0);
}

/* The sections of ws and c but the segments (theirs: seg_out), made, and laid out; the values'
 * heap written to fd as it is made, at its place after the sections before it, whose sizes are
 * known first: the records of value ids before it are counted before a value is added. */
static void make_sections(writer *w, const lp_workspace *ws, const struct rs_ctx *c, const lp_buf *vj,
                          const lp_buf *vt, const lp_buf *sc, const lp_resolve_stats *rs, int fd,
                          uint64_t limit)
{
    const si_table *in = idx_strings(ws);
    const idx_tables *t = idx_tab(ws);
    section(w, S_DIR, idx_dir(ws), 1, strlen(idx_dir(ws)) + 1, NULL, 0);
    section(w, S_STATS, idx_stats(ws), sizeof(lp_workspace_stats), 1, NULL, 0);
    section(w, S_ENTRIES, t->entries, sizeof *t->entries, t->nentries, NULL, 0);
    section(w, S_KV, t->kv, sizeof *t->kv, t->nkv, NULL, 0);
    if (t->adj16) section(w, S_ADJ, t->adj16, sizeof *t->adj16, t->nadj, NULL, 0);
    else section(w, S_ADJ, t->adj32, sizeof *t->adj32, t->nadj, NULL, 0);
    section(w, S_MISSING, t->missing, sizeof *t->missing, t->nmissing, NULL, 0);
    section(w, S_FILES, t->files, sizeof *t->files, t->nfiles, NULL, 0);
    section(w, S_MODS, t->mods, sizeof *t->mods, t->nmods, NULL, 0);
    section(w, S_SNAPSHOTS, t->snapshots, sizeof *t->snapshots, t->nsnapshots, NULL, 0);
    section(w, S_REQUIRES, t->reqs, sizeof *t->reqs, t->nreqs, NULL, 0);
    heap(w, in, S_STR_HEAP, S_STR_BLOCKS, w->str_blocks);
    section(w, S_STR_SLOTS, in->slots, sizeof *in->slots, in->nslots, NULL, 0);
    section(w, S_RSTATS, rs, sizeof *rs, 1, NULL, 0);
    section(w, S_VARS_JSON, vj->data, 1, vj->len, NULL, 0);
    section(w, S_VARS_TEXT, vt->data, 1, vt->len, NULL, 0);
    if (vj->oom || vt->oom) w->bad = 1;
    section(w, S_SCOPE, sc->data, 1, sc->len, NULL, 0);
    uint32_t ntags = overlay_tags(ws);
    section(w, S_DIAGS, NULL, sizeof(pst_diag), t->ndiags, NULL, 0);
    section(w, S_INPUTS, NULL, sizeof(pst_input), (size_t)t->inputs.n + t->nfiles, NULL, 0);
    section(w, S_OVERLAY, NULL, sizeof(idx_overlay), t->nentries, NULL, 0);
    section(w, S_OVERLAY_KV, NULL, 2 * sizeof(uint32_t), ntags, NULL, 0);
    section(w, S_RDIAGS, NULL, sizeof(pst_diag), c->ndiags, NULL, 0);
    section(w, S_RINPUTS, NULL, sizeof(pst_input), c->inputs.n, NULL, 0);
    layout(w);   /* every section before the values' heap has its place: the heap's is known */
    uint64_t heap_at = w->h.sec[S_VAL_HEAP].off;
    /* (about two values an entry, and an input's path: aws_compliance 9,933 for 4,158 and 1,163) */
    uint64_t expect = 2 * (uint64_t)t->nentries + t->inputs.n + t->nfiles;
    if (vh_init(&w->vals, fd, heap_at, limit, expect < UINT32_MAX ? (uint32_t)expect : UINT32_MAX) != 0)
        w->bad = 1;
    /* the values' ids in the order the heap gives them (an image is the same bytes for the same
     * workspace) */
    diags(w, S_DIAGS, t->diags, t->ndiags);
    inputs(w, S_INPUTS, t->inputs.v, t->inputs.n, ws, 1);
    overlay(w, ws, ntags);
    diags(w, S_RDIAGS, c->diags, c->ndiags);
    inputs(w, S_RINPUTS, c->inputs.v, c->inputs.n, ws, 0);
    records(w, ws, c);
    loadrec(w, ws, c);
    val_heap_end(w);   /* every value is in it now */
    uint32_t n = idx_segments_of(ws)->segs ? t->nfiles : 0;
    section(w, S_SEG_INDEX, NULL, sizeof(pst_segref), n, NULL, 0);
    w->h.sec[S_SEGS] = (pst_section){ 0, 0, 0, 1 };
    w->h.sec[S_SEG_HEADS] = (pst_section){ 0, 0, 0, 1 };
    layout(w);
    if (w->h.sec[S_VAL_HEAP].off != heap_at) w->bad = 1;   /* (the sizes counted first were not) */
}

/* The header's fields but the sizes and checksums. */
static void header_fill(pst_header *h, const lp_workspace *ws, uint64_t fingerprint)
{
    memcpy(h->magic, PST_MAGIC, 8);
    h->version = PST_VERSION;
    h->endian = PST_ENDIAN;
    h->header_size = sizeof *h;
    h->nsections = S_COUNT;
    h->fingerprint = fingerprint;
    h->adj16 = idx_tab(ws)->adj16 != NULL;
    h->str_count = idx_strings(ws)->count;
    h->str_used_last = (uint32_t)idx_strings(ws)->used;
    h->read_at_ns = idx_tab(ws)->read_at_ns;
    h->ndisc_diags = idx_segments_of(ws)->ndisc_diags;
    h->nsnap_listed = idx_segments_of(ws)->nsnap_listed;
    h->listing_known = idx_segments_of(ws)->listing_known != 0;
}

/* The segments to so, in file order: the late job's as it makes them (from
 * when so is attached, on its threads too, until late_wait returns), or the
 * ones the build kept. */
static void write_segments(seg_out *so, const lp_workspace *ws, int late)
{
    if (late) {
        idx_segments_of(ws)->late_wait(ws);
        return;
    }
    for (uint32_t f = 0; f < so->n; f++) seg_put(&so->sink, f, idx_seg(ws, f));   /* (made now) */
}

/* What make_sections and emit_body made for the image, freed once written (before the segments,
 * which the late job may still be making). */
static void sections_free(writer *w, lp_buf *vj, lp_buf *vt, lp_buf *sc)
{
    for (int s = 0; s < S_COUNT; s++) {
        mem_free(w->src[s].owned, w->src[s].owned_size);
        w->src[s].owned = NULL;
    }
    lp_buf_free(vj);
    lp_buf_free(vt);
    lp_buf_free(sc);
    vh_free(&w->vals);
}

/* Why the image was not written, for err, the errno of the first failure (EFBIG: the file size
 * limit or PST_MAX_SIZE, limit the lower of them, fsz_low: the file size limit's). */
static void say_failed(char *why, size_t wsize, int err, int fsz_low, uint64_t limit)
{
    if (err == EFBIG && fsz_low) {
        char size[32];
        snprintf(size, sizeof size, "over %llu bytes", (unsigned long long)limit);
        say(why, wsize, "the image (%s) is over the file size limit (RLIMIT_FSIZE): not written", size);
    } else if (err == EFBIG || err == ENOMEM) {
        say(why, wsize, "out of memory or too large%s", "");
    } else {
        say(why, wsize, "cannot write the image: %s", strerror(err));
    }
}

int pst_save(const lp_workspace *ws, const struct rs_ctx *c, const char *path, uint64_t fingerprint,
             char *why, size_t wsize)
{
    /* A file size limit (RLIMIT_FSIZE) below the image's size must cost the
     * image, not the process: the write past it would raise SIGXFSZ, which
     * the kernel sends to the whole process (blocking it on this thread does
     * not help: another thread takes it and the default action ends the
     * process), and a library must not change the process's signal handling.
     * No write passes it (out_write). */
    uint64_t limit = PST_MAX_SIZE;
    struct rlimit fsz;
    int fsz_low = getrlimit(RLIMIT_FSIZE, &fsz) == 0 && fsz.rlim_cur != RLIM_INFINITY && fsz.rlim_cur < limit;
    if (fsz_low) limit = fsz.rlim_cur;
    /* a temporary file beside the image, renamed over it (lp_atomic_file): a reader maps
     * either the old inode or the new one, whole.  No fsync: an image is a cache checked whole
     * before use, so one a crash left torn is a rebuild, and syncing 11 MB cost a first open of
     * aws_compliance 3-10 ms.  Private, as the workspace it holds may be.  Made before the
     * sections: the values' heap goes to it as it is made. */
    lp_atomic_file *af;
    if (lp_atomic_file_open(path, LP_ATOMIC_NO_SYNC | LP_ATOMIC_PRIVATE, &af, NULL) != LP_OK) {
        say(why, wsize, "cannot create the image: %s", strerror(errno));
        return -1;
    }
    int fd = lp_atomic_file_fd(af);
    writer w;
    memset(&w, 0, sizeof w);
    lp_buf vj = { 0 }, vt = { 0 }, sc = { 0 };
    rs_variables_write(c, 1, &vj);
    rs_variables_write(c, 0, &vt);
    scope_pack(&w, c, &sc);
    lp_resolve_stats rs;
    rs_stats_of(c, &rs);
    int late = idx_segments_of(ws)->late_stream != NULL;
    make_sections(&w, ws, c, &vj, &vt, &sc, &rs, fd, limit);
    pst_header *h = &w.h;
    uint64_t body_end = h->sec[S_SEGS].off;
    if (w.bad || body_end > limit) {
        int err = w.vals_err ? w.vals_err : body_end > limit ? EFBIG : ENOMEM;
        sections_free(&w, &vj, &vt, &sc);
        lp_atomic_file_abort(af);
        say_failed(why, wsize, err, fsz_low, limit);
        return -1;
    }
    seg_out so = { .sink = { seg_put }, .n = h->sec[S_SEG_INDEX].count, .base = body_end, .owned = late,
                   .ws = ws };
    out_init(&so.o, fd, body_end, limit, 0);   /* (each segment's checksum: seg_put) */
    uint32_t nix = so.n;
    if (!(so.ix = mem_calloc((size_t)nix + 1, sizeof *so.ix))) {
        so.o.err = ENOMEM;
        so.n = 0;   /* (seg_put records nothing) */
    }
    /* from here the late job writes the segments as it makes them, beside the other sections */
    if (late) idx_segments_of(ws)->late_stream(ws, &so.sink);
    out_stream body;
    out_init(&body, fd, sizeof *h, limit, 1);
    emit_body(&body, &w, ws);
    out_pad(&body, h->sec[S_SEG_INDEX].off);
    out_flush(&body);
    sections_free(&w, &vj, &vt, &sc);
    write_segments(&so, ws, late);   /* every segment written (or failed) after it */
    /* the segments' index, known now: the last of the body and its checksum */
    uint64_t at = out_pos(&so.o) - body_end;   /* (each segment padded to 8) */
    if (so.heads.len) out_put(&so.o, so.heads.data, so.heads.len);   /* then their heads, the last section */
    out_flush(&so.o);
    if (so.heads.oom && !so.o.err) so.o.err = ENOMEM;
    if (so.n) out_put(&body, so.ix, (size_t)so.n * sizeof *so.ix);
    out_pad(&body, body_end);
    out_flush(&body);
    h->sec[S_SEGS] = (pst_section){ body_end, at, (uint32_t)at, 1 };
    uint64_t hsize = so.heads.len;
    h->sec[S_SEG_HEADS] = (pst_section){ body_end + at, hsize, (uint32_t)hsize, 1 };
    int err = body.err ? body.err : so.o.err ? so.o.err : at + hsize > UINT32_MAX ? EFBIG : 0;
    if (!err) {
        header_fill(h, ws, fingerprint);
        h->file_size = body_end + at + hsize;
        h->seg_checksum = hsize ? xxh3_64(so.heads.data, hsize) : 0;
        h->checksum = XXH3_64bits_digest(&body.sum);
        h->header_checksum = header_sum(h);   /* the header last: every checksum is known */
        if (pwrite(fd, h, sizeof *h, 0) != (ssize_t)sizeof *h) err = errno ? errno : EIO;
    }
    out_free(&body);
    out_free(&so.o);
    lp_buf_free(&so.heads);
    mem_free(so.ix, so.ix ? ((size_t)nix + 1) * sizeof *so.ix : 0);
    if (err) {
        lp_atomic_file_abort(af);
        say_failed(why, wsize, err, fsz_low, limit);
        return -1;
    }
    if (lp_atomic_file_commit(af, NULL) != LP_OK) {
        say(why, wsize, "cannot write the image: %s", strerror(errno));
        return -1;
    }
    cd_prune(path, idx_opts(ws)->index_cache_max_bytes); /* the directory's byte bound (cachedir.h) */
    return 0;
}

/* ------------------------------------------------------------ checking */

typedef struct reader {
    const char *base;
    const pst_header *h;
    /* blocks into the mapping: the workspace's own tables, filled in place (a reader and a
     * workspace on the stack were 26 KB: six more stack pages, faults, in every reopen) */
    si_table *str, *vals;
    uint32_t nentries;
    /* the entries and rows summed up by its checks (idx_overlay_row), made by the opening thread: the
     * checks' thread allocates nothing else in a small image's reopen (its first allocation, a heap of
     * its own, was 0.2 ms of every reopen of aws_compliance) */
    uint64_t *bits;
    const char *why;             /* the first failed check */
} reader;

static const void *sec_at(const reader *r, int s) { return r->base + r->h->sec[s].off; }
static uint32_t sec_n(const reader *r, int s) { return r->h->sec[s].count; }
/* section s's elements into p and their count into n (a struct's pointer and count fields) */
#define TAKE_SECTION(r, s, p, n) ((p) = sec_at(r, s), (n) = sec_n(r, s))

#define CHECK(cond, what)      \
    do {                       \
        if (!(cond)) {         \
            r->why = (what);   \
            return -1;         \
        }                      \
    } while (0)

/* The header alone (h, a copy read from the file of `size` bytes): its own
 * checksum, then the section table's layout. */
static int check_header(reader *r, const pst_header *h, size_t size)
{
    CHECK(size >= sizeof *h, "shorter than a header");
    CHECK(memcmp(h->magic, PST_MAGIC, 8) == 0, "not an index image");
    CHECK(h->endian == PST_ENDIAN, "other byte order");
    CHECK(h->version == PST_VERSION, "other format version");
    CHECK(h->header_checksum == header_sum(h), "header checksum mismatch");
    CHECK(h->header_size == sizeof *h && h->nsections == S_COUNT && h->pad == 0 && h->adj16 <= 1,
          "other header layout");
    CHECK(h->file_size == size, "truncated or extended");
    const pst_section *tail = &h->sec[S_SEG_HEADS];
    CHECK(tail->off >= sizeof *h && tail->off <= size && tail->size == size - tail->off, "segments not last");
    uint64_t at = sizeof *h;
    for (int i = 0; i < S_COUNT; i++) {
        const pst_section *x = &h->sec[pst_order[i]];
        at = (at + 7) & ~(uint64_t)7;
        CHECK(x->off == at && at <= size && x->size <= size - at,
              "sections overlap, leave gaps or are out of order");
        at += x->size;
    }
    CHECK(at == size, "sections do not end the file");
    return 0;
}

/* The body's checksum (the bytes read, r->base, up to the segments). */
static int check_sum(reader *r)
{
    const pst_header *h = r->h;
    CHECK(xxh3_64(r->base + sizeof *h, h->sec[S_SEGS].off - sizeof *h) == h->checksum, "checksum mismatch");
    return 0;
}

/* What the header says about the bytes read (r->base, size of the file),
 * after check_header: each section's records inside the file. */
static int check_body(reader *r, size_t size)
{
    const pst_header *h = r->h;
    static const uint32_t elem[S_COUNT] = {
        [S_DIR] = 1, [S_STATS] = sizeof(lp_workspace_stats), [S_ENTRIES] = sizeof(idx_entry),
        [S_KV] = 8, [S_MISSING] = sizeof(idx_missing), [S_FILES] = sizeof(idx_file),
        [S_MODS] = sizeof(idx_mod), [S_SNAPSHOTS] = sizeof(idx_snapshot), [S_REQUIRES] = sizeof(idx_require),
        [S_STR_HEAP] = 1,
        [S_STR_BLOCKS] = sizeof(pst_block), [S_STR_SLOTS] = 8, [S_VAL_HEAP] = 1,
        [S_VAL_BLOCKS] = sizeof(pst_block), [S_DIAGS] = sizeof(pst_diag), [S_INPUTS] = sizeof(pst_input),
        [S_OVERLAY] = sizeof(idx_overlay), [S_OVERLAY_KV] = 8, [S_RDIAGS] = sizeof(pst_diag),
        [S_RINPUTS] = sizeof(pst_input), [S_VARS_JSON] = 1, [S_VARS_TEXT] = 1,
        [S_RSTATS] = sizeof(lp_resolve_stats), [S_SCOPE] = 1, [S_RECS] = sizeof(pst_rec),
        [S_DEPS] = sizeof(pst_dep), [S_RDKEYS] = 4, [S_LOAD] = sizeof(pst_loadhdr), [S_LFILES] = 4,
        [S_LINPUTS] = sizeof(pst_input), [S_LENV] = 4, [S_SEG_INDEX] = sizeof(pst_segref),
        [S_SEGS] = 1, [S_SEG_HEADS] = 1,
    };
    for (int s = 0; s < S_COUNT; s++) {
        const pst_section *x = &h->sec[s];
        uint32_t want = s == S_ADJ ? (h->adj16 ? 2 : 4) : elem[s];
        CHECK(x->elem == want, "other record size");
        CHECK(x->off >= sizeof *h && x->off % 8 == 0 && x->off <= size && x->size <= size - x->off,
              "a section out of bounds");
        CHECK((uint64_t)x->count * x->elem == x->size, "a section's size");
    }
    CHECK(sec_n(r, S_STATS) == 1 && sec_n(r, S_RSTATS) == 1, "no statistics");
    CHECK(h->ndisc_diags <= sec_n(r, S_DIAGS) && h->nsnap_listed <= sec_n(r, S_SNAPSHOTS) &&
              h->listing_known <= 1 && h->pad2 == 0,
          "the listing's counts");
    const char *dir = sec_at(r, S_DIR);
    CHECK(h->sec[S_DIR].size > 0 && dir[h->sec[S_DIR].size - 1] == '\0', "directory not terminated");
    return 0;
}

/* An intern set over the mapping: blocks from the table, slots (may be none). */
static int map_heap(reader *r, si_table *in, int heap_sec, int blocks_sec, int slots_sec)
{
    const pst_block *bl = sec_at(r, blocks_sec);
    uint32_t nb = sec_n(r, blocks_sec);
    uint64_t heap_size = r->h->sec[heap_sec].size;
    CHECK(nb >= 1 && nb <= LP_INTERN_BLOCKS, "string block count");
    memset(in, 0, sizeof *in);
    for (uint32_t b = 0; b < nb; b++) {
        CHECK(bl[b].off <= heap_size && bl[b].size <= heap_size - bl[b].off && bl[b].off % 4 == 0,
              "a string block out of bounds");
        in->block[b] = (char *)(uintptr_t)(r->base + r->h->sec[heap_sec].off + bl[b].off);
        in->bsize[b] = in->bused[b] = bl[b].size;
    }
    in->nblocks = nb;
    in->used = bl[nb - 1].size;
    CHECK(bl[0].size >= 4, "first string block");
    if (slots_sec < 0) return 0;
    /* the table's shape and its strings are idx_check's (check_index) */
    in->slots = (uint64_t *)(uintptr_t)sec_at(r, slots_sec);
    in->nslots = sec_n(r, slots_sec);
    in->count = r->h->str_count;
    return 0;
}

/* The index's arrays over the mapping, as a workspace would hold them. */
static void index_view(const reader *r, lp_workspace *ws)
{
    idx_tab_fill(ws)->entries = (idx_entry *)(uintptr_t)sec_at(r, S_ENTRIES);
    idx_tab_fill(ws)->nentries = r->nentries;
    idx_tab_fill(ws)->kv = (uint32_t(*)[2])(uintptr_t)sec_at(r, S_KV);
    idx_tab_fill(ws)->nkv = sec_n(r, S_KV);
    if (r->h->adj16) idx_tab_fill(ws)->adj16 = (uint16_t *)(uintptr_t)sec_at(r, S_ADJ);
    else idx_tab_fill(ws)->adj32 = (uint32_t *)(uintptr_t)sec_at(r, S_ADJ);
    idx_tab_fill(ws)->nadj = sec_n(r, S_ADJ);
    idx_tab_fill(ws)->missing = (idx_missing *)(uintptr_t)sec_at(r, S_MISSING);
    idx_tab_fill(ws)->nmissing = sec_n(r, S_MISSING);
    idx_tab_fill(ws)->files = (idx_file *)(uintptr_t)sec_at(r, S_FILES);
    idx_tab_fill(ws)->nfiles = sec_n(r, S_FILES);
    idx_tab_fill(ws)->mods = (idx_mod *)(uintptr_t)sec_at(r, S_MODS);
    idx_tab_fill(ws)->nmods = sec_n(r, S_MODS);
    idx_tab_fill(ws)->snapshots = (idx_snapshot *)(uintptr_t)sec_at(r, S_SNAPSHOTS);
    idx_tab_fill(ws)->nsnapshots = sec_n(r, S_SNAPSHOTS);
    idx_tab_fill(ws)->reqs = (idx_require *)(uintptr_t)sec_at(r, S_REQUIRES);
    idx_tab_fill(ws)->nreqs = sec_n(r, S_REQUIRES);
}

/* ws as it was before pst_load (fresh: nothing built) once a check or the load failed. */
static void unview(lp_workspace *ws)
{
    memset(idx_tab_fill(ws), 0, sizeof *idx_tab_fill(ws));
    memset(idx_strings_at(ws), 0, sizeof *idx_strings_at(ws));
    memset(&idx_image_part_of(ws)->values, 0, sizeof idx_image_part_of(ws)->values);
}

/* An input's record as the image may hold one: a kind, and a path in the values heap vals. */
static int input_ok(const si_table *vals, const pst_input *p)
{
    return p->kind < LP_INPUT__COUNT && p->path && idx_valid_id(vals, p->path);
}

/* The inputs' records (after map_heap of the values): what changed_input reads. */
static int check_inputs(reader *r)
{
    for (int s = S_INPUTS; s <= S_RINPUTS; s += S_RINPUTS - S_INPUTS) {
        const pst_input *p = sec_at(r, s);
        for (uint32_t i = 0; i < sec_n(r, s); i++) CHECK(input_ok(r->vals, &p[i]), "an input");
    }
    CHECK(sec_n(r, S_INPUTS) >= sec_n(r, S_FILES), "the files' inputs");
    return 0;
}

/* A heap from which its ids are checked through a map of its records (idx_idmap); the test and fuzz
 * builds check every image's so (a crafted heap meets the walk). */
#ifdef LP_CHECK_INVARIANTS
#define IDMAP_FROM 0
#else
#define IDMAP_FROM ((size_t)4 << 20)
#endif

/* The rows and entries summed up (reader.bits: idx_image_part.row_bits, then entry_unres) of an
 * image of n entries: their size; the bits. */
static size_t bits_size(uint32_t n)
{
    return IDX_BITS_PLANES * idx_bit_plane(n) * sizeof(uint64_t) + ((size_t)n + 1) * sizeof(uint16_t);
}

static void bits_free(uint64_t *bits, uint32_t n)
{
    mem_zeroed_free(bits, 1, bits_size(n));   /* (NULL: nothing) */
}

static uint16_t *bits_unres(uint64_t *bits, uint32_t n)
{
    return (uint16_t *)(bits + IDX_BITS_PLANES * idx_bit_plane(n));
}

static void bit_set(uint64_t *bits, uint32_t n, unsigned plane, uint32_t id, int on)
{
    bits[plane * idx_bit_plane(n) + id / 64] |= (uint64_t)(on != 0) << (id % 64);
}

/* The index (idx_check, its strings through smap), then what only an image has: no process
 * pointers, the overlay and the diagnostics (the inputs are check_inputs'); vmap: the values'. */
static int check_index_mapped(reader *r, lp_workspace *ws, const idx_idmap *smap, const idx_idmap *vmap)
{
    const char *bad = idx_check_mapped(ws, smap);
    CHECK(!bad, bad);
    uint32_t n = r->nentries, nfiles = sec_n(r, S_FILES);
    const idx_entry *e = sec_at(r, S_ENTRIES);
    uint16_t *unres = bits_unres(r->bits, n);
    for (uint32_t id = 0; id < n; id++) {
        CHECK(atomic_load_explicit(&e[id].resolved, memory_order_relaxed) == NULL, "an entry's pointer");
        unres[id] = (uint16_t)e[id].unresolved;   /* (LP_UNRES_* bits: idx_check checked them) */
    }
    /* the overlay and what resolution kept, in the values heap */
    const si_table *V = r->vals;
    const idx_overlay *o = sec_at(r, S_OVERLAY);
    uint32_t nokv = sec_n(r, S_OVERLAY_KV);
    const uint32_t(*okv)[2] = sec_at(r, S_OVERLAY_KV);
    CHECK(sec_n(r, S_OVERLAY) == n, "overlay size");
    for (uint32_t id = 0; id < n; id++) {
        const idx_overlay *x = &o[id];
        CHECK(x->present <= 1 && x->tags <= nokv && x->ntags <= nokv - x->tags, "an overlay record");
        bit_set(r->bits, n, IDX_BITS_PRESENT, id, x->present);
        bit_set(r->bits, n, IDX_BITS_PARTIAL, id, x->present && (x->unresolved & IDX_ROW_FIELDS));
        CHECK(idx_id_ok(vmap, V, x->title) && idx_id_ok(vmap, V, x->description) &&
                  idx_id_ok(vmap, V, x->category) && idx_id_ok(vmap, V, x->documentation) &&
                  idx_id_ok(vmap, V, x->display) && idx_id_ok(vmap, V, x->sql),
              "an overlay string");
    }
    for (uint32_t i = 0; i < nokv; i++)
        CHECK(idx_id_ok(vmap, V, okv[i][0]) && idx_id_ok(vmap, V, okv[i][1]), "an overlay tag");
    for (int s = S_DIAGS; s <= S_RDIAGS; s += S_RDIAGS - S_DIAGS) {
        const pst_diag *d = sec_at(r, s);
        for (uint32_t i = 0; i < sec_n(r, s); i++)
            CHECK((d[i].severity == LP_SEV_ERROR || d[i].severity == LP_SEV_WARNING) &&
                      idx_id_ok(vmap, V, d[i].file) && idx_id_ok(vmap, V, d[i].summary) &&
                      idx_id_ok(vmap, V, d[i].detail),
                  "a diagnostic");
    }
    /* the segments' places (their bytes are checked when a patch reads them: pst_segs) */
    uint32_t nseg = sec_n(r, S_SEG_INDEX);
    uint64_t segs = r->h->sec[S_SEGS].size, heads = r->h->sec[S_SEG_HEADS].size;
    const pst_segref *ix = sec_at(r, S_SEG_INDEX);
    CHECK(nseg == 0 || nseg == nfiles, "the segments' index");
    for (uint32_t f = 0; f < nseg; f++)
        CHECK(ix[f].size == 0 ||
                  (ix[f].off % 8 == 0 && ix[f].off <= segs && ix[f].size <= segs - ix[f].off &&
                   ix[f].head_off % 8 == 0 && ix[f].head_len <= ix[f].size && ix[f].head_off <= heads &&
                   ix[f].head_len <= heads - ix[f].head_off),
              "a segment out of bounds");
    return 0;
}

static int check_index(reader *r, lp_workspace *ws)
{
    index_view(r, ws);
    /* a large heap's records walked once, its ids then tested against them (idx_idmap): 123,208
     * entries' image (heaps of 16.6 and 8.0 MB), whose ids' records read at random were a third of
     * its reopen's CPU, reopens 7-15% sooner; under 4 MiB (aws_compliance's heaps: 1.2 and 2.9 MB) a
     * map measured no better (the records read at random stay in the CPU's cache) and the ids are
     * checked where they lie, as they are when a map could not be made (out of memory) */
    idx_idmap smap, vmap;
    (void)idx_idmap_make(&smap, idx_strings(ws), IDMAP_FROM);
    (void)idx_idmap_make(&vmap, r->vals, IDMAP_FROM);
    int rc = check_index_mapped(r, ws, &smap, &vmap);
    idx_idmap_free(&smap);
    idx_idmap_free(&vmap);
    return rc;
}

#undef CHECK

/* ------------------------------------------------------------ reopening */

/* The stats of the inputs against the image (stat_inputs), shared: the opening thread stats them
 * in order, a chunk at a time, and the checks' thread, once its checks are done, takes the chunks
 * left too (in a new process the checks end before the stats, 1.9 against 2.4 ms for aws_compliance:
 * the rest is then statted on both CPUs).  Each thread has its own directory held open. */
#define STAT_CHUNK 32u

typedef struct stat_pass {
    const reader *r;
    uint8_t *changed;            /* per input, as changed_first says (NULL: the first change ends it) */
    int64_t read_at;             /* the image's read time, or a later one its inputs were found clean
                                  * at (cachedir.h) */
    uint32_t n;                  /* inputs: the files' and resolution's, in lp_input_get's order */
    _Atomic uint32_t next;       /* the next chunk's first input */
    _Atomic uint32_t first;      /* the first input found changed (n: none) */
    _Atomic int64_t racy;        /* the latest mtime of an input still racily clean (INT64_MIN: none) */
    _Atomic int hidden;          /* an input changed that only its hash showed (inp_check_in) */
} stat_pass;

/* pst_load's checks of a mapped image, on a thread of their own: the checksum, then the index's
 * (check_index fills ws's tables over the mapping, which nothing else reads meanwhile), then the
 * stats left. */
typedef struct checker {
    reader r;                    /* a copy: its why is this thread's */
    lp_workspace *ws;
    int rc;
    stat_pass *stats;            /* joined once the checks are done */
} checker;

static uint32_t stat_inputs(stat_pass *p, uint32_t chunks);

/* lp_test_reopen_stats_split's: the opening thread stats one chunk and leaves the rest to the checks'
 * thread; the inputs that thread statted so far */
static _Atomic int stats_split;
static _Atomic unsigned long stats_by_checks;

unsigned long lp_test_reopen_stats_split(int on)
{
    atomic_store(&stats_split, on);
    return atomic_load(&stats_by_checks);
}

static void *check_main(void *arg)
{
    checker *c = arg;
    c->rc = check_sum(&c->r) != 0 || check_index(&c->r, c->ws) != 0 ? -1 : 0;
    if (c->rc == 0 && c->stats) atomic_fetch_add(&stats_by_checks, stat_inputs(c->stats, UINT32_MAX));
    return NULL;
}

static lp_diag *load_diags(const reader *r, int s)
{
    uint32_t n = sec_n(r, s);
    lp_diag *d = mem_calloc((size_t)n + 1, sizeof *d);
    if (!d) return NULL;
    const pst_diag *p = sec_at(r, s);
    for (uint32_t i = 0; i < n; i++)
        d[i] = (lp_diag){ (lp_severity)p[i].severity, si_str(r->vals, p[i].file), p[i].line, p[i].col,
                          p[i].end_line, p[i].end_col, si_str(r->vals, p[i].summary),
                          si_str(r->vals, p[i].detail) };
    return d;
}

/* An image's input record as the workspace's (its path in the values heap, checked). */
static inp_rec input_of(const si_table *vals, const pst_input *p)
{
    return (inp_rec){ si_str(vals, p->path), (uint8_t)p->kind, p->err, p->size, p->mtime_ns, p->dev, p->ino,
                      p->hash, p->ctime };
}

/* Input k of the image, in lp_input_get's order (the files' inputs, then resolution's). */
static inp_rec input_at(const reader *r, uint32_t k)
{
    uint32_t n1 = sec_n(r, S_INPUTS);
    const pst_input *p = k < n1 ? (const pst_input *)sec_at(r, S_INPUTS) + k
                                : (const pst_input *)sec_at(r, S_RINPUTS) + (k - n1);
    return input_of(r->vals, p);
}

static void atomic_min_u32(_Atomic uint32_t *a, uint32_t v)
{
    uint32_t cur = atomic_load_explicit(a, memory_order_relaxed);
    while (v < cur && !atomic_compare_exchange_weak_explicit(a, &cur, v, memory_order_relaxed,
                                                             memory_order_relaxed)) {
    }
}

static void atomic_max_i64(_Atomic int64_t *a, int64_t v)
{
    int64_t cur = atomic_load_explicit(a, memory_order_relaxed);
    while (v > cur && !atomic_compare_exchange_weak_explicit(a, &cur, v, memory_order_relaxed,
                                                             memory_order_relaxed)) {
    }
}

/* This thread's part of the stats: up to `chunks` chunks of inputs claimed until none is left (or,
 * without p->changed, until an input is found changed).  How many inputs it statted. */
static uint32_t stat_inputs(stat_pass *p, uint32_t chunks)
{
    inp_dirs dirs;
    inp_dirs_init(&dirs);
    int64_t racy = INT64_MIN;
    uint32_t first = p->n, done = 0;
    for (; chunks; chunks--) {
        if (!p->changed && atomic_load_explicit(&p->first, memory_order_relaxed) < p->n) break;
        uint32_t k = atomic_fetch_add_explicit(&p->next, STAT_CHUNK, memory_order_relaxed);
        if (k >= p->n) break;
        uint32_t end = p->n - k < STAT_CHUNK ? p->n : k + STAT_CHUNK;
        for (; k < end; k++, done++) {
            inp_rec x = input_at(p->r, k);
            int hidden;
            lp_input_state st = inp_check_in(&dirs, &x, p->read_at, &hidden);
            if (hidden) atomic_store_explicit(&p->hidden, 1, memory_order_relaxed);
            if (x.mtime_ns > p->read_at - INP_RACY_NS && x.mtime_ns > racy) racy = x.mtime_ns;
            int same = st == LP_INPUT_SAME || st == LP_INPUT_TOUCHED;
            if (p->changed) p->changed[k] = same ? (st == LP_INPUT_TOUCHED ? 2 : 0) : 1;
            if (same) continue;
            if (k < first) first = k;
            if (!p->changed) break;
        }
        if (first < p->n) atomic_min_u32(&p->first, first);
        if (first < p->n && !p->changed) break;
    }
    if (racy != INT64_MIN) atomic_max_i64(&p->racy, racy);
    inp_dirs_close(&dirs);
    return done;
}

static void stat_pass_init(stat_pass *p, const reader *r, uint8_t *changed, uint32_t n, int64_t read_at)
{
    *p = (stat_pass){ .r = r, .changed = changed, .read_at = read_at, .n = n };
    atomic_init(&p->next, 0);
    atomic_init(&p->first, n);
    atomic_init(&p->racy, INT64_MIN);
    atomic_init(&p->hidden, 0);
}

/* What the stats found, once both threads have ended their parts: the first input that changed
 * (NULL: none), and in *racy the latest mtime of the inputs still racily clean against p->read_at
 * (INT64_MIN: none).  With p->changed, per input in lp_input_get's order: 0 same, 1 changed, 2
 * touched (ws_reuse.prev_changed), every input checked; without, the first change ended the check. */
static const char *changed_first(stat_pass *p, int64_t *racy)
{
    *racy = atomic_load_explicit(&p->racy, memory_order_relaxed);
    uint32_t first = atomic_load_explicit(&p->first, memory_order_relaxed);
    return first < p->n ? input_at(p->r, first).path : NULL;
}

/* image (body checksum sum) recorded clean as of t0 (cachedir.h) when the stats found its racily clean
 * inputs (the latest recorded mtime racy) clean, the racy window past.  A stale image's too, when every
 * input was checked (not `partial`) and none changed that only its hash showed: its changed inputs'
 * stats differ from their records whatever the read time, and a small edit's patch keeps the stale
 * image (workspace.c): without the record, every command after the edit hashed every file of a
 * workspace imaged just after a checkout or a copy (its files racy) again. */
static void mark_clean(const char *image, uint64_t sum, stat_pass *p, int partial, int64_t racy, int64_t t0)
{
    if (!partial && !atomic_load_explicit(&p->hidden, memory_order_relaxed) && racy != INT64_MIN &&
        racy <= t0 - INP_RACY_NS)
        cd_mark_clean(image, sum, t0);
}

/* The checks (check_main) on a thread of their own, on another CPU, beside this thread's stats of the
 * inputs, whose chunks left that thread takes once its checks are done.  0, or -1 when the checks
 * failed (ck->r.why says why). */
static int check_beside_stats(checker *ck)
{
    pthread_t th;
    /* (thr_start_beside: started beside the stats, it stayed on their CPU) */
    int threaded = thr_start_beside(&th, check_main, ck) == 0;
    (void)stat_inputs(ck->stats, threaded && atomic_load(&stats_split) ? 1 : UINT32_MAX);
    if (threaded) pthread_join(th, NULL);
    else check_main(ck);
    (void)stat_inputs(ck->stats, UINT32_MAX);   /* (what is left when the checks failed: nothing) */
    return ck->rc;
}

/* Memory of our own for n bytes of an image (not counted by lp_alloc_stats,
 * as the mapping of the file it replaces was not), or NULL. */
static void *image_mem(size_t n)
{
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE;
    void *p = mmap(NULL, n ? n : 1, PROT_READ | PROT_WRITE, flags, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

/* A live workspace's image: the first n bytes of fd copied, in the kernel (copy_file_range),
 * into an unnamed file (O_TMPFILE, 0600) in the image's directory, and that copy mapped
 * read-only.  Nothing can truncate or rewrite the copy under the mapping (it has no name: only
 * this process's descriptor, then its mapping, reach it), so no SIGBUS, and its pages are the
 * page cache's, not ours: a process holds the pages it touches and the kernel may reclaim them
 * (an idle server touches few: pst_load drops its checks' pages from its page tables).  NULL
 * when the file system cannot (no O_TMPFILE, no space, a short copy) or the copy would pass
 * the file size limit: the caller reads the image into memory of its own instead. */
static void *image_copy(int fd, const char *path, size_t n)
{
    const char *slash = strrchr(path, '/');
    char dir[PATH_MAX];
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if ((size_t)(slash - path) >= sizeof dir) return NULL;
    else snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    /* a write past RLIMIT_FSIZE would raise SIGXFSZ (pst_save says why that must not happen) */
    struct rlimit fsz;
    if (getrlimit(RLIMIT_FSIZE, &fsz) == 0 && fsz.rlim_cur != RLIM_INFINITY && n > fsz.rlim_cur) return NULL;
    int tmp = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (tmp < 0) return NULL;
    loff_t in = 0, out = 0;
    while ((size_t)in < n) {
        ssize_t k = copy_file_range(fd, &in, tmp, &out, n - (size_t)in, 0);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) break;
    }
    void *map = (size_t)in == n ? mmap(NULL, n ? n : 1, PROT_READ, MAP_PRIVATE, tmp, 0) : MAP_FAILED;
    close(tmp);   /* the mapping holds the file; it goes when the mapping does */
    return map == MAP_FAILED ? NULL : map;
}

/* A live workspace's bytes [0, n) of the image fd: the copy (image_copy), else read into memory
 * of its own (*copied says which).  NULL with *bad saying why. */
static void *image_own(int fd, const char *path, size_t n, int *copied, const char **bad)
{
    void *p = image_copy(fd, path, n);
    if ((*copied = p != NULL)) return p;
    if (!(p = image_mem(n))) {
        *bad = "no memory to read it";
        return NULL;
    }
    if (srcfile_pread_full(fd, p, n, 0) != 0) {
        munmap(p, n ? n : 1);
        *bad = "changed while it was read";
        return NULL;
    }
    return p;
}

/* Is fd's file one only we could have written?  An image (or the directory
 * it is in) that another user owns or may write can hold anything, checksums
 * included: such an image is not read (another user could serve us "PWNED"). */
static const char *foreign(const struct stat *st)
{
    if (st->st_uid != geteuid()) return "the image belongs to another user";
    if (st->st_mode & (S_IWGRP | S_IWOTH)) return "the image is writable by group or others";
    return NULL;
}

/* Where resolution's records and its record of loading lie (read at the first refresh only). */
static void take_records(struct pst_image *img, const reader *r)
{
    TAKE_SECTION(r, S_RECS, img->recs, img->nrecs);
    TAKE_SECTION(r, S_DEPS, img->deps, img->ndeps);
    TAKE_SECTION(r, S_RDKEYS, img->rdkeys, img->nrdkeys);
    img->load = sec_n(r, S_LOAD) == 1 ? sec_at(r, S_LOAD) : NULL;
    TAKE_SECTION(r, S_LFILES, img->lfiles, img->nlfiles);
    TAKE_SECTION(r, S_LINPUTS, img->linputs, img->nlinputs);
    TAKE_SECTION(r, S_LENV, img->lenv, img->nlenv);
}

/* ws served from the checked image r (img its record, d and rd its diagnostics, ws's from here). */
static const rs_image_reads image_reads;   /* (below, with pst_records) */

static void serve(lp_workspace *ws, const reader *r, struct pst_image *img, lp_diag *d, lp_diag *rd)
{
    idx_image_part_of(ws)->image = img;
    idx_segments_of(ws)->ndisc_diags = r->h->ndisc_diags;
    idx_segments_of(ws)->nsnap_listed = r->h->nsnap_listed;
    idx_segments_of(ws)->listing_known = (int)r->h->listing_known;
    idx_tab_fill(ws)->read_at_ns = r->h->read_at_ns;
    char note[sizeof idx_stats(ws)->index_cache_note];   /* why it is stale, when it is */
    memcpy(note, idx_stats(ws)->index_cache_note, sizeof note);
    *idx_stats_mut(ws) = *(const lp_workspace_stats *)sec_at(r, S_STATS);
    memcpy(idx_stats_mut(ws)->index_cache_note, note, sizeof note);
    idx_resolve_part(ws)->rstats = *(const lp_resolve_stats *)sec_at(r, S_RSTATS);
    idx_resolve_part(ws)->rstats.arena_bytes = 0;
    idx_resolve_part(ws)->rstats.image_written = 0;
    idx_resolve_part(ws)->rstats.image_note[0] = '\0';
    idx_resolve_part(ws)->rstats.evaluated = idx_resolve_part(ws)->rstats.carried = 0;   /* (nothing was) */
    idx_tab_fill(ws)->diags = d;
    idx_tab_fill(ws)->ndiags = sec_n(r, S_DIAGS);
    idx_resolve_part(ws)->rdiags = rd;
    idx_resolve_part(ws)->nrdiags = sec_n(r, S_RDIAGS);
    /* counts only: the records are read one at a time (pst_input_get; 1,214 of them were 77 KB of
     * fresh memory, 23 page faults of every reopen of aws_compliance) */
    idx_tab_fill(ws)->inputs.n = img->ninputs;
    idx_resolve_part(ws)->rinputs.n = img->nrinputs;
    idx_image_part_of(ws)->overlay = sec_at(r, S_OVERLAY);
    idx_image_part_of(ws)->overlay_kv = sec_at(r, S_OVERLAY_KV);
    idx_image_part_of(ws)->row_bits = r->bits;   /* (the checks filled them) */
    idx_image_part_of(ws)->entry_unres = bits_unres(r->bits, r->nentries);
    TAKE_SECTION(r, S_VARS_JSON, idx_resolve_part(ws)->vars_json, idx_resolve_part(ws)->vars_json_len);
    TAKE_SECTION(r, S_VARS_TEXT, idx_resolve_part(ws)->vars_text, idx_resolve_part(ws)->vars_text_len);
    /* read (and checked) by a refresh that takes ws as its previous version, not here */
    idx_resolve_part(ws)->image_records = sec_n(r, S_RECS) ? pst_records : NULL;
    idx_resolve_part(ws)->image_loadrec = sec_n(r, S_LOAD) && sec_n(r, S_RECS) ? pst_loadrec : NULL;
    idx_resolve_part(ws)->image_scope = pst_scope;
    idx_resolve_part(ws)->image_reads = sec_n(r, S_RECS) ? &image_reads : NULL;
}

/* Where the image's segments and their heads are (pst_segs reads them). */
static void image_segments(struct pst_image *img, const reader *r)
{
    TAKE_SECTION(r, S_SEG_INDEX, img->segref, img->nsegref);
    img->segs_off = r->h->sec[S_SEGS].off;
    img->segs_size = r->h->sec[S_SEGS].size;
    img->heads_off = r->h->sec[S_SEG_HEADS].off;
    img->heads_size = r->h->sec[S_SEG_HEADS].size;
    img->heads_sum = r->h->seg_checksum;
}

/* idx_image_part.view of a version a one-shot open mapped from its image file: n bytes at p, in the
 * mapping, as a private view of the same file's bytes (mem_file_view).  NULL when p is not there. */
static void *image_view(const lp_workspace *ws, const void *p, size_t n)
{
    const struct pst_image *img = idx_image_part_of(ws)->image;
    const char *at = p, *map = img ? img->map : NULL;
    if (!map || img->copied || img->fd < 0 || at < map || n > img->size || (size_t)(at - map) > img->size - n)
        return NULL;
    return mem_file_view(img->fd, (uint64_t)(at - map), n);
}

/* An input touched since the image (stat_inputs found it 2): its stat now. */
typedef struct pst_restat {
    uint32_t k;                  /* in lp_input_get's order (the files first) */
    uint32_t ctime;
    int64_t mtime_ns;
    uint64_t size, dev, ino;
} pst_restat;

/* A reopen whose inputs were touched since the image (chg: 2; their bytes as it has them): their stat
 * now, which a fresh open records, is what it serves (lp_input_get, the files' records in a copy),
 * not the image's; each reopen finds them touched again and hashes them, as long as this image is
 * the cache's.  0, or -1 out of memory. */
static int restat_touched(lp_workspace *ws, const reader *r, struct pst_image *img, const uint8_t *chg,
                          size_t n)
{
    uint32_t nt = 0, nf = sec_n(r, S_FILES), files = 0;
    for (size_t k = 0; k < n; k++) nt += chg[k] == 2;
    img->nfiles = nf;
    if (!nt) return 0;
    if (!(img->restat = mem_calloc(nt, sizeof *img->restat))) return -1;
    img->restat_cap = nt;
    for (size_t k = 0; k < n; k++) {
        srcfile_info now;
        int is_dir;
        /* (one gone since: the next open finds it changed) */
        if (chg[k] != 2 || srcfile_stat(input_at(r, k).path, &now, &is_dir) != 0) continue;
        img->restat[img->nrestat++] = (pst_restat){ (uint32_t)k, now.ctime, now.mtime_ns, now.size, now.dev,
                                                    now.ino };
        files += k < nf;
    }
    if (!files) return 0;
    if (!(img->files_copy = mem_malloc((size_t)nf * sizeof *img->files_copy))) return -1;
    memcpy(img->files_copy, idx_tab(ws)->files, (size_t)nf * sizeof *img->files_copy);
    for (uint32_t i = 0; i < img->nrestat; i++) {
        const pst_restat *t = &img->restat[i];
        if (t->k >= nf) continue;
        idx_file *f = &img->files_copy[t->k];
        f->mtime_ns = t->mtime_ns;
        f->dev = t->dev;
        f->ino = t->ino;
        f->ctime = t->ctime;
    }
    idx_tab_fill(ws)->files = img->files_copy;
    return 0;
}

int pst_load(lp_workspace *ws, const char *path, uint64_t fingerprint, int stale_ok, char *why, size_t wsize)
{
    /* A live workspace (lp_live_open: lazypipe server and watch, which run
     * for days) serves from a copy no other process can reach (image_copy;
     * read into memory of its own where the file system cannot): another
     * process truncating or rewriting the file in place (cp over it) then
     * changes nothing it reads, where a mapping of the file would raise
     * SIGBUS past the new end.  A one-shot open maps the file itself (no
     * copy: reading it cost a reopen of aws_compliance ~2.3 ms of CPU, +55%),
     * and is exposed to that only for its own few milliseconds. */
    int own = idx_segments_of(ws)->refreshable;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
    if (fd < 0) {
        say(why, wsize, errno == ENOENT ? "no image yet%s" : "cannot open the image: %s",
            errno == ENOENT ? "" : strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
        (uint64_t)st.st_size > PST_MAX_SIZE) {
        close(fd);
        say(why, wsize, "the image is not a regular file of a usable size%s", "");
        return -1;
    }
    const char *alien = foreign(&st);
    if (alien) {
        close(fd);
        say(why, wsize, "%s: not read", alien);
        return -1;
    }
    size_t size = (size_t)st.st_size;
    reader r;
    memset(&r, 0, sizeof r);
    pst_header hd;
    void *map = NULL;
    size_t msize = 0;
    int copied = 0;
    const char *bad = NULL;
    if (size < sizeof hd || srcfile_pread_full(fd, &hd, sizeof hd, 0) != 0) bad = "shorter than a header";
    else if (check_header(&r, &hd, size) != 0) bad = r.why;
    else if (hd.fingerprint != fingerprint) bad = "written for other options or another path";
    else if (!own && (map = mmap(NULL, msize = (size_t)hd.sec[S_SEGS].off, PROT_READ, MAP_PRIVATE, fd, 0)) ==
                         MAP_FAILED) {
        map = NULL;
        bad = "cannot be mapped";
    } else if (own && !(map = image_own(fd, path, msize = (size_t)hd.sec[S_SEGS].off, &copied, &bad))) {
        /* bad says why */
    } else if (memcmp(map, &hd, sizeof hd) != 0) {
        bad = "changed while it was read";
    }
    if (!bad) {
        r.str = idx_strings_at(ws);   /* the index over the bytes read, checked in ws (fresh) */
        r.vals = &idx_image_part_of(ws)->values;
        r.base = map;
        r.h = map;
        if (check_body(&r, size) != 0) {
            bad = r.why;
        } else if (strcmp(sec_at(&r, S_DIR), idx_dir(ws)) != 0) {
            bad = "written for other options or another path";
        } else {
            r.nentries = sec_n(&r, S_ENTRIES);
            if (!(r.bits = mem_zeroed(1, bits_size(r.nentries)))) bad = "out of memory";
            else if (map_heap(&r, r.str, S_STR_HEAP, S_STR_BLOCKS, S_STR_SLOTS) != 0 ||
                     map_heap(&r, r.vals, S_VAL_HEAP, S_VAL_BLOCKS, -1) != 0 || check_inputs(&r) != 0)
                bad = r.why;
        }
    }
    /* The checksum and the index's checks (1.9 ms for aws_compliance in a new process) run on a
     * thread of their own while this one stats the inputs (2.4 ms; that thread then takes the stats
     * left): the stats read only the inputs' records, checked above; nothing else is used, and
     * nothing is recorded (cd_mark_clean, cd_used), before both are done. */
    /* a stale image with segments can be patched: which inputs changed, all of them */
    size_t ninputs = bad ? 0 : (size_t)sec_n(&r, S_INPUTS) + sec_n(&r, S_RINPUTS);
    uint8_t *chg = !bad && stale_ok && sec_n(&r, S_SEG_INDEX) ? mem_calloc(ninputs + 1, 1) : NULL;
    /* racily clean inputs are hashed; once all are found clean with the racy
     * window past, the image is recorded clean as of now (mark_clean) */
    int64_t t0 = inp_now_ns(), racy = INT64_MIN;
    stat_pass sp;
    int64_t read_at = bad ? 0 : cd_clean_at(path, r.h->checksum, r.h->read_at_ns);
    stat_pass_init(&sp, &r, chg, (uint32_t)ninputs, read_at);
    checker ck = { .r = r, .ws = ws, .stats = &sp };
    if (!bad && check_beside_stats(&ck) != 0) bad = ck.r.why;
    const char *changed = bad ? NULL : changed_first(&sp, &racy);
    if (bad) {
        mem_free(chg, chg ? ninputs + 1 : 0);
        bits_free(ck.r.bits, r.nentries);
        unview(ws);
        if (map) munmap(map, msize ? msize : 1);
        close(fd);
        say(why, wsize, "the image is unusable: %s", bad);
        return -1;
    }
    size = msize;   /* what is held from here on (the segments stay in the file: pst_segs) */
    mark_clean(path, r.h->checksum, &sp, changed && !chg, racy, t0);
    cd_used(path);   /* (a stale one too: a small edit's patch keeps it, workspace.c) */
    if (changed) {
        say(why, wsize, "changed since the image: %s", changed);   /* before the unmap: it is the image's */
        if (!chg) {
            bits_free(ck.r.bits, r.nentries);
            unview(ws);
            munmap(map, size ? size : 1);
            close(fd);
            return -1;
        }
    }
    struct pst_image *img = mem_calloc(1, sizeof *img);
    lp_diag *d = load_diags(&r, S_DIAGS), *rd = load_diags(&r, S_RDIAGS);
    uint32_t nfiles = sec_n(&r, S_FILES);
    if (!img || !d || !rd) {
        mem_free(chg, chg ? ninputs + 1 : 0);
        bits_free(ck.r.bits, r.nentries);
        mem_free(img, sizeof *img);
        mem_free(d, ((size_t)sec_n(&r, S_DIAGS) + 1) * sizeof *d);
        mem_free(rd, ((size_t)sec_n(&r, S_RDIAGS) + 1) * sizeof *rd);
        unview(ws);
        munmap(map, size ? size : 1);
        close(fd);
        say(why, wsize, "out of memory%s", "");
        return -1;
    }
    img->map = map;
    img->copied = copied;
    /* a copy's, and a stale image's mapping, whose patch carries records over (carry.c: the
     * patched version's store holds it, as long as the version lives, as a reopen holds its
     * mapping: no copy of every carried record's strings).  NULL: strings copied */
    img->size = size, img->hold = copied || changed ? hold_new(map, size) : NULL;
    img->fd = fd;
    if (!own) idx_image_part_of(ws)->view = image_view;   /* (the file's own mapping) */
    img->file_dev = (uint64_t)st.st_dev;
    img->file_ino = (uint64_t)st.st_ino;
    img->file_size = (uint64_t)st.st_size;
    image_segments(img, &r);
    img->changed = changed ? chg : NULL;
    img->nchanged = changed && chg ? ninputs : 0;
    if (!changed && chg) (void)restat_touched(ws, &r, img, chg, ninputs);   /* (oom: the image's stat) */
    if (!changed) mem_free(chg, chg ? ninputs + 1 : 0);
    img->scope = sec_at(&r, S_SCOPE);
    img->scope_size = r.h->sec[S_SCOPE].size;
    img->inputs = (const pst_input *)sec_at(&r, S_INPUTS) + nfiles;
    img->ninputs = sec_n(&r, S_INPUTS) - nfiles;
    TAKE_SECTION(&r, S_RINPUTS, img->rinputs, img->nrinputs);
    take_records(img, &r);
    serve(ws, &r, img, d, rd);
    /* the checks read every page; a live workspace then holds only what it reads again (the
     * copy's pages stay in the page cache: the next read is a minor fault) */
    if (copied && !changed) (void)madvise(map, size ? size : 1, MADV_DONTNEED);
    return changed ? 1 : 0;
}

static int scope_name(const char *p, size_t n, size_t *pos, ar_arena *a, const char **s, uint32_t *len)
{
    uint32_t k;
    if (n - *pos < sizeof k) return -1;
    memcpy(&k, p + *pos, sizeof k);
    *pos += sizeof k;
    if (k == 0 || k > n - *pos || memchr(p + *pos, 0, k)) return -1;
    char *d = ar_alloc(a, (size_t)k + 1);
    if (!d) return -2;
    memcpy(d, p + *pos, k);
    d[k] = 0;
    *pos += k;
    *s = d;
    *len = k;
    return 0;
}

/* A text of the scope (u32 length, bytes without a NUL; may be empty: "") into a. */
static int scope_text(const char *p, size_t n, size_t *pos, ar_arena *a, const char **s)
{
    uint32_t k;
    if (n - *pos < sizeof k) return -1;
    memcpy(&k, p + *pos, sizeof k);
    *pos += sizeof k;
    if (k > n - *pos || memchr(p + *pos, 0, k)) return -1;
    *s = "";
    if (k && !(*s = ar_strndup(a, p + *pos, k))) return -2;
    *pos += k;
    return 0;
}

static int scope_count(const char *p, size_t n, size_t *pos, size_t min_each, uint32_t *out)
{
    if (n - *pos < sizeof *out) return -1;
    memcpy(out, p + *pos, sizeof *out);
    *pos += sizeof *out;
    return (uint64_t)*out * min_each > n - *pos ? -1 : 0;
}

/* names strictly ascending by bytes, as the resolver sorts them (loads bisect) */
static int scope_sorted(const char *a, uint32_t al, const char *b, uint32_t bl)
{
    int c = memcmp(a, b, al < bl ? al : bl);
    return c < 0 || (c == 0 && al < bl);
}

int pst_scope(const lp_workspace *ws, ar_arena *a, rs_mod **out, uint32_t *nout)
{
    *out = NULL;
    *nout = 0;
    const struct pst_image *img = idx_image_part_of(ws)->image;
    if (!img || !img->scope_size) return -1;
    const char *p = img->scope;
    size_t n = img->scope_size, pos = 0;
    uint32_t nmods;
    if (scope_count(p, n, &pos, 8, &nmods) != 0 || nmods != idx_tab(ws)->nmods) return -1;
    rs_mod *mods = ar_alloc(a, (nmods ? nmods : 1) * sizeof *mods);
    if (!mods) return -2;
    memset(mods, 0, (nmods ? nmods : 1) * sizeof *mods);
    for (uint32_t m = 0; m < nmods; m++) {
        rs_mod *md = &mods[m];
        md->name = idx_str(ws, idx_tab(ws)->mods[m].name);
        md->root = idx_str(ws, idx_tab(ws)->mods[m].root);
        md->path = "";
        md->loaded = 1;
        int rc;
        if (scope_count(p, n, &pos, 16, &md->nvars) != 0) return -1;
        md->vars = ar_alloc(a, (md->nvars ? md->nvars : 1) * sizeof *md->vars);
        lpv_attr *at = ar_alloc(a, (md->nvars ? md->nvars : 1) * sizeof *at);
        if (!md->vars || !at) return -2;
        for (uint32_t i = 0; i < md->nvars; i++) {
            rs_var *v = &md->vars[i];
            memset(v, 0, sizeof *v);
            uint32_t nl;
            if ((rc = scope_name(p, n, &pos, a, &v->name, &nl)) != 0) return rc;
            if (i && !scope_sorted(at[i - 1].key, at[i - 1].klen, v->name, nl)) return -1;
            if ((rc = lpv_unpack(a, p, n, &pos, &v->val)) != 0) return rc;
            v->has_value = v->val.kind != LPV_UNKNOWN;
            if (n - pos < 2 || (uint8_t)p[pos] > 1 || (uint8_t)p[pos + 1] > RS_SRC_REQUIRE) return -1;
            v->has_default = (uint8_t)p[pos];
            v->source = (uint8_t)p[pos + 1];
            pos += 2;
            if ((rc = scope_text(p, n, &pos, a, &v->description)) != 0 ||
                (rc = scope_text(p, n, &pos, a, &v->type_text)) != 0)
                return rc;
            v->def = lpv_unknown();
            if (v->has_default && (rc = lpv_unpack(a, p, n, &pos, &v->def)) != 0) return rc;
            if (v->has_default && v->def.kind == LPV_UNKNOWN) return -1;
            v->file = "";
            at[i] = (lpv_attr){ v->name, nl, v->val };
        }
        md->var_obj = lpv_obj(LPV_OBJECT, at, md->nvars);   /* as vars.c builds it: sorted already */
        if (scope_count(p, n, &pos, 7, &md->nlocals) != 0) return -1;
        md->locals = ar_alloc(a, (md->nlocals ? md->nlocals : 1) * sizeof *md->locals);
        if (!md->locals) return -2;
        for (uint32_t i = 0; i < md->nlocals; i++) {
            rs_local *l = &md->locals[i];
            memset(l, 0, sizeof *l);
            if ((rc = scope_name(p, n, &pos, a, &l->name, &l->nlen)) != 0) return rc;
            if (i && !scope_sorted(md->locals[i - 1].name, md->locals[i - 1].nlen, l->name, l->nlen))
                return -1;
            if (pos >= n || (uint8_t)p[pos] > 2) return -1;
            l->failed = p[pos] == 2;
            l->ok = p[pos++] == 1;
            if ((rc = lpv_unpack(a, p, n, &pos, &l->val)) != 0) return rc;
            if (!l->ok && l->val.kind != LPV_UNKNOWN) return -1;
            l->state = RS_LOCAL_DONE;
        }
    }
    if (pos != n) return -1;
    *out = mods;
    *nout = nmods;
    return 0;
}

/* S_DEPS[j] as a read, checked: a kind resolution records, a mod of ws (nmods), fields it evaluates, a
 * name in the values heap (every entry read by name has one).  0 or -1. */
static int dep_read(const struct pst_image *img, const si_table *V, uint32_t nmods, uint32_t j, rs_dep *out)
{
    const pst_dep *p = &img->deps[j];
    if (p->kind < RS_DEP_VAR || p->kind > RS_DEP_NAME || p->pad || p->mod >= nmods || !p->fields ||
        (p->fields & ~RS_DEP_FIELDS) || !idx_valid_id(V, p->name) ||
        ((p->kind == RS_DEP_RES || p->kind == RS_DEP_NAME) && !p->name))
        return -1;
    *out = (rs_dep){ NULL, p->name ? si_str(V, p->name) : NULL, p->mod, p->kind, p->fields };
    return 0;
}

/* Entry id's record checked, its reads S_DEPS [*first, *end) (the records partition S_DEPS in order:
 * the first one's begin at 0).  0 or -1. */
static int rec_span(const struct pst_image *img, uint32_t id, uint32_t n, uint32_t *first, uint32_t *end)
{
    const pst_rec *p = &img->recs[id];
    *first = p->first;
    *end = id + 1 < n ? img->recs[id + 1].first : img->ndeps;
    return p->pad || (p->evaluated & ~RS_FIELDS_ALL) || (id == 0 && p->first != 0) || *end < p->first ||
                   *end > img->ndeps
               ? -1
               : 0;
}

/* Entry id's reads (S_DEPS [first, end)) as a list in pool, checked (dep_read).  0 or -1. */
static int record_deps(const struct pst_image *img, const si_table *V, uint32_t nmods, uint32_t first,
                       uint32_t end, rs_dep *pool, rs_dep **list, uint8_t *kinds)
{
    rs_dep **tail = list;
    for (uint32_t j = first; j < end; j++) {
        if (dep_read(img, V, nmods, j, &pool[j]) != 0) return -1;
        *tail = &pool[j];
        tail = &pool[j].next;
        *kinds |= (uint8_t)(1u << pool[j].kind);
    }
    return 0;
}

/* The image's resolution inputs as a table (their paths the image's), in
 * the order a finished resolution leaves them (by kind, then path, each
 * once: carry_over looks them up by bisection; it counts each input's
 * readers from the entries' reads itself).  0, -1 (not in that order), -2
 * (out of memory). */
static int record_inputs(const struct pst_image *img, const si_table *V, inp_table *out, ar_arena *a)
{
    uint32_t n = img->nrinputs;
    inp_rec *v = ar_alloc(a, ((size_t)n + 1) * sizeof *v);
    if (!v) return -2;
    for (uint32_t i = 0; i < n; i++) {
        v[i] = input_of(V, &img->rinputs[i]);
        if (i && (v[i].kind < v[i - 1].kind ||
                  (v[i].kind == v[i - 1].kind && strcmp(v[i - 1].path, v[i].path) >= 0)))
            return -1;
    }
    *out = (inp_table){ .v = v, .n = n, .cap = n };
    return 0;
}

int pst_records(const lp_workspace *ws, rs_ctx *out, ar_arena *a, ar_arena *keep)
{
    const struct pst_image *img = idx_image_part_of(ws)->image;
    const si_table *V = &idx_image_part_of(ws)->values;
    uint32_t n = idx_tab(ws)->nentries, nd = img ? img->ndeps : 0;
    rs_mod *given = out->mods;   /* the caller's decoded scope, or NULL */
    uint32_t ngiven = out->nmods;
    memset(out, 0, sizeof *out);
    if (!img || !img->nrecs || img->nrecs != n || img->nrdkeys != idx_resolve_part(ws)->nrdiags) return -1;
    out->ws = (lp_workspace *)(uintptr_t)ws;
    out->mods = given;
    out->nmods = ngiven;
    int rc = given ? 0 : pst_scope(ws, a, &out->mods, &out->nmods);
    if (rc != 0) return rc;
    if (out->nmods != idx_tab(ws)->nmods) return -1;
    rs_dep **deps = ar_zalloc(a, ((size_t)n + 1) * sizeof *deps);
    uint8_t *kinds = ar_zalloc(a, (size_t)n + 1);
    uint16_t *ev = ar_alloc(a, ((size_t)n + 1) * sizeof *ev);
    rs_dep *pool = ar_alloc(img->hold ? keep : a, ((size_t)nd + 1) * sizeof *pool);   /* (referred to) */
    uint32_t *keys = ar_alloc(a, ((size_t)img->nrdkeys + 1) * sizeof *keys);
    if (!deps || !kinds || !ev || !pool || !keys) return -2;
    out->deps = deps;
    for (uint32_t id = 0; id < n; id++) {
        uint32_t first, end;
        if (rec_span(img, id, n, &first, &end) != 0 ||
            record_deps(img, V, out->nmods, first, end, pool, &deps[id], &kinds[id]) != 0)
            return -1;
        ev[id] = img->recs[id].evaluated;
    }
    /* the diagnostics by entry, in order (carry_entry bisects them) */
    for (uint32_t i = 0; i < img->nrdkeys; i++) {
        keys[i] = img->rdkeys[i];
        if (keys[i] > n || (i && keys[i] < keys[i - 1])) return -1;
    }
    if ((rc = record_inputs(img, V, &out->inputs, a)) != 0) return rc;
    out->depkinds = kinds;
    out->img_evaluated = ev;
    out->diags = idx_resolve_part(ws)->rdiags;
    out->ndiags = out->capdiags = idx_resolve_part(ws)->nrdiags;
    out->dkeys = keys;
    if (img->hold) {   /* the strings may be referred to where they are */
        out->img_hold = img->hold;
        out->img_hold_ref = hold_ref;
        out->img_hold_unref = hold_unref;
    }
    return 0;
}

/* ---- the records read where they lie (rs_image_reads) */

/* Can the image's records serve ws as pst_records would take them? */
static const struct pst_image *reads_image(const lp_workspace *ws)
{
    const struct pst_image *img = idx_image_part_of(ws)->image;
    return img && img->nrecs && img->nrecs == idx_tab(ws)->nentries &&
                   img->nrdkeys == idx_resolve_part(ws)->nrdiags
               ? img
               : NULL;
}

/* The entry whose reads hold S_DEPS[j], its span checked (the records are in order: bisected) */
static int reads_owner(const struct pst_image *img, uint32_t n, uint32_t j, uint32_t *id, uint32_t *first,
                       uint32_t *end)
{
    uint32_t lo = 0, hi = n;   /* the last record beginning at or before j */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (img->recs[mid].first <= j) lo = mid;
        else hi = mid;
    }
    *id = lo;
    return rec_span(img, lo, n, first, end) == 0 && *first <= j && j < *end ? 0 : -1;
}

/* S_DEPS walked in order, each read of a kind asked for given with its entry (found by bisection where
 * a new entry's reads begin): the reads, not the entries (aws_insights: 3,812 entries, a tenth as many
 * reads of those kinds) */
static int reads_each(const lp_workspace *ws, unsigned kinds,
                      int (*fn)(void *user, uint32_t id, const rs_dep *read), void *user)
{
    const struct pst_image *img = reads_image(ws);
    const si_table *V = &idx_image_part_of(ws)->values;
    uint32_t n = idx_tab(ws)->nentries, nmods = idx_tab(ws)->nmods, id = 0, first = 0, end = 0;
    if (!img || img->recs[0].first != 0) return -1;
    for (uint32_t j = 0; j < img->ndeps; j++) {
        unsigned kind = img->deps[j].kind;
        if (kind < RS_DEP_VAR || kind > RS_DEP_NAME) return -1;
        if (!(kinds >> kind & 1)) continue;   /* (not given: its name not checked, never read) */
        rs_dep d;
        if ((j >= end && reads_owner(img, n, j, &id, &first, &end) != 0) ||
            dep_read(img, V, nmods, j, &d) != 0)
            return -1;
        int rc = fn(user, id, &d);
        if (rc) return rc;
    }
    return 0;
}

static unsigned reads_evaluated(const lp_workspace *ws, uint32_t id)
{
    const struct pst_image *img = idx_image_part_of(ws)->image;   /* (each checked it) */
    return id < img->nrecs ? img->recs[id].evaluated & RS_FIELDS_ALL : 0;
}

static const uint32_t *reads_diag_keys(const lp_workspace *ws)
{
    const struct pst_image *img = reads_image(ws);
    return img ? img->rdkeys : NULL;
}

static int reads_inputs(const lp_workspace *ws, inp_table *out, ar_arena *a)
{
    const struct pst_image *img = reads_image(ws);
    return img ? record_inputs(img, &idx_image_part_of(ws)->values, out, a) : -1;
}

static void *reads_hold(const lp_workspace *ws, void (**ref)(void *), void (**unref)(void *))
{
    const struct pst_image *img = idx_image_part_of(ws)->image;
    *ref = hold_ref;
    *unref = hold_unref;
    return img ? img->hold : NULL;
}

static const rs_image_reads image_reads = { reads_each, reads_evaluated, reads_diag_keys, reads_inputs,
                                            reads_hold };

int pst_loadrec(const lp_workspace *ws, rs_loadrec *out, ar_arena *a)
{
    const struct pst_image *img = idx_image_part_of(ws)->image;
    const si_table *V = &idx_image_part_of(ws)->values;
    memset(out, 0, sizeof *out);
    if (!img || !img->load || img->load->read_res > 1 || img->load->pad ||
        img->nrdkeys != idx_resolve_part(ws)->nrdiags)
        return -1;
    uint32_t nf = img->nlfiles, ni = img->nlinputs, ne = img->nlenv;
    out->files = ar_alloc(a, ((size_t)nf + 1) * sizeof *out->files);
    out->inputs = ar_alloc(a, ((size_t)ni + 1) * sizeof *out->inputs);
    out->env = ar_alloc(a, ((size_t)ne + 1) * sizeof *out->env);
    if (!out->files || !out->inputs || !out->env) return -2;
    for (uint32_t i = 0; i < nf; i++) {   /* ascending file indices of ws */
        out->files[i] = img->lfiles[i];
        if (out->files[i] >= idx_tab(ws)->nfiles || (i && out->files[i] <= out->files[i - 1])) return -1;
    }
    for (uint32_t i = 0; i < ni; i++) {
        if (!input_ok(V, &img->linputs[i])) return -1;
        out->inputs[i] = input_of(V, &img->linputs[i]);
    }
    for (uint32_t i = 0; i < ne; i++) {
        if (!img->lenv[i] || !idx_valid_id(V, img->lenv[i])) return -1;
        out->env[i] = si_str(V, img->lenv[i]);
    }
    /* loading's diagnostics: the first of resolution's, keyed 0 (S_RDKEYS ascending: pst_records) */
    while (out->ndiags < img->nrdkeys && img->rdkeys[out->ndiags] == 0) out->ndiags++;
    out->nfiles = nf;
    out->ninputs = ni;
    out->nenv = out->capenv = ne;
    out->env_hash = img->load->env_hash;
    out->var_names = img->load->var_names;
    out->read_res = (int)img->load->read_res;
    return 0;
}

int pst_input_get(const lp_workspace *ws, uint32_t i, inp_rec *out)
{
    const struct pst_image *img = idx_image_part_of(ws)->image;
    if (!img) return -1;
    const si_table *vals = &idx_image_part_of(ws)->values;
    if (i < img->ninputs) *out = input_of(vals, &img->inputs[i]);
    else if (i - img->ninputs < img->nrinputs) *out = input_of(vals, &img->rinputs[i - img->ninputs]);
    else return -1;
    for (uint32_t t = 0; t < img->nrestat; t++) {   /* touched since the image: as it is now */
        const pst_restat *x = &img->restat[t];
        if (x->k != (uint64_t)img->nfiles + i) continue;
        out->mtime_ns = x->mtime_ns;
        out->size = x->size;
        out->dev = x->dev;
        out->ino = x->ino;
        out->ctime = x->ctime;
    }
    return 0;
}

int pst_hold_mapping(const lp_workspace *prev, lp_workspace *ws)
{
    const struct pst_image *img = idx_image_part_of(prev)->image;
    const idx_image_part *pp = idx_image_part_of(prev);
    /* the stale image's (a one-shot open's mapping of the file, a live one's copy), or the one prev
     * holds (a live version refreshed from a patched one, whose strings borrow that mapping's) */
    pst_hold *h = img ? img->hold : pp->map_unref == hold_unref ? pp->map_hold : NULL;
    if (!h || idx_image_part_of(ws)->map_hold) return 0;
    hold_ref(h);
    idx_image_part_of(ws)->map_hold = h;
    idx_image_part_of(ws)->map_unref = hold_unref;
    return 1;
}

const uint8_t *pst_changed(const lp_workspace *ws)
{
    return idx_image_part_of(ws)->image ? idx_image_part_of(ws)->image->changed : NULL;
}

uint32_t pst_changed_count(const lp_workspace *ws)
{
    const struct pst_image *img = idx_image_part_of(ws)->image;
    uint32_t n = 0;
    for (size_t i = 0; img && img->changed && i < img->nchanged; i++) n += img->changed[i] != 0;
    return n;
}

uint64_t pst_decoded_bytes(const lp_workspace *ws)
{
    const struct pst_image *img = idx_image_part_of(ws)->image;
    if (!img) return 0;
    return img->scope_size + (uint64_t)img->nrecs * sizeof *img->recs +
           (uint64_t)img->ndeps * sizeof *img->deps + (uint64_t)img->nrinputs * sizeof *img->rinputs +
           (uint64_t)img->nlinputs * sizeof *img->linputs;
}

/* A live workspace's lazy segment x of file block b (seg_file_stub): its head read from fd (the
 * segments at base), and all of it when its blocks go further.  NULL with *why when it is not one. */
static seg *file_stub(seg_block *b, int fd, uint64_t base, const pst_segref *x, const char **why)
{
    uint64_t head[256];   /* (8-aligned) */
    size_t have = x->size < sizeof head ? (size_t)x->size : sizeof head;
    *why = "the image's segments: cut short";
    if (srcfile_pread_full(fd, head, have, base + x->off) != 0) return NULL;
    seg *s = seg_file_stub(b, x->off, (size_t)x->size, x->sum, (const char *)head, have, why);
    if (s || have == x->size) return s;
    char *all = mem_malloc((size_t)x->size);   /* (mimalloc's: 8-aligned) */
    if (all && srcfile_pread_full(fd, all, (size_t)x->size, base + x->off) == 0)
        s = seg_file_stub(b, x->off, (size_t)x->size, x->sum, all, (size_t)x->size, why);
    mem_free(all, all ? (size_t)x->size : 0);
    return s;
}

/* The segments' heads (S_SEG_HEADS) when their checksum holds: at `at`, in a mapping of them, or
 * read from the image file into memory of their own (at NULL: a live workspace's, the caller's to
 * free).  NULL: none, each stub reads its segment's own head. */
static char *heads_of(const struct pst_image *img, char *at)
{
    size_t n = (size_t)img->heads_size;
    char *h = !n ? NULL : at ? at : mem_malloc(n);
    int read = h && (at || srcfile_pread_full(img->fd, h, n, img->heads_off) == 0);
    if (read && xxh3_64(h, n) == img->heads_sum) return h;
    if (!at) mem_free(h, h ? n : 0);
    return NULL;
}

/* Is s, taken from segment record x, the scan its file's record fr says: its path (by the hash the record
 * keeps of the index's), bytes, size and parse outcome, and every entry the index kept of it? */
static int stub_is_files(const seg *s, const pst_segref *x, const idx_file *fr)
{
    return xxh3_64(s->path, strlen(s->path)) == x->path_sum && s->hash == fr->hash && s->size == fr->size &&
           s->status == fr->status && fr->entry_count <= s->res.nentries;
}

/* A one-shot patch's segments, made into stubs on first use (idx_segments.lazy): the image's version
 * and every version patched from it share the table, each with a reference.  A patch reads the stubs of
 * a few files (the edited ones' old segments, the files of the entries evaluated again, and those with
 * blocks of locals or variables when loading runs again); its writer, after the answer, all the others.
 * Made all at once, a stub per file was a third of what a title edit's patch spent beside a reopen
 * (aws_compliance: 0.3 ms of 550 stubs; 123,208 entries in 8,199 files: 2.8 ms, half of it page faults). */
typedef struct seg_table {
    _Atomic uint32_t refs;
    pst_hold *hold;              /* the image's mapping: the records below and the files' lie in it */
    seg_block *blk;              /* the segments and their heads, mapped */
    const char *heads;           /* S_SEG_HEADS, checked whole (heads_of), or NULL: each its own */
    size_t segs_size;            /* the segments' bytes at the block's start (the heads after them) */
    const pst_segref *segref;
    const idx_file *files;       /* the image's files, by which each stub is checked */
    char **mods;                 /* the mods' names (copies), nmods */
    uint32_t nmods, n;
    _Atomic(seg *) *made;        /* n: the stub of each once made, one reference each */
} seg_table;

/* The head of slot f's segment and its length (the image's copy, or the segment's own bytes). */
static const char *table_head(const seg_table *t, uint32_t f, size_t *have)
{
    const pst_segref *x = &t->segref[f];
    *have = t->heads ? x->head_len : (size_t)x->size;
    return t->heads ? t->heads + x->head_off : seg_block_mem(t->blk) + x->off;
}

/* Slot f's segment header as its head says (a stub not made yet: its scalars alone are of use). */
static int table_head_copy(void *tp, uint32_t f, seg *out)
{
    size_t have;
    const char *h = table_head(tp, f, &have);
    if (have < sizeof *out) return -1;
    memcpy(out, h, sizeof *out);
    return 0;
}

static seg *table_peek(void *tp, uint32_t f)
{
    seg_table *t = tp;
    return atomic_load_explicit(&t->made[f], memory_order_acquire);
}

/* Slot f's stub, made now: checked as pst_segs checks one made at once, and its mod and parse the
 * file's as the image records it (a version that took it lazily compared the file's record only:
 * workspace.c).  NULL, with the block failed: the open that needed it builds again. */
static seg *table_get(void *tp, uint32_t f)
{
    seg_table *t = tp;
    seg *s = f < t->n ? atomic_load_explicit(&t->made[f], memory_order_acquire) : NULL;
    if (s || f >= t->n) return s;
    const pst_segref *x = &t->segref[f];
    const idx_file *fr = &t->files[f];
    const char *bad;
    size_t have;
    const char *head = table_head(t, f, &have);
    s = x->size ? seg_image_stub(t->blk, seg_block_mem(t->blk) + x->off, (size_t)x->size, head, have, x->sum,
                                 &bad)
                : NULL;
    if (s && (!stub_is_files(s, x, fr) || s->full_parse || fr->mod >= t->nmods ||
              strcmp(s->mod, t->mods[fr->mod]) != 0)) {
        seg_unref(s);
        s = NULL;
    }
    if (!s) {
        seg_block_fail(t->blk);
        return NULL;
    }
    seg *was = NULL;
    if (!atomic_compare_exchange_strong_explicit(&t->made[f], &was, s, memory_order_acq_rel,
                                                 memory_order_acquire)) {
        seg_unref(s);   /* (another thread made it first) */
        return was;
    }
    return s;
}

static void table_prefault(void *tp)
{
    const seg_table *t = tp;
    seg_block_prefault(t->blk, t->segs_size);
}

static void table_unref(void *tp)
{
    seg_table *t = tp;
    if (!t || atomic_fetch_sub_explicit(&t->refs, 1, memory_order_acq_rel) != 1) return;
    for (uint32_t f = 0; t->made && f < t->n; f++)
        seg_unref(atomic_load_explicit(&t->made[f], memory_order_relaxed));
    for (uint32_t m = 0; t->mods && m < t->nmods; m++)
        mem_free(t->mods[m], t->mods[m] ? strlen(t->mods[m]) + 1 : 0);
    mem_free(t->mods, t->mods ? ((size_t)t->nmods + 1) * sizeof *t->mods : 0);
    mem_free(t->made, t->made ? ((size_t)t->n + 1) * sizeof *t->made : 0);
    seg_block_unref(t->blk);
    if (t->hold) hold_unref(t->hold);
    mem_free(t, sizeof *t);
}

/* A table of ws's n files' segments in blk (heads: their checked copies, or NULL), its mods' names
 * copied; NULL out of memory (blk then still the caller's). */
static seg_table *table_new(const lp_workspace *ws, struct pst_image *img, seg_block *blk, const char *heads)
{
    uint32_t n = idx_tab(ws)->nfiles, nmods = idx_tab(ws)->nmods;
    seg_table *t = mem_calloc(1, sizeof *t);
    if (!t) return NULL;
    atomic_init(&t->refs, 1);
    t->n = n;
    t->nmods = nmods;
    t->made = mem_calloc((size_t)n + 1, sizeof *t->made);
    t->mods = mem_calloc((size_t)nmods + 1, sizeof *t->mods);
    int ok = t->made && t->mods;
    for (uint32_t m = 0; ok && m < nmods; m++) {
        const char *name = idx_str(ws, idx_tab(ws)->mods[m].name);
        size_t len = strlen(name) + 1;
        if ((ok = (t->mods[m] = mem_malloc(len)) != NULL)) memcpy(t->mods[m], name, len);
    }
    if (!ok) {
        table_unref(t);
        return NULL;
    }
    t->hold = img->hold;
    hold_ref(img->hold);
    t->blk = blk;
    t->heads = heads;
    t->segs_size = (size_t)img->segs_size;
    t->segref = img->segref;
    t->files = idx_tab(ws)->files;
    return t;
}

/* ws's segments as a table of stubs made on first use (blk: the image file's segments and heads,
 * mapped, which the table takes; heads: their checked copies, or NULL), the changed files' made now.
 * The files with a segment, or -1. */
static int lazy_segs(lp_workspace *ws, struct pst_image *img, seg_block *blk, const char *heads, char *why,
                     size_t wsize)
{
    uint32_t n = idx_tab(ws)->nfiles, nseg = 0;
    seg_table *t = table_new(ws, img, blk, heads);
    seg **v = t ? mem_calloc((size_t)n + 1, sizeof *v) : NULL;
    uint32_t *slot = v ? mem_malloc(((size_t)n + 1) * sizeof *slot) : NULL;
    if (!slot) {
        say(why, wsize, "out of memory%s", "");
        mem_free(v, v ? ((size_t)n + 1) * sizeof *v : 0);
        if (t) table_unref(t);   /* (blk with it) */
        else seg_block_unref(blk);
        return -1;
    }
    (void)seg_block_stubs(blk, n);
    idx_segments *sg = idx_segments_of(ws);
    sg->segs = v;
    sg->nsegs = n;
    sg->lazy = t;
    sg->lazy_slot = slot;
    sg->lazy_get = table_get;
    sg->lazy_peek = table_peek;
    sg->lazy_head = table_head_copy;
    sg->lazy_unref = table_unref;
    sg->lazy_prefault = table_prefault;
    img->own_segs = 1;
    uint64_t end = 0;   /* past the last segment taken: one taken in place may not overlap another */
    for (uint32_t f = 0; f < n; f++) {
        const pst_segref *x = &img->segref[f];
        slot[f] = x->size && x->off >= end ? f : UINT32_MAX;
        if (slot[f] == UINT32_MAX) {
            if (x->size) say(why, wsize, "the image's segments: %s", "segments overlap");
            continue;
        }
        end = x->off + x->size;
        nseg++;
        /* a changed file's old scan is read (its entries' text compared); one that fails fails the
         * block: the patch builds again */
        if (img->changed && f < img->nchanged && img->changed[f] == 1) (void)table_get(t, f);
    }
    return (int)nseg;
}

int pst_segs_share(lp_workspace *ws, const lp_workspace *prev)
{
    const idx_segments *p = idx_segments_of(prev);
    idx_segments *sg = idx_segments_of(ws);
    if (sg->lazy || !p->lazy) return sg->lazy == p->lazy ? 0 : -1;
    uint32_t n = sg->nsegs;
    if (!(sg->lazy_slot = mem_malloc(((size_t)n + 1) * sizeof *sg->lazy_slot))) return -1;
    memset(sg->lazy_slot, 0xff, ((size_t)n + 1) * sizeof *sg->lazy_slot);   /* UINT32_MAX: none */
    atomic_fetch_add_explicit(&((seg_table *)p->lazy)->refs, 1, memory_order_relaxed);
    sg->lazy = p->lazy;
    sg->lazy_get = p->lazy_get;
    sg->lazy_peek = p->lazy_peek;
    sg->lazy_head = p->lazy_head;
    sg->lazy_unref = p->lazy_unref;
    sg->lazy_prefault = p->lazy_prefault;
    return 0;
}

int pst_segs(lp_workspace *ws, char *why, size_t wsize)
{
    struct pst_image *img = idx_image_part_of(ws)->image;
    if (!img || idx_segments_of(ws)->segs) return 0;
    if (!img->nsegref || img->nsegref != idx_tab(ws)->nfiles) {
        say(why, wsize, "the image has no segments%s", "");
        return -1;
    }
    /* Taken lazily, each checked by its own checksum and layout when first read (seg_ready: the few
     * a patch or a refresh reads again; the rest are written into the next image as they are).  A
     * one-shot open maps the image file privately (taking one in place writes the pages that hold
     * its pointers, which are then copied, the rest stay the page cache's; reading them into fresh
     * memory was a third of a patched open's CPU) and holds the mapping as it holds the image's: its
     * exposure to a file truncated in place is a reopen's, a few ms.  A live workspace, which runs
     * for days, maps nothing of the file: it reads each segment's head (its path, mod and blocks come
     * first) and the whole segment when it is made usable or written, from the file it opened (a
     * file cut since is a short read: the build that read it is made again; reading and taking all
     * 5.7 MB of aws_compliance's was 4.8 ms of a server's start after an edit).  Without a file of
     * the size the image says, they are read into memory of its own, each checked and taken now. */
    size_t ssize = (size_t)img->segs_size, tail = (size_t)(img->heads_off + img->heads_size - img->segs_off);
    int live = idx_segments_of(ws)->refreshable;
    struct stat fst;
    int whole = fstat(img->fd, &fst) == 0 && (uint64_t)fst.st_size >= img->segs_off + tail;
    /* each stub is made from its head's copy, which it refers to: the heads lie side by side (a page
     * of each of 550 segments, mapped or read, was a fifth of a patched command's CPU beside a reopen) */
    seg_block *blk = whole && !live ? seg_block_map(img->fd, img->segs_off, tail) : NULL;
    char *heads = blk ? heads_of(img, seg_block_mem(blk) + (img->heads_off - img->segs_off))
                  : whole && live ? heads_of(img, NULL)
                                  : NULL;
    seg_block *file = whole && live ? seg_block_file(img->fd, img->segs_off, xxh3_64, heads,
                                                     (size_t)img->heads_size)
                                    : NULL;
    if (whole && live && !file) heads = NULL;   /* (freed) */
    int mapped = blk != NULL;
    if (!blk && !file) blk = seg_block_new(ssize);
    char *segs = blk ? seg_block_mem(blk) : NULL;
    if (mapped) seg_block_lazy(blk, xxh3_64);
    if (mapped && img->hold) return lazy_segs(ws, img, blk, heads, why, wsize);
    if (!file && (!segs || (!mapped && srcfile_pread_full(img->fd, segs, ssize, img->segs_off) != 0))) {
        say(why, wsize, segs ? "the image's segments: cut short%s" : "out of memory%s", "");
        seg_block_unref(blk);
        return -1;
    }
    if (file) blk = file;
    if (mapped || file) (void)seg_block_stubs(blk, idx_tab(ws)->nfiles);   /* (else one by one) */
    seg **v = mem_calloc((size_t)idx_tab(ws)->nfiles + 1, sizeof *v);
    if (!v) {
        seg_block_unref(blk);
        say(why, wsize, "out of memory%s", "");
        return -1;
    }
    uint32_t n = 0;
    uint64_t end = 0;   /* past the last segment taken: one taken in place may not overlap another */
    for (uint32_t f = 0; f < idx_tab(ws)->nfiles; f++) {
        const pst_segref *x = &img->segref[f];
        const char *bad = "segments overlap";
        /* (a changed file's too: it is scanned again, but resolution compares its blocks of locals and
         * variables with the new scan's, to share the image's scope when they are the same) */
        if (!x->size) continue;
        /* a segment is only taken for a file of its path (seg_find), and must be that file's scan
         * as the image records it (a patch trusts the file's record: pst_changed); its path the
         * file's by the hash the record keeps of the index's (read beside the heads, not where the
         * index's strings lie) */
        const idx_file *fr = &idx_tab(ws)->files[f];
        /* each by its own checksum (a lazy one when read): an image's segment that no open read is
         * written into the next image as it was, with the checksum it had, so damage is never
         * carried into an image under a checksum computed over it */
        char *at = segs ? segs + x->off : NULL;
        const char *head = heads ? heads + x->head_off : at;   /* (its copy, or its own) */
        size_t have = heads ? x->head_len : (size_t)x->size;
        int sum_ok = mapped || file || (x->off >= end && xxh3_64(at, (size_t)x->size) == x->sum);
        if (!sum_ok) bad = "a segment's checksum";
        if (x->off >= end && sum_ok &&
            (v[f] = file && heads ? seg_file_stub(file, x->off, (size_t)x->size, x->sum, head, have, &bad)
                    : file        ? file_stub(file, img->fd, img->segs_off, x, &bad)
                    : mapped      ? seg_image_stub(blk, at, (size_t)x->size, head, have, x->sum, &bad)
                                  : seg_image_take(blk, at, (size_t)x->size, &bad)) != NULL &&
            !stub_is_files(v[f], x, fr)) {
            seg_unref(v[f]);
            v[f] = NULL;
            bad = "a segment is not its file's";
        }
        if (x->off >= end) end = x->off + x->size;   /* (checked or half relocated: not read again) */
        if (v[f]) n++;
        else say(why, wsize, "the image's segments: %s", bad);
    }
    seg_block_unref(blk);   /* the segments taken hold it */
    idx_segments_of(ws)->segs = v;
    idx_segments_of(ws)->nsegs = idx_tab(ws)->nfiles;
    img->own_segs = 1;
    return (int)n;
}

int pst_segs_failed(const lp_workspace *ws)
{
    /* (a refreshed version's are the image's, taken from the version before, beside its own scans) */
    const idx_segments *sg = idx_segments_of(ws);
    if (sg->lazy && seg_block_failed(((const seg_table *)sg->lazy)->blk)) return 1;
    for (uint32_t f = 0; sg->segs && f < sg->nsegs; f++)
        if (sg->segs[f] && seg_block_failed(sg->segs[f]->block)) return 1;
    return 0;
}

void pst_unload(lp_workspace *ws)
{
    struct pst_image *img = idx_image_part_of(ws)->image;
    if (!img) return;
    mem_free(idx_tab(ws)->diags, ((size_t)idx_tab(ws)->ndiags + 1) * sizeof *idx_tab(ws)->diags);
    mem_free(idx_resolve_part(ws)->rdiags,
             ((size_t)idx_resolve_part(ws)->nrdiags + 1) * sizeof *idx_resolve_part(ws)->rdiags);
    mem_free(img->changed, img->changed ? img->nchanged + 1 : 0);
    mem_free(img->restat, (size_t)img->restat_cap * sizeof *img->restat);
    mem_free(img->files_copy, img->files_copy ? (size_t)img->nfiles * sizeof *img->files_copy : 0);
    bits_free((uint64_t *)(uintptr_t)idx_image_part_of(ws)->row_bits, idx_tab(ws)->nentries);
    idx_image_part_of(ws)->row_bits = NULL;
    idx_image_part_of(ws)->entry_unres = NULL;
    if (img->own_segs) {
        mem_free(idx_segments_of(ws)->segs,
                 ((size_t)idx_segments_of(ws)->nsegs + 1) * sizeof *idx_segments_of(ws)->segs);
        idx_segments_of(ws)->segs = NULL;
        idx_segments_of(ws)->nsegs = 0;
    }
    if (img->hold) {
        /* later versions may refer into the copy: its pages this version read are dropped from the
         * page tables (they stay in the page cache), the mapping goes with the last reference (a
         * stale image's mapping, held by the one-shot open that patched it: kept as it is) */
        if (img->copied) (void)madvise(img->map, img->size ? img->size : 1, MADV_DONTNEED);
        hold_unref(img->hold);
    } else {
        munmap(img->map, img->size ? img->size : 1);
    }
    close(img->fd);
    mem_free(img, sizeof *img);
    idx_image_part_of(ws)->image = NULL;
}

/* ------------------------------------------------------------ the usual place */

static int mkdir_p(char *p)
{
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        int rc = mkdir(p, 0700);
        *s = '/';
        if (rc != 0 && errno != EEXIST) return -1;
    }
    return mkdir(p, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

int lp_default_index_cache_dir(char *out, size_t size)
{
    const char *d = getenv("LAZYPIPE_CACHE_DIR"), *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    int k;
    if (d && *d) k = snprintf(out, size, "%s", d);
    else if (x && *x) k = snprintf(out, size, "%s/lazypipe", x);
    else if (home && *home) k = snprintf(out, size, "%s/.cache/lazypipe", home);
    else return LP_ERR_IO;
    if (k < 0 || (size_t)k >= size) return LP_ERR_ARG;
    return mkdir_p(out) == 0 ? LP_OK : LP_ERR_IO;
}

const char *pst_dir_foreign(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0) return "it cannot be read";
    if (!S_ISDIR(st.st_mode)) return "it is not a directory";
    if (st.st_uid != geteuid()) return "it belongs to another user";
    if (st.st_mode & (S_IWGRP | S_IWOTH)) return "group or others may write it";
    return NULL;
}

int lp_index_cache_private(const char *dir, char *out, size_t size, char *why, size_t wsize)
{
    if (size) out[0] = '\0';
    if (wsize) why[0] = '\0';
    struct stat st;
    if (stat(dir, &st) != 0) return LP_ERR_IO;   /* (the caller knows why: it made dir, or was given it) */
    const char *bad = pst_dir_foreign(dir);
    if (!bad) {
        int k = snprintf(out, size, "%s", dir);
        return k < 0 || (size_t)k >= size ? LP_ERR_ARG : LP_OK;
    }
    /* a private directory of ours inside it: made 0700 here, so nobody else
     * can have put anything in it; one that is there already must be ours and
     * private (not a link: lstat) */
    char sub[PATH_MAX];
    int k = snprintf(sub, sizeof sub, "%s/lazypipe-%lu", dir, (unsigned long)geteuid());
    int ok = k > 0 && (size_t)k < sizeof sub && (mkdir(sub, 0700) == 0 || errno == EEXIST) &&
             lstat(sub, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == geteuid() &&
             (st.st_mode & 077) == 0 && (size_t)k < size;
    if (ok) {
        snprintf(out, size, "%s", sub);
        if (wsize)
            snprintf(why, wsize, "the index cache %s is not private (%s): using %s instead", dir, bad, sub);
        return LP_OK;
    }
    if (wsize)
        snprintf(why, wsize, "the index cache %s is not private (%s) and no private directory could be made "
                 "in it: the index is not persisted", dir, bad);
    return LP_ERR_IO;
}

int pst_image_file(const lp_workspace *ws, uint64_t *dev, uint64_t *ino, uint64_t *size)
{
    const struct pst_image *img = idx_image_part_of(ws)->image;
    if (!img) return -1;
    *dev = img->file_dev;
    *ino = img->file_ino;
    *size = img->file_size;
    return 0;
}

int pst_save_resolved(const lp_workspace *ws, const struct rs_ctx *c, char *why, size_t wsize)
{
    char path[4096];
    const char *foreign_dir = pst_dir_foreign(idx_opts(ws)->index_cache);
    if (foreign_dir) {
        snprintf(why, wsize, "the index cache directory is not private (%s): not written", foreign_dir);
        return -1;
    }
    uint64_t fp = pst_fingerprint(idx_dir(ws), idx_opts(ws));
    if (pst_cache_path(idx_opts(ws)->index_cache, idx_dir(ws), fp, path, sizeof path) != 0) {
        snprintf(why, wsize, "%s", "no path for the image");
        return -1;
    }
    /* a patch's image is not written over one another command wrote since this one read the stale
     * image (the command after an edited one patches it too: both images are the same edit's) */
    const idx_image_part *ip = idx_image_part_of(ws);
    struct stat now;
    if (ip->patched_ino && stat(path, &now) == 0 &&
        ((uint64_t)now.st_ino != ip->patched_ino || (uint64_t)now.st_dev != ip->patched_dev)) {
        snprintf(why, wsize, "%s", "another command wrote the image since");
        return 1;
    }
    return pst_save(ws, c, path, fp, why, wsize);
}
