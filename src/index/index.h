/* index.h — the workspace index: internal records shared by the index
 * builder (workspace.c, index.c), the payload writers (payload.c), the
 * background resolver (EVAL) and the bench (BENCH).
 *
 * Pipeline of lp_open() (workspace.c):
 *   mod.c      find the main mod and the dependency mods, list their files
 *   scan.c     one parsed file -> scan_result (worker threads, scratch arenas)
 *   index.c    merge the results in file order into the flat index below,
 *              then the hierarchy (children, parents, top-level, cycles);
 *              or, for a refresh whose changed files kept their entries'
 *              names, kinds and places, copy the previous version's index
 *              and merge only those entries' fields (index_update)
 *   payload.c  available_dashboards / list JSON from the index
 *
 * THE FLAT INDEX.  Everything is built once by lp_open and never written
 * again, except the `resolved` pointer of each entry (the phase-2 hook below).
 *  - strings: one si_table heap (intern.h); records hold 32-bit string ids.
 *  - entries: an array of fixed-size idx_entry records (56 bytes), id = index.
 *  - names:   the intern table is the name table: a full name's string keeps
 *             its entry's id + 1 in its value word (si_val), so a
 *             lookup is one probe and a child reference, once interned, is
 *             resolved without another table or string compare.
 *  - kv:      tag pairs and optional properties of all entries, u32 pairs.
 *  - adj:     children then parents of every entry (16- or 32-bit ids).
 *  - files, mods, diagnostics, snapshots.
 * The merge runs while later files are still being scanned (build.h), so
 * entries, kv and the strings grow as files are merged (extrapolating from the
 * files so far: about one growth each for uniform files) and are shrunk to
 * size at the end; every other array is allocated once, at its final size,
 * from the workspace arena.
 *
 * PHASE-2 HOOK (background resolution).  Fields that need evaluation are
 * listed in idx_entry.unresolved (LP_UNRES_* bits of lazypipe.h).  The
 * resolver keeps what it needs from the entry — file, byte range, kind, mod
 * (ws->ix.mods[idx_mod_of(ws, e)].root for file()) and the unresolved bits — evaluates the
 * block, then publishes an immutable idx_resolved record holding the fields
 * evaluation gave (idx_resolved.evaluated; idx_view_make reads every other
 * field from the scan, so a later version with the same scan can publish the
 * same record) allocated in an arena the resolver owns and keeps alive until
 * lp_close (or, live, until the last version publishing it closes):
 *
 *     idx_publish(ws, id, rec);    // one atomic store, memory_order_release
 *
 * Readers (lp_entry_get, payloads) call idx_view(ws, id, &view), which does
 * one acquire load: they see the scanned version or one published version,
 * never a mix, and never wait.  Republishing later replaces the pointer again
 * (the old record must stay valid until lp_close).  The hierarchy (children,
 * parents, top-level) is not part of the hook: `children` that is not a tuple
 * literal is reported as LP_UNRES_CHILDREN and stays out of the tree.
 */
#ifndef LP_INDEX_H
#define LP_INDEX_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/inputs.h"
#include "base/intern.h"
#include "lazypipe.h"

/* ---------------------------------------------------------------- kinds */

/* Block type names, indexed by lp_kind. */
extern const char *const idx_kind_names[LP_KIND__COUNT];
/* The type part of a full name: the block type, except "var" for variables
 * (eager Powerpipe names them mod.var.x). */
extern const char *const idx_kind_name_types[LP_KIND__COUNT];

static inline int idx_kind_is_benchmark(unsigned kind)
{
    return kind == LP_KIND_BENCHMARK || kind == LP_KIND_DETECTION_BENCHMARK;
}

/* ---------------------------------------------------------------- entries */

/* idx_entry.flags */
enum {
    IDX_TOP_LEVEL = 1u << 0,     /* no parent in its own mod (dashboard/benchmark kinds only) */
    IDX_NESTED = 1u << 1,        /* a block inside a dashboard or container */
    IDX_ANONYMOUS = 1u << 2,     /* nested and unlabelled: generated name */
    IDX_HAS_SQL = 1u << 3,       /* has an `sql` or `query` attribute */
    IDX_HAS_TAGS = 1u << 4,      /* has a `tags` attribute (or block) */
    IDX_DETECTION = 1u << 5,     /* benchmark_type "detection" */
    IDX_SCOPED = 1u << 6,        /* not in the name table, reached through its parent: a
                                  * dashboard's own input, or a nested block whose name a block
                                  * of another tree holds (index.c, merge_file) */
    IDX_HAS_WIDTH = 1u << 7,
};

