/* carry_image.c — the previous version as its index image keeps it, for a refresh's carry-over
 * (carry.c): the image's records, reads and inputs decoded into a context (rs_image_context, through
 * the image layer's hook), the records carried over made anew from its overlay (rs_image_record),
 * and all of it decoded ahead, while a watcher's debounce waits or beside a patch's scan
 * (rs_prepare_image, rs_prepare_patch_scope and _records). */
#include "resolve/resolveInt.h"
#include "base/mem.h"

#include <string.h>

static const char *image_str(rs_ctx *c, str_copies *t, const char *s)
{
    if (!t) return s;   /* the image is held (carry_image): referred to where it is */
    if (2 * (t->n + 1) > t->mask + 1 || !t->from) {
        uint32_t size = t->from ? 2 * (t->mask + 1) : 4096;
        const char **f = ar_zalloc(&c->ast, (size_t)size * sizeof *f),
                   **d = ar_alloc(&c->ast, (size_t)size * sizeof *d);
        if (!f || !d) {
            c->oom = 1;
            return NULL;
        }
        for (uint32_t i = 0; t->from && i <= t->mask; i++) {
            if (!t->from[i]) continue;
            uint32_t j = si_ptr_hash(t->from[i]) & (size - 1);
            while (f[j]) j = (j + 1) & (size - 1);
            f[j] = t->from[i];
            d[j] = t->to[i];
        }
        t->from = f;
        t->to = d;
        t->mask = size - 1;
    }
    uint32_t j = si_ptr_hash(s) & t->mask;
    for (; t->from[j]; j = (j + 1) & t->mask)
        if (t->from[j] == s) return t->to[j];
    const char *p = ar_strndup(&c->vals, s, strlen(s));
    if (!p) {
        c->oom = 1;
        return NULL;
    }
    t->from[j] = s;
    t->to[j] = p;
    t->n++;
    return p;
}

/* The record of an image's entry oid as its resolution made it, in c's
 * values: the fields it evaluated (img_evaluated) from the overlay, which
 * holds every field as viewed; the others are the scan's, which this
 * version's entry of the same segment has too.  NULL: out of memory. */
const idx_resolved *rs_image_record(rs_ctx *c, ar_arena *vals, const lp_workspace *img, unsigned evaluated,
                                   str_copies *sc, uint32_t oid)
{
    /* (an image's word checked against its own entry: only fields evaluation can give) */
    unsigned ev = evaluated & idx_tab(img)->entries[oid].unresolved & RS_WANT;
    idx_view v;
    idx_view_make(img, oid, NULL, &v);
    idx_resolved *r = ar_zalloc(vals, sizeof *r);
    if (!r) return NULL;
    r->unresolved = v.unresolved;
    r->evaluated = ev;
#define FIELD(f, bit) r->f = (ev & (bit)) ? image_str(c, sc, v.f) : NULL
    FIELD(title, LP_UNRES_TITLE);
    FIELD(description, LP_UNRES_DESCRIPTION);
    FIELD(category, LP_UNRES_CATEGORY);
    FIELD(documentation, LP_UNRES_DOCUMENTATION);
    FIELD(display, LP_UNRES_DISPLAY);
    FIELD(sql, LP_UNRES_SQL);
#undef FIELD
    if (ev & LP_UNRES_TAGS) {
        idx_tag *t = ar_alloc(vals, (v.tags.n ? v.tags.n : 1) * sizeof *t);
        if (!t) return NULL;
        for (uint32_t i = 0; i < v.tags.n; i++) {
            const char *key, *value;
            lp_tags_at(&v.tags, i, &key, &value);
            t[i].key = image_str(c, sc, key);
            t[i].value = image_str(c, sc, value);
        }
        r->tags = t;
        r->ntags = v.tags.n;
    }
    r->has_tags = v.has_tags;
    r->has_width = v.has_width;
    r->width = v.width;
    r->detection = v.detection;
    r->nresolved = (uint16_t)rs_nfields(ev);   /* (a field counts once it evaluates: resolve_entry) */
    return sc && c->oom ? NULL : r;
}

/* An image's context as a refresh carries from it (the image layer's hook: pst_records), with each
 * input's readers counted: the arrays in a, the reads' lists (referred to) in keep.  0; -1 when
 * the records are malformed or cannot serve; -2 out of memory. */
int rs_image_context(const lp_workspace *prev, rs_ctx *pc, ar_arena *a, ar_arena *keep)
{
    int rc = idx_resolve_part(prev)->image_records(prev, pc, a, keep);
    /* (the image's inputs' paths and its reads' names are its values heap's strings: interned) */
    if (rc == 0 && !(pc->file_readers = rs_file_readers_count(&pc->inputs, pc->deps, pc->depkinds,
                                                            idx_tab(prev)->nentries, NULL, 1, a, a)))
        rc = -2;
    return rc;
}


