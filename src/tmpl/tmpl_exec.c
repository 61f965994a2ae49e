/* tmpl_exec.c — the template executor: Go's text/template/exec.go over tp_parse's trees.  A set's
 * templates are walked with a dot value and variables; fields, maps, methods and functions are
 * evaluated as exec.go does (evalCommand, evalField, evalCall), with its messages
 * ("template: NAME:LINE:COL: executing \"T\" at <NODE>: ...").  Template calls, output and
 * steps are bounded by tp_opts.  Also the pool both the parser and the executor allocate from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmplInt.h"

/* ------------------------------------------------------------------ pool */

typedef struct tp_block {
    struct tp_block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
} tp_block;

void *tp_pool_alloc(tp_pool *p, size_t n)
{
    if (n > ((size_t)1 << 40)) return NULL;
    n = (n + 15) & ~(size_t)15;
    if (n == 0) n = 16;
    if (p->limit && p->used + n > p->limit) return NULL;
    tp_block *b = p->blocks;
    if (!b || b->size - b->used < n) {
        size_t size = n > 32768 ? n : 32768;
        b = malloc(sizeof *b + size);
        if (!b) return NULL;
        b->size = size;
        b->used = 0;
        b->next = p->blocks;   /* the newest first: a rewind frees from the head */
        p->blocks = b;
    }
    void *m = b->data + b->used;
    b->used += n;
    p->used += n;
    memset(m, 0, n);
    return m;
}

void tp_pool_mark_get(const tp_pool *p, tp_pool_mark *m)
{
    m->block = p->blocks;
    m->block_used = p->blocks ? p->blocks->used : 0;
    m->used = p->used;
}

void tp_pool_rewind(tp_pool *p, const tp_pool_mark *m)
{
    while (p->blocks && p->blocks != m->block) {
        tp_block *b = p->blocks;
        p->blocks = b->next;
        free(b);
    }
    if (p->blocks) p->blocks->used = m->block_used;
    p->used = m->used;
}

void tp_pool_free(tp_pool *p)
{
    for (tp_block *b = p->blocks, *nx; b; b = nx) {
        nx = b->next;
        free(b);
    }
    p->blocks = NULL;
    p->used = 0;
}

/* ------------------------------------------------------------------ the set */

tp_set *tp_set_new(const tp_func *funcs, size_t nfuncs)
{
    tp_set *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->funcs = funcs;
    s->nfuncs = nfuncs;
    return s;
}

void tp_set_free(tp_set *s)
{
    if (!s) return;
    tp_pool_free(&s->pool);
    free(s->trees);
    free(s);
}

const tp_func *tp_find_func(const tp_set *s, const char *name, size_t n)
{
    for (size_t i = s->nfuncs; i-- > 0;)
        if (strlen(s->funcs[i].name) == n && memcmp(s->funcs[i].name, name, n) == 0) return &s->funcs[i];
    return NULL;
}

int tp_is_builtin(const char *name, size_t n) { return tp_builtin(name, n) != NULL; }

tp_tree *tp_find_tree(const tp_set *s, const char *name)
{
    for (uint32_t i = 0; i < s->ntrees; i++)
        if (strcmp(s->trees[i]->name, name) == 0) return s->trees[i];
    return NULL;
}

int tp_set_has(const tp_set *s, const char *name) { return tp_find_tree(s, name) != NULL; }

/* ------------------------------------------------------------------ helpers for callers */

void *tp_user(tp_ctx *x) { return x->opts->user; }
const char *tp_csv_separator(tp_ctx *x) { return x->opts->csv_separator; }

void *tp_alloc(tp_ctx *x, size_t n)
{
    void *m = tp_pool_alloc(&x->pool, n);
    if (!m) tp_fail(x, "out of memory");
    return m;
}

