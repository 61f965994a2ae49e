/* test_run_dash_args.c — dashboard args that mix what is known at load time (variables, locals,
 * functions) with run-time values (self.input, with, param), evaluated when the leaf runs
 * (src/run/dash.c over the load's scope, ld_eval), over a real SQLite file.  Each expected value
 * is the arg worked out by hand from the mod text below and the input given. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/runfix.h"
#include "support/wsfix.h"

static char *dir;
static lp_workspace *ws;
static char sqlite_url[600];

static const char MOD[] =
    "variable \"x\" {\n"
    "  type    = string\n"
    "  default = \"vx\"\n"
    "}\n"
    "locals {\n"
    "  y = \"ly\"\n"
    "  n = 2\n"
    "}\n"
    "dashboard \"d\" {\n"
    "  input \"i\" {\n"
    "    type = \"text\"\n"
    "  }\n"
    "  with \"w\" {\n"
    "    sql = \"select 'wc' as c\"\n"
    "  }\n"
    "  table \"obj\" {\n"
    "    param \"a\" {}\n"
    "    param \"b\" {}\n"
    "    sql  = \"select $1 || ':' || $2 as v\"\n"
    "    args = { a = var.x, b = self.input.i.value }\n"
    "  }\n"
    "  table \"lst\" {\n"
    "    sql  = \"select $1 || ':' || $2 as v\"\n"
    "    args = [local.y, with.w.rows[0].c]\n"
    "  }\n"
    "  table \"mix\" {\n"
    "    sql  = \"select $1 as v\"\n"
    "    args = [\"${var.x}-${self.input.i.value}-${upper(local.y)}-${with.w.rows[0].c}\"]\n"
    "  }\n"
    "  table \"fn\" {\n"
    "    sql  = \"select $1 as v\"\n"
    "    args = [format(\"%s/%d/%s\", var.x, local.n + 1, self.input.i.value)]\n"
    "  }\n"
    "  table \"res\" {\n"
    "    sql  = \"select $1 as v\"\n"
    "    args = [\"${query.q.title}:${self.input.i.value}\"]\n"
    "  }\n"
    "  table \"p\" {\n"
    "    base = table.withparam\n"
    "    args = { p = \"${local.y}+${self.input.i.value}\" }\n"
    "  }\n"
    "}\n"
    "dashboard \"late\" {\n"
    "  input \"i\" {\n"
    "    type = \"text\"\n"
    "  }\n"
    "  with \"slow\" {\n"
    "    sql = \"with recursive c(n) as (select 1 union all select n + 1 from c where n < 300000) "
    "select count(*) as k from c\"\n"
    "  }\n"
    "  table \"v\" {\n"
    "    sql  = \"select $1 || ':' || $2 as v\"\n"
    "    args = [self.input.i.value, with.slow.rows[0].k]\n"
    "  }\n"
    "}\n"
    "query \"q\" {\n"
    "  title = \"QT\"\n"
    "  sql   = \"select 1\"\n"
    "}\n"
    "table \"withparam\" {\n"
    "  param \"p\" {}\n"
    "  with \"w2\" {\n"
    "    sql  = \"select $1 || '/' || $2 as c\"\n"
    "    args = [param.p, var.x]\n"
    "  }\n"
    "  sql = \"select $1 as v\"\n"
    "}\n";

static void setup(void)
{
    ws = rf_open_sqlite(MOD, "create table t(x integer)", &dir, sqlite_url, sizeof sqlite_url);
}

static void teardown(void) { wf_done(&ws, &dir); }

TestSuite(run_dash_args, .init = setup, .fini = teardown, .timeout = 60);

static void expect(lp_run *run, const char *name, const char *want)
{
    const lp_run_node *n = rf_node(run, name);
    cr_assert_eq(lp_node_get_state(n), LP_NODE_COMPLETE, "%s: %s", name,
                 lp_node_error(n) ? lp_node_error(n) : "not complete");
    cr_assert_eq(lp_node_row_count(n), 1);
    cr_assert_str_eq(lp_node_row(n, 0)[0].text, want, "%s", name);
}

Test(run_dash_args, variables_locals_and_functions_mix_with_run_time_values)
{
    const char *target = "d", *args[] = { "i=II" };
    lp_run_opts o = { .database = sqlite_url, .args = args, .nargs = 1, .max_parallel = 2 };
    lp_run *run = rf_run(ws, LP_KIND_DASHBOARD, target, &o);
    expect(run, "t.table.obj", "vx:II");
    expect(run, "t.table.lst", "ly:wc");
    expect(run, "t.table.mix", "vx-II-LY-wc");
    expect(run, "t.table.fn", "vx/3/II");
    expect(run, "t.table.res", "QT:II");
    /* a with reading its panel's param, which mixes a local and an input, and a variable */
    expect(run, "t.table.p", "ly+II");
    expect(run, "t.table.p.with.w2", "ly+II/vx");
    lp_run_free(run);
}

Test(run_dash_args, a_variable_given_at_open_reaches_the_run_time_args)
{
    lp_close(ws);
    static const char *vars[] = { "x=given" };
    lp_workspace_opts wo = { .vars = vars, .nvars = 1 };
    lp_error err = { 0 };
    cr_assert_eq(lp_open(dir, &wo, &ws, &err), LP_OK, "%s", err.message);
    const char *target = "d", *args[] = { "i=II" };
    lp_run_opts o = { .database = sqlite_url, .args = args, .nargs = 1, .max_parallel = 2 };
    lp_run *run = rf_run(ws, LP_KIND_DASHBOARD, target, &o);
    expect(run, "t.table.obj", "given:II");
    expect(run, "t.table.mix", "given-II-LY-wc");
    lp_run_free(run);
}

/* The inputs are the run's own: a caller may free them once lp_run_start returned (the server frees
 * a session's at its next input_changed while the run it started is still ending).  The panel reads
 * its input after a with of 300,000 recursive rows, long after the caller's strings were freed
 * (under ASan the old borrowed pointer was a use after free). */
Test(run_dash_args, inputs_are_copied_by_the_start)
{
    const char *target = "t.dashboard.late";
    char *input = strdup("i=LATE");
    const char **inputs = malloc(sizeof *inputs);
    cr_assert(input && inputs);
    inputs[0] = input;
    lp_run_opts o = { .database = sqlite_url, .inputs = inputs, .ninputs = 1, .max_parallel = 2 };
    lp_run *run = NULL;
    lp_error err = { 0 };
    cr_assert_eq(lp_run_start(ws, LP_KIND_DASHBOARD, &target, 1, &o, &run, &err), LP_OK, "%s", err.message);
    memset(input, 'X', strlen(input));
    free(input);
    free(inputs);
    cr_assert_eq(lp_run_wait(run, 30000), LP_OK);
    expect(run, "t.table.v", "LATE:300000");
    lp_run_free(run);
}
