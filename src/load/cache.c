/* cache.c — the LRU cache of loaded resources and the public loading API
 * (see load.h, lazypipe.h "loading").
 *
 * Policy (POWERPIPE_BEHAVIOR §7.4 with §13.11): one item per entry, most
 * recently used first; after an insert or a release, the least recently
 * used unpinned items are evicted while the count exceeds max_entries (when
 * set) and while the bytes exceed the budget (strictly greater: an item
 * exactly at the budget stays; an item larger than the budget is evicted as
 * soon as nobody holds it).  A hit moves the item to the front.  Pinned items
 * are skipped by eviction, never freed.  Invalidation removes items without
 * counting an eviction; a pinned one is freed by its last release.
 *
 * Two threads missing the same entry at once both load it (neither waits
 * for the other); the second to finish finds the first's item, frees its
 * own and takes a pin on the cached one, so every holder of an entry shares
 * one item.
 */
#include "base/err.h"
#include "base/mem.h"
#include "image/persist.h"
#include "load/load.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static _Atomic(ld_cache *) *cache_slot(lp_workspace *ws)
{
    return &idx_load_part(ws)->cache;
}

/* The workspace's cache, made on first use (a losing racer frees its copy). */
static ld_cache *cache_get(lp_workspace *ws)
{
    ld_cache *c = atomic_load_explicit(cache_slot(ws), memory_order_acquire);
    if (c) return c;
    c = mem_calloc(1, sizeof *c);
    if (!c) return NULL;
    c->nbuckets = 64;
    c->buckets = mem_calloc(c->nbuckets, sizeof *c->buckets);
    if (!c->buckets) {
        mem_free(c, sizeof *c);
        return NULL;
    }
    pthread_mutex_init(&c->mu, NULL);
    c->ws = ws;
    c->budget = idx_opts(ws)->cache_budget ? idx_opts(ws)->cache_budget : LD_DEFAULT_BUDGET;
    c->max_entries = idx_opts(ws)->cache_max_entries;
    ld_cache *none = NULL;
    if (!atomic_compare_exchange_strong_explicit(cache_slot(ws), &none, c, memory_order_acq_rel,
                                                 memory_order_acquire)) {
        pthread_mutex_destroy(&c->mu);
        mem_free(c->buckets, (size_t)c->nbuckets * sizeof *c->buckets);
        mem_free(c, sizeof *c);
        return none;
    }
    idx_load_part(ws)->free_cache = ld_cache_free;   /* only the winner writes it; lp_close reads it */
    return c;
}

/* ------------------------------------------------------------ the list (mu held) */

static uint32_t bucket_of(const ld_cache *c, uint32_t id)
{
    return (id * 2654435761u) & (c->nbuckets - 1);
}

static ld_item *find(const ld_cache *c, uint32_t id)
{
    for (ld_item *it = c->buckets[bucket_of(c, id)]; it; it = it->hnext)
        if (it->id == id) return it;
    return NULL;
}

/* Add it to the table, doubling the buckets past one item per bucket (a
 * failed growth keeps the old table: longer chains, nothing lost). */
static void table_add(ld_cache *c, ld_item *it)
{
    if (c->entries >= c->nbuckets) {
        uint32_t nb = c->nbuckets * 2;
        ld_item **b = mem_calloc(nb, sizeof *b);
        if (b) {
            for (uint32_t i = 0; i < c->nbuckets; i++)
                for (ld_item *x = c->buckets[i], *next; x; x = next) {
                    next = x->hnext;
                    uint32_t j = (x->id * 2654435761u) & (nb - 1);
                    x->hnext = b[j];
                    b[j] = x;
                }
            mem_free(c->buckets, (size_t)c->nbuckets * sizeof *c->buckets);
            c->buckets = b;
            c->nbuckets = nb;
        }
    }
    uint32_t j = bucket_of(c, it->id);
    it->hnext = c->buckets[j];
    c->buckets[j] = it;
}

static void table_remove(ld_cache *c, ld_item *it)
{
    for (ld_item **p = &c->buckets[bucket_of(c, it->id)]; *p; p = &(*p)->hnext)
        if (*p == it) {
            *p = it->hnext;
            break;
        }
    it->hnext = NULL;
}

