/* carry.c — a refresh's carry-over: what a resolution takes from the previous version of the
 * workspace, or from the index image that version was reopened from (resolve.c runs the rest).
 *
 * While an entry is evaluated the scope callbacks record what it reads (rs_dep: var.X, local.X,
 * `var`/`local` whole, resources by full name, file() targets by path, the
 * environment).  A refresh's resolution shares the previous version's
 * variables and locals when nothing loading read can differ (scope_share:
 * the same locals/variable/mod blocks, variable files, environment; no
 * local reading a resource), else loads them again (their values are what
 * the comparison needs); then rs_carry_over decides per entry: evaluated again
 * when the text it evaluates differs (its file scanned again and its captured
 * attributes not the same bytes in the same place: same_text; an entry
 * carried from such a file still counts as changed for its readers), when it
 * is new, or when a read differs
 * (a variable or local whose value differs, a file() target the refresh
 * found changed, the environment, a resource evaluated again or gone:
 * propagated to a fixed point) — only the fields whose reads differ when it
 * reads no other entry and had no diagnostic (keep_parts: the other fields
 * are the previous record's); else the previous version's record is
 * published as it is — a record holds only what evaluation gave, with its
 * strings in the previous version's values store, which the new one
 * references (rs_vstore; copied instead once that chain is long) — with its
 * diagnostics, counts, dependencies and file() inputs.  Locals read locals
 * through their values, so a change propagates without local -> local
 * records.  Everything else runs as in a first resolution, in id order, so
 * the result equals a fresh open's.  A refresh keeps the syntax trees it
 * parses for entries evaluated again with their segment unchanged, and for
 * the blocks of unchanged files when it loads variables and locals again;
 * the next refresh evaluates the same pieces from them (rs_tree: a local
 * every control reads made each refresh parse every control's tags again).
 * A previous version reopened from the index image has no resolver: the
 * image's records (what each entry read, the fields its record evaluated,
 * the diagnostics by entry, the inputs, the scope) are decoded for the
 * refresh through the image layer's hook (rs_part.image_records, carry_image)
 * and the records carried over are made anew in this version's store from
 * the image's overlay (image_record); its scope is shared as the image
 * keeps it (decoded into this version's values) when what its loading read
 * is unchanged (the image keeps that too: scope_share_image), else loaded
 * again, and no tree is kept from it.
 */
#include "resolve/resolveInt.h"
#include "base/mem.h"
#include "index/schema.h"
#include "index/seg.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static int local_same(const rs_local *x, const rs_local *y)
{
    if (!x || !y) return !x && !y;
    int okx = x->state == RS_LOCAL_DONE && x->ok, oky = y->state == RS_LOCAL_DONE && y->ok;
    return okx == oky && x->failed == y->failed && (!okx || lpv_same(x->val, y->val));
}

/* What changed between the scopes of the previous and the new resolution,
 * per mod, each answer computed once (aws_compliance: every control reads
 * the same few locals). */
typedef struct scope_diff {
    int8_t *local;               /* per local of the new mod: -1 unknown, 0 same, 1 changed */
    int8_t *var;                 /* per variable of the new mod */
    int8_t all_locals, all_vars; /* `local` / `var` as a whole */
} scope_diff;

/* The file() and fileexists() targets the refresh found changed (few: more
 * than RS_MAX_FILES changed, or unknown, count every target as changed). */
#define RS_MAX_FILES 64
typedef struct file_diff {
    const char *path[RS_MAX_FILES];
    uint32_t n;
    int all;
} file_diff;

static void file_diff_make(const rs_resolver *r, const rs_ctx *pc, file_diff *fd)
{
    const lp_workspace *prev = r->prev;
    fd->n = 0;
    fd->all = !r->prev_changed;
    uint32_t base = idx_tab(prev)->nfiles + idx_tab(prev)->inputs.n;
    for (uint32_t k = 0; !fd->all && k < pc->inputs.n; k++) {
        if (r->prev_changed[base + k] != 1 || pc->inputs.v[k].kind != LP_INPUT_FILE_FN) continue;
        if (fd->n == RS_MAX_FILES) fd->all = 1;
        else fd->path[fd->n++] = pc->inputs.v[k].path;
    }
}

/* The answers of dep_changed by the dependency's name string (names are
 * stored once per context, rs_str: the entries that read local.x share it). */
#define DEP_CACHE 4096
typedef struct dep_cache {
    const char *name[DEP_CACHE];
    uint32_t key[DEP_CACHE];     /* mod << 8 | kind */
    int8_t res[DEP_CACHE];
} dep_cache;

static int dep_changed_(const rs_ctx *c, const rs_ctx *pc, scope_diff *sd, const file_diff *fd,
                        const rs_dep *d);

static int dep_changed(const rs_ctx *c, const rs_ctx *pc, scope_diff *sd, const file_diff *fd, dep_cache *dc,
                       const rs_dep *d)
{
    if (!dc || !d->name || (d->kind != RS_DEP_VAR && d->kind != RS_DEP_LOCAL))
        return dep_changed_(c, pc, sd, fd, d);
    uint32_t key = d->mod << 8 | d->kind;
    uint32_t j = (si_ptr_hash(d->name) + key) & (DEP_CACHE - 1);
    if (dc->name[j] == d->name && dc->key[j] == key) return dc->res[j];
    int r = dep_changed_(c, pc, sd, fd, d);
    dc->name[j] = d->name;
    dc->key[j] = key;
    dc->res[j] = (int8_t)r;
    return r;
}

static int dep_changed_(const rs_ctx *c, const rs_ctx *pc, scope_diff *sd, const file_diff *fd,
                        const rs_dep *d)
{
    if (d->kind == RS_DEP_FILE) {
        if (fd->all || !d->name) return 1;
        for (uint32_t i = 0; i < fd->n; i++)
            if (strcmp(fd->path[i], d->name) == 0) return 1;
        return 0;
    }
    if (c->scope_shared && (d->kind == RS_DEP_VAR || d->kind == RS_DEP_LOCAL))
        return 0;   /* the very values the previous version read */
    const rs_mod *m = &c->mods[d->mod], *pm = &pc->mods[d->mod];
    scope_diff *x = &sd[d->mod];
    switch (d->kind) {
    case RS_DEP_VAR:
        if (!d->name) {
            if (x->all_vars < 0) x->all_vars = !lpv_same(m->var_obj, pm->var_obj);
            return x->all_vars;
        } else {
            size_t n = strlen(d->name);
            const rs_var *v = rs_var_find(m, d->name, n), *pv = rs_var_find(pm, d->name, n);
            if (!v || !pv) return !v != !pv;
            int8_t *k = &x->var[v - m->vars];
            if (*k < 0) *k = !lpv_same(v->val, pv->val);
            return *k;
        }
    case RS_DEP_LOCAL:
        if (!d->name) {
            if (x->all_locals < 0) {
                x->all_locals = m->nlocals != pm->nlocals;
                for (uint32_t i = 0; !x->all_locals && i < m->nlocals; i++)
                    x->all_locals = m->locals[i].nlen != pm->locals[i].nlen ||
                                    memcmp(m->locals[i].name, pm->locals[i].name, m->locals[i].nlen) != 0 ||
                                    !local_same(&m->locals[i], &pm->locals[i]);
            }
            return x->all_locals;
        } else {
            size_t n = strlen(d->name);
            const rs_local *l = rs_local_find(m, d->name, n), *pl = rs_local_find(pm, d->name, n);
            if (!l || !pl) return !l != !pl;
            int8_t *k = &x->local[l - m->locals];
            if (*k < 0) *k = !local_same(l, pl);
            return *k;
        }
    case RS_DEP_RES:
    case RS_DEP_NAME: return 0;   /* by propagation (carry_fixed_point) */
    default: return 1;           /* files, the environment: read again */
    }
}

