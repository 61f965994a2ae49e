/* test_cli_watch.c — `lazypipe watch` as a user runs it: the first line says
 * what was opened, an edit prints one JSON object naming what changed, and
 * Ctrl-C (SIGINT) ends it with status 0.  The sanitized CLI (LP_CLI). */
#include <criterion/criterion.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "support/wsfix.h"
#include "support/clirun.h"

Test(cli_watch, prints_a_line_per_change_and_ends_on_ctrl_c)
{
    const char *cli = getenv("LP_CLI") ? getenv("LP_CLI") : "build/san/lazypipe";
    char *dir = wf_mod_dir("mod \"m\" {}\n");
    wf_write(dir, "a.pp", "control \"a\" {\n  title = \"one\"\n}\n");
    const char *argv[] = {
        cli, "--mod-location", dir, "--no-index-cache", "watch", "--output", "json", NULL
    };
    int out;
    int pid = cl_spawn_out(argv, &out);
    char line[4096];
    cl_read_line(out, line, sizeof line, 20000);
    cr_assert(strstr(line, "\"version\":1") && strstr(line, "\"entries\":1"), "first line: %s", line);
    wf_write(dir, "a.pp", "control \"a\" {\n  title = \"two\"\n}\ncontrol \"b\" {\n  title = \"new\"\n}\n");
    cl_read_line(out, line, sizeof line, 20000);
    cr_assert(strstr(line, "\"version\":2"), "after the edit: %s", line);
    cr_assert(strstr(line, "\"added\":[\"m.control.b\"]") && strstr(line, "\"modified\":[\"m.control.a\"]"),
              "after the edit: %s", line);
    int status = cl_interrupt(pid);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d", status);
    close(out);
    wf_remove(dir);
}

/* The paths under dir (not directories) that pid's trace (strace -f -ttt -e trace=openat) shows
 * opened between times t0 and t1 (seconds since the epoch), each once, joined by spaces; and how
 * many of them are docs/ targets into *ndocs. */
static void opened_between(const char *log, const char *dir, double t0, double t1, char *out, size_t size,
                           int *ndocs)
{
    FILE *f = fopen(log, "r");
    cr_assert(f, "%s: %s", log, strerror(errno));
    char line[8192];
    size_t n = 0;
    out[0] = '\0';
    *ndocs = 0;
    while (fgets(line, sizeof line, f)) {
        int pid;
        double t;
        char path[4096];
        if (sscanf(line, "%d %lf openat(AT_FDCWD, \"%4095[^\"]\"", &pid, &t, path) != 3 || t < t0 || t > t1 ||
            strncmp(path, dir, strlen(dir)) != 0 || strstr(line, "O_DIRECTORY") || strstr(line, "= -1"))
            continue;
        char key[4100];
        snprintf(key, sizeof key, " %s ", path + strlen(dir));
        char padded[16400];
        snprintf(padded, sizeof padded, " %s ", out);
        if (strstr(padded, key)) continue;
        *ndocs += strstr(path, "/docs/") != NULL;
        n += (size_t)snprintf(out + n, n < size ? size - n : 0, "%s%s", n ? " " : "", path + strlen(dir));
        cr_assert(n < size, "too many paths opened");
    }
    fclose(f);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* strace's path on PATH into out, or 0 when there is none. */
static int find_strace(char *out, size_t size)
{
    const char *path = getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin";
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, ":");
        snprintf(out, size, "%.*s/strace", (int)n, p);
        if (n && access(out, X_OK) == 0) return 1;
        p += n + (p[n] == ':');
    }
    return 0;
}

/* The first pid in a trace: the traced CLI (strace's own signals would not reach it). */
static int traced_pid(const char *log, int ms)
{
    for (int waited = 0; waited < ms; waited += 20) {
        FILE *f = fopen(log, "r");
        int pid = 0;
        if (f && fscanf(f, "%d", &pid) != 1) pid = 0;
        if (f) fclose(f);
        if (pid > 0) return pid;
        usleep(20000);
    }
    return 0;
}

/* `watch` reopened from the index image: after the first refresh, an edit of one file reads that file
 * and nothing else.  A version served from the image has no record of what each entry's resolution
 * read (file() targets), so its first refresh evaluates every entry and reads every target (it pays
 * once, as the first open did); the refreshes after it carry the record over.  Before, every refresh
 * wrote a whole image too.  The reads are counted with strace, as the kernel sees them. */