/* One resource.  56 bytes: counts that can be derived are not stored (the
 * kv and adj runs of consecutive entries are contiguous, so an entry's run
 * ends where the next one starts), the mod is its file's. */
typedef struct idx_resolved idx_resolved;
typedef struct idx_entry {
    _Atomic(const idx_resolved *) resolved;  /* NULL until the resolver publishes */
    uint32_t name;               /* string id: "mod.type.label" */
    uint32_t title, description; /* string ids; LP_STR_NONE when absent */
    uint32_t file;               /* index into ws->ix.files (its mod is the entry's mod) */
    uint32_t start_line, end_line;
    uint32_t byte_offset, byte_length;   /* whole block, closing '}' included */
    uint32_t kv;                 /* first pair in ws->ix.kv: ntags tags, then the props */
    uint32_t adj;                /* first slot in ws->adj: nchild children, then the parents */
    uint16_t ntags, nchild;
    uint8_t kind;                /* lp_kind */
    uint8_t flags;               /* IDX_* */
    uint16_t unresolved;         /* LP_UNRES_* */
} idx_entry;

/* Optional properties, stored after the tags in ws->ix.kv as (prop, value) pairs;
 * value is a string id except for IDX_PROP_WIDTH (an int32). */
enum {
    IDX_PROP_CATEGORY = 1,
    IDX_PROP_DOCUMENTATION,
    IDX_PROP_DISPLAY,
    IDX_PROP_SQL,
    IDX_PROP_QUERY_REF,
    IDX_PROP_WIDTH,
};

/* ws->adj holds entry ids, 16-bit when the workspace has fewer than 65535
 * entries (halving the biggest array of a benchmark-heavy mod), else 32-bit.
 * A child that names no entry is IDX_ADJ_MISSING there; its name (Powerpipe
 * keeps it in child_names) is in ws->ix.missing, sorted by slot. */
#define IDX_MAX_EDGES 0xFFFFu    /* per entry: children, tags (more: a diagnostic) */
#define IDX_ADJ_MISSING UINT32_MAX

typedef struct idx_missing {
    uint32_t slot;               /* index into ws->adj */
    uint32_t name;               /* string id of the child name */
} idx_missing;

/* ---------------------------------------------------------------- phase 2 */

typedef struct idx_tag { const char *key, *value; } idx_tag;

/* A complete, immutable version of an entry's evaluable fields. */
struct idx_resolved {
    unsigned unresolved;         /* LP_UNRES_* bits still unresolved in this version */
    const char *title, *description, *category, *documentation, *display, *sql;
    const idx_tag *tags;         /* sorted by key (byte order), keys unique */
    uint32_t ntags;
    int has_tags;
    int has_width;
    int32_t width;
    int detection;               /* benchmark_type: 1 "detection", 0 "control" */
    /* what the evaluation gave (the other fields are the scan's, carried
     * over): LP_UNRES_* bits whose value came from evaluation, and the
     * fields it resolved and failed (a refresh carrying the record over
     * counts them again) */
    unsigned evaluated;
    uint16_t nresolved, nfailed;
};

/* A resolved version as the persisted image keeps it (persist.c): string
 * ids in ws->img.values instead of pointers, tags as id pairs in ws->img.overlay_kv,
 * so that a reopened workspace reads them from the mapped image in place. */
typedef struct idx_overlay {
    uint32_t present;            /* 1: the entry had a published version */
    uint32_t unresolved;
    uint32_t title, description, category, documentation, display, sql;   /* 0: "" */
    uint32_t tags, ntags;        /* first pair in ws->img.overlay_kv, count */
    uint8_t has_tags, has_width, detection, pad;
    int32_t width;
} idx_overlay;

/* What a reader sees of an entry's evaluable fields: the scan or the
 * published version, read with one acquire load. */
typedef struct idx_view {
    const char *title, *description, *category, *documentation, *display, *sql, *query_ref;
    lp_tags tags;
    int has_tags, has_width, detection;
    int32_t width;
    unsigned unresolved;
} idx_view;

/* ---------------------------------------------------------------- files, mods */

