/* scan.c — one parsed file -> index entries (see scan.h). */
#include "index/scan.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/intern.h"
#include "base/mem.h"
#include "base/numlit.h"
#include "index/index.h"
#include "index/schema.h"

/* ------------------------------------------------------------ buffers */

/* The result arrays (entries, tags, references, diagnostics) are allocated
 * in the result arena, sized for each file from the densest (per source
 * byte) and the longest this worker has seen, so that finishing a file copies
 * nothing; a file that needs more moves its array to one twice the size in
 * the same arena.  Nothing is allocated outside the result arena, except
 * for a big file (BIG_FILE): there the copies left behind by doubling were
 * hundreds of MB (a 300 MB file's tags: 268 MB for 68), so its arrays grow
 * by realloc on the heap and finish() moves them into the arena once. */
enum { RA_ENTRIES, RA_TAGS, RA_REFS, RA_DIAGS };
#define BIG_FILE (1u << 20)   /* bytes: see big_file_hint */

static void heap_release(scan_worker *w)
{
    for (unsigned i = 0; i < 4; i++) {
        if (w->heap[i]) mem_free(w->heap[i], w->heap_bytes[i]);
        w->heap[i] = NULL;
        w->heap_bytes[i] = 0;
    }
}

static int vgrow_slow(scan_worker *w, void **p, uint32_t *cap, uint32_t need, size_t elem, unsigned which)
{
    uint64_t n = (uint64_t)*cap * 2;
    if (n < w->ra_hint[which]) n = w->ra_hint[which];
    if (n < need) n = need;
    if (n < 8) n = 8;
    if (n > UINT32_MAX || n > SIZE_MAX / 2 / elem) {
        w->oom = 1;
        return -1;
    }
    if (w->len > BIG_FILE) {
        void *h = mem_realloc(w->heap[which], w->heap_bytes[which], (size_t)n * elem);
        if (!h) {
            w->oom = 1;
            return -1;
        }
        size_t had = w->heap_bytes[which];
        /* the new records' padding too: an image holds these bytes (seg_image_write) */
        memset((char *)h + had, 0, (size_t)n * elem - had);
        w->heap[which] = *p = h;
        w->heap_bytes[which] = (size_t)n * elem;
        *cap = (uint32_t)n;
        return 0;
    }
    void *q = ar_alloc(w->out, (size_t)n * elem);
    if (!q) {
        w->oom = 1;
        return -1;
    }
    if (need > 1) memcpy(q, *p, (size_t)(need - 1) * elem);   /* callers grow by one */
    /* the new records' padding too: an image holds these bytes (seg_image_write) */
    memset((char *)q + (size_t)(need - 1) * elem, 0, (size_t)(n - (need - 1)) * elem);
    *p = q;
    *cap = (uint32_t)n;
    return 0;
}

static inline int vgrow(scan_worker *w, void **p, uint32_t *cap, uint32_t need, size_t elem, unsigned which)
{
    return need <= *cap ? 0 : vgrow_slow(w, p, cap, need, elem, which);
}

/* A file of len bytes: the arrays start empty, with size hints. */
static void ra_start(scan_worker *w, size_t len)
{
    w->res.entries = NULL;
    w->res.tags = NULL;
    w->res.refs = NULL;
    w->res.diags = NULL;
    w->cap_entries = w->cap_tags = w->cap_refs = w->cap_diags = 0;
    uint64_t kb = len / 1024 + 1;
    for (unsigned i = 0; i < 4; i++) {
        uint64_t h = w->ra_per_kb[i] * kb, most = (uint64_t)w->ra_most[i] + 8;
        w->ra_hint[i] = (uint32_t)(h < most ? h : most);
    }
}

/* What the file needed, for the next hints. */
static void ra_learn(scan_worker *w, size_t len)
{
    uint32_t n[4] = { w->res.nentries, w->res.ntags, w->res.nrefs, w->res.ndiags };
    uint64_t kb = len / 1024 + 1;
    for (unsigned i = 0; i < 4; i++) {
        uint64_t d = (n[i] + kb - 1) / kb;
        if (d > w->ra_per_kb[i]) w->ra_per_kb[i] = (uint32_t)(d < UINT32_MAX ? d : UINT32_MAX);
        if (n[i] > w->ra_most[i]) w->ra_most[i] = n[i];
    }
}

void scan_worker_init(scan_worker *w, ar_arena *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
}

void scan_worker_free(scan_worker *w)
{
    heap_release(w);           /* a big file's arrays when its scan failed */
    memset(w, 0, sizeof *w);   /* everything else it made is in result arenas */
}

/* A big file's array, moved from the heap into the result arena (0, or -1). */
static int heap_move(scan_worker *w, unsigned which, void **p, uint32_t n, size_t elem)
{
    if (!w->heap[which] || *p != w->heap[which]) return 0;
    void *q = n ? ar_alloc(w->out, (size_t)n * elem) : NULL;
    if (n && !q) return -1;
    if (n) memcpy(q, *p, (size_t)n * elem);
    *p = q;
    return 0;
}

/* ------------------------------------------------------------ strings */

/* Every string of a result is written once, straight from the syntax tree
 * into blocks of the result arena: the string being built is [sb, sp) at the
 * end of the current block, and moves to a new block (about twice the last)
 * when it outgrows this one.  Strings are not NUL-terminated (diagnostics
 * are, as they are C strings). */
#define SBLOCK_MIN 4096u

static int sb_grow(scan_worker *w, size_t n)
{
    if (w->oom) return -1;
    size_t cur = (size_t)(w->sp - w->sb);
    if (n > UINT32_MAX - cur) {
        w->oom = 1;
        return -1;
    }
    size_t size = w->sblock * 2;
    if (size < cur + n + SBLOCK_MIN) size = cur + n + SBLOCK_MIN;
    char *p = ar_alloc(w->out, size);
    if (!p) {
        w->oom = 1;
        return -1;
    }
    if (cur) memcpy(p, w->sb, cur);
    w->sb = p;
    w->sp = p + cur;
    w->se = p + size;
    w->sblock = size;
    return 0;
}

/* The first block of a file's strings: about the size of the file. */
static void sb_init(scan_worker *w, size_t hint)
{
    w->sb = w->sp = w->se = NULL;
    w->sblock = hint / 2;
    sb_grow(w, 0);
}

static inline void sb_reset(scan_worker *w) { w->sp = w->sb; }

/* Room for n more bytes in the string being built (0), or -1 (OOM). */
static inline int sb_room(scan_worker *w, size_t n)
{
    return (size_t)(w->se - w->sp) >= n ? 0 : sb_grow(w, n);
}

/* The first and the last w of n bytes, w <= n <= 2w (they overlap when n < 2w): every byte of s.
 * w is a constant at each call, so each memcpy is one load or store of a word. */
static inline void copy_head_tail(char *d, const char *s, size_t n, size_t w)
{
    char head[16], tail[16];
    memcpy(head, s, w);
    memcpy(tail, s + n - w, w);
    memcpy(d, head, w);
    memcpy(d + n - w, tail, w);
}

/* Append n bytes there is room for.  Names, labels and tag values are mostly
 * short: two overlapping word copies instead of a call to memcpy. */
