/* err.c — err_set (err.h). */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>

int err_set(lp_error *err, int code, const char *fmt, ...)
{
    if (!err) return code;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}
