/* hcl_parse.c — recursive-descent parser for HCL native syntax (contract: hcl_ast.h).
 *
 * Modelled closely on hashicorp/hcl's hclsyntax (parser.go, parser_template.go,
 * peeker.go) so that we accept and reject the same inputs, report the same
 * first error at the same place, and recover from errors the same way: the
 * partial tree left after an error is what the workspace index reads.
 *
 * Memory: everything goes into the caller's arena.  Lists whose length is not
 * known in advance are collected on a scratch stack (itself in the arena) and
 * copied out once complete; nested constructs share it LIFO.  Strings that need
 * no decoding point into the source.  NFC normalisation runs only on strings
 * with non-ASCII bytes that a quick check cannot clear, through x/text's
 * algorithm at Unicode 13.0 (unicode_nfc.c) into arena buffers.
 *
 * Depth: nesting is bounded by HCL_MAX_DEPTH; deeper input gets "Nesting too
 * deep" and parsing stops there (the parser parks on EOF), so the C stack
 * stays small whatever the input.  Running out of memory unwinds with longjmp.
 */
#include <lazypipe.h>

#include "base/numlit.h"
#include "hcl/hcl_ast.h"
#include "hcl/hcl_lex.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define TK_NIL HCL_TOK__COUNT            /* "no bracket": matches no token type */
#define NL_MAX (HCL_MAX_DEPTH * 4 + 16)  /* ≤ 2 pushes per depth level, with room */

typedef struct ptok {
    uint32_t i;   /* token index */
    uint32_t t;   /* effective type (a line comment may stand for a newline) */
} ptok;

typedef struct parser {
    const char *name;
    const char *src;
    uint32_t len;
    const hcl_token *tok;
    uint32_t ntok;
    uint32_t next;            /* index of the next unread token (peeker.NextIndex) */
    uint32_t nl_n;            /* newline-significance stack depth */
    int recovery;             /* upstream's recovery mode: suppresses follow-on errors */
    int abort;                /* nesting too deep: parked on EOF, no more diagnostics */
    uint32_t depth;
    uint32_t nerr;            /* error diagnostics so far ("diags.HasErrors()" by difference) */
    ar_arena *a;
    hcl_diag *diags;
    uint32_t ndiags, cap_diags;
    uint32_t diag_limit;      /* kept at most (HCL_MAX_DIAGS, more for the lexer pass) */
    uint32_t nmore;           /* found past diag_limit: only counted */
    hcl_range more_at;        /* the first of those */
    int nul_decoded;          /* a \u0000 escape was decoded (hcl_file.nul_decoded) */
    ar_arena *t;              /* the scratch stack, bracket stack and tokens (hcl_parse_split) */
    char *ss;                 /* scratch stack */
    size_t ss_len, ss_cap;
    uint8_t *ostk;            /* bracket stack of recover_after_item */
    size_t ostk_cap;
    jmp_buf oom;
    uint8_t nl[NL_MAX];
} parser;

/* ------------------------------------------------------------ memory */

static void *p_alloc(parser *p, size_t n)
{
    void *r = ar_alloc(p->a, n ? n : 1);
    if (!r) longjmp(p->oom, 1);
    return r;
}

static void *p_zalloc(parser *p, size_t n)
{
    void *r = p_alloc(p, n);
    memset(r, 0, n);
    return r;
}

#define SS_ALIGN(n) (((n) + 7u) & ~(size_t)7u)

static inline void ss_push(parser *p, const void *item, size_t size)
{
    size_t need = SS_ALIGN(size);
    if (p->ss_len + need > p->ss_cap) {
        size_t cap = p->ss_cap ? p->ss_cap * 2 : 4096;
        while (cap < p->ss_len + need) cap *= 2;
        char *n = ar_alloc(p->t, cap);
        if (!n) longjmp(p->oom, 1);
        if (p->ss_len) memcpy(n, p->ss, p->ss_len);
        p->ss = n;   /* the old buffer stays in the arena: growth is geometric */
        p->ss_cap = cap;
    }
    memcpy(p->ss + p->ss_len, item, size);
    p->ss_len += need;
}

/* Copy the items pushed since `mark` (each `size` bytes) into the arena; pop them. */
static void *ss_take(parser *p, size_t mark, size_t size, uint32_t *n)
{
    size_t stride = SS_ALIGN(size);
    uint32_t cnt = (uint32_t)((p->ss_len - mark) / stride);
    void *out = NULL;
    if (cnt) {
        out = p_alloc(p, (size_t)cnt * size);
        if (stride == size) memcpy(out, p->ss + mark, (size_t)cnt * size);
        else
            for (uint32_t i = 0; i < cnt; i++)
                memcpy((char *)out + (size_t)i * size, p->ss + mark + (size_t)i * stride, size);
    }
    p->ss_len = mark;
    *n = cnt;
    return out;
}

static const char *p_fmt(parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *p_fmt(parser *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return "";
    char *s = p_alloc(p, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* ------------------------------------------------------------ text helpers */

/* Fast paths for the non-ASCII text real mods hold (NBSP, accented Latin, §,
 * ©, curly quotes, dashes, em spaces, …, •, ™, ₹, arrows): code points of
 * U+0080..U+02FF (2 bytes, lead C2..CB) and U+2000..U+2BFF (3 bytes, lead
 * E2 80..AF) are decoded inline.  tests/test_unicode_fast.c checks every
 * code point hcl_unicode_fast accepts against utf8proc's own properties. */

/* Code point of the well-formed sequence at u[0..n) when it is in those
 * ranges (its length in *k), else -1. */
static inline int32_t fast_cp(const unsigned char *u, size_t n, size_t *k)
{
    if (u[0] >= 0xC2 && u[0] <= 0xCB) {
        if (n < 2 || (u[1] & 0xC0) != 0x80) return -1;
        *k = 2;
        return (int32_t)((u[0] & 0x1Fu) << 6 | (u[1] & 0x3Fu));
    }
    if (u[0] != 0xE2 || n < 3 || u[1] < 0x80 || u[1] > 0xAF || (u[2] & 0xC0) != 0x80) return -1;
    *k = 3;
    return (int32_t)(0x2000u | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu));
}

/* Grapheme_Cluster_Break Other, Control or Extended_Pictographic (utf8proc
 * 2.8 boundclasses): with ASCII or another such code point after it there is
 * a boundary between them (GB4, GB5, GB999; GB9-GB13 need Extend, ZWJ,
 * SpacingMark, Prepend, Hangul or Regional_Indicator on one side).  In the
 * fast ranges only ZWNJ, ZWJ and the combining marks for symbols
 * (U+20D0..U+20F0) are not. */
static inline int gcb_simple(int32_t cp)
{
    return cp < 0x300 || (cp != 0x200C && cp != 0x200D && (cp < 0x20D0 || cp > 0x20F0));
}

/* Would nfc_stable's utf8proc path let it pass?  Below U+0300 by its own
 * rule (never a combining second); from U+2000 where utf8proc gives
 * combining class 0, no part in any canonical composition, no exclusion and
 * no canonical decomposition: one bit a code point for U+2000..U+23FF, and
 * in U+2400..U+2BFF all but U+2ADC and U+2ADD. */
static const uint64_t nfc_simple_bits[16] = {
    0xfffffffffffffffcu, 0xffffffffffffffffu, 0xffffffffffffffffu, 0xfffe001de000ffffu,
    0xfffff3bfffffffffu, 0xffffffffffffffffu, 0xffffbffff3eaffffu, 0xffffffffffea1fffu,
    0xefffff87ffffe4e7u, 0xc0001fc8ffffdc45u, 0xffc304fbfff9fc00u, 0xffffc3f0ffffffffu,
    0xfffff9ffffffffffu, 0xffffffffffffffffu, 0xffffffffffffffffu, 0xffffffffffffffffu,
};

static inline int nfc_simple(int32_t cp)
{
    if (cp < 0x300) return 1;
    if (cp < 0x2400) return (int)(nfc_simple_bits[(cp - 0x2000) >> 6] >> (cp & 63) & 1);
    return cp != 0x2ADC && cp != 0x2ADD;
}

int hcl_unicode_fast(int32_t cp)
{
    unsigned char u[3];
    size_t n, k = 0;
    if (cp >= 0x80 && cp < 0x800) {
        u[0] = (unsigned char)(0xC0 | cp >> 6);
        u[1] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp >= 0x800 && cp < 0x10000) {
        u[0] = (unsigned char)(0xE0 | cp >> 12);
        u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 3;
    } else
        return 0;
    if (fast_cp(u, n, &k) != cp) return 0;
    return (gcb_simple(cp) ? HCL_FAST_CLUSTER : 0) | (nfc_simple(cp) ? HCL_FAST_NFC : 0);
}

/* Length of the code point at u[0..n) if it is ASCII or in the fast ranges
 * and gcb_simple, else 0. */
static inline size_t simple_len(const unsigned char *u, size_t n)
{
    if (u[0] < 0x80) return 1;
    size_t k;
    int32_t cp = fast_cp(u, n, &k);
    return cp >= 0 && gcb_simple(cp) ? k : 0;
}

/* cluster_len through utf8proc: each code point's boundclass and the break
 * rules, from a fresh state at the cluster's start. */
static size_t cluster_len_slow(const char *s, size_t n) __attribute__((noinline));
static size_t cluster_len_slow(const char *s, size_t n)
{
    utf8proc_int32_t prev, cp, state = 0;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &prev);
    if (k < 1) return 1;
    size_t i = (size_t)k;
    while (i < n) {
        utf8proc_ssize_t m =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (m < 1 || utf8proc_grapheme_break_stateful(prev, cp, &state)) break;
        prev = cp;
        i += (size_t)m;
    }
    return i;
}

/* Bytes of the grapheme cluster that starts s[0..n), n > 0. */
static inline size_t cluster_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k;
    if (u[0] == '\r') return n > 1 && u[1] == '\n' ? 2 : 1;   /* GB3, GB4 */
    if (!(k = simple_len(u, n))) return cluster_len_slow(s, n);
    /* ASCII (not CR) or simple, then ASCII or simple: a boundary between */
    if (k == n || u[k] < 0x80 || simple_len(u + k, n - k)) return k;
    return cluster_len_slow(s, n);
}

static uint32_t count_clusters(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c = 0;
    size_t i = 0;
    while (i < n) {
#ifdef __SSE2__
        /* ASCII without CR, 16 bytes at a time: one cluster a byte, except
         * that what follows the last byte before anything else may extend it */
        const __m128i cr = _mm_set1_epi8('\r');
        size_t z = 0;
        while (i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, cr)));
            if (!m && (i + 16 == n || u[i + 16] < 0x80)) {
                i += 16;
                c += 16;
                continue;
            }
            z = m ? (size_t)__builtin_ctz(m) : 16;
            break;
        }
        if (i + 16 > n && n >= 16 && i < n) {   /* the tail: the last 16 bytes, overlapping */
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
            unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, cr))) >> (i + 16 - n);
            if (!m) return c + (uint32_t)(n - i);
            z = (size_t)__builtin_ctz(m);
        }
        if (z > 1) {
            i += z - 1;
            c += (uint32_t)(z - 1);
        }
        if (i >= n) break;
#endif
        i += cluster_len(s + i, n - i);
        c++;
    }
    return c;
}

uint32_t hcl_count_clusters(const char *s, size_t n) { return count_clusters(s, n); }

/* Bytes of the first k grapheme clusters of s[0..n). */
static size_t skip_clusters(const char *s, size_t n, uint32_t k)
{
    size_t b = 0;
    for (; k && b < n; k--) b += cluster_len(s + b, n - b);
    return b;
}

/* Go's unicode.IsSpace. */
static int is_uspace(int32_t c)
{
    switch (c) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
        return 1;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

/* Length of the leading run of Unicode white space. */
static size_t space_prefix(hcl_str s)
{
    size_t i = 0;
    while (i < s.len) {
        unsigned char c = (unsigned char)s.p[i];
        if (c < 0x80) {
            if (!is_uspace(c)) break;
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s.p + i, (utf8proc_ssize_t)(s.len - i), &cp);
        if (k < 1 || !is_uspace(cp)) break;
        i += (size_t)k;
    }
    return i;
}

static hcl_str trim_left(hcl_str s)
{
    size_t k = space_prefix(s);
    s.p += k;
    s.len -= (uint32_t)k;
    return s;
}

static hcl_str trim_right(hcl_str s)
{
    while (s.len) {
        unsigned char c = (unsigned char)s.p[s.len - 1];
        if (c < 0x80) {
            if (!is_uspace(c)) break;
            s.len--;
            continue;
        }
        uint32_t st = s.len - 1;
        while (st > 0 && s.len - st < 4 && ((unsigned char)s.p[st] & 0xC0) == 0x80) st--;
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s.p + st, (utf8proc_ssize_t)(s.len - st), &cp);
        if (k != (utf8proc_ssize_t)(s.len - st) || !is_uspace(cp)) break;
        s.len = st;
    }
    return s;
}

/* Could NFC change s?  Only if some code point may combine with a neighbour
 * or has a canonical decomposition (UAX #15 quick check, conservatively):
 * curly quotes, dashes, spaces and most text pass without any work.  ASCII
 * is skipped 16 bytes at a time and nfc_simple code points without utf8proc,
 * since descriptions are long and mostly ASCII around a few quotes. */
static int nfc_stable(hcl_str s)
{
    const unsigned char *u = (const unsigned char *)s.p;
    size_t i = 0, n = s.len;
    while (i < n) {
#ifdef __SSE2__
        for (; i + 16 <= n; i += 16) {
            unsigned m = (unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(u + i)));
            if (m) {
                i += (size_t)__builtin_ctz(m);
                break;
            }
        }
#endif
        while (i < n && u[i] < 0x80) i++;
        if (i == n) break;
        size_t k;
        int32_t fc = fast_cp(u + i, n - i, &k);
        if (fc >= 0 && nfc_simple(fc)) {
            i += k;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t r = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
        if (r < 1) return 1;   /* invalid UTF-8 (already reported): leave the bytes alone */
        i += (size_t)r;
        if (cp < 0x300) continue;   /* Latin-1 and Latin Extended: never a combining second */
        if (cp >= 0x1100 && cp < 0x1200) return 0;   /* conjoining jamo */
        const utf8proc_property_t *pr = utf8proc_get_property(cp);
        if (pr->combining_class || pr->comb_index != UINT16_MAX || pr->comp_exclusion ||
            (pr->decomp_seqindex != UINT16_MAX && pr->decomp_type == 0))
            return 0;
    }
    return 1;
}

int hcl_nfc(ar_arena *a, hcl_str s, hcl_str *out)
{
    *out = s;
    if (nfc_stable(s)) return 0;
    return hcl_nfc_full(a, s, out);
}

static hcl_str nfc(parser *p, hcl_str s)
{
    hcl_str r;
    if (hcl_nfc(p->a, s, &r) != 0) longjmp(p->oom, 1);
    return r;
}

