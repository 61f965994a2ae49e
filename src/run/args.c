/* args.c — the SQL a leaf runs and the values bound to it, by Powerpipe's rules.
 *
 * pipe-fittings' ResolveArgs (modconfig/query_args_helpers.go, query_args.go): the resource's
 * args (a map or a list) merged with the runtime args (--arg; they win), then
 *   - named args and params: each param in order takes its arg, else its default, else it is
 *     missing;
 *   - positional args and params: more args than params is an error; each param takes the arg
 *     at its position, else its default, else it is missing;
 *   - no params: the positional args as given (named args are ignored, as Powerpipe warns);
 * missing params fail the leaf with "failed to resolve args for NAME: p1,p2".  A control with
 * `query = query.x` and no params of its own takes x's params; a with, node or edge block binds its
 * args against the params of the query it names, else of its base (or the base's query), and NAME
 * is then the query's, as ResolveQueryFromQueryProvider recurses into it.
 *
 * HOW VALUES ARE BOUND (never spliced).  Powerpipe keeps an arg or a param's default as a string
 * when it is one and as JSON otherwise, decodes the JSON into a Go value (json.Unmarshal: a
 * number is a float64, a list an []any, an object a map, null nil) and hands it to the database's
 * database/sql driver (QueryArgs.ConvertArgsList, ParamDef.GetDefault).  Here:
 *   - a string, a number, a bool: LP_DB_TEXT, the database parses it for the type the statement
 *     wants (pgx sends a string as text to any type);
 *   - a list or an object: LP_DB_JSON, its JSON text; null: LP_DB_NULL;
 *   - an --arg value is always a string (Powerpipe's getCommandLineQueryArgs): `--arg '{a,b}'`
 *     is a PostgreSQL array, `--arg '["a"]'` is PostgreSQL's "malformed array literal";
 *   - a resource's args come from the load with a flag saying which were strings (ld_arg.is_string);
 *     a param's default comes as its text alone (lp_resource_param): one whose text is a valid JSON
 *     list or object is taken for one.
 * The drivers then bind LP_DB_JSON as each database can (README "How values are bound"):
 * PostgreSQL describes the statement and sends a list to an array parameter as an array literal
 * of its element type, as pgx encodes an []any (postgres.c list_to_array: a number only into a
 * number type, truncated for an integer one; a bool only into bool; a list or object only into
 * json/jsonb; pgx's "failed to encode args[N]" otherwise), and any other value as its text (a
 * list to a text parameter: its JSON text, where pgx fails); SQLite binds the JSON text (Powerpipe
 * fails there: database/sql refuses an []any), so json_each($1) reads it; DuckDB binds the JSON
 * text as VARCHAR, which DuckDB casts to the LIST a statement expects (list_contains($1, x),
 * $1::INT[]).
 */
#include <string.h>

#include "base/json.h"
#include "base/mem.h"
#include "load/load.h"
#include "run/run.h"

typedef struct argval {
    const char *name;       /* NULL: positional */
    size_t name_len;
    const char *value;      /* NULL: null */
    int json;               /* ARG_JSON: a run-time value that is not a string; ARG_TEXT: --arg */
} argval;

enum { ARG_GUESS = 0, ARG_JSON, ARG_TEXT };

/* Where a node's statement comes from: its resource, or (a with, node or edge run) its block, which
 * takes what it leaves unset from its `base`.  NULL with *oom set when a copy cannot be made. */
static const char *node_sql(const lp_run_node *n, run_stmt *out, int *oom)
{
    if (!n->block) return lp_resource_str(n->res, "sql");
    const ld_block *bl = n->block;
    for (uint32_t i = 0; i < bl->nattrs; i++) {
        const ld_attr *a = &bl->attrs[i];
        if (strcmp(a->name, "sql") == 0 && a->text) return a->text;
        if (strcmp(a->name, "query") == 0 && lpv_is_obj(a->val)) {   /* query = query.x: its object */
            const lpv_value *q = lpv_attr_get(a->val, "sql", 3);
            if (!q || q->kind != LPV_STRING) continue;
            /* a value's bytes have no NUL after them (value.h): the statement is a copy that has */
            if (!(out->sql_copy = mem_malloc((size_t)q->len + 1))) { *oom = 1; return NULL; }
            memcpy(out->sql_copy, q->u.s, q->len);
            out->sql_copy[q->len] = '\0';
            out->sql_copy_size = (size_t)q->len + 1;
            return out->sql_copy;
        }
    }
    return bl->base ? lp_resource_str(bl->base, "sql") : NULL;
}

