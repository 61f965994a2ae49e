/* tmpl_funcs.c — the functions templates call: Go's builtins (text/template/funcs.go: not, len,
 * index, slice, print, printf, println, eq, ne, lt, le, gt, ge, html, js, urlquery, call; and/or
 * are the executor's, for their short circuit) and Powerpipe's FuncMap (controldisplay's
 * template_functions.go: sprig's upper, toJson, quote, dict, add, now, toPrettyJson; its own
 * durationInSeconds, toCsvCell, toSafeJson).  Errors read as Go's "error calling NAME: ...". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tmplInt.h"

static int call_error(tp_ctx *x, const char *fn, const char *msg)
{
    return tp_fail(x, "error calling %s: %s", fn, msg);
}

static tp_value buf_value(tp_ctx *x, lp_buf *b)
{
    tp_value v = tp_str(x, b->data ? b->data : "", b->len);
    lp_buf_free(b);
    return v;
}

/* evalArgs: a lone string as it is, else fmt.Sprint of them all */
static void eval_args(tp_ctx *x, const tp_value *a, int n, lp_buf *out)
{
    if (n == 1 && a[0].kind == TP_STRING) lp_buf_put(out, a[0].u.s.p, a[0].u.s.n);
    else tp_sprint(x, a, n, 0, out);
}

/* ------------------------------------------------------------------ builtins */

static int fn_unreached(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    (void)a, (void)n, (void)out;
    return tp_fail(x, "internal error: and/or called as functions");
}

static int fn_not(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    (void)x, (void)n;
    *out = tp_bool(!tp_truth(&a[0]));
    return TP_OK;
}

static int fn_len(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    (void)n;
    switch (a[0].kind) {
    case TP_STRING: *out = tp_int((int64_t)a[0].u.s.n); return TP_OK;
    case TP_LIST: *out = tp_int(a[0].u.l ? a[0].u.l->n : 0); return TP_OK;
    case TP_MAP: *out = tp_int(a[0].u.m ? a[0].u.m->n : 0); return TP_OK;
    case TP_NIL:
    case TP_INVALID: return call_error(x, "len", "len of nil pointer");
    default: return tp_fail(x, "error calling len: len of type %s", tp_type_name(&a[0]));
    }
}

static int int_arg(tp_ctx *x, const char *fn, const tp_value *v, int64_t *out)
{
    if (v->kind == TP_INT || v->kind == TP_DURATION) {
        *out = v->kind == TP_INT ? v->u.i : v->u.d;
        return TP_OK;
    }
    if (v->kind == TP_NIL || v->kind == TP_INVALID)
        return call_error(x, fn, "cannot index slice/array with nil");
    return tp_fail(x, "error calling %s: cannot index slice/array with type %s", fn, tp_type_name(v));
}

static int fn_index(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    tp_value item = a[0];
    if (item.kind == TP_INVALID || (item.kind == TP_NIL && !item.u.o.cls))
        return call_error(x, "index", "index of untyped nil");
    for (int i = 1; i < n; i++) {
        int64_t k;
        switch (item.kind) {
        case TP_NIL: return call_error(x, "index", "index of nil pointer");
        case TP_LIST:
        case TP_STRING: {
            if (int_arg(x, "index", &a[i], &k) != TP_OK) return TP_FAILED;
            int64_t len = item.kind == TP_LIST ? (item.u.l ? item.u.l->n : 0) : (int64_t)item.u.s.n;
            if (k < 0 || k >= len)
                return tp_fail(x, "error calling index: index out of range: %lld", (long long)k);
            item = item.kind == TP_LIST ? item.u.l->v[k] : tp_int((unsigned char)item.u.s.p[k]);
            break;
        }
        case TP_MAP: {
            if (a[i].kind != TP_STRING)
                return tp_fail(x, "error calling index: value has type %s; should be string",
                               tp_type_name(&a[i]));
            const tp_map *m = item.u.m;
            tp_value found = m && m->string_elems ? tp_cstr("") : (tp_value){ .kind = TP_NIL };
            for (uint32_t j = 0; m && j < m->n; j++)
                if (strlen(m->keys[j]) == a[i].u.s.n && memcmp(m->keys[j], a[i].u.s.p, a[i].u.s.n) == 0)
                    found = m->v[j];
            item = found;
            break;
        }
        default: return tp_fail(x, "error calling index: can't index item of type %s", tp_type_name(&item));
        }
    }
    *out = item;
    return TP_OK;
}

