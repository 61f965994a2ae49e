/* hcl_ast.h — the syntax tree of HCL native syntax, as hclsyntax builds it.
 *
 * Built by hcl_parse() (hcl_parse.c) into an arena the caller owns; dropping a
 * tree is one arena reset.  The shapes mirror hclsyntax's AST so that hcl2json's
 * conventions (hcl_json.c) and evaluation (eval.c) follow upstream exactly:
 *  - a template is a list of parts: string literals (after escapes, strip
 *    markers and heredoc flush), interpolated expressions, CONDITIONAL nodes for
 *    `%{if}` (branches are TEMPLATE nodes) and TEMPLATE_JOIN nodes for `%{for}`;
 *  - "${x}" alone is TEMPLATE_WRAP (its value passes through unconverted);
 *  - `a.b[0]` with literal steps is one SCOPE_TRAV; steps after any other term
 *    make a REL_TRAV; a computed `[k]` is INDEX; `.*` / `[*]` are SPLAT whose
 *    `each` expression is built over an ANON_SYMBOL standing for the element.
 *
 * Strings (hcl_str) point into the source when no decoding was needed (zero
 * copy) and into the arena otherwise; they are not NUL-terminated.  String
 * literal values are escape-decoded and NFC-normalised; identifiers and block
 * labels keep their exact bytes (labels are escape-decoded, never normalised).
 */
#ifndef LP_HCL_AST_H
#define LP_HCL_AST_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

typedef struct hcl_str {
    const char *p;
    uint32_t len;
} hcl_str;

/* A span of source: bytes [start, end), with the line/column of both ends
 * (1-based; columns count grapheme clusters, TAB = 1). */
typedef struct hcl_range {
    uint32_t start, end;
    uint32_t line, col;
    uint32_t end_line, end_col;
} hcl_range;

typedef struct hcl_expr hcl_expr;
typedef struct hcl_body hcl_body;

typedef enum hcl_expr_kind {
    HCL_EXPR_LITERAL,
    HCL_EXPR_TEMPLATE,
    HCL_EXPR_TEMPLATE_WRAP,
    HCL_EXPR_TEMPLATE_JOIN,   /* %{for}: join of a tuple FOR whose value is a template */
    HCL_EXPR_SCOPE_TRAV,      /* root.attr[0].x ... (static steps only) */
    HCL_EXPR_REL_TRAV,        /* (source).attr[0] ... */
    HCL_EXPR_INDEX,           /* coll[key], key not a literal */
    HCL_EXPR_SPLAT,
    HCL_EXPR_ANON_SYMBOL,     /* the element inside a SPLAT's `each` */
    HCL_EXPR_CALL,
    HCL_EXPR_TUPLE,
    HCL_EXPR_OBJECT,
    HCL_EXPR_OBJECT_KEY,      /* an object item's key; see u.key */
    HCL_EXPR_FOR,
    HCL_EXPR_CONDITIONAL,
    HCL_EXPR_BINARY,
    HCL_EXPR_UNARY,
    HCL_EXPR_PARENS,
} hcl_expr_kind;

typedef enum hcl_lit_kind {
    HCL_LIT_NULL,
    HCL_LIT_BOOL,
    HCL_LIT_NUMBER,   /* text: the literal as written (validated: digits, '.', exponent) */
    HCL_LIT_STRING,   /* text: decoded, NFC */
    HCL_LIT_UNKNOWN,  /* placeholder left where a syntax error was (cty.DynamicVal);
                         also an invalid number literal (text as written) */
} hcl_lit_kind;

typedef enum hcl_op {
    HCL_OP_OR, HCL_OP_AND,
    HCL_OP_EQ, HCL_OP_NE,
    HCL_OP_LT, HCL_OP_LE, HCL_OP_GT, HCL_OP_GE,
    HCL_OP_ADD, HCL_OP_SUB,
    HCL_OP_MUL, HCL_OP_DIV, HCL_OP_MOD,
    HCL_OP_NEG, HCL_OP_NOT,   /* unary */
} hcl_op;

typedef enum hcl_step_kind {
    HCL_STEP_ATTR,    /* .name */
    HCL_STEP_INDEX,   /* [literal] or legacy .N; key is a LITERAL expression */
} hcl_step_kind;

typedef struct hcl_step {
    uint8_t kind;      /* hcl_step_kind */
    uint8_t legacy;    /* INDEX written as .N */
    hcl_str name;      /* ATTR */
    hcl_expr *key;     /* INDEX */
    hcl_range range;
} hcl_step;

typedef struct hcl_obj_item {
    hcl_expr *key;     /* an OBJECT_KEY */
    hcl_expr *value;
} hcl_obj_item;

