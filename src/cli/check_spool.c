/* check_spool.c — a run's control rows kept on disk instead of in memory.
 *
 * With a spool the run frees each control's rows once reported (lp_run_opts
 * .discard_rows); the event handler first writes them to the CLI's spool
 * (spool.h), one record per control.  Every format (the snapshot too:
 * the record keeps the columns' type names) reads them back one control at a
 * time through ck_row_* and ck_col (check.h), and writes its document as it
 * goes, so a benchmark's memory is its tree plus one control's rows and
 * text, whatever its size.  The csv header needs
 * every dimension key of the run, which is known only at its end: the spool
 * notes them as controls complete.
 *
 * Record: u32 ncols, per column its name and its type name (the snapshot's data_type); u32 nrows;
 * per row a status byte and ncols cells, each a string (cli_spool_put_str). */
#include "check.h"
#include "spool.h"

#include <stdlib.h>
#include <string.h>

struct ck_spool {
    cli_spool *sp;
    int failed;                 /* a record did not read back: the caller reports it */
    char **keys;                /* dimension keys seen */
    uint32_t nkeys;
    /* the control last read back */
    const lp_run_node *cur;
    lp_db_col *cols;
    lp_db_cell *cells;
    unsigned char *statuses;
    uint32_t ncols, nrows;
};

ck_spool *ck_spool_new(void)
{
    ck_spool *s = calloc(1, sizeof *s);
    if (s && !(s->sp = cli_spool_new())) {
        free(s);
        return NULL;
    }
    return s;
}

void ck_spool_free(ck_spool *s)
{
    if (!s) return;
    cli_spool_free(s->sp);
    for (uint32_t i = 0; i < s->nkeys; i++) free(s->keys[i]);
    free(s->keys);
    free(s->cols);
    free(s->cells);
    free(s->statuses);
    free(s);
}

int ck_spool_failed(const ck_spool *s) { return s->failed || cli_spool_failed(s->sp); }

static int fixed(const char *name)
{
    return !strcmp(name, "reason") || !strcmp(name, "resource") || !strcmp(name, "status");
}

static void put_u32(lp_buf *b, uint32_t v) { lp_buf_put(b, (const char *)&v, sizeof v); }

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
    if (lp_node_get_type(n) != LP_NODE_CONTROL || cli_spool_has(s->sp, n)) return;
    lp_buf *b = cli_spool_append(s->sp, n);
    if (!b) return;
    uint32_t nc = lp_node_column_count(n), nr = lp_node_row_count(n);
    put_u32(b, nc);
    for (uint32_t i = 0; i < nc; i++) {
        const lp_db_col *col = lp_node_column(n, i);
        cli_spool_put_str(b, col->name, strlen(col->name));
        cli_spool_put_str(b, col->type_name, col->type_name ? strlen(col->type_name) : 0);
        if (!fixed(col->name)) note_key(s, col->name);
    }
    put_u32(b, nr);
    for (uint32_t r = 0; r < nr; r++) {
        char st = (char)lp_node_row_status(n, r);
        lp_buf_put(b, &st, 1);
        const lp_db_cell *cells = lp_node_row(n, r);
        for (uint32_t i = 0; i < nc; i++) cli_spool_put_str(b, cells[i].text, cells[i].len);
        cli_spool_wrote(s->sp, n, 0);
    }
    cli_spool_wrote(s->sp, n, 1);
}

uint32_t ck_spool_keys(const ck_spool *s, char ***keys)
{
    *keys = s->keys;
    return s->nkeys;
}

static int get_u32(const char **p, const char *end, uint32_t *v)
{
    if ((size_t)(end - *p) < sizeof *v) return -1;
    memcpy(v, *p, sizeof *v);
    *p += sizeof *v;
    return 0;
}

/* Read n's record back; a control never spooled (not run) has no rows. */
static void load(ck_spool *s, const lp_run_node *n)
{
    if (s->cur == n) return;
    s->cur = n;
    s->ncols = s->nrows = 0;
    size_t len;
    const char *p = cli_spool_has(s->sp, n) ? cli_spool_read(s->sp, n, &len) : NULL;
    if (!p) {
        if (cli_spool_has(s->sp, n)) goto bad;
        return;
    }
    const char *end = p + len;
    uint32_t nc, nr;
    if (get_u32(&p, end, &nc) != 0) goto bad;
    lp_db_col *cols = realloc(s->cols, (nc ? nc : 1) * sizeof *cols);
    if (!cols) goto bad;
    s->cols = cols;
    for (uint32_t i = 0; i < nc; i++) {
        cols[i] = (lp_db_col){ .type = LP_DB_TEXT };
        if (cli_spool_get_str(&p, end, &cols[i].name, NULL) != 0 ||
            cli_spool_get_str(&p, end, &cols[i].type_name, NULL) != 0 || !cols[i].name)
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
            if (cli_spool_get_str(&p, end, &c->text, &c->len) != 0) goto bad;
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
