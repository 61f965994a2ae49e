/* live.c — a workspace that follows its directory: versions, refresh and
 * change sets (lp_live_*, lp_refresh in lazypipe.h).
 *
 * Each version is an lp_workspace, immutable once published.  The live
 * handle keeps the current one behind a pointer that a refresh replaces;
 * readers pin the version they read (lp_live_acquire) and unpin it when done
 * (lp_live_release), and a version is closed when it is no longer current and
 * its last pin goes.  Pinning and the pointer swap share one mutex held for a
 * few instructions: a reader never waits for a build, a check or a close.
 *
 * A refresh checks every input of the current version (lp_input_check: by
 * stat, and by content hash when the stat changed or cannot be trusted), and
 * only when one really changed builds the next version from the current one
 * (ws_open_ex): the directories are listed again only when a changed input
 * can alter the listing, files whose bytes did not change are merged from
 * their segments (seg.h: each file's scan result, kept
 * by every version that has the file as it was) and only the changed ones
 * are read and scanned; resolution carries over the record of every entry
 * whose reads did not change (carry.c, rs_carry_over).  The refresh waits for
 * that resolution, compares the version with the current one — the
 * entries that could differ, field by field when their segment is the same
 * and by digests (made when first needed) otherwise (digests_after),
 * diagnostic by diagnostic, and the payload only when a dashboard,
 * benchmark, mod or snapshot differs — and publishes it.  The watcher may
 * have that version built already (a candidate, built while its debounce
 * waited: lv_prepare_candidate): the refresh then checks the named inputs as
 * always and publishes the candidate when it is what it would build.
 *
 * Each version keeps its available_dashboards payload once made
 * (lp_live_payload), so that the refresh's comparison and the server's
 * sends share one build.  When only some dashboards' and benchmarks' fields
 * changed, the comparison renders just their fragments (payload.h), and the
 * new version's payload is the old one's bytes with those fragments
 * replaced; otherwise (an entry the payload shows came or went, the
 * hierarchy, a mod or a snapshot changed) both are built in full.
 *
 * Ids stay dense in file order (every version is a whole flat index, built
 * by the same merge a fresh open runs, so it equals one byte for byte in
 * everything a reader sees): an entry's id may change when an earlier file
 * gains or loses entries.  Pinned versions are untouched: a new version
 * shares only immutable segments and value stores (reference-counted) with
 * older ones, never an array an older reader holds.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "base/arena.h"
#include "base/mem.h"
#include "base/srcfile.h"
#include "workspace/workspace.h"
#include "index/payload.h"
#include "index/seg.h"
#include "resolve/resolve.h"
#include "live/live.h"

/* Items 0..n-1 of a version by a string key (str_index_build below). */
typedef struct str_index {
    uint32_t *slot;
    uint32_t mask;
} str_index;

static void str_index_free(str_index *t)
{
    mem_free(t->slot, t->slot ? ((size_t)t->mask + 1) * sizeof *t->slot : 0);
    t->slot = NULL;
}

typedef struct version {
    lp_workspace *ws;
    uint32_t number;
    /* readers, plus one while it is current; taken under lv->mu (so that `cur` and its pin are one
     * step), dropped without it: a reader may release after lp_live_close freed the handle */
    atomic_uint pins;
    /* what the next refresh compares with, made by the refreshing thread
     * (under refresh_mu): every entry's digest (0: not made yet; each made
     * when a comparison first needs it) */
    uint64_t *digests;
    int summarised;              /* digests made */
    str_index by_path;           /* its inputs by path (lv_refresh_paths), made once */
    int prepared;                /* lv_prepare_paths read what it reads (or failed to: not again) */
    /* available_dashboards, kept once made (lp_live_payload, or the refresh
     * that made this version from the previous one's): any thread, under
     * payload_mu.  A payload made while resolved is final (resolution does
     * not go back): it and ranks are then never replaced while the version
     * lives, and a holder of the version may read them after the lock. */
    pthread_mutex_t payload_mu;
    lp_payload *payload;         /* NULL: not made yet */
    uint32_t *ranks;             /* its layout's ranks for this version's ids (payload.h), or NULL */
    int payload_resolved;        /* lp_is_resolved when it was made */
    int payload_over;            /* resolved, it could not be made: too large (LP_ERR_ARG) */
    int image_due;               /* made by a refresh (or a first open that patched a stale image) with an
                                  * index cache: its image is written at close */
} version;

struct lp_live {
    pthread_mutex_t mu;          /* `cur` and taking a pin on it: held for a few instructions */
    version *cur;
    pthread_mutex_t refresh_mu;  /* one refresh at a time (the watcher's and the caller's) */
    uint32_t next_number;
    struct lv_watch *watch;      /* watch.c */
    uint64_t spliced, shared;    /* lv_payload_counts (under refresh_mu) */
    struct candidate *ahead;     /* a burst's next version built ahead (lv_prepare_candidate): refresh_mu */
    uint64_t ahead_built, ahead_published;   /* lv_ahead_counts (under refresh_mu) */
    int debounce_ms, quiet_ms;   /* lv_set_watch_timing (0: the watcher's own) */
};

static version *version_new(void)
{
    version *v = mem_calloc(1, sizeof *v);
    if (v) pthread_mutex_init(&v->payload_mu, NULL);
    return v;
}

