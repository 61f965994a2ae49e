/* test_cli_texts.c — the CLI's own texts against Powerpipe's source and against what the CLI does:
 * every exit status the sources define is listed in every --help with Powerpipe's meaning
 * (pipe-fittings constants/exit_codes.go), the mod commands' flags say what Powerpipe's say
 * (internal/cmd/mod.go), every command's help has examples of that command, and the refusals and
 * hints name what is really refused and lazypipe's own commands. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/clirun.h"
#include "support/jsontree.h"
#include "support/wsfix.h"

/* ------------------------------------------------------------ the commands and their helps */

/* Every command of src/cli/commands.c's table ({ "WORDS", cmd_...), the dashboard children its
 * macro makes included; *n of them, malloc'd. */
static char **all_commands(size_t *n)
{
    size_t len;
    char *src = jt_read_file("src/cli/commands.c", &len);
    cr_assert(src, "src/cli/commands.c (run from the repository root)");
    char **v = NULL;
    *n = 0;
    regex_t re;
    cr_assert_eq(regcomp(&re, "\\{ \"([a-z ]+)\", cmd_", REG_EXTENDED), 0);
    regmatch_t m[2];
    for (const char *p = src; regexec(&re, p, 2, m, 0) == 0; p += m[0].rm_eo) {
        v = realloc(v, (*n + 1) * sizeof *v);
        v[(*n)++] = strndup(p + m[1].rm_so, (size_t)(m[1].rm_eo - m[1].rm_so));
    }
    regfree(&re);
    /* DASHBOARD_CHILD("card") and its neighbours */
    static const char *const children[] = { "dashboard card list", "dashboard card show",
                                            "dashboard edge list", "dashboard edge show" };
    for (size_t i = 0; i < 4; i++) {
        v = realloc(v, (*n + 1) * sizeof *v);
        v[(*n)++] = strdup(children[i]);
    }
    free(src);
    cr_assert_gt(*n, 40, "the command table was not read: %zu commands", *n);
    return v;
}

static char *help_of(const char *words)
{
    cl_result r = cl_run("%s --help", words);
    cr_assert_eq(r.status, 0, "lazypipe %s --help: %d %s", words, r.status, r.err);
    free(r.err);
    return r.out;
}

/* The help wraps its lines: text with each line break and the indent after it made one space, in
 * place. */
static char *flatten(char *text)
{
    char *o = text;
    for (const char *p = text; *p; p++) {
        if (*p == '\n' && p[1] == ' ') {
            while (p[1] == ' ') p++;
            *o++ = ' ';
        } else {
            *o++ = *p;
        }
    }
    *o = 0;
    return text;
}

/* ------------------------------------------------------------ exit statuses */

/* Every exit status the CLI's and the server's sources name: NAME = N in an enum, where NAME is one
 * of the CLI's (CLI_...) or an EXIT_... code. */
static size_t exit_codes_in_sources(int *codes, size_t max)
{
    static const char *const dirs[] = { "src/cli", "src/server" };
    size_t n = 0;
    regex_t re;
    cr_assert_eq(regcomp(&re, "\\b(CLI_[A-Z_]+|EXIT_[A-Z_]+) = ([0-9]+)", REG_EXTENDED), 0);
    for (size_t d = 0; d < 2; d++) {
        DIR *dir = opendir(dirs[d]);
        cr_assert(dir, "%s", dirs[d]);
        for (struct dirent *e; (e = readdir(dir));) {
            size_t l = strlen(e->d_name);
            if (l < 3 || (strcmp(e->d_name + l - 2, ".c") != 0 && strcmp(e->d_name + l - 2, ".h") != 0))
                continue;
            char path[512], *text;
            snprintf(path, sizeof path, "%s/%s", dirs[d], e->d_name);
            size_t len;
            cr_assert(text = jt_read_file(path, &len), "%s", path);
            regmatch_t m[3];
            for (const char *p = text; regexec(&re, p, 3, m, 0) == 0; p += m[0].rm_eo) {
                int code = atoi(p + m[2].rm_so);
                size_t k = 0;
                while (k < n && codes[k] != code) k++;
                if (k == n && n < max) codes[n++] = code;
            }
            free(text);
        }
        closedir(dir);
    }
    regfree(&re);
    return n;
}

/* The line of help's "Exit status:" section for code, or NULL. */
static const char *exit_line(const char *help, int code)
{
    const char *sec = strstr(help, "\nExit status:\n");
    if (!sec) return NULL;
    char want[16];
    snprintf(want, sizeof want, "\n  %-3d  ", code);
    return strstr(sec, want);
}

