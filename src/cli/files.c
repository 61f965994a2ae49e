/* files.c — the user's own paths, as the commands read them: a whole file into memory, and what
 * a path is.  Only for paths the user named or owns (the workspace, a file or directory named on
 * the command line); anything under .powerpipe is mod management's (src/mods/fs.h), which confines
 * every name to its directory by construction. */
#include "cli.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int cli_read_file(const char *path, char **text, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    lp_buf b = { 0 };
    char buf[16384];
    size_t r;
    while ((r = fread(buf, 1, sizeof buf, f)) > 0) lp_buf_put(&b, buf, r);
    int bad = ferror(f) || b.oom;
    fclose(f);
    if (!bad && !b.data) {   /* an empty file: "" rather than NULL, so callers need no case */
        b.data = calloc(1, 1);
        bad = !b.data;
    }
    if (bad) {
        lp_buf_free(&b);
        return -1;
    }
    *text = b.data;
    *len = b.len;
    return 0;
}

int cli_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_kind_in(const char *dir, const char *name, unsigned kind)
{
    char p[4096];
    struct stat st;
    if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, name) >= sizeof p) return 0;
    return stat(p, &st) == 0 && (st.st_mode & S_IFMT) == kind;
}

int cli_is_dir_in(const char *dir, const char *name) { return is_kind_in(dir, name, S_IFDIR); }
int cli_is_file_in(const char *dir, const char *name) { return is_kind_in(dir, name, S_IFREG); }

int cli_tildefy(const char *path, char *out, size_t cap)
{
    int k;
    if (path[0] == '~' && (path[1] == '/' || !path[1])) {
        const char *home = getenv("HOME");
        if (!home || !*home) {
            const struct passwd *pw = getpwuid(getuid());
            home = pw && pw->pw_dir ? pw->pw_dir : "";
        }
        k = snprintf(out, cap, "%s%s", home, path + 1);
    } else k = snprintf(out, cap, "%s", path);
    return k >= 0 && (size_t)k < cap ? 0 : -1;
}
