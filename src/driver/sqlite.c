/* sqlite.c — the SQLite driver (lp_driver_sqlite), in liblazypipe-sqlite.a with -lsqlite3.
 *
 * OWNERSHIP.  A connection (struct lp_db_conn) owns its sqlite3 handle; both are freed by
 * close.  The driver sees only lazypipe.h and allocates with plain malloc (the library's
 * counting allocator is internal to liblazypipe.a).  Cells and columns handed to a sink point
 * into SQLite's statement and are valid during the call only.
 *
 * THREADING.  A connection is used by one thread at a time; cancel may come from any other
 * thread while exec runs (sqlite3_interrupt is thread-safe) but not race with close.
 * Cancellation is sticky: after cancel, the running exec and every later exec on the
 * connection return LP_ERR_CANCELLED (a cancel that lands just before exec starts is not
 * lost).
 *
 * STATEMENTS.  The file is opened read-write (read-only when it is write-protected), never
 * created: a missing file is LP_ERR_DB "unable to open database file: PATH".  One SQL string
 * may hold several statements: they run in order, the rows of all but the last are
 * discarded, and the last one's columns and rows go to the sink (as Go's mattn/go-sqlite3
 * does for database/sql's Query).  Parameters are bound by name: `$N` and `?N` take
 * params[N-1], a bare `?` its position.  A column's type name is its declared type upper-cased,
 * else the storage class of the first row's value ("" when there is no row); a cell's type is
 * its value's storage class, except that an integer in a BOOL/BOOLEAN column is "true"/"false".
 */
#include <lazypipe.h>

#include "drv_util.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct lp_db_conn {
    sqlite3 *db;
    atomic_int cancelled;   /* set by cancel, from any thread */
    int64_t deadline_ns;    /* CLOCK_MONOTONIC; 0: none (exec's thread only) */
    int timed_out;          /* the progress handler stopped the statement for the deadline */
};

/* Called every thousand VM instructions: nonzero interrupts the statement. */
static int progress(void *user)
{
    struct lp_db_conn *c = user;
    if (atomic_load_explicit(&c->cancelled, memory_order_relaxed)) return 1;
    if (c->deadline_ns && now_ns() >= c->deadline_ns) {
        c->timed_out = 1;
        return 1;
    }
    return 0;
}

/* A locked file is retried for up to 5 s, but not past cancel or the deadline. */
static int busy(void *user, int count)
{
    struct lp_db_conn *c = user;
    if (count >= 500 || progress(c)) return 0;
    struct timespec ts = {0, 10 * 1000000};
    nanosleep(&ts, NULL);
    return 1;
}

static int sq_connect(const lp_db_target *t, lp_db_conn **out, lp_error *err)
{
    *out = NULL;
    if (!t || !t->path || !*t->path) {
        set_err(err, LP_ERR_ARG, "sqlite: no database file given");
        return LP_ERR_ARG;
    }
    struct lp_db_conn *c = drv_conn_alloc(sizeof *c, err);
    if (!c) return LP_ERR_NOMEM;
    atomic_init(&c->cancelled, 0);
    int rc = sqlite3_open_v2(t->path, &c->db, SQLITE_OPEN_READWRITE, NULL);
    if (rc != SQLITE_OK) {
        if (!c->db) {
            set_err(err, LP_ERR_NOMEM, "out of memory");
            free(c);
            return LP_ERR_NOMEM;
        }
        set_err(err, LP_ERR_DB, "%s: %s", sqlite3_errmsg(c->db), t->path);
        sqlite3_close(c->db);
        free(c);
        return LP_ERR_DB;
    }
    sqlite3_progress_handler(c->db, 1000, progress, c);
    sqlite3_busy_handler(c->db, busy, c);
    *out = c;
    return LP_OK;
}

/* Whether only spaces, semicolons and comments are left in s: the statement before it was
 * the last. */
static int only_trivia(const char *s)
{
    for (;;) {
        while (*s && (isspace((unsigned char)*s) || *s == ';')) s++;
        if (s[0] == '-' && s[1] == '-') {
            while (*s && *s != '\n') s++;
        } else if (s[0] == '/' && s[1] == '*') {
            const char *e = strstr(s + 2, "*/");
            if (!e) return 1;   /* SQLite takes an unterminated comment as running to the end */
            s = e + 2;
        } else {
            return *s == 0;
        }
    }
}

