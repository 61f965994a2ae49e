/* unicode_nfc.c — NFC as cty applies it: golang.org/x/text/unicode/norm at
 * Unicode 13.0, as built into hcl2json 0.21.0 (hcl_nfc's slow path).
 *
 * Differences from a textbook NFC, each measured with the oracle:
 *  - code points assigned after 13.0 are unassigned: combining class 0, no
 *    decomposition, never composed ("e\U0001e4ec\u0301" stays as it is);
 *  - Stream-Safe Text Format: more than 30 non-starters in a row (counted on
 *    the compatibility decomposition; starters that combine backward, like
 *    Jamo V/T, count too) get U+034F COMBINING GRAPHEME JOINER inserted before
 *    the 31st, which also ends the segment;
 *  - composition looks pairs up by the key (a << 16) + b in 32 bits, so an
 *    astral starter composes as the code point of its low 16 bits would
 *    ("\U00010041\u0301" -> "Á", U+21099 U+110BA -> U+1109A).  We keep that:
 *    it is what Powerpipe's own hcl does to such text, and matching it keeps
 *    the values this library reports equal to Powerpipe's;
 *  - a segment holding a Jamo (U+1100..U+11FF) after its first code point
 *    composes only Hangul from there on (x/text's combineHangul).
 * Segments, reordering and blocking follow x/text's reorderBuffer: one
 * segment runs from a code point with a boundary before it (class 0, not
 * combining backward) to the next. */
#include "hcl/hcl_ast.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "hcl/unicode13_nfc.h"

#define MAX_NON_STARTERS 30
#define CGJ 0x034F

static int in_ranges(uint32_t c)
{
    size_t lo = 0, hi = sizeof u13_assigned / sizeof u13_assigned[0];
    while (lo < hi) {
        size_t m = (lo + hi) / 2;
        if (c < u13_assigned[m][0]) hi = m;
        else if (c > u13_assigned[m][1]) lo = m + 1;
        else return 1;
    }
    return 0;
}

int hcl_unicode13_assigned(int32_t cp) { return cp >= 0 && in_ranges((uint32_t)cp); }

static int combines_backward(uint32_t c)
{
    if (c >= 0x1161 && c <= 0x1175) return 1;   /* Hangul V */
    if (c >= 0x11A8 && c <= 0x11C2) return 1;   /* Hangul T */
    size_t lo = 0, hi = sizeof u13_second / sizeof u13_second[0];
    while (lo < hi) {
        size_t m = (lo + hi) / 2;
        if (u13_second[m] == c) return 1;
        if (u13_second[m] < c) lo = m + 1;
        else hi = m;
    }
    return 0;
}

static uint32_t combine(uint32_t a, uint32_t b)
{
    uint32_t key = (a << 16) + b;   /* wraps as x/text's uint32(a)<<16 + uint32(b) */
    size_t lo = 0, hi = sizeof u13_pairs / sizeof u13_pairs[0];
    while (lo < hi) {
        size_t m = (lo + hi) / 2;
        if (u13_pairs[m][0] == key) return u13_pairs[m][1];
        if (u13_pairs[m][0] < key) lo = m + 1;
        else hi = m;
    }
    return 0;
}

static uint8_t ccc(uint32_t c)
{
    return in_ranges(c) ? (uint8_t)utf8proc_get_property((utf8proc_int32_t)c)->combining_class : 0;
}

typedef struct seg {
    uint32_t *r;
    uint8_t *cc;
    size_t n;     /* runes of the current segment (from r[0]) */
} seg;

/* x/text's insertOrdered: a non-starter moves back past higher classes. */
static void insert_ordered(seg *g, uint32_t c, uint8_t cl)
{
    size_t n = g->n;
    if (cl > 0)
        for (; n > 0 && g->cc[n - 1] > cl; n--) {
            g->r[n] = g->r[n - 1];
            g->cc[n] = g->cc[n - 1];
        }
    g->r[n] = c;
    g->cc[n] = cl;
    g->n++;
}

/* x/text's combineHangul, from rune i on. */
static size_t compose_hangul(seg *g, size_t s, size_t i, size_t k)
{
    uint32_t *b = g->r;
    uint8_t *cc = g->cc;
    for (; i < g->n; i++) {
        uint8_t cb = cc[k - 1], ci = cc[i];
        if (cb == 0) s = k - 1;
        uint32_t l = b[s], v = b[i];
        if (s != k - 1 && cb >= ci) {
            /* blocked */
        } else if (l >= 0x1100 && l < 0x1113 && v >= 0x1161 && v < 0x1176) {
            b[s] = 0xAC00 + (l - 0x1100) * 588 + (v - 0x1161) * 28;
            cc[s] = 0;
            continue;
        } else if (l >= 0xAC00 && l < 0xD7A4 && v > 0x11A7 && v < 0x11C3 && (l - 0xAC00) % 28 == 0) {
            b[s] = l + v - 0x11A7;
            cc[s] = 0;
            continue;
        }
        b[k] = b[i];
        cc[k] = cc[i];
        k++;
    }
    return k;
}

