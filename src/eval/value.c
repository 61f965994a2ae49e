/* value.c — HCL/cty values (see value.h).
 *
 * Big numbers use MPFR's custom interface: the significand lives in the arena
 * next to the __mpfr_struct, so no number ever reaches malloc.  Temporaries
 * live on the stack.  Printing (rare: only a number turned into text) uses GMP
 * integers for the exact decimal expansion, which GMP allocates itself.
 */
#include "eval/value.h"
#include "base/intern.h"
#include "base/json.h"
#include "base/mem.h"
#include "base/numlit.h"
#include "hcl/hcl_ast.h"

#include <gmp.h>
#include <mpfr.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ basics */

lpv_value lpv_null(void)
{
    lpv_value v = { .kind = LPV_NULL };
    return v;
}

lpv_value lpv_unknown(void)
{
    lpv_value v = { .kind = LPV_UNKNOWN };
    return v;
}

lpv_value lpv_bool(int b)
{
    lpv_value v = { .kind = LPV_BOOL };
    v.u.b = b ? 1 : 0;
    return v;
}

lpv_value lpv_int_prec(int64_t i, unsigned prec)
{
    lpv_value v = { .kind = LPV_NUMBER, .flags = LPV_NUM_INT };
    v.prec = (uint16_t)(prec < LPV_PREC_INT ? LPV_PREC_INT : prec);
    v.u.i = i;
    return v;
}

lpv_value lpv_int(int64_t i)
{
    return lpv_int_prec(i, LPV_PREC_INT);
}

lpv_value lpv_str_ref(const char *s, size_t n)
{
    lpv_value v = { .kind = LPV_STRING };
    v.len = (uint32_t)n;
    v.u.s = n ? s : "";
    return v;
}

/* NFC as cty applies it to every string: the parser's (a quick check first,
 * so ASCII and most text cost one pass; file() returns whole documents). */
int lpv_nfc(ar_arena *a, const char *s, size_t n, const char **out, size_t *outn)
{
    *out = s;
    *outn = n;
    if (n > UINT32_MAX) return 0;   /* file() reads less than 4 GiB */
    hcl_str r, in = { s, (uint32_t)n };
    if (hcl_nfc(a, in, &r) != 0) return -1;
    *out = r.p;
    *outn = r.len;
    return 0;
}

int lpv_str_nfc(ar_arena *a, const char *s, size_t n, lpv_value *out)
{
    const char *p;
    size_t pn;
    if (lpv_nfc(a, s, n, &p, &pn) != 0) return -1;
    *out = lpv_str_ref(p, pn);
    return 0;
}

int lpv_str(ar_arena *a, const char *s, size_t n, lpv_value *out)
{
    const char *p;
    size_t pn;
    if (lpv_nfc(a, s, n, &p, &pn) != 0) return -1;
    if (p == s && pn) {
        char *c = ar_alloc(a, pn);
        if (!c) return -1;
        memcpy(c, s, pn);
        p = c;
    }
    *out = lpv_str_ref(p, pn);
    return 0;
}

lpv_value lpv_seq(lpv_kind kind, const lpv_value *elems, uint32_t n)
{
    lpv_value v = { .kind = (uint8_t)kind };
    v.len = n;
    v.u.elems = elems;
    return v;
}


/* Stable insertion sort: n is small in practice (tags, args); larger inputs
 * are already sorted or close to it.  Stability keeps "last key wins". */
static int attr_le(const lpv_attr *a, const lpv_attr *b)
{
    return si_cmp(a->key, a->klen, b->key, b->klen) <= 0;
}

/* Stable bottom-up merge sort through tmp: merge() of two 200k-key objects
 * (the second's keys between the first's) was quadratic by insertion. */
static void sort_attrs(lpv_attr *at, lpv_attr *tmp, uint32_t n)
{
    lpv_attr *src = at, *dst = tmp;
    for (uint64_t w = 1; w < n; w *= 2) {
        for (uint64_t lo = 0; lo < n; lo += 2 * w) {
            uint64_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            uint64_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) dst[k++] = attr_le(&src[i], &src[j]) ? src[i++] : src[j++];
            while (i < mid) dst[k++] = src[i++];
            while (j < hi) dst[k++] = src[j++];
        }
        lpv_attr *t = src;
        src = dst;
        dst = t;
    }
    if (src != at) memcpy(at, src, (size_t)n * sizeof *at);
}

lpv_value lpv_obj(lpv_kind kind, lpv_attr *at, uint32_t n)
{
    uint32_t first = 1;
    while (first < n && attr_le(&at[first - 1], &at[first])) first++;
    lpv_attr *tmp = first < n && n > 16 ? mem_malloc((size_t)n * sizeof *tmp) : NULL;
    if (tmp) {
        sort_attrs(at, tmp, n);
        mem_free(tmp, (size_t)n * sizeof *tmp);
        first = n;
    }
    /* small or out of memory: insertion, stable too */
    for (uint32_t i = first; i < n; i++) {
        if (si_cmp(at[i - 1].key, at[i - 1].klen, at[i].key, at[i].klen) <= 0) continue;
        lpv_attr t = at[i];
        uint32_t j = i;
        /* binary search for the insertion point (after equal keys) */
        uint32_t lo = 0, hi = i;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            if (si_cmp(at[mid].key, at[mid].klen, t.key, t.klen) <= 0) lo = mid + 1;
            else hi = mid;
        }
        memmove(&at[lo + 1], &at[lo], (size_t)(j - lo) * sizeof *at);
        at[lo] = t;
    }
    /* drop all but the last of equal keys */
    uint32_t w = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (i + 1 < n && si_cmp(at[i].key, at[i].klen, at[i + 1].key, at[i + 1].klen) == 0) continue;
        at[w++] = at[i];
    }
    lpv_value v = { .kind = (uint8_t)kind };
    v.len = w;
    v.u.attrs = at;
    return v;
}

static int order_cb(const void *a, const void *b)
{
    return lpv_order(*(const lpv_value *)a, *(const lpv_value *)b);
}

