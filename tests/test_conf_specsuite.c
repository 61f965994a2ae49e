/* test_conf_specsuite.c — hashicorp/hcl's specsuite (../shared/testdata/hcl-specsuite),
 * native-syntax cases.
 *
 * Each test NAME has NAME.hcl (input), NAME.hcldec (a decoding spec) and NAME.t
 * (the expectation); the .hcldec and .t files are HCL themselves and are read
 * with our own parser.  A small "hcldec-lite" understands the spec constructs
 * the suite uses (literal, object/attr, block, block_list, block_map,
 * variables) and reproduces:
 *  - `diagnostics { error { from {…} to {…} } }`: our errors, from the parser
 *    or from the schema check hcldec does (an attribute the spec does not
 *    name), have exactly these ranges (line, column, byte), the first one
 *    first;
 *  - `result = …`: the input parses and decodes to that value.  Values are
 *    computed by a tiny evaluator that knows literals, templates, objects,
 *    tuples and variables, so that the parser's values (escapes, NFC, heredoc
 *    flush) are checked without the evaluator; the one case that needs
 *    operators is skipped here and checked by test_eval_specsuite.c with the
 *    real evaluator (EVAL_HOOK below marks the place).
 */
#include <criterion/criterion.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/arena.h"
#include "hcl/hcl_ast.h"
#include "support/jsontree.h"
#include "support/shared.h"

/* ------------------------------------------------------------ mini values */

typedef enum { MV_NULL, MV_BOOL, MV_NUM, MV_STR, MV_OBJ, MV_TUPLE } mv_kind;

typedef struct mv {
    mv_kind kind;
    int b;
    char *s;             /* MV_STR bytes; MV_NUM canonical decimal */
    size_t n;
    struct mv **items;
    char **keys;         /* MV_OBJ */
    size_t nitems;
} mv;

static mv *mv_new(mv_kind k)
{
    mv *v = calloc(1, sizeof *v);
    cr_assert(v);
    v->kind = k;
    return v;
}

static void mv_free(mv *v)
{
    if (!v) return;
    for (size_t i = 0; i < v->nitems; i++) {
        mv_free(v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->s);
    free(v);
}

static void mv_add(mv *o, const char *k, size_t kl, mv *x)
{
    o->items = realloc(o->items, (o->nitems + 1) * sizeof *o->items);
    if (o->kind == MV_OBJ) {
        o->keys = realloc(o->keys, (o->nitems + 1) * sizeof *o->keys);
        o->keys[o->nitems] = strndup(k, kl);
    }
    o->items[o->nitems++] = x;
}

/* A number literal as canonical decimal text: equal values, equal text. */
static char *canon_number(const char *s, size_t n)
{
    char dig[1024];
    size_t nd = 0, i = 0;
    long point;
    while (i < n && s[i] >= '0' && s[i] <= '9' && nd < sizeof dig) dig[nd++] = s[i++];
    point = (long)nd;
    if (i < n && s[i] == '.')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9' && nd < sizeof dig; i++) dig[nd++] = s[i];
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        int neg = 0;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
        long e = atol(s + i);
        point += neg ? -e : e;
    }
    size_t lo = 0;
    while (lo < nd && dig[lo] == '0') {
        lo++;
        point--;
    }
    while (nd > lo && dig[nd - 1] == '0') nd--;
    char *out = malloc(nd - lo + 64);
    if (lo == nd) strcpy(out, "0");
    else sprintf(out, "0.%.*se%ld", (int)(nd - lo), dig + lo, point);
    return out;
}

static mv *lookup_var(const mv *vars, hcl_str name)
{
    if (!vars) return NULL;
    for (size_t i = 0; i < vars->nitems; i++)
        if (strlen(vars->keys[i]) == name.len && memcmp(vars->keys[i], name.p, name.len) == 0)
            return vars->items[i];
    return NULL;
}

