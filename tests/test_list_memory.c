/* test_list_memory.c — list JSON and YAML are written as they are made
 * (issue 27 §2): a benchmark's references repeat the attribute's source per
 * reference, so the output of one benchmark of N children grows with N², and
 * a chain of N benchmarks has paths of every length up to N.  The CLI's peak
 * RSS (wait4's ru_maxrss of the child) on such mods may exceed its peak on a
 * one-control mod by at most 64 MiB, while the output is far larger (the
 * whole document held in memory, as before, peaked at 463 MiB for 3,000
 * children).  The output is checked too: one reference per child, one item
 * per benchmark, counted in the stream as it goes by. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/clirun.h"
#include "support/wsfix.h"

#define LIMIT_KIB (64 * 1024)

typedef struct run {
    long maxrss_kib;
    unsigned long long bytes, hits;
    int status;
} run;

/* The CLI in dir with args; stdout read through a pipe, `needle` counted. */
static run cli(const char *dir, const char *const *args, const char *needle)
{
    const char *exe = getenv("LP_CLI");
    cr_assert(exe && *exe, "LP_CLI is not set");
    char abs_exe[4096], cmd[8192];
    cr_assert(realpath(exe, abs_exe), "LP_CLI %s", exe);
    size_t at = (size_t)snprintf(cmd, sizeof cmd, "cd '%s' && exec '%s'", dir, abs_exe);
    for (int i = 0; args[i]; i++) at += (size_t)snprintf(cmd + at, sizeof cmd - at, " '%s'", args[i]);
    cr_assert_lt(at, sizeof cmd);
    int fd;
    /* ASan's quarantine would hold freed blocks and count them as RSS */
    int pid = cl_spawn_piped(cmd, "detect_leaks=0:quarantine_size_mb=8:malloc_context_size=2", &fd);
    run r = { 0 };
    static char buf[1 << 16];
    size_t nl = strlen(needle), carry = 0;
    ssize_t n;
    /* the needle may straddle two reads: keep its length minus one bytes */
    while ((n = read(fd, buf + carry, sizeof buf - carry)) > 0) {
        r.bytes += (unsigned long long)n;
        size_t len = carry + (size_t)n;
        for (const char *p = buf; (p = memmem(p, len - (size_t)(p - buf), needle, nl)); p += nl) r.hits++;
        carry = len >= nl - 1 ? nl - 1 : len;
        memmove(buf, buf + len - carry, carry);
    }
    close(fd);
    r.status = cl_wait_rss(pid, &r.maxrss_kib);
    return r;
}

/* A mod "hostile" whose m.pp is text (freed): its directory. */
static char *hostile_mod(lp_buf *text)
{
    char *dir = wf_mod_dir("mod \"h\" {\n  title = \"hostile\"\n}\n");
    wf_write(dir, "m.pp", text->data);
    lp_buf_free(text);
    return dir;
}

static char *wide_mod(int n)
{
    lp_buf t = { 0 };
    lp_buf_puts(&t, "benchmark \"b\" {\n  title = \"wide\"\n  children = [\n");
    for (int i = 0; i < n; i++) lp_buf_printf(&t, "    control.c%d,\n", i);
    lp_buf_puts(&t, "  ]\n}\n");
    for (int i = 0; i < n; i++)
        lp_buf_printf(&t, "control \"c%d\" {\n  title = \"c%d\"\n  sql = \"select 1\"\n}\n", i, i);
    return hostile_mod(&t);
}

static char *deep_mod(int n)
{
    lp_buf t = { 0 };
    for (int i = 0; i < n; i++) {
        lp_buf_printf(&t, "benchmark \"b%d\" {\n  title = \"b%d\"\n  children = [\n", i, i);
        if (i + 1 < n) lp_buf_printf(&t, "    benchmark.b%d\n  ]\n}\n", i + 1);
        else lp_buf_puts(&t, "    control.c\n  ]\n}\n");
    }
    lp_buf_puts(&t, "control \"c\" {\n  sql = \"select 1\"\n}\n");
    return hostile_mod(&t);
}

static long baseline_kib(const char *fmt)
{
    char *dir = wide_mod(1);
    const char *args[] = { "benchmark", "list", "--output", fmt, NULL };
    run r = cli(dir, args, "reference_to");
    cr_assert_eq(r.status, 0);
    cr_assert_eq(r.hits, 1, "one child: one reference (%llu)", r.hits);
    wf_remove(dir);
    return r.maxrss_kib;
}

/* The CLI's `benchmark list --output fmt` over the mod at dir (removed after): its exit status, the
 * lines with needle, its bytes and its peak RSS over the one-control mod's. */
static void check(const char *what, char *dir, const char *fmt, const char *needle,
                  unsigned long long want_hits, unsigned long long min_bytes)
{
    long base = baseline_kib(fmt);
    const char *args[] = { "benchmark", "list", "--output", fmt, NULL };
    run r = cli(dir, args, needle);
    cr_log_info("%s: %llu bytes, peak RSS %ld KiB (one-control mod: %ld KiB)", what, r.bytes, r.maxrss_kib,
                base);
    cr_assert_eq(r.status, 0, "%s: exit status %d", what, r.status);
    cr_assert_eq(r.hits, want_hits, "%s: %llu hits, want %llu", what, r.hits, want_hits);
    cr_assert_geq(r.bytes, min_bytes, "%s: %llu bytes", what, r.bytes);
    cr_assert_leq(r.maxrss_kib - base, LIMIT_KIB, "%s: peak RSS %ld KiB, %ld KiB over the one-control mod's",
                  what, r.maxrss_kib, r.maxrss_kib - base);
    wf_remove(dir);
}

/* 3,000 children: 3,000 references each repeating the 3,000-line attribute
 * (178 MB of JSON), every reference counted */
Test(list_memory, wide_benchmark_json, .timeout = 600)
{
    check("3000 children, json", wide_mod(3000), "json", "\"reference_to\": \"control.c", 3000, 150ull << 20);
}

/* YAML through libyaml's emitter as the JSON comes (1,000 children: 20 MB) */
Test(list_memory, wide_benchmark_yaml, .timeout = 600)
{
    check("1000 children, yaml", wide_mod(1000), "yaml", "reference_to: control.c", 1000, 15ull << 20);
}

/* a chain 2,000 deep: item k has one path of k + 2 names (2,000 items, 2 million path names) */
Test(list_memory, deep_chain_json, .timeout = 600)
{
    /* at least the names of the paths: "h.benchmark.bK" is 14 bytes or more, quoted and indented */
    check("2000 deep, json", deep_mod(2000), "json", "\"qualified_name\": \"h.benchmark.b", 2000,
          2000ull * 2001 / 2 * 20);
}
