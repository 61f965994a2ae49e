/* test_tmpl_stream.c — a custom export template (a user's file) whose output doubles with each
 * level of template calls: its bytes are handed on as they are made (to stdout, or to the --export
 * file's temporary file), so memory stays a piece whatever the size and the 1 GiB bound counts every
 * byte made; and a Ctrl-C while it renders stops it at once, the process ending by the signal (130
 * in a shell) with no file left. */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/runfix.h"
#include "support/wsfix.h"

#pragma GCC diagnostic ignored "-Wformat-truncation"

#define LIMIT_KIB (24 * 1024)
#define ASAN "detect_leaks=0:quarantine_size_mb=0:malloc_context_size=2"

static char *dir;
static char db[4200], inst[4200];

static void setup(void)
{
    char abs[4096];
    const char *cli = getenv("LP_CLI");
    if (cli && cli[0] != '/' && realpath(cli, abs)) setenv("LP_CLI", abs, 1);   /* the tests cd */
    dir = wf_tmpdir();
    snprintf(db, sizeof db, "%s/data.sqlite", dir);
    rf_sqlite(db, "create table t(n integer); insert into t values (1);");
    wf_write(dir, "mod.pp", "mod \"t\" {\n  title = \"T\"\n}\n");
    wf_write(dir, "c.pp",
             "benchmark \"b\" {\n  title = \"B\"\n  children = [control.c]\n}\n"
             "control \"c\" {\n  title = \"C\"\n"
             "  sql = \"select 'r' as resource, 'ok' as status, 'x' as reason\"\n}\n"
             "detection \"d\" {\n  title = \"D\"\n  sql = \"select 1 as n\"\n}\n");
    snprintf(inst, sizeof inst, "%s/inst", dir);
}

static void teardown(void)
{
    wf_remove(dir);
    dir = NULL;
}

TestSuite(tmpl_stream, .init = setup, .fini = teardown);

/* inst/check/<kind>/exp<levels>/output.tmpl: "output" is 2^levels KiB */
static void exponential_in(const char *kind, int levels)
{
    char text[8192], rel[256];
    size_t n = 0;
    n += (size_t)snprintf(text + n, sizeof text - n, "{{define \"a0\"}}");
    for (int i = 0; i < 1024; i++) text[n++] = 'x';
    n += (size_t)snprintf(text + n, sizeof text - n, "{{end}}\n");
    for (int l = 1; l <= levels; l++)
        n += (size_t)snprintf(text + n, sizeof text - n,
                              "{{define \"a%d\"}}{{template \"a%d\"}}{{template \"a%d\"}}{{end}}\n", l, l - 1,
                              l - 1);
    snprintf(text + n, sizeof text - n, "{{define \"output\"}}{{template \"a%d\"}}{{end}}\n", levels);
    snprintf(rel, sizeof rel, "inst/check/%s/exp%d/output.tmpl", kind, levels);
    wf_write(dir, rel, text);
}

static void exponential(int levels) { exponential_in("templates", levels); }

static cl_mem_run peak_of(const char *run, const char *args)
{
    char cmd[16384];
    snprintf(cmd, sizeof cmd,
             "cd %s && exec %s --mod-location %s --install-dir %s %s --database sqlite://%s "
             "--progress=false %s",
             dir, getenv("LP_CLI"), dir, inst, run, db, args);
    cl_mem_run r = { 0 };
    r.status = cl_peak(cmd, ASAN, &r.bytes, &r.maxrss_kib);
    return r;
}

static cl_mem_run peak(const char *args) { return peak_of("benchmark run b", args); }

/* 128 MiB of output, to stdout and to an export: a piece at a time, not held whole */
Test(tmpl_stream, an_exponential_templates_output_is_streamed, .timeout = 120)
{
    exponential(17);
    cl_mem_run floor = peak("--output none");
    cr_assert_eq(floor.status, 0, "--output none: exit %d", floor.status);
    cl_mem_run r = peak("--output exp17");
    cl_expect_streamed("--output exp17", &r, 0, 128ull << 20, &floor, "--output none", LIMIT_KIB);
    cr_expect_eq(r.bytes, 128ull << 20);
    /* --export by the template's name: NAME.TIME.exp17 in the working directory (peak's cd) */
    r = peak("--output none --export exp17");
    cl_expect_streamed("--export exp17", &r, 0, 0, &floor, "--output none", LIMIT_KIB);
    DIR *d = opendir(dir);
    cr_assert(d);
    struct dirent *e;
    long long size = -1;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        struct stat st;
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (len > 6 && !strcmp(e->d_name + len - 6, ".exp17") && stat(path, &st) == 0) size = st.st_size;
    }
    closedir(d);
    cr_expect_eq(size, 128ll << 20, "the export holds the whole document: %lld bytes", size);
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* bytes the process wrote so far (its /proc io wchar) */
static long long written(int pid)
{
    char p[64], line[256];
    snprintf(p, sizeof p, "/proc/%d/io", pid);
    FILE *f = fopen(p, "r");
    long long w = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "wchar: %lld", &w) == 1) break;
    if (f) fclose(f);
    return w;
}