Test(cli_watch, an_edit_after_a_reopen_reads_only_the_edited_file, .timeout = 60)
{
    char strace[4096];
    if (!find_strace(strace, sizeof strace)) cr_skip_test("no strace on PATH");
    const char *cli = getenv("LP_CLI") ? getenv("LP_CLI") : "build/san/lazypipe";
    enum { NDOCS = 40 };
    char *dir = wf_mod_dir("mod \"m\" {}\n"), *cache = wf_tmpdir(), log[4200];
    snprintf(log, sizeof log, "%s/trace", cache);
    wf_write(dir, "a.pp", "control \"a\" {\n  title = \"one\"\n}\n");
    for (int i = 0; i < NDOCS; i++) {
        char name[64], text[256];
        snprintf(name, sizeof name, "docs/c%d.md", i);
        snprintf(text, sizeof text, "## Control %d\n", i);
        wf_write(dir, name, text);
        snprintf(name, sizeof name, "c%d.pp", i);
        snprintf(text, sizeof text,
                 "control \"c%d\" {\n  title = \"C%d\"\n  documentation = file(\"./docs/c%d.md\")\n}\n", i,
                 i, i);
        wf_write(dir, name, text);
    }
    /* an hour old: no input is racily clean (hashed again by a check) but the edited one */
    char cmd[9000];
    snprintf(cmd, sizeof cmd, "find %s -exec touch -d '-1 hour' {} +", dir);
    cr_assert(system(cmd) == 0, "%s", cmd);
    cl_expect(0, "c39", NULL, "--mod-location %s --index-cache %s control list", dir, cache);

    /* (LeakSanitizer cannot run under ptrace) */
    const char *argv[] = { strace, "-f", "-ttt", "-E", "ASAN_OPTIONS=detect_leaks=0", "-e", "trace=openat",
                           "-o", log, cli, "--mod-location", dir, "--index-cache", cache, "watch",
                           "--output", "json", NULL };
    int out;
    int spid = cl_spawn_out(argv, &out);
    char line[4096];
    cl_read_line(out, line, sizeof line, 30000);
    cr_assert(strstr(line, "\"reopened\":true") && strstr(line, "\"entries\":41"), "first line: %s", line);
    /* the first edit pays for the record: every target read */
    wf_write(dir, "a.pp", "control \"a\" {\n  title = \"two\"\n}\n");
    cl_read_line(out, line, sizeof line, 30000);
    cr_assert(strstr(line, "\"version\":2") && strstr(line, "\"modified\":[\"m.control.a\"]"),
              "after the first edit: %s", line);
    usleep(100000);
    double t0 = now_s();
    wf_write(dir, "a.pp", "control \"a\" {\n  title = \"three\"\n}\n");
    cl_read_line(out, line, sizeof line, 30000);
    double t1 = now_s();
    cr_assert(strstr(line, "\"version\":3") && strstr(line, "\"modified\":[\"m.control.a\"]"),
              "after the second edit: %s", line);
    /* the record knows who reads a file() target */
    wf_write(dir, "docs/c5.md", "## Control 5, edited\n");
    cl_read_line(out, line, sizeof line, 30000);
    cr_assert(strstr(line, "\"version\":4") && strstr(line, "\"modified\":[\"m.control.c5\"]"),
              "after the target's edit: %s", line);
    int cpid = traced_pid(log, 1000);
    cr_assert(cpid > 0 && kill(cpid, SIGINT) == 0, "the traced CLI");
    int status;
    cr_assert(waitpid(spid, &status, 0) == spid);
    close(out);
    char paths[16384];
    int ndocs = 0;
    opened_between(log, dir, t0, t1, paths, sizeof paths, &ndocs);
    cr_expect_str_eq(paths, "/a.pp", "files opened between the edit and its line: %s", paths);
    /* the refresh left the image to the end of the process: the next command reopens the edited
     * version from it (not a patch of the first image) */
    cl_expect(0, "index cache: reopened", NULL, "--mod-location %s --index-cache %s index", dir, cache);
    cl_expect(0, "\"three\"", NULL, "--mod-location %s --index-cache %s control show a --output json", dir,
              cache);
    wf_remove(cache);
    wf_remove(dir);
}
