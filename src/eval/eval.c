/* eval.c — HCL expression evaluation (see eval.h).
 *
 * Each expression kind mirrors hclsyntax's Value() method of the same node;
 * messages use hcl's summaries so users recognise them.  Status codes travel
 * up instead of cty's unknown values: LP_EV_UNRESOLVED wins over nothing but
 * an error found first.
 */
#include "eval/eval.h"
#include "base/json.h"

#include <stdio.h>
#include <string.h>

/* The range of a subexpression, or of its parent when a syntax error left
 * the subexpression out of the tree. */
#define RNG(x, parent) ((x) ? (x)->range : (parent)->range)

#define RT_ROOT(s) ((s).len == 4 && memcmp((s).p, "self", 4) == 0) || \
                   ((s).len == 5 && memcmp((s).p, "param", 5) == 0) || \
                   ((s).len == 4 && memcmp((s).p, "with", 4) == 0)

void ev_init(ev_ctx *ev, ar_arena *a, const ev_scope *scope, const hcl_file *file)
{
    ev->arena = a;
    ev->scope = scope;
    ev->file = file;
    ev->nbinds = 0;
    ev->depth = 0;
    ev->nest = 0;
    memset(&ev->err, 0, sizeof ev->err);
    ev->runtime = 0;
}

int ev_fail(ev_ctx *ev, hcl_range r, const char *summary, const char *fmt, ...)
{
    if (ev->err.set) return LP_EV_ERR;
    ev->err.set = 1;
    ev->err.range = r;
    ev->err.file = ev->file ? ev->file->name : NULL;
    ev->err.src = ev->file ? ev->file->src : NULL;
    snprintf(ev->err.summary, sizeof ev->err.summary, "%s", summary);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ev->err.detail, sizeof ev->err.detail, fmt, ap);
    va_end(ap);
    return LP_EV_ERR;
}

int ev_oom(ev_ctx *ev, hcl_range r)
{
    if (ev->arena->over)   /* the bound ev_expr set, not the system */
        return ev_fail(ev, r, "Value too large",
                       "Evaluating this expression takes more than %zu MiB; lazypipe bounds what one "
                       "expression may allocate.", LP_EVAL_MAX_ALLOC >> 20);
    return ev_fail(ev, r, "Out of memory", "The evaluator ran out of memory.");
}

void ev_diag(const ev_ctx *ev, lp_diag *d, char *buf, size_t size)
{
    const ev_err *e = &ev->err;
    memset(d, 0, sizeof *d);
    d->severity = LP_SEV_ERROR;
    d->file = e->file ? e->file : "";
    d->line = e->range.line;
    d->col = e->range.col;
    d->end_line = e->range.end_line;
    d->end_col = e->range.end_col;
    d->summary = e->summary;
    size_t n = 0;
    if (size) buf[0] = 0;
    if (size) n = (size_t)snprintf(buf, size, "%s", e->detail);
    if (n >= size) n = size ? size - 1 : 0;
    if (e->src && e->range.end > e->range.start && n + 8 < size) {
        /* one line of at most 160 bytes: a line break and the indentation
         * after it become one space, and the cut never splits a UTF-8 character */
        const unsigned char *p = (const unsigned char *)e->src + e->range.start;
        uint32_t len = e->range.end - e->range.start, k = 0;
        const char *ell = "";
        if (len > 160) {
            len = 160;
            while (len && (p[len] & 0xC0) == 0x80) len--;
            ell = "...";
        }
        char one[161];
        int brk = 0;
        for (uint32_t i = 0; i < len; i++) {
            if (p[i] == '\n' || p[i] == '\r') {
                if (!brk) one[k++] = ' ';
                brk = 1;
            } else if (!(brk && (p[i] == ' ' || p[i] == '\t'))) {
                brk = 0;
                one[k++] = (char)p[i];
            }
        }
        snprintf(buf + n, size - n, " (in `%.*s%s`)", (int)k, one, ell);
    }
    d->detail = size ? buf : "";
}

/* ------------------------------------------------------------ helpers */

static int push_bind(ev_ctx *ev, hcl_str name, const hcl_expr *anon, lpv_value v, hcl_range r)
{
    if (ev->nbinds >= LP_EVAL_MAX_BINDS)
        return ev_fail(ev, r, "Nesting too deep", "Too many nested 'for' expressions or splats.");
    ev_bind *b = &ev->binds[ev->nbinds++];
    b->name = name;
    b->anon = anon;
    b->val = v;
    return LP_EV_OK;
}

static const ev_bind *find_bind(const ev_ctx *ev, hcl_str name)
{
    for (uint32_t i = ev->nbinds; i-- > 0;) {
        const ev_bind *b = &ev->binds[i];
        if (!b->anon && b->name.len == name.len && memcmp(b->name.p, name.p, name.len) == 0) return b;
    }
    return NULL;
}

/* ------------------------------------------------------------ traversal */