static inline void sb_raw(scan_worker *w, const char *s, size_t n)
{
    char *d = w->sp;
    w->sp += n;
    if (n > 32) {
        memcpy(d, s, n);
    } else if (n >= 16) {
        copy_head_tail(d, s, n, 16);
    } else if (n >= 8) {
        copy_head_tail(d, s, n, 8);
    } else if (n >= 4) {
        copy_head_tail(d, s, n, 4);
    } else if (n) {
        d[0] = s[0];
        d[n / 2] = s[n / 2];
        d[n - 1] = s[n - 1];
    }
}

static inline void sb_put(scan_worker *w, const char *s, size_t n)
{
    if (sb_room(w, n) == 0) sb_raw(w, s, n);
}

static inline void sb_putc(scan_worker *w, char c)
{
    if (sb_room(w, 1) == 0) *w->sp++ = c;
}

#define SB_LIT(w, lit) sb_put((w), lit, sizeof lit - 1)

/* The string built since the last reset (p is never NULL). */
static inline scan_str sb_end(scan_worker *w)
{
    scan_str r = { w->sb, (uint32_t)(w->sp - w->sb), 0 };
    w->sb = w->sp;
    return r;
}

/* A string of the result: a slice of the source stays where it is (the
 * caller keeps the source until the merge, scan.h); anything else (decoded
 * text, a tree's copy) is copied into the result. */
static inline scan_str keep(scan_worker *w, const char *s, size_t n)
{
    uintptr_t off = (uintptr_t)s - (uintptr_t)w->src;   /* integers: s may be elsewhere */
    if (off <= (uintptr_t)(w->src_end - w->src) && n <= (uintptr_t)(w->src_end - w->src) - off) {
        scan_str r = { s, (uint32_t)n, 0 };
        return r;
    }
    sb_reset(w);
    sb_put(w, s, n);
    return sb_end(w);
}

static const char *keep_cstr(scan_worker *w, const char *s)
{
    if (!s) s = "";
    sb_reset(w);
    sb_put(w, s, strlen(s) + 1);
    return sb_end(w).p;
}

/* A string that goes into the result (the merge interns it): hashed here,
 * on the scanning thread, and counted for the intern reservation. */
static inline scan_str stored(scan_worker *w, scan_str s)
{
    /* the index's strings are C strings: a NUL cuts the value (nul_note) */
    if (w->nul_possible && s.len && memchr(s.p, 0, s.len)) w->nul_seen = 1;
    s.hash = si_hash(s.p, s.len);
    w->res.str_bytes += s.len;
    w->res.nstr++;
    return s;
}

/* A stored string dropped again (a tag overridden by a later one...). */
static inline void unstored(scan_worker *w, scan_str s)
{
    w->res.str_bytes -= s.len;
    w->res.nstr--;
}

static void put_diag(scan_worker *w, uint32_t sev, hcl_range r, const char *summary, const char *detail)
{
    if (vgrow(w, (void **)&w->res.diags, &w->cap_diags, w->res.ndiags + 1, sizeof *w->res.diags, RA_DIAGS) !=
        0)
        return;
    scan_diag *d = &w->res.diags[w->res.ndiags++];
    d->severity = sev;
    d->line = r.line;
    d->col = r.col;
    d->end_line = r.end_line;
    d->end_col = r.end_col;
    d->summary = keep_cstr(w, summary);
    d->detail = keep_cstr(w, detail);
}

/* At most HCL_MAX_DIAGS per file (the parser's included); the rest are
 * counted for the note finish() adds (a file of 100k bad blocks must not
 * cost a diagnostic each). */
static void add_diag(scan_worker *w, uint32_t sev, hcl_range r, const char *summary, const char *detail)
{
    if (w->res.ndiags < HCL_MAX_DIAGS) {
        put_diag(w, sev, r, summary, detail);
        return;
    }
    if (!w->nmore++) w->more_at = r;
    w->nmore_err += sev == LP_SEV_ERROR;
}

/* The attribute (or block) at r gave a string with a NUL byte: HCL allows
 * it, but every string of the index ends at its first NUL, so say so. */
static void nul_note(scan_worker *w, hcl_range r)
{
    if (!w->nul_seen) return;
    w->nul_seen = 0;
    add_diag(w, LP_SEV_WARNING, r, "NUL character in string",
             "This string holds a NUL byte (\\0); lazypipe's values end at it, so the value is cut there.");
}

/* ------------------------------------------------------------ kinds */

static const uint8_t kind_type_len[LP_KIND__COUNT] = {
    9, 9, 19, 7, 5, 9, 4, 5, 9, 4, 5, 9, 5, 5, 5, 4, 4, 4, 8, 4, 3,   /* idx_kind_name_types */
};

/* The kind of a block type: the one kind name of that length and first
 * letters it can be, then a compare (this runs for every block). */
static int kind_of(hcl_str t)
{
    int k;
    if (t.len < 4) return -1;
    switch (t.len) {
    case 4:
        switch (t.p[0]) {
        case 'c': k = LP_KIND_CARD; break;
        case 'f': k = LP_KIND_FLOW; break;
        case 't': k = LP_KIND_TEXT; break;
        case 'n': k = LP_KIND_NODE; break;
        case 'e': k = LP_KIND_EDGE; break;
        case 'w': k = LP_KIND_WITH; break;
        default: return -1;
        }
        break;
    case 5:
        switch (t.p[0]) {
        case 'q': k = LP_KIND_QUERY; break;
        case 'c': k = LP_KIND_CHART; break;
        case 'g': k = LP_KIND_GRAPH; break;
        case 'i': k = t.p[1] == 'm' ? LP_KIND_IMAGE : LP_KIND_INPUT; break;
        case 't': k = LP_KIND_TABLE; break;
        default: return -1;
        }
        break;
    case 7: k = LP_KIND_CONTROL; break;
    case 8: k = t.p[0] == 'c' ? LP_KIND_CATEGORY : LP_KIND_VARIABLE; break;
    case 9:
        switch (t.p[0]) {
        case 'd': k = t.p[1] == 'a' ? LP_KIND_DASHBOARD : LP_KIND_DETECTION; break;
        case 'b': k = LP_KIND_BENCHMARK; break;
        case 'c': k = LP_KIND_CONTAINER; break;
        case 'h': k = LP_KIND_HIERARCHY; break;
        default: return -1;
        }
        break;
    case 19: k = LP_KIND_DETECTION_BENCHMARK; break;
    default: return -1;
    }
    return memcmp(t.p, idx_kind_names[k], t.len) == 0 ? k : -1;
}

static inline int str_eq(hcl_str s, const char *lit, size_t n)
{
    return s.len == n && memcmp(s.p, lit, n) == 0;
}
#define STR_IS(s, lit) str_eq((s), lit, sizeof lit - 1)

/* Blocks that may sit inside a dashboard or container and become entries. */
static int is_panel_kind(int k)
{
    switch (k) {
    case LP_KIND_CONTAINER: case LP_KIND_CARD: case LP_KIND_CHART: case LP_KIND_FLOW:
    case LP_KIND_GRAPH: case LP_KIND_HIERARCHY: case LP_KIND_IMAGE: case LP_KIND_INPUT:
    case LP_KIND_TABLE: case LP_KIND_TEXT:
        return 1;
    default:
        return 0;
    }
}

