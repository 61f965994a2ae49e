/* conn.c — connections (the config path's *.ppc files) and the database a leaf runs against
 * (lp_config_* in lazypipe.h, run_conns_* in run.h).
 *
 * Connections follow pipe-fittings (parse/pipeling_connection.go, the connection package): a
 * `connection "TYPE" "NAME"` block is decoded against its type's attributes, anything else is an
 * error, and every type has a built-in TYPE.default.  The config path is Powerpipe's
 * (cmdconfig.GetConfigPath): ':'-separated, highest precedence first, "." the mod's directory;
 * files load lowest precedence first so that a higher one's connection of the same name wins.
 *
 * The database of a leaf follows Powerpipe's GetDatabaseConfigForResource over
 * GetDefaultDatabaseConfig: the resource's own `database` (else its query's, else its parent
 * benchmark's), else a dependency mod's (its own, else what the main mod's require block sets),
 * else --database, else the main mod's (or the one every dependency mod agrees on), else
 * steampipe.default.  All of it but the resource's is decided once,
 * when the run starts (run_conns_load); workers only read it.
 */
#include "base/arena.h"
#include "base/err.h"
#include "base/mem.h"
#include "base/srcfile.h"
#include "db/db.h"
#include "eval/eval.h"
#include "hcl/hcl_ast.h"
#include "load/load.h"
#include "run/run.h"

#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct lp_config {
    ar_arena arena;                 /* the connections' and profiles' strings */
    lp_connection *conns;           /* mem_malloc'd */
    uint32_t n, cap;
    lp_workspace_profile *profiles; /* mem_malloc'd; their attrs in the arena */
    uint32_t nprofiles, profiles_cap;
    /* open-addressing indexes by (type, name) and by name, slot = 1 + position (0: empty), so a
     * file of 100k blocks loads in linear time (a redefinition replaces its earlier entry) */
    uint32_t *conn_slots, *profile_slots;   /* mem_malloc'd; 2 × cap slots */
    uint32_t conn_nslots, profile_nslots;
};

/* What a run decided at its start (run.h). */
struct run_conns {
    const lp_config *cfg;           /* the run's options' config, else `loaded` */
    lp_config *loaded;
    char **mod_db;                  /* per mod: its own database value, NULL when none */
    char **req_db;                  /* per dependency mod: what the main mod's require block sets */
    /* the database an entry sets itself (a benchmark above many controls, a query many controls
     * use), looked up once per run: entries are read from the index, not held loaded */
    pthread_mutex_t memo_lock;
    struct db_memo {
        uint32_t id;
        char *db;                   /* NULL: none */
    } *memo;
    uint32_t nmemo, memo_cap;
    uint32_t nmods;
    const char *fallback;           /* --database, else the main mod's (or the dependencies'), else
                                     * steampipe.default: a database value */
    char *search_path, *search_path_prefix;   /* the run's options' (--search-path), copied; NULL: none */
};

static int hs_is(hcl_str s, const char *lit)
{
    size_t n = strlen(lit);
    return s.len == n && memcmp(s.p, lit, n) == 0;
}

/* ------------------------------------------------------------ types */

enum { AT_STR, AT_INT, AT_LIST, AT_LINES };   /* AT_LINES: a list(string) kept one per line */

typedef struct conn_attr {
    const char *name;
    int kind;
} conn_attr;

enum { CT_STEAMPIPE, CT_POSTGRES, CT_SQLITE, CT_DUCKDB, CT_MYSQL, CT_TAILPIPE, CT__COUNT };

/* Each type's attributes (its Go struct's hcl tags) besides the common ttl; connection_string is
 * a field of the postgres, steampipe and mysql structs. */
static const conn_attr pg_attrs[] = {
    { "db", AT_STR }, { "username", AT_STR }, { "host", AT_STR }, { "port", AT_INT },
    { "password", AT_STR }, { "search_path", AT_LIST }, { "search_path_prefix", AT_LIST },
    { "sslmode", AT_STR }, { "connection_string", AT_STR }, { NULL, 0 },
};
static const conn_attr file_attrs[] = { { "file_name", AT_STR }, { NULL, 0 } };
/* pipe-fittings' TailpipeConnection: the filters `tailpipe connect` takes (--from, --to, --index,
 * --partition), applied to the views the DuckDB driver makes of the Tailpipe data */
static const conn_attr tailpipe_attrs[] = {
    { "from", AT_STR }, { "to", AT_STR }, { "indexes", AT_LINES }, { "partitions", AT_LINES }, { NULL, 0 },
};
static const conn_attr mysql_attrs[] = {
    { "db", AT_STR }, { "username", AT_STR }, { "host", AT_STR }, { "port", AT_INT },
    { "password", AT_STR }, { "connection_string", AT_STR }, { NULL, 0 },
};

static const struct conn_type {
    const char *name;
    const conn_attr *attrs;
    const char *db, *user, *host;   /* defaults (server types) */
    int port;
} conn_types[CT__COUNT] = {
    [CT_STEAMPIPE] = { "steampipe", pg_attrs, "steampipe", "steampipe", "localhost", 9193 },
    [CT_POSTGRES] = { "postgres", pg_attrs, "postgres", "postgres", "localhost", 5432 },
    [CT_SQLITE] = { "sqlite", file_attrs, NULL, NULL, NULL, 0 },
    [CT_DUCKDB] = { "duckdb", file_attrs, NULL, NULL, NULL, 0 },
    [CT_MYSQL] = { "mysql", mysql_attrs, "mysql", "root", "localhost", 3306 },
    [CT_TAILPIPE] = { "tailpipe", tailpipe_attrs, NULL, NULL, NULL, 0 },
};

static int type_of(const char *s, size_t n)
{
    for (int t = 0; t < CT__COUNT; t++)
        if (strlen(conn_types[t].name) == n && memcmp(conn_types[t].name, s, n) == 0) return t;
    return -1;
}

/* ------------------------------------------------------------ the table */

lp_config *lp_config_new(void)
{
    lp_config *c = mem_calloc(1, sizeof *c);
    if (c) ar_init(&c->arena, 4096);
    return c;
}

void lp_config_free(lp_config *c)
{
    if (!c) return;
    ar_free(&c->arena);
    mem_free(c->conns, c->cap * sizeof *c->conns);
    mem_free(c->profiles, c->profiles_cap * sizeof *c->profiles);
    mem_free(c->conn_slots, c->conn_nslots * sizeof *c->conn_slots);
    mem_free(c->profile_slots, c->profile_nslots * sizeof *c->profile_slots);
    mem_free(c, sizeof *c);
}

uint32_t lp_config_connection_count(const lp_config *c) { return c ? c->n : 0; }

const lp_connection *lp_config_connection_at(const lp_config *c, uint32_t i)
{
    return c && i < c->n ? &c->conns[i] : NULL;
}

/* FNV-1a over type "." name (name alone when type is NULL). */
static uint64_t name_hash(const char *type, size_t tl, const char *name)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; type && i < tl; i++) h = (h ^ (unsigned char)type[i]) * 1099511628211ull;
    if (type) h = (h ^ '.') * 1099511628211ull;
    for (const char *q = name; *q; q++) h = (h ^ (unsigned char)*q) * 1099511628211ull;
    return h;
}

static int conn_is(const lp_connection *k, const char *type, size_t tl, const char *name)
{
    return strlen(k->type) == tl && memcmp(k->type, type, tl) == 0 && strcmp(k->name, name) == 0;
}

/* The slot of (type, name) in the connection index: its entry's, else the empty one to fill. */
static uint32_t *conn_slot(const lp_config *c, const char *type, size_t tl, const char *name)
{
    uint32_t mask = c->conn_nslots - 1;
    for (uint64_t i = name_hash(type, tl, name) & mask;; i = (i + 1) & mask) {
        uint32_t *s = &c->conn_slots[i];
        if (!*s || conn_is(&c->conns[*s - 1], type, tl, name)) return s;
    }
}

static uint32_t *profile_slot(const lp_config *c, const char *name)
{
    uint32_t mask = c->profile_nslots - 1;
    for (uint64_t i = name_hash(NULL, 0, name) & mask;; i = (i + 1) & mask) {
        uint32_t *s = &c->profile_slots[i];
        if (!*s || strcmp(c->profiles[*s - 1].name, name) == 0) return s;
    }
}

