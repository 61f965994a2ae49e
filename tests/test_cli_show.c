/* test_cli_show.c — `lazypipe <type> show NAME` through the sanitized CLI
 * (LP_CLI): the JSON document of a loaded resource, YAML and pretty output,
 * names of 1, 2 and 3 parts, and the exit statuses of a missing name, a
 * missing argument and a cycle. */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/jsontree.h"
#include "support/shared.h"
#include "support/wsfix.h"


#define SIMPLE "testdata/powerpipe/lazy-loading-tests/simple"

Test(cli_show, json_yaml_and_pretty)
{
    const char *dir = ts_shared(SIMPLE);
    cl_result r = cl_run("--no-index-cache --mod-location '%s' control show uses_query --output json", dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    char why[200];
    jt *top = jt_parse(r.out, strlen(r.out), why, sizeof why);
    cr_assert(top, "%s", why);
    /* pipe-fittings JsonPrinter: json.Marshal(PrintableResource.GetItems()), a slice of one */
    cr_assert(top->kind == JT_ARR && top->n == 1, "%s", r.out);
    const jt *doc = top->items[0];
    cr_expect_str_eq(jt_get(doc, "qualified_name")->s, "lazy_simple.control.uses_query");
    cr_expect_str_eq(jt_get(doc, "query")->s, "lazy_simple.query.control_query");
    cr_expect_str_eq(jt_get(doc, "severity")->s, "medium");
    /* Powerpipe sets SQL from an `sql` attribute only: `query = query.x` gives no sql key */
    cr_expect_null(jt_get(doc, "sql"), "%s", r.out);
    /* the query is in the references, with the attribute's line */
    const jt *refs = jt_get(doc, "references");
    cr_assert(refs && refs->kind == JT_ARR && refs->n == 1, "%s", r.out);
    cr_expect_str_eq(jt_get(refs->items[0], "reference_to")->s, "query.control_query");
    cr_expect_str_eq(jt_get(refs->items[0], "from_attribute")->s, "query");
    cr_expect_str_eq(jt_get(refs->items[0], "reference_from")->s, "control.uses_query");
    /* and its paths start at the mod */
    const jt *path = jt_get(doc, "path");
    cr_assert(path && path->kind == JT_ARR && path->n >= 1, "%s", r.out);
    cr_expect_str_eq(path->items[0]->items[0]->s, "mod.lazy_simple");
    jt_free(top);
    cl_done(&r);

    r = cl_run("--no-index-cache --mod-location '%s' control show control.uses_query --output yaml", dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "- ") && strstr(r.out, "qualified_name: lazy_simple.control.uses_query"), "%s",
              r.out);
    cl_done(&r);

    r = cl_run("--no-index-cache --mod-location '%s' benchmark show simple", dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "Name:") && strstr(r.out, "Children:") &&
                  strstr(r.out, "lazy_simple.control.inline_sql"),
              "%s", r.out);
    cl_done(&r);
}

Test(cli_show, errors_and_exit_statuses)
{
    const char *dir = ts_shared(SIMPLE);
    cl_result r = cl_run("--no-index-cache --mod-location '%s' control show no_such_control", dir);
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "not found") && strstr(r.err, "no_such_control"), "%s", r.err);
    cl_done(&r);
    r = cl_run("--no-index-cache --mod-location '%s' control show", dir);
    cr_expect_eq(r.status, 2);
    cl_done(&r);
    r = cl_run("--no-index-cache --mod-location '%s' query show simple",
               dir); /* a benchmark's name: not a query */
    cr_expect_eq(r.status, 1);
    cl_done(&r);
    r = cl_run("--no-index-cache --mod-location '%s' benchmark show circular_a",
            ts_shared("testdata/powerpipe/lazy-loading-tests/error-conditions"));
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "circular dependency detected: "), "%s", r.err);
    cl_done(&r);
}

/* pretty and plain follow pipe-fittings' ShowPrinter (printers/show_printer.go)
 * over GetShowData: each row's keys padded to its longest key + 2 (here
 * "Documentation:", so 15 columns), nil and "" fields dropped; a Showable
 * (the control's Query, its Args) on the next lines 2 further in; a slice
 * (Params) one item a line, 2 further in, each item's fields 2 further again,
 * and a primitive inside a list item prefixed by the list's indent.  The
 * expected texts below are worked out by hand from those rules and the
 * fixture, not taken from our output. */
