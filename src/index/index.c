/* index.c — the flat index: merge of the scan results, name table,
 * hierarchy, and the read accessors of lazypipe.h (see index.h).
 *
 * The merge runs on one thread, in file order (files sorted by path within a
 * mod, the main mod first), so ids, string ids and every byte derived from
 * them are the same for the same workspace whatever the thread count.
 *
 * Decisions (POWERPIPE_BEHAVIOR §13):
 *  - duplicate full names: the first definition (file order, then source
 *    order) is indexed; each later one is an error diagnostic naming both
 *    places and is left out, with the blocks nested in it;
 *  - children are resolved by full name; a missing child is an error
 *    diagnostic and stays in child_names (as a name) but is nobody's child;
 *  - parents of an entry are listed once each, in id order;
 *  - top level (eager): a dashboard or benchmark with no parent in its own
 *    mod (a dependency's top-level benchmark used by the main mod stays top
 *    level, as it keeps its mod as a parent in eager Powerpipe);
 *  - a cycle is reported once per back edge found by a depth-first walk in
 *    id order (`circular dependency detected: a -> b -> a`) and never walked
 *    again; the edges stay.
 */
#include "base/json.h"
#include "base/mem.h"
#include "index/build.h"
#include "index/seg.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const idx_kind_names[LP_KIND__COUNT] = {
    "dashboard", "benchmark", "detection_benchmark", "control", "query", "detection",
    "card", "chart", "container", "flow", "graph", "hierarchy", "image", "input", "table",
    "text", "node", "edge", "category", "with", "variable",
};

const char *const idx_kind_name_types[LP_KIND__COUNT] = {
    "dashboard", "benchmark", "detection_benchmark", "control", "query", "detection",
    "card", "chart", "container", "flow", "graph", "hierarchy", "image", "input", "table",
    "text", "node", "edge", "category", "with", "var",
};

const char *lp_kind_name(lp_kind kind)
{
    return (unsigned)kind < LP_KIND__COUNT ? idx_kind_names[kind] : "";
}

int lp_kind_from_name(const char *name)
{
    for (int k = 0; name && k < LP_KIND__COUNT; k++)
        if (strcmp(idx_kind_names[k], name) == 0) return k;
    return -1;
}

/* ------------------------------------------------------------ names */

/* A full name leads to its entry through the string: the entry id + 1 is the
 * value word of the name's interned string (intern.h), 0 for a string that
 * names no entry in the name space (scoped inputs are not in it).  So a name
 * costs one probe of the intern table, and a reference, once interned,
 * resolves without comparing strings again. */
static uint32_t entry_of(const si_table *in, uint32_t sid)
{
    uint32_t v = si_val(in, sid);
    return v ? v - 1 : LP_NO_ENTRY;
}

uint32_t idx_lookup(const lp_workspace *ws, const char *name, size_t len)
{
    return entry_of(&ws->strings, si_find(&ws->strings, name, len));
}

/* ------------------------------------------------------------ merge */

/* Per entry, for the build only: what the hierarchy reads of it, in 16
 * bytes, so that link_children's passes stay in dense arrays instead of the
 * 56-byte entries and their files. */
typedef struct bent {
    uint32_t ref_first;          /* its first reference in refs */
    uint32_t start_col;          /* for diagnostics */
    uint32_t meta;               /* kind | META_* | mod << 16 */
    uint32_t root;               /* the top-level block it is nested in (itself when top-level) */
} bent;

#define META_DET (1u << 8)       /* a detection benchmark */
#define META_UNTYPED (1u << 9)   /* its benchmark type is not known yet */
#define META_KIND(m) ((m) & 0xFFu)
#define META_MOD(m) ((m) >> 16)

/* A child reference.  Its name is interned when its file is merged and
 * resolved then if it names an entry already (all of its own file's are
 * named by then); a name not defined yet stays pending until index_finish. */
typedef struct bref {
    uint32_t line, col;          /* where it is written */
    uint32_t target;             /* entry id, IDX_ADJ_MISSING, REF_PENDING or REF_MISSING */
    uint32_t aux;                /* entry id target: REF_CHECK (a `children` item: the kinds are checked),
                                  * 0 (a nested block), REF_DUP (listed again, link_children);
                                  * otherwise: the child name's string id */
} bref;

/* The merge runs file by file while later files are still being scanned, so
 * that a file's scan result can go as soon as it is merged: no count is known
 * ahead, and the arrays grow (grow_cap).  Nothing here points into a result. */
struct index_builder {
    lp_workspace *ws;
    const mod_set *ms;
    build_diags *diags;
    ar_arena tmp;                /* hierarchy scratch; freed at the end of the build */
    bent *ent;                   /* per entry */
    uint32_t cap_ent;
    cap_attr **caps;             /* per entry, with ws->capture: phase-2 input (capture.h) */
    uint32_t cap_caps;
    bref *refs;
    uint32_t nrefs, cap_refs;
    uint32_t cap_entries, cap_kv;   /* of ws->ix.entries, ws->ix.kv (mem_realloc'd) */
    uint32_t *cbeg, *cend;       /* per entry, from link_children: its child slots in ws->adj */
    uint32_t *pend, npend, cap_pend;   /* the references left REF_PENDING, in order */
    struct qref { uint32_t id, name, line, col; } *qrefs;   /* `query = <ref>` attributes, checked */
    uint32_t nqrefs, cap_qrefs;                             /* by link_children */
    uint32_t *sub, nsub,
        cap_sub; /* from link_children: the edges between entries with children (find_cycles) */
    uint32_t *subbeg;            /* per entry: its first edge in sub */
    uint32_t *local;             /* per entry of the file being merged: its id */
    uint32_t cap_local;
    uint32_t files_done;         /* files merged so far */
    uint32_t kvn;
    int oom;
    /* Tag keys and values repeat across a mod ("true", "AWS/Account": 12.8 k
     * strings, 912 distinct in aws_compliance): the last id seen for a
     * string's hash and length, checked against its interned bytes before
     * use, spares the table probe and its cache miss. */
    struct { uint32_t hash, len, id; } tagc[256];
};
typedef index_builder builder;

#define REF_PENDING 0xFFFFFFFEu
#define REF_MISSING 0xFFFFFFFDu  /* was pending, names nothing: reported by link_children */
#define REF_CHECK 1u

/* The capacity to grow an array to when it must hold `need` elements: at
 * least twice the old one, and what the files merged so far predict for all
 * of them (at most 8x more), so that uniform files grow each array about once
 * and the allocation calls of a build do not grow with its resources. */
static uint64_t grow_cap(const builder *b, uint64_t cap, uint64_t need)
{
    uint64_t c = cap * 2 > need ? cap * 2 : need;
    if (c < 64) c = 64;
    uint32_t done = b->files_done + 1;
    if (done < b->ms->nfiles) {
        uint64_t pred = need / done * b->ms->nfiles + need / 8;
        if (pred > 8 * c) pred = 8 * c;
        if (pred > c) c = pred;
    }
    return c;
}

/* *p (*cap elements of elem bytes) reallocated to c of them (at most UINT32_MAX - 1), which must hold
 * need: 0, or -1 with b->oom set. */
static int realloc_to(builder *b, void **p, uint32_t *cap, uint64_t c, uint64_t need, size_t elem)
{
    if (c > UINT32_MAX - 1) c = UINT32_MAX - 1;
    void *q = need <= c ? mem_realloc(*p, (size_t)*cap * elem, (size_t)c * elem) : NULL;
    if (!q) {
        b->oom = 1;
        return -1;
    }
    *p = q;
    *cap = (uint32_t)c;
    return 0;
}

/* Make room for `need` elements of `elem` bytes in *p (capacity *cap). */
static int reserve_slow(builder *b, void **p, uint32_t *cap, uint64_t need, size_t elem)
{
    return realloc_to(b, p, cap, grow_cap(b, *cap, need), need, elem);
}

static inline int reserve(builder *b, void **p, uint32_t *cap, uint64_t need, size_t elem)
{
    return need <= *cap ? 0 : reserve_slow(b, p, cap, need, elem);
}

/* Room for exactly `need` elements (a capacity known ahead: index_hint's), not grow_cap's prediction,
 * which before any file is merged is eight times the need (index_finish's shrink then moved every
 * array to memory of its own: aws_compliance's whole merge after a control added, 54 pages copied). */
static int reserve_exact(builder *b, void **p, uint32_t *cap, uint64_t need, size_t elem)
{
    return need <= *cap ? 0 : realloc_to(b, p, cap, need, need, elem);
}

static uint32_t intern_id(builder *b, uint32_t id)
{
    if (id == LP_INTERN_OOM) {
        b->oom = 1;
        return LP_STR_NONE;
    }
    return id;
}

/* A scanned string: hashed by the scan already. */
__attribute__((always_inline)) static inline uint32_t intern(builder *b, scan_str s)
{
    if (!s.p) return LP_STR_NONE;
    return intern_id(b, si_add_hashed(&b->ws->strings, s.p, s.len, s.hash));
}

/* intern() for a tag key or value: the recent-tags cache first (compared
 * by si_eq, without a call for the usual short key or value). */
static inline uint32_t intern_tag(builder *b, scan_str s)
{
    if (!s.p) return LP_STR_NONE;
    uint32_t slot = (s.hash ^ (s.hash >> 8)) & 255u;
    uint32_t id = b->tagc[slot].id;
    if (id && b->tagc[slot].hash == s.hash && b->tagc[slot].len == s.len &&
        si_eq(si_str(&b->ws->strings, id), s.p, s.len))
        return id;
    id = intern(b, s);
    if (id != LP_STR_NONE) {
        b->tagc[slot].hash = s.hash;
        b->tagc[slot].len = s.len;
        b->tagc[slot].id = id;
    }
    return id;
}

static uint32_t intern_c(builder *b, const char *s)
{
    if (!s) s = "";
    return intern_id(b, si_add(&b->ws->strings, s, strlen(s)));
}

/* A reference `label.type.name` written in file fi: interned with the label replaced by the index
 * name of the mod it names there, when that is another version of the mod (idx_mod_alias). */
static uint32_t intern_ref(builder *b, uint32_t fi, scan_str s)
{
    const mod_set *ms = b->ms;
    const char *al = ms->mods[ms->files[fi].mod].aliases;
    const char *dot = al && s.p ? memchr(s.p, '.', s.len) : NULL;
    uint32_t m = dot ? idx_mod_alias(al, s.p, (size_t)(dot - s.p)) : UINT32_MAX;
    if (m >= ms->nmods) return intern(b, s);
    const char *key = ms->mods[m].name;
    size_t kl = strlen(key), rl = s.len - (size_t)(dot - s.p);
    char buf[1024];
    if (kl + rl > sizeof buf) return intern(b, s);
    memcpy(buf, key, kl);
    memcpy(buf + kl, dot, rl);
    return intern_id(b, si_add(&b->ws->strings, buf, kl + rl));
}

