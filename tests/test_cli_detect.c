/* test_cli_detect.c — `detection run` as a user meets it: the sanitized CLI (LP_CLI) run against an
 * SQLite file this test makes, checking exit status, stdout, stderr and exported files.  The
 * expected text is worked out from Powerpipe's renderers (internal/controldisplay/detection*.go:
 * headings of title, dots, severity and row count; a line of display_columns values per row, each
 * padded to an equal share of the width; the "| " and "+ " tree; COUNT), not taken from lazypipe's
 * own output. */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/wsfix.h"
#include "support/runfix.h"

#define HAS(s, needle) cr_assert(strstr((s), (needle)), "expected \"%s\" in:\n%s", (needle), (s))

static char *dir;
static char db[4200];

static void setup(void)
{
    dir = wf_tmpdir();
    snprintf(db, sizeof db, "%s/data.sqlite", dir);
    rf_sqlite(db, "create table t(name text, n integer);"
                  "insert into t values ('a,b', 1), ('say \"hi\"', 2), ('pi|pe', 3);");
    wf_write(dir, "mod.pp", "mod \"t\" {\n  title = \"T\"\n}\n");
    wf_write(dir, "detections.pp",
             "benchmark \"db\" {\n  title = \"DB\"\n  type = \"detection\"\n"
             "  children = [detection.two, detection.none]\n}\n"
             "detection \"two\" {\n  title = \"Two\"\n  severity = \"high\"\n"
             "  display_columns = [\"name\", \"n\"]\n"
             "  sql = \"select name, n from t where n <= 2 order by n\"\n}\n"
             "detection \"none\" {\n  title = \"None\"\n  severity = \"high\"\n"
             "  sql = \"select name from t where n > 10\"\n}\n"
             "detection \"broken\" {\n  title = \"Broken\"\n  sql = \"select nope from nowhere\"\n}\n"
             "detection \"slow\" {\n  title = \"Slow\"\n"
             "  sql = \"with recursive c(x) as (select 1 union all select x + 1 from c where x < 2000000000) "
             "select count(*) as n from c\"\n}\n"
             "benchmark \"outer\" {\n  title = \"Outer\"\n  type = \"detection\"\n"
             "  children = [benchmark.db, benchmark.db2]\n}\n"
             "benchmark \"db2\" {\n  title = \"DB2\"\n  type = \"detection\"\n"
             "  children = [detection.by_min]\n}\n"
             "detection \"by_min\" {\n  title = \"By min\"\n  param \"min\" {\n    default = 3\n  }\n"
             "  sql = \"select name from t where n >= $1 order by n\"\n}\n");
    setenv("POWERPIPE_DISPLAY_WIDTH", "60", 1);
}

static void teardown(void)
{
    wf_remove(dir);
    dir = NULL;
}

TestSuite(cli_detect, .init = setup, .fini = teardown);

#define RUN(fmt, ...) cl_run("--mod-location %s " fmt " --database sqlite://%s", dir, __VA_ARGS__, db)
/* `lazypipe --mod-location DIR ARGS --database sqlite://DB` does what the cl_want fields given say. */
#define EXPECT(args, ...)                                                                                    \
    cl_expect_want(&(cl_want){ __VA_ARGS__ }, "--mod-location %s %s --database sqlite://%s", dir, (args), db)

static char *dots(int n)
{
    static char buf[8][256];
    static int k;
    char *b = buf[k++ % 8];
    memset(b, '.', (size_t)n);
    b[n] = '\0';
    return b;
}

Test(cli_detect, text_is_powerpipes_detection_table)
{
    char want[4096];
    /* width 60: "DB " + spacer(56) + "2"; "+ Two " + spacer(48) + "HIGH 2"; rows in two columns of
     * floor(58 / 2) - 1 = 28 each plus a space, after the indent "| "; "+ None " + spacer(52) + "0";
     * COUNT + spacer(52) + "2 " */
    snprintf(want, sizeof want,
             "\nDB %s 2\n"
             "| \n"
             "+ Two %s HIGH 2\n"
             "| | \n"
             "| %-28s %-28s \n"
             "| %-28s %-28s \n"
             "| \n"
             "+ None %s 0\n"
             "  \n"
             "COUNT %s 2 \n",
             dots(55), dots(47), "a,b", "1", "say \"hi\"", "2", dots(51), dots(51));
    EXPECT("detection run benchmark.db", .status = 0, .out_is = want);
}