static int ishex(int c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int hexval(int c)
{
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* Bytes of the UTF-8 sequence at s (as Ragel's AnyUTF8 matches it), 0 if none. */
static size_t utf8_any(const unsigned char *s, size_t n)
{
    size_t k;
    if (s[0] < 0x80) return 1;
    else if (s[0] >= 0xC0 && s[0] <= 0xDF) k = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF) k = 3;
    else if (s[0] >= 0xF0 && s[0] <= 0xF7) k = 4;
    else return 0;
    if (n < k) return 0;
    for (size_t i = 1; i < k; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    return k;
}

static size_t utf8_put(char *o, uint32_t cp)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The literal checks below compare a log2 with the int32 bounds of Go's binary exponent.  A rough
 * log2, within 0.09, decides unless the sum is within 2 of a bound; there MPFR's correctly rounded one
 * does.  That costs microseconds (its log 2 constant is computed again per call, numlit.c), and libm's
 * log2 would map one more library into every process. */
static int near_int32_bound(double v)
{
    return fabs(v - 2147483647.0) < 2 || fabs(v + 2147483648.0) < 2 || fabs(v + 2147483649.0) < 2;
}

/* log2(x) for x > 0 within 0.09: x = m 2^e, m in [0.5, 1), and log2(2m) taken as 2m - 1 */
static double log2_rough(double x)
{
    int e;
    double m = frexp(x, &e);
    return e - 1 + (2 * m - 1);
}

/* Would cty.ParseNumberVal (Go's big.ParseFloat, base 10, 512 bits) accept
 * what the lexer gives us?  Its grammar: digits, an optional fraction
 * (possibly empty: "1.e5"), an optional exponent.  Beyond the grammar Go
 * rejects an exponent that does not fit int64 and a value whose binary
 * exponent leaves int32 ("exponent overflow"); zero is always fine. */
static int number_ok(const char *s, uint32_t n)
{
    uint32_t i = 0, frac = 0, first_nz = UINT32_MAX, ndig = 0;
    if (!n || s[0] < '0' || s[0] > '9') return 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, ndig++)
        if (s[i] != '0' && first_nz == UINT32_MAX) first_nz = ndig;
    if (i < n && s[i] == '.') {
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, ndig++, frac++)
            if (s[i] != '0' && first_nz == UINT32_MAX) first_nz = ndig;
    }
    double exp = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int neg = 0;
        if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
        if (i >= n || s[i] < '0' || s[i] > '9') return 0;
        uint64_t e = 0;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
            if (e > (UINT64_MAX - 9) / 10) return 0;
            e = e * 10 + (uint64_t)(s[i] - '0');
        }
        if (e > (uint64_t)INT64_MAX + (uint64_t)neg) return 0;   /* strconv.ParseInt(…, 64) */
        exp = neg ? -(double)e : (double)e;
    }
    if (i != n) return 0;
    if (first_nz == UINT32_MAX) return 1;   /* zero */
    /* bit length of the digits as an integer, from its leading digits */
    uint32_t sig = ndig - first_nz;
    double lead = 0;
    uint32_t taken = 0;
    for (uint32_t k = 0; k < n && taken < 17; k++) {
        if (s[k] < '0' || s[k] > '9') {
            if (s[k] == '.') continue;
            break;
        }
        if (lead == 0 && s[k] == '0') continue;
        lead = lead * 10 + (s[k] - '0');
        taken++;
    }
    double a = (double)(sig - taken) * 3.321928094887362, b = exp - (double)frac;
    double exp2 = floor(log2_rough(lead) + a) + 1 + b;
    if (near_int32_bound(exp2)) exp2 = floor(num_log2(lead) + a) + 1 + b;
    return exp2 >= -2147483648.0 && exp2 <= 2147483647.0;
}

/* log2 of a literal's value from its leading digits, digit count and
 * exponent; -HUGE_VAL for zero. */
static double number_log2(hcl_str t)
{
    double lead = 0, exp = 0;
    long sig = 0, frac = 0;
    int taken = 0, in_frac = 0;
    uint32_t i = 0;
    for (; i < t.len; i++) {
        char c = t.p[i];
        if (c == '.') {
            in_frac = 1;
            continue;
        }
        if (c < '0' || c > '9') break;
        if (in_frac) frac++;
        if (lead == 0 && c == '0') continue;
        sig++;
        if (taken < 17) {
            lead = lead * 10 + (c - '0');
            taken++;
        }
    }
    if (lead == 0) return -HUGE_VAL;
    if (i < t.len && (t.p[i] == 'e' || t.p[i] == 'E')) {
        int neg = 0;
        i++;
        if (i < t.len && (t.p[i] == '+' || t.p[i] == '-')) neg = t.p[i++] == '-';
        for (; i < t.len && t.p[i] >= '0' && t.p[i] <= '9'; i++)
            if (exp < 1e300) exp = exp * 10 + (t.p[i] - '0');
        if (neg) exp = -exp;
    }
    double rest = ((double)(sig - taken) + exp - (double)frac) * 3.321928094887362;
    double l2 = log2_rough(lead) + rest;
    return near_int32_bound(l2) ? num_log2(lead) + rest : l2;
}

int hcl_number_overflows(hcl_str t) { return number_log2(t) >= 2147483647.0; }

int hcl_number_underflows(hcl_str t)
{
    double l2 = number_log2(t);
    return l2 != -HUGE_VAL && l2 < -2147483649.0;   /* below 2^(MinExp - 1): Go rounds to 0 */
}

/* ------------------------------------------------------------ tokens, ranges */

static inline int gap_blank(const char *s, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t') return 0;
    return 1;
}

static void advance_pos(const char *s, size_t n, uint32_t *line, uint32_t *col)
{
    for (size_t i = 0; i < n;) {
        size_t k = cluster_len(s + i, n - i);
        if ((k == 1 && s[i] == '\n') || (k == 2 && s[i] == '\r' && s[i + 1] == '\n')) {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
        i += k;
    }
}

/* A token's range.  Its end is where the next token starts, less the blanks
 * between them (only spaces and tabs separate tokens); else count it out. */

static inline hcl_range tok_range(const parser *p, uint32_t i)
{
    const hcl_token *t = &p->tok[i];
    hcl_range r = { t->off, t->off + t->len, t->line, t->col, t->line, t->col };
    if (i + 1 < p->ntok) {
        const hcl_token *n = &p->tok[i + 1];
        if (n->off >= r.end) {
            uint32_t gap = n->off - r.end;
            if (gap < n->col && (gap == 0 || gap_blank(p->src + r.end, gap))) {
                r.end_line = n->line;
                r.end_col = n->col - gap;
                return r;
            }
        }
    }
    advance_pos(p->src + t->off, t->len, &r.end_line, &r.end_col);
    return r;
}

static hcl_range between(hcl_range a, hcl_range b)
{
    a.end = b.end;
    a.end_line = b.end_line;
    a.end_col = b.end_col;
    return a;
}

static hcl_range range_start(hcl_range r)   /* zero-width range at r's start */
{
    r.end = r.start;
    r.end_line = r.line;
    r.end_col = r.col;
    return r;
}

static hcl_range range_end(hcl_range r)     /* zero-width range at r's end */
{
    r.start = r.end;
    r.line = r.end_line;
    r.col = r.end_col;
    return r;
}

static hcl_str tok_str(const parser *p, uint32_t i)
{
    hcl_str s = { p->src + p->tok[i].off, p->tok[i].len };
    return s;
}

static int str_is(hcl_str s, const char *kw)
{
    size_t n = strlen(kw);
    return s.len == n && memcmp(s.p, kw, n) == 0;
}

static int is_kw(const parser *p, ptok t, const char *kw)
{
    return t.t == HCL_TOK_IDENT && str_is(tok_str(p, t.i), kw);
}

/* hcl.Range.String(): "file:L,C-EC" or "file:L,C-EL,EC". */
static const char *range_string(parser *p, hcl_range r)
{
    if (r.line == r.end_line) return p_fmt(p, "%s:%u,%u-%u", p->name, r.line, r.col, r.end_col);
    return p_fmt(p, "%s:%u,%u-%u,%u", p->name, r.line, r.col, r.end_line, r.end_col);
}

/* Go's %q (strconv.Quote as of the Go that built hcl2json 0.21.0, which
 * still wrote DEL as \u007f): printable runes (letters, marks, numbers,
 * punctuation, symbols, ASCII space) as they are, C escapes for \a..\r,
 * \xHH below 0x20 and for invalid bytes, else \uHHHH or \UHHHHHHHH. */
static const char *quote(parser *p, hcl_str s)
{
    char *o = p_alloc(p, (size_t)s.len * 10 + 3);
    size_t k = 0;
    o[k++] = '"';
    for (uint32_t i = 0; i < s.len;) {
        utf8proc_int32_t c;
        const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s.p + i;
        utf8proc_ssize_t w = utf8proc_iterate(u, (utf8proc_ssize_t)(s.len - i), &c);
        if (w <= 0) {
            k += (size_t)snprintf(o + k, 5, "\\x%02x", (unsigned char)s.p[i]);
            i++;
            continue;
        }
        utf8proc_category_t cat = utf8proc_category(c);
        int print = c == ' ' || (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_SO);
        static const char ctl[] = "abtnvfr";
        if (c == '"' || c == '\\') {
            o[k++] = '\\';
            o[k++] = (char)c;
        } else if (print) {
            memcpy(o + k, s.p + i, (size_t)w);
            k += (size_t)w;
        } else if (c >= 7 && c <= 13) {
            o[k++] = '\\';
            o[k++] = ctl[c - 7];
        } else if (c < 0x20) {
            k += (size_t)snprintf(o + k, 5, "\\x%02x", (unsigned)c);
        } else {
            k += (size_t)snprintf(o + k, 11, c < 0x10000 ? "\\u%04x" : "\\U%08x", (unsigned)c);
        }
        i += (uint32_t)w;
    }
    o[k++] = '"';
    o[k] = '\0';
    return o;
}

/* ------------------------------------------------------------ peeker */

static inline int nl_on(const parser *p) { return p->nl[p->nl_n - 1]; }

static void nl_push(parser *p, int on)
{
    if (p->nl_n < NL_MAX) p->nl[p->nl_n++] = (uint8_t)on;
}

static void nl_pop(parser *p)
{
    if (p->nl_n > 1) p->nl_n--;
}

/* The next significant token from p->next on (peeker.nextToken): comments
 * are skipped, or stand for a newline where newlines matter; newlines are
 * skipped where they do not. */
static ptok peek_slow(const parser *p, uint32_t *after)
{
    int nl = nl_on(p);
    for (uint32_t i = p->next; i < p->ntok; i++) {
        const hcl_token *t = &p->tok[i];
        if (t->type == HCL_TOK_COMMENT) {
            /* a line comment absorbs its newline */
            if (nl && t->len && p->src[t->off + t->len - 1] == '\n') {
                *after = i + 1;
                return (ptok){ i, HCL_TOK_NEWLINE };
            }
            continue;
        }
        if (t->type == HCL_TOK_NEWLINE && !nl) continue;
        *after = i + 1;
        return (ptok){ i, t->type };
    }
    *after = p->ntok;
    return (ptok){ p->ntok - 1, HCL_TOK_EOF };
}

/* Fast path: the token at p->next is usually significant itself. */
static inline ptok peek(const parser *p)
{
    if (p->next < p->ntok) {
        uint32_t t = p->tok[p->next].type;
        if (t != HCL_TOK_COMMENT && (t != HCL_TOK_NEWLINE || nl_on(p))) return (ptok){ p->next, t };
    }
    uint32_t a;
    return peek_slow(p, &a);
}

static inline ptok next_tok(parser *p)
{
    if (p->next < p->ntok) {
        uint32_t t = p->tok[p->next].type;
        if (t != HCL_TOK_COMMENT && (t != HCL_TOK_NEWLINE || nl_on(p))) return (ptok){ p->next++, t };
    }
    uint32_t a;
    ptok r = peek_slow(p, &a);
    p->next = a;
    return r;
}

static hcl_range next_range(parser *p) { return tok_range(p, peek(p).i); }

static hcl_range prev_range(parser *p) { return tok_range(p, p->next ? p->next - 1 : 0); }

/* ------------------------------------------------------------ diagnostics */

static void add_diag(parser *p, hcl_range subj, const char *summary, const char *detail)
{
    if (p->abort) return;
    if (p->ndiags >= p->diag_limit) {
        if (!p->nmore++) p->more_at = subj;
        p->nerr++;
        return;
    }
    if (p->ndiags == p->cap_diags) {
        uint32_t cap = p->cap_diags ? p->cap_diags * 2 : 8;
        hcl_diag *n = p_alloc(p, (size_t)cap * sizeof *n);
        if (p->ndiags) memcpy(n, p->diags, (size_t)p->ndiags * sizeof *n);
        p->diags = n;
        p->cap_diags = cap;
    }
    hcl_diag *d = &p->diags[p->ndiags++];
    d->severity = HCL_DIAG_ERROR;
    d->range = subj;
    d->summary = summary;
    d->detail = detail;
    p->nerr++;
}

void hcl_more_diags_detail(char *buf, size_t size, uint32_t nmore)
{
    snprintf(buf, size, "%u more diagnostic%s in this file %s not reported (at most %u per file are)", nmore,
             nmore == 1 ? "" : "s", nmore == 1 ? "is" : "are", HCL_MAX_DIAGS);
}

/* An INVALID token: one invalid character, as hashicorp/hcl reports each,
 * or past the first LX_RUN_KEEP of a run (hcl_lex.rl) the rest of the run
 * in one token.  That one comes after the file's cap (HCL_MAX_DIAGS is
 * less): its characters are counted into the cap's note, not reported one
 * by one. */
static void invalid_run(parser *p, uint32_t i)
{
    static const char detail[] = "This character is not used within the language.";
    const hcl_token *t = &p->tok[i];
    if (p->ndiags < p->diag_limit || p->abort) {
        add_diag(p, tok_range(p, i), "Invalid character", detail);
        return;
    }
    uint32_t chars = 0;   /* UTF-8 lead bytes */
    for (uint32_t k = 0; k < t->len; k++) chars += ((unsigned char)p->src[t->off + k] & 0xC0) != 0x80;
    if (!p->nmore) p->more_at = tok_range(p, i);
    p->nmore += chars;
    p->nerr += chars;
}

/* Move diagnostics [mid, end) in front of [from, mid): upstream appends a
 * one-line block's own errors before those of its body. */
static void diag_rotate(parser *p, uint32_t from, uint32_t mid)
{
    uint32_t tail = p->ndiags - mid;
    if (!tail || mid == from) return;
    hcl_diag *tmp = p_alloc(p, (size_t)(p->ndiags - from) * sizeof *tmp);
    memcpy(tmp, p->diags + mid, (size_t)tail * sizeof *tmp);
    memcpy(tmp + tail, p->diags + from, (size_t)(mid - from) * sizeof *tmp);
    memcpy(p->diags + from, tmp, (size_t)(p->ndiags - from) * sizeof *tmp);
}

static hcl_expr *mk(parser *p, uint32_t kind, hcl_range r)
{
    hcl_expr *e = p_zalloc(p, sizeof *e);
    e->kind = kind;
    e->range = r;
    return e;
}

static hcl_expr *placeholder(parser *p, hcl_range r)
{
    hcl_expr *e = mk(p, HCL_EXPR_LITERAL, r);
    e->u.lit.kind = HCL_LIT_UNKNOWN;
    return e;
}

/* Nesting beyond HCL_MAX_DEPTH: one diagnostic, then park on EOF so that every
 * loop above us ends quickly and quietly. */
static void too_deep(parser *p)
{
    if (!p->abort)
        add_diag(p, next_range(p), "Nesting too deep",
                 "This file nests blocks, expressions or templates more deeply than lazypipe supports.");
    p->abort = 1;
    p->recovery = 1;
    p->next = p->ntok - 1;
}

/* ------------------------------------------------------------ recovery */

static uint32_t opposite(uint32_t t)
{
    switch (t) {
    case HCL_TOK_OBRACE: return HCL_TOK_CBRACE;
    case HCL_TOK_OBRACK: return HCL_TOK_CBRACK;
    case HCL_TOK_OPAREN: return HCL_TOK_CPAREN;
    case HCL_TOK_OQUOTE: return HCL_TOK_CQUOTE;
    case HCL_TOK_OHEREDOC: return HCL_TOK_CHEREDOC;
    case HCL_TOK_CBRACE: return HCL_TOK_OBRACE;
    case HCL_TOK_CBRACK: return HCL_TOK_OBRACK;
    case HCL_TOK_CPAREN: return HCL_TOK_OPAREN;
    case HCL_TOK_CQUOTE: return HCL_TOK_OQUOTE;
    case HCL_TOK_CHEREDOC: return HCL_TOK_OHEREDOC;
    case HCL_TOK_TEMPLATE_CONTROL:
    case HCL_TOK_TEMPLATE_INTERP: return HCL_TOK_TEMPLATE_SEQ_END;
    case HCL_TOK_TEMPLATE_SEQ_END: return HCL_TOK_TEMPLATE_INTERP;
    default: return TK_NIL;
    }
}

/* Skip to the `end` that closes the current construct, counting nested
 * openers; returns that token (or EOF), with the peeker just after it. */
static ptok recover_to(parser *p, uint32_t end)
{
    uint32_t start = opposite(end);
    p->recovery = 1;
    int nest = 0;
    for (;;) {
        ptok t = next_tok(p);
        uint32_t ty = t.t;
        if (end == HCL_TOK_TEMPLATE_SEQ_END && ty == HCL_TOK_TEMPLATE_CONTROL) ty = HCL_TOK_TEMPLATE_INTERP;
        if (ty == start) nest++;
        else if (ty == end) {
            if (nest < 1) return t;
            nest--;
        } else if (ty == HCL_TOK_EOF) return t;
    }
}

/* Find the next `start` bracket, then skip to its closer. */
static void recover_over(parser *p, uint32_t start)
{
    for (;;) {
        ptok t = next_tok(p);
        if (t.t == start || t.t == HCL_TOK_EOF) break;
    }
    recover_to(p, opposite(start));
}

/* Skip to the newline that ends the current body item, outside any brackets. */
static void recover_after_item(parser *p)
{
    p->recovery = 1;
    size_t n = 0;
    for (;;) {
        ptok t = next_tok(p);
        switch (t.t) {
        case HCL_TOK_NEWLINE:
            if (n == 0) return;
            break;
        case HCL_TOK_EOF:
            return;
        case HCL_TOK_OBRACE: case HCL_TOK_OBRACK: case HCL_TOK_OPAREN: case HCL_TOK_OQUOTE:
        case HCL_TOK_OHEREDOC: case HCL_TOK_TEMPLATE_INTERP: case HCL_TOK_TEMPLATE_CONTROL:
            if (n == p->ostk_cap) {
                size_t cap = p->ostk_cap ? p->ostk_cap * 2 : 64;
                uint8_t *s = ar_alloc(p->t, cap);
                if (!s) longjmp(p->oom, 1);
                if (n) memcpy(s, p->ostk, n);
                p->ostk = s;
                p->ostk_cap = cap;
            }
            p->ostk[n++] = (uint8_t)t.t;
            break;
        case HCL_TOK_CBRACE: case HCL_TOK_CBRACK: case HCL_TOK_CPAREN: case HCL_TOK_CQUOTE:
        case HCL_TOK_CHEREDOC: {
            uint32_t op = opposite(t.t);
            while (n && p->ostk[n - 1] != op) n--;
            if (n) n--;
            break;
        }
        case HCL_TOK_TEMPLATE_SEQ_END:
            while (n && p->ostk[n - 1] != HCL_TOK_TEMPLATE_INTERP &&
                   p->ostk[n - 1] != HCL_TOK_TEMPLATE_CONTROL)
                n--;
            if (n) n--;
            break;
        default:
            break;
        }
    }
}

/* ------------------------------------------------------------ string literals */

/* One pass over a literal: LF_BACKSLASH, LF_DOLLAR_PERCENT, LF_NONASCII
 * (16 bytes at a time where SSE2 exists: most literals are long SQL lines). */
enum { LF_BACKSLASH = 1, LF_DOLLAR_PERCENT = 2, LF_NONASCII = 4 };

static unsigned lit_flags(const char *s, size_t n)
{
    unsigned f = 0;
    size_t i = 0;
#ifdef __SSE2__
    const __m128i bs = _mm_set1_epi8('\\'), dl = _mm_set1_epi8('$'), pc = _mm_set1_epi8('%');
    __m128i hi = _mm_setzero_si128(), b = hi, dp = hi;
    for (; i + 16 <= n; i += 16) {   /* accumulate; test once at the end */
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        hi = _mm_or_si128(hi, v);
        b = _mm_or_si128(b, _mm_cmpeq_epi8(v, bs));
        dp = _mm_or_si128(dp, _mm_or_si128(_mm_cmpeq_epi8(v, dl), _mm_cmpeq_epi8(v, pc)));
    }
    if (i < n) {
        /* the tail as one more vector: overlapping the last one when there
         * was one, else copied into a zero-padded block (a zero byte matches
         * nothing); byte-at-a-time tails cost more than the whole loop */
        __m128i v;
        if (n >= 16) {
            v = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
        } else {
            char blk[16] = { 0 };
            memcpy(blk, s, n);
            v = _mm_loadu_si128((const __m128i *)(const void *)blk);
        }
        hi = _mm_or_si128(hi, v);
        b = _mm_or_si128(b, _mm_cmpeq_epi8(v, bs));
        dp = _mm_or_si128(dp, _mm_or_si128(_mm_cmpeq_epi8(v, dl), _mm_cmpeq_epi8(v, pc)));
        i = n;
    }
    if (_mm_movemask_epi8(hi)) f |= LF_NONASCII;
    if (_mm_movemask_epi8(b)) f |= LF_BACKSLASH;
    if (_mm_movemask_epi8(dp)) f |= LF_DOLLAR_PERCENT;
#endif
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) f |= LF_NONASCII;
        else if (c == '\\') f |= LF_BACKSLASH;
        else if (c == '$' || c == '%') f |= LF_DOLLAR_PERCENT;
    }
    return f;
}