/* The attributes the scan reads: the rows of the schema table (schema.h).
 * attr_of is a switch, not a lookup in the table, being on the hottest path
 * (every attribute of every block); sch_check checks it against the table. */
static int attr_of(hcl_str n)
{
    switch (n.len) {
    case 3: return STR_IS(n, "sql") ? SCH_SQL : SCH_NONE;
    case 4:
        if (STR_IS(n, "tags")) return SCH_TAGS;
        return STR_IS(n, "type") ? SCH_TYPE : SCH_NONE;
    case 5:
        if (n.p[0] == 't') return STR_IS(n, "title") ? SCH_TITLE : SCH_NONE;
        if (n.p[0] == 'q') return STR_IS(n, "query") ? SCH_QUERY : SCH_NONE;
        return STR_IS(n, "width") ? SCH_WIDTH : SCH_NONE;
    case 7: return STR_IS(n, "display") ? SCH_DISPLAY : SCH_NONE;
    case 8:
        if (n.p[0] == 'c' && n.p[1] == 'a') return STR_IS(n, "category") ? SCH_CATEGORY : SCH_NONE;
        return STR_IS(n, "children") ? SCH_CHILDREN : SCH_NONE;
    case 11: return STR_IS(n, "description") ? SCH_DESCRIPTION : SCH_NONE;
    case 13: return STR_IS(n, "documentation") ? SCH_DOCUMENTATION : SCH_NONE;
    default: return SCH_NONE;
    }
}

/* ------------------------------------------------------------ values */

typedef struct sval {
    scan_str s;       /* value (p NULL when absent) */
    int resolved;     /* the value is final */
    int is_null;      /* a null literal */
} sval;

static void lit_to_text(scan_worker *w, const hcl_expr *e, int *resolved, int *is_null)
{
    char num[512];
    switch (e->u.lit.kind) {
    case HCL_LIT_STRING:
        sb_put(w, e->u.lit.text.p, e->u.lit.text.len);
        break;
    case HCL_LIT_NUMBER: {
        int n = num_format(e->u.lit.text.p, e->u.lit.text.len, num, sizeof num);
        if (n >= 0) sb_put(w, num, (size_t)n);
        else *resolved = 0;       /* left to the evaluator (more digits than we print exactly) */
        break;
    }
    case HCL_LIT_BOOL:
        if (e->u.lit.b) sb_put(w, "true", 4);
        else sb_put(w, "false", 5);
        break;
    case HCL_LIT_NULL:
        *is_null = 1;
        break;
    default:
        *resolved = 0;            /* HCL_LIT_UNKNOWN: what a syntax error left */
        break;
    }
}

/* The literal string of a quoted "text" (a template of one literal part), or NULL. */
static inline const hcl_str *quoted_text(const hcl_expr *e)
{
    if (!e || e->kind != HCL_EXPR_TEMPLATE || e->u.tmpl.n != 1) return NULL;
    const hcl_expr *p = e->u.tmpl.parts[0];
    return p && p->kind == HCL_EXPR_LITERAL && p->u.lit.kind == HCL_LIT_STRING ? &p->u.lit.text : NULL;
}

/* A string-typed attribute value (title, description, tag values...):
 * literal -> its string form; a template -> its literal parts, unresolved
 * unless every part is literal; anything else -> "" unresolved.  The string
 * is in the result but not yet stored(). */
static sval extract_string(scan_worker *w, const hcl_expr *e)
{
    sval v = { { NULL, 0, 0 }, 1, 0 };
    if (!e) return v;
    const hcl_str *t = quoted_text(e);
    if (t) {                                    /* "text": the usual case */
        v.s = keep(w, t->p, t->len);
        return v;
    }
    while (e->kind == HCL_EXPR_PARENS && e->u.parens.inner) e = e->u.parens.inner;
    sb_reset(w);
    switch (e->kind) {
    case HCL_EXPR_LITERAL:
        lit_to_text(w, e, &v.resolved, &v.is_null);
        break;
    case HCL_EXPR_TEMPLATE:
        for (uint32_t i = 0; i < e->u.tmpl.n; i++) {
            const hcl_expr *part = e->u.tmpl.parts[i];
            int null = 0;
            if (part && part->kind == HCL_EXPR_LITERAL && part->u.lit.kind == HCL_LIT_STRING)
                sb_put(w, part->u.lit.text.p, part->u.lit.text.len);   /* the usual case */
            else if (part && part->kind == HCL_EXPR_LITERAL) lit_to_text(w, part, &v.resolved, &null);
            else v.resolved = 0;
            if (null) v.resolved = 0;   /* null next to text is an evaluation error */
        }
        break;
    case HCL_EXPR_TEMPLATE_WRAP:
        if (e->u.wrap.wrapped && e->u.wrap.wrapped->kind == HCL_EXPR_LITERAL)
            lit_to_text(w, e->u.wrap.wrapped, &v.resolved, &v.is_null);
        else
            v.resolved = 0;
        break;
    default:
        v.resolved = 0;
        break;
    }
    if (v.is_null && v.resolved) {              /* null: the attribute counts as unset */
        sb_reset(w);
        return v;
    }
    v.s = sb_end(w);
    return v;
}

/* Names of a static traversal: root then attribute steps (index steps are
 * not names and are skipped).  Returns the count (0: not a traversal). */
#define MAX_PARTS 8
static uint32_t trav_parts(const hcl_expr *e, hcl_str *parts)
{
    if (!e || e->kind != HCL_EXPR_SCOPE_TRAV) return 0;
    uint32_t n = 0;
    parts[n++] = (hcl_str){ e->u.trav.root.p, e->u.trav.root.len };
    for (uint32_t i = 0; i < e->u.trav.n && n < MAX_PARTS; i++)
        if (e->u.trav.steps[i].kind == HCL_STEP_ATTR) parts[n++] = e->u.trav.steps[i].name;
    return n;
}

/* A reference written `type.name` belongs to the current mod; `mod.type.name`
 * is already qualified and kept as written (§13.6).  Stored.  Always inlined:
 * with n known at the call (a children item's `type.name`, 16 k of them in
 * aws_compliance) the loops unroll. */
static inline __attribute__((always_inline)) scan_str qualify(scan_worker *w, const hcl_str *parts,
                                                              uint32_t n)
{
    size_t len = n == 2 ? (size_t)w->mod_len + 1 : 0;
    for (uint32_t i = 0; i < n; i++) len += (size_t)parts[i].len + 1;
    sb_reset(w);
    if (sb_room(w, len) == 0) {
        if (n == 2) {
            sb_raw(w, w->mod, w->mod_len);
            *w->sp++ = '.';
        }
        sb_raw(w, parts[0].p, parts[0].len);
        for (uint32_t i = 1; i < n; i++) {
            *w->sp++ = '.';
            sb_raw(w, parts[i].p, parts[i].len);
        }
    }
    return stored(w, sb_end(w));
}

/* ------------------------------------------------------------ tags */

static inline void tag_add(scan_worker *w, scan_str k, scan_str v)
{
    if (vgrow(w, (void **)&w->res.tags, &w->cap_tags, w->res.ntags + 1, sizeof *w->res.tags, RA_TAGS) != 0)
        return;
    w->res.tags[w->res.ntags][0] = stored(w, k);
    w->res.tags[w->res.ntags][1] = stored(w, v);
    w->res.ntags++;
}