static void unlink_item(ld_cache *c, ld_item *it)
{
    if (it->prev) it->prev->next = it->next;
    else c->mru = it->next;
    if (it->next) it->next->prev = it->prev;
    else c->lru = it->prev;
    it->prev = it->next = NULL;
}

static void push_front(ld_cache *c, ld_item *it)
{
    it->prev = NULL;
    it->next = c->mru;
    if (c->mru) c->mru->prev = it;
    c->mru = it;
    if (!c->lru) c->lru = it;
}

/* Take it out of the cache; the caller frees it when unpinned. */
static void remove_item(ld_cache *c, ld_item *it)
{
    unlink_item(c, it);
    table_remove(c, it);
    c->entries--;
    c->bytes -= it->bytes;
    it->cached = 0;
}

/* Evict what the limits ask for; the victims are chained on *out (through
 * next) to be freed after the lock is dropped. */
static void evict(ld_cache *c, ld_item **out)
{
    ld_item *it = c->lru;
    while (it && ((c->max_entries && c->entries > c->max_entries) || c->bytes > c->budget)) {
        ld_item *prev = it->prev;
        if (!it->refs) {
            remove_item(c, it);
            c->evictions++;
            it->next = *out;
            *out = it;
        }
        it = prev;
    }
}

static void free_chain(ld_item *it)
{
    while (it) {
        ld_item *next = it->next;
        ld_item_free(it);
        it = next;
    }
}

/* ------------------------------------------------------------ evaluation context */

static ld_work *work_take(ld_cache *c)
{
    pthread_mutex_lock(&c->mu);
    ld_work *w = c->pool;
    if (w) c->pool = w->next;
    pthread_mutex_unlock(&c->mu);
    if (w) return w;
    w = mem_calloc(1, sizeof *w);
    if (w) {
        ar_init(&w->scratch, 64 * 1024);
        ar_init(&w->memo, 16 * 1024);
    }
    return w;
}

static void work_give(ld_cache *c, ld_work *w)
{
    /* a tree of every file can leave megabytes behind: keep what a usual load needs */
    if (w->scratch.reserved > 4u * 1024 * 1024) ar_free(&w->scratch);
    if (w->memo.reserved > 1024u * 1024) ar_free(&w->memo);
    /* a whole file read to verify it (load.c file_whole): the next loads read a block's lines alone */
    if (w->buf.cap > 256u * 1024) srcbuf_free(&w->buf);
    if (w->span.cap > 256u * 1024) {   /* a very long block's lines */
        w->span_len = 0;
        srcbuf_free(&w->span);
    }
    pthread_mutex_lock(&c->mu);
    w->next = c->pool;
    c->pool = w;
    pthread_mutex_unlock(&c->mu);
}

static void work_free(ld_work *w)
{
    ld_work_release(w);
    ar_free(&w->scratch);
    ar_free(&w->memo);
    srcbuf_free(&w->buf);
    srcbuf_free(&w->span);
    srcbuf_free(&w->fbuf);
    mem_free(w, sizeof *w);
}

/* Phase 2's context: this workspace's, once its resolution is done, else
 * the twin's (load.h, EVALUATION CONTEXT). */
static int twin_get(ld_cache *c, ld_env *env, lp_error *err);

static int env_get(ld_cache *c, ld_env *env, lp_error *err)
{
    lp_workspace *ws = c->ws;
    env->ws = ws;
    env->rs = NULL;
    if (idx_resolve_part(ws)->resolver) {
        lp_wait_resolved(ws, -1);
        env->rs = rs_finished(ws);
        return LP_OK;
    }
    pthread_mutex_lock(&c->mu);
    if (!c->scope_tried) {
        /* the resolver wrote its scope into the image: decode it (small), no twin */
        c->scope_tried = 1;
        ar_init(&c->scope_arena, 16 * 1024);
        rs_ctx *rc = ar_alloc(&c->scope_arena, sizeof *rc);
        int got = -2;
        if (rc) {
            memset(rc, 0, sizeof *rc);
            rc->ws = ws;
            got = pst_scope(ws, &c->scope_arena, &rc->mods, &rc->nmods);
        }
        if (got == 0) {
            c->scope = rc;
            c->scope_images++;
        } else {
            ar_free(&c->scope_arena);
        }
        if (got == -2) {
            /* out of memory: the next load decodes again (no twin for a passing shortage) */
            c->scope_tried = 0;
            pthread_mutex_unlock(&c->mu);
            return err_set(err, LP_ERR_NOMEM, "out of memory");
        }
    }
    if (c->scope) {
        env->rs = c->scope;
        pthread_mutex_unlock(&c->mu);
        return LP_OK;
    }
    pthread_mutex_unlock(&c->mu);
    return twin_get(c, env, err);
}

