/* duckdb.c — the DuckDB driver (lp_driver_duckdb), in liblazypipe-duckdb.a with only -ldl.
 *
 * LIBRARY.  Nothing links DuckDB: the first connect loads libduckdb.so with dlopen and takes
 * each C API function it uses with dlsym (prototypes from third_party/duckdb/duckdb.h), so a
 * program that never opens a duckdb:// database runs where DuckDB is absent.  Searched, first
 * found wins: $LAZYPIPE_DUCKDB_LIB (only it, when set); beside an installed program,
 * <prefix>/lib/lazypipe/libduckdb.so; in a build tree, <exe dir>/../.deps/duckdb/libduckdb.so
 * (make bootstrap puts it there); then the system's libduckdb.so.  It stays loaded until exit.
 *
 * OWNERSHIP.  A connection (struct lp_db_conn) owns its duckdb_connection and one reference to
 * its database; both are released by close.  Databases come from one process-wide instance
 * cache, so the connections a run opens on one file share one database (DuckDB refuses two
 * instances of one file in a process).  The driver sees only lazypipe.h and allocates with
 * plain malloc.  Cells and columns handed to a sink are valid during the call only.
 *
 * THREADING.  A connection is used by one thread at a time; cancel may come from any thread
 * while exec runs, but not race with close.  Cancellation is sticky, as in the SQLite driver:
 * after cancel the running exec and every later one return LP_ERR_CANCELLED.  Each exec runs a
 * watchdog thread that calls duckdb_interrupt at the deadline or on cancel, and again every
 * 50 ms until the statement ends (an interrupt that lands before DuckDB starts the query
 * would otherwise be lost).
 *
 * STATEMENTS.  The file is opened read-write; a missing one in a directory that exists is an empty
 * in-memory database (dk_connect), never a new file.  One SQL string may hold several statements:
 * they run in order, the last one's rows go to the sink.  `$N` takes params[N-1] (DuckDB's own
 * numbering).  Rows are streamed chunk by chunk (bounded memory).  The C API has no text
 * conversion for a streamed value, so: a result whose columns are all booleans, integers or
 * VARCHAR (JSON included) is formatted here; any other SELECT runs as
 * `SELECT COLUMNS(*)::VARCHAR FROM (<it>)`, DuckDB casting each value; any other statement
 * (INSERT ... RETURNING) is materialised and cast value by value by the deprecated
 * duckdb_value_varchar (nested types come out NULL there).  Every path gives DuckDB's own text
 * for a value.  Type names are DuckDB's, upper case ("VARCHAR", "JSON", "DECIMAL(18,3)").
 */
#include <lazypipe.h>

#include "drv_util.h"
#include "ducklake.h"

#include <duckdb.h>

#include <ctype.h>
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------ the library */

#define DDB_FUNCS(X)                                                                                     \
    X(duckdb_create_instance_cache) X(duckdb_get_or_create_from_cache) X(duckdb_close) X(duckdb_connect) \
    X(duckdb_disconnect) X(duckdb_interrupt) X(duckdb_free) X(duckdb_extract_statements)                 \
    X(duckdb_extract_statements_error) X(duckdb_destroy_extracted) X(duckdb_prepare_extracted_statement) \
    X(duckdb_prepare_error) X(duckdb_destroy_prepare) X(duckdb_nparams) X(duckdb_bind_varchar_length)    \
    X(duckdb_bind_int64) X(duckdb_bind_double) X(duckdb_bind_boolean) X(duckdb_bind_null)                \
    X(duckdb_prepared_statement_column_count) X(duckdb_prepared_statement_column_type)                   \
    X(duckdb_execute_prepared) X(duckdb_execute_prepared_streaming) X(duckdb_result_error)               \
    X(duckdb_destroy_result) X(duckdb_column_count) X(duckdb_column_name) X(duckdb_column_logical_type)  \
    X(duckdb_get_type_id) X(duckdb_logical_type_get_alias) X(duckdb_decimal_width) X(duckdb_decimal_scale) \
    X(duckdb_destroy_logical_type) X(duckdb_row_count) X(duckdb_value_is_null) X(duckdb_value_varchar)   \
    X(duckdb_value_string) X(duckdb_fetch_chunk) X(duckdb_destroy_data_chunk) X(duckdb_data_chunk_get_size) \
    X(duckdb_data_chunk_get_vector) X(duckdb_vector_get_data) X(duckdb_vector_get_validity)              \
    X(duckdb_string_t_length) X(duckdb_string_t_data) X(duckdb_prepare) X(duckdb_prepared_statement_type)  \
    X(duckdb_prepared_statement_column_name) X(duckdb_prepared_statement_column_logical_type)           \
    X(duckdb_create_config) X(duckdb_set_config) X(duckdb_destroy_config)

/* __typeof__ of each declared function: the pointers have duckdb.h's exact prototypes. */
#define DDB_MEMBER(f) __typeof__(&f) f;
static struct {
    DDB_FUNCS(DDB_MEMBER)
} api;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static void *lib;                 /* set once by load_lib; never closed */
static duckdb_instance_cache cache;
static char load_error[400];      /* why lib is NULL */

/* dlopen path; on success take every function, else leave a reason in load_error. */
/* Whether path is a whole ELF shared object: dlopen maps its segments as the program headers
 * say, and a file cut short (an interrupted download or copy) is then read past its end: SIGBUS
 * kills the process.  Every segment and the section table must lie within the file.  1 when it
 * does; else 0 with the reason in load_error.  (Path names without a slash are the system's: the
 * loader finds those itself, and they come from a package.) */
