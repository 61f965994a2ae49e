/* fuzz_dir.h — the scratch directory of a fuzz target that opens workspaces:
 * one temporary directory per process, files written into it by relative
 * name, the whole tree removed at exit.  Header-only (static functions): a
 * target is one translation unit linked with the library alone, by
 * libFuzzer's build and by the replay driver alike. */
#ifndef LP_FUZZ_DIR_H
#define LP_FUZZ_DIR_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char fz_dir[64];

static int fz_remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);   /* and go on: remove what can be removed */
    return 0;
}

static void fz_cleanup(void)
{
    if (fz_dir[0]) nftw(fz_dir, fz_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Make the directory (/tmp/lp_fuzz_<tag>_XXXXXX) once per process: 0, or -1. */
static int fz_dir_make(const char *tag)
{
    if (fz_dir[0]) return 0;
    snprintf(fz_dir, sizeof fz_dir, "/tmp/lp_fuzz_%s_XXXXXX", tag);
    if (!mkdtemp(fz_dir)) {
        fz_dir[0] = '\0';
        return -1;
    }
    atexit(fz_cleanup);
    return 0;
}

static void fz_path(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", fz_dir, name);
}

/* Write n bytes as the file at path: 0, or -1. */
static int fz_write_path(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    int ok = fwrite(data, 1, n, f) == n;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

/* Write n bytes as the file `name` in the directory: 0, or -1. */
static int fz_write(const char *name, const void *data, size_t n)
{
    char p[256];
    fz_path(p, sizeof p, name);
    return fz_write_path(p, data, n);
}

/* The fixed mod.pp of the targets that open a mod around a fuzzed file:
 * variables and locals for the fuzzed file to use, so that phase 2 has
 * something to evaluate. */
static const char fz_mod_pp[] =
    "mod \"fz\" {\n  title = \"Fuzz\"\n}\nlocals {\n  t = { a = \"b\" }\n  s = \"S\"\n}\n"
    "variable \"v\" {\n  default = \"V\"\n}\n";

/* Once per process: the directory with that mod.pp and `fixed` as fixed.pp
 * (what the fuzzed fuzz.pp can refer to).  0, or -1. */
static int fz_mod_setup(const char *tag, const char *fixed)
{
    static int done;
    if (done) return 0;
    if (fz_dir_make(tag) != 0 || fz_write("mod.pp", fz_mod_pp, sizeof fz_mod_pp - 1) != 0 ||
        fz_write("fixed.pp", fixed, strlen(fixed)) != 0)
        return -1;
    done = 1;
    return 0;
}

#endif