Test(cli_show, pretty_and_plain_follow_the_show_printer)
{
    char *dir = wf_mod_dir("mod \"t\" {\n  title = \"T\"\n}\n");
    wf_write(
        dir, "q.pp",
        "query \"p\" {\n  title = \"P\"\n  sql   = \"select $1\"\n"
        "  param \"r\" {\n    description = \"Region\"\n    default     = \"eu\"\n  }\n}\n\n"
        "control \"c\" {\n  query    = query.p\n  args     = { r = \"us\" }\n  severity = \"high\"\n}\n");

    cl_expect_out(0, "Name:          p\n"
                  "Title:         P\n"
                  "Mod:           t\n"
                  "SQL:           select $1\n"
                  "Params:        \n"
                  "    Name:          param.r\n"
                  "    Description:   Region\n"
                  "    Default:       eu\n",
                  "--no-index-cache --mod-location '%s' query show p --output plain", dir);

    cl_expect_out(0, "Name:          c\n"
                  "Mod:           t\n"
                  "Query:         \n"
                  "  Name:          p\n"
                  "  Title:         P\n"
                  "  Mod:           t\n"
                  "  SQL:           select $1\n"
                  "  Params:        \n"
                  "      Name:            param.r\n"
                  "      Description:     Region\n"
                  "      Default:         eu\n"
                  "Args:          \n"
                  "  ArgMap:     \n"
                  "    r: us\n"
                  "Severity:      high\n",
                  "--no-index-cache --mod-location '%s' control show c --output plain", dir);

    /* pretty to a pipe: the same layout, no escape codes */
    cl_expect_want(&(cl_want){ .status = 0, .out = { "Severity:      high\n" }, .not_out = { "\x1b" } },
                   "--no-index-cache --mod-location '%s' control show c", dir);

    /* a benchmark's Children: a slice of names, one a line, 2 in */
    cl_expect(0, "Children:      \n  lazy_simple.control.inline_sql\n  lazy_simple.control.uses_query\n",
              NULL, "--no-index-cache --mod-location '%s' benchmark show simple --output plain",
              ts_shared(SIMPLE));

    /* ModTreeItemImpl.GetShowData: a dependency mod's resource is named in full */
    cl_result r = cl_run(
        "--no-index-cache --mod-location '%s' query show dep_mod.query.dep_parameterized --output plain",
        ts_shared("testdata/powerpipe/lazy-loading-tests/multi-mod/main"));
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(!strncmp(r.out, "Name:          dep_mod.query.dep_parameterized\n", 47), "%s", r.out);
    cr_expect(strstr(r.out, "\nMod:           dep_mod\n"), "%s", r.out);
    cl_done(&r);

    wf_remove(dir);
}

/* Powerpipe's `dashboard TYPE show|list` and `variable show`: a card nested in
 * a container keeps its indentation and gets its container's path; the
 * variable's Powerpipe fields come from its declaration and --var. */
