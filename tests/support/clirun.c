/* clirun.c — see clirun.h. */
#include "clirun.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jsontree.h"

static cl_result run_args(const char *args)
{
    const char *cli = getenv("LP_CLI");
    cr_assert(cli && *cli, "LP_CLI is not set");
    char outf[] = "/tmp/lp_cli_out_XXXXXX", errf[] = "/tmp/lp_cli_err_XXXXXX";
    int fo = mkstemp(outf), fe = mkstemp(errf);
    cr_assert(fo >= 0 && fe >= 0);
    close(fo);
    close(fe);
    char cmd[20000];
    snprintf(cmd, sizeof cmd, "%s %s >%s 2>%s", cli, args, outf, errf);
    int st = system(cmd);
    cl_result r = { WIFEXITED(st) ? WEXITSTATUS(st) : -1, NULL, NULL };
    size_t n;
    r.out = jt_read_file(outf, &n);
    r.err = jt_read_file(errf, &n);
    remove(outf);
    remove(errf);
    cr_assert(r.out && r.err);
    return r;
}

/* cl_run of args, asserting its exit status (the command line and its stderr in the message). */
static cl_result run_status(int status, const char *args)
{
    cl_result r = run_args(args);
    cr_assert_eq(r.status, status, "lazypipe %s: exit status %d, not %d\nstderr: %s", args, r.status, status,
                 r.err);
    return r;
}

#define FORMAT_ARGS(args, fmt)                                                                               \
    static char args[16384];                                                                                 \
    va_list ap;                                                                                              \
    va_start(ap, fmt);                                                                                       \
    vsnprintf(args, sizeof args, fmt, ap);                                                                   \
    va_end(ap)

/* Asserts that text (the stream named name of `lazypipe args`) is text_is, holds each of has and none
 * of hasnt (lists to the first NULL or their end; NULL: unchecked). */
static void expect_text(const char *args, const char *name, const char *text, const char *text_is,
                        const char *const *has, size_t nhas, const char *const *hasnt, size_t nhasnt)
{
    if (text_is) cr_assert_str_eq(text, text_is, "lazypipe %s: %s", args, name);
    for (size_t i = 0; i < nhas && has[i]; i++)
        cr_assert(strstr(text, has[i]), "lazypipe %s: expected \"%s\" in %s:\n%s", args, has[i], name, text);
    for (size_t i = 0; i < nhasnt && hasnt[i]; i++)
        cr_assert(!strstr(text, hasnt[i]), "lazypipe %s: did not expect \"%s\" in %s:\n%s", args, hasnt[i],
                  name, text);
}

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* run_status, then the rest of what want says of args. */
static void expect_want(const cl_want *w, const char *args)
{
    cl_result r = run_status(w->status, args);
    expect_text(args, "stdout", r.out, w->out_is, w->out, COUNT(w->out), w->not_out, COUNT(w->not_out));
    expect_text(args, "stderr", r.err, w->err_is, w->err, COUNT(w->err), w->not_err, COUNT(w->not_err));
    cl_done(&r);
}

void cl_expect_want(const cl_want *want, const char *fmt, ...)
{
    FORMAT_ARGS(args, fmt);
    expect_want(want, args);
}

void cl_expect_out(int status, const char *out, const char *fmt, ...)
{
    FORMAT_ARGS(args, fmt);
    expect_want(&(cl_want){ .status = status, .out_is = out }, args);
}

void cl_expect(int status, const char *out_has, const char *err_has, const char *fmt, ...)
{
    FORMAT_ARGS(args, fmt);
    expect_want(&(cl_want){ .status = status, .out = { out_has }, .err = { err_has } }, args);
}

void cl_expect_refused(int status, const char *err_has, const char *fmt, ...)
{
    FORMAT_ARGS(args, fmt);
    expect_want(&(cl_want){ .status = status, .out_is = "", .err = { err_has } }, args);
}

void cl_expect_streamed(const char *what, const cl_mem_run *run, int status, unsigned long long min_bytes,
                        const cl_mem_run *floor, const char *floor_what, long limit_kib)
{
    cr_log_info("%s: %llu bytes, peak RSS %ld KiB (%s: %ld KiB)", what, run->bytes, run->maxrss_kib,
                floor_what, floor->maxrss_kib);
    cr_assert_eq(run->status, status, "%s: exit %d", what, run->status);
    cr_assert_geq(run->bytes, min_bytes, "%s: %llu bytes", what, run->bytes);
    cr_assert_leq(run->maxrss_kib - floor->maxrss_kib, limit_kib,
                  "%s: peak RSS %ld KiB, %ld KiB over %s's %ld KiB", what, run->maxrss_kib,
                  run->maxrss_kib - floor->maxrss_kib, floor_what, floor->maxrss_kib);
}

cl_result cl_run(const char *fmt, ...)
{
    FORMAT_ARGS(args, fmt);
    return run_args(args);
}

void cl_done(cl_result *r)
{
    free(r->out);
    free(r->err);
}

/* argv in a child whose stdout is the pipe *fd reads; with asan, stderr /dev/null and
 * ASAN_OPTIONS=asan. */
static int spawn(const char *const *argv, const char *asan, int *fd)
{
    int p[2];
    cr_assert(pipe(p) == 0);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        if (asan) {
            int dn = open("/dev/null", O_WRONLY);
            dup2(dn, 2);
            setenv("ASAN_OPTIONS", asan, 1);
        }
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(p[1]);
    *fd = p[0];
    return pid;
}

int cl_spawn_piped(const char *cmd, const char *asan, int *fd)
{
    const char *argv[] = { "/bin/sh", "-c", cmd, NULL };
    return spawn(argv, asan, fd);
}

int cl_wait_rss(int pid, long *maxrss_kib)
{
    int st;
    struct rusage ru;
    cr_assert(wait4(pid, &st, 0, &ru) == pid);
    *maxrss_kib = ru.ru_maxrss;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int cl_peak(const char *cmd, const char *asan, unsigned long long *bytes, long *maxrss_kib)
{
    int fd;
    int pid = cl_spawn_piped(cmd, asan, &fd);
    static char buf[1 << 16];
    ssize_t n;
    *bytes = 0;
    while ((n = read(fd, buf, sizeof buf)) > 0) *bytes += (unsigned long long)n;
    close(fd);
    return cl_wait_rss(pid, maxrss_kib);
}

int cl_spawn_out(const char *const *argv, int *fd) { return spawn(argv, NULL, fd); }

int cl_interrupt(int pid)
{
    kill(pid, SIGINT);
    int status = 0;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    return status;
}

void cl_read_line(int fd, char *buf, size_t size, int ms)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    long long end = (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000 + ms;
    size_t n = 0;
    buf[0] = '\0';
    while (n + 1 < size) {
        clock_gettime(CLOCK_MONOTONIC, &t);
        long long left = end - ((long long)t.tv_sec * 1000 + t.tv_nsec / 1000000);
        struct pollfd p = { fd, POLLIN, 0 };
        if (left <= 0 || poll(&p, 1, (int)left) <= 0) break;
        char c;
        if (read(fd, &c, 1) != 1 || c == '\n') break;
        buf[n++] = c;
        buf[n] = '\0';
    }
}
