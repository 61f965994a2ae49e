/* funcs.c — the function library (pipe-fittings' table, HCL_SYNTAX.md §13).
 *
 * Each function follows its cty/Terraform implementation: argument
 * conversions (numbers and bools become strings where a string is wanted,
 * numeric strings become numbers), null rules, result kinds (list vs tuple,
 * map vs object) and error texts.  Strings are measured in grapheme clusters
 * where cty does (length, substr, strrev, format widths).
 *
 * Regular expressions (regex, regexall, replace with /re/) use PCRE2 in UTF
 * mode, which accepts RE2's syntax (Perl classes, (?i) flags, (?P<name>)
 * groups, non-greedy repeats, \pL classes).  Differences from RE2: PCRE2 also
 * accepts backreferences and lookaround, which RE2 rejects; matching is
 * backtracking, bounded by a match limit, where RE2 is linear; `$` matches
 * before a final newline unless (?m) semantics differ (we set
 * PCRE2_DOLLAR_ENDONLY to keep RE2's meaning).  Replacement templates are
 * expanded with Go's rules ($1, ${1}, $name, ${name}, $$) by our own code.
 *
 * Digests come from libmd (Debian libmd-dev, the BSD message digests libbsd
 * uses): plain C with no constructor, where nettle's build for x86-64 runs
 * CPUID three times at every process start to pick its SHA-1/SHA-256 code.
 * No I/O happens here:
 * file() and fileexists() go through the scope's callbacks.
 *
 * textencodebase64/textdecodebase64 convert with glibc's iconv, which knows
 * the IANA names and aliases Terraform's ianaindex does (and more); errors
 * name the encoding as written rather than by its canonical IANA name.
 * base64gzip deflates with zlib framed as Go's gzip.Writer frames it.
 * yamlencode/yamldecode drive libyaml's emitter and parser, whose Go ports
 * go-cty-yaml uses.  iconv, zlib (through lp_alloc) and libyaml keep their own
 * working memory only for the length of one call; results live in the arena.
 *
 * list() and map() are registered as Powerpipe registers them: Terraform's removed constructors,
 * which fail whatever their arguments.  is_error() and error_message() read a step's `errors`.
 *
 * Deliberately missing: the impure functions — timestamp (the clock), uuid
 * and bcrypt (randomness; uuidv5 is deterministic and present), fileset (a directory walk), abspath and
 * pathexpand (the process's directory and home) — and the secret-handling rsadecrypt: a mod's values must not
 * change between two loads of the same files (a refresh and the index cache reuse them), and none of the
 * corpora call them.  test_funcs checks this table against Powerpipe's.
 */
#include "base/json.h"
#include "base/mem.h"
#include "base/numlit.h"
#include "eval/eval.h"

#include <errno.h>
#include <iconv.h>
#include <md5.h>
#include <sha1.h>
#include <sha2.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>
#include <yaml.h>
#include <zlib.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* Every function has the table's one signature (fn_impl), and most use only part of it. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

/* ------------------------------------------------------------ helpers */

static const char *param_name(const hcl_expr *call, uint32_t i, char *buf, size_t size)
{
    const fn_def *f = fn_lookup(call->u.call.name.p, call->u.call.name.len);
    const char *p = f && f->params ? f->params : "";
    const char *last = p;
    for (uint32_t k = 0; k < i && *p; k++) {
        const char *c = strchr(p, ',');
        if (!c) break;
        p = c + 1;
        last = p;
    }
    (void)last;
    const char *c = strchr(p, ',');
    size_t n = c ? (size_t)(c - p) : strlen(p);
    snprintf(buf, size, "%.*s", (int)n, p);
    return buf;
}

static hcl_range arg_range(const hcl_expr *call, uint32_t i)
{
    if (call->u.call.n == 0) return call->range;
    if (i >= call->u.call.n) i = call->u.call.n - 1;
    return call->u.call.args[i] ? call->u.call.args[i]->range : call->range;
}

__attribute__((format(printf, 4, 5)))
static int fail_arg(ev_ctx *ev, const hcl_expr *call, uint32_t i, const char *fmt, ...)
{
    char msg[320], pn[64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return ev_fail(ev, arg_range(call, i), "Invalid function argument",
                   "Invalid value for \"%s\" parameter: %s.", param_name(call, i, pn, sizeof pn), msg);
}

__attribute__((format(printf, 3, 4)))
static int fail_call(ev_ctx *ev, const hcl_expr *call, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return ev_fail(ev, call->range, "Error in function call", "Call to function \"%.*s\" failed: %s.",
                   (int)call->u.call.name.len, call->u.call.name.p, msg);
}

static int oom(ev_ctx *ev, const hcl_expr *call)
{
    return ev_oom(ev, call->range);
}

static int arg_str(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t i, lpv_value *out)
{
    const char *err;
    if (lpv_to_string(ev->arena, args[i], out, &err) != 0) return fail_arg(ev, call, i, "%s", err);
    return LP_EV_OK;
}

static int arg_seq(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t i)
{
    if (!lpv_is_seq(args[i])) return fail_arg(ev, call, i, "list of any single type required");
    return LP_EV_OK;
}

static int arg_obj(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t i)
{
    if (!lpv_is_obj(args[i])) return fail_arg(ev, call, i, "map of any single type required");
    return LP_EV_OK;
}

/* Argument i as its parameter's type says (the table's types): converted in place to a string
 * ('s') or a number ('n', 'i': a whole one), or checked to be a sequence ('l') or a map ('m'). */
static int arg_as(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t i, char type)
{
    const char *err;
    int64_t i64;
    switch (type) {
    case 's': return arg_str(ev, call, args, i, &args[i]);
    case 'l': return arg_seq(ev, call, args, i);
    case 'm': return arg_obj(ev, call, args, i);
    case 'n':
    case 'i':
        if (lpv_to_number(ev->arena, args[i], &args[i], &err) != 0) return fail_arg(ev, call, i, "%s", err);
        if (type == 'i' && lpv_num_to_i64(args[i], &i64) != 0)
            return fail_arg(ev, call, i, "a whole number is required");
        return LP_EV_OK;
    default: return LP_EV_OK;
    }
}

/* A whole-number argument ('i', checked by arg_as). */
static int64_t whole(lpv_value v)
{
    int64_t i = 0;
    (void)lpv_num_to_i64(v, &i);
    return i;
}

int fn_call(ev_ctx *ev, const fn_def *f, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    const char *t = f->types ? f->types : "";
    for (uint32_t i = 0; i < n && *t; i++) {
        int rc = arg_as(ev, call, args, i, *t);
        if (rc) return rc;
        if (t[1] || f->max != LP_FN_VARIADIC) t++;   /* a variadic function's last type repeats */
    }
    return f->impl(ev, call, args, n, out);
}

/* A growable byte buffer in the evaluator's arena. */
typedef struct abuf {
    ar_arena *a;
    char *p;
    size_t n, cap;
    int oom;
} abuf;

static void ab_put(abuf *b, const char *s, size_t n)
{
    if (b->oom || n == 0) return;
    if (b->n + n > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 64;
        while (nc < b->n + n) nc *= 2;
        char *np = ar_grow(b->a, b->p, b->cap, nc);
        if (!np) {
            b->oom = 1;
            return;
        }
        b->p = np;
        b->cap = nc;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static void ab_putc(abuf *b, char c)
{
    ab_put(b, &c, 1);
}

static int ab_value(ev_ctx *ev, const hcl_expr *call, abuf *b, lpv_value *out)
{
    if (b->oom) return oom(ev, call);
    if (lpv_str_nfc(ev->arena, b->n ? b->p : "", b->n, out) != 0) return oom(ev, call);
    return LP_EV_OK;
}

static lpv_value *new_vals(ev_ctx *ev, uint32_t n)
{
    return ar_alloc(ev->arena, (n ? n : 1) * sizeof(lpv_value));
}

/* Grapheme clusters: the end of the cluster that starts at pos. */
static size_t next_cluster(const char *s, size_t n, size_t pos)
{
    utf8proc_int32_t state = 0, prev, cp;
    utf8proc_ssize_t k =
        utf8proc_iterate((const utf8proc_uint8_t *)s + pos, (utf8proc_ssize_t)(n - pos), &prev);
    if (k <= 0) return pos + 1;
    pos += (size_t)k;
    while (pos < n) {
        utf8proc_ssize_t k2 =
            utf8proc_iterate((const utf8proc_uint8_t *)s + pos, (utf8proc_ssize_t)(n - pos), &cp);
        if (k2 <= 0 || utf8proc_grapheme_break_stateful(prev, cp, &state)) break;
        prev = cp;
        pos += (size_t)k2;
    }
    return pos;
}

static int64_t count_clusters(const char *s, size_t n)
{
    int64_t c = 0;
    for (size_t p = 0; p < n; p = next_cluster(s, n, p)) c++;
    return c;
}

static int is_space_cp(utf8proc_int32_t c)
{
    switch (c) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
        return 1;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

/* Decode the code point before byte `end`; returns its start. */
static size_t prev_cp(const char *s, size_t end, utf8proc_int32_t *cp)
{
    size_t st = end - 1;
    while (st > 0 && ((unsigned char)s[st] & 0xC0) == 0x80 && end - st < 4) st--;
    if (utf8proc_iterate((const utf8proc_uint8_t *)s + st, (utf8proc_ssize_t)(end - st), cp) <= 0) {
        *cp = (unsigned char)s[end - 1];
        return end - 1;
    }
    return st;
}

/* ------------------------------------------------------------ strings */

static int case_map(ev_ctx *ev, const hcl_expr *call, lpv_value *args, int mode, lpv_value *out)
{
    lpv_value s = args[0];
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    int word_start = 1;
    for (size_t p = 0; p < s.len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s.u.s + p, (utf8proc_ssize_t)(s.len - p), &c);
        if (k <= 0) {
            ab_putc(&b, s.u.s[p]);
            p++;
            continue;
        }
        utf8proc_int32_t m = c;
        if (mode == 'u') m = utf8proc_toupper(c);
        else if (mode == 'l') m = utf8proc_tolower(c);
        else {
            /* strings.Title: letters after a separator become title case */
            if (word_start) m = utf8proc_totitle(c);
            int sep;
            if (c < 0x80)
                sep =
                    !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_');
            else {
                utf8proc_category_t cat = utf8proc_category(c);
                sep = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                      (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ? 0 : is_space_cp(c);
            }
            word_start = sep;
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t en = utf8proc_encode_char(m, enc);
        ab_put(&b, (const char *)enc, (size_t)en);
        p += (size_t)k;
    }
    return ab_value(ev, call, &b, out);
}

static int f_upper(ev_ctx *ev, const hcl_expr *c, lpv_value *a, uint32_t n, lpv_value *o)
{
    return case_map(ev, c, a, 'u', o);
}
static int f_lower(ev_ctx *ev, const hcl_expr *c, lpv_value *a, uint32_t n, lpv_value *o)
{
    return case_map(ev, c, a, 'l', o);
}
static int f_title(ev_ctx *ev, const hcl_expr *c, lpv_value *a, uint32_t n, lpv_value *o)
{
    return case_map(ev, c, a, 't', o);
}

static int f_trimspace(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0];
    size_t st = 0, en = s.len;
    while (st < en) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s.u.s + st, (utf8proc_ssize_t)(en - st), &c);
        if (k <= 0 || !is_space_cp(c)) break;
        st += (size_t)k;
    }
    while (en > st) {
        utf8proc_int32_t c;
        size_t ps = prev_cp(s.u.s, en, &c);
        if (!is_space_cp(c)) break;
        en = ps;
    }
    *out = lpv_str_ref(s.u.s + st, en - st);
    return LP_EV_OK;
}

static int in_cutset(const lpv_value *cut, utf8proc_int32_t c)
{
    for (size_t p = 0; p < cut->len;) {
        utf8proc_int32_t d;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)cut->u.s + p, (utf8proc_ssize_t)(cut->len - p), &d);
        if (k <= 0) {
            d = (unsigned char)cut->u.s[p];
            k = 1;
        }
        if (d == c) return 1;
        p += (size_t)k;
    }
    return 0;
}

static int f_trim(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0], cut = args[1];
    size_t st = 0, en = s.len;
    while (st < en) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s.u.s + st, (utf8proc_ssize_t)(en - st), &c);
        if (k <= 0 || !in_cutset(&cut, c)) break;
        st += (size_t)k;
    }
    while (en > st) {
        utf8proc_int32_t c;
        size_t ps = prev_cp(s.u.s, en, &c);
        if (!in_cutset(&cut, c)) break;
        en = ps;
    }
    *out = lpv_str_ref(s.u.s + st, en - st);
    return LP_EV_OK;
}

static int f_trimprefix(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0], p = args[1];
    if (p.len <= s.len && memcmp(s.u.s, p.u.s, p.len) == 0) s = lpv_str_ref(s.u.s + p.len, s.len - p.len);
    *out = s;
    return LP_EV_OK;
}

static int f_trimsuffix(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0], p = args[1];
    if (p.len <= s.len && memcmp(s.u.s + s.len - p.len, p.u.s, p.len) == 0)
        s = lpv_str_ref(s.u.s, s.len - p.len);
    *out = s;
    return LP_EV_OK;
}

static int f_chomp(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0];
    size_t en = s.len;
    while (en > 0 && (s.u.s[en - 1] == '\n' || s.u.s[en - 1] == '\r')) en--;
    *out = lpv_str_ref(s.u.s, en);
    return LP_EV_OK;
}

static int f_indent(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    int64_t sp = whole(args[0]);
    lpv_value s = args[1];
    if (sp < 0) sp = 0;
    if (sp > 1 << 16) return fail_arg(ev, call, 0, "too many spaces");
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    for (size_t i = 0; i < s.len; i++) {
        ab_putc(&b, s.u.s[i]);
        if (s.u.s[i] == '\n')
            for (int64_t k = 0; k < sp; k++) ab_putc(&b, ' ');
    }
    return ab_value(ev, call, &b, out);
}

static int f_strrev(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0];
    char *r = ar_alloc(ev->arena, s.len ? s.len : 1);
    if (!r) return oom(ev, call);
    size_t w = s.len;
    for (size_t p = 0; p < s.len;) {
        size_t q = next_cluster(s.u.s, s.len, p);
        if (q > s.len) q = s.len;
        w -= q - p;
        memcpy(r + w, s.u.s + p, q - p);
        p = q;
    }
    *out = lpv_str_ref(r, s.len);
    return LP_EV_OK;
}

static int f_substr(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0];
    int64_t off = whole(args[1]), len = whole(args[2]);
    if (off < 0) {
        off += count_clusters(s.u.s, s.len);
        if (off < 0) off = 0;
    } else if (off > (int64_t)s.len) {
        *out = lpv_str_ref("", 0);
        return LP_EV_OK;
    }
    size_t p = 0;
    for (int64_t i = 0; i < off && p < s.len; i++) p = next_cluster(s.u.s, s.len, p);
    if (p > s.len) p = s.len;
    if (len < 0) {
        *out = lpv_str_ref(s.u.s + p, s.len - p);
        return LP_EV_OK;
    }
    size_t q = p;
    for (int64_t i = 0; i < len && q < s.len; i++) q = next_cluster(s.u.s, s.len, q);
    if (q > s.len) q = s.len;
    *out = lpv_str_ref(s.u.s + p, q - p);
    return LP_EV_OK;
}

static int f_startswith(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0], p = args[1];
    *out = lpv_bool(p.len <= s.len && memcmp(s.u.s, p.u.s, p.len) == 0);
    return LP_EV_OK;
}

static int f_endswith(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0], p = args[1];
    *out = lpv_bool(p.len <= s.len && memcmp(s.u.s + s.len - p.len, p.u.s, p.len) == 0);
    return LP_EV_OK;
}

static const char *find_sub(const char *h, size_t hn, const char *nd, size_t nn)
{
    if (nn == 0) return h;
    if (nn > hn) return NULL;
    return memmem(h, hn, nd, nn);
}

static int f_strcontains(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0], p = args[1];
    *out = lpv_bool(find_sub(s.u.s, s.len, p.u.s, p.len) != NULL);
    return LP_EV_OK;
}

static int f_split(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value sep = args[0], s = args[1];
    uint32_t cnt = 1;
    if (sep.len == 0) {
        cnt = 0;
        for (size_t p = 0; p < s.len;) {
            utf8proc_int32_t c;
            utf8proc_ssize_t k =
                utf8proc_iterate((const utf8proc_uint8_t *)s.u.s + p, (utf8proc_ssize_t)(s.len - p), &c);
            p += k > 0 ? (size_t)k : 1;
            cnt++;
        }
    } else {
        for (const char *p = s.u.s, *e = s.u.s + s.len; (p = find_sub(p, (size_t)(e - p), sep.u.s, sep.len));
             p += sep.len)
            cnt++;
    }
    lpv_value *el = new_vals(ev, cnt);
    if (!el) return oom(ev, call);
    uint32_t i = 0;
    if (sep.len == 0) {
        for (size_t p = 0; p < s.len;) {
            utf8proc_int32_t c;
            utf8proc_ssize_t k =
                utf8proc_iterate((const utf8proc_uint8_t *)s.u.s + p, (utf8proc_ssize_t)(s.len - p), &c);
            size_t w = k > 0 ? (size_t)k : 1;
            el[i++] = lpv_str_ref(s.u.s + p, w);
            p += w;
        }
    } else {
        const char *p = s.u.s, *e = s.u.s + s.len, *q;
        while ((q = find_sub(p, (size_t)(e - p), sep.u.s, sep.len))) {
            el[i++] = lpv_str_ref(p, (size_t)(q - p));
            p = q + sep.len;
        }
        el[i++] = lpv_str_ref(p, (size_t)(e - p));
    }
    *out = lpv_seq(LPV_LIST, el, i);
    return LP_EV_OK;
}

static int f_join(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value sep = args[0];
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    int first = 1;
    for (uint32_t i = 1; i < n; i++) {
        for (uint32_t k = 0; k < args[i].len; k++) {
            lpv_value e = args[i].u.elems[k], s;
            const char *err;
            if (e.kind == LPV_NULL) return fail_call(ev, call, "element %u is null", k);
            if (lpv_to_string(ev->arena, e, &s, &err) != 0)
                return fail_arg(ev, call, i, "element %u: %s", k, err);
            if (!first) ab_put(&b, sep.u.s, sep.len);
            first = 0;
            ab_put(&b, s.u.s, s.len);
        }
    }
    return ab_value(ev, call, &b, out);
}

/* ---- format */

typedef struct fverb {
    int minus, plus, sharp, zero, space;
    int width, prec;        /* -1: absent */
    char mode;
} fverb;

static void pad_width(abuf *b, const fverb *v, const char *s, size_t n)
{
    int64_t have = count_clusters(s, n);
    int64_t pad = v->width > have ? v->width - have : 0;
    if (!v->minus)
        for (int64_t i = 0; i < pad; i++) ab_putc(b, v->zero ? '0' : ' ');
    ab_put(b, s, n);
    if (v->minus)
        for (int64_t i = 0; i < pad; i++) ab_putc(b, v->zero ? '0' : ' ');
}

/* Go's fmt number padding: sign, then zeros or spaces. */
static void pad_number(abuf *b, const fverb *v, const char *s, size_t n, int inf)
{
    const char *sign = "";
    if (n && s[0] == '-') { sign = "-"; s++; n--; }
    else if (n && s[0] == '+') { sign = v->space ? " " : "+"; s++; n--; }
    else if (v->plus) sign = "+";
    else if (v->space) sign = " ";
    size_t len = strlen(sign) + n;
    size_t pad = v->width > 0 && (size_t)v->width > len ? (size_t)v->width - len : 0;
    if (v->zero && !inf && !v->minus) {
        ab_put(b, sign, strlen(sign));
        for (size_t i = 0; i < pad; i++) ab_putc(b, '0');
        ab_put(b, s, n);
    } else if (v->minus) {
        ab_put(b, sign, strlen(sign));
        ab_put(b, s, n);
        for (size_t i = 0; i < pad; i++) ab_putc(b, ' ');
    } else {
        for (size_t i = 0; i < pad; i++) ab_putc(b, ' ');
        ab_put(b, sign, strlen(sign));
        ab_put(b, s, n);
    }
}

static int format_int(ev_ctx *ev, abuf *b, const fverb *v, lpv_value num, const char **err)
{
    int64_t i;
    if (lpv_num_to_i64(num, &i) != 0) {
        *err = "an integer is required";
        return -1;
    }
    uint64_t u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
    int base = v->mode == 'b' ? 2 : v->mode == 'o' ? 8 : (v->mode == 'x' || v->mode == 'X') ? 16 : 10;
    const char *dig = v->mode == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[80];
    int k = 0;
    do tmp[k++] = dig[u % (unsigned)base]; while ((u /= (unsigned)base) != 0);
    char digits[80];
    for (int j = 0; j < k; j++) digits[j] = tmp[k - 1 - j];
    const char *prefix = "";
    if (v->sharp)
        prefix = base == 2 ? "0b" : base == 8 ? "0" : base == 16 ? (v->mode == 'X' ? "0X" : "0x") : "";
    const char *sign = i < 0 ? "-" : v->plus ? "+" : v->space ? " " : "";
    int zeros = 0, left = 0, right = 0;
    if (v->prec >= 0) {
        if (k < v->prec) zeros = v->prec - k;
        else if (k == 1 && digits[0] == '0' && v->prec == 0) return 0;
    }
    int length = (int)(strlen(sign) + strlen(prefix)) + zeros + k;
    if (v->width > length) {
        int d = v->width - length;
        if (v->minus) right = d;
        else if (v->zero && v->prec < 0) zeros = d;
        else left = d;
    }
    (void)ev;
    for (int j = 0; j < left; j++) ab_putc(b, ' ');
    ab_put(b, sign, strlen(sign));
    ab_put(b, prefix, strlen(prefix));
    for (int j = 0; j < zeros; j++) ab_putc(b, '0');
    ab_put(b, digits, (size_t)k);
    for (int j = 0; j < right; j++) ab_putc(b, ' ');
    return 0;
}

