/* duckfix.c — see duckfix.h. */
#include "duckfix.h"

#include <criterion/criterion.h>
#include <dlfcn.h>
#include <stdlib.h>

#include "shared.h"

void df_create(const char *path)
{
    const char *lib = getenv("LAZYPIPE_DUCKDB_LIB");
    void *h = dlopen(lib && *lib ? lib : ".deps/duckdb/libduckdb.so", RTLD_NOW | RTLD_LOCAL);
    if (!h) ts_skip("DuckDB is not available: %s", dlerror());
    /* duckdb_open(const char *, duckdb_database *) and duckdb_close(duckdb_database *) */
    int (*open_db)(const char *, void **) = NULL;
    void (*close_db)(void **) = NULL;
    *(void **)&open_db = dlsym(h, "duckdb_open");
    *(void **)&close_db = dlsym(h, "duckdb_close");
    cr_assert(open_db && close_db, "libduckdb has no duckdb_open/duckdb_close");
    void *db = NULL;
    cr_assert_eq(open_db(path, &db), 0, "duckdb_open(%s) failed", path);
    close_db(&db);   /* the library stays loaded: the driver opens the same one */
}