tp_value tp_str(tp_ctx *x, const char *s, size_t n)
{
    char *d = tp_alloc(x, n + 1);
    if (d && n) memcpy(d, s, n);
    tp_value v = { .kind = TP_STRING };
    v.u.s.p = d ? d : "";
    v.u.s.n = d ? n : 0;
    return v;
}
tp_value tp_cstr(const char *s)
{
    tp_value v = { .kind = TP_STRING };
    v.u.s.p = s ? s : "";
    v.u.s.n = s ? strlen(s) : 0;
    return v;
}
tp_value tp_int(int64_t i) { return (tp_value){ .kind = TP_INT, .u.i = i }; }
tp_value tp_float(double f) { return (tp_value){ .kind = TP_FLOAT, .u.f = f }; }
tp_value tp_bool(int b) { return (tp_value){ .kind = TP_BOOL, .u.b = !!b }; }
tp_value tp_obj(const tp_class *cls, const void *self)
{
    tp_value v = { .kind = self ? TP_OBJECT : TP_NIL };
    v.u.o.cls = cls;
    v.u.o.self = self;
    return v;
}

/* Go's ErrorContext: "name:line:col", col the byte offset in its line (0-based) */
void tp_error_context(const tp_tree *t, uint32_t pos, lp_buf *out)
{
    uint32_t line = 1, col = pos;
    for (uint32_t i = 0; i < pos && t->src[i]; i++)
        if (t->src[i] == '\n') line++, col = pos - i - 1;
    lp_buf_printf(out, "%s:%u:%u", t->parse_name, line, col);
}

int tp_fail(tp_ctx *x, const char *fmt, ...)
{
    if (x->failed) return TP_FAILED;
    x->failed = 1;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!x->at) {
        lp_buf_printf(x->err, "template: %s: %s", x->tree ? x->tree->name : "", msg);
        return TP_FAILED;
    }
    lp_buf_puts(x->err, "template: ");
    tp_error_context(x->tree, x->at->pos, x->err);
    /* the node as written (Go prints node.String(), whole: ErrorContext no longer shortens it) */
    lp_buf_puts(x->err, ": executing \"");
    lp_buf_puts(x->err, x->tree->name);
    lp_buf_puts(x->err, "\" at <");
    uint32_t n = x->at->end > x->at->pos ? x->at->end - x->at->pos : 0;
    if (x->at->k == ND_TEMPLATE) {   /* TemplateNode.String: {{template "NAME" PIPE}} */
        lp_buf_puts(x->err, "{{template ");
        tp_quote(x->at->text, strlen(x->at->text), x->err);
        const tp_node *pipe = x->at->node;
        if (pipe) {
            lp_buf_putc(x->err, ' ');
            lp_buf_put(x->err, x->tree->src + pipe->pos, pipe->end - pipe->pos);
        }
        lp_buf_puts(x->err, "}}");
    } else {
        lp_buf_put(x->err, x->tree->src + x->at->pos, n);
    }
    lp_buf_printf(x->err, ">: %s", msg);
    return TP_FAILED;
}

int tp_args_for_field(tp_ctx *x, const char *name, int nargs)
{
    if (nargs) return tp_fail(x, "%s has arguments but cannot be invoked as function", name);
    return TP_OK;
}

/* ------------------------------------------------------------------ variables */

static int push_var(tp_ctx *x, const char *name, const tp_value *v)
{
    if (x->nvars == x->cap) {
        uint32_t nc = x->cap ? x->cap * 2 : 16;
        tp_var *nv = realloc(x->vars, nc * sizeof *nv);
        if (!nv) return tp_fail(x, "out of memory");
        x->vars = nv;
        x->cap = nc;
    }
    x->vars[x->nvars++] = (tp_var){ .name = name, .v = *v };
    return TP_OK;
}

/* the variables a template call sees start at its own `$` */
typedef struct frame {
    uint32_t base;
} frame;

static int set_var(tp_ctx *x, uint32_t base, const char *name, const tp_value *v)
{
    for (uint32_t i = x->nvars; i-- > base;)
        if (strcmp(x->vars[i].name, name) == 0) {
            x->vars[i].v = *v;
            int pooled =
                v->kind == TP_STRING || v->kind == TP_LIST || v->kind == TP_MAP || v->kind == TP_OBJECT;
            if (i < x->var_floor && pooled) x->escaped = 1;
            return TP_OK;
        }
    return tp_fail(x, "undefined variable: %s", name);
}

static int var_value(tp_ctx *x, uint32_t base, const char *name, tp_value *out)
{
    for (uint32_t i = x->nvars; i-- > base;)
        if (strcmp(x->vars[i].name, name) == 0) {
            *out = x->vars[i].v;
            return TP_OK;
        }
    return tp_fail(x, "undefined variable: %s", name);
}

