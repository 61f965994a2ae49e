/* skim.c — phase 1's fast parser (see skim.h for what and why).
 *
 * One recursive-descent pass over the bytes, with hcl_parse.c's tree shapes
 * and range rules written out for the constructs it reads:
 *  - a token's range ends where its text ends (columns: bytes on ASCII text,
 *    grapheme clusters on string text, counted per literal run, which is one
 *    lexer token or a melded run of them); a NEWLINE ends at column 1 of the
 *    next line;
 *  - bodies span '{' .. '}', the file's from its first token to EOF;
 *  - a template is its literal runs (escape-decoded, NFC) and interpolated
 *    expressions; "${x}" alone is TEMPLATE_WRAP; "" is one empty literal at
 *    the end of its closing quote; `<<-` removes the smallest indentation of
 *    the lines that start with text (blank lines neither count nor change);
 *  - `a.b[0]["k"]` is one SCOPE_TRAV, `a[*].b` a SPLAT; calls, tuples and
 *    objects as parsed; comments stand for newlines (line) or nothing (block).
 * Where the language allows more (operators, `for`, `.*` splats, template
 * directives, escapes beyond \n \r \t \" \\, CR, Unicode outside string
 * text...) or the input is wrong, decline() unwinds with longjmp and the
 * caller uses hcl_parse.  Every check that guards a decline is conservative:
 * declining costs time, never correctness.
 */
#include "index/skim.h"
#include "hcl/hcl_lex.h"
#include "index/capture.h"
#include "index/schema.h"
#include "lazypipe.h"

#include <setjmp.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

enum { SK_DECLINE = 1, SK_OOM = 2 };

/* Deeper nesting than real mods use goes to the full parser (which has the
 * exact "Nesting too deep" rule); it also bounds the C stack here. */
#define SK_MAX_DEPTH 32
/* Bodies with more attributes go to the full parser: the duplicate check
 * here is a linear scan. */
#define SK_MAX_ATTRS 128

typedef struct sk_pos {
    uint32_t off, line, col;
} sk_pos;

typedef struct sk_stack {
    char *v;
    size_t len, cap;
} sk_stack;

typedef struct skim {
    const char *src, *p, *end;
    const char *ls;          /* start of the current line */
    uint32_t line;
    uint32_t adj;            /* bytes minus columns of the text before p on this line */
    uint32_t depth;
    ar_arena *a;
    sk_stack ss;             /* items of unknown count: pieces, arguments, attributes */
    sk_stack bs;             /* blocks (a body's attributes and blocks go to two arrays) */
    scan_worker *w;          /* skim_scan: where entries go */
    jmp_buf jb;
} skim;

static _Noreturn void decline(skim *s) { longjmp(s->jb, SK_DECLINE); }

/* ------------------------------------------------------------ memory */

static void *sk_alloc(skim *s, size_t n)
{
    void *p = ar_alloc(s->a, n ? n : 1);
    if (!p) longjmp(s->jb, SK_OOM);
    return p;
}

static hcl_expr *mk(skim *s, uint32_t kind, hcl_range r)
{
    hcl_expr *e = ar_zalloc(s->a, sizeof *e);
    if (!e) longjmp(s->jb, SK_OOM);
    e->kind = kind;
    e->range = r;
    return e;
}

#define SS_ALIGN(n) (((n) + 7u) & ~(size_t)7u)

static inline void stack_push(skim *s, sk_stack *st, const void *item, size_t size)
{
    size_t need = st->len + SS_ALIGN(size);
    if (need > st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 4096;
        while (cap < need) cap *= 2;
        char *n = sk_alloc(s, cap);   /* the old block stays in the arena until its reset */
        if (st->len) memcpy(n, st->v, st->len);
        st->v = n;
        st->cap = cap;
    }
    memcpy(st->v + st->len, item, size);
    st->len = need;
}

/* The items pushed since mark, as an array in the arena (NULL when none). */
static void *stack_take(skim *s, sk_stack *st, size_t mark, size_t size, uint32_t *n)
{
    size_t stride = SS_ALIGN(size);
    uint32_t k = (uint32_t)((st->len - mark) / stride);
    *n = k;
    st->len = mark;
    if (!k) return NULL;
    char *v = sk_alloc(s, (size_t)k * size);
    if (stride == size) memcpy(v, st->v + mark, (size_t)k * size);
    else
        for (uint32_t i = 0; i < k; i++)
            memcpy(v + (size_t)i * size, st->v + mark + (size_t)i * stride, size);
    return v;
}

#define ss_push(s, item, size) stack_push((s), &(s)->ss, (item), (size))
#define ss_take(s, mark, size, n) stack_take((s), &(s)->ss, (mark), (size), (n))

/* ------------------------------------------------------------ positions */

static inline sk_pos pos_at(const skim *s, const char *q)
{
    sk_pos r = { (uint32_t)(q - s->src), s->line, (uint32_t)(q - s->ls) + 1 - s->adj };
    return r;
}

static inline sk_pos pos_plus(sk_pos a, uint32_t bytes, uint32_t cols)
{
    a.off += bytes;
    a.col += cols;
    return a;
}

static inline hcl_range span(sk_pos a, sk_pos b)
{
    hcl_range r = { a.off, b.off, a.line, a.col, b.line, b.col };
    return r;
}

static inline hcl_range between(hcl_range a, hcl_range b)
{
    a.end = b.end;
    a.end_line = b.end_line;
    a.end_col = b.end_col;
    return a;
}

/* The one-byte token at p, on the current line. */
static inline hcl_range tok1(const skim *s, const char *q)
{
    sk_pos a = pos_at(s, q);
    return span(a, pos_plus(a, 1, 1));
}

static inline void newline_after(skim *s, const char *q)
{
    s->line++;
    s->ls = q;
    s->adj = 0;
}

/* ------------------------------------------------------------ characters */

static const unsigned char sk_id_start[256] = {
    ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1, ['_'] = 1,
};
static const unsigned char sk_id_more[256] = {
    ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1, ['_'] = 1, ['0' ... '9'] = 1, ['-'] = 1,
};

static inline int at_end(const skim *s) { return s->p >= s->end; }
static inline int peek_is(const skim *s, size_t k, char c)
{
    return s->end - s->p > (ptrdiff_t)k && s->p[k] == c;
}

/* An ASCII identifier at p (p[0] is an identifier start).  A non-ASCII byte
 * right after it might continue it: the caller's next check declines then. */
static inline const char *ident_end(const skim *s, const char *q)
{
    q++;
#ifdef __SSE2__
    /* names are long (aws_compliance: a third of its bytes): 16 at a time */
    while (s->end - q >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
        __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));   /* bytes >= 0x80 stay negative */
        __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                      _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
        __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                      _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        __m128i punct =
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('_')), _mm_cmpeq_epi8(v, _mm_set1_epi8('-')));
        unsigned ok = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(alpha, digit), punct));
        if (ok != 0xFFFFu) return q + __builtin_ctz(~ok);
        q += 16;
    }
#endif
    while (q < s->end && sk_id_more[(unsigned char)*q]) q++;
    return q;
}

/* The first byte in [q, e) that plain string text cannot hold as it is:
 * a control character, a non-ASCII byte, '"', '\\', '$' or '%' (in a heredoc
 * '"' and '\\' are plain, and stopping at them costs only a loop turn). */
static inline const char *find_special(const char *q, const char *e)
{
#ifdef __SSE2__
    const __m128i lim = _mm_set1_epi8(0x20), dq = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\'),
                  dl = _mm_set1_epi8('$'), pc = _mm_set1_epi8('%');
    while (e - q >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
        /* signed compare: bytes >= 0x80 are negative, so one test finds both */
        __m128i m = _mm_or_si128(_mm_cmplt_epi8(v, lim),
                                 _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dq), _mm_cmpeq_epi8(v, bs)),
                                              _mm_or_si128(_mm_cmpeq_epi8(v, dl), _mm_cmpeq_epi8(v, pc))));
        int bits = _mm_movemask_epi8(m);
        if (bits) return q + __builtin_ctz((unsigned)bits);
        q += 16;
    }
#endif
    for (; q < e; q++) {
        unsigned char c = (unsigned char)*q;
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '$' || c == '%') return q;
    }
    return q;
}

/* ------------------------------------------------------------ white space */

static void block_comment(skim *s);

/* Runs of blanks and block comments (blanks() takes the short cases inline). */
static __attribute__((noinline)) void blanks_run(skim *s)
{
    const char *q = s->p;
again:
    while (q < s->end && (*q == ' ' || *q == '\t')) {
        q++;
#ifdef __SSE2__
        /* alignment runs ("title       = ") */
        while (s->end - q >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
            unsigned b = (unsigned)_mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))));
            if (b != 0xFFFFu) {
                q += __builtin_ctz(~b);
                break;
            }
            q += 16;
        }
#endif
    }
    s->p = q;
    if (q + 1 < s->end && *q == '/' && q[1] == '*') {
        block_comment(s);
        q = s->p;
        goto again;
    }
}

/* How many of the 8 bytes at q are spaces before the first that is not (8: all of them), by one word
 * compare (indentation comes in runs of spaces). */
static inline unsigned leading_spaces8(const char *q)
{
    uint64_t w;
    memcpy(&w, q, 8);
    w ^= 0x2020202020202020u;
    return w ? (unsigned)__builtin_ctzll(w) / 8 : 8;
}

/* Blanks are mostly one space ("a = b"), or indentation and alignment runs. */
static inline void blanks(skim *s)
{
    const char *q = s->p, *e = s->end;
    if (e - q >= 8) {
        unsigned k = leading_spaces8(q);
        if (k < 8) {
            q += k;
            s->p = q;
            if (*q == '\t' || *q == '/') blanks_run(s);
            return;
        }
        s->p = q + 8;
        blanks_run(s);
        return;
    }
    if (q < e && (*q == ' ' || *q == '\t' || *q == '/')) blanks_run(s);
}

/* At slash-star: the comment is blank space, newlines and all (it stands for
 * no token, unlike a line comment). */
static void block_comment(skim *s)
{
    const char *b = s->p;
    const char *e = memmem(b + 2, (size_t)(s->end - b - 2), "*/", 2);
    if (!e) decline(s);   /* unterminated */
    e += 2;
    const char *last = b;  /* start of the comment's last line */
    for (const char *q = b; (q = memchr(q, '\n', (size_t)(e - q))); q++) {
        s->line++;
        last = q + 1;
    }
    /* columns after it count its text: ASCII only here */
    for (const char *q = last; q < e; q++)
        if ((unsigned char)*q >= 0x80 || *q == '\r') decline(s);
    if (last != b) {
        s->ls = last;
        s->adj = 0;
    }
    s->p = e;
}

