/* paths.c — see paths.h. */
#include "paths.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int paths_add(paths *ps, const char *p)
{
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? ps->cap * 2 : 256;
        char **v = realloc(ps->v, cap * sizeof *v);
        if (!v) return -1;
        ps->v = v;
        ps->cap = cap;
    }
    if (!(ps->v[ps->n] = strdup(p))) return -1;
    ps->n++;
    return 0;
}

void paths_free(paths *ps)
{
    for (size_t i = 0; i < ps->n; i++) free(ps->v[i]);
    free(ps->v);
    memset(ps, 0, sizeof *ps);
}

static int by_bytes(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

void paths_sort(paths *ps)
{
    if (ps->n) qsort(ps->v, ps->n, sizeof *ps->v, by_bytes);
}

static int listed(const char *name, const char *const *list)
{
    for (; list && *list; list++)
        if (strcmp(name, *list) == 0) return 1;
    return 0;
}

static int has_ext(const char *name, const char *const *ext)
{
    size_t n = strlen(name);
    for (; *ext; ext++) {
        size_t k = strlen(*ext);
        if (n >= k && strcmp(name + n - k, *ext) == 0) return 1;
    }
    return 0;
}

int paths_walk(paths *ps, const char *dir, const char *const *ext, const char *const *skip, int skip_hidden)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    paths names = { 0 };
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) && rc == 0) {
        const char *nm = e->d_name;
        if (!strcmp(nm, ".") || !strcmp(nm, "..") || (skip_hidden && nm[0] == '.')) continue;
        rc = paths_add(&names, nm);
    }
    closedir(d);
    paths_sort(&names);
    for (size_t i = 0; i < names.n && rc == 0; i++) {
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", dir, names.v[i]);
        struct stat st;
        if (stat(p, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            if (!listed(names.v[i], skip)) rc = paths_walk(ps, p, ext, skip, skip_hidden);
        } else if (S_ISREG(st.st_mode) && has_ext(names.v[i], ext)) {
            rc = paths_add(ps, p);
        }
    }
    paths_free(&names);
    return rc;
}