/* Drop pairs [from, w->res.ntags) again (a later `tags` replaces them). */
static void tags_drop(scan_worker *w, uint32_t from)
{
    for (uint32_t i = from; i < w->res.ntags; i++) {
        unstored(w, w->res.tags[i][0]);
        unstored(w, w->res.tags[i][1]);
    }
    w->res.ntags = from;
}

/* An object key: a bare name is itself, a literal is its string form, a
 * template keeps its literal parts (unresolved). */
static sval object_key(scan_worker *w, const hcl_expr *k)
{
    sval v = { { NULL, 0, 0 }, 0, 0 };
    if (!k) return v;
    const hcl_expr *inner = k->kind == HCL_EXPR_OBJECT_KEY ? k->u.key.wrapped : k;
    if (!inner) return v;
    if (k->kind == HCL_EXPR_OBJECT_KEY && !k->u.key.force_non_literal &&
        inner->kind == HCL_EXPR_SCOPE_TRAV && inner->u.trav.n == 0) {
        v.s = keep(w, inner->u.trav.root.p, inner->u.trav.root.len);
        v.resolved = 1;
        return v;
    }
    if (inner->kind == HCL_EXPR_SCOPE_TRAV || inner->kind == HCL_EXPR_PARENS) return v;
    return extract_string(w, inner);
}

/* `name = "text"` in a tags object. */
static inline void tag_text(scan_worker *w, hcl_str name, hcl_str text)
{
    scan_str k = keep(w, name.p, name.len);
    tag_add(w, k, keep(w, text.p, text.len));
}

/* One `key = value` of a tags object. */
static void tag_item(scan_worker *w, const hcl_expr *key, const hcl_expr *value, scan_tagset *ts)
{
    const hcl_str *text = quoted_text(value);
    if (text && key && key->kind == HCL_EXPR_OBJECT_KEY && !key->u.key.force_non_literal &&
        key->u.key.wrapped && key->u.key.wrapped->kind == HCL_EXPR_SCOPE_TRAV &&
        key->u.key.wrapped->u.trav.n == 0 && key->u.key.wrapped->u.trav.root.len) {
        tag_text(w, key->u.key.wrapped->u.trav.root, *text);   /* `name = "text"`: the usual pair */
        return;
    }
    sval k = object_key(w, key);
    if (!k.resolved) ts->resolved = 0;
    if (!k.s.p || k.s.len == 0) return;       /* nothing usable as a key */
    sval v = extract_string(w, value);
    if (!v.resolved || v.is_null) ts->resolved = 0;
    if (!v.s.p) v.s = keep(w, "", 0);
    tag_add(w, k.s, v.s);
}

static void tags_from_object(scan_worker *w, const hcl_expr *obj, scan_tagset *ts)
{
    for (uint32_t i = 0; i < obj->u.object.n; i++)
        tag_item(w, obj->u.object.items[i].key, obj->u.object.items[i].value, ts);
}

/* Sort this entry's pairs by key (byte order) and keep the last of equal
 * keys, as a later object item overrides an earlier one. */
static void tags_finish(scan_worker *w, uint32_t first)
{
    uint32_t n = w->res.ntags - first;
    if (n == 0 || w->oom) return;                  /* w->res.tags may still be NULL; strings may be missing */
    scan_str (*t)[2] = w->res.tags + first;
    for (uint32_t i = 1; i < n; i++) {            /* stable insertion sort: small n */
        scan_str tmp[2] = { t[i][0], t[i][1] };
        uint32_t j = i;
        while (j > 0) {
            scan_str *a = t[j - 1];
            size_t m = a[0].len < tmp[0].len ? a[0].len : tmp[0].len;
            int c = memcmp(a[0].p, tmp[0].p, m);
            if (c < 0 || (c == 0 && a[0].len <= tmp[0].len)) break;
            t[j][0] = t[j - 1][0];
            t[j][1] = t[j - 1][1];
            j--;
        }
        t[j][0] = tmp[0];
        t[j][1] = tmp[1];
    }
    uint32_t out = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (i + 1 < n && t[i][0].len == t[i + 1][0].len &&
            memcmp(t[i][0].p, t[i + 1][0].p, t[i][0].len) == 0) {
            unstored(w, t[i][0]);                  /* a later equal key wins */
            unstored(w, t[i][1]);
            continue;
        }
        t[out][0] = t[i][0];
        t[out][1] = t[i][1];
        out++;
    }
    w->res.ntags = first + out;
}

/* ------------------------------------------------------------ entries */

static int32_t new_entry(scan_worker *w)
{
    if (vgrow(w, (void **)&w->res.entries, &w->cap_entries, w->res.nentries + 1, sizeof *w->res.entries,
              RA_ENTRIES) != 0)
        return -1;
    scan_entry *e = &w->res.entries[w->res.nentries];
    memset(e, 0, sizeof *e);
    e->parent = -1;
    return (int32_t)w->res.nentries++;
}

/* The string attributes (SCH_TEXT: title, description, category,
 * documentation, display).  Their plain value is the text itself (attr_one),
 * and the provisional text of a template is kept (scan_reads_partial_text). */
static int is_text_kind(int at)
{
    return (sch_attrs[at].flags & SCH_TEXT) != 0;
}

/* The field of a string attribute (is_text_kind), or NULL for another kind. */
static scan_str *text_field(scan_entry *e, int at)
{
    uint16_t off = sch_attrs[at].flags & SCH_TEXT ? sch_attrs[at].scan : 0;
    return off ? (scan_str *)(void *)((char *)e + off - 1) : NULL;
}

static void set_str_field(scan_worker *w, scan_entry *e, scan_str *field, sval v, unsigned bit)
{
    if (v.s.p && !v.is_null) *field = stored(w, v.s);
    if (!v.resolved) e->unresolved |= (uint16_t)bit;
}

static void extract_width(scan_entry *e, const hcl_expr *x)
{
    int32_t v;
    if (x->kind == HCL_EXPR_LITERAL && x->u.lit.kind == HCL_LIT_NUMBER &&
        num_int32(x->u.lit.text.p, x->u.lit.text.len, &v) == 0) {
        e->width = v;
        e->flags |= IDX_HAS_WIDTH;
    } else if (x->kind == HCL_EXPR_LITERAL && x->u.lit.kind == HCL_LIT_NULL) {
        /* null: unset */
    } else {
        /* strings ("4") convert at decode time, fractions fail there: the evaluator decides */
        const hcl_expr *s = x;
        if (s->kind == HCL_EXPR_TEMPLATE && s->u.tmpl.n == 1) s = s->u.tmpl.parts[0];
        if (s && s->kind == HCL_EXPR_LITERAL && s->u.lit.kind == HCL_LIT_STRING &&
            num_int32(s->u.lit.text.p, s->u.lit.text.len, &v) == 0) {
            e->width = v;
            e->flags |= IDX_HAS_WIDTH;
        } else {
            e->unresolved |= LP_UNRES_WIDTH;
        }
    }
}

/* `category.x` / `dep.category.x` */
static int is_category_ref(const hcl_expr *x)
{
    hcl_str p[MAX_PARTS];
    uint32_t n = trav_parts(x, p);
    return (n == 2 && STR_IS(p[0], "category")) || (n == 3 && STR_IS(p[1], "category"));
}

