/* test_query_stream.c — `query run` writes rows as they arrive (cmd_query_run.c, lp_run_opts.on_row),
 * so its memory does not grow with the result, and a wide cell is shown as Powerpipe's go-pretty
 * table shows it (pipe-fittings' MaxColumnWidth 1024, WrapText) without padding the rest of the
 * table to the cell's width.
 *
 * Memory: the CLI's peak RSS (wait4's ru_maxrss of the child, as test_check_stream.c) for each
 * output of ROWS generated rows (a recursive CTE on SQLite: 41 to 50 MB of output) may exceed the
 * peak of the same command on one row by at most LIMIT_KIB.  Holding the result and the output, as
 * before, went 60 to 400 MB above (plain build, 1M rows: 221 MB csv, 258 MB json, 422 MB line,
 * 221 MB table, 395 MB snapshot, against 14 MB streamed).  An 8 MB cell as a table: at most
 * the cell's size above --output none of the same statement (SQLite's own copies of the value;
 * measured: none above), and the bytes written are the cell's plus 12 per line of 1,024 of it,
 * not 5x the cell (header and rules padded to its width, as before). */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/wsfix.h"

#define ROWS 40000
#define LIMIT_KIB (24 * 1024)
#define WIDE (8 * 1000 * 1000)
#define WIDE_LIMIT_KIB (8 * 1024)   /* 1x the cell */

static char *dir;

static void setup(void)
{
    dir = wf_mod_dir("mod \"qs\" {\n  title = \"Query stream\"\n}\n");
    wf_write(dir, "q.db", "");   /* an empty file is an empty SQLite database */
}

static void teardown(void)
{
    wf_remove(dir);
    dir = NULL;
}

TestSuite(query_stream, .init = setup, .fini = teardown);

/* `query run` of sql with args (shell words) on an empty SQLite file: stdout counted through a pipe,
 * the child's peak RSS. */
static cl_mem_run cli_rss(const char *args, const char *sql)
{
    const char *exe = getenv("LP_CLI");
    cr_assert(exe && *exe, "LP_CLI is not set");
    char cmd[16384];
    snprintf(cmd, sizeof cmd, "exec %s --mod-location %s query run --database sqlite://%s/q.db %s \"%s\"",
             exe, dir, dir, args, sql);
    /* ASan's quarantine would hold freed blocks and count them as RSS (8 MiB of it: 12 MiB more for a
     * table, which frees more often) */
    int fd;
    int pid = cl_spawn_piped(cmd, "detect_leaks=0:quarantine_size_mb=0:malloc_context_size=2", &fd);
    cl_mem_run r = { 0 };
    static char buf[1 << 16];
    ssize_t n;
    unsigned long long line = 0;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        r.bytes += (unsigned long long)n;
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] != '\n') {
                line++;
                continue;
            }
            if (line > r.longest) r.longest = line;
            line = 0;
            r.lines++;
        }
    }
    close(fd);
    r.status = cl_wait_rss(pid, &r.maxrss_kib);
    return r;
}

static const char *rows_sql(int n)
{
    static char sql[512];
    snprintf(sql, sizeof sql,
             "with recursive g(i) as (select 1 union all select i + 1 from g where i < %d) "
             "select i, 'resource-' || i as name, printf('%%01000d', i) as padded, i * 1.5 as f, "
             "null as empty from g", n);
    return sql;
}

/* (every .timeout in this file is one value: Criterion 2.4.1 leaks a limit inserted before a later one,
 * 48 bytes LeakSanitizer reports, when tests of two values overlap under --jobs 2: test_server.c) */

Test(query_stream, memory_stays_flat_whatever_the_rows, .timeout = 600)
{
    static const cl_big_output RUNS[] = {   /* each output far larger than the limit */
        { "--output csv", 36ull << 20 },
        { "--output json", 36ull << 20 },
        { "--output line", 36ull << 20 },
        { "--output table", 36ull << 20 },
        { "--output snapshot", 36ull << 20 },
    };
    for (size_t i = 0; i < sizeof RUNS / sizeof *RUNS; i++) {
        cl_mem_run floor = cli_rss(RUNS[i].args, rows_sql(1));
        cr_assert_eq(floor.status, 0, "%s of one row: exit %d", RUNS[i].args, floor.status);
        cl_mem_run r = cli_rss(RUNS[i].args, rows_sql(ROWS));
        cl_expect_streamed(RUNS[i].args, &r, 0, RUNS[i].min_bytes, &floor, "one row", LIMIT_KIB);
    }
}