static int format_one(ev_ctx *ev, abuf *b, const fverb *v, lpv_value arg, const char **err)
{
    const char *e2;
    if (v->mode != 'v' && arg.kind == LPV_NULL) {
        *err = "null value cannot be formatted";
        return -1;
    }
    switch (v->mode) {
    case 'v':
        if (!v->sharp && arg.kind == LPV_STRING) {
            pad_width(b, v, arg.u.s, arg.len);
            return 0;
        }
        if (!v->sharp && arg.kind == LPV_NUMBER) {
            lp_buf t = { 0 };
            int rc = lpv_num_format(ev->arena, arg, 'g', -1, &t);
            if (rc == 0) pad_width(b, v, t.data ? t.data : "", t.len);
            lp_buf_free(&t);
            return rc;
        } else {
            lp_buf t = { 0 };
            int rc = lpv_json(&t, arg);
            if (rc == 0) pad_width(b, v, t.data ? t.data : "", t.len);
            lp_buf_free(&t);
            return rc;
        }
    case 't': {
        lpv_value bv;
        if (lpv_to_bool(arg, &bv, &e2) != 0) {
            *err = e2;
            return -1;
        }
        ab_put(b, bv.u.b ? "true" : "false", bv.u.b ? 4 : 5);
        return 0;
    }
    case 'b': case 'd': case 'o': case 'x': case 'X':
    case 'e': case 'E': case 'f': case 'g': case 'G': {
        lpv_value num;
        if (lpv_to_number(ev->arena, arg, &num, &e2) != 0) {
            *err = e2;
            return -1;
        }
        if (strchr("bdoxX", v->mode)) return format_int(ev, b, v, num, err);
        int prec = v->prec;
        if (prec < 0 && (v->mode == 'e' || v->mode == 'E' || v->mode == 'f')) prec = 6;
        lp_buf t = { 0 };
        int rc = lpv_num_format(ev->arena, num, v->mode, prec, &t);
        if (rc == 0) pad_number(b, v, t.data ? t.data : "", t.len, lpv_num_is_inf(num) != 0);
        lp_buf_free(&t);
        return rc;
    }
    case 's':
    case 'q': {
        lpv_value s;
        if (lpv_to_string(ev->arena, arg, &s, &e2) != 0) {
            *err = e2;
            return -1;
        }
        size_t len = s.len;
        if (v->prec > 0) {
            size_t p = 0;
            for (int i = 0; i < v->prec && p < s.len; i++) p = next_cluster(s.u.s, s.len, p);
            len = p < s.len ? p : s.len;
        }
        if (v->mode == 's') {
            pad_width(b, v, s.u.s, len);
            return 0;
        }
        lp_buf t = { 0 };
        lp_json_str(&t, s.u.s, len);
        pad_width(b, v, t.data ? t.data : "", t.len);
        int rc = t.oom ? -1 : 0;
        lp_buf_free(&t);
        return rc;
    }
    default:
        *err = "unsupported format verb";
        return -1;
    }
}

/* Format with args[0..n): returns 0, or -1 with msg. */
static int do_format(ev_ctx *ev, abuf *b, const lpv_value *fmt, const lpv_value *args, uint32_t n, char *msg,
                     size_t msize)
{
    const char *s = fmt->u.s;
    size_t len = fmt->len;
    uint32_t next = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] != '%') {
            size_t j = i;
            while (j < len && s[j] != '%') j++;
            ab_put(b, s + i, j - i);
            i = j;
            continue;
        }
        size_t start = i++;
        if (i < len && s[i] == '%') {
            ab_putc(b, '%');
            i++;
            continue;
        }
        fverb v = { 0, 0, 0, 0, 0, -1, -1, 0 };
        for (; i < len; i++) {
            if (s[i] == '-') v.minus = 1;
            else if (s[i] == '+') v.plus = 1;
            else if (s[i] == '#') v.sharp = 1;
            else if (s[i] == '0') v.zero = 1;
            else if (s[i] == ' ') v.space = 1;
            else break;
        }
        if (i < len && s[i] == '[') {
            size_t j = i + 1;
            long idx = 0;
            while (j < len && s[j] >= '0' && s[j] <= '9' && idx < 100000) idx = idx * 10 + (s[j++] - '0');
            if (j >= len || s[j] != ']' || j == i + 1) {
                snprintf(msg, msize, "invalid format string starting at offset %zu", start);
                return -1;
            }
            next = (uint32_t)(idx > 0 ? idx - 1 : 0);
            i = j + 1;
        }
        if (i < len && s[i] >= '0' && s[i] <= '9') {
            v.width = 0;
            while (i < len && s[i] >= '0' && s[i] <= '9' && v.width < 100000)
                v.width = v.width * 10 + (s[i++] - '0');
        }
        if (i < len && s[i] == '.') {
            i++;
            if (i >= len || s[i] < '0' || s[i] > '9') {
                snprintf(msg, msize, "invalid format string starting at offset %zu", start);
                return -1;
            }
            v.prec = 0;
            while (i < len && s[i] >= '0' && s[i] <= '9' && v.prec < 100000)
                v.prec = v.prec * 10 + (s[i++] - '0');
        }
        if (i >= len) {
            snprintf(msg, msize, "invalid format string starting at offset %zu", start);
            return -1;
        }
        v.mode = s[i++];
        if (!strchr("vtbdoxXeEfgGsq", v.mode)) {
            snprintf(msg, msize, "unsupported format verb '%c' in \"%.*s\" at offset %zu", v.mode,
                     (int)(i - start), s + start, start);
            return -1;
        }
        if (next >= n) {
            snprintf(msg, msize, "not enough arguments for \"%.*s\" at %zu: need index %u but have %u total",
                     (int)(i - start), s + start, start, next + 1, n);
            return -1;
        }
        const char *err = "";
        if (format_one(ev, b, &v, args[next], &err) != 0) {
            snprintf(msg, msize, "unsupported value for \"%.*s\" at %zu: %s", (int)(i - start), s + start,
                     start, err);
            return -1;
        }
        next++;
    }
    return 0;
}

static int f_format(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value fmt = args[0];
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    char msg[300];
    if (do_format(ev, &b, &fmt, args + 1, n - 1, msg, sizeof msg) != 0) return fail_call(ev, call, "%s", msg);
    return ab_value(ev, call, &b, out);
}

static int f_formatlist(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value fmt = args[0];
    int64_t iters = -1;
    for (uint32_t i = 1; i < n; i++) {
        if (!lpv_is_seq(args[i])) continue;
        if (iters >= 0 && (int64_t)args[i].len != iters)
            return fail_call(
                ev, call, "argument %u has length %u, which is inconsistent with argument 1 of length %lld",
                i + 1, args[i].len, (long long)iters);
        iters = args[i].len;
    }
    if (iters < 0) iters = 1;
    lpv_value *res = new_vals(ev, (uint32_t)iters);
    lpv_value *fa = new_vals(ev, n);
    if (!res || !fa) return oom(ev, call);
    for (int64_t k = 0; k < iters; k++) {
        for (uint32_t i = 1; i < n; i++) fa[i - 1] = lpv_is_seq(args[i]) ? args[i].u.elems[k] : args[i];
        abuf b = { ev->arena, NULL, 0, 0, 0 };
        char msg[300];
        if (do_format(ev, &b, &fmt, fa, n - 1, msg, sizeof msg) != 0)
            return fail_call(ev, call, "error on format iteration %lld: %s", (long long)k, msg);
        int rc = ab_value(ev, call, &b, &res[k]);
        if (rc) return rc;
    }
    *out = lpv_seq(LPV_LIST, res, (uint32_t)iters);
    return LP_EV_OK;
}

/* ---- regular expressions */

typedef struct rx {
    pcre2_general_context *gc;
    pcre2_compile_context *cc;
    pcre2_code *code;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    uint32_t ncap;
} rx;

/* PCRE2 allocates through the library's counting layer too.  Its free
 * callback is given no size, so every block carries its size in front. */
#define RX_HDR 16u
static void *rx_mem_alloc(PCRE2_SIZE n, void *user)
{
    (void)user;
    char *p = mem_malloc(n + RX_HDR);
    if (!p) return NULL;
    *(size_t *)(void *)p = n + RX_HDR;
    return p + RX_HDR;
}

static void rx_mem_free(void *q, void *user)
{
    (void)user;
    if (!q) return;
    char *p = (char *)q - RX_HDR;
    mem_free(p, *(size_t *)(void *)p);
}

static void rx_free(rx *r);

static int rx_compile(ev_ctx *ev, const hcl_expr *call, uint32_t argi, lpv_value pat, rx *r)
{
    int ec;
    PCRE2_SIZE eo;
    memset(r, 0, sizeof *r);
    r->gc = pcre2_general_context_create(rx_mem_alloc, rx_mem_free, NULL);
    r->cc = r->gc ? pcre2_compile_context_create(r->gc) : NULL;
    if (!r->cc) {
        rx_free(r);
        return oom(ev, call);
    }
    r->code = pcre2_compile((PCRE2_SPTR)pat.u.s, pat.len, PCRE2_UTF | PCRE2_DOLLAR_ENDONLY, &ec, &eo, r->cc);
    if (!r->code) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(ec, msg, sizeof msg);
        rx_free(r);
        return fail_arg(ev, call, argi, "invalid regular expression: %s", (const char *)msg);
    }
    r->md = pcre2_match_data_create_from_pattern(r->code, r->gc);
    r->mc = pcre2_match_context_create(r->gc);
    if (!r->md || !r->mc) {
        rx_free(r);
        return oom(ev, call);
    }
    pcre2_set_match_limit(r->mc, 1000000);
    uint32_t cc = 0;
    pcre2_pattern_info(r->code, PCRE2_INFO_CAPTURECOUNT, &cc);
    r->ncap = cc;
    return LP_EV_OK;
}

static void rx_free(rx *r)
{
    pcre2_match_data_free(r->md);
    pcre2_match_context_free(r->mc);
    pcre2_code_free(r->code);
    pcre2_compile_context_free(r->cc);
    pcre2_general_context_free(r->gc);
}

/* Match at or after pos: 1 with ov filled, 0 no match, -1 error. */
static int rx_exec(rx *r, lpv_value s, size_t pos, PCRE2_SIZE **ov)
{
    int rc = pcre2_match(r->code, (PCRE2_SPTR)s.u.s, s.len, pos, 0, r->md, r->mc);
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    if (rc < 0) return -1;
    *ov = pcre2_get_ovector_pointer(r->md);
    return 1;
}

static size_t rune_width(lpv_value s, size_t pos)
{
    if (pos >= s.len) return 1;
    utf8proc_int32_t c;
    utf8proc_ssize_t k =
        utf8proc_iterate((const utf8proc_uint8_t *)s.u.s + pos, (utf8proc_ssize_t)(s.len - pos), &c);
    return k > 0 ? (size_t)k : 1;
}

/* Named groups: group number -> name (NULL when unnamed). */
static int rx_names(ev_ctx *ev, rx *r, const char ***names, uint32_t *nnamed)
{
    uint32_t cnt = 0, esz = 0;
    PCRE2_SPTR tab = NULL;
    pcre2_pattern_info(r->code, PCRE2_INFO_NAMECOUNT, &cnt);
    pcre2_pattern_info(r->code, PCRE2_INFO_NAMEENTRYSIZE, &esz);
    pcre2_pattern_info(r->code, PCRE2_INFO_NAMETABLE, &tab);
    const char **nm = ar_zalloc(ev->arena, (r->ncap + 1) * sizeof *nm);
    if (!nm) return -1;
    for (uint32_t i = 0; i < cnt; i++) {
        const unsigned char *e = tab + (size_t)i * esz;
        uint32_t g = ((uint32_t)e[0] << 8) | e[1];
        /* the name table dies with the compiled pattern: copy */
        if (g <= r->ncap &&
            !(nm[g] = ar_strndup(ev->arena, (const char *)e + 2, strlen((const char *)e + 2))))
            return -1;
    }
    *names = nm;
    *nnamed = cnt;
    return 0;
}

