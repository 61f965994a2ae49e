/* mysql.c — the MySQL/MariaDB driver (lp_driver_mysql), in liblazypipe-mysql.a with -lmariadb
 * (MariaDB Connector/C, which speaks to MySQL and MariaDB servers alike).
 *
 * OWNERSHIP.  A connection (struct lp_db_conn) owns its MYSQL handle, its parsed connection string
 * (kept to open the second connection a cancel needs), a pipe that wakes exec on cancel, and the
 * buffers of the row being read; close frees them.  The driver sees only lazypipe.h and allocates
 * with plain malloc.  Cells and columns handed to a sink point into the client library's row or
 * this connection's buffers and are valid during the call only.
 *
 * THREADING.  A connection is used by one thread at a time; cancel may come from any other thread
 * (it sets a flag and writes to the pipe) but not race with close.  Every network call is the
 * client library's non-blocking form (MYSQL_OPT_NONBLOCK: *_start, then *_cont after poll()), so
 * that exec wakes on cancel and at its deadline.  It then stops the statement on the server with
 * `KILL QUERY <thread id>` sent over a second, short-lived connection (the server ends it with
 * error 1317), reads what is left of it for up to DRAIN_MS, and returns LP_ERR_CANCELLED (sticky:
 * every later exec too) or LP_ERR_TIMEOUT.  A statement that does not end by then leaves the
 * connection unusable ("the connection to the database was lost").
 *
 * CONNECTION STRINGS.  What follows "mysql://" is go-sql-driver's DSN, as Powerpipe hands it to
 * database/sql: [user[:password]@][net[(addr)]]/dbname[?param=value&...], net tcp (the default,
 * addr 127.0.0.1:3306, port 3306 when addr has none) or unix (addr a socket path).  Parameters:
 * `timeout` (a Go duration: the connect timeout), `tls` (true, skip-verify, preferred, false),
 * `charset` (the first of a list); go-sql-driver's other options are accepted and have nothing to
 * do here; any other name is a system variable set at connect (`SET name=value`), as
 * go-sql-driver does.  Connecting gives up after the target's connect_timeout_ms, else `timeout`,
 * else CONNECT_TIMEOUT_MS.
 *
 * STATEMENTS.  One statement per exec (multiple statements are the server's syntax error, as
 * with go-sql-driver's default).  Without parameters, as go-sql-driver does, the text protocol
 * (mysql_real_query), rows streamed one by one (mysql_use_result).  With parameters, a prepared
 * statement (placeholders `?`, MySQL's own: `$1` is not rewritten, as Powerpipe does not): a
 * string, and a list or object as its JSON text (go-sql-driver refuses a Go slice: "unsupported
 * type []interface {}, a slice of interface"), is bound as a string, an integer as BIGINT, a
 * float as DOUBLE, a bool as 1 or 0, null as NULL; the rows stream (unbuffered fetch), each
 * value converted to text by the client library.  A parameter count other than the statement's
 * is database/sql's "sql: expected N arguments, got M".  Errors are go-sql-driver's: "Error 1146
 * (42S02): Table 'db.t' doesn't exist" (the client library's own errors alike, code 2xxx).
 *
 * TYPES.  Column type names are go-sql-driver's DatabaseTypeName (INT, UNSIGNED BIGINT, DECIMAL,
 * DATETIME, VARCHAR, TEXT, BLOB, JSON...), which Powerpipe's mysqlReadCell reads them by; cells
 * are the server's text: integers LP_DB_INT, FLOAT/DOUBLE/DECIMAL LP_DB_FLOAT, character types
 * LP_DB_TEXT, the rest (dates, times, binary strings, bits) LP_DB_OTHER.  How each is shown is
 * lp_cell_render's (src/base/cellfmt.c).
 */
#include <lazypipe.h>

#include "drv_util.h"

#include <errno.h>
#include <fcntl.h>
#include <mysql.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CONNECT_TIMEOUT_MS 10000   /* unless the target or the connection string gives one */
#define DRAIN_MS 10000             /* how long a stopped statement may take to end */
#define KILL_TIMEOUT_S 5           /* the second connection that sends KILL QUERY */
#define RESET_MS 5000              /* how long the rollback of a failed transaction may take */
#define BINARY_CHARSET 63          /* the charset number of binary strings and blobs */

/* go-sql-driver's DSN, parsed */
typedef struct my_dsn {
    char *user, *pass, *db;
    char *host;                    /* tcp: the host; unix: NULL */
    char *sock;                    /* unix: the socket's path; tcp: NULL */
    unsigned port;
    int timeout_ms;                /* `timeout`, else 0 */
    int tls;                       /* 0 off, 1 required and verified, 2 required, not verified */
    char *charset;                 /* NULL: utf8mb4, go-sql-driver's default */
    char *set;                     /* "SET a=b,c=d" of the other parameters, or NULL */
} my_dsn;

struct lp_db_conn {
    MYSQL *m;
    my_dsn dsn;
    unsigned long thread_id;       /* the server's id of this connection, for KILL QUERY */
    int wake[2];                   /* cancel writes to wake[1]; exec polls wake[0] */
    atomic_int cancelled;          /* set by cancel, from any thread */
    int broken;                    /* a stopped statement did not end: the connection is unusable */
    lp_db_cell *cells;             /* the row being handed to the sink (ncells) */
    uint32_t ncells;
};

/* One network call's wait: what cut it, and until when. */
typedef struct my_wait {
    struct lp_db_conn *c;
    int64_t deadline_ns;           /* the statement's or the connect's; 0: none */
    int why;                       /* 0, or what stopped the statement: WHY_* */
    int64_t drain_ns;              /* after a stop: when reading what is left gives up */
    const lp_db_target *connecting;   /* connect: its stop is asked every 100 ms */
} my_wait;

enum { WHY_CANCEL = 1, WHY_DEADLINE, WHY_SINK };

static pthread_once_t library_once = PTHREAD_ONCE_INIT;
static int library_failed;

