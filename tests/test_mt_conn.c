/* test_mt_conn.c — each leaf's database chosen by workers at once (run under TSan by `make
 * test-tsan`): several runs of one benchmark on one workspace, 8 workers each, whose controls
 * read three SQLite files through connections of the config path: the mod's, a control's own,
 * and a query's that the control uses (loaded by the worker).  Every control must read its own
 * database's value. */
#include "support/mt_test.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/wsfix.h"
#include "support/runfix.h"

#define CONTROLS 30
#define RUNS 4
#define SEL "select 'ok' as status, 'r' as resource, v as reason from t"

typedef struct job {
    lp_workspace *ws;
    const char *cfg;
    int bad;
} job;

static void *one_run(void *arg)
{
    job *j = arg;
    lp_run_opts o = { .config_path = j->cfg, .max_parallel = 8 };
    const char *t = "b";
    lp_run *run = NULL;
    lp_error err = { 0 };
    if (lp_run_start(j->ws, LP_KIND_BENCHMARK, &t, 1, &o, &run, &err) != LP_OK) {
        j->bad++;
        return NULL;
    }
    lp_run_wait(run, -1);
    const lp_run_node *b = lp_node_child(lp_run_root(run), 0);
    for (uint32_t i = 0; i < lp_node_child_count(b); i++) {
        const lp_run_node *n = lp_node_child(b, i);
        const char *want = i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c";
        int col = lp_node_column_index(n, "reason");
        if (lp_node_get_state(n) != LP_NODE_COMPLETE || lp_node_row_count(n) != 1 || col < 0 ||
            strcmp(lp_node_row(n, 0)[col].text, want) != 0)
            j->bad++;
    }
    lp_run_free(run);
    return NULL;
}

Test(mt_conn, workers_choose_databases_at_once)
{
    lp_driver_register(lp_driver_sqlite());
    char *dir = wf_tmpdir(), *cfg = wf_tmpdir();
    static char ppc[4096], mod[CONTROLS * 200 + 512];
    size_t pl = 0, len = 0;
    for (int i = 0; i < 3; i++) {
        char db[1024], sql[80];
        snprintf(db, sizeof db, "%s/%c.db", cfg, 'a' + i);
        snprintf(sql, sizeof sql, "create table t(v text); insert into t values ('%c');", 'a' + i);
        rf_sqlite(db, sql);
        pl += (size_t)snprintf(ppc + pl, sizeof ppc - pl,
                               "connection \"sqlite\" \"%c\" { file_name = \"%s/%c.db\" }\n", 'a' + i, cfg,
                               'a' + i);
    }
    wf_write(cfg, "c.ppc", ppc);
    wf_write(dir, "mod.pp", "mod \"m\" {\n  database = connection.sqlite.a\n}\n");
    len += (size_t)snprintf(mod + len, sizeof mod - len,
                            "query \"on_c\" {\n  sql = \"" SEL "\"\n  database = connection.sqlite.c\n}\n"
                            "benchmark \"b\" {\n  children = [");
    for (int i = 0; i < CONTROLS; i++)
        len += (size_t)snprintf(mod + len, sizeof mod - len, "%scontrol.c%d", i ? ", " : "", i);
    len += (size_t)snprintf(mod + len, sizeof mod - len, "]\n}\n");
    for (int i = 0; i < CONTROLS; i++) {
        if (i % 3 == 0)
            len +=
                (size_t)snprintf(mod + len, sizeof mod - len, "control \"c%d\" { sql = \"" SEL "\" }\n", i);
        else if (i % 3 == 1)
            len += (size_t)snprintf(
                mod + len, sizeof mod - len,
                "control \"c%d\" {\n  sql = \"" SEL "\"\n  database = connection.sqlite.b\n}\n", i);
        else
            len +=
                (size_t)snprintf(mod + len, sizeof mod - len, "control \"c%d\" { query = query.on_c }\n", i);
    }
    wf_write(dir, "a.pp", mod);
    lp_workspace_opts wo = { .no_background = 1, .workers = 1 };
    lp_workspace *ws = NULL;
    lp_error err;
    cr_assert_eq(lp_open(dir, &wo, &ws, &err), LP_OK);
    pthread_t th[RUNS];
    job jobs[RUNS];
    for (int i = 0; i < RUNS; i++) {
        jobs[i] = (job){ ws, cfg, 0 };
        pthread_create(&th[i], NULL, one_run, &jobs[i]);
    }
    for (int i = 0; i < RUNS; i++) {
        pthread_join(th[i], NULL);
        cr_assert_eq(jobs[i].bad, 0, "run %d", i);
    }
    lp_close(ws);
    wf_remove(dir);
    wf_remove(cfg);
}
