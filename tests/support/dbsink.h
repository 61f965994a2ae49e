/* dbsink.h — for the database drivers' tests: a sink that keeps what it is given (columns,
 * and the rows' cells as copies, up to a limit), counts rows, and can stop the statement
 * after a number of rows or run a hook on the first row.  One collector per exec; single
 * thread (the exec's). */
#ifndef LP_TEST_DBSINK_H
#define LP_TEST_DBSINK_H

#include <stddef.h>
#include <stdint.h>

#include "lazypipe.h"

typedef struct db_rows {
    uint32_t ncols;
    char **names, **types;     /* ncols each */
    lp_db_type *kinds;
    int columns_calls;
    size_t nrows;              /* every row seen */
    size_t kept;               /* rows whose cells are kept: the first `keep` (0: all) */
    size_t keep;
    char **cells;              /* kept * ncols, NULL for SQL NULL */
    lp_db_type *cell_kinds;
    size_t stop_after;         /* nonzero: the sink stops the statement after this many rows */
    void (*first_row)(struct db_rows *r);   /* called on the first row, inside the sink */
    void *user;
    int oom;
} db_rows;

lp_db_sink db_sink(db_rows *r);
void db_rows_free(db_rows *r);
/* The cell's text, NULL for SQL NULL (row and col must be kept). */
const char *db_cell(const db_rows *r, size_t row, uint32_t col);
lp_db_type db_kind(const db_rows *r, size_t row, uint32_t col);
/* The column named name, or -1. */
int db_col(const db_rows *r, const char *name);

/* A thread body (arg: a db_canceller) that waits delay_ms, notes when (ts_now_s) in at, and
 * cancels c's statement through d->cancel, as a user's Ctrl-C does from another thread. */
typedef struct db_canceller {
    const lp_driver *d;
    lp_db_conn *c;
    int delay_ms;
    double at;
} db_canceller;
void *db_cancel_later(void *arg);

#endif