typedef struct idx_file {
    uint32_t path;               /* string id, as listed */
    uint32_t mod;
    uint32_t size;               /* bytes read (files are < 4 GiB) */
    int32_t status;              /* LP_OK, LP_ERR_IO, LP_ERR_SYNTAX */
    int64_t mtime_ns;
    uint64_t dev, ino, hash;     /* as read (srcfile_info): lp_input_check */
    int32_t err;                 /* errno of a failed read, else 0 */
    uint32_t first_entry, entry_count;
    uint32_t ctime;              /* srcfile_info.ctime as read (0: unknown); no padding of unknown
                                  * bytes in the persisted image */
} idx_file;

typedef struct idx_mod {
    uint32_t name, full_name, title, root, path;   /* string ids */
    uint32_t aliases;            /* string id: the mod names its references use that are not the
                                  * index's (two versions of one mod): "label=MOD;...", "" none */
} idx_mod;

/* The mod that `label` (n bytes: the first part of a reference `label.type.name` written in a
 * mod whose idx_mod.aliases / mod_desc.aliases is `aliases`) names, when it is not the mod the
 * index names `label`: a dependency's own version of a mod installed twice (Powerpipe keys
 * installed mods by name@version and resolves each mod's references against its own
 * dependencies, .mod.cache.json).  The mod's index, or UINT32_MAX (no alias: the label is the
 * index's name). */
uint32_t idx_mod_alias(const char *aliases, const char *label, size_t n);

typedef struct idx_snapshot {
    uint32_t name, path;         /* "snapshot.<stem>" -> path */
} idx_snapshot;

typedef struct idx_require {     /* lp_require_info (mod.c) */
    uint32_t path, version, file;   /* string ids */
    uint32_t line, col;
    uint32_t installed;          /* 0 or 1 */
} idx_require;

/* ---------------------------------------------------------------- phase-2 input */

/* What the scan captured for background resolution (capture.h): built by
 * lp_open when resolution is on, handed to the resolver, which frees the
 * arenas' chunks as the entries they serve are resolved and the rest once
 * resolution completes (so it never outlives phase 2). */
typedef struct idx_capture {
    ar_arena *arenas;            /* the scan workers' capture arenas (every copy) */
    unsigned narenas;
    ar_arena lists;              /* the two arrays below; the pieces read from an image (seg_lazy_caps) */
    struct cap_piece **entry;    /* per entry: the attributes behind its unresolved fields */
    size_t entry_zeroed;         /* entry's elements when it is mem_zeroed's (an update's), else 0 */
    struct cap_piece **file;     /* per file: its locals, variable and mod blocks */
    uint8_t *lazy;               /* per file, or NULL: its entries' pieces are not in `entry` yet */
} idx_capture;

/* Put the pieces of file f's entries in cp->entry when they are not yet (a file whose segment was
 * taken lazily from an image: index_update leaves them to the entries resolution evaluates).
 * 0, or -1 (out of memory).  On one thread at a time, before the entries are read. */
int idx_capture_file(const lp_workspace *ws, idx_capture *cp, uint32_t f);
/* cp->file[f] of a file whose segment is an image's not made yet (idx_segments.lazy) and holds blocks:
 * this mark until idx_capture_blocks puts them there (loading reads them; a scope shared with the image's
 * only asks which files have them). */
extern struct cap_piece idx_blocks_not_taken;
#define IDX_BLOCKS_LATER (&idx_blocks_not_taken)
/* File f's blocks in cp->file[f] when they are IDX_BLOCKS_LATER (its stub made), or every file's (f
 * UINT32_MAX).  0, or -1 (out of memory, or a stub that failed its checks). */
int idx_capture_blocks(const lp_workspace *ws, idx_capture *cp, uint32_t f);
void idx_capture_free(idx_capture *c);

/* ---------------------------------------------------------------- workspace */

struct rs_ctx;
struct rs_loadrec;
struct rs_mod;
struct ld_cache;
struct version;

/* A workspace is made of parts, each written by one layer; the other layers
 * read a part through its layer's functions, never its fields.  Only index/
 * and workspace/ (which assembles the parts) reach into struct lp_workspace;
 * a layer above index/ gets its own part from the idx_*_part accessors below. */

/* The index part (index/: build.c, index.c, mod.c): what phase 1 built, or
 * the image's mapped copy handed over whole (idx_tables_adopt).  Read above
 * index/ through idx_tables() and the idx_ functions. */
