/* name.c — validation of what becomes a mod's folder name or a git argument (name.h). */
#include "mods/name.h"

#include <string.h>

#include "mods/semver.h"

enum { MAX_NAME = 1024, MAX_REF = 255 };

static int has_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f) return 1;
    return 0;
}

const char *mn_name_error(const char *name)
{
    if (!name || !*name) return "it is empty";
    if (strlen(name) > MAX_NAME) return "it is too long";
    if (has_control(name)) return "it holds a control character";
    if (strpbrk(name, "\\@#")) return "it holds a backslash, '@' or '#'";
    int segments = 0;
    for (const char *s = name;; s++) {
        size_t n = strcspn(s, "/");
        if (n == 0) return "a segment is empty (a mod name is HOST/OWNER/REPO)";
        if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.'))
            return "a segment is '.' or '..'";
        if (s[0] == '-') return "a segment starts with '-'";
        /* the installer's own folders under .powerpipe start with '.': no mod folder does */
        if (segments == 0 && s[0] == '.') return "it starts with '.'";
        segments++;
        s += n;
        if (!*s) break;
    }
    return segments < 3 ? "it is not HOST/OWNER/REPO" : NULL;
}

const char *mn_ref_error(const char *ref)
{
    if (!ref || !*ref) return "it is empty";
    size_t len = strlen(ref);
    if (len > MAX_REF) return "it is too long";
    if (has_control(ref)) return "it holds a control character";
    if (strpbrk(ref, " ~^:?*[\\")) return "it holds a space or one of ~^:?*[\\";
    if (strstr(ref, "..")) return "it holds '..'";
    if (strstr(ref, "@{") || !strcmp(ref, "@")) return "it holds '@{' or is '@'";
    if (ref[0] == '-') return "it starts with '-'";
    if (ref[0] == '/' || ref[len - 1] == '/' || strstr(ref, "//")) return "it has an empty component";
    if (ref[len - 1] == '.') return "it ends with '.'";
    for (const char *s = ref; *s;) {
        size_t n = strcspn(s, "/");
        if (s[0] == '.') return "a component starts with '.'";
        if (n >= 5 && !memcmp(s + n - 5, ".lock", 5)) return "a component ends with '.lock'";
        s += n;
        if (*s) s++;
    }
    return NULL;
}

const char *mn_version_error(const char *version)
{
    if (!version) return "it is missing";
    if (has_control(version)) return "it holds a control character";
    ms_constraint c;
    /* "" and "latest" mean any version */
    if (!*version || !strcmp(version, "latest") || ms_constraint_parse(version, &c) == 0) return NULL;
    return mn_ref_error(version); /* pipe-fittings reads it as a tag */
}

const char *mn_commit_error(const char *commit)
{
    size_t n = commit ? strspn(commit, "0123456789abcdef") : 0;
    if (!commit || n < 4 || n > 64 || commit[n]) return "it is not a hexadecimal commit hash";
    return NULL;
}

const char *mn_path_error(const char *path)
{
    if (!path || !*path) return "it is empty";
    if (has_control(path)) return "it holds a control character";
    return NULL;
}
