/* semver.h — semantic versions and version constraints as Powerpipe reads them
 * (Masterminds/semver v3, which pipe-fittings uses for `require` versions and git tags).
 *
 * Output-free and allocation-free: a version or constraint is a value (constraints hold at most
 * MS_MAX_TERMS comparisons).  Debian ships no C library for semver constraints (libsemver-dev is
 * not packaged), hence this small module, tested by tests/test_mod_units.c. */
#ifndef LP_MOD_SEMVER_H
#define LP_MOD_SEMVER_H

#include <stdint.h>

typedef struct ms_version {
    uint64_t major, minor, patch;
    char pre[64];  /* pre-release identifiers ("rc.1"), "" for a release */
    char meta[64]; /* build metadata, "" when none (ignored by comparisons) */
} ms_version;

/* Masterminds' NewVersion (not strict): an optional "v", then 1 to 3 numbers ("1", "1.2",
 * "1.2.3"), then -PRERELEASE and +META.  0, or -1 when s is not a version. */
int ms_parse(const char *s, ms_version *v);
/* <0, 0, >0 by semver precedence (metadata ignored). */
int ms_compare(const ms_version *a, const ms_version *b);
/* "1.2.3-rc.1+meta": Masterminds' Version.String() (no "v"). */
void ms_format(const ms_version *v, char *out, unsigned cap);

enum { MS_MAX_TERMS = 32 };
typedef struct ms_term {
    char op;                             /* '=', '!', '>', 'G' (>=), '<', 'L' (<=), '~', '^' */
    int dirty, minor_dirty, patch_dirty; /* wildcards: "1.x", "1.2", "*" (any) */
    ms_version v;
} ms_term;
typedef struct ms_constraint {
    ms_term terms[MS_MAX_TERMS];
    int group_end[MS_MAX_TERMS]; /* OR groups ("||"): group g is terms [end[g-1], end[g]) */
    int ngroups;
} ms_constraint;

/* Masterminds' NewConstraint: comparisons joined by spaces or commas (and), groups by "||",
 * "A - B" ranges, wildcards x, X and star.  0, or -1 when s is not a constraint (pipe-fittings then
 * reads the string as a tag). */
int ms_constraint_parse(const char *s, ms_constraint *c);
/* 1 when v satisfies c.  A pre-release version satisfies a comparison only when the
 * comparison's own version has a pre-release, as Masterminds v3. */
int ms_check(const ms_constraint *c, const ms_version *v);
/* pipe-fittings' Constraints.IsPrerelease: the whole string parses as a version with a
 * pre-release or metadata (then pre-release tags are candidates). */
int ms_constraint_is_prerelease(const char *s);

#endif
