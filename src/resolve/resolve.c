/* resolve.c — background resolution (phase 2; see resolve.h, index.h).
 *
 * lp_open() builds the index from syntax alone and starts one thread here.
 * The scan already copied out of each file the source this thread evaluates
 * (capture.h: the attributes behind each entry's unresolved fields, and the
 * locals, variable and mod blocks), so the thread reads no source file and
 * parses only those pieces, each when it is evaluated, into an arena reset
 * after every entry: it loads every mod's variables and locals (vars.c), then
 * evaluates the unresolved fields of every entry in id order and publishes a
 * complete immutable record per entry with idx_publish (one release store):
 * a reader sees the scanned or the resolved version, never a mix, and never
 * waits.  A field that references another resource (benchmark.X.title,
 * query.X.sql, dashboard.X.url_path) resolves that resource first; a cycle
 * between resources leaves the fields involved unresolved.  With two CPUs a
 * helper thread resolves, from the end of the list, the entries that refer
 * to no other entry (see helper_main); diagnostics are ordered by entry.
 *
 * `sql = query.x.sql` evaluates to the query's sql (eager decodes the
 * reference; a control's list item shows it), the reference stays query_ref.
 * `children` that is not a tuple literal (LP_UNRES_CHILDREN) stays out of the
 * tree: the hierarchy is built once by the index and is not part of the
 * publication hook (none of the real corpora writes one).
 *
 * Fields that depend on run-time values (param, self, with, connection) stay
 * unresolved with their scanned text.  Evaluation errors become diagnostics
 * (lp_resolve_diag_*) and leave the field unresolved.
 *
 * INCREMENTAL (a live workspace's refresh, a patched image's open): what a resolution takes from
 * the previous version is carry.c's (its records, reads and inputs; carry_image.c when that version
 * is an index image's), and scope_share.c's (its variables and locals); readers.c finds inputs by
 * path for both.
 */
#include "resolve/resolveInt.h"
#include "base/json.h"
#include "base/mem.h"
#include "base/thread.h"
#include "index/schema.h"
#include "index/seg.h"

#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mpfr.h>

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* A diagnostic's string, stored once (rs_str): paths, summaries and many
 * details repeat from entry to entry. */
const char *rs_ddup(rs_ctx *c, const char *s)
{
    if (!s) s = "";
    const char *p = rs_str(c, s, strlen(s));
    if (!p) c->oom = 1;
    return p ? p : "";
}


/* ------------------------------------------------------------ diagnostics */

/* A new diagnostic of the entry being resolved (c->owner), or NULL (OOM). */
lp_diag *rs_diag_slot(rs_ctx *c)
{
    if (c->ndiags == c->capdiags) {
        uint32_t nc = c->capdiags ? c->capdiags * 2 : 16;
        lp_diag *nd = ar_alloc(&c->vals, nc * sizeof *nd);
        uint32_t *nk = ar_alloc(&c->vals, nc * sizeof *nk);
        if (!nd || !nk) {
            c->oom = 1;
            return NULL;
        }
        if (c->ndiags) memcpy(nd, c->diags, c->ndiags * sizeof *nd);
        if (c->ndiags) memcpy(nk, c->dkeys, c->ndiags * sizeof *nk);
        c->diags = nd;
        c->dkeys = nk;
        c->capdiags = nc;
    }
    c->dkeys[c->ndiags] = c->owner;
    return &c->diags[c->ndiags++];
}

void rs_diag(rs_ctx *c, lp_severity sev, const char *file, uint32_t line, uint32_t col, const char *summary,
             const char *detail)
{
    lp_diag *d = rs_diag_slot(c);
    if (!d) return;
    memset(d, 0, sizeof *d);
    d->severity = sev;
    d->file = rs_ddup(c, file);
    d->line = line;
    d->col = col;
    d->summary = rs_ddup(c, summary);
    d->detail = rs_ddup(c, detail);
}

void rs_diag_eval(rs_ctx *c, const ev_ctx *ev)
{
    lp_diag d;
    char buf[1024];
    ev_diag(ev, &d, buf, sizeof buf);
    rs_diag(c, LP_SEV_ERROR, d.file, d.line, d.col, d.summary, d.detail);
}

/* ------------------------------------------------------------ dependencies */

/* Entry id read `kind` (name: len bytes, or NULL) for `fields`. */
void rs_dep_add(rs_ctx *c, uint32_t id, uint8_t kind, uint32_t mod, const char *name, size_t len,
                unsigned fields)
{
    for (rs_dep *d = c->deps[id]; d; d = d->next)   /* an entry reads a few things, often again */
        if (d->kind == kind && d->mod == mod &&
            (d->name ? name && strlen(d->name) == len && memcmp(d->name, name, len) == 0 : !name)) {
            d->fields |= (uint16_t)fields;
            return;
        }
    rs_dep *d = ar_alloc(&c->vals, sizeof *d);
    const char *nm = name ? rs_str(c, name, len) : NULL;
    if (!d || (name && !nm)) {
        c->oom = 1;
        return;
    }
    d->next = c->deps[id];
    d->name = nm;
    d->mod = mod;
    d->kind = kind;
    d->fields = (uint16_t)fields;
    c->deps[id] = d;
}

void rs_dep_note(rs_ctx *c, uint8_t kind, uint32_t mod, const char *name, size_t len)
{
    if (!c->deps || c->owner == 0 || c->owner == UINT32_MAX) return;   /* loading, or done */
    char path[4096];
    if (kind == RS_DEP_FILE && name) {   /* named as the inputs name it (inp_add) */
        if (len >= sizeof path) name = NULL;   /* never an input either: counts as changed */
        else {
            memcpy(path, name, len);
            path[len] = '\0';
            inp_clean_path(path);
            name = path;
            len = strlen(path);
        }
    }
    rs_dep_add(c, c->owner - 1, kind, mod, name, len, c->field ? c->field : RS_FIELDS_ALL);
}

/* ------------------------------------------------------------ captures */

/* The captured attribute `name` of entry id, or NULL. */
static const cap_attr *entry_attr(const rs_ctx *c, uint32_t id, const char *name)
{
    size_t n = strlen(name);
    for (const cap_attr *a = c->cap ? c->cap->entry[id] : NULL; a; a = a->next)
        if (a->name_len == n && memcmp(a->text, name, n) == 0) return a;
    return NULL;
}

/* ------------------------------------------------------------ entries */

static void resolve_entry(rs_ctx *c, uint32_t id);

/* Until entry id, in progress on the helper thread, is published.  The
 * helper only takes entries that refer to no other entry, so it never waits
 * and this wait always ends. */
static void wait_done(const rs_ctx *c, uint32_t id)
{
    while (atomic_load_explicit(&c->entry_state[id], memory_order_acquire) == RS_BUSY_HELPER) sched_yield();
}

/* Entry id is being resolved on this thread below the current one (c->owner),
 * which reads it: the error "circular dependency detected: a -> b -> a", as
 * benchmarks' and containers' cycles are reported (index.c), at `at`. */
static int cycle(rs_ctx *c, ev_ctx *ev, hcl_range at, uint32_t id)
{
    lp_workspace *ws = c->ws;
    uint32_t path[64], n = 0, cur = c->owner - 1;
    /* from the current entry up to id through the entries each was resolved for */
    while (n < 64 && cur < idx_tab(ws)->nentries) {
        path[n++] = cur;
        if (cur == id) break;
        cur = c->up[cur] - 1;
    }
    char chain[1024];
    size_t k = 0;
    chain[0] = '\0';
    for (uint32_t i = n; i-- > 0 && k < sizeof chain;)
        k += (size_t)snprintf(chain + k, sizeof chain - k, "%s -> ",
                              idx_str(ws, idx_tab(ws)->entries[path[i]].name));
    if (k < sizeof chain)
        snprintf(chain + k, sizeof chain - k, "%s", idx_str(ws, idx_tab(ws)->entries[id].name));
    return ev_fail(ev, at, "Circular dependency", "circular dependency detected: %s", chain);
}

int rs_too_deep(ev_ctx *ev, hcl_range at)
{
    return ev_fail(ev, at, "References nested too deeply",
                   "Evaluating this reference would evaluate more than %u resources and locals inside one "
                   "another; lazypipe stops there.", RS_MAX_NESTING);
}

int rs_resource_value(rs_ctx *c, ev_ctx *ev, hcl_range at, uint32_t mod, const char *type, size_t tlen,
                      const char *name, size_t nlen, const char *field, size_t flen, lpv_value *out)
{
    lp_workspace *ws = c->ws;
    const char *mn = c->mods[mod].name;
    size_t ml = strlen(mn);
    char *full = ar_alloc(ev->arena, ml + tlen + nlen + 3);
    if (!full) return ev_oom(ev, ev->err.range);
    memcpy(full, mn, ml);
    full[ml] = '.';
    memcpy(full + ml + 1, type, tlen);
    full[ml + 1 + tlen] = '.';
    memcpy(full + ml + 2 + tlen, name, nlen);
    full[ml + 2 + tlen + nlen] = 0;
    sch_id row = field ? sch_find(field, flen) : SCH_NONE;
    /* a member made of the name alone (url_path: the href of a detail dashboard) reads that the entry
     * exists, not what it holds: its title edited, the reader is not evaluated again */
    int by_name = row != SCH_NONE && (sch_attrs[row].flags & SCH_DERIVED);
    rs_dep_note(c, by_name ? RS_DEP_NAME : RS_DEP_RES, mod, full, ml + tlen + nlen + 2);
    if (c->owner == 0 && c->load) c->load->read_res = 1;   /* a local reads it */
    uint32_t id = idx_lookup(ws, full, ml + tlen + nlen + 2);
    if (id == LP_NO_ENTRY) return LP_EV_NOROOT;
    idx_view v;
    idx_view_get(ws, id, &v);
    unsigned need = 0;
    if (field) {
        need = sch_attrs[row].eval;
    } else {
        need = v.unresolved & (LP_UNRES_TITLE | LP_UNRES_DESCRIPTION | LP_UNRES_TAGS | LP_UNRES_SQL);
    }
    if (need & v.unresolved) {
        if (!c->helper) {
            if (c->depth >= RS_MAX_NESTING &&
                atomic_load_explicit(&c->entry_state[id], memory_order_acquire) == RS_TODO)
                return rs_too_deep(ev, at);
            resolve_entry(c, id);            /* nothing when done or already in progress here */
            wait_done(c, id);                /* the helper's: it finishes without waiting */
            idx_view_get(ws, id, &v);
            /* in progress on this thread, for another entry: a cycle (an entry that reads
             * its own fields is not one at this grain: left unresolved, as before) */
            uint32_t cur = c->owner - 1;
            if ((need & v.unresolved) && c->up && c->owner && cur != id && cur < idx_tab(ws)->nentries &&
                atomic_load_explicit(&c->entry_state[id], memory_order_acquire) == c->busy)
                return cycle(c, ev, at, id);
        }
        if (need & v.unresolved) return LP_EV_UNRESOLVED;   /* run-time, failed, or a cycle */
    }
    if (field) {
        int rc = sch_ref_value(ws, id, &v, row, ev->arena, out);
        if (rc < 0) return ev_oom(ev, ev->err.range);
        if (rc > 0)
            return ev_fail(ev, ev->err.range, "Unsupported attribute",
                           "The resource \"%s\" has no attribute named \"%.*s\".", full, (int)flen, field);
        return LP_EV_OK;
    }
    if (sch_ref_object(ws, id, &v, 0, ev->arena, out) != 0) return ev_oom(ev, ev->err.range);
    return LP_EV_OK;
}