static int diag_at(builder *b, uint32_t sev, uint32_t file, uint32_t line, uint32_t col,
                   const char *summary, const char *detail)
{
    const char *path = file < b->ms->nfiles ? b->ms->files[file].path : "";
    return build_diag_add(b->diags, b->ms->arena, sev, path, line, col, summary, detail);
}

static void put_kv(builder *b, uint32_t a, uint32_t v)
{
    b->ws->ix.kv[b->kvn][0] = a;
    b->ws->ix.kv[b->kvn][1] = v;
    b->kvn++;
}

/* Room for file r's strings (and `extra` bytes).  The table grows like the
 * arrays (grow_cap: each growth is a rehash).  The heap grows by blocks that
 * never move (intern.h), so its next block is planned for what the files so
 * far predict for all of them, without a margin (a block too small costs
 * one more block, not a copy, and the unused end of the last block is kept),
 * and at least a quarter of the heap so far, so that blocks stay few. */
static int reserve_strings(builder *b, const scan_result *r, size_t extra)
{
    si_table *in = &b->ws->strings;
    uint64_t bytes = r->str_bytes + extra + ((uint64_t)r->nstr + 1) * LP_INTERN_OVERHEAD;
    uint64_t need = in->len + bytes, nstr = (uint64_t)in->count + r->nstr + 1;
    if (need <= in->cap && nstr <= si_room(in)) return 0;
    uint64_t cb = in->cap;
    if (need > in->cap) {
        cb = in->cap + in->cap / 4 > need ? in->cap + in->cap / 4 : need;
        uint64_t pred = need * b->ms->nfiles / (b->files_done + 1);
        if (pred > 8 * cb) pred = 8 * cb;
        if (pred > cb) cb = pred;
    }
    /* r->nstr counts repeats too: a big result (one 300 MB file: 7 M strings,
     * half of them repeated tag values) reserved a 268 MB table for them;
     * past 1 M, plan for half and let the table double if it must */
    if (r->nstr > (1u << 20)) nstr = (uint64_t)in->count + r->nstr / 2 + 1;
    uint64_t cs = nstr <= si_room(in) ? si_room(in) : grow_cap(b, si_room(in), nstr);
    if (cb > UINT32_MAX) cb = UINT32_MAX;
    if (cs > UINT32_MAX / 4) cs = UINT32_MAX / 4;
    if (si_reserve(in, (size_t)cb, (uint32_t)cs) != 0) {
        b->oom = 1;
        return -1;
    }
    return 0;
}

/* The pairs an entry puts in ws->ix.kv besides its tags: its properties. */
static uint32_t entry_props(const scan_entry *s)
{
    return (s->category.len > 0) + (s->documentation.len > 0) + (s->display.len > 0) + (s->sql.len > 0) +
           (s->query_ref.len > 0) + ((s->flags & IDX_HAS_WIDTH) != 0);
}

/* The fields of entry e that are the scan's own, besides its name, kind and
 * place (merge_file, index_update): title and description, lines and
 * bytes, the fields waiting for evaluation, and its run of ws->ix.kv (from
 * b->kvn on: the tags, at most IDX_MAX_EDGES, then the properties). */
static void merge_fields(builder *b, idx_entry *e, const scan_entry *s, const scan_result *r)
{
    e->title = s->title.len ? intern(b, s->title) : LP_STR_NONE;
    e->description = s->description.len ? intern(b, s->description) : LP_STR_NONE;
    e->start_line = s->start_line;
    e->end_line = s->end_line;
    e->byte_offset = s->byte_offset;
    e->byte_length = s->byte_length;
    e->unresolved = s->unresolved;
    e->kv = b->kvn;
    uint32_t ntags = s->ntags > IDX_MAX_EDGES ? IDX_MAX_EDGES : s->ntags;
    for (uint32_t t = 0; t < ntags; t++)
        put_kv(b, intern_tag(b, r->tags[s->tags + t][0]), intern_tag(b, r->tags[s->tags + t][1]));
    e->ntags = (uint16_t)ntags;
    if (s->category.len) put_kv(b, IDX_PROP_CATEGORY, intern(b, s->category));
    if (s->documentation.len) put_kv(b, IDX_PROP_DOCUMENTATION, intern(b, s->documentation));
    if (s->display.len) put_kv(b, IDX_PROP_DISPLAY, intern(b, s->display));
    if (s->sql.len) put_kv(b, IDX_PROP_SQL, intern(b, s->sql));
    if (s->query_ref.len) {
        uint32_t q = intern_ref(b, e->file, s->query_ref);
        put_kv(b, IDX_PROP_QUERY_REF, q);
        if (s->query_line &&
            reserve(b, (void **)&b->qrefs, &b->cap_qrefs, (uint64_t)b->nqrefs + 1, sizeof *b->qrefs) == 0)
            b->qrefs[b->nqrefs++] = (struct qref){ (uint32_t)(e - b->ws->ix.entries), q, s->query_line,
                                                   s->query_col };
    }
    if (s->flags & IDX_HAS_WIDTH) put_kv(b, IDX_PROP_WIDTH, (uint32_t)s->width);
}

static void merge_file(builder *b, uint32_t fi, const scan_result *r)
{
    lp_workspace *ws = b->ws;
    uint64_t nkv = b->kvn + (uint64_t)r->ntags;
    for (uint32_t j = 0; j < r->nentries; j++) nkv += entry_props(&r->entries[j]);
    uint64_t nent = (uint64_t)ws->ix.nentries + r->nentries;
    if (nent >= REF_MISSING || (uint64_t)b->nrefs + r->nrefs >= UINT32_MAX || nkv >= UINT32_MAX) {
        b->oom = 1;
        return;
    }
    if (reserve(b, (void **)&ws->ix.entries, &b->cap_entries, nent, sizeof *ws->ix.entries) != 0 ||
        reserve(b, (void **)&b->ent, &b->cap_ent, nent, sizeof *b->ent) != 0 ||
        reserve(b, (void **)&ws->ix.kv, &b->cap_kv, nkv, sizeof *ws->ix.kv) != 0 ||
        reserve(b, (void **)&b->refs, &b->cap_refs, (uint64_t)b->nrefs + r->nrefs, sizeof *b->refs) != 0 ||
        (ws->capture && reserve(b, (void **)&b->caps, &b->cap_caps, nent, sizeof *b->caps) != 0) ||
        reserve(b, (void **)&b->local, &b->cap_local, r->nentries, sizeof *b->local) != 0)
        return;
    uint32_t *local = b->local;
    si_table *in = &ws->strings;
    uint32_t mod_meta = b->ms->files[fi].mod << 16;
    ws->ix.files[fi].first_entry = ws->ix.nentries;
    for (uint32_t j = 0; j < r->nentries && !b->oom; j++) {
        const scan_entry *s = &r->entries[j];
        local[j] = LP_NO_ENTRY;
        if (s->parent >= 0 && local[s->parent] == LP_NO_ENTRY) continue;   /* dropped with its parent */
        uint32_t id = ws->ix.nentries;
        idx_entry *e = &ws->ix.entries[id];
        memset(e, 0, sizeof *e);
        e->name = intern(b, s->name);
        e->kind = s->kind;
        e->flags = s->flags;
        uint32_t root = s->parent >= 0 ? b->ent[local[s->parent]].root : id;
        if (!(s->flags & IDX_SCOPED)) {
            uint32_t prev = entry_of(in, e->name);
            int nested = (s->flags & IDX_NESTED) != 0, prev_nested = prev != LP_NO_ENTRY &&
                                                                   (ws->ix.entries[prev].flags & IDX_NESTED);
            if (prev == LP_NO_ENTRY) {
                si_set_val(in, e->name, id + 1);
            } else if (nested && b->ent[prev].root != root) {
                /* a block nested in another tree: its parent's (reached through its
                 * parent's children), the name stays the first one's */
                e->flags |= IDX_SCOPED;
            } else if (!nested && prev_nested) {
                /* a top-level block takes the name from a nested one */
                ws->ix.entries[prev].flags |= IDX_SCOPED;
                si_set_val(in, e->name, id + 1);
            } else {
                char detail[2048];
                snprintf(detail, sizeof detail,
                         "%s is already defined at %s:%u; this definition is not indexed",
                         idx_str(ws, e->name), b->ms->files[ws->ix.entries[prev].file].path,
                         ws->ix.entries[prev].start_line);
                diag_at(b, LP_SEV_ERROR, fi, s->start_line, s->start_col, "Duplicate resource name", detail);
                continue;
            }
        }
        ws->ix.nentries++;
        local[j] = id;
        b->ent[id].start_col = s->start_col;
        b->ent[id].root = root;
        b->ent[id].meta = s->kind | ((s->flags & IDX_DETECTION) ? META_DET : 0) |
                          ((s->unresolved & LP_UNRES_TYPE) ? META_UNTYPED : 0) | mod_meta;
        if (ws->capture) b->caps[id] = s->caps;
        e->file = fi;
        if (s->ntags > IDX_MAX_EDGES)
            diag_at(b, LP_SEV_WARNING, fi, s->start_line, s->start_col, "Too many tags",
                    "only the first 65535 tags (by key) are indexed");
        merge_fields(b, e, s, r);
    }
    /* the references, now that every entry of the file is in the name table */
    for (uint32_t j = 0; j < r->nentries && !b->oom; j++) {
        if (local[j] == LP_NO_ENTRY) continue;
        const scan_entry *s = &r->entries[j];
        b->ent[local[j]].ref_first = b->nrefs;
        for (uint32_t k = 0; k < s->nrefs; k++) {
            const scan_ref *sr = &r->refs[s->refs + k];
            bref *br = &b->refs[b->nrefs++];
            br->line = sr->line;
            br->col = sr->col;
            if (sr->local >= 0) {                    /* a nested block of this file */
                uint32_t t = local[sr->local];
                br->target = t == LP_NO_ENTRY ? IDX_ADJ_MISSING : t;   /* dropped with a duplicate parent */
                br->aux = t == LP_NO_ENTRY ? intern(b, sr->name) : 0;
                continue;
            }
            uint32_t sid = intern_ref(b, fi, sr->name);
            uint32_t t = entry_of(in, sid);
            if (t != LP_NO_ENTRY) {
                br->target = t;
                br->aux = REF_CHECK;
            } else {
                br->target = REF_PENDING;
                br->aux = sid;
                if (reserve(b, (void **)&b->pend, &b->cap_pend, (uint64_t)b->npend + 1, sizeof *b->pend) != 0)
                    break;
                b->pend[b->npend++] = b->nrefs - 1;
            }
        }
    }
    ws->ix.files[fi].entry_count = ws->ix.nentries - ws->ix.files[fi].first_entry;
}

/* ------------------------------------------------------------ hierarchy */

static uint32_t ref_end(const builder *b, uint32_t id)
{
    return id + 1 < b->ws->ix.nentries ? b->ent[id + 1].ref_first : b->nrefs;
}

