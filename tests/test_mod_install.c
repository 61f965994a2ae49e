/* test_mod_install.c — `mod install|update|uninstall|list` against real git repositories made
 * here (git init, commits, tags), reached through a test-only git config (GIT_CONFIG_GLOBAL:
 * url.<file://...>.insteadOf = https://github.com/...), as Powerpipe users reach GitHub.  Each
 * fault leaves the workspace exactly as it was: mod.pp, the lock file and .powerpipe/mods. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/gitfix.h"
#include "support/jsontree.h"
#include "support/wsfix.h"
#include "support/shared.h"

#pragma GCC diagnostic ignored "-Wformat-truncation"

static char *root;                 /* the repositories (root/repos) and the workspace (root/ws) */
static char ws[1024], repos[1024]; /* short: paths built from them fit 4096 */

/* a repository github.com/t/NAME whose tags each hold a mod.pp: mod "ALIAS" + the given require
 * text (the same for every tag) */
static void make_repo(const char *name, const char *alias, const char *require, const char *tags)
{
    char src[4096];
    snprintf(src, sizeof src, "%s/src-%s", root, name);
    gf_sh("git init -q -b main '%s' && git -C '%s' config user.email t@t && git -C '%s' config user.name t",
          src, src, src);
    char text[4096];
    char tagv[256];
    snprintf(tagv, sizeof tagv, "%s", tags);
    for (char *t = strtok(tagv, " "); t; t = strtok(NULL, " ")) {
        snprintf(text, sizeof text, "mod \"%s\" {\n  title = \"%s %s\"\n%s}\n", alias, alias, t, require);
        wf_write(src, "mod.pp", text);
        gf_sh("git -C '%s' add -A && git -C '%s' commit -q -m %s && git -C '%s' tag %s", src, src, t, src, t);
    }
    gf_serve(src, repos, name);
}

static void setup(void)
{
    root = wf_tmpdir();
    gf_setup(root, ws, repos, sizeof ws);
    make_repo("c", "c", "", "v1.0.0 v1.1.0 v2.0.0 v2.1.0-rc.1");
    make_repo("b", "b", "  require {\n    mod \"github.com/t/c\" {\n      version = \"^1.0\"\n    }\n  }\n",
              "v0.1.0 v0.2.0");
    make_repo("bad", "bad",
              "  require {\n    mod \"github.com/t/c\" {\n      version = \">=1.0, <1.0\"\n    }\n  }\n",
              "v1.0.0");
}

static void teardown(void)
{
    wf_remove(root);
}

TestSuite(mod_install, .init = setup, .fini = teardown);

Test(mod_install, install_resolves_constraints_transitively_and_writes_lock_and_require)
{
    wf_write(ws, "mod.pp", "mod \"local\" {\n  title = \"ws\"\n}\n");
    cl_result r = cl_run("--mod-location '%s' mod install github.com/t/b", ws);
    cr_assert_eq(r.status, 0, "%s", r.err);
    /* b's newest tag; c's newest satisfying ^1.0 (not v2, not the pre-release) */
    cr_expect_str_eq(r.out, "\nInstalled 2 mods:\n\nlocal\n└── github.com/t/b@v0.2.0\n"
                            "    └── github.com/t/c@v1.1.0\n");
    cl_done(&r);
    char *pp = gf_slurp(ws, "mod.pp");
    cr_expect_str_eq(pp, "mod \"local\" {\n  title = \"ws\"\n  require {\n    mod \"github.com/t/b\" {\n"
                         "      version = \"*\"\n    }\n  }\n}\n");
    free(pp);
    char *lock = gf_slurp(ws, ".mod.cache.json");
    cr_expect(
        strstr(lock,
               "\"github.com/t/b@v0.2.0\": {\n    \"github.com/t/c\": {\n      \"version\": \"1.1.0\","),
        "%s", lock);
    free(lock);
    struct stat st;
    char p[4096];
    snprintf(p, sizeof p, "%s/.powerpipe/mods/github.com/t/c@v1.1.0/mod.pp", ws);
    cr_expect(stat(p, &st) == 0);
    /* again: nothing to do */
    cl_expect_out(0, "All targeted mods are up to date\n", "--mod-location '%s' mod install", ws);
    r = cl_run("--mod-location '%s' mod list", ws);
    cr_expect_str_eq(r.out, "\nlocal\n└── github.com/t/b@v0.2.0\n    └── github.com/t/c@v1.1.0\n\n");
    cl_done(&r);
    /* an older version asked for: downgraded, the newer folder pruned */
    cl_expect_out(0, "\nDowngraded 1 mod:\n\nlocal\n└── github.com/t/b@v0.1.0\n",
                  "--mod-location '%s' mod install github.com/t/b@0.1", ws);
    snprintf(p, sizeof p, "%s/.powerpipe/mods/github.com/t/b@v0.2.0", ws);
    cr_expect(stat(p, &st) != 0, "pruned");
    /* uninstall: the require block goes, and every mod */
    r = cl_run("--mod-location '%s' mod uninstall github.com/t/b", ws);
    cr_expect_eq(r.status, 0, "%s", r.err);
    /* BuildUninstallSummary's text, then Println */
    cr_expect_str_eq(r.out, "\nUninstalled 2 mods:\n\nlocal\n└── github.com/t/b@v0.1.0\n"
                            "    └── github.com/t/c@v1.1.0\n\n\n");
    cl_done(&r);
    pp = gf_slurp(ws, "mod.pp");
    cr_expect_str_eq(pp, "mod \"local\" {\n  title = \"ws\"\n}\n");
    free(pp);
    snprintf(p, sizeof p, "%s/.mod.cache.json", ws);
    cr_expect(stat(p, &st) != 0);
}