int ev_attr(ev_ctx *ev, lpv_value v, const char *name, size_t len, hcl_range r, lpv_value *out)
{
    switch (v.kind) {
    case LPV_UNKNOWN: return LP_EV_UNRESOLVED;
    case LPV_NULL:
        return ev_fail(ev, r, "Attempt to get attribute from null value",
                       "This value is null, so it does not have any attributes.");
    case LPV_OBJECT:
    case LPV_MAP: {
        const lpv_value *a = lpv_attr_get(v, name, len);
        if (!a && v.kind == LPV_OBJECT)
            return ev_fail(ev, r, "Unsupported attribute",
                           "This object does not have an attribute named \"%.*s\".", (int)len, name);
        if (!a)
            return ev_fail(ev, r, "Missing map element",
                           "This map does not have an element with the key \"%.*s\".", (int)len, name);
        if (a->kind == LPV_UNKNOWN) return LP_EV_UNRESOLVED;
        *out = *a;
        return LP_EV_OK;
    }
    case LPV_TUPLE:
    case LPV_LIST:
    case LPV_SET:
        return ev_fail(ev, r, "Unsupported attribute",
                       "Can't access attributes on a %s. Did you mean to access an attribute for "
                       "a specific element of the %s, or across all elements of the %s?",
                       v.kind == LPV_TUPLE ? "tuple" : v.kind == LPV_LIST ? "list" : "set",
                       lpv_kind_name(v), lpv_kind_name(v));
    default:
        return ev_fail(ev, r, "Unsupported attribute",
                       "Can't access attributes on a primitive-typed value (%s).", lpv_kind_name(v));
    }
}

/* "Invalid index": the key names no element of the collection, for the reason `why` (": ...", or "") */
static int no_such_element(ev_ctx *ev, hcl_range r, const char *why)
{
    return ev_fail(ev, r, "Invalid index",
                   "The given key does not identify an element in this collection value%s.", why);
}

int ev_index(ev_ctx *ev, lpv_value coll, lpv_value key, hcl_range r, lpv_value *out)
{
    if (coll.kind == LPV_UNKNOWN || key.kind == LPV_UNKNOWN) return LP_EV_UNRESOLVED;
    if (coll.kind == LPV_NULL)
        return ev_fail(ev, r, "Attempt to index null value",
                       "This value is null, so it does not have any indices.");
    if (key.kind == LPV_NULL)
        return ev_fail(ev, r, "Invalid index", "Can't use a null value as an indexing key.");
    const char *err = NULL;
    switch (coll.kind) {
    case LPV_TUPLE:
    case LPV_LIST: {
        lpv_value n;
        if (lpv_to_number(ev->arena, key, &n, &err) != 0)
            return no_such_element(ev, r, ": a number is required");
        int64_t i;
        if (lpv_num_to_i64(n, &i) != 0 || i < 0 || i >= (int64_t)coll.len) {
            char why[64] = "";
            if (lpv_num_to_i64(n, &i) == 0 && i >= 0)
                snprintf(why, sizeof why, ": the collection has no elements with index %lld", (long long)i);
            return no_such_element(ev, r, why);
        }
        *out = coll.u.elems[i];
        return out->kind == LPV_UNKNOWN ? LP_EV_UNRESOLVED : LP_EV_OK;
    }
    case LPV_OBJECT:
    case LPV_MAP: {
        lpv_value s;
        if (lpv_to_string(ev->arena, key, &s, &err) != 0) return no_such_element(ev, r, ": string required");
        const lpv_value *a = lpv_attr_get(coll, s.u.s, s.len);
        if (!a) return no_such_element(ev, r, "");
        *out = *a;
        return out->kind == LPV_UNKNOWN ? LP_EV_UNRESOLVED : LP_EV_OK;
    }
    case LPV_SET:
        return ev_fail(ev, r, "Invalid index",
                       "Elements of a set are identified only by their values and don't have any "
                       "separate index or key to select with, so it's only possible to perform "
                       "operations across all elements of the set.");
    default:
        return ev_fail(ev, r, "Invalid index", "This value does not have any indices.");
    }
}

static int eval_literal_key(ev_ctx *ev, const hcl_expr *k, lpv_value *out);

int ev_steps(ev_ctx *ev, lpv_value v, const hcl_step *steps, uint32_t n, lpv_value *out)
{
    for (uint32_t i = 0; i < n; i++) {
        const hcl_step *s = &steps[i];
        int rc;
        if (s->kind == HCL_STEP_ATTR) {
            rc = ev_attr(ev, v, s->name.p, s->name.len, s->range, &v);
        } else {
            lpv_value key;
            rc = eval_literal_key(ev, s->key, &key);
            if (rc == LP_EV_OK) rc = ev_index(ev, v, key, s->range, &v);
        }
        if (rc != LP_EV_OK) return rc;
    }
    if (v.kind == LPV_UNKNOWN) return LP_EV_UNRESOLVED;
    *out = v;
    return LP_EV_OK;
}

static int eval(ev_ctx *ev, const hcl_expr *e, lpv_value *out);

static int eval_literal_key(ev_ctx *ev, const hcl_expr *k, lpv_value *out)
{
    if (!k) {
        *out = lpv_null();
        return LP_EV_OK;
    }
    return eval(ev, k, out);
}

