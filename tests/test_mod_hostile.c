/* test_mod_hostile.c — hostile names and repositories against `mod install`: traversal in mod
 * names, branches, tags and versions, absolute paths and leading '-', from the command line, from
 * a dependency's `require` block and from the lock file; links in a mod pointing outside; and
 * kill -9 at every rename of a multi-mod install (LeakSanitizer cannot run under strace: off there).  Real
 * git repositories made here, reached through url.<file://...>.insteadOf (as test_mod_install.c).  Each
 * refusal asserts the exit status, the message, a workspace unchanged and a canary tree outside it unchanged
 * byte for byte. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/gitfix.h"
#include "support/jsontree.h"
#include "support/wsfix.h"

#pragma GCC diagnostic ignored "-Wformat-truncation"

static char *root;
static char ws[1024], repos[1024], canary[1024], outside[1024]; /* outside: the canary's parent */

static void git_init(const char *src)
{
    gf_sh("git init -q -b main '%s' && git -C '%s' config user.email t@t && git -C '%s' config user.name t",
          src, src, src);
}

/* the repository at src, as a bare one reached as https://github.com/t/NAME */
/* a repository github.com/t/NAME, each tag holding mod "NAME" with the given body (%s: the tag) */
static void make_repo(const char *name, const char *body, const char *tags)
{
    char src[4096], text[8192], tagv[512];
    snprintf(src, sizeof src, "%s/src-%s", root, name);
    git_init(src);
    snprintf(tagv, sizeof tagv, "%s", tags);
    for (char *t = strtok(tagv, " "); t; t = strtok(NULL, " ")) {
        char inner[4096];
        snprintf(inner, sizeof inner, body, t);
        snprintf(text, sizeof text,
                 "mod \"%s\" {\n  title = \"%s\"\n%s}\nquery \"q_%s\" {\n  sql = \"select 1\"\n}\n", name,
                 name, inner, name);
        wf_write(src, "mod.pp", text);
        gf_sh("git -C '%s' add -A && git -C '%s' commit -q --allow-empty -m %s && git -C '%s' tag %s", src,
              src, t, src, t);
    }
    gf_serve(src, repos, name);
}

/* every file (names, link targets and contents) under dir */
static char *tree(const char *dir)
{
    char out[4096];
    snprintf(out, sizeof out, "%s.tree.txt", root); /* beside root: not in a tree it lists */
    /* .powerpipe and its lock file are made to take the workspace's lock: no content */
    gf_sh("cd '%s' && find . -path ./.powerpipe/.mod-install.lock -prune -o -path ./.powerpipe -o -path "
          "'*/.git' -prune "
          "-o -print | sort |"
          " while read f; do echo \"== $f\"; if [ -L \"$f\" ]; then readlink \"$f\"; elif [ -f \"$f\" ]; "
          "then cat \"$f\";"
          " fi; done > '%s'",
          dir, out);
    size_t n;
    return jt_read_file(out, &n);
}

static void setup(void)
{
    root = wf_tmpdir();
    gf_setup(root, ws, repos, sizeof ws);
    snprintf(canary, sizeof canary, "%s/x/canary", root);
    snprintf(outside, sizeof outside, "%s/x", root);
    gf_sh("mkdir -p '%s/sub' && echo precious > '%s/f' && echo deep > '%s/sub/g'", canary, canary, canary);
    make_repo("c", "", "v1.0.0 v1.1.0");
    wf_write(ws, "mod.pp", "mod \"w\" {\n  title = \"w\"\n}\n");
}

static void teardown(void)
{
    char p[2048];
    snprintf(p, sizeof p, "%s.tree.txt", root);
    unlink(p);
    wf_remove(root);
}

TestSuite(mod_hostile, .init = setup, .fini = teardown);