static int fn_slice(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    tp_value item = a[0];
    if (item.kind == TP_INVALID || item.kind == TP_NIL) return call_error(x, "slice", "slice of untyped nil");
    if (n > 4) return tp_fail(x, "error calling slice: too many slice indexes: %d", n - 1);
    int64_t len, cap;
    if (item.kind == TP_STRING) {
        if (n == 4) return call_error(x, "slice", "cannot 3-index slice a string");
        len = cap = (int64_t)item.u.s.n;
    } else if (item.kind == TP_LIST) {
        len = cap = item.u.l ? item.u.l->n : 0;
    } else {
        return tp_fail(x, "error calling slice: can't slice item of type %s", tp_type_name(&item));
    }
    int64_t idx[3] = { 0, len, cap };
    for (int i = 1; i < n; i++) {
        if (int_arg(x, "slice", &a[i], &idx[i - 1]) != TP_OK) return TP_FAILED;
        if (idx[i - 1] < 0 || idx[i - 1] > cap)
            return tp_fail(x, "error calling slice: index out of range: %lld", (long long)idx[i - 1]);
    }
    if (idx[0] > idx[1])
        return tp_fail(x, "error calling slice: invalid slice index: %lld > %lld", (long long)idx[0],
                       (long long)idx[1]);
    if (n == 4 && idx[1] > idx[2])
        return tp_fail(x, "error calling slice: invalid slice index: %lld > %lld", (long long)idx[1],
                       (long long)idx[2]);
    if (item.kind == TP_STRING) {
        *out = item;
        out->u.s.p += idx[0];
        out->u.s.n = (size_t)(idx[1] - idx[0]);
        return TP_OK;
    }
    tp_list *l = tp_alloc(x, sizeof *l);
    if (!l) return TP_FAILED;
    l->n = (uint32_t)(idx[1] - idx[0]);
    l->v = item.u.l ? item.u.l->v + idx[0] : NULL;
    l->type = item.u.l ? item.u.l->type : NULL;
    *out = (tp_value){ .kind = TP_LIST, .u.l = l };
    return TP_OK;
}

static int fn_print(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    lp_buf b = { 0 };
    tp_sprint(x, a, n, 0, &b);
    *out = buf_value(x, &b);
    return TP_OK;
}

static int fn_println(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    lp_buf b = { 0 };
    tp_sprint(x, a, n, 1, &b);
    *out = buf_value(x, &b);
    return TP_OK;
}

static int fn_printf(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    if (a[0].kind != TP_STRING)
        return tp_fail(x, "wrong type for value; expected string; got %s", tp_type_name(&a[0]));
    lp_buf b = { 0 };
    tp_sprintf(x, a[0].u.s.p, a[0].u.s.n, a + 1, n - 1, &b);
    *out = buf_value(x, &b);
    return TP_OK;
}

/* ---- comparison (funcs.go eq, lt: basicKind) */

enum { K_NONE, K_BOOL, K_INT, K_FLOAT, K_STRING };
static int basic_kind(const tp_value *v)
{
    switch (v->kind) {
    case TP_BOOL: return K_BOOL;
    case TP_INT:
    case TP_DURATION: return K_INT;
    case TP_FLOAT: return K_FLOAT;
    case TP_STRING: return K_STRING;
    default: return K_NONE;
    }
}
static int64_t ival(const tp_value *v) { return v->kind == TP_INT ? v->u.i : v->u.d; }

static int str_cmp(const tp_value *a, const tp_value *b)
{
    size_t n = a->u.s.n < b->u.s.n ? a->u.s.n : b->u.s.n;
    int c = memcmp(a->u.s.p, b->u.s.p, n);
    if (c) return c < 0 ? -1 : 1;
    return a->u.s.n < b->u.s.n ? -1 : a->u.s.n > b->u.s.n;
}

static int is_nil(const tp_value *v) { return v->kind == TP_NIL || v->kind == TP_INVALID; }