/* `query = query.x` / `dep.query.x`; `sql = query.x.sql` / `dep.query.x.sql`. */
static int query_ref_of(scan_worker *w, const hcl_expr *x, int from_sql, scan_str *out)
{
    hcl_str p[MAX_PARTS];
    uint32_t n = trav_parts(x, p);
    if (from_sql) {
        if (n < 3 || !STR_IS(p[n - 1], "sql")) return 0;
        n--;
    }
    if (n == 2 && STR_IS(p[0], "query")) *out = qualify(w, p, 2);
    else if (n == 3 && STR_IS(p[1], "query")) *out = qualify(w, p, 3);
    else return 0;
    return 1;
}

int scan_reads_partial_text(int kind)
{
    /* attr_one stores extract_string's provisional value of these only;
     * sql, type and width use whether it is resolved, the rest nothing */
    return is_text_kind(kind);
}

/* A `tags` attribute starts (resolved: its value is an object or null, whose
 * pairs are all there is to know). */
static void tags_begin(scan_worker *w, scan_attrs *st, int resolved)
{
    w->res.entries[st->idx].flags |= IDX_HAS_TAGS;
    st->ts.first = w->res.ntags;         /* a later definition would replace, but HCL keeps the first */
    if (!resolved) st->ts.resolved = 0;
}

/* One attribute of entry st->idx (everything but `children`, which the
 * caller reads: fill_refs, or scan_attr). */
static void attr_one_(scan_worker *w, scan_attrs *st, const hcl_attr *a, int at);
static void attr_one(scan_worker *w, scan_attrs *st, const hcl_attr *a, int at)
{
    attr_one_(w, st, a, at);
    nul_note(w, a->range);
}

static void attr_one_(scan_worker *w, scan_attrs *st, const hcl_attr *a, int at)
{
    const hcl_expr *x = a->expr;
    if (!x) return;
    int32_t idx = st->idx;
    scan_entry *e = &w->res.entries[idx];
    if (!sch_has(at, e->kind)) return;   /* not read for this kind (`type` outside a benchmark) */
    switch (at) {
    case SCH_CATEGORY:
        /* `category = category.x` (nodes, edges) names a category resource, which
         * eager decodes as a reference, not a string: nothing to evaluate */
        if (is_category_ref(x)) break;
        /* fall through */
    case SCH_TITLE: case SCH_DESCRIPTION: case SCH_DOCUMENTATION: case SCH_DISPLAY:
        set_str_field(w, e, text_field(e, at), extract_string(w, x), sch_attrs[at].eval);
        break;
    case SCH_WIDTH:
        extract_width(e, x);
        break;
    case SCH_SQL:
    case SCH_QUERY: {   /* `sql = query.q.sql` or `query = query.q`: a reference to a query */
        int is_query = at == SCH_QUERY;
        e->flags |= IDX_HAS_SQL;
        scan_str ref;
        if (query_ref_of(w, x, !is_query, &ref)) {
            e = &w->res.entries[idx];
            if (is_query || !st->have_query_ref) {   /* the `query` attribute wins over an sql reference */
                if (e->query_ref.p) unstored(w, e->query_ref);
                e->query_ref = ref;
            } else unstored(w, ref);
            if (is_query) {      /* (an sql reference is evaluated: its error is resolution's) */
                e->query_line = x->range.line;
                e->query_col = x->range.col;
            }
            st->have_query_ref = 1;
            if (!is_query) e->unresolved |= LP_UNRES_SQL;   /* eager decodes it to the query's sql */
        } else if (is_query) {
            e->unresolved |= LP_UNRES_QUERY;
        } else {
            sval v = extract_string(w, x);
            e = &w->res.entries[idx];
            if (v.resolved && v.s.p && v.s.len) e->sql = stored(w, v.s);
            if (!v.resolved) e->unresolved |= LP_UNRES_SQL;
        }
        break;
    }
    case SCH_TYPE: {
        sval v = extract_string(w, x);
        e = &w->res.entries[idx];
        if (!v.resolved) e->unresolved |= LP_UNRES_TYPE;
        else if (v.s.p && v.s.len == 9 && memcmp(v.s.p, "detection", 9) == 0) e->flags |= IDX_DETECTION;
        break;
    }
    case SCH_TAGS: {
        const hcl_expr *t = x;
        while (t->kind == HCL_EXPR_PARENS && t->u.parens.inner) t = t->u.parens.inner;
        if (t->kind == HCL_EXPR_OBJECT) {
            tags_begin(w, st, 1);
            tags_from_object(w, t, &st->ts);
        } else if (t->kind == HCL_EXPR_CALL) {
            tags_begin(w, st, 0);    /* merge(local.x, {...}): inline objects give partial tags */
            for (uint32_t j = 0; j < t->u.call.n; j++)
                if (t->u.call.args[j] && t->u.call.args[j]->kind == HCL_EXPR_OBJECT)
                    tags_from_object(w, t->u.call.args[j], &st->ts);
        } else {
            /* null: no tags; anything else: evaluation's */
            tags_begin(w, st, t->kind == HCL_EXPR_LITERAL && t->u.lit.kind == HCL_LIT_NULL);
        }
        break;
    }
    default:
        break;
    }
}

/* A `tags { k = v }` block: unusual (eager expects the attribute), read the
 * same way; it replaces what the attribute gave. */
static void tags_block(scan_worker *w, scan_attrs *st, const hcl_block *b)
{
    tags_drop(w, st->ts.first);
    st->ts.resolved = 1;
    w->res.entries[st->idx].flags |= IDX_HAS_TAGS;
    for (uint32_t j = 0; j < b->body->nattrs; j++) {
        const hcl_attr *a = &b->body->attrs[j];
        scan_str k = keep(w, a->name.p, a->name.len);
        sval v = extract_string(w, a->expr);
        if (!v.resolved || v.is_null) st->ts.resolved = 0;
        if (!v.s.p) v.s = keep(w, "", 0);
        tag_add(w, k, v.s);
    }
}

/* The unresolved bit an attribute's capture serves: its field's; `children` that is no list written
 * out, which resolution evaluates to report what would fail its load (resolve.c: check_children). */
static unsigned cap_bit(int at)
{
    return at == SCH_CHILDREN ? LP_UNRES_CHILDREN : sch_attrs[at].eval;
}

/* Copy the attributes behind entry idx's unresolved field bits (capture.h):
 * those of body, or (body NULL) those scan_attr noted. */
static void capture_attrs(scan_worker *w, const scan_attrs *st, const hcl_body *body)
{
    unsigned want = w->res.entries[st->idx].unresolved;
    cap_attr **tail = &w->res.entries[st->idx].caps;
    uint32_t n = body ? body->nattrs : st->ncaps;
    for (uint32_t i = 0; i < n && !w->oom; i++) {
        cap_attr *c;
        if (body) {
            const hcl_attr *a = &body->attrs[i];
            if (!a->expr || !(want & cap_bit(attr_of(a->name)))) continue;
            c = cap_copy_attr(w->capture, w->file, a);
        } else {
            const scan_cap *n1 = &st->caps[i];
            if (!(want & n1->bit)) continue;
            c = cap_copy_piece(w->capture, w->file, n1->range, n1->name_len,
                               n1->expr ? cap_may_refer(n1->expr) : n1->may_refer);
        }
        if (!c) {
            w->oom = 1;
            return;
        }
        *tail = c;
        tail = &c->next;
    }
}