/* A refresh's store holds the prepared store, whose scope or records it takes. */
void rs_prep_hold(rs_resolver *r, const rs_prep *pp)
{
    if (r->store->older) return;   /* (the scope's share took it already: the same store) */
    atomic_fetch_add_explicit(&pp->store->refs, 1, memory_order_relaxed);
    r->store->older = pp->store;
}

static void prep_free(rs_prep *pp)
{
    if (!pp) return;
    rs_store_unref(pp->store);
    ar_free(&pp->tmp);
    mem_free(pp, sizeof *pp);
}

/* The records a refresh would make of the image's entries it carries over, made ahead: each
 * entry's whose fields its resolution all resolved (as carry_mark requires).  -1: out of memory. */
static int prep_records(rs_prep *pp, const lp_workspace *ws)
{
    const rs_ctx *pc = pp->pc;
    uint32_t n = idx_tab(ws)->nentries;
    const idx_overlay *ov = idx_image_part_of(ws)->overlay;
    if (!pc->img_hold || !ov) return 0;   /* (its strings would be copied: by the refresh) */
    if (!(pp->rec = ar_zalloc(&pp->tmp, ((size_t)n + 1) * sizeof *pp->rec))) return -1;
    for (uint32_t oid = 0; oid < n; oid++) {
        const idx_entry *e = &idx_tab(ws)->entries[oid];
        if (!(e->unresolved & RS_WANT) || idx_overlay_row(ws, oid) != IDX_ROW_WHOLE) continue;
        pp->rec[oid] = rs_image_record(NULL, &pp->store->vals, ws, pc->img_evaluated[oid], NULL, oid);
        if (!pp->rec[oid]) return -1;
    }
    return 0;
}

static int prepare_image(lp_workspace *ws, int records);

int rs_prepare_image(lp_workspace *ws)
{
    return prepare_image(ws, 1);
}

int rs_prepare_patch_scope(lp_workspace *ws)
{
    return prepare_image(ws, -1);
}

/* The image's context (its records, reads and inputs) decoded into pp, its mods the scope's: recs_rc
 * set, and returned (-2: out of memory, the context's allocation included). */
static int prep_context(rs_prep *pp, lp_workspace *ws)
{
    if (!(pp->pc = ar_zalloc(&pp->tmp, sizeof *pp->pc))) return -2;
    pp->pc->mods = pp->mods;
    pp->pc->nmods = pp->nmods;
    return pp->recs_rc = rs_image_context(ws, pp->pc, &pp->tmp, &pp->store->vals);
}

int rs_prepare_patch_records(lp_workspace *ws)
{
    rs_part *part = idx_resolve_part(ws);
    rs_prep *pp = part->prep;
    if (!pp || pp->recs_rc != RS_PREP_LATER) return 0;
    pp->recs_rc = -1;
    if (!part->image_records) return 0;
    /* (the store's figures stay the scope's: a one-shot's resolution, which may be ending meanwhile when it
     * took none of this, reads them, and no later refresh cuts a chain by them) */
    return prep_context(pp, ws) == -2 ? -1 : 0;
}

/* records: 1 the reads and the records a refresh would make too (prep_records: a live version's); -1
 * not the reads (RS_PREP_LATER: rs_prepare_patch_records, or the refresh's own) */
static int prepare_image(lp_workspace *ws, int records)
{
    rs_part *part = idx_resolve_part(ws);
    if (part->prep || !idx_image_part_of(ws)->image || !part->image_scope || part->resolver) return 0;
    rs_prep *pp = mem_calloc(1, sizeof *pp);
    rs_vstore *st = mem_calloc(1, sizeof *st);
    if (!pp || !st) {
        mem_free(pp, pp ? sizeof *pp : 0);
        mem_free(st, st ? sizeof *st : 0);
        return -1;
    }
    atomic_init(&st->refs, 1);
    st->prepared = 1;
    ar_init(&st->vals, 256 * 1024);
    ar_init(&pp->tmp, 64 * 1024);
    pp->store = st;
    /* anything but a whole part leaves it to the refresh: malformed, it finds so again */
    if (part->image_scope(ws, &st->vals, &pp->mods, &pp->nmods) != 0) goto fail;
    pp->load_rc = part->image_loadrec ? part->image_loadrec(ws, &pp->load, &pp->tmp) : -1;
    if (pp->load_rc == -2) goto fail;
    pp->recs_rc = records > 0 ? -1 : RS_PREP_LATER;
    if (part->image_records && records > 0 &&
        (prep_context(pp, ws) == -2 || (pp->recs_rc == 0 && prep_records(pp, ws) != 0)))
        goto fail;
    st->own_bytes = st->chain_bytes = st->base_bytes = st->vals.reserved;
    part->prep = pp;
    return 0;
fail:
    prep_free(pp);
    return -1;
}

void rs_prep_free(lp_workspace *ws)
{
    prep_free(idx_resolve_part(ws)->prep);
    idx_resolve_part(ws)->prep = NULL;
}

