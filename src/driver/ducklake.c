/* ducklake.c — a Tailpipe database as DuckDB views, read from its DuckLake catalog (ducklake.h).
 *
 * WHY NOT DUCKLAKE ITSELF.  Tailpipe's own route (`tailpipe connect`) writes a script that installs
 * DuckDB's `ducklake` and `sqlite` extensions and attaches <data dir>/metadata.sqlite.  Those
 * extensions are downloaded at run time, which a run does not do (duckdb.c, open_config), and the
 * DuckLake that the loaded DuckDB fetches refuses an older catalog opened read-only ("catalog
 * version mismatch"); migrating it would break the user's Tailpipe.  The catalog is a few SQLite
 * tables (duckdb/ducklake's specification) and the data plain parquet files, which DuckDB's
 * built-in reader reads: so this file reads the catalog and writes views over read_parquet.
 *
 * THE CATALOG.  Read with the system's SQLite, loaded with dlopen (libsqlite3.so.0) at the first
 * tailpipe:// connect, so that the programs, which link the DuckDB driver, map no SQLite otherwise.
 * Everything is read in one read transaction (one snapshot of the file, even while a `tailpipe
 * collect` writes it), at the latest DuckLake snapshot: an entry is live when begin_snapshot <= S
 * and end_snapshot is NULL or > S.  Tailpipe keeps the catalog in WAL mode, and SQLite opening
 * even a read-only connection creates <file>-wal and <file>-shm beside it and leaves them: so when
 * there is no -wal file (no writer, everything in the main file) the file is opened immutable
 * (no lock, no side file) and read again, locking, if it changed meanwhile (size, mtime) or a
 * -wal file appeared; with a -wal file (a writer at work) it is read as any reader does.
 *
 * THE VIEWS.  One per live table of the `main` schema (where Tailpipe puts its tables), named as
 * the table: its live data files (paths resolved through the data path, schema and table paths as
 * the specification says) read by read_parquet, each catalog column cast to the catalog's type
 * under its catalog name, rows a live delete file (a parquet file of (file_path, pos)) lists
 * removed by their row number in their data file.  Columns are matched by name (a column renamed
 * after its files were written is not found).  Refused with a message: inlined data (rows kept in
 * the catalog itself), encrypted files, files not parquet, files not on the local disk, types
 * this file does not know, a catalog version before 0.2. */
#include "ducklake.h"

#include "drv_util.h"

#include <sqlite3.h>

#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* ------------------------------------------------------------------ a growing string */

typedef struct sb {
    char *p;
    size_t len, cap;
    int oom;
} sb;

