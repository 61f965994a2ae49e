/* test_cli_check.c — `control run`, `benchmark run` and `query run` as a user
 * meets them: the sanitized CLI (LP_CLI) run against SQLite files this test
 * makes, checking exit status, stdout, stderr and exported files.  Expected
 * text is Powerpipe's (its csv template through encoding/csv, its table
 * printer, its exit codes), written out here rather than taken from
 * lazypipe's own output. */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/wsfix.h"
#include "support/jsontree.h"
#include "support/runfix.h"

#define HAS(s, needle) cr_assert(strstr((s), (needle)), "expected \"%s\" in:\n%s", (needle), (s))
#define HASNT(s, needle) cr_assert(!strstr((s), (needle)), "did not expect \"%s\" in:\n%s", (needle), (s))

static char *dir;
static char db[4200];

/* A table of three rows whose text needs csv quoting (a comma, a quote, a pipe). */
static void make_db(void)
{
    snprintf(db, sizeof db, "%s/data.sqlite", dir);
    rf_sqlite(db, "create table t(name text, n integer);"
                  "insert into t values ('a,b', 1), ('say \"hi\"', 2), ('pi|pe', 3);");
}

static void setup(void)
{
    dir = wf_tmpdir();
    make_db();
    wf_write(dir, "mod.pp", "mod \"t\" {\n  title = \"T\"\n}\n");
    wf_write(dir, "controls.pp",
             "benchmark \"all_ok\" {\n  title = \"All OK\"\n  children = [control.ok]\n}\n"
             "benchmark \"mixed\" {\n  title = \"Mixed\"\n  children = [control.ok, control.alarm]\n}\n"
             "benchmark \"broken\" {\n  title = \"Broken\"\n  children = [control.ok, control.alarm, "
             "control.err]\n}\n"
             "control \"ok\" {\n"
             "  title = \"\xe6\x8a\xa5\xe5\x91\x8a OK control with a long wide title "
             "\xe6\x8a\xa5\xe5\x91\x8a\xe6\x8a\xa5\xe5\x91\x8a\xe6\x8a\xa5\xe5\x91\x8a\"\n"
             "  sql = \"select name as resource, 'ok' as status, name as reason from t where n = 3\"\n"
             "  tags = { service = \"s3\" }\n}\n"
             "control \"alarm\" {\n  title = \"Alarm\"\n  severity = \"high\"\n"
             "  sql = \"select name as resource, case when n = 1 then 'alarm' else 'ok' end as status, "
             "name as reason, 'eu-' || n as region from t order by n\"\n"
             "  tags = { service = \"ec2\" }\n}\n"
             "control \"err\" {\n  title = \"Err\"\n  sql = \"select nope from nowhere\"\n}\n"
             "query \"q\" {\n  sql = \"select name, n from t where n >= $1 order by n\"\n"
             "  param \"min\" {\n    default = 0\n  }\n}\n"
             "query \"two\" {\n  sql = \"select $1 as a, $2 as b\"\n  param \"x\" {\n  }\n"
             "  param \"y\" {\n    default = \"yy\"\n  }\n}\n");
}

static void teardown(void)
{
    wf_remove(dir);
    dir = NULL;
}

/* `lazypipe --mod-location DIR <args> --database sqlite://DB` */
#define RUN(fmt, ...) cl_run("--mod-location %s " fmt " --database sqlite://%s", dir, __VA_ARGS__, db)
/* `lazypipe --mod-location DIR ARGS --database sqlite://DB` does what the cl_want fields given say. */
#define EXPECT(args, ...)                                                                                    \
    cl_expect_want(&(cl_want){ __VA_ARGS__ }, "--mod-location %s %s --database sqlite://%s", dir, (args), db)

static char *slurp(const char *path)
{
    char *s = jt_read_file(path, NULL);
    cr_assert(s, "%s was not written", path);
    return s;
}

/* The file dir/name a command exported (malloc'd); asserts it was written. */
static char *exported(const char *name)
{
    char path[4300];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return slurp(path);
}

TestSuite(cli_check, .init = setup, .fini = teardown);

/* ------------------------------------------------------------ csv */

static const char CSV_HEAD[] = "group_id,title,description,control_id,control_title,control_description,"
                               "reason,resource,status,severity,region,service\n";

Test(cli_check, csv_quotes_as_encoding_csv_does)
{
    char want[1024];
    snprintf(want, sizeof want,
             "%sroot_result_group,Alarm,,control.alarm,Alarm,,\"a,b\",\"a,b\",alarm,high,eu-1,ec2\n"
             "root_result_group,Alarm,,control.alarm,Alarm,,\"say \"\"hi\"\"\",\"say "
             "\"\"hi\"\"\",ok,high,eu-2,ec2\n"
             "root_result_group,Alarm,,control.alarm,Alarm,,pi|pe,pi|pe,ok,high,eu-3,ec2\n\n",
             CSV_HEAD);
    EXPECT("control run control.alarm --output csv", .status = 1, .out_is = want);   /* an alarm exits 1 */
}