typedef struct paramdef {
    const char *name;
    const char *def;        /* NULL: no default */
} paramdef;

static int is_ident(const char *s, size_t n)
{
    if (!n) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i && c == '-') ||
                 (i && c >= '0' && c <= '9');
        if (!ok) return 0;
    }
    return 1;
}

static const argval *find_named(const argval *a, uint32_t n, const char *name)
{
    size_t len = strlen(name);
    for (uint32_t i = n; i-- > 0;)      /* the last one given wins */
        if (a[i].name && a[i].name_len == len && memcmp(a[i].name, name, len) == 0) return &a[i];
    return NULL;
}

/* The type a value is bound with.  A resource's args and params' defaults are kept as Powerpipe
 * keeps them, a string as it is and anything else as JSON, without saying which: one that reads
 * as a JSON list or object is taken for one. */
static lp_db_type type_of_value(const char *v, int how)
{
    if (!v) return LP_DB_NULL;
    if (how == ARG_TEXT) return LP_DB_TEXT;
    if (how == ARG_JSON && strcmp(v, "null") == 0) return LP_DB_NULL;
    /* a list or an object; a string that only starts like one ("{a,b}", a PostgreSQL array) is text */
    return (v[0] == '[' || v[0] == '{') && js_valid(v, strlen(v)) ? LP_DB_JSON : LP_DB_TEXT;
}

/* The params: the resource's own, else those of the query it names, loaded and held by the statement
 * until run_args_free (its defaults are bound values), not by the run: a run of many controls does not
 * pin every query it loaded; the workspace's cache keeps them within its budget. */
static int params_of(lp_run *run, const lp_resource *res, const lp_resource **from, run_stmt *out,
                     char **why)
{
    *from = res;
    if (lp_resource_param_count(res) > 0) return LP_OK;
    const char *qname = lp_resource_str(res, "query");
    if (!qname || lp_resource_kind(res) == LP_KIND_QUERY) return LP_OK;
    lp_resource *q = NULL;
    lp_error err = { 0 };
    int rc = lp_load(run->ws, qname, &q, &err);
    if (rc != LP_OK) {
        *why = run_printf("cannot run %s - %s", lp_resource_name(res), err.message);
        return rc;
    }
    out->held = q;
    *from = q;
    return LP_OK;
}

/* The query a block names with `query = query.x` (its value is the query's object, which carries
 * its name), loaded and held by out; NULL when it names none. */
static int block_query(lp_run *run, const ld_block *bl, const lp_resource **q, run_stmt *out, char **why)
{
    *q = NULL;
    for (uint32_t i = 0; i < bl->nattrs; i++) {
        const ld_attr *a = &bl->attrs[i];
        if (strcmp(a->name, "sql") == 0 && a->text) return LP_OK;   /* its own SQL comes first */
        if (strcmp(a->name, "query") != 0 || !lpv_is_obj(a->val)) continue;
        const lpv_value *nv = lpv_attr_get(a->val, "name", 4);
        if (!nv || nv->kind != LPV_STRING) return LP_OK;
        char *name = run_printf("%.*s", (int)nv->len, nv->u.s);
        if (!name) return LP_ERR_NOMEM;
        lp_resource *r = NULL;
        lp_error err = { 0 };
        int rc = lp_load(run->ws, name, &r, &err);
        if (rc != LP_OK) *why = run_printf("cannot run %s - %s", name, err.message);
        mem_free(name, strlen(name) + 1);
        if (rc != LP_OK) return rc;
        out->held = r;
        *q = r;
        return LP_OK;
    }
    return LP_OK;
}

/* The params a block's args resolve against: those of the query it names (pipe-fittings'
 * ResolveQueryFromQueryProvider merges the block's args and resolves them against the query's
 * params), else its base's (or the base's query's). */
static int block_params(lp_run *run, const ld_block *bl, const lp_resource **from, run_stmt *out, char **why)
{
    *from = NULL;
    int rc = block_query(run, bl, from, out, why);
    if (rc != LP_OK || *from || !bl->base) return rc;
    return params_of(run, bl->base, from, out, why);
}