typedef struct idx_tables {
    idx_entry *entries;          /* entries and kv: mem_malloc'd (grown while merging), or views of */
    uint32_t nentries, cap_entries;  /* the stale image a patch updated (*_view: mem_file_view) */
    uint32_t (*kv)[2];
    uint32_t nkv, cap_kv;
    uint8_t entries_view, kv_view, files_view;   /* files: a view too (index_update) */
    uint16_t *adj16;             /* one of these two is set (see IDX_ADJ_MISSING) */
    uint32_t *adj32;
    uint32_t nadj;
    idx_missing *missing;
    uint32_t nmissing;

    idx_file *files;
    uint32_t nfiles;
    idx_mod *mods;
    uint32_t nmods;
    idx_snapshot *snapshots;
    uint32_t nsnapshots;
    idx_require *reqs;
    uint32_t nreqs;

    lp_diag *diags;
    uint32_t ndiags;
    inp_table inputs;            /* phase 1's inputs besides the files (mod.c): lp_input_*; v is NULL
                                  * in a version reopened from its image (pst_input_get reads them) */
    int64_t read_at_ns;          /* wall clock when lp_open began reading (inp_check's racy files) */
} idx_tables;

/* The image part (image/: persist.c writes it when it reopens a workspace
 * from its persisted image; index/ reads the overlay in idx_view_get).  The
 * resolved versions are the overlay; the index tables and the strings'
 * blocks and slots point into the mapping.  NULL image: a workspace built
 * by lp_open. */
typedef struct idx_image_part {
    struct pst_image *image;
    const idx_overlay *overlay;
    const uint32_t (*overlay_kv)[2];
    /* The overlay's rows and the entries summed up by the image's checks, which read every one: two
     * bit planes of nentries bits (IDX_BITS_*: idx_overlay_row), then each entry's unresolved bits
     * (entry_unres, in the same allocation), so that a patch deciding what it carries over does
     * not read 56 bytes of each row and 64 of each entry again (123,208 entries: 14 MB, half of the
     * carry-over).  NULL: read the rows and entries. */
    const uint64_t *row_bits;
    const uint16_t *entry_unres;
    si_table values;            /* the overlay's strings (blocks in the mapping; no slots) */
    /* the strings copied into blocks of their own, which an update (index_update) shares instead of
     * copying the mapping's: made for a live version's first refresh while the watcher's debounce
     * waits (workspace.c, ws_prepare_refresh); nblocks 0: none */
    si_table strings_own;
    /* A version a one-shot open resolved from a stale image (carry.c, carry_records: the edit's
     * patch): the image's overlay rows of the entries it carried over, served in place as a reopen
     * serves them (present 0 for the others, whose records it published), and per entry the fields
     * the image's record evaluated (S_RECS, for the next image).  In its resolution's store, which
     * holds the mapping they refer to; overlay is then overlay_own.  NULL otherwise. */
    idx_overlay *overlay_own;
    uint16_t *overlay_evaluated;
    /* A version a one-shot open made from a stale image (a patch): that image's mapping, which it
     * holds until it closes (map_unref), so that its strings share the image's blocks instead of
     * copying them (index_update: si_clone_borrowing).  NULL otherwise. */
    void *map_hold;
    void (*map_unref)(void *hold);
    /* A version a one-shot open reopened from its image file's mapping: a private, writable view of
     * n bytes at p, which lie in that mapping (mem_file_view: the pages are the file's until
     * written), for the arrays a patch takes from it and changes in a few places (index_update's
     * entries and kv, the carried overlay rows).  NULL (or a NULL view): the caller copies. */
    void *(*view)(const lp_workspace *ws, const void *p, size_t n);
    /* overlay_own is such a view of the stale image's overlay (nentries rows): unmapped at the close */
    uint8_t overlay_own_view;
    /* A one-shot patch's: the stale image file it read (its device, inode and size), which its image
     * replaces only if no other command replaced it since (pst_save_resolved).  0: none. */
    uint64_t patched_dev, patched_ino, patched_size;
    /* A patch's (stats.patched): the stale image's inputs found not the same (pst_changed_count) */
    uint32_t patched_changed;
} idx_image_part;

