/* test_resolve_capture.c — background resolution evaluates the pieces of
 * source the scan captured (capture.h) without reading the files again:
 * values, splats, nested blocks, heredocs, variable types, references resolved
 * mid-expression, and diagnostics positioned in the original file with the
 * original expression text.  Expected values are
 * worked out by hand from the fixture text written here. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/wsfix.h"

static lp_workspace *open_resolved(const char *dir)
{
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(dir, NULL, &ws, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_wait_resolved(ws, 60000), LP_OK);
    return ws;
}

/* mod "t" with a.pp = text, in a fresh directory (*dir), resolved */
static lp_workspace *open_text(const char *text, char **dir)
{
    *dir = wf_tmpdir();
    wf_write(*dir, "mod.pp", "mod \"t\" {\n}\n");
    wf_write(*dir, "a.pp", text);
    return open_resolved(*dir);
}

static const char *const fixture =
    "locals {\n"                                                   /* 1 */
    "  people = [{ name = \"ann\" }, { name = \"bob\" }]\n"        /* 2 */
    "  who    = \"world\"\n"                                      /* 3 */
    "}\n"                                                          /* 4 */
    "control \"splat\" {\n"                                        /* 5 */
    "  title = join(\",\", local.people[*].name)\n"                /* 6 */
    "  tags  = { for p in local.people : p.name => upper(p.name) }\n" /* 7 */
    "}\n"                                                          /* 8 */
    "query \"heredoc\" {\n"                                        /* 9 */
    "  sql = <<EOQ\n"                                              /* 10 */
    "select '${local.who}' as w\n"                                 /* 11 */
    "EOQ\n"                                                        /* 12 */
    "}\n"                                                          /* 13 */
    "dashboard \"d\" {\n"                                          /* 14 */
    "  container {\n"                                              /* 15 */
    "    card \"c\" {\n"                                           /* 16 */
    "      title = \"hello ${local.who}\"\n"                       /* 17 */
    "    }\n"                                                      /* 18 */
    "  }\n"                                                        /* 19 */
    "}\n"                                                          /* 20 */
    "control \"bad\" {\n"                                          /* 21 */
    "  title = \"x\"\n"                                            /* 22 */
    "  description = nosuch(1)\n"                                  /* 23 */
    "}\n"                                                          /* 24 */
    "variable \"regions\" {\n"                                     /* 25 */
    "  type    = list(string)\n"                                   /* 26 */
    "  default = [\"a\", \"b\"]\n"                                 /* 27 */
    "}\n";                                                         /* 28 */

Test(capture, values_positions_and_text)
{
    char *dir;
    lp_workspace *ws = open_text(fixture, &dir);

    /* the splat's element symbol keeps its identity in the copy */
    lp_entry_info c = wf_get(ws, "t.control.splat");
    cr_expect_str_eq(c.title, "ann,bob");
    cr_expect_eq(c.unresolved & (LP_UNRES_TITLE | LP_UNRES_TAGS), 0);
    cr_expect_str_eq(lp_tags_get(&c.tags, "ann") ? lp_tags_get(&c.tags, "ann") : "", "ANN");
    cr_expect_str_eq(lp_tags_get(&c.tags, "bob") ? lp_tags_get(&c.tags, "bob") : "", "BOB");

    /* a plain heredoc: its literal text points into the (copied) source */
    lp_entry_info q = wf_get(ws, "t.query.heredoc");
    cr_expect_str_eq(q.sql, "select 'world' as w\n");

    /* a block nested two levels down is captured as well */
    lp_entry_info k = wf_get(ws, "t.card.c");
    cr_expect_str_eq(k.title, "hello world");

    /* the error is reported where it is in a.pp (line 23, column 17 is
     * `nosuch`), with the text of the name, from the copy */
    cr_assert_eq(lp_resolve_diag_count(ws), 1);
    const lp_diag *d = lp_resolve_diag_at(ws, 0);
    cr_expect(strstr(d->file, "/a.pp") != NULL, "%s", d->file);
    cr_expect_eq(d->line, 23);
    cr_expect_eq(d->col, 17);
    cr_expect(strstr(d->detail, "(in `nosuch`)") != NULL, "%s", d->detail);
    lp_entry_info b = wf_get(ws, "t.control.bad");
    cr_expect(b.unresolved & LP_UNRES_DESCRIPTION);

    /* the variable's type as written, from the copied block */
    lp_buf out = { 0 };
    cr_assert_eq(lp_variables_json(ws, &out), LP_OK);
    cr_expect(strstr(out.data, "\"type\":\"list(string)\"") != NULL, "%s", out.data);
    cr_expect(strstr(out.data, "\"value\":[\"a\",\"b\"]") != NULL, "%s", out.data);
    lp_buf_free(&out);

    wf_done(&ws, &dir);
}

/* Phase 1 alone captures nothing and the resolver is never started. */
Test(capture, no_resolve_opens_without_capture)
{
    char *dir = wf_mod_dir("mod \"t\" {\n}\n");
    wf_write(dir, "a.pp", fixture);
    lp_workspace *ws = wf_open(dir, 1);
    lp_entry_info c = wf_get(ws, "t.control.splat");
    cr_expect(c.unresolved & LP_UNRES_TITLE);
    cr_expect_eq(lp_resolve_diag_count(ws), 0);
    wf_done(&ws, &dir);
}

/* `sql = query.q.sql` is the query's sql once resolved (eager decodes the
 * reference), and a control shows it in its list item (§5.6); the index keeps
 * the reference as query_ref. */
Test(capture, sql_from_a_query_reference)
{
    char *dir;
    lp_workspace *ws = open_text("locals {\n  table = \"aws_s3_bucket\"\n}\n"
                                 "query \"q\" {\n  sql = \"select * from ${local.table}\"\n}\n"
                                 "control \"c\" {\n  title = \"C\"\n  sql = query.q.sql\n}\n",
                                 &dir);
    lp_entry_info c = wf_get(ws, "t.control.c");
    cr_expect_str_eq(c.query_ref, "t.query.q");
    cr_expect_str_eq(c.sql, "select * from aws_s3_bucket");
    cr_expect_eq(c.unresolved & LP_UNRES_SQL, 0);
    cr_expect_eq(lp_resolve_diag_count(ws), 0);
    wf_done(&ws, &dir);
}

/* A field that references another entry's unresolved field resolves that
 * entry in the middle of its own evaluation: the values computed before the
 * reference survive it (lower(...) before, upper(...) after). */
Test(capture, reference_resolved_mid_expression)
{
    char *dir;
    lp_workspace *ws = open_text(
        "locals {\n  a = \"ABC\"\n  b = \"def\"\n}\n"
        "benchmark \"top\" {\n  title = \"${lower(local.a)}-${benchmark.other.title}-${upper(local.b)}\"\n}\n"
        "benchmark \"other\" {\n  title = join(\"+\", [local.a, local.b])\n}\n",
        &dir);
    cr_expect_str_eq(wf_get(ws, "t.benchmark.top").title, "abc-ABC+def-DEF");
    cr_expect_str_eq(wf_get(ws, "t.benchmark.other").title, "ABC+def");
    cr_expect_eq(lp_resolve_diag_count(ws), 0);
    wf_done(&ws, &dir);
}
