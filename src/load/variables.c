/* variables.c — the variables a dashboard's run depends on, as Powerpipe's snapshot and its
 * execution events carry them (lazypipe.h: lp_resource_variables_json).
 *
 * Powerpipe (internal/dashboardexecute/referenced_variables.go, GetReferencedVariables) walks
 * the dashboard's children (Dashboard.WalkResources: each child, and the children of containers,
 * recursively; not the dashboard itself, nor below a nested dashboard, benchmark or panel) and
 * takes every reference of theirs that is `var.<name>` (pipe-fittings AddReferences: the
 * attributes of the block and of its param blocks, what the loader keeps as ld_ref).  The key is
 * the variable's name, or "<mod>.<name>" for a variable of a dependency mod; the value is the
 * workspace's VariableValues entry (ModVariableMap.GetPublicVariableValues: hclhelpers.CtyToString
 * of the value), "" for a variable without one.  The map is written by Go's encoding/json: keys
 * sorted, each once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "load/load.h"

typedef struct var_ref {
    const char *key;             /* in refs.a */
    uint32_t mod;
    const char *name;
    size_t nlen;
} var_ref;

typedef struct var_refs {
    ar_arena a;
    var_ref *v;
    uint32_t n, cap;
    int oom;
} var_refs;

static void add_ref(var_refs *s, const lp_workspace *ws, uint32_t mod, const char *name)
{
    const char *mn = idx_str(ws, idx_tab(ws)->mods[mod].name);
    size_t nlen = strlen(name), klen = mod ? strlen(mn) + 1 + nlen : nlen;
    char *key = ar_alloc(&s->a, klen + 1);
    if (!key) { s->oom = 1; return; }
    if (mod) snprintf(key, klen + 1, "%s.%s", mn, name);
    else memcpy(key, name, nlen + 1);
    for (uint32_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i].key, key) == 0) return;
    if (s->n == s->cap) {
        uint32_t cap = s->cap ? s->cap * 2 : 16;
        var_ref *v = ar_alloc(&s->a, cap * sizeof *v);
        if (!v) { s->oom = 1; return; }
        if (s->n) memcpy(v, s->v, s->n * sizeof *v);
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = (var_ref){ key, mod, name, nlen };
}

/* Dashboard.WalkResources: each child's references, and below containers theirs, recursively. */
static void walk(var_refs *s, const lp_workspace *ws, const lp_resource *r, int depth)
{
    for (uint32_t i = 0; r && i < r->nchildren && depth < 64; i++) {
        const lp_resource *c = r->children[i];
        if (!c || c->id >= idx_tab(ws)->nentries) continue;
        uint32_t mod = idx_mod_of(ws, &idx_tab(ws)->entries[c->id]);
        for (uint32_t k = 0; k < c->nrefs; k++) {
            const char *to = c->refs[k].to;
            /* ref.To split on '.' has two parts, the first "var" */
            if (to && strncmp(to, "var.", 4) == 0 && to[4] && !strchr(to + 4, '.'))
                add_ref(s, ws, mod, to + 4);
        }
        if (c->kind == LP_KIND_CONTAINER) walk(s, ws, c, depth + 1);
    }
}

static int cmp_ref(const void *a, const void *b)
{
    return strcmp(((const var_ref *)a)->key, ((const var_ref *)b)->key);
}

/* gocty into a Go int: an integer that fits int64 */
static int go_int(lpv_value v, int64_t *i) { return v.kind == LPV_NUMBER && lpv_num_to_i64(v, i) == 0; }

static void pg_string(lp_buf *b, lpv_value v);

/* A list's elements as CtyToPostgresString writes them, comma-separated, after open and before "]". */
static void pg_elements(lp_buf *b, const char *open, lpv_value v)
{
    lp_buf_puts(b, open);
    for (uint32_t k = 0; k < v.len; k++) {
        if (k) lp_buf_putc(b, ',');
        pg_string(b, v.u.elems[k]);
    }
    lp_buf_putc(b, ']');
}

