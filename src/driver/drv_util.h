/* drv_util.h — what every driver needs and the public header does not give: an lp_error filled
 * printf-style and a monotonic clock for statement deadlines.  Header-only (static inline), so
 * each driver archive stays one object that exports only its lp_driver_NAME. */
#ifndef LP_DRV_UTIL_H
#define LP_DRV_UTIL_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <lazypipe.h>

static inline void set_err(lp_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static inline void set_err(lp_error *err, int code, const char *fmt, ...)
{
    if (!err) return;
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

static inline int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

#endif