const lp_connection *lp_config_find(const lp_config *c, const char *ref)
{
    if (!c || !ref) return NULL;
    if (strncmp(ref, "connection.", 11) == 0) ref += 11;
    const char *dot = strchr(ref, '.');
    if (!dot || strchr(dot + 1, '.') || !c->conn_nslots) return NULL;
    uint32_t *s = conn_slot(c, ref, (size_t)(dot - ref), dot + 1);
    return *s ? &c->conns[*s - 1] : NULL;
}

/* An array of *cap items of `size` bytes with an index of slots (connections, profiles), grown:
 * the array doubles (from `first`) and the index is replaced by an empty one of twice the array's
 * size (a load of at most one half), which the caller refills.  The array, moved; NULL, out of
 * memory, and then nothing has changed. */
static void *grow_indexed(void *items, size_t size, uint32_t *cap, uint32_t first, uint32_t **slots,
                          uint32_t *nslots)
{
    uint32_t ncap = *cap ? *cap * 2 : first, ns = ncap * 2;
    uint32_t *fresh = mem_calloc(ns, sizeof *fresh);
    if (!fresh) return NULL;
    void *moved = mem_realloc(items, (size_t)*cap * size, (size_t)ncap * size);
    if (!moved) {
        mem_free(fresh, ns * sizeof *fresh);
        return NULL;
    }
    mem_free(*slots, *nslots * sizeof **slots);
    *slots = fresh;
    *nslots = ns;
    *cap = ncap;
    return moved;
}

/* Make room for one more entry. */
static int grow_conns(lp_config *c)
{
    if (c->n < c->cap) return 0;
    lp_connection *v = grow_indexed(c->conns, sizeof *v, &c->cap, 16, &c->conn_slots, &c->conn_nslots);
    if (!v) return -1;
    c->conns = v;
    for (uint32_t i = 0; i < c->n; i++)
        *conn_slot(c, c->conns[i].type, strlen(c->conns[i].type), c->conns[i].name) = i + 1;
    return 0;
}

/* Add or replace (same type and name: the later definition wins). */
static int put_conn(lp_config *c, const lp_connection *k)
{
    if (grow_conns(c) != 0) return -1;
    uint32_t *s = conn_slot(c, k->type, strlen(k->type), k->name);
    if (*s) {
        c->conns[*s - 1] = *k;
        return 0;
    }
    c->conns[c->n++] = *k;
    *s = c->n;
    return 0;
}

static int put_profile(lp_config *c, const lp_workspace_profile *w)
{
    if (c->nprofiles == c->profiles_cap) {
        lp_workspace_profile *v =
            grow_indexed(c->profiles, sizeof *v, &c->profiles_cap, 8, &c->profile_slots, &c->profile_nslots);
        if (!v) return -1;
        c->profiles = v;
        for (uint32_t i = 0; i < c->nprofiles; i++) *profile_slot(c, c->profiles[i].name) = i + 1;
    }
    uint32_t *s = profile_slot(c, w->name);
    if (*s) {
        c->profiles[*s - 1] = *w;
        return 0;
    }
    c->profiles[c->nprofiles++] = *w;
    *s = c->nprofiles;
    return 0;
}

/* ------------------------------------------------------------ connection strings */

/* Percent-escaping of a URL part: user info as Go's url package escapes it (encodeUserPassword),
 * a path segment (':' and '@' kept), or — mode 2 — everything but unreserved characters, for the
 * host and the query value.  libpq decodes each part of a postgresql:// URI into exactly one
 * keyword's value, so an escaped host ("x dbname=other", "h/db?options=...") stays one host name
 * and can set no other option: the string is as safe as keyword/value pairs. */
static void url_escape(lp_buf *b, const char *s, int mode)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned ch = *p;
        int keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                   strchr(mode == 2 ? "-_.~" : "-_.~$&+,;=", (int)ch) != NULL ||
                   (mode == 1 && (ch == ':' || ch == '@'));
        if (ch && keep) lp_buf_putc(b, (char)ch);
        else lp_buf_printf(b, "%%%02X", ch);
    }
}

/* The decoded fields of one block. */
typedef struct conn_fields {
    const char *str[16];            /* by attribute index in the type's table */
    int64_t port;
    int has_port;
    int pipes;
} conn_fields;

static const char *field(int type, const conn_fields *f, const char *name)
{
    for (int i = 0; conn_types[type].attrs[i].name; i++)
        if (strcmp(conn_types[type].attrs[i].name, name) == 0) return f->str[i];
    return NULL;
}

static void tildefy(lp_buf *b, const char *p, size_t n, const char *mod_dir);
static const char *conn_getenv(void *user, const char *name);
static int cmp_names(const void *a, const void *b);

/* The `local` directory Tailpipe's workspace profile ws sets (`workspace "ws" { local = "..." }` in
 * the .tpc files of inst/config, the last file in name order that sets it), into out; nothing when
 * none does.  A file that does not read or parse is passed over: Tailpipe itself reports it. */
static void tailpipe_local(const char *inst, const char *ws, lp_buf *out)
{
    lp_buf dir = { 0 }, names = { 0 };
    lp_buf_printf(&dir, "%s/config", inst);
    DIR *d = dir.oom ? NULL : opendir(dir.data);
    struct dirent *de;
    uint32_t n = 0;
    while (d && (de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".tpc") != 0) continue;
        lp_buf_puts(&names, de->d_name);
        lp_buf_putc(&names, 0);
        n++;
    }
    if (d) closedir(d);
    const char **v = n && !names.oom ? mem_malloc(n * sizeof *v) : NULL;
    for (uint32_t i = 0, off = 0; v && i < n; i++, off += (uint32_t)strlen(names.data + off) + 1)
        v[i] = names.data + off;
    if (v) qsort(v, n, sizeof *v, cmp_names);
    srcbuf buf = { 0 };
    for (uint32_t i = 0; v && i < n; i++) {
        lp_buf path = { 0 };
        lp_buf_printf(&path, "%s/%s", dir.data, v[i]);
        size_t len = 0;
        srcfile_info info = { 0 };
        ar_arena tmp, toks;
        ar_init(&tmp, 16 * 1024);
        ar_init(&toks, 16 * 1024);
        hcl_file f;
        if (!path.oom && srcfile_read(path.data, &buf, &len, &info) == 0 &&
            hcl_parse_split(path.data, len ? buf.p : "", len, 1, 1, &tmp, &toks, &f) == 0 && !f.nerrors) {
            for (uint32_t b = 0; f.body && b < f.body->nblocks; b++) {
                const hcl_block *blk = &f.body->blocks[b];
                if (!hs_is(blk->type, "workspace") || blk->nlabels != 1 || !hs_is(blk->labels[0], ws))
                    continue;
                for (uint32_t a = 0; a < blk->body->nattrs; a++) {
                    if (!hs_is(blk->body->attrs[a].name, "local")) continue;
                    static const ev_scope scope = { NULL, NULL, NULL, NULL, conn_getenv };
                    ev_ctx *ev = ar_alloc(&tmp, sizeof *ev);
                    lpv_value val;
                    if (!ev) continue;
                    ev_init(ev, &tmp, &scope, &f);
                    if (ev_expr(ev, blk->body->attrs[a].expr, &val) == LP_EV_OK && val.kind == LPV_STRING &&
                        val.len && !memchr(val.u.s, 0, val.len)) {
                        out->len = 0;
                        tildefy(out, val.u.s, val.len, NULL);
                    }
                }
            }
        }
        ar_free(&toks);
        ar_free(&tmp);
        lp_buf_free(&path);
    }
    srcbuf_free(&buf);
    if (v) mem_free(v, n * sizeof *v);
    lp_buf_free(&names);
    lp_buf_free(&dir);
}

/* A Tailpipe connection's URL: tailpipe://DATA_DIR?from=..&to=..&index=..&partition=.., the data
 * directory Tailpipe's own (pipe-fittings' TailpipeWorkspaceProfile.GetDataDir): the workspace
 * profile's `local` directory, else $TAILPIPE_INSTALL_DIR (default ~/.tailpipe), then
 * data/<workspace>, the workspace $TAILPIPE_WORKSPACE or "default"; the filters as the connection
 * block sets them. */
