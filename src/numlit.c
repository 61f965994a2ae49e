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

/* ------------------------------------------------------------ cty's text of a literal
 *
 * hclsyntax reads a number literal with cty.ParseNumberVal, i.e. Go's
 * big.ParseFloat(s, 10, 512, ToNearestEven), and cty writes a number (to JSON,
 * or converted to a string) with big.Float.Text('f', -1).  Both are reproduced
 * step by step, because neither is what a correctly rounded library does:
 * ParseFloat multiplies the exact digits by 5^exp computed at 576 bits by
 * repeated squaring at 640 bits (double rounding), and Text's shortest-digit
 * search (math/big's roundShortest) compares digit strings without aligning
 * their decimal points and uses a symmetric half-ulp interval. */

#include <gmp.h>
#include <mpfr.h>

#include "lp_alloc.h"

#define CTY_PREC 512
#define TEXT_MAX_DIGITS (1L << 20)   /* a literal printing more than this is refused */

typedef struct dec {        /* value = 0.mant * 10^exp, mant without leading or trailing zeros */
    char *mant;
    size_t n, cap;
    long exp;
} dec;

static void dec_free(dec *d) { lp_free(d->mant, d->cap); }

/* Exact decimal of m * 2^e (m > 0), as math/big's decimal.init. */
static int dec_init(dec *d, const mpz_t m0, long e)
{
    mpz_t m;
    mpz_init_set(m, m0);
    if (e < 0) {
        mp_bitcnt_t tz = mpz_scan1(m, 0);
        unsigned long s = (unsigned long)-e < tz ? (unsigned long)-e : tz;
        mpz_tdiv_q_2exp(m, m, s);
        e += (long)s;
    }
    long shift10 = 0;
    if (e > 0) {
        mpz_mul_2exp(m, m, (mp_bitcnt_t)e);
    } else if (e < 0) {   /* m / 2^k = m * 5^k / 10^k */
        mpz_t p;
        mpz_init(p);
        mpz_ui_pow_ui(p, 5, (unsigned long)-e);
        mpz_mul(m, m, p);
        mpz_clear(p);
        shift10 = e;
    }
    d->cap = mpz_sizeinbase(m, 10) + 2;
    d->mant = lp_malloc(d->cap);
    if (!d->mant) {
        mpz_clear(m);
        return -1;
    }
    mpz_get_str(d->mant, 10, m);
    mpz_clear(m);
    d->n = strlen(d->mant);
    d->exp = (long)d->n + shift10;
    while (d->n && d->mant[d->n - 1] == '0') d->n--;
    return 0;
}

static char dec_at(const dec *d, long i) { return i >= 0 && (size_t)i < d->n ? d->mant[i] : '0'; }

static void dec_trim(dec *d)
{
    while (d->n && d->mant[d->n - 1] == '0') d->n--;
    if (!d->n) d->exp = 0;
}

static void dec_round_down(dec *d, size_t n)
{
    if (n >= d->n) return;
    d->n = n;
    dec_trim(d);
}

static void dec_round_up(dec *d, size_t n)
{
    if (n >= d->n) return;
    while (n > 0 && d->mant[n - 1] >= '9') n--;
    if (n == 0) {   /* all nines: 1 and one more integer digit */
        d->mant[0] = '1';
        d->n = 1;
        d->exp++;
        return;
    }
    d->mant[n - 1]++;
    d->n = n;
}

static void dec_round(dec *d, size_t n)
{
    if (n >= d->n) return;
    int up;
    if (d->mant[n] == '5' && n + 1 == d->n) /* halfway: to even */
        up = n > 0 && ((d->mant[n - 1] - '0') & 1);
    else up = d->mant[n] >= '5';
    if (up) dec_round_up(d, n);
    else dec_round_down(d, n);
}

/* 5^n at 576 bits as big.Float.pow5 computes it for ParseFloat. */
static void go_pow5(mpfr_t z, unsigned long n)
{
    if (n <= 27) {
        mpz_t t;
        mpz_init(t);
        mpz_ui_pow_ui(t, 5, n);
        mpfr_set_z(z, t, MPFR_RNDN);
        mpz_clear(t);
        return;
    }
    mpz_t t;
    mpz_init(t);
    mpz_ui_pow_ui(t, 5, 27);
    mpfr_set_z(z, t, MPFR_RNDN);
    mpz_clear(t);
    n -= 27;
    mpfr_t f;
    mpfr_init2(f, CTY_PREC + 128);
    mpfr_set_ui(f, 5, MPFR_RNDN);
    while (n > 0) {
        if (n & 1) mpfr_mul(z, z, f, MPFR_RNDN);
        mpfr_mul(f, f, f, MPFR_RNDN);
        n >>= 1;
    }
    mpfr_clear(f);
}