/* The parameter index (0-based into params) a statement's parameter i (1-based) takes, or
 * -1 with err set. */
static long param_slot(sqlite3_stmt *st, int i, lp_error *err)
{
    const char *name = sqlite3_bind_parameter_name(st, i);
    if (!name) return i - 1;   /* a bare `?` */
    if ((name[0] == '$' || name[0] == '?') && isdigit((unsigned char)name[1])) {
        char *end;
        errno = 0;
        long n = strtol(name + 1, &end, 10);
        if (!*end && errno == 0 && n >= 1) return n - 1;
    }
    set_err(err, LP_ERR_DB, "unsupported parameter %s: use $1, $2...", name);
    return -1;
}

static int bind_params(sqlite3_stmt *st, const lp_db_param *params, uint32_t nparams, lp_error *err)
{
    int n = sqlite3_bind_parameter_count(st);
    for (int i = 1; i <= n; i++) {
        long k = param_slot(st, i, err);
        if (k < 0) return LP_ERR_DB;
        if ((unsigned long)k >= nparams) {
            set_err(err, LP_ERR_DB, "the statement uses parameter $%ld but %u %s given", k + 1, nparams,
                    nparams == 1 ? "was" : "were");
            return LP_ERR_DB;
        }
        const lp_db_param *p = &params[k];
        const char *text = p->text ? p->text : "";
        int len = p->text ? (p->len > INT_MAX ? INT_MAX : (int)p->len) : 0;
        char *end;
        int rc;
        switch (p->type) {
        case LP_DB_NULL: rc = sqlite3_bind_null(st, i); break;
        case LP_DB_INT: {
            errno = 0;
            long long v = strtoll(text, &end, 10);
            if (*text && !*end && errno == 0) rc = sqlite3_bind_int64(st, i, v);
            else rc = sqlite3_bind_text(st, i, text, len, SQLITE_STATIC);
            break;
        }
        case LP_DB_FLOAT: {
            double v = strtod(text, &end);
            if (*text && !*end) rc = sqlite3_bind_double(st, i, v);
            else rc = sqlite3_bind_text(st, i, text, len, SQLITE_STATIC);
            break;
        }
        case LP_DB_BOOL: rc = sqlite3_bind_int(st, i, !strcmp(text, "true") || !strcmp(text, "1")); break;
        default:   /* text, JSON (as its text), other */
            rc = sqlite3_bind_text(st, i, text, len, SQLITE_STATIC);
            break;
        }
        if (rc != SQLITE_OK) {
            int code = rc == SQLITE_NOMEM ? LP_ERR_NOMEM : LP_ERR_DB;
            set_err(err, code, "%s", sqlite3_errstr(rc));
            return code;
        }
    }
    return LP_OK;
}

/* A value's storage class (sqlite3_column_type: 1 to 5) as a type name and an lp_db_type */
static const struct {
    const char *name;
    lp_db_type type;
} storage[] = {
    [SQLITE_INTEGER] = { "INTEGER", LP_DB_INT }, [SQLITE_FLOAT] = { "REAL", LP_DB_FLOAT },
    [SQLITE_TEXT] = { "TEXT", LP_DB_TEXT },      [SQLITE_BLOB] = { "BLOB", LP_DB_OTHER },
    [SQLITE_NULL] = { "NULL", LP_DB_NULL },
};

static int storage_of(int t) { return t >= SQLITE_INTEGER && t <= SQLITE_NULL ? t : SQLITE_NULL; }

/* A declared type's lp_db_type, by SQLite's affinity rules (and BOOL for booleans). */
static lp_db_type decl_type(const char *up)
{
    if (strstr(up, "BOOL")) return LP_DB_BOOL;
    if (strstr(up, "INT")) return LP_DB_INT;
    if (strstr(up, "CHAR") || strstr(up, "CLOB") || strstr(up, "TEXT")) return LP_DB_TEXT;
    if (strstr(up, "JSON")) return LP_DB_JSON;
    if (strstr(up, "REAL") || strstr(up, "FLOA") || strstr(up, "DOUB")) return LP_DB_FLOAT;
    if (strstr(up, "NUMERIC") || strstr(up, "DECIMAL")) return LP_DB_FLOAT;
    return LP_DB_OTHER;
}

