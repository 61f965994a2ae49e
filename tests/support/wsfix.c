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
#include "jsontree.h"
#include "shared.h"

char *wf_tmpdir(void)
{
    char tmpl[] = "/tmp/lp_ws_XXXXXX";
    char *d = mkdtemp(tmpl);
    cr_assert(d, "mkdtemp: %s", strerror(errno));
    return strdup(d);
}

char *wf_mod_dir(const char *mod_pp)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "mod.pp", mod_pp);
    return dir;
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

uint64_t wf_rnd(uint64_t *seed)
{
    uint64_t z = (*seed += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void wf_edit(const char *dir, wf_edit_kind kind, const char *file, uint64_t *seed, int step, char *what,
             size_t wsize)
{
    static const char *const ins[] = { "\n", "${", "}", "\"", "# c\n", "locals {\n  z = 1\n}\n",
                                       "control \"rnd\" {\n  title = \"R\"\n}\n" };
    char path[4300];
    size_t len = 0;
    char *text = kind <= WF_INSERT ? jt_read_file(file, &len) : NULL;
    cr_assert(kind > WF_INSERT || text, "cannot read %s", file);
    size_t at = len ? (size_t)(wf_rnd(seed) % len) : 0;
    switch (kind) {
    case WF_CUT:
        wf_splice(file, text, at, at, "");
        snprintf(what, wsize, "%s cut at %zu", file, at);
        break;
    case WF_INSERT: {
        const char *s = ins[wf_rnd(seed) % (sizeof ins / sizeof *ins)];
        wf_splice(file, text, len, at, s);
        snprintf(what, wsize, "%s: %zu bytes inserted at %zu", file, strlen(s), at);
        break;
    }
    case WF_DELETE:
        cr_assert_eq(unlink(file), 0);
        snprintf(what, wsize, "%s deleted", file);
        break;
    case WF_RENAME:
        snprintf(path, sizeof path, "%s.%d.pp", file, step);
        cr_assert_eq(rename(file, path), 0);
        snprintf(what, wsize, "%s renamed", file);
        break;
    case WF_PPVARS:
        snprintf(path, sizeof path, "%s/powerpipe.ppvars", dir);
        if (wf_rnd(seed) % 3 == 0) {
            unlink(path);
            snprintf(what, wsize, "powerpipe.ppvars removed");
        } else {
            FILE *w = fopen(path, "wb");
            cr_assert(w);
            fprintf(w, "walk_region = \"p%d\"\n", step);
            fclose(w);
            snprintf(what, wsize, "powerpipe.ppvars: p%d", step);
        }
        break;
    case WF_NEW_FILE: {
        snprintf(path, sizeof path, "%s/new_%d.pp", dir, step);
        FILE *w = fopen(path, "wb");
        cr_assert(w);
        fprintf(w, "query \"new_%d\" {\n  sql = \"select %d\"\n}\n", step, step);
        fclose(w);
        snprintf(what, wsize, "%s added", path);
        break;
    }
    }
    free(text);
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

void wf_image_anew(const char *dir, const char *cache)
{
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "rm -f '%s'/*.lpidx '%s'/*.lpclean", cache, cache);
    cr_assert_eq(system(cmd), 0);
    lp_workspace *ws;
    lp_error err;
    lp_resolve_stats rs;
    cr_assert_eq(lp_open(dir, &(lp_workspace_opts){ .no_background = 1, .index_cache = cache }, &ws, &err),
                 LP_OK, "%s", err.message);
    lp_resolve_stats_get(ws, &rs);
    lp_close(ws);
    cr_assert(rs.image_written, "no image written: %s", rs.image_note);
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

lp_mod_info wf_expect_mod(const lp_workspace *ws, uint32_t i, const char *name, const char *title,
                          const char *path)
{
    lp_mod_info m;
    cr_assert_eq(lp_mod_get(ws, i, &m), LP_OK, "no mod %u", i);
    if (name) cr_assert_str_eq(m.name, name, "mod %u's name", i);
    if (title) cr_assert_str_eq(m.title, title, "mod %u (%s)'s title", i, m.name);
    if (path) cr_assert_str_eq(m.path, path, "mod %u (%s)'s path", i, m.name);
    return m;
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

static const char inputs_mod_pp[] =
    "mod \"m\" {\n  title = \"M\"\n}\n"
    "variable \"region\" {\n  type = string\n  default = \"eu\"\n}\n"
    "locals {\n  doc = file(\"./doc.md\")\n}\n";
const char wf_inputs_a_pp[] =
    "control \"a\" {\n  title = \"AAAA\"\n  description = local.doc\n  sql = \"select 1\"\n}\n"
    "benchmark \"b\" {\n  title = \"Bench ${var.region}\"\n  children = [control.a]\n}\n";

char *wf_inputs_mod(void)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "mod.pp", inputs_mod_pp);
    wf_write(dir, "a.pp", wf_inputs_a_pp);
    wf_write(dir, "sub/b.pp", "query \"q\" {\n  sql = \"select 2\"\n}\n");
    wf_write(dir, "doc.md", "# Doc\n");
    wf_write(dir, "powerpipe.ppvars", "region = \"us\"\n");
    return dir;
}
