/* err.h — filling an lp_error, the public error every lp_ call gives (lazypipe.h).
 *
 * One printf-style setter for every layer that reports through lp_error, instead of a
 * copy in each file.  err may be NULL (the caller wants only the code).  Returns code, so a
 * failing path can `return err_set(err, LP_ERR_..., "...")`.  No allocation, any thread. */
#ifndef LP_ERR_H
#define LP_ERR_H

#include "lazypipe.h"

int err_set(lp_error *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The same, unless err already holds an error: the first one, the cause, is what a caller sees. */
int err_set_first(lp_error *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
