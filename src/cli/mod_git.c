/* mod_git.c — the git CLI, spawned for mod installs (see mod_install.h for why the CLI). */
#include "mod_install.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* the environment git runs in: ours, no prompts (a missing credential is an error, not a hang),
 * and with GITHUB_TOKEN an Authorization header for github.com given through GIT_CONFIG_* (not on
 * the command line, where any process could read it), as pipe-fittings gives go-git the token */
static char **git_env(char ***owned, size_t *nowned)
{
    size_t n = 0;
    while (environ[n]) n++;
    char **env = calloc(n + 8, sizeof *env);
    char **mine = calloc(8, sizeof *mine);
    if (!env || !mine) {
        free(env);
        free(mine);
        return NULL;
    }
    size_t k = 0, m = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "GIT_TERMINAL_PROMPT=", 20) != 0 &&
            strncmp(environ[i], "GIT_CONFIG_COUNT=", 17) != 0)
            env[k++] = environ[i];
    env[k++] = "GIT_TERMINAL_PROMPT=0";
    const char *token = getenv("GITHUB_TOKEN");
    if (token && *token && !getenv("GIT_CONFIG_COUNT")) {
        /* pipe-fittings: a GitHub App installation token (ghs_) is the password of x-access-token,
         * any other token the user name */
        char cred[1024], b64[1400];
        if (strncmp(token, "ghs_", 4) == 0)
            snprintf(cred, sizeof cred, "x-access-token:%s", token);
        else
            snprintf(cred, sizeof cred, "%s:", token);
        static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        size_t len = strlen(cred), o = 0;
        for (size_t i = 0; i < len; i += 3) {
            unsigned v = (unsigned char)cred[i] << 16;
            if (i + 1 < len) v |= (unsigned char)cred[i + 1] << 8;
            if (i + 2 < len) v |= (unsigned char)cred[i + 2];
            b64[o++] = tab[(v >> 18) & 63];
            b64[o++] = tab[(v >> 12) & 63];
            b64[o++] = i + 1 < len ? tab[(v >> 6) & 63] : '=';
            b64[o++] = i + 2 < len ? tab[v & 63] : '=';
        }
        b64[o] = '\0';
        char *a = strdup("GIT_CONFIG_COUNT=1");
        char *b = strdup("GIT_CONFIG_KEY_0=http.https://github.com/.extraHeader");
        size_t vl = strlen(b64) + 64;
        char *c = malloc(vl);
        if (c) snprintf(c, vl, "GIT_CONFIG_VALUE_0=Authorization: Basic %s", b64);
        if (a && b && c) {
            env[k++] = mine[m++] = a;
            env[k++] = mine[m++] = b;
            env[k++] = mine[m++] = c;
        } else {
            free(a);
            free(b);
            free(c);
        }
    }
    env[k] = NULL;
    *owned = mine;
    *nowned = m;
    return env;
}

int mi_git(const char *const *argv, lp_buf *out, lp_buf *err)
{
    int po[2] = { -1, -1 }, pe[2] = { -1, -1 };
    if (pipe2(po, O_CLOEXEC) != 0 || pipe2(pe, O_CLOEXEC) != 0) {
        if (po[0] >= 0) close(po[0]), close(po[1]);
        lp_buf_printf(err, "cannot run git: %s", strerror(errno));
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, po[1], 1);
    posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
    char **owned = NULL;
    size_t nowned = 0;
    char **env = git_env(&owned, &nowned);
    pid_t pid;
    int rc = env ? posix_spawnp(&pid, "git", &fa, NULL, (char *const *)argv, env) : ENOMEM;
    posix_spawn_file_actions_destroy(&fa);
    for (size_t i = 0; i < nowned; i++) free(owned[i]);
    free(owned);
    free(env);
    close(po[1]);
    close(pe[1]);
    if (rc != 0) {
        close(po[0]);
        close(pe[0]);
        lp_buf_printf(err, "cannot run git: %s", strerror(rc));
        return -1;
    }
    struct pollfd fds[2] = { { po[0], POLLIN, 0 }, { pe[0], POLLIN, 0 } };
    int open_fds = 2;
    char buf[8192];
    while (open_fds > 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            ssize_t r = read(fds[i].fd, buf, sizeof buf);
            if (r > 0)
                lp_buf_put(i == 0 ? out : err, buf, (size_t)r);
            else if (r == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
                open_fds--;
            }
        }
    }
    for (int i = 0; i < 2; i++)
        if (fds[i].fd >= 0) close(fds[i].fd);
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}
