/* test_cli_switch.c — what a Powerpipe user's scripts meet when they switch, through the CLI (LP_CLI)
 * on a real SQLite file.  The expected behaviour is read from Powerpipe's and pipe-fittings' source:
 * raw SQL runs without a mod (initialisation.commandRequiresModfile); a --var-file from a pipe is
 * read (os.ReadFile); POWERPIPE_CACHE sets client- and service-cache-enabled (EnvCacheEnabled,
 * envMappings); the exit statuses query.go, dashboard.go, detection.go and server.go reach (41, 255,
 * 250, 251: their no-mod error is localconstants.ErrorNoModDefinition{}, which errors.Is never
 * matches with workspace.ErrorNoModDefinition, so ExitCodeNoModFile is not reached); the hidden
 * dashboardChildCommands for detections; --snapshot with a local --snapshot-location writes the
 * snapshot there (pipe-fittings pipes/snapshot.go exportSnapshot: GenerateDefaultExportFileName,
 * path.Join, "Snapshot saved to PATH"), a location of two '/'-separated parts being a Turbot Pipes
 * workspace (IsPipesWorkspaceIdentifier), none Powerpipe's "Not authenticated" (ValidateSnapshotArgs). */
#include <criterion/criterion.h>
#include <dirent.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/socket.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/gitfix.h"
#include "support/wsfix.h"

static const char MOD[] =
    "mod \"m\" {}\n"
    "variable \"region\" {\n  type    = string\n  default = \"d\"\n}\n"
    "query \"q1\" {\n  sql = \"select 1 as one\"\n}\n"
    "control \"c1\" {\n  sql = \"select 'ok' as status, 'r' as resource, 'x' as reason\"\n}\n"
    "benchmark \"s3\" {\n  title    = \"S3\"\n  children = [control.c1]\n}\n"
    "detection \"d1\" {\n  title = \"D1\"\n  sql   = \"select 1 as a\"\n}\n"
    "benchmark \"db1\" {\n  title    = \"DB1\"\n  type     = \"detection\"\n  children = [detection.d1]\n}\n";

static char *mod_dir, *bare_dir; /* a mod; a directory with no mod at or above it */
static char db[4200];            /* --database sqlite://... (an empty file: an empty database) */

static void setup(void)
{
    mod_dir = wf_tmpdir();
    wf_write(mod_dir, "mod.pp", MOD);
    bare_dir = wf_tmpdir();
    wf_write(bare_dir, "data.db", "");
    snprintf(db, sizeof db, "--database sqlite://%s/data.db", bare_dir);
    unsetenv("POWERPIPE_CONFIG_DUMP");
}

static void teardown(void)
{
    wf_remove(mod_dir);
    wf_remove(bare_dir);
}

TestSuite(cli_switch, .init = setup, .fini = teardown);

Test(cli_switch, raw_sql_runs_outside_a_mod)
{
    cl_expect_out(0, "one\n1\n", "query run 'select 1 as one' --output csv --mod-location %s %s", bare_dir,
                  db);
    /* a name of a query-running type needs the mod: Powerpipe's ExitCodeUnknownErrorPanic */
    cl_expect(255, NULL, "requires a mod definition file", "query run query.q1 --mod-location %s %s",
              bare_dir, db);
}

Test(cli_switch, var_file_from_a_pipe_or_dev_null)
{
    int p[2];
    cr_assert_eq(pipe(p), 0);
    const char vars[] = "region = \"from_pipe\"\n";
    cr_assert_eq(write(p[1], vars, sizeof vars - 1), (ssize_t)(sizeof vars - 1));
    close(p[1]);
    cr_assert_eq(dup2(p[0], 0), 0); /* the command's stdin: a pipe, as process substitution gives */
    close(p[0]);
    cl_expect_want(
        &(cl_want){ .status = 0, .out = { "\"value\": \"from_pipe\"" }, .not_err = { "Cannot read" } },
        "variable list --output json --mod-location %s --var-file /dev/stdin", mod_dir);
    cl_expect_want(&(cl_want){ .status = 0, .out = { "\"value\": \"d\"" }, .not_err = { "Cannot read" } },
                   "variable list --output json --mod-location %s --var-file /dev/null", mod_dir);
    /* one that cannot be read whole is an error, not ignored */
    cl_expect(1, NULL, "--var-file /dev/zero: File too large",
              "variable list --output json --mod-location %s --var-file /dev/zero", mod_dir);
}

