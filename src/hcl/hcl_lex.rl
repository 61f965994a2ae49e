/* hcl_lex.rl — HCL native-syntax scanner (Ragel 6, C output: make gen -> gen/hcl_lex.c).
 *
 * Spec: ../shared/spec/HCL_SYNTAX.md §1-3 and §7.  Modelled on hashicorp/hcl's
 * hclsyntax scanner so that token boundaries are the same: longest-match scanners
 * for code, quoted templates and heredoc templates, switched with fcall/fret, and
 * three pieces of nesting state (brace depth, the depths at which `${`/`%{` return,
 * and a stack of open heredocs with their start-of-line flag).
 *
 * Speed: after each token, small C loops take the common tokens that follow and
 * emit exactly what the state machine would: lx_code_fast in code (spaces, ASCII
 * identifiers, punctuation, braces that end no template sequence, plain strings,
 * line comments), lx_hd_fast for heredoc lines.  Anything unusual (a '$' or '%' in
 * text, CR, invalid UTF-8, a possible closing marker, '<<', numbers, ...) is left to
 * the machine, which stays the definition.  Block comments use memmem.
 *
 * The buffer is never read past src+len: Ragel's `eof` is set and the C loops are
 * bounded by pe.
 */
#include "hcl/hcl_ast.h"
#include "hcl/hcl_lex.h"

#include <string.h>
#include <utf8proc.h>

/* Ragel's goto-style output (-G1/-G2) falls through between switch cases. */
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
    ar_arena *arena;
    hcl_token *tok;
    uint32_t n, cap;
    uint32_t off, line, col;     /* position where the last token ended */
    uint32_t len;                /* of the source */
    int *stack;                  /* Ragel call stack */
    uint32_t stack_cap;
    uint32_t *ret;               /* brace depths at which `}` ends a template sequence */
    uint32_t nret, ret_cap;
    hd_entry *hd;                /* open heredocs, innermost last */
    uint32_t nhd, hd_cap;
    uint32_t braces;
    uint32_t depth;              /* open brackets, quotes, heredocs and template sequences */
    hcl_token cut;               /* past LX_MAX_DEPTH: the first token not kept (type 1) */
    uint32_t nbad;               /* INVALID and BAD_UTF8 tokens (runs) so far */
    uint32_t bad_run;            /* touching tokens of the same bad type after a run's first */
    int cut_bad;                 /* the cut is for HCL_LEX_MAX_BAD, not for depth */
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
    /* at least double; more when the density of the tokens so far says the whole source holds more
     * (an eighth over): a long uniform file (100,000 .ppc blocks) grows once, not a copy of every
     * token and fresh pages at each doubling */
    uint64_t want = x->off ? (uint64_t)x->n * x->len / x->off : 0;
    want += want / 8;
    uint32_t ncap = want > UINT32_MAX ? UINT32_MAX : want > x->cap * 2ull ? (uint32_t)want : x->cap * 2;
    hcl_token *t = ncap > x->cap ? ar_grow(x->arena, x->tok, (size_t)x->cap * sizeof *t,
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

/* Nesting the lexer keeps tokens for.  The parser rejects anything deeper
 * than HCL_MAX_DEPTH, and each of its levels opens at most a few of these,
 * so past this it has already given up: the tokens of the rest (a 1M-deep
 * file) would only cost memory.  The rest is still scanned, in no memory,
 * and hcl_tokens.deep tells the parser. */
#define LX_MAX_DEPTH (4u * HCL_MAX_DEPTH + 64u)
static const int8_t lx_nest[HCL_TOK__COUNT] = {
    [HCL_TOK_OBRACE] = 1, [HCL_TOK_OBRACK] = 1, [HCL_TOK_OPAREN] = 1, [HCL_TOK_OQUOTE] = 1,
    [HCL_TOK_OHEREDOC] = 1, [HCL_TOK_TEMPLATE_INTERP] = 1, [HCL_TOK_TEMPLATE_CONTROL] = 1,
    [HCL_TOK_CBRACE] = -1, [HCL_TOK_CBRACK] = -1, [HCL_TOK_CPAREN] = -1, [HCL_TOK_CQUOTE] = -1,
    [HCL_TOK_CHEREDOC] = -1, [HCL_TOK_TEMPLATE_SEQ_END] = -1,
};

/* A curly quote is an INVALID token with a message of its own: never merged. */
static int lx_curly(const uchar *s, size_t n)
{
    return n == 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x9C || s[2] == 0x9D);
}