static int eval_scope_trav(ev_ctx *ev, const hcl_expr *e, lpv_value *out)
{
    hcl_str root = e->u.trav.root;
    const hcl_step *steps = e->u.trav.steps;
    uint32_t n = e->u.trav.n;
    const ev_bind *b = find_bind(ev, root);
    if (b) return ev_steps(ev, b->val, steps, n, out);
    if (!ev->runtime && (RT_ROOT(root))) return LP_EV_UNRESOLVED;
    lpv_value v;
    uint32_t used = 0;
    int rc = LP_EV_NOROOT;
    if (ev->scope && ev->scope->resolve)
        rc = ev->scope->resolve(ev->scope->user, ev, root, e->u.trav.root_range, steps, n, &v, &used);
    if (rc == LP_EV_NOROOT)
        return ev_fail(ev, e->u.trav.root_range, "Unknown variable",
                       "There is no variable named \"%.*s\".", (int)root.len, root.p);
    if (rc != LP_EV_OK) return rc;
    if (used > n) used = n;
    return ev_steps(ev, v, used < n ? steps + used : NULL, n - used, out);
}

/* ------------------------------------------------------------ templates */

typedef struct piece {
    const char *s;
    uint32_t n;
} piece;

/* Concatenate parts (already strings) into one NFC string in the arena. */
static int join_pieces(ev_ctx *ev, const piece *p, uint32_t n, hcl_range r, lpv_value *out)
{
    size_t total = 0;
    for (uint32_t i = 0; i < n; i++) total += p[i].n;
    if (total > UINT32_MAX / 2) return ev_fail(ev, r, "String too long", "The result is too long.");
    char *buf = ar_alloc(ev->arena, total ? total : 1);
    if (!buf) return ev_oom(ev, r);
    size_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (p[i].n) memcpy(buf + k, p[i].s, p[i].n);
        k += p[i].n;
    }
    if (lpv_str_nfc(ev->arena, buf, total, out) != 0) return ev_oom(ev, r);
    return LP_EV_OK;
}

static int eval_template(ev_ctx *ev, const hcl_expr *e, lpv_value *out)
{
    uint32_t n = e->u.tmpl.n;
    if (n == 0) {
        *out = lpv_str_ref("", 0);
        return LP_EV_OK;
    }
    if (n == 1 && e->u.tmpl.parts[0]->kind == HCL_EXPR_LITERAL &&
        e->u.tmpl.parts[0]->u.lit.kind == HCL_LIT_STRING)
        return eval(ev, e->u.tmpl.parts[0], out);
    piece *p = ar_alloc(ev->arena, n * sizeof *p);
    if (!p) return ev_oom(ev, e->range);
    int status = LP_EV_OK;
    for (uint32_t i = 0; i < n; i++) {
        const hcl_expr *part = e->u.tmpl.parts[i];
        lpv_value v;
        int rc = eval(ev, part, &v);
        p[i].s = "";
        p[i].n = 0;
        if (rc == LP_EV_ERR) return rc;
        if (rc != LP_EV_OK) {
            status = rc;
            continue;
        }
        if (v.kind == LPV_NULL)
            return ev_fail(
                ev, RNG(part, e), "Invalid template interpolation value",
                "The expression result is null. Cannot include a null value in a string template.");
        lpv_value s;
        const char *err;
        if (lpv_to_string(ev->arena, v, &s, &err) != 0)
            return ev_fail(ev, RNG(part, e), "Invalid template interpolation value",
                           "Cannot include the given value in a string template: %s.", err);
        p[i].s = s.u.s;
        p[i].n = s.len;
    }
    if (status != LP_EV_OK) return status;
    return join_pieces(ev, p, n, e->range, out);
}

static int eval_for(ev_ctx *ev, const hcl_expr *e, lpv_value *out);

static int eval_template_join(ev_ctx *ev, const hcl_expr *e, lpv_value *out)
{
    lpv_value tup;
    if (!e->u.join.tuple_for || e->u.join.tuple_for->kind != HCL_EXPR_FOR)
        return ev_fail(ev, e->range, "Invalid expression", "This expression has syntax errors.");
    int rc = eval_for(ev, e->u.join.tuple_for, &tup);
    if (rc != LP_EV_OK) return rc;
    piece *p = ar_alloc(ev->arena, (tup.len ? tup.len : 1) * sizeof *p);
    if (!p) return ev_oom(ev, e->range);
    for (uint32_t i = 0; i < tup.len; i++) {
        lpv_value v = tup.u.elems[i], s;
        const char *err;
        if (v.kind == LPV_NULL)
            return ev_fail(ev, e->range, "Invalid template interpolation value",
                           "An iteration result is null. Cannot include a null value in a string template.");
        if (lpv_to_string(ev->arena, v, &s, &err) != 0)
            return ev_fail(ev, e->range, "Invalid template interpolation value",
                           "Cannot include one of the interpolation results into the string template: %s.",
                           err);
        p[i].s = s.u.s;
        p[i].n = s.len;
    }
    return join_pieces(ev, p, tup.len, e->range, out);
}

/* ------------------------------------------------------------ collections */

/* The n expressions xs (of e, whose range a lack of memory is reported at) evaluated into a new
 * array *vals: LP_EV_ERR at the first error, else the status of the last that was not LP_EV_OK (an
 * unknown value) once all are evaluated, else LP_EV_OK. */
static int eval_each(ev_ctx *ev, const hcl_expr *e, hcl_expr *const *xs, uint32_t n, lpv_value **vals)
{
    lpv_value *v = ar_alloc(ev->arena, (n ? n : 1) * sizeof *v);
    if (!v) return ev_oom(ev, e->range);
    int status = LP_EV_OK;
    for (uint32_t i = 0; i < n; i++) {
        int rc = eval(ev, xs[i], &v[i]);
        if (rc == LP_EV_ERR) return rc;
        if (rc != LP_EV_OK) status = rc;
    }
    *vals = v;
    return status;
}