Test(cli_switch, powerpipe_cache_variable)
{
    setenv("POWERPIPE_CONFIG_DUMP", "config_json", 1);
    setenv("POWERPIPE_CACHE", "false", 1);
    cl_expect_want(
        &(cl_want){ .status = 0,
                    .out = { "\"client-cache-enabled\": false", "\"service-cache-enabled\": false" } },
        "query run q1 --mod-location %s", mod_dir);
    unsetenv("POWERPIPE_CACHE");
    /* the name lazypipe read before: still read, said to be deprecated */
    setenv("POWERPIPE_CACHE_ENABLED", "false", 1);
    cl_expect_want(&(cl_want){ .status = 0,
                               .out = { "\"client-cache-enabled\": false" },
                               .err = { "POWERPIPE_CACHE_ENABLED is deprecated" } },
                   "query run q1 --mod-location %s", mod_dir);
    unsetenv("POWERPIPE_CACHE_ENABLED");
    cl_expect_want(&(cl_want){ .status = 0, .not_out = { "cache-enabled" } },
                   "query run q1 --mod-location %s", mod_dir);
}

Test(cli_switch, exit_statuses)
{
    cl_expect(41, NULL, "nope", "query run 'select nope' --mod-location %s %s", mod_dir, db);
    cl_expect(41, NULL, NULL, "query run 'select nope' --output snapshot --mod-location %s %s", mod_dir, db);
    cl_expect(255, NULL, "requires a mod definition file", "dashboard run d --mod-location %s %s", bare_dir,
              db);
    cl_expect(250, NULL, "requires a mod definition file", "detection run d --mod-location %s %s", bare_dir,
              db);
    /* a port another process listens on: refused before the workspace is opened */
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof sa;
    cr_assert(s >= 0 && bind(s, (struct sockaddr *)&sa, sizeof sa) == 0 && listen(s, 1) == 0 &&
              getsockname(s, (struct sockaddr *)&sa, &len) == 0);
    char want[200];
    snprintf(want, sizeof want, "Port %d is not available - is another instance", ntohs(sa.sin_port));
    cl_expect(251, NULL, want, "server --port %d --mod-location %s", ntohs(sa.sin_port), mod_dir);
    close(s);
}

Test(cli_switch, not_found_suggests_the_nearest_name)
{
    cl_expect(250, NULL, "benchmark 's33' not found; did you mean \"s3\"?",
              "benchmark run s33 --mod-location %s %s", mod_dir, db);
    cl_expect(1, NULL, "not found: query.q2; did you mean \"query.q1\"?",
              "query show query.q2 --mod-location %s", mod_dir);
    cl_expect_want(&(cl_want){ .status = 250, .not_err = { "did you mean" } },
                   "benchmark run zzzzzz --mod-location %s %s", mod_dir, db);
}

Test(cli_switch, dashboard_detection_commands)
{
    cl_expect_want(&(cl_want){ .status = 0, .out = { "d1" } }, "dashboard detection list --mod-location %s",
                   mod_dir);
    cl_expect_want(&(cl_want){ .status = 0, .out = { "db1" }, .not_out = { "s3" } },
                   "dashboard detectionbenchmark list --mod-location %s", mod_dir);
    cl_expect_want(&(cl_want){ .status = 0, .out = { "D1" } },
                   "dashboard detection show d1 --mod-location %s", mod_dir);
    /* as detection run prints it */
    cl_result a = cl_run("detection run d1 --output json --mod-location %s %s", mod_dir, db);
    cl_result b = cl_run("dashboard detection run d1 --output json --mod-location %s %s", mod_dir, db);
    cl_result c =
        cl_run("dashboard detectionbenchmark run db1 --output json --mod-location %s %s", mod_dir, db);
    cr_assert_eq(a.status, 0, "%s", a.err);
    cr_assert_eq(b.status, 0, "%s", b.err);
    cr_assert_eq(c.status, 0, "%s", c.err);
    cr_assert(strstr(a.out, "\"a\"") && strstr(c.out, "\"a\""), "%s\n%s", a.out, c.out);
    cr_assert(strlen(a.out) == strlen(b.out), "%s\n---\n%s", a.out, b.out);
    cl_done(&a);
    cl_done(&b);
    cl_done(&c);
}

