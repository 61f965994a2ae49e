/* payload.c — JSON written from the index: Powerpipe's available_dashboards
 * message (POWERPIPE_BEHAVIOR §5.2 with §13) and the list items of §5.6.
 *
 * available_dashboards is what Go's encoding/json writes for
 *   {action, dashboards map, benchmarks map, detection_benchmarks nil, snapshots map}
 * struct fields in declaration order, map keys sorted bytewise, strings
 * escaped by lp_json_str (Go's rules), `omitempty` on title and children.
 *  - dashboards: every dashboard entry of the listed mods (lp_mod_listed: the main mod and its
 *    direct dependencies, Powerpipe's workspace resources);
 *  - benchmarks: every benchmark and detection_benchmark entry (listed mods),
 *    with is_top_level, trunks and mod_full_name; `children` recursively
 *    holds the benchmark children of the same benchmark_type (eager's child
 *    rule), missing ones dropped, a child already on the current path skipped;
 *    nested objects carry is_top_level false, trunks null, mod_full_name "";
 *  - tags: a copy of the entry's tags with "mod": <its mod's full name> added
 *    when absent (never written back into the index);
 *  - trunks: each top-level benchmark T has [[T]]; a depth-first walk from each
 *    T (roots in name order, children in source order) appends [T, ..., C] to
 *    every benchmark C it reaches; benchmarks no walk reaches have null;
 *  - detection_benchmarks: null; snapshots: "snapshot.<stem>" -> path.
 * Every entry is read once (one acquire load) at the start, so one payload is
 * one consistent version of every entry even while the resolver publishes.
 * Walks are iterative (no recursion on input-controlled depth) and the
 * number of objects and trunk steps is bounded (LP_ERR_ARG beyond), since a
 * lattice of shared benchmarks expands exponentially.
 *
 * SPEED.  Most of the benchmarks map is the same objects again: a benchmark
 * is written once in the map and once more under each path to it (2.9 MB
 * from 1,855 benchmarks on aws_compliance).  So each benchmark's head
 * (`{"title":…,"is_top_level":`, the same wherever it is written) is written
 * once, into a scratch buffer, and copied from there, and so is its full
 * name (trunks, map keys).  Its children array (`,"children":[…]`) is copied
 * from the output once it is known not to depend on the path above it: its
 * first expansion skipped no child for being the benchmark itself or above
 * it on the path.  Such a benchmark is on no cycle (a cycle through it would
 * have been walked round to one of those), so no path can reach anything
 * below it, and every expansion of it is the same.  A copy counts its nested objects against the
 * budget as the walk would, so the payload and its errors are unchanged.
 * Fragments are offsets (`out` only grows during one call).  With the heads
 * written, the same walk adding up lengths gives the benchmarks map's size,
 * and `out` is allocated once at that size (walk_benchmark).  The frags of
 * benchmarks only are read, and made (make_head) before any walk.
 */
#include "base/json.h"
#include "base/mem.h"
#include "index/index.h"
#include "index/payload.h"
#include "index/schema.h"

#include <stdlib.h>
#include <string.h>

#define MAX_EXPANSION (1u << 24)   /* nested objects, trunk steps, path steps per payload */

/* ------------------------------------------------------------ output */

/* Appends inline while the room lasts (the payload is millions of short
 * writes); lp_buf_put grows the buffer.  These leave out lp_buf's NUL:
 * len < cap always holds, so the one written on the way out fits. */
static inline void put(lp_buf *b, const char *s, size_t n)
{
    if (b->len + n < b->cap && !b->oom) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
    } else {
        lp_buf_put(b, s, n);
    }
}

#define PUTS(b, lit) put((b), (lit), sizeof(lit) - 1)

static inline void putch(lp_buf *b, char c)
{
    if (b->len + 1 < b->cap && !b->oom) b->data[b->len++] = c;
    else lp_buf_put(b, &c, 1);
}

/* Room for extra more bytes, allocated as asked: js_reserve doubles,
 * which for a size known in advance is up to twice the memory. */
static void reserve_exact(lp_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (b->oom || need <= b->cap) return;
    char *p = mem_realloc(b->data, b->cap, need);
    if (!p) return;   /* the writes that follow grow it as they can */
    b->data = p;
    b->cap = need;
}

/* Appends n bytes already written at off (a fragment written earlier). */
static void copy_out(lp_buf *b, size_t off, size_t n)
{
    if (off + n > b->len || js_reserve(b, n) != 0) return;   /* reserve may move data */
    memcpy(b->data + b->len, b->data + off, n);
    b->len += n;
}

/* ------------------------------------------------------------ helpers */

/* A children array known not to depend on the path (see SPEED above), as
 * one walk of walk_benchmark found it. */
typedef struct karr {
    size_t off, len;            /* `,"children":[…]` or nothing, in the output (writing: off too) */
    uint32_t objs;              /* nested objects in it (at most MAX_EXPANSION) */
    uint32_t occ, nocc;         /* writing: the layout's records inside it (payload.h) */
    uint8_t has;
} karr;

/* Per benchmark: its fragments (see SPEED above). */
typedef struct frag {
    size_t h_off, h_len;        /* head, up to `"is_top_level":`, in pctx.heads */
    size_t n_off, n_len;        /* its full name as a JSON string (trunks, keys), in pctx.heads */
    karr k[2];                  /* its children array: [0] as written, [1] as measured */
    uint8_t has_h;
} frag;

typedef struct wframe {
    uint32_t node, next;
    int opened;          /* "children":[ written */
    uint32_t minref;     /* the least path depth a child skipped in its subtree had (UINT32_MAX: none) */
    size_t k_off;        /* where its children array starts in the output (measuring: in the object) */
    uint64_t budget;     /* c->budget when its children array started */
    uint32_t occ0;       /* the layout's records when its children array started */
} wframe;