static int eval_tuple(ev_ctx *ev, const hcl_expr *e, lpv_value *out)
{
    lpv_value *el;
    int status = eval_each(ev, e, e->u.tuple.items, e->u.tuple.n, &el);
    if (status != LP_EV_OK) return status;
    *out = lpv_seq(LPV_TUPLE, el, e->u.tuple.n);
    return LP_EV_OK;
}

/* An object key: a bare identifier stands for its name unless forced. */
static int eval_key(ev_ctx *ev, const hcl_expr *k, lpv_value *out)
{
    const hcl_expr *w = k->kind == HCL_EXPR_OBJECT_KEY ? k->u.key.wrapped : k;
    if (k->kind == HCL_EXPR_OBJECT_KEY && !k->u.key.force_non_literal && w &&
        w->kind == HCL_EXPR_SCOPE_TRAV && w->u.trav.n == 0) {
        *out = lpv_str_ref(w->u.trav.root.p, w->u.trav.root.len);
        return LP_EV_OK;
    }
    lpv_value v;
    int rc = eval(ev, w, &v);
    if (rc != LP_EV_OK) return rc;
    if (v.kind == LPV_NULL)
        return ev_fail(ev, RNG(w, k), "Null value as key", "Can't use a null value as a key.");
    const char *err;
    if (lpv_to_string(ev->arena, v, out, &err) != 0)
        return ev_fail(ev, RNG(w, k), "Incorrect key type", "Can't use this value as a key: %s.", err);
    return LP_EV_OK;
}

static int eval_object(ev_ctx *ev, const hcl_expr *e, lpv_value *out)
{
    uint32_t n = e->u.object.n;
    lpv_attr *at = ar_alloc(ev->arena, (n ? n : 1) * sizeof *at);
    if (!at) return ev_oom(ev, e->range);
    int status = LP_EV_OK;
    for (uint32_t i = 0; i < n; i++) {
        lpv_value k, v;
        if (!e->u.object.items[i].key)
            return ev_fail(ev, e->range, "Invalid expression", "This expression has syntax errors.");
        int rc = eval_key(ev, e->u.object.items[i].key, &k);
        if (rc == LP_EV_ERR) return rc;
        int rv = eval(ev, e->u.object.items[i].value, &v);
        if (rv == LP_EV_ERR) return rv;
        if (rc != LP_EV_OK) status = rc;
        if (rv != LP_EV_OK) status = rv;
        if (rc != LP_EV_OK || rv != LP_EV_OK) continue;
        at[i].key = k.u.s;
        at[i].klen = k.len;
        at[i].val = v;
    }
    if (status != LP_EV_OK) return status;
    *out = lpv_obj(LPV_OBJECT, at, n);
    return LP_EV_OK;
}

/* Iterate a collection as hcl's for/splat do. */
typedef struct iter {
    lpv_value coll;
    uint32_t i;
} iter;

static int iter_next(ev_ctx *ev, iter *it, lpv_value *k, lpv_value *v)
{
    (void)ev;
    if (it->i >= it->coll.len) return 0;
    uint32_t i = it->i++;
    switch (it->coll.kind) {
    case LPV_OBJECT:
    case LPV_MAP:
        *k = lpv_str_ref(it->coll.u.attrs[i].key, it->coll.u.attrs[i].klen);
        *v = it->coll.u.attrs[i].val;
        return 1;
    case LPV_SET:
        *k = *v = it->coll.u.elems[i];
        return 1;
    default:
        *k = lpv_int(i);
        *v = it->coll.u.elems[i];
        return 1;
    }
}

/* One of a for expression e's clauses x (its `if`, its key) evaluated: a null value is the error
 * summary: detail. */
static int eval_clause(ev_ctx *ev, const hcl_expr *e, const hcl_expr *x, const char *summary,
                       const char *detail, lpv_value *out)
{
    int rc = eval(ev, x, out);
    if (rc == LP_EV_OK && out->kind == LPV_NULL) return ev_fail(ev, RNG(x, e), summary, "%s", detail);
    return rc;
}