/* the command, refused with status 62 and err in its stderr; the workspace and canary unchanged */
static void expect_refused(const char *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void expect_refused(const char *err, const char *fmt, ...)
{
    char args[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    char *ws_before = tree(ws), *canary_before = tree(outside);
    cl_result r = cl_run("--mod-location '%s' %s", ws, args);
    cr_expect_eq(r.status, 62, "%s: status %d, stderr %s", args, r.status, r.err);
    cr_expect(strstr(r.err, err), "%s: stderr %s, wanted %s", args, r.err, err);
    char *ws_after = tree(ws), *canary_after = tree(outside);
    cr_expect_str_eq(ws_after, ws_before, "%s changed the workspace", args);
    cr_expect_str_eq(canary_after, canary_before, "%s changed what is outside the workspace", args);
    char p[2048];
    snprintf(p, sizeof p, "%s/escape", root);
    cr_expect(access(p, F_OK) != 0, "%s made %s", args, p);
    cl_done(&r);
    free(ws_before);
    free(ws_after);
    free(canary_before);
    free(canary_after);
}

Test(mod_hostile, traversal_and_options_in_arguments_are_refused_before_anything_is_touched)
{
    /* the two reproductions, and their kin */
    expect_refused("invalid arg 'github.com/t/c#/../../../../../../../../../../../..",
                   "mod install 'github.com/t/c#/../../../../../../../../../../../..%s'", canary);
    expect_refused("the branch is refused: it holds '..'", "mod install 'github.com/t/c#../../x'");
    expect_refused("the mod name is refused: a segment is '.' or '..'",
                   "mod install 'github.com/t/c/../../../../../../../../../../../../..%s/escape/x'", root);
    expect_refused("the version is refused", "mod install 'github.com/t/c@v1.0.0/../../../x'");
    expect_refused("the version is refused: it holds '..'", "mod install 'github.com/t/c@../../x'");
    expect_refused("the mod name is refused: a segment starts with '-'",
                   "mod install 'github.com/-oProxy=x/c'");
    expect_refused("the mod name is refused: it holds a backslash", "mod install 'github.com/t\\\\..\\\\c'");
    expect_refused("the branch is refused: it starts with '-'",
                   "mod install 'github.com/t/c#--upload-pack=x'");
    expect_refused("the mod name is refused: it is not HOST/OWNER/REPO", "mod install 'github.com/t'");
    /* refused before the workspace's lock is taken: not even .powerpipe is made */
    char p[2048];
    snprintf(p, sizeof p, "%s/.powerpipe", ws);
    cr_expect(access(p, F_OK) != 0, "a refused argument made %s", p);
}

Test(mod_hostile, traversal_in_a_dependencys_require_block_is_refused_with_its_location)
{
    /* one repository, a hostile require in each tag: github.com/t/e@1.0.N */
    static const struct {
        const char *name, *attr, *err;
    } cases[] = {
        { "github.com/t/c", "branch = \"/../../../../../../../../../../../..CANARY\"",
          "the branch is refused" },
        { "github.com/t/c/../../../../../../../../../../../..ROOT/escape/x", "version = \"*\"",
          "the mod name is refused: a segment is '.' or '..'" },
        { "github.com/t/c", "tag = \"../../../../../../../../../../../..CANARY\"", "the tag is refused" },
        { "github.com/t/c", "version = \"../../../../../../../../../../../..CANARY\"",
          "the version is refused" },
        { "/etc/passwd", "version = \"*\"", "the mod name is refused: a segment is empty" },
        { "github.com/-u/c", "version = \"*\"", "the mod name is refused: a segment starts with '-'" },
        { "github.com/t/c", "path = \"../../../../../../../../../../../..ROOT/x\"",
          "the path is refused: a dependency's path must stay inside its own folder" },
    };
    size_t n = sizeof cases / sizeof *cases;
    char src[2048];
    snprintf(src, sizeof src, "%s/src-e", root);
    git_init(src);
    for (size_t i = 0; i < n; i++) {
        char text[4096], fill[2048];
        snprintf(fill, sizeof fill, "%s", cases[i].name);
        char *r = strstr(fill, "ROOT");
        if (r) snprintf(r, sizeof fill - (size_t)(r - fill), "%s%s", root, strstr(cases[i].name, "ROOT") + 4);
        snprintf(text, sizeof text, "mod \"e\" {\n  title = \"e\"\n  require {\n    mod \"%s\" {\n      ",
                 fill);
        const char *a = cases[i].attr, *c = strstr(a, "CANARY"), *ro = strstr(a, "ROOT");
        size_t tl = strlen(text);
        if (c)
            snprintf(text + tl, sizeof text - tl, "%.*s%s%s", (int)(c - a), a, canary, c + 6);
        else if (ro)
            snprintf(text + tl, sizeof text - tl, "%.*s%s%s", (int)(ro - a), a, root, ro + 4);
        else
            snprintf(text + tl, sizeof text - tl, "%s", a);
        tl = strlen(text);
        snprintf(text + tl, sizeof text - tl, "\n    }\n  }\n}\n");
        wf_write(src, "mod.pp", text);
        gf_sh("git -C '%s' add -A && git -C '%s' commit -qm %zu && git -C '%s' tag v1.0.%zu", src, src, i,
              src, i);
    }
    gf_serve(src, repos, "e");
    for (size_t i = 0; i < n; i++) {
        char where[512];
        /* the dependency's mod.pp, at its `mod` keyword: line 4, column 5 */
        snprintf(where, sizeof where,
                 "github.com/t/e@v1.0.%zu/mod.pp:4:5: Failed to load mod require block: %s", i, cases[i].err);
        expect_refused(where, "mod install github.com/t/e@1.0.%zu", i);
    }
}

Test(mod_hostile, a_workspace_require_block_holding_traversal_is_refused_at_its_line)
{
    char text[2048];
    snprintf(text, sizeof text,
             "mod \"w\" {\n  title = \"w\"\n  require {\n    mod \"github.com/t/c\" {\n"
             "      branch = \"/../../../../../../../../../../../..%s\"\n    }\n  }\n}\n",
             canary);
    wf_write(ws, "mod.pp", text);
    expect_refused("/mod.pp:4:5: Failed to load mod require block: the branch is refused", "mod install");
}

Test(mod_hostile, a_lock_file_naming_a_folder_outside_is_refused)
{
    wf_write(
        ws, "mod.pp",
        "mod \"w\" {\n  title = \"w\"\n  require {\n    mod \"github.com/t/c\" {\n      version = \"*\"\n"
        "    }\n  }\n}\n");
    char lock[4096];
    snprintf(lock, sizeof lock,
             "{\n  \"w\": {\n    \"github.com/t/../../../../../../../../../../..%s\": {\n"
             "      \"name\": \"github.com/t/../../../../../../../../../../..%s\",\n      \"version\": "
             "\"1.0.0\",\n"
             "      \"struct_version\": 20240429\n    }\n  }\n}",
             canary, canary);
    wf_write(ws, ".mod.cache.json", lock);
    expect_refused("an entry's mod name is refused: a segment is '.' or '..'", "mod install --prune");
    expect_refused("an entry's mod name is refused", "mod uninstall github.com/t/c");
}

/* links in a mod's repository are installed as links and never followed: not by the install,
 * not by the removal of the mod; a mod file that is a link is no mod file */
Test(mod_hostile, links_in_a_mod_pointing_outside_are_never_followed)
{
    char src[4096];
    make_repo("l", "", "v1.0.0");
    snprintf(src, sizeof src, "%s/src-l", root);
    gf_sh("cd '%s' && ln -s '%s' out && ln -s '%s/f' outfile && git add -A && git commit -qm links && git "
          "tag v1.1.0 && "
          "git push -q '%s/l.git' v1.1.0",
          src, canary, canary, repos);
    char *before = tree(outside);
    cl_expect(0, "Installed 1 mod", NULL, "--mod-location '%s' mod install github.com/t/l@1.1", ws);
    char p[4096];
    snprintf(p, sizeof p, "%s/.powerpipe/mods/github.com/t/l@v1.1.0/out", ws);
    struct stat st;
    cr_expect(lstat(p, &st) == 0 && S_ISLNK(st.st_mode), "the link is installed as a link");
    cl_expect(0, "Uninstalled 1 mod", NULL, "--mod-location '%s' mod uninstall github.com/t/l", ws);
    char *after = tree(outside);
    cr_expect_str_eq(after, before, "the canary is as it was");
    free(before);
    free(after);

    /* mod.pp itself a link to a file outside */
    gf_sh("mkdir -p '%s/src-m' && cd '%s/src-m' && git init -q -b main && git config user.email t@t && "
          "git config user.name t && printf 'mod \"m\" {\\n}\\n' > '%s/outside.pp' && ln -s '%s/outside.pp' "
          "mod.pp && "
          "git add -A && git commit -qm m && git tag v1.0.0 && git clone -q --bare . '%s/m.git'",
          root, root, root, root, repos);
    FILE *f = fopen(getenv("GIT_CONFIG_GLOBAL"), "a");
    fprintf(f, "[url \"file://%s/m.git\"]\n\tinsteadOf = https://github.com/t/m\n", repos);
    fclose(f);
    expect_refused("mod 'github.com/t/m' does not contain a valid mod file", "mod install github.com/t/m");
}

/* the installed mod folders: each mod.pp under .powerpipe/mods, sorted */
static char *installed(void)
{
    char out[2048];
    snprintf(out, sizeof out, "%s.tree.txt", root);
    gf_sh("cd '%s' && (find .powerpipe/mods -name mod.pp 2>/dev/null | sort) > '%s'", ws, out);
    size_t n;
    return jt_read_file(out, &n);
}

/* kill -9 at each rename of a five-mod upgrade (strace's signal injection, on the Nth rename of the
 * installer itself): every reader then sees the old set of mods or the new one, never a mix, and
 * the next `mod install` and `query list` work */
Test(mod_hostile, kill_at_every_rename_of_an_install_leaves_the_old_or_the_new_mods, .timeout = 240)
{
    if (system("strace -V >/dev/null 2>&1") != 0) cr_skip_test("no strace");
    for (int i = 1; i <= 4; i++) {
        char name[8];
        snprintf(name, sizeof name, "m%d", i);
        make_repo(name, "", "v1.0.0 v2.0.0");
    }
    char src[2048];
    snprintf(src, sizeof src, "%s/src-hub", root);
    git_init(src);
    for (int major = 1; major <= 2; major++) {
        char text[4096] = "mod \"hub\" {\n  title = \"hub\"\n  require {\n";
        for (int i = 1; i <= 4; i++) {
            size_t l = strlen(text);
            snprintf(text + l, sizeof text - l,
                     "    mod \"github.com/t/m%d\" {\n      version = \"^%d.0\"\n    }\n", i, major);
        }
        strcat(text, "  }\n}\n");
        wf_write(src, "mod.pp", text);
        gf_sh("git -C '%s' add -A && git -C '%s' commit -qm %d && git -C '%s' tag v%d.0.0", src, src, major,
              src, major);
    }
    gf_serve(src, repos, "hub");

    cl_expect(0, "Installed 5 mods", NULL, "--mod-location '%s' mod install github.com/t/hub@1", ws);
    char *old = installed();
    gf_sh("cp -a '%s' '%s/ws-old'", ws, root);
    cl_expect(0, NULL, NULL, "--mod-location '%s' mod install github.com/t/hub@2", ws);
    char *new = installed();
    cr_assert_str_neq(old, new);
    int completed = 0, killed = 0;
    for (int n = 1; n <= 40 && !completed; n++) {
        gf_sh("rm -rf '%s' && cp -a '%s/ws-old' '%s'", ws, root, ws);
        char cmd[8192];
        snprintf(cmd, sizeof cmd,
                 "ASAN_OPTIONS=detect_leaks=0 strace -o /dev/null -e trace=rename,renameat,renameat2 "
                 "-e inject=rename,renameat,renameat2:signal=KILL:when=%d '%s' --mod-location '%s' "
                 "mod install github.com/t/hub@2 >/dev/null 2>&1",
                 n, getenv("LP_CLI"), ws);
        int st = system(cmd);
        completed = st == 0;
        killed += !completed;
        char *now = installed();
        cr_expect(!strcmp(now, old) || !strcmp(now, new), "killed at rename %d: a mix of old and new:\n%s", n,
                  now);
        free(now);
        cl_expect(0, NULL, NULL, "--mod-location '%s' query list", ws);
        cl_expect(0, NULL, NULL, "--mod-location '%s' mod install", ws);
        now = installed();
        cr_expect(!strcmp(now, old) || !strcmp(now, new),
                  "after the kill at rename %d, mod install left:\n%s", n, now);
        free(now);
    }
    cr_expect(completed && killed >= 3, "killed %d times, completed %d", killed, completed);
    free(old);
    free(new);
}

/* A cloned workspace can commit .powerpipe as a link to anywhere (or its lock file as one): every
 * mod command refuses it, and nothing is made or changed where it points. */
Test(mod_hostile, a_powerpipe_folder_that_is_a_link_is_never_written_through)
{
    char target[2048], pp[2048];
    snprintf(target, sizeof target, "%s/elsewhere", root);
    snprintf(pp, sizeof pp, "%s/.powerpipe", ws);
    cr_assert(mkdir(target, 0755) == 0 && symlink(target, pp) == 0);
    static const char *const cmds[] = { "mod install github.com/t/c", "mod install --dry-run github.com/t/c",
                                        "mod update", "mod uninstall github.com/t/c" };
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        char *before = tree(outside);
        cl_result r = cl_run("--mod-location '%s' %s", ws, cmds[i]);
        cr_expect_eq(r.status, 62, "%s: status %d, stderr %s", cmds[i], r.status, r.err);
        cr_expect(strstr(r.err, ".powerpipe: it is a symbolic link or not a folder"), "%s: %s", cmds[i],
                  r.err);
        cl_done(&r);
        char *after = tree(target);
        cr_expect_str_eq(after, "== .\n", "%s wrote through the link:\n%s", cmds[i], after);
        free(after);
        after = tree(outside);
        cr_expect_str_eq(after, before, "%s", cmds[i]);
        free(before);
        free(after);
    }
    /* a real .powerpipe whose lock file is a link */
    char lock[2048], to[2048];
    snprintf(to, sizeof to, "%s/elsewhere/lockfile", root);
    snprintf(lock, sizeof lock, "%s/.mod-install.lock", pp);
    cr_assert(unlink(pp) == 0 && mkdir(pp, 0755) == 0 && symlink(to, lock) == 0);
    cl_result r = cl_run("--mod-location '%s' mod install github.com/t/c", ws);
    cr_expect_eq(r.status, 62, "status %d, stderr %s", r.status, r.err);
    cl_done(&r);
    struct stat st;
    cr_expect(lstat(to, &st) != 0, "the lock file was made through its link");
}

/* What a killed mod command leaves under .powerpipe (its shadow, its unfinished or old tree, each
 * named with its PID) is removed by the next command that opens the workspace, when that process
 * runs no more and no mod command holds the workspace's lock; a running process's is kept. */
Test(mod_hostile, a_killed_mod_commands_leftovers_go_with_the_next_command)
{
    pid_t dead = fork();   /* a PID that ran and ended */
    cr_assert_geq(dead, 0);
    if (dead == 0) _exit(0);
    cr_assert_eq(waitpid(dead, NULL, 0), dead);
    char pp[2048], p[2400];
    snprintf(pp, sizeof pp, "%s/.powerpipe", ws);
    static const char *const kinds[] = { "shadow", "next", "old", "trash" };
    gf_sh("mkdir -p '%s' && touch '%s/.mod-install.lock'", pp, pp);
    for (size_t i = 0; i < 4; i++)
        gf_sh("mkdir -p '%s/.mods.%s.%ld/github.com/t/c@v1.0.0' && echo x > "
              "'%s/.mods.%s.%ld/github.com/t/c@v1.0.0/mod.pp'",
              pp, kinds[i], (long)dead, pp, kinds[i], (long)dead);
    gf_sh("mkdir -p '%s/.mods.shadow.%ld'", pp, (long)getpid());   /* a running process's */
    /* a mod command running (its lock held): nothing is touched */
    snprintf(p, sizeof p, "%s/.mod-install.lock", pp);
    int fd = open(p, O_RDWR);
    cr_assert(fd >= 0 && flock(fd, LOCK_EX) == 0);
    cl_result r = cl_run("--mod-location '%s' query list", ws);
    cl_done(&r);
    struct stat st;
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s/.mods.%s.%ld", pp, kinds[i], (long)dead);
        cr_expect(stat(p, &st) == 0, "%s removed while a mod command held the lock", p);
    }
    close(fd);
    r = cl_run("--mod-location '%s' query list", ws);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cl_done(&r);
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s/.mods.%s.%ld", pp, kinds[i], (long)dead);
        cr_expect(lstat(p, &st) != 0, "%s stays after the next command", p);
    }
    snprintf(p, sizeof p, "%s/.mods.shadow.%ld", pp, (long)getpid());
    cr_expect(stat(p, &st) == 0, "a running process's shadow was removed");
}