typedef struct pctx {
    const lp_workspace *ws;
    const idx_resolved **snap;   /* per entry: the version read for this payload */
    uint32_t *on_path;           /* per entry: its depth on the walk's path + 1, or 0 */
    frag *frag;                  /* per entry */
    uint8_t *pkind;              /* per entry: 0 not a benchmark, else 1 + its is_detection */
    uint32_t *chain;             /* scratch: one trunk's records */
    wframe *st;                  /* scratch: the walk's stack */
    uint32_t *dash, *bench, *roots;   /* ids in name order */
    size_t *mod_len;             /* per mod: its full name's length as a JSON string */
    void *block;                 /* every array above (one allocation call) */
    /* the schema's keys as written, escaped once: `"title":`, the benchmark
     * type with `"tags":` after it, `"tags":` (keys_ok 0: written each time) */
    struct jtext { char s[120]; size_t n; } k_title, k_detection, k_control, k_tags;
    int keys_ok;
    lp_buf heads;                /* every benchmark's head and name, written once */
    size_t block_size;
    uint64_t budget;
    int over;
    pl_layout *lay;              /* recorded when not NULL (pl_build) */
    uint32_t *rank;              /* with lay: per entry, its item's rank */
    int lay_bad;                 /* the layout could not be recorded (memory, size) */
} pctx;

/* ------------------------------------------------------------ layout (payload.h) */

typedef struct pl_occ {
    uint32_t off, rank;          /* where a fragment starts, whose */
} pl_occ;

struct pl_layout {
    pl_occ *occ;                 /* every fragment written, in byte order */
    uint32_t nocc, occcap;
    uint32_t nitems;             /* ranks: dashboards, then benchmarks */
    uint32_t *flen;              /* per rank: its fragment's length */
    uint32_t *first;             /* per rank: its first fragment's offset (UINT32_MAX: none) */
};

static void layout_free(pl_layout *l)
{
    if (!l) return;
    mem_free(l->occ, (size_t)l->occcap * sizeof *l->occ);
    mem_free(l->flen, ((size_t)l->nitems + 1) * sizeof *l->flen);
    mem_free(l->first, ((size_t)l->nitems + 1) * sizeof *l->first);
    mem_free(l, sizeof *l);
}

static pl_layout *layout_new(uint32_t nitems, uint32_t occcap)
{
    pl_layout *l = mem_calloc(1, sizeof *l);
    if (!l) return NULL;
    l->nitems = nitems;
    l->flen = mem_calloc((size_t)nitems + 1, sizeof *l->flen);
    l->first = mem_malloc(((size_t)nitems + 1) * sizeof *l->first);
    l->occ = mem_malloc((size_t)occcap * sizeof *l->occ);
    l->occcap = occcap;
    if (!l->flen || !l->first || !l->occ) {
        layout_free(l);
        return NULL;
    }
    memset(l->first, 0xff, ((size_t)nitems + 1) * sizeof *l->first);
    return l;
}

/* Room for n more records; 0 when the layout is given up. */
static int occ_room(pctx *c, uint32_t n)
{
    pl_layout *l = c->lay;
    if (c->lay_bad) return 0;
    if (l->nocc + (uint64_t)n <= l->occcap) return 1;
    uint64_t cap = l->occcap ? l->occcap : 1024;
    while (cap < l->nocc + (uint64_t)n) cap *= 2;
    pl_occ *o = NULL;
    if (cap <= UINT32_MAX) o = mem_realloc(l->occ, (size_t)l->occcap * sizeof *o, cap * sizeof *o);
    if (!o) {
        c->lay_bad = 1;
        return 0;
    }
    l->occ = o;
    l->occcap = (uint32_t)cap;
    return 1;
}

/* Item `rank`'s fragment, len bytes, starts at off. */
static inline void record(pctx *c, size_t off, uint32_t rank, size_t len)
{
    if (!c->lay) return;
    if (off + len > UINT32_MAX) c->lay_bad = 1;
    if (!occ_room(c, 1)) return;
    pl_layout *l = c->lay;
    l->occ[l->nocc++] = (pl_occ){ (uint32_t)off, rank };
    if (l->first[rank] == UINT32_MAX) l->first[rank] = (uint32_t)off;
    l->flen[rank] = (uint32_t)len;
}

/* The records of a children array copied from `from` to `to`. */
static void record_copy(pctx *c, const karr *k, size_t to)
{
    if (!c->lay || !k->nocc) return;
    if (to + k->len > UINT32_MAX) c->lay_bad = 1;
    if (!occ_room(c, k->nocc)) return;
    pl_layout *l = c->lay;
    uint32_t delta = (uint32_t)(to - k->off);
    for (uint32_t i = 0; i < k->nocc; i++)
        l->occ[l->nocc++] = (pl_occ){ l->occ[k->occ + i].off + delta, l->occ[k->occ + i].rank };
}

static int cmp_by_name(const void *a, const void *b, void *arg)
{
    const lp_workspace *ws = arg;
    return strcmp(idx_str(ws, ws->ix.entries[*(const uint32_t *)a].name),
                  idx_str(ws, ws->ix.entries[*(const uint32_t *)b].name));
}

static void sort_ids(const lp_workspace *ws, uint32_t *ids, uint32_t n)
{
    if (n > 1) qsort_r(ids, n, sizeof *ids, cmp_by_name, (void *)ws);
}

static void key(lp_buf *b, const char *k)
{
    lp_json_cstr(b, k);
    putch(b, ':');
}

/* Escapes the schema's keys into c->k_*, with c->heads (still empty) as
 * scratch: a head has three of them, a call to lp_json_cstr each. */
static void keep_text(pctx *c, struct jtext *t, size_t at)
{
    lp_buf *h = &c->heads;
    t->n = h->len - at;
    if (h->oom || t->n > sizeof t->s) c->keys_ok = 0;
    else memcpy(t->s, h->data + at, t->n);
    h->len = at;
    if (h->data) h->data[at] = '\0';
}

static void keep_keys(pctx *c)
{
    lp_buf *h = &c->heads;
    size_t at = h->len;
    c->keys_ok = 1;
    key(h, sch_attrs[SCH_TITLE].dash_key);
    keep_text(c, &c->k_title, at);
    for (int det = 0; det < 2; det++) {
        key(h, sch_attrs[SCH_TYPE].dash_key);
        lp_json_cstr(h, det ? "detection" : "control");
        putch(h, ',');
        key(h, sch_attrs[SCH_TAGS].dash_key);
        keep_text(c, det ? &c->k_detection : &c->k_control, at);
    }
    key(h, sch_attrs[SCH_TAGS].dash_key);
    keep_text(c, &c->k_tags, at);
}

