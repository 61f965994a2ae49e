/* seg.c — segments: a file's scan result kept across versions (seg.h).
 *
 * seg_make copies a result in two passes over the same code: the first only
 * counts the bytes (cur.base NULL), the second copies into one allocation of
 * exactly that size, so that a kept file costs one allocation and no slack
 * (a result arena reserves at least 64 KiB).
 */
#include "index/seg.h"

#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/srcfile.h"
#include "lazypipe_test.h"

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
    /* the blocks' pieces first, after the path and mod: an image's segment is taken lazily from its
     * head alone (seg_file_stub) */
    o.blocks = copy_pieces(c, r->blocks);
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

struct seg_lazy {
    char *raw;                   /* the segment's bytes in its block, as the image holds them; NULL:
                                  * in its block's file, at off (seg_file_stub) */
    uint64_t off;
    uint64_t sum;                /* their checksum, as the image says (checked by seg_ready) */
    seg *real;                   /* once usable: the segment taken in place there */
    const char *head;            /* the copy of its head the stub refers to (the image's heads), which
                                  * its first head_len bytes must equal (0: the stub read its own) */
    size_t head_len;
    _Atomic int state;           /* 0 not yet usable, 1 usable, -1 not a segment (cannot be: checked) */
    _Atomic int pieces_read;     /* its entries' pieces read where they lie (seg_lazy_caps) */
    size_t alloc;                /* of the stub: seg, seg_lazy and the blocks' pieces; 0: in its
                                  * block's slab (seg_block_stubs), freed with the block */
};

void seg_unref(seg *s)
{
    if (!s || atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) != 1) return;
    if (s->lazy) {
        seg_block *b = s->block;   /* (a stub in its slab goes with it) */
        seg_unref(s->lazy->real);
        if (s->lazy->alloc) mem_free(s, s->lazy->alloc);
        seg_block_unref(b);
    } else if (s->block) {
        seg_block_unref(s->block);
    } else {
        mem_free(s, s->bytes);
    }
}

struct seg_block {
    _Atomic uint32_t refs;
    size_t size;
    char *mem;
    void *map;                   /* seg_block_map's mapping (mem inside it), or NULL */
    size_t map_size;
    seg_sum_fn *sum;             /* a lazy segment's checksum (seg_image_stub) */
    _Atomic int failed;          /* a lazy segment taken from it was not one (seg_ready) */
    int fd;                      /* seg_block_file's: the file its segments are read from, at file_off */
    uint64_t file_off;
    char *slab;                  /* seg_block_stubs': stubs without blocks, each STUB_BYTES, taken in turn */
    size_t slab_size;
    _Atomic size_t slab_used;    /* (stubs made on first use may be made by several threads) */
    atomic_int prefaulted;       /* seg_block_prefault done (once is enough) */
};

/* A stub of a file without blocks of locals or variables (most files): its seg and seg_lazy alone */
#define STUB_BYTES (sizeof(seg) + sizeof(seg_lazy))

int seg_block_stubs(seg_block *b, size_t n)
{
    if (b->slab || !n || n > SIZE_MAX / STUB_BYTES || !(b->slab = mem_malloc(n * STUB_BYTES))) return -1;
    b->slab_size = n * STUB_BYTES;
    atomic_init(&b->slab_used, 0);
    return 0;
}

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
    atomic_init(&b->failed, 0);
    b->sum = NULL;
    b->fd = -1;
    b->size = n;
    b->mem = (char *)m + lead;
    b->map = m;
    b->map_size = n + lead;
    b->slab = NULL;
    b->slab_size = 0;
    atomic_init(&b->slab_used, 0);
    atomic_init(&b->prefaulted, 0);
    return b;
}

/* (lp_test_segs_prefaulted, lp_test_segs_copied, lp_test_segs_pieces_read) */
static _Atomic unsigned long prefaults, copies, pieces_reads;

unsigned long lp_test_segs_prefaulted(void)
{
    return atomic_load(&prefaults);
}

unsigned long lp_test_segs_copied(void)
{
    return atomic_load(&copies);
}

unsigned long lp_test_segs_pieces_read(void)
{
    return atomic_load(&pieces_reads);
}

