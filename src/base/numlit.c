/* numlit.c — exact printing of HCL number literals (see numlit.h). */
#include "base/numlit.h"

#include <gmp.h>
#include <string.h>

#include "base/mem.h"

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

int num_format(const char *text, size_t n, char *out, size_t cap)
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

int num_int32(const char *text, size_t n, int32_t *out)
{
    char buf[16];
    int len = num_format(text, n, buf, sizeof buf);
    if (len <= 0 || memchr(buf, '.', (size_t)len)) return -1;
    long v = 0;
    for (int i = 0; i < len; i++) {
        v = v * 10 + (buf[i] - '0');
        if (v > INT32_MAX) return -1;
    }
    *out = (int32_t)v;
    return 0;
}

/* ------------------------------------------------------------ Go's big.ParseFloat
 *
 * hclsyntax reads a number literal with cty.ParseNumberVal, i.e. Go's
 * big.ParseFloat(s, 10, 512, ToNearestEven), and so do cty's string->number
 * conversion and its JSON decoder.  It is not correctly rounded: the exact
 * mantissa digits are multiplied or divided by 5^exp computed at 576 bits
 * by repeated squaring at 640 bits, then rounded once more.  Reproduced step
 * by step (each MPFR operation rounds as the Go one it stands for). */

/* 5^n at z's precision as big.Float.pow5 computes it. */
static void go_pow5(mpfr_ptr z, unsigned long n)
{
    mpz_t t;
    mpz_init(t);
    mpz_ui_pow_ui(t, 5, n <= 27 ? n : 27);   /* 5^27 is pow5tab's last entry */
    mpfr_set_z(z, t, MPFR_RNDN);
    mpz_clear(t);
    if (n <= 27) return;
    n -= 27;
    mpfr_t f;
    mpfr_init2(f, mpfr_get_prec(z) + 64);
    mpfr_set_ui(f, 5, MPFR_RNDN);
    while (n > 0) {
        if (n & 1) mpfr_mul(z, z, f, MPFR_RNDN);
        mpfr_mul(f, f, f, MPFR_RNDN);
        n >>= 1;
    }
    mpfr_clear(f);
}

int num_go_parse(const char *s, size_t n, mpfr_ptr x)
{
    /* [digits] ['.' [digits]] [('e'|'E') [sign] digits], at least one mantissa digit */
    size_t i = 0, nint = 0, nfrac = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++, nint++;
    const char *frac = s + i + 1;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++, nfrac++;
    }
    if (nint + nfrac == 0) return LP_NUMLIT_INVALID;
    long exp = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int neg = 0;
        if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
        size_t st = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (exp < (1L << 40)) exp = exp * 10 + (s[i] - '0');   /* beyond, MPFR's range is passed anyway */
            i++;
        }
        if (i == st) return LP_NUMLIT_INVALID;
        if (neg) exp = -exp;
    }
    if (i != n) return LP_NUMLIT_INVALID;

    size_t nd = nint + nfrac, k = 0;
    char small[128];
    char *digits = nd < sizeof small ? small : mem_malloc(nd + 1);
    if (!digits) return LP_NUMLIT_NOMEM;
    memcpy(digits, s, nint);
    memcpy(digits + nint, frac, nfrac);
    digits[nd] = '\0';
    while (k + 1 < nd && digits[k] == '0') k++;
    mpz_t m;
    mpz_init_set_str(m, digits + k, 10);
    if (digits != small) mem_free(digits, nd + 1);
    long exp5 = exp - (long)nfrac;
    if (mpz_sgn(m) == 0 || exp5 == 0) {   /* no decimal exponent: one rounding of the mantissa */
        mpfr_set_z(x, m, MPFR_RNDN);
        mpz_clear(m);
        return 0;
    }
    /* the exact mantissa times 2^exp5, times or divided by 5^|exp5| at prec + 64 bits */
    size_t bits = mpz_sizeinbase(m, 2);
    mpfr_t mm, p5;
    mpfr_init2(mm, (mpfr_prec_t)(bits < 2 ? 2 : bits));
    mpfr_set_z(mm, m, MPFR_RNDN);
    mpz_clear(m);
    mpfr_mul_2si(mm, mm, exp5, MPFR_RNDN);
    mpfr_init2(p5, mpfr_get_prec(x) + 64);
    go_pow5(p5, (unsigned long)(exp5 < 0 ? -exp5 : exp5));
    if (exp5 < 0) mpfr_div(x, mm, p5, MPFR_RNDN);
    else mpfr_mul(x, mm, p5, MPFR_RNDN);
    mpfr_clear(mm);
    mpfr_clear(p5);
    return 0;
}

/* f(x[, y]) rounded once to a double: computed at 53 bits within double's exponent range, then
 * subnormalized, so that a tiny result is not rounded twice; the thread's range is restored. */
static double num_fn(int (*f1)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t),
                     int (*f2)(mpfr_ptr, mpfr_srcptr, mpfr_srcptr, mpfr_rnd_t), double x, double y)
{
    mpfr_exp_t emin = mpfr_get_emin(), emax = mpfr_get_emax();
    mpfr_set_emin(-1073);   /* DBL_TRUE_MIN = 2^-1074 = 0.1b x 2^-1073 */
    mpfr_set_emax(1024);
    mpfr_t a, b;
    mpfr_init2(a, 53);
    mpfr_init2(b, 53);
    mpfr_set_d(a, x, MPFR_RNDN);
    mpfr_set_d(b, y, MPFR_RNDN);
    int t = f1 ? f1(a, a, MPFR_RNDN) : f2(a, a, b, MPFR_RNDN);
    mpfr_subnormalize(a, t, MPFR_RNDN);
    double r = mpfr_get_d(a, MPFR_RNDN);
    mpfr_clear(a);
    mpfr_clear(b);
    mpfr_set_emin(emin);
    mpfr_set_emax(emax);
    /* log's constant (log 2) is cached per thread, and a thread of a host or of the library's pools
     * that ends would leak it: computed again per call (a few us; one call per number literal) */
    mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE);
    return r;
}

double num_log(double x) { return num_fn(mpfr_log, NULL, x, 0); }
double num_log2(double x) { return num_fn(mpfr_log2, NULL, x, 0); }
double num_pow(double x, double y) { return num_fn(NULL, mpfr_pow, x, y); }