/* At '#' or "//": the comment with its newline (which it stands for). */
static void line_comment(skim *s)
{
    const char *nl = memchr(s->p, '\n', (size_t)(s->end - s->p));
    if (!nl) {
        /* the last line: then only the end of the file may follow, which
         * every caller but the file's body declines; its column counts the
         * comment's text (ASCII only here) */
        for (const char *q = s->p; q < s->end; q++)
            if ((unsigned char)*q >= 0x80) decline(s);
        s->p = s->end;
        return;
    }
    if (nl > s->p && nl[-1] == '\r') decline(s);   /* CRLF */
    s->p = nl + 1;
    newline_after(s, s->p);
}

static inline int comment_here(const skim *s)
{
    return *s->p == '#' || (*s->p == '/' && peek_is(s, 1, '/'));
}

/* A newline or a line comment at p (not at the end): consumed, 1; else 0. */
static int take_newline(skim *s)
{
    if (*s->p == '\n') {
        s->p++;
        newline_after(s, s->p);
        return 1;
    }
    if (comment_here(s)) {
        line_comment(s);
        return 1;
    }
    return 0;
}

/* Skip what is not significant: blanks, and where newlines do not matter
 * (nl == 0: inside brackets and interpolations) newlines and comments. */
static void skip_ws_run(skim *s, int nl)
{
    do
        blanks(s);
    while (!nl && !at_end(s) && take_newline(s));
}

static inline void skip_ws(skim *s, int nl)
{
    if (s->p < s->end) {
        char c = *s->p;
        /* the next token right here: nothing to skip (the usual case) */
        if (c != ' ' && c != '\t' && c != '\n' && c != '#' && c != '/') return;
    }
    skip_ws_run(s, nl);
}

static void end_of_line_run(skim *s, int allow_eof);

/* The end of an attribute or block line: a newline, a line comment, or
 * (allow_eof) the end of the file.  Inline for the usual case, the newline
 * right here. */
static inline void end_of_line(skim *s, int allow_eof)
{
    if (s->p < s->end && *s->p == '\n') {
        s->p++;
        newline_after(s, s->p);
        return;
    }
    end_of_line_run(s, allow_eof);
}

static __attribute__((noinline)) void end_of_line_run(skim *s, int allow_eof)
{
    blanks(s);
    if (at_end(s)) {
        if (!allow_eof) decline(s);
        return;
    }
    if (!take_newline(s)) decline(s);
}

/* ------------------------------------------------------------ templates */

/* A literal run of a template, or an interpolation, collected before the
 * template node is built (heredocs need all of them for the indentation). */
typedef struct piece {
    hcl_expr *x;             /* interpolation; NULL for text */
    const char *b, *e;       /* text */
    sk_pos start, end;
    uint8_t lead;            /* text that starts a heredoc line */
    uint8_t blank;           /* ... and is only blanks and its newline */
    uint8_t wide;            /* holds non-ASCII text (NFC applies) */
    uint8_t decode;          /* holds escapes to decode (quoted) */
    uint32_t ws;             /* leading blanks (lead) */
} piece;

static hcl_expr *expression(skim *s, int nl);

static int plain_traversal(skim *s, hcl_expr *t, hcl_step *steps, const unsigned char *ends);
static const unsigned char sk_interp_end[256] = { ['}'] = 1 };
#define SK_FAST_STEPS 8

/* "${" at p: the interpolation's expression, p after its "}". */
static hcl_expr *interpolation(skim *s)
{
    s->p += 2;
    if (at_end(s)) decline(s);
    if (*s->p == '~') decline(s);
    if (sk_id_start[(unsigned char)*s->p]) {
        /* `${local.x}`, the usual one (SQL fragments): its traversal as the
         * tree's, without the descent through the operator levels */
        hcl_expr t;
        hcl_step steps[SK_FAST_STEPS];
        /* plain_traversal also stops at the end of the file: a file cut
         * inside `${local.x` is the full parser's to report */
        if (plain_traversal(s, &t, steps, sk_interp_end)) {
            if (at_end(s)) decline(s);
            hcl_expr *x = sk_alloc(s, sizeof *x);
            *x = t;
            if (t.u.trav.n) {
                x->u.trav.steps = sk_alloc(s, t.u.trav.n * sizeof *steps);
                memcpy(x->u.trav.steps, steps, t.u.trav.n * sizeof *steps);
            }
            s->p++;   /* '}' */
            return x;
        }
    }
    skip_ws(s, 0);
    hcl_expr *x = expression(s, 0);
    skip_ws(s, 0);
    if (at_end(s) || *s->p != '}') decline(s);
    s->p++;
    return x;
}

/* The text of [b, e) with escapes decoded (only \n \r \t \" \\ get here). */
static hcl_str decode(skim *s, const char *b, const char *e)
{
    char *o = sk_alloc(s, (size_t)(e - b));
    size_t k = 0;
    for (const char *q = b; q < e; q++) {
        if (*q != '\\') {
            o[k++] = *q;
            continue;
        }
        q++;
        o[k++] = *q == 'n' ? '\n' : *q == 'r' ? '\r' : *q == 't' ? '\t' : *q;
    }
    hcl_str r = { o, (uint32_t)k };
    return r;
}

static hcl_expr *lit_node(skim *s, hcl_str v, hcl_range r, int wide)
{
    hcl_expr *e = mk(s, HCL_EXPR_LITERAL, r);
    e->u.lit.kind = HCL_LIT_STRING;
    if (wide) {
        if (hcl_nfc(s->a, v, &v) != 0) longjmp(s->jb, SK_OOM);
    }
    e->u.lit.text = v;
    return e;
}

/* Build the template node from the pieces pushed since mark: runs of text
 * become one literal each (melded as hcl_parse melds its tokens). */
static hcl_expr *template_node(skim *s, size_t mark, hcl_range whole, hcl_range empty_at, int heredoc)
{
    const size_t stride = SS_ALIGN(sizeof(piece));
    size_t pm = s->ss.len;
    uint32_t np = (uint32_t)((pm - mark) / stride);
    for (uint32_t i = 0; i < np;) {
        const piece *first = (const piece *)(const void *)(s->ss.v + mark + (size_t)i * stride);
        hcl_expr *x = first->x;
        uint32_t j = i + 1;
        if (!x) {
            int wide = first->wide;
            size_t total = (size_t)(first->e - first->b);
            int contiguous = 1;
            while (j < np) {
                const piece *q = (const piece *)(const void *)(s->ss.v + mark + (size_t)j * stride);
                if (q->x) break;
                const piece *prev = (const piece *)(const void *)(s->ss.v + mark + (size_t)(j - 1) * stride);
                if (q->b != prev->e) contiguous = 0;
                wide |= q->wide;
                total += (size_t)(q->e - q->b);
                j++;
            }
            const piece *last = (const piece *)(const void *)(s->ss.v + mark + (size_t)(j - 1) * stride);
            hcl_str v;
            if (j == i + 1 && first->decode) {
                v = decode(s, first->b, first->e);
            } else if (contiguous) {
                v.p = first->b;
                v.len = (uint32_t)total;
            } else {
                char *buf = sk_alloc(s, total);
                size_t k = 0;
                for (uint32_t q = i; q < j; q++) {
                    const piece *t = (const piece *)(const void *)(s->ss.v + mark + (size_t)q * stride);
                    memcpy(buf + k, t->b, (size_t)(t->e - t->b));
                    k += (size_t)(t->e - t->b);
                }
                v.p = buf;
                v.len = (uint32_t)total;
            }
            x = lit_node(s, v, span(first->start, last->end), wide);
        }
        ss_push(s, &x, sizeof x);
        i = j;
    }
    uint32_t nx;
    hcl_expr **xs = ss_take(s, pm, sizeof(hcl_expr *), &nx);
    s->ss.len = mark;
    int wrap = 0;
    if (nx == 0) {
        /* "" is one empty literal, zero-width where the closer ends */
        hcl_range r = { empty_at.end, empty_at.end, empty_at.end_line, empty_at.end_col, empty_at.end_line,
                        empty_at.end_col };
        hcl_str v = { s->src + r.start, 0 };
        xs = sk_alloc(s, sizeof *xs);
        xs[0] = lit_node(s, v, r, 0);
        nx = 1;
    } else {
        wrap = nx == 1 && np == 1 && ((const piece *)(const void *)(s->ss.v + mark))->x;
    }
    return hcl_template_of(mk(s, wrap ? HCL_EXPR_TEMPLATE_WRAP : HCL_EXPR_TEMPLATE, whole), xs, nx, heredoc);
}

/* The end of a text piece on one line, its columns counted. */
static void close_piece(skim *s, piece *t)
{
    uint32_t bytes = (uint32_t)(t->e - t->b);
    uint32_t cols = t->wide ? hcl_count_clusters(t->b, bytes) : bytes;
    t->end = pos_plus(t->start, bytes, cols);
    s->adj += bytes - cols;
}

/* "text" with nothing to decode (most strings), p at its '"' and close at
 * the other: hcl_parse's nodes, filled in *nodes; p after it. */
static hcl_expr *plain_text(skim *s, const char *close, hcl_literal_nodes *nodes)
{
    sk_pos open = pos_at(s, s->p);
    uint32_t n = (uint32_t)(close - s->p - 1);
    sk_pos text = pos_plus(open, 1, 1), cq = pos_plus(text, n, n), end = pos_plus(cq, 1, 1);
    hcl_str v = { n ? s->p + 1 : close + 1, n };
    s->p = close + 1;
    /* "" is a zero-width literal after the closing quote */
    return hcl_literal_template_in(nodes, v, n ? span(text, cq) : span(end, end), span(open, end));
}

/* plain_text into the arena (the tree). */
static hcl_expr *plain_quoted(skim *s, const char *close)
{
    hcl_literal_nodes *nodes = ar_alloc(s->a, sizeof *nodes);
    if (!nodes) longjmp(s->jb, SK_OOM);
    return plain_text(s, close, nodes);
}

