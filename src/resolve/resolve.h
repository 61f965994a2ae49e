/* resolve.h — phase 2: variables, locals and background resolution
 * (vars.c, resolve.c).  POWERPIPE_BEHAVIOR.md §6 with the §13 decisions:
 * eager results, per-mod scopes, locals that use locals resolve.
 *
 * One rs_ctx per workspace.  The resolver thread owns it while it runs; its
 * `vals` arena (variable and local values, published records, diagnostics,
 * dependency lists) lives until lp_close so that published records stay
 * valid; in a live workspace, until the last version that publishes one of
 * its records or shares its variables and locals closes too (rs_vstore: a
 * refresh carries records over and may share the scope, whose mods' vars and
 * locals arrays are then the previous context's, read-only).  The source it
 * evaluates was captured by the scan (capture.h, idx_capture); the resolver
 * owns that capture and frees it chunk by chunk as the entries whose pieces
 * a chunk holds are finished, the rest when resolution completes.  A live
 * version's syntax trees kept for the next refresh (rs_tree) live in a cache
 * that the versions whose tables point into it hold (rs_tcache).
 */
#ifndef LP_RESOLVE_H
#define LP_RESOLVE_H

#include <pthread.h>
#include <stdatomic.h>

#include "base/srcfile.h"
#include "eval/eval.h"
#include "index/capture.h"
#include "index/index.h"
#include "index/seg.h"

/* Where a variable's value came from (eager precedence, lowest first). */
enum {
    RS_SRC_NONE = 0,
    RS_SRC_DEFAULT,
    RS_SRC_ENV,          /* PP_VAR_<name> */
    RS_SRC_PPVARS,       /* powerpipe.ppvars */
    RS_SRC_AUTO,         /* *.auto.ppvars */
    RS_SRC_VAR_FILE,     /* --var-file */
    RS_SRC_VAR,          /* --var */
    RS_SRC_REQUIRE,      /* require { mod ... { args } } of the parent mod */
};

typedef struct rs_var {
    const char *name;
    const char *description;     /* "" when none */
    const char *type_text;       /* the type constraint as written, "" when none */
    const hcl_expr *type;        /* NULL: any */
    lpv_value def;                /* LPV_UNKNOWN: no default (or a run-time one) */
    lpv_value val;                /* LPV_UNKNOWN: no value */
    uint8_t has_default, has_value, source;
    const char *file;
    uint32_t line;
} rs_var;

enum { RS_LOCAL_TODO = 0, RS_LOCAL_BUSY, RS_LOCAL_DONE };

/* entry_state */
enum { RS_TODO = 0, RS_BUSY_MAIN, RS_DONE, RS_BUSY_HELPER };

typedef struct rs_local {
    const char *name;
    uint32_t nlen;
    const hcl_expr *expr;
    const hcl_file *file;
    lpv_value val;                /* LPV_UNKNOWN when it failed or is run-time only */
    uint8_t state;
    uint8_t ok;                  /* evaluated without error */
    uint8_t failed;              /* not ok because of an error: its own, a cycle's, or a failed local's
                                  * it read (else it is a run-time value); a load reading it fails */
} rs_local;

typedef struct rs_mod {
    const char *name;            /* short name */
    const char *root;            /* directory (file() base) */
    const char *path;            /* dependency path ("" for the main mod) */
    rs_var *vars;                /* sorted by name */
    uint32_t nvars;
    rs_local *locals;            /* sorted by name */
    uint32_t nlocals;
    lpv_value var_obj;            /* `var` as an object */
    int loaded;
} rs_mod;

/* require { mod "<path>" { args = {...} } } found in a mod's mod.pp */
typedef struct rs_require {
    uint32_t parent;             /* mod index of the mod.pp */
    const char *path;
    const hcl_expr *args;
    const hcl_file *file;
} rs_require;

/* What an entry's evaluation read (a refresh evaluates again only
 * the entries whose reads changed).  Recorded by the scope callbacks while
 * an entry is being resolved (rs_dep_note), one list per entry in the
 * values arena, kept with the version for the next refresh to compare. */
