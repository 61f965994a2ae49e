/* drv_util.h — what every driver needs and the public header does not give: an lp_error filled
 * printf-style, a new connection, a monotonic clock for statement deadlines, and the driver's
 * descriptor with its lp_driver_NAME.  Header-only (static inline), so each driver archive stays
 * one object that exports only its lp_driver_NAME. */
#ifndef LP_DRV_UTIL_H
#define LP_DRV_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

/* A driver's connection (size bytes, zeroed: the caller still atomic_inits its atomics), or NULL
 * with err set to LP_ERR_NOMEM.  Freed with free(). */
static inline void *drv_conn_alloc(size_t size, lp_error *err)
{
    void *c = calloc(1, size);
    if (!c) set_err(err, LP_ERR_NOMEM, "out of memory");
    return c;
}

/* A new connection's cancellation: its flag cleared, and the pipe its cancel writes to wake the thread
 * polling its socket (both ends non-blocking, closed on exec).  LP_OK, or LP_ERR_IO with err set and
 * both ends -1, so that the connection's close can run either way. */
static inline int drv_cancel_init(int wake[2], atomic_int *cancelled, lp_error *err)
{
    atomic_init(cancelled, 0);
    if (pipe2(wake, O_CLOEXEC | O_NONBLOCK) == 0) return LP_OK;
    wake[0] = wake[1] = -1;
    set_err(err, LP_ERR_IO, "pipe: %s", strerror(errno));
    return LP_ERR_IO;
}

/* A cancelled connection (its flag set by the driver's cancel, sticky): LP_ERR_CANCELLED with
 * err set; else 0. */
static inline int drv_cancelled(atomic_int *cancelled, lp_error *err)
{
    if (!atomic_load(cancelled)) return 0;
    set_err(err, LP_ERR_CANCELLED, "statement cancelled");
    return LP_ERR_CANCELLED;
}

static inline int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The descriptor of driver NAME (an identifier: its name and lp_driver_NAME) whose functions are
 * PREFIX_connect, PREFIX_exec, PREFIX_cancel, PREFIX_close and PREFIX_reset, serving the URL schemes given as
 * the strings after PREFIX; and lp_driver_NAME, the one symbol the driver's archive exports. */
#define DRV_DESCRIPTOR(NAME, PREFIX, ...)                                                             \
    static const char *const PREFIX##_schemes[] = { __VA_ARGS__, NULL };                            \
    static const lp_driver PREFIX##_driver = {                                                      \
        .name = #NAME,                                                                              \
        .schemes = PREFIX##_schemes,                                                                \
        .connect = PREFIX##_connect,                                                                \
        .exec = PREFIX##_exec,                                                                      \
        .cancel = PREFIX##_cancel,                                                                  \
        .close = PREFIX##_close,                                                                    \
        .reset = PREFIX##_reset,                                                                    \
    };                                                                                              \
    const lp_driver *lp_driver_##NAME(void) { return &PREFIX##_driver; }

#endif