/* Its children as indexed: the references, at most IDX_MAX_EDGES. */
static uint32_t nchild_of(const builder *b, uint32_t id)
{
    uint32_t n = ref_end(b, id) - b->ent[id].ref_first;
    return n > IDX_MAX_EDGES ? IDX_MAX_EDGES : n;
}

/* May a child (meta m) be a child of a benchmark whose kind is known (det: a
 * detection benchmark)?  Benchmarks of the same kind, and controls or
 * detections. */
static int kind_ok(int det, uint32_t m)
{
    if (m & META_UNTYPED) return 1;
    unsigned kind = META_KIND(m);
    if (idx_kind_is_benchmark(kind)) return ((m & META_DET) != 0) == det;
    return det ? kind == LP_KIND_DETECTION : kind == LP_KIND_CONTROL;
}

#define REF_DUP 2u               /* bref.aux of a child listed again by the same parent */

typedef struct late_diag { uint32_t p, k; } late_diag;   /* k == UINT32_MAX: too many children */

/* Children and parents, in one pass over the references and one over the
 * edges: the references the merge left pending are looked up (a missing one
 * and a child of the wrong kind reported, in entry then source order),
 * parents counted, then ws->adj filled with each entry's children as written
 * (IDX_ADJ_MISSING for a missing one) followed by its parents, once each, in
 * id order.  The warnings about the edges themselves (too many children, one
 * listed twice) come after the resolution's, as they always have.  The edges
 * between entries that both have children, the only ones a cycle can use,
 * are kept for find_cycles. */
static int link_children(builder *b)
{
    lp_workspace *ws = b->ws;
    uint32_t n = ws->ix.nentries;
    const bent *ent = b->ent;
    uint32_t *npar = ar_zalloc(&b->tmp, (size_t)n * sizeof *npar + 1);
    uint32_t *last = ar_alloc(&b->tmp, (size_t)n * sizeof *last + 1);
    uint8_t *own = ar_zalloc(&b->tmp, (size_t)n + 1);
    b->subbeg = ar_alloc(&b->tmp, ((size_t)n + 1) * sizeof *b->subbeg);
    if (!npar || !last || !own || !b->subbeg) return -1;
    memset(last, 0xFF, (size_t)n * sizeof *last);
    /* the pending references first, in a loop of their own: their names'
     * strings are scattered over the heap, and these lookups can overlap */
    for (uint32_t i = 0; i < b->npend; i++) {
        bref *r = &b->refs[b->pend[i]];
        uint32_t t = entry_of(&ws->strings, r->aux);
        r->target = t == LP_NO_ENTRY ? REF_MISSING : t;
        if (t != LP_NO_ENTRY) r->aux = REF_CHECK;
    }
    late_diag *late = NULL;
    uint32_t nlate = 0, cap_late = 0;
    uint64_t total = 0;
    uint32_t nmissing = 0;
    for (uint32_t p = 0; p < n && !b->oom; p++) {
        uint32_t first = ent[p].ref_first, end = ref_end(b, p);
        uint32_t nc = end - first;
        b->subbeg[p] = b->nsub;
        if (nc > IDX_MAX_EDGES) {
            if (reserve(b, (void **)&late, &cap_late, (uint64_t)nlate + 1, sizeof *late) != 0) break;
            late[nlate++] = (late_diag){ p, UINT32_MAX };
            nc = IDX_MAX_EDGES;
        }
        total += nc;
        uint32_t mp = ent[p].meta;
        int check = idx_kind_is_benchmark(META_KIND(mp)) && !(mp & META_UNTYPED);
        int det = (mp & META_DET) != 0;
        for (uint32_t k = first; k < end; k++) {
            bref *r = &b->refs[k];
            uint32_t t = r->target;
            if (t == REF_MISSING) {
                t = r->target = IDX_ADJ_MISSING;   /* aux: the name's string id */
                char detail[2048];
                snprintf(detail, sizeof detail, "%s lists %s as a child, but it is not defined",
                         idx_str(ws, ws->ix.entries[p].name), idx_str(ws, r->aux));
                diag_at(b, LP_SEV_ERROR, ws->ix.entries[p].file, r->line, r->col, "Missing child",
                        detail);
            }
            if (t == IDX_ADJ_MISSING) {
                nmissing += k < first + nc;
                continue;
            }
            uint32_t mt = ent[t].meta;
            if (check && r->aux == REF_CHECK && !kind_ok(det, mt)) {
                char detail[2048];
                snprintf(detail, sizeof detail, "%s cannot be a child of %s (a %s benchmark)",
                         idx_str(ws, ws->ix.entries[t].name), idx_str(ws, ws->ix.entries[p].name),
                         det ? "detection" : "control");
                diag_at(b, LP_SEV_WARNING, ws->ix.entries[p].file, r->line, r->col,
                        "Invalid child type", detail);
            }
            if (k >= first + nc) continue;
            if (last[t] == p) {                          /* listed twice: one parent link */
                if (reserve(b, (void **)&late, &cap_late, (uint64_t)nlate + 1, sizeof *late) != 0) break;
                late[nlate++] = (late_diag){ p, k };
                r->aux = REF_DUP;
                continue;
            }
            last[t] = p;
            npar[t]++;
            if (META_MOD(mt) == META_MOD(mp)) own[t] = 1;
            if (ref_end(b, t) > ent[t].ref_first) {      /* a child with children */
                if (reserve(b, (void **)&b->sub, &b->cap_sub, (uint64_t)b->nsub + 1, sizeof *b->sub) != 0)
                    break;
                b->sub[b->nsub++] = t;
            }
        }
    }
    b->subbeg[n] = b->nsub;
    for (uint32_t i = 0; i < nlate && !b->oom; i++) {
        const idx_entry *e = &ws->ix.entries[late[i].p];
        if (late[i].k == UINT32_MAX) {
            diag_at(b, LP_SEV_WARNING, e->file, e->start_line, ent[late[i].p].start_col, "Too many children",
                    "only the first 65535 children are indexed");
            continue;
        }
        const bref *r = &b->refs[late[i].k];
        char detail[2048];
        snprintf(detail, sizeof detail, "%s lists %s more than once", idx_str(ws, e->name),
                 idx_str(ws, ws->ix.entries[r->target].name));
        diag_at(b, LP_SEV_WARNING, e->file, r->line, r->col, "Duplicate child", detail);
    }
    mem_free(late, (size_t)cap_late * sizeof *late);
    if (b->oom) return -1;
    /* where each entry's children and parents go: children as written, then
     * its parents, whose cursor npar becomes */
    b->cbeg = ar_alloc(&b->tmp, (size_t)n * sizeof *b->cbeg + 1);
    b->cend = ar_alloc(&b->tmp, (size_t)n * sizeof *b->cend + 1);
    if (!b->cbeg || !b->cend) return -1;
    uint64_t cur = 0;
    for (uint32_t id = 0; id < n; id++) {
        b->cbeg[id] = (uint32_t)cur;
        cur += nchild_of(b, id);
        b->cend[id] = (uint32_t)cur;
        uint32_t np = npar[id];
        npar[id] = (uint32_t)cur;
        cur += np;
        if (cur >= UINT32_MAX) return -1;
    }
    total = cur;
    int wide = n >= 0xFFFF;                              /* 0xFFFF marks a missing child */
    if (wide) ws->ix.adj32 = ar_alloc(&ws->arena, (size_t)total * 4 + 1);
    else ws->ix.adj16 = ar_alloc(&ws->arena, (size_t)total * 2 + 1);
    ws->ix.missing = ar_alloc(&ws->arena, (size_t)nmissing * sizeof *ws->ix.missing + 1);
    if ((!ws->ix.adj32 && !ws->ix.adj16) || !ws->ix.missing) return -1;
    ws->ix.nadj = (uint32_t)total;
    /* one pass over the entries: their children, their places among their
     * children's parents (in id order, as p grows), and the top level */
    for (uint32_t p = 0; p < n; p++) {
        idx_entry *e = &ws->ix.entries[p];
        const bref *r = b->refs ? &b->refs[ent[p].ref_first] : NULL;   /* (none: no entry lists any) */
        uint32_t c0 = b->cbeg[p], nc = b->cend[p] - c0;
        e->adj = c0;
        e->nchild = (uint16_t)nc;
        for (uint32_t k = 0; k < nc; k++) {
            uint32_t t = r[k].target;
            if (t == IDX_ADJ_MISSING) {
                ws->ix.missing[ws->ix.nmissing].slot = c0 + k;
                ws->ix.missing[ws->ix.nmissing++].name = r[k].aux;
                if (wide) ws->ix.adj32[c0 + k] = t;
                else ws->ix.adj16[c0 + k] = 0xFFFF;
                continue;
            }
            if (wide) ws->ix.adj32[c0 + k] = t;
            else ws->ix.adj16[c0 + k] = (uint16_t)t;
            if (r[k].aux == REF_DUP) continue;
            uint32_t slot = npar[t]++;
            if (wide) ws->ix.adj32[slot] = p;
            else ws->ix.adj16[slot] = (uint16_t)p;
        }
        unsigned kind = META_KIND(ent[p].meta);
        if ((kind == LP_KIND_DASHBOARD || idx_kind_is_benchmark(kind)) && !own[p]) {
            e->flags |= IDX_TOP_LEVEL;
            ws->stats.top_level++;
        }
        ws->stats.kind_counts[kind]++;
        ws->stats.child_edges += nc;
    }
    return 0;
}

/* `query = query.x` naming no query: eager's load fails on it (a lazy load of the benchmark too). */
static void check_queries(builder *b)
{
    lp_workspace *ws = b->ws;
    for (uint32_t i = 0; i < b->nqrefs && !b->oom; i++) {
        const struct qref *q = &b->qrefs[i];
        if (entry_of(&ws->strings, q->name) != LP_NO_ENTRY) continue;
        char detail[2048];
        snprintf(detail, sizeof detail, "%s uses the query %s, but it is not defined",
                 idx_str(ws, ws->ix.entries[q->id].name), idx_str(ws, q->name));
        diag_at(b, LP_SEV_ERROR, ws->ix.entries[q->id].file, q->line, q->col, "Missing query", detail);
    }
}

#define MAX_CYCLE_REPORTS 100

/* Is there a cycle among the edges link_children kept (those between entries
 * that have children: a cycle uses no other)?  A depth-first walk of that
 * small graph; only when it finds one does find_cycles walk everything. */
