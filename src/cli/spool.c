/* spool.c — see spool.h. */
#include "spool.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct spool_chunk {
    long off;
    size_t len;
} spool_chunk;

/* A cell of at least this many bytes goes straight to the file rather than through its record's
 * pending bytes: a wide cell is not copied once more in memory. */
#define SPOOL_DIRECT ((size_t)64 << 10)

typedef struct spool_rec {
    const void *key;
    lp_buf pending;             /* bytes not yet written */
    spool_chunk *chunks;
    size_t nchunks, cap;
    int open;                   /* a row with a direct cell is being put: its chunk grows to its end */
} spool_rec;

struct cli_spool {
    FILE *f;
    long end;                   /* where the next chunk goes */
    int failed;
    spool_rec **recs;
    size_t nrecs, cap;
    uint32_t *slots;            /* open addressing by key: index + 1 into recs, 0 empty */
    size_t nslots;              /* a power of two, at least twice nrecs */
    char *buf;                  /* the chunk or record last read */
    size_t buf_cap;
    lp_db_cell *cells;          /* a row read back */
    uint32_t cells_cap;
};

cli_spool *cli_spool_new(void)
{
    cli_spool *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    if (!(s->f = tmpfile())) {   /* tmpfile: already unlinked, gone when closed */
        free(s);
        return NULL;
    }
    return s;
}

void cli_spool_free(cli_spool *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->nrecs; i++) {
        lp_buf_free(&s->recs[i]->pending);
        free(s->recs[i]->chunks);
        free(s->recs[i]);
    }
    free(s->recs);
    free(s->slots);
    free(s->buf);
    free(s->cells);
    fclose(s->f);
    free(s);
}

int cli_spool_failed(const cli_spool *s) { return s->failed; }

static size_t slot_of(const cli_spool *s, const void *key)
{
    uint64_t h = (uint64_t)(uintptr_t)key * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 32) & (s->nslots - 1);
}

static spool_rec *find(const cli_spool *s, const void *key)
{
    if (!s->nslots) return NULL;
    for (size_t i = slot_of(s, key);; i = (i + 1) & (s->nslots - 1)) {
        if (!s->slots[i]) return NULL;
        spool_rec *r = s->recs[s->slots[i] - 1];
        if (r->key == key) return r;
    }
}

static int rehash(cli_spool *s, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots) return -1;
    free(s->slots);
    s->slots = slots;
    s->nslots = nslots;
    for (size_t k = 0; k < s->nrecs; k++) {
        size_t i = slot_of(s, s->recs[k]->key);
        while (slots[i]) i = (i + 1) & (nslots - 1);
        slots[i] = (uint32_t)k + 1;
    }
    return 0;
}

static spool_rec *make(cli_spool *s, const void *key)
{
    if (s->nrecs >= UINT32_MAX - 1) return NULL;
    if ((s->nrecs + 1) * 2 > s->nslots && rehash(s, s->nslots ? s->nslots * 2 : 64) != 0) return NULL;
    if (s->nrecs == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        spool_rec **v = realloc(s->recs, cap * sizeof *v);
        if (!v) return NULL;
        s->recs = v;
        s->cap = cap;
    }
    spool_rec *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->key = key;
    s->recs[s->nrecs++] = r;
    size_t i = slot_of(s, key);
    while (s->slots[i]) i = (i + 1) & (s->nslots - 1);
    s->slots[i] = (uint32_t)s->nrecs;
    return r;
}

lp_buf *cli_spool_append(cli_spool *s, const void *key)
{
    if (s->failed) return NULL;
    spool_rec *r = find(s, key);
    if (!r && !(r = make(s, key))) s->failed = 1;
    return r ? &r->pending : NULL;
}

/* n bytes written at the file's end, into r's last chunk while r->open (a row is whole in one chunk;
 * another record's write in the middle of it fails the spool), else into a new chunk */
static void write_end(cli_spool *s, spool_rec *r, const void *p, size_t n)
{
    if (!n || s->failed) return;
    spool_chunk *last = r->nchunks ? &r->chunks[r->nchunks - 1] : NULL;
    int grow = r->open && last && last->off + (long)last->len == s->end;
    if (r->open && last && !grow) {
        s->failed = 1;
        return;
    }
    if (!grow && r->nchunks == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 8;
        spool_chunk *c = realloc(r->chunks, cap * sizeof *c);
        if (!c) {
            s->failed = 1;
            return;
        }
        r->chunks = c;
        r->cap = cap;
    }
    if (fseek(s->f, s->end, SEEK_SET) != 0 || fwrite(p, 1, n, s->f) != n) {
        s->failed = 1;
        return;
    }
    if (grow) r->chunks[r->nchunks - 1].len += n;
    else r->chunks[r->nchunks++] = (spool_chunk){ s->end, n };
    s->end += (long)n;
}

static void write_pending(cli_spool *s, spool_rec *r)
{
    if (!r->pending.len || s->failed) return;
    write_end(s, r, r->pending.data, r->pending.len);
    r->pending.len = 0;
    if (r->pending.cap > 2 * CLI_SPOOL_CHUNK) lp_buf_free(&r->pending);   /* one wide row's room goes back */
}

