/* cellfmt.c — a cell as Powerpipe shows it (lp_cell_render).
 *
 * Powerpipe reads PostgreSQL through pgx's database/sql driver (stdlib Rows.Next): bool, int2/4/8,
 * float4 (as float32, widened to float64), float8, json/jsonb (decoded), date, timestamp and
 * timestamptz (time.Time; ±infinity as the string "infinity") are Go values, every other type the
 * server's text (numeric, interval, time, arrays...).  Then:
 *   - query run's table, csv and line: ColumnValueAsString (powerpipe internal/display/column.go):
 *     DATE/TIMESTAMP/TIME/INTERVAL holding a time.Time as "2006-01-02 15:04:05"; anything else
 *     through cast.ToString: a float64 with strconv 'f' -1 (1e20 is 100000000000000000000, +Inf),
 *     a time.Time (timestamptz) with time.Time.String() in the local zone;
 *   - query run's json: ParseJSONOutputColumnValue: JSON, BOOL, INT*, FLOAT* as values (a float64
 *     as encoding/json writes it), everything else as the string above (numeric is a string);
 *   - snapshots and the server's rows: json.Marshal of the Go value: a time.Time as RFC 3339 with
 *     nanoseconds (the local zone for timestamptz, Z for UTC), numeric as its text (a string).
 * Cells whose text is not the PostgreSQL form expected (BC dates, SQLite text that is no date)
 * are left as they are.
 *
 * MySQL through go-sql-driver and Powerpipe's mysqlReadCell: integers as int64, FLOAT as a float32,
 * DOUBLE and DECIMAL as float64s, DATE, DATETIME and TIMESTAMP as a time.Time in UTC: DATE and
 * TIMESTAMP print as PostgreSQL's, DATETIME (not one of ColumnValueAsString's types) as
 * time.Time.String(), "2024-01-02 03:04:05.5 +0000 UTC".  go-duckdb's FLOAT and DOUBLE are the same
 * float32 and float64. */
#include <lazypipe.h>

#include "base/json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int is_type(const char *type_name, const char *want)
{
    return type_name && strcmp(type_name, want) == 0;
}

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

/* "YYYY-MM-DD" at s */
static int is_date(const char *s, size_t len)
{
    return len >= 10 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' && digits(s + 8, 2);
}

/* "YYYY-MM-DD HH:MM:SS" at s, then the fraction's digits (count in *frac_len) */
static int is_timestamp(const char *s, size_t len, size_t *frac_len)
{
    if (len < 19 || !is_date(s, len) || s[10] != ' ' || !digits(s + 11, 2) || s[13] != ':' ||
        !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2))
        return 0;
    *frac_len = 0;
    if (len > 19 && s[19] == '.')
        while (20 + *frac_len < len && s[20 + *frac_len] >= '0' && s[20 + *frac_len] <= '9')
            (*frac_len)++;
    return 1;
}

/* Go's ".999999999": the fraction's digits without trailing zeros, with its dot, or nothing. */
static void put_fraction(lp_buf *b, const char *frac, size_t n)
{
    while (n && frac[n - 1] == '0') n--;
    if (!n) return;
    lp_buf_putc(b, '.');
    lp_buf_put(b, frac, n);
}

/* The shortest decimal digits that read back as v (strconv's -1 precision; as a float32 when
 * bits32, v being one): digits in d (no dot), the decimal exponent of the first digit in *exp10. */
static int shortest(double v, int bits32, char *d, int *exp10)
{
    char buf[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        if ((bits32 ? (double)strtof(buf, NULL) == v : strtod(buf, NULL) == v) || prec == 17) break;
    }
    /* buf: [-]D[.DDD]e[+-]XX */
    const char *p = buf + (buf[0] == '-');
    int n = 0;
    for (; *p && *p != 'e'; p++)
        if (*p != '.') d[n++] = *p;
    d[n] = 0;
    *exp10 = atoi(p + 1);
    while (n > 1 && d[n - 1] == '0') d[--n] = 0;
    return n;
}

