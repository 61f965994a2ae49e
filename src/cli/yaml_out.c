/* yaml_out.c — --output yaml: the JSON document the library writes, read
 * once and handed to libyaml's emitter as events (block style; strings that
 * would read back as another type are quoted, multi-line ones literal). */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

typedef struct rd {
    const char *s;
    size_t n, i;
    yaml_emitter_t *em;
    lp_buf tmp;
    int depth;
} rd;

static int write_out(void *user, unsigned char *buf, size_t size)
{
    lp_buf_put(user, (const char *)buf, size);
    return !((lp_buf *)user)->oom;
}

static int emit(rd *r, yaml_event_t *ev) { return yaml_emitter_emit(r->em, ev) ? 0 : -1; }

static void put_utf8(lp_buf *b, unsigned cp)
{
    char o[4];
    size_t n;
    if (cp < 0x80) { o[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
    }
    lp_buf_put(b, o, n);
}

static int hex4(rd *r, unsigned *out)
{
    if (r->i + 4 > r->n) return -1;
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = r->s[r->i++];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

/* The string at r->i, unescaped into r->tmp. */
static int string(rd *r)
{
    r->tmp.len = 0;
    if (r->i >= r->n || r->s[r->i] != '"') return -1;
    r->i++;
    while (r->i < r->n && r->s[r->i] != '"') {
        char c = r->s[r->i++];
        if (c != '\\') {
            lp_buf_putc(&r->tmp, c);
            continue;
        }
        if (r->i >= r->n) return -1;
        char e = r->s[r->i++];
        unsigned cp;
        switch (e) {
        case 'b': lp_buf_putc(&r->tmp, '\b'); break;
        case 'f': lp_buf_putc(&r->tmp, '\f'); break;
        case 'n': lp_buf_putc(&r->tmp, '\n'); break;
        case 'r': lp_buf_putc(&r->tmp, '\r'); break;
        case 't': lp_buf_putc(&r->tmp, '\t'); break;
        case 'u':
            if (hex4(r, &cp) != 0) return -1;
            int pair = r->i + 6 <= r->n && r->s[r->i] == '\\' && r->s[r->i + 1] == 'u';
            if (cp >= 0xD800 && cp <= 0xDBFF && pair) {
                unsigned lo;
                r->i += 2;
                if (hex4(r, &lo) != 0) return -1;
                cp = lo >= 0xDC00 && lo <= 0xDFFF ? 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00) : 0xFFFD;
            } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            put_utf8(&r->tmp, cp);
            break;
        default: lp_buf_putc(&r->tmp, e); break;
        }
    }
    if (r->i >= r->n) return -1;
    r->i++;
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

static void ws(rd *r)
{
    while (r->i < r->n && strchr(" \n\t\r", r->s[r->i]) && r->s[r->i]) r->i++;
}

static int value(rd *r)
{
    yaml_event_t ev;
    ws(r);
    if (r->i >= r->n || ++r->depth > 200) return -1;
    char c = r->s[r->i];
    int rc = 0;
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        int ok = c == '{'
                     ? yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE)
                     : yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
        if (!ok || emit(r, &ev) != 0) return -1;
        r->i++;
        ws(r);
        if (r->i < r->n && r->s[r->i] == close) r->i++;
        else
            for (;;) {
                if (c == '{') {
                    ws(r);
                    /* a key is a string too: a tag key "2024" must not read back as a number */
                    if (string(r) != 0 || scalar(r, r->tmp.data, r->tmp.len, 1) != 0) return -1;
                    ws(r);
                    if (r->i >= r->n || r->s[r->i++] != ':') return -1;
                }
                if (value(r) != 0) return -1;
                ws(r);
                if (r->i < r->n && r->s[r->i] == ',') { r->i++; continue; }
                if (r->i < r->n && r->s[r->i] == close) { r->i++; break; }
                return -1;
            }
        ok = c == '{' ? yaml_mapping_end_event_initialize(&ev) : yaml_sequence_end_event_initialize(&ev);
        rc = ok ? emit(r, &ev) : -1;
    } else if (c == '"') {
        rc = string(r) != 0 ? -1 : scalar(r, r->tmp.data, r->tmp.len, 1);
    } else {
        size_t start = r->i;
        while (r->i < r->n && !strchr(",]} \n\t\r", r->s[r->i])) r->i++;
        rc = r->i == start ? -1 : scalar(r, r->s + start, r->i - start, 0);
    }
    r->depth--;
    return rc;
}

int cli_json_to_yaml(lp_buf *out, const char *json, size_t len)
{
    yaml_emitter_t em;
    yaml_event_t ev;
    if (!yaml_emitter_initialize(&em)) return -1;
    yaml_emitter_set_output(&em, write_out, out);
    yaml_emitter_set_unicode(&em, 1);
    yaml_emitter_set_width(&em, -1);   /* no folding of long lines */
    rd r = { json, len, 0, &em, { 0 }, 0 };
    int rc = -1;
    if (yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) && emit(&r, &ev) == 0 &&
        yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) && emit(&r, &ev) == 0 &&
        value(&r) == 0 && yaml_document_end_event_initialize(&ev, 1) && emit(&r, &ev) == 0 &&
        yaml_stream_end_event_initialize(&ev) && emit(&r, &ev) == 0)
        rc = yaml_emitter_flush(&em) ? 0 : -1;
    yaml_emitter_delete(&em);
    lp_buf_free(&r.tmp);
    return rc != 0 || out->oom ? -1 : 0;
}
