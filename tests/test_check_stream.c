/* test_check_stream.c — a check run's documents are written a control at a
 * time (check_formats.c, check_html.c: ck_flush after each control, the rows
 * read back from the spool), and that changes neither their bytes nor, for a
 * large run, lets memory grow with them.
 *
 * Bytes: every --output format and every --export of a mod with nested
 * benchmarks, a control under two parents, dimensions (one NULL), tags, a
 * control in error, skipped, info and alarm rows and a control with none,
 * compared with tests/data/check_stream/, which the whole-document
 * implementation wrote (lazypipe before the streaming, main at 5e1e5c9:
 * LP_CHECK_STREAM_WRITE=DIR writes the files with the LP_CLI given; written again when values
 * became escaped for their document, escape.c, and that was the only difference).  Times,
 * durations, the temporary folder and the working folder are masked on both
 * sides.
 *
 * Memory: the CLI's peak RSS (wait4's ru_maxrss of the child, as
 * test_list_memory.c) for each format on 600 controls of 200 rows (json:
 * 67 MB of document) may exceed the same run's with --output none (the index,
 * the run's tree, its connections, no document) by at most 24 MiB.  The
 * whole document held in memory, as before, went above that by its own size
 * (json: +170 MB, compact and indented; the sanitized build measured 62 MB
 * for none, 67 to 75 MB for every format). */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/wsfix.h"
#include "support/jsontree.h"
#include "support/runfix.h"

#define EXPECTED "tests/data/check_stream"

static const char MOD[] =
    "benchmark \"top\" {\n  title = \"Top\"\n  description = \"The top benchmark\"\n"
    "  tags = { plugin = \"aws\", kind = \"top\" }\n"
    "  children = [benchmark.mid, control.aws_dims, control.info_rows, benchmark.empty]\n}\n"
    "benchmark \"mid\" {\n  title = \"Mid\"\n  tags = { level = \"2\" }\n"
    "  children = [control.aws_dims, control.skipped, benchmark.leaf, control.none]\n}\n"
    "benchmark \"leaf\" {\n  title = \"Leaf \\\"quoted\\\"\"\n  children = [control.err, "
    "control.ok_only]\n}\n"
    "benchmark \"empty\" {\n  title = \"Empty\"\n  children = []\n}\n"
    "control \"aws_dims\" {\n  title = \"AWS dims\"\n  description = \"Rows with <dimensions> & tags\"\n"
    "  severity = \"high\"\n  tags = { plugin = \"aws\", service = \"s3\" }\n"
    "  sql = \"select name as resource, case when n % 2 = 1 then 'alarm' else 'ok' end as status, "
    "'reason ' || name as reason, region, '1234' as account_id from t order by n\"\n}\n"
    "control \"skipped\" {\n  title = \"Skipped\"\n"
    "  sql = \"select name as resource, 'skip' as status, 'skipped ' || n as reason from t order by n\"\n}\n"
    "control \"info_rows\" {\n  title = \"Info\"\n  severity = \"low\"\n"
    "  sql = \"select name as resource, 'info' as status, 'info' as reason, region as zone from t "
    "where n > 1 order by n\"\n}\n"
    "control \"err\" {\n  title = \"Err\"\n  description = \"broken\"\n  sql = \"select nope from "
    "nowhere\"\n}\n"
    "control \"ok_only\" {\n  title = \"OK\"\n  tags = { service = \"ec2\" }\n"
    "  sql = \"select 'r' as resource, 'ok' as status, 'fine' as reason\"\n}\n"
    "control \"none\" {\n  title = \"No rows\"\n"
    "  sql = \"select 'r' as resource, 'ok' as status, 'x' as reason where 1 = 0\"\n}\n";

static char *dir;
static char db[4200];

static void make_db(const char *sql)
{
    snprintf(db, sizeof db, "%s/data.sqlite", dir);
    rf_sqlite(db, sql);
}

