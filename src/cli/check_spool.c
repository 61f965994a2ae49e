/* check_spool.c — a run's control rows kept on disk instead of in memory.
 *
 * With a spool the run frees each control's rows once reported (lp_run_opts
 * .discard_rows); the event handler first writes them to an unlinked
 * temporary file, one record per control.  Every format (the snapshot too:
 * the record keeps the columns' type names) reads them back one control at a
 * time through ck_row_* and ck_col (check.h), and writes its document as it
 * goes, so a benchmark's memory is its tree plus one control's rows and
 * text, whatever its size.  The csv header needs
 * every dimension key of the run, which is known only at its end: the spool
 * notes them as controls complete.
 *
 * Record: u32 ncols, per column its name and its type name (the snapshot's data_type); u32 nrows;
 * per row a status byte and ncols cells.  A string is a u32 length (UINT32_MAX for NULL), then
 * the bytes. */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct spool_ent {
    const lp_run_node *n;
    long off;
    size_t len;
} spool_ent;

struct ck_spool {
    FILE *f;
    int failed;                 /* a write or allocation failed: the caller reports it */
    spool_ent *ents;
    size_t nents, cap;
    int sorted;
    char **keys;                /* dimension keys seen */
    uint32_t nkeys;
    /* the control last read back */
    const lp_run_node *cur;
    char *buf;
    size_t buf_cap;
    lp_db_col *cols;
    lp_db_cell *cells;
    unsigned char *statuses;
    uint32_t ncols, nrows;
};

ck_spool *ck_spool_new(void)
{
    ck_spool *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    if (!(s->f = tmpfile())) {   /* tmpfile: already unlinked, gone when closed */
        free(s);
        return NULL;
    }
    return s;
}

void ck_spool_free(ck_spool *s)
{
    if (!s) return;
    fclose(s->f);
    for (uint32_t i = 0; i < s->nkeys; i++) free(s->keys[i]);
    free(s->keys);
    free(s->ents);
    free(s->buf);
    free(s->cols);
    free(s->cells);
    free(s->statuses);
    free(s);
}

int ck_spool_failed(const ck_spool *s) { return s->failed; }

static int fixed(const char *name)
{
    return !strcmp(name, "reason") || !strcmp(name, "resource") || !strcmp(name, "status");
}

static void put_u32(ck_spool *s, uint32_t v)
{
    if (fwrite(&v, sizeof v, 1, s->f) != 1) s->failed = 1;
}

static void put_str(ck_spool *s, const char *p, size_t n)
{
    put_u32(s, (uint32_t)n);
    if (n && fwrite(p, 1, n, s->f) != n) s->failed = 1;
}

static void note_key(ck_spool *s, const char *k)
{
    for (uint32_t i = 0; i < s->nkeys; i++)
        if (!strcmp(s->keys[i], k)) return;
    char **nk = realloc(s->keys, (s->nkeys + 1) * sizeof *nk);
    char *d = malloc(strlen(k) + 1);
    if (!nk || !d) {
        if (nk) s->keys = nk;
        free(d);
        s->failed = 1;
        return;
    }
    s->keys = nk;
    strcpy(d, k);
    s->keys[s->nkeys++] = d;
}

void ck_spool_add(ck_spool *s, const lp_run_node *n)
{
    if (lp_node_get_type(n) != LP_NODE_CONTROL || s->failed) return;
    if (s->nents == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 256;
        spool_ent *ne = realloc(s->ents, nc * sizeof *ne);
        if (!ne) {
            s->failed = 1;
            return;
        }
        s->ents = ne;
        s->cap = nc;
    }
    long off = ftell(s->f);
    uint32_t nc = lp_node_column_count(n), nr = lp_node_row_count(n);
    put_u32(s, nc);
    for (uint32_t i = 0; i < nc; i++) {
        const lp_db_col *col = lp_node_column(n, i);
        const char *name = col->name;
        put_str(s, name, strlen(name));
        if (!col->type_name) put_u32(s, UINT32_MAX);
        else put_str(s, col->type_name, strlen(col->type_name));
        if (!fixed(name)) note_key(s, name);
    }
    put_u32(s, nr);
    for (uint32_t r = 0; r < nr; r++) {
        unsigned char st = (unsigned char)lp_node_row_status(n, r);
        if (fwrite(&st, 1, 1, s->f) != 1) s->failed = 1;
        const lp_db_cell *cells = lp_node_row(n, r);
        for (uint32_t i = 0; i < nc; i++) {
            if (!cells[i].text) put_u32(s, UINT32_MAX);
            else put_str(s, cells[i].text, cells[i].len);
        }
    }
    s->ents[s->nents++] = (spool_ent){ n, off, (size_t)(ftell(s->f) - off) };
}

