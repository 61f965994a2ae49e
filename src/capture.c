/* capture.c — deep copies of syntax subtrees for phase 2 (see capture.h). */
#include "capture.h"
#include "build.h"

#include <string.h>

typedef struct copier {
    lp_arena *a;
    const char *src;             /* the file's source */
    uint32_t base, end;          /* the copied range of it */
    char *text;                  /* its copy */
    const hcl_expr *anon_old[HCL_MAX_DEPTH + 8], *anon_new[HCL_MAX_DEPTH + 8];
    uint32_t nanon;
    int oom;
} copier;

static void *cp_alloc(copier *c, size_t n)
{
    void *p = build_alloc(c->a, n ? n : 1);
    if (!p) c->oom = 1;
    return p;
}

static hcl_str cp_str(copier *c, hcl_str s)
{
    if (!s.p) return s;
    uintptr_t p = (uintptr_t)s.p, lo = (uintptr_t)(c->src + c->base), hi = (uintptr_t)(c->src + c->end);
    if (p >= lo && p + s.len <= hi) {          /* zero-copy source text: into the copied text */
        s.p = c->text + (p - lo);
        return s;
    }
    char *q = cp_alloc(c, s.len);
    if (q && s.len) memcpy(q, s.p, s.len);
    s.p = q ? q : "";
    if (!q) s.len = 0;
    return s;
}

/* Byte offsets relative to the copied text (line/column stay the file's); a
 * range outside the copy (none is expected) loses its text, not its position. */
static hcl_range cp_range(const copier *c, hcl_range r)
{
    if (r.start >= c->base && r.end <= c->end && r.start <= r.end) {
        r.start -= c->base;
        r.end -= c->base;
    } else {
        r.start = r.end = 0;
    }
    return r;
}

static hcl_expr *cp_expr(copier *c, const hcl_expr *e);

static hcl_expr **cp_exprs(copier *c, hcl_expr *const *v, uint32_t n)
{
    if (!v) return NULL;
    hcl_expr **o = cp_alloc(c, (size_t)n * sizeof *o);
    if (!o) return NULL;
    for (uint32_t i = 0; i < n; i++) o[i] = cp_expr(c, v[i]);
    return o;
}

static hcl_step *cp_steps(copier *c, const hcl_step *v, uint32_t n)
{
    if (!v) return NULL;
    hcl_step *o = cp_alloc(c, (size_t)n * sizeof *o);
    if (!o) return NULL;
    for (uint32_t i = 0; i < n; i++) {
        o[i] = v[i];
        o[i].name = cp_str(c, v[i].name);
        o[i].key = cp_expr(c, v[i].key);
        o[i].range = cp_range(c, v[i].range);
    }
    return o;
}