/* A value as the string Powerpipe stores in a string field. */
typedef struct rs_dedup {
    const char *p;               /* NULL: empty slot */
    uint32_t len, hash;
} rs_dedup;

/* s[0..n) as a NUL-terminated string in c->vals, shared with every equal
 * string this context stored before; NULL on OOM. */
const char *rs_str(rs_ctx *c, const char *s, size_t n)
{
    if (n > UINT32_MAX - 1) return NULL;
    if (c->ndedup * 4 >= c->capdedup * 3) {
        uint32_t cap = c->capdedup ? c->capdedup * 2 : 1024;
        rs_dedup *t = ar_zalloc(&c->ast, (size_t)cap * sizeof *t);
        if (!t) return NULL;
        for (uint32_t i = 0; i < c->capdedup; i++) {
            if (!c->dedup[i].p) continue;
            uint32_t j = c->dedup[i].hash & (cap - 1);
            while (t[j].p) j = (j + 1) & (cap - 1);
            t[j] = c->dedup[i];
        }
        c->dedup = t;
        c->capdedup = cap;
    }
    uint32_t h = si_hash(s, n), j = h & (c->capdedup - 1);
    for (; c->dedup[j].p; j = (j + 1) & (c->capdedup - 1))
        if (c->dedup[j].hash == h && c->dedup[j].len == n && si_eq(c->dedup[j].p, s, (uint32_t)n))
            return c->dedup[j].p;
    char *p = ar_strndup(&c->vals, s, n);
    if (!p) return NULL;
    c->dedup[j] = (rs_dedup){ p, (uint32_t)n, h };
    c->ndedup++;
    return p;
}

static int as_text(rs_ctx *c, lpv_value v, const char **out)
{
    if (v.kind == LPV_NULL) {
        *out = "";
        return 0;
    }
    lpv_value s;
    const char *err;
    if (lpv_to_string(&c->scratch, v, &s, &err) != 0) return -1;
    const char *p = rs_str(c, s.u.s, s.len);
    if (!p) {
        c->oom = 1;
        return -1;
    }
    if (s.len && memchr(s.u.s, 0, s.len)) c->nul_seen = 1;   /* kept as a C string: cut at the NUL */
    *out = p;
    return 0;
}

static int tag_cmp(const void *a, const void *b)
{
    return strcmp(((const idx_tag *)a)->key, ((const idx_tag *)b)->key);
}

static int as_tags(rs_ctx *c, lpv_value v, idx_tag **tags, uint32_t *n, const char **why)
{
    if (v.kind == LPV_NULL) {
        *tags = NULL;
        *n = 0;
        return 0;
    }
    if (!lpv_is_obj(v)) {
        *why = "tags must be a map of strings";
        return -1;
    }
    /* built in scratch: the kept array is a shared copy (below) */
    idx_tag *t = ar_alloc(&c->scratch, (v.len ? v.len : 1) * sizeof *t);
    if (!t) {
        c->oom = 1;
        return -1;
    }
    uint32_t k = 0;
    for (uint32_t i = 0; i < v.len; i++) {
        lpv_value tv = v.u.attrs[i].val;
        if (tv.kind == LPV_NULL) continue;
        const char *s;
        if (as_text(c, tv, &s) != 0) {
            *why = "tag values must be strings";
            return -1;
        }
        t[k].key = rs_str(c, v.u.attrs[i].key, v.u.attrs[i].klen);
        if (!t[k].key) {
            c->oom = 1;
            return -1;
        }
        t[k].value = s;
        k++;
    }
    /* keys are unique, and mostly in order already (an object's keys are
     * sorted bytewise: lpv_obj) */
    uint32_t i = 1;
    while (i < k && strcmp(t[i - 1].key, t[i].key) < 0) i++;
    if (i < k) qsort(t, k, sizeof *t, tag_cmp);
    /* stored once per distinct map, as rs_str stores strings (their keys and
     * values are, so equal maps are equal bytes): controls share tag maps
     * (aws_compliance: 3,398 maps, 2,034 distinct); rs_str's copies are
     * arena allocations, aligned for idx_tag */
    *tags = (idx_tag *)(uintptr_t)rs_str(c, (const char *)t, (size_t)k * sizeof *t);
    if (!*tags) {
        c->oom = 1;
        return -1;
    }
    *n = k;
    return 0;
}

/* ------------------------------------------------------------ releasing the capture */

/* The captured source goes chunk by chunk as resolution passes it, instead
 * of whole when resolution completes (aws_compliance: 2 MiB of chunks beside
 * the complete values at the end: the peak).  Each chunk of the scan's
 * capture arenas counts the pieces in it of entries not finished yet, and
 * goes when the count reaches 0 (finish_entry, on whichever thread finished
 * the last one).  Nothing reads a piece of a finished entry: entry_attr runs
 * only on an entry being resolved, helper_may_take is answered for every
 * entry before anything goes (take; when no piece is in the chunks, as asked), and the blocks (variables,
 * locals, mod) are read by loading alone, before the first chunk goes (armed).  Values never point into
 * pieces (rs_str copies).  Segments' pieces (live workspaces, an index cache) are not in these chunks and
 * stay. */
typedef struct cap_release {
    ar_span *span;         /* the chunks, by address */
    _Atomic(ar_chunk *) *chunk;   /* NULL once freed */
    _Atomic uint32_t *pending;   /* per chunk: pieces of entries not finished */
    uint32_t n;
    int armed;                   /* loading is over (set before the helper starts) */
    uint8_t *take;               /* per entry: helper_may_take (NULL: no piece is in these chunks) */
    uint32_t *in;                /* per entry: the one chunk all its pieces are in (counted once),
                                  * REL_NONE (none in these chunks) or REL_MIXED (counted per piece);
                                  * NULL: REL_NONE for every entry */
} cap_release;

#define REL_NONE UINT32_MAX
#define REL_MIXED (UINT32_MAX - 1)

static int helper_may_take_(const rs_ctx *c, uint32_t id);

static int span_cmp(const void *a, const void *b)
{
    const char *x = ((const ar_span *)a)->start, *y = ((const ar_span *)b)->start;
    return x < y ? -1 : x > y;
}

/* The chunk holding p, or UINT32_MAX (a segment's piece); *hint, the last
 * answer, is tried first (an entry's pieces, and consecutive entries', are
 * mostly in one chunk). */
static uint32_t rel_find(const cap_release *r, const void *p, uint32_t *hint)
{
    const char *q = p;
    if (*hint < r->n && q >= r->span[*hint].start && q < r->span[*hint].start + r->span[*hint].size)
        return *hint;
    uint32_t lo = 0, hi = r->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if ((const char *)p < r->span[mid].start) hi = mid;
        else lo = mid + 1;
    }
    if (!lo || (const char *)p >= r->span[lo - 1].start + r->span[lo - 1].size) return UINT32_MAX;
    return *hint = lo - 1;
}

static void rel_chunk_free(cap_release *r, uint32_t k)
{
    ar_chunk *ch = atomic_exchange_explicit(&r->chunk[k], NULL, memory_order_acq_rel);
    if (ch) ar_chunk_free(ch);
}

/* Count (+1) or release (-1) the chunks of the pieces of entry id, each
 * piece in the chunk of its record and in that of its text (the text may
 * have started a new chunk).  Releasing reads a piece's next link before
 * its chunk may go. */
static void rel_pieces(cap_release *r, const cap_attr *a, int add)
{
    uint32_t hint = 0;
    for (const cap_attr *next; a; a = next) {
        next = a->next;
        uint32_t k[2] = { rel_find(r, a, &hint), rel_find(r, a->text, &hint) };
        for (int j = 0; j < 2 - (k[0] == k[1]); j++) {
            if (k[j] == UINT32_MAX) continue;
            if (add) atomic_fetch_add_explicit(&r->pending[k[j]], 1, memory_order_relaxed);
            else if (atomic_fetch_sub_explicit(&r->pending[k[j]], 1, memory_order_acq_rel) == 1 && r->armed)
                rel_chunk_free(r, k[j]);
        }
    }
}

/* Take the capture arenas' chunks over (cap->lists holds the bookkeeping).
 * Out of memory: nothing is taken, the capture goes whole at the end. */
static void rel_init(rs_ctx *c)
{
    idx_capture *cap = c->cap;
    if (!cap) return;
    size_t n = 0, used = 0;
    for (unsigned i = 0; i < cap->narenas; i++) {
        n += cap->arenas[i].chunks;
        used += cap->arenas[i].used;
    }
    /* Nothing allocated in the capture's arenas since they were last emptied: every piece is a
     * segment's (seg_make took them: a live workspace, an index cache), none goes with a chunk,
     * and the helper's question can wait until it asks (two walks of every entry's pieces, cache
     * misses after a watcher's idle: 150 us of a one-file refresh of aws_compliance). */
    int none = used == 0;
    uint32_t ne = idx_tab(c->ws)->nentries;
    cap_release *r = ar_zalloc(&cap->lists, sizeof *r);
    ar_span *span = ar_alloc(&cap->lists, (n + 1) * sizeof *span);
    _Atomic(ar_chunk *) *chunk = ar_alloc(&cap->lists, (n + 1) * sizeof *chunk);
    _Atomic uint32_t *pending = ar_alloc(&cap->lists, (n + 1) * sizeof *pending);
    uint8_t *take = none ? NULL : ar_alloc(&cap->lists, (size_t)ne + 1);
    /* (none: no entry's pieces go with a chunk, no table of them) */
    uint32_t *in = none ? NULL : ar_alloc(&cap->lists, ((size_t)ne + 1) * sizeof *in);
    if (!r || !span || !chunk || !pending || (!none && (!take || !in))) return;
    for (uint32_t id = 0; !none && id < ne; id++) take[id] = (uint8_t)helper_may_take_(c, id);
    size_t got = 0;
    for (unsigned i = 0; i < cap->narenas; i++) {
        size_t k = ar_detach(&cap->arenas[i], span + got, n - got);
        if (k > n - got) break;   /* (cannot be: n counted them) the arena keeps its chunks */
        got += k;
    }
    qsort(span, got, sizeof *span, span_cmp);
    r->span = span;
    r->chunk = chunk;
    r->pending = pending;
    r->n = (uint32_t)got;
    r->take = take;
    r->in = in;
    for (uint32_t k = 0; k < r->n; k++) {
        atomic_init(&chunk[k], span[k].chunk);
        atomic_init(&pending[k], 0);
    }
    /* an entry whose pieces are all in one chunk counts once there (most:
     * its release is then one decrement); the others count per piece */
    uint32_t hint = 0;
    for (uint32_t id = 0; !none && id < ne; id++) {
        uint32_t one = REL_NONE;
        for (const cap_attr *a = cap->entry[id]; a && one != REL_MIXED; a = a->next) {
            uint32_t k0 = rel_find(r, a, &hint), k1 = rel_find(r, a->text, &hint);
            if (k0 != k1 || (one != REL_NONE && one != k0)) one = REL_MIXED;
            else one = k0;   /* UINT32_MAX (REL_NONE): a segment's piece */
        }
        in[id] = one;
        if (one == REL_MIXED) rel_pieces(r, cap->entry[id], 1);
        else if (one != REL_NONE) atomic_fetch_add_explicit(&pending[one], 1, memory_order_relaxed);
    }
    c->rel = r;
}