/* The names of the entries whose readers are evaluated again: an entry
 * reading `name` does not read what it read before exactly when the new
 * entry of that name is to be evaluated again (an entry with no previous
 * one is), or when only the previous version has one.  (A new entry paired
 * with an old one, by position or by name, has its name, and that old one
 * is the entry the previous name table gives.)  So: every dirty entry's
 * name, and the names of the previous entries nothing paired with that name
 * no new entry.  A read is then one probe of a small table, not two name
 * lookups. */
static int changed_names(rs_ctx *c, const lp_workspace *prev, const uint32_t *oldid, const uint8_t *dirty,
                         const uint8_t *moved, rs_names *out)
{
    const lp_workspace *ws = c->ws;
    uint8_t *paired = ar_zalloc(&c->ast, (size_t)idx_tab(prev)->nentries + 1);
    if (!paired) return -1;
    for (uint32_t id = 0; id < idx_tab(ws)->nentries; id++) {
        if (oldid[id] != LP_NO_ENTRY) paired[oldid[id]] = 1;
        if ((dirty[id] || (moved && moved[id])) && !(idx_tab(ws)->entries[id].flags & IDX_SCOPED) &&
            rs_names_add(&c->ast, out, idx_str(ws, idx_tab(ws)->entries[id].name)) != 0)
            return -1;
    }
    for (uint32_t o = 0; o < idx_tab(prev)->nentries; o++) {
        if (paired[o] || (idx_tab(prev)->entries[o].flags & IDX_SCOPED)) continue;
        const char *name = idx_str(prev, idx_tab(prev)->entries[o].name);
        if (idx_lookup(ws, name, strlen(name)) == LP_NO_ENTRY && rs_names_add(&c->ast, out, name) != 0)
            return -1;
    }
    return 0;
}

/* Which of the previous resolution's inputs the entries carried over (or
 * their kept fields) read, and how many of each input's readers were not
 * carried over; ix: the previous table's index. */
typedef struct file_ins {
    uint8_t *need;
    uint32_t *gone;
    input_ix ix;
} file_ins;

static int file_ins_make(ar_arena *a, const rs_ctx *pc, file_ins *fi)
{
    fi->need = ar_zalloc(a, (size_t)pc->inputs.n + 1);
    fi->gone = ar_zalloc(a, ((size_t)pc->inputs.n + 1) * sizeof *fi->gone);
    rs_input_ix_init(&fi->ix, &pc->inputs, a, 0);
    return fi->need && fi->gone ? 0 : -1;
}

static void file_ins_mark(file_ins *fi, const char *path)
{
    uint32_t k = rs_input_find(&fi->ix, path);
    if (k != UINT32_MAX) fi->need[k] = 1;
}

/* s stored in c's values (NULL stays NULL). */
static const char *copy_str(rs_ctx *c, const char *s)
{
    if (!s) return NULL;
    const char *p = rs_str(c, s, strlen(s));
    if (!p) c->oom = 1;
    return p;
}

/* A copy of record `old` in c's values, or NULL (out of memory). */
static const idx_resolved *copy_record(rs_ctx *c, const idx_resolved *old)
{
    idx_resolved *r = ar_alloc(&c->vals, sizeof *r);
    idx_tag *t = old->tags ? ar_alloc(&c->vals, (old->ntags ? old->ntags : 1) * sizeof *t) : NULL;
    if (!r || (old->tags && !t)) return NULL;
    *r = *old;
    r->title = copy_str(c, old->title);
    r->description = copy_str(c, old->description);
    r->category = copy_str(c, old->category);
    r->documentation = copy_str(c, old->documentation);
    r->display = copy_str(c, old->display);
    r->sql = copy_str(c, old->sql);
    for (uint32_t i = 0; t && i < old->ntags; i++) {
        t[i].key = copy_str(c, old->tags[i].key);
        t[i].value = copy_str(c, old->tags[i].value);
    }
    r->tags = t;
    return c->oom ? NULL : r;
}

/* How carry_entry takes a record: referenced where it is (the previous
 * stores), copied with its diagnostics and dependencies into this
 * version's store, or (an image's, made in this store already:
 * image_record) only those copied. */
enum { CARRY_REF = 0, CARRY_COPY, CARRY_OURS };

/* Entry id takes over old, the record of the previous version's entry oid
 * (same segment, same reads): a record holds only what evaluation gave
 * (its strings in the previous stores), idx_view_make reads the rest from
 * this version's scan, so the same record serves; its diagnostics, counts,
 * dependencies and file() inputs come with it.  copy (CARRY_*): the record,
 * its diagnostics and dependencies are copied into this version's store,
 * which then does not hold the previous ones.  No record (old NULL): served from the image's
 * overlay row `row`, which this version's row is a copy or a view of (carry_records' in_place; read
 * where carry_records read it, not through the view, whose pages would each be mapped again). */
static int carry_entry(rs_ctx *c, const rs_ctx *pc, file_ins *fi, uint32_t id, uint32_t oid,
                       const idx_resolved *old, const idx_overlay *row, int copy)
{
    if (copy == CARRY_COPY && !(old = copy_record(c, old))) return -1;
    if (!old && !row) return -1;   /* (a row carry_records found present) */
    if (old) idx_publish(c->ws, id, old);   /* (its counts: rs_carry_over; the record is not read here) */
    if (c->rec_unres)
        c->rec_unres[id] = pc->rec_unres ? pc->rec_unres[oid] : old ? old->unresolved : row->unresolved;
    c->published++;
    /* its diagnostics, as they were (keyed by its new id: the order is by entry) */
    uint32_t lo = 0, hi = pc->ndiags, key = oid + 1;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (pc->dkeys[mid] < key) lo = mid + 1;
        else hi = mid;
    }
    uint32_t owner = c->owner;
    c->owner = id + 1;
    for (; lo < pc->ndiags && pc->dkeys[lo] == key; lo++) {
        lp_diag *d = rs_diag_slot(c);
        if (!d) break;
        *d = pc->diags[lo];
        if (copy) {
            d->file = rs_ddup(c, d->file);
            d->summary = rs_ddup(c, d->summary);
            d->detail = rs_ddup(c, d->detail);
        }
    }
    c->owner = owner;
    if (copy) {
        for (const rs_dep *d = pc->deps[oid]; d; d = d->next)
            rs_dep_add(c, id, d->kind, d->mod, d->name, d->name ? strlen(d->name) : 0, d->fields);
    } else {
        c->deps[id] = pc->deps[oid];
    }
    c->depkinds[id] = pc->depkinds[oid];
    /* the file() targets it read are this version's inputs too, as they were
     * read (known from the counts when the previous resolution made them) */
    int walk = !pc->file_readers && pc->depkinds[oid] & 1u << RS_DEP_FILE;
    for (const rs_dep *d = walk ? pc->deps[oid] : NULL; d; d = d->next)
        if (d->kind == RS_DEP_FILE && d->name) file_ins_mark(fi, d->name);
    atomic_store_explicit(&c->entry_state[id], RS_DONE, memory_order_relaxed);
    return c->oom ? -1 : 0;
}