static int has_cycle(builder *b)
{
    uint32_t n = b->ws->ix.nentries;
    const uint32_t *beg = b->subbeg, *sub = b->sub;
    if (!b->nsub) return 0;
    uint8_t *color = ar_zalloc(&b->tmp, n + 1);
    uint32_t *stack = ar_alloc(&b->tmp, (size_t)n * sizeof *stack + 1);
    uint32_t *next = ar_alloc(&b->tmp, (size_t)n * sizeof *next + 1);
    if (!color || !stack || !next) return -1;
    for (uint32_t root = 0; root < n; root++) {
        if (color[root] || beg[root] == beg[root + 1]) continue;
        uint32_t sp = 0;
        stack[sp] = root;
        next[sp++] = beg[root];
        color[root] = 1;
        while (sp) {
            uint32_t top = stack[sp - 1];
            if (next[sp - 1] < beg[top + 1]) {
                uint32_t c = sub[next[sp - 1]++];
                if (color[c] == 1) return 1;
                if (color[c] == 0) {
                    color[c] = 1;
                    stack[sp] = c;
                    next[sp++] = beg[c];
                }
            } else {
                color[top] = 2;
                sp--;
            }
        }
    }
    return 0;
}

/* Every cycle, reported once per back edge of a depth-first walk in id order
 * (see the top of this file). */
static int find_cycles(builder *b)
{
    int any = has_cycle(b);
    if (any <= 0) return any;
    lp_workspace *ws = b->ws;
    uint32_t n = ws->ix.nentries;
    const uint32_t *cbeg = b->cbeg, *cend = b->cend;
    uint8_t *color = ar_alloc(&b->tmp, n + 1);
    uint32_t *stack = ar_alloc(&b->tmp, (size_t)n * sizeof *stack + 1);
    uint32_t *next = ar_alloc(&b->tmp, (size_t)n * sizeof *next + 1);
    uint32_t *pos = ar_alloc(&b->tmp, (size_t)n * sizeof *pos + 1);
    if (!color || !stack || !next || !pos) return -1;
    /* a leaf is done from the start: nothing to walk */
    for (uint32_t id = 0; id < n; id++) color[id] = cbeg[id] == cend[id] ? 2 : 0;
    uint32_t reports = 0;
    lp_buf msg = { 0 };
    for (uint32_t root = 0; root < n; root++) {
        if (color[root]) continue;
        uint32_t sp = 0;
        stack[sp] = root;
        next[sp] = cbeg[root];
        pos[root] = sp++;
        color[root] = 1;
        while (sp) {
            uint32_t top = stack[sp - 1];
            if (next[sp - 1] < cend[top]) {
                uint32_t c = idx_adj(ws, next[sp - 1]++);
                if (c == IDX_ADJ_MISSING || color[c] == 2) continue;
                if (color[c] == 1) {
                    if (reports++ < MAX_CYCLE_REPORTS) {
                        const idx_entry *e = &ws->ix.entries[top];
                        msg.len = 0;
                        lp_buf_puts(&msg, "circular dependency detected: ");
                        for (uint32_t k = pos[c]; k < sp && msg.len < 4000; k++) {
                            lp_buf_puts(&msg, idx_str(ws, ws->ix.entries[stack[k]].name));
                            lp_buf_puts(&msg, " -> ");
                        }
                        lp_buf_puts(&msg, idx_str(ws, ws->ix.entries[c].name));
                        if (msg.oom) break;
                        diag_at(b, LP_SEV_ERROR, e->file, e->start_line, b->ent[top].start_col,
                                "Circular dependency", msg.data);
                    }
                } else {
                    color[c] = 1;
                    stack[sp] = c;
                    next[sp] = cbeg[c];
                    pos[c] = sp++;
                }
            } else {
                color[top] = 2;
                sp--;
            }
        }
    }
    int oom = msg.oom;
    lp_buf_free(&msg);
    return oom ? -1 : 0;
}

/* ------------------------------------------------------------ build */

static int cmp_snap(const void *a, const void *b, void *ws)
{
    const idx_snapshot *x = a, *y = b;
    return strcmp(idx_str(ws, x->name), idx_str(ws, y->name));
}

static void build_snapshots(builder *b)
{
    lp_workspace *ws = b->ws;
    const mod_set *ms = b->ms;
    char name[4096];
    for (uint32_t i = 0; i < ms->nsnapshots; i++) {
        const char *path = ms->snapshots[i];
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        const char *dot = strrchr(base, '.');
        int n =
            snprintf(name, sizeof name, "snapshot.%.*s", (int)(dot ? dot - base : (long)strlen(base)), base);
        if (n < 0 || (size_t)n >= sizeof name) continue;
        ws->ix.snapshots[ws->ix.nsnapshots].name = intern_c(b, name);
        ws->ix.snapshots[ws->ix.nsnapshots++].path = intern_c(b, path);
    }
    if (ws->ix.nsnapshots > 1)
        qsort_r(ws->ix.snapshots, ws->ix.nsnapshots, sizeof *ws->ix.snapshots, cmp_snap, ws);
    /* a map: of equal names the last path (in sorted order) wins */
    uint32_t out = 0;
    for (uint32_t i = 0; i < ws->ix.nsnapshots; i++) {
        if (out && ws->ix.snapshots[out - 1].name == ws->ix.snapshots[i].name) out--;
        ws->ix.snapshots[out++] = ws->ix.snapshots[i];
    }
    ws->ix.nsnapshots = out;
}

void index_abort(index_builder *b);

/* The builder goes; the grown arrays it sized stay with ws (their capacities with them). */
static void builder_free(builder *b)
{
    b->ws->ix.cap_entries = b->cap_entries;
    b->ws->ix.cap_kv = b->cap_kv;
    ar_free(&b->tmp);
    mem_free(b->ent, (size_t)b->cap_ent * sizeof *b->ent);
    mem_free(b->refs, (size_t)b->cap_refs * sizeof *b->refs);
    mem_free(b->caps, (size_t)b->cap_caps * sizeof *b->caps);
    mem_free(b->sub, (size_t)b->cap_sub * sizeof *b->sub);
    mem_free(b->pend, (size_t)b->cap_pend * sizeof *b->pend);
    mem_free(b->qrefs, (size_t)b->cap_qrefs * sizeof *b->qrefs);
    mem_free(b->local, (size_t)b->cap_local * sizeof *b->local);
    mem_free(b, sizeof *b);
}

/* What file's record says of its read: o's size, stat, hash and status. */
static void file_read_as(idx_file *file, const file_outcome *o)
{
    idx_file now = *file;
    now.size = (uint32_t)o->read.size;
    now.mtime_ns = o->read.mtime_ns;
    now.dev = o->read.dev;
    now.ino = o->read.ino;
    now.hash = o->read.hash;
    now.ctime = o->read.ctime;
    now.err = o->read.err;
    now.status = o->status;
    /* written only when it changed: a view's page is copied only for the files whose stat did
     * (idx_file has no padding: compared whole) */
    if (memcmp(&now, file, sizeof now) != 0) *file = now;
}

int index_begin(index_builder **out, lp_workspace *ws, const mod_set *ms, build_diags *diags)
{
    *out = NULL;
    if (ms->nmods > 0xFFFF) {
        build_diag_add(diags, ms->arena, LP_SEV_ERROR, ws->dir, 0, 0, "Workspace too large",
                       "more than 4 billion resources, references or tags, or 65535 mods");
        return LP_ERR_NOMEM;
    }
    builder *b = mem_calloc(1, sizeof *b);
    if (!b) return LP_ERR_NOMEM;
    b->ws = ws;
    b->ms = ms;
    b->diags = diags;
    ar_init(&b->tmp, 64 * 1024);
    /* the arrays whose sizes are known now: one allocation each */
    size_t perm = (size_t)ms->nfiles * sizeof *ws->ix.files + (size_t)ms->nmods * sizeof *ws->ix.mods +
                  (size_t)ms->nsnapshots * sizeof *ws->ix.snapshots + 64 * 1024;
    if (ws->arena.chunk_size < perm) ws->arena.chunk_size = perm;
    /* strings: a start, then growth extrapolated from the files merged */
    if (si_init(&ws->strings, 64 * 1024, 1024) != 0) goto oom;
    ws->ix.files = ar_zalloc(&ws->arena, (size_t)ms->nfiles * sizeof *ws->ix.files + 1);
    ws->ix.mods = ar_zalloc(&ws->arena, (size_t)ms->nmods * sizeof *ws->ix.mods + 1);
    ws->ix.snapshots = ar_zalloc(&ws->arena, (size_t)ms->nsnapshots * sizeof *ws->ix.snapshots + 1);
    if (!ws->ix.files || !ws->ix.mods || !ws->ix.snapshots) goto oom;
    /* never NULL, even for a workspace without entries or tags */
    b->cap_entries = b->cap_kv = 64;
    ws->ix.entries = mem_malloc(64 * sizeof *ws->ix.entries);
    ws->ix.kv = mem_malloc(64 * sizeof *ws->ix.kv);
    if (!ws->ix.entries || !ws->ix.kv) goto oom;
    if (ws->capture) {
        idx_capture *cp = ws->capture;
        cp->file = build_alloc(&cp->lists, (size_t)ms->nfiles * sizeof *cp->file + 1);
        if (!cp->file) goto oom;
        memset(cp->file, 0, (size_t)ms->nfiles * sizeof *cp->file);
    }
    ws->ix.nmods = ms->nmods;
    for (uint32_t m = 0; m < ms->nmods; m++) {
        char full[4096];
        snprintf(full, sizeof full, "mod.%s", ms->mods[m].name);
        ws->ix.mods[m].name = intern_c(b, ms->mods[m].name);
        ws->ix.mods[m].full_name = intern_c(b, full);
        ws->ix.mods[m].title = intern_c(b, ms->mods[m].title);
        ws->ix.mods[m].root = intern_c(b, ms->mods[m].root);
        ws->ix.mods[m].path = intern_c(b, ms->mods[m].path);
        ws->ix.mods[m].aliases = intern_c(b, ms->mods[m].aliases);
    }
    ws->ix.reqs = ar_zalloc(&ws->arena, (size_t)ms->nreqs * sizeof *ws->ix.reqs + 1);
    if (!ws->ix.reqs) goto oom;
    ws->ix.nreqs = ms->nreqs;
    for (uint32_t i = 0; i < ms->nreqs; i++) {
        const mod_require *q = &ms->reqs[i];
        ws->ix.reqs[i] = (idx_require){ intern_c(b, q->path), intern_c(b, q->version), intern_c(b, q->file),
                                     q->line, q->col, q->installed != 0 };
    }
    if (b->oom) goto oom;
    ws->ix.nfiles = ms->nfiles;
    *out = b;
    return 0;
oom:
    index_abort(b);
    return LP_ERR_NOMEM;
}

