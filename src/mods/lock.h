/* lock.h — Powerpipe's lock file, .mod.cache.json (pipe-fittings versionmap.WorkspaceLock):
 * for each parent (the workspace mod's name, or a dependency's "name@vX.Y.Z" / "name#branch" /
 * "name@tag" / file path), the mods it depends on and the version installed for it.  Read and
 * written byte-compatible with Powerpipe's json.MarshalIndent (keys sorted, two spaces).
 * Output-free; tests/test_mod_units.c. */
#ifndef LP_MOD_LOCK_H
#define LP_MOD_LOCK_H

#include <stddef.h>

#include "mods/semver.h"

typedef struct lk_dep {
    char *parent; /* the key it is listed under */
    char *name;   /* the map key: the mod's name (a file mod's: its path) */
    int has_version;
    ms_version version;
    char *branch, *path, *tag; /* NULL when absent */
    char *commit, *git_ref, *alias;
    long struct_version;
} lk_dep;

typedef struct lk_lock {
    lk_dep *deps;
    size_t n;
} lk_lock;

/* Parse a lock file's text.  0; -1 on lack of memory; -2 when it is not a lock file (err gets
 * why). */
int lk_parse(const char *json, size_t len, lk_lock *out, char *err, size_t errcap);
/* The text Powerpipe writes for it (malloc'd); NULL on lack of memory. */
char *lk_format(const lk_lock *l);
void lk_free(lk_lock *l);
/* Append a copy of d (parent and name given); replaces an entry of the same parent and name.
 * 0 or -1. */
int lk_add(lk_lock *l, const char *parent, const lk_dep *d);
lk_dep *lk_get(const lk_lock *l, const char *parent, const char *name);
/* A copy of d into *to, its strings malloc'd and parent given (NULL: none): 0, or -1 on lack of
 * memory (*to then holds nothing to free).  lk_dep_free frees a dep's strings. */
int lk_dep_copy(lk_dep *to, const lk_dep *d, const char *parent);
void lk_dep_free(lk_dep *d);
void lk_remove(lk_lock *l, size_t i);

/* The installed folder's path under .powerpipe/mods (pipe-fittings BuildModDependencyPath):
 * name@tag, name@vVERSION, name#branch, or the file path.  Into out (cap bytes). */
void lk_dependency_path(const lk_dep *d, char *out, size_t cap);

#endif
