/* seg.c — segments: a file's scan result kept across versions (seg.h).
 *
 * seg_make copies a result in two passes over the same code: the first only
 * counts the bytes (cur.base NULL), the second copies into one allocation of
 * exactly that size, so that a kept file costs one allocation and no slack
 * (a result arena reserves at least 64 KiB).
 */
#include "index/seg.h"

#include <stddef.h>
#include <string.h>
#include <sys/mman.h>

#include "base/mem.h"

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
    char *mem = mem_malloc(n);
    if (!mem) return NULL;
    memset(mem, 0, n);   /* the alignment gaps too: an image holds these bytes (seg_image_write) */
    c = (cur){ mem, 0 };
    seg *s = take(&c, sizeof *s);
    memset(s, 0, sizeof *s);
    atomic_init(&s->refs, 1);
    s->status = o->status;
    s->size = o->read.size;
    s->mtime_ns = o->read.mtime_ns;
    s->dev = o->read.dev;
    s->ino = o->read.ino;
    s->hash = o->read.hash;
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
    if (!s || atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) != 1) return;
    if (s->block) seg_block_unref(s->block);
    else mem_free(s, s->bytes);
}

struct seg_block {
    _Atomic uint32_t refs;
    size_t size;
    char *mem;
    void *map;                   /* seg_block_map's mapping (mem inside it), or NULL */
    size_t map_size;
};

seg_block *seg_block_map(int fd, uint64_t off, size_t n)
{
    seg_block *b = mem_malloc(sizeof *b);
    size_t lead = (size_t)(off % 4096u);
    void *m = b && n ? mmap(NULL, n + lead, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, (off_t)(off - lead))
                     : MAP_FAILED;
    if (m == MAP_FAILED) {
        mem_free(b, b ? sizeof *b : 0);
        return NULL;
    }
    atomic_init(&b->refs, 1);
    b->size = n;
    b->mem = (char *)m + lead;
    b->map = m;
    b->map_size = n + lead;
    return b;
}

seg_block *seg_block_new(size_t n)
{
    seg_block *b = mem_malloc(sizeof *b);
    char *m = mem_malloc(n ? n : 1);
    if (!b || !m) {
        mem_free(b, b ? sizeof *b : 0);
        mem_free(m, m ? (n ? n : 1) : 0);
        return NULL;
    }
    atomic_init(&b->refs, 1);
    b->size = n ? n : 1;
    b->mem = m;
    b->map = NULL;
    b->map_size = 0;
    return b;
}

char *seg_block_mem(seg_block *b)
{
    return b->mem;
}

void seg_block_unref(seg_block *b)
{
    if (!b || atomic_fetch_sub_explicit(&b->refs, 1, memory_order_acq_rel) != 1) return;
    if (b->map) munmap(b->map, b->map_size);
    else mem_free(b->mem, b->size);
    mem_free(b, sizeof *b);
}

void seg_outcome(const seg *s, file_outcome *o)
{
    memset(o, 0, sizeof *o);
    o->res = s->res;
    o->read.size = s->size;
    o->read.mtime_ns = s->mtime_ns;
    o->read.dev = s->dev;
    o->read.ino = s->ino;
    o->read.hash = s->hash;
    o->status = s->status;
}

int seg_index_build(seg_index *t, const lp_workspace *ws)
{
    uint32_t size = 16;
    while (size < 2 * ws->ix.nfiles + 2) size *= 2;
    t->key = mem_calloc(size, sizeof *t->key);
    t->file = mem_malloc(size * sizeof *t->file);
    t->mask = size - 1;
    if (!t->key || !t->file) {
        seg_index_free(t);
        return -1;
    }
    for (uint32_t f = 0; ws->sg.segs && f < ws->ix.nfiles; f++) {
        const seg *k = ws->sg.segs[f];
        if (!k) continue;
        uint32_t j = si_ptr_hash(k) & t->mask;
        while (t->key[j]) j = (j + 1) & t->mask;
        t->key[j] = k;
        t->file[j] = f;
    }
    return 0;
}

uint32_t seg_index_get(const seg_index *t, const seg *k)
{
    if (!k || !t->key) return UINT32_MAX;
    for (uint32_t j = si_ptr_hash(k) & t->mask; t->key[j]; j = (j + 1) & t->mask)
        if (t->key[j] == k) return t->file[j];
    return UINT32_MAX;
}