/* a missing tag, an unreachable repository, an unsatisfiable constraint two levels down, a clone
 * that fails half way: an error naming the mod, exit 62, and the workspace as it was */
Test(mod_install, faults_leave_the_workspace_as_it_was)
{
    wf_write(ws, "mod.pp", "# keep\nmod \"local\" {\n  title = \"ws\"\n}\n");
    cl_result r = cl_run("--mod-location '%s' mod install github.com/t/c@1.0", ws);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cl_done(&r);
    char *before = gf_workspace_files(root, ws);
    struct {
        const char *arg, *err;
    } faults[] = {
        { "github.com/t/c@v9.9.9",
          "Error: 1 dependency failed to install - no version of github.com/t/c found "
          "satisfying version constraint: v9.9.9\n" },
        { "github.com/t/c@no-such-tag",
          "Error: 1 dependency failed to install - tag no-such-tag not found for mod "
          "github.com/t/c\n" },
        { "github.com/t/nosuch",
          "Error: 1 dependency failed to install - could not retrieve version data from Git "
          "URL github.com/t/nosuch - " },
        { "github.com/t/bad",
          "Error: 1 dependency failed to install - 1 child dependency failed to install - no "
          "version of github.com/t/c found satisfying version constraint: >=1.0, <1.0\n" },
        { "github.com/t/c#no-such-branch",
          "Error: 1 dependency failed to install - failed to clone github.com/t/c "
          "(no-such-branch): " },
    };
    for (size_t i = 0; i < sizeof faults / sizeof *faults; i++) {
        r = cl_run("--mod-location '%s' mod install %s", ws, faults[i].arg);
        cr_expect_eq(r.status, 62, "%s", faults[i].arg);
        cr_expect(!strncmp(r.err, faults[i].err, strlen(faults[i].err)), "%s: %s", faults[i].arg, r.err);
        cr_expect_str_eq(r.out, "");
        cl_done(&r);
        char *after = gf_workspace_files(root, ws);
        cr_expect_str_eq(after, before, "%s left the workspace as it was", faults[i].arg);
        free(after);
    }
    /* a clone that fails once the tag is listed: its objects are gone */
    gf_sh("rm -rf '%s/c.git/objects/pack' '%s/c.git/objects/'??", repos, repos);
    r = cl_run("--mod-location '%s' mod install github.com/t/c@2", ws);
    cr_expect_eq(r.status, 62);
    cr_expect(strstr(r.err, "failed to clone github.com/t/c (v2.0.0)"), "%s", r.err);
    cl_done(&r);
    char *after = gf_workspace_files(root, ws);
    cr_expect_str_eq(after, before);
    free(after);
    free(before);
    char p[4096];
    snprintf(p, sizeof p, "%s/.powerpipe", ws);
    r = cl_run("--mod-location '%s' mod list", ws);
    cr_expect_str_eq(r.out, "\nlocal\n└── github.com/t/c@v1.0.0\n\n");
    cl_done(&r);
}

