/* wsfix.c — temporary workspaces for the index tests (see wsfix.h). */
#include "wsfix.h"

#include "mt_test.h"   /* Criterion, or its stand-in under TSan */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "shared.h"

char *wf_tmpdir(void)
{
    char tmpl[] = "/tmp/lp_ws_XXXXXX";
    char *d = mkdtemp(tmpl);
    cr_assert(d, "mkdtemp: %s", strerror(errno));
    return strdup(d);
}

void wf_write(const char *dir, const char *rel, const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    for (char *p = path + strlen(dir) + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        mkdir(path, 0755);
        *p = '/';
    }
    FILE *f = fopen(path, "wb");
    cr_assert(f, "cannot write %s: %s", path, strerror(errno));
    fwrite(text, 1, strlen(text), f);
    fclose(f);
}

void wf_splice(const char *path, const char *text, size_t len, size_t at, const char *ins)
{
    FILE *w = fopen(path, "wb");
    cr_assert(w, "cannot write %s: %s", path, strerror(errno));
    fwrite(text, 1, at, w);
    fputs(ins, w);
    fwrite(text + at, 1, len - at, w);
    fclose(w);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st; (void)flag; (void)ftw;
    remove(path);
    return 0;
}

void wf_remove(char *dir)
{
    if (!dir) return;
    nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

void wf_done(lp_workspace **ws, char **dir)
{
    lp_close(*ws);
    *ws = NULL;
    wf_remove(*dir);
    *dir = NULL;
}

lp_workspace *wf_open(const char *dir, unsigned workers)
{
    lp_workspace_opts o = { .workers = workers, .no_resolve = 1 };   /* phase 1 only */
    lp_workspace *ws = NULL;
    lp_error err;
    int rc = lp_open(dir, &o, &ws, &err);
    cr_assert_eq(rc, LP_OK, "lp_open(%s): %s", dir, err.message);
    return ws;
}

lp_workspace *wf_open_text(const char *text, char **dir)
{
    *dir = wf_tmpdir();
    wf_write(*dir, "mod.pp", "mod \"t\" {\n}\n");
    wf_write(*dir, "a.pp", text);
    return wf_open(*dir, 1);
}

lp_entry_info wf_get(const lp_workspace *ws, const char *name)
{
    lp_entry_info e;
    uint32_t id = lp_lookup(ws, name);
    cr_assert_neq(id, LP_NO_ENTRY, "no entry %s", name);
    cr_assert_eq(lp_entry_get(ws, id, &e), LP_OK);
    return e;
}

unsigned wf_count_diags(const lp_workspace *ws, const char *needle, const char *detail_needle)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < lp_diag_count(ws); i++) {
        const lp_diag *d = lp_diag_at(ws, i);
        if (strstr(d->summary, needle) && (!detail_needle || strstr(d->detail, detail_needle))) n++;
    }
    return n;
}

const char *wf_shared(const char *rel) { return ts_data(rel); }
