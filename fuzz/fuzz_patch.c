/* fuzz_patch.c — libFuzzer target: a sequence of fuzzed edits to a small workspace, each followed
 * by an open through the index cache (the command after a save): the image the previous open wrote
 * is stale by the edit, so the open patches it, carrying over every resolved record whose reads did
 * not change (resolve.c, carry_image); it is held to a fresh open of the same tree (no cache).
 *
 * The input is the edit language of fuzz_refresh.c: edits separated by the line "----", the first
 * byte of each picking what it does (its value modulo 5: write a.pp, write b.pp, write
 * powerpipe.ppvars, delete a.pp or b.pp, rewrite mod.pp's local), the rest the new content.  The
 * workspace starts as the same fixed mod.pp (a variable and locals), fixed.pp (a benchmark,
 * controls and a query that read them) and empty a.pp and b.pp, with its image written.  After each
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
#include "fuzz_dir.h"

#define MAX_EDITS 16

static char cache_dir[96];

static void write_mod(const char *local_value, size_t n)
{
    char text[512];
    int k = snprintf(text, sizeof text,
                     "mod \"fz\" {\n  title = \"Fuzz\"\n}\n"
                     "variable \"v\" {\n  type = string\n  default = \"V\"\n}\n"
                     "locals {\n  t = { a = \"%.*s\" }\n  s = \"S\"\n}\n",
                     (int)(n > 64 ? 64 : n), local_value);
    fz_write("mod.pp", text, (size_t)k);
}

static int setup(void)
{
    if (fz_dir_make("pa") != 0) return -1;
    static const char fixed[] =
        "benchmark \"fixed\" {\n  title = \"Fixed ${var.v}\"\n  children = [control.c]\n}\n"
        "control \"c\" {\n  title = \"C\"\n  tags = local.t\n  sql = \"select 1\"\n}\n"
        "control \"d\" {\n  title = local.s\n  sql = query.q.sql\n}\n"
        "query \"q\" {\n  sql = \"select 2\"\n}\n";
    write_mod("b", 1);
    char p[160];
    fz_path(p, sizeof p, "powerpipe.ppvars");
    unlink(p);
    /* the cache beside the workspace (outside it: not one of its inputs), emptied */
    snprintf(cache_dir, sizeof cache_dir, "%s.cache", fz_dir);
    mkdir(cache_dir, 0700);
    lp_index_cache_clear(cache_dir, NULL);
    return fz_write("fixed.pp", fixed, sizeof fixed - 1) | fz_write("a.pp", "", 0) |
           fz_write("b.pp", "", 0);
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
        const char *sep = memmem(p, (size_t)(end - p), "\n----\n", 6);
        const char *e = sep ? sep : end;
        unsigned what = (unsigned char)*p % 5;
        const char *body = p + 1;
        size_t n = e > body ? (size_t)(e - body) : 0;
        char q[160];
        switch (what) {
        case 0: fz_write("a.pp", body, n); break;
        case 1: fz_write("b.pp", body, n); break;
        case 2: fz_write("powerpipe.ppvars", body, n); break;
        case 3:
            fz_path(q, sizeof q, n % 2 ? "a.pp" : "b.pp");
            unlink(q);
            break;
        default: write_mod(body, n); break;
        }
        p = sep ? sep + 6 : end;
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
