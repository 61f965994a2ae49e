/* hcl_json.c — a syntax tree as hcl2json's JSON (lp_hcl_to_json, lazypipe.h).
 *
 * Follows the converter of @cdktf/hcl2json 0.21.0 (tmccombs/hcl2json's
 * convert.go as forked by cdktf), described in ../shared/tools/README.md:
 * blocks nest by type then by label and end in an array of bodies; attributes
 * overwrite blocks of the same name; literals become JSON values, unary
 * operators on literals are folded, templates are rebuilt as strings with
 * literal "${" / "%{" re-escaped and canonical %{if}/%{for}; anything else is
 * "${" + its exact source + "}".  A body that mixes labelled and unlabelled
 * blocks of one type has no JSON form: that is the "convert" stage error.
 *
 * The document is first built as a small tree in an arena (bodies merge
 * blocks into shared objects, later keys replace earlier ones), then written
 * byte for byte as hcl2json's Go writes it: object keys sorted (Go maps),
 * numbers as cty prints the 512-bit value (1e400 is 401 digits), strings with
 * Go's escapes.
 */
#include "base/err.h"
#include "base/json.h"
#include "hcl/hcl_ast.h"
#include "eval/value.h"
#include "lazypipe.h"
#include "base/mem.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { JV_OBJ, JV_ARR, JV_STR, JV_NUM, JV_BOOL, JV_NULL };

typedef struct jv jv;
typedef struct jmem {
    const char *k;           /* NULL in arrays */
    uint32_t klen;
    jv *v;
    struct jmem *next;
} jmem;

struct jv {
    uint8_t kind;
    uint8_t b;
    const char *s;
    uint32_t n;
    jmem *first, *last;
    jmem **tab;              /* objects of many members: open-addressing index */
    uint32_t tabcap;
};

typedef struct conv {
    const hcl_file *f;
    ar_arena *a;
    jmp_buf oom;
    char err[1024];          /* convert-stage message, innermost last */
    int marshal;             /* the failure belongs to JSON writing, not conversion */
    int refused;             /* our own limit (a number too long to print), never swallowed */
} conv;

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static void *c_alloc(conv *c, size_t n)
{
    void *r = ar_alloc(c->a, n ? n : 1);
    if (!r) longjmp(c->oom, 1);
    return r;
}

static void sb_put(conv *c, sbuf *b, const char *s, size_t n)
{
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->n + n) cap *= 2;
        b->p = ar_grow(c->a, b->p, b->cap, cap);
        if (!b->p) longjmp(c->oom, 1);
        b->cap = cap;
    }
    if (n) memcpy(b->p + b->n, s, n);
    b->n += n;
}

static void sb_puts(conv *c, sbuf *b, const char *s) { sb_put(c, b, s, strlen(s)); }

/* Literal text as hcl2json writes it: "${" and "%{" doubled back to "$${" / "%%{". */
static void sb_put_escaped(conv *c, sbuf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if ((s[i] == '$' || s[i] == '%') && s[i + 1] == '{') {
            sb_put(c, b, s + run, i + 1 - run);
            sb_put(c, b, s + i, 1);
            run = i + 1;
        }
    }
    sb_put(c, b, s + run, n - run);
}

/* Prefix the error chain, as Go's fmt.Errorf("...: %w") does. */
static void err_wrap(conv *c, const char *prefix)
{
    if (c->marshal) return;   /* not part of the conversion chain */
    size_t pl = strlen(prefix), ml = strlen(c->err);
    if (pl + ml >= sizeof c->err) ml = sizeof c->err - pl - 1;
    memmove(c->err + pl, c->err, ml);
    memcpy(c->err, prefix, pl);
    c->err[pl + ml] = '\0';
}

/* ------------------------------------------------------------ tree */

static jv *jnew(conv *c, int kind)
{
    jv *v = c_alloc(c, sizeof *v);
    memset(v, 0, sizeof *v);
    v->kind = (uint8_t)kind;
    return v;
}

static jv *jstr(conv *c, const char *s, size_t n)
{
    jv *v = jnew(c, JV_STR);
    v->s = s;
    v->n = (uint32_t)n;
    return v;
}

static uint32_t key_hash(const char *k, uint32_t kl)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < kl; i++) h = (h ^ (unsigned char)k[i]) * 16777619u;
    return h;
}

