/* request.c — a client's message parsed as Powerpipe's json.Unmarshal into
 * ClientRequest would: the whole text must be one valid JSON value, an
 * object; "action" (a string), "payload" (an object) and its
 * "dashboard"."full_name" (a string) are picked out, keys matched
 * case-insensitively as Go does; a wrong type for one of them is an error.
 * Nesting is bounded (the message size already is: MAX_RX, serverInt.h). */
#include "server.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DEPTH 64

typedef struct jp {
    const char *s;
    size_t n, i;
    /* set when a field picked out (track: action, full_name) holds a NUL
     * (\u0000) or is cut to its buffer: as a C string it would name something
     * else (a prefix), so it names nothing */
    int track, unusable;
} jp;

static void ws(jp *p)
{
    while (p->i < p->n && strchr(" \t\n\r", p->s[p->i]) && p->s[p->i]) p->i++;
}

static void put(jp *p, char *out, size_t size, size_t *len, const char *b, size_t n)
{
    if (!out) return;
    for (size_t k = 0; k < n; k++) {
        if (p->track && (*len + 1 >= size || b[k] == '\0')) p->unusable = 1;
        if (*len + 1 < size) out[(*len)++] = b[k];
    }
    out[*len] = '\0';
}

/* A string at p->i (the opening quote), decoded into out (may be NULL). */
static int string(jp *p, char *out, size_t size)
{
    size_t len = 0;
    if (out && size) out[0] = '\0';
    lp_buf b = { 0 };
    size_t used = lp_json_read_str(p->s + p->i, p->n - p->i, &b);
    int rc = used && !b.oom ? 0 : -1;
    if (!rc) put(p, out, size, &len, b.data ? b.data : "", b.len);
    lp_buf_free(&b);
    p->i += used;
    return rc;
}

static int literal(jp *p, const char *word)
{
    size_t k = strlen(word);
    if (p->n - p->i < k || memcmp(p->s + p->i, word, k) != 0) return -1;
    p->i += k;
    return 0;
}

static int number(jp *p)
{
    size_t start = p->i;
    if (p->i < p->n && p->s[p->i] == '-') p->i++;
    if (p->i >= p->n) return -1;
    if (p->s[p->i] == '0') p->i++;
    else if (p->s[p->i] >= '1' && p->s[p->i] <= '9')
        while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9') p->i++;
    else return -1;
    if (p->i < p->n && p->s[p->i] == '.') {
        p->i++;
        size_t d = p->i;
        while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9') p->i++;
        if (p->i == d) return -1;
    }
    if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-')) p->i++;
        size_t d = p->i;
        while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9') p->i++;
        if (p->i == d) return -1;
    }
    return p->i > start ? 0 : -1;
}

/* What a member's value is to become: skipped, a string, or an object
 * whose members go to `fn`. */
typedef struct want want;
typedef int (*member_fn)(jp *p, const char *key, want *w, int depth);
struct want {
    char *action;
    size_t asize;
    char *full_name;
    size_t fsize;
    srv_request *req;              /* inputs and changed_input wanted too, or NULL */
};

static int value(jp *p, int depth);

/* 1 and past it when the next byte is c; 0 when it is not, or the text has ended */
static int take_byte(jp *p, char c)
{
    if (p->i >= p->n || p->s[p->i] != c) return 0;
    p->i++;
    return 1;
}

/* An object at p->i, each member's value handed to fn (or skipped). */
static int object(jp *p, member_fn fn, want *w, int depth)
{
    if (depth > MAX_DEPTH) return -1;
    p->i++;
    ws(p);
    if (take_byte(p, '}')) return 0;
    for (;;) {
        char key[256];   /* an input's name is a key of payload.inputs */
        ws(p);
        if (string(p, key, sizeof key) != 0) return -1;
        ws(p);
        if (!take_byte(p, ':')) return -1;
        ws(p);
        if ((fn ? fn(p, key, w, depth) : value(p, depth + 1)) != 0) return -1;
        ws(p);
        if (take_byte(p, '}')) return 0;
        if (!take_byte(p, ',')) return -1;
    }
}

static int value(jp *p, int depth)
{
    if (depth > MAX_DEPTH || p->i >= p->n) return -1;
    switch (p->s[p->i]) {
    case '{': return object(p, NULL, NULL, depth);
    case '[':
        p->i++;
        ws(p);
        if (take_byte(p, ']')) return 0;
        for (;;) {
            ws(p);
            if (value(p, depth + 1) != 0) return -1;
            ws(p);
            if (take_byte(p, ']')) return 0;
            if (!take_byte(p, ',')) return -1;
        }
    case '"': return string(p, NULL, 0);
    case 't': return literal(p, "true");
    case 'f': return literal(p, "false");
    case 'n': return literal(p, "null");
    default: return number(p);
    }
}

/* A string member (null leaves it as it was, as Go does). */
static int string_member(jp *p, char *out, size_t size)
{
    if (p->i < p->n && p->s[p->i] == 'n') return literal(p, "null");
    p->track = 1;
    int rc = string(p, out, size);
    p->track = 0;
    return rc;
}

static int object_member(jp *p, member_fn fn, want *w, int depth)
{
    if (p->i < p->n && p->s[p->i] == 'n') return literal(p, "null");
    if (p->i >= p->n || p->s[p->i] != '{') return -1;
    return object(p, fn, w, depth + 1);
}

static int dashboard_member(jp *p, const char *key, want *w, int depth)
{
    if (strcasecmp(key, "full_name") == 0) return string_member(p, w->full_name, w->fsize);
    return value(p, depth + 1);
}