/* The value regex() returns for one match. */
static int rx_result(ev_ctx *ev, const hcl_expr *call, rx *r, lpv_value s, const PCRE2_SIZE *ov,
                     const char **names, uint32_t nnamed, lpv_value *out)
{
    if (r->ncap == 0) {
        *out = lpv_str_ref(s.u.s + ov[0], ov[1] - ov[0]);
        return LP_EV_OK;
    }
    if (nnamed) {
        lpv_attr *at = ar_alloc(ev->arena, r->ncap * sizeof *at);
        if (!at) return oom(ev, call);
        for (uint32_t g = 1; g <= r->ncap; g++) {
            at[g - 1].key = names[g];
            at[g - 1].klen = (uint32_t)strlen(names[g]);
            at[g - 1].val = ov[2 * g] == PCRE2_UNSET
                                ? lpv_null()
                                : lpv_str_ref(s.u.s + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
        }
        *out = lpv_obj(LPV_OBJECT, at, r->ncap);
        return LP_EV_OK;
    }
    lpv_value *el = new_vals(ev, r->ncap);
    if (!el) return oom(ev, call);
    for (uint32_t g = 1; g <= r->ncap; g++)
        el[g - 1] = ov[2 * g] == PCRE2_UNSET ? lpv_null()
                                             : lpv_str_ref(s.u.s + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
    *out = lpv_seq(LPV_TUPLE, el, r->ncap);
    return LP_EV_OK;
}

static int regex_common(ev_ctx *ev, const hcl_expr *call, lpv_value *args, int all, lpv_value *out)
{
    lpv_value pat = args[0], s = args[1];
    rx r;
    int rc = rx_compile(ev, call, 0, pat, &r);
    if (rc) return rc;
    const char **names = NULL;
    uint32_t nnamed = 0;
    if (rx_names(ev, &r, &names, &nnamed) != 0) {
        rx_free(&r);
        return oom(ev, call);
    }
    if (nnamed && nnamed != r.ncap) {
        rx_free(&r);
        return fail_arg(ev, call, 0,
                        "invalid regular expression: cannot mix both named and unnamed capture groups");
    }
    PCRE2_SIZE *ov;
    if (!all) {
        int m = rx_exec(&r, s, 0, &ov);
        if (m <= 0) {
            rx_free(&r);
            return fail_call(ev, call, m < 0 ? "regular expression matching failed"
                                              : "pattern did not match any part of the given string");
        }
        rc = rx_result(ev, call, &r, s, ov, names, nnamed, out);
        rx_free(&r);
        return rc;
    }
    uint32_t cap = 8, cnt = 0;
    lpv_value *res = new_vals(ev, cap);
    if (!res) {
        rx_free(&r);
        return oom(ev, call);
    }
    long prev_end = -1;
    for (size_t pos = 0; pos <= s.len;) {
        int m = rx_exec(&r, s, pos, &ov);
        if (m < 0) {
            rx_free(&r);
            return fail_call(ev, call, "regular expression matching failed");
        }
        if (m == 0) break;
        int accept = 1;
        if (ov[1] == pos) {
            if ((long)ov[0] == prev_end) accept = 0;
            pos += rune_width(s, pos);
        } else {
            pos = ov[1];
        }
        prev_end = (long)ov[1];
        if (!accept) continue;
        if (cnt == cap) {
            lpv_value *nr = new_vals(ev, cap * 2);
            if (!nr) {
                rx_free(&r);
                return oom(ev, call);
            }
            memcpy(nr, res, cnt * sizeof *nr);
            res = nr;
            cap *= 2;
        }
        if ((rc = rx_result(ev, call, &r, s, ov, names, nnamed, &res[cnt++]))) {
            rx_free(&r);
            return rc;
        }
    }
    rx_free(&r);
    *out = lpv_seq(LPV_LIST, res, cnt);
    return LP_EV_OK;
}

static int f_regex(ev_ctx *ev, const hcl_expr *c, lpv_value *a, uint32_t n, lpv_value *o)
{
    return regex_common(ev, c, a, 0, o);
}
static int f_regexall(ev_ctx *ev, const hcl_expr *c, lpv_value *a, uint32_t n, lpv_value *o)
{
    return regex_common(ev, c, a, 1, o);
}

/* Go's Regexp.Expand of template for one match. */
static void rx_expand(abuf *b, rx *r, lpv_value s, const PCRE2_SIZE *ov, lpv_value tpl)
{
    const char *t = tpl.u.s;
    size_t n = tpl.len;
    for (size_t i = 0; i < n;) {
        if (t[i] != '$') {
            ab_putc(b, t[i++]);
            continue;
        }
        if (i + 1 < n && t[i + 1] == '$') {
            ab_putc(b, '$');
            i += 2;
            continue;
        }
        size_t j = i + 1, ns, ne;
        int brace = j < n && t[j] == '{';
        if (brace) j++;
        ns = j;
        while (j < n && (t[j] == '_' || (t[j] >= '0' && t[j] <= '9') || (t[j] >= 'a' && t[j] <= 'z') ||
                         (t[j] >= 'A' && t[j] <= 'Z')))
            j++;
        ne = j;
        if (ne == ns || (brace && (j >= n || t[j] != '}'))) {
            ab_putc(b, '$');   /* not a valid reference: the $ is literal */
            i++;
            continue;
        }
        if (brace) j++;
        i = j;
        long g = -1;
        int digits = 1;
        for (size_t k = ns; k < ne; k++)
            if (t[k] < '0' || t[k] > '9') digits = 0;
        if (digits) {
            g = 0;
            for (size_t k = ns; k < ne && g <= 100000; k++) g = g * 10 + (t[k] - '0');
        } else {
            char name[128];
            size_t nl = ne - ns < sizeof name - 1 ? ne - ns : sizeof name - 1;
            memcpy(name, t + ns, nl);
            name[nl] = 0;
            int gn = pcre2_substring_number_from_name(r->code, (PCRE2_SPTR)name);
            if (gn > 0) g = gn;
        }
        if (g >= 0 && (uint32_t)g <= r->ncap && ov[2 * g] != PCRE2_UNSET)
            ab_put(b, s.u.s + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
    }
}

static int f_replace(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0], sub = args[1], rep = args[2];
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    if (sub.len > 1 && sub.u.s[0] == '/' && sub.u.s[sub.len - 1] == '/') {
        rx r;
        lpv_value pat = lpv_str_ref(sub.u.s + 1, sub.len - 2);
        int rc = rx_compile(ev, call, 1, pat, &r);
        if (rc) return rc;
        size_t last = 0, pos = 0;
        PCRE2_SIZE *ov;
        while (pos <= s.len) {
            int m = rx_exec(&r, s, pos, &ov);
            if (m < 0) {
                rx_free(&r);
                return fail_call(ev, call, "regular expression matching failed");
            }
            if (m == 0) break;
            ab_put(&b, s.u.s + last, ov[0] - last);
            if (ov[1] > last || ov[0] == 0) rx_expand(&b, &r, s, ov, rep);
            last = ov[1];
            size_t w = rune_width(s, pos);
            if (pos + w > ov[1]) pos += w;
            else if (pos + 1 > ov[1]) pos++;
            else pos = ov[1];
        }
        ab_put(&b, s.u.s + last, s.len - last);
        rx_free(&r);
        return ab_value(ev, call, &b, out);
    }
    if (sub.len == 0) {
        /* strings.Replace with an empty old string inserts between runes */
        ab_put(&b, rep.u.s, rep.len);
        for (size_t p = 0; p < s.len;) {
            size_t w = rune_width(s, p);
            ab_put(&b, s.u.s + p, w);
            ab_put(&b, rep.u.s, rep.len);
            p += w;
        }
        return ab_value(ev, call, &b, out);
    }
    const char *p = s.u.s, *e = s.u.s + s.len, *q;
    if (!find_sub(p, s.len, sub.u.s, sub.len)) {
        *out = s;
        return LP_EV_OK;
    }
    while ((q = find_sub(p, (size_t)(e - p), sub.u.s, sub.len))) {
        ab_put(&b, p, (size_t)(q - p));
        ab_put(&b, rep.u.s, rep.len);
        p = q + sub.len;
    }
    ab_put(&b, p, (size_t)(e - p));
    return ab_value(ev, call, &b, out);
}

/* ------------------------------------------------------------ collections */

static int f_length(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value v = args[0];
    if (v.kind == LPV_STRING) *out = lpv_int(count_clusters(v.u.s, v.len));
    else if (lpv_is_seq(v) || lpv_is_obj(v)) *out = lpv_int(v.len);
    else if (v.kind == LPV_NUMBER || v.kind == LPV_BOOL) {
        lpv_value s;
        int rc = arg_str(ev, call, args, 0, &s);
        if (rc) return rc;
        *out = lpv_int(count_clusters(s.u.s, s.len));
    } else return fail_arg(ev, call, 0, "collection or structural type is required");
    return LP_EV_OK;
}

static int f_concat(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    uint32_t total = 0;
    int any_tuple = 0;
    for (uint32_t i = 0; i < n; i++) {
        total += args[i].len;
        if (args[i].kind == LPV_TUPLE) any_tuple = 1;
    }
    lpv_value *el = new_vals(ev, total);
    if (!el) return oom(ev, call);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t j = 0; j < args[i].len; j++) el[k++] = args[i].u.elems[j];
    *out = lpv_seq(any_tuple ? LPV_TUPLE : LPV_LIST, el, total);
    return LP_EV_OK;
}

static int f_lookup(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value k = args[1];
    const lpv_value *v = lpv_attr_get(args[0], k.u.s, k.len);
    if (v) {
        *out = *v;
        return v->kind == LPV_UNKNOWN ? LP_EV_UNRESOLVED : LP_EV_OK;
    }
    if (n > 2) {
        *out = args[2];
        return LP_EV_OK;
    }
    return fail_call(ev, call, "lookup failed to find key \"%.*s\"", (int)k.len, k.u.s);
}

static int f_element(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    int64_t i = whole(args[1]);
    if (args[0].kind == LPV_SET) return fail_arg(ev, call, 0, "cannot read elements from set");
    if (args[0].len == 0) return fail_call(ev, call, "cannot use element function with an empty list");
    if (i < 0) return fail_call(ev, call, "cannot use element function with a negative index");
    *out = args[0].u.elems[i % args[0].len];
    return LP_EV_OK;
}

static int f_index(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    for (uint32_t i = 0; i < args[0].len; i++)
        if (lpv_equal(args[0].u.elems[i], args[1])) {
            *out = lpv_int(i);
            return LP_EV_OK;
        }
    return fail_call(ev, call, "item not found");
}

static int f_keys(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value *el = new_vals(ev, args[0].len);
    if (!el) return oom(ev, call);
    for (uint32_t i = 0; i < args[0].len; i++)
        el[i] = lpv_str_ref(args[0].u.attrs[i].key, args[0].u.attrs[i].klen);
    *out = lpv_seq(args[0].kind == LPV_OBJECT ? LPV_TUPLE : LPV_LIST, el, args[0].len);
    return LP_EV_OK;
}

static int f_values(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value *el = new_vals(ev, args[0].len);
    if (!el) return oom(ev, call);
    for (uint32_t i = 0; i < args[0].len; i++) el[i] = args[0].u.attrs[i].val;
    *out = lpv_seq(args[0].kind == LPV_OBJECT ? LPV_TUPLE : LPV_LIST, el, args[0].len);
    return LP_EV_OK;
}

static int f_coalesce(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    int any_string = 0;
    for (uint32_t i = 0; i < n; i++)
        if (args[i].kind == LPV_STRING) any_string = 1;
    for (uint32_t i = 0; i < n; i++) {
        lpv_value v = args[i];
        if (v.kind == LPV_NULL) continue;
        if (any_string && v.kind != LPV_STRING) {
            const char *err;
            if (lpv_to_string(ev->arena, v, &v, &err) != 0)
                return fail_call(ev, call, "all arguments must have the same type");
        }
        if (v.kind == LPV_STRING && v.len == 0) continue;
        *out = v;
        return LP_EV_OK;
    }
    return fail_call(ev, call, "no non-null, non-empty-string arguments");
}

static int f_coalescelist(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    for (uint32_t i = 0; i < n; i++) {
        if (args[i].kind == LPV_NULL) continue;
        int rc = arg_seq(ev, call, args, i);
        if (rc) return rc;
        if (args[i].len) {
            *out = args[i];
            return LP_EV_OK;
        }
    }
    return fail_call(ev, call, "no non-null arguments");
}

static int f_compact(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value *el = new_vals(ev, args[0].len);
    if (!el) return oom(ev, call);
    uint32_t k = 0;
    for (uint32_t i = 0; i < args[0].len; i++) {
        lpv_value v = args[0].u.elems[i], s;
        if (v.kind == LPV_NULL) continue;
        const char *err;
        if (lpv_to_string(ev->arena, v, &s, &err) != 0)
            return fail_arg(ev, call, 0, "list of string required");
        if (s.len) el[k++] = s;
    }
    *out = lpv_seq(LPV_LIST, el, k);
    return LP_EV_OK;
}

static int f_distinct(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value *el = new_vals(ev, args[0].len);
    if (!el) return oom(ev, call);
    uint32_t k = 0;
    for (uint32_t i = 0; i < args[0].len; i++) {
        uint32_t j;
        for (j = 0; j < k; j++)
            if (lpv_equal(el[j], args[0].u.elems[i])) break;
        if (j == k) el[k++] = args[0].u.elems[i];
    }
    *out = lpv_seq(LPV_LIST, el, k);
    return LP_EV_OK;
}

static int flatten_into(lpv_value v, lpv_value *dst, uint32_t *k, int depth)
{
    if (depth > 64) return -1;
    for (uint32_t i = 0; i < v.len; i++) {
        lpv_value e = v.u.elems[i];
        if (lpv_is_seq(e)) {
            if (flatten_into(e, dst, k, depth + 1) != 0) return -1;
        } else {
            if (dst) dst[*k] = e;
            (*k)++;
        }
    }
    return 0;
}

static int f_flatten(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    uint32_t cnt = 0;
    if (flatten_into(args[0], NULL, &cnt, 0) != 0) return fail_call(ev, call, "nesting too deep");
    lpv_value *el = new_vals(ev, cnt);
    if (!el) return oom(ev, call);
    cnt = 0;
    flatten_into(args[0], el, &cnt, 0);
    *out = lpv_seq(LPV_TUPLE, el, cnt);
    return LP_EV_OK;
}

static int f_reverse(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value *el = new_vals(ev, args[0].len);
    if (!el) return oom(ev, call);
    for (uint32_t i = 0; i < args[0].len; i++) el[i] = args[0].u.elems[args[0].len - 1 - i];
    *out = lpv_seq(args[0].kind == LPV_TUPLE ? LPV_TUPLE : LPV_LIST, el, args[0].len);
    return LP_EV_OK;
}

static int f_slice(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    int64_t st = whole(args[1]), en = whole(args[2]);
    if (st < 0) return fail_arg(ev, call, 1, "start index must not be less than zero");
    if (en > (int64_t)args[0].len)
        return fail_arg(ev, call, 2, "end index must not be greater than the length of the list");
    if (st > en) return fail_arg(ev, call, 1, "start index must not be greater than end index");
    *out = lpv_seq(args[0].kind == LPV_TUPLE ? LPV_TUPLE : LPV_LIST, en > st ? args[0].u.elems + st : NULL,
                   (uint32_t)(en - st));
    return LP_EV_OK;
}

static int str_cmp_cb(const void *a, const void *b)
{
    const lpv_value *x = a, *y = b;
    return lpv_order(*x, *y);
}

static int f_sort(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value *el = new_vals(ev, args[0].len);
    if (!el) return oom(ev, call);
    for (uint32_t i = 0; i < args[0].len; i++) {
        const char *err;
        if (args[0].u.elems[i].kind == LPV_NULL)
            return fail_call(ev, call, "given list element %u is null", i);
        if (lpv_to_string(ev->arena, args[0].u.elems[i], &el[i], &err) != 0)
            return fail_arg(ev, call, 0, "list of string required");
    }
    qsort(el, args[0].len, sizeof *el, str_cmp_cb);
    *out = lpv_seq(LPV_LIST, el, args[0].len);
    return LP_EV_OK;
}

static int f_range(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value st = lpv_int(0), en = args[0], step = lpv_int(1);   /* range(limit) */
    if (n > 1) {
        st = args[0];
        en = args[1];
        if (n > 2) step = args[2];
        else if (lpv_num_cmp(st, en) > 0) step = lpv_int(-1);   /* counting down by default */
    }
    if (lpv_num_sign(step) == 0) return fail_call(ev, call, "step must not be zero");
    int down = lpv_num_sign(step) < 0;
    if (down && lpv_num_cmp(st, en) < 0)
        return fail_call(ev, call, "step must be positive when start is less than limit");
    if (!down && lpv_num_cmp(st, en) > 0)
        return fail_call(ev, call, "step must be negative when start is greater than limit");
    uint32_t cap = 16, k = 0;
    lpv_value *el = new_vals(ev, cap);
    if (!el) return oom(ev, call);
    for (lpv_value v = st; down ? lpv_num_cmp(v, en) > 0 : lpv_num_cmp(v, en) < 0;) {
        if (k >= 1024)
            return fail_call(ev, call,
                             "more than 1024 values were generated; either decrease the difference between "
                             "start and end or use a smaller step");
        if (k == cap) {
            lpv_value *ne = new_vals(ev, cap * 2);
            if (!ne) return oom(ev, call);
            memcpy(ne, el, k * sizeof *ne);
            el = ne;
            cap *= 2;
        }
        el[k++] = v;
        if (lpv_num_arith(ev->arena, LPV_ADD, v, step, &v) != 0) return oom(ev, call);
    }
    *out = lpv_seq(LPV_LIST, el, k);
    return LP_EV_OK;
}

static int f_zipmap(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    if (args[0].len != args[1].len)
        return fail_call(ev, call, "number of keys (%u) does not match number of values (%u)", args[0].len,
                         args[1].len);
    lpv_attr *at = ar_alloc(ev->arena, (args[0].len ? args[0].len : 1) * sizeof *at);
    if (!at) return oom(ev, call);
    for (uint32_t i = 0; i < args[0].len; i++) {
        lpv_value k;
        const char *err;
        if (lpv_to_string(ev->arena, args[0].u.elems[i], &k, &err) != 0)
            return fail_arg(ev, call, 0, "list of string required");
        at[i].key = k.u.s;
        at[i].klen = k.len;
        at[i].val = args[1].u.elems[i];
    }
    *out = lpv_obj(args[1].kind == LPV_TUPLE ? LPV_OBJECT : LPV_MAP, at, args[0].len);
    return LP_EV_OK;
}

static int f_chunklist(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    int64_t size = whole(args[1]);
    if (size < 0) return fail_arg(ev, call, 1, "the size argument must be positive");
    uint32_t len = args[0].len;
    if (size == 0) {
        lpv_value *one = new_vals(ev, 1);
        if (!one) return oom(ev, call);
        one[0] = lpv_seq(LPV_LIST, args[0].u.elems, len);
        *out = lpv_seq(LPV_LIST, one, 1);
        return LP_EV_OK;
    }
    uint32_t cnt = (uint32_t)((len + size - 1) / size);
    lpv_value *el = new_vals(ev, cnt);
    if (!el) return oom(ev, call);
    for (uint32_t i = 0; i < cnt; i++) {
        uint32_t st = (uint32_t)(i * size), en = (uint32_t)((i + 1) * size);
        if (en > len) en = len;
        el[i] = lpv_seq(LPV_LIST, en > st ? args[0].u.elems + st : NULL, en - st);
    }
    *out = lpv_seq(LPV_LIST, el, cnt);
    return LP_EV_OK;
}

static int f_transpose(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value m = args[0];
    uint32_t total = 0;
    for (uint32_t i = 0; i < m.len; i++) {
        if (!lpv_is_seq(m.u.attrs[i].val)) return fail_arg(ev, call, 0, "map of list of string required");
        total += m.u.attrs[i].val.len;
    }
    lpv_attr *at = ar_alloc(ev->arena, (total ? total : 1) * sizeof *at);
    if (!at) return oom(ev, call);
    uint32_t k = 0;
    /* keys of the result: every distinct value; for each, the source keys in order */
    for (uint32_t i = 0; i < m.len; i++)
        for (uint32_t j = 0; j < m.u.attrs[i].val.len; j++) {
            lpv_value s;
            const char *err;
            if (lpv_to_string(ev->arena, m.u.attrs[i].val.u.elems[j], &s, &err) != 0)
                return fail_arg(ev, call, 0, "map of list of string required");
            uint32_t t;
            for (t = 0; t < k; t++)
                if (at[t].klen == s.len && memcmp(at[t].key, s.u.s, s.len) == 0) break;
            if (t == k) {
                at[k].key = s.u.s;
                at[k].klen = s.len;
                at[k].val = lpv_seq(LPV_LIST, NULL, 0);
                k++;
            }
            lpv_value *ne = new_vals(ev, at[t].val.len + 1);
            if (!ne) return oom(ev, call);
            if (at[t].val.len) memcpy(ne, at[t].val.u.elems, at[t].val.len * sizeof *ne);
            ne[at[t].val.len] = lpv_str_ref(m.u.attrs[i].key, m.u.attrs[i].klen);
            at[t].val = lpv_seq(LPV_LIST, ne, at[t].val.len + 1);
        }
    *out = lpv_obj(LPV_MAP, at, k);
    return LP_EV_OK;
}

static int f_alltrue_anytrue(ev_ctx *ev, const hcl_expr *call, lpv_value *args, int all, lpv_value *out)
{
    int res = all;
    for (uint32_t i = 0; i < args[0].len; i++) {
        lpv_value b;
        const char *err;
        if (args[0].u.elems[i].kind == LPV_NULL) {
            if (all) res = 0;
            continue;
        }
        if (lpv_to_bool(args[0].u.elems[i], &b, &err) != 0)
            return fail_arg(ev, call, 0, "list of bool required");
        if (all && !b.u.b) res = 0;
        if (!all && b.u.b) res = 1;
    }
    *out = lpv_bool(res);
    return LP_EV_OK;
}

static int f_alltrue(ev_ctx *ev, const hcl_expr *c, lpv_value *a, uint32_t n, lpv_value *o)
{
    return f_alltrue_anytrue(ev, c, a, 1, o);
}
static int f_anytrue(ev_ctx *ev, const hcl_expr *c, lpv_value *a, uint32_t n, lpv_value *o)
{
    return f_alltrue_anytrue(ev, c, a, 0, o);
}

static int f_one(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    if (args[0].len == 0) *out = lpv_null();
    else if (args[0].len == 1) *out = args[0].u.elems[0];
    else return fail_arg(ev, call, 0, "must be a list, set, or tuple value with either zero or one elements");
    return LP_EV_OK;
}

static int f_sum(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    if (args[0].len == 0) return fail_call(ev, call, "cannot sum an empty list");
    lpv_value acc;
    for (uint32_t i = 0; i < args[0].len; i++) {
        lpv_value v;
        const char *err;
        if (args[0].u.elems[i].kind == LPV_NULL)
            return fail_call(ev, call, "argument must be list, set, or tuple of number values");
        if (lpv_to_number(ev->arena, args[0].u.elems[i], &v, &err) != 0)
            return fail_call(ev, call, "argument must be list, set, or tuple of number values");
        if (i == 0) acc = v;
        else {
            int r = lpv_num_arith(ev->arena, LPV_ADD, acc, v, &acc);
            if (r == -1) return oom(ev, call);
            if (r == -2) return fail_call(ev, call, "can't compute sum of opposing infinities");
        }
    }
    *out = acc;
    return LP_EV_OK;
}

static int f_contains(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    for (uint32_t i = 0; i < args[0].len; i++)
        if (lpv_equal(args[0].u.elems[i], args[1])) {
            *out = lpv_bool(1);
            return LP_EV_OK;
        }
    *out = lpv_bool(0);
    return LP_EV_OK;
}

static int f_merge(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    uint32_t total = 0;
    int any_object = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (args[i].kind == LPV_NULL) continue;
        if (!lpv_is_obj(args[i]))
            return fail_arg(ev, call, i, "arguments must be maps or objects, got \"%s\"",
                            lpv_kind_name(args[i]));
        total += args[i].len;
        if (args[i].kind == LPV_OBJECT) any_object = 1;
    }
    lpv_attr *at = ar_alloc(ev->arena, (total ? total : 1) * sizeof *at);
    if (!at) return oom(ev, call);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++)
        if (args[i].kind != LPV_NULL)
            for (uint32_t j = 0; j < args[i].len; j++) at[k++] = args[i].u.attrs[j];
    *out = lpv_obj(any_object ? LPV_OBJECT : LPV_MAP, at, k);
    return LP_EV_OK;
}

/* ---- sets */

static int as_set(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t i, lpv_value *out)
{
    lpv_value *el = new_vals(ev, args[i].len);
    if (!el) return oom(ev, call);
    memcpy(el, args[i].u.elems, args[i].len * sizeof *el);
    *out = lpv_set(el, args[i].len);
    return LP_EV_OK;
}

static int set_has(lpv_value s, lpv_value v)
{
    for (uint32_t i = 0; i < s.len; i++)
        if (lpv_equal(s.u.elems[i], v)) return 1;
    return 0;
}

static int set_op(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, int op, lpv_value *out)
{
    lpv_value first;
    int rc = as_set(ev, call, args, 0, &first);
    if (rc) return rc;
    uint32_t total = first.len;
    for (uint32_t i = 1; i < n; i++) total += args[i].len;
    lpv_value *el = new_vals(ev, total);
    if (!el) return oom(ev, call);
    uint32_t k = 0;
    for (uint32_t j = 0; j < first.len; j++) {
        lpv_value v = first.u.elems[j];
        int keep = 1;
        for (uint32_t i = 1; i < n; i++) {
            int has = set_has(args[i], v);
            if (op == 'i' && !has) keep = 0;
            if (op == 's' && has) keep = 0;
        }
        if (keep) el[k++] = v;
    }
    if (op == 'u')
        for (uint32_t i = 1; i < n; i++)
            for (uint32_t j = 0; j < args[i].len; j++) el[k++] = args[i].u.elems[j];
    *out = lpv_set(el, k);
    return LP_EV_OK;
}

static int f_setunion(ev_ctx *ev, const hcl_expr *c, lpv_value *a, uint32_t n, lpv_value *o)
{
    return set_op(ev, c, a, n, 'u', o);
}
static int f_setintersection(ev_ctx *ev, const hcl_expr *c, lpv_value *a, uint32_t n, lpv_value *o)
{
    return set_op(ev, c, a, n, 'i', o);
}
static int f_setsubtract(ev_ctx *ev, const hcl_expr *c, lpv_value *a, uint32_t n, lpv_value *o)
{
    return set_op(ev, c, a, n, 's', o);
}

static int f_toset(ev_ctx *ev, const hcl_expr *c, lpv_value *a, uint32_t n, lpv_value *o)
{
    if (a[0].kind == LPV_NULL) {
        *o = a[0];
        return LP_EV_OK;
    }
    int rc = arg_seq(ev, c, a, 0);
    return rc ? rc : as_set(ev, c, a, 0, o);
}

static int f_setproduct(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    uint64_t total = 1;
    int any_list = 0;
    for (uint32_t i = 0; i < n; i++) {
        total *= args[i].len;
        if (total > 100000) return fail_call(ev, call, "the product is too large");
        if (args[i].kind == LPV_LIST || args[i].kind == LPV_TUPLE) any_list = 1;
    }
    lpv_value *el = new_vals(ev, (uint32_t)total);
    if (!el) return oom(ev, call);
    for (uint64_t k = 0; k < total; k++) {
        lpv_value *t = new_vals(ev, n);
        if (!t) return oom(ev, call);
        uint64_t r = k;
        for (uint32_t i = n; i-- > 0;) {
            t[i] = args[i].u.elems[r % args[i].len];
            r /= args[i].len;
        }
        el[k] = lpv_seq(LPV_LIST, t, n);
    }
    if (any_list) *out = lpv_seq(LPV_LIST, el, (uint32_t)total);
    else *out = lpv_set(el, (uint32_t)total);
    return LP_EV_OK;
}

/* ------------------------------------------------------------ numbers */

static int f_minmax(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, int want_max,
                    lpv_value *out)
{
    lpv_value best;
    for (uint32_t i = 0; i < n; i++) {
        lpv_value v = args[i];
        if (i == 0 || (want_max ? lpv_num_cmp(v, best) > 0 : lpv_num_cmp(v, best) < 0)) best = v;
    }
    *out = best;
    return LP_EV_OK;
}

static int f_min(ev_ctx *ev, const hcl_expr *c, lpv_value *a, uint32_t n, lpv_value *o)
{
    return f_minmax(ev, c, a, n, 0, o);
}
static int f_max(ev_ctx *ev, const hcl_expr *c, lpv_value *a, uint32_t n, lpv_value *o)
{
    return f_minmax(ev, c, a, n, 1, o);
}

static int f_abs(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value v = args[0];
    if (lpv_num_abs(ev->arena, v, out) != 0) return oom(ev, call);
    return LP_EV_OK;
}

static int round_fn(ev_ctx *ev, const hcl_expr *call, lpv_value *args, int mode, lpv_value *out)
{
    lpv_value v = args[0];
    if (lpv_num_round(ev->arena, v, mode, out) != 0) return oom(ev, call);
    return LP_EV_OK;
}

static int f_ceil(ev_ctx *ev, const hcl_expr *c, lpv_value *a, uint32_t n, lpv_value *o)
{
    return round_fn(ev, c, a, 1, o);
}
static int f_floor(ev_ctx *ev, const hcl_expr *c, lpv_value *a, uint32_t n, lpv_value *o)
{
    return round_fn(ev, c, a, -1, o);
}

static int f_signum(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value v = args[0];
    *out = lpv_int(lpv_num_sign(v));
    return LP_EV_OK;
}

static int float_fn(ev_ctx *ev, const hcl_expr *call, lpv_value *args, int which, lpv_value *out)
{
    lpv_value a = args[0], b = args[1];
    double x = lpv_num_to_double(a), y = lpv_num_to_double(b);
    double r = which == 'l' ? num_log(x) / num_log(y) : num_pow(x, y);
    if (isnan(r)) return fail_call(ev, call, "the result is not a number");
    *out = lpv_num_from_double(ev->arena, r);
    if (out->kind != LPV_NUMBER) return oom(ev, call);
    return LP_EV_OK;
}

static int f_log(ev_ctx *ev, const hcl_expr *c, lpv_value *a, uint32_t n, lpv_value *o)
{
    return float_fn(ev, c, a, 'l', o);
}
static int f_pow(ev_ctx *ev, const hcl_expr *c, lpv_value *a, uint32_t n, lpv_value *o)
{
    return float_fn(ev, c, a, 'p', o);
}

static int f_parseint(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0];
    int64_t base = whole(args[1]);
    if (base < 2 || base > 62)
        return fail_arg(ev, call, 1, "base must be a whole number between 2 and 62 inclusive");
    size_t i = 0;
    int neg = 0;
    if (i < s.len && (s.u.s[i] == '-' || s.u.s[i] == '+')) neg = s.u.s[i++] == '-';
    if (i == s.len) goto bad;
    /* cty makes the number from a big.Int, exactly: accumulate at the largest
     * precision we keep so that no digit is rounded away */
    lpv_value acc = lpv_int_prec(0, LPV_PREC_MAX), bv = lpv_int(base);
    for (; i < s.len; i++) {
        char c = s.u.s[i];
        int d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'Z') d = base <= 36 ? c - 'A' + 10 : c - 'A' + 36;
        else goto bad;
        if (d >= base) goto bad;
        if (lpv_num_arith(ev->arena, LPV_MUL, acc, bv, &acc) != 0 ||
            lpv_num_arith(ev->arena, LPV_ADD, acc, lpv_int(d), &acc) != 0)
            return oom(ev, call);
    }
    if (neg && lpv_num_neg(ev->arena, acc, &acc) != 0) return oom(ev, call);
    *out = acc;
    return LP_EV_OK;
bad:
    return fail_call(ev, call, "cannot parse \"%.*s\" as a base %lld integer", (int)s.len, s.u.s,
                     (long long)base);
}

/* ------------------------------------------------------------ conversion */

static int f_tostring(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    if (args[0].kind == LPV_NULL) {
        *out = args[0];
        return LP_EV_OK;
    }
    const char *err;
    if (lpv_to_string(ev->arena, args[0], out, &err) != 0)
        return fail_arg(ev, call, 0, "cannot convert %s to string", lpv_kind_name(args[0]));
    return LP_EV_OK;
}

static int f_tonumber(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    if (args[0].kind == LPV_NULL) {
        *out = args[0];
        return LP_EV_OK;
    }
    const char *err;
    if (lpv_to_number(ev->arena, args[0], out, &err) != 0)
        return fail_arg(ev, call, 0, "cannot convert %s to number",
                        args[0].kind == LPV_STRING ? "\"...\"" : lpv_kind_name(args[0]));
    return LP_EV_OK;
}