int lp_numlit_text(const char *text, size_t n, int neg, lp_buf *out)
{
    numparts p;
    if (split(text, n, &p) != 0) return LP_NUMLIT_INVALID;
    size_t total = p.ndigits[0] + p.ndigits[1], first = 0;
    while (first < total && digit_at(&p, first) == '0') first++;
    if (first == total) {
        lp_buf_puts(out, neg ? "-0" : "0");
        return 0;
    }
    long exp5 = p.exp - (long)p.ndigits[1];
    /* where the decimal point falls, give or take one: refuse what no one could print */
    long point = (long)(total - first) + exp5;
    if (p.exp > MAX_EXP || p.exp < -MAX_EXP || point > TEXT_MAX_DIGITS || point < -TEXT_MAX_DIGITS)
        return LP_NUMLIT_INEXACT;

    char *digits = lp_malloc(total - first + 1);
    if (!digits) return LP_NUMLIT_NOMEM;
    for (size_t k = first; k < total; k++) digits[k - first] = digit_at(&p, k);
    digits[total - first] = '\0';
    mpz_t m;
    mpz_init_set_str(m, digits, 10);
    lp_free(digits, total - first + 1);

    /* ParseFloat: the exact mantissa times 2^exp5, times or divided by pow5, rounded once to 512 bits */
    mpfr_t x;
    mpfr_init2(x, CTY_PREC);
    if (exp5 == 0) {
        mpfr_set_z(x, m, MPFR_RNDN);
    } else {
        size_t bits = mpz_sizeinbase(m, 2);
        mpfr_t mm, p5;
        mpfr_init2(mm, (mpfr_prec_t)(bits < 2 ? 2 : bits));
        mpfr_set_z(mm, m, MPFR_RNDN);
        mpfr_mul_2si(mm, mm, exp5, MPFR_RNDN);
        mpfr_init2(p5, CTY_PREC + 64);
        go_pow5(p5, (unsigned long)(exp5 < 0 ? -exp5 : exp5));
        if (exp5 < 0) mpfr_div(x, mm, p5, MPFR_RNDN);
        else mpfr_mul(x, mm, p5, MPFR_RNDN);
        mpfr_clear(mm);
        mpfr_clear(p5);
    }
    mpz_clear(m);

    /* Text('f', -1): x = mant * 2^e with mant of 512 bits */
    mpz_t mant, t;
    mpz_inits(mant, t, NULL);
    long e = (long)mpfr_get_z_2exp(mant, x);
    mpfr_clear(x);
    dec d = { 0 }, lo = { 0 }, hi = { 0 };
    int rc = dec_init(&d, mant, e);
    /* the neighbours' midpoints, (2 mant -+ 1) * 2^(e-1): inclusive when mant is even */
    int inclusive = mpz_even_p(mant);
    mpz_mul_2exp(t, mant, 1);
    mpz_sub_ui(t, t, 1);
    if (rc == 0) rc = dec_init(&lo, t, e - 1);
    mpz_add_ui(t, t, 2);
    if (rc == 0) rc = dec_init(&hi, t, e - 1);
    mpz_clears(mant, t, NULL);
    if (rc == 0) {
        /* math/big's roundShortest: digits compared by index, decimal points not aligned */
        for (size_t i = 0; i < d.n; i++) {
            char l = dec_at(&lo, (long)i), u = dec_at(&hi, (long)i), c = d.mant[i];
            int okdown = l != c || (inclusive && i + 1 == lo.n);
            int okup = c != u && (inclusive || c + 1 < u || i + 1 < hi.n);
            if (okdown && okup) dec_round(&d, i + 1);
            else if (okdown) dec_round_down(&d, i + 1);
            else if (okup) dec_round_up(&d, i + 1);
            else continue;
            break;
        }
        /* fmtF with prec = max(len(mant) - exp, 0) */
        long prec = (long)d.n - d.exp;
        if (neg) lp_buf_putc(out, '-');
        if (d.exp > 0) {
            size_t mn = d.n < (size_t)d.exp ? d.n : (size_t)d.exp;
            lp_buf_put(out, d.mant, mn);
            for (long k = (long)mn; k < d.exp; k++) lp_buf_putc(out, '0');
        } else {
            lp_buf_putc(out, '0');
        }
        if (prec > 0) {
            lp_buf_putc(out, '.');
            for (long k = 0; k < prec; k++) lp_buf_putc(out, dec_at(&d, d.exp + k));
        }
        if (out->oom) rc = -1;
    }
    dec_free(&d);
    dec_free(&lo);
    dec_free(&hi);
    return rc == 0 ? 0 : LP_NUMLIT_NOMEM;
}
