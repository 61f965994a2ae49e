/* test_index_cli.c — the list, payload and index commands of build/san/lazypipe
 * (LP_CLI): output on stdout, diagnostics on stderr as file:line:col: error:
 * message, exit status 1 with error diagnostics, 2 on usage errors.  The
 * command line's conventions are tested in test_cli.c. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/jsontree.h"
#include "support/wsfix.h"

Test(cli, sample_mod_lists_and_payload)
{
    cl_result r = cl_run("--mod-location tests/data/sample_mod benchmark list");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "MOD") && strstr(r.out, "sample    s3    "), "%s", r.out);
    cr_assert_null(strstr(r.out, "s3_public"), "pretty: top-level benchmarks only");
    cl_done(&r);
    r = cl_run("--mod-location tests/data/sample_mod benchmark list --output json");
    cr_assert_eq(r.status, 0);
    char e[256];
    jt *j = jt_parse(r.out, strlen(r.out), e, sizeof e);
    cr_assert(j && j->kind == JT_ARR && j->n == 2, "both benchmarks in json: %s", r.out);
    cr_assert(strstr(jt_get(j->items[0], "file_name")->s, "/tests/data/sample_mod/benchmarks.pp"));
    cr_assert_eq(jt_get(j->items[0], "file_name")->s[0], '/', "absolute paths, as Powerpipe");
    jt_free(j);
    cl_done(&r);
    r = cl_run("--mod-location tests/data/sample_mod payload --no-wait");
    cr_assert_eq(r.status, 0);
    j = jt_parse(r.out, strlen(r.out), e, sizeof e);
    cr_assert(j, "%s", e);
    cr_assert_str_eq(jt_get(j, "action")->s, "available_dashboards");
    cr_assert_eq(jt_get(j, "dashboards")->n, 2);
    cr_assert_eq(jt_get(j, "benchmarks")->n, 2);
    jt_free(j);
    cl_done(&r);
    cl_expect(0, "sample.card.container_dashboard_overview_anonymous_container_0_anonymous_card_0", NULL,
              "--mod-location tests/data/sample_mod index");
    /* index has no JSON form: refused, not ignored */
    cl_expect(2, NULL, "error: \"lazypipe index\" cannot print --output json",
              "--mod-location tests/data/sample_mod index --output json");
}

Test(cli, diagnostics_on_stderr_and_exit_status)
{
    char *dir = wf_mod_dir("mod \"m\" {\n}\n");
    wf_write(dir, "a.pp", "benchmark \"b\" {\n  children = [control.nope]\n}\n");
    char want[4200];
    snprintf(want, sizeof want, "%s/a.pp:2:15: error: Missing child; m.benchmark.b lists m.control.nope",
             dir);
    /* error diagnostics: status 1, and the list is still printed */
    cl_expect(1, "\nm      b       control\n", want, "--mod-location %s benchmark list", dir);
    cl_expect(1, NULL, "no such directory", "--mod-location /nonexistent/x dashboard list");
    cl_expect(2, NULL, NULL, "--mod-location %s dashboard list --output xml", dir);
    wf_remove(dir);
}

/* A malformed --var (status 2, a usage error) and a missing --var-file
 * (status 1) stop the command before anything is printed. */
Test(cli, bad_variables_stop_the_command)
{
    char *dir = wf_mod_dir("mod \"m\" {\n}\ndashboard \"d\" {\n  title = \"D\"\n}\n");
    const char *cmds[] = { "dashboard list", "dashboard list --output json", "payload", "variable list" };
    const char *bad[] = { "--var novalue", "--var-file /nonexistent/x.ppvars" };
    for (size_t b = 0; b < 2; b++) {
        for (size_t c = 0; c < 4; c++) {
            cl_result r = cl_run("--mod-location %s %s %s", dir, bad[b], cmds[c]);
            cr_assert_eq(r.status, b == 0 ? 2 : 1, "%s %s: status %d, stderr: %s", bad[b], cmds[c], r.status,
                         r.err);
            cr_assert_str_eq(r.out, "", "nothing is printed");
            cr_assert(strncmp(r.err, "error: ", 7) == 0, "the error is on stderr: %s", r.err);
            cl_done(&r);
        }
    }
    cl_expect(0, NULL, NULL, "--mod-location %s --var x=1 dashboard list", dir);   /* a well-formed --var */
    wf_remove(dir);
}

