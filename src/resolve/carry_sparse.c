/* carry_sparse.c — a one-shot patch's carry-over that visits what the edit reached, not every entry.
 *
 * The command that follows a save patches the stale image it finds (workspace.c, patch) and carries
 * over every entry whose reads did not change.  carry.c decides that entry by entry: every entry's
 * reads decoded from the image into lists (pst_records), every entry paired, marked and carried in
 * its turn, so that it costs per entry whatever the edit (aws_insights' 3,812 entries: 0.3 ms of a
 * 3.4 ms command; 123,208 entries: 5 ms).  When the edit kept every entry in its place (the index
 * updated in place: the same ids, names and children), the variables and locals are the image's (the
 * scope shared: scope_share.c) and no file() target changed, the reads that can differ are those of
 * the entries of the files scanned again and, by name, of their readers (to a fixed point): carry.c's
 * decision reduced to what can change.  So this carry-over
 *   - walks the image's reads by name, of the environment and of file() targets where they lie
 *     (rs_image_reads.each: S_DEPS in order, no list made, each read checked as pst_records checks
 *     it), and leaves the decision to carry.c when an entry reads the environment (evaluated in part);
 *   - checks the scanned files' entries as carry.c's carry_mark does (rs_same_text);
 *   - passes once over the other entries' unresolved bits and rows as the image's checks summed them
 *     up (entry_unres, row_bits; eight at a time where nothing is to evaluate): an entry whose row is
 *     whole is carried (its state done, its fields counted), one whose row left a field unresolved is
 *     evaluated again (carry.c's prev_unfinished), one with something besides fields evaluated (carry.c's
 *     todo);
 *   - propagates by name to the readers (undoing their carry), and leaves the decision to carry.c when
 *     the edit reached more entries than the stale image is kept for (rs_part.image_kept_if);
 *   - then serves the carried entries where the image holds them, as carry.c's in-place case: the
 *     overlay a view of the image's (rs_overlay_own) whose rows of the entries not carried are made
 *     absent, the diagnostics copied, the file() targets they read kept; a scanned file's entry that
 *     keeps its values gets a record made from its row (rs_image_record), as carry.c's moved ones.
 * What it does not make are the carried entries' reads (c->deps): they serve a later refresh (a
 * one-shot has none) and an image written from this version, which is never written
 * (c->reads_partial: workspace.c keeps the stale image, persist.c writes no record without them).
 * The result is carry.c's: tests/test_edit_cli.c opens edits both ways (lp_test_carry_sparse) and
 * compares them with each other and with a fresh open, and every walk of random edits compares each
 * patched open with a fresh one.
 */
#include "resolve/resolveInt.h"
#include "base/mem.h"
#include "index/capture.h"
#include "index/seg.h"
#include "lazypipe_test.h"

#include <stdlib.h>
#include <string.h>

static atomic_int sparse_off;
static _Atomic unsigned long sparse_runs;

unsigned long lp_test_carry_sparse(int on)
{
    atomic_store(&sparse_off, !on);
    return atomic_load(&sparse_runs);
}

/* per entry: evaluated again; evaluated (not carried); of a file scanned again */
enum { SP_DIRTY = 1, SP_TODO = 2, SP_SCANNED = 4 };

typedef struct read_of {
    uint32_t id;
    const char *name;
} read_of;

typedef struct read_list {
    read_of *v;
    uint32_t n, cap;
} read_list;

typedef struct sparse {
    rs_resolver *r;
    rs_ctx *c;
    const lp_workspace *ws, *prev;
    const rs_image_reads *ir;
    const uint16_t *prev_unres;  /* per entry: the image's unresolved bits (its checks') */
    uint8_t *scanned;            /* per file: scanned again (its segment not the image's) */
    uint8_t *mark;               /* per entry: SP_* (mem_zeroed: the pages of the few marked written) */
    read_list res, files;        /* the reads by name (RS_DEP_RES) and of file() targets */
    uint32_t *todo, ntodo, captodo;
    uint32_t dirty_want;         /* the entries evaluated again with fields to evaluate (carry.c's todo) */
    uint32_t *clear, nclear, capclear;   /* entries not carried whose image row is present: made absent */
    uint32_t ncarried, fields;   /* the entries carried where the image holds them, their fields */
    rs_names changed;            /* the names whose readers are evaluated again */
    int env, oom;
} sparse;

