/* test_mt_pipeline.c — lp_open scans on worker threads while the opening
 * thread merges file by file (workspace.c's pipeline), and resolution runs a
 * helper thread beside its own (resolve.c): the index, its diagnostics, the
 * resolved values and the resolver's diagnostics do not depend on the number
 * of threads (§13.9), and nothing races (this file also runs under TSan). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/mt_test.h"
#include "support/wsfix.h"
#include "support/shared.h"

typedef struct text {
    char *data;
    size_t len, cap;
} text;

typedef struct outputs {
    lp_buf payload, controls;
    text diags;                  /* file:line:col: summary: detail, one a line */
    uint32_t entries;
} outputs;

static void collect(const char *dir, unsigned workers, outputs *o)
{
    lp_workspace_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.workers = workers;
    lp_workspace *ws;
    lp_error err;
    cr_assert_eq(lp_open(dir, &opts, &ws, &err), LP_OK);
    cr_assert_eq(lp_wait_resolved(ws, 120000), LP_OK);
    memset(o, 0, sizeof *o);
    o->entries = lp_entry_count(ws);
    cr_assert_eq(lp_available_dashboards_json(ws, &o->payload), LP_OK);
    cr_assert_eq(lp_list_json(ws, LP_KIND_CONTROL, &o->controls), LP_OK);
    uint32_t nd = lp_diag_count(ws), nr = lp_resolve_diag_count(ws);
    for (uint32_t i = 0; i < nd + nr; i++) {
        const lp_diag *d = i < nd ? lp_diag_at(ws, i) : lp_resolve_diag_at(ws, i - nd);
        char line[1024];
        int n = snprintf(line, sizeof line, "%s:%u:%u: %s: %s\n", d->file, d->line, d->col, d->summary,
                         d->detail);
        for (int k = 0; k < n && k < (int)sizeof line - 1; k++) {
            if (o->diags.len + 1 >= o->diags.cap) {
                size_t cap = o->diags.cap ? o->diags.cap * 2 : 4096;
                char *p = realloc(o->diags.data, cap);
                cr_assert_not_null(p);
                o->diags.data = p;
                o->diags.cap = cap;
            }
            o->diags.data[o->diags.len++] = line[k];
        }
    }
    lp_close(ws);
}

static void outputs_free(outputs *o)
{
    lp_buf_free(&o->payload);
    lp_buf_free(&o->controls);
    free(o->diags.data);
}

static int same(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && (an == 0 || memcmp(a, b, an) == 0);
}

Test(mt_pipeline, same_index_whatever_the_threads)
{
    char dir[512];
    /* aws_compliance: 550 files, so every worker gets files; the
     * lazy-loading fixture with errors: diagnostics in file order */
    const char *const rel[] = { "corpus/aws_compliance", "testdata/powerpipe/lazy-loading-tests/cross-refs" };
    for (size_t r = 0; r < sizeof rel / sizeof rel[0]; r++) {
        snprintf(dir, sizeof dir, "%s", ts_data(rel[r]));
        outputs one, four;
        collect(dir, 1, &one);
        collect(dir, 4, &four);
        cr_assert_gt(one.entries, 0);
        cr_assert_eq(one.entries, four.entries);
        cr_assert(same(one.payload.data, one.payload.len, four.payload.data, four.payload.len));
        cr_assert(same(one.controls.data, one.controls.len, four.controls.data, four.controls.len));
        cr_assert(same(one.diags.data, one.diags.len, four.diags.data, four.diags.len));
        outputs_free(&one);
        outputs_free(&four);
    }
}

/* 600 controls in 6 files: every fifth one's description fails to evaluate
 * (a diagnostic), every seventh one's title is another control's title (a
 * reference: the main thread's), the rest use locals only (either thread). */
Test(mt_pipeline, same_resolution_with_a_helper_thread)
{
    char *dir = wf_tmpdir();
    wf_write(dir, "mod.pp",
             "mod \"t\" {\n}\nlocals {\n  common = { service = \"AWS\" }\n  word = \"ok\"\n}\n");
    static char src[200000];
    for (int f = 0; f < 6; f++) {
        size_t n = 0;
        for (int i = f * 100; i < f * 100 + 100; i++) {
            n += (size_t)snprintf(src + n, sizeof src - n, "control \"c%d\" {\n", i);
            if (i % 7 == 3 && i + 1 < 600)
                n += (size_t)snprintf(src + n, sizeof src - n, "  title = \"see ${control.c%d.title}\"\n",
                                      i + 1);
            else
                n += (size_t)snprintf(src + n, sizeof src - n, "  title = \"${upper(local.word)} %d\"\n", i);
            if (i % 5 == 0) n += (size_t)snprintf(src + n, sizeof src - n, "  description = nosuch(%d)\n", i);
            n += (size_t)snprintf(src + n, sizeof src - n,
                                  "  tags = merge(local.common, { n = \"%d\" })\n}\n", i);
        }
        char rel[32];
        snprintf(rel, sizeof rel, "f%d.pp", f);
        wf_write(dir, rel, src);
    }
    outputs one, two;
    collect(dir, 1, &one);
    collect(dir, 2, &two);
    cr_assert_eq(one.entries, 600);
    cr_assert(same(one.controls.data, one.controls.len, two.controls.data, two.controls.len));
    cr_assert(same(one.diags.data, one.diags.len, two.diags.data, two.diags.len));
    /* 120 failed descriptions, each reported once, in entry order */
    cr_assert(strstr(one.controls.data, "\"title\":\"see OK 4\"") != NULL);
    unsigned lines = 0;
    for (size_t i = 0; i < one.diags.len; i++) lines += one.diags.data[i] == '\n';
    cr_assert_eq(lines, 120);
    /* the first: c0's description, f0.pp line 3, `nosuch` at column 17 */
    char first[600];
    snprintf(first, sizeof first, "%s/f0.pp:3:17: ", dir);
    cr_assert(one.diags.len > strlen(first) && strncmp(one.diags.data, first, strlen(first)) == 0);
    outputs_free(&one);
    outputs_free(&two);
    wf_remove(dir);
}
