/* yaml_out.c — --output yaml: a document of values (lp_value: show's) handed
 * to libyaml's emitter as events, or the JSON document the library streams
 * (lists), read as it comes (a push tokenizer: list output can be gigabytes,
 * never held whole) and handed to the emitter the same way (block style; strings that would
 * read back as another type are quoted, multi-line ones literal).  Memory: the
 * nesting stack, the current token, and libyaml's few events of lookahead. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#define MAX_DEPTH 200

/* what the next token may be */
enum { X_VALUE, X_VALUE_OR_END, X_KEY, X_KEY_OR_END, X_COLON, X_AFTER, X_DONE };

typedef struct rd {
    const char *s;   /* string() reads the token held in tok */
    size_t n, i;
    yaml_emitter_t *em;
    lp_buf tmp;
    lp_buf tok;       /* a string (quotes included) or a literal being read */
    int in_str, esc, in_lit, expect, depth, bad;
    char stack[MAX_DEPTH]; /* '{' or '[' */
} rd;

struct cli_yaml {
    yaml_emitter_t em;
    rd r;
    lp_write_fn write;
    void *user;
};

static int write_out(void *user, unsigned char *buf, size_t size)
{
    cli_yaml *y = user;
    return y->write(y->user, (const char *)buf, size) == 0;
}

static int emit(rd *r, yaml_event_t *ev) { return yaml_emitter_emit(r->em, ev) ? 0 : -1; }

/* The string at r->i, unescaped into r->tmp. */
static int string(rd *r)
{
    r->tmp.len = 0;
    size_t used = lp_json_read_str(r->s + r->i, r->n - r->i, &r->tmp);
    if (!used) return -1;
    r->i += used;
    lp_buf_putc(&r->tmp, '\0');   /* data non-NULL even when empty; not part of the value */
    r->tmp.len--;
    return r->tmp.oom ? -1 : 0;
}

/* Plain YAML would read these back as a bool, null or number. */
static int needs_quotes(const char *s, size_t n)
{
    static const char *const words[] = { "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~" };
    if (n == 0) return 1;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0) return 1;
    size_t i = 0;
    if (s[i] == '-' || s[i] == '+' || s[i] == '.') i++;
    return i < n && s[i] >= '0' && s[i] <= '9';
}

static int scalar(rd *r, const char *s, size_t n, int is_string)
{
    yaml_event_t ev;
    yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
    if (is_string && needs_quotes(s, n)) style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    else if (is_string && memchr(s, '\n', n)) style = YAML_LITERAL_SCALAR_STYLE;
    if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)(s ? s : ""), (int)n, 1, 1, style))
        return -1;
    return emit(r, &ev);
}

/* A whole token: a string (quoted) or a literal. */
static int token(rd *r, int is_string)
{
    int key = r->expect == X_KEY || r->expect == X_KEY_OR_END;
    if (key ? !is_string : r->expect != X_VALUE && r->expect != X_VALUE_OR_END) return -1;
    int rc;
    if (is_string) {
        r->s = r->tok.data;
        r->n = r->tok.len;
        r->i = 0;
        /* a key is a string too: a tag key "2024" must not read back as a number */
        rc = string(r) != 0 || r->i != r->n ? -1 : scalar(r, r->tmp.data, r->tmp.len, 1);
    } else {
        rc = scalar(r, r->tok.data, r->tok.len, 0);
    }
    r->tok.len = 0;
    r->expect = key ? X_COLON : r->depth ? X_AFTER : X_DONE;
    return rc;
}