enum {
    RS_DEP_VAR = 1,              /* var.<name> of mod (name NULL: `var` as a whole) */
    RS_DEP_LOCAL,                /* local.<name> of mod (name NULL: `local` as a whole) */
    RS_DEP_RES,                  /* the entry named `name` (full name), any of its fields */
    RS_DEP_FILE,                 /* file(), fileexists() of the path `name` (as the inputs record it) */
    RS_DEP_ENV,                  /* the environment: always evaluated again */
    RS_DEP_NAME,                 /* the entry named `name` exists (its name, url_path: nothing else) */
};
typedef struct rs_dep {
    struct rs_dep *next;
    const char *name;            /* NUL-terminated, in vals; NULL as above */
    uint32_t mod;
    uint8_t kind;
    uint16_t fields;             /* the fields (LP_UNRES_* bits) whose evaluation read it */
} rs_dep;
#define RS_FIELDS_ALL 0x1FFu     /* every evaluated field (LP_UNRES_TITLE .. LP_UNRES_TYPE) */
/* the fields a read is recorded for: those, and a computed `children` checked (check_children) */
#define RS_DEP_FIELDS (RS_FIELDS_ALL | LP_UNRES_CHILDREN)

/* The values arenas of a finished resolution, reference-counted so that a
 * later version can carry records over without copying them: the carried
 * records (and their diagnostics and dependency lists) point into the
 * arenas of the version that evaluated them.  A store holds the store its
 * own carried records point into (`older`); a chain that grows past half
 * its first store's bytes is cut by a refresh that copies the records it
 * carries over into its own store (carry.c, copy_record). */
typedef struct rs_vstore {
    _Atomic uint32_t refs;
    ar_arena vals, hvals;        /* the main and helper contexts' values, moved in by rs_free */
    struct rs_vstore *older;
    uint64_t own_bytes, chain_bytes, base_bytes;
    /* memory besides the arenas that its records point into (an image's mapping: rs_ctx.img_hold),
     * one reference, dropped with hold_unref when the store is freed; NULL: none */
    void *hold;
    void (*hold_unref)(void *hold);
    /* made ahead of a reopened version's first refresh (carry_image.c, rs_prep): that refresh's store
     * counts with it as its chain's base (the records a first refresh made were that store's) */
    int prepared;
} rs_vstore;

/* What loading variables and locals read besides their captured blocks
 * (a live version's, and one whose image a live workspace may reopen:
 * scope_share.c): the next refresh loads them again only when one
 * of these may differ.  In the context's values (kept as long as the next
 * refresh may read it); the image keeps it too (persist.c: pst_loadrec). */
typedef struct rs_loadrec {
    uint32_t *files;             /* the files whose blocks loading parsed (its version's: segments and
                                  * mods are that version's), ascending */
    uint32_t nfiles;
    inp_rec *inputs;             /* the inputs loading added (variable files, file() targets) */
    uint32_t ninputs;
    const char **env;            /* the names loading read from the environment, */
    uint32_t nenv, capenv;
    uint64_t env_hash;           /*   and a hash of what it found */
    uint64_t var_names;          /* the main mod's directory's variable-file names (rs_var_file_names)
                                  * as loading listed them; 1: not listed (compares as changed) */
    int read_res;                /* a local read a resource: its values may follow any file */
    uint32_t ndiags;             /* an image's (pst_loadrec): loading's diagnostics, the first of
                                  * resolution's (a context's own say so by their keys, 0) */
} rs_loadrec;

/* The syntax tree of a captured piece, kept for later versions (a
 * local that every control reads evaluates them all again, and parsing
 * their pieces was half of that).  A refresh parses into kept trees the
 * pieces of entries it evaluates again while their segment is unchanged
 * (their reads changed: the next edit of a local will evaluate them again)
 * and, when it loads variables and locals again, the blocks of files whose
 * segment is unchanged; it passes each entry's and file's trees on to the
 * next version while the segment stays the same.  A tree serves only the
 * piece it was parsed from (that piece is its segment's, alive while a
 * version holds the segment: an entry of a file without a segment keeps
 * none, carry_over).  Immutable once made; in an rs_tcache's
 * arenas, read by both resolver threads. */
typedef struct rs_tree {
    struct rs_tree *next;        /* the entry's other kept fields */
    const cap_attr *piece;
    hcl_file f;                  /* name NULL: the reader's path is set per use */
    uint32_t bytes;              /* its share of the arena (garbage accounting) */
    uint16_t field;              /* LP_UNRES_* bit */
} rs_tree;