static hcl_expr *cp_expr(copier *c, const hcl_expr *e)
{
    if (!e || c->oom) return NULL;
    if (e->kind == HCL_EXPR_ANON_SYMBOL)
        for (uint32_t i = c->nanon; i-- > 0;)
            if (c->anon_old[i] == e) return (hcl_expr *)c->anon_new[i];
    hcl_expr *o = cp_alloc(c, sizeof *o);
    if (!o) return NULL;
    *o = *e;
    o->range = cp_range(c, e->range);
    switch (e->kind) {
    case HCL_EXPR_LITERAL: o->u.lit.text = cp_str(c, e->u.lit.text); break;
    case HCL_EXPR_TEMPLATE: o->u.tmpl.parts = cp_exprs(c, e->u.tmpl.parts, e->u.tmpl.n); break;
    case HCL_EXPR_TEMPLATE_WRAP: o->u.wrap.wrapped = cp_expr(c, e->u.wrap.wrapped); break;
    case HCL_EXPR_TEMPLATE_JOIN: o->u.join.tuple_for = cp_expr(c, e->u.join.tuple_for); break;
    case HCL_EXPR_SCOPE_TRAV:
        o->u.trav.root = cp_str(c, e->u.trav.root);
        o->u.trav.root_range = cp_range(c, e->u.trav.root_range);
        o->u.trav.steps = cp_steps(c, e->u.trav.steps, e->u.trav.n);
        break;
    case HCL_EXPR_REL_TRAV:
        o->u.rel.source = cp_expr(c, e->u.rel.source);
        o->u.rel.steps = cp_steps(c, e->u.rel.steps, e->u.rel.n);
        break;
    case HCL_EXPR_INDEX:
        o->u.index.coll = cp_expr(c, e->u.index.coll);
        o->u.index.key = cp_expr(c, e->u.index.key);
        o->u.index.open_bracket = cp_range(c, e->u.index.open_bracket);
        break;
    case HCL_EXPR_SPLAT:
        /* the element symbol first, so that `each` refers to its copy */
        o->u.splat.item = cp_expr(c, e->u.splat.item);
        o->u.splat.source = cp_expr(c, e->u.splat.source);
        if (e->u.splat.item) {
            if (c->nanon == sizeof c->anon_old / sizeof c->anon_old[0]) {
                c->oom = 1;               /* deeper than the parser allows */
                return NULL;
            }
            c->anon_old[c->nanon] = e->u.splat.item;
            c->anon_new[c->nanon++] = o->u.splat.item;
        }
        o->u.splat.each = cp_expr(c, e->u.splat.each);
        if (e->u.splat.item) c->nanon--;
        break;
    case HCL_EXPR_ANON_SYMBOL: break;
    case HCL_EXPR_CALL:
        o->u.call.name = cp_str(c, e->u.call.name);
        o->u.call.name_range = cp_range(c, e->u.call.name_range);
        o->u.call.args = cp_exprs(c, e->u.call.args, e->u.call.n);
        break;
    case HCL_EXPR_TUPLE: o->u.tuple.items = cp_exprs(c, e->u.tuple.items, e->u.tuple.n); break;
    case HCL_EXPR_OBJECT:
        if (e->u.object.items) {
            hcl_obj_item *it = cp_alloc(c, (size_t)e->u.object.n * sizeof *it);
            if (!it) return NULL;
            for (uint32_t i = 0; i < e->u.object.n; i++) {
                it[i].key = cp_expr(c, e->u.object.items[i].key);
                it[i].value = cp_expr(c, e->u.object.items[i].value);
            }
            o->u.object.items = it;
        }
        break;
    case HCL_EXPR_OBJECT_KEY: o->u.key.wrapped = cp_expr(c, e->u.key.wrapped); break;
    case HCL_EXPR_FOR:
        o->u.forx.key_var = cp_str(c, e->u.forx.key_var);
        o->u.forx.val_var = cp_str(c, e->u.forx.val_var);
        o->u.forx.coll = cp_expr(c, e->u.forx.coll);
        o->u.forx.key = cp_expr(c, e->u.forx.key);
        o->u.forx.val = cp_expr(c, e->u.forx.val);
        o->u.forx.cond = cp_expr(c, e->u.forx.cond);
        break;
    case HCL_EXPR_CONDITIONAL:
        o->u.cond.cond = cp_expr(c, e->u.cond.cond);
        o->u.cond.t = cp_expr(c, e->u.cond.t);
        o->u.cond.f = cp_expr(c, e->u.cond.f);
        break;
    case HCL_EXPR_BINARY:
        o->u.bin.lhs = cp_expr(c, e->u.bin.lhs);
        o->u.bin.rhs = cp_expr(c, e->u.bin.rhs);
        break;
    case HCL_EXPR_UNARY: o->u.un.operand = cp_expr(c, e->u.un.operand); break;
    case HCL_EXPR_PARENS: o->u.parens.inner = cp_expr(c, e->u.parens.inner); break;
    default: break;
    }
    return c->oom ? NULL : o;
}

