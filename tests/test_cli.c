/* test_cli.c — the command line as a user meets it (issue 17): every row of
 * the table run through build/san/lazypipe (LP_CLI), checking the
 * exit status, stdout and stderr.  The list layout is checked against
 * Powerpipe's rules written out here (its ListableIndexEntry columns, its
 * cleanRow, Go's text/tabwriter with minwidth 1, padding 4, padchar ' '),
 * not against lazypipe's own output. */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/jsontree.h"
#include "support/wsfix.h"
#include "support/shared.h"


#define HAS(s, needle) cr_assert(strstr((s), (needle)), "expected \"%s\" in:\n%s", (needle), (s))

/* A main mod "main" that requires one installed dependency, and two
 * dependency mods whose names sort before and after it. */
static char *fixture(void)
{
    char *dir = wf_mod_dir("mod \"main\" {\n  title = \"Main\"\n  require {\n"
             "    mod \"github.com/x/dep-a\" {\n      version = \"*\"\n    }\n"
             "    mod \"github.com/x/dep-z\" {\n      version = \"*\"\n    }\n  }\n}\n"
             "variable \"region\" {\n  description = \"Where\\nto look\"\n  default = \"us-east-1\"\n}\n");
    wf_write(dir, "b.pp",
             "benchmark \"zeta\" {\n  title = \"Z\\tZ\\nZ\"\n  children = [control.c1, benchmark.child]\n}\n"
             "benchmark \"alpha\" {\n  type = \"detection\"\n  children = [detection.det1]\n}\n"
             "detection \"det1\" {\n  sql = \"select 1\"\n}\n"
             "benchmark \"child\" {\n  title = \"nested, not top-level\"\n}\n"
             "benchmark \"\xe6\x8a\xa5\xe5\x91\x8a\" {\n  title = \"wide\"\n}\n"
             "control \"c1\" {\n  sql = \"select 1\"\n}\n"
             "dashboard \"d2\" {\n}\ndashboard \"d1\" {\n  card {\n    sql = \"select 1\"\n  }\n}\n");
    wf_write(dir, "sub/deeper/q.pp", "query \"q1\" {\n  sql = \"select 1\"\n}\n");
    wf_write(dir, ".powerpipe/mods/github.com/x/dep-a@v1.0.0/mod.pp", "mod \"aaa_dep\" {\n}\n");
    wf_write(dir, ".powerpipe/mods/github.com/x/dep-a@v1.0.0/b.pp", "benchmark \"b1\" {\n}\n");
    wf_write(dir, ".powerpipe/mods/github.com/x/dep-z@v2.0.0/mod.pp", "mod \"zz_dep\" {\n}\n");
    wf_write(dir, ".powerpipe/mods/github.com/x/dep-z@v2.0.0/b.pp", "benchmark \"b0\" {\n}\n");
    return dir;
}

/* ------------------------------------------------------------ help, version */

Test(cli17, no_command_and_help_print_help_on_stdout)
{
    const char *forms[] = { "", "help", "--help", "-h" };
    for (size_t i = 0; i < 4; i++) {
        cl_result r = cl_run("%s", forms[i]);
        cr_assert_eq(r.status, 0, "lazypipe %s: %d", forms[i], r.status);
        cr_assert_str_eq(r.err, "", "lazypipe %s: stderr %s", forms[i], r.err);
        HAS(r.out, "Usage:\n  lazypipe [flags] COMMAND");
        HAS(r.out, "  dashboard list ");
        HAS(r.out, "Exit status:\n  0    success\n  1    ");
        HAS(r.out, "  2    the command line is wrong");
        cl_done(&r);
    }
}

/* An empty list is an empty line, as Powerpipe prints it (not a header alone). */
Test(cli17, empty_list_is_an_empty_line)
{
    char *dir = wf_mod_dir("mod \"e\" {}\n");
    cl_expect_out(0, "\n", "--mod-location %s dashboard list --no-index-cache", dir);
    wf_remove(dir);
}