Test(cli_texts, every_exit_status_the_sources_define_is_in_every_help)
{
    int codes[64];
    size_t nc = exit_codes_in_sources(codes, 64);
    /* the ones known to occur: control alarms and errors, the snapshot, query, mod and server codes */
    static const int known[] = { 0, 1, 2, 22, 41, 61, 62, 250, 251, 253, 254, 255 };
    for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
        size_t k = 0;
        while (k < nc && codes[k] != known[i]) k++;
        cr_expect_lt(k, nc, "exit status %d is not defined in src/cli or src/server any more", known[i]);
    }
    size_t n;
    char **cmds = all_commands(&n);
    for (size_t i = 0; i <= n + 2; i++) {
        /* every command, lazypipe's own help, and a group's */
        const char *words = i < n ? cmds[i] : i == n ? "" : i == n + 1 ? "mod" : "dashboard";
        char *help = help_of(words);
        for (size_t k = 0; k < nc; k++)
            cr_expect(exit_line(help, codes[k]), "exit status %d is not in `lazypipe %s --help`", codes[k],
                      words);
        free(help);
    }
    for (size_t i = 0; i < n; i++) free(cmds[i]);
    free(cmds);
}

/* The meanings pipe-fittings' constants/exit_codes.go gives Powerpipe's codes (its comments). */
Test(cli_texts, exit_statuses_have_powerpipes_meanings)
{
    static const struct {
        int code;
        const char *meaning;
    } pp[] = {
        { 1, "1 or more control alarms" },       /* ExitCodeControlsAlarm */
        { 2, "1 or more control errors" },       /* ExitCodeControlsError */
        { 22, "snapshot - upload failed" },      /* ExitCodeSnapshotUploadFailed */
        { 41, "query - 1 or more queries failed" }, /* ExitCodeQueryExecutionFailed */
        { 61, "mod - init failed" },             /* ExitCodeModInitFailed */
        { 62, "mod - install failed" },          /* ExitCodeModInstallFailed */
        { 250, "initialization failed" },        /* ExitCodeInitializationFailed */
        { 251, "port binding failed" },          /* ExitCodeBindPortUnavailable */
        { 253, "file system access failed" },    /* ExitCodeFileSystemAccessFailure */
        { 254, "insufficient or wrong input" },  /* ExitCodeInsufficientOrWrongInputs */
        { 255, "unknown" },                      /* ExitCodeUnknownErrorPanic */
    };
    char *help = help_of("query run");
    for (size_t i = 0; i < sizeof pp / sizeof *pp; i++) {
        const char *line = exit_line(help, pp[i].code);
        cr_assert(line, "%d not listed", pp[i].code);
        /* the code's entry: up to the next code's line */
        const char *next = line + 1;
        while ((next = strchr(next, '\n')) && next[1] == ' ' && next[2] == ' ' && next[3] == ' ') next++;
        size_t len = next ? (size_t)(next - line) : strlen(line);
        char *entry = flatten(strndup(line, len));
        cr_expect(strstr(entry, pp[i].meaning), "%d: \"%s\" is not Powerpipe's meaning, \"%s\"", pp[i].code,
                  entry, pp[i].meaning);
        free(entry);
    }
    free(help);
}

/* ------------------------------------------------------------ flags and examples */

/* internal/cmd/mod.go's texts of --dry-run, --force and --prune, by command. */
Test(cli_texts, mod_commands_flags_say_what_powerpipes_do)
{
    static const struct {
        const char *words, *text;
    } pp[] = {
        { "mod install", "Show which mods would be installed/updated/uninstalled without modifying them" },
        { "mod install",
          "Install mods even if plugin/cli version requirements are not met (cannot be used with "
          "--dry-run)" },
        { "mod install", "Remove unused dependencies after installation is complete" },
        { "mod update", "Show which mods would be updated without modifying them" },
        { "mod update",
          "Update mods even if plugin/cli version requirements are not met (cannot be used with "
          "--dry-run)" },
        { "mod update", "Remove unused dependencies after update is complete" },
        { "mod uninstall", "Show which mods would be uninstalled without modifying them" },
        { "mod uninstall", "Remove unused dependencies after uninstallation is complete" },
        /* internal/cmd/check.go */
        { "benchmark run", "Show which controls will be run without running them" },
    };
    for (size_t i = 0; i < sizeof pp / sizeof *pp; i++) {
        char *help = help_of(pp[i].words);
        char *flat = flatten(strdup(help));
        cr_expect(strstr(flat, pp[i].text), "lazypipe %s --help lacks \"%s\":\n%s", pp[i].words, pp[i].text,
                  help);
        cr_expect(!strstr(flat, "the controls that would run") || strncmp(pp[i].words, "mod ", 4) != 0,
                  "lazypipe %s --help describes controls", pp[i].words);
        free(flat);
        free(help);
    }
}

