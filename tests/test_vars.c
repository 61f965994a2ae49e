/* test_vars.c — variables (every value source and their precedence), locals
 * across files and mods, cycles, broken locals, per-mod scopes, require args,
 * resource references, run-time references (POWERPIPE_BEHAVIOR.md §6.2 with
 * §13: eager precedence default < PP_VAR_ < powerpipe.ppvars < *.auto.ppvars
 * < --var-file < --var; locals that use locals resolve; per-mod scopes).
 *
 * Every fixture is written by the test into a fresh temporary directory. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/wsfix.h"

static char root[256];

static void mkdirs(const char *path)
{
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            mkdir(tmp, 0755);
            *p = '/';
        }
    mkdir(tmp, 0755);
}

static void put(const char *rel, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    *slash = 0;
    mkdirs(dir);
    FILE *f = fopen(path, "w");
    cr_assert(f, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

static void fixture_dir(void)
{
    snprintf(root, sizeof root, "/tmp/lp_vars_XXXXXX");
    cr_assert(mkdtemp(root));
}

static void rm_rf(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

static lp_workspace *open_ws(const char *const *vars, size_t nvars, const char *const *files, size_t nfiles)
{
    lp_workspace_opts o = { .vars = vars, .nvars = nvars, .var_files = files, .nvar_files = nfiles };
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(root, &o, &ws, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_wait_resolved(ws, 10000), LP_OK);
    return ws;
}

static const char *title(lp_workspace *ws, const char *name)
{
    return wf_get(ws, name).title;
}

static int has_diag(lp_workspace *ws, const char *summary, const char *detail_part)
{
    for (uint32_t i = 0; i < lp_resolve_diag_count(ws); i++) {
        const lp_diag *d = lp_resolve_diag_at(ws, i);
        if (strcmp(d->summary, summary) == 0 && (!detail_part || strstr(d->detail, detail_part))) return 1;
    }
    return 0;
}

static void teardown(void)
{
    if (root[0]) rm_rf(root);
}

TestSuite(vars, .fini = teardown);

Test(vars, precedence_of_every_source)
{
    fixture_dir();
    put("mod.pp", "mod \"prec\" {\n  title = \"Prec\"\n}\n");
    put("vars.pp",
        "variable \"a\" {\n  default = \"default\"\n}\n"
        "variable \"b\" {\n  default = \"default\"\n}\n"
        "variable \"c\" {\n  default = \"default\"\n}\n"
        "variable \"d\" {\n  default = \"default\"\n}\n"
        "variable \"e\" {\n  default = \"default\"\n}\n"
        "variable \"f\" {\n  default = \"default\"\n}\n"
        "variable \"n\" {\n  type = number\n  default = 1\n}\n"
        "variable \"l\" {\n  type = list(string)\n  default = []\n}\n");
    put("q.pp",
        "query \"a\" {\n  title = var.a\n  sql = \"select 1\"\n}\n"
        "query \"b\" {\n  title = var.b\n  sql = \"select 1\"\n}\n"
        "query \"c\" {\n  title = var.c\n  sql = \"select 1\"\n}\n"
        "query \"d\" {\n  title = var.d\n  sql = \"select 1\"\n}\n"
        "query \"e\" {\n  title = var.e\n  sql = \"select 1\"\n}\n"
        "query \"f\" {\n  title = var.f\n  sql = \"select 1\"\n}\n"
        "query \"n\" {\n  title = \"${var.n + 1}\"\n  sql = \"select 1\"\n}\n"
        "query \"l\" {\n  title = join(\"+\", var.l)\n  sql = \"select 1\"\n}\n");
    /* each source sets the variables from its letter on */
    setenv("PP_VAR_b", "env", 1);
    setenv("PP_VAR_c", "env", 1);
    setenv("PP_VAR_d", "env", 1);
    setenv("PP_VAR_e", "env", 1);
    setenv("PP_VAR_f", "env", 1);
    put("powerpipe.ppvars", "c = \"ppvars\"\nd = \"ppvars\"\ne = \"ppvars\"\nf = \"ppvars\"\n");
    put("b.auto.ppvars", "d = \"auto_b\"\n");
    put("a.auto.ppvars", "d = \"auto_a\"\ne = \"auto_a\"\nf = \"auto_a\"\n");
    put("x1.ppvars", "e = \"file1\"\nf = \"file1\"\n");
    put("x2.ppvars", "e = \"file2\"\n");
    char f1[300], f2[300];
    snprintf(f1, sizeof f1, "%s/x1.ppvars", root);
    snprintf(f2, sizeof f2, "%s/x2.ppvars", root);
    const char *files[] = { f1, f2 };
    const char *vars[] = { "f=cli1", "f=cli2", "n=41", "l=[\"x\", \"y\"]" };
    lp_workspace *ws = open_ws(vars, 4, files, 2);
    cr_expect_str_eq(title(ws, "prec.query.a"), "default");
    cr_expect_str_eq(title(ws, "prec.query.b"), "env");
    cr_expect_str_eq(title(ws, "prec.query.c"), "ppvars");
    cr_expect_str_eq(title(ws, "prec.query.d"), "auto_b");   /* b.auto.ppvars comes after a.auto.ppvars */
    cr_expect_str_eq(title(ws, "prec.query.e"), "file2");    /* the later --var-file wins */
    cr_expect_str_eq(title(ws, "prec.query.f"), "cli2");     /* the later --var wins */
    cr_expect_str_eq(title(ws, "prec.query.n"), "42");       /* converted to number(type) */
    cr_expect_str_eq(title(ws, "prec.query.l"), "x+y");      /* list type: parsed as HCL */
    lp_buf b = { 0 };
    cr_assert_eq(lp_variables_json(ws, &b), LP_OK);
    cr_expect(strstr(b.data, "\"name\":\"d\",\"qualified_name\":\"prec.var.d\",\"source\":\"auto.ppvars\"") !=
                  NULL,
              "%s", b.data);
    cr_expect(strstr(b.data, "\"name\":\"b\",\"qualified_name\":\"prec.var.b\",\"source\":\"env\"") != NULL);
    lp_buf_free(&b);
    lp_close(ws);
}

