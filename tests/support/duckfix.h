/* duckfix.h — a new, empty DuckDB database file for the tests, made with DuckDB's own library
 * ($LAZYPIPE_DUCKDB_LIB, else .deps/duckdb/libduckdb.so): the driver opens existing files only. */
#ifndef LP_TEST_DUCKFIX_H
#define LP_TEST_DUCKFIX_H

/* Create the database file at path; the calling test is skipped when DuckDB is not there. */
void df_create(const char *path);

#endif
