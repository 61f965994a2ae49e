/* test_lex.c — the HCL scanner (src/hcl/hcl_lex.rl).
 *
 * Expected tokens come from hashicorp/hcl's hclsyntax/scan_tokens_test.go
 * (transcribed: type, start byte, length, start line and column), from
 * HCL_SYNTAX.md §1-3 and §7, and from the oracle's error positions (columns of
 * non-ASCII text were checked with shared/tools/hcl-oracle).  Every input is
 * copied into a buffer of exactly its length, so that ASan reports any read
 * past the end (the lexer gets no NUL terminator), and every token array is
 * checked for the coverage invariant.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "hcl/hcl_ast.h"
#include "hcl/hcl_lex.h"
#include "support/shared.h"

typedef struct xt {
    int type;
    uint32_t off, len, line, col;
} xt;

#define T(ty, o, l, ln, c) {HCL_TOK_##ty, (o), (l), (ln), (c)}

/* Tokens must cover the input in order: nothing overlaps, and the only bytes
 * between tokens are spaces and tabs (and a leading BOM); EOF ends the array. */
static void check_invariants(const char *src, size_t len, const hcl_tokens *t)
{
    cr_assert_gt(t->n, 0);
    uint32_t pos = (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    for (uint32_t i = 0; i < t->n; i++) {
        const hcl_token *k = &t->v[i];
        cr_assert_geq(k->off, pos, "token %u starts at %u, before the end of the previous one (%u)",
                      i, k->off, pos);
        for (uint32_t b = pos; b < k->off; b++)
            cr_assert(src[b] == ' ' || src[b] == '\t', "byte %u between tokens is 0x%02x", b,
                      (unsigned char)src[b]);
        cr_assert_leq((size_t)k->off + k->len, len);
        cr_assert_lt(k->type, HCL_TOK__COUNT);
        cr_assert(k->len > 0 || k->type == HCL_TOK_EOF, "empty token %u (%s)", i,
                  hcl_tok_name(k->type));
        cr_assert(k->line >= 1 && k->col >= 1);
        pos = k->off + k->len;
        if (i + 1 == t->n) {
            cr_assert_eq(k->type, HCL_TOK_EOF);
            if (!t->deep && !t->bad) cr_assert_eq(k->off, len);   /* else where it was cut */
        } else {
            cr_assert_neq(k->type, HCL_TOK_EOF, "EOF before the end");
        }
    }
}

/* Lex a copy of src[0..len) held in a buffer of exactly len bytes. */
static hcl_tokens lex_exact(ar_arena *a, const char *src, size_t len, char **copy)
{
    *copy = malloc(len ? len : 1);
    cr_assert_not_null(*copy);
    if (len) memcpy(*copy, src, len);
    hcl_tokens t;
    cr_assert_eq(hcl_lex(*copy, len, a, &t), 0);
    check_invariants(*copy, len, &t);
    return t;
}

static void check_tokens(const char *src, size_t len, const xt *want, size_t nwant)
{
    ar_arena a;
    ar_init(&a, 0);
    char *copy;
    hcl_tokens t = lex_exact(&a, src, len, &copy);
    for (size_t i = 0; i < nwant && i < t.n; i++) {
        const hcl_token *g = &t.v[i];
        const xt *w = &want[i];
        cr_expect(g->type == (uint32_t)w->type && g->off == w->off && g->len == w->len &&
                      g->line == w->line && g->col == w->col,
                  "input %.*s: token %zu is %s off=%u len=%u at %u:%u, want %s off=%u len=%u at %u:%u",
                  (int)len, src, i, hcl_tok_name(g->type), g->off, g->len, g->line, g->col,
                  hcl_tok_name(w->type), w->off, w->len, w->line, w->col);
    }
    cr_expect_eq(t.n, nwant, "input %.*s: %u tokens, want %zu", (int)len, src, t.n, nwant);
    free(copy);
    ar_free(&a);
}

#define CHECK(src, ...)                                                           \
    do {                                                                          \
        static const xt want_[] = {__VA_ARGS__};                                  \
        check_tokens((src), sizeof(src) - 1, want_, sizeof want_ / sizeof want_[0]); \
    } while (0)

/* Just the types, for longer inputs. */
static void check_types(const char *src, size_t len, const int *want, size_t nwant)
{
    ar_arena a;
    ar_init(&a, 0);
    char *copy;
    hcl_tokens t = lex_exact(&a, src, len, &copy);
    for (size_t i = 0; i < nwant && i < t.n; i++)
        cr_expect_eq(t.v[i].type, (uint32_t)want[i], "input %.*s: token %zu is %s, want %s",
                     (int)len, src, i, hcl_tok_name(t.v[i].type), hcl_tok_name(want[i]));
    cr_expect_eq(t.n, nwant, "input %.*s: %u tokens, want %zu", (int)len, src, t.n, nwant);
    free(copy);
    ar_free(&a);
}

#define TYPES(src, ...)                                                               \
    do {                                                                              \
        static const int want_[] = {__VA_ARGS__};                                     \
        check_types((src), sizeof(src) - 1, want_, sizeof want_ / sizeof want_[0]);   \
    } while (0)

#define K(ty) HCL_TOK_##ty

/* ------------------------------------------------------------ upstream: scan_tokens_test.go */

Test(lex_upstream, empty_and_whitespace)
{
    CHECK("", T(EOF, 0, 0, 1, 1));
    CHECK(" ", T(EOF, 1, 0, 1, 2));
    CHECK("\n\n", T(NEWLINE, 0, 1, 1, 1), T(NEWLINE, 1, 1, 2, 1), T(EOF, 2, 0, 3, 1));
    CHECK("\t\t", T(EOF, 2, 0, 1, 3));
}

Test(lex_upstream, byte_order_mark)
{
    /* skipped, but its bytes count in offsets (not in columns) */
    CHECK("\xef\xbb\xbf", T(EOF, 3, 0, 1, 1));
    /* not leading: an invalid character */
    CHECK(" \xef\xbb\xbf", T(INVALID, 1, 3, 1, 2), T(EOF, 4, 0, 1, 3));
    /* the UTF-16 BOM is two bad bytes */
    CHECK("\xfe\xff", T(BAD_UTF8, 0, 1, 1, 1), T(BAD_UTF8, 1, 1, 1, 2), T(EOF, 2, 0, 1, 3));
}

Test(lex_upstream, numbers)
{
    CHECK("1", T(NUMBER, 0, 1, 1, 1), T(EOF, 1, 0, 1, 2));
    CHECK("12", T(NUMBER, 0, 2, 1, 1), T(EOF, 2, 0, 1, 3));
    CHECK("12.3", T(NUMBER, 0, 4, 1, 1), T(EOF, 4, 0, 1, 5));
    CHECK("1e2", T(NUMBER, 0, 3, 1, 1), T(EOF, 3, 0, 1, 4));
    CHECK("1e+2", T(NUMBER, 0, 4, 1, 1), T(EOF, 4, 0, 1, 5));
}

Test(lex_upstream, identifiers)
{
    CHECK("hello", T(IDENT, 0, 5, 1, 1), T(EOF, 5, 0, 1, 6));
    CHECK("_ello", T(IDENT, 0, 5, 1, 1), T(EOF, 5, 0, 1, 6));
    CHECK("hel_o", T(IDENT, 0, 5, 1, 1), T(EOF, 5, 0, 1, 6));
    CHECK("hel-o", T(IDENT, 0, 5, 1, 1), T(EOF, 5, 0, 1, 6));
    CHECK("h3ll0", T(IDENT, 0, 5, 1, 1), T(EOF, 5, 0, 1, 6));
    /* e + combining acute accent: 7 bytes, 5 columns */
    CHECK("he\xcc\x81llo", T(IDENT, 0, 7, 1, 1), T(EOF, 7, 0, 1, 6));
}

Test(lex_upstream, literal_strings)
{
    CHECK("\"\"", T(OQUOTE, 0, 1, 1, 1), T(CQUOTE, 1, 1, 1, 2), T(EOF, 2, 0, 1, 3));
    CHECK("\"hello\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 5, 1, 2), T(CQUOTE, 6, 1, 1, 7),
          T(EOF, 7, 0, 1, 8));
    /* escapes are the parser's business */
    CHECK("\"hello, \\\"world\\\"!\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 17, 1, 2),
          T(CQUOTE, 18, 1, 1, 19), T(EOF, 19, 0, 1, 20));
    CHECK("\"hello $$\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 6, 1, 2),
          T(QUOTED_LIT, 7, 1, 1, 8), T(QUOTED_LIT, 8, 1, 1, 9), T(CQUOTE, 9, 1, 1, 10),
          T(EOF, 10, 0, 1, 11));
    CHECK("\"hello %%\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 6, 1, 2),
          T(QUOTED_LIT, 7, 1, 1, 8), T(QUOTED_LIT, 8, 1, 1, 9), T(CQUOTE, 9, 1, 1, 10),
          T(EOF, 10, 0, 1, 11));
    CHECK("\"hello $\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 6, 1, 2),
          T(QUOTED_LIT, 7, 1, 1, 8), T(CQUOTE, 8, 1, 1, 9), T(EOF, 9, 0, 1, 10));
    CHECK("\"hello %\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 6, 1, 2),
          T(QUOTED_LIT, 7, 1, 1, 8), T(CQUOTE, 8, 1, 1, 9), T(EOF, 9, 0, 1, 10));
    CHECK("\"hello $${world}\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 6, 1, 2),
          T(QUOTED_LIT, 7, 3, 1, 8), T(QUOTED_LIT, 10, 6, 1, 11), T(CQUOTE, 16, 1, 1, 17),
          T(EOF, 17, 0, 1, 18));
    CHECK("\"hello %%{world}\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 6, 1, 2),
          T(QUOTED_LIT, 7, 3, 1, 8), T(QUOTED_LIT, 10, 6, 1, 11), T(CQUOTE, 16, 1, 1, 17),
          T(EOF, 17, 0, 1, 18));
    CHECK("\"hello %${world}\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 6, 1, 2),
          T(QUOTED_LIT, 7, 1, 1, 8), T(TEMPLATE_INTERP, 8, 2, 1, 9), T(IDENT, 10, 5, 1, 11),
          T(TEMPLATE_SEQ_END, 15, 1, 1, 16), T(CQUOTE, 16, 1, 1, 17), T(EOF, 17, 0, 1, 18));
}

Test(lex_upstream, templates)
{
    CHECK("\"${1}\"", T(OQUOTE, 0, 1, 1, 1), T(TEMPLATE_INTERP, 1, 2, 1, 2), T(NUMBER, 3, 1, 1, 4),
          T(TEMPLATE_SEQ_END, 4, 1, 1, 5), T(CQUOTE, 5, 1, 1, 6), T(EOF, 6, 0, 1, 7));
    CHECK("\"%{a}\"", T(OQUOTE, 0, 1, 1, 1), T(TEMPLATE_CONTROL, 1, 2, 1, 2), T(IDENT, 3, 1, 1, 4),
          T(TEMPLATE_SEQ_END, 4, 1, 1, 5), T(CQUOTE, 5, 1, 1, 6), T(EOF, 6, 0, 1, 7));
    CHECK("\"${{}}\"", T(OQUOTE, 0, 1, 1, 1), T(TEMPLATE_INTERP, 1, 2, 1, 2), T(OBRACE, 3, 1, 1, 4),
          T(CBRACE, 4, 1, 1, 5), T(TEMPLATE_SEQ_END, 5, 1, 1, 6), T(CQUOTE, 6, 1, 1, 7),
          T(EOF, 7, 0, 1, 8));
    CHECK("\"${\"\"}\"", T(OQUOTE, 0, 1, 1, 1), T(TEMPLATE_INTERP, 1, 2, 1, 2), T(OQUOTE, 3, 1, 1, 4),
          T(CQUOTE, 4, 1, 1, 5), T(TEMPLATE_SEQ_END, 5, 1, 1, 6), T(CQUOTE, 6, 1, 1, 7),
          T(EOF, 7, 0, 1, 8));
    CHECK("\"${\"${a}\"}\"", T(OQUOTE, 0, 1, 1, 1), T(TEMPLATE_INTERP, 1, 2, 1, 2),
          T(OQUOTE, 3, 1, 1, 4), T(TEMPLATE_INTERP, 4, 2, 1, 5), T(IDENT, 6, 1, 1, 7),
          T(TEMPLATE_SEQ_END, 7, 1, 1, 8), T(CQUOTE, 8, 1, 1, 9), T(TEMPLATE_SEQ_END, 9, 1, 1, 10),
          T(CQUOTE, 10, 1, 1, 11), T(EOF, 11, 0, 1, 12));
    CHECK("\"${\"${a} foo\"}\"", T(OQUOTE, 0, 1, 1, 1), T(TEMPLATE_INTERP, 1, 2, 1, 2),
          T(OQUOTE, 3, 1, 1, 4), T(TEMPLATE_INTERP, 4, 2, 1, 5), T(IDENT, 6, 1, 1, 7),
          T(TEMPLATE_SEQ_END, 7, 1, 1, 8), T(QUOTED_LIT, 8, 4, 1, 9), T(CQUOTE, 12, 1, 1, 13),
          T(TEMPLATE_SEQ_END, 13, 1, 1, 14), T(CQUOTE, 14, 1, 1, 15), T(EOF, 15, 0, 1, 16));
}

Test(lex_upstream, heredocs)
{
    CHECK("<<EOT\nhello world\nEOT\n", T(OHEREDOC, 0, 6, 1, 1), T(STRING_LIT, 6, 12, 2, 1),
          T(CHEREDOC, 18, 3, 3, 1), T(NEWLINE, 21, 1, 3, 4), T(EOF, 22, 0, 4, 1));
    CHECK("<<EOT\r\nhello world\r\nEOT\r\n", T(OHEREDOC, 0, 7, 1, 1), T(STRING_LIT, 7, 13, 2, 1),
          T(CHEREDOC, 20, 3, 3, 1), T(NEWLINE, 23, 2, 3, 4), T(EOF, 25, 0, 4, 1));
    CHECK("<<EOT\nhello ${name}\nEOT\n", T(OHEREDOC, 0, 6, 1, 1), T(STRING_LIT, 6, 6, 2, 1),
          T(TEMPLATE_INTERP, 12, 2, 2, 7), T(IDENT, 14, 4, 2, 9), T(TEMPLATE_SEQ_END, 18, 1, 2, 13),
          T(STRING_LIT, 19, 1, 2, 14), T(CHEREDOC, 20, 3, 3, 1), T(NEWLINE, 23, 1, 3, 4),
          T(EOF, 24, 0, 4, 1));
    /* marker-like text after an interpolation does not close */
    CHECK("<<EOT\n${name}EOT\nEOT\n", T(OHEREDOC, 0, 6, 1, 1), T(TEMPLATE_INTERP, 6, 2, 2, 1),
          T(IDENT, 8, 4, 2, 3), T(TEMPLATE_SEQ_END, 12, 1, 2, 7), T(STRING_LIT, 13, 4, 2, 8),
          T(CHEREDOC, 17, 3, 3, 1), T(NEWLINE, 20, 1, 3, 4), T(EOF, 21, 0, 4, 1));
    CHECK("<<EOT\n  hello world\nEOT\n", T(OHEREDOC, 0, 6, 1, 1), T(STRING_LIT, 6, 14, 2, 1),
          T(CHEREDOC, 20, 3, 3, 1), T(NEWLINE, 23, 1, 3, 4), T(EOF, 24, 0, 4, 1));
    CHECK("<<-EOT\n  hello world\nEOT\n", T(OHEREDOC, 0, 7, 1, 1), T(STRING_LIT, 7, 14, 2, 1),
          T(CHEREDOC, 21, 3, 3, 1), T(NEWLINE, 24, 1, 3, 4), T(EOF, 25, 0, 4, 1));
    CHECK("<<-EOT\n  hello world\n EOT\n", T(OHEREDOC, 0, 7, 1, 1), T(STRING_LIT, 7, 14, 2, 1),
          T(CHEREDOC, 21, 4, 3, 1), T(NEWLINE, 25, 1, 3, 5), T(EOF, 26, 0, 4, 1));
    /* a heredoc inside an interpolation inside a heredoc */
    CHECK("<<EOF\n${<<-EOF\nhello\nEOF\n}\nEOF\n", T(OHEREDOC, 0, 6, 1, 1),
          T(TEMPLATE_INTERP, 6, 2, 2, 1), T(OHEREDOC, 8, 7, 2, 3), T(STRING_LIT, 15, 6, 3, 1),
          T(CHEREDOC, 21, 3, 4, 1), T(NEWLINE, 24, 1, 4, 4), T(TEMPLATE_SEQ_END, 25, 1, 5, 1),
          T(STRING_LIT, 26, 1, 5, 2), T(CHEREDOC, 27, 3, 6, 1), T(NEWLINE, 30, 1, 6, 4),
          T(EOF, 31, 0, 7, 1));
    /* "EOF " is no identifier, so no heredoc */
    CHECK("<<EOF \nhello\nEOF\n", T(LESS, 0, 1, 1, 1), T(LESS, 1, 1, 1, 2), T(IDENT, 2, 3, 1, 3),
          T(NEWLINE, 6, 1, 1, 7), T(IDENT, 7, 5, 2, 1), T(NEWLINE, 12, 1, 2, 6),
          T(IDENT, 13, 3, 3, 1), T(NEWLINE, 16, 1, 3, 4), T(EOF, 17, 0, 4, 1));
    CHECK("<<EOF \nhello\nEOF \n", T(LESS, 0, 1, 1, 1), T(LESS, 1, 1, 1, 2), T(IDENT, 2, 3, 1, 3),
          T(NEWLINE, 6, 1, 1, 7), T(IDENT, 7, 5, 2, 1), T(NEWLINE, 12, 1, 2, 6),
          T(IDENT, 13, 3, 3, 1), T(NEWLINE, 17, 1, 3, 5), T(EOF, 18, 0, 4, 1));
}

Test(lex_upstream, combinations)
{
    CHECK(" (1 + 2) * 3 ", T(OPAREN, 1, 1, 1, 2), T(NUMBER, 2, 1, 1, 3), T(PLUS, 4, 1, 1, 5),
          T(NUMBER, 6, 1, 1, 7), T(CPAREN, 7, 1, 1, 8), T(STAR, 9, 1, 1, 10),
          T(NUMBER, 11, 1, 1, 12), T(EOF, 13, 0, 1, 14));
    CHECK("9%8", T(NUMBER, 0, 1, 1, 1), T(PERCENT, 1, 1, 1, 2), T(NUMBER, 2, 1, 1, 3),
          T(EOF, 3, 0, 1, 4));
    CHECK("\na = 1\n", T(NEWLINE, 0, 1, 1, 1), T(IDENT, 1, 1, 2, 1), T(EQUAL, 3, 1, 2, 3),
          T(NUMBER, 5, 1, 2, 5), T(NEWLINE, 6, 1, 2, 6), T(EOF, 7, 0, 3, 1));
    CHECK("locals {\n  is_percent = percent_sign == \"%\" ? true : false\n}\n",
          T(IDENT, 0, 6, 1, 1), T(OBRACE, 7, 1, 1, 8), T(NEWLINE, 8, 1, 1, 9),
          T(IDENT, 11, 10, 2, 3), T(EQUAL, 22, 1, 2, 14), T(IDENT, 24, 12, 2, 16),
          T(EQUAL_OP, 37, 2, 2, 29), T(OQUOTE, 40, 1, 2, 32), T(QUOTED_LIT, 41, 1, 2, 33),
          T(CQUOTE, 42, 1, 2, 34), T(QUESTION, 44, 1, 2, 36), T(IDENT, 46, 4, 2, 38),
          T(COLON, 51, 1, 2, 43), T(IDENT, 53, 5, 2, 45), T(NEWLINE, 58, 1, 2, 50),
          T(CBRACE, 59, 1, 3, 1), T(NEWLINE, 60, 1, 3, 2), T(EOF, 61, 0, 4, 1));
}

Test(lex_upstream, comments)
{
    CHECK("# hello\n", T(COMMENT, 0, 8, 1, 1), T(EOF, 8, 0, 2, 1));
    CHECK("// hello\n", T(COMMENT, 0, 9, 1, 1), T(EOF, 9, 0, 2, 1));
    CHECK("// hello\n// hello", T(COMMENT, 0, 9, 1, 1), T(COMMENT, 9, 8, 2, 1), T(EOF, 17, 0, 2, 9));
    CHECK("// hello\nfoo\n// hello", T(COMMENT, 0, 9, 1, 1), T(IDENT, 9, 3, 2, 1),
          T(NEWLINE, 12, 1, 2, 4), T(COMMENT, 13, 8, 3, 1), T(EOF, 21, 0, 3, 9));
    CHECK("# hello\n# hello", T(COMMENT, 0, 8, 1, 1), T(COMMENT, 8, 7, 2, 1), T(EOF, 15, 0, 2, 8));
    CHECK("# hello\nfoo\n# hello", T(COMMENT, 0, 8, 1, 1), T(IDENT, 8, 3, 2, 1),
          T(NEWLINE, 11, 1, 2, 4), T(COMMENT, 12, 7, 3, 1), T(EOF, 19, 0, 3, 8));
    CHECK("/* hello */", T(COMMENT, 0, 11, 1, 1), T(EOF, 11, 0, 1, 12));
    CHECK("/* hello */ howdy /* hey */", T(COMMENT, 0, 11, 1, 1), T(IDENT, 12, 5, 1, 13),
          T(COMMENT, 18, 9, 1, 19), T(EOF, 27, 0, 1, 28));
}

Test(lex_upstream, invalid_things)
{
    CHECK("\xf0\x9f\x8c\xbb", T(INVALID, 0, 4, 1, 1), T(EOF, 4, 0, 1, 2));   /* sunflower */
    CHECK("|", T(BITWISE_OR, 0, 1, 1, 1), T(EOF, 1, 0, 1, 2));
    CHECK("\x80", T(BAD_UTF8, 0, 1, 1, 1), T(EOF, 1, 0, 1, 2));
    /* a run's first LX_RUN_KEEP (128) characters are tokens of their own, as hcl's */
    CHECK(" \x80\x80", T(BAD_UTF8, 1, 1, 1, 2), T(BAD_UTF8, 2, 1, 1, 3), T(EOF, 3, 0, 1, 4));
    CHECK(" \x80 \x80", T(BAD_UTF8, 1, 1, 1, 2), T(BAD_UTF8, 3, 1, 1, 4), T(EOF, 4, 0, 1, 5));
    CHECK("\x01\x02\x03", T(INVALID, 0, 1, 1, 1), T(INVALID, 1, 1, 1, 2), T(INVALID, 2, 1, 1, 3),
          T(EOF, 3, 0, 1, 4));
    CHECK("\xe2\x80\x9c\xe2\x80\x9d", T(INVALID, 0, 3, 1, 1), T(INVALID, 3, 3, 1, 2), T(EOF, 6, 0, 1, 3));
}

/* ------------------------------------------------------------ HCL_SYNTAX.md §2 */

Test(lex_tokens, every_operator)
{
    TYPES("== != >= <= && || :: ... => [ ] ( ) . , * / % + - = < > ! ? :",
          K(EQUAL_OP), K(NOT_EQUAL), K(GREATER_EQ), K(LESS_EQ), K(AND), K(OR), K(DOUBLE_COLON),
          K(ELLIPSIS), K(FAT_ARROW), K(OBRACK), K(CBRACK), K(OPAREN), K(CPAREN), K(DOT), K(COMMA),
          K(STAR), K(SLASH), K(PERCENT), K(PLUS), K(MINUS), K(EQUAL), K(LESS), K(GREATER), K(BANG),
          K(QUESTION), K(COLON), K(EOF));
    /* recognised only for their error messages */
    TYPES("& | ^ ~ ; ` '", K(BITWISE_AND), K(BITWISE_OR), K(BITWISE_XOR), K(BITWISE_NOT),
          K(SEMICOLON), K(BACKTICK), K(APOSTROPHE), K(EOF));
    /* longest match: "..." beats ".", "=>" beats "=" */
    TYPES("....", K(ELLIPSIS), K(DOT), K(EOF));
    TYPES("==>", K(EQUAL_OP), K(GREATER), K(EOF));
    TYPES("=>=", K(FAT_ARROW), K(EQUAL), K(EOF));
    /* no ** and no -> */
    TYPES("**->", K(STAR), K(STAR), K(MINUS), K(GREATER), K(EOF));
    /* in code, $ and other characters are invalid */
    TYPES("$ @ \\", K(INVALID), K(INVALID), K(INVALID), K(EOF));
}

Test(lex_tokens, number_boundaries)
{
    /* "1." is 1 then '.'; "1e" is 1 then identifier e; the parser judges 1.2.3 */
    CHECK("1.", T(NUMBER, 0, 1, 1, 1), T(DOT, 1, 1, 1, 2), T(EOF, 2, 0, 1, 3));
    CHECK("1e", T(NUMBER, 0, 1, 1, 1), T(IDENT, 1, 1, 1, 2), T(EOF, 2, 0, 1, 3));
    CHECK("1.e5", T(NUMBER, 0, 4, 1, 1), T(EOF, 4, 0, 1, 5));
    CHECK("1.2.3", T(NUMBER, 0, 5, 1, 1), T(EOF, 5, 0, 1, 6));
    CHECK("1..2", T(NUMBER, 0, 4, 1, 1), T(EOF, 4, 0, 1, 5));
    CHECK("1e5e5", T(NUMBER, 0, 5, 1, 1), T(EOF, 5, 0, 1, 6));
    CHECK("1E-7x", T(NUMBER, 0, 4, 1, 1), T(IDENT, 4, 1, 1, 5), T(EOF, 5, 0, 1, 6));
    CHECK("1e+", T(NUMBER, 0, 1, 1, 1), T(IDENT, 1, 1, 1, 2), T(PLUS, 2, 1, 1, 3), T(EOF, 3, 0, 1, 4));
    CHECK(".5", T(DOT, 0, 1, 1, 1), T(NUMBER, 1, 1, 1, 2), T(EOF, 2, 0, 1, 3));
    CHECK("0x1F", T(NUMBER, 0, 1, 1, 1), T(IDENT, 1, 3, 1, 2), T(EOF, 4, 0, 1, 5));
    CHECK("1_000", T(NUMBER, 0, 1, 1, 1), T(IDENT, 1, 4, 1, 2), T(EOF, 5, 0, 1, 6));
}

Test(lex_tokens, identifier_dashes)
{
    CHECK("a-b x-1 count-", T(IDENT, 0, 3, 1, 1), T(IDENT, 4, 3, 1, 5), T(IDENT, 8, 6, 1, 9),
          T(EOF, 14, 0, 1, 15));
    CHECK("x- 1", T(IDENT, 0, 2, 1, 1), T(NUMBER, 3, 1, 1, 4), T(EOF, 4, 0, 1, 5));
    CHECK("x -1", T(IDENT, 0, 1, 1, 1), T(MINUS, 2, 1, 1, 3), T(NUMBER, 3, 1, 1, 4), T(EOF, 4, 0, 1, 5));
    CHECK("-a", T(MINUS, 0, 1, 1, 1), T(IDENT, 1, 1, 1, 2), T(EOF, 2, 0, 1, 3));
}

Test(lex_tokens, unicode_identifiers_are_version_9)
{
    /* U+00E9 é, U+03BB λ, U+4E2D 中: ID_Start since Unicode 1.1 */
    CHECK("\xc3\xa9t\xc3\xa9 \xce\xbb \xe4\xb8\xad", T(IDENT, 0, 5, 1, 1), T(IDENT, 6, 2, 1, 5),
          T(IDENT, 9, 3, 1, 7), T(EOF, 12, 0, 1, 8));
    /* U+0860 SYRIAC LETTER MALAYALAM NGA is a letter from Unicode 10.0: not in 9.0's tables */
    CHECK("\xe0\xa1\xa0", T(INVALID, 0, 3, 1, 1), T(EOF, 3, 0, 1, 2));
    CHECK("a\xe0\xa1\xa0", T(IDENT, 0, 1, 1, 1), T(INVALID, 1, 3, 1, 2), T(EOF, 4, 0, 1, 3));
    /* U+1F600 is no letter at all */
    CHECK("a\xf0\x9f\x98\x80", T(IDENT, 0, 1, 1, 1), T(INVALID, 1, 4, 1, 2), T(EOF, 5, 0, 1, 3));
    /* U+0660 ARABIC-INDIC DIGIT ZERO continues but does not start an identifier */
    CHECK("a\xd9\xa0", T(IDENT, 0, 3, 1, 1), T(EOF, 3, 0, 1, 3));
    CHECK("\xd9\xa0", T(INVALID, 0, 2, 1, 1), T(EOF, 2, 0, 1, 2));
    /* no normalisation: precomposed and decomposed stay different byte runs */
    CHECK("\xc3\xb1 n\xcc\x83", T(IDENT, 0, 2, 1, 1), T(IDENT, 3, 3, 1, 3), T(EOF, 6, 0, 1, 4));
}

Test(lex_tokens, newlines_and_crlf)
{
    CHECK("a\r\nb\n", T(IDENT, 0, 1, 1, 1), T(NEWLINE, 1, 2, 1, 2), T(IDENT, 3, 1, 2, 1),
          T(NEWLINE, 4, 1, 2, 2), T(EOF, 5, 0, 3, 1));
    /* a lone CR is no newline: invalid in code */
    CHECK("a\rb", T(IDENT, 0, 1, 1, 1), T(INVALID, 1, 1, 1, 2), T(IDENT, 2, 1, 1, 3),
          T(EOF, 3, 0, 1, 4));
    /* a line comment ends with (and includes) its newline, CRLF too */
    CHECK("a # c\r\nb", T(IDENT, 0, 1, 1, 1), T(COMMENT, 2, 5, 1, 3), T(IDENT, 7, 1, 2, 1),
          T(EOF, 8, 0, 2, 2));
    CHECK("a // c\r\n", T(IDENT, 0, 1, 1, 1), T(COMMENT, 2, 6, 1, 3), T(EOF, 8, 0, 2, 1));
    /* a block comment may span lines and is one token */
    CHECK("a /* x\r\ny\n */ b", T(IDENT, 0, 1, 1, 1), T(COMMENT, 2, 11, 1, 3), T(IDENT, 14, 1, 3, 5),
          T(EOF, 15, 0, 3, 6));
    /* form feed and NBSP are not white space in code */
    CHECK("\f\xc2\xa0", T(INVALID, 0, 1, 1, 1), T(INVALID, 1, 2, 1, 2), T(EOF, 3, 0, 1, 3));
}

Test(lex_tokens, block_comments)
{
    /* the first star-slash ends it */
    CHECK("/* a */ */", T(COMMENT, 0, 7, 1, 1), T(STAR, 8, 1, 1, 9), T(SLASH, 9, 1, 1, 10),
          T(EOF, 10, 0, 1, 11));
    /* "/" then "*" without a closing pair: not a comment */
    CHECK("/* a", T(SLASH, 0, 1, 1, 1), T(STAR, 1, 1, 1, 2), T(IDENT, 3, 1, 1, 4), T(EOF, 4, 0, 1, 5));
    CHECK("/*/", T(SLASH, 0, 1, 1, 1), T(STAR, 1, 1, 1, 2), T(SLASH, 2, 1, 1, 3), T(EOF, 3, 0, 1, 4));
    CHECK("/**/", T(COMMENT, 0, 4, 1, 1), T(EOF, 4, 0, 1, 5));
    /* an unterminated one after a terminated one */
    CHECK("/**/ /*", T(COMMENT, 0, 4, 1, 1), T(SLASH, 5, 1, 1, 6), T(STAR, 6, 1, 1, 7),
          T(EOF, 7, 0, 1, 8));
    /* comment bytes are not checked as UTF-8 */
    CHECK("# \xff\n/* \xfe */", T(COMMENT, 0, 4, 1, 1), T(COMMENT, 4, 7, 2, 1), T(EOF, 11, 0, 2, 8));
}

Test(lex_tokens, bad_utf8)
{
    /* overlong, surrogate, beyond U+10FFFF, truncated: one bad token per byte */
    CHECK("\xc0\x80", T(BAD_UTF8, 0, 1, 1, 1), T(BAD_UTF8, 1, 1, 1, 2), T(EOF, 2, 0, 1, 3));
    CHECK("\xed\xa0\x80", T(BAD_UTF8, 0, 1, 1, 1), T(BAD_UTF8, 1, 1, 1, 2), T(BAD_UTF8, 2, 1, 1, 3),
          T(EOF, 3, 0, 1, 4));
    CHECK("\xf4\x90\x80\x80", T(BAD_UTF8, 0, 1, 1, 1), T(BAD_UTF8, 1, 1, 1, 2),
          T(BAD_UTF8, 2, 1, 1, 3), T(BAD_UTF8, 3, 1, 1, 4), T(EOF, 4, 0, 1, 5));
    CHECK("\xe2\x82x", T(BAD_UTF8, 0, 1, 1, 1), T(BAD_UTF8, 1, 1, 1, 2), T(IDENT, 2, 1, 1, 3),
          T(EOF, 3, 0, 1, 4));
    /* the same inside a string and a heredoc */
    CHECK("\"a\xffz\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 1, 1, 2), T(BAD_UTF8, 2, 1, 1, 3),
          T(QUOTED_LIT, 3, 1, 1, 4), T(CQUOTE, 4, 1, 1, 5), T(EOF, 5, 0, 1, 6));
    CHECK("<<EOT\na\xc0z\nEOT\n", T(OHEREDOC, 0, 6, 1, 1), T(STRING_LIT, 6, 1, 2, 1),
          T(BAD_UTF8, 7, 1, 2, 2), T(STRING_LIT, 8, 2, 2, 3), T(CHEREDOC, 10, 3, 3, 1),
          T(NEWLINE, 13, 1, 3, 4), T(EOF, 14, 0, 4, 1));
}

/* ------------------------------------------------------------ §3, §7: templates */

Test(lex_templates, strip_markers)
{
    CHECK("\"${~a~}\"", T(OQUOTE, 0, 1, 1, 1), T(TEMPLATE_INTERP, 1, 3, 1, 2), T(IDENT, 4, 1, 1, 5),
          T(TEMPLATE_SEQ_END, 5, 2, 1, 6), T(CQUOTE, 7, 1, 1, 8), T(EOF, 8, 0, 1, 9));
    CHECK("\"%{~if a~}\"", T(OQUOTE, 0, 1, 1, 1), T(TEMPLATE_CONTROL, 1, 3, 1, 2),
          T(IDENT, 4, 2, 1, 5), T(IDENT, 7, 1, 1, 8), T(TEMPLATE_SEQ_END, 8, 2, 1, 9),
          T(CQUOTE, 10, 1, 1, 11), T(EOF, 11, 0, 1, 12));
    /* "~}" closes an ordinary brace too, as a sequence end (the parser objects) */
    CHECK("{a~}", T(OBRACE, 0, 1, 1, 1), T(IDENT, 1, 1, 1, 2), T(TEMPLATE_SEQ_END, 2, 2, 1, 3),
          T(EOF, 4, 0, 1, 5));
    /* ... and then the interpolation's own "}" ends the sequence at the right depth */
    CHECK("\"${{~}}\"", T(OQUOTE, 0, 1, 1, 1), T(TEMPLATE_INTERP, 1, 2, 1, 2), T(OBRACE, 3, 1, 1, 4),
          T(TEMPLATE_SEQ_END, 4, 2, 1, 5), T(TEMPLATE_SEQ_END, 6, 1, 1, 7), T(CQUOTE, 7, 1, 1, 8),
          T(EOF, 8, 0, 1, 9));
    /* "~" alone in code is the bitwise-not error token */
    CHECK("~ }", T(BITWISE_NOT, 0, 1, 1, 1), T(CBRACE, 2, 1, 1, 3), T(EOF, 3, 0, 1, 4));
}

Test(lex_templates, escapes_of_sequences)
{
    CHECK("\"$${~y}\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 4, 1, 2), T(QUOTED_LIT, 5, 2, 1, 6),
          T(CQUOTE, 7, 1, 1, 8), T(EOF, 8, 0, 1, 9));
    CHECK("\"100% $1\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 3, 1, 2), T(QUOTED_LIT, 4, 1, 1, 5),
          T(QUOTED_LIT, 5, 1, 1, 6), T(QUOTED_LIT, 6, 1, 1, 7), T(QUOTED_LIT, 7, 1, 1, 8),
          T(CQUOTE, 8, 1, 1, 9), T(EOF, 9, 0, 1, 10));
    /* a backslash takes the next character, whatever it is: \" does not close */
    CHECK("\"\\\"${a}\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 2, 1, 2),
          T(TEMPLATE_INTERP, 3, 2, 1, 4), T(IDENT, 5, 1, 1, 6), T(TEMPLATE_SEQ_END, 6, 1, 1, 7),
          T(CQUOTE, 7, 1, 1, 8), T(EOF, 8, 0, 1, 9));
    /* \$ is kept for the parser to reject; it does not start a sequence */
    CHECK("\"\\${a}\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 5, 1, 2), T(CQUOTE, 6, 1, 1, 7),
          T(EOF, 7, 0, 1, 8));
    /* braces are plain text in strings */
    CHECK("\"{{.ARN}}\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 8, 1, 2), T(CQUOTE, 9, 1, 1, 10),
          T(EOF, 10, 0, 1, 11));
}

Test(lex_templates, object_with_brace_string_in_interpolation)
{
    /* the object's { raises the depth, "}" is a nested string, only the last } returns */
    CHECK("\"${ {a = \"}\"}.a }\"", T(OQUOTE, 0, 1, 1, 1), T(TEMPLATE_INTERP, 1, 2, 1, 2),
          T(OBRACE, 4, 1, 1, 5), T(IDENT, 5, 1, 1, 6), T(EQUAL, 7, 1, 1, 8), T(OQUOTE, 9, 1, 1, 10),
          T(QUOTED_LIT, 10, 1, 1, 11), T(CQUOTE, 11, 1, 1, 12), T(CBRACE, 12, 1, 1, 13),
          T(DOT, 13, 1, 1, 14), T(IDENT, 14, 1, 1, 15), T(TEMPLATE_SEQ_END, 16, 1, 1, 17),
          T(CQUOTE, 17, 1, 1, 18), T(EOF, 18, 0, 1, 19));
}

Test(lex_templates, quoted_newlines)
{
    CHECK("\"a\nb\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 1, 1, 2), T(QUOTED_NEWLINE, 2, 1, 1, 3),
          T(QUOTED_LIT, 3, 1, 2, 1), T(CQUOTE, 4, 1, 2, 2), T(EOF, 5, 0, 2, 3));
    /* a run of CR/LF is one token; a lone CR is one too */
    CHECK("\"a\r\n\r\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 1, 1, 2),
          T(QUOTED_NEWLINE, 2, 3, 1, 3), T(CQUOTE, 5, 1, 2, 2), T(EOF, 6, 0, 2, 3));
    CHECK("\"\r\"", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_NEWLINE, 1, 1, 1, 2), T(CQUOTE, 2, 1, 1, 3),
          T(EOF, 3, 0, 1, 4));
    /* a backslash before a newline escapes nothing: it is invalid */
    CHECK("\"\\\n\"", T(OQUOTE, 0, 1, 1, 1), T(INVALID, 1, 1, 1, 2), T(QUOTED_NEWLINE, 2, 1, 1, 3),
          T(CQUOTE, 3, 1, 2, 1), T(EOF, 4, 0, 2, 2));
}

