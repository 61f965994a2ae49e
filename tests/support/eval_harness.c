/* eval_harness.c — see eval_harness.h. */
#include "eval_harness.h"

#include <stdio.h>
#include <string.h>

#include "base/json.h"

const char *th_eval(ar_arena *a, const ev_scope *scope, const char *expr, char *out, size_t size)
{
    size_t n = strlen(expr) + 8;
    char *src = ar_alloc(a, n);
    if (!src) return "OOM";
    snprintf(src, n, "x = %s\n", expr);
    hcl_file f;
    if (hcl_parse("test.pp", src, strlen(src), a, &f) != 0) return "OOM";
    if (f.nerrors) {
        snprintf(out, size, "SYNTAX:%s", f.diags[0].summary);
        return out;
    }
    if (f.body->nattrs != 1) {
        snprintf(out, size, "SYNTAX:not one attribute");
        return out;
    }
    ev_ctx e;
    ev_init(&e, a, scope, &f);
    lpv_value v;
    int rc = ev_expr(&e, f.body->attrs[0].expr, &v);
    if (rc == LP_EV_UNRESOLVED) {
        snprintf(out, size, "UNRESOLVED");
        return out;
    }
    if (rc != LP_EV_OK) {
        snprintf(out, size, "ERR:%s: %s", e.err.summary, e.err.detail);
        return out;
    }
    lp_buf b = { 0 };
    if (lpv_json(&b, v) != 0) snprintf(out, size, "JSONERR");
    else snprintf(out, size, "%s", b.data ? b.data : "");
    lp_buf_free(&b);
    return out;
}

int th_value(ar_arena *a, const char *expr, lpv_value *out)
{
    size_t n = strlen(expr) + 8;
    char *src = ar_alloc(a, n);
    if (!src) return -1;
    snprintf(src, n, "v = %s\n", expr);
    hcl_file f;
    if (hcl_parse("value.pp", src, strlen(src), a, &f) != 0 || f.nerrors || f.body->nattrs != 1) return -1;
    ev_ctx e;
    ev_init(&e, a, NULL, &f);
    return ev_expr(&e, f.body->attrs[0].expr, out) == LP_EV_OK ? 0 : -1;
}