static int whole_elf(const char *path)
{
    if (!strchr(path, '/')) return 1;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    Elf64_Ehdr eh;
    int ok = fd >= 0 && fstat(fd, &st) == 0 && pread(fd, &eh, sizeof eh, 0) == (ssize_t)sizeof eh &&
             memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0 && eh.e_ident[EI_CLASS] == ELFCLASS64 &&
             eh.e_phentsize == sizeof(Elf64_Phdr) &&
             eh.e_shoff + (uint64_t)eh.e_shnum * eh.e_shentsize <= (uint64_t)st.st_size;
    for (unsigned i = 0; ok && i < eh.e_phnum; i++) {
        Elf64_Phdr ph;
        ok = pread(fd, &ph, sizeof ph, (off_t)(eh.e_phoff + (uint64_t)i * sizeof ph)) == (ssize_t)sizeof ph &&
             (ph.p_type != PT_LOAD || ph.p_offset + ph.p_filesz <= (uint64_t)st.st_size);
    }
    if (fd >= 0) close(fd);
    if (!ok)
        snprintf(load_error, sizeof load_error, "DuckDB is not available: %s is not a whole shared library "
                 "(cut short? run make bootstrap again)", path);
    return ok;
}

static void *try_open(const char *path)
{
    if (!whole_elf(path)) return NULL;
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(load_error, sizeof load_error, "DuckDB is not available: %s", e ? e : path);
        return NULL;
    }