/* A quoted template at p ('"'). */
static hcl_expr *quoted(skim *s)
{
    const char *stop = find_special(s->p + 1, s->end);
    if (stop < s->end && *stop == '"') return plain_quoted(s, stop);

    hcl_range open = tok1(s, s->p);
    s->p++;
    size_t mark = s->ss.len;
    piece t;
    memset(&t, 0, sizeof t);
    t.b = s->p;
    t.start = pos_at(s, s->p);
    /* the first stop is the one just found */
    for (const char *q = stop;; q = find_special(s->p, s->end)) {
        s->p = q;
        if (q >= s->end) decline(s);
        unsigned char c = (unsigned char)*q;
        if (c == '"' || (c == '$' && peek_is(s, 1, '{'))) {
            if (q > t.b) {
                /* a lone '$'/'%' splits the lexer's token, and columns are
                 * counted per token: plain ASCII only then */
                t.e = q;
                close_piece(s, &t);
                ss_push(s, &t, sizeof t);
            }
            if (c == '"') break;
            piece ip;
            memset(&ip, 0, sizeof ip);
            ip.x = interpolation(s);
            ss_push(s, &ip, sizeof ip);
            memset(&t, 0, sizeof t);
            t.b = s->p;
            t.start = pos_at(s, s->p);
            continue;
        }
        if (c == '\\') {
            if (s->end - q < 2) decline(s);
            char n = q[1];
            if (n != 'n' && n != 'r' && n != 't' && n != '"' && n != '\\') decline(s);
            if (t.wide) decline(s);
            t.decode = 1;
            s->p = q + 2;
        } else if (c == '$' || c == '%') {
            if (peek_is(s, 1, '{') || (peek_is(s, 1, (char)c) && peek_is(s, 2, '{')) || t.wide) decline(s);
            t.decode |= 2;   /* no decoding, but no wide text with it either */
            s->p = q + 1;
        } else if (c == '\t') {
            s->p = q + 1;
        } else if (c >= 0x80) {
            int k = hcl_utf8_len((const unsigned char *)q, (const unsigned char *)s->end);
            if (!k || t.decode) decline(s);
            t.wide = 1;
            s->p = q + k;
        } else {
            decline(s);   /* a newline or another control character */
        }
    }
    hcl_range close = tok1(s, s->p);
    s->p++;
    /* decode was a flag set: 1 means escapes; 2 alone means none */
    const size_t stride = SS_ALIGN(sizeof(piece));
    for (size_t o = mark; o < s->ss.len; o += stride) {
        piece *pc = (piece *)(void *)(s->ss.v + o);
        pc->decode = (uint8_t)(pc->decode & 1);
    }
    return template_node(s, mark, between(open, close), close, 0);
}

/* Is the line at p, whose blanks end at q, the heredoc's closing one: blanks,
 * the marker, blanks, a newline?  *nl is then that newline.  (A marker at the very end of the file
 * is not seen here: the line then runs into the end, which declines.) */
static int marker_line(const skim *s, const char *q, const char *m, size_t mlen, const char **nl)
{
    const char *e = s->end;
    if ((size_t)(e - q) < mlen || memcmp(q, m, mlen) != 0) return 0;
    q += mlen;
    while (q < e && (*q == ' ' || *q == '\t')) q++;
    if (q >= e || *q != '\n') return 0;
    *nl = q;
    return 1;
}

/* "<<" or "<<-" at p, its marker and the newline after it: p after the
 * newline; the opener's range. */
static hcl_range heredoc_open(skim *s, int *flush, const char **marker, size_t *mlen)
{
    sk_pos open_at = pos_at(s, s->p);
    s->p += 2;
    *flush = 0;
    if (!at_end(s) && *s->p == '-') {
        *flush = 1;
        s->p++;
    }
    if (at_end(s) || !sk_id_start[(unsigned char)*s->p]) decline(s);
    *marker = s->p;
    s->p = ident_end(s, s->p);
    *mlen = (size_t)(s->p - *marker);
    if (at_end(s) || *s->p != '\n') decline(s);
    s->p++;
    newline_after(s, s->p);
    return span(open_at, pos_at(s, s->p));
}

/* A heredoc template at p ("<<"). */
static hcl_expr *heredoc(skim *s)
{
    int flush;
    const char *m;
    size_t mlen;
    hcl_range open = heredoc_open(s, &flush, &m, &mlen);

    size_t mark = s->ss.len;
    uint32_t min = UINT32_MAX;
    int sol = 1;              /* at the start of a line */
    hcl_range close = open;
    for (;;) {
        const char *nl, *indent_end = s->p;
        if (sol) {
            while (indent_end < s->end && (*indent_end == ' ' || *indent_end == '\t')) indent_end++;
            if (marker_line(s, indent_end, m, mlen, &nl)) {
                sk_pos a = pos_at(s, s->p);
                close = span(a, pos_plus(a, (uint32_t)(nl - s->p), (uint32_t)(nl - s->p)));
                s->p = nl;     /* the newline after the marker is the context's */
                break;
            }
        }
        piece t;
        memset(&t, 0, sizeof t);
        t.b = s->p;
        t.start = pos_at(s, s->p);
        t.lead = (uint8_t)sol;
        int dollar = 0, interp = 0;
        for (;;) {
            const char *q = find_special(s->p, s->end);
            s->p = q;
            if (q >= s->end) decline(s);
            unsigned char c = (unsigned char)*q;
            if (c == '\n') {
                t.e = q + 1;
                s->p = q + 1;
                t.end.off = (uint32_t)(t.e - s->src);
                t.end.line = s->line + 1;
                t.end.col = 1;
                newline_after(s, s->p);
                sol = 1;
                break;
            }
            if (c == '$' && peek_is(s, 1, '{')) {
                t.e = q;
                if (t.e > t.b) close_piece(s, &t);
                else if (t.lead) min = 0;   /* a line that starts with a sequence: no indentation */
                sol = 0;
                interp = 1;
                break;
            }
            if (c == '$' || c == '%') {
                if (peek_is(s, 1, '{') || (peek_is(s, 1, (char)c) && peek_is(s, 2, '{'))) decline(s);
                if (t.wide) decline(s);
                dollar = 1;
                s->p = q + 1;
            } else if (c == '"' || c == '\\' || c == '\t') {
                s->p = q + 1;
            } else if (c >= 0x80) {
                int k = hcl_utf8_len((const unsigned char *)q, (const unsigned char *)s->end);
                if (!k || dollar) decline(s);
                /* the lexer trims Unicode spaces around a marker too: a line
                 * with the marker and non-ASCII text is the full parser's */
                if (!t.wide && t.lead) {
                    const char *eol = memchr(q, '\n', (size_t)(s->end - q));
                    if (!eol || memmem(t.b, (size_t)(eol - t.b), m, mlen)) decline(s);
                }
                t.wide = 1;
                s->p = q + k;
            } else {
                decline(s);   /* CR, or another control character */
            }
        }
        if (t.e > t.b) {
            if (t.lead) {
                const char *w = indent_end < t.e ? indent_end : t.e;   /* the line's blanks */
                if (w < t.e && *w == '\n') {
                    t.blank = 1;
                } else {
                    /* Unicode spaces would count as indentation too */
                    if (w < t.e && (unsigned char)*w >= 0x80) decline(s);
                    t.ws = (uint32_t)(w - t.b);
                    if (t.ws < min) min = t.ws;
                }
            }
            ss_push(s, &t, sizeof t);
        }
        if (interp) {
            piece ip;
            memset(&ip, 0, sizeof ip);
            ip.x = interpolation(s);
            ss_push(s, &ip, sizeof ip);
        }
    }
    if (flush && min != UINT32_MAX && min) {
        const size_t stride = SS_ALIGN(sizeof(piece));
        for (size_t o = mark; o < s->ss.len; o += stride) {
            piece *t = (piece *)(void *)(s->ss.v + o);
            if (t->x || !t->lead || t->blank) continue;
            t->b += min;
            t->start.off += min;
            t->start.col += min;
        }
    }
    return template_node(s, mark, between(open, close), close, 1);
}

/* Where the skim is in its file, to come back to. */
typedef struct sk_mark {
    const char *p, *ls;
    uint32_t line, adj;
    size_t ss;
} sk_mark;

static inline sk_mark mark_here(const skim *s)
{
    sk_mark m = { s->p, s->ls, s->line, s->adj, s->ss.len };
    return m;
}

static inline void back_to(skim *s, sk_mark m)
{
    s->p = m.p;
    s->ls = m.ls;
    s->line = m.line;
    s->adj = m.adj;
    s->ss.len = m.ss;
}

/* The end of the blanks a line starts with (SQL is indented by spaces:
 * eight at a time). */
static inline const char *indentation_end(const char *q, const char *e)
{
    while (e - q >= 8) {
        unsigned k = leading_spaces8(q);
        q += k;
        if (k < 8) break;
    }
    while (q < e && (*q == ' ' || *q == '\t')) q++;
    return q;
}

/* ---- heredoc_fast's scan: the text as 64-byte blocks of bit masks (bit i:
 * byte i) of its newlines and of the bytes it must look at one by one
 * ("odd"): control characters but newline, non-ASCII, '{' (the end of "${",
 * "%{", "$${" and "%%{") and the marker's first byte.  SQL has few
 * (aws_compliance: a block in five), so most blocks are only counted. */

/* Bits set in x (no popcnt in the SSE2 baseline: libgcc's call costs more). */
static inline uint32_t hd_count(uint64_t x)
{
    x -= (x >> 1) & 0x5555555555555555u;
    x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
    return (uint32_t)((x * 0x0101010101010101u) >> 56);
}

/* The masks of the 64 bytes at q (not inlined: the compiler would merge it
 * into hd_scan's loop, whose registers are full). */
static __attribute__((noinline)) void hd_masks(const char *q, char m0, uint64_t *nl, uint64_t *odd)
{
#ifdef __SSE2__
    const __m128i nlv = _mm_set1_epi8('\n'), lim = _mm_set1_epi8(0x20), br = _mm_set1_epi8('{'),
                  mv = _mm_set1_epi8(m0);
    __m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)q),
            v1 = _mm_loadu_si128((const __m128i *)(const void *)(q + 16)),
            v2 = _mm_loadu_si128((const __m128i *)(const void *)(q + 32)),
            v3 = _mm_loadu_si128((const __m128i *)(const void *)(q + 48));
    __m128i n0 = _mm_cmpeq_epi8(v0, nlv), n1 = _mm_cmpeq_epi8(v1, nlv), n2 = _mm_cmpeq_epi8(v2, nlv),
            n3 = _mm_cmpeq_epi8(v3, nlv);
    /* signed: bytes >= 0x80 are below 0x20 too */
#define HD_ODD(v, n)                                                                                         \
    _mm_or_si128(_mm_andnot_si128(n, _mm_cmpgt_epi8(lim, v)),                                                \
                 _mm_or_si128(_mm_cmpeq_epi8(v, br), _mm_cmpeq_epi8(v, mv)))
    *nl = (uint64_t)(unsigned)_mm_movemask_epi8(n0) | (uint64_t)(unsigned)_mm_movemask_epi8(n1) << 16 |
          (uint64_t)(unsigned)_mm_movemask_epi8(n2) << 32 | (uint64_t)(unsigned)_mm_movemask_epi8(n3) << 48;
    *odd = (uint64_t)(unsigned)_mm_movemask_epi8(HD_ODD(v0, n0)) |
           (uint64_t)(unsigned)_mm_movemask_epi8(HD_ODD(v1, n1)) << 16 |
           (uint64_t)(unsigned)_mm_movemask_epi8(HD_ODD(v2, n2)) << 32 |
           (uint64_t)(unsigned)_mm_movemask_epi8(HD_ODD(v3, n3)) << 48;
#undef HD_ODD
#else
    uint64_t n = 0, o = 0;
    for (unsigned i = 0; i < 64; i++) {
        unsigned char c = (unsigned char)q[i];
        if (c == '\n') n |= (uint64_t)1 << i;
        else if (c < 0x20 || c >= 0x80 || c == '{' || c == (unsigned char)m0) o |= (uint64_t)1 << i;
    }
    *nl = n;
    *odd = o;
#endif
}

