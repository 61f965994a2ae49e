/* test_eval.c — expression evaluation: operators, templates, for, splat,
 * conditionals, traversals and the scope contract.
 *
 * Expected values are hclsyntax/cty semantics as HCL_SYNTAX.md §6-8 states
 * them and as hashicorp/hcl's expression_test.go pins them (transcribed by
 * hand, not produced by this code). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "eval/eval.h"
#include "base/json.h"
#include "support/eval_harness.h"

static ar_arena A;
static char OUT[8192];

/* A small fixed scope: var = {name="web", n=3, list=["a","b"], obj={k="v"}},
 * local = {tags={a="1"}}, and `rt` resolves to an unknown value. */
static lpv_value scope_var, scope_local;

static int resolve(void *user, ev_ctx *ev, hcl_str root, hcl_range rr, const hcl_step *steps, uint32_t n,
                   lpv_value *out, uint32_t *used)
{
    (void)user; (void)ev; (void)rr; (void)steps; (void)n;
    *used = 0;
    if (root.len == 3 && memcmp(root.p, "var", 3) == 0) { *out = scope_var; return LP_EV_OK; }
    if (root.len == 5 && memcmp(root.p, "local", 5) == 0) { *out = scope_local; return LP_EV_OK; }
    if (root.len == 2 && memcmp(root.p, "rt", 2) == 0) { *out = lpv_unknown(); return LP_EV_OK; }
    return LP_EV_NOROOT;
}

static const char *getenv_cb(void *user, const char *name)
{
    (void)user;
    return strcmp(name, "LP_TEST_ENV") == 0 ? "hello" : NULL;
}

static int read_file_cb(void *user, const char *path, size_t len, ar_arena *a, const char **data, size_t *n,
                        const char **err)
{
    (void)user; (void)a;
    if (len == 9 && memcmp(path, "./doc.md", 8) == 0) { *data = "# Doc\n"; *n = 6; return 0; }
    *err = "no such file";
    return -1;
}

static ev_scope SCOPE = { NULL, resolve, read_file_cb, NULL, getenv_cb };

static const char *ev(const char *expr)
{
    return th_eval(&A, &SCOPE, expr, OUT, sizeof OUT);
}

static const char *kind_of(const char *expr)
{
    char src[4096];
    snprintf(src, sizeof src, "x = %s\n", expr);
    char *copy = ar_strndup(&A, src, strlen(src));
    hcl_file f;
    cr_assert_eq(hcl_parse("test.pp", copy, strlen(copy), &A, &f), 0);
    ev_ctx e;
    ev_init(&e, &A, &SCOPE, &f);
    lpv_value v;
    if (ev_expr(&e, f.body->attrs[0].expr, &v) != LP_EV_OK) return "error";
    return lpv_kind_name(v);
}

static void setup(void)
{
    ar_init(&A, 0);
    cr_assert_eq(th_value(&A, "{name = \"web\", n = 3, list = [\"a\", \"b\"], obj = {k = \"v\"}, "
                              "nums = [3, 1, 2], empty = \"\", nothing = null}", &scope_var), 0);
    cr_assert_eq(th_value(&A, "{tags = {a = \"1\"}, rows = [{id = 1, name = \"x\"}, {id = 2, name = \"y\"}]}",
                          &scope_local), 0);
}

static void teardown(void)
{
    ar_free(&A);
}

#define EQ(expr, want)                                                                                       \
    do {                                                                                                     \
        const char *got_ = ev(expr);                                                                         \
        cr_expect_str_eq(got_, want, "%s -> %s", expr, got_);                                                \
    } while (0)
#define ERR(expr, summary) cr_expect(strncmp(ev(expr), "ERR:" summary, strlen("ERR:" summary)) == 0, \
                                     "%s -> %s (want error %s)", expr, OUT, summary)

TestSuite(eval, .init = setup, .fini = teardown);

Test(eval, literals)
{
    EQ("1", "1");
    EQ("1.5", "1.5");
    EQ("1e3", "1000");
    EQ("0.1", "0.1");
    EQ("true", "true");
    EQ("null", "null");
    EQ("\"a\\tb\"", "\"a\\tb\"");
}

