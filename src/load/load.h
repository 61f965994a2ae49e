/* load.h — phase 3: resources materialised on demand (load.c) and the LRU
 * cache that keeps them (cache.c).  POWERPIPE_BEHAVIOR.md §7 with the §13
 * decisions (params and args loaded, `query = query.x` carries the query's
 * SQL, cycles are errors, the cache bounds real bytes).
 *
 * OWNERSHIP.  One load makes one ld_item: an arena holding every byte of the
 * resource and of its tree (children, their queries' SQL), the nodes
 * (struct lp_resource) included.  Freeing an item is ar_free: one
 * mem_free per chunk, on any thread (the chunks are mem_malloc'd: mimalloc
 * frees across threads).  Temporaries of a load (the file's bytes, syntax
 * trees, evaluation values before they are copied) live in an ld_work that
 * the cache reuses from load to load, so a steady stream of loads allocates
 * only its items' chunks.  They are bounded by one block, not by the tree:
 * a block's syntax tree and values are dropped (arena rewind) once its
 * attributes are copied into the item, before its children are loaded, and
 * only the file being read is held (a tree's walk reads a file again when
 * it comes back to it), so a load's peak is its item plus one block and one
 * file.
 *
 * EVALUATION CONTEXT.  Attributes are evaluated with the variables and
 * locals phase 2 computed (resolve.h): the finished rs_ctx is read-only once
 * resolution is done, so any number of loads read it at once.  A workspace
 * reopened from its persisted image ran no resolution in this process: the
 * resolver that wrote the image wrote the scope into it (every mod's
 * variables and locals with their values; the image is per option set, so
 * they are this open's), and the first load decodes it, checked whole, into
 * the cache's scope_arena (persist.h, pst_scope) as an rs_ctx holding only
 * mods.  Only where there is none (opened with no_resolve; a scope refused
 * as malformed or too deep to pack) does the first load open a private copy
 * of the workspace with resolution on and no image (the "twin") and take the
 * context from it, at the price of one build (ld_env below).
 *
 * THREADS.  The cache's mutex guards the LRU list, the id table, the
 * counters, the scope's decoding, the twin's creation and the pool of ld_work; it is never held
 * while a file is read or a block evaluated.  A node is immutable once its
 * load returns, and an item is freed only when it is out of the cache and
 * unpinned, so readers need no lock.
 */
#ifndef LP_LOAD_H
#define LP_LOAD_H

#include <pthread.h>

#include "base/srcfile.h"
#include "eval/value.h"
#include "index/index.h"
#include "resolve/resolve.h"

typedef struct ld_item ld_item;

/* An evaluated attribute.  text: its value as a string (strings, numbers,
 * bools), NULL for other kinds. */
typedef struct ld_attr {
    const char *name;
    lpv_value val;
    const char *text;
} ld_attr;

/* An argument of `args`. */
typedef struct ld_arg {
    const char *name;            /* NULL in a list */
    const char *value;           /* NULL: run-time only */
    const char *expr;            /* a run-time value's expression, as written (a run evaluates it) */
    unsigned char is_string;     /* value is a string's text, not a list's or object's JSON */
} ld_arg;

/* A block that is not a resource of its own (series, axes, column, option...). */
typedef struct ld_block {
    const char *type;
    const char *label;           /* NULL: unlabelled */
    ld_attr *attrs;
    uint32_t nattrs;
    struct ld_block *blocks;
    uint32_t nblocks;
    uint32_t start_line, end_line;  /* in its file */
    const char *source;          /* a flow, graph or hierarchy's node, edge or category block,
                                  * a `with` block: its text (eager makes those resources); else NULL */
    const struct lp_resource *owner;  /* a resource's own block: that resource (its base's when
                                       * inherited); NULL in a block */
    const struct lp_resource *base;      /* a node or edge block's `base = node.x`, loaded */
    const struct lp_resource *category;  /* its `category = category.x`, loaded */
    ld_arg *args;                /* a node or edge block's `args`, as a resource's */
    uint32_t nargs;
    uint8_t has_args, args_list;
} ld_block;

/* A reference from one of the resource's attributes (or its param blocks')
 * to another resource or a variable, as pipe-fittings' AddReferences records
 * it (parse/references.go): to ("query.x", "var.v", "m.control.y"), the
 * attribute, the block it is in (type, first label: "" when none), and the
 * attribute's lines with their whole text. */
typedef struct ld_ref {
    const char *to, *attr, *block_type, *block_name, *source;
    uint32_t start_line, end_line;
} ld_ref;

typedef struct ld_param {
    const char *name, *description, *def;   /* description, def: NULL when absent */
} ld_param;

struct lp_resource {
    uint32_t id;
    uint8_t kind;
    uint8_t has_tags, has_args, args_list;
    uint8_t sql_own;             /* sql is the resource's own `sql` (show JSON writes only that) */
    const char *name;
    const char *sql;             /* effective: `sql`, or the query's */
    const char *query;           /* full name of `query`, NULL when none */
    const char *base;            /* full name of `base`, NULL when none */
    const char *source;          /* the block's whole lines (Powerpipe keeps a nested block's indent) */
    ld_ref *refs;                /* source order */
    uint32_t nrefs;
    ld_attr *attrs;              /* every other attribute, source order */
    uint32_t nattrs;
    ld_block *blocks;
    uint32_t nblocks;
    idx_tag *tags;               /* sorted by key */
    uint32_t ntags;
    ld_param *params;
    uint32_t nparams;
    ld_arg *args;
    uint32_t nargs;
    const char **child_names;    /* the index's child names (missing ones included) */
    uint32_t nchild_names;
    struct lp_resource **children;
    uint32_t nchildren;
    const struct lp_resource *category;  /* a node or edge's `category = category.x`, loaded */
    ld_item *item;               /* the load it belongs to */
};