/* POWERPIPE_GIT_TOKEN: what git is given, read by a `git` first in PATH that asks the real git for
 * the header its configuration holds for github.com and for another host (git config --get-urlmatch,
 * the configuration git's HTTP transport reads) and notes its arguments, then runs the real git.
 * The credentials are pipe-fittings' getGitAuthForToken: Basic, the token as the user name, a
 * GitHub App token (ghs_) as the password of x-access-token; EnvGitToken is read, GITHUB_TOKEN is
 * what lazypipe read before (a fallback). */
static char *git_root;
static char git_ws[1024], git_repos[1024], git_log[1200];

static void git_setup(void)
{
    git_root = wf_tmpdir();
    gf_setup(git_root, git_ws, git_repos, sizeof git_ws);
    char src[1100], bin[1100], script[4096], path[8192];
    snprintf(src, sizeof src, "%s/src", git_root);
    gf_sh("git init -q -b main '%s' && git -C '%s' config user.email t@t && git -C '%s' config user.name t",
          src, src, src);
    wf_write(src, "mod.pp", "mod \"m\" {}\n");
    gf_sh("git -C '%s' add -A && git -C '%s' commit -q -m one && git -C '%s' tag v1.0.0", src, src, src);
    gf_serve(src, git_repos, "m");
    snprintf(bin, sizeof bin, "%s/bin", git_root);
    snprintf(git_log, sizeof git_log, "%s/git.log", git_root);
    snprintf(script, sizeof script,
             "#!/bin/sh\ng='/usr/bin/git config'\n{ printf 'argv:'; printf ' %%s' \"$@\"; echo;"
             " echo \"github: $($g --get-urlmatch http.extraheader https://github.com/t/m)\";"
             " echo \"other: $($g --get-urlmatch http.extraheader https://gitlab.com/t/m)\";"
             " echo \"user: $($g user.name)\"; } >> '%s'\nexec /usr/bin/git \"$@\"\n",
             git_log);
    wf_write(git_root, "bin/git", script);
    gf_sh("chmod +x '%s/git'", bin);
    snprintf(path, sizeof path, "%s:%s", bin, getenv("PATH"));
    setenv("PATH", path, 1);
    wf_write(git_ws, "mod.pp", "mod \"local\" {}\n");
    unsetenv("GITHUB_TOKEN");
    unsetenv("POWERPIPE_GIT_TOKEN");
    unsetenv("GIT_CONFIG_COUNT");
}

static void git_teardown(void)
{
    wf_remove(git_root);
}

/* mod install github.com/t/m in a fresh workspace: what the fake git noted (free() it) */
static char *install_and_read_log(void)
{
    gf_sh("rm -rf '%s/.powerpipe' '%s/.mod.cache.json' '%s'; printf 'mod \"local\" {}\\n' > '%s/mod.pp'",
          git_ws, git_ws, git_log, git_ws);
    cl_expect(0, "github.com/t/m@v1.0.0", NULL, "--mod-location '%s' mod install github.com/t/m", git_ws);
    return gf_slurp(git_root, "git.log");
}