/* The full name of entry id's mod ("mod.aws_compliance"). */
static const char *mod_name(const lp_workspace *ws, uint32_t id)
{
    return idx_str(ws, ws->ix.mods[idx_mod_of(ws, &ws->ix.entries[id])].full_name);
}

/* Is entry id in the payload's maps: its mod's resources are listed (lp_mod_listed)? */
static int pl_listed(const lp_workspace *ws, uint32_t id)
{
    return lp_mod_listed(ws, idx_mod_of(ws, &ws->ix.entries[id]));
}

/* Do both versions list the same mods (an edited require changes which)? */
static int same_listing(const lp_workspace *old, const lp_workspace *neu)
{
    if (old->ix.nmods != neu->ix.nmods) return 0;
    for (uint32_t m = 0; m < neu->ix.nmods; m++)
        if (lp_mod_listed(old, m) != lp_mod_listed(neu, m)) return 0;
    return 1;
}

/* tags as a JSON object, sorted, plus "mod" when mod_full_name is given and
 * the tags have no "mod" of their own */
static void write_tags(lp_buf *b, const lp_tags *t, const char *mod_full_name)
{
    int need_mod = mod_full_name && mod_full_name[0] && !lp_tags_get(t, "mod");
    putch(b, '{');
    int first = 1;
    for (uint32_t i = 0; i <= t->n; i++) {
        const char *k = NULL, *v = NULL;
        if (i < t->n) lp_tags_at(t, i, &k, &v);
        if (need_mod && (i == t->n || strcmp(k, "mod") > 0)) {
            if (!first) putch(b, ',');
            PUTS(b, "\"mod\":");
            lp_json_cstr(b, mod_full_name);
            first = 0;
            need_mod = 0;
        }
        if (i == t->n) break;
        if (!first) putch(b, ',');
        key(b, k);
        lp_json_cstr(b, v);
        first = 0;
    }
    putch(b, '}');
}

/* the version read for this payload (pl_update reads them as they are) */
static const idx_resolved *snap_of(const pctx *c, uint32_t id)
{
    if (c->snap) return c->snap[id];
    return atomic_load_explicit(&c->ws->ix.entries[id].resolved, memory_order_acquire);
}

static int is_detection(const pctx *c, uint32_t id)
{
    const idx_resolved *r = snap_of(c, id);
    if (r && (r->evaluated & LP_UNRES_TYPE)) return r->detection;
    const lp_workspace *ws = c->ws;
    if (ws->img.overlay && ws->img.overlay[id].present) return ws->img.overlay[id].detection;   /* reopened */
    return (ws->ix.entries[id].flags & IDX_DETECTION) != 0;
}

/* the next bytes of the block at *p, which moves past them */
static void *carve(char **p, size_t bytes)
{
    void *at = *p;
    *p += bytes;
    return at;
}

static int pctx_init(pctx *c, const lp_workspace *ws)
{
    memset(c, 0, sizeof *c);
    c->ws = ws;
    /* 8-byte aligned arrays first, then 4, then 1: every size is a multiple of its alignment */
    size_t n = (size_t)ws->ix.nentries + 1;
    size_t per = sizeof *c->frag + sizeof *c->st + sizeof *c->snap + sizeof *c->on_path
                 + sizeof *c->chain + 3 * sizeof *c->dash + sizeof *c->pkind;
    size_t mods = ((size_t)ws->ix.nmods + 1) * sizeof *c->mod_len;
    char *p = mem_malloc(mods + n * per);
    if (!p) return -1;
    c->block = p;
    c->block_size = mods + n * per;
    c->mod_len = carve(&p, mods);
    c->frag = carve(&p, n * sizeof *c->frag);
    c->st = carve(&p, n * sizeof *c->st);
    c->snap = carve(&p, n * sizeof *c->snap);
    c->on_path = carve(&p, n * sizeof *c->on_path);
    c->chain = carve(&p, n * sizeof *c->chain);
    c->dash = carve(&p, n * sizeof *c->dash);
    c->bench = carve(&p, n * sizeof *c->bench);
    c->roots = carve(&p, n * sizeof *c->roots);
    c->pkind = carve(&p, n * sizeof *c->pkind);
    memset(c->on_path, 0, n * sizeof *c->on_path);
    for (uint32_t i = 0; i < ws->ix.nentries; i++) {
        c->snap[i] = atomic_load_explicit(&ws->ix.entries[i].resolved, memory_order_acquire);
        c->pkind[i] = idx_kind_is_benchmark(ws->ix.entries[i].kind) ? (uint8_t)(1 + is_detection(c, i)) : 0;
    }
    return 0;
}

static void pctx_free(pctx *c)
{
    mem_free(c->block, c->block_size);
    lp_buf_free(&c->heads);
}

/* the version captured in c->snap */
static void view_of(const pctx *c, uint32_t id, idx_view *v)
{
    idx_view_make(c->ws, id, snap_of(c, id), v);
}

/* The k-th slot's child when it belongs in the payload under `parent`:
 * an existing benchmark of the parent's benchmark_type. */
static uint32_t payload_child(const pctx *c, uint32_t parent, uint32_t k)
{
    const lp_workspace *ws = c->ws;
    uint32_t ch = idx_child(ws, parent, k);
    if (ch == LP_NO_ENTRY || c->pkind[ch] != c->pkind[parent]) return LP_NO_ENTRY;
    return ch;
}

/* ------------------------------------------------------------ trunks */

typedef struct trunk_rec {
    uint32_t node;
    uint32_t prev;      /* record of the path's previous node, or UINT32_MAX at the root */
} trunk_rec;

typedef struct trunks {
    trunk_rec *recs;
    uint32_t nrecs, cap;
    uint32_t *first;    /* per entry: start in `order` */
    uint32_t *count;    /* per entry */
    uint32_t *order;    /* record indices grouped by node, in emission order */
} trunks;

