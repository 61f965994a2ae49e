/* fuzz_eval.c — libFuzzer target: the input is an expression, parsed as the
 * value of `x = <input>` and evaluated with a small fixed scope (var.*,
 * local.*, a resource reference, run-time roots) and a file() reader that
 * serves one in-memory file.  Any crash, leak, sanitizer report or
 * unbounded work is a bug; errors and "unresolved" are fine. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "eval/eval.h"
#include "base/json.h"

static lpv_value g_var, g_local;

static int resolve(void *user, ev_ctx *ev, hcl_str root, hcl_range rr, const hcl_step *steps, uint32_t n,
                   lpv_value *out, uint32_t *used)
{
    (void)user; (void)ev; (void)rr; (void)steps; (void)n;
    *used = 0;
    if (root.len == 3 && memcmp(root.p, "var", 3) == 0) { *out = g_var; return LP_EV_OK; }
    if (root.len == 5 && memcmp(root.p, "local", 5) == 0) { *out = g_local; return LP_EV_OK; }
    if (root.len == 9 && memcmp(root.p, "benchmark", 9) == 0) { *out = g_local; return LP_EV_OK; }
    if (root.len == 10 && memcmp(root.p, "connection", 10) == 0) { *out = lpv_unknown(); return LP_EV_OK; }
    return LP_EV_NOROOT;
}

static int read_file(void *user, const char *path, size_t len, ar_arena *a, const char **data, size_t *n,
                     const char **err)
{
    (void)user; (void)a;
    if (len == 6 && memcmp(path, "doc.md", 6) == 0) { *data = "# doc\n"; *n = 6; return 0; }
    *err = "no such file";
    return -1;
}

static const ev_scope scope = { NULL, resolve, read_file, NULL, NULL };

static int build(ar_arena *a, const char *src, lpv_value *out)
{
    hcl_file f;
    if (hcl_parse("scope.pp", src, strlen(src), a, &f) != 0 || f.nerrors || f.body->nattrs != 1) return -1;
    ev_ctx ev;
    ev_init(&ev, a, NULL, &f);
    return ev_expr(&ev, f.body->attrs[0].expr, out) == LP_EV_OK ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) return 0;   /* expressions, not files */
    ar_arena a;
    ar_init(&a, 0);
    if (build(&a, "v = {name = \"web\", n = 3, list = [\"a\", \"b\"], obj = {k = \"v\"}, nothing = null}\n",
              &g_var) ||
        build(&a, "v = {tags = {a = \"1\"}, rows = [{id = 1}, {id = 2}], title = \"T\"}\n", &g_local)) {
        ar_free(&a);
        return 0;
    }
    char *src = ar_alloc(&a, size + 6);
    if (src) {
        memcpy(src, "x = ", 4);
        memcpy(src + 4, data, size);
        src[size + 4] = '\n';
        hcl_file f;
        if (hcl_parse("fuzz.pp", src, size + 5, &a, &f) == 0) {
            for (uint32_t i = 0; i < f.body->nattrs; i++) {
                ev_ctx ev;
                ev_init(&ev, &a, &scope, &f);
                lpv_value v;
                if (ev_expr(&ev, f.body->attrs[i].expr, &v) == LP_EV_OK) {
                    lp_buf b = { 0 };
                    lpv_json(&b, v);
                    lp_buf_free(&b);
                } else if (ev.err.set) {
                    lp_diag d;
                    char buf[1024];
                    ev_diag(&ev, &d, buf, sizeof buf);
                }
            }
        }
    }
    ar_free(&a);
    return 0;
}
