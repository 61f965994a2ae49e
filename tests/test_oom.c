/* test_oom.c — a workspace opened while one allocation fails, at every
 * allocation of the opening in turn (lp_alloc_fail_nth): lp_open either
 * reports LP_ERR_NOMEM or gives a workspace that works, never crashes, and
 * leaves nothing allocated (LeakSanitizer checks each test's process, and the
 * live-bytes counter is checked here).  The workspaces take every way phase 1
 * reads a file: skim_scan's usual shapes, trees for dashboards and unusual
 * values, the full parser for a file with a syntax error, a dependency mod. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "lazypipe_test.h"
#include "support/wsfix.h"

static const char *const files[][2] = {
    { "mod.pp", "mod \"m\" {\n  title = \"M\"\n}\nvariable \"v\" {\n  default = \"x\"\n}\nlocals {\n  t = { "
                "a = \"1\" }\n}\n" },
    { "c.pp",
      "control \"c1\" {\n  title       = \"C1\"\n  description = \"d ${var.v}\"\n  query       = query.q\n"
      "  tags = merge(local.t, {\n    k = \"v\"\n    \"q\" = var.v\n  })\n}\n"
      "control \"c2\" {\n  title = <<-EOT\n    t\n  EOT\n  sql = <<-EOQ\n    select ${var.v}\n  EOQ\n"
      "  documentation = file(\"./x.md\")\n}\n"
      "benchmark \"b\" {\n  title    = \"B\"\n  children = [\n    control.c1,\n    control.c2,\n    "
      "m.control.c1,\n    \"x\"\n  ]\n}\n"
      "query \"q\" {\n  sql = <<-EOQ\n    select 1\n  EOQ\n  param \"p\" {\n    default = 1\n  }\n}\n" },
    { "d.pp", "dashboard \"d\" {\n  title = \"D\"\n  container {\n    card {\n      sql = \"select 1\"\n    "
              "}\n    chart \"ch\" {\n"
              "      query = query.q\n      width = 4\n    }\n  }\n  input \"i\" {\n    sql = \"select 1\"\n "
              " }\n}\n" },
    { "bad.pp", "control \"e\" {\n  title = \"E\"\n}\ncontrol \"broken\" {\n  title = \n}\n" },
    { "t.pp", "control \"u\" {\n  title = \"caf\xc3\xa9 \\\"q\\\"\"\n  tags { a = \"b\" }\n}\n" },
};

static char *make_workspace(void)
{
    char *dir = wf_tmpdir();
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) wf_write(dir, files[i][0], files[i][1]);
    return dir;
}

static uint64_t live_bytes(void)
{
    lp_alloc_stats s;
    lp_alloc_stats_get(&s);
    return s.live;
}

/* Open dir while the n-th allocation fails, for every n of a whole opening. */
static void every_failure(const char *dir, int resolve)
{
    lp_workspace_opts o;
    memset(&o, 0, sizeof o);
    o.workers = 1;
    o.no_resolve = !resolve;
    o.no_background = 1;
    lp_alloc_stats a0, a1;
    lp_alloc_stats_get(&a0);
    lp_workspace *ws = NULL;
    lp_error err;
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "%s", err.message);
    lp_buf json = { 0 };
    cr_assert_eq(lp_available_dashboards_json(ws, &json), LP_OK);
    lp_alloc_stats_get(&a1);
    lp_buf_free(&json);
    lp_close(ws);
    uint64_t calls = a1.calls - a0.calls, base = live_bytes();
    cr_assert_gt(calls, 10);
    unsigned failed = 0;
    for (uint64_t n = 0; n < calls; n++) {
        lp_alloc_fail_nth(n);
        ws = NULL;
        int rc = lp_open(dir, &o, &ws, &err);
        if (rc == LP_OK) {
            /* the failed allocation, if it came, was after the opening: the
             * workspace answers (or says it ran out of memory) */
            memset(&json, 0, sizeof json);
            int jrc = lp_available_dashboards_json(ws, &json);
            cr_assert(jrc == LP_OK || jrc == LP_ERR_NOMEM, "allocation %llu: payload gave %d",
                      (unsigned long long)n, jrc);
            lp_buf_free(&json);
            lp_close(ws);
        } else {
            cr_assert_eq(rc, LP_ERR_NOMEM, "allocation %llu: lp_open gave %d (%s)", (unsigned long long)n, rc,
                         err.message);
            cr_assert_null(ws);
            failed++;
        }
        lp_alloc_fail_nth(UINT64_MAX);
        cr_assert_eq(live_bytes(), base, "allocation %llu: %llu bytes left allocated", (unsigned long long)n,
                     (unsigned long long)(live_bytes() - base));
    }
    cr_assert_gt(failed, calls / 2, "only %u of %llu failures reached lp_open's caller", failed,
                 (unsigned long long)calls);
}

Test(oom, every_allocation_of_phase_1)
{
    char *dir = make_workspace();
    every_failure(dir, 0);
    wf_remove(dir);
}

Test(oom, every_allocation_of_phase_1_and_2)
{
    char *dir = make_workspace();
    every_failure(dir, 1);
    wf_remove(dir);
}

Test(oom, every_allocation_with_a_dependency_mod)
{
    every_failure(wf_shared("testdata/powerpipe/lazy-loading-tests/multi-mod/main"), 1);
}

Test(oom, every_allocation_of_a_real_mod)
{
    every_failure(wf_shared("corpus/aws_cloudtrail_log_detections"), 1);
}
