/* test_mods_api.c — mod management as a library (lazypipe_mods.h), against real git repositories
 * made here (as test_mod_install's):
 *  - the messages a host's callback receives are what `lazypipe mod ...` prints, byte for byte: the
 *    same commands run through the CLI on a workspace and through lp_mods_run/init/list on the same
 *    workspace made again, stdout against the LP_MODS_OUTPUT texts, stderr against the others as
 *    the CLI writes them, with the same exit statuses;
 *  - lp_mods_check reports a required mod that is not installed as one error;
 *  - lp_mods_remove_stale removes what a dead process left under .powerpipe;
 *  - what lies under .powerpipe and in the lock file's place is read without following a link: a lock
 *    file that is a link is refused, and an installed mod whose mod.pp is a link to a mod file
 *    outside is no installed mod (installed again), nothing the outside file says acted on. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lazypipe.h"
#include "lazypipe_mods.h"
#include "support/clirun.h"
#include "support/gitfix.h"
#include "support/wsfix.h"

#pragma GCC diagnostic ignored "-Wformat-truncation"

static char *root;
static char ws[1024], repos[1024];

/* a repository github.com/t/NAME with tag v1.0.0 holding mod.pp: mod "NAME" + require text */
static void make_repo(const char *name, const char *require)
{
    char src[4096], text[1024];
    snprintf(src, sizeof src, "%s/src-%s", root, name);
    gf_sh("git init -q -b main '%s' && git -C '%s' config user.email t@t && git -C '%s' config user.name t",
          src, src, src);
    snprintf(text, sizeof text, "mod \"%s\" {\n  title = \"%s\"\n%s}\n", name, name, require);
    wf_write(src, "mod.pp", text);
    gf_sh("git -C '%s' add -A && git -C '%s' commit -q -m v1 && git -C '%s' tag v1.0.0", src, src, src);
    gf_serve(src, repos, name);
}

static void setup(void)
{
    root = wf_tmpdir();
    gf_setup(root, ws, repos, sizeof ws);
    make_repo("a", "");
    make_repo("b", "");
}

static void teardown(void)
{
    wf_remove(root);
}

TestSuite(mods_api, .init = setup, .fini = teardown);

/* what a host's callback received: the output and the rest, each as the CLI writes it */
typedef struct heard {
    char out[16384], err[16384];
    int levels[4];
} heard;

static void hear(void *ctx, lp_mods_level level, const char *text)
{
    heard *h = ctx;
    static const char *const prefix[] = { "", "", "Warning: ", "Error: " };
    cr_assert(level >= LP_MODS_OUTPUT && level <= LP_MODS_ERROR);
    h->levels[level]++;
    char *to = level == LP_MODS_OUTPUT ? h->out : h->err;
    size_t n = strlen(to);
    snprintf(to + n, sizeof h->out - n, "%s%s%s", prefix[level], text, level == LP_MODS_OUTPUT ? "" : "\n");
}

/* the workspace made again, empty */
static void fresh_ws(void)
{
    gf_sh("rm -rf '%s' && mkdir '%s'", ws, ws);
}

typedef struct step {
    const char *cli; /* the CLI's words after `mod` */
    lp_mods_command command;
    int kind; /* 0 lp_mods_run, 1 lp_mods_init, 2 lp_mods_list */
    const char *arg;
    int dry_run;
} step;

static const step STEPS[] = {
    { "init", 0, 1, NULL, 0 },
    { "install github.com/t/a", LP_MODS_INSTALL, 0, "github.com/t/a", 0 },
    { "install", LP_MODS_INSTALL, 0, NULL, 0 },
    { "install --dry-run github.com/t/b", LP_MODS_INSTALL, 0, "github.com/t/b", 1 },
    { "list", 0, 2, NULL, 0 },
    { "update github.com/t/a", LP_MODS_UPDATE, 0, "github.com/t/a", 0 },
    { "install github.com/t/missing", LP_MODS_INSTALL, 0, "github.com/t/missing", 0 },
    { "install github.com/t/a@^2", LP_MODS_INSTALL, 0, "github.com/t/a@^2", 0 },
    { "install 'github.com/t/../a'", LP_MODS_INSTALL, 0, "github.com/t/../a", 0 },
    { "uninstall github.com/t/a", LP_MODS_UNINSTALL, 0, "github.com/t/a", 0 },
    { "uninstall", LP_MODS_UNINSTALL, 0, NULL, 0 },
    { "init", 0, 1, NULL, 0 },
};
enum { NSTEPS = sizeof STEPS / sizeof *STEPS };

