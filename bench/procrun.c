/* procrun.c — whole processes timed against each other, alternated so that
 * every command sees the same load (hyperfine is not installed on the bench
 * machine, and perf stat -r runs one command at a time).
 *
 *   procrun [--reps N] [--warmup N] [--md] LABEL CMD [ARG...] ::: LABEL CMD [ARG...] ...
 *
 * A command given as `LABEL --setup SHELL CMD [ARG...]` has `sh -c SHELL` run before each of its
 * reps, untimed (an edit of the workspace, a cache put back as it was).
 *
 * Each round runs every command once, in the order given; a rep is fork,
 * execvp, wait4, timed from before fork to after wait4 on CLOCK_MONOTONIC,
 * with stdin and stdout on /dev/null and stderr kept to report a failure.
 * Prints per command: median, min and max wall, median user+sys CPU, max RSS,
 * and the median's ratio to the first command's (the floor).  Exit status 1
 * if any run failed.
 *
 *   --bg           the processes a command leaves running (an image written in the background) are
 *                  waited for after it, untimed (procrun is their subreaper), and their CPU is a
 *                  column of its own
 *   --cpu-of PID   also the CPU of PID's reaped children over each run (a local PostgreSQL's
 *                  postmaster: the CPU of the server's backends the run's connections used),
 *                  read from /proc/PID/stat (cutime + cstime) once it is steady after the run */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_CMDS 32

typedef struct cmd {
    const char *label;
    const char *setup;           /* sh -c before each run, untimed, or NULL */
    char **argv;
    double *wall, *cpu, *srv, *bg;
    long maxrss_kb;
    int failed;
} cmd;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static long clk_tck;

/* PID's utime + stime + cutime + cstime in ms, -1 when unreadable */
static double proc_cpu_ms(int pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')');      /* the command name may hold spaces */
    unsigned long long v[4];
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %llu %llu",
                     &v[0], &v[1], &v[2], &v[3]) != 4)
        return -1;
    return (double)(v[0] + v[1] + v[2] + v[3]) * 1e3 / (double)clk_tck;
}

/* The server's CPU once its backends have ended and were reaped: the value steady over 3 reads
 * 30 ms apart (at most 1 s). */
static double steady_cpu_ms(int pid)
{
    double last = proc_cpu_ms(pid);
    for (int same = 0, i = 0; same < 3 && i < 33; i++) {
        struct timespec ts = { 0, 30 * 1000000L };
        nanosleep(&ts, NULL);
        double v = proc_cpu_ms(pid);
        same = v == last ? same + 1 : 0;
        last = v;
    }
    return last;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* c's setup, if any: 0, or -1 when it failed. */
static int setup(const cmd *c)
{
    if (!c->setup) return 0;
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", c->setup, (char *)NULL);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0;
    fprintf(stderr, "procrun: %s: its setup failed\n", c->label);
    return -1;
}

static int bg_mode;

/* The CPU of every descendant left behind (reparented to us), once each has ended. */
static double reap_left(void)
{
    double ms = 0;
    int status;
    struct rusage ru;
    for (pid_t p; (p = wait4(-1, &status, 0, &ru)) > 0 || (p < 0 && errno == EINTR);)
        if (p > 0)
            ms += (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
                  (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    return ms;
}

/* One run: wall ms, CPU ms and max RSS; -1 when it could not run or failed. */
static int run_once(cmd *c, double *wall, double *cpu, double *bg)
{
    if (setup(c) != 0) return -1;
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        execvp(c->argv[0], c->argv);
        fprintf(stderr, "procrun: %s: %s\n", c->argv[0], strerror(errno));
        _exit(127);
    }
    int status;
    struct rusage ru;
    while (wait4(pid, &status, 0, &ru) < 0)
        if (errno != EINTR) return -1;
    *wall = now_ms() - t0;
    *cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    if (ru.ru_maxrss > c->maxrss_kb) c->maxrss_kb = ru.ru_maxrss;
    *bg = bg_mode ? reap_left() : 0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "procrun: %s exited with status %d\n", c->label,
                WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
        return -1;
    }
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: procrun [--reps N] [--warmup N] [--md] [--bg] LABEL [--setup SHELL] CMD [ARG...] "
                    "::: ...\n");
    return 2;
}