/* The twin's context (load.h, EVALUATION CONTEXT): made on first use. */
static int twin_get(ld_cache *c, ld_env *env, lp_error *err)
{
    lp_workspace *ws = c->ws;
    pthread_mutex_lock(&c->mu);
    if (!c->twin_tried) {
        c->twin_tried = 1;
        lp_workspace_opts o = *idx_opts(ws);
        o.index_cache = NULL;
        o.no_background = 1;
        o.no_resolve = 0;
        o.diag = NULL;
        o.on_resolved = NULL;
        lp_error e;
        /* held while the twin opens: other first loads need it too */
        c->scope_builds++;
        if (lp_open(idx_dir(ws), &o, &c->twin, &e) != LP_OK) c->twin = NULL;
        else if (idx_tab(c->twin)->nmods != idx_tab(ws)->nmods) {
            lp_close(c->twin);   /* mods that moved since: their variables cannot be matched up */
            c->twin = NULL;
        }
    }
    lp_workspace *twin = c->twin;
    pthread_mutex_unlock(&c->mu);
    if (!twin) {
        return err_set(err, LP_ERR_NOMEM, "%s: variables and locals could not be evaluated", idx_dir(ws));
    }
    env->rs = rs_finished(twin);
    return LP_OK;
}

/* ------------------------------------------------------------ public */

/* A variable's whole declaration (description, type, default), which an
 * image's scope does not keep: this workspace's resolution, else the twin's. */
const rs_ctx *ld_full_scope(lp_workspace *ws, lp_error *err)
{
    ld_cache *c = cache_get(ws);
    if (!c) return NULL;
    ld_env env = { ws, NULL };
    if (idx_resolve_part(ws)->resolver) {
        lp_wait_resolved(ws, -1);
        return rs_finished(ws);
    }
    return twin_get(c, &env, err) == LP_OK ? env.rs : NULL;
}

/* The entry's item: the cached one, pinned (*cached = 1; touch: moved to the LRU's front), else a
 * new one materialised for the caller and in no cache yet (*cached = 0), the load counted in c.
 * The public loads' arguments are checked here: *res (their result) is cleared, err too. */
static int find_or_materialise(lp_workspace *ws, uint32_t id, int touch, lp_resource **res, ld_cache **cp,
                               ld_item **out, int *cached, lp_error *err)
{
    if (err) memset(err, 0, sizeof *err);
    if (!res) return LP_ERR_ARG;
    *res = NULL;
    if (!ws || id >= idx_tab(ws)->nentries) {
        return err_set(err, LP_ERR_NOT_FOUND, "resource not found in index: entry %u", id);
    }
    ld_cache *c = *cp = cache_get(ws);
    if (!c) {
        return err_set(err, LP_ERR_NOMEM, "out of memory");
    }
    pthread_mutex_lock(&c->mu);
    ld_item *it = find(c, id);
    if (it) {
        if (!it->refs++) c->pinned++;
        if (touch) {
            unlink_item(c, it);
            push_front(c, it);
        }
        c->hits++;
        pthread_mutex_unlock(&c->mu);
        *out = it;
        *cached = 1;
        return LP_OK;
    }
    c->misses++;
    pthread_mutex_unlock(&c->mu);

    ld_env env;
    int rc = env_get(c, &env, err);
    if (rc != LP_OK) return rc;
    ld_work *w = work_take(c);
    if (!w) {
        return err_set(err, LP_ERR_NOMEM, "out of memory");
    }
    uint64_t t0 = now_ns();
    rc = ld_materialise(&env, id, w, &it, err);
    uint64_t dt = now_ns() - t0;
    work_give(c, w);
    if (rc != LP_OK) return rc;
    pthread_mutex_lock(&c->mu);
    c->loads++;
    c->load_ns += dt;
    pthread_mutex_unlock(&c->mu);
    *out = it;
    *cached = 0;
    return LP_OK;
}

