/* clirun.h — run the CLI under test (LP_CLI: build/san/lazypipe) as a user does,
 * with its exit status, stdout and stderr. */
#ifndef LP_TEST_CLIRUN_H
#define LP_TEST_CLIRUN_H

#include <stddef.h>

typedef struct cl_result {
    int status;              /* the exit status; -1 when it did not exit */
    char *out, *err;         /* malloc'd, NUL-terminated */
} cl_result;

/* `$LP_CLI <fmt...>` through the shell (the arguments are shell words);
 * asserts LP_CLI is set and the output could be read. */
cl_result cl_run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cl_done(cl_result *r);
/* cl_run, asserting its exit status and that stdout holds out_has and stderr err_has (each
 * unchecked when NULL); a failure names the command line. */
void cl_expect(int status, const char *out_has, const char *err_has, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* cl_run of a command refused: asserting its exit status, an empty stdout and err_has in stderr. */
void cl_expect_refused(int status, const char *err_has, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* cl_run, asserting its exit status and its whole stdout. */
void cl_expect_out(int status, const char *out, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* What a command should do: its exit status; its whole stdout (out_is) or texts it holds (out, to
 * the first NULL) and does not hold (not_out); the same of its stderr (err_is, err, not_err).
 * NULL: unchecked.  Written in place: cl_expect_want(&(cl_want){ .status = 1, .out = { "a", "b" } },
 * ...). */
typedef struct cl_want {
    int status;
    const char *out_is;
    const char *out[10];
    const char *not_out[6];
    const char *err_is;
    const char *err[6];
    const char *not_err[4];
} cl_want;
/* cl_run, asserting what want says; a failure names the command line and the text. */
void cl_expect_want(const cl_want *want, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A command's run for a memory bound: its exit status, its stdout's bytes and its peak RSS (cl_peak);
 * lines and longest (the longest line's bytes) where the caller counts them. */
typedef struct cl_mem_run {
    long maxrss_kib;
    unsigned long long bytes, lines, longest;
    int status;
} cl_mem_run;
/* An output a memory bound is tried on: its arguments and the fewest bytes it writes. */
typedef struct cl_big_output {
    const char *args;
    unsigned long long min_bytes;
} cl_big_output;
/* Asserts that run (what, in a failure) exited with status, wrote at least min_bytes (far more than
 * limit_kib, so that holding its output would break the bound) and peaked at most limit_kib above
 * floor: a run that writes next to nothing (floor_what: "one row", "--output none"). */
void cl_expect_streamed(const char *what, const cl_mem_run *run, int status, unsigned long long min_bytes,
                        const cl_mem_run *floor, const char *floor_what, long limit_kib);

/* `sh -c cmd` in a child whose stdout is the pipe *fd reads and stderr /dev/null, with
 * ASAN_OPTIONS=asan (a quarantine would count freed blocks as RSS): its pid.  cl_wait_rss then
 * waits for it: its exit status (-1 when it did not exit) and *maxrss_kib its peak RSS. */
int cl_spawn_piped(const char *cmd, const char *asan, int *fd);
int cl_wait_rss(int pid, long *maxrss_kib);
/* cl_spawn_piped then cl_wait_rss, its stdout read to the end and counted in *bytes: its exit status. */
int cl_peak(const char *cmd, const char *asan, unsigned long long *bytes, long *maxrss_kib);

/* argv (argv[0] the program) in a child whose stdout is the pipe *fd reads, its stderr the test's:
 * its pid.  cl_interrupt sends it SIGINT (a user's Ctrl-C) and waits: its waitpid status. */
int cl_spawn_out(const char *const *argv, int *fd);
int cl_interrupt(int pid);

/* One line from fd (a child's output) within ms milliseconds in all, without its newline
 * (NUL-terminated; what came so far on a timeout or at the end: "" when nothing did). */
void cl_read_line(int fd, char *buf, size_t size, int ms);

#endif
