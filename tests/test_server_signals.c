/* test_server_signals.c — a signal to `lazypipe server` leaves no statement running on the
 * database.  The sanitized CLI (LP_CLI) serves a mod whose dashboard's panel runs
 * `select pg_sleep(31)` on the tests' PostgreSQL (LP_PG_URL); a WebSocket client selects it and,
 * once PostgreSQL shows the statement active (pg_stat_activity, read over the test's own
 * connection), the server gets its signal(s).  Then the server must end as Powerpipe's would
 * (Powerpipe's server handles SIGINT alone, signal.NotifyContext(ctx, os.Interrupt): a HUP ends it
 * by the signal's default action) and PostgreSQL must show no such statement within 5 s: a server
 * that dies with its statements running leaves them to PostgreSQL, which notices no dead client
 * while pg_sleep runs.  A second signal during the shutdown never skips the cancels. */
#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <postgresql/libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "support/jsontree.h"
#include "support/pgmarked.h"
#include "support/shared.h"
#include "support/srvfix.h"
#include "support/wsfix.h"

static char *dir;
static PGconn *pg;
static const char *url;
/* this test's marker (tests run two at a time): the statement carries it in a comment (pgmarked.h) */
static char marker[64];

static void setup(void)
{
    url = getenv("LP_PG_URL");
    cr_assert(url, "LP_PG_URL is not set (make test starts the tests' PostgreSQL)");
    pg = PQconnectdb(url);
    cr_assert_eq(PQstatus(pg), CONNECTION_OK, "%s", PQerrorMessage(pg));
    snprintf(marker, sizeof marker, "lp_srvsig_%d", (int)getpid());
    dir = wf_mod_dir("mod \"srvsig\" {\n  title = \"Server signals\"\n}\n");
    char text[512];
    snprintf(text, sizeof text, "dashboard \"d\" {\n  table {\n    sql = \"select pg_sleep(31) /* %s */\"\n"
             "  }\n}\n", marker);
    wf_write(dir, "dash.pp", text);
}

static void teardown(void)
{
    /* a failed test leaves nothing sleeping for the next */
    pgm_terminate(pg, marker);
    PQfinish(pg);
    wf_remove(dir);
}

TestSuite(server_signals, .init = setup, .fini = teardown, .timeout = 120);

static void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* The marked statements PostgreSQL is running now. */
static int active(void)
{
    return pgm_active(pg, marker);
}

/* A WebSocket connection to /ws (handshake answered with 101) that selects srvsig.dashboard.d in one
 * masked text frame (RFC 6455 §5.1). */
static int select_dashboard(int port)
{
    int fd = sf_ws_connect(port);
    static const char msg[] =
        "{\"action\":\"select_dashboard\","
        "\"payload\":{\"dashboard\":{\"full_name\":\"srvsig.dashboard.d\"}}}";
    static const unsigned char key[4] = { 0x5a, 0xc3, 0x17, 0xe9 };
    size_t len = strlen(msg);
    unsigned char frame[256] = { 0x81, (unsigned char)(0x80 | len) };   /* FIN | text; masked, len < 126 */
    memcpy(frame + 2, key, 4);
    for (size_t i = 0; i < len; i++) frame[6 + i] = (unsigned char)(msg[i] ^ key[i & 3]);
    cr_assert_eq(send(fd, frame, 6 + len, MSG_NOSIGNAL), (ssize_t)(6 + len));
    return fd;
}

/* Start the server, select the dashboard, wait (30 s at most) until PostgreSQL runs its statement;
 * then send `first`, and `second` (0: none) 10 ms later.  Once the server ended, no statement may be
 * left within 5 s; its wait status. */
static int signalled(int first, int second, const char *what)
{
    char db_arg[PATH_MAX];
    snprintf(db_arg, sizeof db_arg, "--database=%s", url);
    sf_server srv;
    sf_start(&srv, dir, db_arg, NULL, NULL);
    pid_t pid = srv.pid;
    int fd = select_dashboard(srv.port);
    for (int i = 0; i < 300 && active() < 1; i++) sleep_ms(100);
    cr_assert_eq(active(), 1, "%s: the panel's statement never showed in pg_stat_activity", what);
    kill(pid, first);
    if (second) {
        sleep_ms(10);
        kill(pid, second);
    }
    int status = 0, ended = 0;
    for (int i = 0; i < 300 && !ended; i++) {   /* 30 s */
        ended = waitpid(pid, &status, WNOHANG) == pid;
        if (!ended) sleep_ms(100);
    }
    if (!ended) {   /* (no server left behind for the next test) */
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
    cr_assert(ended, "%s: the server did not end within 30 s of the signal", what);
    close(fd);
    int left = pgm_left_after(pg, marker, 5000);
    cr_assert_eq(left, 0, "%s: the statement still runs on the database after the server ended", what);
    unlink(srv.log);
    return status;
}

/* The wait status as a reader wants it */
static const char *how_it_ended(int status, char *buf, size_t size)
{
    if (WIFSIGNALED(status)) snprintf(buf, size, "killed by signal %d", WTERMSIG(status));
    else snprintf(buf, size, "exit status %d", WEXITSTATUS(status));
    return buf;
}

static void ends_by_sighup(int status)
{
    char how[64];
    cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGHUP, "%s, want death by SIGHUP",
              how_it_ended(status, how, sizeof how));
}

static void exits_0(int status)
{
    char how[64];
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s, want exit status 0",
              how_it_ended(status, how, sizeof how));
}

Test(server_signals, sighup_cancels_then_ends_by_sighup)
{
    ends_by_sighup(signalled(SIGHUP, 0, "SIGHUP"));
}

/* A second signal 10 ms after the first, during the shutdown (timeout(1) signals the process and
 * then its group; a user presses Ctrl-C twice): the cancels are sent all the same, and the first
 * signal decides how the server ends. */
Test(server_signals, sigterm_then_sigint_cancels_then_exits_0)
{
    exits_0(signalled(SIGTERM, SIGINT, "SIGTERM then SIGINT"));
}

Test(server_signals, sigterm_then_sighup_cancels_then_exits_0)
{
    exits_0(signalled(SIGTERM, SIGHUP, "SIGTERM then SIGHUP"));
}

Test(server_signals, sighup_then_sigterm_cancels_then_ends_by_sighup)
{
    ends_by_sighup(signalled(SIGHUP, SIGTERM, "SIGHUP then SIGTERM"));
}