Test(eval, arithmetic_specsuite)
{
    /* specsuite expressions/operators.t */
    EQ("2 + 3.5", "5.5");
    EQ("3.14159265358979323846264338327950288419716939937510582097494459 + 1",
       "4.14159265358979323846264338327950288419716939937510582097494459");
    EQ("3.5 - 2", "1.5");
    EQ("2 - 3.5", "-1.5");
    EQ("2 * 4.5", "9");
    EQ("1 / 10", "0.1");
    EQ("11 % 5", "1");
    EQ("11 % 5.1", "0."
                   "80000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                   "000000000000000000000000000000000000000000000000000000000000000024");
    EQ("-46 + 5", "-41");
    EQ("\"1\" + 2", "3");
}

Test(eval, division_by_zero_is_infinity)
{
    EQ("\"x${1 / 0}\"", "\"x+Inf\"");
    EQ("\"x${-1 / 0}\"", "\"x-Inf\"");
    ERR("0 / 0", "Operation failed");
    EQ("5 % 0", "5");
}

Test(eval, comparison_specsuite)
{
    EQ("\"a\" == \"a\"", "true");
    EQ("\"a\" == \"b\"", "false");
    EQ("\"1\" == 1", "false");
    EQ("\"true\" == true", "false");
    EQ("\"1\" != 1", "true");
    EQ("1 < 2", "true");
    EQ("2 <= 1", "false");
    EQ("1 >= 1", "true");
    EQ("1 > 1", "false");
    EQ("null == null", "true");
    EQ("var.nothing == null", "true");
    EQ("[1, 2] == [1, 2]", "true");
    EQ("{a = 1} == {a = 1}", "true");
    EQ("{a = 1} == {a = 2}", "false");
    EQ("tolist([\"a\"]) == [\"a\"]", "false");   /* list and tuple types differ */
    ERR("1 < 2 < 3", "Invalid operand");
}

Test(eval, logic)
{
    EQ("true && false", "false");
    EQ("false || true", "true");
    EQ("!true", "false");
    EQ("!!true", "true");
    /* v2.20.1 evaluates both sides: the right side's error is reported */
    ERR("false && null", "Invalid operand");
    ERR("true || 5", "Invalid operand");
    EQ("\"true\" && true", "true");
}

Test(eval, conditional)
{
    EQ("true ? \"a\" : \"b\"", "\"a\"");
    EQ("false ? \"a\" : \"b\"", "\"b\"");
    EQ("true ? 1 : \"b\"", "\"1\"");            /* unified to string */
    EQ("false ? null : 5", "5");
    EQ("true ? \"ok\" : var.missing", "\"ok\"");  /* errors only from the chosen branch */
    ERR("false ? \"ok\" : var.missing", "Unsupported attribute");
    ERR("null ? 1 : 2", "Null condition");
    ERR("true ? 1 : false", "Inconsistent conditional result types");
    EQ("1 == 1 ? \"y\" : \"n\"", "\"y\"");
}

Test(eval, templates)
{
    EQ("\"a ${var.name} b\"", "\"a web b\"");
    EQ("\"${var.n}\"", "3");                        /* unwrapped: stays a number */
    EQ("\"${var.list}\"", "[\"a\",\"b\"]");
    EQ("\"n=${var.n}\"", "\"n=3\"");
    EQ("\"${1.5}x\"", "\"1.5x\"");
    EQ("\"${true}\"", "true");
    EQ("\"${true} \"", "\"true \"");
    ERR("\"a ${null}\"", "Invalid template interpolation value");
    ERR("\"a ${var.list}\"", "Invalid template interpolation value");
    EQ("\"%{if true}yes%{else}no%{endif}\"", "\"yes\"");
    EQ("\"%{if var.n > 5}big%{else}small%{endif}\"", "\"small\"");
    EQ("\"%{for x in var.list}[${x}]%{endfor}\"", "\"[a][b]\"");
    EQ("\"%{for k, v in local.tags}${k}=${v};%{endfor}\"", "\"a=1;\"");
    EQ("\"%{ for i, x in var.list ~} ${i}:${x} %{~ endfor }\"", "\"0:a1:b\"");
    EQ("<<-EOT\n  a ${var.name}\n    b\n  EOT\n", "\"a web\\n  b\\n\"");
    EQ("\"$${x}\"", "\"${x}\"");
}

Test(eval, heredoc_directives_like_corpus)
{
    /* awsc/variables.pp shape: %{~if contains(...)}...%{endif~} lines */
    EQ("<<-EOQ\n  %{~if contains([\"region\"], \"region\")}, __QUALIFIER__region%{endif~}\n"
       "  %{~if contains([\"region\"], \"account_id\")}, __QUALIFIER__account_id%{endif~}\n  EOQ\n",
       "\", __QUALIFIER__region\"");
}

Test(eval, collections)
{
    EQ("[1, \"a\", true]", "[1,\"a\",true]");
    EQ("{b = 1, a = 2}", "{\"a\":2,\"b\":1}");
    EQ("{\"x y\" = 1}", "{\"x y\":1}");
    EQ("{(var.name) = 1}", "{\"web\":1}");
    EQ("{a = 1, a = 2}", "{\"a\":2}");
    EQ("{var.name = 1}", "{\"web\":1}");   /* a traversal key is evaluated */
    ERR("{(null) = 1}", "Null value as key");
    cr_expect_str_eq(kind_of("[1]"), "tuple");
    cr_expect_str_eq(kind_of("{a = 1}"), "object");
}

Test(eval, traversals)
{
    EQ("var.name", "\"web\"");
    EQ("var.list[1]", "\"b\"");
    EQ("var.list.0", "\"a\"");
    EQ("var.obj.k", "\"v\"");
    EQ("var.obj[\"k\"]", "\"v\"");
    EQ("local.rows[1].name", "\"y\"");
    EQ("var.list[var.n - 2]", "\"b\"");
    ERR("var.missing", "Unsupported attribute");
    ERR("var.list[5]", "Invalid index");
    ERR("var.list[\"x\"]", "Invalid index");
    ERR("var.nothing.x", "Attempt to get attribute from null value");
    ERR("var.name.x", "Unsupported attribute");
    ERR("nosuch.x", "Unknown variable");
    ERR("var.list.x", "Unsupported attribute");
}

Test(eval, runtime_roots_are_unresolved)
{
    EQ("param.region", "UNRESOLVED");
    EQ("self.input.x.value", "UNRESOLVED");
    EQ("with.x.rows[*].arn", "UNRESOLVED");
    EQ("\"a ${param.x} b\"", "UNRESOLVED");
    EQ("rt.anything", "UNRESOLVED");
    EQ("merge({a = 1}, {b = param.x})", "UNRESOLVED");
    EQ("try(param.x, \"d\")", "UNRESOLVED");
}

Test(eval, splat)
{
    EQ("local.rows[*].id", "[1,2]");
    EQ("local.rows.*.name", "[\"x\",\"y\"]");
    ERR("local.rows[*].name[0]", "Invalid index");   /* [*] applies [0] to each name (a string) */
    EQ("var.nothing[*]", "[]");
    EQ("var.name[*]", "[\"web\"]");
    EQ("local.rows.*.id[0]", "1");
}

Test(eval, for_expressions)
{
    EQ("[for x in var.list : upper(x)]", "[\"A\",\"B\"]");
    EQ("[for i, x in var.list : \"${i}${x}\"]", "[\"0a\",\"1b\"]");
    EQ("[for x in var.nums : x if x > 1]", "[3,2]");
    EQ("{for x in var.list : x => upper(x)}", "{\"a\":\"A\",\"b\":\"B\"}");
    EQ("{for k, v in local.tags : v => k}", "{\"1\":\"a\"}");
    EQ("{for x in [\"a\", \"b\", \"a\"] : x => x...}", "{\"a\":[\"a\",\"a\"],\"b\":[\"b\"]}");
    ERR("{for x in [\"a\", \"a\"] : x => x}", "Duplicate object key");
    ERR("[for x in null : x]", "Iteration over null value");
    ERR("[for x in 5 : x]", "Iteration over non-iterable value");
    ERR("[for x in [1] : x if null]", "Condition is null");
}

Test(eval, calls)
{
    EQ("upper(\"a\")", "\"A\"");
    ERR("nosuchfunc(1)", "Call to unknown function");
    ERR("upper()", "Not enough function arguments");
    ERR("upper(\"a\", \"b\")", "Too many function arguments");
    EQ("max([1, 5, 3]...)", "5");
    ERR("max(null...)", "Invalid expanding argument value");
    ERR("upper(null)", "Invalid function argument");
    EQ("(\"./docs/x.md\")", "\"./docs/x.md\"");
}

Test(eval, error_carries_position_and_source)
{
    char src[] = "a = 1\nx = upper(var.missing)\n";
    hcl_file f;
    cr_assert_eq(hcl_parse("pos.pp", src, strlen(src), &A, &f), 0);
    ev_ctx e;
    ev_init(&e, &A, &SCOPE, &f);
    lpv_value v;
    cr_assert_eq(ev_expr(&e, f.body->attrs[1].expr, &v), LP_EV_ERR);
    lp_diag d;
    char buf[1024];
    ev_diag(&e, &d, buf, sizeof buf);
    cr_expect_str_eq(d.file, "pos.pp");
    cr_expect_eq(d.line, 2);
    cr_expect_eq(d.col, 14);   /* the `.missing` step */
    cr_expect(strstr(d.detail, "missing") != NULL, "%s", d.detail);
    cr_expect(strstr(d.detail, "(in `") != NULL, "%s", d.detail);
}

Test(eval, number_text_at_int_precision)
{
    /* length() gives a 64-bit-precision number (cty.NumberIntVal): two of
     * them divide at 64 bits (20 significant digits); with a literal the
     * result takes the literal's 512 bits */
    EQ("\"q${length([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) / length([1, 2, 3])}\"", "\"q3.3333333333333333333\"");
    /* at 512 bits (both literals); the shortest decimal was worked out with
     * exact rational arithmetic (Python fractions), independently of MPFR */
    EQ("\"q${10 / 3}\"", "\"q3."
                         "33333333333333333333333333333333333333333333333333333333333333333333333333333333333"
                         "33333333333333333333333333333333333333333333333333333333333333333333332\"");
    EQ("\"q${length([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) / 3}\"",
       "\"q3."
       "33333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333333"
       "33333333333333333333333333333333333333333333333333332\"");
}

/* The image's packed values (lpv_pack): exact, numbers to the bit at their
 * precision, and every malformed prefix refused. */
Test(eval, packed_values_round_trip_exactly)
{
    static const char *const nums[] = { "0.1", "1e40", "-3", "123456789012345678901234567890.5", "7e-300",
                                        "9223372036854775807", "9223372036854775808", "-0.000001" };
    lpv_value parts[16];
    uint32_t k = 0;
    for (size_t i = 0; i < sizeof nums / sizeof *nums; i++)
        cr_assert_eq(lpv_num_parse(&A, nums[i], strlen(nums[i]), &parts[k++]), 0);
    parts[k++] = lpv_num_from_double(&A, 0.1);
    lpv_value inf;
    cr_assert_eq(lpv_num_parse(&A, "-Inf", 4, &inf), 0);
    parts[k++] = inf;
    parts[k++] = lpv_int(42);
    parts[k++] = lpv_bool(1);
    parts[k++] = lpv_null();
    parts[k++] = lpv_unknown();
    lpv_value s;
    cr_assert_eq(lpv_str(&A, "h\xc3\xa9", 3, &s), 0);
    parts[k++] = s;
    lpv_value set_elems[2] = { lpv_str_ref("b", 1), lpv_str_ref("a", 1) };
    parts[k++] = lpv_set(set_elems, 2);
    lpv_attr at[2] = { { "z", 1, lpv_int(1) }, { "a", 1, lpv_seq(LPV_TUPLE, parts, 3) } };
    lpv_value v = lpv_obj(LPV_MAP, at, 2);
    lpv_value all = lpv_seq(LPV_LIST, parts, k);
    lpv_value top[2] = { all, v };
    lpv_value t = lpv_seq(LPV_TUPLE, top, 2);
    lp_buf b = { 0 };
    cr_assert_eq(lpv_pack(&b, t, 0), 0);
    size_t pos = 0;
    lpv_value back;
    cr_assert_eq(lpv_unpack(&A, b.data, b.len, &pos, &back), 0);
    cr_expect_eq(pos, b.len);
    cr_expect_eq(lpv_order(back, t), 0);   /* lpv_equal: unknown equals nothing */
    /* two unpacks of it, an unknown inside: never equal (cty), but the same value (what a refresh
     * compares), until a number deep inside differs */
    lpv_value again;
    pos = 0;
    cr_assert_eq(lpv_unpack(&A, b.data, b.len, &pos, &again), 0);
    cr_expect(!lpv_equal(back, again));
    cr_expect(lpv_same(back, again));
    lpv_value *inner = (lpv_value *)&again.u.elems[0].u.elems[0];
    *inner = lpv_int(7);
    cr_expect(!lpv_same(back, again));
    for (uint32_t i = 0; i < k; i++) {
        const lpv_value *x = &back.u.elems[0].u.elems[i], *y = &parts[i];
        cr_expect_eq(x->kind, y->kind, "%u", i);
        if (y->kind != LPV_NUMBER) continue;
        cr_expect_eq(lpv_num_cmp(*x, *y), 0, "%u", i);
        cr_expect_eq(x->prec, y->prec, "%u", i);
        cr_expect_eq(x->flags, y->flags, "%u", i);
        const char *xs, *ys;
        size_t xn, yn;
        if (lpv_num_printable(*y)) {
            cr_assert_eq(lpv_num_text(&A, *x, &xs, &xn), 0);
            cr_assert_eq(lpv_num_text(&A, *y, &ys, &yn), 0);
            cr_expect(xn == yn && !memcmp(xs, ys, xn), "%u: %.*s vs %.*s", i, (int)xn, xs, (int)yn, ys);
        }
    }
    /* every prefix is refused, never read past */
    for (size_t n = 0; n < b.len; n++) {
        pos = 0;
        cr_expect_eq(lpv_unpack(&A, b.data, n, &pos, &back), -1, "prefix %zu", n);
    }
    /* nesting past the limit is neither packed nor unpacked */
    lpv_value deep = lpv_null();
    lpv_value *cells = ar_alloc(&A, (LPV_PACK_DEPTH + 2) * sizeof *cells);
    for (unsigned i = 0; i < LPV_PACK_DEPTH + 2; i++) {
        cells[i] = deep;
        deep = lpv_seq(LPV_TUPLE, &cells[i], 1);
    }
    lp_buf d = { 0 };
    cr_expect_eq(lpv_pack(&d, deep, 0), -1);
    lp_buf_free(&d);
    lp_buf_free(&b);
}
