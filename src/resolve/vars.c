/* vars.c — variables and locals of every mod (see resolve.h).
 *
 * Variables: `variable` blocks (default, type, description), then values in
 * eager Powerpipe's precedence, lowest first: default < PP_VAR_<name> <
 * powerpipe.ppvars (steampipe.spvars only without it) < *.auto.ppvars in
 * lexical order < --var-file in order < --var in order; a dependency mod's
 * variables take `require { mod "<path>" { args = {...} } }` from the mod that
 * requires it.  Raw string values (environment, --var) are used as strings
 * when the variable's type is primitive or absent and parsed as HCL otherwise,
 * as pipe-fittings does.  A required variable without a value is an error
 * naming it.
 *
 * Locals: every `locals` block of every file of every mod, once every mod's
 * variables are loaded; each after the locals it names (local_walk: depth
 * first, without recursion), and on demand: a local that reads a resource
 * whose fields read a local not evaluated yet evaluates that one first
 * (rs_want_local, through the scope), so no result depends on names or order
 * (docs/design.md, "Order of evaluation").  A cycle is reported once with its
 * chain and its members stay unresolved; a local that fails does not stop the
 * others (its readers are marked failed: a load reading one fails).
 */
#include "index/build.h"
#include "resolve/resolve.h"
#include "resolve/resolveInt.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int str_is(hcl_str s, const char *lit)
{
    size_t n = strlen(lit);
    return s.len == n && memcmp(s.p, lit, n) == 0;
}

static char *vdup(rs_ctx *c, const char *s, size_t n)
{
    char *p = ar_strndup(&c->vals, s, n);
    if (!p) c->oom = 1;
    return p;
}

/* ------------------------------------------------------------ scopes */

int rs_connection_value(ev_ctx *ev, hcl_range rr, const hcl_step *steps, uint32_t n, lpv_value *out,
                        uint32_t *used)
{
    *used = 0;
    *out = lpv_unknown();
    /* connection.T.N.attr: the connection's fields are known only to a run */
    if (n != 2 || steps[0].kind != HCL_STEP_ATTR || steps[1].kind != HCL_STEP_ATTR) return LP_EV_OK;
    size_t len = 12 + steps[0].name.len + steps[1].name.len;
    char *s = ar_alloc(ev->arena, len + 1);
    if (!s) return ev_oom(ev, rr);
    snprintf(s, len + 1, "connection.%.*s.%.*s", (int)steps[0].name.len, steps[0].name.p,
             (int)steps[1].name.len, steps[1].name.p);
    *out = lpv_str_ref(s, len);   /* ASCII-only names need no normalising */
    *used = 2;
    return LP_EV_OK;
}