/* A new item added to the cache, pinned; another thread's, when it cached the entry meanwhile. */
static ld_item *cache_add(ld_cache *c, uint32_t id, ld_item *it)
{
    ld_item *victims = NULL, *mine = NULL;
    pthread_mutex_lock(&c->mu);
    ld_item *other = find(c, id);
    if (other) {                 /* another thread loaded it meanwhile: share its item */
        mine = it;
        it = other;
        unlink_item(c, it);
    } else {
        it->cache = c;
        it->cached = 1;
        table_add(c, it);
        c->entries++;
        c->bytes += it->bytes;
    }
    if (!it->refs++) c->pinned++;
    push_front(c, it);
    evict(c, &victims);
    pthread_mutex_unlock(&c->mu);
    ld_item_free(mine);
    free_chain(victims);
    return it;
}

/* keep: a new item goes into the cache; else it is the caller's alone, and one cached by another
 * reader is shared, the LRU order left as it is */
static int load_entry(lp_workspace *ws, uint32_t id, int keep, lp_resource **out, lp_error *err)
{
    ld_cache *c = NULL;
    ld_item *it = NULL;
    int cached = 0;
    int rc = find_or_materialise(ws, id, keep, out, &c, &it, &cached, err);
    if (rc != LP_OK) return rc;
    if (!cached && keep) {
        it = cache_add(c, id, it);
    } else if (!cached) {
        pthread_mutex_lock(&c->mu);
        it->cache = c;           /* not cached: lp_resource_release frees it with its last pin */
        it->cached = 0;
        it->refs = 1;
        c->pinned++;
        pthread_mutex_unlock(&c->mu);
    }
    *out = it->root;
    return LP_OK;
}

int lp_load_entry(lp_workspace *ws, uint32_t id, lp_resource **out, lp_error *err)
{
    return load_entry(ws, id, 1, out, err);
}

int lp_load_entry_uncached(lp_workspace *ws, uint32_t id, lp_resource **out, lp_error *err)
{
    return load_entry(ws, id, 0, out, err);
}

/* The cache's context and a pooled work, for a reader outside a load (work_give it back): LP_OK, or
 * the failure in err (NULL: not said). */
static int work_open(lp_workspace *ws, ld_cache **c, ld_env *env, ld_work **w, lp_error *err)
{
    *c = ws ? cache_get(ws) : NULL;
    int rc = *c ? env_get(*c, env, err) : LP_ERR_NOMEM;
    *w = rc == LP_OK ? work_take(*c) : NULL;
    if (rc == LP_OK && !*w) rc = LP_ERR_NOMEM;
    if (rc == LP_ERR_NOMEM && err && !err->code) err_set(err, LP_ERR_NOMEM, "out of memory");
    return rc;
}

int ld_eval_open(lp_workspace *ws, uint32_t mod, ld_eval **out, lp_error *err)
{
    *out = NULL;
    ld_cache *c;
    ld_env env;
    ld_work *w;
    int rc = work_open(ws, &c, &env, &w, err);
    if (rc != LP_OK) return rc;
    ld_eval *e = mem_malloc(ld_eval_size());
    if (!e) {
        work_give(c, w);
        if (err && !err->code) err_set(err, LP_ERR_NOMEM, "out of memory");
        return LP_ERR_NOMEM;
    }
    ld_eval_init(e, &env, w, mod);
    *out = e;
    return LP_OK;
}

void ld_eval_close(lp_workspace *ws, ld_eval *e)
{
    if (!e) return;
    work_give(atomic_load_explicit(cache_slot(ws), memory_order_acquire), ld_eval_work(e));
    mem_free(e, ld_eval_size());
}

static int mod_database(lp_workspace *ws, uint32_t mod, const char *dep, lp_buf *out, lp_error *err)
{
    ld_cache *c;
    ld_env env;
    ld_work *w;
    int rc = work_open(ws, &c, &env, &w, err);
    if (rc != LP_OK) return rc;
    rc = ld_mod_database(&env, mod, dep, w, out, err);
    work_give(c, w);
    return rc;
}

int lp_mod_database(lp_workspace *ws, uint32_t mod, lp_buf *out, lp_error *err)
{
    lp_error local;
    if (!err) err = &local;
    memset(err, 0, sizeof *err);
    if (!ws || !out || mod >= idx_tab(ws)->nmods) {
        return err_set(err, LP_ERR_ARG, "no such mod");
    }
    return mod_database(ws, mod, NULL, out, err);
}