/* ordered: lt's rules (basic kinds only); else eq's.  NULL and *cmp (-1, 0, 1; eq: 0 or 1), or
 * Go's message. */
const char *tp_compare(const tp_value *a, const tp_value *b, int ordered, int *cmp)
{
    int k1 = basic_kind(a), k2 = basic_kind(b);
    if (ordered && (k1 == K_NONE || k2 == K_NONE)) return "invalid type for comparison";
    if (k1 != k2) {
        if (!ordered && (is_nil(a) || is_nil(b))) {
            *cmp = is_nil(a) == is_nil(b) ? 0 : 1;
            return NULL;
        }
        return "incompatible types for comparison";
    }
    switch (k1) {
    case K_BOOL:
        if (ordered) return "invalid type for comparison";
        *cmp = a->u.b != b->u.b;
        return NULL;
    case K_INT: *cmp = ival(a) < ival(b) ? -1 : ival(a) > ival(b); return NULL;
    case K_FLOAT: *cmp = a->u.f < b->u.f ? -1 : a->u.f > b->u.f ? 1 : a->u.f == b->u.f ? 0 : 2; return NULL;
    case K_STRING: *cmp = str_cmp(a, b); return NULL;
    default: break;
    }
    /* neither basic: nil, pointers (objects), times; lists and maps are not comparable */
    if (a->kind == TP_LIST || a->kind == TP_MAP || b->kind == TP_LIST || b->kind == TP_MAP)
        return "non-comparable types";
    if (is_nil(a) || is_nil(b)) *cmp = is_nil(a) == is_nil(b) ? 0 : 1;
    else if (a->kind == TP_OBJECT && b->kind == TP_OBJECT) *cmp = a->u.o.self != b->u.o.self;
    else if (a->kind == TP_TIME && b->kind == TP_TIME)
        *cmp = a->u.t.unix_ns != b->u.t.unix_ns || a->u.t.offset != b->u.t.offset;
    else return "incompatible types for comparison";
    return NULL;
}

static int compare_fn(tp_ctx *x, const char *name, const tp_value *a, int ordered, int *cmp)
{
    const char *msg = tp_compare(&a[0], &a[1], ordered, cmp);
    return msg ? call_error(x, name, msg) : TP_OK;
}

static int fn_eq(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    if (n < 2) return call_error(x, "eq", "missing argument for comparison");
    for (int i = 1; i < n; i++) {
        tp_value pair[2] = { a[0], a[i] };
        int c;
        if (compare_fn(x, "eq", pair, 0, &c) != TP_OK) return TP_FAILED;
        if (c == 0) {
            *out = tp_bool(1);
            return TP_OK;
        }
    }
    *out = tp_bool(0);
    return TP_OK;
}

static int fn_ne(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    (void)n;
    int c;
    if (compare_fn(x, "ne", a, 0, &c) != TP_OK) return TP_FAILED;
    *out = tp_bool(c != 0);
    return TP_OK;
}

static int ordered(tp_ctx *x, const char *name, const tp_value *a, tp_value *out, int want_lt, int or_equal)
{
    int c;
    if (compare_fn(x, name, a, 1, &c) != TP_OK) return TP_FAILED;
    int lt = c == -1, eq = c == 0;
    int r = want_lt ? (lt || (or_equal && eq)) : !(lt || (!or_equal && eq));
    *out = tp_bool(r);
    return TP_OK;
}
static int fn_lt(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    return (void)n, ordered(x, "lt", a, out, 1, 0);
}
static int fn_le(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    return (void)n, ordered(x, "le", a, out, 1, 1);
}
static int fn_gt(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    return (void)n, ordered(x, "gt", a, out, 0, 0);
}
static int fn_ge(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    return (void)n, ordered(x, "ge", a, out, 0, 1);
}

/* ---- escapers */

/* What html and js write for a byte (text/template's HTMLEscape and JSEscape), NULL: the byte itself */
static const char *const HTML_ESCAPES[256] = { ['"'] = "&#34;", ['\''] = "&#39;", ['&'] = "&amp;",
                                               ['<'] = "&lt;",  ['>'] = "&gt;",   ['\0'] = "\xEF\xBF\xBD" };
