/* tmpl_parse.c — the template parser: Go's text/template/parse/parse.go over tp_lex's tokens,
 * building tp_node trees into a tp_set (one per template: the file's own and each
 * {{define}}/{{block}}).  Its checks are Go's, at parse time: functions must exist, variables be
 * declared, break/continue sit in a range; its messages are Go's ("template: NAME:LINE: ...").
 * Nesting (controls and parentheses) is bounded: the executor recurses over the tree. */
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "tmplInt.h"

#define MAX_NESTING 1000

typedef struct parser {
    tp_set *set;
    tp_lexer lx;
    uint32_t at;                 /* next token */
    const char *parse_name;
    const char *src;
    const char **vars;           /* declared variables, innermost last */
    uint32_t nvars, cap_vars;
    int range_depth, nesting;
    tp_tree **made;              /* trees of this parse, added to the set once it succeeds */
    uint32_t nmade, cap_made;
    lp_buf *err;
    jmp_buf fail;
} parser;

static void *palloc(parser *p, size_t n);

__attribute__((format(printf, 2, 3), noreturn)) static void perr(parser *p, const char *fmt, ...)
{
    const tp_token *t = &p->lx.toks[p->at ? p->at - 1 : 0];
    lp_buf_printf(p->err, "template: %s:%u: ", p->parse_name, t->line);
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lp_buf_puts(p->err, msg);
    longjmp(p->fail, 1);
}

static void *palloc(parser *p, size_t n)
{
    void *m = tp_pool_alloc(&p->set->pool, n);
    if (!m) {
        lp_buf_puts(p->err, "template: out of memory");
        longjmp(p->fail, 1);
    }
    return m;
}

static char *pstrndup(parser *p, const char *s, size_t n)
{
    char *d = palloc(p, n + 1);
    memcpy(d, s, n);
    return d;
}

static const tp_token *next(parser *p) { return &p->lx.toks[p->at < p->lx.ntoks - 1 ? p->at++ : p->at]; }
static const tp_token *peek(parser *p) { return &p->lx.toks[p->at]; }
static void backup(parser *p, uint32_t n) { p->at -= n; }
static const tp_token *next_non_space(parser *p)
{
    const tp_token *t;
    while ((t = next(p))->t == TK_SPACE) {}
    return t;
}
static const tp_token *peek_non_space(parser *p)
{
    const tp_token *t = next_non_space(p);
    backup(p, 1);
    return t;
}

/* Go's item.String(): how a token is named in "unexpected X in Y" */
static void token_name(parser *p, const tp_token *t, char *out, size_t cap)
{
    static const char *const KW[] = { [TK_BLOCK] = "block", [TK_BREAK] = "break", [TK_CONTINUE] = "continue",
                                      [TK_DEFINE] = "define", [TK_ELSE] = "else", [TK_END] = "end",
                                      [TK_IF] = "if", [TK_RANGE] = "range", [TK_TEMPLATE] = "template",
                                      [TK_WITH] = "with" };
    if (t->t == TK_EOF) snprintf(out, cap, "EOF");
    else if (t->t >= TK_BLOCK) snprintf(out, cap, "<%s>", KW[t->t]);
    else if (t->len > 10) snprintf(out, cap, "\"%.10s\"...", p->src + t->pos);
    else snprintf(out, cap, "\"%.*s\"", (int)t->len, p->src + t->pos);
}

__attribute__((noreturn)) static void unexpected(parser *p, const tp_token *t, const char *context)
{
    if (t->t == TK_ERROR) perr(p, "%s", t->err);
    char name[64];
    token_name(p, t, name, sizeof name);
    perr(p, "unexpected %s in %s", name, context);
}

static const tp_token *expect(parser *p, tp_tok want, const char *context)
{
    const tp_token *t = next_non_space(p);
    if (t->t != want) unexpected(p, t, context);
    return t;
}

static tp_node *new_node(parser *p, tp_node_kind k, uint32_t pos)
{
    tp_node *n = palloc(p, sizeof *n);
    n->k = k;
    n->pos = n->end = pos;
    return n;
}