static mv *mv_copy(const mv *v)
{
    mv *c = mv_new(v->kind);
    c->b = v->b;
    if (v->s) {
        c->s = malloc(v->n + 1);
        memcpy(c->s, v->s, v->n + 1);
        c->n = v->n;
    }
    for (size_t i = 0; i < v->nitems; i++)
        mv_add(c, v->keys ? v->keys[i] : "", v->keys ? strlen(v->keys[i]) : 0, mv_copy(v->items[i]));
    return c;
}

static mv *mv_string(const char *s, size_t n)
{
    mv *v = mv_new(MV_STR);
    v->s = malloc(n + 1);
    memcpy(v->s, s, n);
    v->s[n] = '\0';
    v->n = n;
    return v;
}

/* Evaluate what needs no evaluator: NULL (and *unsupported set) otherwise.
 * EVAL_HOOK: once the evaluator exists, call it here instead of giving up. */
static mv *eval_lite(const hcl_expr *e, const mv *vars, int *unsupported)
{
    switch (e->kind) {
    case HCL_EXPR_LITERAL: {
        switch (e->u.lit.kind) {
        case HCL_LIT_NULL: return mv_new(MV_NULL);
        case HCL_LIT_BOOL: {
            mv *v = mv_new(MV_BOOL);
            v->b = e->u.lit.b;
            return v;
        }
        case HCL_LIT_NUMBER: {
            mv *v = mv_new(MV_NUM);
            v->s = canon_number(e->u.lit.text.p, e->u.lit.text.len);
            v->n = strlen(v->s);
            return v;
        }
        case HCL_LIT_STRING: return mv_string(e->u.lit.text.p, e->u.lit.text.len);
        default: break;
        }
        break;
    }
    case HCL_EXPR_TEMPLATE: {
        size_t cap = 64, n = 0;
        char *buf = malloc(cap);
        for (uint32_t i = 0; i < e->u.tmpl.n; i++) {
            mv *p = eval_lite(e->u.tmpl.parts[i], vars, unsupported);
            if (!p || (p->kind != MV_STR && p->kind != MV_NUM && p->kind != MV_BOOL)) {
                mv_free(p);
                free(buf);
                *unsupported = 1;
                return NULL;
            }
            const char *t = p->kind == MV_BOOL ? (p->b ? "true" : "false") : p->s;
            size_t tl = p->kind == MV_BOOL ? strlen(t) : p->n;
            if (p->kind == MV_NUM) {   /* only simple integers need printing here */
                mv_free(p);
                free(buf);
                *unsupported = 1;
                return NULL;
            }
            while (n + tl + 1 > cap) buf = realloc(buf, cap *= 2);
            memcpy(buf + n, t, tl);
            n += tl;
            mv_free(p);
        }
        mv *v = mv_string(buf, n);
        free(buf);
        return v;
    }
    case HCL_EXPR_TEMPLATE_WRAP:
        return eval_lite(e->u.wrap.wrapped, vars, unsupported);
    case HCL_EXPR_UNARY: {
        /* a negative number literal (expected values use them) */
        const hcl_expr *o = e->u.un.operand;
        if (e->u.un.op == HCL_OP_NEG && o->kind == HCL_EXPR_LITERAL && o->u.lit.kind == HCL_LIT_NUMBER) {
            char *c = canon_number(o->u.lit.text.p, o->u.lit.text.len);
            mv *v = mv_new(MV_NUM);
            v->n = strlen(c) + 1;
            v->s = malloc(v->n + 1);
            sprintf(v->s, "-%s", c);
            free(c);
            return v;
        }
        break;
    }
    case HCL_EXPR_SCOPE_TRAV:
        if (e->u.trav.n == 0) {
            mv *v = lookup_var(vars, e->u.trav.root);
            if (v) return mv_copy(v);
        }
        break;
    case HCL_EXPR_TUPLE: {
        mv *t = mv_new(MV_TUPLE);
        for (uint32_t i = 0; i < e->u.tuple.n; i++) {
            mv *x = eval_lite(e->u.tuple.items[i], vars, unsupported);
            if (!x) {
                mv_free(t);
                return NULL;
            }
            mv_add(t, NULL, 0, x);
        }
        return t;
    }
    case HCL_EXPR_OBJECT: {
        mv *o = mv_new(MV_OBJ);
        for (uint32_t i = 0; i < e->u.object.n; i++) {
            const hcl_expr *k = e->u.object.items[i].key->u.key.wrapped;
            mv *kv = NULL;
            if (k->kind == HCL_EXPR_SCOPE_TRAV && k->u.trav.n == 0 &&
                !e->u.object.items[i].key->u.key.force_non_literal)
                kv = mv_string(k->u.trav.root.p, k->u.trav.root.len);
            else
                kv = eval_lite(k, vars, unsupported);
            mv *x =
                kv && kv->kind == MV_STR ? eval_lite(e->u.object.items[i].value, vars, unsupported) : NULL;
            if (!x) {
                mv_free(kv);
                mv_free(o);
                *unsupported = 1;
                return NULL;
            }
            mv_add(o, kv->s, kv->n, x);
            mv_free(kv);
        }
        return o;
    }
    default:
        break;
    }
    *unsupported = 1;
    return NULL;
}