/* Did the previous resolution give entry oid a diagnostic? */
static int has_diags(const rs_ctx *pc, uint32_t oid)
{
    uint32_t lo = 0, hi = pc->ndiags, key = oid + 1;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (pc->dkeys[mid] < key) lo = mid + 1;
        else hi = mid;
    }
    return lo < pc->ndiags && pc->dkeys[lo] == key;
}

/* The entries evaluated in part: those dfields names (some of their
 * fields read what changed, and they read no other entry) whose previous
 * evaluation made no diagnostic (a kept field has none to repeat) and
 * which keep a field.  resolve_entry takes the other fields from the
 * previous record (keep_field) with their dependencies; their file()
 * targets are this version's inputs as they were read.  Returns how many,
 * or UINT32_MAX (out of memory). */
static uint32_t keep_parts(rs_ctx *c, const rs_ctx *pc, const lp_workspace *prev, const uint32_t *oldid,
                           const uint16_t *dfields, file_ins *fi)
{
    const lp_workspace *ws = c->ws;
    uint32_t n = idx_tab(ws)->nentries, k = 0;
    for (uint32_t id = 0; id < n; id++) {
        if (!dfields[id]) continue;   /* (most: their entries are not read) */
        unsigned want = idx_tab(ws)->entries[id].unresolved & RS_WANT, keep = want & ~(unsigned)dfields[id];
        if (!keep || has_diags(pc, oldid[id])) continue;
        if (!c->keep_rec) {
            c->keep_rec = ar_zalloc(&c->ast, ((size_t)n + 1) * sizeof *c->keep_rec);
            c->keep_deps = ar_zalloc(&c->ast, ((size_t)n + 1) * sizeof *c->keep_deps);
            c->keep_fields = ar_zalloc(&c->ast, ((size_t)n + 1) * sizeof *c->keep_fields);
            if (!c->keep_rec || !c->keep_deps || !c->keep_fields) return UINT32_MAX;
        }
        c->keep_rec[id] =
            atomic_load_explicit(&idx_tab(prev)->entries[oldid[id]].resolved, memory_order_acquire);
        c->keep_deps[id] = pc->deps[oldid[id]];
        c->keep_fields[id] = (uint16_t)keep;
        for (const rs_dep *d = pc->deps[oldid[id]]; d; d = d->next)
            if (d->kind == RS_DEP_FILE && d->name && (d->fields & keep)) file_ins_mark(fi, d->name);
        k++;
    }
    return k;
}

/* ------------------------------------------------------------ kept syntax trees (rs_tree) */

/* One resolution's kept trees, once it is done: the main and helper
 * contexts' arenas (allocated before it starts, so that keeping them
 * cannot fail at the end). */
typedef struct rs_tarena {
    struct rs_tarena *next;
    ar_arena a[2];
} rs_tarena;

/* A cache may hold this much more than twice the trees in use before a
 * refresh starts a new one. */
#define RS_TREE_SLACK (256u * 1024)
/* At most this much in a cache: a larger mod's refreshes keep trees until
 * it is reached, then parse the rest as before (aws_compliance's local
 * edit keeps 6 MiB). */
#define RS_TREE_MAX (32u * 1024 * 1024)

/* Can r take from the previous version's resolution (rs_carry_over, rs_tree_begin)?
 * One that is done, of a built version, or the records of a version
 * reopened from its image (image_records: rs_carry_over only), whose files,
 * like r's, have segments to pair by. */
static int from_prev(const rs_resolver *r)
{
    const lp_workspace *prev = r->prev;
    if (!prev || !idx_segments_of(r->ctx.ws)->segs || !idx_segments_of(prev)->segs) return 0;
    if (idx_image_part_of(prev)->image) return idx_resolve_part(prev)->image_records != NULL;
    const rs_resolver *pr = idx_resolve_part(prev)->resolver;
    return pr && atomic_load(&((rs_resolver *)pr)->done);
}

/* Slots of a version's tree tables: one per entry, then one per file (each
 * part with one more, so that neither is empty). */
static size_t tree_slots(const lp_workspace *ws)
{
    return (size_t)idx_tab(ws)->nentries + 1 + idx_tab(ws)->nfiles + 1;
}

static void tcache_unref(rs_tcache *tc)
{
    if (!tc || atomic_fetch_sub_explicit(&tc->refs, 1, memory_order_acq_rel) != 1) return;
    for (rs_tarena *n = atomic_load_explicit(&tc->arenas, memory_order_acquire), *next; n; n = next) {
        next = n->next;
        ar_free(&n->a[0]);
        ar_free(&n->a[1]);
        mem_free(n, sizeof *n);
    }
    mem_free(tc, sizeof *tc);
}

/* The previous version's file whose segment file f of r's version took, UINT32_MAX none: f itself
 * when the listing kept its place (a patch's, a refresh's: no table of the previous segments is made,
 * nor read), else by that table, r->prev_segs, made when first needed (*oom when it cannot be).  (A
 * segment is one path's scan: two files of a version never share one.) */
static uint32_t prev_file_of(rs_resolver *r, uint32_t f, int *oom)
{
    const lp_workspace *ws = r->ctx.ws, *prev = r->prev;
    const idx_segments *psg = idx_segments_of(prev);
    if (!idx_seg_has(ws, f)) return UINT32_MAX;
    if (f < psg->nsegs && idx_seg_same(ws, f, prev, f)) return f;
    const seg *sg = idx_seg(ws, f), *ps = f < psg->nsegs ? idx_seg(prev, f) : NULL;
    if (!sg) return UINT32_MAX;
    /* a file of the same path there (a changed one) had another segment, and no other file this one */
    if (ps && strcmp(ps->path, sg->path) == 0) return UINT32_MAX;
    if (!r->prev_segs.key && seg_index_build(&r->prev_segs, r->prev) != 0) {
        *oom = 1;
        return UINT32_MAX;
    }
    return seg_index_get(&r->prev_segs, sg);
}

/* A refresh's kept syntax trees, set up before loading: this version's
 * tables (per entry, per file) on the previous version's cache while that
 * holds at most about twice the trees the previous version used (then each
 * file whose segment is unchanged takes its blocks' trees over, and
 * rs_carry_over passes the entries' on), else on a new one.  The blocks of a
 * file whose segment is unchanged are kept when parsed (the edited file's
 * are not: they are likely to change again).  None when the scope is shared
 * (no loading) and the previous version has no trees: a refresh that loads
 * nothing again, as most do, keeps trees only after one that did (and
 * costs nothing more until then).  Out of memory, or nothing to take from:
 * none (every piece parsed as in a first resolution). */