static void append(parser *p, tp_node *list, tp_node *item)
{
    if ((list->nkids & (list->nkids - 1)) == 0) {   /* grow at powers of two */
        uint32_t cap = list->nkids ? list->nkids * 2 : 1;
        tp_node **nk = palloc(p, cap * sizeof *nk);
        if (list->nkids) memcpy(nk, list->kids, list->nkids * sizeof *nk);
        list->kids = nk;
    }
    list->kids[list->nkids++] = item;
}

static void push_var(parser *p, const char *name)
{
    if (p->nvars == p->cap_vars) {
        uint32_t nc = p->cap_vars ? p->cap_vars * 2 : 16;
        const char **nv = palloc(p, nc * sizeof *nv);
        if (p->nvars) memcpy(nv, p->vars, p->nvars * sizeof *nv);
        p->vars = nv;
        p->cap_vars = nc;
    }
    p->vars[p->nvars++] = name;
}

/* Go's strconv.Unquote of a "..." or `...` or '...' token into *out (NUL-terminated). */
static int unquote(parser *p, const tp_token *t, char **out, size_t *outlen);

static tp_node *pipeline(parser *p, const char *context, tp_tok end);
static tp_node *item_list(parser *p, tp_node **end_node);

static void nest(parser *p)
{
    if (++p->nesting > MAX_NESTING) perr(p, "max expression depth exceeded");
}

/* A field or variable token's names: ".A.B" / "$x.A" split at the dots. */
static void split_idents(parser *p, tp_node *n, const char *s, size_t len, int skip_first)
{
    uint32_t count = 0;
    for (size_t i = 0; i < len; i++) count += s[i] == '.';
    n->idents = palloc(p, (count + 1) * sizeof *n->idents);
    size_t i = 0;
    if (skip_first) {   /* "$x" before the first dot */
        while (i < len && s[i] != '.') i++;
        n->text = pstrndup(p, s, i);
        n->len = i;
    }
    while (i < len) {
        size_t j = ++i;   /* past the dot */
        while (j < len && s[j] != '.') j++;
        n->idents[n->nidents++] = pstrndup(p, s + i, j - i);
        i = j;
    }
}

static tp_node *number(parser *p, const tp_token *t)
{
    tp_node *n = new_node(p, ND_NUMBER, t->pos);
    n->end = t->pos + t->len;
    if (t->t == TK_CHAR) {
        char *s;
        size_t len;
        if (unquote(p, t, &s, &len) != 0 || len == 0) perr(p, "malformed character constant");
        /* the rune's value: decode UTF-8 */
        const unsigned char *u = (const unsigned char *)s;
        int64_t r = u[0];
        int extra = u[0] >= 0xF0 ? 3 : u[0] >= 0xE0 ? 2 : u[0] >= 0xC0 ? 1 : 0;
        if (extra) r &= 0x3F >> extra;
        for (int i = 1; i <= extra && (size_t)i < len; i++) r = (r << 6) | (u[i] & 0x3F);
        if ((size_t)extra + 1 != len) perr(p, "malformed character constant");
        n->ival = r;
        return n;
    }
    char buf[128];
    size_t k = 0;
    for (uint32_t i = 0; i < t->len && k + 1 < sizeof buf; i++)
        if (p->src[t->pos + i] != '_') buf[k++] = p->src[t->pos + i];
    buf[k] = '\0';
    const char *txt = buf;
    int neg = 0;
    if (*txt == '+' || *txt == '-') neg = *txt++ == '-';
    int has_frac = strpbrk(txt, ".eEpP") != NULL;
    int hex = txt[0] == '0' && (txt[1] == 'x' || txt[1] == 'X');
    if (hex) has_frac = strpbrk(txt, ".pP") != NULL;
    char *e;
    if (!has_frac) {
        int base = 10;
        const char *digits = txt;
        if (txt[0] == '0' && txt[1]) {
            if (txt[1] == 'x' || txt[1] == 'X') base = 16, digits = txt + 2;
            else if (txt[1] == 'o' || txt[1] == 'O') base = 8, digits = txt + 2;
            else if (txt[1] == 'b' || txt[1] == 'B') base = 2, digits = txt + 2;
            else base = 8, digits = txt + 1;
        }
        if (!*digits) perr(p, "illegal number syntax: \"%.*s\"", (int)t->len, p->src + t->pos);
        errno = 0;
        unsigned long long u = strtoull(digits, &e, base);
        if (*e) perr(p, "illegal number syntax: \"%.*s\"", (int)t->len, p->src + t->pos);
        if (errno || u > (unsigned long long)INT64_MAX + (unsigned long long)neg)
            perr(p, "integer overflow: \"%.*s\"", (int)t->len, p->src + t->pos);
        n->ival = neg ? (int64_t)(0 - u) : (int64_t)u;
        n->fval = (double)n->ival;
        return n;
    }
    double f = strtod(txt, &e);
    if (*e || e == txt) perr(p, "illegal number syntax: \"%.*s\"", (int)t->len, p->src + t->pos);
    n->is_float = 1;
    n->fval = neg ? -f : f;
    return n;
}