lpv_value lpv_set(lpv_value *e, uint32_t n)
{
    if (n > 1) qsort(e, n, sizeof *e, order_cb);
    uint32_t w = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (w && lpv_equal(e[w - 1], e[i])) continue;
        e[w++] = e[i];
    }
    return lpv_seq(LPV_SET, e, w);
}

const lpv_value *lpv_attr_get(lpv_value obj, const char *key, size_t klen)
{
    if (obj.kind != LPV_OBJECT && obj.kind != LPV_MAP) return NULL;
    uint32_t lo = 0, hi = obj.len;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = si_cmp(obj.u.attrs[mid].key, obj.u.attrs[mid].klen, key, (uint32_t)klen);
        if (c == 0) return &obj.u.attrs[mid].val;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

int lpv_is_seq(lpv_value v)
{
    return v.kind == LPV_TUPLE || v.kind == LPV_LIST || v.kind == LPV_SET;
}

int lpv_is_obj(lpv_value v)
{
    return v.kind == LPV_OBJECT || v.kind == LPV_MAP;
}

const char *lpv_kind_name(lpv_value v)
{
    switch (v.kind) {
    case LPV_NULL: return "null";
    case LPV_BOOL: return "bool";
    case LPV_NUMBER: return "number";
    case LPV_STRING: return "string";
    case LPV_TUPLE: return "tuple";
    case LPV_LIST: return "list";
    case LPV_SET: return "set";
    case LPV_OBJECT: return "object";
    case LPV_MAP: return "map";
    default: return "dynamic";
    }
}

/* ------------------------------------------------------------ numbers */

typedef struct bigtmp {
    __mpfr_struct s;
    mp_limb_t limbs[LPV_PREC_MAX / GMP_NUMB_BITS + 2];
} bigtmp;

static unsigned clamp_prec(unsigned p)
{
    if (p < MPFR_PREC_MIN) p = MPFR_PREC_MIN;
    return p > LPV_PREC_MAX ? LPV_PREC_MAX : p;
}

static mpfr_ptr tmp_init(bigtmp *t, unsigned prec)
{
    prec = clamp_prec(prec);
    mpfr_custom_init(t->limbs, (mpfr_prec_t)prec);
    mpfr_custom_init_set(&t->s, MPFR_ZERO_KIND, 0, (mpfr_prec_t)prec, t->limbs);
    return &t->s;
}

static mpfr_ptr big_alloc(ar_arena *a, unsigned prec)
{
    prec = clamp_prec(prec);
    size_t sz = mpfr_custom_get_size((mpfr_prec_t)prec);
    char *mem = ar_alloc(a, sizeof(__mpfr_struct) + sz);
    if (!mem) return NULL;
    mpfr_ptr x = (mpfr_ptr)(void *)mem;
    void *mant = mem + sizeof(__mpfr_struct);
    mpfr_custom_init(mant, (mpfr_prec_t)prec);
    mpfr_custom_init_set(x, MPFR_ZERO_KIND, 0, (mpfr_prec_t)prec, mant);
    return x;
}

static unsigned num_prec(lpv_value v)
{
    if (v.flags & LPV_NUM_INT) return v.prec;
    return (unsigned)mpfr_get_prec((mpfr_srcptr)v.u.big);
}

/* An operand as an MPFR number: big values as they are, ints through t. */
static mpfr_srcptr as_big(lpv_value v, bigtmp *t)
{
    if (!(v.flags & LPV_NUM_INT)) return (mpfr_srcptr)v.u.big;
    mpfr_ptr x = tmp_init(t, v.prec < 64 ? 64 : v.prec);
    mpfr_set_si(x, (long)v.u.i, MPFR_RNDN);
    return x;
}

/* Store an MPFR result: exact integers that fit int64 (at precision >= 64)
 * take the fast representation; -0 becomes 0. */
static int num_store(ar_arena *a, mpfr_srcptr x, lpv_value *out)
{
    unsigned prec = (unsigned)mpfr_get_prec(x);
    if (mpfr_zero_p(x)) {
        *out = lpv_int_prec(0, prec);
        return 0;
    }
    if (prec >= 64 && mpfr_integer_p(x) && mpfr_fits_slong_p(x, MPFR_RNDN)) {
        *out = lpv_int_prec(mpfr_get_si(x, MPFR_RNDN), prec);
        return 0;
    }
    mpfr_ptr b = big_alloc(a, prec);
    if (!b) return -1;
    mpfr_set(b, x, MPFR_RNDN);
    lpv_value v = { .kind = LPV_NUMBER };
    v.prec = (uint16_t)prec;
    v.u.big = b;
    *out = v;
    return 0;
}

static int ascii_ieq(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    if (n != m) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != lit[i]) return 0;
    }
    return 1;
}

int lpv_num_parse(ar_arena *a, const char *s, size_t n, lpv_value *out)
{
    size_t i = 0;
    int neg = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    if (ascii_ieq(s + i, n - i, "inf")) {
        mpfr_ptr b = big_alloc(a, LPV_PREC_LITERAL);
        if (!b) return -1;
        mpfr_set_inf(b, neg ? -1 : 1);
        lpv_value v = { .kind = LPV_NUMBER, .prec = LPV_PREC_LITERAL };
        v.u.big = b;
        *out = v;
        return 0;
    }
    /* validate: digits [. digits] [e [sign] digits] */
    size_t start = i, nd = 0;
    int simple = 1;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++, nd++;
    if (i < n && s[i] == '.') {
        simple = 0;
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++, nd++;
    }
    if (nd == 0) return -1;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        simple = 0;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        size_t ed = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++, ed++;
        if (ed == 0) return -1;
    }
    if (i != n) return -1;
    if (simple && nd <= 18) {
        int64_t v = 0;
        for (size_t k = start; k < n; k++) v = v * 10 + (s[k] - '0');
        *out = lpv_int_prec(neg ? -v : v, LPV_PREC_LITERAL);
        return 0;
    }
    /* rounded as Go's big.ParseFloat rounds, which cty uses (numlit.c) */
    bigtmp t;
    mpfr_ptr x = tmp_init(&t, LPV_PREC_LITERAL);
    if (num_go_parse(s + start, n - start, x) != 0) return -1;
    if (neg) mpfr_neg(x, x, MPFR_RNDN);
    return num_store(a, x, out);
}

