/* tmplInt.h — the template engine's inside: tokens (tmpl_lex.c), the syntax tree (tmpl_parse.c),
 * the execution context (tmpl_exec.c), shared by the engine's files only. */
#ifndef LP_TMPLINT_H
#define LP_TMPLINT_H

#include <stdarg.h>

#include "tmpl.h"

/* ---- memory: a bump pool freed at once (a set's trees; an execution's values) */
typedef struct tp_pool {
    struct tp_block *blocks;
    size_t used, limit;        /* limit: 0, or the most it may hand out */
} tp_pool;
void *tp_pool_alloc(tp_pool *p, size_t n);   /* zeroed, NULL on OOM or past the limit */
void tp_pool_free(tp_pool *p);
/* A point to come back to: tp_pool_rewind frees everything allocated since tp_pool_mark_get. */
typedef struct tp_pool_mark {
    struct tp_block *block;
    size_t block_used, used;
} tp_pool_mark;
void tp_pool_mark_get(const tp_pool *p, tp_pool_mark *m);
void tp_pool_rewind(tp_pool *p, const tp_pool_mark *m);

/* ---- tokens (Go's text/template/parse lex.go items) */
typedef enum tp_tok {
    TK_ERROR, TK_EOF, TK_TEXT, TK_LEFT, TK_RIGHT, TK_SPACE, TK_IDENT, TK_FIELD, TK_VAR, TK_STRING,
    TK_RAW, TK_CHAR, TK_NUMBER, TK_BOOL, TK_NIL, TK_DOT, TK_PIPE, TK_LPAREN, TK_RPAREN, TK_DECLARE,
    TK_ASSIGN, TK_COMMA, TK_PUNCT,   /* TK_PUNCT: other printable ASCII (Go's itemChar) */
    /* keywords */
    TK_BLOCK, TK_BREAK, TK_CONTINUE, TK_DEFINE, TK_ELSE, TK_END, TK_IF, TK_RANGE, TK_TEMPLATE, TK_WITH
} tp_tok;

typedef struct tp_token {
    tp_tok t;
    uint32_t pos, len;         /* in the text (TK_ERROR: the message is err) */
    uint32_t line;
    const char *err;
} tp_token;

typedef struct tp_lexer {
    const char *src;
    uint32_t n, pos, start, line, start_line;
    int in_action, paren_depth;
    char msg[96];              /* the error token's message, when it names what it found */
    tp_token *toks;
    uint32_t ntoks, cap;
} tp_lexer;
/* Tokenize src whole: 0, or -1 on OOM (a lexical error is a TK_ERROR token, then TK_EOF). */
int tp_lex(tp_lexer *lx, const char *src, uint32_t n);
void tp_lex_free(tp_lexer *lx);

/* ---- the syntax tree (parse/node.go) */
typedef enum tp_node_kind {
    ND_LIST, ND_TEXT, ND_ACTION, ND_IF, ND_RANGE, ND_WITH, ND_TEMPLATE, ND_BREAK, ND_CONTINUE,
    ND_PIPE, ND_COMMAND,
    /* operands */
    ND_FIELD, ND_CHAIN, ND_VAR, ND_DOT, ND_NIL, ND_BOOL, ND_NUMBER, ND_STRING, ND_IDENT
} tp_node_kind;

typedef struct tp_node tp_node;
struct tp_node {
    tp_node_kind k;
    uint32_t pos, end;         /* source span, for messages (Go's node.String()) */
    tp_node **kids;            /* list: items; pipe: commands; command: args */
    uint32_t nkids;
    const char *text;          /* text, string value, identifier, template name */
    size_t len;
    const char **idents;       /* field / chain / variable: the names after the first */
    uint32_t nidents;
    tp_node *node;             /* chain: the operand; action/if/range/with/template: the pipe */
    tp_node *list, *else_list; /* if/range/with */
    const char **decl;         /* pipe: declared or assigned variables */
    uint32_t ndecl;
    const tp_func *fn;         /* identifier: the function it names, resolved at parse time */
    int is_assign, is_float, bval;
    int64_t ival;
    double fval;
};

typedef struct tp_tree {
    const char *name;          /* the template's */
    const char *parse_name;    /* the file's (messages' location) */
    const char *src;           /* the file's text (line:col of a node) */
    tp_node *root;
    int empty;                 /* only space and comments (parse.IsEmptyTree) */
} tp_tree;

struct tp_set {
    tp_pool pool;              /* trees, names and texts */
    tp_tree **trees;
    uint32_t ntrees, cap;
    const tp_func *funcs;
    size_t nfuncs;
};
const tp_func *tp_find_func(const tp_set *s, const char *name, size_t n);
int tp_is_builtin(const char *name, size_t n);
tp_tree *tp_find_tree(const tp_set *s, const char *name);

/* ---- execution */
typedef struct tp_var {
    const char *name;
    tp_value v;
} tp_var;

struct tp_ctx {
    tp_set *set;
    const tp_opts *opts;
    tp_pool pool;              /* values made while executing */
    lp_buf *out;
    lp_buf *err;
    int failed;
    const tp_tree *tree;       /* the template executing (messages) */
    const tp_node *at;         /* the node evaluating (messages) */
    tp_var *vars;
    uint32_t nvars, cap;
    uint32_t depth;
    uint64_t steps;
    size_t flushed;            /* bytes handed to opts->flush so far */
    uintptr_t stack_base;      /* where the execution's stack began (its bound: TP_MAX_STACK) */
    /* A range iteration's values are freed after it unless one may outlive it: a variable declared
     * before the iteration (below var_floor) was given a value that points into the pool. */
    uint32_t var_floor;
    int escaped;
};
/* The stack an execution may use below its start: template calls times the nesting inside each
 * could otherwise recurse past the thread's stack. */
#define TP_MAX_STACK ((uintptr_t)1 << 21)

/* Go's "%!verb(type=value)" printf, appending to out. */
void tp_sprintf(tp_ctx *x, const char *fmt, size_t n, const tp_value *args, int nargs, lp_buf *out);
/* fmt.Sprint / Sprintln of args. */
void tp_sprint(tp_ctx *x, const tp_value *args, int nargs, int ln, lp_buf *out);
/* Go's strconv.Quote of s. */
void tp_quote(const char *s, size_t n, lp_buf *out);
/* strconv.FormatFloat(f, 'g', -1, 64), as %v prints a float64. */
void tp_float_v(double f, lp_buf *out);
/* Builtins (tmpl_funcs.c): and/or/not are the executor's; the rest are tp_fn. */
const tp_func *tp_builtin(const char *name, size_t n);
/* Compare for eq (ordered 0) and lt (1): NULL and *cmp (-1, 0, 1), or Go's message. */
const char *tp_compare(const tp_value *a, const tp_value *b, int ordered, int *cmp);
/* Lookup of time.Time / time.Duration methods. */
int tp_time_method(tp_ctx *x, const tp_value *rcv, const char *name, const tp_value *args, int nargs,
                   tp_value *out);
/* "name:line:col" context of a position in a tree, Go's ErrorContext. */
void tp_error_context(const tp_tree *t, uint32_t pos, lp_buf *out);

#endif