static int list_push(ar_arena *a, read_list *l, uint32_t id, const char *name)
{
    if (l->n == l->cap) {
        uint32_t cap = l->cap ? 2 * l->cap : 64;
        read_of *v = ar_alloc(a, (size_t)cap * sizeof *v);
        if (!v) return -1;
        if (l->n) memcpy(v, l->v, (size_t)l->n * sizeof *v);
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (read_of){ id, name };
    return 0;
}

static int on_read(void *user, uint32_t id, const rs_dep *d)
{
    sparse *sp = user;
    if (d->kind == RS_DEP_ENV) {
        sp->env = 1;
        return 1;
    }
    if (d->kind == RS_DEP_FILE && !d->name) return 0;
    if (list_push(&sp->c->ast, d->kind == RS_DEP_RES ? &sp->res : &sp->files, id, d->name) != 0) {
        sp->oom = 1;
        return 1;
    }
    return 0;
}

static int ids_push(ar_arena *a, uint32_t **v, uint32_t *n, uint32_t *cap, uint32_t id)
{
    if (*n == *cap) {
        uint32_t c2 = *cap ? 2 * *cap : 64;
        uint32_t *w = ar_alloc(a, (size_t)c2 * sizeof *w);
        if (!w) return -1;
        if (*n) memcpy(w, *v, (size_t)*n * sizeof *w);
        *v = w;
        *cap = c2;
    }
    (*v)[(*n)++] = id;
    return 0;
}

/* Entry id evaluated (SP_TODO), and again (dirty: its name's readers too, as carry.c's changed_names
 * unless the entry is scoped; its fields counted when it has some).  -1: out of memory. */
static int to_todo(sparse *sp, uint32_t id, int dirty, int want, int scoped)
{
    if (sp->mark[id] & SP_TODO) return 0;
    sp->mark[id] |= (uint8_t)(SP_TODO | (dirty ? SP_DIRTY : 0));
    sp->dirty_want += dirty && want;
    if (ids_push(&sp->c->ast, &sp->todo, &sp->ntodo, &sp->captodo, id) != 0) return -1;
    if (!dirty || scoped) return 0;
    return rs_names_add(&sp->c->ast, &sp->changed, idx_str(sp->ws, idx_tab(sp->ws)->entries[id].name));
}

/* Entry id's unresolved bits: its own in a scanned file, else the image's (the same entry; its table,
 * 64 bytes an entry viewed where the image lies, not read). */
static unsigned unres_of(const sparse *sp, uint32_t id)
{
    return sp->mark[id] & SP_SCANNED ? idx_tab(sp->ws)->entries[id].unresolved : sp->prev_unres[id];
}

static int carried(const sparse *sp, uint32_t id)
{
    return !(sp->mark[id] & SP_TODO) && (unres_of(sp, id) & RS_WANT);
}

/* Everything but the scope, which is known later (rs_carry_sparse_may's). */
static int may(const rs_resolver *r)
{
    const rs_ctx *c = &r->ctx;
    const lp_workspace *ws = c->ws, *prev = r->prev;
    if (atomic_load(&sparse_off) || !prev || !r->store || r->store->hold || !r->prev_changed || !c->cap ||
        !c->cap->entry)
        return 0;
    const idx_image_part *img = idx_image_part_of(prev);
    const rs_part *pp = idx_resolve_part(prev);
    uint32_t n = idx_tab(ws)->nentries;
    if (!img->image || !img->overlay || !img->view || !img->row_bits || !img->entry_unres ||
        !pp->image_records || !pp->image_reads || pp->nrdiags >= RS_MAX_DIAGS ||
        !idx_resolve_part(ws)->image_kept_if || idx_segments_of(ws)->refreshable ||
        !idx_opts(ws)->no_background || idx_image_part_of(ws)->image || !idx_segments_of(ws)->segs ||
        !idx_segments_of(prev)->segs || !ws->stats.updated || !n || n != idx_tab(prev)->nentries ||
        idx_tab(ws)->nfiles != idx_tab(prev)->nfiles || idx_tab(ws)->nmods != idx_tab(prev)->nmods)
        return 0;
    for (uint32_t m = 0; m < idx_tab(ws)->nmods; m++)
        if (strcmp(idx_str(ws, idx_tab(ws)->mods[m].name), idx_str(prev, idx_tab(prev)->mods[m].name)) ||
            strcmp(idx_str(ws, idx_tab(ws)->mods[m].root), idx_str(prev, idx_tab(prev)->mods[m].root)))
            return 0;
    return 1;
}

int rs_carry_sparse_may(const rs_resolver *r) { return may(r); }

/* The scanned files' entries, checked as carry_mark checks them (the same entry: ids kept). */
static int check_scanned(sparse *sp)
{
    const lp_workspace *ws = sp->ws, *prev = sp->prev;
    const idx_tables *t = idx_tab(ws), *pt = idx_tab(prev);
    for (uint32_t f = 0; f < t->nfiles; f++) {
        if (idx_seg_same(ws, f, prev, f)) continue;
        sp->scanned[f] = 1;
        int has = idx_seg_has(ws, f);
        for (uint32_t id = t->files[f].first_entry; id < t->files[f].first_entry + t->files[f].entry_count;
             id++) {
            const idx_entry *e = &t->entries[id];
            unsigned u = e->unresolved;
            sp->mark[id] |= SP_SCANNED;
            int dirty = atomic_load_explicit(&sp->c->entry_state[id], memory_order_relaxed) != RS_TODO ||
                        !has || u != pt->entries[id].unresolved || !rs_same_text(sp->c, prev, id, id);
            int scoped = (e->flags & IDX_SCOPED) != 0;
            /* (carried or not, its scanned fields may differ: its readers are evaluated again) */
            if (!scoped && rs_names_add(&sp->c->ast, &sp->changed, idx_str(ws, e->name)) != 0) return -1;
            if (u & RS_WANT) {
                dirty |= idx_overlay_row(prev, id) != IDX_ROW_WHOLE;
                if (dirty && to_todo(sp, id, 1, 1, scoped) != 0) return -1;
            } else if (u && to_todo(sp, id, dirty, 0, scoped) != 0) {
                return -1;
            }
        }
    }
    return 0;
}

/* Are the 8 entries from id (a multiple of 8) without anything to evaluate and without a row?  (Most
 * of an insights mod's entries, its dashboards' cards and charts: passed by eight.) */
static int eight_inert(const sparse *sp, uint32_t id)
{
    uint64_t u[2];
    memcpy(u, &sp->prev_unres[id], sizeof u);
    const uint64_t *present = idx_image_part_of(sp->prev)->row_bits;   /* (IDX_BITS_PRESENT: the first) */
    return !(u[0] | u[1]) && !(present[id / 64] >> (id % 64) & 0xFF);
}

/* The other entries, by the image's summary of them (its checks'): one with fields to evaluate and its
 * row whole is carried where the image holds it (its state done and its fields counted now: undone
 * below if its reads turn out to have changed, or if carry.c decides after all); one whose row left
 * a field unresolved is evaluated again, as is one with something besides its fields to evaluate;
 * a row present of an entry not carried is made absent once the view is made (SP_CLEAR). */
static int scan_rest(sparse *sp)
{
    const idx_tables *t = idx_tab(sp->ws);
    rs_ctx *c = sp->c;
    for (uint32_t f = 0; f < t->nfiles; f++) {
        if (sp->scanned[f]) continue;
        uint32_t end = t->files[f].first_entry + t->files[f].entry_count;
        for (uint32_t id = t->files[f].first_entry; id < end; id++) {
            if (!(id & 7) && id + 8 <= end && eight_inert(sp, id)) {
                id += 7;
                continue;
            }
            unsigned u = sp->prev_unres[id];
            int row = idx_overlay_row(sp->prev, id), want = (u & RS_WANT) != 0;
            if (want && row == IDX_ROW_WHOLE) {
                atomic_store_explicit(&c->entry_state[id], RS_DONE, memory_order_relaxed);
                sp->fields += rs_nfields(sp->ir->evaluated(sp->prev, id) & u & RS_WANT);
                sp->ncarried++;
                continue;
            }
            if (row != IDX_ROW_ABSENT && ids_push(&c->ast, &sp->clear, &sp->nclear, &sp->capclear, id) != 0)
                return -1;
            if (u && to_todo(sp, id, want, want, (t->entries[id].flags & IDX_SCOPED) != 0) != 0) return -1;
        }
    }
    return 0;
}

/* Entry id, not of a scanned file, counted as carried by scan_rest, is not. */
static int uncarry(sparse *sp, uint32_t id)
{
    atomic_store_explicit(&sp->c->entry_state[id], RS_TODO, memory_order_relaxed);
    sp->fields -= rs_nfields(sp->ir->evaluated(sp->prev, id) & sp->prev_unres[id] & RS_WANT);
    sp->ncarried--;
    return ids_push(&sp->c->ast, &sp->clear, &sp->nclear, &sp->capclear, id);
}

/* carry.c's fixed point: an entry carried that reads by name one evaluated again is too. */
static int propagate(sparse *sp)
{
    for (int more = 1; more;) {
        more = 0;
        for (uint32_t k = 0; k < sp->res.n; k++) {
            uint32_t id = sp->res.v[k].id;
            if ((sp->mark[id] & SP_TODO) || !(unres_of(sp, id) & RS_WANT) ||
                !rs_names_has(&sp->changed, sp->res.v[k].name))
                continue;
            if (to_todo(sp, id, 1, 1, 0) != 0) return -1;   /* (its name counts, scoped or not: carry.c) */
            if (!(sp->mark[id] & SP_SCANNED) && uncarry(sp, id) != 0) return -1;
            more = 1;
        }
    }
    return 0;
}

/* Can the image's records serve as carry.c would take them (the diagnostics by entry, in order), and
 * did no file() target change (carry.c's file_diff)?  Reads the inputs into *in. */
static int records_serve(sparse *sp, inp_table *in)
{
    const rs_part *pp = idx_resolve_part(sp->prev);
    const uint32_t *keys = sp->ir->diag_keys(sp->prev);
    uint32_t n = idx_tab(sp->ws)->nentries;
    if (pp->nrdiags && !keys) return 0;
    for (uint32_t i = 0; i < pp->nrdiags; i++)
        if (keys[i] > n || (i && keys[i] < keys[i - 1])) return 0;
    int rc = sp->ir->inputs(sp->prev, in, &sp->c->ast);
    if (rc == -2) sp->oom = 1;
    if (rc != 0) return 0;
    uint32_t base = idx_tab(sp->prev)->nfiles + idx_tab(sp->prev)->inputs.n;
    for (uint32_t k = 0; k < in->n; k++)
        if (sp->r->prev_changed[base + k] == 1 && in->v[k].kind == LP_INPUT_FILE_FN) return 0;
    return 1;
}

/* The rows of the entries not carried made absent in the view (a row copied when there is no view:
 * every other row is absent there), and the scanned files' entries that keep their values carried
 * with a record made from their row (their scanned fields this scan's, not the row's).  -1: out of
 * memory. */
static int carry_rows(sparse *sp)
{
    rs_ctx *c = sp->c;
    const lp_workspace *ws = sp->ws, *prev = sp->prev;
    const idx_tables *t = idx_tab(ws);
    idx_overlay *own = idx_image_part_of(ws)->overlay_own;
    const idx_overlay *pov = idx_image_part_of(prev)->overlay;
    if (idx_image_part_of(ws)->overlay_own_view) {
        for (uint32_t k = 0; k < sp->nclear; k++) memset(&own[sp->clear[k]], 0, sizeof *own);
    } else {
        for (uint32_t id = 0; id < t->nentries; id++)
            if (atomic_load_explicit(&c->entry_state[id], memory_order_relaxed) == RS_DONE) own[id] = pov[id];
    }
    for (uint32_t f = 0; f < t->nfiles; f++) {
        for (uint32_t id = t->files[f].first_entry; sp->scanned[f] && id < t->files[f].first_entry +
                                                                        t->files[f].entry_count; id++) {
            unsigned u = t->entries[id].unresolved;
            if (idx_image_part_of(ws)->overlay_own_view && idx_overlay_row(prev, id) != IDX_ROW_ABSENT)
                memset(&own[id], 0, sizeof *own);
            if (!(u & RS_WANT) || (sp->mark[id] & SP_TODO)) continue;
            unsigned ev = sp->ir->evaluated(prev, id);
            const idx_resolved *rec = rs_image_record(c, &c->vals, prev, ev, NULL, id);
            if (!rec) return -1;
            idx_publish(c->ws, id, rec);
            atomic_store_explicit(&c->entry_state[id], RS_DONE, memory_order_relaxed);
            sp->fields += rs_nfields(ev & u & RS_WANT);
            sp->ncarried++;
        }
    }
    return 0;
}

/* The diagnostics of the entries carried, as the image keeps them (loading's came with the scope). */
static void carry_diags(sparse *sp)
{
    rs_ctx *c = sp->c;
    const rs_part *pp = idx_resolve_part(sp->prev);
    const uint32_t *keys = sp->ir->diag_keys(sp->prev);
    uint32_t owner = c->owner;
    for (uint32_t i = 0; i < pp->nrdiags; i++) {
        if (!keys[i] || !carried(sp, keys[i] - 1)) continue;
        c->owner = keys[i];
        lp_diag *d = rs_diag_slot(c);
        if (!d) break;
        *d = pp->rdiags[i];
    }
    c->owner = owner;
}

/* The file() targets the entries carried read, kept as they were read (carry.c's carry_inputs). */
static int carry_files(sparse *sp, const inp_table *in)
{
    rs_ctx *c = sp->c;
    uint8_t *need = ar_zalloc(&c->ast, (size_t)in->n + 1);
    if (!need) return -1;
    input_ix ix;
    rs_input_ix_init(&ix, in, &c->ast, 1);
    for (uint32_t k = 0; k < sp->files.n; k++) {
        if (!carried(sp, sp->files.v[k].id)) continue;
        uint32_t at = rs_input_find(&ix, sp->files.v[k].name);
        if (at != UINT32_MAX) need[at] = 1;
    }
    rs_carry_inputs_take(c, sp->prev, sp->r->prev_changed, in, need, 1);
    return 0;
}

static int cmp_id(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* What was decided, done: the image held, its overlay viewed, every entry carried but those to
 * evaluate (r->todo_ids).  -1: out of memory. */
static int apply(sparse *sp, const inp_table *in)
{
    rs_resolver *r = sp->r;
    rs_ctx *c = sp->c;
    uint32_t n = idx_tab(sp->ws)->nentries;
    void (*ref)(void *), (*unref)(void *);
    void *hold = sp->ir->hold(sp->prev, &ref, &unref);
    ref(hold);   /* (the rows, records, diagnostics and inputs refer to the image) */
    r->store->hold = hold;
    r->store->hold_unref = unref;
    if (rs_overlay_own(c, sp->prev, 0) != 0 || carry_rows(sp) != 0) return -1;
    carry_diags(sp);
    if (carry_files(sp, in) != 0) return -1;
    if (!(r->todo_ids = mem_zeroed((size_t)n + 1, sizeof *r->todo_ids))) return -1;
    if (sp->ntodo) {
        qsort(sp->todo, sp->ntodo, sizeof *sp->todo, cmp_id);
        memcpy(r->todo_ids, sp->todo, (size_t)sp->ntodo * sizeof *sp->todo);
    }
    r->ntodo_ids = sp->ntodo;
    c->published += sp->ncarried;
    c->fields_resolved += sp->fields;
    r->carried = sp->ncarried;
    r->incremental = 1;
    c->reads_partial = 1;
    return c->oom ? -1 : 0;
}

int rs_carry_sparse(rs_resolver *r, uint32_t *todo)
{
    rs_ctx *c = &r->ctx;
    if (!c->scope_shared || !may(r)) return 0;
    const lp_workspace *ws = c->ws, *prev = r->prev;
    uint32_t n = idx_tab(ws)->nentries;
    sparse sp = { .r = r, .c = c, .ws = ws, .prev = prev, .ir = idx_resolve_part(prev)->image_reads,
                  .prev_unres = idx_image_part_of(prev)->entry_unres };
    void (*ref)(void *), (*unref)(void *);
    inp_table in;
    int rc = 0;
    if (!sp.ir->hold(prev, &ref, &unref) || !records_serve(&sp, &in)) goto out;
    sp.scanned = ar_zalloc(&c->ast, (size_t)idx_tab(ws)->nfiles + 1);
    sp.mark = mem_zeroed((size_t)n + 1, 1);
    if (!sp.scanned || !sp.mark) goto oom;
    /* (an entry reading the environment, or records that cannot serve: carry.c decides) */
    unsigned kinds = 1u << RS_DEP_RES | 1u << RS_DEP_ENV | 1u << RS_DEP_FILE;
    if (sp.ir->each(prev, kinds, on_read, &sp) != 0 || sp.env) goto out;
    if (check_scanned(&sp) != 0 || scan_rest(&sp) != 0 || propagate(&sp) != 0) goto oom;
    /* (evaluated past what the stale image is kept for: carry.c's records, which an image is written from;
     * the states scan_rest set back as they were) */
    if (!idx_resolve_part(ws)->image_kept_if(ws, sp.ntodo)) {
        memset((void *)c->entry_state, 0, n * sizeof *c->entry_state);
        goto out;
    }
    if (apply(&sp, &in) != 0) goto oom;
    *todo = sp.dirty_want;
    atomic_fetch_add(&sparse_runs, 1);
    rc = 1;
    goto out;
oom:
    rc = -1;
out:
    if (sp.oom) rc = -1;
    mem_zeroed_free(sp.mark, sp.mark ? (size_t)n + 1 : 0, 1);
    return rc;
}