struct hcl_expr {
    uint32_t kind;     /* hcl_expr_kind */
    hcl_range range;   /* exact source of the expression (hcl2json prints it) */
    union {
        struct { uint8_t kind; uint8_t b; hcl_str text; } lit;
        struct { hcl_expr **parts; uint32_t n; uint8_t heredoc; } tmpl;
        struct { hcl_expr *wrapped; } wrap;
        struct { hcl_expr *tuple_for; } join;
        struct { hcl_str root; hcl_range root_range; hcl_step *steps; uint32_t n; } trav;
        struct { hcl_expr *source; hcl_step *steps; uint32_t n; } rel;
        struct { hcl_expr *coll, *key; hcl_range open_bracket; } index;
        struct { hcl_expr *source, *each, *item; uint8_t attr_only; } splat;
        struct {
            hcl_str name;              /* "f" or "ns::f" as written */
            hcl_range name_range;
            hcl_expr **args;
            uint32_t n;
            uint8_t expand_final;      /* last argument followed by "..." */
        } call;
        struct { hcl_expr **items; uint32_t n; } tuple;
        struct { hcl_obj_item *items; uint32_t n; } object;
        /* A bare identifier key is its own name (force_non_literal = 0 means
         * "a traversal of one name here stands for the string"); a (parenthesised)
         * key is always evaluated.  wrapped is the key expression as parsed. */
        struct { hcl_expr *wrapped; uint8_t force_non_literal; } key;
        struct {
            hcl_str key_var, val_var;  /* key_var.len == 0 when only one variable */
            hcl_expr *coll;
            hcl_expr *key;             /* object for: the key expression, else NULL */
            hcl_expr *val;
            hcl_expr *cond;            /* NULL when no `if` */
            uint8_t group;             /* "..." after the value */
            uint8_t is_object;         /* {for ...} */
        } forx;
        struct { hcl_expr *cond, *t, *f; } cond;
        struct { uint32_t op; hcl_expr *lhs, *rhs; } bin;
        struct { uint32_t op; hcl_expr *operand; } un;
        struct { hcl_expr *inner; } parens;
    } u;
};

typedef struct hcl_attr {
    hcl_str name;
    hcl_range name_range;
    hcl_expr *expr;
    hcl_range range;           /* name through the end of the expression */
} hcl_attr;

typedef struct hcl_block {
    hcl_str type;
    hcl_range type_range;
    hcl_str *labels;           /* escape-decoded, exact otherwise */
    hcl_range *label_ranges;
    uint32_t nlabels;
    hcl_body *body;
    hcl_range open_brace, close_brace;
    hcl_range range;           /* type keyword through the closing '}' inclusive */
} hcl_block;

struct hcl_body {
    hcl_attr *attrs;           /* source order; a redefinition is a diagnostic, first kept */
    uint32_t nattrs;
    hcl_block *blocks;         /* source order */
    uint32_t nblocks;
    hcl_range range;
};

typedef enum hcl_severity { HCL_DIAG_ERROR = 1, HCL_DIAG_WARNING = 2 } hcl_severity;

typedef struct hcl_diag {
    uint32_t severity;         /* hcl_severity */
    hcl_range range;           /* the offending token/span */
    const char *summary;       /* e.g. "Missing newline after argument" (static) */
    const char *detail;        /* a sentence; static or in the arena */
} hcl_diag;

typedef struct hcl_file {
    const char *name;          /* as given to hcl_parse */
    const char *src;
    uint32_t len;
    hcl_body *body;            /* never NULL after hcl_parse returns 0: partial on error */
    hcl_diag *diags;           /* in source order of discovery; lexer-level errors first */
    uint32_t ndiags;
    uint32_t nerrors;          /* all errors found, those past HCL_MAX_DIAGS included */
    uint32_t nmore;            /* diagnostics found past HCL_MAX_DIAGS and not kept */
    hcl_range more_at;         /* the first of those */
    int nul_decoded;           /* a string decoded a \u0000 escape (the source holds no NUL for it) */
} hcl_file;

/* Diagnostics kept per parse: hostile input (a byte pattern that fails on
 * every token) must not cost memory per byte; the rest are only counted
 * (hcl_file.nmore) and reported as one "more diagnostics" note. */
#define HCL_MAX_DIAGS 100
#define HCL_MORE_DIAGS_SUMMARY "Too many diagnostics"
/* The note's detail: "N more diagnostics in this file are not reported ...". */
void hcl_more_diags_detail(char *buf, size_t size, uint32_t nmore);

/* Deepest expression/block nesting accepted; deeper input gets the error
 * "Nesting too deep" instead of exhausting the C stack.  Left-nested chains
 * (a+b+c..., x[i][j]..., splats) count too, so a tree's depth stays below
 * about 4 * HCL_MAX_DEPTH nodes and may be walked recursively. */
#define HCL_MAX_DEPTH 256

/* Parse src[0..len) (not NUL-terminated) as an HCL config file.  Everything,
 * the diagnostics included, is allocated in `arena`.  Returns 0 (check
 * out->nerrors for syntax errors; the body is then a best-effort partial tree,
 * recovered as hclsyntax does), or -1 when memory runs out. */
