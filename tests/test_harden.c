/* test_harden.c — issue 28 ("Hardening") outside the server (tests/test_server.c has the
 * server's): strings with a NUL, the image's header under every one-bit flip, an image
 * truncated under a running server and watcher, a cache directory or image of another user,
 * RLIMIT_FSIZE below the image size, evaluated values past their bound and under a memory
 * limit, a query cycle.  Each runs the sanitized CLI (LP_CLI) as a user would. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/clirun.h"
#include "support/jsontree.h"
#include "support/wsfix.h"

/* A title whose string holds a NUL (an escape in a literal, or made by a template) is not
 * silently cut in the lists: a warning at file:line:col says so. */
Test(harden, nul_in_a_title_is_reported)
{
    char *dir = wf_mod_dir("mod \"m\" {\n  title = \"M\"\n}\n"
                           "dashboard \"d\" {\n  title = \"x\\u0000y\"\n}\n"
                           "dashboard \"e\" {\n  title = \"a${\"\\u0000\"}b\"\n}\n");
    cl_result r = cl_run("--mod-location %s dashboard list --output json --no-index-cache", dir);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.err, "mod.pp:5:") && strstr(r.err, "mod.pp:8:") &&
                  strstr(r.err, "NUL character in string"),
              "each cut title has its warning: %s", r.err);
    cl_done(&r);
    wf_remove(dir);
}

static const char *cli(void)
{
    const char *c = getenv("LP_CLI");
    return c && *c ? c : "build/san/lazypipe";
}

static char *small_mod(void)
{
    char *dir = wf_mod_dir("mod \"m\" {\n  title = \"M\"\n}\n");
    lp_buf text = { 0 };
    for (int i = 0; i < 60; i++)
        lp_buf_printf(&text, "dashboard \"d%d\" {\n  title = \"Dashboard number %d\"\n"
                             "  tags = { k = \"v%d\" }\n}\n", i, i, i);
    lp_buf_putc(&text, 0);
    wf_write(dir, "a.pp", text.data);
    lp_buf_free(&text);
    return dir;
}

/* The one image in cache (malloc'd path); asserts there is one. */
static char *the_image(const char *cache)
{
    char cmd[PATH_MAX + 64];
    snprintf(cmd, sizeof cmd, "ls %s/*.lpidx 2>/dev/null", cache);
    FILE *p = popen(cmd, "r");
    cr_assert(p);
    char line[PATH_MAX];
    cr_assert(fgets(line, sizeof line, p), "no image in %s", cache);
    pclose(p);
    line[strcspn(line, "\n")] = '\0';
    return strdup(line);
}

/* `watch` reopened from an image that is then truncated in place and overwritten: it follows
 * the next edit and ends with status 0 (it died of SIGBUS with the image mapped). */
Test(harden, watch_survives_its_image_truncated)
{
    char *dir = small_mod(), *cache = wf_tmpdir();
    cl_result r = cl_run("--mod-location %s dashboard list --index-cache %s", dir, cache);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cl_done(&r);
    char *img = the_image(cache);
    const char *argv[] = { cli(),      "--mod-location", dir, "--index-cache", cache, "watch",
                           "--output", "json",           NULL };
    int out;
    int pid = cl_spawn_out(argv, &out);
    char line[8192];
    cl_read_line(out, line, sizeof line, 20000);
    cr_assert(strstr(line, "\"version\":1"), "first line: %s", line);
    cr_assert_eq(truncate(img, 0), 0);
    FILE *f = fopen(img, "r+");
    cr_assert(f);
    for (int i = 0; i < 3000; i++) fputc("LPIDX\r\n\x1a"[i % 8], f);
    fclose(f);
    wf_write(dir, "b.pp", "dashboard \"new\" {\n  title = \"New\"\n}\n");
    cl_read_line(out, line, sizeof line, 20000);
    cr_assert(strstr(line, "\"version\":2") && strstr(line, "m.dashboard.new"), "after the edit: %s", line);
    wf_write(dir, "a.pp", "dashboard \"only\" {\n  title = \"Only\"\n}\n");
    cl_read_line(out, line, sizeof line, 20000);
    cr_assert(strstr(line, "\"version\":3"), "after the second edit: %s", line);
    int status = cl_interrupt(pid);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %d (signal %d)", status,
              WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    close(out);
    free(img);
    wf_remove(cache);
    wf_remove(dir);
}