/* ------------------------------------------------------------------ evaluation */

static int step(tp_ctx *x)
{
    if (x->failed) return TP_FAILED;
    if (++x->steps > x->opts->max_steps) return tp_fail(x, "exceeded maximum steps (%llu)",
                                                        (unsigned long long)x->opts->max_steps);
    if (x->steps % TP_POLL_STEPS == 0 && x->opts->interrupted && x->opts->interrupted(x->opts->io))
        return tp_fail(x, "interrupted");
    return TP_OK;
}

static int eval_pipeline(tp_ctx *x, uint32_t base, const tp_value *dot, const tp_node *pipe, tp_value *out);

static const tp_value MISSING = { .kind = TP_INVALID, .u.i = -1 };   /* no final value */
static int is_missing(const tp_value *v) { return v->kind == TP_INVALID && v->u.i == -1; }

/* a constant operand as an argument (exec.go evalEmptyInterface / idealConstant) */
static int constant(tp_ctx *x, const tp_node *n, tp_value *out)
{
    switch (n->k) {
    case ND_BOOL: *out = tp_bool(n->bval); return TP_OK;
    case ND_NUMBER: *out = n->is_float ? tp_float(n->fval) : tp_int(n->ival); return TP_OK;
    case ND_STRING:
        *out = (tp_value){ .kind = TP_STRING };
        out->u.s.p = n->text;
        out->u.s.n = n->len;
        return TP_OK;
    case ND_NIL: *out = (tp_value){ .kind = TP_NIL }; return TP_OK;
    default: return tp_fail(x, "can't handle %.*s", (int)(n->end - n->pos), x->tree->src + n->pos);
    }
}

static int eval_arg(tp_ctx *x, uint32_t base, const tp_value *dot, const tp_node *n, tp_value *out);

static int call_fn(tp_ctx *x, const tp_func *f, const char *name, const tp_value *args, int nargs,
                   tp_value *out)
{
    if (f->max_args < 0 && nargs < f->min_args)
        return tp_fail(x, "wrong number of args for %s: want at least %d got %d", name, f->min_args, nargs);
    if (f->max_args >= 0 && (nargs < f->min_args || nargs > f->max_args))
        return tp_fail(x, "wrong number of args for %s: want %d got %d", name,
                       nargs < f->min_args ? f->min_args : f->max_args, nargs);
    *out = (tp_value){ .kind = TP_INVALID };
    return f->fn(x, args, nargs, out) == TP_OK && !x->failed ? TP_OK : TP_FAILED;
}

/* The arguments of a call: cmd's operands after the first, then final. */
static int eval_args(tp_ctx *x, uint32_t base, const tp_value *dot, const tp_node *cmd, const tp_value *final,
                     tp_value **args, int *nargs)
{
    int n = cmd ? (int)cmd->nkids - 1 : 0;
    if (n < 0) n = 0;
    int total = n + (is_missing(final) ? 0 : 1);
    tp_value *a = tp_alloc(x, (size_t)(total ? total : 1) * sizeof *a);
    if (!a) return TP_FAILED;
    for (int i = 0; i < n; i++) {
        if (eval_arg(x, base, dot, cmd->kids[i + 1], &a[i]) != TP_OK) return TP_FAILED;
        if (a[i].kind == TP_INVALID) a[i].kind = TP_NIL;   /* a missing value is passed as nil */
    }
    if (total > n) {
        a[n] = *final;
        if (a[n].kind == TP_INVALID) a[n] = (tp_value){ .kind = TP_NIL };
    }
    *args = a;
    *nargs = total;
    return TP_OK;
}