/* What the scan of a heredoc's text looks for, and where it stopped. */
typedef struct hd_scan_st {
    const char *text, *marker;
    size_t mlen;
    int reads_partial;
    /* the stop: */
    const char *b;       /* its block */
    uint64_t nl;         /* the block's newlines */
    const char *at;      /* its odd byte: the marker's first or the '{' of "${" */
    const char *ls;      /* HD_CLOSE: the closing line */
    const char *mnl;     /* HD_CLOSE: the newline after the marker */
} hd_scan_st;

enum { HD_NONE, HD_CLOSE, HD_INTERP, HD_OTHER };

/* The odd bytes of the block at b, in order, as a byte loop meets them:
 * HD_CLOSE at the closing line's marker, HD_INTERP at "${" (reads_partial
 * 0), HD_OTHER for what heredoc() must read, HD_NONE when none stops here. */
static inline __attribute__((always_inline)) int hd_events(skim *s, hd_scan_st *h, const char *b, uint64_t nl,
                                                           uint64_t odd)
{
    for (; odd; odd &= odd - 1) {
        const char *q = b + __builtin_ctzll(odd);
        unsigned char c = (unsigned char)*q;
        int ev;
        if (c == (unsigned char)*h->marker) {
            /* at a line's first byte but blanks? */
            const char *l = q;
            while (l > h->text && (l[-1] == ' ' || l[-1] == '\t')) l--;
            if ((l != h->text && l[-1] != '\n') || !marker_line(s, q, h->marker, h->mlen, &h->mnl)) continue;
            h->ls = l;
            ev = HD_CLOSE;
        } else if (c == '{') {
            /* the text starts past "<<X\n": q[-2] can be read */
            if (q[-1] == '%') decline(s);   /* "%{" a directive, "%%{" an escape: the full parser's */
            if (q[-1] != '$') continue;
            if (q[-2] == '$') decline(s);   /* "$${" */
            if (h->reads_partial) return HD_OTHER;
            ev = HD_INTERP;
        } else if (c >= 0x80) {
            return HD_OTHER;
        } else if (c == '\t') {
            continue;
        } else {
            decline(s);   /* CR, or another control character */
        }
        h->b = b;
        h->nl = nl;
        h->at = q;
        return ev;
    }
    return HD_NONE;
}

/* From p (on line *line): the blocks up to the first odd byte that stops
 * the scan (hd_events), their newlines added to *line.  Running into the end
 * of the file declines. */
static int hd_scan(skim *s, hd_scan_st *h, const char *p, uint32_t *line)
{
    const char *e = s->end;
    const char m0 = *h->marker;
    uint64_t nl, odd;
    int ev;
#ifdef __SSE2__
    const __m128i nlv = _mm_set1_epi8('\n'), br = _mm_set1_epi8('{'), mv = _mm_set1_epi8(m0);
    __m128i lim = _mm_set1_epi8(0x20);
    /* hidden from the optimizer, which otherwise turns 0x20 > v into
     * !(v > 0x1f): a third instruction */
    __asm__("" : "+x"(lim));
    while (e - p >= 64) {
        /* newlines are counted per byte lane, at most 4 a block: 63 blocks fit */
        size_t nb = (size_t)(e - p) / 64;
        if (nb > 63) nb = 63;
        __m128i acc = _mm_setzero_si128();
        for (ev = HD_NONE; nb; nb--, p += 64) {
            /* per lane: ns -1 a newline, cs -1 a byte below 0x20 or non-ASCII
             * (signed; newlines too: equal sums, none else), x '{' or m0 */
            __m128i ns = _mm_setzero_si128(), cs = ns, x = ns, v;
#define HD_STEP(i)                                                              \
    v = _mm_loadu_si128((const __m128i *)(const void *)(p + (i)));             \
    ns = _mm_add_epi8(ns, _mm_cmpeq_epi8(v, nlv));                              \
    cs = _mm_add_epi8(cs, _mm_cmpgt_epi8(lim, v));                              \
    x = _mm_or_si128(x, _mm_or_si128(_mm_cmpeq_epi8(v, br), _mm_cmpeq_epi8(v, mv)))
            HD_STEP(0);
            HD_STEP(16);
            HD_STEP(32);
            HD_STEP(48);
#undef HD_STEP
            if (__builtin_expect(_mm_movemask_epi8(_mm_andnot_si128(x, _mm_cmpeq_epi8(cs, ns))) != 0xFFFF,
                                 0)) {
                hd_masks(p, m0, &nl, &odd);
                if ((ev = hd_events(s, h, p, nl, odd))) break;
            }
            acc = _mm_sub_epi8(acc, ns);
        }
        __m128i sum = _mm_sad_epu8(acc, _mm_setzero_si128());
        *line += (uint32_t)_mm_cvtsi128_si32(sum) + (uint32_t)_mm_extract_epi16(sum, 4);
        if (ev) return ev;
    }
#else
    for (; e - p >= 64; p += 64) {
        hd_masks(p, m0, &nl, &odd);
        if (odd && (ev = hd_events(s, h, p, nl, odd))) return ev;
        *line += hd_count(nl);
    }
#endif
    /* the last bytes, through a copy: nothing past the end is read (blanks pad it) */
    char tail[64];
    memset(tail, ' ', sizeof tail);
    memcpy(tail, p, (size_t)(e - p));
    hd_masks(tail, m0, &nl, &odd);
    if (!odd || !(ev = hd_events(s, h, p, nl, odd))) decline(s);   /* no closing line */
    return ev;
}

/* Copy the line from *q through its newline to *d (which has 16 bytes of
 * room past what it receives); both move past it. */
static inline void hd_copy_line(char **d, const char **q, const char *end)
{
    const char *f = *q;
    char *o = *d;
#ifdef __SSE2__
    while (end - f >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)f);
        _mm_storeu_si128((__m128i *)(void *)o, v);
        unsigned n = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\n')));
        if (n) {
            unsigned k = (unsigned)__builtin_ctz(n) + 1;
            *d = o + k;
            *q = f + k;
            return;
        }
        f += 16;
        o += 16;
    }
#else
    (void)end;   /* the line has its newline */
#endif
    while ((*o++ = *f++) != '\n') {
    }
    *d = o;
    *q = f;
}

/* `<<-` text [t, te) (whole lines, checked): each line with text loses the
 * least indentation of such lines, blank lines stay as they are.  *skip: the
 * bytes the first line loses.  The cut is guessed from the first line with
 * text (SQL starts least indented) and the copy redone when a later line has
 * less. */
static hcl_str hd_strip(skim *s, const char *t, const char *te, uint32_t *skip)
{
    hcl_str v = { t, (uint32_t)(te - t) };
    *skip = 0;
    const char *first = t, *w;
    while (*(w = indentation_end(first, s->end)) == '\n')
        if ((first = w + 1) == te) return v;   /* all blank */
    uint32_t cut = (uint32_t)(w - first);
    if (!cut) return v;
    char *buf = sk_alloc(s, v.len + 16), *d;
    for (;;) {
        uint32_t min = cut;
        memcpy(buf, t, (size_t)(first - t));
        d = buf + (first - t);
        for (const char *l = first; l < te;) {
            w = indentation_end(l, s->end);
            if (*w != '\n') {
                uint32_t ind = (uint32_t)(w - l);
                if (ind < min) min = ind;
                l += ind < cut ? ind : cut;
            }
            hd_copy_line(&d, &l, s->end);
        }
        if (min == cut) break;
        if (!(cut = min)) return v;
    }
    v.p = buf;
    v.len = (uint32_t)(d - buf);
    if (first == t) *skip = cut;
    return v;
}

/* A heredoc at p ("<<") of ASCII text, checked as heredoc() checks it but
 * without a piece per line.  Text alone becomes the one literal heredoc()
 * melds it into (`<<-` indentation removed the same way); with
 * interpolations, and only for an attribute whose literal parts the scan
 * does not read (reads_partial 0: scan_reads_partial_text), a template of the
 * interpolations alone (`sql = <<-EOQ ... ${local.x} ... EOQ`).  NULL (p
 * unmoved) otherwise: heredoc() reads those, and empty ones.
 * The text is scanned by hd_scan's blocks; the odd bytes are taken in order,
 * as a byte loop would meet them: the marker's first byte after a line's
 * blanks may start the closing line. */
static hcl_expr *heredoc_fast(skim *s, int reads_partial)
{
    sk_mark m = mark_here(s);
    int flush;
    const char *marker;
    size_t mlen;
    hcl_range open = heredoc_open(s, &flush, &marker, &mlen);
    const char *text = s->p, *text_end, *p = s->p;
    hd_scan_st h = { .text = text, .marker = marker, .mlen = mlen, .reads_partial = reads_partial };
    uint32_t line = s->line;   /* the line at p; s->line, s->ls and s->adj hold at s->p */
    hcl_range close;
    for (;;) {
        int ev = hd_scan(s, &h, p, &line);
        if (ev == HD_OTHER) goto other;
        /* the line at the stop: the newlines before it in its block */
        uint64_t before = h.nl & ((UINT64_C(1) << (h.at - h.b)) - 1);
        uint32_t ln = line + hd_count(before);
        if (ev == HD_CLOSE) {
            /* the newline after the marker is the context's */
            sk_pos a = { (uint32_t)(h.ls - s->src), ln, 1 };
            close = span(a, pos_plus(a, (uint32_t)(h.mnl - h.ls), (uint32_t)(h.mnl - h.ls)));
            text_end = h.ls;
            s->p = h.mnl;
            s->line = ln;
            s->ls = h.ls;
            s->adj = 0;
            break;
        }
        if (ln != s->line) {   /* a new line since s->p */
            s->ls = before ? h.b + 64 - __builtin_clzll(before)
                           : (const char *)memrchr(s->p, '\n', (size_t)(h.b - s->p)) + 1;
            s->line = ln;
            s->adj = 0;
        }
        s->p = h.at - 1;   /* "${" */
        hcl_expr *x = interpolation(s);
        ss_push(s, &x, sizeof x);
        p = s->p;
        line = s->line;
    }
    hcl_range whole = between(open, close);
    if (s->ss.len != m.ss) {
        hcl_expr *t = mk(s, HCL_EXPR_TEMPLATE, whole);
        t->u.tmpl.parts = ss_take(s, m.ss, sizeof(hcl_expr *), &t->u.tmpl.n);
        t->u.tmpl.heredoc = 1;
        return t;
    }
    if (text_end == text) goto other;
    /* the text: every line ends with its newline */
    uint32_t skip = 0;
    hcl_str v = { text, (uint32_t)(text_end - text) };
    if (flush) v = hd_strip(s, text, text_end, &skip);
    hcl_range lit = { (uint32_t)(text - s->src) + skip,
                      (uint32_t)(text_end - s->src),
                      open.end_line,
                      1 + skip,
                      close.line,
                      1 };
    hcl_expr *t = hcl_literal_template(s->a, v, lit, whole);
    if (!t) longjmp(s->jb, SK_OOM);
    t->u.tmpl.heredoc = 1;
    return t;
other:
    back_to(s, m);
    return NULL;
}

