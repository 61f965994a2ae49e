/* postgres.c — the PostgreSQL driver (lp_driver_postgres), in liblazypipe-postgres.a with -lpq.
 *
 * OWNERSHIP.  A connection (struct lp_db_conn) owns its PGconn, the PGcancel made at connect,
 * a pipe that wakes exec on cancel and the table of type names; close frees them.  The driver
 * sees only lazypipe.h and allocates with plain malloc (the library's counting allocator is
 * internal to liblazypipe.a).  Cells and columns handed to a sink point into libpq's result
 * and are valid during the call only.
 *
 * THREADING.  A connection is used by one thread at a time; cancel may come from any other
 * thread (it sets a flag and writes to the pipe; exec, woken from poll, sends the cancel
 * request with PQcancel) but not race with close.  Cancellation is sticky: the running exec
 * and every later one on the connection return LP_ERR_CANCELLED.
 *
 * STATEMENTS.  One statement per exec, sent with PQsendQueryParams (extended protocol, so
 * several statements in one string are the server's error), parameters as text with type OID
 * 0: the server infers each one's type from the statement, as for an untyped literal.
 * A list (an LP_DB_JSON param holding a JSON array) is bound as pgx binds a Go []any: the
 * statement is first described (prepared unnamed, then PQdescribePrepared: two round trips,
 * once per statement text per connection, the last 32 kept) and a list whose parameter is an
 * array type is sent as an array literal of its element type (list_to_array says which
 * elements each type takes, as pgx's encoders do); a list bound to any other type, and every
 * other value, is sent as its text.  Rows
 * stream in single-row mode, one PGresult at a time, so a large result is never held whole.
 * The wait is poll() on the socket and the cancel pipe, bounded by the deadline: past it the
 * statement is cancelled and exec returns LP_ERR_TIMEOUT.  A statement stopped by cancel, the
 * deadline or the sink is cancelled on the server and exec returns at once; the next exec first
 * reads what is left of it (for up to 10 s).
 * Errors carry the server's message as pgx prints it: "ERROR: relation "x" does not exist
 * (SQLSTATE 42P01)".
 *
 * TYPES.  Column type names are pg_type's, upper case, as pgx gives them (INT8, TIMESTAMPTZ,
 * _TEXT): built-in types from a table here, others (enums, domains, extensions' types) from
 * pg_type, read at the first connection to a database and shared (pg_types); "UNKNOWN" for one
 * created after the connection started.  Cells: bool as
 * "true"/"false", integers, floats and numeric as numbers, json/jsonb as JSON, the rest as
 * the server's text.
 */
#include <lazypipe.h>

#include "drv_util.h"

#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CONNECT_TIMEOUT "10"   /* seconds, unless the connection string gives one */
#define DRAIN_MS 10000         /* how long a stopped statement may take to end */

typedef struct pg_type_name {
    unsigned oid;
    char *name;
    unsigned elem;          /* an array type's element type; 0 for any other */
} pg_type_name;

/* The parameter types of one statement, as the server inferred them (a describe). */
typedef struct pg_stmt_types {
    char *sql;
    unsigned *oids;
    int n;
} pg_stmt_types;

#define STMT_TYPES_CACHED 32   /* per connection; the oldest goes first */

/* pg_type's names outside the built-in table, read once per database (connection string) and
 * shared by the process's connections to it: each connection reading them cost the server ~1.5 ms
 * of CPU (a new backend's cold catalog caches) and a round trip, ten times over for a run at the
 * default parallelism ("a type lookup per connection").  A connection that meets an
 * OID it cannot name marks the set stale, and the next connection reads pg_type again: a type made
 * after the set was read is "UNKNOWN" until a connection meets it, and known to the connections
 * made after that.  The current set of each connection string stays until the process ends. */
typedef struct pg_types {
    char *conninfo;
    pg_type_name *v;        /* sorted by oid */
    size_t n;
    atomic_int stale;
    unsigned refs;          /* connections holding it, and 1 while it is its string's current set */
    struct pg_types *next;
} pg_types;

static pthread_mutex_t types_lock = PTHREAD_MUTEX_INITIALIZER;
static pg_types *types_sets;   /* the current set of each connection string */

struct lp_db_conn {
    PGconn *pg;
    PGcancel *cancel;
    int wake[2];            /* cancel writes to wake[1]; exec polls wake[0] */
    atomic_int cancelled;   /* set by cancel, from any thread */
    int broken;             /* a stopped statement did not end: the connection is unusable */
    int stopped;            /* a statement was cancelled, its end not yet read (the next exec reads it) */
    struct pg_types *types; /* pg_type's non-built-in names (shared, types_acquire), or NULL */
    pg_stmt_types described[STMT_TYPES_CACHED];   /* statements that bound a list, by their text */
    unsigned next_described;
};

/* libpq's message without its trailing newline (and with its tab-indented hint on the same line) */
static void set_pq_err(lp_error *err, int code, const char *msg)
{
    if (!err) return;
    set_err(err, code, "%s", msg && *msg ? msg : "unknown libpq error");
    char *m = err->message;
    size_t n = strlen(m);
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' ' || m[n - 1] == '\t')) m[--n] = 0;
    for (char *p = m; (p = strstr(p, "\n\t")) != NULL;) {
        *p = ' ';
        memmove(p + 1, p + 2, strlen(p + 2) + 1);
    }
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ------------------------------------------------------------------ type names */

typedef struct pg_builtin {
    unsigned oid;
    const char *name;
    lp_db_type type;
} pg_builtin;

