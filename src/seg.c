/* seg.c — segments: a file's scan result kept across versions (seg.h).
 *
 * seg_make copies a result in two passes over the same code: the first only
 * counts the bytes (cur.base NULL), the second copies into one allocation of
 * exactly that size, so that a kept file costs one allocation and no slack
 * (a result arena reserves at least 64 KiB).
 */
#include "seg.h"

#include <string.h>

#include "lp_alloc.h"

typedef struct cur {
    char *base;                  /* NULL: measuring */
    size_t off;
} cur;

static void *take(cur *c, size_t n)
{
    size_t at = (c->off + 7u) & ~(size_t)7u;
    c->off = at + n;
    return c->base ? c->base + at : NULL;
}

static void copy_str(cur *c, scan_str *dst, const scan_str *src)
{
    *dst = *src;
    if (!src->p) return;
    char *p = take(c, src->len ? src->len : 1);
    if (p) {
        memcpy(p, src->p, src->len);
        dst->p = p;
    }
}

static const char *copy_cstr(cur *c, const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    char *p = take(c, n);
    if (p) memcpy(p, s, n);
    return p;
}

static cap_piece *copy_pieces(cur *c, const cap_piece *p)
{
    cap_piece *head = NULL, **tail = &head;
    for (; p; p = p->next) {
        cap_piece *q = take(c, sizeof *q);
        char *t = take(c, (size_t)p->len + 1);   /* the text and its NUL */
        if (!q) continue;
        *q = *p;
        memcpy(t, p->text, (size_t)p->len + 1);
        q->text = t;
        q->next = NULL;
        *tail = q;
        tail = &q->next;
    }
    return head;
}

/* The copy of r (measuring: only c->off moves; *out is not written). */
static void copy_result(cur *c, const scan_result *r, scan_result *out)
{
    scan_result o = *r;
    scan_entry *e = take(c, (size_t)r->nentries * sizeof *e + 1);
    scan_str(*tags)[2] = take(c, (size_t)r->ntags * sizeof *tags + 1);
    scan_ref *refs = take(c, (size_t)r->nrefs * sizeof *refs + 1);
    scan_diag *d = take(c, (size_t)r->ndiags * sizeof *d + 1);
    scan_entry tmp_e;
    scan_str tmp_s[2];
    scan_ref tmp_r;
    scan_diag tmp_d;
    for (uint32_t i = 0; i < r->nentries; i++) {
        scan_entry *x = e ? &e[i] : &tmp_e;
        const scan_entry *s = &r->entries[i];
        *x = *s;
        copy_str(c, &x->name, &s->name);
        copy_str(c, &x->title, &s->title);
        copy_str(c, &x->description, &s->description);
        copy_str(c, &x->category, &s->category);
        copy_str(c, &x->documentation, &s->documentation);
        copy_str(c, &x->display, &s->display);
        copy_str(c, &x->sql, &s->sql);
        copy_str(c, &x->query_ref, &s->query_ref);
        x->caps = copy_pieces(c, s->caps);
    }
    for (uint32_t i = 0; i < r->ntags; i++) {
        scan_str *x = tags ? tags[i] : tmp_s;
        copy_str(c, &x[0], &r->tags[i][0]);
        copy_str(c, &x[1], &r->tags[i][1]);
    }
    for (uint32_t i = 0; i < r->nrefs; i++) {
        scan_ref *x = refs ? &refs[i] : &tmp_r;
        *x = r->refs[i];
        copy_str(c, &x->name, &r->refs[i].name);
    }
    for (uint32_t i = 0; i < r->ndiags; i++) {
        scan_diag *x = d ? &d[i] : &tmp_d;
        *x = r->diags[i];
        x->summary = copy_cstr(c, r->diags[i].summary);
        x->detail = copy_cstr(c, r->diags[i].detail);
    }
    o.blocks = copy_pieces(c, r->blocks);
    o.entries = e;
    o.tags = tags;
    o.refs = refs;
    o.diags = d;
    if (c->base) *out = o;
}

seg *seg_make(const file_outcome *o, const char *path, const char *mod, int full_parse, int64_t read_at_ns)
{
    cur c = { NULL, 0 };
    take(&c, sizeof(seg));
    copy_cstr(&c, path);
    copy_cstr(&c, mod);
    copy_result(&c, &o->res, NULL);
    size_t n = c.off;
    char *mem = lp_malloc(n);
    if (!mem) return NULL;
    c = (cur){ mem, 0 };
    seg *s = take(&c, sizeof *s);
    memset(s, 0, sizeof *s);
    atomic_init(&s->refs, 1);
    s->status = o->status;
    s->size = o->size;
    s->mtime_ns = o->mtime_ns;
    s->dev = o->dev;
    s->ino = o->ino;
    s->hash = o->hash;
    s->read_at_ns = read_at_ns;
    s->path = copy_cstr(&c, path);
    s->mod = copy_cstr(&c, mod);
    s->full_parse = (uint32_t)full_parse;
    copy_result(&c, &o->res, &s->res);
    s->bytes = n;
    return s;
}

void seg_ref(seg *s)
{
    if (s) atomic_fetch_add_explicit(&s->refs, 1, memory_order_relaxed);
}

void seg_unref(seg *s)
{
    if (s && atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) == 1) lp_free(s, s->bytes);
}

void seg_outcome(const seg *s, file_outcome *o)
{
    memset(o, 0, sizeof *o);
    o->res = s->res;
    o->size = s->size;
    o->mtime_ns = s->mtime_ns;
    o->dev = s->dev;
    o->ino = s->ino;
    o->hash = s->hash;
    o->status = s->status;
}

static uint32_t ptr_hash(const void *p)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    return (uint32_t)(x ^ (x >> 29));
}

int seg_index_build(seg_index *t, const lp_workspace *ws)
{
    uint32_t size = 16;
    while (size < 2 * ws->nfiles + 2) size *= 2;
    t->key = lp_calloc(size, sizeof *t->key);
    t->file = lp_malloc(size * sizeof *t->file);
    t->mask = size - 1;
    if (!t->key || !t->file) {
        seg_index_free(t);
        return -1;
    }
    for (uint32_t f = 0; ws->segs && f < ws->nfiles; f++) {
        const seg *k = ws->segs[f];
        if (!k) continue;
        uint32_t j = ptr_hash(k) & t->mask;
        while (t->key[j]) j = (j + 1) & t->mask;
        t->key[j] = k;
        t->file[j] = f;
    }
    return 0;
}

uint32_t seg_index_get(const seg_index *t, const seg *k)
{
    if (!k || !t->key) return UINT32_MAX;
    for (uint32_t j = ptr_hash(k) & t->mask; t->key[j]; j = (j + 1) & t->mask)
        if (t->key[j] == k) return t->file[j];
    return UINT32_MAX;
}

void seg_index_free(seg_index *t)
{
    lp_free(t->key, t->key ? ((size_t)t->mask + 1) * sizeof *t->key : 0);
    lp_free(t->file, t->file ? ((size_t)t->mask + 1) * sizeof *t->file : 0);
    t->key = NULL;
    t->file = NULL;
}