/* x/text's reorderBuffer.compose on one segment; its new length. */
static size_t compose(seg *g)
{
    if (g->n == 0) return 0;
    uint32_t *b = g->r;
    uint8_t *cc = g->cc;
    size_t k = 1, s = 0;
    for (size_t i = 1; i < g->n; i++) {
        if ((b[i] & 0xFFFFFF00u) == 0x1100) return compose_hangul(g, s, i, k);
        if (combines_backward(b[i])) {
            uint8_t cb = cc[k - 1], ci = cc[i];
            int blocked = 0;
            if (cb == 0) s = k - 1;
            else blocked = s != k - 1 && cb >= ci;
            if (!blocked) {
                uint32_t c = combine(b[s], b[i]);
                if (c) {
                    b[s] = c;
                    cc[s] = 0;   /* assignRune resets the properties */
                    continue;
                }
            }
        }
        b[k] = b[i];
        cc[k] = cc[i];
        k++;
    }
    return k;
}

/* The output, grown in the arena as needed: NFC may lengthen text (an
 * excluded composite decomposes; U+034F is inserted). */
typedef struct obuf {
    ar_arena *a;
    char *p;
    size_t n, cap;
} obuf;

static int flush(obuf *o, seg *g)
{
    g->n = compose(g);
    if (o->n + g->n * 4 > o->cap) {
        size_t cap = (o->cap + g->n * 4) * 2;
        char *p = ar_grow(o->a, o->p, o->cap, cap);
        if (!p) return -1;
        o->p = p;
        o->cap = cap;
    }
    for (size_t q = 0; q < g->n; q++)
        o->n += (size_t)utf8proc_encode_char((utf8proc_int32_t)g->r[q], (utf8proc_uint8_t *)o->p + o->n);
    g->n = 0;
    return 0;
}

/* A segment holds one code point with a boundary before it and at most 30
 * that count as non-starters (then U+034F ends it), each decomposing to at
 * most 4 runes. */
#define SEG_MAX (31 * 4 + 1)

int hcl_nfc_full(ar_arena *a, hcl_str s, hcl_str *out)
{
    *out = s;
    uint32_t r[SEG_MAX + 4];
    uint8_t cc[SEG_MAX + 4];
    obuf o = { a, ar_alloc(a, (size_t)s.len + 16), 0, (size_t)s.len + 16 };
    if (!o.p) return -1;
    seg g = { r, cc, 0 };
    unsigned ss = 0;   /* x/text's streamSafe count */
    for (utf8proc_ssize_t i = 0; i < (utf8proc_ssize_t)s.len;) {
        utf8proc_int32_t c;
        const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s.p + i;
        utf8proc_ssize_t w = utf8proc_iterate(u, (utf8proc_ssize_t)s.len - i, &c);
        if (w <= 0) return 0;   /* invalid UTF-8: the lexer reported it; keep the bytes */
        i += w;
        utf8proc_int32_t d[8], k8[24];
        utf8proc_ssize_t nd = 1, nk = 1;
        int lb;
        d[0] = k8[0] = c;
        int old = in_ranges((uint32_t)c);
        if (old) {
            lb = 0;
            nd = utf8proc_decompose_char(c, d, 8, UTF8PROC_DECOMPOSE, &lb);
            lb = 0;
            nk = utf8proc_decompose_char(c, k8, 24, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &lb);
            if (nd < 1 || nd > 4 || nk < 1 || nk > 24) return 0;
        }
        /* non-starters leading and trailing its compatibility decomposition */
        unsigned lead = 0, trail = 0;
        while (lead < (unsigned)nk && ccc((uint32_t)k8[lead])) lead++;
        while (trail < (unsigned)nk && ccc((uint32_t)k8[nk - 1 - trail])) trail++;
        int back = old && combines_backward((uint32_t)c);
        if (back && ccc((uint32_t)c) == 0) lead = trail = 1;
        int boundary = ccc((uint32_t)d[0]) == 0 && !back;
        if (boundary && g.n && flush(&o, &g) != 0) return -1;
        ss += lead;
        if (ss > MAX_NON_STARTERS) {
            insert_ordered(&g, CGJ, 0);
            if (flush(&o, &g) != 0) return -1;
            ss = lead;
        } else if (lead == 0) {
            ss = trail;
        }
        if (g.n + (size_t)nd > SEG_MAX) return 0;   /* cannot happen (see SEG_MAX); keep the text */
        for (utf8proc_ssize_t q = 0; q < nd; q++) insert_ordered(&g, (uint32_t)d[q], ccc((uint32_t)d[q]));
    }
    if (flush(&o, &g) != 0) return -1;
    out->p = o.p;
    out->len = (uint32_t)o.n;
    return 0;
}