static int f_tobool(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    if (args[0].kind == LPV_NULL) {
        *out = args[0];
        return LP_EV_OK;
    }
    const char *err;
    if (lpv_to_bool(args[0], out, &err) != 0)
        return fail_arg(ev, call, 0, "cannot convert %s to bool", lpv_kind_name(args[0]));
    return LP_EV_OK;
}

/* Elements of a new list or map share one type: when primitives are mixed
 * and a string is among them, everything becomes a string (cty unification). */
static int unify_elems(ev_ctx *ev, lpv_value *el, uint32_t n, const char **err)
{
    int kinds = 0;
    for (uint32_t i = 0; i < n; i++)
        if (el[i].kind != LPV_NULL) kinds |= 1 << el[i].kind;
    if (!(kinds & (kinds - 1))) return 0;
    int prim = (1 << LPV_STRING) | (1 << LPV_NUMBER) | (1 << LPV_BOOL);
    if ((kinds & ~prim) == 0 && (kinds & (1 << LPV_STRING))) {
        for (uint32_t i = 0; i < n; i++)
            if (el[i].kind != LPV_NULL && lpv_to_string(ev->arena, el[i], &el[i], err) != 0) return -1;
        return 0;
    }
    if ((kinds & ~((1 << LPV_TUPLE) | (1 << LPV_LIST))) == 0 ||
        (kinds & ~((1 << LPV_OBJECT) | (1 << LPV_MAP))) == 0)
        return 0;
    *err = "all elements must have the same type";
    return -1;
}

static int f_tolist(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    if (args[0].kind == LPV_NULL) {
        *out = args[0];
        return LP_EV_OK;
    }
    int rc = arg_seq(ev, call, args, 0);
    if (rc) return rc;
    lpv_value *el = new_vals(ev, args[0].len);
    if (!el) return oom(ev, call);
    memcpy(el, args[0].u.elems, args[0].len * sizeof *el);
    const char *err;
    if (unify_elems(ev, el, args[0].len, &err) != 0)
        return fail_arg(ev, call, 0, "cannot convert to list: %s", err);
    *out = lpv_seq(LPV_LIST, el, args[0].len);
    return LP_EV_OK;
}

static int f_tomap(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    if (args[0].kind == LPV_NULL) {
        *out = args[0];
        return LP_EV_OK;
    }
    int rc = arg_obj(ev, call, args, 0);
    if (rc) return rc;
    uint32_t m = args[0].len;
    lpv_attr *at = ar_alloc(ev->arena, (m ? m : 1) * sizeof *at);
    lpv_value *el = new_vals(ev, m);
    if (!at || !el) return oom(ev, call);
    for (uint32_t i = 0; i < m; i++) el[i] = args[0].u.attrs[i].val;
    const char *err;
    if (unify_elems(ev, el, m, &err) != 0) return fail_arg(ev, call, 0, "cannot convert to map: %s", err);
    for (uint32_t i = 0; i < m; i++) {
        at[i] = args[0].u.attrs[i];
        at[i].val = el[i];
    }
    *out = lpv_obj(LPV_MAP, at, m);
    return LP_EV_OK;
}

static int f_identity(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    (void)ev;
    (void)call;
    *out = args[0];
    return LP_EV_OK;
}

/* list() and map(): Terraform's 0.11 constructors, registered by Powerpipe's table but failing
 * whatever their arguments (terraform-components lang/funcs ListFunc, MapFunc): a mod may
 * still name one in a conditional's branch that is not taken (the conditional keeps only the
 * taken branch's error). */
static int f_list(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    return fail_call(ev, call, "the \"list\" function was deprecated in Terraform v0.12 and is no longer "
                               "available; use tolist([ ... ]) syntax to write a literal list");
}

static int f_map(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    return fail_call(ev, call, "the \"map\" function was deprecated in Terraform v0.12 and is no longer "
                               "available; use tomap({ ... }) syntax to write a literal map");
}

/* cty's Value.LengthInt as AsValueMap and AsValueSlice use it: the element count of a
 * collection; anything else makes cty panic, which its function.Call reports as an error. */
static int step_len(ev_ctx *ev, const hcl_expr *call, lpv_value v, uint32_t *len)
{
    if (v.kind == LPV_NULL) return fail_call(ev, call, "panic in function implementation: value is null");
    if (v.kind < LPV_TUPLE || v.kind > LPV_MAP)
        return fail_call(ev, call, "panic in function implementation: value is not a collection");
    *len = v.len;
    return LP_EV_OK;
}

/* v["errors"] of a step's value (pipe-fittings IsErrorFunc, ErrorMessageFunc): NULL when v is
 * no map or object or has no such key, as Go's lookup of a missing key gives a null value. */
static const lpv_value *step_errors(lpv_value v)
{
    if (v.kind != LPV_OBJECT && v.kind != LPV_MAP) return NULL;
    const lpv_value *e = lpv_attr_get(v, "errors", 6);
    return e && e->kind != LPV_NULL ? e : NULL;
}

/* is_error(step): whether the step's value has a non-empty `errors` collection. */
static int f_is_error(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    const lpv_value *e = step_errors(args[0]);
    uint32_t len = 0;
    if (e) {
        int rc = step_len(ev, call, *e, &len);
        if (rc != LP_EV_OK) return rc;
    }
    *out = lpv_bool(len > 0);
    return LP_EV_OK;
}

/* The i-th value of a collection (tuple, list, set: elements; object, map: values). */
static lpv_value nth_value(lpv_value v, uint32_t i)
{
    return v.kind == LPV_OBJECT || v.kind == LPV_MAP ? v.u.attrs[i].val : v.u.elems[i];
}

/* error_message(step): the `detail` of the first error's `error`, "" when there is none. */
static int f_error_message(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    *out = lpv_str_ref("", 0);
    uint32_t len = 0;
    int rc = step_len(ev, call, args[0], &len);
    if (rc != LP_EV_OK || len == 0) return rc;
    if (args[0].kind != LPV_OBJECT && args[0].kind != LPV_MAP)   /* keys that are not strings */
        return fail_call(ev, call, "panic in function implementation: not a string");
    const lpv_value *errs = step_errors(args[0]);
    if (!errs) return LP_EV_OK;
    if ((rc = step_len(ev, call, *errs, &len)) != LP_EV_OK || len == 0) return rc;
    lpv_value first = nth_value(*errs, 0);
    if ((rc = step_len(ev, call, first, &len)) != LP_EV_OK) return rc;
    if (len && first.kind != LPV_OBJECT && first.kind != LPV_MAP)
        return fail_call(ev, call, "panic in function implementation: not a string");
    const lpv_value *perr = len ? lpv_attr_get(first, "error", 5) : NULL;
    if (!perr || perr->kind == LPV_NULL) return LP_EV_OK;
    if ((rc = step_len(ev, call, *perr, &len)) != LP_EV_OK) return rc;
    if (len && perr->kind != LPV_OBJECT && perr->kind != LPV_MAP)
        return fail_call(ev, call, "panic in function implementation: not a string");
    const lpv_value *detail = len ? lpv_attr_get(*perr, "detail", 6) : NULL;
    if (!detail || detail->kind != LPV_STRING)   /* the result must be a string */
        return fail_call(ev, call, "panic in function implementation: returned value does not conform to "
                                   "expected return type string");
    *out = *detail;
    return LP_EV_OK;
}

/* ------------------------------------------------------------ encoding */

static int f_jsonencode(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lp_buf b = { 0 };
    int rc = lpv_json(&b, args[0]);
    if (rc == 0) rc = lpv_str(ev->arena, b.len ? b.data : "", b.len, out);
    lp_buf_free(&b);
    return rc == 0 ? LP_EV_OK : oom(ev, call);
}

typedef struct jp {
    ev_ctx *ev;
    const char *s;
    size_t n, i;
    int depth;
    const char *err;
} jp;

static void jp_ws(jp *p)
{
    while (p->i < p->n &&
           (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' || p->s[p->i] == '\r'))
        p->i++;
}

static int jp_string(jp *p, lpv_value *out)
{
    p->i++;   /* '"' */
    abuf b = { p->ev->arena, NULL, 0, 0, 0 };
    while (p->i < p->n && p->s[p->i] != '"') {
        unsigned char c = (unsigned char)p->s[p->i];
        if (c < 0x20) { p->err = "invalid character in string literal"; return -1; }
        if (c != '\\') {
            ab_putc(&b, (char)c);
            p->i++;
            continue;
        }
        if (++p->i >= p->n) break;
        char e = p->s[p->i++];
        unsigned cp;
        switch (e) {
        case '"': ab_putc(&b, '"'); break;
        case '\\': ab_putc(&b, '\\'); break;
        case '/': ab_putc(&b, '/'); break;
        case 'b': ab_putc(&b, '\b'); break;
        case 'f': ab_putc(&b, '\f'); break;
        case 'n': ab_putc(&b, '\n'); break;
        case 'r': ab_putc(&b, '\r'); break;
        case 't': ab_putc(&b, '\t'); break;
        case 'u': {
            if (p->i + 4 > p->n || js_hex4(p->s + p->i, &cp) != 0) { p->err = "invalid escape"; return -1; }
            p->i += 4;
            unsigned lo;
            if (cp >= 0xD800 && cp < 0xDC00 && p->i + 6 <= p->n && p->s[p->i] == '\\' &&
                p->s[p->i + 1] == 'u' && js_hex4(p->s + p->i + 2, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p->i += 6;
            }
            if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t en = utf8proc_encode_char((utf8proc_int32_t)cp, enc);
            ab_put(&b, (const char *)enc, (size_t)en);
            break;
        }
        default: p->err = "invalid escape"; return -1;
        }
    }
    if (p->i >= p->n) { p->err = "unterminated string"; return -1; }
    p->i++;
    if (b.oom) return -2;
    if (lpv_str_nfc(p->ev->arena, b.n ? b.p : "", b.n, out) != 0) return -2;
    return 0;
}

static int jp_value(jp *p, lpv_value *out)
{
    if (++p->depth > 256) { p->err = "nesting too deep"; return -1; }
    jp_ws(p);
    if (p->i >= p->n) { p->err = "unexpected end of JSON input"; return -1; }
    char c = p->s[p->i];
    int rc = 0;
    if (c == '"') rc = jp_string(p, out);
    else if (c == '{' || c == '[') {
        int obj = c == '{';
        p->i++;
        uint32_t cap = 8, k = 0;
        lpv_value *el = obj ? NULL : new_vals(p->ev, cap);
        lpv_attr *at = obj ? ar_alloc(p->ev->arena, cap * sizeof *at) : NULL;
        if (obj ? !at : !el) return -2;
        jp_ws(p);
        if (p->i < p->n && p->s[p->i] == (obj ? '}' : ']')) p->i++;
        else for (;;) {
            lpv_value key, v;
            jp_ws(p);
            if (obj) {
                if (p->i >= p->n || p->s[p->i] != '"') { p->err = "object key must be a string"; return -1; }
                if ((rc = jp_string(p, &key))) return rc;
                jp_ws(p);
                if (p->i >= p->n || p->s[p->i] != ':') { p->err = "missing ':' after object key"; return -1; }
                p->i++;
            }
            if ((rc = jp_value(p, &v))) return rc;
            if (k == cap) {
                cap *= 2;
                if (obj) {
                    lpv_attr *na = ar_alloc(p->ev->arena, cap * sizeof *na);
                    if (!na) return -2;
                    memcpy(na, at, k * sizeof *na);
                    at = na;
                } else {
                    lpv_value *ne = new_vals(p->ev, cap);
                    if (!ne) return -2;
                    memcpy(ne, el, k * sizeof *ne);
                    el = ne;
                }
            }
            if (obj) {
                at[k].key = key.u.s;
                at[k].klen = key.len;
                at[k].val = v;
            } else {
                el[k] = v;
            }
            k++;
            jp_ws(p);
            if (p->i < p->n && p->s[p->i] == ',') { p->i++; continue; }
            if (p->i < p->n && p->s[p->i] == (obj ? '}' : ']')) { p->i++; break; }
            p->err = obj ? "expected ',' or '}'" : "expected ',' or ']'";
            return -1;
        }
        *out = obj ? lpv_obj(LPV_OBJECT, at, k) : lpv_seq(LPV_TUPLE, el, k);
    } else if (c == 't' && p->n - p->i >= 4 && memcmp(p->s + p->i, "true", 4) == 0) {
        p->i += 4;
        *out = lpv_bool(1);
    } else if (c == 'f' && p->n - p->i >= 5 && memcmp(p->s + p->i, "false", 5) == 0) {
        p->i += 5;
        *out = lpv_bool(0);
    } else if (c == 'n' && p->n - p->i >= 4 && memcmp(p->s + p->i, "null", 4) == 0) {
        p->i += 4;
        *out = lpv_null();
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        size_t st = p->i;
        if (p->s[p->i] == '-') p->i++;
        while (p->i < p->n && strchr("0123456789.eE+-", p->s[p->i])) p->i++;
        if (lpv_num_parse(p->ev->arena, p->s + st, p->i - st, out) != 0) {
            p->err = "invalid number";
            return -1;
        }
    } else {
        p->err = "invalid character looking for beginning of value";
        return -1;
    }
    p->depth--;
    return rc;
}

int ev_json_decode(ev_ctx *ev, const char *s, size_t n, lpv_value *out, const char **why)
{
    jp p = { ev, s, n, 0, 0, NULL };
    int rc = jp_value(&p, out);
    if (rc == 0) {
        jp_ws(&p);
        if (p.i != p.n) {
            rc = -1;
            p.err = "extraneous data after JSON value";
        }
    }
    *why = rc == -1 ? (p.err ? p.err : "invalid JSON") : NULL;
    return rc;
}

static int f_jsondecode(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    const char *why;
    int rc = ev_json_decode(ev, args[0].u.s, args[0].len, out, &why);
    if (rc == -2) return oom(ev, call);
    if (rc) return fail_arg(ev, call, 0, "%s", why);
    return LP_EV_OK;
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void b64_put(abuf *b, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)s[i] << 16;
        if (i + 1 < n) v |= (uint32_t)s[i + 1] << 8;
        if (i + 2 < n) v |= s[i + 2];
        ab_putc(b, b64[(v >> 18) & 63]);
        ab_putc(b, b64[(v >> 12) & 63]);
        ab_putc(b, i + 1 < n ? b64[(v >> 6) & 63] : '=');
        ab_putc(b, i + 2 < n ? b64[v & 63] : '=');
    }
}

static int f_base64encode(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0];
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    b64_put(&b, (const unsigned char *)s.u.s, s.len);
    return ab_value(ev, call, &b, out);
}

static int f_base64decode(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0];
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    if (s.len % 4)
        return fail_call(ev, call, "failed to decode base64 data \"%.*s\"", (int)(s.len > 64 ? 64 : s.len),
                         s.u.s);
    for (size_t i = 0; i < s.len; i += 4) {
        int v[4], pad = 0;
        for (int k = 0; k < 4; k++) {
            char c = s.u.s[i + (size_t)k];
            const char *q = c ? strchr(b64, c) : NULL;
            if (c == '=' && i + 4 == s.len && k >= 2) { v[k] = 0; pad++; continue; }
            if (!q || pad)
                return fail_call(ev, call, "failed to decode base64 data \"%.*s\"",
                                 (int)(s.len > 64 ? 64 : s.len), s.u.s);
            v[k] = (int)(q - b64);
        }
        uint32_t w = (uint32_t)(v[0] << 18 | v[1] << 12 | v[2] << 6 | v[3]);
        ab_putc(&b, (char)(w >> 16));
        if (pad < 2) ab_putc(&b, (char)(w >> 8));
        if (pad < 1) ab_putc(&b, (char)w);
    }
    if (b.oom) return oom(ev, call);
    utf8proc_int32_t cp;
    for (size_t p = 0; p < b.n;) {
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)b.p + p, (utf8proc_ssize_t)(b.n - p), &cp);
        if (k <= 0)
            return fail_call(ev, call, "the result of decoding the provided string is not valid UTF-8");
        p += (size_t)k;
    }
    return ab_value(ev, call, &b, out);
}

static int f_urlencode(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0];
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.u.s[i];
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
            c == '_' || c == '.' || c == '~')
            ab_putc(&b, (char)c);
        else if (c == ' ')
            ab_putc(&b, '+');
        else {
            char t[4];
            snprintf(t, sizeof t, "%%%02X", c);
            ab_put(&b, t, 3);
        }
    }
    return ab_value(ev, call, &b, out);
}

/* ---- hashes */

/* libmd's one-call digests, all of this type (MD5Data, SHA1Data, SHA256Data, SHA512Data): the
 * digest of s[0, n) in lower-case hex, NUL-terminated, at out. */
typedef char *digest_fn(const uint8_t *s, size_t n, char *out);

static int hexval(char c);

static int hash_out(ev_ctx *ev, const hcl_expr *call, digest_fn *h, int base64, const char *s, size_t n,
                    lpv_value *out)
{
    char hex[SHA512_DIGEST_STRING_LENGTH];   /* the longest of the four */
    h((const uint8_t *)s, n, hex);
    size_t hn = strlen(hex);
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    if (!base64) {
        ab_put(&b, hex, hn);
        return ab_value(ev, call, &b, out);
    }
    unsigned char d[SHA512_DIGEST_LENGTH];
    for (size_t i = 0; i < hn / 2; i++)
        d[i] = (unsigned char)(hexval(hex[2 * i]) << 4 | hexval(hex[2 * i + 1]));
    b64_put(&b, d, hn / 2);
    return ab_value(ev, call, &b, out);
}

/* ------------------------------------------------------------ files, env */

static int read_file(ev_ctx *ev, const hcl_expr *call, lpv_value *args, const char **data, size_t *n)
{
    lpv_value p = args[0];
    const char *err = "no file reader";
    if (!ev->scope || !ev->scope->read_file ||
        ev->scope->read_file(ev->scope->user, p.u.s, p.len, ev->arena, data, n, &err) != 0)
        return fail_call(ev, call, "%s", err);
    return LP_EV_OK;
}

static int f_file(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    const char *d;
    size_t len;
    int rc = read_file(ev, call, args, &d, &len);
    if (rc) return rc;
    utf8proc_int32_t cp;
    for (size_t p = 0; p < len;) {
        uint64_t w;
        if (p + 8 <= len && (memcpy(&w, d + p, 8), !(w & 0x8080808080808080ull))) {
            p += 8;                    /* documents are mostly ASCII: a word at a time */
            continue;
        }
        if ((unsigned char)d[p] < 0x80) {
            p++;
            continue;
        }
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)d + p, (utf8proc_ssize_t)(len - p), &cp);
        if (k <= 0)
            return fail_call(ev, call,
                             "contents of \"%.*s\" are not valid UTF-8; use the filebase64 function to "
                             "obtain the Base64 encoded contents or the other file functions (e.g. filemd5, "
                             "filesha256) to obtain file hashing results instead",
                             (int)args[0].len, args[0].kind == LPV_STRING ? args[0].u.s : "");
        p += (size_t)k;
    }
    if (lpv_str_nfc(ev->arena, d, len, out) != 0) return oom(ev, call);
    return LP_EV_OK;
}

static int f_filebase64(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    const char *d;
    size_t len;
    int rc = read_file(ev, call, args, &d, &len);
    if (rc) return rc;
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    b64_put(&b, (const unsigned char *)d, len);
    return ab_value(ev, call, &b, out);
}

/* The twelve hash functions, by the name they were called by: the digest of the argument (a
 * string) or of the file it names (the file* ones, through read_file), in hex or in base64. */
static const struct hash_def {
    const char *name;
    digest_fn *digest;
    uint8_t base64, of_file;
} hash_defs[] = {
    { "base64sha256", SHA256Data, 1, 0 },     { "base64sha512", SHA512Data, 1, 0 },
    { "filebase64sha256", SHA256Data, 1, 1 }, { "filebase64sha512", SHA512Data, 1, 1 },
    { "filemd5", MD5Data, 0, 1 },             { "filesha1", SHA1Data, 0, 1 },
    { "filesha256", SHA256Data, 0, 1 },       { "filesha512", SHA512Data, 0, 1 },
    { "md5", MD5Data, 0, 0 },                 { "sha1", SHA1Data, 0, 0 },
    { "sha256", SHA256Data, 0, 0 },           { "sha512", SHA512Data, 0, 0 },
};

static int f_hash(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    hcl_str name = call->u.call.name;
    const struct hash_def *h = NULL;
    for (size_t i = 0; !h && i < sizeof hash_defs / sizeof hash_defs[0]; i++)
        if (strlen(hash_defs[i].name) == name.len && memcmp(hash_defs[i].name, name.p, name.len) == 0)
            h = &hash_defs[i];
    if (!h) return fail_call(ev, call, "no such hash function");   /* only the table's names get here */
    const char *s = args[0].u.s;
    size_t len = args[0].len;
    if (h->of_file) {
        int rc = read_file(ev, call, args, &s, &len);
        if (rc) return rc;
    }
    return hash_out(ev, call, h->digest, h->base64, s, len, out);
}

static int f_fileexists(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value p = args[0];
    int ex = ev->scope && ev->scope->file_exists ? ev->scope->file_exists(ev->scope->user, p.u.s, p.len) : 0;
    if (ex < 0)
        return fail_call(ev, call, "stat %.*s: outside the dependency mod's folder, which is all it may read",
                         (int)p.len, p.u.s);
    *out = lpv_bool(ex > 0);
    return LP_EV_OK;
}

static int f_env(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value k = args[0];
    char name[256];
    if (k.len >= sizeof name) {
        *out = lpv_str_ref("", 0);
        return LP_EV_OK;
    }
    memcpy(name, k.u.s, k.len);
    name[k.len] = 0;
    const char *v = ev->scope && ev->scope->getenv ? ev->scope->getenv(ev->scope->user, name) : NULL;
    if (!v) v = "";
    if (lpv_str(ev->arena, v, strlen(v), out) != 0) return oom(ev, call);
    return LP_EV_OK;
}

static int f_basename(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value p = args[0];
    size_t en = p.len;
    while (en > 1 && p.u.s[en - 1] == '/') en--;
    if (en == 0) {
        *out = lpv_str_ref(".", 1);
        return LP_EV_OK;
    }
    size_t st = en;
    while (st > 0 && p.u.s[st - 1] != '/') st--;
    if (en == 1 && p.u.s[0] == '/') st = 0;
    *out = lpv_str_ref(p.u.s + st, en - st);
    return LP_EV_OK;
}