int main(int argc, char **argv)
{
    int reps = 51, warmup = 5, md = 0, i = 1, cpu_of = 0;
    clk_tck = sysconf(_SC_CLK_TCK);
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        if (!strcmp(argv[i], "--md")) md = 1;
        else if (!strcmp(argv[i], "--bg")) bg_mode = 1;
        else if (i + 1 < argc && !strcmp(argv[i], "--reps")) reps = atoi(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "--warmup")) warmup = atoi(argv[++i]);
        else if (i + 1 < argc && !strcmp(argv[i], "--cpu-of")) cpu_of = atoi(argv[++i]);
        else return usage();
    }
    if (reps < 1) reps = 1;
    cmd cmds[MAX_CMDS];
    int n = 0;
    while (i < argc) {
        if (n == MAX_CMDS) {
            fprintf(stderr, "procrun: at most %d commands\n", MAX_CMDS);
            return 2;
        }
        if (i + 1 >= argc) return usage();
        cmd *c = &cmds[n++];
        memset(c, 0, sizeof *c);
        c->label = argv[i++];
        if (i + 1 < argc && !strcmp(argv[i], "--setup")) {
            c->setup = argv[i + 1];
            i += 2;
        }
        c->argv = &argv[i];
        while (i < argc && strcmp(argv[i], ":::")) i++;
        if (i < argc) argv[i++] = NULL;   /* ends this command's argv */
        if (!c->argv[0]) return usage();
        c->wall = calloc((size_t)reps, sizeof(double));
        c->cpu = calloc((size_t)reps, sizeof(double));
        c->srv = calloc((size_t)reps, sizeof(double));
        c->bg = calloc((size_t)reps, sizeof(double));
        if (!c->wall || !c->cpu || !c->srv || !c->bg) return 1;
    }
    if (n == 0) return usage();
    if (cpu_of && proc_cpu_ms(cpu_of) < 0) {
        fprintf(stderr, "procrun: cannot read /proc/%d/stat\n", cpu_of);
        return 2;
    }
    if (bg_mode && prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) {
        fprintf(stderr, "procrun: cannot be a subreaper: %s\n", strerror(errno));
        return 2;
    }
    double w, u, b;
    for (int r = 0; r < warmup; r++)
        for (int k = 0; k < n; k++) cmds[k].failed |= run_once(&cmds[k], &w, &u, &b) != 0;
    for (int r = 0; r < reps; r++)
        for (int k = 0; k < n; k++) {
            double before = cpu_of ? steady_cpu_ms(cpu_of) : 0;
            cmds[k].failed |= run_once(&cmds[k], &cmds[k].wall[r], &cmds[k].cpu[r], &cmds[k].bg[r]) != 0;
            if (cpu_of) cmds[k].srv[r] = steady_cpu_ms(cpu_of) - before;
        }
    double floor_ms = 0;
    if (md)
        printf("| process | median wall ms | min | max | ratio (median) | median CPU ms | max RSS |%s%s\n"
               "|---|--:|--:|--:|--:|--:|--:|%s%s\n", cpu_of ? " median server CPU ms |" : "",
               bg_mode ? " median background CPU ms |" : "", cpu_of ? "--:|" : "", bg_mode ? "--:|" : "");
    else
        printf("%-28s %9s %8s %8s %8s %9s %9s\n", "process", "median", "min", "max", "ratio", "cpu",
               "maxrss");
    int bad = 0;
    for (int k = 0; k < n; k++) {
        cmd *c = &cmds[k];
        double med = median(c->wall, reps), cpu = median(c->cpu, reps);
        if (k == 0) floor_ms = med;
        double ratio = floor_ms > 0 ? med / floor_ms : 0;
        char srv[32] = "";
        if (cpu_of) snprintf(srv, sizeof srv, md ? " %.0f |" : " %9.0f", median(c->srv, reps));
        if (bg_mode)
            snprintf(srv + strlen(srv), sizeof srv - strlen(srv), md ? " %.2f |" : " bg %7.2f",
                     median(c->bg, reps));
        if (md)
            printf("| %s%s | %.2f | %.2f | %.2f | %.2f× | %.2f | %.1f MiB |%s\n", c->label,
                   c->failed ? " (FAILED)" : "", med, c->wall[0], c->wall[reps - 1], ratio, cpu,
                   c->maxrss_kb / 1024.0, srv);
        else
            printf("%-28s %9.2f %8.2f %8.2f %7.2fx %9.2f %7.1fMiB%s%s\n", c->label, med, c->wall[0],
                   c->wall[reps - 1], ratio, cpu, c->maxrss_kb / 1024.0, srv, c->failed ? "  FAILED" : "");
        bad |= c->failed;
    }
    return bad ? 1 : 0;
}