Test(git_token, powerpipe_git_token_wins_and_stays_off_the_command_line, .init = git_setup,
     .fini = git_teardown)
{
    setenv("POWERPIPE_GIT_TOKEN", "pp-secret", 1);
    setenv("GITHUB_TOKEN", "gh-secret", 1);
    char *log = install_and_read_log();
    cr_expect(strstr(log, "argv: ls-remote") && strstr(log, " clone --quiet"), "%s", log);
    cr_expect(strstr(log, "github: Authorization: Basic cHAtc2VjcmV0Og==\n"), "%s", log); /* "pp-secret:" */
    cr_expect(!strstr(log, "Z2gtc2VjcmV0Og"), "GITHUB_TOKEN is not used: %s", log);
    cr_expect(!strstr(log, "other: Authorization"), "another host is not given it: %s", log);
    cr_expect(!strstr(log, "secret") && !strstr(log, "Basic cHAt\n"), "not in argv: %s", log);
    free(log);

    /* a GitHub App installation token; and the user's own GIT_CONFIG_* entries are kept beside it */
    setenv("POWERPIPE_GIT_TOKEN", "ghs_app", 1);
    setenv("GIT_CONFIG_COUNT", "1", 1);
    setenv("GIT_CONFIG_KEY_0", "user.name", 1);
    setenv("GIT_CONFIG_VALUE_0", "someone", 1);
    log = install_and_read_log();
    cr_expect(strstr(log, "github: Authorization: Basic eC1hY2Nlc3MtdG9rZW46Z2hzX2FwcA==\n"), "%s", log);
    cr_expect(strstr(log, "user: someone\n"), "%s", log);
    free(log);
    unsetenv("GIT_CONFIG_COUNT");

    /* GITHUB_TOKEN alone still authenticates; no token, no header */
    unsetenv("POWERPIPE_GIT_TOKEN");
    log = install_and_read_log();
    cr_expect(strstr(log, "github: Authorization: Basic Z2gtc2VjcmV0Og==\n"), "%s", log);
    free(log);
    unsetenv("GITHUB_TOKEN");
    log = install_and_read_log();
    cr_expect(!strstr(log, "Authorization"), "%s", log);
    free(log);
}

/* stdout holds "Snapshot saved to WANT.yyyymmddThhmmss.pps": that file (relative to the mod), read */
static char *saved_snapshot(const char *out, const char *want)
{
    char prefix[512];
    snprintf(prefix, sizeof prefix, "\nSnapshot saved to %s.", want);
    const char *at = strstr(out, prefix);
    cr_assert(at, "no \"%s\" in:\n%s", prefix + 1, out);
    at += strlen(prefix) - strlen(want) - 1;
    size_t n = strcspn(at, "\n");
    cr_assert(n == strlen(want) + 20 && memcmp(at + n - 4, ".pps", 4) == 0 && at[n + 1] == '\n', "%s", out);
    char rel[600];
    snprintf(rel, sizeof rel, "%.*s", (int)n, at);
    return gf_slurp(mod_dir, rel);
}

/* Is there a file in dir named ROOT.yyyymmddThhmmss.EXT (GenerateDefaultExportFileName)? */
static int has_export(const char *dir, const char *root, const char *ext)
{
    DIR *d = opendir(dir);
    cr_assert(d);
    size_t rl = strlen(root), el = strlen(ext);
    int found = 0;
    for (struct dirent *e; !found && (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        found = n == rl + 16 + el && strncmp(e->d_name, root, rl) == 0 && e->d_name[rl] == '.' &&
                e->d_name[rl + 9] == 'T' && strcmp(e->d_name + n - el, ext) == 0;
    }
    closedir(d);
    return found;
}

/* An export named by its format is named after the run's root resource's full name, as Powerpipe's
 * export manager names it (GenerateDefaultExportFileName(FileNameRoot or the tree's
 * target.Name())); `all`, its root benchmark's; a query's rows (csv, json), "query"; raw SQL's
 * snapshot, its query's block type "query" */
Test(cli_switch, an_export_is_named_after_the_full_name_of_what_ran)
{
    char cli[PATH_MAX];
    cr_assert(realpath(getenv("LP_CLI"), cli));
    setenv("LP_CLI", cli, 1);
    cr_assert_eq(chdir(mod_dir), 0);   /* (exports go to the working directory) */
    wf_write(mod_dir, "dash.pp", "dashboard \"dd\" {\n  table {\n    sql = \"select 7 as seven\"\n  }\n}\n");
    const char *runs[][3] = { { "benchmark run s3 --export csv", "m.benchmark.s3", ".csv" },
                              { "benchmark run all --export json", "m.benchmark.root", ".json" },
                              { "control run c1 --export csv", "m.control.c1", ".csv" },
                              { "dashboard run dd --export pps", "m.dashboard.dd", ".pps" },
                              { "detection run d1 --export pps", "m.detection.d1", ".pps" },
                              { "query run q1 --export pps", "m.query.q1", ".pps" },
                              { "query run q1 --export csv", "query", ".csv" },
                              { "query run 'select 2 as two' --export pps", "query", ".pps" } };
    char cwd[PATH_MAX], said[PATH_MAX + 100];
    cr_assert(getcwd(cwd, sizeof cwd));
    for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
        cl_result r = cl_run("%s --output none %s", runs[i][0], db);
        cr_expect_lt(r.status, 2, "%s: %s", runs[i][0], r.err);
        cr_expect(has_export(mod_dir, runs[i][1], runs[i][2]), "%s: no %s.*%s", runs[i][0], runs[i][1],
                  runs[i][2]);
        /* export.Target.Export's message: the working directory joined to the file's name */
        snprintf(said, sizeof said, "\nFile exported to %s/%s.", cwd, runs[i][1]);
        cr_expect(strstr(r.out, said), "%s: no \"%s\" in: %s", runs[i][0], said + 1, r.out);
        cl_done(&r);
    }
}