void rs_tree_begin(rs_resolver *r, int scope_shared)
{
    rs_ctx *c = &r->ctx;
    const lp_workspace *ws = c->ws, *prev = r->prev;
    const rs_resolver *pr = prev ? idx_resolve_part(prev)->resolver : NULL;
    if (!from_prev(r) || !pr || (scope_shared && !pr->tree_live)) return;   /* (an image keeps no trees) */
    size_t n = (size_t)idx_tab(ws)->nentries + 1, nall = tree_slots(ws);
    uint8_t *k = mem_calloc(nall, 1);
    rs_tree **t = mem_calloc(nall, sizeof *t);
    rs_tarena *node = mem_calloc(1, sizeof *node);
    rs_tcache *tc = pr->tcache;
    int ok = k && t && node, oom = 0;
    if (ok && tc && atomic_load(&tc->bytes) <= 2 * pr->tree_live + RS_TREE_SLACK) {
        atomic_fetch_add_explicit(&tc->refs, 1, memory_order_relaxed);
        r->tcache_shared = 1;
    } else if (ok && (tc = mem_calloc(1, sizeof *tc)) != NULL) {
        atomic_init(&tc->refs, 1);
        atomic_init(&tc->arenas, NULL);
        atomic_init(&tc->bytes, 0);
    } else {
        mem_free(k, k ? nall : 0);
        mem_free(t, t ? nall * sizeof *t : 0);
        mem_free(node, node ? sizeof *node : 0);
        return;
    }
    ar_init(&node->a[0], 0);
    ar_init(&node->a[1], 0);
    /* what each thread may add (the helper's: helper_init copies it) */
    uint64_t held = atomic_load(&tc->bytes);
    c->trees_budget = held < RS_TREE_MAX ? (RS_TREE_MAX - held) / 2 : 0;
    r->tcache = tc;
    r->tnode = node;
    r->tree = c->tree = t;
    r->tree_keep = k;
    c->tree_keep = k;
    c->ftree = t + n;
    c->fkeep = k + n;
    /* (out of memory for the table of segments: the files left keep no trees, parsed again) */
    for (uint32_t f = 0; f < idx_tab(ws)->nfiles && !oom; f++) {
        uint32_t g = prev_file_of(r, f, &oom);
        if (g == UINT32_MAX) continue;
        k[n + f] = 1;
        if (r->tcache_shared && pr->tree) c->ftree[f] = pr->tree[(size_t)idx_tab(prev)->nentries + 1 + g];
    }
}

/* Resolution is done: the trees its contexts kept go to the cache, and the
 * bytes of those its table uses are counted (the next refresh's bound). */
void rs_tree_finish(rs_resolver *r)
{
    rs_ctx *c = &r->ctx, *h = r->has_helper ? &r->helper : NULL;
    r->trees_reused = c->trees_reused + (h ? h->trees_reused : 0);
    r->trees_kept = c->trees_kept + (h ? h->trees_kept : 0);
    r->blocks_reused = c->blocks_reused;
    r->blocks_kept = c->blocks_kept;
    size_t nall = tree_slots(c->ws);
    mem_free(r->tree_keep, r->tree_keep ? nall : 0);
    r->tree_keep = NULL;
    c->tree = c->ftree = NULL;
    c->tree_keep = c->fkeep = NULL;
    rs_tarena *node = r->tnode;
    r->tnode = NULL;
    if (node && (c->trees.first || (h && h->trees.first))) {
        node->a[0] = c->trees;
        if (h) node->a[1] = h->trees;
        ar_init(&c->trees, 0);
        if (h) ar_init(&h->trees, 0);
        rs_tcache *tc = r->tcache;
        rs_tarena *head = atomic_load_explicit(&tc->arenas, memory_order_acquire);
        do node->next = head;
        while (!atomic_compare_exchange_weak_explicit(&tc->arenas, &head, node, memory_order_acq_rel,
                                                      memory_order_acquire));
        atomic_fetch_add(&tc->bytes, node->a[0].reserved + node->a[1].reserved);
    } else {
        mem_free(node, node ? sizeof *node : 0);
    }
    ar_free(&c->trees);          /* (empty, unless there was no table) */
    if (h) ar_free(&h->trees);
    uint64_t live = 0;
    for (size_t i = 0; r->tree && i < nall; i++)   /* the entries' trees, then the files' */
        for (const rs_tree *t = r->tree[i]; t; t = t->next) live += t->bytes;
    r->tree_live = live;
}

void rs_trees_free(rs_resolver *r, const lp_workspace *ws)
{
    size_t nall = tree_slots(ws);
    mem_free(r->tree, r->tree ? nall * sizeof *r->tree : 0);
    mem_free(r->tree_keep, r->tree_keep ? nall : 0);   /* (a resolution that did not finish) */
    mem_free(r->tnode, r->tnode ? sizeof *r->tnode : 0);   /* (a resolution that did not finish) */
    tcache_unref(r->tcache);
}

/* What the steps of rs_carry_over share: this version's context and the
 * previous one's, and per entry of this version its previous entry, whether
 * it is evaluated again and the fields that read what changed. */
typedef struct carry_state carry_state;
struct carry_state {
    rs_resolver *r;
    rs_ctx *c;
    const rs_ctx *pc;
    const rs_vstore *ps;
    const rs_resolver *pr;
    lp_workspace *ws;
    const lp_workspace *prev;
    uint32_t n;                  /* this version's entries */
    int copy;                    /* carried records are copied (copy_record), not referenced */
    int held;                    /* an image's (CARRY_OURS) whose strings and reads are referred to */
    const idx_resolved *const *prep_rec;   /* an image's records made ahead (rs_prep), or NULL */
    uint32_t *oldid;             /* per entry: its previous entry, LP_NO_ENTRY */
    uint8_t *dirty;              /* per entry: evaluated again */
    uint32_t *withres;           /* the clean entries that read another entry */
    uint32_t nres;
    uint16_t *dfields;           /* per entry: the fields evaluated again (evaluated in part) */
    uint32_t ndfields;           /* the entries dfields names */
    int files_read;              /* an input of the previous version is read by file() (1 when its
                                  * readers were not counted: file_readers NULL) */
    scope_diff *sd;
    file_diff fd;
    dep_cache *dc;
    file_ins fi;
    uint8_t *taken;              /* per previous entry: carried over */
    uint8_t *moved;              /* per entry: carried from another segment (same_text): its record's
                                  * scanned fields are this scan's, never an image's overlay row */
    /* per entry (NULL: none): paired by position with its previous entry in the same segment, held
     * whole, of an image whose checks kept its entries' unresolved bits (entry_unres): its scanned
     * fields are that entry's, and its table is not read (carry_pair) */
    uint8_t *mirror;
    const uint16_t *prev_unres;
    uint32_t todo, clean;        /* the entries with fields to resolve: evaluated again, carried over */
    /* the last pair of files carry_mark compared (a file's entries come one after another): this
     * version's, the previous one's, whether the first has a segment and whether it is the same */
    uint32_t seg_f, seg_pf;
    int seg_has, seg_same;
};

_Static_assert(RS_WANT == IDX_ROW_FIELDS, "an image's rows summed up by the fields resolution evaluates");

/* Has the previous version no record of entry oid, or one with a field to
 * evaluate left unresolved? */
static int prev_unfinished(const carry_state *s, uint32_t oid)
{
    if (s->pc->img_evaluated) return idx_overlay_row(s->prev, oid) != IDX_ROW_WHOLE;   /* an image's */
    if (s->pc->rec_unres)   /* (what the record holds, without a cache miss on each record) */
        return s->pc->rec_unres[oid] == UINT32_MAX || (s->pc->rec_unres[oid] & RS_WANT);
    const idx_resolved *r =
        atomic_load_explicit(&idx_tab(s->prev)->entries[oid].resolved, memory_order_acquire);
    return !r || (r->unresolved & RS_WANT);
}

