/* numlit.c — exact printing of HCL number literals (see numlit.h). */
#include "numlit.h"

#include <string.h>

#define MAX_SIG_DIGITS 153
#define MAX_EXP 1000000L    /* beyond this no buffer could hold the expansion anyway */

typedef struct numparts {
    const char *digits[2];   /* integer part, fraction part */
    size_t ndigits[2];
    long exp;                /* written exponent */
} numparts;

/* digits ['.' digits] [('e'|'E') ['+'|'-'] digits], as the lexer and parser accept. */
static int split(const char *s, size_t n, numparts *p)
{
    size_t i = 0;
    memset(p, 0, sizeof *p);
    p->digits[0] = s;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    p->ndigits[0] = i;
    if (i == 0) return -1;
    if (i < n && s[i] == '.') {
        i++;
        p->digits[1] = s + i;
        size_t st = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        p->ndigits[1] = i - st;
        if (p->ndigits[1] == 0 && (i >= n || (s[i] != 'e' && s[i] != 'E'))) return -1;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int neg = 0;
        if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
        size_t st = i;
        long e = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (e <= MAX_EXP) e = e * 10 + (s[i] - '0');
            i++;
        }
        if (i == st) return -1;
        p->exp = neg ? -e : e;
    }
    return i == n ? 0 : -1;
}

static char digit_at(const numparts *p, size_t k)
{
    return k < p->ndigits[0] ? p->digits[0][k] : p->digits[1][k - p->ndigits[0]];
}

int lp_numlit_format(const char *text, size_t n, char *out, size_t cap)
{
    numparts p;
    if (split(text, n, &p) != 0) return LP_NUMLIT_INVALID;
    size_t total = p.ndigits[0] + p.ndigits[1];
    size_t first = 0, last = total;   /* significant digits [first, last) */
    while (first < total && digit_at(&p, first) == '0') first++;
    while (last > first && digit_at(&p, last - 1) == '0') last--;
    if (first == last) {
        if (cap < 2) return LP_NUMLIT_INEXACT;
        out[0] = '0';
        out[1] = '\0';
        return 1;
    }
    if (last - first > MAX_SIG_DIGITS || p.exp > MAX_EXP || p.exp < -MAX_EXP)
        return LP_NUMLIT_INEXACT;
    /* value = D * 10^e10 with D = digits[first, last) */
    long e10 = p.exp - (long)p.ndigits[1] + (long)(total - last);
    size_t nd = last - first;
    size_t len;
    if (e10 >= 0) len = nd + (size_t)e10;
    else if ((size_t)-e10 >= nd) len = 2 + ((size_t)-e10 - nd) + nd;
    else len = nd + 1;
    if (len + 1 > cap || len > 0x7fffffff) return LP_NUMLIT_INEXACT;
    char *o = out;
    if (e10 >= 0) {
        for (size_t k = first; k < last; k++) *o++ = digit_at(&p, k);
        memset(o, '0', (size_t)e10);
        o += e10;
    } else if ((size_t)-e10 >= nd) {
        *o++ = '0';
        *o++ = '.';
        size_t zeros = (size_t)-e10 - nd;
        memset(o, '0', zeros);
        o += zeros;
        for (size_t k = first; k < last; k++) *o++ = digit_at(&p, k);
    } else {
        size_t intd = nd - (size_t)-e10;
        for (size_t k = 0; k < nd; k++) {
            if (k == intd) *o++ = '.';
            *o++ = digit_at(&p, first + k);
        }
    }
    *o = '\0';
    return (int)(o - out);
}

int lp_numlit_int32(const char *text, size_t n, int32_t *out)
{
    char buf[16];
    int len = lp_numlit_format(text, n, buf, sizeof buf);
    if (len <= 0 || memchr(buf, '.', (size_t)len)) return -1;
    long v = 0;
    for (int i = 0; i < len; i++) {
        v = v * 10 + (buf[i] - '0');
        if (v > INT32_MAX) return -1;
    }
    *out = (int32_t)v;
    return 0;
}
