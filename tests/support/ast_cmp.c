/* ast_cmp.c — deep comparison of two syntax trees (see ast_cmp.h).
 *
 * A recursive walk over both trees at once.  The path to the node being
 * compared is kept as text in a fixed buffer (segments appended on the way
 * down, cut on the way back) so that the first difference can be named
 * exactly.  Tree depth is bounded by the parser (HCL_MAX_DEPTH), so plain
 * recursion is fine. */
#include "ast_cmp.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The splats being compared, innermost first: an ANON_SYMBOL met inside a
 * splat's `each` is that splat's `item` (pointer-shared), in both trees. */
typedef struct splat_pair {
    const hcl_expr *a, *b;
    const struct splat_pair *up;
} splat_pair;

typedef struct cmp_ctx {
    char path[16384];
    size_t plen;
    char *why;
    size_t why_len;
    const splat_pair *splats;
} cmp_ctx;

/* Append a segment to the path; returns the length to restore. */
static size_t push(cmp_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static size_t push(cmp_ctx *c, const char *fmt, ...)
{
    size_t old = c->plen;
    if (c->plen < sizeof c->path - 1) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(c->path + c->plen, sizeof c->path - c->plen, fmt, ap);
        va_end(ap);
        if (n > 0) c->plen += (size_t)n;
        if (c->plen > sizeof c->path - 1) c->plen = sizeof c->path - 1;
    }
    return old;
}

static void pop(cmp_ctx *c, size_t old)
{
    c->plen = old;
    c->path[old] = '\0';
}

