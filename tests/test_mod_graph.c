/* test_mod_graph.c — the installer's dependency graph and its edit of mod.pp, against real git
 * repositories made here and reached through url.<file://...>.insteadOf (as tests/offline_git.sh
 * does): cycles, a 60-deep chain, dependencies whose mod.pp does not load, conflicting constraints,
 * a repository gone mid-install, a one-line mod block.  Each failure exits 62 with its message and
 * leaves the workspace (mod.pp, the lock file, .powerpipe/mods) byte for byte as it was. */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/gitfix.h"
#include "support/jsontree.h"
#include "support/wsfix.h"

#pragma GCC diagnostic ignored "-Wformat-truncation"

static char *root;                 /* the repositories (root/repos) and the workspace (root/ws) */
static char ws[1024], repos[1024]; /* short: paths built from them fit 4096 */

static void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    cr_assert(f, "%s", path);
    cr_assert_eq(fwrite(data, 1, len, f), len);
    cr_assert_eq(fclose(f), 0);
}

/* github.com/t/NAME: one commit tagged v1.0.0 whose mod.pp is the len bytes of text (NULs and all) */
static void make_repo_bytes(const char *name, const char *text, size_t len)
{
    char src[4096], p[4096];
    snprintf(src, sizeof src, "%s/src-%s", root, name);
    cr_assert_eq(mkdir(src, 0755), 0, "%s", src);
    snprintf(p, sizeof p, "%s/mod.pp", src);
    write_bytes(p, text, len);
    gf_sh("cd '%s' && git init -q -b main && git add -A && git -c user.email=t@t -c user.name=t commit -q -m "
          "v1 "
          "&& git tag v1.0.0",
          src);
    gf_serve(src, repos, name);
}

/* github.com/t/NAME whose mod "ALIAS" requires each mod of the NULL-terminated (name, version) pairs */
static void make_repo(const char *name, const char *alias, ...)
{
    char text[8192];
    size_t n = (size_t)snprintf(text, sizeof text, "mod \"%s\" {\n  title = \"%s\"\n", alias, alias);
    va_list ap;
    va_start(ap, alias);
    const char *dep = va_arg(ap, const char *);
    if (dep) n += (size_t)snprintf(text + n, sizeof text - n, "  require {\n");
    for (; dep; dep = va_arg(ap, const char *)) {
        const char *version = va_arg(ap, const char *);
        n += (size_t)snprintf(text + n, sizeof text - n,
                              "    mod \"github.com/t/%s\" {\n      version = \"%s\"\n    }\n", dep, version);
    }
    va_end(ap);
    if (strstr(text, "require")) n += (size_t)snprintf(text + n, sizeof text - n, "  }\n");
    n += (size_t)snprintf(text + n, sizeof text - n, "}\n");
    make_repo_bytes(name, text, n);
}

static void setup(void)
{
    root = wf_tmpdir();
    gf_setup(root, ws, repos, sizeof ws);
    make_repo("c", "c", NULL);
    /* a workspace with a mod installed already: a failure must leave it as it is */
    wf_write(ws, "mod.pp", "# kept\nmod \"local\" {\n  title = \"ws\"\n}\n");
    cl_result r = cl_run("--mod-location '%s' mod install github.com/t/c", ws);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cl_done(&r);
}

static void teardown(void)
{
    wf_remove(root);
}

TestSuite(mod_graph, .init = setup, .fini = teardown);

/* `mod install ARG` fails with exit 62, stderr holding each of the NULL-terminated texts, nothing on
 * stdout, and the workspace exactly as it was */
static void expect_refused(const char *arg, ...)
{
    char *before = gf_workspace_files(root, ws);
    cl_result r = cl_run("--mod-location '%s' mod install %s", ws, arg);
    cr_expect_eq(r.status, 62, "%s: status %d: %s", arg, r.status, r.err);
    va_list ap;
    va_start(ap, arg);
    for (const char *has = va_arg(ap, const char *); has; has = va_arg(ap, const char *))
        cr_expect(strstr(r.err, has), "%s: stderr lacks [%s]: [%s]", arg, has, r.err);
    va_end(ap);
    cr_expect_str_eq(r.out, "", "%s", arg);
    cl_done(&r);
    char *after = gf_workspace_files(root, ws);
    cr_expect_str_eq(after, before, "%s: the workspace changed", arg);
    free(before);
    free(after);
    struct stat st;
    char p[4096];
    snprintf(p, sizeof p, "%s/.powerpipe/mods/github.com/t/c@v1.0.0/mod.pp", ws);
    cr_expect(stat(p, &st) == 0, "%s: the installed mod is gone", arg);
}