/* The args a node binds: a block's own, else its base's; a resource's own when it is not a block. */
typedef struct node_args {
    const ld_arg *v;
    uint32_t n;
    int list;               /* given as a list: positional */
} node_args;

static node_args args_of_node(const lp_run_node *n)
{
    const ld_block *bl = n->block;
    if (bl && bl->has_args) return (node_args){ bl->args, bl->nargs, bl->args_list };
    if (bl && bl->base && bl->base->has_args)
        return (node_args){ bl->base->args, bl->base->nargs, bl->base->args_list };
    if (!bl) return (node_args){ n->res->args, n->res->nargs, n->res->args_list };
    return (node_args){ 0 };
}

/* The resource's args into args (a run-time value is its expression evaluated now, kept in
 * out->owned), then the runtime args of a target the user named (nrt): a positional one replaces the
 * resource's at its position.  LP_OK with *na_out, or the failure (*why for an arg that fails). */
static int gather_args(lp_run *run, lp_run_node *n, node_args ba, uint32_t nrt, argval *args,
                       uint32_t *na_out, run_stmt *out, char **why)
{
    int res_named = ba.n > 0 && !ba.list;
    uint32_t na = 0, npos_res = 0;
    for (uint32_t i = 0; i < ba.n; i++) {
        const char *name = ba.v[i].name, *value = ba.v[i].value;
        if (!value && ba.v[i].expr) {   /* a run-time value: its expression, evaluated now */
            char **owned =
                mem_realloc(out->owned, out->nowned * sizeof *owned, (out->nowned + 1) * sizeof *owned);
            if (!owned) return LP_ERR_NOMEM;
            out->owned = owned;
            int json = 0;
            char *v = run_dash_arg(run, n, ba.v[i].expr, &json, why);
            if (!v) return LP_ERR_ARG;
            out->owned[out->nowned++] = v;
            value = v;
            args[na].json = json ? ARG_JSON : ARG_TEXT;
        } else if (value) {
            args[na].json = ba.v[i].is_string ? ARG_TEXT : ARG_JSON;
        }
        args[na].name = res_named ? name : NULL;
        args[na].name_len = res_named && name ? strlen(name) : 0;
        args[na].value = value;
        if (!res_named) npos_res++;
        na++;
    }
    uint32_t pos = 0;
    for (uint32_t i = 0; i < nrt; i++) {
        const char *a = run->opts.args[i];
        const char *eq = strchr(a, '=');
        if (eq && is_ident(a, (size_t)(eq - a))) {
            args[na].name = a;
            args[na].name_len = (size_t)(eq - a);
            args[na].value = eq + 1;
            args[na++].json = ARG_TEXT;
        } else if (pos < npos_res) {
            args[pos].json = ARG_TEXT;
            args[pos++].value = a;
        } else {
            args[na].value = a;
            args[na++].json = ARG_TEXT;
            pos++;
        }
    }
    *na_out = na;
    return LP_OK;
}

/* The args and params a statement binds, once gathered. */
typedef struct binding {
    const argval *args;
    uint32_t na;
    const paramdef *params;
    uint32_t nparams;
    int any_named;
    uint32_t npositional;
    const char *rname;      /* the resource, for the messages */
} binding;

/* How many values bind, by the rules above: LP_OK with *nvals, or LP_ERR_ARG with *why. */
static int value_count(const binding *b, uint32_t *nvals, char **why)
{
    *nvals = 0;
    if (b->any_named && b->nparams == 0) return LP_OK; /* Powerpipe: named args without params are ignored */
    if (b->any_named) {
        if (b->npositional) {
            *why = run_printf(
                "failed to resolve args for %s: args must be either all named or all positional", b->rname);
            return LP_ERR_ARG;
        }
        *nvals = b->nparams;
    } else if (b->nparams == 0) {
        *nvals = b->npositional;
    } else {
        if (b->npositional > b->nparams) {
            uint32_t np = b->npositional, npar = b->nparams;
            *why =
                run_printf("failed to resolve args for %s: resolvePositionalParameters failed for '%s' - %u "
                           "argument%s were provided but there %s %u parameter definition%s",
                           b->rname, b->rname, np, np == 1 ? "" : "s", npar == 1 ? "is" : "are", npar,
                           npar == 1 ? "" : "s");
            return LP_ERR_ARG;
        }
        *nvals = b->nparams;
    }
    return LP_OK;
}