static int mv_equal(const mv *a, const mv *b, char *why, size_t whysz, const char *path)
{
    if (a->kind != b->kind) {
        snprintf(why, whysz, "%s: kind %d vs %d", path, a->kind, b->kind);
        return 0;
    }
    switch (a->kind) {
    case MV_NULL: return 1;
    case MV_BOOL:
        if (a->b == b->b) return 1;
        snprintf(why, whysz, "%s: %d vs %d", path, a->b, b->b);
        return 0;
    case MV_NUM:
    case MV_STR:
        if (a->n == b->n && memcmp(a->s, b->s, a->n) == 0) return 1;
        snprintf(why, whysz, "%s: \"%s\" vs \"%s\"", path, a->s, b->s);
        return 0;
    case MV_TUPLE:
        if (a->nitems != b->nitems) {
            snprintf(why, whysz, "%s: %zu vs %zu items", path, a->nitems, b->nitems);
            return 0;
        }
        for (size_t i = 0; i < a->nitems; i++)
            if (!mv_equal(a->items[i], b->items[i], why, whysz, path)) return 0;
        return 1;
    case MV_OBJ:
        if (a->nitems != b->nitems) {
            snprintf(why, whysz, "%s: %zu vs %zu keys", path, a->nitems, b->nitems);
            return 0;
        }
        for (size_t i = 0; i < a->nitems; i++) {
            size_t j = 0;
            while (j < b->nitems && strcmp(a->keys[i], b->keys[j])) j++;
            char sub[512];
            snprintf(sub, sizeof sub, "%s.%s", path, a->keys[i]);
            if (j == b->nitems) {
                snprintf(why, whysz, "%s: missing", sub);
                return 0;
            }
            if (!mv_equal(a->items[i], b->items[j], why, whysz, sub)) return 0;
        }
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ HCL file helpers */

typedef struct doc {
    ar_arena arena;
    hcl_file f;
    char *text;
} doc;

static int load(doc *d, const char *path)
{
    size_t len;
    d->text = jt_read_file(path, &len);
    if (!d->text) return -1;
    ar_init(&d->arena, 0);
    cr_assert_eq(hcl_parse(path, d->text, len, &d->arena, &d->f), 0);
    return 0;
}

static void unload(doc *d)
{
    ar_free(&d->arena);
    free(d->text);
}

static const hcl_attr *attr(const hcl_body *b, const char *name)
{
    for (uint32_t i = 0; i < b->nattrs; i++)
        if (b->attrs[i].name.len == strlen(name) &&
            memcmp(b->attrs[i].name.p, name, b->attrs[i].name.len) == 0)
            return &b->attrs[i];
    return NULL;
}

static int is_type(const hcl_block *b, const char *t)
{
    return b->type.len == strlen(t) && memcmp(b->type.p, t, b->type.len) == 0;
}

static const hcl_block *block(const hcl_body *b, const char *type)
{
    for (uint32_t i = 0; i < b->nblocks; i++)
        if (is_type(&b->blocks[i], type)) return &b->blocks[i];
    return NULL;
}

static long num_attr(const hcl_body *b, const char *name)
{
    const hcl_attr *a = attr(b, name);
    cr_assert(a && a->expr->kind == HCL_EXPR_LITERAL && a->expr->u.lit.kind == HCL_LIT_NUMBER, "%s missing",
              name);
    return strtol(a->expr->u.lit.text.p, NULL, 10);
}

/* A spec's string attribute (e.g. block_type = "a"). */
static int str_attr(const hcl_body *b, const char *name, char *out, size_t outsz)
{
    const hcl_attr *a = attr(b, name);
    if (!a) return 0;
    int uns = 0;
    mv *v = eval_lite(a->expr, NULL, &uns);
    cr_assert(v && v->kind == MV_STR);
    snprintf(out, outsz, "%s", v->s);
    mv_free(v);
    return 1;
}

/* ------------------------------------------------------------ hcldec-lite */

typedef struct range3 {
    unsigned line, col, byte;
} range3;

typedef struct drange {
    range3 from, to;
} drange;

typedef struct decoder {
    const mv *vars;
    int unsupported;
    drange diags[32];
    int ndiags;
} decoder;

static void schema_diag(decoder *d, hcl_range r)
{
    if (d->ndiags < 32)
        d->diags[d->ndiags++] = (drange){ { r.line, r.col, r.start }, { r.end_line, r.end_col, r.end } };
}

static mv *decode(decoder *d, const hcl_block *spec, const hcl_body *body);

/* An object spec: its attr/block children name what the body may contain. */
static mv *decode_object(decoder *d, const hcl_body *spec, const hcl_body *body)
{
    mv *o = mv_new(MV_OBJ);
    for (uint32_t i = 0; i < body->nattrs; i++) {
        int known = 0;
        for (uint32_t j = 0; j < spec->nblocks; j++) {
            const hcl_block *s = &spec->blocks[j];
            if (is_type(s, "attr") && s->nlabels == 1 && s->labels[0].len == body->attrs[i].name.len &&
                memcmp(s->labels[0].p, body->attrs[i].name.p, s->labels[0].len) == 0)
                known = 1;
        }
        if (!known) schema_diag(d, body->attrs[i].name_range);   /* hcldec: "Unsupported argument" */
    }
    for (uint32_t j = 0; j < spec->nblocks; j++) {
        const hcl_block *s = &spec->blocks[j];
        cr_assert(s->nlabels == 1, "spec child without a name");
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)s->labels[0].len, s->labels[0].p);
        mv *x;
        if (is_type(s, "attr")) {
            const hcl_attr *a = attr(body, name);
            x = a ? eval_lite(a->expr, d->vars, &d->unsupported) : mv_new(MV_NULL);
            if (!x) {
                mv_free(o);
                return NULL;
            }
        } else {
            x = decode(d, s, body);
            if (!x) {
                mv_free(o);
                return NULL;
            }
        }
        mv_add(o, name, strlen(name), x);
    }
    return o;
}