Test(mods_api, the_callback_receives_what_the_cli_prints, .timeout = 120)
{
    cl_result cli[NSTEPS];
    fresh_ws();
    for (int i = 0; i < NSTEPS; i++) cli[i] = cl_run("--mod-location '%s' mod %s", ws, STEPS[i].cli);
    fresh_ws();
    int levels[4] = { 0 };
    for (int i = 0; i < NSTEPS; i++) {
        const step *s = &STEPS[i];
        heard h = { 0 };
        int status;
        if (s->kind == 1)
            status = lp_mods_init(ws, hear, &h);
        else if (s->kind == 2)
            status = lp_mods_list(ws, hear, &h);
        else {
            const char *args[] = { s->arg };
            lp_mods_opts o = { .workspace = ws,
                               .command = s->command,
                               .pull = s->command == LP_MODS_UNINSTALL ? LP_MODS_PULL_MINIMAL
                                                                       : LP_MODS_PULL_LATEST,
                               .dry_run = s->dry_run,
                               .args = args,
                               .nargs = s->arg ? 1 : 0,
                               .msg = hear,
                               .msg_ctx = &h };
            status = lp_mods_run(&o);
        }
        cr_expect_eq(status, cli[i].status, "mod %s: status %d, the CLI's %d", s->cli, status, cli[i].status);
        cr_expect_str_eq(h.out, cli[i].out, "mod %s: the output differs from the CLI's", s->cli);
        cr_expect_str_eq(h.err, cli[i].err, "mod %s: the messages differ from the CLI's stderr", s->cli);
        for (int l = 0; l < 4; l++) levels[l] += h.levels[l];
        cl_done(&cli[i]);
    }
    /* the sequence gave every kind of message but the notice (a wait for another command) */
    cr_expect(levels[LP_MODS_OUTPUT] && levels[LP_MODS_WARNING] && levels[LP_MODS_ERROR]);
    /* what a host may get wrong: refused, not a crash */
    cr_expect_eq(lp_mods_run(NULL), LP_MODS_EXIT_INSTALL_FAILED);
    static heard ignored;
    lp_mods_opts none = { .command = LP_MODS_INSTALL, .msg = hear, .msg_ctx = &ignored };
    cr_expect_eq(lp_mods_run(&none), LP_MODS_EXIT_INSTALL_FAILED);
    lp_mods_pull pull;
    cr_expect_eq(lp_mods_parse_pull(NULL, &pull), -1);
    cr_expect_eq(lp_mods_check(NULL, hear, NULL), 0);
    /* without a callback: the same statuses, nothing received */
    lp_mods_opts o = { .workspace = ws, .command = LP_MODS_INSTALL, .pull = LP_MODS_PULL_LATEST };
    cr_expect_eq(lp_mods_run(&o), 0);
    cr_expect_eq(lp_mods_list(ws, NULL, NULL), 0);
}

Test(mods_api, check_reports_a_required_mod_not_installed)
{
    wf_write(ws, "mod.pp", "mod \"w\" {\n  require {\n    mod \"github.com/t/a\" {\n      version = \"*\"\n"
                           "    }\n  }\n}\n");
    lp_workspace *w = NULL;
    lp_error e;
    lp_workspace_opts wo = { .no_resolve = 1 };
    cr_assert_eq(lp_open(ws, &wo, &w, &e), LP_OK);
    heard h = { 0 };
    cr_expect_eq(lp_mods_check(w, hear, &h), 1);
    cr_expect_str_eq(h.err, "Error: not all dependencies are installed - run 'lazypipe mod install'\n");
    lp_close(w);
    /* installed: nothing to report */
    lp_mods_opts o = { .workspace = ws, .command = LP_MODS_INSTALL, .pull = LP_MODS_PULL_LATEST };
    cr_assert_eq(lp_mods_run(&o), 0);
    cr_assert_eq(lp_open(ws, &wo, &w, &e), LP_OK);
    heard none = { 0 };
    cr_expect_eq(lp_mods_check(w, hear, &none), 0);
    cr_expect_str_eq(none.err, "");
    lp_close(w);
}

