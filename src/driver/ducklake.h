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

#endif