static void setup(void)
{
    dir = wf_tmpdir();
    make_db(
        "create table t(name text, n integer, region text);"
        "insert into t values ('a,b', 1, 'us-east-1'), ('say \"hi\"', 2, NULL), ('pi|pe', 3, 'eu-west-1'),"
        " ('tab' || char(9) || 'x', 4, 'eu-west-2');");
    wf_write(dir, "mod.pp", "mod \"js\" {\n  title = \"JS stream\"\n}\n");
    wf_write(dir, "c.pp", MOD);
}

static void teardown(void)
{
    wf_remove(dir);
    dir = NULL;
}

TestSuite(check_stream, .init = setup, .fini = teardown);

/* ------------------------------------------------------------------ bytes */

/* s with every match of the extended regex `re` replaced by `with` (s is freed). */
static char *mask_re(char *s, const char *re, const char *with)
{
    regex_t rx;
    cr_assert_eq(regcomp(&rx, re, REG_EXTENDED), 0, "%s", re);
    size_t cap = strlen(s) + 1, len = 0;
    char *out = malloc(cap);
    cr_assert(out);
    const char *p = s;
    regmatch_t m;
    while (regexec(&rx, p, 1, &m, p == s ? 0 : REG_NOTBOL) == 0 && m.rm_eo > m.rm_so) {
        size_t need = len + (size_t)m.rm_so + strlen(with) + strlen(p + m.rm_eo) + 1;
        if (need > cap) {
            cap = need * 2;
            out = realloc(out, cap);
            cr_assert(out);
        }
        memcpy(out + len, p, (size_t)m.rm_so);
        len += (size_t)m.rm_so;
        memcpy(out + len, with, strlen(with));
        len += strlen(with);
        p += m.rm_eo;
    }
    size_t rest = strlen(p);
    if (len + rest + 1 > cap) {
        out = realloc(out, len + rest + 1);
        cr_assert(out);
    }
    memcpy(out + len, p, rest + 1);
    regfree(&rx);
    free(s);
    return out;
}

/* s with every occurrence of `what` replaced by `with` (s is freed). */
static char *mask_str(char *s, const char *what, const char *with)
{
    char re[8192];
    size_t k = 0;
    for (const char *p = what; *p && k + 3 < sizeof re; p++) {
        if (strchr(".[]{}()\\*+?^$|", *p)) re[k++] = '\\';
        re[k++] = *p;
    }
    re[k] = '\0';
    return mask_re(s, re, with);
}

/* What differs from one run to the next: the times (RFC 3339 and "2006-01-02 15:04:05"), the
 * nunit3 durations, the temporary folder and the working folder; and lazypipe's version. */
static char *mask(char *s)
{
    char cwd[4096];
    cr_assert(getcwd(cwd, sizeof cwd));
    s = mask_str(s, dir, "DIR");
    s = mask_str(s, cwd, "CWD");
    s = mask_re(
        s, "[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:?[0-9]{2})?",
        "TIME");
    s = mask_re(s, "Powerpipe [0-9][0-9A-Za-z.+-]*", "Powerpipe V");
    s = mask_re(s, "Steampipe [0-9][0-9A-Za-z.+-]*", "Steampipe V");
    s = mask_re(s, "\"ProviderVersion\": \"[^\"]*\"", "\"ProviderVersion\": \"V\"");
    return mask_re(s, "duration=\"[^\"]*\"", "duration=\"D\"");
}

/* The document against its expected file (or, with LP_CHECK_STREAM_WRITE, written there). */
static void expect_doc(const char *name, char *doc)
{
    doc = mask(doc);
    const char *write_to = getenv("LP_CHECK_STREAM_WRITE");
    char path[4300];
    if (write_to && *write_to) {
        snprintf(path, sizeof path, "%s/%s", write_to, name);
        FILE *f = fopen(path, "wb");
        cr_assert(f, "%s: %s", path, strerror(errno));
        cr_assert_eq(fwrite(doc, 1, strlen(doc), f), strlen(doc));
        fclose(f);
        free(doc);
        return;
    }
    snprintf(path, sizeof path, EXPECTED "/%s", name);
    size_t n;
    char *want = jt_read_file(path, &n);
    cr_assert(want, "%s is missing", path);
    size_t got = strlen(doc), at = 0;
    while (at < n && at < got && want[at] == doc[at]) at++;
    cr_assert(at == n && at == got, "%s differs at byte %zu (%zu bytes, want %zu):\n%.200s\nwant:\n%.200s",
              name, at, got, n, doc + (at > 40 ? at - 40 : 0), want + (at > 40 ? at - 40 : 0));
    free(want);
    free(doc);
}