/* True when decoding would change nothing: no backslash (quoted strings) and
 * no "$${" / "%%{". */
static int plain_literal(hcl_str s, int quoted, unsigned flags)
{
    if (quoted && (flags & LF_BACKSLASH)) return 0;
    if (!(flags & LF_DOLLAR_PERCENT)) return 1;
    for (int k = 0; k < 2; k++) {
        const char c = k ? '%' : '$';
        const char *q = s.p, *end = s.p + s.len;
        while ((q = memchr(q, c, (size_t)(end - q)))) {
            if (end - q >= 3 && q[1] == c && q[2] == '{') return 0;
            q++;
        }
    }
    return 1;
}

/* Columns of s[0..upto), counted as hclsyntax does for an escape's position:
 * grapheme clusters within each slice of scanStringLit (literal runs,
 * escapes, "$"/"$$"/"$${" and "%" forms, newlines), never across slices. */
static uint32_t slice_columns(hcl_str s, uint32_t upto, int quoted)
{
    const unsigned char *b = (const unsigned char *)s.p;
    uint32_t col = 0, run = 0, i = 0;
    while (i < upto) {
        unsigned char c = b[i];
        uint32_t e;
        if (quoted && c == '\\') {
            if (i + 1 >= s.len) e = i + 1;
            else if (b[i + 1] == 'u' || b[i + 1] == 'U') {
                uint32_t max = b[i + 1] == 'u' ? 4 : 8;
                e = i + 2;
                while (e < s.len && e - (i + 2) < max && ishex(b[e])) e++;
            } else e = i + 1 + (uint32_t)utf8_any(b + i + 1, s.len - i - 1);
        } else if (c == '$' || c == '%') {
            e = i + 1;
            if (e < s.len && b[e] == c) {
                e++;
                if (e < s.len && b[e] == '{') e++;
            }
        } else if (c == '\r' || c == '\n') {
            e = i + (c == '\r' && i + 1 < s.len && b[i + 1] == '\n' ? 2 : 1);
        } else {
            i++;
            continue;
        }
        col += count_clusters(s.p + run, i - run) + count_clusters(s.p + i, e - i);
        i = run = e;
    }
    return col + count_clusters(s.p + run, upto > run ? upto - run : 0);
}

/* Decode one literal token: in quoted strings the backslash escapes, in both
 * kinds "$${" and "%%{" (hclsyntax's ParseStringLiteralToken over the slices
 * of scanStringLit).  Zero-copy when nothing changes. */
static hcl_str decode_escapes(parser *p, uint32_t ti, int quoted);

static hcl_str decode_lit(parser *p, uint32_t ti, int quoted, unsigned *flags)
{
    hcl_str s = tok_str(p, ti);
    unsigned fl = lit_flags(s.p, s.len);
    if (flags) *flags = fl;
    if (plain_literal(s, quoted, fl)) return s;
    if (flags) *flags |= LF_NONASCII;   /* \u escapes may produce some */
    return decode_escapes(p, ti, quoted);
}

/* decode_lit's work when something changes; apart, so that the common case
 * stays a small function */
static __attribute__((noinline)) hcl_str decode_escapes(parser *p, uint32_t ti, int quoted)
{
    hcl_str s = tok_str(p, ti);
    uint32_t n = s.len;
    const unsigned char *b = (const unsigned char *)s.p;
    const hcl_token *tk = &p->tok[ti];
    char *o = p_alloc(p, n ? n : 1);
    size_t k = 0;
    for (uint32_t i = 0; i < n;) {
        unsigned char c = b[i];
        if (quoted && c == '\\') {
            uint32_t st = i, end;
            const char *err = NULL;
            if (i + 1 >= n) {
                end = n;
                err = "Backslash must be followed by an escape sequence selector character.";
                memcpy(o + k, b + st, end - st);
                k += end - st;
            } else if (b[i + 1] == 'u' || b[i + 1] == 'U') {
                uint32_t max = b[i + 1] == 'u' ? 4 : 8, j = i + 2;
                while (j < n && j - (i + 2) < max && ishex(b[j])) j++;
                end = j;
                if (j - (i + 2) != max) {
                    err = max == 4 ? "The \\u escape sequence must be followed by four hexadecimal digits."
                                   : "The \\U escape sequence must be followed by eight hexadecimal digits.";
                    memcpy(o + k, b + st, end - st);
                    k += end - st;
                } else {
                    uint32_t cp = 0;
                    for (uint32_t q = i + 2; q < j; q++) cp = cp * 16 + (uint32_t)hexval(b[q]);
                    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                        err = p_fmt(p, "Cannot encode character U+%04x in UTF-8.", cp);
                        memcpy(o + k, b + st, end - st);
                        k += end - st;
                    } else {
                        p->nul_decoded |= cp == 0;
                        k += utf8_put(o + k, cp);
                    }
                }
            } else {
                size_t cl = utf8_any(b + i + 1, n - i - 1);
                end = i + 1 + (uint32_t)cl;
                switch (cl ? b[i + 1] : 0) {
                case 'n': o[k++] = '\n'; break;
                case 'r': o[k++] = '\r'; break;
                case 't': o[k++] = '\t'; break;
                case '"': o[k++] = '"'; break;
                case '\\': o[k++] = '\\'; break;
                default:
                    if (cl == 0) {
                        err = "Backslash must be followed by an escape sequence selector character.";
                        o[k++] = '\\';
                    } else {
                        hcl_str sel = { (const char *)b + i + 1, (uint32_t)cl };
                        err =
                            p_fmt(p, "The symbol %s is not a valid escape sequence selector.", quote(p, sel));
                        memcpy(o + k, b + i + 1, cl);
                        k += cl;
                    }
                }
            }
            if (err) {
                /* quoted literals never span lines */
                hcl_range r;
                r.start = tk->off + st;
                r.end = tk->off + end;
                r.line = r.end_line = tk->line;
                r.col = tk->col + slice_columns(s, st, quoted);
                r.end_col = r.col + count_clusters(s.p + st, end - st);
                add_diag(p, r, "Invalid escape sequence", err);
            }
            i = end;
        } else if (c == '$' || c == '%') {
            if (i + 1 < n && b[i + 1] == c) {
                if (i + 2 < n && b[i + 2] == '{') {
                    o[k++] = (char)c;
                    o[k++] = '{';
                    i += 3;
                } else {
                    o[k++] = (char)c;
                    o[k++] = (char)c;
                    i += 2;
                }
            } else {
                o[k++] = (char)c;
                i++;
            }
        } else {
            o[k++] = (char)c;
            i++;
        }
    }
    hcl_str r = { o, (uint32_t)k };
    return r;
}

/* A string LITERAL node: the value is NFC, as cty.StringVal makes it. */
static hcl_expr *lit_string(parser *p, hcl_str v, hcl_range r, unsigned flags)
{
    hcl_expr *e = mk(p, HCL_EXPR_LITERAL, r);
    e->u.lit.kind = HCL_LIT_STRING;
    e->u.lit.text = flags & LF_NONASCII ? nfc(p, v) : v;
    return e;
}

/* ------------------------------------------------------------ expressions */

static hcl_expr *parse_expression(parser *p);
static hcl_expr *parse_with_traversals(parser *p);
static hcl_expr *parse_binary(parser *p, int min);
static hcl_expr *quick_expression(parser *p);

static hcl_expr *parse_ternary(parser *p)
{
    uint32_t start = peek(p).i;   /* its range is only needed for a conditional */
    uint32_t e0 = p->nerr;
    hcl_expr *cond = parse_binary(p, 1);
    if (p->recovery && p->nerr > e0) return cond;
    if (peek(p).t != HCL_TOK_QUESTION) return cond;
    next_tok(p);
    uint32_t e1 = p->nerr;
    hcl_expr *t = parse_expression(p);
    if (p->recovery && p->nerr > e1) return cond;
    ptok colon = peek(p);
    if (colon.t != HCL_TOK_COLON) {
        add_diag(p, tok_range(p, colon.i), "Missing false expression in conditional",
                 "The conditional operator (...?...:...) requires a false expression, delimited by a colon.");
        return cond;
    }
    next_tok(p);
    uint32_t e2 = p->nerr;
    hcl_expr *f = parse_expression(p);
    if (p->recovery && p->nerr > e2) return cond;
    hcl_expr *e = mk(p, HCL_EXPR_CONDITIONAL, between(tok_range(p, start), f->range));
    e->u.cond.cond = cond;
    e->u.cond.t = t;
    e->u.cond.f = f;
    return e;
}

/* Binary operator levels, lowest first (hclsyntax's binaryOps). */
static int binop_level(uint32_t t, uint32_t *op)
{
    switch (t) {
    case HCL_TOK_OR: *op = HCL_OP_OR; return 1;
    case HCL_TOK_AND: *op = HCL_OP_AND; return 2;
    case HCL_TOK_EQUAL_OP: *op = HCL_OP_EQ; return 3;
    case HCL_TOK_NOT_EQUAL: *op = HCL_OP_NE; return 3;
    case HCL_TOK_GREATER: *op = HCL_OP_GT; return 4;
    case HCL_TOK_GREATER_EQ: *op = HCL_OP_GE; return 4;
    case HCL_TOK_LESS: *op = HCL_OP_LT; return 4;
    case HCL_TOK_LESS_EQ: *op = HCL_OP_LE; return 4;
    case HCL_TOK_PLUS: *op = HCL_OP_ADD; return 5;
    case HCL_TOK_MINUS: *op = HCL_OP_SUB; return 5;
    case HCL_TOK_STAR: *op = HCL_OP_MUL; return 6;
    case HCL_TOK_SLASH: *op = HCL_OP_DIV; return 6;
    case HCL_TOK_PERCENT: *op = HCL_OP_MOD; return 6;
    default: return 0;
    }
}

/* Precedence climbing; equivalent to upstream's one-function-per-level
 * recursion (left-associative levels, same early returns in recovery mode)
 * with fewer C frames per nesting level. */
static hcl_expr *parse_binary(parser *p, int min)
{
    uint32_t e0 = p->nerr;
    hcl_expr *lhs = parse_with_traversals(p);
    if (p->recovery && p->nerr > e0) return lhs;
    /* A chain a+b+c+... nests to the left without recursion here; it counts
     * towards the depth bound anyway, so that the tree's depth (which every
     * reader walks recursively) stays bounded too. */
    uint32_t added = 0;
    for (;;) {
        uint32_t op;
        int lvl = binop_level(peek(p).t, &op);
        if (!lvl || lvl < min) break;
        if (p->depth >= HCL_MAX_DEPTH) {
            too_deep(p);
            break;
        }
        next_tok(p);
        uint32_t e1 = p->nerr;
        hcl_expr *rhs = parse_binary(p, lvl + 1);
        if (p->recovery && p->nerr > e1) break;
        hcl_expr *b = mk(p, HCL_EXPR_BINARY, between(lhs->range, rhs->range));
        b->u.bin.op = op;
        b->u.bin.lhs = lhs;
        b->u.bin.rhs = rhs;
        lhs = b;
        p->depth++;
        added++;
    }
    p->depth -= added;
    return lhs;
}

static hcl_expr *parse_expression(parser *p)
{
    if (p->depth >= HCL_MAX_DEPTH) {
        too_deep(p);
        return placeholder(p, next_range(p));
    }
    hcl_expr *e = quick_expression(p);
    if (e) return e;
    p->depth++;
    e = parse_ternary(p);
    p->depth--;
    return e;
}

/* Room in a steps array of n elements: arrays grow by doubling from 4. */
static uint32_t steps_cap(uint32_t n)
{
    if (!n) return 0;
    uint32_t c = 4;
    while (c < n) c *= 2;
    return c;
}