static tp_node *term(parser *p)
{
    const tp_token *t = next_non_space(p);
    tp_node *n;
    switch (t->t) {
    case TK_IDENT: {
        const char *name = p->src + t->pos;
        const tp_func *fn = tp_find_func(p->set, name, t->len);   /* the set's own come first */
        if (!fn) fn = tp_builtin(name, t->len);
        if (!fn) perr(p, "function \"%.*s\" not defined", (int)t->len, name);
        n = new_node(p, ND_IDENT, t->pos);
        n->fn = fn;
        /* Go's builtin and/or evaluate their arguments lazily: the executor's own */
        if (fn == tp_builtin(name, t->len)) {
            int is_and = t->len == 3 && !memcmp(name, "and", 3);
            int is_or = t->len == 2 && !memcmp(name, "or", 2);
            n->ival = is_and ? 1 : is_or ? 2 : 0;
        }
        n->text = pstrndup(p, name, t->len);
        n->len = t->len;
        break;
    }
    case TK_DOT: n = new_node(p, ND_DOT, t->pos); break;
    case TK_NIL: n = new_node(p, ND_NIL, t->pos); break;
    case TK_VAR: {
        n = new_node(p, ND_VAR, t->pos);
        split_idents(p, n, p->src + t->pos, t->len, 1);
        int found = 0;
        for (uint32_t i = 0; i < p->nvars && !found; i++) found = strcmp(p->vars[i], n->text) == 0;
        if (!found) perr(p, "undefined variable \"%s\"", n->text);
        break;
    }
    case TK_FIELD:
        n = new_node(p, ND_FIELD, t->pos);
        split_idents(p, n, p->src + t->pos, t->len, 0);
        break;
    case TK_BOOL:
        n = new_node(p, ND_BOOL, t->pos);
        n->bval = p->src[t->pos] == 't';
        break;
    case TK_NUMBER:
    case TK_CHAR: return number(p, t);
    case TK_LPAREN:
        nest(p);
        n = pipeline(p, "parenthesized pipeline", TK_RPAREN);
        p->nesting--;
        n->pos = t->pos;
        n->end = p->lx.toks[p->at - 1].pos + 1;
        return n;
    case TK_STRING:
    case TK_RAW: {
        n = new_node(p, ND_STRING, t->pos);
        char *s;
        if (unquote(p, t, &s, &n->len) != 0) perr(p, "invalid syntax");
        n->text = s;
        break;
    }
    default: backup(p, 1); return NULL;
    }
    n->end = t->pos + t->len;
    return n;
}

static tp_node *operand(parser *p)
{
    tp_node *n = term(p);
    if (!n || peek(p)->t != TK_FIELD) return n;
    /* a field chain after the term: (x).A.B, $x.A, .A.B */
    uint32_t start = peek(p)->pos;
    size_t count = 0;
    for (uint32_t i = p->at; p->lx.toks[i].t == TK_FIELD; i++) count++;
    switch (n->k) {
    case ND_BOOL:
    case ND_STRING:
    case ND_NUMBER:
    case ND_NIL:
    case ND_DOT:
        perr(p, "unexpected . after term \"%.*s\"", (int)(n->end - n->pos), p->src + n->pos);
    default: break;
    }
    tp_node *holder = n;
    if (n->k != ND_FIELD && n->k != ND_VAR) {
        holder = new_node(p, ND_CHAIN, n->pos);
        holder->node = n;
    }
    const char **ids = palloc(p, (holder->nidents + count) * sizeof *ids);
    if (holder->nidents) memcpy(ids, holder->idents, holder->nidents * sizeof *ids);
    for (size_t i = 0; i < count; i++) {
        const tp_token *f = next(p);
        ids[holder->nidents++] = pstrndup(p, p->src + f->pos + 1, f->len - 1);
        holder->end = f->pos + f->len;
    }
    (void)start;
    holder->idents = ids;
    return holder;
}

