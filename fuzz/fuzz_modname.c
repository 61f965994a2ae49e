/* fuzz_modname.c — libFuzzer target: the mod installer's validation of names, refs, versions and
 * commits (src/mods/name.c), on any bytes split at the first NUL into a name and a ref.
 *
 * Invariant: whatever is accepted, joined as the installer joins it (NAME@REF, NAME#REF,
 * NAME@vVERSION under a base folder), stays beneath that base: lexically resolving `.` and `..`
 * never climbs above it, no component is empty, and no accepted text holds a control character.
 * The validator is the library's (src/mods). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mods/name.h"
#include "mods/semver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 1 when path, relative, never climbs above its start and has no empty or `.` component */
static int beneath(const char *path)
{
    int depth = 0;
    if (path[0] == '/') return 0;
    for (const char *s = path;;) {
        size_t n = strcspn(s, "/");
        if (n == 0 || (n == 1 && s[0] == '.')) return 0;
        depth += n == 2 && s[0] == '.' && s[1] == '.' ? -1 : 1;
        if (depth < 0) return 0;
        s += n;
        if (!*s) return 1;
        s++;
    }
}

static void check(const char *name, const char *sep, const char *ref)
{
    char joined[4096];
    snprintf(joined, sizeof joined, "%s%s%s", name, sep, ref);
    for (const unsigned char *p = (const unsigned char *)joined; *p; p++)
        if (*p < 0x20 || *p == 0x7f) __builtin_trap();
    if (!beneath(joined)) {
        fprintf(stderr, "fuzz_modname: accepted %s escapes its base\n", joined);
        __builtin_trap();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char buf[2048];
    if (size >= sizeof buf) return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    const char *name = buf, *ref = buf + strlen(buf) + ((size_t)strlen(buf) < size);
    if (mn_name_error(name)) return 0;
    check(name, "", "");
    if (!mn_ref_error(ref)) {
        check(name, "#", ref);
        check(name, "@", ref);
    }
    ms_version v;
    if (!mn_version_error(ref) && ms_parse(ref, &v) == 0) {
        char f[160];
        ms_format(&v, f, sizeof f);
        check(name, "@v", f);
    }
    return 0;
}