#define DDB_SYM(f)                                                                                       \
    if (!(*(void **)&api.f = dlsym(h, #f))) {                                                            \
        snprintf(load_error, sizeof load_error, "DuckDB is not available: %s lacks " #f, path);          \
        dlclose(h);                                                                                      \
        return NULL;                                                                                     \
    }
    DDB_FUNCS(DDB_SYM)
#undef DDB_SYM
    return h;
}

static void load_lib(void)
{
    const char *env = getenv("LAZYPIPE_DUCKDB_LIB");
    if (env && *env) {
        lib = try_open(env);
    } else {
        /* <exe dir>/.. is the install prefix or the build tree's root */
        char exe[PATH_MAX], path[PATH_MAX + 64];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        int found_none = 1;
        if (n > 0) {
            exe[n] = 0;
            for (int up = 0; up < 2; up++) {
                char *slash = strrchr(exe, '/');
                if (slash) *slash = 0;
            }
            const char *const rel[] = {"lib/lazypipe/libduckdb.so", ".deps/duckdb/libduckdb.so"};
            for (size_t i = 0; i < sizeof rel / sizeof *rel && !lib; i++) {
                snprintf(path, sizeof path, "%s/%s", exe, rel[i]);
                if (access(path, F_OK) == 0) {
                    found_none = 0;
                    lib = try_open(path);
                }
            }
        }
        if (!lib) {
            lib = try_open("libduckdb.so");
            if (!lib && found_none)
                snprintf(load_error, sizeof load_error, "DuckDB is not available: libduckdb.so not found "
                         "(set LAZYPIPE_DUCKDB_LIB or run make bootstrap)");
        }
    }
    if (lib && !(cache = api.duckdb_create_instance_cache())) {
        snprintf(load_error, sizeof load_error, "DuckDB: cannot create its instance cache");
        lib = NULL;
    }
}

/* ------------------------------------------------------------------ helpers */

struct lp_db_conn {
    duckdb_database db;
    duckdb_connection con;
    atomic_int cancelled;       /* set by cancel, from any thread */
    pthread_mutex_t mu;         /* guards the watchdog's fields below */
    pthread_cond_t cv;          /* signalled by cancel and at the end of a statement */
    int done;                   /* the running exec is over: the watchdog leaves */
    int timed_out;              /* the watchdog interrupted for the deadline */
    int64_t deadline_ns;        /* CLOCK_MONOTONIC; 0: none */
    char *init_script;          /* `tailpipe connect`'s script, deleted at close (ducklake.h) */
};

static struct timespec abs_time(int64_t mono_ns)
{
    return (struct timespec){(time_t)(mono_ns / 1000000000), (long)(mono_ns % 1000000000)};
}

/* ------------------------------------------------------------------ connect, cancel, close */

/* How a database is opened.  DuckDB's defaults download and load extensions a statement names
 * (pointed at an SQLite file, it fetched sqlite_scanner over HTTP): a run of a mod's queries is
 * no place to fetch code, so autoinstall and autoload are off unless LAZYPIPE_DUCKDB_EXTENSIONS=1
 * (the extensions built into libduckdb, json among them, are there either way). */
static int open_config(duckdb_config *cfg, lp_error *err)
{
    const char *ext = getenv("LAZYPIPE_DUCKDB_EXTENSIONS");
    const char *on = ext && strcmp(ext, "1") == 0 ? "true" : "false";
    if (api.duckdb_create_config(cfg) != DuckDBSuccess ||
        api.duckdb_set_config(*cfg, "autoinstall_known_extensions", on) != DuckDBSuccess ||
        api.duckdb_set_config(*cfg, "autoload_known_extensions", on) != DuckDBSuccess) {
        set_err(err, LP_ERR_DB, "DuckDB: cannot configure the database");
        return LP_ERR_DB;
    }
    return LP_OK;
}

/* The directory path names a file in exists. */
static int dir_exists(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return 1;   /* the working directory */
    char *dir = strndup(path, slash == path ? 1 : (size_t)(slash - path));
    struct stat st;
    int ok = dir && stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
    free(dir);
    return ok;
}

/* Run every statement of sql on the new connection c, keeping no result. */
static int run_script(struct lp_db_conn *c, const char *sql, lp_error *err)
{
    duckdb_extracted_statements ext = NULL;
    idx_t n = api.duckdb_extract_statements(c->con, sql, &ext);
    int rc = LP_OK;
    if (n == 0 && ext && api.duckdb_extract_statements_error(ext)) {
        set_err(err, LP_ERR_DB, "%s", api.duckdb_extract_statements_error(ext));
        rc = LP_ERR_DB;
    }
    for (idx_t i = 0; i < n && rc == LP_OK; i++) {
        duckdb_prepared_statement st = NULL;
        duckdb_result res;
        memset(&res, 0, sizeof res);
        if (api.duckdb_prepare_extracted_statement(c->con, ext, i, &st) != DuckDBSuccess) {
            set_err(err, LP_ERR_DB, "%s", api.duckdb_prepare_error(st));
            rc = LP_ERR_DB;
        } else if (api.duckdb_execute_prepared(st, &res) != DuckDBSuccess) {
            set_err(err, LP_ERR_DB, "%s", api.duckdb_result_error(&res));
            rc = LP_ERR_DB;
        }
        api.duckdb_destroy_result(&res);
        api.duckdb_destroy_prepare(&st);
    }
    if (ext) api.duckdb_destroy_extracted(&ext);
    return rc;
}

static int dk_open(const lp_db_target *t, const char *views, lp_db_conn **out, lp_error *err);
static void dk_close(lp_db_conn *c);

/* tailpipe:// through `tailpipe connect` (LAZYPIPE_TAILPIPE_CLI), as Powerpipe connects: the DuckDB
 * file it names (Tailpipe <= 0.6), or its init script run in a database of its own in memory and
 * deleted at close (>= 0.7) */
static int cli_connect(const lp_db_target *t, lp_db_conn **out, lp_error *err)
{
    char *init = NULL, *file = NULL;
    int rc = lpdl_tailpipe_connect(t->path ? t->path : "", time(NULL), &init, &file, err);
    if (rc == LP_OK && file) {
        lp_db_target d = *t;
        d.scheme = "duckdb";
        d.path = file;
        rc = dk_open(&d, NULL, out, err);
    } else if (rc == LP_OK) {
        char *script = lpdl_read_script(init, err);
        rc = script ? dk_open(t, script, out, err) : LP_ERR_DB;
        free(script);
        if (rc == LP_OK) (*out)->init_script = init, init = NULL;
        else lpdl_drop_script(init);
    }
    free(init);
    free(file);
    return rc;
}

/* tailpipe://: a database of its own in memory, with the views of the Tailpipe data (ducklake.c) */
static int dk_connect(const lp_db_target *t, lp_db_conn **out, lp_error *err)
{
    *out = NULL;
    if (!t || !t->scheme || strcmp(t->scheme, "tailpipe") != 0) return dk_open(t, NULL, out, err);
    if (lpdl_cli_wanted()) return cli_connect(t, out, err);
    char *views = lpdl_views_sql(t->path ? t->path : "", time(NULL), err);
    if (!views) return err && err->code ? err->code : LP_ERR_DB;
    int rc = dk_open(t, views, out, err);
    free(views);
    return rc;
}

static int dk_open(const lp_db_target *t, const char *views, lp_db_conn **out, lp_error *err)
{
    if (!t || !t->path || !*t->path) {
        set_err(err, LP_ERR_ARG, "duckdb: no database file given");
        return LP_ERR_ARG;
    }
    /* A missing file in a directory that exists is an empty database, as in Powerpipe (go-duckdb
     * opens it with DuckDB's defaults, which create the file: Powerpipe's tag_filtering acceptance
     * test runs its controls on such a path), but an in-memory one: a run only reads, and a mistyped
     * path leaves no new file behind.  A path whose directory is missing is refused. */
    const char *path = views ? ":memory:" : t->path;
    struct stat st;
    if (!views && stat(path, &st) != 0) {
        int why = errno;
        if (why != ENOENT || !dir_exists(path)) {
            set_err(err, LP_ERR_DB, "unable to open database file: %s: %s", path, strerror(why));
            return LP_ERR_DB;
        }
        path = ":memory:";
    }
    pthread_once(&load_once, load_lib);
    if (!lib) {
        set_err(err, LP_ERR_DB, "%s", load_error);
        return LP_ERR_DB;
    }
    struct lp_db_conn *c = drv_conn_alloc(sizeof *c, err);
    if (!c) return LP_ERR_NOMEM;
    atomic_init(&c->cancelled, 0);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    int prc = pthread_cond_init(&c->cv, &ca);
    pthread_condattr_destroy(&ca);
    if (prc != 0) {
        free(c);
        set_err(err, LP_ERR_NOMEM, "out of memory");
        return LP_ERR_NOMEM;
    }
    pthread_mutex_init(&c->mu, NULL);
    char *msg = NULL;
    duckdb_config cfg = NULL;
    int rc = open_config(&cfg, err);
    if (rc == LP_OK &&
        api.duckdb_get_or_create_from_cache(cache, path, &c->db, cfg, &msg) != DuckDBSuccess) {
        set_err(err, LP_ERR_DB, "%s", msg ? msg : "cannot open the database");
        rc = LP_ERR_DB;
    }
    if (cfg) api.duckdb_destroy_config(&cfg);
    if (rc != LP_OK) {
        if (msg) api.duckdb_free(msg);
        if (c->db) api.duckdb_close(&c->db);
        pthread_cond_destroy(&c->cv);
        pthread_mutex_destroy(&c->mu);
        free(c);
        return rc;
    }
    if (api.duckdb_connect(c->db, &c->con) != DuckDBSuccess) {
        set_err(err, LP_ERR_DB, "cannot connect to the database %s", t->path);
        api.duckdb_close(&c->db);
        pthread_cond_destroy(&c->cv);
        pthread_mutex_destroy(&c->mu);
        free(c);
        return LP_ERR_DB;
    }
    if (views && (rc = run_script(c, views, err)) != LP_OK) {
        dk_close(c);
        return rc;
    }
    *out = c;
    return LP_OK;
}

static void dk_cancel(lp_db_conn *c)
{
    pthread_mutex_lock(&c->mu);
    atomic_store(&c->cancelled, 1);
    pthread_cond_signal(&c->cv);
    pthread_mutex_unlock(&c->mu);
    api.duckdb_interrupt(c->con);
}

/* After a failed statement: an in-process database's connection is never lost; a transaction
 * left open (BEGIN, then an error: DuckDB then refuses everything until ROLLBACK) is rolled back.
 * The C API does not say whether one is open: ROLLBACK outside one is an error, ignored. */
static int dk_reset(lp_db_conn *c)
{
    if (atomic_load(&c->cancelled)) return 0;
    duckdb_prepared_statement st = NULL;
    if (api.duckdb_prepare(c->con, "ROLLBACK", &st) == DuckDBSuccess) {
        duckdb_result r;
        api.duckdb_execute_prepared(st, &r);
        api.duckdb_destroy_result(&r);
    }
    api.duckdb_destroy_prepare(&st);
    return 1;
}

static void dk_close(lp_db_conn *c)
{
    if (!c) return;
    api.duckdb_disconnect(&c->con);
    api.duckdb_close(&c->db);
    pthread_cond_destroy(&c->cv);
    pthread_mutex_destroy(&c->mu);
    lpdl_drop_script(c->init_script);
    free(c->init_script);
    free(c);
}

/* Until the exec is done: at the deadline or on cancel, interrupt, then again every 50 ms. */
static void *watchdog(void *arg)
{
    struct lp_db_conn *c = arg;
    pthread_mutex_lock(&c->mu);
    while (!c->done) {
        int64_t now = now_ns();
        int fire = atomic_load(&c->cancelled) || (c->deadline_ns && now >= c->deadline_ns);
        if (fire) {
            if (!atomic_load(&c->cancelled)) c->timed_out = 1;
            api.duckdb_interrupt(c->con);
        }
        int64_t wake = fire ? now + 50000000 : c->deadline_ns;
        if (wake) {
            struct timespec ts = abs_time(wake);
            pthread_cond_timedwait(&c->cv, &c->mu, &ts);
        } else {
            pthread_cond_wait(&c->cv, &c->mu);
        }
    }
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

/* ------------------------------------------------------------------ results */

/* DuckDB's name for a type (the upper-case spelling its typeof() gives). */
static const char *type_name(duckdb_type t)
{
    switch (t) {
    case DUCKDB_TYPE_BOOLEAN: return "BOOLEAN";
    case DUCKDB_TYPE_TINYINT: return "TINYINT";
    case DUCKDB_TYPE_SMALLINT: return "SMALLINT";
    case DUCKDB_TYPE_INTEGER: return "INTEGER";
    case DUCKDB_TYPE_BIGINT: return "BIGINT";
    case DUCKDB_TYPE_UTINYINT: return "UTINYINT";
    case DUCKDB_TYPE_USMALLINT: return "USMALLINT";
    case DUCKDB_TYPE_UINTEGER: return "UINTEGER";
    case DUCKDB_TYPE_UBIGINT: return "UBIGINT";
    case DUCKDB_TYPE_FLOAT: return "FLOAT";
    case DUCKDB_TYPE_DOUBLE: return "DOUBLE";
    case DUCKDB_TYPE_TIMESTAMP: return "TIMESTAMP";
    case DUCKDB_TYPE_DATE: return "DATE";
    case DUCKDB_TYPE_TIME: return "TIME";
    case DUCKDB_TYPE_INTERVAL: return "INTERVAL";
    case DUCKDB_TYPE_HUGEINT: return "HUGEINT";
    case DUCKDB_TYPE_UHUGEINT: return "UHUGEINT";
    case DUCKDB_TYPE_VARCHAR: return "VARCHAR";
    case DUCKDB_TYPE_BLOB: return "BLOB";
    case DUCKDB_TYPE_DECIMAL: return "DECIMAL";
    case DUCKDB_TYPE_TIMESTAMP_S: return "TIMESTAMP_S";
    case DUCKDB_TYPE_TIMESTAMP_MS: return "TIMESTAMP_MS";
    case DUCKDB_TYPE_TIMESTAMP_NS: return "TIMESTAMP_NS";
    case DUCKDB_TYPE_ENUM: return "ENUM";
    case DUCKDB_TYPE_LIST: return "LIST";
    case DUCKDB_TYPE_STRUCT: return "STRUCT";
    case DUCKDB_TYPE_MAP: return "MAP";
    case DUCKDB_TYPE_ARRAY: return "ARRAY";
    case DUCKDB_TYPE_UUID: return "UUID";
    case DUCKDB_TYPE_UNION: return "UNION";
    case DUCKDB_TYPE_BIT: return "BIT";
    case DUCKDB_TYPE_TIME_TZ: return "TIME WITH TIME ZONE";
    case DUCKDB_TYPE_TIMESTAMP_TZ: return "TIMESTAMP WITH TIME ZONE";
    case DUCKDB_TYPE_BIGNUM: return "BIGNUM";
    case DUCKDB_TYPE_SQLNULL: return "NULL";
    case DUCKDB_TYPE_TIME_NS: return "TIME_NS";
    default: return "";
    }
}

static lp_db_type column_db_type(duckdb_type t)
{
    switch (t) {
    case DUCKDB_TYPE_BOOLEAN: return LP_DB_BOOL;
    case DUCKDB_TYPE_TINYINT: case DUCKDB_TYPE_SMALLINT: case DUCKDB_TYPE_INTEGER: case DUCKDB_TYPE_BIGINT:
    case DUCKDB_TYPE_UTINYINT: case DUCKDB_TYPE_USMALLINT: case DUCKDB_TYPE_UINTEGER:
    case DUCKDB_TYPE_UBIGINT: case DUCKDB_TYPE_HUGEINT: case DUCKDB_TYPE_UHUGEINT:
        return LP_DB_INT;
    case DUCKDB_TYPE_FLOAT: case DUCKDB_TYPE_DOUBLE: case DUCKDB_TYPE_DECIMAL: return LP_DB_FLOAT;
    case DUCKDB_TYPE_VARCHAR: return LP_DB_TEXT;
    default: return LP_DB_OTHER;
    }
}

/* Whether this file formats the type's values itself (byte for byte as DuckDB casts them). */
static int streamable(duckdb_type t)
{
    return t == DUCKDB_TYPE_VARCHAR || (column_db_type(t) == LP_DB_INT) || t == DUCKDB_TYPE_BOOLEAN;
}

/* One statement's output: columns, their DuckDB types, the current row's cells, and a text
 * buffer the row's cells point into. */
typedef struct dk_out {
    uint32_t n;
    lp_db_col *cols;
    lp_db_cell *cells;
    duckdb_type *types;
    char (*names)[64];          /* type names that are not static strings */
    char **cnames;              /* column names taken from a prepared statement (duckdb_malloc'd) */
    int text;                   /* every streamed vector is VARCHAR: the wrapper cast each column */
    char *buf;
    size_t len, cap;
} dk_out;

static void out_free(dk_out *o)
{
    for (uint32_t i = 0; o->cnames && i < o->n; i++)
        if (o->cnames[i]) api.duckdb_free(o->cnames[i]);
    free(o->cnames);
    free(o->cols);
    free(o->cells);
    free(o->types);
    free(o->names);
    free(o->buf);
    memset(o, 0, sizeof *o);
}

/* Room for n more bytes in the row's text buffer. */
static int out_reserve(dk_out *o, size_t n)
{
    if (o->len + n <= o->cap) return LP_OK;
    size_t cap = o->cap ? o->cap : 256;
    while (cap < o->len + n) cap *= 2;
    char *b = realloc(o->buf, cap);
    if (!b) return LP_ERR_NOMEM;
    o->buf = b;
    o->cap = cap;
    return LP_OK;
}

/* Append s[0..n) and a NUL as cell i's text; the pointer is set by out_fix once the row is built. */
static int out_text(dk_out *o, uint32_t i, const char *s, size_t n)
{
    if (out_reserve(o, n + 1) != LP_OK) return LP_ERR_NOMEM;
    memcpy(o->buf + o->len, s, n);
    o->buf[o->len + n] = 0;
    o->cells[i] = (lp_db_cell){o->cols[i].type, NULL, n};
    o->cells[i].text = (const char *)(uintptr_t)o->len;   /* an offset until out_fix */
    o->len += n + 1;
    return LP_OK;
}

static void out_fix(dk_out *o)
{
    for (uint32_t i = 0; i < o->n; i++)
        if (o->cells[i].type != LP_DB_NULL) o->cells[i].text = o->buf + (uintptr_t)o->cells[i].text;
}

static int out_alloc(dk_out *o, idx_t n)
{
    if (n > UINT32_MAX) return LP_ERR_NOMEM;
    o->n = (uint32_t)n;
    size_t m = n ? (size_t)n : 1;
    o->cols = calloc(m, sizeof *o->cols);
    o->cells = calloc(m, sizeof *o->cells);
    o->types = calloc(m, sizeof *o->types);
    o->names = calloc(m, sizeof *o->names);
    return o->cols && o->cells && o->types && o->names ? LP_OK : LP_ERR_NOMEM;
}

/* Column i: its name and, from its logical type (consumed), its type, kind and type name. */
static void out_col(dk_out *o, uint32_t i, const char *name, duckdb_logical_type lt)
{
    duckdb_type t = lt ? api.duckdb_get_type_id(lt) : DUCKDB_TYPE_INVALID;
    char *alias = lt ? api.duckdb_logical_type_get_alias(lt) : NULL;
    const char *tname = type_name(t);
    lp_db_type lpt = column_db_type(t);
    if (alias && *alias) {   /* JSON is VARCHAR under an alias */
        size_t k = 0;
        for (; alias[k] && k + 1 < sizeof o->names[i]; k++)
            o->names[i][k] = (char)(alias[k] >= 'a' && alias[k] <= 'z' ? alias[k] - 32 : alias[k]);
        o->names[i][k] = 0;
        tname = o->names[i];
        if (t == DUCKDB_TYPE_VARCHAR && strcmp(tname, "JSON") == 0) lpt = LP_DB_JSON;
    } else if (t == DUCKDB_TYPE_DECIMAL) {
        snprintf(o->names[i], sizeof o->names[i], "DECIMAL(%u,%u)", api.duckdb_decimal_width(lt),
                 api.duckdb_decimal_scale(lt));
        tname = o->names[i];
    }
    if (alias) api.duckdb_free(alias);
    if (lt) api.duckdb_destroy_logical_type(&lt);
    o->types[i] = t;
    o->cols[i] = (lp_db_col){name ? name : "", tname, lpt, NULL};
}

/* The columns of an executed statement's result. */
static int out_init(dk_out *o, duckdb_result *res)
{
    if (out_alloc(o, api.duckdb_column_count(res)) != LP_OK) return LP_ERR_NOMEM;
    for (uint32_t i = 0; i < o->n; i++)
        out_col(o, i, api.duckdb_column_name(res, i), api.duckdb_column_logical_type(res, i));
    return LP_OK;
}

/* The columns of a prepared statement (the one a wrapper runs in its place). */
static int out_init_prepared(dk_out *o, duckdb_prepared_statement st)
{
    if (out_alloc(o, api.duckdb_prepared_statement_column_count(st)) != LP_OK) return LP_ERR_NOMEM;
    o->cnames = calloc(o->n ? o->n : 1, sizeof *o->cnames);
    if (!o->cnames) return LP_ERR_NOMEM;
    for (uint32_t i = 0; i < o->n; i++) {
        o->cnames[i] = (char *)api.duckdb_prepared_statement_column_name(st, i);
        out_col(o, i, o->cnames[i], api.duckdb_prepared_statement_column_logical_type(st, i));
    }
    return LP_OK;
}

/* Decimal digits of a 128-bit magnitude, with a minus sign when neg. */
static int out_u128(dk_out *o, uint32_t i, unsigned __int128 v, int neg)
{
    char tmp[48];
    size_t k = sizeof tmp;
    do {
        tmp[--k] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    if (neg) tmp[--k] = '-';
    return out_text(o, i, tmp + k, sizeof tmp - k);
}

/* Row r of a streamed chunk's column i, into cell i. */
static int chunk_cell(dk_out *o, uint32_t i, duckdb_vector v, idx_t r)
{
    uint64_t *valid = api.duckdb_vector_get_validity(v);
    if (valid && !(valid[r / 64] >> (r % 64) & 1)) {
        o->cells[i] = (lp_db_cell){LP_DB_NULL, NULL, 0};
        return LP_OK;
    }
    void *d = api.duckdb_vector_get_data(v);
    switch (o->text ? DUCKDB_TYPE_VARCHAR : o->types[i]) {
    case DUCKDB_TYPE_BOOLEAN: {
        int b = ((bool *)d)[r];
        return out_text(o, i, b ? "true" : "false", b ? 4u : 5u);
    }
    case DUCKDB_TYPE_TINYINT: return out_u128(o, i, (unsigned)abs(((int8_t *)d)[r]), ((int8_t *)d)[r] < 0);
    case DUCKDB_TYPE_SMALLINT: return out_u128(o, i, (unsigned)abs(((int16_t *)d)[r]), ((int16_t *)d)[r] < 0);
    case DUCKDB_TYPE_INTEGER: {
        int64_t x = ((int32_t *)d)[r];
        return out_u128(o, i, (unsigned __int128)(x < 0 ? -x : x), x < 0);
    }
    case DUCKDB_TYPE_BIGINT: {
        int64_t x = ((int64_t *)d)[r];
        unsigned __int128 u = (unsigned __int128)x;
        return out_u128(o, i, x < 0 ? (unsigned __int128)0 - u : u, x < 0);
    }
    case DUCKDB_TYPE_UTINYINT: return out_u128(o, i, ((uint8_t *)d)[r], 0);
    case DUCKDB_TYPE_USMALLINT: return out_u128(o, i, ((uint16_t *)d)[r], 0);
    case DUCKDB_TYPE_UINTEGER: return out_u128(o, i, ((uint32_t *)d)[r], 0);
    case DUCKDB_TYPE_UBIGINT: return out_u128(o, i, ((uint64_t *)d)[r], 0);
    case DUCKDB_TYPE_HUGEINT: {
        duckdb_hugeint h = ((duckdb_hugeint *)d)[r];
        unsigned __int128 u = ((unsigned __int128)(uint64_t)h.upper << 64) | h.lower;
        int neg = h.upper < 0;
        return out_u128(o, i, neg ? (unsigned __int128)0 - u : u, neg);
    }
    case DUCKDB_TYPE_UHUGEINT: {
        duckdb_uhugeint h = ((duckdb_uhugeint *)d)[r];
        return out_u128(o, i, ((unsigned __int128)h.upper << 64) | h.lower, 0);
    }
    default: {   /* VARCHAR */
        duckdb_string_t *s = &((duckdb_string_t *)d)[r];
        return out_text(o, i, api.duckdb_string_t_data(s), api.duckdb_string_t_length(*s));
    }
    }
}

/* Row r of a materialised result, cast to text by DuckDB. */
static int result_row(dk_out *o, duckdb_result *res, idx_t r)
{
    o->len = 0;
    for (uint32_t i = 0; i < o->n; i++) {
        if (api.duckdb_value_is_null(res, i, r)) {
            o->cells[i] = (lp_db_cell){LP_DB_NULL, NULL, 0};
            continue;
        }
        int rc;
        if (o->types[i] == DUCKDB_TYPE_VARCHAR) {   /* with its length: it may hold NUL bytes */
            duckdb_string s = api.duckdb_value_string(res, i, r);
            if (!s.data && s.size) return LP_ERR_NOMEM;   /* '' may come as no data */
            rc = out_text(o, i, s.data ? s.data : "", s.size);
            if (s.data) api.duckdb_free(s.data);
        } else {
            char *s = api.duckdb_value_varchar(res, i, r);
            if (!s) return LP_ERR_NOMEM;
            rc = out_text(o, i, s, strlen(s));
            api.duckdb_free(s);
        }
        if (rc != LP_OK) return rc;
    }
    out_fix(o);
    return LP_OK;
}

/* ------------------------------------------------------------------ exec */

/* The error for a failed statement: cancel and timeout before DuckDB's message. */
static int fail(struct lp_db_conn *c, const char *msg, int timeout_ms, lp_error *err)
{
    if (drv_cancelled(&c->cancelled, err)) return LP_ERR_CANCELLED;
    pthread_mutex_lock(&c->mu);
    int timed_out = c->timed_out;
    pthread_mutex_unlock(&c->mu);
    if (timed_out) {
        set_err(err, LP_ERR_TIMEOUT, "statement timed out after %d ms", timeout_ms);
        return LP_ERR_TIMEOUT;
    }
    set_err(err, LP_ERR_DB, "%s", msg && *msg ? msg : "unknown DuckDB error");
    return LP_ERR_DB;
}

static int bind_params(duckdb_prepared_statement st, const lp_db_param *params, uint32_t nparams,
                       lp_error *err)
{
    idx_t n = api.duckdb_nparams(st);
    for (idx_t i = 1; i <= n && i <= nparams; i++) {
        const lp_db_param *p = &params[i - 1];
        const char *text = p->text ? p->text : "";
        size_t len = p->text ? p->len : 0;
        char num[64], *end;
        /* numbers are parsed from a NUL-terminated copy (the text need not be terminated) */
        int small = len < sizeof num;
        if (small) {
            memcpy(num, text, len);
            num[len] = 0;
        }
        duckdb_state rc;
        if (p->type == LP_DB_NULL) {
            rc = api.duckdb_bind_null(st, i);
        } else if (p->type == LP_DB_BOOL && small && (!strcmp(num, "true") || !strcmp(num, "false"))) {
            rc = api.duckdb_bind_boolean(st, i, num[0] == 't');
        } else if (p->type == LP_DB_INT && small && len) {
            errno = 0;
            long long v = strtoll(num, &end, 10);
            rc = !*end && errno == 0 ? api.duckdb_bind_int64(st, i, v)
                                     : api.duckdb_bind_varchar_length(st, i, text, len);
        } else if (p->type == LP_DB_FLOAT && small && len) {
            double v = strtod(num, &end);
            rc = !*end ? api.duckdb_bind_double(st, i, v) : api.duckdb_bind_varchar_length(st, i, text, len);
        } else {   /* text, JSON (as its text), other */
            rc = api.duckdb_bind_varchar_length(st, i, text, len);
        }
        if (rc != DuckDBSuccess) {
            const char *m = api.duckdb_prepare_error(st);
            set_err(err, LP_ERR_DB, "cannot bind parameter $%llu: %s", (unsigned long long)i,
                    m && *m ? m : "bad value");
            return LP_ERR_DB;
        }
    }
    return LP_OK;
}

static int stopped(lp_error *err)
{
    set_err(err, LP_ERR_CANCELLED, "stopped by the caller");
    return LP_ERR_CANCELLED;
}

/* Stream an executed streaming result's rows to the sink, chunk by chunk. */
static int stream_rows(struct lp_db_conn *c, dk_out *o, duckdb_result *res, const lp_db_sink *sink,
                       int timeout_ms, lp_error *err)
{
    int status = LP_OK;
    duckdb_data_chunk ch;
    while (status == LP_OK && (ch = api.duckdb_fetch_chunk(*res))) {
        idx_t rows = api.duckdb_data_chunk_get_size(ch);
        for (idx_t r = 0; r < rows && status == LP_OK; r++) {
            if (atomic_load_explicit(&c->cancelled, memory_order_relaxed)) {
                status = fail(c, NULL, timeout_ms, err);
                break;
            }
            o->len = 0;
            for (uint32_t i = 0; i < o->n && status == LP_OK; i++)
                status = chunk_cell(o, i, api.duckdb_data_chunk_get_vector(ch, i), r);
            if (status != LP_OK) {
                set_err(err, status, "out of memory");
                break;
            }
            out_fix(o);
            if (sink && sink->row && sink->row(sink->user, o->cells, o->n)) status = stopped(err);
        }
        api.duckdb_destroy_data_chunk(&ch);
    }
    /* no more chunks: the end, or an error (an interrupt among them) */
    const char *m = status == LP_OK ? api.duckdb_result_error(res) : NULL;
    return m ? fail(c, m, timeout_ms, err) : status;
}

/* The text of the last of n statements in sql, when splitting at semicolons outside quotes,
 * comments and $$ strings finds n statements as DuckDB did; else 0. */
static int last_statement(const char *sql, idx_t n, const char **start, size_t *len)
{
    idx_t count = 0;
    const char *piece = sql, *p = sql, *last = NULL, *last_end = NULL;
    int trivia = 1;   /* the piece so far is only spaces and comments */
    for (;;) {
        char ch = *p;
        if (ch == 0 || ch == ';') {
            if (!trivia) {
                count++;
                last = piece;
                last_end = p;
            }
            if (ch == 0) break;
            piece = ++p;
            trivia = 1;
        } else if (ch == '-' && p[1] == '-') {
            while (*p && *p != '\n') p++;
        } else if (ch == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            p = e ? e + 2 : p + strlen(p);
        } else if (ch == '\'' || ch == '"') {
            trivia = 0;
            for (p++; *p && !(*p == ch && p[1] != ch); p += *p == ch ? 2 : 1) {}
            if (*p) p++;
        } else if (ch == '$' && (p[1] == '$' || isalpha((unsigned char)p[1]))) {
            /* $tag$...$tag$ (not $1) */
            const char *t = p + 1;
            while (isalnum((unsigned char)*t) || *t == '_') t++;
            trivia = 0;
            if (*t != '$') {
                p = t;
                continue;
            }
            size_t tag = (size_t)(t - p + 1);
            const char *e = p + tag;
            while (*e && strncmp(e, p, tag) != 0) e++;
            p = *e ? e + tag : e;
        } else {
            if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') trivia = 0;
            p++;
        }
    }
    if (count != n || !last) return 0;
    *start = last;
    *len = (size_t)(last_end - last);
    return 1;
}

/* Prepare, bind and run `SELECT COLUMNS(*)::VARCHAR FROM (<last statement>)`: DuckDB casts
 * every value to text, so a result of any type streams.  0 when the wrapper does not apply. */
static int run_wrapped(struct lp_db_conn *c, duckdb_prepared_statement st, const char *sql, idx_t nstmts,
                       const lp_db_param *params, uint32_t nparams, const lp_db_sink *sink, int timeout_ms,
                       lp_error *err, int *status)
{
    const char *text;
    size_t len;
    if (api.duckdb_prepared_statement_type(st) != DUCKDB_STATEMENT_TYPE_SELECT ||
        !last_statement(sql, nstmts, &text, &len))
        return 0;
    static const char head[] = "SELECT COLUMNS(*)::VARCHAR FROM (\n", tail[] = "\n)";
    char *w = malloc(sizeof head + len + sizeof tail);
    if (!w) {
        set_err(err, *status = LP_ERR_NOMEM, "out of memory");
        return 1;
    }
    memcpy(w, head, sizeof head - 1);
    memcpy(w + sizeof head - 1, text, len);
    memcpy(w + sizeof head - 1 + len, tail, sizeof tail);
    duckdb_prepared_statement ws = NULL;
    int used = api.duckdb_prepare(c->con, w, &ws) == DuckDBSuccess;
    idx_t n = used ? api.duckdb_prepared_statement_column_count(ws) : 0;
    used = used && n == api.duckdb_prepared_statement_column_count(st);
    free(w);
    for (idx_t i = 0; used && i < n; i++)
        used = api.duckdb_prepared_statement_column_type(ws, i) == DUCKDB_TYPE_VARCHAR;
    if (used && (*status = bind_params(ws, params, nparams, err)) == LP_OK) {
        duckdb_result res;
        memset(&res, 0, sizeof res);
        dk_out o = {.text = 1};
        if (api.duckdb_execute_prepared_streaming(ws, &res) != DuckDBSuccess) {
            *status = fail(c, api.duckdb_result_error(&res), timeout_ms, err);
        } else if ((*status = out_init_prepared(&o, st)) != LP_OK) {
            set_err(err, *status, "out of memory");
        } else if (sink && sink->columns && sink->columns(sink->user, o.cols, o.n)) {
            *status = stopped(err);
        } else {
            *status = stream_rows(c, &o, &res, sink, timeout_ms, err);
        }
        out_free(&o);
        api.duckdb_destroy_result(&res);
    }
    if (ws) api.duckdb_destroy_prepare(&ws);
    return used;
}

/* Run the last statement and give its columns and rows to the sink: streamed as it is when
 * this file formats every column, else streamed through the wrapper, else materialised. */
static int run_last(struct lp_db_conn *c, duckdb_prepared_statement st, const char *sql, idx_t nstmts,
                    const lp_db_param *params, uint32_t nparams, const lp_db_sink *sink, int timeout_ms,
                    lp_error *err)
{
    idx_t n = api.duckdb_prepared_statement_column_count(st);
    int stream = 1;
    for (idx_t i = 0; i < n && stream; i++)
        stream = streamable(api.duckdb_prepared_statement_column_type(st, i));
    int status = LP_OK;
    if (!stream && run_wrapped(c, st, sql, nstmts, params, nparams, sink, timeout_ms, err, &status))
        return status;
    duckdb_result res;
    memset(&res, 0, sizeof res);
    duckdb_state rc = stream ? api.duckdb_execute_prepared_streaming(st, &res)
                             : api.duckdb_execute_prepared(st, &res);
    if (rc != DuckDBSuccess) {
        status = fail(c, api.duckdb_result_error(&res), timeout_ms, err);
        api.duckdb_destroy_result(&res);
        return status;
    }
    dk_out o = {0};
    status = out_init(&o, &res);
    if (status != LP_OK) set_err(err, status, "out of memory");
    else if (sink && sink->columns && sink->columns(sink->user, o.cols, o.n)) status = stopped(err);
    /* parameters bound with another type than the prepared one can change a result's types */
    for (uint32_t i = 0; stream && status == LP_OK && i < o.n; i++)
        if (!streamable(o.types[i]))
            set_err(err, status = LP_ERR_DB, "duckdb: unexpected type %s in a streamed result",
                    o.cols[i].type_name);
    if (stream && status == LP_OK) {
        status = stream_rows(c, &o, &res, sink, timeout_ms, err);
    } else if (status == LP_OK) {
        idx_t rows = api.duckdb_row_count(&res);
        for (idx_t r = 0; r < rows && status == LP_OK; r++) {
            if (atomic_load_explicit(&c->cancelled, memory_order_relaxed)) {
                status = fail(c, NULL, timeout_ms, err);
            } else if ((status = result_row(&o, &res, r)) != LP_OK) {
                set_err(err, status, "out of memory");
            } else if (sink && sink->row && sink->row(sink->user, o.cells, o.n)) {
                status = stopped(err);
            }
        }
    }
    out_free(&o);
    api.duckdb_destroy_result(&res);
    return status;
}

/* Every statement of sql in order; the last one's rows go to the sink. */
static int run_all(struct lp_db_conn *c, const char *sql, const lp_db_param *params, uint32_t nparams,
                   const lp_db_sink *sink, int timeout_ms, lp_error *err)
{
    duckdb_extracted_statements ext = NULL;
    idx_t n = api.duckdb_extract_statements(c->con, sql, &ext);
    int status = LP_OK;
    if (n == 0) {
        const char *m = ext ? api.duckdb_extract_statements_error(ext) : NULL;
        if (m) status = fail(c, m, timeout_ms, err);
        /* no statement: the sink still learns there are no columns */
        else if (sink && sink->columns && sink->columns(sink->user, NULL, 0)) status = stopped(err);
    }
    for (idx_t i = 0; i < n && status == LP_OK; i++) {
        duckdb_prepared_statement st = NULL;
        if (api.duckdb_prepare_extracted_statement(c->con, ext, i, &st) != DuckDBSuccess) {
            status = fail(c, st ? api.duckdb_prepare_error(st) : NULL, timeout_ms, err);
        } else if ((status = bind_params(st, params, nparams, err)) != LP_OK) {
            /* err set */
        } else if (i + 1 == n) {
            status = run_last(c, st, sql, n, params, nparams, sink, timeout_ms, err);
        } else {
            duckdb_result res;
            memset(&res, 0, sizeof res);
            if (api.duckdb_execute_prepared(st, &res) != DuckDBSuccess)
                status = fail(c, api.duckdb_result_error(&res), timeout_ms, err);
            api.duckdb_destroy_result(&res);
        }
        if (st) api.duckdb_destroy_prepare(&st);
    }
    if (ext) api.duckdb_destroy_extracted(&ext);
    return status;
}

static int dk_exec(lp_db_conn *c, const char *sql, const lp_db_param *params, uint32_t nparams,
                   const lp_db_sink *sink, int timeout_ms, lp_error *err)
{
    if (drv_cancelled(&c->cancelled, err)) return LP_ERR_CANCELLED;
    pthread_mutex_lock(&c->mu);
    c->done = 0;
    c->timed_out = 0;
    c->deadline_ns = timeout_ms > 0 ? now_ns() + (int64_t)timeout_ms * 1000000 : 0;
    pthread_mutex_unlock(&c->mu);
    pthread_t th;
    int trc = pthread_create(&th, NULL, watchdog, c);
    if (trc != 0) {
        set_err(err, LP_ERR_NOMEM, "cannot start a thread: %s", strerror(trc));
        return LP_ERR_NOMEM;
    }
    int status = run_all(c, sql ? sql : "", params, nparams, sink, timeout_ms, err);
    pthread_mutex_lock(&c->mu);
    c->done = 1;
    pthread_cond_signal(&c->cv);
    pthread_mutex_unlock(&c->mu);
    pthread_join(th, NULL);
    /* a deadline that passed while the last rows went to the sink: the result is whole */
    return status;
}

/* the descriptor, and lp_driver_duckdb (drv_util.h) */
DRV_DESCRIPTOR(duckdb, dk, "duckdb", "tailpipe")