static tp_node *command(parser *p)
{
    tp_node *cmd = new_node(p, ND_COMMAND, peek_non_space(p)->pos);
    for (;;) {
        peek_non_space(p);
        tp_node *o = operand(p);
        if (o) {
            append(p, cmd, o);
            cmd->end = o->end;
        }
        const tp_token *t = next(p);
        if (t->t == TK_SPACE) continue;
        if (t->t == TK_RIGHT || t->t == TK_RPAREN) backup(p, 1);
        else if (t->t != TK_PIPE) unexpected(p, t, "operand");
        break;
    }
    if (!cmd->nkids) perr(p, "empty command");
    return cmd;
}

static tp_node *pipeline(parser *p, const char *context, tp_tok end)
{
    tp_node *pipe = new_node(p, ND_PIPE, peek_non_space(p)->pos);
    const char *decl[2];
    uint32_t ndecl = 0;
decls:
    if (peek_non_space(p)->t == TK_VAR) {
        uint32_t save = p->at;
        const tp_token *v = next_non_space(p);
        const tp_token *nx = peek_non_space(p);
        const char *name = pstrndup(p, p->src + v->pos, v->len);
        if (nx->t == TK_ASSIGN || nx->t == TK_DECLARE) {
            pipe->is_assign = nx->t == TK_ASSIGN;
            next_non_space(p);
            decl[ndecl++] = name;
            push_var(p, name);
        } else if (nx->t == TK_COMMA) {
            next_non_space(p);
            decl[ndecl++] = name;
            if (strcmp(context, "range") == 0 && ndecl < 2) {
                tp_tok k = peek_non_space(p)->t;
                if (k == TK_VAR || k == TK_RIGHT || k == TK_RPAREN) goto decls;
                perr(p, "range can only initialize variables");
            }
            perr(p, "too many declarations in %s", context);
        } else {
            p->at = save;   /* $x is an operand */
        }
    }
    if (ndecl) {
        pipe->decl = palloc(p, ndecl * sizeof *pipe->decl);
        memcpy(pipe->decl, decl, ndecl * sizeof *decl);
        pipe->ndecl = ndecl;
        /* "$i, $e :=": the first was declared with the second */
        if (ndecl == 2) push_var(p, decl[0]);
    }
    for (;;) {
        const tp_token *t = next_non_space(p);
        if (t->t == end) {
            if (!pipe->nkids) perr(p, "missing value for %s", context);
            for (uint32_t i = 1; i < pipe->nkids; i++) {
                tp_node_kind k = pipe->kids[i]->kids[0]->k;
                if (k == ND_BOOL || k == ND_DOT || k == ND_NIL || k == ND_NUMBER || k == ND_STRING)
                    perr(p, "non executable command in pipeline stage %u", i + 1);
            }
            return pipe;
        }
        switch (t->t) {
        case TK_BOOL:
        case TK_CHAR:
        case TK_DOT:
        case TK_FIELD:
        case TK_IDENT:
        case TK_NUMBER:
        case TK_NIL:
        case TK_RAW:
        case TK_STRING:
        case TK_VAR:
        case TK_LPAREN: {
            backup(p, 1);
            tp_node *c = command(p);
            append(p, pipe, c);
            pipe->end = c->end;
            break;
        }
        default: unexpected(p, t, context);
        }
    }
}

static tp_tree *new_tree(parser *p, const char *name)
{
    tp_tree *t = palloc(p, sizeof *t);
    t->name = name;
    t->parse_name = p->parse_name;
    t->src = p->src;
    if (p->nmade == p->cap_made) {
        uint32_t nc = p->cap_made ? p->cap_made * 2 : 8;
        tp_tree **nm = palloc(p, nc * sizeof *nm);
        if (p->nmade) memcpy(nm, p->made, p->nmade * sizeof *nm);
        p->made = nm;
        p->cap_made = nc;
    }
    return t;
}