/* The arenas holding the kept trees of a line of versions, reference
 * counted by the versions whose tables point into them (carry.c:
 * tcache_*).  A refresh shares its previous version's cache while that
 * holds at most about twice the trees still in use, else starts an empty
 * one (and parses again what it evaluates): the trees of pieces that went
 * stay bounded. */
typedef struct rs_tcache {
    _Atomic uint32_t refs;
    _Atomic(struct rs_tarena *) arenas;   /* pushed by each resolution that kept trees */
    _Atomic uint64_t bytes;      /* held by the arenas */
} rs_tcache;

#define RS_TAGS_MEMO 64

/* Diagnostics of resolution kept (the last one the note when there are
 * more): an error in a local that every entry uses must not cost a
 * diagnostic per entry without bound, as in phase 1 (BUILD_MAX_DIAGS). */
#define RS_MAX_DIAGS 10000u

/* Entries and locals resolved inside one another (a title reading another's title, a local reading a
 * control whose tags read a local...): each level takes ~6 KiB of the resolving thread's stack (the
 * evaluator's frames; 3x under ASan), whose default is 8 MiB, and an opening thread's may be less.  A
 * reference that would go deeper is an error there; the corpora's chains are 2-4 deep. */
#define RS_MAX_NESTING 256u

typedef struct rs_ctx {
    lp_workspace *ws;
    ar_arena vals;
    ar_arena ast;                /* .ppvars files, raw values, work arrays; loading's trees
                                  * until variables and locals are loaded (drop_load_trees) */
    ar_arena scratch;            /* per-entry evaluation temporaries */
    ar_arena parse;              /* per-entry syntax trees of the captured pieces (and
                                  * loading's parse temporaries, rewound per block) */
    uint32_t depth;              /* entries being resolved (references nest) */
    /* the locals being evaluated or waiting for their dependencies, innermost last, across mods: a
     * local read while it is here is a cycle (vars.c: local_walk) */
    struct rs_lframe *lstack;
    uint32_t lsp, lcap;
    int loading_locals;          /* rs_load_all is running: a local not evaluated yet is, when read */
    int read_failed;             /* the local being evaluated read a failed one (rs_local.failed) */
    uint32_t nesting;            /* entries and locals being evaluated inside one another (a bound) */
    srcbuf buf;
    idx_capture *cap;            /* the scan's copies (NULL when resolution is over) */
    rs_mod *mods;
    uint32_t nmods;
    _Atomic uint8_t *entry_state;   /* RS_TODO, RS_BUSY_MAIN/HELPER, RS_DONE (shared) */
    uint8_t busy;                /* this thread's busy mark */
    uint8_t helper;              /* the helper thread: never nests into another entry */
    uint32_t owner;              /* key of the diagnostics being made: 0 loading, entry id + 1 */
    uint32_t *up;                /* per entry being resolved: the owner it is resolved for (cycles) */
    uint32_t *dkeys;             /* per diagnostic: its owner key (for the final order) */
    rs_require *reqs;
    uint32_t nreqs, capreqs;
    lp_diag *diags;
    uint32_t ndiags, capdiags;
    const char *(*getenv)(void *user, const char *name);
    void *getenv_user;
    inp_table inputs;            /* variable files and file() targets read (inputs.h) */
    ar_arena inputs_arena;       /* their records and paths: kept to lp_close, apart from the values */
    ar_arena own;                /* this version's per-entry arrays (deps, depkinds, up): freed with it,
                                  * where vals goes on for as long as a later version carries a record
                                  * from it */
    int oom;
    int nul_seen;                /* as_text met a string with a NUL byte (cut: a warning) */
    /* the values' strings, each stored once in vals (rs_str): tag keys and
     * values repeat across entries (aws_compliance x100: ~1 KB per entry) */
    struct rs_dedup *dedup;      /* open addressing, in ast; cap a power of two */
    uint32_t ndedup, capdedup;
    rs_dep **deps;               /* per entry: what its evaluation read (shared with the helper) */
    struct cap_release *rel;     /* the capture's chunks, freed as resolution passes them (resolve.c) */
    uint8_t *depkinds;           /* per entry, once resolution is done: 1 << kind for each kind of
                                  * rs_dep in its list (a refresh walks only the lists it must) */
    uint32_t *rec_unres;         /* per entry (a live version's): its published record's unresolved
                                  * bits, UINT32_MAX none (the next refresh reads these, not the
                                  * records scattered over the stores; shared with the helper) */
    rs_loadrec *load;            /* a live version's record of loading (NULL: none) */
    unsigned field;              /* the field being evaluated (its LP_UNRES_* bit), 0 outside one */
    /* Per input of the finished table (a live version's): how many of the
     * entries' file() dependencies name it (NULL: not known), so that the
     * next refresh knows the inputs its carried entries read without
     * walking their lists; in vals.  carry_*: the previous table and
     * its counts less the readers not carried over, while this one runs. */
    uint32_t *file_readers;
    /* An image's context (pst_records, read by carry_over): per entry, the
     * fields its record took from evaluation (idx_resolved.evaluated; the
     * values are the image's overlay); NULL in a resolver's own context. */
    const uint16_t *img_evaluated;
    /* An image's context whose strings (the records' values, the
     * diagnostics, the reads' names) and reads (deps, in the arena `keep`
     * pst_records was given) may be referred to where they are: the image's
     * memory, which img_hold_ref keeps alive until img_hold_unref (a live
     * workspace's private copy of its image).  NULL: they are copied. */
    void *img_hold;
    void (*img_hold_ref)(void *hold);
    void (*img_hold_unref)(void *hold);
    const inp_table *carry_in;
    uint32_t *carry_readers;
    /* How many of the first inputs are the records carried over from carry_in, which is in order and
     * unique (order_inputs compares only those added after them); 0: not known */
    uint32_t inputs_carried;
    /* A refresh's entries evaluated again in part (carry_over): per entry,
     * the previous record and dependencies, and the fields taken from them
     * (0: none); NULL when there is none (shared with the helper) */
    const idx_resolved **keep_rec;
    const rs_dep **keep_deps;
    uint16_t *keep_fields;
    int scope_shared;            /* mods' vars and locals are the previous version's (read-only) */
    /* the entries carried over were carried where the image holds them, their reads not decoded
     * (carry_sparse.c): no whole record of what each read, so none is written into an image */
    int reads_partial;
    /* kept syntax trees (rs_tree; NULL/unused without a cache): per entry
     * its trees (the resolver's table, shared with the helper), and whether
     * a piece parsed for it is kept (tree_keep: tree_begin's array, freed by
     * tree_finish); the trees this context parsed
     * to keep, moved into the cache when resolution is done */
    rs_tree **tree;
    const uint8_t *tree_keep;
    rs_tree **ftree;             /* per file: its blocks' kept trees (loading's) */
    const uint8_t *fkeep;
    const rs_tree **btab;        /* file btab_file's blocks' trees by piece, in ast (block_find) */
    uint32_t btab_file, btab_mask;
    ar_arena trees;
    uint64_t trees_budget;       /* bytes `trees` may hold (carry.c: RS_TREE_MAX) */
    uint32_t trees_reused, trees_kept, blocks_reused, blocks_kept;
    /* the tags made of a local's value, by local (resolve.c: tags_memo;
     * RS_TAGS_MEMO of them in ast, made by the first; NULL until then) */
    struct rs_tags_memo {
        const rs_local *local;
        idx_tag *tags;
        uint32_t n;
    } *tags_memo;
    /* statistics */
    uint32_t published, fields_resolved, fields_failed;
} rs_ctx;

