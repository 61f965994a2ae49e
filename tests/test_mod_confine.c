/* test_mod_confine.c — a dependency mod (code the user did not write, installed by `mod install`
 * from a real git repository made here) reads nothing outside its own folder: file(), filebase64,
 * the file hash functions and fileexists of an absolute path, of a path going up with `..` and of
 * a symbolic link leading out are refused at their file:line:col, and a .pp file that is a link
 * out is not read; the canary's content appears in no output of any command.  The main mod keeps
 * Powerpipe's file(), which reads any path (pipe-fittings' MakeFileFunc), and relative links inside
 * the dependency's folder are followed; an absolute link is refused even when it names a file inside. */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/gitfix.h"
#include "support/jsontree.h"
#include "support/srvfix.h"
#include "support/wsfix.h"

#pragma GCC diagnostic ignored "-Wformat-truncation"

#define CANARY "CANARY-DEP-SECRET-6262"

static char *root;
static char ws[1024], repos[1024], out[1024];   /* out: the canary's folder, outside the workspace */

static void setup(void)
{
    root = wf_tmpdir();
    gf_setup(root, ws, repos, sizeof ws);
    snprintf(out, sizeof out, "%s/outside", root);
    cr_assert(mkdir(out, 0755) == 0);
    wf_write(out, "canary.txt", CANARY "\n");
    wf_write(out, "canary.pp", "query \"leak\" {\n  sql = \"select 1\"\n  description = \"" CANARY "\"\n}\n");
    wf_write(out, "main.txt", "MAIN-READS-ANYWHERE\n");
}

static void teardown(void)
{
    wf_remove(root);
}

TestSuite(mod_confine, .init = setup, .fini = teardown);

/* the dependency's repository: every way out, each query on its own known line */
static void make_dep(void)
{
    char src[4096], text[4096];
    snprintf(src, sizeof src, "%s/src-dep", root);
    gf_sh("git init -q -b main '%s' && git -C '%s' config user.email t@t && git -C '%s' config user.name t",
          src, src, src);
    snprintf(text, sizeof text,
             "mod \"dep\" {\n  title = \"dep\"\n  description = file(\"%s/canary.txt\")\n}\n", out);
    wf_write(src, "mod.pp", text);
    snprintf(text, sizeof text,
             "query \"abs\" {\n  sql = \"select 1\"\n  description = file(\"%s/canary.txt\")\n}\n"
             "query \"up\" {\n  sql = \"select 1\"\n  description = "
             "file(\"../../../../../../../../../../../../../../../..%s/canary.txt\")\n}\n"
             "query \"b64\" {\n  sql = \"select 1\"\n  description = filebase64(\"%s/canary.txt\")\n}\n"
             "query \"md5\" {\n  sql = \"select 1\"\n  description = filesha256(\"%s/canary.txt\")\n}\n"
             "query \"exists\" {\n  sql = \"select 1\"\n  description = fileexists(\"%s/canary.txt\") ? "
             "\"yes\" : \"no\"\n}\n"
             "query \"ok\" {\n  sql = \"select 1\"\n  description = file(\"docs/ok.md\")\n}\n"
             "query \"inlink\" {\n  sql = \"select 1\"\n  description = file(\"inlink.md\")\n}\n"
             "query \"outlink\" {\n  sql = \"select 1\"\n  description = file(\"outlink.md\")\n}\n"
             "query \"abslink\" {\n  sql = \"select 1\"\n  description = file(\"abslink.md\")\n}\n",
             out, out, out, out, out);
    wf_write(src, "q.pp", text);
    snprintf(text, sizeof text,
             "dashboard \"d\" {\n  text {\n    value = file(\"%s/canary.txt\")\n  }\n"
             "  text {\n    value = file(\"docs/ok.md\")\n  }\n}\n", out);
    wf_write(src, "d.pp", text);
    wf_write(src, "ok.pp", "dashboard \"ok\" {\n  title = file(\"docs/ok.md\")\n}\n");
    wf_write(src, "docs/ok.md", "inside ok\n");
    gf_sh("cd '%s' && ln -s docs/ok.md inlink.md && ln -s '%s/canary.txt' outlink.md && "
          "ln -s '%s/canary.pp' link.pp && git add -A && git commit -q -m v1 && git tag v1.0.0",
          src, out, out);
    gf_serve(src, repos, "dep");
}