Test(lex_templates, heredoc_closing_marker_rules)
{
    /* leading and trailing white space (Unicode: EM SPACE too) are trimmed */
    CHECK("<<EOT\nx\n\tEOT  \n", T(OHEREDOC, 0, 6, 1, 1), T(STRING_LIT, 6, 2, 2, 1),
          T(CHEREDOC, 8, 6, 3, 1), T(NEWLINE, 14, 1, 3, 7), T(EOF, 15, 0, 4, 1));
    CHECK("<<EOT\n\xe2\x80\x83" "EOT\n", T(OHEREDOC, 0, 6, 1, 1), T(CHEREDOC, 6, 6, 2, 1),
          T(NEWLINE, 12, 1, 2, 5), T(EOF, 13, 0, 3, 1));
    /* EOTX, "EOT # c", "EOT)" and "eot" do not close */
    TYPES("<<EOT\nEOTX\nEOT # c\nEOT)\neot\nEOT\n", K(OHEREDOC), K(STRING_LIT), K(STRING_LIT),
          K(STRING_LIT), K(STRING_LIT), K(CHEREDOC), K(NEWLINE), K(EOF));
    /* the marker line needs its newline: at EOF it is just text */
    CHECK("<<EOT\nEOT", T(OHEREDOC, 0, 6, 1, 1), T(STRING_LIT, 6, 3, 2, 1), T(EOF, 9, 0, 2, 4));
    /* markers may contain dashes; "<<-" is the flush form */
    CHECK("<<-EOT-X\nEOT-X\n", T(OHEREDOC, 0, 9, 1, 1), T(CHEREDOC, 9, 5, 2, 1),
          T(NEWLINE, 14, 1, 2, 6), T(EOF, 15, 0, 3, 1));
    /* the opener needs its newline right after the marker */
    TYPES("<< EOT\n", K(LESS), K(LESS), K(IDENT), K(NEWLINE), K(EOF));
    TYPES("<<EOT # c\n", K(LESS), K(LESS), K(IDENT), K(COMMENT), K(EOF));
    TYPES("<<EOT", K(LESS), K(LESS), K(IDENT), K(EOF));
    /* no escapes and no comments in a heredoc */
    CHECK("<<EOT\n\\n \" # /* \nEOT\n", T(OHEREDOC, 0, 6, 1, 1), T(STRING_LIT, 6, 11, 2, 1),
          T(CHEREDOC, 17, 3, 3, 1), T(NEWLINE, 20, 1, 3, 4), T(EOF, 21, 0, 4, 1));
}