Test(cli_check, csv_separator_quotes_the_separator_not_the_comma)
{
    EXPECT("control run control.alarm --output csv --separator '|' --header=false", .status = 1,
           .out_is =
               "root_result_group|Alarm||control.alarm|Alarm||a,b|a,b|alarm|high|eu-1|ec2\n"
               "root_result_group|Alarm||control.alarm|Alarm||\"say \"\"hi\"\"\"|\"say \"\"hi\"\"\"|ok|high|"
               "eu-2|ec2\n"
               "root_result_group|Alarm||control.alarm|Alarm||\"pi|pe\"|\"pi|pe\"|ok|high|eu-3|ec2\n\n");
}

Test(cli_check, csv_separator_of_two_characters_is_refused)
{
    EXPECT("control run control.alarm --output csv --separator ';;'", .status = 254, .out_is = "",
           .err = { "'--separator' can be 1 character long at most" });
}

Test(cli_check, csv_header_has_every_dimension_of_the_benchmark)
{
    /* the ok control has no region: its rows leave the column empty */
    cl_result r = RUN("benchmark run %s --output csv", "benchmark.mixed");
    cr_assert_eq(r.status, 1);
    cr_assert(strncmp(r.out, CSV_HEAD, strlen(CSV_HEAD)) == 0, "%s", r.out);
    HAS(r.out, "t.benchmark.mixed,Mixed,,control.ok,");
    HAS(r.out, ",pi|pe,pi|pe,ok,,,s3\n");
    cl_done(&r);
}

/* ------------------------------------------------------------ text */

/* Powerpipe counts a width in runes (helpers.PrintableLength), wide or not. */
static size_t runes(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

Test(cli_check, text_cuts_a_wide_title_to_the_display_width)
{
    setenv("POWERPIPE_DISPLAY_WIDTH", "50", 1);
    cl_result r = RUN("control run %s --progress=false", "control.ok");
    cr_assert_eq(r.status, 0, "%s", r.err);
    const char *line = strstr(r.out, "+ \xe6\x8a\xa5\xe5\x91\x8a OK");
    cr_assert(line, "%s", r.out);
    size_t n = strcspn(line, "\n");
    cr_assert_eq(runes(line, n), 50, "the heading is %zu runes:\n%s", runes(line, n), r.out);
    HAS(r.out, "\xe2\x80\xa6 0 / 1 [==========]");   /* the title ends in "…" before the counter */
    HASNT(r.out, "\033[");                               /* no colour into a pipe */
    /* every line within the width */
    for (const char *p = r.out; *p;) {
        size_t len = strcspn(p, "\n");
        cr_assert(runes(p, len) <= 50, "line of %zu runes: %.*s", runes(p, len), (int)len, p);
        p += len + (p[len] == '\n');
    }
    cl_done(&r);
}

/* ------------------------------------------------------------ exit codes */

Test(cli_check, exit_codes_ok_alarm_error)
{
    struct {
        const char *target;
        int status;
    } cases[] = { { "benchmark.all_ok", 0 }, { "benchmark.mixed", 1 }, { "benchmark.broken", 2 } };
    for (size_t i = 0; i < 3; i++) {
        cl_result r = RUN("benchmark run %s --output none", cases[i].target);
        cr_assert_eq(r.status, cases[i].status, "%s: %d\n%s", cases[i].target, r.status, r.err);
        cl_done(&r);
    }
    EXPECT("control run control.err --output csv", .status = 2,
           .out = { ",control.err,Err,,no such table: nowhere,,error," });
    EXPECT("benchmark run benchmark.nonesuch", .status = 250);
}

/* `lazypipe args` under a file size limit of 0 with SIGXFSZ ignored (a write to a file fails with
 * EFBIG), its stdout and stderr through one pipe (cl_run's files would fail too): its exit status,
 * *out (malloc'd) what it printed. */
static int run_without_files(const char *args, char **out)
{
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "%s --mod-location %s %s --database sqlite://%s 2>&1", getenv("LP_CLI"), dir,
             args, db);
    struct rlimit was;
    cr_assert_eq(getrlimit(RLIMIT_FSIZE, &was), 0);
    signal(SIGXFSZ, SIG_IGN);
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &(struct rlimit){ .rlim_cur = 0, .rlim_max = was.rlim_max }), 0);
    int fd, pid = cl_spawn_piped(cmd, NULL, &fd);
    setrlimit(RLIMIT_FSIZE, &was);
    signal(SIGXFSZ, SIG_DFL);
    size_t len = 0, cap = 1 << 16;
    *out = malloc(cap);
    cr_assert(*out);
    for (ssize_t n; (n = read(fd, *out + len, cap - 1 - len)) > 0;) {
        len += (size_t)n;
        if (len + 1 == cap) cr_assert((*out = realloc(*out, cap *= 2)));
    }
    (*out)[len] = 0;
    close(fd);
    long rss;
    return cl_wait_rss(pid, &rss);
}