static int eval_for(ev_ctx *ev, const hcl_expr *e, lpv_value *out)
{
    lpv_value coll;
    int rc = eval(ev, e->u.forx.coll, &coll);
    if (rc != LP_EV_OK) return rc;
    if (coll.kind == LPV_NULL)
        return ev_fail(ev, RNG(e->u.forx.coll, e), "Iteration over null value",
                       "A null value cannot be used as the collection in a 'for' expression.");
    if (!lpv_is_seq(coll) && !lpv_is_obj(coll))
        return ev_fail(ev, RNG(e->u.forx.coll, e), "Iteration over non-iterable value",
                       "A value of type %s cannot be used as the collection in a 'for' expression.",
                       lpv_kind_name(coll));
    uint32_t cap = coll.len ? coll.len : 1;
    lpv_value *vals = ar_alloc(ev->arena, cap * sizeof *vals);
    lpv_value *keys = e->u.forx.is_object ? ar_alloc(ev->arena, cap * sizeof *keys) : NULL;
    if (!vals || (e->u.forx.is_object && !keys)) return ev_oom(ev, e->range);
    uint32_t n = 0, base = ev->nbinds;
    int status = LP_EV_OK;
    iter it = { coll, 0 };
    lpv_value k, v;
    while (iter_next(ev, &it, &k, &v)) {
        ev->nbinds = base;
        if (e->u.forx.key_var.len && (rc = push_bind(ev, e->u.forx.key_var, NULL, k, e->range)) != LP_EV_OK)
            goto done;
        if ((rc = push_bind(ev, e->u.forx.val_var, NULL, v, e->range)) != LP_EV_OK) goto done;
        if (e->u.forx.cond) {
            lpv_value c;
            rc = eval_clause(ev, e, e->u.forx.cond, "Condition is null",
                             "The value of the 'if' clause must not be null.", &c);
            if (rc == LP_EV_ERR) goto done;
            if (rc != LP_EV_OK) { status = rc; continue; }
            const char *err;
            if (lpv_to_bool(c, &c, &err) != 0) {
                rc = ev_fail(ev, RNG(e->u.forx.cond, e), "Invalid 'for' condition",
                             "The 'if' clause value is invalid: %s.", err);
                goto done;
            }
            if (!c.u.b) continue;
        }
        if (e->u.forx.is_object) {
            lpv_value kv, s;
            rc = eval_clause(ev, e, e->u.forx.key, "Invalid object key",
                             "Key expression in 'for' expression must not produce a null value.", &kv);
            if (rc == LP_EV_ERR) goto done;
            if (rc != LP_EV_OK) { status = rc; continue; }
            const char *err;
            if (lpv_to_string(ev->arena, kv, &s, &err) != 0) {
                rc = ev_fail(ev, RNG(e->u.forx.key, e), "Invalid object key",
                             "The key expression produced an invalid result: %s.", err);
                goto done;
            }
            keys[n] = s;
        }
        rc = eval(ev, e->u.forx.val, &vals[n]);
        if (rc == LP_EV_ERR) goto done;
        if (rc != LP_EV_OK) { status = rc; continue; }
        n++;
    }
    rc = LP_EV_OK;
done:
    ev->nbinds = base;
    if (rc != LP_EV_OK) return rc;
    if (status != LP_EV_OK) return status;
    if (!e->u.forx.is_object) {
        *out = lpv_seq(LPV_TUPLE, vals, n);
        return LP_EV_OK;
    }
    /* object: group or reject duplicates; keys in first-seen order then sorted */
    lpv_attr *at = ar_alloc(ev->arena, (n ? n : 1) * sizeof *at);
    if (!at) return ev_oom(ev, e->range);
    uint32_t m = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t j;
        for (j = 0; j < m; j++)
            if (at[j].klen == keys[i].len && memcmp(at[j].key, keys[i].u.s, keys[i].len) == 0) break;
        if (j < m && !e->u.forx.group)
            return ev_fail(ev, RNG(e->u.forx.key, e), "Duplicate object key",
                           "Two different items produced the key \"%.*s\" in this 'for' expression. "
                           "If duplicates are expected, use the ellipsis (...) after the value "
                           "expression to enable grouping by key.", (int)keys[i].len, keys[i].u.s);
        if (j == m) {
            at[m].key = keys[i].u.s;
            at[m].klen = keys[i].len;
            at[m].val = vals[i];
            if (e->u.forx.group) {
                /* collect the group now: every later item with this key */
                uint32_t cnt = 0;
                for (uint32_t t = i; t < n; t++)
                    if (keys[t].len == keys[i].len && memcmp(keys[t].u.s, keys[i].u.s, keys[i].len) == 0)
                        cnt++;
                lpv_value *g = ar_alloc(ev->arena, cnt * sizeof *g);
                if (!g) return ev_oom(ev, e->range);
                uint32_t c = 0;
                for (uint32_t t = i; t < n; t++)
                    if (keys[t].len == keys[i].len && memcmp(keys[t].u.s, keys[i].u.s, keys[i].len) == 0)
                        g[c++] = vals[t];
                at[m].val = lpv_seq(LPV_TUPLE, g, cnt);
            }
            m++;
        }
    }
    *out = lpv_obj(LPV_OBJECT, at, m);
    return LP_EV_OK;
}

static int eval_splat(ev_ctx *ev, const hcl_expr *e, lpv_value *out)
{
    lpv_value src;
    int rc = eval(ev, e->u.splat.source, &src);
    if (rc != LP_EV_OK) return rc;
    if (src.kind == LPV_NULL) {
        *out = lpv_seq(LPV_TUPLE, NULL, 0);
        return LP_EV_OK;
    }
    lpv_kind rk = src.kind == LPV_LIST || src.kind == LPV_SET ? LPV_LIST : LPV_TUPLE;
    const lpv_value *el;
    uint32_t n;
    lpv_value one = src;
    if (lpv_is_seq(src)) {
        el = src.u.elems;
        n = src.len;
    } else {
        el = &one;   /* a non-collection is upgraded to a one-element tuple */
        n = 1;
    }
    lpv_value *res = ar_alloc(ev->arena, (n ? n : 1) * sizeof *res);
    if (!res) return ev_oom(ev, e->range);
    uint32_t base = ev->nbinds;
    int status = LP_EV_OK;
    for (uint32_t i = 0; i < n; i++) {
        ev->nbinds = base;
        hcl_str none = { "", 0 };
        if ((rc = push_bind(ev, none, e->u.splat.item, el[i], e->range)) != LP_EV_OK) break;
        rc = eval(ev, e->u.splat.each, &res[i]);
        if (rc == LP_EV_ERR) break;
        if (rc != LP_EV_OK) status = rc;
        rc = LP_EV_OK;
    }
    ev->nbinds = base;
    if (rc != LP_EV_OK) return rc;
    if (status != LP_EV_OK) return status;
    *out = lpv_seq(rk, res, n);
    return LP_EV_OK;
}