/* hashicorp/hcl reports a run of invalid characters character by character:
 * the first LX_RUN_KEEP of a run stay tokens of their own (the parser gives
 * each its diagnostic, within the file's cap of HCL_MAX_DIAGS, which is
 * less), and the rest join the last one, so that 10 MB of NULs cost a read,
 * not 10 M tokens. */
#define LX_RUN_KEEP 128

/* Extend the previous token over [s, e) when both are INVALID (or both
 * BAD_UTF8), they touch, and the run is past LX_RUN_KEEP tokens. */
static int lx_merge_bad(lx_state *x, int type, const uchar *s, const uchar *e)
{
    if (!x->n) return 0;
    hcl_token *t = &x->tok[x->n - 1];
    uint32_t so = (uint32_t)(s - x->src);
    if (t->type != (uint32_t)type || t->off + t->len != so || so != x->off ||
        (type == HCL_TOK_INVALID && (lx_curly(x->src + t->off, t->len) || lx_curly(s, (size_t)(e - s))))) {
        x->bad_run = 0;   /* [s, e) starts a run */
        return 0;
    }
    if (++x->bad_run < LX_RUN_KEEP) return 0;
    t->len += (uint32_t)(e - s);
    lx_walk(x, s, e);
    x->off = so + (uint32_t)(e - s);
    return 1;
}

/* ASCII control characters other than TAB, LF and CR: each is an INVALID
 * token in code (no rule of `main` but `utf8` matches one). */
static inline int lx_ctl(uchar c) { return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F; }

static inline void lx_emit(lx_state *x, int type, const uchar *s, const uchar *e, int walk);

/* Just after an INVALID token in code: the control characters that follow
 * would each be one more INVALID token merged into it (lx_merge_bad); take
 * them in one step, so that a run of NULs costs about a read.  Returns where
 * the machine goes on. */
static const uchar *lx_ctl_run(lx_state *x, const uchar *p, const uchar *pe)
{
    if (x->bad_run + 1 < LX_RUN_KEEP) return p;   /* not merging yet: one token each */
    const uchar *q = p;
    while (q < pe && lx_ctl(*q)) q++;
    if (q > p) lx_emit(x, HCL_TOK_INVALID, p, q, W_ASCII);   /* merged: it touches the last one */
    return q;
}

static inline void lx_emit(lx_state *x, int type, const uchar *s, const uchar *e, int walk)
{
    if (x->cut.type) return;
    if ((type == HCL_TOK_INVALID || type == HCL_TOK_BAD_UTF8) && lx_merge_bad(x, type, s, e)) return;
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
    int d = lx_nest[type];
    if (d > 0 && ++x->depth > LX_MAX_DEPTH) {
        x->cut = *t;             /* dropped: EOF goes here instead */
        x->n--;
    } else if (d < 0 && x->depth) {
        x->depth--;
    }
    /* bad bytes that never form one run ("\0a" repeated) are a token each:
     * past HCL_LEX_MAX_BAD runs the file is garbage, and its tokens would
     * cost 20 bytes for every 2 of it */
    if ((type == HCL_TOK_INVALID || type == HCL_TOK_BAD_UTF8) && ++x->nbad > HCL_LEX_MAX_BAD &&
        !x->cut.type) {
        x->cut = *t;
        x->cut_bad = 1;
        x->n--;
    }
}

/* ------------------------------------------------------------------ stacks */