void seg_index_free(seg_index *t)
{
    mem_free(t->key, t->key ? ((size_t)t->mask + 1) * sizeof *t->key : 0);
    mem_free(t->file, t->file ? ((size_t)t->mask + 1) * sizeof *t->file : 0);
    t->key = NULL;
    t->file = NULL;
}

/* ------------------------------------------------------------ in an image */

_Static_assert(sizeof(uintptr_t) == sizeof(const char *), "pointers as offsets");

/* The pointer at `field` (an address inside s) as an offset, into the copy at out. */
static void put_off(char *out, const seg *s, const void *field)
{
    const char *p;
    memcpy(&p, field, sizeof p);
    uintptr_t off = p ? (uintptr_t)(p - (const char *)s) : 0;
    memcpy(out + ((const char *)field - (const char *)s), &off, sizeof off);
}

static void put_pieces(char *out, const seg *s, cap_piece *const *head)
{
    put_off(out, s, head);
    for (const cap_piece *p = *head; p; p = p->next) {
        put_off(out, s, &p->next);
        put_off(out, s, &p->text);
    }
}

void seg_image_write(const seg *s, char *out)
{
    const scan_result *r = &s->res;
    /* all but the count, which other threads change (a version closed meanwhile) */
    size_t at = offsetof(seg, refs), past = at + sizeof s->refs;
    memcpy(out, s, at);
    memset(out + at, 0, sizeof s->refs);
    memcpy(out + past, (const char *)s + past, s->bytes - past);
    memset(out + offsetof(seg, block), 0, sizeof s->block);   /* where it lives: not the image's */
    put_off(out, s, &s->path);
    put_off(out, s, &s->mod);
    put_off(out, s, &r->entries);
    put_off(out, s, &r->tags);
    put_off(out, s, &r->refs);
    put_off(out, s, &r->diags);
    put_pieces(out, s, &r->blocks);
    for (uint32_t i = 0; i < r->nentries; i++) {
        const scan_entry *e = &r->entries[i];
        const scan_str *str[] = { &e->name, &e->title, &e->description, &e->category,
                                  &e->documentation, &e->display, &e->sql, &e->query_ref };
        for (size_t k = 0; k < sizeof str / sizeof *str; k++) put_off(out, s, &str[k]->p);
        put_pieces(out, s, &e->caps);
    }
    for (uint32_t i = 0; i < r->ntags; i++) {
        put_off(out, s, &r->tags[i][0].p);
        put_off(out, s, &r->tags[i][1].p);
    }
    for (uint32_t i = 0; i < r->nrefs; i++) put_off(out, s, &r->refs[i].name.p);
    for (uint32_t i = 0; i < r->ndiags; i++) {
        put_off(out, s, &r->diags[i].summary);
        put_off(out, s, &r->diags[i].detail);
    }
}

/* Reading walks the block in the order seg_make laid it out (the same
 * cursor), and every offset must be where that order puts the next object:
 * objects cannot overlap, so relocating one pointer never changes a field
 * already checked. */
typedef struct rd {
    char *m;
    size_t n;
    cur c;                       /* base NULL: positions only */
    const char *why;
} rd;

#define FAIL(r, w)          \
    do {                    \
        (r)->why = (w);     \
        return -1;          \
    } while (0)

/* The pointer at field: NULL (offset 0), or the next object of `size` bytes. */
static int get_obj(rd *r, void *field, size_t size, int may_be_null, char **out)
{
    uintptr_t off;
    memcpy(&off, field, sizeof off);
    *out = NULL;
    if (!off) {
        if (!may_be_null) FAIL(r, "a segment's array missing");
        return 0;
    }
    size_t at = (r->c.off + 7u) & ~(size_t)7u;
    if (off != at || at > r->n || size > r->n - at) FAIL(r, "a segment's layout");
    r->c.off = at + size;
    *out = r->m + at;
    memcpy(field, out, sizeof *out);
    return 0;
}

static int get_str(rd *r, scan_str *s)
{
    char *p;
    if (get_obj(r, &s->p, s->len ? s->len : 1, 1, &p) != 0) return -1;
    if (!p && s->len) FAIL(r, "a segment's string");
    if (p && si_hash(p, s->len) != s->hash) FAIL(r, "a segment's string hash");
    return 0;
}

static int get_cstr(rd *r, const char **field)
{
    uintptr_t off;
    memcpy(&off, field, sizeof off);
    size_t at = (r->c.off + 7u) & ~(size_t)7u;
    const char *nul = off && at < r->n ? memchr(r->m + at, '\0', r->n - at) : NULL;
    if (off && !nul) FAIL(r, "a segment's text");
    char *p;
    return get_obj(r, (void *)field, nul ? (size_t)(nul - (r->m + at)) + 1 : 0, 1, &p);
}