static int trunk_push(pctx *c, trunks *t, uint32_t node, uint32_t prev)
{
    if (t->nrecs >= MAX_EXPANSION || ++c->budget > MAX_EXPANSION) {
        c->over = 1;
        return -1;
    }
    trunk_rec *r = mem_room(t->recs, t->nrecs, &t->cap, sizeof *r, 1024);
    if (!r) return -1;
    t->recs = r;
    t->recs[t->nrecs].node = node;
    t->recs[t->nrecs].prev = prev;
    t->nrecs++;
    return 0;
}

typedef struct frame {
    uint32_t node, next, rec;
} frame;

static int compute_trunks(pctx *c, const uint32_t *roots, uint32_t nroots, trunks *t)
{
    const lp_workspace *ws = c->ws;
    frame *st = mem_malloc(((size_t)ws->ix.nentries + 1) * sizeof *st);
    if (!st) return -1;
    int rc = 0;
    for (uint32_t r = 0; r < nroots && rc == 0; r++) {
        uint32_t sp = 0;
        if (trunk_push(c, t, roots[r], UINT32_MAX) != 0) { rc = -1; break; }
        st[sp++] = (frame){ roots[r], 0, t->nrecs - 1 };
        c->on_path[roots[r]] = 1;
        while (sp) {
            frame *f = &st[sp - 1];
            const idx_entry *e = &ws->ix.entries[f->node];
            if (f->next < e->nchild) {
                uint32_t ch = payload_child(c, f->node, f->next++);
                if (ch == LP_NO_ENTRY || c->on_path[ch]) continue;
                if (trunk_push(c, t, ch, f->rec) != 0) { rc = -1; break; }
                st[sp++] = (frame){ ch, 0, t->nrecs - 1 };
                c->on_path[ch] = 1;
            } else {
                c->on_path[f->node] = 0;
                sp--;
            }
        }
        for (uint32_t i = 0; i < sp; i++) c->on_path[st[i].node] = 0;
    }
    mem_free(st, ((size_t)ws->ix.nentries + 1) * sizeof *st);
    if (rc) return -1;
    /* group the records by node, keeping emission order */
    size_t n = ws->ix.nentries;
    t->first = mem_calloc(n + 1, sizeof *t->first);
    t->count = mem_calloc(n + 1, sizeof *t->count);
    t->order = mem_malloc(((size_t)t->nrecs + 1) * sizeof *t->order);
    if (!t->first || !t->count || !t->order) return -1;
    for (uint32_t i = 0; i < t->nrecs; i++) t->count[t->recs[i].node]++;
    uint32_t acc = 0;
    for (size_t i = 0; i < n; i++) {
        t->first[i] = acc;
        acc += t->count[i];
        t->count[i] = 0;
    }
    for (uint32_t i = 0; i < t->nrecs; i++) {
        uint32_t node = t->recs[i].node;
        t->order[t->first[node] + t->count[node]++] = i;
    }
    return 0;
}

static void trunks_free(const lp_workspace *ws, trunks *t)
{
    size_t n = ws->ix.nentries;
    mem_free(t->recs, (size_t)t->cap * sizeof *t->recs);
    mem_free(t->first, (n + 1) * sizeof *t->first);
    mem_free(t->count, (n + 1) * sizeof *t->count);
    mem_free(t->order, ((size_t)t->nrecs + 1) * sizeof *t->order);
}

/* A benchmark's full name as a JSON string: copied from its head */
static void write_name(lp_buf *b, const pctx *c, uint32_t id)
{
    const frag *fr = &c->frag[id];
    if (fr->has_h) put(b, c->heads.data + fr->n_off, fr->n_len);
    else lp_json_cstr(b, idx_str(c->ws, c->ws->ix.entries[id].name));
}

static void write_trunks(lp_buf *b, const pctx *c, const trunks *t, uint32_t node)
{
    if (!t->count || t->count[node] == 0) {
        PUTS(b, "null");
        return;
    }
    putch(b, '[');
    for (uint32_t i = 0; i < t->count[node]; i++) {
        if (i) putch(b, ',');
        /* the record chain runs leaf to root: collect, then print reversed
         * (a path holds distinct entries: at most nentries records) */
        uint32_t depth = 0;
        for (uint32_t r = t->order[t->first[node] + i]; r != UINT32_MAX; r = t->recs[r].prev)
            c->chain[depth++] = t->recs[r].node;
        putch(b, '[');
        for (uint32_t k = depth; k-- > 0;) {
            write_name(b, c, c->chain[k]);
            if (k) putch(b, ',');
        }
        putch(b, ']');
    }
    putch(b, ']');
}

/* ------------------------------------------------------------ objects */

/* `{"title":…,"full_name":…,"short_name":…,` (title left out when empty);
 * the full name's JSON string is at name[0], name[1] bytes */
static void object_head(lp_buf *b, const pctx *c, const idx_entry *e, const idx_view *v, size_t name[2])
{
    const lp_workspace *ws = c->ws;
    putch(b, '{');
    if (v->title[0]) {
        if (c->keys_ok) put(b, c->k_title.s, c->k_title.n);
        else key(b, sch_attrs[SCH_TITLE].dash_key);
        lp_json_cstr(b, v->title);
        putch(b, ',');
    }
    PUTS(b, "\"full_name\":");
    name[0] = b->len;
    lp_json_cstr(b, idx_str(ws, e->name));
    name[1] = b->len - name[0];
    putch(b, ',');
    PUTS(b, "\"short_name\":");
    lp_json_cstr(b, idx_str(ws, e->name) + idx_short_offset(ws, e));
    putch(b, ',');
}

/* A benchmark's head up to `"is_top_level":`, the same wherever it is
 * written; its full name as a JSON string at name[0], name[1] bytes. */