/* The previous version's context when it was reopened from its image: its
 * records as the image keeps them (pst_records, through the hook the image
 * layer set), decoded into this resolution's ast.  The records are made
 * anew in this version's store (image_record), the rest copied.  0: none
 * (the whole resolution runs; c->oom when memory ran out). */
static int carry_image(carry_state *s)
{
    rs_ctx *c = s->c;
    if (s->r->ready) s->r->ready(s->r->ready_arg, 1);   /* (the records decoded ahead, if they are) */
    const rs_prep *pp = idx_resolve_part(s->prev)->prep;
    if (pp && pp->recs_rc == RS_PREP_LATER) pp = NULL;   /* (its scope only: the records decoded here) */
    rs_ctx *pc = ar_zalloc(&c->ast, sizeof *pc);
    if (pp && pc) {   /* decoded ahead (read-only: copied) */
        if (pp->recs_rc != 0) return 0;
        *pc = *pp->pc;
        s->prep_rec = pp->rec;
        rs_prep_hold(s->r, pp);
    }
    if (pc && c->scope_shared) {   /* the image's scope, decoded already (scope_share_image) */
        pc->mods = c->mods;
        pc->nmods = c->nmods;
    }
    int rc = !pc ? -2 : pp ? 0 : rs_image_context(s->prev, pc, &c->ast, &c->vals);
    if (rc == -2) c->oom = 1;
    if (rc != 0) return 0;
    s->pc = pc;
    s->copy = CARRY_OURS;
    /* this version's store holds the image's memory: the records made from it, their
     * diagnostics and reads refer into it (no copy of 4,000 records' strings) */
    if (pc->img_hold && s->r->store && !s->r->store->hold) {
        pc->img_hold_ref(pc->img_hold);
        s->r->store->hold = pc->img_hold;
        s->r->store->hold_unref = pc->img_hold_unref;
        s->held = 1;
    }
    /* it will hold about what the image's resolution did (unless those were made ahead) */
    if (!s->prep_rec) c->vals.chunk_size = 256 * 1024;
    return 1;
}

/* Can anything be carried from the previous version at all?  (Its context
 * must be whole and its mods the same.) */
static int carry_applicable(rs_resolver *r, carry_state *s)
{
    rs_ctx *c = &r->ctx;
    s->r = r;
    s->c = c;
    s->ws = c->ws;
    s->prev = r->prev;
    s->pr = s->prev ? idx_resolve_part(s->prev)->resolver : NULL;
    if (!from_prev(r)) return 0;
    if (!s->pr && !carry_image(s)) return 0;
    if (s->pr) {
        const rs_vstore *ps = s->ps = s->pr->store;
        s->pc = &s->pr->ctx;
        if (!ps) return 0;
        /* a chain of stores that carried records keep is cut once it holds more
         * than half again its first store: the records are then copied into
         * this version's store (copy_record) instead of referenced */
        s->copy = ps->chain_bytes - ps->base_bytes > ps->base_bytes / 2 + 256 * 1024 ? CARRY_COPY : CARRY_REF;
        if (s->copy) c->vals.chunk_size = 256 * 1024;   /* it will hold about what the previous ones did */
    }
    const rs_ctx *pc = s->pc;
    if (pc->oom || !pc->mods || !pc->deps || !pc->depkinds || pc->ndiags >= RS_MAX_DIAGS ||
        c->nmods != pc->nmods)
        return 0;
    for (uint32_t m = 0; m < c->nmods; m++)
        if (strcmp(c->mods[m].name, pc->mods[m].name) != 0 || strcmp(c->mods[m].root, pc->mods[m].root) != 0)
            return 0;
    return 1;
}

/* The per-entry arrays, in a; -1: out of memory. */
static int carry_arrays(carry_state *s, ar_arena *a)
{
    uint32_t n = s->n = idx_tab(s->ws)->nentries;
    s->oldid = ar_alloc(a, ((size_t)n + 1) * sizeof *s->oldid);
    s->dirty = ar_zalloc(a, (size_t)n + 1);
    s->withres = ar_alloc(a, ((size_t)n + 1) * sizeof *s->withres);
    s->dfields = ar_zalloc(a, ((size_t)n + 1) * sizeof *s->dfields);
    s->moved = ar_zalloc(a, (size_t)n + 1);
    s->prev_unres = idx_image_part_of(s->prev)->entry_unres;
    s->mirror = s->prev_unres ? ar_zalloc(a, (size_t)n + 1) : NULL;
    return !s->oldid || !s->dirty || !s->withres || !s->dfields || !s->moved || (s->prev_unres && !s->mirror)
               ? -1
               : 0;
}

/* The per-mod arrays (and the per-entry ones unless rs_carry_begin made them); -1: out of memory. */
static int carry_alloc(carry_state *s)
{
    rs_ctx *c = s->c;
    if (!s->oldid && carry_arrays(s, &c->ast) != 0) return -1;
    s->sd = ar_zalloc(&c->ast, c->nmods * sizeof *s->sd);
    /* the answers for variables and locals, which a shared scope never asks (its 53 KB zeroed were 13
     * fresh pages of the command after a title edit) */
    s->dc = c->scope_shared ? NULL : ar_zalloc(&c->ast, sizeof *s->dc);
    if (!s->sd || (!c->scope_shared && !s->dc)) return -1;
    for (uint32_t m = 0; m < c->nmods; m++) {
        scope_diff *d = &s->sd[m];
        d->local = ar_alloc(&c->ast, c->mods[m].nlocals + 1);
        d->var = ar_alloc(&c->ast, c->mods[m].nvars + 1);
        if (!d->local || !d->var) return -1;
        memset(d->local, -1, c->mods[m].nlocals + 1);
        memset(d->var, -1, c->mods[m].nvars + 1);
        d->all_locals = d->all_vars = -1;
    }
    file_diff_make(s->r, s->pc, &s->fd);
    return 0;
}

/* Pair the entries of the same segment by position (names checked); the
 * rest are paired by name in carry_mark.  -1: out of memory. */
static int carry_pair(carry_state *s)
{
    const lp_workspace *ws = s->ws, *prev = s->prev;
    int oom = 0;
    for (uint32_t id = 0; id < s->n; id++) s->oldid[id] = LP_NO_ENTRY - 1;   /* not paired yet */
    for (uint32_t f = 0; f < idx_tab(ws)->nfiles && !oom; f++) {
        uint32_t g = prev_file_of(s->r, f, &oom);
        const idx_file *nf = &idx_tab(ws)->files[f], *of = g == UINT32_MAX ? NULL : &idx_tab(prev)->files[g];
        if (!of || of->entry_count != nf->entry_count) continue;
        int whole = seg_whole(ws, f) && seg_whole(prev, g);
        int mirror = whole && s->mirror && idx_seg_same(ws, f, prev, g);
        for (uint32_t k = 0; k < nf->entry_count; k++) {
            uint32_t id = nf->first_entry + k, o = of->first_entry + k;
            if (whole || strcmp(idx_str(ws, idx_tab(ws)->entries[id].name),
                                idx_str(prev, idx_tab(prev)->entries[o].name)) == 0)
                s->oldid[id] = o;
            if (mirror) s->mirror[id] = 1;
        }
    }
    seg_index_free(&s->r->prev_segs);
    return oom ? -1 : 0;
}

