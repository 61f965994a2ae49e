/* fuzz_parse.c — libFuzzer target: parse any bytes as HCL, walk the whole tree
 * checking its invariants, then convert it to hcl2json's JSON.
 *
 * Invariants: hcl_parse returns 0; the body and every expression pointer the
 * tree promises are non-NULL; every range lies inside the input with
 * start <= end; every string points inside the input or the arena.  The walk
 * is iterative over blocks and bounded by HCL_MAX_DEPTH over expressions. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "hcl/hcl_ast.h"
#include "lazypipe.h"

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_range(const hcl_file *f, hcl_range r)
{
    CHECK(r.start <= r.end && r.end <= f->len);
    CHECK(r.line >= 1 && r.col >= 1 && r.end_line >= r.line);
}

static void walk_expr(const hcl_file *f, const hcl_expr *e, int depth);

static void walk_steps(const hcl_file *f, const hcl_step *s, uint32_t n, int depth)
{
    for (uint32_t i = 0; i < n; i++) {
        check_range(f, s[i].range);
        if (s[i].kind == HCL_STEP_INDEX) {
            CHECK(s[i].key && s[i].key->kind == HCL_EXPR_LITERAL);
            walk_expr(f, s[i].key, depth + 1);
        }
    }
}

static void walk_expr(const hcl_file *f, const hcl_expr *e, int depth)
{
    CHECK(e);
    CHECK(depth < 4 * HCL_MAX_DEPTH + 64);
    check_range(f, e->range);
    switch (e->kind) {
    case HCL_EXPR_LITERAL:
        CHECK(e->u.lit.kind <= HCL_LIT_UNKNOWN);
        if (e->u.lit.text.len) CHECK(e->u.lit.text.p);
        break;
    case HCL_EXPR_TEMPLATE:
        CHECK(e->u.tmpl.n >= 1);
        for (uint32_t i = 0; i < e->u.tmpl.n; i++) walk_expr(f, e->u.tmpl.parts[i], depth + 1);
        break;
    case HCL_EXPR_TEMPLATE_WRAP: walk_expr(f, e->u.wrap.wrapped, depth + 1); break;
    case HCL_EXPR_TEMPLATE_JOIN:
        CHECK(e->u.join.tuple_for->kind == HCL_EXPR_FOR);
        walk_expr(f, e->u.join.tuple_for, depth + 1);
        break;
    case HCL_EXPR_SCOPE_TRAV:
        check_range(f, e->u.trav.root_range);
        walk_steps(f, e->u.trav.steps, e->u.trav.n, depth);
        break;
    case HCL_EXPR_REL_TRAV:
        walk_expr(f, e->u.rel.source, depth + 1);
        walk_steps(f, e->u.rel.steps, e->u.rel.n, depth);
        break;
    case HCL_EXPR_INDEX:
        walk_expr(f, e->u.index.coll, depth + 1);
        walk_expr(f, e->u.index.key, depth + 1);
        break;
    case HCL_EXPR_SPLAT:
        walk_expr(f, e->u.splat.source, depth + 1);
        walk_expr(f, e->u.splat.each, depth + 1);
        CHECK(e->u.splat.item && e->u.splat.item->kind == HCL_EXPR_ANON_SYMBOL);
        break;
    case HCL_EXPR_ANON_SYMBOL: break;
    case HCL_EXPR_CALL:
        for (uint32_t i = 0; i < e->u.call.n; i++) walk_expr(f, e->u.call.args[i], depth + 1);
        break;
    case HCL_EXPR_TUPLE:
        for (uint32_t i = 0; i < e->u.tuple.n; i++) walk_expr(f, e->u.tuple.items[i], depth + 1);
        break;
    case HCL_EXPR_OBJECT:
        for (uint32_t i = 0; i < e->u.object.n; i++) {
            CHECK(e->u.object.items[i].key->kind == HCL_EXPR_OBJECT_KEY);
            walk_expr(f, e->u.object.items[i].key, depth + 1);
            walk_expr(f, e->u.object.items[i].value, depth + 1);
        }
        break;
    case HCL_EXPR_OBJECT_KEY: walk_expr(f, e->u.key.wrapped, depth + 1); break;
    case HCL_EXPR_FOR:
        walk_expr(f, e->u.forx.coll, depth + 1);
        if (e->u.forx.key) walk_expr(f, e->u.forx.key, depth + 1);
        walk_expr(f, e->u.forx.val, depth + 1);
        if (e->u.forx.cond) walk_expr(f, e->u.forx.cond, depth + 1);
        break;
    case HCL_EXPR_CONDITIONAL:
        walk_expr(f, e->u.cond.cond, depth + 1);
        walk_expr(f, e->u.cond.t, depth + 1);
        walk_expr(f, e->u.cond.f, depth + 1);
        break;
    case HCL_EXPR_BINARY:
        walk_expr(f, e->u.bin.lhs, depth + 1);
        walk_expr(f, e->u.bin.rhs, depth + 1);
        break;
    case HCL_EXPR_UNARY: walk_expr(f, e->u.un.operand, depth + 1); break;
    case HCL_EXPR_PARENS: walk_expr(f, e->u.parens.inner, depth + 1); break;
    default: CHECK(0);
    }
}

static void walk_body(const hcl_file *f, const hcl_body *b, int depth)
{
    CHECK(b);
    CHECK(depth <= HCL_MAX_DEPTH + 1);
    for (uint32_t i = 0; i < b->nattrs; i++) {
        check_range(f, b->attrs[i].range);
        check_range(f, b->attrs[i].name_range);
        walk_expr(f, b->attrs[i].expr, 0);
    }
    for (uint32_t i = 0; i < b->nblocks; i++) {
        const hcl_block *bl = &b->blocks[i];
        check_range(f, bl->range);
        check_range(f, bl->type_range);
        for (uint32_t k = 0; k < bl->nlabels; k++) check_range(f, bl->label_ranges[k]);
        walk_body(f, bl->body, depth + 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ar_arena a;
    ar_init(&a, 0);
    hcl_file f;
    CHECK(hcl_parse("fuzz.hcl", (const char *)data, size, &a, &f) == 0);
    walk_body(&f, f.body, 0);
    CHECK(f.nerrors <= (uint64_t)f.ndiags + f.nmore);   /* past the cap, errors are counted, not kept */
    for (uint32_t i = 0; i < f.ndiags; i++) {
        check_range(&f, f.diags[i].range);
        CHECK(f.diags[i].summary && f.diags[i].detail);
    }
    uint32_t nerrors = f.nerrors;
    ar_free(&a);

    lp_buf out = { 0 };
    lp_error err;
    int rc = lp_hcl_to_json("fuzz.hcl", (const char *)data, size, &out, NULL, NULL, &err);
    if (nerrors) CHECK(rc == LP_ERR_SYNTAX);
    else CHECK(rc == LP_OK || rc == LP_ERR_CONVERT);
    lp_buf_free(&out);
    return 0;
}