Test(lex_templates, heredoc_dollar_and_percent_pieces)
{
    /* upstream's splitting at $ and %, token for token */
    CHECK("<<EOT\n$${x} %%{y}\nEOT\n", T(OHEREDOC, 0, 6, 1, 1), T(STRING_LIT, 6, 3, 2, 1),
          T(STRING_LIT, 9, 3, 2, 4), T(STRING_LIT, 12, 3, 2, 7), T(STRING_LIT, 15, 3, 2, 10),
          T(CHEREDOC, 18, 3, 3, 1), T(NEWLINE, 21, 1, 3, 4), T(EOF, 22, 0, 4, 1));
    CHECK("<<EOT\nab$x\nEOT\n", T(OHEREDOC, 0, 6, 1, 1), T(STRING_LIT, 6, 2, 2, 1),
          T(STRING_LIT, 8, 2, 2, 3), T(STRING_LIT, 10, 1, 2, 5), T(CHEREDOC, 11, 3, 3, 1),
          T(NEWLINE, 14, 1, 3, 4), T(EOF, 15, 0, 4, 1));
    /* a heredoc in an interpolation in a heredoc in an interpolation in a heredoc */
    TYPES("<<A\n${<<B\n${<<C\nc\nC\n}\nB\n}\nA\n", K(OHEREDOC), K(TEMPLATE_INTERP), K(OHEREDOC),
          K(TEMPLATE_INTERP), K(OHEREDOC), K(STRING_LIT), K(CHEREDOC), K(NEWLINE),
          K(TEMPLATE_SEQ_END), K(STRING_LIT), K(CHEREDOC), K(NEWLINE), K(TEMPLATE_SEQ_END),
          K(STRING_LIT), K(CHEREDOC), K(NEWLINE), K(EOF));
    /* a quoted string in an interpolation in a heredoc (the corpora do this) */
    TYPES("<<-EOQ\n  as \"${replace(dim, \"\\\"\", \"\\\"\\\"\")}\"\nEOQ\n", K(OHEREDOC),
          K(STRING_LIT), K(TEMPLATE_INTERP), K(IDENT), K(OPAREN), K(IDENT), K(COMMA), K(OQUOTE),
          K(QUOTED_LIT), K(CQUOTE), K(COMMA), K(OQUOTE), K(QUOTED_LIT), K(CQUOTE), K(CPAREN),
          K(TEMPLATE_SEQ_END), K(STRING_LIT), K(CHEREDOC), K(NEWLINE), K(EOF));
    /* an inner marker only closes the inner heredoc */
    TYPES("<<A\n${<<A\nA\n}\nA\n", K(OHEREDOC), K(TEMPLATE_INTERP), K(OHEREDOC), K(CHEREDOC),
          K(NEWLINE), K(TEMPLATE_SEQ_END), K(STRING_LIT), K(CHEREDOC), K(NEWLINE), K(EOF));
}