/* The image's records read where the image holds them, without decoding every entry's reads (the image
 * layer's, beside rs_part.image_records): what a one-shot patch needs to carry over every entry the
 * edit did not reach without visiting them (carry_sparse.c).  Each checks what it reads as
 * image_records does. */
struct rs_dep;
typedef struct rs_image_reads {
    /* fn(user, id, read) for every read of the kinds in the mask (1 << RS_DEP_*), entry by entry in id
     * order, each checked (and its entry's record): fn's non-zero return ends the walk with it; 0 when
     * every one was given, -1 when the records are malformed or cannot serve */
    int (*each)(const lp_workspace *ws, unsigned kinds,
                int (*fn)(void *user, uint32_t id, const struct rs_dep *read), void *user);
    /* entry id's evaluated fields (idx_resolved.evaluated), of the records each found servable */
    unsigned (*evaluated)(const lp_workspace *ws, uint32_t id);
    /* the diagnostics' keys (0 loading's, else entry id + 1), rs_part.nrdiags of them: checked by the
     * caller */
    const uint32_t *(*diag_keys)(const lp_workspace *ws);
    /* resolution's inputs as a table in a (their paths the image's): 0, -1 malformed, -2 out of memory */
    int (*inputs)(const lp_workspace *ws, inp_table *out, ar_arena *a);
    /* the image's memory the records refer to, held by *ref until *unref (NULL: none to hold) */
    void *(*hold)(const lp_workspace *ws, void (**ref)(void *), void (**unref)(void *));
} rs_image_reads;

/* The resolution part (resolve/: the resolver writes its outputs when it
 * completes; image/ hands over a reopened image's with rs_outputs_adopt).
 * Read through lp_resolve_* and rs_ functions. */
typedef struct rs_part {
    struct rs_resolver *resolver;   /* phase 2 (resolve.c); NULL until lp_open starts it */
    /* Set by the workspace layer when ws has an index cache: resolution, once
     * complete, writes the image through it (pst_save_resolved: the image
     * layer is above resolution's).  0, or -1 with why. */
    int (*save_image)(const lp_workspace *ws, const struct rs_ctx *c, char *why, size_t wsize);
    /* Set by the image layer on a workspace reopened from an image that holds
     * resolution's records (persist.c, pst_records): what they say, checked
     * whole and decoded into the arena a as a finished context (*out), its reads'
     * lists into the arena keep (a refresh's values: they may be referred to), for a
     * refresh to carry records over from (carry.c, rs_carry_over).  0; -1 when
     * they are malformed or cannot serve; -2 out of memory. */
    int (*image_records)(const lp_workspace *ws, struct rs_ctx *out, ar_arena *a, ar_arena *keep);
    /* Set by the image layer on a workspace reopened from an image that holds
     * what loading variables and locals read (persist.c: pst_loadrec) and its
     * scope (pst_scope): each checked whole and decoded into the arena a, for
     * a refresh taking ws as its previous version to share the image's
     * variables and locals instead of loading them again (scope_share.c,
     * rs_scope_share).  0; -1 when malformed or none; -2 out of memory. */
    int (*image_loadrec)(const lp_workspace *ws, struct rs_loadrec *out, ar_arena *a);
    int (*image_scope)(const lp_workspace *ws, ar_arena *a, struct rs_mod **mods, uint32_t *nmods);
    const rs_image_reads *image_reads;   /* set with image_records */
    /* Set by the workspace layer: would the stale image a one-shot patch (ws) was made from be kept
     * (no new one written) if its resolution evaluated that many entries?  NULL: never. */
    int (*image_kept_if)(const lp_workspace *ws, uint32_t evaluated);
    /* what those hooks give a refresh, decoded ahead once (carry_image.c, rs_prepare_image); NULL: not */
    struct rs_prep *prep;
    lp_diag *rdiags;             /* resolution's diagnostics */
    uint32_t nrdiags;
    inp_table rinputs;           /* resolution's inputs (v NULL when reopened, as inputs) */
    const char *vars_json, *vars_text;   /* lp_variables_json / _text as resolution wrote them */
    lp_resolve_stats rstats;     /* resolution's figures (its arena is not ours) */
    uint32_t vars_json_len, vars_text_len;
} rs_part;

/* What takes the late job's segments (persist.c: the image's writer): put(sink, f, s) for every
 * file f in order, one call at a time (on the job's threads), s NULL for a file that has none;
 * the sink owns s's reference. */