#define RUN(fmt, ...)                                                                                        \
    cl_run("--mod-location %s " fmt " --database sqlite://%s --progress=false", dir, __VA_ARGS__, db)

static const char *const OUTPUTS[] = { "json", "snapshot", "md", "html", "nunit3", "asff", "csv", "text" };

static void outputs_of(const char *cmd, const char *tag, int status)
{
    for (size_t i = 0; i < sizeof OUTPUTS / sizeof *OUTPUTS; i++) {
        cl_result r = RUN("%s --output %s", cmd, OUTPUTS[i]);
        cr_assert_eq(r.status, status, "%s --output %s: exit %d\n%s", cmd, OUTPUTS[i], r.status, r.err);
        char name[128];
        snprintf(name, sizeof name, "%s.%s", tag, OUTPUTS[i]);
        char *doc = r.out;
        r.out = NULL;
        expect_doc(name, doc);
        cl_done(&r);
    }
}

Test(check_stream, outputs_of_a_nested_benchmark_are_the_whole_documents)
{
    outputs_of("benchmark run top", "top", 2);
}

/* two targets: the synthetic "<mod>.benchmark.root" group above them, a group under the root */
Test(check_stream, outputs_of_two_targets_are_the_whole_documents)
{
    outputs_of("benchmark run mid leaf", "two", 2);
}

/* one control, the root's child directly; and one in error */
Test(check_stream, outputs_of_a_control_are_the_whole_documents)
{
    outputs_of("control run aws_dims", "control", 1); /* alarms */
    outputs_of("control run err", "err", 2);
}

/* Exports to named files: one tree of every target, written to the file as it goes. */
Test(check_stream, exports_are_the_whole_documents)
{
    static const char *const FILES[] = { "x.json", "x.pps", "x.md", "x.html", "x.xml", "x.csv", "x.txt" };
    char args[8192] = "";
    for (size_t i = 0; i < sizeof FILES / sizeof *FILES; i++) {
        size_t l = strlen(args);
        snprintf(args + l, sizeof args - l, " --export %s/%s", dir, FILES[i]);
    }
    cl_result r = RUN("benchmark run top mid --output none%s", args);
    cr_assert_eq(r.status, 2, "exit %d\n%s", r.status, r.err);
    cl_done(&r);
    for (size_t i = 0; i < sizeof FILES / sizeof *FILES; i++) {
        char path[4300], name[64];
        snprintf(path, sizeof path, "%s/%s", dir, FILES[i]);
        size_t n;
        char *doc = jt_read_file(path, &n);
        cr_assert(doc, "%s was not written", path);
        snprintf(name, sizeof name, "export.%s", FILES[i]);
        expect_doc(name, doc);
    }
}

/* ------------------------------------------------------------------ memory */

#define CONTROLS 600
#define ROWS 200
#define LIMIT_KIB (24 * 1024)

/* The CLI with `args` (shell words), stdout counted through a pipe, the child's peak RSS.  ASan's
 * quarantine is off, as in test_query_stream and test_dash_stream: with 8 MiB of it, a document's
 * freed output buffers stayed resident and every output measured 15-28 MiB over --output none's
 * run, against 0-3 MiB in the release build. */
static cl_mem_run cli_rss(const char *args)
{
    const char *exe = getenv("LP_CLI");
    cr_assert(exe && *exe, "LP_CLI is not set");
    char cmd[16384];
    snprintf(cmd, sizeof cmd, "exec %s --mod-location %s benchmark run big --database sqlite://%s %s", exe,
             dir, db, args);
    cl_mem_run r = { 0 };
    r.status =
        cl_peak(cmd, "detect_leaks=0:quarantine_size_mb=0:malloc_context_size=2", &r.bytes, &r.maxrss_kib);
    return r;
}

