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

/* The server on a free loopback port over dir and the tests' PostgreSQL, its log in *log; its pid
 * once the log says it listens. */
static pid_t start_server(int *port, char *log, size_t logsize)
{
    const char *cli = getenv("LP_CLI");
    cr_assert(cli, "LP_CLI is not set");
    *port = ts_free_port();
    snprintf(log, logsize, "%s.server.log", dir);
    unlink(log);
    char port_arg[16], db_arg[PATH_MAX];
    snprintf(port_arg, sizeof port_arg, "%d", *port);
    snprintf(db_arg, sizeof db_arg, "--database=%s", url);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fd, 1);
        dup2(fd, 2);
        execl(cli, cli, "--mod-location", dir, "server", "--port", port_arg, db_arg, (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 600; i++) {
        char *text = jt_read_file(log, NULL);
        int up = text && strstr(text, "listening on");
        free(text);
        if (up) return pid;
        cr_assert_eq(waitpid(pid, NULL, WNOHANG), 0, "the server ended before listening");
        sleep_ms(100);
    }
    cr_assert_fail("the server did not start listening within 60 s");
    return -1;
}

/* A WebSocket connection to /ws (handshake answered with 101) that selects srvsig.dashboard.d in one
 * masked text frame (RFC 6455 §5.1). */
static int select_dashboard(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    cr_assert(fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0);
    struct timeval tv = { 5, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char req[512];
    int n = snprintf(req, sizeof req,
                     "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
                     port);
    cr_assert_eq(write(fd, req, (size_t)n), n);
    char head[1024];
    size_t got = 0;
    while (got < 4 || memcmp(head + got - 4, "\r\n\r\n", 4) != 0) {   /* byte by byte: no frame read */
        cr_assert_lt(got, sizeof head - 1, "handshake answer too long");
        cr_assert_eq(read(fd, head + got, 1), 1, "no handshake answer");
        got++;
    }
    head[got] = '\0';
    cr_assert(strncmp(head, "HTTP/1.1 101", 12) == 0, "handshake: %s", head);
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
    int port;
    char log[PATH_MAX];
    pid_t pid = start_server(&port, log, sizeof log);
    int fd = select_dashboard(port);
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
    unlink(log);
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