static int eval_function(tp_ctx *x, uint32_t base, const tp_value *dot, const tp_node *ident,
                         const tp_node *cmd, const tp_value *final, tp_value *out)
{
    x->at = ident;
    const char *name = ident->text;
    const tp_func *f = ident->fn;
    int is_and = ident->ival == 1, is_or = ident->ival == 2;   /* resolved by the parser */
    if (is_and || is_or) {
        /* and/or evaluate their arguments in turn, stopping at the first that decides */
        int n = cmd ? (int)cmd->nkids - 1 : 0;
        int total = n + (is_missing(final) ? 0 : 1);
        if (total < 1) return tp_fail(x, "wrong number of args for %s: want at least 1 got 0", name);
        tp_value v = { .kind = TP_INVALID };
        for (int i = 0; i < n; i++) {
            if (eval_arg(x, base, dot, cmd->kids[i + 1], &v) != TP_OK) return TP_FAILED;
            if (tp_truth(&v) == is_or) {
                *out = v;
                return TP_OK;
            }
        }
        if (!is_missing(final)) v = *final;
        *out = v;
        return TP_OK;
    }
    if (!f) return tp_fail(x, "\"%s\" is not a defined function", name);
    tp_value *args;
    int nargs;
    if (eval_args(x, base, dot, cmd, final, &args, &nargs) != TP_OK) return TP_FAILED;
    x->at = cmd ? cmd : ident;   /* evalCall's errors are at the command */
    return call_fn(x, f, name, args, nargs, out);
}

/* evalField: one name of a chain on a receiver; the last of a command's chain gets its args */
static int eval_field(tp_ctx *x, uint32_t base, const tp_value *dot, const char *name, const tp_node *node,
                      const tp_node *cmd, const tp_value *final, const tp_value *rcv, tp_value *out)
{
    x->at = node;
    int has_args = (cmd && cmd->nkids > 1) || !is_missing(final);
    switch (rcv->kind) {
    case TP_INVALID: *out = (tp_value){ .kind = TP_INVALID }; return TP_OK;
    case TP_NIL:
        if (rcv->u.o.cls) return tp_fail(x, "nil pointer evaluating %s.%s", rcv->u.o.cls->type_name, name);
        return tp_fail(x, "nil pointer evaluating interface {}.%s", name);
    case TP_MAP: {
        if (has_args) return tp_fail(x, "%s is not a method but has arguments", name);
        const tp_map *m = rcv->u.m;
        *out = (tp_value){ .kind = TP_INVALID };
        for (uint32_t i = 0; m && i < m->n; i++)
            if (strcmp(m->keys[i], name) == 0) *out = m->v[i];
        return TP_OK;
    }
    case TP_OBJECT:
    case TP_TIME:
    case TP_DURATION: {
        tp_value *args = NULL;
        int nargs = 0;
        if (has_args && eval_args(x, base, dot, cmd, final, &args, &nargs) != TP_OK) return TP_FAILED;
        x->at = node;
        int rc = rcv->kind == TP_OBJECT
                     ? rcv->u.o.cls->lookup(x, rcv->u.o.self, name, args, nargs, out)
                     : tp_time_method(x, rcv, name, args, nargs, out);
        if (rc == TP_NONE) break;
        return rc == TP_OK && !x->failed ? TP_OK : TP_FAILED;
    }
    default: break;
    }
    return tp_fail(x, "can't evaluate field %s in type %s", name, tp_type_name(rcv));
}

static int eval_chain(tp_ctx *x, uint32_t base, const tp_value *dot, tp_value rcv, const tp_node *node,
                      const tp_node *cmd, const tp_value *final, tp_value *out)
{
    for (uint32_t i = 0; i < node->nidents; i++) {
        int last = i + 1 == node->nidents;
        if (eval_field(x, base, dot, node->idents[i], node, last ? cmd : NULL, last ? final : &MISSING, &rcv,
                       &rcv) != TP_OK)
            return TP_FAILED;
    }
    *out = rcv;
    return TP_OK;
}

static int not_a_function(tp_ctx *x, const tp_node *cmd, const tp_value *final)
{
    if ((cmd && cmd->nkids > 1) || !is_missing(final)) {
        const tp_node *a = cmd ? cmd->kids[0] : x->at;
        return tp_fail(x, "can't give argument to non-function %.*s", (int)(a->end - a->pos),
                       x->tree->src + a->pos);
    }
    return TP_OK;
}