static int eval_anon(ev_ctx *ev, const hcl_expr *e, lpv_value *out)
{
    for (uint32_t i = ev->nbinds; i-- > 0;)
        if (ev->binds[i].anon == e) {
            *out = ev->binds[i].val;
            return out->kind == LPV_UNKNOWN ? LP_EV_UNRESOLVED : LP_EV_OK;
        }
    return ev_fail(ev, e->range, "Invalid splat", "A splat item was used outside its splat.");
}

/* ------------------------------------------------------------ operators */

/* cty's type unification for the two branches of a conditional, for the
 * primitive cases: number/bool with string become strings. */
static int unify_branch(ev_ctx *ev, lpv_value *v, lpv_value other)
{
    if (v->kind == other.kind || v->kind == LPV_NULL || other.kind == LPV_NULL) return 0;
    if (other.kind == LPV_STRING && (v->kind == LPV_NUMBER || v->kind == LPV_BOOL)) {
        const char *err;
        return lpv_to_string(ev->arena, *v, v, &err) == 0 ? 0 : -1;
    }
    if (v->kind == LPV_STRING && (other.kind == LPV_NUMBER || other.kind == LPV_BOOL)) return 0;
    if ((v->kind == LPV_NUMBER && other.kind == LPV_BOOL) ||
        (v->kind == LPV_BOOL && other.kind == LPV_NUMBER))
        return -1;
    return 0;   /* structural types: left as they are */
}

static int eval_cond(ev_ctx *ev, const hcl_expr *e, lpv_value *out)
{
    lpv_value t, f, c;
    ev_err saved = ev->err;
    int rt = eval(ev, e->u.cond.t, &t);
    ev_err terr = ev->err;
    ev->err = saved;
    int rf = eval(ev, e->u.cond.f, &f);
    ev_err ferr = ev->err;
    ev->err = saved;
    int rc = eval(ev, e->u.cond.cond, &c);
    if (rc != LP_EV_OK) return rc;
    if (c.kind == LPV_NULL)
        return ev_fail(ev, RNG(e->u.cond.cond, e), "Null condition",
                       "The condition value is null. Conditions must either be true or false.");
    const char *err;
    if (lpv_to_bool(c, &c, &err) != 0)
        return ev_fail(ev, RNG(e->u.cond.cond, e), "Incorrect condition type",
                       "The condition expression must be of type bool.");
    int pick = c.u.b;
    int r = pick ? rt : rf;
    if (r == LP_EV_ERR) {
        ev->err = pick ? terr : ferr;
        return LP_EV_ERR;
    }
    if (r != LP_EV_OK) return r;
    *out = pick ? t : f;
    if (rt == LP_EV_OK && rf == LP_EV_OK && unify_branch(ev, out, pick ? f : t) != 0)
        return ev_fail(ev, e->range, "Inconsistent conditional result types",
                       "The true and false result expressions must have consistent types. "
                       "The 'true' value is %s, but the 'false' value is %s.",
                       lpv_kind_name(t), lpv_kind_name(f));
    return LP_EV_OK;
}

static int operand(ev_ctx *ev, const hcl_expr *x, lpv_value v, int want /* 'n' or 'b' */,
                   const char *side, lpv_value *out)
{
    const char *err;
    int rc = want == 'n' ? lpv_to_number(ev->arena, v, out, &err) : lpv_to_bool(v, out, &err);
    if (v.kind == LPV_NULL) err = "argument must not be null";
    if (rc != 0 || v.kind == LPV_NULL)
        return ev_fail(ev, x ? x->range : ev->err.range, "Invalid operand",
                       "Unsuitable value for %s operand: %s.", side, err);
    return LP_EV_OK;
}

/* Both of two expressions evaluated, x then y (both, so that y's error is reported when x is only
 * unresolved): an error first, then x's state, then y's. */
static int eval_both(ev_ctx *ev, const hcl_expr *x, lpv_value *vx, const hcl_expr *y, lpv_value *vy)
{
    int rx = eval(ev, x, vx);
    if (rx == LP_EV_ERR) return rx;
    int ry = eval(ev, y, vy);
    if (ry == LP_EV_ERR) return ry;
    return rx != LP_EV_OK ? rx : ry;
}

/* A binary operator's two operands l and r converted to `want` (operand), into a and b. */
static int operands(ev_ctx *ev, const hcl_expr *e, lpv_value l, lpv_value r, int want, lpv_value *a,
                    lpv_value *b)
{
    int ra = operand(ev, e->u.bin.lhs, l, want, "left", a);
    int rb = operand(ev, e->u.bin.rhs, r, want, "right", b);
    return ra != LP_EV_OK ? ra : rb;
}