/* ------------------------------------------------------------ expressions */

static hcl_expr *number(skim *s)
{
    const char *b = s->p, *q = b;
    while (q < s->end && *q >= '0' && *q <= '9') q++;
    if (q + 1 < s->end && *q == '.' && q[1] >= '0' && q[1] <= '9') {
        q++;
        while (q < s->end && *q >= '0' && *q <= '9') q++;
    }
    if (q < s->end && (*q == 'e' || *q == 'E')) {
        /* a short exponent on a short number cannot overflow cty's numbers */
        const char *x = q + 1;
        if (x < s->end && (*x == '+' || *x == '-')) x++;
        const char *d = x;
        while (x < s->end && *x >= '0' && *x <= '9') x++;
        if (x == d || x - d > 3 || q - b > 30) decline(s);
        q = x;
    }
    /* "1." and digits running into a name: the full parser's */
    if (q < s->end && (sk_id_more[(unsigned char)*q] || *q == '.' || (unsigned char)*q >= 0x80)) decline(s);
    sk_pos a = pos_at(s, b);
    hcl_expr *e = mk(s, HCL_EXPR_LITERAL, span(a, pos_plus(a, (uint32_t)(q - b), (uint32_t)(q - b))));
    e->u.lit.kind = HCL_LIT_NUMBER;
    e->u.lit.text.p = b;
    e->u.lit.text.len = (uint32_t)(q - b);
    s->p = q;
    return e;
}

/* Append a step to a traversal's array (hcl_parse's arrays grow 4, 8, 16, ...). */
static void append_step(skim *s, hcl_step **steps, uint32_t *count, const hcl_step *st)
{
    uint32_t n = *count;
    if (n == 0 || (n >= 4 && (n & (n - 1)) == 0)) {
        uint32_t cap = n ? n * 2 : 4;
        hcl_step *v = sk_alloc(s, (size_t)cap * sizeof *v);
        if (n) memcpy(v, *steps, (size_t)n * sizeof *v);
        *steps = v;
    }
    (*steps)[n] = *st;
    *count = n + 1;
}

/* A step after t: a SCOPE_TRAV or REL_TRAV grows, a splat's element symbol
 * becomes the source of a REL_TRAV (hcl_parse's add_step). */
static hcl_expr *add_step(skim *s, hcl_expr *t, const hcl_step *st)
{
    if (t->kind == HCL_EXPR_ANON_SYMBOL) {
        hcl_expr *r = mk(s, HCL_EXPR_REL_TRAV, t->range);
        r->u.rel.source = t;
        t = r;
    }
    if (t->kind == HCL_EXPR_SCOPE_TRAV) append_step(s, &t->u.trav.steps, &t->u.trav.n, st);
    else append_step(s, &t->u.rel.steps, &t->u.rel.n, st);
    t->range = between(t->range, st->range);
    return t;
}

/* `.name` (p at '.'). */
static hcl_expr *attr_step(skim *s, hcl_expr *t, int nl)
{
    hcl_range dot = tok1(s, s->p);
    s->p++;
    skip_ws(s, nl);
    if (at_end(s) || !sk_id_start[(unsigned char)*s->p]) decline(s);   /* .N, .* */
    const char *ib = s->p;
    s->p = ident_end(s, ib);
    sk_pos ia = pos_at(s, ib);
    uint32_t in = (uint32_t)(s->p - ib);
    hcl_step st = { .kind = HCL_STEP_ATTR,
                    .name = { ib, in },
                    .range = between(dot, span(ia, pos_plus(ia, in, in))) };
    return add_step(s, t, &st);
}

/* Is p at "[*]" (blanks allowed inside)? */
static int at_splat(const skim *s)
{
    const char *q = s->p + 1;
    while (q < s->end && (*q == ' ' || *q == '\t')) q++;
    return q < s->end && *q == '*';
}

/* `[0]` or `["key"]` after a traversal (p at '['). */
static hcl_expr *index_step(skim *s, hcl_expr *t)
{
    hcl_range open = tok1(s, s->p);
    s->p++;
    skip_ws(s, 0);
    if (at_end(s)) decline(s);
    hcl_expr *key;
    if (*s->p >= '0' && *s->p <= '9') {
        key = number(s);
    } else if (*s->p == '"') {
        hcl_expr *q = quoted(s);
        if (q->kind != HCL_EXPR_TEMPLATE || q->u.tmpl.n != 1 || q->u.tmpl.parts[0]->kind != HCL_EXPR_LITERAL)
            decline(s);
        key = q->u.tmpl.parts[0];
    } else {
        decline(s);   /* splats, computed keys */
    }
    skip_ws(s, 0);
    if (at_end(s) || *s->p != ']') decline(s);
    hcl_step st = { .kind = HCL_STEP_INDEX, .key = key, .range = between(open, tok1(s, s->p)) };
    s->p++;
    return add_step(s, t, &st);
}

/* `source[*]` and the steps after it, which apply to each element (p at '['). */
static hcl_expr *full_splat(skim *s, hcl_expr *source, int nl)
{
    hcl_range open = tok1(s, s->p);
    s->p++;
    blanks(s);
    s->p++;   /* '*' */
    blanks(s);
    if (at_end(s) || *s->p != ']') decline(s);
    hcl_expr *item = mk(s, HCL_EXPR_ANON_SYMBOL, between(open, tok1(s, s->p)));
    s->p++;
    hcl_expr *each = item;
    for (;;) {
        skip_ws(s, nl);
        if (at_end(s)) break;
        if (*s->p == '.') each = attr_step(s, each, nl);
        else if (*s->p == '[' && !at_splat(s)) each = index_step(s, each);
        else if (*s->p == '[') decline(s);   /* a splat in a splat */
        else break;
    }
    hcl_expr *sp = mk(s, HCL_EXPR_SPLAT, between(source->range, each->range));
    sp->u.splat.source = source;
    sp->u.splat.each = each;
    sp->u.splat.item = item;
    return sp;
}

/* Comma-separated expressions up to `close` (a trailing comma allowed,
 * newlines free): pushed on the scratch stack from mark; p is left at close. */
static void item_list(skim *s, char close)
{
    for (;;) {
        skip_ws(s, 0);
        if (at_end(s)) decline(s);
        if (*s->p == close) return;
        hcl_expr *x = expression(s, 0);
        ss_push(s, &x, sizeof x);
        skip_ws(s, 0);
        if (at_end(s)) decline(s);
        if (*s->p == ',') {
            s->p++;
            continue;
        }
        if (*s->p != close) decline(s);   /* "...", a missing comma */
    }
}

static hcl_expr *call(skim *s, hcl_str name, hcl_range nr)
{
    s->p++;   /* '(' */
    size_t mark = s->ss.len;
    item_list(s, ')');
    hcl_expr *e = mk(s, HCL_EXPR_CALL, between(nr, tok1(s, s->p)));
    s->p++;
    e->u.call.name = name;
    e->u.call.name_range = nr;
    e->u.call.args = ss_take(s, mark, sizeof(hcl_expr *), &e->u.call.n);
    return e;
}

/* Is p at the keyword `for` (a tuple or object `for` expression)? */
static int at_for(const skim *s)
{
    return s->end - s->p >= 4 && memcmp(s->p, "for", 3) == 0 && !sk_id_more[(unsigned char)s->p[3]] &&
           (unsigned char)s->p[3] < 0x80;
}

static hcl_expr *tuple(skim *s)
{
    hcl_range open = tok1(s, s->p);
    s->p++;
    skip_ws(s, 0);
    if (at_for(s)) decline(s);
    size_t mark = s->ss.len;
    item_list(s, ']');
    hcl_expr *e = mk(s, HCL_EXPR_TUPLE, between(open, tok1(s, s->p)));
    s->p++;
    e->u.tuple.items = ss_take(s, mark, sizeof(hcl_expr *), &e->u.tuple.n);
    return e;
}

/* Past blank lines and comment lines (in a body, an object, the file): 1
 * with p at the next item's first byte, 0 at the end of the file. */
static inline int next_line_item(skim *s)
{
    for (;;) {
        blanks(s);
        if (at_end(s)) return 0;
        if (*s->p != '\n' && !comment_here(s)) return 1;
        end_of_line(s, 0);
    }
}

/* `=` at p, not `==` or `=>`: an attribute's or object item's equals sign. */
static inline int at_equals(const skim *s)
{
    return *s->p == '=' && !peek_is(s, 1, '=') && !peek_is(s, 1, '>');
}

/* Inside an object (after '{' or an item): blank lines and comments, then
 * 1 at the next item's key, 0 at the closing '}' (p at it). */
static inline int object_next_item(skim *s)
{
    if (!next_line_item(s)) decline(s);
    if (*s->p == '}') return 0;
    if (*s->p == '(') decline(s);   /* a forced non-literal key */
    return 1;
}

/* After an object key: blanks, '=' or ':', p after it. */
static inline void object_key_separator(skim *s)
{
    blanks(s);
    if (at_end(s)) decline(s);
    if (*s->p == '=') {
        if (peek_is(s, 1, '=') || peek_is(s, 1, '>')) decline(s);
    } else if (*s->p != ':' || peek_is(s, 1, ':')) {
        decline(s);
    }
    s->p++;
}

/* After an object item's value: a comma, the end of its line, or the '}'. */
static inline void object_item_end(skim *s)
{
    blanks(s);
    if (at_end(s)) decline(s);
    char c = *s->p;
    if (c == ',') s->p++;
    else if (c == '\n' || comment_here(s)) end_of_line(s, 0);
    else if (c != '}') decline(s);
}

static hcl_expr *object(skim *s)
{
    hcl_range open = tok1(s, s->p);
    s->p++;
    skip_ws(s, 0);   /* newlines before the first item are skipped either way */
    if (at_end(s) || at_for(s)) decline(s);
    size_t mark = s->ss.len;
    while (object_next_item(s)) {
        hcl_expr *k = expression(s, 1);
        hcl_expr *key = mk(s, HCL_EXPR_OBJECT_KEY, k->range);
        key->u.key.wrapped = k;
        object_key_separator(s);
        blanks(s);
        hcl_expr *v = expression(s, 1);
        hcl_obj_item it = { key, v };
        ss_push(s, &it, sizeof it);
        object_item_end(s);
    }
    hcl_expr *e = mk(s, HCL_EXPR_OBJECT, between(open, tok1(s, s->p)));
    s->p++;
    e->u.object.items = ss_take(s, mark, sizeof(hcl_obj_item), &e->u.object.n);
    return e;
}

/* A term with its traversal steps.  The caller checks what follows (only
 * its own separators or closers may: an operator, '?', a splat... decline). */