/* Sorted by oid (bsearch). */
static const pg_builtin builtins[] = {
    {16, "BOOL", LP_DB_BOOL},           {17, "BYTEA", LP_DB_OTHER},
    {18, "CHAR", LP_DB_TEXT},           {19, "NAME", LP_DB_TEXT},
    {20, "INT8", LP_DB_INT},            {21, "INT2", LP_DB_INT},
    {23, "INT4", LP_DB_INT},            {25, "TEXT", LP_DB_TEXT},
    {26, "OID", LP_DB_INT},             {114, "JSON", LP_DB_JSON},
    {142, "XML", LP_DB_OTHER},          {199, "_JSON", LP_DB_OTHER},
    {600, "POINT", LP_DB_OTHER},        {650, "CIDR", LP_DB_OTHER},
    {651, "_CIDR", LP_DB_OTHER},        {700, "FLOAT4", LP_DB_FLOAT},
    {701, "FLOAT8", LP_DB_FLOAT},       {705, "UNKNOWN", LP_DB_TEXT},
    {774, "MACADDR8", LP_DB_OTHER},     {790, "MONEY", LP_DB_OTHER},
    {829, "MACADDR", LP_DB_OTHER},      {869, "INET", LP_DB_OTHER},
    {1000, "_BOOL", LP_DB_OTHER},       {1001, "_BYTEA", LP_DB_OTHER},
    {1003, "_NAME", LP_DB_OTHER},       {1005, "_INT2", LP_DB_OTHER},
    {1007, "_INT4", LP_DB_OTHER},       {1009, "_TEXT", LP_DB_OTHER},
    {1014, "_BPCHAR", LP_DB_OTHER},     {1015, "_VARCHAR", LP_DB_OTHER},
    {1016, "_INT8", LP_DB_OTHER},       {1021, "_FLOAT4", LP_DB_OTHER},
    {1022, "_FLOAT8", LP_DB_OTHER},     {1028, "_OID", LP_DB_OTHER},
    {1041, "_INET", LP_DB_OTHER},       {1042, "BPCHAR", LP_DB_TEXT},
    {1043, "VARCHAR", LP_DB_TEXT},      {1082, "DATE", LP_DB_OTHER},
    {1083, "TIME", LP_DB_OTHER},        {1114, "TIMESTAMP", LP_DB_OTHER},
    {1115, "_TIMESTAMP", LP_DB_OTHER},  {1182, "_DATE", LP_DB_OTHER},
    {1184, "TIMESTAMPTZ", LP_DB_OTHER}, {1185, "_TIMESTAMPTZ", LP_DB_OTHER},
    {1186, "INTERVAL", LP_DB_OTHER},    {1231, "_NUMERIC", LP_DB_OTHER},
    {1266, "TIMETZ", LP_DB_OTHER},      {1560, "BIT", LP_DB_OTHER},
    {1562, "VARBIT", LP_DB_OTHER},      {1700, "NUMERIC", LP_DB_FLOAT},
    {2249, "RECORD", LP_DB_OTHER},      {2278, "VOID", LP_DB_OTHER},
    {2950, "UUID", LP_DB_TEXT},         {2951, "_UUID", LP_DB_OTHER},
    {3614, "TSVECTOR", LP_DB_OTHER},    {3802, "JSONB", LP_DB_JSON},
    {3807, "_JSONB", LP_DB_OTHER},      {3904, "INT4RANGE", LP_DB_OTHER},
    {3906, "NUMRANGE", LP_DB_OTHER},    {3908, "TSRANGE", LP_DB_OTHER},
    {3910, "TSTZRANGE", LP_DB_OTHER},   {3912, "DATERANGE", LP_DB_OTHER},
    {3926, "INT8RANGE", LP_DB_OTHER},
};

static int cmp_oid(const void *key, const void *elem)
{
    unsigned a = *(const unsigned *)key, b = *(const unsigned *)elem;   /* oid is each struct's first field */
    return a < b ? -1 : a > b;
}

static const pg_type_name *user_type(const struct lp_db_conn *c, unsigned oid);

static void col_type(const struct lp_db_conn *c, unsigned oid, lp_db_col *col)
{
    const pg_builtin *b = bsearch(&oid, builtins, sizeof builtins / sizeof builtins[0], sizeof builtins[0],
                                  cmp_oid);
    if (b) {
        col->type_name = b->name;
        col->type = b->type;
        return;
    }
    const pg_type_name *t = user_type(c, oid);
    col->type_name = t ? t->name : "UNKNOWN";
    col->type = LP_DB_OTHER;
}

static int cmp_type_name(const void *a, const void *b)
{
    return cmp_oid(&((const pg_type_name *)a)->oid, b);
}

static void types_free(pg_types *t)
{
    for (size_t i = 0; i < t->n; i++) free(t->v[i].name);
    free(t->v);
    free(t->conninfo);
    free(t);
}

static void types_release(pg_types *t)
{
    if (!t) return;
    pthread_mutex_lock(&types_lock);
    int last = --t->refs == 0;
    pthread_mutex_unlock(&types_lock);
    if (last) types_free(t);
}

/* The names of pg_type's types outside the table above, except tables' row types and their
 * arrays (a Steampipe database has thousands), read on c: a new set, or NULL (best effort:
 * without them a column of such a type is "UNKNOWN"). */
static pg_types *types_read(PGconn *pg, const char *conninfo)
{
    pg_types *t = calloc(1, sizeof *t);
    if (!t || !(t->conninfo = strdup(conninfo))) {
        free(t);
        return NULL;
    }
    PGresult *r = PQexec(pg, "select t.oid::int8, upper(t.typname), "
                             "case when t.typcategory = 'A' then t.typelem::int8 else 0 end "
                             "from pg_type t left join pg_type e on e.oid = t.typelem "
                             "where t.typrelid = 0 and coalesce(e.typrelid, 0) = 0 and t.oid >= 16384");
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0) {
        size_t n = (size_t)PQntuples(r);
        t->v = calloc(n, sizeof *t->v);
        for (size_t i = 0; t->v && i < n; i++) {
            char *name = strdup(PQgetvalue(r, (int)i, 1));
            if (!name) break;
            t->v[t->n].oid = (unsigned)strtoul(PQgetvalue(r, (int)i, 0), NULL, 10);
            t->v[t->n].elem = (unsigned)strtoul(PQgetvalue(r, (int)i, 2), NULL, 10);
            t->v[t->n++].name = name;
        }
        if (t->v) qsort(t->v, t->n, sizeof *t->v, cmp_type_name);
    }
    int ok = PQresultStatus(r) == PGRES_TUPLES_OK;
    PQclear(r);
    if (!ok) {
        types_free(t);
        return NULL;
    }
    return t;
}

