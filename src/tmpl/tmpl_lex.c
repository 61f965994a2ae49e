/* tmpl_lex.c — the template lexer: Go's text/template/parse/lex.go, run over the whole text into
 * a token array (the parser looks ahead three tokens).  Delimiters are Go's defaults, {{ and }};
 * "{{- " and " -}}" trim the space beside them; a comment (slash-star ... star-slash) is an action
 * of its own.  A lexical error is a TK_ERROR token with Go's message, then TK_EOF. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmplInt.h"

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
/* Go's isAlphaNumeric: '_', letters and digits (any non-ASCII byte: part of a letter) */
static int is_alnum(unsigned char c)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80;
}

static int starts(const tp_lexer *lx, uint32_t at, const char *s)
{
    size_t n = strlen(s);
    return at <= lx->n && lx->n - at >= n && memcmp(lx->src + at, s, n) == 0;
}
static int left_trim_at(const tp_lexer *lx, uint32_t at)
{
    return at + 1 < lx->n && lx->src[at] == '-' && is_space(lx->src[at + 1]);
}
static int right_trim_at(const tp_lexer *lx, uint32_t at)
{
    return at + 1 < lx->n && is_space(lx->src[at]) && lx->src[at + 1] == '-';
}
/* At the right delimiter: 1 without, 2 with a trim marker, else 0 (lex.go atRightDelim). */
static int at_right(const tp_lexer *lx)
{
    if (right_trim_at(lx, lx->pos) && starts(lx, lx->pos + 2, "}}")) return 2;
    return starts(lx, lx->pos, "}}") ? 1 : 0;
}

static void count_lines(tp_lexer *lx, uint32_t upto)
{
    for (uint32_t i = lx->start; i < upto && i < lx->n; i++)
        if (lx->src[i] == '\n') lx->line++;
}

static int emit_span(tp_lexer *lx, tp_tok t, uint32_t pos, uint32_t len, const char *err)
{
    if (lx->ntoks == lx->cap) {
        uint32_t nc = lx->cap ? lx->cap * 2 : 64;
        tp_token *nt = realloc(lx->toks, nc * sizeof *nt);
        if (!nt) return -1;
        lx->toks = nt;
        lx->cap = nc;
    }
    lx->toks[lx->ntoks++] = (tp_token){ .t = t, .pos = pos, .len = len, .line = lx->start_line, .err = err };
    return 0;
}
/* Emit [start, pos) and move start past it, counting its lines. */
static int emit(tp_lexer *lx, tp_tok t)
{
    lx->start_line = lx->line;
    int rc = emit_span(lx, t, lx->start, lx->pos - lx->start, NULL);
    count_lines(lx, lx->pos);
    lx->start = lx->pos;
    return rc;
}
static void ignore(tp_lexer *lx)
{
    count_lines(lx, lx->pos);
    lx->start = lx->pos;
}
static int fail(tp_lexer *lx, const char *msg)
{
    lx->start_line = lx->line;
    if (emit_span(lx, TK_ERROR, lx->start, lx->pos - lx->start, msg) != 0) return -1;
    lx->start_line = lx->line;
    return emit_span(lx, TK_EOF, lx->pos, 0, NULL) == 0 ? 1 : -1;
}

static const struct {
    const char *w;
    tp_tok t;
} KEYWORDS[] = { { "block", TK_BLOCK }, { "break", TK_BREAK },   { "continue", TK_CONTINUE },
                 { "define", TK_DEFINE }, { "else", TK_ELSE },   { "end", TK_END },
                 { "if", TK_IF },       { "range", TK_RANGE },   { "template", TK_TEMPLATE },
                 { "with", TK_WITH },   { "nil", TK_NIL },       { "true", TK_BOOL },
                 { "false", TK_BOOL } };

/* Go's %#U of the character at s (n bytes): U+0021 '!' (the character quoted when printable) */
static void char_name(const char *s, uint32_t n, char *out, size_t cap)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t r = u[0], len = 1;
    if (u[0] >= 0xC0) {
        len = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : 2;
        if (len > n) len = 1;
        else {
            r = u[0] & (0x3F >> (len - 1));
            for (uint32_t i = 1; i < len; i++) r = (r << 6) | (u[i] & 0x3F);
        }
    }
    if (r >= 0x20 && r != 0x7F && !(r >= 0x80 && r < 0xA0))
        snprintf(out, cap, "U+%04X '%.*s'", (unsigned)r, (int)len, s);
    else snprintf(out, cap, "U+%04X", (unsigned)r);
}

/* lex.go atTerminator: what may follow an identifier, field or variable */
static int at_terminator(const tp_lexer *lx)
{
    if (lx->pos >= lx->n) return 1;
    char c = lx->src[lx->pos];
    if (is_space(c) || c == '.' || c == ',' || c == '|' || c == ':' || c == ')' || c == '(') return 1;
    return starts(lx, lx->pos, "}}");
}

