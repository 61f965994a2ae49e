/* test_mod_concurrent.c — mod commands run at once in one workspace take turns and lose nothing.
 * Rounds of two or three `mod install|update|uninstall`, each naming a different mod, are started
 * together on one workspace; the mods (real git repositories made here, reached through a test-only
 * git config as test_mod_install's) are independent.  The same commands are run one after another, in
 * the order the round listed them, on a second workspace, and after every round the two must hold
 * the same lock file and the same .powerpipe/mods, every command must succeed, and mod.pp must be
 * the reference's but for the order of the require entries the round added (which is the order the
 * commands took the lock in: some serial order); the reference then takes that order.  A round's commands are
 * forked processes calling lp_mods_run (lazypipe_mods.h), the library the CLI's `mod` commands call, so that
 * 100 rounds take seconds; ten `lazypipe mod install` at once end with ten mods. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lazypipe_mods.h"
#include "support/gitfix.h"
#include "support/wsfix.h"

#pragma GCC diagnostic ignored "-Wformat-truncation"

#define NMODS 10
#define ROUNDS 100

static char *root;
static char ws[1024], ref[1024], repos[1024];

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
    /* on a tmpfs where there is one: the commands' fsyncs, which the test is not about, then cost
     * nothing, where on a disk other work shares they took most of a round */
    char tmpl[] = "/dev/shm/lp_mc_XXXXXX";
    struct stat st;
    root = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && mkdtemp(tmpl) ? strdup(tmpl) : wf_tmpdir();
    cr_assert(root);
    gf_setup(root, ws, repos, sizeof ws);
    snprintf(ref, sizeof ref, "%s/ref", root);
    cr_assert(mkdir(ref, 0755) == 0);
    for (int i = 0; i < NMODS; i++) make_repo(i);
}

static void teardown(void)
{
    wf_remove(root);
}

TestSuite(mod_concurrent, .init = setup, .fini = teardown);

/* the messages of a command run through the library, into the file ctx */
static void to_log(void *ctx, lp_mods_level level, const char *text)
{
    fprintf(ctx, "%d %s\n", (int)level, text);
}

/* `mod VERB github.com/t/mMOD` on workspace w through lp_mods_run, as cmd_mod.c calls it: its status;
 * its messages appended to root/VERB-mMOD.log */
static int mod_command(const char *w, const char *verb, int mod)
{
    char arg[64], log[4096];
    snprintf(arg, sizeof arg, "github.com/t/m%d", mod);
    snprintf(log, sizeof log, "%s/%s-m%d.log", root, verb, mod);
    FILE *f = fopen(log, "a");
    cr_assert(f);
    const char *args[] = { arg };
    lp_mods_command c = !strcmp(verb, "install")  ? LP_MODS_INSTALL
                        : !strcmp(verb, "update") ? LP_MODS_UPDATE
                                                  : LP_MODS_UNINSTALL;
    lp_mods_opts o = { .workspace = w,
                       .command = c,
                       .pull = c == LP_MODS_UNINSTALL ? LP_MODS_PULL_MINIMAL : LP_MODS_PULL_LATEST,
                       .prune = 1,
                       .args = args,
                       .nargs = 1,
                       .msg = to_log,
                       .msg_ctx = f };
    int status = lp_mods_run(&o);
    fclose(f);
    return status;
}

/* mod_command in a child process */
static pid_t start(const char *verb, int mod)
{
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        /* (the test runner's descriptors are none of the command's: a git it spawns would hold them) */
        for (int fd = 3; fd < 1024; fd++) close(fd);
        _exit(mod_command(ws, verb, mod));
    }
    return pid;
}

/* `lazypipe mod VERB github.com/t/mMOD` on ws in a child process, its output into root/VERB-mMOD.log */
static pid_t start_cli(const char *verb, int mod)
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

/* w's .powerpipe/mods/github.com/t, its folders' names sorted (a malloc'd list) */
static char *tree_of(const char *w)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "ls -1 '%s/.powerpipe/mods/github.com/t' 2>/dev/null", w);
    FILE *p = popen(cmd, "r");
    cr_assert(p);
    char *text = calloc(1, 4096);
    cr_assert(text);
    size_t n = fread(text, 1, 4095, p);
    text[n] = '\0';
    pclose(p);
    return text;
}

/* w's file rel, "" when there is none */
static char *file_of(const char *w, const char *rel)
{
    char p[4096];
    struct stat st;
    snprintf(p, sizeof p, "%s/%s", w, rel);
    char *text = stat(p, &st) == 0 ? gf_slurp(w, rel) : strdup("");
    cr_assert(text);
    return text;
}

/* mod.pp's require entries `mod "github.com/t/mN"` in their order: their numbers into order[] (the
 * count returned); the text with each entry's block cut out into rest */