/* Entry id of a file scanned again and its previous entry oid: the same text where evaluation
 * reads it (every attribute captured for evaluation: its bytes, name, line and column, which its
 * diagnostics give), so the same record from the same reads?  The previous entry's attributes are
 * its segment's (an image's taken lazily is read now: that file's alone), by position when the
 * segment holds the file's entries one for one. */
int rs_same_text(const rs_ctx *c, const lp_workspace *prev, uint32_t id, uint32_t oid)
{
    const idx_capture *cap = c->cap;
    uint32_t f = idx_tab(c->ws)->entries[id].file, pf = idx_tab(prev)->entries[oid].file;
    const seg *ps = idx_seg(prev, pf);
    const idx_file *of = &idx_tab(prev)->files[pf];
    if (!cap || !cap->entry || (cap->lazy && cap->lazy[f]) || !ps || seg_ready(ps) != 0 ||
        of->entry_count != ps->res.nentries)
        return 0;
    return cap_same_pieces(cap->entry[id], ps->res.entries[oid - of->first_entry].caps);
}

/* Entry id's unresolved bits: its previous entry's as the image's checks kept them when it mirrors
 * that entry (its table not read: 64 bytes an entry). */
static unsigned entry_unres(const carry_state *s, uint32_t id)
{
    return s->mirror && s->mirror[id] ? s->prev_unres[s->oldid[id]] : idx_tab(s->ws)->entries[id].unresolved;
}

/* Is entry id evaluated again?  Its previous entry, its segment and what it
 * read decide; the fields that read what changed go to dfields, an entry
 * that reads another entry to withres (carry_fixed_point). */
static void carry_mark(carry_state *s, uint32_t id, unsigned same_kinds)
{
    rs_ctx *c = s->c;
    const rs_ctx *pc = s->pc;
    const lp_workspace *ws = s->ws, *prev = s->prev;
    uint8_t *dirty = s->dirty;
    uint32_t oid = s->oldid[id];
    if (oid == LP_NO_ENTRY - 1) {
        const idx_entry *e = &idx_tab(ws)->entries[id];
        oid = LP_NO_ENTRY;
        if (!(e->flags & IDX_SCOPED)) {
            const char *name = idx_str(ws, e->name);
            oid = idx_lookup(prev, name, strlen(name));
        }
        s->oldid[id] = oid;
    }
    /* no previous entry; or resolved already (a local read one of its fields while loading) */
    if (oid == LP_NO_ENTRY || atomic_load_explicit(&c->entry_state[id], memory_order_relaxed) != RS_TODO) {
        dirty[id] = 1;
        return;
    }
    /* the same segment: the same bytes of the same file, so the same captured text
     * (a file without one, whose segment could not be made, is scanned again each time); in a
     * file scanned again, the same text where evaluation reads it (the save's other entries).  A
     * mirrored entry is of the same segment (carry_pair) */
    int same_seg = 1;
    if (!s->mirror || !s->mirror[id]) {
        const idx_entry *e = &idx_tab(ws)->entries[id], *pe = &idx_tab(prev)->entries[oid];
        if (e->file != s->seg_f || pe->file != s->seg_pf) {
            s->seg_f = e->file;
            s->seg_pf = pe->file;
            s->seg_has = idx_seg_has(ws, e->file);
            s->seg_same = s->seg_has && idx_seg_same(ws, e->file, prev, pe->file);
        }
        same_seg = s->seg_same;
        if (!s->seg_has || e->unresolved != pe->unresolved ||
            (!same_seg && !rs_same_text(s->c, s->prev, id, oid))) {
            dirty[id] = 1;
            return;
        }
        s->moved[id] = (uint8_t)!same_seg;
    }
    /* its pieces are in the previous entry's segment (an entry paired by
     * name may have been another position of it: a kept tree serves only
     * the piece it was parsed from, tree_of checks), and those it parses
     * now are kept (its reads changed, not its text) */
    if (same_seg && s->r->tree_keep) {
        s->r->tree_keep[id] = 1;
        if (s->r->tcache_shared && s->pr->tree) c->tree[id] = s->pr->tree[oid];
    }
    if (!(entry_unres(s, id) & RS_WANT)) return;
    /* not carried over: a record not made, or one with fields left unresolved.  Whether a field
     * resolves can hang on the order of evaluation, which no dependency records: a local that reads
     * a resource evaluates it while the locals it reads may not be done yet (fuzz_refresh's
     * a-pp-locals-then-broken: control c's `tags = local.t` stayed unresolved while a.pp had
     * `locals { children = [param.l.x, control.c] }`, and was carried over so once a.pp broke,
     * where a fresh open resolves it) */
    if (prev_unfinished(s, oid)) {
        dirty[id] = 1;
        return;
    }
    int res = 0;
    unsigned df = 0;             /* the fields that read something that changed */
    /* its list is walked when something it read may differ (the lists
     * are scattered over the stores: a walk of each costs cache misses) */
    if (pc->depkinds[oid] & ~same_kinds)
        for (const rs_dep *d = pc->deps[oid]; d && df != RS_FIELDS_ALL; d = d->next) {
            if (d->kind == RS_DEP_RES || d->kind == RS_DEP_NAME) res = 1;
            else if (dep_changed(c, pc, s->sd, &s->fd, s->dc, d)) df |= d->fields ? d->fields : RS_FIELDS_ALL;
        }
    dirty[id] = df != 0;
    /* evaluated in part (the fields that read what changed) when it reads
     * no other entry: the fixed point below is by entry */
    if (df && !(pc->depkinds[oid] & (1u << RS_DEP_RES | 1u << RS_DEP_NAME))) {
        s->dfields[id] = (uint16_t)df;
        s->ndfields++;
    }
    if (res && !dirty[id]) s->withres[s->nres++] = id;
}

/* Is there an entry of that full name in one version and not in the other? */
static int name_came_or_went(const carry_state *s, const char *name)
{
    size_t n = strlen(name);
    return (idx_lookup(s->ws, name, n) == LP_NO_ENTRY) != (idx_lookup(s->prev, name, n) == LP_NO_ENTRY);
}

/* An entry that reads one evaluated again (or gone, or new) is evaluated again: to a fixed point; one
 * that read only an entry's name-made members (RS_DEP_NAME), when that entry came or went.  -1: out of
 * memory. */
static int carry_fixed_point(carry_state *s)
{
    rs_ctx *c = s->c;
    rs_names ch = { 0 };
    /* (an entry carried from a file scanned again counts: what it scanned, which its readers read
     * beside what it evaluated, may differ) */
    if (s->nres && changed_names(c, s->prev, s->oldid, s->dirty, s->moved, &ch) != 0) return -1;
    for (int more = s->nres > 0; more;) {
        more = 0;
        for (uint32_t k = 0; k < s->nres; k++) {
            uint32_t id = s->withres[k];
            if (s->dirty[id]) continue;
            for (const rs_dep *d = s->pc->deps[s->oldid[id]]; d; d = d->next)
                if ((d->kind == RS_DEP_RES && rs_names_has(&ch, d->name)) ||
                    (d->kind == RS_DEP_NAME && name_came_or_went(s, d->name))) {
                    s->dirty[id] = 1;
                    s->todo++;   /* (a reader of another entry: one with fields to resolve) */
                    s->clean--;
                    if (rs_names_add(&c->ast, &ch, idx_str(s->ws, idx_tab(s->ws)->entries[id].name)) != 0)
                        return -1;
                    more = 1;
                    break;
                }
        }
    }
    return 0;
}

