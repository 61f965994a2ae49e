/* test_cli_signals.c — a signal to a run command leaves no statement running on the database
 * (issue 33 §1).  The sanitized CLI (LP_CLI) runs statements that would sleep for a minute on the
 * tests' PostgreSQL (LP_PG_URL); once PostgreSQL shows them active (pg_stat_activity, read here
 * over a connection of the test's own), the command gets SIGINT, SIGTERM or SIGHUP; then
 * PostgreSQL must show none of them within a few seconds, and the command must end as Powerpipe's
 * does: an interrupted benchmark with its exit code 2, a dashboard run with 255, a query run and
 * every TERM and HUP by the signal itself.  A second signal never skips the cancel: timeout(1)
 * signals the process and then its group, and a user presses Ctrl-C twice. */
#include <criterion/criterion.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <postgresql/libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "support/clirun.h"
#include "support/wsfix.h"
#include "support/pgmarked.h"
#include "support/shared.h"

static char *dir;
static PGconn *pg;
static const char *url;
/* this test's marker (tests run two at a time): the statements carry it; the monitoring queries
 * build it from two halves, so that they never match themselves */
static char marker[64];

static void setup(void)
{
    url = getenv("LP_PG_URL");
    cr_assert(url, "LP_PG_URL is not set (make test starts the tests' PostgreSQL)");
    pg = PQconnectdb(url);
    cr_assert_eq(PQstatus(pg), CONNECTION_OK, "%s", PQerrorMessage(pg));
    dir = wf_mod_dir("mod \"sig\" {\n  title = \"Signals\"\n}\n");
    /* every statement carries the marker, so that pg_stat_activity finds them (and only them) */
    snprintf(marker, sizeof marker, "lp_sig_%d", (int)getpid());
    char text[2048];
    snprintf(text, sizeof text,
             "benchmark \"slow\" {\n  title = \"Slow\"\n  children = [control.a, control.b, control.c]\n}\n"
             "control \"a\" {\n  sql = \"select 'r' as resource, 'ok' as status, 'a' as reason "
             "from pg_sleep(60) /* %s */\"\n}\n"
             "control \"b\" {\n  sql = \"select 'r' as resource, 'ok' as status, 'b' as reason "
             "from pg_sleep(60) /* %s */\"\n}\n"
             "control \"c\" {\n  sql = \"select 'r' as resource, 'ok' as status, 'c' as reason "
             "from pg_sleep(60) /* %s */\"\n}\n"
             "query \"q\" {\n  sql = \"select pg_sleep(60) /* %s */\"\n}\n"
             "dashboard \"d\" {\n  table {\n    sql = \"select pg_sleep(60) /* %s */\"\n  }\n"
             "  card {\n    sql = \"select 1 as value from pg_sleep(60) /* %s */\"\n  }\n}\n",
             marker, marker, marker, marker, marker, marker);
    wf_write(dir, "slow.pp", text);
}

static void teardown(void)
{
    /* a failed test leaves nothing sleeping for the next */
    pgm_terminate(pg, marker);
    PQfinish(pg);
    wf_remove(dir);
}

TestSuite(cli_signals, .init = setup, .fini = teardown, .timeout = 120);

/* The marked statements PostgreSQL is running now. */
static int active(void)
{
    return pgm_active(pg, marker);
}

static void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* Start `[wrapper...] $LP_CLI --mod-location DIR <args...> --database URL` with its output to
 * /dev/null (wrapper: NULL, or a NULL-terminated command the CLI's command line follows). */
static pid_t start_under(const char *const *wrapper, const char *const *args)
{
    const char *cli = getenv("LP_CLI");
    cr_assert(cli, "LP_CLI is not set");
    const char *argv[40];
    int n = 0;
    for (; wrapper && *wrapper; wrapper++) argv[n++] = *wrapper;
    argv[n++] = cli;
    argv[n++] = "--mod-location";
    argv[n++] = dir;
    for (; *args; args++) argv[n++] = *args;
    argv[n++] = "--database";
    argv[n++] = url;
    argv[n] = NULL;
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        freopen("/dev/null", "w", stdout);
        freopen("/dev/null", "w", stderr);
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    return pid;
}

static pid_t start(const char *const *args) { return start_under(NULL, args); }

/* Wait until PostgreSQL runs `want` marked statements (at most 30 s: the sanitized CLI starts slowly). */
static void wait_active(int want, const char *what)
{
    for (int i = 0; i < 300 && active() < want; i++) sleep_ms(100);
    cr_assert_geq(active(), want, "%s: its statements never showed in pg_stat_activity", what);
}

/* After the signal: the process ends (status), and within 5 s no marked statement runs. */
static int finish(pid_t pid, const char *what)
{
    int status = 0;
    for (int i = 0; i < 300; i++) {   /* 30 s */
        if (waitpid(pid, &status, WNOHANG) == pid) break;
        cr_assert_lt(i, 299, "%s did not end after the signal", what);
        sleep_ms(100);
    }
    int left = pgm_left_after(pg, marker, 5000);
    cr_assert_eq(left, 0, "%s: %d statements still running on the database after the command ended", what,
                 left);
    return status;
}

static void expect_exit(int status, int code, const char *what)
{
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == code, "%s: status %#x, want exit %d", what,
              (unsigned)status, code);
}