static void sb_put(sb *b, const char *s, size_t n)
{
    if (b->oom) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

static void sb_puts(sb *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

/* s between quote characters q, each q in it doubled: an SQL string literal ('it''s', q '\'') or
 * identifier ("a""b", q '"') */
static void sb_quoted(sb *b, const char *s, char q)
{
    sb_put(b, &q, 1);
    for (const char *p; (p = strchr(s, q)); s = p + 1) {
        sb_put(b, s, (size_t)(p - s) + 1);
        sb_put(b, &q, 1);
    }
    sb_puts(b, s);
    sb_put(b, &q, 1);
}

static void sb_lit(sb *b, const char *s)
{
    sb_quoted(b, s, '\'');
}

static void sb_ident(sb *b, const char *s)
{
    sb_quoted(b, s, '"');
}

/* ------------------------------------------------------------------ SQLite, loaded at first use */

#define SQ_FUNCS(X)                                                                                      \
    X(sqlite3_open_v2) X(sqlite3_close) X(sqlite3_prepare_v2) X(sqlite3_step) X(sqlite3_finalize)        \
    X(sqlite3_column_text) X(sqlite3_column_int64) X(sqlite3_column_type) X(sqlite3_errmsg)              \
    X(sqlite3_busy_timeout) X(sqlite3_exec) X(sqlite3_bind_int64)

#define SQ_MEMBER(f) __typeof__(&f) f;
static struct {
    SQ_FUNCS(SQ_MEMBER)
} sq;

static pthread_once_t sq_once = PTHREAD_ONCE_INIT;
static int sq_loaded;
static char sq_error[300];

static void sq_load(void)
{
    void *h = dlopen("libsqlite3.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(sq_error, sizeof sq_error, "SQLite is not available: %s", e ? e : "libsqlite3.so.0");
        return;
    }
#define SQ_SYM(f)                                                                                        \
    if (!(*(void **)&sq.f = dlsym(h, #f))) {                                                             \
        snprintf(sq_error, sizeof sq_error, "SQLite is not available: libsqlite3.so.0 lacks " #f);       \
        return;                                                                                          \
    }
    SQ_FUNCS(SQ_SYM)
#undef SQ_SYM
    sq_loaded = 1;   /* the library stays loaded until exit */
}

/* ------------------------------------------------------------------ the connection's spec */

typedef struct dl_spec {
    char *dir, *from, *to;
    char *range_from, *range_to;   /* a dashboard's time range (Powerpipe's datetime_range) */
    char **idx, **part;
    size_t nidx, npart;
} dl_spec;

static void spec_free(dl_spec *s)
{
    free(s->dir);
    free(s->from);
    free(s->to);
    free(s->range_from);
    free(s->range_to);
    for (size_t i = 0; i < s->nidx; i++) free(s->idx[i]);
    for (size_t i = 0; i < s->npart; i++) free(s->part[i]);
    free(s->idx);
    free(s->part);
}

static int hexval(int c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* s[0..n) percent-decoded, malloc'd; NULL for a bad escape, a NUL byte or no memory */
static char *pct_decode(const char *s, size_t n)
{
    char *out = malloc(n + 1), *o = out;
    if (!out) return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '%') {
            *o++ = s[i];
            continue;
        }
        int hi = i + 2 < n ? hexval(s[i + 1]) : -1, lo = hi >= 0 ? hexval(s[i + 2]) : -1;
        if (hi < 0 || lo < 0 || (hi | lo) == 0) {
            free(out);
            return NULL;
        }
        *o++ = (char)(hi * 16 + lo);
        i += 2;
    }
    *o = 0;
    return out;
}

static int push(char ***v, size_t *n, char *s)
{
    char **nv = realloc(*v, (*n + 1) * sizeof **v);
    if (!nv) return -1;
    *v = nv;
    nv[(*n)++] = s;
    return 0;
}

static int spec_parse(const char *spec, dl_spec *s, lp_error *err)
{
    memset(s, 0, sizeof *s);
    const char *q = strchr(spec, '?');
    size_t dn = q ? (size_t)(q - spec) : strlen(spec);
    if (dn == 0 || !(s->dir = pct_decode(spec, dn))) {
        set_err(err, LP_ERR_ARG, "tailpipe: invalid data directory in \"tailpipe://%.300s\"", spec);
        return LP_ERR_ARG;
    }
    for (const char *p = q ? q + 1 : NULL; p && *p;) {
        const char *amp = strchr(p, '&'), *end = amp ? amp : p + strlen(p);
        const char *eq = memchr(p, '=', (size_t)(end - p));
        char *val = eq ? pct_decode(eq + 1, (size_t)(end - eq - 1)) : NULL;
        size_t kn = eq ? (size_t)(eq - p) : 0;
        int bad = !val;
        if (!bad && kn == 4 && memcmp(p, "from", 4) == 0 && !s->from) s->from = val;
        else if (!bad && kn == 2 && memcmp(p, "to", 2) == 0 && !s->to) s->to = val;
        else if (!bad && kn == 10 && memcmp(p, "range_from", 10) == 0 && !s->range_from) s->range_from = val;
        else if (!bad && kn == 8 && memcmp(p, "range_to", 8) == 0 && !s->range_to) s->range_to = val;
        else if (!bad && kn == 5 && memcmp(p, "index", 5) == 0) bad = push(&s->idx, &s->nidx, val) != 0;
        else if (!bad && kn == 9 && memcmp(p, "partition", 9) == 0) bad = push(&s->part, &s->npart, val) != 0;
        else bad = 1;
        if (bad) {
            free(val);
            set_err(err, LP_ERR_ARG,
                    "tailpipe: invalid filter \"%.*s\" (from=, to=, index=, partition=, range_from=, "
                    "range_to=)",
                    (int)(end - p > 200 ? 200 : end - p), p);
            return LP_ERR_ARG;
        }
        p = amp ? amp + 1 : NULL;
    }
    return LP_OK;
}

/* ------------------------------------------------------------------ times, as pipe-fittings' ParseTime */

/* input as a UTC "YYYY-MM-DD HH:MM:SS" (Go's time.DateTime, what Tailpipe puts in its filters):
 * an ISO 8601 date or date-time (T or space), with a fraction and a zone (Z, +hh:mm) or none
 * (UTC); or T-<n><unit>, n units before now: Y years, m months, W weeks, d days, H hours,
 * M minutes (Go's AddDate for the calendar units).  0, else -1. */
static int parse_time(const char *in, time_t now, char out[24])
{
    struct tm tm;
    time_t t;
    if (strncmp(in, "T-", 2) == 0) {
        char *end;
        long v = strtol(in + 2, &end, 10);
        if (end == in + 2 || !isdigit((unsigned char)in[2]) || !end[0] || end[1] || v > 100000) return -1;
        gmtime_r(&now, &tm);
        switch (*end) {
        case 'Y': tm.tm_year -= (int)v; break;
        case 'm': tm.tm_mon -= (int)v; break;
        case 'W': tm.tm_mday -= (int)v * 7; break;
        case 'd': tm.tm_mday -= (int)v; break;
        case 'H': tm.tm_hour -= (int)v; break;
        case 'M': tm.tm_min -= (int)v; break;
        default: return -1;
        }
        t = timegm(&tm);
    } else {
        int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
        if (sscanf(in, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10) return -1;
        const char *p = in + n;
        int has_time = *p == 'T' || *p == ' ';
        if (has_time) {
            int m2 = 0;
            if (sscanf(p + 1, "%2d:%2d:%2d%n", &h, &mi, &sec, &m2) != 3 || m2 != 8) return -1;
            p += 9;
            if (*p == '.') {
                p++;
                if (!isdigit((unsigned char)*p)) return -1;
                while (isdigit((unsigned char)*p)) p++;
            }
        }
        long off = 0;
        if (*p == 'Z') p++;
        else if ((*p == '+' || *p == '-') && has_time) {
            int oh, om, m3 = 0;
            if (sscanf(p + 1, "%2d:%2d%n", &oh, &om, &m3) != 2 || m3 != 5 || oh > 23 || om > 59) return -1;
            off = (*p == '-' ? -1 : 1) * (oh * 3600L + om * 60L);
            p += 6;
        }
        if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return -1;
        memset(&tm, 0, sizeof tm);
        tm.tm_year = y - 1900;
        tm.tm_mon = mo - 1;
        tm.tm_mday = d;
        tm.tm_hour = h;
        tm.tm_min = mi;
        tm.tm_sec = sec;
        t = timegm(&tm);
        if (tm.tm_mday != d) return -1;   /* 2024-02-30 */
        t -= off;
    }
    if (!gmtime_r(&t, &tm)) return -1;
    return strftime(out, 24, "%Y-%m-%d %H:%M:%S", &tm) ? 0 : -1;
}

/* ------------------------------------------------------------------ the catalog */

typedef struct dl_col {
    int64_t id, parent, table;   /* parent -1: a table's column */
    char *name, *type;
} dl_col;

typedef struct dl_file {
    int64_t table, id, data_file;   /* data_file: of a delete file, the file it deletes from */
    char *path;
} dl_file;

typedef struct dl_table {
    int64_t id;
    char *name, *dir;   /* dir: where its relative file paths start */
} dl_table;

typedef struct dl_cat {
    const char *file;   /* the catalog's path, for messages */
    sqlite3 *db;
    int64_t snap;
    char *data_path, *schema_dir;
    dl_table *t;
    dl_col *c;
    dl_file *f, *d;     /* data files, delete files */
    size_t nt, nc, nf, nd;
} dl_cat;

static void cat_free(dl_cat *c)
{
    for (size_t i = 0; i < c->nt; i++) free(c->t[i].name), free(c->t[i].dir);
    for (size_t i = 0; i < c->nc; i++) free(c->c[i].name), free(c->c[i].type);
    for (size_t i = 0; i < c->nf; i++) free(c->f[i].path);
    for (size_t i = 0; i < c->nd; i++) free(c->d[i].path);
    free(c->t), free(c->c), free(c->f), free(c->d);
    free(c->data_path), free(c->schema_dir);
    if (c->db) sq.sqlite3_close(c->db);
}

static int cat_fail(dl_cat *c, lp_error *err, const char *what)
{
    set_err(err, LP_ERR_DB, "Tailpipe catalog %s: %s", c->file, what);
    return LP_ERR_DB;
}

static int cat_sqlfail(dl_cat *c, lp_error *err)
{
    const char *m = c->db ? sq.sqlite3_errmsg(c->db) : "cannot open";
    char buf[300];
    if (strstr(m, "no such table") || strstr(m, "no such column"))
        snprintf(buf, sizeof buf, "not a DuckLake catalog Tailpipe wrote (%.200s)", m);
    else snprintf(buf, sizeof buf, "%.250s", m);
    return cat_fail(c, err, buf);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sq.sqlite3_column_text(st, i);
    return strdup(s ? (const char *)s : "");
}

static int64_t col_i64(sqlite3_stmt *st, int i, int64_t null)
{
    return sq.sqlite3_column_type(st, i) == SQLITE_NULL ? null : (int64_t)sq.sqlite3_column_int64(st, i);
}

/* Run sql (its ?1 the snapshot) and give each row to row(); LP_OK or the failure. */
typedef int (*row_fn)(dl_cat *c, sqlite3_stmt *st, lp_error *err);
static int cat_query(dl_cat *c, const char *sql, row_fn row, lp_error *err)
{
    sqlite3_stmt *st = NULL;
    if (sq.sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK) return cat_sqlfail(c, err);
    if (strstr(sql, "?1")) sq.sqlite3_bind_int64(st, 1, c->snap);
    int rc = LP_OK, s;
    while (rc == LP_OK && (s = sq.sqlite3_step(st)) == SQLITE_ROW) rc = row(c, st, err);
    if (rc == LP_OK && s != SQLITE_DONE) rc = cat_sqlfail(c, err);
    sq.sqlite3_finalize(st);
    return rc;
}

#define LIVE "begin_snapshot <= ?1 AND (end_snapshot IS NULL OR end_snapshot > ?1)"

/* a path the catalog gives, joined to its directory when relative; NULL when it cannot be read
 * here (why in *why) */
static char *join_path(const char *dir, const char *path, int relative, const char **why)
{
    if (strstr(path, "://") || (!relative && path[0] != '/')) {
        *why = "not a file on the local disk";
        return NULL;
    }
    if (strpbrk(path, "*?[")) {   /* read_parquet would take it for a pattern */
        *why = "a path with a pattern character (* ? [)";
        return NULL;
    }
    size_t dn = relative ? strlen(dir) : 0;
    char *out = malloc(dn + strlen(path) + 1);
    if (!out) {
        *why = "out of memory";
        return NULL;
    }
    memcpy(out, dir, dn);
    strcpy(out + dn, path);
    return out;
}

static int row_version(dl_cat *c, sqlite3_stmt *st, lp_error *err)
{
    const char *v = (const char *)sq.sqlite3_column_text(st, 0);
    if (!v) v = "";
    /* 0.1 has no paths of schemas and tables; 0.2 (DuckDB 1.3), 0.3 (Tailpipe 0.7), 0.4, 1.x */
    if (strncmp(v, "0.", 2) == 0 && v[2] >= '2' && v[2] <= '9') return LP_OK;
    if (v[0] == '1' && (v[1] == '.' || !v[1])) return LP_OK;
    char buf[200];
    snprintf(buf, sizeof buf, "DuckLake catalog version %.40s is not supported (0.2 and later are)", v);
    return cat_fail(c, err, buf);
}

static int row_data_path(dl_cat *c, sqlite3_stmt *st, lp_error *err)
{
    (void)err;
    free(c->data_path);
    c->data_path = col_dup(st, 0);
    return LP_OK;
}

static int row_snapshot(dl_cat *c, sqlite3_stmt *st, lp_error *err)
{
    (void)err;
    c->snap = col_i64(st, 0, -1);
    return LP_OK;
}

static int row_schema(dl_cat *c, sqlite3_stmt *st, lp_error *err)
{
    const char *why = NULL;
    char *p = col_dup(st, 0);
    free(c->schema_dir);
    c->schema_dir = p ? join_path(c->data_path, p, col_i64(st, 1, 1) != 0, &why) : NULL;
    free(p);
    return c->schema_dir ? LP_OK : cat_fail(c, err, why ? why : "out of memory");
}

static int row_table(dl_cat *c, sqlite3_stmt *st, lp_error *err)
{
    dl_table *nt = realloc(c->t, (c->nt + 1) * sizeof *nt);
    if (!nt) return cat_fail(c, err, "out of memory");
    c->t = nt;
    dl_table *t = &c->t[c->nt];
    const char *why = "out of memory";
    char *p = col_dup(st, 2);
    t->id = col_i64(st, 0, -1);
    t->name = col_dup(st, 1);
    t->dir = p ? join_path(c->schema_dir, p, col_i64(st, 3, 1) != 0, &why) : NULL;
    free(p);
    c->nt++;
    if (!t->name || !t->dir) return cat_fail(c, err, why);
    return LP_OK;
}

static const dl_table *table_of(const dl_cat *c, int64_t id)
{
    for (size_t i = 0; i < c->nt; i++)
        if (c->t[i].id == id) return &c->t[i];
    return NULL;
}

static int row_column(dl_cat *c, sqlite3_stmt *st, lp_error *err)
{
    if (!table_of(c, col_i64(st, 0, -1))) return LP_OK;   /* another schema's */
    dl_col *nc = realloc(c->c, (c->nc + 1) * sizeof *nc);
    if (!nc) return cat_fail(c, err, "out of memory");
    c->c = nc;
    dl_col *k = &c->c[c->nc++];
    k->table = col_i64(st, 0, -1);
    k->id = col_i64(st, 1, -1);
    k->parent = col_i64(st, 2, -1);
    k->name = col_dup(st, 3);
    k->type = col_dup(st, 4);
    return k->name && k->type ? LP_OK : cat_fail(c, err, "out of memory");
}

/* a data file (0) or a delete file (1): table_id, id, data_file_id, path, path_is_relative,
 * format, encryption_key */
static int row_file(dl_cat *c, sqlite3_stmt *st, lp_error *err, int del)
{
    const dl_table *t = table_of(c, col_i64(st, 0, -1));
    if (!t) return LP_OK;
    char buf[700];
    const char *fmt = (const char *)sq.sqlite3_column_text(st, 5);
    const unsigned char *path = sq.sqlite3_column_text(st, 3);
    if (fmt && strcmp(fmt, "parquet") != 0) {
        snprintf(buf, sizeof buf, "table %.100s: file %.300s is %.40s, not parquet", t->name,
                 path ? (const char *)path : "", fmt);
        return cat_fail(c, err, buf);
    }
    if (sq.sqlite3_column_type(st, 6) != SQLITE_NULL) {
        snprintf(buf, sizeof buf, "table %.100s: file %.300s is encrypted, which is not supported", t->name,
                 path ? (const char *)path : "");
        return cat_fail(c, err, buf);
    }
    dl_file **v = del ? &c->d : &c->f;
    size_t *n = del ? &c->nd : &c->nf;
    dl_file *nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv) return cat_fail(c, err, "out of memory");
    *v = nv;
    dl_file *f = &nv[*n];
    const char *why = "out of memory";
    f->table = t->id;
    f->id = col_i64(st, 1, -1);
    f->data_file = col_i64(st, 2, -1);
    f->path = join_path(t->dir, path ? (const char *)path : "", col_i64(st, 4, 1) != 0, &why);
    if (!f->path) {
        snprintf(buf, sizeof buf, "table %.100s: file %.300s: %s", t->name, path ? (const char *)path : "",
                 why);
        return cat_fail(c, err, buf);
    }
    (*n)++;
    return LP_OK;
}

static int row_data_file(dl_cat *c, sqlite3_stmt *st, lp_error *err)
{
    return row_file(c, st, err, 0);
}

static int row_delete_file(dl_cat *c, sqlite3_stmt *st, lp_error *err)
{
    return row_file(c, st, err, 1);
}

/* an inlined-data table of a live table: refused when it holds a live row */
static int row_inlined(dl_cat *c, sqlite3_stmt *st, lp_error *err)
{
    const dl_table *t = table_of(c, col_i64(st, 0, -1));
    const unsigned char *name = sq.sqlite3_column_text(st, 1);
    if (!t || !name) return LP_OK;
    for (const unsigned char *p = name; *p; p++)
        if (!isalnum(*p) && *p != '_') return cat_fail(c, err, "an inlined data table with a strange name");
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT 1 FROM sqlite_master WHERE name = '%s' AND EXISTS (SELECT 1 FROM \"%s\" "
             "WHERE end_snapshot IS NULL)",
             (const char *)name, (const char *)name);
    sqlite3_stmt *q = NULL;
    int has = 0;
    if (sq.sqlite3_prepare_v2(c->db, sql, -1, &q, NULL) == SQLITE_OK) has = sq.sqlite3_step(q) == SQLITE_ROW;
    sq.sqlite3_finalize(q);
    if (!has) return LP_OK;
    char buf[300];
    snprintf(buf, sizeof buf, "table %.100s has rows inlined in the catalog (DuckLake's data inlining), "
             "which lazypipe does not read", t->name);
    return cat_fail(c, err, buf);
}

/* Everything the views need, in the open transaction. */
static int cat_read(dl_cat *c, lp_error *err)
{
    int rc = cat_query(c, "SELECT value FROM ducklake_metadata WHERE key = 'version'", row_version, err);
    if (rc == LP_OK)
        rc = cat_query(c, "SELECT value FROM ducklake_metadata WHERE key = 'data_path' AND scope IS NULL",
                       row_data_path, err);
    if (rc != LP_OK) return rc;
    if (!c->data_path || !*c->data_path) return cat_fail(c, err, "no data_path in ducklake_metadata");
    if (c->data_path[0] != '/' && !strstr(c->data_path, "://")) {   /* relative: to the catalog's directory */
        const char *slash = strrchr(c->file, '/');
        size_t dn = slash ? (size_t)(slash - c->file) + 1 : 0, n = strlen(c->data_path);
        char *p = malloc(dn + n + 1);
        if (!p) return cat_fail(c, err, "out of memory");
        memcpy(p, c->file, dn);
        memcpy(p + dn, c->data_path, n + 1);
        free(c->data_path);
        c->data_path = p;
    }
    if (c->data_path[strlen(c->data_path) - 1] != '/') {
        size_t n = strlen(c->data_path);
        char *p = realloc(c->data_path, n + 2);
        if (!p) return cat_fail(c, err, "out of memory");
        strcpy(p + n, "/");
        c->data_path = p;
    }
    c->snap = -1;
    rc = cat_query(c, "SELECT max(snapshot_id) FROM ducklake_snapshot", row_snapshot, err);
    if (rc == LP_OK && c->snap < 0) return cat_fail(c, err, "no snapshot (an empty catalog)");
    if (rc == LP_OK)
        rc = cat_query(
            c, "SELECT path, path_is_relative FROM ducklake_schema WHERE schema_name = 'main' AND " LIVE,
            row_schema, err);
    if (rc == LP_OK && !c->schema_dir) return cat_fail(c, err, "no schema main");
    if (rc == LP_OK)
        rc = cat_query(c,
                       "SELECT t.table_id, t.table_name, t.path, t.path_is_relative FROM ducklake_table t "
                       "JOIN ducklake_schema s ON s.schema_id = t.schema_id AND s.schema_name = 'main' AND "
                       "s.begin_snapshot <= ?1 AND (s.end_snapshot IS NULL OR s.end_snapshot > ?1) "
                       "WHERE t.begin_snapshot <= ?1 AND (t.end_snapshot IS NULL OR t.end_snapshot > ?1) "
                       "ORDER BY t.table_name",
                       row_table, err);
    if (rc == LP_OK)
        rc = cat_query(
            c,
            "SELECT table_id, column_id, parent_column, column_name, column_type FROM ducklake_column "
            "WHERE " LIVE " ORDER BY table_id, parent_column IS NOT NULL, column_order",
            row_column, err);
    if (rc == LP_OK)
        rc = cat_query(
            c,
            "SELECT table_id, data_file_id, NULL, path, path_is_relative, file_format, encryption_key "
            "FROM ducklake_data_file WHERE " LIVE " ORDER BY table_id, file_order, data_file_id",
            row_data_file, err);
    if (rc == LP_OK)
        rc = cat_query(c,
                       "SELECT table_id, delete_file_id, data_file_id, path, path_is_relative, format, "
                       "encryption_key FROM ducklake_delete_file WHERE " LIVE
                       " ORDER BY data_file_id, delete_file_id",
                       row_delete_file, err);
    if (rc == LP_OK)
        rc = cat_query(c, "SELECT table_id, table_name FROM ducklake_inlined_data_tables", row_inlined, err);
    return rc;
}

/* The catalog's file state: 0 when it has neither a -wal file nor a rollback -journal (a writer's,
 * or one left by a crash), everything in the main file (then *st is its stat); 1 when it has one. */
static int wal_state(const char *file, struct stat *st)
{
    char side[4200];
    struct stat ws;
    snprintf(side, sizeof side, "%s-wal", file);
    if (stat(side, &ws) == 0) return 1;
    snprintf(side, sizeof side, "%s-journal", file);
    if (stat(side, &ws) == 0) return 1;
    return stat(file, st) == 0 ? 0 : -1;
}

/* Open the catalog (immutable: no lock, no side file; else an ordinary read-only reader) and read
 * it in one transaction. */
static int cat_load_once(dl_cat *c, int immutable, lp_error *err)
{
    sb uri = { 0 };
    sb_puts(&uri, "file:");
    for (const unsigned char *p = (const unsigned char *)c->file; *p; p++) {
        char e[4];
        if (*p == '%' || *p == '?' || *p == '#' || *p < 0x21 || *p >= 0x7f) {
            snprintf(e, sizeof e, "%%%02X", *p);
            sb_put(&uri, e, 3);
        } else sb_put(&uri, (const char *)p, 1);
    }
    sb_puts(&uri, immutable ? "?mode=ro&immutable=1" : "?mode=ro");
    if (uri.oom) {
        free(uri.p);
        return cat_fail(c, err, "out of memory");
    }
    int orc = sq.sqlite3_open_v2(uri.p, &c->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                                 NULL);
    free(uri.p);
    if (orc != SQLITE_OK) return cat_sqlfail(c, err);
    sq.sqlite3_busy_timeout(c->db, 5000);
    if (sq.sqlite3_exec(c->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) return cat_sqlfail(c, err);
    int rc = cat_read(c, err);
    sq.sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL);
    return rc;
}

static int cat_load(dl_cat *c, const char *file, lp_error *err)
{
    memset(c, 0, sizeof *c);
    c->file = file;
    struct stat before, after;
    int ws = wal_state(file, &before);
    if (ws < 0) return cat_fail(c, err, "cannot be read");
    int rc = cat_load_once(c, ws == 0, err);
    if (ws != 0 ||
        (wal_state(file, &after) == 0 && after.st_size == before.st_size &&
         after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec))
        return rc;
    /* a writer came meanwhile: read again as a reader among its writers */
    cat_free(c);
    memset(c, 0, sizeof *c);
    c->file = file;
    return cat_load_once(c, 0, err);
}

/* ------------------------------------------------------------------ types */

static const char *const TYPES[][2] = {
    { "boolean", "BOOLEAN" }, { "int8", "TINYINT" }, { "int16", "SMALLINT" }, { "int32", "INTEGER" },
    { "int64", "BIGINT" }, { "int128", "HUGEINT" }, { "uint8", "UTINYINT" }, { "uint16", "USMALLINT" },
    { "uint32", "UINTEGER" }, { "uint64", "UBIGINT" }, { "uint128", "UHUGEINT" }, { "float32", "FLOAT" },
    { "float64", "DOUBLE" }, { "date", "DATE" }, { "time", "TIME" }, { "timetz", "TIMETZ" },
    { "timestamp", "TIMESTAMP" }, { "timestamptz", "TIMESTAMPTZ" }, { "timestamp_s", "TIMESTAMP_S" },
    { "timestamp_ms", "TIMESTAMP_MS" }, { "timestamp_ns", "TIMESTAMP_NS" }, { "interval", "INTERVAL" },
    { "varchar", "VARCHAR" }, { "blob", "BLOB" }, { "json", "JSON" }, { "uuid", "UUID" },
};

/* The DuckDB type of column k (its children for a struct, list or map). */
static int type_sql(sb *b, const dl_cat *c, const dl_col *k, int depth, const char **why)
{
    if (depth > 64) {
        *why = "nested too deep";
        return -1;
    }
    const char *t = k->type;
    for (size_t i = 0; i < sizeof TYPES / sizeof *TYPES; i++)
        if (strcmp(t, TYPES[i][0]) == 0) {
            sb_puts(b, TYPES[i][1]);
            return 0;
        }
    int p, s, n = 0;
    if (sscanf(t, "decimal(%d,%d)%n", &p, &s, &n) == 2 && !t[n] && p >= 1 && p <= 38 && s >= 0 && s <= p) {
        char d[32];
        snprintf(d, sizeof d, "DECIMAL(%d,%d)", p, s);
        sb_puts(b, d);
        return 0;
    }
    int st = strcmp(t, "struct") == 0, li = strcmp(t, "list") == 0, ma = strcmp(t, "map") == 0;
    if (!st && !li && !ma) {
        *why = t;
        return -1;
    }
    const dl_col *kids[2] = { NULL, NULL };
    int nk = 0;
    if (st) sb_puts(b, "STRUCT(");
    for (size_t i = 0; i < c->nc; i++) {
        const dl_col *ch = &c->c[i];
        if (ch->parent != k->id || ch->table != k->table) continue;
        if (st) {
            if (nk++) sb_puts(b, ", ");
            sb_ident(b, ch->name);
            sb_puts(b, " ");
            if (type_sql(b, c, ch, depth + 1, why) != 0) return -1;
        } else if (nk < 2) kids[nk++] = ch;
        else nk++;
    }
    if (st) {
        sb_puts(b, ")");
        if (!nk) *why = "struct without fields";
        return nk ? 0 : -1;
    }
    if (li && nk == 1) {
        if (type_sql(b, c, kids[0], depth + 1, why) != 0) return -1;
        sb_puts(b, "[]");
        return 0;
    }
    if (ma && nk == 2) {
        sb_puts(b, "MAP(");
        if (type_sql(b, c, kids[0], depth + 1, why) != 0) return -1;
        sb_puts(b, ", ");
        if (type_sql(b, c, kids[1], depth + 1, why) != 0) return -1;
        sb_puts(b, ")");
        return 0;
    }
    *why = li ? "list without one element type" : "map without key and value";
    return -1;
}

/* ------------------------------------------------------------------ filters, as Tailpipe's connect */

/* `tp_index = 'x'`, or `cast(tp_index as varchar) like 'x%'` for a pattern; the alternatives in
 * parentheses (Tailpipe joins them with OR bare, so `a and b or c` binds wrongly).  "*" alone
 * matches every index: no condition (Tailpipe writes an empty alternative, invalid SQL). */
static void index_filter(sb *b, const dl_spec *s)
{
    for (size_t i = 0; i < s->nidx; i++)
        if (strcmp(s->idx[i], "*") == 0) return;
    sb_puts(b, " and (");
    for (size_t i = 0; i < s->nidx; i++) {
        if (i) sb_puts(b, " or ");
        const char *v = s->idx[i];
        if (strchr(v, '*')) {
            char *like = strdup(v);
            if (!like) {
                b->oom = 1;
                return;
            }
            for (char *p = like; *p; p++)
                if (*p == '*') *p = '%';
            sb_puts(b, "cast(tp_index as varchar) like ");
            sb_lit(b, like);
            free(like);
        } else {
            sb_puts(b, "tp_index = ");
            sb_lit(b, v);
        }
    }
    sb_puts(b, ")");
}

/* one side of a partition pattern: nothing for "*", else `col = 'v'` or `col like 'v%'` */
static int pattern_cond(sb *b, const char *col, const char *v, size_t n)
{
    if (n == 1 && v[0] == '*') return 0;
    char *x = strndup(v, n);
    if (!x) {
        b->oom = 1;
        return 0;
    }
    int like = strchr(x, '*') != NULL;
    for (char *p = x; *p; p++)
        if (*p == '*') *p = '%';
    sb_puts(b, col);
    sb_puts(b, like ? " like " : " = ");
    sb_lit(b, x);
    free(x);
    return 1;
}

/* Tailpipe's partition filter: TABLE.PARTITION (each a pattern), or one name, a table when it
 * matches a table's name (Tailpipe asks its configured partitions; here the catalog's tables),
 * else a partition of any table. */
static int partition_filter(sb *b, const dl_spec *s, const dl_cat *c, lp_error *err)
{
    sb cond = { 0 };
    int n = 0, all = 0;
    for (size_t i = 0; i < s->npart; i++) {
        const char *a = s->part[i], *dot = strchr(a, '.');
        const char *tab = "*", *par = "*";
        size_t tn = 1, pn = 1;
        if (dot && strchr(dot + 1, '.')) {
            set_err(err, LP_ERR_ARG,
                    "error processing partition arg '%.200s': invalid partition name: %.200s", a, a);
            free(cond.p);
            return LP_ERR_ARG;
        }
        if (dot) {
            tab = a, tn = (size_t)(dot - a), par = dot + 1, pn = strlen(dot + 1);
        } else if (strcmp(a, "*") == 0) {
            set_err(err, LP_ERR_ARG, "error processing partition arg '*': invalid partition name: *");
            free(cond.p);
            return LP_ERR_ARG;
        } else {
            int is_table = 0;
            for (size_t k = 0; k < c->nt && !is_table; k++)
                is_table = fnmatch(a, c->t[k].name, FNM_CASEFOLD) == 0;
            if (is_table) tab = a, tn = strlen(a);
            else par = a, pn = strlen(a);
        }
        sb one = { 0 };
        int k = pattern_cond(&one, "tp_table", tab, tn);
        if (k && !(pn == 1 && par[0] == '*')) sb_puts(&one, " and ");
        k += pattern_cond(&one, "tp_partition", par, pn);
        if (k) {
            sb_puts(&cond, n++ ? " or " : "");
            if (k == 2) sb_puts(&cond, "(");
            sb_puts(&cond, one.p);
            if (k == 2) sb_puts(&cond, ")");
        }
        if (one.oom) cond.oom = 1;
        free(one.p);
        all |= !k;   /* `*.*` matches everything: no condition at all */
    }
    if (n > 0 && !all) {
        sb_puts(b, " and (");
        sb_puts(b, cond.p);
        sb_puts(b, ")");
    }
    if (cond.oom) b->oom = 1;
    free(cond.p);
    return LP_OK;
}

/* " where ..." of every view, or "".  The time filters: the connection's from/to, and a dashboard's
 * time range over them as pipe-fittings' TailpipeConnection.getFilters puts its override filters:
 * each end of the range replaces the connection's when the connection sets none or an earlier one
 * (so a range's `from` narrows and its `to` can widen the connection's `to`: Powerpipe's rule). */
static int filters_sql(sb *b, const dl_spec *s, const dl_cat *c, time_t now, lp_error *err)
{
    sb f = { 0 };
    const char *ends[4] = { s->from, s->to, s->range_from, s->range_to };
    const char *names[4] = { "from", "to", "from", "to" }, *ops[2] = { ">=", "<=" };
    char tss[4][24];
    for (int i = 0; i < 4; i++)
        if (ends[i] && parse_time(ends[i], now, tss[i]) != 0) {
            set_err(err, LP_ERR_ARG, "invalid date format for '%s': %.200s", names[i], ends[i]);
            free(f.p);
            return LP_ERR_ARG;
        }
    for (int i = 0; i < 2; i++) {
        const char *ts = ends[i] ? tss[i] : NULL;
        if (ends[i + 2] && (!ts || strcmp(ts, tss[i + 2]) < 0)) ts = tss[i + 2];
        if (!ts) continue;
        sb_puts(&f, " and tp_timestamp ");
        sb_puts(&f, ops[i]);
        sb_puts(&f, " timestamp ");
        sb_lit(&f, ts);
    }
    int rc = partition_filter(&f, s, c, err);
    if (rc == LP_OK && s->nidx) index_filter(&f, s);
    if (rc == LP_OK && f.len) {
        sb_puts(b, " where ");
        sb_puts(b, f.p + 5);   /* past the first " and " */
    }
    if (f.oom) b->oom = 1;
    free(f.p);
    return rc;
}

/* ------------------------------------------------------------------ the views */

static void file_list(sb *b, const dl_file *v, size_t n, int64_t table, int64_t data_file)
{
    int k = 0;
    sb_puts(b, "[");
    for (size_t i = 0; i < n; i++) {
        if (v[i].table != table || (data_file >= 0 && v[i].data_file != data_file)) continue;
        if (k++) sb_puts(b, ", ");
        sb_lit(b, v[i].path);
    }
    sb_puts(b, "]");
}

static int has_deletes(const dl_cat *c, int64_t data_file)
{
    for (size_t i = 0; i < c->nd; i++)
        if (c->d[i].data_file == data_file) return 1;
    return 0;
}

/* The live files of table t without deletes, as an expression read_parquet takes.  Not a list
 * literal: DuckDB's parse and bind of a literal of 10,000 strings costs it ~135-185 ms of CPU,
 * while one string literal of the paths after their common directory, split at a separator no
 * path holds (the unit separator; a path holding it falls back to the literal), with the directory
 * put back, costs it ~30-40 ms (bench/tailpipe_bench.sh, part 2). */
static void plain_list(sb *b, const dl_cat *c, const dl_table *t)
{
    const char *first = NULL;
    size_t pre = 0;
    int sep_free = 1;
    for (size_t i = 0; i < c->nf; i++) {
        const char *p = c->f[i].path;
        if (c->f[i].table != t->id || has_deletes(c, c->f[i].id)) continue;
        if (strchr(p, '\x1f')) sep_free = 0;
        if (!first) {
            first = p;
            const char *slash = strrchr(p, '/');
            pre = slash ? (size_t)(slash - p) + 1 : 0;
        }
        while (pre && (strncmp(p, first, pre) != 0 || first[pre - 1] != '/')) pre--;
    }
    if (!sep_free) {
        sb_puts(b, "[");
        int k = 0;
        for (size_t i = 0; i < c->nf; i++) {
            if (c->f[i].table != t->id || has_deletes(c, c->f[i].id)) continue;
            if (k++) sb_puts(b, ", ");
            sb_lit(b, c->f[i].path);
        }
        sb_puts(b, "]");
        return;
    }
    sb rel = { 0 };
    int k = 0;
    for (size_t i = 0; i < c->nf; i++) {
        if (c->f[i].table != t->id || has_deletes(c, c->f[i].id)) continue;
        if (k++) sb_put(&rel, "\x1f", 1);
        sb_puts(&rel, c->f[i].path + pre);
    }
    if (rel.oom) b->oom = 1;
    if (pre) sb_puts(b, "list_transform(");
    sb_puts(b, "string_split(");
    sb_lit(b, rel.p ? rel.p : "");
    sb_puts(b, ", chr(31))");
    if (pre) {
        sb_puts(b, ", lambda x: ");
        sb rp = { 0 };
        sb_put(&rp, first, pre);
        if (rp.oom) b->oom = 1;
        sb_lit(b, rp.p ? rp.p : "");
        sb_puts(b, " || x)");
        free(rp.p);
    }
    free(rel.p);
}

/* `CAST("c" AS T) AS "c", ...` of table t (NULL for every column when nulls) */
static int select_list(sb *b, const dl_cat *c, const dl_table *t, int nulls, lp_error *err)
{
    int n = 0;
    for (size_t i = 0; i < c->nc; i++) {
        const dl_col *k = &c->c[i];
        if (k->table != t->id || k->parent >= 0) continue;
        sb_puts(b, n++ ? ", CAST(" : "CAST(");
        if (nulls) sb_puts(b, "NULL");
        else sb_ident(b, k->name);
        sb_puts(b, " AS ");
        const char *why = NULL;
        if (type_sql(b, c, k, 0, &why) != 0) {
            set_err(err, LP_ERR_DB,
                    "Tailpipe catalog %s: table %.100s, column %.100s: type %.100s is not supported", c->file,
                    t->name, k->name, why ? why : "?");
            return LP_ERR_DB;
        }
        sb_puts(b, ") AS ");
        sb_ident(b, k->name);
    }
    if (!n) {
        set_err(err, LP_ERR_DB, "Tailpipe catalog %s: table %.100s has no columns", c->file, t->name);
        return LP_ERR_DB;
    }
    return LP_OK;
}

/* Whether table t has the columns the filters of s read (Tailpipe's tables all have them; another
 * table would be DuckDB's binder error, naming no table). */
static int has_filter_columns(const dl_cat *c, const dl_table *t, const dl_spec *s, lp_error *err)
{
    int times = s->from || s->to || s->range_from || s->range_to;
    const char *need[4] = { times ? "tp_timestamp" : NULL, s->npart ? "tp_table" : NULL,
                            s->npart ? "tp_partition" : NULL, s->nidx ? "tp_index" : NULL };
    for (int i = 0; i < 4; i++) {
        size_t k = 0;
        while (need[i] && k < c->nc &&
               (c->c[k].table != t->id || c->c[k].parent >= 0 || strcmp(c->c[k].name, need[i]) != 0))
            k++;
        if (need[i] && k == c->nc) {
            set_err(err, LP_ERR_DB,
                    "Tailpipe catalog %s: table %.100s has no column %s, which the connection's "
                    "filters read",
                    c->file, t->name, need[i]);
            return LP_ERR_DB;
        }
    }
    return LP_OK;
}

static int view_sql(sb *b, const dl_cat *c, const dl_table *t, const char *where, lp_error *err)
{
    sb cols = { 0 };
    int rc = select_list(&cols, c, t, 0, err);
    size_t plain = 0, parts = 0;
    for (size_t i = 0; i < c->nf; i++)
        if (c->f[i].table == t->id) plain += !has_deletes(c, c->f[i].id);
    sb_puts(b, "CREATE VIEW ");
    sb_ident(b, t->name);
    sb_puts(b, " AS SELECT * FROM (");
    if (rc == LP_OK && plain) {
        sb_puts(b, "SELECT ");
        sb_puts(b, cols.p);
        sb_puts(b, " FROM read_parquet(");
        plain_list(b, c, t);
        sb_puts(b, ", hive_partitioning = false)");
        parts++;
    }
    for (size_t i = 0; rc == LP_OK && i < c->nf; i++) {
        if (c->f[i].table != t->id || !has_deletes(c, c->f[i].id)) continue;
        sb_puts(b, parts++ ? " UNION ALL SELECT " : "SELECT ");
        sb_puts(b, cols.p);
        sb_puts(b, " FROM read_parquet(");
        sb_lit(b, c->f[i].path);
        sb_puts(b, ", hive_partitioning = false, file_row_number = true) WHERE file_row_number NOT IN "
                   "(SELECT pos FROM read_parquet(");
        file_list(b, c->d, c->nd, t->id, c->f[i].id);
        sb_puts(b, "))");
    }
    if (rc == LP_OK && !parts) {   /* no file: the columns, no row */
        sb_puts(b, "SELECT ");
        rc = select_list(b, c, t, 1, err);
        sb_puts(b, " WHERE false");
    }
    sb_puts(b, ")");
    sb_puts(b, where);
    sb_puts(b, ";\n");
    if (cols.oom) b->oom = 1;
    free(cols.p);
    return rc;
}

char *lpdl_views_sql(const char *spec, time_t now, lp_error *err)
{
    dl_spec s;
    int rc = spec_parse(spec ? spec : "", &s, err);
    if (rc != LP_OK) {
        spec_free(&s);
        return NULL;
    }
    struct stat st;
    sb file = { 0 };
    if (stat(s.dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        set_err(err, LP_ERR_DB,
                "no Tailpipe data: the data directory %.300s does not exist (run `tailpipe collect` "
                "first)",
                s.dir);
        spec_free(&s);
        return NULL;
    }
    sb_puts(&file, s.dir);
    sb_puts(&file, "/metadata.sqlite");
    if (!file.oom && stat(file.p, &st) != 0) {
        set_err(err, LP_ERR_DB, "no Tailpipe data: %.300s does not exist (run `tailpipe collect` first)",
                file.p);
        spec_free(&s);
        free(file.p);
        return NULL;
    }
    pthread_once(&sq_once, sq_load);
    if (!sq_loaded) {
        set_err(err, LP_ERR_DB, "%s", sq_error);
        spec_free(&s);
        free(file.p);
        return NULL;
    }
    dl_cat c;
    sb out = { 0 }, where = { 0 };
    rc = file.oom ? (set_err(err, LP_ERR_NOMEM, "out of memory"), LP_ERR_NOMEM) : cat_load(&c, file.p, err);
    if (rc == LP_OK) rc = filters_sql(&where, &s, &c, now, err);
    sb_puts(&out, "");
    for (size_t i = 0; rc == LP_OK && i < c.nt; i++)
        if ((rc = has_filter_columns(&c, &c.t[i], &s, err)) == LP_OK)
            rc = view_sql(&out, &c, &c.t[i], where.p ? where.p : "", err);
    if (rc == LP_OK && (out.oom || where.oom)) {
        set_err(err, LP_ERR_NOMEM, "out of memory");
        rc = LP_ERR_NOMEM;
    }
    if (!file.oom) cat_free(&c);
    spec_free(&s);
    free(file.p);
    free(where.p);
    if (rc != LP_OK) {
        free(out.p);
        return NULL;
    }
    return out.p;
}

/* ------------------------------------------------------------------ Powerpipe's route: `tailpipe connect` */

int lpdl_cli_wanted(void)
{
    const char *v = getenv("LAZYPIPE_TAILPIPE_CLI");
    return v && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
}

/* a filter's end as `--from`/`--to` take it from pipe-fittings (Go's time.RFC3339 of a UTC time) */
static int rfc3339(const char *in, time_t now, char out[24])
{
    if (parse_time(in, now, out) != 0) return -1;
    out[10] = 'T';
    out[19] = 'Z';
    out[20] = 0;
    return 0;
}

/* TailpipeConnection.GetConnectionString's arguments: connect --output json, then --from and --to
 * (getFilters: a range's end replaces the connection's when that sets none or an earlier one), then
 * --index and --partition, each one argument of the values joined by commas inside double quotes,
 * the quotes part of the argument as pipe-fittings passes them.  malloc'd strings in argv[0..*n). */
static int cli_args(const dl_spec *s, time_t now, char **argv, size_t *n, lp_error *err)
{
    static const char *const fixed[] = { "tailpipe", "connect", "--output", "json" };
    *n = 0;
    for (size_t i = 0; i < 4; i++) argv[(*n)++] = strdup(fixed[i]);
    const char *ends[4] = { s->from, s->to, s->range_from, s->range_to };
    char ts[4][24];
    for (int i = 0; i < 4; i++)
        if (ends[i] && rfc3339(ends[i], now, ts[i]) != 0) {
            set_err(err, LP_ERR_ARG, "invalid date format for '%s': %.200s", i % 2 ? "to" : "from", ends[i]);
            return LP_ERR_ARG;
        }
    for (int i = 0; i < 2; i++) {
        const char *t = ends[i] ? ts[i] : NULL;
        if (ends[i + 2] && (!t || strcmp(t, ts[i + 2]) < 0)) t = ts[i + 2];
        if (!t) continue;
        argv[(*n)++] = strdup(i ? "--to" : "--from");
        argv[(*n)++] = strdup(t);
    }
    for (int k = 0; k < 2; k++) {
        char **v = k ? s->part : s->idx;
        size_t nv = k ? s->npart : s->nidx;
        if (!nv) continue;
        sb b = { 0 };
        sb_puts(&b, "\"");
        for (size_t i = 0; i < nv; i++) {
            if (i) sb_puts(&b, ",");
            sb_puts(&b, v[i]);
        }
        sb_puts(&b, "\"");
        argv[(*n)++] = strdup(k ? "--partition" : "--index");
        argv[(*n)++] = b.oom ? NULL : b.p;
        if (b.oom) free(b.p);
    }
    for (size_t i = 0; i < *n; i++)
        if (!argv[i]) {
            set_err(err, LP_ERR_NOMEM, "out of memory");
            return LP_ERR_NOMEM;
        }
    return LP_OK;
}

#define CLI_FAIL "TailpipeConnection failed to get connection string: "
#define CLI_OUT_MAX (1u << 20)

/* Run argv (tailpipe on PATH) as Go's exec.Command(...).Output() does: its stdout read whole, its
 * stderr kept from the user (Go captures it into the error, which Powerpipe does not print). */
static int cli_run(char **argv, sb *out, lp_error *err)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) {
        set_err(err, LP_ERR_IO, CLI_FAIL "%s", strerror(errno));
        return LP_ERR_IO;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, p[1], 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int e = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(p[1]);
    if (e != 0) {
        close(p[0]);
        if (e == ENOENT)
            set_err(err, LP_ERR_DB, CLI_FAIL "exec: \"tailpipe\": executable file not found in $PATH");
        else set_err(err, LP_ERR_DB, CLI_FAIL "exec: \"tailpipe\": %s", strerror(e));
        return LP_ERR_DB;
    }
    char buf[4096];
    for (;;) {
        ssize_t r = read(p[0], buf, sizeof buf);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        if (out->len + (size_t)r <= CLI_OUT_MAX) sb_put(out, buf, (size_t)r);
        else out->oom = 1;   /* read on to the end, so that the program is not stopped by a full pipe */
    }
    close(p[0]);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) return LP_OK;
    if (WIFEXITED(st)) set_err(err, LP_ERR_DB, CLI_FAIL "exit status %d", WEXITSTATUS(st));
    else set_err(err, LP_ERR_DB, CLI_FAIL "signal: %s", strsignal(WTERMSIG(st)));
    return LP_ERR_DB;
}

/* a JSON string at *p (past its opening quote) decoded into b; *p past its closing quote.  0, or -1 */
static int json_str(const char **p, const char *end, sb *b)
{
    for (const char *s = *p; s < end; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"') {
            *p = s + 1;
            sb_put(b, "", 1);   /* the NUL */
            b->len--;
            return 0;
        }
        if (ch < 0x20) return -1;
        if (ch != '\\') {
            sb_put(b, s, 1);
            continue;
        }
        if (++s >= end) return -1;
        const char *esc = strchr("\"\\/bfnrt", *s);
        if (*s && esc) {
            sb_put(b, &"\"\\/\b\f\n\r\t"[esc - "\"\\/bfnrt"], 1);
            continue;
        }
        unsigned u = 0;
        if (*s != 'u' || end - s < 5) return -1;
        for (int i = 1; i <= 4; i++) {
            int h = hexval(s[i]);
            if (h < 0) return -1;
            u = u * 16 + (unsigned)h;
        }
        s += 4;
        if (u == 0 || (u >= 0xd800 && u <= 0xdfff)) return -1;   /* a NUL; a surrogate (Go escapes none) */
        char utf[3];
        size_t k = u < 0x80 ? 1 : u < 0x800 ? 2 : 3;
        if (k == 1) utf[0] = (char)u;
        else if (k == 2) utf[0] = (char)(0xc0 | u >> 6), utf[1] = (char)(0x80 | (u & 0x3f));
        else
            utf[0] = (char)(0xe0 | u >> 12), utf[1] = (char)(0x80 | ((u >> 6) & 0x3f)),
            utf[2] = (char)(0x80 | (u & 0x3f));
        sb_put(b, utf, k);
    }
    return -1;
}

static const char *json_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    return p;
}

/* TailpipeConnectResponse (Go's json.Marshal of it, and Println's newline): one object whose members
 * are strings; database_filepath, init_script_path and error taken into v[0..2], others passed
 * over.  0, or -1 for anything else. */
static int json_response(const char *j, size_t n, char *v[3])
{
    static const char *const keys[3] = { "database_filepath", "init_script_path", "error" };
    const char *p = json_ws(j, j + n), *end = j + n;
    if (p >= end || *p++ != '{') return -1;
    p = json_ws(p, end);
    if (p < end && *p == '}') return json_ws(p + 1, end) == end ? 0 : -1;
    for (;;) {
        sb k = { 0 }, val = { 0 };
        int bad = p >= end || *p++ != '"' || json_str(&p, end, &k) != 0;
        if (!bad) p = json_ws(p, end);
        bad = bad || p >= end || *p++ != ':';
        if (!bad) p = json_ws(p, end);
        bad = bad || p >= end || *p++ != '"' || json_str(&p, end, &val) != 0 || k.oom || val.oom;
        for (int i = 0; !bad && i < 3; i++)
            if (strcmp(k.p ? k.p : "", keys[i]) == 0) {
                free(v[i]);
                v[i] = val.p ? val.p : strdup("");
                val.p = NULL;
            }
        free(k.p);
        free(val.p);
        if (bad) return -1;
        p = json_ws(p, end);
        if (p < end && *p == ',') {
            p = json_ws(p + 1, end);
            continue;
        }
        return p < end && *p == '}' && json_ws(p + 1, end) == end ? 0 : -1;
    }
}

/* strings.TrimSpace, in place */
static char *trim(char *s)
{
    while (isspace((unsigned char)*s)) memmove(s, s + 1, strlen(s));
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) s[--n] = 0;
    return s;
}