static hcl_step *steps_append(parser *p, hcl_step *v, uint32_t n, const hcl_step *s)
{
    if (n == steps_cap(n)) {
        uint32_t cap = n ? n * 2 : 4;
        hcl_step *nv = p_alloc(p, (size_t)cap * sizeof *nv);
        if (n) memcpy(nv, v, (size_t)n * sizeof *nv);
        v = nv;
    }
    v[n] = *s;
    return v;
}

/* makeRelativeTraversal: extend a traversal in place or wrap the expression. */
static hcl_expr *add_step(parser *p, hcl_expr *ret, const hcl_step *s)
{
    if (ret->kind == HCL_EXPR_SCOPE_TRAV) {
        ret->u.trav.steps = steps_append(p, ret->u.trav.steps, ret->u.trav.n, s);
        ret->u.trav.n++;
        ret->range = between(ret->range, s->range);
        return ret;
    }
    if (ret->kind == HCL_EXPR_REL_TRAV) {
        ret->u.rel.steps = steps_append(p, ret->u.rel.steps, ret->u.rel.n, s);
        ret->u.rel.n++;
        ret->range = between(ret->range, s->range);
        return ret;
    }
    hcl_expr *e = mk(p, HCL_EXPR_REL_TRAV, between(ret->range, s->range));
    e->u.rel.source = ret;
    e->u.rel.steps = steps_append(p, NULL, 0, s);
    e->u.rel.n = 1;
    return e;
}

static hcl_expr *number_literal(parser *p, ptok t)
{
    hcl_range r = tok_range(p, t.i);
    hcl_expr *e = mk(p, HCL_EXPR_LITERAL, r);
    e->u.lit.text = tok_str(p, t.i);
    if (number_ok(e->u.lit.text.p, e->u.lit.text.len)) {
        e->u.lit.kind = HCL_LIT_NUMBER;
    } else {
        e->u.lit.kind = HCL_LIT_UNKNOWN;
        add_diag(p, r, "Invalid number literal", "Failed to recognize the value of this number literal.");
    }
    return e;
}

static void legacy_chain_error(parser *p, hcl_str num, hcl_range subj, int splat)
{
    uint32_t d = 0;
    while (d < num.len && num.p[d] != '.') d++;
    add_diag(p, subj, "Invalid legacy index syntax",
             p_fmt(p, "When using the legacy index syntax, chaining two indexes together is not permitted. "
                      "Use the proper index syntax%s instead, like [%.*s][%.*s].",
                   splat ? " with a full splat expression [*]" : "", (int)d, num.p, (int)(num.len - d - 1),
                   num.p + d + 1));
}

/* One more node wrapped around the expression so far (an index, a splat, a
 * relative traversal): counted like nesting, for the same reason as binary
 * chains.  Returns 0 once the bound is reached. */
static int wrap_depth(parser *p, uint32_t *added)
{
    if (p->depth >= HCL_MAX_DEPTH) {
        too_deep(p);
        return 0;
    }
    p->depth++;
    (*added)++;
    return 1;
}

static hcl_expr *parse_traversals(parser *p, hcl_expr *from);

/* A legacy index .N of an attribute-only splat (at: its star, for the message), pushed as a step. */
static void splat_legacy_index(parser *p, ptok d, ptok q, ptok at)
{
    hcl_range qr = tok_range(p, q.i);
    next_tok(p);
    hcl_str num = tok_str(p, q.i);
    hcl_step s = { .kind = HCL_STEP_INDEX, .legacy = 1, .range = between(tok_range(p, d.i), qr) };
    if (memchr(num.p, '.', num.len)) {
        legacy_chain_error(p, num, tok_range(p, at.i), 1);
        s.key = placeholder(p, qr);
    } else {
        s.key = number_literal(p, q);
    }
    ss_push(p, &s, sizeof s);
}

/* `ret.*` (dot before the star at): an attribute-only splat, whose .name / .N steps apply per element.
 * ret itself when its steps are bad (diagnosed). */
static hcl_expr *attr_splat(parser *p, hcl_expr *from, hcl_expr *ret, hcl_range dr, ptok at)
{
    ptok marker = next_tok(p);
    hcl_range first = next_range(p), last = tok_range(p, marker.i);
    size_t mark = p->ss_len;
    int bail = 0;
    while (peek(p).t == HCL_TOK_DOT) {
        ptok d = next_tok(p);
        ptok q = peek(p);
        hcl_range qr = tok_range(p, q.i);
        if (q.t == HCL_TOK_NUMBER) {
            splat_legacy_index(p, d, q, at);
            last = qr;
            continue;
        }
        if (q.t != HCL_TOK_IDENT) {
            if (!p->recovery) {
                if (q.t == HCL_TOK_STAR)
                    add_diag(p, qr, "Nested splat expression not allowed",
                             "A splat expression (*) cannot be used inside another "
                             "attribute-only splat expression.");
                else
                    add_diag(p, tok_range(p, at.i), "Invalid attribute name",
                             "An attribute name is required after a dot.");
            }
            p->recovery = 1;
            bail = 1;
            break;
        }
        next_tok(p);
        hcl_step s = { .kind = HCL_STEP_ATTR,
                       .name = tok_str(p, q.i),
                       .range = between(tok_range(p, d.i), qr) };
        ss_push(p, &s, sizeof s);
        last = qr;
    }
    uint32_t ns;
    hcl_step *steps = ss_take(p, mark, sizeof(hcl_step), &ns);
    if (bail) return ret;
    hcl_expr *item = mk(p, HCL_EXPR_ANON_SYMBOL, between(dr, tok_range(p, marker.i)));
    hcl_expr *each = item;
    if (ns) {
        each = mk(p, HCL_EXPR_REL_TRAV, between(first, last));
        hcl_step *v = p_alloc(p, (size_t)steps_cap(ns) * sizeof *v);
        memcpy(v, steps, (size_t)ns * sizeof *v);
        each->u.rel.source = item;
        each->u.rel.steps = v;
        each->u.rel.n = ns;
    }
    hcl_expr *sp = mk(p, HCL_EXPR_SPLAT, between(from->range, last));
    sp->u.splat.source = ret;
    sp->u.splat.each = each;
    sp->u.splat.item = item;
    sp->u.splat.attr_only = 1;
    return sp;
}

/* ret followed by a dot: .name, a legacy index .N (inherited from HIL), or an attribute-only splat. */
static hcl_expr *dot_step(parser *p, hcl_expr *from, hcl_expr *ret)
{
    ptok dot = next_tok(p);
    ptok at = peek(p);
    hcl_range dr = tok_range(p, dot.i);
    if (at.t == HCL_TOK_IDENT) {
        next_tok(p);
        hcl_step s = { .kind = HCL_STEP_ATTR,
                       .name = tok_str(p, at.i),
                       .range = between(dr, tok_range(p, at.i)) };
        return add_step(p, ret, &s);
    }
    if (at.t == HCL_TOK_NUMBER) {
        next_tok(p);
        hcl_str num = tok_str(p, at.i);
        hcl_range nr = tok_range(p, at.i);
        hcl_step s = { .kind = HCL_STEP_INDEX, .legacy = 1, .range = between(dr, nr) };
        if (memchr(num.p, '.', num.len)) {
            legacy_chain_error(p, num, nr, 0);
            s.key = placeholder(p, nr);
        } else {
            s.key = number_literal(p, at);
        }
        return add_step(p, ret, &s);
    }
    if (at.t == HCL_TOK_STAR) return attr_splat(p, from, ret, dr, at);
    add_diag(p, tok_range(p, at.i), "Invalid attribute name", "An attribute name is required after a dot.");
    p->recovery = 1;
    return placeholder(p, between(from->range, dr));
}

/* ret[*] (after its open bracket orng): a full splat, every following step applies per element. */
static hcl_expr *full_splat(parser *p, hcl_expr *from, hcl_expr *ret, hcl_range orng)
{
    next_tok(p);
    ptok close = next_tok(p);
    if (close.t != HCL_TOK_CBRACK && !p->recovery) {
        /* upstream's diagnostic points at its `close` variable,
         * which recovery then overwrites: report that token */
        close = recover_to(p, HCL_TOK_CBRACK);
        add_diag(p, tok_range(p, close.i), "Missing close bracket on splat index",
                 "The star for a full splat operator must be immediately followed by a closing "
                 "bracket (\"]\").");
    }
    hcl_expr *item = mk(p, HCL_EXPR_ANON_SYMBOL, between(orng, tok_range(p, close.i)));
    hcl_expr *each;
    if (p->depth >= HCL_MAX_DEPTH) {
        too_deep(p);
        each = item;
    } else {
        p->depth++;
        each = parse_traversals(p, item);
        p->depth--;
    }
    hcl_expr *sp = mk(p, HCL_EXPR_SPLAT, between(from->range, each->range));
    sp->u.splat.source = ret;
    sp->u.splat.each = each;
    sp->u.splat.item = item;
    return sp;
}

/* ret[key] (after its open bracket orng): a step when the key is a literal, else an index expression. */
static hcl_expr *index_step(parser *p, hcl_expr *from, hcl_expr *ret, hcl_range orng)
{
    nl_push(p, 0);   /* newlines are free inside brackets */
    uint32_t e0 = p->nerr;
    hcl_expr *key = parse_expression(p);
    ptok close;
    if (p->recovery && p->nerr > e0) {
        close = recover_to(p, HCL_TOK_CBRACK);
    } else {
        close = next_tok(p);
        if (close.t != HCL_TOK_CBRACK && !p->recovery) {
            close = recover_to(p, HCL_TOK_CBRACK);   /* (position: as full_splat's) */
            add_diag(p, tok_range(p, close.i), "Missing close bracket on index",
                     "The index operator must end with a closing bracket (\"]\").");
        }
    }
    nl_pop(p);
    hcl_range rng = between(orng, tok_range(p, close.i));
    hcl_expr *lit = NULL;
    if (key->kind == HCL_EXPR_LITERAL) lit = key;
    else if (key->kind == HCL_EXPR_TEMPLATE && key->u.tmpl.n == 1 &&
             key->u.tmpl.parts[0]->kind == HCL_EXPR_LITERAL)
        lit = key->u.tmpl.parts[0];   /* IsStringLiteral: a static key */
    if (lit) {
        hcl_step s = { .kind = HCL_STEP_INDEX, .key = lit, .range = rng };
        return add_step(p, ret, &s);
    }
    hcl_expr *ix = mk(p, HCL_EXPR_INDEX, between(from->range, rng));
    ix->u.index.coll = ret;
    ix->u.index.key = key;
    ix->u.index.open_bracket = orng;
    return ix;
}

static hcl_expr *parse_traversals(parser *p, hcl_expr *from)
{
    hcl_expr *ret = from;
    uint32_t added = 0;
    for (;;) {
        if (ret->kind != HCL_EXPR_SCOPE_TRAV && ret->kind != HCL_EXPR_REL_TRAV && ret != from &&
            !wrap_depth(p, &added))
            break;
        ptok nx = peek(p);
        if (nx.t == HCL_TOK_DOT) {
            ret = dot_step(p, from, ret);
        } else if (nx.t == HCL_TOK_OBRACK) {
            ptok open = next_tok(p);
            hcl_range orng = tok_range(p, open.i);
            ret = peek(p).t == HCL_TOK_STAR ? full_splat(p, from, ret, orng) : index_step(p, from, ret, orng);
        } else {
            break;
        }
    }
    p->depth -= added;
    return ret;
}

static hcl_expr *parse_template(parser *p, ptok open);
static hcl_expr *parse_tuple(parser *p);
static hcl_expr *parse_object(parser *p);

static hcl_expr *finish_call(parser *p, ptok name)
{
    ptok open = next_tok(p);
    hcl_range nr = tok_range(p, name.i);
    hcl_str nm = tok_str(p, name.i);
    hcl_range name_end = nr;
    while (open.t == HCL_TOK_DOUBLE_COLON) {
        ptok nn = next_tok(p);
        hcl_range nnr = tok_range(p, nn.i);
        if (nn.t != HCL_TOK_IDENT) {
            add_diag(
                p, nnr, "Missing function name",
                "Function scope resolution symbol :: must be followed by a function name in this scope.");
            recover_over(p, HCL_TOK_OPAREN);
            return placeholder(p, between(nr, nnr));
        }
        hcl_str part = tok_str(p, nn.i);
        if (part.p == nm.p + nm.len + 2 && nm.p[nm.len] == ':') {
            nm.len += 2 + part.len;   /* written without spaces: still zero-copy */
        } else {
            char *s = p_alloc(p, (size_t)nm.len + 2 + part.len);
            memcpy(s, nm.p, nm.len);
            memcpy(s + nm.len, "::", 2);
            memcpy(s + nm.len + 2, part.p, part.len);
            nm.p = s;
            nm.len += 2 + part.len;
        }
        name_end = nnr;
        open = next_tok(p);
    }
    hcl_range name_range = between(nr, name_end);
    if (open.t != HCL_TOK_OPAREN) {
        hcl_range orng = tok_range(p, open.i);
        add_diag(p, orng, "Missing open parenthesis",
                 "Function selector must be followed by an open parenthesis to begin the function call.");
        recover_over(p, HCL_TOK_OPAREN);
        return placeholder(p, between(nr, orng));
    }
    nl_push(p, 0);
    size_t mark = p->ss_len;
    int expand = 0;
    ptok close;
    for (;;) {
        if (peek(p).t == HCL_TOK_CPAREN) {
            close = next_tok(p);
            break;
        }
        uint32_t e0 = p->nerr;
        hcl_expr *arg = parse_expression(p);
        ss_push(p, &arg, sizeof arg);
        if (p->recovery && p->nerr > e0) {
            close = recover_to(p, HCL_TOK_CPAREN);
            break;
        }
        ptok sep = next_tok(p);
        if (sep.t == HCL_TOK_CPAREN) {
            close = sep;
            break;
        }
        if (sep.t == HCL_TOK_ELLIPSIS) {
            expand = 1;
            if (peek(p).t != HCL_TOK_CPAREN) {
                if (!p->recovery)
                    add_diag(p, tok_range(p, sep.i), "Missing closing parenthesis",
                             "An expanded function argument (with ...) must be immediately followed by "
                             "closing parentheses.");
                close = recover_to(p, HCL_TOK_CPAREN);
            } else {
                close = next_tok(p);
            }
            break;
        }
        if (sep.t != HCL_TOK_COMMA) {
            if (sep.t == HCL_TOK_EOF)
                add_diag(p, between(nr, tok_range(p, open.i)), "Unterminated function call",
                         "There is no closing parenthesis for this function call before the end of the file. "
                         "This may be caused by incorrect parenthesis nesting elsewhere in this file.");
            else
                add_diag(p, tok_range(p, sep.i), "Missing argument separator",
                         "A comma is required to separate each function argument from the next.");
            close = recover_to(p, HCL_TOK_CPAREN);
            break;
        }
        if (peek(p).t == HCL_TOK_CPAREN) {   /* trailing comma */
            close = next_tok(p);
            break;
        }
    }
    nl_pop(p);
    hcl_expr *e = mk(p, HCL_EXPR_CALL, between(name_range, tok_range(p, close.i)));
    e->u.call.name = nm;
    e->u.call.name_range = name_range;
    e->u.call.args = ss_take(p, mark, sizeof(hcl_expr *), &e->u.call.n);
    e->u.call.expand_final = (uint8_t)expand;
    return e;
}

/* "text" or "" (the opening quote at token i, read next): one literal part,
 * built directly.  The same tree as parse_template's; NULL for anything else. */
static hcl_expr *quick_string(parser *p, uint32_t i)
{
    if (i != p->next || i + 2 >= p->ntok) return NULL;
    const hcl_token *t1 = &p->tok[i + 1], *t2 = &p->tok[i + 2];
    int lit = t1->type == HCL_TOK_QUOTED_LIT && t2->type == HCL_TOK_CQUOTE;
    if (!lit && t1->type != HCL_TOK_CQUOTE) return NULL;
    uint32_t close = i + (lit ? 2 : 1);
    hcl_range lr;
    hcl_str v;
    if (lit) {
        lr = tok_range(p, i + 1);
        unsigned fl;
        v = decode_lit(p, i + 1, 1, &fl);
        if (fl & LF_NONASCII) v = nfc(p, v);
    } else {
        lr = range_end(tok_range(p, close));
        v.p = p->src + lr.start;
        v.len = 0;
    }
    hcl_expr *t = hcl_literal_template(p->a, v, lr, between(tok_range(p, i), tok_range(p, close)));
    if (!t) longjmp(p->oom, 1);
    p->next = close + 1;
    return t;
}