/* hclhelpers.CtyToPostgresString of a list element */
static void pg_string(lp_buf *b, lpv_value v)
{
    int64_t i;
    if (lpv_is_seq(v) && v.kind != LPV_SET) {
        pg_elements(b, "array[", v);
        /* pipe-fittings casts an empty one to its element type ("array[]::text[]"): values
         * here keep no element type, so no cast */
        return;
    }
    switch (v.kind) {
    case LPV_BOOL: lp_buf_puts(b, v.u.b ? "true" : "false"); return;
    case LPV_NUMBER:
        if (go_int(v, &i)) lp_buf_printf(b, "%lld", (long long)i);
        else lp_buf_printf(b, "%f", lpv_num_to_double(v));
        return;
    case LPV_STRING:
        lp_buf_putc(b, '\'');
        for (uint32_t k = 0; k < v.len; k++) {
            if (v.u.s[k] == '\'') lp_buf_putc(b, '\'');
            lp_buf_putc(b, v.u.s[k]);
        }
        lp_buf_putc(b, '\'');
        return;
    case LPV_NULL:
    case LPV_UNKNOWN: return;   /* gocty fails on a null: pipe-fittings gives "" */
    default:
        lp_buf_putc(b, '\'');
        lpv_json(b, v);
        lp_buf_puts(b, "'::jsonb");
        return;
    }
}

/* hclhelpers.CtyToString: a variable's value as VariableValues holds it */
static void cty_string(lp_buf *b, lpv_value v)
{
    int64_t i;
    if (v.kind == LPV_TUPLE || v.kind == LPV_LIST) {
        pg_elements(b, "[", v);
        return;
    }
    switch (v.kind) {
    case LPV_NULL:
    case LPV_UNKNOWN: return;
    case LPV_BOOL: lp_buf_puts(b, v.u.b ? "true" : "false"); return;
    /* not a Go int: pipe-fittings prints the int it failed to fill, 0 */
    case LPV_NUMBER: lp_buf_printf(b, "%lld", go_int(v, &i) ? (long long)i : 0LL); return;
    case LPV_STRING: lp_buf_put(b, v.u.s, v.len); return;
    default: lpv_json(b, v); return;   /* CtyToJSON */
    }
}

int lp_resource_variables_json(lp_workspace *ws, const lp_resource *dashboard, lp_buf *out)
{
    if (!ws || !dashboard || !out) return LP_ERR_ARG;
    var_refs s = { 0 };
    ar_init(&s.a, 1024);
    walk(&s, ws, dashboard, 0);
    int rc = s.oom ? LP_ERR_NOMEM : LP_OK;
    if (rc == LP_OK && s.n) qsort(s.v, s.n, sizeof *s.v, cmp_ref);
    lp_buf_putc(out, '{');
    for (uint32_t i = 0; i < s.n && rc == LP_OK; i++) {
        lp_buf val = { 0 };
        ld_eval *e = NULL;
        lp_error err = { 0 };
        rc = ld_eval_open(ws, s.v[i].mod, &e, &err);
        if (rc != LP_OK) break;
        const ev_scope *sc = ld_eval_scope(e);
        ev_ctx ev;
        ev_init(&ev, &s.a, sc, NULL);
        lpv_value vars;
        uint32_t used = 0;
        hcl_range none = { 0 };
        if (sc->resolve(sc->user, &ev, (hcl_str){ "var", 3 }, none, NULL, 0, &vars, &used) == LP_EV_OK &&
            lpv_is_obj(vars)) {
            const lpv_value *v = lpv_attr_get(vars, s.v[i].name, s.v[i].nlen);
            if (v) cty_string(&val, *v);
        }
        ld_eval_close(ws, e);
        if (i) lp_buf_putc(out, ',');
        lp_json_cstr(out, s.v[i].key);
        lp_buf_putc(out, ':');
        lp_json_str(out, val.data ? val.data : "", val.len);
        if (val.oom) rc = LP_ERR_NOMEM;
        lp_buf_free(&val);
    }
    lp_buf_putc(out, '}');
    ar_free(&s.a);
    if (rc == LP_OK && out->oom) rc = LP_ERR_NOMEM;
    return rc;
}