static int f_dirname(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value p = args[0];
    size_t en = p.len;
    while (en > 0 && p.u.s[en - 1] != '/') en--;
    while (en > 1 && p.u.s[en - 1] == '/') en--;
    if (en == 0) *out = lpv_str_ref(".", 1);
    else *out = lpv_str_ref(p.u.s, en);
    return LP_EV_OK;
}

/* ------------------------------------------------------------ more collections, encodings */

/* matchkeys: values[i] for every keys[i] that is in searchset (Terraform's
 * collection.go).  keys and searchset are unified to one type first, so
 * matchkeys(["a"], [1], ["1"]) matches. */
static int f_matchkeys(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    uint32_t nv = args[0].len, nk = args[1].len, ns = args[2].len;
    lpv_value *vals = new_vals(ev, nv), *ks = new_vals(ev, nk + ns);
    if (!vals || !ks) return oom(ev, call);
    memcpy(vals, args[0].u.elems, nv * sizeof *vals);
    memcpy(ks, args[1].u.elems, nk * sizeof *ks);
    memcpy(ks + nk, args[2].u.elems, ns * sizeof *ks);
    const char *err;
    if (unify_elems(ev, vals, nv, &err) != 0) return fail_arg(ev, call, 0, "%s", err);
    if (unify_elems(ev, ks, nk + ns, &err) != 0)
        return fail_call(ev, call, "keys and searchset must be of the same type");
    if (nv != nk) return fail_call(ev, call, "length of keys and values should be equal");
    uint32_t k = 0;
    lpv_value *res = new_vals(ev, nv);
    if (!res) return oom(ev, call);
    for (uint32_t i = 0; i < nk; i++)
        for (uint32_t j = 0; j < ns; j++)
            if (lpv_equal(ks[i], ks[nk + j])) {
                res[k++] = vals[i];
                break;
            }
    *out = lpv_seq(LPV_LIST, res, k);
    return LP_EV_OK;
}

/* Go's base64.StdEncoding.DecodeString into b; returns the offset of the first
 * bad symbol (Go's CorruptInputError) or -1 when the input is valid. */
static long b64_decode(abuf *b, const char *s, size_t n)
{
    unsigned v = 0;
    int bits = 0;
    size_t i = 0;
    for (; i < n && s[i] != '='; i++) {
        const char *q = s[i] ? strchr(b64, s[i]) : NULL;
        if (s[i] == '\r' || s[i] == '\n') continue;
        if (!q) return (long)i;
        v = v << 6 | (unsigned)(q - b64);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            ab_putc(b, (char)(v >> bits));
        }
    }
    /* padding: exactly enough '=' to complete the last quantum */
    size_t sym = 0;
    for (size_t k = 0; k < i; k++) sym += s[k] != '\r' && s[k] != '\n';
    size_t pad = 0;
    for (; i < n; i++) {
        if (s[i] == '\r' || s[i] == '\n') continue;
        if (s[i] != '=' || (sym + pad) % 4 == 0) return (long)i;
        pad++;
    }
    if ((sym + pad) % 4 != 0) return (long)n;
    if (sym % 4 == 1) return (long)n;
    return -1;
}

/* Encodings by IANA name through iconv; names with '/' would pass iconv's
 * //TRANSLIT and //IGNORE suffixes, which Terraform has no counterpart for. */
static iconv_t text_iconv(const lpv_value *name, int encode)
{
    char nm[64];
    if (name->len == 0 || name->len >= sizeof nm || memchr(name->u.s, '/', name->len) ||
        memchr(name->u.s, 0, name->len))
        return (iconv_t)-1;
    memcpy(nm, name->u.s, name->len);
    nm[name->len] = 0;
    /* Go's "UTF-16" decodes by BOM (big-endian without one) and encodes big-endian with a BOM */
    if (strcasecmp(nm, "UTF-16") == 0 && encode) return iconv_open("UTF-16BE", "UTF-8");
    return encode ? iconv_open(nm, "UTF-8") : iconv_open("UTF-8", nm);
}

static int run_iconv(iconv_t cd, abuf *b, const char *s, size_t n)
{
    char tmp[256];
    char *in = (char *)s;
    size_t left = n;
    for (;;) {
        char *o = tmp;
        size_t room = sizeof tmp;
        size_t r = iconv(cd, left ? &in : NULL, left ? &left : NULL, &o, &room);
        ab_put(b, tmp, sizeof tmp - room);
        if (r != (size_t)-1) {
            if (left == 0) {
                o = tmp;
                room = sizeof tmp;
                iconv(cd, NULL, NULL, &o, &room);
                ab_put(b, tmp, sizeof tmp - room);
                return 0;
            }
            continue;
        }
        if (errno != E2BIG) return -1;
    }
}

/* The string and encoding arguments and a converter for the encoding. */
static int text_args(ev_ctx *ev, const hcl_expr *call, lpv_value *args, int encode, lpv_value *s,
                     lpv_value *enc, iconv_t *cd)
{
    *s = args[0];
    *enc = args[1];
    *cd = text_iconv(enc, encode);
    if (*cd == (iconv_t)-1)
        return fail_arg(ev, call, 1,
                        "\"%.*s\" is not a supported IANA encoding name or alias in this Terraform version",
                        (int)(enc->len > 64 ? 64 : enc->len), enc->u.s);
    return LP_EV_OK;
}

static int f_textencodebase64(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s, enc;
    iconv_t cd;
    int rc = text_args(ev, call, args, 1, &s, &enc, &cd);
    if (rc) return rc;
    abuf raw = { ev->arena, NULL, 0, 0, 0 };
    if (enc.len == 6 && strncasecmp(enc.u.s, "UTF-16", 6) == 0) ab_put(&raw, "\xfe\xff", 2);
    int bad = run_iconv(cd, &raw, s.u.s, s.len);
    iconv_close(cd);
    if (bad)
        return fail_arg(ev, call, 0,
                        "the given string contains characters that cannot be represented in %.*s",
                        (int)(enc.len > 64 ? 64 : enc.len), enc.u.s);
    if (raw.oom) return oom(ev, call);
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    b64_put(&b, (const unsigned char *)raw.p, raw.n);
    return ab_value(ev, call, &b, out);
}

static int f_textdecodebase64(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s, enc;
    iconv_t cd;
    int rc = text_args(ev, call, args, 0, &s, &enc, &cd);
    if (rc) return rc;
    abuf raw = { ev->arena, NULL, 0, 0, 0 };
    long badat = b64_decode(&raw, s.u.s, s.len);
    if (badat >= 0) {
        iconv_close(cd);
        return fail_arg(ev, call, 0, "the given value is has an invalid base64 symbol at offset %ld", badat);
    }
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    int bad = raw.oom ? 0 : run_iconv(cd, &b, raw.n ? raw.p : "", raw.n);
    iconv_close(cd);
    if (raw.oom || b.oom) return oom(ev, call);
    /* Go's decoders substitute U+FFFD for undefined bytes, which Terraform rejects */
    if (bad || (b.n && memmem(b.p, b.n, "\xef\xbf\xbd", 3)))
        return fail_arg(ev, call, 0, "the given string contains symbols that are not defined for %.*s",
                        (int)(enc.len > 64 ? 64 : enc.len), enc.u.s);
    return ab_value(ev, call, &b, out);
}

/* zlib's free gives no size and mem_free wants one: keep it in a header. */
static voidpf gz_alloc(voidpf opaque, uInt items, uInt size)
{
    (void)opaque;
    size_t n = (size_t)items * size + 16;
    unsigned char *p = mem_malloc(n);
    if (!p) return Z_NULL;
    memcpy(p, &n, sizeof n);
    return p + 16;
}

static void gz_free(voidpf opaque, voidpf p)
{
    (void)opaque;
    if (!p) return;
    size_t n;
    unsigned char *h = (unsigned char *)p - 16;
    memcpy(&n, h, sizeof n);
    mem_free(h, n);
}

/* base64gzip: the bytes Go's gzip.Writer produces — header with zero mtime,
 * OS 255; for non-empty input a deflate block ended by a sync flush; then
 * Go's final empty stored block; CRC-32 and length.  zlib and Go's
 * compress/flate pick the same blocks for short inputs; longer ones may
 * compress differently (still valid gzip of the same data). */
static int f_base64gzip(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0];
    z_stream z;
    memset(&z, 0, sizeof z);
    z.zalloc = gz_alloc;
    z.zfree = gz_free;
    if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return oom(ev, call);
    uLong bound = deflateBound(&z, s.len) + 32;
    unsigned char *g = ar_alloc(ev->arena, bound + 10 + 5 + 8);
    if (!g) {
        deflateEnd(&z);
        return oom(ev, call);
    }
    static const unsigned char hdr[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff };
    memcpy(g, hdr, sizeof hdr);
    size_t len = sizeof hdr;
    if (s.len) {
        z.next_in = (Bytef *)s.u.s;
        z.avail_in = (uInt)s.len;
        z.next_out = g + len;
        z.avail_out = (uInt)bound;
        int zr = deflate(&z, Z_SYNC_FLUSH);
        if (zr != Z_OK || z.avail_in) {
            deflateEnd(&z);
            return fail_call(ev, call, "failed to write gzip raw data");
        }
        len += bound - z.avail_out;
    }
    deflateEnd(&z);
    static const unsigned char fin[5] = { 1, 0, 0, 0xff, 0xff };
    memcpy(g + len, fin, sizeof fin);
    len += sizeof fin;
    uLong crc = crc32(0L, (const Bytef *)s.u.s, (uInt)s.len);
    unsigned char tr[8] = { (unsigned char)crc, (unsigned char)(crc >> 8), (unsigned char)(crc >> 16),
                            (unsigned char)(crc >> 24), (unsigned char)s.len, (unsigned char)(s.len >> 8),
                            (unsigned char)(s.len >> 16), (unsigned char)(s.len >> 24) };
    memcpy(g + len, tr, sizeof tr);
    len += sizeof tr;
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    b64_put(&b, g, len);
    return ab_value(ev, call, &b, out);
}

/* ---- csvdecode: Go's encoding/csv reader with its defaults (comma, no
 * comments, strict quotes), as cty's stdlib uses it. */

typedef struct csvr {
    const char *s;
    size_t n, i;
    long line;     /* lines consumed so far, as Go's numLine */
    const char *err;
    long errline;
    long recline;  /* the line the current record starts on */
} csvr;

/* A field's end at r->i, taken: ',' (more fields follow: 0), or a line's end or the text's (the
 * record's: 1); -1 when r->i is at neither. */
static int field_end(csvr *r)
{
    if (r->i >= r->n) return 1;
    char c = r->s[r->i];
    if (c == ',') {
        r->i++;
        return 0;
    }
    if (c == '\n') {
        r->i++;
        return 1;
    }
    if (c == '\r' && (r->i + 1 == r->n || r->s[r->i + 1] == '\n')) {
        r->i += r->i + 1 < r->n ? 2 : 1;
        return 1;
    }
    return -1;
}

/* One record's fields into f (arena strings); 0 ok, 1 EOF, -1 error, -2 OOM. */
static int csv_record(ev_ctx *ev, csvr *r, lpv_value **fields, uint32_t *nf)
{
    /* skip empty lines ("\n" or "\r\n") */
    for (;;) {
        if (r->i >= r->n) return 1;
        if (r->s[r->i] == '\n') { r->i++; r->line++; continue; }
        if (r->s[r->i] == '\r' && r->i + 1 < r->n && r->s[r->i + 1] == '\n') {
            r->i += 2;
            r->line++;
            continue;
        }
        if (r->s[r->i] == '\r' && r->i + 1 == r->n) { r->i++; r->line++; continue; }
        break;
    }
    r->line++;
    r->recline = r->line;
    uint32_t cap = 8, cnt = 0;
    lpv_value *f = new_vals(ev, cap);
    if (!f) return -2;
    for (;;) {
        abuf b = { ev->arena, NULL, 0, 0, 0 };
        int end = 0; /* record ended */
        if (r->i < r->n && r->s[r->i] == '"') {
            r->i++;
            for (;;) {
                if (r->i >= r->n) {
                    r->err = "extraneous or missing \" in quoted-field";
                    r->errline = r->line;
                    return -1;
                }
                char c = r->s[r->i];
                if (c == '"') {
                    if (r->i + 1 < r->n && r->s[r->i + 1] == '"') { ab_putc(&b, '"'); r->i += 2; continue; }
                    r->i++;
                    int fe = field_end(r);
                    if (fe >= 0) { end = fe; break; }
                    r->err = "extraneous or missing \" in quoted-field";
                    r->errline = r->line;
                    return -1;
                }
                if (c == '\r' && r->i + 1 < r->n && r->s[r->i + 1] == '\n') {
                    ab_putc(&b, '\n');
                    r->i += 2;
                    r->line++;
                    continue;
                }
                if (c == '\n') r->line++;
                ab_putc(&b, c);
                r->i++;
            }
        } else {
            for (;;) {
                int fe = field_end(r);
                if (fe >= 0) { end = fe; break; }
                char c = r->s[r->i];
                if (c == '"') { r->err = "bare \" in non-quoted-field"; r->errline = r->line; return -1; }
                ab_putc(&b, c);
                r->i++;
            }
        }
        if (b.oom) return -2;
        if (cnt == cap) {
            lpv_value *nfv = new_vals(ev, cap * 2);
            if (!nfv) return -2;
            memcpy(nfv, f, cnt * sizeof *f);
            f = nfv;
            cap *= 2;
        }
        if (lpv_str(ev->arena, b.n ? b.p : "", b.n, &f[cnt]) != 0) return -2;
        cnt++;
        if (end) break;
    }
    *fields = f;
    *nf = cnt;
    return 0;
}

static int f_csvdecode(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0];
    csvr r = { s.u.s, s.len, 0, 0, NULL, 0, 0 };
    lpv_value *hdr;
    uint32_t nh;
    int rc = csv_record(ev, &r, &hdr, &nh);
    if (rc == -2) return oom(ev, call);
    if (rc == 1) return fail_call(ev, call, "missing header line");
    if (rc < 0) return fail_call(ev, call, "CSV parse error on line %ld: %s", r.errline, r.err);
    for (uint32_t i = 0; i < nh; i++)
        for (uint32_t j = 0; j < i; j++)
            if (lpv_equal(hdr[i], hdr[j]))
                return fail_call(ev, call, "duplicate column name \"%.*s\"", (int)hdr[i].len, hdr[i].u.s);
    uint32_t cap = 16, cnt = 0;
    lpv_value *rows = new_vals(ev, cap);
    if (!rows) return oom(ev, call);
    for (;;) {
        lpv_value *f;
        uint32_t nf;
        rc = csv_record(ev, &r, &f, &nf);
        if (rc == 1) break;
        if (rc == -2) return oom(ev, call);
        if (rc < 0) return fail_call(ev, call, "CSV parse error on line %ld: %s", r.errline, r.err);
        if (nf != nh) /* Go reports the record's first line */
            return fail_call(ev, call, "CSV parse error on line %ld: wrong number of fields", r.recline);
        lpv_attr *at = ar_alloc(ev->arena, (nh ? nh : 1) * sizeof *at);
        if (!at) return oom(ev, call);
        for (uint32_t i = 0; i < nh; i++) {
            at[i].key = hdr[i].u.s;
            at[i].klen = hdr[i].len;
            at[i].val = f[i];
        }
        if (cnt == cap) {
            lpv_value *nr = new_vals(ev, cap * 2);
            if (!nr) return oom(ev, call);
            memcpy(nr, rows, cnt * sizeof *rows);
            rows = nr;
            cap *= 2;
        }
        rows[cnt++] = lpv_obj(LPV_OBJECT, at, nh);
    }
    *out = lpv_seq(LPV_LIST, rows, cnt);
    return LP_EV_OK;
}

/* ------------------------------------------------------------ time */

/* A parsed RFC 3339 timestamp: seconds since the epoch (UTC), nanoseconds,
 * and the UTC offset it was written with (seconds). */
typedef struct fn_time {
    int64_t sec;
    int32_t nsec;
    int32_t off;
} fn_time;

static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int days_in(int m, int64_t y)
{
    static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) return 29;
    return dm[m - 1];
}

static int go_digit(const char *s, size_t n, size_t i)
{
    return i < n && s[i] >= '0' && s[i] <= '9';
}

/* Go's getnum: one or two digits (exactly two when fixed). */
static int go_getnum(const char **s, size_t *n, int fixed, int *out)
{
    if (!go_digit(*s, *n, 0)) return -1;
    if (!go_digit(*s, *n, 1)) {
        if (fixed) return -1;
        *out = (*s)[0] - '0';
        (*s)++, (*n)--;
        return 0;
    }
    *out = ((*s)[0] - '0') * 10 + (*s)[1] - '0';
    *s += 2, *n -= 2;
    return 0;
}

/* Go's quote(): the string in double quotes with " and \ escaped. */
static void go_quote(char *buf, size_t size, const char *s, size_t n)
{
    size_t w = 0;
    if (w + 1 < size) buf[w++] = '"';
    for (size_t i = 0; i < n && w + 3 < size; i++) {
        if (s[i] == '"' || s[i] == '\\') buf[w++] = '\\';
        buf[w++] = s[i];
    }
    if (w + 1 < size) buf[w++] = '"';
    buf[w] = 0;
}

/* time.Parse(time.RFC3339, s), with its errors reworded as Terraform's and
 * cty's parseTimestamp words them (the odd "value" parts are Go's: the text
 * left after the element that failed).  0 ok, -1 with err filled. */
static int parse_rfc3339(const char *s, size_t n, fn_time *t, char *err, size_t esz)
{
    static const char *const what[] = { "year",   "month",  "day of month", "hour",
                                        "minute", "second", "UTC offset" };
    static const char *const seps[] = { "", "-", "-", "T", ":", ":", "" };
    int v[6] = { 0 };
    int32_t nsec = 0, off = 0;
    const char *range = NULL;
    int el;
    char q[160];
    for (el = 0; el < 7; el++) {
        const char *sep = seps[el];
        if (*sep) {
            if (n == 0 || *s != *sep) {
                if (*sep == 'T')
                    snprintf(err, esz, "not a valid RFC3339 timestamp: missing required time introducer 'T'");
                else if (n == 0)
                    snprintf(err, esz,
                             "not a valid RFC3339 timestamp: end of string where \"%s\" is expected", sep);
                else {
                    go_quote(q, sizeof q, s, n);
                    snprintf(err, esz, "not a valid RFC3339 timestamp: found %s where \"%s\" is expected", q,
                             sep);
                }
                return -1;
            }
            s++, n--;
        }
        int bad = 0;
        switch (el) {
        case 0:
            if (n < 4 || !go_digit(s, n, 0)) { bad = 1; break; }
            for (int k = 0; k < 4; k++) {
                if (!go_digit(s, n, (size_t)k)) bad = 1;
                v[0] = v[0] * 10 + s[k] - '0';
            }
            s += 4, n -= 4;
            break;
        case 1:
            if (go_getnum(&s, &n, 1, &v[1])) bad = 1;
            else if (v[1] <= 0 || v[1] > 12) range = "month";
            break;
        case 2:
            if (go_getnum(&s, &n, 1, &v[2])) bad = 1;
            break;
        case 3:
            if (go_getnum(&s, &n, 0, &v[3])) bad = 1;
            else if (v[3] >= 24) range = "hour";
            break;
        case 4:
            if (go_getnum(&s, &n, 1, &v[4])) bad = 1;
            else if (v[4] >= 60) range = "minute";
            break;
        case 5:
            if (go_getnum(&s, &n, 1, &v[5])) { bad = 1; break; }
            if (v[5] >= 60) { range = "second"; break; }
            if (n >= 2 && (s[0] == '.' || s[0] == ',') && go_digit(s, n, 1)) {
                size_t k = 1;
                int32_t scale = 100000000;
                for (; k < n && go_digit(s, n, k); k++) {
                    if (k <= 9) nsec += (s[k] - '0') * scale;
                    scale /= 10;
                }
                s += k, n -= k;
            }
            break;
        default:
            if (n >= 1 && s[0] == 'Z') { s++, n--; break; }
            if (n < 6 || s[3] != ':') { bad = 1; break; }
            {
                char sign = s[0];
                const char *hh = s + 1, *mm = s + 4;
                size_t two = 2;
                int h, m;
                s += 6, n -= 6;
                if (go_getnum(&hh, &two, 1, &h)) { bad = 1; break; }
                two = 2;
                if (go_getnum(&mm, &two, 1, &m)) { bad = 1; break; }
                if (h > 24) range = "time zone offset hour";
                if (m > 60) range = "time zone offset minute";
                off = (h * 60 + m) * 60;
                if (sign == '-') off = -off;
                else if (sign != '+') bad = 1;
            }
            break;
        }
        if (bad || range) {
            if (n == 0)
                snprintf(err, esz, "not a valid RFC3339 timestamp: end of string before %s", what[el]);
            else {
                go_quote(q, sizeof q, s, n);
                snprintf(err, esz, "not a valid RFC3339 timestamp: cannot use %s as %s", q, what[el]);
            }
            return -1;
        }
    }
    if (n) {
        go_quote(q, sizeof q, s, n);
        snprintf(err, esz, "not a valid RFC3339 timestamp: cannot use %s as timestamp segment", q);
        return -1;
    }
    if (v[2] < 1 || v[2] > days_in(v[1], v[0])) {
        snprintf(err, esz, "not a valid RFC3339 timestamp: day out of range");
        return -1;
    }
    t->sec = days_from_civil(v[0], v[1], v[2]) * 86400 + v[3] * 3600 + v[4] * 60 + v[5] - off;
    t->nsec = nsec;
    t->off = off;
    return 0;
}

/* The broken-down local time of t (in its own offset). */
typedef struct fn_tm {
    int64_t year;
    int mon, day, hour, min, sec, wday;
} fn_tm;

static fn_tm time_local(const fn_time *t)
{
    fn_tm r;
    int64_t ls = t->sec + t->off;
    int64_t days = ls >= 0 ? ls / 86400 : -((-ls + 86399) / 86400);
    int64_t rem = ls - days * 86400;
    civil_from_days(days, &r.year, &r.mon, &r.day);
    r.hour = (int)(rem / 3600);
    r.min = (int)(rem / 60 % 60);
    r.sec = (int)(rem % 60);
    r.wday = (int)(((days % 7) + 11) % 7); /* 1970-01-01 was a Thursday */
    return r;
}