/* A repository that is not there: the error keeps git's line saying what failed, not its advice
 * ("Please make sure you have the correct access rights / and the repository exists."). */
Test(mod_install, a_missing_repository_is_named_as_missing)
{
    wf_write(ws, "mod.pp", "mod \"local\" {\n}\n");
    cl_result r = cl_run("--mod-location '%s' mod install github.com/t/nosuch", ws);
    cr_expect_eq(r.status, 62);
    /* gf_setup sends every other github.com URL to ROOT/nowhere/, which git reads as a path */
    char want[4300];
    snprintf(want, sizeof want,
             "Error: 1 dependency failed to install - could not retrieve version data from Git URL "
             "github.com/t/nosuch - '%s/nowhere/t/nosuch' does not appear to be a git repository\n",
             root);
    cr_expect_str_eq(r.err, want);
    cl_done(&r);
}

/* pipe-fittings' --force (modinstaller InstallWorkspaceDependencies): the workspace mod's
 * require { powerpipe { min_version } } unmet fails the install, "powerpipe version V does not satisfy
 * mod.NAME which requires version MIN" (Require.validateAppVersion), before anything is written; with
 * --force it is a warning ("--force is set, ignoring 1 mod validation error:") and the install goes on.
 * lazypipe answers as Powerpipe 1.5.2, the release it reproduces. */
Test(mod_install, force_installs_despite_the_powerpipe_version_required)
{
    const char *mod =
        "mod \"local\" {\n  require {\n    powerpipe {\n      min_version = \"%s\"\n    }\n  }\n}\n";
    char text[512];
    snprintf(text, sizeof text, mod, "1.5.3");
    wf_write(ws, "mod.pp", text);
    char *before = gf_workspace_files(root, ws);
    const char *unmet = "powerpipe version 1.5.2 does not satisfy mod.local which requires version 1.5.3";
    char err[512];
    snprintf(err, sizeof err, "Error: %s\n", unmet);
    for (int update = 0; update < 2; update++) {
        cl_result r =
            cl_run("--mod-location '%s' mod %s github.com/t/c@1.0", ws, update ? "update" : "install");
        cr_expect_eq(r.status, 62);
        cr_expect_str_eq(r.err, err);
        cr_expect_str_eq(r.out, "");
        cl_done(&r);
        char *after = gf_workspace_files(root, ws);
        cr_expect_str_eq(after, before, "a refused install leaves the workspace as it was");
        free(after);
    }
    free(before);
    cl_result r = cl_run("--mod-location '%s' mod install --force github.com/t/c@1.0", ws);
    cr_expect_eq(r.status, 0, "%s", r.err);
    snprintf(err, sizeof err, "Warning: --force is set, ignoring 1 mod validation error:\n\t%s\n", unmet);
    cr_expect_str_eq(r.err, err);
    cr_expect_str_eq(r.out, "\nInstalled 1 mod:\n\nlocal\n└── github.com/t/c@v1.0.0\n");
    cl_done(&r);
    /* a version Powerpipe 1.5.2 satisfies (and a pre-release of it) needs no --force */
    static const char *const met[] = { "1.5.2", "v1.5.0", "1.5.2-rc.1", "0.1" };
    for (size_t i = 0; i < sizeof met / sizeof *met; i++) {
        char *pp = gf_slurp(ws, "mod.pp");
        char *at = strstr(pp, "min_version = \"");
        cr_assert(at);
        char *end = strchr(at + 15, '"');
        char edited[4096];
        snprintf(edited, sizeof edited, "%.*s%s%s", (int)(at + 15 - pp), pp, met[i], end);
        wf_write(ws, "mod.pp", edited);
        free(pp);
        r = cl_run("--mod-location '%s' mod install", ws);
        cr_expect_eq(r.status, 0, "%s: %s", met[i], r.err);
        cr_expect_str_eq(r.err, "", "%s", met[i]);
        cl_done(&r);
    }
}