static void expect_signal(int status, int sig, const char *what)
{
    cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == sig, "%s: status %#x, want death by signal %d", what,
              (unsigned)status, sig);
}

static const char *const BENCHMARK[] = { "benchmark", "run", "slow", "--output", "csv", "--progress=false",
                                          NULL };
static const char *const QUERY[] = { "query", "run", "q", "--output", "csv", NULL };
static const char *const DASHBOARD[] = { "dashboard", "run", "d", "--output", "snapshot", NULL };

Test(cli_signals, benchmark_run_sigint_cancels_and_exits_2)
{
    pid_t pid = start(BENCHMARK);
    wait_active(3, "benchmark run");
    kill(pid, SIGINT);
    expect_exit(finish(pid, "benchmark run"), 2, "benchmark run after SIGINT");
}

/* For each of sigs: the command started (args), waited for until `active` statements run, sent the
 * signal; it cancels, then ends by that signal. */
static void ends_by_each(const char *const *args, int active, const char *what, const int *sigs, int n)
{
    for (int i = 0; i < n; i++) {
        pid_t pid = start(args);
        wait_active(active, what);
        kill(pid, sigs[i]);
        expect_signal(finish(pid, what), sigs[i], what);
    }
}

Test(cli_signals, benchmark_run_sigterm_and_sighup_cancel_then_end_by_the_signal)
{
    int sigs[] = { SIGTERM, SIGHUP };
    ends_by_each(BENCHMARK, 3, "benchmark run", sigs, 2);
}

Test(cli_signals, query_run_cancels_on_int_term_hup)
{
    int sigs[] = { SIGINT, SIGTERM, SIGHUP };
    ends_by_each(QUERY, 1, "query run", sigs, 3);
}

Test(cli_signals, dashboard_run_cancels_on_int_term_hup)
{
    pid_t pid = start(DASHBOARD);
    wait_active(2, "dashboard run");
    kill(pid, SIGINT);
    expect_exit(finish(pid, "dashboard run"), 255, "dashboard run after SIGINT");
    int sigs[] = { SIGTERM, SIGHUP };
    ends_by_each(DASHBOARD, 2, "dashboard run", sigs, 2);
}

Test(cli_signals, a_second_signal_held_back_with_the_first_does_not_skip_the_cancel)
{
    /* SIGSTOP holds the process between the two signals, so that both are pending when it goes on */
    pid_t pid = start(BENCHMARK);
    wait_active(3, "benchmark run");
    kill(pid, SIGSTOP);
    kill(pid, SIGINT);
    kill(pid, SIGTERM);
    kill(pid, SIGCONT);
    int status = finish(pid, "benchmark run after SIGINT and SIGTERM at once");
    cr_assert(WIFEXITED(status) || WIFSIGNALED(status), "status %#x", (unsigned)status);
}

/* SIGINT, then SIGTERM 10 ms later (before the wait loop has seen the first): the statements are
 * cancelled all the same, and the command ends as the first signal asks. */
static void int_then_term(const char *const *args, int statements, const char *what)
{
    pid_t pid = start(args);
    wait_active(statements, what);
    kill(pid, SIGINT);
    sleep_ms(10);
    kill(pid, SIGTERM);
    int status = finish(pid, what);
    if (args == QUERY) expect_signal(status, SIGINT, what);
    else expect_exit(status, args == BENCHMARK ? 2 : 255, what);
}

Test(cli_signals, int_then_term_cancels_for_query_benchmark_and_dashboard_run)
{
    int_then_term(QUERY, 1, "query run, INT then TERM");
    int_then_term(BENCHMARK, 3, "benchmark run, INT then TERM");
    int_then_term(DASHBOARD, 2, "dashboard run, INT then TERM");
}