static void put_offset(abuf *b, int32_t off, int colon)
{
    char t[16];
    int32_t a = off < 0 ? -off : off;
    snprintf(t, sizeof t, colon ? "%c%02d:%02d" : "%c%02d%02d", off < 0 ? '-' : '+', (int)(a / 3600),
             (int)(a / 60 % 60));
    ab_put(b, t, strlen(t));
}

/* Go's Format(time.RFC3339). */
static void put_rfc3339(abuf *b, const fn_time *t)
{
    fn_tm m = time_local(t);
    char s[48];
    snprintf(s, sizeof s, "%s%04lld-%02d-%02dT%02d:%02d:%02d", m.year < 0 ? "-" : "",
             (long long)(m.year < 0 ? -m.year : m.year), m.mon, m.day, m.hour, m.min, m.sec);
    ab_put(b, s, strlen(s));
    if (t->off == 0) ab_putc(b, 'Z');
    else put_offset(b, t->off, 1);
}

static int time_arg(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t i, fn_time *t)
{
    lpv_value s = args[i];
    char err[256];
    if (parse_rfc3339(s.u.s, s.len, t, err, sizeof err) != 0) return fail_arg(ev, call, i, "%s", err);
    return LP_EV_OK;
}

static const char *const month_names[] = { "January", "February", "March", "April", "May", "June", "July",
                                           "August", "September", "October", "November", "December" };
static const char *const day_names[] = { "Sunday",   "Monday", "Tuesday", "Wednesday",
                                         "Thursday", "Friday", "Saturday" };

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* formatdate: cty's letter mnemonics (stdlib/datetime.go). */
/* formatdate's one- or two-letter numeric verb tok (tl letters; D, h, H, m, s): v as "%d" or
 * "%02d" into num; longer, the error naming what the verb is. */
static int numeric_verb(ev_ctx *ev, const hcl_expr *call, const char *tok, size_t tl, int v, const char *what,
                        char *num, size_t size)
{
    if (tl > 2)
        return fail_arg(ev, call, 0,
                        "invalid date format verb \"%.*s\": %s must either be \"%c\" or \"%c%c\"", (int)tl,
                        tok, what, tok[0], tok[0], tok[0]);
    snprintf(num, size, "%0*d", (int)tl, v);
    return 0;
}

static int f_formatdate(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value f = args[0];
    fn_time t;
    int rc = time_arg(ev, call, args, 1, &t);
    if (rc) return rc;
    fn_tm m = time_local(&t);
    int hour12 = m.hour % 12 ? m.hour % 12 : 12;
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    const char *s = f.u.s;
    size_t len = f.len;
    for (size_t i = 0; i < len;) {
        char c = s[i], num[32];
        if (c == '\'') {
            if (i + 1 < len && s[i + 1] == '\'') {
                ab_putc(&b, '\'');
                i += 2;
                continue;
            }
            size_t j = i + 1;
            int closed = 0;
            for (; j < len; j++) {
                if (s[j] != '\'') continue;
                if (j + 1 < len && s[j + 1] == '\'') { j++; continue; }
                closed = 1;
                break;
            }
            if (!closed) return fail_arg(ev, call, 0, "unterminated literal '");
            for (size_t k = i + 1; k < j; k++) {
                ab_putc(&b, s[k]);
                if (s[k] == '\'') k++;
            }
            i = j + 1;
            continue;
        }
        if (!is_alpha(c)) {
            ab_putc(&b, c);
            i++;
            continue;
        }
        size_t k = i;
        while (k < len && s[k] == c) k++;
        size_t tl = k - i;
        const char *tok = s + i;
        int ti = (int)tl;
        i = k;
        num[0] = 0;
        switch (c) {
        case 'Y':
            if (tl == 2) snprintf(num, sizeof num, "%02d", (int)(((m.year % 100) + 100) % 100));
            else if (tl == 4) snprintf(num, sizeof num, "%04lld", (long long)m.year);
            else
                return fail_arg(ev, call, 0,
                                "invalid date format verb \"%.*s\": year must either be \"YY\" or \"YYYY\"",
                                ti, tok);
            break;
        case 'M':
            if (tl == 1) snprintf(num, sizeof num, "%d", m.mon);
            else if (tl == 2) snprintf(num, sizeof num, "%02d", m.mon);
            else if (tl == 3) snprintf(num, sizeof num, "%.3s", month_names[m.mon - 1]);
            else if (tl == 4) snprintf(num, sizeof num, "%s", month_names[m.mon - 1]);
            else
                return fail_arg(
                    ev, call, 0,
                    "invalid date format verb \"%.*s\": month must be \"M\", \"MM\", \"MMM\", or \"MMMM\"",
                    ti, tok);
            break;
        case 'D': rc = numeric_verb(ev, call, tok, tl, m.day, "day of month", num, sizeof num); break;
        case 'E':
            if (tl == 3) snprintf(num, sizeof num, "%.3s", day_names[m.wday]);
            else if (tl == 4) snprintf(num, sizeof num, "%s", day_names[m.wday]);
            else
                return fail_arg(
                    ev, call, 0,
                    "invalid date format verb \"%.*s\": day of week must either be \"EEE\" or \"EEEE\"", ti,
                    tok);
            break;
        case 'h': rc = numeric_verb(ev, call, tok, tl, m.hour, "24-hour", num, sizeof num); break;
        case 'H': rc = numeric_verb(ev, call, tok, tl, hour12, "12-hour", num, sizeof num); break;
        case 'A': case 'a':
            if (tl != 2)
                return fail_arg(ev, call, 0, "invalid date format verb \"%.*s\": must be \"%c%c\"", ti, tok,
                                c, c);
            snprintf(num, sizeof num, "%s",
                     m.hour < 12 ? (c == 'A' ? "AM" : "am") : (c == 'A' ? "PM" : "pm"));
            break;
        case 'm': rc = numeric_verb(ev, call, tok, tl, m.min, "minute", num, sizeof num); break;
        case 's': rc = numeric_verb(ev, call, tok, tl, m.sec, "second", num, sizeof num); break;
        case 'Z':
            if (tl == 1 && t.off == 0) ab_putc(&b, 'Z');
            else if (tl == 3 && t.off == 0) ab_put(&b, "UTC", 3);
            else if (tl == 1 || tl == 5) put_offset(&b, t.off, 1);
            else if (tl == 3 || tl == 4) put_offset(&b, t.off, 0);
            else
                return fail_arg(ev, call, 0,
                                "invalid date format verb \"%.*s\": timezone must be Z, ZZZZ, or ZZZZZ", ti,
                                tok);
            break;
        default:
            return fail_arg(ev, call, 0, "invalid date format verb \"%.*s\"", ti, tok);
        }
        if (rc) return rc;
        ab_put(&b, num, strlen(num));
    }
    return ab_value(ev, call, &b, out);
}

/* time.ParseDuration: 0 ok (nanoseconds in *d), else err filled. */
static int parse_duration(const char *s, size_t n, int64_t *d, char *err, size_t esz)
{
    static const struct { const char *u; uint64_t ns; } units[] = {
        { "ns", 1 }, { "us", 1000 }, { "\xc2\xb5s", 1000 }, { "\xce\xbcs", 1000 }, { "ms", 1000000 },
        { "s", 1000000000ull }, { "m", 60000000000ull }, { "h", 3600000000000ull },
    };
    const char *orig = s;
    size_t on = n;
    char q[160], uq[64];
    go_quote(q, sizeof q, orig, on);
    uint64_t total = 0;
    int neg = 0;
    if (n && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        s++, n--;
    }
    if (n == 1 && s[0] == '0') { *d = 0; return 0; }
    if (n == 0) goto invalid;
    while (n) {
        uint64_t v = 0, f = 0;
        double scale = 1;
        if (!(s[0] == '.' || (s[0] >= '0' && s[0] <= '9'))) goto invalid;
        size_t k = 0;
        for (; k < n && s[k] >= '0' && s[k] <= '9'; k++) {
            if (v > (1ull << 63) / 10) goto invalid;
            v = v * 10 + (uint64_t)(s[k] - '0');
            if (v > 1ull << 63) goto invalid;
        }
        int pre = k > 0, post = 0;
        s += k, n -= k;
        if (n && s[0] == '.') {
            s++, n--;
            int overflow = 0;
            for (k = 0; k < n && s[k] >= '0' && s[k] <= '9'; k++) {
                if (overflow) continue;
                if (f > (UINT64_MAX >> 1) / 10) { overflow = 1; continue; }
                uint64_t y = f * 10 + (uint64_t)(s[k] - '0');
                if (y > 1ull << 63) { overflow = 1; continue; }
                f = y;
                scale *= 10;
            }
            post = k > 0;
            s += k, n -= k;
        }
        if (!pre && !post) goto invalid;
        for (k = 0; k < n && !(s[k] == '.' || (s[k] >= '0' && s[k] <= '9')); k++) {}
        if (k == 0) {
            snprintf(err, esz, "time: missing unit in duration %s", q);
            return -1;
        }
        uint64_t unit = 0;
        for (size_t u = 0; u < sizeof units / sizeof units[0]; u++)
            if (strlen(units[u].u) == k && memcmp(units[u].u, s, k) == 0) unit = units[u].ns;
        if (!unit) {
            go_quote(uq, sizeof uq, s, k);
            snprintf(err, esz, "time: unknown unit %s in duration %s", uq, q);
            return -1;
        }
        s += k, n -= k;
        if (v > (1ull << 63) / unit) goto invalid;
        v *= unit;
        if (f > 0) {
            v += (uint64_t)((double)f * ((double)unit / scale));
            if (v > 1ull << 63) goto invalid;
        }
        total += v;
        if (total > 1ull << 63) goto invalid;
    }
    if (neg) *d = total == 1ull << 63 ? INT64_MIN : -(int64_t)total;
    else if (total > (uint64_t)INT64_MAX) goto invalid;
    else *d = (int64_t)total;
    return 0;
invalid:
    snprintf(err, esz, "time: invalid duration %s", q);
    return -1;
}

static int f_timeadd(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value ts = args[0], ds = args[1];
    fn_time t;
    int64_t d;
    char err[256];
    /* Terraform returns both errors as plain call errors */
    if (parse_rfc3339(ts.u.s, ts.len, &t, err, sizeof err) != 0) return fail_call(ev, call, "%s", err);
    if (parse_duration(ds.u.s, ds.len, &d, err, sizeof err) != 0) return fail_call(ev, call, "%s", err);
    int64_t ds_ = d / 1000000000, dn = d % 1000000000;
    t.sec += ds_;
    t.nsec += (int32_t)dn;
    if (t.nsec < 0) { t.nsec += 1000000000; t.sec--; }
    if (t.nsec >= 1000000000) { t.nsec -= 1000000000; t.sec++; }
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    put_rfc3339(&b, &t);
    return ab_value(ev, call, &b, out);
}

static int f_timecmp(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    fn_time a, b;
    int rc = time_arg(ev, call, args, 0, &a);
    if (!rc) rc = time_arg(ev, call, args, 1, &b);
    if (rc) return rc;
    int c = a.sec != b.sec ? (a.sec < b.sec ? -1 : 1) : a.nsec != b.nsec ? (a.nsec < b.nsec ? -1 : 1) : 0;
    *out = lpv_int(c);
    return LP_EV_OK;
}

/* ------------------------------------------------------------ network */

/* Addresses as 128-bit integers (IPv4 in the low 32 bits) with their width.
 * Parsing is Terraform's internal/ipaddr: Go 1.16's net.ParseCIDR, which
 * still reads IPv4 fields with leading zeros as decimal. */
__extension__ typedef unsigned __int128 ip_u128;

typedef struct ipnet {
    ip_u128 ip;  /* network address (host bits cleared) */
    int bits;    /* 32 or 128 */
    int plen;    /* prefix length */
} ipnet;

static ip_u128 ip_mask(int plen, int bits)
{
    if (plen <= 0) return 0;
    ip_u128 all = bits == 128 ? ~(ip_u128)0 : (((ip_u128)1 << 32) - 1);
    return plen >= bits ? all : all & ~((((ip_u128)1) << (bits - plen)) - 1);
}

/* Go's dtoi: decimal digits, at least one, below 0xFFFFFF. */
static int go_dtoi(const char *s, size_t n, size_t *i, long *out)
{
    long v = 0;
    size_t st = *i;
    for (; *i < n && s[*i] >= '0' && s[*i] <= '9'; (*i)++) {
        v = v * 10 + (s[*i] - '0');
        if (v >= 0xFFFFFF) return -1;
    }
    if (*i == st) return -1;
    *out = v;
    return 0;
}