static void write_head(lp_buf *b, const pctx *c, uint32_t id, size_t name[2])
{
    const lp_workspace *ws = c->ws;
    const idx_entry *e = &ws->ix.entries[id];
    idx_view v;
    view_of(c, id, &v);
    object_head(b, c, e, &v, name);
    if (c->keys_ok) {
        const struct jtext *k = v.detection ? &c->k_detection : &c->k_control;
        put(b, k->s, k->n);
    } else {
        key(b, sch_attrs[SCH_TYPE].dash_key);
        lp_json_cstr(b, v.detection ? "detection" : "control");
        putch(b, ',');
        key(b, sch_attrs[SCH_TAGS].dash_key);
    }
    write_tags(b, &v.tags, mod_name(ws, id));
    PUTS(b, ",\"is_top_level\":");
}

/* The head written once into c->heads, copied from there. */
static void make_head(pctx *c, uint32_t id)
{
    lp_buf *b = &c->heads;
    frag *fr = &c->frag[id];
    size_t off = b->len, name[2];
    *fr = (frag){ 0 };   /* only benchmarks' frags are read: the others are left as allocated */
    write_head(b, c, id, name);
    if (!b->oom) {
        fr->h_off = off;
        fr->h_len = b->len - off;
        fr->n_off = name[0];
        fr->n_len = name[1];
        fr->has_h = 1;
    }
}

static inline void bench_head(lp_buf *b, pctx *c, uint32_t id)
{
    const frag *fr = &c->frag[id];
    if (c->lay) record(c, b->len, c->rank[id], fr->h_len);
    put(b, c->heads.data + fr->h_off, fr->h_len);
}

/* The end of an object of the top-level map: its children written. */
static void top_tail(lp_buf *b, const pctx *c, const trunks *t, uint32_t id)
{
    PUTS(b, ",\"trunks\":");
    write_trunks(b, c, t, id);
    PUTS(b, ",\"mod_full_name\":");
    lp_json_cstr(b, mod_name(c->ws, id));
    putch(b, '}');
}

#define NESTED_TAIL ",\"trunks\":null,\"mod_full_name\":\"\"}"

/* ------------------------------------------------------------ sizes */

/* The length of write_trunks' output. */
static size_t trunks_len(const pctx *c, const trunks *t, uint32_t node)
{
    if (!t->count || t->count[node] == 0) return 4;   /* null */
    size_t len = 1 + t->count[node];                   /* [ ] and the commas between */
    for (uint32_t i = 0; i < t->count[node]; i++) {
        len += 1;                                      /* [ ] and the commas, less one */
        for (uint32_t r = t->order[t->first[node] + i]; r != UINT32_MAX; r = t->recs[r].prev)
            len += c->frag[t->recs[r].node].n_len + 1;
    }
    return len;
}

/* The length of top_tail's output. */
static size_t top_tail_len(const pctx *c, const trunks *t, uint32_t id)
{
    return sizeof(",\"trunks\":") - 1 + trunks_len(c, t, id) + sizeof(",\"mod_full_name\":") - 1
           + c->mod_len[idx_mod_of(c->ws, &c->ws->ix.entries[id])] + 1;
}

/* Its children array again when it is known (as a length when measuring);
 * -1 when the budget runs out. */
static inline int known_children(lp_buf *b, pctx *c, const karr *k, size_t *pos, const int m)
{
    if (k->objs > MAX_EXPANSION || (c->budget += k->objs) > MAX_EXPANSION) {
        c->over = 1;
        return -1;
    }
    if (m) {
        *pos += k->len;
    } else {
        if (c->lay) record_copy(c, k, b->len);
        copy_out(b, k->off, k->len);
    }
    return 0;
}

static inline uint32_t occ_now(const pctx *c, const int m) { return !m && c->lay ? c->lay->nocc : 0; }

/* One benchmark of the top-level map, its children expanded below it:
 * written into b (m 0), or, with the heads written, the same walk adding up
 * the lengths it would write (m 1, b NULL), which gives the payload's size:
 * the output is allocated once instead of doubled up to it (each doubling
 * copied what was written so far: a fifth of the time on aws_compliance).
 * The measure only sizes the buffer.  Each walk keeps its own known arrays
 * (frag.k[m]) and counts the budget: over it, c->over and SIZE_MAX.  One
 * walk, instantiated for each m (write_benchmark, measure_benchmark): the
 * mode is a constant in each, so neither pays for the other's branches. */
static inline __attribute__((always_inline)) size_t walk_benchmark(lp_buf *b, pctx *c, const trunks *t,
                                                                   uint32_t id, wframe *st, const int m)
{
#define AT (m ? pos : b->len)
#define EMIT(lit)                                        \
    do {                                                 \
        if (m) pos += sizeof(lit) - 1;                   \
        else put(b, (lit), sizeof(lit) - 1);             \
    } while (0)
    const lp_workspace *ws = c->ws;
    size_t pos = 0;
    uint32_t sp = 0;
    if (m) pos += c->frag[id].h_len;
    else bench_head(b, c, id);
    if (ws->ix.entries[id].flags & IDX_TOP_LEVEL) EMIT("true");
    else EMIT("false");
    if (c->frag[id].k[m].has) {
        if (known_children(b, c, &c->frag[id].k[m], &pos, m) != 0) return SIZE_MAX;
        if (m) pos += top_tail_len(c, t, id);
        else top_tail(b, c, t, id);
        return pos;
    }
    st[sp++] = (wframe){ id, 0, 0, UINT32_MAX, AT, c->budget, occ_now(c, m) };
    c->on_path[id] = 1;
    while (sp) {
        wframe *f = &st[sp - 1];
        const idx_entry *e = &ws->ix.entries[f->node];
        if (f->next < e->nchild) {
            uint32_t ch = payload_child(c, f->node, f->next++);
            if (ch == LP_NO_ENTRY) continue;
            if (c->on_path[ch]) {
                if (c->on_path[ch] - 1 < f->minref) f->minref = c->on_path[ch] - 1;
                continue;
            }
            if (++c->budget > MAX_EXPANSION) {
                c->over = 1;
                break;
            }
            if (f->opened) EMIT(",");
            else EMIT(",\"children\":[");
            f->opened = 1;
            if (m) pos += c->frag[ch].h_len;
            else bench_head(b, c, ch);
            EMIT("false");
            if (c->frag[ch].k[m].has) {
                if (known_children(b, c, &c->frag[ch].k[m], &pos, m) != 0) break;
                EMIT(NESTED_TAIL);
                continue;
            }
            st[sp] = (wframe){ ch, 0, 0, UINT32_MAX, AT, c->budget, occ_now(c, m) };
            c->on_path[ch] = ++sp;
        } else {
            if (f->opened) EMIT("]");
            /* no child skipped below it was on the path at or above it: the
             * array is the same wherever the node is reached */
            karr *k = &c->frag[f->node].k[m];
            if (f->minref >= sp && !k->has && (m || !b->oom))
                *k = (karr){ f->k_off, AT - f->k_off, (uint32_t)(c->budget - f->budget), f->occ0,
                             occ_now(c, m) - f->occ0, 1 };
            if (sp > 1) {
                EMIT(NESTED_TAIL);
                if (f->minref < st[sp - 2].minref) st[sp - 2].minref = f->minref;
            } else if (m) {
                pos += top_tail_len(c, t, f->node);
            } else {
                top_tail(b, c, t, f->node);
            }
            c->on_path[f->node] = 0;
            sp--;
        }
    }
    for (uint32_t i = 0; i < sp; i++) c->on_path[st[i].node] = 0;
    return c->over ? SIZE_MAX : pos;
#undef AT
#undef EMIT
}