/* A control's rows are spooled to a temporary file for the formats to read back.  Without room for
 * files the csv run cannot keep them (a query's table neither): it says so and fails with Powerpipe's "file
 * system access failed" (253), rather than print a document without its rows (it printed the header alone and
 * exited 1, as for an alarm).  With --output none and no export nothing reads rows back, so that
 * run spools none and succeeds (the workspace's image is written by a run before the limit). */
Test(cli_check, output_none_needs_no_temporary_file)
{
    EXPECT("benchmark run benchmark.mixed --output none", .status = 1);
    char *csv, *quiet;
    int csv_status = run_without_files("benchmark run benchmark.mixed --output csv", &csv);
    int quiet_status = run_without_files("benchmark run benchmark.mixed --output none", &quiet);
    cr_assert_eq(csv_status, 253, "the csv run lost its rows without an error (exit %d):\n%s", csv_status,
                 csv);
    HAS(csv, "temporary file space");
    cr_assert_eq(quiet_status, 1, "--output none: exit %d\n%s", quiet_status, quiet);
    cr_assert_str_empty(quiet);
    free(csv);
    free(quiet);
    /* a query's table is spooled for its column widths: no file, no silent empty table */
    char *table;
    int table_status = run_without_files("query run 'select name from t' --output table", &table);
    cr_assert_eq(table_status, 1, "query run: exit %d\n%s", table_status, table);
    HAS(table, "temporary file space for the rows");
    free(table);
}