Test(mods_api, remove_stale_removes_what_a_dead_process_left)
{
    wf_write(ws, "mod.pp", "mod \"w\" {}\n");
    /* a process that has ended: its PID is free until the next fork */
    pid_t dead = fork();
    cr_assert(dead >= 0);
    if (dead == 0) _exit(0);
    waitpid(dead, NULL, 0);
    char rel[64];
    snprintf(rel, sizeof rel, ".powerpipe/.mods.shadow.%ld/x", (long)dead);
    wf_write(ws, rel, "left\n");
    snprintf(rel, sizeof rel, ".powerpipe/.mods.shadow.%ld/x", (long)getpid());   /* running: kept */
    wf_write(ws, rel, "mine\n");
    wf_write(ws, ".powerpipe/.mod-install.lock", ""); /* (left by every mod command) */
    lp_mods_remove_stale(ws);
    char p[4096];
    struct stat st;
    snprintf(p, sizeof p, "%s/.powerpipe/.mods.shadow.%ld", ws, (long)dead);
    cr_expect(stat(p, &st) != 0, "%s was left", p);
    snprintf(p, sizeof p, "%s/.powerpipe/.mods.shadow.%ld", ws, (long)getpid());
    cr_expect(stat(p, &st) == 0, "%s of a running process was removed", p);
}

Test(mods_api, a_lock_file_that_is_a_link_is_not_read)
{
    wf_write(ws, "mod.pp", "mod \"w\" {}\n");
    wf_write(root, "outside.json", "CANARY-1c0ffee not a lock file\n");
    char target[4096], link[4096];
    snprintf(target, sizeof target, "%s/outside.json", root);
    snprintf(link, sizeof link, "%s/.mod.cache.json", ws);
    cr_assert(symlink(target, link) == 0);
    cl_want want = { .status = LP_MODS_EXIT_INSTALL_FAILED,
                     .err = { "Error: ", ".mod.cache.json: it is not a regular file" },
                     .not_err = { "CANARY" },
                     .not_out = { "CANARY" } };
    cl_expect_want(&want, "--mod-location '%s' mod install github.com/t/a", ws);
    char *text = gf_slurp(root, "outside.json");
    cr_expect_str_eq(text, "CANARY-1c0ffee not a lock file\n");
    free(text);
}

Test(mods_api, an_installed_mod_file_that_is_a_link_out_is_not_read)
{
    wf_write(ws, "mod.pp", "mod \"w\" {}\n");
    cl_expect(0, "Installed 1 mod", NULL, "--mod-location '%s' mod install github.com/t/a", ws);
    /* the installed a's mod.pp made a link to a mod file outside that requires b */
    wf_write(root, "outside.pp",
             "mod \"evil\" {\n  require {\n    mod \"github.com/t/b\" {\n      version = \"*\"\n"
             "    }\n  }\n}\n");
    char target[4096], link[4096];
    snprintf(target, sizeof target, "%s/outside.pp", root);
    snprintf(link, sizeof link, "%s/.powerpipe/mods/github.com/t/a@v1.0.0/mod.pp", ws);
    cr_assert(unlink(link) == 0 && symlink(target, link) == 0);
    /* a folder whose mod file is a link is no installed mod: a is installed again, its mod file a file */
    cl_expect(0, "Installed 1 mod", NULL, "--mod-location '%s' mod install", ws);
    struct stat lst;
    cr_expect(lstat(link, &lst) == 0 && S_ISREG(lst.st_mode), "a's mod.pp is still a link");
    char p[4096];
    struct stat st;
    snprintf(p, sizeof p, "%s/.powerpipe/mods/github.com/t/b@v1.0.0", ws);
    cr_expect(stat(p, &st) != 0, "b was installed: the outside mod file was read");
}
