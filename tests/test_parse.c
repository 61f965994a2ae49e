/* test_parse.c — the syntax tree the index and the evaluator rely on
 * (hcl_ast.h), error recovery, depth limits and the `parse` command.
 *
 * Expected shapes follow hclsyntax's AST (parser.go / parser_template.go);
 * expected ranges and values are worked out by hand from the inputs.
 */
#include <criterion/criterion.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/arena.h"
#include "hcl/hcl_ast.h"
#include "lazypipe.h"
#include "base/numlit.h"

static ar_arena arena;
static hcl_file file;

static void setup(void) { ar_init(&arena, 0); }
static void teardown(void) { ar_free(&arena); }

TestSuite(parse, .init = setup, .fini = teardown);

static const hcl_file *parse(const char *src)
{
    ar_reset(&arena);
    cr_assert_eq(hcl_parse("t.hcl", src, strlen(src), &arena, &file), 0);
    return &file;
}

static const hcl_file *parse_ok(const char *src)
{
    parse(src);
    cr_assert_eq(file.nerrors, 0, "unexpected error %s at %u:%u in %s",
                 file.ndiags ? file.diags[0].summary : "", file.ndiags ? file.diags[0].range.line : 0,
                 file.ndiags ? file.diags[0].range.col : 0, src);
    return &file;
}

static int str_eq(hcl_str s, const char *c) { return s.len == strlen(c) && memcmp(s.p, c, s.len) == 0; }

#define assert_str(s, c) cr_assert(str_eq((s), (c)), "got \"%.*s\", want \"%s\"", (int)(s).len, (s).p, (c))

static const hcl_expr *attr_expr(const hcl_body *b, const char *name)
{
    for (uint32_t i = 0; i < b->nattrs; i++)
        if (str_eq(b->attrs[i].name, name)) return b->attrs[i].expr;
    cr_assert_fail("no attribute %s", name);
    return NULL;
}

static hcl_str text(const hcl_expr *e) { return hcl_range_text(&file, e->range); }

/* ------------------------------------------------------------ traversals */

Test(parse, scope_traversal_with_static_steps)
{
    parse_ok("a = foo.bar[0][\"k\"].baz-q.1\n");
    const hcl_expr *e = attr_expr(file.body, "a");
    cr_assert_eq(e->kind, HCL_EXPR_SCOPE_TRAV);
    assert_str(e->u.trav.root, "foo");
    assert_str(text(e), "foo.bar[0][\"k\"].baz-q.1");
    cr_assert_eq(e->u.trav.n, 5);
    const hcl_step *s = e->u.trav.steps;
    cr_assert_eq(s[0].kind, HCL_STEP_ATTR);
    assert_str(s[0].name, "bar");
    cr_assert_eq(s[1].kind, HCL_STEP_INDEX);
    cr_assert_eq(s[1].key->u.lit.kind, HCL_LIT_NUMBER);
    assert_str(s[1].key->u.lit.text, "0");
    cr_assert_eq(s[1].legacy, 0);
    cr_assert_eq(s[2].kind, HCL_STEP_INDEX);   /* a plain quoted key is static too */
    cr_assert_eq(s[2].key->u.lit.kind, HCL_LIT_STRING);
    assert_str(s[2].key->u.lit.text, "k");
    assert_str(s[3].name, "baz-q");
    cr_assert_eq(s[4].kind, HCL_STEP_INDEX);   /* legacy .1 */
    cr_assert_eq(s[4].legacy, 1);
    assert_str(s[4].key->u.lit.text, "1");
    assert_str(hcl_range_text(&file, s[2].range), "[\"k\"]");
    assert_str(hcl_range_text(&file, s[3].range), ".baz-q");
}

Test(parse, computed_index_and_relative_traversal)
{
    parse_ok("a = x[y].z\nb = f(1).g[2]\nc = (q).r\n");
    const hcl_expr *a = attr_expr(file.body, "a");
    cr_assert_eq(a->kind, HCL_EXPR_REL_TRAV);   /* (x[y]).z */
    const hcl_expr *ix = a->u.rel.source;
    cr_assert_eq(ix->kind, HCL_EXPR_INDEX);
    assert_str(text(ix), "x[y]");
    cr_assert_eq(ix->u.index.coll->kind, HCL_EXPR_SCOPE_TRAV);
    cr_assert_eq(ix->u.index.key->kind, HCL_EXPR_SCOPE_TRAV);
    assert_str(ix->u.index.key->u.trav.root, "y");

    const hcl_expr *b = attr_expr(file.body, "b");
    cr_assert_eq(b->kind, HCL_EXPR_REL_TRAV);
    cr_assert_eq(b->u.rel.source->kind, HCL_EXPR_CALL);
    cr_assert_eq(b->u.rel.n, 2);
    assert_str(text(b), "f(1).g[2]");

    const hcl_expr *c = attr_expr(file.body, "c");
    cr_assert_eq(c->kind, HCL_EXPR_REL_TRAV);
    cr_assert_eq(c->u.rel.source->kind, HCL_EXPR_PARENS);
}