static jmem *jfind(jv *o, const char *k, uint32_t kl)
{
    if (o->tab) {
        for (uint32_t i = key_hash(k, kl) & (o->tabcap - 1); o->tab[i]; i = (i + 1) & (o->tabcap - 1))
            if (o->tab[i]->klen == kl && memcmp(o->tab[i]->k, k, kl) == 0) return o->tab[i];
        return NULL;
    }
    for (jmem *m = o->first; m; m = m->next)
        if (m->klen == kl && memcmp(m->k, k, kl) == 0) return m;
    return NULL;
}

static void tab_insert(jv *o, jmem *m)
{
    uint32_t i = key_hash(m->k, m->klen) & (o->tabcap - 1);
    while (o->tab[i]) i = (i + 1) & (o->tabcap - 1);
    o->tab[i] = m;
}

static void jappend(conv *c, jv *o, const char *k, uint32_t kl, jv *v)
{
    jmem *m = c_alloc(c, sizeof *m);
    m->k = k;
    m->klen = kl;
    m->v = v;
    m->next = NULL;
    if (o->last) o->last->next = m;
    else o->first = m;
    o->last = m;
    o->n++;
    if (o->kind != JV_OBJ || o->n <= 16) return;
    if (o->n * 2 > o->tabcap) {   /* keep lookups O(1) in bodies with thousands of blocks */
        o->tabcap = o->tabcap ? o->tabcap * 2 : 64;
        o->tab = c_alloc(c, (size_t)o->tabcap * sizeof *o->tab);
        memset(o->tab, 0, (size_t)o->tabcap * sizeof *o->tab);
        for (jmem *q = o->first; q; q = q->next) tab_insert(o, q);
    } else {
        tab_insert(o, m);
    }
}

/* out[k] = v: a later key replaces an earlier one in place. */
static void jset(conv *c, jv *o, const char *k, uint32_t kl, jv *v)
{
    jmem *m = jfind(o, k, kl);
    if (m) m->v = v;
    else jappend(c, o, k ? k : "", kl, v);
}

/* ------------------------------------------------------------ numbers */

/* A number literal as cty writes it, into JSON or converted to a string:
 * read as hclsyntax reads it (big.ParseFloat at 512 bits, numlit.c), negated
 * for a unary minus, printed with big.Float.Text('f', -1) (value.c): plain
 * decimal, no exponent, the shortest digits that read back. */
/* Go would print every digit (1e99999999 is 100 MB of zeros): we refuse. */
static int refuse(conv *c, hcl_str t)
{
    c->refused = 1;
    snprintf(c->err, sizeof c->err, "number %.*s is too large to write out in full",
             (int)(t.len > 64 ? 64 : t.len), t.p);
    return -1;
}

/* Where the decimal point of literal t falls, counted from its first
 * significant digit (value = 0.d1d2... * 10^point); 0 for zero. */
static long decimal_point(hcl_str t)
{
    long digits = 0, first = -1, nint = 0, exp = 0;
    uint32_t i = 0;
    for (; i < t.len && (t.p[i] == '.' || (t.p[i] >= '0' && t.p[i] <= '9')); i++) {
        if (t.p[i] == '.') {
            nint = digits;
            continue;
        }
        if (first < 0 && t.p[i] != '0') first = digits;
        digits++;
    }
    if (!memchr(t.p, '.', i)) nint = digits;
    if (first < 0) return 0;
    if (i < t.len && (t.p[i] == 'e' || t.p[i] == 'E')) {
        int eneg = 0;
        if (++i < t.len && (t.p[i] == '+' || t.p[i] == '-')) eneg = t.p[i++] == '-';
        for (; i < t.len && t.p[i] >= '0' && t.p[i] <= '9'; i++)
            if (exp < 100000000) exp = exp * 10 + (t.p[i] - '0');
        if (eneg) exp = -exp;
    }
    return nint - first + exp;
}