int index_hint(index_builder *b, const lp_workspace *prev)
{
    si_table *in = &b->ws->strings;
    size_t bytes = prev->strings.len + prev->strings.len / 8 + 4096;
    uint32_t n = prev->strings.count + prev->strings.count / 8 + 64;
    uint64_t ne = (uint64_t)prev->ix.nentries + prev->ix.nentries / 8 + 16;
    uint64_t nkv = (uint64_t)prev->ix.nkv + prev->ix.nkv / 8 + 16;
    if ((bytes > in->cap || n > si_room(in)) && si_reserve(in, bytes, n) != 0)
        return LP_ERR_NOMEM;
    if (reserve_exact(b, (void **)&b->ws->ix.entries, &b->cap_entries, ne, sizeof *b->ws->ix.entries) != 0 ||
        reserve_exact(b, (void **)&b->ent, &b->cap_ent, ne, sizeof *b->ent) != 0 ||
        reserve_exact(b, (void **)&b->ws->ix.kv, &b->cap_kv, nkv, sizeof *b->ws->ix.kv) != 0 ||
        (b->ws->capture && reserve_exact(b, (void **)&b->caps, &b->cap_caps, ne, sizeof *b->caps) != 0))
        return LP_ERR_NOMEM;
    return 0;
}

int index_add_file(index_builder *b, uint32_t f, const file_outcome *o)
{
    lp_workspace *ws = b->ws;
    const mod_set *ms = b->ms;
    const build_diags *diags = b->diags;
    idx_file *file = &ws->ix.files[f];
    const scan_result *r = &o->res;
    size_t plen = strlen(ms->files[f].path);
    if (reserve_strings(b, r, plen) != 0) return LP_ERR_NOMEM;
    file->path = intern_c(b, ms->files[f].path);
    file->mod = ms->files[f].mod;
    file_read_as(file, o);
    file->first_entry = ws->ix.nentries;
    if (!ms->mods[ms->files[f].mod].failed) {
        /* the file's own diagnostics in source order, then the merge's (duplicates) */
        if (ws->capture) ws->capture->file[f] = r->blocks;
        for (uint32_t d = 0; d < r->ndiags; d++) {
            const scan_diag *sd = &r->diags[d];
            if (diag_at(b, sd->severity, f, sd->line, sd->col, sd->summary, sd->detail)) {
                diags->v[diags->n - 1].end_line = sd->end_line;
                diags->v[diags->n - 1].end_col = sd->end_col;
            }
        }
        merge_file(b, f, r);
    }
    b->files_done++;
    return b->oom ? LP_ERR_NOMEM : 0;
}

int index_file_from_copy(index_builder *b, uint32_t f, const seg *copy, const seg *s)
{
    idx_capture *cp = b->ws->capture;
    if (!cp) return 0;
    const idx_file *file = &b->ws->ix.files[f];
    if (file->entry_count && file->entry_count != copy->res.nentries) {   /* (entries dropped) */
        if (seg_ready(s) != 0) return -1;
        for (uint32_t j = 0; j < file->entry_count; j++) {
            cap_attr **c = &b->caps[file->first_entry + j];
            *c = (cap_attr *)(uintptr_t)seg_copy_moved(copy, s, *c);   /* (as merging s sets it) */
        }
        if (cp->file[f]) cp->file[f] = s->res.blocks;   /* (the stub's, as a merge of s gives) */
        return 0;
    }
    if (!cp->lazy) {
        if (!(cp->lazy = build_alloc(&cp->lists, (size_t)b->ms->nfiles + 1))) return -1;
        memset(cp->lazy, 0, (size_t)b->ms->nfiles + 1);
    }
    for (uint32_t j = 0; j < file->entry_count; j++) b->caps[file->first_entry + j] = NULL;
    if (cp->file[f]) cp->file[f] = IDX_BLOCKS_LATER;   /* (none for a failed mod's file) */
    cp->lazy[f] = 1;
    return 0;
}

void index_mark_get(const index_builder *b, uint32_t file, index_mark *m)
{
    m->file = file;
    m->nentries = b->ws->ix.nentries;
    m->nkv = b->kvn;
    m->nrefs = b->nrefs;
    m->ndiags = b->diags->n;
}

void index_rollback(index_builder *b, const index_mark *m)
{
    lp_workspace *ws = b->ws;
    /* the names of the entries taken back name nothing again (strings stay interned) */
    for (uint32_t id = m->nentries; id < ws->ix.nentries; id++)
        if (!(ws->ix.entries[id].flags & IDX_SCOPED) && entry_of(&ws->strings, ws->ix.entries[id].name) == id)
            si_set_val(&ws->strings, ws->ix.entries[id].name, 0);
    ws->ix.nentries = m->nentries;
    b->kvn = m->nkv;
    b->nrefs = m->nrefs;
    while (b->npend && b->pend[b->npend - 1] >= m->nrefs) b->npend--;
    if (b->diags->n > m->ndiags) b->diags->n = m->ndiags;
    for (uint32_t f = m->file; f < b->files_done; f++) {
        ws->ix.files[f].first_entry = m->nentries;
        ws->ix.files[f].entry_count = 0;
        if (ws->capture) ws->capture->file[f] = NULL;
        if (ws->capture && ws->capture->lazy) ws->capture->lazy[f] = 0;
    }
}

/* Give back what an array grew beyond its final size (n elements, at least
 * one); *cap follows. */
static void *shrink(void *p, uint32_t *cap, uint32_t n, size_t elem)
{
    if (n == 0) n = 1;
    if (!p || n >= *cap) return p;
    void *q = mem_realloc(p, (size_t)*cap * elem, (size_t)n * elem);
    if (!q) return p;
    *cap = n;
    return q;
}

int index_finish(index_builder *b)
{
    lp_workspace *ws = b->ws;
    build_diags *diags = b->diags;
    if (b->oom) goto oom;
    ws->ix.nkv = b->kvn;
    /* the kept arrays at their final sizes (the realloc shrinks in place) */
    ws->ix.entries = shrink(ws->ix.entries, &b->cap_entries, ws->ix.nentries, sizeof *ws->ix.entries);
    ws->ix.kv = shrink(ws->ix.kv, &b->cap_kv, ws->ix.nkv, sizeof *ws->ix.kv);
    if (ws->capture) {
        idx_capture *cp = ws->capture;
        cp->entry = build_alloc(&cp->lists, (size_t)ws->ix.nentries * sizeof *cp->entry + 1);
        if (!cp->entry) goto oom;
        for (uint32_t id = 0; id < ws->ix.nentries; id++) cp->entry[id] = b->caps[id];
    }
    if (b->oom || link_children(b) != 0 || find_cycles(b) != 0) goto oom;
    check_queries(b);
    build_snapshots(b);
    if (b->oom || diags->oom) goto oom;
    si_shrink(&ws->strings);   /* grown ahead of need */
    builder_free(b);
    return 0;
oom:
    builder_free(b);
    return LP_ERR_NOMEM;
}

/* ------------------------------------------------------------ update */

#define STALE_MIN (64u * 1024u)
#define UPDATE_MAX_BLOCKS 64u
#define SCAN_FIELD_FLAGS (IDX_HAS_SQL | IDX_HAS_TAGS | IDX_HAS_WIDTH)   /* flags merge_fields' fields set */
/* flags the merge sets (the same for a scan of the same shape: names, kinds and nesting decide them) */
#define MERGE_FLAGS (IDX_TOP_LEVEL | IDX_SCOPED)

/* Is string id of ws the scanned string t? */
static int same_str_id(const lp_workspace *ws, uint32_t id, scan_str t)
{
    return si_len(&ws->strings, id) == t.len && memcmp(idx_str(ws, id), t.p ? t.p : "", t.len) == 0;
}

/* Does scan r of file f give the entries prev holds for it (every one: none
 * was dropped), of the same names, kinds and nesting, with the same
 * children, and no diagnostic?  Then merging r gives the ids, edges and
 * diagnostics prev has; the rest is merge_fields'. */
static int same_shape(const lp_workspace *prev, uint32_t f, const scan_result *r)
{
    const idx_file *pf = &prev->ix.files[f];
    if (pf->entry_count != r->nentries || r->ndiags) return 0;
    const unsigned hier = LP_UNRES_TYPE | LP_UNRES_CHILDREN;
    for (uint32_t j = 0; j < r->nentries; j++) {
        const scan_entry *s = &r->entries[j];
        uint32_t id = pf->first_entry + j;
        const idx_entry *e = &prev->ix.entries[id];
        if (e->kind != s->kind || ((e->flags ^ s->flags) & ~(SCAN_FIELD_FLAGS | MERGE_FLAGS)) ||
            ((e->unresolved ^ s->unresolved) & hier) || e->nchild != s->nrefs || s->ntags > IDX_MAX_EDGES ||
            !same_str_id(prev, e->name, s->name))
            return 0;
        /* a `query` reference changed: its check (link_children) is the merge's */
        if (s->query_line && !same_str_id(prev, idx_prop(prev, id, IDX_PROP_QUERY_REF), s->query_ref))
            return 0;
        for (uint32_t k = 0; k < s->nrefs; k++) {
            const scan_ref *x = &r->refs[s->refs + k];
            uint32_t t = idx_child(prev, id, k);
            if (x->local >= 0 ? t != pf->first_entry + (uint32_t)x->local
                              : !same_str_id(prev, t == LP_NO_ENTRY ? idx_missing_name(prev, e->adj + k)
                                                                    : prev->ix.entries[t].name,
                                             x->name))
                return 0;
        }
    }
    return 1;
}

/* The first pair of entry id's run in ws->ix.kv (nkv past the last entry). */
static uint32_t kv_at(const lp_workspace *ws, uint32_t id)
{
    return id < ws->ix.nentries ? ws->ix.entries[id].kv : ws->ix.nkv;
}

/* May index_update make ws from prev?  Every file's outcome prev's segment
 * (reused) or a scan of the same shape, and no diagnostic of prev about or
 * naming a changed file (their lines are the old bytes').  *bytes, *nstr,
 * *nkv: what the changed files add. */
static int updatable(const lp_workspace *prev, const mod_set *ms, const file_outcome *outs,
                     const uint8_t *reused, uint64_t *bytes, uint32_t *nstr, uint64_t *nkv)
{
    /* (each update adds a string block: a whole merge once they are many) */
    if (prev->ix.nfiles != ms->nfiles || prev->ix.nmods != ms->nmods ||
        prev->ix.nsnapshots != ms->nsnapshots || prev->ix.nreqs != ms->nreqs ||
        prev->ix.ndiags >= BUILD_MAX_DIAGS || prev->strings.nblocks >= UPDATE_MAX_BLOCKS)
        return 0;
    *bytes = 0;
    *nstr = 0;
    *nkv = prev->ix.nkv;
    for (uint32_t f = 0; f < ms->nfiles; f++) {
        const idx_file *pf = &prev->ix.files[f];
        if (pf->mod != ms->files[f].mod || (!(reused[f] & IDX_REUSED_UNMADE) && outs[f].missing)) return 0;
        if (reused[f]) continue;
        const scan_result *r = &outs[f].res;
        if (outs[f].status != LP_OK || !same_shape(prev, f, r)) return 0;
        const char *path = idx_str(prev, pf->path);
        for (uint32_t i = 0; i < prev->ix.ndiags; i++)
            if (!strcmp(prev->ix.diags[i].file, path) || strstr(prev->ix.diags[i].detail, path)) return 0;
        *bytes += r->str_bytes + ((uint64_t)r->nstr + 1) * LP_INTERN_OVERHEAD;
        *nstr += r->nstr;
        *nkv -= kv_at(prev, pf->first_entry + pf->entry_count) - kv_at(prev, pf->first_entry);
        *nkv += r->ntags;
        for (uint32_t j = 0; j < r->nentries; j++) *nkv += entry_props(&r->entries[j]);
    }
    /* the strings of the entries replaced stay: a whole merge once they would
     * pass a quarter of the heap (or 64 KiB), so that a live workspace's
     * memory stays bounded */
    uint64_t most = prev->strings.len / 4 > STALE_MIN ? prev->strings.len / 4 : STALE_MIN;
    return prev->stats.stale_string_bytes + *bytes <= most;
}