/* Loading is over: the chunks no unfinished entry needs go now, the others
 * as their last entry finishes. */
static void rel_arm(rs_ctx *c)
{
    cap_release *r = c->rel;
    if (!r) return;
    r->armed = 1;
    for (uint32_t k = 0; k < r->n; k++)
        if (atomic_load_explicit(&r->pending[k], memory_order_acquire) == 0) rel_chunk_free(r, k);
}

/* Entry id is finished: its pieces are not read again. */
static void rel_done(rs_ctx *c, uint32_t id)
{
    cap_release *r = c->rel;
    if (!r || !r->in || r->in[id] == REL_NONE) return;
    if (r->in[id] == REL_MIXED) rel_pieces(r, c->cap->entry[id], 0);
    else if (atomic_fetch_sub_explicit(&r->pending[r->in[id]], 1, memory_order_acq_rel) == 1 && r->armed)
        rel_chunk_free(r, r->in[id]);
}

/* Every chunk left (resolution is over or stopped). */
static void rel_free(rs_ctx *c)
{
    cap_release *r = c->rel;
    for (uint32_t k = 0; r && k < r->n; k++) rel_chunk_free(r, k);
    c->rel = NULL;
}

/* ------------------------------------------------------------ evaluating an entry */

/* Entry id is done (published or nothing to do).  Temporaries and trees go
 * with the outermost entry: a nested one (a reference being resolved) runs
 * inside its evaluation. */
static void finish_entry(rs_ctx *c, uint32_t id, uint32_t owner)
{
    rel_done(c, id);
    if (--c->depth == 0) {
        ar_reset(&c->scratch);
        ar_reset(&c->parse);
    }
    c->owner = owner;
    atomic_store_explicit(&c->entry_state[id], RS_DONE, memory_order_release);
}

/* Field `bit` of rec as the previous record `old` had it: 1, or 0 when its
 * evaluation failed there. */
static int keep_field(idx_resolved *rec, const idx_resolved *old, unsigned bit, int *tags_done)
{
    if (!(old->evaluated & bit)) return 0;
    switch (bit) {
    case LP_UNRES_TITLE: rec->title = old->title; break;
    case LP_UNRES_DESCRIPTION: rec->description = old->description; break;
    case LP_UNRES_CATEGORY: rec->category = old->category; break;
    case LP_UNRES_DOCUMENTATION: rec->documentation = old->documentation; break;
    case LP_UNRES_DISPLAY: rec->display = old->display; break;
    case LP_UNRES_SQL: rec->sql = old->sql; break;
    case LP_UNRES_TAGS:
        rec->tags = old->tags;
        rec->ntags = old->ntags;
        rec->has_tags = 1;
        *tags_done = 1;
        break;
    case LP_UNRES_WIDTH:
        rec->has_width = old->has_width;
        rec->width = old->width;
        break;
    case LP_UNRES_TYPE: rec->detection = old->detection; break;
    default: return 0;
    }
    return 1;
}

/* The syntax tree of piece p (an attribute: field `bit`, or a block: 0) in
 * *f, named path: the kept one in the list *slot when there is one
 * (rs_tree; a block's is `found`, block_find's answer); else parsed, into
 * a kept tree added to the list when keep is set, else into the per-entry
 * arena (an attribute) or ast (a block).  0, or -1 (no memory, the piece
 * not there; or an attribute with syntax errors: the caller skips it). */
static int tree_of(rs_ctx *c, rs_tree **slot, int keep, unsigned bit, const cap_piece *p, const char *path,
                   hcl_file *f, const rs_tree *found)
{
    const rs_tree *kept = found;   /* (a block's: block_find looked) */
    for (const rs_tree *u = bit && slot ? *slot : NULL; u && !kept; u = u->next)
        if (u->field == bit && u->piece == p) kept = u;   /* the very piece (its segment is alive) */
    if (kept) {
        *f = kept->f;
        f->name = path;
        if (bit) c->trees_reused++;
        else c->blocks_reused++;
        return 0;
    }
    if (!slot || !keep || c->trees.reserved >= c->trees_budget) {   /* (past it: parsed as before) */
        if (!bit) return cap_parse_split(p, path, &c->ast, &c->parse, f);
        return cap_parse(p, path, &c->parse, f) != 0 || f->nerrors ? -1 : 0;
    }
    ar_mark m;
    ar_mark_get(&c->trees, &m);
    size_t used = c->trees.used;
    /* chunks a quarter of what the arena holds (cap_parse's policy, for
     * arenas reset after each entry, doubles them: a third of a kept arena
     * was left empty), and at least a tree (about ten times its source) */
    size_t want = c->trees.reserved / 4 > (size_t)p->len * 16 ? c->trees.reserved / 4 : (size_t)p->len * 16;
    if (want > c->trees.chunk_size) c->trees.chunk_size = want < 8u * 1024 * 1024 ? want : 8u * 1024 * 1024;
    if ((size_t)p->len * 16 > c->parse.chunk_size && p->len < 2u * 1024 * 1024)
        c->parse.chunk_size = (size_t)p->len * 16;   /* (a piece's temporaries, as cap_parse's) */
    rs_tree *t = ar_alloc(&c->trees, sizeof *t);
    /* the tree kept, its parse's temporaries in the per-entry arena (with
     * the chunks above) */
    if (!t || cap_parse_into(p, path, &c->trees, &c->parse, &t->f) != 0 || (bit && t->f.nerrors)) {
        ar_rewind(&c->trees, &m);
        return -1;
    }
    t->f.name = NULL;
    t->piece = p;
    t->field = (uint16_t)bit;
    t->bytes = (uint32_t)(c->trees.used - used);
    t->next = *slot;             /* (the list carried over is not changed: this node goes first) */
    *slot = t;
    if (bit) c->trees_kept++;
    else c->blocks_kept++;
    *f = t->f;
    f->name = path;
    return 0;
}

/* The kept tree of block p of file `file`, or NULL.  Loading asks for a
 * file's blocks once each, in source order, and its list holds them newest
 * first (the reverse): a list longer than a few is put in a table by piece
 * first (in ast, for the file being loaded), else a file of thousands of
 * variables costs millions of steps each time locals load again. */
static const rs_tree *block_find(rs_ctx *c, uint32_t file, const rs_tree *list, const cap_piece *p)
{
    if (c->btab_file != file) {
        c->btab_file = file;
        c->btab = NULL;
        uint32_t n = 0;
        for (const rs_tree *t = list; t; t = t->next) n++;
        uint32_t size = 16;
        while (n > 8 && size < 2 * n && size < (1u << 30)) size *= 2;
        if (n > 8 && (c->btab = ar_zalloc(&c->ast, (size_t)size * sizeof *c->btab)) != NULL) {
            c->btab_mask = size - 1;
            for (const rs_tree *t = list; t; t = t->next) {
                uint32_t j = si_ptr_hash(t->piece) & c->btab_mask;
                while (c->btab[j]) j = (j + 1) & c->btab_mask;
                c->btab[j] = t;
            }
        }
    }
    if (!c->btab) {
        for (const rs_tree *t = list; t; t = t->next)
            if (t->field == 0 && t->piece == p) return t;
        return NULL;
    }
    for (uint32_t j = si_ptr_hash(p) & c->btab_mask; c->btab[j]; j = (j + 1) & c->btab_mask)
        if (c->btab[j]->piece == p && c->btab[j]->field == 0) return c->btab[j];
    return NULL;   /* (trees added since are of blocks asked for already) */
}

int rs_block_tree(rs_ctx *c, uint32_t file, const cap_block *b, const char *path, hcl_file *f)
{
    rs_tree **slot = c->ftree ? &c->ftree[file] : NULL;
    const rs_tree *found = slot ? block_find(c, file, *slot, b) : NULL;
    return tree_of(c, slot, c->ftree && c->fkeep[file], 0, b, path, f, found);
}

/* Expression e when it is `local.NAME` of a local of mod evaluated without
 * error (what evaluating e gives is its value: scope_resolve), with the
 * read noted as evaluating it notes it; else NULL (e is evaluated). */
static const rs_local *local_read(rs_ctx *c, uint32_t mod, const hcl_expr *e)
{
    if (e->kind != HCL_EXPR_SCOPE_TRAV || e->u.trav.n != 1 || e->u.trav.steps[0].kind != HCL_STEP_ATTR ||
        e->u.trav.root.len != 5 || memcmp(e->u.trav.root.p, "local", 5) != 0)
        return NULL;
    hcl_str name = e->u.trav.steps[0].name;
    const rs_local *l = rs_local_find(&c->mods[mod], name.p, name.len);
    if (!l || l->state != RS_LOCAL_DONE || !l->ok || l->val.kind == LPV_UNKNOWN) return NULL;
    rs_dep_note(c, RS_DEP_LOCAL, mod, name.p, name.len);
    return l;
}

/* as_tags of v; when v is local l's value (l not NULL), made once per local
 * and context: the tags of the many entries whose tags are one local
 * (aws_compliance: 1,295 controls, a few dozen locals) are one array. */
static int tags_memo(rs_ctx *c, const rs_local *l, lpv_value v, idx_tag **tags, uint32_t *n, const char **why)
{
    uint32_t j = l ? si_ptr_hash(l) & (RS_TAGS_MEMO - 1) : 0;
    if (l && !c->tags_memo) c->tags_memo = ar_zalloc(&c->ast, RS_TAGS_MEMO * sizeof *c->tags_memo);
    if (!c->tags_memo) l = NULL;   /* (no memory for it: made each time) */
    if (l && c->tags_memo[j].local == l) {
        *tags = c->tags_memo[j].tags;
        *n = c->tags_memo[j].n;
        return 0;
    }
    if (as_tags(c, v, tags, n, why) != 0) return -1;
    if (l) c->tags_memo[j] = (struct rs_tags_memo){ l, *tags, *n };
    return 0;
}