static int number_text(conv *c, sbuf *b, hcl_str t, int neg)
{
    lpv_value v;
    const char *s;
    size_t n;
    if (hcl_number_overflows(t)) {   /* Go holds it as ±Inf, which Text prints so */
        sb_puts(c, b, neg ? "-Inf" : "+Inf");
        return 0;
    }
    if (hcl_number_underflows(t)) {   /* and this as 0 */
        sb_puts(c, b, neg ? "-0" : "0");
        return 0;
    }
    /* far past value.c's printing limit (and MPFR's exponent range, where the
     * value would come out 0 or Inf): refuse before reading it */
    long point = decimal_point(t);
    if (point > 40000 || point < -40000) return refuse(c, t);
    if (lpv_num_parse(c->a, t.p, t.len, &v) != 0) longjmp(c->oom, 1);   /* the lexer checked the syntax */
    if (neg && lpv_num_sign(v) == 0) {
        sb_puts(c, b, "-0");   /* big.Float.Neg keeps a signed zero */
        return 0;
    }
    if (neg && lpv_num_neg(c->a, v, &v) != 0) longjmp(c->oom, 1);
    if (!lpv_num_printable(v)) return refuse(c, t);
    if (lpv_num_text(c->a, v, &s, &n) != 0) longjmp(c->oom, 1);
    sb_put(c, b, s, n);
    return 0;
}

static int jnum(conv *c, hcl_str t, int neg, jv **out)
{
    sbuf b = { 0 };
    if (number_text(c, &b, t, neg) != 0) return -1;
    jv *v = jnew(c, JV_NUM);
    v->s = b.p;
    v->n = (uint32_t)b.n;
    *out = v;
    return 0;
}

/* ------------------------------------------------------------ expressions */

static hcl_str range_source(conv *c, hcl_range r)
{
    /* hcl2json's rangeSource includes a ')' right after the range */
    uint32_t end = r.end;
    if (end < c->f->len && c->f->src[end] == ')') end++;
    hcl_str s = { c->f->src + r.start, end - r.start };
    return s;
}

static jv *wrap_expr(conv *c, const hcl_expr *e)
{
    sbuf b = { 0 };
    hcl_str s = range_source(c, e->range);
    sb_puts(c, &b, "${");
    sb_put(c, &b, s.p, s.len);
    sb_puts(c, &b, "}");
    return jstr(c, b.p, b.n);
}

static void wrap_into(conv *c, sbuf *b, const hcl_expr *e)
{
    hcl_str s = range_source(c, e->range);
    sb_puts(c, b, "${");
    sb_put(c, b, s.p, s.len);
    sb_puts(c, b, "}");
}

static int convert_expr(conv *c, const hcl_expr *e, jv **out);
static int string_part(conv *c, const hcl_expr *e, sbuf *b);

/* hcl.Diagnostic.Error() of a unary operator evaluated on a literal. */
static void unary_error(conv *c, hcl_range r, const char *what)
{
    char pos[64];
    if (r.line == r.end_line) snprintf(pos, sizeof pos, "%u,%u-%u", r.line, r.col, r.end_col);
    else snprintf(pos, sizeof pos, "%u,%u-%u,%u", r.line, r.col, r.end_line, r.end_col);
    snprintf(c->err, sizeof c->err, "%s:%s: %s", c->f->name, pos, what);
}

/* Go holds such a number as ±Inf, which encoding/json refuses: hcl2json
 * fails after conversion, while writing the document. */
static int infinity_error(conv *c)
{
    snprintf(c->err, sizeof c->err, "json: error calling MarshalJSON for type json.SimpleJSONValue: "
                                     "cannot serialize infinity as JSON");
    c->marshal = 1;
    return -1;
}

static int convert_unary(conv *c, const hcl_expr *e, jv **out)
{
    const hcl_expr *o = e->u.un.operand;
    if (o->kind != HCL_EXPR_LITERAL) {
        *out = wrap_expr(c, e);
        return 0;
    }
    uint32_t k = o->u.lit.kind;
    if (k == HCL_LIT_NULL) {
        unary_error(c, e->range, "Operation failed; Error during operation: argument must not be null.");
        return -1;
    }
    if (e->u.un.op == HCL_OP_NEG) {
        if (k != HCL_LIT_NUMBER) {
            unary_error(c, o->range, "Invalid operand; Unsuitable value for unary operand: number required.");
            return -1;
        }
        if (hcl_number_overflows(o->u.lit.text)) return infinity_error(c);
        return jnum(c, o->u.lit.text, 1, out);
    }
    if (k != HCL_LIT_BOOL) {
        unary_error(c, o->range, "Invalid operand; Unsuitable value for unary operand: bool required.");
        return -1;
    }
    jv *v = jnew(c, JV_BOOL);
    v->b = !o->u.lit.b;
    *out = v;
    return 0;
}