static int write_benchmark(lp_buf *b, pctx *c, const trunks *t, uint32_t id, wframe *st)
{
    return walk_benchmark(b, c, t, id, st, 0) == SIZE_MAX ? -1 : 0;
}

static size_t measure_benchmark(pctx *c, const trunks *t, uint32_t id, wframe *st)
{
    return walk_benchmark(NULL, c, t, id, st, 1);
}

static void write_dashboard(lp_buf *b, const pctx *c, uint32_t id)
{
    const lp_workspace *ws = c->ws;
    const idx_entry *e = &ws->ix.entries[id];
    idx_view v;
    view_of(c, id, &v);
    const char *mod = mod_name(ws, id);
    size_t name[2];
    object_head(b, c, e, &v, name);
    if (c->keys_ok) put(b, c->k_tags.s, c->k_tags.n);
    else key(b, sch_attrs[SCH_TAGS].dash_key);
    write_tags(b, &v.tags, mod);
    putch(b, ',');
    PUTS(b, "\"mod_full_name\":");
    lp_json_cstr(b, mod);
    putch(b, ',');
    PUTS(b, "\"database\":");
    lp_json_cstr(b, "");
    putch(b, '}');
}

/* The payload into out; with lay, its layout too (*lay NULL when it could
 * not be recorded) and *ranks. */
static int build(const lp_workspace *ws, lp_buf *out, pl_layout **lay, uint32_t **ranks)
{
    pctx c;
    trunks t;
    memset(&t, 0, sizeof t);
    uint32_t n = ws->ix.nentries;
    int rc = LP_ERR_NOMEM;
    if (pctx_init(&c, ws) != 0) goto done;
    uint32_t *dash = c.dash, *bench = c.bench, *roots = c.roots;
    uint32_t nd = 0, nb = 0, nr = 0;
    for (uint32_t id = 0; id < n; id++) {
        unsigned k = ws->ix.entries[id].kind;
        if (k == LP_KIND_DASHBOARD && pl_listed(ws, id)) dash[nd++] = id;
        else if (idx_kind_is_benchmark(k)) bench[nb++] = id;
    }
    sort_ids(ws, dash, nd);
    sort_ids(ws, bench, nb);
    /* every benchmark has a rank (an unlisted one is written nested under a listed one); the
     * maps and the trunks' roots hold the listed ones */
    if (lay) {
        c.rank = mem_malloc(((size_t)n + 1) * sizeof *c.rank);
        c.lay = c.rank ? layout_new(nd + nb, nd + 4 * nb) : NULL;
        if (!c.lay) goto done;
        for (uint32_t id = 0; id < n; id++) c.rank[id] = PL_NO_RANK;
        for (uint32_t i = 0; i < nd; i++) c.rank[dash[i]] = i;
        for (uint32_t i = 0; i < nb; i++) c.rank[bench[i]] = nd + i;
    }
    for (uint32_t i = 0; i < nb; i++) {   /* in name order too: names are unique */
        const idx_entry *e = &ws->ix.entries[bench[i]];
        if ((e->flags & IDX_TOP_LEVEL) && pl_listed(ws, bench[i])) roots[nr++] = bench[i];
    }
    if (compute_trunks(&c, roots, nr, &t) != 0) {
        rc = c.over ? LP_ERR_ARG : LP_ERR_NOMEM;
        goto done;
    }
    /* the heads, then the benchmarks map's size (see measure_benchmark) */
    keep_keys(&c);
    for (uint32_t i = 0; i < nb; i++) make_head(&c, bench[i]);
    uint32_t nall = nb;   /* the benchmarks map: the listed ones */
    nb = 0;
    for (uint32_t i = 0; i < nall; i++)
        if (pl_listed(ws, bench[i])) bench[nb++] = bench[i];
    for (uint32_t m = 0; m < ws->ix.nmods; m++) {
        size_t at = c.heads.len;
        lp_json_cstr(&c.heads, idx_str(ws, ws->ix.mods[m].full_name));
        c.mod_len[m] = c.heads.len - at;
    }
    if (c.heads.oom) goto done;
    size_t size = 0;
    uint64_t budget = c.budget;
    for (uint32_t i = 0; i < nb && !c.over; i++)
        size += (i > 0) + c.frag[bench[i]].n_len + 1 + measure_benchmark(&c, &t, bench[i], c.st);
    if (c.over) {   /* the writing walk would fail at the same object: nothing written */
        rc = LP_ERR_ARG;
        goto done;
    }
    size += sizeof("},\"detection_benchmarks\":null,\"snapshots\":{}}");
    for (uint32_t i = 0; i < ws->ix.nsnapshots; i++)   /* as they are: an escape (rare) grows the buffer */
        size +=
            6 + strlen(idx_str(ws, ws->ix.snapshots[i].name)) + strlen(idx_str(ws, ws->ix.snapshots[i].path));
    c.budget = budget;   /* the writing walk counts again */
    lp_buf_puts(out, "{\"action\":\"available_dashboards\",\"dashboards\":{");
    for (uint32_t i = 0; i < nd; i++) {
        if (i) putch(out, ',');
        key(out, idx_str(ws, ws->ix.entries[dash[i]].name));
        size_t at = out->len;
        write_dashboard(out, &c, dash[i]);
        if (c.lay) record(&c, at, i, out->len - at);
    }
    lp_buf_puts(out, "},\"benchmarks\":{");
    reserve_exact(out, size);
    for (uint32_t i = 0; i < nb; i++) {
        if (i) putch(out, ',');
        write_name(out, &c, bench[i]);
        putch(out, ':');
        if (write_benchmark(out, &c, &t, bench[i], c.st) != 0) {
            rc = LP_ERR_ARG;
            goto done;
        }
    }
    lp_buf_puts(out, "},\"detection_benchmarks\":null,\"snapshots\":{");
    for (uint32_t i = 0; i < ws->ix.nsnapshots; i++) {
        if (i) putch(out, ',');
        key(out, idx_str(ws, ws->ix.snapshots[i].name));
        lp_json_cstr(out, idx_str(ws, ws->ix.snapshots[i].path));
    }
    lp_buf_puts(out, "}}");
    rc = out->oom ? LP_ERR_NOMEM : LP_OK;
    if (rc == LP_OK && c.lay && !c.lay_bad && !out->oom) {
        *lay = c.lay;
        *ranks = c.rank;
        c.lay = NULL;
        c.rank = NULL;
    }
done:
    if (out->data && out->len < out->cap) out->data[out->len] = '\0';
    trunks_free(ws, &t);
    layout_free(c.lay);
    mem_free(c.rank, c.rank ? ((size_t)n + 1) * sizeof *c.rank : 0);
    pctx_free(&c);
    return rc;
}