/* parse.IsEmptyTree: only space text (and comments, which the lexer drops) */
static int is_empty_list(const tp_node *l)
{
    for (uint32_t i = 0; i < l->nkids; i++) {
        const tp_node *n = l->kids[i];
        if (n->k != ND_TEXT) return 0;
        for (size_t j = 0; j < n->len; j++)
            if (!n->text[j] || !strchr(" \t\r\n", n->text[j])) return 0;
    }
    return 1;
}

/* Tree.add: a second non-empty definition of one name in a parse is an error */
static void add_tree(parser *p, tp_tree *t)
{
    t->empty = is_empty_list(t->root);
    for (uint32_t i = 0; i < p->nmade; i++)
        if (strcmp(p->made[i]->name, t->name) == 0) {
            if (p->made[i]->empty) p->made[i] = t;
            else if (!t->empty) perr(p, "template: multiple definition of template \"%s\"", t->name);
            return;
        }
    p->made[p->nmade++] = t;
}

static char *template_name(parser *p, const tp_token *t, const char *context)
{
    if (t->t != TK_STRING && t->t != TK_RAW) unexpected(p, t, context);
    char *s;
    size_t n;
    if (unquote(p, t, &s, &n) != 0) perr(p, "invalid syntax");
    return s;
}

/* A sub-tree (define, block) parsed with its own variables: only $ */
static tp_tree *sub_tree(parser *p, const char *name, const char *context)
{
    const char **saved = p->vars;
    uint32_t saved_n = p->nvars, saved_cap = p->cap_vars;
    int saved_range = p->range_depth;
    p->vars = NULL;
    p->nvars = p->cap_vars = 0;
    p->range_depth = 0;
    push_var(p, "$");
    tp_tree *t = new_tree(p, name);
    tp_node *end;
    t->root = item_list(p, &end);
    if (end->k != ND_LIST || end->bval != TK_END) perr(p, "unexpected {{else}} in %s", context);
    p->vars = saved;
    p->nvars = saved_n;
    p->cap_vars = saved_cap;
    p->range_depth = saved_range;
    add_tree(p, t);
    return t;
}

/* the {{end}} / {{else}} markers item_list stops at: ND_LIST nodes with bval = TK_END / TK_ELSE */
static tp_node *marker(parser *p, tp_tok which, uint32_t pos)
{
    tp_node *n = new_node(p, ND_LIST, pos);
    n->bval = (int)which;
    return n;
}

static tp_node *control(parser *p, tp_node_kind kind, const char *context, uint32_t pos);

static tp_node *action(parser *p)
{
    const tp_token *t = next_non_space(p);
    switch (t->t) {
    case TK_BLOCK: {
        const tp_token *nt = next_non_space(p);
        char *name = template_name(p, nt, "block clause");
        tp_node *pipe = pipeline(p, "block clause", TK_RIGHT);
        nest(p);
        sub_tree(p, name, "block clause");
        p->nesting--;
        tp_node *n = new_node(p, ND_TEMPLATE, nt->pos);
        n->text = name;
        n->node = pipe;
        n->end = pipe->end;
        return n;
    }
    case TK_BREAK:
    case TK_CONTINUE: {
        const char *what = t->t == TK_BREAK ? "break" : "continue";
        const tp_token *r = next_non_space(p);
        if (r->t != TK_RIGHT) unexpected(p, r, t->t == TK_BREAK ? "{{break}}" : "{{continue}}");
        if (!p->range_depth) perr(p, "{{%s}} outside {{range}}", what);
        tp_node *n = new_node(p, t->t == TK_BREAK ? ND_BREAK : ND_CONTINUE, t->pos);
        n->end = t->pos + t->len;
        return n;
    }
    case TK_ELSE: {
        const tp_token *pk = peek_non_space(p);
        if (pk->t == TK_IF || pk->t == TK_WITH) return marker(p, TK_ELSE, pk->pos);
        return marker(p, TK_ELSE, expect(p, TK_RIGHT, "else")->pos);
    }
    case TK_END: return marker(p, TK_END, expect(p, TK_RIGHT, "end")->pos);
    case TK_IF: return control(p, ND_IF, "if", t->pos);
    case TK_RANGE: return control(p, ND_RANGE, "range", t->pos);
    case TK_WITH: return control(p, ND_WITH, "with", t->pos);
    case TK_TEMPLATE: {
        const tp_token *nt = next_non_space(p);
        tp_node *n = new_node(p, ND_TEMPLATE, nt->pos);   /* Go's TemplateNode is at its name */
        n->text = template_name(p, nt, "template clause");
        n->end = nt->pos + nt->len;
        if (next_non_space(p)->t != TK_RIGHT) {
            backup(p, 1);
            n->node = pipeline(p, "template clause", TK_RIGHT);
            n->end = n->node->end;
        }
        return n;
    }
    default: break;
    }
    backup(p, 1);
    tp_node *n = new_node(p, ND_ACTION, peek_non_space(p)->pos);
    n->node = pipeline(p, "command", TK_RIGHT);
    n->end = n->node->end;
    return n;
}