lpv_value lpv_num_from_double(ar_arena *a, double d)
{
    bigtmp t;
    mpfr_ptr x = tmp_init(&t, LPV_PREC_FLOAT);
    mpfr_set_d(x, d, MPFR_RNDN);
    lpv_value v;
    if (isnan(d) || num_store(a, x, &v) != 0) return lpv_null();
    return v;
}

int lpv_num_is_int(lpv_value v)
{
    if (v.flags & LPV_NUM_INT) return 1;
    return mpfr_integer_p((mpfr_srcptr)v.u.big) != 0;
}

int lpv_num_is_inf(lpv_value v)
{
    if (v.flags & LPV_NUM_INT) return 0;
    mpfr_srcptr x = v.u.big;
    if (!mpfr_inf_p(x)) return 0;
    return mpfr_sgn(x) < 0 ? -1 : 1;
}

int lpv_num_to_i64(lpv_value v, int64_t *out)
{
    if (v.flags & LPV_NUM_INT) {
        *out = v.u.i;
        return 0;
    }
    mpfr_srcptr x = v.u.big;
    if (!mpfr_integer_p(x) || !mpfr_fits_slong_p(x, MPFR_RNDN)) return -1;
    *out = mpfr_get_si(x, MPFR_RNDN);
    return 0;
}

double lpv_num_to_double(lpv_value v)
{
    if (v.flags & LPV_NUM_INT) return (double)v.u.i;
    return mpfr_get_d((mpfr_srcptr)v.u.big, MPFR_RNDN);
}

int lpv_num_sign(lpv_value v)
{
    if (v.flags & LPV_NUM_INT) return v.u.i < 0 ? -1 : v.u.i > 0;
    return mpfr_sgn((mpfr_srcptr)v.u.big);
}

int lpv_num_cmp(lpv_value a, lpv_value b)
{
    if ((a.flags & b.flags & LPV_NUM_INT))
        return a.u.i < b.u.i ? -1 : a.u.i > b.u.i;
    bigtmp ta, tb;
    return mpfr_cmp(as_big(a, &ta), as_big(b, &tb));
}

static unsigned max_prec(lpv_value x, lpv_value y)
{
    unsigned p = num_prec(x), q = num_prec(y);
    return p > q ? p : q;
}

int lpv_num_arith(ar_arena *a, lpv_arith op, lpv_value x, lpv_value y, lpv_value *out)
{
    unsigned prec = max_prec(x, y);
    if (x.flags & y.flags & LPV_NUM_INT) {
        int64_t r;
        switch (op) {
        case LPV_ADD:
            if (!__builtin_add_overflow(x.u.i, y.u.i, &r)) { *out = lpv_int_prec(r, prec); return 0; }
            break;
        case LPV_SUB:
            if (!__builtin_sub_overflow(x.u.i, y.u.i, &r)) { *out = lpv_int_prec(r, prec); return 0; }
            break;
        case LPV_MUL:
            if (!__builtin_mul_overflow(x.u.i, y.u.i, &r)) { *out = lpv_int_prec(r, prec); return 0; }
            break;
        case LPV_DIV:
            if (y.u.i != 0 && !(x.u.i == INT64_MIN && y.u.i == -1) && x.u.i % y.u.i == 0) {
                *out = lpv_int_prec(x.u.i / y.u.i, prec);
                return 0;
            }
            break;
        case LPV_MOD:
            /* cty: x - y*trunc(x/y), at x's precision; x % 0 is x */
            if (y.u.i == 0) { *out = x; return 0; }
            if (y.u.i == -1) { *out = lpv_int_prec(0, num_prec(x)); return 0; }
            *out = lpv_int_prec(x.u.i % y.u.i, num_prec(x));
            return 0;
        }
    }
    bigtmp ta, tb, tr;
    mpfr_srcptr bx = as_big(x, &ta), by = as_big(y, &tb);
    mpfr_ptr r = tmp_init(&tr, prec);   /* (a remainder's is made again at x's precision) */
    switch (op) {
    case LPV_ADD: mpfr_add(r, bx, by, MPFR_RNDN); break;
    case LPV_SUB: mpfr_sub(r, bx, by, MPFR_RNDN); break;
    case LPV_MUL: mpfr_mul(r, bx, by, MPFR_RNDN); break;
    case LPV_DIV: mpfr_div(r, bx, by, MPFR_RNDN); break;
    case LPV_MOD:
    default: {
        if (mpfr_inf_p(bx) || mpfr_inf_p(by)) {
            mpfr_mul(r, bx, by, MPFR_RNDN);
            break;
        }
        if (mpfr_zero_p(by)) { *out = x; return 0; }
        /* q = trunc(x / y) computed as cty does: the quotient rounded at
         * max precision, then its integer part, then x - y*q rounded to x's
         * precision at each step */
        bigtmp tq, tw;
        mpfr_ptr q = tmp_init(&tq, prec);
        mpfr_div(q, bx, by, MPFR_RNDN);
        mpfr_trunc(q, q);
        unsigned px = num_prec(x);
        mpfr_ptr w = tmp_init(&tw, px);
        mpfr_set(w, q, MPFR_RNDN);
        mpfr_mul(w, by, w, MPFR_RNDN);
        r = tmp_init(&tr, px);
        mpfr_sub(r, bx, w, MPFR_RNDN);
        break;
    }
    }
    if (mpfr_nan_p(r)) return -2;
    return num_store(a, r, out);
}

int lpv_num_neg(ar_arena *a, lpv_value x, lpv_value *out)
{
    if ((x.flags & LPV_NUM_INT) && x.u.i != INT64_MIN) {
        *out = lpv_int_prec(-x.u.i, x.prec);
        return 0;
    }
    bigtmp t, tr;
    mpfr_srcptr bx = as_big(x, &t);
    mpfr_ptr r = tmp_init(&tr, num_prec(x));
    mpfr_neg(r, bx, MPFR_RNDN);
    return num_store(a, r, out);
}

