/* test_dash_stream.c — `dashboard run --output snapshot` writes its panels' rows as they arrive
 * (lp_run_opts.on_row to a spool file, lp_run_snapshot_write reading them back), so its memory does
 * not grow with a table's rows, and the snapshot is what the rows kept in memory gave.
 *
 * Memory: the CLI's peak RSS (wait4's ru_maxrss, cl_wait_rss) of a dashboard whose table has ROWS
 * generated rows (a recursive CTE on SQLite: about 47 MB of snapshot) may exceed the peak of the
 * same dashboard with one row by at most LIMIT_KIB.  Holding the rows and two copies of the
 * document, as before, went 170 MB above at these rows (ASan build; 1M rows: 427 MB, now 27 MB). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/wsfix.h"

#define ROWS 40000
#define LIMIT_KIB (24 * 1024)

static char *dir;

static void setup(void)
{
    dir = wf_tmpdir();
    wf_write(dir, "q.db", "");   /* an empty file is an empty SQLite database */
}

static void teardown(void)
{
    wf_remove(dir);
    dir = NULL;
}

TestSuite(dash_stream, .init = setup, .fini = teardown);

static void write_mod(int rows)
{
    char text[2048];
    snprintf(text, sizeof text,
             "mod \"ds\" {\n  title = \"Dashboard stream\"\n}\n"
             "dashboard \"big\" {\n"
             "  card {\n    sql = \"select 42 as value\"\n  }\n"
             "  table {\n    sql = <<EOQ\n"
             "with recursive g(i) as (select 1 union all select i + 1 from g where i < %d)\n"
             "select i, 'resource-' || i as name, printf('%%01000d', i) as padded, null as empty from g\n"
             "EOQ\n  }\n}\n", rows);
    wf_write(dir, "mod.pp", text);
}

static cl_mem_run dash_rss(int rows)
{
    write_mod(rows);
    const char *exe = getenv("LP_CLI");
    cr_assert(exe && *exe, "LP_CLI is not set");
    char cmd[8192];
    snprintf(cmd, sizeof cmd,
             "exec %s --mod-location %s dashboard run big --database sqlite://%s/q.db --output snapshot", exe,
             dir, dir);
    cl_mem_run r = { 0 };
    r.status =
        cl_peak(cmd, "detect_leaks=0:quarantine_size_mb=0:malloc_context_size=2", &r.bytes, &r.maxrss_kib);
    return r;
}

Test(dash_stream, memory_stays_flat_whatever_the_rows, .timeout = 600)
{
    cl_mem_run floor = dash_rss(1);
    cr_assert_eq(floor.status, 0, "one row: exit %d", floor.status);
    cl_mem_run r = dash_rss(ROWS);
    cl_expect_streamed("the rows", &r, 0, 40ull << 20, &floor, "one row", LIMIT_KIB);
}

/* The rows of a streamed table are SQLite's, in its order, with their types and nulls; a `with`
 * run's rows (kept: the table below reads them) reach the table's args; stdout and an export
 * hold the same document. */
Test(dash_stream, streamed_rows_are_the_databases)
{
    wf_write(dir, "mod.pp",
             "mod \"ds\" {\n  title = \"Dashboard stream\"\n}\n"
             "dashboard \"small\" {\n"
             "  table {\n"
             "    with \"w\" {\n      sql = \"select 7 as seven\"\n    }\n"
             "    args = { n = with.w.rows[0].seven }\n"
             "    param \"n\" {}\n"
             "    sql = \"select $1 as n, 'a' as s, null as z union all select 2, 'b\\\"c', 3.5\"\n"
             "  }\n}\n");
    cl_result r = cl_run("--mod-location %s dashboard run small --database sqlite://%s/q.db "
                         "--output snapshot --progress=false --export %s/x.pps", dir, dir, dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    /* the indented rows as cli_json_indent writes them: keys sorted, NULL as null */
    const char *want = "        \"rows\": [\n"
                       "          {\n"
                       "            \"n\": \"7\",\n"
                       "            \"s\": \"a\",\n"
                       "            \"z\": null\n"
                       "          },\n"
                       "          {\n"
                       "            \"n\": 2,\n"
                       "            \"s\": \"b\\\"c\",\n"
                       "            \"z\": 3.5\n"
                       "          }\n"
                       "        ]\n";
    cr_assert(strstr(r.out, want), "the table's rows:\n%s", r.out);
    /* the with's own rows are in its panel too */
    cr_assert(strstr(r.out, "\"rows\": [\n          {\n            \"seven\": 7\n          }\n        ]"),
              "%s", r.out);
    char path[4200];
    snprintf(path, sizeof path, "%s/x.pps", dir);
    FILE *f = fopen(path, "rb");
    cr_assert(f);
    static char file[1 << 16];
    size_t n = fread(file, 1, sizeof file - 1, f);
    fclose(f);
    file[n] = '\0';
    /* the export as Powerpipe's SnapshotExporter writes it (AsStrippedJson(false)): one compact line,
     * the same rows read back, the panels without sql and source_definition */
    cr_assert(n > 1 && file[n - 1] == '\n' && !memchr(file, '\n', n - 1), "one line:\n%s", file);
    const char *rows = "\"rows\":[{\"n\":\"7\",\"s\":\"a\",\"z\":null},{\"n\":2,\"s\":\"b\\\"c\",\"z\":3.5}]";
    cr_assert(strstr(file, rows), "the table's rows:\n%s", file);
    cr_assert(strstr(file, "\"rows\":[{\"seven\":7}]"), "%s", file);
    cr_assert(!strstr(file, "\"sql\":") && !strstr(file, "\"source_definition\":"), "%s", file);
    cr_assert(strstr(r.out, "\"source_definition\": ") && strstr(r.out, "\"sql\": "), "%s", r.out);
    cl_done(&r);
}

/* A table whose statement fails after rows were spooled: its panel has the database's error and no
 * data (as when the rows were kept), the card beside it its rows, and the run exits 0 (Powerpipe's:
 * the error is in the snapshot). */
Test(dash_stream, a_late_failure_is_the_panels_error)
{
    wf_write(dir, "mod.pp",
             "mod \"ds\" {\n  title = \"Dashboard stream\"\n}\n"
             "dashboard \"late\" {\n"
             "  card {\n    sql = \"select 42 as value\"\n  }\n"
             "  table {\n    sql = <<EOQ\n"
             "with recursive g(i) as (select 1 union all select i + 1 from g where i < 5000)\n"
             "select case when i = 5000 then abs(-9223372036854775807 - 1) else i end as v from g\n"
             "EOQ\n  }\n}\n");
    cl_result r = cl_run("--mod-location %s dashboard run late --database sqlite://%s/q.db "
                         "--output snapshot --progress=false", dir, dir);
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    const char *table = strstr(r.out, "\"ds.table.dashboard_late_anonymous_table_0\": {");
    cr_assert(table, "%s", r.out);
    cr_assert(strstr(table, "\"error\": \"integer overflow\""), "%s", table);
    const char *end = strstr(table, "\"status\": \"error\"");
    cr_assert(end, "%s", table);
    cr_assert(!memmem(table, (size_t)(end - table), "\"data\"", 6), "rows of a failed panel:\n%s", table);
    cr_assert(strstr(r.out, "\"value\": 42"), "%s", r.out);
    cl_done(&r);
}