static void capture_block(scan_worker *w, const hcl_block *b)
{
    cap_block *c = cap_copy_block(w->capture, w->file, b);
    if (!c) {
        w->oom = 1;
        return;
    }
    *w->blocks_tail = c;
    w->blocks_tail = &c->next;
}

/* Start an entry's full name in the string being built: "<mod>.<type>.",
 * with room for `more` bytes after it (0, or -1: OOM). */
static int put_name_prefix(scan_worker *w, unsigned kind, size_t more)
{
    sb_reset(w);
    if (sb_room(w, (size_t)w->mod_len + kind_type_len[kind] + 2 + more) != 0) return -1;
    sb_raw(w, w->mod, w->mod_len);
    *w->sp++ = '.';
    sb_raw(w, idx_kind_name_types[kind], kind_type_len[kind]);
    *w->sp++ = '.';
    return 0;
}

/* A new entry whose full name is the string being built; its attributes
 * follow (attr_one), then entry_close. */
static int32_t entry_open(scan_worker *w, scan_attrs *st, unsigned kind, int32_t parent, unsigned flags)
{
    scan_str name = stored(w, sb_end(w));
    st->have_query_ref = 0;
    st->ncaps = 0;               /* caps[] is filled as far as ncaps says */
    int32_t idx = new_entry(w);
    st->idx = idx;
    if (idx < 0) return -1;
    scan_entry *e = &w->res.entries[idx];
    e->kind = (uint8_t)kind;
    e->flags = (uint8_t)flags;
    e->name = name;
    e->parent = parent;
    e->tags = w->res.ntags;
    e->refs = w->res.nrefs;
    st->ts.first = w->res.ntags;
    st->ts.resolved = 1;
    return idx;
}

/* The block's place, the tags, and the captures of an entry whose attributes
 * were all read (body: the tree they came from; NULL: scan_attr's notes). */
static void entry_close(scan_worker *w, scan_attrs *st, hcl_range r, const hcl_body *body)
{
    nul_note(w, r);   /* the name, or a `tags` block */
    tags_finish(w, st->ts.first);
    scan_entry *e = &w->res.entries[st->idx];
    e->start_line = r.line;
    e->start_col = r.col;
    e->end_line = r.end_line;
    e->byte_offset = r.start;
    e->byte_length = r.end - r.start;
    e->tags = st->ts.first;
    e->ntags = w->res.ntags - st->ts.first;
    if (!st->ts.resolved) e->unresolved |= LP_UNRES_TAGS;
    if (e->kind == LP_KIND_DETECTION_BENCHMARK) e->flags |= IDX_DETECTION;
    e->nrefs = w->res.nrefs - e->refs;
    if (w->capture && e->unresolved) capture_attrs(w, st, body);
}

/* A new entry for block b, whose full name is the string being built. */
static int32_t make_entry(scan_worker *w, const hcl_block *b, unsigned kind, int32_t parent, unsigned flags)
{
    scan_attrs st;
    int32_t idx = entry_open(w, &st, kind, parent, flags);
    if (idx < 0) return -1;
    if (b->body) {
        for (uint32_t i = 0; i < b->body->nattrs; i++) {
            const hcl_attr *a = &b->body->attrs[i];
            int at = attr_of(a->name);
            attr_one(w, &st, a, at);
            /* (known before the captures: fill_refs reads the list after entry_close) */
            if (at == SCH_CHILDREN && a->expr && a->expr->kind != HCL_EXPR_TUPLE)
                w->res.entries[idx].unresolved |= LP_UNRES_CHILDREN;
        }
        for (uint32_t i = 0; i < b->body->nblocks; i++) {
            const hcl_block *t = &b->body->blocks[i];
            if (STR_IS(t->type, "tags") && !t->nlabels && t->body) tags_block(w, &st, t);
        }
    }
    entry_close(w, &st, b->range, b->body);
    return idx;
}

/* A reference to `name`: counted as a result string (a nested block's name
 * is its entry's string, already hashed). */
static inline void add_ref(scan_worker *w, scan_str name, int32_t local, uint32_t line, uint32_t col)
{
    if (vgrow(w, (void **)&w->res.refs, &w->cap_refs, w->res.nrefs + 1, sizeof *w->res.refs, RA_REFS) != 0)
        return;
    scan_ref *r = &w->res.refs[w->res.nrefs++];
    r->name = name;
    r->local = local;
    r->line = line;
    r->col = col;
}

/* One item of a `children` list: a reference, or a diagnostic. */
static void child_item(scan_worker *w, const hcl_expr *item, hcl_range attr_range)
{
    if (item && item->kind == HCL_EXPR_SCOPE_TRAV && item->u.trav.n == 1 &&
        item->u.trav.steps[0].kind == HCL_STEP_ATTR) {
        scan_child_ref(w, item->u.trav.root, item->u.trav.steps[0].name, item->range.line, item->range.col);
        return;
    }
    hcl_str p[MAX_PARTS];
    uint32_t n = trav_parts(item, p);
    if (n < 2) {
        add_diag(w, LP_SEV_ERROR, item ? item->range : attr_range, "Invalid child",
                 "A child must be a reference to a resource, such as control.my_control.");
        return;
    }
    add_ref(w, qualify(w, p, n), -1, item->range.line, item->range.col);
}

void scan_child_ref(scan_worker *w, hcl_str type, hcl_str name, uint32_t line, uint32_t col)
{
    hcl_str parts[2] = { type, name };
    add_ref(w, qualify(w, parts, 2), -1, line, col);
}

/* A `children` attribute of entry idx: a list of references, or something
 * left to evaluation. */
static void children_attr(scan_worker *w, int32_t idx, const hcl_attr *a)
{
    const hcl_expr *x = a->expr;
    if (x->kind != HCL_EXPR_TUPLE) {
        w->res.entries[idx].unresolved |= LP_UNRES_CHILDREN;
        return;
    }
    for (uint32_t j = 0; j < x->u.tuple.n; j++) child_item(w, x->u.tuple.items[j], a->range);
}

/* The children of entry idx: its `children` list, then (dashboards and
 * containers) its panel blocks, which become entries themselves. */