/* A run command's --mod-install (default true) is Powerpipe's InstallWorkspaceDependencies with
 * Force set (initialisation/init_data.go): its ValidateRequirements runs first, whatever is missing,
 * and an unmet powerpipe min_version is the --force warning; the run goes on.  Without --mod-install,
 * nothing is validated. */
Test(mod_install, run_commands_warn_of_an_unmet_powerpipe_version)
{
    wf_write(ws, "mod.pp",
             "mod \"local\" {\n  require {\n    powerpipe {\n      min_version = \"1.5.3\"\n    }\n  }\n}\n"
             "dashboard \"d\" {\n  text {\n    value = \"hi\"\n  }\n}\n");
    const char *warning = "Warning: --force is set, ignoring 1 mod validation error:\n\tpowerpipe version "
                          "1.5.2 does not satisfy mod.local which requires version 1.5.3\n";
    cl_result r = cl_run("--mod-location '%s' dashboard run d --output none", ws);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.err, warning);
    cl_done(&r);
    r = cl_run("--mod-location '%s' dashboard run d --output none --mod-install=false", ws);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.err, "");
    cl_done(&r);
}

/* comments, odd spacing, other blocks: only the require entries change */
Test(mod_install, mod_pp_is_kept_byte_for_byte_around_the_require_block)
{
    const char *text = "// my workspace\nmod   \"local\" {   # the mod\n  title =   \"ws\"\n  require {\n"
                       "    # c is pinned\n    mod \"github.com/t/c\" {   version = \"1.0\" }\n  }\n}\n\n"
                       "query \"q\" { sql = \"select 1\" }\n";
    wf_write(ws, "mod.pp", text);
    cl_result r = cl_run("--mod-location '%s' mod install github.com/t/b --pull minimal", ws);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cl_done(&r);
    char *pp = gf_slurp(ws, "mod.pp");
    cr_expect_str_eq(pp, "// my workspace\nmod   \"local\" {   # the mod\n  title =   \"ws\"\n  require {\n"
                         "    # c is pinned\n    mod \"github.com/t/c\" {   version = \"1.0\" }\n"
                         "    mod \"github.com/t/b\" {\n      version = \"*\"\n    }\n  }\n}\n\n"
                         "query \"q\" { sql = \"select 1\" }\n");
    free(pp);
    /* c was not targeted, so not installed: not a dependency to update yet */
    r = cl_run("--mod-location '%s' mod update github.com/t/c", ws);
    cr_expect_eq(r.status, 62);
    cr_expect_str_eq(r.err, "Error: cannot update 'github.com/t/c' as it is not a direct dependency of this "
                            "workspace\n");
    cl_done(&r);
    cl_expect_out(0, "\nInstalled 1 mod:\n\nlocal\n└── github.com/t/c@v1.0.0\n",
                  "--mod-location '%s' mod install", ws);
    r = cl_run("--mod-location '%s' mod update github.com/t/c@2", ws);
    cr_expect_eq(r.status, 62);
    cr_expect_str_eq(r.err,
                     "Error: invalid arg 'github.com/t/c@2' - cannot specify a version when updating\n");
    cl_done(&r);
}

/* the lock file and folders Powerpipe wrote (its mod_installed fixture's shape): read as they are,
 * and written back unchanged when nothing changes */