/* The image writer a command left behind in cache (a process of its own, writing after the command's
 * exit) done: lp_index_cache_hold waits, up to 2 s, for the writer's hold to go. */
static void writer_done(const char *cache)
{
    int hold = lp_index_cache_hold(cache);
    if (hold >= 0) close(hold);
}

/* The image at path is ours and 0600, and the next command reopens it. */
static void image_is_ours_again(const char *dir, const char *sub, const char *img)
{
    writer_done(sub);
    struct stat st;
    cr_assert_eq(stat(img, &st), 0);
    cr_expect(st.st_uid == geteuid() && (st.st_mode & 07777) == 0600, "the image written: owner %u, mode %o",
              (unsigned)st.st_uid, st.st_mode & 07777);
    cl_result r = cl_run("--mod-location %s index --index-cache %s", dir, sub);
    cr_expect(strstr(r.out, "index cache: reopened"), "%s", r.out);
    cl_done(&r);
}

/* A cache directory another user owns (or that group or others may write) is not used as it
 * is: another user could have put a forged image there.  A private directory inside it is used
 * instead, with a warning; an image of another user in a private directory is not read. */
Test(harden, foreign_cache_directory_and_image_are_not_trusted)
{
    cr_assert_eq(geteuid(), 0, "needs root, to give files to a second user (nobody)");
    char *dir = small_mod(), *cache = wf_tmpdir();
    cl_result r = cl_run("--mod-location %s index --index-cache %s", dir, cache);
    cl_done(&r);
    r = cl_run("--mod-location %s index --index-cache %s", dir, cache);
    cr_assert(strstr(r.out, "index cache: reopened"), "the image is ours: %s", r.out);
    cl_done(&r);
    /* the directory and its image become another user's (uid 65534: nobody) */
    char cmd[PATH_MAX + 64];
    snprintf(cmd, sizeof cmd, "chown -R 65534 %s", cache);
    cr_assert_eq(system(cmd), 0);
    r = cl_run("--mod-location %s index --index-cache %s", dir, cache);
    cr_expect(!strstr(r.out, "index cache: reopened"), "another user's image was reopened: %s", r.out);
    cr_expect(strstr(r.err, "is not private (it belongs to another user): using"), "warning: %s", r.err);
    cl_done(&r);
    char sub[PATH_MAX];
    snprintf(sub, sizeof sub, "%s/lazypipe-0", cache);
    struct stat st;
    cr_assert(stat(sub, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 077) == 0 && st.st_uid == 0,
              "the private directory");
    /* group- or world-writable: the same, even when it is ours */
    snprintf(cmd, sizeof cmd, "chown 0 %s && chmod 0777 %s", cache, cache);
    cr_assert_eq(system(cmd), 0);
    r = cl_run("--mod-location %s dashboard list --index-cache %s", dir, cache);
    cr_expect_eq(r.status, 0);
    cr_expect(strstr(r.err, "group or others may write it"), "warning: %s", r.err);
    cr_expect(strstr(r.out, "d59"), "the list is printed: %s", r.out);
    cl_done(&r);
    /* in a private directory, an image of another user is not read (and is replaced) */
    r = cl_run("--mod-location %s index --index-cache %s", dir, sub);
    cr_expect(strstr(r.out, "index cache: reopened"), "%s", r.out);
    cl_done(&r);
    char *img = the_image(sub);
    cr_assert_eq(chown(img, 65534, 0), 0);
    r = cl_run("--mod-location %s index --index-cache %s", dir, sub);
    cr_expect(strstr(r.out, "rebuilt (the image belongs to another user: not read)"), "%s", r.out);
    cl_done(&r);
    image_is_ours_again(dir, sub, img);
    cr_assert_eq(chmod(img, 0666), 0);
    r = cl_run("--mod-location %s index --index-cache %s", dir, sub);
    cr_expect(strstr(r.out, "writable by group or others"), "%s", r.out);
    cl_done(&r);
    image_is_ours_again(dir, sub, img);
    free(img);
    wf_remove(cache);
    wf_remove(dir);
}