/* A port another program holds is named as such, once, without libwebsockets' log lines. */
Test(cli17, server_says_its_port_is_in_use)
{
    int port, fd = ts_listen_local(1, &port);
    char *dir = fixture();
    /* libwebsockets leaks a little of its own when it cannot listen: not ours to report */
    char supp[512];
    snprintf(supp, sizeof supp, "%s/lsan.supp", dir);
    FILE *f = fopen(supp, "w");
    cr_assert(f);
    fputs("leak:libwebsockets.so\n", f);
    fclose(f);
    char lsan[600];
    snprintf(lsan, sizeof lsan, "suppressions=%s:print_suppressions=0", supp);
    setenv("LSAN_OPTIONS", lsan, 1);
    cl_result r = cl_run("--mod-location %s server --port %d --no-index-cache", dir, port);
    /* Powerpipe's ExitCodeBindPortUnavailable and words */
    cr_assert_eq(r.status, 251, "%s", r.err);
    HAS(r.err, "is not available - is another instance");
    cr_assert_null(strstr(r.err, "libwebsockets"), "%s", r.err);
    cl_done(&r);
    close(fd);
    wf_remove(dir);
}

Test(cli17, version)
{
    const char *forms[] = { "--version", "-v" };
    for (size_t i = 0; i < 2; i++) {
        cl_result r = cl_run("%s", forms[i]);
        cr_assert_eq(r.status, 0);
        cr_assert_str_eq(r.out, "lazypipe v" LP_VERSION "\n");
        cr_assert_str_eq(r.err, "");
        cl_done(&r);
    }
}

/* The version a host can check at run time: the library linked reports the
 * number and text of the header it was built with, the number being the
 * text's major, minor and patch read back here. */
Test(cli17, version_number)
{
    int major, minor, patch;
    cr_assert_eq(sscanf(lp_version(), "%d.%d.%d", &major, &minor, &patch), 3, "%s", lp_version());
    cr_assert_str_eq(lp_version(), LP_VERSION);
    cr_assert_eq(lp_version_number(), major * 10000 + minor * 100 + patch);
    cr_assert_eq(lp_version_number(), LP_VERSION_NUMBER);
    cr_assert_eq(major, LP_VERSION_MAJOR);
    cr_assert_eq(minor, LP_VERSION_MINOR);
    cr_assert_eq(patch, LP_VERSION_PATCH);
}

/* The help of a command, generated from the table: its flags and no others. */
Test(cli17, per_command_help)
{
    cl_result r = cl_run("dashboard list --help");
    cr_assert_eq(r.status, 0);
    cr_assert_str_eq(r.err, "");
    HAS(r.out, "Usage:\n  lazypipe dashboard list [flags]\n");
    HAS(r.out, "--output FORMAT");
    HAS(r.out, "one of: pretty, plain, yaml, json");
    HAS(r.out, "--var NAME=VALUE");
    HAS(r.out, "--mod-location DIR");
    HAS(r.out, "Exit status:");
    cl_done(&r);
    r = cl_run("help index");
    cr_assert_eq(r.status, 0);
    HAS(r.out, "lazypipe index [flags]");
    cr_assert_null(strstr(r.out, "--var NAME"), "index takes no --var: %s", r.out);
    HAS(r.out, "one of: pretty, plain (");
    cl_done(&r);
    cl_expect(0, "one of: json (", NULL, "payload -h");
    r = cl_run("benchmark");   /* a group alone: its commands, as Powerpipe shows them */
    cr_assert_eq(r.status, 0);
    HAS(r.out, "lazypipe benchmark COMMAND");
    HAS(r.out, "  list ");
    cl_done(&r);
}

/* ------------------------------------------------------- unknown words */