/* Where conninfo's current set is listed (*at NULL: it has none); types_lock held. */
static pg_types **types_slot(const char *conninfo)
{
    pg_types **at = &types_sets;
    while (*at && strcmp((*at)->conninfo, conninfo) != 0) at = &(*at)->next;
    return at;
}

/* The current set of conninfo's names, read on pg when there is none or it is stale; held (NULL:
 * none could be read). */
static pg_types *types_acquire(PGconn *pg, const char *conninfo)
{
    pthread_mutex_lock(&types_lock);
    pg_types **at = types_slot(conninfo);
    pg_types *t = *at && !atomic_load(&(*at)->stale) ? *at : NULL;
    if (t) t->refs++;
    pthread_mutex_unlock(&types_lock);
    if (t || !(t = types_read(pg, conninfo))) return t;
    t->refs = 2;
    pg_types *old = NULL;
    pthread_mutex_lock(&types_lock);
    at = types_slot(conninfo);
    if (*at) {   /* the set it replaces (read by another connection meanwhile, or stale) */
        old = *at;
        t->next = old->next;
        *at = t;
        if (--old->refs) old = NULL;
    } else {
        t->next = types_sets;
        types_sets = t;
    }
    pthread_mutex_unlock(&types_lock);
    if (old) types_free(old);
    return t;
}

/* oid's entry in c's set of names, or NULL: a type not built in and not named is one made since the
 * set was read, which is then stale (the next connection reads pg_type again) */
static const pg_type_name *user_type(const struct lp_db_conn *c, unsigned oid)
{
    pg_types *set = c->types;
    if (!set) return NULL;
    const pg_type_name *t = set->n ? bsearch(&oid, set->v, set->n, sizeof *set->v, cmp_oid) : NULL;
    if (!t && oid >= 16384) atomic_store(&set->stale, 1);   /* (FirstNormalObjectId: not built in) */
    return t;
}

/* ------------------------------------------------------------------ connect */

/* Append name, quoted as an identifier, to the list being built in *out (comma-separated). */
static int append_ident(PGconn *pg, char **out, size_t *len, const char *name, size_t n)
{
    char *q = PQescapeIdentifier(pg, name, n);
    if (!q) return -1;
    size_t qn = strlen(q);
    char *o = realloc(*out, *len + qn + 2);
    if (!o) {
        PQfreemem(q);
        return -1;
    }
    if (*len) o[(*len)++] = ',';
    memcpy(o + *len, q, qn + 1);
    *len += qn;
    *out = o;
    PQfreemem(q);
    return 0;
}

/* Each schema of a comma-separated list ("a, b" or show search_path's '"$user", public'),
 * unquoted, appended to out unless it is already there. */
static int append_list(PGconn *pg, char **out, size_t *len, char ***seen, size_t *nseen, const char *list)
{
    const char *p = list;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',') p++;
        if (!*p) break;
        char *name = malloc(strlen(p) + 1);
        if (!name) return -1;
        size_t n = 0;
        if (*p == '"') {   /* a quoted identifier: "" is one quote */
            for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
                if (*p == '"') p++;
                name[n++] = *p;
            }
            if (*p == '"') p++;
            while (*p && *p != ',') p++;
        } else {
            while (*p && *p != ',') name[n++] = *p++;
            while (n && (name[n - 1] == ' ' || name[n - 1] == '\t')) n--;
        }
        name[n] = 0;
        int dup = n == 0;
        for (size_t i = 0; !dup && i < *nseen; i++) dup = !strcmp((*seen)[i], name);
        char **s = dup ? NULL : realloc(*seen, (*nseen + 1) * sizeof **seen);
        if (dup) {
            free(name);
            continue;
        }
        if (!s) {
            free(name);
            return -1;
        }
        *seen = s;
        s[(*nseen)++] = name;
        if (append_ident(pg, out, len, name, n)) return -1;
    }
    return 0;
}

/* Steampipe's search path semantics: search_path replaces the session's, search_path_prefix
 * goes before it (before the server's current one when no search_path is given); names are
 * deduplicated and quoted. */
static int set_search_path(struct lp_db_conn *c, const lp_db_target *t, lp_error *err)
{
    int has_path = t->search_path && *t->search_path;
    int has_prefix = t->search_path_prefix && *t->search_path_prefix;
    if (!has_path && !has_prefix) return LP_OK;
    char *current = NULL;
    if (!has_path) {
        PGresult *r = PQexec(c->pg, "show search_path");
        if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1) {
            set_pq_err(err, LP_ERR_DB, PQresultErrorMessage(r));
            PQclear(r);
            return LP_ERR_DB;
        }
        current = strdup(PQgetvalue(r, 0, 0));
        PQclear(r);
        if (!current) goto nomem;
    }
    char *list = NULL, **seen = NULL;
    size_t len = 0, nseen = 0;
    int bad = (has_prefix && append_list(c->pg, &list, &len, &seen, &nseen, t->search_path_prefix)) ||
              append_list(c->pg, &list, &len, &seen, &nseen, has_path ? t->search_path : current);
    for (size_t i = 0; i < nseen; i++) free(seen[i]);
    free(seen);
    free(current);
    if (bad) {
        free(list);
        goto nomem;
    }
    int status = LP_OK;
    if (list) {
        const char *pre = "set search_path to ";
        char *sql = malloc(strlen(pre) + len + 1);
        if (!sql) {
            free(list);
            goto nomem;
        }
        strcpy(sql, pre);
        strcat(sql, list);
        PGresult *r = PQexec(c->pg, sql);
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            set_pq_err(err, LP_ERR_DB, PQresultErrorMessage(r));
            status = LP_ERR_DB;
        }
        PQclear(r);
        free(sql);
    }
    free(list);
    return status;
nomem:
    set_err(err, LP_ERR_NOMEM, "out of memory");
    return LP_ERR_NOMEM;
}

static void pg_close(lp_db_conn *c)
{
    if (!c) return;
    if (c->cancel) PQfreeCancel(c->cancel);
    if (c->pg) PQfinish(c->pg);
    if (c->wake[0] >= 0) close(c->wake[0]);
    if (c->wake[1] >= 0) close(c->wake[1]);
    types_release(c->types);
    for (int i = 0; i < STMT_TYPES_CACHED; i++) {
        free(c->described[i].sql);
        free(c->described[i].oids);
    }
    free(c);
}