Test(parse, splats)
{
    parse_ok("a = with.x.rows[*].col\nb = a.*.b[0]\nc = x[*][0].y\n");
    const hcl_expr *a = attr_expr(file.body, "a");
    cr_assert_eq(a->kind, HCL_EXPR_SPLAT);
    cr_assert_eq(a->u.splat.attr_only, 0);
    assert_str(text(a), "with.x.rows[*].col");
    cr_assert_eq(a->u.splat.source->kind, HCL_EXPR_SCOPE_TRAV);
    cr_assert_eq(a->u.splat.source->u.trav.n, 2);
    cr_assert_eq(a->u.splat.item->kind, HCL_EXPR_ANON_SYMBOL);
    const hcl_expr *each = a->u.splat.each;
    cr_assert_eq(each->kind, HCL_EXPR_REL_TRAV);
    cr_assert_eq(each->u.rel.source, a->u.splat.item);
    assert_str(each->u.rel.steps[0].name, "col");

    /* .* takes only attribute steps: the [0] indexes the result */
    const hcl_expr *b = attr_expr(file.body, "b");
    cr_assert_eq(b->kind, HCL_EXPR_REL_TRAV);
    cr_assert_eq(b->u.rel.source->kind, HCL_EXPR_SPLAT);
    cr_assert_eq(b->u.rel.source->u.splat.attr_only, 1);

    /* [*] takes every following step, [0] included */
    const hcl_expr *c = attr_expr(file.body, "c");
    cr_assert_eq(c->kind, HCL_EXPR_SPLAT);
    cr_assert_eq(c->u.splat.each->kind, HCL_EXPR_REL_TRAV);
    cr_assert_eq(c->u.splat.each->u.rel.n, 2);
}

Test(parse, calls_and_operators)
{
    parse_ok("a = ns::f(1, [2]...)\nb = 1 + 2 * 3 - -x\nc = a ? b : c ? d : e\nd = !x == y\n");
    const hcl_expr *a = attr_expr(file.body, "a");
    cr_assert_eq(a->kind, HCL_EXPR_CALL);
    assert_str(a->u.call.name, "ns::f");
    cr_assert_eq(a->u.call.n, 2);
    cr_assert_eq(a->u.call.expand_final, 1);

    const hcl_expr *b = attr_expr(file.body, "b");   /* (1 + (2*3)) - (-x) */
    cr_assert_eq(b->kind, HCL_EXPR_BINARY);
    cr_assert_eq(b->u.bin.op, HCL_OP_SUB);
    cr_assert_eq(b->u.bin.lhs->u.bin.op, HCL_OP_ADD);
    cr_assert_eq(b->u.bin.lhs->u.bin.rhs->u.bin.op, HCL_OP_MUL);
    cr_assert_eq(b->u.bin.rhs->kind, HCL_EXPR_UNARY);
    cr_assert_eq(b->u.bin.rhs->u.un.op, HCL_OP_NEG);

    const hcl_expr *c = attr_expr(file.body, "c");   /* a ? b : (c ? d : e) */
    cr_assert_eq(c->kind, HCL_EXPR_CONDITIONAL);
    cr_assert_eq(c->u.cond.f->kind, HCL_EXPR_CONDITIONAL);

    const hcl_expr *d = attr_expr(file.body, "d");   /* (!x) == y */
    cr_assert_eq(d->kind, HCL_EXPR_BINARY);
    cr_assert_eq(d->u.bin.lhs->kind, HCL_EXPR_UNARY);
}

Test(parse, for_expressions)
{
    parse_ok("a = [for k, v in m : v if k != \"x\"]\nb = {for v in l : v => v...}\n");
    const hcl_expr *a = attr_expr(file.body, "a");
    cr_assert_eq(a->kind, HCL_EXPR_FOR);
    cr_assert_eq(a->u.forx.is_object, 0);
    assert_str(a->u.forx.key_var, "k");
    assert_str(a->u.forx.val_var, "v");
    cr_assert_not_null(a->u.forx.cond);
    const hcl_expr *b = attr_expr(file.body, "b");
    cr_assert_eq(b->u.forx.is_object, 1);
    cr_assert_eq(b->u.forx.key_var.len, 0);
    cr_assert_eq(b->u.forx.group, 1);
    cr_assert_not_null(b->u.forx.key);
}

