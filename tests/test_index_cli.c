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

#include "support/jsontree.h"
#include "support/wsfix.h"

static char *run(const char *args, int *status, char **err_out)
{
    const char *cli = getenv("LP_CLI");
    cr_assert(cli && *cli, "LP_CLI is not set");
    char errf[] = "/tmp/lp_cli_err_XXXXXX";
    int fd = mkstemp(errf);
    cr_assert(fd >= 0);
    close(fd);
    char cmd[32768];
    snprintf(cmd, sizeof cmd, "%s %s 2>%s", cli, args, errf);
    FILE *p = popen(cmd, "r");
    cr_assert(p);
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    size_t got;
    while ((got = fread(out + n, 1, cap - n - 1, p)) > 0) {
        n += got;
        if (n + 1 == cap) out = realloc(out, cap *= 2);
    }
    out[n] = '\0';
    int st = pclose(p);
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    size_t en;
    *err_out = jt_read_file(errf, &en);
    remove(errf);
    return out;
}

Test(cli, sample_mod_lists_and_payload)
{
    int st;
    char *err;
    char *out = run("--mod-location tests/data/sample_mod benchmark list", &st, &err);
    cr_assert_eq(st, 0, "%s", err);
    cr_assert(strstr(out, "MOD") && strstr(out, "sample    s3    "), "%s", out);
    cr_assert_null(strstr(out, "s3_public"), "pretty: top-level benchmarks only");
    free(out);
    free(err);
    out = run("--mod-location tests/data/sample_mod benchmark list --output json", &st, &err);
    cr_assert_eq(st, 0);
    char e[256];
    jt *j = jt_parse(out, strlen(out), e, sizeof e);
    cr_assert(j && j->kind == JT_ARR && j->n == 2, "both benchmarks in json: %s", out);
    cr_assert(strstr(jt_get(j->items[0], "file_name")->s, "/tests/data/sample_mod/benchmarks.pp"));
    cr_assert_eq(jt_get(j->items[0], "file_name")->s[0], '/', "absolute paths, as Powerpipe");
    jt_free(j);
    free(out);
    free(err);
    out = run("--mod-location tests/data/sample_mod payload --no-wait", &st, &err);
    cr_assert_eq(st, 0);
    j = jt_parse(out, strlen(out), e, sizeof e);
    cr_assert(j, "%s", e);
    cr_assert_str_eq(jt_get(j, "action")->s, "available_dashboards");
    cr_assert_eq(jt_get(j, "dashboards")->n, 2);
    cr_assert_eq(jt_get(j, "benchmarks")->n, 2);
    jt_free(j);
    free(out);
    free(err);
    out = run("--mod-location tests/data/sample_mod index", &st, &err);
    cr_assert_eq(st, 0);
    cr_assert(strstr(out, "sample.card.container_dashboard_overview_anonymous_container_0_anonymous_card_0"));
    free(out);
    free(err);
    out = run("--mod-location tests/data/sample_mod index --output json", &st, &err);
    cr_assert_eq(st, 2, "index has no JSON form: refused, not ignored");
    cr_assert(strstr(err, "error: \"lazypipe index\" cannot print --output json"), "stderr: %s", err);
    free(out);
    free(err);
}

Test(cli, diagnostics_on_stderr_and_exit_status)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "mod.pp", "mod \"m\" {\n}\n");
    wf_write(dir, "a.pp", "benchmark \"b\" {\n  children = [control.nope]\n}\n");
    char args[4096];
    snprintf(args, sizeof args, "--mod-location %s benchmark list", dir);
    int st;
    char *err;
    char *out = run(args, &st, &err);
    cr_assert_eq(st, 1, "error diagnostics: status 1");
    char want[4200];
    snprintf(want, sizeof want, "%s/a.pp:2:15: error: Missing child; m.benchmark.b lists m.control.nope", dir);
    cr_assert(strstr(err, want), "stderr: %s", err);
    cr_assert(strstr(out, "\nm      b       control\n"), "the list is still printed: %s", out);
    free(out);
    free(err);
    out = run("--mod-location /nonexistent/x dashboard list", &st, &err);
    cr_assert_eq(st, 1);
    cr_assert(strstr(err, "no such directory"));
    free(out);
    free(err);
    snprintf(args, sizeof args, "--mod-location %s dashboard list --output xml", dir);
    out = run(args, &st, &err);
    cr_assert_eq(st, 2);
    free(out);
    free(err);
    wf_remove(dir);
}