/* A --mod-location longer than the CLI's buffer for making it absolute must
 * not be cut off: "./" repeated past that buffer and then "m" would clean to
 * the parent directory, which would then be listed instead of failing. */
Test(cli, overlong_mod_location_is_not_truncated)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "outer.pp", "dashboard \"outer\" {\n}\n");
    wf_write(dir, "m/mod.pp", "mod \"m\" {\n}\ndashboard \"inner\" {\n}\n");
    static char args[16384];
    int k = snprintf(args, sizeof args, "--mod-location %s/", dir);
    for (int i = 0; i < 4200; i++) k += snprintf(args + k, sizeof args - (size_t)k, "./");
    snprintf(args + k, sizeof args - (size_t)k, "m dashboard list");
    cl_result r = cl_run("%s", args);
    cr_assert_null(strstr(r.out, "outer"), "another directory was opened: %s", r.out);
    cr_assert_eq(r.status, 1, "the path is too long for the system: %s", r.err);
    cr_assert(*r.err, "and it says so");
    cl_done(&r);
    wf_remove(dir);
}

/* A message about a file whose name is longer than any line buffer still
 * prints the reason after the whole name. */
Test(cli, long_file_name_keeps_the_message)
{
    char *dir = wf_mod_dir("mod \"m\" {\n}\n");
    static char args[16384];
    int k = snprintf(args, sizeof args, "--mod-location %s --var-file %s/", dir, dir);
    for (int i = 0; i < 1500; i++) k += snprintf(args + k, sizeof args - (size_t)k, "./");
    snprintf(args + k, sizeof args - (size_t)k, "nope.ppvars dashboard list");
    cl_result r = cl_run("%s", args);
    cr_assert(strstr(r.err, "/./nope.ppvars: No such file or directory\n"), "stderr: %.200s...%s", r.err,
              strlen(r.err) > 200 ? r.err + strlen(r.err) - 200 : "");
    cr_assert_eq(r.status, 1);
    cl_done(&r);
    wf_remove(dir);
}

/* `index --index-cache DIR` says what the persisted index did and why:
 * rebuilt (no image yet), reopened (nothing changed), patched (one file
 * edited: how many files were scanned and which input changed). */
Test(index_cli, index_says_reopened_patched_or_rebuilt)
{
    char *dir = wf_tmpdir(), *cache = wf_tmpdir();
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "cp -r tests/data/sample_mod/. '%s/'", dir);
    cr_assert_eq(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "--mod-location %s --index-cache %s index", dir, cache);
    static const char *const want[] = { "index cache: rebuilt (no image yet)",
                                        "index cache: reopened (every input unchanged)",
                                        "index cache: patched: 1 of " };
    for (int k = 0; k < 3; k++) {
        if (k == 2) wf_write(dir, "extra.pp", "query \"extra\" {\n  sql = \"select 1\"\n}\n");
        cl_result r = cl_run("%s", cmd);
        cr_assert_eq(r.status, 0, "%s", r.err);
        cr_assert(strstr(r.out, want[k]), "open %d: expected \"%s\" in:\n%s", k, want[k], r.out);
        if (k == 2)
            cr_assert(strstr(r.out, "extra.pp") || strstr(r.out, "changed since the image"), "%s", r.out);
        cl_done(&r);
    }
    cl_expect(0, "index cache: not used", NULL, "--mod-location tests/data/sample_mod index");
    wf_remove(cache);
    wf_remove(dir);
}