Test(cli17, short_options_are_powerpipes)
{
    cl_expect_refused(2, "error: unknown shorthand flag: 'o' in -o", "-o json benchmark list");
    cl_expect(2, NULL, "error: unknown flag: --bogus", "--bogus dashboard list");
    cl_expect(2, NULL, "error: unknown flag: --outptu; did you mean \"--output\"?",
              "dashboard list --outptu json");
    cl_expect(2, NULL, "error: flag needs an argument: --output", "dashboard list --output");
    /* a flag of another command */
    cl_expect_refused(2, "error: unknown flag: --no-wait for \"lazypipe index\"", "index --no-wait");
}

Test(cli17, unknown_commands_are_named)
{
    cl_expect_refused(2, "error: unknown command \"dashbord\" for \"lazypipe\"; did you mean \"dashboard\"?",
                      "dashbord list");
    cl_expect(2, NULL, "error: unknown command \"lsit\" for \"lazypipe dashboard\"; did you mean \"list\"?",
              "dashboard lsit");
    /* (dashboard, benchmark and control run, the mod commands exist now: test_cli_check.c,
     * test_mod_install.c) */
    /* a Powerpipe or Steampipe command lazypipe has not: said what it is (test_cli_texts.c: login) */
    cl_expect(2, NULL, "error: \"login\" is Powerpipe's login to Turbot Pipes", "login");
    cl_expect(2, NULL, "error: \"check\" is Steampipe's command for running controls", "check x");
    cl_expect(2, NULL, "error: \"lazypipe payload\" takes no arguments; got \"extra\"", "payload extra");
    cl_expect(2, NULL, "error: \"lazypipe parse\" needs FILE...", "parse");
}

/* ------------------------------------------------------- finding the mod */

Test(cli17, mod_location_inside_a_mod_looks_upward)
{
    char *dir = fixture();
    cl_expect_want(
        &(cl_want){ .status = 0, .err_is = "", .out = { "\"qualified_name\": \"main.query.q1\"" } },
        "--mod-location %s/sub/deeper query list --output json", dir);
    wf_remove(dir);
}

Test(cli17, a_directory_without_mod_pp_says_so)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "a.pp", "dashboard \"d\" {\n}\n");
    const char *cmds[] = { "dashboard list", "payload", "variable list", "index" };
    for (size_t i = 0; i < 4; i++) {
        /* nothing scanned: a.pp not named */
        cl_expect_want(
            &(cl_want){ .status = 1,
                        .out_is = "",
                        .not_err = { "a.pp" },
                        .err = { "error: this command requires a mod definition file (mod.pp) - could "
                                 "not find one in ",
                                 dir } },
            "--mod-location %s %s", dir, cmds[i]);
    }
    wf_remove(dir);
}

Test(cli17, a_missing_dependency_is_named)
{
    char *dir =
        wf_mod_dir("mod \"m\" {\n  require {\n    mod \"github.com/turbot/steampipe-mod-aws-insights\" {\n"
                   "      version = \"*\"\n    }\n  }\n}\n");
    wf_write(dir, "d.pp", "dashboard \"d\" {\n  title = aws_insights.var.x\n}\n");
    cl_expect_want(
        &(cl_want){ .status = 1,
                    .out_is = "",
                    .not_err = { "Unknown variable" },
                    .err_is = "error: not all dependencies are installed - run 'lazypipe mod install'\n" },
        "--mod-location %s dashboard list", dir);
    wf_remove(dir);
}

/* Required mods that are not installed are one line, Powerpipe's (pipe-fittings
 * EnsureWorkspaceLock), and nothing runs (status 1).  Twice: the second run reopens the index
 * image. */
