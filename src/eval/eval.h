/* eval.h — evaluation of HCL expressions (hcl_ast.h trees) into values.
 *
 * Semantics follow hclsyntax v2.20.1 over cty (HCL_SYNTAX.md §8): both sides
 * of && and || are evaluated, `?:` evaluates both branches but reports errors
 * only from the chosen one, equality is type-strict, templates unwrap a lone
 * interpolation, arithmetic operands convert to numbers.
 *
 * Names come from a scope (ev_scope): one callback resolves every root name
 * that is not bound by a `for` or a splat — var, local, resource types, mod
 * names.  The roots `self`, `param` and `with` exist only when a dashboard
 * runs: an expression that uses them evaluates to LP_EV_UNRESOLVED, which is
 * not an error, and so does any value the scope returns as LPV_UNKNOWN.
 *
 * Values are allocated in the arena given to ev_init; strings may also
 * point into the syntax tree (copy with lpv_copy before dropping the tree).
 * Evaluation does no I/O: file() goes through scope->read_file.
 */
#ifndef LP_EVAL_H
#define LP_EVAL_H

#include <stdarg.h>

#include "hcl/hcl_ast.h"
#include "eval/value.h"

enum {
    LP_EV_OK = 0,
    LP_EV_ERR = 1,          /* an error is recorded in the ev_ctx */
    LP_EV_UNRESOLVED = 2,   /* depends on a run-time value */
    LP_EV_NOROOT = 3,       /* scope callback: this root name does not exist */
};

typedef struct ev_ctx ev_ctx;

typedef struct ev_scope {
    void *user;
    /* Resolve the root `root` of a traversal whose static steps follow.  On
     * LP_EV_OK set *out and *used (how many of the steps the callback applied
     * itself, 0..n); the evaluator applies the rest.  May return
     * LP_EV_UNRESOLVED, LP_EV_NOROOT, or LP_EV_ERR after ev_fail.  NULL:
     * no names at all. */
    int (*resolve)(void *user, ev_ctx *ev, hcl_str root, hcl_range root_range,
                   const hcl_step *steps, uint32_t n, lpv_value *out, uint32_t *used);
    /* file(path): read path (relative paths against the mod root) into the
     * arena.  0, or -1 with *err set (a static or arena string). */
    int (*read_file)(void *user, const char *path, size_t len, ar_arena *a,
                     const char **data, size_t *n, const char **err);
    /* fileexists(path): 1, 0, or -1 when the path is refused (outside a dependency mod's folder) */
    int (*file_exists)(void *user, const char *path, size_t len);
    /* env(name): NULL when unset.  NULL callback: every variable is unset. */
    const char *(*getenv)(void *user, const char *name);
} ev_scope;

typedef struct ev_err {
    int set;
    hcl_range range;
    const char *file;
    const char *src;           /* the source of `file`, for the expression text */
    char summary[96];
    char detail[512];
} ev_err;

#define LP_EVAL_MAX_BINDS 256

/* Bounds on every value an expression evaluates to, counted as it would be
 * written out (a list that holds one local ten times counts it ten times:
 * nested locals of ten lists of ten are 10^9 elements in a few KB), and on
 * what evaluating one expression may allocate on the way (flatten, for,
 * format...).  Past them: "Value too large" at the expression. */
#define LP_EVAL_MAX_ELEMS (1u << 22)          /* values, nested ones included */
#define LP_EVAL_MAX_BYTES ((size_t)256 << 20) /* bytes of strings */
#define LP_EVAL_MAX_ALLOC ((size_t)1 << 30)   /* arena bytes one ev_expr may take */

typedef struct ev_bind {
    hcl_str name;              /* len 0 with anon set: a splat element */
    const hcl_expr *anon;
    lpv_value val;
} ev_bind;

struct ev_ctx {
    ar_arena *arena;
    const ev_scope *scope;
    const hcl_file *file;      /* the file the expressions come from (may be NULL) */
    ev_bind binds[LP_EVAL_MAX_BINDS];
    uint32_t nbinds;
    uint32_t depth;            /* nested evaluation (function calls, try) */
    uint32_t nest;             /* ev_expr calls active (the outermost sets the arena's limit) */
    ev_err err;
    /* 1: `self`, `param` and `with` go to the scope like any root (a dashboard run's scope, which
     * has their values); 0 (ev_init): they are run-time values, LP_EV_UNRESOLVED */
    int runtime;
};

void ev_init(ev_ctx *ev, ar_arena *a, const ev_scope *scope, const hcl_file *file);

/* Evaluate e: LP_EV_OK with *out, LP_EV_UNRESOLVED, or LP_EV_ERR (see ev->err;
 * the first error is kept).  Out of memory is an error "Out of memory"; a
 * value past LP_EVAL_MAX_ELEMS or LP_EVAL_MAX_BYTES, or an evaluation that
 * would allocate more than LP_EVAL_MAX_ALLOC, is an error "Value too large". */
int ev_expr(ev_ctx *ev, const hcl_expr *e, lpv_value *out);

/* Record an error at r (if none is recorded yet); returns LP_EV_ERR. */
int ev_fail(ev_ctx *ev, hcl_range r, const char *summary, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int ev_oom(ev_ctx *ev, hcl_range r);

/* The recorded error as a diagnostic: detail ends with the source text of the
 * failing expression (" in `...`").  buf holds the detail text. */
void ev_diag(const ev_ctx *ev, lp_diag *d, char *buf, size_t size);

/* Apply static traversal steps (attribute / index) to v. */
int ev_steps(ev_ctx *ev, lpv_value v, const hcl_step *steps, uint32_t n, lpv_value *out);
/* v[key] with hcl's Index rules. */
int ev_index(ev_ctx *ev, lpv_value coll, lpv_value key, hcl_range r, lpv_value *out);
/* v.name with hcl's GetAttr rules. */
int ev_attr(ev_ctx *ev, lpv_value v, const char *name, size_t len, hcl_range r, lpv_value *out);

/* ---- functions (funcs.c) */
typedef int (*fn_impl)(ev_ctx *ev, const hcl_expr *call, lpv_value *args, uint32_t n,
                       lpv_value *out);

typedef struct fn_def {
    const char *name;
    fn_impl impl;
    uint8_t min, max;          /* argument counts; max 255 = variadic */
    uint8_t flags;             /* LP_FN_* */
    const char *params;        /* parameter names, comma-separated (messages) */
    /* each parameter's type, a letter each, checked and converted in order before impl runs, as
     * cty converts a call's arguments to its parameters' types: 's' string, 'n' number, 'i' whole
     * number, 'l' list/set/tuple, 'm' map/object, '.' any (also where the letters end); a variadic
     * function's last letter stands for every argument from there on */
    const char *types;
} fn_def;

#define LP_FN_NULL_OK 1u       /* arguments may be null */
#define LP_FN_RAW 2u           /* try/can: impl gets no evaluated args */
#define LP_FN_VARIADIC 255u

const fn_def *fn_lookup(const char *name, size_t len);
/* f's impl on args (n of them, f's arity and null rules already checked), each first converted or
 * checked as f->types says; args is the caller's and is converted in place. */
int fn_call(ev_ctx *ev, const fn_def *f, const hcl_expr *call, lpv_value *args, uint32_t n, lpv_value *out);
/* JSON text as a value, as jsondecode reads it (in ev's arena): 0; -1 with *why when it is not
 * JSON; -2 out of memory. */
int ev_json_decode(ev_ctx *ev, const char *s, size_t n, lpv_value *out, const char **why);
/* Every function, sorted by name (docs and tests). */
const fn_def *fn_table(size_t *n);

#endif
