/* json.c — JSON writer (see json.h). */
#include "base/json.h"
#include "base/mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

int js_reserve(lp_buf *b, size_t extra)
{
    if (b->oom) return -1;
    size_t need = b->len + extra + 1;            /* room for the NUL */
    if (need <= b->cap) return 0;
    /* doubling, then half more past 64 MiB: a 300 MB payload in a 512 MiB
     * buffer was 200 MB of nothing (a quarter more copied 1.2 GB in reallocs
     * for it: 0.3 s; half more copies about what doubling did) */
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) cap += cap < ((size_t)64 << 20) ? cap : cap / 2;
    char *p = mem_realloc(b->data, b->cap, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void lp_buf_free(lp_buf *b)
{
    mem_free(b->data, b->cap);
    memset(b, 0, sizeof *b);
}

void lp_buf_put(lp_buf *b, const char *s, size_t n)
{
    if (js_reserve(b, n) != 0) return;
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void lp_buf_puts(lp_buf *b, const char *s) { lp_buf_put(b, s, strlen(s)); }

void lp_buf_putc(lp_buf *b, char c) { lp_buf_put(b, &c, 1); }

void lp_buf_printf(lp_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[128];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) {
        lp_buf_put(b, small, (size_t)n);
        return;
    }
    if (js_reserve(b, (size_t)n) != 0) return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    unsigned min;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; min = 0x10000; }
    else return 0;
    if (n < len) return 0;
    unsigned cp = c & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

/* 1: a byte written as it is: printable ASCII but '"' '\\' '<' '>' '&' (one
 * load a byte instead of seven compares; most strings have no other) */
static const unsigned char plain[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Are the 8 bytes at s all plain?  Bit tricks on one word (a zero byte of
 * v: (v - 1) & ~v has its high bit; a borrow only runs past a byte that
 * was a hit), 2 instructions a byte instead of the table's 4. */
static inline int plain8(const unsigned char *s)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t x;
    memcpy(&x, s, 8);
    uint64_t lt = (x - ones * 0x20) & ~x;      /* below 0x20 (0x80 and up: x's own high bit) */
    uint64_t a = (x | ones * 0x02) ^ ones * 0x3E;   /* zero at '<' and '>' */
    uint64_t q = (x | ones * 0x04) ^ ones * 0x26;   /* zero at '"' and '&' */
    uint64_t k = x ^ ones * 0x5C;                   /* zero at '\\' */
    uint64_t z = ((a - ones) & ~a) | ((q - ones) & ~q) | ((k - ones) & ~k);
    return ((x | lt | z) & high) == 0;
}

void lp_json_str(lp_buf *b, const char *str, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)str;
    if (js_reserve(b, n + 2) != 0) return;
    size_t i = 0;
    while (i + 8 <= n && plain8(s + i)) i += 8;
    while (i < n && plain[s[i]]) i++;
    if (i == n) {   /* nothing to escape: one copy into the room reserved */
        char *d = b->data + b->len;
        d[0] = '"';
        if (n) memcpy(d + 1, s, n);
        d[n + 1] = '"';
        d[n + 2] = '\0';
        b->len += n + 2;
        return;
    }
    lp_buf_putc(b, '"');
    size_t run = 0;   /* start of the pending run of bytes written as they are */
    while (i < n) {
        unsigned c = s[i];
        const char *esc = NULL;
        char tmp[6];
        size_t adv = 1;
        if (plain[c]) {
            i++;
            continue;
        }
        if (c >= 0x80) {
            adv = utf8_seq(s + i, n - i);
            if (adv == 3 && s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
                esc = s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
            else if (adv == 0) {
                esc = "\\ufffd";   /* Go writes the escape, one per invalid byte */
                adv = 1;
            } else {
                i += adv;
                continue;
            }
        } else if (c == '"') esc = "\\\"";
        else if (c == '\\') esc = "\\\\";
        else if (c == '\n') esc = "\\n";
        else if (c == '\r') esc = "\\r";
        else if (c == '\t') esc = "\\t";
        else if (c == '\b') esc = "\\b";   /* Go >= 1.22 */
        else if (c == '\f') esc = "\\f";
        else {
            memcpy(tmp, "\\u00", 4);
            tmp[4] = hex[c >> 4];
            tmp[5] = hex[c & 15];
            lp_buf_put(b, (const char *)s + run, i - run);
            lp_buf_put(b, tmp, 6);
            i += adv;
            run = i;
            continue;
        }
        lp_buf_put(b, (const char *)s + run, i - run);
        lp_buf_puts(b, esc);
        i += adv;
        run = i;
    }
    lp_buf_put(b, (const char *)s + run, n - run);
    lp_buf_putc(b, '"');
}

void lp_json_cstr(lp_buf *b, const char *s) { lp_json_str(b, s, strlen(s)); }

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int is_json_number(const char *s, size_t n)
{
    size_t i = 0;
    if (i < n && s[i] == '-') i++;
    if (i < n && s[i] == '0') i++;
    else if (i < n && s[i] >= '1' && s[i] <= '9') while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    else return 0;
    if (i < n && s[i] == '.') {
        size_t d = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == d) return 0;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        size_t d = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == d) return 0;
    }
    return i == n;
}