Test(cli17, missing_dependencies_are_one_line)
{
    char *dir =
        wf_mod_dir("mod \"m\" {\n  require {\n    plugin \"aws\" {\n      min_version = \"0.1.0\"\n    }\n"
                   "    mod \"github.com/x/zz-missing\" {\n      version = \"*\"\n    }\n"
                   "    mod \"github.com/x/installed\" {\n      version = \"^1.2\"\n    }\n"
                   "    mod \"github.com/x/aa-missing\" {\n      version = \"*\"\n    }\n"
                   "    mod \"github.com/x/zz-missing\" {\n      version = \"v2.0.0\"\n    }\n  }\n}\n");
    wf_write(dir, "d.pp", "dashboard \"d\" {\n}\n");
    wf_write(dir, ".powerpipe/mods/github.com/x/installed@v1.2.3/mod.pp", "mod \"installed\" {\n}\n");
    const char *want = "error: not all dependencies are installed - run 'lazypipe mod install'\n";
    for (int run = 0; run < 2; run++)
        cl_expect_want(&(cl_want){ .status = 1, .out_is = "", .err_is = want },
                       "--mod-location %s dashboard list", dir);
    /* installed: the command runs */
    wf_write(dir, ".powerpipe/mods/github.com/x/aa-missing@v1.0.0/mod.pp", "mod \"aa\" {\n}\n");
    wf_write(dir, ".powerpipe/mods/github.com/x/zz-missing@v2.0.0/mod.pp", "mod \"zz\" {\n}\n");
    cl_expect_want(&(cl_want){ .status = 0, .err_is = "", .out = { "\nm      d\n" } },
                   "--mod-location %s dashboard list", dir);
    wf_remove(dir);
}

/* No require block, or one with only plugin / powerpipe requirements: no
 * dependency to check. */
Test(cli17, no_required_mods_no_dependency_error)
{
    static const char *const mods[] = {
        "mod \"m\" {\n  title = \"M\"\n}\n",
        "mod \"m\" {\n  require {\n    powerpipe {\n      min_version = \"0.1.0\"\n    }\n"
        "    plugin \"aws\" {\n      min_version = \"0.91.0\"\n    }\n  }\n}\n",
    };
    for (size_t i = 0; i < 2; i++) {
        char *dir = wf_mod_dir(mods[i]);
        wf_write(dir, "d.pp", "dashboard \"d\" {\n}\n");
        cl_expect_want(&(cl_want){ .status = 0, .err_is = "", .out = { "\nm      d\n" } },
                       "--mod-location %s dashboard list", dir);
        wf_remove(dir);
    }
}

/* ------------------------------------------------------- formats */

Test(cli17, list_formats_are_powerpipes_case_insensitive)
{
    char *dir = fixture();
    const char *formats[] = { "pretty", "plain", "yaml", "json", "JSON", "Yaml", "PLAIN" };
    for (size_t i = 0; i < 7; i++) {
        cl_result r = cl_run("--mod-location %s benchmark list --output %s", dir, formats[i]);
        cr_assert_eq(r.status, 0, "%s: %s", formats[i], r.err);
        cr_assert_str_eq(r.err, "");
        cr_assert(*r.out);
        cl_done(&r);
    }
    cl_result r = cl_run("--mod-location %s benchmark list --output yaml", dir);
    cr_assert(strncmp(r.out, "- ", 2) == 0, "a YAML sequence: %s", r.out);
    HAS(r.out, "\n  qualified_name: main.benchmark.alpha\n");
    HAS(r.out, "\n  title: \"Z\\tZ\\nZ\"\n");
    cl_done(&r);
    cl_expect(2, NULL, "error: invalid argument \"xml\" for \"--output\": one of pretty, plain, yaml, json",
              "--mod-location %s benchmark list --output xml", dir);
    cl_expect(2, NULL, "did you mean \"json\"?", "--mod-location %s benchmark list --output jsno", dir);
    wf_remove(dir);
}

