/* test_funcs_mod.c — the functions and value bounds as a mod meets them: locals that pick
 * controls with a conditional whose other branch calls list() (a published Docker compliance
 * mod's pattern), read back through other resources' fields; list() when its branch is taken;
 * and a value past the evaluator's bound still refused.
 *
 * Expected values are the mods' own text (titles and tags the fixture writes), Powerpipe's
 * ListFunc message (terraform-components lang/funcs/collection.go) and the bound's arithmetic. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "lazypipe.h"
#include "support/wsfix.h"

static char *dir;
static lp_workspace *ws;

static void teardown(void) { wf_done(&ws, &dir); }

TestSuite(funcs_mod, .fini = teardown);

static lp_workspace *open_resolved(const char *mod_pp)
{
    dir = wf_mod_dir(mod_pp);
    lp_error err;
    cr_assert_eq(lp_open(dir, NULL, &ws, &err), LP_OK, "%s", err.message);
    cr_assert_eq(lp_wait_resolved(ws, 20000), LP_OK);
    return ws;
}

static unsigned count_resolve_diags(const char *summary, const char *detail_part)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < lp_resolve_diag_count(ws); i++) {
        const lp_diag *d = lp_resolve_diag_at(ws, i);
        int summary_ok = !summary || strcmp(d->summary, summary) == 0;
        if (summary_ok && (!detail_part || strstr(d->detail, detail_part))) n++;
    }
    return n;
}

#define SQL "  sql   = \"select 'r' as resource, 'ok' as status, 'x' as reason\"\n"
#define CONTROL(name, item)                                                      \
    "control \"" name "\" {\n  title = \"" item " ${local.common.cis}\"\n"        \
    "  tags  = merge(local.common, { item = \"" item "\" })\n" SQL "}\n"

/* The locals read controls whose own tags and titles read a local: each control is resolved
 * while the local is evaluated (before, that resolution's end reset the memory holding the
 * local's half-built list: "Value too large" or an ASan use-after-poison). */
static const char PICKED_MOD[] =
    "mod \"m\" {\n  title = \"m\"\n}\n"
    "variable \"plugins\" {\n  type    = list(string)\n  default = [\"docker\", \"exec\"]\n}\n"
    "locals {\n  common = { cis = \"true\" }\n}\n"
    "locals {\n"
    "  picked = concat(\n"
    "    contains(var.plugins, \"exec\") ? [control.a] : list([]),\n"
    "    contains(var.plugins, \"docker\") ? [control.b, control.c] : list([]),\n"
    "    contains(var.plugins, \"none\") ? list([]) : []\n"
    "  )\n"
    "}\n"
    CONTROL("a", "1") CONTROL("b", "2") CONTROL("c", "3")
    "control \"probe\" {\n"
    "  title       = join(\",\", [for c in local.picked : c.title])\n"
    "  description = join(\",\", [for c in local.picked : \"${c.tags.item}/${c.tags.cis}\"])\n"
    "  tags        = { n = tostring(length(local.picked)) }\n" SQL "}\n"
    "benchmark \"b\" {\n  title    = \"b\"\n  children = concat(local.picked, [control.probe])\n}\n";

Test(funcs_mod, locals_pick_controls_past_list)
{
    open_resolved(PICKED_MOD);
    cr_expect_eq(count_resolve_diags(NULL, NULL), 0, "first: %s",
                 lp_resolve_diag_count(ws) ? lp_resolve_diag_at(ws, 0)->detail : "");
    lp_entry_info p = wf_get(ws, "m.control.probe");
    cr_expect_eq(p.unresolved & (LP_UNRES_TITLE | LP_UNRES_DESCRIPTION | LP_UNRES_TAGS), 0);
    cr_expect_str_eq(p.title, "1 true,2 true,3 true");
    cr_expect_str_eq(p.description, "1/true,2/true,3/true");
    cr_expect_str_eq(wf_get(ws, "m.control.b").title, "2 true");
}

/* The same locals with only "docker": the exec branch takes list([]) and the local fails with
 * Powerpipe's error (ListFunc always fails); what does not read the local still resolves. */
Test(funcs_mod, list_taken_is_powerpipes_error)
{
    char text[sizeof PICKED_MOD + 64];
    const char *at = strstr(PICKED_MOD, "[\"docker\", \"exec\"]");
    cr_assert(at);
    snprintf(text, sizeof text, "%.*s[\"docker\"]%s", (int)(at - PICKED_MOD), PICKED_MOD,
             at + strlen("[\"docker\", \"exec\"]"));
    open_resolved(text);
    cr_expect_eq(count_resolve_diags("Error in function call",
                                     "Call to function \"list\" failed: the \"list\" function was deprecated "
                                     "in Terraform v0.12 and is no longer available; use tolist([ ... ]) "
                                     "syntax to write a literal list."),
                 1);
    cr_expect_eq(count_resolve_diags("Call to unknown function", NULL), 0);
    cr_expect(wf_get(ws, "m.control.probe").unresolved & LP_UNRES_TITLE);
    cr_expect_str_eq(wf_get(ws, "m.control.c").title, "3 true");
}

/* A control read in a list still counts as one object of a few values: 50^3 = 125,000 numbers
 * with two controls pass; 50 times that, 6,250,000, is past the 4,194,304-value bound and is
 * refused where it is written, while the locals built from it fail with it (unresolved). */
Test(funcs_mod, huge_value_still_refused)
{
    open_resolved("mod \"m\" {\n  title = \"m\"\n}\n"
                  "locals {\n  common = { cis = \"true\" }\n"
                  "  l1 = range(50)\n"
                  "  l2 = [for i in range(50) : local.l1]\n"
                  "  l3 = [for i in range(50) : local.l2]\n"
                  "  l4 = [for i in range(50) : local.l3]\n"
                  "  ok = concat([control.a], local.l3, [control.b])\n"
                  "  big = concat([control.a], local.l4)\n"
                  "}\n"
                  CONTROL("a", "1") CONTROL("b", "2")
                  "control \"probe\" {\n  title = \"${length(local.ok)} ${local.ok[51].title}\"\n" SQL "}\n"
                  "control \"probe_big\" {\n  title = \"${length(local.big)}\"\n" SQL "}\n");
    cr_expect_str_eq(wf_get(ws, "m.control.probe").title, "52 2 true");
    cr_expect_eq(count_resolve_diags("Value too large", NULL), 1);
    cr_expect(wf_get(ws, "m.control.probe_big").unresolved & LP_UNRES_TITLE);
}