int lp_available_dashboards_json(const lp_workspace *ws, lp_buf *out)
{
    if (!ws || !out) return LP_ERR_ARG;
    return build(ws, out, NULL, NULL);
}

/* ------------------------------------------------------------ kept payloads (payload.h) */

int pl_build(const lp_workspace *ws, lp_payload **out, uint32_t **ranks)
{
    *out = NULL;
    *ranks = NULL;
    lp_payload *p = mem_calloc(1, sizeof *p);
    if (!p) return LP_ERR_NOMEM;
    atomic_init(&p->refs, 1);
    int rc = build(ws, &p->bytes, &p->layout, ranks);
    if (rc != LP_OK) {
        lp_payload_release(p);
        return rc;
    }
    *out = p;
    return LP_OK;
}

lp_payload *pl_ref(lp_payload *p)
{
    if (p) atomic_fetch_add_explicit(&p->refs, 1, memory_order_relaxed);
    return p;
}

void lp_payload_release(lp_payload *p)
{
    if (!p || atomic_fetch_sub_explicit(&p->refs, 1, memory_order_acq_rel) != 1) return;
    lp_buf_free(&p->bytes);
    layout_free(p->layout);
    mem_free(p, sizeof *p);
}

const char *lp_payload_bytes(const lp_payload *p, size_t *len)
{
    *len = p ? p->bytes.len : 0;
    return p && p->bytes.data ? p->bytes.data : "";
}

void pl_ranks_free(const lp_workspace *ws, uint32_t *ranks)
{
    mem_free(ranks, ranks ? ((size_t)ws->ix.nentries + 1) * sizeof *ranks : 0);
}

/* A pctx for single fragments (pl_update): the keys, records read as they are. */
static void light_init(pctx *c, const lp_workspace *ws)
{
    memset(c, 0, sizeof *c);
    c->ws = ws;
    keep_keys(c);
}

/* Entry id's fragment: a dashboard's object, a benchmark's head. */
static void write_fragment(lp_buf *b, const pctx *c, uint32_t id)
{
    size_t name[2];
    if (c->ws->ix.entries[id].kind == LP_KIND_DASHBOARD) write_dashboard(b, c, id);
    else write_head(b, c, id, name);
}

/* Does every place entry i of neu has in the payload stay where entry o of
 * old had it, besides its own fragment: same kind, mod, benchmark type,
 * top-level flag and children (paired by oldof)? */
static int same_place(const pctx *co, uint32_t o, const pctx *cn, uint32_t i, const uint32_t *oldof)
{
    const lp_workspace *old = co->ws, *neu = cn->ws;
    const idx_entry *eo = &old->ix.entries[o], *en = &neu->ix.entries[i];
    if (eo->kind != en->kind || strcmp(mod_name(old, o), mod_name(neu, i)) != 0) return 0;
    if (en->kind == LP_KIND_DASHBOARD) return 1;
    if (is_detection(co, o) != is_detection(cn, i) || eo->nchild != en->nchild ||
        (eo->flags & IDX_TOP_LEVEL) != (en->flags & IDX_TOP_LEVEL))
        return 0;
    for (uint32_t k = 0; k < en->nchild; k++) {
        uint32_t a = idx_child(neu, i, k), b = idx_child(old, o, k);
        if (a == LP_NO_ENTRY ? b != LP_NO_ENTRY : oldof[a] != b) return 0;
    }
    return 1;
}

typedef struct pl_change {
    uint32_t rank;
    size_t off, len;             /* the new fragment, in the fragments' buffer */
} pl_change;