static void ignore_notice(void *user, const char *message)
{
    (void)user;
    (void)message;
}

/* The connection string's own connect_timeout in ms (libpq honours it only in its blocking
 * connect), else 0. */
static int own_connect_timeout_ms(const char *conninfo)
{
    PQconninfoOption *opts = PQconninfoParse(conninfo, NULL);
    int ms = 0;
    for (PQconninfoOption *o = opts; o && o->keyword; o++)
        if (strcmp(o->keyword, "connect_timeout") == 0 && o->val && *o->val) ms = atoi(o->val) * 1000;
    PQconninfoFree(opts);
    return ms > 0 ? ms : 0;
}

/* Connect without blocking (PQconnectStartParams, then PQconnectPoll over poll()): a server that
 * accepts and never answers, or a Ctrl-C, must not hold the run.  Gives up at the deadline (the
 * target's connect_timeout_ms, else the string's connect_timeout, else CONNECT_TIMEOUT) with
 * libpq's wording, and when the target's stop says so with LP_ERR_CANCELLED. */
static int connect_polled(struct lp_db_conn *c, const lp_db_target *t, lp_error *err)
{
    const char *keys[] = {"fallback_application_name", "dbname", NULL};
    const char *vals[] = {"lazypipe", t->conninfo, NULL};
    c->pg = PQconnectStartParams(keys, vals, 1);
    if (!c->pg) {
        set_err(err, LP_ERR_NOMEM, "out of memory");
        return LP_ERR_NOMEM;
    }
    int timeout_ms = t->connect_timeout_ms > 0 ? t->connect_timeout_ms : own_connect_timeout_ms(t->conninfo);
    if (!timeout_ms) timeout_ms = atoi(CONNECT_TIMEOUT) * 1000;
    int64_t deadline = now_ms() + timeout_ms;
    PostgresPollingStatusType st = PGRES_POLLING_WRITING;
    while (PQstatus(c->pg) != CONNECTION_BAD && st != PGRES_POLLING_OK && st != PGRES_POLLING_FAILED) {
        if (t->stop && t->stop(t->stop_user)) {
            set_err(err, LP_ERR_CANCELLED, "cancelled");
            return LP_ERR_CANCELLED;
        }
        int64_t left = deadline - now_ms();
        if (left <= 0) {
            set_err(err, LP_ERR_DB, "connection to server failed: timeout expired");
            return LP_ERR_DB;
        }
        struct pollfd p = {PQsocket(c->pg), st == PGRES_POLLING_READING ? POLLIN : POLLOUT, 0};
        int n = p.fd >= 0 ? poll(&p, 1, left < 100 ? (int)left : 100) : 0;
        if (n < 0 && errno != EINTR) {
            set_err(err, LP_ERR_IO, "poll: %s", strerror(errno));
            return LP_ERR_IO;
        }
        if (n > 0 || p.fd < 0) st = PQconnectPoll(c->pg);
    }
    if (PQstatus(c->pg) != CONNECTION_OK) {
        set_pq_err(err, LP_ERR_DB, PQerrorMessage(c->pg));
        return LP_ERR_DB;
    }
    return LP_OK;
}

static int pg_connect(const lp_db_target *t, lp_db_conn **out, lp_error *err)
{
    *out = NULL;
    if (!t || !t->conninfo) {
        set_err(err, LP_ERR_ARG, "postgres: no connection string given");
        return LP_ERR_ARG;
    }
    struct lp_db_conn *c = drv_conn_alloc(sizeof *c, err);
    if (!c) return LP_ERR_NOMEM;
    int status = drv_cancel_init(c->wake, &c->cancelled, err);
    if (status == LP_OK) status = connect_polled(c, t, err);
    if (status == LP_OK) {
        PQsetNoticeProcessor(c->pg, ignore_notice, NULL);   /* libpq's default prints them to stderr */
        if (!(c->cancel = PQgetCancel(c->pg))) {
            set_err(err, LP_ERR_NOMEM, "out of memory");
            status = LP_ERR_NOMEM;
        }
    }
    if (status == LP_OK) status = set_search_path(c, t, err);
    if (status != LP_OK) {
        pg_close(c);
        return status;
    }
    c->types = types_acquire(c->pg, t->conninfo);
    *out = c;
    return LP_OK;
}

/* ------------------------------------------------------------------ exec */

/* Wait until the socket is readable, cancel is called (1) or the deadline passes (2);
 * -1 on a poll error. */
static int wait_input(struct lp_db_conn *c, int64_t deadline, int watch_cancel)
{
    for (;;) {
        struct pollfd p[2] = {{PQsocket(c->pg), POLLIN, 0}, {c->wake[0], POLLIN, 0}};
        int timeout = -1;
        if (deadline) {
            int64_t left = deadline - now_ms();
            if (left <= 0) return 2;
            timeout = left > 60000 ? 60000 : (int)left;
        }
        int n = poll(p, watch_cancel ? 2 : 1, timeout);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (watch_cancel && atomic_load(&c->cancelled)) return 1;
        if (n > 0 && p[0].revents) return 0;
    }
}

/* The next result, or NULL at the end; *why 1 (cancelled) or 2 (deadline) when the wait was cut. */
static PGresult *next_result(struct lp_db_conn *c, int64_t deadline, int watch_cancel, int *why)
{
    *why = 0;
    while (PQisBusy(c->pg)) {
        int w = wait_input(c, deadline, watch_cancel);
        if (w > 0) {
            *why = w;
            return NULL;
        }
        if (w < 0 || !PQconsumeInput(c->pg)) return PQgetResult(c->pg);   /* the connection's error */
    }
    return PQgetResult(c->pg);
}

/* Cancel the running statement.  What it sent before it ended is read by the next exec (drain),
 * not now: a stopped stream can leave megabytes in the socket, and the caller of a statement that
 * timed out or was stopped usually closes the connection next. */
