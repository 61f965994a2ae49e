/* test_cli_tmpl.c — custom export templates as a Powerpipe user meets them: a template directory
 * under the install dir's check/templates (pipe-fittings filepaths.EnsureControlTemplateDir) named
 * by --export NAME, NAME.ext, a file name's extension, or --output NAME, rendered by the sanitized
 * CLI (LP_CLI) over a mod on SQLite.  Expected text is worked out here from the mod's rows and
 * Powerpipe's types (controlexecute: ControlId is the unqualified name in the main mod, rows in
 * their status order), not taken from our output.  Then Powerpipe's own templates (its mirror,
 * AGPL: read at test time, never copied here) rendered over the acceptance tests' control_rendering
 * mod on PostgreSQL must give the acceptance tests' expected files (csv, md, nunit3, html, json) as
 * check.bats compares them; and hostile templates end in Powerpipe's exit codes with the place of
 * the fault. */
#include <criterion/criterion.h>
#include <limits.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/jsontree.h"
#include "support/runfix.h"
#include "support/shared.h"
#include "support/wsfix.h"

#define HAS(s, needle) cr_assert(strstr((s), (needle)), "expected \"%s\" in:\n%s", (needle), (s))

static char *dir;
static char db[4200], inst[4200];

/* LP_CLI and LP_SHARED made absolute: the tests run in their temporary directory */
static void absolute_env(const char *name)
{
    const char *v = getenv(name);
    char abs[4096];
    if (v && *v && v[0] != '/' && realpath(v, abs)) setenv(name, abs, 1);
}

static void setup(void)
{
    absolute_env("LP_CLI");
    absolute_env("LP_SHARED");
    /* Powerpipe's source beside the project (the tests run from its root), before the chdir below */
    const char *src = getenv("LP_POWERPIPE_SRC");
    char cwd[2048], abs_src[4200];
    if (!src || !*src) src = "../powerpipe";
    if (src[0] != '/' && getcwd(cwd, sizeof cwd)) {   /* absolute even when it is not there */
        snprintf(abs_src, sizeof abs_src, "%s/%s", cwd, src);
        setenv("LP_POWERPIPE_SRC", abs_src, 1);
    } else setenv("LP_POWERPIPE_SRC", src, 1);
    dir = wf_tmpdir();
    snprintf(db, sizeof db, "%s/data.sqlite", dir);
    rf_sqlite(db, "create table t(name text, n integer);"
                  "insert into t values ('a,b', 1), ('say \"hi\"', 2), ('pi|pe', 3);");
    wf_write(dir, "mod.pp", "mod \"t\" {\n  title = \"T\"\n}\n");
    wf_write(dir, "controls.pp",
             "benchmark \"mixed\" {\n  title = \"Mixed\"\n  children = [control.ok, control.alarm]\n}\n"
             "control \"ok\" {\n  title = \"OK\"\n"
             "  sql = \"select name as resource, 'ok' as status, name as reason from t where n = 3\"\n"
             "  tags = { service = \"s3\" }\n}\n"
             "control \"alarm\" {\n  title = \"Alarm\"\n  severity = \"high\"\n"
             "  sql = \"select name as resource, case when n = 1 then 'alarm' else 'ok' end as status, "
             "name as reason, 'eu-' || n as region from t order by n\"\n"
             "  tags = { service = \"ec2\" }\n}\n"
             "benchmark \"db\" {\n  title = \"DB\"\n  type = \"detection\"\n"
             "  children = [detection.two, detection.none]\n}\n"
             "detection \"two\" {\n  title = \"Two\"\n  sql = \"select name, n from t where n <= 2 order by "
             "n\"\n}\n"
             "detection \"none\" {\n  title = \"None\"\n  sql = \"select name from t where n > 10\"\n}\n");
    snprintf(inst, sizeof inst, "%s/inst", dir);
    cr_assert_eq(chdir(dir), 0);   /* unnamed exports are written to the working directory */
}

static void teardown(void)
{
    cr_assert_eq(chdir("/"), 0);
    wf_remove(dir);
    dir = NULL;
}

TestSuite(cli_tmpl, .init = setup, .fini = teardown);