/* An operand evaluated: as the first word of cmd (which then gives the arguments), or alone. */
static int eval_operand(tp_ctx *x, uint32_t base, const tp_value *dot, const tp_node *n, const tp_node *cmd,
                        const tp_value *final, tp_value *out)
{
    x->at = n;
    switch (n->k) {
    case ND_FIELD: return eval_chain(x, base, dot, *dot, n, cmd, final, out);
    case ND_CHAIN: {
        if (n->node->k == ND_NIL) return tp_fail(x, "indirection through explicit nil in %.*s",
                                                 (int)(n->end - n->pos), x->tree->src + n->pos);
        tp_value r;
        if (eval_arg(x, base, dot, n->node, &r) != TP_OK) return TP_FAILED;
        x->at = n;
        return eval_chain(x, base, dot, r, n, cmd, final, out);
    }
    case ND_IDENT: return eval_function(x, base, dot, n, cmd, final, out);
    case ND_PIPE:
        if (not_a_function(x, cmd, final) != TP_OK) return TP_FAILED;
        return eval_pipeline(x, base, dot, n, out);
    case ND_VAR: {
        tp_value v;
        if (var_value(x, base, n->text, &v) != TP_OK) return TP_FAILED;
        if (!n->nidents) {
            if (not_a_function(x, cmd, final) != TP_OK) return TP_FAILED;
            *out = v;
            return TP_OK;
        }
        return eval_chain(x, base, dot, v, n, cmd, final, out);
    }
    case ND_DOT:
        if (not_a_function(x, cmd, final) != TP_OK) return TP_FAILED;
        *out = *dot;
        return TP_OK;
    case ND_NIL:
        if (cmd) return tp_fail(x, "nil is not a command");
        *out = (tp_value){ .kind = TP_NIL };
        return TP_OK;
    default:
        if (not_a_function(x, cmd, final) != TP_OK) return TP_FAILED;
        return constant(x, n, out);
    }
}

static int eval_arg(tp_ctx *x, uint32_t base, const tp_value *dot, const tp_node *n, tp_value *out)
{
    return eval_operand(x, base, dot, n, NULL, &MISSING, out);
}

static int eval_pipeline(tp_ctx *x, uint32_t base, const tp_value *dot, const tp_node *pipe, tp_value *out)
{
    tp_value v = MISSING;
    char here;
    if (x->stack_base - (uintptr_t)&here > TP_MAX_STACK)
        return tp_fail(x, "exceeded maximum nesting depth (%u KiB of stack)", (unsigned)(TP_MAX_STACK >> 10));
    if (!pipe) {
        *out = (tp_value){ .kind = TP_INVALID };
        return TP_OK;
    }
    for (uint32_t i = 0; i < pipe->nkids; i++) {
        const tp_node *cmd = pipe->kids[i];
        tp_value r;
        if (eval_operand(x, base, dot, cmd->kids[0], cmd, &v, &r) != TP_OK) return TP_FAILED;
        v = r;
    }
    for (uint32_t i = 0; i < pipe->ndecl; i++) {
        if (pipe->is_assign ? set_var(x, base, pipe->decl[i], &v) : push_var(x, pipe->decl[i], &v))
            return TP_FAILED;
    }
    *out = v;
    return TP_OK;
}

/* ------------------------------------------------------------------ walking */

enum { WALK_OK = 0, WALK_FAILED = -1, WALK_BREAK = 1, WALK_CONTINUE = 2 };

static int walk(tp_ctx *x, uint32_t base, const tp_value *dot, const tp_node *n);

/* out handed on when it holds a piece (opts->flush; all of it when `all`) */
static int flush_out(tp_ctx *x, int all)
{
    if (!x->opts->flush || x->failed || !x->out->len || (!all && x->out->len < TP_FLUSH_BYTES)) return TP_OK;
    if (x->opts->interrupted && x->opts->interrupted(x->opts->io)) return tp_fail(x, "interrupted");
    if (x->opts->flush(x->opts->io, x->out->data, x->out->len) != 0)
        return tp_fail(x, "cannot write the output");
    x->flushed += x->out->len;
    x->out->len = 0;
    return TP_OK;
}

/* every byte made counts against the bound, those handed on too */
static int over_bound(const tp_ctx *x, size_t more)
{
    return x->flushed + x->out->len + more > x->opts->max_output;
}

static int emit(tp_ctx *x, const char *s, size_t n)
{
    if (over_bound(x, n)) return tp_fail(x, "output exceeds %zu bytes", x->opts->max_output);
    lp_buf_put(x->out, s, n);
    if (x->out->oom) return tp_fail(x, "out of memory");
    return flush_out(x, 0);
}