struct seg;
typedef struct idx_seg_sink {
    void (*put)(struct idx_seg_sink *sink, uint32_t f, struct seg *s);
} idx_seg_sink;

/* The segments part (workspace/ writes it in a build; image/ in pst_segs;
 * live/ and resolve/ read it through idx_segments()).  A live workspace's
 * files as scanned (seg.h): one reference per file, NULL for a file whose
 * read failed; segs NULL when not kept (lp_open without an index cache).  A
 * workspace reopened from its image gets them from it when a build takes it
 * as its previous version (pst_segs: a patch, or a live workspace's first
 * refresh). */
typedef struct idx_segments {
    struct seg **segs;
    uint32_t nsegs;
    /* A one-shot patch's versions (pst_segs with its image file mapped): the image's segments are
     * made into stubs on first use, once for every version that shares the image's table (`lazy`,
     * one reference each): file f's is the image's file lazy_slot[f]'s (UINT32_MAX: segs[f], made
     * or none).  Read through idx_seg and its kin (seg.h), never segs[f] alone. */
    void *lazy;
    uint32_t *lazy_slot;
    struct seg *(*lazy_get)(void *lazy, uint32_t slot);    /* made now if not yet; NULL: it failed */
    struct seg *(*lazy_peek)(void *lazy, uint32_t slot);   /* made already, else NULL */
    int (*lazy_head)(void *lazy, uint32_t slot, struct seg *out);   /* its header as its head says
                                  * (scalars only: counts, stat, read_at_ns), made or not; 0 or -1 */
    void (*lazy_unref)(void *lazy);
    void (*lazy_prefault)(void *lazy);   /* (idx_segs_prefault) */
    /* What listing gave besides the files (a refresh that lists nothing again
     * takes them from here, workspace.c): the first ndisc_diags diagnostics
     * are listing's, nsnap_listed snapshot files were listed; listing_known
     * when both are whole (no diagnostic cut, no snapshot name twice). */
    uint32_t ndisc_diags, nsnap_listed;
    int listing_known;
    uint32_t reused_files;       /* files whose segment came from the previous version */
    uint64_t reused_bytes;       /* and their bytes */
    int refreshable;             /* a live version: resolution records dependencies for the next
                                  * refresh (segments alone may be kept for the index image) */
    int late;                    /* not kept by the build: its image, written after the answer
                                  * (opts.defer_image), makes them then (workspace.c) */
    /* While they are being made, on other threads, as the image's other sections are written: the
     * writer attaches its sink (late_stream), which from then gets each file's segment in file
     * order as they are made (a bounded window of them ahead of it, never all at once), then
     * calls late_wait after its other sections: it makes the files left on the calling thread
     * too and returns once every file went to the sink.  segs is NULL after. */
    void (*late_stream)(const struct lp_workspace *ws, struct idx_seg_sink *sink);
    void (*late_wait)(const struct lp_workspace *ws);
    struct late_job *late_job;
} idx_segments;

/* The load part (load/: phase 3's loaded resources, load.h); NULL until the
 * first load.  free_cache is ld_cache_free, which lp_close calls (the load
 * layer is above this one). */
typedef struct ld_part {
    _Atomic(struct ld_cache *) cache;
    void (*free_cache)(lp_workspace *ws);
} ld_part;

struct lp_workspace {
    ar_arena arena;              /* every array of the index part, options, diagnostics */
    si_table strings;
    char *dir;
    lp_workspace_opts opts;      /* copies owned by the arena */
    lp_workspace_stats stats;    /* workspace/ and index/ write them; lp_workspace_stats_get */
    idx_capture *capture;        /* phase-2 input (index/ builds it) until rs_start takes it; else NULL */

    idx_tables ix;
    idx_image_part img;
    rs_part rs;
    idx_segments sg;
    ld_part load;
    struct version *live;        /* live/: its version when an lp_live handle made it, else NULL */
    atomic_uint holders;         /* ws_retain's holders besides the opener: lp_close frees on the last */
};

/* Each layer's own part (the layer named above its type).  A const workspace
 * gives its parts' owners their part writable: the resolver's and the load
 * cache's state changes under readers that hold the workspace const. */