/* A field's value made into rec's (the switch of its kind): 1, or 0 with *why. */
static int set_field(rs_ctx *c, idx_resolved *rec, unsigned fb, lpv_value val, const rs_local *tl,
                     int *tags_done, const char **why)
{
    int ok = 0;
    switch (sch_attrs[fb].eval) {
    case LP_UNRES_TAGS: {
        idx_tag *t;
        uint32_t n;
        ok = tags_memo(c, tl, val, &t, &n, why) == 0;
        if (ok) {
            rec->tags = t;
            rec->ntags = n;
            rec->has_tags = 1;
            *tags_done = 1;
        }
        break;
    }
    case LP_UNRES_WIDTH: {
        int64_t w;
        lpv_value num;
        const char *err;
        *why = "a whole number is required";
        if (val.kind == LPV_NULL) ok = 1, rec->has_width = 0;
        else if (lpv_to_number(&c->scratch, val, &num, &err) == 0 && lpv_num_to_i64(num, &w) == 0 &&
                 w >= INT32_MIN && w <= INT32_MAX) {
            ok = 1;
            rec->has_width = 1;
            rec->width = (int32_t)w;
        }
        break;
    }
    case LP_UNRES_TYPE: {
        const char *t = NULL;
        ok = as_text(c, val, &t) == 0;
        if (ok) rec->detection = strcmp(t, "detection") == 0;
        break;
    }
    default:                 /* the string fields (schema.h: a res column) */
        if (sch_attrs[fb].res) ok = as_text(c, val, sch_res_str(rec, (sch_id)fb)) == 0;
        break;
    }
    return ok;
}

/* Field fb of entry id (its attribute ca) evaluated in scope s into rec: 1, or 0 when it failed (with
 * its diagnostic, unless the index gave one already). */
static int eval_field(rs_ctx *c, uint32_t id, unsigned fb, const cap_attr *ca, ev_scope *s,
                      const rs_scope_user *u, idx_resolved *rec, int *tags_done)
{
    lp_workspace *ws = c->ws;
    const idx_entry *e = &idx_tab(ws)->entries[id];
    unsigned bit = sch_attrs[fb].eval;
    c->field = bit;          /* what its evaluation reads is recorded for it */
    hcl_file fbuf, *f = &fbuf;
    /* an attribute with syntax errors was reported by the index; its
     * placeholder would give a second error, placed by the piece's own
     * end (past the file's) */
    if (tree_of(c, c->tree ? &c->tree[id] : NULL, c->tree && c->tree_keep[id], bit, ca,
                idx_str(ws, idx_tab(ws)->files[e->file].path), f, NULL) != 0)
        return 0;
    const hcl_attr *at = &f->body->attrs[0];
    ev_ctx ev;
    lpv_value val;
    int rc;
    /* `tags = local.NAME`: the local's value, its tags made once (tags_memo) */
    const rs_local *tl = bit == LP_UNRES_TAGS ? local_read(c, u->mod, at->expr) : NULL;
    if (tl) {
        val = tl->val;
        rc = LP_EV_OK;
    } else {
        ev_init(&ev, &c->scratch, s, f);
        rc = ev_expr(&ev, at->expr, &val);
    }
    if (rc == LP_EV_ERR) rs_diag_eval(c, &ev);
    if (rc != LP_EV_OK) return 0;
    const char *why = "a string is required";
    c->nul_seen = 0;
    if (!set_field(c, rec, fb, val, tl, tags_done, &why)) {
        rs_diag(c, LP_SEV_ERROR, f->name, at->expr->range.line, at->expr->range.col,
                "Incorrect attribute value type", why);
        return 0;
    }
    if (c->nul_seen)   /* as the scan says it of a literal (scan.c: nul_note) */
        rs_diag(
            c, LP_SEV_WARNING, f->name, at->expr->range.line, at->expr->range.col, "NUL character in string",
            "This string holds a NUL byte (\\0); lazypipe's values end at it, so the value is cut there.");
    return 1;
}

uint32_t rs_child_id(const lp_workspace *ws, lpv_value item)
{
    const lpv_value *nv = lpv_is_obj(item) ? lpv_attr_get(item, "name", 4) : NULL;
    return nv && nv->kind == LPV_STRING ? idx_lookup(ws, nv->u.s, nv->len) : LP_NO_ENTRY;
}

/* A `children` that is no list written out (LP_UNRES_CHILDREN) is evaluated by a load (load.c:
 * computed_children: a run, a show); here too, only to report what would fail that load (an error, a
 * value that is no list, an item that is no resource), so that the lists, which load nothing, say it
 * as Powerpipe's eager load does.  Its reads are the entry's (a refresh evaluates it again when they
 * change); the record and the hierarchy are not changed. */
static void check_children(rs_ctx *c, uint32_t id, ev_scope *s)
{
    const cap_attr *ca = entry_attr(c, id, "children");
    if (!ca) return;
    lp_workspace *ws = c->ws;
    const idx_entry *e = &idx_tab(ws)->entries[id];
    const char *name = idx_str(ws, e->name);
    hcl_file f;
    if (cap_parse(ca, idx_str(ws, idx_tab(ws)->files[e->file].path), &c->parse, &f) != 0 || f.nerrors) return;
    const hcl_attr *at = &f.body->attrs[0];
    unsigned field = c->field;
    c->field = LP_UNRES_CHILDREN;
    ev_ctx ev;
    ev_init(&ev, &c->scratch, s, &f);
    lpv_value v;
    int rc = ev_expr(&ev, at->expr, &v);
    c->field = field;
    hcl_range r = at->expr->range;
    if (rc == LP_EV_ERR) {
        rs_diag_eval(c, &ev);
    } else if (rc == LP_EV_OK && v.kind != LPV_NULL && !lpv_is_seq(v)) {
        char d[1024];
        snprintf(d, sizeof d, "%s's children must be a list of resources.", name);
        rs_diag(c, LP_SEV_ERROR, f.name, r.line, r.col, "Invalid children", d);
    } else if (rc == LP_EV_OK && v.kind != LPV_NULL) {
        for (uint32_t i = 0; i < v.len; i++) {
            if (rs_child_id(ws, v.u.elems[i]) != LP_NO_ENTRY) continue;
            char d[1024];
            snprintf(d, sizeof d, "Item %u of %s's children is not a resource, such as control.my_control.",
                     i, name);
            rs_diag(c, LP_SEV_ERROR, f.name, r.line, r.col, "Invalid child", d);
            break;
        }
    }
}

/* A record for the entry viewed as v, starting from what the scan gave. */
static idx_resolved *new_record(rs_ctx *c, const idx_view *v)
{
    idx_resolved *rec = ar_zalloc(&c->vals, sizeof *rec);
    if (!rec) return NULL;
    rec->unresolved = v->unresolved;
    rec->title = v->title;
    rec->description = v->description;
    rec->category = v->category;
    rec->documentation = v->documentation;
    rec->display = v->display;
    rec->sql = v->sql;
    rec->has_tags = v->has_tags;
    rec->has_width = v->has_width;
    rec->width = v->width;
    rec->detection = v->detection;
    return rec;
}

/* The record keeps only what evaluation gave (idx_view_make takes the rest from the scan): no
 * pointer into this version's strings, so that a later version can publish the same record
 * (rs_carry_over). */
static void record_trim(idx_resolved *rec, int tags_done)
{
    unsigned ev = rec->evaluated;
    for (unsigned a = 1; a < SCH__COUNT; a++)
        if (sch_attrs[a].res && !(ev & sch_attrs[a].eval)) *sch_res_str(rec, (sch_id)a) = NULL;
    if (!tags_done) {
        rec->tags = NULL;
        rec->ntags = 0;
    }
}

static void resolve_entry(rs_ctx *c, uint32_t id)
{
    lp_workspace *ws = c->ws;
    uint8_t todo = RS_TODO;
    if (!atomic_compare_exchange_strong(&c->entry_state[id], &todo, c->busy)) return;
    uint32_t owner = c->owner;
    if (c->up) c->up[id] = owner;
    c->owner = id + 1;
    c->depth++;
    /* values accumulate until lp_close: chunks a quarter of what the arena
     * holds, so allocation calls grow with log(values), not with entries,
     * and the unused end of the last chunk is at most a fifth of the store
     * (doubling left up to half of it empty) */
    if (c->vals.chunk_size < c->vals.reserved / 4 && c->vals.reserved < 32u * 1024 * 1024)
        c->vals.chunk_size = c->vals.reserved / 4;
    const idx_entry *e = &idx_tab(ws)->entries[id];
    idx_view v;
    idx_view_get(ws, id, &v);
    unsigned want = v.unresolved & (LP_UNRES_TITLE | LP_UNRES_DESCRIPTION | LP_UNRES_TAGS |
                                    LP_UNRES_CATEGORY | LP_UNRES_DOCUMENTATION | LP_UNRES_DISPLAY |
                                    LP_UNRES_WIDTH | LP_UNRES_SQL | LP_UNRES_TYPE);
    ev_scope s;
    rs_scope_user u;
    rs_scope_init(&s, &u, c, idx_mod_of(ws, e));
    if (v.unresolved & LP_UNRES_CHILDREN) check_children(c, id, &s);
    idx_resolved *rec = want ? new_record(c, &v) : NULL;
    if (!rec) {
        if (want) c->oom = 1;
        finish_entry(c, id, owner);
        return;
    }
    int tags_done = 0;           /* rec->tags set by evaluation; else the scanned ones are copied below */
    uint32_t nok = 0, nfail = 0;
    /* a refresh's entry evaluated in part: the fields whose reads did not
     * change are the previous record's, with their dependencies */
    const idx_resolved *keep = c->keep_rec ? c->keep_rec[id] : NULL;
    unsigned keepf = keep ? c->keep_fields[id] : 0, field = c->field;
    for (const rs_dep *d = keepf ? c->keep_deps[id] : NULL; d; d = d->next)
        if (d->fields & keepf)
            rs_dep_add(c, id, d->kind, d->mod, d->name, d->name ? strlen(d->name) : 0, d->fields & keepf);

    for (unsigned fb = 1; fb < SCH__COUNT; fb++) {   /* in the table's order */
        unsigned bit = sch_attrs[fb].eval;
        if (!(want & bit)) continue;
        const cap_attr *ca = entry_attr(c, id, sch_attrs[fb].name);
        if (!ca) {
            rec->unresolved &= ~bit;   /* a `tags { }` block or an absent attribute: as scanned */
            continue;
        }
        /* a kept field that failed has no diagnostic (rs_carry_over: none) */
        int ok = (keepf & bit) ? keep_field(rec, keep, bit, &tags_done)
                               : eval_field(c, id, fb, ca, &s, &u, rec, &tags_done);
        if (ok) {
            rec->unresolved &= ~bit;
            rec->evaluated |= bit;
            c->fields_resolved++;
            nok++;
        } else {
            c->fields_failed++;
            nfail++;
        }
    }
    c->field = field;            /* (the entry whose field read this one, when nested) */
    record_trim(rec, tags_done);
    rec->nresolved = (uint16_t)nok;
    rec->nfailed = (uint16_t)nfail;
    idx_publish(ws, id, rec);
    if (c->rec_unres) c->rec_unres[id] = rec->unresolved;
    c->published++;
    finish_entry(c, id, owner);
}