static void version_free(version *v)
{
    if (!v) return;
    if (v->ws) {
        mem_free(v->digests, ((size_t)lp_entry_count(v->ws) + 1) * sizeof *v->digests);
        str_index_free(&v->by_path);
        lp_payload_release(v->payload);
        pl_ranks_free(v->ws, v->ranks);
        /* a run may still hold the workspace (ws_retain): it outlives its version, so it points to none */
        *idx_live_slot(v->ws) = NULL;
        ws_close_keep_pages(v->ws);   /* not on a refresh's path: the watcher's periodic check does */
    }
    pthread_mutex_destroy(&v->payload_mu);
    mem_free(v, sizeof *v);
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int lp_live_open(const char *dir, const lp_workspace_opts *opts, lp_live **out, lp_error *err)
{
    if (!out) return LP_ERR_ARG;
    *out = NULL;
    lp_live *lv = mem_calloc(1, sizeof *lv);
    version *v = version_new();
    if (!lv || !v) {
        mem_free(lv, sizeof *lv);
        version_free(v);
        if (err) {
            err->code = LP_ERR_NOMEM;
            snprintf(err->message, sizeof err->message, "out of memory");
        }
        return LP_ERR_NOMEM;
    }
    ws_reuse keep = { .keep_segs = 1 };
    int rc = ws_open_ex(dir, opts, &keep, &v->ws, err);
    if (rc != LP_OK) {
        mem_free(lv, sizeof *lv);
        version_free(v);
        return rc;
    }
    /* a stale image patched: its image written at close, as a refresh's (workspace.c, patch) */
    lp_workspace_stats st;
    lp_workspace_stats_get(v->ws, &st);
    v->image_due = st.patched && opts && opts->index_cache;
    pthread_mutex_init(&lv->mu, NULL);
    pthread_mutex_init(&lv->refresh_mu, NULL);
    v->number = lv->next_number = 1;
    atomic_init(&v->pins, 1);
    (*idx_live_slot(v->ws)) = v;
    lv->cur = v;
    *out = lv;
    return LP_OK;
}

static version *pin(lp_live *lv)
{
    pthread_mutex_lock(&lv->mu);
    version *v = lv->cur;
    atomic_fetch_add_explicit(&v->pins, 1, memory_order_relaxed);
    pthread_mutex_unlock(&lv->mu);
    return v;
}

static void unpin(version *v)
{
    /* acq_rel: the last holder sees every other holder's reads done before it frees */
    if (atomic_fetch_sub_explicit(&v->pins, 1, memory_order_acq_rel) == 1) version_free(v);
}

lp_workspace *lp_live_acquire(lp_live *lv)
{
    return lv ? pin(lv)->ws : NULL;
}

void lp_live_release(lp_live *lv, lp_workspace *ws)
{
    if (!lv || !ws) return;
    version *v = (*idx_live_slot(ws));       /* set when the version was made, never changed */
    if (v) unpin(v);
}

uint32_t lp_live_version(lp_live *lv)
{
    if (!lv) return 0;
    pthread_mutex_lock(&lv->mu);
    uint32_t n = lv->cur->number;
    pthread_mutex_unlock(&lv->mu);
    return n;
}

/* ------------------------------------------------------------ comparing */

/* Everything a reader sees of an entry, as one digest. */
static uint64_t entry_digest(const lp_workspace *ws, uint32_t id)
{
    lp_entry_info e;
    if (lp_entry_get(ws, id, &e) != LP_OK) return 0;
    XXH3_state_t st;
    XXH3_64bits_reset(&st);
    const char *const s[] = { e.title,  e.description, e.category,       e.documentation, e.display,
                              e.sql,    e.query_ref,   e.benchmark_type, e.file_name };
    for (size_t i = 0; i < sizeof s / sizeof *s; i++) XXH3_64bits_update(&st, s[i], strlen(s[i]) + 1);
    int32_t nums[] = { (int32_t)e.kind, e.has_tags, e.has_sql, e.has_width, e.width, (int32_t)e.start_line,
                       (int32_t)e.end_line, (int32_t)e.byte_offset, (int32_t)e.byte_length, e.is_top_level,
                       (int32_t)e.unresolved };
    XXH3_64bits_update(&st, nums, sizeof nums);
    for (uint32_t i = 0; i < e.tags.n; i++) {
        const char *k, *v;
        lp_tags_at(&e.tags, i, &k, &v);
        XXH3_64bits_update(&st, k, strlen(k) + 1);
        XXH3_64bits_update(&st, v, strlen(v) + 1);
    }
    for (uint32_t i = 0; i < lp_entry_child_name_count(ws, id); i++) {
        const char *c = lp_entry_child_name(ws, id, i);
        XXH3_64bits_update(&st, c, strlen(c) + 1);
    }
    for (uint32_t i = 0; i < lp_entry_parent_count(ws, id); i++) {
        lp_entry_info p;
        if (lp_entry_get(ws, lp_entry_parent(ws, id, i), &p) == LP_OK)
            XXH3_64bits_update(&st, p.name, strlen(p.name) + 1);
    }
    return XXH3_64bits_digest(&st);
}

typedef struct names {
    const char **v;
    uint32_t n, cap;
} names;

static int add_name(ar_arena *a, names *l, const char *s)
{
    if (l->n == l->cap) {
        uint32_t cap = l->cap ? 2 * l->cap : 16;
        const char **v = ar_alloc(a, cap * sizeof *v);
        if (!v) return -1;
        if (l->n) memcpy(v, l->v, l->n * sizeof *v);
        l->v = v;
        l->cap = cap;
    }
    char *c = ar_strndup(a, s, strlen(s));
    if (!c) return -1;
    l->v[l->n++] = c;
    return 0;
}

/* Every diagnostic of both phases, formatted, sorted. */
static char **diag_lines(ar_arena *a, lp_workspace *ws, uint32_t *n)
{
    uint32_t nd = lp_diag_count(ws), nr = lp_resolve_diag_count(ws);
    char **v = ar_alloc(a, ((size_t)nd + nr + 1) * sizeof *v);
    if (!v) return NULL;
    for (uint32_t i = 0; i < nd + nr; i++) {
        const lp_diag *d = i < nd ? lp_diag_at(ws, i) : lp_resolve_diag_at(ws, i - nd);
        char buf[1024];
        lp_diag_format(d, buf, sizeof buf);
        size_t l = strlen(buf);
        if (!(v[i] = ar_alloc(a, l + 3))) return NULL;
        v[i][0] = d->severity == LP_SEV_ERROR ? 'E' : 'W';   /* the severity counts too */
        memcpy(v[i] + 1, buf, l + 1);
    }
    *n = nd + nr;
    return v;
}

static int cmp_line(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* str_index: items 0..n-1 of a version by a string key (an entry's full
 * name, an input's path), an open addressing table of item + 1, 0 empty; a
 * key's items follow its first slot until an empty one. */
typedef const char *(*key_fn)(const lp_workspace *ws, uint32_t i);

static uint32_t str_index_first(const str_index *t, const char *key)
{
    return (uint32_t)XXH3_64bits(key, strlen(key)) & t->mask;
}

static int str_index_build(str_index *t, const lp_workspace *ws, uint32_t n, key_fn key)
{
    uint32_t size = 16;
    while (size < 2 * n + 2) size *= 2;
    t->slot = mem_calloc(size, sizeof *t->slot);
    if (!t->slot) return -1;
    t->mask = size - 1;
    for (uint32_t i = 0; i < n; i++) {
        const char *k = key(ws, i);
        if (!k) continue;
        uint32_t j = str_index_first(t, k);
        while (t->slot[j]) j = (j + 1) & t->mask;
        t->slot[j] = i + 1;
    }
    return 0;
}

static const char *entry_name(const lp_workspace *ws, uint32_t id)
{
    lp_entry_info e;
    return lp_entry_get(ws, id, &e) == LP_OK ? e.name : NULL;
}

static const char *input_path(const lp_workspace *ws, uint32_t i)
{
    lp_input_info in;
    return lp_input_get(ws, i, &in) == LP_OK ? in.path : NULL;
}

/* The first entry named `name` not taken yet (taken: marks), or LP_NO_ENTRY:
 * a dashboard's own inputs are not in the name table ("d.input.x" of two
 * dashboards are two entries), so entries pair by name in order. */
static uint32_t take_by_name(const str_index *t, const lp_workspace *ws, const char *name, uint8_t *taken)
{
    for (uint32_t j = str_index_first(t, name); t->slot[j]; j = (j + 1) & t->mask) {
        uint32_t id = t->slot[j] - 1;
        const char *n = entry_name(ws, id);
        if (taken[id] || !n || strcmp(n, name) != 0) continue;
        taken[id] = 1;
        return id;
    }
    return LP_NO_ENTRY;
}

/* The digests of v: the array, made once, each digest when first asked
 * for (0: not made yet), so that a refresh computes only those of the
 * entries it compares (digest_of). */
static int summarise(version *v)
{
    if (v->summarised) return 0;
    uint32_t n = lp_entry_count(v->ws);
    v->digests = mem_calloc((size_t)n + 1, sizeof *v->digests);
    if (!v->digests) return -1;
    v->summarised = 1;
    return 0;
}

static uint64_t digest_of(version *v, uint32_t id)
{
    if (!v->digests[id]) v->digests[id] = entry_digest(v->ws, id);   /* (a digest of 0 is made again) */
    return v->digests[id];
}

static int same_str(const char *a, const char *b) { return a == b || strcmp(a, b) == 0; }

/* Do entries o of old and id of neu show the same evaluable fields?  (The
 * rest of what a digest covers is the scan's, the same for two entries of
 * one segment.) */
static int same_view(const lp_workspace *old, uint32_t o, const lp_workspace *neu, uint32_t id)
{
    idx_view x, y;
    idx_view_get(old, o, &x);
    idx_view_get(neu, id, &y);
    if (x.unresolved != y.unresolved || x.has_tags != y.has_tags || x.has_width != y.has_width ||
        x.width != y.width || x.detection != y.detection || x.tags.n != y.tags.n ||
        !same_str(x.title, y.title) || !same_str(x.description, y.description) ||
        !same_str(x.category, y.category) || !same_str(x.documentation, y.documentation) ||
        !same_str(x.display, y.display) || !same_str(x.sql, y.sql) || !same_str(x.query_ref, y.query_ref))
        return 0;
    for (uint32_t i = 0; i < x.tags.n; i++) {
        const char *xk, *xv, *yk, *yv;
        lp_tags_at(&x.tags, i, &xk, &xv);
        lp_tags_at(&y.tags, i, &yk, &yv);
        if (!same_str(xk, yk) || !same_str(xv, yv)) return 0;
    }
    return 1;
}

/* ------------------------------------------------------------ the payload */

/* How a refresh's new version got its payload (lv_payload_counts). */
enum { PAYLOAD_NOT_MADE, PAYLOAD_SPLICED, PAYLOAD_SHARED };

/* v's payload as made in its current resolution state (a reference). */
static int payload_get(version *v, lp_payload **out)
{
    pthread_mutex_lock(&v->payload_mu);
    int resolved = lp_is_resolved(v->ws), rc = LP_OK;
    if (!v->payload || v->payload_resolved != resolved) {
        lp_payload *p;
        uint32_t *ranks;
        rc = pl_build(v->ws, &p, &ranks);
        if (rc == LP_ERR_ARG && resolved) v->payload_over = 1;   /* final too */
        if (rc == LP_OK) {
            lp_payload_release(v->payload);
            pl_ranks_free(v->ws, v->ranks);
            v->payload = p;
            v->ranks = ranks;
            v->payload_resolved = resolved;
            v->payload_over = 0;
        }
    }
    *out = rc == LP_OK ? pl_ref(v->payload) : NULL;
    pthread_mutex_unlock(&v->payload_mu);
    return rc;
}

int lp_live_payload(lp_live *lv, lp_workspace *ws, lp_payload **out)
{
    if (out) *out = NULL;
    if (!lv || !ws || !out || !(*idx_live_slot(ws))) return LP_ERR_ARG;
    return payload_get((*idx_live_slot(ws)), out);
}

/* Whether the payloads of vold and vnew differ, both made in full (an
 * entry the payload shows came or went, a mod or snapshot changed, or the
 * hierarchy did): vold's as kept or made, vnew's kept.  One too large to
 * make has no bytes (lp_available_dashboards_json writes none): two of
 * them are the same. */
static int payload_full(version *vold, version *vnew, int *differs)
{
    lp_payload *a = NULL, *b = NULL;
    int ra = payload_get(vold, &a), rb = payload_get(vnew, &b);
    size_t na = 0, nb = 0;
    const char *x = a ? lp_payload_bytes(a, &na) : "", *y = b ? lp_payload_bytes(b, &nb) : "";
    *differs = na != nb || memcmp(x, y, na) != 0;
    lp_payload_release(a);
    lp_payload_release(b);
    return (ra == LP_OK || ra == LP_ERR_ARG) && (rb == LP_OK || rb == LP_ERR_ARG) ? 0 : -1;
}

/* The same from the entries that changed (changed, n; oldof: every new
 * entry's old one), when nothing else the payload shows did: their
 * fragments compared, and when vold keeps a final payload, vnew's made from
 * it (pl_update).  It falls back to payload_full when pl_update cannot tell.
 * When vold's was too large to make, both are built whole (the changed
 * entries may have cut the hierarchy down).  (A payload nobody asked for is not known to be too
 * large: then its fragments decide.) */
static int payload_after(version *vold, version *vnew, const uint32_t *oldof, const uint32_t *changed,
                         uint32_t n, int *differs, int *made)
{
    lp_payload *base = NULL, *p = NULL;
    uint32_t *ranks = NULL;
    const uint32_t *oranks = NULL;
    int resolved = lp_is_resolved(vnew->ws);   /* before its records are read (as payload_get) */
    pthread_mutex_lock(&vold->payload_mu);
    int over = vold->payload_over;
    if (!over && vold->payload && vold->payload_resolved) {
        base = pl_ref(vold->payload);
        oranks = vold->ranks;   /* final with the payload: read after the lock */
    }
    pthread_mutex_unlock(&vold->payload_mu);
    /* too large before: the changed entries may have cut the hierarchy down,
     * which only whole builds tell (two too large have the same, no, bytes) */
    if (over) return payload_full(vold, vnew, differs);
    if (!base && !n) {
        *differs = 0;
        return 0;
    }
    int rc = pl_update(vold->ws, base, oranks, vnew->ws, oldof, changed, n, differs, &p, &ranks);
    lp_payload_release(base);
    if (rc == PL_FALLBACK) return payload_full(vold, vnew, differs);
    if (rc != LP_OK) return -1;
    if (p) {   /* vnew is not published yet: nobody else asks for its payload */
        *made = *differs ? PAYLOAD_SPLICED : PAYLOAD_SHARED;
        pthread_mutex_lock(&vnew->payload_mu);
        vnew->payload = p;
        vnew->ranks = ranks;
        vnew->payload_resolved = resolved;
        pthread_mutex_unlock(&vnew->payload_mu);
    }
    return 0;
}

/* The new version's digests, from the old one's where nothing an entry's
 * digest covers can differ (a refresh costs what changed): the
 * entry is the same one of the same segment (same bytes, paired by
 * position, names checked), its record was carried over by resolution (or
 * it has none), and no entry that lists it as a child was scanned again,
 * appeared or went (its parents and top-level flag), and either its record
 * was carried over (or it has none) or its fields read the same (same_view:
 * also after a whole resolution, which carries nothing over).
 * oldof[id] gets the old entry paired by position, else LP_NO_ENTRY;
 * differs[id] 2 when the entry is the same as that one, 1 when it is
 * modified (its fields differ: no digest made), 0 when the digests tell. */
static int digests_after(version *vold, version *vnew, ar_arena *a, uint32_t *oldof, uint8_t *seen,
                         uint8_t *differs)
{
    const lp_workspace *old = vold->ws, *neu = vnew->ws;
    uint32_t nn = lp_entry_count(neu);
    for (uint32_t id = 0; id < nn; id++) oldof[id] = LP_NO_ENTRY;
    const uint8_t *carried = rs_carried_map(neu);
    if (!idx_segments_of(old)->segs || !idx_segments_of(neu)->segs || idx_tab(neu)->nentries != nn ||
        idx_tab(old)->nentries != lp_entry_count(old))
        return summarise(vnew);   /* every digest made when compared */
    seg_index inold = { 0 }, innew = { 0 };
    uint8_t *hier = ar_zalloc(a, (size_t)nn + 1);
    if (!hier || seg_index_build(&inold, old) != 0 || seg_index_build(&innew, neu) != 0) {
        seg_index_free(&inold);
        return -1;
    }
    for (uint32_t f = 0; f < idx_tab(neu)->nfiles; f++) {
        const idx_file *nf = &idx_tab(neu)->files[f];
        uint32_t g = seg_index_get(&inold, idx_seg(neu, f));
        if (g == UINT32_MAX) {   /* scanned again: its entries' children may have other parents */
            for (uint32_t id = nf->first_entry; id < nf->first_entry + nf->entry_count; id++)
                for (uint32_t k = 0; k < idx_tab(neu)->entries[id].nchild; k++) {
                    uint32_t ch = idx_child(neu, id, k);
                    if (ch != LP_NO_ENTRY) hier[ch] = 1;
                }
            continue;
        }
        const idx_file *of = &idx_tab(old)->files[g];
        if (of->entry_count != nf->entry_count) continue;   /* a duplicate dropped in one of them */
        int whole = seg_whole(neu, f) && seg_whole(old, g);
        for (uint32_t k = 0; k < nf->entry_count; k++) {
            uint32_t id = nf->first_entry + k, o = of->first_entry + k;
            if (!whole && strcmp(idx_str(neu, idx_tab(neu)->entries[id].name),
                                 idx_str(old, idx_tab(old)->entries[o].name)) != 0)
                continue;
            oldof[id] = o;
            seen[o] = 1;
        }
    }
    for (uint32_t g = 0; g < idx_tab(old)->nfiles;
         g++) { /* files gone or scanned again: their old children */
        if (seg_index_get(&innew, idx_seg(old, g)) != UINT32_MAX) continue;
        const idx_file *of = &idx_tab(old)->files[g];
        for (uint32_t o = of->first_entry; o < of->first_entry + of->entry_count; o++)
            for (uint32_t k = 0; k < idx_tab(old)->entries[o].nchild; k++) {
                uint32_t ch = idx_child(old, o, k);
                if (ch == LP_NO_ENTRY) continue;
                const char *name = idx_str(old, idx_tab(old)->entries[ch].name);
                uint32_t nid = idx_lookup(neu, name, strlen(name));
                if (nid != LP_NO_ENTRY) hier[nid] = 1;
            }
    }
    seg_index_free(&inold);
    seg_index_free(&innew);
    vnew->digests = mem_malloc(((size_t)nn + 1) * sizeof *vnew->digests);
    if (!vnew->digests) return -1;
    for (uint32_t id = 0; id < nn; id++) {
        uint32_t o = oldof[id];
        differs[id] = 0;
        if (o == LP_NO_ENTRY || hier[id]) {
            vnew->digests[id] = entry_digest(neu, id);
        } else if ((carried && carried[id]) ||
                   !atomic_load_explicit(&idx_tab(neu)->entries[id].resolved, memory_order_acquire) ||
                   same_view(old, o, neu, id)) {
            vnew->digests[id] = vold->digests[o];   /* the same (maybe not made yet) */
            differs[id] = 2;
        } else {
            differs[id] = 1;     /* modified: its digest is made when a later refresh needs it */
            vnew->digests[id] = 0;
        }
    }
    vnew->summarised = 1;
    return 0;
}

/* made: PAYLOAD_SPLICED when vnew's payload was made from vold's, PAYLOAD_SHARED when it is vold's. */
static int compare(lp_changes *c, ar_arena *a, version *vold, version *vnew, int *made)
{
    lp_workspace *old = vold->ws, *neu = vnew->ws;
    names added = { 0 }, removed = { 0 }, modified = { 0 };
    uint32_t no = lp_entry_count(old), nn = lp_entry_count(neu);
    uint8_t *seen = ar_zalloc(a, (size_t)no + 1), *differs = ar_zalloc(a, (size_t)nn + 1);
    uint32_t *oldof = ar_alloc(a, ((size_t)nn + 1) * sizeof *oldof);
    uint32_t *changed = ar_alloc(a, ((size_t)nn + 1) * sizeof *changed), nchanged = 0;
    if (!seen || !differs || !oldof || !changed || summarise(vold) != 0 ||
        digests_after(vold, vnew, a, oldof, seen, differs) != 0)
        return -1;
    str_index olds = { 0 };
    /* payload: an entry the payload shows may differ; shape: one came or went */
    int rc = -1, payload = 0, shape = 0;
    for (uint32_t id = 0; id < nn; id++) {
        uint32_t o = oldof[id];
        if (o != LP_NO_ENTRY &&
            (differs[id] == 2 || (!differs[id] && digest_of(vold, o) == digest_of(vnew, id))))
            continue;   /* the common case */
        lp_entry_info e;
        if (lp_entry_get(neu, id, &e) != LP_OK) continue;
        if (o == LP_NO_ENTRY && !(idx_tab(neu)->entries[id].flags & IDX_SCOPED)) {
            /* not paired by position: by name, with the old entry of that
             * name (the name tables hold each name once) when none took it */
            uint32_t k = idx_lookup(old, e.name, strlen(e.name));
            if (k != LP_NO_ENTRY && !seen[k]) seen[o = k] = 1;
        } else if (o == LP_NO_ENTRY) {   /* a dashboard's own input: among the old entries left */
            if (!olds.slot && str_index_build(&olds, old, no, entry_name) != 0) goto done;
            o = take_by_name(&olds, old, e.name, seen);
        }
        if (o == LP_NO_ENTRY) {
            shape |= pl_shows(e.kind);
            if (add_name(a, &added, e.name) != 0) goto done;
            continue;
        }
        oldof[id] = o;   /* paired by name: the payload's update pairs entries by oldof */
        if (differs[id] == 1 || digest_of(vold, o) != digest_of(vnew, id)) {
            payload |= pl_shows(e.kind);
            if (pl_shows(e.kind)) changed[nchanged++] = id;
            if (add_name(a, &modified, e.name) != 0) goto done;
        }
    }
    for (uint32_t id = 0; id < no; id++) {
        lp_entry_info e;
        if (seen[id] || lp_entry_get(old, id, &e) != LP_OK) continue;
        shape |= pl_shows(e.kind);
        if (add_name(a, &removed, e.name) != 0) goto done;
    }
    c->added = added.v;
    c->nadded = added.n;
    c->removed = removed.v;
    c->nremoved = removed.n;
    c->modified = modified.v;
    c->nmodified = modified.n;
    /* diagnostics: each line of the new set not in the old is added, and
     * the other way round cleared (multisets: sorted, merged) */
    uint32_t dn_old, dn_new;
    char **dold = diag_lines(a, old, &dn_old), **dnew = diag_lines(a, neu, &dn_new);
    if (!dold || !dnew) goto done;
    qsort(dold, dn_old, sizeof *dold, cmp_line);
    qsort(dnew, dn_new, sizeof *dnew, cmp_line);
    names dadd = { 0 };
    uint32_t i = 0, j = 0, cleared = 0;
    while (i < dn_old || j < dn_new) {
        int k = i == dn_old ? 1 : j == dn_new ? -1 : strcmp(dold[i], dnew[j]);
        if (k == 0) {
            i++;
            j++;
        } else if (k < 0) {
            cleared++;
            i++;
        } else {
            if (add_name(a, &dadd, dnew[j] + 1) != 0) goto done;   /* without the severity mark */
            j++;
        }
    }
    c->diags_added = dadd.v;
    c->ndiags_added = dadd.n;
    c->ndiags_cleared = cleared;
    /* the payload shows the dashboards and benchmarks (everything their
     * digests cover), the mods' full names and the snapshots: when none of
     * those differs neither do its bytes.  When only some entries' fields
     * do, their fragments tell (payload_after); else both are made. */
    shape |=
        idx_tab(old)->nmods != idx_tab(neu)->nmods || idx_tab(old)->nsnapshots != idx_tab(neu)->nsnapshots;
    for (uint32_t m = 0; !shape && m < idx_tab(old)->nmods; m++)
        shape = strcmp(idx_str(old, idx_tab(old)->mods[m].full_name),
                       idx_str(neu, idx_tab(neu)->mods[m].full_name)) != 0;
    for (uint32_t k = 0; !shape && k < idx_tab(old)->nsnapshots; k++)
        shape = strcmp(idx_str(old, idx_tab(old)->snapshots[k].name),
                       idx_str(neu, idx_tab(neu)->snapshots[k].name)) != 0 ||
                strcmp(idx_str(old, idx_tab(old)->snapshots[k].path),
                       idx_str(neu, idx_tab(neu)->snapshots[k].path)) != 0;
    int *pc = &c->payload_changed;
    int r = shape ? payload_full(vold, vnew, pc)
                  : payload_after(vold, vnew, oldof, changed, nchanged, pc, made);
    if (r != 0) goto done;
    rc = 0;
done:
    str_index_free(&olds);
    return rc;
}

/* ------------------------------------------------------------ refresh */

/* The first input of ws that changed (its path, copied into a), or NULL;
 * changed[i] is 1 for every input i that did, 2 for one touched (other
 * stat, same bytes: the next version records the new stat). */
static const char *changed_input(lp_workspace *ws, ar_arena *a, uint32_t *nchecked, uint32_t *nchanged,
                                 uint8_t *changed)
{
    const char *first = NULL;
    *nchanged = 0;
    *nchecked = lp_input_count(ws);
    for (uint32_t i = 0; i < lp_input_count(ws); i++) {
        lp_input_state st;
        if (lp_input_check(ws, i, &st) != LP_OK || st == LP_INPUT_SAME) continue;
        changed[i] = st == LP_INPUT_TOUCHED ? 2 : 1;
        if (st == LP_INPUT_TOUCHED) continue;
        if (!first) {
            lp_input_info in;
            lp_input_get(ws, i, &in);
            first = ar_strndup(a, in.path, strlen(in.path));
        }
        ++*nchanged;
    }
    return first;
}

/* The inputs of v by path (made once, by the refreshing thread). */
static int index_paths(version *v)
{
    return v->by_path.slot ? 0 : str_index_build(&v->by_path, v->ws, lp_input_count(v->ws), input_path);
}

/* The next input of v (by_path made) at `path` from slot *j on (start: str_index_first), or
 * UINT32_MAX; in gets its record. */
static uint32_t next_input_at(const version *v, const char *path, uint32_t *j, lp_input_info *in)
{
    const str_index *t = &v->by_path;
    for (; t->slot[*j]; *j = (*j + 1) & t->mask) {
        uint32_t i = t->slot[*j] - 1;
        if (lp_input_get(v->ws, i, in) != LP_OK || strcmp(in->path, path) != 0) continue;
        *j = (*j + 1) & t->mask;
        return i;
    }
    return UINT32_MAX;
}

/* The first of `paths` that is an input of v and changed, or NULL. */
static const char *changed_path(version *v, const char *const *paths, uint32_t np, ar_arena *a,
                                uint32_t *nchecked, uint32_t *nchanged, uint8_t *changed)
{
    const char *first = NULL;
    *nchanged = 0;
    *nchecked = 0;
    for (uint32_t k = 0; k < np; k++) {
        lp_input_info in;
        for (uint32_t i, j = str_index_first(&v->by_path, paths[k]);
             (i = next_input_at(v, paths[k], &j, &in)) != UINT32_MAX;) {
            lp_input_state st;
            ++*nchecked;
            if (lp_input_check(v->ws, i, &st) != LP_OK || st == LP_INPUT_SAME) continue;
            changed[i] = st == LP_INPUT_TOUCHED ? 2 : 1;
            if (st == LP_INPUT_TOUCHED) continue;
            if (!first) first = ar_strndup(a, in.path, strlen(in.path));
            ++*nchanged;
        }
    }
    return first;
}

/* Does one of `paths` name an input of v whose bytes changed (not only touched)? */
static int names_a_change(version *v, const char *const *paths, uint32_t np)
{
    for (uint32_t k = 0; k < np; k++) {
        lp_input_info in;
        for (uint32_t i, j = str_index_first(&v->by_path, paths[k]);
             (i = next_input_at(v, paths[k], &j, &in)) != UINT32_MAX;) {
            lp_input_state st;
            if (lp_input_check(v->ws, i, &st) == LP_OK && (st == LP_INPUT_CHANGED || st == LP_INPUT_GONE))
                return 1;
        }
    }
    return 0;
}

void lv_prepare_paths(lp_live *lv, const char *const *paths, uint32_t np)
{
    if (!lv) return;
    pthread_mutex_lock(&lv->refresh_mu);   /* no refresh takes the version meanwhile */
    version *cur = pin(lv);
    /* a reopened version's image is not read again before an input really changed: an event that
     * changes nothing (a touch, a temporary file come and gone) leaves an idle process's memory as
     * it was; and it is read once (a burst has many events; an image whose segments are unusable
     * is left to the refresh, which then builds without them) */
    if (!cur->prepared && ws_image_segments_due(cur->ws) && index_paths(cur) == 0 &&
        names_a_change(cur, paths, np)) {
        cur->prepared = 1;
        ws_prepare_refresh(cur->ws);
    }
    unpin(cur);
    pthread_mutex_unlock(&lv->refresh_mu);
}

struct lp_changes_mem {
    ar_arena arena;
};

static int refresh(lp_live *lv, const char *const *paths, uint32_t np, lp_changes *c);

/* The next version after cur into v->ws, resolved (on this thread): the
 * files whose bytes did not change are not read again, their segments are
 * taken from cur (its first inputs are its files, changed[] says which of
 * them changed).  With an index cache its image is written at close, not
 * by each refresh: a whole image (11 MB for aws_compliance) per edit was
 * most of a refresh's time. */
static int build_next(version *cur, const uint8_t *changed, version *v)
{
    /* the same directory and options (the current version's copies); the
     * new version's diagnostics are reported in the change set, not to the
     * callbacks, which are the first open's */
    lp_workspace_opts o = *lp_workspace_options(cur->ws);
    o.diag = NULL;
    o.on_resolved = NULL;
    /* the refresh waits for the resolution: on this thread, not a new one */
    int background = !o.no_background;
    o.no_background = 1;
    lp_error err;
    ws_reuse reuse = { .keep_segs = 1, .prev = cur->ws, .prev_changed = changed, .defer_image = 1 };
    int rc = ws_open_ex(lp_workspace_dir(cur->ws), &o, &reuse, &v->ws, &err);
    if (rc != LP_OK) return rc;
    idx_opts_mut(v->ws)->no_background = !background;   /* the options as the first open had them */
    lp_wait_resolved(v->ws, -1);
    v->image_due = o.index_cache != NULL;
    return LP_OK;
}

/* v becomes the current version, under a new number (returned).  Under
 * refresh_mu. */
static uint32_t publish(lp_live *lv, version *v)
{
    (*idx_live_slot(v->ws)) = v;
    pthread_mutex_lock(&lv->mu);
    version *old = lv->cur;
    v->number = ++lv->next_number;
    atomic_init(&v->pins, 1);     /* the handle's */
    lv->cur = v;
    pthread_mutex_unlock(&lv->mu);
    unpin(old);                  /* the handle's pin on the old version */
    return v->number;
}

/* c cleared, with its memory: 0, or -1 out of memory. */
static int changes_init(lp_changes *c)
{
    memset(c, 0, sizeof *c);
    c->mem = mem_calloc(1, sizeof *c->mem);
    if (!c->mem) return -1;
    ar_init(&c->mem->arena, 16 * 1024);
    return 0;
}

/* A refresh's check of cur's inputs named in paths (NULL: every input): *changed (in c's arena)
 * gets what it found of each input (changed_input), c->reason the first that changed, or NULL. */
static int check_inputs(version *cur, const char *const *paths, uint32_t np, lp_changes *c,
                        uint8_t **changed)
{
    ar_arena *a = &c->mem->arena;
    uint32_t *nc = &c->inputs_checked, *nch = &c->inputs_changed;
    *changed = ar_zalloc(a, (size_t)lp_input_count(cur->ws) + 1);
    if (!*changed) return LP_ERR_NOMEM;
    if (!paths) c->reason = changed_input(cur->ws, a, nc, nch, *changed);
    else if (index_paths(cur) == 0) c->reason = changed_path(cur, paths, np, a, nc, nch, *changed);
    else c->reason = changed_input(cur->ws, a, nc, nch, *changed);   /* no memory for the index */
    return LP_OK;
}

/* The version after cur (changed: its check) into *out, not published, and c's change set from
 * comparing the two; *made: how its payload was made. */
static int next_version(version *cur, const uint8_t *changed, lp_changes *c, version **out, int *made)
{
    uint64_t t1 = now_ns();
    *out = NULL;
    version *v = version_new();
    if (!v) return LP_ERR_NOMEM;
    int rc = build_next(cur, changed, v);
    if (rc != LP_OK) {
        version_free(v);
        return rc;
    }
    c->build_ns = now_ns() - t1;
    c->files_reused = idx_segments_of(v->ws)->reused_files;
    c->files_scanned =
        idx_stats(v->ws)->reopened ? 0 : idx_tab(v->ws)->nfiles - idx_segments_of(v->ws)->reused_files;
    rs_carry_counts(v->ws, &c->entries_evaluated, &c->entries_reused);
    *made = PAYLOAD_NOT_MADE;
    if (compare(c, &c->mem->arena, cur, v, made) != 0) {
        version_free(v);
        return LP_ERR_NOMEM;
    }
    c->changed = 1;
    *out = v;
    return LP_OK;
}

/* ------------------------------------------------------------ a burst's version built ahead */

/* The version a burst's refresh would publish, built while the watcher's debounce waits
 * (lv_prepare_candidate), kept with what its check saw until that refresh publishes it or any
 * refresh or event drops it.  Under refresh_mu. */
typedef struct candidate {
    version *from;               /* the version it was built from (pinned) */
    version *v;                  /* not published: only this thread reads it */
    lp_changes changes;          /* its change set; prepared_ns set */
    const uint8_t *changed;      /* per input of from: what its check found (in changes' arena) */
    uint64_t paths_key;          /* the paths its check was given */
    int made;                    /* how its payload was made */
} candidate;

static void candidate_free(candidate *k)
{
    version_free(k->v);
    lp_changes_free(&k->changes);
    if (k->from) unpin(k->from);
    mem_free(k, sizeof *k);
}

static void candidate_drop(lp_live *lv)
{
    if (lv->ahead) candidate_free(lv->ahead);
    lv->ahead = NULL;
}

static uint64_t paths_key(const char *const *paths, uint32_t np)
{
    XXH3_state_t st;
    XXH3_64bits_reset(&st);
    XXH3_64bits_update(&st, &np, sizeof np);
    for (uint32_t k = 0; k < np; k++) XXH3_64bits_update(&st, paths[k], strlen(paths[k]) + 1);
    return XXH3_64bits_digest(&st);
}

/* Does every input of v at one of `paths` read as v recorded it: the same bytes (a record made
 * within the racy window is hashed: inp_check) and the same stat?  Stricter than a refresh's
 * check, which calls other stat with the same bytes touched: the version published must record
 * what a refresh now would. */
static int reads_as_recorded(version *v, const char *const *paths, uint32_t np)
{
    if (index_paths(v) != 0) return 0;
    for (uint32_t k = 0; k < np; k++) {
        lp_input_info in;
        for (uint32_t i, j = str_index_first(&v->by_path, paths[k]);
             (i = next_input_at(v, paths[k], &j, &in)) != UINT32_MAX;) {
            lp_input_state st;
            srcfile_info now;
            int is_dir;
            if (lp_input_check(v->ws, i, &st) != LP_OK || st != LP_INPUT_SAME) return 0;
            if (!in.present) continue;
            if (srcfile_stat(in.path, &now, &is_dir) != 0 || now.mtime_ns != in.mtime_ns ||
                now.ino != in.inode || now.dev != in.device || (!is_dir && now.size != in.size))
                return 0;
        }
    }
    return 1;
}

int lv_prepare_candidate(lp_live *lv, const char *const *paths, uint32_t np)
{
    if (!lv || !paths) return 0;
    candidate *k = mem_calloc(1, sizeof *k);
    if (!k) return 0;
    pthread_mutex_lock(&lv->refresh_mu);
    candidate_drop(lv);
    uint64_t t0 = now_ns();
    version *cur = pin(lv);
    lp_wait_resolved(cur->ws, -1);
    uint8_t *changed = NULL;
    int kept = changes_init(&k->changes) == 0 && index_paths(cur) == 0 &&
               check_inputs(cur, paths, np, &k->changes, &changed) == LP_OK && k->changes.reason &&
               next_version(cur, changed, &k->changes, &k->v, &k->made) == LP_OK && index_paths(k->v) == 0;
    k->from = cur;
    if (kept) {
        k->changed = changed;
        k->paths_key = paths_key(paths, np);
        k->changes.prepared_ns = now_ns() - t0;
        lv->ahead = k;
        lv->ahead_built++;
    } else {
        candidate_free(k);
    }
    pthread_mutex_unlock(&lv->refresh_mu);
    return kept;
}

void lv_drop_candidate(lp_live *lv)
{
    pthread_mutex_lock(&lv->refresh_mu);
    candidate_drop(lv);
    pthread_mutex_unlock(&lv->refresh_mu);
}

/* The candidate published, its change set moved into c, when it is the version this refresh
 * would build: built from cur for the same paths, its check found what this one did (changed),
 * and every named input still reads as it read it.  1 when published.  Under refresh_mu. */
static int take_candidate(lp_live *lv, version *cur, const char *const *paths, uint32_t np,
                          const uint8_t *changed, uint64_t t0, lp_changes *c)
{
    candidate *k = lv->ahead;
    if (!k || !paths || k->from != cur || !c->reason || k->paths_key != paths_key(paths, np) ||
        memcmp(k->changed, changed, lp_input_count(cur->ws)) != 0 || !reads_as_recorded(k->v, paths, np))
        return 0;
    lv->ahead = NULL;
    uint32_t checked = c->inputs_checked;
    lp_changes_free(c);
    *c = k->changes;
    c->inputs_checked = checked;
    c->check_ns = now_ns() - t0;   /* the check and the confirmation */
    lv->spliced += k->made == PAYLOAD_SPLICED;
    lv->shared += k->made == PAYLOAD_SHARED;
    lv->ahead_published++;
    c->version = publish(lv, k->v);
    unpin(k->from);
    mem_free(k, sizeof *k);
    return 1;
}

/* ------------------------------------------------------------ refresh */

int lp_refresh(lp_live *lv, lp_changes *c) { return refresh(lv, NULL, 0, c); }

int lv_refresh_paths(lp_live *lv, const char *const *paths, uint32_t n, lp_changes *c)
{
    return refresh(lv, paths, n, c);
}

/* paths NULL: check every input; else only those named there.  A candidate that is what this
 * refresh would build is published as it is; any other is dropped. */
static int refresh(lp_live *lv, const char *const *paths, uint32_t np, lp_changes *c)
{
    if (!lv || !c) return LP_ERR_ARG;
    if (changes_init(c) != 0) return LP_ERR_NOMEM;
    uint64_t t0 = now_ns();
    pthread_mutex_lock(&lv->refresh_mu);
    version *cur = pin(lv);
    /* phase 2's inputs (variable files, file() targets) are known once it is done */
    lp_wait_resolved(cur->ws, -1);
    uint8_t *changed;
    int rc = check_inputs(cur, paths, np, c, &changed);
    c->check_ns = now_ns() - t0;
    if (rc != LP_OK || take_candidate(lv, cur, paths, np, changed, t0, c)) goto done;
    candidate_drop(lv);
    if (!c->reason) {
        c->version = cur->number;
        goto done;
    }
    version *v;
    int made;
    rc = next_version(cur, changed, c, &v, &made);
    if (rc != LP_OK) goto done;
    lv->spliced += made == PAYLOAD_SPLICED;
    lv->shared += made == PAYLOAD_SHARED;
    c->version = publish(lv, v);
done:
    candidate_drop(lv);
    unpin(cur);
    pthread_mutex_unlock(&lv->refresh_mu);
    c->total_ns = now_ns() - t0;
    return rc;
}

void lp_changes_free(lp_changes *c)
{
    if (!c || !c->mem) return;
    ar_free(&c->mem->arena);
    mem_free(c->mem, sizeof *c->mem);
    memset(c, 0, sizeof *c);
}

void lp_live_close(lp_live *lv)
{
    if (!lv) return;
    lv_watch_stop(lv);
    candidate_drop(lv);          /* it pins the current version */
    pthread_mutex_lock(&lv->mu);
    version *v = lv->cur;
    lv->cur = NULL;
    pthread_mutex_unlock(&lv->mu);
    /* what the refreshes deferred: the next open reopens this version instead of patching an older one */
    char why[200];
    if (v->image_due) ws_save_image(v->ws, why, sizeof why);
    unpin(v);                    /* closes it, unless a reader still holds it: then its release does */
    pthread_mutex_destroy(&lv->mu);
    pthread_mutex_destroy(&lv->refresh_mu);
    mem_free(lv, sizeof *lv);
}

struct lv_watch **lv_watch_slot(lp_live *lv) { return &lv->watch; }

void lv_set_watch_timing(lp_live *lv, int debounce_ms, int quiet_ms)
{
    lv->debounce_ms = debounce_ms;
    lv->quiet_ms = quiet_ms;
}

void lv_watch_timing(const lp_live *lv, int *debounce_ms, int *quiet_ms)
{
    if (lv->debounce_ms > 0) *debounce_ms = lv->debounce_ms;
    if (lv->quiet_ms > 0) *quiet_ms = lv->quiet_ms;
}

void lv_ahead_counts(lp_live *lv, uint64_t *built, uint64_t *published)
{
    pthread_mutex_lock(&lv->refresh_mu);
    *built = lv->ahead_built;
    *published = lv->ahead_published;
    pthread_mutex_unlock(&lv->refresh_mu);
}

void lv_payload_counts(lp_live *lv, uint64_t *spliced, uint64_t *shared)
{
    pthread_mutex_lock(&lv->refresh_mu);
    *spliced = lv->spliced;
    *shared = lv->shared;
    pthread_mutex_unlock(&lv->refresh_mu);
}