/* `lazypipe server` on the workspace, tests/server/canary.js as its client (skipped without node) */
static void server_holds_no_canary(void)
{
    if (system("command -v node >/dev/null 2>&1") != 0) {
        cr_log_warn("node is not installed: the server's messages are not checked");
        return;
    }
    sf_server srv;
    sf_start(&srv, ws, NULL, NULL, NULL);
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "node tests/server/canary.js %s dep.dashboard.d dep.dashboard.ok %s", srv.url,
             CANARY);
    int rc = system(cmd);
    int st = sf_stop_with(&srv, SIGTERM);
    char *text = jt_read_file(srv.log, NULL);
    cr_expect_eq(st, 0, "the server's exit status");
    cr_expect_eq(rc, 0, "the server's messages");
    cr_expect(text && !strstr(text, CANARY), "the server's log holds the canary");
    free(text);
}

Test(mod_confine, a_dependency_reads_nothing_outside_its_folder, .timeout = 60)
{
    make_dep();
    char text[4096];
    snprintf(text, sizeof text,
             "mod \"local\" {}\nquery \"main_q\" {\n  sql = \"select 1\"\n"
             "  description = file(\"%s/main.txt\")\n}\n", out);
    wf_write(ws, "mod.pp", text);
    cl_expect(0, "Installed 1 mod", NULL, "--mod-location '%s' mod install github.com/t/dep", ws);

    /* the main mod reads any path, as Powerpipe's */
    cl_result m = cl_run("--mod-location '%s' query show main_q", ws);
    cr_expect(strstr(m.out, "Description:   MAIN-READS-ANYWHERE"), "%s\n%s", m.out, m.err);
    cl_done(&m);

    static const char *const cmds[] = {
        "query list",
        "query list --output json",
        "query show dep.query.abs --output json",
        "query show dep.query.up",
        "query show dep.query.b64",
        "query show dep.query.md5",
        "query show dep.query.exists",
        "query show dep.query.outlink",
        "query show dep.query.leak",
        "mod list --output json",
        "mod show dep --output json",
        "dashboard list",
        "dashboard run dep.dashboard.d --output snapshot",
    };
    char *errs = strdup("");
    for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++) {
        cl_result r = cl_run("--mod-location '%s' %s", ws, cmds[i]);
        cr_expect(!strstr(r.out, CANARY) && !strstr(r.err, CANARY), "`%s` shows the canary:\n%s\n%s", cmds[i],
                  r.out, r.err);
        size_t n = strlen(errs) + strlen(r.err) + 1;
        char *all = malloc(n);
        cr_assert(all);
        snprintf(all, n, "%s%s", errs, r.err);
        free(errs);
        errs = all;
        cl_done(&r);
    }
    /* each refusal said where: q.pp's queries start on lines 1, 5, 9, ... (description on the 3rd) */
    static const char *const at[] = {
        "q.pp:3:17: error", "q.pp:7:17: error", "q.pp:11:17: error", "q.pp:15:17: error",
        "q.pp:19:17: error", "q.pp:31:17: error", "mod.pp:3:17", "d.pp:3:13", "link.pp:1:1: error",
    };
    for (size_t i = 0; i < sizeof at / sizeof *at; i++)
        cr_expect(strstr(errs, at[i]), "no diagnostic at %s in:\n%s", at[i], errs);
    cr_expect(strstr(errs, "outside the dependency mod's folder"), "%s", errs);
    free(errs);
    /* inside the folder, files and links to files are read */
    /* the server: every message of a client's session, a run of the dependency's dashboard included */
    server_holds_no_canary();
    static const char *const inside[] = { "dep.query.ok", "dep.query.inlink" };
    for (size_t i = 0; i < 2; i++) {
        cl_result r = cl_run("--mod-location '%s' query show %s", ws, inside[i]);
        cr_expect(strstr(r.out, "Description:   inside ok"), "%s:\n%s\n%s", inside[i], r.out, r.err);
        cl_done(&r);
    }
    /* an absolute link is refused even when it names a file inside the folder (docs/mods.md says why) */
    char link[4096], target[4096];
    snprintf(link, sizeof link, "%s/.powerpipe/mods/github.com/t/dep@v1.0.0/abslink.md", ws);
    snprintf(target, sizeof target, "%s/.powerpipe/mods/github.com/t/dep@v1.0.0/docs/ok.md", ws);
    cr_assert(symlink(target, link) == 0);
    cl_want abs = { .status = 1,
                    .not_out = { "inside ok" },
                    .err = { "q.pp:35:17: error", "outside the dependency mod's folder" } };
    cl_expect_want(&abs, "--mod-location '%s' query show dep.query.abslink", ws);
}