int lpv_num_abs(ar_arena *a, lpv_value x, lpv_value *out)
{
    return lpv_num_sign(x) < 0 ? lpv_num_neg(a, x, out) : (*out = x, 0);
}

int lpv_num_round(ar_arena *a, lpv_value x, int mode, lpv_value *out)
{
    if (x.flags & LPV_NUM_INT) {
        *out = x;
        return 0;
    }
    bigtmp tr;
    mpfr_srcptr bx = x.u.big;
    if (mpfr_inf_p(bx)) {
        *out = x;
        return 0;
    }
    mpfr_ptr r = tmp_init(&tr, num_prec(x));
    if (mode < 0) mpfr_floor(r, bx);
    else if (mode > 0) mpfr_ceil(r, bx);
    else mpfr_trunc(r, bx);
    return num_store(a, r, out);
}

/* ---- printing: Go's big.Float.Text('f', -1) */

typedef struct dec {
    char *d;      /* digits, no leading or trailing zeros */
    int n;        /* number of digits */
    long exp;     /* value = 0.d * 10^exp */
} dec;

#define LPV_PRINT_MAX_EXP 100000L   /* |binary exponent| beyond this is not printed */

/* d = m * 2^e exactly (m > 0). */
static int dec_init(ar_arena *a, dec *d, mpz_srcptr m, long e)
{
    mpz_t t;
    mpz_init(t);
    long frac = 0;
    if (e >= 0) {
        mpz_mul_2exp(t, m, (mp_bitcnt_t)e);
    } else {
        mpz_ui_pow_ui(t, 5, (unsigned long)-e);
        mpz_mul(t, t, m);
        frac = -e;
    }
    size_t cap = mpz_sizeinbase(t, 10) + 2;
    char *s = ar_alloc(a, cap);
    if (!s) {
        mpz_clear(t);
        return -1;
    }
    mpz_get_str(s, 10, t);
    mpz_clear(t);
    int n = (int)strlen(s);
    d->d = s;
    d->exp = (long)n - frac;
    while (n > 0 && s[n - 1] == '0') n--;
    d->n = n;
    if (n == 0) d->exp = 0;
    return 0;
}

static char dec_at(const dec *d, long i)
{
    return (i >= 0 && i < d->n) ? d->d[i] : '0';
}

static void dec_trim(dec *d)
{
    while (d->n > 0 && d->d[d->n - 1] == '0') d->n--;
    if (d->n == 0) d->exp = 0;
}

static void dec_round_up(dec *d, int n)
{
    if (n < 0 || n >= d->n) return;
    while (n > 0 && d->d[n - 1] >= '9') n--;
    if (n == 0) {
        d->d[0] = '1';
        d->n = 1;
        d->exp++;
        return;
    }
    d->d[n - 1]++;
    d->n = n;
}

static void dec_round_down(dec *d, int n)
{
    if (n < 0 || n >= d->n) return;
    d->n = n;
    dec_trim(d);
}

static void dec_round(dec *d, int n)
{
    if (n < 0 || n >= d->n) return;
    int up;
    if (d->d[n] == '5' && n + 1 == d->n) up = n > 0 && ((d->d[n - 1] - '0') & 1);
    else up = d->d[n] >= '5';
    if (up) dec_round_up(d, n);
    else dec_round_down(d, n);
}

/* The decimal digits of a finite nonzero number: exact, or (shortest) the
 * shortest that rounds back to it at its precision (Go's roundShortest). */
static int num_dec(ar_arena *a, lpv_value v, int shortest, dec *d, int *neg)
{
    if (v.flags & LPV_NUM_INT) {
        char tmp[24];
        uint64_t u = v.u.i < 0 ? (uint64_t)0 - (uint64_t)v.u.i : (uint64_t)v.u.i;
        *neg = v.u.i < 0;
        int n = 0;
        do tmp[n++] = (char)('0' + u % 10); while ((u /= 10) != 0);
        char *s = ar_alloc(a, (size_t)n + 1);
        if (!s) return -1;
        for (int i = 0; i < n; i++) s[i] = tmp[n - 1 - i];
        d->d = s;
        d->exp = n;
        d->n = n;
        dec_trim(d);
        return 0;
    }
    mpfr_srcptr x = (mpfr_srcptr)v.u.big;
    long prec = (long)mpfr_get_prec(x);
    mpz_t m;
    mpz_init(m);
    long e = (long)mpfr_get_z_2exp(m, x);
    *neg = mpz_sgn(m) < 0;
    mpz_abs(m, m);
    long bl = (long)mpz_sizeinbase(m, 2);
    if (e + bl > LPV_PRINT_MAX_EXP || e < -LPV_PRINT_MAX_EXP) goto fail;
    if (dec_init(a, d, m, e) != 0) goto fail;
    if (shortest) {
        dec lo, hi;
        /* mant: prec+1 bits whose lsb is half an ulp */
        long s = bl - (prec + 1);
        if (s < 0) mpz_mul_2exp(m, m, (mp_bitcnt_t)-s);
        else if (s > 0) mpz_tdiv_q_2exp(m, m, (mp_bitcnt_t)s);
        e += s;
        int inclusive = mpz_tstbit(m, 1) == 0;
        mpz_sub_ui(m, m, 1);
        if (dec_init(a, &lo, m, e) != 0) goto fail;
        mpz_add_ui(m, m, 2);
        if (dec_init(a, &hi, m, e) != 0) goto fail;
        for (int i = 0; i < d->n; i++) {
            char l = dec_at(&lo, i), u = dec_at(&hi, i), c = d->d[i];
            int okdown = l != c || (inclusive && i + 1 == lo.n);
            int okup = c != u && (inclusive || c + 1 < u || i + 1 < hi.n);
            if (okdown && okup) { dec_round(d, i + 1); break; }
            if (okdown) { dec_round_down(d, i + 1); break; }
            if (okup) { dec_round_up(d, i + 1); break; }
        }
    }
    mpz_clear(m);
    return 0;
fail:
    mpz_clear(m);
    return -1;
}