/* v as strconv.FormatFloat(v, 'f', -1, 64), or 32 when bits32 (v a float32's value) */
static void put_float_f(lp_buf *b, double v, int bits32)
{
    if (isnan(v)) { lp_buf_puts(b, "NaN"); return; }
    if (isinf(v)) { lp_buf_puts(b, v > 0 ? "+Inf" : "-Inf"); return; }
    char d[40];
    int e;
    int n = shortest(v, bits32, d, &e);
    if (signbit(v) && v != 0) lp_buf_putc(b, '-');
    if (v == 0) { lp_buf_puts(b, signbit(v) ? "-0" : "0"); return; }
    if (e < 0) {
        lp_buf_puts(b, "0.");
        for (int i = 0; i < -e - 1; i++) lp_buf_putc(b, '0');
        lp_buf_put(b, d, (size_t)n);
    } else {
        for (int i = 0; i <= e || i < n; i++) {
            if (i == e + 1) lp_buf_putc(b, '.');
            lp_buf_putc(b, i < n ? d[i] : '0');
        }
    }
}

/* v as encoding/json writes a float64 (a float32 when bits32): 'f' -1 unless |v| < 1e-6 or
 * |v| >= 1e21, then 'e' -1 with a two-digit exponent cut to one ("1e-07" is "1e-7"). */
static void put_float_json(lp_buf *b, double v, int bits32)
{
    double a = fabs(v);
    if (a == 0 || (bits32 ? a >= (double)1e-6f && a < (double)1e21f : a >= 1e-6 && a < 1e21)) {
        put_float_f(b, v, bits32);
        return;
    }
    char d[40];
    int e;
    int n = shortest(v, bits32, d, &e);
    if (v < 0) lp_buf_putc(b, '-');
    lp_buf_putc(b, d[0]);
    if (n > 1) {
        lp_buf_putc(b, '.');
        lp_buf_put(b, d + 1, (size_t)n - 1);
    }
    lp_buf_printf(b, "e%c%d", e < 0 ? '-' : '+', e < 0 ? -e : e);
}

/* PostgreSQL's timestamptz text ("2024-01-02 01:04:05.123456+00", "+05:30", "-03:00:30") as
 * seconds since the epoch and the fraction's digits; 0 when it is not that. */