/* A file size limit below the image's size: the command still prints its answer (exit 0), and
 * no temporary file is left (SIGXFSZ killed it with status 153, nothing printed). */
Test(harden, file_size_limit_below_the_image)
{
    char *dir = small_mod(), *cache = wf_tmpdir();
    char cmd[3 * PATH_MAX], out[PATH_MAX];
    snprintf(out, sizeof out, "%s.out", cache);
    /* ulimit -f counts 1 KiB blocks: 8 KiB, past the list (~3 KB) and below the image */
    snprintf(cmd, sizeof cmd, "ulimit -f 8; exec %s --mod-location %s dashboard list --index-cache %s > %s",
             cli(), dir, cache, out);
    int st = system(cmd);
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exit status %d", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    char *buf = jt_read_file(out, NULL);
    cr_assert(buf);
    cr_expect(strstr(buf, "d59"), "the list is printed: %s", buf);
    free(buf);
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A %s)\"", cache);
    cr_expect_eq(system(cmd), 0, "a file is left in the cache directory");
    unlink(out);
    wf_remove(cache);
    wf_remove(dir);
}

/* Ten nested locals of ten lists each: 10^9 values once written out, in a file of about a
 * kilobyte.  Every value evaluated is bounded (LP_EVAL_MAX_ELEMS): the first local past the
 * bound is an error at its file:line:col, at once and without the memory (main listed the
 * control without its title, exit 0, nothing said, after allocating what it could). */
static char *nested_mod(int levels, const char *title)
{
    char *dir = wf_tmpdir();
    size_t cap = 1 << 16, n = 0;
    char *text = malloc(cap);
    n += (size_t)snprintf(text, cap,
                          "mod \"m\" {\n  title = \"M\"\n}\nlocals {\n  l0 = [0,1,2,3,4,5,6,7,8,9]\n");
    for (int i = 1; i < levels; i++) {
        n += (size_t)snprintf(text + n, cap - n, "  l%d = [", i);
        for (int k = 0; k < 10; k++)
            n += (size_t)snprintf(text + n, cap - n, "%slocal.l%d", k ? "," : "", i - 1);
        n += (size_t)snprintf(text + n, cap - n, "]\n");
    }
    snprintf(text + n, cap - n, "}\ncontrol \"x\" {\n  title = \"%s\"\n  sql = \"select 1\"\n}\n", title);
    wf_write(dir, "mod.pp", text);
    free(text);
    return dir;
}

static const char *release_cli(void)
{
    return access("build/lazypipe", X_OK) == 0 ? "build/lazypipe" : NULL;
}

Test(harden, evaluated_values_are_bounded)
{
    char *dir = nested_mod(10, "n${length(flatten(local.l9))}");
    cl_result r = cl_run("--mod-location %s control list --output json --no-index-cache", dir);
    cr_expect_eq(r.status, 1, "exit status %d", r.status);
    /* l6 (line 11) is the first past 2^22 values: 10^7 */
    cr_expect(strstr(r.err, "mod.pp:11:8: error: Value too large"), "%s", r.err);
    cl_done(&r);
    /* and under a 1 GiB address-space limit (the release build: ASan cannot run under one) */
    const char *rel = release_cli();
    cr_assert(rel, "build/lazypipe is not built (make test builds it)");
    char cmd[3 * PATH_MAX], err[PATH_MAX];
    snprintf(err, sizeof err, "%s.err", dir);
    snprintf(cmd, sizeof cmd, "ulimit -v 1048576; exec %s --mod-location %s control list --no-index-cache "
             "> /dev/null 2> %s", rel, dir, err);
    int st = system(cmd);
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 1, "status %d", st);
    char *buf = jt_read_file(err, NULL);
    cr_assert(buf);
    cr_expect(strstr(buf, "mod.pp:11:8: error: Value too large"), "%s", buf);
    free(buf);
    unlink(err);
    wf_remove(dir);
}