/* ---- vars.c */
/* Load every mod's variables (with all value sources) and locals. */
int rs_load_all(rs_ctx *c);
/* ---- scope.c: the one evaluation scope.  Phase 2, loading and plain values all build their
 * scope with rs_scope_build (roots: var, local, connection, self/param/with, resources, mod
 * names; scope.c says how each resolves); what differs is where values come from. */
typedef struct rs_scope_src {
    void *user;
    uint32_t mod;                /* the mod the expressions belong to */
    int plain;                   /* variable defaults, .ppvars, raw values: connection.T.N only */
    /* the variables and locals of a mod; NULL (or no callback): not known, unresolved */
    const rs_mod *(*mod_of)(void *user, uint32_t mod);
    uint32_t nmods;              /* mod names, for mod.type.name */
    const char *(*mod_name)(void *user, uint32_t mod);
    const char *aliases;         /* how `mod` names other versions of a mod (idx_mod_alias); NULL none */
    /* resource type.name of mod `mod`, whole (field NULL) or one field: LP_EV_*, NOROOT when none;
     * at is the reference as written (rs_resource_value's cycle errors point at it) */
    int (*resource)(void *user, ev_ctx *ev, hcl_range at, uint32_t mod, hcl_str type, hcl_str name,
                    const hcl_step *field, lpv_value *out);
    /* what an expression read (phase 2's dependencies, rs_dep_note's kinds); NULL: nothing noted */
    void (*note)(void *user, uint8_t kind, uint32_t mod, const char *name, size_t len);
    /* local.NAME (name NULL: `local` whole) of mod is about to be read: phase 2 evaluates it first
     * when it has not been (locals are evaluated on demand, so that no result depends on names or
     * order); an LP_EV_* code (a cycle is an error at rr).  NULL: the values are all there. */
    int (*want_local)(void *user, ev_ctx *ev, hcl_range rr, uint32_t mod, const char *name, size_t len);
    /* a load (not phase 2): reading a local whose evaluation failed is an error, as eager's load fails */
    int strict_locals;
    /* run time: `param`, the params of the query being run (an object); NULL: unresolved */
    const lpv_value *params;
    /* file(), fileexists(), env(), called with user; NULL: none */
    int (*read_file)(void *user, const char *path, size_t len, ar_arena *a, const char **data, size_t *n,
                     const char **err);
    int (*file_exists)(void *user, const char *path, size_t len);
    const char *(*getenv)(void *user, const char *name);
} rs_scope_src;
/* s reads src (kept alive by the caller as long as s is used). */
void rs_scope_build(ev_scope *s, const rs_scope_src *src);