/* ------------------------------------------------------------ the thread */

/* A zeroed context of ws with its own (empty) arenas. */
static void ctx_arenas(rs_ctx *c, lp_workspace *ws)
{
    memset(c, 0, sizeof *c);
    c->ws = ws;
    c->btab_file = UINT32_MAX;
    ar_init(&c->vals, 128 * 1024);
    ar_init(&c->ast, 64 * 1024);
    ar_init(&c->scratch, 64 * 1024);
    ar_init(&c->parse, 64 * 1024);
    ar_init(&c->trees, 16 * 1024);
    ar_init(&c->inputs_arena, 16 * 1024);
    inp_init(&c->inputs, &c->inputs_arena);
    ar_init(&c->own, 0);
}

static int ctx_init(rs_ctx *c, lp_workspace *ws, idx_capture *cap)
{
    ctx_arenas(c, ws);
    /* a refresh's values are mostly carried over: small chunks (they grow with what it holds) */
    if (idx_resolve_part(ws)->resolver && idx_resolve_part(ws)->resolver->prev)
        c->vals.chunk_size = 16 * 1024;
    c->cap = cap;
    c->nmods = idx_tab(ws)->nmods;
    c->mods = ar_zalloc(&c->vals, (idx_tab(ws)->nmods ? idx_tab(ws)->nmods : 1) * sizeof *c->mods);
    c->entry_state =
        ar_zalloc(&c->ast, (idx_tab(ws)->nentries ? idx_tab(ws)->nentries : 1) * sizeof *c->entry_state);
    /* dependencies serve a live workspace's next refresh, and one of a live
     * workspace that will reopen the image this resolution writes (persist.c) */
    int deps = idx_segments_of(ws)->refreshable || idx_opts(ws)->index_cache;
    /* the records' unresolved bits serve only a next refresh (a one-shot open's image keeps its
     * rows': 123,208 entries, 480 KiB fresh and every carried row read again to fill it) */
    int unres = deps && idx_segments_of(ws)->refreshable;
    /* the arrays by entry in c->own: in vals, each refresh's store held 52 KiB of them (aws_compliance)
     * for as long as a later version carried one of its records, and the chain of stores was cut
     * (every record copied: 7-10 ms) twice as often */
    size_t ne = idx_tab(ws)->nentries ? idx_tab(ws)->nentries : 1;
    c->own.chunk_size =
        (deps ? ne + 1 : 0) + (unres ? ne * sizeof *c->rec_unres : 0) + ne * sizeof *c->up + 96;
    if (deps) {
        /* zeroed by the system, its pages untouched until an entry's reads are written: a patch that
         * carries the rest where the image holds them (carry_sparse.c) writes a few (123,208 entries:
         * 963 KiB zeroed for them) */
        c->deps = mem_zeroed(ne, sizeof *c->deps);
        c->depkinds = ar_zalloc(&c->own, ne + 1);
    }
    if (unres && (c->rec_unres = ar_alloc(&c->own, ne * sizeof *c->rec_unres)))
        memset(c->rec_unres, 0xff, ne * sizeof *c->rec_unres);   /* UINT32_MAX: no record */
    /* (NULL, no memory: cycles are not named, only left unresolved).  Not zeroed: cycle reads the
     * entries being resolved, each written when its resolution began (a patch evaluates a few: 120
     * pages of 123,208 entries' array were zeroed for them) */
    c->up = ar_alloc(&c->own, ne * sizeof *c->up);
    if (!c->mods || !c->entry_state || (deps && (!c->deps || !c->depkinds)) || (unres && !c->rec_unres))
        return -1;
    _Static_assert(RS_TODO == 0, "entry_state zeroed: every entry RS_TODO");
    c->busy = RS_BUSY_MAIN;
    for (uint32_t m = 0; m < idx_tab(ws)->nmods; m++) {
        c->mods[m].name = idx_str(ws, idx_tab(ws)->mods[m].name);
        c->mods[m].root = idx_str(ws, idx_tab(ws)->mods[m].root);
        c->mods[m].path = idx_str(ws, idx_tab(ws)->mods[m].path);
        c->mods[m].var_obj = lpv_obj(LPV_OBJECT, NULL, 0);
    }
    return 0;
}

/* ---- a second thread: entries that refer to no other entry (their values
 * depend on variables and locals alone, loaded before it starts) are also
 * taken from the end of the list by a helper, so the two threads meet in the
 * middle; every entry is still resolved once, by whoever claims it.  Entries
 * that refer to others are left to the main thread, in id order with nested
 * resolution exactly as with one thread, so results never depend on timing. */

static int helper_may_take_(const rs_ctx *c, uint32_t id)
{
    const cap_attr *a = c->cap ? c->cap->entry[id] : NULL;
    if (!a || !idx_tab(c->ws)->entries[id].unresolved) return 0;
    for (; a; a = a->next)
        if (a->may_refer) return 0;
    return 1;
}

/* (answered before the capture's chunks start to go: rel_init; when none of
 * the pieces is in them, when asked) */
static int helper_may_take(const rs_ctx *c, uint32_t id)
{
    return c->rel && c->rel->take ? c->rel->take[id] : helper_may_take_(c, id);
}

static void *helper_main(void *arg)
{
    rs_resolver *r = arg;
    rs_ctx *h = &r->helper;
    for (uint32_t id = idx_tab(h->ws)->nentries; id-- > 0 && !atomic_load(&r->stop) && !h->oom;)
        if (atomic_load_explicit(&h->entry_state[id], memory_order_relaxed) == RS_TODO &&
            helper_may_take(h, id))
            resolve_entry(h, id);
    mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE);
    return NULL;
}

/* The helper shares what loading built (read-only from now on) and has its
 * own arenas, buffers and diagnostics. */
static void helper_init(rs_ctx *h, const rs_ctx *c)
{
    ctx_arenas(h, c->ws);
    h->cap = c->cap;
    h->mods = c->mods;
    h->nmods = c->nmods;
    h->entry_state = c->entry_state;
    h->deps = c->deps;
    h->rec_unres = c->rec_unres;
    h->rel = c->rel;
    h->keep_rec = c->keep_rec;
    h->keep_deps = c->keep_deps;
    h->keep_fields = c->keep_fields;
    h->tree = c->tree;
    h->tree_keep = c->tree_keep;
    h->trees_budget = c->trees_budget;
    h->getenv = c->getenv;
    h->getenv_user = c->getenv_user;
    h->busy = RS_BUSY_HELPER;
    h->helper = 1;
}

/* todo: the entries to evaluate, or UINT32_MAX: count them */
static int use_helper(const lp_workspace *ws, uint32_t todo)
{
    if (todo == UINT32_MAX)
        for (uint32_t i = todo = 0; i < idx_tab(ws)->nentries && todo < 256; i++)
            todo += idx_tab(ws)->entries[i].unresolved != 0;
    if (todo < 256) return 0;    /* fewer: starting a thread costs more than it saves */
    unsigned n = idx_opts(ws)->workers;
    /* (sysconf reads /sys: asked only when the answer matters, not on each refresh) */
    if (!n) n = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 2 : 1;
    return n > 1;
}

typedef struct dkey {
    uint32_t key, pos;
    const rs_ctx *from;
} dkey;

static int dkey_cmp(const void *a, const void *b)
{
    const dkey *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;   /* an entry's diagnostics come from one thread */
}

/* The diagnostics of both threads in one order that does not depend on
 * which thread resolved what: loading first, then by entry, each entry's in
 * the order they were made. */
static void order_diags(rs_ctx *c, const rs_ctx *h)
{
    uint32_t n = c->ndiags + (h ? h->ndiags : 0);
    if (!n) return;
    dkey *k = ar_alloc(&c->ast, n * sizeof *k);
    lp_diag *d = ar_alloc(&c->vals, n * sizeof *d);
    uint32_t *dk = ar_alloc(&c->vals, n * sizeof *dk);
    if (!k || !d || !dk) {
        c->oom = 1;
        return;
    }
    uint32_t m = 0;
    for (uint32_t i = 0; i < c->ndiags; i++) k[m++] = (dkey){ c->dkeys[i], i, c };
    for (uint32_t i = 0; h && i < h->ndiags; i++) k[m++] = (dkey){ h->dkeys[i], i, h };
    qsort(k, n, sizeof *k, dkey_cmp);
    for (uint32_t i = 0; i < n; i++) {
        d[i] = k[i].from->diags[k[i].pos];
        dk[i] = k[i].key;
    }
    if (n > RS_MAX_DIAGS) {
        /* the first RS_MAX_DIAGS in this (deterministic) order, then a note
         * where the first one left out was */
        char detail[200];
        snprintf(detail, sizeof detail, "%u more diagnostics of resolution are not reported (at most %u are)",
                 n - (RS_MAX_DIAGS - 1), RS_MAX_DIAGS - 1);
        lp_diag *note = &d[RS_MAX_DIAGS - 1];
        note->severity = LP_SEV_ERROR;
        note->summary = HCL_MORE_DIAGS_SUMMARY;
        note->detail = rs_ddup(c, detail);
        note->end_line = note->line;
        note->end_col = note->col;
        n = RS_MAX_DIAGS;
    }
    c->diags = d;
    c->dkeys = dk;
    c->ndiags = c->capdiags = n;
}

/* Inputs by kind, then path: their order, and (0) the same input.  (A carried record and a fresh one
 * may share the path's string: compared by address first.) */
static int inp_key_cmp(const inp_rec *x, const inp_rec *y)
{
    if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
    return x->path == y->path ? 0 : strcmp(x->path, y->path);
}

static int inp_cmp(const void *a, const void *b)
{
    const inp_rec *x = a, *y = b;
    int c = inp_key_cmp(x, y);
    if (c) return c;
    return x->hash < y->hash ? -1 : x->hash > y->hash;
}

#define INPUTS_TAIL 64

/* v[0..head) sorted, the k <= INPUTS_TAIL records after it not: those sorted (by insertion, stably)
 * and merged in from the back through a copy of them alone. */
static void merge_tail(inp_rec *v, uint32_t head, uint32_t k)
{
    inp_rec tail[INPUTS_TAIL];
    memcpy(tail, v + head, (size_t)k * sizeof *tail);
    for (uint32_t i = 1; i < k; i++) {
        inp_rec r = tail[i];
        uint32_t j = i;
        for (; j > 0 && inp_cmp(&tail[j - 1], &r) > 0; j--) tail[j] = tail[j - 1];
        tail[j] = r;
    }
    for (uint32_t i = head, j = k, o = head + k; j > 0;)
        v[--o] = i > 0 && inp_cmp(&v[i - 1], &tail[j - 1]) > 0 ? v[--i] : tail[--j];
}

