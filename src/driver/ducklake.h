/* ducklake.h — a Tailpipe database read from its DuckLake catalog, for the DuckDB driver's
 * tailpipe:// connections (src/driver/ducklake.c; docs/configuration.md, "Tailpipe").
 *
 * Linked into liblazypipe-duckdb.a beside duckdb.c (one relocatable object whose only global
 * symbol is lp_driver_duckdb): it sees only lazypipe.h and allocates with plain malloc. */
#ifndef LP_DUCKLAKE_H
#define LP_DUCKLAKE_H

#include <time.h>

#include <lazypipe.h>

/* The SQL that makes, in an empty DuckDB database, one view per live table of the Tailpipe data
 * that spec names (what follows "tailpipe://": a percent-encoded data directory, then optionally
 * "?from=T&to=T&index=I&partition=P", each percent-encoded, index and partition repeatable), at
 * the catalog's latest snapshot, with the filters applied; relative times (T-7d) count back from
 * now.  The catalog is only read (docs/configuration.md says how).  malloc'd; NULL with err set
 * (LP_ERR_DB naming the directory or file and what is wrong, LP_ERR_NOMEM). */
char *lpdl_views_sql(const char *spec, time_t now, lp_error *err);

/* Powerpipe's route, when LAZYPIPE_TAILPIPE_CLI is `true` (lpdl_cli_wanted): `tailpipe` on PATH run
 * as pipe-fittings' TailpipeConnection.GetConnectionString runs it, with spec's filters, and its
 * JSON read: LP_OK with *db_file (Tailpipe <= 0.6's database_filepath, a DuckDB file) or
 * *init_script (>= 0.7's init_script_path) malloc'd; else err as Powerpipe words it. */
int lpdl_cli_wanted(void);
int lpdl_tailpipe_connect(const char *spec, time_t now, char **init_script, char **db_file, lp_error *err);
/* The init script's text (malloc'd), read only when it is a regular file named tailpipe_init_*.sql;
 * NULL with err.  lpdl_drop_script deletes it (the same check), as Powerpipe's client does at close. */
char *lpdl_read_script(const char *path, lp_error *err);
void lpdl_drop_script(const char *path);

#endif