/* ---- vars.c */
/* Phase 2's scope of mod `mod` (rs_scope_build over rs_ctx); u holds its source. */
typedef struct rs_scope_user {
    rs_ctx *c;
    uint32_t mod;
    rs_scope_src src;
} rs_scope_user;
void rs_scope_init(ev_scope *s, rs_scope_user *u, rs_ctx *c, uint32_t mod);
const rs_var *rs_var_find(const rs_mod *m, const char *name, size_t len);
const rs_local *rs_local_find(const rs_mod *m, const char *name, size_t len);
/* The scope's want_local in phase 2 (rs_scope_src): local.NAME of mod (name NULL: all) evaluated
 * now when loading has not reached it yet; a cycle is an error at rr.  An LP_EV_* code. */
int rs_want_local(rs_ctx *c, ev_ctx *ev, hcl_range rr, uint32_t mod, const char *name, size_t len);
/* What a scope gives for `local.NAME` (*used = 1: one step taken) or `local`
 * (an object of every local, unknown where not evaluated) in mod m: phase 2's
 * scope and a load's (load.c) alike.  An LP_EV_* code. */
int rs_local_value(const rs_mod *m, ev_ctx *ev, hcl_range rr, const hcl_step *steps, uint32_t n,
                   lpv_value *out, uint32_t *used);
/* The lp_kind a reference's root names (`control` in control.x), -1 for none. */
int rs_kind_of_root(hcl_str root);
/* `connection.TYPE.NAME` (a Powerpipe connection, defined in the config path's .ppc files, which
 * only a run reads): the string "connection.TYPE.NAME" (*used = 2), resolved to a database when a
 * run starts (src/run/conn.c).  Anything else under `connection` is a run-time value.  Every
 * scope (phase 2's, plain values', a load's) gives it. */
int rs_connection_value(ev_ctx *ev, hcl_range rr, const hcl_step *steps, uint32_t n, lpv_value *out,
                        uint32_t *used);

/* The tree of block b of file `file` in *f, named path: kept (rs_tree) or
 * parsed into ast, its temporaries in parse (cap_parse_split).  0 or -1. */
int rs_block_tree(rs_ctx *c, uint32_t file, const cap_block *b, const char *path, hcl_file *f);

/* A name loading read from the environment (vars.c's getenv callback). */
void rs_load_env_note(rs_ctx *c, const char *name, const char *value);

/* ---- resolve.c */
/* A diagnostic kept for lp_resolve_diag_*; strings are copied. */
void rs_diag(rs_ctx *c, lp_severity sev, const char *file, uint32_t line, uint32_t col, const char *summary,
             const char *detail);