/* The captured pieces of the entries prev kept of file f, whose segment r
 * also holds entries it dropped (duplicates, and the blocks nested in
 * them), by merge_file's rule: an entry is dropped with its parent, one
 * scoped is kept, and one in the name table is kept when the table leads to it.  0, or -1 when out
 * of memory or when the entries kept are not prev's count (cannot happen). */
static int kept_caps(builder *b, const lp_workspace *prev, uint32_t f, const scan_result *r, cap_attr **out)
{
    uint32_t id = prev->ix.files[f].first_entry, end = id + prev->ix.files[f].entry_count;
    uint8_t *kept = ar_alloc(&b->tmp, (size_t)r->nentries + 1);
    if (!kept) return -1;
    for (uint32_t j = 0; j < r->nentries; j++) {
        const scan_entry *s = &r->entries[j];
        int scoped = (s->flags & IDX_SCOPED) ||
                     (id < end && (s->flags & IDX_NESTED) && (prev->ix.entries[id].flags & IDX_SCOPED) &&
                      same_str_id(prev, prev->ix.entries[id].name, s->name));
        int k = id < end && !(s->parent >= 0 && (uint32_t)s->parent < j && !kept[s->parent]) &&
                (scoped || idx_lookup(prev, s->name.p, s->name.len) == id);
        kept[j] = (uint8_t)k;
        if (k) out[id++] = s->caps;
    }
    return id == end ? 0 : -1;
}

/* A copy of n bytes of p in ws's arena (NULL: out of memory). */
static void *arena_copy(lp_workspace *ws, const void *p, size_t n)
{
    void *q = ar_alloc(&ws->arena, n + 1);
    if (q && n) memcpy(q, p, n);
    return q;
}

/* ws's tables for an update of prev, b's capacities set: the entries and pairs viewed where prev's image
 * file lies when prev was reopened from one and the pairs keep their count (*view_out), else allocated;
 * the rest copied; the capture's arrays.  0, or -1 (out of memory). */
static int update_tables(builder *b, lp_workspace *ws, const lp_workspace *prev, const mod_set *ms,
                         int *view_out)
{
    uint32_t n = prev->ix.nentries;
    size_t adj = (size_t)prev->ix.nadj * (prev->ix.adj16 ? 2 : 4);
    /* prev reopened from its image file: the arrays viewed where they lie, copied on write, so that
     * only the pages of the entries the update changes are copied (their fields, their kv runs) */
    int view = n && prev->img.view && b->cap_kv == prev->ix.nkv;
    if (view) {
        ws->ix.entries = prev->img.view(prev, prev->ix.entries, (size_t)n * sizeof *ws->ix.entries);
        ws->ix.kv = ws->ix.entries ? prev->img.view(prev, prev->ix.kv, (size_t)b->cap_kv * sizeof *ws->ix.kv)
                                   : NULL;
        if (!ws->ix.kv && ws->ix.entries) mem_view_free(ws->ix.entries, (size_t)n * sizeof *ws->ix.entries);
        view = ws->ix.kv != NULL;
        ws->ix.entries_view = ws->ix.kv_view = (uint8_t)view;
    }
    if (!view) {
        ws->ix.entries = mem_malloc((size_t)b->cap_entries * sizeof *ws->ix.entries);
        ws->ix.kv = mem_malloc((size_t)b->cap_kv * sizeof *ws->ix.kv);
    }
    /* the files' records too: written where a file's stat changed (file_read_as; 123,208 entries'
     * 8,199 files: 512 KiB copied) */
    size_t fbytes = (size_t)prev->ix.nfiles * sizeof *ws->ix.files;
    ws->ix.files = view && fbytes ? prev->img.view(prev, prev->ix.files, fbytes) : NULL;
    ws->ix.files_view = ws->ix.files != NULL;
    if (ws->ix.files_view) ws->ix.nfiles = prev->ix.nfiles;   /* (what the close unmaps, failed or not) */
    if (!ws->ix.files) ws->ix.files = arena_copy(ws, prev->ix.files, fbytes);
    ws->ix.mods = arena_copy(ws, prev->ix.mods, (size_t)prev->ix.nmods * sizeof *ws->ix.mods);
    ws->ix.snapshots =
        arena_copy(ws, prev->ix.snapshots, (size_t)prev->ix.nsnapshots * sizeof *ws->ix.snapshots);
    ws->ix.missing = arena_copy(ws, prev->ix.missing, (size_t)prev->ix.nmissing * sizeof *ws->ix.missing);
    ws->ix.reqs = arena_copy(ws, prev->ix.reqs, (size_t)prev->ix.nreqs * sizeof *ws->ix.reqs);
    /* the child links are never written after a build: a version holding the image's mapping (the
     * views') shares them where the image holds them */
    const void *padj = prev->ix.adj16 ? (const void *)prev->ix.adj16 : (const void *)prev->ix.adj32;
    void *a = view && ws->img.map_hold && padj ? (void *)(uintptr_t)padj : arena_copy(ws, padj, adj);
    if (prev->ix.adj16) ws->ix.adj16 = a;
    else ws->ix.adj32 = a;
    idx_capture *cp = ws->capture;
    if (cp) {
        cp->file = build_alloc(&cp->lists, (size_t)ms->nfiles * sizeof *cp->file + 1);
        /* zeroed, its pages untouched: the entries of files taken lazily (most) are never written */
        cp->entry = mem_zeroed((size_t)n + 1, sizeof *cp->entry);
        cp->entry_zeroed = cp->entry ? (size_t)n + 1 : 0;
        cp->lazy = build_alloc(&cp->lists, (size_t)ms->nfiles + 1);
    }
    *view_out = view;
    return !ws->ix.entries || !ws->ix.kv || !ws->ix.files || !ws->ix.mods || !ws->ix.snapshots ||
                   !ws->ix.missing || !ws->ix.reqs || !a || (cp && (!cp->file || !cp->entry || !cp->lazy))
               ? -1
               : 0;
}

int index_update(lp_workspace *ws, const lp_workspace *prev, const mod_set *ms, const file_outcome *outs,
                 const uint8_t *reused, build_diags *diags)
{
    uint64_t bytes, nkv;
    uint32_t nstr;
    if (!updatable(prev, ms, outs, reused, &bytes, &nstr, &nkv)) return 1;
    if (nkv >= UINT32_MAX || bytes >= UINT32_MAX) return 1;
    builder *b = mem_calloc(1, sizeof *b);
    if (!b) return LP_ERR_NOMEM;
    b->ws = ws;
    b->ms = ms;
    b->diags = diags;
    b->files_done = ms->nfiles;
    ar_init(&b->tmp, 1024);
    uint32_t n = prev->ix.nentries;
    b->cap_entries = n ? n : 1;
    b->cap_kv = nkv ? (uint32_t)nkv : 1;
    int view;
    if (update_tables(b, ws, prev, ms, &view) != 0) goto oom;
    idx_capture *cp = ws->capture;
    /* a version reopened from its image may have its strings in blocks of their own: shared */
    const si_table *heap = prev->img.strings_own.nblocks ? &prev->img.strings_own : &prev->strings;
    /* a version holding the stale image it patches (or prev's, which borrows the same blocks):
     * the mapping's blocks shared too */
    int borrow = ws->img.map_hold && heap == &prev->strings && (!heap->counted || heap->borrowed);
    /* its slots viewed where the image holds them, as the entries are: only the pages of the new
     * strings' slots are copied (aws_compliance: 128 KiB of slots; 123,208 entries: 2 MiB) */
    uint64_t *slots = view && heap->nslots && si_clone_slots(heap, nstr) == heap->nslots
                          ? prev->img.view(prev, heap->slots, (size_t)heap->nslots * sizeof *heap->slots)
                          : NULL;
    if (si_clone_viewing(&ws->strings, heap, bytes, nstr, borrow, slots) != 0) goto oom;
    ws->ix.nfiles = prev->ix.nfiles;
    ws->ix.nmods = prev->ix.nmods;
    ws->ix.nsnapshots = prev->ix.nsnapshots;
    ws->ix.nmissing = prev->ix.nmissing;
    ws->ix.nreqs = prev->ix.nreqs;
    ws->ix.nadj = prev->ix.nadj;
    ws->ix.nentries = n;
    /* In a view, while every file so far was kept in place, b->kvn lags: it is prev's kv at entry
     * `at`, read (kv_at: an entry, a cache miss per file, 1 ms of 123,208 entries' 8,199 files) only
     * where a file is not in place, or not where the one before it ended */
    int lag = view && kv_at(prev, 0) == 0;
    uint32_t at = 0;
    for (uint32_t f = 0; f < ms->nfiles; f++) {
        const file_outcome *o = &outs[f];
        const scan_result *r = &o->res;
        idx_file *file = &ws->ix.files[f];
        /* an outcome not made: its record is prev's, and its counts too (build.h) */
        scan_result unmade = { .nentries = file->entry_count,
                               .blocks = reused[f] & IDX_REUSED_BLOCKS ? IDX_BLOCKS_LATER : NULL };
        if (reused[f] & IDX_REUSED_UNMADE) r = &unmade;
        else file_read_as(file, o);
        /* a file taken lazily from an image: its entries' pieces when resolution evaluates one of them
         * (idx_capture_file); one that dropped entries, now (kept_caps reads them all) */
        const seg *sg = reused[f] && ws->sg.segs ? ws->sg.segs[f] : NULL;
        /* (an image's segment not made yet, idx_seg: as lazy) */
        int lazy = cp && (seg_is_lazy(sg) || (reused[f] && !sg && idx_seg_has(ws, f)));
        if (lazy && file->entry_count != r->nentries) {
            if (!(sg = idx_seg(ws, f)) || seg_ready(sg) != 0) goto oom;
            r = &sg->res;
            lazy = 0;
        }
        if (cp) cp->file[f] = r->blocks;
        if (cp) cp->lazy[f] = (uint8_t)lazy;
        uint32_t first = file->first_entry;
        if (cp && file->entry_count != r->nentries && kept_caps(b, prev, f, r, cp->entry) != 0) goto oom;
        /* a file kept, in a view, whose pairs did not move: its entries and pairs are the image's where
         * they lie; with no pieces to take from its scan its entries are not even read (a page read is a
         * page faulted: 123,208 entries, 2 ms) */
        int in_place = reused[f] && view && lag && first == at;
        if (lag && !in_place) {
            b->kvn = kv_at(prev, at);
            lag = 0;
        }
        uint32_t k0 = in_place ? 0 : kv_at(prev, first);
        in_place = in_place || (reused[f] && view && b->kvn == k0);
        int unread = in_place && (!cp || lazy);
        /* everything but the published version, which is prev's to change: the file's run of entries
         * in one copy (an entry at a time was a tenth of a one-file refresh), then each one's own */
        const size_t from = offsetof(idx_entry, name);
        if (file->entry_count && !view)
            memcpy((char *)&ws->ix.entries[first] + from, (const char *)&prev->ix.entries[first] + from,
                   (size_t)file->entry_count * sizeof *ws->ix.entries - from);
        for (uint32_t j = 0; !unread && j < file->entry_count; j++) {
            idx_entry *e = &ws->ix.entries[first + j];
            const idx_entry *p = &prev->ix.entries[first + j];
            if (!view) atomic_init(&e->resolved, NULL);   /* (an image's are NULL: pst_load checks) */
            if (cp && file->entry_count == r->nentries && !lazy) cp->entry[first + j] = r->entries[j].caps;
            if (reused[f]) {
                uint32_t kv = in_place ? p->kv : p->kv - k0 + b->kvn;
                if (e->kv != kv) e->kv = kv;   /* (unchanged in a view: its page is not copied) */
                continue;
            }
            e->flags = (uint8_t)(r->entries[j].flags | (p->flags & MERGE_FLAGS));
            merge_fields(b, e, &r->entries[j], r);
        }
        uint32_t end = first + file->entry_count;
        if (lag) {   /* (in place) */
            at = end;
            continue;
        }
        if (reused[f]) {
            uint32_t k1 = kv_at(prev, end);
            if (!in_place)
                memcpy(ws->ix.kv + b->kvn, prev->ix.kv + k0, (size_t)(k1 - k0) * sizeof *ws->ix.kv);
            b->kvn += k1 - k0;
        }
        if (view && b->kvn == kv_at(prev, end)) {   /* in step again: lagging from here */
            lag = 1;
            at = end;
        }
    }
    if (lag) b->kvn = kv_at(prev, at);
    ws->ix.nkv = b->kvn;
    for (uint32_t i = prev->sg.ndisc_diags; i < prev->ix.ndiags && !diags->oom; i++) {
        const lp_diag *d = &prev->ix.diags[i];
        if (build_diag_add(diags, ms->arena, d->severity, d->file, d->line, d->col, d->summary, d->detail)) {
            diags->v[diags->n - 1].end_line = d->end_line;
            diags->v[diags->n - 1].end_col = d->end_col;
        }
    }
    if (b->oom || diags->oom) goto oom;
    memcpy(ws->stats.kind_counts, prev->stats.kind_counts, sizeof ws->stats.kind_counts);
    ws->stats.top_level = prev->stats.top_level;
    ws->stats.child_edges = prev->stats.child_edges;
    ws->stats.updated = 1;
    ws->stats.stale_string_bytes = prev->stats.stale_string_bytes + (ws->strings.len - prev->strings.len);
    builder_free(b);
    return 0;
oom:
    builder_free(b);
    return LP_ERR_NOMEM;
}