/* Room for one more Ragel call frame, return depth and heredoc. */
static int lx_reserve(lx_state *x, int top)
{
    if (x->cut.type) return -1;   /* cut: the machine stops (fexec pe), the rest is not needed */
    if ((uint32_t)top >= x->stack_cap) {
        uint32_t nc = x->stack_cap * 2;
        int *s = ar_alloc(x->arena, (size_t)nc * sizeof *s);
        if (!s) return x->oom = 1, -1;
        memcpy(s, x->stack, (size_t)x->stack_cap * sizeof *s);
        x->stack = s;
        x->stack_cap = nc;
    }
    if (x->nret >= x->ret_cap) {
        uint32_t nc = x->ret_cap * 2;
        uint32_t *r = ar_alloc(x->arena, (size_t)nc * sizeof *r);
        if (!r) return x->oom = 1, -1;
        memcpy(r, x->ret, (size_t)x->ret_cap * sizeof *r);
        x->ret = r;
        x->ret_cap = nc;
    }
    if (x->nhd >= x->hd_cap) {
        uint32_t nc = x->hd_cap * 2;
        hd_entry *h = ar_alloc(x->arena, (size_t)nc * sizeof *h);
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
            int k = hcl_utf8_len(q, pe);
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
            if (!(k = hcl_utf8_len(q, pe))) return NULL;
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
            if (!(k = hcl_utf8_len(q + 1, pe))) return NULL;
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

%%{
    machine hcl_lex;
    alphtype unsigned char;
    include lp_unicode "unicode_derived.rlh";

    # Well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF).
    cont = 0x80..0xBF;
    utf8 = 0x00..0x7F
         | 0xC2..0xDF cont
         | 0xE0 0xA0..0xBF cont
         | (0xE1..0xEC | 0xEE..0xEF) cont cont
         | 0xED 0x80..0x9F cont
         | 0xF0 0x90..0xBF cont cont
         | 0xF1..0xF3 cont cont cont
         | 0xF4 0x80..0x8F cont cont;
    # A byte that starts no well-formed sequence (a longer valid match always wins).
    bad_utf8 = 0x80..0xFF;

    num_more = digit | '.' | [eE] [+\-]? digit;
    number = digit ( num_more* (num_more - '.') )?;
    ident = (ID_Start | '_') (ID_Continue | '-')*;
    eol = '\r'? '\n';

    self_char = [\[\]().,*/%+\-=<>!?:&|~^;`'];

    action open_quote {
        EMIT(HCL_TOK_OQUOTE, W_ASCII);
        int wide;
        const uchar *cq = lx_qs_scan(te, pe, &wide);
        if (cq) {
            fexec lx_code_fast(&x, lx_qs_emit(&x, te, cq, wide), pe);
        } else if (lx_reserve(&x, top) == 0) {
            fcall string_tmpl;
        } else {
            fexec pe;
        }
    }

    action close_quote {
        EMIT(HCL_TOK_CQUOTE, W_ASCII);
        fret;
    }

    action open_heredoc {
        EMIT(HCL_TOK_OHEREDOC, W_EOL);
        if (lx_reserve(&x, top) != 0) {
            fexec pe;
        } else {
            /* the marker: between "<<" or "<<-" and the newline */
            const uchar *m = ts + 2, *me = te - 1;
            if (*m == '-') m++;
            if (me[-1] == '\r') me--;
            hd_entry *h = &x.hd[x.nhd++];
            h->off = (uint32_t)(m - x.src);
            h->len = (uint32_t)(me - m);
            h->sol = 1;
            fexec lx_hd_fast(&x, te, pe);
            fcall heredoc_tmpl;
        }
    }

    action heredoc_eol {
        hd_entry *h = &x.hd[x.nhd - 1];
        if (h->sol && lx_is_marker(&x, ts, te)) {
            /* the closing marker, then its newline as a token of its own */
            const uchar *nl = te - 1;
            if (nl > ts && nl[-1] == '\r') nl--;
            lx_emit(&x, HCL_TOK_CHEREDOC, ts, nl, W_ANY);
            lx_emit(&x, HCL_TOK_NEWLINE, nl, te, W_EOL);
            x.nhd--;
            fret;
        }
        h->sol = 1;
        /* te[-1] is the newline, except after "$x" or "%x" at the end of a line,
         * where the hold in not_brace ends the token early (as upstream) */
        EMIT(HCL_TOK_STRING_LIT, te[-1] == '\n' ? W_EOL : W_ANY);
        fexec lx_hd_fast(&x, te, pe);
    }

    action heredoc_mid {
        x.hd[x.nhd - 1].sol = 0;
        EMIT(HCL_TOK_STRING_LIT, W_ANY);
    }

    action open_seq {
        /* "${" or "%{": the expression inside is code, up to the '}' at this depth */
        EMIT(*ts == '$' ? HCL_TOK_TEMPLATE_INTERP : HCL_TOK_TEMPLATE_CONTROL, W_ASCII);
        if (lx_reserve(&x, top) != 0) {
            fexec pe;
        } else {
            x.ret[x.nret++] = ++x.braces;
            if (x.nhd > 0) x.hd[x.nhd - 1].sol = 0;
            fcall main;
        }
    }

    action close_brace {
        if (x.nret > 0 && x.ret[x.nret - 1] == x.braces) {
            EMIT(HCL_TOK_TEMPLATE_SEQ_END, W_ASCII);
            x.braces--;
            x.nret--;
            fret;
        }
        EMIT(HCL_TOK_CBRACE, W_ASCII);
        x.braces--;
        fexec lx_code_fast(&x, te, pe);
    }

    action close_seq {
        /* "~}" is a sequence end even where it closes an ordinary brace: the parser
         * reports that mistake */
        EMIT(HCL_TOK_TEMPLATE_SEQ_END, W_ASCII);
        if (x.nret > 0 && x.ret[x.nret - 1] == x.braces) {
            x.braces--;
            x.nret--;
            fret;
        }
        x.braces--;
        fexec lx_code_fast(&x, te, pe);
    }

    action line_comment {
        const uchar *nl = memchr(te, '\n', (size_t)(pe - te));
        te = nl ? nl + 1 : pe;
        EMIT(HCL_TOK_COMMENT, W_ANY);
        fexec lx_code_fast(&x, te, pe);
    }

    action block_comment {
        const uchar *end = NULL;
        if (!x.no_close || te < x.no_close) {
            end = memmem(te, (size_t)(pe - te), "*/", 2);
            if (!end) x.no_close = te;
        }
        if (end) {
            te = end + 2;
            EMIT(HCL_TOK_COMMENT, W_ANY);
            fexec lx_code_fast(&x, te, pe);
        } else {
            /* unterminated: not a comment, just '/' and then '*' */
            lx_emit(&x, HCL_TOK_SLASH, ts, ts + 1, W_ASCII);
            fexec ts + 1;
        }
    }

    # '$' or '%' before anything but '{' is literal, alone; "$${" and "%%{" are escapes.
    # The hold in the leaving action reproduces upstream's token boundaries exactly.
    not_brace = ^'{' %{ fhold; };
    interp = '${' '~'?;
    control = '%{' '~'?;
    not_interp = '$' (not_brace | interp);
    not_control = '%' (not_brace | control);
    str_char = utf8 - [\r\n];
    quoted_lit = not_interp | not_control
               | ( '\\' str_char | (str_char - [$%"\\]) )+;
    heredoc_lit = not_interp | not_control | (str_char - [$%])*;

    string_tmpl := |*
        interp      => open_seq;
        control     => open_seq;
        '"'         => close_quote;
        quoted_lit  => { EMIT(HCL_TOK_QUOTED_LIT, W_ANY); };
        [\r\n]+     => { EMIT(HCL_TOK_QUOTED_NEWLINE, W_ANY); };
        utf8        => { EMIT(HCL_TOK_INVALID, W_ANY); };
        bad_utf8    => { EMIT(HCL_TOK_BAD_UTF8, W_ANY); };
    *|;

    heredoc_tmpl := |*
        interp          => open_seq;
        control         => open_seq;
        heredoc_lit eol => heredoc_eol;
        heredoc_lit     => heredoc_mid;
        bad_utf8        => { EMIT(HCL_TOK_BAD_UTF8, W_ANY); };
    *|;

    # After each token, lx_code_fast takes the common tokens that follow.
    main := |*
        [ \t]+      => { fexec lx_code_fast(&x, te, pe); };
        number      => { EMIT(HCL_TOK_NUMBER, W_ASCII); fexec lx_code_fast(&x, te, pe); };
        ident       => { EMIT(HCL_TOK_IDENT, W_ANY); fexec lx_code_fast(&x, te, pe); };
        '#' | '//'  => line_comment;
        '/*'        => block_comment;
        eol         => { EMIT(HCL_TOK_NEWLINE, W_EOL); fexec lx_code_fast(&x, te, pe); };
        '=='        => { EMIT(HCL_TOK_EQUAL_OP, W_ASCII); fexec lx_code_fast(&x, te, pe); };
        '!='        => { EMIT(HCL_TOK_NOT_EQUAL, W_ASCII); fexec lx_code_fast(&x, te, pe); };
        '>='        => { EMIT(HCL_TOK_GREATER_EQ, W_ASCII); fexec lx_code_fast(&x, te, pe); };
        '<='        => { EMIT(HCL_TOK_LESS_EQ, W_ASCII); fexec lx_code_fast(&x, te, pe); };
        '&&'        => { EMIT(HCL_TOK_AND, W_ASCII); fexec lx_code_fast(&x, te, pe); };
        '||'        => { EMIT(HCL_TOK_OR, W_ASCII); fexec lx_code_fast(&x, te, pe); };
        '::'        => { EMIT(HCL_TOK_DOUBLE_COLON, W_ASCII); fexec lx_code_fast(&x, te, pe); };
        '...'       => { EMIT(HCL_TOK_ELLIPSIS, W_ASCII); fexec lx_code_fast(&x, te, pe); };
        '=>'        => { EMIT(HCL_TOK_FAT_ARROW, W_ASCII); fexec lx_code_fast(&x, te, pe); };
        self_char   => { EMIT(lx_self[*ts], W_ASCII); fexec lx_code_fast(&x, te, pe); };
        '{'         => { EMIT(HCL_TOK_OBRACE, W_ASCII); x.braces++; fexec lx_code_fast(&x, te, pe); };
        '}'         => close_brace;
        '~}'        => close_seq;
        '"'         => open_quote;
        '<<' '-'? ident eol => open_heredoc;
        bad_utf8    => { EMIT(HCL_TOK_BAD_UTF8, W_ANY); fexec lx_code_fast(&x, te, pe); };
        utf8        => { EMIT(HCL_TOK_INVALID, W_ANY); fexec lx_code_fast(&x, lx_ctl_run(&x, te, pe), pe); };
    *|;

    write data noerror noentry;
}%%

#define LX_STACK0 32

int hcl_lex(const char *src, size_t len, ar_arena *arena, hcl_tokens *out)
{
    return hcl_lex_at(src, len, 1, 1, arena, out);
}

int hcl_lex_at(const char *src, size_t len, uint32_t line, uint32_t col, ar_arena *arena, hcl_tokens *out)
{
    out->v = NULL;
    out->n = 0;
    out->deep = out->bad = 0;
    if (len > UINT32_MAX - 1) return -1;

    lx_state x;
    memset(&x, 0, sizeof x);
    x.src = (const uchar *)src;
    x.len = (uint32_t)len;
    x.arena = arena;
    x.line = line;
    x.col = col;
    /* a guess at the token count: grows geometrically, in place when it can */
    x.cap = (uint32_t)(len / 6) + 16;
    x.stack_cap = x.ret_cap = x.hd_cap = LX_STACK0;
    x.stack = ar_alloc(arena, LX_STACK0 * sizeof *x.stack);
    x.ret = ar_alloc(arena, LX_STACK0 * sizeof *x.ret);
    x.hd = ar_alloc(arena, LX_STACK0 * sizeof *x.hd);
    x.tok = ar_alloc(arena, (size_t)x.cap * sizeof *x.tok);
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
    %%{
        variable stack x.stack;
        write init;
        write exec;
    }%%

    if (cs < hcl_lex_first_final && !x.oom) {
        /* stuck inside a token (a lone CR in a heredoc, "$" at the very end):
         * the rest of the input is one invalid token, as upstream does */
        const uchar *s = ts ? ts : p;
        lx_emit(&x, HCL_TOK_INVALID, s, pe, W_ANY);
    }
    out->deep = x.cut.type != 0 && !x.cut_bad;
    out->bad = x.cut_bad;
    if (x.cut.type) {
        /* EOF where the first token left out was: positions stay true */
        x.cut.type = 0;
        if (x.n == x.cap) lx_grow_tokens(&x);
        hcl_token *t = &x.tok[x.n++];
        *t = x.cut;
        t->type = HCL_TOK_EOF;
        t->len = 0;
    } else {
        lx_emit(&x, HCL_TOK_EOF, pe, pe, W_ASCII);
    }
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