void rs_diag_eval(rs_ctx *c, const ev_ctx *ev);
/* The entry being resolved read `kind` (name: len bytes, or NULL). */
void rs_dep_note(rs_ctx *c, uint8_t kind, uint32_t mod, const char *name, size_t len);
/* The value of resource `type.name` of mod `mod` as an object, or one field of
 * it when field != NULL.  LP_EV_NOROOT when there is no such resource; an
 * error "Circular dependency" at `at` (the reference) when it is being
 * resolved below another entry that it is resolved for (q1 -> q2 -> q1). */
/* The entry an item of a `children` value names (a resource's value: its `name`), or LP_NO_ENTRY:
 * the one rule of resolution's check of a computed `children` and of a load's (load.c). */
uint32_t rs_child_id(const lp_workspace *ws, lpv_value item);
/* The error of a reference that would nest evaluation deeper than RS_MAX_NESTING (LP_EV_ERR). */
int rs_too_deep(ev_ctx *ev, hcl_range at);
int rs_resource_value(rs_ctx *c, ev_ctx *ev, hcl_range at, uint32_t mod, const char *type, size_t tlen,
                      const char *name, size_t nlen, const char *field, size_t flen, lpv_value *out);

/* The resolver of a workspace (lp_workspace.resolver). */
typedef struct rs_resolver {
    rs_ctx ctx;
    rs_ctx helper;               /* a second thread's context (values live until lp_close) */
    int has_helper;
    idx_capture *capture;        /* taken from the workspace by rs_start */
    pthread_t thread;
    int started;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    atomic_int done;
    atomic_int stop;
    uint64_t ns;                 /* wall time of the resolution */
    int image_written;           /* opts.index_cache: pst_save's outcome */
    char image_note[200];
    rs_vstore *store;            /* this resolution's values, once it is freed (see rs_vstore) */
    /* A refresh's resolution (live.c): the previous version, pinned by the
     * refresh until this resolution completes, whose records are carried
     * over for the entries that read nothing that changed; NULL after. */
    const lp_workspace *prev;
    const uint8_t *prev_changed; /* per input of prev (lp_input_get's order): changed; NULL: unknown */
    /* run on the caller's thread: called once its per-entry arrays are made, before anything of prev's
     * image is read (rs_start_after's `ready`: part 0, its scope), and again before its records are
     * (part 1: carry_image) */
    void (*ready)(void *, int part);
    void *ready_arg;
    /* what the carry-over made before that wait (rs_carry_begin: its per-entry arrays and pairs),
     * in carry_arena until rs_carry_over is done; NULL: nothing */
    struct carry_state *carry;
    ar_arena carry_arena;
    uint32_t carried, evaluated; /* entries carried over / evaluated */
    uint8_t *carried_map;        /* per entry: 1 carried over (mem_malloc'd; NULL: none was) */
    /* After a carry-over: in id order, the entries it did not carry that resolution evaluates or
     * evaluated while loading (every other entry has nothing to evaluate), so that its passes visit
     * those, not every entry (123,208 entries' table read three more times); ntodo_ids of them, in
     * mem_zeroed memory for the entries (freed once resolution is done).  NULL: every entry. */
    uint32_t *todo_ids, ntodo_ids;
    int incremental;             /* 1: records were carried over */
    /* kept syntax trees (rs_tree): the cache this version's table points
     * into (a reference; NULL: none), the table (per entry, then per file:
     * its blocks'; mem_calloc'd, read by the next refresh while it pins
     * this version), the bytes of the trees it holds, and this
     * resolution's counts */
    rs_tcache *tcache;
    seg_index prev_segs;         /* the previous version's files by segment (carry.c) */
    struct rs_tarena *tnode;     /* where this resolution's trees go (carry.c) */
    rs_tree **tree;
    uint8_t *tree_keep;          /* while it runs: per entry, then per file, whether to keep */
    uint64_t tree_live;
    uint32_t trees_reused, trees_kept, blocks_reused, blocks_kept;
    int tcache_shared;
} rs_resolver;

/* lp_resolve_stats' counts of a finished context (no time, no arena). */
void rs_stats_of(const rs_ctx *c, lp_resolve_stats *out);

