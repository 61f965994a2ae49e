/* hcl_walk.c — visiting every expression of a syntax tree (hcl_ast.h). */
#include "hcl/hcl_ast.h"

static void visit_all(hcl_expr **v, uint32_t n, hcl_visit_fn fn, void *u)
{
    for (uint32_t i = 0; v && i < n; i++) hcl_expr_walk(v[i], fn, u);
}

static void visit_steps(hcl_step *v, uint32_t n, hcl_visit_fn fn, void *u)
{
    for (uint32_t i = 0; v && i < n; i++) hcl_expr_walk(v[i].key, fn, u);
}

/* Visits an expression's fixed children, in order (NULL ones are skipped). */
#define VISIT(...) \
    visit_all((hcl_expr *[]){ __VA_ARGS__ }, sizeof((hcl_expr *[]){ __VA_ARGS__ }) / sizeof(hcl_expr *), \
              fn, u)

void hcl_expr_walk(hcl_expr *e, hcl_visit_fn fn, void *u)
{
    if (!e || e->kind == HCL_EXPR_ANON_SYMBOL) return;
    fn(e, u);
    switch (e->kind) {
    case HCL_EXPR_TEMPLATE: visit_all(e->u.tmpl.parts, e->u.tmpl.n, fn, u); break;
    case HCL_EXPR_TEMPLATE_WRAP: hcl_expr_walk(e->u.wrap.wrapped, fn, u); break;
    case HCL_EXPR_TEMPLATE_JOIN: hcl_expr_walk(e->u.join.tuple_for, fn, u); break;
    case HCL_EXPR_SCOPE_TRAV: visit_steps(e->u.trav.steps, e->u.trav.n, fn, u); break;
    case HCL_EXPR_REL_TRAV:
        hcl_expr_walk(e->u.rel.source, fn, u);
        visit_steps(e->u.rel.steps, e->u.rel.n, fn, u);
        break;
    case HCL_EXPR_INDEX: VISIT(e->u.index.coll, e->u.index.key); break;
    case HCL_EXPR_SPLAT: VISIT(e->u.splat.source, e->u.splat.each); break;
    case HCL_EXPR_CALL: visit_all(e->u.call.args, e->u.call.n, fn, u); break;
    case HCL_EXPR_TUPLE: visit_all(e->u.tuple.items, e->u.tuple.n, fn, u); break;
    case HCL_EXPR_OBJECT:
        for (uint32_t i = 0; e->u.object.items && i < e->u.object.n; i++)
            VISIT(e->u.object.items[i].key, e->u.object.items[i].value);
        break;
    case HCL_EXPR_OBJECT_KEY: hcl_expr_walk(e->u.key.wrapped, fn, u); break;
    case HCL_EXPR_FOR: VISIT(e->u.forx.coll, e->u.forx.key, e->u.forx.val, e->u.forx.cond); break;
    case HCL_EXPR_CONDITIONAL: VISIT(e->u.cond.cond, e->u.cond.t, e->u.cond.f); break;
    case HCL_EXPR_BINARY: VISIT(e->u.bin.lhs, e->u.bin.rhs); break;
    case HCL_EXPR_UNARY: hcl_expr_walk(e->u.un.operand, fn, u); break;
    case HCL_EXPR_PARENS: hcl_expr_walk(e->u.parens.inner, fn, u); break;
    default: break;
    }
}