Test(cli17, payload_refuses_other_formats_with_a_reason)
{
    char *dir = fixture();
    cl_expect_refused(2,
                      "error: \"lazypipe payload\" cannot print --output yaml: payload prints the "
                      "available_dashboards message, which is JSON",
                      "--mod-location %s payload --output yaml", dir);
    cl_result r = cl_run("--mod-location %s payload --output json", dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strncmp(r.out, "{\"action\":\"available_dashboards\"", 32) == 0, "compact, as sent: %.80s",
              r.out);
    cl_done(&r);
    wf_remove(dir);
}

Test(cli17, variable_list_takes_the_same_formats)
{
    char *dir = fixture();
    const char *formats[] = { "pretty", "plain", "yaml", "json" };
    for (size_t i = 0; i < 4; i++) {
        cl_expect(0, "region", NULL, "--mod-location %s variable list --output %s", dir, formats[i]);
    }
    cl_expect(2, NULL, "invalid argument \"xml\" for \"--output\"",
              "--mod-location %s variable list --output xml", dir);
    /* a format of another command is named as not this one's */
    cl_expect(2, NULL, "cannot print --output table", "--mod-location %s variable list --output table", dir);
    /* a description with a line break stays on its row */
    cl_result r = cl_run("--mod-location %s variable list", dir);
    cr_assert_eq(r.status, 0);
    size_t lines = 0;
    for (const char *p = r.out; *p; p++) lines += *p == '\n';
    cr_assert_eq(lines, 2, "a header and one row: %s", r.out);
    cl_done(&r);
    wf_remove(dir);
}

/* ------------------------------------------------------- variables, diagnostics */

Test(cli17, a_malformed_var_stops_at_the_error)
{
    char *dir = fixture();
    /* nothing printed after the error */
    cl_expect_want(&(cl_want){ .status = 2,
                               .out_is = "",
                               .err_is = "error: invalid --var \"garbage\": expected NAME=VALUE\n" },
                   "--mod-location %s --var garbage variable list", dir);
    wf_remove(dir);
}

Test(cli17, diagnostics_say_warning_or_error)
{
    char *dir = fixture();
    cl_result r = cl_run("--mod-location %s --var nosuch=1 variable list", dir);
    cr_assert_eq(r.status, 0, "a warning is not an error: %s", r.err);
    cr_assert(strncmp(r.err, "warning: ", 9) == 0, "stderr: %s", r.err);
    HAS(r.err, "nosuch");
    cl_done(&r);
    wf_write(dir, "bad.pp", "benchmark \"broken\" {\n  children = [control.nope]\n}\n");
    char want[4200];
    snprintf(want, sizeof want, "%s/bad.pp:2:15: error: Missing child; ", dir);
    cl_expect_want(&(cl_want){ .status = 1, .err = { want } }, "--mod-location %s benchmark list", dir);
    wf_remove(dir);
}

/* ------------------------------------------------------- the list table */

/* Display columns of the fixture's strings: ASCII one each, the CJK
 * ideographs (3 bytes in UTF-8) two each. */
static size_t columns(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (*p < 0x80) { w += 1; p += 1; }
        else { w += 2; p += 3; }
    }
    return w;
}

/* Go's text/tabwriter (minwidth 1, tabwidth 1, padding 4, padchar ' ', no
 * flags that matter here): each cell but the last of a line is a column
 * cell, padded to the widest cell of its column plus 4; the last cell is
 * written as it is. */
static char *tabwriter(const char *const *cells, size_t nrows, size_t ncols)
{
    size_t width[8] = { 0 };
    for (size_t r = 0; r < nrows; r++)
        for (size_t c = 0; c + 1 < ncols; c++)
            if (columns(cells[r * ncols + c]) + 4 > width[c]) width[c] = columns(cells[r * ncols + c]) + 4;
    char *out = calloc(1, 8192);
    size_t k = 0;
    for (size_t r = 0; r < nrows; r++) {
        for (size_t c = 0; c < ncols; c++) {
            const char *cell = cells[r * ncols + c];
            k += (size_t)sprintf(out + k, "%s", cell);
            if (c + 1 < ncols)
                for (size_t w = columns(cell); w < width[c]; w++) out[k++] = ' ';
        }
        out[k++] = '\n';
    }
    return out;
}