/* Every command's help has an "Examples:" section, each example a "# ..." line then a command line of
 * that command (as Powerpipe's mod commands have them); mod install's are Powerpipe's. */
Test(cli_texts, every_commands_help_has_examples_of_it)
{
    size_t n;
    char **cmds = all_commands(&n);
    for (size_t i = 0; i < n; i++) {
        char *help = help_of(cmds[i]);
        const char *ex = strstr(help, "\nExamples:\n\n");
        cr_expect(ex, "lazypipe %s --help has no examples", cmds[i]);
        if (ex) {
            const char *usage = strstr(ex, "\nUsage:\n");
            cr_assert(usage, "lazypipe %s --help: the examples come before Usage", cmds[i]);
            char want[128];
            snprintf(want, sizeof want, "\n  lazypipe %s", cmds[i]);
            int examples = 0;
            for (const char *p = ex; p && p < usage; p = strchr(p + 1, '\n')) {
                if (strncmp(p, "\n  # ", 5) != 0) continue;
                const char *cmd = strchr(p + 1, '\n');
                cr_expect(cmd && !strncmp(cmd, want, strlen(want)) &&
                              (cmd[strlen(want)] == ' ' || cmd[strlen(want)] == '\n'),
                          "lazypipe %s --help: an example of another command after %.40s", cmds[i], p + 1);
                examples++;
            }
            cr_expect_gt(examples, 0, "lazypipe %s --help: no example", cmds[i]);
        }
        free(help);
    }
    for (size_t i = 0; i < n; i++) free(cmds[i]);
    free(cmds);
    char *help = help_of("mod install");
    cr_expect(strstr(help, "  # Install a specific version of a mod\n"
                           "  lazypipe mod install github.com/turbot/steampipe-mod-aws-compliance@0.1\n"),
              "%s", help);
    cr_expect(strstr(help, "  # Install all mods specified in the mod.pp and their dependencies\n"
                           "  lazypipe mod install\n"),
              "%s", help);
    free(help);
}

/* ------------------------------------------------------------ refusals and hints */

/* login is refused for what it is: Powerpipe's login to Turbot Pipes (login.go: "Login to Turbot
 * Pipes"), which lazypipe does not talk to; not "does not install or run", which it does. */
Test(cli_texts, login_says_what_is_refused)
{
    cl_result r = cl_run("login");
    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.out, "");
    cr_expect(strstr(r.err, "Turbot Pipes"), "%s", r.err);
    cr_expect(!strstr(r.err, "does not install") && !strstr(r.err, "does not run"), "%s", r.err);
    cl_done(&r);
    /* a run command of a type that has none is an unknown command, not "lazypipe does not run" */
    r = cl_run("variable run x");
    cr_expect_eq(r.status, 2);
    cr_expect(strstr(r.err, "unknown command \"run\" for \"lazypipe variable\""), "%s", r.err);
    cl_done(&r);
}

/* pipe-fittings names the app in its hints ("run '" + app_specific.AppName + " mod install'"): lazypipe
 * names itself. */
Test(cli_texts, hints_name_lazypipes_mod_install)
{
    char *dir = wf_tmpdir();
    cl_result r = cl_run("--mod-location %s dashboard run x", dir);
    cr_expect(strstr(r.err, "'lazypipe mod install'"), "%s", r.err);
    cr_expect(!strstr(r.err, "powerpipe mod install"), "%s", r.err);
    cl_done(&r);
    /* and where Powerpipe's own text spells "powerpipe mod install" (ErrorNoModDefinition) */
    static const char *const no_mod[] = { "mod show x", "mod list --output json", "mod list --output yaml" };
    for (size_t i = 0; i < sizeof no_mod / sizeof *no_mod; i++) {
        r = cl_run("--mod-location %s %s", dir, no_mod[i]);
        cr_expect_eq(r.status, 255, "%s: %d", no_mod[i], r.status);
        cr_expect(strstr(r.err, "install a mod using lazypipe mod install"), "%s: %s", no_mod[i], r.err);
        cr_expect(!strstr(r.err, "powerpipe mod install"), "%s: %s", no_mod[i], r.err);
        cl_done(&r);
    }
    wf_remove(dir);
}