/* ------------------------------------------------------------ templates */

Test(parse, template_parts)
{
    parse_ok("a = \"x${b}y\\n\"\nb = \"${c}\"\nc = \"\"\nd = \"\\u00e9$${z}\"\n");
    const hcl_expr *a = attr_expr(file.body, "a");
    cr_assert_eq(a->kind, HCL_EXPR_TEMPLATE);
    cr_assert_eq(a->u.tmpl.n, 3);
    assert_str(a->u.tmpl.parts[0]->u.lit.text, "x");
    cr_assert_eq(a->u.tmpl.parts[1]->kind, HCL_EXPR_SCOPE_TRAV);
    assert_str(a->u.tmpl.parts[2]->u.lit.text, "y\n");
    assert_str(text(a), "\"x${b}y\\n\"");

    const hcl_expr *b = attr_expr(file.body, "b");
    cr_assert_eq(b->kind, HCL_EXPR_TEMPLATE_WRAP);
    cr_assert_eq(b->u.wrap.wrapped->kind, HCL_EXPR_SCOPE_TRAV);

    const hcl_expr *c = attr_expr(file.body, "c");
    cr_assert_eq(c->kind, HCL_EXPR_TEMPLATE);
    cr_assert_eq(c->u.tmpl.n, 1);
    cr_assert_eq(c->u.tmpl.parts[0]->u.lit.text.len, 0);

    const hcl_expr *d = attr_expr(file.body, "d");
    assert_str(d->u.tmpl.parts[0]->u.lit.text, "\xc3\xa9${z}");
}

Test(parse, strip_markers)
{
    parse_ok("a = \"x \\n ${~ y ~}  z\"\nb = <<EOT\n  %{ if c ~}\n  yes\n  %{~ endif }\nEOT\n");
    const hcl_expr *a = attr_expr(file.body, "a");
    cr_assert_eq(a->u.tmpl.n, 3);
    assert_str(a->u.tmpl.parts[0]->u.lit.text, "x");   /* escapes decoded before stripping */
    assert_str(a->u.tmpl.parts[2]->u.lit.text, "z");

    /* HCL_SYNTAX.md §7.2: "  " + if(c -> "  yes\n") + "\n" */
    const hcl_expr *b = attr_expr(file.body, "b");
    cr_assert_eq(b->kind, HCL_EXPR_TEMPLATE);
    cr_assert_eq(b->u.tmpl.heredoc, 1);
    cr_assert_eq(b->u.tmpl.n, 3);
    assert_str(b->u.tmpl.parts[0]->u.lit.text, "  ");
    const hcl_expr *cond = b->u.tmpl.parts[1];
    cr_assert_eq(cond->kind, HCL_EXPR_CONDITIONAL);
    cr_assert_eq(cond->u.cond.t->kind, HCL_EXPR_TEMPLATE);
    assert_str(cond->u.cond.t->u.tmpl.parts[0]->u.lit.text, "  yes\n");
    assert_str(cond->u.cond.f->u.tmpl.parts[0]->u.lit.text, "");
    assert_str(b->u.tmpl.parts[2]->u.lit.text, "\n");
}

Test(parse, flush_heredoc)
{
    parse_ok("a = <<-EOT\n    a\n\n      b\n  EOT\nb = <<-EOT\n  ${x}\n    y\n  EOT\nc = "
             "<<-EOT\n\ta\n\xe2\x80\x83 b\n  EOT\n");
    const hcl_expr *a = attr_expr(file.body, "a");
    cr_assert_eq(a->u.tmpl.n, 1);
    assert_str(a->u.tmpl.parts[0]->u.lit.text, "a\n\n  b\n");   /* blank lines take no part */
    /* the "  " before ${x} counts 2 (§7.5) */
    const hcl_expr *b = attr_expr(file.body, "b");
    cr_assert_eq(b->u.tmpl.n, 3);   /* the flushed "  " stays as an empty literal */
    assert_str(b->u.tmpl.parts[0]->u.lit.text, "");
    cr_assert_eq(b->u.tmpl.parts[1]->kind, HCL_EXPR_SCOPE_TRAV);
    assert_str(b->u.tmpl.parts[2]->u.lit.text, "\n  y\n");
    /* a TAB and an EM SPACE each count as one */
    const hcl_expr *c = attr_expr(file.body, "c");
    assert_str(c->u.tmpl.parts[0]->u.lit.text, "a\n b\n");
}