/* ------------------------------------------------------------ §1: stuck and unterminated */

Test(lex_unterminated, at_end_of_input)
{
    CHECK("a = \"abc", T(IDENT, 0, 1, 1, 1), T(EQUAL, 2, 1, 1, 3), T(OQUOTE, 4, 1, 1, 5),
          T(QUOTED_LIT, 5, 3, 1, 6), T(EOF, 8, 0, 1, 9));
    CHECK("\"${a", T(OQUOTE, 0, 1, 1, 1), T(TEMPLATE_INTERP, 1, 2, 1, 2), T(IDENT, 3, 1, 1, 4),
          T(EOF, 4, 0, 1, 5));
    CHECK("<<EOT\nabc\n", T(OHEREDOC, 0, 6, 1, 1), T(STRING_LIT, 6, 4, 2, 1), T(EOF, 10, 0, 3, 1));
    CHECK("<<EOT\n", T(OHEREDOC, 0, 6, 1, 1), T(EOF, 6, 0, 2, 1));
    /* "$" as the last byte: no rule completes; it becomes an invalid token */
    CHECK("\"abc$", T(OQUOTE, 0, 1, 1, 1), T(QUOTED_LIT, 1, 3, 1, 2), T(INVALID, 4, 1, 1, 5),
          T(EOF, 5, 0, 1, 6));
    CHECK("<<EOT\nabc%", T(OHEREDOC, 0, 6, 1, 1), T(STRING_LIT, 6, 3, 2, 1), T(INVALID, 9, 1, 2, 4),
          T(EOF, 10, 0, 2, 5));
    CHECK("\"\\", T(OQUOTE, 0, 1, 1, 1), T(INVALID, 1, 1, 1, 2), T(EOF, 2, 0, 1, 3));
}

