/* test_cli_config.c — Powerpipe's configuration precedence as data (issue 36): each case sets
 * variables, writes a workspace profile file, passes flags, and reads the configuration `server`
 * prints under POWERPIPE_CONFIG_DUMP=config_json.  The expected values follow pipe-fittings'
 * BootstrapViper order (default < `default` profile < environment < named profile < flag) and the
 * profile fields of workspace_profile_powerpipe.go, as Powerpipe's config_precedence.bats checks
 * them; the other tests try the command-line rules Powerpipe (cobra) has. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/jsontree.h"
#include "support/runfix.h"
#include "support/wsfix.h"

#define HAS(s, needle) cr_assert(strstr((s), (needle)), "expected \"%s\" in:\n%s", (needle), (s))

static const char PROFILES[] =
    "workspace \"default\" {\n  max_parallel = 4\n  query_timeout = 100\n}\n"
    "workspace \"p\" {\n  max_parallel = 20\n  listen = \"network\"\n  port = 9034\n  watch = false\n"
    "  search_path = \"aws, gcp\"\n  progress = false\n  update_check = false\n}\n"
    "workspace \"q\" {\n  base = workspace.p\n  port = 9035\n}\n";

typedef struct config_case {
    const char *name;
    const char *env[4];         /* NAME=VALUE, set for the run */
    const char *args;           /* server's flags */
    const char *expect[6];      /* KEY=JSON */
} config_case;

static const config_case CASES[] = {
    { "the default profile over the defaults",
      { 0 },
      "",
      { "max-parallel=4", "query-timeout=100", "listen=\"local\"", "port=9033", "watch=true",
        "workspace=\"default\"" } },
    { "the environment over the default profile",
      { "POWERPIPE_MAX_PARALLEL=8", "POWERPIPE_PORT=9040" },
      "",
      { "max-parallel=8", "query-timeout=100", "port=9040" } },
    { "a named profile over the environment",
      { "POWERPIPE_MAX_PARALLEL=8", "POWERPIPE_QUERY_TIMEOUT=7" },
      "--workspace p",
      { "max-parallel=20", "query-timeout=7", "listen=\"network\"", "watch=false",
        "search-path=[\"aws\",\"gcp\"]", "workspace=\"p\"" } },
    { "POWERPIPE_WORKSPACE names the profile",
      { "POWERPIPE_WORKSPACE=p" },
      "",
      { "max-parallel=20", "port=9034", "progress=false", "update-check=false" } },
    { "--workspace over POWERPIPE_WORKSPACE, base inherited",
      { "POWERPIPE_WORKSPACE=default" },
      "--workspace=q",
      { "port=9035", "listen=\"network\"", "max-parallel=20", "workspace=\"q\"" } },
    { "a flag over everything",
      { "POWERPIPE_WORKSPACE=p", "POWERPIPE_MAX_PARALLEL=8" },
      "--max-parallel 16 --port=9999 --watch=false --listen local",
      { "max-parallel=16", "port=9999", "listen=\"local\"", "watch=false" } },
    { "a variable that does not parse is ignored",
      { "POWERPIPE_PORT=abc", "POWERPIPE_LISTEN=network" },
      "",
      { "port=9033", "listen=\"network\"" } },
    { "Powerpipe's other variables",
      { "POWERPIPE_TELEMETRY=none", "POWERPIPE_MEMORY_MAX_MB=2048", "POWERPIPE_DASHBOARD_TIMEOUT=30",
        "PIPES_HOST=h.example" },
      "",
      { "telemetry=\"none\"", "memory-max-mb=2048", "dashboard-timeout=30", "pipes-host=\"h.example\"" } },
};

/* The configuration `server` prints in dir with the case's variables and flags. */
static jt *dump(const config_case *c, cl_result *r)
{
    for (int i = 0; i < 4 && c->env[i]; i++) putenv((char *)c->env[i]);
    *r = cl_run("server %s", c->args);
    char err[200];
    return r->status == 0 ? jt_parse(r->out, strlen(r->out), err, sizeof err) : NULL;
}

/* LP_CLI made absolute: the tests change directory */
static void cli_absolute(void)
{
    char abs[4096];
    const char *cli = getenv("LP_CLI");
    if (cli && realpath(cli, abs)) setenv("LP_CLI", abs, 1);
}

static char *home_with_profiles(const char *text)
{
    cli_absolute();
    char *home = wf_tmpdir();
    wf_write(home, ".powerpipe/config/workspaces.ppc", text);
    setenv("HOME", home, 1);
    unsetenv("POWERPIPE_INSTALL_DIR");
    unsetenv("POWERPIPE_CONFIG_PATH");
    unsetenv("POWERPIPE_WORKSPACE");
    setenv("POWERPIPE_CONFIG_DUMP", "config_json", 1);
    cr_assert_eq(chdir(home), 0);
    return home;
}