static int lex_word(tp_lexer *lx, tp_tok kind)
{
    /* kind: TK_IDENT, or TK_FIELD / TK_VAR after the '.' or '$' */
    if (kind != TK_IDENT && at_terminator(lx)) return emit(lx, kind == TK_FIELD ? TK_DOT : TK_VAR);
    while (lx->pos < lx->n && is_alnum((unsigned char)lx->src[lx->pos])) lx->pos++;
    if (!at_terminator(lx)) {
        char c[32];
        char_name(lx->src + lx->pos, lx->n - lx->pos, c, sizeof c);
        snprintf(lx->msg, sizeof lx->msg, "bad character %s", c);
        lx->pos++;
        return fail(lx, lx->msg);
    }
    if (kind == TK_IDENT) {
        uint32_t len = lx->pos - lx->start;
        for (size_t i = 0; i < sizeof KEYWORDS / sizeof *KEYWORDS; i++)
            if (strlen(KEYWORDS[i].w) == len && memcmp(KEYWORDS[i].w, lx->src + lx->start, len) == 0)
                return emit(lx, KEYWORDS[i].t);
    }
    return emit(lx, kind);
}

static void skip_digits(tp_lexer *lx, const char *digits)
{
    while (lx->pos < lx->n && lx->src[lx->pos] && strchr(digits, lx->src[lx->pos])) lx->pos++;
}

/* lex.go scanNumber: sign, 0x/0o/0b, digits with _, fraction, exponent */
static int lex_number(tp_lexer *lx)
{
    const char *s = lx->src;
    if (lx->pos < lx->n && (s[lx->pos] == '+' || s[lx->pos] == '-')) lx->pos++;
    const char *digits = "0123456789_", *exp = "eE";
    if (lx->pos + 1 < lx->n && s[lx->pos] == '0' && s[lx->pos + 1] && strchr("xXoObB", s[lx->pos + 1])) {
        char b = s[lx->pos + 1];
        lx->pos += 2;
        if (b == 'x' || b == 'X') digits = "0123456789abcdefABCDEF_", exp = "pP";
        else digits = (b == 'o' || b == 'O') ? "01234567_" : "01_", exp = "";
    }
    skip_digits(lx, digits);
    if (lx->pos < lx->n && s[lx->pos] == '.') {
        lx->pos++;
        skip_digits(lx, digits);
    }
    if (*exp && lx->pos < lx->n && s[lx->pos] && strchr(exp, s[lx->pos])) {
        lx->pos++;
        if (lx->pos < lx->n && (s[lx->pos] == '+' || s[lx->pos] == '-')) lx->pos++;
        skip_digits(lx, "0123456789_");
    }
    if (lx->pos < lx->n && is_alnum((unsigned char)s[lx->pos])) {
        lx->pos++;
        snprintf(lx->msg, sizeof lx->msg, "bad number syntax: \"%.*s\"",
                 (int)(lx->pos - lx->start > 60 ? 60 : lx->pos - lx->start), s + lx->start);
        return fail(lx, lx->msg);
    }
    return emit(lx, TK_NUMBER);
}

static int lex_quoted(tp_lexer *lx, char q)
{
    for (;;) {
        if (lx->pos >= lx->n) {
            return fail(lx, q == '"' ? "unterminated quoted string"
                          : q == '`' ? "unterminated raw quoted string"
                                     : "unterminated character constant");
        }
        char c = lx->src[lx->pos++];
        if (q != '`' && c == '\\') {
            if (lx->pos >= lx->n || lx->src[lx->pos] == '\n') {
                return fail(lx, q == '"' ? "unterminated quoted string" : "unterminated character constant");
            }
            lx->pos++;
        } else if (q != '`' && c == '\n') {
            return fail(lx, q == '"' ? "unterminated quoted string" : "unterminated character constant");
        } else if (c == q) {
            return emit(lx, q == '"' ? TK_STRING : q == '`' ? TK_RAW : TK_CHAR);
        }
    }
}