static hcl_expr *expression(skim *s, int nl)
{
    if (at_end(s) || ++s->depth > SK_MAX_DEPTH) decline(s);
    hcl_expr *e;
    unsigned char c = (unsigned char)*s->p;
    if (c == '"') {
        e = quoted(s);
    } else if (c == '<' && peek_is(s, 1, '<')) {
        /* plain text (most heredocs): one literal, without a piece per line */
        e = heredoc_fast(s, 1);
        if (!e) e = heredoc(s);
    } else if (c >= '0' && c <= '9') {
        e = number(s);
    } else if (c == '[') {
        e = tuple(s);
    } else if (c == '{') {
        e = object(s);
    } else if (sk_id_start[c]) {
        const char *b = s->p;
        s->p = ident_end(s, b);
        sk_pos a = pos_at(s, b);
        uint32_t n = (uint32_t)(s->p - b);
        hcl_range r = span(a, pos_plus(a, n, n));
        hcl_str name = { b, n };
        skip_ws(s, nl);
        if (!at_end(s) && *s->p == '(') {
            e = call(s, name, r);
        } else if (!at_end(s) && *s->p == ':' && peek_is(s, 1, ':')) {
            decline(s);
        } else if ((n == 4 && memcmp(b, "true", 4) == 0) || (n == 5 && memcmp(b, "false", 5) == 0)) {
            e = mk(s, HCL_EXPR_LITERAL, r);
            e->u.lit.kind = HCL_LIT_BOOL;
            e->u.lit.b = b[0] == 't';
            e->u.lit.text = name;
        } else if (n == 4 && memcmp(b, "null", 4) == 0) {
            e = mk(s, HCL_EXPR_LITERAL, r);
            e->u.lit.kind = HCL_LIT_NULL;
            e->u.lit.text = name;
        } else {
            e = mk(s, HCL_EXPR_SCOPE_TRAV, r);
            e->u.trav.root = name;
            e->u.trav.root_range = r;
            for (;;) {
                if (at_end(s)) break;
                if (*s->p == '.') {
                    e = attr_step(s, e, nl);
                } else if (*s->p == '[' && at_splat(s)) {
                    e = full_splat(s, e, nl);   /* it took every step after it */
                    break;
                } else if (*s->p == '[') {
                    e = index_step(s, e);
                } else {
                    break;
                }
                skip_ws(s, nl);
            }
        }
    } else {
        decline(s);
    }
    s->depth--;
    return e;
}

/* ------------------------------------------------------------ bodies */

/* The name an attribute or block starts with (p at it), and the blanks
 * after it: *r is its range, p at what follows. */
static inline hcl_str item_name(skim *s, hcl_range *r)
{
    if (!sk_id_start[(unsigned char)*s->p]) decline(s);
    const char *b = s->p;
    s->p = ident_end(s, b);
    sk_pos a = pos_at(s, b);
    hcl_str name = { b, (uint32_t)(s->p - b) };
    *r = span(a, pos_plus(a, name.len, name.len));
    blanks(s);
    if (at_end(s)) decline(s);
    return name;
}


static hcl_body *body(skim *s, int nested, hcl_range start);

static void attribute(skim *s, hcl_str name, hcl_range nr, int top, hcl_attr *a)
{
    s->p++;   /* '=' */
    blanks(s);
    hcl_expr *x = expression(s, 1);
    a->name = name;
    a->name_range = nr;
    a->expr = x;
    a->range = between(nr, x->range);
    end_of_line(s, top);
}

static void block(skim *s, hcl_str type, hcl_range tr, int top, hcl_block *b)
{
    memset(b, 0, sizeof *b);
    b->type = type;
    b->type_range = tr;
    hcl_str labels[8];
    hcl_range ranges[8];
    uint32_t n = 0;
    for (;;) {
        blanks(s);
        if (at_end(s)) decline(s);
        char c = *s->p;
        if (c == '{') break;
        if (n == 8) decline(s);
        if (c == '"') {
            hcl_range o = tok1(s, s->p);
            const char *lb = ++s->p;
            s->p = find_special(s->p, s->end);   /* escapes, "${", non-ASCII: the full parser's */
            if (at_end(s) || *s->p != '"') decline(s);
            labels[n].p = lb;
            labels[n].len = (uint32_t)(s->p - lb);
            ranges[n] = between(o, tok1(s, s->p));
            s->p++;
        } else if (sk_id_start[(unsigned char)c]) {
            const char *lb = s->p;
            s->p = ident_end(s, lb);
            sk_pos a = pos_at(s, lb);
            uint32_t len = (uint32_t)(s->p - lb);
            labels[n].p = lb;
            labels[n].len = len;
            ranges[n] = span(a, pos_plus(a, len, len));
        } else {
            decline(s);
        }
        n++;
    }
    if (n) {
        b->labels = sk_alloc(s, (size_t)n * sizeof *b->labels);
        b->label_ranges = sk_alloc(s, (size_t)n * sizeof *b->label_ranges);
        memcpy(b->labels, labels, (size_t)n * sizeof *labels);
        memcpy(b->label_ranges, ranges, (size_t)n * sizeof *ranges);
        b->nlabels = n;
    }
    hcl_range ob = tok1(s, s->p);
    s->p++;
    blanks(s);
    if (at_end(s)) decline(s);
    if (*s->p == '}') {
        hcl_range cb = tok1(s, s->p);
        s->p++;
        hcl_body *bd = ar_zalloc(s->a, sizeof *bd);
        if (!bd) longjmp(s->jb, SK_OOM);
        bd->range = between(ob, cb);
        b->body = bd;
        b->close_brace = cb;
    } else {
        end_of_line(s, 0);   /* anything else on the line: a one-line block */
        if (++s->depth > SK_MAX_DEPTH) decline(s);
        b->body = body(s, 1, ob);
        s->depth--;
        b->close_brace = tok1(s, s->p - 1);   /* body() stopped after the '}' */
    }
    b->open_brace = ob;
    b->range = between(tr, b->close_brace);
    end_of_line(s, top);
}

/* the same name twice (a redefined attribute: the skimmer declines, the full parser reports it) */
static int same_name(hcl_str a, hcl_str b)
{
    return a.len == b.len && memcmp(a.p, b.p, a.len) == 0;
}

/* Items until '}' (nested: p is left after it) or the end of the file.
 * Attributes go to the scratch stack, blocks to a stack of their own: each
 * array then comes out in source order without sorting the items apart. */
static hcl_body *body(skim *s, int nested, hcl_range start)
{
    size_t amark = s->ss.len, bmark = s->bs.len;
    const size_t astride = SS_ALIGN(sizeof(hcl_attr));
    hcl_range endr;
    for (;;) {
        if (!next_line_item(s)) {
            if (nested) decline(s);   /* unclosed block */
            sk_pos e = pos_at(s, s->p);
            endr = span(e, e);
            break;
        }
        unsigned char c = (unsigned char)*s->p;
        if (c == '}' && nested) {
            endr = tok1(s, s->p);
            s->p++;
            break;
        }
        hcl_range nr;
        hcl_str name = item_name(s, &nr);
        c = (unsigned char)*s->p;
        if (at_equals(s)) {
            /* a redefinition is the full parser's diagnostic */
            if ((s->ss.len - amark) / astride >= SK_MAX_ATTRS) decline(s);
            for (size_t o = amark; o < s->ss.len; o += astride) {
                const hcl_attr *q = (const hcl_attr *)(const void *)(s->ss.v + o);
                if (same_name(q->name, name)) decline(s);
            }
            hcl_attr at;
            attribute(s, name, nr, !nested, &at);
            stack_push(s, &s->ss, &at, sizeof at);
        } else if (c == '"' || c == '{' || sk_id_start[c]) {
            hcl_block bl;
            block(s, name, nr, !nested, &bl);
            stack_push(s, &s->bs, &bl, sizeof bl);
        } else {
            decline(s);
        }
    }
    hcl_body *bd = ar_zalloc(s->a, sizeof *bd);
    if (!bd) longjmp(s->jb, SK_OOM);
    bd->range = between(start, endr);
    bd->attrs = stack_take(s, &s->ss, amark, sizeof(hcl_attr), &bd->nattrs);
    bd->blocks = stack_take(s, &s->bs, bmark, sizeof(hcl_block), &bd->nblocks);
    return bd;
}

/* ------------------------------------------------------------ entry */

/* setjmp in a frame of its own: nothing here is used after a longjmp but s */
static int run(skim *s, hcl_body **out)
{
    int rc = setjmp(s->jb);
    if (rc) return rc == SK_OOM ? -1 : 0;
    /* the file's body starts at its first token (a comment is one) */
    const char *q = s->p;
    while (q < s->end && (*q == ' ' || *q == '\t')) q++;
    sk_pos first = pos_at(s, q);
    *out = body(s, 0, span(first, first));
    return 1;
}

/* A skim of src[0..len) in arena: NULL with *rc 0 for a file the skim does
 * not start on, -1 when memory runs out. */
static skim *skim_new(const char *src, size_t len, ar_arena *arena, int *rc)
{
    *rc = 0;
    if (len >= UINT32_MAX) return NULL;
    /* a byte-order mark: the lexer skips it, positions and all; rare */
    if (len >= 3 && (unsigned char)src[0] == 0xEF && (unsigned char)src[1] == 0xBB &&
        (unsigned char)src[2] == 0xBF)
        return NULL;
    skim *s = ar_alloc(arena, sizeof *s);
    if (!s) {
        *rc = -1;
        return NULL;
    }
    memset(s, 0, offsetof(skim, jb));
    s->src = s->p = s->ls = src;
    s->end = src + len;
    s->line = 1;
    s->a = arena;
    return s;
}

int skim_parse(const char *name, const char *src, size_t len, ar_arena *arena, hcl_file *out)
{
    int rc;
    skim *s = skim_new(src, len, arena, &rc);
    if (!s) return rc;
    hcl_body *b = NULL;
    rc = run(s, &b);
    if (rc != 1) return rc;
    memset(out, 0, sizeof *out);
    out->name = name ? name : "";
    out->src = src;
    out->len = (uint32_t)len;
    out->body = b;
    return 1;
}

int skim_or_parse(const char *name, const char *src, size_t len, ar_arena *arena, hcl_file *out)
{
    int rc = skim_parse(name, src, len, arena, out);
    if (rc != 0) return rc > 0 ? 0 : -1;
    ar_reset(arena);   /* what the skim built before it declined */
    return hcl_parse(name, src, len, arena, out);
}

/* ------------------------------------------------------------ scanning without a tree
 *
 * skim_scan reads a file as skim_parse does, but gives each ordinary
 * top-level block straight to the scan (scan_open / scan_attr / scan_close)
 * instead of building its tree.  A string field written as a quoted string
 * with nothing to decode (`title = "text"`) goes over as its text alone
 * (scan_attr_text).  The usual other values are handed over as small
 * trees on the C stack: a plain quoted string, a plain traversal (`query.x`,
 * `dep.query.x.sql`), a call of those (`file("...")`); a `children` list
 * item by item (`type.name` as two names), tags pair by pair (`name = "text"`
 * as two strings), a heredoc as its one literal (or, where the scan reads no
 * literal parts, its interpolations).  Any other value is parsed into a tree
 * (expression()) and handed over as it is.
 * Dashboards and containers (their panels become entries, with names that
 * depend on their siblings), variables, locals, mod and unknown blocks are
 * parsed whole into trees and given to scan_block.  So what is extracted is
 * decided by scan.c alone; what the skim adds here is only which of the
 * tree's nodes to build.  The two paths are compared on whole workspaces
 * (tests/test_index_fast.c, fuzz/fuzz_workspace.c). */