static void fmt_f(lp_buf *b, const dec *d, long prec)
{
    if (d->exp > 0) {
        long k = d->n < d->exp ? d->n : d->exp;
        lp_buf_put(b, d->d, (size_t)k);
        for (; k < d->exp; k++) lp_buf_putc(b, '0');
    } else {
        lp_buf_putc(b, '0');
    }
    if (prec > 0) {
        lp_buf_putc(b, '.');
        for (long i = 0; i < prec; i++) lp_buf_putc(b, dec_at(d, d->exp + i));
    }
}

static void fmt_e(lp_buf *b, const dec *d, long prec, char ech)
{
    lp_buf_putc(b, d->n > 0 ? d->d[0] : '0');
    if (prec > 0) {
        lp_buf_putc(b, '.');
        long i = 1, m = d->n < prec + 1 ? d->n : prec + 1;
        if (i < m) {
            lp_buf_put(b, d->d + 1, (size_t)(m - 1));
            i = m;
        }
        for (; i <= prec; i++) lp_buf_putc(b, '0');
    }
    lp_buf_putc(b, ech);
    long exp = d->n > 0 ? d->exp - 1 : 0;
    lp_buf_putc(b, exp < 0 ? '-' : '+');
    if (exp < 0) exp = -exp;
    lp_buf_printf(b, exp < 10 ? "0%ld" : "%ld", exp);
}

int lpv_num_format(ar_arena *a, lpv_value v, char verb, int prec, lp_buf *b)
{
    int inf = lpv_num_is_inf(v);
    if (inf) {
        lp_buf_puts(b, inf < 0 ? "-Inf" : "+Inf");
        return 0;
    }
    dec d = { "0", 0, 0 };
    int neg = 0;
    int shortest = prec < 0;
    if (lpv_num_sign(v) != 0 && num_dec(a, v, shortest, &d, &neg) != 0) return -1;
    if (neg) lp_buf_putc(b, '-');
    long p = prec;
    if (!shortest) {
        switch (verb) {
        case 'e': case 'E': dec_round(&d, (int)(1 + p)); break;
        case 'f': dec_round(&d, (int)(d.exp + p)); break;
        default:
            if (p == 0) p = 1;
            dec_round(&d, (int)p);
        }
    } else {
        switch (verb) {
        case 'e': case 'E': p = d.n - 1; break;
        case 'f': p = d.n - d.exp > 0 ? d.n - d.exp : 0; break;
        default: p = d.n;
        }
    }
    switch (verb) {
    case 'e':
    case 'E':
        fmt_e(b, &d, p, verb);
        break;
    case 'f':
        fmt_f(b, &d, p);
        break;
    default: {
        long eprec = p;
        if (eprec > d.n && d.n >= d.exp) eprec = d.n;
        if (shortest) eprec = 6;
        long exp = d.exp - 1;
        if (exp < -4 || exp >= eprec) {
            if (p > d.n) p = d.n;
            fmt_e(b, &d, p - 1, verb == 'G' ? 'E' : 'e');
        } else {
            if (p > d.exp) p = d.n;
            fmt_f(b, &d, p - d.exp > 0 ? p - d.exp : 0);
        }
    }
    }
    return b->oom ? -1 : 0;
}

/* Text of a number appended to b; the arena holds scratch digits. */
static int num_text_buf(ar_arena *a, lpv_value v, lp_buf *b)
{
    if (v.flags & LPV_NUM_INT) {
        lp_buf_printf(b, "%lld", (long long)v.u.i);
        return 0;
    }
    return lpv_num_format(a, v, 'f', -1, b);
}

int lpv_num_printable(lpv_value v)
{
    if (v.flags & LPV_NUM_INT) return 1;
    mpfr_srcptr x = (mpfr_srcptr)v.u.big;
    if (mpfr_zero_p(x)) return 1;
    if (!mpfr_number_p(x)) return 0;
    long e = (long)mpfr_get_exp(x);   /* x = 0.1... * 2^e: num_dec's bounds, give or take its mantissa bits */
    return e <= LPV_PRINT_MAX_EXP && e - (long)mpfr_get_prec(x) >= -LPV_PRINT_MAX_EXP;
}

int lpv_num_text(ar_arena *a, lpv_value v, const char **s, size_t *n)
{
    if (v.flags & LPV_NUM_INT) {
        char tmp[32];
        int k = snprintf(tmp, sizeof tmp, "%lld", (long long)v.u.i);
        char *p = ar_strndup(a, tmp, (size_t)k);
        if (!p) return -1;
        *s = p;
        *n = (size_t)k;
        return 0;
    }
    lp_buf b = { 0 };
    /* digits are scratch: put them in the arena before the text */
    int rc = lpv_num_format(a, v, 'f', -1, &b);
    if (rc == 0 && b.oom) rc = -1;
    if (rc == 0) {
        char *p = ar_strndup(a, b.len ? b.data : "", b.len);
        if (!p) rc = -1;
        else {
            *s = p;
            *n = b.len;
        }
    }
    lp_buf_free(&b);
    return rc;
}

/* ------------------------------------------------------------ comparison */

static int equal(lpv_value a, lpv_value b, int unknowns_equal)
{
    if (a.kind == LPV_NULL || b.kind == LPV_NULL) return a.kind == b.kind;
    if (a.kind != b.kind) return 0;
    switch (a.kind) {
    case LPV_UNKNOWN: return unknowns_equal;
    case LPV_BOOL: return a.u.b == b.u.b;
    case LPV_NUMBER: return lpv_num_cmp(a, b) == 0;
    case LPV_STRING: return a.len == b.len && (a.len == 0 || memcmp(a.u.s, b.u.s, a.len) == 0);
    case LPV_TUPLE:
    case LPV_LIST:
    case LPV_SET:
        if (a.len != b.len) return 0;
        for (uint32_t i = 0; i < a.len; i++)
            if (!equal(a.u.elems[i], b.u.elems[i], unknowns_equal)) return 0;
        return 1;
    case LPV_OBJECT:
    case LPV_MAP:
        if (a.len != b.len) return 0;
        for (uint32_t i = 0; i < a.len; i++) {
            const lpv_attr *x = &a.u.attrs[i], *y = &b.u.attrs[i];
            if (si_cmp(x->key, x->klen, y->key, y->klen) != 0) return 0;
            if (!equal(x->val, y->val, unknowns_equal)) return 0;
        }
        return 1;
    default: return 0;
    }
}