Test(mod_install, a_workspace_installed_by_powerpipe)
{
    const char *lock = "{\n  \"local\": {\n    \"github.com/t/c\": {\n      \"version\": \"1.0.0\",\n"
                       "      \"name\": \"github.com/t/c\",\n      \"commit\": "
                       "\"0000000000000000000000000000000000000000\",\n"
                       "      \"git_ref\": \"refs/tags/v1.0.0\",\n      \"struct_version\": 20240429,\n"
                       "      \"alias\": \"c\"\n    }\n  }\n}";
    wf_write(ws, ".mod.cache.json", lock);
    wf_write(ws, "mod.pp",
             "mod \"local\" {\n  require {\n    mod \"github.com/t/c\" {\n      version = \"^1\"\n"
             "    }\n  }\n}\n");
    wf_write(ws, ".powerpipe/mods/github.com/t/c@v1.0.0/mod.pp", "mod \"c\" {}\n");
    cl_expect_out(0, "All targeted mods are up to date\n",
                  "--mod-location '%s' mod install --pull minimal", ws);
    char *now = gf_slurp(ws, ".mod.cache.json");
    cr_expect_str_eq(now, lock);
    free(now);
    /* --pull full sees that v1.0.0's commit is not the lock's, and that v1.1.0 is newer */
    cl_expect_out(0, "\nWould upgrade 1 mod:\n\nlocal\n└── github.com/t/c@v1.1.0\n\n\n",
                  "--mod-location '%s' mod update --dry-run", ws);
    now = gf_slurp(ws, ".mod.cache.json");
    cr_expect_str_eq(now, lock, "a dry run writes nothing");
    free(now);
    /* mod.pp edited to need v2 after the install: other commands refuse, naming it */
    wf_write(ws, "mod.pp",
             "mod \"local\" {\n  require {\n    mod \"github.com/t/c\" {\n      version = \"^2\"\n"
             "    }\n  }\n}\n");
    cl_expect(
        1, NULL,
        "mod.pp:3:5: mod dependencies not satisfied: github.com/t/c@v1.0.0 is installed, which does not "
        "satisfy version \"^2\"; run 'lazypipe mod install'",
        "--mod-location '%s' query list", ws);
    cl_expect_out(0, "\nUpgraded 1 mod:\n\nlocal\n└── github.com/t/c@v2.0.0\n",
                  "--mod-location '%s' mod install --pull minimal", ws);
    cl_result r = cl_run("--mod-location '%s' query list", ws);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cl_done(&r);
}

/* --mod-install (the default for the run commands): a required mod that is missing is installed
 * before the run, silently; --mod-install=false reports it missing */
Test(mod_install, run_commands_install_missing_mods_first)
{
    wf_write(ws, "mod.pp",
             "mod \"local\" {\n  require {\n    mod \"github.com/t/c\" {\n      version = \"^1\"\n"
             "    }\n  }\n}\nbenchmark \"bm\" {\n  title = \"B\"\n  children = [control.k]\n}\n"
             "control \"k\" {\n  sql = \"select 'ok' as status, 'r' as resource, 'x' as reason\"\n}\n");
    cl_result r = cl_run("--mod-location '%s' benchmark run benchmark.bm --dry-run --mod-install=false", ws);
    cr_expect_eq(r.status, 250, "ExitCodeInitializationFailed");
    cr_expect_str_eq(r.err, "error: not all dependencies are installed - run 'lazypipe mod install'\n");
    cl_done(&r);
    r = cl_run("--mod-location '%s' benchmark run benchmark.bm --dry-run", ws);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(!strstr(r.out, "Installed"), "no install summary: %s", r.out);
    cl_done(&r);
    char p[4096];
    struct stat st;
    snprintf(p, sizeof p, "%s/.powerpipe/mods/github.com/t/c@v1.1.0/mod.pp", ws);
    cr_expect(stat(p, &st) == 0, "installed before the run");
    /* query run never installs, as Powerpipe's */
    gf_sh("rm -rf '%s/.powerpipe' '%s/.mod.cache.json'", ws, ws);
    r = cl_run("--mod-location '%s' query run \"select 1\" --database sqlite://%s/db.sqlite", ws, root);
    cl_done(&r);
    cr_expect(stat(p, &st) != 0);
}

