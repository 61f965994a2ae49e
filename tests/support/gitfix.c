/* gitfix.c — real git repositories for the installer's tests (gitfix.h). */
#include "gitfix.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "jsontree.h"
#include "wsfix.h"

#pragma GCC diagnostic ignored "-Wformat-truncation"

void gf_sh(const char *fmt, ...)
{
    char cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int st = system(cmd);
    cr_assert(st == 0, "failed: %s", cmd);
}

void gf_setup(const char *root, char *ws, char *repos, size_t n)
{
    snprintf(ws, n, "%s/ws", root);
    snprintf(repos, n, "%s/repos", root);
    mkdir(ws, 0755);
    mkdir(repos, 0755);
    char cfg[4096], text[4096];
    snprintf(cfg, sizeof cfg, "%s/gitconfig", root);
    snprintf(text, sizeof text,
             "[protocol \"file\"]\n\tallow = always\n[url \"file://%s/nowhere/\"]\n\tinsteadOf = "
             "https://github.com/\n",
             root);
    wf_write(root, "gitconfig", text);
    setenv("GIT_CONFIG_GLOBAL", cfg, 1);
    setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
}

void gf_serve(const char *src, const char *repos, const char *name)
{
    gf_sh("git clone -q --bare '%s' '%s/%s.git'", src, repos, name);
    FILE *f = fopen(getenv("GIT_CONFIG_GLOBAL"), "a");
    cr_assert(f);
    fprintf(f, "[url \"file://%s/%s.git\"]\n\tinsteadOf = https://github.com/t/%s\n", repos, name, name);
    cr_assert_eq(fclose(f), 0);
}

char *gf_slurp(const char *dir, const char *rel)
{
    char p[4096];
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    size_t n;
    char *text = jt_read_file(p, &n);
    cr_assert(text, "cannot read %s", p);
    return text;
}

char *gf_workspace_files(const char *root, const char *ws)
{
    char out[4096];
    snprintf(out, sizeof out, "%s/snap.txt", root);
    gf_sh("cd '%s' && find . -path ./.powerpipe/.mod-install.lock -prune -o -path '*/.git' -prune -o -type f "
          "-print | sort | while read f; do echo \"== $f\"; cat \"$f\"; done > '%s'",
          ws, out);
    return gf_slurp(root, "snap.txt");
}
