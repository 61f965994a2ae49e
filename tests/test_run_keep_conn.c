/* test_run_keep_conn.c — a statement's error is not a lost connection.  On the tests' PostgreSQL
 * (LP_PG_URL) the sanitized CLI (LP_CLI) runs benchmarks whose controls report their backend's pid
 * (pg_backend_pid(), the database's own answer of which connection ran them): controls that fail on
 * their data (a division by zero) leave the run on the connections it opened, at most
 * --max-parallel of them, with every other control's result as before; a backend the database ends
 * (pg_terminate_backend) is replaced and the run goes on. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/clirun.h"
#include "support/wsfix.h"

#define NCONTROLS 30
#define FAIL_EVERY 5    /* control i fails when i % FAIL_EVERY == FAIL_EVERY - 1: 6 of 30 */

/* A mod of a benchmark "b" over NCONTROLS controls; control i's SQL is make_sql(i) (its reason
 * names i, so that no two statements are the same and none is reused from another's rows). */
static char *write_mod(const char *(*make_sql)(int i, char *buf, size_t size))
{
    char *dir = wf_tmpdir();
    wf_write(dir, "mod.pp", "mod \"keep\" {\n  title = \"Keep\"\n}\n");
    static char text[32768];
    size_t len = (size_t)snprintf(text, sizeof text, "benchmark \"b\" {\n  children = [");
    for (int i = 0; i < NCONTROLS; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%scontrol.c%02d", i ? ", " : "", i);
    len += (size_t)snprintf(text + len, sizeof text - len, "]\n}\n");
    for (int i = 0; i < NCONTROLS; i++) {
        char sql[512];
        len += (size_t)snprintf(text + len, sizeof text - len, "control \"c%02d\" {\n  sql = \"%s\"\n}\n",
                                i, make_sql(i, sql, sizeof sql));
    }
    cr_assert(len < sizeof text);
    wf_write(dir, "controls.pp", text);
    return dir;
}

/* a control that reports the backend that ran it */
#define PID_SQL "select 'pid' || pg_backend_pid() as resource, 'ok' as status, 'c%02d' as reason"

static const char *pid_or_divide_by_zero(int i, char *buf, size_t size)
{
    if (i % FAIL_EVERY == FAIL_EVERY - 1)
        snprintf(buf, size, "select 'r' as resource, 'ok' as status, (1 / (x - x))::text as reason "
                            "from (values (%d)) as v(x)", i);
    else
        snprintf(buf, size, PID_SQL, i);
    return buf;
}

/* Control 10 ends its own backend (the server sends FATAL and closes the connection). */
static const char *pid_or_terminate(int i, char *buf, size_t size)
{
    if (i == 10)
        snprintf(buf, size, "select pg_terminate_backend(pg_backend_pid())::text as resource, "
                            "'ok' as status, 'c%02d' as reason", i);
    else
        snprintf(buf, size, PID_SQL, i);
    return buf;
}

typedef struct tally {
    int ok, error, npids;
    char pids[NCONTROLS][32];
    int reasons_ok;     /* ok rows whose reason is their control's own name ("control.c07": "c07") */
} tally;

/* The CSV's rows (group_id,title,description,control_id,control_title,control_description,reason,
 * resource,status,severity): ok rows counted with the distinct pids of their resource ("pidN"),
 * error rows counted. */
static tally count_rows(const char *csv)
{
    tally t = { 0 };
    char *copy = strdup(csv), *save = NULL;
    cr_assert(copy);
    for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *f[10] = { 0 };
        int n = 0;
        for (char *p = line; n < 10; p++) {
            f[n++] = p;
            if (!(p = strchr(p, ','))) break;
            *p = 0;
        }
        if (n < 9) continue;
        if (strcmp(f[8], "error") == 0) t.error++;
        if (strcmp(f[8], "ok") != 0 || strncmp(f[7], "pid", 3) != 0) continue;
        t.ok++;
        t.reasons_ok += strncmp(f[3], "control.", 8) == 0 && strcmp(f[3] + 8, f[6]) == 0;
        int seen = 0;
        for (int i = 0; i < t.npids; i++) seen |= strcmp(t.pids[i], f[7]) == 0;
        if (!seen && strlen(f[7]) < sizeof t.pids[0]) strcpy(t.pids[t.npids++], f[7]);
    }
    free(copy);
    return t;
}

static cl_result run_benchmark(const char *dir, int max_parallel)
{
    const char *url = getenv("LP_PG_URL");
    cr_assert(url, "LP_PG_URL is not set (make test starts the tests' PostgreSQL)");
    return cl_run("--mod-location %s benchmark run b --output csv --progress=false --max-parallel %d "
                  "--database %s",
                  dir, max_parallel, url);
}

Test(keep_conn, controls_failing_on_their_data_keep_the_runs_connections, .timeout = 120)
{
    char *dir = write_mod(pid_or_divide_by_zero);
    for (int parallel = 1; parallel <= 2; parallel++) {
        cl_result r = run_benchmark(dir, parallel);
        /* exit status: controls in error, as on a run that made a connection per failure */
        cr_assert_eq(r.status, 2, "exit %d\n%s\n%s", r.status, r.out, r.err);
        tally t = count_rows(r.out);
        cr_assert_eq(t.ok, 24, "24 controls ok, got %d:\n%s", t.ok, r.out);
        cr_assert_eq(t.reasons_ok, 24, "%s", r.out);
        cr_assert_eq(t.error, 6, "6 controls in error, got %d:\n%s", t.error, r.out);
        cr_assert(strstr(r.out, "division by zero"), "%s", r.out);
        /* one connection per worker, however many statements failed (a new one after each failure
         * made 1 + 6 backends at --max-parallel 1) */
        cr_assert_leq(t.npids, parallel, "%d backends ran the controls at --max-parallel %d:\n%s", t.npids,
                      parallel, r.out);
        cl_done(&r);
    }
    wf_remove(dir);
}

Test(keep_conn, a_terminated_backend_is_replaced_and_the_run_goes_on, .timeout = 120)
{
    char *dir = write_mod(pid_or_terminate);
    cl_result r = run_benchmark(dir, 1);
    cr_assert_eq(r.status, 2, "exit %d\n%s\n%s", r.status, r.out, r.err);
    tally t = count_rows(r.out);
    cr_assert_eq(t.ok, NCONTROLS - 1, "every other control ok, got %d:\n%s", t.ok, r.out);
    cr_assert_eq(t.reasons_ok, NCONTROLS - 1, "%s", r.out);
    cr_assert_eq(t.error, 1, "%s", r.out);
    cr_assert(strstr(r.out, "terminating connection"), "%s", r.out);
    /* the backend before the termination, and the one made after it */
    cr_assert_eq(t.npids, 2, "%d backends:\n%s", t.npids, r.out);
    cl_done(&r);
    wf_remove(dir);
}