/* Value i of nvals: its named arg, else its positional one, else its param's default.  0 when it has
 * none. */
static int value_of(const binding *b, uint32_t i, const char **v, int *json)
{
    *v = NULL;
    *json = ARG_GUESS;
    if (b->any_named) {
        const argval *a = find_named(b->args, b->na, b->params[i].name);
        if (a) { *v = a->value; *json = a->json; return 1; }
    } else if (i < b->npositional) {
        *v = b->args[i].value;
        *json = b->args[i].json;
        return 1;
    }
    if (b->nparams && b->params[i].def) { *v = b->params[i].def; return 1; }
    return 0;
}

/* The values into out->params, each typed (type_of_value); params without one are named in *why. */
static int bind_values(const binding *b, uint32_t nvals, run_stmt *out, char **why)
{
    const char **vals = mem_calloc((size_t)nvals + 1, sizeof *vals);
    int *jsonv = mem_calloc((size_t)nvals + 1, sizeof *jsonv);
    out->params = mem_calloc((size_t)nvals + 1, sizeof *out->params);
    out->nparams = nvals;
    int rc = LP_OK;
    if (!vals || !out->params || !jsonv) rc = LP_ERR_NOMEM;
    size_t missing_len = 0;
    char *missing = NULL;
    for (uint32_t i = 0; i < nvals && rc == LP_OK; i++) {
        if (value_of(b, i, &vals[i], &jsonv[i])) continue;
        size_t l = strlen(b->params[i].name);
        char *m = mem_realloc(missing, missing_len ? missing_len + 1 : 0, missing_len + l + 2);
        if (!m) { rc = LP_ERR_NOMEM; break; }
        missing = m;
        if (missing_len) missing[missing_len++] = ',';
        memcpy(missing + missing_len, b->params[i].name, l + 1);
        missing_len += l;
    }
    if (missing) {
        *why = run_printf("failed to resolve args for %s: %s", b->rname, missing);
        mem_free(missing, missing_len + 1);
        rc = LP_ERR_ARG;
    }
    for (uint32_t i = 0; i < nvals && rc == LP_OK; i++) {
        out->params[i].type = type_of_value(vals[i], jsonv[i]);
        if (out->params[i].type == LP_DB_NULL) vals[i] = NULL;
        out->params[i].text = vals[i];
        out->params[i].len = vals[i] ? strlen(vals[i]) : 0;
    }
    mem_free(vals, ((size_t)nvals + 1) * sizeof *vals);
    mem_free(jsonv, ((size_t)nvals + 1) * sizeof *jsonv);
    return rc;
}

/* The statement and values of n; need_sql 0: the values only (a graph, flow or hierarchy without
 * SQL still resolves its args, which its nodes and edges read as params). */
static int resolve(lp_run *run, lp_run_node *n, int need_sql, run_stmt *out, char **why)
{
    memset(out, 0, sizeof *out);
    *why = NULL;
    if (!n->res) {                       /* raw SQL: nothing to bind */
        out->sql = n->sql;
        return LP_OK;
    }
    const lp_resource *res = n->res;
    const ld_block *bl = n->block;
    int oom = 0;
    out->sql = node_sql(n, out, &oom);
    if (oom) {
        *why = run_strdup("out of memory");
        return LP_ERR_NOMEM;
    }
    if (need_sql && (!out->sql || !*out->sql)) {
        run_args_free(out);
        *why = run_printf("%s does not define a query or SQL", n->name);
        return LP_ERR_ARG;
    }
    const lp_resource *pres = NULL;
    int rc = LP_OK;
    if (!bl) rc = params_of(run, res, &pres, out, why);
    else rc = block_params(run, bl, &pres, out, why);
    if (rc != LP_OK) {
        run_args_free(out);
        if (!*why) *why = run_strdup("out of memory");
        return rc;
    }

    /* the resource's args, then the runtime args of a target the user named */
    node_args ba = args_of_node(n);
    uint32_t nres = ba.n;
    uint32_t nrt = n->parent == &run->root ? run->opts.nargs : 0;
    uint32_t nparams = pres ? lp_resource_param_count(pres) : 0;
    if (!nres && !nrt && !nparams) return LP_OK;     /* nothing to bind (most controls): no allocation */
    argval *args = mem_calloc((size_t)nres + nrt + 1, sizeof *args);
    paramdef *params = mem_calloc((size_t)nparams + 1, sizeof *params);
    /* the messages name the query whose SQL runs, as Powerpipe's resolution recurses into it */
    const char *rname = lp_resource_name(out->held ? out->held : res);
    binding b = { .args = args, .params = params, .nparams = nparams, .rname = rname };
    uint32_t nvals = 0;
    if (!args || !params) rc = LP_ERR_NOMEM;
    if (rc == LP_OK) rc = gather_args(run, n, ba, nrt, args, &b.na, out, why);
    if (rc == LP_OK) {
        for (uint32_t i = 0; i < nparams; i++) {
            const char *desc;
            lp_resource_param(pres, i, &params[i].name, &desc, &params[i].def);
        }
        for (uint32_t i = 0; i < b.na; i++) {
            if (args[i].name) b.any_named = 1;
            else b.npositional++;
        }
        rc = value_count(&b, &nvals, why);
    }
    if (rc == LP_OK) rc = bind_values(&b, nvals, out, why);
    mem_free(args, ((size_t)nres + nrt + 1) * sizeof *args);
    mem_free(params, ((size_t)nparams + 1) * sizeof *params);
    if (rc != LP_OK) {
        run_args_free(out);
        if (!*why) *why = run_strdup("out of memory");
    }
    return rc;
}