static int parse_tstz(const char *s, size_t len, time_t *t, const char **frac, size_t *frac_len)
{
    if (!is_timestamp(s, len, frac_len)) return 0;
    *frac = s + 20;
    size_t i = 19 + (*frac_len ? *frac_len + 1 : 0);
    if (i + 3 > len || (s[i] != '+' && s[i] != '-') || !digits(s + i + 1, 2)) return 0;
    int sign = s[i] == '-' ? -1 : 1;
    long off = ((s[i + 1] - '0') * 10 + (s[i + 2] - '0')) * 3600L;
    i += 3;
    if (i + 3 <= len && s[i] == ':' && digits(s + i + 1, 2)) {
        off += ((s[i + 1] - '0') * 10 + (s[i + 2] - '0')) * 60L;
        i += 3;
    }
    if (i + 3 <= len && s[i] == ':' && digits(s + i + 1, 2)) {
        off += (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
        i += 3;
    }
    if (i != len) return 0;
    struct tm tm = {0};
    tm.tm_year = atoi(s) - 1900;
    tm.tm_mon = atoi(s + 5) - 1;
    tm.tm_mday = atoi(s + 8);
    tm.tm_hour = atoi(s + 11);
    tm.tm_min = atoi(s + 14);
    tm.tm_sec = atoi(s + 17);
    *t = timegm(&tm) - sign * off;
    return 1;
}

/* A timestamptz in the local zone (UTC: DuckDB's, which go-duckdb reads in UTC), as Go's
 * time.Time.String() or RFC 3339 (snapshot data). */
static int put_tstz(lp_buf *b, const lp_db_cell *c, int rfc3339, int utc)
{
    time_t t;
    const char *frac;
    size_t frac_len;
    if (!parse_tstz(c->text, c->len, &t, &frac, &frac_len)) return 0;
    struct tm tm;
    if (!(utc ? gmtime_r(&t, &tm) : localtime_r(&t, &tm))) return 0;
    char day[64];
    strftime(day, sizeof day, rfc3339 ? "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%d %H:%M:%S", &tm);
    if (rfc3339) lp_buf_putc(b, '"');
    lp_buf_puts(b, day);
    put_fraction(b, frac, frac_len);
    long off = tm.tm_gmtoff;
    char sign = off < 0 ? '-' : '+';
    if (off < 0) off = -off;
    if (rfc3339) {
        if (!off) lp_buf_putc(b, 'Z');
        else lp_buf_printf(b, "%c%02ld:%02ld", sign, off / 3600, off / 60 % 60);
        lp_buf_putc(b, '"');
    } else {
        lp_buf_printf(b, " %c%02ld%02ld %s", sign, off / 3600, off / 60 % 60,
                      utc ? "UTC" : tm.tm_zone ? tm.tm_zone : "");
    }
    return 1;
}


/* ------------------------------------------------------------ json as Go re-encodes it */

/* Powerpipe decodes a json/jsonb cell into Go values (json.Unmarshal into any) and encodes them
 * again: objects with their keys sorted (the last of equal keys wins), numbers as float64, no
 * space between tokens, or (query run's --output json) indented by one space a level. */
typedef struct jnode {
    char type;                  /* 'o', 'a', 's' (text: its decoded bytes), 'n' (number), 'l' (literal) */
    const char *text;           /* number or literal: its source; string: decoded, in the arena */
    size_t len;
    struct jnode **kids;        /* object: key (a string node), value, key, value... */
    size_t nkids;
} jnode;

typedef struct jparse {
    const char *p, *end;
    lp_buf arena;               /* the decoded strings and nodes are malloc'd; freed by jfree */
    int depth;
} jparse;

static void jfree(jnode *n)
{
    if (!n) return;
    for (size_t i = 0; i < n->nkids; i++) jfree(n->kids[i]);
    free(n->kids);
    if (n->type == 's') free((char *)n->text);
    free(n);
}

static void jws(jparse *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')) j->p++;
}

static jnode *jstring(jparse *j)
{
    lp_buf out = {0};
    size_t used = lp_json_read_str(j->p, (size_t)(j->end - j->p), &out);
    if (!used || out.oom) goto bad;
    j->p += used;
    jnode *n = calloc(1, sizeof *n);
    if (!n) goto bad;
    n->type = 's';
    n->len = out.len;
    lp_buf_put(&out, "", 0);
    n->text = out.data ? out.data : calloc(1, 1);
    if (!n->text) { free(n); return NULL; }
    return n;
bad:
    lp_buf_free(&out);
    return NULL;
}

static jnode *jvalue(jparse *j);

static int jadd(jnode *n, jnode *kid)
{
    jnode **k = realloc(n->kids, (n->nkids + 1) * sizeof *k);
    if (!k) { jfree(kid); return -1; }
    n->kids = k;
    n->kids[n->nkids++] = kid;
    return 0;
}

static jnode *jcontainer(jparse *j)
{
    char close = *j->p == '{' ? '}' : ']';
    jnode *n = calloc(1, sizeof *n);
    if (!n || ++j->depth > 200) { free(n); return NULL; }
    n->type = close == '}' ? 'o' : 'a';
    j->p++;
    jws(j);
    if (j->p < j->end && *j->p == close) { j->p++; j->depth--; return n; }
    for (;;) {
        jws(j);
        if (close == '}') {
            if (j->p >= j->end || *j->p != '"') break;
            jnode *k = jstring(j);
            if (!k || jadd(n, k)) break;
            jws(j);
            if (j->p >= j->end || *j->p++ != ':') break;
        }
        jnode *v = jvalue(j);
        if (!v || jadd(n, v)) break;
        jws(j);
        if (j->p < j->end && *j->p == close) { j->p++; j->depth--; return n; }
        if (j->p >= j->end || *j->p++ != ',') break;
    }
    jfree(n);
    return NULL;
}

static jnode *jvalue(jparse *j)
{
    jws(j);
    if (j->p >= j->end) return NULL;
    if (*j->p == '"') return jstring(j);
    if (*j->p == '{' || *j->p == '[') return jcontainer(j);
    const char *s = j->p;
    while (j->p < j->end && !strchr(",]}: \t\r\n", *j->p)) j->p++;
    size_t len = (size_t)(j->p - s);
    int lit = (len == 4 && (!memcmp(s, "true", 4) || !memcmp(s, "null", 4))) ||
              (len == 5 && !memcmp(s, "false", 5));
    char num[64];
    char *e = NULL;
    if (!lit) {
        if (!len || len >= sizeof num) return NULL;
        memcpy(num, s, len);
        num[len] = 0;
        strtod(num, &e);
        if (*e || !(s[0] == '-' || (s[0] >= '0' && s[0] <= '9'))) return NULL;
    }
    jnode *n = calloc(1, sizeof *n);
    if (!n) return NULL;
    n->type = lit ? 'l' : 'n';
    n->text = s;
    n->len = len;
    return n;
}

static int cmp_key(const void *a, const void *b)
{
    const jnode *x = *(jnode *const *)a, *y = *(jnode *const *)b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->text, y->text, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

static void indent(lp_buf *b, int level)
{
    lp_buf_putc(b, '\n');
    for (int i = 0; i < level; i++) lp_buf_putc(b, ' ');
}

/* level < 0: compact; else the level of the value (one space each) */
static void jwrite(lp_buf *b, const jnode *n, int level)
{
    if (n->type == 's') { lp_json_str(b, n->text, n->len); return; }
    if (n->type == 'l') { lp_buf_put(b, n->text, n->len); return; }
    if (n->type == 'n') {
        char num[64];
        memcpy(num, n->text, n->len);
        num[n->len] = 0;
        put_float_json(b, strtod(num, NULL), 0);
        return;
    }
    int obj = n->type == 'o';
    lp_buf_putc(b, obj ? '{' : '[');
    size_t count = obj ? n->nkids / 2 : n->nkids;
    const jnode **order = count ? malloc(count * sizeof *order) : NULL;
    if (count && !order) { b->oom = 1; return; }
    size_t m = 0;
    for (size_t i = 0; i < count; i++) {
        if (!obj) { order[m++] = n->kids[i]; continue; }
        const jnode *k = n->kids[2 * i];
        int later = 0;   /* a key given again later: the last wins */
        for (size_t q = i + 1; q < count && !later; q++)
            later = n->kids[2 * q]->len == k->len && !memcmp(n->kids[2 * q]->text, k->text, k->len);
        if (!later) order[m++] = k;
    }
    if (obj && m > 1) qsort(order, m, sizeof *order, cmp_key);
    for (size_t i = 0; i < m; i++) {
        if (i) lp_buf_putc(b, ',');
        if (level >= 0) indent(b, level + 1);
        if (obj) {
            jwrite(b, order[i], -1);
            lp_buf_puts(b, level >= 0 ? ": " : ":");
            const jnode *v = NULL;   /* the value after this key (its last occurrence) */
            for (size_t q = 0; q < count; q++)
                if (n->kids[2 * q] == order[i]) v = n->kids[2 * q + 1];
            jwrite(b, v, level >= 0 ? level + 1 : -1);
        } else {
            jwrite(b, order[i], level >= 0 ? level + 1 : -1);
        }
    }
    if (m && level >= 0) indent(b, level);
    lp_buf_putc(b, obj ? '}' : ']');
    free(order);
}

/* The JSON text re-encoded as Go does; 0 when it does not parse (then left as it is). */
static int put_json_canonical(lp_buf *b, const char *s, size_t len, int level)
{
    jparse j = { s, s + len, { 0 }, 0 };
    jnode *n = jvalue(&j);
    if (!n) return 0;
    jws(&j);
    if (j.p != j.end) { jfree(n); return 0; }
    jwrite(b, n, level);
    jfree(n);
    return 1;
}

/* The significant digits of a number's text ("0.0120" has 3, "1.5e-3" 2). */
static int significant_digits(const char *s, size_t len)
{
    int n = 0, zeros = 0, started = 0;
    for (size_t i = 0; i < len && s[i] != 'e' && s[i] != 'E'; i++) {
        if (s[i] < '0' || s[i] > '9') continue;
        if (s[i] == '0' && !started) continue;
        started = 1;
        if (s[i] == '0') {
            zeros++;
        } else {
            n += zeros + 1;
            zeros = 0;
        }
    }
    return n;
}

/* Rendered by type: 1, or 0 to fall back on the cell's own text. */
static int render_typed(lp_buf *b, const char *type_name, const lp_db_cell *c, lp_cell_how how)
{
    size_t fl;
    if (is_type(type_name, "DATE") && c->len == 10 && is_date(c->text, c->len)) {
        if (how == LP_CELL_DATA) lp_buf_printf(b, "\"%.10sT00:00:00Z\"", c->text);
        else if (how == LP_CELL_JSON) lp_buf_printf(b, "\"%.10s 00:00:00\"", c->text);
        else lp_buf_printf(b, "%.10s 00:00:00", c->text);
        return 1;
    }
    if (is_type(type_name, "TIMESTAMP") && is_timestamp(c->text, c->len, &fl) &&
        c->len == 19 + (fl ? fl + 1 : 0)) {
        if (how == LP_CELL_DATA) {
            lp_buf_printf(b, "\"%.10sT%.8s", c->text, c->text + 11);
            put_fraction(b, c->text + 20, fl);
            lp_buf_puts(b, "Z\"");
        } else if (how == LP_CELL_JSON) {
            lp_buf_printf(b, "\"%.19s\"", c->text);
        } else {
            lp_buf_printf(b, "%.19s", c->text);
        }
        return 1;
    }
    int duck_tz = is_type(type_name, "TIMESTAMP WITH TIME ZONE");
    if (is_type(type_name, "TIMESTAMPTZ") || duck_tz) {
        if (how == LP_CELL_JSON) {
            lp_buf t = {0};
            int ok = put_tstz(&t, c, 0, duck_tz);
            if (ok) lp_json_str(b, t.data, t.len);
            lp_buf_free(&t);
            return ok;
        }
        return put_tstz(b, c, how == LP_CELL_DATA, duck_tz);
    }
    if (is_type(type_name, "NUMERIC")) {   /* the server's text, a string in JSON */
        if (how == LP_CELL_TEXT) lp_buf_put(b, c->text, c->len);
        else lp_json_str(b, c->text, c->len);
        return 1;
    }
    /* MySQL's DECIMAL is read as a float64 too (mysqlReadCell); its FLOAT and DuckDB's are float32s,
     * formatted as such (cast.ToString, json.Marshal), and their text has at most 9 significant digits
     * (a float32's shortest form): a text with more is a float64's (an SQLite column declared FLOAT) */
    int f32 = is_type(type_name, "FLOAT") && significant_digits(c->text, c->len) <= 9;
    if (is_type(type_name, "FLOAT4") || is_type(type_name, "FLOAT8") || f32 || is_type(type_name, "DOUBLE") ||
        is_type(type_name, "DECIMAL")) {
        char *end;
        double v = strtod(c->text, &end);
        if (end == c->text || *end) return 0;
        if (how != LP_CELL_TEXT && (isnan(v) || isinf(v))) return 0;   /* no JSON number: lp_json_cell */
        if (is_type(type_name, "FLOAT4") || f32) v = (double)(float)v;   /* a float32 (pgx widens FLOAT4) */
        if (how == LP_CELL_TEXT) put_float_f(b, v, f32);
        else put_float_json(b, v, f32);
        return 1;
    }
    if (is_type(type_name, "DATETIME") && is_timestamp(c->text, c->len, &fl) &&
        c->len == 19 + (fl ? fl + 1 : 0)) {   /* MySQL's: a time.Time in UTC, not one of the types */
        lp_buf t = {0};                       /* ColumnValueAsString formats: time.Time.String() */
        lp_buf_put(&t, c->text, c->len);
        lp_buf_puts(&t, "+00");
        lp_db_cell z = {c->type, t.data, t.len};
        int ok = !t.oom;
        if (ok && how == LP_CELL_JSON) {
            lp_buf u = {0};
            ok = put_tstz(&u, &z, 0, 1);
            if (ok) lp_json_str(b, u.data, u.len);
            lp_buf_free(&u);
        } else if (ok) {
            ok = put_tstz(b, &z, how == LP_CELL_DATA, 1);
        }
        lp_buf_free(&t);
        return ok;
    }
    if (c->type == LP_DB_JSON) {   /* query run's json: a row's value sits three levels deep */
        lp_buf t = {0};
        int ok = put_json_canonical(how == LP_CELL_TEXT ? &t : b, c->text, c->len,
                                    how == LP_CELL_JSON ? 3 : -1);
        if (ok && how == LP_CELL_TEXT) lp_buf_put(b, t.data, t.len);
        lp_buf_free(&t);
        return ok;
    }
    return 0;
}

void lp_cell_render(lp_buf *b, const char *type_name, const lp_db_cell *c, lp_cell_how how)
{
    if (c->type == LP_DB_NULL || !c->text) {
        if (how != LP_CELL_TEXT) lp_buf_puts(b, "null");
        return;
    }
    if (render_typed(b, type_name, c, how)) return;
    if (how == LP_CELL_TEXT) lp_buf_put(b, c->text, c->len);
    else lp_json_cell(b, c);
}