/* A template directory inst/check/templates/NAME with FILE holding TEXT. */
static void template_file(const char *name, const char *file, const char *text)
{
    char rel[600];
    snprintf(rel, sizeof rel, "inst/check/templates/%s/%s", name, file);
    wf_write(dir, rel, text);
}

/* `cd DIR && lazypipe --mod-location DIR --install-dir INST ARGS --database sqlite://DB` */
static cl_result run(const char *args)
{
    return cl_run("--mod-location %s --install-dir %s %s --database sqlite://%s --progress=false", dir, inst,
                  args, db);
}

static char *slurp(const char *path)
{
    char *s = jt_read_file(path, NULL);
    cr_assert(s, "%s was not written", path);
    return s;
}

/* The one file of dir whose name ends in suffix (malloc'd path), or NULL. */
static char *find_file(const char *in, const char *suffix)
{
    DIR *d = opendir(in);
    cr_assert(d);
    char *found = NULL;
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name), k = strlen(suffix);
        if (n > k && strcmp(e->d_name + n - k, suffix) == 0) {
            cr_assert(!found, "two files end in %s", suffix);
            found = malloc(strlen(in) + n + 2);
            sprintf(found, "%s/%s", in, e->d_name);
        }
    }
    closedir(d);
    return found;
}

/* A template over the tree's groups, controls, rows, tags, dimensions, summaries and the render
 * context, with Go's trimming and functions. */
static const char REPORT[] =
    "{{ define \"output\" -}}\n"
    "{{ range .Data.Root.Groups -}}\n"
    "# {{ .Title }}: {{ .Summary.Status.TotalCount }} results, {{ .Summary.Status.Alarm }} alarm\n"
    "{{ range .ControlRuns -}}\n"
    "## {{ .ControlId }} {{ printf \"%q\" .Severity }} {{ .Summary.PassedCount }}/{{ .Summary.TotalCount }} "
    "{{ index .Tags \"service\" }}\n"
    "{{ range $i, $r := .Rows -}}\n"
    "{{ $i }}. {{ .Status | upper }} {{ .Resource }}{{ with .GetDimensionValue \"region\" }} in {{ . }}{{ "
    "end }}\n"
    "{{ end -}}\n"
    "{{ end -}}\n"
    "{{ end -}}\n"
    "[{{ render_context.Config.Separator }}]{{ if render_context.Config.RenderHeader }} header{{ end }}\n"
    "{{ end }}\n";

static const char REPORT_OUT[] = "# Mixed: 4 results, 1 alarm\n"
                                 "## control.ok \"\" 1/1 s3\n"
                                 "0. OK pi|pe\n"
                                 "## control.alarm \"high\" 2/3 ec2\n"
                                 "0. ALARM a,b in eu-1\n"
                                 "1. OK say \"hi\" in eu-2\n"
                                 "2. OK pi|pe in eu-3\n"
                                 "[,] header\n";

Test(cli_tmpl, export_by_template_name_writes_the_default_file)
{
    template_file("report", "output.tmpl", REPORT);
    cl_result r = run("benchmark run mixed --export report");
    cr_assert_eq(r.status, 1, "an alarm exits 1; stderr: %s", r.err);   /* Powerpipe's exit code */
    char *path = find_file(dir, ".report");   /* GenerateDefaultExportFileName: NAME.TIME.report */
    cr_assert(path, "no *.report file; stderr: %s", r.err);
    char *text = slurp(path);
    cr_expect_str_eq(text, REPORT_OUT);
    free(text);
    free(path);
    cl_done(&r);
}

/* Powerpipe's default install dir is files.Tildefy("~/.powerpipe"), and a snapshot location
 * goes through filehelpers.Tildefy: both against the home directory, here $HOME. */