/* two installs in one workspace: the second waits for the first's lock */
Test(mod_install, a_second_install_waits_for_the_first)
{
    wf_write(ws, "mod.pp", "mod \"local\" {}\n");
    char p[4096];
    snprintf(p, sizeof p, "%s/.powerpipe", ws);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/.powerpipe/.mod-install.lock", ws);
    int fd = open(p, O_RDWR | O_CREAT, 0644);
    cr_assert(fd >= 0 && flock(fd, LOCK_EX) == 0);
    char errf[4096], cmd[8192];
    snprintf(errf, sizeof errf, "%s/second.err", root);
    snprintf(cmd, sizeof cmd, "'%s' --mod-location '%s' mod install github.com/t/c >'%s/second.out' 2>'%s' &",
             getenv("LP_CLI"), ws, root, errf);
    cr_assert(system(cmd) == 0);
    /* it says it waits (bounded: 60 s), and has installed nothing yet */
    char *e = NULL;
    for (int i = 0; i < 600; i++) {
        size_t n;
        free(e);
        e = jt_read_file(errf, &n);
        if (e && strstr(e, "Waiting for another mod command")) break;
        usleep(100000);
    }
    cr_assert(e && strstr(e, "Waiting for another mod command"), "%s", e ? e : "");
    free(e);
    snprintf(p, sizeof p, "%s/.mod.cache.json", ws);
    struct stat st;
    cr_expect(stat(p, &st) != 0);
    flock(fd, LOCK_UN);
    close(fd);
    for (int i = 0; i < 600 && stat(p, &st) != 0; i++) usleep(100000);
    cr_expect(stat(p, &st) == 0, "installed once the lock was free");
}

/* `mod list --output json|yaml` and `mod show`: the mods as resources, json.Marshal of
 * pipe-fittings' modconfig.Mod (its json tags: the untagged ModDatabase/ModSearchPath/
 * ModSearchPathPrefix always, omitempty title/description/documentation/tags/categories/color/
 * icon, OpenGraph's fields without omitempty, the resource metadata of the whole mod block,
 * dependency_path for a dependency), keys sorted and indented as Powerpipe's JSON formatter */
Test(mod_install, mod_list_json_and_mod_show)
{
    cl_result r = cl_run("--mod-location '%s' mod list --output json", ws);
    cr_expect_eq(r.status, 255, "no mod file: ErrorNoModDefinition through FailOnError");
    cr_expect(strstr(r.err, "This command requires a mod definition file (mod.pp)"), "%s", r.err);
    cl_done(&r);
    wf_write(ws, "README.md", "# Docs\n");
    wf_write(ws, "mod.pp",
             "# top\nmod \"local\" {\n  title = \"ws\"\n  documentation = file(\"./README.md\")\n"
             "  tags = { service = \"aws\" }\n  categories = [\"x\"]\n  opengraph {\n"
             "    title = \"OG\"\n  }\n}\n");
    r = cl_run("--mod-location '%s' mod install github.com/t/c@1.0", ws);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cl_done(&r);
    r = cl_run("--mod-location '%s' mod list --output json", ws);
    cr_expect_eq(r.status, 0, "%s", r.err);
    char want[8192];
    snprintf(want, sizeof want,
             "[\n  {\n    \"ModDatabase\": null,\n    \"ModSearchPath\": null,\n    \"ModSearchPathPrefix\": "
             "null,\n"
             "    \"auto_generated\": false,\n    \"categories\": [\n      \"x\"\n    ],\n"
             "    \"documentation\": \"# Docs\\n\",\n    \"end_line_number\": 15,\n"
             "    \"file_name\": \"%s/mod.pp\",\n    \"is_anonymous\": false,\n    \"mod_name\": \"local\",\n"
             "    \"open_graph\": {\n      \"description\": null,\n      \"image\": null,\n      \"title\": "
             "\"OG\"\n"
             "    },\n    \"qualified_name\": \"mod.local\",\n    \"resource_name\": \"local\",\n",
             ws);
    cr_expect(!strncmp(r.out, want, strlen(want)), "%s", r.out);
    cr_expect(strstr(r.out,
                     "    \"start_line_number\": 2,\n    \"tags\": {\n      \"service\": \"aws\"\n    },\n"
                     "    \"title\": \"ws\"\n  },\n"),
              "%s", r.out);
    cr_expect(strstr(r.out, "    \"dependency_path\": \"github.com/t/c@v1.0.0\",\n"), "%s", r.out);
    cr_expect(
        strstr(r.out, "    \"source_definition\": \"mod \\\"c\\\" {\\n  title = \\\"c v1.0.0\\\"\\n}\",\n"),
        "%s", r.out);
    cl_done(&r);
    cl_expect_want(
        &(cl_want){ .status = 0,
                    .out = { "- ModDatabase: null\n", "  dependency_path: github.com/t/c@v1.0.0\n" } },
        "--mod-location '%s' mod list --output yaml", ws);
    /* the tree, as before */
    r = cl_run("--mod-location '%s' mod list", ws);
    cr_expect_str_eq(r.out, "\nlocal\n└── github.com/t/c@v1.0.0\n\n");
    cl_done(&r);
    /* show: by name, mod.NAME, or the dependency's path; a dependency's Name is qualified */
    r = cl_run("--mod-location '%s' mod show local --output plain", ws);
    cr_expect_eq(r.status, 0, "%s", r.err);
    /* ShowPrinter's layout (cmd_show.c): names padded to the row's longest, Description's too */
    cr_expect_str_eq(r.out, "Name:          local\nTitle:         ws\nDocumentation: # Docs\n\n"
                            "Tags:          \n  service: aws\n");
    cl_done(&r);
    r = cl_run("--mod-location '%s' mod show github.com/t/c --output plain", ws);
    cr_expect_str_eq(r.out, "Name:          mod.c\nTitle:         c v1.0.0\n");
    cl_done(&r);
    r = cl_run("--mod-location '%s' mod show mod.c --output json", ws);
    cr_expect(!strncmp(r.out, "[\n  {\n    \"ModDatabase\": null,", 30), "%s", r.out);
    cl_done(&r);
    r = cl_run("--mod-location '%s' mod show nosuch", ws);
    cr_expect_eq(r.status, 255);
    cr_expect(strstr(r.err, "'mod.nosuch' not found in mod.local ("), "%s", r.err);
    cl_done(&r);
}