/* The spec inside a block spec (its one nested spec block). */
static const hcl_block *inner_spec(const hcl_block *spec)
{
    for (uint32_t i = 0; i < spec->body->nblocks; i++) return &spec->body->blocks[i];
    return NULL;
}

static mv *decode_nested(decoder *d, const hcl_block *spec, const hcl_body *body)
{
    const hcl_block *in = inner_spec(spec);
    if (!in) return mv_new(MV_OBJ);
    if (is_type(in, "object")) return decode_object(d, in->body, body);
    return decode(d, in, body);
}

static mv *decode(decoder *d, const hcl_block *spec, const hcl_body *body)
{
    if (is_type(spec, "literal")) {
        const hcl_attr *a = attr(spec->body, "value");
        cr_assert(a);
        return eval_lite(a->expr, NULL, &d->unsupported);
    }
    if (is_type(spec, "object")) return decode_object(d, spec->body, body);
    char type[256];
    if (!str_attr(spec->body, "block_type", type, sizeof type)) {
        cr_assert(spec->nlabels == 1);
        snprintf(type, sizeof type, "%.*s", (int)spec->labels[0].len, spec->labels[0].p);
    }
    if (is_type(spec, "block")) {
        const hcl_block *b = block(body, type);
        return b ? decode_nested(d, spec, b->body) : mv_new(MV_NULL);
    }
    if (is_type(spec, "block_list")) {
        mv *t = mv_new(MV_TUPLE);
        for (uint32_t i = 0; i < body->nblocks; i++) {
            if (!is_type(&body->blocks[i], type)) continue;
            mv *x = decode_nested(d, spec, body->blocks[i].body);
            if (!x) {
                mv_free(t);
                return NULL;
            }
            mv_add(t, NULL, 0, x);
        }
        return t;
    }
    if (is_type(spec, "block_map")) {
        /* one label level is all the suite uses */
        mv *o = mv_new(MV_OBJ);
        for (uint32_t i = 0; i < body->nblocks; i++) {
            const hcl_block *b = &body->blocks[i];
            if (!is_type(b, type) || b->nlabels != 1) continue;
            mv *x = decode_nested(d, spec, b->body);
            if (!x) {
                mv_free(o);
                return NULL;
            }
            mv_add(o, b->labels[0].p, b->labels[0].len, x);
        }
        return o;
    }
    cr_assert_fail("unknown spec %.*s", (int)spec->type.len, spec->type.p);
    return NULL;
}

