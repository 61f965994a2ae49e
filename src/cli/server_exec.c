/* server_exec.c — `lazypipe server` in the lazypipe binary.  The server is its
 * own executable, lazypipe-server: the same CLI with src/server and
 * libwebsockets linked in.  Keeping libwebsockets (and the OpenSSL, libcap...
 * it brings) out of lazypipe spares every other command loading and relocating
 * them: about 1.8 ms of a 5 ms `dashboard list` reopening its image
 * (bench/reopen_proc.sh; BENCHMARKS.md).  This replaces the process with
 * lazypipe-server from the same directory (else from PATH), with the same
 * arguments: same pid, so signals and the exit status are the server's. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#define SERVER_EXE "lazypipe-server"

int cmd_server(const cli_opts *o)
{
    char path[PATH_MAX];
    int err = ENOENT;
    /* beside this program: its directory, room left for "/" and the name */
    int beside = cli_exe_dir(path, sizeof path - sizeof SERVER_EXE) == 0;
    fflush(NULL);
    if (beside) {
        size_t n = strlen(path);
        path[n] = '/';
        memcpy(path + n + 1, SERVER_EXE, sizeof SERVER_EXE);
        o->argv[0] = path;
        execv(path, o->argv);
        err = errno;
    }
    o->argv[0] = SERVER_EXE;
    execvp(SERVER_EXE, o->argv);
    if (errno != ENOENT) err = errno;
    cli_error("cannot start the server: %s: %s", beside ? path : SERVER_EXE, strerror(err));
    return CLI_ERRORS;
}