hcl_expr *hcl_literal_template_in(hcl_literal_nodes *q, hcl_str text, hcl_range lit, hcl_range whole)
{
    memset(q, 0, sizeof *q);
    q->lit.kind = HCL_EXPR_LITERAL;
    q->lit.range = lit;
    q->lit.u.lit.kind = HCL_LIT_STRING;
    q->lit.u.lit.text = text;
    q->part = &q->lit;
    q->tmpl.kind = HCL_EXPR_TEMPLATE;
    q->tmpl.range = whole;
    q->tmpl.u.tmpl.parts = &q->part;
    q->tmpl.u.tmpl.n = 1;
    return &q->tmpl;
}

hcl_expr *hcl_literal_template(ar_arena *a, hcl_str text, hcl_range lit, hcl_range whole)
{
    hcl_literal_nodes *q = ar_alloc(a, sizeof *q);
    return q ? hcl_literal_template_in(q, text, lit, whole) : NULL;
}

/* Does token i end an expression that is a complete term with its
 * traversal steps?  Only a step, an operator, '?', a call's '(' or '::', or a
 * newline/comment the peeker would skip could extend it. */
static int ends_expression(const parser *p, uint32_t i)
{
    if (i >= p->ntok) return 0;
    uint32_t op;
    switch (p->tok[i].type) {
    case HCL_TOK_DOT: case HCL_TOK_OBRACK: case HCL_TOK_QUESTION: case HCL_TOK_OPAREN:
    case HCL_TOK_DOUBLE_COLON: case HCL_TOK_COMMENT:
        return 0;
    case HCL_TOK_NEWLINE:
        return nl_on(p);
    default:
        return !binop_level(p->tok[i].type, &op);
    }
}

/* The most common whole expressions, `a.b.c` and "text", when the token after
 * them ends the expression: built without the descent through the operator
 * levels, with exactly the tree the descent would build.  NULL otherwise. */
static hcl_expr *quick_expression(parser *p)
{
    uint32_t i = p->next;
    if (i >= p->ntok) return NULL;
    uint32_t t = p->tok[i].type;
    if (t == HCL_TOK_OQUOTE) {
        uint32_t after = i + (i + 1 < p->ntok && p->tok[i + 1].type == HCL_TOK_CQUOTE ? 2 : 3);
        return ends_expression(p, after) ? quick_string(p, i) : NULL;
    }
    if (t != HCL_TOK_IDENT) return NULL;
    uint32_t j = i + 1, n = 0;
    while (j + 1 < p->ntok && p->tok[j].type == HCL_TOK_DOT && p->tok[j + 1].type == HCL_TOK_IDENT) {
        j += 2;
        n++;
    }
    if (!ends_expression(p, j)) return NULL;
    hcl_str root = tok_str(p, i);
    if (str_is(root, "true") || str_is(root, "false") || str_is(root, "null")) return NULL;
    hcl_range rr = tok_range(p, i);
    hcl_expr *e = mk(p, HCL_EXPR_SCOPE_TRAV, rr);
    e->u.trav.root = root;
    e->u.trav.root_range = rr;
    if (n) {
        hcl_step *v = p_alloc(p, (size_t)steps_cap(n) * sizeof *v);
        for (uint32_t k = 0; k < n; k++) {
            uint32_t d = i + 1 + 2 * k;
            hcl_range nr = tok_range(p, d + 1);
            v[k] = (hcl_step){ .kind = HCL_STEP_ATTR,
                               .name = tok_str(p, d + 1),
                               .range = between(tok_range(p, d), nr) };
        }
        e->u.trav.steps = v;
        e->u.trav.n = n;
        e->range = between(rr, v[n - 1].range);
    }
    p->next = j;
    return e;
}

static hcl_expr *parse_term(parser *p)
{
    ptok start = peek(p);
    switch (start.t) {
    case HCL_TOK_OPAREN: {
        ptok op = next_tok(p);
        nl_push(p, 0);
        uint32_t e0 = p->nerr;
        hcl_expr *inner = parse_expression(p);
        if (p->nerr > e0) {
            recover_to(p, HCL_TOK_CPAREN);
            nl_pop(p);
            return inner;
        }
        ptok close = peek(p);
        if (close.t != HCL_TOK_CPAREN) {
            add_diag(p, tok_range(p, close.i), "Unbalanced parentheses",
                     "Expected a closing parenthesis to terminate the expression.");
            p->recovery = 1;
        }
        ptok cp = next_tok(p);
        nl_pop(p);
        hcl_expr *e = mk(p, HCL_EXPR_PARENS, between(tok_range(p, op.i), tok_range(p, cp.i)));
        e->u.parens.inner = inner;
        return e;
    }
    case HCL_TOK_NUMBER:
        next_tok(p);
        return number_literal(p, start);
    case HCL_TOK_IDENT: {
        next_tok(p);
        uint32_t nt = peek(p).t;
        if (nt == HCL_TOK_OPAREN || nt == HCL_TOK_DOUBLE_COLON) return finish_call(p, start);
        hcl_str name = tok_str(p, start.i);
        hcl_range r = tok_range(p, start.i);
        if (str_is(name, "true") || str_is(name, "false")) {
            hcl_expr *e = mk(p, HCL_EXPR_LITERAL, r);
            e->u.lit.kind = HCL_LIT_BOOL;
            e->u.lit.b = name.p[0] == 't';
            e->u.lit.text = name;
            return e;
        }
        if (str_is(name, "null")) {
            hcl_expr *e = mk(p, HCL_EXPR_LITERAL, r);
            e->u.lit.kind = HCL_LIT_NULL;
            e->u.lit.text = name;
            return e;
        }
        hcl_expr *e = mk(p, HCL_EXPR_SCOPE_TRAV, r);
        e->u.trav.root = name;
        e->u.trav.root_range = r;
        return e;
    }
    case HCL_TOK_OQUOTE: {
        hcl_expr *q = quick_string(p, start.i);
        if (q) return q;
        return parse_template(p, next_tok(p));
    }
    case HCL_TOK_OHEREDOC:
        return parse_template(p, next_tok(p));
    case HCL_TOK_MINUS:
    case HCL_TOK_BANG: {
        ptok t = next_tok(p);
        hcl_expr *operand;
        if (p->depth >= HCL_MAX_DEPTH) {
            too_deep(p);
            operand = placeholder(p, next_range(p));
        } else {
            /* the operand is a term with its postfix steps: -46+5 is (-46)+5 */
            p->depth++;
            operand = parse_with_traversals(p);
            p->depth--;
        }
        hcl_expr *e = mk(p, HCL_EXPR_UNARY, between(tok_range(p, t.i), operand->range));
        e->u.un.op = t.t == HCL_TOK_MINUS ? HCL_OP_NEG : HCL_OP_NOT;
        e->u.un.operand = operand;
        return e;
    }
    case HCL_TOK_OBRACK:
        return parse_tuple(p);
    case HCL_TOK_OBRACE:
        return parse_object(p);
    default: {
        hcl_range r = tok_range(p, start.i);
        if (!p->recovery) {
            if (start.t == HCL_TOK_EOF)
                add_diag(p, r, "Missing expression",
                         "Expected the start of an expression, but found the end of the file.");
            else
                add_diag(p, r, "Invalid expression",
                         "Expected the start of an expression, but found an invalid expression token.");
        }
        p->recovery = 1;
        return placeholder(p, r);
    }
    }
}

static hcl_expr *parse_with_traversals(parser *p)
{
    return parse_traversals(p, parse_term(p));
}

static hcl_expr *finish_for(parser *p, ptok open)
{
    nl_push(p, 0);
    next_tok(p);   /* "for" */
    int obj = open.t == HCL_TOK_OBRACE;
    uint32_t ct = obj ? HCL_TOK_CBRACE : HCL_TOK_CBRACK;
    hcl_range orng = tok_range(p, open.i);
    hcl_str kn = { NULL, 0 }, vn = { NULL, 0 };
    const char *err = NULL;
    hcl_expr *coll = NULL, *key = NULL, *val = NULL, *cond = NULL;
    ptok close, ell = { 0, 0 };
    int group = 0;

    if (peek(p).t != HCL_TOK_IDENT) {
        err = "For expression requires variable name after 'for'.";
        goto bad;
    }
    vn = tok_str(p, next_tok(p).i);
    if (peek(p).t == HCL_TOK_COMMA) {
        kn = vn;
        next_tok(p);
        if (peek(p).t != HCL_TOK_IDENT) {
            err = "For expression requires value variable name after comma.";
            goto bad;
        }
        vn = tok_str(p, next_tok(p).i);
    }
    if (!is_kw(p, peek(p), "in")) {
        err = "For expression requires the 'in' keyword after its name declarations.";
        goto bad;
    }
    next_tok(p);
    uint32_t e0 = p->nerr;
    coll = parse_expression(p);
    if (p->recovery && p->nerr > e0) goto quiet;
    if (peek(p).t != HCL_TOK_COLON) {
        err = "For expression requires a colon after the collection expression.";
        goto bad;
    }
    next_tok(p);
    uint32_t k0 = p->nerr;
    val = parse_expression(p);
    int kerr = 0, verr = p->nerr > k0;
    if (peek(p).t == HCL_TOK_FAT_ARROW) {
        next_tok(p);
        key = val;
        kerr = verr;
        uint32_t v0 = p->nerr;
        val = parse_expression(p);
        verr = p->nerr > v0;
    }
    if (p->recovery && (kerr || verr)) goto quiet;
    if (peek(p).t == HCL_TOK_ELLIPSIS) {
        ell = next_tok(p);
        group = 1;
    }
    if (is_kw(p, peek(p), "if")) {
        next_tok(p);
        uint32_t c0 = p->nerr;
        cond = parse_expression(p);
        if (p->recovery && p->nerr > c0) goto quiet;
    }
    if (peek(p).t == ct) {
        close = next_tok(p);
    } else {
        if (!p->recovery)
            add_diag(p, next_range(p), "Invalid 'for' expression",
                     "Extra characters after the end of the 'for' expression.");
        close = recover_to(p, ct);
    }
    hcl_range cr = tok_range(p, close.i);
    if (!obj) {
        if (key)
            add_diag(p, key->range, "Invalid 'for' expression",
                     "Key expression is not valid when building a tuple.");
        if (group)
            add_diag(p, tok_range(p, ell.i), "Invalid 'for' expression",
                     "Grouping ellipsis (...) cannot be used when building a tuple.");
    } else if (!key) {
        add_diag(p, val->range, "Invalid 'for' expression",
                 "Key expression is required when building an object.");
    }
    nl_pop(p);
    hcl_expr *e = mk(p, HCL_EXPR_FOR, between(orng, cr));
    e->u.forx.key_var = kn;
    e->u.forx.val_var = vn;
    e->u.forx.coll = coll;
    e->u.forx.key = key;
    e->u.forx.val = val;
    e->u.forx.cond = cond;
    e->u.forx.group = (uint8_t)group;
    e->u.forx.is_object = (uint8_t)obj;
    return e;

bad:
    if (!p->recovery) add_diag(p, next_range(p), "Invalid 'for' expression", err);
quiet:
    close = recover_to(p, ct);
    nl_pop(p);
    return placeholder(p, between(orng, tok_range(p, close.i)));
}

static hcl_expr *parse_tuple(parser *p)
{
    ptok open = next_tok(p);
    nl_push(p, 0);
    if (is_kw(p, peek(p), "for")) {
        hcl_expr *e = finish_for(p, open);
        nl_pop(p);
        return e;
    }
    size_t mark = p->ss_len;
    ptok close;
    for (;;) {
        if (peek(p).t == HCL_TOK_CBRACK) {
            close = next_tok(p);
            break;
        }
        uint32_t e0 = p->nerr;
        hcl_expr *x = parse_expression(p);
        ss_push(p, &x, sizeof x);
        if (p->recovery && p->nerr > e0) {
            close = recover_to(p, HCL_TOK_CBRACK);
            break;
        }
        ptok nx = peek(p);
        if (nx.t == HCL_TOK_CBRACK) {
            close = next_tok(p);
            break;
        }
        if (nx.t != HCL_TOK_COMMA) {
            if (!p->recovery) {
                if (nx.t == HCL_TOK_EOF)
                    add_diag(p, tok_range(p, open.i), "Unterminated tuple constructor expression",
                             "There is no corresponding closing bracket before the end of the file. "
                             "This may be caused by incorrect bracket nesting elsewhere in this file.");
                else
                    add_diag(p, tok_range(p, nx.i), "Missing item separator",
                             "Expected a comma to mark the beginning of the next item.");
            }
            close = recover_to(p, HCL_TOK_CBRACK);
            break;
        }
        next_tok(p);
    }
    nl_pop(p);
    hcl_expr *e = mk(p, HCL_EXPR_TUPLE, between(tok_range(p, open.i), tok_range(p, close.i)));
    e->u.tuple.items = ss_take(p, mark, sizeof(hcl_expr *), &e->u.tuple.n);
    return e;
}

static hcl_expr *parse_object(parser *p)
{
    ptok open = next_tok(p);
    hcl_range orng = tok_range(p, open.i);
    /* for expressions ignore newlines although objects do not: look past them */
    nl_push(p, 0);
    int isfor = is_kw(p, peek(p), "for");
    nl_pop(p);
    if (isfor) return finish_for(p, open);

    nl_push(p, 1);
    size_t mark = p->ss_len;
    ptok close;
    for (;;) {
        ptok nx = peek(p);
        if (nx.t == HCL_TOK_NEWLINE) {
            next_tok(p);
            continue;
        }
        if (nx.t == HCL_TOK_CBRACE) {
            close = next_tok(p);
            break;
        }
        int force = nx.t == HCL_TOK_OPAREN;
        uint32_t e0 = p->nerr;
        hcl_expr *k = parse_expression(p);
        if (p->recovery && p->nerr > e0) {
            close = recover_to(p, HCL_TOK_CBRACE);
            break;
        }
        hcl_expr *key = mk(p, HCL_EXPR_OBJECT_KEY, k->range);
        key->u.key.wrapped = k;
        key->u.key.force_non_literal = (uint8_t)force;
        nx = peek(p);
        if (nx.t != HCL_TOK_EQUAL && nx.t != HCL_TOK_COLON) {
            if (!p->recovery) {
                hcl_range r = tok_range(p, nx.i);
                switch (nx.t) {
                case HCL_TOK_NEWLINE:
                case HCL_TOK_COMMA:
                    add_diag(p, r, "Missing attribute value",
                             "Expected an attribute value, introduced by an equals sign (\"=\").");
                    break;
                case HCL_TOK_IDENT:
                    add_diag(p, r, "Missing key/value separator",
                             "Expected an equals sign (\"=\") to mark the beginning of the attribute value. "
                             "If you intended to given an attribute name containing periods or spaces, "
                             "write the name in quotes to create a string literal.");
                    break;
                case HCL_TOK_EOF:
                    add_diag(p, orng, "Unterminated object constructor expression",
                             "There is no corresponding closing brace before the end of the file. "
                             "This may be caused by incorrect brace nesting elsewhere in this file.");
                    break;
                default:
                    add_diag(p, r, "Missing key/value separator",
                             "Expected an equals sign (\"=\") to mark the beginning of the attribute value.");
                }
            }
            close = recover_to(p, HCL_TOK_CBRACE);
            break;
        }
        next_tok(p);
        uint32_t e1 = p->nerr;
        hcl_expr *v = parse_expression(p);
        hcl_obj_item it = { key, v };
        ss_push(p, &it, sizeof it);
        if (p->recovery && p->nerr > e1) {
            close = recover_to(p, HCL_TOK_CBRACE);
            break;
        }
        nx = peek(p);
        if (nx.t == HCL_TOK_CBRACE) {
            close = next_tok(p);
            break;
        }
        if (nx.t != HCL_TOK_COMMA && nx.t != HCL_TOK_NEWLINE) {
            if (!p->recovery) {
                if (nx.t == HCL_TOK_EOF)
                    add_diag(p, orng, "Unterminated object constructor expression",
                             "There is no corresponding closing brace before the end of the file. "
                             "This may be caused by incorrect brace nesting elsewhere in this file.");
                else
                    add_diag(p, tok_range(p, nx.i), "Missing attribute separator",
                             "Expected a newline or comma to mark the beginning of the next attribute.");
            }
            close = recover_to(p, HCL_TOK_CBRACE);
            break;
        }
        next_tok(p);
    }
    nl_pop(p);
    hcl_expr *e = mk(p, HCL_EXPR_OBJECT, between(orng, tok_range(p, close.i)));
    e->u.object.items = ss_take(p, mark, sizeof(hcl_obj_item), &e->u.object.n);
    return e;
}

