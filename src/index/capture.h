/* capture.h — the source that phase 2 evaluates, copied out of each file
 * while the scanner holds it (phase 1), so that background resolution never
 * reads a file again (and sees the same bytes as the index, even if the file
 * changed since).
 *
 * What is captured (scan.c decides): the attributes behind an entry's
 * LP_UNRES_* field bits, and the top-level `locals`, `variable` and `mod`
 * blocks (variables, locals, `require` args).  That is about a third of a
 * real mod's source (aws_compliance: 1.2 MB of 3.5 MB, most of it heredoc
 * SQL that interpolates locals), held only while resolution needs it: the
 * resolver frees the scan's capture chunks one by one as the entries whose
 * pieces they hold are finished (resolve.c, rel_*), the rest when it completes.
 *
 * Only the text is kept, with where it starts: a syntax tree is about ten
 * times its source (copying the trees instead took 12 MB for aws_compliance
 * and 113 MB at 10x xlarge), while parsing the pieces again when they are
 * evaluated costs about what copying the trees did (3.6 ms for
 * aws_compliance's 5,755 pieces, into one scratch arena).  cap_parse gives
 * the tree with the file's line and column numbers, so diagnostics read as
 * if the whole file had been parsed; byte offsets are the piece's, and
 * `ctx.src` is the piece, so the evaluator's "(in `...`)" excerpts work.
 */
#ifndef LP_CAPTURE_H
#define LP_CAPTURE_H

#include "base/arena.h"
#include "hcl/hcl_ast.h"

typedef struct cap_piece {
    struct cap_piece *next;
    const char *text;            /* the source of the attribute or block, then "\n" */
    uint32_t len;                /* bytes of text, the "\n" included */
    uint32_t line, col;          /* where it starts in its file */
    uint32_t name_len;           /* an attribute: its name is text[0, name_len) */
    uint32_t may_refer;          /* an attribute: cap_may_refer of its value */
} cap_piece;

typedef cap_piece cap_attr;      /* an attribute (name through the end of its value) */
typedef cap_piece cap_block;     /* a top-level block */

/* Copies of attribute `at` / block `b` of the parsed file f into arena a;
 * NULL when memory runs out. */
cap_attr *cap_copy_attr(ar_arena *a, const hcl_file *f, const hcl_attr *at);
/* An attribute known by its range, name length and cap_may_refer of its value. */
cap_attr *cap_copy_piece(ar_arena *a, const hcl_file *f, hcl_range r, uint32_t name_len, int may_refer);
cap_block *cap_copy_block(ar_arena *a, const hcl_file *f, const hcl_block *b);
/* Two lists of captured pieces (an entry's attributes, a file's blocks): the same text in the same
 * places (diagnostics name lines and columns), one for one? */
int cap_same_pieces(const cap_piece *a, const cap_piece *b);

/* Could expression e refer to an entry?  1 when a traversal in it starts
 * with anything but `var` or `local` (a resource type, a mod name, or a name
 * a `for` binds: conservatively yes). */
int cap_may_refer(const hcl_expr *e);
/* The rule cap_may_refer applies to each traversal, by its root name: for a
 * reader that meets traversals without a tree. */
int cap_root_may_refer(hcl_str root);

/* Parse piece p of the file `name` into arena a: *ctx is the piece as a file
 * whose body holds the attribute (body->attrs[0]) or the block
 * (body->blocks[0]), positioned in the original file.  0, or -1 when memory
 * runs out or the piece is not there (the caller then skips it). */
int cap_parse(const cap_piece *p, const char *name, ar_arena *a, hcl_file *ctx);
/* The same with the parse's temporaries in tmp (hcl_parse_split), which the
 * caller may rewind once it returns: for trees kept while many pieces are
 * parsed (a small piece's temporaries are several times its tree). */
int cap_parse_split(const cap_piece *p, const char *name, ar_arena *a, ar_arena *tmp, hcl_file *ctx);
/* cap_parse_split with the arenas' chunk sizes left as the caller set them
 * (resolve.c's kept trees grow theirs otherwise). */
int cap_parse_into(const cap_piece *p, const char *name, ar_arena *a, ar_arena *tmp, hcl_file *ctx);

#endif
