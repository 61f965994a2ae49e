/* srvfix.h — `lazypipe server` as the server tests run it: started over a mod on a free loopback
 * port, waited for until it listens, stopped by a signal with its exit status. */
#ifndef LP_TEST_SRVFIX_H
#define LP_TEST_SRVFIX_H

#include <limits.h>
#include <sys/types.h>

typedef struct sf_server {
    pid_t pid;
    int port;
    char log[PATH_MAX];   /* its stdout and stderr: DIR.server.log */
    char url[64];         /* http://127.0.0.1:PORT/ */
} sf_server;

/* The CLI under test: $LP_CLI, else build/san/lazypipe. */
const char *sf_cli(void);

/* Start `CLI --mod-location dir server --port PORT [extra [extra2]]` (NULL: no flag) with the
 * "NAME=value" strings of env (NULL-terminated, or NULL) added to its environment; returns once its
 * log says it listens (asserts it does within 60 s). */
void sf_start(sf_server *s, const char *dir, const char *extra, const char *extra2, char *const *env);

/* Send sig (SIGTERM, SIGINT: Ctrl-C) and wait up to 30 s: the exit status (0: clean, no leak under
 * ASan; 128 + N: killed by signal N), or -1 when it had to be killed. */
int sf_stop_with(sf_server *s, int sig);

/* A TCP connection to 127.0.0.1:port (asserted), whose reads give up after timeout_s seconds. */
int sf_connect(int port, int timeout_s);

/* A WebSocket connection to /ws of 127.0.0.1:port, its handshake answered with 101 (asserted) and read
 * byte by byte, so that no frame after it is consumed; reads give up after 5 s. */
int sf_ws_connect(int port);

#endif
