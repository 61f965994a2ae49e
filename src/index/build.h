/* build.h — what the stages of lp_open() hand each other (internal).
 *
 *   mod.c       mod_set: mods, their files, snapshots, discovery diagnostics
 *   srcfile.c   reading one file into a reused buffer
 *   scan.c      scan_result per file (scan.h)
 *   index.c     index_build(): merge + hierarchy into the lp_workspace
 *   workspace.c lp_open(): runs the stages, the worker threads and the stats
 */
#ifndef LP_BUILD_H
#define LP_BUILD_H

#include <stdint.h>

#include "base/arena.h"
#include "base/inputs.h"
#include "base/srcfile.h"
#include "index/index.h"
#include "index/scan.h"

/* Allocate from a build arena whose chunks grow with what it already holds
 * (64 KiB, then about doubling, up to 8 MiB), so that the number of
 * allocation calls grows with the logarithm of the data, not with it. */
void *build_alloc(ar_arena *a, size_t size);
char *build_strdup(ar_arena *a, const char *s, size_t n);

/* A diagnostic collected before the index exists. */
typedef struct build_diag {
    uint32_t severity;
    const char *file;            /* NUL-terminated; "" for workspace-level */
    uint32_t line, col, end_line, end_col;
    const char *summary, *detail;
} build_diag;

typedef struct build_diags {
    build_diag *v;
    uint32_t n, cap;
    uint32_t nmore, nmore_err;   /* past BUILD_MAX_DIAGS: counted for one closing note */
    build_diag more_at;          /* the first of those (file, position) */
    int oom;
} build_diags;

/* Diagnostics kept per workspace (each file keeps at most HCL_MAX_DIAGS):
 * 10,000 files of garbage must not cost memory per diagnostic either. */
#define BUILD_MAX_DIAGS 10000

/* Returns 1 when the diagnostic was kept, 0 when only counted (or OOM). */
int build_diag_add(build_diags *d, ar_arena *a, uint32_t severity, const char *file,
                   uint32_t line, uint32_t col, const char *summary, const char *detail);
void build_diags_free(build_diags *d);

/* ---------------------------------------------------------------- mod.c */

typedef struct mod_desc {
    const char *root;            /* mod directory, as listed */
    const char *path;            /* dependency: under .powerpipe/mods, cut at '@'; main: "" */
    const char *name, *title;    /* name: the index's, unique (mod_keys): the mod block's label, or
                                  * "label@version" for a second version of one mod */
    const char *folder;          /* dependency: its directory under the mods root, "" for the main */
    const char *aliases;         /* how its references name other mods, when not by their index
                                  * names: "label=MOD;..." (idx_mod_alias), NULL when none */
    int failed;                  /* a file went missing while scanning: skip the whole mod */
} mod_desc;

typedef struct mod_file {
    const char *path;            /* as listed: root joined with the relative path */
    uint32_t mod;
} mod_file;

/* One `mod "<path>" {...}` of the main mod's `require` blocks (lp_require_get). */
typedef struct mod_require {
    const char *path;            /* the label: "github.com/turbot/steampipe-mod-aws-insights" */
    const char *version;         /* `version` when a literal string, else "" */
    const char *file;            /* the mod file */
    uint32_t line, col;          /* of the block's type keyword */
    int installed;               /* a dependency mod has this path */
} mod_require;

typedef struct mod_set {
    ar_arena *arena;             /* paths and names (the build's temporary arena) */
    mod_desc *mods;
    uint32_t nmods, cap_mods;
    mod_file *files;
    uint32_t nfiles, cap_files;
    const char **snapshots;      /* paths of snapshot files (.pps, .sps) of the main mod */
    uint32_t nsnapshots, cap_snapshots;
    mod_require *reqs;           /* the main mod's required mods, in source order */
    uint32_t nreqs, cap_reqs;
    build_diags *diags;
    inp_table inputs;            /* .powerpipeignore files and directories read (inputs.h), in
                                  * the workspace's arena: the caller initialises it */
    int oom;
} mod_set;

struct srcbuf;

/* Find the main mod (mod.pp or mod.sp in dir; without one it is `local`) and
 * the dependency mods under dir/.powerpipe/mods, then list the .pp/.sp files
 * of each (sorted by path), honouring each mod root's .powerpipeignore.
 * `scratch` and `buf` are used to parse mod files.  Returns 0 or -1 (OOM). */
int mod_discover(mod_set *ms, const char *dir, ar_arena *scratch, struct srcbuf *buf);
/* The requires of p (a previous version whose listing is taken again): its
 * strings point into p.  0 or -1 (OOM). */