static int get_pieces(rd *r, cap_piece **head)
{
    cap_piece **field = head;
    for (uint32_t k = 0;; k++) {
        char *q, *t;
        if (get_obj(r, field, sizeof(cap_piece), 1, &q) != 0) return -1;
        if (!q) return 0;
        cap_piece *p = (cap_piece *)(void *)q;
        if (p->name_len > p->len || get_obj(r, &p->text, (size_t)p->len + 1, 0, &t) != 0 || t[p->len] != '\0')
            FAIL(r, "a segment's captured piece");
        field = &p->next;
    }
}

seg *seg_image_take(seg_block *b, char *p, size_t n, const char **why)
{
    *why = "a segment's header";
    if (n < sizeof(seg) || ((uintptr_t)p & 7u) || p < b->mem || n > b->size ||
        (size_t)(p - b->mem) > b->size - n)
        return NULL;
    rd r = { p, n, { NULL, sizeof(seg) }, NULL };
    seg *s = (seg *)(void *)r.m;
    scan_result *res = &s->res;
    char *a;
    /* nstr and str_bytes only size a reservation (reserve_strings): bounded, not exact */
    int ok = s->bytes == n && !s->block && (s->status == LP_OK || s->status == LP_ERR_SYNTAX) &&
             s->full_parse <= 1 &&
             res->nstr <= n && res->str_bytes <= n;
    if (!ok) r.why = "a segment's header";
    ok = ok && get_cstr(&r, &s->path) == 0 && s->path && get_cstr(&r, &s->mod) == 0 && s->mod &&
         get_obj(&r, &res->entries, (size_t)res->nentries * sizeof *res->entries + 1, 0, &a) == 0 &&
         get_obj(&r, &res->tags, (size_t)res->ntags * sizeof *res->tags + 1, 0, &a) == 0 &&
         get_obj(&r, &res->refs, (size_t)res->nrefs * sizeof *res->refs + 1, 0, &a) == 0 &&
         get_obj(&r, &res->diags, (size_t)res->ndiags * sizeof *res->diags + 1, 0, &a) == 0;
    if (ok && (!s->path || !s->mod)) {
        ok = 0;
        r.why = "a segment's path";
    }
    for (uint32_t i = 0; ok && i < res->nentries; i++) {
        scan_entry *e = &res->entries[i];
        scan_str *str[] = { &e->name, &e->title, &e->description, &e->category,
                            &e->documentation, &e->display, &e->sql, &e->query_ref };
        for (size_t k = 0; ok && k < sizeof str / sizeof *str; k++) ok = get_str(&r, str[k]) == 0;
        ok = ok && get_pieces(&r, &e->caps) == 0;
        if (ok && (e->kind >= LP_KIND__COUNT || e->tags > res->ntags || e->ntags > res->ntags - e->tags ||
                   e->refs > res->nrefs || e->nrefs > res->nrefs - e->refs || e->parent < -1 ||
                   e->parent >= (int64_t)i)) {
            ok = 0;
            r.why = "a segment's entry";
        }
    }
    for (uint32_t i = 0; ok && i < res->ntags; i++)
        ok = get_str(&r, &res->tags[i][0]) == 0 && get_str(&r, &res->tags[i][1]) == 0;
    for (uint32_t i = 0; ok && i < res->nrefs; i++) {
        ok = get_str(&r, &res->refs[i].name) == 0;
        if (ok && (res->refs[i].local < -1 || res->refs[i].local >= (int64_t)res->nentries)) {
            ok = 0;
            r.why = "a segment's reference";
        }
    }
    for (uint32_t i = 0; ok && i < res->ndiags; i++) {
        scan_diag *d = &res->diags[i];
        ok = (d->severity == LP_SEV_ERROR || d->severity == LP_SEV_WARNING) &&
             get_cstr(&r, &d->summary) == 0 && get_cstr(&r, &d->detail) == 0;
        if (!ok && !r.why) r.why = "a segment's diagnostic";
    }
    ok = ok && get_pieces(&r, &res->blocks) == 0;
    if (ok && r.c.off != n) {
        ok = 0;
        r.why = "a segment's size";
    }
    if (!ok) {
        *why = r.why ? r.why : "a segment";
        return NULL;
    }
    atomic_init(&s->refs, 1);
    s->block = b;
    atomic_fetch_add_explicit(&b->refs, 1, memory_order_relaxed);
    return s;
}