static void library_init(void)
{
    library_failed = mysql_library_init(0, NULL, NULL) != 0;   /* not thread-safe: once */
}

/* ------------------------------------------------------------------ errors */

static void set_my_err(lp_error *err, unsigned code, const char *state, const char *msg)
{
    if (state && *state) set_err(err, LP_ERR_DB, "Error %u (%s): %s", code, state, msg ? msg : "");
    else set_err(err, LP_ERR_DB, "Error %u: %s", code, msg ? msg : "");
}

static void conn_err(MYSQL *m, lp_error *err)
{
    set_my_err(err, mysql_errno(m), mysql_sqlstate(m), mysql_error(m));
}

static void stmt_err(MYSQL_STMT *s, lp_error *err)
{
    set_my_err(err, mysql_stmt_errno(s), mysql_stmt_sqlstate(s), mysql_stmt_error(s));
}

/* ------------------------------------------------------------------ the DSN */

static void dsn_free(my_dsn *d)
{
    char *const own[] = { d->user, d->pass, d->db, d->host, d->sock, d->charset, d->set };
    for (size_t i = 0; i < sizeof own / sizeof *own; i++) free(own[i]);
    memset(d, 0, sizeof *d);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* s[0..n) URL-unescaped (Go's url.QueryUnescape when plus, else PathUnescape), malloc'd; NULL on
 * a bad escape (*bad set) or out of memory. */
static char *unescape(const char *s, size_t n, int plus, int *bad)
{
    char *o = malloc(n + 1);
    if (!o) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%') {
            int a = i + 1 < n ? hexval(s[i + 1]) : -1, b = i + 2 < n ? hexval(s[i + 2]) : -1;
            if (a < 0 || b < 0) {
                *bad = 1;
                free(o);
                return NULL;
            }
            o[k++] = (char)(a * 16 + b);
            i += 2;
        } else {
            o[k++] = plus && s[i] == '+' ? ' ' : s[i];
        }
    }
    o[k] = 0;
    return o;
}

static char *dup_n(const char *s, size_t n)
{
    char *o = malloc(n + 1);
    if (!o) return NULL;
    memcpy(o, s, n);
    o[n] = 0;
    return o;
}

/* A Go duration ("5s", "1.5s", "300ms", "1m30s") in ms; -1 when it is none. */
static int64_t go_duration_ms(const char *s)
{
    static const struct { const char *unit; double ms; } units[] = {
        {"ns", 1e-6}, {"us", 1e-3}, {"µs", 1e-3}, {"ms", 1}, {"s", 1e3}, {"m", 6e4}, {"h", 3.6e6},
    };
    double total = 0;
    if (!strcmp(s, "0")) return 0;
    if (!*s) return -1;
    while (*s) {
        char *end;
        double v = strtod(s, &end);
        if (end == s || v < 0) return -1;
        size_t best = 0, k = sizeof units / sizeof units[0];
        for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
            size_t n = strlen(units[i].unit);
            if (!strncmp(end, units[i].unit, n) && n > best) {
                best = n;
                k = i;
            }
        }
        if (k == sizeof units / sizeof units[0]) return -1;
        total += v * units[k].ms;
        s = end + best;
    }
    return total > 2e9 ? 2000000000 : (int64_t)total;
}

/* go-sql-driver's own options, which have nothing to do here (the others are system variables) */
static const char *const GO_OPTIONS[] = {
    "allowAllFiles", "allowCleartextPasswords", "allowFallbackToPlaintext", "allowNativePasswords",
    "allowOldPasswords", "checkConnLiveness", "clientFoundRows", "collation", "columnsWithAlias",
    "connectionAttributes", "interpolateParams", "loc", "maxAllowedPacket", "multiStatements", "parseTime",
    "readTimeout", "rejectReadOnly", "serverPubKey", "timeTruncate", "writeTimeout", NULL,
};

static int is_go_option(const char *name)
{
    for (const char *const *o = GO_OPTIONS; *o; o++)
        if (!strcmp(*o, name)) return 1;
    return 0;
}