Test(cli_detect, a_detection_alone_with_an_arg_and_an_error_in_its_place)
{
    /* the root renderer's child: heading indent "+ ", rows indent "  "; no display_columns: each row
     * is its indent alone */
    char want[1024];
    snprintf(want, sizeof want, "\n+ By min %s 2\n  | \n  \n  \n  \nCOUNT %s 2 \n", dots(49), dots(51));
    EXPECT("detection run by_min --arg min=2", .status = 0, .out_is = want);
    /* a detection's error is in the output */
    EXPECT("detection run detection.broken", .status = 0, .out = { "\n  \n  ERROR: ", "nowhere" });
}

Test(cli_detect, json_is_the_display_trees_root)
{
    EXPECT("detection run db --output json", .status = 0,
           .out = {
               "{\n  \"name\": \"root_result_group\",\n  \"title\": \"DB\",\n",
               "\"name\": \"t.benchmark.db\"", "\"detection_runs\": [\n", "\"name\": \"a,b\"",
               "\"panel_type\": \"detection\",\n          \"source_definition\": \"detection \\\"two\\\" {",
               /* a DetectionRun's data as the struct holds it: columns name then data_type, typed
                * values */
               "\"columns\": [\n              {\n                \"name\": \"name\",\n"
               "                \"data_type\": \"TEXT\"\n              },",
               "\"rows\": [\n              {\n                \"n\": 1,\n                \"name\": \"a,b\"\n",
               /* SetSummary: the group's count is its last detection's rows (none: 0), as Powerpipe
                * sets it */
               "\"summary\": {\n        \"count\": 0\n      }" });
    /* a detection's params: ParamDef {name, description, default} */
    EXPECT(
        "detection run by_min --output json", .status = 0,
        .out = { "\"params\": [\n        {\n          \"name\": \"min\",\n          \"description\": null,\n"
                 "          \"default\": \"3\"\n        }\n      ],\n      \"sql\": " });
}

Test(cli_detect, snapshot_output_and_exports)
{
    EXPECT("detection run db --output snapshot", .status = 0,
           .out = { "\"schema_version\": \"20221222\"", "\"benchmark_type\": \"detection\"" });

    char json[4300], pps[4300];
    snprintf(json, sizeof json, "%s/out.json", dir);
    snprintf(pps, sizeof pps, "%s/out.pps", dir);
    cl_result r = RUN("detection run %s --output none --export %s --export %s", "db", json, pps);
    cr_assert_eq(r.status, 0, "%d\n%s", r.status, r.err);
    HAS(r.out, "File exported to ");
    cr_assert_eq(access(json, R_OK), 0);
    cr_assert_eq(access(pps, R_OK), 0);
    cl_done(&r);

    /* an export format detections lack fails the initialisation */
    EXPECT("detection run db --export out.csv", .status = 250, .err = { "invalid export format" });
}

/* Nested detection benchmarks: COUNT and each heading give the rows below them, 2 + 1 = 3
 * (Powerpipe's getRowCount would print 5: it adds its running total back at every group) */
Test(cli_detect, count_over_nested_benchmarks_is_the_rows)
{
    cl_result r = RUN("detection run %s", "benchmark.outer");
    cr_assert_eq(r.status, 0, "%d\n%s", r.status, r.err);
    HAS(r.out, "+ DB2 ");
    size_t n = strlen(r.out);
    cr_assert(n > 4 && strcmp(r.out + n - 4, " 3 \n") == 0, "COUNT 3 expected:\n%s", r.out);
    cr_assert(strncmp(r.out, "\nOuter ", 7) == 0 || strstr(r.out, "Outer "), "%s", r.out);
    const char *outer = strstr(r.out, "Outer ");
    const char *eol = outer ? strchr(outer, '\n') : NULL;
    cr_assert(eol && eol[-1] == '3', "the Outer heading counts 3 rows:\n%s", r.out);
    cl_done(&r);
}

Test(cli_detect, nothing_to_run_exits_250)
{
    EXPECT("detection run no_such", .status = 250, .err = { "no_such" });
    EXPECT("detection run db --output csv", .status = 2);
}

/* check.go hands a detection benchmark to the detection run, with snapshot as the default output;
 * the check formats that detections have no template for fail the initialisation */
Test(cli_detect, benchmark_run_of_a_detection_benchmark)
{
    EXPECT("benchmark run db", .status = 0,
           .out = { "\"schema_version\": \"20221222\"", "\"t.detection.two\": {" });
    EXPECT("benchmark run db --output text", .status = 0, .out = { "\nCOUNT " });
    EXPECT("benchmark run db --output csv", .status = 250, .err = { "invalid output format: 'csv'" });
}

/* --detection-timeout stops the run (the statement is interrupted): nothing printed, exit 255 */
Test(cli_detect, detection_timeout_stops_the_run, .timeout = 60)
{
    EXPECT("detection run slow --detection-timeout 1", .status = 255, .out_is = "",
           .err = { "context deadline exceeded" });
}
