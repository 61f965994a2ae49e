/* hcl_lex.h — tokens of HCL native syntax (spec: ../shared/spec/HCL_SYNTAX.md §2-3).
 *
 * hcl_lex() turns a whole buffer (pointer + length, not NUL-terminated, usually
 * a mapped file) into a token array, the way hclsyntax's scanner does: it never
 * fails halfway and never reads past src+len.  Bytes that no rule matches become
 * HCL_TOK_INVALID / HCL_TOK_BAD_UTF8 tokens; the parser reports them.  Tokens are
 * (offset, length) into src: nothing is copied or decoded here.
 *
 * The source is generated: src/hcl/hcl_lex.rl -> gen/hcl_lex.c (make gen).
 *
 * Token boundaries are hclsyntax's, including its quirks (checked against a
 * translation of upstream's scanner by differential fuzzing):
 *   - template literal text is split at '$' and '%': "$${" and "%%{" (plus an
 *     optional '~') are one QUOTED_LIT/STRING_LIT each, a '$' or '%' not followed
 *     by '{' is a piece of its own ("$" then "x"), except at the end of a heredoc
 *     line, where "$x" or "%x" is one piece and its newline the next;
 *   - in a heredoc every STRING_LIT ends at a newline (which it includes) or
 *     before "${"/"%{"; CHEREDOC is the whole closing line without its newline,
 *     leading and trailing white space included ("  EOT"); the NEWLINE after it
 *     is "\n" or "\r\n";
 *   - a '"' inside "${...}" opens a nested string; "~}" is always
 *     TEMPLATE_SEQ_END, even where it closes an ordinary '{';
 *   - unterminated strings and heredocs simply stop at EOF (the parser reports
 *     them); a scanner stuck inside a token (a lone CR in a heredoc, a '$' or '\'
 *     as the last byte) makes the rest of the input one INVALID token.
 * Invalid UTF-8 (overlongs and surrogates included) is BAD_UTF8, in code,
 * strings and heredocs alike; comment text is not checked.  Unlike upstream,
 * a run of touching BAD_UTF8 bytes, or of touching INVALID characters (curly
 * quotes excepted), is one token: hostile input costs one token per run.
 * Columns count grapheme clusters within each token (utf8proc, as hcl's textseg)
 * and bytes between tokens (only spaces and tabs lie there).
 */
#ifndef LP_HCL_LEX_H
#define LP_HCL_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

typedef enum hcl_tok_type {
    HCL_TOK_EOF = 0,        /* synthetic, zero width, always the last token */
    HCL_TOK_NEWLINE,        /* "\n" or "\r\n" */
    HCL_TOK_COMMENT,        /* "#..." / "//..." including its newline; "/ * ... * /" */

    HCL_TOK_IDENT,
    HCL_TOK_NUMBER,         /* digits, '.', exponents: validated by the parser */

    HCL_TOK_OQUOTE,         /* '"' opening a quoted template */
    HCL_TOK_CQUOTE,         /* '"' closing it */
    HCL_TOK_OHEREDOC,       /* "<<EOT\n" or "<<-EOT\n", newline included */
    HCL_TOK_CHEREDOC,       /* the closing marker line's text (no newline; a NEWLINE follows) */
    HCL_TOK_QUOTED_LIT,     /* literal text inside "..." (escapes not decoded) */
    HCL_TOK_STRING_LIT,     /* literal text inside a heredoc: one token per line at most */
    HCL_TOK_QUOTED_NEWLINE, /* raw CR/LF inside "...": an error for the parser */
    HCL_TOK_TEMPLATE_INTERP,   /* "${" or "${~" */
    HCL_TOK_TEMPLATE_CONTROL,  /* "%{" or "%{~" */
    HCL_TOK_TEMPLATE_SEQ_END,  /* "}" closing a sequence, or "~}" anywhere */

    HCL_TOK_OBRACE, HCL_TOK_CBRACE,     /* { } */
    HCL_TOK_OBRACK, HCL_TOK_CBRACK,     /* [ ] */
    HCL_TOK_OPAREN, HCL_TOK_CPAREN,     /* ( ) */

    HCL_TOK_STAR, HCL_TOK_SLASH, HCL_TOK_PLUS, HCL_TOK_MINUS, HCL_TOK_PERCENT,
    HCL_TOK_EQUAL,          /* = */
    HCL_TOK_EQUAL_OP,       /* == */
    HCL_TOK_NOT_EQUAL,      /* != */
    HCL_TOK_LESS, HCL_TOK_LESS_EQ, HCL_TOK_GREATER, HCL_TOK_GREATER_EQ,
    HCL_TOK_AND, HCL_TOK_OR, HCL_TOK_BANG,   /* && || ! */
    HCL_TOK_DOT, HCL_TOK_COMMA, HCL_TOK_DOUBLE_COLON, HCL_TOK_ELLIPSIS, HCL_TOK_FAT_ARROW,
    HCL_TOK_QUESTION, HCL_TOK_COLON,

    /* recognised only so that the parser can give a helpful message */
    HCL_TOK_BITWISE_AND, HCL_TOK_BITWISE_OR, HCL_TOK_BITWISE_XOR, HCL_TOK_BITWISE_NOT,
    HCL_TOK_APOSTROPHE, HCL_TOK_BACKTICK, HCL_TOK_SEMICOLON,
    HCL_TOK_INVALID,        /* any other character; also the unscannable rest of a file */
    HCL_TOK_BAD_UTF8,       /* an invalid UTF-8 sequence */

    HCL_TOK__COUNT
} hcl_tok_type;

/* Length of the well-formed UTF-8 sequence at p (p[0] >= 0x80, p < pe), else
 * 0: the set the lexer accepts (no overlongs, no surrogates, at most
 * U+10FFFF); bytes outside it are HCL_TOK_BAD_UTF8.  Shared with the skim. */
static inline int hcl_utf8_len(const unsigned char *p, const unsigned char *pe)
{
    unsigned c = p[0];
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

typedef struct hcl_token {
    uint32_t type;   /* hcl_tok_type */
    uint32_t off;    /* byte offset of the first byte */
    uint32_t len;    /* byte length */
    uint32_t line;   /* 1-based */
    uint32_t col;    /* 1-based, in grapheme clusters; a TAB counts 1 */
} hcl_token;

typedef struct hcl_tokens {
    hcl_token *v;
    uint32_t n;
    int deep;        /* nested far past HCL_MAX_DEPTH: the tokens stop there, EOF at the
                      * first one left out (the parser reports "Nesting too deep") */
    int bad;         /* more than HCL_LEX_MAX_BAD runs of bad bytes: likewise cut there
                      * (the parser reports "Too many invalid characters") */
} hcl_tokens;

/* Runs of invalid characters or bytes the lexer keeps tokens for. */
#define HCL_LEX_MAX_BAD 1000

/* Scan src[0..len).  Tokens are allocated in `arena` (amortised growth, no
 * allocation per token).  A leading UTF-8 BOM is skipped.  Returns 0, or -1 when
 * memory runs out or len exceeds UINT32_MAX-1 (out->n is then 0). */
int hcl_lex(const char *src, size_t len, ar_arena *arena, hcl_tokens *out);

/* hcl_lex of a piece of a file whose first byte is at (line, col) there:
 * token positions come out as the file's (offsets stay the piece's). */
int hcl_lex_at(const char *src, size_t len, uint32_t line, uint32_t col, ar_arena *arena, hcl_tokens *out);

/* Name of a token type, for diagnostics and tests ("identifier", "'{'", ...). */
const char *hcl_tok_name(hcl_tok_type t);

#endif