int lpdl_tailpipe_connect(const char *spec, time_t now, char **init_script, char **db_file, lp_error *err)
{
    *init_script = *db_file = NULL;
    dl_spec s;
    int rc = spec_parse(spec ? spec : "", &s, err);
    char *argv[16] = { 0 };
    size_t n = 0;
    if (rc == LP_OK) rc = cli_args(&s, now, argv, &n, err);
    spec_free(&s);
    sb out = { 0 };
    if (rc == LP_OK) rc = cli_run(argv, &out, err);
    for (size_t i = 0; i < n; i++) free(argv[i]);
    char *v[3] = { 0 };
    if (rc == LP_OK && (out.oom || json_response(out.p ? out.p : "", out.len, v) != 0)) {
        set_err(err, LP_ERR_DB, "'tailpipe connect' returned invalid response: %s",
                out.oom ? "more than 1 MiB" : "not a JSON object of strings");
        rc = LP_ERR_DB;
    }
    free(out.p);
    if (rc == LP_OK && v[2] && *v[2]) {
        set_err(err, LP_ERR_DB, "'tailpipe connect' returned an error: %.400s", v[2]);
        rc = LP_ERR_DB;
    }
    if (rc == LP_OK && v[0] && *trim(v[0])) *db_file = v[0], v[0] = NULL;
    else if (rc == LP_OK && v[1] && *trim(v[1])) *init_script = v[1], v[1] = NULL;
    else if (rc == LP_OK) {
        set_err(err, LP_ERR_DB, "'tailpipe connect' returned neither database_filepath nor init_script_path");
        rc = LP_ERR_DB;
    }
    for (int i = 0; i < 3; i++) free(v[i]);
    return rc;
}

