/* spool.h — records kept on disk instead of in memory, one per run node, for the commands that
 * would otherwise hold every row of a run: `control|benchmark run` (check_spool.c: a control's
 * columns and rows) and `dashboard run` (cmd_dashboard_run.c: a panel's rows as they arrive).
 *
 * A record is appended to in pieces (several records at once: a run's workers hand rows of several
 * panels); each record's bytes wait in memory until CLI_SPOOL_CHUNK of them are there or the record
 * is flushed, then go to an unlinked temporary file as one chunk.  A record is read back a chunk at
 * a time or whole.  Lookups by node are hashed: a run of 100,000 panels or controls costs no scan.
 * Not thread-safe: a caller with threads holds its own lock around every call.
 *
 * The encoding helpers write a string as a 64-bit length (CLI_SPOOL_NULL for NULL), its bytes and
 * a NUL, so that a cell read back is a NUL-terminated string in the read buffer, of any length. */
#ifndef LP_CLI_SPOOL_H
#define LP_CLI_SPOOL_H

#include <stddef.h>
#include <stdint.h>

#include "lazypipe.h"

#define CLI_SPOOL_CHUNK (256u << 10)
#define CLI_SPOOL_NULL UINT64_MAX

typedef struct cli_spool cli_spool;

cli_spool *cli_spool_new(void);   /* NULL: no memory or no temporary file */
void cli_spool_free(cli_spool *s);
/* A write, a read or an allocation failed (the caller says so; what was read may be short). */
int cli_spool_failed(const cli_spool *s);

/* The buffer to append key's next bytes to (its record is made on first use); NULL once the spool
 * failed.  cli_spool_wrote then writes them out when CLI_SPOOL_CHUNK bytes wait, or when flush. */
lp_buf *cli_spool_append(cli_spool *s, const void *key);
void cli_spool_wrote(cli_spool *s, const void *key, int flush);
void cli_spool_flush_all(cli_spool *s);   /* every record's waiting bytes written */

int cli_spool_has(const cli_spool *s, const void *key);
/* key's chunks, in order, read back one at a time: chunk k's bytes (valid until the next read), its
 * length in *len; NULL past the last chunk or on a failed read.  cli_spool_read: the whole record
 * (flushed first), NULL when key has none. */
const char *cli_spool_chunk(cli_spool *s, const void *key, size_t k, size_t *len);
const char *cli_spool_read(cli_spool *s, const void *key, size_t *len);

/* A run's rows as records (dashboard run's panels, query run's snapshot and table): put_row appends
 * a row of key's (per cell its type, a byte, and its text); each_row reads key's rows back a chunk at
 * a time and calls emit for each with ncols cells (lp_rows_source.each_row): emit's first nonzero
 * return, -1 when a row did not read back, else 0.  A row may also be put a cell at a time
 * (put_cell, then cli_spool_wrote ends the row), whole before another record's bytes; a wide cell
 * goes straight to the file, and a chunk holds whole rows. */
void cli_spool_put_row(cli_spool *s, const void *key, const lp_db_cell *cells, uint32_t ncols);
void cli_spool_put_cell(cli_spool *s, const void *key, lp_db_type type, const char *text, size_t len);
int cli_spool_each_row(cli_spool *s, const void *key, uint32_t ncols, lp_row_emit_fn emit, void *ctx);

/* The string codec (p NULL: a NULL); get: *out points into the record, NUL-terminated (NULL for a
 * NULL), 0, or -1 when the record ends early. */
void cli_spool_put_str(lp_buf *b, const char *p, size_t n);
int cli_spool_get_str(const char **at, const char *end, const char **out, size_t *len);

#endif
