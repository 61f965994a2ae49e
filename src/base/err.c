/* err.c — err_set, err_set_first (err.h). */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>

static void set(lp_error *err, int code, const char *fmt, va_list ap)
{
    err->code = code;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
}

int err_set(lp_error *err, int code, const char *fmt, ...)
{
    if (!err) return code;
    va_list ap;
    va_start(ap, fmt);
    set(err, code, fmt, ap);
    va_end(ap);
    return code;
}

int err_set_first(lp_error *err, int code, const char *fmt, ...)
{
    if (!err || err->code) return code;
    va_list ap;
    va_start(ap, fmt);
    set(err, code, fmt, ap);
    va_end(ap);
    return code;
}
