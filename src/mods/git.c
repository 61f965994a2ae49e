/* git.c — the git program, spawned for mod installs (mods.h says why the program).  Output-free. */
#include "mods/mods.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* The token private mods authenticate with: POWERPIPE_GIT_TOKEN, pipe-fittings' EnvGitToken (its
 * modinstaller reads no other); GITHUB_TOKEN, which Powerpipe read before it, when that is unset. */
static const char *git_token(void)
{
    const char *t = getenv("POWERPIPE_GIT_TOKEN");
    if (t && *t) return t;
    t = getenv("GITHUB_TOKEN");
    return t && *t ? t : NULL;
}

static void base64(const char *in, char *out)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t len = strlen(in), o = 0;
    for (size_t i = 0; i < len; i += 3) {
        unsigned v = (unsigned char)in[i] << 16;
        if (i + 1 < len) v |= (unsigned char)in[i + 1] << 8;
        if (i + 2 < len) v |= (unsigned char)in[i + 2];
        out[o++] = tab[(v >> 18) & 63];
        out[o++] = tab[(v >> 12) & 63];
        out[o++] = i + 1 < len ? tab[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < len ? tab[v & 63] : '=';
    }
    out[o] = '\0';
}

/* The environment git runs in: ours, no prompts (a missing credential is an error, not a hang), and
 * with a token an Authorization header for github.com added to the user's GIT_CONFIG_* entries (not on
 * the command line, where any process could read it), the Basic credentials pipe-fittings gives
 * go-git (getGitAuthForToken): a GitHub App installation token (ghs_) is the password of
 * x-access-token, any other token the user name.  Only github.com: Powerpipe sends it to whatever host
 * a dependency names, which would hand a GitHub token to any server a mod's require block lists. */
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
    const char *token = git_token();
    const char *count_s = getenv("GIT_CONFIG_COUNT");
    char *end = NULL;
    long count = count_s && *count_s ? strtol(count_s, &end, 10) : 0;
    if (count_s && *count_s && (*end || count < 0 || count > 1000)) token = NULL; /* git refuses it anyway */
    size_t k = 0, m = 0, count_at = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        if (strncmp(environ[i], "GIT_TERMINAL_PROMPT=", 20) == 0) continue;
        if (strncmp(environ[i], "GIT_CONFIG_COUNT=", 17) == 0) count_at = k;
        env[k++] = environ[i];
    }
    env[k++] = "GIT_TERMINAL_PROMPT=0";
    if (token && strlen(token) < 900) {
        char cred[1024], b64[1400];
        if (strncmp(token, "ghs_", 4) == 0)
            snprintf(cred, sizeof cred, "x-access-token:%s", token);
        else
            snprintf(cred, sizeof cred, "%s:", token);
        base64(cred, b64);
        char *a = malloc(48), *b = malloc(96), *c = malloc(strlen(b64) + 64);
        if (a && b && c) {
            snprintf(a, 48, "GIT_CONFIG_COUNT=%ld", count + 1);
            snprintf(b, 96, "GIT_CONFIG_KEY_%ld=http.https://github.com/.extraHeader", count);
            snprintf(c, strlen(b64) + 64, "GIT_CONFIG_VALUE_%ld=Authorization: Basic %s", count, b64);
            env[count_at != SIZE_MAX ? count_at : k++] = mine[m++] = a;
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

int mm_git(const char *const *argv, lp_buf *out, lp_buf *err)
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
