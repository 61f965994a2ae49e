/* shared.c — see shared.h. */
#include "shared.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>

#if defined(__SANITIZE_THREAD__)
#include "mt_test.h"
#else
#include <criterion/criterion.h>
#endif

void ts_skip(const char *fmt, ...)
{
    char why[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
#if defined(__SANITIZE_THREAD__)
    mt_skip(why);
#else
    cr_skip_test("%s", why);
#endif
}

uint32_t ts_xorshift(uint64_t *state, uint32_t n)
{
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return (uint32_t)((*state * 2685821657736338717ull) >> 33) % (n ? n : 1);
}

double ts_now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int ts_listen_local(int backlog, int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert_geq(fd, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    cr_assert_eq(listen(fd, backlog), 0);
    socklen_t len = sizeof a;
    cr_assert_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    *port = ntohs(a.sin_port);
    return fd;
}

int ts_free_port(void)
{
    int port, fd = ts_listen_local(1, &port);
    close(fd);
    return port;
}

const char *ts_pg_url(void)
{
    const char *u = getenv("LP_PG_URL");
    return u && *u ? u : "postgres://steampipe@127.0.0.1:9193/steampipe";
}

const char *ts_mysql_url(void)
{
    const char *u = getenv("LP_MYSQL_URL");
    return u && *u ? u : "mysql://root@tcp(127.0.0.1:9306)/lazypipe";
}

static const char *shared_root(void)
{
    const char *s = getenv("LP_SHARED");
    return s && *s ? s : "../shared";
}

static const char *find(const char *rel, int bundled)
{
    static char bufs[8][4096];
    static unsigned next;
    char *buf = bufs[next++ % 8];
    struct stat st;
    snprintf(buf, sizeof bufs[0], "%s/%s", shared_root(), rel);
    if (stat(buf, &st) == 0) return buf;
    snprintf(buf, sizeof bufs[0], "tests/data/shared/%s", rel);
    if (bundled && stat(buf, &st) == 0) return buf;
    int whole = rel[0] == '.' && rel[1] == '\0';
    ts_skip("needs %s%sthe shared test material, which is not at %s%s (set LP_SHARED)", whole ? "" : rel,
            whole ? "" : " from ", shared_root(), bundled ? " nor in tests/data/shared" : "");
}

const char *ts_data(const char *rel) { return find(rel, 1); }
const char *ts_shared(const char *rel) { return find(rel, 0); }