static void cp_attr(copier *c, hcl_attr *o, const hcl_attr *at)
{
    o->name = cp_str(c, at->name);
    o->name_range = cp_range(c, at->name_range);
    o->expr = cp_expr(c, at->expr);
    o->range = cp_range(c, at->range);
}

static hcl_body *cp_body(copier *c, const hcl_body *b);

static void cp_block(copier *c, hcl_block *o, const hcl_block *b)
{
    *o = *b;
    o->type = cp_str(c, b->type);
    o->type_range = cp_range(c, b->type_range);
    o->labels = NULL;
    o->label_ranges = NULL;
    if (b->nlabels) {
        o->labels = cp_alloc(c, (size_t)b->nlabels * sizeof *o->labels);
        o->label_ranges = cp_alloc(c, (size_t)b->nlabels * sizeof *o->label_ranges);
        if (!o->labels || !o->label_ranges) return;
        for (uint32_t i = 0; i < b->nlabels; i++) {
            o->labels[i] = cp_str(c, b->labels[i]);
            o->label_ranges[i] = b->label_ranges ? cp_range(c, b->label_ranges[i]) : (hcl_range){ 0 };
        }
    }
    o->body = cp_body(c, b->body);
    o->open_brace = cp_range(c, b->open_brace);
    o->close_brace = cp_range(c, b->close_brace);
    o->range = cp_range(c, b->range);
}

static hcl_body *cp_body(copier *c, const hcl_body *b)
{
    if (!b || c->oom) return NULL;
    hcl_body *o = cp_alloc(c, sizeof *o);
    if (!o) return NULL;
    *o = *b;
    o->range = cp_range(c, b->range);
    o->attrs = b->nattrs ? cp_alloc(c, (size_t)b->nattrs * sizeof *o->attrs) : NULL;
    o->blocks = b->nblocks ? cp_alloc(c, (size_t)b->nblocks * sizeof *o->blocks) : NULL;
    if ((b->nattrs && !o->attrs) || (b->nblocks && !o->blocks)) return NULL;
    for (uint32_t i = 0; i < b->nattrs; i++) cp_attr(c, &o->attrs[i], &b->attrs[i]);
    for (uint32_t i = 0; i < b->nblocks && !c->oom; i++) cp_block(c, &o->blocks[i], &b->blocks[i]);
    return o;
}

/* Copy the text of [start, end) of f and set up the copier and the context. */
static int cp_begin(copier *c, lp_arena *a, const hcl_file *f, hcl_range r, hcl_file *ctx)
{
    memset(c, 0, sizeof *c);
    c->a = a;
    c->src = f->src;
    if (r.start > r.end || r.end > f->len) r.start = r.end = 0;
    c->base = r.start;
    c->end = r.end;
    c->text = cp_alloc(c, (size_t)(r.end - r.start) + 1);
    if (!c->text) return -1;
    if (r.end > r.start) memcpy(c->text, f->src + r.start, r.end - r.start);
    c->text[r.end - r.start] = '\0';
    memset(ctx, 0, sizeof *ctx);
    ctx->src = c->text;
    ctx->len = r.end - r.start;
    return 0;
}

cap_attr *cap_copy_attr(lp_arena *a, const hcl_file *f, const hcl_attr *at)
{
    copier c;
    cap_attr *o = build_alloc(a, sizeof *o);
    if (!o || cp_begin(&c, a, f, at->range, &o->ctx) != 0) return NULL;
    o->next = NULL;
    cp_attr(&c, &o->attr, at);
    return c.oom ? NULL : o;
}

cap_block *cap_copy_block(lp_arena *a, const hcl_file *f, const hcl_block *b)
{
    copier c;
    cap_block *o = build_alloc(a, sizeof *o);
    if (!o || cp_begin(&c, a, f, b->range, &o->ctx) != 0) return NULL;
    o->next = NULL;
    cp_block(&c, &o->block, b);
    return c.oom ? NULL : o;
}
