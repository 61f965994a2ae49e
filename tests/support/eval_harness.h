/* eval_harness.h — evaluate one expression text for tests (EVAL's tests). */
#ifndef LP_EVAL_HARNESS_H
#define LP_EVAL_HARNESS_H

#include <stddef.h>

#include "eval/eval.h"

/* Parse "x = <expr>\n" into the arena and evaluate it with scope.  Writes the
 * result to out as JSON (lpv_json), "UNRESOLVED", "SYNTAX:<summary>" or
 * "ERR:<summary>: <detail>", and returns out. */
const char *th_eval(ar_arena *a, const ev_scope *scope, const char *expr, char *out, size_t size);

/* Parse "v = <expr>\n" and evaluate it without a scope (for building scope
 * values in tests).  0 on success. */
int th_value(ar_arena *a, const char *expr, lpv_value *out);

#endif
