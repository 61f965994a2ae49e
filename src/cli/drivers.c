/* drivers.c — the database drivers of lazypipe and lazypipe-server, each loaded at its first
 * connect.
 *
 * Linking liblazypipe-postgres.a maps libpq and what it brings (libssl, libcrypto, krb5, ldap,
 * sasl, gnutls, p11-kit...: 21 more shared libraries; liblazypipe-mysql.a maps libmariadb and
 * its gnutls) into every process, even `--version` and a `dashboard list` that reopens its image
 * without touching a database: that doubled the start-up of index-only commands.
 * So the programs link no driver: each driver is also built as a shared object
 * (build/lazypipe-driver-NAME.so, from the same src/driver/NAME.c as the archive, with its client
 * library as its own dependency), and what is registered here is a stand-in with the driver's name
 * and schemes whose connect dlopens the object, takes its lp_driver_NAME and hands over; exec,
 * cancel and close go straight to the driver that made the connection.  Hosts that link the
 * archives (liblazypipe-NAME.a) are unaffected.
 *
 * Where the object is looked for: $LAZYPIPE_DRIVER_DIR, then beside the executable (the build
 * tree), then <exe>/../lib/lazypipe (make install).  Without it a connect is LP_ERR_DB naming the
 * file and dlerror()'s reason; every other command works as before.  DuckDB's driver is small and
 * dlopens libduckdb.so itself, so it stays linked. */
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

typedef struct lazy_driver {
    lp_driver stand_in;         /* what is registered */
    const char *object;         /* "lazypipe-driver-postgres.so" */
    const char *symbol;         /* "lp_driver_postgres" */
    pthread_mutex_t lock;
    int tried;                  /* the object was looked for (once: a failure is not retried) */
    const lp_driver *real;      /* NULL: not loaded (why says why) */
    char why[600];
} lazy_driver;

/* Try dir/object; 1 when the driver was taken from it. */
static int load_from(lazy_driver *d, const char *dir)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", dir, d->object) >= (int)sizeof path) return 0;
    if (access(path, R_OK) != 0) return 0;
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(d->why, sizeof d->why, "%.590s", dlerror());
        return 0;
    }
    const lp_driver *(*get)(void) = NULL;
    *(void **)&get = dlsym(h, d->symbol);
    if (!get || !get()) {
        snprintf(d->why, sizeof d->why, "%.500s has no %s", path, d->symbol);
        dlclose(h);
        return 0;
    }
    d->real = get();   /* the handle stays open for the process's life */
    return 1;
}

static void load_now(lazy_driver *d)
{
    snprintf(d->why, sizeof d->why, "%s was not found (LAZYPIPE_DRIVER_DIR, beside the program, "
             "or its ../lib/lazypipe)", d->object);
    const char *env = getenv("LAZYPIPE_DRIVER_DIR");
    if (env && *env && load_from(d, env)) return;
    char exe[PATH_MAX];
    if (cli_exe_dir(exe, sizeof exe) != 0 || load_from(d, exe)) return;
    char lib[PATH_MAX];
    if (snprintf(lib, sizeof lib, "%s/../lib/lazypipe", exe) < (int)sizeof lib) load_from(d, lib);
}

static int lazy_connect(lazy_driver *d, const lp_db_target *t, lp_db_conn **out, lp_error *err)
{
    pthread_mutex_lock(&d->lock);
    if (!d->tried) load_now(d);
    d->tried = 1;
    const lp_driver *real = d->real;
    pthread_mutex_unlock(&d->lock);
    if (!real) {
        if (err) {
            err->code = LP_ERR_DB;
            snprintf(err->message, sizeof err->message, "the %s driver is not available: %.400s",
                     d->stand_in.name, d->why);
        }
        return LP_ERR_DB;
    }
    return real->connect(t, out, err);
}

/* One stand-in per driver: its functions know their driver (a connection does not say). */
#define LAZY_DRIVER(NAME, ...)                                                                           \
    static const char *const NAME##_schemes[] = { __VA_ARGS__, NULL };                                \
    static lazy_driver NAME##_lazy;                                                                      \
    static int NAME##_connect(const lp_db_target *t, lp_db_conn **out, lp_error *err)                   \
    {                                                                                                    \
        return lazy_connect(&NAME##_lazy, t, out, err);                                                  \
    }                                                                                                    \
    static int NAME##_exec(lp_db_conn *c, const char *sql, const lp_db_param *p, uint32_t np,           \
                           const lp_db_sink *sink, int timeout_ms, lp_error *err)                        \
    {                                                                                                    \
        return NAME##_lazy.real->exec(c, sql, p, np, sink, timeout_ms, err);                           \
    }                                                                                                    \
    static void NAME##_cancel(lp_db_conn *c) { NAME##_lazy.real->cancel(c); }                           \
    static void NAME##_close(lp_db_conn *c) { NAME##_lazy.real->close(c); }                             \
    static int NAME##_reset(lp_db_conn *c) { return NAME##_lazy.real->reset && NAME##_lazy.real->reset(c); } \
    static lazy_driver NAME##_lazy = {                                                                   \
        { #NAME, NAME##_schemes, NAME##_connect, NAME##_exec, NAME##_cancel, NAME##_close, NAME##_reset }, \
        "lazypipe-driver-" #NAME ".so", "lp_driver_" #NAME, PTHREAD_MUTEX_INITIALIZER, 0, NULL, "" };

/* the schemes each driver serves (src/driver/NAME.c's own list, which is not loaded yet) */
LAZY_DRIVER(sqlite, "sqlite")
LAZY_DRIVER(postgres, "postgres", "postgresql")
LAZY_DRIVER(mysql, "mysql")

void cli_register_drivers(void)
{
    static int done;
    if (done) return;
    done = 1;
    lp_driver_register(&sqlite_lazy.stand_in);
    lp_driver_register(&postgres_lazy.stand_in);
    lp_driver_register(&mysql_lazy.stand_in);
    lp_driver_register(lp_driver_duckdb());
}