/* Powerpipe's rows: MOD, NAME (the short name in the main mod, the full name
 * in a dependency), TYPE for benchmarks ("detection" for type =
 * "detection"); top-level benchmarks only; the main mod's rows first, then
 * each dependency mod's, by mod name, each by name (byte order). */
Test(cli17, pretty_list_is_powerpipes_table)
{
    char *dir = fixture();
    const char *bench[] = {
        "MOD", "NAME", "TYPE",
        "main", "alpha", "detection",
        "main", "zeta", "control",
        "main", "\xe6\x8a\xa5\xe5\x91\x8a", "control",
        "aaa_dep", "aaa_dep.benchmark.b1", "control",
        "zz_dep", "zz_dep.benchmark.b0", "control",
    };
    char *want = tabwriter(bench, 6, 3);
    const char *fmts[] = { "", "--output pretty", "--output plain" };
    for (size_t i = 0; i < 3; i++) {
        cl_result r = cl_run("--mod-location %s benchmark list %s", dir, fmts[i]);
        cr_assert_eq(r.status, 0, "%s", r.err);
        cr_assert_str_eq(r.out, want, "got:\n%s\nwant:\n%s", r.out, want);
        cl_done(&r);
    }
    free(want);
    const char *dash[] = { "MOD", "NAME", "main", "d1", "main", "d2" };
    want = tabwriter(dash, 3, 2);
    cl_result r = cl_run("--mod-location %s dashboard list", dir);
    cr_assert_str_eq(r.out, want, "nested cards are not listed:\n%s", r.out);
    free(want);
    cl_done(&r);
    wf_remove(dir);
}

/* Powerpipe's cleanRow: tab, CR and LF removed from a cell, which is cut at
 * 100 bytes with "…" after it. */
Test(cli17, table_cells_are_cleaned)
{
    char *dir = wf_tmpdir();
    char label[160];
    memset(label, 'x', 120);
    label[120] = '\0';
    char text[512];
    snprintf(text, sizeof text, "mod \"m\" {\n}\nquery \"%s\" {\n  sql = \"select 1\"\n}\n", label);
    wf_write(dir, "mod.pp", text);
    cl_result r = cl_run("--mod-location %s query list", dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    char cut[160];
    memset(cut, 'x', 100);
    memcpy(cut + 100, "\xe2\x80\xa6", 4);
    const char *rows[] = { "MOD", "NAME", "m", cut };
    char *want = tabwriter(rows, 2, 2);
    cr_assert_str_eq(r.out, want);
    free(want);
    cl_done(&r);
    wf_remove(dir);
}

/* ------------------------------------------------------- json */

/* Powerpipe prints --output json indented by two spaces, "key": value. */
Test(cli17, json_is_indented_as_powerpipe_prints_it)
{
    char *dir = fixture();
    cl_result r = cl_run("--mod-location %s dashboard list --output json", dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strncmp(r.out, "[\n  {\n    \"", 11) == 0, "%.60s", r.out);
    HAS(r.out, "\n    \"mod_name\": \"main\",\n");
    HAS(r.out, "\n    \"path\": [\n      [\n        \"mod.main\",\n");
    cr_assert_str_eq(r.out + strlen(r.out) - 6, "  }\n]\n");
    char e[256];
    jt *j = jt_parse(r.out, strlen(r.out), e, sizeof e);
    cr_assert(j && j->kind == JT_ARR && j->n == 2, "%s", e);
    jt_free(j);
    cl_done(&r);
    r = cl_run("--mod-location %s control list --output json", dir);
    HAS(r.out, "\n    \"args\": {},\n");   /* an empty object stays on its line */
    cl_done(&r);
    wf_remove(dir);
}