/* Record a difference at path + field; always returns 1. */
static int diff(cmp_ctx *c, const char *field, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int diff(cmp_ctx *c, const char *field, const char *fmt, ...)
{
    if (!c->why || !c->why_len) return 1;
    int n = snprintf(c->why, c->why_len, "%.*s%s%s: ", (int)c->plen, c->path,
                     c->plen && field[0] ? "." : "", field);
    if (n >= 0 && (size_t)n < c->why_len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->why + n, c->why_len - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return 1;
}

static int cmp_u32(cmp_ctx *c, const char *field, uint32_t a, uint32_t b)
{
    return a == b ? 0 : diff(c, field, "%u vs %u", a, b);
}

/* Show up to 60 bytes of a string, C-escaped, for a message. */
static void show(char *out, size_t outsz, hcl_str s)
{
    size_t o = 0;
    if (!s.p && s.len) {
        snprintf(out, outsz, "(NULL, len %u)", s.len);
        return;
    }
    out[o++] = '"';
    for (uint32_t i = 0; i < s.len && i < 60 && o + 6 < outsz; i++) {
        unsigned char ch = (unsigned char)s.p[i];
        if (ch == '"' || ch == '\\') {
            out[o++] = '\\';
            out[o++] = (char)ch;
        } else if (ch < 0x20 || ch == 0x7f) {
            o += (size_t)snprintf(out + o, outsz - o, "\\x%02x", ch);
        } else {
            out[o++] = (char)ch;
        }
    }
    if (s.len > 60 && o + 4 < outsz) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    if (o + 1 < outsz) out[o++] = '"';
    out[o] = '\0';
}

static int cmp_str(cmp_ctx *c, const char *field, hcl_str a, hcl_str b)
{
    int same = a.len == b.len && (a.len == 0 || (a.p && b.p && memcmp(a.p, b.p, a.len) == 0));
    if (same) return 0;
    char sa[300], sb[300];
    show(sa, sizeof sa, a);
    show(sb, sizeof sb, b);
    return diff(c, field, "%s (len %u) vs %s (len %u)", sa, a.len, sb, b.len);
}

/* C strings that may be NULL (diagnostic texts). */
static int cmp_cstr(cmp_ctx *c, const char *field, const char *a, const char *b)
{
    if (!a || !b) return a == b ? 0 : diff(c, field, "%s vs %s", a ? "set" : "NULL", b ? "set" : "NULL");
    hcl_str sa = { a, (uint32_t)strlen(a) }, sb = { b, (uint32_t)strlen(b) };
    return cmp_str(c, field, sa, sb);
}

static int cmp_range(cmp_ctx *c, const char *field, hcl_range a, hcl_range b)
{
    size_t old = push(c, "%s%s", c->plen ? "." : "", field);
    int r = cmp_u32(c, "start", a.start, b.start) || cmp_u32(c, "end", a.end, b.end) ||
            cmp_u32(c, "line", a.line, b.line) || cmp_u32(c, "col", a.col, b.col) ||
            cmp_u32(c, "end_line", a.end_line, b.end_line) || cmp_u32(c, "end_col", a.end_col, b.end_col);
    pop(c, old);
    return r;
}

/* Both NULL: equal (returns 0, *both = 0).  One NULL: a difference. */
static int cmp_null(cmp_ctx *c, const char *field, const void *a, const void *b, int *both)
{
    *both = a && b;
    if (!a == !b) return 0;
    return diff(c, field, "%s vs %s", a ? "set" : "NULL", b ? "set" : "NULL");
}

/* An array of n items must be there on both sides (a broken tree gets a
 * message rather than a crash of the comparison). */
static int cmp_arr(cmp_ctx *c, const char *field, const void *a, const void *b, uint32_t n)
{
    if (!n || (a && b)) return 0;
    return diff(c, field, "%s vs %s with %u item(s)", a ? "set" : "NULL", b ? "set" : "NULL", n);
}

static const char *kind_name(uint32_t k)
{
    static const char *const names[] = {
        "LITERAL", "TEMPLATE", "TEMPLATE_WRAP", "TEMPLATE_JOIN", "SCOPE_TRAV", "REL_TRAV",
        "INDEX", "SPLAT", "ANON_SYMBOL", "CALL", "TUPLE", "OBJECT", "OBJECT_KEY", "FOR",
        "CONDITIONAL", "BINARY", "UNARY", "PARENS",
    };
    return k < sizeof names / sizeof names[0] ? names[k] : "?";
}

static int cmp_expr(cmp_ctx *c, const char *field, const hcl_expr *a, const hcl_expr *b);

/* An expression array: the count, then each item. */
static int cmp_exprs(cmp_ctx *c, const char *field, hcl_expr *const *a, uint32_t na, hcl_expr *const *b,
                     uint32_t nb)
{
    size_t nf = strlen(field);
    char nfield[64];
    snprintf(nfield, sizeof nfield, "%.*s_n", (int)(nf < 40 ? nf : 40), field);
    if (cmp_u32(c, nfield, na, nb) || cmp_arr(c, field, a, b, na)) return 1;
    for (uint32_t i = 0; i < na; i++) {
        size_t old = push(c, "%s%s[%u]", c->plen ? "." : "", field, i);
        int r = cmp_expr(c, "", a[i], b[i]);
        pop(c, old);
        if (r) return 1;
    }
    return 0;
}

static int cmp_steps(cmp_ctx *c, const hcl_step *a, uint32_t na, const hcl_step *b, uint32_t nb)
{
    if (cmp_u32(c, "steps_n", na, nb) || cmp_arr(c, "steps", a, b, na)) return 1;
    for (uint32_t i = 0; i < na; i++) {
        size_t old = push(c, ".steps[%u]", i);
        int both,
            r = cmp_u32(c, "kind", a[i].kind, b[i].kind) || cmp_u32(c, "legacy", a[i].legacy, b[i].legacy) ||
                cmp_str(c, "name", a[i].name, b[i].name) || cmp_range(c, "range", a[i].range, b[i].range) ||
                cmp_null(c, "key", a[i].key, b[i].key, &both) ||
                (both && cmp_expr(c, "key", a[i].key, b[i].key));
        pop(c, old);
        if (r) return 1;
    }
    return 0;
}

/* The element symbol of a splat: compared as a leaf (kind and range); its
 * identity is checked where `each` uses it. */
static int cmp_leaf(cmp_ctx *c, const char *field, const hcl_expr *a, const hcl_expr *b)
{
    int both;
    if (cmp_null(c, field, a, b, &both)) return 1;
    if (!both) return 0;
    size_t old = push(c, "%s%s", c->plen ? "." : "", field);
    int r = (a->kind != b->kind && diff(c, "kind", "%s vs %s", kind_name(a->kind), kind_name(b->kind))) ||
            cmp_range(c, "range", a->range, b->range);
    pop(c, old);
    return r;
}

static int cmp_union(cmp_ctx *c, const hcl_expr *a, const hcl_expr *b)
{
    int both;
    switch (a->kind) {
    case HCL_EXPR_LITERAL:
        return cmp_u32(c, "u.lit.kind", a->u.lit.kind, b->u.lit.kind) ||
               cmp_u32(c, "u.lit.b", a->u.lit.b, b->u.lit.b) ||
               cmp_str(c, "u.lit.text", a->u.lit.text, b->u.lit.text);
    case HCL_EXPR_TEMPLATE:
        return cmp_u32(c, "u.tmpl.heredoc", a->u.tmpl.heredoc, b->u.tmpl.heredoc) ||
               cmp_exprs(c, "u.tmpl.parts", a->u.tmpl.parts, a->u.tmpl.n, b->u.tmpl.parts, b->u.tmpl.n);
    case HCL_EXPR_TEMPLATE_WRAP: return cmp_expr(c, "u.wrap.wrapped", a->u.wrap.wrapped, b->u.wrap.wrapped);
    case HCL_EXPR_TEMPLATE_JOIN:
        return cmp_expr(c, "u.join.tuple_for", a->u.join.tuple_for, b->u.join.tuple_for);
    case HCL_EXPR_SCOPE_TRAV: {
        if (cmp_str(c, "u.trav.root", a->u.trav.root, b->u.trav.root) ||
            cmp_range(c, "u.trav.root_range", a->u.trav.root_range, b->u.trav.root_range))
            return 1;
        size_t old = push(c, "%su.trav", c->plen ? "." : "");
        int r = cmp_steps(c, a->u.trav.steps, a->u.trav.n, b->u.trav.steps, b->u.trav.n);
        pop(c, old);
        return r;
    }
    case HCL_EXPR_REL_TRAV: {
        if (cmp_expr(c, "u.rel.source", a->u.rel.source, b->u.rel.source)) return 1;
        size_t old = push(c, "%su.rel", c->plen ? "." : "");
        int r = cmp_steps(c, a->u.rel.steps, a->u.rel.n, b->u.rel.steps, b->u.rel.n);
        pop(c, old);
        return r;
    }
    case HCL_EXPR_INDEX:
        return cmp_expr(c, "u.index.coll", a->u.index.coll, b->u.index.coll) ||
               cmp_expr(c, "u.index.key", a->u.index.key, b->u.index.key) ||
               cmp_range(c, "u.index.open_bracket", a->u.index.open_bracket, b->u.index.open_bracket);
    case HCL_EXPR_SPLAT: {
        if (cmp_u32(c, "u.splat.attr_only", a->u.splat.attr_only, b->u.splat.attr_only) ||
            cmp_expr(c, "u.splat.source", a->u.splat.source, b->u.splat.source) ||
            cmp_leaf(c, "u.splat.item", a->u.splat.item, b->u.splat.item))
            return 1;
        splat_pair sp = { a->u.splat.item, b->u.splat.item, c->splats };
        c->splats = &sp;
        int r = cmp_expr(c, "u.splat.each", a->u.splat.each, b->u.splat.each);
        c->splats = sp.up;
        return r;
    }
    case HCL_EXPR_ANON_SYMBOL: {
        /* which enclosing splat's item each side is (0: none) */
        unsigned da = 0, db = 0, d = 1;
        for (const splat_pair *s = c->splats; s; s = s->up, d++) {
            if (!da && s->a == a) da = d;
            if (!db && s->b == b) db = d;
        }
        return da == db ? 0
                        : diff(c, "(identity)", "item of enclosing splat %u vs %u (0: not a splat's item)",
                               da, db);
    }
    case HCL_EXPR_CALL:
        return cmp_str(c, "u.call.name", a->u.call.name, b->u.call.name) ||
               cmp_range(c, "u.call.name_range", a->u.call.name_range, b->u.call.name_range) ||
               cmp_u32(c, "u.call.expand_final", a->u.call.expand_final, b->u.call.expand_final) ||
               cmp_exprs(c, "u.call.args", a->u.call.args, a->u.call.n, b->u.call.args, b->u.call.n);
    case HCL_EXPR_TUPLE:
        return cmp_exprs(c, "u.tuple.items", a->u.tuple.items, a->u.tuple.n, b->u.tuple.items, b->u.tuple.n);
    case HCL_EXPR_OBJECT:
        if (cmp_u32(c, "u.object.items_n", a->u.object.n, b->u.object.n) ||
            cmp_arr(c, "u.object.items", a->u.object.items, b->u.object.items, a->u.object.n))
            return 1;
        for (uint32_t i = 0; i < a->u.object.n; i++) {
            size_t old = push(c, "%su.object.items[%u]", c->plen ? "." : "", i);
            int r = cmp_expr(c, "key", a->u.object.items[i].key, b->u.object.items[i].key) ||
                    cmp_expr(c, "value", a->u.object.items[i].value, b->u.object.items[i].value);
            pop(c, old);
            if (r) return 1;
        }
        return 0;
    case HCL_EXPR_OBJECT_KEY:
        return cmp_u32(c, "u.key.force_non_literal", a->u.key.force_non_literal,
                       b->u.key.force_non_literal) ||
               cmp_expr(c, "u.key.wrapped", a->u.key.wrapped, b->u.key.wrapped);
    case HCL_EXPR_FOR:
        return cmp_str(c, "u.forx.key_var", a->u.forx.key_var, b->u.forx.key_var) ||
               cmp_str(c, "u.forx.val_var", a->u.forx.val_var, b->u.forx.val_var) ||
               cmp_u32(c, "u.forx.group", a->u.forx.group, b->u.forx.group) ||
               cmp_u32(c, "u.forx.is_object", a->u.forx.is_object, b->u.forx.is_object) ||
               cmp_expr(c, "u.forx.coll", a->u.forx.coll, b->u.forx.coll) ||
               cmp_null(c, "u.forx.key", a->u.forx.key, b->u.forx.key, &both) ||
               (both && cmp_expr(c, "u.forx.key", a->u.forx.key, b->u.forx.key)) ||
               cmp_expr(c, "u.forx.val", a->u.forx.val, b->u.forx.val) ||
               cmp_null(c, "u.forx.cond", a->u.forx.cond, b->u.forx.cond, &both) ||
               (both && cmp_expr(c, "u.forx.cond", a->u.forx.cond, b->u.forx.cond));
    case HCL_EXPR_CONDITIONAL:
        return cmp_expr(c, "u.cond.cond", a->u.cond.cond, b->u.cond.cond) ||
               cmp_expr(c, "u.cond.t", a->u.cond.t, b->u.cond.t) ||
               cmp_expr(c, "u.cond.f", a->u.cond.f, b->u.cond.f);
    case HCL_EXPR_BINARY:
        return cmp_u32(c, "u.bin.op", a->u.bin.op, b->u.bin.op) ||
               cmp_expr(c, "u.bin.lhs", a->u.bin.lhs, b->u.bin.lhs) ||
               cmp_expr(c, "u.bin.rhs", a->u.bin.rhs, b->u.bin.rhs);
    case HCL_EXPR_UNARY:
        return cmp_u32(c, "u.un.op", a->u.un.op, b->u.un.op) ||
               cmp_expr(c, "u.un.operand", a->u.un.operand, b->u.un.operand);
    case HCL_EXPR_PARENS: return cmp_expr(c, "u.parens.inner", a->u.parens.inner, b->u.parens.inner);
    default: return diff(c, "kind", "unknown kind %u", a->kind);
    }
}

/* A required child: NULL on either side is a difference unless both are. */
static int cmp_expr(cmp_ctx *c, const char *field, const hcl_expr *a, const hcl_expr *b)
{
    int both;
    if (cmp_null(c, field[0] ? field : "(expr)", a, b, &both)) return 1;
    if (!both) return 0;
    size_t old = field[0] ? push(c, "%s%s", c->plen ? "." : "", field) : c->plen;
    int r = (a->kind != b->kind && diff(c, "kind", "%s vs %s", kind_name(a->kind), kind_name(b->kind))) ||
            cmp_range(c, "range", a->range, b->range) || cmp_union(c, a, b);
    pop(c, old);
    return r;
}

static int cmp_body(cmp_ctx *c, const hcl_body *a, const hcl_body *b)
{
    if (cmp_range(c, "range", a->range, b->range) || cmp_u32(c, "attrs_n", a->nattrs, b->nattrs) ||
        cmp_u32(c, "blocks_n", a->nblocks, b->nblocks) ||
        cmp_arr(c, "attrs", a->attrs, b->attrs, a->nattrs) ||
        cmp_arr(c, "blocks", a->blocks, b->blocks, a->nblocks))
        return 1;
    for (uint32_t i = 0; i < a->nattrs; i++) {
        const hcl_attr *x = &a->attrs[i], *y = &b->attrs[i];
        size_t old = push(c, ".attrs[%u]", i);
        int r = cmp_str(c, "name", x->name, y->name) ||
                cmp_range(c, "name_range", x->name_range, y->name_range) ||
                cmp_range(c, "range", x->range, y->range) || cmp_expr(c, "expr", x->expr, y->expr);
        pop(c, old);
        if (r) return 1;
    }
    for (uint32_t i = 0; i < a->nblocks; i++) {
        const hcl_block *x = &a->blocks[i], *y = &b->blocks[i];
        size_t old = push(c, ".blocks[%u]", i);
        int both, r = cmp_str(c, "type", x->type, y->type) ||
                      cmp_range(c, "type_range", x->type_range, y->type_range) ||
                      cmp_u32(c, "labels_n", x->nlabels, y->nlabels) ||
                      cmp_arr(c, "labels", x->labels, y->labels, x->nlabels) ||
                      cmp_arr(c, "label_ranges", x->label_ranges, y->label_ranges, x->nlabels);
        for (uint32_t k = 0; !r && k < x->nlabels; k++) {
            char f[48];
            snprintf(f, sizeof f, "labels[%u]", k);
            r = cmp_str(c, f, x->labels[k], y->labels[k]);
            snprintf(f, sizeof f, "label_ranges[%u]", k);
            r = r || cmp_range(c, f, x->label_ranges[k], y->label_ranges[k]);
        }
        r = r || cmp_range(c, "open_brace", x->open_brace, y->open_brace) ||
            cmp_range(c, "close_brace", x->close_brace, y->close_brace) ||
            cmp_range(c, "range", x->range, y->range) || cmp_null(c, "body", x->body, y->body, &both);
        if (!r && both) {
            size_t o2 = push(c, ".body");
            r = cmp_body(c, x->body, y->body);
            pop(c, o2);
        }
        pop(c, old);
        if (r) return 1;
    }
    return 0;
}

static void ctx_init(cmp_ctx *c, const char *path, char *why, size_t why_len)
{
    c->path[0] = '\0';
    c->plen = 0;
    c->why = why;
    c->why_len = why_len;
    c->splats = NULL;
    if (why && why_len) why[0] = '\0';
    if (path && *path) push(c, "%s", path);
}

int ast_cmp_expr(const hcl_expr *a, const hcl_expr *b, const char *path, char *why, size_t why_len)
{
    cmp_ctx c;
    ctx_init(&c, path, why, why_len);
    return cmp_expr(&c, "", a, b);
}

int ast_cmp_file(const hcl_file *a, const hcl_file *b, char *why, size_t why_len)
{
    cmp_ctx c;
    ctx_init(&c, "", why, why_len);
    hcl_str sa = { a->src, a->len }, sb = { b->src, b->len };
    if (cmp_cstr(&c, "name", a->name, b->name) || cmp_u32(&c, "len", a->len, b->len) ||
        cmp_str(&c, "src", sa, sb) || cmp_u32(&c, "ndiags", a->ndiags, b->ndiags) ||
        cmp_u32(&c, "nerrors", a->nerrors, b->nerrors) || cmp_arr(&c, "diags", a->diags, b->diags, a->ndiags))
        return 1;
    for (uint32_t i = 0; i < a->ndiags; i++) {
        const hcl_diag *x = &a->diags[i], *y = &b->diags[i];
        size_t old = push(&c, "diags[%u]", i);
        int r =
            cmp_u32(&c, "severity", x->severity, y->severity) || cmp_range(&c, "range", x->range, y->range) ||
            cmp_cstr(&c, "summary", x->summary, y->summary) || cmp_cstr(&c, "detail", x->detail, y->detail);
        pop(&c, old);
        if (r) return 1;
    }
    int both;
    if (cmp_null(&c, "body", a->body, b->body, &both)) return 1;
    if (!both) return 0;
    size_t old = push(&c, "body");
    int r = cmp_body(&c, a->body, b->body);
    pop(&c, old);
    return r;
}
