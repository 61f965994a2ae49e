/* scope.c — the one evaluation scope (resolve.h, "Scopes").
 *
 * Every expression the library evaluates gets its names here: phase 2's entries, locals and
 * variables (vars.c, resolve.c), a load's attributes (load.c), plain values (variable defaults,
 * .ppvars, raw values).  The roots, in the order they are tried:
 *   var, local          the mod's variables and locals (unresolved where the source has none)
 *   connection          connection.T.N as its name (rs_connection_value)
 *   self, param, with   run-time roots, asked only by an evaluation with ev_ctx.runtime set:
 *                       param is a query's params when a run gives them (rs_scope_src.params);
 *                       the others, and param without them, are unresolved
 *   <type>.<name>       a resource of the expression's mod (control.x)
 *   <mod>.<type>.<name> a resource of another mod
 * What differs between the callers is only where values come from (rs_scope_src): phase 2 reads
 * its context and notes what each entry read, a load reads the published index. */
#include <string.h>

#include "resolve/resolve.h"

static int is(hcl_str s, const char *lit)
{
    size_t n = strlen(lit);
    return s.len == n && memcmp(s.p, lit, n) == 0;
}

static int unsupported(ev_ctx *ev, const hcl_step *st)
{
    return ev_fail(ev, st->range, "Unsupported attribute",
                   "This object does not have an attribute named \"%.*s\".", (int)st->name.len, st->name.p);
}

/* rr through the end of step `last`: a reference as written (query.q1.sql) */
static hcl_range through(hcl_range rr, const hcl_step *last)
{
    rr.end = last->range.end;
    rr.end_line = last->range.end_line;
    rr.end_col = last->range.end_col;
    return rr;
}

/* A resource reference whose type and name are steps[0] and steps[1] (after the mod's name, if any). */
static int resource(const rs_scope_src *src, ev_ctx *ev, hcl_range rr, uint32_t mod, hcl_str type,
                    const hcl_step *steps, uint32_t n, lpv_value *out, uint32_t *used, uint32_t before)
{
    if (n < 1 || steps[0].kind != HCL_STEP_ATTR) return LP_EV_UNRESOLVED;   /* `control` alone */
    const hcl_step *f = n >= 2 && steps[1].kind == HCL_STEP_ATTR ? &steps[1] : NULL;
    int rc = src->resource(src->user, ev, through(rr, f ? f : &steps[0]), mod, type, steps[0].name, f, out);
    if (rc == LP_EV_NOROOT) return unsupported(ev, &steps[0]);
    *used = before + (f ? 2 : 1);
    return rc;
}

static int scope_resolve(void *user, ev_ctx *ev, hcl_str root, hcl_range rr, const hcl_step *steps,
                         uint32_t n, lpv_value *out, uint32_t *used)
{
    const rs_scope_src *src = user;
    *used = 0;
    if (is(root, "connection")) return rs_connection_value(ev, rr, steps, n, out, used);
    if (src->plain) return LP_EV_NOROOT;
    int named = n >= 1 && steps[0].kind == HCL_STEP_ATTR;
    const char *name = named ? steps[0].name.p : NULL;
    size_t nlen = named ? steps[0].name.len : 0;
    if (is(root, "var") || is(root, "local")) {
        int var = root.len == 3;
        if (src->note) src->note(src->user, var ? RS_DEP_VAR : RS_DEP_LOCAL, src->mod, name, nlen);
        const rs_mod *m = src->mod_of ? src->mod_of(src->user, src->mod) : NULL;
        if (!m) return LP_EV_UNRESOLVED;
        if (!var && src->want_local) {
            int rc =
                src->want_local(src->user, ev, named ? through(rr, &steps[0]) : rr, src->mod, name, nlen);
            if (rc != LP_EV_OK) return rc;
        }
        if (!var && src->strict_locals && named) {
            const rs_local *l = rs_local_find(m, name, nlen);
            if (l && l->state == RS_LOCAL_DONE && l->failed)
                return ev_fail(ev, through(rr, &steps[0]), "Failed local value",
                               "local.%.*s has no value: its evaluation failed (the error where it is "
                               "defined says why).", (int)nlen, name);
        }
        if (!var) return rs_local_value(m, ev, rr, steps, n, out, used);
        *out = m->var_obj;
        return LP_EV_OK;
    }
    if (is(root, "param") && src->params) {
        *out = *src->params;
        return LP_EV_OK;
    }
    if (is(root, "self") || is(root, "param") || is(root, "with")) return LP_EV_UNRESOLVED;
    if (rs_kind_of_root(root) >= 0) return resource(src, ev, rr, src->mod, root, steps, n, out, used, 0);
    uint32_t alias = idx_mod_alias(src->aliases, root.p, root.len);
    for (uint32_t i = 0; i < src->nmods; i++) {
        if (alias < src->nmods ? i != alias : !is(root, src->mod_name(src->user, i))) continue;
        if (n < 2 || steps[0].kind != HCL_STEP_ATTR || steps[1].kind != HCL_STEP_ATTR)
            return LP_EV_UNRESOLVED;
        return resource(src, ev, rr, i, steps[0].name, steps + 1, n - 1, out, used, 1);
    }
    return LP_EV_NOROOT;
}

static int fwd_read_file(void *user, const char *path, size_t len, ar_arena *a, const char **data, size_t *n,
                         const char **err)
{
    const rs_scope_src *src = user;
    if (!src->read_file) {
        *err = "file() is not available here";
        return -1;
    }
    return src->read_file(src->user, path, len, a, data, n, err);
}

static int fwd_file_exists(void *user, const char *path, size_t len)
{
    const rs_scope_src *src = user;
    return src->file_exists ? src->file_exists(src->user, path, len) : 0;
}

static const char *fwd_getenv(void *user, const char *name)
{
    const rs_scope_src *src = user;
    return src->getenv ? src->getenv(src->user, name) : NULL;
}

void rs_scope_build(ev_scope *s, const rs_scope_src *src)
{
    s->user = (void *)src;
    s->resolve = scope_resolve;
    s->read_file = fwd_read_file;
    s->file_exists = fwd_file_exists;
    s->getenv = fwd_getenv;
}