static int entries_of(const char *modpp, int *order, char *rest, size_t cap)
{
    int n = 0;
    size_t len = 0;
    for (const char *s = modpp; *s;) {
        const char *e = strstr(s, "mod \"github.com/t/m");
        const char *close = e ? strchr(e, '}') : NULL;
        size_t keep = close ? (size_t)(e - s) : strlen(s);
        cr_assert(len + keep < cap);
        memcpy(rest + len, s, keep);
        len += keep;
        if (!close) break;
        order[n++] = atoi(e + strlen("mod \"github.com/t/m"));
        s = close + 1;
    }
    rest[len] = '\0';
    return n;
}

/* The round's end in ws against the serial run's in ref: the same lock file and tree, the same
 * mod.pp but for the order of the entries this round added (before: whether each mod was installed
 * before the round).  1 when they agree. */
static int same_as_serial(const int *before, int round)
{
    char *lock = file_of(ws, ".mod.cache.json"), *rlock = file_of(ref, ".mod.cache.json");
    char *tree = tree_of(ws), *rtree = tree_of(ref);
    char *modpp = file_of(ws, "mod.pp"), *rmodpp = file_of(ref, "mod.pp");
    int ok = !strcmp(lock, rlock) && !strcmp(tree, rtree);
    cr_expect_str_eq(lock, rlock, "round %d: the lock file differs from the serial run's", round);
    cr_expect_str_eq(tree, rtree, "round %d: .powerpipe/mods differs from the serial run's", round);
    static char rest[8192], rrest[8192];
    int order[NMODS + 1], rorder[NMODS + 1];
    int n = entries_of(modpp, order, rest, sizeof rest), rn = entries_of(rmodpp, rorder, rrest, sizeof rrest);
    ok &= n == rn && !strcmp(rest, rrest);
    /* the entries kept from before the round first, in one order; then those added, in any */
    int seen[NMODS] = { 0 }, rseen[NMODS] = { 0 };
    for (int i = 0; ok && i < n; i++) {
        ok &= before[order[i]] == before[rorder[i]] && (!before[order[i]] || order[i] == rorder[i]);
        ok &= i == 0 || before[order[i]] <= before[order[i - 1]];
        seen[order[i]] = rseen[rorder[i]] = 1;
    }
    ok &= !memcmp(seen, rseen, sizeof seen);
    cr_expect(ok, "round %d: mod.pp is no serial order's:\n%s\nthe serial run's:\n%s", round, modpp, rmodpp);
    free(lock), free(rlock), free(tree), free(rtree), free(modpp), free(rmodpp);
    return ok;
}

/* mod.pp, the lock file and the installed tree each name exactly the mods of `want`: 1 when they do */
static int expect_state(const int *want, int round)
{
    char *modpp = gf_slurp(ws, "mod.pp");
    char *lock = file_of(ws, ".mod.cache.json");
    struct stat st;
    int any = 0, ok = 1;
    for (int i = 0; i < NMODS; i++) any |= want[i];
    cr_expect(!any || *lock, "round %d: no lock file", round);
    for (int i = 0; i < NMODS; i++) {
        char q[64], p[4096];
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

Test(mod_concurrent, concurrent_install_update_uninstall_lose_nothing, .timeout = 120)
{
    wf_write(ws, "mod.pp", "mod \"local\" {}\n");
    wf_write(ref, "mod.pp", "mod \"local\" {}\n");
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
        /* the serial run meanwhile, in the round's order, on the reference workspace */
        for (int c = 0; c < ncmd; c++)
            cr_assert_eq(mod_command(ref, verbs[c], mods[c]), 0, "round %d: serial mod %s m%d failed", round,
                         verbs[c], mods[c]);
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
        /* the next rounds would start from a wrong state */
        if (!expect_state(want, round) || !same_as_serial(have, round)) break;
        memcpy(have, want, sizeof have);
        /* the next round starts the two from one state: the entries this round added in the order its
         * commands took the lock in */
        char *modpp = gf_slurp(ws, "mod.pp");
        wf_write(ref, "mod.pp", modpp);
        free(modpp);
    }
}

Test(mod_concurrent, ten_installs_at_once_each_recorded, .timeout = 120)
{
    wf_write(ws, "mod.pp", "mod \"local\" {}\n");
    pid_t pids[NMODS];
    int want[NMODS];
    for (int i = 0; i < NMODS; i++) pids[i] = start_cli("install", i), want[i] = 1;
    for (int i = 0; i < NMODS; i++) {
        int st;
        cr_assert(waitpid(pids[i], &st, 0) == pids[i]);
        cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "mod install m%d: status %d", i, st);
    }
    expect_state(want, 0);
}