/* A `mod install` beside a running server: the new mod's dashboards are pushed to the open
 * session (available_dashboards) without a restart (tests/server/mod_install_live.js runs the
 * install and waits for them).  The server watches .powerpipe/mods like any other input. */
Test(mod_install, server_shows_a_new_mods_dashboards_without_a_restart, .timeout = 120)
{
    if (system("command -v node >/dev/null 2>&1") != 0) {
        cr_skip("node is not installed: the server's clients are node scripts");
        return;
    }
    /* a mod with a dashboard, tagged, as a bare repository behind github.com/t/dash */
    char src[4096];
    snprintf(src, sizeof src, "%s/src-dash", root);
    gf_sh("git init -q -b main '%s' && git -C '%s' config user.email t@t && git -C '%s' config user.name t",
          src, src, src);
    wf_write(src, "mod.pp", "mod \"dash\" {\n  title = \"Dash\"\n}\n");
    wf_write(src, "dash.pp",
             "dashboard \"one\" {\n  title = \"One\"\n}\ndashboard \"two\" {\n  title = \"Two\"\n}\n");
    gf_sh("git -C '%s' add -A && git -C '%s' commit -q -m v1 && git -C '%s' tag v1.0.0 && "
       "git clone -q --bare '%s' '%s/dash.git'", src, src, src, src, repos);
    FILE *f = fopen(getenv("GIT_CONFIG_GLOBAL"), "a");
    cr_assert(f);
    fprintf(f, "[url \"file://%s/dash.git\"]\n\tinsteadOf = https://github.com/t/dash\n", repos);
    fclose(f);
    wf_write(ws, "mod.pp", "mod \"local\" {\n  title = \"ws\"\n}\ndashboard \"d\" {\n  title = \"D\"\n}\n");

    const char *cli = getenv("LP_CLI");
    cr_assert(cli && *cli);
    char port[16], log[4096];
    snprintf(port, sizeof port, "%d", ts_free_port());
    snprintf(log, sizeof log, "%s/server.log", root);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        int lfd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(lfd, 1);
        dup2(lfd, 2);
        execl(cli, cli, "--mod-location", ws, "server", "--port", port, (char *)NULL);
        _exit(127);
    }
    int up = 0;
    for (int i = 0; i < 600 && !up; i++) {
        size_t n;
        char *text = jt_read_file(log, &n);
        up = text && strstr(text, "listening on") != NULL;
        free(text);
        if (!up) {
            int st;
            if (waitpid(pid, &st, WNOHANG) == pid) break;
            nanosleep(&(struct timespec){ 0, 100000000L }, NULL);
        }
    }
    int rc = -1;
    if (up) {
        char cmd[8192];
        snprintf(cmd, sizeof cmd, "node tests/server/mod_install_live.js http://127.0.0.1:%s/ '%s' '%s' "
                 "github.com/t/dash dash", port, cli, ws);
        rc = system(cmd);
    }
    kill(pid, SIGTERM);
    int st = 0;
    waitpid(pid, &st, 0);
    cr_assert(up, "the server did not start");
    cr_expect_eq(rc, 0, "the new mod's dashboards were not pushed");
    cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the server stopped cleanly (no leak under ASan)");
}

