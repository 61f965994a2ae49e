/* fuzz_patch.c — libFuzzer target: a sequence of fuzzed edits to a small workspace, each followed
 * by an open through the index cache (the command after a save): the image the previous open wrote
 * is stale by the edit, so the open patches it, carrying over every resolved record whose reads did
 * not change (resolve.c, carry_image); it is held to a fresh open of the same tree (no cache).
 *
 * The input is fuzz_edits.h's edit language (fuzz_refresh's), over its workspace, whose image is
 * written first.  After each
 * edit that changed some bytes (one that only touched files reopens the image, which is
 * fuzz_image's and test_persist's) both opens are dumped (tests/support/wsdump.c: every field,
 * tags, children, parents, diagnostics of both phases, payload, lists, variables, inputs); on the
 * first difference the target prints it and traps.  One temporary directory per process, removed at exit.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lazypipe.h"

#include "../tests/support/wsdump.c"
#include "fuzz_edits.h"

#define MAX_EDITS 16

static char cache_dir[96];

static int setup(void)
{
    if (fe_setup("pa") != 0) return -1;
    /* the cache beside the workspace (outside it: not one of its inputs), emptied */
    snprintf(cache_dir, sizeof cache_dir, "%s.cache", fz_dir);
    mkdir(cache_dir, 0700);
    lp_index_cache_clear(cache_dir, NULL);
    return 0;
}

static void cache_cleanup(void)
{
    if (!cache_dir[0]) return;
    lp_index_cache_clear(cache_dir, NULL);
    rmdir(cache_dir);
}

static void dump(const lp_workspace_opts *o, lp_buf *out, int *reopened)
{
    lp_workspace *ws;
    lp_error err;
    if (lp_open(fz_dir, o, &ws, &err) != LP_OK) __builtin_trap();
    lp_wait_resolved(ws, -1);
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    if (reopened) *reopened = st.reopened;
    wsd_dump(ws, 1, out);
    lp_close(ws);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int registered;
    if (setup() != 0) return 0;
    if (!registered) registered = atexit(cache_cleanup) == 0;
    lp_workspace_opts plain = { .workers = 1, .no_background = 1 },
                      cached = { .workers = 1, .no_background = 1, .index_cache = cache_dir };
    lp_buf b = { 0 };
    dump(&cached, &b, NULL);   /* the image the first edit makes stale */
    lp_buf_free(&b);
    const char *p = (const char *)data, *end = p + size;
    for (int step = 0; step < MAX_EDITS && p < end; step++) {
        fe_apply(&p, end);
        lp_buf fresh = { 0 }, got = { 0 };
        int reopened;
        dump(&plain, &fresh, NULL);
        dump(&cached, &got, &reopened);
        char msg[2048];
        /* an edit that only touched files (the same bytes) reopens the image, whose files keep the
         * stat their bytes were read with (lp_file_get): a fresh open's is the new one */
        if (!reopened && wsd_diff(fresh.data, fresh.len, got.data, got.len, msg, sizeof msg)) {
            fprintf(stderr, "fuzz_patch: after edit %d the open through the stale image differs from a "
                            "fresh open: %s\n", step, msg);
            __builtin_trap();
        }
        lp_buf_free(&fresh);
        lp_buf_free(&got);
    }
    return 0;
}