Test(lex_unterminated, lone_cr_in_heredoc_swallows_the_rest)
{
    CHECK("x = <<EOT\na\rb\nEOT\ny = 1\n", T(IDENT, 0, 1, 1, 1), T(EQUAL, 2, 1, 1, 3),
          T(OHEREDOC, 4, 6, 1, 5), T(STRING_LIT, 10, 1, 2, 1), T(INVALID, 11, 13, 2, 2),
          T(EOF, 24, 0, 5, 1));
}

/* ------------------------------------------------------------ positions */

Test(lex_positions, grapheme_columns)
{
    /* checked against the oracle: `a = "é́x" $` reports the $ at column 10 */
    CHECK("a = \"\xc3\xa9\xcc\x81x\" $", T(IDENT, 0, 1, 1, 1), T(EQUAL, 2, 1, 1, 3),
          T(OQUOTE, 4, 1, 1, 5), T(QUOTED_LIT, 5, 5, 1, 6), T(CQUOTE, 10, 1, 1, 8),
          T(INVALID, 12, 1, 1, 10), T(EOF, 13, 0, 1, 11));
    /* a ZWJ sequence (man ZWJ woman) is one column: oracle says column 9 */
    CHECK("a = \"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\" $", T(IDENT, 0, 1, 1, 1),
          T(EQUAL, 2, 1, 1, 3), T(OQUOTE, 4, 1, 1, 5), T(QUOTED_LIT, 5, 11, 1, 6),
          T(CQUOTE, 16, 1, 1, 7), T(INVALID, 18, 1, 1, 9), T(EOF, 19, 0, 1, 10));
    /* a TAB is one column, in code and in strings */
    CHECK("\ta = \"\t\" $", T(IDENT, 1, 1, 1, 2), T(EQUAL, 3, 1, 1, 4), T(OQUOTE, 5, 1, 1, 6),
          T(QUOTED_LIT, 6, 1, 1, 7), T(CQUOTE, 7, 1, 1, 8), T(INVALID, 9, 1, 1, 10),
          T(EOF, 10, 0, 1, 11));
    /* with a BOM: oracle reports `a = $` after a BOM at column 5 */
    CHECK("\xef\xbb\xbf" "a = $", T(IDENT, 3, 1, 1, 1), T(EQUAL, 5, 1, 1, 3), T(INVALID, 7, 1, 1, 5),
          T(EOF, 8, 0, 1, 6));
    /* non-ASCII in a heredoc line and in a comment, then the next line starts at 1 */
    CHECK("<<EOT\n\xc2\xa7${a}\nEOT\n", T(OHEREDOC, 0, 6, 1, 1), T(STRING_LIT, 6, 2, 2, 1),
          T(TEMPLATE_INTERP, 8, 2, 2, 2), T(IDENT, 10, 1, 2, 4), T(TEMPLATE_SEQ_END, 11, 1, 2, 5),
          T(STRING_LIT, 12, 1, 2, 6), T(CHEREDOC, 13, 3, 3, 1), T(NEWLINE, 16, 1, 3, 4),
          T(EOF, 17, 0, 4, 1));
    CHECK("/* \xe2\x82\xb9\n\xe2\x82\xb9 */ a", T(COMMENT, 0, 13, 1, 1), T(IDENT, 14, 1, 2, 6),
          T(EOF, 15, 0, 2, 7));
}