static void fill_refs(scan_worker *w, const hcl_block *b, int32_t idx)
{
    const hcl_body *body = b->body;
    w->res.entries[idx].refs = w->res.nrefs;
    if (!body) return;
    for (uint32_t i = 0; i < body->nattrs; i++) {
        const hcl_attr *a = &body->attrs[i];
        if (attr_of(a->name) == SCH_CHILDREN && a->expr) children_attr(w, idx, a);
    }
    unsigned kind = w->res.entries[idx].kind;
    if (kind != LP_KIND_DASHBOARD && kind != LP_KIND_CONTAINER) {
        w->res.entries[idx].nrefs = w->res.nrefs - w->res.entries[idx].refs;
        return;
    }
    /* the parent's unqualified name, for anonymous children */
    scan_str pname = w->res.entries[idx].name;
    size_t skip = (size_t)w->mod_len + 1;
    uint32_t counts[LP_KIND__COUNT] = { 0 };
    uint32_t first_child = w->res.nentries, nchildren = 0;
    for (uint32_t i = 0; i < body->nblocks; i++) {
        const hcl_block *c = &body->blocks[i];
        int k = kind_of(c->type);
        if (k < 0 || !is_panel_kind(k)) continue;
        uint32_t n = counts[k]++;
        unsigned flags = IDX_NESTED | (k == LP_KIND_INPUT ? IDX_SCOPED : 0);
        if (c->nlabels > 0) {
            if (put_name_prefix(w, (unsigned)k, c->labels[0].len) == 0)
                sb_raw(w, c->labels[0].p, c->labels[0].len);
        } else {
            put_name_prefix(w, (unsigned)k, 0);
            /* `<parent unqualified name>` with '.' -> '_' (dashboard.d -> dashboard_d) */
            sb_put(w, pname.p + skip, pname.len - skip);
            if (w->oom) return;
            for (char *at = w->sp - (pname.len - skip); at < w->sp; at++)
                if (*at == '.') *at = '_';
            SB_LIT(w, "_anonymous_");
            sb_put(w, idx_kind_names[k], kind_type_len[k]);   /* panel kinds: name == type name */
            sb_putc(w, '_');
            size_t nl = 1;                                  /* n in decimal */
            for (uint32_t t = n; t >= 10; t /= 10) nl++;
            if (sb_room(w, nl) == 0) {
                w->sp += nl;
                for (size_t d = 1; d <= nl; d++, n /= 10) w->sp[-(ptrdiff_t)d] = (char)('0' + n % 10);
            }
            flags |= IDX_ANONYMOUS;
        }
        if (w->oom) return;
        int32_t child = make_entry(w, c, (unsigned)k, idx, flags);
        if (child < 0) return;
        scan_str cname = w->res.entries[child].name;
        w->res.str_bytes += cname.len;                 /* the reference counts as a string too */
        w->res.nstr++;
        add_ref(w, cname, child, c->range.line, c->range.col);
        nchildren++;
    }
    w->res.entries[idx].nrefs = w->res.nrefs - w->res.entries[idx].refs;
    /* second pass: the children's own references (kept contiguous per entry) */
    uint32_t k2 = 0;
    for (uint32_t i = 0; i < body->nblocks && k2 < nchildren; i++) {
        const hcl_block *c = &body->blocks[i];
        int k = kind_of(c->type);
        if (k < 0 || !is_panel_kind(k)) continue;
        fill_refs(w, c, (int32_t)(first_child + k2));
        k2++;
        if (w->oom) return;
    }
}

/* ------------------------------------------------------------ files */

static void reset(scan_worker *w, const char *mod, size_t hint)
{
    heap_release(w);   /* a scan that stopped midway (the skim declining) */
    w->res.nentries = w->res.ntags = w->res.nrefs = w->res.ndiags = 0;
    w->nmore = w->nmore_err = 0;
    w->nul_seen = w->nul_possible = 0;
    memset(&w->mod_at, 0, sizeof w->mod_at);
    w->oom = 0;
    w->file = NULL;
    w->src = w->src_end = NULL;
    w->res.blocks = NULL;
    w->blocks_tail = &w->res.blocks;
    w->res.str_bytes = 0;
    w->res.nstr = 0;
    w->mod = mod ? mod : "";
    w->mod_len = (uint32_t)strlen(w->mod);
    w->len = hint;
    ra_start(w, hint);
    /* a big file's strings are mostly slices of its source (not copied): a
     * first block of its size would be mostly unused */
    sb_init(w, hint > BIG_FILE ? hint / 8 : hint);
}

static int finish(scan_worker *w, scan_result *out)
{
    memset(out, 0, sizeof *out);
    if (w->nmore) {
        char detail[160];
        hcl_more_diags_detail(detail, sizeof detail, w->nmore);
        put_diag(w, w->nmore_err ? LP_SEV_ERROR : LP_SEV_WARNING, w->more_at, HCL_MORE_DIAGS_SUMMARY, detail);
    }
    if (!w->oom &&
        (heap_move(w, RA_ENTRIES, (void **)&w->res.entries, w->res.nentries, sizeof *w->res.entries) ||
         heap_move(w, RA_TAGS, (void **)&w->res.tags, w->res.ntags, sizeof *w->res.tags) ||
         heap_move(w, RA_REFS, (void **)&w->res.refs, w->res.nrefs, sizeof *w->res.refs) ||
         heap_move(w, RA_DIAGS, (void **)&w->res.diags, w->res.ndiags, sizeof *w->res.diags)))
        w->oom = 1;
    heap_release(w);
    if (w->oom) return -1;
    ra_learn(w, w->len);
    *out = w->res;
    out->nerrors = w->nmore_err;
    for (uint32_t i = 0; i < out->ndiags; i++) out->nerrors += out->diags[i].severity == LP_SEV_ERROR;
    return 0;
}

/* Files past this size get their entry array sized from a count of the
 * source's "\n}" (where formatted top-level blocks end): growing it by
 * doubling in the result arena, where the old copies stay, cost 3-4x the
 * array for one big file (a 30 MB file of controls: 50 MB for 14). */
static void big_file_hint(scan_worker *w, const char *src, size_t len)
{
    uint64_t n = 8;
    for (const char *p = src, *e = src + len; (p = memmem(p, (size_t)(e - p), "\n}", 2)) != NULL; p += 2) n++;
    if (n > w->ra_hint[RA_ENTRIES]) w->ra_hint[RA_ENTRIES] = n < UINT32_MAX ? (uint32_t)n : UINT32_MAX;
}

void scan_begin(scan_worker *w, const hcl_file *f, const char *mod)
{
    reset(w, mod, f->len);
    w->file = f;
    w->src = f->src;
    w->src_end = f->src ? f->src + f->len : NULL;
    if (f->src && f->len > BIG_FILE) big_file_hint(w, f->src, f->len);
    /* a string can hold NUL only by a NUL byte of the file or a \u0000 the
     * parser decoded: one pass here instead of one per string */
    w->nul_possible = f->nul_decoded || (f->src && memchr(f->src, 0, f->len) != NULL);
    for (uint32_t i = 0; i < f->ndiags && !w->oom; i++)
        add_diag(w, f->diags[i].severity == HCL_DIAG_WARNING ? LP_SEV_WARNING : LP_SEV_ERROR,
                 f->diags[i].range, f->diags[i].summary, f->diags[i].detail);
    if (f->nmore) {
        if (!w->nmore) w->more_at = f->more_at;
        w->nmore += f->nmore;
        w->nmore_err += f->nmore;   /* the parser's are all errors */
    }
}

int scan_end(scan_worker *w, scan_result *out) { return finish(w, out); }

