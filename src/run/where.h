/* where.h — Powerpipe's `--where` control filter (pipe-fittings workspace/resource_filter.go).
 *
 * The clause is parsed with pipe-fittings' filter grammar (filter/filter.peg, a PEG: ordered
 * choices, no memo), then only one comparison is kept: `col = v`, `!=`, `like`, `not like`,
 * `ilike`, `not ilike`, `in (...)`, `not in (...)`; the other compare operators (<, <=, <>, >=,
 * >) parse and match nothing, as Powerpipe's evaluate does; and/or/not/is/a bare identifier are
 * "failed to convert 'where' arg to qual".  The column is the first value's text (an unquoted
 * identifier lower-cased), the value the second's.  A control matches when its show data has
 * the column and the field's text compares true (run.c gives the text).
 *
 * A parsed filter is immutable: any thread may match with it at once. */
#ifndef LP_RUN_WHERE_H
#define LP_RUN_WHERE_H

#include <stdint.h>

#include "lazypipe.h"

typedef struct run_where run_where;

/* LP_OK with *out (free with run_where_free), or LP_ERR_ARG with Powerpipe's message ("failed to
 * parse 'where' property: 1:5 (4): no match found", "failed to convert 'where' arg to qual",
 * "failed to parse cn"), or LP_ERR_NOMEM. */
int run_where_parse(const char *text, run_where **out, lp_error *err);
void run_where_free(run_where *w);
/* The column (a show-data field name: name, title, tags, ...). */
const char *run_where_column(const run_where *w);
/* Whether a field whose text is `value` passes. */
int run_where_match(const run_where *w, const char *value);

#endif