/* ------------------------------------------------------------ templates */

enum { TP_LIT, TP_INTERP, TP_IF, TP_FOR, TP_ELSE, TP_ENDIF, TP_ENDFOR, TP_END };

typedef struct tpart {
    uint32_t kind;
    uint32_t adjust;        /* flush: a counted line-leading literal (ADJ_*) */
    uint32_t flags;         /* LIT: lit_flags (LF_NONASCII: may need NFC) */
    hcl_range rng;
    hcl_expr *expr;         /* INTERP; IF: condition; FOR: collection */
    union {                 /* parts are copied about: keep them small */
        hcl_str val;        /* LIT */
        struct { hcl_str kv, vv; };   /* FOR */
    };
} tpart;

#define TP_STRIDE SS_ALIGN(sizeof(tpart))

static tpart *tp_at(parser *p, size_t base, uint32_t k)
{
    return (tpart *)(void *)(p->ss + base + (size_t)k * TP_STRIDE);
}

static const char *directive_name(uint32_t kind)
{
    return kind == TP_ELSE ? "else" : kind == TP_ENDIF ? "endif" : "endfor";
}

/* Why an interpolation (opened at start, in a template ending with `end`) does not close at `close`. */
static void interp_close_error(parser *p, ptok close, hcl_range start, uint32_t end)
{
    hcl_range cr = tok_range(p, close.i);
    if (close.t == HCL_TOK_EOF ||
        ((close.t == HCL_TOK_CQUOTE || close.t == HCL_TOK_OQUOTE) && end == HCL_TOK_CQUOTE))
        add_diag(p, start, "Unclosed template interpolation sequence",
                 close.t == HCL_TOK_EOF
                     ? "There is no closing brace for this interpolation sequence before "
                       "the end of the file. This might be caused by incorrect nesting "
                       "inside the given expression."
                     : "There is no closing brace for this interpolation sequence before "
                       "the end of the quoted template. This might be caused by "
                       "incorrect nesting inside the given expression.");
    else if (close.t == HCL_TOK_COLON)
        add_diag(p, cr, "Extra characters after interpolation expression",
                 "Template interpolation doesn't expect a colon at this location. Did "
                 "you intend this to be a literal sequence to be processed as part of "
                 "another language? If so, you can escape it by starting with \"$${\" "
                 "instead of just \"${\".");
    else
        add_diag(p, cr, "Extra characters after interpolation expression",
                 "Expected a closing brace to end the interpolation expression, but found "
                 "extra characters.\n\nThis can happen when you include interpolation syntax "
                 "for another language, such as shell scripting, but forget to escape the "
                 "interpolation start token. If this is an embedded sequence for another "
                 "language, escape it by starting with \"$${\" instead of just \"${\".");
}

/* The sequence's closing "}" or "~}" (close: the next token) taken, *ltrim_next set by "~}"; 0 when
 * close is something else (left for the caller's error). */
static int take_seq_end(parser *p, ptok close, int *ltrim_next)
{
    if (close.t != HCL_TOK_TEMPLATE_SEQ_END) return 0;
    next_tok(p);
    hcl_str ct = tok_str(p, close.i);
    if (ct.len == 2 && ct.p[0] == '~') *ltrim_next = 1;
    return 1;
}

/* A ${ interpolation (nr: its opener; newlines free until here, nl_pop'd) as a part.  *ltrim_next: it
 * ends with "~}". */
static void tp_interp(parser *p, uint32_t end, hcl_range start, hcl_range nr, int *ltrim_next)
{
    hcl_expr *x = parse_expression(p);
    ptok close = peek(p);
    if (!take_seq_end(p, close, ltrim_next)) {
        if (!p->recovery) interp_close_error(p, close, start, end);
        recover_to(p, HCL_TOK_TEMPLATE_SEQ_END);
    }
    nl_pop(p);
    tpart t = { .kind = TP_INTERP, .rng = between(nr, tok_range(p, close.i)), .expr = x };
    ss_push(p, &t, sizeof t);
}

/* `for [k,] v in COLL` after the keyword, into t: 1, or 0 when it is malformed (diagnosed). */
static int tp_for_names(parser *p, tpart *t)
{
    const char *err = NULL;
    if (peek(p).t != HCL_TOK_IDENT) {
        err = "For directive requires variable name after 'for'.";
    } else {
        t->vv = tok_str(p, next_tok(p).i);
        if (peek(p).t == HCL_TOK_COMMA) {
            t->kv = t->vv;
            next_tok(p);
            if (peek(p).t != HCL_TOK_IDENT) err = "For directive requires value variable name after comma.";
            else t->vv = tok_str(p, next_tok(p).i);
        }
        if (!err && !is_kw(p, peek(p), "in")) err = "For directive requires 'in' keyword after names.";
    }
    if (err) {
        if (!p->recovery) add_diag(p, next_range(p), "Invalid 'for' directive", err);
        return 0;
    }
    next_tok(p);
    t->kind = TP_FOR;
    t->expr = parse_expression(p);
    return 1;
}

/* The directive keyword kws (token kw) and what follows it, into t: 1, or 0 when it is not one or is
 * malformed (diagnosed, with hcl's suggestion of the nearest keyword). */
static int tp_keyword(parser *p, hcl_str kws, ptok kw, tpart *t)
{
    if (str_is(kws, "if")) {
        t->kind = TP_IF;
        t->expr = parse_expression(p);
        return 1;
    }
    if (str_is(kws, "else")) return t->kind = TP_ELSE, 1;
    if (str_is(kws, "endif")) return t->kind = TP_ENDIF, 1;
    if (str_is(kws, "endfor")) return t->kind = TP_ENDFOR, 1;
    if (str_is(kws, "for")) return tp_for_names(p, t);
    if (!p->recovery) {
        static const char *const kws_all[] = { "if", "for", "else", "endif", "endfor" };
        const char *sugg = "";
        for (size_t i = 0; i < 5; i++)
            /* in code points, as agext/levenshtein (hcl's nameSuggestion): "日" is 2 from "if" */
            if (lp_edit_distance(kws.p, kws.len, kws_all[i], strlen(kws_all[i]), 1) < 3) {
                sugg = p_fmt(p, " Did you mean \"%s\"?", kws_all[i]);
                break;
            }
        add_diag(p, tok_range(p, kw.i), "Invalid template control keyword",
                 p_fmt(p, "%s is not a valid template control keyword.%s", quote(p, kws), sugg));
    }
    return 0;
}

/* A %{ directive (nr: its opener; newlines free until here, nl_pop'd) as a part; a bad one is
 * diagnosed and skipped.  *ltrim_next: it ends with "~}". */
static void tp_directive(parser *p, hcl_range nr, int *ltrim_next)
{
    ptok kw = peek(p);
    if (kw.t != HCL_TOK_IDENT) {
        if (!p->recovery)
            add_diag(p, tok_range(p, kw.i), "Invalid template directive",
                     "A template directive keyword (\"if\", \"for\", etc) is expected at the "
                     "beginning of a %{ sequence.");
        recover_to(p, HCL_TOK_TEMPLATE_SEQ_END);
        nl_pop(p);
        return;
    }
    next_tok(p);
    hcl_str kws = tok_str(p, kw.i);
    tpart t = { .kind = TP_END };
    if (!tp_keyword(p, kws, kw, &t)) {
        recover_to(p, HCL_TOK_TEMPLATE_SEQ_END);
        nl_pop(p);
        return;
    }
    t.rng = between(nr, next_range(p));
    ss_push(p, &t, sizeof t);
    ptok close = peek(p);
    if (!take_seq_end(p, close, ltrim_next)) {
        if (!p->recovery)
            add_diag(p, tok_range(p, close.i),
                     p_fmt(p, "Extra characters in %.*s marker", (int)kws.len, kws.p),
                     "Expected a closing brace to end the sequence, but found extra characters.");
        recover_to(p, HCL_TOK_TEMPLATE_SEQ_END);
    }
    nl_pop(p);
}

/* The template's flat token list (parseTemplateParts): literals with strip
 * markers applied, interpolations, directives, then an END part. */
static uint32_t tmpl_parts(parser *p, uint32_t end, size_t base, hcl_range *whole)
{
    hcl_range start = next_range(p), endr;
    int ltrim_next = 0, can_trim_next = 0;
    for (;;) {
        ptok nx = next_tok(p);
        hcl_range nr = tok_range(p, nx.i);
        if (nx.t == end) {
            endr = nr;
            break;
        }
        int ltrim = ltrim_next, can_trim = can_trim_next;
        ltrim_next = can_trim_next = 0;
        hcl_str nt = tok_str(p, nx.i);
        if (nx.t == HCL_TOK_STRING_LIT || nx.t == HCL_TOK_QUOTED_LIT) {
            tpart t = { .kind = TP_LIT, .rng = nr };
            t.val = decode_lit(p, nx.i, nx.t == HCL_TOK_QUOTED_LIT, &t.flags);
            if (ltrim) t.val = trim_left(t.val);
            ss_push(p, &t, sizeof t);
            can_trim_next = 1;
        } else if (nx.t == HCL_TOK_TEMPLATE_INTERP || nx.t == HCL_TOK_TEMPLATE_CONTROL) {
            /* "${~" / "%{~" trims the literal just before */
            if (can_trim && nt.len == 3 && nt.p[2] == '~' && p->ss_len > base) {
                tpart *last = (tpart *)(void *)(p->ss + p->ss_len - TP_STRIDE);
                if (last->kind == TP_LIT) last->val = trim_right(last->val);
            }
            nl_push(p, 0);
            if (nx.t == HCL_TOK_TEMPLATE_INTERP) tp_interp(p, end, start, nr, &ltrim_next);
            else tp_directive(p, nr, &ltrim_next);
        } else {
            if (!p->recovery)
                add_diag(p, nr, "Unterminated template string",
                         "No closing marker was found for the string.");
            ptok fin = recover_to(p, end);
            endr = tok_range(p, fin.i);
            break;
        }
    }
    if (p->ss_len == base) {
        /* "" is one empty literal, zero-width after what followed the opener */
        tpart t = { .kind = TP_LIT, .rng = range_end(start) };
        t.val.p = p->src + t.rng.start;
        ss_push(p, &t, sizeof t);
    }
    tpart e = { .kind = TP_END, .rng = endr };
    ss_push(p, &e, sizeof e);
    *whole = between(start, endr);
    return (uint32_t)((p->ss_len - base) / TP_STRIDE);
}

/* Bytes of s[0..n) that are Go ASCII white space, runs of spaces (heredoc
 * indentation) 16 at a time; *cr: a '\r' among them. */
static size_t ascii_space_prefix(const char *s, size_t n, int *cr)
{
    size_t ws = 0;
#ifdef __SSE2__
    const __m128i sp = _mm_set1_epi8(' ');
    for (; ws + 16 <= n; ws += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + ws));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, sp)) ^ 0xFFFFu;
        if (m) {
            ws += (size_t)__builtin_ctz(m);
            break;
        }
    }
#endif
    int r = 0;
    for (; ws < n && (s[ws] == ' ' || (s[ws] >= '\t' && s[ws] <= '\r')); ws++) r |= s[ws] == '\r';
    *cr = r;
    return ws;
}

/* tpart.adjust: ADJ_ASCII when the indentation is ASCII blanks other than
 * '\r' followed by an ASCII byte (or by nothing): removing k columns of it
 * then removes k bytes (skip_clusters' own fast case); else count clusters */
enum { ADJ_NONE, ADJ_ASCII, ADJ_CLUSTERS };

/* `<<-` heredocs: remove the smallest indentation of the line-leading literals
 * (blank lines and lines starting with a sequence take no part / count 0). */
static void tmpl_flush(parser *p, size_t base, uint32_t n)
{
    uint32_t min = UINT32_MAX;
    int newline = 1;
    for (uint32_t i = 0; i < n; i++) {
        tpart *t = tp_at(p, base, i);
        if (newline) {
            newline = 0;
            uint32_t spaces = 0;
            if (t->kind == TP_LIT) {
                int cr;
                size_t ws = ascii_space_prefix(t->val.p, t->val.len, &cr);
                int ascii = ws == t->val.len || (unsigned char)t->val.p[ws] < 0x80;
                if (!ascii) ws = space_prefix(t->val);
                if (ws == t->val.len && t->val.len && t->val.p[t->val.len - 1] == '\n') {
                    spaces = UINT32_MAX;
                } else {
                    /* not blank, so no "\r\n" in the prefix: ASCII blanks
                     * before an ASCII character are one column each */
                    spaces = ascii ? (uint32_t)ws : count_clusters(t->val.p, ws);
                    t->adjust = ascii && !cr ? ADJ_ASCII : ADJ_CLUSTERS;
                }
            } else if (t->kind == TP_END) {
                break;
            }
            if (spaces < min) min = spaces;
        }
        if (t->kind == TP_LIT && t->val.len && t->val.p[t->val.len - 1] == '\n') newline = 1;
    }
    for (uint32_t i = 0; i < n; i++) {
        tpart *t = tp_at(p, base, i);
        if (!t->adjust) continue;
        size_t b = t->adjust == ADJ_ASCII ? min : skip_clusters(t->val.p, t->val.len, min);
        t->val.p += b;
        t->val.len -= (uint32_t)b;
        t->rng.start += (uint32_t)b;
        t->rng.col += min;
    }
}

/* Merge runs of literals (after trimming and flushing); zero-copy when the
 * pieces already sit next to each other in memory. */
static uint32_t tmpl_meld(parser *p, size_t base, uint32_t n)
{
    uint32_t w = 0;
    for (uint32_t i = 0; i < n;) {
        tpart cur = *tp_at(p, base, i);
        uint32_t j = i + 1;
        if (cur.kind == TP_LIT) {
            size_t total = cur.val.len;
            int contiguous = 1;
            const char *endp = cur.val.p + cur.val.len;
            while (j < n && tp_at(p, base, j)->kind == TP_LIT) {
                tpart *q = tp_at(p, base, j);
                cur.flags |= q->flags;
                if (q->val.len && q->val.p != endp) contiguous = 0;
                if (q->val.len) endp = q->val.p + q->val.len;
                total += q->val.len;
                j++;
            }
            if (j > i + 1) {
                if (!contiguous) {
                    char *buf = p_alloc(p, total);
                    size_t k = 0;
                    for (uint32_t q = i; q < j; q++) {
                        tpart *t = tp_at(p, base, q);
                        if (t->val.len) memcpy(buf + k, t->val.p, t->val.len);
                        k += t->val.len;
                    }
                    cur.val.p = buf;
                } else if (!cur.val.len) {
                    for (uint32_t q = i; q < j; q++)
                        if (tp_at(p, base, q)->val.len) {
                            cur.val.p = tp_at(p, base, q)->val.p;
                            break;
                        }
                }
                cur.val.len = (uint32_t)total;
                tpart *lastp = tp_at(p, base, j - 1);
                cur.rng.end = lastp->rng.end;
                cur.rng.end_line = lastp->rng.end_line;
                cur.rng.end_col = lastp->rng.end_col;
            }
        }
        *tp_at(p, base, w++) = cur;
        i = j;
    }
    p->ss_len = base + (size_t)w * TP_STRIDE;
    return w;
}

typedef struct tpar {
    parser *p;
    size_t base;
    uint32_t n, pos;
} tpar;

static hcl_expr *tp_expr(tpar *t);