Test(cli_switch, snapshot_to_a_local_directory)
{
    char cli[PATH_MAX];
    cr_assert(realpath(getenv("LP_CLI"), cli));
    setenv("LP_CLI", cli, 1);
    cr_assert_eq(chdir(mod_dir), 0);   /* ./snaps, as a user types it (this test's own process) */
    wf_write(mod_dir, "snaps/.keep", "");
    /* each file named after the run's root's full name (FileNameRoot: the resource's Name()) */
    const char *runs[][2] = { { "query run q1", "snaps/m.query.q1" },
                              { "detection run d1", "snaps/m.detection.d1" },
                              { "benchmark run s3", "snaps/m.benchmark.s3" },
                              { "query run 'select 1 as x'", "snaps/query" } };
    for (size_t i = 0; i < sizeof runs / sizeof *runs; i++) {
        cl_result r = cl_run("%s --snapshot --snapshot-location ./snaps --output none %s", runs[i][0], db);
        cr_assert_eq(r.status, 0, "%s: %s", runs[i][0], r.err);
        char *doc = saved_snapshot(r.out, runs[i][1]);
        cr_expect(doc[0] == '{' && strstr(doc, "\"panels\":"), "%s: %.300s", runs[i][0], doc);
        free(doc);
        cl_done(&r);
    }
    /* a dashboard's, to a directory path.Join cleans; --progress=false says nothing */
    wf_write(mod_dir, "dash.pp", "dashboard \"dd\" {\n  table {\n    sql = \"select 7 as seven\"\n  }\n}\n");
    wf_write(mod_dir, "snaps/x/.keep", "");
    cl_result r = cl_run("dashboard run dd --snapshot --snapshot-location ./snaps/x/.. --output none %s", db);
    cr_assert_eq(r.status, 0, "%s", r.err);
    char *doc = saved_snapshot(r.out, "snaps/m.dashboard.dd");
    cr_expect(strstr(doc, "\"seven\""), "%.300s", doc);
    free(doc);
    cl_done(&r);
    cl_expect_want(&(cl_want){ .status = 0, .out_is = "" },
                   "dashboard run dd --snapshot --snapshot-location snaps --output none --progress=false %s",
                   db);

    /* where Powerpipe would upload: refused before anything runs, with the status each command gives
     * a ValidateSnapshotArgs error: FailOnError's panic, recovered as ExitCodeUnknownErrorPanic (255),
     * for query, dashboard and detection run; validateCheckArgs' ExitCodeInsufficientOrWrongInputs
     * (254) for benchmark and control run */
    cl_expect_refused(255, "Not authenticated for Turbot Pipes", "query run q1 --snapshot %s", db);
    cl_expect_refused(255, "Not authenticated for Turbot Pipes", "dashboard run dd --snapshot %s", db);
    cl_expect_refused(255, "Not authenticated for Turbot Pipes", "detection run x --snapshot %s", db);
    cl_expect_refused(254, "Not authenticated for Turbot Pipes", "benchmark run x --snapshot %s", db);
    cl_expect_refused(254, "Not authenticated for Turbot Pipes", "control run x --snapshot %s", db);
    cl_expect_refused(255, "names a Turbot Pipes workspace",
                      "query run q1 --snapshot --snapshot-location acme/prod %s", db);
    cl_expect_refused(255, "snapshot location nowhere/a/b does not exist",
                      "dashboard run dd --snapshot --snapshot-location nowhere/a/b %s", db);
    cl_expect_refused(254, "snapshot location nowhere/a/b does not exist",
                      "benchmark run x --snapshot --snapshot-location nowhere/a/b %s", db);
}