/* `variable list` as JSON (json) or the table, from a finished context. */
void rs_variables_write(const rs_ctx *c, int json, lp_buf *out);

/* The inputs resolution read (the main thread's and the helper's), once it
 * is done; NULL before. */
const inp_table *rs_inputs(const lp_workspace *ws);

/* The finished context of ws (read-only from any thread once resolution is
 * done: its mods' variables and locals), or NULL while it runs or when ws
 * has no resolver.  The loader (load.h) evaluates with it. */
const rs_ctx *rs_finished(const lp_workspace *ws);
/* A deferred image (opts.defer_image), written by the workspace layer after resolution: whether
 * one was, and recording the outcome lp_resolve_stats_get reports (the caller's thread; resolution
 * has finished). */
int rs_image_written(const lp_workspace *ws);
void rs_note_image(lp_workspace *ws, int written, const char *note);

/* Start resolution for a freshly opened workspace (called by lp_open): on a
 * thread, or on the caller's when opts.no_background is set. */
int rs_start(lp_workspace *ws);
/* The same for a refresh's new version: carry over what prev resolved when
 * it can (prev must stay open until resolution completes).  ready (or NULL): what resolution waits
 * for before it reads prev's image (decoded ahead on another thread: workspace.c's prep job), part 0
 * (its scope and what loading read) before it reads either, part 1 (its records and reads) before
 * it reads those, which loading and the pairs made meanwhile overlap; called by a resolution run on
 * the caller's thread (no_background) once it has made its own per-entry arrays, which take the
 * wait's time instead of following it (123,208 entries: 1.2 MiB zeroed while the decoding's last
 * 1-2 ms ran); otherwise the caller waits for both first. */
int rs_start_after(lp_workspace *ws, const lp_workspace *prev, const uint8_t *prev_changed,
                   void (*ready)(void *, int part), void *ready_arg);
/* The resolution thread, once it is done, joined (it may still be on its way out after the last
 * reader was woken): the process then has no thread of the library's. */
void rs_join(lp_workspace *ws);
/* Per entry of a finished resolution: 1 when its record was carried over
 * from the previous version; NULL before, or when none was. */
const uint8_t *rs_carried_map(const lp_workspace *ws);
/* Entries a finished resolution evaluated and carried over (0, 0 before). */
void rs_carry_counts(const lp_workspace *ws, uint32_t *evaluated, uint32_t *carried);
/* The entries ws's resolution evaluated (not carried over), from its image's hook on (save_image:
 * before completion is announced); 0 before. */
uint32_t rs_evaluated(const lp_workspace *ws);
/* Of a finished resolution (zeroes before; tests): the entries' pieces it
 * evaluated with a kept tree and those it parsed into kept trees, the same
 * for the blocks loading read (counts[0..3]), and whether its cache was
 * the previous version's (shared). */
void rs_tree_counts(const lp_workspace *ws, uint32_t counts[4], int *shared);
/* Stop and free (called by lp_close; the prepared part too). */
void rs_free(lp_workspace *ws);
/* A live version reopened from its image (no resolver): what a refresh taking it as its previous
 * version decodes from the image whatever changed (its scope, what loading read, its records and
 * reads), decoded now and kept with ws (rs_part.prep) for every such refresh (carry_image.c, rs_prep).
 * Not concurrently with such a refresh (the live layer's refresh lock).  0 prepared, or nothing to
 * prepare; -1 not prepared (out of memory, malformed): the refresh decodes it as before.
 * rs_prep_free: called by rs_free. */
typedef struct rs_prep rs_prep;
int rs_prepare_image(lp_workspace *ws);
/* The same for a one-shot open patching ws (a stale image's version: workspace.c, patch), on a
 * thread of its own while the open takes the segments and builds the index (nothing else reads or
 * writes ws's resolution part meanwhile), in two parts: the scope and what loading read (whatever
 * the edit), then the records and reads (when the patch's resolution takes them: not when it carries
 * over sparsely; never made, the resolution reads them itself).  No record made ahead, as the patch
 * serves the entries it carries over from the image's overlay in place. */
int rs_prepare_patch_scope(lp_workspace *ws);
int rs_prepare_patch_records(lp_workspace *ws);
void rs_prep_free(lp_workspace *ws);

#endif
