/* test_mod_concurrent.c — mod commands run at once in one workspace take turns and lose nothing.
 * Rounds of two or three `mod install|update|uninstall`, each naming a different mod, are started
 * together on one workspace; the mods (real git repositories made here, reached through a test-only
 * git config as test_mod_install's) are independent, so every serial order of the round gives the
 * same end: the mods before, plus those installed, minus those uninstalled.  mod.pp's require block,
 * the lock file and .powerpipe/mods must each say exactly that after every round, and every command
 * must succeed.  Ten installs at once end with ten mods. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/gitfix.h"
#include "support/wsfix.h"

#pragma GCC diagnostic ignored "-Wformat-truncation"

#define NMODS 10
#define ROUNDS 20

static char *root;
static char ws[1024], repos[1024];

static void make_repo(int i)
{
    char src[4096], text[256], name[16];
    snprintf(name, sizeof name, "m%d", i);
    snprintf(src, sizeof src, "%s/src-%s", root, name);
    gf_sh("git init -q -b main '%s' && git -C '%s' config user.email t@t && git -C '%s' config user.name t",
          src, src, src);
    snprintf(text, sizeof text, "mod \"%s\" {\n  title = \"%s\"\n}\n", name, name);
    wf_write(src, "mod.pp", text);
    gf_sh("git -C '%s' add -A && git -C '%s' commit -q -m v1 && git -C '%s' tag v1.0.0", src, src, src);
    gf_serve(src, repos, name);
}

static void setup(void)
{
    root = wf_tmpdir();
    gf_setup(root, ws, repos, sizeof ws);
    for (int i = 0; i < NMODS; i++) make_repo(i);
}

static void teardown(void)
{
    wf_remove(root);
}

TestSuite(mod_concurrent, .init = setup, .fini = teardown);

static pid_t start(const char *verb, int mod)
{
    char arg[64], out[4096];
    snprintf(arg, sizeof arg, "github.com/t/m%d", mod);
    snprintf(out, sizeof out, "%s/%s-m%d.log", root, verb, mod);
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        freopen(out, "w", stdout);
        dup2(fileno(stdout), 2);
        execl(getenv("LP_CLI"), "lazypipe", "--mod-location", ws, "mod", verb, arg, (char *)NULL);
        _exit(127);
    }
    return pid;
}

/* mod.pp, the lock file and the installed tree each name exactly the mods of `want`: 1 when they do */
static int expect_state(const int *want, int round)
{
    char *modpp = gf_slurp(ws, "mod.pp");
    char p[4096];
    snprintf(p, sizeof p, "%s/.mod.cache.json", ws);
    struct stat st;
    int any = 0, ok = 1;
    for (int i = 0; i < NMODS; i++) any |= want[i];
    char *lock = stat(p, &st) == 0 ? gf_slurp(ws, ".mod.cache.json") : strdup("");
    cr_assert(lock);
    cr_expect(!any || *lock, "round %d: no lock file", round);
    for (int i = 0; i < NMODS; i++) {
        char q[64];
        snprintf(q, sizeof q, "mod \"github.com/t/m%d\"", i);
        ok &= !strstr(modpp, q) == !want[i];
        cr_expect(!strstr(modpp, q) == !want[i], "round %d: m%d %s mod.pp:\n%s", round, i,
                  want[i] ? "missing from" : "left in", modpp);
        snprintf(q, sizeof q, "\"github.com/t/m%d\"", i);
        ok &= !strstr(lock, q) == !want[i];
        cr_expect(!strstr(lock, q) == !want[i], "round %d: m%d %s the lock file:\n%s", round, i,
                  want[i] ? "missing from" : "left in", lock);
        snprintf(p, sizeof p, "%s/.powerpipe/mods/github.com/t/m%d@v1.0.0/mod.pp", ws, i);
        ok &= (stat(p, &st) == 0) == !!want[i];
        cr_expect((stat(p, &st) == 0) == !!want[i], "round %d: m%d %s .powerpipe/mods", round, i,
                  want[i] ? "missing from" : "left in");
    }
    free(modpp);
    free(lock);
    return ok;
}

Test(mod_concurrent, concurrent_install_update_uninstall_lose_nothing, .timeout = 60)
{
    wf_write(ws, "mod.pp", "mod \"local\" {}\n");
    int have[NMODS] = { 0 };
    unsigned seed = 62;
    for (int round = 0; round < ROUNDS; round++) {
        /* two or three commands, each on a different one of the first six mods: an install of a mod
         * not installed, an uninstall or an update of one installed */
        int used[NMODS] = { 0 }, want[NMODS];
        memcpy(want, have, sizeof want);
        int ncmd = 2 + round % 2;
        pid_t pids[3];
        const char *verbs[3];
        int mods[3];
        for (int c = 0; c < ncmd; c++) {
            int m;
            do {
                seed = seed * 1103515245u + 12345u;
                m = (int)((seed >> 16) % 6);
            } while (used[m]);
            used[m] = 1;
            seed = seed * 1103515245u + 12345u;
            verbs[c] = !have[m] ? "install" : (seed >> 16) % 3 ? "uninstall" : "update";
            mods[c] = m;
            want[m] = strcmp(verbs[c], "uninstall") != 0;
        }
        for (int c = 0; c < ncmd; c++) pids[c] = start(verbs[c], mods[c]);
        for (int c = 0; c < ncmd; c++) {
            int st;
            cr_assert(waitpid(pids[c], &st, 0) == pids[c]);
            char log[4096];
            snprintf(log, sizeof log, "%s-m%d.log", verbs[c], mods[c]);
            char *text = gf_slurp(root, log);
            cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "round %d: mod %s m%d: status %d\n%s", round,
                      verbs[c], mods[c], st, text);
            free(text);
        }
        if (!expect_state(want, round)) break; /* the next rounds would start from a wrong state */
        memcpy(have, want, sizeof have);
    }
}

Test(mod_concurrent, ten_installs_at_once_each_recorded, .timeout = 60)
{
    wf_write(ws, "mod.pp", "mod \"local\" {}\n");
    pid_t pids[NMODS];
    int want[NMODS];
    for (int i = 0; i < NMODS; i++) pids[i] = start("install", i), want[i] = 1;
    for (int i = 0; i < NMODS; i++) {
        int st;
        cr_assert(waitpid(pids[i], &st, 0) == pids[i]);
        cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "mod install m%d: status %d", i, st);
    }
    expect_state(want, 0);
}
