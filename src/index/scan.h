/* scan.h — one parsed file -> the index entries it declares (syntax only).
 *
 * Runs on worker threads: everything it produces is written into the file's
 * result arena (`out`), because the syntax tree lives in a scratch arena that
 * is reset for the next file, except strings that are a slice of the source
 * as they stand (names, titles, tag keys and values without escapes): those
 * point into the source, which the caller keeps until the result is merged
 * (workspace.c reads each file into a buffer that goes with its result
 * arena), so that the bytes are copied once, by the merge, not twice.  Each
 * string meant for the index is hashed here (scan_str.hash), in parallel, so
 * that the merge (index.c), which interns the strings and builds the flat
 * index in file order on one thread, does not hash them again.
 *
 * What is extracted (POWERPIPE_BEHAVIOR §1-3 with the §13 decisions):
 *  - every top-level block of an indexed type with a label (label[0]);
 *    unknown block types and missing labels are diagnostics;
 *  - inside dashboards and containers (top-level or nested, recursively) the
 *    blocks container/card/chart/flow/graph/hierarchy/image/input/table/text
 *    become entries too, named as eager Powerpipe names them:
 *    `<mod>.<type>.<label>`, or for an unlabelled block
 *    `<mod>.<type>.<parent>_anonymous_<type>_<n>` where <parent> is the
 *    parent's unqualified name (`dashboard.d`, `container.x`) with '.' -> '_'
 *    and n counts every earlier sibling of that type, labelled or not;
 *  - literal values as values (strings decoded, numbers as cty prints them,
 *    bools "true"/"false"); anything else sets an LP_UNRES_* bit and keeps
 *    the literal parts of a template as a provisional value;
 *  - the byte range of the whole block, closing '}' included, and its lines.
 */
#ifndef LP_SCAN_H
#define LP_SCAN_H

#include <stdint.h>

#include "base/arena.h"
#include "hcl/hcl_ast.h"
#include "index/capture.h"

typedef struct scan_str {
    const char *p;       /* NULL: absent; not NUL-terminated */
    uint32_t len;
    uint32_t hash;       /* si_hash(p, len), computed on the scanning thread */
} scan_str;

typedef struct scan_ref {
    scan_str name;       /* qualified child name */
    int32_t local;       /* a nested block: its index in this file's entries; else -1 */
    uint32_t line, col;  /* where the reference is written */
} scan_ref;

typedef struct scan_entry {
    uint8_t kind, flags;         /* lp_kind, IDX_* flags known at scan time */
    uint16_t unresolved;         /* LP_UNRES_* */
    scan_str name;               /* full name */
    scan_str title, description, category, documentation, display, sql, query_ref;
    int32_t width;               /* when flags & IDX_HAS_WIDTH */
    uint32_t query_line, query_col;   /* where `query = <ref>` is written (0: no such attribute) */
    uint32_t start_line, start_col, end_line, byte_offset, byte_length;
    uint32_t tags, ntags;        /* pairs in scan_result.tags, sorted by key, unique */
    uint32_t refs, nrefs;        /* in scan_result.refs: `children` then nested blocks */
    int32_t parent;              /* nested: the enclosing entry's index in this file; else -1 */
    cap_attr *caps;              /* with a capture arena: the attributes behind `unresolved` */
} scan_entry;

typedef struct scan_diag {
    uint32_t severity;           /* lp_severity */
    uint32_t line, col, end_line, end_col;
    const char *summary, *detail;   /* NUL-terminated, in the result arena */
} scan_diag;

typedef struct scan_result {
    scan_entry *entries;
    uint32_t nentries;
    scan_str (*tags)[2];
    uint32_t ntags;
    scan_ref *refs;
    uint32_t nrefs;
    scan_diag *diags;
    uint32_t ndiags;
    uint32_t nerrors;            /* error diagnostics among diags */
    uint64_t str_bytes;          /* bytes of the entries', tags' and references' strings */
    uint32_t nstr;               /* number of those strings (an upper bound for interning) */
    cap_block *blocks;           /* with a capture arena: locals, variable and mod blocks */
} scan_result;

/* A scanning thread's state.  The result being built is `res`, its arrays and
 * strings in the arena `out` (arrays sized from what earlier files needed,
 * scan.c), so a file's result is never copied and a build allocates per
 * result arena, not per file or resource. */
typedef struct scan_worker {
    scan_result res;             /* the file's result so far (its nerrors counted at the end) */
    uint32_t cap_entries, cap_tags, cap_refs, cap_diags;
    uint32_t ra_per_kb[4], ra_most[4], ra_hint[4];   /* array sizes seen: per KiB, largest; the next hint */
    void *heap[4];               /* a big file's arrays, grown by realloc until finish moves them in */
    size_t heap_bytes[4];
    size_t len;                                 /* the file's size */
    /* The result's strings, built in place in blocks of `out`: the string
     * being built is [sb, sp), the block ends at se (scan.c). */
    char *sb, *sp, *se;
    size_t sblock;
    const char *mod; uint32_t mod_len;          /* the mod of the file being scanned */
    const char *src, *src_end;                  /* its source: slices of it are not copied */
    ar_arena *out;
    ar_arena *capture;           /* NULL: capture nothing for phase 2 (capture.h) */
    const hcl_file *file;        /* the file being scanned */
    cap_block **blocks_tail;     /* where res.blocks' next block goes */
    int nul_possible;            /* the file has a NUL byte or decoded one: strings are checked */
    int nul_seen;                /* a stored string holds a NUL byte: not reported yet */
    hcl_range mod_at;            /* the file's first `mod` block (line 0: none yet) */
    uint32_t nmore, nmore_err;   /* diagnostics past HCL_MAX_DIAGS: counted, one note */
    hcl_range more_at;           /* the first of those */
    int oom;
} scan_worker;