Test(cli_show, dashboard_children_and_variables)
{
    char *dir = wf_mod_dir("mod \"t\" {\n}\n\nvariable \"v\" {\n  type    = number\n  default = 3\n}\n\n"
             "dashboard \"d\" {\n  container {\n    card \"k\" {\n      title = var.v\n    }\n  }\n}\n");
    cl_result r = cl_run("--no-index-cache --mod-location '%s' dashboard card show k --output json", dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    char why[200];
    jt *top = jt_parse(r.out, strlen(r.out), why, sizeof why);
    cr_assert(top && top->kind == JT_ARR && top->n == 1, "%s", why);
    const jt *doc = top->items[0];
    cr_expect_str_eq(jt_get(doc, "source_definition")->s, "    card \"k\" {\n      title = var.v\n    }");
    const jt *path = jt_get(doc, "path");
    cr_assert(path && path->n == 1 && path->items[0]->n == 4, "%s", r.out);
    cr_expect_str_eq(path->items[0]->items[2]->s, "t.container.dashboard_d_anonymous_container_0");
    cr_expect_str_eq(path->items[0]->items[3]->s, "t.card.k");
    const jt *refs = jt_get(doc, "references");
    cr_assert(refs && refs->n == 1, "%s", r.out);
    cr_expect_str_eq(jt_get(refs->items[0], "reference_to")->s, "var.v");
    cr_expect_str_eq(jt_get(refs->items[0], "source_definition")->s, "      title = var.v");
    jt_free(top);
    cl_done(&r);

    r = cl_run("--no-index-cache --mod-location '%s' dashboard card list --output plain", dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "k"), "the nested card is listed: %s", r.out);
    cl_done(&r);

    r = cl_run("--no-index-cache --mod-location '%s' --var v=5 variable show var.v --output json", dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    top = jt_parse(r.out, strlen(r.out), why, sizeof why);
    cr_assert(top && top->kind == JT_ARR && top->n == 1, "%s", why);
    doc = top->items[0];
    cr_expect_str_eq(jt_get(doc, "type_string")->s, "number");
    cr_expect_str_eq(jt_get(doc, "qualified_name")->s, "t.var.v");
    cr_expect_str_eq(jt_get(doc, "source_definition")->s,
                     "variable \"v\" {\n  type    = number\n  default = 3\n}");
    jt_free(top);
    cr_expect(strstr(r.out, "\"value\": 5") && strstr(r.out, "\"value_default\": 3"), "%s", r.out);
    cl_done(&r);

    r = cl_run("--no-index-cache --mod-location '%s' variable show nope", dir);
    cr_expect_eq(r.status, 1, "%s", r.err);
    cl_done(&r);

    /* a workspace with errors: show exits 1 as list does, the diagnostic printed once */
    wf_write(dir, "broken.pp", "control \"bad\" {\n  sql = \n}\n");
    r = cl_run("--no-index-cache --mod-location '%s' dashboard card show k --output json", dir);
    cr_expect_eq(r.status, 1, "%s", r.err);
    cl_done(&r);
    r = cl_run("--no-index-cache --mod-location '%s' control show bad", dir);
    cr_expect_eq(r.status, 1, "%s", r.err);
    const char *at = strstr(r.err, "broken.pp:2:");
    cr_expect(at && !strstr(at + 1, "broken.pp:2:"), "once: %s", r.err);
    cl_done(&r);
    wf_remove(dir);
}

/* `variable show` and `variable list` in pretty and plain as Powerpipe prints its Variable
 * (pipe-fittings modconfig/variable.go has no GetShowData or GetListData of its own):
 * ModTreeItemImpl.GetShowData merged over HclResourceImpl's (Name, Title, Description,
 * Documentation, Tags, Mod, Database: keys padded to the longest, "Documentation", plus 2;
 * empty fields dropped) and GetListData (the MOD and NAME table of every list); yaml the
 * Variable object (as json, a list of one). */
Test(cli_show, variables_as_powerpipe_prints_them)
{
    char *dir = wf_mod_dir("mod \"t\" {\n}\n\n"
                           "variable \"v\" {\n  description = \"the v\"\n  default = [\"a\", 2]\n}\n\n"
                           "variable \"w\" {\n  type = string\n  default = \"yes\"\n}\n");
    cl_expect_out(0, "Name:          v\nDescription:   the v\nMod:           t\n",
                  "--no-index-cache --mod-location '%s' variable show v --output plain", dir);
    /* no colour when piped */
    cl_expect_out(0, "Name:          w\nMod:           t\n",
                  "--no-index-cache --mod-location '%s' variable show var.w", dir);
    cl_expect_out(0, "MOD    NAME\nt      v\nt      w\n",
                  "--no-index-cache --mod-location '%s' variable list --output plain", dir);
    /* yaml: a string that reads back as a bool is quoted; a list in block style */
    cl_result r = cl_run("--no-index-cache --mod-location '%s' variable show w --output yaml", dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strncmp(r.out, "- auto_generated: false\n  description: \"\"\n", 41) == 0, "%s", r.out);
    cr_expect(strstr(r.out, "\n  value: \"yes\"\n  value_default: \"yes\"\n"), "%s", r.out);
    cl_done(&r);
    /* two items */
    cl_expect_want(
        &(cl_want){ .status = 0, .out = { "\n  value:\n  - a\n  - 2\n", "\n- auto_generated: false\n" } },
        "--no-index-cache --mod-location '%s' variable list --output yaml", dir);
    /* a title holding control characters: the library's JSON escapes them (\u0001, \u001f), the CLI
     * reads those escapes back (src/cli/hex.h) and yaml.v3's emitter, as libyaml's, writes them as \x01
     * and \x1F in a double-quoted scalar (uppercase hex digits), the rest as UTF-8 */
    wf_write(dir, "q.pp", "query \"q\" {\n  title = \"a\\u0001b\\u00e9\\u001f\"\n  sql = \"select 1\"\n}\n");
    cl_expect(0, "\n  title: \"a\\x01b\xc3\xa9\\x1F\"\n", NULL,
              "--no-index-cache --mod-location '%s' query list --output yaml", dir);
    wf_remove(dir);
}