/* payload.inputs: {"input.x": value}; a string's text, any other value as its JSON text (a
 * number, a list of a multi-select), null as no value (Go's map keeps it; no value is what the
 * run engine takes it as). */
static int input_member(jp *p, const char *key, want *w, int depth)
{
    srv_request *r = w->req;
    size_t start = p->i, had = r->inputs.len;
    int is_null = p->i < p->n && p->s[p->i] == 'n';
    lp_buf_puts(&r->inputs, strncmp(key, "input.", 6) == 0 ? key + 6 : key);
    lp_buf_putc(&r->inputs, '=');
    if (p->i < p->n && p->s[p->i] == '"') {
        size_t room = p->n - p->i + 1;   /* a decoded string is never longer than its JSON text */
        char *text = malloc(room);
        if (!text || string(p, text, room) != 0) {
            free(text);
            return -1;
        }
        lp_buf_puts(&r->inputs, text);
        free(text);
    } else {
        if (value(p, depth + 1) != 0) return -1;
        lp_buf_put(&r->inputs, p->s + start, p->i - start);
    }
    lp_buf_putc(&r->inputs, '\0');
    if (is_null) r->inputs.len = had;
    else r->ninputs++;
    return r->inputs.oom ? -1 : 0;
}

/* payload.datetime_range: {"from": time, "to": time}, either null (Powerpipe's utils.TimeRange) */
static int range_member(jp *p, const char *key, want *w, int depth)
{
    if (strcasecmp(key, "from") == 0) return string_member(p, w->req->time_from, sizeof w->req->time_from);
    if (strcasecmp(key, "to") == 0) return string_member(p, w->req->time_to, sizeof w->req->time_to);
    return value(p, depth + 1);
}

/* payload.search_path or search_path_prefix: a list of schema names (Powerpipe's []string), joined
 * with ',' into out as a run's options take them; null or [] is none.  A name that is empty or holds
 * a ',', or a list that does not fit, makes the message malformed, and a name holding a NUL or cut
 * to its buffer one that names nothing (as an action's): either would name other schemas than sent. */
static int name_list(jp *p, char *out, size_t size, int depth)
{
    size_t len = 0;
    out[0] = '\0';
    if (p->i < p->n && p->s[p->i] == 'n') return literal(p, "null");
    if (depth > MAX_DEPTH || !take_byte(p, '[')) return -1;
    ws(p);
    if (take_byte(p, ']')) return 0;
    for (;;) {
        char name[256];
        ws(p);
        if (p->i >= p->n || p->s[p->i] != '"') return -1;
        p->track = 1;   /* a NUL or a name cut to the buffer: the message names nothing (1) */
        int rc = string(p, name, sizeof name);
        p->track = 0;
        size_t n = strlen(name);
        if (rc || !n || strchr(name, ',')) return -1;
        if (len + !!len + n + 1 > size) return -1;
        if (len) out[len++] = ',';
        memcpy(out + len, name, n + 1);
        len += n;
        ws(p);
        if (take_byte(p, ']')) return 0;
        if (!take_byte(p, ',')) return -1;
    }
}

static int payload_member(jp *p, const char *key, want *w, int depth)
{
    if (strcasecmp(key, "dashboard") == 0) return object_member(p, dashboard_member, w, depth);
    if (w->req && strcasecmp(key, "inputs") == 0) {
        w->req->ninputs = 0;
        w->req->inputs.len = 0;
        return object_member(p, input_member, w, depth);
    }
    if (w->req && strcasecmp(key, "datetime_range") == 0) return object_member(p, range_member, w, depth);
    if (w->req && strcasecmp(key, "search_path") == 0)
        return name_list(p, w->req->search_path, sizeof w->req->search_path, depth);
    if (w->req && strcasecmp(key, "search_path_prefix") == 0)
        return name_list(p, w->req->search_path_prefix, sizeof w->req->search_path_prefix, depth);
    if (w->req && strcasecmp(key, "changed_input") == 0)
        return string_member(p, w->req->changed_input, sizeof w->req->changed_input);
    return value(p, depth + 1);
}

static int top_member(jp *p, const char *key, want *w, int depth)
{
    if (strcasecmp(key, "action") == 0) return string_member(p, w->action, w->asize);
    if (strcasecmp(key, "payload") == 0) return object_member(p, payload_member, w, depth);
    return value(p, depth + 1);
}

static int parse(const char *json, size_t len, char *action, size_t asize, char *full_name, size_t fsize,
                 srv_request *req)
{
    jp p = { json, len, 0, 0, 0 };
    want w = { action, asize, full_name, fsize, req };
    if (asize) action[0] = '\0';
    if (fsize) full_name[0] = '\0';
    ws(&p);
    if (p.i >= p.n || p.s[p.i] != '{') return -1;
    if (object(&p, top_member, &w, 0) != 0) return -1;
    ws(&p);
    return p.i != p.n ? -1 : p.unusable ? 1 : 0;
}

int srv_parse_request(const char *json, size_t len, char *action, size_t asize, char *full_name, size_t fsize)
{
    return parse(json, len, action, asize, full_name, fsize, NULL);
}

int srv_parse_request_full(const char *json, size_t len, srv_request *req)
{
    req->changed_input[0] = '\0';
    req->time_from[0] = req->time_to[0] = '\0';
    req->search_path[0] = req->search_path_prefix[0] = '\0';
    req->ninputs = 0;
    req->inputs.len = 0;
    int rc = parse(json, len, req->action, sizeof req->action, req->full_name, sizeof req->full_name, req);
    return rc < 0 || req->inputs.oom ? -1 : rc;
}