Test(config36, precedence_cases)
{
    for (size_t k = 0; k < sizeof CASES / sizeof CASES[0]; k++) {
        const config_case *c = &CASES[k];
        /* each case in a child: its variables are its own */
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            char *home = home_with_profiles(PROFILES);
            cl_result r;
            jt *doc = dump(c, &r);
            (void)home;
            if (!doc) {
                fprintf(stderr, "%s: status %d\n%s%s", c->name, r.status, r.out, r.err);
                _exit(1);
            }
            int bad = 0;
            for (int i = 0; i < 6 && c->expect[i]; i++) {
                const char *eq = strchr(c->expect[i], '=');
                char key[64];
                snprintf(key, sizeof key, "%.*s", (int)(eq - c->expect[i]), c->expect[i]);
                char perr[100], why[200];
                jt *want = jt_parse(eq + 1, strlen(eq + 1), perr, sizeof perr);
                const jt *got = jt_get(doc, key);
                if (!want || !got || !jt_equal(want, got, why, sizeof why)) {
                    fprintf(stderr, "%s: %s: expected %s in\n%s\n", c->name, key, eq + 1, r.out);
                    bad = 1;
                }
                jt_free(want);
            }
            _exit(bad);
        }
        int st;
        waitpid(pid, &st, 0);
        cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "case \"%s\" failed (see stderr)", c->name);
    }
}

Test(config36, unknown_profile_is_an_error)
{
    char *home = home_with_profiles(PROFILES);
    cl_expect(1, NULL, "workspace 'nosuch' not found in config path", "server --workspace nosuch");
    wf_remove(home);
}

Test(config36, bad_profile_attributes_name_file_line_col)
{
    char *home = home_with_profiles("workspace \"default\" {\n  max_parallel = \"many\"\n}\n");
    /* a command that reads the config path fails with the place of the error */
    wf_write(home, "mod.pp", "mod \"m\" {}\n");
    cl_expect(1, NULL, "workspaces.ppc:2:18: Incorrect attribute value type",
              "dashboard list --no-index-cache");
    wf_write(home, ".powerpipe/config/workspaces.ppc", "workspace \"default\" {\n  colour = 1\n}\n");
    cl_expect(1, NULL, "workspaces.ppc:2:3: Unsupported argument", "dashboard list --no-index-cache");
    wf_remove(home);
}

Test(config36, install_dir_flag_and_variable)
{
    char *home = home_with_profiles("");
    wf_write(home, "elsewhere/config/w.ppc", "workspace \"default\" {\n  port = 7000\n}\n");
    wf_write(home, "third/config/w.ppc", "workspace \"default\" {\n  port = 7001\n}\n");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/elsewhere", home);
    setenv("POWERPIPE_INSTALL_DIR", dir, 1);
    cl_expect(0, "\"port\": 7000", NULL, "server");
    cl_expect_want(&(cl_want){ .status = 0, .out = { "\"port\": 7001", "third\"" } },
                   "server --install-dir %s/third", home);
    wf_remove(home);
}

/* cobra takes a long flag's exact name only: getopt_long's unique prefixes are refused. */
Test(config36, flag_prefixes_are_refused)
{
    /* not taken for --share-results: Powerpipe's own --share, refused */
    cl_expect(2, NULL, "lazypipe does not support --share:", "server --share 5");
    cl_expect(2, NULL, "unknown flag: --no-wai; did you mean \"--no-wait\"?", "dashboard list --no-wai");
    cl_expect(2, NULL, "unknown flag: --mod-loc", "--mod-loc . dashboard list");
}

/* The whole numbers of flags, settings and LAZYPIPE_* variables (cli_parse_long): a value out of
 * range, with text after it, or too large for a long is refused, each with its own message.  A
 * number taken by mistake fails later, on the missing mod (NOWHERE), instead of serving. */