Test(cli_tmpl, the_home_directory_holds_the_default_install_dir_and_a_tilde_snapshot_location)
{
    char *old = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    wf_write(dir, ".powerpipe/check/templates/report/output.tmpl", REPORT);
    wf_write(dir, "snaps/.keep", "");
    setenv("HOME", dir, 1);
    cl_result r = cl_run("--mod-location %s benchmark run mixed --output report --database sqlite://%s "
                         "--progress=false --snapshot --snapshot-location ~/snaps", dir, db);
    if (old) setenv("HOME", old, 1);
    else unsetenv("HOME");
    free(old);
    cr_assert_eq(r.status, 1, "an alarm exits 1; stderr: %s", r.err);
    cr_expect(!strncmp(r.out, REPORT_OUT, strlen(REPORT_OUT)), "not the home's template: %s", r.out);
    char snaps[700], said[800];
    snprintf(snaps, sizeof snaps, "%s/snaps", dir);
    snprintf(said, sizeof said, "Snapshot saved to %s/t.benchmark.mixed.", snaps);
    cr_expect(strstr(r.out, said), "%s not in %s", said, r.out);
    char *snap = find_file(snaps, ".pps");
    cr_expect(snap, "no snapshot in $HOME/snaps; stderr: %s", r.err);
    free(snap);
    cl_done(&r);
}

Test(cli_tmpl, a_file_name_with_the_template_extension_and_output)
{
    template_file("report", "output.tmpl", REPORT);
    char args[4600], path[4400];
    snprintf(path, sizeof path, "%s/out.report", dir);
    snprintf(args, sizeof args, "benchmark run mixed --header=false --separator '|' --export %s", path);
    cl_result r = run(args);
    char *text = slurp(path);   /* the file named, with what the template made of it */
    cl_done(&r);
    cr_expect(strstr(text, "\n[|]\n") != NULL, "%s", text);   /* --separator and --header=false */
    cr_expect(strstr(text, "# Mixed: 4 results") == text, "%s", text);
    free(text);
    /* --output NAME prints it */
    r = run("benchmark run mixed --output report");
    cr_expect_eq(r.status, 1);
    cr_expect_str_eq(r.out, REPORT_OUT);
    cl_done(&r);
}

/* A directory `name.ext` is format `name` with alias `name.ext` and files `.name.ext`
 * (output_template.go); a named file only resolves by its last extension (path.Ext), and two
 * formats claiming one extension, neither the default for it, leave it to neither (export/manager.go). */
Test(cli_tmpl, a_two_part_directory_name_and_extension_clashes)
{
    template_file("brief2.txt", "output.tmpl", "{{define \"output\"}}b2 {{len .Data.Root.Groups}}{{end}}");
    cl_result r = run("benchmark run mixed --export brief2.txt");
    cr_expect_eq(r.status, 1, "%s", r.err);
    char *path = find_file(dir, ".brief2.txt");
    cr_assert(path);
    char *text = slurp(path);
    cr_expect_str_eq(text, "b2 1");
    free(text);
    free(path);
    cl_done(&r);
    r = run("benchmark run mixed --output brief2");
    cr_expect_str_eq(r.out, "b2 1");
    cl_done(&r);
    /* .txt is claimed by text and by brief2.txt: a file named *.txt resolves to nothing */
    r = run("benchmark run mixed --export x.txt");
    cr_expect_eq(r.status, 254, "%s", r.err);
    HAS(r.err, "invalid export format: 'x.txt'");
    cl_done(&r);
}

/* ExecutionTree.ControlRuns (a map: Go's templates range over it in key order) and
 * ControlRunInstances (one per parent; Powerpipe ranges over that map, so its order between controls
 * is Go's map order: ours is each control's first place in the tree, its instances together). */
Test(cli_tmpl, the_trees_control_runs_and_their_instances)
{
    wf_write(dir, "reused.pp",
             "benchmark \"outer\" {\n  children = [benchmark.b2, benchmark.b3]\n}\n"
             "benchmark \"b2\" {\n  children = [control.z, control.a]\n}\n"
             "benchmark \"b3\" {\n  children = [control.a, control.m, control.z]\n}\n"
             "control \"z\" {\n  sql = \"select 'z' as resource, 'ok' as status, 'z' as reason\"\n}\n"
             "control \"a\" {\n  sql = \"select 'a' as resource, 'ok' as status, 'a' as reason\"\n}\n"
             "control \"m\" {\n  sql = \"select 'm' as resource, 'ok' as status, 'm' as reason\"\n}\n");
    template_file("runs", "output.tmpl",
                  "{{define \"output\"}}{{range $k, $v := .Data.ControlRuns}}{{$k}}={{$v.ControlId}} {{end}}|"
                  "{{range .Data.ControlRunInstances}} {{.ControlId}}<{{.Group.GroupId}}{{end}}{{end}}");
    cl_result r = run("benchmark run outer --output runs");
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out, "t.control.a=control.a t.control.m=control.m t.control.z=control.z | "
                            "control.z<t.benchmark.b2 control.z<t.benchmark.b3 control.a<t.benchmark.b2 "
                            "control.a<t.benchmark.b3 control.m<t.benchmark.b3");
    cl_done(&r);
}

