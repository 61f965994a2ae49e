/* test_mt_detect.c — detection benchmark runs racing (run under TSan by `make test-tsan`): several
 * runs of one nested detection benchmark at once on one workspace, 4 workers each over a real SQLite
 * file, the detections reading a with, some runs cancelled; each detection is reported once, every
 * node is final when lp_run_wait returns, a reported detection's panel is written while others run,
 * and the uncancelled runs' detections have the rows their SQL selects. */
#include "support/mt_test.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/runfix.h"
#include "support/wsfix.h"

#define GROUPS 4
#define PER_GROUP 6
#define RUNS 6

static void *one_run(void *arg)
{
    rf_job *j = arg;
    rf_events s;
    /* a reported detection is readable while the others run: its panel as the server sends it */
    lp_run *run = rf_job_run(j, LP_KIND_DETECTION_BENCHMARK, "top", &(lp_run_opts){ .max_parallel = 4 }, &s,
                             LP_NODE_DETECTION, 1);
    if (!run) return NULL;
    if (s.node_complete != GROUPS * PER_GROUP || s.panel_failures) j->bad++;
    const lp_run_node *top = lp_node_child(lp_run_root(run), 0);
    if (lp_node_child_count(top) != GROUPS) j->bad++;
    for (uint32_t g = 0; g < lp_node_child_count(top); g++) {
        const lp_run_node *grp = lp_node_child(top, g);
        for (uint32_t i = 0; i < lp_node_child_count(grp); i++) {
            const lp_run_node *d = lp_node_child(grp, i);
            lp_node_state st = lp_node_get_state(d);
            if (st != LP_NODE_COMPLETE && st != LP_NODE_ERROR) j->bad++;
            if (j->cancel) continue;
            /* detection i of group g selects the with's 41 + 1, then g * 100 + i */
            char want[32];
            snprintf(want, sizeof want, "%u", g * 100 + i);
            if (st != LP_NODE_COMPLETE || lp_node_row_count(d) != 2 ||
                strcmp(lp_node_row(d, 0)[0].text, "42") != 0 || strcmp(lp_node_row(d, 1)[0].text, want) != 0)
                j->bad++;
        }
        if (!j->cancel && lp_node_get_state(grp) != LP_NODE_COMPLETE) j->bad++;
    }
    lp_buf b = { 0 };
    if (lp_run_snapshot_json(run, &b) != LP_OK) j->bad++;
    lp_buf_free(&b);
    return rf_job_end(run, &s);
}

Test(mt_detect, parallel_detection_benchmark_runs)
{
    lp_buf mod = { 0 };
    rf_benchmark_text(&mod, "top", "detection", "benchmark.g", GROUPS);
    for (int g = 0; g < GROUPS; g++) {
        char name[16], prefix[32];
        snprintf(name, sizeof name, "g%d", g);
        snprintf(prefix, sizeof prefix, "detection.d%d_", g);
        rf_benchmark_text(&mod, name, "detection", prefix, PER_GROUP);
        for (int i = 0; i < PER_GROUP; i++)
            lp_buf_printf(&mod,
                          "detection \"d%d_%d\" {\n  with \"w\" {\n    sql = \"select 41 as v from t\"\n"
                          "  }\n  sql = \"select $1 + 1 as x union all select %d\"\n"
                          "  args = [with.w.rows[0].v]\n}\n",
                          g, i, g * 100 + i);
    }
    char *dir, url[700];
    lp_workspace *ws =
        rf_open_sqlite(mod.data, "create table t(x text); insert into t values (1);", &dir, url, sizeof url);
    lp_buf_free(&mod);
    rf_race(RUNS, one_run, ws, url);
    wf_done(&ws, &dir);
}