static int eval_binary(ev_ctx *ev, const hcl_expr *e, lpv_value *out)
{
    lpv_value l, r;
    int rc = eval_both(ev, e->u.bin.lhs, &l, e->u.bin.rhs, &r);
    if (rc != LP_EV_OK) return rc;
    uint32_t op = e->u.bin.op;
    if (op == HCL_OP_EQ || op == HCL_OP_NE) {
        int eq = lpv_equal(l, r);
        *out = lpv_bool(op == HCL_OP_EQ ? eq : !eq);
        return LP_EV_OK;
    }
    lpv_value a, b;
    if (op == HCL_OP_AND || op == HCL_OP_OR) {
        rc = operands(ev, e, l, r, 'b', &a, &b);
        if (rc != LP_EV_OK) return rc;
        *out = lpv_bool(op == HCL_OP_AND ? (a.u.b && b.u.b) : (a.u.b || b.u.b));
        return LP_EV_OK;
    }
    rc = operands(ev, e, l, r, 'n', &a, &b);
    if (rc != LP_EV_OK) return rc;
    int c;
    switch (op) {
    case HCL_OP_LT: c = lpv_num_cmp(a, b); *out = lpv_bool(c < 0); return LP_EV_OK;
    case HCL_OP_LE: c = lpv_num_cmp(a, b); *out = lpv_bool(c <= 0); return LP_EV_OK;
    case HCL_OP_GT: c = lpv_num_cmp(a, b); *out = lpv_bool(c > 0); return LP_EV_OK;
    case HCL_OP_GE: c = lpv_num_cmp(a, b); *out = lpv_bool(c >= 0); return LP_EV_OK;
    default: break;
    }
    lpv_arith ar;
    switch (op) {
    case HCL_OP_ADD: ar = LPV_ADD; break;
    case HCL_OP_SUB: ar = LPV_SUB; break;
    case HCL_OP_MUL: ar = LPV_MUL; break;
    case HCL_OP_DIV: ar = LPV_DIV; break;
    case HCL_OP_MOD: ar = LPV_MOD; break;
    default: return ev_fail(ev, e->range, "Invalid operator", "Unknown binary operator.");
    }
    rc = lpv_num_arith(ev->arena, ar, a, b, out);
    if (rc == -1) return ev_oom(ev, e->range);
    if (rc == -2)
        return ev_fail(ev, e->range, "Operation failed", "Error during operation: %s.",
                       ar == LPV_DIV ? "can't divide zero by zero or infinity by infinity"
                       : ar == LPV_MOD ? "can't use modulo with zero and infinity"
                                            : "the result is not a number");
    return LP_EV_OK;
}

static int eval_unary(ev_ctx *ev, const hcl_expr *e, lpv_value *out)
{
    lpv_value v, a;
    int rc = eval(ev, e->u.un.operand, &v);
    if (rc != LP_EV_OK) return rc;
    if (e->u.un.op == HCL_OP_NOT) {
        if ((rc = operand(ev, e->u.un.operand, v, 'b', "unary", &a)) != LP_EV_OK) return rc;
        *out = lpv_bool(!a.u.b);
        return LP_EV_OK;
    }
    if ((rc = operand(ev, e->u.un.operand, v, 'n', "unary", &a)) != LP_EV_OK) return rc;
    if (lpv_num_neg(ev->arena, a, out) != 0) return ev_oom(ev, e->range);
    return LP_EV_OK;
}

/* ------------------------------------------------------------ calls */

static int eval_call(ev_ctx *ev, const hcl_expr *e, lpv_value *out)
{
    hcl_str name = e->u.call.name;
    const fn_def *f = fn_lookup(name.p, name.len);
    if (!f)
        return ev_fail(ev, e->u.call.name_range, "Call to unknown function",
                       "There is no function named \"%.*s\".", (int)name.len, name.p);
    if (f->flags & LP_FN_RAW) return f->impl(ev, e, NULL, e->u.call.n, out);
    uint32_t n = e->u.call.n;
    lpv_value *args;
    int status = eval_each(ev, e, e->u.call.args, n, &args);
    if (status != LP_EV_OK) return status;
    if (e->u.call.expand_final && n > 0) {
        lpv_value last = args[n - 1];
        const hcl_expr *le = e->u.call.args[n - 1];
        if (last.kind == LPV_NULL)
            return ev_fail(ev, RNG(le, e), "Invalid expanding argument value",
                           "The expanding argument (indicated by ...) must not be null.");
        if (!lpv_is_seq(last))
            return ev_fail(
                ev, RNG(le, e), "Invalid expanding argument value",
                "The expanding argument (indicated by ...) must be of a tuple, list, or set type.");
        uint32_t m = n - 1 + last.len;
        lpv_value *na = ar_alloc(ev->arena, (m ? m : 1) * sizeof *na);
        if (!na) return ev_oom(ev, e->range);
        memcpy(na, args, (n - 1) * sizeof *na);
        for (uint32_t i = 0; i < last.len; i++) {
            na[n - 1 + i] = last.u.elems[i];
            if (last.u.elems[i].kind == LPV_UNKNOWN) return LP_EV_UNRESOLVED;
        }
        args = na;
        n = m;
    }
    if (n < f->min || (f->max != LP_FN_VARIADIC && n > f->max)) {
        if (n < f->min)
            return ev_fail(ev, e->range, "Not enough function arguments",
                           "Function \"%s\" expects %s%u argument(s). Missing value for \"%s\".",
                           f->name, f->max == LP_FN_VARIADIC ? "at least " : "", (unsigned)f->min,
                           f->params ? f->params : "?");
        return ev_fail(ev, e->range, "Too many function arguments",
                       "Function \"%s\" expects only %u argument(s).", f->name, (unsigned)f->max);
    }
    if (!(f->flags & LP_FN_NULL_OK))
        for (uint32_t i = 0; i < n; i++)
            if (args[i].kind == LPV_NULL) {
                const hcl_expr *ae = e->u.call.args[i < e->u.call.n ? i : e->u.call.n - 1];
                return ev_fail(ev, RNG(ae, e), "Invalid function argument",
                               "Invalid value for \"%s\" parameter: argument must not be null.",
                               f->params ? f->params : "?");
            }
    ev->depth++;
    int rc = fn_call(ev, f, e, args, n, out);
    ev->depth--;
    return rc;
}