/* ------------------------------------------------------------ the suite */

static void expected_ranges(const hcl_body *t, drange *out, int *n)
{
    const hcl_block *diags = block(t, "diagnostics");
    *n = 0;
    for (uint32_t i = 0; diags && i < diags->body->nblocks; i++) {
        const hcl_block *e = &diags->body->blocks[i];
        cr_assert(is_type(e, "error"));
        const hcl_block *from = block(e->body, "from"), *to = block(e->body, "to");
        cr_assert(from && to);
        out[*n].from =
            (range3){ (unsigned)num_attr(from->body, "line"), (unsigned)num_attr(from->body, "column"),
                      (unsigned)num_attr(from->body, "byte") };
        out[*n].to = (range3){ (unsigned)num_attr(to->body, "line"), (unsigned)num_attr(to->body, "column"),
                               (unsigned)num_attr(to->body, "byte") };
        (*n)++;
    }
}

static int same(drange a, drange b)
{
    return a.from.line == b.from.line && a.from.col == b.from.col && a.from.byte == b.from.byte &&
           a.to.line == b.to.line && a.to.col == b.to.col && a.to.byte == b.to.byte;
}

static void find_cases(const char *dir, char names[][1024], int *n)
{
    DIR *d = opendir(dir);
    cr_assert(d, "cannot open %s (set LP_SHARED)", dir);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char p[1024];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            find_cases(p, names, n);
            continue;
        }
        size_t l = strlen(p);
        if (l > 4 && strcmp(p + l - 4, ".hcl") == 0 && *n < 64) {
            snprintf(names[*n], 1024, "%.*s", (int)(l - 4), p);
            (*n)++;
        }
    }
    closedir(d);
}

