/* test_mt_pipeline.c — lp_open scans on worker threads while the opening
 * thread merges file by file (workspace.c's pipeline): the index, its
 * diagnostics and the resolved payload do not depend on the number of
 * threads (§13.9), and nothing races (this file also runs under TSan). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/mt_test.h"

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
    for (uint32_t i = 0; i < lp_diag_count(ws); i++) {
        const lp_diag *d = lp_diag_at(ws, i);
        char line[1024];
        int n = snprintf(line, sizeof line, "%s:%u:%u: %s: %s\n", d->file, d->line, d->col, d->summary, d->detail);
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

static int same(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && (an == 0 || memcmp(a, b, an) == 0);
}

Test(mt_pipeline, same_index_whatever_the_threads)
{
    const char *shared = getenv("LP_SHARED");
    char dir[512];
    /* aws_compliance: 550 files, so every worker gets files; the
     * lazy-loading fixture with errors: diagnostics in file order */
    const char *const rel[] = { "corpus/aws_compliance", "testdata/powerpipe/lazy-loading-tests/cross-refs" };
    for (size_t r = 0; r < sizeof rel / sizeof rel[0]; r++) {
        snprintf(dir, sizeof dir, "%s/%s", shared ? shared : "../shared", rel[r]);
        outputs one, four;
        collect(dir, 1, &one);
        collect(dir, 4, &four);
        cr_assert_gt(one.entries, 0);
        cr_assert_eq(one.entries, four.entries);
        cr_assert(same(one.payload.data, one.payload.len, four.payload.data, four.payload.len));
        cr_assert(same(one.controls.data, one.controls.len, four.controls.data, four.controls.len));
        cr_assert(same(one.diags.data, one.diags.len, four.diags.data, four.diags.len));
        lp_buf_free(&one.payload);
        lp_buf_free(&one.controls);
        free(one.diags.data);
        lp_buf_free(&four.payload);
        lp_buf_free(&four.controls);
        free(four.diags.data);
    }
}