static tp_node *control(parser *p, tp_node_kind kind, const char *context, uint32_t pos)
{
    nest(p);
    uint32_t saved_vars = p->nvars;
    tp_node *n = new_node(p, kind, pos);
    n->node = pipeline(p, context, TK_RIGHT);
    n->end = n->node->end;
    if (kind == ND_RANGE) p->range_depth++;
    tp_node *end;
    n->list = item_list(p, &end);
    if (kind == ND_RANGE) p->range_depth--;
    if (end->bval == TK_ELSE) {
        tp_tok pk = peek(p)->t;
        if ((kind == ND_IF && pk == TK_IF) || (kind == ND_WITH && pk == TK_WITH)) {
            const tp_token *kw = next(p);
            n->else_list = new_node(p, ND_LIST, end->pos);
            append(p, n->else_list, control(p, kind, context, kw->pos));
        } else {
            n->else_list = item_list(p, &end);
            if (end->bval != TK_END) perr(p, "expected end; found {{else}}");
        }
    }
    p->nvars = saved_vars;
    p->nesting--;
    return n;
}

static tp_node *text_or_action(parser *p)
{
    const tp_token *t = next_non_space(p);
    if (t->t == TK_TEXT) {
        tp_node *n = new_node(p, ND_TEXT, t->pos);
        n->text = p->src + t->pos;
        n->len = t->len;
        n->end = t->pos + t->len;
        return n;
    }
    if (t->t == TK_LEFT) return action(p);
    unexpected(p, t, "input");
}

static tp_node *item_list(parser *p, tp_node **end_node)
{
    tp_node *list = new_node(p, ND_LIST, peek_non_space(p)->pos);
    while (peek_non_space(p)->t != TK_EOF) {
        tp_node *n = text_or_action(p);
        if (n->k == ND_LIST && n->bval) {
            *end_node = n;
            return list;
        }
        append(p, list, n);
    }
    if (peek(p)->t == TK_ERROR) unexpected(p, next(p), "input");
    perr(p, "unexpected EOF");
}

static void parse_top(parser *p, tp_tree *top)
{
    top->root = new_node(p, ND_LIST, 0);
    while (peek(p)->t != TK_EOF) {
        if (peek(p)->t == TK_ERROR) unexpected(p, next(p), "input");
        if (peek(p)->t == TK_LEFT) {
            next(p);
            if (next_non_space(p)->t == TK_DEFINE) {
                const tp_token *nt = next_non_space(p);
                char *name = template_name(p, nt, "define clause");
                expect(p, TK_RIGHT, "define clause");
                sub_tree(p, name, "define clause");
                continue;
            }
            while (peek(p)->t != TK_LEFT) p->at--;
        }
        tp_node *n = text_or_action(p);
        if (n->k == ND_LIST && n->bval) perr(p, "unexpected {{%s}}", n->bval == TK_END ? "end" : "else");
        append(p, top->root, n);
    }
}

