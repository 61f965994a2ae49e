/* paths.h — lists of file paths for tests that walk the shared material. */
#ifndef LP_TEST_PATHS_H
#define LP_TEST_PATHS_H

#include <stddef.h>

typedef struct paths {
    char **v;
    size_t n, cap;
} paths;

/* Append a copy of p.  0, or -1 when memory runs out. */
int paths_add(paths *ps, const char *p);
void paths_free(paths *ps);
void paths_sort(paths *ps);   /* byte order */

/* The files under dir whose names end in one of ext (a NULL-terminated list),
 * recursively, each directory's entries in byte order.  Directories named in
 * skip (NULL-terminated; may be NULL) are not entered; with skip_hidden,
 * neither is any entry whose name starts with '.'.  0, or -1 when dir cannot
 * be opened or memory runs out. */
int paths_walk(paths *ps, const char *dir, const char *const *ext, const char *const *skip, int skip_hidden);

#endif