Test(mod_graph, two_mods_requiring_each_other_are_a_cycle_named_in_the_error)
{
    make_repo("a", "a", "b", "*", NULL);
    make_repo("b", "b", "a", "*", NULL);
    expect_refused("github.com/t/a",
                   "Error: 1 dependency failed to install - 1 child dependency failed to install - "
                   "1 child dependency failed to install - dependency cycle: github.com/t/a@v1.0.0 -> "
                   "github.com/t/b@v1.0.0 -> github.com/t/a@v1.0.0\n",
                   NULL);
}

Test(mod_graph, a_mod_requiring_itself_is_a_cycle)
{
    make_repo("self", "self", "self", "^1", NULL);
    expect_refused("github.com/t/self",
                   "Error: 1 dependency failed to install - 1 child dependency failed to install - "
                   "dependency cycle: github.com/t/self@v1.0.0 -> github.com/t/self@v1.0.0\n",
                   NULL);
}

/* the same mod under two parents is no cycle: a requires b and c, b requires c */
Test(mod_graph, a_diamond_is_no_cycle)
{
    make_repo("d2", "d2", "c", "*", NULL);
    make_repo("d1", "d1", "d2", "*", "c", "*", NULL);
    cl_result r = cl_run("--mod-location '%s' mod install github.com/t/d1", ws);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "\nInstalled 4 mods:\n\nlocal\n└── github.com/t/d1@v1.0.0\n"
                            "    ├── github.com/t/c@v1.0.0\n    └── github.com/t/d2@v1.0.0\n"
                            "        └── github.com/t/c@v1.0.0\n");
    cl_done(&r);
}

/* github.com/t/n00 ... n(depth-1), each requiring the next, made in one git fast-import: each bare
 * repository holds only its tag v1.0.0 and borrows the objects (objects/info/alternates) */
static void make_chain(int depth)
{
    char store[4096], p[4096];
    snprintf(store, sizeof store, "%s/chain.git", root);
    gf_sh("git init -q --bare '%s'", store);
    snprintf(p, sizeof p, "%s/chain.fi", root);
    FILE *f = fopen(p, "w");
    cr_assert(f);
    for (int i = 0; i < depth; i++) {
        char text[1024];
        int n = snprintf(text, sizeof text, "mod \"n%02d\" {\n  title = \"n%02d\"\n", i, i);
        if (i + 1 < depth)
            n += snprintf(
                text + n, sizeof text - (size_t)n,
                "  require {\n    mod \"github.com/t/n%02d\" {\n      version = \"*\"\n    }\n  }\n", i + 1);
        n += snprintf(text + n, sizeof text - (size_t)n, "}\n");
        fprintf(f,
                "commit refs/tags/n%02d\ncommitter t <t@t> 0 +0000\ndata 2\nv1\nM 644 inline mod.pp\ndata "
                "%d\n%s\n",
                i, n, text);
    }
    fclose(f);
    gf_sh("git -C '%s' fast-import --quiet < '%s/chain.fi'", store, root);
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "git -C '%s' show-ref", store);
    FILE *refs = popen(cmd, "r");
    cr_assert(refs);
    FILE *cfg = fopen(getenv("GIT_CONFIG_GLOBAL"), "a");
    cr_assert(cfg);
    char line[512], sha[64], name[64];
    int made = 0;
    while (fgets(line, sizeof line, refs) && sscanf(line, "%63s refs/tags/%63s", sha, name) == 2) {
        char repo[4096];
        snprintf(repo, sizeof repo, "%s/%s.git", repos, name);
        gf_sh("mkdir -p '%s/objects/info' '%s/refs/heads' '%s/refs/tags'", repo, repo, repo);
        wf_write(repo, "HEAD", "ref: refs/heads/main\n");
        wf_write(repo, "config", "[core]\n\trepositoryformatversion = 0\n\tbare = true\n");
        snprintf(p, sizeof p, "%s/objects\n", store);
        wf_write(repo, "objects/info/alternates", p);
        snprintf(p, sizeof p, "%s\n", sha);
        wf_write(repo, "refs/tags/v1.0.0", p);
        fprintf(cfg, "[url \"file://%s\"]\n\tinsteadOf = https://github.com/t/%s\n", repo, name);
        made++;
    }
    fclose(cfg);
    cr_assert_eq(pclose(refs), 0);
    cr_assert_eq(made, depth);
}