/* ------------------------------------------------------------ robustness */

static void check_deep(const char *unit, size_t ulen, size_t reps, uint32_t want_tokens, int want_deep)
{
    size_t len = ulen * reps;
    char *src = malloc(len);
    cr_assert_not_null(src);
    for (size_t i = 0; i < reps; i++) memcpy(src + i * ulen, unit, ulen);
    ar_arena a;
    ar_init(&a, 0);
    hcl_tokens t;
    cr_assert_eq(hcl_lex(src, len, &a, &t), 0);
    check_invariants(src, len, &t);
    cr_assert_eq(t.n, want_tokens);
    cr_assert_eq(t.deep, want_deep);
    free(src);
    ar_free(&a);
}

Test(lex_robust, deep_nesting_does_not_recurse)
{
    /* 100,000 nested strings-in-interpolations (OQUOTE + TEMPLATE_INTERP each),
     * heredocs in interpolations, brackets: the tokens stop at the lexer's
     * depth limit (4 * HCL_MAX_DEPTH + 64 open ones), then EOF; the rest is
     * scanned without keeping anything */
    const uint32_t kept = 4 * HCL_MAX_DEPTH + 64;
    check_deep("\"${", 3, 100000, kept + 1, 1);
    check_deep("<<A\n${", 6, 100000, kept + 1, 1);
    check_deep("[", 1, 100000, kept + 1, 1);
    check_deep("[", 1, kept, kept + 1, 0);
    /* 100,000 unterminated block comments: linear, not quadratic */
    check_deep("/* ", 3, 100000, 200001, 0);
}