int lpv_equal(lpv_value a, lpv_value b) { return equal(a, b, 0); }

int lpv_same(lpv_value a, lpv_value b) { return equal(a, b, 1); }

int lpv_order(lpv_value a, lpv_value b)
{
    if (a.kind != b.kind) return a.kind < b.kind ? -1 : 1;
    switch (a.kind) {
    case LPV_BOOL: return a.u.b - b.u.b;
    case LPV_NUMBER: return lpv_num_cmp(a, b);
    case LPV_STRING: return si_cmp(a.u.s, a.len, b.u.s, b.len);
    case LPV_TUPLE:
    case LPV_LIST:
    case LPV_SET:
        if (a.len != b.len) return a.len < b.len ? -1 : 1;
        for (uint32_t i = 0; i < a.len; i++) {
            int c = lpv_order(a.u.elems[i], b.u.elems[i]);
            if (c) return c;
        }
        return 0;
    case LPV_OBJECT:
    case LPV_MAP:
        if (a.len != b.len) return a.len < b.len ? -1 : 1;
        for (uint32_t i = 0; i < a.len; i++) {
            const lpv_attr *x = &a.u.attrs[i], *y = &b.u.attrs[i];
            int c = si_cmp(x->key, x->klen, y->key, y->klen);
            if (!c) c = lpv_order(x->val, y->val);
            if (c) return c;
        }
        return 0;
    default: return 0;
    }
}

/* ------------------------------------------------------------ conversion */

int lpv_to_string(ar_arena *a, lpv_value v, lpv_value *out, const char **err)
{
    switch (v.kind) {
    case LPV_STRING: *out = v; return 0;
    case LPV_BOOL: *out = v.u.b ? lpv_str_ref("true", 4) : lpv_str_ref("false", 5); return 0;
    case LPV_NUMBER: {
        const char *s;
        size_t n;
        if (lpv_num_text(a, v, &s, &n) != 0) {
            *err = "number too large to convert to a string";
            return -1;
        }
        *out = lpv_str_ref(s, n);
        return 0;
    }
    case LPV_NULL: *err = "null value is not allowed"; return -1;
    default: *err = "string required"; return -1;
    }
}

int lpv_to_number(ar_arena *a, lpv_value v, lpv_value *out, const char **err)
{
    switch (v.kind) {
    case LPV_NUMBER: *out = v; return 0;
    case LPV_STRING:
        if (lpv_num_parse(a, v.u.s, v.len, out) != 0) {
            *err = "a number is required";
            return -1;
        }
        return 0;
    case LPV_NULL: *err = "null value is not allowed"; return -1;
    default: *err = "number required"; return -1;
    }
}

int lpv_to_bool(lpv_value v, lpv_value *out, const char **err)
{
    switch (v.kind) {
    case LPV_BOOL: *out = v; return 0;
    case LPV_STRING:
        if ((v.len == 4 && memcmp(v.u.s, "true", 4) == 0) || (v.len == 1 && v.u.s[0] == '1')) {
            *out = lpv_bool(1);
            return 0;
        }
        if ((v.len == 5 && memcmp(v.u.s, "false", 5) == 0) || (v.len == 1 && v.u.s[0] == '0')) {
            *out = lpv_bool(0);
            return 0;
        }
        *err = "a bool is required";
        return -1;
    case LPV_NULL: *err = "null value is not allowed"; return -1;
    default: *err = "bool required"; return -1;
    }
}

/* ------------------------------------------------------------ copy, output */

static int over_walk(lpv_value v, uint64_t *elems, uint64_t *bytes)
{
    if ((*elems)-- == 0) return 1;
    switch (v.kind) {
    case LPV_STRING:
        if (*bytes < v.len) return 1;
        *bytes -= v.len;
        return 0;
    case LPV_TUPLE:
    case LPV_LIST:
    case LPV_SET:
        for (uint32_t i = 0; i < v.len; i++)
            if (over_walk(v.u.elems[i], elems, bytes)) return 1;
        return 0;
    case LPV_OBJECT:
    case LPV_MAP:
        for (uint32_t i = 0; i < v.len; i++) {
            if (*bytes < v.u.attrs[i].klen) return 1;
            *bytes -= v.u.attrs[i].klen;
            if (over_walk(v.u.attrs[i].val, elems, bytes)) return 1;
        }
        return 0;
    default:
        return 0;
    }
}

int lpv_over(lpv_value v, uint64_t max_elems, uint64_t max_bytes)
{
    return over_walk(v, &max_elems, &max_bytes);
}

int lpv_copy(ar_arena *a, lpv_value v, lpv_value *out)
{
    *out = v;
    switch (v.kind) {
    case LPV_STRING:
        if (v.len) {
            char *p = ar_alloc(a, v.len);
            if (!p) return -1;
            memcpy(p, v.u.s, v.len);
            out->u.s = p;
        }
        return 0;
    case LPV_NUMBER:
        if (!(v.flags & LPV_NUM_INT)) {
            mpfr_ptr b = big_alloc(a, num_prec(v));
            if (!b) return -1;
            mpfr_set(b, (mpfr_srcptr)v.u.big, MPFR_RNDN);
            out->u.big = b;
        }
        return 0;
    case LPV_TUPLE:
    case LPV_LIST:
    case LPV_SET: {
        if (!v.len) return 0;
        lpv_value *e = ar_alloc(a, v.len * sizeof *e);
        if (!e) return -1;
        for (uint32_t i = 0; i < v.len; i++)
            if (lpv_copy(a, v.u.elems[i], &e[i]) != 0) return -1;
        out->u.elems = e;
        return 0;
    }
    case LPV_OBJECT:
    case LPV_MAP: {
        if (!v.len) return 0;
        lpv_attr *at = ar_alloc(a, v.len * sizeof *at);
        if (!at) return -1;
        for (uint32_t i = 0; i < v.len; i++) {
            char *k = ar_alloc(a, v.u.attrs[i].klen + 1);
            if (!k) return -1;
            memcpy(k, v.u.attrs[i].key, v.u.attrs[i].klen);
            k[v.u.attrs[i].klen] = 0;
            at[i].key = k;
            at[i].klen = v.u.attrs[i].klen;
            if (lpv_copy(a, v.u.attrs[i].val, &at[i].val) != 0) return -1;
        }
        out->u.attrs = at;
        return 0;
    }
    default: return 0;
    }
}