/* A segment taken in place writes its offsets over with pointers (seg_image_take), so each page of it
 * is copied on its first write, a fault each; MADV_POPULATE_WRITE makes the same copies in one call
 * (aws_compliance's 5.7 MB of segments, all made usable when the local every control reads was edited:
 * 8.2 ms taken one fault at a time, 4.9 ms with this first; resolution now reads their pieces where
 * they lie, seg_lazy_caps, and a whole merge that takes them in place calls this).  It reports a
 * failure instead of raising SIGBUS (a file cut under the mapping: the segments fail their checks when
 * taken), and an older kernel without it says EINVAL: either way the pages are copied as they are
 * written.  Only
 * the first n bytes (the segments): what follows them (an image's heads) is read, never written, and
 * stays the page cache's (123,208 entries: 2.4 MB of heads not copied). */
void seg_block_prefault(seg_block *b, size_t n)
{
    if (!b || !b->map || atomic_exchange(&b->prefaulted, 1)) return;
    atomic_fetch_add(&prefaults, 1);
    size_t len = (size_t)(b->mem - (char *)b->map) + n;
#ifdef MADV_POPULATE_WRITE
    (void)madvise(b->map, len < b->map_size ? len : b->map_size, MADV_POPULATE_WRITE);
#else
    (void)len;
#endif
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
    atomic_init(&b->failed, 0);
    b->sum = NULL;
    b->fd = -1;
    b->size = n ? n : 1;
    b->mem = m;
    b->map = NULL;
    b->map_size = 0;
    b->slab = NULL;
    b->slab_size = 0;
    atomic_init(&b->slab_used, 0);
    atomic_init(&b->prefaulted, 0);
    return b;
}