void lp_json_cell(lp_buf *b, const lp_db_cell *c)
{
    if (c->type == LP_DB_NULL || !c->text) {
        lp_buf_puts(b, "null");
    } else if (c->type == LP_DB_BOOL) {
        lp_buf_puts(b, strcmp(c->text, "true") == 0 ? "true" : "false");
    } else if ((c->type == LP_DB_INT || c->type == LP_DB_FLOAT) && is_json_number(c->text, c->len)) {
        lp_buf_put(b, c->text, c->len);
    } else if (c->type == LP_DB_JSON) {
        lp_buf_put(b, c->text, c->len);
    } else {
        lp_json_str(b, c->text, c->len);
    }
}

void lp_json_time_ms(lp_buf *b, uint64_t unix_ms)
{
    time_t t = (time_t)(unix_ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    lp_buf_printf(b, "\"%04d-%02d-%02dT%02d:%02d:%02d.%03uZ\"", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, (unsigned)(unix_ms % 1000));
}

void js_bool(lp_buf *b, int v) { lp_buf_puts(b, v ? "true" : "false"); }

void js_null(lp_buf *b) { lp_buf_puts(b, "null"); }

int js_hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

size_t js_utf8(char *o, uint32_t c)
{
    if (c < 0x80) { o[0] = (char)c; return 1; }
    if (c < 0x800) { o[0] = (char)(0xC0 | c >> 6); o[1] = (char)(0x80 | (c & 0x3F)); return 2; }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | c >> 12);
        o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | c >> 18);
    o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

size_t lp_json_read_str(const char *s, size_t n, lp_buf *out)
{
    static const char ESC[] = "\"\\/bfnrt", VAL[] = "\"\\/\b\f\n\r\t";
    if (!n || s[0] != '"') return 0;
    size_t i = 1, run = 1;   /* run: where the bytes still to copy as they are begin */
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"') {
            lp_buf_put(out, s + run, i - run);
            return i + 1;
        }
        if (c < 0x20) return 0;
        if (c != '\\') {
            i++;
            continue;
        }
        lp_buf_put(out, s + run, i - run);
        if (i + 1 >= n) return 0;
        const char *e = s[i + 1] ? strchr(ESC, s[i + 1]) : NULL;
        unsigned cp, lo;
        if (e) {
            lp_buf_putc(out, VAL[e - ESC]);
            i += 2;
        } else if (s[i + 1] == 'u' && n - i >= 6 && js_hex4(s + i + 2, &cp) == 0) {
            i += 6;
            if (cp >= 0xD800 && cp < 0xDC00 && n - i >= 6 && s[i] == '\\' && s[i + 1] == 'u' &&
                js_hex4(s + i + 2, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            } else if (cp >= 0xD800 && cp < 0xE000) {
                cp = 0xFFFD;
            }
            char u[4];
            lp_buf_put(out, u, js_utf8(u, cp));
        } else {
            return 0;
        }
        run = i;
    }
    return 0;
}

/* ---------------------------------------------------------------- validation */

typedef struct jscan {
    const char *s;
    size_t n, i;
} jscan;

static void jv_ws(jscan *p)
{
    while (p->i < p->n && strchr(" \t\n\r", p->s[p->i]) && p->s[p->i]) p->i++;
}

static int jv_string(jscan *p)
{
    for (p->i++; p->i < p->n; p->i++) {
        unsigned char c = (unsigned char)p->s[p->i];
        if (c == '"') {
            p->i++;
            return 1;
        }
        if (c < 0x20) return 0;
        if (c != '\\') continue;
        if (++p->i >= p->n) return 0;
        unsigned cp;
        if (p->s[p->i] == 'u') {
            if (p->n - p->i < 5 || js_hex4(p->s + p->i + 1, &cp) != 0) return 0;
            p->i += 4;
        } else if (!strchr("\"\\/bfnrt", p->s[p->i])) {
            return 0;
        }
    }
    return 0;
}

static int jv_value(jscan *p, unsigned depth)
{
    jv_ws(p);
    if (p->i >= p->n || depth > 512) return 0;
    char c = p->s[p->i];
    if (c == '"') return jv_string(p);
    if (c == '[' || c == '{') {
        char close = c == '[' ? ']' : '}';
        p->i++;
        jv_ws(p);
        if (p->i < p->n && p->s[p->i] == close) return ++p->i, 1;
        for (;;) {
            if (close == '}') {
                jv_ws(p);
                if (p->i >= p->n || p->s[p->i] != '"' || !jv_string(p)) return 0;
                jv_ws(p);
                if (p->i >= p->n || p->s[p->i++] != ':') return 0;
            }
            if (!jv_value(p, depth + 1)) return 0;
            jv_ws(p);
            if (p->i >= p->n) return 0;
            if (p->s[p->i] == ',') { p->i++; continue; }
            return p->s[p->i++] == close;
        }
    }
    static const char *const words[] = { "true", "false", "null" };
    for (size_t k = 0; k < 3; k++) {
        size_t w = strlen(words[k]);
        if (p->n - p->i >= w && memcmp(p->s + p->i, words[k], w) == 0) return p->i += w, 1;
    }
    size_t start = p->i;
    while (p->i < p->n && strchr("+-.eE0123456789", p->s[p->i]) && p->s[p->i]) p->i++;
    return p->i > start && is_json_number(p->s + start, p->i - start);
}

int js_valid(const char *s, size_t n)
{
    jscan p = { s, n, 0 };
    if (!jv_value(&p, 0)) return 0;
    jv_ws(&p);
    return p.i == n;
}