/* one name=value of the DSN's query */
static int dsn_param(my_dsn *d, const char *p, size_t n, lp_error *err)
{
    const char *eq = memchr(p, '=', n);
    if (!eq) {
        set_err(err, LP_ERR_ARG, "invalid DSN: %.*s", (int)n, p);   /* go-sql-driver's errInvalidDSN... */
        return LP_ERR_ARG;
    }
    int bad = 0;
    char *name = dup_n(p, (size_t)(eq - p)), *value = unescape(eq + 1, n - (size_t)(eq - p) - 1, 1, &bad);
    int status = LP_OK;
    if (!name || !value) {
        if (bad) set_err(err, status = LP_ERR_ARG, "invalid DSN: bad escape in %.*s", (int)n, p);
        else set_err(err, status = LP_ERR_NOMEM, "out of memory");
    } else if (!strcmp(name, "timeout")) {
        int64_t ms = go_duration_ms(value);
        if (ms < 0)
            set_err(err, status = LP_ERR_ARG, "invalid DSN: time: invalid duration \"%.100s\"", value);
        else d->timeout_ms = (int)ms;
    } else if (!strcmp(name, "tls")) {
        if (!strcmp(value, "true")) d->tls = 1;
        else if (!strcmp(value, "skip-verify")) d->tls = 2;
        else if (!strcmp(value, "false") || !strcmp(value, "preferred") || !*value) d->tls = 0;
        else set_err(err, status = LP_ERR_ARG, "invalid value / unknown config name: %.100s", value);
    } else if (!strcmp(name, "charset")) {
        char *comma = strchr(value, ',');
        if (comma) *comma = 0;
        free(d->charset);
        d->charset = value;
        value = NULL;
    } else if (!is_go_option(name)) {   /* a system variable, set at connect as go-sql-driver does */
        for (const char *q = name; *q && status == LP_OK; q++)
            if (!(*q == '_' || *q == '.' || *q == '@' || (*q >= '0' && *q <= '9') ||
                  (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')))
                set_err(err, status = LP_ERR_ARG, "invalid DSN: bad parameter name \"%.100s\"", name);
        size_t have = d->set ? strlen(d->set) : 0;
        char *set = status == LP_OK ? realloc(d->set, have + strlen(name) + strlen(value) + 8) : NULL;
        if (set) {
            sprintf(set + have, "%s%s=%s", have ? "," : "SET ", name, value);
            d->set = set;
        } else if (status == LP_OK) {
            set_err(err, status = LP_ERR_NOMEM, "out of memory");
        }
    }
    free(name);
    free(value);
    return status;
}

/* addr of net tcp: host and port ("h", "h:3307", "[::1]:3307"; go-sql-driver's ensureHavePort) */
static int dsn_tcp(my_dsn *d, const char *a, size_t n, lp_error *err)
{
    const char *colon = NULL;
    if (n && a[0] == '[') {
        const char *close = memchr(a, ']', n);
        if (!close) {
            set_err(err, LP_ERR_ARG, "address %.*s: missing ']' in address", (int)n, a);
            return LP_ERR_ARG;
        }
        if (close + 1 < a + n && close[1] == ':') colon = close + 1;
        d->host = dup_n(a + 1, (size_t)(close - a - 1));
    } else {
        for (size_t i = 0; i < n; i++)
            if (a[i] == ':') colon = a + i;
        d->host = dup_n(a, colon ? (size_t)(colon - a) : n);
    }
    if (!d->host) {
        set_err(err, LP_ERR_NOMEM, "out of memory");
        return LP_ERR_NOMEM;
    }
    d->port = 3306;
    if (colon) {
        char *end;
        unsigned long p = strtoul(colon + 1, &end, 10);
        if (end == colon + 1 || end != a + n || p > 65535) {
            set_err(err, LP_ERR_ARG, "dial tcp %.*s: invalid port", (int)n, a);
            return LP_ERR_ARG;
        }
        d->port = (unsigned)p;
    }
    if (!*d->host) {   /* Go dials ":3306" on the local machine */
        free(d->host);
        if (!(d->host = strdup("127.0.0.1"))) {
            set_err(err, LP_ERR_NOMEM, "out of memory");
            return LP_ERR_NOMEM;
        }
    }
    return LP_OK;
}

/* go-sql-driver's ParseDSN and normalize: the last '/' ends the address, the last '@' before it the
 * user and password (split at the first ':'), the first '(' before it the net. */
static int dsn_parse(const char *dsn, my_dsn *d, lp_error *err)
{
    memset(d, 0, sizeof *d);
    while (*dsn == ' ' || *dsn == '\t' || *dsn == '\n' || *dsn == '\r') dsn++;   /* Powerpipe trims it */
    size_t len = strlen(dsn);
    while (len &&
           (dsn[len - 1] == ' ' || dsn[len - 1] == '\t' || dsn[len - 1] == '\n' || dsn[len - 1] == '\r'))
        len--;
    const char *slash = NULL;
    for (size_t i = len; i-- > 0;)
        if (dsn[i] == '/') {
            slash = dsn + i;
            break;
        }
    if (!slash) {
        set_err(err, LP_ERR_ARG, "invalid DSN: missing the slash separating the database name");
        return LP_ERR_ARG;
    }
    size_t i = (size_t)(slash - dsn), j = 0, net_from = 0;
    const char *at = NULL;
    for (size_t k = i; k-- > 0;)
        if (dsn[k] == '@') {
            at = dsn + k;
            break;
        }
    if (at) {
        j = (size_t)(at - dsn);
        const char *colon = memchr(dsn, ':', j);
        d->user = dup_n(dsn, colon ? (size_t)(colon - dsn) : j);
        d->pass = colon ? dup_n(colon + 1, j - (size_t)(colon - dsn) - 1) : strdup("");
        net_from = j + 1;
    } else {
        d->user = strdup("");
        d->pass = strdup("");
    }
    const char *paren = memchr(dsn + net_from, '(', i - net_from);
    size_t net_end = paren ? (size_t)(paren - dsn) : i;
    const char *addr = NULL;
    size_t addr_len = 0;
    if (paren) {
        if (dsn[i - 1] != ')') {
            set_err(err, LP_ERR_ARG,
                    memchr(paren + 1, ')', i - (size_t)(paren - dsn) - 1)
                        ? "invalid DSN: did you forget to escape a param value?"
                        : "invalid DSN: network address not terminated (missing closing brace)");
            return LP_ERR_ARG;
        }
        addr = paren + 1;
        addr_len = i - 1 - (size_t)(addr - dsn);
    }
    const char *q = memchr(slash + 1, '?', len - i - 1);
    size_t db_len = q ? (size_t)(q - slash - 1) : len - i - 1;
    int bad = 0;
    d->db = unescape(slash + 1, db_len, 0, &bad);
    if (!d->user || !d->pass || !d->db) {
        if (bad)
            set_err(err, LP_ERR_ARG, "invalid dbname \"%.*s\": invalid URL escape", (int)db_len, slash + 1);
        else set_err(err, LP_ERR_NOMEM, "out of memory");
        return bad ? LP_ERR_ARG : LP_ERR_NOMEM;
    }
    for (const char *p = q ? q + 1 : NULL; p && p < dsn + len;) {
        const char *amp = memchr(p, '&', (size_t)(dsn + len - p));
        size_t n = amp ? (size_t)(amp - p) : (size_t)(dsn + len - p);
        int status = n ? dsn_param(d, p, n, err) : LP_OK;
        if (status != LP_OK) return status;
        p = amp ? amp + 1 : dsn + len;
    }
    size_t net_len = net_end - net_from;
    const char *net = dsn + net_from;
    if (net_len == 0 || (net_len == 3 && !memcmp(net, "tcp", 3))) {
        return addr_len ? dsn_tcp(d, addr, addr_len, err) : dsn_tcp(d, "127.0.0.1", 9, err);
    }
    if (net_len == 4 && !memcmp(net, "unix", 4)) {
        d->sock = addr_len ? dup_n(addr, addr_len) : strdup("/tmp/mysql.sock");
        if (!d->sock) {
            set_err(err, LP_ERR_NOMEM, "out of memory");
            return LP_ERR_NOMEM;
        }
        return LP_OK;
    }
    set_err(err, LP_ERR_ARG, "dial %.*s: unknown network %.*s", (int)addr_len, addr ? addr : "", (int)net_len,
            net);
    return LP_ERR_ARG;
}

/* ------------------------------------------------------------------ waiting */

static int64_t ms_to_ns(int64_t ms) { return ms * 1000000; }

/* The options of a connection to d's server: its transport (TCP for "localhost" too, as Go dials
 * it), TLS, charset, and no LOAD DATA LOCAL (go-sql-driver's allowAllFiles is off). */
static void set_options(MYSQL *m, const my_dsn *d)
{
    unsigned proto = d->sock ? MYSQL_PROTOCOL_SOCKET : MYSQL_PROTOCOL_TCP;
    my_bool off = 0;
    mysql_options(m, MYSQL_OPT_PROTOCOL, &proto);
    mysql_options(m, MYSQL_OPT_LOCAL_INFILE, &off);
    mysql_options(m, MYSQL_SET_CHARSET_NAME, d->charset ? d->charset : "utf8mb4");
    if (d->tls) {
        my_bool on = 1, verify = d->tls == 1;
        mysql_options(m, MYSQL_OPT_SSL_ENFORCE, &on);
        mysql_options(m, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
    }
}

/* KILL QUERY for c's statement, over a second connection (blocking, KILL_TIMEOUT_S at most);
 * best effort: a statement it cannot stop is given up at the drain deadline. */
static void kill_query(struct lp_db_conn *c)
{
    MYSQL *k = mysql_init(NULL);
    if (!k) return;
    unsigned timeout = KILL_TIMEOUT_S;
    mysql_options(k, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
    mysql_options(k, MYSQL_OPT_READ_TIMEOUT, &timeout);
    mysql_options(k, MYSQL_OPT_WRITE_TIMEOUT, &timeout);
    set_options(k, &c->dsn);
    if (mysql_real_connect(k, c->dsn.host, c->dsn.user, c->dsn.pass, NULL, c->dsn.port, c->dsn.sock, 0)) {
        char sql[64];
        snprintf(sql, sizeof sql, "KILL QUERY %lu", c->thread_id);
        (void)mysql_query(k, sql);
    }
    mysql_close(k);
}

/* Stop w's statement (once): KILL QUERY, then what is left of it is read until the drain deadline. */
static void stop_statement(my_wait *w, int why)
{
    if (w->why) return;
    w->why = why;
    if (!w->connecting) kill_query(w->c);
    w->drain_ns = now_ns() + ms_to_ns(DRAIN_MS);
}

/* Wait for what a non-blocking call asked (status: MYSQL_WAIT_*), watching cancel and the deadline:
 * the events to resume it with.  MYSQL_WAIT_TIMEOUT ends the call with the client library's error:
 * given when the call's own timeout passes, when a connect is stopped or out of time, and when a
 * stopped statement has not ended by the drain deadline (the connection is then broken). */
static int nb_wait(my_wait *w, int status)
{
    struct lp_db_conn *c = w->c;
    int64_t own_ns = status & MYSQL_WAIT_TIMEOUT ? now_ns() + ms_to_ns(mysql_get_timeout_value_ms(c->m)) : 0;
    for (;;) {
        if (w->connecting && w->connecting->stop && w->connecting->stop(w->connecting->stop_user))
            w->why = WHY_CANCEL;
        if (!w->why && atomic_load(&c->cancelled)) stop_statement(w, WHY_CANCEL);
        int64_t now = now_ns();
        if (!w->why && w->deadline_ns && now >= w->deadline_ns) stop_statement(w, WHY_DEADLINE);
        if (w->connecting && w->why) return MYSQL_WAIT_TIMEOUT;
        if (w->why && now >= w->drain_ns) {
            c->broken = 1;
            return MYSQL_WAIT_TIMEOUT;
        }
        if (own_ns && now >= own_ns) return MYSQL_WAIT_TIMEOUT;
        int64_t until = w->why ? w->drain_ns : w->deadline_ns;
        if (own_ns && (!until || own_ns < until)) until = own_ns;
        int timeout = until ? (int)((until - now) / 1000000 + 1) : -1;
        if (w->connecting && (timeout < 0 || timeout > 100)) timeout = 100;   /* to ask stop */
        else if (timeout > 60000) timeout = 60000;
        struct pollfd p[2] = {{mysql_get_socket(c->m), 0, 0}, {c->wake[0], POLLIN, 0}};
        if (status & MYSQL_WAIT_READ) p[0].events |= POLLIN;
        if (status & MYSQL_WAIT_WRITE) p[0].events |= POLLOUT;
        if (status & MYSQL_WAIT_EXCEPT) p[0].events |= POLLPRI;
        int n = poll(p, w->why || w->connecting ? 1 : 2, timeout);
        if (n < 0 && errno != EINTR) return MYSQL_WAIT_TIMEOUT;
        if (n <= 0 || !p[0].revents) continue;
        int ev = 0;
        if (p[0].revents & (POLLIN | POLLERR | POLLHUP)) ev |= MYSQL_WAIT_READ;
        if (p[0].revents & (POLLOUT | POLLERR | POLLHUP)) ev |= MYSQL_WAIT_WRITE;
        if (p[0].revents & POLLPRI) ev |= MYSQL_WAIT_EXCEPT;
        return ev & (status | MYSQL_WAIT_READ | MYSQL_WAIT_WRITE);
    }
}

/* Drive a non-blocking call to its end: START is its *_start call, CONT its *_cont call with
 * NB_EVENTS the events to resume with. */
#define NB_CALL(w, START, CONT)                                                                       \
    do {                                                                                              \
        int nb_status_ = (START);                                                                     \
        while (nb_status_) {                                                                          \
            int NB_EVENTS = nb_wait((w), nb_status_);                                                 \
            nb_status_ = (CONT);                                                                      \
        }                                                                                             \
    } while (0)

/* ------------------------------------------------------------------ connect */

static void my_close(lp_db_conn *c)
{
    if (!c) return;
    if (c->m) mysql_close(c->m);
    if (c->wake[0] >= 0) close(c->wake[0]);
    if (c->wake[1] >= 0) close(c->wake[1]);
    dsn_free(&c->dsn);
    free(c->cells);
    free(c);
}

/* The server-side statement of a connect (SET ...), run to its end; LP_OK or the server's error. */
static int run_simple(my_wait *w, const char *sql, lp_error *err)
{
    int rc = 0;
    NB_CALL(w, mysql_real_query_start(&rc, w->c->m, sql, strlen(sql)),
            mysql_real_query_cont(&rc, w->c->m, NB_EVENTS));
    if (rc) {
        conn_err(w->c->m, err);
        return LP_ERR_DB;
    }
    return LP_OK;
}

static int connect_polled(struct lp_db_conn *c, const lp_db_target *t, lp_error *err)
{
    my_dsn *d = &c->dsn;
    mysql_options(c->m, MYSQL_OPT_NONBLOCK, 0);
    set_options(c->m, d);
    int timeout_ms = t->connect_timeout_ms > 0 ? t->connect_timeout_ms : d->timeout_ms;
    if (timeout_ms <= 0) timeout_ms = CONNECT_TIMEOUT_MS;
    my_wait w = {c, now_ns() + ms_to_ns(timeout_ms), 0, 0, t};
    MYSQL *ok = NULL;
    NB_CALL(&w, mysql_real_connect_start(&ok, c->m, d->host, d->user, d->pass, *d->db ? d->db : NULL, d->port,
                                         d->sock, 0),
            mysql_real_connect_cont(&ok, c->m, NB_EVENTS));
    if (!ok && w.why == WHY_CANCEL) {
        set_err(err, LP_ERR_CANCELLED, "cancelled");
        return LP_ERR_CANCELLED;
    }
    if (!ok && w.why == WHY_DEADLINE) {
        if (d->sock) set_err(err, LP_ERR_DB, "dial unix %s: i/o timeout (after %d ms)", d->sock, timeout_ms);
        else
            set_err(err, LP_ERR_DB, "dial tcp %s:%u: i/o timeout (after %d ms)", d->host, d->port,
                    timeout_ms);
        return LP_ERR_DB;
    }
    if (!ok) {
        conn_err(c->m, err);
        return LP_ERR_DB;
    }
    c->thread_id = mysql_thread_id(c->m);
    w.connecting = NULL;
    return d->set ? run_simple(&w, d->set, err) : LP_OK;
}

static int my_connect(const lp_db_target *t, lp_db_conn **out, lp_error *err)
{
    *out = NULL;
    if (!t || !t->conninfo) {
        set_err(err, LP_ERR_ARG, "mysql: no connection string given");
        return LP_ERR_ARG;
    }
    pthread_once(&library_once, library_init);
    if (library_failed) {
        set_err(err, LP_ERR_DB, "mysql: the client library did not initialise");
        return LP_ERR_DB;
    }
    struct lp_db_conn *c = drv_conn_alloc(sizeof *c, err);
    if (!c) return LP_ERR_NOMEM;
    int status = drv_cancel_init(c->wake, &c->cancelled, err);
    if (status == LP_OK) status = dsn_parse(t->conninfo, &c->dsn, err);
    if (status == LP_OK && !(c->m = mysql_init(NULL))) {
        set_err(err, LP_ERR_NOMEM, "out of memory");
        status = LP_ERR_NOMEM;
    }
    if (status == LP_OK) status = connect_polled(c, t, err);
    if (status != LP_OK) {
        my_close(c);
        return status;
    }
    *out = c;
    return LP_OK;
}

/* ------------------------------------------------------------------ types */

/* go-sql-driver's mysqlField.typeDatabaseName */
static const char *type_name(const MYSQL_FIELD *f)
{
    int u = (f->flags & UNSIGNED_FLAG) != 0, bin = f->charsetnr == BINARY_CHARSET;
    switch (f->type) {
    case MYSQL_TYPE_BIT: return "BIT";
    case MYSQL_TYPE_BLOB: return bin ? "BLOB" : "TEXT";
    case MYSQL_TYPE_DATE: case MYSQL_TYPE_NEWDATE: return "DATE";
    case MYSQL_TYPE_DATETIME: return "DATETIME";
    case MYSQL_TYPE_DECIMAL: case MYSQL_TYPE_NEWDECIMAL: return "DECIMAL";
    case MYSQL_TYPE_DOUBLE: return "DOUBLE";
    case MYSQL_TYPE_ENUM: return "ENUM";
    case MYSQL_TYPE_FLOAT: return "FLOAT";
    case MYSQL_TYPE_GEOMETRY: return "GEOMETRY";
    case MYSQL_TYPE_INT24: return u ? "UNSIGNED MEDIUMINT" : "MEDIUMINT";
    case MYSQL_TYPE_JSON: return "JSON";
    case MYSQL_TYPE_LONG: return u ? "UNSIGNED INT" : "INT";
    case MYSQL_TYPE_LONG_BLOB: return bin ? "LONGBLOB" : "LONGTEXT";
    case MYSQL_TYPE_LONGLONG: return u ? "UNSIGNED BIGINT" : "BIGINT";
    case MYSQL_TYPE_MEDIUM_BLOB: return bin ? "MEDIUMBLOB" : "MEDIUMTEXT";
    case MYSQL_TYPE_NULL: return "NULL";
    case MYSQL_TYPE_SET: return "SET";
    case MYSQL_TYPE_SHORT: return u ? "UNSIGNED SMALLINT" : "SMALLINT";
    case MYSQL_TYPE_STRING:
        return f->flags & ENUM_FLAG ? "ENUM" : f->flags & SET_FLAG ? "SET" : bin ? "BINARY" : "CHAR";
    case MYSQL_TYPE_TIME: return "TIME";
    case MYSQL_TYPE_TIMESTAMP: return "TIMESTAMP";
    case MYSQL_TYPE_TINY: return u ? "UNSIGNED TINYINT" : "TINYINT";
    case MYSQL_TYPE_TINY_BLOB: return bin ? "TINYBLOB" : "TINYTEXT";
    case MYSQL_TYPE_VARCHAR: case MYSQL_TYPE_VAR_STRING: return bin ? "VARBINARY" : "VARCHAR";
    case MYSQL_TYPE_YEAR: return "YEAR";
    default: return "";
    }
}

static lp_db_type cell_type(const MYSQL_FIELD *f)
{
    int bin = f->charsetnr == BINARY_CHARSET;
    switch (f->type) {
    case MYSQL_TYPE_TINY: case MYSQL_TYPE_SHORT: case MYSQL_TYPE_INT24: case MYSQL_TYPE_LONG:
    case MYSQL_TYPE_LONGLONG: case MYSQL_TYPE_YEAR:
        return LP_DB_INT;
    case MYSQL_TYPE_FLOAT: case MYSQL_TYPE_DOUBLE: case MYSQL_TYPE_DECIMAL: case MYSQL_TYPE_NEWDECIMAL:
        return LP_DB_FLOAT;
    case MYSQL_TYPE_JSON: case MYSQL_TYPE_ENUM: case MYSQL_TYPE_SET:
        return LP_DB_TEXT;
    case MYSQL_TYPE_BLOB: case MYSQL_TYPE_TINY_BLOB: case MYSQL_TYPE_MEDIUM_BLOB: case MYSQL_TYPE_LONG_BLOB:
    case MYSQL_TYPE_VARCHAR: case MYSQL_TYPE_VAR_STRING: case MYSQL_TYPE_STRING:
        return bin ? LP_DB_OTHER : LP_DB_TEXT;
    default:
        return LP_DB_OTHER;
    }
}

/* The columns of a result to the sink (none: a statement without rows); the cells' array sized. */
static int send_columns(struct lp_db_conn *c, const MYSQL_FIELD *f, uint32_t n, const lp_db_sink *sink,
                        lp_error *err)
{
    lp_db_col *cols = n ? calloc(n, sizeof *cols) : NULL;
    lp_db_cell *cells = n > c->ncells ? realloc(c->cells, n * sizeof *cells) : c->cells;
    if (n && (!cols || !cells)) {
        free(cols);
        if (cells) c->cells = cells;
        set_err(err, LP_ERR_NOMEM, "out of memory");
        return LP_ERR_NOMEM;
    }
    if (n > c->ncells) {
        c->cells = cells;
        c->ncells = n;
    }
    for (uint32_t i = 0; i < n; i++) {
        cols[i].name = f[i].name;
        cols[i].type_name = type_name(&f[i]);
        cols[i].type = cell_type(&f[i]);
    }
    int stop = sink && sink->columns && sink->columns(sink->user, cols, n);
    free(cols);
    if (stop) set_err(err, LP_ERR_CANCELLED, "stopped by the caller");
    return stop ? LP_ERR_CANCELLED : LP_OK;
}

/* c->cells' row i to the sink: 1 when the sink says stop */
static int send_row(struct lp_db_conn *c, uint32_t n, const lp_db_sink *sink)
{
    return sink && sink->row && sink->row(sink->user, c->cells, n) != 0;
}

/* After a statement: the status it ends with, what stopped it having the last word. */
static int end_status(struct lp_db_conn *c, my_wait *w, int status, int timeout_ms, lp_error *err)
{
    if (w->why == WHY_CANCEL || (status != LP_OK && atomic_load(&c->cancelled))) {
        set_err(err, LP_ERR_CANCELLED, "statement cancelled");
        return LP_ERR_CANCELLED;
    }
    if (w->why == WHY_DEADLINE) {
        set_err(err, LP_ERR_TIMEOUT, "statement timed out after %d ms", timeout_ms);
        return LP_ERR_TIMEOUT;
    }
    if (w->why == WHY_SINK && status != LP_ERR_NOMEM) {
        set_err(err, LP_ERR_CANCELLED, "stopped by the caller");
        return LP_ERR_CANCELLED;
    }
    return status;
}

/* Between rows: rows that keep arriving never make nb_wait look at cancel or the deadline. */
static void check_stop(my_wait *w)
{
    if (w->why) return;
    if (atomic_load_explicit(&w->c->cancelled, memory_order_relaxed)) stop_statement(w, WHY_CANCEL);
    else if (w->deadline_ns && now_ns() >= w->deadline_ns) stop_statement(w, WHY_DEADLINE);
}

/* ------------------------------------------------------------------ the text protocol */

static int exec_text(struct lp_db_conn *c, my_wait *w, const char *sql, const lp_db_sink *sink, lp_error *err)
{
    int rc = 0;
    NB_CALL(w, mysql_real_query_start(&rc, c->m, sql, strlen(sql)),
            mysql_real_query_cont(&rc, c->m, NB_EVENTS));
    if (rc) {
        conn_err(c->m, err);
        return LP_ERR_DB;
    }
    if (mysql_field_count(c->m) == 0) return send_columns(c, NULL, 0, sink, err);
    MYSQL_RES *res = mysql_use_result(c->m);
    if (!res) {
        conn_err(c->m, err);
        return LP_ERR_DB;
    }
    uint32_t n = mysql_num_fields(res);
    const MYSQL_FIELD *f = mysql_fetch_fields(res);
    int status = send_columns(c, f, n, sink, err);
    if (status != LP_OK) stop_statement(w, WHY_SINK);
    for (;;) {
        MYSQL_ROW row = NULL;
        NB_CALL(w, mysql_fetch_row_start(&row, res), mysql_fetch_row_cont(&row, res, NB_EVENTS));
        if (!row) {
            if (mysql_errno(c->m) && status == LP_OK) {
                conn_err(c->m, err);
                status = LP_ERR_DB;
            }
            break;
        }
        check_stop(w);
        if (w->why || status != LP_OK) continue;   /* stopped: read what is left */
        const unsigned long *len = mysql_fetch_lengths(res);
        for (uint32_t i = 0; i < n; i++) {
            c->cells[i].type = row[i] ? cell_type(&f[i]) : LP_DB_NULL;
            c->cells[i].text = row[i];
            c->cells[i].len = row[i] ? len[i] : 0;
        }
        if (send_row(c, n, sink)) stop_statement(w, WHY_SINK);
    }
    NB_CALL(w, mysql_free_result_start(res), mysql_free_result_cont(res, NB_EVENTS));
    return status;
}

/* ------------------------------------------------------------------ prepared statements */

/* The values of a prepared statement's row, converted to text by the client library. */
typedef struct my_outs {
    MYSQL_BIND *b;
    char **buf;
    unsigned long *len;
    my_bool *null, *error;
    uint32_t n;
} my_outs;

static void outs_free(my_outs *o)
{
    for (uint32_t i = 0; o->buf && i < o->n; i++) free(o->buf[i]);
    free(o->b);
    free(o->buf);
    free(o->len);
    free(o->null);
    free(o->error);
}

static int outs_init(my_outs *o, uint32_t n)
{
    memset(o, 0, sizeof *o);
    o->n = n;
    o->b = calloc(n, sizeof *o->b);
    o->buf = calloc(n, sizeof *o->buf);
    o->len = calloc(n, sizeof *o->len);
    o->null = calloc(n, sizeof *o->null);
    o->error = calloc(n, sizeof *o->error);
    if (!o->b || !o->buf || !o->len || !o->null || !o->error) return -1;
    for (uint32_t i = 0; i < n; i++) {
        if (!(o->buf[i] = malloc(64))) return -1;
        o->b[i].buffer_type = MYSQL_TYPE_STRING;
        o->b[i].buffer = o->buf[i];
        o->b[i].buffer_length = 63;   /* a byte kept for the NUL */
        o->b[i].length = &o->len[i];
        o->b[i].is_null = &o->null[i];
        o->b[i].error = &o->error[i];
    }
    return 0;
}

/* The values cut short by their buffer, fetched again whole; -1 out of memory or on an error. */
static int outs_complete(my_outs *o, MYSQL_STMT *s)
{
    int grown = 0;
    for (uint32_t i = 0; i < o->n; i++) {
        if (o->null[i] || o->len[i] <= o->b[i].buffer_length) continue;
        char *b = realloc(o->buf[i], o->len[i] + 1);
        if (!b) return -1;
        o->buf[i] = b;
        o->b[i].buffer = b;
        o->b[i].buffer_length = o->len[i];
        if (mysql_stmt_fetch_column(s, &o->b[i], i, 0)) return -1;
        grown = 1;
    }
    return grown && mysql_stmt_bind_result(s, o->b) ? -1 : 0;
}

/* The parameters bound as go-sql-driver sends their Go values (see STATEMENTS above). */
static int bind_params(MYSQL_STMT *s, const lp_db_param *params, uint32_t n, long long *ints, double *floats,
                       lp_error *err)
{
    MYSQL_BIND *b = calloc(n, sizeof *b);
    if (!b) {
        set_err(err, LP_ERR_NOMEM, "out of memory");
        return LP_ERR_NOMEM;
    }
    for (uint32_t i = 0; i < n; i++) {
        const lp_db_param *p = &params[i];
        const char *text = p->text ? p->text : "";
        char *end = NULL;
        if (p->type == LP_DB_NULL) {
            b[i].buffer_type = MYSQL_TYPE_NULL;
            continue;
        }
        if (p->type == LP_DB_BOOL) {
            ints[i] = !strcmp(text, "true") || !strcmp(text, "1");
        } else if (p->type == LP_DB_INT) {
            errno = 0;
            ints[i] = strtoll(text, &end, 10);
        } else if (p->type == LP_DB_FLOAT) {
            errno = 0;
            floats[i] = strtod(text, &end);
        }
        int whole = end && end != text && !*end && errno != ERANGE;
        if (p->type == LP_DB_BOOL || (p->type == LP_DB_INT && whole)) {
            b[i].buffer_type = MYSQL_TYPE_LONGLONG;
            b[i].buffer = &ints[i];
        } else if (p->type == LP_DB_FLOAT && whole) {
            b[i].buffer_type = MYSQL_TYPE_DOUBLE;
            b[i].buffer = &floats[i];
        } else {   /* a string, a list or object as JSON text, a number too large for its type */
            b[i].buffer_type = MYSQL_TYPE_STRING;
            b[i].buffer = (void *)text;
            b[i].buffer_length = p->text ? p->len : 0;
        }
    }
    int bad = mysql_stmt_bind_param(s, b);
    free(b);
    if (bad) {
        stmt_err(s, err);
        return LP_ERR_DB;
    }
    return LP_OK;
}

/* The rows of an executed statement to the sink. */
static int fetch_rows(struct lp_db_conn *c, my_wait *w, MYSQL_STMT *s, const lp_db_sink *sink, lp_error *err)
{
    MYSQL_RES *meta = mysql_stmt_result_metadata(s);
    if (!meta)
        return mysql_stmt_errno(s) ? (stmt_err(s, err), LP_ERR_DB) : send_columns(c, NULL, 0, sink, err);
    uint32_t n = mysql_num_fields(meta);
    const MYSQL_FIELD *f = mysql_fetch_fields(meta);
    my_outs o;
    int status = outs_init(&o, n) || mysql_stmt_bind_result(s, o.b) ? LP_ERR_NOMEM : LP_OK;
    if (status != LP_OK) set_err(err, status, "out of memory");
    else status = send_columns(c, f, n, sink, err);
    if (status != LP_OK) stop_statement(w, WHY_SINK);
    for (;;) {
        int rc = 0;
        NB_CALL(w, mysql_stmt_fetch_start(&rc, s), mysql_stmt_fetch_cont(&rc, s, NB_EVENTS));
        if (rc == MYSQL_NO_DATA) break;
        if (rc == 1) {
            if (status == LP_OK) stmt_err(s, err);
            status = status == LP_OK ? LP_ERR_DB : status;
            break;
        }
        check_stop(w);
        if (w->why || status != LP_OK) continue;
        if (outs_complete(&o, s)) {
            set_err(err, status = LP_ERR_NOMEM, "out of memory");
            stop_statement(w, WHY_SINK);
            continue;
        }
        for (uint32_t i = 0; i < n; i++) {
            o.buf[i][o.null[i] ? 0 : o.len[i]] = 0;
            c->cells[i].type = o.null[i] ? LP_DB_NULL : cell_type(&f[i]);
            c->cells[i].text = o.null[i] ? NULL : o.buf[i];
            c->cells[i].len = o.null[i] ? 0 : o.len[i];
        }
        if (send_row(c, n, sink)) stop_statement(w, WHY_SINK);
    }
    mysql_free_result(meta);
    outs_free(&o);
    return status;
}

static int exec_prepared(struct lp_db_conn *c, my_wait *w, const char *sql, const lp_db_param *params,
                         uint32_t nparams, const lp_db_sink *sink, lp_error *err)
{
    MYSQL_STMT *s = mysql_stmt_init(c->m);
    long long *ints = calloc(nparams, sizeof *ints);
    double *floats = calloc(nparams, sizeof *floats);
    if (!s || !ints || !floats) {
        if (s) mysql_stmt_close(s);
        free(ints);
        free(floats);
        set_err(err, LP_ERR_NOMEM, "out of memory");
        return LP_ERR_NOMEM;
    }
    int rc = 0, status = LP_OK;
    NB_CALL(w, mysql_stmt_prepare_start(&rc, s, sql, strlen(sql)),
            mysql_stmt_prepare_cont(&rc, s, NB_EVENTS));
    if (rc) {
        stmt_err(s, err);
        status = LP_ERR_DB;
    } else if (mysql_stmt_param_count(s) != nparams) {   /* database/sql checks NumInput */
        set_err(err, status = LP_ERR_DB, "sql: expected %lu arguments, got %u", mysql_stmt_param_count(s),
                nparams);
    } else if ((status = bind_params(s, params, nparams, ints, floats, err)) == LP_OK) {
        NB_CALL(w, mysql_stmt_execute_start(&rc, s), mysql_stmt_execute_cont(&rc, s, NB_EVENTS));
        if (rc) {
            stmt_err(s, err);
            status = LP_ERR_DB;
        } else {
            status = fetch_rows(c, w, s, sink, err);
        }
    }
    my_bool closed = 0;
    NB_CALL(w, mysql_stmt_free_result_start(&closed, s), mysql_stmt_free_result_cont(&closed, s, NB_EVENTS));
    NB_CALL(w, mysql_stmt_close_start(&closed, s), mysql_stmt_close_cont(&closed, s, NB_EVENTS));
    free(ints);
    free(floats);
    return status;
}

/* ------------------------------------------------------------------ exec, cancel */

static int my_exec(lp_db_conn *c, const char *sql, const lp_db_param *params, uint32_t nparams,
                   const lp_db_sink *sink, int timeout_ms, lp_error *err)
{
    if (drv_cancelled(&c->cancelled, err)) return LP_ERR_CANCELLED;
    if (c->broken) {
        set_err(err, LP_ERR_DB, "the connection to the database was lost");
        return LP_ERR_DB;
    }
    my_wait w = {c, timeout_ms > 0 ? now_ns() + ms_to_ns(timeout_ms) : 0, 0, 0, NULL};
    int status = nparams ? exec_prepared(c, &w, sql ? sql : "", params, nparams, sink, err)
                         : exec_text(c, &w, sql ? sql : "", sink, err);
    status = end_status(c, &w, status, timeout_ms, err);
    /* the client library's own errors (CR_*, 2000-2999: server gone, connection lost, out of sync)
     * leave the connection in a state no later statement can trust; the server's errors do not */
    unsigned code;
    if (status == LP_ERR_DB && err && sscanf(err->message, "Error %u", &code) == 1 && code >= 2000 &&
        code < 3000)
        c->broken = 1;
    return status;
}

/* After a failed statement: kept unless lost (above); a transaction left open is rolled back. */
static int my_reset(lp_db_conn *c)
{
    if (c->broken || atomic_load(&c->cancelled)) return 0;
    unsigned server_status = 0;
    if (mariadb_get_infov(c->m, MARIADB_CONNECTION_SERVER_STATUS, &server_status) != 0) return 0;
    if (!(server_status & SERVER_STATUS_IN_TRANS)) return 1;
    my_wait w = {c, now_ns() + ms_to_ns(RESET_MS), 0, 0, NULL};
    lp_error err;
    return run_simple(&w, "ROLLBACK", &err) == LP_OK && !w.why && !c->broken;
}

static void my_cancel(lp_db_conn *c)
{
    atomic_store(&c->cancelled, 1);
    /* wakes exec's poll; the pipe stays readable, as the cancel is sticky */
    ssize_t w = write(c->wake[1], "x", 1);
    (void)w;
}

/* the descriptor, and lp_driver_mysql (drv_util.h) */
DRV_DESCRIPTOR(mysql, my, "mysql")