/* CONTROLS controls of ROWS rows each (a recursive CTE: no table to fill), in sections of 100. */
static void large_mod(void)
{
    size_t cap = (size_t)CONTROLS * 600 + 4096, len = 0;
    char *t = malloc(cap);
    cr_assert(t);
    len += (size_t)sprintf(t + len, "benchmark \"big\" {\n  title = \"Big\"\n  children = [\n");
    for (int s = 0; s < CONTROLS / 100; s++) len += (size_t)sprintf(t + len, "    benchmark.s%d,\n", s);
    len += (size_t)sprintf(t + len, "  ]\n}\n");
    for (int s = 0; s < CONTROLS / 100; s++) {
        len +=
            (size_t)sprintf(t + len, "benchmark \"s%d\" {\n  title = \"Section %d\"\n  children = [\n", s, s);
        for (int i = s * 100; i < (s + 1) * 100; i++)
            len += (size_t)sprintf(t + len, "    control.c%d,\n", i);
        len += (size_t)sprintf(t + len, "  ]\n}\n");
    }
    for (int i = 0; i < CONTROLS; i++)
        len += (size_t)sprintf(
            t + len,
            "control \"c%d\" {\n  title = \"Control %d\"\n  tags = { plugin = \"aws\" }\n"
            "  sql = \"with recursive g(x) as (select 1 union all select x + 1 from g where x < %d) "
            "select 'arn:aws:s3:::bucket-%d-' || x as resource, case when x %% 3 = 0 then 'alarm' "
            "else 'ok' end as status, 'bucket-%d-' || x || ' has versioning, logging and encryption "
            "set as the policy wants' as reason, 'eu-west-' || (x %% 4) as region, "
            "'123456789012' as account_id from g\"\n}\n",
            i, i, ROWS, i, i);
    cr_assert_lt(len, cap);
    wf_write(dir, "m.pp", t);
    free(t);
}

Test(check_stream, memory_stays_at_the_tree_whatever_the_document, .timeout = 900)
{
    if (getenv("LP_CHECK_STREAM_WRITE")) return;
    large_mod();
    cl_mem_run floor = cli_rss("--output none");
    cr_assert_eq(floor.status, 1, "--output none: exit %d", floor.status);
    cr_log_info("--output none: peak RSS %ld KiB", floor.maxrss_kib);
    static const cl_big_output RUNS[] = {   /* each document far larger than the limit */
        { "--output json", 56ull << 20 },
        { "--output snapshot", 28ull << 20 },
        { "--output nunit3", 72ull << 20 },
        { "--output html", 32ull << 20 },
        { "--output md", 12ull << 20 }, /* smaller than the limit: it only shows md is no worse */
        { "--output asff", 72ull << 20 },
        { "--output csv", 18ull << 20 },
        { "--output none --export %s/x.json", 0 },
        { "--output none --export %s/x.pps", 0 },
    };
    for (size_t i = 0; i < sizeof RUNS / sizeof *RUNS; i++) {
        char args[4400];
        snprintf(args, sizeof args, RUNS[i].args, dir);
        cl_mem_run r = cli_rss(args);
        /* exit 1: some alarm */
        cl_expect_streamed(RUNS[i].args, &r, 1, RUNS[i].min_bytes, &floor, "--output none", LIMIT_KIB);
    }
    /* the exports were written whole: their size as the stdout's documents */
    struct stat st;
    char path[4300];
    snprintf(path, sizeof path, "%s/x.json", dir);
    cr_assert(stat(path, &st) == 0 && st.st_size >= (56 << 20), "%s", path);
    snprintf(path, sizeof path, "%s/x.pps", dir);
    cr_assert(stat(path, &st) == 0 && st.st_size >= (16 << 20), "%s", path);
}