static int is_string_literal(const hcl_expr *t)
{
    return t->u.tmpl.n == 1 && t->u.tmpl.parts[0]->kind == HCL_EXPR_LITERAL;
}

/* A literal as cty converts it to a string. */
static int literal_text(conv *c, const hcl_expr *l, sbuf *b)
{
    switch (l->u.lit.kind) {
    case HCL_LIT_STRING: sb_put_escaped(c, b, l->u.lit.text.p, l->u.lit.text.len); break;
    case HCL_LIT_NUMBER: return number_text(c, b, l->u.lit.text, 0);
    case HCL_LIT_BOOL: sb_puts(c, b, l->u.lit.b ? "true" : "false"); break;
    default: sb_puts(c, b, "null"); break;
    }
    return 0;
}

static int template_text(conv *c, const hcl_expr *t, sbuf *b)
{
    if (is_string_literal(t)) {
        /* hcl2json evaluates a template of one literal part (IsStringLiteral
         * does not look at its type): a lone null, as in %{if x}${null}%{endif},
         * is hcl's evaluation error, which a conditional swallows (below) and
         * anything else passes up */
        const hcl_expr *l = t->u.tmpl.parts[0];
        if (l->u.lit.kind == HCL_LIT_NULL) {
            unary_error(c, l->range, "Invalid template interpolation value; The expression result is null. "
                                     "Cannot include a null value in a string template.");
            return -1;
        }
        return literal_text(c, l, b);
    }
    for (uint32_t i = 0; i < t->u.tmpl.n; i++)
        if (string_part(c, t->u.tmpl.parts[i], b) != 0) return -1;
    return 0;
}

static int string_part(conv *c, const hcl_expr *e, sbuf *b)
{
    switch (e->kind) {
    case HCL_EXPR_LITERAL:
        return literal_text(c, e, b);
    case HCL_EXPR_TEMPLATE:
        return template_text(c, e, b);
    case HCL_EXPR_TEMPLATE_WRAP:
        return string_part(c, e->u.wrap.wrapped, b);
    case HCL_EXPR_CONDITIONAL: {
        /* hcl2json's convertTemplateConditional drops its errors: a failing
         * true part makes the whole directive "", a failing false part no else */
        sbuf tb = { 0 }, fb = { 0 };
        if (string_part(c, e->u.cond.t, &tb) != 0) {
            if (c->refused) return -1;
            c->err[0] = '\0';
            return 0;
        }
        if (string_part(c, e->u.cond.f, &fb) != 0) {
            if (c->refused) return -1;
            c->err[0] = '\0';
            fb.n = 0;
        }
        hcl_str cs = range_source(c, e->u.cond.cond->range);
        sb_puts(c, b, "%{if ");
        sb_put(c, b, cs.p, cs.len);
        sb_puts(c, b, "}");
        sb_put(c, b, tb.p, tb.n);
        if (fb.n) {
            sb_puts(c, b, "%{else}");
            sb_put(c, b, fb.p, fb.n);
        }
        sb_puts(c, b, "%{endif}");
        return 0;
    }
    case HCL_EXPR_TEMPLATE_JOIN: {
        const hcl_expr *fx = e->u.join.tuple_for;
        hcl_str cs = range_source(c, fx->u.forx.coll->range);
        sb_puts(c, b, "%{for ");
        if (fx->u.forx.key_var.len) {
            sb_put(c, b, fx->u.forx.key_var.p, fx->u.forx.key_var.len);
            sb_puts(c, b, ", ");
        }
        sb_put(c, b, fx->u.forx.val_var.p, fx->u.forx.val_var.len);
        sb_puts(c, b, " in ");
        sb_put(c, b, cs.p, cs.len);
        sb_puts(c, b, "}");
        if (string_part(c, fx->u.forx.val, b) != 0) return -1;
        sb_puts(c, b, "%{endfor}");
        return 0;
    }
    default:
        wrap_into(c, b, e);
        return 0;
    }
}

static int convert_key(conv *c, const hcl_expr *k, sbuf *b)
{
    if (k->kind == HCL_EXPR_OBJECT_KEY) {
        k = k->u.key.wrapped;
        if (k->kind == HCL_EXPR_SCOPE_TRAV) {
            hcl_str s = range_source(c, k->range);
            sb_put(c, b, s.p, s.len);
            return 0;
        }
    }
    return string_part(c, k, b);
}