static const rs_local *local_find(const rs_mod *m, const char *name, size_t len)
{
    uint32_t lo = 0, hi = m->nlocals;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const rs_local *l = &m->locals[mid];
        int cmp = si_cmp(l->name, l->nlen, name, (uint32_t)len);
        if (!cmp) return l;
        if (cmp < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

const rs_local *rs_local_find(const rs_mod *m, const char *name, size_t len)
{
    return local_find(m, name, len);
}

const rs_var *rs_var_find(const rs_mod *m, const char *name, size_t len)
{
    for (uint32_t i = 0; i < m->nvars; i++)
        if (strlen(m->vars[i].name) == len && memcmp(m->vars[i].name, name, len) == 0) return &m->vars[i];
    return NULL;
}

int rs_kind_of_root(hcl_str root)
{
    for (int k = 0; k < LP_KIND__COUNT; k++)
        if (k != LP_KIND_VARIABLE && str_is(root, idx_kind_names[k])) return k;
    return -1;
}

int rs_local_value(const rs_mod *m, ev_ctx *ev, hcl_range rr, const hcl_step *steps, uint32_t n,
                   lpv_value *out, uint32_t *used)
{
    if (n >= 1 && steps[0].kind == HCL_STEP_ATTR) {
        const rs_local *l = local_find(m, steps[0].name.p, steps[0].name.len);
        if (!l)
            return ev_fail(ev, steps[0].range, "Unsupported attribute",
                           "This object does not have an attribute named \"%.*s\".",
                           (int)steps[0].name.len, steps[0].name.p);
        *used = 1;
        if (l->state != RS_LOCAL_DONE || !l->ok) return LP_EV_UNRESOLVED;
        *out = l->val;
        return LP_EV_OK;
    }
    /* `local` as a whole: every local evaluated so far */
    lpv_attr *at = ar_alloc(ev->arena, (m->nlocals ? m->nlocals : 1) * sizeof *at);
    if (!at) return ev_oom(ev, rr);
    for (uint32_t i = 0; i < m->nlocals; i++) {
        at[i].key = m->locals[i].name;
        at[i].klen = m->locals[i].nlen;
        at[i].val = m->locals[i].state == RS_LOCAL_DONE && m->locals[i].ok ? m->locals[i].val : lpv_unknown();
    }
    *out = lpv_obj(LPV_OBJECT, at, m->nlocals);
    return LP_EV_OK;
}

static const rs_mod *mod_of_cb(void *user, uint32_t mod)
{
    rs_scope_user *u = user;
    return &u->c->mods[mod];
}

static const char *mod_name_cb(void *user, uint32_t mod)
{
    rs_scope_user *u = user;
    return u->c->mods[mod].name;
}

static int resource_cb(void *user, ev_ctx *ev, hcl_range at, uint32_t mod, hcl_str type, hcl_str name,
                       const hcl_step *f, lpv_value *out)
{
    rs_scope_user *u = user;
    return rs_resource_value(u->c, ev, at, mod, type.p, type.len, name.p, name.len, f ? f->name.p : NULL,
                             f ? f->name.len : 0, out);
}

static int want_local_cb(void *user, ev_ctx *ev, hcl_range rr, uint32_t mod, const char *name, size_t len)
{
    rs_scope_user *u = user;
    return rs_want_local(u->c, ev, rr, mod, name, len);
}

static void note_cb(void *user, uint8_t kind, uint32_t mod, const char *name, size_t len)
{
    rs_scope_user *u = user;
    rs_dep_note(u->c, kind, mod, name, len);
}

static int file_read_cb(void *user, const char *path, size_t len, ar_arena *a, const char **data, size_t *n,
                        const char **err)
{
    rs_scope_user *u = user;
    rs_ctx *c = u->c;
    const char *root = c->mods[u->mod].root;
    char *full = srcfile_join(a, root, path, len);
    if (!full || memchr(path, 0, len)) {
        *err = "invalid path";
        return -1;
    }
    size_t got;
    srcfile_info info;
    rs_dep_note(c, RS_DEP_FILE, u->mod, full, strlen(full));
    /* a dependency (code the user did not write) reads only inside its folder; the main mod anywhere */
    int rc = c->mods[u->mod].path[0] ? srcfile_read_beneath(root, path, len, &c->buf, &got, &info)
                                     : srcfile_read(full, &c->buf, &got, &info);
    inp_add(&c->inputs, LP_INPUT_FILE_FN, full, &info);
    return srcfile_give(rc, full, &c->buf, got, &info, a, data, n, err);
}

static int file_exists_cb(void *user, const char *path, size_t len)
{
    rs_scope_user *u = user;
    const char *root = u->c->mods[u->mod].root;
    char full[4096];
    int k = (len && path[0] == '/') ? snprintf(full, sizeof full, "%.*s", (int)len, path)
                                    : snprintf(full, sizeof full, "%s/%.*s", root, (int)len, path);
    if (k < 0 || (size_t)k >= sizeof full) return 0;
    rs_dep_note(u->c, RS_DEP_FILE, u->mod, full, (size_t)k);
    /* stat, not fopen: a FIFO without a writer would block the resolver, and
     * only regular files count (Terraform's fileexists).  Recorded without a
     * content hash (0): any later change of its stat counts as a change. */
    struct stat st;
    srcfile_info info = { 0 };
    int exists, is_dir = 0;
    if (u->c->mods[u->mod].path[0]) {   /* a dependency: only inside its folder (-1: refused) */
        exists = srcfile_stat_beneath(root, path, len, &info, &is_dir) == 0;
        if (!exists && info.err == EXDEV) return -1;
        st.st_mode = exists && !is_dir ? S_IFREG : S_IFDIR;
    } else {
        exists = stat(full, &st) == 0;
        info.err = exists ? 0 : errno;
        if (exists) srcfile_from_stat(&info, &st);
    }
    inp_add(&u->c->inputs, LP_INPUT_FILE_FN, full, &info);
    return exists && S_ISREG(st.st_mode);
}

static const char *getenv_cb(void *user, const char *name)
{
    rs_scope_user *u = user;
    rs_dep_note(u->c, RS_DEP_ENV, u->mod, NULL, 0);
    const char *v = u->c->getenv ? u->c->getenv(u->c->getenv_user, name) : getenv(name);
    if (u->c->owner == 0) rs_load_env_note(u->c, name, v);   /* loading: the next refresh checks it */
    return v;
}

void rs_scope_init(ev_scope *s, rs_scope_user *u, rs_ctx *c, uint32_t mod)
{
    u->c = c;
    u->mod = mod;
    u->src = (rs_scope_src){
        .user = u, .mod = mod, .mod_of = mod_of_cb, .nmods = c->nmods, .mod_name = mod_name_cb,
        .aliases = mod < idx_tab(c->ws)->nmods ? idx_str(c->ws, idx_tab(c->ws)->mods[mod].aliases) : NULL,
        .resource = resource_cb, .note = note_cb, .want_local = want_local_cb,
        .read_file = file_read_cb, .file_exists = file_exists_cb, .getenv = getenv_cb,
    };
    rs_scope_build(s, &u->src);
}

/* Variable defaults, .ppvars and raw values: functions and connection.T.N only. */
static void plain_scope(ev_scope *s, rs_scope_user *u, rs_ctx *c, uint32_t mod)
{
    rs_scope_init(s, u, c, mod);
    u->src.plain = 1;
}

/* ------------------------------------------------------------ types */

/* Convert v to the type constraint t (hcl's type expressions); a constraint
 * we do not model passes the value through. */
static int convert_type(ar_arena *a, lpv_value v, const hcl_expr *t, lpv_value *out, const char **err)
{
    *out = v;
    if (!t || v.kind == LPV_NULL || v.kind == LPV_UNKNOWN) return 0;
    if (t->kind == HCL_EXPR_SCOPE_TRAV && t->u.trav.n == 0) {
        hcl_str r = t->u.trav.root;
        if (str_is(r, "string")) return lpv_to_string(a, v, out, err);
        if (str_is(r, "number")) return lpv_to_number(a, v, out, err);
        if (str_is(r, "bool")) return lpv_to_bool(v, out, err);
        return 0;
    }
    if (t->kind != HCL_EXPR_CALL || t->u.call.n != 1) return 0;
    hcl_str f = t->u.call.name;
    const hcl_expr *et = t->u.call.args[0];
    if (str_is(f, "list") || str_is(f, "set")) {
        if (!lpv_is_seq(v)) {
            *err = str_is(f, "list") ? "list required" : "set required";
            return -1;
        }
        lpv_value *el = ar_alloc(a, (v.len ? v.len : 1) * sizeof *el);
        if (!el) return -2;
        for (uint32_t i = 0; i < v.len; i++)
            if (convert_type(a, v.u.elems[i], et, &el[i], err) != 0) return -1;
        *out = str_is(f, "set") ? lpv_set(el, v.len) : lpv_seq(LPV_LIST, el, v.len);
        return 0;
    }
    if (str_is(f, "map")) {
        if (!lpv_is_obj(v)) {
            *err = "map required";
            return -1;
        }
        lpv_attr *at = ar_alloc(a, (v.len ? v.len : 1) * sizeof *at);
        if (!at) return -2;
        for (uint32_t i = 0; i < v.len; i++) {
            at[i] = v.u.attrs[i];
            if (convert_type(a, v.u.attrs[i].val, et, &at[i].val, err) != 0) return -1;
        }
        *out = lpv_obj(LPV_MAP, at, v.len);
        return 0;
    }
    return 0;
}

static int type_is_primitive(const hcl_expr *t)
{
    if (!t) return 1;   /* no constraint: raw values are strings */
    if (t->kind != HCL_EXPR_SCOPE_TRAV || t->u.trav.n != 0) return 0;
    hcl_str r = t->u.trav.root;
    return str_is(r, "string") || str_is(r, "number") || str_is(r, "bool");
}

/* ------------------------------------------------------------ collection */

static void add_require(rs_ctx *c, uint32_t parent, const char *path, size_t plen, const hcl_expr *args,
                        const hcl_file *f)
{
    if (c->nreqs == c->capreqs) {
        uint32_t nc = c->capreqs ? c->capreqs * 2 : 8;
        rs_require *nr = ar_grow(&c->vals, c->reqs, c->capreqs * sizeof *nr, nc * sizeof *nr);
        if (!nr) {
            c->oom = 1;
            return;
        }
        c->reqs = nr;
        c->capreqs = nc;
    }
    rs_require *r = &c->reqs[c->nreqs++];
    r->parent = parent;
    r->path = vdup(c, path, plen);
    r->args = args;
    r->file = f;
}

static const hcl_attr *body_attr(const hcl_body *b, const char *name)
{
    for (uint32_t i = 0; b && i < b->nattrs; i++)
        if (str_is(b->attrs[i].name, name)) return &b->attrs[i];
    return NULL;
}

typedef struct collect {
    rs_var *vars;
    uint32_t nvars, capvars;
    rs_local *locals;
    uint32_t nlocals, caplocals;
} collect;

static int grow(rs_ctx *c, void **arr, uint32_t n, uint32_t *cap, size_t elem)
{
    if (n < *cap) return 0;
    uint32_t nc = *cap ? *cap * 2 : 16;
    void *na = ar_alloc(&c->vals, (size_t)nc * elem);
    if (!na) return -1;
    if (n) memcpy(na, *arr, (size_t)n * elem);
    *arr = na;
    *cap = nc;
    return 0;
}

static const char *literal_text(rs_ctx *c, uint32_t mod, const hcl_file *f, const hcl_expr *e)
{
    if (!e) return "";
    ev_scope s;
    rs_scope_user u;
    plain_scope(&s, &u, c, mod);
    ev_ctx ev;
    ev_init(&ev, &c->scratch, &s, f);
    lpv_value v, sv;
    const char *err;
    if (ev_expr(&ev, e, &v) != LP_EV_OK || lpv_to_string(&c->scratch, v, &sv, &err) != 0) return "";
    const char *p = vdup(c, sv.u.s, sv.len);
    return p ? p : "";
}

/* One top-level block captured from a file of the mod (f: its context). */
static void collect_block(rs_ctx *c, uint32_t mod, const hcl_file *f, const hcl_block *blk, collect *col,
                          int is_mod_pp)
{
    if (str_is(blk->type, "variable") && blk->nlabels == 1) {
        if (grow(c, (void **)&col->vars, col->nvars, &col->capvars, sizeof *col->vars) != 0) {
            c->oom = 1;
            return;
        }
        rs_var *v = &col->vars[col->nvars++];
        memset(v, 0, sizeof *v);
        v->name = vdup(c, blk->labels[0].p, blk->labels[0].len);
        v->file = vdup(c, f->name, strlen(f->name));   /* a later version may share the scope */
        v->line = blk->range.line;
        v->def = v->val = lpv_unknown();
        const hcl_attr *d = body_attr(blk->body, "description");
        v->description = d ? literal_text(c, mod, f, d->expr) : "";
        const hcl_attr *t = body_attr(blk->body, "type");
        if (t) {
            hcl_str tt = hcl_range_text(f, t->expr->range);
            v->type_text = vdup(c, tt.p, tt.len);
            v->type = t->expr;
        } else {
            v->type_text = "";
        }
        const hcl_attr *df = body_attr(blk->body, "default");
        if (df) {
            ev_scope s;
            rs_scope_user u;
            plain_scope(&s, &u, c, mod);
            ev_ctx ev;
            ev_init(&ev, &c->vals, &s, f);
            lpv_value dv;
            int rc = ev_expr(&ev, df->expr, &dv);
            const char *err = NULL;
            if (rc == LP_EV_OK && convert_type(&c->vals, dv, v->type, &dv, &err) != 0) {
                rs_diag(c, LP_SEV_ERROR, f->name, df->expr->range.line, df->expr->range.col,
                        "Invalid default value for variable", err ? err : "conversion failed");
                rc = LP_EV_ERR;
            }
            if (rc == LP_EV_ERR && !err) rs_diag_eval(c, &ev);
            v->has_default = 1;
            /* the value may point into the file's tree: keep a copy */
            if (rc == LP_EV_OK && lpv_copy(&c->vals, dv, &dv) != 0) c->oom = 1;
            v->def = rc == LP_EV_OK ? dv : lpv_unknown();
            v->val = v->def;
            v->has_value = rc == LP_EV_OK || rc == LP_EV_UNRESOLVED;
            v->source = RS_SRC_DEFAULT;
        }
    } else if (str_is(blk->type, "locals") && blk->nlabels == 0) {
        for (uint32_t a = 0; blk->body && a < blk->body->nattrs; a++) {
            if (grow(c, (void **)&col->locals, col->nlocals, &col->caplocals, sizeof *col->locals) != 0) {
                c->oom = 1;
                return;
            }
            rs_local *l = &col->locals[col->nlocals++];
            memset(l, 0, sizeof *l);
            l->name = vdup(c, blk->body->attrs[a].name.p, blk->body->attrs[a].name.len);
            l->nlen = blk->body->attrs[a].name.len;
            l->expr = blk->body->attrs[a].expr;
            l->file = f;
            l->val = lpv_unknown();
        }
    } else if (is_mod_pp && str_is(blk->type, "mod")) {
        for (uint32_t r = 0; blk->body && r < blk->body->nblocks; r++) {
            const hcl_block *req = &blk->body->blocks[r];
            if (!str_is(req->type, "require")) continue;
            for (uint32_t k = 0; req->body && k < req->body->nblocks; k++) {
                const hcl_block *mb = &req->body->blocks[k];
                if (!str_is(mb->type, "mod") || mb->nlabels != 1) continue;
                const hcl_attr *args = body_attr(mb->body, "args");
                if (args) add_require(c, mod, mb->labels[0].p, mb->labels[0].len, args->expr, f);
            }
        }
    }
}

static int cmp_var(const void *a, const void *b)
{
    return strcmp(((const rs_var *)a)->name, ((const rs_var *)b)->name);
}

/* ------------------------------------------------------------ values */

static rs_var *var_find_mut(rs_mod *m, const char *name, size_t len)
{
    return (rs_var *)rs_var_find(m, name, len);
}

/* Parse raw text as an HCL expression and evaluate it without variables. */
static int eval_raw_hcl(rs_ctx *c, uint32_t mod, const char *raw, lpv_value *out)
{
    size_t n = strlen(raw);
    char *src = ar_alloc(&c->ast, n + 8);
    if (!src) return -1;
    memcpy(src, "v = ", 4);
    memcpy(src + 4, raw, n);
    src[n + 4] = '\n';
    hcl_file f;
    if (hcl_parse("<value>", src, n + 5, &c->ast, &f) != 0 || f.nerrors || f.body->nattrs != 1) return -1;
    ev_scope s;
    rs_scope_user u;
    plain_scope(&s, &u, c, mod);
    ev_ctx ev;
    ev_init(&ev, &c->vals, &s, &f);
    return ev_expr(&ev, f.body->attrs[0].expr, out) == LP_EV_OK ? 0 : -1;
}

static void set_value(rs_ctx *c, rs_var *v, lpv_value val, int source, const char *where)
{
    const char *err = NULL;
    lpv_value conv;
    int rc = convert_type(&c->vals, val, v->type, &conv, &err);
    if (rc != 0) {
        char d[256];
        snprintf(d, sizeof d, "Invalid value for variable \"%s\": %s.", v->name,
                 err ? err : "conversion failed");
        rs_diag(c, LP_SEV_ERROR, where, 0, 0, "Invalid value for input variable", d);
        return;
    }
    lpv_value keep;
    if (lpv_copy(&c->vals, conv, &keep) != 0) {
        c->oom = 1;
        return;
    }
    v->val = keep;
    v->has_value = 1;
    v->source = (uint8_t)source;
}

static void set_raw(rs_ctx *c, uint32_t mod, rs_var *v, const char *raw, int source, const char *where)
{
    lpv_value val;
    if (type_is_primitive(v->type)) {
        if (lpv_str(&c->vals, raw, strlen(raw), &val) != 0) {
            c->oom = 1;
            return;
        }
    } else if (eval_raw_hcl(c, mod, raw, &val) != 0) {
        char d[256];
        snprintf(d, sizeof d, "The value for variable \"%s\" is not a valid expression.", v->name);
        rs_diag(c, LP_SEV_ERROR, where, 0, 0, "Invalid value for input variable", d);
        return;
    }
    set_value(c, v, val, source, where);
}

/* A .ppvars file: name = value attributes, values without variables. */
static void apply_vars_file(rs_ctx *c, const char *path, int source, int must_exist)
{
    size_t len;
    srcfile_info info;
    int read = srcfile_read(path, &c->buf, &len, &info);
    inp_add(&c->inputs, LP_INPUT_VARS, path, &info);
    if (read != 0) {
        if (must_exist)
            rs_diag(c, LP_SEV_ERROR, path, 0, 0, "Cannot read variables file", strerror(info.err));
        return;
    }
    char *src = ar_alloc(&c->ast, len ? len : 1);
    char *name = ar_strndup(&c->vals, path, strlen(path));
    if (!src || !name) {
        c->oom = 1;
        return;
    }
    memcpy(src, c->buf.p, len);
    hcl_file f;
    if (hcl_parse(name, src, len, &c->ast, &f) != 0) {
        c->oom = 1;
        return;
    }
    for (uint32_t i = 0; i < f.ndiags; i++)
        if (f.diags[i].severity == HCL_DIAG_ERROR) {
            rs_diag(c, LP_SEV_ERROR, name, f.diags[i].range.line, f.diags[i].range.col, f.diags[i].summary,
                    f.diags[i].detail ? f.diags[i].detail : "");
            return;
        }
    rs_mod *m = &c->mods[0];
    for (uint32_t a = 0; a < f.body->nattrs; a++) {
        const hcl_attr *at = &f.body->attrs[a];
        /* "dep.var" names a dependency mod's variable */
        rs_mod *tm = m;
        const char *vn = at->name.p;
        size_t vl = at->name.len;
        rs_var *v = var_find_mut(tm, vn, vl);
        if (!v) {
            char d[300];
            snprintf(d, sizeof d,
                     "A variable named \"%.*s\" was assigned a value, but the mod does not declare it.",
                     (int)vl, vn);
            rs_diag(c, LP_SEV_WARNING, name, at->name_range.line, at->name_range.col,
                    "Value for undeclared variable", d);
            continue;
        }
        ev_scope s;
        rs_scope_user u;
        plain_scope(&s, &u, c, 0);
        ev_ctx ev;
        ev_init(&ev, &c->vals, &s, &f);
        lpv_value val;
        int rc = ev_expr(&ev, at->expr, &val);
        if (rc == LP_EV_ERR) {
            rs_diag_eval(c, &ev);
            continue;
        }
        if (rc != LP_EV_OK) continue;
        set_value(c, v, val, source, name);
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

/* name's part of rs_var_file_names: its hash when it is a variable file that loading looks for in the
 * main mod's directory, else 0 */
static uint64_t var_file_digest(const char *name)
{
    int var = ends_with(name, ".auto.ppvars") || ends_with(name, ".auto.spvars") ||
              strcmp(name, "powerpipe.ppvars") == 0 || strcmp(name, "steampipe.spvars") == 0;
    return var ? srcfile_hash(name, strlen(name)) : 0;
}

uint64_t rs_var_file_names(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return 1;   /* (no sum of names' hashes is told apart from it by chance alone) */
    uint64_t sum = 0;
    for (struct dirent *de; (de = readdir(d));) sum += var_file_digest(de->d_name);
    closedir(d);
    return sum;
}

/* *.auto.ppvars (and the legacy *.auto.spvars) in lexical order; loading's record notes the
 * directory's variable-file names (rs_var_file_names) as it lists them */
static void apply_auto_files(rs_ctx *c, const char *dir)
{
    DIR *d = opendir(dir);
    if (c->load) c->load->var_names = 1;
    if (!d) return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    uint64_t sum = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        sum += var_file_digest(de->d_name);
        if (!ends_with(de->d_name, ".auto.ppvars") && !ends_with(de->d_name, ".auto.spvars")) continue;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 8;
            char **nn = ar_alloc(&c->ast, nc * sizeof *nn);
            if (!nn) break;
            if (n) memcpy(nn, names, n * sizeof *nn);
            names = nn;
            cap = nc;
        }
        size_t l = strlen(dir) + strlen(de->d_name) + 2;
        char *p = ar_alloc(&c->ast, l);
        if (!p) break;
        snprintf(p, l, "%s/%s", dir, de->d_name);
        names[n++] = p;
    }
    closedir(d);
    if (c->load) c->load->var_names = de ? 1 : sum;   /* (listed whole, else not known) */
    if (n > 1) qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) apply_vars_file(c, names[i], RS_SRC_AUTO, 1);
}

/* stat, not fopen: opening a FIFO without a writer would block the resolver
 * (apply_vars_file then reports anything that is not a regular file). */
static int file_exists_path(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

static void main_mod_sources(rs_ctx *c)
{
    rs_mod *m = &c->mods[0];
    const lp_workspace_opts *o = idx_opts(c->ws);
    /* PP_VAR_<name> */
    for (uint32_t i = 0; i < m->nvars; i++) {
        char key[512];
        snprintf(key, sizeof key, "PP_VAR_%s", m->vars[i].name);
        rs_scope_user u = { .c = c, .mod = 0 };
        const char *val = getenv_cb(&u, key);
        if (val) set_raw(c, 0, &m->vars[i], val, RS_SRC_ENV, key);
    }
    /* powerpipe.ppvars, else the legacy steampipe.spvars */
    const char *dir = idx_dir(c->ws);
    size_t l = strlen(dir) + 32;
    char *p = ar_alloc(&c->ast, l);
    if (!p) {
        c->oom = 1;
        return;
    }
    snprintf(p, l, "%s/powerpipe.ppvars", dir);
    if (file_exists_path(p)) apply_vars_file(c, p, RS_SRC_PPVARS, 1);
    else {
        snprintf(p, l, "%s/steampipe.spvars", dir);
        if (file_exists_path(p)) apply_vars_file(c, p, RS_SRC_PPVARS, 1);
    }
    apply_auto_files(c, dir);
    for (size_t i = 0; i < o->nvar_files; i++) apply_vars_file(c, o->var_files[i], RS_SRC_VAR_FILE, 1);
    for (size_t i = 0; i < o->nvars; i++) {
        const char *a = o->vars[i];
        const char *eq = strchr(a, '=');
        if (!eq || eq == a) {
            rs_diag(c, LP_SEV_ERROR, "", 0, 0, "Invalid --var option",
                    "The given --var option must be in the form name=value.");
            continue;
        }
        const char *nm = a;
        size_t nl = (size_t)(eq - a);
        rs_mod *tm = m;
        uint32_t tmod = 0;
        const char *dot = memchr(a, '.', nl);
        if (dot) {
            /* dep.var for a dependency mod's variable */
            for (uint32_t k = 1; k < c->nmods; k++)
                if (strlen(c->mods[k].name) == (size_t)(dot - a) &&
                    memcmp(c->mods[k].name, a, (size_t)(dot - a)) == 0) {
                    tm = &c->mods[k];
                    tmod = k;
                    nm = dot + 1;
                    nl = (size_t)(eq - nm);
                }
        }
        rs_var *v = var_find_mut(tm, nm, nl);
        if (!v) {
            char d[300];
            snprintf(d, sizeof d,
                     "A variable named \"%.*s\" was assigned on the command line, but the mod does not "
                     "declare it.",
                     (int)nl, nm);
            rs_diag(c, LP_SEV_WARNING, "", 0, 0, "Value for undeclared variable", d);
            continue;
        }
        set_raw(c, tmod, v, eq + 1, RS_SRC_VAR, "--var");
    }
}

static void require_args(rs_ctx *c, uint32_t mod)
{
    rs_mod *m = &c->mods[mod];
    for (uint32_t r = 0; r < c->nreqs; r++) {
        rs_require *q = &c->reqs[r];
        if (!m->path[0] || strcmp(q->path, m->path) != 0 || !c->mods[q->parent].loaded) continue;
        ev_scope s;
        rs_scope_user u;
        rs_scope_init(&s, &u, c, q->parent);
        ev_ctx ev;
        ev_init(&ev, &c->vals, &s, q->file);
        lpv_value args;
        int rc = ev_expr(&ev, q->args, &args);
        if (rc == LP_EV_ERR) {
            rs_diag_eval(c, &ev);
            continue;
        }
        if (rc != LP_EV_OK || !lpv_is_obj(args)) continue;
        for (uint32_t i = 0; i < args.len; i++) {
            rs_var *v = var_find_mut(m, args.u.attrs[i].key, args.u.attrs[i].klen);
            if (!v) {
                char d[300];
                snprintf(d, sizeof d, "The mod \"%s\" has no variable named \"%.*s\".", m->name,
                         (int)args.u.attrs[i].klen, args.u.attrs[i].key);
                rs_diag(c, LP_SEV_WARNING, q->file->name, q->args->range.line, q->args->range.col,
                        "Value for undeclared variable", d);
                continue;
            }
            set_value(c, v, args.u.attrs[i].val, RS_SRC_REQUIRE, q->file->name);
        }
    }
}

/* ------------------------------------------------------------ locals */

static int cmp_local(const void *a, const void *b)
{
    const rs_local *x = a, *y = b;
    size_t k = x->nlen < y->nlen ? x->nlen : y->nlen;
    int c = memcmp(x->name, y->name, k);
    if (c) return c;
    if (x->nlen != y->nlen) return x->nlen < y->nlen ? -1 : 1;
    /* equal names: keep file order (first definition wins) */
    return x < y ? -1 : x > y;
}

/* Names referenced as local.X in e (static traversals), appended to deps. */
typedef struct local_refs_acc {
    const rs_mod *m;
    uint32_t *deps, *nd, cap;
} local_refs_acc;

static void local_ref(hcl_expr *e, void *user)
{
    local_refs_acc *a = user;
    if (e->kind != HCL_EXPR_SCOPE_TRAV || !str_is(e->u.trav.root, "local") || e->u.trav.n < 1 ||
        e->u.trav.steps[0].kind != HCL_STEP_ATTR)
        return;
    const rs_local *l = local_find(a->m, e->u.trav.steps[0].name.p, e->u.trav.steps[0].name.len);
    if (!l || *a->nd >= a->cap) return;
    uint32_t id = (uint32_t)(l - a->m->locals);
    for (uint32_t i = 0; i < *a->nd; i++)
        if (a->deps[i] == id) return;
    a->deps[(*a->nd)++] = id;
}

static void local_refs(const hcl_expr *e, const rs_mod *m, uint32_t *deps, uint32_t *nd, uint32_t cap)
{
    local_refs_acc a = { m, deps, nd, cap };
    hcl_expr_walk((hcl_expr *)e, local_ref, &a);   /* local_ref only reads */
}

static void eval_local(rs_ctx *c, uint32_t mod, rs_local *l)
{
    ev_scope s;
    rs_scope_user u;
    rs_scope_init(&s, &u, c, mod);
    ev_ctx ev;
    ev_init(&ev, &c->scratch, &s, l->file);
    lpv_value v;
    /* a resource it reads is resolved inside this evaluation: counted as nesting, so that entry's
     * end does not reset the scratch holding this value's parts (a control in a list read freed
     * memory); the parse temporaries it leaves go with this local */
    ar_mark parse;
    ar_mark_get(&c->parse, &parse);
    int read_failed = c->read_failed;
    c->read_failed = 0;
    c->depth++;
    int rc = ev_expr(&ev, l->expr, &v);
    c->depth--;
    int failed = c->read_failed;
    c->read_failed = read_failed;
    if (l->state == RS_LOCAL_DONE) {
        /* found in a cycle while it was being evaluated (local_walk): it stays failed */
        rc = LP_EV_UNRESOLVED;
    } else if (rc == LP_EV_OK && lpv_copy(&c->vals, v, &l->val) != 0) {
        /* the value was made but cannot be kept: said where, as an evaluation
         * error, and the local fails (its readers are unresolved), instead
         * of ending resolution with a message that names no place */
        ev_oom(&ev, l->expr->range);
        rs_diag_eval(c, &ev);
        l->val = lpv_unknown();
        rc = LP_EV_ERR;
    } else if (rc == LP_EV_ERR) {
        rs_diag_eval(c, &ev);
    }
    if (rc != LP_EV_OK) l->val = lpv_unknown();
    l->failed = rc == LP_EV_ERR || (rc != LP_EV_OK && (failed || l->failed));
    l->ok = rc == LP_EV_OK;
    l->state = RS_LOCAL_DONE;
    /* (inside an entry's evaluation, its temporaries are still in use: they go with it) */
    if (c->depth == 0) ar_reset(&c->scratch);
    ar_rewind(&c->parse, &parse);
}

#define RS_MAX_DEPS 256

/* A local on the walk's stack (rs_ctx.lstack): its static dependencies (local.X it names) are
 * evaluated before it, in order; `deps` holds them. */
typedef struct rs_lframe {
    uint32_t mod, id, next, nd;
    uint32_t *deps;
} rs_lframe;

/* "local.a -> local.b -> local.a": the stack from position `from` up, then `via` (an entry read on
 * the way, or NULL), then `again`. */
static void cycle_chain(const rs_ctx *c, uint32_t from, const char *via, const rs_local *again, char *chain,
                        size_t cap)
{
    size_t k = 0;
    chain[0] = 0;
    for (uint32_t i = from; i < c->lsp && k < cap - 64; i++)
        k += (size_t)snprintf(chain + k, cap - k, "local.%s -> ",
                              c->mods[c->lstack[i].mod].locals[c->lstack[i].id].name);
    if (via && k < cap - 64) k += (size_t)snprintf(chain + k, cap - k, "%s -> ", via);
    if (k < cap - 64) snprintf(chain + k, cap - k, "local.%s", again->name);
}

/* The position of local `id` of mod on the stack (it is BUSY), or c->lsp. */
static uint32_t stack_find(const rs_ctx *c, uint32_t mod, uint32_t id)
{
    uint32_t i = 0;
    while (i < c->lsp && !(c->lstack[i].mod == mod && c->lstack[i].id == id)) i++;
    return i;
}

/* Push local id of mod (TODO) with its static dependencies; -1 out of memory.  (The stack grows in
 * ast: a local is pushed at most once, so it holds at most every local.) */
static int walk_push(rs_ctx *c, uint32_t mod, uint32_t id)
{
    rs_mod *m = &c->mods[mod];
    if (c->lsp == c->lcap) {
        uint32_t cap = c->lcap ? c->lcap * 2 : 64;
        rs_lframe *ns = cap > c->lcap ? build_alloc(&c->ast, (size_t)cap * sizeof *ns) : NULL;
        if (!ns) {
            c->oom = 1;
            return -1;
        }
        if (c->lsp) memcpy(ns, c->lstack, c->lsp * sizeof *ns);
        c->lstack = ns;
        c->lcap = cap;
    }
    rs_lframe *f = &c->lstack[c->lsp];
    f->mod = mod;
    f->id = id;
    f->next = f->nd = 0;
    f->deps = build_alloc(&c->ast, RS_MAX_DEPS * sizeof(uint32_t));
    if (!f->deps) {
        c->oom = 1;
        return -1;
    }
    local_refs(m->locals[id].expr, m, f->deps, &f->nd, RS_MAX_DEPS);
    m->locals[id].state = RS_LOCAL_BUSY;
    c->lsp++;
    return 0;
}

/* A static cycle met at dependency d (BUSY, at stack position `from`): reported once with its chain
 * at d's definition; the members are never evaluated and their values stay unknown. */
static void static_cycle(rs_ctx *c, uint32_t mod, uint32_t d, uint32_t from)
{
    rs_mod *m = &c->mods[mod];
    char chain[1024], detail[1200];
    cycle_chain(c, from, NULL, &m->locals[d], chain, sizeof chain);
    snprintf(detail, sizeof detail, "circular dependency detected: %s", chain);
    const rs_local *fl = &m->locals[d];
    uint32_t owner = c->owner;
    c->owner = 0;
    rs_diag(c, LP_SEV_ERROR, fl->file->name, fl->expr->range.line, fl->expr->range.col,
            "Circular reference between locals", detail);
    c->owner = owner;
    for (uint32_t i = from; i < c->lsp; i++) {
        rs_local *l = &c->mods[c->lstack[i].mod].locals[c->lstack[i].id];
        l->state = RS_LOCAL_DONE;
        l->ok = 0;
        l->failed = 1;
        l->val = lpv_unknown();
    }
}

/* Evaluate local `root` of mod (TODO) after the locals it names, depth first without recursion (a
 * chain of locals is as long as a mod makes it).  A local that reads a resource whose fields read
 * another local not evaluated yet evaluates that one then, through the scope (want_local_cb), in a
 * walk above this one: what a local reads is always evaluated before it, whatever the names. */
static void local_walk(rs_ctx *c, uint32_t mod, uint32_t root)
{
    uint32_t base = c->lsp;
    if (walk_push(c, mod, root) != 0) return;
    while (c->lsp > base && !c->oom) {
        rs_lframe *fr = &c->lstack[c->lsp - 1];
        rs_mod *m = &c->mods[fr->mod];
        if (fr->next < fr->nd) {
            uint32_t d = fr->deps[fr->next++];
            uint8_t st = m->locals[d].state;
            if (st == RS_LOCAL_TODO) {
                walk_push(c, fr->mod, d);
            } else if (st == RS_LOCAL_BUSY) {
                static_cycle(c, fr->mod, d, stack_find(c, fr->mod, d));
            }
        } else {
            rs_local *l = &m->locals[fr->id];
            if (l->state == RS_LOCAL_BUSY) {
                uint32_t owner = c->owner;
                unsigned field = c->field;
                c->owner = 0;    /* its diagnostics and reads are loading's, not an entry's */
                c->field = 0;
                eval_local(c, fr->mod, l);
                c->owner = owner;
                c->field = field;
            }
            c->lsp--;
        }
    }
}

/* scope_resolve's want_local in phase 2: local.NAME (or every local) of mod evaluated first when it
 * has not been; a local read while it is being evaluated (through a resource: the static cycles
 * are found by local_walk) is a cycle, an error at the reference. */
int rs_want_local(rs_ctx *c, ev_ctx *ev, hcl_range rr, uint32_t mod, const char *name, size_t len)
{
    rs_mod *m = &c->mods[mod];
    /* (loading is over: every local is done; a mod not loaded yet has none to give) */
    if (!c->loading_locals || !m->loaded) return LP_EV_OK;
    if (!name) {
        if (c->depth >= RS_MAX_NESTING) return rs_too_deep(ev, rr);
        for (uint32_t i = 0; i < m->nlocals && !c->oom; i++)
            if (m->locals[i].state == RS_LOCAL_TODO) local_walk(c, mod, i);
        return c->oom ? ev_oom(ev, rr) : LP_EV_OK;
    }
    const rs_local *l = local_find(m, name, len);
    if (!l) return LP_EV_OK;     /* rs_local_value says it */
    if (l->failed) c->read_failed = 1;
    uint32_t id = (uint32_t)(l - m->locals);
    if (l->state == RS_LOCAL_TODO) {
        if (c->depth >= RS_MAX_NESTING) return rs_too_deep(ev, rr);
        local_walk(c, mod, id);
        return c->oom ? ev_oom(ev, rr) : LP_EV_OK;
    }
    if (l->state == RS_LOCAL_BUSY) {
        char chain[1024];
        /* (read by the entry being evaluated, itself read by a local of the stack) */
        const char *via = c->owner && c->owner <= idx_tab(c->ws)->nentries
                              ? idx_str(c->ws, idx_tab(c->ws)->entries[c->owner - 1].name)
                              : NULL;
        cycle_chain(c, stack_find(c, mod, id), via, l, chain, sizeof chain);
        return ev_fail(ev, rr, "Circular reference between locals", "circular dependency detected: %s",
                       chain);
    }
    return LP_EV_OK;
}

/* Every mod's locals, once every mod's variables and locals are known: each in name order, after
 * what it reads (local_walk), so that the order is the dependencies' alone. */
static void eval_locals(rs_ctx *c)
{
    for (uint32_t m = 0; m < c->nmods && !c->oom; m++)
        for (uint32_t i = 0; i < c->mods[m].nlocals && !c->oom; i++)
            if (c->mods[m].locals[i].state == RS_LOCAL_TODO) local_walk(c, m, i);
}

/* ------------------------------------------------------------ per mod */

static int load_mod(rs_ctx *c, uint32_t mod)
{
    rs_mod *m = &c->mods[mod];
    lp_workspace *ws = c->ws;
    collect col = { 0 };
    for (uint32_t fi = 0; fi < idx_tab(ws)->nfiles; fi++) {
        if (idx_tab(ws)->files[fi].mod != mod || !c->cap || !c->cap->file[fi]) continue;
        const char *path = idx_str(ws, idx_tab(ws)->files[fi].path);
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        int is_mod_pp = strcmp(base, "mod.pp") == 0 || strcmp(base, "mod.sp") == 0;
        if (is_mod_pp) {
            /* only the mod root's mod.pp declares requirements */
            size_t rl = strlen(m->root);
            is_mod_pp = strncmp(path, m->root, rl) == 0 && (path[rl] == '/' ? path + rl + 1 == base : 0);
            if (!is_mod_pp && strcmp(m->root, ".") == 0 && base == path) is_mod_pp = 1;
        }
        /* the trees stay in `ast` while variables, locals and requires load */
        for (const cap_block *cb = c->cap->file[fi]; cb && !c->oom; cb = cb->next) {
            hcl_file *f = ar_alloc(&c->ast, sizeof *f);
            ar_mark tmp;   /* the parse's temporaries go at once, only trees stay (capture.h) */
            ar_mark_get(&c->parse, &tmp);
            if (!f) c->oom = 1;
            else if (rs_block_tree(c, fi, cb, path, f) == 0)   /* (kept across versions: rs_tree) */
                collect_block(c, mod, f, &f->body->blocks[0], &col, is_mod_pp);
            ar_rewind(&c->parse, &tmp);
        }
        if (c->oom) return -1;
    }
    if (col.nvars > 1) qsort(col.vars, col.nvars, sizeof *col.vars, cmp_var);
    /* duplicates: keep the first in file order (qsort is not stable: compare lines) */
    uint32_t w = 0;
    for (uint32_t i = 0; i < col.nvars; i++) {
        if (w && strcmp(col.vars[w - 1].name, col.vars[i].name) == 0) {
            char d[300];
            snprintf(d, sizeof d, "A variable named \"%s\" was already declared.", col.vars[i].name);
            rs_diag(c, LP_SEV_ERROR, col.vars[i].file, col.vars[i].line, 1, "Duplicate variable declaration",
                    d);
            continue;
        }
        col.vars[w++] = col.vars[i];
    }
    m->vars = col.vars;
    m->nvars = w;
    if (col.nlocals > 1) qsort(col.locals, col.nlocals, sizeof *col.locals, cmp_local);
    w = 0;
    for (uint32_t i = 0; i < col.nlocals; i++) {
        if (w && col.locals[w - 1].nlen == col.locals[i].nlen &&
            memcmp(col.locals[w - 1].name, col.locals[i].name, col.locals[i].nlen) == 0) {
            char d[300];
            snprintf(d, sizeof d, "A local value named \"%s\" was already defined at %s:%u.",
                     col.locals[i].name, col.locals[w - 1].file->name, col.locals[w - 1].expr->range.line);
            rs_diag(c, LP_SEV_ERROR, col.locals[i].file->name, col.locals[i].expr->range.line, 1,
                    "Duplicate local value definition", d);
            continue;
        }
        col.locals[w++] = col.locals[i];
    }
    m->locals = col.locals;
    m->nlocals = w;

    /* variable values, by precedence */
    if (mod == 0) main_mod_sources(c);
    else require_args(c, mod);
    for (uint32_t i = 0; i < m->nvars; i++) {
        rs_var *v = &m->vars[i];
        if (!v->has_value) {
            char d[400];
            snprintf(d, sizeof d,
                     "The variable \"var.%s\" of mod \"%s\" has no default value and none was given "
                     "(--var %s=..., PP_VAR_%s, or a .ppvars file).", v->name, m->name, v->name, v->name);
            rs_diag(c, LP_SEV_ERROR, v->file, v->line, 1, "Missing required variable", d);
        }
    }
    lpv_attr *at = ar_alloc(&c->vals, (m->nvars ? m->nvars : 1) * sizeof *at);
    if (!at) return -1;
    for (uint32_t i = 0; i < m->nvars; i++) {
        at[i].key = m->vars[i].name;
        at[i].klen = (uint32_t)strlen(m->vars[i].name);
        at[i].val = m->vars[i].val;
    }
    m->var_obj = lpv_obj(LPV_OBJECT, at, m->nvars);
    m->loaded = 1;
    return c->oom ? -1 : 0;
}

/* Variables of every mod, then locals of every mod: a local may read a resource of another mod
 * whose fields read that mod's locals and variables. */
int rs_load_all(rs_ctx *c)
{
    c->loading_locals = 1;       /* (a require's args may read its parent's locals: on demand too) */
    int rc = 0;
    for (uint32_t m = 0; m < c->nmods && !rc; m++) rc = load_mod(c, m);
    if (!rc) eval_locals(c);
    c->loading_locals = 0;
    c->lstack = NULL;            /* (in ast, which loading's end resets) */
    c->lcap = c->lsp = 0;
    return rc || c->oom ? -1 : 0;
}