/* Of two records of one kind and path, the one a whole sort keeps (order_inputs): the smaller hash,
 * and of equal ones the first (the sort is stable). */
static const inp_rec *inp_kept(const inp_rec *first, const inp_rec *then)
{
    return then->hash < first->hash ? then : first;
}

/* order_inputs when the first `carried` records are in order and unique (carried over from a table
 * ordered before) and at most INPUTS_TAIL follow them: each of those is sorted, then dropped when
 * the prefix has its path (keeping the record a whole sort keeps), the rest merged in; the prefix is
 * not compared again (1,125 paths, twice, of aws_compliance's patched command).  0 when it does not
 * apply. */
static int order_after_carried(inp_table *t, uint32_t carried)
{
    if (!carried || carried > t->n || t->n - carried > INPUTS_TAIL) return 0;
    inp_rec *v = t->v;
    uint32_t k = t->n - carried, kept = 0;
    merge_tail(v + carried, 0, k);   /* (the tail sorted in place: merged with nothing before it) */
    for (uint32_t i = 0; i < k; i++) {
        const inp_rec *r = &v[carried + i];
        if (kept && inp_key_cmp(&v[carried + kept - 1], r) == 0) continue;   /* (the sorted run's first) */
        uint32_t lo = 0, hi = carried;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            if (inp_key_cmp(&v[mid], r) < 0) lo = mid + 1;
            else hi = mid;
        }
        if (lo < carried && inp_key_cmp(&v[lo], r) == 0) {
            v[lo] = *inp_kept(&v[lo], r);
            continue;
        }
        v[carried + kept++] = *r;
    }
    t->n = carried + kept;
    merge_tail(v, carried, kept);
    return 1;
}

/* The inputs in an order that does not depend on which thread read what
 * (by kind, then path), each path once: file() reads a shared target once
 * per entry that calls it.  carried: as order_after_carried. */
static void order_inputs(inp_table *t, ar_arena *tmp, uint32_t carried)
{
    if (t->n < 2 || order_after_carried(t, carried)) return;
    uint32_t head = 1;
    while (head < t->n && inp_cmp(&t->v[head - 1], &t->v[head]) <= 0) head++;
    /* a patch's table: the records carried over, in order, then the few the entries evaluated again
     * read (a buffer of the table's size was 18 fresh pages of aws_compliance's patched command) */
    if (head < t->n && t->n - head <= INPUTS_TAIL) {
        merge_tail(t->v, head, t->n - head);
        head = t->n;
    }
    uint32_t n = t->n, runs = head == n;
    inp_rec *v = t->v, *buf = runs ? NULL : ar_alloc(tmp, (size_t)n * sizeof *buf);
    if (!buf && !runs) qsort(v, n, sizeof *v, inp_cmp);
    /* a refresh's table is a few sorted runs (loading's, the records
     * carried over in the previous order, the entries evaluated again):
     * merged pairwise until one is left, stably */
    while (buf && runs != 1) {
        runs = 0;
        for (uint32_t i = 0; i < n; runs++) {
            uint32_t a = i++;
            while (i < n && inp_cmp(&v[i - 1], &v[i]) <= 0) i++;
            uint32_t b = i, o = a;
            if (i < n) i++;
            while (i < n && inp_cmp(&v[i - 1], &v[i]) <= 0) i++;
            uint32_t x = a, y = b;
            while (x < b && y < i) buf[o++] = inp_cmp(&v[y], &v[x]) < 0 ? v[y++] : v[x++];
            while (x < b) buf[o++] = v[x++];
            while (y < i) buf[o++] = v[y++];
        }
        memcpy(v, buf, (size_t)n * sizeof *v);
    }
    uint32_t k = 1;
    for (uint32_t i = 1; i < t->n; i++)
        if (inp_key_cmp(&t->v[i], &t->v[k - 1]) != 0)
            t->v[k++] = t->v[i];
    t->n = k;
}

/* The inputs' records and paths moved to an arena of their exact size: the
 * table grew by doubling, each file() call added a record (order_inputs
 * keeps one per path) and the helper's were copied in (aws_compliance: 356
 * KiB of chunks for 1,125 records). */
static void compact_inputs(rs_ctx *c)
{
    inp_table *t = &c->inputs;
    if (t->oom || !t->n) return;
    size_t need = (size_t)t->n * sizeof *t->v;
    for (uint32_t i = 0; i < t->n; i++) need += (strlen(t->v[i].path) + 8) & ~(size_t)7;
    if (c->inputs_arena.reserved < need + 64 * 1024) return;   /* not worth an allocation */
    ar_arena a;
    ar_init(&a, need + 64);
    inp_rec *v = ar_alloc(&a, (size_t)t->n * sizeof *v);
    if (!v) {   /* out of memory: the table stays as it is */
        ar_free(&a);
        return;
    }
    for (uint32_t i = 0; i < t->n; i++) {
        v[i] = t->v[i];
        v[i].path = ar_strndup(&a, t->v[i].path, strlen(t->v[i].path));
        if (!v[i].path) {
            ar_free(&a);
            return;
        }
    }
    ar_free(&c->inputs_arena);
    c->inputs_arena = a;
    t->v = v;
    t->cap = t->n;
    t->arena = &c->inputs_arena;
}

/* c->file_readers for the finished table: the file() reads of the entries
 * evaluated (their lists are fresh) plus the carried readers of each
 * previous input (carry_readers; both tables sorted: one merged walk). */
static void file_readers_make(rs_resolver *r)
{
    rs_ctx *c = &r->ctx;
    const inp_table *t = &c->inputs;
    c->file_readers = NULL;
    if (r->carried && !c->carry_readers) return;   /* not known */
    uint32_t *n = rs_file_readers_count(t, c->deps, c->depkinds, idx_tab(c->ws)->nentries, r->carried_map, 0,
                                     &c->vals, &c->ast);
    if (!n) return;
    const inp_table *p = c->carry_in;
    for (uint32_t k = 0, j = 0; r->carried && k < p->n; k++) {
        if (p->v[k].kind != LP_INPUT_FILE_FN || !c->carry_readers[k]) continue;
        while (j < t->n && inp_key_cmp(&t->v[j], &p->v[k]) < 0) j++;
        if (j == t->n || inp_key_cmp(&t->v[j], &p->v[k]) != 0)
            return;              /* (a carried input is in the table: never) */
        n[j] += c->carry_readers[k];
    }
    c->file_readers = n;
}

/* The workspace as resolution left it, written for the next open by the
 * hook the workspace layer set (idx_resolve_part(ws)->save_image: the image is a layer above
 * this one); before completion is announced, so that a caller who waited
 * finds the image there. */
static void save_image(rs_resolver *r)
{
    const lp_workspace *ws = r->ctx.ws;
    if (r->ctx.oom || atomic_load(&r->stop))
        snprintf(r->image_note, sizeof r->image_note, "%s", "resolution did not complete");
    else
        r->image_written =
            idx_resolve_part(ws)->save_image(ws, &r->ctx, r->image_note, sizeof r->image_note) == 0;
}

/* A finished resolution's (or its helper's) trees, scratch and source buffers. */
static void free_working_memory(rs_ctx *x)
{
    ar_free(&x->ast);
    x->tags_memo = NULL;
    x->dedup = NULL;             /* it was in ast */
    x->ndedup = x->capdedup = 0;
    ar_free(&x->scratch);
    ar_free(&x->parse);
    srcbuf_free(&x->buf);
}

/* The variables' types and the locals' trees that loading parsed are not
 * read again (a shared scope's are the previous version's: cleared there
 * already); pointers into them go before the trees do. */
static void forget_load_trees(rs_ctx *c)
{
    for (uint32_t m = 0; c->mods && !c->scope_shared && m < c->nmods; m++) {
        for (uint32_t i = 0; i < c->mods[m].nvars; i++) c->mods[m].vars[i].type = NULL;
        for (uint32_t i = 0; i < c->mods[m].nlocals; i++) {
            c->mods[m].locals[i].expr = NULL;
            c->mods[m].locals[i].file = NULL;
        }
    }
    c->nreqs = 0;
}

/* Variables and locals are loaded: their values are copies in vals, so the
 * trees loading parsed into ast (every locals, variable and mod block: on
 * aws_compliance 3.5 MiB of chunks, the biggest part of resolution's peak)
 * go now instead of when resolution completes.  What entries still need
 * from ast (their states, the strings' dedup table) moves to a fresh one. */
static void drop_load_trees(rs_ctx *c)
{
    if (c->scope_shared) return;   /* (nothing loaded: no tree; the states not copied for nothing) */
    forget_load_trees(c);
    ar_arena keep;
    ar_init(&keep, 64 * 1024);
    size_t n = idx_tab(c->ws)->nentries ? idx_tab(c->ws)->nentries : 1;
    _Atomic uint8_t *st = ar_alloc(&keep, n * sizeof *st);
    rs_dedup *dd = c->capdedup ? ar_alloc(&keep, (size_t)c->capdedup * sizeof *dd) : NULL;
    if (!st || (c->capdedup && !dd)) {   /* out of memory: keep everything where it is */
        ar_free(&keep);
        return;
    }
    memcpy((void *)st, (const void *)c->entry_state, n * sizeof *st);
    if (dd) memcpy(dd, c->dedup, (size_t)c->capdedup * sizeof *dd);
    ar_free(&c->ast);
    c->ast = keep;
    c->entry_state = st;
    c->dedup = dd;
    c->tags_memo = NULL;         /* (it was in ast: made again when needed) */
}

/* The captured pieces of the entries this resolution may evaluate.  A file whose segment a patch or
 * refresh took lazily from an image has none until asked (idx_capture_file): every file's when
 * `every` (loading, which may evaluate any entry, or a whole resolution), else those of the files
 * holding an entry left to evaluate (rs_carry_over carried the rest).  Before the helper starts; its
 * choice of entries (rel_init's) made again for them.  0, or -1 (out of memory). */
static int cap_file(rs_ctx *c, uint32_t f)
{
    const idx_file *file = &idx_tab(c->ws)->files[f];
    if (idx_capture_file(c->ws, c->cap, f) != 0) return -1;
    uint32_t end = file->first_entry + file->entry_count;
    for (uint32_t id = file->first_entry; c->rel && c->rel->take && id < end; id++)
        c->rel->take[id] = (uint8_t)helper_may_take_(c, id);
    return 0;
}

static int to_evaluate(const rs_ctx *c, uint32_t id)
{
    return atomic_load_explicit(&c->entry_state[id], memory_order_relaxed) == RS_TODO &&
           idx_tab(c->ws)->entries[id].unresolved;
}