/* Rows the table t has whose name is `name` (a control that inserts leaves them). */
static int rows_named(const char *name)
{
    sqlite3 *h;
    cr_assert_eq(sqlite3_open(db, &h), SQLITE_OK);
    sqlite3_stmt *st;
    cr_assert_eq(sqlite3_prepare_v2(h, "select count(*) from t where name = ?", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return n;
}

/* Every target is found before any runs (Powerpipe resolves them all first): with the second one
 * unknown, the first one's statement (which inserts a row, so its running is seen) never runs. */
Test(cli_check, an_unknown_target_runs_nothing)
{
    wf_write(dir, "writer.pp",
             "control \"writer\" {\n  title = \"Writer\"\n"
             "  sql = \"insert into t(name, n) values ('ran', 9) returning name as resource, 'ok' as status, "
             "'wrote' as reason\"\n}\n");
    EXPECT("control run writer nonesuch --output none", .status = 250,
           .err = { "control 'nonesuch' not found" });
    cr_assert_eq(rows_named("ran"), 0, "the known target ran before the unknown one failed the command");
    EXPECT("control run writer --output none", .status = 0);   /* and alone it does run */
    cr_assert_eq(rows_named("ran"), 1);
}

/* An empty --database is an error, not the default Steampipe service. */
Test(cli_check, an_empty_database_is_refused)
{
    cl_result r = cl_run("--mod-location %s query run 'select 1' --database ''", dir);
    cr_assert_neq(r.status, 0, "%s", r.out);
    HAS(r.err, "the database is empty");
    cl_done(&r);
    cl_expect(250, NULL, "the database is empty", "--mod-location %s control run ok --database ''", dir);
}

/* ------------------------------------------------------------ hostile values */

/* A control whose rows carry what a database can hold: markup, an ANSI escape and an OSC 52
 * clipboard write, a bidi override, a CDATA end, a pipe and backticks. */
static void hostile_control(void)
{
    rf_sqlite(db, "create table evil(reason text, res text, dim text);"
                  "insert into evil values ('<script>alert(1)</script> a & b ]]> c | d',"
                  " 'r\"><img src=x onerror=alert(2)>', 'x`y|z');"
                  "insert into evil values ('red ' || char(27) || '[31m' || char(27) || ']52;c;cm0gLXJm' || "
                  "char(7) || ' ' || char(8238) || 'txt.exe', 'r2', 'v' || char(27) || '[2J');");
    wf_write(dir, "evil.pp",
             "control \"evil\" {\n  title = \"Evil <b>bold</b>\"\n"
             "  sql = \"select res as resource, 'alarm' as status, reason, dim from evil\"\n}\n");
}

/* Exports escape every value for their document (Powerpipe's templates do not): no markup from the
 * data in HTML or Markdown, and NUnit XML that an XML parser reads. */
Test(cli_check, exports_escape_values_for_their_document)
{
    hostile_control();
    cl_result r = RUN("control run %s --output none --export %s/e.html --export %s/e.md --export %s/e.xml",
                      "evil", dir, dir, dir);
    cr_assert_eq(r.status, 1, "%d\n%s", r.status, r.err);
    cl_done(&r);
    char *html = exported("e.html");
    HASNT(html, "<script>");
    HASNT(html, "<img");
    HASNT(html, "<b>bold");
    HAS(html, "&lt;script&gt;alert(1)&lt;/script&gt; a &amp; b ]]&gt; c | d");
    HAS(html, "title=\"Resource: r&#34;&gt;&lt;img src=x onerror=alert(2)&gt;\"");
    char *md = exported("e.md");
    HASNT(md, "<script>");
    HAS(md, "| &lt;script&gt;alert(1)&lt;/script&gt; a &amp; b ]]&gt; c \\| d| ``x`y\\|z`` ");
    char *xml = exported("e.xml");
    HAS(xml, "<message><![CDATA[<script>alert(1)</script> a & b ]]]]><![CDATA[> c | d]]></message>");
    HASNT(xml, "\033");
    /* well-formed: the export is a sequence of elements, read as one document under a root */
    char cmd[9000];
    snprintf(
        cmd, sizeof cmd,
        "python3 -c 'import sys, xml.dom.minidom as m; m.parseString(\"<r>\" + open(sys.argv[1]).read() + "
        "\"</r>\")' %s/e.xml",
        dir);
    cr_assert_eq(system(cmd), 0, "e.xml is not well-formed XML:\n%s", xml);
    free(html);
    free(md);
    free(xml);
}

/* On a terminal the text output and stderr show control characters escaped; piped, csv keeps the
 * database's bytes. */
Test(cli_check, a_terminal_sees_control_characters_escaped)
{
    hostile_control();
    /* script(1) gives the command a terminal; its transcript is the screen */
    char cmd[9000], screen[4300];
    snprintf(screen, sizeof screen, "%s/screen.txt", dir);
    snprintf(
        cmd, sizeof cmd,
        "script -q -e -c \"NO_COLOR=1 POWERPIPE_DISPLAY_WIDTH=200 $LP_CLI --mod-location %s control run evil "
        "--database sqlite://%s\" /dev/null </dev/null >%s 2>&1",
        dir, db, screen);
    cr_assert_neq(system(cmd), -1);
    char *out = slurp(screen);
    HAS(out, "red ^[[31m^[]52;c;cm0gLXJm^G <U+202E>txt.exe");
    HAS(out, "v^[[2J");
    HASNT(out, "\033[2J");
    HASNT(out, "\033]52");
    free(out);
    cl_result r = RUN("control run %s --output csv", "evil");
    HAS(r.out, "red \033[31m\033]52;c;cm0gLXJm\a \xe2\x80\xaetxt.exe");
    cl_done(&r);
}

/* The screen of `lazypipe ARGS` run on a terminal (script(1)), stdout and stderr together. */
static char *on_a_terminal(const char *args)
{
    char cmd[9000], screen[4300];
    snprintf(screen, sizeof screen, "%s/screen.txt", dir);
    snprintf(cmd, sizeof cmd,
             "script -q -e -c \"NO_COLOR=1 POWERPIPE_DISPLAY_WIDTH=200 $LP_CLI --mod-location %s %s "
             "--database sqlite://%s\" /dev/null </dev/null >%s 2>&1",
             dir, args, db, screen);
    cr_assert_neq(system(cmd), -1);
    return slurp(screen);
}

/* `query run`'s table, csv, line and json on a terminal show the database's control characters
 * escaped (ESC and OSC sequences, BEL, bidi overrides), as control run does; piped, csv and json
 * keep its bytes.  An SQL error quoting them, and an invalid status, are escaped too (issue 33 §5:
 * query run wrote them raw). */
Test(cli_check, query_run_on_a_terminal_shows_control_characters_escaped)
{
    hostile_control();
    wf_write(dir, "q.pp",
             "query \"evil_q\" { sql = \"select reason, dim from evil where res = 'r2'\" }\n"
             "query \"bad_q\" { sql = \"select * from \\\"t\\u001b[2Jx\\\"\" }\n"
             "control \"bad_status\" { sql = \"select 'ok' || dim as status, 'r' as reason, 'x' as resource "
             "from evil where res = 'r2'\" }\n");
    static const char *const formats[] = { "table", "csv", "line", "json" };
    for (int i = 0; i < 4; i++) {
        char args[100];
        snprintf(args, sizeof args, "query run evil_q --output %s", formats[i]);
        char *out = on_a_terminal(args);
        /* json writes ESC and BEL as \u001b and \u0007 itself */
        HAS(out, i == 3 ? "red \\u001b[31m\\u001b]52;c;cm0gLXJm\\u0007 <U+202E>txt.exe"
                        : "red ^[[31m^[]52;c;cm0gLXJm^G <U+202E>txt.exe");
        HAS(out, i == 3 ? "v\\u001b[2J" : "v^[[2J");
        HASNT(out, "\033[31m");
        HASNT(out, "\033]52");
        HASNT(out, "\033[2J");
        HASNT(out, "\xe2\x80\xae");
        free(out);
    }
    char *err = on_a_terminal("query run bad_q");
    HAS(err, "no such table: t^[[2Jx");
    HASNT(err, "\033[2J");
    free(err);
    err = on_a_terminal("control run bad_status --progress=false");
    HAS(err, "invalid control status 'okv^[[2J'");
    HASNT(err, "\033[2J");
    free(err);
    /* piped: the database's bytes */
    cl_result r = RUN("query run %s --output csv", "evil_q");
    HAS(r.out, "red \033[31m\033]52;c;cm0gLXJm\a \xe2\x80\xaetxt.exe,v\033[2J");
    cl_done(&r);
    r = RUN("query run %s --output json", "evil_q");
    HAS(r.out, "\"reason\": \"red \\u001b[31m\\u001b]52;c;cm0gLXJm\\u0007 \xe2\x80\xaetxt.exe\"");
    cl_done(&r);
}

/* ------------------------------------------------------------ exports */

Test(cli_check, several_exports_at_once)
{
    cl_result r =
        RUN("benchmark run %s --output none --export %s/out.csv --export %s/out.json --export %s/out.html "
            "--export %s/out.md",
            "benchmark.mixed", dir, dir, dir, dir);
    cr_assert_eq(r.status, 1, "%s", r.err);
    char *csv = exported("out.csv");
    cr_assert(strncmp(csv, CSV_HEAD, strlen(CSV_HEAD)) == 0, "%s", csv);
    HAS(csv, "control.alarm,Alarm,,\"a,b\"");
    char *json = exported("out.json");
    HAS(json, "\"group_id\": \"t.benchmark.mixed\"");
    HAS(json, "\"alarm\": 1");
    char *html = exported("out.html");
    HAS(html, "<h1 class=\"title\">Mixed</h1>");
    /* a quote in an attribute is escaped (Powerpipe's text/template leaves it and cuts the attribute
     * short), not in text */
    HAS(html, "<td title=\"Resource: say &#34;hi&#34;\">say \"hi\"</td>");
    char *md = exported("out.md");
    HAS(md, "# Mixed");
    /* the export message names each file */
    HAS(r.out, "File exported to ");
    HAS(r.out, "out.html");
    free(csv);
    free(json);
    free(html);
    free(md);
    cl_done(&r);
}

Test(cli_check, an_unknown_export_format_is_refused)
{
    char args[4200];
    snprintf(args, sizeof args, "benchmark run benchmark.mixed --export %s/out.bogus", dir);
    EXPECT(args, .status = 254, .err = { "invalid export format" });
}

/* ------------------------------------------------------------ --tag, --dry-run */

Test(cli_check, tag_filters_keep_matching_controls)
{
    /* only the alarm control runs, then only the ok one */
    EXPECT("benchmark run benchmark.broken --output csv --tag service=ec2", .status = 1,
           .out = { "control.alarm" }, .not_out = { "control.ok", "control.err" });
    EXPECT("benchmark run benchmark.mixed --output csv --tag service!=ec2", .status = 0,
           .out = { "control.ok" }, .not_out = { "control.alarm" });
}

/* --where: Powerpipe's clause over each control's show data (Control.GetShowData: lower-case
 * field names; a nil *string is "", tags print as Go's map[k:v]); a group left without a control
 * is dropped, as with --tag.  Which controls run is read off the csv's control_id column. */
static const struct {
    const char *where;
    const char *runs;           /* the controls that run: "ok alarm err" */
} WHERE_CASES[] = {
    { "name = 'alarm'", "alarm" },
    { "Name = 'alarm'", "alarm" },                  /* unquoted: lower-cased */
    { "\\\"Name\\\" = 'alarm'", "" },             /* quoted (shell-escaped): no field "Name" */
    { "severity = 'high'", "alarm" },
    { "severity = ''", "ok err" },
    { "tags = 'map[service:s3]'", "ok" },
    { "tags = 'map[]'", "err" },
    { "title ilike 'e%'", "err" },
    { "name in ('ok', 'err')", "ok err" },
    { "name not in ('ok')", "alarm err" },
    { "name not like 'a%'", "ok err" },
    { "description = ''", "ok alarm err" },
    { "mod = 't'", "ok alarm err" },
    { "width = '0'", "ok alarm err" },
    { "name < 'z'", "" },                           /* parses; evaluate() matches nothing */
    { "nosuch = ''", "" },                          /* no such field: excluded */
};

Test(cli_check, where_runs_exactly_the_matching_controls)
{
    static const char *const controls[] = { "ok", "alarm", "err" };
    for (size_t i = 0; i < sizeof WHERE_CASES / sizeof *WHERE_CASES; i++) {
        cl_result r =
            RUN("benchmark run %s --output csv --where \"%s\"", "benchmark.broken", WHERE_CASES[i].where);
        cr_assert(r.status < 250, "[%s] %d: %s", WHERE_CASES[i].where, r.status, r.err);
        for (int c = 0; c < 3; c++) {
            char id[64], word[16];
            snprintf(id, sizeof id, ",control.%s,", controls[c]);
            snprintf(word, sizeof word, "%s", controls[c]);
            const char *runs = WHERE_CASES[i].runs;
            int want = 0;
            for (const char *p = runs; (p = strstr(p, word)); p += strlen(word))
                if ((p == runs || p[-1] == ' ') && (p[strlen(word)] == ' ' || !p[strlen(word)])) want = 1;
            cr_expect_eq(strstr(r.out, id) != NULL, want, "[%s] control.%s %s", WHERE_CASES[i].where,
                         controls[c], want ? "should run" : "should not run");
        }
        cl_done(&r);
    }
}

Test(cli_check, where_applies_to_control_run_too)
{
    /* the alarm runs, then nothing does */
    EXPECT("control run control.alarm --output csv --where \"severity = 'high'\"", .status = 1,
           .out = { ",control.alarm," });
    EXPECT("control run control.alarm --output csv --where \"severity = 'low'\"", .status = 0,
           .not_out = { ",control.alarm," });
}

Test(cli_check, where_errors_are_powerpipes)
{
    /* validateCheckArgs: wrong inputs, 254 */
    EXPECT("benchmark run benchmark.broken --where \"name = 'ok'\" --tag service=s3", .status = 254,
           .err = { "only 1 of '--where' and '--tag' may be set" });
    /* building the execution tree: FailOnError's panic, 255 */
    EXPECT("benchmark run benchmark.broken --where \"name = 'ok' and title = 'x'\"", .status = 255,
           .err = { "failed to convert 'where' arg to qual" }, .not_out = { "control.ok" });
    EXPECT("benchmark run benchmark.broken --where \"name =\"", .status = 255,
           .err = { "failed to parse 'where' property: 1:7 (6): no match found" });
}

Test(cli_check, dry_run_lists_without_running)
{
    /* nothing ran, nothing failed */
    EXPECT("benchmark run benchmark.broken --dry-run --progress=false", .status = 0,
           .out = { "Broken", "+ Alarm", "+ Err" }, .not_out = { "Summary", "no such table" });
}

/* ------------------------------------------------------------ query run */

Test(cli_check, query_run_table)
{
    EXPECT("query run query.q", .status = 0,
           .out_is = "+----------+---+\n"
                     "| name     | n |\n"
                     "+----------+---+\n"
                     "| a,b      | 1 |\n"
                     "| say \"hi\" | 2 |\n"
                     "| pi|pe    | 3 |\n"
                     "+----------+---+\n");
}

Test(cli_check, query_run_csv_and_separator)
{
    EXPECT("query run query.q --output csv", .status = 0,
           .out_is = "name,n\n\"a,b\",1\n\"say \"\"hi\"\"\",2\npi|pe,3\n");
    EXPECT("query run query.q --output csv --separator '|' --header=false --arg min=2", .status = 0,
           .out_is = "\"say \"\"hi\"\"\"|2\n\"pi|pe\"|3\n");
}

Test(cli_check, query_run_json)
{
    EXPECT("query run query.q --output json --arg 3", .status = 0,
           .out_is = "{\n \"columns\": [\n  {\n   \"name\": \"name\",\n   \"data_type\": \"text\"\n  },\n"
                     "  {\n   \"name\": \"n\",\n   \"data_type\": \"integer\"\n  }\n ],\n \"rows\": [\n"
                     "  {\n   \"n\": 3,\n   \"name\": \"pi|pe\"\n  }\n ]\n}\n");
}

Test(cli_check, query_run_line)
{
    EXPECT("query run query.q --output line --arg min=3", .status = 0,
           .out = { "-[ RECORD 1  ]", "\nname | pi|pe\nn    | 3\n" }, .not_out = { "RECORD 2" });
}

Test(cli_check, query_run_arg_errors)
{
    struct {
        const char *args, *err;
    } cases[] = {
        { "", "failed to resolve args for t.query.two: x" },
        { "--arg x=1 --arg 2", "args must be either all named or all positional" },
        { "--arg 1 --arg 2 --arg 3", "3 arguments were provided but there are 2 parameter definitions" },
    };
    for (size_t i = 0; i < 3; i++) {
        cl_result r = RUN("query run query.two %s", cases[i].args);
        cr_assert_neq(r.status, 0, "%s: succeeded", cases[i].args);
        HAS(r.err, cases[i].err);
        cr_assert_str_eq(r.out, "");
        cl_done(&r);
    }
    EXPECT("query run query.two --output csv --arg x=1", .status = 0, .out_is = "a,b\n1,yy\n");
}

/* Powerpipe's query snapshot (GenerateSnapshot -> DashboardExecutionTree.createRootItem): the query
 * wrapped in a dashboard (resources.NewQueryDashboard) "custom.dashboard.sql_<Base36Hash(sql, 8)>",
 * titled "Custom query [<hash>]" or --snapshot-title, whose one child is the table
 * "custom.table.results" (NewQueryDashboardTable) holding the rows; the parent of a failed child
 * fails with "1 child failed with an error" (DashboardParentImpl.waitForChildrenAsync).  The hashes
 * are pipe-fittings' utils.Base36Hash computed apart (Python: the MD5 hex's first 16 digits as an
 * integer in base 36, its last 8 digits): "select name, n from t where n >= $1 order by n" ->
 * vbd3gfi8, "select nope" -> jgk0y6vn. */
Test(cli_check, query_run_snapshot)
{
    EXPECT(
        "query run query.q --output snapshot --arg min=3", .status = 0,
        .out = {
            "{\n  \"schema_version\": \"20221222\",\n  \"panels\": {\n"
            "    \"custom.dashboard.sql_vbd3gfi8\": {\n"
            "      \"dashboard\": \"custom.dashboard.sql_vbd3gfi8\",\n"
            "      \"name\": \"custom.dashboard.sql_vbd3gfi8\",\n      \"panel_type\": \"dashboard\",\n"
            "      \"source_definition\": \"\",\n      \"status\": \"complete\",\n"
            "      \"title\": \"Custom query [vbd3gfi8]\"\n    },\n",
            /* LeafRun's args: the values bound (an --arg is a string), its sql and params */
            "    \"custom.table.results\": {\n      \"args\": [\n        \"3\"\n      ],\n"
            "      \"dashboard\": \"custom.dashboard.sql_vbd3gfi8\",\n",
            "\"sql\": \"select name, n from t where n \\u003e= $1 order by n\",\n",   /* Go's escaping */
            "\"params\": [\n        {\n          \"default\": \"0\",\n",
            "\"rows\": [\n          {\n            \"n\": 3,\n            \"name\": \"pi|pe\"\n          }\n",
            "\"name\": \"custom.table.results\",\n      \"panel_type\": \"table\",\n",
            "\"properties\": {\n        \"name\": \"results\"\n      },\n",
            "\"layout\": {\n    \"name\": \"custom.dashboard.sql_vbd3gfi8\",\n    \"children\": [\n      {\n"
            "        \"name\": \"custom.table.results\",\n"
            "        \"panel_type\": \"table\"\n      }\n    ],\n"
            "    \"panel_type\": \"dashboard\"\n  }," },
        .not_out = { "t.query.q", "\"panel_type\": \"query\"" });
    /* raw SQL, failed: still a snapshot, in error; --snapshot-title titles its dashboard */
    cl_result r = RUN("query run %s --output pps --snapshot-title %s", "'select nope'", "'Nightly run'");
    cr_assert_neq(r.status, 0);
    HAS(r.out, "\"custom.dashboard.sql_jgk0y6vn\": {");
    HAS(r.out, "\"error\": \"1 child failed with an error\",");
    HAS(r.out, "\"title\": \"Nightly run\"");
    HAS(r.out, "\"error\": \"no such column: nope\"");
    HAS(r.out, "\"status\": \"error\"");
    cl_done(&r);
    r = RUN("query run %s --output snapshot", "'select nope'");
    HAS(r.out, "\"title\": \"Custom query [jgk0y6vn]\"");
    cl_done(&r);
}

/* A dashboard or container whose child failed fails itself, with DashboardParentImpl's error
 * (waitForChildrenAsync: "%d %s failed with an error", its failed children counted) */
Test(cli_check, failed_children_make_their_parents_error)
{
    wf_write(dir, "bad.pp",
             "dashboard \"bad\" {\n  container {\n    table {\n      sql = \"select nope\"\n    }\n"
             "    card {\n      sql = \"select 1 as value\"\n    }\n  }\n"
             "  table {\n    sql = \"select nope2\"\n  }\n}\n");
    cl_result r = RUN("dashboard run %s --output snapshot", "bad");
    HAS(r.out, "\"t.dashboard.bad\": {\n      \"dashboard\": \"t.dashboard.bad\",\n"
               "      \"error\": \"2 children failed with an error\",\n");
    HAS(r.out, "\"t.container.dashboard_bad_anonymous_container_0\": {\n"
               "      \"dashboard\": \"t.dashboard.bad\",\n"
               "      \"error\": \"1 child failed with an error\",\n");
    cl_done(&r);
}

/* A control of 300 columns: --output snapshot writes every one, in the columns and in each row (the
 * writer once kept 256). */
Test(cli_check, snapshot_keeps_every_column_of_a_wide_control)
{
    char sql[8192];
    size_t k = (size_t)snprintf(sql, sizeof sql, "select 'ok' as status, 'r' as resource, 'x' as reason");
    for (int i = 0; i < 300; i++) k += (size_t)snprintf(sql + k, sizeof sql - k, ", %d as c%d", i, i);
    cr_assert_lt(k, sizeof sql);
    char text[8400];
    snprintf(text, sizeof text, "control \"wide\" {\n  sql = \"%s\"\n}\n", sql);
    wf_write(dir, "wide.pp", text);
    EXPECT("control run wide --output snapshot", .status = 0,
           .out = { "\"name\": \"c299\"", "\"c299\": \"299\"", "\"c0\": \"0\"" });
}

/* ------------------------------------------------------------ Ctrl-C */

Test(cli_check, sigint_cancels_the_run_and_prints_a_whole_document)
{
    /* a statement that would take minutes: SIGINT must stop it on the database's side */
    wf_write(dir, "slow.pp",
             "benchmark \"slow\" {\n  title = \"Slow\"\n  children = [control.alarm, control.slow]\n}\n"
             "control \"slow\" {\n  title = \"Slow\"\n"
             "  sql = \"with recursive n(i) as (select 1 union all select i + 1 from n where i < 5000000000) "
             "select 'r' as resource, 'ok' as status, count(*) || '' as reason from n\"\n}\n");
    char out[4300];
    snprintf(out, sizeof out, "%s/sigint.csv", dir);
    cl_result r =
        cl_run("--mod-location %s benchmark run benchmark.slow --output csv --database sqlite://%s "
               "--export %s/never.json >%s & p=$!; sleep 2; kill -INT $p; wait $p; echo \"status $?\"",
               dir, db, dir, out);
    HAS(r.out, "status 2");   /* the cancelled control is in error: Powerpipe's 2 */
    char *csv = slurp(out);
    cr_assert(strncmp(csv, CSV_HEAD, strlen(CSV_HEAD)) == 0, "%s", csv);
    HAS(csv, ",control.alarm,Alarm,,\"a,b\",");
    HAS(csv, ",control.slow,Slow,,statement cancelled,,error,");
    cr_assert(csv[strlen(csv) - 1] == '\n' && csv[strlen(csv) - 2] == '\n',
              "the csv ends as a whole document");
    snprintf(out, sizeof out, "%s/never.json", dir);
    struct stat st;
    cr_assert(stat(out, &st) != 0, "no export once interrupted");
    free(csv);
    cl_done(&r);
}

/* ------------------------------------------------------------ mod install / uninstall */

Test(cli_check, mod_install_with_nothing_to_install)
{
    cl_expect_out(0, "No mods are installed\n", "--mod-location %s mod install", dir);
    cl_expect_out(0, "Nothing uninstalled\n", "--mod-location %s mod uninstall", dir);
    /* a mod whose repository cannot be reached (git is pointed away from the network): Powerpipe's
     * error, exit 62 (test_mod_install.c installs from real repositories) */
    wf_write(dir, "gitconfig", "[url \"file:///nonexistent/\"]\n\tinsteadOf = https://github.com/\n");
    char cfg[4096];
    snprintf(cfg, sizeof cfg, "%s/gitconfig", dir);
    setenv("GIT_CONFIG_GLOBAL", cfg, 1);
    wf_write(
        dir, "mod.pp",
        "mod \"t\" {\n  require {\n    mod \"github.com/x/dep\" {\n      version = \"*\"\n    }\n  }\n}\n");
    cl_expect_refused(62,
                      "Error: 1 dependency failed to install - could not retrieve version data from Git URL "
                      "github.com/x/dep",
                      "--mod-location %s mod install", dir);
    unsetenv("GIT_CONFIG_GLOBAL");
}