static hcl_expr *tmpl_node(parser *p, hcl_expr **parts, uint32_t n)
{
    hcl_expr *e = mk(p, HCL_EXPR_TEMPLATE, between(parts[0]->range, parts[n - 1]->range));
    e->u.tmpl.parts = parts;
    e->u.tmpl.n = n;
    return e;
}

/* Collect body parts until an else/endif/endfor or END; returns the stopping part's index. */
static uint32_t tp_body(tpar *t, size_t *mark)
{
    parser *p = t->p;
    *mark = p->ss_len;
    for (;;) {
        tpart *q = tp_at(p, t->base, t->pos);
        if (q->kind == TP_END || q->kind == TP_ELSE || q->kind == TP_ENDIF || q->kind == TP_ENDFOR)
            return t->pos;
        hcl_expr *x = tp_expr(t);
        ss_push(p, &x, sizeof x);
    }
}

/* A directive's opening part (if, for) taken into *open and one level of nesting entered; -1 when
 * that is too deep (the rest of the template is skipped). */
static int tp_enter(tpar *t, tpart *open)
{
    parser *p = t->p;
    *open = *tp_at(p, t->base, t->pos++);
    if (p->depth >= HCL_MAX_DEPTH) {
        too_deep(p);
        t->pos = t->n - 1;
        return -1;
    }
    p->depth++;
    return 0;
}

static hcl_expr *tp_if(tpar *t)
{
    parser *p = t->p;
    tpart open;
    if (tp_enter(t, &open) != 0) return placeholder(p, open.rng);
    hcl_expr **ifx = NULL, **elx = NULL;
    uint32_t nif = 0, nel = 0;
    int in_else = 0;
    hcl_range endif_r = open.rng;
    hcl_expr *res = NULL;
    for (;;) {
        size_t mark;
        uint32_t at = tp_body(t, &mark);
        tpart q = *tp_at(p, t->base, at);
        if (q.kind == TP_END) {
            p->ss_len = mark;
            add_diag(p, q.rng, "Unexpected end of template",
                     p_fmt(p, "The if directive at %s is missing its corresponding endif directive.",
                           range_string(p, open.rng)));
            res = placeholder(p, q.rng);
            break;
        }
        t->pos++;
        if (q.kind == TP_ELSE && !in_else) {
            ifx = ss_take(p, mark, sizeof(hcl_expr *), &nif);
            in_else = 1;
            continue;
        }
        if (q.kind == TP_ENDIF) {
            if (in_else) elx = ss_take(p, mark, sizeof(hcl_expr *), &nel);
            else ifx = ss_take(p, mark, sizeof(hcl_expr *), &nif);
            endif_r = q.rng;
            break;
        }
        p->ss_len = mark;
        if (q.kind == TP_ELSE)
            add_diag(
                p, q.rng, "Unexpected else directive",
                p_fmt(p, "Already in the else clause for the if started at %s.", range_string(p, open.rng)));
        else
            add_diag(p, q.rng, p_fmt(p, "Unexpected %s directive", directive_name(q.kind)),
                     p_fmt(p, "Expecting an endif directive for the if started at %s.",
                           range_string(p, open.rng)));
        res = placeholder(p, q.rng);
        break;
    }
    if (!res) {
        if (!nif) {
            ifx = p_alloc(p, sizeof *ifx);
            ifx[0] = lit_string(p, (hcl_str){ p->src + open.rng.end, 0 }, range_end(open.rng), 0);
            nif = 1;
        }
        if (!nel) {
            elx = p_alloc(p, sizeof *elx);
            elx[0] = lit_string(p, (hcl_str){ p->src + endif_r.start, 0 }, range_start(endif_r), 0);
            nel = 1;
        }
        res = mk(p, HCL_EXPR_CONDITIONAL, between(open.rng, endif_r));
        res->u.cond.cond = open.expr;
        res->u.cond.t = tmpl_node(p, ifx, nif);
        res->u.cond.f = tmpl_node(p, elx, nel);
    }
    p->depth--;
    return res;
}

static hcl_expr *tp_for(tpar *t)
{
    parser *p = t->p;
    tpart open;
    if (tp_enter(t, &open) != 0) return placeholder(p, open.rng);
    hcl_expr *res;
    size_t mark;
    uint32_t at = tp_body(t, &mark);
    tpart q = *tp_at(p, t->base, at);
    if (q.kind == TP_END) {
        p->ss_len = mark;
        add_diag(p, q.rng, "Unexpected end of template",
                 p_fmt(p, "The for directive at %s is missing its corresponding endfor directive.",
                       range_string(p, open.rng)));
        res = placeholder(p, q.rng);
    } else {
        t->pos++;
        if (q.kind == TP_ENDFOR) {
            uint32_t nc;
            hcl_expr **cx = ss_take(p, mark, sizeof(hcl_expr *), &nc);
            if (!nc) {
                cx = p_alloc(p, sizeof *cx);
                cx[0] = lit_string(p, (hcl_str){ p->src + open.rng.end, 0 }, range_end(open.rng), 0);
                nc = 1;
            }
            hcl_expr *fx = mk(p, HCL_EXPR_FOR, between(open.rng, q.rng));
            fx->u.forx.key_var = open.kv;
            fx->u.forx.val_var = open.vv;
            fx->u.forx.coll = open.expr;
            fx->u.forx.val = tmpl_node(p, cx, nc);
            res = mk(p, HCL_EXPR_TEMPLATE_JOIN, fx->range);
            res->u.join.tuple_for = fx;
        } else {
            p->ss_len = mark;
            if (q.kind == TP_ELSE)
                add_diag(p, q.rng, "Unexpected else directive",
                         "An else clause is not expected for a for directive.");
            else
                add_diag(p, q.rng, p_fmt(p, "Unexpected %s directive", directive_name(q.kind)),
                         p_fmt(p, "Expecting an endfor directive corresponding to the for directive at %s.",
                               range_string(p, open.rng)));
            res = placeholder(p, q.rng);
        }
    }
    p->depth--;
    return res;
}

static hcl_expr *tp_expr(tpar *t)
{
    parser *p = t->p;
    tpart *q = tp_at(p, t->base, t->pos);
    switch (q->kind) {
    case TP_LIT:
        t->pos++;
        return lit_string(p, q->val, q->rng, q->flags);
    case TP_INTERP:
        t->pos++;
        return q->expr;
    case TP_IF:
        return tp_if(t);
    case TP_FOR:
        return tp_for(t);
    case TP_END: {
        hcl_range r = q->rng;
        add_diag(p, r, "Unexpected end of template",
                 "The control directives within this template are unbalanced.");
        return placeholder(p, r);
    }
    default: {
        hcl_range r = q->rng;
        uint32_t kind = q->kind;
        t->pos++;
        add_diag(p, r, p_fmt(p, "Unexpected %s directive", directive_name(kind)),
                 "The control directives within this template are unbalanced.");
        return placeholder(p, r);
    }
    }
}

static hcl_expr *parse_template(parser *p, ptok open)
{
    uint32_t closer = open.t == HCL_TOK_OQUOTE ? HCL_TOK_CQUOTE : HCL_TOK_CHEREDOC;
    hcl_str ot = tok_str(p, open.i);
    int heredoc = open.t == HCL_TOK_OHEREDOC;
    int flush = heredoc && ot.len >= 3 && ot.p[2] == '-';
    size_t base = p->ss_len;
    hcl_range whole;
    uint32_t n = tmpl_parts(p, closer, base, &whole);
    if (flush) tmpl_flush(p, base, n);
    n = tmpl_meld(p, base, n);
    int passthru = n == 2 && tp_at(p, base, 0)->kind == TP_INTERP;

    tpar t = { p, base, n, 0 };
    size_t mark = p->ss_len;
    while (tp_at(p, base, t.pos)->kind != TP_END) {
        hcl_expr *x = tp_expr(&t);
        ss_push(p, &x, sizeof x);
    }
    uint32_t nx;
    hcl_expr **xs = ss_take(p, mark, sizeof(hcl_expr *), &nx);
    p->ss_len = base;

    hcl_range r = between(tok_range(p, open.i), prev_range(p));
    int wrap = passthru && nx == 1;
    return hcl_template_of(mk(p, wrap ? HCL_EXPR_TEMPLATE_WRAP : HCL_EXPR_TEMPLATE, r), xs, nx, heredoc);
}

hcl_expr *hcl_template_of(hcl_expr *e, hcl_expr **xs, uint32_t nx, int heredoc)
{
    if (e->kind == HCL_EXPR_TEMPLATE_WRAP) {
        e->u.wrap.wrapped = xs[0];
        return e;
    }
    e->u.tmpl.parts = xs;
    e->u.tmpl.n = nx;
    e->u.tmpl.heredoc = (uint8_t)heredoc;
    return e;
}

/* ------------------------------------------------------------ bodies */

typedef struct label {
    hcl_str s;
    hcl_range r;
} label;

/* A quoted string that may not contain template sequences (block labels). */
static label parse_quoted_label(parser *p)
{
    ptok oq = next_tok(p);
    hcl_range orng = tok_range(p, oq.i), endr;
    size_t mark = p->ss_len;
    for (;;) {
        ptok t = next_tok(p);
        hcl_range tr = tok_range(p, t.i);
        if (t.t == HCL_TOK_CQUOTE) {
            endr = tr;
            break;
        }
        if (t.t == HCL_TOK_QUOTED_LIT) {
            hcl_str s = decode_lit(p, t.i, 1, NULL);
            ss_push(p, &s, sizeof s);
            continue;
        }
        if (t.t == HCL_TOK_TEMPLATE_INTERP || t.t == HCL_TOK_TEMPLATE_CONTROL) {
            const char *w = t.t == HCL_TOK_TEMPLATE_CONTROL ? "%" : "$";
            add_diag(p, tr, "Invalid string literal",
                     p_fmt(p,
                           "Template sequences are not allowed in this string. To include a literal \"%s\", "
                           "double it (as \"%s%s\") to escape it.",
                           w, w, w));
            hcl_str s = { t.t == HCL_TOK_TEMPLATE_CONTROL ? "%{ ... }" : "${ ... }", 8 };
            ss_push(p, &s, sizeof s);
            recover_to(p, HCL_TOK_TEMPLATE_SEQ_END);
            continue;
        }
        if (t.t == HCL_TOK_EOF) {
            add_diag(p, tr, "Unterminated string literal",
                     "Unable to find the closing quote mark before the end of the file.");
            endr = tr;
            break;
        }
        add_diag(p, tr, "Invalid string literal", "This item is not valid in a string literal.");
        recover_to(p, HCL_TOK_CQUOTE);
        endr = tr;
        break;
    }
    uint32_t n;
    hcl_str *pieces = ss_take(p, mark, sizeof(hcl_str), &n);
    label l = { { p->src + orng.end, 0 }, between(orng, endr) };
    if (n == 1) {
        l.s = pieces[0];
    } else if (n > 1) {
        size_t total = 0, k = 0;
        for (uint32_t i = 0; i < n; i++) total += pieces[i].len;
        char *buf = p_alloc(p, total);
        for (uint32_t i = 0; i < n; i++) {
            if (pieces[i].len) memcpy(buf + k, pieces[i].p, pieces[i].len);
            k += pieces[i].len;
        }
        l.s.p = buf;
        l.s.len = (uint32_t)total;
    }
    return l;
}

enum { ITEM_NONE, ITEM_ATTR, ITEM_BLOCK };

typedef struct bitem {
    uint32_t kind;
    union {
        hcl_attr a;
        hcl_block b;
    } u;
} bitem;

static hcl_body *parse_body(parser *p, uint32_t end);

static void finish_attr(parser *p, ptok id, int single, hcl_attr *a)
{
    next_tok(p);   /* '=' */
    uint32_t e0 = p->nerr;
    hcl_expr *x = parse_expression(p);
    uint32_t endi = p->next ? p->next - 1 : 0;   /* prev_range, taken lazily */
    if (p->recovery && p->nerr > e0) {
        recover_after_item(p);
    } else if (!single) {
        ptok en = peek(p);
        if (en.t != HCL_TOK_NEWLINE && en.t != HCL_TOK_EOF) {
            if (!p->recovery) {
                if (en.t == HCL_TOK_COMMA)
                    add_diag(p, tok_range(p, en.i), "Unexpected comma after argument",
                             "Argument definitions must be separated by newlines, not commas. An argument "
                             "definition must end with a newline.");
                else
                    add_diag(p, tok_range(p, en.i), "Missing newline after argument",
                             "An argument definition must end with a newline.");
            }
            recover_after_item(p);
        } else {
            next_tok(p);
        }
    }
    a->name = tok_str(p, id.i);
    a->name_range = tok_range(p, id.i);
    a->expr = x;
    a->range = between(a->name_range, tok_range(p, endi));
}

static hcl_body *empty_body(parser *p, hcl_range r)
{
    hcl_body *b = p_zalloc(p, sizeof *b);
    b->range = r;
    return b;
}

/* The one-line form `x { a = 1 }`: one attribute and nothing else. */
static hcl_body *parse_single_attr_body(parser *p)
{
    ptok id = next_tok(p);
    hcl_range ir = tok_range(p, id.i);
    if (id.t != HCL_TOK_IDENT) {
        recover_after_item(p);
        add_diag(p, ir, "Argument or block definition required",
                 "An argument or block definition is required here.");
        return NULL;
    }
    ptok nx = peek(p);
    if (nx.t == HCL_TOK_EQUAL) {
        hcl_attr a;
        finish_attr(p, id, 1, &a);
        hcl_body *b = empty_body(p, a.range);
        b->attrs = p_alloc(p, sizeof a);
        b->attrs[0] = a;
        b->nattrs = 1;
        return b;
    }
    hcl_range nr = tok_range(p, nx.i);
    recover_after_item(p);
    if (nx.t == HCL_TOK_OQUOTE || nx.t == HCL_TOK_OBRACE || nx.t == HCL_TOK_IDENT) {
        hcl_str nm = tok_str(p, id.i);
        add_diag(p, between(ir, nr), "Argument definition required",
                 p_fmt(p,
                       "A single-line block definition can contain only a single argument. If you meant to "
                       "define argument %s, use an equals sign to assign it a value. To define a nested "
                       "block, place it on a line of its own within its parent block.",
                       quote(p, nm)));
    } else {
        add_diag(p, ir, "Argument or block definition required",
                 "An argument or block definition is required here. To set an argument, use the equals sign "
                 "\"=\" to introduce the argument value.");
    }
    return NULL;
}