static int caps_need(rs_ctx *c, const rs_resolver *r, int every)
{
    idx_capture *cap = c->cap;
    const idx_tables *t = idx_tab(c->ws);
    if (!cap || !cap->lazy) return 0;
    /* (an image's segments are not taken for their pieces, nor their pages copied: idx_capture_file) */
    for (uint32_t k = 0; !every && r->todo_ids && k < r->ntodo_ids; k++) {   /* (in id order: by file) */
        uint32_t id = r->todo_ids[k], f = t->entries[id].file;
        if (cap->lazy[f] && to_evaluate(c, id) && cap_file(c, f) != 0) return -1;
    }
    for (uint32_t f = 0; (every || !r->todo_ids) && f < t->nfiles; f++) {
        if (!cap->lazy[f]) continue;
        uint32_t first = t->files[f].first_entry, end = first + t->files[f].entry_count, id = first;
        while (!every && id < end && !to_evaluate(c, id)) id++;
        if ((every || id < end) && cap_file(c, f) != 0) return -1;
    }
    return 0;
}

static void run(rs_resolver *r)
{
    rs_ctx *c = &r->ctx;
    lp_workspace *ws = c->ws;
    uint64_t t0 = now_ns();
    int ok = ctx_init(c, ws, r->capture) == 0, shared = 0;
    /* (and the carry-over's arrays and pairs, while prev's image is decoded beside) */
    if (ok && r->ready && r->prev && r->store && rs_carry_begin(r) != 0) ok = 0;
    if (r->ready) r->ready(r->ready_arg, 0);   /* (on failure too: its caller's job ends) */
    if (ok) {
        rel_init(c);
        rs_load_record_begin(c);
        shared = r->prev && r->store ? rs_scope_share(r) : 0;   /* -1: out of memory */
        if (r->prev && r->store && shared >= 0) rs_tree_begin(r, shared);
    }
    /* (a patch's files whose segments are an image's not made yet: their blocks taken now) */
    if (!ok || shared < 0 ||
        (!shared && (caps_need(c, r, 1) != 0 || idx_capture_blocks(ws, c->cap, UINT32_MAX) != 0 ||
                     rs_load_all(c) != 0))) {
        c->oom = 1;              /* (every failure there is memory): reported, and never carried from */
    } else {
        rs_load_record_end(c);      /* (reads the capture's file pieces: before they go) */
        drop_load_trees(c);
        /* loading's trees back to the system now (aws_compliance: 1 MiB of 64 KiB chunks): what this
         * thread allocates next is mostly values, in chunks of another size class, which would
         * not reuse them; a refresh loads little (its scope is mostly the previous version's) */
        if (!r->prev) mem_release_own();
        rel_arm(c);
        pthread_t th;
        uint32_t todo = r->prev && r->store ? rs_carry_over(r) : UINT32_MAX;
        seg_index_free(&r->prev_segs);   /* (prev_file_of's, when rs_carry_over did not free it) */
        if (caps_need(c, r, todo == UINT32_MAX) != 0) c->oom = 1;
        if (use_helper(ws, todo)) {
            helper_init(&r->helper, c);
            /* (on this CPU, busy resolving, it began 0.3-2 ms late: base/thread.h) */
            r->has_helper = thr_start(&th, helper_main, r) == 0;
        }
        uint32_t nvisit = r->todo_ids ? r->ntodo_ids : idx_tab(ws)->nentries;
        for (uint32_t k = 0; k < nvisit && !atomic_load(&r->stop) && !c->oom; k++) {
            uint32_t id = r->todo_ids ? r->todo_ids[k] : k;
            if (to_evaluate(c, id)) resolve_entry(c, id);
        }
        if (r->has_helper) {
            pthread_join(th, NULL);
            rs_ctx *h = &r->helper;
            if (h->oom) c->oom = 1;
            c->published += h->published;
            c->fields_resolved += h->fields_resolved;
            c->fields_failed += h->fields_failed;
            mem_foreign_begin();   /* (the helper's, which ended: its pages go now) */
            free_working_memory(h);
            inp_append(&c->inputs, &h->inputs);
            ar_free(&h->inputs_arena);
            mem_foreign_end();
        }
    }
    rs_tree_finish(r);
    seg_index_free(&r->prev_segs);   /* (prev_file_of's, when loading failed before rs_carry_over) */
    /* the kinds of each evaluated entry's reads (a carried one's came with it) */
    uint32_t nvisit = r->todo_ids ? r->ntodo_ids : idx_tab(ws)->nentries;
    for (uint32_t k = 0; c->depkinds && c->deps && k < nvisit; k++) {
        uint32_t id = r->todo_ids ? r->todo_ids[k] : k;
        if (r->carried_map && r->carried_map[id]) continue;
        unsigned kinds = 0;
        for (const rs_dep *d = c->deps[id]; d; d = d->next) kinds |= 1u << d->kind;
        c->depkinds[id] = (uint8_t)kinds;
    }
    mem_zeroed_free(r->todo_ids, r->todo_ids ? (size_t)idx_tab(ws)->nentries + 1 : 0, sizeof *r->todo_ids);
    r->todo_ids = NULL;
    order_inputs(&c->inputs, &c->ast, c->inputs_carried);
    /* (the readers of each input serve a live version's next refresh only) */
    if (c->depkinds && c->deps && idx_segments_of(ws)->refreshable) file_readers_make(r);
    if (c->inputs.oom) c->oom = 1;
    compact_inputs(c);
    order_diags(c, r->has_helper ? &r->helper : NULL);
    c->owner = UINT32_MAX;
    if (c->oom)
        rs_diag(c, LP_SEV_ERROR, "", 0, 0, "Out of memory", "Background resolution ran out of memory.");
    /* the captured trees are no longer needed; values and records stay */
    forget_load_trees(c);
    rel_free(c);
    c->cap = NULL;
    idx_capture_free(r->capture);
    r->capture = NULL;
    free_working_memory(c);
    c->entry_state = NULL;
    c->carry_in = NULL;          /* the previous version's; and in ast */
    c->carry_readers = NULL;
    c->keep_rec = NULL;          /* they were in ast */
    c->keep_deps = NULL;
    c->keep_fields = NULL;
    r->evaluated = c->published - r->carried;
    r->prev = NULL;              /* the refresh may let it go now */
    r->prev_changed = NULL;
    if (r->store) {
        rs_vstore *st = r->store;
        st->own_bytes = c->vals.reserved + (r->has_helper ? r->helper.vals.reserved : 0);
        st->chain_bytes = st->own_bytes + (st->older ? st->older->chain_bytes : 0);
        st->base_bytes = !st->older            ? st->own_bytes
                         : st->older->prepared ? st->chain_bytes
                                               : st->older->base_bytes;
    }
    mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE);
    if (idx_resolve_part(ws)->save_image) save_image(r);
    r->ns = now_ns() - t0;
    pthread_mutex_lock(&r->mu);
    atomic_store(&r->done, 1);
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    if (idx_opts(ws)->on_resolved) idx_opts(ws)->on_resolved(idx_opts(ws)->resolved_user, ws);
}

static void *thread_main(void *arg)
{
    run(arg);
    return NULL;
}

int rs_start(lp_workspace *ws) { return rs_start_after(ws, NULL, NULL, NULL, NULL); }

int rs_start_after(lp_workspace *ws, const lp_workspace *prev, const uint8_t *prev_changed,
                   void (*ready)(void *, int part), void *ready_arg)
{
    int here = idx_opts(ws)->no_background;   /* (run on this thread: ready is called by run) */
    if (ready && (!here || idx_opts(ws)->no_resolve)) {
        ready(ready_arg, 0);
        ready(ready_arg, 1);
        ready = NULL;
    }
    if (idx_opts(ws)->no_resolve) return LP_OK;
    rs_resolver *r = mem_calloc(1, sizeof *r);
    if (!r) {
        if (ready) {
            ready(ready_arg, 0);
            ready(ready_arg, 1);
        }
        return LP_ERR_NOMEM;
    }
    /* a live version's values go to a store a later version may share, and so do those of an open
     * that carries from a stale image (NULL: no memory for it, and nothing is carried over to or
     * from it) */
    if ((idx_segments_of(ws)->refreshable || prev) && (r->store = mem_calloc(1, sizeof *r->store)) != NULL)
        atomic_init(&r->store->refs, 1);
    r->prev = r->store ? prev : NULL;
    r->prev_changed = r->prev ? prev_changed : NULL;
    r->ready = ready;   /* (NULL unless here) */
    r->ready_arg = ready_arg;
    pthread_mutex_init(&r->mu, NULL);
    /* waits time out on the monotonic clock: a wall-clock step must not
     * stretch or cut lp_wait_resolved's timeout */
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&r->cv, &ca);
    pthread_condattr_destroy(&ca);
    r->ctx.ws = ws;
    r->capture = idx_capture_take(ws);   /* the resolver owns the scan's copies from now on */
    idx_resolve_part(ws)->resolver = r;
    if (here || pthread_create(&r->thread, NULL, thread_main, r) != 0) {
        run(r);   /* synchronous when asked, or when no thread can be made */
        return LP_OK;
    }
    r->started = 1;
    return LP_OK;
}

void rs_join(lp_workspace *ws)
{
    rs_resolver *r = ws ? idx_resolve_part(ws)->resolver : NULL;
    if (!r || !r->started || !atomic_load(&r->done)) return;
    pthread_join(r->thread, NULL);
    r->started = 0;
}

void rs_store_unref(rs_vstore *s)
{
    while (s && atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) == 1) {
        rs_vstore *older = s->older;   /* iteratively: a chain may be long */
        ar_free(&s->vals);
        ar_free(&s->hvals);
        if (s->hold_unref) s->hold_unref(s->hold);
        mem_free(s, sizeof *s);
        s = older;
    }
}

void rs_free(lp_workspace *ws)
{
    if (ws) rs_prep_free(ws);
    rs_resolver *r = ws ? idx_resolve_part(ws)->resolver : NULL;
    if (!r) return;
    atomic_store(&r->stop, 1);
    if (r->started) pthread_join(r->thread, NULL);
    idx_capture_free(r->capture);
    mem_free(r->carried_map, r->carried_map ? (size_t)idx_tab(ws)->nentries + 1 : 0);
    rs_trees_free(r, ws);
    ar_free(&r->ctx.trees);
    ar_free(&r->helper.trees);
    if (r->store) {   /* later versions may still read records in these arenas */
        r->store->vals = r->ctx.vals;
        if (r->has_helper) r->store->hvals = r->helper.vals;
        else ar_free(&r->helper.vals);
        ar_init(&r->ctx.vals, 0);
        rs_store_unref(r->store);
    } else {
        if (r->has_helper) ar_free(&r->helper.vals);   /* its values were published */
        ar_free(&r->ctx.vals);
    }
    ar_free(&r->carry_arena);   /* (rs_carry_begin's, when rs_carry_over never ran) */
    ar_free(&r->ctx.ast);
    ar_free(&r->ctx.scratch);
    ar_free(&r->ctx.parse);
    ar_free(&r->ctx.inputs_arena);
    ar_free(&r->helper.inputs_arena);
    mem_zeroed_free(r->ctx.deps, r->ctx.deps ? (idx_tab(ws)->nentries ? idx_tab(ws)->nentries : 1) : 0,
                    sizeof *r->ctx.deps);
    ar_free(&r->ctx.own);
    ar_free(&r->helper.own);
    srcbuf_free(&r->ctx.buf);
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->cv);
    mem_free(r, sizeof *r);
    idx_resolve_part(ws)->resolver = NULL;
}