Test(lex_robust, a_long_bad_run_is_kept_in_128_tokens)
{
    /* 300 NUL bytes: the first 127 a token each, the 128th token the rest
     * of the run (LX_RUN_KEEP), then EOF */
    char src[300];
    memset(src, 0, sizeof src);
    ar_arena a;
    ar_init(&a, 0);
    hcl_tokens t;
    cr_assert_eq(hcl_lex(src, sizeof src, &a, &t), 0);
    check_invariants(src, sizeof src, &t);
    cr_assert_eq(t.n, 129);
    for (uint32_t i = 0; i < 127; i++) cr_assert(t.v[i].type == HCL_TOK_INVALID && t.v[i].len == 1);
    cr_assert(t.v[127].type == HCL_TOK_INVALID && t.v[127].off == 127 && t.v[127].len == 173);
    ar_free(&a);
}

Test(lex_robust, bad_runs_stop_at_the_limit)
{
    /* "\1a" repeated: a bad run and an identifier each time; past
     * HCL_LEX_MAX_BAD runs no token is kept (EOF where the next run was) */
    size_t reps = 100000, len = 2 * reps;
    char *src = malloc(len);
    cr_assert_not_null(src);
    for (size_t i = 0; i < reps; i++) memcpy(src + 2 * i, "\1a", 2);
    ar_arena a;
    ar_init(&a, 0);
    hcl_tokens t;
    cr_assert_eq(hcl_lex(src, len, &a, &t), 0);
    check_invariants(src, len, &t);
    cr_assert(t.bad && !t.deep);
    cr_assert_eq(t.n, 2 * HCL_LEX_MAX_BAD + 1);
    cr_assert_eq(t.v[t.n - 1].off, 2 * HCL_LEX_MAX_BAD);
    free(src);
    ar_free(&a);
}

