/* test_cli_switch_tty.c — what a Powerpipe user at a terminal sees, through the CLI (LP_CLI) run on a
 * pseudo-terminal (support/ptyrun.h) on a real SQLite file.  The expected behaviour is read from
 * Powerpipe's and pipe-fittings' source: `dashboard run` and `detection run` show a status line
 * while they run (createSnapshotContext: statushooks' SnapshotProgressReporter, "Running NAME, N rows
 * returned, E errors", unless --progress=false), drawn only on a terminal (createRootContext). */
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

static char *mod_dir;
static char db[4200];

static void setup(void)
{
    mod_dir = wf_tmpdir();
    wf_write(mod_dir, "mod.pp", MOD);
    wf_write(mod_dir, "data.db", "");
    snprintf(db, sizeof db, "--database sqlite://%s/data.db", mod_dir);
}

static void teardown(void)
{
    wf_remove(mod_dir);
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
    cl_expect_want(&(cl_want){ .status = 0, .not_err = { "Running" } }, "%s --output none --mod-location %s %s",
                   cmd, mod_dir, db);
}

Test(cli_tty, dashboard_run_shows_a_status_line, .timeout = 240)
{
    /* the rows the panels returned and the one that failed */
    expect_status_line("dashboard run dash1", "\r\033[KRunning dash1, 3 rows returned, 1 error");
}

Test(cli_tty, detection_run_shows_a_status_line, .timeout = 240)
{
    expect_status_line("detection run dbench", "\r\033[KRunning dbench, 3 rows returned");
}