static const char *const JS_ESCAPES[256] = { ['\\'] = "\\\\",   ['\''] = "\\'",     ['"'] = "\\\"",
                                             ['<'] = "\\u003C", ['>'] = "\\u003E", ['&'] = "\\u0026",
                                             ['='] = "\\u003D" };

/* The arguments' text (as print joins them) with each byte escaped as the table says; js: the
 * control characters the table leaves as \u00XX (JSEscape). */
static int escape_args(tp_ctx *x, const tp_value *a, int n, const char *const escapes[256], int js,
                       tp_value *out)
{
    static const char HEX[] = "0123456789ABCDEF";
    lp_buf s = { 0 }, b = { 0 };
    eval_args(x, a, n, &s);
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.data[i];
        if (escapes[c]) {
            lp_buf_puts(&b, escapes[c]);
        } else if (js && c < ' ') {
            char e[7] = { '\\', 'u', '0', '0', HEX[c >> 4], HEX[c & 15], 0 };
            lp_buf_puts(&b, e);
        } else {
            lp_buf_putc(&b, (char)c);
        }
    }
    lp_buf_free(&s);
    *out = buf_value(x, &b);
    return TP_OK;
}

static int fn_html(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    return escape_args(x, a, n, HTML_ESCAPES, 0, out);
}

static int fn_js(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    return escape_args(x, a, n, JS_ESCAPES, 1, out);
}

static int fn_urlquery(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    lp_buf s = { 0 }, b = { 0 };
    eval_args(x, a, n, &s);
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.data[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
            c == '_' || c == '.' || c == '~')
            lp_buf_putc(&b, (char)c);
        else if (c == ' ') lp_buf_putc(&b, '+');
        else lp_buf_printf(&b, "%%%02X", c);
    }
    lp_buf_free(&s);
    *out = buf_value(x, &b);
    return TP_OK;
}

static int fn_call(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    (void)n, (void)out;
    if (a[0].kind == TP_NIL || a[0].kind == TP_INVALID) return call_error(x, "call", "call of nil");
    return tp_fail(x, "error calling call: non-function of type %s", tp_type_name(&a[0]));
}

static const tp_func BUILTINS[] = {
    { "and", fn_unreached, 1, -1 }, { "or", fn_unreached, 1, -1 },  { "not", fn_not, 1, 1 },
    { "len", fn_len, 1, 1 },        { "index", fn_index, 1, -1 },   { "slice", fn_slice, 1, -1 },
    { "print", fn_print, 0, -1 },   { "printf", fn_printf, 1, -1 }, { "println", fn_println, 0, -1 },
    { "eq", fn_eq, 1, -1 },         { "ne", fn_ne, 2, 2 },          { "lt", fn_lt, 2, 2 },
    { "le", fn_le, 2, 2 },          { "gt", fn_gt, 2, 2 },          { "ge", fn_ge, 2, 2 },
    { "html", fn_html, 0, -1 },     { "js", fn_js, 0, -1 },         { "urlquery", fn_urlquery, 0, -1 },
    { "call", fn_call, 1, -1 },
};

const tp_func *tp_builtin(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof BUILTINS / sizeof *BUILTINS; i++)
        if (strlen(BUILTINS[i].name) == n && memcmp(BUILTINS[i].name, name, n) == 0) return &BUILTINS[i];
    return NULL;
}

/* ------------------------------------------------------------------ Powerpipe's FuncMap */

static int string_arg(tp_ctx *x, const tp_value *v)
{
    if (v->kind == TP_STRING) return TP_OK;
    return tp_fail(x, "wrong type for value; expected string; got %s", tp_type_name(v));
}

/* sprig's strval: a string as it is, else fmt's %v */
static void strval(tp_ctx *x, const tp_value *v, lp_buf *out)
{
    if (v->kind == TP_NIL || v->kind == TP_INVALID) lp_buf_puts(out, "<nil>");
    else tp_print(x, v, out);
}

static int fn_upper(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    (void)n;
    if (string_arg(x, &a[0]) != TP_OK) return TP_FAILED;
    *out = tp_str(x, a[0].u.s.p, a[0].u.s.n);
    char *p = (char *)out->u.s.p;
    for (size_t i = 0; i < out->u.s.n; i++)
        if (p[i] >= 'a' && p[i] <= 'z') p[i] = (char)(p[i] - 32);
    return TP_OK;
}