/* The last statement's column and cell arrays, with the upper-cased type names. */
typedef struct sq_out {
    lp_db_col *cols;
    lp_db_cell *cells;
    char **types;
    int n;
} sq_out;

static void out_free(sq_out *o)
{
    for (int i = 0; o->types && i < o->n; i++) free(o->types[i]);
    free(o->types);
    free(o->cols);
    free(o->cells);
    memset(o, 0, sizeof *o);
}

/* Columns of st; has_row: its first row is stepped (for undeclared types). */
static int out_init(sq_out *o, sqlite3_stmt *st, int has_row)
{
    int n = sqlite3_column_count(st);
    o->n = n;
    size_t m = n ? (size_t)n : 1;
    o->cols = calloc(m, sizeof *o->cols);
    o->cells = calloc(m, sizeof *o->cells);
    o->types = calloc(m, sizeof *o->types);
    if (!o->cols || !o->cells || !o->types) return LP_ERR_NOMEM;
    for (int i = 0; i < n; i++) {
        const char *decl = sqlite3_column_decltype(st, i);
        const char *name = sqlite3_column_name(st, i);
        if (!name) return LP_ERR_NOMEM;
        if (decl && *decl) {
            size_t len = strlen(decl);
            o->types[i] = malloc(len + 1);
            if (!o->types[i]) return LP_ERR_NOMEM;
            for (size_t k = 0; k <= len; k++) o->types[i][k] = (char)toupper((unsigned char)decl[k]);
            o->cols[i].type = decl_type(o->types[i]);
        } else {
            int t = has_row ? sqlite3_column_type(st, i) : SQLITE_NULL;
            o->types[i] = strdup(has_row ? storage[storage_of(t)].name : "");
            if (!o->types[i]) return LP_ERR_NOMEM;
            o->cols[i].type = storage[storage_of(t)].type;
        }
        o->cols[i].name = name;
        o->cols[i].type_name = o->types[i];
    }
    return LP_OK;
}

/* The current row's cells; LP_ERR_NOMEM when SQLite cannot convert a value to text. */
static int out_row(sq_out *o, sqlite3_stmt *st)
{
    for (int i = 0; i < o->n; i++) {
        lp_db_cell *cell = &o->cells[i];
        int t = sqlite3_column_type(st, i);
        if (t == SQLITE_NULL) {
            *cell = (lp_db_cell){LP_DB_NULL, NULL, 0};
        } else if (t == SQLITE_INTEGER && o->cols[i].type == LP_DB_BOOL) {
            int v = sqlite3_column_int64(st, i) != 0;
            *cell = (lp_db_cell){LP_DB_BOOL, v ? "true" : "false", v ? 4u : 5u};
        } else {
            const unsigned char *s = sqlite3_column_text(st, i);
            if (!s) return LP_ERR_NOMEM;
            size_t len = (size_t)sqlite3_column_bytes(st, i);
            *cell = (lp_db_cell){ storage[storage_of(t)].type, (const char *)s, len };
        }
    }
    return LP_OK;
}

/* The error for a failed step or prepare: cancel and timeout before the database's message. */
static int step_err(struct lp_db_conn *c, int rc, int timeout_ms, lp_error *err)
{
    if (drv_cancelled(&c->cancelled, err)) return LP_ERR_CANCELLED;
    if (c->timed_out || (rc == SQLITE_INTERRUPT && c->deadline_ns && now_ns() >= c->deadline_ns)) {
        set_err(err, LP_ERR_TIMEOUT, "statement timed out after %d ms", timeout_ms);
        return LP_ERR_TIMEOUT;
    }
    if (rc == SQLITE_NOMEM) {
        set_err(err, LP_ERR_NOMEM, "out of memory");
        return LP_ERR_NOMEM;
    }
    set_err(err, LP_ERR_DB, "%s", sqlite3_errmsg(c->db));
    return LP_ERR_DB;
}