/* Can the entries carried over be served from the image's overlay where it lies (carry_records)?
 * Only for a one-shot version (a patch of a stale image: a later refresh, which carries from
 * records, never takes it) resolved before its open returns (no reader sees it half made), with
 * the image held (the rows refer to its values heap) and its records not made ahead. */
static int in_place(const carry_state *s)
{
    return s->copy == CARRY_OURS && s->held && !s->prep_rec && s->pc->img_evaluated &&
           idx_image_part_of(s->prev)->overlay && !idx_segments_of(s->ws)->refreshable &&
           idx_opts(s->ws)->no_background && !idx_image_part_of(s->ws)->image;
}

int rs_overlay_own(rs_ctx *c, const lp_workspace *prev, int evaluated)
{
    const lp_workspace *ws = c->ws;
    uint32_t n = idx_tab(ws)->nentries;
    idx_image_part *mine = idx_image_part_of(ws);
    const idx_image_part *img = idx_image_part_of(prev);
    if (n && n == idx_tab(prev)->nentries && img->view)
        mine->overlay_own = img->view(prev, img->overlay, (size_t)n * sizeof *img->overlay);
    mine->overlay_own_view = mine->overlay_own != NULL;
    if (!mine->overlay_own)
        mine->overlay_own = ar_zalloc(&c->vals, ((size_t)n + 1) * sizeof *mine->overlay_own);
    if (evaluated)
        mine->overlay_evaluated = ar_zalloc(&c->vals, ((size_t)n + 1) * sizeof *mine->overlay_evaluated);
    if (!mine->overlay_own || (evaluated && !mine->overlay_evaluated)) {
        if (mine->overlay_own_view) mem_view_free(mine->overlay_own, (size_t)n * sizeof *mine->overlay_own);
        mine->overlay_own = NULL;
        mine->overlay_own_view = 0;
        return -1;
    }
    mine->overlay = mine->overlay_own;
    mine->overlay_kv = img->overlay_kv;
    mine->values = img->values;   /* (its blocks the mapping's: never freed through this copy) */
    return 0;
}

/* Carry the records of the entries not evaluated again (and the fields kept
 * of those evaluated in part).  -1: out of memory. */
static int carry_records(carry_state *s, uint32_t clean)
{
    rs_resolver *r = s->r;
    rs_ctx *c = s->c;
    const lp_workspace *ws = s->ws, *prev = s->prev;
    if (file_ins_make(&c->ast, s->pc, &s->fi) != 0) return -1;
    /* which entries were carried: for a live version's change set (live.c) and the readers of its
     * inputs; which previous entries were: for carry_inputs' walk of the others' file() reads, and
     * for the counts of records not an image's */
    int live = idx_segments_of(ws)->refreshable;
    r->carried_map = live ? mem_calloc((size_t)s->n + 1, 1) : NULL;
    int takes = s->files_read || !s->pc->img_evaluated;
    s->taken = takes ? ar_zalloc(&c->ast, (size_t)idx_tab(prev)->nentries + 1) : NULL;
    r->todo_ids = mem_zeroed((size_t)s->n + 1, sizeof *r->todo_ids);
    if ((live && !r->carried_map) || (takes && !s->taken) || !r->todo_ids) return -1;
    uint32_t npartial =
        s->copy == CARRY_COPY || !s->ndfields ? 0 : keep_parts(c, s->pc, prev, s->oldid, s->dfields, &s->fi);
    str_copies sc = { 0 };
    /* an image's records of the entries evaluated in part: made here, as those carried over */
    int ours = s->copy == CARRY_OURS;
    for (uint32_t id = 0; npartial != UINT32_MAX && ours && c->keep_fields && id < s->n; id++)
        if (c->keep_fields[id] &&
            !(c->keep_rec[id] = rs_image_record(c, &c->vals, s->prev, s->pc->img_evaluated[s->oldid[id]],
                                                s->held ? NULL : &sc, s->oldid[id])))
            npartial = UINT32_MAX;
    if (npartial == UINT32_MAX) {   /* no field kept: they would point into stores not held */
        c->keep_rec = NULL;
        c->keep_deps = NULL;
        c->keep_fields = NULL;
        return -1;
    }
    /* the records carried over (and the fields kept) point into the previous stores */
    if ((clean || npartial) && !s->copy && !r->store->older) {   /* (a shared scope took it already) */
        atomic_fetch_add_explicit(&((rs_vstore *)s->ps)->refs, 1, memory_order_relaxed);
        r->store->older = (rs_vstore *)s->ps;
    }
    /* a held image's records are made here, referring to its strings; their diagnostics and
     * reads are referred to as a built version's are (CARRY_REF) */
    int mode = s->held ? CARRY_REF : s->copy;
    const idx_overlay *pov = idx_image_part_of(prev)->overlay;
    if (in_place(s) && rs_overlay_own(c, prev, 1) != 0) return -1;
    idx_overlay *own = idx_image_part_of(ws)->overlay_own;
    int view = idx_image_part_of(ws)->overlay_own_view;
    for (uint32_t id = 0; id < s->n; id++) {
        unsigned unres = entry_unres(s, id);
        uint32_t oid = s->oldid[id];
        int skip = !(unres & RS_WANT) || s->dirty[id];
        int here = !skip && own && !s->moved[id] && idx_overlay_row(prev, oid) != IDX_ROW_ABSENT;
        /* a view holds the image's rows: a row not served from it is made absent, one moved copied
         * (until this one writes it, the view's row id is the image's, read where the image lies: a
         * page of the view read is a page of it mapped) */
        if (view && !here && idx_overlay_row(prev, id) != IDX_ROW_ABSENT) memset(&own[id], 0, sizeof own[id]);
        /* (not carried: to evaluate, or evaluated while loading) */
        int state = atomic_load_explicit(&c->entry_state[id], memory_order_relaxed);
        if (skip && (unres || state != RS_TODO)) r->todo_ids[r->ntodo_ids++] = id;
        if (skip) continue;
        const idx_resolved *old = NULL;
        if (here) {   /* served where it is, as a reopen serves it */
            if (!view || oid != id) own[id] = pov[oid];
            idx_image_part_of(ws)->overlay_evaluated[id] = s->pc->img_evaluated[oid];
        } else {
            old = s->copy != CARRY_OURS
                      ? atomic_load_explicit(&idx_tab(prev)->entries[oid].resolved, memory_order_acquire)
                  : s->prep_rec && s->prep_rec[oid]
                      ? s->prep_rec[oid]
                      : rs_image_record(c, &c->vals, prev, s->pc->img_evaluated[oid], s->held ? NULL : &sc,
                                        oid);
        }
        if (carry_entry(c, s->pc, &s->fi, id, oid, old, here ? &pov[oid] : NULL, mode) != 0) return -1;
        if (s->taken) s->taken[oid] = 1;
        /* an image's record: its fields counted as image_record counts them (its entry wants what the
         * previous one did: carry_mark) */
        if (s->pc->img_evaluated) {
            unsigned ev = s->pc->img_evaluated[oid] & unres & RS_WANT;
            c->fields_resolved += rs_nfields(ev);
        }
        r->carried++;
        if (r->carried_map) r->carried_map[id] = 1;
    }
    return 0;
}