static int walk_list(tp_ctx *x, uint32_t base, const tp_value *dot, const tp_node *list)
{
    for (uint32_t i = 0; list && i < list->nkids; i++) {
        int rc = walk(x, base, dot, list->kids[i]);
        if (rc) return rc;
    }
    return WALK_OK;
}

static int walk_range_body(tp_ctx *x, uint32_t base, const tp_node *r, const tp_value *key,
                           const tp_value *elem)
{
    const tp_node *pipe = r->node;
    if (step(x) != TP_OK) return WALK_FAILED;
    if (pipe->ndecl) {
        if (pipe->is_assign) {
            if (set_var(x, base, pipe->decl[0], pipe->ndecl > 1 ? key : elem)) return WALK_FAILED;
        } else {
            x->vars[x->nvars - 1].v = *elem;
        }
    }
    if (pipe->ndecl > 1) {
        if (pipe->is_assign) {
            if (set_var(x, base, pipe->decl[1], elem)) return WALK_FAILED;
        } else {
            x->vars[x->nvars - 2].v = *key;
        }
    }
    uint32_t mark = x->nvars, floor = x->var_floor;
    int escaped = x->escaped;
    tp_pool_mark pm;
    tp_pool_mark_get(&x->pool, &pm);
    x->var_floor = mark;
    x->escaped = 0;
    int rc = walk_list(x, base, elem, r->list);
    x->nvars = mark;
    /* what the iteration made is dead unless a variable from before it took some of it */
    if (!x->escaped && rc >= 0 && !x->failed) tp_pool_rewind(&x->pool, &pm);
    x->var_floor = floor;
    x->escaped |= escaped;
    return rc;
}

static int walk_range(tp_ctx *x, uint32_t base, const tp_value *dot, const tp_node *r)
{
    uint32_t mark = x->nvars;
    tp_value v;
    x->at = r;
    if (eval_pipeline(x, base, dot, r->node, &v) != TP_OK) return WALK_FAILED;
    /* how many times it iterates: a list's items, a map's entries, an int's 0..n-1 */
    int64_t count = 0;
    switch (v.kind) {
    case TP_LIST: count = v.u.l ? v.u.l->n : 0; break;
    case TP_MAP: count = v.u.m ? v.u.m->n : 0; break;
    case TP_INT:
        if (r->node->ndecl > 1) {
            x->at = r;
            tp_fail(x, "can't use %lld to iterate over more than one variable", (long long)v.u.i);
            return WALK_FAILED;
        }
        count = v.u.i;
        break;
    case TP_INVALID:
    case TP_NIL: break;
    default: {
        lp_buf b = { 0 };
        tp_print(x, &v, &b);
        x->at = r;
        tp_fail(x, "range can't iterate over %s", b.data ? b.data : "");
        lp_buf_free(&b);
        return WALK_FAILED;
    }
    }
    int rc = WALK_OK, iterated = 0;
    for (int64_t i = 0; i < count; i++) {
        /* the key is the index or the map's key; an int's element is its index too */
        tp_value k = v.kind == TP_MAP ? tp_cstr(v.u.m->keys[i]) : tp_int(i);
        const tp_value *e = v.kind == TP_LIST ? &v.u.l->v[i] : v.kind == TP_MAP ? &v.u.m->v[i] : &k;
        iterated = 1;
        rc = walk_range_body(x, base, r, &k, e);
        if (rc == WALK_CONTINUE) rc = WALK_OK;
        if (rc) break;
    }
    if (rc == WALK_BREAK) rc = WALK_OK;
    if (rc == WALK_OK && !iterated && r->else_list) rc = walk_list(x, base, dot, r->else_list);
    x->nvars = mark;
    return rc;
}

