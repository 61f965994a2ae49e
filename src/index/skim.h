/* skim.h — phase 1's fast parser: the syntax tree of an ordinary .pp file
 * straight from its bytes, without a token array.
 *
 * Why: indexing needs every block, attribute and the values of a few
 * attributes, and the full lexer + parser (hcl_lex.rl, hcl_parse.c) spend
 * about 25 instructions per byte building hclsyntax's complete token stream
 * and tree, four times what reading the files costs.  Real mods are written
 * in a small part of the language: blocks with labels, attributes whose values
 * are strings, heredocs, numbers, traversals, function calls, tuples and
 * objects, comments.  skim_parse() reads exactly that part in one pass over
 * the bytes and builds the same tree hcl_parse() would (same node kinds,
 * values and ranges).
 *
 * Anything outside that part — operators, conditionals, for expressions,
 * attribute-only splats, template directives, CR, non-ASCII outside string
 * text, any syntax error, nesting deeper than 32 levels — makes it give up on
 * the whole file (return 0); the caller then runs hcl_parse(),
 * which stays the definition of the language and of every diagnostic.  So a
 * file gets either the full parser's tree or an identical one: tests compare
 * the two trees node by node on the corpora, the conformance files and fuzzed
 * input (tests/test_skim.c, fuzz/fuzz_skim.c).
 *
 * Going further, skim_scan() does not build the tree of the ordinary
 * blocks at all: it hands their attributes to the scan (scan.h's
 * scan_open / scan_attr / scan_close) as it reads them, the usual values as
 * nodes on its stack, so that a file costs about what reading its bytes
 * costs plus the strings the index keeps.  Why not stop at the tree: on
 * aws_compliance, files in memory, best of 31, the tree skim takes 3.37 ms
 * and walking its trees (scan_file) 1.2 ms more; skim_scan does both in
 * 2.7 ms (the bench's `scan` and `index` phases show it with reading and
 * merging).  The scan still decides
 * every field (one definition of extraction); tests/test_index_fast.c and
 * fuzz/fuzz_workspace.c compare whole workspaces opened this way with
 * workspaces opened through the full parser.
 *
 * Why not a Ragel machine, as the design asks of lexers: the Ragel lexer
 * (hcl_lex.rl) stays the definition of HCL's tokens and reads every file the
 * skim declines, every mod.pp and every piece phase 2 evaluates.  The skim
 * has no token state to keep: its scanning is "find the next byte of a small
 * set" (the end of a name, of a blank run, of plain string text), which SSE2
 * does 16 bytes at a time and a byte-at-a-time DFA cannot.  Measured on
 * aws_compliance (bench `lex` vs `skim` phases): the Ragel lexer alone costs
 * 1.35 ms over the read floor; the skim, lexing and parsing, 2.8 ms, where
 * lexing + parsing cost 5.6 ms.
 */
#ifndef LP_SKIM_H
#define LP_SKIM_H

#include <stddef.h>

#include "base/arena.h"
#include "hcl/hcl_ast.h"
#include "index/scan.h"

/* Parse src[0..len) into arena.  Returns 1 when the file was read whole: *out
 * is what hcl_parse(name, src, len, arena, out) gives, with no diagnostics;
 * 0 when the file uses something the skim does not read (*out is then
 * unspecified and what was allocated in arena is garbage until its reset);
 * -1 when memory runs out. */
int skim_parse(const char *name, const char *src, size_t len, ar_arena *arena, hcl_file *out);

/* What phase 1 calls: skim_parse, and hcl_parse (the arena reset first) when
 * the skim declines.  *out is then hcl_parse's tree either way.  0, or -1
 * when memory runs out. */
int skim_or_parse(const char *name, const char *src, size_t len, ar_arena *arena, hcl_file *out);

/* What phase 1 calls first: the file read as skim_parse reads it, with its
 * entries given to the scan as they are read (only the trees of unusual
 * values and blocks are built), so that *out is what
 * scan_file(w, skim_or_parse's tree, mod) gives.  1: done; 0: declined (the
 * caller resets arena and goes the tree's way; what w wrote in its result
 * arena for this file is left there unused); -1: out of memory. */
int skim_scan(scan_worker *w, const char *name, const char *src, size_t len, ar_arena *arena, const char *mod,
              scan_result *out);

#endif
