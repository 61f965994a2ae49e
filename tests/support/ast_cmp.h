/* ast_cmp.h — deep comparison of two syntax trees (hcl_ast.h), for tests and
 * fuzz targets that check a second parser (skim.c) against hcl_parse().
 *
 * Every field of every node is compared: node kinds, literal values, string
 * bytes (never pointers: one tree may point into the source where the other
 * copied into its arena), every range, flags, array lengths, NULL-ness of
 * optional children, the diagnostics.  A splat's element symbol is shared
 * with its `each` expression; the comparison follows that sharing (the symbol
 * met inside `each` must be the splat's own `item` in both trees) instead of
 * recursing into it.  Uses plain malloc-free C: safe in libFuzzer targets.
 */
#ifndef LP_TEST_AST_CMP_H
#define LP_TEST_AST_CMP_H

#include <stddef.h>

#include "hcl/hcl_ast.h"

/* 0 when a and b are the same tree; otherwise nonzero, with the path to the
 * first difference and both values written to why (NUL-terminated, cut to
 * why_len), e.g. "body.blocks[3].body.attrs[1].expr.u.tmpl.parts[0].range.end_col: 17 vs 18".
 * why may be NULL. */
int ast_cmp_file(const hcl_file *a, const hcl_file *b, char *why, size_t why_len);

/* The same for two expressions (either may be NULL); `path` prefixes why. */
int ast_cmp_expr(const hcl_expr *a, const hcl_expr *b, const char *path, char *why, size_t why_len);

#endif