static int parse_ipv4(const char *s, size_t n, uint32_t *out)
{
    size_t i = 0;
    uint32_t v = 0;
    for (int k = 0; k < 4; k++) {
        if (k > 0) {
            if (i >= n || s[i] != '.') return -1;
            i++;
        }
        long f;
        if (go_dtoi(s, n, &i, &f) || f > 0xFF) return -1;
        v = v << 8 | (uint32_t)f;
    }
    if (i != n) return -1;
    *out = v;
    return 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Go 1.16's parseIPv6 (no zone). */
static int parse_ipv6(const char *s, size_t n, ip_u128 *out)
{
    uint8_t ip[16] = { 0 };
    int ellipsis = -1, k = 0;
    size_t i = 0;
    if (n >= 2 && s[0] == ':' && s[1] == ':') {
        ellipsis = 0;
        i = 2;
        if (i == n) goto done;
    }
    while (k < 16) {
        size_t st = i;
        long v = 0;
        for (; i < n && hexval(s[i]) >= 0; i++) {
            v = v * 16 + hexval(s[i]);
            if (v >= 0xFFFFFF) return -1;
        }
        if (i == st || v > 0xFFFF) return -1;
        if (i < n && s[i] == '.') {
            /* embedded IPv4 in the last 32 bits */
            if (ellipsis < 0 && k != 12) return -1;
            if (k + 4 > 16) return -1;
            uint32_t v4;
            if (parse_ipv4(s + st, n - st, &v4)) return -1;
            ip[k] = (uint8_t)(v4 >> 24), ip[k + 1] = (uint8_t)(v4 >> 16), ip[k + 2] = (uint8_t)(v4 >> 8),
            ip[k + 3] = (uint8_t)v4;
            k += 4;
            i = n;
            break;
        }
        ip[k] = (uint8_t)(v >> 8), ip[k + 1] = (uint8_t)v;
        k += 2;
        if (i == n) break;
        if (s[i] != ':' || i + 1 == n) return -1;
        i++;
        if (s[i] == ':') {
            if (ellipsis >= 0) return -1;
            ellipsis = k;
            if (++i == n) break;
        }
    }
    if (i != n) return -1;
    if (k < 16) {
        if (ellipsis < 0) return -1;
        int nn = 16 - k;
        for (int j = k - 1; j >= ellipsis; j--) ip[j + nn] = ip[j];
        for (int j = ellipsis + nn - 1; j >= ellipsis; j--) ip[j] = 0;
    } else if (ellipsis >= 0) {
        return -1; /* an ellipsis must stand for at least one group */
    }
done:;
    ip_u128 v = 0;
    for (int j = 0; j < 16; j++) v = v << 8 | ip[j];
    *out = v;
    return 0;
}

static int parse_cidr(const char *s, size_t n, ipnet *net)
{
    const char *sl = memchr(s, '/', n);
    if (!sl) return -1;
    size_t an = (size_t)(sl - s), i = an + 1;
    uint32_t v4;
    if (parse_ipv4(s, an, &v4) == 0) {
        net->bits = 32;
        net->ip = v4;
    } else if (parse_ipv6(s, an, &net->ip) == 0) {
        net->bits = 128;
    } else {
        return -1;
    }
    long pl;
    if (go_dtoi(s, n, &i, &pl) || i != n || pl > net->bits) return -1;
    net->plen = (int)pl;
    net->ip &= ip_mask(net->plen, net->bits);
    return 0;
}

/* Go's net.IP.String(): dotted IPv4 (also for IPv4-mapped IPv6), else
 * RFC 5952 text with the longest run of two or more zero groups as "::". */
static void put_ip(abuf *b, ip_u128 ip, int bits)
{
    char t[64];
    if (bits == 32 || (ip >> 32) == 0xFFFF) {
        uint32_t v = (uint32_t)ip;
        snprintf(t, sizeof t, "%u.%u.%u.%u", v >> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255);
        ab_put(b, t, strlen(t));
        return;
    }
    unsigned g[8];
    for (int k = 0; k < 8; k++) g[k] = (unsigned)(ip >> (112 - 16 * k)) & 0xFFFF;
    int best = -1, blen = 1;
    for (int k = 0; k < 8;) {
        int j = k;
        while (j < 8 && g[j] == 0) j++;
        if (j - k > blen) { best = k; blen = j - k; }
        k = j > k ? j : k + 1;
    }
    for (int k = 0; k < 8; k++) {
        if (k == best) {
            ab_put(b, "::", 2);
            k += blen - 1;
            continue;
        }
        if (k > 0 && k != best + blen) ab_putc(b, ':');
        snprintf(t, sizeof t, "%x", g[k]);
        ab_put(b, t, strlen(t));
    }
}

static void put_net(abuf *b, ip_u128 ip, int bits, int plen)
{
    char t[16];
    put_ip(b, ip, bits);
    snprintf(t, sizeof t, "/%d", plen);
    ab_put(b, t, strlen(t));
}

static int cidr_arg(ev_ctx *ev, const hcl_expr *call, lpv_value *args, ipnet *net, int argerr)
{
    lpv_value s = args[0];
    if (parse_cidr(s.u.s, s.len, net) == 0) return LP_EV_OK;
    int m = s.len > 200 ? 200 : (int)s.len;
    if (argerr) return fail_arg(ev, call, 0, "invalid CIDR expression: invalid CIDR address: %.*s", m, s.u.s);
    return fail_call(ev, call, "invalid CIDR expression: invalid CIDR address: %.*s", m, s.u.s);
}

static int f_cidrhost(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    int64_t num = whole(args[1]);
    ipnet net;
    int rc = cidr_arg(ev, call, args, &net, 0);
    if (rc) return rc;
    int hostlen = net.bits - net.plen;
    /* go-cidr's HostBig: a negative number counts back from the last address */
    ip_u128 maxh = hostlen >= 128 ? ~(ip_u128)0 : (((ip_u128)1) << hostlen) - 1;
    ip_u128 mag = num < 0 ? (ip_u128)(-(num + 1)) : (ip_u128)num;
    if (mag > maxh) {
        long long shown = num;
        if (num < 0 && hostlen < 63) shown = (long long)maxh - (long long)mag;
        return fail_call(ev, call, "prefix of %d does not accommodate a host numbered %lld", net.plen, shown);
    }
    ip_u128 h = num < 0 ? maxh - mag : mag;
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    put_ip(&b, net.ip | h, net.bits);
    return ab_value(ev, call, &b, out);
}

static int f_cidrnetmask(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    ipnet net;
    int rc = cidr_arg(ev, call, args, &net, 0);
    if (rc) return rc;
    if (net.bits != 32)
        return fail_call(ev, call, "IPv6 addresses cannot have a netmask: %.*s",
                         (int)(args[0].len > 200 ? 200 : args[0].len), args[0].u.s);
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    put_ip(&b, ip_mask(net.plen, 32), 32);
    return ab_value(ev, call, &b, out);
}

static int f_cidrsubnet(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    int64_t nb = whole(args[1]), num = whole(args[2]);
    ipnet net;
    int rc = cidr_arg(ev, call, args, &net, 0);
    if (rc) return rc;
    if (nb < 0 || net.plen + nb > net.bits)
        return fail_call(ev, call, "insufficient address space to extend prefix of %d by %lld", net.plen,
                         (long long)nb);
    int np = net.plen + (int)nb;
    ip_u128 maxn = nb >= 64 ? ~(ip_u128)0 : (((ip_u128)1) << nb) - 1;
    if (num < 0 || (ip_u128)num > maxn)
        return fail_call(ev, call, "prefix extension of %lld does not accommodate a subnet numbered %lld",
                         (long long)nb, (long long)num);
    abuf b = { ev->arena, NULL, 0, 0, 0 };
    put_net(&b, net.ip | ((ip_u128)num << (net.bits - np)), net.bits, np);
    return ab_value(ev, call, &b, out);
}

/* cidrsubnets: consecutive subnets, each aligned after the previous one
 * (go-cidr's PreviousSubnet/NextSubnet walk). */
static int f_cidrsubnets(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    ipnet net;
    int rc = cidr_arg(ev, call, args, &net, 1);
    if (rc) return rc;
    lpv_value *el = new_vals(ev, n);
    if (!el) return oom(ev, call);
    ip_u128 all = ip_mask(net.bits, net.bits);
    ip_u128 cur = 0;
    int curlen = 0;
    for (uint32_t i = 1; i < n; i++) {
        int64_t len;   /* whole-checked here, after the prefix, as Terraform's cidrsubnets does */
        if (lpv_num_to_i64(args[i], &len) != 0) return fail_arg(ev, call, i, "a whole number is required");
        if (len < 1) return fail_arg(ev, call, i, "must extend prefix by at least one bit");
        if (len > 32) return fail_arg(ev, call, i, "may not extend prefix by more than 32 bits");
        int pl = net.plen + (int)len;
        if (pl > net.bits)
            return fail_arg(ev, call, i,
                            "would extend prefix to %d bits, which is too long for an %s address", pl,
                            net.bits == 32 ? "IPv4" : "IPv6");
        if (i == 1) {
            curlen = pl;
            cur = ((net.ip - 1) & all) & ip_mask(curlen, net.bits);
        }
        ip_u128 last = cur | (~ip_mask(curlen, net.bits) & all);
        ip_u128 m = ip_mask(pl, net.bits);
        ip_u128 sublast = (last & m) | (~m & all);
        ip_u128 next = ((sublast + 1) & all) & m;
        int rollover = ((sublast + 1) & all) == 0;
        if (rollover || (next & ip_mask(net.plen, net.bits)) != net.ip) {
            abuf e = { ev->arena, NULL, 0, 0, 0 };
            put_net(&e, cur, net.bits, curlen);
            ab_putc(&e, 0);
            if (e.oom) return oom(ev, call);
            return fail_arg(
                ev, call, i,
                "not enough remaining address space for a subnet with a prefix of %d bits after %s", pl, e.p);
        }
        cur = next;
        curlen = pl;
        abuf b = { ev->arena, NULL, 0, 0, 0 };
        put_net(&b, cur, net.bits, curlen);
        rc = ab_value(ev, call, &b, &el[i - 1]);
        if (rc) return rc;
    }
    *out = lpv_seq(LPV_LIST, el, n - 1);
    return LP_EV_OK;
}

/* ------------------------------------------------------------ yaml */

/* yamlencode: go-cty-yaml's marshal, whose emitter is a port of libyaml's, so
 * libyaml emits the same text: block style, strings double-quoted (literal
 * style when they hold a newline), numbers as big.Float Text('f', -1). */
typedef struct yenc {
    ev_ctx *ev;
    abuf out;
} yenc;

static int yenc_write(void *data, unsigned char *buf, size_t size)
{
    yenc *y = data;
    ab_put(&y->out, (const char *)buf, size);
    return !y->out.oom;
}

static int yenc_scalar(yaml_emitter_t *em, const char *s, size_t n, yaml_scalar_style_t style)
{
    yaml_event_t e;
    if (!yaml_scalar_event_initialize(&e, NULL, NULL, (yaml_char_t *)s, (int)n, 1, 1, style)) return -1;
    return yaml_emitter_emit(em, &e) ? 0 : -1;
}

static int yenc_value(yenc *y, yaml_emitter_t *em, lpv_value v, int depth)
{
    yaml_event_t e;
    if (depth > 256) return -1;
    switch (v.kind) {
    case LPV_NULL:
        return yenc_scalar(em, "null", 4, YAML_PLAIN_SCALAR_STYLE);
    case LPV_BOOL:
        return v.u.b ? yenc_scalar(em, "true", 4, YAML_PLAIN_SCALAR_STYLE)
                     : yenc_scalar(em, "false", 5, YAML_PLAIN_SCALAR_STYLE);
    case LPV_STRING:
        return yenc_scalar(em, v.len ? v.u.s : "", v.len,
                           v.len && memchr(v.u.s, '\n', v.len) ? YAML_LITERAL_SCALAR_STYLE
                                                               : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
    case LPV_NUMBER: {
        int inf = lpv_num_is_inf(v);
        if (inf) return yenc_scalar(em, inf > 0 ? "+.Inf" : "-.Inf", 5, YAML_PLAIN_SCALAR_STYLE);
        lp_buf b = { 0 };
        int rc = lpv_num_format(y->ev->arena, v, 'f', -1, &b);
        if (rc == 0) rc = yenc_scalar(em, b.data ? b.data : "", b.len, YAML_PLAIN_SCALAR_STYLE);
        lp_buf_free(&b);
        return rc;
    }
    case LPV_TUPLE: case LPV_LIST: case LPV_SET:
        if (!yaml_sequence_start_event_initialize(&e, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE) ||
            !yaml_emitter_emit(em, &e))
            return -1;
        for (uint32_t i = 0; i < v.len; i++)
            if (yenc_value(y, em, v.u.elems[i], depth + 1)) return -1;
        if (!yaml_sequence_end_event_initialize(&e) || !yaml_emitter_emit(em, &e)) return -1;
        return 0;
    case LPV_OBJECT: case LPV_MAP:
        if (!yaml_mapping_start_event_initialize(&e, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE) ||
            !yaml_emitter_emit(em, &e))
            return -1;
        for (uint32_t i = 0; i < v.len; i++) {
            const lpv_attr *a = &v.u.attrs[i];
            if (yenc_scalar(em, a->klen ? a->key : "", a->klen,
                            a->klen && memchr(a->key, '\n', a->klen) ? YAML_LITERAL_SCALAR_STYLE
                                                                     : YAML_DOUBLE_QUOTED_SCALAR_STYLE) ||
                yenc_value(y, em, a->val, depth + 1))
                return -1;
        }
        if (!yaml_mapping_end_event_initialize(&e) || !yaml_emitter_emit(em, &e)) return -1;
        return 0;
    default:
        return -1;
    }
}

static int f_yamlencode(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    yenc y = { ev, { ev->arena, NULL, 0, 0, 0 } };
    yaml_emitter_t em;
    yaml_event_t e;
    if (!yaml_emitter_initialize(&em)) return oom(ev, call);
    yaml_emitter_set_output(&em, yenc_write, &y);
    yaml_emitter_set_unicode(&em, 1);
    int ok = yaml_stream_start_event_initialize(&e, YAML_UTF8_ENCODING) && yaml_emitter_emit(&em, &e) &&
             yaml_document_start_event_initialize(&e, NULL, NULL, NULL, 1) && yaml_emitter_emit(&em, &e) &&
             yenc_value(&y, &em, args[0], 0) == 0 &&
             yaml_document_end_event_initialize(&e, 1) && yaml_emitter_emit(&em, &e) &&
             yaml_stream_end_event_initialize(&e) && yaml_emitter_emit(&em, &e);
    const char *problem = em.problem;
    yaml_emitter_delete(&em);
    if (y.out.oom) return oom(ev, call);
    if (!ok) return fail_call(ev, call, "%s", problem ? problem : "cannot serialize value as YAML");
    /* go-yaml's emitter (unlike libyaml 0.2.5) ends a document whose root is a
     * plain scalar with the "..." marker */
    lpv_kind k = (lpv_kind)args[0].kind;
    if (k == LPV_NULL || k == LPV_BOOL || k == LPV_NUMBER) ab_put(&y.out, "...\n", 4);
    return ab_value(ev, call, &y.out, out);
}

/* yamldecode: go-cty-yaml's unmarshal over libyaml's parser events (its
 * parser is a port of libyaml's).  Mappings become objects, sequences tuples;
 * plain scalars are resolved as resolve.go does, quoted ones stay strings;
 * anchors, aliases and "<<" merge keys are supported, self-references are
 * not. */
typedef struct yanchor {
    const char *name;
    size_t len;
    int pending, has;
    lpv_value v;
} yanchor;

typedef struct ydec {
    ev_ctx *ev;
    yaml_parser_t p;
    yanchor *anc;
    uint32_t nanc, canc;
    char err[320];
    int oom;
} ydec;

__attribute__((format(printf, 3, 4)))
static int ydec_fail(ydec *d, const yaml_mark_t *m, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (m) snprintf(d->err, sizeof d->err, "on line %zu, column %zu: %s", m->line, m->column, msg);
    else snprintf(d->err, sizeof d->err, "%s", msg);
    return -1;
}

/* go-cty-yaml's parserError: the problem at its mark (scanner errors one line on, column 0). */
static int ydec_next(ydec *d, yaml_event_t *e)
{
    if (yaml_parser_parse(&d->p, e)) return 0;
    if (d->p.error == YAML_MEMORY_ERROR) {
        d->oom = 1;
        return -1;
    }
    const char *pr = d->p.problem ? d->p.problem : "invalid YAML syntax";
    yaml_mark_t m;
    if (d->p.problem_mark.line != 0) {
        m = d->p.problem_mark;
        if (d->p.error == YAML_SCANNER_ERROR) {
            m.line++;
            m.column = 0;
        }
        return ydec_fail(d, &m, "%s", pr);
    }
    if (d->p.context_mark.line != 0) return ydec_fail(d, &d->p.context_mark, "%s", pr);
    return ydec_fail(d, NULL, "%s", pr);
}

static yanchor *ydec_anchor(ydec *d, const char *name, int create)
{
    size_t len = strlen(name);
    for (uint32_t i = 0; i < d->nanc; i++)
        if (d->anc[i].len == len && memcmp(d->anc[i].name, name, len) == 0) return &d->anc[i];
    if (!create) return NULL;
    if (d->nanc == d->canc) {
        uint32_t nc = d->canc ? d->canc * 2 : 8;
        yanchor *na = ar_alloc(d->ev->arena, nc * sizeof *na);
        if (!na) {
            d->oom = 1;
            return NULL;
        }
        if (d->nanc) memcpy(na, d->anc, d->nanc * sizeof *na);
        d->anc = na;
        d->canc = nc;
    }
    char *nm = ar_alloc(d->ev->arena, len + 1);
    if (!nm) {
        d->oom = 1;
        return NULL;
    }
    memcpy(nm, name, len + 1);
    yanchor *a = &d->anc[d->nanc++];
    memset(a, 0, sizeof *a);
    a->name = nm;
    a->len = len;
    return a;
}

static int ydec_begin(ydec *d, const yaml_char_t *anchor)
{
    if (!anchor) return 0;
    yanchor *a = ydec_anchor(d, (const char *)anchor, 1);
    if (!a) return -1;
    a->pending++;
    return 0;
}

static void ydec_complete(ydec *d, const yaml_char_t *anchor, lpv_value v)
{
    if (!anchor) return;
    yanchor *a = ydec_anchor(d, (const char *)anchor, 0);
    if (!a) return;
    a->pending--;
    a->has = 1;
    a->v = v;
}

#define YTAG "tag:yaml.org,2002:"

/* Go's time.Parse with go-cty-yaml's timestamp layouts ("2006-1-2T15:4:5.999999999Z07:00",
 * the same with 't', "2006-1-2 15:4:5.999999999", "2006-1-2"). */
static int yaml_timestamp(const char *s, size_t n, fn_time *t)
{
    const char *e = s + n;
    int v[6] = { 0 };
    if (n < 5) return -1;
    for (int k = 0; k < 4; k++) {
        if (s[k] < '0' || s[k] > '9') return -1;
        v[0] = v[0] * 10 + s[k] - '0';
    }
    if (s[4] != '-') return -1;
    size_t rem = n - 5;
    const char *p = s + 5;
    if (go_getnum(&p, &rem, 0, &v[1]) || rem == 0 || *p != '-') return -1;
    p++, rem--;
    if (go_getnum(&p, &rem, 0, &v[2])) return -1;
    int32_t nsec = 0, off = 0;
    if (rem) {
        char sep = *p;
        if (sep != 'T' && sep != 't' && sep != ' ') return -1;
        p++, rem--;
        if (go_getnum(&p, &rem, 0, &v[3]) || !rem || *p != ':') return -1;
        p++, rem--;
        if (go_getnum(&p, &rem, 0, &v[4]) || !rem || *p != ':') return -1;
        p++, rem--;
        if (go_getnum(&p, &rem, 0, &v[5])) return -1;
        if (rem >= 2 && (*p == '.' || *p == ',') && p[1] >= '0' && p[1] <= '9') {
            size_t k = 1;
            int32_t scale = 100000000;
            for (; k < rem && p[k] >= '0' && p[k] <= '9' && k <= 9; k++) {
                nsec += (p[k] - '0') * scale;
                scale /= 10;
            }
            p += k, rem -= k;
        }
        if (sep != ' ') {
            if (rem >= 1 && *p == 'Z') p++, rem--;
            else {
                int h, m;
                const char *hh, *mm;
                size_t two = 2;
                if (rem < 6 || p[3] != ':' || (p[0] != '+' && p[0] != '-')) return -1;
                hh = p + 1, mm = p + 4;
                if (go_getnum(&hh, &two, 1, &h)) return -1;
                two = 2;
                if (go_getnum(&mm, &two, 1, &m)) return -1;
                if (h > 24 || m > 60) return -1;
                off = (h * 60 + m) * 60 * (p[0] == '-' ? -1 : 1);
                p += 6, rem -= 6;
            }
        }
    }
    if (p != e) return -1;
    if (v[1] < 1 || v[1] > 12 || v[3] >= 24 || v[4] >= 60 || v[5] >= 60 || v[2] < 1 ||
        v[2] > days_in(v[1], v[0]))
        return -1;
    t->sec = days_from_civil(v[0], v[1], v[2]) * 86400 + v[3] * 3600 + v[4] * 60 + v[5] - off;
    t->nsec = nsec;
    t->off = off;
    return 0;
}

/* strconv.ParseInt/ParseUint with base 0 (0x, 0o, 0b, leading-0 octal). */
static int go_parse_int0(const char *s, size_t n, int64_t *iv, uint64_t *uv, int *is_unsigned)
{
    int neg = 0;
    size_t i = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
    int base = 10;
    if (i + 1 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) base = 16, i += 2;
    else if (i + 1 < n && s[i] == '0' && (s[i + 1] == 'o' || s[i + 1] == 'O')) base = 8, i += 2;
    else if (i + 1 < n && s[i] == '0' && (s[i + 1] == 'b' || s[i + 1] == 'B')) base = 2, i += 2;
    else if (i < n && s[i] == '0' && i + 1 < n) base = 8, i++;
    if (i >= n) return base == 8 && n > 0 && s[n - 1] == '0' ? (*iv = 0, *is_unsigned = 0, 0) : -1;
    uint64_t v = 0;
    for (; i < n; i++) {
        int dv = hexval(s[i]);
        if (dv < 0 || dv >= base) return -1;
        if (v > (UINT64_MAX - (uint64_t)dv) / (uint64_t)base) return -1;
        v = v * (uint64_t)base + (uint64_t)dv;
    }
    if (neg) {
        if (v > (uint64_t)INT64_MAX + 1) return -1;
        *iv = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
        *is_unsigned = 0;
    } else if (v > (uint64_t)INT64_MAX) {
        *uv = v;
        *is_unsigned = 1;
    } else {
        *iv = (int64_t)v;
        *is_unsigned = 0;
    }
    return 0;
}

static int yaml_bool_null(const char *s, size_t n, lpv_value *out)
{
    static const char *const t[] = {
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"
    };
    static const char *const f[] = { "n",     "N",     "no",  "No",  "NO", "false",
                                     "False", "FALSE", "off", "Off", "OFF" };
    static const char *const z[] = { "", "~", "null", "Null", "NULL" };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strlen(t[i]) == n && memcmp(t[i], s, n) == 0) { *out = lpv_bool(1); return 'b'; }
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        if (strlen(f[i]) == n && memcmp(f[i], s, n) == 0) { *out = lpv_bool(0); return 'b'; }
    for (size_t i = 0; i < sizeof z / sizeof z[0]; i++)
        if (strlen(z[i]) == n && memcmp(z[i], s, n) == 0) { *out = lpv_null(); return 'z'; }
    return 0;
}

/* A number from src with '_' removed, as cty.ParseNumberVal reads it. */
static int yaml_number(ydec *d, const char *s, size_t n, int strip, lpv_value *out)
{
    char *c = ar_alloc(d->ev->arena, n ? n : 1);
    if (!c) { d->oom = 1; return -1; }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!strip || s[i] != '_') c[k++] = s[i];
    if (k == 0) return -1;
    return lpv_num_parse(d->ev->arena, c, k, out) == 0 ? 0 : -1;
}

static int ydec_resolve(ydec *d, const char *tag, const char *s, size_t n, yaml_scalar_style_t style,
                        const yaml_mark_t *m, lpv_value *out)
{
    const char *t = tag ? tag : "";
    static const char *const ok[] = { "", YTAG "str", YTAG "bool", YTAG "int", YTAG "float", YTAG "null",
                                      YTAG "timestamp", YTAG "binary" };
    int resolvable = 0;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) resolvable |= strcmp(t, ok[i]) == 0;
    if (!resolvable) return ydec_fail(d, m, "unsupported tag \"%s\"", t);
    int is_str = strcmp(t, YTAG "str") == 0, is_bin = strcmp(t, YTAG "binary") == 0;
    char hint = 'N';
    if (n) {
        unsigned char c0 = (unsigned char)s[0];
        hint = c0 == '+' || c0 == '-'            ? 'S'
               : c0 >= '0' && c0 <= '9'          ? 'D'
               : strchr("yYnNtTfFoO~", c0) && c0 ? 'M'
               : c0 == '.'                       ? '.'
                                                 : 0;
    }
    char q[96];
    if (hint && !is_str && !is_bin) {
        if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
            goto as_string;
        lpv_value bv;
        if (yaml_bool_null(s, n, &bv)) { *out = bv; return 0; }
        if (n == 4 && (!memcmp(s, ".inf", 4) || !memcmp(s, ".Inf", 4) || !memcmp(s, ".INF", 4)))
            return lpv_num_parse(d->ev->arena, "+Inf", 4, out) == 0
                       ? 0
                       : ydec_fail(d, m, "cannot parse infinity");
        if (n == 5 && (s[0] == '+' || s[0] == '-') &&
            (!memcmp(s + 1, ".inf", 4) || !memcmp(s + 1, ".Inf", 4) || !memcmp(s + 1, ".INF", 4)))
            return lpv_num_parse(d->ev->arena, s[0] == '+' ? "+Inf" : "-Inf", 4, out) == 0
                       ? 0
                       : ydec_fail(d, m, "cannot parse infinity");
        if (!*t && n == 4 && (!memcmp(s, ".nan", 4) || !memcmp(s, ".NaN", 4) || !memcmp(s, ".NAN", 4)))
            return ydec_fail(d, m, "floating point NaN is not supported");
        if (hint == '.') {
            if (yaml_number(d, s, n, 0, out) == 0) return 0;
        } else if (hint == 'D' || hint == 'S') {
            fn_time ts;
            if ((!*t || strcmp(t, YTAG "timestamp") == 0) && yaml_timestamp(s, n, &ts) == 0) goto timestamp;
            if (yaml_number(d, s, n, 1, out) == 0) return 0;
            if (d->oom) return -1;
            if ((n > 2 && !memcmp(s, "0b", 2)) || (n > 3 && !memcmp(s, "-0b", 3))) t = YTAG "int";
        }
        if (d->oom) return -1;
    }
    if (!*t && n == 2 && !memcmp(s, "<<", 2)) return ydec_fail(d, m, "cannot use a merge key as a value");
    if (is_str || is_bin) {
        if (is_bin) {
            abuf tmp = { d->ev->arena, NULL, 0, 0, 0 };
            if (b64_decode(&tmp, s, n) >= 0) {
                go_quote(q, sizeof q, s, n > 64 ? 64 : n);
                return ydec_fail(d, m, "cannot parse %s as %s: not valid base64", q, t);
            }
        }
        goto as_string;
    }
    if (strcmp(t, YTAG "bool") == 0) {
        lpv_value bv;
        if (yaml_bool_null(s, n, &bv) == 'b') { *out = bv; return 0; }
        go_quote(q, sizeof q, s, n > 64 ? 64 : n);
        return ydec_fail(d, m, "cannot parse %s as %s", q, t);
    }
    if (strcmp(t, YTAG "int") == 0 || strcmp(t, YTAG "float") == 0) {
        if (yaml_number(d, s, n, 1, out) == 0) return 0;
        if (d->oom) return -1;
        char *c = ar_alloc(d->ev->arena, n ? n : 1);
        if (!c) { d->oom = 1; return -1; }
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (s[i] != '_') c[k++] = s[i];
        int64_t iv;
        uint64_t uv;
        int un;
        if (go_parse_int0(c, k, &iv, &uv, &un) == 0) {
            if (!un) { *out = lpv_int(iv); return 0; }
            char num[32];
            snprintf(num, sizeof num, "%llu", (unsigned long long)uv);
            if (lpv_num_parse(d->ev->arena, num, strlen(num), out) == 0) return 0;
        }
        go_quote(q, sizeof q, s, n > 64 ? 64 : n);
        return ydec_fail(d, m, "cannot parse %s as %s", q, t);
    }
    if (strcmp(t, YTAG "timestamp") == 0) {
        fn_time ts;
        if (yaml_timestamp(s, n, &ts) == 0) {
            abuf b;
timestamp:
            b = (abuf){ d->ev->arena, NULL, 0, 0, 0 };
            fn_time tt;
            yaml_timestamp(s, n, &tt);
            put_rfc3339(&b, &tt);
            if (b.oom) { d->oom = 1; return -1; }
            *out = lpv_str_ref(b.p, b.n);
            return 0;
        }
        go_quote(q, sizeof q, s, n > 64 ? 64 : n);
        return ydec_fail(d, m, "cannot parse %s as %s", q, t);
    }
    if (strcmp(t, YTAG "null") == 0) {
        *out = lpv_null();
        return 0;
    }
as_string:
    if (lpv_str(d->ev->arena, n ? s : "", n, out) != 0) { d->oom = 1; return -1; }
    return 0;
}

static int ydec_node(ydec *d, yaml_event_t *e, lpv_value *out, int depth);

/* Parse the next event and the node it starts. */
static int ydec_parse(ydec *d, lpv_value *out, int depth)
{
    yaml_event_t e;
    if (ydec_next(d, &e)) return -1;
    return ydec_node(d, &e, out, depth);
}

static int ydec_attrs_put(ydec *d, lpv_attr **at, uint32_t *n, uint32_t *cap, const char *k, size_t kl,
                          lpv_value v)
{
    if (*n == *cap) {
        uint32_t nc = *cap ? *cap * 2 : 8;
        lpv_attr *na = ar_alloc(d->ev->arena, nc * sizeof *na);
        if (!na) { d->oom = 1; return -1; }
        if (*n) memcpy(na, *at, *n * sizeof *na);
        *at = na;
        *cap = nc;
    }
    (*at)[*n].key = k;
    (*at)[*n].klen = (uint32_t)kl;
    (*at)[*n].val = v;
    (*n)++;
    return 0;
}

