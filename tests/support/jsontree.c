/* jsontree.c — a small JSON reader for tests (see jsontree.h). */
#include "jsontree.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct rd {
    const char *s;
    size_t n, i;
    char *err;
    size_t errsz;
    int depth;
} rd;

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) abort();
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) abort();
    return p;
}

static void fail(rd *r, const char *msg)
{
    if (r->err && r->errsz && !r->err[0]) snprintf(r->err, r->errsz, "%s at byte %zu", msg, r->i);
}

static void ws(rd *r)
{
    while (r->i < r->n &&
           (r->s[r->i] == ' ' || r->s[r->i] == '\t' || r->s[r->i] == '\n' || r->s[r->i] == '\r'))
        r->i++;
}

static jt *node(jt_kind k)
{
    jt *v = xmalloc(sizeof *v);
    memset(v, 0, sizeof *v);
    v->kind = k;
    return v;
}

static int hex4(rd *r, unsigned *out)
{
    if (r->i + 4 > r->n) return -1;
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = r->s[r->i + (size_t)k];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    r->i += 4;
    *out = v;
    return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static char *string(rd *r, size_t *len)
{
    if (r->i >= r->n || r->s[r->i] != '"') {
        fail(r, "expected a string");
        return NULL;
    }
    r->i++;
    size_t cap = 16, k = 0;
    char *o = xmalloc(cap);
    for (;;) {
        if (r->i >= r->n) {
            fail(r, "unterminated string");
            free(o);
            return NULL;
        }
        if (k + 8 > cap) o = xrealloc(o, cap *= 2);
        unsigned char c = (unsigned char)r->s[r->i++];
        if (c == '"') break;
        if (c < 0x20) {
            fail(r, "control character in string");
            free(o);
            return NULL;
        }
        if (c != '\\') {
            o[k++] = (char)c;
            continue;
        }
        if (r->i >= r->n) break;
        char e = r->s[r->i++];
        switch (e) {
        case '"': o[k++] = '"'; break;
        case '\\': o[k++] = '\\'; break;
        case '/': o[k++] = '/'; break;
        case 'b': o[k++] = '\b'; break;
        case 'f': o[k++] = '\f'; break;
        case 'n': o[k++] = '\n'; break;
        case 'r': o[k++] = '\r'; break;
        case 't': o[k++] = '\t'; break;
        case 'u': {
            unsigned cp;
            if (hex4(r, &cp) != 0) {
                fail(r, "bad \\u escape");
                free(o);
                return NULL;
            }
            if (cp >= 0xD800 && cp <= 0xDBFF && r->i + 6 <= r->n && r->s[r->i] == '\\' &&
                r->s[r->i + 1] == 'u') {
                size_t save = r->i;
                unsigned lo;
                r->i += 2;
                if (hex4(r, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF)
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                else r->i = save;
            }
            if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;   /* lone surrogate, as JavaScript prints it */
            k += put_utf8(o + k, cp);
            break;
        }
        default:
            fail(r, "bad escape");
            free(o);
            return NULL;
        }
    }
    o[k] = '\0';
    *len = k;
    return o;
}

static jt *value(rd *r);

static jt *array(rd *r)
{
    jt *v = node(JT_ARR);
    size_t cap = 0;
    r->i++;
    ws(r);
    if (r->i < r->n && r->s[r->i] == ']') {
        r->i++;
        return v;
    }
    for (;;) {
        jt *x = value(r);
        if (!x) {
            jt_free(v);
            return NULL;
        }
        if (v->n == cap) v->items = xrealloc(v->items, (cap = cap ? cap * 2 : 4) * sizeof *v->items);
        v->items[v->n++] = x;
        ws(r);
        if (r->i < r->n && r->s[r->i] == ',') {
            r->i++;
            continue;
        }
        if (r->i < r->n && r->s[r->i] == ']') {
            r->i++;
            return v;
        }
        fail(r, "expected ',' or ']'");
        jt_free(v);
        return NULL;
    }
}

static jt *object(rd *r)
{
    jt *v = node(JT_OBJ);
    size_t cap = 0;
    r->i++;
    ws(r);
    if (r->i < r->n && r->s[r->i] == '}') {
        r->i++;
        return v;
    }
    for (;;) {
        ws(r);
        size_t kl;
        char *k = string(r, &kl);
        if (!k) {
            jt_free(v);
            return NULL;
        }
        ws(r);
        if (r->i >= r->n || r->s[r->i] != ':') {
            fail(r, "expected ':'");
            free(k);
            jt_free(v);
            return NULL;
        }
        r->i++;
        jt *x = value(r);
        if (!x) {
            free(k);
            jt_free(v);
            return NULL;
        }
        if (v->n == cap) {
            cap = cap ? cap * 2 : 4;
            v->items = xrealloc(v->items, cap * sizeof *v->items);
            v->keys = xrealloc(v->keys, cap * sizeof *v->keys);
            v->klens = xrealloc(v->klens, cap * sizeof *v->klens);
        }
        v->keys[v->n] = k;
        v->klens[v->n] = kl;
        v->items[v->n++] = x;
        ws(r);
        if (r->i < r->n && r->s[r->i] == ',') {
            r->i++;
            continue;
        }
        if (r->i < r->n && r->s[r->i] == '}') {
            r->i++;
            return v;
        }
        fail(r, "expected ',' or '}'");
        jt_free(v);
        return NULL;
    }
}

static jt *value(rd *r)
{
    ws(r);
    if (r->i >= r->n) {
        fail(r, "unexpected end");
        return NULL;
    }
    if (++r->depth > 10000) {
        fail(r, "too deep");
        return NULL;
    }
    jt *v = NULL;
    char c = r->s[r->i];
    if (c == '{') v = object(r);
    else if (c == '[') v = array(r);
    else if (c == '"') {
        size_t l;
        char *s = string(r, &l);
        if (s) {
            v = node(JT_STR);
            v->s = s;
            v->slen = l;
        }
    } else if (r->n - r->i >= 4 && memcmp(r->s + r->i, "true", 4) == 0) {
        r->i += 4;
        v = node(JT_BOOL);
        v->b = 1;
    } else if (r->n - r->i >= 5 && memcmp(r->s + r->i, "false", 5) == 0) {
        r->i += 5;
        v = node(JT_BOOL);
    } else if (r->n - r->i >= 4 && memcmp(r->s + r->i, "null", 4) == 0) {
        r->i += 4;
        v = node(JT_NULL);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        size_t st = r->i;
        while (r->i < r->n && strchr("+-0123456789.eE", r->s[r->i])) r->i++;
        char buf[512];
        size_t l = r->i - st;
        if (l >= sizeof buf) {
            fail(r, "number too long");
            return NULL;
        }
        memcpy(buf, r->s + st, l);
        buf[l] = '\0';
        char *end;
        double d = strtod(buf, &end);
        if (*end) {
            fail(r, "bad number");
            return NULL;
        }
        v = node(JT_NUM);
        v->num = d;
    } else {
        fail(r, "unexpected character");
    }
    r->depth--;
    return v;
}

jt *jt_parse(const char *text, size_t len, char *err, size_t errsz)
{
    rd r = { text, len, 0, err, errsz, 0 };
    if (err && errsz) err[0] = '\0';
    jt *v = value(&r);
    if (!v) return NULL;
    ws(&r);
    if (r.i != r.n) {
        fail(&r, "trailing characters");
        jt_free(v);
        return NULL;
    }
    return v;
}

void jt_free(jt *v)
{
    if (!v) return;
    for (size_t i = 0; i < v->n; i++) {
        jt_free(v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->klens);
    free(v->s);
    free(v);
}

/* Index of the effective (last) occurrence of key, or -1. */
static long find(const jt *o, const char *k, size_t kl)
{
    for (size_t i = o->n; i-- > 0;)
        if (o->klens[i] == kl && memcmp(o->keys[i], k, kl) == 0) return (long)i;
    return -1;
}

const jt *jt_get(const jt *obj, const char *key)
{
    if (!obj || obj->kind != JT_OBJ) return NULL;
    long i = find(obj, key, strlen(key));
    return i < 0 ? NULL : obj->items[i];
}

static int eq(const jt *a, const jt *b, char *path, size_t plen, size_t psz, char *why, size_t whysz)
{
    static const char *const names[] = { "null", "bool", "number", "string", "array", "object" };
    /* JavaScript reads a number beyond the double range (hcl2json writes 1e400
     * as 401 digits) as Infinity, which JSON.stringify writes null */
    if ((a->kind == JT_NULL && b->kind == JT_NUM && isinf(b->num)) ||
        (b->kind == JT_NULL && a->kind == JT_NUM && isinf(a->num)))
        return 1;
    if (a->kind != b->kind) {
        snprintf(why, whysz, "%.*s: %s vs %s", (int)plen, path, names[a->kind], names[b->kind]);
        return 0;
    }
    switch (a->kind) {
    case JT_NULL:
        return 1;
    case JT_BOOL:
        if (a->b == b->b) return 1;
        snprintf(why, whysz, "%.*s: %s vs %s", (int)plen, path, a->b ? "true" : "false",
                 b->b ? "true" : "false");
        return 0;
    case JT_NUM:
        if (a->num == b->num) return 1;
        snprintf(why, whysz, "%.*s: %.17g vs %.17g", (int)plen, path, a->num, b->num);
        return 0;
    case JT_STR:
        if (a->slen == b->slen && memcmp(a->s, b->s, a->slen) == 0) return 1;
        snprintf(why, whysz, "%.*s: \"%.200s\" vs \"%.200s\"", (int)plen, path, a->s, b->s);
        return 0;
    case JT_ARR:
        if (a->n != b->n) {
            snprintf(why, whysz, "%.*s: %zu items vs %zu", (int)plen, path, a->n, b->n);
            return 0;
        }
        for (size_t i = 0; i < a->n; i++) {
            int k = snprintf(path + plen, psz - plen, "[%zu]", i);
            size_t nl = k > 0 && plen + (size_t)k < psz ? plen + (size_t)k : plen;
            if (!eq(a->items[i], b->items[i], path, nl, psz, why, whysz)) return 0;
        }
        return 1;
    case JT_OBJ: {
        size_t na = 0, nb = 0;
        for (size_t i = 0; i < a->n; i++)
            if (find(a, a->keys[i], a->klens[i]) == (long)i) na++;
        for (size_t i = 0; i < b->n; i++)
            if (find(b, b->keys[i], b->klens[i]) == (long)i) nb++;
        for (size_t i = 0; i < a->n; i++) {
            if (find(a, a->keys[i], a->klens[i]) != (long)i) continue;
            long j = find(b, a->keys[i], a->klens[i]);
            if (j < 0) {
                snprintf(why, whysz, "%.*s: key \"%s\" only in the first", (int)plen, path, a->keys[i]);
                return 0;
            }
            int k = snprintf(path + plen, psz - plen, ".%s", a->keys[i]);
            size_t nl = k > 0 && plen + (size_t)k < psz ? plen + (size_t)k : plen;
            if (!eq(a->items[i], b->items[j], path, nl, psz, why, whysz)) return 0;
        }
        if (na != nb) {
            for (size_t i = 0; i < b->n; i++)
                if (find(a, b->keys[i], b->klens[i]) < 0) {
                    snprintf(why, whysz, "%.*s: key \"%s\" only in the second", (int)plen, path, b->keys[i]);
                    return 0;
                }
        }
        return 1;
    }
    }
    return 0;
}

int jt_equal(const jt *a, const jt *b, char *why, size_t whysz)
{
    char path[512] = "$";
    char dummy[8];
    if (!why || !whysz) {
        why = dummy;
        whysz = sizeof dummy;
    }
    why[0] = '\0';
    return eq(a, b, path, 1, sizeof path, why, whysz);
}

typedef struct sb {
    char *p;
    size_t n, cap;
} sb;

static void sput(sb *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        while (b->n + n + 1 > b->cap) b->cap = b->cap ? b->cap * 2 : 64;
        b->p = xrealloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void sstr(sb *b, const char *s, size_t n)
{
    sput(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char e[8];
        if (c == '"' || c == '\\') {
            e[0] = '\\';
            e[1] = (char)c;
            sput(b, e, 2);
        } else if (c < 0x20) {
            snprintf(e, sizeof e, "\\u%04x", c);
            sput(b, e, 6);
        } else {
            sput(b, (const char *)&s[i], 1);
        }
    }
    sput(b, "\"", 1);
}

static void dump(sb *b, const jt *v)
{
    char num[40];
    switch (v->kind) {
    case JT_NULL: sput(b, "null", 4); break;
    case JT_BOOL: v->b ? sput(b, "true", 4) : sput(b, "false", 5); break;
    case JT_NUM: snprintf(num, sizeof num, "%.17g", v->num); sput(b, num, strlen(num)); break;
    case JT_STR: sstr(b, v->s, v->slen); break;
    case JT_ARR:
        sput(b, "[", 1);
        for (size_t i = 0; i < v->n; i++) {
            if (i) sput(b, ",", 1);
            dump(b, v->items[i]);
        }
        sput(b, "]", 1);
        break;
    case JT_OBJ:
        sput(b, "{", 1);
        for (size_t i = 0; i < v->n; i++) {
            if (i) sput(b, ",", 1);
            sstr(b, v->keys[i], v->klens[i]);
            sput(b, ":", 1);
            dump(b, v->items[i]);
        }
        sput(b, "}", 1);
        break;
    }
}

char *jt_dump(const jt *v)
{
    sb b = { 0 };
    sput(&b, "", 0);
    if (v) dump(&b, v);
    return b.p;
}

char *jt_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (n + 1 >= cap) buf = xrealloc(buf, cap *= 2);
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        if (r == 0) break;
        n += r;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

jt *jt_next_line(char **at, char *err, size_t errsz)
{
    char *line = *at, *nl = strchr(line, '\n');
    *at = nl ? nl + 1 : NULL;
    return jt_parse(line, nl ? (size_t)(nl - line) : strlen(line), err, errsz);
}
