/* test_cli_switch_tty.c — what a Powerpipe user at a terminal sees, through the CLI (LP_CLI) run on a
 * pseudo-terminal (support/ptyrun.h) on a real SQLite file.  The expected behaviour is read from
 * Powerpipe's and pipe-fittings' source: `dashboard run` and `detection run` show a status line
 * while they run (createSnapshotContext: statushooks' SnapshotProgressReporter, "Running NAME, N rows
 * returned, E errors", unless --progress=false), drawn only on a terminal (createRootContext); the
 * main mod's variables without a value are asked for (LoadWorkspacePromptingForVariables,
 * promptForMissingVariables: inputvars.UIInput's text) unless --input=false or stdin is no
 * terminal. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/clirun.h"
#include "support/ptyrun.h"
#include "support/wsfix.h"

/* about a second of SQLite's work (no sleep there): a recursive count */
#define SLOW_SQL                                                                                       \
    "with recursive c(x) as (select 1 union all select x + 1 from c where x < 5000000) "             \
    "select count(*) as n from c"

static const char MOD[] =
    "mod \"m\" {}\n"
    "dashboard \"dash1\" {\n"
    "  table {\n    sql = \"select 1 as a union all select 2 union all select 3\"\n  }\n"
    "  card {\n    sql = \"select nope\"\n  }\n"
    "  table {\n    sql = \"" SLOW_SQL "\"\n  }\n"
    "}\n"
    "detection \"fast\" {\n  sql = \"select 1 as a union all select 2 union all select 3\"\n}\n"
    "detection \"slow\" {\n  sql = \"" SLOW_SQL "\"\n}\n"
    "benchmark \"dbench\" {\n  type     = \"detection\"\n  children = [detection.fast, detection.slow]\n}\n";

static char *mod_dir, *var_dir; /* the runs' mod; a mod with a variable without a value */
static char db[4200];

static void setup(void)
{
    mod_dir = wf_tmpdir();
    wf_write(mod_dir, "mod.pp", MOD);
    wf_write(mod_dir, "data.db", "");
    snprintf(db, sizeof db, "--database sqlite://%s/data.db", mod_dir);
    var_dir = wf_tmpdir();
    wf_write(var_dir, "mod.pp",
             "mod \"v\" {}\n"
             "variable \"region\" {\n  type        = string\n  description = \"Where.\\nTwo lines.\"\n}\n"
             "variable \"size\" {\n  type    = number\n  default = 2\n}\n"
             "query \"q1\" {\n  sql  = \"select $1 as r, $2 as s\"\n  args = [var.region, var.size]\n}\n");
}

static void teardown(void)
{
    wf_remove(mod_dir);
    wf_remove(var_dir);
}

TestSuite(cli_tty, .init = setup, .fini = teardown);

/* The status line while it runs, then cleared ("\r" and erase to the end of the line) before the
 * output; none with --progress=false, none when stderr is not a terminal. */
static void expect_status_line(const char *cmd, const char *line)
{
    pt_proc p = pt_spawn("%s --output none --mod-location %s %s", cmd, mod_dir, db);
    cr_expect(pt_wait_for(&p, line, 60000), "%s: no status line \"%s\"; the terminal showed:\n%s", cmd, line,
              p.seen);
    int st = pt_finish(&p, 60000);
    cr_expect(st == 0, "%s: exit status %d\n%s", cmd, st, p.seen);
    const char *last = p.seen, *at;
    while ((at = strstr(last, "\r\033[KRunning"))) last = at + 1;
    cr_expect(last != p.seen && strstr(last, "\r\033[K"), "%s: the line is not cleared at the end:\n%s", cmd,
              p.seen);
    pt_free(&p);

    p = pt_spawn("%s --output none --progress=false --mod-location %s %s", cmd, mod_dir, db);
    pt_finish(&p, 60000);
    cr_expect(!strstr(p.seen, "Running"), "%s --progress=false:\n%s", cmd, p.seen);
    pt_free(&p);
    cl_expect_want(&(cl_want){ .status = 0, .not_err = { "Running" } },
                   "%s --output none --mod-location %s %s", cmd, mod_dir, db);
}

Test(cli_tty, dashboard_run_shows_a_status_line)
{
    /* the rows the panels returned and the one that failed */
    expect_status_line("dashboard run dash1", "\r\033[KRunning dash1, 3 rows returned, 1 error");
}

Test(cli_tty, detection_run_shows_a_status_line)
{
    expect_status_line("detection run dbench", "\r\033[KRunning dbench, 3 rows returned");
}

Test(cli_tty, input_prompts_for_a_variable_without_a_value)
{
    pt_proc p = pt_spawn("query run q1 --output csv --mod-location %s %s", var_dir, db);
    /* UIInput.Input's text after promptForMissingVariables' two lines ([reset], [bold]: SGR 0, 1; the
     * terminal shows each "\n" as "\r\n"); only region: size has its default */
    const char prompt[] = "\r\nVariables defined with no value set.\r\n\033[0m\033[1mvar.region\033[0m\r\n"
                          "  Where.\r\n  Two lines.\r\n\r\n  \033[1mEnter a value:\033[0m ";
    cr_assert(pt_wait_for(&p, prompt, 30000), "no prompt; the terminal showed:\n%s", p.seen);
    pt_type(&p, "eu-west\r");
    int st = pt_finish(&p, 30000);
    cr_expect_eq(st, 0, "%s", p.seen);
    cr_expect(strstr(p.seen, "r,s\r\neu-west,2\r\n"), "the answer is the variable's value:\n%s", p.seen);
    cr_expect(!strstr(p.seen, "Missing required variable"), "%s", p.seen);
    cr_expect(!strstr(strstr(p.seen, "Enter a value") + 1, "Enter a value"), "asked once:\n%s", p.seen);
    pt_free(&p);

    /* --input=false: no prompt, the variable is missing as before */
    p = pt_spawn("query run q1 --output csv --input=false --mod-location %s %s", var_dir, db);
    pt_finish(&p, 30000);
    cr_expect(!strstr(p.seen, "Enter a value") && strstr(p.seen, "Missing required variable"), "%s", p.seen);
    pt_free(&p);
    /* stdin is no terminal (stdout is): no prompt, nothing read from it */
    p = pt_spawn("query run q1 --output csv --mod-location %s %s </dev/null", var_dir, db);
    pt_finish(&p, 30000);
    cr_expect(!strstr(p.seen, "Enter a value") && strstr(p.seen, "Missing required variable"), "%s", p.seen);
    pt_free(&p);
    /* a command without --input (Powerpipe's lists do not prompt) */
    p = pt_spawn("variable list --mod-location %s", var_dir);
    pt_finish(&p, 30000);
    cr_expect(!strstr(p.seen, "Enter a value"), "%s", p.seen);
    pt_free(&p);
}

Test(cli_tty, input_at_the_end_of_the_terminal_input_fails)
{
    pt_proc p = pt_spawn("dashboard run nothing --mod-location %s %s", var_dir, db);
    cr_assert(pt_wait_for(&p, "Enter a value:", 30000), "no prompt; the terminal showed:\n%s", p.seen);
    pt_type(&p, "\004"); /* Ctrl-D */
    int st = pt_finish(&p, 30000);
    cr_expect_neq(st, 0, "%s", p.seen);
    cr_expect(strstr(p.seen, "EOF"), "%s", p.seen);
    pt_free(&p);
}