Test(lex_robust, every_prefix_of_a_tricky_input)
{
    /* every truncation point, each in an exact-size buffer (ASan checks the end) */
    static const char src[] =
        "\xef\xbb\xbf" "a = <<-EOT\n  x ${\"${b}\" /* c */} %{ if d ~} $${e}\r\n\xe2\x80\x83" "EOT\n"
        "f = \"\\\"\xc3\xa9\\u00e9 %%{\" # g\n/* h */ 1.5e+3 ... == != <= >= && || :: =>\n";
    ar_arena a;
    ar_init(&a, 0);
    for (size_t n = 0; n <= sizeof src - 1; n++) {
        char *copy;
        lex_exact(&a, src, n, &copy);
        free(copy);
        ar_reset(&a);
    }
    ar_free(&a);
}

Test(lex_robust, corpus_files_keep_the_invariant)
{
    /* a few real files (heredoc-heavy), lexed whole */
    ts_shared("corpus/aws_compliance");   /* not in tests/data: skipped without it */
    const char *shared = ts_shared(".");
    static const char *const files[] = {
        "corpus/aws_compliance/conformance_pack/iam.pp",
        "corpus/aws_compliance/cis_v150/section_1.pp",
    };
    int read_any = 0;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", shared, files[i]);
        FILE *f = fopen(path, "rb");
        if (!f) continue;
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *buf = malloc((size_t)n + 1);
        cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
        fclose(f);
        ar_arena a;
        ar_init(&a, 0);
        char *copy;
        hcl_tokens t = lex_exact(&a, buf, (size_t)n, &copy);
        /* no error tokens in a valid file, and the last line number matches a count */
        uint32_t lines = 1;
        for (long b = 0; b < n; b++) lines += buf[b] == '\n';
        for (uint32_t k = 0; k < t.n; k++)
            cr_assert(t.v[k].type != HCL_TOK_INVALID && t.v[k].type != HCL_TOK_BAD_UTF8,
                      "%s: error token at %u:%u", files[i], t.v[k].line, t.v[k].col);
        cr_assert_eq(t.v[t.n - 1].line, lines, "%s", files[i]);
        free(copy);
        free(buf);
        ar_free(&a);
        read_any = 1;
    }
    cr_assert(read_any, "no corpus file found under %s", shared);
}

Test(lex_robust, arena_growth_is_amortised)
{
    /* a file of many tiny tokens costs a handful of arena chunks, not one per token */
    size_t n = 200000;
    char *src = malloc(n);
    for (size_t i = 0; i < n; i += 2) {
        src[i] = 'a';
        src[i + 1] = ' ';
    }
    ar_arena a;
    ar_init(&a, 0);
    hcl_tokens t;
    cr_assert_eq(hcl_lex(src, n, &a, &t), 0);
    cr_assert_eq(t.n, n / 2 + 1);
    cr_assert_lt(a.chunks, 12, "%u chunks", a.chunks);
    free(src);
    ar_free(&a);
}

Test(lex_api, names)
{
    cr_assert_str_eq(hcl_tok_name(HCL_TOK_IDENT), "identifier");
    cr_assert_str_eq(hcl_tok_name(HCL_TOK_OBRACE), "'{'");
    for (int k = 0; k < HCL_TOK__COUNT; k++)
        cr_assert_str_neq(hcl_tok_name((hcl_tok_type)k), "unknown token", "type %d has no name", k);
    cr_assert_str_eq(hcl_tok_name(HCL_TOK__COUNT), "unknown token");
}