/* ------------------------------------------------------------ public API */

int lp_wait_resolved(lp_workspace *ws, int timeout_ms)
{
    rs_resolver *r = ws ? idx_resolve_part(ws)->resolver : NULL;
    if (!r) return ws ? LP_OK : LP_ERR_ARG;
    if (atomic_load(&r->done)) return LP_OK;
    /* (the resolver's condition variable waits on the monotonic clock: rs_start_after) */
    struct timespec dl = thr_deadline(CLOCK_MONOTONIC, timeout_ms >= 0 ? (uint64_t)timeout_ms * 1000000u : 0);
    int rc = 0;
    pthread_mutex_lock(&r->mu);
    while (!atomic_load(&r->done) && rc != ETIMEDOUT)
        rc = timeout_ms < 0 ? pthread_cond_wait(&r->cv, &r->mu) : pthread_cond_timedwait(&r->cv, &r->mu, &dl);
    int done = atomic_load(&r->done);
    pthread_mutex_unlock(&r->mu);
    return done ? LP_OK : LP_ERR_TIMEOUT;
}

int lp_is_resolved(const lp_workspace *ws)
{
    const rs_resolver *r = ws ? idx_resolve_part(ws)->resolver : NULL;
    return !r || atomic_load(&((rs_resolver *)r)->done);
}

static const rs_ctx *done_ctx(const lp_workspace *ws)
{
    const rs_resolver *r = ws ? idx_resolve_part(ws)->resolver : NULL;
    if (!r || !atomic_load(&((rs_resolver *)r)->done)) return NULL;
    return &r->ctx;
}

const rs_ctx *rs_finished(const lp_workspace *ws) { return done_ctx(ws); }

int rs_image_written(const lp_workspace *ws)
{
    const rs_resolver *r = idx_resolve_part(ws)->resolver;
    return r && r->image_written;
}

void rs_note_image(lp_workspace *ws, int written, const char *note)
{
    rs_resolver *r = idx_resolve_part(ws)->resolver;
    if (!r) return;
    r->image_written = written;
    snprintf(r->image_note, sizeof r->image_note, "%s", note);
}

const inp_table *rs_inputs(const lp_workspace *ws)
{
    if (ws && idx_image_part_of(ws)->image) return &idx_resolve_part(ws)->rinputs;
    const rs_ctx *c = done_ctx(ws);
    return c ? &c->inputs : NULL;
}

/* A resolution that ran out of memory says so even when there was no memory
 * left to record that (rs_diag gave up): this one is static. */
static const lp_diag oom_diag = { LP_SEV_ERROR, "", 0, 0, 0, 0, "Out of memory",
                                  "Background resolution ran out of memory." };

static int oom_unsaid(const rs_ctx *c)
{
    return c->oom && (c->ndiags == 0 || strcmp(c->diags[c->ndiags - 1].summary, "Out of memory") != 0);
}

uint32_t lp_resolve_diag_count(const lp_workspace *ws)
{
    if (ws && idx_image_part_of(ws)->image) return idx_resolve_part(ws)->nrdiags;
    const rs_ctx *c = done_ctx(ws);
    return c ? c->ndiags + (uint32_t)oom_unsaid(c) : 0;
}

const lp_diag *lp_resolve_diag_at(const lp_workspace *ws, uint32_t i)
{
    if (ws && idx_image_part_of(ws)->image)
        return i < idx_resolve_part(ws)->nrdiags ? &idx_resolve_part(ws)->rdiags[i] : NULL;
    const rs_ctx *c = done_ctx(ws);
    if (c && i == c->ndiags && oom_unsaid(c)) return &oom_diag;
    return c && i < c->ndiags ? &c->diags[i] : NULL;
}

const uint8_t *rs_carried_map(const lp_workspace *ws)
{
    return done_ctx(ws) ? idx_resolve_part(ws)->resolver->carried_map : NULL;
}

void rs_carry_counts(const lp_workspace *ws, uint32_t *evaluated, uint32_t *carried)
{
    const rs_ctx *c = done_ctx(ws);
    *evaluated = c ? idx_resolve_part(ws)->resolver->evaluated : 0;
    *carried = c ? idx_resolve_part(ws)->resolver->carried : 0;
}

uint32_t rs_evaluated(const lp_workspace *ws)
{
    const rs_resolver *r = idx_resolve_part(ws)->resolver;
    return r ? r->evaluated : 0;
}

void rs_tree_counts(const lp_workspace *ws, uint32_t counts[4], int *shared)
{
    const rs_ctx *c = done_ctx(ws);
    const rs_resolver *r = c ? idx_resolve_part(ws)->resolver : NULL;
    counts[0] = r ? r->trees_reused : 0;
    counts[1] = r ? r->trees_kept : 0;
    counts[2] = r ? r->blocks_reused : 0;
    counts[3] = r ? r->blocks_kept : 0;
    *shared = r ? r->tcache_shared : 0;
}

void rs_stats_of(const rs_ctx *c, lp_resolve_stats *out)
{
    memset(out, 0, sizeof *out);
    out->published = c->published;
    out->fields_resolved = c->fields_resolved;
    out->fields_unresolved = c->fields_failed;
    for (uint32_t m = 0; m < c->nmods; m++) {
        out->variables += c->mods[m].nvars;
        out->locals += c->mods[m].nlocals;
    }
}

void lp_resolve_stats_get(const lp_workspace *ws, lp_resolve_stats *out)
{
    memset(out, 0, sizeof *out);
    if (ws && idx_image_part_of(ws)->image) {
        *out = idx_resolve_part(ws)->rstats;
        return;
    }
    const rs_ctx *c = done_ctx(ws);
    if (!c) return;
    rs_stats_of(c, out);
    out->ns = idx_resolve_part(ws)->resolver->ns;
    out->arena_bytes = c->vals.reserved + (idx_resolve_part(ws)->resolver->has_helper
                                               ? idx_resolve_part(ws)->resolver->helper.vals.reserved
                                               : 0);
    out->image_written = idx_resolve_part(ws)->resolver->image_written;
    memcpy(out->image_note, idx_resolve_part(ws)->resolver->image_note, sizeof out->image_note);
    out->evaluated = idx_resolve_part(ws)->resolver->evaluated;
    out->carried = idx_resolve_part(ws)->resolver->carried;
}

/* ---- variables */

static const char *source_name(int s)
{
    switch (s) {
    case RS_SRC_DEFAULT: return "default";
    case RS_SRC_ENV: return "env";
    case RS_SRC_PPVARS: return "ppvars";
    case RS_SRC_AUTO: return "auto.ppvars";
    case RS_SRC_VAR_FILE: return "var-file";
    case RS_SRC_VAR: return "var";
    case RS_SRC_REQUIRE: return "require";
    default: return "";
    }
}

static void variables_json(const rs_ctx *c, lp_buf *out)
{
    lp_buf_putc(out, '[');
    int first = 1;
    for (uint32_t m = 0; c && m < c->nmods; m++) {
        const rs_mod *md = &c->mods[m];
        for (uint32_t i = 0; i < md->nvars; i++) {
            const rs_var *v = &md->vars[i];
            if (!first) lp_buf_putc(out, ',');
            first = 0;
            lp_buf_puts(out, "{\"default\":");
            if (v->has_default && v->def.kind != LPV_UNKNOWN) lpv_json(out, v->def);
            else lp_buf_puts(out, "null");
            lp_buf_puts(out, ",\"description\":");
            lp_json_cstr(out, v->description);
            lp_buf_puts(out, ",\"mod_name\":");
            lp_json_cstr(out, md->name);
            lp_buf_puts(out, ",\"name\":");
            lp_json_cstr(out, v->name);
            lp_buf_printf(out, ",\"qualified_name\":\"%s.var.%s\"", md->name, v->name);
            lp_buf_puts(out, ",\"source\":");
            lp_json_cstr(out, source_name(v->source));
            lp_buf_puts(out, ",\"type\":");
            lp_json_cstr(out, v->type_text);
            lp_buf_puts(out, ",\"value\":");
            if (v->has_value && v->val.kind != LPV_UNKNOWN) lpv_json(out, v->val);
            else lp_buf_puts(out, "null");
            lp_buf_putc(out, '}');
        }
    }
    lp_buf_putc(out, ']');
}

/* A cell of the tab-separated table: a tab or line break inside it (a
 * description or a multi-line type) would break the row, so it becomes a space. */
static void text_cell(lp_buf *out, const char *s)
{
    for (; *s; s++) lp_buf_putc(out, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static void variables_text(const rs_ctx *c, lp_buf *out)
{
    lp_buf_puts(out, "MOD NAME\tVARIABLE NAME\tDESCRIPTION\tDEFAULT\tVALUE\tTYPE\n");
    for (uint32_t m = 0; c && m < c->nmods; m++) {
        const rs_mod *md = &c->mods[m];
        for (uint32_t i = 0; i < md->nvars; i++) {
            const rs_var *v = &md->vars[i];
            lp_buf_printf(out, "%s\t%s\t", md->name, v->name);
            text_cell(out, v->description);
            lp_buf_putc(out, '\t');
            if (v->has_default && v->def.kind != LPV_UNKNOWN) lpv_hcl(out, v->def);
            lp_buf_putc(out, '\t');
            if (v->has_value && v->val.kind != LPV_UNKNOWN) lpv_hcl(out, v->val);
            lp_buf_putc(out, '\t');
            text_cell(out, v->type_text);
            lp_buf_putc(out, '\n');
        }
    }
}

void rs_variables_write(const rs_ctx *c, int json, lp_buf *out)
{
    if (json) variables_json(c, out);
    else variables_text(c, out);
}

/* json: lp_variables_json, else _text: from resolution, or as it wrote them
 * into the image a reopened workspace serves from */
static int variables(lp_workspace *ws, int json, lp_buf *out)
{
    if (!ws || !out) return LP_ERR_ARG;
    if (idx_image_part_of(ws)->image) {
        lp_buf_put(out, json ? idx_resolve_part(ws)->vars_json : idx_resolve_part(ws)->vars_text,
                   json ? idx_resolve_part(ws)->vars_json_len : idx_resolve_part(ws)->vars_text_len);
    } else {
        lp_wait_resolved(ws, -1);
        const rs_ctx *c = done_ctx(ws);
        if (c) {
            rs_variables_write(c, json, out);
        } else {   /* no resolution (no_resolve): no variables */
            rs_ctx none;
            memset(&none, 0, sizeof none);
            rs_variables_write(&none, json, out);
        }
    }
    return out->oom ? LP_ERR_NOMEM : LP_OK;
}

int lp_variables_json(lp_workspace *ws, lp_buf *out) { return variables(ws, 1, out); }

int lp_variables_text(lp_workspace *ws, lp_buf *out) { return variables(ws, 0, out); }
