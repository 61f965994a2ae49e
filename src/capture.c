/* capture.c — pieces of source kept for phase 2, parsed again when needed
 * (see capture.h). */
#include "capture.h"
#include "build.h"

#include <string.h>

static cap_piece *copy_piece(lp_arena *a, const hcl_file *f, hcl_range r, uint32_t name_len)
{
    if (r.start > r.end || r.end > f->len) return NULL;
    uint32_t n = r.end - r.start;
    cap_piece *p = build_alloc(a, sizeof *p);
    char *t = build_alloc(a, (size_t)n + 2);
    if (!p || !t) return NULL;
    memcpy(t, f->src + r.start, n);
    t[n] = '\n';                 /* an attribute ends at a newline (a heredoc's marker too) */
    t[n + 1] = '\0';
    p->next = NULL;
    p->text = t;
    p->len = n + 1;
    p->line = r.line;
    p->col = r.col;
    p->name_len = name_len;
    return p;
}

cap_attr *cap_copy_attr(lp_arena *a, const hcl_file *f, const hcl_attr *at)
{
    return copy_piece(a, f, at->range, at->name.len);
}

cap_block *cap_copy_block(lp_arena *a, const hcl_file *f, const hcl_block *b)
{
    return copy_piece(a, f, b->range, 0);
}

/* ------------------------------------------------------------ positions */

/* A piece parsed alone starts at line 1, column 1: move every position to
 * where the piece is in its file (columns only shift on the piece's first
 * line).  Byte offsets stay the piece's (ctx.src is the piece). */
typedef struct rebase {
    uint32_t dline, dcol;
} rebase;

static void rb_range(const rebase *rb, hcl_range *r)
{
    if (r->line == 0) return;    /* no position */
    if (r->line == 1) r->col += rb->dcol;
    if (r->end_line == 1) r->end_col += rb->dcol;
    r->line += rb->dline;
    if (r->end_line) r->end_line += rb->dline;
}

static void rb_expr(const rebase *rb, hcl_expr *e);

static void rb_steps(const rebase *rb, hcl_step *v, uint32_t n)
{
    for (uint32_t i = 0; v && i < n; i++) {
        rb_range(rb, &v[i].range);
        rb_expr(rb, v[i].key);
    }
}

static void rb_exprs(const rebase *rb, hcl_expr **v, uint32_t n)
{
    for (uint32_t i = 0; v && i < n; i++) rb_expr(rb, v[i]);
}

static void rb_expr(const rebase *rb, hcl_expr *e)
{
    /* a splat's element symbol is shared with its `each`: moved once, by the splat */
    if (!e || e->kind == HCL_EXPR_ANON_SYMBOL) return;
    rb_range(rb, &e->range);
    switch (e->kind) {
    case HCL_EXPR_TEMPLATE: rb_exprs(rb, e->u.tmpl.parts, e->u.tmpl.n); break;
    case HCL_EXPR_TEMPLATE_WRAP: rb_expr(rb, e->u.wrap.wrapped); break;
    case HCL_EXPR_TEMPLATE_JOIN: rb_expr(rb, e->u.join.tuple_for); break;
    case HCL_EXPR_SCOPE_TRAV:
        rb_range(rb, &e->u.trav.root_range);
        rb_steps(rb, e->u.trav.steps, e->u.trav.n);
        break;
    case HCL_EXPR_REL_TRAV:
        rb_expr(rb, e->u.rel.source);
        rb_steps(rb, e->u.rel.steps, e->u.rel.n);
        break;
    case HCL_EXPR_INDEX:
        rb_expr(rb, e->u.index.coll);
        rb_expr(rb, e->u.index.key);
        rb_range(rb, &e->u.index.open_bracket);
        break;
    case HCL_EXPR_SPLAT:
        if (e->u.splat.item) rb_range(rb, &e->u.splat.item->range);
        rb_expr(rb, e->u.splat.source);
        rb_expr(rb, e->u.splat.each);
        break;
    case HCL_EXPR_CALL:
        rb_range(rb, &e->u.call.name_range);
        rb_exprs(rb, e->u.call.args, e->u.call.n);
        break;
    case HCL_EXPR_TUPLE: rb_exprs(rb, e->u.tuple.items, e->u.tuple.n); break;
    case HCL_EXPR_OBJECT:
        for (uint32_t i = 0; e->u.object.items && i < e->u.object.n; i++) {
            rb_expr(rb, e->u.object.items[i].key);
            rb_expr(rb, e->u.object.items[i].value);
        }
        break;
    case HCL_EXPR_OBJECT_KEY: rb_expr(rb, e->u.key.wrapped); break;
    case HCL_EXPR_FOR:
        rb_expr(rb, e->u.forx.coll);
        rb_expr(rb, e->u.forx.key);
        rb_expr(rb, e->u.forx.val);
        rb_expr(rb, e->u.forx.cond);
        break;
    case HCL_EXPR_CONDITIONAL:
        rb_expr(rb, e->u.cond.cond);
        rb_expr(rb, e->u.cond.t);
        rb_expr(rb, e->u.cond.f);
        break;
    case HCL_EXPR_BINARY:
        rb_expr(rb, e->u.bin.lhs);
        rb_expr(rb, e->u.bin.rhs);
        break;
    case HCL_EXPR_UNARY: rb_expr(rb, e->u.un.operand); break;
    case HCL_EXPR_PARENS: rb_expr(rb, e->u.parens.inner); break;
    default: break;
    }
}

static void rb_body(const rebase *rb, hcl_body *b)
{
    if (!b) return;
    rb_range(rb, &b->range);
    for (uint32_t i = 0; i < b->nattrs; i++) {
        rb_range(rb, &b->attrs[i].name_range);
        rb_range(rb, &b->attrs[i].range);
        rb_expr(rb, b->attrs[i].expr);
    }
    for (uint32_t i = 0; i < b->nblocks; i++) {
        hcl_block *k = &b->blocks[i];
        rb_range(rb, &k->type_range);
        for (uint32_t j = 0; k->label_ranges && j < k->nlabels; j++) rb_range(rb, &k->label_ranges[j]);
        rb_range(rb, &k->open_brace);
        rb_range(rb, &k->close_brace);
        rb_range(rb, &k->range);
        rb_body(rb, k->body);
    }
}

int cap_parse(const cap_piece *p, const char *name, lp_arena *a, hcl_file *ctx)
{
    if (hcl_parse(name, p->text, p->len, a, ctx) != 0) return -1;
    /* the piece parsed whole in its file, so it parses here too; its syntax
     * errors (if any) were reported by the index */
    const hcl_body *b = ctx->body;
    if (!b || (p->name_len ? b->nattrs < 1 : b->nblocks < 1)) return -1;
    rebase rb = { p->line ? p->line - 1 : 0, p->col ? p->col - 1 : 0 };
    rb_body(&rb, ctx->body);
    return 0;
}