/* Under any memory limit an out-of-memory is said, never a silently missing value: each run
 * either prints the title as it is (exit 0) or says "out of memory" (exit 1).  The limits go
 * from too little to open at all to enough. */
Test(harden, out_of_memory_is_never_silent, .timeout = 300)
{
    const char *rel = release_cli();
    cr_assert(rel, "build/lazypipe is not built (make test builds it)");
    char *dir = nested_mod(6, "n${length(flatten(local.l5))}");   /* 10^6 values: within the bound */
    char cmd[3 * PATH_MAX], out[PATH_MAX], err[PATH_MAX];
    snprintf(out, sizeof out, "%s.out", dir);
    snprintf(err, sizeof err, "%s.err", dir);
    unsigned ok = 0, oom = 0;
    for (int mb = 16; mb <= 400; mb += 8) {
        snprintf(cmd, sizeof cmd, "ulimit -v %d; exec %s --mod-location %s control list --output json "
                 "--no-index-cache > %s 2> %s", mb * 1024, rel, dir, out, err);
        int st = system(cmd);
        int code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        size_t n;
        char *o = jt_read_file(out, &n), *e = jt_read_file(err, &n);
        cr_assert(o && e);
        if (code == 127 && strstr(e, "error while loading shared libraries")) {
            /* too little to load the program's libraries: it never ran */
            free(o);
            free(e);
            continue;
        }
        if (code == 0) {
            cr_expect(strstr(o, "\"title\": \"n1000000\""), "%d MB: exit 0 with a wrong title: %s %s", mb, o,
                      e);
            ok++;
        } else {
            cr_expect_eq(code, 1, "%d MB: status %d: %s", mb, code, e);
            cr_expect(strcasestr(e, "out of memory"), "%d MB: exit %d without saying why: %s", mb, code, e);
            oom++;
        }
        free(o);
        free(e);
    }
    fprintf(stderr,
            "test_harden: under 49 memory limits, %u answered, %u said out of memory (the others could not "
            "load the program)\n",
            ok, oom);
    cr_expect(ok > 0 && oom > 0, "the limits did not cover both outcomes (%u, %u)", ok, oom);
    unlink(out);
    unlink(err);
    wf_remove(dir);
}

/* A cycle through queries' sql (query.q1.sql <-> query.q2.sql, and one of three) is reported as
 * benchmark and container cycles are. */
Test(harden, query_cycles_are_reported)
{
    char *dir = wf_mod_dir("mod \"m\" {\n}\n"
                           "query \"q1\" {\n  sql = query.q2.sql\n}\n"
                           "query \"q2\" {\n  sql = query.q1.sql\n}\n"
                           "query \"a\" {\n  sql = m.query.b.sql\n}\n"
                           "query \"b\" {\n  sql = \"x ${query.c.sql}\"\n}\n"
                           "query \"c\" {\n  sql = upper(query.a.sql)\n}\n"
                           "query \"fine\" {\n  sql = query.d.sql\n}\n"
                           "query \"d\" {\n  sql = upper(\"select 1\")\n}\n");
    cl_expect_want(
        &(cl_want){ .status = 1,
                    .err = { "mod.pp:7:9: error: Circular dependency; circular dependency detected: "
                             "m.query.q1 -> m.query.q2 -> m.query.q1",
                             "circular dependency detected: m.query.a -> m.query.b -> m.query.c -> "
                             "m.query.a" },
                    .not_err = { "m.query.fine", "m.query.d ->" } },
        "--mod-location %s query list --output json --no-index-cache", dir);
    wf_remove(dir);
}