int lp_require_database(lp_workspace *ws, uint32_t i, lp_buf *out, lp_error *err)
{
    lp_error local;
    if (!err) err = &local;
    memset(err, 0, sizeof *err);
    lp_require_info ri;
    if (!ws || !out || lp_require_get(ws, i, &ri) != LP_OK) {
        return err_set(err, LP_ERR_ARG, "no such requirement");
    }
    return mod_database(ws, 0, ri.path, out, err);
}

int lp_entry_source(lp_workspace *ws, uint32_t id, lp_buf *out, lp_error *err)
{
    lp_error local;
    if (!err) err = &local;
    memset(err, 0, sizeof *err);
    if (!ws || !out || id >= idx_tab(ws)->nentries) return err_set(err, LP_ERR_ARG, "no such resource");
    ld_cache *c;
    ld_env env;
    ld_work *w;
    int rc = work_open(ws, &c, &env, &w, err);
    if (rc != LP_OK) return rc;
    rc = ld_source(&env, id, w, out, err);
    work_give(c, w);
    return rc;
}

static uint32_t lookup_any(const lp_workspace *ws, const char *name, size_t len);

int lp_load(lp_workspace *ws, const char *full_name, lp_resource **out, lp_error *err)
{
    uint32_t id = ws && full_name ? lookup_any(ws, full_name, strlen(full_name)) : LP_NO_ENTRY;
    if (id == LP_NO_ENTRY) {
        err_set(err, LP_ERR_NOT_FOUND, "resource not found in index: %s", full_name ? full_name : "(null)");
        if (out) *out = NULL;
        return LP_ERR_NOT_FOUND;
    }
    return lp_load_entry(ws, id, out, err);
}

void lp_resource_release(lp_resource *r)
{
    if (!r) return;
    ld_item *it = r->item;
    ld_cache *c = it->cache;
    if (!c) {                    /* never cached (cannot happen through lp_load): it is the holder's */
        ld_item_free(it);
        return;
    }
    ld_item *victims = NULL, *gone = NULL;
    pthread_mutex_lock(&c->mu);
    if (it->refs && !--it->refs) {
        c->pinned--;
        if (!it->cached) gone = it;      /* invalidated while held */
        else evict(c, &victims);
    }
    pthread_mutex_unlock(&c->mu);
    ld_item_free(gone);
    free_chain(victims);
}

void lp_cache_stats_get(lp_workspace *ws, lp_cache_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!ws) return;
    ld_cache *c = atomic_load_explicit(cache_slot(ws), memory_order_acquire);
    if (!c) {
        out->budget = idx_opts(ws)->cache_budget ? idx_opts(ws)->cache_budget : LD_DEFAULT_BUDGET;
        out->max_entries = idx_opts(ws)->cache_max_entries;
        return;
    }
    pthread_mutex_lock(&c->mu);
    out->entries = c->entries;
    out->bytes = c->bytes;
    out->budget = c->budget;
    out->max_entries = c->max_entries;
    out->pinned = c->pinned;
    out->hits = c->hits;
    out->misses = c->misses;
    out->evictions = c->evictions;
    out->loads = c->loads;
    out->load_ns = c->load_ns;
    out->scope_builds = c->scope_builds;
    out->scope_images = c->scope_images;
    pthread_mutex_unlock(&c->mu);
}

void lp_cache_invalidate(lp_workspace *ws, uint32_t id)
{
    ld_cache *c = ws ? atomic_load_explicit(cache_slot(ws), memory_order_acquire) : NULL;
    if (!c) return;
    ld_item *freed = NULL;
    pthread_mutex_lock(&c->mu);
    for (ld_item *it = c->mru, *next; it; it = next) {
        next = it->next;
        if (id != LP_NO_ENTRY && it->id != id) continue;
        remove_item(c, it);
        if (!it->refs) {
            it->next = freed;
            freed = it;
        }
    }
    pthread_mutex_unlock(&c->mu);
    free_chain(freed);
}

void ld_cache_free(lp_workspace *ws)
{
    ld_cache *c = atomic_load_explicit(cache_slot(ws), memory_order_acquire);
    if (!c) return;
    /* lp_close: the handles go with the workspace */
    free_chain(c->mru);
    for (ld_work *w = c->pool, *next; w; w = next) {
        next = w->next;
        work_free(w);
    }
    if (c->twin) lp_close(c->twin);
    ar_free(&c->scope_arena);
    pthread_mutex_destroy(&c->mu);
    mem_free(c->buckets, (size_t)c->nbuckets * sizeof *c->buckets);
    mem_free(c, sizeof *c);
    atomic_store(cache_slot(ws), NULL);
}