Test(mod_graph, a_chain_60_deep_installs, .timeout = 120)
{
    make_chain(60);
    cl_result r = cl_run("--mod-location '%s' mod install github.com/t/n00", ws);
    cr_assert_eq(r.status, 0, "%s", r.err);
    const char *head = "\nInstalled 60 mods:\n\nlocal\n└── github.com/t/n00@v1.0.0\n";
    cr_expect(!strncmp(r.out, head, strlen(head)), "%s", r.out);
    cr_expect(strstr(r.out, "└── github.com/t/n59@v1.0.0\n"), "%s", r.out);
    cl_done(&r);
    char *lock = gf_slurp(ws, ".mod.cache.json");
    cr_expect(strstr(lock, "\"github.com/t/n58@v1.0.0\": {\n    \"github.com/t/n59\": {"), "%s", lock);
    free(lock);
    struct stat st;
    char p[4096];
    snprintf(p, sizeof p, "%s/.powerpipe/mods/github.com/t/n59@v1.0.0/mod.pp", ws);
    cr_expect(stat(p, &st) == 0);
    cl_expect_out(0, "All targeted mods are up to date\n", "--mod-location '%s' mod install", ws);
}

/* parse.LoadModfile: a dependency whose mod.pp is not HCL fails the install with the parser's error,
 * as Powerpipe's HclDiagsToError writes it */
Test(mod_graph, a_dependency_whose_mod_pp_does_not_parse_fails_the_install)
{
    const char bad[] = "mod \"bad\" {\n  title = \n";
    make_repo_bytes("bad", bad, sizeof bad - 1);
    expect_refused("github.com/t/bad",
                   "Error: 1 dependency failed to install - Failed to load mod: Invalid expression: Expected "
                   "the start of an expression, but found an invalid expression token.\n(",
                   "/github.com/t/bad@v1.0.0/mod.pp:2,11-", NULL);
    /* one level down too */
    make_repo("host", "host", "bad", "*", NULL);
    expect_refused("github.com/t/host",
                   "Error: 1 dependency failed to install - 1 child dependency failed to install - Failed to "
                   "load mod: Invalid expression",
                   NULL);
    /* a stray closer before a newline (the scanner of require blocks once looped on it for ever) */
    const char stray[] = "mod \"stray\" {\n  x = )\n}\n";
    make_repo_bytes("stray", stray, sizeof stray - 1);
    expect_refused("github.com/t/stray", "Error: 1 dependency failed to install - Failed to load mod: ",
                   "/github.com/t/stray@v1.0.0/mod.pp:2,", NULL);
}

/* a NUL in a require's version (or name) would cut the C string: "\0" read as none, that is "*" */
Test(mod_graph, a_nul_in_a_require_is_refused_where_it_is_read)
{
    const char text[] = "mod \"nul\" {\n  require {\n    mod \"github.com/t/c\" {\n      version = \"\0\"\n"
                        "    }\n  }\n}\n";
    make_repo_bytes("nul", text, sizeof text - 1);
    expect_refused("github.com/t/nul", "Error: 1 dependency failed to install - ",
                   "/github.com/t/nul@v1.0.0/mod.pp:3:5: Failed to load mod require block: mod "
                   "\"github.com/t/c\" holds a NUL byte\n",
                   NULL);
    /* the same in the workspace's own mod.pp, escaped */
    char p[4096];
    snprintf(p, sizeof p, "%s/mod.pp", ws);
    char *keep = gf_slurp(ws, "mod.pp");
    wf_write(ws, "mod.pp",
             "mod \"local\" {\n  require {\n    mod \"github.com/t/c\" {\n"
             "      version = \"1\\u0000\"\n    }\n  }\n}\n");
    expect_refused(
        "", "mod.pp:3:5: Failed to load mod require block: mod \"github.com/t/c\" holds a NUL byte", NULL);
    write_bytes(p, keep, strlen(keep));
    free(keep);
}

/* Powerpipe resolves each requirement on its own: two constraints of one mod under different parents
 * each get their version, and a constraint no version meets is its error */
