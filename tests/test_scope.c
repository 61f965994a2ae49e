/* test_scope.c — the one evaluation scope (src/resolve/scope.c): the roots every caller gets
 * from rs_scope_build, and the run-time root `param` that a run's source gives. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "eval/eval.h"
#include "resolve/resolve.h"

static ar_arena arena;

static void setup(void) { ar_init(&arena, 4096); }
static void teardown(void) { ar_free(&arena); }

TestSuite(scope, .init = setup, .fini = teardown);

static int runtime;   /* ev_ctx.runtime: the evaluator asks the scope for self, param and with */

/* x = <src>, evaluated with s: the LP_EV_* code and the value. */
static int eval_with(const ev_scope *s, const char *src, lpv_value *out, ev_ctx *ev)
{
    char text[512];
    snprintf(text, sizeof text, "x = %s\n", src);
    hcl_file f;
    cr_assert_eq(hcl_parse("t.pp", text, strlen(text), &arena, &f), 0);
    cr_assert_eq(f.nerrors, 0, "%s", src);
    ev_init(ev, &arena, s, &f);
    ev->runtime = runtime;
    return ev_expr(ev, f.body->attrs[0].expr, out);
}

static int resource_cb(void *user, ev_ctx *ev, hcl_range at, uint32_t mod, hcl_str type, hcl_str name,
                       const hcl_step *f, lpv_value *out)
{
    (void)user; (void)ev; (void)f; (void)at;
    if (mod != 0 || type.len != 5 || memcmp(type.p, "query", 5) || name.len != 1 || name.p[0] != 'q')
        return LP_EV_NOROOT;
    *out = lpv_str_ref("the query", 9);
    return LP_EV_OK;
}

static const char *mod_name_cb(void *user, uint32_t mod)
{
    (void)user;
    return mod == 0 ? "m" : "dep";
}

Test(scope, roots_and_run_time_params)
{
    lpv_attr at = { "x", 1, lpv_str_ref("one", 3) };
    lpv_value params = lpv_obj(LPV_OBJECT, &at, 1);
    rs_scope_src src = { .nmods = 2, .mod_name = mod_name_cb, .resource = resource_cb, .params = &params };
    ev_scope s;
    rs_scope_build(&s, &src);
    ev_ctx ev;
    lpv_value v;
    runtime = 1;
    cr_assert_eq(eval_with(&s, "param.x", &v, &ev), LP_EV_OK);
    cr_expect(v.kind == LPV_STRING && v.len == 3 && memcmp(v.u.s, "one", 3) == 0);
    cr_expect_eq(eval_with(&s, "self.input.a.value", &v, &ev), LP_EV_UNRESOLVED);
    cr_expect_eq(eval_with(&s, "with.w.rows[0].y", &v, &ev), LP_EV_UNRESOLVED);
    cr_expect_eq(eval_with(&s, "var.v", &v, &ev), LP_EV_UNRESOLVED);     /* no variables known here */
    cr_assert_eq(eval_with(&s, "connection.sqlite.albums", &v, &ev), LP_EV_OK);
    cr_expect(v.kind == LPV_STRING && v.len == 24 && memcmp(v.u.s, "connection.sqlite.albums", 24) == 0);
    cr_expect_eq(eval_with(&s, "connection.sqlite", &v, &ev), LP_EV_UNRESOLVED);
    cr_assert_eq(eval_with(&s, "query.q", &v, &ev), LP_EV_OK);
    cr_assert_eq(eval_with(&s, "m.query.q", &v, &ev), LP_EV_OK);
    cr_expect_eq(eval_with(&s, "query.nope", &v, &ev), LP_EV_ERR);
    cr_expect_str_eq(ev.err.summary, "Unsupported attribute");
    cr_expect_eq(eval_with(&s, "nothing.at_all", &v, &ev), LP_EV_ERR);
    cr_expect_str_eq(ev.err.summary, "Unknown variable");

    /* outside a run, param is a run-time value: the evaluator does not ask, or the scope has none */
    runtime = 0;
    cr_expect_eq(eval_with(&s, "param.x", &v, &ev), LP_EV_UNRESOLVED);
    runtime = 1;
    src.params = NULL;
    cr_expect_eq(eval_with(&s, "param.x", &v, &ev), LP_EV_UNRESOLVED);
    runtime = 0;
    /* plain values: connection.T.N and functions only */
    src.plain = 1;
    cr_expect_eq(eval_with(&s, "query.q", &v, &ev), LP_EV_ERR);
    cr_expect_eq(eval_with(&s, "connection.steampipe.default", &v, &ev), LP_EV_OK);
    cr_expect_eq(eval_with(&s, "upper(\"a\")", &v, &ev), LP_EV_OK);
}
