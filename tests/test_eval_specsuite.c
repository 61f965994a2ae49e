/* test_eval_specsuite.c — the value checks of hashicorp/hcl's specsuite
 * (HCL_SYNTAX.md §11.1): expressions/operators, heredoc and
 * primitive_literals.  The input file is evaluated into one object the way
 * its .hcldec spec decodes it (attributes by name; a block `type "label"`
 * under result[type][label]; `variables {}` of the .hcldec as the scope) and
 * compared with the `result` of the .t file, both written as JSON (numbers as
 * their shortest decimal strings, keys sorted). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/eval.h"
#include "base/json.h"
#include "support/shared.h"

static ar_arena A;

static char *slurp(const char *rel, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", ts_data("testdata/hcl-specsuite/tests/expressions"), rel);
    FILE *f = fopen(path, "rb");
    cr_assert(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = ar_alloc(&A, (size_t)n + 1);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static hcl_file parse(const char *rel)
{
    size_t n;
    char *src = slurp(rel, &n);
    hcl_file f;
    cr_assert_eq(hcl_parse(rel, src, n, &A, &f), 0);
    cr_assert_eq(f.nerrors, 0, "%s: %s", rel, f.ndiags ? f.diags[0].summary : "");
    return f;
}

/* variables {} of the .hcldec: bare roots for the input's expressions */
static lpv_value vars_obj;

static int resolve(void *user, ev_ctx *ev, hcl_str root, hcl_range rr, const hcl_step *steps, uint32_t n,
                   lpv_value *out, uint32_t *used)
{
    (void)user; (void)ev; (void)rr; (void)steps; (void)n;
    *used = 0;
    const lpv_value *v = lpv_attr_get(vars_obj, root.p, root.len);
    if (!v) return LP_EV_NOROOT;
    *out = *v;
    return LP_EV_OK;
}

static const ev_scope SCOPE = { NULL, resolve, NULL, NULL, NULL };

static lpv_value eval_ok(const hcl_file *f, const hcl_expr *e, const ev_scope *s)
{
    ev_ctx ev;
    ev_init(&ev, &A, s, f);
    lpv_value v;
    int rc = ev_expr(&ev, e, &v);
    cr_assert_eq(rc, LP_EV_OK, "%s:%u: %s: %s", f->name, e->range.line, ev.err.summary, ev.err.detail);
    return v;
}

static lpv_value body_obj(const hcl_file *f, const hcl_body *b, const ev_scope *s)
{
    lpv_attr *at = ar_alloc(&A, (b->nattrs + b->nblocks + 1) * sizeof *at);
    uint32_t k = 0;
    for (uint32_t i = 0; i < b->nattrs; i++) {
        at[k].key = b->attrs[i].name.p;
        at[k].klen = b->attrs[i].name.len;
        at[k].val = eval_ok(f, b->attrs[i].expr, s);
        k++;
    }
    /* blocks of one type: unlabelled -> the body's object; labelled -> by label */
    for (uint32_t i = 0; i < b->nblocks; i++) {
        const hcl_block *blk = &b->blocks[i];
        uint32_t j;
        for (j = 0; j < k; j++)
            if (at[j].klen == blk->type.len && memcmp(at[j].key, blk->type.p, blk->type.len) == 0) break;
        lpv_value inner = body_obj(f, blk->body, s);
        if (blk->nlabels == 0) {
            cr_assert_eq(j, k);
            at[k].key = blk->type.p;
            at[k].klen = blk->type.len;
            at[k++].val = inner;
            continue;
        }
        lpv_value prev = j < k ? at[j].val : lpv_obj(LPV_OBJECT, NULL, 0);
        lpv_attr *na = ar_alloc(&A, (prev.len + 1) * sizeof *na);
        if (prev.len) memcpy(na, prev.u.attrs, prev.len * sizeof *na);
        na[prev.len].key = blk->labels[0].p;
        na[prev.len].klen = blk->labels[0].len;
        na[prev.len].val = inner;
        lpv_value merged = lpv_obj(LPV_OBJECT, na, prev.len + 1);
        if (j < k) at[j].val = merged;
        else {
            at[k].key = blk->type.p;
            at[k].klen = blk->type.len;
            at[k++].val = merged;
        }
    }
    return lpv_obj(LPV_OBJECT, at, k);
}

static const char *json(lpv_value v)
{
    lp_buf b = { 0 };
    cr_assert_eq(lpv_json(&b, v), 0);
    char *s = ar_strndup(&A, b.data, b.len);
    lp_buf_free(&b);
    return s;
}

static void check(const char *name)
{
    char in[64], spec[64], t[64];
    snprintf(in, sizeof in, "%s.hcl", name);
    snprintf(spec, sizeof spec, "%s.hcldec", name);
    snprintf(t, sizeof t, "%s.t", name);
    hcl_file sf = parse(spec);
    vars_obj = lpv_obj(LPV_OBJECT, NULL, 0);
    for (uint32_t i = 0; i < sf.body->nblocks; i++)
        if (sf.body->blocks[i].type.len == 9 && memcmp(sf.body->blocks[i].type.p, "variables", 9) == 0)
            vars_obj = body_obj(&sf, sf.body->blocks[i].body, NULL);
    hcl_file inf = parse(in);
    lpv_value got = body_obj(&inf, inf.body, &SCOPE);
    hcl_file tf = parse(t);
    const hcl_attr *res = NULL;
    for (uint32_t i = 0; i < tf.body->nattrs; i++)
        if (tf.body->attrs[i].name.len == 6 && memcmp(tf.body->attrs[i].name.p, "result", 6) == 0)
            res = &tf.body->attrs[i];
    cr_assert(res);
    lpv_value want = eval_ok(&tf, res->expr, NULL);
    cr_expect_str_eq(json(got), json(want), "%s", name);
}

static void setup(void) { ar_init(&A, 0); }
static void teardown(void) { ar_free(&A); }

TestSuite(eval_specsuite, .init = setup, .fini = teardown);

Test(eval_specsuite, operators) { check("operators"); }
Test(eval_specsuite, heredoc) { check("heredoc"); }
Test(eval_specsuite, primitive_literals) { check("primitive_literals"); }

Test(eval_specsuite, mod_frac_digits)
{
    /* operators.t: 11 % 5.1 printed with all its 155 fractional digits */
    hcl_file f = parse("operators.hcl");
    lpv_value v = body_obj(&f, f.body, &SCOPE);
    const lpv_value *ar = lpv_attr_get(v, "arithmetic", 10);
    cr_assert(ar);
    const lpv_value *m = lpv_attr_get(*ar, "mod_frac", 8);
    cr_assert(m);
    const char *s;
    size_t n;
    cr_assert_eq(lpv_num_text(&A, *m, &s, &n), 0);
    cr_expect_eq(n, 157);
    cr_expect(strncmp(s, "0.8000", 6) == 0 && strcmp(s + n - 3, "024") == 0, "%s", s);
}