Test(mod_graph, conflicting_constraints)
{
    const char c2[] = "mod \"c2\" {\n}\n";
    make_repo_bytes("c2", c2, sizeof c2 - 1);
    gf_sh("cd '%s/src-c2' && git -c user.email=t@t -c user.name=t commit -q --allow-empty -m v2 && git tag "
       "v2.0.0 && "
       "git push -q '%s/c2.git' v2.0.0",
       root, repos);
    make_repo("wants2", "wants2", "c2", "^2.0", NULL);
    cl_expect_out(0,
                  "\nInstalled 3 mods:\n\nlocal\n├── github.com/t/c2@v1.0.0\n"
                  "└── github.com/t/wants2@v1.0.0\n    └── github.com/t/c2@v2.0.0\n",
                  "--mod-location '%s' mod install github.com/t/c2@^1.0 github.com/t/wants2", ws);
    make_repo("both", "both", "c2", "^1.0, ^2.0", NULL);
    expect_refused(
        "github.com/t/both",
        "Error: 1 dependency failed to install - 1 child dependency failed to install - no version "
        "of github.com/t/c2 found satisfying version constraint: ^1.0, ^2.0\n",
        NULL);
}

/* a repository deleted while the install runs (when its parent is fetched): the install fails, the
 * parent's clone is dropped with the rest of the shadow directory, nothing is committed */
Test(mod_graph, a_repository_gone_mid_install_commits_nothing)
{
    make_repo("gone", "gone", NULL);
    make_repo("parent", "parent", "gone", "*", NULL);
    char hook[4096], text[8192];
    snprintf(hook, sizeof hook, "%s/hook.sh", root);
    snprintf(text, sizeof text,
             "#!/bin/sh\ncase $PWD:$GIT_DIR in *parent.git*) rm -rf '%s/gone.git';; esac\nexec \"$@\"\n",
             repos);
    wf_write(root, "hook.sh", text);
    chmod(hook, 0755);
    FILE *f = fopen(getenv("GIT_CONFIG_GLOBAL"), "a");
    cr_assert(f);
    fprintf(f, "[uploadpack]\n\tpackObjectsHook = %s\n", hook);
    fclose(f);
    expect_refused("github.com/t/parent",
                   "Error: 1 dependency failed to install - 1 child dependency failed to install - could not "
                   "retrieve version data from Git URL github.com/t/gone - ",
                   NULL);
    struct stat st;
    char p[4096];
    snprintf(p, sizeof p, "%s/gone.git", repos);
    cr_expect(stat(p, &st) != 0, "the hook ran");
}

/* `mod "w" { title = "w" }` is a one-line block, which cannot hold a block: install opens it onto
 * lines, and the workspace loads afterwards */
Test(mod_graph, a_one_line_mod_block_gets_a_valid_require)
{
    wf_write(ws, "mod.pp", "mod \"w\" { title = \"w\" }\n");
    cl_expect_out(0, "\nInstalled 1 mod:\n\nw\n└── github.com/t/c@v1.0.0\n",
                  "--mod-location '%s' mod install github.com/t/c", ws);
    char *pp = gf_slurp(ws, "mod.pp");
    cr_expect_str_eq(pp, "mod \"w\" {\n  title = \"w\"\n  require {\n    mod \"github.com/t/c\" {\n"
                         "      version = \"*\"\n    }\n  }\n}\n");
    free(pp);
    cl_expect(0, NULL, NULL, "--mod-location '%s' query list", ws);
    /* and back: uninstall leaves a valid file */
    cl_expect(0, NULL, NULL, "--mod-location '%s' mod uninstall github.com/t/c", ws);
    pp = gf_slurp(ws, "mod.pp");
    cr_expect_str_eq(pp, "mod \"w\" {\n  title = \"w\"\n}\n");
    free(pp);
    cl_expect(0, NULL, NULL, "--mod-location '%s' query list", ws);
}

/* an edit whose result would not parse is refused before anything is committed (here the file's own
 * error, which the edit keeps) */
Test(mod_graph, an_edit_that_would_not_parse_is_refused)
{
    wf_write(ws, "mod.pp", "# kept\nmod \"local\" {\n  title = \"ws\"\n  x = 1 +\n}\n");
    expect_refused("github.com/t/c", "Error: cannot update ",
                   "/ws/mod.pp: the edited file would not be valid HCL - ", "mod.pp:4,", NULL);
}