/* base's bytes with the changed ranks' fragments replaced, and their layout. */
static int splice(const lp_payload *base, const pl_change *chg, uint32_t nchg, const lp_buf *frags,
                  lp_payload **out)
{
    const pl_layout *l = base->layout;
    int32_t *slot = mem_malloc(((size_t)l->nitems + 1) * sizeof *slot);
    lp_payload *p = mem_calloc(1, sizeof *p);
    if (p) atomic_init(&p->refs, 1);   /* (done releases it) */
    pl_layout *nl = layout_new(l->nitems, l->nocc ? l->nocc : 1);
    int rc = LP_ERR_NOMEM;
    if (!slot || !p || !nl) goto done;
    rc = PL_FALLBACK;   /* past what a layout holds (4 GB): the caller builds it */
    memset(slot, 0xff, ((size_t)l->nitems + 1) * sizeof *slot);
    memcpy(nl->flen, l->flen, (size_t)l->nitems * sizeof *nl->flen);
    for (uint32_t k = 0; k < nchg; k++) {
        slot[chg[k].rank] = (int32_t)k;
        nl->flen[chg[k].rank] = (uint32_t)chg[k].len;
    }
    /* the new offsets and size first: one allocation of the exact size */
    int64_t delta = 0;
    for (uint32_t i = 0; i < l->nocc; i++) {
        pl_occ oc = l->occ[i];
        int64_t off = (int64_t)oc.off + delta;
        if (off < 0 || off > UINT32_MAX) goto done;
        nl->occ[i] = (pl_occ){ (uint32_t)off, oc.rank };
        if (oc.off == l->first[oc.rank]) nl->first[oc.rank] = (uint32_t)off;
        if (slot[oc.rank] >= 0) delta += (int64_t)chg[slot[oc.rank]].len - (int64_t)l->flen[oc.rank];
    }
    nl->nocc = l->nocc;
    size_t size = (size_t)((int64_t)base->bytes.len + delta);
    if (size > UINT32_MAX) goto done;
    p->bytes.data = mem_malloc(size + 1);
    rc = LP_ERR_NOMEM;
    if (!p->bytes.data) goto done;
    p->bytes.cap = size + 1;
    /* the old bytes between the changed fragments, the new fragments */
    const char *src = base->bytes.data;
    char *dst = p->bytes.data;
    size_t from = 0, to = 0;
    for (uint32_t i = 0; i < l->nocc; i++) {
        int32_t k = slot[l->occ[i].rank];
        if (k < 0) continue;
        size_t at = l->occ[i].off, n = at - from;
        memcpy(dst + to, src + from, n);
        to += n;
        memcpy(dst + to, frags->data + chg[k].off, chg[k].len);
        to += chg[k].len;
        from = at + l->flen[l->occ[i].rank];
    }
    memcpy(dst + to, src + from, base->bytes.len - from);
    to += base->bytes.len - from;
    dst[to] = '\0';
    p->bytes.len = to;
    p->layout = nl;
    nl = NULL;
    *out = p;
    p = NULL;
    rc = LP_OK;
done:
    mem_free(slot, slot ? ((size_t)l->nitems + 1) * sizeof *slot : 0);
    layout_free(nl);
    lp_payload_release(p);
    return rc;
}

int pl_update(const lp_workspace *old, lp_payload *base, const uint32_t *oranks, const lp_workspace *neu,
              const uint32_t *oldof, const uint32_t *changed, uint32_t n, int *differs, lp_payload **out,
              uint32_t **nranks)
{
    *differs = 0;
    if (out) *out = NULL;
    if (nranks) *nranks = NULL;
    if (base && (!base->layout || !oranks || !out || !nranks)) base = NULL;
    pctx co, cn;
    light_init(&co, old);
    light_init(&cn, neu);
    lp_buf frags = { 0 }, olds = { 0 };
    pl_change *chg = mem_malloc(((size_t)n + 1) * sizeof *chg);
    uint32_t nchg = 0, *ranks = NULL;
    int rc = LP_ERR_NOMEM;
    if (!chg) goto done;
    rc = PL_FALLBACK;
    if (!same_listing(old, neu)) goto done;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t i = changed[k], o = oldof[i];
        unsigned kind = neu->ix.entries[i].kind;
        if (!pl_shows(kind) || (kind == LP_KIND_DASHBOARD && !pl_listed(neu, i))) continue;
        if (o == LP_NO_ENTRY || !same_place(&co, o, &cn, i, oldof)) goto done;
        size_t at = frags.len;
        write_fragment(&frags, &cn, i);
        const char *was;
        size_t wlen;
        uint32_t r = base ? oranks[o] : PL_NO_RANK;
        if (base) {
            if (r >= base->layout->nitems || base->layout->first[r] == UINT32_MAX) goto done;
            was = base->bytes.data + base->layout->first[r];
            wlen = base->layout->flen[r];
        } else {
            olds.len = 0;
            write_fragment(&olds, &co, o);
            was = olds.data;
            wlen = olds.len;
        }
        if (frags.oom || olds.oom) {
            rc = LP_ERR_NOMEM;
            goto done;
        }
        if (frags.len - at == wlen && memcmp(frags.data + at, was, wlen) == 0) {
            frags.len = at;   /* the same bytes */
            continue;
        }
        chg[nchg++] = (pl_change){ r, at, frags.len - at };
        *differs = 1;
    }
    rc = LP_OK;
    if (!base) goto done;
    /* the new ranks: each entry's old one (the items are the same) */
    ranks = mem_malloc(((size_t)neu->ix.nentries + 1) * sizeof *ranks);
    if (!ranks) {
        rc = LP_ERR_NOMEM;
        goto done;
    }
    uint32_t items = 0;
    for (uint32_t id = 0; id < neu->ix.nentries; id++) {
        unsigned kind = neu->ix.entries[id].kind;
        ranks[id] = PL_NO_RANK;
        if (!pl_shows(kind) || (kind == LP_KIND_DASHBOARD && !pl_listed(neu, id))) continue;
        uint32_t o = oldof[id];
        if (o == LP_NO_ENTRY || o >= old->ix.nentries || oranks[o] == PL_NO_RANK) {
            rc = PL_FALLBACK;
            goto done;
        }
        ranks[id] = oranks[o];
        items++;
    }
    if (items != base->layout->nitems) {
        rc = PL_FALLBACK;
        goto done;
    }
    if (!*differs) *out = pl_ref(base);
    else if ((rc = splice(base, chg, nchg, &frags, out)) != LP_OK) goto done;
    *nranks = ranks;
    ranks = NULL;
done:
    mem_free(chg, chg ? ((size_t)n + 1) * sizeof *chg : 0);
    mem_free(ranks, ranks ? ((size_t)neu->ix.nentries + 1) * sizeof *ranks : 0);
    lp_buf_free(&frags);
    lp_buf_free(&olds);
    pctx_free(&co);
    pctx_free(&cn);
    return rc;
}