seg_block *seg_block_file(int fd, uint64_t off, seg_sum_fn *sum, char *heads, size_t n)
{
    seg_block *b = mem_calloc(1, sizeof *b);
    if (!b || (b->fd = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0) {
        mem_free(b, b ? sizeof *b : 0);
        mem_free(heads, heads ? n : 0);
        return NULL;
    }
    b->mem = heads;
    b->size = heads ? n : 0;
    atomic_init(&b->refs, 1);
    atomic_init(&b->failed, 0);
    b->sum = sum;
    b->file_off = off;
    return b;
}

char *seg_block_mem(seg_block *b)
{
    return b->mem;
}

void seg_block_unref(seg_block *b)
{
    if (!b || atomic_fetch_sub_explicit(&b->refs, 1, memory_order_acq_rel) != 1) return;
    if (b->fd >= 0) close(b->fd);
    mem_free(b->slab, b->slab_size);
    if (b->map) munmap(b->map, b->map_size);
    else if (b->mem) mem_free(b->mem, b->size);
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
        const seg *k = idx_seg(ws, f);   /* (an image's made now) */
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

int seg_image_write(const seg *s, char *out)
{
    if (s->lazy) {
        /* an image's segment: its bytes as that image held them, or the segment made of them */
        int st = atomic_load_explicit(&s->lazy->state, memory_order_acquire);
        if (st <= 0 && !s->lazy->raw)
            return srcfile_pread_full(s->block->fd, out, s->bytes,
                                      s->block->file_off + s->lazy->off);
        if (st <= 0) {
            memcpy(out, s->lazy->raw, s->bytes);
            return 0;
        }
        s = s->lazy->real;
    }
    const scan_result *r = &s->res;
    /* all but the count, which other threads change (a version closed meanwhile) */
    size_t at = offsetof(seg, refs), past = at + sizeof s->refs;
    memcpy(out, s, at);
    memset(out + at, 0, sizeof s->refs);
    memcpy(out + past, (const char *)s + past, s->bytes - past);
    memset(out + offsetof(seg, block), 0, sizeof s->block);   /* where it lives: not the image's */
    memset(out + offsetof(seg, lazy), 0, sizeof s->lazy);
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
    return 0;
}

/* Reading walks the block in the order seg_make laid it out (the same
 * cursor), and every offset must be where that order puts the next object:
 * objects cannot overlap, so relocating one pointer never changes a field
 * already checked.  A walk that only checks (reloc 0) reads each offset
 * where the image put it and writes nothing. */
typedef struct rd {
    char *m;
    size_t n;
    cur c;                       /* base NULL: positions only */
    const char *why;
    int reloc;                   /* make each offset the pointer it names, in place */
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
    if (r->reloc) memcpy(field, out, sizeof *out);
    return 0;
}

static int get_str(rd *r, scan_str *s)
{
    char *p;
    if (get_obj(r, &s->p, s->len ? s->len : 1, 1, &p) != 0) return -1;
    if (!p && s->len) FAIL(r, "a segment's string");
    /* an image can say anything: the hash is computed again as the segment is made usable (a lazy
     * one reads no string before), so that the walk that checks (reloc 0) and the one that makes it
     * usable fail alike */
    if (p && r->reloc) s->hash = si_hash(p, s->len);
    return 0;
}

static int get_cstr(rd *r, const char **field, const char **out)
{
    uintptr_t off;
    memcpy(&off, field, sizeof off);
    size_t at = (r->c.off + 7u) & ~(size_t)7u;
    const char *nul = off && at < r->n ? memchr(r->m + at, '\0', r->n - at) : NULL;
    if (off && !nul) FAIL(r, "a segment's text");
    char *p;
    int rc = get_obj(r, (void *)field, nul ? (size_t)(nul - (r->m + at)) + 1 : 0, 1, &p);
    if (out) *out = p;
    return rc;
}

/* A chain of pieces; *first, its first piece (NULL: none). */
static int get_pieces(rd *r, cap_piece **head, cap_piece **first)
{
    cap_piece **field = head;
    if (first) *first = NULL;
    for (uint32_t k = 0;; k++) {
        char *q, *t;
        if (get_obj(r, field, sizeof(cap_piece), 1, &q) != 0) return -1;
        if (!q) return 0;
        cap_piece *p = (cap_piece *)(void *)q;
        if (first && !k) *first = p;
        if (p->name_len > p->len || get_obj(r, &p->text, (size_t)p->len + 1, 0, &t) != 0 || t[p->len] != '\0')
            FAIL(r, "a segment's captured piece");
        field = &p->next;
    }
}

/* The arrays of segment s (at r->m) and the pieces of its blocks, as the walk found them. */
typedef struct walked {
    const char *path, *mod;
    scan_entry *entries;
    scan_str (*tags)[2];
    scan_ref *refs;
    scan_diag *diags;
    cap_piece *blocks;
} walked;

static int walk_entries(rd *r, const scan_result *res, scan_entry *ents)
{
    for (uint32_t i = 0; i < res->nentries; i++) {
        scan_entry *e = &ents[i];
        scan_str *str[] = { &e->name, &e->title, &e->description, &e->category,
                            &e->documentation, &e->display, &e->sql, &e->query_ref };
        for (size_t k = 0; k < sizeof str / sizeof *str; k++)
            if (get_str(r, str[k]) != 0) return -1;
        if (get_pieces(r, &e->caps, NULL) != 0) return -1;
        if (e->kind >= LP_KIND__COUNT || e->tags > res->ntags || e->ntags > res->ntags - e->tags ||
            e->refs > res->nrefs || e->nrefs > res->nrefs - e->refs || e->parent < -1 ||
            e->parent >= (int64_t)i)
            FAIL(r, "a segment's entry");
    }
    return 0;
}

/* Check (and with r->reloc relocate) the whole segment at r->m: 0, or -1 with r->why. */
static int walk(rd *r, walked *w)
{
    seg *s = (seg *)(void *)r->m;
    scan_result *res = &s->res;
    char *a;
    /* nstr and str_bytes only size a reservation (reserve_strings): bounded, not exact */
    if (s->bytes != r->n || s->block || s->lazy || (s->status != LP_OK && s->status != LP_ERR_SYNTAX) ||
        s->full_parse > 1 || res->nstr > r->n || res->str_bytes > r->n)
        FAIL(r, "a segment's header");
    if (get_cstr(r, &s->path, &w->path) != 0 || !w->path || get_cstr(r, &s->mod, &w->mod) != 0 || !w->mod)
        FAIL(r, "a segment's path");
    if (get_pieces(r, &res->blocks, &w->blocks) != 0) return -1;
    if (get_obj(r, &res->entries, (size_t)res->nentries * sizeof *res->entries + 1, 0, &a) != 0) return -1;
    w->entries = (scan_entry *)(void *)a;
    if (get_obj(r, &res->tags, (size_t)res->ntags * sizeof *res->tags + 1, 0, &a) != 0) return -1;
    w->tags = (scan_str(*)[2])(void *)a;
    if (get_obj(r, &res->refs, (size_t)res->nrefs * sizeof *res->refs + 1, 0, &a) != 0) return -1;
    w->refs = (scan_ref *)(void *)a;
    if (get_obj(r, &res->diags, (size_t)res->ndiags * sizeof *res->diags + 1, 0, &a) != 0) return -1;
    w->diags = (scan_diag *)(void *)a;
    if (walk_entries(r, res, w->entries) != 0) return -1;
    for (uint32_t i = 0; i < res->ntags; i++)
        if (get_str(r, &w->tags[i][0]) != 0 || get_str(r, &w->tags[i][1]) != 0) return -1;
    for (uint32_t i = 0; i < res->nrefs; i++) {
        if (get_str(r, &w->refs[i].name) != 0) return -1;
        if (w->refs[i].local < -1 || w->refs[i].local >= (int64_t)res->nentries)
            FAIL(r, "a segment's reference");
    }
    for (uint32_t i = 0; i < res->ndiags; i++) {
        scan_diag *d = &w->diags[i];
        if ((d->severity != LP_SEV_ERROR && d->severity != LP_SEV_WARNING) ||
            get_cstr(r, &d->summary, NULL) != 0 || get_cstr(r, &d->detail, NULL) != 0)
            FAIL(r, r->why ? r->why : "a segment's diagnostic");
    }
    if (r->c.off != r->n) FAIL(r, "a segment's size");
    return 0;
}

static int in_block(const seg_block *b, const char *p, size_t n)
{
    return n >= sizeof(seg) && !((uintptr_t)p & 7u) && p >= b->mem && n <= b->size &&
           (size_t)(p - b->mem) <= b->size - n;
}

seg *seg_image_take(seg_block *b, char *p, size_t n, const char **why)
{
    *why = "a segment's header";
    if (!in_block(b, p, n)) return NULL;
    rd r = { p, n, { NULL, sizeof(seg) }, NULL, 1 };
    walked w;
    if (walk(&r, &w) != 0) {
        *why = r.why ? r.why : "a segment";
        return NULL;
    }
    seg *s = (seg *)(void *)p;
    atomic_init(&s->refs, 1);
    s->block = b;
    atomic_fetch_add_explicit(&b->refs, 1, memory_order_relaxed);
    return s;
}

/* The chain of pieces whose first offset is at `field` (relative to p, n bytes), unrelocated: each
 * piece and its NUL-terminated text inside the bytes, further on than the one before (so the chain
 * ends).  The number of pieces, or UINT32_MAX when it is not such a chain. */
static uint32_t chain_count(const char *p, size_t n, const void *field)
{
    uintptr_t off, text, last = 0;
    memcpy(&off, field, sizeof off);
    uint32_t k = 0;
    for (; off; k++) {
        if (off <= last || off % 8u || off > n || sizeof(cap_piece) > n - off) return UINT32_MAX;
        const cap_piece *q = (const cap_piece *)(const void *)(p + off);
        memcpy(&text, &q->text, sizeof text);
        if (q->name_len > q->len || text <= off || text > n || (size_t)q->len + 1 > n - text ||
            p[text + q->len] != '\0')
            return UINT32_MAX;
        last = text;
        memcpy(&off, &q->next, sizeof off);
    }
    return k;
}

/* The chain of pieces whose first offset is at `field` (relative to p; checked: chain_count, or a walk)
 * read into pieces[], one after another: each text where p holds it, or, with copy, copied to *copy
 * (moved past it).  Its first piece, or NULL. */
static cap_piece *chain_read(const char *p, const void *field, cap_piece *pieces, char **copy)
{
    cap_piece *head = NULL, **tail = &head;
    uintptr_t at, text;
    memcpy(&at, field, sizeof at);
    while (at) {
        const cap_piece *q = (const cap_piece *)(const void *)(p + at);
        memcpy(&text, &q->text, sizeof text);
        cap_piece *c = pieces++;
        *c = *q;
        c->text = copy ? memcpy(*copy, p + text, (size_t)q->len + 1) : p + text;
        if (copy) *copy += (size_t)q->len + 1;
        c->next = NULL;
        *tail = c;
        tail = &c->next;
        memcpy(&at, &q->next, sizeof at);
    }
    return head;
}

/* A NUL-terminated string at offset `field` of the n bytes at p, or NULL. */
static const char *raw_cstr(const char *p, size_t n, const void *field)
{
    uintptr_t off;
    memcpy(&off, field, sizeof off);
    return off > 0 && off < n && memchr(p + off, '\0', n - off) ? p + off : NULL;
}

/* A lazy segment of b whose first `have` bytes (of n), its head, are at p: its header, path, mod and
 * blocks checked inside them.  refer: p's bytes stay as long as b (the stub refers to them), else the
 * stub copies its path, mod and blocks' texts.  raw: where all n bytes lie in b's memory, or NULL:
 * they are in b's file at off.  A head referred to that is not raw's own bytes is compared with
 * them by seg_ready. */
static seg *stub_of(seg_block *b, const char *p, size_t have, size_t n, char *raw, int refer, uint64_t off,
                    uint64_t sum, const char **why)
{
    *why = "a segment's header";
    if (have < sizeof(seg) || have > n || !b->sum) return NULL;
    const seg *h = (const seg *)(const void *)p;
    const scan_result *res = &h->res;
    const char *path = raw_cstr(p, have, &h->path), *mod = raw_cstr(p, have, &h->mod);
    uint32_t nb = chain_count(p, have, &res->blocks);
    if (h->bytes != n || h->block || h->lazy || (h->status != LP_OK && h->status != LP_ERR_SYNTAX) ||
        h->full_parse > 1 || res->nstr > n || res->str_bytes > n || !path || !mod || nb == UINT32_MAX ||
        res->nentries > n / sizeof(scan_entry))
        return NULL;
    /* the blocks' pieces are copied (loading reads them), and their texts too when not in memory */
    size_t alloc = sizeof(seg) + sizeof(seg_lazy) + (size_t)nb * sizeof(cap_piece), texts = 0;
    uintptr_t at;
    for (memcpy(&at, &res->blocks, sizeof at); !refer && at;) {
        const cap_piece *q = (const cap_piece *)(const void *)(p + at);
        texts += (size_t)q->len + 1;
        memcpy(&at, &q->next, sizeof at);
    }
    if (!refer) texts += strlen(path) + 1 + strlen(mod) + 1;
    alloc += texts;
    /* one allocation for every stub (seg_block_stubs): one each was an eighth of the stubs' time */
    size_t put = alloc == STUB_BYTES && b->slab ? atomic_fetch_add(&b->slab_used, alloc) : SIZE_MAX;
    int slab = put < b->slab_size && b->slab_size - put >= alloc;
    seg *s = slab ? (seg *)(void *)(b->slab + put) : mem_malloc(alloc);
    if (!s) {
        *why = "out of memory";
        return NULL;
    }
    memcpy(s, p, sizeof *s);
    seg_lazy *l = (seg_lazy *)(void *)(s + 1);
    cap_piece *pieces = (cap_piece *)(void *)(l + 1);
    char *copy = (char *)(pieces + nb);
    s->res.blocks = chain_read(p, &res->blocks, pieces, refer ? NULL : &copy);
    if (!refer) {
        path = memcpy(copy, path, strlen(path) + 1);
        copy += strlen(path) + 1;
        mod = memcpy(copy, mod, strlen(mod) + 1);
    }
    *l = (seg_lazy){ .raw = raw, .off = off, .sum = sum, .real = NULL, .alloc = slab ? 0 : alloc };
    if (refer && p != raw) {
        l->head = p;
        l->head_len = have;
    }
    atomic_init(&l->state, 0);
    atomic_init(&l->pieces_read, 0);
    atomic_init(&s->refs, 1);
    s->path = path;
    s->mod = mod;
    s->res.entries = NULL;
    s->res.tags = NULL;
    s->res.refs = NULL;
    s->res.diags = NULL;
    s->block = b;
    s->lazy = l;
    atomic_fetch_add_explicit(&b->refs, 1, memory_order_relaxed);
    return s;
}

seg *seg_image_stub(seg_block *b, char *p, size_t n, const char *head, size_t have, uint64_t sum,
                    const char **why)
{
    *why = "a segment's header";
    return in_block(b, p, n) && in_block(b, head, have) ? stub_of(b, head, have, n, p, 1, 0, sum, why) : NULL;
}

size_t seg_image_head(const char *p, size_t n)
{
    /* since format 13 the header, path, mod and blocks' pieces come first, and the entries' array
     * right after them (copy_result): its offset is the head's length */
    uintptr_t at;
    memcpy(&at, p + offsetof(seg, res) + offsetof(scan_result, entries), sizeof at);
    return at >= sizeof(seg) && at <= n ? (size_t)at : n;
}

seg *seg_file_stub(seg_block *b, uint64_t off, size_t n, uint64_t sum, const char *head, size_t have,
                   const char **why)
{
    *why = "a segment's header";
    if (b->fd < 0 || ((uintptr_t)head & 7u)) return NULL;
    return stub_of(b, head, have, n, NULL, b->mem && in_block(b, head, have), off, sum, why);
}

void seg_block_lazy(seg_block *b, seg_sum_fn *sum)
{
    b->sum = sum;
}

void seg_block_fail(seg_block *b)
{
    atomic_store_explicit(&b->failed, 1, memory_order_release);
}

int seg_block_failed(const seg_block *b)
{
    return b && atomic_load_explicit(&((seg_block *)(uintptr_t)b)->failed, memory_order_acquire);
}

static pthread_mutex_t ready_mu = PTHREAD_MUTEX_INITIALIZER;

/* Are raw's bytes lazy segment s's: their checksum, and their head as the stub read it? */
static int lazy_bytes_ok(const seg *s, const char *raw)
{
    const seg_lazy *l = s->lazy;
    return s->block->sum(raw, s->bytes) == l->sum && (!l->head_len || memcmp(raw, l->head, l->head_len) == 0);
}

/* Lazy segment s's bytes checked (lazy_bytes_ok) and taken: in place where its block holds them (own
 * NULL), else in `own`, where they were copied or are read from the block's file now.  The segment
 * taken, or NULL when they fail (or memory ran out). */
static seg *take_checked(const seg *s, seg_block *own)
{
    const seg_lazy *l = s->lazy;
    seg_block *b = s->block;
    char *raw = own ? seg_block_mem(own) : l->raw;
    const char *why;
    if (!raw || (own && !l->raw && srcfile_pread_full(b->fd, raw, s->bytes, b->file_off + l->off) != 0) ||
        !lazy_bytes_ok(s, raw))
        return NULL;
    return seg_image_take(own ? own : b, raw, s->bytes, &why);
}

int seg_ready(const seg *cs)
{
    seg *s = (seg *)(uintptr_t)cs;   /* (lazily made: logically unchanged) */
    if (!s || !s->lazy) return 0;
    seg_lazy *l = s->lazy;
    int st = atomic_load_explicit(&l->state, memory_order_acquire);
    if (st) return st > 0 ? 0 : -1;
    pthread_mutex_lock(&ready_mu);
    if (!(st = atomic_load_explicit(&l->state, memory_order_relaxed))) {
        /* its bytes as the image wrote them (read from its file into a block of their own, when
         * there), then its layout (the stub checked only its head) */
        seg_block *own = l->raw ? NULL : seg_block_new(s->bytes);
        l->real = take_checked(s, own);
        seg_block_unref(own);   /* (the segment taken holds it) */
        if (l->real) {
            s->res.entries = l->real->res.entries;
            s->res.tags = l->real->res.tags;
            s->res.refs = l->real->res.refs;
            s->res.diags = l->real->res.diags;
        } else {
            atomic_store_explicit(&s->block->failed, 1, memory_order_release);
        }
        st = l->real ? 1 : -1;
        atomic_store_explicit(&l->state, st, memory_order_release);
    }
    pthread_mutex_unlock(&ready_mu);
    return st > 0 ? 0 : -1;
}

int seg_lazy_caps(const seg *s, ar_arena *a, cap_piece **out, uint32_t n)
{
    seg_lazy *l = s && s->lazy ? s->lazy : NULL;
    if (!l || !l->raw || !s->block->sum) return 1;
    pthread_mutex_lock(&ready_mu);   /* (its bytes are the image's until seg_ready takes them in place) */
    int rc = 1;
    const char *raw = l->raw;
    /* made (its own pieces), or holding entries the index dropped (kept_caps reads them: seg_ready) */
    if (atomic_load_explicit(&l->state, memory_order_relaxed) != 0 ||
        ((const seg *)(const void *)raw)->res.nentries != n)
        goto out;
    /* the checks seg_ready makes, the walk only reading (nothing relocated: no page written) */
    rd r = { l->raw, s->bytes, { NULL, sizeof(seg) }, NULL, 0 };
    walked w;
    if (!lazy_bytes_ok(s, raw) || walk(&r, &w) != 0) {
        atomic_store_explicit(&l->state, -1, memory_order_release);
        seg_block_fail(s->block);
        rc = -1;
        goto out;
    }
    for (uint32_t j = 0; j < n; j++) {
        /* (each piece and its text inside the bytes, in order: the walk checked the chain) */
        uint32_t k = chain_count(raw, s->bytes, &w.entries[j].caps);
        cap_piece *pieces = k && k != UINT32_MAX ? ar_alloc(a, (size_t)k * sizeof *pieces) : NULL;
        if (k && !pieces) {
            rc = -1;
            goto out;
        }
        out[j] = chain_read(raw, &w.entries[j].caps, pieces, NULL);
    }
    atomic_store_explicit(&l->pieces_read, 1, memory_order_relaxed);
    atomic_fetch_add(&pieces_reads, 1);
    rc = 0;
out:
    pthread_mutex_unlock(&ready_mu);
    return rc;
}

int seg_read_whole(const seg *s)
{
    return s && (!seg_is_lazy(s) || atomic_load_explicit(&s->lazy->pieces_read, memory_order_relaxed));
}

seg *seg_ready_copy(const seg *s, seg_block *into)
{
    if (!s || !s->lazy || into->size < s->bytes || atomic_load(&into->refs) != 1) return NULL;
    seg_lazy *l = s->lazy;
    pthread_mutex_lock(&ready_mu);   /* (its bytes are the image's until seg_ready takes them in place) */
    int st = atomic_load_explicit(&l->state, memory_order_relaxed);
    if (!st && l->raw) memcpy(into->mem, l->raw, s->bytes);
    pthread_mutex_unlock(&ready_mu);
    seg *t = !st ? take_checked(s, into) : NULL;
    if (!t && st <= 0) atomic_store_explicit(&s->block->failed, 1, memory_order_release);
    if (t) atomic_fetch_add(&copies, 1);
    return t;
}

size_t seg_block_size(const seg_block *b)
{
    return b ? b->size : 0;
}

const void *seg_copy_moved(const seg *copy, const seg *s, const void *p)
{
    const seg_lazy *l = s && s->lazy ? s->lazy : NULL;
    const char *from = (const char *)copy, *to = l && l->real ? (const char *)l->real : NULL;
    if (!p || !to || (const char *)p < from || (const char *)p >= from + copy->bytes) return p;
    return to + ((const char *)p - from);
}

uint64_t seg_image_sum(const seg *s)
{
    return s && s->lazy && atomic_load_explicit(&s->lazy->state, memory_order_acquire) <= 0 ? s->lazy->sum
                                                                                            : 0;
}

int seg_is_lazy(const seg *s)
{
    return s && s->lazy && atomic_load_explicit(&s->lazy->state, memory_order_acquire) <= 0;
}