/* ------------------------------------------------------------ targets */

/* A full name, or a dashboard's own input (scoped: not in the name table,
 * found by a scan of the inputs; the first in id order). */
static uint32_t lookup_any(const lp_workspace *ws, const char *name, size_t len)
{
    uint32_t id = idx_lookup(ws, name, len);
    if (id != LP_NO_ENTRY) return id;
    for (id = lp_next_of_kind(ws, LP_KIND_INPUT, LP_NO_ENTRY); id != LP_NO_ENTRY;
         id = lp_next_of_kind(ws, LP_KIND_INPUT, id)) {
        const char *n = idx_str(ws, idx_tab(ws)->entries[id].name);
        if ((idx_tab(ws)->entries[id].flags & IDX_SCOPED) && strlen(n) == len && !memcmp(n, name, len))
            return id;
    }
    return LP_NO_ENTRY;
}

static uint32_t try_name(const lp_workspace *ws, lp_kind kind, const char *mod, const char *type,
                         const char *name)
{
    char buf[2048];
    int k = snprintf(buf, sizeof buf, "%s.%s.%s", mod, type, name);
    if (k < 0 || (size_t)k >= sizeof buf) return LP_NO_ENTRY;
    uint32_t id = lookup_any(ws, buf, (size_t)k);
    if (id == LP_NO_ENTRY) return id;
    unsigned ek = idx_tab(ws)->entries[id].kind;
    int ok = ek == (unsigned)kind || (kind == LP_KIND_BENCHMARK && idx_kind_is_benchmark(ek));
    return ok ? id : LP_NO_ENTRY;
}

/* Every mod's try, the main mod first; with LP_KIND_BENCHMARK both benchmark
 * block types. */
static uint32_t try_mods(const lp_workspace *ws, lp_kind kind, const char *type, const char *name)
{
    for (uint32_t m = 0; m < idx_tab(ws)->nmods; m++) {
        const char *mn = idx_str(ws, idx_tab(ws)->mods[m].name);
        uint32_t id = try_name(ws, kind, mn, type, name);
        if (id == LP_NO_ENTRY && kind == LP_KIND_BENCHMARK && !strcmp(type, "benchmark"))
            id = try_name(ws, kind, mn, "detection_benchmark", name);
        if (id != LP_NO_ENTRY) return id;
    }
    return LP_NO_ENTRY;
}

uint32_t lp_resolve_target(const lp_workspace *ws, lp_kind kind, const char *name)
{
    if (!ws || !name || (unsigned)kind >= LP_KIND__COUNT) return LP_NO_ENTRY;
    const char *d1 = strchr(name, '.'), *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
    if (d2 && strchr(d2 + 1, '.')) return LP_NO_ENTRY;   /* more than 3 parts */
    /* names say var.x for a variable */
    if (!d1) return try_mods(ws, kind, idx_kind_name_types[kind], name);
    char first[512];
    size_t fl = (size_t)(d1 - name);
    if (fl >= sizeof first) return LP_NO_ENTRY;
    memcpy(first, name, fl);
    first[fl] = 0;
    if (!d2) {
        /* type.name, the main mod first; or mod.name of this kind */
        if (lp_kind_from_name(first) >= 0 || !strcmp(first, idx_kind_name_types[kind]))
            return try_mods(ws, kind, first, d1 + 1);
        uint32_t id = try_name(ws, kind, first, idx_kind_names[kind], d1 + 1);
        if (id == LP_NO_ENTRY && kind == LP_KIND_BENCHMARK)
            id = try_name(ws, kind, first, "detection_benchmark", d1 + 1);
        return id;
    }
    uint32_t id = lookup_any(ws, name, strlen(name));
    if (id == LP_NO_ENTRY) return id;
    unsigned ek = idx_tab(ws)->entries[id].kind;
    return ek == (unsigned)kind || (kind == LP_KIND_BENCHMARK && idx_kind_is_benchmark(ek)) ? id
                                                                                            : LP_NO_ENTRY;
}