/* ------------------------------------------------------------ dispatch */

static int eval_literal(ev_ctx *ev, const hcl_expr *e, lpv_value *out)
{
    switch (e->u.lit.kind) {
    case HCL_LIT_NULL: *out = lpv_null(); return LP_EV_OK;
    case HCL_LIT_BOOL: *out = lpv_bool(e->u.lit.b); return LP_EV_OK;
    case HCL_LIT_NUMBER:
        if (lpv_num_parse(ev->arena, e->u.lit.text.p, e->u.lit.text.len, out) != 0)
            return ev_fail(ev, e->range, "Invalid number literal",
                           "Failed to recognize the value of this number literal.");
        return LP_EV_OK;
    case HCL_LIT_STRING:
        *out = lpv_str_ref(e->u.lit.text.p, e->u.lit.text.len);
        return LP_EV_OK;
    default:
        return ev_fail(ev, e->range, "Invalid expression", "This expression has syntax errors.");
    }
}

static int eval(ev_ctx *ev, const hcl_expr *e, lpv_value *out)
{
    if (!e) {
        *out = lpv_null();
        return LP_EV_OK;
    }
    switch (e->kind) {
    case HCL_EXPR_LITERAL: return eval_literal(ev, e, out);
    case HCL_EXPR_TEMPLATE: return eval_template(ev, e, out);
    case HCL_EXPR_TEMPLATE_WRAP: return eval(ev, e->u.wrap.wrapped, out);
    case HCL_EXPR_TEMPLATE_JOIN: return eval_template_join(ev, e, out);
    case HCL_EXPR_SCOPE_TRAV: return eval_scope_trav(ev, e, out);
    case HCL_EXPR_REL_TRAV: {
        lpv_value v;
        int rc = eval(ev, e->u.rel.source, &v);
        if (rc != LP_EV_OK) return rc;
        return ev_steps(ev, v, e->u.rel.steps, e->u.rel.n, out);
    }
    case HCL_EXPR_INDEX: {
        lpv_value c, k;
        int rc = eval_both(ev, e->u.index.coll, &c, e->u.index.key, &k);
        if (rc != LP_EV_OK) return rc;
        return ev_index(ev, c, k, e->range, out);
    }
    case HCL_EXPR_SPLAT: return eval_splat(ev, e, out);
    case HCL_EXPR_ANON_SYMBOL: return eval_anon(ev, e, out);
    case HCL_EXPR_CALL: return eval_call(ev, e, out);
    case HCL_EXPR_TUPLE: return eval_tuple(ev, e, out);
    case HCL_EXPR_OBJECT: return eval_object(ev, e, out);
    case HCL_EXPR_OBJECT_KEY: return eval_key(ev, e, out);
    case HCL_EXPR_FOR: return eval_for(ev, e, out);
    case HCL_EXPR_CONDITIONAL: return eval_cond(ev, e, out);
    case HCL_EXPR_BINARY: return eval_binary(ev, e, out);
    case HCL_EXPR_UNARY: return eval_unary(ev, e, out);
    case HCL_EXPR_PARENS: return eval(ev, e->u.parens.inner, out);
    default: return ev_fail(ev, e->range, "Invalid expression", "Unsupported expression kind.");
    }
}

int ev_expr(ev_ctx *ev, const hcl_expr *e, lpv_value *out)
{
    /* the outermost evaluation bounds what it may allocate (nested ones, try
     * and can, share its bound) */
    ar_arena *a = ev->arena;
    size_t limit = a->limit;
    int over = a->over;
    if (ev->nest++ == 0) {
        size_t cap = a->used <= SIZE_MAX - LP_EVAL_MAX_ALLOC ? a->used + LP_EVAL_MAX_ALLOC : SIZE_MAX;
        if (!a->limit || cap < a->limit) a->limit = cap;
        a->over = 0;
    }
    lpv_value v;
    int rc = eval(ev, e, &v);
    if (--ev->nest == 0) {
        a->limit = limit;
        a->over = over;
    }
    if (rc == LP_EV_OK && v.kind == LPV_UNKNOWN) rc = LP_EV_UNRESOLVED;
    if (rc == LP_EV_OK && lpv_over(v, LP_EVAL_MAX_ELEMS, LP_EVAL_MAX_BYTES))
        rc = ev_fail(ev, e->range, "Value too large",
                     "This value holds more than %u values or %zu MiB of strings once written out (a "
                     "collection that holds another counts it each time); lazypipe bounds every value it "
                     "evaluates.", LP_EVAL_MAX_ELEMS, LP_EVAL_MAX_BYTES >> 20);
    if (rc == LP_EV_OK) *out = v;
    return rc;
}