Test(parse, template_for_directive)
{
    parse_ok("a = \"%{ for k, v in m }${k}=${v};%{ endfor }\"\n");
    const hcl_expr *a = attr_expr(file.body, "a");
    cr_assert_eq(a->kind, HCL_EXPR_TEMPLATE);
    cr_assert_eq(a->u.tmpl.n, 1);
    const hcl_expr *j = a->u.tmpl.parts[0];
    cr_assert_eq(j->kind, HCL_EXPR_TEMPLATE_JOIN);
    const hcl_expr *f = j->u.join.tuple_for;
    cr_assert_eq(f->kind, HCL_EXPR_FOR);
    assert_str(f->u.forx.key_var, "k");
    assert_str(f->u.forx.val_var, "v");
    cr_assert_eq(f->u.forx.val->kind, HCL_EXPR_TEMPLATE);
    cr_assert_eq(f->u.forx.val->u.tmpl.n, 4);
}

Test(parse, nfc_for_values_not_for_labels_or_names)
{
    /* "an\u0303o": n + combining tilde */
    parse_ok("b \"an\xcc\x83o\" {\n  v = \"an\xcc\x83o\"\n}\n");
    const hcl_block *b = &file.body->blocks[0];
    assert_str(b->labels[0], "an\xcc\x83o");
    const hcl_expr *v = attr_expr(b->body, "v");
    assert_str(v->u.tmpl.parts[0]->u.lit.text, "a\xc3\xb1o");
}

/* ------------------------------------------------------------ objects, blocks */

Test(parse, object_keys)
{
    parse_ok("a = {\n  k = 1\n  \"q\" = 2, (r) = 3\n  s.t: 4\n}\n");
    const hcl_expr *a = attr_expr(file.body, "a");
    cr_assert_eq(a->kind, HCL_EXPR_OBJECT);
    cr_assert_eq(a->u.object.n, 4);
    const hcl_obj_item *it = a->u.object.items;
    cr_assert_eq(it[0].key->kind, HCL_EXPR_OBJECT_KEY);
    cr_assert_eq(it[0].key->u.key.wrapped->kind, HCL_EXPR_SCOPE_TRAV);
    cr_assert_eq(it[0].key->u.key.force_non_literal, 0);
    cr_assert_eq(it[1].key->u.key.wrapped->kind, HCL_EXPR_TEMPLATE);
    cr_assert_eq(it[2].key->u.key.wrapped->kind, HCL_EXPR_PARENS);
    cr_assert_eq(it[2].key->u.key.force_non_literal, 1);
    assert_str(text(it[3].key->u.key.wrapped), "s.t");
    cr_assert_eq(it[3].value->u.lit.kind, HCL_LIT_NUMBER);
}

Test(parse, block_ranges_and_labels)
{
    const char *src = "control \"x\" {\n  title = \"T\"\n  sub \"y\" z {}\n}\nparam \"p\" {}\none { a = 1 }";
    parse_ok(src);
    cr_assert_eq(file.body->nblocks, 3);
    const hcl_block *c = &file.body->blocks[0];
    assert_str(c->type, "control");
    cr_assert_eq(c->nlabels, 1);
    assert_str(c->labels[0], "x");
    assert_str(hcl_range_text(&file, c->label_ranges[0]), "\"x\"");
    /* type keyword through the closing brace inclusive */
    assert_str(hcl_range_text(&file, c->range), "control \"x\" {\n  title = \"T\"\n  sub \"y\" z {}\n}");
    cr_assert_eq(c->range.line, 1);
    cr_assert_eq(c->range.col, 1);
    cr_assert_eq(c->range.end_line, 4);
    cr_assert_eq(c->range.end_col, 2);
    const hcl_block *sub = &c->body->blocks[0];
    cr_assert_eq(sub->nlabels, 2);
    assert_str(sub->labels[1], "z");
    assert_str(hcl_range_text(&file, sub->range), "sub \"y\" z {}");
    const hcl_block *p = &file.body->blocks[1];
    assert_str(hcl_range_text(&file, p->range), "param \"p\" {}");
    /* one-line block with an argument, at EOF without a newline */
    const hcl_block *o = &file.body->blocks[2];
    assert_str(hcl_range_text(&file, o->range), "one { a = 1 }");
    cr_assert_eq(o->body->nattrs, 1);
    cr_assert_eq(attr_expr(o->body, "a")->u.lit.kind, HCL_LIT_NUMBER);
    cr_assert_eq(c->body->nattrs, 1);
    assert_str(hcl_range_text(&file, c->body->attrs[0].range), "title = \"T\"");
}

Test(parse, escaped_label_and_redefinition)
{
    parse("b \"a\\\"b\" {}\nx = 1\nx = 2\n");
    cr_assert_eq(file.nerrors, 1);
    cr_assert_str_eq(file.diags[0].summary, "Attribute redefined");
    cr_assert_eq(file.diags[0].range.line, 3);
    assert_str(file.body->blocks[0].labels[0], "a\"b");
    cr_assert_eq(file.body->nattrs, 1);   /* the first definition is kept */
    assert_str(file.body->attrs[0].expr->u.lit.text, "1");
}

