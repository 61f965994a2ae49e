/* ptyrun.c — see ptyrun.h. */
#include "ptyrun.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

pt_proc pt_spawn(const char *fmt, ...)
{
    const char *cli = getenv("LP_CLI");
    cr_assert(cli && *cli, "LP_CLI is not set");
    char args[16384], cmd[20000];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "exec %s %s", cli, args);
    struct winsize w = { .ws_row = 40, .ws_col = 200 };
    pt_proc p = { .fd = -1 };
    p.pid = forkpty(&p.fd, NULL, NULL, &w);
    cr_assert(p.pid >= 0, "forkpty: %s", strerror(errno));
    if (p.pid == 0) {
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    p.cap = 4096;
    p.seen = calloc(1, p.cap);
    cr_assert(p.seen);
    return p;
}

/* one read of what is there, within ms: 0 when the terminal closed (the process is gone) or nothing
 * came in time */
static int read_some(pt_proc *p, int ms)
{
    struct pollfd pf = { p->fd, POLLIN, 0 };
    if (poll(&pf, 1, ms) <= 0) return 0;
    char buf[4096];
    ssize_t r = read(p->fd, buf, sizeof buf);
    if (r <= 0) return 0;   /* EIO: the last process holding the terminal closed it */
    while (p->len + (size_t)r + 1 > p->cap) {
        p->cap *= 2;
        p->seen = realloc(p->seen, p->cap);
        cr_assert(p->seen);
    }
    memcpy(p->seen + p->len, buf, (size_t)r);
    p->len += (size_t)r;
    p->seen[p->len] = '\0';
    return 1;
}

int pt_wait_for(pt_proc *p, const char *text, int ms)
{
    long long end = now_ms() + ms;
    while (!strstr(p->seen, text)) {
        long long left = end - now_ms();
        if (left <= 0) return 0;
        if (!read_some(p, left > 100 ? 100 : (int)left)) {
            /* nothing more comes once the process is gone (left to pt_finish to reap) */
            siginfo_t si = { 0 };
            if (waitid(P_PID, (id_t)p->pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid == p->pid &&
                !read_some(p, 50))
                return strstr(p->seen, text) != NULL;
        }
    }
    return 1;
}

void pt_type(pt_proc *p, const char *text)
{
    size_t n = strlen(text);
    cr_assert_eq(write(p->fd, text, n), (ssize_t)n);
}

int pt_finish(pt_proc *p, int ms)
{
    long long end = now_ms() + ms;
    int st = 0;
    for (;;) {
        long long left = end - now_ms();
        if (left <= 0) {
            kill(p->pid, SIGKILL);
            waitpid(p->pid, &st, 0);
            cr_assert_fail("the command did not end within %d ms; it wrote:\n%s", ms, p->seen);
        }
        if (read_some(p, left > 100 ? 100 : (int)left)) continue;
        pid_t w = waitpid(p->pid, &st, WNOHANG);
        if (w == p->pid) {
            while (read_some(p, 50)) {}   /* what it wrote last */
            break;
        }
    }
    close(p->fd);
    p->fd = -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

void pt_free(pt_proc *p)
{
    if (p->fd >= 0) close(p->fd);
    free(p->seen);
    p->seen = NULL;
}