/* Only a regular file named as Tailpipe names its scripts (tailpipe_init_*.sql), not through a
 * link: the path is another program's word, and this one reads and deletes it. */
static int script_name_ok(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    return strncmp(base, "tailpipe_init_", 14) == 0 && n > 18 && strcmp(base + n - 4, ".sql") == 0;
}

char *lpdl_read_script(const char *path, lp_error *err)
{
    struct stat st;
    int fd = script_name_ok(path) ? open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) : -1;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (64 << 20)) {
        set_err(err, LP_ERR_DB, "'tailpipe connect' init script %.300s: %s", path,
                fd < 0 && !script_name_ok(path) ? "not a tailpipe_init_*.sql file"
                : fd < 0                        ? strerror(errno)
                                                : "not a regular file of at most 64 MiB");
        if (fd >= 0) close(fd);
        return NULL;
    }
    char *text = malloc((size_t)st.st_size + 1);
    size_t got = 0;
    while (text && got < (size_t)st.st_size) {
        ssize_t r = read(fd, text + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += (size_t)r;
    }
    close(fd);
    if (!text || got != (size_t)st.st_size) {
        set_err(err, text ? LP_ERR_DB : LP_ERR_NOMEM, "'tailpipe connect' init script %.300s: %s", path,
                text ? "cannot be read" : "out of memory");
        free(text);
        return NULL;
    }
    text[got] = 0;
    return text;
}

void lpdl_drop_script(const char *path)
{
    struct stat st;
    if (path && script_name_ok(path) && lstat(path, &st) == 0 && S_ISREG(st.st_mode)) unlink(path);
}