/* `timeout 3 lazypipe ...`, CI's usual wrapper: at 3 s timeout(1) sends TERM to the command and
 * then to its process group, the command among it: two TERMs a moment apart.  The statements must
 * be running before that (else the test proves nothing), and none after; timeout exits 124. */
static void under_timeout_3(const char *const *args, int statements, const char *what)
{
    static const char *const wrapper[] = { "timeout", "3", NULL };
    double t0 = ts_now_s();
    pid_t pid = start_under(wrapper, args);
    wait_active(statements, what);
    cr_assert_lt(ts_now_s() - t0, 3.0, "%s: its statements started after timeout's 3 s", what);
    expect_exit(finish(pid, what), 124, what);
}

Test(cli_signals, timeout_3_cancels_query_run_and_dashboard_run)
{
    char sql[128];
    snprintf(sql, sizeof sql, "select pg_sleep(31) /* %s */", marker);
    const char *const query[] = { "query", "run", sql, "--output", "csv", NULL };
    under_timeout_3(query, 1, "timeout 3 query run \"select pg_sleep(31)\"");
    under_timeout_3(DASHBOARD, 2, "timeout 3 dashboard run");
}

/* A server that accepts and never answers (a listening socket nobody accepts on): its port. */
static int silent_server(int *port) { return ts_listen_local(64, port); }

/* Connecting is under the run's deadlines and a signal: against a server that never answers,
 * --benchmark-timeout 2 ends the run in about 2 s (not the 10 s connect timeout, not never), and a
 * Ctrl-C ends it at once. */
Test(cli_signals, connecting_to_a_server_that_never_answers_is_cancellable)
{
    int port;
    int fd = silent_server(&port);
    char silent[128];
    snprintf(silent, sizeof silent, "postgres://steampipe@127.0.0.1:%d/steampipe", port);
    url = silent;
    const char *const timed[] = { "benchmark", "run", "slow", "--output", "none", "--progress=false",
                                  "--benchmark-timeout", "2", NULL };
    double t0 = ts_now_s();
    pid_t pid = start(timed);
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) != pid) {
        cr_assert_lt(ts_now_s() - t0, 8.0, "benchmark run --benchmark-timeout 2 still connecting after 8 s");
        sleep_ms(50);
    }
    expect_exit(status, 2, "benchmark run past its timeout");
    pid = start(BENCHMARK);
    sleep_ms(1500);   /* connecting by now (the sanitized CLI starts in well under a second) */
    t0 = ts_now_s();
    kill(pid, SIGINT);
    while (waitpid(pid, &status, WNOHANG) != pid) {
        cr_assert_lt(ts_now_s() - t0, 3.0, "SIGINT did not end a run that was connecting");
        sleep_ms(50);
    }
    expect_exit(status, 2, "benchmark run after SIGINT while connecting");
    close(fd);
}

/* --query-timeout bounds connecting too: against a server that accepts and never answers (and a
 * connection string that sets no connect timeout of its own), a query run and a dashboard run give
 * up at the query timeout, not the driver's 10 s, with a timeout error. */
/* `lazypipe --mod-location DIR <command> --query-timeout 2 --database <db>` gives up within 2 s
 * and some slack, saying it timed out (on stderr, or in stdout's snapshot); its exit status. */
static int gives_up_at_2_s(const char *command, const char *db, int says_in_stdout)
{
    double t0 = ts_now_s();
    cl_result r = cl_run("--mod-location %s %s --query-timeout 2 --database '%s'", dir, command, db);
    double took = ts_now_s() - t0;
    const char *said = says_in_stdout ? r.out : r.err;
    cr_expect(strstr(said, "timed out after 2000 ms"), "%s: status %d, %.400s", command, r.status, said);
    cr_expect(took >= 1.9 && took < 4.5, "%s --query-timeout 2 took %.1f s to give up connecting", command,
              took);
    int status = r.status;
    cl_done(&r);
    return status;
}

Test(cli_signals, query_timeout_bounds_connecting)
{
    int port;
    int fd = silent_server(&port);
    char silent[160];
    snprintf(silent, sizeof silent, "postgres://steampipe@127.0.0.1:%d/steampipe?connect_timeout=0", port);
    /* a query that failed (ExitCodeQueryExecutionFailed), as every failed query run */
    cr_expect_eq(gives_up_at_2_s("query run 'select 1'", silent, 0), 41, "query run's exit status");
    gives_up_at_2_s("dashboard run d --output snapshot", silent, 1);
    close(fd);
}