/* 1 GiB of output (the bound): Ctrl-C once it renders ends the process by SIGINT within 1 s */
static void interrupt_while_rendering(const char *const *extra, const char *what)
{
    exponential(20);
    const char *argv[32] = { getenv("LP_CLI"), "--mod-location", dir, "--install-dir", inst, "benchmark",
                             "run", "b", "--database", NULL, "--progress=false" };
    char dbarg[4300];
    snprintf(dbarg, sizeof dbarg, "sqlite://%s", db);
    argv[9] = dbarg;
    int n = 11;
    for (int i = 0; extra[i]; i++) argv[n++] = extra[i];
    argv[n] = NULL;
    cr_assert_eq(chdir(dir), 0);
    int pid = fork();   /* stdout to /dev/null: written as fast as it is made */
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        freopen("/dev/null", "w", stdout);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    /* rendering: it has written 16 MiB (to stdout, or to the export's temporary file) */
    double t0 = now_s();
    while (written(pid) >= 0 && written(pid) < (16ll << 20) && now_s() - t0 < 20) usleep(10000);
    if (written(pid) < (16ll << 20)) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        cr_assert_fail("%s: not writing its output after 20 s", what);
    }
    double t1 = now_s();
    int status = cl_interrupt(pid);
    double took = now_s() - t1;
    cr_assert_eq(chdir("/"), 0);
    cr_log_info("%s: ended %.3f s after SIGINT", what, took);
    cr_expect(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT, "%s: status %#x, want death by SIGINT", what,
              status);
    cr_expect_lt(took, 1.0, "%s: %.3f s after SIGINT", what, took);
}

Test(tmpl_stream, ctrl_c_stops_an_output_template_at_once, .timeout = 120)
{
    static const char *const extra[] = { "--output", "exp20", NULL };
    interrupt_while_rendering(extra, "--output exp20");
}

Test(tmpl_stream, ctrl_c_stops_an_export_template_at_once_leaving_no_file, .timeout = 120)
{
    static const char *const extra[] = { "--output", "none", "--export", "exp20", NULL };
    interrupt_while_rendering(extra, "--export exp20");
    /* neither the export nor its temporary file stays: only what the test made */
    DIR *d = opendir(dir);
    cr_assert(d);
    struct dirent *e;
    while ((e = readdir(d)))
        cr_expect(e->d_name[0] == '.' || !strcmp(e->d_name, "data.sqlite") || !strcmp(e->d_name, "mod.pp") ||
                      !strcmp(e->d_name, "c.pp") || !strcmp(e->d_name, "inst"),
                  "left behind: %s", e->d_name);
    closedir(d);
}

/* A detection run's template alike: 128 MiB to stdout and to an export, a piece at a time */
Test(tmpl_stream, a_detection_templates_output_is_streamed, .timeout = 120)
{
    exponential_in("detection_templates", 17);
    cl_mem_run floor = peak_of("detection run d", "--output none");
    cr_assert_eq(floor.status, 0, "--output none: exit %d", floor.status);
    cl_mem_run r = peak_of("detection run d", "--output exp17");
    cl_expect_streamed("detection --output exp17", &r, 0, 128ull << 20, &floor, "--output none", LIMIT_KIB);
    cr_expect_eq(r.bytes, 128ull << 20);
    char args[4400], path[4400];
    snprintf(path, sizeof path, "%s/d.exp17", dir);
    snprintf(args, sizeof args, "--output none --export %s", path);
    r = peak_of("detection run d", args);
    cl_expect_streamed("detection --export exp17", &r, 0, 0, &floor, "--output none", LIMIT_KIB);
    struct stat st;
    cr_expect(stat(path, &st) == 0 && st.st_size == 128ll << 20, "the export holds the whole document");
}