Test(cli_tmpl, unknown_names_keep_the_message)
{
    template_file("report", "output.tmpl", REPORT);
    cl_result r = run("benchmark run mixed --export nosuch");
    cr_expect_eq(r.status, 254);
    HAS(r.err, "invalid export format: 'nosuch'");
    cl_done(&r);
    r = run("benchmark run mixed --output nosuch");
    cr_expect_neq(r.status, 0);
    HAS(r.err, "invalid argument \"nosuch\" for \"--output\"");
    cl_done(&r);
}

/* A directory with a built-in's name: Powerpipe rewrites it with its own template unless its
 * version.json is the built-in's (formatter_fs.go), and renders what is there. */
Test(cli_tmpl, a_built_in_name_renders_the_users_template_when_powerpipe_would)
{
    template_file("md", "version.json", "{\n  \"version\": \"1.1.0\"\n}\n");
    template_file("md", "output.tmpl", "{{define \"output\"}}my md: {{.Data.Root.Groups | len}}{{end}}");
    template_file("csv", "version.json", "{\"version\": \"0.0.1\"}");
    template_file("csv", "output.tmpl", "{{define \"output\"}}not Powerpipe's{{end}}");
    cl_result r = run("benchmark run mixed --output md");
    cr_expect_str_eq(r.out, "my md: 1");
    cl_done(&r);
    r = run("benchmark run mixed --output csv --header=false");   /* rewritten by Powerpipe: its csv */
    HAS(r.out, "control.alarm");
    cl_done(&r);
}

/* The export is written whole or not at all: a failing template leaves the file as it was. */
Test(cli_tmpl, a_failing_template_leaves_the_file_and_names_the_place)
{
    template_file("loop", "output.tmpl", "{{define \"output\"}}x{{template \"output\" .}}{{end}}");
    wf_write(dir, "keep.loop", "before\n");
    cl_result r = cl_run("--mod-location %s --install-dir %s benchmark run mixed --database sqlite://%s "
                         "--progress=false --export %s/keep.loop",
                         dir, inst, db, dir);
    cr_expect_eq(r.status, 2, "an export error counts as a control error: %s", r.err);
    HAS(r.err, "template: output.tmpl:1:");
    HAS(r.err, "exceeded maximum template depth");
    cl_done(&r);
    char path[4400];
    snprintf(path, sizeof path, "%s/keep.loop", dir);
    char *text = slurp(path);
    cr_expect_str_eq(text, "before\n");
    free(text);
}

/* The same failure with --output NAME: Powerpipe's TemplateFormatter.Format pipes ExecuteTemplate's
 * writes to io.Copy(os.Stdout), so what was made before the error is printed, then the error; and
 * runCheckCmd's totalErrors++ for it is overwritten by the tree's summary right after, so the exit
 * status is the controls' (here 1: an alarm), where a failed export (above) adds an error after: 2. */
Test(cli_tmpl, a_template_failing_in_output_prints_what_it_made_and_keeps_the_controls_status)
{
    template_file("half", "output.tmpl", "{{define \"output\"}}made before{{index .Data 1}}never{{end}}");
    cl_result r = run("benchmark run mixed --output half");
    cr_expect_eq(r.status, 1, "the controls' status (an alarm): %d, stderr %s", r.status, r.err);
    cr_expect_str_eq(r.out, "made before");
    HAS(r.err, "template: output.tmpl:1:");
    cl_done(&r);
}

/* Powerpipe parses every template at init: a bad one fails the run, as FailOnErrorWithMessage
 * (255) when exports are asked for, else as an init error (250), with Go's parse message. */