Test(vars, required_variable_without_value_is_an_error_naming_it)
{
    fixture_dir();
    put("mod.pp", "mod \"req\" {\n}\n");
    put("v.pp",
        "variable \"needed\" {\n  type = string\n}\nquery \"q\" {\n  title = var.needed\n  sql = \"x\"\n}\n");
    lp_workspace *ws = open_ws(NULL, 0, NULL, 0);
    cr_expect(has_diag(ws, "Missing required variable", "var.needed"));
    cr_expect(wf_get(ws, "req.query.q").unresolved & LP_UNRES_TITLE);
    lp_close(ws);
    const char *vars[] = { "needed=given" };
    ws = open_ws(vars, 1, NULL, 0);
    cr_expect(!has_diag(ws, "Missing required variable", NULL));
    cr_expect_str_eq(title(ws, "req.query.q"), "given");
    lp_close(ws);
}

Test(vars, locals_across_files_in_dependency_order)
{
    fixture_dir();
    put("mod.pp", "mod \"loc\" {\n}\n");
    /* c (file a) needs b (file b) needs a (file a): evaluated in dependency order */
    put("a.pp",
        "locals {\n  c = \"${local.b}-C\"\n  a = \"A\"\n  tags = merge(local.base, { kind = \"x\" })\n}\n");
    put("b.pp",
        "locals {\n  b = \"${local.a}-B\"\n  base = { plugin = \"aws\", n = 10, f = 1.50, t = true }\n}\n");
    put("c.pp", "control \"c\" {\n  title = local.c\n  sql = \"select 1\"\n  tags = local.tags\n}\n");
    lp_workspace *ws = open_ws(NULL, 0, NULL, 0);
    lp_entry_info e = wf_get(ws, "loc.control.c");
    cr_expect_str_eq(e.title, "A-B-C");
    cr_expect_eq(e.unresolved & (LP_UNRES_TITLE | LP_UNRES_TAGS), 0);
    cr_assert_eq(e.tags.n, 5);
    /* numbers print as HCL prints them (§13.5), bools as true/false */
    cr_expect_str_eq(lp_tags_get(&e.tags, "n"), "10");
    cr_expect_str_eq(lp_tags_get(&e.tags, "f"), "1.5");
    cr_expect_str_eq(lp_tags_get(&e.tags, "t"), "true");
    cr_expect_str_eq(lp_tags_get(&e.tags, "kind"), "x");
    cr_expect_str_eq(lp_tags_get(&e.tags, "plugin"), "aws");
    cr_expect_eq(lp_resolve_diag_count(ws), 0);
    lp_close(ws);
}