void index_abort(index_builder *b)
{
    if (b) builder_free(b);
}

int idx_capture_file(const lp_workspace *ws, idx_capture *cp, uint32_t f)
{
    if (!cp || !cp->lazy || f >= ws->ix.nfiles || !cp->lazy[f]) return 0;
    const seg *sg = idx_seg(ws, f);
    const idx_file *file = &ws->ix.files[f];
    /* an image's segment not made usable: its pieces read where the image holds them (seg_lazy_caps) */
    int rc = sg ? seg_lazy_caps(sg, &cp->lists, cp->entry + file->first_entry, file->entry_count) : -1;
    if (rc < 0 || (rc > 0 && seg_ready(sg) != 0)) return -1;
    for (uint32_t j = 0; rc > 0 && j < file->entry_count; j++)
        cp->entry[file->first_entry + j] = sg->res.entries[j].caps;
    cp->lazy[f] = 0;
    return 0;
}

struct cap_piece idx_blocks_not_taken;

int idx_capture_blocks(const lp_workspace *ws, idx_capture *cp, uint32_t f)
{
    uint32_t lo = f == UINT32_MAX ? 0 : f, hi = f == UINT32_MAX ? ws->ix.nfiles : f + 1;
    for (uint32_t g = lo; cp && cp->file && g < hi && g < ws->ix.nfiles; g++) {
        if (cp->file[g] != IDX_BLOCKS_LATER) continue;
        const seg *sg = idx_seg(ws, g);   /* (a stub's blocks are usable before seg_ready) */
        if (!sg) return -1;
        cp->file[g] = sg->res.blocks;
    }
    return 0;
}

void idx_capture_free(idx_capture *c)
{
    if (!c) return;
    for (unsigned i = 0; i < c->narenas; i++) ar_free(&c->arenas[i]);
    mem_free(c->arenas, (size_t)c->narenas * sizeof *c->arenas);
    ar_free(&c->lists);
    mem_zeroed_free(c->entry_zeroed ? c->entry : NULL, c->entry_zeroed, sizeof *c->entry);
    mem_free(c, sizeof *c);
}

/* ------------------------------------------------------------ accessors */

uint32_t idx_prop(const lp_workspace *ws, uint32_t id, unsigned prop)
{
    const idx_entry *e = &ws->ix.entries[id];
    const uint32_t(*p)[2] = (const uint32_t(*)[2])ws->ix.kv + e->kv + e->ntags;
    uint32_t n = idx_nprops(ws, id);
    for (uint32_t i = 0; i < n; i++)
        if (p[i][0] == prop) return p[i][1];
    return LP_STR_NONE;
}

size_t idx_short_offset(const lp_workspace *ws, const idx_entry *e)
{
    return si_len(&ws->strings, ws->ix.mods[idx_mod_of(ws, e)].name) + 1 +
           strlen(idx_kind_name_types[e->kind]) + 1;
}

static void view_of_overlay(const lp_workspace *ws, uint32_t id, const idx_overlay *o, idx_view *v)
{
    const si_table *in = &ws->img.values;
    v->query_ref = idx_str(ws, idx_prop(ws, id, IDX_PROP_QUERY_REF));
    v->title = si_str(in, o->title);
    v->description = si_str(in, o->description);
    v->category = si_str(in, o->category);
    v->documentation = si_str(in, o->documentation);
    v->display = si_str(in, o->display);
    v->sql = si_str(in, o->sql);
    v->tags.pairs = ws->img.overlay_kv + o->tags;
    v->tags.n = o->ntags;
    v->tags.form = 0;
    v->tags.base = in;
    v->has_tags = o->has_tags;
    v->has_width = o->has_width;
    v->width = o->width;
    v->detection = o->detection;
    v->unresolved = o->unresolved;
}

void idx_view_get(const lp_workspace *ws, uint32_t id, idx_view *v)
{
    idx_view_make(ws, id, atomic_load_explicit(&ws->ix.entries[id].resolved, memory_order_acquire), v);
}

void idx_view_make(const lp_workspace *ws, uint32_t id, const idx_resolved *r, idx_view *v)
{
    const idx_entry *e = &ws->ix.entries[id];
    if (!r && ws->img.overlay && ws->img.overlay[id].present) {   /* reopened: the persisted version */
        view_of_overlay(ws, id, &ws->img.overlay[id], v);
        return;
    }
    /* a record holds what evaluation gave, the rest is the scan's: so that
     * a refresh can publish the same record in a later version (resolve.c) */
    unsigned ev = r ? r->evaluated : 0;
    uint32_t prop[IDX_PROP_WIDTH + 1];   /* the scanned properties, in one pass (idx_prop: the first) */
    for (unsigned k = 0; k <= IDX_PROP_WIDTH; k++) prop[k] = LP_STR_NONE;
    const uint32_t(*p)[2] = (const uint32_t(*)[2])ws->ix.kv + e->kv + e->ntags;
    for (uint32_t i = 0, n = idx_nprops(ws, id); i < n; i++)
        if (p[i][0] <= IDX_PROP_WIDTH && prop[p[i][0]] == LP_STR_NONE) prop[p[i][0]] = p[i][1];
#define FIELD(f, bit, scanned) v->f = (ev & (bit)) ? (r->f ? r->f : "") : idx_str(ws, scanned)
    v->query_ref = idx_str(ws, prop[IDX_PROP_QUERY_REF]);
    FIELD(title, LP_UNRES_TITLE, e->title);
    FIELD(description, LP_UNRES_DESCRIPTION, e->description);
    FIELD(category, LP_UNRES_CATEGORY, prop[IDX_PROP_CATEGORY]);
    FIELD(documentation, LP_UNRES_DOCUMENTATION, prop[IDX_PROP_DOCUMENTATION]);
    FIELD(display, LP_UNRES_DISPLAY, prop[IDX_PROP_DISPLAY]);
    FIELD(sql, LP_UNRES_SQL, prop[IDX_PROP_SQL]);
#undef FIELD
    if (ev & LP_UNRES_TAGS) {
        v->tags.pairs = r->tags;
        v->tags.n = r->ntags;
        v->tags.form = 1;
        v->tags.base = NULL;
        v->has_tags = r->has_tags;
    } else {
        v->tags.pairs = ws->ix.kv + e->kv;
        v->tags.n = e->ntags;
        v->tags.form = 0;
        v->tags.base = &ws->strings;
        v->has_tags = (e->flags & IDX_HAS_TAGS) != 0;
    }
    if (ev & LP_UNRES_WIDTH) {
        v->has_width = r->has_width;
        v->width = r->width;
    } else {
        v->has_width = (e->flags & IDX_HAS_WIDTH) != 0;
        v->width = v->has_width ? (int32_t)prop[IDX_PROP_WIDTH] : 0;
    }
    v->detection = (ev & LP_UNRES_TYPE) ? r->detection : (e->flags & IDX_DETECTION) != 0;
    v->unresolved = r ? r->unresolved : e->unresolved;
}

void idx_publish(lp_workspace *ws, uint32_t id, const idx_resolved *rec)
{
    if (id < ws->ix.nentries) atomic_store_explicit(&ws->ix.entries[id].resolved, rec, memory_order_release);
}

void lp_tags_at(const lp_tags *t, uint32_t i, const char **key, const char **value)
{
    if (i >= t->n) {
        *key = *value = "";
        return;
    }
    if (t->form == 1) {
        const idx_tag *p = (const idx_tag *)t->pairs + i;
        *key = p->key ? p->key : "";
        *value = p->value ? p->value : "";
        return;
    }
    const uint32_t *p = (const uint32_t *)t->pairs + 2 * i;
    const si_table *in = t->base;
    *key = si_str(in, p[0]);
    *value = si_str(in, p[1]);
}