static inline idx_image_part *idx_image_part_of(const lp_workspace *ws) { return (idx_image_part *)&ws->img; }
static inline rs_part *idx_resolve_part(const lp_workspace *ws) { return (rs_part *)&ws->rs; }
static inline ld_part *idx_load_part(const lp_workspace *ws) { return (ld_part *)&ws->load; }
static inline idx_segments *idx_segments_of(const lp_workspace *ws) { return (idx_segments *)&ws->sg; }

/* The planes of idx_image_part.row_bits, one bit per entry: its overlay row present; present with a
 * field resolution evaluates (IDX_ROW_FIELDS: LP_UNRES_TITLE .. TYPE) left unresolved. */
enum { IDX_BITS_PRESENT, IDX_BITS_PARTIAL, IDX_BITS_PLANES };
#define IDX_ROW_FIELDS 0x1FFu

/* The 64-bit words of one plane of n entries. */
static inline size_t idx_bit_plane(uint32_t n) { return ((size_t)n + 63) / 64; }

/* Entry id's row in a version reopened from its image (its overlay): IDX_ROW_ABSENT (no published
 * version), IDX_ROW_WHOLE (every field resolution evaluates resolved) or IDX_ROW_PARTIAL (one of
 * them left unresolved). */
enum { IDX_ROW_ABSENT, IDX_ROW_WHOLE, IDX_ROW_PARTIAL };
static inline int idx_overlay_row(const lp_workspace *ws, uint32_t id)
{
    const uint64_t *b = idx_image_part_of(ws)->row_bits;
    if (b) {
        size_t plane = idx_bit_plane(ws->ix.nentries), at = id / 64;
        unsigned sh = id % 64;
        return !(b[IDX_BITS_PRESENT * plane + at] >> sh & 1)  ? IDX_ROW_ABSENT
               : (b[IDX_BITS_PARTIAL * plane + at] >> sh & 1) ? IDX_ROW_PARTIAL
                                                             : IDX_ROW_WHOLE;
    }
    const idx_overlay *o = &idx_image_part_of(ws)->overlay[id];
    return !o->present ? IDX_ROW_ABSENT : (o->unresolved & IDX_ROW_FIELDS) ? IDX_ROW_PARTIAL : IDX_ROW_WHOLE;
}
static inline struct version **idx_live_slot(const lp_workspace *ws) { return (struct version **)&ws->live; }
/* Read access to the index part and the common fields for the layers above. */
static inline const idx_tables *idx_tab(const lp_workspace *ws) { return &ws->ix; }
static inline const char *idx_dir(const lp_workspace *ws) { return ws->dir; }
static inline const lp_workspace_opts *idx_opts(const lp_workspace *ws) { return &ws->opts; }
static inline lp_workspace_opts *idx_opts_mut(lp_workspace *ws) { return &ws->opts; }
static inline const lp_workspace_stats *idx_stats(const lp_workspace *ws) { return &ws->stats; }
static inline lp_workspace_stats *idx_stats_mut(lp_workspace *ws) { return &ws->stats; }
/* The resolver takes phase 2's input (rs_start): ws keeps none after. */
static inline idx_capture *idx_capture_take(lp_workspace *ws)
{
    idx_capture *c = ws->capture;
    ws->capture = NULL;
    return c;
}
static inline const si_table *idx_strings(const lp_workspace *ws) { return &ws->strings; }
/* The index part as the image layer fills it when it reopens a workspace
 * from its image (persist.c: the tables are the mapping's); no other writer. */
static inline idx_tables *idx_tab_fill(lp_workspace *ws) { return &ws->ix; }
static inline void idx_strings_fill(lp_workspace *ws, const si_table *strings) { ws->strings = *strings; }
/* ...or filled in place (image/: a reopen maps the image's blocks into it). */
static inline si_table *idx_strings_at(lp_workspace *ws) { return &ws->strings; }

/* ---------------------------------------------------------------- invariants (index_check.c) */

/* Is id a string of the heap (its record inside a block's used bytes)? */
int idx_valid_id(const si_table *in, uint32_t id);
/* The ids of a heap's records, found by walking each block record by record (intern.h's layout)
 * until its used bytes end or a record does not fit: a check of an image's many ids tests a bit for
 * each (idx_id_ok) instead of reading each id's record where it lies, at random in the heap.  It is
 * stricter than idx_valid_id: an id inside another record's bytes is not one.  Worth it for a heap
 * larger than a CPU's cache (persist.c), whose records read at random miss it. */