int hcl_parse(const char *name, const char *src, size_t len, ar_arena *arena, hcl_file *out);

/* hcl_parse of a piece of a file whose first byte is at (line, col) there
 * (0 stands for 1): every line and column of the tree and the diagnostics is
 * the file's.  Byte offsets stay the piece's (out->src is the piece, so
 * hcl_range_text works); a piece starting after column 1 must start where a
 * token may (not inside one). */
int hcl_parse_at(const char *name, const char *src, size_t len, uint32_t line, uint32_t col, ar_arena *arena,
                 hcl_file *out);
/* hcl_parse_at with the parse's temporaries (tokens, the parser's stacks:
 * several KiB however small the source) in `tmp`, which the caller may reset
 * once it returns, and only the tree and its diagnostics in `arena`: for a
 * tree that is kept while many are parsed (resolution's locals). */
int hcl_parse_split(const char *name, const char *src, size_t len, uint32_t line, uint32_t col,
                    ar_arena *arena, ar_arena *tmp, hcl_file *out);

/* NFC-normalise s as cty does for string values (hcl_parse applies it to
 * every string literal): golang.org/x/text's NFC at Unicode 13.0, quirks
 * included (unicode_nfc.c).  Text that NFC cannot change (ASCII, and most
 * other text: a conservative quick check) is returned as it is; otherwise the
 * result is built in `a`.  Invalid UTF-8 is returned unchanged.  0, or -1 on
 * OOM.  hcl_nfc_full skips the quick check. */
int hcl_nfc(ar_arena *a, hcl_str s, hcl_str *out);
int hcl_nfc_full(ar_arena *a, hcl_str s, hcl_str *out);
int hcl_unicode13_assigned(int32_t cp);   /* assigned by Unicode 13.0 (for tests) */

/* "text" as hclsyntax builds it: a TEMPLATE whose one part is the string
 * LITERAL `text` (decoded, NFC) spanning `lit`, the template spanning
 * `whole` (quotes included).  hcl_literal_template_in fills *n (storage the
 * caller owns: the skim's scan keeps them on its stack) and returns its
 * template; hcl_literal_template allocates them in one piece of the arena
 * (NULL when memory runs out).  Both parsers build plain strings with them. */
typedef struct hcl_literal_nodes {
    hcl_expr tmpl;
    hcl_expr *part;
    hcl_expr lit;
} hcl_literal_nodes;
hcl_expr *hcl_literal_template_in(hcl_literal_nodes *n, hcl_str text, hcl_range lit, hcl_range whole);
hcl_expr *hcl_literal_template(ar_arena *a, hcl_str text, hcl_range lit, hcl_range whole);

/* A template node e (of kind HCL_EXPR_TEMPLATE_WRAP or HCL_EXPR_TEMPLATE, its range set) given
 * its parts: a wrap is its one interpolation xs[0], which keeps its value's type; a template the
 * nx parts xs, heredoc or quoted.  e returned.  Both parsers end their templates with it. */
hcl_expr *hcl_template_of(hcl_expr *e, hcl_expr **xs, uint32_t nx, int heredoc);

/* Columns of s[0..n) (valid UTF-8, no newline) as the lexer counts them
 * within one token: grapheme clusters, CR LF as one. */
uint32_t hcl_count_clusters(const char *s, size_t n);

/* Which fast paths decide about code point cp without utf8proc (for tests):
 * HCL_FAST_CLUSTER: cluster counting takes it, beside ASCII or another such
 * code point, as a cluster of its own; HCL_FAST_NFC: hcl_nfc's quick check
 * takes it as stable.  0 for every other code point. */
enum { HCL_FAST_CLUSTER = 1, HCL_FAST_NFC = 2 };
int hcl_unicode_fast(int32_t cp);

/* Is a (valid) number literal too large for cty's 512-bit big.Float, whose
 * binary exponent stops at 2^31-1?  Go then holds +Inf, which hcl2json cannot
 * write as JSON (a convert-stage failure). */
int hcl_number_overflows(hcl_str text);
/* Is it so small that the big.Float underflows (below 2^-(2^31)) to 0? */
int hcl_number_underflows(hcl_str text);

/* Call fn on e and every expression below it, parents first (hcl_walk.c).
 * A splat's element symbol is shared with its `each`: it is not visited (fn
 * sees it through the splat).  e may be NULL. */
typedef void (*hcl_visit_fn)(hcl_expr *e, void *user);
void hcl_expr_walk(hcl_expr *e, hcl_visit_fn fn, void *user);

/* The source text of a range. */
static inline hcl_str hcl_range_text(const hcl_file *f, hcl_range r)
{
    hcl_str s = { f->src + r.start, r.end - r.start };
    return s;
}

#endif