int tp_set_parse(tp_set *s, const char *name, const char *text, size_t len, lp_buf *err)
{
    if (len > UINT32_MAX - 1) {
        lp_buf_printf(err, "template: %s: too large", name);
        return -1;
    }
    parser p = { .set = s, .err = err };
    char *src = tp_pool_alloc(&s->pool, len + 1);
    char *pname = tp_pool_alloc(&s->pool, strlen(name) + 1);
    if (!src || !pname) {
        lp_buf_puts(err, "template: out of memory");
        return -1;
    }
    memcpy(src, text, len);
    strcpy(pname, name);
    p.src = src;
    p.parse_name = pname;
    if (tp_lex(&p.lx, src, (uint32_t)len) != 0) {
        tp_lex_free(&p.lx);
        lp_buf_puts(err, "template: out of memory");
        return -1;
    }
    if (setjmp(p.fail)) {
        tp_lex_free(&p.lx);
        return -1;
    }
    push_var(&p, "$");
    tp_tree *top = new_tree(&p, pname);
    parse_top(&p, top);
    add_tree(&p, top);
    tp_lex_free(&p.lx);
    /* associate: a template replaces one of its name unless it is empty and the old one is not */
    for (uint32_t i = 0; i < p.nmade; i++) {
        tp_tree *t = p.made[i];
        tp_tree *old = tp_find_tree(s, t->name);
        if (old) {
            if (t->empty && !old->empty) continue;
            for (uint32_t j = 0; j < s->ntrees; j++)
                if (s->trees[j] == old) s->trees[j] = t;
            continue;
        }
        if (s->ntrees == s->cap) {
            uint32_t nc = s->cap ? s->cap * 2 : 16;
            tp_tree **nt = realloc(s->trees, nc * sizeof *nt);
            if (!nt) {
                lp_buf_puts(err, "template: out of memory");
                return -1;
            }
            s->trees = nt;
            s->cap = nc;
        }
        s->trees[s->ntrees++] = t;
    }
    return 0;
}

/* ---- strconv.Unquote */

static int hexval(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* r as UTF-8 (utf8proc's encoder); a surrogate or a value past Unicode as U+FFFD, as Go's utf8 does */
static size_t put_utf8(char *o, uint32_t r)
{
    if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
    return (size_t)utf8proc_encode_char((utf8proc_int32_t)r, (utf8proc_uint8_t *)o);
}

static int unquote(parser *p, const tp_token *t, char **out, size_t *outlen)
{
    const char *s = p->src + t->pos + 1;
    size_t n = t->len - 2;
    char *o = palloc(p, n + 1);
    size_t k = 0;
    if (t->t == TK_RAW) {
        for (size_t i = 0; i < n; i++)
            if (s[i] != '\r') o[k++] = s[i];
        *out = o;
        *outlen = k;
        return 0;
    }
    char q = t->t == TK_CHAR ? '\'' : '"';
    for (size_t i = 0; i < n;) {
        char c = s[i++];
        if (c == q) return -1;
        if (c != '\\') {
            o[k++] = c;
            continue;
        }
        if (i >= n) return -1;
        c = s[i++];
        switch (c) {
        case 'a': o[k++] = '\a'; break;
        case 'b': o[k++] = '\b'; break;
        case 'f': o[k++] = '\f'; break;
        case 'n': o[k++] = '\n'; break;
        case 'r': o[k++] = '\r'; break;
        case 't': o[k++] = '\t'; break;
        case 'v': o[k++] = '\v'; break;
        case '\\': o[k++] = '\\'; break;
        case '\'':
        case '"':
            if (c != q) return -1;
            o[k++] = c;
            break;
        case 'x':
        case 'u':
        case 'U': {
            int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            uint32_t v = 0;
            for (int d = 0; d < digits; d++) {
                if (i >= n || hexval(s[i]) < 0) return -1;
                v = v * 16 + (uint32_t)hexval(s[i++]);
            }
            if (c == 'x') o[k++] = (char)v;
            else {
                if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return -1;
                /* \u escapes expand up to 4 bytes from 6 source bytes: always fits */
                k += put_utf8(o + k, v);
            }
            break;
        }
        default:
            if (c >= '0' && c <= '7') {
                uint32_t v = (uint32_t)(c - '0');
                for (int d = 0; d < 2; d++) {
                    if (i >= n || s[i] < '0' || s[i] > '7') return -1;
                    v = v * 8 + (uint32_t)(s[i++] - '0');
                }
                if (v > 255) return -1;
                o[k++] = (char)v;
                break;
            }
            return -1;
        }
    }
    o[k] = '\0';
    *out = o;
    *outlen = k;
    return 0;
}