void rs_carry_inputs_take(rs_ctx *c, const lp_workspace *prev, const uint8_t *pchg, const inp_table *from,
                          const uint8_t *need, int held)
{
    uint32_t base = idx_tab(prev)->nfiles + idx_tab(prev)->inputs.n;
    /* room for them at once, so that compact_inputs finds the table at its size (a copy of
     * every path and a freed arena per refresh otherwise; aws_compliance: 1,125 of them) */
    uint32_t nneed = 0;
    size_t bytes = 0;
    for (uint32_t k = 0; k < from->n; k++)
        if (need[k]) {
            nneed++;
            bytes += held ? 0 : strlen(from->v[k].path) + 1;
        }
    inp_reserve(&c->inputs, nneed + 32 + nneed / 16, bytes);   /* (and the entries evaluated again's) */
    uint32_t before = c->inputs.n;
    for (uint32_t k = 0; k < from->n; k++) {
        if (!need[k]) continue;
        inp_rec rec = from->v[k];
        srcfile_info now;
        int is_dir;
        /* touched (same bytes): recorded with its new stat, as a fresh open would */
        if ((!pchg || pchg[base + k] == 2) && !rec.err && srcfile_stat(rec.path, &now, &is_dir) == 0) {
            rec.mtime_ns = now.mtime_ns;
            rec.dev = now.dev;
            rec.ino = now.ino;
            rec.size = now.size;
        }
        /* a held image's paths referred to where they lie (the store holds it as long as this table) */
        if (held) inp_add_shared(&c->inputs, &rec);
        else inp_append(&c->inputs, &(inp_table){ .v = &rec, .n = 1 });
    }
    /* (a finished table, or an image's, checked in order: pst_records; a part of it is too) */
    c->inputs_carried = before == 0 && !c->inputs.oom ? c->inputs.n : 0;
}

/* The file() inputs the carried entries read, and the carried records'
 * field counts. */
static void carry_inputs(carry_state *s)
{
    rs_ctx *c = s->c;
    const rs_ctx *pc = s->pc;
    const lp_workspace *prev = s->prev;
    file_ins *fi = &s->fi;
    /* those with more readers than the previous entries not carried over (few) had */
    if (pc->file_readers) {
        for (uint32_t o = 0; s->files_read && o < idx_tab(prev)->nentries; o++) {
            if (!(pc->depkinds[o] & 1u << RS_DEP_FILE) || s->taken[o]) continue;
            for (const rs_dep *d = pc->deps[o]; d; d = d->next) {
                if (d->kind != RS_DEP_FILE || !d->name) continue;
                uint32_t k = rs_input_find(&fi->ix, d->name);
                if (k != UINT32_MAX) fi->gone[k]++;
            }
        }
        for (uint32_t k = 0; k < pc->inputs.n; k++) {
            fi->gone[k] = pc->file_readers[k] - fi->gone[k];   /* now: its carried readers */
            if (fi->gone[k]) fi->need[k] = 1;
        }
        c->carry_in = &pc->inputs;
        c->carry_readers = fi->gone;
    }
    /* the carried records' field counts: the previous totals (the sums of
     * its records') less those of the records not carried, so that the
     * records carried over, scattered over the stores, are not read (an
     * image's, made here: counted by carry_records) */
    c->fields_resolved += pc->fields_resolved;
    c->fields_failed += pc->fields_failed;
    /* (an image's entries hold no record: idx_publish is never called on a version reopened from it,
     * whose overlay serves them) */
    for (uint32_t o = 0; !pc->img_evaluated && o < idx_tab(prev)->nentries; o++) {
        const idx_resolved *old =
            s->taken[o] ? NULL
                        : atomic_load_explicit(&idx_tab(prev)->entries[o].resolved, memory_order_acquire);
        if (!old) continue;
        c->fields_resolved -= old->nresolved;
        c->fields_failed -= old->nfailed;
    }
    rs_carry_inputs_take(c, prev, s->r->prev_changed, &pc->inputs, fi->need, s->held);
}

/* With a previous version (a refresh): carry over the record of every
 * entry that reads nothing that changed, and leave the rest to evaluation.
 * An entry is evaluated again when its file was scanned again and its captured
 * text differs (same_text), when it is new, or when something it read (recorded in
 * its rs_dep list) differs: a variable or local whose value changed, a
 * resource evaluated again or gone, a file() target, the environment.
 * Returns the entries left to evaluate, or UINT32_MAX when nothing can be
 * carried over (the whole resolution runs).  Running out of memory is
 * reported (c->oom: the resolution fails, and is never carried from), not
 * turned into a whole resolution. */
static uint32_t carry_over(rs_resolver *r, carry_state *s)
{
    rs_ctx *c = &r->ctx;
    int paired = s->oldid != NULL;   /* (by rs_carry_begin) */
    if (!carry_applicable(r, s)) return UINT32_MAX;
    if (carry_alloc(s) != 0 || (!paired && carry_pair(s) != 0)) goto oom;
    s->seg_f = s->seg_pf = UINT32_MAX;
    /* the kinds of reads that cannot have changed: a shared scope's values,
     * file() targets when none changed */
    unsigned same_kinds = c->scope_shared ? 1u << RS_DEP_VAR | 1u << RS_DEP_LOCAL : 0;
    if (!s->fd.all && !s->fd.n) same_kinds |= 1u << RS_DEP_FILE;
    for (uint32_t id = 0; id < s->n; id++) {
        carry_mark(s, id, same_kinds);
        /* (counted while its entry is in the cache: a pass of its own read 123,208 entries again) */
        if (entry_unres(s, id) & RS_WANT) {
            s->todo += s->dirty[id];
            s->clean += !s->dirty[id];
        }
    }
    if (carry_fixed_point(s) != 0) goto oom;
    s->files_read = !s->pc->file_readers;
    for (uint32_t k = 0; k < s->pc->inputs.n && !s->files_read && s->pc->file_readers; k++)
        s->files_read = s->pc->file_readers[k] != 0;
    if (carry_records(s, s->clean) != 0) goto oom;
    carry_inputs(s);
    r->incremental = 1;
    return s->todo;
oom:
    c->oom = 1;
    return 0;
}

uint32_t rs_carry_over(rs_resolver *r)
{
    uint32_t todo;
    int sparse = r->carry ? 0 : rs_carry_sparse(r, &todo);   /* (pairs made ahead: this one's) */
    if (sparse) {
        if (sparse < 0) r->ctx.oom = 1;
        return sparse < 0 ? 0 : todo;
    }
    carry_state local = { 0 };
    todo = carry_over(r, r->carry ? r->carry : &local);
    r->carry = NULL;
    ar_free(&r->carry_arena);
    return todo;
}

int rs_carry_begin(rs_resolver *r)
{
    if (!from_prev(r) || rs_carry_sparse_may(r)) return 0;   /* (the sparse one pairs none) */
    ar_init(&r->carry_arena, 64 * 1024);
    carry_state *s = ar_zalloc(&r->carry_arena, sizeof *s);
    if (!s) return -1;
    s->r = r;
    s->c = &r->ctx;
    s->ws = r->ctx.ws;
    s->prev = r->prev;
    if (carry_arrays(s, &r->carry_arena) != 0 || carry_pair(s) != 0) return -1;
    r->carry = s;
    return 0;
}