static int convert_expr(conv *c, const hcl_expr *e, jv **out)
{
    switch (e->kind) {
    case HCL_EXPR_LITERAL:
        switch (e->u.lit.kind) {
        case HCL_LIT_NUMBER:
            if (hcl_number_overflows(e->u.lit.text)) return infinity_error(c);
            return jnum(c, e->u.lit.text, 0, out);
        case HCL_LIT_BOOL: *out = jnew(c, JV_BOOL); (*out)->b = e->u.lit.b; return 0;
        case HCL_LIT_STRING: {
            sbuf b = { 0 };
            sb_put_escaped(c, &b, e->u.lit.text.p, e->u.lit.text.len);
            *out = jstr(c, b.p, b.n);
            return 0;
        }
        default: *out = jnew(c, JV_NULL); return 0;
        }
    case HCL_EXPR_UNARY:
        return convert_unary(c, e, out);
    case HCL_EXPR_TEMPLATE: {
        sbuf b = { 0 };
        if (template_text(c, e, &b) != 0) return -1;
        *out = jstr(c, b.p, b.n);
        return 0;
    }
    case HCL_EXPR_TEMPLATE_WRAP:
        return convert_expr(c, e->u.wrap.wrapped, out);
    case HCL_EXPR_TUPLE: {
        jv *arr = jnew(c, JV_ARR);
        for (uint32_t i = 0; i < e->u.tuple.n; i++) {
            jv *x;
            if (convert_expr(c, e->u.tuple.items[i], &x) != 0) return -1;
            jappend(c, arr, NULL, 0, x);
        }
        *out = arr;
        return 0;
    }
    case HCL_EXPR_OBJECT: {
        jv *obj = jnew(c, JV_OBJ);
        for (uint32_t i = 0; i < e->u.object.n; i++) {
            sbuf kb = { 0 };
            jv *x;
            if (convert_key(c, e->u.object.items[i].key, &kb) != 0) return -1;
            if (convert_expr(c, e->u.object.items[i].value, &x) != 0) return -1;
            jset(c, obj, kb.p ? kb.p : "", (uint32_t)kb.n, x);
        }
        *out = obj;
        return 0;
    }
    default:
        *out = wrap_expr(c, e);
        return 0;
    }
}

/* ------------------------------------------------------------ bodies */

static int convert_body(conv *c, const hcl_body *b, jv **out);

static int convert_block(conv *c, const hcl_block *bl, jv *out)
{
    const char *key = bl->type.p;
    uint32_t kl = bl->type.len;
    for (uint32_t i = 0; i < bl->nlabels; i++) {
        jmem *m = jfind(out, key, kl);
        if (m) {
            if (m->v->kind != JV_OBJ) {
                int k = snprintf(c->err, sizeof c->err, "Unable to convert Block to JSON: %.*s.",
                                 (int)bl->type.len, bl->type.p);
                for (uint32_t j = 0; j < bl->nlabels && k > 0 && (size_t)k < sizeof c->err; j++)
                    k += snprintf(c->err + k, sizeof c->err - (size_t)k, "%s%.*s", j ? "." : "",
                                  (int)bl->labels[j].len, bl->labels[j].p);
                return -1;
            }
            out = m->v;
        } else {
            jv *o = jnew(c, JV_OBJ);
            jappend(c, out, key, kl, o);
            out = o;
        }
        key = bl->labels[i].p;
        kl = bl->labels[i].len;
    }
    jv *value;
    if (convert_body(c, bl->body, &value) != 0) {
        err_wrap(c, "convert body: ");
        return -1;
    }
    jmem *m = jfind(out, key, kl);
    if (m) {
        if (m->v->kind != JV_ARR) {
            snprintf(c->err, sizeof c->err,
                     "invalid HCL detected for \"%.*s\" block, cannot have blocks with and without labels",
                     (int)kl, key);
            return -1;
        }
        jappend(c, m->v, NULL, 0, value);
    } else {
        jv *arr = jnew(c, JV_ARR);
        jappend(c, arr, NULL, 0, value);
        jappend(c, out, key, kl, arr);
    }
    return 0;
}