static int stopped(lp_error *err)
{
    set_err(err, LP_ERR_CANCELLED, "stopped by the caller");
    return LP_ERR_CANCELLED;
}

/* Run one prepared statement; its rows go to sink when it is the last, else are discarded. */
static int run_stmt(struct lp_db_conn *c, sqlite3_stmt *st, int last, const lp_db_sink *sink,
                    int timeout_ms, lp_error *err)
{
    int rc = sqlite3_step(st);
    if (!last) {
        while (rc == SQLITE_ROW && !atomic_load_explicit(&c->cancelled, memory_order_relaxed))
            rc = sqlite3_step(st);
        return rc == SQLITE_DONE ? LP_OK : step_err(c, rc, timeout_ms, err);
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return step_err(c, rc, timeout_ms, err);
    sq_out o = {0};
    int status = out_init(&o, st, rc == SQLITE_ROW);
    if (status != LP_OK) {
        set_err(err, status, "out of memory");
    } else if (sink && sink->columns && sink->columns(sink->user, o.cols, (uint32_t)o.n)) {
        status = stopped(err);
    }
    while (status == LP_OK && rc == SQLITE_ROW) {
        if (atomic_load_explicit(&c->cancelled, memory_order_relaxed)) {
            status = step_err(c, rc, timeout_ms, err);
        } else if ((status = out_row(&o, st)) != LP_OK) {
            set_err(err, status, "out of memory");
        } else if (sink && sink->row && sink->row(sink->user, o.cells, (uint32_t)o.n)) {
            status = stopped(err);
        } else {
            rc = sqlite3_step(st);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE) status = step_err(c, rc, timeout_ms, err);
        }
    }
    out_free(&o);
    return status;
}

static int sq_exec(lp_db_conn *c, const char *sql, const lp_db_param *params, uint32_t nparams,
                   const lp_db_sink *sink, int timeout_ms, lp_error *err)
{
    if (drv_cancelled(&c->cancelled, err)) return LP_ERR_CANCELLED;
    c->timed_out = 0;
    c->deadline_ns = timeout_ms > 0 ? now_ns() + (int64_t)timeout_ms * 1000000 : 0;
    const char *tail = sql ? sql : "";
    int status = LP_OK, ran = 0;
    while (status == LP_OK && !only_trivia(tail)) {
        sqlite3_stmt *st = NULL;
        const char *next = NULL;
        int rc = sqlite3_prepare_v2(c->db, tail, -1, &st, &next);
        if (rc != SQLITE_OK) {
            status = step_err(c, rc, timeout_ms, err);
            break;
        }
        if (!st) break;   /* nothing but what SQLite takes for trivia is left */
        status = bind_params(st, params, nparams, err);
        if (status == LP_OK) status = run_stmt(c, st, only_trivia(next), sink, timeout_ms, err);
        sqlite3_finalize(st);
        ran = 1;
        tail = next;
    }
    /* an empty statement still tells the sink it has no columns */
    if (status == LP_OK && !ran && sink && sink->columns && sink->columns(sink->user, NULL, 0))
        status = stopped(err);
    c->deadline_ns = 0;
    return status;
}

static void sq_cancel(lp_db_conn *c)
{
    atomic_store(&c->cancelled, 1);
    sqlite3_interrupt(c->db);
}

/* After a failed statement: a file's connection is never lost; a transaction the statements left
 * open (BEGIN, then an error) is rolled back, so that the next statement starts outside it. */
static int sq_reset(lp_db_conn *c)
{
    if (atomic_load(&c->cancelled)) return 0;
    if (!sqlite3_get_autocommit(c->db)) sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
    return sqlite3_get_autocommit(c->db);
}

static void sq_close(lp_db_conn *c)
{
    if (!c) return;
    sqlite3_close_v2(c->db);
    free(c);
}

/* the descriptor, and lp_driver_sqlite (drv_util.h) */
DRV_DESCRIPTOR(sqlite, sq, "sqlite")