static int write_value(lp_buf *b, lpv_value v, int hcl, int depth)
{
    if (depth > 512) return -1;
    switch (v.kind) {
    case LPV_NULL:
    case LPV_UNKNOWN: lp_buf_puts(b, "null"); return 0;
    case LPV_BOOL: lp_buf_puts(b, v.u.b ? "true" : "false"); return 0;
    case LPV_NUMBER: {
        ar_arena scratch;
        ar_init(&scratch, 4096);
        int rc = num_text_buf(&scratch, v, b);
        ar_free(&scratch);
        return rc;
    }
    case LPV_STRING: lp_json_str(b, v.u.s, v.len); return 0;
    case LPV_TUPLE:
    case LPV_LIST:
    case LPV_SET:
        lp_buf_putc(b, '[');
        for (uint32_t i = 0; i < v.len; i++) {
            if (i) lp_buf_puts(b, hcl ? ", " : ",");
            if (write_value(b, v.u.elems[i], hcl, depth + 1) != 0) return -1;
        }
        lp_buf_putc(b, ']');
        return 0;
    case LPV_OBJECT:
    case LPV_MAP:
        lp_buf_putc(b, '{');
        for (uint32_t i = 0; i < v.len; i++) {
            if (i) lp_buf_puts(b, hcl ? ", " : ",");
            lp_json_str(b, v.u.attrs[i].key, v.u.attrs[i].klen);
            lp_buf_puts(b, hcl ? " = " : ":");
            if (write_value(b, v.u.attrs[i].val, hcl, depth + 1) != 0) return -1;
        }
        lp_buf_putc(b, '}');
        return 0;
    default: return -1;
    }
}

int lpv_json(lp_buf *b, lpv_value v)
{
    int rc = write_value(b, v, 0, 0);
    return rc == 0 && !b->oom ? 0 : -1;
}

int lpv_hcl(lp_buf *b, lpv_value v)
{
    int rc = write_value(b, v, 1, 0);
    return rc == 0 && !b->oom ? 0 : -1;
}

/* ------------------------------------------------------------ packed form */

/* A value as bytes (native order, unaligned reads): one kind byte, then
 *   bool: 1 byte; string: u32 length, bytes;
 *   number: u8 flags, u16 prec, then an int64 (LPV_NUM_INT) or the MPFR
 *   number whole (i32 kind, i64 exponent, its significand's limbs): exact;
 *   tuple/list/set: u32 count, the elements; object/map: u32 count, then
 *   per attribute u32 key length, key bytes, value; null, unknown: nothing. */
static void put_u32(lp_buf *b, uint32_t x) { lp_buf_put(b, (const char *)&x, sizeof x); }

int lpv_pack(lp_buf *b, lpv_value v, unsigned depth)
{
    if (depth > LPV_PACK_DEPTH) return -1;
    lp_buf_putc(b, (char)v.kind);
    switch (v.kind) {
    case LPV_BOOL: lp_buf_putc(b, (char)(v.u.b != 0)); break;
    case LPV_STRING:
        put_u32(b, v.len);
        lp_buf_put(b, v.u.s, v.len);
        break;
    case LPV_NUMBER: {
        lp_buf_putc(b, (char)(v.flags & LPV_NUM_INT));
        lp_buf_put(b, (const char *)&v.prec, sizeof v.prec);
        if (v.flags & LPV_NUM_INT) {
            lp_buf_put(b, (const char *)&v.u.i, sizeof v.u.i);
            break;
        }
        mpfr_srcptr x = (mpfr_srcptr)v.u.big;
        mpfr_prec_t prec = mpfr_get_prec(x);
        int32_t kind = (int32_t)mpfr_custom_get_kind(x);
        int64_t exp = mpfr_regular_p(x) ? (int64_t)mpfr_custom_get_exp(x) : 0;
        uint32_t p32 = (uint32_t)prec;
        put_u32(b, p32);
        lp_buf_put(b, (const char *)&kind, sizeof kind);
        lp_buf_put(b, (const char *)&exp, sizeof exp);
        lp_buf_put(b, (const char *)mpfr_custom_get_significand(x), mpfr_custom_get_size(prec));
        break;
    }
    case LPV_TUPLE:
    case LPV_LIST:
    case LPV_SET:
        put_u32(b, v.len);
        for (uint32_t i = 0; i < v.len; i++)
            if (lpv_pack(b, v.u.elems[i], depth + 1) != 0) return -1;
        break;
    case LPV_OBJECT:
    case LPV_MAP:
        put_u32(b, v.len);
        for (uint32_t i = 0; i < v.len; i++) {
            put_u32(b, v.u.attrs[i].klen);
            lp_buf_put(b, v.u.attrs[i].key, v.u.attrs[i].klen);
            if (lpv_pack(b, v.u.attrs[i].val, depth + 1) != 0) return -1;
        }
        break;
    case LPV_NULL:
    case LPV_UNKNOWN: break;
    default: return -1;
    }
    return b->oom ? -1 : 0;
}

typedef struct unpacker {
    const uint8_t *p;
    size_t n, pos;
} unpacker;

static int take(unpacker *u, void *dst, size_t k)
{
    if (k > u->n - u->pos) return -1;
    memcpy(dst, u->p + u->pos, k);
    u->pos += k;
    return 0;
}