static int convert_body(conv *c, const hcl_body *b, jv **out)
{
    jv *o = jnew(c, JV_OBJ);
    for (uint32_t i = 0; i < b->nblocks; i++)
        if (convert_block(c, &b->blocks[i], o) != 0) {
            err_wrap(c, "convert block: ");
            return -1;
        }
    for (uint32_t i = 0; i < b->nattrs; i++) {
        jv *v;
        if (convert_expr(c, b->attrs[i].expr, &v) != 0) {
            err_wrap(c, "convert expression: ");
            return -1;
        }
        jset(c, o, b->attrs[i].name.p, b->attrs[i].name.len, v);
    }
    *out = o;
    return 0;
}

/* ------------------------------------------------------------ writing */

/* A string as hcl2json's Go (before 1.22) escapes it: lp_json_str's escapes,
 * except that \b and \f are written \u0008 and \u000c. */
static void put_string(lp_buf *out, const char *s, size_t n)
{
    if (!memchr(s, '\b', n) && !memchr(s, '\f', n)) {
        lp_json_str(out, s, n);
        return;
    }
    lp_buf tmp = { 0 };
    lp_json_str(&tmp, s, n);
    if (tmp.oom) out->oom = 1;
    size_t run = 0;
    for (size_t i = 0; i + 1 < tmp.len; i++) {
        if (tmp.data[i] != '\\') continue;
        char e = tmp.data[++i];   /* every backslash in the output starts an escape */
        if (e != 'b' && e != 'f') continue;
        lp_buf_put(out, tmp.data + run, i - 1 - run);
        lp_buf_puts(out, e == 'b' ? "\\u0008" : "\\u000c");
        run = i + 1;
    }
    lp_buf_put(out, tmp.data + run, tmp.len - run);
    lp_buf_free(&tmp);
}

static int key_cmp(const void *a, const void *b)
{
    const jmem *x = *(const jmem *const *)a, *y = *(const jmem *const *)b;
    uint32_t n = x->klen < y->klen ? x->klen : y->klen;
    int c = n ? memcmp(x->k, y->k, n) : 0;
    return c ? c : (x->klen > y->klen) - (x->klen < y->klen);
}

/* Objects are Go maps in hcl2json: encoding/json writes their keys sorted
 * byte-wise, whatever the source order. */
static void write_jv(conv *c, lp_buf *out, const jv *v)
{
    switch (v->kind) {
    case JV_OBJ: {
        jmem **ms = c_alloc(c, (size_t)v->n * sizeof *ms);
        uint32_t k = 0;
        for (jmem *m = v->first; m; m = m->next) ms[k++] = m;
        qsort(ms, k, sizeof *ms, key_cmp);
        lp_buf_putc(out, '{');
        for (uint32_t i = 0; i < k; i++) {
            if (i) lp_buf_putc(out, ',');
            put_string(out, ms[i]->k, ms[i]->klen);
            lp_buf_putc(out, ':');
            write_jv(c, out, ms[i]->v);
        }
        lp_buf_putc(out, '}');
        break;
    }
    case JV_ARR:
        lp_buf_putc(out, '[');
        for (jmem *m = v->first; m; m = m->next) {
            if (m != v->first) lp_buf_putc(out, ',');
            write_jv(c, out, m->v);
        }
        lp_buf_putc(out, ']');
        break;
    case JV_STR: put_string(out, v->s ? v->s : "", v->n); break;
    case JV_NUM: lp_buf_put(out, v->s, v->n); break;
    case JV_BOOL: js_bool(out, v->b); break;
    default: js_null(out); break;
    }
}

/* ------------------------------------------------------------ public API */

/* 0, -1 (no JSON form: c->err says why) or -2 (out of memory). */
static int convert_file(conv *c, const hcl_file *f, ar_arena *a, jv **doc)
{
    c->f = f;
    c->a = a;
    c->err[0] = '\0';
    c->marshal = 0;
    c->refused = 0;
    if (setjmp(c->oom)) return -2;
    return convert_body(c, f->body, doc) == 0 ? 0 : -1;
}

static void write_doc(conv *c, lp_buf *out, const jv *doc)
{
    if (setjmp(c->oom)) out->oom = 1;   /* the sort's arrays come from the arena */
    else write_jv(c, out, doc);
}

static void report(const hcl_file *f, const hcl_diag *d, lp_diag_fn fn, void *user)
{
    lp_diag ld = { .severity = d->severity == HCL_DIAG_WARNING ? LP_SEV_WARNING : LP_SEV_ERROR,
                   .file = f->name, .line = d->range.line, .col = d->range.col,
                   .end_line = d->range.end_line, .end_col = d->range.end_col,
                   .summary = d->summary, .detail = d->detail ? d->detail : "" };
    fn(user, &ld);
}