const char *lp_tags_get(const lp_tags *t, const char *key)
{
    for (uint32_t i = 0; i < t->n; i++) {
        const char *k, *v;
        lp_tags_at(t, i, &k, &v);
        if (strcmp(k, key) == 0) return v;
    }
    return NULL;
}

uint32_t lp_entry_count(const lp_workspace *ws) { return ws ? ws->ix.nentries : 0; }

uint32_t lp_lookup(const lp_workspace *ws, const char *name)
{
    if (!ws || !name) return LP_NO_ENTRY;
    return idx_lookup(ws, name, strlen(name));
}

uint32_t lp_next_of_kind(const lp_workspace *ws, lp_kind kind, uint32_t after)
{
    if (!ws) return LP_NO_ENTRY;
    for (uint32_t id = after == LP_NO_ENTRY ? 0 : after + 1; id < ws->ix.nentries; id++) {
        unsigned k = ws->ix.entries[id].kind;
        if (k == (unsigned)kind || (kind == LP_KIND_BENCHMARK && k == LP_KIND_DETECTION_BENCHMARK)) return id;
    }
    return LP_NO_ENTRY;
}

uint32_t lp_next_top_level(const lp_workspace *ws, uint32_t after)
{
    if (!ws) return LP_NO_ENTRY;
    for (uint32_t id = after == LP_NO_ENTRY ? 0 : after + 1; id < ws->ix.nentries; id++)
        if (ws->ix.entries[id].flags & IDX_TOP_LEVEL) return id;
    return LP_NO_ENTRY;
}

int lp_entry_get(const lp_workspace *ws, uint32_t id, lp_entry_info *o)
{
    if (!ws || id >= ws->ix.nentries || !o) return LP_ERR_ARG;
    const idx_entry *e = &ws->ix.entries[id];
    idx_view v;
    idx_view_get(ws, id, &v);
    memset(o, 0, sizeof *o);
    o->kind = (lp_kind)e->kind;
    o->name = idx_str(ws, e->name);
    o->short_name = o->name + idx_short_offset(ws, e);
    o->title = v.title;
    o->description = v.description;
    o->category = v.category;
    o->documentation = v.documentation;
    o->display = v.display;
    o->sql = v.sql;
    o->query_ref = v.query_ref;
    o->benchmark_type = idx_kind_is_benchmark(e->kind) ? (v.detection ? "detection" : "control") : "";
    o->tags = v.tags;
    o->has_tags = v.has_tags;
    o->has_sql = (e->flags & IDX_HAS_SQL) != 0;
    o->has_width = v.has_width;
    o->width = v.width;
    o->mod = idx_mod_of(ws, e);
    o->mod_name = idx_str(ws, ws->ix.mods[o->mod].name);
    o->mod_full_name = idx_str(ws, ws->ix.mods[o->mod].full_name);
    o->file = e->file;
    o->file_name = idx_str(ws, ws->ix.files[e->file].path);
    o->start_line = e->start_line;
    o->end_line = e->end_line;
    o->byte_offset = e->byte_offset;
    o->byte_length = e->byte_length;
    o->parent = (e->flags & IDX_NESTED) && idx_nparent(ws, id) ? idx_parent(ws, id, 0) : LP_NO_ENTRY;
    o->is_top_level = (e->flags & IDX_TOP_LEVEL) != 0;
    o->is_nested = (e->flags & IDX_NESTED) != 0;
    o->is_anonymous = (e->flags & IDX_ANONYMOUS) != 0;
    o->unresolved = v.unresolved;
    return LP_OK;
}

uint32_t lp_entry_child_name_count(const lp_workspace *ws, uint32_t id)
{
    return ws && id < ws->ix.nentries ? ws->ix.entries[id].nchild : 0;
}

uint32_t idx_missing_name(const lp_workspace *ws, uint32_t slot)
{
    uint32_t lo = 0, hi = ws->ix.nmissing;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ws->ix.missing[mid].slot < slot) lo = mid + 1;
        else hi = mid;
    }
    return lo < ws->ix.nmissing && ws->ix.missing[lo].slot == slot ? ws->ix.missing[lo].name : LP_STR_NONE;
}

const char *lp_entry_child_name(const lp_workspace *ws, uint32_t id, uint32_t i)
{
    if (!ws || id >= ws->ix.nentries || i >= ws->ix.entries[id].nchild) return NULL;
    uint32_t slot = ws->ix.entries[id].adj + i;
    uint32_t v = idx_adj(ws, slot);
    return v == IDX_ADJ_MISSING ? idx_str(ws, idx_missing_name(ws, slot))
                                : idx_str(ws, ws->ix.entries[v].name);
}

/* How many of the adj slots below `slot` hold a missing child (ws->ix.missing is sorted by slot). */
static uint32_t missing_below(const lp_workspace *ws, uint32_t slot)
{
    uint32_t lo = 0, hi = ws->ix.nmissing;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ws->ix.missing[mid].slot < slot) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* Both by binary search over ws->ix.missing: a loop over a benchmark's children
 * (the CLI's index tree) was quadratic in them when each call walked them. */
uint32_t lp_entry_child_count(const lp_workspace *ws, uint32_t id)
{
    if (!ws || id >= ws->ix.nentries) return 0;
    uint32_t a = ws->ix.entries[id].adj, n = ws->ix.entries[id].nchild;
    return n - (missing_below(ws, a + n) - missing_below(ws, a));
}

uint32_t lp_entry_child(const lp_workspace *ws, uint32_t id, uint32_t i)
{
    if (!ws || id >= ws->ix.nentries) return LP_NO_ENTRY;
    uint32_t a = ws->ix.entries[id].adj, n = ws->ix.entries[id].nchild, m0 = missing_below(ws, a);
    /* the least k whose first k + 1 slots hold i + 1 children: slot k is the i-th child */
    uint32_t lo = i, hi = n;
    while (lo < hi) {
        uint32_t k = lo + (hi - lo) / 2;
        if (k + 1 - (missing_below(ws, a + k + 1) - m0) >= i + 1) hi = k;
        else lo = k + 1;
    }
    return lo < n ? idx_child(ws, id, lo) : LP_NO_ENTRY;
}

uint32_t lp_entry_parent_count(const lp_workspace *ws, uint32_t id)
{
    return ws && id < ws->ix.nentries ? idx_nparent(ws, id) : 0;
}

uint32_t lp_entry_parent(const lp_workspace *ws, uint32_t id, uint32_t i)
{
    if (!ws || id >= ws->ix.nentries || i >= idx_nparent(ws, id)) return LP_NO_ENTRY;
    return idx_parent(ws, id, i);
}

uint32_t lp_file_count(const lp_workspace *ws) { return ws ? ws->ix.nfiles : 0; }

int lp_file_get(const lp_workspace *ws, uint32_t file, lp_file_info *o)
{
    if (!ws || file >= ws->ix.nfiles || !o) return LP_ERR_ARG;
    const idx_file *f = &ws->ix.files[file];
    o->path = idx_str(ws, f->path);
    o->size = f->size;
    o->mtime_ns = f->mtime_ns;
    o->mod = f->mod;
    o->first_entry = f->first_entry;
    o->entry_count = f->entry_count;
    o->status = f->status;
    return LP_OK;
}

uint32_t lp_mod_count(const lp_workspace *ws) { return ws ? ws->ix.nmods : 0; }

int lp_mod_get(const lp_workspace *ws, uint32_t mod, lp_mod_info *o)
{
    if (!ws || mod >= ws->ix.nmods || !o) return LP_ERR_ARG;
    const idx_mod *m = &ws->ix.mods[mod];
    o->name = idx_str(ws, m->name);
    o->full_name = idx_str(ws, m->full_name);
    o->title = idx_str(ws, m->title);
    o->root = idx_str(ws, m->root);
    o->path = idx_str(ws, m->path);
    return LP_OK;
}

/* Is mod m's dependency mod nested in another mod's own .powerpipe/mods (a dependency's
 * dependency in the nested layout)? */
static int mod_nested(const lp_workspace *ws, const idx_mod *m)
{
    static const char mods_dir[] = ".powerpipe/mods/";
    const char *root = idx_str(ws, m->root), *main_root = idx_str(ws, ws->ix.mods[0].root);
    size_t n = strlen(main_root);
    /* the workspace "." lists its mods as ".powerpipe/mods/..." (mod.c, join) */
    const char *rest = strcmp(main_root, ".") != 0 && strncmp(root, main_root, n) == 0 ? root + n : root;
    unsigned found = 0;
    for (const char *p = rest; (p = strstr(p, mods_dir)) != NULL; p += sizeof mods_dir - 1)
        found += p == rest || p[-1] == '/';
    return found > 1;
}

/* Powerpipe's workspace holds the main mod's resources and each direct dependency's own
 * (pipe-fittings ModParseContext.setResourceMaps: TopLevelResources of each dependency it
 * loaded), so its lists and the dashboard list show those only; a dependency's dependencies are
 * loaded for it to resolve its references and are listed nowhere.  Direct: a mod whose path the
 * main mod requires, the version keeping its name when two are installed (mod.c, mod_keys: the
 * main mod's own dependency keeps it).  A main mod requiring no mod (dependency mods put in place
 * by hand, which Powerpipe would not load): every dependency mod not nested in another's. */
int lp_mod_listed(const lp_workspace *ws, uint32_t mod)
{
    if (!ws || mod >= ws->ix.nmods) return 0;
    if (mod == 0) return 1;
    const idx_mod *m = &ws->ix.mods[mod];
    if (mod_nested(ws, m)) return 0;
    if (ws->ix.nreqs == 0) return 1;
    const char *path = idx_str(ws, m->path);
    uint32_t versions = 0;
    for (uint32_t k = 1; k < ws->ix.nmods; k++)
        versions += strcmp(idx_str(ws, ws->ix.mods[k].path), path) == 0;
    if (versions > 1 && strchr(idx_str(ws, m->name), '@')) return 0;
    for (uint32_t r = 0; r < ws->ix.nreqs; r++)
        if (strcmp(idx_str(ws, ws->ix.reqs[r].path), path) == 0) return 1;
    return 0;
}

int lp_entry_listed(const lp_workspace *ws, uint32_t id)
{
    return ws && id < ws->ix.nentries && lp_mod_listed(ws, idx_mod_of(ws, &ws->ix.entries[id]));
}

uint32_t lp_diag_count(const lp_workspace *ws) { return ws ? ws->ix.ndiags : 0; }

const lp_diag *lp_diag_at(const lp_workspace *ws, uint32_t i)
{
    return ws && i < ws->ix.ndiags ? &ws->ix.diags[i] : NULL;
}