Test(vars, cycle_is_a_diagnostic_with_its_chain_and_others_resolve)
{
    fixture_dir();
    put("mod.pp", "mod \"cyc\" {\n}\n");
    put("l.pp", "locals {\n  a = local.b\n  b = \"${local.a}x\"\n  broken = nosuchfunc(1)\n  fine = \"ok\"\n"
                "  uses_broken = \"${local.broken}!\"\n}\n");
    put("q.pp", "query \"fine\" {\n  title = local.fine\n  sql = \"x\"\n}\n"
                "query \"cyc\" {\n  title = local.a\n  sql = \"x\"\n}\n"
                "query \"dep\" {\n  title = local.uses_broken\n  sql = \"x\"\n}\n");
    lp_workspace *ws = open_ws(NULL, 0, NULL, 0);
    cr_expect(has_diag(ws, "Circular reference between locals", "local.a -> local.b -> local.a"));
    cr_expect(has_diag(ws, "Call to unknown function", "nosuchfunc"));
    cr_expect_str_eq(title(ws, "cyc.query.fine"), "ok");
    cr_expect(wf_get(ws, "cyc.query.cyc").unresolved & LP_UNRES_TITLE);
    cr_expect(wf_get(ws, "cyc.query.dep").unresolved & LP_UNRES_TITLE);
    lp_close(ws);
}

Test(vars, per_mod_scopes_and_require_args)
{
    fixture_dir();
    put("mod.pp", "mod \"main\" {\n  require {\n    mod \"github.com/test/dep\" {\n      version = \"*\"\n"
                  "      args = {\n        region = \"from_${var.region}\"\n      }\n    }\n  }\n}\n");
    put("main.pp",
        "variable \"region\" {\n  default = \"main\"\n}\nlocals {\n  label = \"main:${var.region}\"\n}\n"
        "benchmark \"b\" {\n  title = local.label\n  children = [dep.control.c]\n"
        "  description = dep.control.c.title\n}\n");
    put(".powerpipe/mods/github.com/test/dep@v1.0.0/mod.pp", "mod \"dep\" {\n}\n");
    put(".powerpipe/mods/github.com/test/dep@v1.0.0/dep.pp",
        "variable \"region\" {\n  default = \"dep\"\n}\nvariable \"other\" {\n  default = "
        "\"dep_default\"\n}\n"
        "locals {\n  label = \"dep:${var.region}:${var.other}\"\n}\n"
        "control \"c\" {\n  title = local.label\n  sql = \"select 1\"\n}\n");
    lp_workspace *ws = open_ws(NULL, 0, NULL, 0);
    cr_expect_str_eq(title(ws, "main.benchmark.b"), "main:main");            /* the dep never overwrites */
    cr_expect_str_eq(title(ws, "dep.control.c"), "dep:from_main:dep_default");
    cr_expect_str_eq(wf_get(ws, "main.benchmark.b").description, "dep:from_main:dep_default");
    lp_close(ws);
}