/* ------------------------------------------------------------ errors and recovery */

Test(parse, error_positions)
{
    static const struct { const char *src; unsigned line, col; const char *summary; } cases[] = {
        { "a = 1 +\n 2\n", 1, 8, "Invalid expression" },
        { "a = 1.2.3\n", 1, 5, "Invalid number literal" },
        { "b {\n a = 1 }\n", 2, 8, "Missing newline after argument" },
        { "a = [1\n2]\n", 2, 1, "Missing item separator" },
        { "a = \"\\q\"\n", 1, 6, "Invalid escape sequence" },
        { "a = \"${x:y}\"\n", 1, 9, "Extra characters after interpolation expression" },
        { "a = \"${x\"\n", 1, 10, "Invalid multi-line string" },   /* the '"' opens a new string */
        { "a = x.*.y.*.z\n", 1, 11, "Nested splat expression not allowed" },
        { "a {\n", 1, 3, "Unclosed configuration block" },
        { "\"a\" = 1\n", 1, 1, "Invalid argument name" },
        { "a = <<EOT\nx\n%{endif}\nEOT\n", 3, 1, "Unexpected endif directive" },
        { "a = f(1 2)\n", 1, 9, "Missing argument separator" },
        { "a = x & y\n", 1, 7, "Unsupported operator" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        parse(cases[i].src);
        cr_assert_gt(file.nerrors, 0, "no error for %s", cases[i].src);
        cr_expect_str_eq(file.diags[0].summary, cases[i].summary, "%s", cases[i].src);
        cr_expect_eq(file.diags[0].range.line, cases[i].line, "%s", cases[i].src);
        cr_expect_eq(file.diags[0].range.col, cases[i].col, "%s", cases[i].src);
    }
}

Test(parse, recovery_keeps_later_blocks)
{
    /* the bad attribute is skipped up to its newline; the block closes
     * normally and the next ones are intact */
    parse("control \"a\" {\n  title = (1 +\n  sql = \"x\"\n}\n\nquery \"b\" {\n  sql = \"y\"\n}\n"
          "control \"c\" {\n  title = \"C\"\n}\n");
    cr_assert_gt(file.nerrors, 0);
    cr_assert_eq(file.body->nblocks, 3);
    assert_str(file.body->blocks[1].type, "query");
    assert_str(file.body->blocks[1].labels[0], "b");
    assert_str(file.body->blocks[2].labels[0], "c");
    assert_str(attr_expr(file.body->blocks[2].body, "title")->u.tmpl.parts[0]->u.lit.text, "C");

    /* an error in a header: the block is kept with an empty body */
    parse("a \"x\" = {\n}\nb \"y\" {\n  v = 1\n}\n");
    cr_assert_gt(file.nerrors, 0);
    cr_assert_str_eq(file.diags[0].summary, "Invalid block definition");
    cr_assert_geq(file.body->nblocks, 2);
    const hcl_block *last = &file.body->blocks[file.body->nblocks - 1];
    assert_str(last->type, "b");
    cr_assert_eq(last->body->nattrs, 1);
}

Test(parse, error_trees_are_complete)
{
    /* every broken input still yields a body and no NULL expressions */
    static const char *const srcs[] = { "a = \n",   "a = [1,\n",          "a = {b = }\n",
                                        "a = f(\n", "a = \"${\"\n",       "a = <<EOT\nx\n",
                                        "a = x.\n", "a = [for x in y]\n", "b {\n c { d = 1 } }\n" };
    for (size_t i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
        parse(srcs[i]);
        cr_assert_gt(file.nerrors, 0, "%s", srcs[i]);
        cr_assert_not_null(file.body);
        for (uint32_t k = 0; k < file.body->nattrs; k++) cr_assert_not_null(file.body->attrs[k].expr);
    }
}

/* ------------------------------------------------------------ depth */

static char *repeat(const char *head, const char *unit, size_t n, const char *tail)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    char *s = malloc(hl + ul * n + tl + 1);
    memcpy(s, head, hl);
    for (size_t i = 0; i < n; i++) memcpy(s + hl + i * ul, unit, ul);
    memcpy(s + hl + ul * n, tail, tl + 1);
    return s;
}

static void expect_too_deep(const char *head, const char *unit, size_t n, const char *tail)
{
    char *s = repeat(head, unit, n, tail);
    parse(s);
    cr_assert_gt(file.nerrors, 0);
    int found = 0;
    for (uint32_t i = 0; i < file.ndiags; i++)
        found |= strcmp(file.diags[i].summary, "Nesting too deep") == 0;
    cr_assert(found, "no depth diagnostic for %zu x '%s'", n, unit);
    free(s);
}