static int walk_template(tp_ctx *x, const tp_value *dot, uint32_t base, const tp_node *n)
{
    x->at = n;
    tp_tree *t = tp_find_tree(x->set, n->text);
    if (!t) return tp_fail(x, "template \"%s\" not defined", n->text);
    if (x->depth >= x->opts->max_depth)
        return tp_fail(x, "exceeded maximum template depth (%u)", x->opts->max_depth);
    tp_value nd;
    if (eval_pipeline(x, base, dot, n->node, &nd) != TP_OK) return WALK_FAILED;
    const tp_tree *saved = x->tree;
    uint32_t mark = x->nvars;
    if (push_var(x, "$", &nd) != TP_OK) return WALK_FAILED;
    x->depth++;
    x->tree = t;
    int rc = walk_list(x, mark, &nd, t->root);
    x->depth--;
    x->tree = saved;
    x->nvars = mark;
    return rc < 0 ? rc : WALK_OK;
}

static int walk(tp_ctx *x, uint32_t base, const tp_value *dot, const tp_node *n)
{
    x->at = n;
    if (step(x) != TP_OK) return WALK_FAILED;
    char here;
    if (x->stack_base - (uintptr_t)&here > TP_MAX_STACK)
        return tp_fail(x, "exceeded maximum nesting depth (%u KiB of stack)", (unsigned)(TP_MAX_STACK >> 10));
    switch (n->k) {
    case ND_TEXT: return emit(x, n->text, n->len) == TP_OK ? WALK_OK : WALK_FAILED;
    case ND_ACTION: {
        tp_value v;
        if (eval_pipeline(x, base, dot, n->node, &v) != TP_OK) return WALK_FAILED;
        if (n->node->ndecl) return WALK_OK;
        size_t before = x->out->len;
        if (v.kind == TP_INVALID) lp_buf_puts(x->out, "<no value>");
        else tp_print(x, &v, x->out);
        if (x->failed) return WALK_FAILED;
        if (x->out->oom) return tp_fail(x, "out of memory");
        if (over_bound(x, 0)) {
            x->out->len = before;
            x->at = n;
            return tp_fail(x, "output exceeds %zu bytes", x->opts->max_output);
        }
        return flush_out(x, 0) == TP_OK ? WALK_OK : WALK_FAILED;
    }
    case ND_IF:
    case ND_WITH: {
        uint32_t mark = x->nvars;
        tp_value v;
        if (eval_pipeline(x, base, dot, n->node, &v) != TP_OK) return WALK_FAILED;
        int rc;
        if (tp_truth(&v)) rc = walk_list(x, base, n->k == ND_WITH ? &v : dot, n->list);
        else rc = n->else_list ? walk_list(x, base, dot, n->else_list) : WALK_OK;
        x->nvars = mark;
        return rc;
    }
    case ND_RANGE: return walk_range(x, base, dot, n);
    case ND_TEMPLATE: return walk_template(x, dot, base, n);
    case ND_BREAK: return WALK_BREAK;
    case ND_CONTINUE: return WALK_CONTINUE;
    case ND_LIST: return walk_list(x, base, dot, n);
    default: return tp_fail(x, "unknown node");
    }
}

int tp_set_exec(tp_set *s, const char *name, const tp_value *dot, const tp_opts *opts, lp_buf *out,
                lp_buf *err)
{
    tp_opts o = opts ? *opts : (tp_opts){ 0 };
    if (!o.max_depth) o.max_depth = TP_DEFAULT_DEPTH;
    if (!o.max_output) o.max_output = TP_DEFAULT_OUTPUT;
    if (!o.max_steps) o.max_steps = TP_DEFAULT_STEPS;
    tp_tree *t = tp_find_tree(s, name);
    if (!t) {
        lp_buf_printf(err, "template: no template \"%s\" associated with template \"outlet\"", name);
        return -1;
    }
    char base;
    tp_ctx x = { .set = s, .opts = &o, .out = out, .err = err, .tree = t, .stack_base = (uintptr_t)&base };
    x.pool.limit = o.max_memory ? o.max_memory : o.max_output * 2 + ((size_t)64 << 20);
    tp_value d = dot ? *dot : (tp_value){ .kind = TP_INVALID };
    int rc = push_var(&x, "$", &d) == TP_OK ? walk_list(&x, 0, &d, t->root) : WALK_FAILED;
    if (rc >= 0 && !x.failed) flush_out(&x, 1);
    if (x.failed) rc = WALK_FAILED;
    free(x.vars);
    tp_pool_free(&x.pool);
    return rc < 0 ? -1 : 0;
}