Test(query_stream, a_wide_cell_is_wrapped_not_padded, .timeout = 600)
{
    char sql[256];
    snprintf(sql, sizeof sql, "select printf('%%.*c', %d, 'x') as wide, 'short' as s", WIDE);
    cl_mem_run floor = cli_rss("--output none", sql);
    cr_assert_eq(floor.status, 0);
    cl_mem_run r = cli_rss("--output table", sql);
    cr_log_info("table of a %d-byte cell: %llu bytes, %llu lines, peak RSS %ld KiB (--output none: %ld KiB)",
                WIDE, r.bytes, r.lines, r.maxrss_kib, floor.maxrss_kib);
    cr_assert_eq(r.status, 0);
    /* go-pretty: the column is 1,024 wide; the cell takes ceil(WIDE / 1024) lines of "| " 1024 " | short |"
     */
    unsigned long long cell_lines = (WIDE + 1023) / 1024;
    unsigned long long line_len = 2 + 1024 + 3 + 5 + 2;
    cr_assert_eq(r.longest, line_len, "the widest line: %llu", r.longest);
    cr_assert_eq(r.lines, 4 + cell_lines, "lines: %llu", r.lines);
    cr_assert_eq(r.bytes, (4 + cell_lines) * (line_len + 1), "bytes: %llu", r.bytes);
    cr_assert_leq(r.maxrss_kib - floor.maxrss_kib, WIDE_LIMIT_KIB,
                  "peak RSS %ld KiB, %ld KiB over --output none", r.maxrss_kib,
                  r.maxrss_kib - floor.maxrss_kib);
}

/* The table's first lines, as go-pretty lays out a row whose cell is wrapped: the other cells
 * blank on the lines after the first. */
Test(query_stream, wrapped_row_layout)
{
    cl_result r = cl_run("--mod-location %s query run --database sqlite://%s/q.db "
                         "\"select printf('%%.*c', 1500, 'x') as wide, 'ab' as s\"", dir, dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    char rule[2048], head[2048], l1[2048], l2[2048];
    size_t o = 0;
    rule[o++] = '+';
    for (int i = 0; i < 1026; i++) rule[o++] = '-';
    memcpy(rule + o, "+----+\n", 8);
    o = (size_t)snprintf(head, sizeof head, "| wide%*s | s  |\n", 1020, "");
    cr_assert_lt(o, sizeof head);
    memcpy(l1, "| ", 2);
    memset(l1 + 2, 'x', 1024);
    strcpy(l1 + 1026, " | ab |\n");
    memcpy(l2, "| ", 2);
    memset(l2 + 2, 'x', 476);
    memset(l2 + 478, ' ', 548);
    strcpy(l2 + 1026, " |    |\n");
    char want[16384];
    snprintf(want, sizeof want, "%s%s%s%s%s%s", rule, head, rule, l1, l2, rule);
    cr_assert_str_eq(r.out, want);
    cl_done(&r);
}

/* A statement that fails after some rows: nothing but the error, as before (and as Powerpipe, which
 * holds the result), while the output is under what stdout holds back; an export then has what a
 * failed query has: no columns, no rows. */
Test(query_stream, a_late_failure_prints_only_the_error)
{
    const char *sql = "with recursive g(i) as (select 1 union all select i + 1 from g where i < 50) "
                      "select case when i = 50 then abs(-9223372036854775807 - 1) else i end as v from g";
    const char *fmts[] = { "csv", "json", "line", "table", "none" };
    for (size_t k = 0; k < sizeof fmts / sizeof *fmts; k++) {
        cl_result r = cl_run("--mod-location %s query run --output %s --database sqlite://%s/q.db "
                             "--export %s/x.csv \"%s\"", dir, fmts[k], dir, dir, sql);
        cr_assert_eq(r.status, 41, "%s: exit %d", fmts[k], r.status);
        cr_assert(strstr(r.err, "integer overflow"), "%s: %s", fmts[k], r.err);
        cr_assert(!strstr(r.out, "49"), "%s: rows printed before the failure:\n%s", fmts[k], r.out);
        cl_done(&r);
        char path[4200];
        snprintf(path, sizeof path, "%s/x.csv", dir);
        FILE *f = fopen(path, "rb");
        cr_assert(f);
        char buf[64] = { 0 };
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        cr_assert_eq(n, 1, "%s: the export has %zu bytes: %s", fmts[k], n, buf);
        cr_assert_str_eq(buf, "\n");
    }
}