Test(cli_tmpl, a_template_that_does_not_parse_fails_the_run)
{
    template_file("bad", "output.tmpl", "{{define \"output\"}}\n{{if .Data}}\n{{end}");
    cl_result r = run("benchmark run mixed --export bad");
    cr_expect_eq(r.status, 255, "%s", r.err);
    HAS(r.err, "failed to load exporters: could not load template '");
    HAS(r.err, "template: output.tmpl:3: ");
    cl_done(&r);
    r = run("benchmark run mixed --output text");
    cr_expect_eq(r.status, 250, "%s", r.err);
    HAS(r.err, "could not load template '");
    cl_done(&r);
    /* a name taken twice */
    teardown();
    setup();
    template_file("text", "output.tmpl", "{{define \"output\"}}{{end}}");
    r = run("benchmark run mixed --export csv");
    cr_expect_eq(r.status, 255);
    HAS(r.err, "duplicate format name text");
    cl_done(&r);
}

/* ------------------------------------------------------------ detection runs */

/* detection_templates (EnsureDetectionTemplateDir) over the DetectionBenchmarkDisplayTree: the
 * benchmark's title and Summary.Count (SetSummary: its last child's rows, so 0 here, the last
 * detection finding none), each DetectionRun's name, status and rows */
Test(cli_tmpl, a_detection_template)
{
    wf_write(dir, "inst/check/detection_templates/rows/output.tmpl",
             "{{define \"output\"}}{{with index .Data.Root.Groups 0}}{{.Title}} {{.Summary.Count}}\n"
             "{{range .DetectionRuns}}{{.Name}} {{.Status}}{{range .Data.Rows}} [{{.name}}={{.n}}]{{end}}\n"
             "{{end}}{{end}}{{end}}");
    cl_result r = run("detection run benchmark.db --output rows");
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_str_eq(r.out,
                     "DB 0\nt.detection.two complete [a,b=1] [say \"hi\"=2]\nt.detection.none complete\n");
    cl_done(&r);
    char args[4600], path[4400];
    snprintf(path, sizeof path, "%s/d.rows", dir);
    snprintf(args, sizeof args, "detection run benchmark.db --export %s", path);
    r = run(args);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cl_done(&r);
    char *text = slurp(path);
    cr_expect(strncmp(text, "DB 0\n", 5) == 0, "%s", text);
    free(text);
    /* a control run does not see the detection templates */
    r = run("benchmark run mixed --output rows");
    HAS(r.err, "invalid argument \"rows\" for \"--output\"");
    cl_done(&r);
}

/* ------------------------------------------------------------ Powerpipe's own templates */

/* Powerpipe's source tree: $LP_POWERPIPE_SRC, else a checkout beside the project (as ../shared is). */
static const char *powerpipe_src(void)
{
    return getenv("LP_POWERPIPE_SRC");   /* made absolute by setup */
}

/* Copy Powerpipe's built-in template NAME (its files but version.json) into inst/check/templates/AS
 * (git show from its source). */
static int copy_builtin(const char *name, const char *as)
{
    char cmd[9000], d[4400];
    snprintf(d, sizeof d, "%s/check/templates/%s", inst, as);
    snprintf(cmd, sizeof cmd,
             "mkdir -p %s && for f in $(git -C %s ls-tree --name-only HEAD "
             "internal/controldisplay/templates/%s/); do "
             "case $f in */version.json) ;; *) git -C %s show HEAD:$f > %s/${f##*/} || exit 1;; esac; done",
             d, powerpipe_src(), name, powerpipe_src(), d);
    return system(cmd) == 0 ? 0 : -1;
}

/* text without its trailing newlines and without `count` lines from line `drop` (1-based; 0: none),
 * as check.bats compares "$(cat FILE)" after `sed -i Nd` */
static char *normalized(const char *text, int drop, int count)
{
    char *out = malloc(strlen(text) + 1), *o = out;
    int line = 1;
    for (const char *p = text; *p; p++) {
        if (!drop || line < drop || line >= drop + count) *o++ = *p;
        if (*p == '\n') line++;
    }
    while (o > out && o[-1] == '\n') o--;
    *o = '\0';
    return out;
}