Test(conf_specsuite, native_syntax_cases)
{
    char root[1024];
    snprintf(root, sizeof root, "%s", ts_data("testdata/hcl-specsuite/tests"));
    static char names[64][1024];
    int n = 0;
    find_cases(root, names, &n);
    cr_assert_eq(n, 15, "the suite has 15 native-syntax tests, found %d", n);

    int diag_cases = 0, value_cases = 0, skipped = 0, failures = 0;
    char skipped_names[512] = "";
    for (int c = 0; c < n; c++) {
        char path[1100];
        doc hcl, t, spec;
        snprintf(path, sizeof path, "%s.hcl", names[c]);
        cr_assert_eq(load(&hcl, path), 0);
        snprintf(path, sizeof path, "%s.t", names[c]);
        cr_assert_eq(load(&t, path), 0);
        snprintf(path, sizeof path, "%s.hcldec", names[c]);
        cr_assert_eq(load(&spec, path), 0);
        /* the .t and .hcldec files are HCL too: they must parse */
        cr_assert_eq(t.f.nerrors, 0, "%s.t does not parse", names[c]);
        cr_assert_eq(spec.f.nerrors, 0, "%s.hcldec does not parse", names[c]);

        mv *vars = NULL;
        const hcl_block *vb = block(spec.f.body, "variables");
        int uns = 0;
        if (vb) {
            vars = mv_new(MV_OBJ);
            for (uint32_t i = 0; i < vb->body->nattrs; i++)
                mv_add(vars, vb->body->attrs[i].name.p, vb->body->attrs[i].name.len,
                       eval_lite(vb->body->attrs[i].expr, NULL, &uns));
        }
        const hcl_block *top = NULL;
        for (uint32_t i = 0; i < spec.f.body->nblocks; i++)
            if (!is_type(&spec.f.body->blocks[i], "variables")) top = &spec.f.body->blocks[i];
        cr_assert(top, "%s: no spec", names[c]);

        decoder d = { .vars = vars };
        mv *got = NULL;
        if (hcl.f.nerrors) {
            for (uint32_t i = 0; i < hcl.f.ndiags && d.ndiags < 32; i++)
                if (hcl.f.diags[i].severity == HCL_DIAG_ERROR) schema_diag(&d, hcl.f.diags[i].range);
        } else {
            got = decode(&d, top, hcl.f.body);
        }

        drange want[32];
        int nwant;
        expected_ranges(t.f.body, want, &nwant);
        if (nwant) {
            diag_cases++;
            if (d.ndiags == 0) {
                failures++;
                cr_log_error("%s: expected %d errors, got none", names[c], nwant);
            } else if (!same(d.diags[0], want[0])) {
                failures++;
                cr_log_error("%s: first error %u:%u(%u)-%u:%u(%u), expected %u:%u(%u)-%u:%u(%u)", names[c],
                             d.diags[0].from.line, d.diags[0].from.col, d.diags[0].from.byte,
                             d.diags[0].to.line, d.diags[0].to.col, d.diags[0].to.byte, want[0].from.line,
                             want[0].from.col, want[0].from.byte, want[0].to.line, want[0].to.col,
                             want[0].to.byte);
            } else {
                /* every expected error, and no others */
                int ok = d.ndiags == nwant;
                for (int i = 0; ok && i < nwant; i++) {
                    int found = 0;
                    for (int j = 0; j < d.ndiags; j++) found |= same(want[i], d.diags[j]);
                    ok = found;
                }
                if (!ok) {
                    failures++;
                    cr_log_error("%s: %d errors where %d expected, or at other places", names[c], d.ndiags,
                                 nwant);
                }
            }
        } else {
            value_cases++;
            if (hcl.f.nerrors) {
                failures++;
                cr_log_error("%s: rejected: %s", names[c], hcl.f.diags[0].summary);
            }
            const hcl_attr *res = attr(t.f.body, "result");
            int uns2 = 0;
            mv *want_v = res ? eval_lite(res->expr, NULL, &uns2) : NULL;
            cr_assert(!res || want_v || d.unsupported, "%s: cannot read the expected result", names[c]);
            if (d.unsupported) {
                /* EVAL_HOOK: needs the expression evaluator (operators) */
                skipped++;
                strncat(skipped_names, strrchr(names[c], '/') + 1,
                        sizeof skipped_names - strlen(skipped_names) - 2);
                strcat(skipped_names, " ");
            } else if (want_v) {
                char why[512];
                if (!got || !mv_equal(want_v, got, why, sizeof why, "result")) {
                    failures++;
                    cr_log_error("%s: value differs: %s", names[c], got ? why : "not decoded");
                }
            }
            mv_free(want_v);
        }
        mv_free(got);
        mv_free(vars);
        unload(&hcl);
        unload(&t);
        unload(&spec);
    }
    cr_log_info("specsuite: %d diagnostics cases, %d value cases (%d left for the evaluator: %s)", diag_cases,
                value_cases, skipped, skipped_names);
    cr_expect_eq(diag_cases, 4);   /* singleline_bad, unexpected, single_oneline_invalid, single_unclosed */
    cr_expect_eq(skipped, 1, "only the operators test should need the evaluator; skipped: %s", skipped_names);
    cr_expect_eq(failures, 0);
}