/* A quoted string with nothing to decode at p: plain_text in *nodes (the
 * caller's stack), or NULL (p unmoved) for any other string. */
static hcl_expr *plain_string_value(skim *s, hcl_literal_nodes *nodes)
{
    const char *close = find_special(s->p + 1, s->end);
    if (close >= s->end || *close != '"') return NULL;
    return plain_text(s, close, nodes);
}

/* The bytes that may follow a value read without its tree: blanks, the end
 * of its line (a newline or a comment); in a list also ',' and ']'; a bare
 * object key is followed by blanks and '=' or ':'. */
static const unsigned char sk_value_end[256] = { [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['#'] = 1, ['/'] = 1 };
static const unsigned char sk_item_end[256] = {
    [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['#'] = 1, ['/'] = 1, [','] = 1, [']'] = 1,
};
static const unsigned char sk_key_end[256] = { [' '] = 1, ['\t'] = 1, ['='] = 1, [':'] = 1 };
static const unsigned char sk_arg_end[256] = {
    [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['#'] = 1, ['/'] = 1, [','] = 1, [')'] = 1,
};

/* true, false and null are literals, not names */
static inline int literal_name(const char *b, size_t n)
{
    return (n == 4 && (memcmp(b, "true", 4) == 0 || memcmp(b, "null", 4) == 0)) ||
           (n == 5 && memcmp(b, "false", 5) == 0);
}

/* A traversal of names only (`a.b.c`; with steps NULL a bare name) at p,
 * followed by one of the bytes `ends` (or the end of the file): one
 * SCOPE_TRAV on the caller's stack, p after it.  0 (p unmoved) when it is
 * something else: a literal name, an index, a call... */
static int plain_traversal(skim *s, hcl_expr *t, hcl_step *steps, const unsigned char *ends)
{
    const char *b = s->p, *q = ident_end(s, b);
    uint32_t rn = (uint32_t)(q - b), n = 0;
    if (literal_name(b, rn)) return 0;
    sk_pos a = pos_at(s, b);
    uint32_t most = steps ? SK_FAST_STEPS : 0;   /* no steps: a bare name only */
    while (q + 1 < s->end && *q == '.' && sk_id_start[(unsigned char)q[1]]) {
        if (n == most) return 0;
        const char *nb = q + 1, *ne = ident_end(s, nb);
        hcl_step *st = &steps[n++];
        memset(st, 0, sizeof *st);
        st->kind = HCL_STEP_ATTR;
        st->name.p = nb;
        st->name.len = (uint32_t)(ne - nb);
        uint32_t from = (uint32_t)(q - b), to = (uint32_t)(ne - b);
        st->range = span(pos_plus(a, from, from), pos_plus(a, to, to));
        q = ne;
    }
    /* only a byte that cannot continue the expression may follow */
    if (q < s->end && !ends[(unsigned char)*q]) return 0;
    memset(t, 0, sizeof *t);
    t->kind = HCL_EXPR_SCOPE_TRAV;
    uint32_t len = (uint32_t)(q - b);
    t->range = span(a, pos_plus(a, len, len));
    t->u.trav.root.p = b;
    t->u.trav.root.len = rn;
    t->u.trav.root_range = span(a, pos_plus(a, rn, rn));
    t->u.trav.steps = n ? steps : NULL;
    t->u.trav.n = n;
    s->p = q;
    return 1;
}

/* `children = [ ... ]` (p at '['): each item to the scan as it is read. */
static void children_list(skim *s, hcl_attr *a)
{
    hcl_range open = tok1(s, s->p);
    s->p++;
    skip_ws(s, 0);
    if (at_for(s)) decline(s);
    for (;;) {
        if (s->p < s->end && *s->p == '\n') {   /* the usual: the next item on the next line */
            s->p++;
            newline_after(s, s->p);
            s->p = indentation_end(s->p, s->end);
        }
        skip_ws(s, 0);
        if (at_end(s)) decline(s);
        if (*s->p == ']') break;
        hcl_expr t;
        hcl_step steps[SK_FAST_STEPS];
        /* the usual item, `control.x,` (a step on a later line is the tree's) */
        const char *b = s->p;
        if (sk_id_start[(unsigned char)*b]) {
            const char *d = ident_end(s, b);
            if (d + 1 < s->end && *d == '.' && sk_id_start[(unsigned char)d[1]]) {
                const char *e = ident_end(s, d + 1);
                if ((e == s->end || sk_item_end[(unsigned char)*e]) && !literal_name(b, (size_t)(d - b))) {
                    hcl_str type = { b, (uint32_t)(d - b) }, name = { d + 1, (uint32_t)(e - d - 1) };
                    scan_child_ref(s->w, type, name, s->line, (uint32_t)(b - s->ls) + 1 - s->adj);
                    s->p = e;
                    goto next;
                }
            }
        }
        if (sk_id_start[(unsigned char)*s->p] && plain_traversal(s, &t, steps, sk_item_end)) {
            scan_child(s->w, &t, open);   /* `mod.control.x`, or a bare name (an invalid child) */
        } else {
            if (++s->depth > SK_MAX_DEPTH) decline(s);
            scan_child(s->w, expression(s, 0), open);
            s->depth--;
        }
    next:
        skip_ws(s, 0);
        if (at_end(s)) decline(s);
        if (*s->p == ',') {
            s->p++;
            continue;
        }
        if (*s->p != ']') decline(s);   /* a step after a newline, an operator, a missing comma */
    }
    a->range = between(a->name_range, between(open, tok1(s, s->p)));
    s->p++;
    end_of_line(s, 0);
}

/* The usual pair of a tags object, `name = "text"` and the end of its line
 * (p at the name), straight to the scan.  0 (p unmoved) for anything else. */
static int plain_pair(skim *s)
{
    const char *b = s->p, *q = ident_end(s, b), *e = s->end;
    const char *k = q;
    q = indentation_end(q, e);   /* keys are aligned: runs of spaces */
    if (q + 2 >= e || *q != '=' || q[1] == '=' || q[1] == '>') return 0;
    q = indentation_end(q + 1, e);
    if (q >= e || *q != '"' || literal_name(b, (size_t)(k - b))) return 0;
    const char *close = find_special(q + 1, e);
    if (close + 1 >= e || *close != '"' || close[1] != '\n') return 0;
    hcl_str name = { b, (uint32_t)(k - b) }, text = { q + 1, (uint32_t)(close - q - 1) };
    scan_tag_text(s->w, name, text);
    s->p = close + 2;
    newline_after(s, s->p);
    return 1;
}

/* An object of tags pairs at p ('{'), each pair to the scan as it is read
 * (the grammar of object()); *may_refer collects cap_may_refer of values
 * that needed a tree.  Returns the object's range. */
static hcl_range tags_object(skim *s, scan_attrs *st, int *may_refer)
{
    if (++s->depth > SK_MAX_DEPTH) decline(s);
    hcl_range open = tok1(s, s->p);
    s->p++;
    skip_ws(s, 0);
    if (at_end(s) || at_for(s)) decline(s);
    while (object_next_item(s)) {
        unsigned char c = (unsigned char)*s->p;
        if (sk_id_start[c] && plain_pair(s)) continue;
        hcl_expr kt, key, *k = &kt;
        int bare = sk_id_start[(unsigned char)c] && plain_traversal(s, &kt, NULL, sk_key_end);
        if (!bare) k = expression(s, 1);
        memset(&key, 0, sizeof key);
        key.kind = HCL_EXPR_OBJECT_KEY;
        key.range = k->range;
        key.u.key.wrapped = k;
        if (!bare && !*may_refer) *may_refer = cap_may_refer(&key);
        object_key_separator(s);
        blanks(s);
        if (at_end(s)) decline(s);
        hcl_literal_nodes text;
        hcl_expr *v = *s->p == '"' ? plain_string_value(s, &text) : NULL;
        if (!v) {
            v = expression(s, 1);
            if (!*may_refer) *may_refer = cap_may_refer(v);
        }
        scan_tag(s->w, st, &key, v);
        object_item_end(s);
    }
    hcl_range r = between(open, tok1(s, s->p));
    s->p++;
    s->depth--;
    return r;
}

/* `tags = {...}` or `tags = f(..., {...}, ...)` (p at the value): the pairs
 * to the scan as they are read.  0 (nothing read) for any other value. */
static int tags_value(skim *s, scan_attrs *st, hcl_attr *a)
{
    int may_refer = 0;
    hcl_range r;
    if (*s->p == '{') {
        scan_tags_begin(s->w, st, 1);
        r = tags_object(s, st, &may_refer);
    } else {
        /* a call: its name, '(' on the same line (blanks() might cross lines
         * in a comment, and p could not go back then) */
        const char *b = s->p, *q = ident_end(s, b);
        while (q < s->end && (*q == ' ' || *q == '\t')) q++;
        if (q >= s->end || *q != '(') return 0;
        if (++s->depth > SK_MAX_DEPTH) decline(s);
        hcl_range nr = tok1(s, b);
        scan_tags_begin(s->w, st, 0);
        s->p = q + 1;
        for (;;) {
            skip_ws(s, 0);
            if (at_end(s)) decline(s);
            if (*s->p == ')') break;
            hcl_expr t;
            hcl_step steps[SK_FAST_STEPS];
            if (*s->p == '{') {
                tags_object(s, st, &may_refer);
            } else if (sk_id_start[(unsigned char)*s->p] && plain_traversal(s, &t, steps, sk_arg_end)) {
                may_refer |= cap_root_may_refer(t.u.trav.root);   /* merge(local.x, ...) */
            } else {
                hcl_expr *x = expression(s, 0);
                if (!may_refer) may_refer = cap_may_refer(x);
            }
            skip_ws(s, 0);
            if (at_end(s)) decline(s);
            if (*s->p == ',') {
                s->p++;
                continue;
            }
            if (*s->p != ')') decline(s);   /* "...", a missing comma */
        }
        r = between(nr, tok1(s, s->p));
        s->p++;
        s->depth--;
    }
    a->range = between(a->name_range, r);
    end_of_line(s, 0);
    scan_note(s->w, st, a, may_refer);
    return 1;
}

#define SK_FAST_ARGS 4

/* The nodes of a call read without its tree. */
typedef struct fast_call {
    hcl_expr call, trav[SK_FAST_ARGS];
    hcl_literal_nodes text[SK_FAST_ARGS];
    hcl_expr *args[SK_FAST_ARGS];
    hcl_step steps[SK_FAST_ARGS][SK_FAST_STEPS];
} fast_call;

/* `f("text", a.b)` at p, on one line: a call of plain strings and plain
 * traversals (`documentation = file("./docs/x.md")`), as nodes in *fc, with
 * *may_refer as cap_may_refer would say.  0 (p unmoved) for anything else. */
static int plain_call(skim *s, fast_call *fc, int *may_refer)
{
    const char *b = s->p, *ne = ident_end(s, b), *q = ne;
    while (q < s->end && (*q == ' ' || *q == '\t')) q++;
    if (q >= s->end || *q != '(') return 0;
    sk_pos a = pos_at(s, b);
    uint32_t nlen = (uint32_t)(ne - b), n = 0;
    int refers = 0;
    s->p = q + 1;
    for (;;) {
        while (s->p < s->end && (*s->p == ' ' || *s->p == '\t')) s->p++;
        if (s->p >= s->end) goto other;
        char c = *s->p;
        if (c == ')') break;
        if (n == SK_FAST_ARGS) goto other;
        hcl_expr *x = &fc->trav[n];
        if (c == '"') {
            if (!(x = plain_string_value(s, &fc->text[n]))) goto other;
        } else if (sk_id_start[(unsigned char)c]) {
            if (!plain_traversal(s, x, fc->steps[n], sk_arg_end)) goto other;
            refers |= cap_root_may_refer(x->u.trav.root);
        } else {
            goto other;
        }
        fc->args[n++] = x;
        while (s->p < s->end && (*s->p == ' ' || *s->p == '\t')) s->p++;
        if (s->p < s->end && *s->p == ',') {
            s->p++;
            continue;
        }
        if (s->p >= s->end || *s->p != ')') goto other;
    }
    s->p++;
    memset(&fc->call, 0, sizeof fc->call);
    fc->call.kind = HCL_EXPR_CALL;
    fc->call.range = span(a, pos_at(s, s->p));
    fc->call.u.call.name.p = b;
    fc->call.u.call.name.len = nlen;
    fc->call.u.call.name_range = span(a, pos_plus(a, nlen, nlen));
    fc->call.u.call.args = n ? fc->args : NULL;
    fc->call.u.call.n = n;
    *may_refer = refers;
    return 1;
other:
    s->p = b;   /* only this line's bytes were read */
    return 0;
}

/* `title = "text"`, the usual attribute line (p at the value's '"'): the
 * text itself to the scan, without nodes, as quoted() would read it when it
 * has nothing to decode (tabs and UTF-8 text included: columns count
 * grapheme clusters, the text is NFC).  0 (p unmoved) for other strings.
 * Not inlined: its locals would live across the skim's longjmp in run_scan. */
static __attribute__((noinline)) int plain_string_attr(skim *s, scan_attrs *st, hcl_str name, hcl_range nr,
                                                       int kind)
{
    const char *b = s->p + 1, *q = b;
    int wide = 0;
    for (;; q++) {
        q = find_special(q, s->end);
        if (q >= s->end) return 0;
        unsigned char c = (unsigned char)*q;
        if (c == '"') break;
        if (c >= 0x80) {
            int k = hcl_utf8_len((const unsigned char *)q, (const unsigned char *)s->end);
            if (!k) return 0;
            wide = 1;
            q += k - 1;
        } else if (c != '\t') {
            return 0;   /* escapes, '$', '%', control characters: quoted() */
        }
    }
    sk_pos a = pos_at(s, s->p);
    hcl_str text = { b, (uint32_t)(q - b) };
    uint32_t cols = text.len;
    if (wide) {
        cols = hcl_count_clusters(text.p, text.len);
        s->adj += text.len - cols;
        if (hcl_nfc(s->a, text, &text) != 0) longjmp(s->jb, SK_OOM);
    }
    uint32_t n = (uint32_t)(q + 1 - s->p);
    s->p = q + 1;
    scan_attr_text(s->w, st, name, kind, text, between(nr, span(a, pos_plus(a, n, cols + 2))));
    end_of_line(s, 0);
    return 1;
}

/* `name = value` in an entry's body (p at '='); kind: scan_attr_kind(name). */
static void entry_attribute(skim *s, scan_attrs *st, hcl_str name, hcl_range nr, int kind)
{
    s->p++;
    blanks(s);
    if (at_end(s)) decline(s);
    unsigned char c = (unsigned char)*s->p;
    if (c == '"' && scan_attr_text_kind(kind) && plain_string_attr(s, st, name, nr, kind)) return;
    hcl_attr a = { .name = name, .name_range = nr };
    hcl_expr x;
    hcl_literal_nodes text;
    hcl_step steps[SK_FAST_STEPS];
    fast_call fc;
    int may_refer = -1;
    if (c == '"' && (a.expr = plain_string_value(s, &text))) {
        may_refer = 0;
    } else if (sk_id_start[c] && plain_traversal(s, &x, steps, sk_value_end)) {
        a.expr = &x;
        may_refer = cap_root_may_refer(x.u.trav.root);
    } else if (c == '[' && kind == SCH_CHILDREN) {
        children_list(s, &a);
        return;
    } else if ((c == '{' || sk_id_start[c]) && kind == SCH_TAGS && tags_value(s, st, &a)) {
        return;
    } else if (sk_id_start[c] && plain_call(s, &fc, &may_refer)) {
        a.expr = &fc.call;   /* `documentation = file("...")` */
    } else if (c == '<' && peek_is(s, 1, '<') && (a.expr = heredoc_fast(s, scan_reads_partial_text(kind)))) {
        /* `sql = <<-EOQ ... EOQ` */
    } else {
        a.expr = expression(s, 1);   /* anything else: its tree */
    }
    a.range = between(nr, a.expr->range);
    end_of_line(s, 0);
    /* a plain value followed by more than blanks was declined by end_of_line */
    scan_attr_as(s->w, st, &a, may_refer, kind);
}

/* The body of an entry's block, to its '}' (p is left after it). */
static void entry_body(skim *s, scan_attrs *st)
{
    uint32_t seen = 0;            /* the kinds of names scan reads, seen (scan_attr_kind) */
    hcl_str names[SK_MAX_ATTRS];  /* the other names */
    uint32_t nn = 0;
    for (;;) {
        if (!next_line_item(s)) decline(s);   /* unclosed block */
        if (*s->p == '}') {
            s->p++;
            return;
        }
        hcl_range nr;
        hcl_str name = item_name(s, &nr);
        unsigned char c = (unsigned char)*s->p;
        if (at_equals(s)) {
            /* a redefinition is the full parser's diagnostic */
            int kind = scan_attr_kind(name);
            if (kind) {
                if (seen & 1u << kind) decline(s);
                seen |= 1u << kind;
            } else {
                if (nn == SK_MAX_ATTRS) decline(s);
                for (uint32_t i = 0; i < nn; i++)
                    if (same_name(names[i], name)) decline(s);
                names[nn++] = name;
            }
            entry_attribute(s, st, name, nr, kind);
        } else if (c == '"' || c == '{' || sk_id_start[c]) {
            /* a `tags { }` block is read by the tree walk; other blocks
             * (param, ...) are not entries: only their syntax is checked */
            if (name.len == 4 && memcmp(name.p, "tags", 4) == 0) decline(s);
            hcl_block ignored;
            block(s, name, nr, 0, &ignored);
        } else {
            decline(s);
        }
    }
}

/* A top-level block whose type and labels are read (p after them, at '{'). */
static void entry_block(skim *s, int kind, hcl_str label, hcl_range tr)
{
    scan_attrs st;
    if (scan_open(s->w, &st, (unsigned)kind, label) != 0) longjmp(s->jb, SK_OOM);
    s->p++;   /* '{' */
    blanks(s);
    if (at_end(s)) decline(s);
    hcl_range cb;
    if (*s->p == '}') {
        cb = tok1(s, s->p);
        s->p++;
    } else {
        end_of_line(s, 0);   /* anything else on the line: a one-line block */
        if (++s->depth > SK_MAX_DEPTH) decline(s);
        entry_body(s, &st);
        s->depth--;
        cb = tok1(s, s->p - 1);
    }
    if (scan_close(s->w, &st, between(tr, cb)) != 0) longjmp(s->jb, SK_OOM);
    end_of_line(s, 1);
}

/* One top-level block to the scan. */
static void scan_top_item(skim *s)
{
    hcl_range tr;
    hcl_str type = item_name(s, &tr);
    unsigned char c = (unsigned char)*s->p;
    if (c != '"' && c != '{' && !sk_id_start[c]) decline(s);   /* top-level attributes are rare */
    int kind = scan_kind(type);
    if (kind >= 0 && kind != LP_KIND_DASHBOARD && kind != LP_KIND_CONTAINER && kind != LP_KIND_VARIABLE) {
        /* one label, the usual case, read here; more or none: the tree */
        const char *lb = NULL, *le = NULL;
        if (c == '"') {
            lb = s->p + 1;
            le = find_special(lb, s->end);
            if (le < s->end && *le == '"') le++;
            else lb = NULL;
        } else if (sk_id_start[c]) {
            lb = s->p;
            le = ident_end(s, lb);
        }
        if (lb) {
            const char *q = le;
            while (q < s->end && (*q == ' ' || *q == '\t')) q++;
            if (q < s->end && *q == '{') {
                hcl_str label = { lb, (uint32_t)(le - lb - (c == '"' ? 1 : 0)) };
                s->p = q;
                entry_block(s, kind, label, tr);
                return;
            }
        }
    }
    hcl_block b;
    block(s, type, tr, 1, &b);
    if (scan_block(s->w, &b) != 0) longjmp(s->jb, SK_OOM);
}

/* The top-level body: each block to the scan. */
static void scan_top(skim *s)
{
    while (next_line_item(s)) {
        /* what a block leaves in the arena is dead once the scan has it
         * (the scan copies what it keeps): drop it, unless a stack grew
         * there; a 300 MB file took 245 MB of temporaries */
        ar_mark mark;
        ar_mark_get(s->a, &mark);
        const char *ssv = s->ss.v, *bsv = s->bs.v;
        scan_top_item(s);
        if (s->ss.v == ssv && s->bs.v == bsv) ar_rewind(s->a, &mark);
    }
}

static int run_scan(skim *s)
{
    int rc = setjmp(s->jb);
    if (rc) return rc == SK_OOM ? -1 : 0;
    scan_top(s);
    return 1;
}

int skim_scan(scan_worker *w, const char *name, const char *src, size_t len, ar_arena *arena, const char *mod,
              scan_result *out)
{
    int rc;
    skim *s = skim_new(src, len, arena, &rc);
    if (!s) return rc;
    s->w = w;
    hcl_file f;
    memset(&f, 0, sizeof f);
    f.name = name ? name : "";
    f.src = src;
    f.len = (uint32_t)len;
    scan_begin(w, &f, mod);
    rc = run_scan(s);
    if (rc == 1 && scan_end(w, out) != 0) rc = -1;
    w->file = NULL;   /* f ends here */
    return rc;
}