static int byte(rd *r, char c)
{
    yaml_event_t ev;
    if (r->in_str) {
        lp_buf_putc(&r->tok, c);
        if (r->esc) r->esc = 0;
        else if (c == '\\') r->esc = 1;
        else if (c == '"') {
            r->in_str = 0;
            return token(r, 1);
        }
        return r->tok.oom ? -1 : 0;
    }
    if (r->in_lit) {
        if (!strchr(",]}: \n\t\r", c) || !c) {
            lp_buf_putc(&r->tok, c);
            return r->tok.oom ? -1 : 0;
        }
        r->in_lit = 0;
        if (token(r, 0) != 0) return -1;
    }
    switch (c) {
    case ' ': case '\n': case '\t': case '\r': return 0;
    case '"':
        r->in_str = 1;
        lp_buf_putc(&r->tok, c);
        return 0;
    case '{':
    case '[': {
        if ((r->expect != X_VALUE && r->expect != X_VALUE_OR_END) || r->depth >= MAX_DEPTH) return -1;
        int ok = c == '{'
                     ? yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE)
                     : yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
        if (!ok || emit(r, &ev) != 0) return -1;
        r->stack[r->depth++] = c;
        r->expect = c == '{' ? X_KEY_OR_END : X_VALUE_OR_END;
        return 0;
    }
    case '}':
    case ']': {
        char open = c == '}' ? '{' : '[';
        int end_ok = r->expect == X_AFTER || r->expect == (c == '}' ? X_KEY_OR_END : X_VALUE_OR_END);
        if (!end_ok || r->depth == 0 || r->stack[r->depth - 1] != open) return -1;
        int ok = c == '}' ? yaml_mapping_end_event_initialize(&ev) : yaml_sequence_end_event_initialize(&ev);
        if (!ok || emit(r, &ev) != 0) return -1;
        r->expect = --r->depth ? X_AFTER : X_DONE;
        return 0;
    }
    case ',':
        if (r->expect != X_AFTER || r->depth == 0) return -1;
        r->expect = r->stack[r->depth - 1] == '{' ? X_KEY : X_VALUE;
        return 0;
    case ':':
        if (r->expect != X_COLON) return -1;
        r->expect = X_VALUE;
        return 0;
    default:
        if (r->expect != X_VALUE && r->expect != X_VALUE_OR_END) return -1;
        r->in_lit = 1;
        lp_buf_putc(&r->tok, c);
        return r->tok.oom ? -1 : 0;
    }
}

cli_yaml *cli_yaml_begin(lp_write_fn write, void *user)
{
    cli_yaml *y = calloc(1, sizeof *y);
    yaml_event_t ev;
    if (!y) return NULL;
    if (!yaml_emitter_initialize(&y->em)) {
        free(y);
        return NULL;
    }
    y->write = write;
    y->user = user;
    y->r.em = &y->em;
    y->r.expect = X_VALUE;
    yaml_emitter_set_output(&y->em, write_out, y);
    yaml_emitter_set_unicode(&y->em, 1);
    yaml_emitter_set_width(&y->em, -1);   /* no folding of long lines */
    if (!yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) || emit(&y->r, &ev) != 0 ||
        !yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) || emit(&y->r, &ev) != 0)
        y->r.bad = 1;
    return y;
}

int cli_yaml_write(void *user, const char *data, size_t len)
{
    rd *r = &((cli_yaml *)user)->r;
    for (size_t i = 0; i < len && !r->bad; i++)
        if (byte(r, data[i]) != 0) r->bad = 1;
    return r->bad ? -1 : 0;
}

int cli_yaml_end(cli_yaml *y)
{
    if (!y) return -1;
    yaml_event_t ev;
    rd *r = &y->r;
    if (!r->bad && r->in_lit) {
        r->in_lit = 0;
        if (token(r, 0) != 0) r->bad = 1;
    }
    int rc = -1;
    if (!r->bad && r->expect == X_DONE && !r->in_str && yaml_document_end_event_initialize(&ev, 1) &&
        emit(r, &ev) == 0 && yaml_stream_end_event_initialize(&ev) && emit(r, &ev) == 0)
        rc = yaml_emitter_flush(&y->em) ? 0 : -1;
    yaml_emitter_delete(&y->em);
    lp_buf_free(&r->tmp);
    lp_buf_free(&r->tok);
    free(y);
    return rc;
}