Test(parse, depth_is_bounded)
{
    expect_too_deep("a = ", "[", 100000, "\n");
    expect_too_deep("a = ", "(", 100000, "\n");
    expect_too_deep("a = ", "-", 100000, "1\n");
    expect_too_deep("a = ", "{a=", 100000, "\n");
    expect_too_deep("a = ", "\"${", 100000, "\n");
    expect_too_deep("a = \"", "%{if x}", 100000, "\"\n");
    expect_too_deep("a = x", "[*]", 100000, "\n");
    expect_too_deep("", "a {\n", 100000, "");
    /* chains nest to the left without recursion; the tree's depth is bounded too */
    expect_too_deep("a = 1", " + 1", 100000, "\n");
    expect_too_deep("a = x", "[y]", 100000, "\n");
    expect_too_deep("a = f()", "[*].b[0]", 100000, "\n");
    /* the position is that of the offending token */
    char *s = repeat("a = ", "[", 300, "");
    parse(s);
    cr_assert_eq(file.diags[0].range.line, 1);
    cr_assert_eq(file.diags[0].range.col, 5 + HCL_MAX_DEPTH);
    free(s);
}

Test(parse, moderate_depth_is_fine)
{
    char *open = repeat("a = ", "[", 200, "");
    char *s = repeat(open, "]", 200, "\n");
    parse_ok(s);
    free(open);
    free(s);
    s = repeat("a = 1", " + 1", 200, "\n");
    parse_ok(s);
    free(s);
}

/* ------------------------------------------------------------ the parse command */