int run_args_resolve(lp_run *run, lp_run_node *n, run_stmt *out, char **why)
{
    return resolve(run, n, 1, out, why);
}

int run_args_values(lp_run *run, lp_run_node *n, run_stmt *out, char **why)
{
    return resolve(run, n, 0, out, why);
}

void run_args_free(run_stmt *s)
{
    mem_free(s->sql_copy, s->sql_copy_size);
    s->sql_copy = NULL;
    s->sql_copy_size = 0;
    lp_resource_release(s->held);
    s->held = NULL;
    if (s->params) mem_free(s->params, ((size_t)s->nparams + 1) * sizeof *s->params);
    s->params = NULL;
    s->nparams = 0;
    for (uint32_t i = 0; i < s->nowned; i++) mem_free(s->owned[i], strlen(s->owned[i]) + 1);
    mem_free(s->owned, s->nowned * sizeof *s->owned);
    s->owned = NULL;
    s->nowned = 0;
}

/* LeafRun's Args as Powerpipe serialises them: each value as it is bound, a list or object as its
 * JSON, a string as a JSON string, null as null */
static int args_json(const run_stmt *s, lp_buf *out)
{
    lp_buf_putc(out, '[');
    for (uint32_t i = 0; i < s->nparams; i++) {
        const lp_db_param *p = &s->params[i];
        if (i) lp_buf_putc(out, ',');
        if (p->type == LP_DB_NULL || !p->text) lp_buf_puts(out, "null");
        else if (p->type == LP_DB_JSON) lp_buf_put(out, p->text, p->len);
        else lp_json_str(out, p->text, p->len);
    }
    lp_buf_putc(out, ']');
    return out->oom ? LP_ERR_NOMEM : LP_OK;
}

void run_args_forget(lp_run_node *n)
{
    if (n->shown_sql) mem_free(n->shown_sql, strlen(n->shown_sql) + 1);
    if (n->shown_args) mem_free(n->shown_args, strlen(n->shown_args) + 1);
    n->shown_sql = n->shown_args = NULL;
}

int run_args_keep(lp_run_node *n, const run_stmt *s)
{
    run_args_forget(n);
    size_t len = s->sql ? strlen(s->sql) : 0;
    if (len && !(n->shown_sql = mem_malloc(len + 1))) return LP_ERR_NOMEM;
    if (len) memcpy(n->shown_sql, s->sql, len + 1);
    if (!s->nparams) return LP_OK;       /* Args is omitempty */
    lp_buf b = { 0 };
    int rc = args_json(s, &b);
    if (rc == LP_OK && !(n->shown_args = mem_malloc(b.len + 1))) rc = LP_ERR_NOMEM;
    if (rc == LP_OK) {
        memcpy(n->shown_args, b.data, b.len);
        n->shown_args[b.len] = '\0';
    }
    lp_buf_free(&b);
    if (rc != LP_OK) run_args_forget(n);
    return rc;
}