/* Powerpipe's detection json template (toPrettyJson .Data.Root) gives what `--output json` prints */
Test(cli_tmpl, powerpipes_detection_json_template_is_our_json)
{
    struct stat st;
    if (stat(powerpipe_src(), &st) != 0)
        ts_skip("Powerpipe's source (its templates, AGPL, not in this repository) is not at %s: set "
                "LP_POWERPIPE_SRC", powerpipe_src());
    char cmd[9000];
    snprintf(cmd, sizeof cmd,
             "mkdir -p %s/check/detection_templates/pjson && git -C %s show "
             "HEAD:internal/controldisplay/detection_templates/json/output.tmpl > "
             "%s/check/detection_templates/pjson/output.tmpl",
             inst, powerpipe_src(), inst);
    cr_assert_eq(system(cmd), 0);
    cl_result a = run("detection run benchmark.db --output pjson"),
              b = run("detection run benchmark.db --output json");
    cr_expect_eq(a.status, 0, "%s", a.err);
    cr_expect_str_eq(a.out, b.out);
    cl_done(&a);
    cl_done(&b);
}

Test(cli_tmpl, powerpipes_templates_render_the_acceptance_tests_expected_files)
{
    const char *mod = ts_shared("testdata/powerpipe/acceptance/test_data/mods/control_rendering_test_mod");
    char mod_dir[4096];
    snprintf(mod_dir, sizeof mod_dir, "%s", mod);
    const char *expected = ts_shared("testdata/powerpipe/acceptance/test_data/templates");
    char exp_dir[4096];
    snprintf(exp_dir, sizeof exp_dir, "%s", expected);
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/internal/controldisplay/templates/md/output.tmpl", powerpipe_src());
    struct stat st;
    if (stat(powerpipe_src(), &st) != 0)
        ts_skip("Powerpipe's source (its templates, AGPL, not in this repository) is not at %s: set "
                "LP_POWERPIPE_SRC", powerpipe_src());
    /* under other names, so that ours do not answer for them */
    cr_assert_eq(copy_builtin("csv", "pcsv"), 0);
    cr_assert_eq(copy_builtin("md", "pmd"), 0);
    /* (as "pnunit.xml" it would claim .xml with nunit3.xml, and neither would have it) */
    cr_assert_eq(copy_builtin("nunit3.xml", "pnunit"), 0);
    cr_assert_eq(copy_builtin("json", "pjson"), 0);
    cr_assert_eq(copy_builtin("html", "phtml"), 0);
    static const struct {
        const char *export, *file, *expected;
        int drop, count;   /* check.bats: md's report line 42, nunit3's duration line 6, html's footer */
    } CASES[] = {
        { "out.pcsv", "out.pcsv", "expected_check_csv.csv", 0, 0 },
        { "out.pmd", "out.pmd", "expected_check_markdown.md", 42, 1 },
        { "out.pnunit", "out.pnunit", "expected_check_nunit3.xml", 6, 1 },
        { "out.phtml", "out.phtml", "expected_check_html.html", 642, 3 },
    };
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        cl_result r = cl_run("--mod-location %s --install-dir %s control run sample_control_mixed_results_1 "
                             "--database %s --progress=false --export %s/%s",
                             mod_dir, inst, ts_pg_url(), dir, CASES[i].export);
        cr_expect_eq(r.status, 2, "%s: %s", CASES[i].export, r.err);   /* the control has errors */
        cl_done(&r);
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", dir, CASES[i].file);
        char *ours = slurp(path);
        snprintf(path, sizeof path, "%s/%s", exp_dir, CASES[i].expected);
        char *theirs = slurp(path);
        char *a = normalized(ours, CASES[i].drop, CASES[i].count), *b = normalized(theirs, 0, 0);
        cr_expect_str_eq(a, b, "%s", CASES[i].export);
        free(a);
        free(b);
        free(ours);
        free(theirs);
    }
    /* json: the same document (check.bats compares it with jd); the format named json is indented */
    cl_result r = cl_run("--mod-location %s --install-dir %s control run sample_control_mixed_results_1 "
                         "--database %s --progress=false --output pjson",
                         mod_dir, inst, ts_pg_url());
    char path[4400];
    snprintf(path, sizeof path, "%s/expected_check_json.json", exp_dir);
    char *theirs = slurp(path), err[256];
    jt *a = jt_parse(r.out, strlen(r.out), err, sizeof err),
       *b = jt_parse(theirs, strlen(theirs), err, sizeof err);
    cr_assert(a && b, "%s\n%s", err, r.out);
    char why[512];
    cr_expect(jt_equal(a, b, why, sizeof why), "%s", why);
    jt_free(a);
    jt_free(b);
    free(theirs);
    cl_done(&r);
}
