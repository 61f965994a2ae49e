/* capture.h — the parts of a syntax tree that phase 2 evaluates, copied out
 * of a file's tree while the scanner holds it (phase 1), so that background
 * resolution never reads or parses a file again.
 *
 * What is captured (scan.c decides): the attributes behind an entry's
 * LP_UNRES_* field bits, and the top-level `locals`, `variable` and `mod`
 * blocks (variables, locals, `require` args).  That is about a third of a
 * real mod's source (aws_compliance: 1.15 MB of 3.5 MB, most of it heredoc
 * SQL that interpolates locals), held only until resolution completes.
 *
 * Each copy is self-contained: a deep copy of the subtree plus the source
 * text of its range, in one arena.  Line and column numbers are the file's,
 * so diagnostics read as if the whole file had been parsed; byte offsets are
 * rebased to the copied text, which is `ctx.src`, so that the evaluator's
 * "(in `...`)" excerpts work unchanged.  Strings that pointed into the source
 * point into the copied text; strings the parser decoded are copied.  A
 * splat's element symbol keeps its identity (the evaluator binds it by
 * address).  `ctx.name` is left NULL: the user sets it to the file's path.
 */
#ifndef LP_CAPTURE_H
#define LP_CAPTURE_H

#include "arena.h"
#include "hcl_ast.h"

typedef struct cap_attr {
    struct cap_attr *next;
    hcl_file ctx;        /* name (set by the user), src = the attribute's text; no body */
    hcl_attr attr;
} cap_attr;

typedef struct cap_block {
    struct cap_block *next;
    hcl_file ctx;        /* name (set by the user), src = the block's text; body = NULL */
    hcl_block block;
} cap_block;

/* Copies of attribute `at` / block `b` of the parsed file f into arena a;
 * NULL when memory runs out. */
cap_attr *cap_copy_attr(lp_arena *a, const hcl_file *f, const hcl_attr *at);
cap_block *cap_copy_block(lp_arena *a, const hcl_file *f, const hcl_block *b);

#endif