static void stop_statement(struct lp_db_conn *c)
{
    char buf[256];
    PQcancel(c->cancel, buf, sizeof buf);
    c->stopped = 1;
}

/* Read the rest of a stopped statement, so the connection is ready for the next. */
static void drain(struct lp_db_conn *c)
{
    c->stopped = 0;
    int64_t deadline = now_ms() + DRAIN_MS;
    for (;;) {
        int why;
        PGresult *r = next_result(c, deadline, 0, &why);
        if (!r) {
            if (why) c->broken = 1;
            return;
        }
        PQclear(r);
    }
}

/* Error from a result: the server's fields as pgx prints them, else libpq's message. */
static int result_err(struct lp_db_conn *c, const PGresult *r, lp_error *err)
{
    const char *sev = PQresultErrorField(r, PG_DIAG_SEVERITY_NONLOCALIZED);
    const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    const char *code = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (msg && code) {
        set_err(err, LP_ERR_DB, "%s: %s (SQLSTATE %s)", sev ? sev : "ERROR", msg, code);
    } else {
        const char *m = PQresultErrorMessage(r);
        set_pq_err(err, LP_ERR_DB, m && *m ? m : PQerrorMessage(c->pg));
    }
    return LP_ERR_DB;
}

typedef struct pg_out {
    lp_db_col *cols;
    lp_db_cell *cells;
    int n;
    int sent;   /* columns were given to the sink */
} pg_out;

static int out_columns(struct lp_db_conn *c, pg_out *o, const PGresult *r, const lp_db_sink *sink)
{
    int n = PQnfields(r);
    size_t m = n ? (size_t)n : 1;
    o->cols = calloc(m, sizeof *o->cols);
    o->cells = calloc(m, sizeof *o->cells);
    if (!o->cols || !o->cells) return LP_ERR_NOMEM;
    o->n = n;
    for (int i = 0; i < n; i++) {
        o->cols[i].name = PQfname(r, i);
        col_type(c, (unsigned)PQftype(r, i), &o->cols[i]);
    }
    o->sent = 1;
    if (sink && sink->columns && sink->columns(sink->user, o->cols, (uint32_t)n)) return LP_ERR_CANCELLED;
    return LP_OK;
}

static int out_row(pg_out *o, const PGresult *r, const lp_db_sink *sink)
{
    for (int i = 0; i < o->n; i++) {
        lp_db_cell *cell = &o->cells[i];
        if (PQgetisnull(r, 0, i)) {
            *cell = (lp_db_cell){LP_DB_NULL, NULL, 0};
            continue;
        }
        const char *v = PQgetvalue(r, 0, i);
        size_t len = (size_t)PQgetlength(r, 0, i);
        if (o->cols[i].type == LP_DB_BOOL) {
            int t = v[0] == 't';
            *cell = (lp_db_cell){LP_DB_BOOL, t ? "true" : "false", t ? 4u : 5u};
        } else {
            *cell = (lp_db_cell){o->cols[i].type, v, len};
        }
    }
    if (sink && sink->row && sink->row(sink->user, o->cells, (uint32_t)o->n)) return LP_ERR_CANCELLED;
    return LP_OK;
}

/* ------------------------------------------------------------------ lists as arrays */

/* Built-in array types and their elements, sorted by the array's oid. */
static const unsigned builtin_arrays[][2] = {
    {143, 142},   {199, 114},   {651, 650},   {1000, 16},   {1001, 17},   {1002, 18},   {1003, 19},
    {1005, 21},   {1007, 23},   {1009, 25},   {1014, 1042}, {1015, 1043}, {1016, 20},   {1021, 700},
    {1022, 701},  {1028, 26},   {1040, 829},  {1041, 869},  {1115, 1114}, {1182, 1082}, {1183, 1083},
    {1185, 1184}, {1187, 1186}, {1231, 1700}, {1270, 1266}, {2951, 2950}, {3807, 3802},
};

/* An array type's element type, 0 when oid is not an array. */
static unsigned array_elem(const struct lp_db_conn *c, unsigned oid)
{
    const unsigned (*b)[2] = bsearch(&oid, builtin_arrays, sizeof builtin_arrays / sizeof builtin_arrays[0],
                                     sizeof builtin_arrays[0], cmp_oid);
    if (b) return (*b)[1];
    const pg_type_name *t = user_type(c, oid);
    return t ? t->elem : 0;
}

/* A type's name as pgx prints it in an encode error: pg_type's, lower case. */
static void type_name_lower(const struct lp_db_conn *c, unsigned oid, char *out, size_t size)
{
    lp_db_col col = {0};
    col_type(c, oid, &col);
    size_t i = 0;
    for (; col.type_name[i] && i + 1 < size; i++) {
        char ch = col.type_name[i];
        out[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
    }
    out[i] = 0;
}

/* What an element of a list may be in an array of this element type: pgx encodes a JSON
 * number only into a number type, a boolean only into bool, a list or an object only into
 * json/jsonb (as its JSON text); a string goes as text to any type and the server parses it. */
enum { ELEM_TEXT, ELEM_BOOL, ELEM_INT, ELEM_NUMBER, ELEM_JSON, ELEM_OTHER };

static int elem_kind(unsigned oid)
{
    switch (oid) {
    case 18: case 19: case 25: case 1042: case 1043: return ELEM_TEXT;
    case 16: return ELEM_BOOL;
    case 20: case 21: case 23: case 26: return ELEM_INT;
    case 700: case 701: case 1700: return ELEM_NUMBER;
    case 114: case 3802: return ELEM_JSON;
    default: return oid < 16384 ? ELEM_TEXT : ELEM_OTHER;   /* built-in: strings only, as pgx */
    }
}

typedef struct pg_buf {
    char *data;
    size_t len, cap;
    int oom;
} pg_buf;

static void buf_put(pg_buf *b, const char *s, size_t n)
{
    if (b->oom) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->len + n + 1) cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d) {
            b->oom = 1;
            return;
        }
        b->data = d;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
}

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

static int hex4(const char *p, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char ch = p[i];
        int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
        if (d < 0) return -1;
        *v = *v * 16 + (unsigned)d;
    }
    return 0;
}