/* One token inside an action: 0 to go on, 1 at the action's end or an error's, -1 on OOM. */
static int lex_in_action(tp_lexer *lx)
{
    int rd = at_right(lx);
    if (rd) {
        if (lx->paren_depth) return fail(lx, "unclosed left paren") ? 1 : -1;
        if (rd == 2) {
            lx->pos += 2;
            ignore(lx);
        }
        lx->pos += 2;
        if (emit(lx, TK_RIGHT)) return -1;
        if (rd == 2) {
            while (lx->pos < lx->n && is_space(lx->src[lx->pos])) lx->pos++;
            ignore(lx);
        }
        lx->in_action = 0;
        return 1;
    }
    if (lx->pos >= lx->n) return fail(lx, "unclosed action") > 0 ? 2 : -1;
    char c = lx->src[lx->pos++];
    if (is_space(c)) {
        uint32_t n = 1;
        while (lx->pos < lx->n && is_space(lx->src[lx->pos])) lx->pos++, n++;
        /* a space that begins " -}}" is the marker's */
        if (right_trim_at(lx, lx->pos - 1) && starts(lx, lx->pos + 1, "}}")) {
            lx->pos--;
            if (n == 1) return 0;
        }
        return emit(lx, TK_SPACE);
    }
    switch (c) {
    case '=': return emit(lx, TK_ASSIGN);
    case ':':
        if (lx->pos >= lx->n || lx->src[lx->pos] != '=') return fail(lx, "expected :=") > 0 ? 2 : -1;
        lx->pos++;
        return emit(lx, TK_DECLARE);
    case '|': return emit(lx, TK_PIPE);
    case ',': return emit(lx, TK_COMMA);
    case '"':
    case '`':
    case '\'': {
        int r = lex_quoted(lx, c);
        return r > 0 ? 2 : r;
    }
    case '$': {
        int r = lex_word(lx, TK_VAR);
        return r > 0 ? 2 : r;
    }
    case '(':
        lx->paren_depth++;
        return emit(lx, TK_LPAREN);
    case ')':
        if (--lx->paren_depth < 0) return fail(lx, "unexpected right paren") > 0 ? 2 : -1;
        return emit(lx, TK_RPAREN);
    default: break;
    }
    if (c == '.' && !(lx->pos < lx->n && lx->src[lx->pos] >= '0' && lx->src[lx->pos] <= '9')) {
        int r = lex_word(lx, TK_FIELD);
        return r > 0 ? 2 : r;
    }
    if (c == '.' || c == '+' || c == '-' || (c >= '0' && c <= '9')) {
        lx->pos--;
        int r = lex_number(lx);
        return r > 0 ? 2 : r;
    }
    if (is_alnum((unsigned char)c)) {
        lx->pos--;
        int r = lex_word(lx, TK_IDENT);
        return r > 0 ? 2 : r;
    }
    if (c > ' ' && c < 0x7F) return emit(lx, TK_PUNCT);   /* the parser says what it expected */
    char name[32];
    char_name(lx->src + lx->pos - 1, lx->n - lx->pos + 1, name, sizeof name);
    snprintf(lx->msg, sizeof lx->msg, "unrecognized character in action: %s", name);
    return fail(lx, lx->msg) > 0 ? 2 : -1;
}

int tp_lex(tp_lexer *lx, const char *src, uint32_t n)
{
    memset(lx, 0, sizeof *lx);
    lx->src = src;
    lx->n = n;
    lx->line = lx->start_line = 1;
    for (;;) {
        /* text up to the next {{ */
        const char *d = NULL;
        for (uint32_t i = lx->pos; i + 1 < n; i++)
            if (src[i] == '{' && src[i + 1] == '{') {
                d = src + i;
                break;
            }
        uint32_t at = d ? (uint32_t)(d - src) : n;
        int trim = d && left_trim_at(lx, at + 2);
        uint32_t end = at;
        if (trim)
            while (end > lx->start && is_space(src[end - 1])) end--;
        if (end > lx->start) {
            lx->pos = end;
            if (emit(lx, TK_TEXT)) return -1;
        }
        lx->pos = at;
        ignore(lx);
        if (!d) break;
        lx->pos += 2;
        uint32_t after = trim ? 2 : 0;
        if (starts(lx, lx->pos + after, "/*")) {
            lx->pos += after + 2;
            const char *e = NULL;
            for (uint32_t i = lx->pos; i + 1 < n; i++)
                if (src[i] == '*' && src[i + 1] == '/') {
                    e = src + i;
                    break;
                }
            if (!e) return fail(lx, "unclosed comment") < 0 ? -1 : 0;
            lx->pos = (uint32_t)(e - src) + 2;
            int rd = at_right(lx);
            if (!rd) return fail(lx, "comment ends before closing delimiter") < 0 ? -1 : 0;
            lx->pos += rd == 2 ? 4 : 2;
            if (rd == 2)
                while (lx->pos < n && is_space(src[lx->pos])) lx->pos++;
            ignore(lx);
            continue;
        }
        if (emit(lx, TK_LEFT)) return -1;
        lx->pos += after;
        ignore(lx);
        lx->paren_depth = 0;
        lx->in_action = 1;
        for (;;) {
            int r = lex_in_action(lx);
            if (r < 0) return -1;
            if (r == 2) return 0;   /* an error, its EOF emitted */
            if (r == 1) break;
        }
        if (lx->ntoks && lx->toks[lx->ntoks - 1].t == TK_EOF) return 0;
    }
    lx->start_line = lx->line;
    return emit_span(lx, TK_EOF, n, 0, NULL);
}

void tp_lex_free(tp_lexer *lx)
{
    free(lx->toks);
    lx->toks = NULL;
}