void scan_worker_init(scan_worker *w, ar_arena *out);
void scan_worker_free(scan_worker *w);

/* Extract the entries of `file` (parsed; its diagnostics are copied too) for
 * the mod `mod_name`.  With w->capture set, also copy what background
 * resolution evaluates into it: each entry's attributes behind its LP_UNRES_*
 * field bits (scan_entry.caps) and the file's `locals`, `variable` and `mod`
 * blocks (scan_result.blocks).  Returns 0, or -1 when memory ran out. */
int scan_file(scan_worker *w, const hcl_file *file, const char *mod_name, scan_result *out);

/* ---- Reading a file piece by piece (the skim's fast path, skim.c) ----
 * scan_file is scan_begin, scan_block for each top-level block, scan_end.
 * A reader that has no tree for a block gives its entry as scan_open,
 * scan_attr for each attribute (or scan_child for each item of a
 * `children` list it read itself), scan_close; the extraction is the same
 * code either way, fed with small trees the reader builds on its stack. */
typedef struct scan_tagset {
    uint32_t first;              /* in the worker's tags */
    int resolved;
} scan_tagset;

/* An attribute noted for capture in case its field stays unresolved. */
typedef struct scan_cap {
    const hcl_expr *expr;        /* NULL: may_refer says what cap_may_refer would */
    hcl_range range;
    uint32_t name_len;
    uint16_t bit;                /* its LP_UNRES_* field */
    uint8_t may_refer;
} scan_cap;

/* The distinct attributes with an LP_UNRES_* field (title, description,
 * tags, category, documentation, display, width, sql, type): a reader that
 * gives each name once never needs more. */
#define SCAN_MAX_CAPS 12

typedef struct scan_attrs {      /* the entry being read */
    int32_t idx;
    int have_query_ref;
    scan_tagset ts;
    uint32_t ncaps;
    scan_cap caps[SCAN_MAX_CAPS];
} scan_attrs;

void scan_begin(scan_worker *w, const hcl_file *file, const char *mod_name);
int scan_end(scan_worker *w, scan_result *out);
/* One top-level block from its tree: 0, or -1 when memory ran out. */
int scan_block(scan_worker *w, const hcl_block *b);
/* The lp_kind of a block type, or -1 when such blocks are not entries. */
int scan_kind(hcl_str type);
/* A top-level entry of `kind` named by `label`: 0, or -1 (out of memory). */
int scan_open(scan_worker *w, scan_attrs *st, unsigned kind, hcl_str label);
/* One attribute (a `children` list too).  may_refer: what cap_may_refer
 * gives for its value, or -1 to have it computed from a->expr, which must
 * then stay valid until scan_close. */
void scan_attr(scan_worker *w, scan_attrs *st, const hcl_attr *a, int may_refer);
/* What scan_attr reads an attribute name as: its row in the schema table
 * (sch_id, schema.h), SCH_NONE (0) for one it ignores; below 32, so that a
 * reader may keep a bit set of the names it has seen.  To pass to
 * scan_attr_as. */
int scan_attr_kind(hcl_str name);
/* scan_attr of an attribute whose scan_attr_kind is known. */
void scan_attr_as(scan_worker *w, scan_attrs *st, const hcl_attr *a, int may_refer, int kind);
/* scan_attr of `name = "text"` (a string with nothing to decode: text is its
 * bytes) spanning `range`, for the kinds scan_attr_text_kind accepts: the
 * same result without a tree. */
int scan_attr_text_kind(int kind);
void scan_attr_text(scan_worker *w, scan_attrs *st, hcl_str name, int kind, hcl_str text, hcl_range range);
/* A `tags` attribute read piece by piece: scan_tags_begin (resolved: the
 * value is an object, not a call such as merge(local.x, {...})), scan_tag
 * for each pair of its objects (key: an OBJECT_KEY), then scan_note. */
void scan_tags_begin(scan_worker *w, scan_attrs *st, int resolved);
void scan_tag(scan_worker *w, scan_attrs *st, const hcl_expr *key, const hcl_expr *value);
/* What scan_tag does with the usual pair, `name = "text"` (a bare name, a
 * string with nothing to decode). */
void scan_tag_text(scan_worker *w, hcl_str name, hcl_str text);
/* An attribute read piece by piece is noted for capture (a->range set;
 * may_refer as for scan_attr). */
void scan_note(scan_worker *w, scan_attrs *st, const hcl_attr *a, int may_refer);
/* Does scan_attr read the literal parts of a template value that also
 * interpolates (a provisional title...), or only that it interpolates (sql)?
 * A reader may hand over the interpolations alone when it does not.  kind:
 * the attribute's scan_attr_kind. */
int scan_reads_partial_text(int kind);
/* One item of a `children` list whose attribute spans attr_range. */
void scan_child(scan_worker *w, const hcl_expr *item, hcl_range attr_range);
/* What scan_child does with the usual item, `type.name` written at line:col. */
void scan_child_ref(scan_worker *w, hcl_str type, hcl_str name, uint32_t line, uint32_t col);
/* The entry's block spans `block_range`, closing '}' included: 0, or -1. */
int scan_close(scan_worker *w, scan_attrs *st, hcl_range block_range);

/* A file that could not be read or parsed at all: a result holding one
 * diagnostic and no entries. */
int scan_failed(scan_worker *w, uint32_t severity, const char *summary, const char *detail,
                scan_result *out);

/* The main mod block of a parsed mod.pp: its label and its own `title`
 * (literal strings only).  Returns 1 when a labelled mod block was found. */
int scan_mod_block(const hcl_file *file, hcl_str *name, hcl_str *title);

#endif
