/* dbsink.c — the drivers' tests' collecting sink (dbsink.h). */
#include "dbsink.h"
#include "shared.h"

#include <stdlib.h>
#include <time.h>
#include <string.h>

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

static int on_columns(void *user, const lp_db_col *cols, uint32_t ncols)
{
    db_rows *r = user;
    r->columns_calls++;
    if (r->columns_calls > 1) return 0;   /* the test asserts there is one call */
    r->ncols = ncols;
    size_t m = ncols ? ncols : 1;
    r->names = calloc(m, sizeof *r->names);
    r->types = calloc(m, sizeof *r->types);
    r->kinds = calloc(m, sizeof *r->kinds);
    if (!r->names || !r->types || !r->kinds) return r->oom = 1;
    for (uint32_t i = 0; i < ncols; i++) {
        r->names[i] = strdup(cols[i].name ? cols[i].name : "(null)");
        r->types[i] = strdup(cols[i].type_name ? cols[i].type_name : "(null)");
        r->kinds[i] = cols[i].type;
        if (!r->names[i] || !r->types[i]) return r->oom = 1;
    }
    return 0;
}

static int on_row(void *user, const lp_db_cell *cells, uint32_t ncols)
{
    db_rows *r = user;
    if (ncols != r->ncols) return r->oom = 1;   /* a mismatch the test sees as oom */
    r->nrows++;
    if (r->nrows == 1 && r->first_row) r->first_row(r);
    if (!r->keep || r->kept < r->keep) {
        char **c = realloc(r->cells, (r->kept + 1) * (ncols ? ncols : 1) * sizeof *c);
        if (!c) return r->oom = 1;
        r->cells = c;
        lp_db_type *k = realloc(r->cell_kinds, (r->kept + 1) * (ncols ? ncols : 1) * sizeof *k);
        if (!k) return r->oom = 1;
        r->cell_kinds = k;
        for (uint32_t i = 0; i < ncols; i++) {
            size_t at = r->kept * ncols + i;
            r->cell_kinds[at] = cells[i].type;
            r->cells[at] = cells[i].text ? dup_n(cells[i].text, cells[i].len) : NULL;
            if (cells[i].text && cells[i].text[cells[i].len] != 0) return r->oom = 1; /* not NUL-terminated */
        }
        r->kept++;
    }
    return r->stop_after && r->nrows >= r->stop_after;
}

lp_db_sink db_sink(db_rows *r)
{
    return (lp_db_sink){r, on_columns, on_row};
}

void db_rows_free(db_rows *r)
{
    for (uint32_t i = 0; i < r->ncols; i++) {
        if (r->names) free(r->names[i]);
        if (r->types) free(r->types[i]);
    }
    for (size_t i = 0; r->cells && i < r->kept * r->ncols; i++) free(r->cells[i]);
    free(r->names);
    free(r->types);
    free(r->kinds);
    free(r->cells);
    free(r->cell_kinds);
    memset(r, 0, sizeof *r);
}

const char *db_cell(const db_rows *r, size_t row, uint32_t col)
{
    return r->cells[row * r->ncols + col];
}

lp_db_type db_kind(const db_rows *r, size_t row, uint32_t col)
{
    return r->cell_kinds[row * r->ncols + col];
}

int db_col(const db_rows *r, const char *name)
{
    for (uint32_t i = 0; i < r->ncols; i++)
        if (!strcmp(r->names[i], name)) return (int)i;
    return -1;
}

void *db_cancel_later(void *arg)
{
    db_canceller *k = arg;
    struct timespec ts = { k->delay_ms / 1000, (long)(k->delay_ms % 1000) * 1000000 };
    nanosleep(&ts, NULL);
    k->at = ts_now_s();
    k->d->cancel(k->c);
    return NULL;
}