int lp_hcl_to_json(const char *name, const char *src, size_t len, lp_buf *out, lp_diag_fn diag, void *user,
                   lp_error *err)
{
    if (!out || (!src && len)) {
        return err_set(err, LP_ERR_ARG, "lp_hcl_to_json: bad argument");
    }
    if (!name) name = "";
    if (len >= UINT32_MAX) {   /* token offsets are 32-bit */
        return err_set(err, LP_ERR_ARG, "%s: larger than 4 GiB", name);
    }
    ar_arena arena;
    ar_init(&arena, 0);
    hcl_file f;
    int rc = LP_OK;
    if (hcl_parse(name, src ? src : "", len, &arena, &f) != 0) {
        err_set(err, LP_ERR_NOMEM, "%s: out of memory", name);
        rc = LP_ERR_NOMEM;
        goto done;
    }
    if (f.nerrors) {
        const hcl_diag *first = NULL;
        for (uint32_t i = 0; i < f.ndiags; i++) {
            if (f.diags[i].severity != HCL_DIAG_ERROR) continue;
            if (!first) first = &f.diags[i];
            if (diag) report(&f, &f.diags[i], diag, user);
        }
        if (diag && f.nmore) {
            char detail[160];
            hcl_diag more = { HCL_DIAG_ERROR, f.more_at, HCL_MORE_DIAGS_SUMMARY, detail };
            hcl_more_diags_detail(detail, sizeof detail, f.nmore);
            report(&f, &more, diag, user);
        }
        if (err && first) {
            lp_diag ld = { .severity = LP_SEV_ERROR,
                           .file = name,
                           .line = first->range.line,
                           .col = first->range.col,
                           .summary = first->summary,
                           .detail = first->detail ? first->detail : "" };
            lp_diag_format(&ld, err->message, sizeof err->message);
            err->code = LP_ERR_SYNTAX;
        }
        rc = LP_ERR_SYNTAX;
        goto done;
    }
    conv *c = ar_alloc(&arena, sizeof *c);
    jv *doc = NULL;
    int cr = c ? convert_file(c, &f, &arena, &doc) : -2;
    if (cr == -2) {
        rc = LP_ERR_NOMEM;
        err_set(err, rc, "%s: out of memory", name);
        goto done;
    }
    if (cr != 0) {
        if (c->marshal) err_set(err, LP_ERR_CONVERT, "convert to HCL: marshal json: %s", c->err);
        else err_set(err, LP_ERR_CONVERT, "convert to HCL: convert file: convert body: %s", c->err);
        rc = LP_ERR_CONVERT;
        goto done;
    }
    write_doc(c, out, doc);
    if (out->oom) {
        rc = LP_ERR_NOMEM;
        err_set(err, rc, "%s: out of memory", name);
    }
done:
    ar_free(&arena);
    return rc;
}

int lp_hcl_file_to_json(const char *path, lp_buf *out, lp_diag_fn diag, void *user, lp_error *err)
{
    if (!path || !out) {
        return err_set(err, LP_ERR_ARG, "lp_hcl_file_to_json: bad argument");
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return err_set(err, LP_ERR_IO, "%s: %s", path, strerror(errno));
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return err_set(err, LP_ERR_IO, "%s: %s", path, strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        return err_set(err, LP_ERR_IO, "%s: %s", path, strerror(EISDIR));
    }
    /* read() until EOF: the size may change under us; never trust st_size alone */
    size_t cap = (S_ISREG(st.st_mode) ? (size_t)st.st_size : 0) + 4096, n = 0;
    char *buf = mem_malloc(cap);
    if (!buf) {
        close(fd);
        return err_set(err, LP_ERR_NOMEM, "%s: out of memory", path);
    }
    for (;;) {
        if (n == cap) {
            char *nb = mem_realloc(buf, cap, cap * 2);
            if (!nb) {
                mem_free(buf, cap);
                close(fd);
                return err_set(err, LP_ERR_NOMEM, "%s: out of memory", path);
            }
            buf = nb;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            mem_free(buf, cap);
            close(fd);
            return err_set(err, LP_ERR_IO, "%s: %s", path, strerror(e));
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    close(fd);
    int rc = lp_hcl_to_json(path, buf, n, out, diag, user, err);
    mem_free(buf, cap);
    return rc;
}