/* Ctrl-C during a clone (SIGINT to the process group, as a terminal sends it): the clone is
 * stopped while git transfers objects (uploadpack.packObjectsHook, read from the test's global
 * git config, says when it has begun and waits there), and the workspace is as it was: mod.pp,
 * lock file and .powerpipe/mods, no process left behind, and the next command removes what the
 * killed one had begun */
Test(mod_install, ctrl_c_during_a_clone_leaves_the_workspace_as_it_was, .timeout = 120)
{
    wf_write(ws, "mod.pp", "mod \"local\" {\n  title = \"ws\"\n}\n");
    cl_result r = cl_run("--mod-location '%s' mod install github.com/t/b@0.1", ws);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cl_done(&r);
    char *before = gf_workspace_files(root, ws);
    char hook[4096], marker[4096];
    snprintf(marker, sizeof marker, "%s/transfer-begun", root);
    snprintf(hook, sizeof hook, "%s/hook.sh", root);
    char text[8192];
    snprintf(text, sizeof text, "#!/bin/sh\ntouch '%s'\nwhile :; do sleep 0.1; done\n", marker);
    wf_write(root, "hook.sh", text);
    chmod(hook, 0755);
    FILE *f = fopen(getenv("GIT_CONFIG_GLOBAL"), "a");
    cr_assert(f);
    fprintf(f, "[uploadpack]\n\tpackObjectsHook = %s\n", hook);
    fclose(f);
    const char *cli = getenv("LP_CLI");
    cr_assert(cli && *cli);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        setpgid(0, 0);
        int nul = open("/dev/null", O_WRONLY);
        dup2(nul, 1);
        dup2(nul, 2);
        execl(cli, cli, "--mod-location", ws, "mod", "install", "github.com/t/c@2", (char *)NULL);
        _exit(127);
    }
    setpgid(pid, pid);
    struct stat st;
    int begun = 0;
    for (int i = 0; i < 1200 && !begun; i++) {   /* the clone's transfer, not a time, is waited for */
        begun = stat(marker, &st) == 0;
        if (!begun) nanosleep(&(struct timespec){ 0, 50000000L }, NULL);
    }
    kill(-pid, SIGINT);
    int status;
    waitpid(pid, &status, 0);
    cr_assert(begun, "the clone never began its transfer");
    cr_expect(!(WIFEXITED(status) && WEXITSTATUS(status) == 0), "an interrupted install does not succeed");
    /* what git ran under it goes with it (the hook's loop included) */
    int left = 1;
    for (int i = 0; i < 200 && left; i++) {
        left = kill(-pid, 0) == 0;
        if (left) nanosleep(&(struct timespec){ 0, 50000000L }, NULL);
    }
    if (left) kill(-pid, SIGKILL);
    cr_expect(!left, "processes of the interrupted install were left running");
    char *after = gf_workspace_files(root, ws);
    cr_expect_str_eq(after, before, "the workspace is as it was");
    free(after);
    free(before);
    /* the killed process's half-made shadow directory (.powerpipe/.mods.shadow.PID, outside
     * .powerpipe/mods: never indexed) goes with the next mod command, which takes the lock */
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "ls -a '%s/.powerpipe' | grep -q '^.mods.shadow'", ws);
    int shadow_left = system(cmd) == 0;
    cl_expect_out(0, "All targeted mods are up to date\n",
                  "--mod-location '%s' mod install --pull minimal", ws);
    cr_expect(system(cmd) != 0, "no shadow directory left (there was one: %d)", shadow_left);
}