static int ydec_mapping(ydec *d, yaml_event_t *start, lpv_value *out, int depth)
{
    lpv_attr *at = NULL;
    uint32_t na = 0, cap = 0;
    for (;;) {
        yaml_event_t k;
        if (ydec_next(d, &k)) return -1;
        if (k.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&k);
            *out = lpv_obj(LPV_OBJECT, at, na);
            return 0;
        }
        if (k.type == YAML_SCALAR_EVENT && k.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
            k.data.scalar.length == 2 && !memcmp(k.data.scalar.value, "<<", 2) &&
            (!k.data.scalar.tag || !strcmp((const char *)k.data.scalar.tag, YTAG "merge"))) {
            yaml_mark_t km = k.start_mark;
            yaml_event_delete(&k);
            lpv_value mv;
            if (ydec_parse(d, &mv, depth + 1)) return -1;
            if (lpv_is_obj(mv)) {
                for (uint32_t i = 0; i < mv.len; i++)
                    if (ydec_attrs_put(d, &at, &na, &cap, mv.u.attrs[i].key, mv.u.attrs[i].klen,
                                       mv.u.attrs[i].val))
                        return -1;
            } else if (mv.kind == LPV_TUPLE || mv.kind == LPV_LIST) {
                for (uint32_t j = 0; j < mv.len; j++) {
                    lpv_value m = mv.u.elems[j];
                    if (!lpv_is_obj(m))
                        return ydec_fail(d, &km, "cannot merge %s (from sequence) into mapping",
                                         lpv_kind_name(m));
                    for (uint32_t i = 0; i < m.len; i++)
                        if (ydec_attrs_put(d, &at, &na, &cap, m.u.attrs[i].key, m.u.attrs[i].klen,
                                           m.u.attrs[i].val))
                            return -1;
                }
            } else {
                return ydec_fail(d, &km, "cannot merge %s into mapping",
                                 mv.kind == LPV_NULL ? "null" : lpv_kind_name(mv));
            }
            continue;
        }
        if (k.type != YAML_SCALAR_EVENT) {
            yaml_mark_t km = k.start_mark;
            yaml_event_delete(&k);
            return ydec_fail(d, &km, "only strings are allowed as mapping keys");
        }
        lpv_value kv;
        yaml_mark_t km = k.start_mark;
        int rc = ydec_resolve(d, (const char *)k.data.scalar.tag, (const char *)k.data.scalar.value,
                              k.data.scalar.length, k.data.scalar.style, &k.start_mark, &kv);
        yaml_event_delete(&k);
        if (rc) return -1;
        if (kv.kind == LPV_NULL) return ydec_fail(d, &km, "mapping key cannot be null");
        lpv_value ks;
        const char *err;
        if (lpv_to_string(d->ev->arena, kv, &ks, &err) != 0)
            return ydec_fail(d, &km, "only strings are allowed as mapping keys");
        lpv_value v;
        if (ydec_parse(d, &v, depth + 1)) return -1;
        if (ydec_attrs_put(d, &at, &na, &cap, ks.u.s, ks.len, v)) return -1;
    }
    (void)start;
}

static int ydec_sequence(ydec *d, lpv_value *out, int depth)
{
    lpv_value *el = NULL;
    uint32_t n = 0, cap = 0;
    for (;;) {
        yaml_event_t e;
        if (ydec_next(d, &e)) return -1;
        if (e.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&e);
            *out = lpv_seq(LPV_TUPLE, el, n);
            return 0;
        }
        if (n == cap) {
            uint32_t nc = cap ? cap * 2 : 8;
            lpv_value *ne = new_vals(d->ev, nc);
            if (!ne) {
                yaml_event_delete(&e);
                d->oom = 1;
                return -1;
            }
            if (n) memcpy(ne, el, n * sizeof *ne);
            el = ne;
            cap = nc;
        }
        if (ydec_node(d, &e, &el[n], depth + 1)) return -1;
        n++;
    }
}

/* Builds the node e starts and deletes e. */
static int ydec_node(ydec *d, yaml_event_t *e, lpv_value *out, int depth)
{
    int rc = -1;
    const yaml_char_t *anchor = NULL;
    char *anc = NULL;
    if (depth > 512) {
        ydec_fail(d, &e->start_mark, "document is nested too deeply");
        yaml_event_delete(e);
        return -1;
    }
    switch (e->type) {
    case YAML_SCALAR_EVENT:
        anchor = e->data.scalar.anchor;
        if (ydec_begin(d, anchor)) break;
        rc = ydec_resolve(d, (const char *)e->data.scalar.tag, (const char *)e->data.scalar.value,
                          e->data.scalar.length, e->data.scalar.style, &e->start_mark, out);
        if (!rc) ydec_complete(d, anchor, *out);
        break;
    case YAML_ALIAS_EVENT: {
        yanchor *a = ydec_anchor(d, (const char *)e->data.alias.anchor, 0);
        if (a && a->pending)
            rc = ydec_fail(d, &e->start_mark, "cannot refer to anchor \"%s\" from inside its own definition",
                           a->name);
        else if (!a || !a->has)
            rc = ydec_fail(d, &e->start_mark, "reference to undefined anchor \"%s\"",
                           (const char *)e->data.alias.anchor);
        else {
            *out = a->v;
            rc = 0;
        }
        break;
    }
    case YAML_MAPPING_START_EVENT:
    case YAML_SEQUENCE_START_EVENT: {
        int map = e->type == YAML_MAPPING_START_EVENT;
        const char *tag = (const char *)(map ? e->data.mapping_start.tag : e->data.sequence_start.tag);
        anchor = map ? e->data.mapping_start.anchor : e->data.sequence_start.anchor;
        if (tag && strcmp(tag, map ? YTAG "map" : YTAG "seq") != 0) {
            rc = ydec_fail(d, &e->start_mark, "can't interpret %s as %s", map ? "mapping" : "sequence", tag);
            break;
        }
        if (anchor) {
            size_t al = strlen((const char *)anchor);
            anc = ar_alloc(d->ev->arena, al + 1);
            if (!anc) { d->oom = 1; break; }
            memcpy(anc, anchor, al + 1);
        }
        if (ydec_begin(d, (const yaml_char_t *)anc)) break;
        yaml_event_t st = *e;
        memset(e, 0, sizeof *e);
        rc = map ? ydec_mapping(d, &st, out, depth) : ydec_sequence(d, out, depth);
        yaml_event_delete(&st);
        if (!rc) ydec_complete(d, (const yaml_char_t *)anc, *out);
        return rc;
    }
    case YAML_DOCUMENT_START_EVENT:
        rc = ydec_fail(d, &e->start_mark, "only a single document is allowed");
        break;
    case YAML_STREAM_END_EVENT:
        rc = ydec_fail(d, &e->start_mark, "expecting value but found end of stream");
        break;
    case YAML_MAPPING_END_EVENT:
        rc = ydec_fail(d, &e->start_mark, "expecting value but found end of mapping");
        break;
    case YAML_SEQUENCE_END_EVENT:
        rc = ydec_fail(d, &e->start_mark, "expecting value but found end of sequence");
        break;
    default:
        rc = ydec_fail(d, &e->start_mark, "unexpected parser event");
        break;
    }
    yaml_event_delete(e);
    return rc;
}

static int f_yamldecode(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    lpv_value s = args[0];
    ydec d;
    memset(&d, 0, sizeof d);
    d.ev = ev;
    if (!yaml_parser_initialize(&d.p)) return oom(ev, call);
    yaml_parser_set_input_string(&d.p, (const unsigned char *)(s.len ? s.u.s : "\n"), s.len ? s.len : 1);
    yaml_event_t e;
    int bad = 0;
    if (ydec_next(&d, &e)) bad = 1;
    else {
        int t = e.type;
        yaml_mark_t m = e.start_mark;
        yaml_event_delete(&e);
        if (t != YAML_STREAM_START_EVENT) bad = ydec_fail(&d, &m, "missing stream start token");
        else if (ydec_next(&d, &e)) bad = 1;
        else if (e.type == YAML_STREAM_END_EVENT) {
            /* an empty document (1.0.3) decodes to null */
            yaml_event_delete(&e);
            *out = lpv_null();
            yaml_parser_delete(&d.p);
            return LP_EV_OK;
        } else {
            t = e.type;
            m = e.start_mark;
            yaml_event_delete(&e);
            if (t != YAML_DOCUMENT_START_EVENT) bad = ydec_fail(&d, &m, "missing start of document");
            else if (ydec_parse(&d, out, 0)) bad = 1;
            else if (ydec_next(&d, &e)) bad = 1;
            else {
                t = e.type;
                m = e.start_mark;
                yaml_event_delete(&e);
                if (t == YAML_DOCUMENT_START_EVENT)
                    bad = ydec_fail(&d, &m, "only a single document is allowed");
                else if (t != YAML_DOCUMENT_END_EVENT)
                    bad = ydec_fail(&d, &m, "unexpected extra content after value");
                else if (ydec_next(&d, &e)) bad = 1;
                else {
                    t = e.type;
                    m = e.start_mark;
                    yaml_event_delete(&e);
                    if (t != YAML_STREAM_END_EVENT)
                        bad = ydec_fail(&d, &m, "unexpected extra content after value");
                }
            }
        }
    }
    yaml_parser_delete(&d.p);
    if (d.oom) return oom(ev, call);
    if (bad) return fail_call(ev, call, "%s", d.err);
    return LP_EV_OK;
}

/* ---- uuidv5: deterministic (SHA-1 of namespace and name), unlike uuid() */

/* google/uuid's Parse: 36-character form, {…}, urn:uuid:…, or 32 hex digits. */
static int uuid_parse(const char *s, size_t n, unsigned char u[16], char *err, size_t esz)
{
    if (n == 45) {
        if (strncasecmp(s, "urn:uuid:", 9) != 0) {
            snprintf(err, esz, "invalid urn prefix: \"%.9s\"", s);
            return -1;
        }
        s += 9, n -= 9;
    } else if (n == 38) {
        if (s[0] != '{' || s[37] != '}') {
            snprintf(err, esz, "invalid bracketed UUID format");
            return -1;
        }
        s++, n -= 2;
    } else if (n == 32) {
        for (int i = 0; i < 16; i++) {
            int h = hexval(s[2 * i]), l = hexval(s[2 * i + 1]);
            if (h < 0 || l < 0) {
                snprintf(err, esz, "invalid UUID format");
                return -1;
            }
            u[i] = (unsigned char)(h << 4 | l);
        }
        return 0;
    } else if (n != 36) {
        snprintf(err, esz, "invalid UUID length: %zu", n);
        return -1;
    }
    if (s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-') {
        snprintf(err, esz, "invalid UUID format");
        return -1;
    }
    static const int pos[16] = { 0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34 };
    for (int i = 0; i < 16; i++) {
        int h = hexval(s[pos[i]]), l = hexval(s[pos[i] + 1]);
        if (h < 0 || l < 0) {
            snprintf(err, esz, "invalid UUID format");
            return -1;
        }
        u[i] = (unsigned char)(h << 4 | l);
    }
    return 0;
}

static int f_uuidv5(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    static const char *const names[4] = { "dns", "url", "oid", "x500" };
    lpv_value ns = args[0], name = args[1];
    unsigned char u[16];
    char err[128];
    int known = -1;
    for (int i = 0; i < 4; i++)
        if (ns.len == strlen(names[i]) && memcmp(ns.u.s, names[i], ns.len) == 0) known = i;
    if (known >= 0) {
        /* RFC 4122's namespaces 6ba7b81X-9dad-11d1-80b4-00c04fd430c8, X = 0, 1, 2, 4 */
        static const unsigned char base[16] = { 0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                                0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8 };
        static const unsigned char last[4] = { 0x10, 0x11, 0x12, 0x14 };
        memcpy(u, base, 16);
        u[3] = last[known];
    } else if (uuid_parse(ns.u.s, ns.len, u, err, sizeof err) != 0) {
        return fail_call(ev, call, "uuidv5() doesn't support namespace %.*s (%s)",
                         (int)(ns.len > 64 ? 64 : ns.len), ns.u.s, err);
    }
    SHA1_CTX c;
    unsigned char d[SHA1_DIGEST_LENGTH];
    SHA1Init(&c);
    SHA1Update(&c, u, 16);
    SHA1Update(&c, (const uint8_t *)name.u.s, name.len);
    SHA1Final(d, &c);
    d[6] = (unsigned char)((d[6] & 0x0f) | 0x50);
    d[8] = (unsigned char)((d[8] & 0x3f) | 0x80);
    char t[40];
    snprintf(t, sizeof t, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", d[0], d[1],
             d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
    return lpv_str(ev->arena, t, 36, out) ? oom(ev, call) : LP_EV_OK;
}

/* ---- try / can: the arguments are expressions evaluated here */

static int f_try(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    (void)args;
    if (n == 0) return fail_call(ev, call, "at least one argument is required");
    ev_err saved = ev->err, first = { 0 };
    for (uint32_t i = 0; i < n; i++) {
        ev->err.set = 0;
        lpv_value v;
        int rc = ev_expr(ev, call->u.call.args[i], &v);
        if (rc == LP_EV_OK) {
            ev->err = saved;
            *out = v;
            return LP_EV_OK;
        }
        if (rc == LP_EV_UNRESOLVED) {
            ev->err = saved;
            return rc;
        }
        if (!first.set) first = ev->err;
    }
    ev->err = saved;
    return ev_fail(ev, call->range, "Error in function call",
                   "Call to function \"try\" failed: no expression succeeded: %s: %s.",
                   first.summary, first.detail);
}

static int f_can(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out)
{
    (void)args;
    if (n != 1)
        return ev_fail(ev, call->range, n ? "Too many function arguments" : "Not enough function arguments",
                       "Function \"can\" expects 1 argument(s).");
    ev_err saved = ev->err;
    ev->err.set = 0;
    lpv_value v;
    int rc = ev_expr(ev, call->u.call.args[0], &v);
    ev->err = saved;
    if (rc == LP_EV_UNRESOLVED) return rc;
    *out = lpv_bool(rc == LP_EV_OK);
    return LP_EV_OK;
}

/* ------------------------------------------------------------ table */

#define V LP_FN_VARIADIC
#define N LP_FN_NULL_OK

/* Sorted by name (binary search). */
static const fn_def funcs[] = {
    { "abs", f_abs, 1, 1, 0, "num", "n" },
    { "alltrue", f_alltrue, 1, 1, 0, "list", "l" },
    { "anytrue", f_anytrue, 1, 1, 0, "list", "l" },
    { "base64decode", f_base64decode, 1, 1, 0, "str", "s" },
    { "base64encode", f_base64encode, 1, 1, 0, "str", "s" },
    { "base64gzip", f_base64gzip, 1, 1, 0, "str", "s" },
    { "base64sha256", f_hash, 1, 1, 0, "str", "s" },
    { "base64sha512", f_hash, 1, 1, 0, "str", "s" },
    { "basename", f_basename, 1, 1, 0, "path", "s" },
    { "can", f_can, 1, 1, LP_FN_RAW, "expression", NULL },
    { "ceil", f_ceil, 1, 1, 0, "num", "n" },
    { "chomp", f_chomp, 1, 1, 0, "str", "s" },
    { "chunklist", f_chunklist, 2, 2, 0, "list,size", "li" },
    { "cidrhost", f_cidrhost, 2, 2, 0, "prefix,hostnum", "si" },
    { "cidrnetmask", f_cidrnetmask, 1, 1, 0, "prefix", "s" },
    { "cidrsubnet", f_cidrsubnet, 3, 3, 0, "prefix,newbits,netnum", "sii" },
    { "cidrsubnets", f_cidrsubnets, 1, V, 0, "prefix,newbits", "sn" },
    { "coalesce", f_coalesce, 1, V, N, "vals", NULL },
    { "coalescelist", f_coalescelist, 1, V, N, "vals", NULL },
    { "compact", f_compact, 1, 1, 0, "list", "l" },
    { "concat", f_concat, 1, V, 0, "seqs", "l" },
    { "contains", f_contains, 2, 2, N, "list,value", "l." },
    { "csvdecode", f_csvdecode, 1, 1, 0, "str", "s" },
    { "dirname", f_dirname, 1, 1, 0, "path", "s" },
    { "distinct", f_distinct, 1, 1, 0, "list", "l" },
    { "element", f_element, 2, 2, 0, "list,index", "li" },
    { "endswith", f_endswith, 2, 2, 0, "str,suffix", "ss" },
    { "env", f_env, 1, 1, 0, "name", "s" },
    { "error_message", f_error_message, 1, 1, N, "step", NULL },
    { "file", f_file, 1, 1, 0, "path", "s" },
    { "filebase64", f_filebase64, 1, 1, 0, "path", "s" },
    { "filebase64sha256", f_hash, 1, 1, 0, "path", "s" },
    { "filebase64sha512", f_hash, 1, 1, 0, "path", "s" },
    { "fileexists", f_fileexists, 1, 1, 0, "path", "s" },
    { "filemd5", f_hash, 1, 1, 0, "path", "s" },
    { "filesha1", f_hash, 1, 1, 0, "path", "s" },
    { "filesha256", f_hash, 1, 1, 0, "path", "s" },
    { "filesha512", f_hash, 1, 1, 0, "path", "s" },
    { "flatten", f_flatten, 1, 1, 0, "list", "l" },
    { "floor", f_floor, 1, 1, 0, "num", "n" },
    { "format", f_format, 1, V, N, "format,args", "s." },
    { "formatdate", f_formatdate, 2, 2, 0, "format,time", "ss" },
    { "formatlist", f_formatlist, 1, V, N, "format,args", "s." },
    { "indent", f_indent, 2, 2, 0, "spaces,str", "is" },
    { "index", f_index, 2, 2, N, "list,value", "l." },
    { "is_error", f_is_error, 1, 1, N, "step", NULL },
    { "join", f_join, 1, V, 0, "separator,lists", "sl" },
    { "jsondecode", f_jsondecode, 1, 1, 0, "str", "s" },
    { "jsonencode", f_jsonencode, 1, 1, N, "val", NULL },
    { "keys", f_keys, 1, 1, 0, "inputMap", "m" },
    { "length", f_length, 1, 1, 0, "value", NULL },
    { "list", f_list, 0, V, N, "vals", NULL },
    { "log", f_log, 2, 2, 0, "num,base", "nn" },
    { "lookup", f_lookup, 2, 3, N, "inputMap,key,default", "ms." },
    { "lower", f_lower, 1, 1, 0, "str", "s" },
    { "map", f_map, 0, V, N, "vals", NULL },
    { "matchkeys", f_matchkeys, 3, 3, 0, "values,keys,searchset", "lll" },
    { "max", f_max, 1, V, 0, "numbers", "n" },
    { "md5", f_hash, 1, 1, 0, "str", "s" },
    { "merge", f_merge, 0, V, N, "maps", NULL },
    { "min", f_min, 1, V, 0, "numbers", "n" },
    { "nonsensitive", f_identity, 1, 1, N, "value", NULL },
    { "one", f_one, 1, 1, 0, "list", "l" },
    { "parseint", f_parseint, 2, 2, 0, "number,base", "si" },
    { "pow", f_pow, 2, 2, 0, "num,power", "nn" },
    { "range", f_range, 1, 3, 0, "params", "nnn" },
    { "regex", f_regex, 2, 2, 0, "pattern,string", "ss" },
    { "regexall", f_regexall, 2, 2, 0, "pattern,string", "ss" },
    { "replace", f_replace, 3, 3, 0, "str,substr,replace", "sss" },
    { "reverse", f_reverse, 1, 1, 0, "list", "l" },
    { "sensitive", f_identity, 1, 1, N, "value", NULL },
    { "setintersection", f_setintersection, 1, V, 0, "first_set,other_sets", "l" },
    { "setproduct", f_setproduct, 1, V, 0, "sets", "l" },
    { "setsubtract", f_setsubtract, 2, 2, 0, "a,b", "ll" },
    { "setunion", f_setunion, 1, V, 0, "first_set,other_sets", "l" },
    { "sha1", f_hash, 1, 1, 0, "str", "s" },
    { "sha256", f_hash, 1, 1, 0, "str", "s" },
    { "sha512", f_hash, 1, 1, 0, "str", "s" },
    { "signum", f_signum, 1, 1, 0, "num", "n" },
    { "slice", f_slice, 3, 3, 0, "list,start_index,end_index", "lii" },
    { "sort", f_sort, 1, 1, 0, "list", "l" },
    { "split", f_split, 2, 2, 0, "separator,str", "ss" },
    { "startswith", f_startswith, 2, 2, 0, "str,prefix", "ss" },
    { "strcontains", f_strcontains, 2, 2, 0, "str,substr", "ss" },
    { "strrev", f_strrev, 1, 1, 0, "str", "s" },
    { "substr", f_substr, 3, 3, 0, "str,offset,length", "sii" },
    { "sum", f_sum, 1, 1, 0, "list", "l" },
    { "textdecodebase64", f_textdecodebase64, 2, 2, 0, "source,encoding", "ss" },
    { "textencodebase64", f_textencodebase64, 2, 2, 0, "string,encoding", "ss" },
    { "timeadd", f_timeadd, 2, 2, 0, "timestamp,duration", "ss" },
    { "timecmp", f_timecmp, 2, 2, 0, "timestamp_a,timestamp_b", "ss" },
    { "title", f_title, 1, 1, 0, "str", "s" },
    { "tobool", f_tobool, 1, 1, N, "v", NULL },
    { "tolist", f_tolist, 1, 1, N, "v", NULL },
    { "tomap", f_tomap, 1, 1, N, "v", NULL },
    { "tonumber", f_tonumber, 1, 1, N, "v", NULL },
    { "toset", f_toset, 1, 1, N, "v", NULL },
    { "tostring", f_tostring, 1, 1, N, "v", NULL },
    { "transpose", f_transpose, 1, 1, 0, "values", "m" },
    { "trim", f_trim, 2, 2, 0, "str,cutset", "ss" },
    { "trimprefix", f_trimprefix, 2, 2, 0, "str,prefix", "ss" },
    { "trimspace", f_trimspace, 1, 1, 0, "str", "s" },
    { "trimsuffix", f_trimsuffix, 2, 2, 0, "str,suffix", "ss" },
    { "try", f_try, 1, V, LP_FN_RAW, "expressions", NULL },
    { "upper", f_upper, 1, 1, 0, "str", "s" },
    { "urlencode", f_urlencode, 1, 1, 0, "str", "s" },
    { "uuidv5", f_uuidv5, 2, 2, 0, "namespace,name", "ss" },
    { "values", f_values, 1, 1, 0, "mapping", "m" },
    { "yamldecode", f_yamldecode, 1, 1, 0, "src", "s" },
    { "yamlencode", f_yamlencode, 1, 1, N, "value", NULL },
    { "zipmap", f_zipmap, 2, 2, 0, "keys,values", "ll" },
};

#undef V
#undef N

#define NFUNCS (sizeof funcs / sizeof funcs[0])

const fn_def *fn_lookup(const char *name, size_t len)
{
    size_t lo = 0, hi = NFUNCS;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        size_t fl = strlen(funcs[mid].name), m = fl < len ? fl : len;
        int c = memcmp(funcs[mid].name, name, m);
        if (!c) c = fl < len ? -1 : fl > len;
        if (!c) return &funcs[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

const fn_def *fn_table(size_t *n)
{
    *n = NFUNCS;
    return funcs;
}
