/* srvfix.c — `lazypipe server` as the server tests run it (see srvfix.h). */
#include "srvfix.h"

#include "mt_test.h"   /* Criterion, or its stand-in under TSan */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "jsontree.h"
#include "shared.h"

static void sleep_100ms(void)
{
    struct timespec ts = { 0, 100 * 1000000L };
    nanosleep(&ts, NULL);
}

const char *sf_cli(void)
{
    const char *c = getenv("LP_CLI");
    return c && *c ? c : "build/san/lazypipe";
}

void sf_start(sf_server *s, const char *dir, const char *extra, const char *extra2, char *const *env)
{
    s->port = ts_free_port();
    snprintf(s->log, sizeof s->log, "%s.server.log", dir);
    unlink(s->log);   /* a previous server's log must not pass for this one's */
    snprintf(s->url, sizeof s->url, "http://127.0.0.1:%d/", s->port);
    char port[16];
    snprintf(port, sizeof port, "%d", s->port);
    const char *cli = sf_cli();
    s->pid = fork();
    cr_assert_geq(s->pid, 0);
    if (s->pid == 0) {
        int fd = open(s->log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fd, 1);
        dup2(fd, 2);
        for (char *const *e = env; e && *e; e++) putenv(*e);
        if (extra2)
            execl(cli, cli, "--mod-location", dir, "server", "--port", port, extra, extra2, (char *)NULL);
        else if (extra) execl(cli, cli, "--mod-location", dir, "server", "--port", port, extra, (char *)NULL);
        else execl(cli, cli, "--mod-location", dir, "server", "--port", port, (char *)NULL);
        _exit(127);
    }
    for (int i = 0; i < 600; i++) {
        char *log = jt_read_file(s->log, NULL);
        int up = log && strstr(log, "listening on") != NULL;
        free(log);
        if (up) return;
        int st;
        cr_assert_eq(waitpid(s->pid, &st, WNOHANG), 0, "the server ended before listening");
        sleep_100ms();
    }
    cr_assert(0, "the server did not start listening within 60 s");
}

int sf_stop_with(sf_server *s, int sig)
{
    kill(s->pid, sig);
    for (int i = 0; i < 300; i++) {
        int st;
        if (waitpid(s->pid, &st, WNOHANG) == s->pid)
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        sleep_100ms();
    }
    kill(s->pid, SIGKILL);
    waitpid(s->pid, NULL, 0);
    return -1;
}

int sf_connect(int port, int timeout_s)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    cr_assert(fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0);
    struct timeval tv = { timeout_s, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

int sf_ws_connect(int port)
{
    int fd = sf_connect(port, 5);
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
    return fd;
}
