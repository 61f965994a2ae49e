/* test_cli_pool.c — `control run` / `benchmark run` of many targets without a named export run a
 * tree per target, one after another, and Powerpipe runs every tree on InitData's one client (its
 * connection pool): so do they here.  Each control reports the PostgreSQL backend that ran it
 * (pg_backend_pid(), the server's own answer): twenty targets run on one connection, reused, not
 * twenty. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/clirun.h"
#include "support/wsfix.h"

#define TARGETS 20

Test(cli_pool, twenty_targets_run_on_one_pool_of_connections, .timeout = 60)
{
    const char *url = getenv("LP_PG_URL");
    cr_assert(url, "LP_PG_URL is not set (make test starts the tests' PostgreSQL)");
    char *dir = wf_mod_dir("mod \"pool\" {\n  title = \"Pool\"\n}\n");
    char text[TARGETS * 200], args[TARGETS * 16];
    size_t n = 0, a = 0;
    for (int i = 0; i < TARGETS; i++) {
        n += (size_t)snprintf(text + n, sizeof text - n,
                              "control \"c%d\" {\n  sql = \"select 'r' as resource, 'ok' as status, "
                              "pg_backend_pid()::text as reason\"\n}\n",
                              i);
        a += (size_t)snprintf(args + a, sizeof args - a, " c%d", i);
    }
    wf_write(dir, "c.pp", text);
    cl_result r = cl_run("--mod-location %s control run%s --output csv --progress=false --database '%s'", dir,
                         args, url);
    cr_assert_eq(r.status, 0, "%s", r.err);
    /* the reason column: each tree's CSV (a header, then its row); count the distinct backends */
    char pids[TARGETS][32];
    int npids = 0, rows = 0;
    for (char *line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "root_result_group,", 18) != 0) continue;
        rows++;
        /* group_id,title,description,control_id,control_title,control_description,reason,... */
        const char *reason = line;
        for (int f = 0; f < 6 && reason; f++) reason = strchr(reason, ',') ? strchr(reason, ',') + 1 : NULL;
        cr_assert(reason, "%s", line);
        char pid[32];
        snprintf(pid, sizeof pid, "%.*s", (int)strcspn(reason, ","), reason);
        cr_assert(pid[0] >= '1' && pid[0] <= '9', "no backend pid in %s", line);
        int seen = 0;
        for (int i = 0; i < npids; i++) seen |= !strcmp(pids[i], pid);
        if (!seen && npids < TARGETS) snprintf(pids[npids++], sizeof pids[0], "%s", pid);
    }
    cr_expect_eq(rows, TARGETS, "%s", r.out);
    cr_expect_eq(npids, 1, "%d backends for %d targets run one after another", npids, TARGETS);
    cl_done(&r);
    wf_remove(dir);
}