struct ld_item {
    lp_resource *root;
    ar_arena arena;
    uint64_t bytes;              /* arena.reserved once the load is done */
    uint32_t id;
    uint32_t refs;               /* pins */
    int cached;                  /* in the LRU list and the id table */
    struct ld_cache *cache;
    ld_item *prev, *next;        /* LRU list: prev towards the most recent */
    ld_item *hnext;              /* the cache's hash chain */
};

/* Reusable temporaries of one load at a time. */
typedef struct ld_work {
    ar_arena scratch;            /* one block's syntax tree and values before copying */
    ar_arena memo;               /* the load's tables (entries done) */
    srcbuf buf, fbuf;            /* a whole block file (file_whole); file() targets */
    /* the file this work last read whole and found as the index read it (fid + 1, 0: none), and
     * what a stat of it said then, its hash the index's: while they hold, a block is read alone */
    uint32_t verified;
    srcfile_info verified_as;
    /* the verified file kept open (fd + 1, 0: none), and a window of it read while a stat found it
     * verified (span_lo, span_len bytes; 0: none): a block within the window costs a stat of the
     * descriptor, another one a read too, not a path walk.  One descriptor per pooled work, closed,
     * and the window dropped, when another file is verified and with the work (ld_work_release). */
    int verified_fd;
    srcbuf span;
    size_t span_lo, span_len;
    struct ld_work *next;        /* the cache's free list */
} ld_work;

/* What evaluation reads: phase 2's finished context (its mods' variables and
 * locals) and the workspace the index is read from. */
typedef struct ld_env {
    const lp_workspace *ws;
    const rs_ctx *rs;            /* NULL: no variables or locals (the twin could not be made);
                                  * the image's scope: mods only (no getenv: the process's) */
} ld_env;

/* load.c: close what w keeps open (its verified file); w stays usable. */
void ld_work_release(ld_work *w);
/* load.c: materialise entry id into a new item (refs 0, not cached).  LP_OK
 * or an lp_status with err filled. */
int ld_materialise(const ld_env *env, uint32_t id, ld_work *w, ld_item **out, lp_error *err);
void ld_item_free(ld_item *it);
/* load.c: entry id's source definition (its block's text as a materialised resource has it,
 * lp_resource_source) appended to out, read from its file as a load reads it, nothing built. */
int ld_source(const ld_env *env, uint32_t id, ld_work *w, lp_buf *out, lp_error *err);
/* load.c: mod `mod`'s mod file (mod.pp, else mod.sp) read into w->buf and parsed into f on w's
 * scratch arena; *path its path there, *size its length.  LP_OK, LP_ERR_NOT_FOUND (no mod file),
 * LP_ERR_NOMEM. */
int ld_mod_file_parse(const lp_workspace *ws, uint32_t mod, ld_work *w, hcl_file *f, const char **path,
                      size_t *size, lp_error *err);
/* load.c: the `database` of mod `mod`'s mod block (dep NULL), or of its `require { mod "<dep>" }`
 * block, evaluated as a load evaluates (phase 2's variables, `connection.T.N` as its name), appended
 * to out (lp_mod_database, lp_require_database). */
int ld_mod_database(const ld_env *env, uint32_t mod, const char *dep, ld_work *w, lp_buf *out, lp_error *err);

/* An evaluation scope for expressions of mod `mod` outside a load, giving names as a load does
 * (variables and locals, resources, connection.T.N; file() and env() of that mod): a dashboard
 * run's args evaluated at run time (run/dash.c), whose own scope answers self, param and with
 * and hands every other root to this one.  ld_eval_open (cache.c: the cache's context and a
 * pooled ld_work, as a load takes them) fills *out; ld_eval_scope(*out) stays valid until
 * ld_eval_close(ws, *out), which gives the work back.  One thread uses one at a time; any number
 * may be open at once.  LP_OK, or an lp_status with err filled. */
typedef struct ld_eval ld_eval;
int ld_eval_open(lp_workspace *ws, uint32_t mod, ld_eval **out, lp_error *err);
const ev_scope *ld_eval_scope(const ld_eval *e);
void ld_eval_close(lp_workspace *ws, ld_eval *e);
/* load.c: the part ld_eval_open leaves to the loader (a scope over env and w) */
size_t ld_eval_size(void);
void ld_eval_init(ld_eval *e, const ld_env *env, ld_work *w, uint32_t mod);
ld_work *ld_eval_work(const ld_eval *e);

/* cache.c */
typedef struct ld_cache {
    pthread_mutex_t mu;
    lp_workspace *ws;
    ld_item **buckets;           /* by entry id, chained; grown with the entries held (not the
                                  * workspace's size: 8 B per entry of a 1.2M-entry mod was 10 MB) */
    uint32_t nbuckets;           /* a power of two */
    ld_item *mru, *lru;
    uint64_t bytes, budget;
    uint32_t entries, max_entries, pinned;
    uint64_t hits, misses, evictions, loads, load_ns;
    ld_work *pool;
    lp_workspace *twin;          /* see EVALUATION CONTEXT */
    int twin_tried;
    rs_ctx *scope;               /* the image's scope (pst_scope), in scope_arena; NULL: none yet */
    ar_arena scope_arena;
    int scope_tried;
    uint64_t scope_builds, scope_images;   /* twins opened; scopes taken from the image */
} ld_cache;

#define LD_DEFAULT_BUDGET (64ull * 1024 * 1024)

/* cache.c: the variables' declarations and values (lp_variable_json); NULL with err on failure */
const rs_ctx *ld_full_scope(lp_workspace *ws, lp_error *err);

/* lp_close: free the cache (every item, pinned or not: the workspace goes). */
void ld_cache_free(lp_workspace *ws);

#endif
