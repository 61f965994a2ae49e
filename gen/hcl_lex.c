
#line 1 "src/hcl_lex.rl"
/* hcl_lex.rl — HCL native-syntax scanner (Ragel 6, C output: make gen -> gen/hcl_lex.c).
 *
 * Spec: ../shared/spec/HCL_SYNTAX.md §1-3 and §7.  Modelled on hashicorp/hcl's
 * hclsyntax scanner so that token boundaries are the same: longest-match scanners
 * for code, quoted templates and heredoc templates, switched with fcall/fret, and
 * three pieces of nesting state (brace depth, the depths at which `${`/`%{` return,
 * and a stack of open heredocs with their start-of-line flag).
 *
 * Speed: the bulk of .pp files is heredoc SQL and quoted text, so plain ASCII runs
 * of those are consumed by small C loops (hd_fast, qs_fast) that emit exactly the
 * tokens the state machine would; anything unusual ($, %, CR, non-ASCII, the
 * closing marker) is left to the machine.  Comments are found with memchr/memmem.
 *
 * The buffer is never read past src+len: Ragel's `eof` is set and the C loops are
 * bounded by pe.
 */
#include "hcl_lex.h"

#include <string.h>
#include <utf8proc.h>

/* Ragel's -G2 code falls through between switch cases by design. */
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#endif

typedef unsigned char uchar;

typedef struct hd_entry {
    uint32_t off, len;   /* the marker, in the source */
    uint32_t sol;        /* the next literal starts a line */
} hd_entry;

typedef struct lx_state {
    const uchar *src;
    lp_arena *arena;
    hcl_token *tok;
    uint32_t n, cap;
    uint32_t off, line, col;     /* position where the last token ended */
    int *stack;                  /* Ragel call stack */
    uint32_t stack_cap;
    uint32_t *ret;               /* brace depths at which `}` ends a template sequence */
    uint32_t nret, ret_cap;
    hd_entry *hd;                /* open heredocs, innermost last */
    uint32_t nhd, hd_cap;
    uint32_t braces;
    const uchar *no_close;       /* no "* /" at or after this point (memmem failed) */
    int oom;
} lx_state;

/* ------------------------------------------------------------------ positions */

/* Grapheme clusters in [a, b), which holds no '\n'.  Invalid bytes count as U+FFFD. */
static uint32_t lx_clusters(const uchar *a, const uchar *b)
{
    uint32_t n = 0;
    utf8proc_int32_t prev = -1, state = 0;
    while (a < b) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k;
        if (*a < 0x80) {
            c = *a;
            k = 1;
        } else {
            k = utf8proc_iterate(a, b - a, &c);
            if (k < 1) {
                c = 0xFFFD;
                k = 1;
            }
        }
        if (prev < 0) {
            n++;
        } else if (prev < 0x80 && c < 0x80 && prev != '\r') {
            /* two ASCII characters (not CR LF) always break; START makes utf8proc
             * take the class of the next c1 afresh, as it would after them */
            n++;
            state = 0;
        } else if (utf8proc_grapheme_break_stateful(prev, c, &state)) {
            n++;
        }
        prev = c;
        a += k;
    }
    return n;
}

static int lx_ascii(const uchar *a, const uchar *b)
{
    uint64_t acc = 0;
    while (b - a >= 8) {
        uint64_t w;
        memcpy(&w, a, 8);
        acc |= w;
        a += 8;
    }
    while (a < b) acc |= *a++;
    return (acc & 0x8080808080808080ull) == 0;
}

/* Advance the position over [s, e), which may hold anything. */
static void lx_walk(lx_state *x, const uchar *s, const uchar *e)
{
    const uchar *nl = memrchr(s, '\n', (size_t)(e - s));
    if (nl) {
        for (const uchar *q = s; q <= nl; q++) x->line += (*q == '\n');
        x->col = 1;
        s = nl + 1;
    }
    x->col += lx_ascii(s, e) ? (uint32_t)(e - s) : lx_clusters(s, e);
}

static int lx_grow_tokens(lx_state *x)
{
    uint32_t ncap = x->cap * 2;
    hcl_token *t = ncap > x->cap ? lp_arena_grow(x->arena, x->tok, (size_t)x->cap * sizeof *t,
                                                 (size_t)ncap * sizeof *t) : NULL;
    if (!t) {
        /* Keep scanning into the old array so that nothing runs off; the result is dropped. */
        x->oom = 1;
        x->n = 0;
        return -1;
    }
    x->tok = t;
    x->cap = ncap;
    return 0;
}

/* kind of position update: ASCII without '\n'; ends with its only '\n'; anything */
enum { W_ASCII, W_EOL, W_ANY };

static inline void lx_emit(lx_state *x, int type, const uchar *s, const uchar *e, int walk)
{
    if (x->n == x->cap) lx_grow_tokens(x);
    uint32_t so = (uint32_t)(s - x->src);
    hcl_token *t = &x->tok[x->n++];
    x->col += so - x->off;   /* only spaces and tabs lie between tokens */
    t->type = (uint32_t)type;
    t->off = so;
    t->len = (uint32_t)(e - s);
    t->line = x->line;
    t->col = x->col;
    if (walk == W_ASCII) {
        x->col += t->len;
    } else if (walk == W_EOL) {
        x->line++;
        x->col = 1;
    } else {
        lx_walk(x, s, e);
    }
    x->off = so + t->len;
}

/* ------------------------------------------------------------------ stacks */

/* Room for one more Ragel call frame, return depth and heredoc. */
static int lx_reserve(lx_state *x, int top)
{
    if ((uint32_t)top >= x->stack_cap) {
        uint32_t nc = x->stack_cap * 2;
        int *s = lp_arena_alloc(x->arena, (size_t)nc * sizeof *s);
        if (!s) return x->oom = 1, -1;
        memcpy(s, x->stack, (size_t)x->stack_cap * sizeof *s);
        x->stack = s;
        x->stack_cap = nc;
    }
    if (x->nret >= x->ret_cap) {
        uint32_t nc = x->ret_cap * 2;
        uint32_t *r = lp_arena_alloc(x->arena, (size_t)nc * sizeof *r);
        if (!r) return x->oom = 1, -1;
        memcpy(r, x->ret, (size_t)x->ret_cap * sizeof *r);
        x->ret = r;
        x->ret_cap = nc;
    }
    if (x->nhd >= x->hd_cap) {
        uint32_t nc = x->hd_cap * 2;
        hd_entry *h = lp_arena_alloc(x->arena, (size_t)nc * sizeof *h);
        if (!h) return x->oom = 1, -1;
        memcpy(h, x->hd, (size_t)x->hd_cap * sizeof *h);
        x->hd = h;
        x->hd_cap = nc;
    }
    return 0;
}

/* ------------------------------------------------------------------ heredoc markers */

/* Length of the Unicode White_Space character at a (Go's unicode.IsSpace), else 0. */
static int lx_space_at(const uchar *a, const uchar *b)
{
    uchar c = a[0];
    if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
    if (c < 0xC2 || b - a < 2) return 0;
    if (c == 0xC2) return (a[1] == 0x85 || a[1] == 0xA0) ? 2 : 0;
    if (b - a < 3) return 0;
    uchar c1 = a[1], c2 = a[2];
    if (c == 0xE1) return (c1 == 0x9A && c2 == 0x80) ? 3 : 0;          /* U+1680 */
    if (c == 0xE2 && c1 == 0x80)                                      /* U+2000-200A, 2028, 2029, 202F */
        return (c2 <= 0x8A || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) ? 3 : 0;
    if (c == 0xE2) return (c1 == 0x81 && c2 == 0x9F) ? 3 : 0;           /* U+205F */
    if (c == 0xE3) return (c1 == 0x80 && c2 == 0x80) ? 3 : 0;           /* U+3000 */
    return 0;
}

/* Does [s, e), trimmed of white space (its newline too), equal the marker? */
static int lx_is_marker(const lx_state *x, const uchar *s, const uchar *e)
{
    const hd_entry *h = &x->hd[x->nhd - 1];
    int k;
    /* most lines end in something else than the marker's last byte: cheap reject */
    const uchar *r = e;
    while (r > s && (r[-1] == ' ' || (r[-1] >= '\t' && r[-1] <= '\r'))) r--;
    if (r == s || (r[-1] < 0x80 && r[-1] != x->src[h->off + h->len - 1])) return 0;
    while (s < e && (k = lx_space_at(s, e)) > 0) s += k;
    for (;;) {
        if (e > s && (e[-1] == ' ' || (e[-1] >= '\t' && e[-1] <= '\r'))) e--;
        else if (e - s >= 2 && lx_space_at(e - 2, e) == 2) e -= 2;
        else if (e - s >= 3 && lx_space_at(e - 3, e) == 3) e -= 3;
        else break;
    }
    return (uint32_t)(e - s) == h->len && memcmp(s, x->src + h->off, h->len) == 0;
}

/* ------------------------------------------------------------------ fast paths */

/* Bytes that end a plain run: control of the template machines or non-ASCII. */
static const uchar lx_hd_stop[256] = {
    ['\n'] = 1, ['\r'] = 1, ['$'] = 1, ['%'] = 1,
    [0x80 ... 0xFF] = 1,
};

static const uchar lx_qs_stop[256] = {
    ['\n'] = 1, ['\r'] = 1, ['$'] = 1, ['%'] = 1, ['"'] = 1, ['\\'] = 1,
    [0x80 ... 0xFF] = 1,
};

/* Length of the well-formed UTF-8 sequence at p (p[0] >= 0x80), else 0; the same
 * set as the machine's `utf8`. */
static inline int lx_utf8_len(const uchar *p, const uchar *pe)
{
    uchar c = p[0];
    ptrdiff_t room = pe - p;
    if (c < 0xC2 || c > 0xF4) return 0;
    if (c < 0xE0) return (room >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
    if (room < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
    if (c < 0xF0) {
        if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F)) return 0;
        return 3;
    }
    if (room < 4 || (p[3] & 0xC0) != 0x80) return 0;
    if ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F)) return 0;
    return 4;
}

/* The first byte in [p, pe) that ends a plain run of heredoc (lx_find_hd) or quoted
 * (lx_find_qs) text, or pe.  SSE2 takes 16 bytes at a time where it exists; loads
 * never go past pe. */
#if defined(__SSE2__)
#include <emmintrin.h>
#define LX_EQ(v, c) _mm_cmpeq_epi8((v), _mm_set1_epi8((char)(c)))
static inline const uchar *lx_find_hd(const uchar *p, const uchar *pe)
{
    while (pe - p >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i m = _mm_or_si128(_mm_or_si128(LX_EQ(v, '\n'), LX_EQ(v, '\r')),
                                 _mm_or_si128(LX_EQ(v, '$'), LX_EQ(v, '%')));
        int bits = _mm_movemask_epi8(_mm_or_si128(m, v));   /* v: the non-ASCII bytes */
        if (bits) return p + __builtin_ctz((unsigned)bits);
        p += 16;
    }
    while (p < pe && !lx_hd_stop[*p]) p++;
    return p;
}
static inline const uchar *lx_find_qs(const uchar *p, const uchar *pe)
{
    while (pe - p >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i m = _mm_or_si128(_mm_or_si128(LX_EQ(v, '\n'), LX_EQ(v, '\r')),
                                 _mm_or_si128(LX_EQ(v, '$'), LX_EQ(v, '%')));
        m = _mm_or_si128(m, _mm_or_si128(LX_EQ(v, '"'), LX_EQ(v, '\\')));
        int bits = _mm_movemask_epi8(_mm_or_si128(m, v));
        if (bits) return p + __builtin_ctz((unsigned)bits);
        p += 16;
    }
    while (p < pe && !lx_qs_stop[*p]) p++;
    return p;
}
#else
static inline const uchar *lx_find_hd(const uchar *p, const uchar *pe)
{
    while (p < pe && !lx_hd_stop[*p]) p++;
    return p;
}
static inline const uchar *lx_find_qs(const uchar *p, const uchar *pe)
{
    while (p < pe && !lx_qs_stop[*p]) p++;
    return p;
}
#endif

/* In a heredoc at p (a token start): emit the plain lines and the plain start of a
 * line, as the machine would, and return where the machine must take over: at `$`,
 * `%`, CR, a non-ASCII byte, a possible closing marker, or the end of input. */
static const uchar *lx_hd_fast(lx_state *x, const uchar *p, const uchar *pe)
{
    hd_entry *h = &x->hd[x->nhd - 1];
    int wide = 0;   /* the run holds non-ASCII characters */
    const uchar *q = p;
    for (;;) {
        q = lx_find_hd(q, pe);
        if (q == pe) return p;
        if (*q >= 0x80) {
            int k = lx_utf8_len(q, pe);
            if (!k) return p;
            q += k;
            wide = 1;
            continue;
        }
        if (*q == '\n') {
            if (h->sol && lx_is_marker(x, p, q)) return p;
            lx_emit(x, HCL_TOK_STRING_LIT, p, q + 1, W_EOL);
            h->sol = 1;
            p = ++q;
            wide = 0;
            continue;
        }
        if ((*q == '$' || *q == '%') && q > p) {
            lx_emit(x, HCL_TOK_STRING_LIT, p, q, wide ? W_ANY : W_ASCII);
            h->sol = 0;
            return q;
        }
        return p;
    }
}

/* After an opening quote at p: if the string is well-formed text and escapes up to
 * its closing quote, with no template sequence or newline, return the position of
 * that quote (*wide: it holds non-ASCII characters), else NULL: the machine scans it. */
static const uchar *lx_qs_scan(const uchar *p, const uchar *pe, int *wide)
{
    const uchar *q = p;
    *wide = 0;
    for (;;) {
        q = lx_find_qs(q, pe);
        if (q == pe) return NULL;
        int k;
        if (*q >= 0x80) {
            if (!(k = lx_utf8_len(q, pe))) return NULL;
            q += k;
            *wide = 1;
            continue;
        }
        if (*q == '\\' && q + 1 < pe) {
            if (q[1] < 0x80) {
                if (q[1] == '\n' || q[1] == '\r') return NULL;
                q += 2;
                continue;
            }
            if (!(k = lx_utf8_len(q + 1, pe))) return NULL;
            q += 1 + k;
            *wide = 1;
            continue;
        }
        return *q == '"' ? q : NULL;
    }
}

/* Emit the text and closing quote of a string that lx_qs_scan accepted. */
static const uchar *lx_qs_emit(lx_state *x, const uchar *p, const uchar *q, int wide)
{
    if (q > p) lx_emit(x, HCL_TOK_QUOTED_LIT, p, q, wide ? W_ANY : W_ASCII);
    lx_emit(x, HCL_TOK_CQUOTE, q, q + 1, W_ASCII);
    return q + 1;
}

/* Single-character tokens. */
static const uint8_t lx_self[128] = {
    ['['] = HCL_TOK_OBRACK, [']'] = HCL_TOK_CBRACK, ['('] = HCL_TOK_OPAREN, [')'] = HCL_TOK_CPAREN,
    ['.'] = HCL_TOK_DOT, [','] = HCL_TOK_COMMA, ['*'] = HCL_TOK_STAR, ['/'] = HCL_TOK_SLASH,
    ['%'] = HCL_TOK_PERCENT, ['+'] = HCL_TOK_PLUS, ['-'] = HCL_TOK_MINUS, ['='] = HCL_TOK_EQUAL,
    ['<'] = HCL_TOK_LESS, ['>'] = HCL_TOK_GREATER, ['!'] = HCL_TOK_BANG, ['?'] = HCL_TOK_QUESTION,
    [':'] = HCL_TOK_COLON, ['&'] = HCL_TOK_BITWISE_AND, ['|'] = HCL_TOK_BITWISE_OR,
    ['~'] = HCL_TOK_BITWISE_NOT, ['^'] = HCL_TOK_BITWISE_XOR, [';'] = HCL_TOK_SEMICOLON,
    ['`'] = HCL_TOK_BACKTICK, ['\''] = HCL_TOK_APOSTROPHE,
};

/* How the code fast path treats a byte at a token start. */
enum { F_STOP = 0, F_SPACE, F_IDENT, F_NL, F_CR, F_SELF, F_NOT_NEXT, F_OBRACE, F_CBRACE, F_QUOTE,
       F_HASH, F_SLASH };

static const uint8_t lx_fclass[256] = {
    [' '] = F_SPACE, ['\t'] = F_SPACE, ['\n'] = F_NL, ['\r'] = F_CR,
    ['A' ... 'Z'] = F_IDENT, ['a' ... 'z'] = F_IDENT, ['_'] = F_IDENT,
    ['('] = F_SELF, [')'] = F_SELF, ['['] = F_SELF, [']'] = F_SELF, [','] = F_SELF,
    ['*'] = F_SELF, ['+'] = F_SELF, ['-'] = F_SELF, ['%'] = F_SELF, ['?'] = F_SELF,
    [';'] = F_SELF, ['`'] = F_SELF, ['\''] = F_SELF, ['^'] = F_SELF,
    /* single unless the next byte makes a longer token */
    ['='] = F_NOT_NEXT, ['.'] = F_NOT_NEXT, [':'] = F_NOT_NEXT, ['!'] = F_NOT_NEXT, ['>'] = F_NOT_NEXT,
    ['{'] = F_OBRACE, ['}'] = F_CBRACE, ['"'] = F_QUOTE, ['#'] = F_HASH, ['/'] = F_SLASH,
};

/* ASCII bytes that continue an identifier */
static const uchar lx_id_more[256] = {
    ['0' ... '9'] = 1, ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1, ['_'] = 1, ['-'] = 1,
};

/* The end of the ASCII identifier bytes from q on (16 at a time with SSE2). */
static inline const uchar *lx_ident_end(const uchar *q, const uchar *pe)
{
#if defined(__SSE2__)
    while (pe - q >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
        /* unsigned range checks as signed compares after a shift of the range to -128 */
        __m128i low = _mm_or_si128(v, _mm_set1_epi8(0x20));
        __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(low, _mm_set1_epi8((char)(0x80 - 'a'))),
                                        _mm_set1_epi8((char)(-128 + 26)));
        __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - '0'))),
                                       _mm_set1_epi8((char)(-128 + 10)));
        __m128i ok = _mm_or_si128(_mm_or_si128(letter, digit), _mm_or_si128(LX_EQ(v, '_'), LX_EQ(v, '-')));
        unsigned bits = ~(unsigned)_mm_movemask_epi8(ok) & 0xFFFFu;
        if (bits) return q + __builtin_ctz(bits);
        q += 16;
    }
#endif
    while (q < pe && lx_id_more[*q]) q++;
    return q;
}

/* For F_NOT_NEXT: does byte n after c make a longer token ("==", "=>", "...", "::", "!=", ">=")? */
static int lx_longer(uchar c, uchar n)
{
    switch (c) {
    case '=': return n == '=' || n == '>';
    case '.': return n == '.';
    case ':': return n == ':';
    default: return n == '=';   /* ! > */
    }
}

/* In code at a token start p: emit the common tokens (spaces, ASCII identifiers,
 * newlines, punctuation, braces that do not end a template sequence, plain strings,
 * line comments) exactly as the machine would, and return where it must take over. */
static const uchar *lx_code_fast(lx_state *x, const uchar *p, const uchar *pe)
{
    int wide;
    while (p < pe) {
        uchar c = *p;
        const uchar *q;
        switch (lx_fclass[c]) {
        case F_SPACE:
            do p++;
            while (p < pe && (*p == ' ' || *p == '\t'));
            continue;
        case F_IDENT:
            q = lx_ident_end(p + 1, pe);
            if (q < pe && *q >= 0x80) return p;   /* may go on with a Unicode ID_Continue */
            lx_emit(x, HCL_TOK_IDENT, p, q, W_ASCII);
            p = q;
            continue;
        case F_NL:
            lx_emit(x, HCL_TOK_NEWLINE, p, p + 1, W_EOL);
            p++;
            continue;
        case F_CR:
            if (p + 1 == pe || p[1] != '\n') return p;
            lx_emit(x, HCL_TOK_NEWLINE, p, p + 2, W_EOL);
            p += 2;
            continue;
        case F_NOT_NEXT:
            if (p + 1 < pe && lx_longer(c, p[1])) return p;
            /* fall through */
        case F_SELF:
            lx_emit(x, lx_self[c], p, p + 1, W_ASCII);
            p++;
            continue;
        case F_OBRACE:
            lx_emit(x, HCL_TOK_OBRACE, p, p + 1, W_ASCII);
            x->braces++;
            p++;
            continue;
        case F_CBRACE:
            if (x->nret > 0 && x->ret[x->nret - 1] == x->braces) return p;   /* fret: machine */
            lx_emit(x, HCL_TOK_CBRACE, p, p + 1, W_ASCII);
            x->braces--;
            p++;
            continue;
        case F_QUOTE:
            q = lx_qs_scan(p + 1, pe, &wide);
            if (!q) return p;
            lx_emit(x, HCL_TOK_OQUOTE, p, p + 1, W_ASCII);
            p = lx_qs_emit(x, p + 1, q, wide);
            continue;
        case F_SLASH:
            if (p + 1 < pe && p[1] == '*') return p;
            if (p + 1 == pe || p[1] != '/') {
                lx_emit(x, HCL_TOK_SLASH, p, p + 1, W_ASCII);
                p++;
                continue;
            }
            /* fall through: "//" */
        case F_HASH:
            q = memchr(p, '\n', (size_t)(pe - p));
            q = q ? q + 1 : pe;
            lx_emit(x, HCL_TOK_COMMENT, p, q, W_ANY);
            p = q;
            continue;
        default:
            return p;
        }
    }
    return p;
}

#define EMIT(type, walk) lx_emit(&x, (type), ts, te, (walk))


#line 516 "gen/hcl_lex.c"
static const int hcl_lex_start = 893;
static const int hcl_lex_first_final = 893;


#line 728 "src/hcl_lex.rl"


#define LX_STACK0 32

int hcl_lex(const char *src, size_t len, lp_arena *arena, hcl_tokens *out)
{
    out->v = NULL;
    out->n = 0;
    if (len > UINT32_MAX - 1) return -1;

    lx_state x;
    memset(&x, 0, sizeof x);
    x.src = (const uchar *)src;
    x.arena = arena;
    x.line = 1;
    x.col = 1;
    /* a guess at the token count: grows geometrically, in place when it can */
    x.cap = (uint32_t)(len / 6) + 16;
    x.stack_cap = x.ret_cap = x.hd_cap = LX_STACK0;
    x.stack = lp_arena_alloc(arena, LX_STACK0 * sizeof *x.stack);
    x.ret = lp_arena_alloc(arena, LX_STACK0 * sizeof *x.ret);
    x.hd = lp_arena_alloc(arena, LX_STACK0 * sizeof *x.hd);
    x.tok = lp_arena_alloc(arena, (size_t)x.cap * sizeof *x.tok);
    if (!x.stack || !x.ret || !x.hd || !x.tok) return -1;

    const uchar *p = x.src, *pe = x.src + len, *eof = pe;
    const uchar *ts = NULL, *te = NULL;
    int cs, act, top = 0;
    (void)act;

    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        p += 3;   /* a BOM is skipped, but counts in byte offsets */
        x.off = 3;
    }

    p = lx_code_fast(&x, p, pe);
    
#line 555 "gen/hcl_lex.c"
	{
	cs = hcl_lex_start;
	top = 0;
	ts = 0;
	te = 0;
	act = 0;
	}

#line 562 "gen/hcl_lex.c"
	{
	if ( p == pe )
		goto _test_eof;
	goto _resume;

_again:
	switch ( cs ) {
		case 893: goto st893;
		case 894: goto st894;
		case 895: goto st895;
		case 896: goto st896;
		case 897: goto st897;
		case 898: goto st898;
		case 1: goto st1;
		case 899: goto st899;
		case 900: goto st900;
		case 2: goto st2;
		case 3: goto st3;
		case 4: goto st4;
		case 901: goto st901;
		case 902: goto st902;
		case 5: goto st5;
		case 6: goto st6;
		case 7: goto st7;
		case 8: goto st8;
		case 9: goto st9;
		case 10: goto st10;
		case 11: goto st11;
		case 12: goto st12;
		case 13: goto st13;
		case 14: goto st14;
		case 15: goto st15;
		case 16: goto st16;
		case 17: goto st17;
		case 18: goto st18;
		case 19: goto st19;
		case 20: goto st20;
		case 21: goto st21;
		case 22: goto st22;
		case 23: goto st23;
		case 24: goto st24;
		case 25: goto st25;
		case 26: goto st26;
		case 27: goto st27;
		case 28: goto st28;
		case 29: goto st29;
		case 30: goto st30;
		case 31: goto st31;
		case 32: goto st32;
		case 33: goto st33;
		case 34: goto st34;
		case 35: goto st35;
		case 36: goto st36;
		case 37: goto st37;
		case 38: goto st38;
		case 39: goto st39;
		case 40: goto st40;
		case 41: goto st41;
		case 42: goto st42;
		case 43: goto st43;
		case 44: goto st44;
		case 45: goto st45;
		case 46: goto st46;
		case 47: goto st47;
		case 48: goto st48;
		case 49: goto st49;
		case 50: goto st50;
		case 51: goto st51;
		case 52: goto st52;
		case 53: goto st53;
		case 54: goto st54;
		case 55: goto st55;
		case 56: goto st56;
		case 57: goto st57;
		case 58: goto st58;
		case 59: goto st59;
		case 60: goto st60;
		case 61: goto st61;
		case 62: goto st62;
		case 63: goto st63;
		case 64: goto st64;
		case 65: goto st65;
		case 66: goto st66;
		case 67: goto st67;
		case 68: goto st68;
		case 69: goto st69;
		case 70: goto st70;
		case 71: goto st71;
		case 72: goto st72;
		case 73: goto st73;
		case 74: goto st74;
		case 75: goto st75;
		case 76: goto st76;
		case 77: goto st77;
		case 78: goto st78;
		case 79: goto st79;
		case 80: goto st80;
		case 81: goto st81;
		case 82: goto st82;
		case 83: goto st83;
		case 84: goto st84;
		case 85: goto st85;
		case 86: goto st86;
		case 87: goto st87;
		case 88: goto st88;
		case 89: goto st89;
		case 90: goto st90;
		case 91: goto st91;
		case 92: goto st92;
		case 93: goto st93;
		case 94: goto st94;
		case 95: goto st95;
		case 96: goto st96;
		case 97: goto st97;
		case 98: goto st98;
		case 99: goto st99;
		case 100: goto st100;
		case 101: goto st101;
		case 102: goto st102;
		case 103: goto st103;
		case 104: goto st104;
		case 105: goto st105;
		case 106: goto st106;
		case 107: goto st107;
		case 108: goto st108;
		case 109: goto st109;
		case 110: goto st110;
		case 111: goto st111;
		case 112: goto st112;
		case 113: goto st113;
		case 114: goto st114;
		case 115: goto st115;
		case 116: goto st116;
		case 117: goto st117;
		case 118: goto st118;
		case 119: goto st119;
		case 120: goto st120;
		case 121: goto st121;
		case 122: goto st122;
		case 123: goto st123;
		case 124: goto st124;
		case 125: goto st125;
		case 126: goto st126;
		case 127: goto st127;
		case 128: goto st128;
		case 129: goto st129;
		case 130: goto st130;
		case 131: goto st131;
		case 132: goto st132;
		case 133: goto st133;
		case 134: goto st134;
		case 135: goto st135;
		case 136: goto st136;
		case 137: goto st137;
		case 138: goto st138;
		case 139: goto st139;
		case 140: goto st140;
		case 141: goto st141;
		case 142: goto st142;
		case 143: goto st143;
		case 144: goto st144;
		case 145: goto st145;
		case 146: goto st146;
		case 147: goto st147;
		case 148: goto st148;
		case 149: goto st149;
		case 150: goto st150;
		case 151: goto st151;
		case 152: goto st152;
		case 153: goto st153;
		case 154: goto st154;
		case 155: goto st155;
		case 156: goto st156;
		case 157: goto st157;
		case 158: goto st158;
		case 159: goto st159;
		case 160: goto st160;
		case 161: goto st161;
		case 162: goto st162;
		case 163: goto st163;
		case 164: goto st164;
		case 165: goto st165;
		case 166: goto st166;
		case 167: goto st167;
		case 168: goto st168;
		case 169: goto st169;
		case 170: goto st170;
		case 171: goto st171;
		case 172: goto st172;
		case 173: goto st173;
		case 174: goto st174;
		case 175: goto st175;
		case 176: goto st176;
		case 177: goto st177;
		case 178: goto st178;
		case 179: goto st179;
		case 180: goto st180;
		case 181: goto st181;
		case 182: goto st182;
		case 183: goto st183;
		case 184: goto st184;
		case 185: goto st185;
		case 186: goto st186;
		case 187: goto st187;
		case 188: goto st188;
		case 189: goto st189;
		case 190: goto st190;
		case 191: goto st191;
		case 192: goto st192;
		case 193: goto st193;
		case 194: goto st194;
		case 195: goto st195;
		case 196: goto st196;
		case 197: goto st197;
		case 198: goto st198;
		case 199: goto st199;
		case 200: goto st200;
		case 201: goto st201;
		case 202: goto st202;
		case 203: goto st203;
		case 204: goto st204;
		case 205: goto st205;
		case 206: goto st206;
		case 207: goto st207;
		case 208: goto st208;
		case 209: goto st209;
		case 210: goto st210;
		case 211: goto st211;
		case 212: goto st212;
		case 213: goto st213;
		case 214: goto st214;
		case 215: goto st215;
		case 216: goto st216;
		case 217: goto st217;
		case 218: goto st218;
		case 219: goto st219;
		case 220: goto st220;
		case 221: goto st221;
		case 222: goto st222;
		case 223: goto st223;
		case 224: goto st224;
		case 225: goto st225;
		case 226: goto st226;
		case 227: goto st227;
		case 228: goto st228;
		case 229: goto st229;
		case 230: goto st230;
		case 231: goto st231;
		case 232: goto st232;
		case 233: goto st233;
		case 234: goto st234;
		case 235: goto st235;
		case 236: goto st236;
		case 237: goto st237;
		case 238: goto st238;
		case 239: goto st239;
		case 240: goto st240;
		case 241: goto st241;
		case 242: goto st242;
		case 243: goto st243;
		case 244: goto st244;
		case 245: goto st245;
		case 246: goto st246;
		case 247: goto st247;
		case 248: goto st248;
		case 249: goto st249;
		case 250: goto st250;
		case 251: goto st251;
		case 252: goto st252;
		case 253: goto st253;
		case 254: goto st254;
		case 255: goto st255;
		case 256: goto st256;
		case 257: goto st257;
		case 258: goto st258;
		case 259: goto st259;
		case 260: goto st260;
		case 261: goto st261;
		case 262: goto st262;
		case 263: goto st263;
		case 264: goto st264;
		case 265: goto st265;
		case 266: goto st266;
		case 267: goto st267;
		case 268: goto st268;
		case 269: goto st269;
		case 270: goto st270;
		case 271: goto st271;
		case 272: goto st272;
		case 273: goto st273;
		case 274: goto st274;
		case 275: goto st275;
		case 276: goto st276;
		case 277: goto st277;
		case 278: goto st278;
		case 279: goto st279;
		case 280: goto st280;
		case 281: goto st281;
		case 282: goto st282;
		case 283: goto st283;
		case 284: goto st284;
		case 285: goto st285;
		case 286: goto st286;
		case 287: goto st287;
		case 288: goto st288;
		case 289: goto st289;
		case 290: goto st290;
		case 291: goto st291;
		case 292: goto st292;
		case 293: goto st293;
		case 294: goto st294;
		case 295: goto st295;
		case 296: goto st296;
		case 297: goto st297;
		case 298: goto st298;
		case 299: goto st299;
		case 300: goto st300;
		case 301: goto st301;
		case 302: goto st302;
		case 303: goto st303;
		case 304: goto st304;
		case 305: goto st305;
		case 306: goto st306;
		case 307: goto st307;
		case 308: goto st308;
		case 309: goto st309;
		case 310: goto st310;
		case 311: goto st311;
		case 312: goto st312;
		case 313: goto st313;
		case 314: goto st314;
		case 315: goto st315;
		case 316: goto st316;
		case 317: goto st317;
		case 318: goto st318;
		case 319: goto st319;
		case 320: goto st320;
		case 321: goto st321;
		case 322: goto st322;
		case 323: goto st323;
		case 324: goto st324;
		case 325: goto st325;
		case 326: goto st326;
		case 327: goto st327;
		case 328: goto st328;
		case 329: goto st329;
		case 330: goto st330;
		case 331: goto st331;
		case 332: goto st332;
		case 333: goto st333;
		case 334: goto st334;
		case 335: goto st335;
		case 336: goto st336;
		case 337: goto st337;
		case 338: goto st338;
		case 339: goto st339;
		case 340: goto st340;
		case 341: goto st341;
		case 342: goto st342;
		case 343: goto st343;
		case 344: goto st344;
		case 345: goto st345;
		case 346: goto st346;
		case 347: goto st347;
		case 348: goto st348;
		case 349: goto st349;
		case 350: goto st350;
		case 351: goto st351;
		case 352: goto st352;
		case 353: goto st353;
		case 354: goto st354;
		case 355: goto st355;
		case 356: goto st356;
		case 357: goto st357;
		case 358: goto st358;
		case 359: goto st359;
		case 360: goto st360;
		case 361: goto st361;
		case 362: goto st362;
		case 363: goto st363;
		case 364: goto st364;
		case 365: goto st365;
		case 366: goto st366;
		case 367: goto st367;
		case 368: goto st368;
		case 369: goto st369;
		case 370: goto st370;
		case 371: goto st371;
		case 372: goto st372;
		case 373: goto st373;
		case 374: goto st374;
		case 375: goto st375;
		case 376: goto st376;
		case 377: goto st377;
		case 378: goto st378;
		case 379: goto st379;
		case 380: goto st380;
		case 381: goto st381;
		case 382: goto st382;
		case 383: goto st383;
		case 384: goto st384;
		case 385: goto st385;
		case 386: goto st386;
		case 387: goto st387;
		case 388: goto st388;
		case 389: goto st389;
		case 903: goto st903;
		case 904: goto st904;
		case 905: goto st905;
		case 390: goto st390;
		case 391: goto st391;
		case 392: goto st392;
		case 393: goto st393;
		case 394: goto st394;
		case 395: goto st395;
		case 396: goto st396;
		case 397: goto st397;
		case 398: goto st398;
		case 399: goto st399;
		case 400: goto st400;
		case 401: goto st401;
		case 402: goto st402;
		case 403: goto st403;
		case 404: goto st404;
		case 405: goto st405;
		case 406: goto st406;
		case 407: goto st407;
		case 408: goto st408;
		case 409: goto st409;
		case 410: goto st410;
		case 411: goto st411;
		case 412: goto st412;
		case 413: goto st413;
		case 414: goto st414;
		case 415: goto st415;
		case 416: goto st416;
		case 417: goto st417;
		case 418: goto st418;
		case 419: goto st419;
		case 420: goto st420;
		case 421: goto st421;
		case 422: goto st422;
		case 423: goto st423;
		case 424: goto st424;
		case 425: goto st425;
		case 426: goto st426;
		case 427: goto st427;
		case 428: goto st428;
		case 429: goto st429;
		case 430: goto st430;
		case 431: goto st431;
		case 432: goto st432;
		case 433: goto st433;
		case 434: goto st434;
		case 435: goto st435;
		case 436: goto st436;
		case 437: goto st437;
		case 438: goto st438;
		case 439: goto st439;
		case 440: goto st440;
		case 441: goto st441;
		case 442: goto st442;
		case 443: goto st443;
		case 444: goto st444;
		case 445: goto st445;
		case 446: goto st446;
		case 447: goto st447;
		case 448: goto st448;
		case 449: goto st449;
		case 450: goto st450;
		case 451: goto st451;
		case 452: goto st452;
		case 453: goto st453;
		case 454: goto st454;
		case 455: goto st455;
		case 456: goto st456;
		case 457: goto st457;
		case 458: goto st458;
		case 459: goto st459;
		case 460: goto st460;
		case 461: goto st461;
		case 462: goto st462;
		case 463: goto st463;
		case 464: goto st464;
		case 465: goto st465;
		case 466: goto st466;
		case 467: goto st467;
		case 468: goto st468;
		case 469: goto st469;
		case 470: goto st470;
		case 471: goto st471;
		case 472: goto st472;
		case 473: goto st473;
		case 474: goto st474;
		case 475: goto st475;
		case 476: goto st476;
		case 477: goto st477;
		case 478: goto st478;
		case 479: goto st479;
		case 480: goto st480;
		case 481: goto st481;
		case 482: goto st482;
		case 483: goto st483;
		case 484: goto st484;
		case 485: goto st485;
		case 486: goto st486;
		case 487: goto st487;
		case 488: goto st488;
		case 489: goto st489;
		case 490: goto st490;
		case 491: goto st491;
		case 492: goto st492;
		case 493: goto st493;
		case 494: goto st494;
		case 495: goto st495;
		case 496: goto st496;
		case 497: goto st497;
		case 498: goto st498;
		case 499: goto st499;
		case 500: goto st500;
		case 501: goto st501;
		case 502: goto st502;
		case 503: goto st503;
		case 504: goto st504;
		case 505: goto st505;
		case 506: goto st506;
		case 507: goto st507;
		case 508: goto st508;
		case 509: goto st509;
		case 510: goto st510;
		case 511: goto st511;
		case 512: goto st512;
		case 513: goto st513;
		case 514: goto st514;
		case 515: goto st515;
		case 516: goto st516;
		case 517: goto st517;
		case 518: goto st518;
		case 519: goto st519;
		case 520: goto st520;
		case 521: goto st521;
		case 522: goto st522;
		case 523: goto st523;
		case 524: goto st524;
		case 525: goto st525;
		case 526: goto st526;
		case 527: goto st527;
		case 528: goto st528;
		case 529: goto st529;
		case 530: goto st530;
		case 531: goto st531;
		case 532: goto st532;
		case 533: goto st533;
		case 534: goto st534;
		case 535: goto st535;
		case 536: goto st536;
		case 537: goto st537;
		case 538: goto st538;
		case 539: goto st539;
		case 540: goto st540;
		case 541: goto st541;
		case 542: goto st542;
		case 543: goto st543;
		case 544: goto st544;
		case 545: goto st545;
		case 546: goto st546;
		case 547: goto st547;
		case 548: goto st548;
		case 549: goto st549;
		case 550: goto st550;
		case 551: goto st551;
		case 552: goto st552;
		case 553: goto st553;
		case 554: goto st554;
		case 555: goto st555;
		case 556: goto st556;
		case 557: goto st557;
		case 558: goto st558;
		case 559: goto st559;
		case 560: goto st560;
		case 561: goto st561;
		case 562: goto st562;
		case 563: goto st563;
		case 564: goto st564;
		case 565: goto st565;
		case 566: goto st566;
		case 567: goto st567;
		case 568: goto st568;
		case 569: goto st569;
		case 570: goto st570;
		case 571: goto st571;
		case 572: goto st572;
		case 573: goto st573;
		case 574: goto st574;
		case 575: goto st575;
		case 576: goto st576;
		case 577: goto st577;
		case 578: goto st578;
		case 579: goto st579;
		case 580: goto st580;
		case 581: goto st581;
		case 582: goto st582;
		case 583: goto st583;
		case 584: goto st584;
		case 585: goto st585;
		case 586: goto st586;
		case 587: goto st587;
		case 588: goto st588;
		case 589: goto st589;
		case 590: goto st590;
		case 591: goto st591;
		case 592: goto st592;
		case 593: goto st593;
		case 594: goto st594;
		case 595: goto st595;
		case 596: goto st596;
		case 597: goto st597;
		case 598: goto st598;
		case 599: goto st599;
		case 600: goto st600;
		case 601: goto st601;
		case 602: goto st602;
		case 603: goto st603;
		case 604: goto st604;
		case 605: goto st605;
		case 606: goto st606;
		case 607: goto st607;
		case 608: goto st608;
		case 609: goto st609;
		case 610: goto st610;
		case 611: goto st611;
		case 612: goto st612;
		case 613: goto st613;
		case 614: goto st614;
		case 615: goto st615;
		case 616: goto st616;
		case 617: goto st617;
		case 618: goto st618;
		case 619: goto st619;
		case 620: goto st620;
		case 621: goto st621;
		case 622: goto st622;
		case 623: goto st623;
		case 624: goto st624;
		case 625: goto st625;
		case 626: goto st626;
		case 627: goto st627;
		case 628: goto st628;
		case 629: goto st629;
		case 630: goto st630;
		case 631: goto st631;
		case 632: goto st632;
		case 633: goto st633;
		case 634: goto st634;
		case 635: goto st635;
		case 636: goto st636;
		case 637: goto st637;
		case 638: goto st638;
		case 639: goto st639;
		case 640: goto st640;
		case 641: goto st641;
		case 642: goto st642;
		case 643: goto st643;
		case 644: goto st644;
		case 645: goto st645;
		case 646: goto st646;
		case 647: goto st647;
		case 648: goto st648;
		case 649: goto st649;
		case 906: goto st906;
		case 907: goto st907;
		case 908: goto st908;
		case 909: goto st909;
		case 910: goto st910;
		case 911: goto st911;
		case 912: goto st912;
		case 913: goto st913;
		case 914: goto st914;
		case 915: goto st915;
		case 916: goto st916;
		case 917: goto st917;
		case 918: goto st918;
		case 919: goto st919;
		case 920: goto st920;
		case 921: goto st921;
		case 922: goto st922;
		case 923: goto st923;
		case 924: goto st924;
		case 925: goto st925;
		case 926: goto st926;
		case 927: goto st927;
		case 928: goto st928;
		case 650: goto st650;
		case 651: goto st651;
		case 652: goto st652;
		case 653: goto st653;
		case 654: goto st654;
		case 655: goto st655;
		case 656: goto st656;
		case 657: goto st657;
		case 658: goto st658;
		case 659: goto st659;
		case 660: goto st660;
		case 661: goto st661;
		case 662: goto st662;
		case 663: goto st663;
		case 664: goto st664;
		case 665: goto st665;
		case 666: goto st666;
		case 667: goto st667;
		case 668: goto st668;
		case 669: goto st669;
		case 670: goto st670;
		case 671: goto st671;
		case 672: goto st672;
		case 673: goto st673;
		case 674: goto st674;
		case 675: goto st675;
		case 676: goto st676;
		case 677: goto st677;
		case 678: goto st678;
		case 679: goto st679;
		case 929: goto st929;
		case 680: goto st680;
		case 681: goto st681;
		case 682: goto st682;
		case 683: goto st683;
		case 684: goto st684;
		case 685: goto st685;
		case 686: goto st686;
		case 687: goto st687;
		case 688: goto st688;
		case 689: goto st689;
		case 690: goto st690;
		case 691: goto st691;
		case 692: goto st692;
		case 693: goto st693;
		case 694: goto st694;
		case 695: goto st695;
		case 696: goto st696;
		case 697: goto st697;
		case 698: goto st698;
		case 699: goto st699;
		case 700: goto st700;
		case 701: goto st701;
		case 702: goto st702;
		case 703: goto st703;
		case 704: goto st704;
		case 705: goto st705;
		case 706: goto st706;
		case 707: goto st707;
		case 708: goto st708;
		case 709: goto st709;
		case 710: goto st710;
		case 711: goto st711;
		case 712: goto st712;
		case 713: goto st713;
		case 714: goto st714;
		case 715: goto st715;
		case 716: goto st716;
		case 717: goto st717;
		case 718: goto st718;
		case 719: goto st719;
		case 720: goto st720;
		case 721: goto st721;
		case 722: goto st722;
		case 930: goto st930;
		case 723: goto st723;
		case 724: goto st724;
		case 725: goto st725;
		case 726: goto st726;
		case 727: goto st727;
		case 728: goto st728;
		case 729: goto st729;
		case 730: goto st730;
		case 731: goto st731;
		case 732: goto st732;
		case 733: goto st733;
		case 931: goto st931;
		case 734: goto st734;
		case 735: goto st735;
		case 736: goto st736;
		case 737: goto st737;
		case 738: goto st738;
		case 739: goto st739;
		case 932: goto st932;
		case 933: goto st933;
		case 934: goto st934;
		case 740: goto st740;
		case 935: goto st935;
		case 741: goto st741;
		case 742: goto st742;
		case 743: goto st743;
		case 744: goto st744;
		case 745: goto st745;
		case 746: goto st746;
		case 747: goto st747;
		case 748: goto st748;
		case 749: goto st749;
		case 750: goto st750;
		case 751: goto st751;
		case 752: goto st752;
		case 753: goto st753;
		case 754: goto st754;
		case 755: goto st755;
		case 756: goto st756;
		case 757: goto st757;
		case 758: goto st758;
		case 759: goto st759;
		case 760: goto st760;
		case 761: goto st761;
		case 762: goto st762;
		case 763: goto st763;
		case 936: goto st936;
		case 764: goto st764;
		case 765: goto st765;
		case 937: goto st937;
		case 938: goto st938;
		case 766: goto st766;
		case 767: goto st767;
		case 768: goto st768;
		case 769: goto st769;
		case 770: goto st770;
		case 771: goto st771;
		case 772: goto st772;
		case 773: goto st773;
		case 774: goto st774;
		case 775: goto st775;
		case 776: goto st776;
		case 777: goto st777;
		case 778: goto st778;
		case 779: goto st779;
		case 780: goto st780;
		case 781: goto st781;
		case 939: goto st939;
		case 782: goto st782;
		case 783: goto st783;
		case 784: goto st784;
		case 785: goto st785;
		case 786: goto st786;
		case 787: goto st787;
		case 788: goto st788;
		case 789: goto st789;
		case 790: goto st790;
		case 791: goto st791;
		case 792: goto st792;
		case 793: goto st793;
		case 794: goto st794;
		case 795: goto st795;
		case 796: goto st796;
		case 797: goto st797;
		case 798: goto st798;
		case 799: goto st799;
		case 800: goto st800;
		case 801: goto st801;
		case 802: goto st802;
		case 803: goto st803;
		case 804: goto st804;
		case 805: goto st805;
		case 806: goto st806;
		case 807: goto st807;
		case 808: goto st808;
		case 809: goto st809;
		case 810: goto st810;
		case 811: goto st811;
		case 812: goto st812;
		case 813: goto st813;
		case 814: goto st814;
		case 815: goto st815;
		case 816: goto st816;
		case 817: goto st817;
		case 818: goto st818;
		case 819: goto st819;
		case 820: goto st820;
		case 821: goto st821;
		case 822: goto st822;
		case 823: goto st823;
		case 824: goto st824;
		case 825: goto st825;
		case 826: goto st826;
		case 827: goto st827;
		case 828: goto st828;
		case 829: goto st829;
		case 830: goto st830;
		case 831: goto st831;
		case 832: goto st832;
		case 833: goto st833;
		case 834: goto st834;
		case 835: goto st835;
		case 836: goto st836;
		case 837: goto st837;
		case 838: goto st838;
		case 839: goto st839;
		case 840: goto st840;
		case 841: goto st841;
		case 842: goto st842;
		case 843: goto st843;
		case 844: goto st844;
		case 845: goto st845;
		case 846: goto st846;
		case 847: goto st847;
		case 848: goto st848;
		case 849: goto st849;
		case 850: goto st850;
		case 851: goto st851;
		case 852: goto st852;
		case 853: goto st853;
		case 854: goto st854;
		case 855: goto st855;
		case 856: goto st856;
		case 857: goto st857;
		case 858: goto st858;
		case 859: goto st859;
		case 860: goto st860;
		case 861: goto st861;
		case 862: goto st862;
		case 863: goto st863;
		case 864: goto st864;
		case 865: goto st865;
		case 866: goto st866;
		case 867: goto st867;
		case 868: goto st868;
		case 869: goto st869;
		case 870: goto st870;
		case 871: goto st871;
		case 872: goto st872;
		case 940: goto st940;
		case 941: goto st941;
		case 942: goto st942;
		case 943: goto st943;
		case 873: goto st873;
		case 874: goto st874;
		case 875: goto st875;
		case 876: goto st876;
		case 877: goto st877;
		case 878: goto st878;
		case 879: goto st879;
		case 880: goto st880;
		case 944: goto st944;
		case 945: goto st945;
		case 946: goto st946;
		case 947: goto st947;
		case 948: goto st948;
		case 949: goto st949;
		case 950: goto st950;
		case 951: goto st951;
		case 952: goto st952;
		case 953: goto st953;
		case 954: goto st954;
		case 881: goto st881;
		case 955: goto st955;
		case 956: goto st956;
		case 957: goto st957;
		case 882: goto st882;
		case 958: goto st958;
		case 959: goto st959;
		case 960: goto st960;
		case 961: goto st961;
		case 883: goto st883;
		case 884: goto st884;
		case 885: goto st885;
		case 886: goto st886;
		case 887: goto st887;
		case 888: goto st888;
		case 889: goto st889;
		case 890: goto st890;
		case 891: goto st891;
		case 962: goto st962;
		case 963: goto st963;
		case 964: goto st964;
		case 965: goto st965;
		case 966: goto st966;
		case 892: goto st892;
		case 967: goto st967;
		case 968: goto st968;
		case 969: goto st969;
		case 970: goto st970;
		case 971: goto st971;
		case 972: goto st972;
		case 973: goto st973;
		case 974: goto st974;
		case 0: goto st0;
	default: break;
	}

	if ( ++p == pe )
		goto _test_eof;
_resume:
	switch ( cs )
	{
tr0:
#line 717 "src/hcl_lex.rl"
	{{p = ((te))-1;}{ EMIT(lx_self[*ts], W_ASCII); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr1:
#line 715 "src/hcl_lex.rl"
	{te = p+1;{ EMIT(HCL_TOK_ELLIPSIS, W_ASCII); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr2:
#line 703 "src/hcl_lex.rl"
	{{p = ((te))-1;}{ EMIT(HCL_TOK_NUMBER, W_ASCII); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr39:
#line 558 "src/hcl_lex.rl"
	{te = p+1;{
        EMIT(HCL_TOK_OHEREDOC, W_EOL);
        if (lx_reserve(&x, top) != 0) {
            {p = (( pe))-1;}
        } else {
            /* the marker: between "<<" or "<<-" and the newline */
            const uchar *m = ts + 2, *me = te - 1;
            if (*m == '-') m++;
            if (me[-1] == '\r') me--;
            hd_entry *h = &x.hd[x.nhd++];
            h->off = (uint32_t)(m - x.src);
            h->len = (uint32_t)(me - m);
            h->sol = 1;
            {p = (( lx_hd_fast(&x, te, pe)))-1;}
            {( x.stack)[top++] = 893;goto st960;}
        }
    }}
	goto st893;
tr392:
#line 704 "src/hcl_lex.rl"
	{{p = ((te))-1;}{ EMIT(HCL_TOK_IDENT, W_ANY); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr627:
#line 723 "src/hcl_lex.rl"
	{{p = ((te))-1;}{ EMIT(HCL_TOK_BAD_UTF8, W_ANY); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr628:
#line 724 "src/hcl_lex.rl"
	{te = p+1;{ EMIT(HCL_TOK_INVALID, W_ANY); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr739:
#line 707 "src/hcl_lex.rl"
	{te = p+1;{ EMIT(HCL_TOK_NEWLINE, W_EOL); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr742:
#line 540 "src/hcl_lex.rl"
	{te = p+1;{
        EMIT(HCL_TOK_OQUOTE, W_ASCII);
        int wide;
        const uchar *cq = lx_qs_scan(te, pe, &wide);
        if (cq) {
            {p = (( lx_code_fast(&x, lx_qs_emit(&x, te, cq, wide), pe)))-1;}
        } else if (lx_reserve(&x, top) == 0) {
            {( x.stack)[top++] = 893;goto st942;}
        } else {
            {p = (( pe))-1;}
        }
    }}
	goto st893;
tr743:
#line 646 "src/hcl_lex.rl"
	{te = p+1;{
        const uchar *nl = memchr(te, '\n', (size_t)(pe - te));
        te = nl ? nl + 1 : pe;
        EMIT(HCL_TOK_COMMENT, W_ANY);
        {p = (( lx_code_fast(&x, te, pe)))-1;}
    }}
	goto st893;
tr744:
#line 717 "src/hcl_lex.rl"
	{te = p+1;{ EMIT(lx_self[*ts], W_ASCII); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr752:
#line 718 "src/hcl_lex.rl"
	{te = p+1;{ EMIT(HCL_TOK_OBRACE, W_ASCII); x.braces++; {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr754:
#line 621 "src/hcl_lex.rl"
	{te = p+1;{
        if (x.nret > 0 && x.ret[x.nret - 1] == x.braces) {
            EMIT(HCL_TOK_TEMPLATE_SEQ_END, W_ASCII);
            x.braces--;
            x.nret--;
            {cs = ( x.stack)[--top];goto _again;}
        }
        EMIT(HCL_TOK_CBRACE, W_ASCII);
        x.braces--;
        {p = (( lx_code_fast(&x, te, pe)))-1;}
    }}
	goto st893;
tr756:
#line 723 "src/hcl_lex.rl"
	{te = p+1;{ EMIT(HCL_TOK_BAD_UTF8, W_ANY); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr791:
#line 702 "src/hcl_lex.rl"
	{te = p;p--;{ {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr792:
#line 724 "src/hcl_lex.rl"
	{te = p;p--;{ EMIT(HCL_TOK_INVALID, W_ANY); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr793:
#line 717 "src/hcl_lex.rl"
	{te = p;p--;{ EMIT(lx_self[*ts], W_ASCII); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr794:
#line 709 "src/hcl_lex.rl"
	{te = p+1;{ EMIT(HCL_TOK_NOT_EQUAL, W_ASCII); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr795:
#line 712 "src/hcl_lex.rl"
	{te = p+1;{ EMIT(HCL_TOK_AND, W_ASCII); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr797:
#line 653 "src/hcl_lex.rl"
	{te = p+1;{
        const uchar *end = NULL;
        if (!x.no_close || te < x.no_close) {
            end = memmem(te, (size_t)(pe - te), "*/", 2);
            if (!end) x.no_close = te;
        }
        if (end) {
            te = end + 2;
            EMIT(HCL_TOK_COMMENT, W_ANY);
            {p = (( lx_code_fast(&x, te, pe)))-1;}
        } else {
            /* unterminated: not a comment, just '/' and then '*' */
            lx_emit(&x, HCL_TOK_SLASH, ts, ts + 1, W_ASCII);
            {p = (( ts + 1))-1;}
        }
    }}
	goto st893;
tr798:
#line 703 "src/hcl_lex.rl"
	{te = p;p--;{ EMIT(HCL_TOK_NUMBER, W_ASCII); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr799:
#line 714 "src/hcl_lex.rl"
	{te = p+1;{ EMIT(HCL_TOK_DOUBLE_COLON, W_ASCII); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr801:
#line 711 "src/hcl_lex.rl"
	{te = p+1;{ EMIT(HCL_TOK_LESS_EQ, W_ASCII); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr802:
#line 708 "src/hcl_lex.rl"
	{te = p+1;{ EMIT(HCL_TOK_EQUAL_OP, W_ASCII); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr803:
#line 716 "src/hcl_lex.rl"
	{te = p+1;{ EMIT(HCL_TOK_FAT_ARROW, W_ASCII); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr804:
#line 710 "src/hcl_lex.rl"
	{te = p+1;{ EMIT(HCL_TOK_GREATER_EQ, W_ASCII); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr805:
#line 704 "src/hcl_lex.rl"
	{te = p;p--;{ EMIT(HCL_TOK_IDENT, W_ANY); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr833:
#line 713 "src/hcl_lex.rl"
	{te = p+1;{ EMIT(HCL_TOK_OR, W_ASCII); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
tr834:
#line 633 "src/hcl_lex.rl"
	{te = p+1;{
        /* "~}" is a sequence end even where it closes an ordinary brace: the parser
         * reports that mistake */
        EMIT(HCL_TOK_TEMPLATE_SEQ_END, W_ASCII);
        if (x.nret > 0 && x.ret[x.nret - 1] == x.braces) {
            x.braces--;
            x.nret--;
            {cs = ( x.stack)[--top];goto _again;}
        }
        x.braces--;
        {p = (( lx_code_fast(&x, te, pe)))-1;}
    }}
	goto st893;
tr835:
#line 723 "src/hcl_lex.rl"
	{te = p;p--;{ EMIT(HCL_TOK_BAD_UTF8, W_ANY); {p = (( lx_code_fast(&x, te, pe)))-1;} }}
	goto st893;
st893:
#line 1 "NONE"
	{ts = 0;}
	if ( ++p == pe )
		goto _test_eof893;
case 893:
#line 1 "NONE"
	{ts = p;}
#line 1716 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 9u: goto st894;
		case 10u: goto tr739;
		case 13u: goto st895;
		case 32u: goto st894;
		case 33u: goto st896;
		case 34u: goto tr742;
		case 35u: goto tr743;
		case 38u: goto st897;
		case 46u: goto tr746;
		case 47u: goto st899;
		case 58u: goto st901;
		case 60u: goto tr749;
		case 61u: goto st903;
		case 62u: goto st904;
		case 64u: goto tr628;
		case 92u: goto tr628;
		case 95u: goto tr393;
		case 123u: goto tr752;
		case 124u: goto st906;
		case 125u: goto tr754;
		case 126u: goto st907;
		case 127u: goto tr628;
		case 194u: goto st908;
		case 195u: goto st909;
		case 203u: goto st911;
		case 204u: goto st912;
		case 205u: goto st913;
		case 206u: goto st914;
		case 207u: goto st915;
		case 210u: goto st916;
		case 212u: goto st917;
		case 213u: goto st918;
		case 214u: goto st919;
		case 215u: goto st920;
		case 216u: goto st921;
		case 217u: goto st922;
		case 219u: goto st923;
		case 220u: goto st924;
		case 221u: goto st925;
		case 222u: goto st926;
		case 223u: goto st927;
		case 224u: goto tr777;
		case 225u: goto tr778;
		case 226u: goto tr779;
		case 227u: goto tr780;
		case 228u: goto tr781;
		case 233u: goto tr783;
		case 234u: goto tr784;
		case 237u: goto tr785;
		case 238u: goto tr786;
		case 239u: goto tr787;
		case 240u: goto tr788;
		case 244u: goto tr790;
	}
	if ( (*p) < 65u ) {
		if ( (*p) < 37u ) {
			if ( (*p) <= 36u )
				goto tr628;
		} else if ( (*p) > 45u ) {
			if ( (*p) > 57u ) {
				if ( 59u <= (*p) && (*p) <= 63u )
					goto tr744;
			} else if ( (*p) >= 48u )
				goto tr4;
		} else
			goto tr744;
	} else if ( (*p) > 90u ) {
		if ( (*p) < 196u ) {
			if ( (*p) > 96u ) {
				if ( 97u <= (*p) && (*p) <= 122u )
					goto tr393;
			} else if ( (*p) >= 91u )
				goto tr744;
		} else if ( (*p) > 218u ) {
			if ( (*p) > 236u ) {
				if ( 241u <= (*p) && (*p) <= 243u )
					goto tr789;
			} else if ( (*p) >= 229u )
				goto tr782;
		} else
			goto st910;
	} else
		goto tr393;
	goto tr756;
st894:
	if ( ++p == pe )
		goto _test_eof894;
case 894:
	switch( (*p) ) {
		case 9u: goto st894;
		case 32u: goto st894;
	}
	goto tr791;
st895:
	if ( ++p == pe )
		goto _test_eof895;
case 895:
	if ( (*p) == 10u )
		goto tr739;
	goto tr792;
st896:
	if ( ++p == pe )
		goto _test_eof896;
case 896:
	if ( (*p) == 61u )
		goto tr794;
	goto tr793;
st897:
	if ( ++p == pe )
		goto _test_eof897;
case 897:
	if ( (*p) == 38u )
		goto tr795;
	goto tr793;
tr746:
#line 1 "NONE"
	{te = p+1;}
	goto st898;
st898:
	if ( ++p == pe )
		goto _test_eof898;
case 898:
#line 1838 "gen/hcl_lex.c"
	if ( (*p) == 46u )
		goto st1;
	goto tr793;
st1:
	if ( ++p == pe )
		goto _test_eof1;
case 1:
	if ( (*p) == 46u )
		goto tr1;
	goto tr0;
st899:
	if ( ++p == pe )
		goto _test_eof899;
case 899:
	switch( (*p) ) {
		case 42u: goto tr797;
		case 47u: goto tr743;
	}
	goto tr793;
tr4:
#line 1 "NONE"
	{te = p+1;}
	goto st900;
st900:
	if ( ++p == pe )
		goto _test_eof900;
case 900:
#line 1864 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 46u: goto st2;
		case 69u: goto st3;
		case 101u: goto st3;
	}
	if ( 48u <= (*p) && (*p) <= 57u )
		goto tr4;
	goto tr798;
st2:
	if ( ++p == pe )
		goto _test_eof2;
case 2:
	switch( (*p) ) {
		case 46u: goto st2;
		case 69u: goto st3;
		case 101u: goto st3;
	}
	if ( 48u <= (*p) && (*p) <= 57u )
		goto tr4;
	goto tr2;
st3:
	if ( ++p == pe )
		goto _test_eof3;
case 3:
	switch( (*p) ) {
		case 43u: goto st4;
		case 45u: goto st4;
	}
	if ( 48u <= (*p) && (*p) <= 57u )
		goto tr4;
	goto tr2;
st4:
	if ( ++p == pe )
		goto _test_eof4;
case 4:
	if ( 48u <= (*p) && (*p) <= 57u )
		goto tr4;
	goto tr2;
st901:
	if ( ++p == pe )
		goto _test_eof901;
case 901:
	if ( (*p) == 58u )
		goto tr799;
	goto tr793;
tr749:
#line 1 "NONE"
	{te = p+1;}
	goto st902;
st902:
	if ( ++p == pe )
		goto _test_eof902;
case 902:
#line 1916 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 60u: goto st5;
		case 61u: goto tr801;
	}
	goto tr793;
st5:
	if ( ++p == pe )
		goto _test_eof5;
case 5:
	switch( (*p) ) {
		case 45u: goto st6;
		case 95u: goto st7;
		case 194u: goto st269;
		case 195u: goto st10;
		case 203u: goto st12;
		case 205u: goto st270;
		case 206u: goto st271;
		case 207u: goto st15;
		case 210u: goto st272;
		case 212u: goto st17;
		case 213u: goto st18;
		case 214u: goto st273;
		case 215u: goto st274;
		case 216u: goto st209;
		case 217u: goto st275;
		case 219u: goto st276;
		case 220u: goto st277;
		case 221u: goto st278;
		case 222u: goto st279;
		case 223u: goto st280;
		case 224u: goto st281;
		case 225u: goto st309;
		case 226u: goto st327;
		case 227u: goto st332;
		case 228u: goto st120;
		case 233u: goto st122;
		case 234u: goto st335;
		case 237u: goto st143;
		case 239u: goto st350;
		case 240u: goto st354;
	}
	if ( (*p) < 196u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st7;
		} else if ( (*p) >= 65u )
			goto st7;
	} else if ( (*p) > 202u ) {
		if ( (*p) > 218u ) {
			if ( 229u <= (*p) && (*p) <= 236u )
				goto st121;
		} else if ( (*p) >= 208u )
			goto st11;
	} else
		goto st11;
	goto tr0;
st6:
	if ( ++p == pe )
		goto _test_eof6;
case 6:
	switch( (*p) ) {
		case 95u: goto st7;
		case 194u: goto st269;
		case 195u: goto st10;
		case 203u: goto st12;
		case 205u: goto st270;
		case 206u: goto st271;
		case 207u: goto st15;
		case 210u: goto st272;
		case 212u: goto st17;
		case 213u: goto st18;
		case 214u: goto st273;
		case 215u: goto st274;
		case 216u: goto st209;
		case 217u: goto st275;
		case 219u: goto st276;
		case 220u: goto st277;
		case 221u: goto st278;
		case 222u: goto st279;
		case 223u: goto st280;
		case 224u: goto st281;
		case 225u: goto st309;
		case 226u: goto st327;
		case 227u: goto st332;
		case 228u: goto st120;
		case 233u: goto st122;
		case 234u: goto st335;
		case 237u: goto st143;
		case 239u: goto st350;
		case 240u: goto st354;
	}
	if ( (*p) < 196u ) {
		if ( (*p) > 90u ) {
			if ( 97u <= (*p) && (*p) <= 122u )
				goto st7;
		} else if ( (*p) >= 65u )
			goto st7;
	} else if ( (*p) > 202u ) {
		if ( (*p) > 218u ) {
			if ( 229u <= (*p) && (*p) <= 236u )
				goto st121;
		} else if ( (*p) >= 208u )
			goto st11;
	} else
		goto st11;
	goto tr0;
st7:
	if ( ++p == pe )
		goto _test_eof7;
case 7:
	switch( (*p) ) {
		case 10u: goto tr39;
		case 13u: goto st8;
		case 45u: goto st7;
		case 95u: goto st7;
		case 194u: goto st9;
		case 195u: goto st10;
		case 203u: goto st12;
		case 205u: goto st13;
		case 206u: goto st14;
		case 207u: goto st15;
		case 210u: goto st16;
		case 212u: goto st17;
		case 213u: goto st18;
		case 214u: goto st19;
		case 215u: goto st20;
		case 216u: goto st21;
		case 217u: goto st22;
		case 219u: goto st23;
		case 220u: goto st24;
		case 221u: goto st25;
		case 222u: goto st26;
		case 223u: goto st27;
		case 224u: goto st28;
		case 225u: goto st60;
		case 226u: goto st99;
		case 227u: goto st113;
		case 228u: goto st120;
		case 233u: goto st122;
		case 234u: goto st124;
		case 237u: goto st143;
		case 239u: goto st146;
		case 240u: goto st161;
		case 243u: goto st266;
	}
	if ( (*p) < 97u ) {
		if ( (*p) > 57u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto st7;
		} else if ( (*p) >= 48u )
			goto st7;
	} else if ( (*p) > 122u ) {
		if ( (*p) > 218u ) {
			if ( 229u <= (*p) && (*p) <= 236u )
				goto st121;
		} else if ( (*p) >= 196u )
			goto st11;
	} else
		goto st7;
	goto tr0;
st8:
	if ( ++p == pe )
		goto _test_eof8;
case 8:
	if ( (*p) == 10u )
		goto tr39;
	goto tr0;
st9:
	if ( ++p == pe )
		goto _test_eof9;
case 9:
	switch( (*p) ) {
		case 170u: goto st7;
		case 181u: goto st7;
		case 183u: goto st7;
		case 186u: goto st7;
	}
	goto tr0;
st10:
	if ( ++p == pe )
		goto _test_eof10;
case 10:
	if ( (*p) < 152u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto st7;
	} else if ( (*p) > 182u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st11:
	if ( ++p == pe )
		goto _test_eof11;
case 11:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st7;
	goto tr0;
st12:
	if ( ++p == pe )
		goto _test_eof12;
case 12:
	switch( (*p) ) {
		case 172u: goto st7;
		case 174u: goto st7;
	}
	if ( (*p) < 134u ) {
		if ( 128u <= (*p) && (*p) <= 129u )
			goto st7;
	} else if ( (*p) > 145u ) {
		if ( 160u <= (*p) && (*p) <= 164u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st13:
	if ( ++p == pe )
		goto _test_eof13;
case 13:
	if ( (*p) == 191u )
		goto st7;
	if ( (*p) < 182u ) {
		if ( 128u <= (*p) && (*p) <= 180u )
			goto st7;
	} else if ( (*p) > 183u ) {
		if ( 186u <= (*p) && (*p) <= 189u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st14:
	if ( ++p == pe )
		goto _test_eof14;
case 14:
	if ( (*p) == 140u )
		goto st7;
	if ( (*p) < 142u ) {
		if ( 134u <= (*p) && (*p) <= 138u )
			goto st7;
	} else if ( (*p) > 161u ) {
		if ( 163u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st15:
	if ( ++p == pe )
		goto _test_eof15;
case 15:
	if ( (*p) > 181u ) {
		if ( 183u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st16:
	if ( ++p == pe )
		goto _test_eof16;
case 16:
	if ( (*p) < 131u ) {
		if ( 128u <= (*p) && (*p) <= 129u )
			goto st7;
	} else if ( (*p) > 135u ) {
		if ( 138u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st17:
	if ( ++p == pe )
		goto _test_eof17;
case 17:
	if ( (*p) > 175u ) {
		if ( 177u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st18:
	if ( ++p == pe )
		goto _test_eof18;
case 18:
	if ( (*p) == 153u )
		goto st7;
	if ( (*p) > 150u ) {
		if ( 161u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st19:
	if ( ++p == pe )
		goto _test_eof19;
case 19:
	if ( (*p) == 191u )
		goto st7;
	if ( (*p) > 135u ) {
		if ( 145u <= (*p) && (*p) <= 189u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st20:
	if ( ++p == pe )
		goto _test_eof20;
case 20:
	if ( (*p) == 135u )
		goto st7;
	if ( (*p) < 132u ) {
		if ( 129u <= (*p) && (*p) <= 130u )
			goto st7;
	} else if ( (*p) > 133u ) {
		if ( (*p) > 170u ) {
			if ( 176u <= (*p) && (*p) <= 178u )
				goto st7;
		} else if ( (*p) >= 144u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st21:
	if ( ++p == pe )
		goto _test_eof21;
case 21:
	if ( (*p) > 154u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 144u )
		goto st7;
	goto tr0;
st22:
	if ( ++p == pe )
		goto _test_eof22;
case 22:
	if ( (*p) > 169u ) {
		if ( 174u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st23:
	if ( ++p == pe )
		goto _test_eof23;
case 23:
	if ( (*p) == 191u )
		goto st7;
	if ( (*p) < 149u ) {
		if ( 128u <= (*p) && (*p) <= 147u )
			goto st7;
	} else if ( (*p) > 156u ) {
		if ( (*p) > 168u ) {
			if ( 170u <= (*p) && (*p) <= 188u )
				goto st7;
		} else if ( (*p) >= 159u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st24:
	if ( ++p == pe )
		goto _test_eof24;
case 24:
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st7;
	goto tr0;
st25:
	if ( ++p == pe )
		goto _test_eof25;
case 25:
	if ( (*p) > 138u ) {
		if ( 141u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st26:
	if ( ++p == pe )
		goto _test_eof26;
case 26:
	if ( 128u <= (*p) && (*p) <= 177u )
		goto st7;
	goto tr0;
st27:
	if ( ++p == pe )
		goto _test_eof27;
case 27:
	if ( (*p) == 186u )
		goto st7;
	if ( 128u <= (*p) && (*p) <= 181u )
		goto st7;
	goto tr0;
st28:
	if ( ++p == pe )
		goto _test_eof28;
case 28:
	switch( (*p) ) {
		case 160u: goto st29;
		case 161u: goto st30;
		case 162u: goto st31;
		case 163u: goto st32;
		case 164u: goto st11;
		case 165u: goto st33;
		case 166u: goto st34;
		case 167u: goto st35;
		case 168u: goto st36;
		case 169u: goto st37;
		case 170u: goto st38;
		case 171u: goto st39;
		case 172u: goto st40;
		case 173u: goto st41;
		case 174u: goto st42;
		case 175u: goto st43;
		case 176u: goto st44;
		case 177u: goto st45;
		case 178u: goto st46;
		case 179u: goto st47;
		case 180u: goto st48;
		case 181u: goto st49;
		case 182u: goto st50;
		case 183u: goto st51;
		case 184u: goto st52;
		case 185u: goto st53;
		case 186u: goto st54;
		case 187u: goto st55;
		case 188u: goto st56;
		case 189u: goto st57;
		case 190u: goto st58;
		case 191u: goto st59;
	}
	goto tr0;
st29:
	if ( ++p == pe )
		goto _test_eof29;
case 29:
	if ( 128u <= (*p) && (*p) <= 173u )
		goto st7;
	goto tr0;
st30:
	if ( ++p == pe )
		goto _test_eof30;
case 30:
	if ( 128u <= (*p) && (*p) <= 155u )
		goto st7;
	goto tr0;
st31:
	if ( ++p == pe )
		goto _test_eof31;
case 31:
	if ( (*p) > 180u ) {
		if ( 182u <= (*p) && (*p) <= 189u )
			goto st7;
	} else if ( (*p) >= 160u )
		goto st7;
	goto tr0;
st32:
	if ( ++p == pe )
		goto _test_eof32;
case 32:
	if ( (*p) > 161u ) {
		if ( 163u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 148u )
		goto st7;
	goto tr0;
st33:
	if ( ++p == pe )
		goto _test_eof33;
case 33:
	if ( (*p) < 166u ) {
		if ( 128u <= (*p) && (*p) <= 163u )
			goto st7;
	} else if ( (*p) > 175u ) {
		if ( 177u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st34:
	if ( ++p == pe )
		goto _test_eof34;
case 34:
	if ( (*p) == 178u )
		goto st7;
	if ( (*p) < 147u ) {
		if ( (*p) < 133u ) {
			if ( 128u <= (*p) && (*p) <= 131u )
				goto st7;
		} else if ( (*p) > 140u ) {
			if ( 143u <= (*p) && (*p) <= 144u )
				goto st7;
		} else
			goto st7;
	} else if ( (*p) > 168u ) {
		if ( (*p) < 182u ) {
			if ( 170u <= (*p) && (*p) <= 176u )
				goto st7;
		} else if ( (*p) > 185u ) {
			if ( 188u <= (*p) && (*p) <= 191u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st35:
	if ( ++p == pe )
		goto _test_eof35;
case 35:
	if ( (*p) == 151u )
		goto st7;
	if ( (*p) < 139u ) {
		if ( (*p) > 132u ) {
			if ( 135u <= (*p) && (*p) <= 136u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 142u ) {
		if ( (*p) < 159u ) {
			if ( 156u <= (*p) && (*p) <= 157u )
				goto st7;
		} else if ( (*p) > 163u ) {
			if ( 166u <= (*p) && (*p) <= 177u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st36:
	if ( ++p == pe )
		goto _test_eof36;
case 36:
	if ( (*p) == 188u )
		goto st7;
	if ( (*p) < 170u ) {
		if ( (*p) < 133u ) {
			if ( 129u <= (*p) && (*p) <= 131u )
				goto st7;
		} else if ( (*p) > 138u ) {
			if ( (*p) > 144u ) {
				if ( 147u <= (*p) && (*p) <= 168u )
					goto st7;
			} else if ( (*p) >= 143u )
				goto st7;
		} else
			goto st7;
	} else if ( (*p) > 176u ) {
		if ( (*p) < 181u ) {
			if ( 178u <= (*p) && (*p) <= 179u )
				goto st7;
		} else if ( (*p) > 182u ) {
			if ( (*p) > 185u ) {
				if ( 190u <= (*p) && (*p) <= 191u )
					goto st7;
			} else if ( (*p) >= 184u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st37:
	if ( ++p == pe )
		goto _test_eof37;
case 37:
	switch( (*p) ) {
		case 145u: goto st7;
		case 158u: goto st7;
	}
	if ( (*p) < 139u ) {
		if ( (*p) > 130u ) {
			if ( 135u <= (*p) && (*p) <= 136u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 141u ) {
		if ( (*p) > 156u ) {
			if ( 166u <= (*p) && (*p) <= 181u )
				goto st7;
		} else if ( (*p) >= 153u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st38:
	if ( ++p == pe )
		goto _test_eof38;
case 38:
	if ( (*p) < 147u ) {
		if ( (*p) < 133u ) {
			if ( 129u <= (*p) && (*p) <= 131u )
				goto st7;
		} else if ( (*p) > 141u ) {
			if ( 143u <= (*p) && (*p) <= 145u )
				goto st7;
		} else
			goto st7;
	} else if ( (*p) > 168u ) {
		if ( (*p) < 178u ) {
			if ( 170u <= (*p) && (*p) <= 176u )
				goto st7;
		} else if ( (*p) > 179u ) {
			if ( (*p) > 185u ) {
				if ( 188u <= (*p) && (*p) <= 191u )
					goto st7;
			} else if ( (*p) >= 181u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st39:
	if ( ++p == pe )
		goto _test_eof39;
case 39:
	switch( (*p) ) {
		case 144u: goto st7;
		case 185u: goto st7;
	}
	if ( (*p) < 139u ) {
		if ( (*p) > 133u ) {
			if ( 135u <= (*p) && (*p) <= 137u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 141u ) {
		if ( (*p) > 163u ) {
			if ( 166u <= (*p) && (*p) <= 175u )
				goto st7;
		} else if ( (*p) >= 160u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st40:
	if ( ++p == pe )
		goto _test_eof40;
case 40:
	if ( (*p) < 147u ) {
		if ( (*p) < 133u ) {
			if ( 129u <= (*p) && (*p) <= 131u )
				goto st7;
		} else if ( (*p) > 140u ) {
			if ( 143u <= (*p) && (*p) <= 144u )
				goto st7;
		} else
			goto st7;
	} else if ( (*p) > 168u ) {
		if ( (*p) < 178u ) {
			if ( 170u <= (*p) && (*p) <= 176u )
				goto st7;
		} else if ( (*p) > 179u ) {
			if ( (*p) > 185u ) {
				if ( 188u <= (*p) && (*p) <= 191u )
					goto st7;
			} else if ( (*p) >= 181u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st41:
	if ( ++p == pe )
		goto _test_eof41;
case 41:
	if ( (*p) == 177u )
		goto st7;
	if ( (*p) < 150u ) {
		if ( (*p) < 135u ) {
			if ( 128u <= (*p) && (*p) <= 132u )
				goto st7;
		} else if ( (*p) > 136u ) {
			if ( 139u <= (*p) && (*p) <= 141u )
				goto st7;
		} else
			goto st7;
	} else if ( (*p) > 151u ) {
		if ( (*p) < 159u ) {
			if ( 156u <= (*p) && (*p) <= 157u )
				goto st7;
		} else if ( (*p) > 163u ) {
			if ( 166u <= (*p) && (*p) <= 175u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st42:
	if ( ++p == pe )
		goto _test_eof42;
case 42:
	if ( (*p) == 156u )
		goto st7;
	if ( (*p) < 153u ) {
		if ( (*p) < 133u ) {
			if ( 130u <= (*p) && (*p) <= 131u )
				goto st7;
		} else if ( (*p) > 138u ) {
			if ( (*p) > 144u ) {
				if ( 146u <= (*p) && (*p) <= 149u )
					goto st7;
			} else if ( (*p) >= 142u )
				goto st7;
		} else
			goto st7;
	} else if ( (*p) > 154u ) {
		if ( (*p) < 168u ) {
			if ( (*p) > 159u ) {
				if ( 163u <= (*p) && (*p) <= 164u )
					goto st7;
			} else if ( (*p) >= 158u )
				goto st7;
		} else if ( (*p) > 170u ) {
			if ( (*p) > 185u ) {
				if ( 190u <= (*p) && (*p) <= 191u )
					goto st7;
			} else if ( (*p) >= 174u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st43:
	if ( ++p == pe )
		goto _test_eof43;
case 43:
	switch( (*p) ) {
		case 144u: goto st7;
		case 151u: goto st7;
	}
	if ( (*p) < 134u ) {
		if ( 128u <= (*p) && (*p) <= 130u )
			goto st7;
	} else if ( (*p) > 136u ) {
		if ( (*p) > 141u ) {
			if ( 166u <= (*p) && (*p) <= 175u )
				goto st7;
		} else if ( (*p) >= 138u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st44:
	if ( ++p == pe )
		goto _test_eof44;
case 44:
	if ( (*p) < 142u ) {
		if ( (*p) > 131u ) {
			if ( 133u <= (*p) && (*p) <= 140u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 144u ) {
		if ( (*p) < 170u ) {
			if ( 146u <= (*p) && (*p) <= 168u )
				goto st7;
		} else if ( (*p) > 185u ) {
			if ( 189u <= (*p) && (*p) <= 191u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st45:
	if ( ++p == pe )
		goto _test_eof45;
case 45:
	if ( (*p) < 149u ) {
		if ( (*p) < 134u ) {
			if ( 128u <= (*p) && (*p) <= 132u )
				goto st7;
		} else if ( (*p) > 136u ) {
			if ( 138u <= (*p) && (*p) <= 141u )
				goto st7;
		} else
			goto st7;
	} else if ( (*p) > 150u ) {
		if ( (*p) < 160u ) {
			if ( 152u <= (*p) && (*p) <= 154u )
				goto st7;
		} else if ( (*p) > 163u ) {
			if ( 166u <= (*p) && (*p) <= 175u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st46:
	if ( ++p == pe )
		goto _test_eof46;
case 46:
	if ( (*p) < 146u ) {
		if ( (*p) < 133u ) {
			if ( 128u <= (*p) && (*p) <= 131u )
				goto st7;
		} else if ( (*p) > 140u ) {
			if ( 142u <= (*p) && (*p) <= 144u )
				goto st7;
		} else
			goto st7;
	} else if ( (*p) > 168u ) {
		if ( (*p) < 181u ) {
			if ( 170u <= (*p) && (*p) <= 179u )
				goto st7;
		} else if ( (*p) > 185u ) {
			if ( 188u <= (*p) && (*p) <= 191u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st47:
	if ( ++p == pe )
		goto _test_eof47;
case 47:
	if ( (*p) == 158u )
		goto st7;
	if ( (*p) < 149u ) {
		if ( (*p) < 134u ) {
			if ( 128u <= (*p) && (*p) <= 132u )
				goto st7;
		} else if ( (*p) > 136u ) {
			if ( 138u <= (*p) && (*p) <= 141u )
				goto st7;
		} else
			goto st7;
	} else if ( (*p) > 150u ) {
		if ( (*p) < 166u ) {
			if ( 160u <= (*p) && (*p) <= 163u )
				goto st7;
		} else if ( (*p) > 175u ) {
			if ( 177u <= (*p) && (*p) <= 178u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st48:
	if ( ++p == pe )
		goto _test_eof48;
case 48:
	if ( (*p) < 142u ) {
		if ( (*p) > 131u ) {
			if ( 133u <= (*p) && (*p) <= 140u )
				goto st7;
		} else if ( (*p) >= 129u )
			goto st7;
	} else if ( (*p) > 144u ) {
		if ( (*p) > 186u ) {
			if ( 189u <= (*p) && (*p) <= 191u )
				goto st7;
		} else if ( (*p) >= 146u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st49:
	if ( ++p == pe )
		goto _test_eof49;
case 49:
	if ( (*p) < 148u ) {
		if ( (*p) < 134u ) {
			if ( 128u <= (*p) && (*p) <= 132u )
				goto st7;
		} else if ( (*p) > 136u ) {
			if ( 138u <= (*p) && (*p) <= 142u )
				goto st7;
		} else
			goto st7;
	} else if ( (*p) > 151u ) {
		if ( (*p) < 166u ) {
			if ( 159u <= (*p) && (*p) <= 163u )
				goto st7;
		} else if ( (*p) > 175u ) {
			if ( 186u <= (*p) && (*p) <= 191u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st50:
	if ( ++p == pe )
		goto _test_eof50;
case 50:
	if ( (*p) == 189u )
		goto st7;
	if ( (*p) < 133u ) {
		if ( 130u <= (*p) && (*p) <= 131u )
			goto st7;
	} else if ( (*p) > 150u ) {
		if ( (*p) > 177u ) {
			if ( 179u <= (*p) && (*p) <= 187u )
				goto st7;
		} else if ( (*p) >= 154u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st51:
	if ( ++p == pe )
		goto _test_eof51;
case 51:
	switch( (*p) ) {
		case 138u: goto st7;
		case 150u: goto st7;
	}
	if ( (*p) < 152u ) {
		if ( (*p) > 134u ) {
			if ( 143u <= (*p) && (*p) <= 148u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 159u ) {
		if ( (*p) > 175u ) {
			if ( 178u <= (*p) && (*p) <= 179u )
				goto st7;
		} else if ( (*p) >= 166u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st52:
	if ( ++p == pe )
		goto _test_eof52;
case 52:
	if ( 129u <= (*p) && (*p) <= 186u )
		goto st7;
	goto tr0;
st53:
	if ( ++p == pe )
		goto _test_eof53;
case 53:
	if ( (*p) > 142u ) {
		if ( 144u <= (*p) && (*p) <= 153u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st54:
	if ( ++p == pe )
		goto _test_eof54;
case 54:
	switch( (*p) ) {
		case 132u: goto st7;
		case 138u: goto st7;
		case 141u: goto st7;
		case 165u: goto st7;
		case 167u: goto st7;
	}
	if ( (*p) < 153u ) {
		if ( (*p) < 135u ) {
			if ( 129u <= (*p) && (*p) <= 130u )
				goto st7;
		} else if ( (*p) > 136u ) {
			if ( 148u <= (*p) && (*p) <= 151u )
				goto st7;
		} else
			goto st7;
	} else if ( (*p) > 159u ) {
		if ( (*p) < 170u ) {
			if ( 161u <= (*p) && (*p) <= 163u )
				goto st7;
		} else if ( (*p) > 171u ) {
			if ( (*p) > 185u ) {
				if ( 187u <= (*p) && (*p) <= 189u )
					goto st7;
			} else if ( (*p) >= 173u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st55:
	if ( ++p == pe )
		goto _test_eof55;
case 55:
	if ( (*p) == 134u )
		goto st7;
	if ( (*p) < 136u ) {
		if ( 128u <= (*p) && (*p) <= 132u )
			goto st7;
	} else if ( (*p) > 141u ) {
		if ( (*p) > 153u ) {
			if ( 156u <= (*p) && (*p) <= 159u )
				goto st7;
		} else if ( (*p) >= 144u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st56:
	if ( ++p == pe )
		goto _test_eof56;
case 56:
	switch( (*p) ) {
		case 128u: goto st7;
		case 181u: goto st7;
		case 183u: goto st7;
		case 185u: goto st7;
	}
	if ( (*p) < 160u ) {
		if ( 152u <= (*p) && (*p) <= 153u )
			goto st7;
	} else if ( (*p) > 169u ) {
		if ( 190u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st57:
	if ( ++p == pe )
		goto _test_eof57;
case 57:
	if ( (*p) < 137u ) {
		if ( 128u <= (*p) && (*p) <= 135u )
			goto st7;
	} else if ( (*p) > 172u ) {
		if ( 177u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st58:
	if ( ++p == pe )
		goto _test_eof58;
case 58:
	if ( (*p) < 134u ) {
		if ( 128u <= (*p) && (*p) <= 132u )
			goto st7;
	} else if ( (*p) > 151u ) {
		if ( 153u <= (*p) && (*p) <= 188u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st59:
	if ( ++p == pe )
		goto _test_eof59;
case 59:
	if ( (*p) == 134u )
		goto st7;
	goto tr0;
st60:
	if ( ++p == pe )
		goto _test_eof60;
case 60:
	switch( (*p) ) {
		case 129u: goto st61;
		case 130u: goto st62;
		case 131u: goto st63;
		case 137u: goto st64;
		case 138u: goto st65;
		case 139u: goto st66;
		case 140u: goto st67;
		case 141u: goto st68;
		case 142u: goto st69;
		case 143u: goto st70;
		case 144u: goto st71;
		case 153u: goto st72;
		case 154u: goto st73;
		case 155u: goto st74;
		case 156u: goto st75;
		case 157u: goto st76;
		case 159u: goto st77;
		case 160u: goto st78;
		case 161u: goto st79;
		case 162u: goto st80;
		case 163u: goto st81;
		case 164u: goto st82;
		case 165u: goto st83;
		case 166u: goto st84;
		case 167u: goto st85;
		case 168u: goto st86;
		case 169u: goto st87;
		case 170u: goto st88;
		case 173u: goto st89;
		case 175u: goto st90;
		case 176u: goto st79;
		case 177u: goto st91;
		case 178u: goto st92;
		case 179u: goto st93;
		case 183u: goto st94;
		case 188u: goto st95;
		case 189u: goto st96;
		case 190u: goto st97;
		case 191u: goto st98;
	}
	if ( (*p) > 158u ) {
		if ( 172u <= (*p) && (*p) <= 187u )
			goto st11;
	} else if ( (*p) >= 128u )
		goto st11;
	goto tr0;
st61:
	if ( ++p == pe )
		goto _test_eof61;
case 61:
	if ( (*p) > 137u ) {
		if ( 144u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st62:
	if ( ++p == pe )
		goto _test_eof62;
case 62:
	if ( (*p) > 157u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st63:
	if ( ++p == pe )
		goto _test_eof63;
case 63:
	switch( (*p) ) {
		case 135u: goto st7;
		case 141u: goto st7;
	}
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 133u )
			goto st7;
	} else if ( (*p) > 186u ) {
		if ( 188u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st64:
	if ( ++p == pe )
		goto _test_eof64;
case 64:
	if ( (*p) == 152u )
		goto st7;
	if ( (*p) < 144u ) {
		if ( (*p) > 136u ) {
			if ( 138u <= (*p) && (*p) <= 141u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 150u ) {
		if ( (*p) > 157u ) {
			if ( 160u <= (*p) && (*p) <= 191u )
				goto st7;
		} else if ( (*p) >= 154u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st65:
	if ( ++p == pe )
		goto _test_eof65;
case 65:
	if ( (*p) < 144u ) {
		if ( (*p) > 136u ) {
			if ( 138u <= (*p) && (*p) <= 141u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 176u ) {
		if ( (*p) > 181u ) {
			if ( 184u <= (*p) && (*p) <= 190u )
				goto st7;
		} else if ( (*p) >= 178u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st66:
	if ( ++p == pe )
		goto _test_eof66;
case 66:
	if ( (*p) == 128u )
		goto st7;
	if ( (*p) < 136u ) {
		if ( 130u <= (*p) && (*p) <= 133u )
			goto st7;
	} else if ( (*p) > 150u ) {
		if ( 152u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st67:
	if ( ++p == pe )
		goto _test_eof67;
case 67:
	if ( (*p) < 146u ) {
		if ( 128u <= (*p) && (*p) <= 144u )
			goto st7;
	} else if ( (*p) > 149u ) {
		if ( 152u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st68:
	if ( ++p == pe )
		goto _test_eof68;
case 68:
	if ( (*p) < 157u ) {
		if ( 128u <= (*p) && (*p) <= 154u )
			goto st7;
	} else if ( (*p) > 159u ) {
		if ( 169u <= (*p) && (*p) <= 177u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st69:
	if ( ++p == pe )
		goto _test_eof69;
case 69:
	if ( (*p) > 143u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st70:
	if ( ++p == pe )
		goto _test_eof70;
case 70:
	if ( (*p) > 181u ) {
		if ( 184u <= (*p) && (*p) <= 189u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st71:
	if ( ++p == pe )
		goto _test_eof71;
case 71:
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st7;
	goto tr0;
st72:
	if ( ++p == pe )
		goto _test_eof72;
case 72:
	if ( (*p) > 172u ) {
		if ( 175u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st73:
	if ( ++p == pe )
		goto _test_eof73;
case 73:
	if ( (*p) > 154u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 129u )
		goto st7;
	goto tr0;
st74:
	if ( ++p == pe )
		goto _test_eof74;
case 74:
	if ( (*p) > 170u ) {
		if ( 174u <= (*p) && (*p) <= 184u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st75:
	if ( ++p == pe )
		goto _test_eof75;
case 75:
	if ( (*p) < 142u ) {
		if ( 128u <= (*p) && (*p) <= 140u )
			goto st7;
	} else if ( (*p) > 148u ) {
		if ( 160u <= (*p) && (*p) <= 180u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st76:
	if ( ++p == pe )
		goto _test_eof76;
case 76:
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 147u )
			goto st7;
	} else if ( (*p) > 172u ) {
		if ( (*p) > 176u ) {
			if ( 178u <= (*p) && (*p) <= 179u )
				goto st7;
		} else if ( (*p) >= 174u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st77:
	if ( ++p == pe )
		goto _test_eof77;
case 77:
	if ( (*p) == 151u )
		goto st7;
	if ( (*p) < 156u ) {
		if ( 128u <= (*p) && (*p) <= 147u )
			goto st7;
	} else if ( (*p) > 157u ) {
		if ( 160u <= (*p) && (*p) <= 169u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st78:
	if ( ++p == pe )
		goto _test_eof78;
case 78:
	if ( (*p) < 144u ) {
		if ( 139u <= (*p) && (*p) <= 141u )
			goto st7;
	} else if ( (*p) > 153u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st79:
	if ( ++p == pe )
		goto _test_eof79;
case 79:
	if ( 128u <= (*p) && (*p) <= 183u )
		goto st7;
	goto tr0;
st80:
	if ( ++p == pe )
		goto _test_eof80;
case 80:
	if ( (*p) > 170u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st81:
	if ( ++p == pe )
		goto _test_eof81;
case 81:
	if ( 128u <= (*p) && (*p) <= 181u )
		goto st7;
	goto tr0;
st82:
	if ( ++p == pe )
		goto _test_eof82;
case 82:
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 158u )
			goto st7;
	} else if ( (*p) > 171u ) {
		if ( 176u <= (*p) && (*p) <= 187u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st83:
	if ( ++p == pe )
		goto _test_eof83;
case 83:
	if ( (*p) > 173u ) {
		if ( 176u <= (*p) && (*p) <= 180u )
			goto st7;
	} else if ( (*p) >= 134u )
		goto st7;
	goto tr0;
st84:
	if ( ++p == pe )
		goto _test_eof84;
case 84:
	if ( (*p) > 171u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st85:
	if ( ++p == pe )
		goto _test_eof85;
case 85:
	if ( (*p) > 137u ) {
		if ( 144u <= (*p) && (*p) <= 154u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st86:
	if ( ++p == pe )
		goto _test_eof86;
case 86:
	if ( (*p) > 155u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st87:
	if ( ++p == pe )
		goto _test_eof87;
case 87:
	if ( (*p) == 191u )
		goto st7;
	if ( (*p) > 158u ) {
		if ( 160u <= (*p) && (*p) <= 188u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st88:
	if ( ++p == pe )
		goto _test_eof88;
case 88:
	if ( (*p) == 167u )
		goto st7;
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 137u )
			goto st7;
	} else if ( (*p) > 153u ) {
		if ( 176u <= (*p) && (*p) <= 189u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st89:
	if ( ++p == pe )
		goto _test_eof89;
case 89:
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 139u )
			goto st7;
	} else if ( (*p) > 153u ) {
		if ( 171u <= (*p) && (*p) <= 179u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st90:
	if ( ++p == pe )
		goto _test_eof90;
case 90:
	if ( 128u <= (*p) && (*p) <= 179u )
		goto st7;
	goto tr0;
st91:
	if ( ++p == pe )
		goto _test_eof91;
case 91:
	if ( (*p) > 137u ) {
		if ( 141u <= (*p) && (*p) <= 189u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st92:
	if ( ++p == pe )
		goto _test_eof92;
case 92:
	if ( 128u <= (*p) && (*p) <= 136u )
		goto st7;
	goto tr0;
st93:
	if ( ++p == pe )
		goto _test_eof93;
case 93:
	if ( (*p) < 148u ) {
		if ( 144u <= (*p) && (*p) <= 146u )
			goto st7;
	} else if ( (*p) > 182u ) {
		if ( 184u <= (*p) && (*p) <= 185u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st94:
	if ( ++p == pe )
		goto _test_eof94;
case 94:
	if ( (*p) > 181u ) {
		if ( 187u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st95:
	if ( ++p == pe )
		goto _test_eof95;
case 95:
	if ( (*p) < 152u ) {
		if ( 128u <= (*p) && (*p) <= 149u )
			goto st7;
	} else if ( (*p) > 157u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st96:
	if ( ++p == pe )
		goto _test_eof96;
case 96:
	switch( (*p) ) {
		case 153u: goto st7;
		case 155u: goto st7;
		case 157u: goto st7;
	}
	if ( (*p) < 136u ) {
		if ( 128u <= (*p) && (*p) <= 133u )
			goto st7;
	} else if ( (*p) > 141u ) {
		if ( (*p) > 151u ) {
			if ( 159u <= (*p) && (*p) <= 189u )
				goto st7;
		} else if ( (*p) >= 144u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st97:
	if ( ++p == pe )
		goto _test_eof97;
case 97:
	if ( (*p) == 190u )
		goto st7;
	if ( (*p) > 180u ) {
		if ( 182u <= (*p) && (*p) <= 188u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st98:
	if ( ++p == pe )
		goto _test_eof98;
case 98:
	if ( (*p) < 150u ) {
		if ( (*p) < 134u ) {
			if ( 130u <= (*p) && (*p) <= 132u )
				goto st7;
		} else if ( (*p) > 140u ) {
			if ( 144u <= (*p) && (*p) <= 147u )
				goto st7;
		} else
			goto st7;
	} else if ( (*p) > 155u ) {
		if ( (*p) < 178u ) {
			if ( 160u <= (*p) && (*p) <= 172u )
				goto st7;
		} else if ( (*p) > 180u ) {
			if ( 182u <= (*p) && (*p) <= 188u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st99:
	if ( ++p == pe )
		goto _test_eof99;
case 99:
	switch( (*p) ) {
		case 128u: goto st100;
		case 129u: goto st101;
		case 130u: goto st102;
		case 131u: goto st103;
		case 132u: goto st104;
		case 133u: goto st105;
		case 134u: goto st92;
		case 176u: goto st106;
		case 177u: goto st107;
		case 178u: goto st11;
		case 179u: goto st108;
		case 180u: goto st109;
		case 181u: goto st110;
		case 182u: goto st111;
		case 183u: goto st112;
	}
	goto tr0;
st100:
	if ( ++p == pe )
		goto _test_eof100;
case 100:
	if ( (*p) == 191u )
		goto st7;
	goto tr0;
st101:
	if ( ++p == pe )
		goto _test_eof101;
case 101:
	switch( (*p) ) {
		case 128u: goto st7;
		case 148u: goto st7;
		case 177u: goto st7;
		case 191u: goto st7;
	}
	goto tr0;
st102:
	if ( ++p == pe )
		goto _test_eof102;
case 102:
	if ( 144u <= (*p) && (*p) <= 156u )
		goto st7;
	goto tr0;
st103:
	if ( ++p == pe )
		goto _test_eof103;
case 103:
	if ( (*p) == 161u )
		goto st7;
	if ( (*p) > 156u ) {
		if ( 165u <= (*p) && (*p) <= 176u )
			goto st7;
	} else if ( (*p) >= 144u )
		goto st7;
	goto tr0;
st104:
	if ( ++p == pe )
		goto _test_eof104;
case 104:
	switch( (*p) ) {
		case 130u: goto st7;
		case 135u: goto st7;
		case 149u: goto st7;
		case 164u: goto st7;
		case 166u: goto st7;
		case 168u: goto st7;
	}
	if ( (*p) < 152u ) {
		if ( 138u <= (*p) && (*p) <= 147u )
			goto st7;
	} else if ( (*p) > 157u ) {
		if ( (*p) > 185u ) {
			if ( 188u <= (*p) && (*p) <= 191u )
				goto st7;
		} else if ( (*p) >= 170u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st105:
	if ( ++p == pe )
		goto _test_eof105;
case 105:
	if ( (*p) == 142u )
		goto st7;
	if ( (*p) > 137u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 133u )
		goto st7;
	goto tr0;
st106:
	if ( ++p == pe )
		goto _test_eof106;
case 106:
	if ( (*p) > 174u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st107:
	if ( ++p == pe )
		goto _test_eof107;
case 107:
	if ( (*p) > 158u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st108:
	if ( ++p == pe )
		goto _test_eof108;
case 108:
	if ( (*p) > 164u ) {
		if ( 171u <= (*p) && (*p) <= 179u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st109:
	if ( ++p == pe )
		goto _test_eof109;
case 109:
	switch( (*p) ) {
		case 167u: goto st7;
		case 173u: goto st7;
	}
	if ( (*p) > 165u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st110:
	if ( ++p == pe )
		goto _test_eof110;
case 110:
	switch( (*p) ) {
		case 175u: goto st7;
		case 191u: goto st7;
	}
	if ( 128u <= (*p) && (*p) <= 167u )
		goto st7;
	goto tr0;
st111:
	if ( ++p == pe )
		goto _test_eof111;
case 111:
	if ( (*p) < 168u ) {
		if ( (*p) > 150u ) {
			if ( 160u <= (*p) && (*p) <= 166u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 174u ) {
		if ( (*p) > 182u ) {
			if ( 184u <= (*p) && (*p) <= 190u )
				goto st7;
		} else if ( (*p) >= 176u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st112:
	if ( ++p == pe )
		goto _test_eof112;
case 112:
	if ( (*p) < 144u ) {
		if ( (*p) > 134u ) {
			if ( 136u <= (*p) && (*p) <= 142u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 150u ) {
		if ( (*p) > 158u ) {
			if ( 160u <= (*p) && (*p) <= 191u )
				goto st7;
		} else if ( (*p) >= 152u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st113:
	if ( ++p == pe )
		goto _test_eof113;
case 113:
	switch( (*p) ) {
		case 128u: goto st114;
		case 129u: goto st71;
		case 130u: goto st115;
		case 131u: goto st116;
		case 132u: goto st117;
		case 133u: goto st11;
		case 134u: goto st118;
		case 135u: goto st119;
	}
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st11;
	goto tr0;
st114:
	if ( ++p == pe )
		goto _test_eof114;
case 114:
	if ( (*p) < 161u ) {
		if ( 133u <= (*p) && (*p) <= 135u )
			goto st7;
	} else if ( (*p) > 175u ) {
		if ( (*p) > 181u ) {
			if ( 184u <= (*p) && (*p) <= 188u )
				goto st7;
		} else if ( (*p) >= 177u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st115:
	if ( ++p == pe )
		goto _test_eof115;
case 115:
	if ( (*p) < 153u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto st7;
	} else if ( (*p) > 159u ) {
		if ( 161u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st116:
	if ( ++p == pe )
		goto _test_eof116;
case 116:
	if ( (*p) > 186u ) {
		if ( 188u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st117:
	if ( ++p == pe )
		goto _test_eof117;
case 117:
	if ( (*p) > 173u ) {
		if ( 177u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 133u )
		goto st7;
	goto tr0;
st118:
	if ( ++p == pe )
		goto _test_eof118;
case 118:
	if ( (*p) > 142u ) {
		if ( 160u <= (*p) && (*p) <= 186u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st119:
	if ( ++p == pe )
		goto _test_eof119;
case 119:
	if ( 176u <= (*p) && (*p) <= 191u )
		goto st7;
	goto tr0;
st120:
	if ( ++p == pe )
		goto _test_eof120;
case 120:
	if ( (*p) == 182u )
		goto st81;
	if ( (*p) > 181u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto st11;
	} else if ( (*p) >= 128u )
		goto st11;
	goto tr0;
st121:
	if ( ++p == pe )
		goto _test_eof121;
case 121:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st11;
	goto tr0;
st122:
	if ( ++p == pe )
		goto _test_eof122;
case 122:
	if ( (*p) == 191u )
		goto st123;
	if ( 128u <= (*p) && (*p) <= 190u )
		goto st11;
	goto tr0;
st123:
	if ( ++p == pe )
		goto _test_eof123;
case 123:
	if ( 128u <= (*p) && (*p) <= 149u )
		goto st7;
	goto tr0;
st124:
	if ( ++p == pe )
		goto _test_eof124;
case 124:
	switch( (*p) ) {
		case 146u: goto st125;
		case 147u: goto st126;
		case 152u: goto st127;
		case 153u: goto st128;
		case 155u: goto st26;
		case 156u: goto st129;
		case 158u: goto st130;
		case 159u: goto st131;
		case 160u: goto st132;
		case 161u: goto st90;
		case 163u: goto st133;
		case 164u: goto st134;
		case 165u: goto st135;
		case 167u: goto st136;
		case 168u: goto st137;
		case 169u: goto st138;
		case 171u: goto st139;
		case 172u: goto st140;
		case 173u: goto st141;
		case 175u: goto st142;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st11;
	goto tr0;
st125:
	if ( ++p == pe )
		goto _test_eof125;
case 125:
	if ( 128u <= (*p) && (*p) <= 140u )
		goto st7;
	goto tr0;
st126:
	if ( ++p == pe )
		goto _test_eof126;
case 126:
	if ( 144u <= (*p) && (*p) <= 189u )
		goto st7;
	goto tr0;
st127:
	if ( ++p == pe )
		goto _test_eof127;
case 127:
	if ( (*p) > 140u ) {
		if ( 144u <= (*p) && (*p) <= 171u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st128:
	if ( ++p == pe )
		goto _test_eof128;
case 128:
	if ( (*p) == 191u )
		goto st7;
	if ( (*p) > 175u ) {
		if ( 180u <= (*p) && (*p) <= 189u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st129:
	if ( ++p == pe )
		goto _test_eof129;
case 129:
	if ( (*p) > 159u ) {
		if ( 162u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 151u )
		goto st7;
	goto tr0;
st130:
	if ( ++p == pe )
		goto _test_eof130;
case 130:
	if ( (*p) < 139u ) {
		if ( 128u <= (*p) && (*p) <= 136u )
			goto st7;
	} else if ( (*p) > 174u ) {
		if ( 176u <= (*p) && (*p) <= 183u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st131:
	if ( ++p == pe )
		goto _test_eof131;
case 131:
	if ( 183u <= (*p) && (*p) <= 191u )
		goto st7;
	goto tr0;
st132:
	if ( ++p == pe )
		goto _test_eof132;
case 132:
	if ( 128u <= (*p) && (*p) <= 167u )
		goto st7;
	goto tr0;
st133:
	if ( ++p == pe )
		goto _test_eof133;
case 133:
	switch( (*p) ) {
		case 187u: goto st7;
		case 189u: goto st7;
	}
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 133u )
			goto st7;
	} else if ( (*p) > 153u ) {
		if ( 160u <= (*p) && (*p) <= 183u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st134:
	if ( ++p == pe )
		goto _test_eof134;
case 134:
	if ( (*p) > 173u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st135:
	if ( ++p == pe )
		goto _test_eof135;
case 135:
	if ( (*p) > 147u ) {
		if ( 160u <= (*p) && (*p) <= 188u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st136:
	if ( ++p == pe )
		goto _test_eof136;
case 136:
	if ( (*p) == 128u )
		goto st7;
	if ( (*p) > 153u ) {
		if ( 160u <= (*p) && (*p) <= 190u )
			goto st7;
	} else if ( (*p) >= 143u )
		goto st7;
	goto tr0;
st137:
	if ( ++p == pe )
		goto _test_eof137;
case 137:
	if ( 128u <= (*p) && (*p) <= 182u )
		goto st7;
	goto tr0;
st138:
	if ( ++p == pe )
		goto _test_eof138;
case 138:
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 141u )
			goto st7;
	} else if ( (*p) > 153u ) {
		if ( (*p) > 182u ) {
			if ( 186u <= (*p) && (*p) <= 191u )
				goto st7;
		} else if ( (*p) >= 160u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st139:
	if ( ++p == pe )
		goto _test_eof139;
case 139:
	if ( (*p) < 155u ) {
		if ( 128u <= (*p) && (*p) <= 130u )
			goto st7;
	} else if ( (*p) > 157u ) {
		if ( (*p) > 175u ) {
			if ( 178u <= (*p) && (*p) <= 182u )
				goto st7;
		} else if ( (*p) >= 160u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st140:
	if ( ++p == pe )
		goto _test_eof140;
case 140:
	if ( (*p) < 145u ) {
		if ( (*p) > 134u ) {
			if ( 137u <= (*p) && (*p) <= 142u )
				goto st7;
		} else if ( (*p) >= 129u )
			goto st7;
	} else if ( (*p) > 150u ) {
		if ( (*p) < 168u ) {
			if ( 160u <= (*p) && (*p) <= 166u )
				goto st7;
		} else if ( (*p) > 174u ) {
			if ( 176u <= (*p) && (*p) <= 191u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st141:
	if ( ++p == pe )
		goto _test_eof141;
case 141:
	if ( (*p) < 156u ) {
		if ( 128u <= (*p) && (*p) <= 154u )
			goto st7;
	} else if ( (*p) > 165u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st142:
	if ( ++p == pe )
		goto _test_eof142;
case 142:
	if ( (*p) < 172u ) {
		if ( 128u <= (*p) && (*p) <= 170u )
			goto st7;
	} else if ( (*p) > 173u ) {
		if ( 176u <= (*p) && (*p) <= 185u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st143:
	if ( ++p == pe )
		goto _test_eof143;
case 143:
	switch( (*p) ) {
		case 158u: goto st144;
		case 159u: goto st145;
	}
	if ( 128u <= (*p) && (*p) <= 157u )
		goto st11;
	goto tr0;
st144:
	if ( ++p == pe )
		goto _test_eof144;
case 144:
	if ( (*p) > 163u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st145:
	if ( ++p == pe )
		goto _test_eof145;
case 145:
	if ( (*p) > 134u ) {
		if ( 139u <= (*p) && (*p) <= 187u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st146:
	if ( ++p == pe )
		goto _test_eof146;
case 146:
	switch( (*p) ) {
		case 169u: goto st134;
		case 171u: goto st147;
		case 172u: goto st148;
		case 173u: goto st149;
		case 174u: goto st26;
		case 175u: goto st150;
		case 180u: goto st151;
		case 181u: goto st24;
		case 182u: goto st152;
		case 183u: goto st153;
		case 184u: goto st154;
		case 185u: goto st155;
		case 187u: goto st156;
		case 188u: goto st157;
		case 189u: goto st158;
		case 190u: goto st159;
		case 191u: goto st160;
	}
	if ( 164u <= (*p) && (*p) <= 186u )
		goto st11;
	goto tr0;
st147:
	if ( ++p == pe )
		goto _test_eof147;
case 147:
	if ( 128u <= (*p) && (*p) <= 153u )
		goto st7;
	goto tr0;
st148:
	if ( ++p == pe )
		goto _test_eof148;
case 148:
	if ( (*p) == 190u )
		goto st7;
	if ( (*p) < 157u ) {
		if ( (*p) > 134u ) {
			if ( 147u <= (*p) && (*p) <= 151u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 168u ) {
		if ( (*p) > 182u ) {
			if ( 184u <= (*p) && (*p) <= 188u )
				goto st7;
		} else if ( (*p) >= 170u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st149:
	if ( ++p == pe )
		goto _test_eof149;
case 149:
	if ( (*p) < 131u ) {
		if ( 128u <= (*p) && (*p) <= 129u )
			goto st7;
	} else if ( (*p) > 132u ) {
		if ( 134u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st150:
	if ( ++p == pe )
		goto _test_eof150;
case 150:
	if ( 147u <= (*p) && (*p) <= 191u )
		goto st7;
	goto tr0;
st151:
	if ( ++p == pe )
		goto _test_eof151;
case 151:
	if ( 128u <= (*p) && (*p) <= 189u )
		goto st7;
	goto tr0;
st152:
	if ( ++p == pe )
		goto _test_eof152;
case 152:
	if ( (*p) > 143u ) {
		if ( 146u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st153:
	if ( ++p == pe )
		goto _test_eof153;
case 153:
	if ( (*p) > 135u ) {
		if ( 176u <= (*p) && (*p) <= 187u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st154:
	if ( ++p == pe )
		goto _test_eof154;
case 154:
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 143u )
			goto st7;
	} else if ( (*p) > 175u ) {
		if ( 179u <= (*p) && (*p) <= 180u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st155:
	if ( ++p == pe )
		goto _test_eof155;
case 155:
	if ( (*p) < 176u ) {
		if ( 141u <= (*p) && (*p) <= 143u )
			goto st7;
	} else if ( (*p) > 180u ) {
		if ( 182u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st156:
	if ( ++p == pe )
		goto _test_eof156;
case 156:
	if ( 128u <= (*p) && (*p) <= 188u )
		goto st7;
	goto tr0;
st157:
	if ( ++p == pe )
		goto _test_eof157;
case 157:
	if ( (*p) == 191u )
		goto st7;
	if ( (*p) > 153u ) {
		if ( 161u <= (*p) && (*p) <= 186u )
			goto st7;
	} else if ( (*p) >= 144u )
		goto st7;
	goto tr0;
st158:
	if ( ++p == pe )
		goto _test_eof158;
case 158:
	if ( (*p) > 154u ) {
		if ( 166u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 129u )
		goto st7;
	goto tr0;
st159:
	if ( ++p == pe )
		goto _test_eof159;
case 159:
	if ( 128u <= (*p) && (*p) <= 190u )
		goto st7;
	goto tr0;
st160:
	if ( ++p == pe )
		goto _test_eof160;
case 160:
	if ( (*p) < 138u ) {
		if ( 130u <= (*p) && (*p) <= 135u )
			goto st7;
	} else if ( (*p) > 143u ) {
		if ( (*p) > 151u ) {
			if ( 154u <= (*p) && (*p) <= 156u )
				goto st7;
		} else if ( (*p) >= 146u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st161:
	if ( ++p == pe )
		goto _test_eof161;
case 161:
	switch( (*p) ) {
		case 144u: goto st162;
		case 145u: goto st191;
		case 146u: goto st215;
		case 147u: goto st218;
		case 148u: goto st219;
		case 150u: goto st221;
		case 151u: goto st121;
		case 152u: goto st229;
		case 155u: goto st231;
		case 157u: goto st235;
		case 158u: goto st253;
		case 170u: goto st259;
		case 171u: goto st261;
		case 172u: goto st262;
		case 175u: goto st264;
	}
	if ( 160u <= (*p) && (*p) <= 169u )
		goto st121;
	goto tr0;
st162:
	if ( ++p == pe )
		goto _test_eof162;
case 162:
	switch( (*p) ) {
		case 128u: goto st163;
		case 129u: goto st164;
		case 130u: goto st11;
		case 131u: goto st165;
		case 133u: goto st166;
		case 135u: goto st167;
		case 138u: goto st168;
		case 139u: goto st169;
		case 140u: goto st170;
		case 141u: goto st171;
		case 142u: goto st62;
		case 143u: goto st172;
		case 146u: goto st173;
		case 147u: goto st174;
		case 148u: goto st175;
		case 149u: goto st176;
		case 156u: goto st137;
		case 157u: goto st177;
		case 160u: goto st178;
		case 161u: goto st179;
		case 162u: goto st180;
		case 163u: goto st181;
		case 164u: goto st182;
		case 166u: goto st183;
		case 168u: goto st184;
		case 169u: goto st185;
		case 170u: goto st186;
		case 171u: goto st187;
		case 172u: goto st81;
		case 173u: goto st188;
		case 174u: goto st189;
		case 176u: goto st11;
		case 177u: goto st92;
	}
	if ( (*p) < 152u ) {
		if ( 144u <= (*p) && (*p) <= 145u )
			goto st11;
	} else if ( (*p) > 155u ) {
		if ( 178u <= (*p) && (*p) <= 179u )
			goto st190;
	} else
		goto st11;
	goto tr0;
st163:
	if ( ++p == pe )
		goto _test_eof163;
case 163:
	if ( (*p) == 191u )
		goto st7;
	if ( (*p) < 141u ) {
		if ( 128u <= (*p) && (*p) <= 139u )
			goto st7;
	} else if ( (*p) > 166u ) {
		if ( (*p) > 186u ) {
			if ( 188u <= (*p) && (*p) <= 189u )
				goto st7;
		} else if ( (*p) >= 168u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st164:
	if ( ++p == pe )
		goto _test_eof164;
case 164:
	if ( (*p) > 141u ) {
		if ( 144u <= (*p) && (*p) <= 157u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st165:
	if ( ++p == pe )
		goto _test_eof165;
case 165:
	if ( 128u <= (*p) && (*p) <= 186u )
		goto st7;
	goto tr0;
st166:
	if ( ++p == pe )
		goto _test_eof166;
case 166:
	if ( 128u <= (*p) && (*p) <= 180u )
		goto st7;
	goto tr0;
st167:
	if ( ++p == pe )
		goto _test_eof167;
case 167:
	if ( (*p) == 189u )
		goto st7;
	goto tr0;
st168:
	if ( ++p == pe )
		goto _test_eof168;
case 168:
	if ( (*p) > 156u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st169:
	if ( ++p == pe )
		goto _test_eof169;
case 169:
	if ( (*p) == 160u )
		goto st7;
	if ( 128u <= (*p) && (*p) <= 144u )
		goto st7;
	goto tr0;
st170:
	if ( ++p == pe )
		goto _test_eof170;
case 170:
	if ( (*p) > 159u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st171:
	if ( ++p == pe )
		goto _test_eof171;
case 171:
	if ( (*p) > 138u ) {
		if ( 144u <= (*p) && (*p) <= 186u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st172:
	if ( ++p == pe )
		goto _test_eof172;
case 172:
	if ( (*p) < 136u ) {
		if ( 128u <= (*p) && (*p) <= 131u )
			goto st7;
	} else if ( (*p) > 143u ) {
		if ( 145u <= (*p) && (*p) <= 149u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st173:
	if ( ++p == pe )
		goto _test_eof173;
case 173:
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 157u )
			goto st7;
	} else if ( (*p) > 169u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st174:
	if ( ++p == pe )
		goto _test_eof174;
case 174:
	if ( (*p) > 147u ) {
		if ( 152u <= (*p) && (*p) <= 187u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st175:
	if ( ++p == pe )
		goto _test_eof175;
case 175:
	if ( (*p) > 167u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st176:
	if ( ++p == pe )
		goto _test_eof176;
case 176:
	if ( 128u <= (*p) && (*p) <= 163u )
		goto st7;
	goto tr0;
st177:
	if ( ++p == pe )
		goto _test_eof177;
case 177:
	if ( (*p) > 149u ) {
		if ( 160u <= (*p) && (*p) <= 167u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st178:
	if ( ++p == pe )
		goto _test_eof178;
case 178:
	switch( (*p) ) {
		case 136u: goto st7;
		case 188u: goto st7;
		case 191u: goto st7;
	}
	if ( (*p) < 138u ) {
		if ( 128u <= (*p) && (*p) <= 133u )
			goto st7;
	} else if ( (*p) > 181u ) {
		if ( 183u <= (*p) && (*p) <= 184u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st179:
	if ( ++p == pe )
		goto _test_eof179;
case 179:
	if ( (*p) > 149u ) {
		if ( 160u <= (*p) && (*p) <= 182u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st180:
	if ( ++p == pe )
		goto _test_eof180;
case 180:
	if ( 128u <= (*p) && (*p) <= 158u )
		goto st7;
	goto tr0;
st181:
	if ( ++p == pe )
		goto _test_eof181;
case 181:
	if ( (*p) > 178u ) {
		if ( 180u <= (*p) && (*p) <= 181u )
			goto st7;
	} else if ( (*p) >= 160u )
		goto st7;
	goto tr0;
st182:
	if ( ++p == pe )
		goto _test_eof182;
case 182:
	if ( (*p) > 149u ) {
		if ( 160u <= (*p) && (*p) <= 185u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st183:
	if ( ++p == pe )
		goto _test_eof183;
case 183:
	if ( (*p) > 183u ) {
		if ( 190u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st184:
	if ( ++p == pe )
		goto _test_eof184;
case 184:
	if ( (*p) == 191u )
		goto st7;
	if ( (*p) < 140u ) {
		if ( (*p) > 131u ) {
			if ( 133u <= (*p) && (*p) <= 134u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 147u ) {
		if ( (*p) < 153u ) {
			if ( 149u <= (*p) && (*p) <= 151u )
				goto st7;
		} else if ( (*p) > 179u ) {
			if ( 184u <= (*p) && (*p) <= 186u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st185:
	if ( ++p == pe )
		goto _test_eof185;
case 185:
	if ( 160u <= (*p) && (*p) <= 188u )
		goto st7;
	goto tr0;
st186:
	if ( ++p == pe )
		goto _test_eof186;
case 186:
	if ( 128u <= (*p) && (*p) <= 156u )
		goto st7;
	goto tr0;
st187:
	if ( ++p == pe )
		goto _test_eof187;
case 187:
	if ( (*p) > 135u ) {
		if ( 137u <= (*p) && (*p) <= 166u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st188:
	if ( ++p == pe )
		goto _test_eof188;
case 188:
	if ( (*p) > 149u ) {
		if ( 160u <= (*p) && (*p) <= 178u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st189:
	if ( ++p == pe )
		goto _test_eof189;
case 189:
	if ( 128u <= (*p) && (*p) <= 145u )
		goto st7;
	goto tr0;
st190:
	if ( ++p == pe )
		goto _test_eof190;
case 190:
	if ( 128u <= (*p) && (*p) <= 178u )
		goto st7;
	goto tr0;
st191:
	if ( ++p == pe )
		goto _test_eof191;
case 191:
	switch( (*p) ) {
		case 129u: goto st192;
		case 130u: goto st165;
		case 131u: goto st193;
		case 132u: goto st194;
		case 133u: goto st195;
		case 135u: goto st196;
		case 136u: goto st197;
		case 138u: goto st198;
		case 139u: goto st199;
		case 140u: goto st200;
		case 141u: goto st201;
		case 145u: goto st202;
		case 147u: goto st203;
		case 150u: goto st204;
		case 151u: goto st205;
		case 152u: goto st11;
		case 153u: goto st206;
		case 154u: goto st79;
		case 155u: goto st207;
		case 156u: goto st208;
		case 162u: goto st209;
		case 163u: goto st210;
		case 171u: goto st211;
		case 176u: goto st212;
		case 177u: goto st213;
		case 178u: goto st214;
	}
	if ( (*p) > 134u ) {
		if ( 144u <= (*p) && (*p) <= 146u )
			goto st11;
	} else if ( (*p) >= 128u )
		goto st11;
	goto tr0;
st192:
	if ( ++p == pe )
		goto _test_eof192;
case 192:
	if ( (*p) == 191u )
		goto st7;
	if ( (*p) > 134u ) {
		if ( 166u <= (*p) && (*p) <= 175u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st193:
	if ( ++p == pe )
		goto _test_eof193;
case 193:
	if ( (*p) > 168u ) {
		if ( 176u <= (*p) && (*p) <= 185u )
			goto st7;
	} else if ( (*p) >= 144u )
		goto st7;
	goto tr0;
st194:
	if ( ++p == pe )
		goto _test_eof194;
case 194:
	if ( (*p) > 180u ) {
		if ( 182u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st195:
	if ( ++p == pe )
		goto _test_eof195;
case 195:
	if ( (*p) == 182u )
		goto st7;
	if ( 144u <= (*p) && (*p) <= 179u )
		goto st7;
	goto tr0;
st196:
	if ( ++p == pe )
		goto _test_eof196;
case 196:
	if ( (*p) == 156u )
		goto st7;
	if ( (*p) < 137u ) {
		if ( 128u <= (*p) && (*p) <= 132u )
			goto st7;
	} else if ( (*p) > 140u ) {
		if ( 144u <= (*p) && (*p) <= 154u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st197:
	if ( ++p == pe )
		goto _test_eof197;
case 197:
	if ( (*p) == 190u )
		goto st7;
	if ( (*p) > 145u ) {
		if ( 147u <= (*p) && (*p) <= 183u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st198:
	if ( ++p == pe )
		goto _test_eof198;
case 198:
	if ( (*p) == 136u )
		goto st7;
	if ( (*p) < 143u ) {
		if ( (*p) > 134u ) {
			if ( 138u <= (*p) && (*p) <= 141u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 157u ) {
		if ( (*p) > 168u ) {
			if ( 176u <= (*p) && (*p) <= 191u )
				goto st7;
		} else if ( (*p) >= 159u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st199:
	if ( ++p == pe )
		goto _test_eof199;
case 199:
	if ( (*p) > 170u ) {
		if ( 176u <= (*p) && (*p) <= 185u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st200:
	if ( ++p == pe )
		goto _test_eof200;
case 200:
	if ( (*p) < 147u ) {
		if ( (*p) < 133u ) {
			if ( 128u <= (*p) && (*p) <= 131u )
				goto st7;
		} else if ( (*p) > 140u ) {
			if ( 143u <= (*p) && (*p) <= 144u )
				goto st7;
		} else
			goto st7;
	} else if ( (*p) > 168u ) {
		if ( (*p) < 178u ) {
			if ( 170u <= (*p) && (*p) <= 176u )
				goto st7;
		} else if ( (*p) > 179u ) {
			if ( (*p) > 185u ) {
				if ( 188u <= (*p) && (*p) <= 191u )
					goto st7;
			} else if ( (*p) >= 181u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st201:
	if ( ++p == pe )
		goto _test_eof201;
case 201:
	switch( (*p) ) {
		case 144u: goto st7;
		case 151u: goto st7;
	}
	if ( (*p) < 139u ) {
		if ( (*p) > 132u ) {
			if ( 135u <= (*p) && (*p) <= 136u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 141u ) {
		if ( (*p) < 166u ) {
			if ( 157u <= (*p) && (*p) <= 163u )
				goto st7;
		} else if ( (*p) > 172u ) {
			if ( 176u <= (*p) && (*p) <= 180u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st202:
	if ( ++p == pe )
		goto _test_eof202;
case 202:
	if ( (*p) > 138u ) {
		if ( 144u <= (*p) && (*p) <= 153u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st203:
	if ( ++p == pe )
		goto _test_eof203;
case 203:
	if ( (*p) == 135u )
		goto st7;
	if ( (*p) > 133u ) {
		if ( 144u <= (*p) && (*p) <= 153u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st204:
	if ( ++p == pe )
		goto _test_eof204;
case 204:
	if ( (*p) > 181u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st205:
	if ( ++p == pe )
		goto _test_eof205;
case 205:
	if ( (*p) == 128u )
		goto st7;
	if ( 152u <= (*p) && (*p) <= 157u )
		goto st7;
	goto tr0;
st206:
	if ( ++p == pe )
		goto _test_eof206;
case 206:
	switch( (*p) ) {
		case 128u: goto st7;
		case 132u: goto st7;
	}
	if ( 144u <= (*p) && (*p) <= 153u )
		goto st7;
	goto tr0;
st207:
	if ( ++p == pe )
		goto _test_eof207;
case 207:
	if ( 128u <= (*p) && (*p) <= 137u )
		goto st7;
	goto tr0;
st208:
	if ( ++p == pe )
		goto _test_eof208;
case 208:
	if ( (*p) < 157u ) {
		if ( 128u <= (*p) && (*p) <= 153u )
			goto st7;
	} else if ( (*p) > 171u ) {
		if ( 176u <= (*p) && (*p) <= 185u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st209:
	if ( ++p == pe )
		goto _test_eof209;
case 209:
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st7;
	goto tr0;
st210:
	if ( ++p == pe )
		goto _test_eof210;
case 210:
	if ( (*p) == 191u )
		goto st7;
	if ( 128u <= (*p) && (*p) <= 169u )
		goto st7;
	goto tr0;
st211:
	if ( ++p == pe )
		goto _test_eof211;
case 211:
	if ( 128u <= (*p) && (*p) <= 184u )
		goto st7;
	goto tr0;
st212:
	if ( ++p == pe )
		goto _test_eof212;
case 212:
	if ( (*p) < 138u ) {
		if ( 128u <= (*p) && (*p) <= 136u )
			goto st7;
	} else if ( (*p) > 182u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st213:
	if ( ++p == pe )
		goto _test_eof213;
case 213:
	if ( (*p) == 128u )
		goto st7;
	if ( (*p) > 153u ) {
		if ( 178u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 144u )
		goto st7;
	goto tr0;
st214:
	if ( ++p == pe )
		goto _test_eof214;
case 214:
	if ( (*p) < 146u ) {
		if ( 128u <= (*p) && (*p) <= 143u )
			goto st7;
	} else if ( (*p) > 167u ) {
		if ( 169u <= (*p) && (*p) <= 182u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st215:
	if ( ++p == pe )
		goto _test_eof215;
case 215:
	switch( (*p) ) {
		case 142u: goto st147;
		case 145u: goto st216;
		case 149u: goto st217;
	}
	if ( (*p) > 141u ) {
		if ( 144u <= (*p) && (*p) <= 148u )
			goto st11;
	} else if ( (*p) >= 128u )
		goto st11;
	goto tr0;
st216:
	if ( ++p == pe )
		goto _test_eof216;
case 216:
	if ( 128u <= (*p) && (*p) <= 174u )
		goto st7;
	goto tr0;
st217:
	if ( ++p == pe )
		goto _test_eof217;
case 217:
	if ( 128u <= (*p) && (*p) <= 131u )
		goto st7;
	goto tr0;
st218:
	if ( ++p == pe )
		goto _test_eof218;
case 218:
	if ( (*p) == 144u )
		goto st216;
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st11;
	goto tr0;
st219:
	if ( ++p == pe )
		goto _test_eof219;
case 219:
	if ( (*p) == 153u )
		goto st220;
	if ( 144u <= (*p) && (*p) <= 152u )
		goto st11;
	goto tr0;
st220:
	if ( ++p == pe )
		goto _test_eof220;
case 220:
	if ( 128u <= (*p) && (*p) <= 134u )
		goto st7;
	goto tr0;
st221:
	if ( ++p == pe )
		goto _test_eof221;
case 221:
	switch( (*p) ) {
		case 168u: goto st211;
		case 169u: goto st222;
		case 171u: goto st223;
		case 172u: goto st137;
		case 173u: goto st224;
		case 174u: goto st225;
		case 188u: goto st11;
		case 189u: goto st226;
		case 190u: goto st227;
		case 191u: goto st228;
	}
	if ( 160u <= (*p) && (*p) <= 167u )
		goto st11;
	goto tr0;
st222:
	if ( ++p == pe )
		goto _test_eof222;
case 222:
	if ( (*p) > 158u ) {
		if ( 160u <= (*p) && (*p) <= 169u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st223:
	if ( ++p == pe )
		goto _test_eof223;
case 223:
	if ( (*p) > 173u ) {
		if ( 176u <= (*p) && (*p) <= 180u )
			goto st7;
	} else if ( (*p) >= 144u )
		goto st7;
	goto tr0;
st224:
	if ( ++p == pe )
		goto _test_eof224;
case 224:
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 131u )
			goto st7;
	} else if ( (*p) > 153u ) {
		if ( (*p) > 183u ) {
			if ( 189u <= (*p) && (*p) <= 191u )
				goto st7;
		} else if ( (*p) >= 163u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st225:
	if ( ++p == pe )
		goto _test_eof225;
case 225:
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st7;
	goto tr0;
st226:
	if ( ++p == pe )
		goto _test_eof226;
case 226:
	if ( (*p) > 132u ) {
		if ( 144u <= (*p) && (*p) <= 190u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st227:
	if ( ++p == pe )
		goto _test_eof227;
case 227:
	if ( 143u <= (*p) && (*p) <= 159u )
		goto st7;
	goto tr0;
st228:
	if ( ++p == pe )
		goto _test_eof228;
case 228:
	if ( (*p) == 160u )
		goto st7;
	goto tr0;
st229:
	if ( ++p == pe )
		goto _test_eof229;
case 229:
	switch( (*p) ) {
		case 159u: goto st230;
		case 171u: goto st190;
	}
	if ( 128u <= (*p) && (*p) <= 170u )
		goto st11;
	goto tr0;
st230:
	if ( ++p == pe )
		goto _test_eof230;
case 230:
	if ( 128u <= (*p) && (*p) <= 172u )
		goto st7;
	goto tr0;
st231:
	if ( ++p == pe )
		goto _test_eof231;
case 231:
	switch( (*p) ) {
		case 128u: goto st232;
		case 176u: goto st11;
		case 177u: goto st233;
		case 178u: goto st234;
	}
	goto tr0;
st232:
	if ( ++p == pe )
		goto _test_eof232;
case 232:
	if ( 128u <= (*p) && (*p) <= 129u )
		goto st7;
	goto tr0;
st233:
	if ( ++p == pe )
		goto _test_eof233;
case 233:
	if ( (*p) > 170u ) {
		if ( 176u <= (*p) && (*p) <= 188u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st234:
	if ( ++p == pe )
		goto _test_eof234;
case 234:
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 136u )
			goto st7;
	} else if ( (*p) > 153u ) {
		if ( 157u <= (*p) && (*p) <= 158u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st235:
	if ( ++p == pe )
		goto _test_eof235;
case 235:
	switch( (*p) ) {
		case 133u: goto st236;
		case 134u: goto st237;
		case 137u: goto st238;
		case 145u: goto st239;
		case 146u: goto st240;
		case 147u: goto st241;
		case 148u: goto st242;
		case 149u: goto st243;
		case 154u: goto st244;
		case 155u: goto st245;
		case 156u: goto st246;
		case 157u: goto st247;
		case 158u: goto st248;
		case 159u: goto st249;
		case 168u: goto st250;
		case 169u: goto st251;
		case 170u: goto st252;
	}
	if ( 144u <= (*p) && (*p) <= 153u )
		goto st11;
	goto tr0;
st236:
	if ( ++p == pe )
		goto _test_eof236;
case 236:
	if ( (*p) < 173u ) {
		if ( 165u <= (*p) && (*p) <= 169u )
			goto st7;
	} else if ( (*p) > 178u ) {
		if ( 187u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st237:
	if ( ++p == pe )
		goto _test_eof237;
case 237:
	if ( (*p) < 133u ) {
		if ( 128u <= (*p) && (*p) <= 130u )
			goto st7;
	} else if ( (*p) > 139u ) {
		if ( 170u <= (*p) && (*p) <= 173u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st238:
	if ( ++p == pe )
		goto _test_eof238;
case 238:
	if ( 130u <= (*p) && (*p) <= 132u )
		goto st7;
	goto tr0;
st239:
	if ( ++p == pe )
		goto _test_eof239;
case 239:
	if ( (*p) > 148u ) {
		if ( 150u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st240:
	if ( ++p == pe )
		goto _test_eof240;
case 240:
	switch( (*p) ) {
		case 162u: goto st7;
		case 187u: goto st7;
	}
	if ( (*p) < 165u ) {
		if ( (*p) > 156u ) {
			if ( 158u <= (*p) && (*p) <= 159u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 166u ) {
		if ( (*p) < 174u ) {
			if ( 169u <= (*p) && (*p) <= 172u )
				goto st7;
		} else if ( (*p) > 185u ) {
			if ( 189u <= (*p) && (*p) <= 191u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st241:
	if ( ++p == pe )
		goto _test_eof241;
case 241:
	if ( (*p) > 131u ) {
		if ( 133u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st242:
	if ( ++p == pe )
		goto _test_eof242;
case 242:
	if ( (*p) < 141u ) {
		if ( (*p) > 133u ) {
			if ( 135u <= (*p) && (*p) <= 138u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 148u ) {
		if ( (*p) < 158u ) {
			if ( 150u <= (*p) && (*p) <= 156u )
				goto st7;
		} else if ( (*p) > 185u ) {
			if ( 187u <= (*p) && (*p) <= 190u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st243:
	if ( ++p == pe )
		goto _test_eof243;
case 243:
	if ( (*p) == 134u )
		goto st7;
	if ( (*p) < 138u ) {
		if ( 128u <= (*p) && (*p) <= 132u )
			goto st7;
	} else if ( (*p) > 144u ) {
		if ( 146u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st244:
	if ( ++p == pe )
		goto _test_eof244;
case 244:
	if ( (*p) > 165u ) {
		if ( 168u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st245:
	if ( ++p == pe )
		goto _test_eof245;
case 245:
	if ( (*p) == 128u )
		goto st7;
	if ( (*p) < 156u ) {
		if ( 130u <= (*p) && (*p) <= 154u )
			goto st7;
	} else if ( (*p) > 186u ) {
		if ( 188u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st246:
	if ( ++p == pe )
		goto _test_eof246;
case 246:
	if ( (*p) < 150u ) {
		if ( 128u <= (*p) && (*p) <= 148u )
			goto st7;
	} else if ( (*p) > 180u ) {
		if ( 182u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st247:
	if ( ++p == pe )
		goto _test_eof247;
case 247:
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 142u )
			goto st7;
	} else if ( (*p) > 174u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st248:
	if ( ++p == pe )
		goto _test_eof248;
case 248:
	if ( (*p) < 138u ) {
		if ( 128u <= (*p) && (*p) <= 136u )
			goto st7;
	} else if ( (*p) > 168u ) {
		if ( 170u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st249:
	if ( ++p == pe )
		goto _test_eof249;
case 249:
	if ( (*p) < 132u ) {
		if ( 128u <= (*p) && (*p) <= 130u )
			goto st7;
	} else if ( (*p) > 139u ) {
		if ( 142u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st250:
	if ( ++p == pe )
		goto _test_eof250;
case 250:
	if ( (*p) > 182u ) {
		if ( 187u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st251:
	if ( ++p == pe )
		goto _test_eof251;
case 251:
	if ( (*p) == 181u )
		goto st7;
	if ( 128u <= (*p) && (*p) <= 172u )
		goto st7;
	goto tr0;
st252:
	if ( ++p == pe )
		goto _test_eof252;
case 252:
	if ( (*p) == 132u )
		goto st7;
	if ( (*p) > 159u ) {
		if ( 161u <= (*p) && (*p) <= 175u )
			goto st7;
	} else if ( (*p) >= 155u )
		goto st7;
	goto tr0;
st253:
	if ( ++p == pe )
		goto _test_eof253;
case 253:
	switch( (*p) ) {
		case 128u: goto st254;
		case 163u: goto st255;
		case 165u: goto st202;
		case 184u: goto st256;
		case 185u: goto st257;
		case 186u: goto st258;
	}
	if ( 160u <= (*p) && (*p) <= 164u )
		goto st11;
	goto tr0;
st254:
	if ( ++p == pe )
		goto _test_eof254;
case 254:
	if ( (*p) < 155u ) {
		if ( (*p) > 134u ) {
			if ( 136u <= (*p) && (*p) <= 152u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 161u ) {
		if ( (*p) > 164u ) {
			if ( 166u <= (*p) && (*p) <= 170u )
				goto st7;
		} else if ( (*p) >= 163u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st255:
	if ( ++p == pe )
		goto _test_eof255;
case 255:
	if ( (*p) > 132u ) {
		if ( 144u <= (*p) && (*p) <= 150u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st256:
	if ( ++p == pe )
		goto _test_eof256;
case 256:
	switch( (*p) ) {
		case 164u: goto st7;
		case 167u: goto st7;
		case 185u: goto st7;
		case 187u: goto st7;
	}
	if ( (*p) < 161u ) {
		if ( (*p) > 131u ) {
			if ( 133u <= (*p) && (*p) <= 159u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 162u ) {
		if ( (*p) > 178u ) {
			if ( 180u <= (*p) && (*p) <= 183u )
				goto st7;
		} else if ( (*p) >= 169u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st257:
	if ( ++p == pe )
		goto _test_eof257;
case 257:
	switch( (*p) ) {
		case 130u: goto st7;
		case 135u: goto st7;
		case 137u: goto st7;
		case 139u: goto st7;
		case 148u: goto st7;
		case 151u: goto st7;
		case 153u: goto st7;
		case 155u: goto st7;
		case 157u: goto st7;
		case 159u: goto st7;
		case 164u: goto st7;
		case 190u: goto st7;
	}
	if ( (*p) < 167u ) {
		if ( (*p) < 145u ) {
			if ( 141u <= (*p) && (*p) <= 143u )
				goto st7;
		} else if ( (*p) > 146u ) {
			if ( 161u <= (*p) && (*p) <= 162u )
				goto st7;
		} else
			goto st7;
	} else if ( (*p) > 170u ) {
		if ( (*p) < 180u ) {
			if ( 172u <= (*p) && (*p) <= 178u )
				goto st7;
		} else if ( (*p) > 183u ) {
			if ( 185u <= (*p) && (*p) <= 188u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st258:
	if ( ++p == pe )
		goto _test_eof258;
case 258:
	if ( (*p) < 161u ) {
		if ( (*p) > 137u ) {
			if ( 139u <= (*p) && (*p) <= 155u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 163u ) {
		if ( (*p) > 169u ) {
			if ( 171u <= (*p) && (*p) <= 187u )
				goto st7;
		} else if ( (*p) >= 165u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st259:
	if ( ++p == pe )
		goto _test_eof259;
case 259:
	if ( (*p) == 155u )
		goto st260;
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st11;
	goto tr0;
st260:
	if ( ++p == pe )
		goto _test_eof260;
case 260:
	if ( 128u <= (*p) && (*p) <= 150u )
		goto st7;
	goto tr0;
st261:
	if ( ++p == pe )
		goto _test_eof261;
case 261:
	switch( (*p) ) {
		case 156u: goto st166;
		case 160u: goto st62;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st11;
	goto tr0;
st262:
	if ( ++p == pe )
		goto _test_eof262;
case 262:
	if ( (*p) == 186u )
		goto st263;
	if ( 128u <= (*p) && (*p) <= 185u )
		goto st11;
	goto tr0;
st263:
	if ( ++p == pe )
		goto _test_eof263;
case 263:
	if ( 128u <= (*p) && (*p) <= 161u )
		goto st7;
	goto tr0;
st264:
	if ( ++p == pe )
		goto _test_eof264;
case 264:
	if ( (*p) == 168u )
		goto st265;
	if ( 160u <= (*p) && (*p) <= 167u )
		goto st11;
	goto tr0;
st265:
	if ( ++p == pe )
		goto _test_eof265;
case 265:
	if ( 128u <= (*p) && (*p) <= 157u )
		goto st7;
	goto tr0;
st266:
	if ( ++p == pe )
		goto _test_eof266;
case 266:
	if ( (*p) == 160u )
		goto st267;
	goto tr0;
st267:
	if ( ++p == pe )
		goto _test_eof267;
case 267:
	if ( (*p) == 135u )
		goto st268;
	if ( 132u <= (*p) && (*p) <= 134u )
		goto st11;
	goto tr0;
st268:
	if ( ++p == pe )
		goto _test_eof268;
case 268:
	if ( 128u <= (*p) && (*p) <= 175u )
		goto st7;
	goto tr0;
st269:
	if ( ++p == pe )
		goto _test_eof269;
case 269:
	switch( (*p) ) {
		case 170u: goto st7;
		case 181u: goto st7;
		case 186u: goto st7;
	}
	goto tr0;
st270:
	if ( ++p == pe )
		goto _test_eof270;
case 270:
	if ( (*p) == 191u )
		goto st7;
	if ( (*p) < 182u ) {
		if ( 176u <= (*p) && (*p) <= 180u )
			goto st7;
	} else if ( (*p) > 183u ) {
		if ( 186u <= (*p) && (*p) <= 189u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st271:
	if ( ++p == pe )
		goto _test_eof271;
case 271:
	switch( (*p) ) {
		case 134u: goto st7;
		case 140u: goto st7;
	}
	if ( (*p) < 142u ) {
		if ( 136u <= (*p) && (*p) <= 138u )
			goto st7;
	} else if ( (*p) > 161u ) {
		if ( 163u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st272:
	if ( ++p == pe )
		goto _test_eof272;
case 272:
	if ( (*p) > 129u ) {
		if ( 138u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st273:
	if ( ++p == pe )
		goto _test_eof273;
case 273:
	if ( 128u <= (*p) && (*p) <= 135u )
		goto st7;
	goto tr0;
st274:
	if ( ++p == pe )
		goto _test_eof274;
case 274:
	if ( (*p) > 170u ) {
		if ( 176u <= (*p) && (*p) <= 178u )
			goto st7;
	} else if ( (*p) >= 144u )
		goto st7;
	goto tr0;
st275:
	if ( ++p == pe )
		goto _test_eof275;
case 275:
	if ( (*p) < 174u ) {
		if ( 128u <= (*p) && (*p) <= 138u )
			goto st7;
	} else if ( (*p) > 175u ) {
		if ( 177u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st276:
	if ( ++p == pe )
		goto _test_eof276;
case 276:
	switch( (*p) ) {
		case 149u: goto st7;
		case 191u: goto st7;
	}
	if ( (*p) < 165u ) {
		if ( 128u <= (*p) && (*p) <= 147u )
			goto st7;
	} else if ( (*p) > 166u ) {
		if ( (*p) > 175u ) {
			if ( 186u <= (*p) && (*p) <= 188u )
				goto st7;
		} else if ( (*p) >= 174u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st277:
	if ( ++p == pe )
		goto _test_eof277;
case 277:
	if ( (*p) == 144u )
		goto st7;
	if ( 146u <= (*p) && (*p) <= 175u )
		goto st7;
	goto tr0;
st278:
	if ( ++p == pe )
		goto _test_eof278;
case 278:
	if ( 141u <= (*p) && (*p) <= 191u )
		goto st7;
	goto tr0;
st279:
	if ( ++p == pe )
		goto _test_eof279;
case 279:
	if ( (*p) == 177u )
		goto st7;
	if ( 128u <= (*p) && (*p) <= 165u )
		goto st7;
	goto tr0;
st280:
	if ( ++p == pe )
		goto _test_eof280;
case 280:
	if ( (*p) == 186u )
		goto st7;
	if ( (*p) > 170u ) {
		if ( 180u <= (*p) && (*p) <= 181u )
			goto st7;
	} else if ( (*p) >= 138u )
		goto st7;
	goto tr0;
st281:
	if ( ++p == pe )
		goto _test_eof281;
case 281:
	switch( (*p) ) {
		case 160u: goto st282;
		case 161u: goto st283;
		case 162u: goto st31;
		case 164u: goto st284;
		case 165u: goto st285;
		case 166u: goto st286;
		case 167u: goto st287;
		case 168u: goto st288;
		case 169u: goto st289;
		case 170u: goto st290;
		case 171u: goto st291;
		case 172u: goto st292;
		case 173u: goto st293;
		case 174u: goto st294;
		case 175u: goto st295;
		case 176u: goto st296;
		case 177u: goto st297;
		case 178u: goto st298;
		case 179u: goto st299;
		case 180u: goto st300;
		case 181u: goto st301;
		case 182u: goto st302;
		case 184u: goto st303;
		case 186u: goto st304;
		case 187u: goto st305;
		case 188u: goto st306;
		case 189u: goto st307;
		case 190u: goto st308;
	}
	if ( 183u <= (*p) && (*p) <= 185u )
		goto st220;
	goto tr0;
st282:
	if ( ++p == pe )
		goto _test_eof282;
case 282:
	switch( (*p) ) {
		case 154u: goto st7;
		case 164u: goto st7;
		case 168u: goto st7;
	}
	if ( 128u <= (*p) && (*p) <= 149u )
		goto st7;
	goto tr0;
st283:
	if ( ++p == pe )
		goto _test_eof283;
case 283:
	if ( 128u <= (*p) && (*p) <= 152u )
		goto st7;
	goto tr0;
st284:
	if ( ++p == pe )
		goto _test_eof284;
case 284:
	if ( (*p) == 189u )
		goto st7;
	if ( 132u <= (*p) && (*p) <= 185u )
		goto st7;
	goto tr0;
st285:
	if ( ++p == pe )
		goto _test_eof285;
case 285:
	if ( (*p) == 144u )
		goto st7;
	if ( (*p) > 161u ) {
		if ( 177u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 152u )
		goto st7;
	goto tr0;
st286:
	if ( ++p == pe )
		goto _test_eof286;
case 286:
	switch( (*p) ) {
		case 128u: goto st7;
		case 178u: goto st7;
		case 189u: goto st7;
	}
	if ( (*p) < 147u ) {
		if ( (*p) > 140u ) {
			if ( 143u <= (*p) && (*p) <= 144u )
				goto st7;
		} else if ( (*p) >= 133u )
			goto st7;
	} else if ( (*p) > 168u ) {
		if ( (*p) > 176u ) {
			if ( 182u <= (*p) && (*p) <= 185u )
				goto st7;
		} else if ( (*p) >= 170u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st287:
	if ( ++p == pe )
		goto _test_eof287;
case 287:
	if ( (*p) == 142u )
		goto st7;
	if ( (*p) < 159u ) {
		if ( 156u <= (*p) && (*p) <= 157u )
			goto st7;
	} else if ( (*p) > 161u ) {
		if ( 176u <= (*p) && (*p) <= 177u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st288:
	if ( ++p == pe )
		goto _test_eof288;
case 288:
	if ( (*p) < 170u ) {
		if ( (*p) < 143u ) {
			if ( 133u <= (*p) && (*p) <= 138u )
				goto st7;
		} else if ( (*p) > 144u ) {
			if ( 147u <= (*p) && (*p) <= 168u )
				goto st7;
		} else
			goto st7;
	} else if ( (*p) > 176u ) {
		if ( (*p) < 181u ) {
			if ( 178u <= (*p) && (*p) <= 179u )
				goto st7;
		} else if ( (*p) > 182u ) {
			if ( 184u <= (*p) && (*p) <= 185u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st289:
	if ( ++p == pe )
		goto _test_eof289;
case 289:
	if ( (*p) == 158u )
		goto st7;
	if ( (*p) > 156u ) {
		if ( 178u <= (*p) && (*p) <= 180u )
			goto st7;
	} else if ( (*p) >= 153u )
		goto st7;
	goto tr0;
st290:
	if ( ++p == pe )
		goto _test_eof290;
case 290:
	if ( (*p) == 189u )
		goto st7;
	if ( (*p) < 147u ) {
		if ( (*p) > 141u ) {
			if ( 143u <= (*p) && (*p) <= 145u )
				goto st7;
		} else if ( (*p) >= 133u )
			goto st7;
	} else if ( (*p) > 168u ) {
		if ( (*p) < 178u ) {
			if ( 170u <= (*p) && (*p) <= 176u )
				goto st7;
		} else if ( (*p) > 179u ) {
			if ( 181u <= (*p) && (*p) <= 185u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st291:
	if ( ++p == pe )
		goto _test_eof291;
case 291:
	switch( (*p) ) {
		case 144u: goto st7;
		case 185u: goto st7;
	}
	if ( 160u <= (*p) && (*p) <= 161u )
		goto st7;
	goto tr0;
st292:
	if ( ++p == pe )
		goto _test_eof292;
case 292:
	if ( (*p) == 189u )
		goto st7;
	if ( (*p) < 147u ) {
		if ( (*p) > 140u ) {
			if ( 143u <= (*p) && (*p) <= 144u )
				goto st7;
		} else if ( (*p) >= 133u )
			goto st7;
	} else if ( (*p) > 168u ) {
		if ( (*p) < 178u ) {
			if ( 170u <= (*p) && (*p) <= 176u )
				goto st7;
		} else if ( (*p) > 179u ) {
			if ( 181u <= (*p) && (*p) <= 185u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st293:
	if ( ++p == pe )
		goto _test_eof293;
case 293:
	if ( (*p) == 177u )
		goto st7;
	if ( (*p) > 157u ) {
		if ( 159u <= (*p) && (*p) <= 161u )
			goto st7;
	} else if ( (*p) >= 156u )
		goto st7;
	goto tr0;
st294:
	if ( ++p == pe )
		goto _test_eof294;
case 294:
	switch( (*p) ) {
		case 131u: goto st7;
		case 156u: goto st7;
	}
	if ( (*p) < 153u ) {
		if ( (*p) < 142u ) {
			if ( 133u <= (*p) && (*p) <= 138u )
				goto st7;
		} else if ( (*p) > 144u ) {
			if ( 146u <= (*p) && (*p) <= 149u )
				goto st7;
		} else
			goto st7;
	} else if ( (*p) > 154u ) {
		if ( (*p) < 163u ) {
			if ( 158u <= (*p) && (*p) <= 159u )
				goto st7;
		} else if ( (*p) > 164u ) {
			if ( (*p) > 170u ) {
				if ( 174u <= (*p) && (*p) <= 185u )
					goto st7;
			} else if ( (*p) >= 168u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st295:
	if ( ++p == pe )
		goto _test_eof295;
case 295:
	if ( (*p) == 144u )
		goto st7;
	goto tr0;
st296:
	if ( ++p == pe )
		goto _test_eof296;
case 296:
	if ( (*p) == 189u )
		goto st7;
	if ( (*p) < 142u ) {
		if ( 133u <= (*p) && (*p) <= 140u )
			goto st7;
	} else if ( (*p) > 144u ) {
		if ( (*p) > 168u ) {
			if ( 170u <= (*p) && (*p) <= 185u )
				goto st7;
		} else if ( (*p) >= 146u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st297:
	if ( ++p == pe )
		goto _test_eof297;
case 297:
	if ( (*p) > 154u ) {
		if ( 160u <= (*p) && (*p) <= 161u )
			goto st7;
	} else if ( (*p) >= 152u )
		goto st7;
	goto tr0;
st298:
	if ( ++p == pe )
		goto _test_eof298;
case 298:
	switch( (*p) ) {
		case 128u: goto st7;
		case 189u: goto st7;
	}
	if ( (*p) < 146u ) {
		if ( (*p) > 140u ) {
			if ( 142u <= (*p) && (*p) <= 144u )
				goto st7;
		} else if ( (*p) >= 133u )
			goto st7;
	} else if ( (*p) > 168u ) {
		if ( (*p) > 179u ) {
			if ( 181u <= (*p) && (*p) <= 185u )
				goto st7;
		} else if ( (*p) >= 170u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st299:
	if ( ++p == pe )
		goto _test_eof299;
case 299:
	if ( (*p) == 158u )
		goto st7;
	if ( (*p) > 161u ) {
		if ( 177u <= (*p) && (*p) <= 178u )
			goto st7;
	} else if ( (*p) >= 160u )
		goto st7;
	goto tr0;
st300:
	if ( ++p == pe )
		goto _test_eof300;
case 300:
	if ( (*p) == 189u )
		goto st7;
	if ( (*p) < 142u ) {
		if ( 133u <= (*p) && (*p) <= 140u )
			goto st7;
	} else if ( (*p) > 144u ) {
		if ( 146u <= (*p) && (*p) <= 186u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st301:
	if ( ++p == pe )
		goto _test_eof301;
case 301:
	if ( (*p) == 142u )
		goto st7;
	if ( (*p) < 159u ) {
		if ( 148u <= (*p) && (*p) <= 150u )
			goto st7;
	} else if ( (*p) > 161u ) {
		if ( 186u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st302:
	if ( ++p == pe )
		goto _test_eof302;
case 302:
	if ( (*p) == 189u )
		goto st7;
	if ( (*p) < 154u ) {
		if ( 133u <= (*p) && (*p) <= 150u )
			goto st7;
	} else if ( (*p) > 177u ) {
		if ( 179u <= (*p) && (*p) <= 187u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st303:
	if ( ++p == pe )
		goto _test_eof303;
case 303:
	if ( (*p) > 176u ) {
		if ( 178u <= (*p) && (*p) <= 179u )
			goto st7;
	} else if ( (*p) >= 129u )
		goto st7;
	goto tr0;
st304:
	if ( ++p == pe )
		goto _test_eof304;
case 304:
	switch( (*p) ) {
		case 132u: goto st7;
		case 138u: goto st7;
		case 141u: goto st7;
		case 165u: goto st7;
		case 167u: goto st7;
		case 189u: goto st7;
	}
	if ( (*p) < 153u ) {
		if ( (*p) < 135u ) {
			if ( 129u <= (*p) && (*p) <= 130u )
				goto st7;
		} else if ( (*p) > 136u ) {
			if ( 148u <= (*p) && (*p) <= 151u )
				goto st7;
		} else
			goto st7;
	} else if ( (*p) > 159u ) {
		if ( (*p) < 170u ) {
			if ( 161u <= (*p) && (*p) <= 163u )
				goto st7;
		} else if ( (*p) > 171u ) {
			if ( (*p) > 176u ) {
				if ( 178u <= (*p) && (*p) <= 179u )
					goto st7;
			} else if ( (*p) >= 173u )
				goto st7;
		} else
			goto st7;
	} else
		goto st7;
	goto tr0;
st305:
	if ( ++p == pe )
		goto _test_eof305;
case 305:
	if ( (*p) == 134u )
		goto st7;
	if ( (*p) > 132u ) {
		if ( 156u <= (*p) && (*p) <= 159u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st306:
	if ( ++p == pe )
		goto _test_eof306;
case 306:
	if ( (*p) == 128u )
		goto st7;
	goto tr0;
st307:
	if ( ++p == pe )
		goto _test_eof307;
case 307:
	if ( (*p) > 135u ) {
		if ( 137u <= (*p) && (*p) <= 172u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st308:
	if ( ++p == pe )
		goto _test_eof308;
case 308:
	if ( 136u <= (*p) && (*p) <= 140u )
		goto st7;
	goto tr0;
st309:
	if ( ++p == pe )
		goto _test_eof309;
case 309:
	switch( (*p) ) {
		case 128u: goto st310;
		case 129u: goto st311;
		case 130u: goto st312;
		case 131u: goto st63;
		case 137u: goto st64;
		case 138u: goto st65;
		case 139u: goto st66;
		case 140u: goto st67;
		case 141u: goto st313;
		case 142u: goto st69;
		case 143u: goto st70;
		case 144u: goto st71;
		case 153u: goto st72;
		case 154u: goto st73;
		case 155u: goto st74;
		case 156u: goto st314;
		case 157u: goto st315;
		case 158u: goto st90;
		case 159u: goto st316;
		case 160u: goto st209;
		case 161u: goto st79;
		case 162u: goto st317;
		case 163u: goto st81;
		case 164u: goto st180;
		case 165u: goto st223;
		case 166u: goto st84;
		case 167u: goto st207;
		case 168u: goto st318;
		case 169u: goto st319;
		case 170u: goto st320;
		case 172u: goto st321;
		case 173u: goto st322;
		case 174u: goto st323;
		case 175u: goto st324;
		case 176u: goto st176;
		case 177u: goto st325;
		case 178u: goto st92;
		case 179u: goto st326;
		case 188u: goto st95;
		case 189u: goto st96;
		case 190u: goto st97;
		case 191u: goto st98;
	}
	if ( (*p) < 180u ) {
		if ( 132u <= (*p) && (*p) <= 152u )
			goto st11;
	} else if ( (*p) > 182u ) {
		if ( 184u <= (*p) && (*p) <= 187u )
			goto st11;
	} else
		goto st11;
	goto tr0;
st310:
	if ( ++p == pe )
		goto _test_eof310;
case 310:
	if ( (*p) == 191u )
		goto st7;
	if ( 128u <= (*p) && (*p) <= 170u )
		goto st7;
	goto tr0;
st311:
	if ( ++p == pe )
		goto _test_eof311;
case 311:
	if ( (*p) == 161u )
		goto st7;
	if ( (*p) < 165u ) {
		if ( (*p) > 149u ) {
			if ( 154u <= (*p) && (*p) <= 157u )
				goto st7;
		} else if ( (*p) >= 144u )
			goto st7;
	} else if ( (*p) > 166u ) {
		if ( (*p) > 176u ) {
			if ( 181u <= (*p) && (*p) <= 191u )
				goto st7;
		} else if ( (*p) >= 174u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st312:
	if ( ++p == pe )
		goto _test_eof312;
case 312:
	if ( (*p) == 142u )
		goto st7;
	if ( (*p) > 129u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st313:
	if ( ++p == pe )
		goto _test_eof313;
case 313:
	if ( 128u <= (*p) && (*p) <= 154u )
		goto st7;
	goto tr0;
st314:
	if ( ++p == pe )
		goto _test_eof314;
case 314:
	if ( (*p) < 142u ) {
		if ( 128u <= (*p) && (*p) <= 140u )
			goto st7;
	} else if ( (*p) > 145u ) {
		if ( 160u <= (*p) && (*p) <= 177u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st315:
	if ( ++p == pe )
		goto _test_eof315;
case 315:
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 145u )
			goto st7;
	} else if ( (*p) > 172u ) {
		if ( 174u <= (*p) && (*p) <= 176u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st316:
	if ( ++p == pe )
		goto _test_eof316;
case 316:
	switch( (*p) ) {
		case 151u: goto st7;
		case 156u: goto st7;
	}
	goto tr0;
st317:
	if ( ++p == pe )
		goto _test_eof317;
case 317:
	if ( (*p) == 170u )
		goto st7;
	if ( (*p) > 168u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st318:
	if ( ++p == pe )
		goto _test_eof318;
case 318:
	if ( (*p) > 150u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st319:
	if ( ++p == pe )
		goto _test_eof319;
case 319:
	if ( 128u <= (*p) && (*p) <= 148u )
		goto st7;
	goto tr0;
st320:
	if ( ++p == pe )
		goto _test_eof320;
case 320:
	if ( (*p) == 167u )
		goto st7;
	goto tr0;
st321:
	if ( ++p == pe )
		goto _test_eof321;
case 321:
	if ( 133u <= (*p) && (*p) <= 179u )
		goto st7;
	goto tr0;
st322:
	if ( ++p == pe )
		goto _test_eof322;
case 322:
	if ( 133u <= (*p) && (*p) <= 139u )
		goto st7;
	goto tr0;
st323:
	if ( ++p == pe )
		goto _test_eof323;
case 323:
	if ( (*p) < 174u ) {
		if ( 131u <= (*p) && (*p) <= 160u )
			goto st7;
	} else if ( (*p) > 175u ) {
		if ( 186u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st324:
	if ( ++p == pe )
		goto _test_eof324;
case 324:
	if ( 128u <= (*p) && (*p) <= 165u )
		goto st7;
	goto tr0;
st325:
	if ( ++p == pe )
		goto _test_eof325;
case 325:
	if ( (*p) > 143u ) {
		if ( 154u <= (*p) && (*p) <= 189u )
			goto st7;
	} else if ( (*p) >= 141u )
		goto st7;
	goto tr0;
st326:
	if ( ++p == pe )
		goto _test_eof326;
case 326:
	if ( (*p) < 174u ) {
		if ( 169u <= (*p) && (*p) <= 172u )
			goto st7;
	} else if ( (*p) > 179u ) {
		if ( 181u <= (*p) && (*p) <= 182u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st327:
	if ( ++p == pe )
		goto _test_eof327;
case 327:
	switch( (*p) ) {
		case 129u: goto st328;
		case 130u: goto st102;
		case 132u: goto st104;
		case 133u: goto st105;
		case 134u: goto st92;
		case 176u: goto st106;
		case 177u: goto st107;
		case 178u: goto st11;
		case 179u: goto st329;
		case 180u: goto st109;
		case 181u: goto st330;
		case 182u: goto st111;
		case 183u: goto st331;
	}
	goto tr0;
st328:
	if ( ++p == pe )
		goto _test_eof328;
case 328:
	switch( (*p) ) {
		case 177u: goto st7;
		case 191u: goto st7;
	}
	goto tr0;
st329:
	if ( ++p == pe )
		goto _test_eof329;
case 329:
	if ( (*p) < 171u ) {
		if ( 128u <= (*p) && (*p) <= 164u )
			goto st7;
	} else if ( (*p) > 174u ) {
		if ( 178u <= (*p) && (*p) <= 179u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st330:
	if ( ++p == pe )
		goto _test_eof330;
case 330:
	if ( (*p) == 175u )
		goto st7;
	if ( 128u <= (*p) && (*p) <= 167u )
		goto st7;
	goto tr0;
st331:
	if ( ++p == pe )
		goto _test_eof331;
case 331:
	if ( (*p) < 136u ) {
		if ( 128u <= (*p) && (*p) <= 134u )
			goto st7;
	} else if ( (*p) > 142u ) {
		if ( (*p) > 150u ) {
			if ( 152u <= (*p) && (*p) <= 158u )
				goto st7;
		} else if ( (*p) >= 144u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st332:
	if ( ++p == pe )
		goto _test_eof332;
case 332:
	switch( (*p) ) {
		case 128u: goto st333;
		case 129u: goto st71;
		case 130u: goto st334;
		case 131u: goto st116;
		case 132u: goto st117;
		case 133u: goto st11;
		case 134u: goto st118;
		case 135u: goto st119;
	}
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st11;
	goto tr0;
st333:
	if ( ++p == pe )
		goto _test_eof333;
case 333:
	if ( (*p) < 161u ) {
		if ( 133u <= (*p) && (*p) <= 135u )
			goto st7;
	} else if ( (*p) > 169u ) {
		if ( (*p) > 181u ) {
			if ( 184u <= (*p) && (*p) <= 188u )
				goto st7;
		} else if ( (*p) >= 177u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st334:
	if ( ++p == pe )
		goto _test_eof334;
case 334:
	if ( (*p) < 155u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto st7;
	} else if ( (*p) > 159u ) {
		if ( 161u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st335:
	if ( ++p == pe )
		goto _test_eof335;
case 335:
	switch( (*p) ) {
		case 146u: goto st125;
		case 147u: goto st126;
		case 152u: goto st336;
		case 153u: goto st337;
		case 154u: goto st62;
		case 155u: goto st268;
		case 156u: goto st129;
		case 158u: goto st130;
		case 159u: goto st131;
		case 160u: goto st338;
		case 161u: goto st90;
		case 162u: goto st339;
		case 163u: goto st340;
		case 164u: goto st341;
		case 165u: goto st342;
		case 166u: goto st343;
		case 167u: goto st344;
		case 168u: goto st345;
		case 169u: goto st346;
		case 170u: goto st347;
		case 171u: goto st348;
		case 172u: goto st140;
		case 173u: goto st141;
		case 175u: goto st349;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st11;
	goto tr0;
st336:
	if ( ++p == pe )
		goto _test_eof336;
case 336:
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 140u )
			goto st7;
	} else if ( (*p) > 159u ) {
		if ( 170u <= (*p) && (*p) <= 171u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st337:
	if ( ++p == pe )
		goto _test_eof337;
case 337:
	if ( (*p) == 191u )
		goto st7;
	if ( 128u <= (*p) && (*p) <= 174u )
		goto st7;
	goto tr0;
st338:
	if ( ++p == pe )
		goto _test_eof338;
case 338:
	if ( (*p) < 131u ) {
		if ( 128u <= (*p) && (*p) <= 129u )
			goto st7;
	} else if ( (*p) > 133u ) {
		if ( (*p) > 138u ) {
			if ( 140u <= (*p) && (*p) <= 162u )
				goto st7;
		} else if ( (*p) >= 135u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st339:
	if ( ++p == pe )
		goto _test_eof339;
case 339:
	if ( 130u <= (*p) && (*p) <= 179u )
		goto st7;
	goto tr0;
st340:
	if ( ++p == pe )
		goto _test_eof340;
case 340:
	switch( (*p) ) {
		case 187u: goto st7;
		case 189u: goto st7;
	}
	if ( 178u <= (*p) && (*p) <= 183u )
		goto st7;
	goto tr0;
st341:
	if ( ++p == pe )
		goto _test_eof341;
case 341:
	if ( (*p) > 165u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 138u )
		goto st7;
	goto tr0;
st342:
	if ( ++p == pe )
		goto _test_eof342;
case 342:
	if ( (*p) > 134u ) {
		if ( 160u <= (*p) && (*p) <= 188u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st343:
	if ( ++p == pe )
		goto _test_eof343;
case 343:
	if ( 132u <= (*p) && (*p) <= 178u )
		goto st7;
	goto tr0;
st344:
	if ( ++p == pe )
		goto _test_eof344;
case 344:
	if ( (*p) == 143u )
		goto st7;
	if ( (*p) < 166u ) {
		if ( 160u <= (*p) && (*p) <= 164u )
			goto st7;
	} else if ( (*p) > 175u ) {
		if ( 186u <= (*p) && (*p) <= 190u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st345:
	if ( ++p == pe )
		goto _test_eof345;
case 345:
	if ( 128u <= (*p) && (*p) <= 168u )
		goto st7;
	goto tr0;
st346:
	if ( ++p == pe )
		goto _test_eof346;
case 346:
	if ( (*p) == 186u )
		goto st7;
	if ( (*p) < 132u ) {
		if ( 128u <= (*p) && (*p) <= 130u )
			goto st7;
	} else if ( (*p) > 139u ) {
		if ( (*p) > 182u ) {
			if ( 190u <= (*p) && (*p) <= 191u )
				goto st7;
		} else if ( (*p) >= 160u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st347:
	if ( ++p == pe )
		goto _test_eof347;
case 347:
	if ( (*p) == 177u )
		goto st7;
	if ( (*p) < 181u ) {
		if ( 128u <= (*p) && (*p) <= 175u )
			goto st7;
	} else if ( (*p) > 182u ) {
		if ( 185u <= (*p) && (*p) <= 189u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st348:
	if ( ++p == pe )
		goto _test_eof348;
case 348:
	switch( (*p) ) {
		case 128u: goto st7;
		case 130u: goto st7;
	}
	if ( (*p) < 160u ) {
		if ( 155u <= (*p) && (*p) <= 157u )
			goto st7;
	} else if ( (*p) > 170u ) {
		if ( 178u <= (*p) && (*p) <= 180u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st349:
	if ( ++p == pe )
		goto _test_eof349;
case 349:
	if ( 128u <= (*p) && (*p) <= 162u )
		goto st7;
	goto tr0;
st350:
	if ( ++p == pe )
		goto _test_eof350;
case 350:
	switch( (*p) ) {
		case 169u: goto st134;
		case 171u: goto st147;
		case 172u: goto st351;
		case 173u: goto st149;
		case 174u: goto st26;
		case 175u: goto st150;
		case 180u: goto st151;
		case 181u: goto st24;
		case 182u: goto st152;
		case 183u: goto st153;
		case 185u: goto st352;
		case 186u: goto st11;
		case 187u: goto st156;
		case 188u: goto st353;
		case 189u: goto st158;
		case 190u: goto st159;
		case 191u: goto st160;
	}
	if ( 164u <= (*p) && (*p) <= 179u )
		goto st11;
	goto tr0;
st351:
	if ( ++p == pe )
		goto _test_eof351;
case 351:
	switch( (*p) ) {
		case 157u: goto st7;
		case 190u: goto st7;
	}
	if ( (*p) < 159u ) {
		if ( (*p) > 134u ) {
			if ( 147u <= (*p) && (*p) <= 151u )
				goto st7;
		} else if ( (*p) >= 128u )
			goto st7;
	} else if ( (*p) > 168u ) {
		if ( (*p) > 182u ) {
			if ( 184u <= (*p) && (*p) <= 188u )
				goto st7;
		} else if ( (*p) >= 170u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st352:
	if ( ++p == pe )
		goto _test_eof352;
case 352:
	if ( (*p) > 180u ) {
		if ( 182u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 176u )
		goto st7;
	goto tr0;
st353:
	if ( ++p == pe )
		goto _test_eof353;
case 353:
	if ( 161u <= (*p) && (*p) <= 186u )
		goto st7;
	goto tr0;
st354:
	if ( ++p == pe )
		goto _test_eof354;
case 354:
	switch( (*p) ) {
		case 144u: goto st355;
		case 145u: goto st361;
		case 146u: goto st215;
		case 147u: goto st218;
		case 148u: goto st219;
		case 150u: goto st379;
		case 151u: goto st121;
		case 152u: goto st229;
		case 155u: goto st384;
		case 157u: goto st386;
		case 158u: goto st388;
		case 170u: goto st259;
		case 171u: goto st261;
		case 172u: goto st262;
		case 175u: goto st264;
	}
	if ( 160u <= (*p) && (*p) <= 169u )
		goto st121;
	goto tr0;
st355:
	if ( ++p == pe )
		goto _test_eof355;
case 355:
	switch( (*p) ) {
		case 128u: goto st163;
		case 129u: goto st164;
		case 130u: goto st11;
		case 131u: goto st165;
		case 133u: goto st166;
		case 138u: goto st168;
		case 139u: goto st356;
		case 140u: goto st170;
		case 141u: goto st357;
		case 142u: goto st62;
		case 143u: goto st172;
		case 146u: goto st358;
		case 147u: goto st174;
		case 148u: goto st175;
		case 149u: goto st176;
		case 156u: goto st137;
		case 157u: goto st177;
		case 160u: goto st178;
		case 161u: goto st179;
		case 162u: goto st180;
		case 163u: goto st181;
		case 164u: goto st182;
		case 166u: goto st183;
		case 168u: goto st359;
		case 169u: goto st185;
		case 170u: goto st186;
		case 171u: goto st360;
		case 172u: goto st81;
		case 173u: goto st188;
		case 174u: goto st189;
		case 176u: goto st11;
		case 177u: goto st92;
	}
	if ( (*p) < 152u ) {
		if ( 144u <= (*p) && (*p) <= 145u )
			goto st11;
	} else if ( (*p) > 155u ) {
		if ( 178u <= (*p) && (*p) <= 179u )
			goto st190;
	} else
		goto st11;
	goto tr0;
st356:
	if ( ++p == pe )
		goto _test_eof356;
case 356:
	if ( 128u <= (*p) && (*p) <= 144u )
		goto st7;
	goto tr0;
st357:
	if ( ++p == pe )
		goto _test_eof357;
case 357:
	if ( (*p) > 138u ) {
		if ( 144u <= (*p) && (*p) <= 181u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st358:
	if ( ++p == pe )
		goto _test_eof358;
case 358:
	if ( (*p) > 157u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st359:
	if ( ++p == pe )
		goto _test_eof359;
case 359:
	if ( (*p) == 128u )
		goto st7;
	if ( (*p) < 149u ) {
		if ( 144u <= (*p) && (*p) <= 147u )
			goto st7;
	} else if ( (*p) > 151u ) {
		if ( 153u <= (*p) && (*p) <= 179u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st360:
	if ( ++p == pe )
		goto _test_eof360;
case 360:
	if ( (*p) > 135u ) {
		if ( 137u <= (*p) && (*p) <= 164u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st361:
	if ( ++p == pe )
		goto _test_eof361;
case 361:
	switch( (*p) ) {
		case 128u: goto st362;
		case 130u: goto st363;
		case 131u: goto st364;
		case 132u: goto st365;
		case 133u: goto st366;
		case 134u: goto st367;
		case 135u: goto st368;
		case 136u: goto st369;
		case 138u: goto st198;
		case 139u: goto st180;
		case 140u: goto st292;
		case 141u: goto st370;
		case 144u: goto st166;
		case 145u: goto st371;
		case 146u: goto st268;
		case 147u: goto st372;
		case 150u: goto st216;
		case 151u: goto st373;
		case 152u: goto st268;
		case 153u: goto st374;
		case 154u: goto st375;
		case 156u: goto st147;
		case 162u: goto st209;
		case 163u: goto st376;
		case 171u: goto st211;
		case 176u: goto st377;
		case 177u: goto st378;
		case 178u: goto st225;
	}
	goto tr0;
st362:
	if ( ++p == pe )
		goto _test_eof362;
case 362:
	if ( 131u <= (*p) && (*p) <= 183u )
		goto st7;
	goto tr0;
st363:
	if ( ++p == pe )
		goto _test_eof363;
case 363:
	if ( 131u <= (*p) && (*p) <= 175u )
		goto st7;
	goto tr0;
st364:
	if ( ++p == pe )
		goto _test_eof364;
case 364:
	if ( 144u <= (*p) && (*p) <= 168u )
		goto st7;
	goto tr0;
st365:
	if ( ++p == pe )
		goto _test_eof365;
case 365:
	if ( 131u <= (*p) && (*p) <= 166u )
		goto st7;
	goto tr0;
st366:
	if ( ++p == pe )
		goto _test_eof366;
case 366:
	if ( (*p) == 182u )
		goto st7;
	if ( 144u <= (*p) && (*p) <= 178u )
		goto st7;
	goto tr0;
st367:
	if ( ++p == pe )
		goto _test_eof367;
case 367:
	if ( 131u <= (*p) && (*p) <= 178u )
		goto st7;
	goto tr0;
st368:
	if ( ++p == pe )
		goto _test_eof368;
case 368:
	switch( (*p) ) {
		case 154u: goto st7;
		case 156u: goto st7;
	}
	if ( 129u <= (*p) && (*p) <= 132u )
		goto st7;
	goto tr0;
st369:
	if ( ++p == pe )
		goto _test_eof369;
case 369:
	if ( (*p) > 145u ) {
		if ( 147u <= (*p) && (*p) <= 171u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st370:
	if ( ++p == pe )
		goto _test_eof370;
case 370:
	if ( (*p) == 144u )
		goto st7;
	if ( 157u <= (*p) && (*p) <= 161u )
		goto st7;
	goto tr0;
st371:
	if ( ++p == pe )
		goto _test_eof371;
case 371:
	if ( 135u <= (*p) && (*p) <= 138u )
		goto st7;
	goto tr0;
st372:
	if ( ++p == pe )
		goto _test_eof372;
case 372:
	if ( (*p) == 135u )
		goto st7;
	if ( 132u <= (*p) && (*p) <= 133u )
		goto st7;
	goto tr0;
st373:
	if ( ++p == pe )
		goto _test_eof373;
case 373:
	if ( 152u <= (*p) && (*p) <= 155u )
		goto st7;
	goto tr0;
st374:
	if ( ++p == pe )
		goto _test_eof374;
case 374:
	if ( (*p) == 132u )
		goto st7;
	goto tr0;
st375:
	if ( ++p == pe )
		goto _test_eof375;
case 375:
	if ( 128u <= (*p) && (*p) <= 170u )
		goto st7;
	goto tr0;
st376:
	if ( ++p == pe )
		goto _test_eof376;
case 376:
	if ( (*p) == 191u )
		goto st7;
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st7;
	goto tr0;
st377:
	if ( ++p == pe )
		goto _test_eof377;
case 377:
	if ( (*p) > 136u ) {
		if ( 138u <= (*p) && (*p) <= 174u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st378:
	if ( ++p == pe )
		goto _test_eof378;
case 378:
	if ( (*p) == 128u )
		goto st7;
	if ( 178u <= (*p) && (*p) <= 191u )
		goto st7;
	goto tr0;
st379:
	if ( ++p == pe )
		goto _test_eof379;
case 379:
	switch( (*p) ) {
		case 168u: goto st211;
		case 169u: goto st180;
		case 171u: goto st380;
		case 172u: goto st268;
		case 173u: goto st381;
		case 174u: goto st225;
		case 188u: goto st11;
		case 189u: goto st382;
		case 190u: goto st383;
		case 191u: goto st228;
	}
	if ( 160u <= (*p) && (*p) <= 167u )
		goto st11;
	goto tr0;
st380:
	if ( ++p == pe )
		goto _test_eof380;
case 380:
	if ( 144u <= (*p) && (*p) <= 173u )
		goto st7;
	goto tr0;
st381:
	if ( ++p == pe )
		goto _test_eof381;
case 381:
	if ( (*p) < 163u ) {
		if ( 128u <= (*p) && (*p) <= 131u )
			goto st7;
	} else if ( (*p) > 183u ) {
		if ( 189u <= (*p) && (*p) <= 191u )
			goto st7;
	} else
		goto st7;
	goto tr0;
st382:
	if ( ++p == pe )
		goto _test_eof382;
case 382:
	if ( (*p) == 144u )
		goto st7;
	if ( 128u <= (*p) && (*p) <= 132u )
		goto st7;
	goto tr0;
st383:
	if ( ++p == pe )
		goto _test_eof383;
case 383:
	if ( 147u <= (*p) && (*p) <= 159u )
		goto st7;
	goto tr0;
st384:
	if ( ++p == pe )
		goto _test_eof384;
case 384:
	switch( (*p) ) {
		case 128u: goto st232;
		case 176u: goto st11;
		case 177u: goto st233;
		case 178u: goto st385;
	}
	goto tr0;
st385:
	if ( ++p == pe )
		goto _test_eof385;
case 385:
	if ( (*p) > 136u ) {
		if ( 144u <= (*p) && (*p) <= 153u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st386:
	if ( ++p == pe )
		goto _test_eof386;
case 386:
	switch( (*p) ) {
		case 145u: goto st239;
		case 146u: goto st240;
		case 147u: goto st241;
		case 148u: goto st242;
		case 149u: goto st243;
		case 154u: goto st244;
		case 155u: goto st245;
		case 156u: goto st246;
		case 157u: goto st247;
		case 158u: goto st248;
		case 159u: goto st387;
	}
	if ( 144u <= (*p) && (*p) <= 153u )
		goto st11;
	goto tr0;
st387:
	if ( ++p == pe )
		goto _test_eof387;
case 387:
	if ( (*p) > 130u ) {
		if ( 132u <= (*p) && (*p) <= 139u )
			goto st7;
	} else if ( (*p) >= 128u )
		goto st7;
	goto tr0;
st388:
	if ( ++p == pe )
		goto _test_eof388;
case 388:
	switch( (*p) ) {
		case 163u: goto st389;
		case 165u: goto st217;
		case 184u: goto st256;
		case 185u: goto st257;
		case 186u: goto st258;
	}
	if ( 160u <= (*p) && (*p) <= 164u )
		goto st11;
	goto tr0;
st389:
	if ( ++p == pe )
		goto _test_eof389;
case 389:
	if ( 128u <= (*p) && (*p) <= 132u )
		goto st7;
	goto tr0;
st903:
	if ( ++p == pe )
		goto _test_eof903;
case 903:
	switch( (*p) ) {
		case 61u: goto tr802;
		case 62u: goto tr803;
	}
	goto tr793;
st904:
	if ( ++p == pe )
		goto _test_eof904;
case 904:
	if ( (*p) == 61u )
		goto tr804;
	goto tr793;
tr393:
#line 1 "NONE"
	{te = p+1;}
	goto st905;
st905:
	if ( ++p == pe )
		goto _test_eof905;
case 905:
#line 7229 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 45u: goto tr393;
		case 95u: goto tr393;
		case 194u: goto st390;
		case 195u: goto st391;
		case 203u: goto st393;
		case 205u: goto st394;
		case 206u: goto st395;
		case 207u: goto st396;
		case 210u: goto st397;
		case 212u: goto st398;
		case 213u: goto st399;
		case 214u: goto st400;
		case 215u: goto st401;
		case 216u: goto st402;
		case 217u: goto st403;
		case 219u: goto st404;
		case 220u: goto st405;
		case 221u: goto st406;
		case 222u: goto st407;
		case 223u: goto st408;
		case 224u: goto st409;
		case 225u: goto st441;
		case 226u: goto st480;
		case 227u: goto st494;
		case 228u: goto st501;
		case 233u: goto st503;
		case 234u: goto st505;
		case 237u: goto st524;
		case 239u: goto st527;
		case 240u: goto st542;
		case 243u: goto st647;
	}
	if ( (*p) < 97u ) {
		if ( (*p) > 57u ) {
			if ( 65u <= (*p) && (*p) <= 90u )
				goto tr393;
		} else if ( (*p) >= 48u )
			goto tr393;
	} else if ( (*p) > 122u ) {
		if ( (*p) > 218u ) {
			if ( 229u <= (*p) && (*p) <= 236u )
				goto st502;
		} else if ( (*p) >= 196u )
			goto st392;
	} else
		goto tr393;
	goto tr805;
st390:
	if ( ++p == pe )
		goto _test_eof390;
case 390:
	switch( (*p) ) {
		case 170u: goto tr393;
		case 181u: goto tr393;
		case 183u: goto tr393;
		case 186u: goto tr393;
	}
	goto tr392;
st391:
	if ( ++p == pe )
		goto _test_eof391;
case 391:
	if ( (*p) < 152u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto tr393;
	} else if ( (*p) > 182u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st392:
	if ( ++p == pe )
		goto _test_eof392;
case 392:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr392;
st393:
	if ( ++p == pe )
		goto _test_eof393;
case 393:
	switch( (*p) ) {
		case 172u: goto tr393;
		case 174u: goto tr393;
	}
	if ( (*p) < 134u ) {
		if ( 128u <= (*p) && (*p) <= 129u )
			goto tr393;
	} else if ( (*p) > 145u ) {
		if ( 160u <= (*p) && (*p) <= 164u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st394:
	if ( ++p == pe )
		goto _test_eof394;
case 394:
	if ( (*p) == 191u )
		goto tr393;
	if ( (*p) < 182u ) {
		if ( 128u <= (*p) && (*p) <= 180u )
			goto tr393;
	} else if ( (*p) > 183u ) {
		if ( 186u <= (*p) && (*p) <= 189u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st395:
	if ( ++p == pe )
		goto _test_eof395;
case 395:
	if ( (*p) == 140u )
		goto tr393;
	if ( (*p) < 142u ) {
		if ( 134u <= (*p) && (*p) <= 138u )
			goto tr393;
	} else if ( (*p) > 161u ) {
		if ( 163u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st396:
	if ( ++p == pe )
		goto _test_eof396;
case 396:
	if ( (*p) > 181u ) {
		if ( 183u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st397:
	if ( ++p == pe )
		goto _test_eof397;
case 397:
	if ( (*p) < 131u ) {
		if ( 128u <= (*p) && (*p) <= 129u )
			goto tr393;
	} else if ( (*p) > 135u ) {
		if ( 138u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st398:
	if ( ++p == pe )
		goto _test_eof398;
case 398:
	if ( (*p) > 175u ) {
		if ( 177u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st399:
	if ( ++p == pe )
		goto _test_eof399;
case 399:
	if ( (*p) == 153u )
		goto tr393;
	if ( (*p) > 150u ) {
		if ( 161u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st400:
	if ( ++p == pe )
		goto _test_eof400;
case 400:
	if ( (*p) == 191u )
		goto tr393;
	if ( (*p) > 135u ) {
		if ( 145u <= (*p) && (*p) <= 189u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st401:
	if ( ++p == pe )
		goto _test_eof401;
case 401:
	if ( (*p) == 135u )
		goto tr393;
	if ( (*p) < 132u ) {
		if ( 129u <= (*p) && (*p) <= 130u )
			goto tr393;
	} else if ( (*p) > 133u ) {
		if ( (*p) > 170u ) {
			if ( 176u <= (*p) && (*p) <= 178u )
				goto tr393;
		} else if ( (*p) >= 144u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st402:
	if ( ++p == pe )
		goto _test_eof402;
case 402:
	if ( (*p) > 154u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 144u )
		goto tr393;
	goto tr392;
st403:
	if ( ++p == pe )
		goto _test_eof403;
case 403:
	if ( (*p) > 169u ) {
		if ( 174u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st404:
	if ( ++p == pe )
		goto _test_eof404;
case 404:
	if ( (*p) == 191u )
		goto tr393;
	if ( (*p) < 149u ) {
		if ( 128u <= (*p) && (*p) <= 147u )
			goto tr393;
	} else if ( (*p) > 156u ) {
		if ( (*p) > 168u ) {
			if ( 170u <= (*p) && (*p) <= 188u )
				goto tr393;
		} else if ( (*p) >= 159u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st405:
	if ( ++p == pe )
		goto _test_eof405;
case 405:
	if ( 144u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr392;
st406:
	if ( ++p == pe )
		goto _test_eof406;
case 406:
	if ( (*p) > 138u ) {
		if ( 141u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st407:
	if ( ++p == pe )
		goto _test_eof407;
case 407:
	if ( 128u <= (*p) && (*p) <= 177u )
		goto tr393;
	goto tr392;
st408:
	if ( ++p == pe )
		goto _test_eof408;
case 408:
	if ( (*p) == 186u )
		goto tr393;
	if ( 128u <= (*p) && (*p) <= 181u )
		goto tr393;
	goto tr392;
st409:
	if ( ++p == pe )
		goto _test_eof409;
case 409:
	switch( (*p) ) {
		case 160u: goto st410;
		case 161u: goto st411;
		case 162u: goto st412;
		case 163u: goto st413;
		case 164u: goto st392;
		case 165u: goto st414;
		case 166u: goto st415;
		case 167u: goto st416;
		case 168u: goto st417;
		case 169u: goto st418;
		case 170u: goto st419;
		case 171u: goto st420;
		case 172u: goto st421;
		case 173u: goto st422;
		case 174u: goto st423;
		case 175u: goto st424;
		case 176u: goto st425;
		case 177u: goto st426;
		case 178u: goto st427;
		case 179u: goto st428;
		case 180u: goto st429;
		case 181u: goto st430;
		case 182u: goto st431;
		case 183u: goto st432;
		case 184u: goto st433;
		case 185u: goto st434;
		case 186u: goto st435;
		case 187u: goto st436;
		case 188u: goto st437;
		case 189u: goto st438;
		case 190u: goto st439;
		case 191u: goto st440;
	}
	goto tr392;
st410:
	if ( ++p == pe )
		goto _test_eof410;
case 410:
	if ( 128u <= (*p) && (*p) <= 173u )
		goto tr393;
	goto tr392;
st411:
	if ( ++p == pe )
		goto _test_eof411;
case 411:
	if ( 128u <= (*p) && (*p) <= 155u )
		goto tr393;
	goto tr392;
st412:
	if ( ++p == pe )
		goto _test_eof412;
case 412:
	if ( (*p) > 180u ) {
		if ( 182u <= (*p) && (*p) <= 189u )
			goto tr393;
	} else if ( (*p) >= 160u )
		goto tr393;
	goto tr392;
st413:
	if ( ++p == pe )
		goto _test_eof413;
case 413:
	if ( (*p) > 161u ) {
		if ( 163u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 148u )
		goto tr393;
	goto tr392;
st414:
	if ( ++p == pe )
		goto _test_eof414;
case 414:
	if ( (*p) < 166u ) {
		if ( 128u <= (*p) && (*p) <= 163u )
			goto tr393;
	} else if ( (*p) > 175u ) {
		if ( 177u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st415:
	if ( ++p == pe )
		goto _test_eof415;
case 415:
	if ( (*p) == 178u )
		goto tr393;
	if ( (*p) < 147u ) {
		if ( (*p) < 133u ) {
			if ( 128u <= (*p) && (*p) <= 131u )
				goto tr393;
		} else if ( (*p) > 140u ) {
			if ( 143u <= (*p) && (*p) <= 144u )
				goto tr393;
		} else
			goto tr393;
	} else if ( (*p) > 168u ) {
		if ( (*p) < 182u ) {
			if ( 170u <= (*p) && (*p) <= 176u )
				goto tr393;
		} else if ( (*p) > 185u ) {
			if ( 188u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st416:
	if ( ++p == pe )
		goto _test_eof416;
case 416:
	if ( (*p) == 151u )
		goto tr393;
	if ( (*p) < 139u ) {
		if ( (*p) > 132u ) {
			if ( 135u <= (*p) && (*p) <= 136u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 142u ) {
		if ( (*p) < 159u ) {
			if ( 156u <= (*p) && (*p) <= 157u )
				goto tr393;
		} else if ( (*p) > 163u ) {
			if ( 166u <= (*p) && (*p) <= 177u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st417:
	if ( ++p == pe )
		goto _test_eof417;
case 417:
	if ( (*p) == 188u )
		goto tr393;
	if ( (*p) < 170u ) {
		if ( (*p) < 133u ) {
			if ( 129u <= (*p) && (*p) <= 131u )
				goto tr393;
		} else if ( (*p) > 138u ) {
			if ( (*p) > 144u ) {
				if ( 147u <= (*p) && (*p) <= 168u )
					goto tr393;
			} else if ( (*p) >= 143u )
				goto tr393;
		} else
			goto tr393;
	} else if ( (*p) > 176u ) {
		if ( (*p) < 181u ) {
			if ( 178u <= (*p) && (*p) <= 179u )
				goto tr393;
		} else if ( (*p) > 182u ) {
			if ( (*p) > 185u ) {
				if ( 190u <= (*p) && (*p) <= 191u )
					goto tr393;
			} else if ( (*p) >= 184u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st418:
	if ( ++p == pe )
		goto _test_eof418;
case 418:
	switch( (*p) ) {
		case 145u: goto tr393;
		case 158u: goto tr393;
	}
	if ( (*p) < 139u ) {
		if ( (*p) > 130u ) {
			if ( 135u <= (*p) && (*p) <= 136u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 141u ) {
		if ( (*p) > 156u ) {
			if ( 166u <= (*p) && (*p) <= 181u )
				goto tr393;
		} else if ( (*p) >= 153u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st419:
	if ( ++p == pe )
		goto _test_eof419;
case 419:
	if ( (*p) < 147u ) {
		if ( (*p) < 133u ) {
			if ( 129u <= (*p) && (*p) <= 131u )
				goto tr393;
		} else if ( (*p) > 141u ) {
			if ( 143u <= (*p) && (*p) <= 145u )
				goto tr393;
		} else
			goto tr393;
	} else if ( (*p) > 168u ) {
		if ( (*p) < 178u ) {
			if ( 170u <= (*p) && (*p) <= 176u )
				goto tr393;
		} else if ( (*p) > 179u ) {
			if ( (*p) > 185u ) {
				if ( 188u <= (*p) && (*p) <= 191u )
					goto tr393;
			} else if ( (*p) >= 181u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st420:
	if ( ++p == pe )
		goto _test_eof420;
case 420:
	switch( (*p) ) {
		case 144u: goto tr393;
		case 185u: goto tr393;
	}
	if ( (*p) < 139u ) {
		if ( (*p) > 133u ) {
			if ( 135u <= (*p) && (*p) <= 137u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 141u ) {
		if ( (*p) > 163u ) {
			if ( 166u <= (*p) && (*p) <= 175u )
				goto tr393;
		} else if ( (*p) >= 160u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st421:
	if ( ++p == pe )
		goto _test_eof421;
case 421:
	if ( (*p) < 147u ) {
		if ( (*p) < 133u ) {
			if ( 129u <= (*p) && (*p) <= 131u )
				goto tr393;
		} else if ( (*p) > 140u ) {
			if ( 143u <= (*p) && (*p) <= 144u )
				goto tr393;
		} else
			goto tr393;
	} else if ( (*p) > 168u ) {
		if ( (*p) < 178u ) {
			if ( 170u <= (*p) && (*p) <= 176u )
				goto tr393;
		} else if ( (*p) > 179u ) {
			if ( (*p) > 185u ) {
				if ( 188u <= (*p) && (*p) <= 191u )
					goto tr393;
			} else if ( (*p) >= 181u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st422:
	if ( ++p == pe )
		goto _test_eof422;
case 422:
	if ( (*p) == 177u )
		goto tr393;
	if ( (*p) < 150u ) {
		if ( (*p) < 135u ) {
			if ( 128u <= (*p) && (*p) <= 132u )
				goto tr393;
		} else if ( (*p) > 136u ) {
			if ( 139u <= (*p) && (*p) <= 141u )
				goto tr393;
		} else
			goto tr393;
	} else if ( (*p) > 151u ) {
		if ( (*p) < 159u ) {
			if ( 156u <= (*p) && (*p) <= 157u )
				goto tr393;
		} else if ( (*p) > 163u ) {
			if ( 166u <= (*p) && (*p) <= 175u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st423:
	if ( ++p == pe )
		goto _test_eof423;
case 423:
	if ( (*p) == 156u )
		goto tr393;
	if ( (*p) < 153u ) {
		if ( (*p) < 133u ) {
			if ( 130u <= (*p) && (*p) <= 131u )
				goto tr393;
		} else if ( (*p) > 138u ) {
			if ( (*p) > 144u ) {
				if ( 146u <= (*p) && (*p) <= 149u )
					goto tr393;
			} else if ( (*p) >= 142u )
				goto tr393;
		} else
			goto tr393;
	} else if ( (*p) > 154u ) {
		if ( (*p) < 168u ) {
			if ( (*p) > 159u ) {
				if ( 163u <= (*p) && (*p) <= 164u )
					goto tr393;
			} else if ( (*p) >= 158u )
				goto tr393;
		} else if ( (*p) > 170u ) {
			if ( (*p) > 185u ) {
				if ( 190u <= (*p) && (*p) <= 191u )
					goto tr393;
			} else if ( (*p) >= 174u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st424:
	if ( ++p == pe )
		goto _test_eof424;
case 424:
	switch( (*p) ) {
		case 144u: goto tr393;
		case 151u: goto tr393;
	}
	if ( (*p) < 134u ) {
		if ( 128u <= (*p) && (*p) <= 130u )
			goto tr393;
	} else if ( (*p) > 136u ) {
		if ( (*p) > 141u ) {
			if ( 166u <= (*p) && (*p) <= 175u )
				goto tr393;
		} else if ( (*p) >= 138u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st425:
	if ( ++p == pe )
		goto _test_eof425;
case 425:
	if ( (*p) < 142u ) {
		if ( (*p) > 131u ) {
			if ( 133u <= (*p) && (*p) <= 140u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 144u ) {
		if ( (*p) < 170u ) {
			if ( 146u <= (*p) && (*p) <= 168u )
				goto tr393;
		} else if ( (*p) > 185u ) {
			if ( 189u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st426:
	if ( ++p == pe )
		goto _test_eof426;
case 426:
	if ( (*p) < 149u ) {
		if ( (*p) < 134u ) {
			if ( 128u <= (*p) && (*p) <= 132u )
				goto tr393;
		} else if ( (*p) > 136u ) {
			if ( 138u <= (*p) && (*p) <= 141u )
				goto tr393;
		} else
			goto tr393;
	} else if ( (*p) > 150u ) {
		if ( (*p) < 160u ) {
			if ( 152u <= (*p) && (*p) <= 154u )
				goto tr393;
		} else if ( (*p) > 163u ) {
			if ( 166u <= (*p) && (*p) <= 175u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st427:
	if ( ++p == pe )
		goto _test_eof427;
case 427:
	if ( (*p) < 146u ) {
		if ( (*p) < 133u ) {
			if ( 128u <= (*p) && (*p) <= 131u )
				goto tr393;
		} else if ( (*p) > 140u ) {
			if ( 142u <= (*p) && (*p) <= 144u )
				goto tr393;
		} else
			goto tr393;
	} else if ( (*p) > 168u ) {
		if ( (*p) < 181u ) {
			if ( 170u <= (*p) && (*p) <= 179u )
				goto tr393;
		} else if ( (*p) > 185u ) {
			if ( 188u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st428:
	if ( ++p == pe )
		goto _test_eof428;
case 428:
	if ( (*p) == 158u )
		goto tr393;
	if ( (*p) < 149u ) {
		if ( (*p) < 134u ) {
			if ( 128u <= (*p) && (*p) <= 132u )
				goto tr393;
		} else if ( (*p) > 136u ) {
			if ( 138u <= (*p) && (*p) <= 141u )
				goto tr393;
		} else
			goto tr393;
	} else if ( (*p) > 150u ) {
		if ( (*p) < 166u ) {
			if ( 160u <= (*p) && (*p) <= 163u )
				goto tr393;
		} else if ( (*p) > 175u ) {
			if ( 177u <= (*p) && (*p) <= 178u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st429:
	if ( ++p == pe )
		goto _test_eof429;
case 429:
	if ( (*p) < 142u ) {
		if ( (*p) > 131u ) {
			if ( 133u <= (*p) && (*p) <= 140u )
				goto tr393;
		} else if ( (*p) >= 129u )
			goto tr393;
	} else if ( (*p) > 144u ) {
		if ( (*p) > 186u ) {
			if ( 189u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 146u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st430:
	if ( ++p == pe )
		goto _test_eof430;
case 430:
	if ( (*p) < 148u ) {
		if ( (*p) < 134u ) {
			if ( 128u <= (*p) && (*p) <= 132u )
				goto tr393;
		} else if ( (*p) > 136u ) {
			if ( 138u <= (*p) && (*p) <= 142u )
				goto tr393;
		} else
			goto tr393;
	} else if ( (*p) > 151u ) {
		if ( (*p) < 166u ) {
			if ( 159u <= (*p) && (*p) <= 163u )
				goto tr393;
		} else if ( (*p) > 175u ) {
			if ( 186u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st431:
	if ( ++p == pe )
		goto _test_eof431;
case 431:
	if ( (*p) == 189u )
		goto tr393;
	if ( (*p) < 133u ) {
		if ( 130u <= (*p) && (*p) <= 131u )
			goto tr393;
	} else if ( (*p) > 150u ) {
		if ( (*p) > 177u ) {
			if ( 179u <= (*p) && (*p) <= 187u )
				goto tr393;
		} else if ( (*p) >= 154u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st432:
	if ( ++p == pe )
		goto _test_eof432;
case 432:
	switch( (*p) ) {
		case 138u: goto tr393;
		case 150u: goto tr393;
	}
	if ( (*p) < 152u ) {
		if ( (*p) > 134u ) {
			if ( 143u <= (*p) && (*p) <= 148u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( (*p) > 175u ) {
			if ( 178u <= (*p) && (*p) <= 179u )
				goto tr393;
		} else if ( (*p) >= 166u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st433:
	if ( ++p == pe )
		goto _test_eof433;
case 433:
	if ( 129u <= (*p) && (*p) <= 186u )
		goto tr393;
	goto tr392;
st434:
	if ( ++p == pe )
		goto _test_eof434;
case 434:
	if ( (*p) > 142u ) {
		if ( 144u <= (*p) && (*p) <= 153u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st435:
	if ( ++p == pe )
		goto _test_eof435;
case 435:
	switch( (*p) ) {
		case 132u: goto tr393;
		case 138u: goto tr393;
		case 141u: goto tr393;
		case 165u: goto tr393;
		case 167u: goto tr393;
	}
	if ( (*p) < 153u ) {
		if ( (*p) < 135u ) {
			if ( 129u <= (*p) && (*p) <= 130u )
				goto tr393;
		} else if ( (*p) > 136u ) {
			if ( 148u <= (*p) && (*p) <= 151u )
				goto tr393;
		} else
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( (*p) < 170u ) {
			if ( 161u <= (*p) && (*p) <= 163u )
				goto tr393;
		} else if ( (*p) > 171u ) {
			if ( (*p) > 185u ) {
				if ( 187u <= (*p) && (*p) <= 189u )
					goto tr393;
			} else if ( (*p) >= 173u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st436:
	if ( ++p == pe )
		goto _test_eof436;
case 436:
	if ( (*p) == 134u )
		goto tr393;
	if ( (*p) < 136u ) {
		if ( 128u <= (*p) && (*p) <= 132u )
			goto tr393;
	} else if ( (*p) > 141u ) {
		if ( (*p) > 153u ) {
			if ( 156u <= (*p) && (*p) <= 159u )
				goto tr393;
		} else if ( (*p) >= 144u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st437:
	if ( ++p == pe )
		goto _test_eof437;
case 437:
	switch( (*p) ) {
		case 128u: goto tr393;
		case 181u: goto tr393;
		case 183u: goto tr393;
		case 185u: goto tr393;
	}
	if ( (*p) < 160u ) {
		if ( 152u <= (*p) && (*p) <= 153u )
			goto tr393;
	} else if ( (*p) > 169u ) {
		if ( 190u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st438:
	if ( ++p == pe )
		goto _test_eof438;
case 438:
	if ( (*p) < 137u ) {
		if ( 128u <= (*p) && (*p) <= 135u )
			goto tr393;
	} else if ( (*p) > 172u ) {
		if ( 177u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st439:
	if ( ++p == pe )
		goto _test_eof439;
case 439:
	if ( (*p) < 134u ) {
		if ( 128u <= (*p) && (*p) <= 132u )
			goto tr393;
	} else if ( (*p) > 151u ) {
		if ( 153u <= (*p) && (*p) <= 188u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st440:
	if ( ++p == pe )
		goto _test_eof440;
case 440:
	if ( (*p) == 134u )
		goto tr393;
	goto tr392;
st441:
	if ( ++p == pe )
		goto _test_eof441;
case 441:
	switch( (*p) ) {
		case 129u: goto st442;
		case 130u: goto st443;
		case 131u: goto st444;
		case 137u: goto st445;
		case 138u: goto st446;
		case 139u: goto st447;
		case 140u: goto st448;
		case 141u: goto st449;
		case 142u: goto st450;
		case 143u: goto st451;
		case 144u: goto st452;
		case 153u: goto st453;
		case 154u: goto st454;
		case 155u: goto st455;
		case 156u: goto st456;
		case 157u: goto st457;
		case 159u: goto st458;
		case 160u: goto st459;
		case 161u: goto st460;
		case 162u: goto st461;
		case 163u: goto st462;
		case 164u: goto st463;
		case 165u: goto st464;
		case 166u: goto st465;
		case 167u: goto st466;
		case 168u: goto st467;
		case 169u: goto st468;
		case 170u: goto st469;
		case 173u: goto st470;
		case 175u: goto st471;
		case 176u: goto st460;
		case 177u: goto st472;
		case 178u: goto st473;
		case 179u: goto st474;
		case 183u: goto st475;
		case 188u: goto st476;
		case 189u: goto st477;
		case 190u: goto st478;
		case 191u: goto st479;
	}
	if ( (*p) > 158u ) {
		if ( 172u <= (*p) && (*p) <= 187u )
			goto st392;
	} else if ( (*p) >= 128u )
		goto st392;
	goto tr392;
st442:
	if ( ++p == pe )
		goto _test_eof442;
case 442:
	if ( (*p) > 137u ) {
		if ( 144u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st443:
	if ( ++p == pe )
		goto _test_eof443;
case 443:
	if ( (*p) > 157u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st444:
	if ( ++p == pe )
		goto _test_eof444;
case 444:
	switch( (*p) ) {
		case 135u: goto tr393;
		case 141u: goto tr393;
	}
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 133u )
			goto tr393;
	} else if ( (*p) > 186u ) {
		if ( 188u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st445:
	if ( ++p == pe )
		goto _test_eof445;
case 445:
	if ( (*p) == 152u )
		goto tr393;
	if ( (*p) < 144u ) {
		if ( (*p) > 136u ) {
			if ( 138u <= (*p) && (*p) <= 141u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 150u ) {
		if ( (*p) > 157u ) {
			if ( 160u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 154u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st446:
	if ( ++p == pe )
		goto _test_eof446;
case 446:
	if ( (*p) < 144u ) {
		if ( (*p) > 136u ) {
			if ( 138u <= (*p) && (*p) <= 141u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 176u ) {
		if ( (*p) > 181u ) {
			if ( 184u <= (*p) && (*p) <= 190u )
				goto tr393;
		} else if ( (*p) >= 178u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st447:
	if ( ++p == pe )
		goto _test_eof447;
case 447:
	if ( (*p) == 128u )
		goto tr393;
	if ( (*p) < 136u ) {
		if ( 130u <= (*p) && (*p) <= 133u )
			goto tr393;
	} else if ( (*p) > 150u ) {
		if ( 152u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st448:
	if ( ++p == pe )
		goto _test_eof448;
case 448:
	if ( (*p) < 146u ) {
		if ( 128u <= (*p) && (*p) <= 144u )
			goto tr393;
	} else if ( (*p) > 149u ) {
		if ( 152u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st449:
	if ( ++p == pe )
		goto _test_eof449;
case 449:
	if ( (*p) < 157u ) {
		if ( 128u <= (*p) && (*p) <= 154u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( 169u <= (*p) && (*p) <= 177u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st450:
	if ( ++p == pe )
		goto _test_eof450;
case 450:
	if ( (*p) > 143u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st451:
	if ( ++p == pe )
		goto _test_eof451;
case 451:
	if ( (*p) > 181u ) {
		if ( 184u <= (*p) && (*p) <= 189u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st452:
	if ( ++p == pe )
		goto _test_eof452;
case 452:
	if ( 129u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr392;
st453:
	if ( ++p == pe )
		goto _test_eof453;
case 453:
	if ( (*p) > 172u ) {
		if ( 175u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st454:
	if ( ++p == pe )
		goto _test_eof454;
case 454:
	if ( (*p) > 154u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 129u )
		goto tr393;
	goto tr392;
st455:
	if ( ++p == pe )
		goto _test_eof455;
case 455:
	if ( (*p) > 170u ) {
		if ( 174u <= (*p) && (*p) <= 184u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st456:
	if ( ++p == pe )
		goto _test_eof456;
case 456:
	if ( (*p) < 142u ) {
		if ( 128u <= (*p) && (*p) <= 140u )
			goto tr393;
	} else if ( (*p) > 148u ) {
		if ( 160u <= (*p) && (*p) <= 180u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st457:
	if ( ++p == pe )
		goto _test_eof457;
case 457:
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 147u )
			goto tr393;
	} else if ( (*p) > 172u ) {
		if ( (*p) > 176u ) {
			if ( 178u <= (*p) && (*p) <= 179u )
				goto tr393;
		} else if ( (*p) >= 174u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st458:
	if ( ++p == pe )
		goto _test_eof458;
case 458:
	if ( (*p) == 151u )
		goto tr393;
	if ( (*p) < 156u ) {
		if ( 128u <= (*p) && (*p) <= 147u )
			goto tr393;
	} else if ( (*p) > 157u ) {
		if ( 160u <= (*p) && (*p) <= 169u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st459:
	if ( ++p == pe )
		goto _test_eof459;
case 459:
	if ( (*p) < 144u ) {
		if ( 139u <= (*p) && (*p) <= 141u )
			goto tr393;
	} else if ( (*p) > 153u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st460:
	if ( ++p == pe )
		goto _test_eof460;
case 460:
	if ( 128u <= (*p) && (*p) <= 183u )
		goto tr393;
	goto tr392;
st461:
	if ( ++p == pe )
		goto _test_eof461;
case 461:
	if ( (*p) > 170u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st462:
	if ( ++p == pe )
		goto _test_eof462;
case 462:
	if ( 128u <= (*p) && (*p) <= 181u )
		goto tr393;
	goto tr392;
st463:
	if ( ++p == pe )
		goto _test_eof463;
case 463:
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 158u )
			goto tr393;
	} else if ( (*p) > 171u ) {
		if ( 176u <= (*p) && (*p) <= 187u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st464:
	if ( ++p == pe )
		goto _test_eof464;
case 464:
	if ( (*p) > 173u ) {
		if ( 176u <= (*p) && (*p) <= 180u )
			goto tr393;
	} else if ( (*p) >= 134u )
		goto tr393;
	goto tr392;
st465:
	if ( ++p == pe )
		goto _test_eof465;
case 465:
	if ( (*p) > 171u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st466:
	if ( ++p == pe )
		goto _test_eof466;
case 466:
	if ( (*p) > 137u ) {
		if ( 144u <= (*p) && (*p) <= 154u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st467:
	if ( ++p == pe )
		goto _test_eof467;
case 467:
	if ( (*p) > 155u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st468:
	if ( ++p == pe )
		goto _test_eof468;
case 468:
	if ( (*p) == 191u )
		goto tr393;
	if ( (*p) > 158u ) {
		if ( 160u <= (*p) && (*p) <= 188u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st469:
	if ( ++p == pe )
		goto _test_eof469;
case 469:
	if ( (*p) == 167u )
		goto tr393;
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 137u )
			goto tr393;
	} else if ( (*p) > 153u ) {
		if ( 176u <= (*p) && (*p) <= 189u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st470:
	if ( ++p == pe )
		goto _test_eof470;
case 470:
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 139u )
			goto tr393;
	} else if ( (*p) > 153u ) {
		if ( 171u <= (*p) && (*p) <= 179u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st471:
	if ( ++p == pe )
		goto _test_eof471;
case 471:
	if ( 128u <= (*p) && (*p) <= 179u )
		goto tr393;
	goto tr392;
st472:
	if ( ++p == pe )
		goto _test_eof472;
case 472:
	if ( (*p) > 137u ) {
		if ( 141u <= (*p) && (*p) <= 189u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st473:
	if ( ++p == pe )
		goto _test_eof473;
case 473:
	if ( 128u <= (*p) && (*p) <= 136u )
		goto tr393;
	goto tr392;
st474:
	if ( ++p == pe )
		goto _test_eof474;
case 474:
	if ( (*p) < 148u ) {
		if ( 144u <= (*p) && (*p) <= 146u )
			goto tr393;
	} else if ( (*p) > 182u ) {
		if ( 184u <= (*p) && (*p) <= 185u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st475:
	if ( ++p == pe )
		goto _test_eof475;
case 475:
	if ( (*p) > 181u ) {
		if ( 187u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st476:
	if ( ++p == pe )
		goto _test_eof476;
case 476:
	if ( (*p) < 152u ) {
		if ( 128u <= (*p) && (*p) <= 149u )
			goto tr393;
	} else if ( (*p) > 157u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st477:
	if ( ++p == pe )
		goto _test_eof477;
case 477:
	switch( (*p) ) {
		case 153u: goto tr393;
		case 155u: goto tr393;
		case 157u: goto tr393;
	}
	if ( (*p) < 136u ) {
		if ( 128u <= (*p) && (*p) <= 133u )
			goto tr393;
	} else if ( (*p) > 141u ) {
		if ( (*p) > 151u ) {
			if ( 159u <= (*p) && (*p) <= 189u )
				goto tr393;
		} else if ( (*p) >= 144u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st478:
	if ( ++p == pe )
		goto _test_eof478;
case 478:
	if ( (*p) == 190u )
		goto tr393;
	if ( (*p) > 180u ) {
		if ( 182u <= (*p) && (*p) <= 188u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st479:
	if ( ++p == pe )
		goto _test_eof479;
case 479:
	if ( (*p) < 150u ) {
		if ( (*p) < 134u ) {
			if ( 130u <= (*p) && (*p) <= 132u )
				goto tr393;
		} else if ( (*p) > 140u ) {
			if ( 144u <= (*p) && (*p) <= 147u )
				goto tr393;
		} else
			goto tr393;
	} else if ( (*p) > 155u ) {
		if ( (*p) < 178u ) {
			if ( 160u <= (*p) && (*p) <= 172u )
				goto tr393;
		} else if ( (*p) > 180u ) {
			if ( 182u <= (*p) && (*p) <= 188u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st480:
	if ( ++p == pe )
		goto _test_eof480;
case 480:
	switch( (*p) ) {
		case 128u: goto st481;
		case 129u: goto st482;
		case 130u: goto st483;
		case 131u: goto st484;
		case 132u: goto st485;
		case 133u: goto st486;
		case 134u: goto st473;
		case 176u: goto st487;
		case 177u: goto st488;
		case 178u: goto st392;
		case 179u: goto st489;
		case 180u: goto st490;
		case 181u: goto st491;
		case 182u: goto st492;
		case 183u: goto st493;
	}
	goto tr392;
st481:
	if ( ++p == pe )
		goto _test_eof481;
case 481:
	if ( (*p) == 191u )
		goto tr393;
	goto tr392;
st482:
	if ( ++p == pe )
		goto _test_eof482;
case 482:
	switch( (*p) ) {
		case 128u: goto tr393;
		case 148u: goto tr393;
		case 177u: goto tr393;
		case 191u: goto tr393;
	}
	goto tr392;
st483:
	if ( ++p == pe )
		goto _test_eof483;
case 483:
	if ( 144u <= (*p) && (*p) <= 156u )
		goto tr393;
	goto tr392;
st484:
	if ( ++p == pe )
		goto _test_eof484;
case 484:
	if ( (*p) == 161u )
		goto tr393;
	if ( (*p) > 156u ) {
		if ( 165u <= (*p) && (*p) <= 176u )
			goto tr393;
	} else if ( (*p) >= 144u )
		goto tr393;
	goto tr392;
st485:
	if ( ++p == pe )
		goto _test_eof485;
case 485:
	switch( (*p) ) {
		case 130u: goto tr393;
		case 135u: goto tr393;
		case 149u: goto tr393;
		case 164u: goto tr393;
		case 166u: goto tr393;
		case 168u: goto tr393;
	}
	if ( (*p) < 152u ) {
		if ( 138u <= (*p) && (*p) <= 147u )
			goto tr393;
	} else if ( (*p) > 157u ) {
		if ( (*p) > 185u ) {
			if ( 188u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 170u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st486:
	if ( ++p == pe )
		goto _test_eof486;
case 486:
	if ( (*p) == 142u )
		goto tr393;
	if ( (*p) > 137u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 133u )
		goto tr393;
	goto tr392;
st487:
	if ( ++p == pe )
		goto _test_eof487;
case 487:
	if ( (*p) > 174u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st488:
	if ( ++p == pe )
		goto _test_eof488;
case 488:
	if ( (*p) > 158u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st489:
	if ( ++p == pe )
		goto _test_eof489;
case 489:
	if ( (*p) > 164u ) {
		if ( 171u <= (*p) && (*p) <= 179u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st490:
	if ( ++p == pe )
		goto _test_eof490;
case 490:
	switch( (*p) ) {
		case 167u: goto tr393;
		case 173u: goto tr393;
	}
	if ( (*p) > 165u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st491:
	if ( ++p == pe )
		goto _test_eof491;
case 491:
	switch( (*p) ) {
		case 175u: goto tr393;
		case 191u: goto tr393;
	}
	if ( 128u <= (*p) && (*p) <= 167u )
		goto tr393;
	goto tr392;
st492:
	if ( ++p == pe )
		goto _test_eof492;
case 492:
	if ( (*p) < 168u ) {
		if ( (*p) > 150u ) {
			if ( 160u <= (*p) && (*p) <= 166u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 174u ) {
		if ( (*p) > 182u ) {
			if ( 184u <= (*p) && (*p) <= 190u )
				goto tr393;
		} else if ( (*p) >= 176u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st493:
	if ( ++p == pe )
		goto _test_eof493;
case 493:
	if ( (*p) < 144u ) {
		if ( (*p) > 134u ) {
			if ( 136u <= (*p) && (*p) <= 142u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 150u ) {
		if ( (*p) > 158u ) {
			if ( 160u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 152u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st494:
	if ( ++p == pe )
		goto _test_eof494;
case 494:
	switch( (*p) ) {
		case 128u: goto st495;
		case 129u: goto st452;
		case 130u: goto st496;
		case 131u: goto st497;
		case 132u: goto st498;
		case 133u: goto st392;
		case 134u: goto st499;
		case 135u: goto st500;
	}
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st392;
	goto tr392;
st495:
	if ( ++p == pe )
		goto _test_eof495;
case 495:
	if ( (*p) < 161u ) {
		if ( 133u <= (*p) && (*p) <= 135u )
			goto tr393;
	} else if ( (*p) > 175u ) {
		if ( (*p) > 181u ) {
			if ( 184u <= (*p) && (*p) <= 188u )
				goto tr393;
		} else if ( (*p) >= 177u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st496:
	if ( ++p == pe )
		goto _test_eof496;
case 496:
	if ( (*p) < 153u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( 161u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st497:
	if ( ++p == pe )
		goto _test_eof497;
case 497:
	if ( (*p) > 186u ) {
		if ( 188u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st498:
	if ( ++p == pe )
		goto _test_eof498;
case 498:
	if ( (*p) > 173u ) {
		if ( 177u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 133u )
		goto tr393;
	goto tr392;
st499:
	if ( ++p == pe )
		goto _test_eof499;
case 499:
	if ( (*p) > 142u ) {
		if ( 160u <= (*p) && (*p) <= 186u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st500:
	if ( ++p == pe )
		goto _test_eof500;
case 500:
	if ( 176u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr392;
st501:
	if ( ++p == pe )
		goto _test_eof501;
case 501:
	if ( (*p) == 182u )
		goto st462;
	if ( (*p) > 181u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto st392;
	} else if ( (*p) >= 128u )
		goto st392;
	goto tr392;
st502:
	if ( ++p == pe )
		goto _test_eof502;
case 502:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st392;
	goto tr392;
st503:
	if ( ++p == pe )
		goto _test_eof503;
case 503:
	if ( (*p) == 191u )
		goto st504;
	if ( 128u <= (*p) && (*p) <= 190u )
		goto st392;
	goto tr392;
st504:
	if ( ++p == pe )
		goto _test_eof504;
case 504:
	if ( 128u <= (*p) && (*p) <= 149u )
		goto tr393;
	goto tr392;
st505:
	if ( ++p == pe )
		goto _test_eof505;
case 505:
	switch( (*p) ) {
		case 146u: goto st506;
		case 147u: goto st507;
		case 152u: goto st508;
		case 153u: goto st509;
		case 155u: goto st407;
		case 156u: goto st510;
		case 158u: goto st511;
		case 159u: goto st512;
		case 160u: goto st513;
		case 161u: goto st471;
		case 163u: goto st514;
		case 164u: goto st515;
		case 165u: goto st516;
		case 167u: goto st517;
		case 168u: goto st518;
		case 169u: goto st519;
		case 171u: goto st520;
		case 172u: goto st521;
		case 173u: goto st522;
		case 175u: goto st523;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st392;
	goto tr392;
st506:
	if ( ++p == pe )
		goto _test_eof506;
case 506:
	if ( 128u <= (*p) && (*p) <= 140u )
		goto tr393;
	goto tr392;
st507:
	if ( ++p == pe )
		goto _test_eof507;
case 507:
	if ( 144u <= (*p) && (*p) <= 189u )
		goto tr393;
	goto tr392;
st508:
	if ( ++p == pe )
		goto _test_eof508;
case 508:
	if ( (*p) > 140u ) {
		if ( 144u <= (*p) && (*p) <= 171u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st509:
	if ( ++p == pe )
		goto _test_eof509;
case 509:
	if ( (*p) == 191u )
		goto tr393;
	if ( (*p) > 175u ) {
		if ( 180u <= (*p) && (*p) <= 189u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st510:
	if ( ++p == pe )
		goto _test_eof510;
case 510:
	if ( (*p) > 159u ) {
		if ( 162u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 151u )
		goto tr393;
	goto tr392;
st511:
	if ( ++p == pe )
		goto _test_eof511;
case 511:
	if ( (*p) < 139u ) {
		if ( 128u <= (*p) && (*p) <= 136u )
			goto tr393;
	} else if ( (*p) > 174u ) {
		if ( 176u <= (*p) && (*p) <= 183u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st512:
	if ( ++p == pe )
		goto _test_eof512;
case 512:
	if ( 183u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr392;
st513:
	if ( ++p == pe )
		goto _test_eof513;
case 513:
	if ( 128u <= (*p) && (*p) <= 167u )
		goto tr393;
	goto tr392;
st514:
	if ( ++p == pe )
		goto _test_eof514;
case 514:
	switch( (*p) ) {
		case 187u: goto tr393;
		case 189u: goto tr393;
	}
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 133u )
			goto tr393;
	} else if ( (*p) > 153u ) {
		if ( 160u <= (*p) && (*p) <= 183u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st515:
	if ( ++p == pe )
		goto _test_eof515;
case 515:
	if ( (*p) > 173u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st516:
	if ( ++p == pe )
		goto _test_eof516;
case 516:
	if ( (*p) > 147u ) {
		if ( 160u <= (*p) && (*p) <= 188u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st517:
	if ( ++p == pe )
		goto _test_eof517;
case 517:
	if ( (*p) == 128u )
		goto tr393;
	if ( (*p) > 153u ) {
		if ( 160u <= (*p) && (*p) <= 190u )
			goto tr393;
	} else if ( (*p) >= 143u )
		goto tr393;
	goto tr392;
st518:
	if ( ++p == pe )
		goto _test_eof518;
case 518:
	if ( 128u <= (*p) && (*p) <= 182u )
		goto tr393;
	goto tr392;
st519:
	if ( ++p == pe )
		goto _test_eof519;
case 519:
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 141u )
			goto tr393;
	} else if ( (*p) > 153u ) {
		if ( (*p) > 182u ) {
			if ( 186u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 160u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st520:
	if ( ++p == pe )
		goto _test_eof520;
case 520:
	if ( (*p) < 155u ) {
		if ( 128u <= (*p) && (*p) <= 130u )
			goto tr393;
	} else if ( (*p) > 157u ) {
		if ( (*p) > 175u ) {
			if ( 178u <= (*p) && (*p) <= 182u )
				goto tr393;
		} else if ( (*p) >= 160u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st521:
	if ( ++p == pe )
		goto _test_eof521;
case 521:
	if ( (*p) < 145u ) {
		if ( (*p) > 134u ) {
			if ( 137u <= (*p) && (*p) <= 142u )
				goto tr393;
		} else if ( (*p) >= 129u )
			goto tr393;
	} else if ( (*p) > 150u ) {
		if ( (*p) < 168u ) {
			if ( 160u <= (*p) && (*p) <= 166u )
				goto tr393;
		} else if ( (*p) > 174u ) {
			if ( 176u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st522:
	if ( ++p == pe )
		goto _test_eof522;
case 522:
	if ( (*p) < 156u ) {
		if ( 128u <= (*p) && (*p) <= 154u )
			goto tr393;
	} else if ( (*p) > 165u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st523:
	if ( ++p == pe )
		goto _test_eof523;
case 523:
	if ( (*p) < 172u ) {
		if ( 128u <= (*p) && (*p) <= 170u )
			goto tr393;
	} else if ( (*p) > 173u ) {
		if ( 176u <= (*p) && (*p) <= 185u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st524:
	if ( ++p == pe )
		goto _test_eof524;
case 524:
	switch( (*p) ) {
		case 158u: goto st525;
		case 159u: goto st526;
	}
	if ( 128u <= (*p) && (*p) <= 157u )
		goto st392;
	goto tr392;
st525:
	if ( ++p == pe )
		goto _test_eof525;
case 525:
	if ( (*p) > 163u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st526:
	if ( ++p == pe )
		goto _test_eof526;
case 526:
	if ( (*p) > 134u ) {
		if ( 139u <= (*p) && (*p) <= 187u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st527:
	if ( ++p == pe )
		goto _test_eof527;
case 527:
	switch( (*p) ) {
		case 169u: goto st515;
		case 171u: goto st528;
		case 172u: goto st529;
		case 173u: goto st530;
		case 174u: goto st407;
		case 175u: goto st531;
		case 180u: goto st532;
		case 181u: goto st405;
		case 182u: goto st533;
		case 183u: goto st534;
		case 184u: goto st535;
		case 185u: goto st536;
		case 187u: goto st537;
		case 188u: goto st538;
		case 189u: goto st539;
		case 190u: goto st540;
		case 191u: goto st541;
	}
	if ( 164u <= (*p) && (*p) <= 186u )
		goto st392;
	goto tr392;
st528:
	if ( ++p == pe )
		goto _test_eof528;
case 528:
	if ( 128u <= (*p) && (*p) <= 153u )
		goto tr393;
	goto tr392;
st529:
	if ( ++p == pe )
		goto _test_eof529;
case 529:
	if ( (*p) == 190u )
		goto tr393;
	if ( (*p) < 157u ) {
		if ( (*p) > 134u ) {
			if ( 147u <= (*p) && (*p) <= 151u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 168u ) {
		if ( (*p) > 182u ) {
			if ( 184u <= (*p) && (*p) <= 188u )
				goto tr393;
		} else if ( (*p) >= 170u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st530:
	if ( ++p == pe )
		goto _test_eof530;
case 530:
	if ( (*p) < 131u ) {
		if ( 128u <= (*p) && (*p) <= 129u )
			goto tr393;
	} else if ( (*p) > 132u ) {
		if ( 134u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st531:
	if ( ++p == pe )
		goto _test_eof531;
case 531:
	if ( 147u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr392;
st532:
	if ( ++p == pe )
		goto _test_eof532;
case 532:
	if ( 128u <= (*p) && (*p) <= 189u )
		goto tr393;
	goto tr392;
st533:
	if ( ++p == pe )
		goto _test_eof533;
case 533:
	if ( (*p) > 143u ) {
		if ( 146u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st534:
	if ( ++p == pe )
		goto _test_eof534;
case 534:
	if ( (*p) > 135u ) {
		if ( 176u <= (*p) && (*p) <= 187u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st535:
	if ( ++p == pe )
		goto _test_eof535;
case 535:
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 143u )
			goto tr393;
	} else if ( (*p) > 175u ) {
		if ( 179u <= (*p) && (*p) <= 180u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st536:
	if ( ++p == pe )
		goto _test_eof536;
case 536:
	if ( (*p) < 176u ) {
		if ( 141u <= (*p) && (*p) <= 143u )
			goto tr393;
	} else if ( (*p) > 180u ) {
		if ( 182u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st537:
	if ( ++p == pe )
		goto _test_eof537;
case 537:
	if ( 128u <= (*p) && (*p) <= 188u )
		goto tr393;
	goto tr392;
st538:
	if ( ++p == pe )
		goto _test_eof538;
case 538:
	if ( (*p) == 191u )
		goto tr393;
	if ( (*p) > 153u ) {
		if ( 161u <= (*p) && (*p) <= 186u )
			goto tr393;
	} else if ( (*p) >= 144u )
		goto tr393;
	goto tr392;
st539:
	if ( ++p == pe )
		goto _test_eof539;
case 539:
	if ( (*p) > 154u ) {
		if ( 166u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 129u )
		goto tr393;
	goto tr392;
st540:
	if ( ++p == pe )
		goto _test_eof540;
case 540:
	if ( 128u <= (*p) && (*p) <= 190u )
		goto tr393;
	goto tr392;
st541:
	if ( ++p == pe )
		goto _test_eof541;
case 541:
	if ( (*p) < 138u ) {
		if ( 130u <= (*p) && (*p) <= 135u )
			goto tr393;
	} else if ( (*p) > 143u ) {
		if ( (*p) > 151u ) {
			if ( 154u <= (*p) && (*p) <= 156u )
				goto tr393;
		} else if ( (*p) >= 146u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st542:
	if ( ++p == pe )
		goto _test_eof542;
case 542:
	switch( (*p) ) {
		case 144u: goto st543;
		case 145u: goto st572;
		case 146u: goto st596;
		case 147u: goto st599;
		case 148u: goto st600;
		case 150u: goto st602;
		case 151u: goto st502;
		case 152u: goto st610;
		case 155u: goto st612;
		case 157u: goto st616;
		case 158u: goto st634;
		case 170u: goto st640;
		case 171u: goto st642;
		case 172u: goto st643;
		case 175u: goto st645;
	}
	if ( 160u <= (*p) && (*p) <= 169u )
		goto st502;
	goto tr392;
st543:
	if ( ++p == pe )
		goto _test_eof543;
case 543:
	switch( (*p) ) {
		case 128u: goto st544;
		case 129u: goto st545;
		case 130u: goto st392;
		case 131u: goto st546;
		case 133u: goto st547;
		case 135u: goto st548;
		case 138u: goto st549;
		case 139u: goto st550;
		case 140u: goto st551;
		case 141u: goto st552;
		case 142u: goto st443;
		case 143u: goto st553;
		case 146u: goto st554;
		case 147u: goto st555;
		case 148u: goto st556;
		case 149u: goto st557;
		case 156u: goto st518;
		case 157u: goto st558;
		case 160u: goto st559;
		case 161u: goto st560;
		case 162u: goto st561;
		case 163u: goto st562;
		case 164u: goto st563;
		case 166u: goto st564;
		case 168u: goto st565;
		case 169u: goto st566;
		case 170u: goto st567;
		case 171u: goto st568;
		case 172u: goto st462;
		case 173u: goto st569;
		case 174u: goto st570;
		case 176u: goto st392;
		case 177u: goto st473;
	}
	if ( (*p) < 152u ) {
		if ( 144u <= (*p) && (*p) <= 145u )
			goto st392;
	} else if ( (*p) > 155u ) {
		if ( 178u <= (*p) && (*p) <= 179u )
			goto st571;
	} else
		goto st392;
	goto tr392;
st544:
	if ( ++p == pe )
		goto _test_eof544;
case 544:
	if ( (*p) == 191u )
		goto tr393;
	if ( (*p) < 141u ) {
		if ( 128u <= (*p) && (*p) <= 139u )
			goto tr393;
	} else if ( (*p) > 166u ) {
		if ( (*p) > 186u ) {
			if ( 188u <= (*p) && (*p) <= 189u )
				goto tr393;
		} else if ( (*p) >= 168u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st545:
	if ( ++p == pe )
		goto _test_eof545;
case 545:
	if ( (*p) > 141u ) {
		if ( 144u <= (*p) && (*p) <= 157u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st546:
	if ( ++p == pe )
		goto _test_eof546;
case 546:
	if ( 128u <= (*p) && (*p) <= 186u )
		goto tr393;
	goto tr392;
st547:
	if ( ++p == pe )
		goto _test_eof547;
case 547:
	if ( 128u <= (*p) && (*p) <= 180u )
		goto tr393;
	goto tr392;
st548:
	if ( ++p == pe )
		goto _test_eof548;
case 548:
	if ( (*p) == 189u )
		goto tr393;
	goto tr392;
st549:
	if ( ++p == pe )
		goto _test_eof549;
case 549:
	if ( (*p) > 156u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st550:
	if ( ++p == pe )
		goto _test_eof550;
case 550:
	if ( (*p) == 160u )
		goto tr393;
	if ( 128u <= (*p) && (*p) <= 144u )
		goto tr393;
	goto tr392;
st551:
	if ( ++p == pe )
		goto _test_eof551;
case 551:
	if ( (*p) > 159u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st552:
	if ( ++p == pe )
		goto _test_eof552;
case 552:
	if ( (*p) > 138u ) {
		if ( 144u <= (*p) && (*p) <= 186u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st553:
	if ( ++p == pe )
		goto _test_eof553;
case 553:
	if ( (*p) < 136u ) {
		if ( 128u <= (*p) && (*p) <= 131u )
			goto tr393;
	} else if ( (*p) > 143u ) {
		if ( 145u <= (*p) && (*p) <= 149u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st554:
	if ( ++p == pe )
		goto _test_eof554;
case 554:
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 157u )
			goto tr393;
	} else if ( (*p) > 169u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st555:
	if ( ++p == pe )
		goto _test_eof555;
case 555:
	if ( (*p) > 147u ) {
		if ( 152u <= (*p) && (*p) <= 187u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st556:
	if ( ++p == pe )
		goto _test_eof556;
case 556:
	if ( (*p) > 167u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st557:
	if ( ++p == pe )
		goto _test_eof557;
case 557:
	if ( 128u <= (*p) && (*p) <= 163u )
		goto tr393;
	goto tr392;
st558:
	if ( ++p == pe )
		goto _test_eof558;
case 558:
	if ( (*p) > 149u ) {
		if ( 160u <= (*p) && (*p) <= 167u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st559:
	if ( ++p == pe )
		goto _test_eof559;
case 559:
	switch( (*p) ) {
		case 136u: goto tr393;
		case 188u: goto tr393;
		case 191u: goto tr393;
	}
	if ( (*p) < 138u ) {
		if ( 128u <= (*p) && (*p) <= 133u )
			goto tr393;
	} else if ( (*p) > 181u ) {
		if ( 183u <= (*p) && (*p) <= 184u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st560:
	if ( ++p == pe )
		goto _test_eof560;
case 560:
	if ( (*p) > 149u ) {
		if ( 160u <= (*p) && (*p) <= 182u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st561:
	if ( ++p == pe )
		goto _test_eof561;
case 561:
	if ( 128u <= (*p) && (*p) <= 158u )
		goto tr393;
	goto tr392;
st562:
	if ( ++p == pe )
		goto _test_eof562;
case 562:
	if ( (*p) > 178u ) {
		if ( 180u <= (*p) && (*p) <= 181u )
			goto tr393;
	} else if ( (*p) >= 160u )
		goto tr393;
	goto tr392;
st563:
	if ( ++p == pe )
		goto _test_eof563;
case 563:
	if ( (*p) > 149u ) {
		if ( 160u <= (*p) && (*p) <= 185u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st564:
	if ( ++p == pe )
		goto _test_eof564;
case 564:
	if ( (*p) > 183u ) {
		if ( 190u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st565:
	if ( ++p == pe )
		goto _test_eof565;
case 565:
	if ( (*p) == 191u )
		goto tr393;
	if ( (*p) < 140u ) {
		if ( (*p) > 131u ) {
			if ( 133u <= (*p) && (*p) <= 134u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 147u ) {
		if ( (*p) < 153u ) {
			if ( 149u <= (*p) && (*p) <= 151u )
				goto tr393;
		} else if ( (*p) > 179u ) {
			if ( 184u <= (*p) && (*p) <= 186u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st566:
	if ( ++p == pe )
		goto _test_eof566;
case 566:
	if ( 160u <= (*p) && (*p) <= 188u )
		goto tr393;
	goto tr392;
st567:
	if ( ++p == pe )
		goto _test_eof567;
case 567:
	if ( 128u <= (*p) && (*p) <= 156u )
		goto tr393;
	goto tr392;
st568:
	if ( ++p == pe )
		goto _test_eof568;
case 568:
	if ( (*p) > 135u ) {
		if ( 137u <= (*p) && (*p) <= 166u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st569:
	if ( ++p == pe )
		goto _test_eof569;
case 569:
	if ( (*p) > 149u ) {
		if ( 160u <= (*p) && (*p) <= 178u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st570:
	if ( ++p == pe )
		goto _test_eof570;
case 570:
	if ( 128u <= (*p) && (*p) <= 145u )
		goto tr393;
	goto tr392;
st571:
	if ( ++p == pe )
		goto _test_eof571;
case 571:
	if ( 128u <= (*p) && (*p) <= 178u )
		goto tr393;
	goto tr392;
st572:
	if ( ++p == pe )
		goto _test_eof572;
case 572:
	switch( (*p) ) {
		case 129u: goto st573;
		case 130u: goto st546;
		case 131u: goto st574;
		case 132u: goto st575;
		case 133u: goto st576;
		case 135u: goto st577;
		case 136u: goto st578;
		case 138u: goto st579;
		case 139u: goto st580;
		case 140u: goto st581;
		case 141u: goto st582;
		case 145u: goto st583;
		case 147u: goto st584;
		case 150u: goto st585;
		case 151u: goto st586;
		case 152u: goto st392;
		case 153u: goto st587;
		case 154u: goto st460;
		case 155u: goto st588;
		case 156u: goto st589;
		case 162u: goto st590;
		case 163u: goto st591;
		case 171u: goto st592;
		case 176u: goto st593;
		case 177u: goto st594;
		case 178u: goto st595;
	}
	if ( (*p) > 134u ) {
		if ( 144u <= (*p) && (*p) <= 146u )
			goto st392;
	} else if ( (*p) >= 128u )
		goto st392;
	goto tr392;
st573:
	if ( ++p == pe )
		goto _test_eof573;
case 573:
	if ( (*p) == 191u )
		goto tr393;
	if ( (*p) > 134u ) {
		if ( 166u <= (*p) && (*p) <= 175u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st574:
	if ( ++p == pe )
		goto _test_eof574;
case 574:
	if ( (*p) > 168u ) {
		if ( 176u <= (*p) && (*p) <= 185u )
			goto tr393;
	} else if ( (*p) >= 144u )
		goto tr393;
	goto tr392;
st575:
	if ( ++p == pe )
		goto _test_eof575;
case 575:
	if ( (*p) > 180u ) {
		if ( 182u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st576:
	if ( ++p == pe )
		goto _test_eof576;
case 576:
	if ( (*p) == 182u )
		goto tr393;
	if ( 144u <= (*p) && (*p) <= 179u )
		goto tr393;
	goto tr392;
st577:
	if ( ++p == pe )
		goto _test_eof577;
case 577:
	if ( (*p) == 156u )
		goto tr393;
	if ( (*p) < 137u ) {
		if ( 128u <= (*p) && (*p) <= 132u )
			goto tr393;
	} else if ( (*p) > 140u ) {
		if ( 144u <= (*p) && (*p) <= 154u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st578:
	if ( ++p == pe )
		goto _test_eof578;
case 578:
	if ( (*p) == 190u )
		goto tr393;
	if ( (*p) > 145u ) {
		if ( 147u <= (*p) && (*p) <= 183u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st579:
	if ( ++p == pe )
		goto _test_eof579;
case 579:
	if ( (*p) == 136u )
		goto tr393;
	if ( (*p) < 143u ) {
		if ( (*p) > 134u ) {
			if ( 138u <= (*p) && (*p) <= 141u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 157u ) {
		if ( (*p) > 168u ) {
			if ( 176u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 159u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st580:
	if ( ++p == pe )
		goto _test_eof580;
case 580:
	if ( (*p) > 170u ) {
		if ( 176u <= (*p) && (*p) <= 185u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st581:
	if ( ++p == pe )
		goto _test_eof581;
case 581:
	if ( (*p) < 147u ) {
		if ( (*p) < 133u ) {
			if ( 128u <= (*p) && (*p) <= 131u )
				goto tr393;
		} else if ( (*p) > 140u ) {
			if ( 143u <= (*p) && (*p) <= 144u )
				goto tr393;
		} else
			goto tr393;
	} else if ( (*p) > 168u ) {
		if ( (*p) < 178u ) {
			if ( 170u <= (*p) && (*p) <= 176u )
				goto tr393;
		} else if ( (*p) > 179u ) {
			if ( (*p) > 185u ) {
				if ( 188u <= (*p) && (*p) <= 191u )
					goto tr393;
			} else if ( (*p) >= 181u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st582:
	if ( ++p == pe )
		goto _test_eof582;
case 582:
	switch( (*p) ) {
		case 144u: goto tr393;
		case 151u: goto tr393;
	}
	if ( (*p) < 139u ) {
		if ( (*p) > 132u ) {
			if ( 135u <= (*p) && (*p) <= 136u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 141u ) {
		if ( (*p) < 166u ) {
			if ( 157u <= (*p) && (*p) <= 163u )
				goto tr393;
		} else if ( (*p) > 172u ) {
			if ( 176u <= (*p) && (*p) <= 180u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st583:
	if ( ++p == pe )
		goto _test_eof583;
case 583:
	if ( (*p) > 138u ) {
		if ( 144u <= (*p) && (*p) <= 153u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st584:
	if ( ++p == pe )
		goto _test_eof584;
case 584:
	if ( (*p) == 135u )
		goto tr393;
	if ( (*p) > 133u ) {
		if ( 144u <= (*p) && (*p) <= 153u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st585:
	if ( ++p == pe )
		goto _test_eof585;
case 585:
	if ( (*p) > 181u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st586:
	if ( ++p == pe )
		goto _test_eof586;
case 586:
	if ( (*p) == 128u )
		goto tr393;
	if ( 152u <= (*p) && (*p) <= 157u )
		goto tr393;
	goto tr392;
st587:
	if ( ++p == pe )
		goto _test_eof587;
case 587:
	switch( (*p) ) {
		case 128u: goto tr393;
		case 132u: goto tr393;
	}
	if ( 144u <= (*p) && (*p) <= 153u )
		goto tr393;
	goto tr392;
st588:
	if ( ++p == pe )
		goto _test_eof588;
case 588:
	if ( 128u <= (*p) && (*p) <= 137u )
		goto tr393;
	goto tr392;
st589:
	if ( ++p == pe )
		goto _test_eof589;
case 589:
	if ( (*p) < 157u ) {
		if ( 128u <= (*p) && (*p) <= 153u )
			goto tr393;
	} else if ( (*p) > 171u ) {
		if ( 176u <= (*p) && (*p) <= 185u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st590:
	if ( ++p == pe )
		goto _test_eof590;
case 590:
	if ( 160u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr392;
st591:
	if ( ++p == pe )
		goto _test_eof591;
case 591:
	if ( (*p) == 191u )
		goto tr393;
	if ( 128u <= (*p) && (*p) <= 169u )
		goto tr393;
	goto tr392;
st592:
	if ( ++p == pe )
		goto _test_eof592;
case 592:
	if ( 128u <= (*p) && (*p) <= 184u )
		goto tr393;
	goto tr392;
st593:
	if ( ++p == pe )
		goto _test_eof593;
case 593:
	if ( (*p) < 138u ) {
		if ( 128u <= (*p) && (*p) <= 136u )
			goto tr393;
	} else if ( (*p) > 182u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st594:
	if ( ++p == pe )
		goto _test_eof594;
case 594:
	if ( (*p) == 128u )
		goto tr393;
	if ( (*p) > 153u ) {
		if ( 178u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 144u )
		goto tr393;
	goto tr392;
st595:
	if ( ++p == pe )
		goto _test_eof595;
case 595:
	if ( (*p) < 146u ) {
		if ( 128u <= (*p) && (*p) <= 143u )
			goto tr393;
	} else if ( (*p) > 167u ) {
		if ( 169u <= (*p) && (*p) <= 182u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st596:
	if ( ++p == pe )
		goto _test_eof596;
case 596:
	switch( (*p) ) {
		case 142u: goto st528;
		case 145u: goto st597;
		case 149u: goto st598;
	}
	if ( (*p) > 141u ) {
		if ( 144u <= (*p) && (*p) <= 148u )
			goto st392;
	} else if ( (*p) >= 128u )
		goto st392;
	goto tr392;
st597:
	if ( ++p == pe )
		goto _test_eof597;
case 597:
	if ( 128u <= (*p) && (*p) <= 174u )
		goto tr393;
	goto tr392;
st598:
	if ( ++p == pe )
		goto _test_eof598;
case 598:
	if ( 128u <= (*p) && (*p) <= 131u )
		goto tr393;
	goto tr392;
st599:
	if ( ++p == pe )
		goto _test_eof599;
case 599:
	if ( (*p) == 144u )
		goto st597;
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st392;
	goto tr392;
st600:
	if ( ++p == pe )
		goto _test_eof600;
case 600:
	if ( (*p) == 153u )
		goto st601;
	if ( 144u <= (*p) && (*p) <= 152u )
		goto st392;
	goto tr392;
st601:
	if ( ++p == pe )
		goto _test_eof601;
case 601:
	if ( 128u <= (*p) && (*p) <= 134u )
		goto tr393;
	goto tr392;
st602:
	if ( ++p == pe )
		goto _test_eof602;
case 602:
	switch( (*p) ) {
		case 168u: goto st592;
		case 169u: goto st603;
		case 171u: goto st604;
		case 172u: goto st518;
		case 173u: goto st605;
		case 174u: goto st606;
		case 188u: goto st392;
		case 189u: goto st607;
		case 190u: goto st608;
		case 191u: goto st609;
	}
	if ( 160u <= (*p) && (*p) <= 167u )
		goto st392;
	goto tr392;
st603:
	if ( ++p == pe )
		goto _test_eof603;
case 603:
	if ( (*p) > 158u ) {
		if ( 160u <= (*p) && (*p) <= 169u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st604:
	if ( ++p == pe )
		goto _test_eof604;
case 604:
	if ( (*p) > 173u ) {
		if ( 176u <= (*p) && (*p) <= 180u )
			goto tr393;
	} else if ( (*p) >= 144u )
		goto tr393;
	goto tr392;
st605:
	if ( ++p == pe )
		goto _test_eof605;
case 605:
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 131u )
			goto tr393;
	} else if ( (*p) > 153u ) {
		if ( (*p) > 183u ) {
			if ( 189u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 163u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st606:
	if ( ++p == pe )
		goto _test_eof606;
case 606:
	if ( 128u <= (*p) && (*p) <= 143u )
		goto tr393;
	goto tr392;
st607:
	if ( ++p == pe )
		goto _test_eof607;
case 607:
	if ( (*p) > 132u ) {
		if ( 144u <= (*p) && (*p) <= 190u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st608:
	if ( ++p == pe )
		goto _test_eof608;
case 608:
	if ( 143u <= (*p) && (*p) <= 159u )
		goto tr393;
	goto tr392;
st609:
	if ( ++p == pe )
		goto _test_eof609;
case 609:
	if ( (*p) == 160u )
		goto tr393;
	goto tr392;
st610:
	if ( ++p == pe )
		goto _test_eof610;
case 610:
	switch( (*p) ) {
		case 159u: goto st611;
		case 171u: goto st571;
	}
	if ( 128u <= (*p) && (*p) <= 170u )
		goto st392;
	goto tr392;
st611:
	if ( ++p == pe )
		goto _test_eof611;
case 611:
	if ( 128u <= (*p) && (*p) <= 172u )
		goto tr393;
	goto tr392;
st612:
	if ( ++p == pe )
		goto _test_eof612;
case 612:
	switch( (*p) ) {
		case 128u: goto st613;
		case 176u: goto st392;
		case 177u: goto st614;
		case 178u: goto st615;
	}
	goto tr392;
st613:
	if ( ++p == pe )
		goto _test_eof613;
case 613:
	if ( 128u <= (*p) && (*p) <= 129u )
		goto tr393;
	goto tr392;
st614:
	if ( ++p == pe )
		goto _test_eof614;
case 614:
	if ( (*p) > 170u ) {
		if ( 176u <= (*p) && (*p) <= 188u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st615:
	if ( ++p == pe )
		goto _test_eof615;
case 615:
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 136u )
			goto tr393;
	} else if ( (*p) > 153u ) {
		if ( 157u <= (*p) && (*p) <= 158u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st616:
	if ( ++p == pe )
		goto _test_eof616;
case 616:
	switch( (*p) ) {
		case 133u: goto st617;
		case 134u: goto st618;
		case 137u: goto st619;
		case 145u: goto st620;
		case 146u: goto st621;
		case 147u: goto st622;
		case 148u: goto st623;
		case 149u: goto st624;
		case 154u: goto st625;
		case 155u: goto st626;
		case 156u: goto st627;
		case 157u: goto st628;
		case 158u: goto st629;
		case 159u: goto st630;
		case 168u: goto st631;
		case 169u: goto st632;
		case 170u: goto st633;
	}
	if ( 144u <= (*p) && (*p) <= 153u )
		goto st392;
	goto tr392;
st617:
	if ( ++p == pe )
		goto _test_eof617;
case 617:
	if ( (*p) < 173u ) {
		if ( 165u <= (*p) && (*p) <= 169u )
			goto tr393;
	} else if ( (*p) > 178u ) {
		if ( 187u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st618:
	if ( ++p == pe )
		goto _test_eof618;
case 618:
	if ( (*p) < 133u ) {
		if ( 128u <= (*p) && (*p) <= 130u )
			goto tr393;
	} else if ( (*p) > 139u ) {
		if ( 170u <= (*p) && (*p) <= 173u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st619:
	if ( ++p == pe )
		goto _test_eof619;
case 619:
	if ( 130u <= (*p) && (*p) <= 132u )
		goto tr393;
	goto tr392;
st620:
	if ( ++p == pe )
		goto _test_eof620;
case 620:
	if ( (*p) > 148u ) {
		if ( 150u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st621:
	if ( ++p == pe )
		goto _test_eof621;
case 621:
	switch( (*p) ) {
		case 162u: goto tr393;
		case 187u: goto tr393;
	}
	if ( (*p) < 165u ) {
		if ( (*p) > 156u ) {
			if ( 158u <= (*p) && (*p) <= 159u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 166u ) {
		if ( (*p) < 174u ) {
			if ( 169u <= (*p) && (*p) <= 172u )
				goto tr393;
		} else if ( (*p) > 185u ) {
			if ( 189u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st622:
	if ( ++p == pe )
		goto _test_eof622;
case 622:
	if ( (*p) > 131u ) {
		if ( 133u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st623:
	if ( ++p == pe )
		goto _test_eof623;
case 623:
	if ( (*p) < 141u ) {
		if ( (*p) > 133u ) {
			if ( 135u <= (*p) && (*p) <= 138u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 148u ) {
		if ( (*p) < 158u ) {
			if ( 150u <= (*p) && (*p) <= 156u )
				goto tr393;
		} else if ( (*p) > 185u ) {
			if ( 187u <= (*p) && (*p) <= 190u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st624:
	if ( ++p == pe )
		goto _test_eof624;
case 624:
	if ( (*p) == 134u )
		goto tr393;
	if ( (*p) < 138u ) {
		if ( 128u <= (*p) && (*p) <= 132u )
			goto tr393;
	} else if ( (*p) > 144u ) {
		if ( 146u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st625:
	if ( ++p == pe )
		goto _test_eof625;
case 625:
	if ( (*p) > 165u ) {
		if ( 168u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st626:
	if ( ++p == pe )
		goto _test_eof626;
case 626:
	if ( (*p) == 128u )
		goto tr393;
	if ( (*p) < 156u ) {
		if ( 130u <= (*p) && (*p) <= 154u )
			goto tr393;
	} else if ( (*p) > 186u ) {
		if ( 188u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st627:
	if ( ++p == pe )
		goto _test_eof627;
case 627:
	if ( (*p) < 150u ) {
		if ( 128u <= (*p) && (*p) <= 148u )
			goto tr393;
	} else if ( (*p) > 180u ) {
		if ( 182u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st628:
	if ( ++p == pe )
		goto _test_eof628;
case 628:
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 142u )
			goto tr393;
	} else if ( (*p) > 174u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st629:
	if ( ++p == pe )
		goto _test_eof629;
case 629:
	if ( (*p) < 138u ) {
		if ( 128u <= (*p) && (*p) <= 136u )
			goto tr393;
	} else if ( (*p) > 168u ) {
		if ( 170u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st630:
	if ( ++p == pe )
		goto _test_eof630;
case 630:
	if ( (*p) < 132u ) {
		if ( 128u <= (*p) && (*p) <= 130u )
			goto tr393;
	} else if ( (*p) > 139u ) {
		if ( 142u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st631:
	if ( ++p == pe )
		goto _test_eof631;
case 631:
	if ( (*p) > 182u ) {
		if ( 187u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st632:
	if ( ++p == pe )
		goto _test_eof632;
case 632:
	if ( (*p) == 181u )
		goto tr393;
	if ( 128u <= (*p) && (*p) <= 172u )
		goto tr393;
	goto tr392;
st633:
	if ( ++p == pe )
		goto _test_eof633;
case 633:
	if ( (*p) == 132u )
		goto tr393;
	if ( (*p) > 159u ) {
		if ( 161u <= (*p) && (*p) <= 175u )
			goto tr393;
	} else if ( (*p) >= 155u )
		goto tr393;
	goto tr392;
st634:
	if ( ++p == pe )
		goto _test_eof634;
case 634:
	switch( (*p) ) {
		case 128u: goto st635;
		case 163u: goto st636;
		case 165u: goto st583;
		case 184u: goto st637;
		case 185u: goto st638;
		case 186u: goto st639;
	}
	if ( 160u <= (*p) && (*p) <= 164u )
		goto st392;
	goto tr392;
st635:
	if ( ++p == pe )
		goto _test_eof635;
case 635:
	if ( (*p) < 155u ) {
		if ( (*p) > 134u ) {
			if ( 136u <= (*p) && (*p) <= 152u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 161u ) {
		if ( (*p) > 164u ) {
			if ( 166u <= (*p) && (*p) <= 170u )
				goto tr393;
		} else if ( (*p) >= 163u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st636:
	if ( ++p == pe )
		goto _test_eof636;
case 636:
	if ( (*p) > 132u ) {
		if ( 144u <= (*p) && (*p) <= 150u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr392;
st637:
	if ( ++p == pe )
		goto _test_eof637;
case 637:
	switch( (*p) ) {
		case 164u: goto tr393;
		case 167u: goto tr393;
		case 185u: goto tr393;
		case 187u: goto tr393;
	}
	if ( (*p) < 161u ) {
		if ( (*p) > 131u ) {
			if ( 133u <= (*p) && (*p) <= 159u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 162u ) {
		if ( (*p) > 178u ) {
			if ( 180u <= (*p) && (*p) <= 183u )
				goto tr393;
		} else if ( (*p) >= 169u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st638:
	if ( ++p == pe )
		goto _test_eof638;
case 638:
	switch( (*p) ) {
		case 130u: goto tr393;
		case 135u: goto tr393;
		case 137u: goto tr393;
		case 139u: goto tr393;
		case 148u: goto tr393;
		case 151u: goto tr393;
		case 153u: goto tr393;
		case 155u: goto tr393;
		case 157u: goto tr393;
		case 159u: goto tr393;
		case 164u: goto tr393;
		case 190u: goto tr393;
	}
	if ( (*p) < 167u ) {
		if ( (*p) < 145u ) {
			if ( 141u <= (*p) && (*p) <= 143u )
				goto tr393;
		} else if ( (*p) > 146u ) {
			if ( 161u <= (*p) && (*p) <= 162u )
				goto tr393;
		} else
			goto tr393;
	} else if ( (*p) > 170u ) {
		if ( (*p) < 180u ) {
			if ( 172u <= (*p) && (*p) <= 178u )
				goto tr393;
		} else if ( (*p) > 183u ) {
			if ( 185u <= (*p) && (*p) <= 188u )
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st639:
	if ( ++p == pe )
		goto _test_eof639;
case 639:
	if ( (*p) < 161u ) {
		if ( (*p) > 137u ) {
			if ( 139u <= (*p) && (*p) <= 155u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 163u ) {
		if ( (*p) > 169u ) {
			if ( 171u <= (*p) && (*p) <= 187u )
				goto tr393;
		} else if ( (*p) >= 165u )
			goto tr393;
	} else
		goto tr393;
	goto tr392;
st640:
	if ( ++p == pe )
		goto _test_eof640;
case 640:
	if ( (*p) == 155u )
		goto st641;
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st392;
	goto tr392;
st641:
	if ( ++p == pe )
		goto _test_eof641;
case 641:
	if ( 128u <= (*p) && (*p) <= 150u )
		goto tr393;
	goto tr392;
st642:
	if ( ++p == pe )
		goto _test_eof642;
case 642:
	switch( (*p) ) {
		case 156u: goto st547;
		case 160u: goto st443;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st392;
	goto tr392;
st643:
	if ( ++p == pe )
		goto _test_eof643;
case 643:
	if ( (*p) == 186u )
		goto st644;
	if ( 128u <= (*p) && (*p) <= 185u )
		goto st392;
	goto tr392;
st644:
	if ( ++p == pe )
		goto _test_eof644;
case 644:
	if ( 128u <= (*p) && (*p) <= 161u )
		goto tr393;
	goto tr392;
st645:
	if ( ++p == pe )
		goto _test_eof645;
case 645:
	if ( (*p) == 168u )
		goto st646;
	if ( 160u <= (*p) && (*p) <= 167u )
		goto st392;
	goto tr392;
st646:
	if ( ++p == pe )
		goto _test_eof646;
case 646:
	if ( 128u <= (*p) && (*p) <= 157u )
		goto tr393;
	goto tr392;
st647:
	if ( ++p == pe )
		goto _test_eof647;
case 647:
	if ( (*p) == 160u )
		goto st648;
	goto tr392;
st648:
	if ( ++p == pe )
		goto _test_eof648;
case 648:
	if ( (*p) == 135u )
		goto st649;
	if ( 132u <= (*p) && (*p) <= 134u )
		goto st392;
	goto tr392;
st649:
	if ( ++p == pe )
		goto _test_eof649;
case 649:
	if ( 128u <= (*p) && (*p) <= 175u )
		goto tr393;
	goto tr392;
st906:
	if ( ++p == pe )
		goto _test_eof906;
case 906:
	if ( (*p) == 124u )
		goto tr833;
	goto tr793;
st907:
	if ( ++p == pe )
		goto _test_eof907;
case 907:
	if ( (*p) == 125u )
		goto tr834;
	goto tr793;
st908:
	if ( ++p == pe )
		goto _test_eof908;
case 908:
	switch( (*p) ) {
		case 170u: goto tr393;
		case 181u: goto tr393;
		case 186u: goto tr393;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr628;
	goto tr835;
st909:
	if ( ++p == pe )
		goto _test_eof909;
case 909:
	switch( (*p) ) {
		case 151u: goto tr628;
		case 183u: goto tr628;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr835;
st910:
	if ( ++p == pe )
		goto _test_eof910;
case 910:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr835;
st911:
	if ( ++p == pe )
		goto _test_eof911;
case 911:
	switch( (*p) ) {
		case 172u: goto tr393;
		case 174u: goto tr393;
	}
	if ( (*p) < 134u ) {
		if ( (*p) > 129u ) {
			if ( 130u <= (*p) && (*p) <= 133u )
				goto tr628;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 145u ) {
		if ( (*p) < 160u ) {
			if ( 146u <= (*p) && (*p) <= 159u )
				goto tr628;
		} else if ( (*p) > 164u ) {
			if ( 165u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr835;
st912:
	if ( ++p == pe )
		goto _test_eof912;
case 912:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr628;
	goto tr835;
st913:
	if ( ++p == pe )
		goto _test_eof913;
case 913:
	switch( (*p) ) {
		case 181u: goto tr628;
		case 190u: goto tr628;
	}
	if ( (*p) < 176u ) {
		if ( 128u <= (*p) && (*p) <= 175u )
			goto tr628;
	} else if ( (*p) > 183u ) {
		if ( (*p) > 185u ) {
			if ( 186u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 184u )
			goto tr628;
	} else
		goto tr393;
	goto tr835;
st914:
	if ( ++p == pe )
		goto _test_eof914;
case 914:
	switch( (*p) ) {
		case 134u: goto tr393;
		case 139u: goto tr628;
		case 141u: goto tr628;
		case 162u: goto tr628;
	}
	if ( (*p) > 135u ) {
		if ( 136u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr628;
	goto tr835;
st915:
	if ( ++p == pe )
		goto _test_eof915;
case 915:
	if ( (*p) == 182u )
		goto tr628;
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr835;
st916:
	if ( ++p == pe )
		goto _test_eof916;
case 916:
	if ( (*p) < 130u ) {
		if ( 128u <= (*p) && (*p) <= 129u )
			goto tr393;
	} else if ( (*p) > 137u ) {
		if ( 138u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr835;
st917:
	if ( ++p == pe )
		goto _test_eof917;
case 917:
	if ( (*p) == 176u )
		goto tr628;
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr835;
st918:
	if ( ++p == pe )
		goto _test_eof918;
case 918:
	if ( (*p) == 153u )
		goto tr393;
	if ( (*p) < 151u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto tr393;
	} else if ( (*p) > 160u ) {
		if ( 161u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr835;
st919:
	if ( ++p == pe )
		goto _test_eof919;
case 919:
	if ( (*p) > 135u ) {
		if ( 136u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr835;
st920:
	if ( ++p == pe )
		goto _test_eof920;
case 920:
	if ( (*p) < 171u ) {
		if ( (*p) > 143u ) {
			if ( 144u <= (*p) && (*p) <= 170u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr628;
	} else if ( (*p) > 175u ) {
		if ( (*p) > 178u ) {
			if ( 179u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 176u )
			goto tr393;
	} else
		goto tr628;
	goto tr835;
st921:
	if ( ++p == pe )
		goto _test_eof921;
case 921:
	if ( (*p) > 159u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr628;
	goto tr835;
st922:
	if ( ++p == pe )
		goto _test_eof922;
case 922:
	if ( (*p) == 176u )
		goto tr628;
	if ( (*p) < 139u ) {
		if ( 128u <= (*p) && (*p) <= 138u )
			goto tr393;
	} else if ( (*p) > 173u ) {
		if ( 174u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr835;
st923:
	if ( ++p == pe )
		goto _test_eof923;
case 923:
	switch( (*p) ) {
		case 148u: goto tr628;
		case 191u: goto tr393;
	}
	if ( (*p) < 167u ) {
		if ( (*p) < 150u ) {
			if ( 128u <= (*p) && (*p) <= 149u )
				goto tr393;
		} else if ( (*p) > 164u ) {
			if ( 165u <= (*p) && (*p) <= 166u )
				goto tr393;
		} else
			goto tr628;
	} else if ( (*p) > 173u ) {
		if ( (*p) < 176u ) {
			if ( 174u <= (*p) && (*p) <= 175u )
				goto tr393;
		} else if ( (*p) > 185u ) {
			if ( (*p) > 188u ) {
				if ( 189u <= (*p) && (*p) <= 190u )
					goto tr628;
			} else if ( (*p) >= 186u )
				goto tr393;
		} else
			goto tr628;
	} else
		goto tr628;
	goto tr835;
st924:
	if ( ++p == pe )
		goto _test_eof924;
case 924:
	if ( (*p) == 144u )
		goto tr393;
	if ( (*p) < 146u ) {
		if ( 128u <= (*p) && (*p) <= 145u )
			goto tr628;
	} else if ( (*p) > 175u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr835;
st925:
	if ( ++p == pe )
		goto _test_eof925;
case 925:
	if ( (*p) > 140u ) {
		if ( 141u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr628;
	goto tr835;
st926:
	if ( ++p == pe )
		goto _test_eof926;
case 926:
	if ( (*p) == 177u )
		goto tr393;
	if ( (*p) > 165u ) {
		if ( 166u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr835;
st927:
	if ( ++p == pe )
		goto _test_eof927;
case 927:
	if ( (*p) == 186u )
		goto tr393;
	if ( (*p) < 171u ) {
		if ( (*p) > 137u ) {
			if ( 138u <= (*p) && (*p) <= 170u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr628;
	} else if ( (*p) > 179u ) {
		if ( (*p) > 181u ) {
			if ( 182u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 180u )
			goto tr393;
	} else
		goto tr628;
	goto tr835;
tr777:
#line 1 "NONE"
	{te = p+1;}
	goto st928;
st928:
	if ( ++p == pe )
		goto _test_eof928;
case 928:
#line 11086 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 160u: goto st650;
		case 161u: goto st651;
		case 162u: goto st652;
		case 164u: goto st654;
		case 165u: goto st655;
		case 166u: goto st656;
		case 167u: goto st657;
		case 168u: goto st658;
		case 169u: goto st659;
		case 170u: goto st660;
		case 171u: goto st661;
		case 172u: goto st662;
		case 173u: goto st663;
		case 174u: goto st664;
		case 175u: goto st665;
		case 176u: goto st666;
		case 177u: goto st667;
		case 178u: goto st668;
		case 179u: goto st669;
		case 180u: goto st670;
		case 181u: goto st671;
		case 182u: goto st672;
		case 183u: goto st673;
		case 184u: goto st674;
		case 185u: goto st673;
		case 186u: goto st675;
		case 187u: goto st676;
		case 188u: goto st677;
		case 189u: goto st678;
		case 190u: goto st679;
	}
	if ( 163u <= (*p) && (*p) <= 191u )
		goto st653;
	goto tr835;
st650:
	if ( ++p == pe )
		goto _test_eof650;
case 650:
	switch( (*p) ) {
		case 154u: goto tr393;
		case 164u: goto tr393;
		case 168u: goto tr393;
	}
	if ( (*p) > 149u ) {
		if ( 150u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st651:
	if ( ++p == pe )
		goto _test_eof651;
case 651:
	if ( (*p) > 152u ) {
		if ( 153u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st652:
	if ( ++p == pe )
		goto _test_eof652;
case 652:
	if ( (*p) == 181u )
		goto tr628;
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 159u )
			goto tr628;
	} else if ( (*p) > 189u ) {
		if ( 190u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st653:
	if ( ++p == pe )
		goto _test_eof653;
case 653:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr628;
	goto tr627;
st654:
	if ( ++p == pe )
		goto _test_eof654;
case 654:
	if ( (*p) == 189u )
		goto tr393;
	if ( (*p) < 132u ) {
		if ( 128u <= (*p) && (*p) <= 131u )
			goto tr628;
	} else if ( (*p) > 185u ) {
		if ( 186u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st655:
	if ( ++p == pe )
		goto _test_eof655;
case 655:
	if ( (*p) == 144u )
		goto tr393;
	if ( (*p) < 152u ) {
		if ( 128u <= (*p) && (*p) <= 151u )
			goto tr628;
	} else if ( (*p) > 161u ) {
		if ( (*p) > 176u ) {
			if ( 177u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 162u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st656:
	if ( ++p == pe )
		goto _test_eof656;
case 656:
	switch( (*p) ) {
		case 128u: goto tr393;
		case 169u: goto tr628;
		case 177u: goto tr628;
		case 189u: goto tr393;
	}
	if ( (*p) < 145u ) {
		if ( (*p) < 133u ) {
			if ( 129u <= (*p) && (*p) <= 132u )
				goto tr628;
		} else if ( (*p) > 140u ) {
			if ( (*p) > 142u ) {
				if ( 143u <= (*p) && (*p) <= 144u )
					goto tr393;
			} else if ( (*p) >= 141u )
				goto tr628;
		} else
			goto tr393;
	} else if ( (*p) > 146u ) {
		if ( (*p) < 179u ) {
			if ( 147u <= (*p) && (*p) <= 178u )
				goto tr393;
		} else if ( (*p) > 181u ) {
			if ( (*p) > 185u ) {
				if ( 186u <= (*p) && (*p) <= 191u )
					goto tr628;
			} else if ( (*p) >= 182u )
				goto tr393;
		} else
			goto tr628;
	} else
		goto tr628;
	goto tr627;
st657:
	if ( ++p == pe )
		goto _test_eof657;
case 657:
	switch( (*p) ) {
		case 142u: goto tr393;
		case 158u: goto tr628;
	}
	if ( (*p) < 162u ) {
		if ( (*p) > 155u ) {
			if ( 156u <= (*p) && (*p) <= 161u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr628;
	} else if ( (*p) > 175u ) {
		if ( (*p) > 177u ) {
			if ( 178u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 176u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st658:
	if ( ++p == pe )
		goto _test_eof658;
case 658:
	switch( (*p) ) {
		case 169u: goto tr628;
		case 177u: goto tr628;
		case 180u: goto tr628;
		case 183u: goto tr628;
	}
	if ( (*p) < 143u ) {
		if ( (*p) < 133u ) {
			if ( 128u <= (*p) && (*p) <= 132u )
				goto tr628;
		} else if ( (*p) > 138u ) {
			if ( 139u <= (*p) && (*p) <= 142u )
				goto tr628;
		} else
			goto tr393;
	} else if ( (*p) > 144u ) {
		if ( (*p) < 147u ) {
			if ( 145u <= (*p) && (*p) <= 146u )
				goto tr628;
		} else if ( (*p) > 185u ) {
			if ( 186u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr627;
st659:
	if ( ++p == pe )
		goto _test_eof659;
case 659:
	if ( (*p) == 157u )
		goto tr628;
	if ( (*p) < 159u ) {
		if ( (*p) > 152u ) {
			if ( 153u <= (*p) && (*p) <= 158u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr628;
	} else if ( (*p) > 177u ) {
		if ( (*p) > 180u ) {
			if ( 181u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 178u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st660:
	if ( ++p == pe )
		goto _test_eof660;
case 660:
	switch( (*p) ) {
		case 142u: goto tr628;
		case 146u: goto tr628;
		case 169u: goto tr628;
		case 177u: goto tr628;
		case 180u: goto tr628;
		case 189u: goto tr393;
	}
	if ( (*p) < 133u ) {
		if ( 128u <= (*p) && (*p) <= 132u )
			goto tr628;
	} else if ( (*p) > 185u ) {
		if ( 186u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st661:
	if ( ++p == pe )
		goto _test_eof661;
case 661:
	switch( (*p) ) {
		case 144u: goto tr393;
		case 185u: goto tr393;
	}
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 159u )
			goto tr628;
	} else if ( (*p) > 161u ) {
		if ( 162u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st662:
	if ( ++p == pe )
		goto _test_eof662;
case 662:
	switch( (*p) ) {
		case 169u: goto tr628;
		case 177u: goto tr628;
		case 180u: goto tr628;
		case 189u: goto tr393;
	}
	if ( (*p) < 143u ) {
		if ( (*p) < 133u ) {
			if ( 128u <= (*p) && (*p) <= 132u )
				goto tr628;
		} else if ( (*p) > 140u ) {
			if ( 141u <= (*p) && (*p) <= 142u )
				goto tr628;
		} else
			goto tr393;
	} else if ( (*p) > 144u ) {
		if ( (*p) < 147u ) {
			if ( 145u <= (*p) && (*p) <= 146u )
				goto tr628;
		} else if ( (*p) > 185u ) {
			if ( 186u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr627;
st663:
	if ( ++p == pe )
		goto _test_eof663;
case 663:
	switch( (*p) ) {
		case 158u: goto tr628;
		case 177u: goto tr393;
	}
	if ( (*p) < 156u ) {
		if ( 128u <= (*p) && (*p) <= 155u )
			goto tr628;
	} else if ( (*p) > 161u ) {
		if ( 162u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st664:
	if ( ++p == pe )
		goto _test_eof664;
case 664:
	switch( (*p) ) {
		case 131u: goto tr393;
		case 145u: goto tr628;
		case 155u: goto tr628;
		case 157u: goto tr628;
	}
	if ( (*p) < 160u ) {
		if ( (*p) < 139u ) {
			if ( (*p) > 132u ) {
				if ( 133u <= (*p) && (*p) <= 138u )
					goto tr393;
			} else if ( (*p) >= 128u )
				goto tr628;
		} else if ( (*p) > 141u ) {
			if ( (*p) < 150u ) {
				if ( 142u <= (*p) && (*p) <= 149u )
					goto tr393;
			} else if ( (*p) > 152u ) {
				if ( 153u <= (*p) && (*p) <= 159u )
					goto tr393;
			} else
				goto tr628;
		} else
			goto tr628;
	} else if ( (*p) > 162u ) {
		if ( (*p) < 168u ) {
			if ( (*p) > 164u ) {
				if ( 165u <= (*p) && (*p) <= 167u )
					goto tr628;
			} else if ( (*p) >= 163u )
				goto tr393;
		} else if ( (*p) > 170u ) {
			if ( (*p) < 174u ) {
				if ( 171u <= (*p) && (*p) <= 173u )
					goto tr628;
			} else if ( (*p) > 185u ) {
				if ( 186u <= (*p) && (*p) <= 191u )
					goto tr628;
			} else
				goto tr393;
		} else
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st665:
	if ( ++p == pe )
		goto _test_eof665;
case 665:
	if ( (*p) == 144u )
		goto tr393;
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr628;
	goto tr627;
st666:
	if ( ++p == pe )
		goto _test_eof666;
case 666:
	switch( (*p) ) {
		case 141u: goto tr628;
		case 145u: goto tr628;
		case 169u: goto tr628;
		case 189u: goto tr393;
	}
	if ( (*p) < 133u ) {
		if ( 128u <= (*p) && (*p) <= 132u )
			goto tr628;
	} else if ( (*p) > 185u ) {
		if ( 186u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st667:
	if ( ++p == pe )
		goto _test_eof667;
case 667:
	if ( (*p) < 155u ) {
		if ( (*p) > 151u ) {
			if ( 152u <= (*p) && (*p) <= 154u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr628;
	} else if ( (*p) > 159u ) {
		if ( (*p) > 161u ) {
			if ( 162u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 160u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st668:
	if ( ++p == pe )
		goto _test_eof668;
case 668:
	switch( (*p) ) {
		case 128u: goto tr393;
		case 141u: goto tr628;
		case 145u: goto tr628;
		case 169u: goto tr628;
		case 180u: goto tr628;
		case 189u: goto tr393;
	}
	if ( (*p) < 133u ) {
		if ( 129u <= (*p) && (*p) <= 132u )
			goto tr628;
	} else if ( (*p) > 185u ) {
		if ( 186u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st669:
	if ( ++p == pe )
		goto _test_eof669;
case 669:
	if ( (*p) == 158u )
		goto tr393;
	if ( (*p) < 162u ) {
		if ( (*p) > 159u ) {
			if ( 160u <= (*p) && (*p) <= 161u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr628;
	} else if ( (*p) > 176u ) {
		if ( (*p) > 178u ) {
			if ( 179u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 177u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st670:
	if ( ++p == pe )
		goto _test_eof670;
case 670:
	switch( (*p) ) {
		case 141u: goto tr628;
		case 145u: goto tr628;
		case 189u: goto tr393;
	}
	if ( (*p) < 133u ) {
		if ( 128u <= (*p) && (*p) <= 132u )
			goto tr628;
	} else if ( (*p) > 186u ) {
		if ( 187u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st671:
	if ( ++p == pe )
		goto _test_eof671;
case 671:
	if ( (*p) == 142u )
		goto tr393;
	if ( (*p) < 151u ) {
		if ( (*p) > 147u ) {
			if ( 148u <= (*p) && (*p) <= 150u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr628;
	} else if ( (*p) > 158u ) {
		if ( (*p) < 162u ) {
			if ( 159u <= (*p) && (*p) <= 161u )
				goto tr393;
		} else if ( (*p) > 185u ) {
			if ( 186u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else
			goto tr628;
	} else
		goto tr628;
	goto tr627;
st672:
	if ( ++p == pe )
		goto _test_eof672;
case 672:
	switch( (*p) ) {
		case 178u: goto tr628;
		case 188u: goto tr628;
	}
	if ( (*p) < 151u ) {
		if ( (*p) > 132u ) {
			if ( 133u <= (*p) && (*p) <= 150u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr628;
	} else if ( (*p) > 153u ) {
		if ( (*p) > 189u ) {
			if ( 190u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 154u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st673:
	if ( ++p == pe )
		goto _test_eof673;
case 673:
	if ( (*p) > 134u ) {
		if ( 135u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st674:
	if ( ++p == pe )
		goto _test_eof674;
case 674:
	switch( (*p) ) {
		case 128u: goto tr628;
		case 177u: goto tr628;
	}
	if ( (*p) > 179u ) {
		if ( 180u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 129u )
		goto tr393;
	goto tr627;
st675:
	if ( ++p == pe )
		goto _test_eof675;
case 675:
	switch( (*p) ) {
		case 128u: goto tr628;
		case 131u: goto tr628;
		case 137u: goto tr628;
		case 141u: goto tr393;
		case 152u: goto tr628;
		case 160u: goto tr628;
		case 164u: goto tr628;
		case 166u: goto tr628;
		case 172u: goto tr628;
		case 177u: goto tr628;
		case 189u: goto tr393;
	}
	if ( (*p) < 139u ) {
		if ( (*p) < 133u ) {
			if ( 129u <= (*p) && (*p) <= 132u )
				goto tr393;
		} else if ( (*p) > 134u ) {
			if ( 135u <= (*p) && (*p) <= 138u )
				goto tr393;
		} else
			goto tr628;
	} else if ( (*p) > 147u ) {
		if ( (*p) < 168u ) {
			if ( 148u <= (*p) && (*p) <= 167u )
				goto tr393;
		} else if ( (*p) > 169u ) {
			if ( (*p) > 179u ) {
				if ( 180u <= (*p) && (*p) <= 191u )
					goto tr628;
			} else if ( (*p) >= 170u )
				goto tr393;
		} else
			goto tr628;
	} else
		goto tr628;
	goto tr627;
st676:
	if ( ++p == pe )
		goto _test_eof676;
case 676:
	if ( (*p) == 133u )
		goto tr628;
	if ( (*p) < 135u ) {
		if ( 128u <= (*p) && (*p) <= 134u )
			goto tr393;
	} else if ( (*p) > 155u ) {
		if ( (*p) > 159u ) {
			if ( 160u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 156u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st677:
	if ( ++p == pe )
		goto _test_eof677;
case 677:
	if ( (*p) == 128u )
		goto tr393;
	if ( 129u <= (*p) && (*p) <= 191u )
		goto tr628;
	goto tr627;
st678:
	if ( ++p == pe )
		goto _test_eof678;
case 678:
	if ( (*p) == 136u )
		goto tr628;
	if ( (*p) > 172u ) {
		if ( 173u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st679:
	if ( ++p == pe )
		goto _test_eof679;
case 679:
	if ( (*p) < 136u ) {
		if ( 128u <= (*p) && (*p) <= 135u )
			goto tr628;
	} else if ( (*p) > 140u ) {
		if ( 141u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
tr778:
#line 1 "NONE"
	{te = p+1;}
	goto st929;
st929:
	if ( ++p == pe )
		goto _test_eof929;
case 929:
#line 11726 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 128u: goto st680;
		case 129u: goto st681;
		case 130u: goto st682;
		case 131u: goto st683;
		case 137u: goto st685;
		case 138u: goto st686;
		case 139u: goto st687;
		case 140u: goto st688;
		case 141u: goto st689;
		case 142u: goto st690;
		case 143u: goto st691;
		case 144u: goto st692;
		case 153u: goto st693;
		case 154u: goto st694;
		case 155u: goto st695;
		case 156u: goto st696;
		case 157u: goto st697;
		case 158u: goto st698;
		case 159u: goto st699;
		case 160u: goto st700;
		case 161u: goto st701;
		case 162u: goto st702;
		case 163u: goto st703;
		case 164u: goto st704;
		case 165u: goto st705;
		case 166u: goto st706;
		case 167u: goto st707;
		case 168u: goto st708;
		case 169u: goto st709;
		case 170u: goto st710;
		case 171u: goto st653;
		case 172u: goto st711;
		case 173u: goto st712;
		case 174u: goto st713;
		case 175u: goto st714;
		case 176u: goto st715;
		case 177u: goto st716;
		case 178u: goto st717;
		case 179u: goto st718;
		case 183u: goto st653;
		case 188u: goto st719;
		case 189u: goto st720;
		case 190u: goto st721;
		case 191u: goto st722;
	}
	if ( 132u <= (*p) && (*p) <= 187u )
		goto st684;
	goto tr835;
st680:
	if ( ++p == pe )
		goto _test_eof680;
case 680:
	if ( (*p) == 191u )
		goto tr393;
	if ( (*p) > 170u ) {
		if ( 171u <= (*p) && (*p) <= 190u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st681:
	if ( ++p == pe )
		goto _test_eof681;
case 681:
	if ( (*p) == 161u )
		goto tr393;
	if ( (*p) < 158u ) {
		if ( (*p) < 144u ) {
			if ( 128u <= (*p) && (*p) <= 143u )
				goto tr628;
		} else if ( (*p) > 149u ) {
			if ( (*p) > 153u ) {
				if ( 154u <= (*p) && (*p) <= 157u )
					goto tr393;
			} else if ( (*p) >= 150u )
				goto tr628;
		} else
			goto tr393;
	} else if ( (*p) > 164u ) {
		if ( (*p) < 174u ) {
			if ( (*p) > 166u ) {
				if ( 167u <= (*p) && (*p) <= 173u )
					goto tr628;
			} else if ( (*p) >= 165u )
				goto tr393;
		} else if ( (*p) > 176u ) {
			if ( (*p) > 180u ) {
				if ( 181u <= (*p) && (*p) <= 191u )
					goto tr393;
			} else if ( (*p) >= 177u )
				goto tr628;
		} else
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st682:
	if ( ++p == pe )
		goto _test_eof682;
case 682:
	if ( (*p) == 142u )
		goto tr393;
	if ( (*p) < 130u ) {
		if ( 128u <= (*p) && (*p) <= 129u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st683:
	if ( ++p == pe )
		goto _test_eof683;
case 683:
	switch( (*p) ) {
		case 134u: goto tr628;
		case 141u: goto tr393;
		case 187u: goto tr628;
	}
	if ( (*p) < 136u ) {
		if ( 128u <= (*p) && (*p) <= 135u )
			goto tr393;
	} else if ( (*p) > 143u ) {
		if ( 144u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st684:
	if ( ++p == pe )
		goto _test_eof684;
case 684:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr627;
st685:
	if ( ++p == pe )
		goto _test_eof685;
case 685:
	switch( (*p) ) {
		case 137u: goto tr628;
		case 151u: goto tr628;
		case 153u: goto tr628;
	}
	if ( (*p) < 144u ) {
		if ( (*p) > 141u ) {
			if ( 142u <= (*p) && (*p) <= 143u )
				goto tr628;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 157u ) {
		if ( (*p) > 159u ) {
			if ( 160u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 158u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st686:
	if ( ++p == pe )
		goto _test_eof686;
case 686:
	switch( (*p) ) {
		case 137u: goto tr628;
		case 177u: goto tr628;
		case 191u: goto tr628;
	}
	if ( (*p) < 144u ) {
		if ( (*p) > 141u ) {
			if ( 142u <= (*p) && (*p) <= 143u )
				goto tr628;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 181u ) {
		if ( (*p) > 183u ) {
			if ( 184u <= (*p) && (*p) <= 190u )
				goto tr393;
		} else if ( (*p) >= 182u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st687:
	if ( ++p == pe )
		goto _test_eof687;
case 687:
	switch( (*p) ) {
		case 129u: goto tr628;
		case 151u: goto tr628;
	}
	if ( (*p) < 134u ) {
		if ( 128u <= (*p) && (*p) <= 133u )
			goto tr393;
	} else if ( (*p) > 135u ) {
		if ( 136u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st688:
	if ( ++p == pe )
		goto _test_eof688;
case 688:
	if ( (*p) == 145u )
		goto tr628;
	if ( (*p) < 150u ) {
		if ( 128u <= (*p) && (*p) <= 149u )
			goto tr393;
	} else if ( (*p) > 151u ) {
		if ( 152u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st689:
	if ( ++p == pe )
		goto _test_eof689;
case 689:
	if ( (*p) > 154u ) {
		if ( 155u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st690:
	if ( ++p == pe )
		goto _test_eof690;
case 690:
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 143u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st691:
	if ( ++p == pe )
		goto _test_eof691;
case 691:
	if ( (*p) < 182u ) {
		if ( 128u <= (*p) && (*p) <= 181u )
			goto tr393;
	} else if ( (*p) > 183u ) {
		if ( (*p) > 189u ) {
			if ( 190u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 184u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st692:
	if ( ++p == pe )
		goto _test_eof692;
case 692:
	if ( (*p) == 128u )
		goto tr628;
	if ( 129u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr627;
st693:
	if ( ++p == pe )
		goto _test_eof693;
case 693:
	if ( (*p) < 173u ) {
		if ( 128u <= (*p) && (*p) <= 172u )
			goto tr393;
	} else if ( (*p) > 174u ) {
		if ( 175u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st694:
	if ( ++p == pe )
		goto _test_eof694;
case 694:
	if ( (*p) == 128u )
		goto tr628;
	if ( (*p) < 155u ) {
		if ( 129u <= (*p) && (*p) <= 154u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st695:
	if ( ++p == pe )
		goto _test_eof695;
case 695:
	if ( (*p) < 171u ) {
		if ( 128u <= (*p) && (*p) <= 170u )
			goto tr393;
	} else if ( (*p) > 173u ) {
		if ( (*p) > 184u ) {
			if ( 185u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 174u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st696:
	if ( ++p == pe )
		goto _test_eof696;
case 696:
	if ( (*p) == 141u )
		goto tr628;
	if ( (*p) < 146u ) {
		if ( 128u <= (*p) && (*p) <= 145u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( (*p) > 177u ) {
			if ( 178u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 160u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st697:
	if ( ++p == pe )
		goto _test_eof697;
case 697:
	if ( (*p) == 173u )
		goto tr628;
	if ( (*p) < 146u ) {
		if ( 128u <= (*p) && (*p) <= 145u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( (*p) > 176u ) {
			if ( 177u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 160u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st698:
	if ( ++p == pe )
		goto _test_eof698;
case 698:
	if ( (*p) > 179u ) {
		if ( 180u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st699:
	if ( ++p == pe )
		goto _test_eof699;
case 699:
	switch( (*p) ) {
		case 151u: goto tr393;
		case 156u: goto tr393;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr628;
	goto tr627;
st700:
	if ( ++p == pe )
		goto _test_eof700;
case 700:
	if ( (*p) > 159u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr628;
	goto tr627;
st701:
	if ( ++p == pe )
		goto _test_eof701;
case 701:
	if ( (*p) > 183u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st702:
	if ( ++p == pe )
		goto _test_eof702;
case 702:
	if ( (*p) == 169u )
		goto tr628;
	if ( (*p) < 171u ) {
		if ( 128u <= (*p) && (*p) <= 170u )
			goto tr393;
	} else if ( (*p) > 175u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st703:
	if ( ++p == pe )
		goto _test_eof703;
case 703:
	if ( (*p) > 181u ) {
		if ( 182u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st704:
	if ( ++p == pe )
		goto _test_eof704;
case 704:
	if ( (*p) > 158u ) {
		if ( 159u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st705:
	if ( ++p == pe )
		goto _test_eof705;
case 705:
	if ( (*p) < 174u ) {
		if ( (*p) > 143u ) {
			if ( 144u <= (*p) && (*p) <= 173u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr628;
	} else if ( (*p) > 175u ) {
		if ( (*p) > 180u ) {
			if ( 181u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 176u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st706:
	if ( ++p == pe )
		goto _test_eof706;
case 706:
	if ( (*p) < 172u ) {
		if ( 128u <= (*p) && (*p) <= 171u )
			goto tr393;
	} else if ( (*p) > 175u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st707:
	if ( ++p == pe )
		goto _test_eof707;
case 707:
	if ( (*p) > 137u ) {
		if ( 138u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st708:
	if ( ++p == pe )
		goto _test_eof708;
case 708:
	if ( (*p) < 151u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st709:
	if ( ++p == pe )
		goto _test_eof709;
case 709:
	if ( (*p) > 148u ) {
		if ( 149u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st710:
	if ( ++p == pe )
		goto _test_eof710;
case 710:
	if ( (*p) == 167u )
		goto tr393;
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr628;
	goto tr627;
st711:
	if ( ++p == pe )
		goto _test_eof711;
case 711:
	if ( (*p) < 133u ) {
		if ( 128u <= (*p) && (*p) <= 132u )
			goto tr628;
	} else if ( (*p) > 179u ) {
		if ( 180u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st712:
	if ( ++p == pe )
		goto _test_eof712;
case 712:
	if ( (*p) < 133u ) {
		if ( 128u <= (*p) && (*p) <= 132u )
			goto tr628;
	} else if ( (*p) > 139u ) {
		if ( 140u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st713:
	if ( ++p == pe )
		goto _test_eof713;
case 713:
	if ( (*p) < 161u ) {
		if ( (*p) > 130u ) {
			if ( 131u <= (*p) && (*p) <= 160u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr628;
	} else if ( (*p) > 173u ) {
		if ( (*p) < 176u ) {
			if ( 174u <= (*p) && (*p) <= 175u )
				goto tr393;
		} else if ( (*p) > 185u ) {
			if ( 186u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else
			goto tr628;
	} else
		goto tr628;
	goto tr627;
st714:
	if ( ++p == pe )
		goto _test_eof714;
case 714:
	if ( (*p) > 165u ) {
		if ( 166u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st715:
	if ( ++p == pe )
		goto _test_eof715;
case 715:
	if ( (*p) > 163u ) {
		if ( 164u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st716:
	if ( ++p == pe )
		goto _test_eof716;
case 716:
	if ( (*p) < 144u ) {
		if ( (*p) > 140u ) {
			if ( 141u <= (*p) && (*p) <= 143u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr628;
	} else if ( (*p) > 153u ) {
		if ( (*p) > 189u ) {
			if ( 190u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 154u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st717:
	if ( ++p == pe )
		goto _test_eof717;
case 717:
	if ( (*p) > 136u ) {
		if ( 137u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st718:
	if ( ++p == pe )
		goto _test_eof718;
case 718:
	switch( (*p) ) {
		case 173u: goto tr628;
		case 180u: goto tr628;
	}
	if ( (*p) < 169u ) {
		if ( 128u <= (*p) && (*p) <= 168u )
			goto tr628;
	} else if ( (*p) > 182u ) {
		if ( 183u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st719:
	if ( ++p == pe )
		goto _test_eof719;
case 719:
	if ( (*p) < 152u ) {
		if ( (*p) > 149u ) {
			if ( 150u <= (*p) && (*p) <= 151u )
				goto tr628;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 157u ) {
		if ( (*p) > 159u ) {
			if ( 160u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 158u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st720:
	if ( ++p == pe )
		goto _test_eof720;
case 720:
	switch( (*p) ) {
		case 152u: goto tr628;
		case 154u: goto tr628;
		case 156u: goto tr628;
		case 158u: goto tr628;
	}
	if ( (*p) < 136u ) {
		if ( (*p) > 133u ) {
			if ( 134u <= (*p) && (*p) <= 135u )
				goto tr628;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 141u ) {
		if ( (*p) < 144u ) {
			if ( 142u <= (*p) && (*p) <= 143u )
				goto tr628;
		} else if ( (*p) > 189u ) {
			if ( 190u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr627;
st721:
	if ( ++p == pe )
		goto _test_eof721;
case 721:
	switch( (*p) ) {
		case 181u: goto tr628;
		case 189u: goto tr628;
		case 191u: goto tr628;
	}
	if ( 128u <= (*p) && (*p) <= 190u )
		goto tr393;
	goto tr627;
st722:
	if ( ++p == pe )
		goto _test_eof722;
case 722:
	switch( (*p) ) {
		case 133u: goto tr628;
		case 181u: goto tr628;
	}
	if ( (*p) < 150u ) {
		if ( (*p) < 141u ) {
			if ( (*p) > 129u ) {
				if ( 130u <= (*p) && (*p) <= 140u )
					goto tr393;
			} else if ( (*p) >= 128u )
				goto tr628;
		} else if ( (*p) > 143u ) {
			if ( (*p) > 147u ) {
				if ( 148u <= (*p) && (*p) <= 149u )
					goto tr628;
			} else if ( (*p) >= 144u )
				goto tr393;
		} else
			goto tr628;
	} else if ( (*p) > 155u ) {
		if ( (*p) < 173u ) {
			if ( (*p) > 159u ) {
				if ( 160u <= (*p) && (*p) <= 172u )
					goto tr393;
			} else if ( (*p) >= 156u )
				goto tr628;
		} else if ( (*p) > 177u ) {
			if ( (*p) > 188u ) {
				if ( 189u <= (*p) && (*p) <= 191u )
					goto tr628;
			} else if ( (*p) >= 178u )
				goto tr393;
		} else
			goto tr628;
	} else
		goto tr393;
	goto tr627;
tr779:
#line 1 "NONE"
	{te = p+1;}
	goto st930;
st930:
	if ( ++p == pe )
		goto _test_eof930;
case 930:
#line 12442 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 129u: goto st723;
		case 130u: goto st724;
		case 132u: goto st725;
		case 133u: goto st726;
		case 134u: goto st717;
		case 176u: goto st727;
		case 177u: goto st728;
		case 178u: goto st684;
		case 179u: goto st729;
		case 180u: goto st730;
		case 181u: goto st731;
		case 182u: goto st732;
		case 183u: goto st733;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st653;
	goto tr835;
st723:
	if ( ++p == pe )
		goto _test_eof723;
case 723:
	switch( (*p) ) {
		case 177u: goto tr393;
		case 191u: goto tr393;
	}
	if ( 128u <= (*p) && (*p) <= 190u )
		goto tr628;
	goto tr627;
st724:
	if ( ++p == pe )
		goto _test_eof724;
case 724:
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 143u )
			goto tr628;
	} else if ( (*p) > 156u ) {
		if ( 157u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st725:
	if ( ++p == pe )
		goto _test_eof725;
case 725:
	switch( (*p) ) {
		case 130u: goto tr393;
		case 135u: goto tr393;
		case 148u: goto tr628;
		case 164u: goto tr393;
		case 166u: goto tr393;
		case 168u: goto tr393;
	}
	if ( (*p) < 152u ) {
		if ( (*p) < 138u ) {
			if ( 128u <= (*p) && (*p) <= 137u )
				goto tr628;
		} else if ( (*p) > 149u ) {
			if ( 150u <= (*p) && (*p) <= 151u )
				goto tr628;
		} else
			goto tr393;
	} else if ( (*p) > 157u ) {
		if ( (*p) < 170u ) {
			if ( 158u <= (*p) && (*p) <= 169u )
				goto tr628;
		} else if ( (*p) > 185u ) {
			if ( (*p) > 187u ) {
				if ( 188u <= (*p) && (*p) <= 191u )
					goto tr393;
			} else if ( (*p) >= 186u )
				goto tr628;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr627;
st726:
	if ( ++p == pe )
		goto _test_eof726;
case 726:
	if ( (*p) == 142u )
		goto tr393;
	if ( (*p) < 133u ) {
		if ( 128u <= (*p) && (*p) <= 132u )
			goto tr628;
	} else if ( (*p) > 137u ) {
		if ( (*p) > 159u ) {
			if ( 160u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 138u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st727:
	if ( ++p == pe )
		goto _test_eof727;
case 727:
	if ( (*p) == 175u )
		goto tr628;
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr627;
st728:
	if ( ++p == pe )
		goto _test_eof728;
case 728:
	if ( (*p) == 159u )
		goto tr628;
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr627;
st729:
	if ( ++p == pe )
		goto _test_eof729;
case 729:
	if ( (*p) < 171u ) {
		if ( (*p) > 164u ) {
			if ( 165u <= (*p) && (*p) <= 170u )
				goto tr628;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 174u ) {
		if ( (*p) < 178u ) {
			if ( 175u <= (*p) && (*p) <= 177u )
				goto tr628;
		} else if ( (*p) > 179u ) {
			if ( 180u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr627;
st730:
	if ( ++p == pe )
		goto _test_eof730;
case 730:
	switch( (*p) ) {
		case 166u: goto tr628;
		case 173u: goto tr393;
	}
	if ( (*p) < 168u ) {
		if ( 128u <= (*p) && (*p) <= 167u )
			goto tr393;
	} else if ( (*p) > 175u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st731:
	if ( ++p == pe )
		goto _test_eof731;
case 731:
	if ( (*p) == 175u )
		goto tr393;
	if ( (*p) > 167u ) {
		if ( 168u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st732:
	if ( ++p == pe )
		goto _test_eof732;
case 732:
	switch( (*p) ) {
		case 167u: goto tr628;
		case 175u: goto tr628;
		case 183u: goto tr628;
		case 191u: goto tr628;
	}
	if ( (*p) < 151u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( 160u <= (*p) && (*p) <= 190u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st733:
	if ( ++p == pe )
		goto _test_eof733;
case 733:
	switch( (*p) ) {
		case 135u: goto tr628;
		case 143u: goto tr628;
		case 151u: goto tr628;
	}
	if ( (*p) > 158u ) {
		if ( 159u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
tr780:
#line 1 "NONE"
	{te = p+1;}
	goto st931;
st931:
	if ( ++p == pe )
		goto _test_eof931;
case 931:
#line 12648 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 128u: goto st734;
		case 129u: goto st692;
		case 130u: goto st735;
		case 131u: goto st736;
		case 132u: goto st737;
		case 133u: goto st684;
		case 134u: goto st738;
		case 135u: goto st739;
	}
	if ( (*p) > 143u ) {
		if ( 144u <= (*p) && (*p) <= 191u )
			goto st684;
	} else if ( (*p) >= 136u )
		goto st653;
	goto tr835;
st734:
	if ( ++p == pe )
		goto _test_eof734;
case 734:
	if ( (*p) < 170u ) {
		if ( (*p) < 133u ) {
			if ( 128u <= (*p) && (*p) <= 132u )
				goto tr628;
		} else if ( (*p) > 135u ) {
			if ( (*p) > 160u ) {
				if ( 161u <= (*p) && (*p) <= 169u )
					goto tr393;
			} else if ( (*p) >= 136u )
				goto tr628;
		} else
			goto tr393;
	} else if ( (*p) > 176u ) {
		if ( (*p) < 182u ) {
			if ( 177u <= (*p) && (*p) <= 181u )
				goto tr393;
		} else if ( (*p) > 183u ) {
			if ( (*p) > 188u ) {
				if ( 189u <= (*p) && (*p) <= 191u )
					goto tr628;
			} else if ( (*p) >= 184u )
				goto tr393;
		} else
			goto tr628;
	} else
		goto tr628;
	goto tr627;
st735:
	if ( ++p == pe )
		goto _test_eof735;
case 735:
	if ( (*p) == 160u )
		goto tr628;
	if ( (*p) < 151u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto tr393;
	} else if ( (*p) > 154u ) {
		if ( 155u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st736:
	if ( ++p == pe )
		goto _test_eof736;
case 736:
	if ( (*p) == 187u )
		goto tr628;
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr627;
st737:
	if ( ++p == pe )
		goto _test_eof737;
case 737:
	if ( (*p) < 133u ) {
		if ( 128u <= (*p) && (*p) <= 132u )
			goto tr628;
	} else if ( (*p) > 173u ) {
		if ( (*p) > 176u ) {
			if ( 177u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 174u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st738:
	if ( ++p == pe )
		goto _test_eof738;
case 738:
	if ( (*p) < 143u ) {
		if ( 128u <= (*p) && (*p) <= 142u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( (*p) > 186u ) {
			if ( 187u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 160u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st739:
	if ( ++p == pe )
		goto _test_eof739;
case 739:
	if ( (*p) > 175u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr628;
	goto tr627;
tr781:
#line 1 "NONE"
	{te = p+1;}
	goto st932;
st932:
	if ( ++p == pe )
		goto _test_eof932;
case 932:
#line 12768 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 182u: goto st703;
		case 183u: goto st653;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st684;
	goto tr835;
tr782:
#line 1 "NONE"
	{te = p+1;}
	goto st933;
st933:
	if ( ++p == pe )
		goto _test_eof933;
case 933:
#line 12782 "gen/hcl_lex.c"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st684;
	goto tr835;
tr783:
#line 1 "NONE"
	{te = p+1;}
	goto st934;
st934:
	if ( ++p == pe )
		goto _test_eof934;
case 934:
#line 12792 "gen/hcl_lex.c"
	if ( (*p) == 191u )
		goto st740;
	if ( 128u <= (*p) && (*p) <= 190u )
		goto st684;
	goto tr835;
st740:
	if ( ++p == pe )
		goto _test_eof740;
case 740:
	if ( (*p) > 149u ) {
		if ( 150u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
tr784:
#line 1 "NONE"
	{te = p+1;}
	goto st935;
st935:
	if ( ++p == pe )
		goto _test_eof935;
case 935:
#line 12814 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 146u: goto st741;
		case 147u: goto st742;
		case 152u: goto st743;
		case 153u: goto st744;
		case 154u: goto st745;
		case 155u: goto st746;
		case 156u: goto st747;
		case 158u: goto st748;
		case 159u: goto st749;
		case 160u: goto st750;
		case 161u: goto st698;
		case 162u: goto st751;
		case 163u: goto st752;
		case 164u: goto st753;
		case 165u: goto st754;
		case 166u: goto st755;
		case 167u: goto st756;
		case 168u: goto st757;
		case 169u: goto st758;
		case 170u: goto st759;
		case 171u: goto st760;
		case 172u: goto st761;
		case 173u: goto st762;
		case 175u: goto st763;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st684;
	goto tr835;
st741:
	if ( ++p == pe )
		goto _test_eof741;
case 741:
	if ( (*p) > 140u ) {
		if ( 141u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st742:
	if ( ++p == pe )
		goto _test_eof742;
case 742:
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 143u )
			goto tr628;
	} else if ( (*p) > 189u ) {
		if ( 190u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st743:
	if ( ++p == pe )
		goto _test_eof743;
case 743:
	if ( (*p) < 144u ) {
		if ( (*p) > 140u ) {
			if ( 141u <= (*p) && (*p) <= 143u )
				goto tr628;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( (*p) < 170u ) {
			if ( 160u <= (*p) && (*p) <= 169u )
				goto tr628;
		} else if ( (*p) > 171u ) {
			if ( 172u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr627;
st744:
	if ( ++p == pe )
		goto _test_eof744;
case 744:
	if ( (*p) == 191u )
		goto tr393;
	if ( (*p) > 174u ) {
		if ( 175u <= (*p) && (*p) <= 190u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st745:
	if ( ++p == pe )
		goto _test_eof745;
case 745:
	if ( (*p) < 158u ) {
		if ( 128u <= (*p) && (*p) <= 157u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st746:
	if ( ++p == pe )
		goto _test_eof746;
case 746:
	if ( (*p) > 175u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st747:
	if ( ++p == pe )
		goto _test_eof747;
case 747:
	if ( (*p) < 151u ) {
		if ( 128u <= (*p) && (*p) <= 150u )
			goto tr628;
	} else if ( (*p) > 159u ) {
		if ( (*p) > 161u ) {
			if ( 162u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 160u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st748:
	if ( ++p == pe )
		goto _test_eof748;
case 748:
	if ( (*p) == 175u )
		goto tr628;
	if ( (*p) < 137u ) {
		if ( 128u <= (*p) && (*p) <= 136u )
			goto tr393;
	} else if ( (*p) > 138u ) {
		if ( (*p) > 183u ) {
			if ( 184u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 139u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st749:
	if ( ++p == pe )
		goto _test_eof749;
case 749:
	if ( (*p) > 182u ) {
		if ( 183u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr628;
	goto tr627;
st750:
	if ( ++p == pe )
		goto _test_eof750;
case 750:
	switch( (*p) ) {
		case 130u: goto tr628;
		case 134u: goto tr628;
		case 139u: goto tr628;
	}
	if ( (*p) > 162u ) {
		if ( 163u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st751:
	if ( ++p == pe )
		goto _test_eof751;
case 751:
	if ( (*p) < 130u ) {
		if ( 128u <= (*p) && (*p) <= 129u )
			goto tr628;
	} else if ( (*p) > 179u ) {
		if ( 180u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st752:
	if ( ++p == pe )
		goto _test_eof752;
case 752:
	switch( (*p) ) {
		case 187u: goto tr393;
		case 189u: goto tr393;
	}
	if ( (*p) < 178u ) {
		if ( 128u <= (*p) && (*p) <= 177u )
			goto tr628;
	} else if ( (*p) > 183u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st753:
	if ( ++p == pe )
		goto _test_eof753;
case 753:
	if ( (*p) < 138u ) {
		if ( 128u <= (*p) && (*p) <= 137u )
			goto tr628;
	} else if ( (*p) > 165u ) {
		if ( (*p) > 175u ) {
			if ( 176u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 166u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st754:
	if ( ++p == pe )
		goto _test_eof754;
case 754:
	if ( (*p) < 135u ) {
		if ( 128u <= (*p) && (*p) <= 134u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( (*p) > 188u ) {
			if ( 189u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 160u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st755:
	if ( ++p == pe )
		goto _test_eof755;
case 755:
	if ( (*p) < 132u ) {
		if ( 128u <= (*p) && (*p) <= 131u )
			goto tr628;
	} else if ( (*p) > 178u ) {
		if ( 179u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st756:
	if ( ++p == pe )
		goto _test_eof756;
case 756:
	switch( (*p) ) {
		case 143u: goto tr393;
		case 165u: goto tr628;
		case 191u: goto tr628;
	}
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 159u )
			goto tr628;
	} else if ( (*p) > 175u ) {
		if ( (*p) > 185u ) {
			if ( 186u <= (*p) && (*p) <= 190u )
				goto tr393;
		} else if ( (*p) >= 176u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st757:
	if ( ++p == pe )
		goto _test_eof757;
case 757:
	if ( (*p) > 168u ) {
		if ( 169u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st758:
	if ( ++p == pe )
		goto _test_eof758;
case 758:
	switch( (*p) ) {
		case 131u: goto tr628;
		case 186u: goto tr393;
	}
	if ( (*p) < 160u ) {
		if ( (*p) > 139u ) {
			if ( 140u <= (*p) && (*p) <= 159u )
				goto tr628;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 182u ) {
		if ( (*p) > 189u ) {
			if ( 190u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 183u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st759:
	if ( ++p == pe )
		goto _test_eof759;
case 759:
	if ( (*p) == 176u )
		goto tr628;
	if ( (*p) < 181u ) {
		if ( (*p) > 177u ) {
			if ( 178u <= (*p) && (*p) <= 180u )
				goto tr628;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 182u ) {
		if ( (*p) < 185u ) {
			if ( 183u <= (*p) && (*p) <= 184u )
				goto tr628;
		} else if ( (*p) > 189u ) {
			if ( 190u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else
			goto tr393;
	} else
		goto tr393;
	goto tr627;
st760:
	if ( ++p == pe )
		goto _test_eof760;
case 760:
	if ( (*p) == 129u )
		goto tr628;
	if ( (*p) < 158u ) {
		if ( (*p) < 131u ) {
			if ( 128u <= (*p) && (*p) <= 130u )
				goto tr393;
		} else if ( (*p) > 154u ) {
			if ( 155u <= (*p) && (*p) <= 157u )
				goto tr393;
		} else
			goto tr628;
	} else if ( (*p) > 159u ) {
		if ( (*p) < 171u ) {
			if ( 160u <= (*p) && (*p) <= 170u )
				goto tr393;
		} else if ( (*p) > 177u ) {
			if ( (*p) > 180u ) {
				if ( 181u <= (*p) && (*p) <= 191u )
					goto tr628;
			} else if ( (*p) >= 178u )
				goto tr393;
		} else
			goto tr628;
	} else
		goto tr628;
	goto tr627;
st761:
	if ( ++p == pe )
		goto _test_eof761;
case 761:
	switch( (*p) ) {
		case 128u: goto tr628;
		case 167u: goto tr628;
		case 175u: goto tr628;
	}
	if ( (*p) < 143u ) {
		if ( (*p) < 135u ) {
			if ( 129u <= (*p) && (*p) <= 134u )
				goto tr393;
		} else if ( (*p) > 136u ) {
			if ( 137u <= (*p) && (*p) <= 142u )
				goto tr393;
		} else
			goto tr628;
	} else if ( (*p) > 144u ) {
		if ( (*p) < 151u ) {
			if ( 145u <= (*p) && (*p) <= 150u )
				goto tr393;
		} else if ( (*p) > 159u ) {
			if ( 160u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else
			goto tr628;
	} else
		goto tr628;
	goto tr627;
st762:
	if ( ++p == pe )
		goto _test_eof762;
case 762:
	if ( (*p) == 155u )
		goto tr628;
	if ( (*p) < 166u ) {
		if ( 128u <= (*p) && (*p) <= 165u )
			goto tr393;
	} else if ( (*p) > 175u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st763:
	if ( ++p == pe )
		goto _test_eof763;
case 763:
	if ( (*p) > 162u ) {
		if ( 163u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
tr785:
#line 1 "NONE"
	{te = p+1;}
	goto st936;
st936:
	if ( ++p == pe )
		goto _test_eof936;
case 936:
#line 13227 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 158u: goto st764;
		case 159u: goto st765;
	}
	if ( 128u <= (*p) && (*p) <= 157u )
		goto st684;
	goto tr835;
st764:
	if ( ++p == pe )
		goto _test_eof764;
case 764:
	if ( (*p) < 164u ) {
		if ( 128u <= (*p) && (*p) <= 163u )
			goto tr393;
	} else if ( (*p) > 175u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st765:
	if ( ++p == pe )
		goto _test_eof765;
case 765:
	if ( (*p) < 135u ) {
		if ( 128u <= (*p) && (*p) <= 134u )
			goto tr393;
	} else if ( (*p) > 138u ) {
		if ( (*p) > 187u ) {
			if ( 188u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 139u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
tr786:
#line 1 "NONE"
	{te = p+1;}
	goto st937;
st937:
	if ( ++p == pe )
		goto _test_eof937;
case 937:
#line 13270 "gen/hcl_lex.c"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st653;
	goto tr835;
tr787:
#line 1 "NONE"
	{te = p+1;}
	goto st938;
st938:
	if ( ++p == pe )
		goto _test_eof938;
case 938:
#line 13280 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 169u: goto st766;
		case 171u: goto st767;
		case 172u: goto st768;
		case 173u: goto st769;
		case 174u: goto st770;
		case 175u: goto st771;
		case 180u: goto st772;
		case 181u: goto st773;
		case 182u: goto st774;
		case 183u: goto st775;
		case 184u: goto st653;
		case 185u: goto st776;
		case 187u: goto st777;
		case 188u: goto st778;
		case 189u: goto st779;
		case 190u: goto st780;
		case 191u: goto st781;
	}
	if ( (*p) > 163u ) {
		if ( 164u <= (*p) && (*p) <= 186u )
			goto st684;
	} else if ( (*p) >= 128u )
		goto st653;
	goto tr835;
st766:
	if ( ++p == pe )
		goto _test_eof766;
case 766:
	if ( (*p) < 174u ) {
		if ( 128u <= (*p) && (*p) <= 173u )
			goto tr393;
	} else if ( (*p) > 175u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st767:
	if ( ++p == pe )
		goto _test_eof767;
case 767:
	if ( (*p) > 153u ) {
		if ( 154u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st768:
	if ( ++p == pe )
		goto _test_eof768;
case 768:
	switch( (*p) ) {
		case 157u: goto tr393;
		case 169u: goto tr628;
		case 183u: goto tr628;
		case 189u: goto tr628;
		case 191u: goto tr628;
	}
	if ( (*p) < 147u ) {
		if ( (*p) > 134u ) {
			if ( 135u <= (*p) && (*p) <= 146u )
				goto tr628;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 151u ) {
		if ( (*p) > 158u ) {
			if ( 159u <= (*p) && (*p) <= 190u )
				goto tr393;
		} else if ( (*p) >= 152u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st769:
	if ( ++p == pe )
		goto _test_eof769;
case 769:
	switch( (*p) ) {
		case 130u: goto tr628;
		case 133u: goto tr628;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr627;
st770:
	if ( ++p == pe )
		goto _test_eof770;
case 770:
	if ( (*p) > 177u ) {
		if ( 178u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st771:
	if ( ++p == pe )
		goto _test_eof771;
case 771:
	if ( (*p) > 146u ) {
		if ( 147u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr628;
	goto tr627;
st772:
	if ( ++p == pe )
		goto _test_eof772;
case 772:
	if ( (*p) > 189u ) {
		if ( 190u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st773:
	if ( ++p == pe )
		goto _test_eof773;
case 773:
	if ( (*p) > 143u ) {
		if ( 144u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr628;
	goto tr627;
st774:
	if ( ++p == pe )
		goto _test_eof774;
case 774:
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 143u )
			goto tr393;
	} else if ( (*p) > 145u ) {
		if ( 146u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st775:
	if ( ++p == pe )
		goto _test_eof775;
case 775:
	if ( (*p) < 136u ) {
		if ( 128u <= (*p) && (*p) <= 135u )
			goto tr393;
	} else if ( (*p) > 175u ) {
		if ( (*p) > 187u ) {
			if ( 188u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 176u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st776:
	if ( ++p == pe )
		goto _test_eof776;
case 776:
	if ( (*p) == 181u )
		goto tr628;
	if ( (*p) > 175u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 128u )
		goto tr628;
	goto tr627;
st777:
	if ( ++p == pe )
		goto _test_eof777;
case 777:
	if ( (*p) > 188u ) {
		if ( 189u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st778:
	if ( ++p == pe )
		goto _test_eof778;
case 778:
	if ( (*p) < 161u ) {
		if ( 128u <= (*p) && (*p) <= 160u )
			goto tr628;
	} else if ( (*p) > 186u ) {
		if ( 187u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st779:
	if ( ++p == pe )
		goto _test_eof779;
case 779:
	if ( (*p) == 128u )
		goto tr628;
	if ( (*p) < 155u ) {
		if ( 129u <= (*p) && (*p) <= 154u )
			goto tr393;
	} else if ( (*p) > 165u ) {
		if ( 166u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st780:
	if ( ++p == pe )
		goto _test_eof780;
case 780:
	if ( (*p) == 191u )
		goto tr628;
	if ( 128u <= (*p) && (*p) <= 190u )
		goto tr393;
	goto tr627;
st781:
	if ( ++p == pe )
		goto _test_eof781;
case 781:
	if ( (*p) < 144u ) {
		if ( (*p) < 130u ) {
			if ( 128u <= (*p) && (*p) <= 129u )
				goto tr628;
		} else if ( (*p) > 135u ) {
			if ( (*p) > 137u ) {
				if ( 138u <= (*p) && (*p) <= 143u )
					goto tr393;
			} else if ( (*p) >= 136u )
				goto tr628;
		} else
			goto tr393;
	} else if ( (*p) > 145u ) {
		if ( (*p) < 152u ) {
			if ( 146u <= (*p) && (*p) <= 151u )
				goto tr393;
		} else if ( (*p) > 153u ) {
			if ( (*p) > 156u ) {
				if ( 157u <= (*p) && (*p) <= 191u )
					goto tr628;
			} else if ( (*p) >= 154u )
				goto tr393;
		} else
			goto tr628;
	} else
		goto tr628;
	goto tr627;
tr788:
#line 1 "NONE"
	{te = p+1;}
	goto st939;
st939:
	if ( ++p == pe )
		goto _test_eof939;
case 939:
#line 13531 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 144u: goto st782;
		case 145u: goto st809;
		case 146u: goto st831;
		case 147u: goto st833;
		case 148u: goto st834;
		case 150u: goto st836;
		case 151u: goto st842;
		case 152u: goto st843;
		case 155u: goto st845;
		case 157u: goto st849;
		case 158u: goto st861;
		case 170u: goto st866;
		case 171u: goto st868;
		case 172u: goto st869;
		case 175u: goto st871;
	}
	if ( (*p) < 160u ) {
		if ( 149u <= (*p) && (*p) <= 159u )
			goto st835;
	} else if ( (*p) > 169u ) {
		if ( 173u <= (*p) && (*p) <= 191u )
			goto st835;
	} else
		goto st842;
	goto tr835;
st782:
	if ( ++p == pe )
		goto _test_eof782;
case 782:
	switch( (*p) ) {
		case 128u: goto st783;
		case 129u: goto st784;
		case 130u: goto st684;
		case 131u: goto st785;
		case 133u: goto st786;
		case 138u: goto st787;
		case 139u: goto st788;
		case 140u: goto st789;
		case 141u: goto st790;
		case 142u: goto st745;
		case 143u: goto st791;
		case 146u: goto st792;
		case 147u: goto st793;
		case 148u: goto st794;
		case 149u: goto st715;
		case 156u: goto st795;
		case 157u: goto st796;
		case 160u: goto st797;
		case 161u: goto st798;
		case 162u: goto st704;
		case 163u: goto st799;
		case 164u: goto st800;
		case 166u: goto st801;
		case 168u: goto st802;
		case 169u: goto st803;
		case 170u: goto st804;
		case 171u: goto st805;
		case 172u: goto st703;
		case 173u: goto st806;
		case 174u: goto st807;
		case 176u: goto st684;
		case 177u: goto st717;
	}
	if ( (*p) < 152u ) {
		if ( (*p) < 144u ) {
			if ( 132u <= (*p) && (*p) <= 137u )
				goto st653;
		} else if ( (*p) > 145u ) {
			if ( 150u <= (*p) && (*p) <= 151u )
				goto st653;
		} else
			goto st684;
	} else if ( (*p) > 155u ) {
		if ( (*p) < 178u ) {
			if ( 158u <= (*p) && (*p) <= 175u )
				goto st653;
		} else if ( (*p) > 179u ) {
			if ( 180u <= (*p) && (*p) <= 191u )
				goto st653;
		} else
			goto st808;
	} else
		goto st684;
	goto tr627;
st783:
	if ( ++p == pe )
		goto _test_eof783;
case 783:
	switch( (*p) ) {
		case 140u: goto tr628;
		case 167u: goto tr628;
		case 187u: goto tr628;
		case 190u: goto tr628;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr627;
st784:
	if ( ++p == pe )
		goto _test_eof784;
case 784:
	if ( (*p) < 142u ) {
		if ( 128u <= (*p) && (*p) <= 141u )
			goto tr393;
	} else if ( (*p) > 143u ) {
		if ( (*p) > 157u ) {
			if ( 158u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 144u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st785:
	if ( ++p == pe )
		goto _test_eof785;
case 785:
	if ( (*p) > 186u ) {
		if ( 187u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st786:
	if ( ++p == pe )
		goto _test_eof786;
case 786:
	if ( (*p) > 180u ) {
		if ( 181u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st787:
	if ( ++p == pe )
		goto _test_eof787;
case 787:
	if ( (*p) < 157u ) {
		if ( 128u <= (*p) && (*p) <= 156u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st788:
	if ( ++p == pe )
		goto _test_eof788;
case 788:
	if ( (*p) > 144u ) {
		if ( 145u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st789:
	if ( ++p == pe )
		goto _test_eof789;
case 789:
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 159u )
			goto tr393;
	} else if ( (*p) > 175u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st790:
	if ( ++p == pe )
		goto _test_eof790;
case 790:
	if ( (*p) < 139u ) {
		if ( 128u <= (*p) && (*p) <= 138u )
			goto tr393;
	} else if ( (*p) > 143u ) {
		if ( (*p) > 181u ) {
			if ( 182u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 144u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st791:
	if ( ++p == pe )
		goto _test_eof791;
case 791:
	if ( (*p) == 144u )
		goto tr628;
	if ( (*p) < 132u ) {
		if ( 128u <= (*p) && (*p) <= 131u )
			goto tr393;
	} else if ( (*p) > 135u ) {
		if ( (*p) > 149u ) {
			if ( 150u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 136u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st792:
	if ( ++p == pe )
		goto _test_eof792;
case 792:
	if ( (*p) < 158u ) {
		if ( 128u <= (*p) && (*p) <= 157u )
			goto tr393;
	} else if ( (*p) > 175u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st793:
	if ( ++p == pe )
		goto _test_eof793;
case 793:
	if ( (*p) < 148u ) {
		if ( 128u <= (*p) && (*p) <= 147u )
			goto tr393;
	} else if ( (*p) > 151u ) {
		if ( (*p) > 187u ) {
			if ( 188u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 152u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st794:
	if ( ++p == pe )
		goto _test_eof794;
case 794:
	if ( (*p) < 168u ) {
		if ( 128u <= (*p) && (*p) <= 167u )
			goto tr393;
	} else if ( (*p) > 175u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st795:
	if ( ++p == pe )
		goto _test_eof795;
case 795:
	if ( (*p) > 182u ) {
		if ( 183u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st796:
	if ( ++p == pe )
		goto _test_eof796;
case 796:
	if ( (*p) < 150u ) {
		if ( 128u <= (*p) && (*p) <= 149u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( (*p) > 167u ) {
			if ( 168u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 160u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st797:
	if ( ++p == pe )
		goto _test_eof797;
case 797:
	switch( (*p) ) {
		case 136u: goto tr393;
		case 182u: goto tr628;
		case 188u: goto tr393;
		case 191u: goto tr393;
	}
	if ( (*p) < 134u ) {
		if ( 128u <= (*p) && (*p) <= 133u )
			goto tr393;
	} else if ( (*p) > 137u ) {
		if ( (*p) > 184u ) {
			if ( 185u <= (*p) && (*p) <= 190u )
				goto tr628;
		} else if ( (*p) >= 138u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st798:
	if ( ++p == pe )
		goto _test_eof798;
case 798:
	if ( (*p) < 150u ) {
		if ( 128u <= (*p) && (*p) <= 149u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( (*p) > 182u ) {
			if ( 183u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 160u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st799:
	if ( ++p == pe )
		goto _test_eof799;
case 799:
	if ( (*p) == 179u )
		goto tr628;
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 159u )
			goto tr628;
	} else if ( (*p) > 181u ) {
		if ( 182u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st800:
	if ( ++p == pe )
		goto _test_eof800;
case 800:
	if ( (*p) < 150u ) {
		if ( 128u <= (*p) && (*p) <= 149u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( (*p) > 185u ) {
			if ( 186u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 160u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st801:
	if ( ++p == pe )
		goto _test_eof801;
case 801:
	if ( (*p) < 184u ) {
		if ( 128u <= (*p) && (*p) <= 183u )
			goto tr393;
	} else if ( (*p) > 189u ) {
		if ( 190u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st802:
	if ( ++p == pe )
		goto _test_eof802;
case 802:
	switch( (*p) ) {
		case 128u: goto tr393;
		case 148u: goto tr628;
		case 152u: goto tr628;
	}
	if ( (*p) < 144u ) {
		if ( 129u <= (*p) && (*p) <= 143u )
			goto tr628;
	} else if ( (*p) > 179u ) {
		if ( 180u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st803:
	if ( ++p == pe )
		goto _test_eof803;
case 803:
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 159u )
			goto tr628;
	} else if ( (*p) > 188u ) {
		if ( 189u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st804:
	if ( ++p == pe )
		goto _test_eof804;
case 804:
	if ( (*p) > 156u ) {
		if ( 157u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st805:
	if ( ++p == pe )
		goto _test_eof805;
case 805:
	if ( (*p) == 136u )
		goto tr628;
	if ( (*p) > 164u ) {
		if ( 165u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st806:
	if ( ++p == pe )
		goto _test_eof806;
case 806:
	if ( (*p) < 150u ) {
		if ( 128u <= (*p) && (*p) <= 149u )
			goto tr393;
	} else if ( (*p) > 159u ) {
		if ( (*p) > 178u ) {
			if ( 179u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 160u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st807:
	if ( ++p == pe )
		goto _test_eof807;
case 807:
	if ( (*p) > 145u ) {
		if ( 146u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st808:
	if ( ++p == pe )
		goto _test_eof808;
case 808:
	if ( (*p) > 178u ) {
		if ( 179u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st809:
	if ( ++p == pe )
		goto _test_eof809;
case 809:
	switch( (*p) ) {
		case 128u: goto st810;
		case 130u: goto st811;
		case 131u: goto st812;
		case 132u: goto st813;
		case 133u: goto st814;
		case 134u: goto st815;
		case 135u: goto st816;
		case 136u: goto st817;
		case 138u: goto st818;
		case 139u: goto st704;
		case 140u: goto st662;
		case 141u: goto st819;
		case 144u: goto st786;
		case 145u: goto st820;
		case 146u: goto st746;
		case 147u: goto st821;
		case 150u: goto st822;
		case 151u: goto st823;
		case 152u: goto st746;
		case 153u: goto st824;
		case 154u: goto st825;
		case 156u: goto st767;
		case 162u: goto st700;
		case 163u: goto st826;
		case 171u: goto st827;
		case 176u: goto st828;
		case 177u: goto st829;
		case 178u: goto st830;
	}
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st653;
	goto tr627;
st810:
	if ( ++p == pe )
		goto _test_eof810;
case 810:
	if ( (*p) < 131u ) {
		if ( 128u <= (*p) && (*p) <= 130u )
			goto tr628;
	} else if ( (*p) > 183u ) {
		if ( 184u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st811:
	if ( ++p == pe )
		goto _test_eof811;
case 811:
	if ( (*p) < 131u ) {
		if ( 128u <= (*p) && (*p) <= 130u )
			goto tr628;
	} else if ( (*p) > 175u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st812:
	if ( ++p == pe )
		goto _test_eof812;
case 812:
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 143u )
			goto tr628;
	} else if ( (*p) > 168u ) {
		if ( 169u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st813:
	if ( ++p == pe )
		goto _test_eof813;
case 813:
	if ( (*p) < 131u ) {
		if ( 128u <= (*p) && (*p) <= 130u )
			goto tr628;
	} else if ( (*p) > 166u ) {
		if ( 167u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st814:
	if ( ++p == pe )
		goto _test_eof814;
case 814:
	if ( (*p) == 182u )
		goto tr393;
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 143u )
			goto tr628;
	} else if ( (*p) > 178u ) {
		if ( 179u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st815:
	if ( ++p == pe )
		goto _test_eof815;
case 815:
	if ( (*p) < 131u ) {
		if ( 128u <= (*p) && (*p) <= 130u )
			goto tr628;
	} else if ( (*p) > 178u ) {
		if ( 179u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st816:
	if ( ++p == pe )
		goto _test_eof816;
case 816:
	switch( (*p) ) {
		case 128u: goto tr628;
		case 154u: goto tr393;
		case 156u: goto tr393;
	}
	if ( (*p) > 132u ) {
		if ( 133u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 129u )
		goto tr393;
	goto tr627;
st817:
	if ( ++p == pe )
		goto _test_eof817;
case 817:
	if ( (*p) == 146u )
		goto tr628;
	if ( (*p) > 171u ) {
		if ( 172u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st818:
	if ( ++p == pe )
		goto _test_eof818;
case 818:
	switch( (*p) ) {
		case 135u: goto tr628;
		case 137u: goto tr628;
		case 142u: goto tr628;
		case 158u: goto tr628;
	}
	if ( (*p) < 169u ) {
		if ( 128u <= (*p) && (*p) <= 168u )
			goto tr393;
	} else if ( (*p) > 175u ) {
		if ( 176u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st819:
	if ( ++p == pe )
		goto _test_eof819;
case 819:
	if ( (*p) == 144u )
		goto tr393;
	if ( (*p) < 157u ) {
		if ( 128u <= (*p) && (*p) <= 156u )
			goto tr628;
	} else if ( (*p) > 161u ) {
		if ( 162u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st820:
	if ( ++p == pe )
		goto _test_eof820;
case 820:
	if ( (*p) < 135u ) {
		if ( 128u <= (*p) && (*p) <= 134u )
			goto tr628;
	} else if ( (*p) > 138u ) {
		if ( 139u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st821:
	if ( ++p == pe )
		goto _test_eof821;
case 821:
	if ( (*p) == 134u )
		goto tr628;
	if ( (*p) < 132u ) {
		if ( 128u <= (*p) && (*p) <= 131u )
			goto tr628;
	} else if ( (*p) > 135u ) {
		if ( 136u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st822:
	if ( ++p == pe )
		goto _test_eof822;
case 822:
	if ( (*p) > 174u ) {
		if ( 175u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st823:
	if ( ++p == pe )
		goto _test_eof823;
case 823:
	if ( (*p) < 152u ) {
		if ( 128u <= (*p) && (*p) <= 151u )
			goto tr628;
	} else if ( (*p) > 155u ) {
		if ( 156u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st824:
	if ( ++p == pe )
		goto _test_eof824;
case 824:
	if ( (*p) == 132u )
		goto tr393;
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr628;
	goto tr627;
st825:
	if ( ++p == pe )
		goto _test_eof825;
case 825:
	if ( (*p) > 170u ) {
		if ( 171u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st826:
	if ( ++p == pe )
		goto _test_eof826;
case 826:
	if ( (*p) == 191u )
		goto tr393;
	if ( (*p) > 159u ) {
		if ( 160u <= (*p) && (*p) <= 190u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st827:
	if ( ++p == pe )
		goto _test_eof827;
case 827:
	if ( (*p) > 184u ) {
		if ( 185u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st828:
	if ( ++p == pe )
		goto _test_eof828;
case 828:
	if ( (*p) == 137u )
		goto tr628;
	if ( (*p) > 174u ) {
		if ( 175u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st829:
	if ( ++p == pe )
		goto _test_eof829;
case 829:
	if ( (*p) == 128u )
		goto tr393;
	if ( (*p) > 177u ) {
		if ( 178u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else if ( (*p) >= 129u )
		goto tr628;
	goto tr627;
st830:
	if ( ++p == pe )
		goto _test_eof830;
case 830:
	if ( (*p) > 143u ) {
		if ( 144u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st831:
	if ( ++p == pe )
		goto _test_eof831;
case 831:
	switch( (*p) ) {
		case 142u: goto st767;
		case 143u: goto st653;
		case 145u: goto st822;
		case 149u: goto st832;
	}
	if ( (*p) > 148u ) {
		if ( 150u <= (*p) && (*p) <= 191u )
			goto st653;
	} else if ( (*p) >= 128u )
		goto st684;
	goto tr627;
st832:
	if ( ++p == pe )
		goto _test_eof832;
case 832:
	if ( (*p) > 131u ) {
		if ( 132u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st833:
	if ( ++p == pe )
		goto _test_eof833;
case 833:
	if ( (*p) == 144u )
		goto st822;
	if ( (*p) > 143u ) {
		if ( 145u <= (*p) && (*p) <= 191u )
			goto st653;
	} else if ( (*p) >= 128u )
		goto st684;
	goto tr627;
st834:
	if ( ++p == pe )
		goto _test_eof834;
case 834:
	if ( (*p) == 153u )
		goto st673;
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 143u )
			goto st653;
	} else if ( (*p) > 152u ) {
		if ( 154u <= (*p) && (*p) <= 191u )
			goto st653;
	} else
		goto st684;
	goto tr627;
st835:
	if ( ++p == pe )
		goto _test_eof835;
case 835:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st653;
	goto tr627;
st836:
	if ( ++p == pe )
		goto _test_eof836;
case 836:
	switch( (*p) ) {
		case 168u: goto st827;
		case 169u: goto st704;
		case 171u: goto st837;
		case 172u: goto st746;
		case 173u: goto st838;
		case 174u: goto st830;
		case 188u: goto st684;
		case 189u: goto st839;
		case 190u: goto st840;
		case 191u: goto st841;
	}
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 159u )
			goto st653;
	} else if ( (*p) > 167u ) {
		if ( 170u <= (*p) && (*p) <= 187u )
			goto st653;
	} else
		goto st684;
	goto tr627;
st837:
	if ( ++p == pe )
		goto _test_eof837;
case 837:
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 143u )
			goto tr628;
	} else if ( (*p) > 173u ) {
		if ( 174u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st838:
	if ( ++p == pe )
		goto _test_eof838;
case 838:
	if ( (*p) < 163u ) {
		if ( (*p) > 131u ) {
			if ( 132u <= (*p) && (*p) <= 162u )
				goto tr628;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 183u ) {
		if ( (*p) > 188u ) {
			if ( 189u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 184u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st839:
	if ( ++p == pe )
		goto _test_eof839;
case 839:
	if ( (*p) == 144u )
		goto tr393;
	if ( (*p) > 132u ) {
		if ( 133u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st840:
	if ( ++p == pe )
		goto _test_eof840;
case 840:
	if ( (*p) < 147u ) {
		if ( 128u <= (*p) && (*p) <= 146u )
			goto tr628;
	} else if ( (*p) > 159u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st841:
	if ( ++p == pe )
		goto _test_eof841;
case 841:
	if ( (*p) == 160u )
		goto tr393;
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr628;
	goto tr627;
st842:
	if ( ++p == pe )
		goto _test_eof842;
case 842:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st684;
	goto tr627;
st843:
	if ( ++p == pe )
		goto _test_eof843;
case 843:
	switch( (*p) ) {
		case 159u: goto st844;
		case 171u: goto st808;
	}
	if ( (*p) > 170u ) {
		if ( 172u <= (*p) && (*p) <= 191u )
			goto st653;
	} else if ( (*p) >= 128u )
		goto st684;
	goto tr627;
st844:
	if ( ++p == pe )
		goto _test_eof844;
case 844:
	if ( (*p) > 172u ) {
		if ( 173u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st845:
	if ( ++p == pe )
		goto _test_eof845;
case 845:
	switch( (*p) ) {
		case 128u: goto st846;
		case 176u: goto st684;
		case 177u: goto st847;
		case 178u: goto st848;
	}
	if ( 129u <= (*p) && (*p) <= 191u )
		goto st653;
	goto tr627;
st846:
	if ( ++p == pe )
		goto _test_eof846;
case 846:
	if ( (*p) > 129u ) {
		if ( 130u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st847:
	if ( ++p == pe )
		goto _test_eof847;
case 847:
	if ( (*p) < 171u ) {
		if ( 128u <= (*p) && (*p) <= 170u )
			goto tr393;
	} else if ( (*p) > 175u ) {
		if ( (*p) > 188u ) {
			if ( 189u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 176u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st848:
	if ( ++p == pe )
		goto _test_eof848;
case 848:
	if ( (*p) < 137u ) {
		if ( 128u <= (*p) && (*p) <= 136u )
			goto tr393;
	} else if ( (*p) > 143u ) {
		if ( (*p) > 153u ) {
			if ( 154u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 144u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st849:
	if ( ++p == pe )
		goto _test_eof849;
case 849:
	switch( (*p) ) {
		case 145u: goto st850;
		case 146u: goto st851;
		case 147u: goto st852;
		case 148u: goto st853;
		case 149u: goto st854;
		case 154u: goto st855;
		case 155u: goto st856;
		case 156u: goto st857;
		case 157u: goto st858;
		case 158u: goto st859;
		case 159u: goto st860;
	}
	if ( (*p) < 144u ) {
		if ( 128u <= (*p) && (*p) <= 143u )
			goto st653;
	} else if ( (*p) > 153u ) {
		if ( 160u <= (*p) && (*p) <= 191u )
			goto st653;
	} else
		goto st684;
	goto tr627;
st850:
	if ( ++p == pe )
		goto _test_eof850;
case 850:
	if ( (*p) == 149u )
		goto tr628;
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr627;
st851:
	if ( ++p == pe )
		goto _test_eof851;
case 851:
	switch( (*p) ) {
		case 157u: goto tr628;
		case 162u: goto tr393;
		case 173u: goto tr628;
		case 186u: goto tr628;
		case 188u: goto tr628;
	}
	if ( (*p) < 165u ) {
		if ( (*p) > 159u ) {
			if ( 160u <= (*p) && (*p) <= 164u )
				goto tr628;
		} else if ( (*p) >= 128u )
			goto tr393;
	} else if ( (*p) > 166u ) {
		if ( (*p) > 168u ) {
			if ( 169u <= (*p) && (*p) <= 191u )
				goto tr393;
		} else if ( (*p) >= 167u )
			goto tr628;
	} else
		goto tr393;
	goto tr627;
st852:
	if ( ++p == pe )
		goto _test_eof852;
case 852:
	if ( (*p) == 132u )
		goto tr628;
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr627;
st853:
	if ( ++p == pe )
		goto _test_eof853;
case 853:
	switch( (*p) ) {
		case 134u: goto tr628;
		case 149u: goto tr628;
		case 157u: goto tr628;
		case 186u: goto tr628;
		case 191u: goto tr628;
	}
	if ( (*p) < 139u ) {
		if ( 128u <= (*p) && (*p) <= 138u )
			goto tr393;
	} else if ( (*p) > 140u ) {
		if ( 141u <= (*p) && (*p) <= 190u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st854:
	if ( ++p == pe )
		goto _test_eof854;
case 854:
	switch( (*p) ) {
		case 133u: goto tr628;
		case 145u: goto tr628;
	}
	if ( (*p) < 135u ) {
		if ( 128u <= (*p) && (*p) <= 134u )
			goto tr393;
	} else if ( (*p) > 137u ) {
		if ( 138u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st855:
	if ( ++p == pe )
		goto _test_eof855;
case 855:
	if ( (*p) < 166u ) {
		if ( 128u <= (*p) && (*p) <= 165u )
			goto tr393;
	} else if ( (*p) > 167u ) {
		if ( 168u <= (*p) && (*p) <= 191u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st856:
	if ( ++p == pe )
		goto _test_eof856;
case 856:
	switch( (*p) ) {
		case 129u: goto tr628;
		case 155u: goto tr628;
		case 187u: goto tr628;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr627;
st857:
	if ( ++p == pe )
		goto _test_eof857;
case 857:
	switch( (*p) ) {
		case 149u: goto tr628;
		case 181u: goto tr628;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr627;
st858:
	if ( ++p == pe )
		goto _test_eof858;
case 858:
	switch( (*p) ) {
		case 143u: goto tr628;
		case 175u: goto tr628;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr627;
st859:
	if ( ++p == pe )
		goto _test_eof859;
case 859:
	switch( (*p) ) {
		case 137u: goto tr628;
		case 169u: goto tr628;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr393;
	goto tr627;
st860:
	if ( ++p == pe )
		goto _test_eof860;
case 860:
	if ( (*p) == 131u )
		goto tr628;
	if ( (*p) > 139u ) {
		if ( 140u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st861:
	if ( ++p == pe )
		goto _test_eof861;
case 861:
	switch( (*p) ) {
		case 163u: goto st862;
		case 165u: goto st832;
		case 184u: goto st863;
		case 185u: goto st864;
		case 186u: goto st865;
	}
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 159u )
			goto st653;
	} else if ( (*p) > 164u ) {
		if ( 166u <= (*p) && (*p) <= 191u )
			goto st653;
	} else
		goto st684;
	goto tr627;
st862:
	if ( ++p == pe )
		goto _test_eof862;
case 862:
	if ( (*p) > 132u ) {
		if ( 133u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st863:
	if ( ++p == pe )
		goto _test_eof863;
case 863:
	switch( (*p) ) {
		case 132u: goto tr628;
		case 160u: goto tr628;
		case 163u: goto tr628;
		case 167u: goto tr393;
		case 179u: goto tr628;
		case 184u: goto tr628;
		case 186u: goto tr628;
	}
	if ( (*p) < 165u ) {
		if ( 128u <= (*p) && (*p) <= 164u )
			goto tr393;
	} else if ( (*p) > 168u ) {
		if ( (*p) > 187u ) {
			if ( 188u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 169u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st864:
	if ( ++p == pe )
		goto _test_eof864;
case 864:
	switch( (*p) ) {
		case 130u: goto tr393;
		case 135u: goto tr393;
		case 137u: goto tr393;
		case 139u: goto tr393;
		case 144u: goto tr628;
		case 147u: goto tr628;
		case 151u: goto tr393;
		case 153u: goto tr393;
		case 155u: goto tr393;
		case 157u: goto tr393;
		case 159u: goto tr393;
		case 163u: goto tr628;
		case 171u: goto tr628;
		case 179u: goto tr628;
		case 184u: goto tr628;
		case 189u: goto tr628;
		case 191u: goto tr628;
	}
	if ( (*p) < 149u ) {
		if ( (*p) > 140u ) {
			if ( 141u <= (*p) && (*p) <= 148u )
				goto tr393;
		} else if ( (*p) >= 128u )
			goto tr628;
	} else if ( (*p) > 160u ) {
		if ( (*p) < 165u ) {
			if ( 161u <= (*p) && (*p) <= 164u )
				goto tr393;
		} else if ( (*p) > 166u ) {
			if ( 167u <= (*p) && (*p) <= 190u )
				goto tr393;
		} else
			goto tr628;
	} else
		goto tr628;
	goto tr627;
st865:
	if ( ++p == pe )
		goto _test_eof865;
case 865:
	switch( (*p) ) {
		case 138u: goto tr628;
		case 164u: goto tr628;
		case 170u: goto tr628;
	}
	if ( (*p) < 156u ) {
		if ( 128u <= (*p) && (*p) <= 155u )
			goto tr393;
	} else if ( (*p) > 160u ) {
		if ( (*p) > 187u ) {
			if ( 188u <= (*p) && (*p) <= 191u )
				goto tr628;
		} else if ( (*p) >= 161u )
			goto tr393;
	} else
		goto tr628;
	goto tr627;
st866:
	if ( ++p == pe )
		goto _test_eof866;
case 866:
	if ( (*p) == 155u )
		goto st867;
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st684;
	goto tr627;
st867:
	if ( ++p == pe )
		goto _test_eof867;
case 867:
	if ( (*p) > 150u ) {
		if ( 151u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st868:
	if ( ++p == pe )
		goto _test_eof868;
case 868:
	switch( (*p) ) {
		case 156u: goto st786;
		case 160u: goto st745;
	}
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st684;
	goto tr627;
st869:
	if ( ++p == pe )
		goto _test_eof869;
case 869:
	if ( (*p) == 186u )
		goto st870;
	if ( (*p) > 185u ) {
		if ( 187u <= (*p) && (*p) <= 191u )
			goto st653;
	} else if ( (*p) >= 128u )
		goto st684;
	goto tr627;
st870:
	if ( ++p == pe )
		goto _test_eof870;
case 870:
	if ( (*p) > 161u ) {
		if ( 162u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
st871:
	if ( ++p == pe )
		goto _test_eof871;
case 871:
	if ( (*p) == 168u )
		goto st872;
	if ( (*p) < 160u ) {
		if ( 128u <= (*p) && (*p) <= 159u )
			goto st653;
	} else if ( (*p) > 167u ) {
		if ( 169u <= (*p) && (*p) <= 191u )
			goto st653;
	} else
		goto st684;
	goto tr627;
st872:
	if ( ++p == pe )
		goto _test_eof872;
case 872:
	if ( (*p) > 157u ) {
		if ( 158u <= (*p) && (*p) <= 191u )
			goto tr628;
	} else if ( (*p) >= 128u )
		goto tr393;
	goto tr627;
tr789:
#line 1 "NONE"
	{te = p+1;}
	goto st940;
st940:
	if ( ++p == pe )
		goto _test_eof940;
case 940:
#line 14893 "gen/hcl_lex.c"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st835;
	goto tr835;
tr790:
#line 1 "NONE"
	{te = p+1;}
	goto st941;
st941:
	if ( ++p == pe )
		goto _test_eof941;
case 941:
#line 14903 "gen/hcl_lex.c"
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st835;
	goto tr835;
tr716:
#line 686 "src/hcl_lex.rl"
	{{p = ((te))-1;}{ EMIT(HCL_TOK_QUOTED_LIT, W_ANY); }}
	goto st942;
tr725:
#line 1 "NONE"
	{	switch( act ) {
	case 4:
	{{p = ((te))-1;} EMIT(HCL_TOK_QUOTED_LIT, W_ANY); }
	break;
	case 6:
	{{p = ((te))-1;} EMIT(HCL_TOK_INVALID, W_ANY); }
	break;
	}
	}
	goto st942;
tr726:
#line 689 "src/hcl_lex.rl"
	{{p = ((te))-1;}{ EMIT(HCL_TOK_BAD_UTF8, W_ANY); }}
	goto st942;
tr973:
#line 553 "src/hcl_lex.rl"
	{te = p+1;{
        EMIT(HCL_TOK_CQUOTE, W_ASCII);
        {cs = ( x.stack)[--top];goto _again;}
    }}
	goto st942;
tr977:
#line 689 "src/hcl_lex.rl"
	{te = p+1;{ EMIT(HCL_TOK_BAD_UTF8, W_ANY); }}
	goto st942;
tr985:
#line 686 "src/hcl_lex.rl"
	{te = p;p--;{ EMIT(HCL_TOK_QUOTED_LIT, W_ANY); }}
	goto st942;
tr987:
#line 687 "src/hcl_lex.rl"
	{te = p;p--;{ EMIT(HCL_TOK_QUOTED_NEWLINE, W_ANY); }}
	goto st942;
tr988:
#line 688 "src/hcl_lex.rl"
	{te = p;p--;{ EMIT(HCL_TOK_INVALID, W_ANY); }}
	goto st942;
tr992:
#line 672 "src/hcl_lex.rl"
	{ p--; }
#line 686 "src/hcl_lex.rl"
	{te = p;p--;{ EMIT(HCL_TOK_QUOTED_LIT, W_ANY); }}
	goto st942;
tr994:
#line 686 "src/hcl_lex.rl"
	{te = p+1;{ EMIT(HCL_TOK_QUOTED_LIT, W_ANY); }}
	goto st942;
tr995:
#line 599 "src/hcl_lex.rl"
	{te = p;p--;{
        EMIT(HCL_TOK_TEMPLATE_INTERP, W_ASCII);
        if (lx_reserve(&x, top) != 0) {
            {p = (( pe))-1;}
        } else {
            x.ret[x.nret++] = ++x.braces;
            if (x.nhd > 0) x.hd[x.nhd - 1].sol = 0;
            {( x.stack)[top++] = 942;goto st893;}
        }
    }}
	goto st942;
tr996:
#line 599 "src/hcl_lex.rl"
	{te = p+1;{
        EMIT(HCL_TOK_TEMPLATE_INTERP, W_ASCII);
        if (lx_reserve(&x, top) != 0) {
            {p = (( pe))-1;}
        } else {
            x.ret[x.nret++] = ++x.braces;
            if (x.nhd > 0) x.hd[x.nhd - 1].sol = 0;
            {( x.stack)[top++] = 942;goto st893;}
        }
    }}
	goto st942;
tr998:
#line 610 "src/hcl_lex.rl"
	{te = p;p--;{
        EMIT(HCL_TOK_TEMPLATE_CONTROL, W_ASCII);
        if (lx_reserve(&x, top) != 0) {
            {p = (( pe))-1;}
        } else {
            x.ret[x.nret++] = ++x.braces;
            if (x.nhd > 0) x.hd[x.nhd - 1].sol = 0;
            {( x.stack)[top++] = 942;goto st893;}
        }
    }}
	goto st942;
tr999:
#line 610 "src/hcl_lex.rl"
	{te = p+1;{
        EMIT(HCL_TOK_TEMPLATE_CONTROL, W_ASCII);
        if (lx_reserve(&x, top) != 0) {
            {p = (( pe))-1;}
        } else {
            x.ret[x.nret++] = ++x.braces;
            if (x.nhd > 0) x.hd[x.nhd - 1].sol = 0;
            {( x.stack)[top++] = 942;goto st893;}
        }
    }}
	goto st942;
tr1000:
#line 689 "src/hcl_lex.rl"
	{te = p;p--;{ EMIT(HCL_TOK_BAD_UTF8, W_ANY); }}
	goto st942;
st942:
#line 1 "NONE"
	{ts = 0;}
	if ( ++p == pe )
		goto _test_eof942;
case 942:
#line 1 "NONE"
	{ts = p;}
#line 15005 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 10u: goto st944;
		case 13u: goto st944;
		case 34u: goto tr973;
		case 36u: goto st945;
		case 37u: goto st950;
		case 92u: goto tr976;
		case 224u: goto tr979;
		case 237u: goto tr981;
		case 240u: goto tr982;
		case 244u: goto tr984;
	}
	if ( (*p) < 225u ) {
		if ( (*p) > 193u ) {
			if ( 194u <= (*p) && (*p) <= 223u )
				goto st953;
		} else if ( (*p) >= 128u )
			goto tr977;
	} else if ( (*p) > 239u ) {
		if ( (*p) > 243u ) {
			if ( 245u <= (*p) )
				goto tr977;
		} else if ( (*p) >= 241u )
			goto tr983;
	} else
		goto tr980;
	goto tr717;
tr717:
#line 1 "NONE"
	{te = p+1;}
#line 686 "src/hcl_lex.rl"
	{act = 4;}
	goto st943;
st943:
	if ( ++p == pe )
		goto _test_eof943;
case 943:
#line 15040 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 10u: goto tr985;
		case 13u: goto tr985;
		case 34u: goto tr985;
		case 92u: goto st873;
		case 224u: goto st875;
		case 237u: goto st877;
		case 240u: goto st878;
		case 244u: goto st880;
	}
	if ( (*p) < 194u ) {
		if ( (*p) > 37u ) {
			if ( 128u <= (*p) && (*p) <= 193u )
				goto tr985;
		} else if ( (*p) >= 36u )
			goto tr985;
	} else if ( (*p) > 223u ) {
		if ( (*p) < 241u ) {
			if ( 225u <= (*p) && (*p) <= 239u )
				goto st876;
		} else if ( (*p) > 243u ) {
			if ( 245u <= (*p) )
				goto tr985;
		} else
			goto st879;
	} else
		goto st874;
	goto tr717;
st873:
	if ( ++p == pe )
		goto _test_eof873;
case 873:
	switch( (*p) ) {
		case 10u: goto tr716;
		case 13u: goto tr716;
		case 224u: goto st875;
		case 237u: goto st877;
		case 240u: goto st878;
		case 244u: goto st880;
	}
	if ( (*p) < 225u ) {
		if ( (*p) > 193u ) {
			if ( 194u <= (*p) && (*p) <= 223u )
				goto st874;
		} else if ( (*p) >= 128u )
			goto tr716;
	} else if ( (*p) > 239u ) {
		if ( (*p) > 243u ) {
			if ( 245u <= (*p) )
				goto tr716;
		} else if ( (*p) >= 241u )
			goto st879;
	} else
		goto st876;
	goto tr717;
st874:
	if ( ++p == pe )
		goto _test_eof874;
case 874:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr717;
	goto tr725;
st875:
	if ( ++p == pe )
		goto _test_eof875;
case 875:
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st874;
	goto tr725;
st876:
	if ( ++p == pe )
		goto _test_eof876;
case 876:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st874;
	goto tr725;
st877:
	if ( ++p == pe )
		goto _test_eof877;
case 877:
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st874;
	goto tr725;
st878:
	if ( ++p == pe )
		goto _test_eof878;
case 878:
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st876;
	goto tr725;
st879:
	if ( ++p == pe )
		goto _test_eof879;
case 879:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st876;
	goto tr725;
st880:
	if ( ++p == pe )
		goto _test_eof880;
case 880:
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st876;
	goto tr725;
st944:
	if ( ++p == pe )
		goto _test_eof944;
case 944:
	switch( (*p) ) {
		case 10u: goto st944;
		case 13u: goto st944;
	}
	goto tr987;
st945:
	if ( ++p == pe )
		goto _test_eof945;
case 945:
	switch( (*p) ) {
		case 36u: goto st947;
		case 123u: goto st949;
	}
	goto st946;
st946:
	if ( ++p == pe )
		goto _test_eof946;
case 946:
	goto tr992;
st947:
	if ( ++p == pe )
		goto _test_eof947;
case 947:
	if ( (*p) == 123u )
		goto st948;
	goto tr992;
st948:
	if ( ++p == pe )
		goto _test_eof948;
case 948:
	if ( (*p) == 126u )
		goto tr994;
	goto tr985;
st949:
	if ( ++p == pe )
		goto _test_eof949;
case 949:
	if ( (*p) == 126u )
		goto tr996;
	goto tr995;
st950:
	if ( ++p == pe )
		goto _test_eof950;
case 950:
	switch( (*p) ) {
		case 37u: goto st947;
		case 123u: goto st951;
	}
	goto st946;
st951:
	if ( ++p == pe )
		goto _test_eof951;
case 951:
	if ( (*p) == 126u )
		goto tr999;
	goto tr998;
tr976:
#line 1 "NONE"
	{te = p+1;}
#line 688 "src/hcl_lex.rl"
	{act = 6;}
	goto st952;
st952:
	if ( ++p == pe )
		goto _test_eof952;
case 952:
#line 15212 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 10u: goto tr988;
		case 13u: goto tr988;
		case 224u: goto st875;
		case 237u: goto st877;
		case 240u: goto st878;
		case 244u: goto st880;
	}
	if ( (*p) < 225u ) {
		if ( (*p) > 193u ) {
			if ( 194u <= (*p) && (*p) <= 223u )
				goto st874;
		} else if ( (*p) >= 128u )
			goto tr988;
	} else if ( (*p) > 239u ) {
		if ( (*p) > 243u ) {
			if ( 245u <= (*p) )
				goto tr988;
		} else if ( (*p) >= 241u )
			goto st879;
	} else
		goto st876;
	goto tr717;
st953:
	if ( ++p == pe )
		goto _test_eof953;
case 953:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr717;
	goto tr1000;
tr979:
#line 1 "NONE"
	{te = p+1;}
	goto st954;
st954:
	if ( ++p == pe )
		goto _test_eof954;
case 954:
#line 15249 "gen/hcl_lex.c"
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st881;
	goto tr1000;
st881:
	if ( ++p == pe )
		goto _test_eof881;
case 881:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr717;
	goto tr726;
tr980:
#line 1 "NONE"
	{te = p+1;}
	goto st955;
st955:
	if ( ++p == pe )
		goto _test_eof955;
case 955:
#line 15266 "gen/hcl_lex.c"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st881;
	goto tr1000;
tr981:
#line 1 "NONE"
	{te = p+1;}
	goto st956;
st956:
	if ( ++p == pe )
		goto _test_eof956;
case 956:
#line 15276 "gen/hcl_lex.c"
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st881;
	goto tr1000;
tr982:
#line 1 "NONE"
	{te = p+1;}
	goto st957;
st957:
	if ( ++p == pe )
		goto _test_eof957;
case 957:
#line 15286 "gen/hcl_lex.c"
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st882;
	goto tr1000;
st882:
	if ( ++p == pe )
		goto _test_eof882;
case 882:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st881;
	goto tr726;
tr983:
#line 1 "NONE"
	{te = p+1;}
	goto st958;
st958:
	if ( ++p == pe )
		goto _test_eof958;
case 958:
#line 15303 "gen/hcl_lex.c"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st882;
	goto tr1000;
tr984:
#line 1 "NONE"
	{te = p+1;}
	goto st959;
st959:
	if ( ++p == pe )
		goto _test_eof959;
case 959:
#line 15313 "gen/hcl_lex.c"
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st882;
	goto tr1000;
tr728:
#line 1 "NONE"
	{	switch( act ) {
	case 0:
	{{goto st0;}}
	break;
	case 11:
	{{p = ((te))-1;}
        x.hd[x.nhd - 1].sol = 0;
        EMIT(HCL_TOK_STRING_LIT, W_ANY);
    }
	break;
	case 12:
	{{p = ((te))-1;} EMIT(HCL_TOK_BAD_UTF8, W_ANY); }
	break;
	}
	}
	goto st960;
tr729:
#line 576 "src/hcl_lex.rl"
	{te = p+1;{
        hd_entry *h = &x.hd[x.nhd - 1];
        if (h->sol && lx_is_marker(&x, ts, te)) {
            /* the closing marker, then its newline as a token of its own */
            const uchar *nl = te - 1;
            if (nl > ts && nl[-1] == '\r') nl--;
            lx_emit(&x, HCL_TOK_CHEREDOC, ts, nl, W_ANY);
            lx_emit(&x, HCL_TOK_NEWLINE, nl, te, W_EOL);
            x.nhd--;
            {cs = ( x.stack)[--top];goto _again;}
        }
        h->sol = 1;
        /* te[-1] is the newline, except after "$x" or "%x" at the end of a line,
         * where the hold in not_brace ends the token early (as upstream) */
        EMIT(HCL_TOK_STRING_LIT, te[-1] == '\n' ? W_EOL : W_ANY);
        {p = (( lx_hd_fast(&x, te, pe)))-1;}
    }}
	goto st960;
tr731:
#line 594 "src/hcl_lex.rl"
	{{p = ((te))-1;}{
        x.hd[x.nhd - 1].sol = 0;
        EMIT(HCL_TOK_STRING_LIT, W_ANY);
    }}
	goto st960;
tr1005:
#line 697 "src/hcl_lex.rl"
	{te = p+1;{ EMIT(HCL_TOK_BAD_UTF8, W_ANY); }}
	goto st960;
tr1013:
#line 594 "src/hcl_lex.rl"
	{te = p;p--;{
        x.hd[x.nhd - 1].sol = 0;
        EMIT(HCL_TOK_STRING_LIT, W_ANY);
    }}
	goto st960;
tr1019:
#line 672 "src/hcl_lex.rl"
	{ p--; }
#line 594 "src/hcl_lex.rl"
	{te = p;p--;{
        x.hd[x.nhd - 1].sol = 0;
        EMIT(HCL_TOK_STRING_LIT, W_ANY);
    }}
	goto st960;
tr1020:
#line 672 "src/hcl_lex.rl"
	{ p--; }
#line 576 "src/hcl_lex.rl"
	{te = p+1;{
        hd_entry *h = &x.hd[x.nhd - 1];
        if (h->sol && lx_is_marker(&x, ts, te)) {
            /* the closing marker, then its newline as a token of its own */
            const uchar *nl = te - 1;
            if (nl > ts && nl[-1] == '\r') nl--;
            lx_emit(&x, HCL_TOK_CHEREDOC, ts, nl, W_ANY);
            lx_emit(&x, HCL_TOK_NEWLINE, nl, te, W_EOL);
            x.nhd--;
            {cs = ( x.stack)[--top];goto _again;}
        }
        h->sol = 1;
        /* te[-1] is the newline, except after "$x" or "%x" at the end of a line,
         * where the hold in not_brace ends the token early (as upstream) */
        EMIT(HCL_TOK_STRING_LIT, te[-1] == '\n' ? W_EOL : W_ANY);
        {p = (( lx_hd_fast(&x, te, pe)))-1;}
    }}
	goto st960;
tr1024:
#line 599 "src/hcl_lex.rl"
	{te = p;p--;{
        EMIT(HCL_TOK_TEMPLATE_INTERP, W_ASCII);
        if (lx_reserve(&x, top) != 0) {
            {p = (( pe))-1;}
        } else {
            x.ret[x.nret++] = ++x.braces;
            if (x.nhd > 0) x.hd[x.nhd - 1].sol = 0;
            {( x.stack)[top++] = 960;goto st893;}
        }
    }}
	goto st960;
tr1025:
#line 599 "src/hcl_lex.rl"
	{te = p+1;{
        EMIT(HCL_TOK_TEMPLATE_INTERP, W_ASCII);
        if (lx_reserve(&x, top) != 0) {
            {p = (( pe))-1;}
        } else {
            x.ret[x.nret++] = ++x.braces;
            if (x.nhd > 0) x.hd[x.nhd - 1].sol = 0;
            {( x.stack)[top++] = 960;goto st893;}
        }
    }}
	goto st960;
tr1026:
#line 610 "src/hcl_lex.rl"
	{te = p;p--;{
        EMIT(HCL_TOK_TEMPLATE_CONTROL, W_ASCII);
        if (lx_reserve(&x, top) != 0) {
            {p = (( pe))-1;}
        } else {
            x.ret[x.nret++] = ++x.braces;
            if (x.nhd > 0) x.hd[x.nhd - 1].sol = 0;
            {( x.stack)[top++] = 960;goto st893;}
        }
    }}
	goto st960;
tr1027:
#line 610 "src/hcl_lex.rl"
	{te = p+1;{
        EMIT(HCL_TOK_TEMPLATE_CONTROL, W_ASCII);
        if (lx_reserve(&x, top) != 0) {
            {p = (( pe))-1;}
        } else {
            x.ret[x.nret++] = ++x.braces;
            if (x.nhd > 0) x.hd[x.nhd - 1].sol = 0;
            {( x.stack)[top++] = 960;goto st893;}
        }
    }}
	goto st960;
tr1028:
#line 697 "src/hcl_lex.rl"
	{te = p;p--;{ EMIT(HCL_TOK_BAD_UTF8, W_ANY); }}
	goto st960;
st960:
#line 1 "NONE"
	{ts = 0;}
#line 1 "NONE"
	{act = 0;}
	if ( ++p == pe )
		goto _test_eof960;
case 960:
#line 1 "NONE"
	{ts = p;}
#line 15452 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 10u: goto tr729;
		case 13u: goto st883;
		case 36u: goto st891;
		case 37u: goto st892;
		case 224u: goto tr1007;
		case 237u: goto tr1009;
		case 240u: goto tr1010;
		case 244u: goto tr1012;
	}
	if ( (*p) < 225u ) {
		if ( (*p) > 193u ) {
			if ( 194u <= (*p) && (*p) <= 223u )
				goto st968;
		} else if ( (*p) >= 128u )
			goto tr1005;
	} else if ( (*p) > 239u ) {
		if ( (*p) > 243u ) {
			if ( 245u <= (*p) )
				goto tr1005;
		} else if ( (*p) >= 241u )
			goto tr1011;
	} else
		goto tr1008;
	goto tr730;
tr730:
#line 1 "NONE"
	{te = p+1;}
#line 594 "src/hcl_lex.rl"
	{act = 11;}
	goto st961;
st961:
	if ( ++p == pe )
		goto _test_eof961;
case 961:
#line 15485 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 10u: goto tr729;
		case 13u: goto st883;
		case 224u: goto st885;
		case 237u: goto st887;
		case 240u: goto st888;
		case 244u: goto st890;
	}
	if ( (*p) < 194u ) {
		if ( (*p) > 37u ) {
			if ( 128u <= (*p) && (*p) <= 193u )
				goto tr1013;
		} else if ( (*p) >= 36u )
			goto tr1013;
	} else if ( (*p) > 223u ) {
		if ( (*p) < 241u ) {
			if ( 225u <= (*p) && (*p) <= 239u )
				goto st886;
		} else if ( (*p) > 243u ) {
			if ( 245u <= (*p) )
				goto tr1013;
		} else
			goto st889;
	} else
		goto st884;
	goto tr730;
tr1021:
#line 672 "src/hcl_lex.rl"
	{ p--; }
	goto st883;
st883:
	if ( ++p == pe )
		goto _test_eof883;
case 883:
#line 15518 "gen/hcl_lex.c"
	if ( (*p) == 10u )
		goto tr729;
	goto tr728;
st884:
	if ( ++p == pe )
		goto _test_eof884;
case 884:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr730;
	goto tr728;
st885:
	if ( ++p == pe )
		goto _test_eof885;
case 885:
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st884;
	goto tr731;
st886:
	if ( ++p == pe )
		goto _test_eof886;
case 886:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st884;
	goto tr728;
st887:
	if ( ++p == pe )
		goto _test_eof887;
case 887:
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st884;
	goto tr731;
st888:
	if ( ++p == pe )
		goto _test_eof888;
case 888:
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st886;
	goto tr731;
st889:
	if ( ++p == pe )
		goto _test_eof889;
case 889:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st886;
	goto tr731;
st890:
	if ( ++p == pe )
		goto _test_eof890;
case 890:
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st886;
	goto tr731;
st891:
	if ( ++p == pe )
		goto _test_eof891;
case 891:
	switch( (*p) ) {
		case 36u: goto tr735;
		case 123u: goto st966;
	}
	goto tr734;
tr734:
#line 1 "NONE"
	{te = p+1;}
#line 594 "src/hcl_lex.rl"
	{act = 11;}
	goto st962;
st962:
	if ( ++p == pe )
		goto _test_eof962;
case 962:
#line 15587 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 10u: goto tr1020;
		case 13u: goto tr1021;
	}
	goto tr1019;
tr735:
#line 1 "NONE"
	{te = p+1;}
#line 594 "src/hcl_lex.rl"
	{act = 11;}
	goto st963;
st963:
	if ( ++p == pe )
		goto _test_eof963;
case 963:
#line 15600 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 10u: goto tr1020;
		case 13u: goto tr1021;
		case 123u: goto tr1022;
	}
	goto tr1019;
tr1022:
#line 1 "NONE"
	{te = p+1;}
#line 594 "src/hcl_lex.rl"
	{act = 11;}
	goto st964;
st964:
	if ( ++p == pe )
		goto _test_eof964;
case 964:
#line 15614 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 10u: goto tr729;
		case 13u: goto st883;
		case 126u: goto tr1023;
	}
	goto tr1013;
tr1023:
#line 1 "NONE"
	{te = p+1;}
#line 594 "src/hcl_lex.rl"
	{act = 11;}
	goto st965;
st965:
	if ( ++p == pe )
		goto _test_eof965;
case 965:
#line 15628 "gen/hcl_lex.c"
	switch( (*p) ) {
		case 10u: goto tr729;
		case 13u: goto st883;
	}
	goto tr1013;
st966:
	if ( ++p == pe )
		goto _test_eof966;
case 966:
	if ( (*p) == 126u )
		goto tr1025;
	goto tr1024;
st892:
	if ( ++p == pe )
		goto _test_eof892;
case 892:
	switch( (*p) ) {
		case 37u: goto tr735;
		case 123u: goto st967;
	}
	goto tr734;
st967:
	if ( ++p == pe )
		goto _test_eof967;
case 967:
	if ( (*p) == 126u )
		goto tr1027;
	goto tr1026;
st968:
	if ( ++p == pe )
		goto _test_eof968;
case 968:
	if ( 128u <= (*p) && (*p) <= 191u )
		goto tr730;
	goto tr1028;
tr1007:
#line 1 "NONE"
	{te = p+1;}
#line 697 "src/hcl_lex.rl"
	{act = 12;}
	goto st969;
st969:
	if ( ++p == pe )
		goto _test_eof969;
case 969:
#line 15671 "gen/hcl_lex.c"
	if ( 160u <= (*p) && (*p) <= 191u )
		goto st884;
	goto tr1028;
tr1008:
#line 1 "NONE"
	{te = p+1;}
#line 697 "src/hcl_lex.rl"
	{act = 12;}
	goto st970;
st970:
	if ( ++p == pe )
		goto _test_eof970;
case 970:
#line 15682 "gen/hcl_lex.c"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st884;
	goto tr1028;
tr1009:
#line 1 "NONE"
	{te = p+1;}
#line 697 "src/hcl_lex.rl"
	{act = 12;}
	goto st971;
st971:
	if ( ++p == pe )
		goto _test_eof971;
case 971:
#line 15693 "gen/hcl_lex.c"
	if ( 128u <= (*p) && (*p) <= 159u )
		goto st884;
	goto tr1028;
tr1010:
#line 1 "NONE"
	{te = p+1;}
#line 697 "src/hcl_lex.rl"
	{act = 12;}
	goto st972;
st972:
	if ( ++p == pe )
		goto _test_eof972;
case 972:
#line 15704 "gen/hcl_lex.c"
	if ( 144u <= (*p) && (*p) <= 191u )
		goto st886;
	goto tr1028;
tr1011:
#line 1 "NONE"
	{te = p+1;}
#line 697 "src/hcl_lex.rl"
	{act = 12;}
	goto st973;
st973:
	if ( ++p == pe )
		goto _test_eof973;
case 973:
#line 15715 "gen/hcl_lex.c"
	if ( 128u <= (*p) && (*p) <= 191u )
		goto st886;
	goto tr1028;
tr1012:
#line 1 "NONE"
	{te = p+1;}
#line 697 "src/hcl_lex.rl"
	{act = 12;}
	goto st974;
st974:
	if ( ++p == pe )
		goto _test_eof974;
case 974:
#line 15726 "gen/hcl_lex.c"
	if ( 128u <= (*p) && (*p) <= 143u )
		goto st886;
	goto tr1028;
st0:
cs = 0;
	goto _out;
	}
	_test_eof893: cs = 893; goto _test_eof; 
	_test_eof894: cs = 894; goto _test_eof; 
	_test_eof895: cs = 895; goto _test_eof; 
	_test_eof896: cs = 896; goto _test_eof; 
	_test_eof897: cs = 897; goto _test_eof; 
	_test_eof898: cs = 898; goto _test_eof; 
	_test_eof1: cs = 1; goto _test_eof; 
	_test_eof899: cs = 899; goto _test_eof; 
	_test_eof900: cs = 900; goto _test_eof; 
	_test_eof2: cs = 2; goto _test_eof; 
	_test_eof3: cs = 3; goto _test_eof; 
	_test_eof4: cs = 4; goto _test_eof; 
	_test_eof901: cs = 901; goto _test_eof; 
	_test_eof902: cs = 902; goto _test_eof; 
	_test_eof5: cs = 5; goto _test_eof; 
	_test_eof6: cs = 6; goto _test_eof; 
	_test_eof7: cs = 7; goto _test_eof; 
	_test_eof8: cs = 8; goto _test_eof; 
	_test_eof9: cs = 9; goto _test_eof; 
	_test_eof10: cs = 10; goto _test_eof; 
	_test_eof11: cs = 11; goto _test_eof; 
	_test_eof12: cs = 12; goto _test_eof; 
	_test_eof13: cs = 13; goto _test_eof; 
	_test_eof14: cs = 14; goto _test_eof; 
	_test_eof15: cs = 15; goto _test_eof; 
	_test_eof16: cs = 16; goto _test_eof; 
	_test_eof17: cs = 17; goto _test_eof; 
	_test_eof18: cs = 18; goto _test_eof; 
	_test_eof19: cs = 19; goto _test_eof; 
	_test_eof20: cs = 20; goto _test_eof; 
	_test_eof21: cs = 21; goto _test_eof; 
	_test_eof22: cs = 22; goto _test_eof; 
	_test_eof23: cs = 23; goto _test_eof; 
	_test_eof24: cs = 24; goto _test_eof; 
	_test_eof25: cs = 25; goto _test_eof; 
	_test_eof26: cs = 26; goto _test_eof; 
	_test_eof27: cs = 27; goto _test_eof; 
	_test_eof28: cs = 28; goto _test_eof; 
	_test_eof29: cs = 29; goto _test_eof; 
	_test_eof30: cs = 30; goto _test_eof; 
	_test_eof31: cs = 31; goto _test_eof; 
	_test_eof32: cs = 32; goto _test_eof; 
	_test_eof33: cs = 33; goto _test_eof; 
	_test_eof34: cs = 34; goto _test_eof; 
	_test_eof35: cs = 35; goto _test_eof; 
	_test_eof36: cs = 36; goto _test_eof; 
	_test_eof37: cs = 37; goto _test_eof; 
	_test_eof38: cs = 38; goto _test_eof; 
	_test_eof39: cs = 39; goto _test_eof; 
	_test_eof40: cs = 40; goto _test_eof; 
	_test_eof41: cs = 41; goto _test_eof; 
	_test_eof42: cs = 42; goto _test_eof; 
	_test_eof43: cs = 43; goto _test_eof; 
	_test_eof44: cs = 44; goto _test_eof; 
	_test_eof45: cs = 45; goto _test_eof; 
	_test_eof46: cs = 46; goto _test_eof; 
	_test_eof47: cs = 47; goto _test_eof; 
	_test_eof48: cs = 48; goto _test_eof; 
	_test_eof49: cs = 49; goto _test_eof; 
	_test_eof50: cs = 50; goto _test_eof; 
	_test_eof51: cs = 51; goto _test_eof; 
	_test_eof52: cs = 52; goto _test_eof; 
	_test_eof53: cs = 53; goto _test_eof; 
	_test_eof54: cs = 54; goto _test_eof; 
	_test_eof55: cs = 55; goto _test_eof; 
	_test_eof56: cs = 56; goto _test_eof; 
	_test_eof57: cs = 57; goto _test_eof; 
	_test_eof58: cs = 58; goto _test_eof; 
	_test_eof59: cs = 59; goto _test_eof; 
	_test_eof60: cs = 60; goto _test_eof; 
	_test_eof61: cs = 61; goto _test_eof; 
	_test_eof62: cs = 62; goto _test_eof; 
	_test_eof63: cs = 63; goto _test_eof; 
	_test_eof64: cs = 64; goto _test_eof; 
	_test_eof65: cs = 65; goto _test_eof; 
	_test_eof66: cs = 66; goto _test_eof; 
	_test_eof67: cs = 67; goto _test_eof; 
	_test_eof68: cs = 68; goto _test_eof; 
	_test_eof69: cs = 69; goto _test_eof; 
	_test_eof70: cs = 70; goto _test_eof; 
	_test_eof71: cs = 71; goto _test_eof; 
	_test_eof72: cs = 72; goto _test_eof; 
	_test_eof73: cs = 73; goto _test_eof; 
	_test_eof74: cs = 74; goto _test_eof; 
	_test_eof75: cs = 75; goto _test_eof; 
	_test_eof76: cs = 76; goto _test_eof; 
	_test_eof77: cs = 77; goto _test_eof; 
	_test_eof78: cs = 78; goto _test_eof; 
	_test_eof79: cs = 79; goto _test_eof; 
	_test_eof80: cs = 80; goto _test_eof; 
	_test_eof81: cs = 81; goto _test_eof; 
	_test_eof82: cs = 82; goto _test_eof; 
	_test_eof83: cs = 83; goto _test_eof; 
	_test_eof84: cs = 84; goto _test_eof; 
	_test_eof85: cs = 85; goto _test_eof; 
	_test_eof86: cs = 86; goto _test_eof; 
	_test_eof87: cs = 87; goto _test_eof; 
	_test_eof88: cs = 88; goto _test_eof; 
	_test_eof89: cs = 89; goto _test_eof; 
	_test_eof90: cs = 90; goto _test_eof; 
	_test_eof91: cs = 91; goto _test_eof; 
	_test_eof92: cs = 92; goto _test_eof; 
	_test_eof93: cs = 93; goto _test_eof; 
	_test_eof94: cs = 94; goto _test_eof; 
	_test_eof95: cs = 95; goto _test_eof; 
	_test_eof96: cs = 96; goto _test_eof; 
	_test_eof97: cs = 97; goto _test_eof; 
	_test_eof98: cs = 98; goto _test_eof; 
	_test_eof99: cs = 99; goto _test_eof; 
	_test_eof100: cs = 100; goto _test_eof; 
	_test_eof101: cs = 101; goto _test_eof; 
	_test_eof102: cs = 102; goto _test_eof; 
	_test_eof103: cs = 103; goto _test_eof; 
	_test_eof104: cs = 104; goto _test_eof; 
	_test_eof105: cs = 105; goto _test_eof; 
	_test_eof106: cs = 106; goto _test_eof; 
	_test_eof107: cs = 107; goto _test_eof; 
	_test_eof108: cs = 108; goto _test_eof; 
	_test_eof109: cs = 109; goto _test_eof; 
	_test_eof110: cs = 110; goto _test_eof; 
	_test_eof111: cs = 111; goto _test_eof; 
	_test_eof112: cs = 112; goto _test_eof; 
	_test_eof113: cs = 113; goto _test_eof; 
	_test_eof114: cs = 114; goto _test_eof; 
	_test_eof115: cs = 115; goto _test_eof; 
	_test_eof116: cs = 116; goto _test_eof; 
	_test_eof117: cs = 117; goto _test_eof; 
	_test_eof118: cs = 118; goto _test_eof; 
	_test_eof119: cs = 119; goto _test_eof; 
	_test_eof120: cs = 120; goto _test_eof; 
	_test_eof121: cs = 121; goto _test_eof; 
	_test_eof122: cs = 122; goto _test_eof; 
	_test_eof123: cs = 123; goto _test_eof; 
	_test_eof124: cs = 124; goto _test_eof; 
	_test_eof125: cs = 125; goto _test_eof; 
	_test_eof126: cs = 126; goto _test_eof; 
	_test_eof127: cs = 127; goto _test_eof; 
	_test_eof128: cs = 128; goto _test_eof; 
	_test_eof129: cs = 129; goto _test_eof; 
	_test_eof130: cs = 130; goto _test_eof; 
	_test_eof131: cs = 131; goto _test_eof; 
	_test_eof132: cs = 132; goto _test_eof; 
	_test_eof133: cs = 133; goto _test_eof; 
	_test_eof134: cs = 134; goto _test_eof; 
	_test_eof135: cs = 135; goto _test_eof; 
	_test_eof136: cs = 136; goto _test_eof; 
	_test_eof137: cs = 137; goto _test_eof; 
	_test_eof138: cs = 138; goto _test_eof; 
	_test_eof139: cs = 139; goto _test_eof; 
	_test_eof140: cs = 140; goto _test_eof; 
	_test_eof141: cs = 141; goto _test_eof; 
	_test_eof142: cs = 142; goto _test_eof; 
	_test_eof143: cs = 143; goto _test_eof; 
	_test_eof144: cs = 144; goto _test_eof; 
	_test_eof145: cs = 145; goto _test_eof; 
	_test_eof146: cs = 146; goto _test_eof; 
	_test_eof147: cs = 147; goto _test_eof; 
	_test_eof148: cs = 148; goto _test_eof; 
	_test_eof149: cs = 149; goto _test_eof; 
	_test_eof150: cs = 150; goto _test_eof; 
	_test_eof151: cs = 151; goto _test_eof; 
	_test_eof152: cs = 152; goto _test_eof; 
	_test_eof153: cs = 153; goto _test_eof; 
	_test_eof154: cs = 154; goto _test_eof; 
	_test_eof155: cs = 155; goto _test_eof; 
	_test_eof156: cs = 156; goto _test_eof; 
	_test_eof157: cs = 157; goto _test_eof; 
	_test_eof158: cs = 158; goto _test_eof; 
	_test_eof159: cs = 159; goto _test_eof; 
	_test_eof160: cs = 160; goto _test_eof; 
	_test_eof161: cs = 161; goto _test_eof; 
	_test_eof162: cs = 162; goto _test_eof; 
	_test_eof163: cs = 163; goto _test_eof; 
	_test_eof164: cs = 164; goto _test_eof; 
	_test_eof165: cs = 165; goto _test_eof; 
	_test_eof166: cs = 166; goto _test_eof; 
	_test_eof167: cs = 167; goto _test_eof; 
	_test_eof168: cs = 168; goto _test_eof; 
	_test_eof169: cs = 169; goto _test_eof; 
	_test_eof170: cs = 170; goto _test_eof; 
	_test_eof171: cs = 171; goto _test_eof; 
	_test_eof172: cs = 172; goto _test_eof; 
	_test_eof173: cs = 173; goto _test_eof; 
	_test_eof174: cs = 174; goto _test_eof; 
	_test_eof175: cs = 175; goto _test_eof; 
	_test_eof176: cs = 176; goto _test_eof; 
	_test_eof177: cs = 177; goto _test_eof; 
	_test_eof178: cs = 178; goto _test_eof; 
	_test_eof179: cs = 179; goto _test_eof; 
	_test_eof180: cs = 180; goto _test_eof; 
	_test_eof181: cs = 181; goto _test_eof; 
	_test_eof182: cs = 182; goto _test_eof; 
	_test_eof183: cs = 183; goto _test_eof; 
	_test_eof184: cs = 184; goto _test_eof; 
	_test_eof185: cs = 185; goto _test_eof; 
	_test_eof186: cs = 186; goto _test_eof; 
	_test_eof187: cs = 187; goto _test_eof; 
	_test_eof188: cs = 188; goto _test_eof; 
	_test_eof189: cs = 189; goto _test_eof; 
	_test_eof190: cs = 190; goto _test_eof; 
	_test_eof191: cs = 191; goto _test_eof; 
	_test_eof192: cs = 192; goto _test_eof; 
	_test_eof193: cs = 193; goto _test_eof; 
	_test_eof194: cs = 194; goto _test_eof; 
	_test_eof195: cs = 195; goto _test_eof; 
	_test_eof196: cs = 196; goto _test_eof; 
	_test_eof197: cs = 197; goto _test_eof; 
	_test_eof198: cs = 198; goto _test_eof; 
	_test_eof199: cs = 199; goto _test_eof; 
	_test_eof200: cs = 200; goto _test_eof; 
	_test_eof201: cs = 201; goto _test_eof; 
	_test_eof202: cs = 202; goto _test_eof; 
	_test_eof203: cs = 203; goto _test_eof; 
	_test_eof204: cs = 204; goto _test_eof; 
	_test_eof205: cs = 205; goto _test_eof; 
	_test_eof206: cs = 206; goto _test_eof; 
	_test_eof207: cs = 207; goto _test_eof; 
	_test_eof208: cs = 208; goto _test_eof; 
	_test_eof209: cs = 209; goto _test_eof; 
	_test_eof210: cs = 210; goto _test_eof; 
	_test_eof211: cs = 211; goto _test_eof; 
	_test_eof212: cs = 212; goto _test_eof; 
	_test_eof213: cs = 213; goto _test_eof; 
	_test_eof214: cs = 214; goto _test_eof; 
	_test_eof215: cs = 215; goto _test_eof; 
	_test_eof216: cs = 216; goto _test_eof; 
	_test_eof217: cs = 217; goto _test_eof; 
	_test_eof218: cs = 218; goto _test_eof; 
	_test_eof219: cs = 219; goto _test_eof; 
	_test_eof220: cs = 220; goto _test_eof; 
	_test_eof221: cs = 221; goto _test_eof; 
	_test_eof222: cs = 222; goto _test_eof; 
	_test_eof223: cs = 223; goto _test_eof; 
	_test_eof224: cs = 224; goto _test_eof; 
	_test_eof225: cs = 225; goto _test_eof; 
	_test_eof226: cs = 226; goto _test_eof; 
	_test_eof227: cs = 227; goto _test_eof; 
	_test_eof228: cs = 228; goto _test_eof; 
	_test_eof229: cs = 229; goto _test_eof; 
	_test_eof230: cs = 230; goto _test_eof; 
	_test_eof231: cs = 231; goto _test_eof; 
	_test_eof232: cs = 232; goto _test_eof; 
	_test_eof233: cs = 233; goto _test_eof; 
	_test_eof234: cs = 234; goto _test_eof; 
	_test_eof235: cs = 235; goto _test_eof; 
	_test_eof236: cs = 236; goto _test_eof; 
	_test_eof237: cs = 237; goto _test_eof; 
	_test_eof238: cs = 238; goto _test_eof; 
	_test_eof239: cs = 239; goto _test_eof; 
	_test_eof240: cs = 240; goto _test_eof; 
	_test_eof241: cs = 241; goto _test_eof; 
	_test_eof242: cs = 242; goto _test_eof; 
	_test_eof243: cs = 243; goto _test_eof; 
	_test_eof244: cs = 244; goto _test_eof; 
	_test_eof245: cs = 245; goto _test_eof; 
	_test_eof246: cs = 246; goto _test_eof; 
	_test_eof247: cs = 247; goto _test_eof; 
	_test_eof248: cs = 248; goto _test_eof; 
	_test_eof249: cs = 249; goto _test_eof; 
	_test_eof250: cs = 250; goto _test_eof; 
	_test_eof251: cs = 251; goto _test_eof; 
	_test_eof252: cs = 252; goto _test_eof; 
	_test_eof253: cs = 253; goto _test_eof; 
	_test_eof254: cs = 254; goto _test_eof; 
	_test_eof255: cs = 255; goto _test_eof; 
	_test_eof256: cs = 256; goto _test_eof; 
	_test_eof257: cs = 257; goto _test_eof; 
	_test_eof258: cs = 258; goto _test_eof; 
	_test_eof259: cs = 259; goto _test_eof; 
	_test_eof260: cs = 260; goto _test_eof; 
	_test_eof261: cs = 261; goto _test_eof; 
	_test_eof262: cs = 262; goto _test_eof; 
	_test_eof263: cs = 263; goto _test_eof; 
	_test_eof264: cs = 264; goto _test_eof; 
	_test_eof265: cs = 265; goto _test_eof; 
	_test_eof266: cs = 266; goto _test_eof; 
	_test_eof267: cs = 267; goto _test_eof; 
	_test_eof268: cs = 268; goto _test_eof; 
	_test_eof269: cs = 269; goto _test_eof; 
	_test_eof270: cs = 270; goto _test_eof; 
	_test_eof271: cs = 271; goto _test_eof; 
	_test_eof272: cs = 272; goto _test_eof; 
	_test_eof273: cs = 273; goto _test_eof; 
	_test_eof274: cs = 274; goto _test_eof; 
	_test_eof275: cs = 275; goto _test_eof; 
	_test_eof276: cs = 276; goto _test_eof; 
	_test_eof277: cs = 277; goto _test_eof; 
	_test_eof278: cs = 278; goto _test_eof; 
	_test_eof279: cs = 279; goto _test_eof; 
	_test_eof280: cs = 280; goto _test_eof; 
	_test_eof281: cs = 281; goto _test_eof; 
	_test_eof282: cs = 282; goto _test_eof; 
	_test_eof283: cs = 283; goto _test_eof; 
	_test_eof284: cs = 284; goto _test_eof; 
	_test_eof285: cs = 285; goto _test_eof; 
	_test_eof286: cs = 286; goto _test_eof; 
	_test_eof287: cs = 287; goto _test_eof; 
	_test_eof288: cs = 288; goto _test_eof; 
	_test_eof289: cs = 289; goto _test_eof; 
	_test_eof290: cs = 290; goto _test_eof; 
	_test_eof291: cs = 291; goto _test_eof; 
	_test_eof292: cs = 292; goto _test_eof; 
	_test_eof293: cs = 293; goto _test_eof; 
	_test_eof294: cs = 294; goto _test_eof; 
	_test_eof295: cs = 295; goto _test_eof; 
	_test_eof296: cs = 296; goto _test_eof; 
	_test_eof297: cs = 297; goto _test_eof; 
	_test_eof298: cs = 298; goto _test_eof; 
	_test_eof299: cs = 299; goto _test_eof; 
	_test_eof300: cs = 300; goto _test_eof; 
	_test_eof301: cs = 301; goto _test_eof; 
	_test_eof302: cs = 302; goto _test_eof; 
	_test_eof303: cs = 303; goto _test_eof; 
	_test_eof304: cs = 304; goto _test_eof; 
	_test_eof305: cs = 305; goto _test_eof; 
	_test_eof306: cs = 306; goto _test_eof; 
	_test_eof307: cs = 307; goto _test_eof; 
	_test_eof308: cs = 308; goto _test_eof; 
	_test_eof309: cs = 309; goto _test_eof; 
	_test_eof310: cs = 310; goto _test_eof; 
	_test_eof311: cs = 311; goto _test_eof; 
	_test_eof312: cs = 312; goto _test_eof; 
	_test_eof313: cs = 313; goto _test_eof; 
	_test_eof314: cs = 314; goto _test_eof; 
	_test_eof315: cs = 315; goto _test_eof; 
	_test_eof316: cs = 316; goto _test_eof; 
	_test_eof317: cs = 317; goto _test_eof; 
	_test_eof318: cs = 318; goto _test_eof; 
	_test_eof319: cs = 319; goto _test_eof; 
	_test_eof320: cs = 320; goto _test_eof; 
	_test_eof321: cs = 321; goto _test_eof; 
	_test_eof322: cs = 322; goto _test_eof; 
	_test_eof323: cs = 323; goto _test_eof; 
	_test_eof324: cs = 324; goto _test_eof; 
	_test_eof325: cs = 325; goto _test_eof; 
	_test_eof326: cs = 326; goto _test_eof; 
	_test_eof327: cs = 327; goto _test_eof; 
	_test_eof328: cs = 328; goto _test_eof; 
	_test_eof329: cs = 329; goto _test_eof; 
	_test_eof330: cs = 330; goto _test_eof; 
	_test_eof331: cs = 331; goto _test_eof; 
	_test_eof332: cs = 332; goto _test_eof; 
	_test_eof333: cs = 333; goto _test_eof; 
	_test_eof334: cs = 334; goto _test_eof; 
	_test_eof335: cs = 335; goto _test_eof; 
	_test_eof336: cs = 336; goto _test_eof; 
	_test_eof337: cs = 337; goto _test_eof; 
	_test_eof338: cs = 338; goto _test_eof; 
	_test_eof339: cs = 339; goto _test_eof; 
	_test_eof340: cs = 340; goto _test_eof; 
	_test_eof341: cs = 341; goto _test_eof; 
	_test_eof342: cs = 342; goto _test_eof; 
	_test_eof343: cs = 343; goto _test_eof; 
	_test_eof344: cs = 344; goto _test_eof; 
	_test_eof345: cs = 345; goto _test_eof; 
	_test_eof346: cs = 346; goto _test_eof; 
	_test_eof347: cs = 347; goto _test_eof; 
	_test_eof348: cs = 348; goto _test_eof; 
	_test_eof349: cs = 349; goto _test_eof; 
	_test_eof350: cs = 350; goto _test_eof; 
	_test_eof351: cs = 351; goto _test_eof; 
	_test_eof352: cs = 352; goto _test_eof; 
	_test_eof353: cs = 353; goto _test_eof; 
	_test_eof354: cs = 354; goto _test_eof; 
	_test_eof355: cs = 355; goto _test_eof; 
	_test_eof356: cs = 356; goto _test_eof; 
	_test_eof357: cs = 357; goto _test_eof; 
	_test_eof358: cs = 358; goto _test_eof; 
	_test_eof359: cs = 359; goto _test_eof; 
	_test_eof360: cs = 360; goto _test_eof; 
	_test_eof361: cs = 361; goto _test_eof; 
	_test_eof362: cs = 362; goto _test_eof; 
	_test_eof363: cs = 363; goto _test_eof; 
	_test_eof364: cs = 364; goto _test_eof; 
	_test_eof365: cs = 365; goto _test_eof; 
	_test_eof366: cs = 366; goto _test_eof; 
	_test_eof367: cs = 367; goto _test_eof; 
	_test_eof368: cs = 368; goto _test_eof; 
	_test_eof369: cs = 369; goto _test_eof; 
	_test_eof370: cs = 370; goto _test_eof; 
	_test_eof371: cs = 371; goto _test_eof; 
	_test_eof372: cs = 372; goto _test_eof; 
	_test_eof373: cs = 373; goto _test_eof; 
	_test_eof374: cs = 374; goto _test_eof; 
	_test_eof375: cs = 375; goto _test_eof; 
	_test_eof376: cs = 376; goto _test_eof; 
	_test_eof377: cs = 377; goto _test_eof; 
	_test_eof378: cs = 378; goto _test_eof; 
	_test_eof379: cs = 379; goto _test_eof; 
	_test_eof380: cs = 380; goto _test_eof; 
	_test_eof381: cs = 381; goto _test_eof; 
	_test_eof382: cs = 382; goto _test_eof; 
	_test_eof383: cs = 383; goto _test_eof; 
	_test_eof384: cs = 384; goto _test_eof; 
	_test_eof385: cs = 385; goto _test_eof; 
	_test_eof386: cs = 386; goto _test_eof; 
	_test_eof387: cs = 387; goto _test_eof; 
	_test_eof388: cs = 388; goto _test_eof; 
	_test_eof389: cs = 389; goto _test_eof; 
	_test_eof903: cs = 903; goto _test_eof; 
	_test_eof904: cs = 904; goto _test_eof; 
	_test_eof905: cs = 905; goto _test_eof; 
	_test_eof390: cs = 390; goto _test_eof; 
	_test_eof391: cs = 391; goto _test_eof; 
	_test_eof392: cs = 392; goto _test_eof; 
	_test_eof393: cs = 393; goto _test_eof; 
	_test_eof394: cs = 394; goto _test_eof; 
	_test_eof395: cs = 395; goto _test_eof; 
	_test_eof396: cs = 396; goto _test_eof; 
	_test_eof397: cs = 397; goto _test_eof; 
	_test_eof398: cs = 398; goto _test_eof; 
	_test_eof399: cs = 399; goto _test_eof; 
	_test_eof400: cs = 400; goto _test_eof; 
	_test_eof401: cs = 401; goto _test_eof; 
	_test_eof402: cs = 402; goto _test_eof; 
	_test_eof403: cs = 403; goto _test_eof; 
	_test_eof404: cs = 404; goto _test_eof; 
	_test_eof405: cs = 405; goto _test_eof; 
	_test_eof406: cs = 406; goto _test_eof; 
	_test_eof407: cs = 407; goto _test_eof; 
	_test_eof408: cs = 408; goto _test_eof; 
	_test_eof409: cs = 409; goto _test_eof; 
	_test_eof410: cs = 410; goto _test_eof; 
	_test_eof411: cs = 411; goto _test_eof; 
	_test_eof412: cs = 412; goto _test_eof; 
	_test_eof413: cs = 413; goto _test_eof; 
	_test_eof414: cs = 414; goto _test_eof; 
	_test_eof415: cs = 415; goto _test_eof; 
	_test_eof416: cs = 416; goto _test_eof; 
	_test_eof417: cs = 417; goto _test_eof; 
	_test_eof418: cs = 418; goto _test_eof; 
	_test_eof419: cs = 419; goto _test_eof; 
	_test_eof420: cs = 420; goto _test_eof; 
	_test_eof421: cs = 421; goto _test_eof; 
	_test_eof422: cs = 422; goto _test_eof; 
	_test_eof423: cs = 423; goto _test_eof; 
	_test_eof424: cs = 424; goto _test_eof; 
	_test_eof425: cs = 425; goto _test_eof; 
	_test_eof426: cs = 426; goto _test_eof; 
	_test_eof427: cs = 427; goto _test_eof; 
	_test_eof428: cs = 428; goto _test_eof; 
	_test_eof429: cs = 429; goto _test_eof; 
	_test_eof430: cs = 430; goto _test_eof; 
	_test_eof431: cs = 431; goto _test_eof; 
	_test_eof432: cs = 432; goto _test_eof; 
	_test_eof433: cs = 433; goto _test_eof; 
	_test_eof434: cs = 434; goto _test_eof; 
	_test_eof435: cs = 435; goto _test_eof; 
	_test_eof436: cs = 436; goto _test_eof; 
	_test_eof437: cs = 437; goto _test_eof; 
	_test_eof438: cs = 438; goto _test_eof; 
	_test_eof439: cs = 439; goto _test_eof; 
	_test_eof440: cs = 440; goto _test_eof; 
	_test_eof441: cs = 441; goto _test_eof; 
	_test_eof442: cs = 442; goto _test_eof; 
	_test_eof443: cs = 443; goto _test_eof; 
	_test_eof444: cs = 444; goto _test_eof; 
	_test_eof445: cs = 445; goto _test_eof; 
	_test_eof446: cs = 446; goto _test_eof; 
	_test_eof447: cs = 447; goto _test_eof; 
	_test_eof448: cs = 448; goto _test_eof; 
	_test_eof449: cs = 449; goto _test_eof; 
	_test_eof450: cs = 450; goto _test_eof; 
	_test_eof451: cs = 451; goto _test_eof; 
	_test_eof452: cs = 452; goto _test_eof; 
	_test_eof453: cs = 453; goto _test_eof; 
	_test_eof454: cs = 454; goto _test_eof; 
	_test_eof455: cs = 455; goto _test_eof; 
	_test_eof456: cs = 456; goto _test_eof; 
	_test_eof457: cs = 457; goto _test_eof; 
	_test_eof458: cs = 458; goto _test_eof; 
	_test_eof459: cs = 459; goto _test_eof; 
	_test_eof460: cs = 460; goto _test_eof; 
	_test_eof461: cs = 461; goto _test_eof; 
	_test_eof462: cs = 462; goto _test_eof; 
	_test_eof463: cs = 463; goto _test_eof; 
	_test_eof464: cs = 464; goto _test_eof; 
	_test_eof465: cs = 465; goto _test_eof; 
	_test_eof466: cs = 466; goto _test_eof; 
	_test_eof467: cs = 467; goto _test_eof; 
	_test_eof468: cs = 468; goto _test_eof; 
	_test_eof469: cs = 469; goto _test_eof; 
	_test_eof470: cs = 470; goto _test_eof; 
	_test_eof471: cs = 471; goto _test_eof; 
	_test_eof472: cs = 472; goto _test_eof; 
	_test_eof473: cs = 473; goto _test_eof; 
	_test_eof474: cs = 474; goto _test_eof; 
	_test_eof475: cs = 475; goto _test_eof; 
	_test_eof476: cs = 476; goto _test_eof; 
	_test_eof477: cs = 477; goto _test_eof; 
	_test_eof478: cs = 478; goto _test_eof; 
	_test_eof479: cs = 479; goto _test_eof; 
	_test_eof480: cs = 480; goto _test_eof; 
	_test_eof481: cs = 481; goto _test_eof; 
	_test_eof482: cs = 482; goto _test_eof; 
	_test_eof483: cs = 483; goto _test_eof; 
	_test_eof484: cs = 484; goto _test_eof; 
	_test_eof485: cs = 485; goto _test_eof; 
	_test_eof486: cs = 486; goto _test_eof; 
	_test_eof487: cs = 487; goto _test_eof; 
	_test_eof488: cs = 488; goto _test_eof; 
	_test_eof489: cs = 489; goto _test_eof; 
	_test_eof490: cs = 490; goto _test_eof; 
	_test_eof491: cs = 491; goto _test_eof; 
	_test_eof492: cs = 492; goto _test_eof; 
	_test_eof493: cs = 493; goto _test_eof; 
	_test_eof494: cs = 494; goto _test_eof; 
	_test_eof495: cs = 495; goto _test_eof; 
	_test_eof496: cs = 496; goto _test_eof; 
	_test_eof497: cs = 497; goto _test_eof; 
	_test_eof498: cs = 498; goto _test_eof; 
	_test_eof499: cs = 499; goto _test_eof; 
	_test_eof500: cs = 500; goto _test_eof; 
	_test_eof501: cs = 501; goto _test_eof; 
	_test_eof502: cs = 502; goto _test_eof; 
	_test_eof503: cs = 503; goto _test_eof; 
	_test_eof504: cs = 504; goto _test_eof; 
	_test_eof505: cs = 505; goto _test_eof; 
	_test_eof506: cs = 506; goto _test_eof; 
	_test_eof507: cs = 507; goto _test_eof; 
	_test_eof508: cs = 508; goto _test_eof; 
	_test_eof509: cs = 509; goto _test_eof; 
	_test_eof510: cs = 510; goto _test_eof; 
	_test_eof511: cs = 511; goto _test_eof; 
	_test_eof512: cs = 512; goto _test_eof; 
	_test_eof513: cs = 513; goto _test_eof; 
	_test_eof514: cs = 514; goto _test_eof; 
	_test_eof515: cs = 515; goto _test_eof; 
	_test_eof516: cs = 516; goto _test_eof; 
	_test_eof517: cs = 517; goto _test_eof; 
	_test_eof518: cs = 518; goto _test_eof; 
	_test_eof519: cs = 519; goto _test_eof; 
	_test_eof520: cs = 520; goto _test_eof; 
	_test_eof521: cs = 521; goto _test_eof; 
	_test_eof522: cs = 522; goto _test_eof; 
	_test_eof523: cs = 523; goto _test_eof; 
	_test_eof524: cs = 524; goto _test_eof; 
	_test_eof525: cs = 525; goto _test_eof; 
	_test_eof526: cs = 526; goto _test_eof; 
	_test_eof527: cs = 527; goto _test_eof; 
	_test_eof528: cs = 528; goto _test_eof; 
	_test_eof529: cs = 529; goto _test_eof; 
	_test_eof530: cs = 530; goto _test_eof; 
	_test_eof531: cs = 531; goto _test_eof; 
	_test_eof532: cs = 532; goto _test_eof; 
	_test_eof533: cs = 533; goto _test_eof; 
	_test_eof534: cs = 534; goto _test_eof; 
	_test_eof535: cs = 535; goto _test_eof; 
	_test_eof536: cs = 536; goto _test_eof; 
	_test_eof537: cs = 537; goto _test_eof; 
	_test_eof538: cs = 538; goto _test_eof; 
	_test_eof539: cs = 539; goto _test_eof; 
	_test_eof540: cs = 540; goto _test_eof; 
	_test_eof541: cs = 541; goto _test_eof; 
	_test_eof542: cs = 542; goto _test_eof; 
	_test_eof543: cs = 543; goto _test_eof; 
	_test_eof544: cs = 544; goto _test_eof; 
	_test_eof545: cs = 545; goto _test_eof; 
	_test_eof546: cs = 546; goto _test_eof; 
	_test_eof547: cs = 547; goto _test_eof; 
	_test_eof548: cs = 548; goto _test_eof; 
	_test_eof549: cs = 549; goto _test_eof; 
	_test_eof550: cs = 550; goto _test_eof; 
	_test_eof551: cs = 551; goto _test_eof; 
	_test_eof552: cs = 552; goto _test_eof; 
	_test_eof553: cs = 553; goto _test_eof; 
	_test_eof554: cs = 554; goto _test_eof; 
	_test_eof555: cs = 555; goto _test_eof; 
	_test_eof556: cs = 556; goto _test_eof; 
	_test_eof557: cs = 557; goto _test_eof; 
	_test_eof558: cs = 558; goto _test_eof; 
	_test_eof559: cs = 559; goto _test_eof; 
	_test_eof560: cs = 560; goto _test_eof; 
	_test_eof561: cs = 561; goto _test_eof; 
	_test_eof562: cs = 562; goto _test_eof; 
	_test_eof563: cs = 563; goto _test_eof; 
	_test_eof564: cs = 564; goto _test_eof; 
	_test_eof565: cs = 565; goto _test_eof; 
	_test_eof566: cs = 566; goto _test_eof; 
	_test_eof567: cs = 567; goto _test_eof; 
	_test_eof568: cs = 568; goto _test_eof; 
	_test_eof569: cs = 569; goto _test_eof; 
	_test_eof570: cs = 570; goto _test_eof; 
	_test_eof571: cs = 571; goto _test_eof; 
	_test_eof572: cs = 572; goto _test_eof; 
	_test_eof573: cs = 573; goto _test_eof; 
	_test_eof574: cs = 574; goto _test_eof; 
	_test_eof575: cs = 575; goto _test_eof; 
	_test_eof576: cs = 576; goto _test_eof; 
	_test_eof577: cs = 577; goto _test_eof; 
	_test_eof578: cs = 578; goto _test_eof; 
	_test_eof579: cs = 579; goto _test_eof; 
	_test_eof580: cs = 580; goto _test_eof; 
	_test_eof581: cs = 581; goto _test_eof; 
	_test_eof582: cs = 582; goto _test_eof; 
	_test_eof583: cs = 583; goto _test_eof; 
	_test_eof584: cs = 584; goto _test_eof; 
	_test_eof585: cs = 585; goto _test_eof; 
	_test_eof586: cs = 586; goto _test_eof; 
	_test_eof587: cs = 587; goto _test_eof; 
	_test_eof588: cs = 588; goto _test_eof; 
	_test_eof589: cs = 589; goto _test_eof; 
	_test_eof590: cs = 590; goto _test_eof; 
	_test_eof591: cs = 591; goto _test_eof; 
	_test_eof592: cs = 592; goto _test_eof; 
	_test_eof593: cs = 593; goto _test_eof; 
	_test_eof594: cs = 594; goto _test_eof; 
	_test_eof595: cs = 595; goto _test_eof; 
	_test_eof596: cs = 596; goto _test_eof; 
	_test_eof597: cs = 597; goto _test_eof; 
	_test_eof598: cs = 598; goto _test_eof; 
	_test_eof599: cs = 599; goto _test_eof; 
	_test_eof600: cs = 600; goto _test_eof; 
	_test_eof601: cs = 601; goto _test_eof; 
	_test_eof602: cs = 602; goto _test_eof; 
	_test_eof603: cs = 603; goto _test_eof; 
	_test_eof604: cs = 604; goto _test_eof; 
	_test_eof605: cs = 605; goto _test_eof; 
	_test_eof606: cs = 606; goto _test_eof; 
	_test_eof607: cs = 607; goto _test_eof; 
	_test_eof608: cs = 608; goto _test_eof; 
	_test_eof609: cs = 609; goto _test_eof; 
	_test_eof610: cs = 610; goto _test_eof; 
	_test_eof611: cs = 611; goto _test_eof; 
	_test_eof612: cs = 612; goto _test_eof; 
	_test_eof613: cs = 613; goto _test_eof; 
	_test_eof614: cs = 614; goto _test_eof; 
	_test_eof615: cs = 615; goto _test_eof; 
	_test_eof616: cs = 616; goto _test_eof; 
	_test_eof617: cs = 617; goto _test_eof; 
	_test_eof618: cs = 618; goto _test_eof; 
	_test_eof619: cs = 619; goto _test_eof; 
	_test_eof620: cs = 620; goto _test_eof; 
	_test_eof621: cs = 621; goto _test_eof; 
	_test_eof622: cs = 622; goto _test_eof; 
	_test_eof623: cs = 623; goto _test_eof; 
	_test_eof624: cs = 624; goto _test_eof; 
	_test_eof625: cs = 625; goto _test_eof; 
	_test_eof626: cs = 626; goto _test_eof; 
	_test_eof627: cs = 627; goto _test_eof; 
	_test_eof628: cs = 628; goto _test_eof; 
	_test_eof629: cs = 629; goto _test_eof; 
	_test_eof630: cs = 630; goto _test_eof; 
	_test_eof631: cs = 631; goto _test_eof; 
	_test_eof632: cs = 632; goto _test_eof; 
	_test_eof633: cs = 633; goto _test_eof; 
	_test_eof634: cs = 634; goto _test_eof; 
	_test_eof635: cs = 635; goto _test_eof; 
	_test_eof636: cs = 636; goto _test_eof; 
	_test_eof637: cs = 637; goto _test_eof; 
	_test_eof638: cs = 638; goto _test_eof; 
	_test_eof639: cs = 639; goto _test_eof; 
	_test_eof640: cs = 640; goto _test_eof; 
	_test_eof641: cs = 641; goto _test_eof; 
	_test_eof642: cs = 642; goto _test_eof; 
	_test_eof643: cs = 643; goto _test_eof; 
	_test_eof644: cs = 644; goto _test_eof; 
	_test_eof645: cs = 645; goto _test_eof; 
	_test_eof646: cs = 646; goto _test_eof; 
	_test_eof647: cs = 647; goto _test_eof; 
	_test_eof648: cs = 648; goto _test_eof; 
	_test_eof649: cs = 649; goto _test_eof; 
	_test_eof906: cs = 906; goto _test_eof; 
	_test_eof907: cs = 907; goto _test_eof; 
	_test_eof908: cs = 908; goto _test_eof; 
	_test_eof909: cs = 909; goto _test_eof; 
	_test_eof910: cs = 910; goto _test_eof; 
	_test_eof911: cs = 911; goto _test_eof; 
	_test_eof912: cs = 912; goto _test_eof; 
	_test_eof913: cs = 913; goto _test_eof; 
	_test_eof914: cs = 914; goto _test_eof; 
	_test_eof915: cs = 915; goto _test_eof; 
	_test_eof916: cs = 916; goto _test_eof; 
	_test_eof917: cs = 917; goto _test_eof; 
	_test_eof918: cs = 918; goto _test_eof; 
	_test_eof919: cs = 919; goto _test_eof; 
	_test_eof920: cs = 920; goto _test_eof; 
	_test_eof921: cs = 921; goto _test_eof; 
	_test_eof922: cs = 922; goto _test_eof; 
	_test_eof923: cs = 923; goto _test_eof; 
	_test_eof924: cs = 924; goto _test_eof; 
	_test_eof925: cs = 925; goto _test_eof; 
	_test_eof926: cs = 926; goto _test_eof; 
	_test_eof927: cs = 927; goto _test_eof; 
	_test_eof928: cs = 928; goto _test_eof; 
	_test_eof650: cs = 650; goto _test_eof; 
	_test_eof651: cs = 651; goto _test_eof; 
	_test_eof652: cs = 652; goto _test_eof; 
	_test_eof653: cs = 653; goto _test_eof; 
	_test_eof654: cs = 654; goto _test_eof; 
	_test_eof655: cs = 655; goto _test_eof; 
	_test_eof656: cs = 656; goto _test_eof; 
	_test_eof657: cs = 657; goto _test_eof; 
	_test_eof658: cs = 658; goto _test_eof; 
	_test_eof659: cs = 659; goto _test_eof; 
	_test_eof660: cs = 660; goto _test_eof; 
	_test_eof661: cs = 661; goto _test_eof; 
	_test_eof662: cs = 662; goto _test_eof; 
	_test_eof663: cs = 663; goto _test_eof; 
	_test_eof664: cs = 664; goto _test_eof; 
	_test_eof665: cs = 665; goto _test_eof; 
	_test_eof666: cs = 666; goto _test_eof; 
	_test_eof667: cs = 667; goto _test_eof; 
	_test_eof668: cs = 668; goto _test_eof; 
	_test_eof669: cs = 669; goto _test_eof; 
	_test_eof670: cs = 670; goto _test_eof; 
	_test_eof671: cs = 671; goto _test_eof; 
	_test_eof672: cs = 672; goto _test_eof; 
	_test_eof673: cs = 673; goto _test_eof; 
	_test_eof674: cs = 674; goto _test_eof; 
	_test_eof675: cs = 675; goto _test_eof; 
	_test_eof676: cs = 676; goto _test_eof; 
	_test_eof677: cs = 677; goto _test_eof; 
	_test_eof678: cs = 678; goto _test_eof; 
	_test_eof679: cs = 679; goto _test_eof; 
	_test_eof929: cs = 929; goto _test_eof; 
	_test_eof680: cs = 680; goto _test_eof; 
	_test_eof681: cs = 681; goto _test_eof; 
	_test_eof682: cs = 682; goto _test_eof; 
	_test_eof683: cs = 683; goto _test_eof; 
	_test_eof684: cs = 684; goto _test_eof; 
	_test_eof685: cs = 685; goto _test_eof; 
	_test_eof686: cs = 686; goto _test_eof; 
	_test_eof687: cs = 687; goto _test_eof; 
	_test_eof688: cs = 688; goto _test_eof; 
	_test_eof689: cs = 689; goto _test_eof; 
	_test_eof690: cs = 690; goto _test_eof; 
	_test_eof691: cs = 691; goto _test_eof; 
	_test_eof692: cs = 692; goto _test_eof; 
	_test_eof693: cs = 693; goto _test_eof; 
	_test_eof694: cs = 694; goto _test_eof; 
	_test_eof695: cs = 695; goto _test_eof; 
	_test_eof696: cs = 696; goto _test_eof; 
	_test_eof697: cs = 697; goto _test_eof; 
	_test_eof698: cs = 698; goto _test_eof; 
	_test_eof699: cs = 699; goto _test_eof; 
	_test_eof700: cs = 700; goto _test_eof; 
	_test_eof701: cs = 701; goto _test_eof; 
	_test_eof702: cs = 702; goto _test_eof; 
	_test_eof703: cs = 703; goto _test_eof; 
	_test_eof704: cs = 704; goto _test_eof; 
	_test_eof705: cs = 705; goto _test_eof; 
	_test_eof706: cs = 706; goto _test_eof; 
	_test_eof707: cs = 707; goto _test_eof; 
	_test_eof708: cs = 708; goto _test_eof; 
	_test_eof709: cs = 709; goto _test_eof; 
	_test_eof710: cs = 710; goto _test_eof; 
	_test_eof711: cs = 711; goto _test_eof; 
	_test_eof712: cs = 712; goto _test_eof; 
	_test_eof713: cs = 713; goto _test_eof; 
	_test_eof714: cs = 714; goto _test_eof; 
	_test_eof715: cs = 715; goto _test_eof; 
	_test_eof716: cs = 716; goto _test_eof; 
	_test_eof717: cs = 717; goto _test_eof; 
	_test_eof718: cs = 718; goto _test_eof; 
	_test_eof719: cs = 719; goto _test_eof; 
	_test_eof720: cs = 720; goto _test_eof; 
	_test_eof721: cs = 721; goto _test_eof; 
	_test_eof722: cs = 722; goto _test_eof; 
	_test_eof930: cs = 930; goto _test_eof; 
	_test_eof723: cs = 723; goto _test_eof; 
	_test_eof724: cs = 724; goto _test_eof; 
	_test_eof725: cs = 725; goto _test_eof; 
	_test_eof726: cs = 726; goto _test_eof; 
	_test_eof727: cs = 727; goto _test_eof; 
	_test_eof728: cs = 728; goto _test_eof; 
	_test_eof729: cs = 729; goto _test_eof; 
	_test_eof730: cs = 730; goto _test_eof; 
	_test_eof731: cs = 731; goto _test_eof; 
	_test_eof732: cs = 732; goto _test_eof; 
	_test_eof733: cs = 733; goto _test_eof; 
	_test_eof931: cs = 931; goto _test_eof; 
	_test_eof734: cs = 734; goto _test_eof; 
	_test_eof735: cs = 735; goto _test_eof; 
	_test_eof736: cs = 736; goto _test_eof; 
	_test_eof737: cs = 737; goto _test_eof; 
	_test_eof738: cs = 738; goto _test_eof; 
	_test_eof739: cs = 739; goto _test_eof; 
	_test_eof932: cs = 932; goto _test_eof; 
	_test_eof933: cs = 933; goto _test_eof; 
	_test_eof934: cs = 934; goto _test_eof; 
	_test_eof740: cs = 740; goto _test_eof; 
	_test_eof935: cs = 935; goto _test_eof; 
	_test_eof741: cs = 741; goto _test_eof; 
	_test_eof742: cs = 742; goto _test_eof; 
	_test_eof743: cs = 743; goto _test_eof; 
	_test_eof744: cs = 744; goto _test_eof; 
	_test_eof745: cs = 745; goto _test_eof; 
	_test_eof746: cs = 746; goto _test_eof; 
	_test_eof747: cs = 747; goto _test_eof; 
	_test_eof748: cs = 748; goto _test_eof; 
	_test_eof749: cs = 749; goto _test_eof; 
	_test_eof750: cs = 750; goto _test_eof; 
	_test_eof751: cs = 751; goto _test_eof; 
	_test_eof752: cs = 752; goto _test_eof; 
	_test_eof753: cs = 753; goto _test_eof; 
	_test_eof754: cs = 754; goto _test_eof; 
	_test_eof755: cs = 755; goto _test_eof; 
	_test_eof756: cs = 756; goto _test_eof; 
	_test_eof757: cs = 757; goto _test_eof; 
	_test_eof758: cs = 758; goto _test_eof; 
	_test_eof759: cs = 759; goto _test_eof; 
	_test_eof760: cs = 760; goto _test_eof; 
	_test_eof761: cs = 761; goto _test_eof; 
	_test_eof762: cs = 762; goto _test_eof; 
	_test_eof763: cs = 763; goto _test_eof; 
	_test_eof936: cs = 936; goto _test_eof; 
	_test_eof764: cs = 764; goto _test_eof; 
	_test_eof765: cs = 765; goto _test_eof; 
	_test_eof937: cs = 937; goto _test_eof; 
	_test_eof938: cs = 938; goto _test_eof; 
	_test_eof766: cs = 766; goto _test_eof; 
	_test_eof767: cs = 767; goto _test_eof; 
	_test_eof768: cs = 768; goto _test_eof; 
	_test_eof769: cs = 769; goto _test_eof; 
	_test_eof770: cs = 770; goto _test_eof; 
	_test_eof771: cs = 771; goto _test_eof; 
	_test_eof772: cs = 772; goto _test_eof; 
	_test_eof773: cs = 773; goto _test_eof; 
	_test_eof774: cs = 774; goto _test_eof; 
	_test_eof775: cs = 775; goto _test_eof; 
	_test_eof776: cs = 776; goto _test_eof; 
	_test_eof777: cs = 777; goto _test_eof; 
	_test_eof778: cs = 778; goto _test_eof; 
	_test_eof779: cs = 779; goto _test_eof; 
	_test_eof780: cs = 780; goto _test_eof; 
	_test_eof781: cs = 781; goto _test_eof; 
	_test_eof939: cs = 939; goto _test_eof; 
	_test_eof782: cs = 782; goto _test_eof; 
	_test_eof783: cs = 783; goto _test_eof; 
	_test_eof784: cs = 784; goto _test_eof; 
	_test_eof785: cs = 785; goto _test_eof; 
	_test_eof786: cs = 786; goto _test_eof; 
	_test_eof787: cs = 787; goto _test_eof; 
	_test_eof788: cs = 788; goto _test_eof; 
	_test_eof789: cs = 789; goto _test_eof; 
	_test_eof790: cs = 790; goto _test_eof; 
	_test_eof791: cs = 791; goto _test_eof; 
	_test_eof792: cs = 792; goto _test_eof; 
	_test_eof793: cs = 793; goto _test_eof; 
	_test_eof794: cs = 794; goto _test_eof; 
	_test_eof795: cs = 795; goto _test_eof; 
	_test_eof796: cs = 796; goto _test_eof; 
	_test_eof797: cs = 797; goto _test_eof; 
	_test_eof798: cs = 798; goto _test_eof; 
	_test_eof799: cs = 799; goto _test_eof; 
	_test_eof800: cs = 800; goto _test_eof; 
	_test_eof801: cs = 801; goto _test_eof; 
	_test_eof802: cs = 802; goto _test_eof; 
	_test_eof803: cs = 803; goto _test_eof; 
	_test_eof804: cs = 804; goto _test_eof; 
	_test_eof805: cs = 805; goto _test_eof; 
	_test_eof806: cs = 806; goto _test_eof; 
	_test_eof807: cs = 807; goto _test_eof; 
	_test_eof808: cs = 808; goto _test_eof; 
	_test_eof809: cs = 809; goto _test_eof; 
	_test_eof810: cs = 810; goto _test_eof; 
	_test_eof811: cs = 811; goto _test_eof; 
	_test_eof812: cs = 812; goto _test_eof; 
	_test_eof813: cs = 813; goto _test_eof; 
	_test_eof814: cs = 814; goto _test_eof; 
	_test_eof815: cs = 815; goto _test_eof; 
	_test_eof816: cs = 816; goto _test_eof; 
	_test_eof817: cs = 817; goto _test_eof; 
	_test_eof818: cs = 818; goto _test_eof; 
	_test_eof819: cs = 819; goto _test_eof; 
	_test_eof820: cs = 820; goto _test_eof; 
	_test_eof821: cs = 821; goto _test_eof; 
	_test_eof822: cs = 822; goto _test_eof; 
	_test_eof823: cs = 823; goto _test_eof; 
	_test_eof824: cs = 824; goto _test_eof; 
	_test_eof825: cs = 825; goto _test_eof; 
	_test_eof826: cs = 826; goto _test_eof; 
	_test_eof827: cs = 827; goto _test_eof; 
	_test_eof828: cs = 828; goto _test_eof; 
	_test_eof829: cs = 829; goto _test_eof; 
	_test_eof830: cs = 830; goto _test_eof; 
	_test_eof831: cs = 831; goto _test_eof; 
	_test_eof832: cs = 832; goto _test_eof; 
	_test_eof833: cs = 833; goto _test_eof; 
	_test_eof834: cs = 834; goto _test_eof; 
	_test_eof835: cs = 835; goto _test_eof; 
	_test_eof836: cs = 836; goto _test_eof; 
	_test_eof837: cs = 837; goto _test_eof; 
	_test_eof838: cs = 838; goto _test_eof; 
	_test_eof839: cs = 839; goto _test_eof; 
	_test_eof840: cs = 840; goto _test_eof; 
	_test_eof841: cs = 841; goto _test_eof; 
	_test_eof842: cs = 842; goto _test_eof; 
	_test_eof843: cs = 843; goto _test_eof; 
	_test_eof844: cs = 844; goto _test_eof; 
	_test_eof845: cs = 845; goto _test_eof; 
	_test_eof846: cs = 846; goto _test_eof; 
	_test_eof847: cs = 847; goto _test_eof; 
	_test_eof848: cs = 848; goto _test_eof; 
	_test_eof849: cs = 849; goto _test_eof; 
	_test_eof850: cs = 850; goto _test_eof; 
	_test_eof851: cs = 851; goto _test_eof; 
	_test_eof852: cs = 852; goto _test_eof; 
	_test_eof853: cs = 853; goto _test_eof; 
	_test_eof854: cs = 854; goto _test_eof; 
	_test_eof855: cs = 855; goto _test_eof; 
	_test_eof856: cs = 856; goto _test_eof; 
	_test_eof857: cs = 857; goto _test_eof; 
	_test_eof858: cs = 858; goto _test_eof; 
	_test_eof859: cs = 859; goto _test_eof; 
	_test_eof860: cs = 860; goto _test_eof; 
	_test_eof861: cs = 861; goto _test_eof; 
	_test_eof862: cs = 862; goto _test_eof; 
	_test_eof863: cs = 863; goto _test_eof; 
	_test_eof864: cs = 864; goto _test_eof; 
	_test_eof865: cs = 865; goto _test_eof; 
	_test_eof866: cs = 866; goto _test_eof; 
	_test_eof867: cs = 867; goto _test_eof; 
	_test_eof868: cs = 868; goto _test_eof; 
	_test_eof869: cs = 869; goto _test_eof; 
	_test_eof870: cs = 870; goto _test_eof; 
	_test_eof871: cs = 871; goto _test_eof; 
	_test_eof872: cs = 872; goto _test_eof; 
	_test_eof940: cs = 940; goto _test_eof; 
	_test_eof941: cs = 941; goto _test_eof; 
	_test_eof942: cs = 942; goto _test_eof; 
	_test_eof943: cs = 943; goto _test_eof; 
	_test_eof873: cs = 873; goto _test_eof; 
	_test_eof874: cs = 874; goto _test_eof; 
	_test_eof875: cs = 875; goto _test_eof; 
	_test_eof876: cs = 876; goto _test_eof; 
	_test_eof877: cs = 877; goto _test_eof; 
	_test_eof878: cs = 878; goto _test_eof; 
	_test_eof879: cs = 879; goto _test_eof; 
	_test_eof880: cs = 880; goto _test_eof; 
	_test_eof944: cs = 944; goto _test_eof; 
	_test_eof945: cs = 945; goto _test_eof; 
	_test_eof946: cs = 946; goto _test_eof; 
	_test_eof947: cs = 947; goto _test_eof; 
	_test_eof948: cs = 948; goto _test_eof; 
	_test_eof949: cs = 949; goto _test_eof; 
	_test_eof950: cs = 950; goto _test_eof; 
	_test_eof951: cs = 951; goto _test_eof; 
	_test_eof952: cs = 952; goto _test_eof; 
	_test_eof953: cs = 953; goto _test_eof; 
	_test_eof954: cs = 954; goto _test_eof; 
	_test_eof881: cs = 881; goto _test_eof; 
	_test_eof955: cs = 955; goto _test_eof; 
	_test_eof956: cs = 956; goto _test_eof; 
	_test_eof957: cs = 957; goto _test_eof; 
	_test_eof882: cs = 882; goto _test_eof; 
	_test_eof958: cs = 958; goto _test_eof; 
	_test_eof959: cs = 959; goto _test_eof; 
	_test_eof960: cs = 960; goto _test_eof; 
	_test_eof961: cs = 961; goto _test_eof; 
	_test_eof883: cs = 883; goto _test_eof; 
	_test_eof884: cs = 884; goto _test_eof; 
	_test_eof885: cs = 885; goto _test_eof; 
	_test_eof886: cs = 886; goto _test_eof; 
	_test_eof887: cs = 887; goto _test_eof; 
	_test_eof888: cs = 888; goto _test_eof; 
	_test_eof889: cs = 889; goto _test_eof; 
	_test_eof890: cs = 890; goto _test_eof; 
	_test_eof891: cs = 891; goto _test_eof; 
	_test_eof962: cs = 962; goto _test_eof; 
	_test_eof963: cs = 963; goto _test_eof; 
	_test_eof964: cs = 964; goto _test_eof; 
	_test_eof965: cs = 965; goto _test_eof; 
	_test_eof966: cs = 966; goto _test_eof; 
	_test_eof892: cs = 892; goto _test_eof; 
	_test_eof967: cs = 967; goto _test_eof; 
	_test_eof968: cs = 968; goto _test_eof; 
	_test_eof969: cs = 969; goto _test_eof; 
	_test_eof970: cs = 970; goto _test_eof; 
	_test_eof971: cs = 971; goto _test_eof; 
	_test_eof972: cs = 972; goto _test_eof; 
	_test_eof973: cs = 973; goto _test_eof; 
	_test_eof974: cs = 974; goto _test_eof; 

	_test_eof: {}
	if ( p == eof )
	{
	switch ( cs ) {
	case 894: goto tr791;
	case 895: goto tr792;
	case 896: goto tr793;
	case 897: goto tr793;
	case 898: goto tr793;
	case 1: goto tr0;
	case 899: goto tr793;
	case 900: goto tr798;
	case 2: goto tr2;
	case 3: goto tr2;
	case 4: goto tr2;
	case 901: goto tr793;
	case 902: goto tr793;
	case 5: goto tr0;
	case 6: goto tr0;
	case 7: goto tr0;
	case 8: goto tr0;
	case 9: goto tr0;
	case 10: goto tr0;
	case 11: goto tr0;
	case 12: goto tr0;
	case 13: goto tr0;
	case 14: goto tr0;
	case 15: goto tr0;
	case 16: goto tr0;
	case 17: goto tr0;
	case 18: goto tr0;
	case 19: goto tr0;
	case 20: goto tr0;
	case 21: goto tr0;
	case 22: goto tr0;
	case 23: goto tr0;
	case 24: goto tr0;
	case 25: goto tr0;
	case 26: goto tr0;
	case 27: goto tr0;
	case 28: goto tr0;
	case 29: goto tr0;
	case 30: goto tr0;
	case 31: goto tr0;
	case 32: goto tr0;
	case 33: goto tr0;
	case 34: goto tr0;
	case 35: goto tr0;
	case 36: goto tr0;
	case 37: goto tr0;
	case 38: goto tr0;
	case 39: goto tr0;
	case 40: goto tr0;
	case 41: goto tr0;
	case 42: goto tr0;
	case 43: goto tr0;
	case 44: goto tr0;
	case 45: goto tr0;
	case 46: goto tr0;
	case 47: goto tr0;
	case 48: goto tr0;
	case 49: goto tr0;
	case 50: goto tr0;
	case 51: goto tr0;
	case 52: goto tr0;
	case 53: goto tr0;
	case 54: goto tr0;
	case 55: goto tr0;
	case 56: goto tr0;
	case 57: goto tr0;
	case 58: goto tr0;
	case 59: goto tr0;
	case 60: goto tr0;
	case 61: goto tr0;
	case 62: goto tr0;
	case 63: goto tr0;
	case 64: goto tr0;
	case 65: goto tr0;
	case 66: goto tr0;
	case 67: goto tr0;
	case 68: goto tr0;
	case 69: goto tr0;
	case 70: goto tr0;
	case 71: goto tr0;
	case 72: goto tr0;
	case 73: goto tr0;
	case 74: goto tr0;
	case 75: goto tr0;
	case 76: goto tr0;
	case 77: goto tr0;
	case 78: goto tr0;
	case 79: goto tr0;
	case 80: goto tr0;
	case 81: goto tr0;
	case 82: goto tr0;
	case 83: goto tr0;
	case 84: goto tr0;
	case 85: goto tr0;
	case 86: goto tr0;
	case 87: goto tr0;
	case 88: goto tr0;
	case 89: goto tr0;
	case 90: goto tr0;
	case 91: goto tr0;
	case 92: goto tr0;
	case 93: goto tr0;
	case 94: goto tr0;
	case 95: goto tr0;
	case 96: goto tr0;
	case 97: goto tr0;
	case 98: goto tr0;
	case 99: goto tr0;
	case 100: goto tr0;
	case 101: goto tr0;
	case 102: goto tr0;
	case 103: goto tr0;
	case 104: goto tr0;
	case 105: goto tr0;
	case 106: goto tr0;
	case 107: goto tr0;
	case 108: goto tr0;
	case 109: goto tr0;
	case 110: goto tr0;
	case 111: goto tr0;
	case 112: goto tr0;
	case 113: goto tr0;
	case 114: goto tr0;
	case 115: goto tr0;
	case 116: goto tr0;
	case 117: goto tr0;
	case 118: goto tr0;
	case 119: goto tr0;
	case 120: goto tr0;
	case 121: goto tr0;
	case 122: goto tr0;
	case 123: goto tr0;
	case 124: goto tr0;
	case 125: goto tr0;
	case 126: goto tr0;
	case 127: goto tr0;
	case 128: goto tr0;
	case 129: goto tr0;
	case 130: goto tr0;
	case 131: goto tr0;
	case 132: goto tr0;
	case 133: goto tr0;
	case 134: goto tr0;
	case 135: goto tr0;
	case 136: goto tr0;
	case 137: goto tr0;
	case 138: goto tr0;
	case 139: goto tr0;
	case 140: goto tr0;
	case 141: goto tr0;
	case 142: goto tr0;
	case 143: goto tr0;
	case 144: goto tr0;
	case 145: goto tr0;
	case 146: goto tr0;
	case 147: goto tr0;
	case 148: goto tr0;
	case 149: goto tr0;
	case 150: goto tr0;
	case 151: goto tr0;
	case 152: goto tr0;
	case 153: goto tr0;
	case 154: goto tr0;
	case 155: goto tr0;
	case 156: goto tr0;
	case 157: goto tr0;
	case 158: goto tr0;
	case 159: goto tr0;
	case 160: goto tr0;
	case 161: goto tr0;
	case 162: goto tr0;
	case 163: goto tr0;
	case 164: goto tr0;
	case 165: goto tr0;
	case 166: goto tr0;
	case 167: goto tr0;
	case 168: goto tr0;
	case 169: goto tr0;
	case 170: goto tr0;
	case 171: goto tr0;
	case 172: goto tr0;
	case 173: goto tr0;
	case 174: goto tr0;
	case 175: goto tr0;
	case 176: goto tr0;
	case 177: goto tr0;
	case 178: goto tr0;
	case 179: goto tr0;
	case 180: goto tr0;
	case 181: goto tr0;
	case 182: goto tr0;
	case 183: goto tr0;
	case 184: goto tr0;
	case 185: goto tr0;
	case 186: goto tr0;
	case 187: goto tr0;
	case 188: goto tr0;
	case 189: goto tr0;
	case 190: goto tr0;
	case 191: goto tr0;
	case 192: goto tr0;
	case 193: goto tr0;
	case 194: goto tr0;
	case 195: goto tr0;
	case 196: goto tr0;
	case 197: goto tr0;
	case 198: goto tr0;
	case 199: goto tr0;
	case 200: goto tr0;
	case 201: goto tr0;
	case 202: goto tr0;
	case 203: goto tr0;
	case 204: goto tr0;
	case 205: goto tr0;
	case 206: goto tr0;
	case 207: goto tr0;
	case 208: goto tr0;
	case 209: goto tr0;
	case 210: goto tr0;
	case 211: goto tr0;
	case 212: goto tr0;
	case 213: goto tr0;
	case 214: goto tr0;
	case 215: goto tr0;
	case 216: goto tr0;
	case 217: goto tr0;
	case 218: goto tr0;
	case 219: goto tr0;
	case 220: goto tr0;
	case 221: goto tr0;
	case 222: goto tr0;
	case 223: goto tr0;
	case 224: goto tr0;
	case 225: goto tr0;
	case 226: goto tr0;
	case 227: goto tr0;
	case 228: goto tr0;
	case 229: goto tr0;
	case 230: goto tr0;
	case 231: goto tr0;
	case 232: goto tr0;
	case 233: goto tr0;
	case 234: goto tr0;
	case 235: goto tr0;
	case 236: goto tr0;
	case 237: goto tr0;
	case 238: goto tr0;
	case 239: goto tr0;
	case 240: goto tr0;
	case 241: goto tr0;
	case 242: goto tr0;
	case 243: goto tr0;
	case 244: goto tr0;
	case 245: goto tr0;
	case 246: goto tr0;
	case 247: goto tr0;
	case 248: goto tr0;
	case 249: goto tr0;
	case 250: goto tr0;
	case 251: goto tr0;
	case 252: goto tr0;
	case 253: goto tr0;
	case 254: goto tr0;
	case 255: goto tr0;
	case 256: goto tr0;
	case 257: goto tr0;
	case 258: goto tr0;
	case 259: goto tr0;
	case 260: goto tr0;
	case 261: goto tr0;
	case 262: goto tr0;
	case 263: goto tr0;
	case 264: goto tr0;
	case 265: goto tr0;
	case 266: goto tr0;
	case 267: goto tr0;
	case 268: goto tr0;
	case 269: goto tr0;
	case 270: goto tr0;
	case 271: goto tr0;
	case 272: goto tr0;
	case 273: goto tr0;
	case 274: goto tr0;
	case 275: goto tr0;
	case 276: goto tr0;
	case 277: goto tr0;
	case 278: goto tr0;
	case 279: goto tr0;
	case 280: goto tr0;
	case 281: goto tr0;
	case 282: goto tr0;
	case 283: goto tr0;
	case 284: goto tr0;
	case 285: goto tr0;
	case 286: goto tr0;
	case 287: goto tr0;
	case 288: goto tr0;
	case 289: goto tr0;
	case 290: goto tr0;
	case 291: goto tr0;
	case 292: goto tr0;
	case 293: goto tr0;
	case 294: goto tr0;
	case 295: goto tr0;
	case 296: goto tr0;
	case 297: goto tr0;
	case 298: goto tr0;
	case 299: goto tr0;
	case 300: goto tr0;
	case 301: goto tr0;
	case 302: goto tr0;
	case 303: goto tr0;
	case 304: goto tr0;
	case 305: goto tr0;
	case 306: goto tr0;
	case 307: goto tr0;
	case 308: goto tr0;
	case 309: goto tr0;
	case 310: goto tr0;
	case 311: goto tr0;
	case 312: goto tr0;
	case 313: goto tr0;
	case 314: goto tr0;
	case 315: goto tr0;
	case 316: goto tr0;
	case 317: goto tr0;
	case 318: goto tr0;
	case 319: goto tr0;
	case 320: goto tr0;
	case 321: goto tr0;
	case 322: goto tr0;
	case 323: goto tr0;
	case 324: goto tr0;
	case 325: goto tr0;
	case 326: goto tr0;
	case 327: goto tr0;
	case 328: goto tr0;
	case 329: goto tr0;
	case 330: goto tr0;
	case 331: goto tr0;
	case 332: goto tr0;
	case 333: goto tr0;
	case 334: goto tr0;
	case 335: goto tr0;
	case 336: goto tr0;
	case 337: goto tr0;
	case 338: goto tr0;
	case 339: goto tr0;
	case 340: goto tr0;
	case 341: goto tr0;
	case 342: goto tr0;
	case 343: goto tr0;
	case 344: goto tr0;
	case 345: goto tr0;
	case 346: goto tr0;
	case 347: goto tr0;
	case 348: goto tr0;
	case 349: goto tr0;
	case 350: goto tr0;
	case 351: goto tr0;
	case 352: goto tr0;
	case 353: goto tr0;
	case 354: goto tr0;
	case 355: goto tr0;
	case 356: goto tr0;
	case 357: goto tr0;
	case 358: goto tr0;
	case 359: goto tr0;
	case 360: goto tr0;
	case 361: goto tr0;
	case 362: goto tr0;
	case 363: goto tr0;
	case 364: goto tr0;
	case 365: goto tr0;
	case 366: goto tr0;
	case 367: goto tr0;
	case 368: goto tr0;
	case 369: goto tr0;
	case 370: goto tr0;
	case 371: goto tr0;
	case 372: goto tr0;
	case 373: goto tr0;
	case 374: goto tr0;
	case 375: goto tr0;
	case 376: goto tr0;
	case 377: goto tr0;
	case 378: goto tr0;
	case 379: goto tr0;
	case 380: goto tr0;
	case 381: goto tr0;
	case 382: goto tr0;
	case 383: goto tr0;
	case 384: goto tr0;
	case 385: goto tr0;
	case 386: goto tr0;
	case 387: goto tr0;
	case 388: goto tr0;
	case 389: goto tr0;
	case 903: goto tr793;
	case 904: goto tr793;
	case 905: goto tr805;
	case 390: goto tr392;
	case 391: goto tr392;
	case 392: goto tr392;
	case 393: goto tr392;
	case 394: goto tr392;
	case 395: goto tr392;
	case 396: goto tr392;
	case 397: goto tr392;
	case 398: goto tr392;
	case 399: goto tr392;
	case 400: goto tr392;
	case 401: goto tr392;
	case 402: goto tr392;
	case 403: goto tr392;
	case 404: goto tr392;
	case 405: goto tr392;
	case 406: goto tr392;
	case 407: goto tr392;
	case 408: goto tr392;
	case 409: goto tr392;
	case 410: goto tr392;
	case 411: goto tr392;
	case 412: goto tr392;
	case 413: goto tr392;
	case 414: goto tr392;
	case 415: goto tr392;
	case 416: goto tr392;
	case 417: goto tr392;
	case 418: goto tr392;
	case 419: goto tr392;
	case 420: goto tr392;
	case 421: goto tr392;
	case 422: goto tr392;
	case 423: goto tr392;
	case 424: goto tr392;
	case 425: goto tr392;
	case 426: goto tr392;
	case 427: goto tr392;
	case 428: goto tr392;
	case 429: goto tr392;
	case 430: goto tr392;
	case 431: goto tr392;
	case 432: goto tr392;
	case 433: goto tr392;
	case 434: goto tr392;
	case 435: goto tr392;
	case 436: goto tr392;
	case 437: goto tr392;
	case 438: goto tr392;
	case 439: goto tr392;
	case 440: goto tr392;
	case 441: goto tr392;
	case 442: goto tr392;
	case 443: goto tr392;
	case 444: goto tr392;
	case 445: goto tr392;
	case 446: goto tr392;
	case 447: goto tr392;
	case 448: goto tr392;
	case 449: goto tr392;
	case 450: goto tr392;
	case 451: goto tr392;
	case 452: goto tr392;
	case 453: goto tr392;
	case 454: goto tr392;
	case 455: goto tr392;
	case 456: goto tr392;
	case 457: goto tr392;
	case 458: goto tr392;
	case 459: goto tr392;
	case 460: goto tr392;
	case 461: goto tr392;
	case 462: goto tr392;
	case 463: goto tr392;
	case 464: goto tr392;
	case 465: goto tr392;
	case 466: goto tr392;
	case 467: goto tr392;
	case 468: goto tr392;
	case 469: goto tr392;
	case 470: goto tr392;
	case 471: goto tr392;
	case 472: goto tr392;
	case 473: goto tr392;
	case 474: goto tr392;
	case 475: goto tr392;
	case 476: goto tr392;
	case 477: goto tr392;
	case 478: goto tr392;
	case 479: goto tr392;
	case 480: goto tr392;
	case 481: goto tr392;
	case 482: goto tr392;
	case 483: goto tr392;
	case 484: goto tr392;
	case 485: goto tr392;
	case 486: goto tr392;
	case 487: goto tr392;
	case 488: goto tr392;
	case 489: goto tr392;
	case 490: goto tr392;
	case 491: goto tr392;
	case 492: goto tr392;
	case 493: goto tr392;
	case 494: goto tr392;
	case 495: goto tr392;
	case 496: goto tr392;
	case 497: goto tr392;
	case 498: goto tr392;
	case 499: goto tr392;
	case 500: goto tr392;
	case 501: goto tr392;
	case 502: goto tr392;
	case 503: goto tr392;
	case 504: goto tr392;
	case 505: goto tr392;
	case 506: goto tr392;
	case 507: goto tr392;
	case 508: goto tr392;
	case 509: goto tr392;
	case 510: goto tr392;
	case 511: goto tr392;
	case 512: goto tr392;
	case 513: goto tr392;
	case 514: goto tr392;
	case 515: goto tr392;
	case 516: goto tr392;
	case 517: goto tr392;
	case 518: goto tr392;
	case 519: goto tr392;
	case 520: goto tr392;
	case 521: goto tr392;
	case 522: goto tr392;
	case 523: goto tr392;
	case 524: goto tr392;
	case 525: goto tr392;
	case 526: goto tr392;
	case 527: goto tr392;
	case 528: goto tr392;
	case 529: goto tr392;
	case 530: goto tr392;
	case 531: goto tr392;
	case 532: goto tr392;
	case 533: goto tr392;
	case 534: goto tr392;
	case 535: goto tr392;
	case 536: goto tr392;
	case 537: goto tr392;
	case 538: goto tr392;
	case 539: goto tr392;
	case 540: goto tr392;
	case 541: goto tr392;
	case 542: goto tr392;
	case 543: goto tr392;
	case 544: goto tr392;
	case 545: goto tr392;
	case 546: goto tr392;
	case 547: goto tr392;
	case 548: goto tr392;
	case 549: goto tr392;
	case 550: goto tr392;
	case 551: goto tr392;
	case 552: goto tr392;
	case 553: goto tr392;
	case 554: goto tr392;
	case 555: goto tr392;
	case 556: goto tr392;
	case 557: goto tr392;
	case 558: goto tr392;
	case 559: goto tr392;
	case 560: goto tr392;
	case 561: goto tr392;
	case 562: goto tr392;
	case 563: goto tr392;
	case 564: goto tr392;
	case 565: goto tr392;
	case 566: goto tr392;
	case 567: goto tr392;
	case 568: goto tr392;
	case 569: goto tr392;
	case 570: goto tr392;
	case 571: goto tr392;
	case 572: goto tr392;
	case 573: goto tr392;
	case 574: goto tr392;
	case 575: goto tr392;
	case 576: goto tr392;
	case 577: goto tr392;
	case 578: goto tr392;
	case 579: goto tr392;
	case 580: goto tr392;
	case 581: goto tr392;
	case 582: goto tr392;
	case 583: goto tr392;
	case 584: goto tr392;
	case 585: goto tr392;
	case 586: goto tr392;
	case 587: goto tr392;
	case 588: goto tr392;
	case 589: goto tr392;
	case 590: goto tr392;
	case 591: goto tr392;
	case 592: goto tr392;
	case 593: goto tr392;
	case 594: goto tr392;
	case 595: goto tr392;
	case 596: goto tr392;
	case 597: goto tr392;
	case 598: goto tr392;
	case 599: goto tr392;
	case 600: goto tr392;
	case 601: goto tr392;
	case 602: goto tr392;
	case 603: goto tr392;
	case 604: goto tr392;
	case 605: goto tr392;
	case 606: goto tr392;
	case 607: goto tr392;
	case 608: goto tr392;
	case 609: goto tr392;
	case 610: goto tr392;
	case 611: goto tr392;
	case 612: goto tr392;
	case 613: goto tr392;
	case 614: goto tr392;
	case 615: goto tr392;
	case 616: goto tr392;
	case 617: goto tr392;
	case 618: goto tr392;
	case 619: goto tr392;
	case 620: goto tr392;
	case 621: goto tr392;
	case 622: goto tr392;
	case 623: goto tr392;
	case 624: goto tr392;
	case 625: goto tr392;
	case 626: goto tr392;
	case 627: goto tr392;
	case 628: goto tr392;
	case 629: goto tr392;
	case 630: goto tr392;
	case 631: goto tr392;
	case 632: goto tr392;
	case 633: goto tr392;
	case 634: goto tr392;
	case 635: goto tr392;
	case 636: goto tr392;
	case 637: goto tr392;
	case 638: goto tr392;
	case 639: goto tr392;
	case 640: goto tr392;
	case 641: goto tr392;
	case 642: goto tr392;
	case 643: goto tr392;
	case 644: goto tr392;
	case 645: goto tr392;
	case 646: goto tr392;
	case 647: goto tr392;
	case 648: goto tr392;
	case 649: goto tr392;
	case 906: goto tr793;
	case 907: goto tr793;
	case 908: goto tr835;
	case 909: goto tr835;
	case 910: goto tr835;
	case 911: goto tr835;
	case 912: goto tr835;
	case 913: goto tr835;
	case 914: goto tr835;
	case 915: goto tr835;
	case 916: goto tr835;
	case 917: goto tr835;
	case 918: goto tr835;
	case 919: goto tr835;
	case 920: goto tr835;
	case 921: goto tr835;
	case 922: goto tr835;
	case 923: goto tr835;
	case 924: goto tr835;
	case 925: goto tr835;
	case 926: goto tr835;
	case 927: goto tr835;
	case 928: goto tr835;
	case 650: goto tr627;
	case 651: goto tr627;
	case 652: goto tr627;
	case 653: goto tr627;
	case 654: goto tr627;
	case 655: goto tr627;
	case 656: goto tr627;
	case 657: goto tr627;
	case 658: goto tr627;
	case 659: goto tr627;
	case 660: goto tr627;
	case 661: goto tr627;
	case 662: goto tr627;
	case 663: goto tr627;
	case 664: goto tr627;
	case 665: goto tr627;
	case 666: goto tr627;
	case 667: goto tr627;
	case 668: goto tr627;
	case 669: goto tr627;
	case 670: goto tr627;
	case 671: goto tr627;
	case 672: goto tr627;
	case 673: goto tr627;
	case 674: goto tr627;
	case 675: goto tr627;
	case 676: goto tr627;
	case 677: goto tr627;
	case 678: goto tr627;
	case 679: goto tr627;
	case 929: goto tr835;
	case 680: goto tr627;
	case 681: goto tr627;
	case 682: goto tr627;
	case 683: goto tr627;
	case 684: goto tr627;
	case 685: goto tr627;
	case 686: goto tr627;
	case 687: goto tr627;
	case 688: goto tr627;
	case 689: goto tr627;
	case 690: goto tr627;
	case 691: goto tr627;
	case 692: goto tr627;
	case 693: goto tr627;
	case 694: goto tr627;
	case 695: goto tr627;
	case 696: goto tr627;
	case 697: goto tr627;
	case 698: goto tr627;
	case 699: goto tr627;
	case 700: goto tr627;
	case 701: goto tr627;
	case 702: goto tr627;
	case 703: goto tr627;
	case 704: goto tr627;
	case 705: goto tr627;
	case 706: goto tr627;
	case 707: goto tr627;
	case 708: goto tr627;
	case 709: goto tr627;
	case 710: goto tr627;
	case 711: goto tr627;
	case 712: goto tr627;
	case 713: goto tr627;
	case 714: goto tr627;
	case 715: goto tr627;
	case 716: goto tr627;
	case 717: goto tr627;
	case 718: goto tr627;
	case 719: goto tr627;
	case 720: goto tr627;
	case 721: goto tr627;
	case 722: goto tr627;
	case 930: goto tr835;
	case 723: goto tr627;
	case 724: goto tr627;
	case 725: goto tr627;
	case 726: goto tr627;
	case 727: goto tr627;
	case 728: goto tr627;
	case 729: goto tr627;
	case 730: goto tr627;
	case 731: goto tr627;
	case 732: goto tr627;
	case 733: goto tr627;
	case 931: goto tr835;
	case 734: goto tr627;
	case 735: goto tr627;
	case 736: goto tr627;
	case 737: goto tr627;
	case 738: goto tr627;
	case 739: goto tr627;
	case 932: goto tr835;
	case 933: goto tr835;
	case 934: goto tr835;
	case 740: goto tr627;
	case 935: goto tr835;
	case 741: goto tr627;
	case 742: goto tr627;
	case 743: goto tr627;
	case 744: goto tr627;
	case 745: goto tr627;
	case 746: goto tr627;
	case 747: goto tr627;
	case 748: goto tr627;
	case 749: goto tr627;
	case 750: goto tr627;
	case 751: goto tr627;
	case 752: goto tr627;
	case 753: goto tr627;
	case 754: goto tr627;
	case 755: goto tr627;
	case 756: goto tr627;
	case 757: goto tr627;
	case 758: goto tr627;
	case 759: goto tr627;
	case 760: goto tr627;
	case 761: goto tr627;
	case 762: goto tr627;
	case 763: goto tr627;
	case 936: goto tr835;
	case 764: goto tr627;
	case 765: goto tr627;
	case 937: goto tr835;
	case 938: goto tr835;
	case 766: goto tr627;
	case 767: goto tr627;
	case 768: goto tr627;
	case 769: goto tr627;
	case 770: goto tr627;
	case 771: goto tr627;
	case 772: goto tr627;
	case 773: goto tr627;
	case 774: goto tr627;
	case 775: goto tr627;
	case 776: goto tr627;
	case 777: goto tr627;
	case 778: goto tr627;
	case 779: goto tr627;
	case 780: goto tr627;
	case 781: goto tr627;
	case 939: goto tr835;
	case 782: goto tr627;
	case 783: goto tr627;
	case 784: goto tr627;
	case 785: goto tr627;
	case 786: goto tr627;
	case 787: goto tr627;
	case 788: goto tr627;
	case 789: goto tr627;
	case 790: goto tr627;
	case 791: goto tr627;
	case 792: goto tr627;
	case 793: goto tr627;
	case 794: goto tr627;
	case 795: goto tr627;
	case 796: goto tr627;
	case 797: goto tr627;
	case 798: goto tr627;
	case 799: goto tr627;
	case 800: goto tr627;
	case 801: goto tr627;
	case 802: goto tr627;
	case 803: goto tr627;
	case 804: goto tr627;
	case 805: goto tr627;
	case 806: goto tr627;
	case 807: goto tr627;
	case 808: goto tr627;
	case 809: goto tr627;
	case 810: goto tr627;
	case 811: goto tr627;
	case 812: goto tr627;
	case 813: goto tr627;
	case 814: goto tr627;
	case 815: goto tr627;
	case 816: goto tr627;
	case 817: goto tr627;
	case 818: goto tr627;
	case 819: goto tr627;
	case 820: goto tr627;
	case 821: goto tr627;
	case 822: goto tr627;
	case 823: goto tr627;
	case 824: goto tr627;
	case 825: goto tr627;
	case 826: goto tr627;
	case 827: goto tr627;
	case 828: goto tr627;
	case 829: goto tr627;
	case 830: goto tr627;
	case 831: goto tr627;
	case 832: goto tr627;
	case 833: goto tr627;
	case 834: goto tr627;
	case 835: goto tr627;
	case 836: goto tr627;
	case 837: goto tr627;
	case 838: goto tr627;
	case 839: goto tr627;
	case 840: goto tr627;
	case 841: goto tr627;
	case 842: goto tr627;
	case 843: goto tr627;
	case 844: goto tr627;
	case 845: goto tr627;
	case 846: goto tr627;
	case 847: goto tr627;
	case 848: goto tr627;
	case 849: goto tr627;
	case 850: goto tr627;
	case 851: goto tr627;
	case 852: goto tr627;
	case 853: goto tr627;
	case 854: goto tr627;
	case 855: goto tr627;
	case 856: goto tr627;
	case 857: goto tr627;
	case 858: goto tr627;
	case 859: goto tr627;
	case 860: goto tr627;
	case 861: goto tr627;
	case 862: goto tr627;
	case 863: goto tr627;
	case 864: goto tr627;
	case 865: goto tr627;
	case 866: goto tr627;
	case 867: goto tr627;
	case 868: goto tr627;
	case 869: goto tr627;
	case 870: goto tr627;
	case 871: goto tr627;
	case 872: goto tr627;
	case 940: goto tr835;
	case 941: goto tr835;
	case 943: goto tr985;
	case 873: goto tr716;
	case 874: goto tr725;
	case 875: goto tr725;
	case 876: goto tr725;
	case 877: goto tr725;
	case 878: goto tr725;
	case 879: goto tr725;
	case 880: goto tr725;
	case 944: goto tr987;
	case 945: goto tr988;
	case 946: goto tr992;
	case 947: goto tr992;
	case 948: goto tr985;
	case 949: goto tr995;
	case 950: goto tr988;
	case 951: goto tr998;
	case 952: goto tr988;
	case 953: goto tr1000;
	case 954: goto tr1000;
	case 881: goto tr726;
	case 955: goto tr1000;
	case 956: goto tr1000;
	case 957: goto tr1000;
	case 882: goto tr726;
	case 958: goto tr1000;
	case 959: goto tr1000;
	case 961: goto tr1013;
	case 883: goto tr728;
	case 884: goto tr728;
	case 885: goto tr731;
	case 886: goto tr728;
	case 887: goto tr731;
	case 888: goto tr731;
	case 889: goto tr731;
	case 890: goto tr731;
	case 962: goto tr1019;
	case 963: goto tr1019;
	case 964: goto tr1013;
	case 965: goto tr1013;
	case 966: goto tr1024;
	case 967: goto tr1026;
	case 968: goto tr1028;
	case 969: goto tr1028;
	case 970: goto tr1028;
	case 971: goto tr1028;
	case 972: goto tr1028;
	case 973: goto tr1028;
	case 974: goto tr1028;
	}
	}

	_out: {}
	}

#line 768 "src/hcl_lex.rl"


    if (cs < hcl_lex_first_final && !x.oom) {
        /* stuck inside a token (a lone CR in a heredoc, "$" at the very end):
         * the rest of the input is one invalid token, as upstream does */
        const uchar *s = ts ? ts : p;
        lx_emit(&x, HCL_TOK_INVALID, s, pe, W_ANY);
    }
    lx_emit(&x, HCL_TOK_EOF, pe, pe, W_ASCII);
    if (x.oom) return -1;
    out->v = x.tok;
    out->n = x.n;
    return 0;
}

const char *hcl_tok_name(hcl_tok_type t)
{
    static const char *const names[HCL_TOK__COUNT] = {
        [HCL_TOK_EOF] = "end of file",
        [HCL_TOK_NEWLINE] = "newline",
        [HCL_TOK_COMMENT] = "comment",
        [HCL_TOK_IDENT] = "identifier",
        [HCL_TOK_NUMBER] = "number literal",
        [HCL_TOK_OQUOTE] = "opening quote",
        [HCL_TOK_CQUOTE] = "closing quote",
        [HCL_TOK_OHEREDOC] = "heredoc introducer",
        [HCL_TOK_CHEREDOC] = "heredoc end marker",
        [HCL_TOK_QUOTED_LIT] = "quoted string literal",
        [HCL_TOK_STRING_LIT] = "string literal",
        [HCL_TOK_QUOTED_NEWLINE] = "newline in quoted string",
        [HCL_TOK_TEMPLATE_INTERP] = "'${'",
        [HCL_TOK_TEMPLATE_CONTROL] = "'%{'",
        [HCL_TOK_TEMPLATE_SEQ_END] = "end of template sequence",
        [HCL_TOK_OBRACE] = "'{'",
        [HCL_TOK_CBRACE] = "'}'",
        [HCL_TOK_OBRACK] = "'['",
        [HCL_TOK_CBRACK] = "']'",
        [HCL_TOK_OPAREN] = "'('",
        [HCL_TOK_CPAREN] = "')'",
        [HCL_TOK_STAR] = "'*'",
        [HCL_TOK_SLASH] = "'/'",
        [HCL_TOK_PLUS] = "'+'",
        [HCL_TOK_MINUS] = "'-'",
        [HCL_TOK_PERCENT] = "'%'",
        [HCL_TOK_EQUAL] = "'='",
        [HCL_TOK_EQUAL_OP] = "'=='",
        [HCL_TOK_NOT_EQUAL] = "'!='",
        [HCL_TOK_LESS] = "'<'",
        [HCL_TOK_LESS_EQ] = "'<='",
        [HCL_TOK_GREATER] = "'>'",
        [HCL_TOK_GREATER_EQ] = "'>='",
        [HCL_TOK_AND] = "'&&'",
        [HCL_TOK_OR] = "'||'",
        [HCL_TOK_BANG] = "'!'",
        [HCL_TOK_DOT] = "'.'",
        [HCL_TOK_COMMA] = "','",
        [HCL_TOK_DOUBLE_COLON] = "'::'",
        [HCL_TOK_ELLIPSIS] = "'...'",
        [HCL_TOK_FAT_ARROW] = "'=>'",
        [HCL_TOK_QUESTION] = "'?'",
        [HCL_TOK_COLON] = "':'",
        [HCL_TOK_BITWISE_AND] = "'&'",
        [HCL_TOK_BITWISE_OR] = "'|'",
        [HCL_TOK_BITWISE_XOR] = "'^'",
        [HCL_TOK_BITWISE_NOT] = "'~'",
        [HCL_TOK_APOSTROPHE] = "'''",
        [HCL_TOK_BACKTICK] = "'`'",
        [HCL_TOK_SEMICOLON] = "';'",
        [HCL_TOK_INVALID] = "invalid character",
        [HCL_TOK_BAD_UTF8] = "invalid UTF-8",
    };
    return (unsigned)t < HCL_TOK__COUNT && names[t] ? names[t] : "unknown token";
}