static int fn_tojson(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    (void)n;
    lp_buf b = { 0 };
    tp_json(x, &a[0], 0, &b);
    *out = buf_value(x, &b);
    return TP_OK;
}

static int fn_toprettyjson(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    (void)n;
    lp_buf b = { 0 };
    tp_json(x, &a[0], 1, &b);
    *out = buf_value(x, &b);
    return TP_OK;
}

static int fn_quote(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    lp_buf b = { 0 };
    int first = 1;
    for (int i = 0; i < n; i++) {
        if (a[i].kind == TP_NIL || a[i].kind == TP_INVALID) continue;
        lp_buf s = { 0 };
        strval(x, &a[i], &s);
        if (!first) lp_buf_putc(&b, ' ');
        tp_quote(s.data ? s.data : "", s.len, &b);
        lp_buf_free(&s);
        first = 0;
    }
    *out = buf_value(x, &b);
    return TP_OK;
}

static int key_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int fn_dict(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    uint32_t pairs = (uint32_t)(n + 1) / 2;
    char **keys = tp_alloc(x, (pairs ? pairs : 1) * sizeof *keys);
    tp_value *vals = tp_alloc(x, (pairs ? pairs : 1) * sizeof *vals);
    tp_map *m = tp_alloc(x, sizeof *m);
    if (!keys || !vals || !m) return TP_FAILED;
    uint32_t count = 0;
    for (int i = 0; i < n; i += 2) {
        lp_buf k = { 0 };
        strval(x, &a[i], &k);
        tp_value ks = buf_value(x, &k);
        tp_value v = i + 1 < n ? a[i + 1] : tp_cstr("");
        uint32_t j = 0;
        while (j < count && strcmp(keys[j], ks.u.s.p) != 0) j++;   /* a later pair replaces */
        if (j == count) keys[count++] = (char *)ks.u.s.p;
        vals[j] = v;
    }
    /* sort keys with their values */
    for (uint32_t i = 1; i < count; i++)
        for (uint32_t j = i; j > 0 && key_cmp(&keys[j - 1], &keys[j]) > 0; j--) {
            char *tk = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = tk;
            tp_value tv = vals[j];
            vals[j] = vals[j - 1];
            vals[j - 1] = tv;
        }
    m->n = count;
    m->keys = (const char *const *)keys;
    m->v = vals;
    *out = (tp_value){ .kind = TP_MAP, .u.m = m };
    return TP_OK;
}

/* cast.ToInt64, as sprig's add converts each argument */
static int64_t to_int64(const tp_value *v)
{
    switch (v->kind) {
    case TP_INT: return v->u.i;
    case TP_DURATION: return v->u.d;
    case TP_FLOAT: return (int64_t)v->u.f;
    case TP_BOOL: return v->u.b;
    case TP_STRING: {
        char b[64];
        snprintf(b, sizeof b, "%.*s", (int)(v->u.s.n < 63 ? v->u.s.n : 63), v->u.s.p);
        char *e;
        long long r = strtoll(b, &e, 0);
        return *e ? 0 : r;
    }
    default: return 0;
    }
}

static int fn_add(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    (void)x;
    uint64_t sum = 0;
    for (int i = 0; i < n; i++) sum += (uint64_t)to_int64(&a[i]);
    *out = tp_int((int64_t)sum);
    return TP_OK;
}