#define NOWHERE " --mod-location /nonexistent/lp-config-test"
Test(config36, whole_numbers_out_of_range_are_refused)
{
    cl_expect(2, NULL, "error: invalid port - must be within range (1:65535): 70000",
              "server --port 70000" NOWHERE);
    cl_expect(2, NULL, "error: invalid argument \"-1\" for \"--share-results\": a whole number is expected",
              "server --share-results=-1" NOWHERE);
    cl_expect(2, NULL, "for \"--share-results\": a whole number is expected",
              "server --share-results=99999999999999999999" NOWHERE);
    cl_expect(2, NULL, "error: invalid argument \"5x\" for \"--port\": a whole number is expected",
              "server --port 5x" NOWHERE);
    setenv("LAZYPIPE_SEND_STALL_S", "0", 1);
    cl_expect(2, NULL, "error: LAZYPIPE_SEND_STALL_S must be a number of seconds from 1 to 3600: 0",
              "server" NOWHERE);
    unsetenv("LAZYPIPE_SEND_STALL_S");
    setenv("LAZYPIPE_ADMIT_RUNS", "100001", 1);
    cl_expect(2, NULL, "LAZYPIPE_ADMIT_RUNS must be a number of runs from 0 (no bound) to 100000: 100001",
              "server" NOWHERE);
    unsetenv("LAZYPIPE_ADMIT_RUNS");
}
#undef NOWHERE

Test(config36, turbot_pipes_flags)
{
    cl_expect(2, NULL, "lazypipe does not support --share: it uploads a snapshot to Turbot Pipes",
              "benchmark run x --share");
    /* --snapshot writes to a local directory only (test_cli_switch): without one, Powerpipe's refusal */
    cl_expect(254, NULL, "Not authenticated for Turbot Pipes", "benchmark run x --snapshot");
    /* a local snapshot takes --snapshot-title (a query run's title) and --snapshot-tag, which Powerpipe
     * checks with --snapshot after the location (validateSnapshotTags), then ignores locally */
    char *sdir = wf_mod_dir("mod \"m\" {}\n");
    char db[4200];
    rf_sqlite_db(sdir, NULL, db, sizeof db);
    cl_result r = cl_run("query run %s --mod-location %s --database %s --no-index-cache --snapshot-title t "
                         "--snapshot-tag a=b --snapshot-tag c= --output csv", "'select 1 as x'", sdir, db);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "x\n1\n");
    cl_done(&r);
    r = cl_run("query run %s --mod-location %s --database %s --no-index-cache --snapshot "
               "--snapshot-location %s --snapshot-tag a=b --snapshot-tag nokey",
               "'select 1 as x'", sdir, db, sdir);
    cr_assert_eq(r.status, 255);
    cr_assert(strstr(r.err, "snapshot tags must be specified '--snapshot-tag key=value'"), "%s", r.err);
    cl_done(&r);
    wf_remove(sdir);
}

/* --timing on a control run: Powerpipe's line "Time: <Go duration>" after the text output. */
Test(config36, control_run_timing_line)
{
    char *dir = wf_mod_dir("mod \"m\" {}\ncontrol \"c\" {\n  sql = \"select 'ok' as status, 'r' as reason, "
                           "'x' as resource\"\n}\n");
    char db[4200];
    rf_sqlite_db(dir, NULL, db, sizeof db);
    cl_result r = cl_run("control run c --mod-location %s --database %s --timing --no-index-cache", dir, db);
    cr_assert_eq(r.status, 0, "%s", r.err);
    const char *t = strstr(r.out, "\nTime: ");
    cr_assert(t, "%s", r.out);
    /* Go's Duration: "123ms", "1.5s", "0s" */
    cr_assert(strstr(t, "ms\n") || strstr(t, "s\n"), "%s", t);
    cl_done(&r);
    /* csv prints no timing */
    cl_expect_want(&(cl_want){ .status = 0, .not_out = { "Time: " } },
                   "control run c --mod-location %s --database %s --timing --output csv --no-index-cache",
                   dir, db);
    wf_remove(dir);
}

Test(config36, query_and_dashboard_exports)
{
    char *dir = wf_mod_dir("mod \"m\" {}\nquery \"q\" {\n  sql = \"select 1 as a, 'x' as b\"\n}\n"
                           "dashboard \"d\" {\n  card {\n    sql = \"select 1 as value\"\n  }\n}\n");
    cli_absolute();
    cr_assert_eq(chdir(dir), 0);
    char db[4200];
    rf_sqlite_db(dir, NULL, db, sizeof db);
    cl_result r = cl_run("query run q --database %s --export out.csv --export out.json --export out.pps "
                         "--no-index-cache", db);
    cr_assert_eq(r.status, 0, "%s", r.err);
    HAS(r.out, "File exported to ");
    /* chdir(dir) above: the exports are in the working directory */
    char *csv = jt_read_file("out.csv", NULL), *json = jt_read_file("out.json", NULL),
         *pps = jt_read_file("out.pps", NULL);
    cr_assert(csv && json && pps, "an export is missing");
    cr_assert_str_eq(csv, "a,b\n1,x\n");
    HAS(json, "\"rows\"");
    HAS(pps, "\"schema_version\"");
    free(csv);
    free(json);
    free(pps);
    cl_done(&r);
    cl_expect(2, NULL, "invalid export format: 'html'",
              "query run q --database %s --export html --no-index-cache", db);
    cl_expect(2, NULL, "combination of named and unnamed exports is not supported",
              "query run q --database %s --export csv --export x.json --no-index-cache", db);
    cl_expect(2, NULL, "invalid export format: 'html'",
              "dashboard run d --database %s --export html --no-index-cache", db);
    struct stat st;
    cr_assert_neq(stat("html", &st), 0, "no file named html is written");
    wf_remove(dir);
}