int mod_requires_from(mod_set *ms, const lp_workspace *p);
void mod_set_free(mod_set *ms);

/* gitignore-style matching, exposed for tests: does `pattern` (one
 * .powerpipeignore line) decide for the relative path `path`?  Returns 1
 * (ignore), -1 (re-include: a `!` pattern), 0 (no match). */
int mod_ignore_match(const char *pattern, const char *path, int is_dir);

/* ---------------------------------------------------------------- index.c */

/* The outcome of reading and scanning one file (workers fill these). */
typedef struct file_outcome {
    scan_result res;
    srcfile_info read;           /* as read (size, mtime, identity, hash, ctime), or err: its errno */
    int32_t status;              /* LP_OK, LP_ERR_IO, LP_ERR_SYNTAX */
    int missing;                 /* vanished / dangling symlink (ENOENT) */
    struct result_slot *slot;    /* where res lives and what it may point into (workspace.c) */
} file_outcome;

/* Merge the scan results into ws in file order, file by file as they come
 * (a result may be dropped once added), then build the hierarchy.
 * Diagnostics are appended to `diags`.  With ws->capture set, its per-entry
 * and per-file lists are filled from the results.  Every call returns 0 or
 * LP_ERR_NOMEM; index_finish and index_abort free the builder. */
typedef struct index_builder index_builder;
int index_begin(index_builder **b, lp_workspace *ws, const mod_set *ms, build_diags *diags);
/* Reserve what the previous version of the workspace needed (a refresh:
 * the next version is about the same size), so that merging does not grow
 * the arrays and the string table file by file. */
int index_hint(index_builder *b, const lp_workspace *prev);
/* File f (the next in order); the entries of a mod marked failed are skipped. */
int index_add_file(index_builder *b, uint32_t f, const file_outcome *o);
/* File f, just added from a copy of its segment s (seg_ready_copy), which goes once merged: its
 * entries' pieces left for idx_capture_file to take from s when resolution evaluates one of them (the
 * capture's lazy mark; its blocks for idx_capture_blocks) when the merge kept every entry of the copy
 * or none, else s made usable now (seg_ready) and the pieces pointed there (seg_copy_moved).  0, or -1
 * (out of memory, or s failed its checks). */
int index_file_from_copy(index_builder *b, uint32_t f, const struct seg *copy, const struct seg *s);
int index_finish(index_builder *b);
void index_abort(index_builder *b);
/* How a refresh took file f from the previous version (reused[f], index_update's), besides 0
 * (scanned): IDX_REUSED, its segment's outcome in outs[f]; with IDX_REUSED_UNMADE too, no outcome
 * made (outs[f] zero, not read): an image's segment taken lazily, its bytes, stat and entries as
 * the previous version's record of file f says (the listing is that version's), IDX_REUSED_BLOCKS
 * when it has blocks of locals or variables (IDX_BLOCKS_LATER).  A patch of a large workspace
 * spares so writing every file's outcome (123,208 entries' 8,199 files: 1.2 MB, 1 ms of fresh
 * pages). */
#define IDX_REUSED 1u
#define IDX_REUSED_UNMADE 2u
#define IDX_REUSED_BLOCKS 4u

/* The index of ws made from prev's, when the files whose outcome is new
 * (!reused[f]; the others are prev's segments: the same bytes) only changed
 * the fields the scan gives an entry besides its name, kind and place:
 * titles, descriptions, tags, properties, lines.  Then every id, name,
 * reference, edge and diagnostic of a whole merge would be prev's, and they
 * are copied instead (adj, names, hierarchy, prev's diagnostics appended to
 * `diags`), the strings cloned and only the changed entries' fields merged
 * again: a one-file edit of aws_compliance in 0.2 ms instead of the whole
 * merge and hierarchy.  The listing must be prev's (ms made from it).
 * 0: done (ws holds the index and its capture lists, as index_finish leaves
 * them); 1: not applicable, ws untouched (merge as usual); LP_ERR_NOMEM. */
int index_update(lp_workspace *ws, const lp_workspace *prev, const mod_set *ms, const file_outcome *outs,
                 const uint8_t *reused, build_diags *diags);
/* A point to roll back to: a dependency mod found incomplete after some of
 * its files were merged is taken back whole (entries, tags, references and
 * the files' diagnostics since the mark; interned strings stay). */
typedef struct index_mark { uint32_t file, nentries, nkv, nrefs, ndiags; } index_mark;
void index_mark_get(const index_builder *b, uint32_t file, index_mark *m);
void index_rollback(index_builder *b, const index_mark *m);

#endif