int scan_block(scan_worker *w, const hcl_block *b)
{
    int k = kind_of(b->type);
    if (k < 0 && STR_IS(b->type, "mod") && b->nlabels) {
        /* one mod per mod file: the first one names it (scan_mod_block) */
        if (w->mod_at.line) {
            char detail[200];
            snprintf(detail, sizeof detail,
                     "A mod file defines one mod; the mod block at line %u is used and this one is ignored.",
                     w->mod_at.line);
            add_diag(w, LP_SEV_ERROR, b->type_range, "Duplicate mod block", detail);
            return 0;
        }
        w->mod_at = b->type_range;
    }
    int skip = k < 0 && (STR_IS(b->type, "mod") || STR_IS(b->type, "locals"));
    if (w->capture && (k == LP_KIND_VARIABLE || skip)) capture_block(w, b);
    if (skip) return 0;
    if (k < 0) {
        sb_reset(w);
        SB_LIT(w, "Blocks of type \"");
        sb_put(w, b->type.p, b->type.len);
        SB_LIT(w, "\" are not expected here; the block is not indexed.");
        sb_putc(w, '\0');
        if (w->oom) return -1;
        const char *detail = sb_end(w).p;
        add_diag(w, LP_SEV_ERROR, b->type_range, "Unsupported block type", detail);
        return 0;
    }
    /* a header the parser could not read (no '{': a file cut inside it) has
     * its diagnostic already; its labels may be half a name */
    if (b->open_brace.start == b->type_range.start && b->open_brace.end == b->type_range.end) return 0;
    if (b->nlabels == 0) {
        add_diag(w, LP_SEV_ERROR, b->type_range, "Missing name for block",
                 "A top-level block needs a name label; it is not indexed.");
        return 0;
    }
    if (b->nlabels > 1) {
        /* hclsyntax's PartialContent, as Powerpipe decodes (schema: one label,
         * "name"), which fails the mod; here, as for other errors, the rest is
         * kept: the block is indexed by its first label */
        sb_reset(w);
        SB_LIT(w, "Extraneous label for ");
        sb_put(w, b->type.p, b->type.len);
        sb_putc(w, '\0');
        const char *summary = sb_end(w).p;
        SB_LIT(w, "Only 1 labels (name) are expected for ");
        sb_put(w, b->type.p, b->type.len);
        SB_LIT(w, " blocks.");
        sb_putc(w, '\0');
        if (w->oom) return -1;
        add_diag(w, LP_SEV_ERROR, b->label_ranges[1], summary, sb_end(w).p);
    }
    if (put_name_prefix(w, (unsigned)k, b->labels[0].len) == 0) sb_raw(w, b->labels[0].p, b->labels[0].len);
    int32_t idx = make_entry(w, b, (unsigned)k, -1, 0);
    if (idx < 0) return -1;
    fill_refs(w, b, idx);
    return w->oom ? -1 : 0;
}

int scan_file(scan_worker *w, const hcl_file *f, const char *mod, scan_result *out)
{
    scan_begin(w, f, mod);
    const hcl_body *body = f->body;
    for (uint32_t i = 0; body && i < body->nblocks && !w->oom; i++)
        if (scan_block(w, &body->blocks[i]) != 0) break;
    return finish(w, out);
}

/* ------------------------------------------------------------ streaming */

int scan_kind(hcl_str type) { return kind_of(type); }

int scan_open(scan_worker *w, scan_attrs *st, unsigned kind, hcl_str label)
{
    if (put_name_prefix(w, kind, label.len) != 0) return -1;
    sb_raw(w, label.p, label.len);
    return entry_open(w, st, kind, -1, 0) < 0 ? -1 : 0;
}

/* scan_note of an attribute whose attr_of is known. */
static void note(scan_worker *w, scan_attrs *st, const hcl_attr *a, int may_refer, int at)
{
    uint16_t bit = (uint16_t)cap_bit(at);
    if (!w->capture || !bit || st->ncaps == SCAN_MAX_CAPS) return;
    scan_cap *c = &st->caps[st->ncaps++];
    c->expr = may_refer < 0 ? a->expr : NULL;
    c->range = a->range;
    c->name_len = a->name.len;
    c->bit = bit;
    c->may_refer = (uint8_t)(may_refer > 0);
}

int scan_attr_kind(hcl_str name) { return attr_of(name); }

void scan_attr(scan_worker *w, scan_attrs *st, const hcl_attr *a, int may_refer)
{
    scan_attr_as(w, st, a, may_refer, attr_of(a->name));
}

/* The string fields, whose plain value is the text itself (attr_one), and
 * the attributes the scan does not read. */
int scan_attr_text_kind(int kind)
{
    return kind == SCH_NONE || is_text_kind(kind);
}

void scan_attr_text(scan_worker *w, scan_attrs *st, hcl_str name, int kind, hcl_str text, hcl_range range)
{
    scan_str *field = text_field(&w->res.entries[st->idx], kind);
    if (!field) return;   /* SCH_NONE: not read */
    /* what attr_one's set_str_field does with extract_string of "text" */
    *field = stored(w, keep(w, text.p, text.len));
    nul_note(w, range);
    hcl_attr a = { .name = name, .range = range };
    note(w, st, &a, 0, kind);
}

void scan_attr_as(scan_worker *w, scan_attrs *st, const hcl_attr *a, int may_refer, int at)
{
    if (!a->expr) return;
    if (at == SCH_CHILDREN) {
        children_attr(w, st->idx, a);
        if (w->res.entries[st->idx].unresolved & LP_UNRES_CHILDREN) note(w, st, a, may_refer, at);
        return;
    }
    attr_one(w, st, a, at);
    note(w, st, a, may_refer, at);
}

void scan_note(scan_worker *w, scan_attrs *st, const hcl_attr *a, int may_refer)
{
    nul_note(w, a->range);   /* a `tags` attribute read piece by piece */
    note(w, st, a, may_refer, attr_of(a->name));
}

void scan_tags_begin(scan_worker *w, scan_attrs *st, int resolved) { tags_begin(w, st, resolved); }

void scan_tag(scan_worker *w, scan_attrs *st, const hcl_expr *key, const hcl_expr *value)
{
    tag_item(w, key, value, &st->ts);
}

void scan_tag_text(scan_worker *w, hcl_str name, hcl_str text) { tag_text(w, name, text); }

void scan_child(scan_worker *w, const hcl_expr *item, hcl_range attr_range)
{
    child_item(w, item, attr_range);
}

int scan_close(scan_worker *w, scan_attrs *st, hcl_range block_range)
{
    entry_close(w, st, block_range, NULL);
    return w->oom ? -1 : 0;
}

int scan_failed(scan_worker *w, uint32_t severity, const char *summary, const char *detail,
                scan_result *out)
{
    reset(w, NULL, 0);
    hcl_range none;
    memset(&none, 0, sizeof none);
    add_diag(w, severity, none, summary, detail);
    return finish(w, out);
}

int scan_mod_block(const hcl_file *f, hcl_str *name, hcl_str *title)
{
    const hcl_body *body = f->body;
    for (uint32_t i = 0; body && i < body->nblocks; i++) {
        const hcl_block *b = &body->blocks[i];
        if (!STR_IS(b->type, "mod") || b->nlabels == 0) continue;
        *name = b->labels[0];
        title->p = NULL;
        title->len = 0;
        for (uint32_t j = 0; b->body && j < b->body->nattrs; j++) {
            const hcl_attr *a = &b->body->attrs[j];
            if (!STR_IS(a->name, "title") || !a->expr) continue;
            const hcl_expr *x = a->expr;
            if (x->kind == HCL_EXPR_TEMPLATE && x->u.tmpl.n == 1) x = x->u.tmpl.parts[0];
            if (x && x->kind == HCL_EXPR_LITERAL && x->u.lit.kind == HCL_LIT_STRING)
                *title = x->u.lit.text;
        }
        return 1;
    }
    return 0;
}