static void finish_block(parser *p, ptok id, hcl_block *b)
{
    hcl_range ir = tok_range(p, id.i);
    memset(b, 0, sizeof *b);
    b->type = tok_str(p, id.i);
    b->type_range = ir;
    size_t mark = p->ss_len;
    ptok ob;
    for (;;) {
        ptok t = peek(p);
        if (t.t == HCL_TOK_OBRACE) {
            ob = next_tok(p);
            break;
        }
        if (t.t == HCL_TOK_OQUOTE) {
            label l = parse_quoted_label(p);
            ss_push(p, &l, sizeof l);
            continue;
        }
        if (t.t == HCL_TOK_IDENT) {
            next_tok(p);
            label l = { tok_str(p, t.i), tok_range(p, t.i) };
            ss_push(p, &l, sizeof l);
            continue;
        }
        hcl_range tr = tok_range(p, t.i);
        if (t.t == HCL_TOK_EQUAL)
            add_diag(p, tr, "Invalid block definition",
                     "The equals sign \"=\" indicates an argument definition, and must not be used when "
                     "defining a block.");
        else if (t.t == HCL_TOK_NEWLINE)
            add_diag(p, tr, "Invalid block definition",
                     "A block definition must have block content delimited by \"{\" and \"}\", starting on "
                     "the same line as the block header.");
        else if (!p->recovery)
            add_diag(p, tr, "Invalid block definition",
                     "Either a quoted string block label or an opening brace (\"{\") is expected here.");
        recover_after_item(p);
        ob.i = id.i;
        ob.t = HCL_TOK_IDENT;
        break;
    }
    /* labels */
    uint32_t nl;
    label *ls = ss_take(p, mark, sizeof(label), &nl);
    b->nlabels = nl;
    if (nl) {
        b->labels = p_alloc(p, (size_t)nl * sizeof *b->labels);
        b->label_ranges = p_alloc(p, (size_t)nl * sizeof *b->label_ranges);
        for (uint32_t i = 0; i < nl; i++) {
            b->labels[i] = ls[i].s;
            b->label_ranges[i] = ls[i].r;
        }
    }
    if (ob.t != HCL_TOK_OBRACE) {
        /* header error: upstream's placeholder ranges */
        hcl_range endr = nl ? b->label_ranges[nl - 1] : ir;
        b->body = empty_body(p, ir);
        b->open_brace = ir;
        b->close_brace = endr;
        b->range = between(ir, endr);
        return;
    }
    hcl_range obr = tok_range(p, ob.i);
    hcl_body *body;
    ptok after = peek(p);
    if (after.t == HCL_TOK_NEWLINE || after.t == HCL_TOK_EOF || after.t == HCL_TOK_CBRACE) {
        if (p->depth >= HCL_MAX_DEPTH) {
            too_deep(p);
            body = NULL;
        } else {
            p->depth++;
            body = parse_body(p, HCL_TOK_CBRACE);
            p->depth--;
        }
    } else {
        uint32_t d0 = p->ndiags;
        body = parse_single_attr_body(p);
        uint32_t d1 = p->ndiags;
        ptok c = peek(p);
        hcl_range cr = tok_range(p, c.i);
        if (c.t == HCL_TOK_CBRACE) {
            next_tok(p);
        } else {
            if (c.t == HCL_TOK_COMMA)
                add_diag(
                    p, cr, "Invalid single-argument block definition",
                    "Single-line block syntax can include only one argument definition. To define multiple "
                    "arguments, use the multi-line block syntax with one argument definition per line.");
            else if (c.t == HCL_TOK_NEWLINE)
                add_diag(p, cr, "Invalid single-argument block definition",
                         "An argument definition on the same line as its containing block creates a "
                         "single-line block definition, which must also be closed on the same line. Place "
                         "the block's closing brace immediately after the argument definition.");
            else if (!p->recovery) {
                if (c.t == HCL_TOK_EOF)
                    add_diag(p, obr, "Unclosed configuration block",
                             "There is no closing brace for this block before the end of the file. This may "
                             "be caused by incorrect brace nesting elsewhere in this file.");
                else
                    add_diag(p, cr, "Invalid single-argument block definition",
                             "A single-line block definition must end with a closing brace immediately after "
                             "its single argument definition.");
            }
            recover_to(p, HCL_TOK_CBRACE);
        }
        diag_rotate(p, d0, d1);
    }
    hcl_range cbr = prev_range(p);
    ptok eol = peek(p);
    if (eol.t == HCL_TOK_NEWLINE || eol.t == HCL_TOK_EOF) {
        next_tok(p);
    } else {
        if (!p->recovery)
            add_diag(p, tok_range(p, eol.i), "Missing newline after block definition",
                     "A block definition must end with a newline.");
        recover_after_item(p);
    }
    if (!body) body = empty_body(p, between(obr, cbr));
    b->body = body;
    b->open_brace = obr;
    b->close_brace = cbr;
    b->range = between(ir, cbr);
}

/* The attribute names of one body, for "Attribute redefined": a linear scan
 * while the body is small, an open-addressing table (offsets of the items on
 * the scratch stack, +1) once it is not, so huge bodies stay linear. */
typedef struct name_set {
    uint32_t *tab;
    uint32_t cap, n;
} name_set;

static uint32_t name_hash(hcl_str s)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < s.len; i++) h = (h ^ (unsigned char)s.p[i]) * 16777619u;
    return h;
}

static const bitem *item_at(const parser *p, size_t mark, uint32_t off)
{
    return (const bitem *)(const void *)(p->ss + mark + off);
}

static void name_insert(name_set *ns, const parser *p, size_t mark, uint32_t off)
{
    uint32_t i = name_hash(item_at(p, mark, off)->u.a.name) & (ns->cap - 1);
    while (ns->tab[i]) i = (i + 1) & (ns->cap - 1);
    ns->tab[i] = off + 1;
}

static void add_name(parser *p, name_set *ns, size_t mark, uint32_t off)
{
    ns->n++;
    if (ns->n <= 16) return;
    if (ns->n * 2 > ns->cap) {
        /* (re)build from every attribute on the stack */
        ns->cap = ns->cap ? ns->cap * 2 : 64;
        ns->tab = p_zalloc(p, (size_t)ns->cap * sizeof *ns->tab);
        for (size_t o = mark; o < p->ss_len; o += SS_ALIGN(sizeof(bitem)))
            if (((const bitem *)(const void *)(p->ss + o))->kind == ITEM_ATTR)
                name_insert(ns, p, mark, (uint32_t)(o - mark));
        return;
    }
    name_insert(ns, p, mark, off);
}

static const bitem *find_attr(const parser *p, const name_set *ns, size_t mark, hcl_str name)
{
    if (ns->tab) {
        for (uint32_t i = name_hash(name) & (ns->cap - 1); ns->tab[i]; i = (i + 1) & (ns->cap - 1)) {
            const bitem *q = item_at(p, mark, ns->tab[i] - 1);
            if (q->u.a.name.len == name.len && memcmp(q->u.a.name.p, name.p, name.len) == 0) return q;
        }
        return NULL;
    }
    for (size_t o = mark; o < p->ss_len; o += SS_ALIGN(sizeof(bitem))) {
        const bitem *q = (const bitem *)(const void *)(p->ss + o);
        if (q->kind == ITEM_ATTR && q->u.a.name.len == name.len &&
            memcmp(q->u.a.name.p, name.p, name.len) == 0)
            return q;
    }
    return NULL;
}

static hcl_body *parse_body(parser *p, uint32_t end)
{
    hcl_range start = prev_range(p), endr;
    size_t mark = p->ss_len;
    name_set names = { 0 };
    for (;;) {
        ptok nx = peek(p);
        if (nx.t == end) {
            endr = tok_range(p, nx.i);
            next_tok(p);
            break;
        }
        if (nx.t == HCL_TOK_NEWLINE) {
            next_tok(p);
            continue;
        }
        if (nx.t == HCL_TOK_IDENT) {
            ptok id = next_tok(p);
            uint32_t t = peek(p).t;
            bitem it;
            if (t == HCL_TOK_EQUAL) {
                it.kind = ITEM_ATTR;
                finish_attr(p, id, 0, &it.u.a);
                /* a redefinition is reported; the first definition is kept */
                const bitem *dup = find_attr(p, &names, mark, it.u.a.name);
                if (dup) {
                    add_diag(
                        p, it.u.a.name_range, "Attribute redefined",
                        p_fmt(p, "The argument %s was already set at %s. Each argument may be set only once.",
                              quote(p, it.u.a.name), range_string(p, dup->u.a.name_range)));
                } else {
                    uint32_t off = (uint32_t)(p->ss_len - mark);
                    ss_push(p, &it, sizeof it);
                    add_name(p, &names, mark, off);
                }
            } else if (t == HCL_TOK_OQUOTE || t == HCL_TOK_OBRACE || t == HCL_TOK_IDENT) {
                it.kind = ITEM_BLOCK;
                finish_block(p, id, &it.u.b);
                ss_push(p, &it, sizeof it);
            } else {
                recover_after_item(p);
                add_diag(p, tok_range(p, id.i), "Argument or block definition required",
                         "An argument or block definition is required here. To set an argument, use the "
                         "equals sign \"=\" to introduce the argument value.");
            }
            continue;
        }
        ptok bad = next_tok(p);
        if (!p->recovery) {
            hcl_range br = tok_range(p, bad.i);
            if (bad.t == HCL_TOK_OQUOTE)
                add_diag(p, br, "Invalid argument name", "Argument names must not be quoted.");
            else if (bad.t == HCL_TOK_EOF && end == HCL_TOK_CBRACE)
                add_diag(p, start, "Unclosed configuration block",
                         "There is no closing brace for this block before the end of the file. This may be "
                         "caused by incorrect brace nesting elsewhere in this file.");
            else if (bad.t == HCL_TOK_EOF)
                add_diag(p, start, "Unclosed configuration body",
                         "Found end of file before the end of this configuration body.");
            else
                add_diag(p, br, "Argument or block definition required",
                         "An argument or block definition is required here.");
        }
        endr = prev_range(p);
        recover_to(p, end);
        break;
    }
    /* split the items into the two arrays */
    hcl_body *body = p_zalloc(p, sizeof *body);
    body->range = between(start, endr);
    const size_t stride = SS_ALIGN(sizeof(bitem));
    for (size_t o = mark; o < p->ss_len; o += stride) {
        const bitem *q = (const bitem *)(const void *)(p->ss + o);
        if (q->kind == ITEM_ATTR) body->nattrs++;
        else body->nblocks++;
    }
    if (body->nattrs) body->attrs = p_alloc(p, (size_t)body->nattrs * sizeof(hcl_attr));
    if (body->nblocks) body->blocks = p_alloc(p, (size_t)body->nblocks * sizeof(hcl_block));
    uint32_t na = 0, nb = 0;
    for (size_t o = mark; o < p->ss_len; o += stride) {
        const bitem *q = (const bitem *)(const void *)(p->ss + o);
        if (q->kind == ITEM_ATTR) body->attrs[na++] = q->u.a;
        else body->blocks[nb++] = q->u.b;
    }
    p->ss_len = mark;
    return body;
}

/* ------------------------------------------------------------ lexer-level errors */

/* hclsyntax's checkInvalidTokens: characters that never belong in HCL,
 * reported before any parser error, with upstream's repetition limits. */
static void check_invalid_tokens(parser *p)
{
    int bitwise = 0, backtick = 0, apostrophe = 0, semicolon = 0, badutf8 = 0;
    for (uint32_t i = 0; i < p->ntok; i++) {
        const hcl_token *t = &p->tok[i];
        switch (t->type) {
        case HCL_TOK_BITWISE_AND: case HCL_TOK_BITWISE_OR: case HCL_TOK_BITWISE_XOR: case HCL_TOK_BITWISE_NOT:
            if (bitwise < 4) {
                const char *d =
                    t->type == HCL_TOK_BITWISE_AND
                        ? "Bitwise operators are not supported. Did you mean boolean AND (\"&&\")?"
                    : t->type == HCL_TOK_BITWISE_OR
                        ? "Bitwise operators are not supported. Did you mean boolean OR (\"||\")?"
                    : t->type == HCL_TOK_BITWISE_NOT
                        ? "Bitwise operators are not supported. Did you mean boolean NOT (\"!\")?"
                        : "Bitwise operators are not supported.";
                add_diag(p, tok_range(p, i), "Unsupported operator", d);
                bitwise++;
            }
            break;
        case HCL_TOK_BACKTICK:
            if (backtick % 2 == 0)
                add_diag(p, tok_range(p, i), "Invalid character",
                         "The \"`\" character is not valid. To create a multi-line string, use the "
                         "\"heredoc\" syntax, like \"<<EOT\".");
            if (backtick <= 2) backtick++;
            break;
        case HCL_TOK_APOSTROPHE:
            if (apostrophe % 2 == 0)
                add_diag(p, tok_range(p, i), "Invalid character",
                         "Single quotes are not valid. Use double quotes (\") to enclose strings.");
            if (apostrophe <= 2) apostrophe++;
            break;
        case HCL_TOK_SEMICOLON:
            if (!semicolon++)
                add_diag(p, tok_range(p, i), "Invalid character",
                         "The \";\" character is not valid. Use newlines to separate arguments and blocks, "
                         "and commas to separate items in collection values.");
            break;
        case HCL_TOK_BAD_UTF8:
            if (!badutf8++)
                add_diag(p, tok_range(p, i), "Invalid character encoding",
                         "All input files must be UTF-8 encoded. Ensure that UTF-8 encoding is selected in "
                         "your editor.");
            break;
        case HCL_TOK_QUOTED_NEWLINE:
            add_diag(p, tok_range(p, i), "Invalid multi-line string",
                     "Quoted strings may not be split over multiple lines. To produce a multi-line string, "
                     "either use the \\n escape to represent a newline character or use the \"heredoc\" "
                     "multi-line template syntax.");
            break;
        case HCL_TOK_INVALID: {
            hcl_str s = tok_str(p, i);
            int curly = s.len == 3 && (unsigned char)s.p[0] == 0xE2 && (unsigned char)s.p[1] == 0x80 &&
                        ((unsigned char)s.p[2] == 0x9C || (unsigned char)s.p[2] == 0x9D);
            if (curly) {
                add_diag(p, tok_range(p, i), "Invalid character",
                         "\"Curly quotes\" are not valid here. These can sometimes be inadvertently "
                         "introduced when sharing code via documents or discussion forums. It might help to "
                         "replace the character with a \"straight quote\".");
                break;
            }
            invalid_run(p, i);
            break;
        }
        default:
            break;
        }
    }
}

/* ------------------------------------------------------------ entry */

int hcl_parse(const char *name, const char *src, size_t len, ar_arena *arena, hcl_file *out)
{
    return hcl_parse_at(name, src, len, 1, 1, arena, out);
}

int hcl_parse_at(const char *name, const char *src, size_t len, uint32_t line, uint32_t col, ar_arena *arena,
                 hcl_file *out)
{
    return hcl_parse_split(name, src, len, line, col, arena, arena, out);
}

int hcl_parse_split(const char *name, const char *src, size_t len, uint32_t line, uint32_t col,
                    ar_arena *arena, ar_arena *tmp, hcl_file *out)
{
    memset(out, 0, sizeof *out);
    out->name = name ? name : "";
    out->src = src;
    out->len = (uint32_t)len;
    hcl_tokens toks;
    /* every position derives from the tokens' (lines, columns within a token
     * and between tokens count forward from them), so starting the lexer at
     * (line, col) positions the whole tree and its diagnostics */
    if (len >= UINT32_MAX || hcl_lex_at(src, len, line ? line : 1, col ? col : 1, tmp, &toks) != 0 ||
        toks.n == 0)
        return -1;

    parser *p = ar_alloc(tmp, sizeof *p);
    if (!p) return -1;
    memset(p, 0, offsetof(parser, oom));
    p->name = out->name;
    p->src = src;
    p->len = (uint32_t)len;
    p->tok = toks.v;
    p->ntok = toks.n;
    p->a = arena;
    p->t = tmp;
    p->nl[0] = 1;   /* newlines matter in the top-level body */
    p->nl_n = 1;
    p->diag_limit = HCL_MAX_DIAGS;
    if (setjmp(p->oom)) return -1;

    out->body = parse_body(p, HCL_TOK_EOF);
    if (toks.deep && !p->abort) {
        /* the lexer kept no tokens past its own depth limit: whatever the
         * parser made of the cut, the file is too deep */
        p->next = p->ntok - 1;
        too_deep(p);
    }
    if (p->nerr) {
        /* Tokens that never belong in HCL always also cause a parser error
         * (no grammar position accepts them), so only a file with errors
         * needs the pass; its diagnostics go first, as upstream's do. */
        uint32_t before = p->ndiags;
        p->abort = 0;
        p->diag_limit = before + HCL_MAX_DIAGS;
        check_invalid_tokens(p);
        if (p->ndiags > before) diag_rotate(p, 0, before);
        if (p->ndiags > HCL_MAX_DIAGS) {
            p->more_at = p->diags[HCL_MAX_DIAGS].range;
            p->nmore += p->ndiags - HCL_MAX_DIAGS;
            p->ndiags = HCL_MAX_DIAGS;
        }
    }
    if (toks.bad) {
        /* the lexer stopped keeping tokens: say so, within the cap, last */
        if (p->ndiags >= HCL_MAX_DIAGS) {
            p->more_at = p->diags[HCL_MAX_DIAGS - 1].range;
            p->nmore += p->ndiags - (HCL_MAX_DIAGS - 1);
            p->ndiags = HCL_MAX_DIAGS - 1;
        }
        p->abort = 0;
        p->diag_limit = p->ndiags + 1;
        add_diag(p, tok_range(p, p->ntok - 1), "Too many invalid characters",
                 p_fmt(p, "More than %u runs of characters that are not used within the language; the rest "
                       "of the file is not read.", HCL_LEX_MAX_BAD));
    }
    out->diags = p->diags;
    out->ndiags = p->ndiags;
    out->nerrors = p->nerr;
    out->nmore = p->nmore;
    out->more_at = p->more_at;
    out->nul_decoded = p->nul_decoded;
    return 0;
}