static void tailpipe_url(lp_buf *b, int type, const conn_fields *f)
{
    const char *inst = getenv("TAILPIPE_INSTALL_DIR"), *ws = getenv("TAILPIPE_WORKSPACE");
    if (!inst || !*inst) inst = "~/.tailpipe";
    if (!ws || !*ws) ws = "default";
    lp_buf home = { 0 }, dir = { 0 };
    tildefy(&home, inst, strlen(inst), NULL);
    if (home.data) tailpipe_local(home.data, ws, &dir);
    if (!dir.len && home.data) {
        lp_buf_puts(&dir, home.data);
        lp_buf_puts(&dir, "/data/");
        /* one directory, whatever the name: "a/../b" is the directory "a%2F..%2Fb", "." and ".." alike */
        if (strcmp(ws, ".") == 0 || strcmp(ws, "..") == 0) lp_buf_puts(&dir, ws[1] ? "%2E%2E" : "%2E");
        else
            for (const char *p = ws; *p; p++)
                if (*p == '/') lp_buf_puts(&dir, "%2F");
                else lp_buf_putc(&dir, *p);
        lp_buf_putc(&dir, 0);
    }
    lp_buf_puts(b, "tailpipe://");
    for (const char *p = dir.data; p && *p; p++) {   /* each '/' kept, the rest as a query value */
        char one[2] = { *p, 0 };
        if (*p == '/') lp_buf_putc(b, '/');
        else url_escape(b, one, 2);
    }
    lp_buf_free(&home);
    lp_buf_free(&dir);
    const char *keys[4] = { "from", "to", "indexes", "partitions" },
               *names[4] = { "from", "to", "index", "partition" };
    int sep = '?';
    for (int i = 0; i < 4; i++) {
        const char *v = field(type, f, keys[i]);
        if (!v) continue;
        lp_buf_printf(b, "%c%s=", sep, names[i]);
        sep = '&';
        for (const char *p = v; *p; p++) {   /* a list's elements, one a line: one parameter each */
            char one[2] = { *p, 0 };
            if (*p == '\n') lp_buf_printf(b, "&%s=", names[i]);
            else url_escape(b, one, 2);
        }
    }
}

/* Powerpipe's GetConnectionString for the type, into the arena. */
static const char *conn_url(lp_config *c, int type, const conn_fields *f)
{
    lp_buf b = { 0 };
    const struct conn_type *ct = &conn_types[type];
    const char *cs = type == CT_SQLITE || type == CT_DUCKDB || type == CT_TAILPIPE
                         ? NULL
                         : field(type, f, "connection_string");
    if (type == CT_TAILPIPE) tailpipe_url(&b, type, f);
    else if (cs) lp_buf_puts(&b, cs);
    else if (type == CT_SQLITE || type == CT_DUCKDB) {
        const char *fn = field(type, f, "file_name");
        lp_buf_printf(&b, "%s://%s", ct->name, fn ? fn : "");
    } else {
        const char *db = field(type, f, "db"), *user = field(type, f, "username");
        const char *host = field(type, f, "host"), *pw = field(type, f, "password");
        long long port = f->has_port ? (long long)f->port : ct->port;
        if (type == CT_MYSQL) {
            lp_buf_printf(&b, "mysql://%s%s%s@tcp(%s:%lld)/%s", user ? user : ct->user, pw && *pw ? ":" : "",
                          pw && *pw ? pw : "", host ? host : ct->host, port, db ? db : ct->db);
        } else {
            lp_buf_puts(&b, "postgresql://");
            url_escape(&b, user ? user : ct->user, 0);
            if (pw && *pw) {
                lp_buf_putc(&b, ':');
                url_escape(&b, pw, 0);
            }
            lp_buf_putc(&b, '@');
            url_escape(&b, host ? host : ct->host, 2);
            lp_buf_printf(&b, ":%lld/", port);
            url_escape(&b, db ? db : ct->db, 1);
            const char *ssl = field(type, f, "sslmode");
            if (ssl && *ssl) {
                lp_buf_puts(&b, "?sslmode=");
                url_escape(&b, ssl, 2);
            }
        }
    }
    const char *out = b.oom ? NULL : ar_strndup(&c->arena, b.data ? b.data : "", b.len);
    lp_buf_free(&b);
    return out;
}

static int add_default(lp_config *c, int type)
{
    conn_fields f;
    memset(&f, 0, sizeof f);
    lp_connection k = { conn_types[type].name, "default", NULL, NULL, NULL, "", 0, 0, 0 };
    /* Steampipe's service as lazypipe has always named it (db.h), the same server as
     * Powerpipe's localhost:9193 */
    k.url = type == CT_STEAMPIPE ? DB_DEFAULT_URL : conn_url(c, type, &f);
    return k.url && put_conn(c, &k) == 0 ? 0 : -1;
}

/* ------------------------------------------------------------ parsing */

typedef struct conn_parse {
    lp_config *cfg;
    ar_arena *tmp;
    const char *file;               /* the file's path, in cfg's arena */
    lp_error *err;
    ev_ctx *ev;                     /* one for the file (in tmp): it holds 256 bindings */
} conn_parse;

