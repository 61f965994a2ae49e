/* util.c — what every file of mod management uses: the host's messages, error texts, string lists,
 * and the user's own paths (the workspace, a directory named on the command line or by a `path`),
 * which are read as the user named them; anything under .powerpipe goes through fs.h instead. */
#include "mods/mods.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mods/fs.h"

void mm_say(const mm_sink *s, lp_mods_level level, const char *fmt, ...)
{
    if (!s || !s->fn) return;
    va_list ap;
    va_start(ap, fmt);
    char *text = NULL;
    if (vasprintf(&text, fmt, ap) < 0) text = NULL;
    va_end(ap);
    s->fn(s->ctx, level, text ? text : "out of memory");
    free(text);
}

int mm_abs_dir(const char *dir, char *out)
{
    if (!realpath(dir, out)) return -1;
    return 0;
}

char *mm_errf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0) s = NULL;
    va_end(ap);
    return s;
}

void mm_errs_add(errs *e, char *msg)
{
    if (!msg) msg = strdup("out of memory");
    char **v = msg ? realloc(e->v, (e->n + 1) * sizeof *v) : NULL;
    if (!v) {
        free(msg);
        return;
    }
    e->v = v;
    e->v[e->n++] = msg;
}

const char *mm_plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

void mm_strlist_free(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

int mm_strlist_add(char ***v, size_t *n, const char *s)
{
    char **nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv) return -1;
    *v = nv;
    if (!(nv[*n] = strdup(s))) return -1;
    (*n)++;
    return 0;
}

void mm_paths_free(path_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        for (char **s = l->v[i]; *s; s++) free(*s);
        free(l->v[i]);
    }
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

/* The user's own paths, as the commands read them: a whole file into memory ("" when empty), and
 * what a path is.  Anything under .powerpipe goes through fs.h instead. */
int mm_read_file(const char *path, char **text, size_t *len)
{
    return mfs_read_fd(open(path, O_RDONLY | O_CLOEXEC), text, len);
}

int mm_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_kind_in(const char *dir, const char *name, unsigned kind)
{
    char p[P];
    struct stat st;
    if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, name) >= sizeof p) return 0;
    return stat(p, &st) == 0 && (st.st_mode & S_IFMT) == kind;
}

int mm_is_dir_in(const char *dir, const char *name)
{
    return is_kind_in(dir, name, S_IFDIR);
}

int mm_is_file_in(const char *dir, const char *name)
{
    return is_kind_in(dir, name, S_IFREG);
}

/* write through a temporary file renamed over path: readers see the old file or the new */
int mm_write_file_atomic(const char *path, const char *data, size_t len)
{
    return lp_atomic_file_put(path, data, len, 0, NULL) == LP_OK ? 0 : -1;
}

/* A line:column of text at byte off, as HCL's ranges count them (1-based). */
void mm_line_col(const char *text, size_t off, int *line, int *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; text && i < off; i++) {
        if (text[i] == '\n') {
            ++*line;
            *col = 1;
        } else {
            ++*col;
        }
    }
}