/* bytes from the arena for what is unpacked; NULL, and *oom set, when the arena has none (the
 * caller fails as it does on bad input, and lpv_unpack tells the two apart by *oom) */
static void *unpack_alloc(ar_arena *a, size_t bytes, int *oom)
{
    void *p = ar_alloc(a, bytes);
    if (!p) *oom = 1;
    return p;
}

/* A string's bytes copied into the arena, NUL-terminated (keys are used as C strings). */
static int take_str(unpacker *u, ar_arena *a, const char **s, uint32_t *len, int *oom)
{
    uint32_t n;
    if (take(u, &n, sizeof n) != 0 || n > u->n - u->pos) return -1;
    char *d = unpack_alloc(a, (size_t)n + 1, oom);
    if (!d) return -1;
    memcpy(d, u->p + u->pos, n);
    d[n] = 0;
    u->pos += n;
    *s = d;
    *len = n;
    return 0;
}

static int unpack(unpacker *u, ar_arena *a, unsigned depth, lpv_value *out, int *oom)
{
    uint8_t kind;
    if (depth > LPV_PACK_DEPTH || take(u, &kind, 1) != 0) return -1;
    lpv_value v = { .kind = kind };
    switch (kind) {
    case LPV_NULL:
    case LPV_UNKNOWN: break;
    case LPV_BOOL: {
        uint8_t x;
        if (take(u, &x, 1) != 0 || x > 1) return -1;
        v.u.b = x;
        break;
    }
    case LPV_STRING:
        if (take_str(u, a, &v.u.s, &v.len, oom) != 0) return -1;
        break;
    case LPV_NUMBER: {
        uint8_t fl;
        if (take(u, &fl, 1) != 0 || fl > LPV_NUM_INT || take(u, &v.prec, sizeof v.prec) != 0) return -1;
        v.flags = fl;
        if (fl & LPV_NUM_INT) {
            if (take(u, &v.u.i, sizeof v.u.i) != 0) return -1;
            break;
        }
        uint32_t prec;
        int32_t mk;
        int64_t exp;
        if (take(u, &prec, sizeof prec) != 0 || take(u, &mk, sizeof mk) != 0 ||
            take(u, &exp, sizeof exp) != 0)
            return -1;
        /* only what big_alloc makes: a clamped precision, the value's own; no NaN */
        if (prec < MPFR_PREC_MIN || prec > LPV_PREC_MAX || prec != v.prec) return -1;
        int ak = mk < 0 ? -mk : mk;
        if (ak != MPFR_ZERO_KIND && ak != MPFR_INF_KIND && ak != MPFR_REGULAR_KIND) return -1;
        size_t sz = mpfr_custom_get_size((mpfr_prec_t)prec);
        if (sz > u->n - u->pos) return -1;
        char *mem = unpack_alloc(a, sizeof(__mpfr_struct) + sz, oom);
        if (!mem) return -1;
        mp_limb_t *mant = (mp_limb_t *)(void *)(mem + sizeof(__mpfr_struct));
        memcpy(mant, u->p + u->pos, sz);
        u->pos += sz;
        if (ak == MPFR_REGULAR_KIND) {
            /* normalised: the top bit set, the bits below the precision clear, the exponent in range */
            size_t nl = ((size_t)prec + GMP_NUMB_BITS - 1) / GMP_NUMB_BITS;
            unsigned spare = (unsigned)(nl * GMP_NUMB_BITS - prec);
            if (!(mant[nl - 1] >> (GMP_NUMB_BITS - 1))) return -1;
            if (spare && (mant[0] & (((mp_limb_t)1 << spare) - 1))) return -1;
            if (exp < (int64_t)mpfr_get_emin() || exp > (int64_t)mpfr_get_emax()) return -1;
        } else {
            exp = 0;
        }
        mpfr_ptr x = (mpfr_ptr)(void *)mem;
        mpfr_custom_init_set(x, mk, (mpfr_exp_t)exp, (mpfr_prec_t)prec, mant);
        v.u.big = x;
        break;
    }
    case LPV_TUPLE:
    case LPV_LIST:
    case LPV_SET: {
        uint32_t n;
        if (take(u, &n, sizeof n) != 0 || n > u->n - u->pos) return -1;   /* each takes a byte at least */
        v.len = n;
        if (!n) break;
        lpv_value *e = unpack_alloc(a, (size_t)n * sizeof *e, oom);
        if (!e) return -1;
        for (uint32_t i = 0; i < n; i++) {
            if (unpack(u, a, depth + 1, &e[i], oom) != 0) return -1;
            if (kind == LPV_SET && i && lpv_order(e[i - 1], e[i]) >= 0) return -1;   /* sorted, unique */
        }
        v.u.elems = e;
        break;
    }
    case LPV_OBJECT:
    case LPV_MAP: {
        uint32_t n;
        if (take(u, &n, sizeof n) != 0 || n > (u->n - u->pos) / 5) return -1;
        v.len = n;
        if (!n) break;
        lpv_attr *at = unpack_alloc(a, (size_t)n * sizeof *at, oom);
        if (!at) return -1;
        for (uint32_t i = 0; i < n; i++) {
            if (take_str(u, a, &at[i].key, &at[i].klen, oom) != 0) return -1;
            if (i) {   /* sorted by key bytes, unique: lookups bisect */
                uint32_t k = at[i - 1].klen < at[i].klen ? at[i - 1].klen : at[i].klen;
                int c = memcmp(at[i - 1].key, at[i].key, k);
                if (c > 0 || (c == 0 && at[i - 1].klen >= at[i].klen)) return -1;
            }
            if (unpack(u, a, depth + 1, &at[i].val, oom) != 0) return -1;
        }
        v.u.attrs = at;
        break;
    }
    default: return -1;
    }
    *out = v;
    return 0;
}

int lpv_unpack(ar_arena *a, const void *p, size_t n, size_t *pos, lpv_value *out)
{
    if (*pos > n) return -1;
    unpacker u = { p, n, *pos };
    int oom = 0;
    if (unpack(&u, a, 0, out, &oom) != 0) return oom ? -2 : -1;
    *pos = u.pos;
    return 0;
}