/* A JSON string at p (after its quote), decoded into out; the end (after the closing quote), or
 * NULL when malformed.  *nul is set when it holds U+0000 (a PostgreSQL text cannot). */
static const char *json_string(const char *p, pg_buf *out, int *nul)
{
    for (;;) {
        const char *s = p;
        while (*p && *p != '"' && *p != '\\') p++;
        buf_put(out, s, (size_t)(p - s));
        if (*p == '"') return p + 1;
        if (!*p) return NULL;
        char e = *++p;
        const char *rep = e == '"' ? "\"" : e == '\\' ? "\\" : e == '/' ? "/" : e == 'b' ? "\b"
                          : e == 'f' ? "\f" : e == 'n' ? "\n" : e == 'r' ? "\r" : e == 't' ? "\t" : NULL;
        if (rep) {
            buf_put(out, rep, 1);
            p++;
            continue;
        }
        unsigned cp;
        if (e != 'u' || hex4(p + 1, &cp)) return NULL;
        p += 5;
        if (cp >= 0xD800 && cp < 0xDC00 && p[0] == '\\' && p[1] == 'u') {
            unsigned lo;
            if (!hex4(p + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            }
        }
        if (cp == 0) *nul = 1;
        char u[4];
        size_t n;
        if (cp < 0x80) { u[0] = (char)cp; n = 1; }
        else if (cp < 0x800) { u[0] = (char)(0xC0 | cp >> 6); u[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
        else if (cp < 0x10000) {
            u[0] = (char)(0xE0 | cp >> 12); u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
            u[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
        } else {
            u[0] = (char)(0xF0 | cp >> 18); u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
            u[2] = (char)(0x80 | (cp >> 6 & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
        }
        buf_put(out, u, n);
    }
}

/* The end of the JSON value at p (a list or object: to its matching bracket), NULL if malformed. */
static const char *json_skip(const char *p)
{
    p = skip_ws(p);
    if (*p == '"') {
        for (p++; *p && *p != '"'; p++)
            if (*p == '\\' && p[1]) p++;
        return *p ? p + 1 : NULL;
    }
    if (*p == '[' || *p == '{') {
        char close = *p == '[' ? ']' : '}';
        p = skip_ws(p + 1);
        if (*p == close) return p + 1;
        for (;;) {
            if (close == '}') {
                if (!(p = json_skip(p))) return NULL;
                p = skip_ws(p);
                if (*p++ != ':') return NULL;
            }
            if (!(p = json_skip(p))) return NULL;
            p = skip_ws(p);
            if (*p == close) return p + 1;
            if (*p++ != ',') return NULL;
        }
    }
    const char *s = p;
    while (*p && !strchr(",]} \t\r\n:", *p)) p++;
    return p > s ? p : NULL;
}

/* An array element, quoted: "..." with " and \ escaped. */
static void put_quoted(pg_buf *out, const char *s, size_t n)
{
    buf_put(out, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"' || s[i] == '\\') buf_put(out, "\\", 1);
        buf_put(out, s + i, 1);
    }
    buf_put(out, "\"", 1);
}

/* The JSON list at json as a PostgreSQL array literal of element type elem (pgx's encoding of a
 * Go []any, element by element, by the rules of elem_kind): 0, or -1 with *bad pointing at the
 * element pgx cannot encode (*bad_len its length; NULL when the list is malformed). */
static int list_to_array(const char *json, unsigned elem, pg_buf *out, const char **bad, size_t *bad_len)
{
    int kind = elem_kind(elem);
    const char *p = skip_ws(json);
    *bad = NULL;
    *bad_len = 0;
    if (*p++ != '[') return -1;
    buf_put(out, "{", 1);
    p = skip_ws(p);
    if (*p == ']') {
        buf_put(out, "}", 1);
        return *skip_ws(p + 1) ? -1 : 0;
    }
    pg_buf s = {0};
    for (int first = 1;; first = 0) {
        p = skip_ws(p);
        const char *end = json_skip(p);
        if (!end) break;
        if (!first) buf_put(out, ",", 1);
        size_t n = (size_t)(end - p);
        int ok = 1;
        if (*p == '"') {
            int nul = 0;
            s.len = 0;
            buf_put(&s, "", 0);
            if (!json_string(p + 1, &s, &nul)) break;
            ok = !nul;
            if (ok) put_quoted(out, s.data ? s.data : "", s.len);
        } else if (n == 4 && !memcmp(p, "null", 4)) {
            buf_put(out, "NULL", 4);
        } else if (*p == '[' || *p == '{') {
            ok = kind == ELEM_JSON || kind == ELEM_OTHER;
            if (ok) put_quoted(out, p, n);
        } else if ((n == 4 && !memcmp(p, "true", 4)) || (n == 5 && !memcmp(p, "false", 5))) {
            ok = kind == ELEM_BOOL || kind == ELEM_JSON || kind == ELEM_OTHER;
            if (ok) buf_put(out, p, n);
        } else {   /* a number: pgx truncates it toward zero for an integer type */
            ok = kind == ELEM_INT || kind == ELEM_NUMBER || kind == ELEM_JSON || kind == ELEM_OTHER;
            size_t keep = n;
            if (kind == ELEM_INT && !memchr(p, 'e', n) && !memchr(p, 'E', n)) {
                const char *dot = memchr(p, '.', n);
                if (dot) keep = (size_t)(dot - p);
            }
            if (ok) buf_put(out, p, keep);
        }
        if (!ok) {
            *bad = p;
            *bad_len = n;
            break;
        }
        p = skip_ws(end);
        if (*p == ']') {
            free(s.data);
            buf_put(out, "}", 1);
            return *skip_ws(p + 1) ? -1 : 0;
        }
        if (*p++ != ',') break;
    }
    free(s.data);
    return -1;
}

/* Wait for the results of a statement sent, keep the last; NULL when cut (why) or lost. */
static PGresult *last_result(struct lp_db_conn *c, int64_t deadline, int *why)
{
    PGresult *last = NULL, *r;
    while ((r = next_result(c, deadline, 1, why)) != NULL) {
        PQclear(last);
        last = r;
    }
    if (*why) {
        PQclear(last);
        return NULL;
    }
    return last;
}

/* The result of the command just sent (sent: its PQsend* call's return) when it succeeded; else NULL,
 * the error in err and its status in *rc (the connection lost, the statement cancelled or timed out,
 * or the server's error). */
static PGresult *command_ok(struct lp_db_conn *c, int sent, int64_t deadline, int timeout_ms, lp_error *err,
                            int *rc)
{
    if (!sent) {
        set_pq_err(err, LP_ERR_DB, PQerrorMessage(c->pg));
        *rc = LP_ERR_DB;
        return NULL;
    }
    int why = 0;
    PGresult *r = last_result(c, deadline, &why);
    if (!r) {
        stop_statement(c);
        if (why == 1) set_err(err, LP_ERR_CANCELLED, "statement cancelled");
        else set_err(err, LP_ERR_TIMEOUT, "statement timed out after %d ms", timeout_ms);
        *rc = why == 1 ? LP_ERR_CANCELLED : LP_ERR_TIMEOUT;
        return NULL;
    }
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        *rc = result_err(c, r, err);
        PQclear(r);
        return NULL;
    }
    return r;
}

/* The parameter types the server infers for sql: from the cache, else from a describe of the
 * statement prepared unnamed (two round trips, once per statement text per connection). */
static int param_types(struct lp_db_conn *c, const char *sql, int64_t deadline, int timeout_ms,
                       const pg_stmt_types **out, lp_error *err)
{
    for (int i = 0; i < STMT_TYPES_CACHED; i++)
        if (c->described[i].sql && !strcmp(c->described[i].sql, sql)) {
            *out = &c->described[i];
            return LP_OK;
        }
    int rc;
    PGresult *r = command_ok(c, PQsendPrepare(c->pg, "", sql, 0, NULL), deadline, timeout_ms, err, &rc);
    if (!r) return rc;
    PQclear(r);
    r = command_ok(c, PQsendDescribePrepared(c->pg, ""), deadline, timeout_ms, err, &rc);
    if (!r) return rc;
    pg_stmt_types *t = &c->described[c->next_described++ % STMT_TYPES_CACHED];
    free(t->sql);
    free(t->oids);
    t->n = PQnparams(r);
    t->sql = strdup(sql);
    t->oids = calloc(t->n ? (size_t)t->n : 1, sizeof *t->oids);
    for (int i = 0; t->oids && i < t->n; i++) t->oids[i] = PQparamtype(r, i);
    PQclear(r);
    if (!t->sql || !t->oids) {
        free(t->sql);
        free(t->oids);
        memset(t, 0, sizeof *t);
        set_err(err, LP_ERR_NOMEM, "out of memory");
        return LP_ERR_NOMEM;
    }
    *out = t;
    return LP_OK;
}

static int is_list(const lp_db_param *p)
{
    return p->type == LP_DB_JSON && p->text && *skip_ws(p->text) == '[';
}

/* The params with each list bound to an array parameter replaced by its array literal (in
 * texts[i], malloc'd; NULL where the param is unchanged).  A list bound to any other parameter
 * type keeps its JSON text (Powerpipe's pgx cannot encode it there). */
static int lists_as_arrays(struct lp_db_conn *c, const char *sql, const lp_db_param *params, uint32_t n,
                           int64_t deadline, int timeout_ms, char **texts, lp_error *err)
{
    uint32_t i = 0;
    while (i < n && !is_list(&params[i])) i++;
    if (i == n) return LP_OK;
    const pg_stmt_types *t = NULL;
    int status = param_types(c, sql, deadline, timeout_ms, &t, err);
    if (status != LP_OK) return status;
    for (; i < n && (int)i < t->n; i++) {
        unsigned elem = is_list(&params[i]) ? array_elem(c, t->oids[i]) : 0;
        if (!elem) continue;
        pg_buf out = {0};
        const char *bad;
        size_t bad_len;
        if (list_to_array(params[i].text, elem, &out, &bad, &bad_len) != 0 || out.oom) {
            free(out.data);
            if (out.oom) {
                set_err(err, LP_ERR_NOMEM, "out of memory");
                return LP_ERR_NOMEM;
            }
            if (!bad) continue;   /* not a list after all: its text, as given */
            if (*bad == '"') {   /* pgx sends the string; the server refuses its NUL */
                set_err(err, LP_ERR_DB,
                        "ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 (SQLSTATE 22021)");
                return LP_ERR_DB;
            }
            char name[64];
            type_name_lower(c, t->oids[i], name, sizeof name);
            set_err(err, LP_ERR_DB,
                    "failed to encode args[%u]: unable to encode %.200s into binary format for %s "
                    "(OID %u): unable to encode %.*s", i, params[i].text, name, t->oids[i],
                    (int)(bad_len > 200 ? 200 : bad_len), bad);
            return LP_ERR_DB;
        }
        texts[i] = out.data ? out.data : strdup("{}");
        if (!texts[i]) {
            set_err(err, LP_ERR_NOMEM, "out of memory");
            return LP_ERR_NOMEM;
        }
    }
    return LP_OK;
}

/* Parameter values as NUL-terminated strings (libpq reads text parameters up to their NUL),
 * in one block; NULL for an SQL NULL. */
static char *param_values(const lp_db_param *params, uint32_t n, char *const *texts, const char ***vals)
{
    size_t total = 1;
    for (uint32_t i = 0; i < n; i++)
        total += (texts[i] ? strlen(texts[i]) : params[i].text ? params[i].len : 0) + 6;
    char *block = malloc(total);
    *vals = calloc(n ? n : 1, sizeof **vals);
    if (!block || !*vals) {
        free(block);
        free(*vals);
        *vals = NULL;
        return NULL;
    }
    char *p = block;
    for (uint32_t i = 0; i < n; i++) {
        const lp_db_param *q = &params[i];
        if (q->type == LP_DB_NULL) continue;
        const char *text = texts[i] ? texts[i] : q->text ? q->text : "";
        size_t len = texts[i] ? strlen(texts[i]) : q->text ? q->len : 0;
        if (q->type == LP_DB_BOOL) {   /* PostgreSQL's bool input takes true/false, 1/0 */
            int t = !strcmp(text, "true") || !strcmp(text, "1");
            text = t ? "true" : "false";
            len = strlen(text);
        }
        memcpy(p, text, len);
        p[len] = 0;
        (*vals)[i] = p;
        p += len + 1;
    }
    return block;
}

static int pg_exec(lp_db_conn *c, const char *sql, const lp_db_param *params, uint32_t nparams,
                   const lp_db_sink *sink, int timeout_ms, lp_error *err)
{
    if (drv_cancelled(&c->cancelled, err)) return LP_ERR_CANCELLED;
    if (c->stopped) drain(c);
    if (c->broken || PQstatus(c->pg) != CONNECTION_OK) {
        set_err(err, LP_ERR_DB, "the connection to the database was lost");
        return LP_ERR_DB;
    }
    int64_t deadline = timeout_ms > 0 ? now_ms() + timeout_ms : 0;
    const char **vals = NULL;
    char **texts = calloc(nparams ? nparams : 1, sizeof *texts);
    if (!texts) {
        set_err(err, LP_ERR_NOMEM, "out of memory");
        return LP_ERR_NOMEM;
    }
    int lrc = lists_as_arrays(c, sql ? sql : "", params, nparams, deadline, timeout_ms, texts, err);
    char *block = lrc == LP_OK ? param_values(params, nparams, texts, &vals) : NULL;
    for (uint32_t i = 0; i < nparams; i++) free(texts[i]);
    free(texts);
    if (lrc != LP_OK) return lrc;
    if (!block) {
        set_err(err, LP_ERR_NOMEM, "out of memory");
        return LP_ERR_NOMEM;
    }
    int sent = PQsendQueryParams(c->pg, sql ? sql : "", (int)nparams, NULL, vals, NULL, NULL, 0);
    free(block);
    free(vals);
    if (!sent) {
        set_pq_err(err, LP_ERR_DB, PQerrorMessage(c->pg));
        return LP_ERR_DB;
    }
    PQsetSingleRowMode(c->pg);

    pg_out o = {0};
    int status = LP_OK, failed = 0;
    for (;;) {
        int why;
        PGresult *r = next_result(c, deadline, 1, &why);
        if (!r && why) {
            stop_statement(c);
            if (why == 1) set_err(err, status = LP_ERR_CANCELLED, "statement cancelled");
            else set_err(err, status = LP_ERR_TIMEOUT, "statement timed out after %d ms", timeout_ms);
            break;
        }
        if (!r) break;
        /* rows that keep arriving never make the wait above look at the deadline */
        if (deadline && !failed && now_ms() >= deadline) {
            PQclear(r);
            stop_statement(c);
            set_err(err, status = LP_ERR_TIMEOUT, "statement timed out after %d ms", timeout_ms);
            break;
        }
        ExecStatusType st = PQresultStatus(r);
        if (failed) {   /* an error was kept: read to the end */
        } else if (st == PGRES_SINGLE_TUPLE || st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
            if (!o.sent) status = out_columns(c, &o, r, sink);
            if (status == LP_OK && st == PGRES_SINGLE_TUPLE) status = out_row(&o, r, sink);
            if (status == LP_OK && atomic_load_explicit(&c->cancelled, memory_order_relaxed))
                status = LP_ERR_CANCELLED;
            if (status != LP_OK) {
                PQclear(r);
                stop_statement(c);
                if (status == LP_ERR_NOMEM) set_err(err, status, "out of memory");
                else if (atomic_load(&c->cancelled)) set_err(err, status, "statement cancelled");
                else set_err(err, status, "stopped by the caller");
                break;
            }
        } else if (st == PGRES_EMPTY_QUERY) {
            if (!o.sent && sink && sink->columns && sink->columns(sink->user, NULL, 0))
                set_err(err, status = LP_ERR_CANCELLED, "stopped by the caller");
            o.sent = 1;
        } else {   /* the server's error, or one of a protocol this driver does not speak (COPY) */
            failed = 1;
            if (atomic_load(&c->cancelled)) set_err(err, status = LP_ERR_CANCELLED, "statement cancelled");
            else if (st == PGRES_FATAL_ERROR || st == PGRES_NONFATAL_ERROR) status = result_err(c, r, err);
            else set_err(err, status = LP_ERR_DB, "unsupported result: %s", PQresStatus(st));
            if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT || st == PGRES_COPY_BOTH) {
                PQclear(r);
                c->broken = 1;
                break;
            }
        }
        PQclear(r);
    }
    free(o.cols);
    free(o.cells);
    return status;
}

#define RESET_MS 5000   /* how long the rollback of a failed transaction may take */

/* After a failed statement: the connection is kept unless libpq has lost it (a server that ended
 * the session, pg_terminate_backend, sends its FATAL error and closes: CONNECTION_BAD); a transaction
 * left open (a mod's BEGIN) is rolled back, so that the next statement does not fail with "current
 * transaction is aborted". */
static int pg_reset(lp_db_conn *c)
{
    if (c->broken || c->stopped || atomic_load(&c->cancelled) || PQstatus(c->pg) != CONNECTION_OK) return 0;
    PGTransactionStatusType tx = PQtransactionStatus(c->pg);
    if (tx == PQTRANS_IDLE) return 1;
    if (tx != PQTRANS_INTRANS && tx != PQTRANS_INERROR) return 0;   /* a statement still active, or lost */
    lp_error err;
    int rc;
    PGresult *r = command_ok(c, PQsendQuery(c->pg, "rollback"), now_ms() + RESET_MS, RESET_MS, &err, &rc);
    PQclear(r);
    return r && PQtransactionStatus(c->pg) == PQTRANS_IDLE;
}

static void pg_cancel(lp_db_conn *c)
{
    atomic_store(&c->cancelled, 1);
    /* wakes exec's poll; the pipe stays readable, as the cancel is sticky */
    ssize_t w = write(c->wake[1], "x", 1);
    (void)w;
}

/* the descriptor, and lp_driver_postgres (drv_util.h) */
DRV_DESCRIPTOR(postgres, pg, "postgres", "postgresql")