void cli_spool_wrote(cli_spool *s, const void *key, int flush)
{
    spool_rec *r = find(s, key);
    if (!r) return;
    if (r->pending.oom) s->failed = 1;
    if (flush || r->open || r->pending.len >= CLI_SPOOL_CHUNK) write_pending(s, r);
    /* a record flushed is whole (a control's rows): its room goes back, not kept per record */
    if (flush) lp_buf_free(&r->pending);
    r->open = 0;
}

void cli_spool_flush_all(cli_spool *s)
{
    for (size_t i = 0; i < s->nrecs; i++) write_pending(s, s->recs[i]);
}

int cli_spool_has(const cli_spool *s, const void *key) { return find(s, key) != NULL; }

/* n bytes at off into the read buffer (one spare byte after them) */
static char *read_at(cli_spool *s, long off, size_t n, size_t at)
{
    if (at + n + 1 > s->buf_cap) {
        char *b = realloc(s->buf, at + n + 1);
        if (!b) {
            s->failed = 1;
            return NULL;
        }
        s->buf = b;
        s->buf_cap = at + n + 1;
    }
    if (fseek(s->f, off, SEEK_SET) != 0 || fread(s->buf + at, 1, n, s->f) != n) {
        s->failed = 1;
        return NULL;
    }
    return s->buf + at;
}

const char *cli_spool_chunk(cli_spool *s, const void *key, size_t k, size_t *len)
{
    spool_rec *r = find(s, key);
    if (!r || k >= r->nchunks) return NULL;
    *len = r->chunks[k].len;
    return read_at(s, r->chunks[k].off, r->chunks[k].len, 0);
}

const char *cli_spool_read(cli_spool *s, const void *key, size_t *len)
{
    spool_rec *r = find(s, key);
    if (!r) return NULL;
    write_pending(s, r);
    size_t at = 0;
    for (size_t k = 0; k < r->nchunks; k++) {
        if (!read_at(s, r->chunks[k].off, r->chunks[k].len, at)) return NULL;
        at += r->chunks[k].len;
    }
    if (!r->nchunks && !read_at(s, 0, 0, 0)) return NULL;
    *len = at;
    return s->buf;
}

void cli_spool_put_str(lp_buf *b, const char *p, size_t n)
{
    uint64_t len = p ? (uint64_t)n : CLI_SPOOL_NULL;
    lp_buf_put(b, (const char *)&len, sizeof len);
    if (!p) return;
    lp_buf_put(b, p, n);
    lp_buf_putc(b, '\0');
}

int cli_spool_get_str(const char **at, const char *end, const char **out, size_t *len)
{
    uint64_t l;
    if ((size_t)(end - *at) < sizeof l) return -1;
    memcpy(&l, *at, sizeof l);
    *at += sizeof l;
    if (l == CLI_SPOOL_NULL) {
        *out = NULL;
        if (len) *len = 0;
        return 0;
    }
    if ((uint64_t)(end - *at) < l + 1) return -1;
    *out = *at;
    if (len) *len = (size_t)l;
    *at += l + 1;
    return 0;
}

void cli_spool_put_cell(cli_spool *s, const void *key, lp_db_type type, const char *text, size_t len)
{
    lp_buf *b = cli_spool_append(s, key);
    if (!b) return;
    char t = (char)type;
    lp_buf_put(b, &t, 1);
    if (!text || len < SPOOL_DIRECT) {
        cli_spool_put_str(b, text, len);
        return;
    }
    uint64_t l = len;                           /* cli_spool_put_str's encoding, its bytes direct */
    lp_buf_put(b, (const char *)&l, sizeof l);
    spool_rec *r = find(s, key);
    if (b->oom) s->failed = 1;
    write_pending(s, r);
    r->open = 1;
    write_end(s, r, text, len);
    write_end(s, r, "", 1);
}

void cli_spool_put_row(cli_spool *s, const void *key, const lp_db_cell *cells, uint32_t ncols)
{
    for (uint32_t i = 0; i < ncols; i++)
        cli_spool_put_cell(s, key, cells[i].type, cells[i].text, cells[i].len);
    cli_spool_wrote(s, key, 0);
}

int cli_spool_each_row(cli_spool *s, const void *key, uint32_t ncols, lp_row_emit_fn emit, void *ctx)
{
    if (ncols > s->cells_cap) {
        lp_db_cell *c = realloc(s->cells, ncols * sizeof *c);
        if (!c) return s->failed = 1, -1;
        s->cells = c;
        s->cells_cap = ncols;
    }
    const char *at;
    size_t len;
    for (size_t k = 0; (at = cli_spool_chunk(s, key, k, &len)); k++) {
        const char *end = at + len;
        while (at < end) {
            for (uint32_t i = 0; i < ncols; i++) {
                lp_db_cell *c = &s->cells[i];
                if (at == end) return s->failed = 1, -1;
                c->type = (lp_db_type)(unsigned char)*at++;
                if (cli_spool_get_str(&at, end, &c->text, &c->len) != 0) return s->failed = 1, -1;
            }
            int rc = emit(ctx, s->cells, LP_RES_OK);
            if (rc) return rc;
        }
    }
    return s->failed ? -1 : 0;
}
