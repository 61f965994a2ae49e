/* gitfix.h — real git repositories for the installer's tests: a scratch root holding the workspace
 * (ROOT/ws) and bare repositories (ROOT/repos), reached through a test-only git config
 * (GIT_CONFIG_GLOBAL: url.<file://...>.insteadOf = https://github.com/t/NAME) as Powerpipe users
 * reach GitHub; every other github.com URL fails without reaching the network. */
#ifndef LP_TEST_GITFIX_H
#define LP_TEST_GITFIX_H

#include <stddef.h>

/* Run a shell command built from fmt; asserts it exits 0. */
void gf_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Make root/ws and root/repos (their paths into ws and repos, each of size n) and the git config
 * above, set in the environment. */
void gf_setup(const char *root, char *ws, char *repos, size_t n);

/* Publish the repository at src as the bare repos/NAME.git, reached as https://github.com/t/NAME. */
void gf_serve(const char *src, const char *repos, const char *name);

/* The file dir/rel, read whole (asserted); free() it. */
char *gf_slurp(const char *dir, const char *rel);

/* Every file of the workspace ws, names and contents (its lock file and .git folders aside), written
 * to root/snap.txt and returned, to compare before and after a fault; free() it. */
char *gf_workspace_files(const char *root, const char *ws);

#endif