static int parse_fail(conn_parse *p, hcl_range r, const char *summary, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int parse_fail(conn_parse *p, hcl_range r, const char *summary, const char *fmt, ...)
{
    char detail[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    return err_set_first(p->err, LP_ERR_SYNTAX, "Failed to load Powerpipe config: %s:%u:%u: %s%s%s", p->file,
                         r.line, r.col, summary, detail[0] ? ": " : "", detail);
}

static const char *conn_getenv(void *user, const char *name)
{
    (void)user;
    return getenv(name);
}

/* An attribute's value (env() the only function a .ppc sees); a diagnostic at its place otherwise. */
static int eval_attr(conn_parse *p, const hcl_file *f, const hcl_attr *at, lpv_value *v)
{
    static const ev_scope scope = { NULL, NULL, NULL, NULL, conn_getenv };
    ev_ctx *ev = p->ev;
    ev_init(ev, p->tmp, &scope, f);
    int rc = ev_expr(ev, at->expr, v);
    if (rc == LP_EV_ERR) {
        if (strstr(ev->err.summary, "Out of memory"))
            return err_set_first(p->err, LP_ERR_NOMEM, "out of memory");
        return parse_fail(p, ev->err.range, ev->err.summary, "%s", ev->err.detail);
    }
    if (rc != LP_EV_OK || v->kind == LPV_UNKNOWN)
        return parse_fail(p, at->expr->range, "Invalid expression", "The value of \"%.*s\" is not known.",
                          (int)at->name.len, at->name.p);
    return LP_OK;
}

/* Evaluate one attribute as pipe-fittings' evaluation context does (functions only) and convert it
 * to the field's kind. */
static int decode_attr(conn_parse *p, const hcl_file *f, const hcl_attr *at, int kind, conn_fields *out,
                       int idx)
{
    lpv_value v;
    int rc = eval_attr(p, f, at, &v);
    if (rc != LP_OK) return rc;
    if (v.kind == LPV_NULL) return LP_OK;   /* as if unset */
    const char *why = NULL;
    if (kind == AT_STR) {
        lpv_value s;
        if (lpv_to_string(p->tmp, v, &s, &why) != 0 || s.kind != LPV_STRING) goto bad;
        if (memchr(s.u.s, 0, s.len)) goto bad;
        if (!(out->str[idx] = ar_strndup(&p->cfg->arena, s.u.s, s.len)))
            return err_set_first(p->err, LP_ERR_NOMEM, "out of memory");
        return LP_OK;
    }
    if (kind == AT_INT) {
        lpv_value n;
        int64_t i;
        if (lpv_to_number(p->tmp, v, &n, &why) != 0 || n.kind != LPV_NUMBER || lpv_num_to_i64(n, &i) != 0 ||
            i < 0 || i > 65535)
            goto bad;
        if (idx >= 0) {
            out->port = i;
            out->has_port = 1;
        }
        return LP_OK;
    }
    /* list(string): joined with ',' as lp_db_target wants it (AT_LINES: with newlines, each element
     * holding none) */
    if (v.kind != LPV_TUPLE && v.kind != LPV_LIST && v.kind != LPV_SET) goto bad;
    lp_buf b = { 0 };
    for (uint32_t i = 0; i < v.len; i++) {
        lpv_value s;
        if (lpv_to_string(p->tmp, v.u.elems[i], &s, &why) != 0 || s.kind != LPV_STRING ||
            memchr(s.u.s, 0, s.len) || (kind == AT_LINES && memchr(s.u.s, '\n', s.len))) {
            lp_buf_free(&b);
            goto bad;
        }
        if (i) lp_buf_putc(&b, kind == AT_LINES ? '\n' : ',');
        lp_buf_put(&b, s.u.s, s.len);
    }
    out->str[idx] = b.oom ? NULL : ar_strndup(&p->cfg->arena, b.data ? b.data : "", b.len);
    lp_buf_free(&b);
    if (!out->str[idx]) return err_set_first(p->err, LP_ERR_NOMEM, "out of memory");
    return LP_OK;
bad:
    return parse_fail(p, at->expr->range, "Incorrect attribute value type",
                      "Inappropriate value for attribute \"%.*s\": %s required.", (int)at->name.len,
                      at->name.p,
                      kind == AT_STR   ? "string"
                      : kind == AT_INT ? "number"
                                       : "list of string");
}

static int decode_connection(conn_parse *p, const hcl_file *f, const hcl_block *b)
{
    if (b->nlabels != 2) {
        hcl_range r = b->nlabels > 2 ? b->label_ranges[2] : b->type_range;
        return parse_fail(p, r,
                          b->nlabels < 2 ? "Missing name for connection" : "Extraneous label for connection",
                          b->nlabels < 2 ? "All connection blocks must have 2 labels (type, name)."
                                         : "Only 2 labels (type, name) are expected for connection blocks.");
    }
    hcl_str tl = b->labels[0], nl = b->labels[1];
    int type = type_of(tl.p, tl.len);
    if (type < 0)
        return parse_fail(p, b->type_range, "error creating connection", "Invalid connection type %.*s",
                          (int)tl.len, tl.p);
    if (!nl.len || memchr(nl.p, 0, nl.len) || memchr(nl.p, '.', nl.len))
        return parse_fail(p, b->label_ranges[1], "Invalid connection name",
                          "A connection name must be non-empty, without '.'.");
    conn_fields fl;
    memset(&fl, 0, sizeof fl);
    const hcl_body *body = b->body;
    for (uint32_t i = 0; body && i < body->nattrs; i++) {
        const hcl_attr *at = &body->attrs[i];
        int idx = -1, kind = AT_INT;
        if (!hs_is(at->name, "ttl")) {
            for (int k = 0; conn_types[type].attrs[k].name; k++)
                if (hs_is(at->name, conn_types[type].attrs[k].name)) {
                    idx = k;
                    kind = conn_types[type].attrs[k].kind;
                }
            if (idx < 0)
                return parse_fail(p, at->name_range, "Unsupported argument",
                                  "An argument named \"%.*s\" is not expected here.", (int)at->name.len,
                                  at->name.p);
        }
        /* ttl is decoded for its errors only; port is the one whole number kept */
        int rc = decode_attr(p, f, at, kind, &fl, kind == AT_INT && idx < 0 ? -1 : idx);
        if (rc != LP_OK) return rc;
    }
    for (uint32_t i = 0; body && i < body->nblocks; i++) {
        const hcl_block *nb = &body->blocks[i];
        if (hs_is(nb->type, "pipes") && nb->nlabels == 0) {
            fl.pipes = 1;
            continue;
        }
        return parse_fail(p, nb->type_range, "Unsupported block type",
                          "Blocks of type \"%.*s\" are not expected here.", (int)nb->type.len, nb->type.p);
    }
    if (fl.pipes)
        for (int k = 0; conn_types[type].attrs[k].name; k++)
            if (fl.str[k] || fl.has_port)
                return parse_fail(p, b->type_range, "if pipes block is defined, no other auth properties "
                                  "should be set", "%s", "");
    const char *ssl = conn_types[type].attrs == pg_attrs ? field(type, &fl, "sslmode") : NULL;
    if (ssl && strcmp(ssl, "disable") && strcmp(ssl, "allow") && strcmp(ssl, "prefer") &&
        strcmp(ssl, "require") && strcmp(ssl, "verify-ca") && strcmp(ssl, "verify-full"))
        return parse_fail(p, b->type_range,
                          "sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full",
                          "%s", "");
    lp_connection k;
    memset(&k, 0, sizeof k);
    k.type = conn_types[type].name;
    k.name = ar_strndup(&p->cfg->arena, nl.p, nl.len);
    k.file = p->file;
    k.line = b->range.line;
    k.col = b->range.col;
    k.pipes = fl.pipes;
    if (conn_types[type].attrs == pg_attrs) {
        k.search_path = field(type, &fl, "search_path");
        k.search_path_prefix = field(type, &fl, "search_path_prefix");
    }
    k.url = conn_url(p->cfg, type, &fl);
    if (!k.name || !k.url || put_conn(p->cfg, &k) != 0)
        return err_set_first(p->err, LP_ERR_NOMEM, "out of memory");
    return LP_OK;
}

/* ------------------------------------------------------------ workspace profiles */

/* PowerpipeWorkspaceProfile's fields (pipe-fittings workspace_profile_powerpipe.go) and their kinds. */
static const struct profile_field {
    const char *name;
    char kind;
} profile_fields[] = {
    { "host", 's' }, { "port", 'i' }, { "listen", 's' }, { "update_check", 's' }, { "telemetry", 's' },
    { "log_level", 's' }, { "memory_max_mb", 'i' }, { "benchmark_timeout", 'i' },
    { "dashboard_timeout", 'i' }, { "pipes_host", 's' }, { "pipes_token", 's' },
    { "snapshot_location", 's' }, { "mod_location", 's' }, { "watch", 'b' }, { "input", 'b' },
    { "progress", 'b' }, { "database", 's' }, { "query_timeout", 'i' }, { "max_parallel", 'i' },
    { "search_path", 's' }, { "search_path_prefix", 's' }, { "header", 'b' }, { "output", 's' },
    { "separator", 's' }, { "timing", 'b' }, { "install_dir", 's' },
};
#define NPROFILE_FIELDS (sizeof profile_fields / sizeof profile_fields[0])

uint32_t lp_config_profile_count(const lp_config *c) { return c ? c->nprofiles : 0; }

const lp_workspace_profile *lp_config_profile_at(const lp_config *c, uint32_t i)
{
    return c && i < c->nprofiles ? &c->profiles[i] : NULL;
}

const lp_workspace_profile *lp_config_profile_find(const lp_config *c, const char *name)
{
    if (!c || !name || !c->profile_nslots) return NULL;
    uint32_t *s = profile_slot(c, name);
    return *s ? &c->profiles[*s - 1] : NULL;
}

const char *lp_profile_get(const lp_workspace_profile *p, const char *attr)
{
    for (uint32_t i = 0; p && attr && i < p->nattrs; i++)
        if (strcmp(p->attrs[i].name, attr) == 0) return p->attrs[i].value;
    return NULL;
}

/* One attribute's value as the field's kind, as text in the config's arena. */
static int profile_value(conn_parse *p, const hcl_file *f, const hcl_attr *at, char kind, const char **out)
{
    lpv_value v;
    int rc = eval_attr(p, f, at, &v);
    if (rc != LP_OK) return rc;
    *out = NULL;
    if (v.kind == LPV_NULL) return LP_OK;   /* as if unset */
    const char *why = NULL;
    char num[32];
    const char *text = NULL;
    size_t len = 0;
    lpv_value c;
    if (kind == 's') {
        if (lpv_to_string(p->tmp, v, &c, &why) == 0 && c.kind == LPV_STRING && !memchr(c.u.s, 0, c.len)) {
            text = c.u.s;
            len = c.len;
        }
    } else if (kind == 'i') {
        int64_t i;
        if (lpv_to_number(p->tmp, v, &c, &why) == 0 && c.kind == LPV_NUMBER && lpv_num_to_i64(c, &i) == 0) {
            len = (size_t)snprintf(num, sizeof num, "%lld", (long long)i);
            text = num;
        }
    } else if (v.kind == LPV_BOOL) {
        text = v.u.b ? "true" : "false";
        len = strlen(text);
    } else if (v.kind == LPV_STRING && v.len == 4 && memcmp(v.u.s, "true", 4) == 0) {
        text = "true", len = 4;     /* cty converts the strings "true" and "false" to bool */
    } else if (v.kind == LPV_STRING && v.len == 5 && memcmp(v.u.s, "false", 5) == 0) {
        text = "false", len = 5;
    }
    if (!text)
        return parse_fail(p, at->expr->range, "Incorrect attribute value type",
                          "Inappropriate value for attribute \"%.*s\": %s required.", (int)at->name.len,
                          at->name.p, kind == 's' ? "string" : kind == 'i' ? "number" : "bool");
    if (!(*out = ar_strndup(&p->cfg->arena, text, len)))
        return err_set_first(p->err, LP_ERR_NOMEM, "out of memory");
    return LP_OK;
}

static int decode_profile(conn_parse *p, const hcl_file *f, const hcl_block *b)
{
    if (b->nlabels != 1)
        return parse_fail(p, b->nlabels > 1 ? b->label_ranges[1] : b->type_range,
                          b->nlabels < 1 ? "Missing name for workspace" : "Extraneous label for workspace",
                          "%s", "All workspace blocks must have exactly 1 label (name).");
    hcl_str nl = b->labels[0];
    if (!nl.len || memchr(nl.p, 0, nl.len))
        return parse_fail(p, b->label_ranges[0], "Invalid workspace name", "%s", "A name must be non-empty.");
    const hcl_body *body = b->body;
    for (uint32_t i = 0; body && i < body->nblocks; i++)
        return parse_fail(p, body->blocks[i].type_range, "Unsupported block type",
                          "Blocks of type \"%.*s\" are not expected here.", (int)body->blocks[i].type.len,
                          body->blocks[i].type.p);
    lp_profile_attr *attrs = ar_alloc(&p->cfg->arena, NPROFILE_FIELDS * sizeof *attrs);
    if (!attrs) return err_set_first(p->err, LP_ERR_NOMEM, "out of memory");
    uint32_t n = 0;
    const lp_workspace_profile *base = NULL;
    for (uint32_t i = 0; body && i < body->nattrs; i++) {
        const hcl_attr *at = &body->attrs[i];
        if (hs_is(at->name, "base")) {
            /* workspace.NAME: a traversal, not a value */
            const hcl_expr *e = at->expr;
            char ref[256];
            hcl_range r = e->range;
            const char *src = f->src;
            size_t len = r.end - r.start;
            if (!src || len >= sizeof ref) len = 0;
            else memcpy(ref, src + r.start, len);
            ref[len] = 0;
            base = strncmp(ref, "workspace.", 10) == 0 ? lp_config_profile_find(p->cfg, ref + 10) : NULL;
            if (!base)
                return parse_fail(p, r, "Invalid base", "\"base\" must name a workspace defined before "
                                  "this one (workspace.NAME); got \"%s\".", ref);
            continue;
        }
        size_t k = 0;
        while (k < NPROFILE_FIELDS && !hs_is(at->name, profile_fields[k].name)) k++;
        if (k == NPROFILE_FIELDS)
            return parse_fail(p, at->name_range, "Unsupported argument",
                              "An argument named \"%.*s\" is not expected here.", (int)at->name.len,
                              at->name.p);
        const char *val = NULL;
        int rc = profile_value(p, f, at, profile_fields[k].kind, &val);
        if (rc != LP_OK) return rc;
        if (val) attrs[n++] = (lp_profile_attr){ profile_fields[k].name, val, profile_fields[k].kind };
    }
    for (uint32_t i = 0; base && i < base->nattrs; i++) {
        uint32_t k = 0;
        while (k < n && strcmp(attrs[k].name, base->attrs[i].name) != 0) k++;
        if (k == n && n < NPROFILE_FIELDS) attrs[n++] = base->attrs[i];
    }
    lp_workspace_profile w = { ar_strndup(&p->cfg->arena, nl.p, nl.len), p->file, b->range.line, b->range.col,
                               attrs, n };
    if (!w.name) return err_set_first(p->err, LP_ERR_NOMEM, "out of memory");
    if (put_profile(p->cfg, &w) != 0) return err_set_first(p->err, LP_ERR_NOMEM, "out of memory");
    return LP_OK;
}

int lp_config_parse(lp_config *cfg, const char *name, const char *src, size_t len, lp_error *err)
{
    lp_error local;
    if (!err) err = &local;
    memset(err, 0, sizeof *err);
    if (!cfg || !name || (!src && len))
        return err_set_first(err, LP_ERR_ARG, "lp_config_parse: bad arguments");
    ar_arena tmp;
    ar_init(&tmp, 16 * 1024);
    conn_parse p = { cfg, &tmp, ar_strndup(&cfg->arena, name, strlen(name)), err,
                     ar_alloc(&tmp, sizeof(ev_ctx)) };
    hcl_file f;
    int rc = LP_OK;
    /* the parse's tokens and stacks apart, freed once the tree is made: a file of 100,000 blocks
     * held them (tens of MB) through every block's decoding */
    ar_arena toks;
    ar_init(&toks, 64 * 1024);
    if (!p.file || !p.ev || hcl_parse_split(p.file, src ? src : "", len, 1, 1, &tmp, &toks, &f) != 0)
        rc = err_set_first(err, LP_ERR_NOMEM, "out of memory");
    ar_free(&toks);
    /* each block's values are copied into cfg's arena: its temporaries go when it is done */
    ar_mark block_start;
    ar_mark_get(&tmp, &block_start);
    for (uint32_t i = 0; rc == LP_OK && i < f.ndiags; i++)
        if (f.diags[i].severity == HCL_DIAG_ERROR)
            rc = parse_fail(&p, f.diags[i].range, f.diags[i].summary, "%s",
                            f.diags[i].detail ? f.diags[i].detail : "");
    if (rc == LP_OK && f.nerrors) rc = parse_fail(&p, f.more_at, "Syntax error", "%s", "");
    const hcl_body *body = rc == LP_OK ? f.body : NULL;
    if (body && body->nattrs)
        rc = parse_fail(&p, body->attrs[0].name_range, "Unsupported argument",
                        "An argument named \"%.*s\" is not expected here.", (int)body->attrs[0].name.len,
                        body->attrs[0].name.p);
    for (uint32_t i = 0; rc == LP_OK && body && i < body->nblocks; i++) {
        const hcl_block *b = &body->blocks[i];
        if (hs_is(b->type, "connection")) rc = decode_connection(&p, &f, b);
        else if (hs_is(b->type, "workspace")) rc = decode_profile(&p, &f, b);
        else
            rc = parse_fail(&p, b->type_range, "Unsupported block type",
                            "Blocks of type \"%.*s\" are not expected here.", (int)b->type.len, b->type.p);
        ar_rewind(&tmp, &block_start);
    }
    ar_free(&tmp);
    return rc;
}

/* ------------------------------------------------------------ the config path */

/* "~" and "~/x" against $HOME, a relative path against the current directory (go-kit's Tildefy),
 * "." the mod's directory: into b, NUL-terminated. */
static void tildefy(lp_buf *b, const char *p, size_t n, const char *mod_dir)
{
    if (n == 1 && p[0] == '.') {
        p = mod_dir && *mod_dir ? mod_dir : ".";
        n = strlen(p);
    }
    if (n && p[0] == '~' && (n == 1 || p[1] == '/')) {
        const char *home = getenv("HOME");
        struct passwd pwd, *pw = NULL;
        char pwbuf[4096];   /* the reentrant call: a server's run threads may be here at once */
        if ((!home || !*home) && getpwuid_r(getuid(), &pwd, pwbuf, sizeof pwbuf, &pw) == 0 && pw)
            home = pw->pw_dir;   /* as Go's os/user: the password database's */
        if (!home) home = "";
        lp_buf_puts(b, home);
        p++;
        n--;
    } else if (!n || p[0] != '/') {
        char cwd[4096];
        if (getcwd(cwd, sizeof cwd)) lp_buf_puts(b, cwd);
        lp_buf_putc(b, '/');
    }
    lp_buf_put(b, p, n);
    lp_buf_putc(b, 0);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.ppc file of dir (not recursing), sorted.  A directory that does not exist is none. */
static int load_dir(lp_config *cfg, const char *dir, lp_error *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (errno == ENOENT || errno == ENOTDIR) return LP_OK;
        return err_set_first(err, LP_ERR_IO,
                             "Failed to load Powerpipe config: failed to get config file paths: %s: %s", dir,
                             strerror(errno));
    }
    lp_buf names = { 0 };           /* char * array */
    uint32_t n = 0;
    int rc = LP_OK;
    struct dirent *de;
    while (rc == LP_OK && (de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 5 || strcmp(de->d_name + l - 4, ".ppc") != 0) continue;
        lp_buf path = { 0 };
        lp_buf_printf(&path, "%s/%s", dir, de->d_name);
        struct stat st;
        if (path.oom) rc = err_set_first(err, LP_ERR_NOMEM, "out of memory");
        else if (stat(path.data, &st) == 0 && S_ISREG(st.st_mode)) {
            char *s = ar_strndup(&cfg->arena, path.data, path.len);
            if (!s) rc = err_set_first(err, LP_ERR_NOMEM, "out of memory");
            else {
                lp_buf_put(&names, (const char *)&s, sizeof s);
                n++;
                if (names.oom) rc = err_set_first(err, LP_ERR_NOMEM, "out of memory");
            }
        }
        lp_buf_free(&path);
    }
    closedir(d);
    char **v = (char **)(void *)names.data;
    if (rc == LP_OK && n > 1) qsort(v, n, sizeof *v, cmp_names);
    srcbuf buf = { 0 };   /* the one reader of every input (base/srcfile.h) */
    for (uint32_t i = 0; rc == LP_OK && i < n; i++) {
        size_t len = 0;
        srcfile_info info = { 0 };
        if (srcfile_read(v[i], &buf, &len, &info) != 0) {
            rc = info.err == ENOMEM ? err_set_first(err, LP_ERR_NOMEM, "out of memory")
                                    : err_set_first(err, LP_ERR_IO, "Failed to load Powerpipe config: %s: %s",
                                                    v[i], strerror(info.err));
            break;
        }
        lp_error e2;
        rc = lp_config_parse(cfg, v[i], len ? buf.p : "", len, &e2);
        if (rc != LP_OK && err) *err = e2;
    }
    srcbuf_free(&buf);
    lp_buf_free(&names);
    return rc;
}

int lp_config_load(const char *config_path, const char *mod_dir, lp_config **out, lp_error *err)
{
    lp_error local;
    if (!err) err = &local;
    memset(err, 0, sizeof *err);
    if (!out) return err_set_first(err, LP_ERR_ARG, "lp_config_load: no out");
    *out = NULL;
    lp_config *cfg = lp_config_new();
    if (!cfg) return err_set_first(err, LP_ERR_NOMEM, "out of memory");
    int rc = LP_OK;
    for (int t = 0; t < CT__COUNT && rc == LP_OK; t++)
        if (add_default(cfg, t) != 0)
            rc = err_set_first(err, LP_ERR_NOMEM, "out of memory");
    /* Powerpipe's default: the mod's directory, then the install directory's config */
    lp_buf path = { 0 };
    const char *env = getenv("POWERPIPE_CONFIG_PATH");
    if (config_path && *config_path) lp_buf_puts(&path, config_path);
    else if (env && *env) lp_buf_puts(&path, env);
    else {
        const char *inst = getenv("POWERPIPE_INSTALL_DIR");
        lp_buf_printf(&path, ".:%s/config", inst && *inst ? inst : "~/.powerpipe");
    }
    lp_buf_putc(&path, 0);
    if (path.oom) rc = err_set_first(err, LP_ERR_NOMEM, "out of memory");
    /* lowest precedence first: a later definition replaces an earlier one */
    const char *s = path.data;
    size_t len = path.oom ? 0 : strlen(s);
    size_t end = len;
    while (rc == LP_OK) {
        size_t start = end;
        while (start > 0 && s[start - 1] != ':') start--;
        if (end > start) {
            lp_buf dir = { 0 };
            tildefy(&dir, s + start, end - start, mod_dir);
            rc = dir.oom ? err_set_first(err, LP_ERR_NOMEM, "out of memory") : load_dir(cfg, dir.data, err);
            lp_buf_free(&dir);
        }
        if (start == 0) break;
        end = start - 1;
    }
    lp_buf_free(&path);
    if (rc != LP_OK) {
        lp_config_free(cfg);
        return rc;
    }
    *out = cfg;
    return LP_OK;
}

/* ------------------------------------------------------------ a run's database */

/* A database value as a worker's connection key: the connection string, with the search path
 * and its prefix after newlines when either is set (run.h, run_database_url).  NULL with *why. */
/* A resource's own `search_path` or `search_path_prefix` (a list of strings), joined with ',' into
 * buf; NULL when it sets none (or not as a list of strings). */
static const char *own_path(const lp_resource *r, const char *attr, char *buf, size_t size)
{
    for (uint32_t i = 0; i < r->nattrs; i++) {
        const lpv_value v = r->attrs[i].val;
        if (strcmp(r->attrs[i].name, attr) != 0 || (v.kind != LPV_TUPLE && v.kind != LPV_LIST)) continue;
        size_t len = 0;
        for (uint32_t k = 0; k < v.len; k++) {
            const lpv_value e = v.u.elems[k];
            if (e.kind != LPV_STRING || len + e.len + 2 > size || memchr(e.u.s, '\n', e.len)) return NULL;
            if (k) buf[len++] = ',';
            memcpy(buf + len, e.u.s, e.len);
            len += e.len;
        }
        buf[len] = 0;
        return buf;
    }
    return NULL;
}

/* A database value as a worker's connection key: the connection string, with the search path
 * and its prefix after newlines when either is set (run.h, run_database_url): the connection's,
 * unless the resource (or a parent) sets its own `search_path` / `search_path_prefix`, as
 * Powerpipe's GetDatabaseConfigForResource lets it.  NULL with *why. */
static char *key_for(const lp_run *run, const char *value, const lp_run_node *n, char **why)
{
    const char *url = value, *sp = NULL, *spp = NULL;
    if (strncmp(value, "connection.", 11) == 0) {
        const lp_connection *k = lp_config_find(run->conns ? run->conns->cfg : NULL, value);
        if (!k) {
            *why = run_printf("connection '%s' not found", value);
            return NULL;
        }
        if (k->pipes) {
            *why = run_printf("connection '%s' uses Turbot Pipes, which lazypipe does not support", value);
            return NULL;
        }
        url = k->url;
        sp = k->search_path;
        spp = k->search_path_prefix;
    }
    /* GetDefaultDatabaseConfig: --search-path and --search-path-prefix before the connection's */
    if (run->conns && run->conns->search_path) sp = run->conns->search_path;
    if (run->conns && run->conns->search_path_prefix) spp = run->conns->search_path_prefix;
    char b1[1024], b2[1024];
    const char *osp = NULL, *ospp = NULL;
    for (const lp_run_node *p = n; p && (!osp || !ospp); p = p->parent) {
        if (!p->res) continue;
        if (!osp) osp = own_path(p->res, "search_path", b1, sizeof b1);
        if (!ospp) ospp = own_path(p->res, "search_path_prefix", b2, sizeof b2);
    }
    if (osp) sp = osp;
    if (ospp) spp = ospp;
    char *key = sp || spp ? run_printf("%s\n%s\n%s", url, sp ? sp : "", spp ? spp : "") : run_strdup(url);
    if (!key) *why = run_strdup("out of memory");
    return key;
}

void run_conns_free(lp_run *run)
{
    struct run_conns *c = run->conns;
    if (!c) return;
    lp_config_free(c->loaded);
    if (c->search_path) mem_free(c->search_path, strlen(c->search_path) + 1);
    if (c->search_path_prefix) mem_free(c->search_path_prefix, strlen(c->search_path_prefix) + 1);
    for (uint32_t i = 0; i < c->nmods; i++) {
        if (c->mod_db && c->mod_db[i]) mem_free(c->mod_db[i], strlen(c->mod_db[i]) + 1);
        if (c->req_db && c->req_db[i]) mem_free(c->req_db[i], strlen(c->req_db[i]) + 1);
    }
    for (uint32_t i = 0; i < c->nmemo; i++)
        if (c->memo[i].db) mem_free(c->memo[i].db, strlen(c->memo[i].db) + 1);
    mem_free(c->memo, c->memo_cap * sizeof *c->memo);
    pthread_mutex_destroy(&c->memo_lock);
    if (c->mod_db) mem_free(c->mod_db, c->nmods * sizeof *c->mod_db);
    if (c->req_db) mem_free(c->req_db, c->nmods * sizeof *c->req_db);
    mem_free(c, sizeof *c);
    run->conns = NULL;
}

#define DEFAULT_CONNECTION "connection.steampipe.default"

/* Mod m's database (req UINT32_MAX), or what requirement req sets: a copy in *out, NULL when none. */
static int mod_value(lp_workspace *ws, uint32_t m, uint32_t req, char **out, lp_error *err)
{
    lp_buf b = { 0 };
    lp_error e;
    int rc = req == UINT32_MAX ? lp_mod_database(ws, m, &b, &e) : lp_require_database(ws, req, &b, &e);
    if (rc == LP_OK) {
        lp_buf_putc(&b, 0);
        if (b.oom || !(*out = run_strdup(b.data))) rc = LP_ERR_NOMEM;
    }
    lp_buf_free(&b);
    if (rc == LP_ERR_NOT_FOUND) return LP_OK;
    if (rc == LP_ERR_NOMEM) return err_set_first(err, rc, "out of memory");
    return rc == LP_OK ? LP_OK : err_set_first(err, rc, "%s", e.message);
}

int run_conns_load(lp_run *run, lp_error *err)
{
    if (run->conns) return LP_OK;   /* lp_run_start and lp_run_sql may both ask */
    struct run_conns *c = mem_calloc(1, sizeof *c);
    if (!c) return err_set_first(err, LP_ERR_NOMEM, "out of memory");
    pthread_mutex_init(&c->memo_lock, NULL);
    run->conns = c;
    /* the options' strings are the caller's until the start returns: copied */
    const char *sp = run->opts.search_path, *spp = run->opts.search_path_prefix;
    if ((sp && *sp && !(c->search_path = run_strdup(sp))) ||
        (spp && *spp && !(c->search_path_prefix = run_strdup(spp))))
        return err_set_first(err, LP_ERR_NOMEM, "out of memory");
    int rc = run->opts.config ? LP_OK : lp_config_load(run->opts.config_path, lp_workspace_dir(run->ws),
                                                        &c->loaded, err);
    if (rc != LP_OK) return rc;
    c->cfg = run->opts.config ? run->opts.config : c->loaded;
    uint32_t nm = lp_mod_count(run->ws);
    c->mod_db = nm ? mem_calloc(nm, sizeof *c->mod_db) : NULL;
    c->req_db = nm ? mem_calloc(nm, sizeof *c->req_db) : NULL;
    c->nmods = nm;
    if (nm && (!c->mod_db || !c->req_db)) return err_set_first(err, LP_ERR_NOMEM, "out of memory");
    for (uint32_t m = 0; m < nm; m++) {
        rc = mod_value(run->ws, m, UINT32_MAX, &c->mod_db[m], err);
        /* a dependency the main mod requires: what its require block sets */
        lp_mod_info mi;
        uint32_t nr = m && lp_mod_get(run->ws, m, &mi) == LP_OK && mi.path[0] ? lp_require_count(run->ws) : 0;
        for (uint32_t i = 0; rc == LP_OK && i < nr; i++) {
            lp_require_info ri;
            if (lp_require_get(run->ws, i, &ri) == LP_OK && strcmp(ri.path, mi.path) == 0) {
                rc = mod_value(run->ws, m, i, &c->req_db[m], err);
                break;
            }
        }
        if (rc != LP_OK) return rc;
    }
    /* GetDefaultDatabaseConfig: --database, else the main mod's, else the database every dependency
     * mod names (a mod naming none counts as the default connection), else the default connection */
    const char *fb = run->opts.database && *run->opts.database ? run->opts.database
                     : nm                                      ? c->mod_db[0]
                                                               : NULL;
    for (uint32_t m = 1; !fb && m < nm; m++) {
        const char *db = c->mod_db[m] ? c->mod_db[m] : DEFAULT_CONNECTION;
        const char *first = c->mod_db[1] ? c->mod_db[1] : DEFAULT_CONNECTION;
        if (strcmp(db, first) != 0) break;
        if (m == nm - 1) fb = first;
    }
    c->fallback = fb ? fb : DEFAULT_CONNECTION;
    return LP_OK;
}

/* The `database` of a resource, else of the query it uses: a copy, or NULL. */
static const char OOM_MARK[] = "";

/* The file a walk read last: the entries of a tree are mostly in a few files, in order. */
typedef struct text_cache {
    char *name;
    srcbuf buf;
    size_t len;
    int ok;
} text_cache;

/* Whether an entry's block (its index byte range; a dashboard's holds its nested blocks) names
 * `database` at all: most name none, and then nothing is loaded. */
static int mentions_database(const lp_workspace *ws, uint32_t id, text_cache *tc)
{
    lp_entry_info info;
    if (lp_entry_get(ws, id, &info) != LP_OK || !info.byte_length) return 1;
    if (!tc->name || strcmp(tc->name, info.file_name) != 0) {
        srcbuf_free(&tc->buf);
        if (tc->name) mem_free(tc->name, strlen(tc->name) + 1);
        tc->name = run_strdup(info.file_name);
        srcfile_info fi = { 0 };
        tc->len = 0;
        tc->ok = tc->name && srcfile_read(info.file_name, &tc->buf, &tc->len, &fi) == 0;
    }
    if (!tc->ok || info.byte_offset > tc->len || info.byte_length > tc->len - info.byte_offset) return 1;
    return memmem(tc->buf.p + info.byte_offset, info.byte_length, "database", 8) != NULL;
}

static void text_cache_free(text_cache *tc)
{
    srcbuf_free(&tc->buf);
    if (tc->name) mem_free(tc->name, strlen(tc->name) + 1);
}

/* Whether a benchmark's own block can set `database`: its text (the index's byte range; children
 * are references, so the text is short) names the attribute.  Loading a benchmark loads its whole
 * tree — the root of a 10,000-control mod is the mod — so its parents' databases are looked up
 * this way first: most benchmarks set none, and then nothing is loaded. */
static int may_set_database(const lp_workspace *ws, uint32_t id)
{
    lp_entry_info info;
    if (lp_entry_get(ws, id, &info) != LP_OK || info.kind != LP_KIND_BENCHMARK) return 1;
    text_cache tc = { 0 };
    int found = mentions_database(ws, id, &tc);
    text_cache_free(&tc);
    return found;
}

/* A benchmark loads with its whole tree: the memo keeps the one string the run needs, the
 * workspace's cache need not keep the tree (a run's memory would grow with the mod's).  A query is
 * cached: other leaves and runs of this version load it too (a server's sessions), and its file may
 * have changed since the version was made. */
static int load_for_db(lp_workspace *ws, uint32_t id, lp_resource **out, lp_error *e)
{
    lp_entry_info info;
    if (lp_entry_get(ws, id, &info) == LP_OK && info.kind == LP_KIND_BENCHMARK)
        return lp_load_entry_uncached(ws, id, out, e);
    return lp_load_entry(ws, id, out, e);
}

/* The `database` entry id sets itself, from the run's memo (loading the entry the first time);
 * NULL when none, OOM_MARK when memory ran out.  The string lives as long as the run. */
static const char *entry_db(lp_run *run, uint32_t id)
{
    struct run_conns *c = run->conns;
    pthread_mutex_lock(&c->memo_lock);
    for (uint32_t i = 0; i < c->nmemo; i++)
        if (c->memo[i].id == id) {
            const char *d = c->memo[i].db;
            pthread_mutex_unlock(&c->memo_lock);
            return d;
        }
    pthread_mutex_unlock(&c->memo_lock);
    lp_resource *r;
    lp_error e;
    char *db = NULL;
    int oom = 0;
    if (!may_set_database(run->ws, id)) {
        /* nothing to load: remembered as none below */
    } else if (load_for_db(run->ws, id, &r, &e) == LP_OK) {
        const char *v = lp_resource_str(r, "database");
        if (v && !(db = run_strdup(v))) oom = 1;
        lp_resource_release(r);
    } else if (e.code == LP_ERR_NOMEM) oom = 1;
    if (oom) return OOM_MARK;
    pthread_mutex_lock(&c->memo_lock);
    for (uint32_t i = 0; i < c->nmemo; i++)   /* another worker may have looked it up meanwhile */
        if (c->memo[i].id == id) {
            const char *d = c->memo[i].db;
            pthread_mutex_unlock(&c->memo_lock);
            if (db) mem_free(db, strlen(db) + 1);
            return d;
        }
    if (c->nmemo == c->memo_cap) {
        uint32_t cap = c->memo_cap ? c->memo_cap * 2 : 16;
        struct db_memo *v = mem_realloc(c->memo, c->memo_cap * sizeof *v, cap * sizeof *v);
        if (!v) {
            pthread_mutex_unlock(&c->memo_lock);
            if (db) mem_free(db, strlen(db) + 1);
            return OOM_MARK;
        }
        c->memo = v;
        c->memo_cap = cap;
    }
    c->memo[c->nmemo++] = (struct db_memo){ id, db };
    pthread_mutex_unlock(&c->memo_lock);
    return db;
}

/* key (run_strdup'd) with the run's time range as a Tailpipe URL's range_from/range_to, which the
 * DuckDB driver lays over the connection's from/to: a connection per filter set, as Powerpipe
 * caches one per filter set.  Other keys as they are. */
static char *with_time_range(lp_run *run, char *key, char **why)
{
    const char *from = run->opts.time_from, *to = run->opts.time_to;
    if (!key || (!from && !to) || strncmp(key, "tailpipe://", 11) != 0) return key;
    size_t ul = strcspn(key, "\n");
    lp_buf b = { 0 };
    lp_buf_put(&b, key, ul);
    int sep = memchr(key, '?', ul) ? '&' : '?';
    const char *vals[2] = { from, to }, *names[2] = { "range_from", "range_to" };
    for (int i = 0; i < 2; i++) {
        if (!vals[i]) continue;
        lp_buf_printf(&b, "%c%s=", sep, names[i]);
        sep = '&';
        url_escape(&b, vals[i], 2);
    }
    lp_buf_puts(&b, key + ul);
    lp_buf_putc(&b, 0);
    char *out = b.oom ? NULL : run_strdup(b.data);
    lp_buf_free(&b);
    mem_free(key, strlen(key) + 1);
    if (!out) *why = run_strdup("out of memory");
    return out;
}

/* ------------------------------------------------------------ what the page may offer */

/* What a database value lets the page offer (Powerpipe's backendSupport.setFromDb): a Tailpipe
 * connection the time range, a Steampipe or PostgreSQL one the search path.  A value that names no
 * connection of the config offers nothing (the run says why). */
static unsigned support_of(const lp_run *run, const char *value)
{
    if (!value || value == OOM_MARK) return 0;
    if (strncmp(value, "connection.", 11) == 0) {
        const lp_connection *k = lp_config_find(run->conns ? run->conns->cfg : NULL, value);
        if (!k) return 0;
        if (strcmp(k->type, "tailpipe") == 0) return LP_SUPPORTS_TIME_RANGE;
        if (strcmp(k->type, "steampipe") == 0 || strcmp(k->type, "postgres") == 0)
            return LP_SUPPORTS_SEARCH_PATH;
        return 0;
    }
    /* Powerpipe takes a connection string's backend from its scheme and never gives one the time
     * range (no Tailpipe connection string there); lazypipe's tailpipe:// string is a Tailpipe
     * connection the run filters like any other, so it offers the time range too */
    if (strncmp(value, "tailpipe:", 9) == 0) return LP_SUPPORTS_TIME_RANGE;
    if (strncmp(value, "postgres://", 11) == 0 || strncmp(value, "postgresql://", 13) == 0)
        return LP_SUPPORTS_SEARCH_PATH;
    return 0;
}

/* determineBackendSupportForResource: the resource's own `database` (not its query's nor its
 * parents': the walk goes down), merged with its children's (the index's: a dashboard's nested
 * blocks, a benchmark's children), stopping once both are offered.  *set says whether any resource
 * below sets a database.  Only the entries whose text names `database` are loaded: a benchmark
 * loads whole, its controls with it, and most name none.  depth bounds a tree the index let loop. */
static unsigned support_walk(lp_run *run, uint32_t id, int *set, unsigned depth, text_cache *tc)
{
    const unsigned all = LP_SUPPORTS_TIME_RANGE | LP_SUPPORTS_SEARCH_PATH;
    const char *db = mentions_database(run->ws, id, tc) ? entry_db(run, id) : NULL;
    unsigned f = 0;
    if (db && db != OOM_MARK) {
        *set = 1;
        f = support_of(run, db);
    }
    uint32_t n = depth < 256 ? lp_entry_child_count(run->ws, id) : 0;
    for (uint32_t i = 0; i < n && f != all; i++)
        f |= support_walk(run, lp_entry_child(run->ws, id, i), set, depth + 1, tc);
    return f;
}

unsigned run_backend_support(lp_run *run, uint32_t id)
{
    int set = 0;
    text_cache tc = { 0 };
    unsigned f = id != LP_NO_ENTRY ? support_walk(run, id, &set, 0, &tc) : 0;
    text_cache_free(&tc);
    /* determineBackendSupport: no resource sets one, so the server's default database decides */
    return set ? f : support_of(run, run->conns ? run->conns->fallback : NULL);
}

char *run_database_url(lp_run *run, const lp_run_node *n, char **why)
{
    struct run_conns *c = run->conns;
    if (!c) {
        *why = run_strdup("the run's connections were not loaded");
        return NULL;
    }
    /* GetDatabaseConfigForResource: the resource's own, its query's, its parents'; else its
     * dependency mod's own, else what the main mod's require block sets for it; else the run's
     * fallback */
    const char *value = n && n->res ? lp_resource_str(n->res, "database") : NULL;
    const char *q = !value && n && n->res ? lp_resource_str(n->res, "query") : NULL;
    uint32_t qid = q ? lp_lookup(run->ws, q) : LP_NO_ENTRY;
    if (qid != LP_NO_ENTRY) value = entry_db(run, qid);
    for (const lp_run_node *p = n ? n->parent : NULL; p && !value; p = p->parent) {
        if (p->res) value = lp_resource_str(p->res, "database");
        else if (p->indexed) value = entry_db(run, p->entry);
    }
    if (value == OOM_MARK) {
        *why = run_strdup("out of memory");
        return NULL;
    }
    uint32_t id = n && n->res ? lp_resource_entry(n->res) : n && n->indexed ? n->entry : LP_NO_ENTRY;
    lp_entry_info e;
    if (!value && id != LP_NO_ENTRY && lp_entry_get(run->ws, id, &e) == LP_OK && e.mod && e.mod < c->nmods)
        value = c->mod_db[e.mod] ? c->mod_db[e.mod] : c->req_db[e.mod];
    return with_time_range(run, key_for(run, value ? value : c->fallback, n, why), why);
}

int run_db_parse(const char *key, lp_db_target *t, lp_buf *store, const lp_driver **d, lp_error *err)
{
    const char *nl = strchr(key, '\n');
    if (!nl) return lp_db_parse(key, t, store, d, err);
    /* the search paths go into store first: lp_db_parse appends after them and the store may move,
     * so their pointers are taken last */
    const char *sp = nl + 1, *nl2 = strchr(sp, '\n');
    size_t spl = nl2 ? (size_t)(nl2 - sp) : strlen(sp);
    size_t o_sp = store->len;
    lp_buf_put(store, sp, spl);
    lp_buf_putc(store, 0);
    size_t o_spp = store->len;
    lp_buf_puts(store, nl2 ? nl2 + 1 : "");
    lp_buf_putc(store, 0);
    char *url = run_printf("%.*s", (int)(nl - key), key);
    if (store->oom || !url) {
        if (url) mem_free(url, strlen(url) + 1);
        return err_set_first(err, LP_ERR_NOMEM, "out of memory");
    }
    int rc = lp_db_parse(url, t, store, d, err);
    mem_free(url, strlen(url) + 1);
    if (rc != LP_OK) return rc;
    if (spl) t->search_path = store->data + o_sp;
    if (store->data[o_spp]) t->search_path_prefix = store->data + o_spp;
    return LP_OK;
}