/* A malformed --var (status 2, a usage error) and a missing --var-file
 * (status 1) stop the command before anything is printed. */
Test(cli, bad_variables_stop_the_command)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "mod.pp", "mod \"m\" {\n}\ndashboard \"d\" {\n  title = \"D\"\n}\n");
    const char *cmds[] = { "dashboard list", "dashboard list --output json", "payload", "variable list" };
    const char *bad[] = { "--var novalue", "--var-file /nonexistent/x.ppvars" };
    for (size_t b = 0; b < 2; b++) {
        for (size_t c = 0; c < 4; c++) {
            char args[4096];
            snprintf(args, sizeof args, "--mod-location %s %s %s", dir, bad[b], cmds[c]);
            int st;
            char *err;
            char *out = run(args, &st, &err);
            cr_assert_eq(st, b == 0 ? 2 : 1, "%s: status %d, stderr: %s", args, st, err);
            cr_assert_str_eq(out, "", "nothing is printed");
            cr_assert(strncmp(err, "error: ", 7) == 0, "the error is on stderr: %s", err);
            free(out);
            free(err);
        }
    }
    char args[4096];
    snprintf(args, sizeof args, "--mod-location %s --var x=1 dashboard list", dir);
    int st;
    char *err;
    char *out = run(args, &st, &err);
    cr_assert_eq(st, 0, "a well-formed --var: %s", err);
    free(out);
    free(err);
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
    int st;
    char *err;
    char *out = run(args, &st, &err);
    cr_assert_null(strstr(out, "outer"), "another directory was opened: %s", out);
    cr_assert_eq(st, 1, "the path is too long for the system: %s", err);
    cr_assert(*err, "and it says so");
    free(out);
    free(err);
    wf_remove(dir);
}

/* A message about a file whose name is longer than any line buffer still
 * prints the reason after the whole name. */
Test(cli, long_file_name_keeps_the_message)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "mod.pp", "mod \"m\" {\n}\n");
    static char args[16384];
    int k = snprintf(args, sizeof args, "--mod-location %s --var-file %s/", dir, dir);
    for (int i = 0; i < 1500; i++) k += snprintf(args + k, sizeof args - (size_t)k, "./");
    snprintf(args + k, sizeof args - (size_t)k, "nope.ppvars dashboard list");
    int st;
    char *err;
    char *out = run(args, &st, &err);
    cr_assert(strstr(err, "/./nope.ppvars: No such file or directory\n"), "stderr: %.200s...%s",
              err, strlen(err) > 200 ? err + strlen(err) - 200 : "");
    cr_assert_eq(st, 1);
    free(out);
    free(err);
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
        int st;
        char *err, *out = run(cmd, &st, &err);
        cr_assert_eq(st, 0, "%s", err);
        cr_assert(strstr(out, want[k]), "open %d: expected \"%s\" in:\n%s", k, want[k], out);
        if (k == 2) cr_assert(strstr(out, "extra.pp") || strstr(out, "changed since the image"), "%s", out);
        free(out);
        free(err);
    }
    int st;
    char *err, *out = run("--mod-location tests/data/sample_mod index", &st, &err);
    cr_assert(strstr(out, "index cache: not used"), "%s", out);
    free(out);
    free(err);
    wf_remove(cache);
    wf_remove(dir);
}
