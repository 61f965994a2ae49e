/* db.c — the driver registry and lp_db_parse (db.h). */
#include "db/db.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "base/json.h"

#define DB_MAX_DRIVERS 16

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static const lp_driver *registry[DB_MAX_DRIVERS];
static int registry_n;

int lp_driver_register(const lp_driver *d)
{
    if (!d || !d->name || !d->schemes || !d->connect || !d->exec || !d->cancel || !d->close)
        return LP_ERR_ARG;
    int rc = LP_OK;
    pthread_mutex_lock(&registry_lock);
    int i = 0;
    while (i < registry_n && registry[i] != d) i++;
    if (i == registry_n) {
        if (registry_n == DB_MAX_DRIVERS) rc = LP_ERR_ARG;
        else registry[registry_n++] = d;
    }
    pthread_mutex_unlock(&registry_lock);
    return rc;
}

const lp_driver *db_driver_for(const char *scheme)
{
    const lp_driver *found = NULL;
    pthread_mutex_lock(&registry_lock);
    for (int i = 0; i < registry_n && !found; i++)
        for (const char *const *s = registry[i]->schemes; *s && !found; s++)
            if (strcmp(*s, scheme) == 0) found = registry[i];
    pthread_mutex_unlock(&registry_lock);
    return found;
}

/* Backends Powerpipe knows and lazypipe does not run: named, so the user learns which. */
static const char *const UNSUPPORTED[] = { "mariadb", "snowflake", "sqlserver", NULL };

int lp_db_parse(const char *url, lp_db_target *out, lp_buf *store, const lp_driver **driver, lp_error *err)
{
    if (!url || !out || !store) return LP_ERR_ARG;
    memset(out, 0, sizeof *out);
    if (driver) *driver = NULL;
    const char *sep = strstr(url, "://");
    size_t slen = sep ? (size_t)(sep - url) : 0;
    char scheme[32];
    if (!sep || slen == 0 || slen >= sizeof scheme) {
        err_set(err, LP_ERR_ARG, "invalid database connection string \"%.400s\" (expected postgres://..., "
                "sqlite://path, duckdb://path or mysql://...)", url);
        return LP_ERR_ARG;
    }
    for (size_t i = 0; i < slen; i++) {
        char c = url[i];
        scheme[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    scheme[slen] = '\0';
    const char *canon = NULL;
    if (strcmp(scheme, "postgres") == 0 || strcmp(scheme, "postgresql") == 0) canon = "postgres";
    else if (strcmp(scheme, "sqlite") == 0 || strcmp(scheme, "sqlite3") == 0) canon = "sqlite";
    else if (strcmp(scheme, "duckdb") == 0) canon = "duckdb";
    else if (strcmp(scheme, "mysql") == 0) canon = "mysql";
    else if (strcmp(scheme, "tailpipe") == 0) canon = "tailpipe";   /* a data directory, served by duckdb */
    if (!canon) {
        for (const char *const *u = UNSUPPORTED; *u; u++)
            if (strcmp(*u, scheme) == 0) {
                err_set(err, LP_ERR_ARG, "%s databases are not supported by lazypipe (it runs postgres://, "
                        "sqlite://, duckdb:// and mysql:// databases)", scheme);
                return LP_ERR_ARG;
            }
        err_set(err, LP_ERR_ARG, "unknown database type \"%.64s\" (lazypipe runs postgres://, sqlite://, "
                "duckdb:// and mysql:// databases)", scheme);
        return LP_ERR_ARG;
    }
    const char *rest = sep + 3;
    int pg = strcmp(canon, "postgres") == 0;
    int file = !pg && strcmp(canon, "mysql") != 0;   /* sqlite and duckdb name a file, tailpipe a directory */
    if (file && !*rest) {
        err_set(err, LP_ERR_ARG, "invalid database connection string \"%.400s\": no file name", url);
        return LP_ERR_ARG;
    }
    /* every string first, then the pointers: the store may move while it grows */
    size_t base = store->len;
    size_t o_url = store->len;
    lp_buf_put(store, url, strlen(url) + 1);
    size_t o_scheme = store->len;
    lp_buf_put(store, canon, strlen(canon) + 1);
    size_t o_rest = store->len;
    lp_buf_put(store, rest, strlen(rest) + 1);
    /* libpq reads a URI only with its own lower-case prefixes: "POSTGRES://h/db" would be taken as
     * a database name on the default socket, another server; the scheme is case-insensitive */
    size_t o_conninfo = store->len;
    if (pg) lp_buf_puts(store, "postgresql://");
    if (!file) lp_buf_put(store, rest, strlen(rest) + 1);   /* mysql: go-sql-driver's DSN */
    if (store->oom) {
        store->len = base;
        err_set(err, LP_ERR_NOMEM, "out of memory");
        return LP_ERR_NOMEM;
    }
    out->url = store->data + o_url;
    out->scheme = store->data + o_scheme;
    if (file) out->path = store->data + o_rest;
    else out->conninfo = store->data + o_conninfo;
    const lp_driver *d = db_driver_for(canon);
    if (driver) *driver = d;
    if (!d) {
        err_set(err, LP_ERR_NOT_FOUND, "no driver for %s databases is linked into this program", canon);
        return LP_ERR_NOT_FOUND;
    }
    return LP_OK;
}