uint32_t ck_spool_keys(const ck_spool *s, char ***keys)
{
    *keys = s->keys;
    return s->nkeys;
}

static int cmp_ent(const void *a, const void *b)
{
    const lp_run_node *x = ((const spool_ent *)a)->n, *y = ((const spool_ent *)b)->n;
    return x < y ? -1 : x > y;
}

static int get_u32(const char **p, const char *end, uint32_t *v)
{
    if ((size_t)(end - *p) < sizeof *v) return -1;
    memcpy(v, *p, sizeof *v);
    *p += sizeof *v;
    return 0;
}

/* A string of the record, NUL-terminated in place (NULL for UINT32_MAX): its length word is
 * rewritten as the previous string's terminator, so each string is moved down by one byte. */
static int get_str(const char **p, const char *end, const char **out, size_t *len)
{
    uint32_t l;
    if (get_u32(p, end, &l) != 0) return -1;
    if (l == UINT32_MAX) {
        *out = NULL;
        if (len) *len = 0;
        return 0;
    }
    if ((size_t)(end - *p) < l) return -1;
    char *dst = (char *)*p - 1;
    memmove(dst, *p, l);
    dst[l] = '\0';
    *out = dst;
    if (len) *len = l;
    *p += l;
    return 0;
}

/* Read n's record back; a control never spooled (not run) has no rows. */
static void load(ck_spool *s, const lp_run_node *n)
{
    if (s->cur == n) return;
    s->cur = n;
    s->ncols = s->nrows = 0;
    if (!s->sorted) {
        qsort(s->ents, s->nents, sizeof *s->ents, cmp_ent);
        s->sorted = 1;
    }
    spool_ent key = { n, 0, 0 };
    const spool_ent *e = bsearch(&key, s->ents, s->nents, sizeof *s->ents, cmp_ent);
    if (!e) return;
    if (e->len + 1 > s->buf_cap) {
        char *nb = realloc(s->buf, e->len + 1);
        if (!nb) goto bad;
        s->buf = nb;
        s->buf_cap = e->len + 1;
    }
    fflush(s->f);
    if (fseek(s->f, e->off, SEEK_SET) != 0 || fread(s->buf, 1, e->len, s->f) != e->len) goto bad;
    fseek(s->f, 0, SEEK_END);
    const char *p = s->buf, *end = s->buf + e->len;
    uint32_t nc, nr;
    if (get_u32(&p, end, &nc) != 0) goto bad;
    lp_db_col *cols = realloc(s->cols, (nc ? nc : 1) * sizeof *cols);
    if (!cols) goto bad;
    s->cols = cols;
    for (uint32_t i = 0; i < nc; i++) {
        cols[i] = (lp_db_col){ .type = LP_DB_TEXT };
        if (get_str(&p, end, &cols[i].name, NULL) != 0 || get_str(&p, end, &cols[i].type_name, NULL) != 0 ||
            !cols[i].name)
            goto bad;
    }
    if (get_u32(&p, end, &nr) != 0) goto bad;
    size_t ncells = (size_t)nr * nc;
    lp_db_cell *cells = realloc(s->cells, (ncells ? ncells : 1) * sizeof *cells);
    if (cells) s->cells = cells;
    unsigned char *sts = realloc(s->statuses, nr ? nr : 1);
    if (sts) s->statuses = sts;
    if (!cells || !sts) goto bad;
    for (uint32_t r = 0; r < nr; r++) {
        if (p >= end) goto bad;
        sts[r] = (unsigned char)*p++;
        for (uint32_t i = 0; i < nc; i++) {
            lp_db_cell *c = &cells[(size_t)r * nc + i];
            *c = (lp_db_cell){ .type = LP_DB_TEXT };
            if (get_str(&p, end, &c->text, &c->len) != 0) goto bad;
            if (!c->text) c->type = LP_DB_NULL;
        }
    }
    s->ncols = nc;
    s->nrows = nr;
    return;
bad:
    s->failed = 1;
    s->ncols = s->nrows = 0;
}

uint32_t ck_spool_ncols(ck_spool *s, const lp_run_node *n)
{
    load(s, n);
    return s->ncols;
}

uint32_t ck_spool_nrows(ck_spool *s, const lp_run_node *n)
{
    load(s, n);
    return s->nrows;
}

const lp_db_col *ck_spool_col(ck_spool *s, const lp_run_node *n, uint32_t i)
{
    load(s, n);
    return &s->cols[i];
}

const lp_db_cell *ck_spool_row(ck_spool *s, const lp_run_node *n, uint32_t r)
{
    load(s, n);
    return &s->cells[(size_t)r * s->ncols];
}

lp_result_status ck_spool_status(ck_spool *s, const lp_run_node *n, uint32_t r)
{
    load(s, n);
    return (lp_result_status)s->statuses[r];
}