static int fn_now(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    (void)x, (void)a, (void)n;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    *out = tp_time_local((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
    return TP_OK;
}

static int fn_duration_in_seconds(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    (void)n;
    if (a[0].kind != TP_DURATION)
        return tp_fail(x, "wrong type for value; expected time.Duration; got %s", tp_type_name(&a[0]));
    int64_t d = a[0].u.d;
    *out = tp_float((double)(d / 1000000000) + (double)(d % 1000000000) / 1e9);
    return TP_OK;
}

/* encoding/csv's Writer on one field, then strings.TrimSpace */
static int fn_to_csv_cell(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    (void)n;
    const char *sep = tp_csv_separator(x);
    char comma = sep && *sep ? *sep : ',';
    lp_buf s = { 0 }, b = { 0 };
    strval(x, &a[0], &s);
    const char *f = s.data ? s.data : "";
    int quote = 0;
    if (s.len) {
        if (s.len == 2 && f[0] == '\\' && f[1] == '.') quote = 1;
        for (size_t i = 0; i < s.len && !quote; i++)
            quote = f[i] == comma || f[i] == '"' || f[i] == '\r' || f[i] == '\n';
        if (f[0] == ' ' || f[0] == '\t' || f[0] == '\v' || f[0] == '\f') quote = 1;
        if ((unsigned char)f[0] == 0xC2 && s.len > 1 &&
            ((unsigned char)f[1] == 0x85 || (unsigned char)f[1] == 0xA0))
            quote = 1;
    }
    if (!quote) lp_buf_put(&b, f, s.len);
    else {
        lp_buf_putc(&b, '"');
        for (size_t i = 0; i < s.len; i++) {
            if (f[i] == '"') lp_buf_puts(&b, "\"\"");
            else lp_buf_putc(&b, f[i]);
        }
        lp_buf_putc(&b, '"');
    }
    lp_buf_free(&s);
    /* TrimSpace (ASCII space; the writer's trailing newline among it) */
    size_t st = 0, en = b.len;
    while (st < en && b.data[st] && strchr(" \t\n\v\f\r", b.data[st])) st++;
    while (en > st && b.data[en - 1] && strchr(" \t\n\v\f\r", b.data[en - 1])) en--;
    *out = tp_str(x, b.data ? b.data + st : "", en - st);
    lp_buf_free(&b);
    return TP_OK;
}

static int fn_to_safe_json(tp_ctx *x, const tp_value *a, int n, tp_value *out)
{
    (void)n;
    lp_buf b = { 0 };
    if (a[0].kind == TP_STRING) {
        lp_buf c = { 0 };
        for (size_t i = 0; i < a[0].u.s.n; i++) {
            char ch = a[0].u.s.p[i];
            if (ch == '\n' || ch == '\r' || ch == '\t') lp_buf_putc(&c, ' ');
            else if (ch) lp_buf_putc(&c, ch);
        }
        tp_value cv = buf_value(x, &c);
        tp_json(x, &cv, 0, &b);
    } else if (a[0].kind == TP_MAP && a[0].u.m) {
        /* nil values left out */
        tp_map *m = tp_alloc(x, sizeof *m);
        const char **keys = tp_alloc(x, (a[0].u.m->n + 1) * sizeof *keys);
        tp_value *vals = tp_alloc(x, (a[0].u.m->n + 1) * sizeof *vals);
        if (!m || !keys || !vals) return TP_FAILED;
        for (uint32_t i = 0; i < a[0].u.m->n; i++)
            if (a[0].u.m->v[i].kind != TP_NIL && a[0].u.m->v[i].kind != TP_INVALID) {
                keys[m->n] = a[0].u.m->keys[i];
                vals[m->n++] = a[0].u.m->v[i];
            }
        m->keys = keys;
        m->v = vals;
        tp_value mv = { .kind = TP_MAP, .u.m = m };
        tp_json(x, &mv, 0, &b);
    } else {
        tp_json(x, &a[0], 0, &b);
    }
    *out = buf_value(x, &b);
    return TP_OK;
}

const tp_func tp_powerpipe_funcs[] = {
    { "upper", fn_upper, 1, 1 },
    { "toJson", fn_tojson, 1, 1 },
    { "quote", fn_quote, 0, -1 },
    { "dict", fn_dict, 0, -1 },
    { "add", fn_add, 0, -1 },
    { "now", fn_now, 0, 0 },
    { "toPrettyJson", fn_toprettyjson, 1, 1 },
    { "durationInSeconds", fn_duration_in_seconds, 1, 1 },
    { "toCsvCell", fn_to_csv_cell, 1, 1 },
    { "toSafeJson", fn_to_safe_json, 1, 1 },
};
const size_t tp_powerpipe_nfuncs = sizeof tp_powerpipe_funcs / sizeof *tp_powerpipe_funcs;