static int run(const char *cmd, char *out, size_t outsz)
{
    FILE *f = popen(cmd, "r");
    cr_assert(f);
    size_t n = fread(out, 1, outsz - 1, f);
    out[n] = '\0';
    int st = pclose(f);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

Test(parse_cli, prints_json_or_diagnostics)
{
    const char *cli = getenv("LP_CLI");
    if (!cli || !*cli) cli = "build/san/lazypipe";
    cr_assert_eq(access(cli, X_OK), 0, "%s is not built", cli);
    char good[] = "/tmp/lp_parse_good_XXXXXX", bad[] = "/tmp/lp_parse_bad_XXXXXX";
    int fg = mkstemp(good), fb = mkstemp(bad);
    cr_assert(fg >= 0 && fb >= 0);
    const char *gs = "control \"c\" {\n  title = \"T\"\n}\n", *bs = "a = 1\nb = {\n  c = \n}\n";
    cr_assert_eq(write(fg, gs, strlen(gs)), (ssize_t)strlen(gs));
    cr_assert_eq(write(fb, bs, strlen(bs)), (ssize_t)strlen(bs));
    close(fg);
    close(fb);

    char cmd[1024], out[8192];
    snprintf(cmd, sizeof cmd, "%s parse %s 2>/dev/null", cli, good);
    cr_expect_eq(run(cmd, out, sizeof out), 0);
    cr_expect_str_eq(out, "{\"control\":{\"c\":[{\"title\":\"T\"}]}}\n");

    /* a syntax error: file:line:col: error: message on stderr, exit status 1 */
    snprintf(cmd, sizeof cmd, "%s parse %s 2>&1 >/dev/null", cli, bad);
    cr_expect_eq(run(cmd, out, sizeof out), 1);
    char want[512];
    snprintf(want, sizeof want, "%s:3:7: error: Invalid expression; ", bad);
    cr_expect(strncmp(out, want, strlen(want)) == 0, "stderr: %s", out);

    /* several files: the oracle's line format */
    snprintf(cmd, sizeof cmd, "%s parse %s %s 2>/dev/null", cli, good, bad);
    cr_expect_eq(run(cmd, out, sizeof out), 1);
    char *second = strchr(out, '\n');
    cr_assert_not_null(second);
    cr_expect(strstr(out, "\"ok\":true,\"json\":{\"control\"") != NULL, "%s", out);
    cr_expect(strstr(second, "\"ok\":false,\"error\":\"parse config: [") != NULL, "%s", second);
    cr_expect(strstr(second, ":3,7-") != NULL && strstr(second, "\"stage\":\"parse\"") != NULL, "%s", second);
    unlink(good);
    unlink(bad);
}

/* ------------------------------------------------------------ number limits */

/* Go's big.ParseFloat (cty.ParseNumberVal) rejects an exponent beyond int64
 * and a binary exponent beyond int32; zero takes any int64 exponent; a value
 * past 2^(2^31-1) parses but becomes +Inf, which hcl2json cannot write.  The
 * verdicts below are hcl2json's (hcl-oracle). */
Test(parse, number_literal_limits)
{
    static const struct { const char *src; int ok; } cases[] = {
        { "a = 0e9223372036854775807\n", 1 },   { "a = 0e9223372036854775808\n", 0 },
        { "a = 1e9223372036854775807\n", 0 },   { "a = 1e2147483647\n", 0 },
        { "a = 0e-9223372036854775808\n", 1 },  { "a = 1e-646457000\n", 1 },
        { "a = 00000.000e5\n", 1 },             { "a = 1e400\n", 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        parse(cases[i].src);
        cr_expect_eq(file.nerrors == 0, cases[i].ok, "%s", cases[i].src);
        if (!cases[i].ok)
            cr_expect_str_eq(file.diags[0].summary, "Invalid number literal", "%s", cases[i].src);
    }
    lp_buf out = { 0 };
    lp_error e;
    cr_expect_eq(lp_hcl_to_json("t.hcl", "a = 1e646456995\n", 16, &out, NULL, NULL, &e), LP_ERR_CONVERT);
    cr_expect(strstr(e.message, "cannot serialize infinity as JSON") != NULL, "%s", e.message);
    lp_buf_free(&out);
    /* hcl2json writes the exact decimal of the 512-bit value: 1e400 is 401 digits */
    cr_expect_eq(lp_hcl_to_json("t.hcl", "a = 1e400\n", 10, &out, NULL, NULL, &e), LP_OK);
    cr_expect_eq(out.len, strlen("{\"a\":}") + 401);
    cr_expect(strncmp(out.data, "{\"a\":10000", 10) == 0 && strspn(out.data + 5, "0") == 0 &&
              strspn(out.data + 6, "0") == 400, "%.40s", out.data);
    lp_buf_free(&out);
    /* in a template a number is written out in full ("x${1e3}" is "x1000");
     * a hundred megabytes of zeros is refused instead (our limit, not hcl's) */
    const char *big = "a = \"x${1e99999999}\"\nb = \"x${1e3}\"\n";
    cr_expect_eq(lp_hcl_to_json("t.hcl", big, strlen(big), &out, NULL, NULL, &e), LP_ERR_CONVERT);
    lp_buf_free(&out);
    /* so is a tiny one that Go holds (never 0: MPFR's exponent range is narrower
     * than Go's); below 2^-(2^31) Go's big.Float underflows to 0, as we write */
    const char *tiny = "a = 1e-646456000\n";
    cr_expect_eq(lp_hcl_to_json("t.hcl", tiny, strlen(tiny), &out, NULL, NULL, &e), LP_ERR_CONVERT);
    cr_expect(strstr(e.message, "too large to write out in full") != NULL, "%s", e.message);
    lp_buf_free(&out);
    const char *zero = "a = 1e-646457000\nb = -1e-646457000\nc = \"${1e-646457000}x\"\n";
    cr_expect_eq(lp_hcl_to_json("t.hcl", zero, strlen(zero), &out, NULL, NULL, &e), LP_OK);
    cr_expect_str_eq(out.data, "{\"a\":0,\"b\":-0,\"c\":\"0x\"}");
    lp_buf_free(&out);
}

/* The programs link no libm: the library's log, log2 and pow (HCL's log() and pow(), the
 * literals' magnitude checks) are MPFR's, correctly rounded.  They give C's own answers,
 * here glibc's libm (which the tests link), over a grid of values and C99's special cases. */
Test(parse, number_math_matches_libm)
{
    static const double xs[] = { 0.0, -0.0, 1e-320, 1e-300, 0.001, 0.1, 0.5, 0.999, 1.0, 1.5, 2.0, 2.5,
                                 3.0, 7.0, 10.0, 16.0, 50.0, 1000.0, 123456.789, 1e17, 1e300, -1.0, -2.0,
                                 -8.0, -0.5, INFINITY, -INFINITY, NAN };
    static const double ys[] = { 0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, 3.0, 1.0 / 3, 10.0, -320.0, 1024.0,
                                 -1074.0, 0.1, 100.5, INFINITY, -INFINITY, NAN };
    size_t nx = sizeof xs / sizeof *xs, ny = sizeof ys / sizeof *ys;
    for (size_t i = 0; i < nx; i++) {
        double x = xs[i];
        cr_expect(memcmp(&(double){ num_log(x) }, &(double){ log(x) }, sizeof x) == 0 ||
                  (isnan(num_log(x)) && isnan(log(x))), "log(%a): %a, libm %a", x, num_log(x), log(x));
        cr_expect(memcmp(&(double){ num_log2(x) }, &(double){ log2(x) }, sizeof x) == 0 ||
                  (isnan(num_log2(x)) && isnan(log2(x))), "log2(%a): %a, libm %a", x, num_log2(x), log2(x));
        for (size_t j = 0; j < ny; j++) {
            double y = ys[j], got = num_pow(x, y), want = pow(x, y);
            cr_expect(memcmp(&got, &want, sizeof got) == 0 || (isnan(got) && isnan(want)),
                      "pow(%a, %a): %a, libm %a", x, y, got, want);
        }
    }
}

/* huge bodies stay linear: the redefinition check and hcl2json's merging of
 * blocks use hash tables past a few entries (a quadratic scan would take
 * many minutes here; the test takes 8 s of CPU under ASan, and 30 s passed
 * at load 10 on 2 cores) */
Test(parse, huge_bodies, .timeout = 120)
{
    size_t cap = 8 << 20, n = 0;
    char *s = malloc(cap);
    for (int i = 0; i < 100000; i++) n += (size_t)snprintf(s + n, cap - n, "a%d = %d\n", i, i);
    for (int i = 0; i < 30000; i++) n += (size_t)snprintf(s + n, cap - n, "c \"l%d\" {\n}\n", i);
    n += (size_t)snprintf(s + n, cap - n, "a99999 = 0\n");
    ar_reset(&arena);
    cr_assert_eq(hcl_parse("t.hcl", s, n, &arena, &file), 0);
    cr_assert_eq(file.nerrors, 1);
    cr_expect_str_eq(file.diags[0].summary, "Attribute redefined");
    cr_expect_eq(file.body->nattrs, 100000);
    cr_expect_eq(file.body->nblocks, 30000);
    n -= strlen("a99999 = 0\n");
    lp_buf out = { 0 };
    lp_error e;
    cr_assert_eq(lp_hcl_to_json("t.hcl", s, n, &out, NULL, NULL, &e), LP_OK);
    cr_expect(strstr(out.data, "\"l29999\":[{}]") != NULL);
    lp_buf_free(&out);
    free(s);
}

/* Go's big.ParseFloat (which hclsyntax and cty use) divides by 5^k rounded
 * to 576 bits, so an exact tie between two 512-bit floats written with k >
 * 248 fraction digits goes one way or the other, where a correctly rounded
 * reader (mpfr_strtofr) goes to even.  num_go_parse must do as Go does:
 * differ from MPFR on some ties, by one ulp at most (the oracle tests check
 * the direction: tests/data/hcl_bytes_cases.jsonl, test_conf_bytes). */
Test(parse, number_literals_round_as_go_does)
{
    mpz_t odd, p;
    mpz_inits(odd, p, NULL);
    mpfr_t go, mp, ulp;
    mpfr_inits2(512, go, mp, ulp, (mpfr_ptr)0);
    int differ = 0;
    for (int i = 0; i < 24; i++) {
        mpz_set_ui(odd, 1);
        for (int b = 0; b < 512; b++) {   /* a fixed pseudo-random 513-bit odd numerator */
            mpz_mul_2exp(odd, odd, 1);
            if (b == 511 || ((b * 7 + i * 13) % 5) < 2) mpz_add_ui(odd, odd, 1);
        }
        unsigned long k = 260 + 10 * (unsigned long)i;   /* beyond 5^248, and fewer than its digits */
        mpz_ui_pow_ui(p, 5, k);
        mpz_mul(p, p, odd);   /* odd / 2^k = odd * 5^k / 10^k, and k < digits */
        char *d = mpz_get_str(NULL, 10, p);
        size_t nd = strlen(d);
        cr_assert_gt(nd, k);
        char *lit = malloc(nd + 2);
        memcpy(lit, d, nd - k);
        lit[nd - k] = '.';
        memcpy(lit + nd - k + 1, d + nd - k, k + 1);
        cr_assert_eq(num_go_parse(lit, nd + 1, go), 0);
        mpfr_strtofr(mp, lit, NULL, 10, MPFR_RNDN);
        if (!mpfr_equal_p(go, mp)) {
            differ++;
            mpfr_sub(ulp, go, mp, MPFR_RNDN);
            mpfr_abs(ulp, ulp, MPFR_RNDN);
            cr_expect(mpfr_get_exp(ulp) <= mpfr_get_exp(mp) - 511, "tie %d: more than an ulp apart", i);
        }
        free(lit);
        free(d);
    }
    cr_expect_gt(differ, 0, "no tie rounded away from even: Go's double rounding is not reproduced");
    mpfr_clears(go, mp, ulp, (mpfr_ptr)0);
    mpz_clears(odd, p, NULL);
}