Test(vars, resource_references_and_runtime_references)
{
    fixture_dir();
    put("mod.pp", "mod \"refs\" {\n}\n");
    put("r.pp", "benchmark \"base\" {\n  title = \"Base ${upper(\"t\")}\"\n  children = []\n}\n"
                "benchmark \"copy\" {\n  title = \"${benchmark.base.title} (copy)\"\n  children = []\n}\n"
                "query \"q\" {\n  sql = \"select ${1 + 1}\"\n}\n"
                "control \"c\" {\n  title = query.q.sql\n  sql = query.q.sql\n}\n"
                "dashboard \"d\" {\n  title = \"D\"\n}\n"
                "control \"link\" {\n  title = dashboard.d.url_path\n  sql = \"x\"\n}\n"
                "control \"rt\" {\n  title = \"static\"\n  sql = \"x\"\n  tags = { a = param.x }\n}\n");
    lp_workspace *ws = open_ws(NULL, 0, NULL, 0);
    cr_expect_str_eq(title(ws, "refs.benchmark.copy"), "Base T (copy)");
    cr_expect_str_eq(title(ws, "refs.control.c"), "select 2");
    cr_expect_str_eq(title(ws, "refs.control.link"), "/refs.dashboard.d");
    lp_entry_info rt = wf_get(ws, "refs.control.rt");
    cr_expect(rt.unresolved & LP_UNRES_TAGS);   /* param.x exists only at run time: not an error */
    cr_expect_eq(lp_resolve_diag_count(ws), 0);
    lp_close(ws);
}

Test(vars, file_is_relative_to_the_mod_root)
{
    fixture_dir();
    put("mod.pp", "mod \"files\" {\n}\n");
    put("docs/x.md", "# X\n");
    put("sub/deep/c.pp",
        "control \"c\" {\n  title = \"t\"\n  documentation = file(\"./docs/x.md\")\n  sql = \"x\"\n}\n"
        "control \"missing\" {\n  title = \"t\"\n  documentation = file(\"./docs/nope.md\")\n  sql = "
        "\"x\"\n}\n");
    lp_workspace *ws = open_ws(NULL, 0, NULL, 0);
    cr_expect_str_eq(wf_get(ws, "files.control.c").documentation, "# X\n");
    cr_expect(wf_get(ws, "files.control.missing").unresolved & LP_UNRES_DOCUMENTATION);
    cr_expect(has_diag(ws, "Error in function call", "No such file"));
    lp_close(ws);
}

/* A FIFO named powerpipe.ppvars (no writer) must not block resolution: it is
 * reported as unreadable, like any variables file that is not a regular file. */
Test(vars, fifo_ppvars_does_not_block, .timeout = 30)
{
    fixture_dir();
    put("mod.pp", "mod \"f\" {\n}\nvariable \"v\" {\n  default = \"d\"\n}\nquery \"q\" {\n  title = var.v\n  "
                  "sql = \"x\"\n}\n");
    char p[512];
    snprintf(p, sizeof p, "%s/powerpipe.ppvars", root);
    cr_assert_eq(mkfifo(p, 0644), 0, "%s", strerror(errno));
    lp_workspace *ws = open_ws(NULL, 0, NULL, 0);
    cr_expect(has_diag(ws, "Cannot read variables file", NULL));
    cr_expect_str_eq(title(ws, "f.query.q"), "d", "the default still applies");
    lp_close(ws);
}

/* fileexists() on a FIFO must not block resolution (Terraform's fileexists
 * never opens the file); a regular file still exists. */
Test(vars, fileexists_on_a_fifo_does_not_block, .timeout = 30)
{
    fixture_dir();
    put("mod.pp",
        "mod \"f\" {\n}\nquery \"p\" {\n  title = fileexists(\"pipe\") ? \"yes\" : \"no\"\n  sql = \"x\"\n}\n"
        "query \"r\" {\n  title = fileexists(\"mod.pp\") ? \"yes\" : \"no\"\n  sql = \"x\"\n}\n");
    char p[512];
    snprintf(p, sizeof p, "%s/pipe", root);
    cr_assert_eq(mkfifo(p, 0644), 0, "%s", strerror(errno));
    lp_workspace *ws = open_ws(NULL, 0, NULL, 0);
    cr_expect_str_neq(title(ws, "f.query.p"), "yes", "a FIFO is not a regular file");
    cr_expect_str_eq(title(ws, "f.query.r"), "yes");
    lp_close(ws);
}