typedef struct idx_idmap {
    uint64_t *bits;              /* NULL: none made (out of memory), idx_id_ok reads the records */
    size_t nwords;
    size_t first[LP_INTERN_BLOCKS + 1];   /* block b's bits from word first[b] to first[b + 1] */
} idx_idmap;
/* 0, or -1 (out of memory); none made (m->bits NULL) for a heap under `from` bytes. */
int idx_idmap_make(idx_idmap *m, const si_table *in, size_t from);
/* The bytes idx_idmap_make allocates for in's map. */
size_t idx_idmap_bytes(const si_table *in);
void idx_idmap_free(idx_idmap *m);
/* Is id a string of in (m: made from in, or NULL)? */
static inline int idx_id_ok(const idx_idmap *m, const si_table *in, uint32_t id)
{
    if (!m || !m->bits) return idx_valid_id(in, id);
    uint32_t b = id >> LP_INTERN_SHIFT, off = id & LP_INTERN_OFFSET;
    if (!id) return 1;
    if (b >= in->nblocks || off % 4) return 0;
    size_t w = m->first[b] + off / 256;
    return w < m->first[b + 1] && (m->bits[w] >> (off / 4 % 64) & 1u);
}
/* NULL when the index of ws holds every invariant its readers rely on, else
 * which one is broken (strings: a map of ws's strings, or NULL). */
const char *idx_check(const lp_workspace *ws);
const char *idx_check_mapped(const lp_workspace *ws, const idx_idmap *strings);

/* ---------------------------------------------------------------- access */

static inline const char *idx_str(const lp_workspace *ws, uint32_t id)
{
    return si_str(&ws->strings, id);
}

/* Entry id of a full name, or LP_NO_ENTRY. */
uint32_t idx_lookup(const lp_workspace *ws, const char *name, size_t len);

/* The string id of a property (or LP_STR_NONE), from the scan. */
uint32_t idx_prop(const lp_workspace *ws, uint32_t id, unsigned prop);

/* Offset of the short name inside the full name. */
size_t idx_short_offset(const lp_workspace *ws, const idx_entry *e);

void idx_view_get(const lp_workspace *ws, uint32_t id, idx_view *out);
/* The view of entry id for a version already loaded (r NULL: the scan). */
void idx_view_make(const lp_workspace *ws, uint32_t id, const idx_resolved *r, idx_view *out);
void idx_publish(lp_workspace *ws, uint32_t id, const idx_resolved *rec);

static inline uint32_t idx_adj(const lp_workspace *ws, uint32_t slot)
{
    if (ws->ix.adj16) {
        uint16_t v = ws->ix.adj16[slot];
        return v == 0xFFFF ? IDX_ADJ_MISSING : v;
    }
    return ws->ix.adj32[slot];
}

/* Derived counts: the runs of entry id end where entry id+1's start. */
static inline uint32_t idx_nprops(const lp_workspace *ws, uint32_t id)
{
    uint32_t end = id + 1 < ws->ix.nentries ? ws->ix.entries[id + 1].kv : ws->ix.nkv;
    return end - ws->ix.entries[id].kv - ws->ix.entries[id].ntags;
}

static inline uint32_t idx_nparent(const lp_workspace *ws, uint32_t id)
{
    uint32_t end = id + 1 < ws->ix.nentries ? ws->ix.entries[id + 1].adj : ws->ix.nadj;
    return end - ws->ix.entries[id].adj - ws->ix.entries[id].nchild;
}

static inline uint32_t idx_parent(const lp_workspace *ws, uint32_t id, uint32_t i)
{
    return idx_adj(ws, ws->ix.entries[id].adj + ws->ix.entries[id].nchild + i);
}

static inline uint32_t idx_mod_of(const lp_workspace *ws, const idx_entry *e)
{
    return ws->ix.files[e->file].mod;
}

/* The child id of slot i of entry id, or LP_NO_ENTRY when that child is missing. */
static inline uint32_t idx_child(const lp_workspace *ws, uint32_t id, uint32_t i)
{
    uint32_t v = idx_adj(ws, ws->ix.entries[id].adj + i);
    return v == IDX_ADJ_MISSING ? LP_NO_ENTRY : v;
}

/* The name of a missing child at adj slot `slot` (string id). */
uint32_t idx_missing_name(const lp_workspace *ws, uint32_t slot);

#endif