/* The README's table of Powerpipe's flags against the help: it cannot drift. */
static const char *const RUN_COMMANDS[] = { "query run", "dashboard run", "benchmark run", "control run",
                                           "detection run", "server" };

static char *help_of(const char *cmd)
{
    cl_result r = cl_run("%s --help", cmd);
    cr_assert_eq(r.status, 0, "%s --help: %s", cmd, r.err);
    free(r.err);
    return r.out;
}

/* "--name" in the help as a flag: first on its line (after spaces, or "-h, "), then a space or the
 * line's end; not a mention in another flag's description. */
static int help_lists(const char *help, const char *flag)
{
    size_t n = strlen(flag);
    for (const char *p = help; (p = strstr(p, flag)); p += n) {
        if (p[n] != ' ' && p[n] != '\n') continue;
        const char *q = p;
        while (q > help && q[-1] != '\n' && strchr(" -,hv", q[-1])) q--;
        if (q == help || q[-1] == '\n') return 1;
    }
    return 0;
}

Test(config36, readme_flag_table_matches_help)
{
    size_t len;
    char *readme = jt_read_file("README.md", &len);
    cr_assert(readme, "README.md not found (run from the repository root)");
    char *begin = strstr(readme, "<!-- flags:begin -->"), *end = strstr(readme, "<!-- flags:end -->");
    cr_assert(begin && end && begin < end);
    *end = 0;
    char *helps[6];
    for (int i = 0; i < 6; i++) helps[i] = help_of(RUN_COMMANDS[i]);
    char *root = help_of("");
    char names[128][40];
    int nnames = 0, rows = 0;
    for (char *line = strstr(begin, "\n| `--"); line; line = strstr(line + 1, "\n| `--")) {
        char flag[40], cmds[400], support[400];
        if (sscanf(line, "\n| `%39[^`]` | %399[^|]| %399[^\n]", flag, cmds, support) != 3) continue;
        rows++;
        cr_assert_lt(nnames, 128);
        snprintf(names[nnames++], sizeof names[0], "%s", flag);
        int refused = strncmp(support, "refused", 7) == 0;
        if (strncmp(cmds, "all", 3) == 0) {
            cr_expect(help_lists(root, flag), "%s: not in lazypipe --help", flag);
            continue;
        }
        int tried = 0;   /* a refused flag is run once (each run costs a sanitized start) */
        for (int i = 0; i < 6; i++) {
            if (!strstr(cmds, RUN_COMMANDS[i])) continue;
            if (!refused) {
                cr_expect(help_lists(helps[i], flag), "%s: not in lazypipe %s --help", flag, RUN_COMMANDS[i]);
                continue;
            }
            cr_expect(!help_lists(helps[i], flag), "%s: refused, yet in %s --help", flag, RUN_COMMANDS[i]);
            if (tried++) continue;
            cl_result r = cl_run("%s x %s=1", RUN_COMMANDS[i], flag);
            cr_expect_eq(r.status, 2, "%s %s: status %d", RUN_COMMANDS[i], flag, r.status);
            cl_done(&r);
        }
    }
    cr_assert_gt(rows, 30, "the table was not read");
    /* every flag these commands' help lists has a row */
    for (int i = 0; i < 6; i++)
        for (const char *p = helps[i]; (p = strstr(p, " --")); p += 3) {
            char flag[40];
            if (sscanf(p + 1, "%39[a-z-]", flag) != 1 || strcmp(flag, "--help") == 0 ||
                !help_lists(helps[i], flag))
                continue;
            int found = 0;
            for (int k = 0; k < nnames && !found; k++) found = strcmp(names[k], flag) == 0;
            cr_expect(found, "%s (in lazypipe %s --help) has no row in README's flag table", flag,
                      RUN_COMMANDS[i]);
        }
    for (int i = 0; i < 6; i++) free(helps[i]);
    free(root);
    free(readme);
}