/* A value's bytes as valid UTF-8: an invalid byte becomes U+FFFD, as the
 * library's JSON escapes it (the JSON route gave YAML that character). */
static const char *valid_utf8(const char *s, size_t n, lp_buf *tmp, size_t *out_n)
{
    const unsigned char *u = (const unsigned char *)s;
    tmp->len = 0;
    int bad = 0;
    for (size_t i = 0; i < n;) {
        unsigned c = u[i];
        size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                                : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        unsigned cp = len ? c & (0x7Fu >> len) : 0;
        for (size_t k = 1; len && k < len; k++) {
            if (i + k >= n || (u[i + k] & 0xC0) != 0x80) len = 0;
            else cp = (cp << 6) | (u[i + k] & 0x3F);
        }
        static const unsigned min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
        if (len > 1 && (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) len = 0;
        if (len) lp_buf_put(tmp, s + i, len);
        else lp_buf_puts(tmp, "\xEF\xBF\xBD");   /* U+FFFD */
        bad |= !len;
        i += len ? len : 1;
    }
    lp_buf_putc(tmp, '\0');
    tmp->len--;
    *out_n = bad ? tmp->len : n;
    return bad ? tmp->data : s;
}

/* One value as events: objects as mappings, lists as sequences, scalars as
 * the JSON route emits them (a string is a string, a number, bool or null
 * its text; keys strings). */
static int emit_value(rd *r, const lp_value *v, int depth)
{
    yaml_event_t ev;
    lp_value_type t = lp_value_type_of(v);
    size_t n;
    if (t == LP_VALUE_NULL) return scalar(r, "null", 4, 0);
    if (t != LP_VALUE_LIST && t != LP_VALUE_OBJECT) {
        const char *s = lp_value_str(v, &n);
        if (t == LP_VALUE_STRING) s = valid_utf8(s, n, &r->tmp, &n);
        return r->tmp.oom ? -1 : scalar(r, s, n, t == LP_VALUE_STRING);
    }
    int obj = t == LP_VALUE_OBJECT;
    if (depth >= MAX_DEPTH) return -1;   /* the JSON route's bound */
    int ok = obj ? yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE)
                 : yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
    if (!ok || emit(r, &ev) != 0) return -1;
    for (uint32_t i = 0; i < lp_value_count(v); i++) {
        if (obj) {
            const char *k = lp_value_key(v, i);
            k = valid_utf8(k, strlen(k), &r->tmp, &n);
            if (r->tmp.oom || scalar(r, k, n, 1) != 0) return -1;
        }
        if (emit_value(r, lp_value_at(v, i), depth + 1) != 0) return -1;
    }
    ok = obj ? yaml_mapping_end_event_initialize(&ev) : yaml_sequence_end_event_initialize(&ev);
    return ok ? emit(r, &ev) : -1;
}

int cli_yaml_items(cli_yaml *y, const lp_value *const *items, size_t n)
{
    rd *r = &y->r;
    yaml_event_t ev;
    if (r->bad || r->expect != X_VALUE) return -1;
    if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE) ||
        emit(r, &ev) != 0)
        r->bad = 1;
    for (size_t i = 0; i < n && !r->bad; i++)
        if (emit_value(r, items[i], 1) != 0) r->bad = 1;
    if (!r->bad && (!yaml_sequence_end_event_initialize(&ev) || emit(r, &ev) != 0)) r->bad = 1;
    r->expect = X_DONE;
    return r->bad ? -1 : 0;
}

static int to_buf(void *user, const char *data, size_t len)
{
    lp_buf_put(user, data, len);
    return ((lp_buf *)user)->oom ? -1 : 0;
}

int cli_json_to_yaml(lp_buf *out, const char *json, size_t len)
{
    cli_yaml *y = cli_yaml_begin(to_buf, out);
    if (!y) return -1;
    cli_yaml_write(y, json, len);
    return cli_yaml_end(y) != 0 || out->oom ? -1 : 0;
}
