/* fuzz_load.c — libFuzzer target: a workspace of one fuzzed .pp file beside
 * a fixed mod.pp (variables, locals) and a fixed second file the fuzzed one
 * can refer to; every resource of it is loaded (lp_load_entry: its tree,
 * its query, its base), its source read alone (lp_entry_source) compared with
 * the loaded one's, written as show JSON, loaded again from the cache, then
 * the cache is emptied.  A load may fail (syntax, evaluation, cycles,
 * missing children): only a crash, a leak, a sanitizer report, unbounded
 * work, or a failure that is no lp_status is a bug.  A tiny budget keeps
 * eviction busy.  One temporary directory per process, removed at exit. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lazypipe.h"
#include "fuzz_dir.h"

static const char fixed[] =
    "benchmark \"fixed\" {\n  title = \"Fixed\"\n  children = [control.c]\n}\n"
    "control \"c\" {\n  sql = \"select 1\"\n}\n"
    "query \"q\" {\n  sql = \"select 2\"\n  param \"p\" {\n    default = 1\n  }\n}\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fz_mod_setup("load", fixed) != 0 || fz_write("fuzz.pp", data, size) != 0) return 0;
    lp_workspace_opts o = { .workers = 1, .no_background = 1, .cache_budget = 4096 };
    lp_workspace *ws;
    lp_error err;
    if (lp_open(fz_dir, &o, &ws, &err) != LP_OK) return 0;
    for (uint32_t id = 0; id < lp_entry_count(ws); id++) {
        for (int pass = 0; pass < 2; pass++) {
            lp_resource *r;
            int rc = lp_load_entry(ws, id, &r, &err);
            if (rc != LP_OK) {
                if (rc > 0 || rc < LP_ERR_INTERNAL || !err.message[0]) __builtin_trap();
                break;
            }
            if (lp_resource_entry(r) != id) __builtin_trap();
            /* its source read alone is the loaded one's (the file written now: racy, hashed again) */
            lp_buf src = { 0 };
            if (lp_entry_source(ws, id, &src, &err) == LP_OK) {
                const char *want = lp_resource_source(r);
                if (!want || strlen(want) != src.len || memcmp(want, src.data, src.len) != 0)
                    __builtin_trap();
            }
            lp_buf_free(&src);
            lp_buf b = { 0 };
            lp_resource_json(r, &b);
            lp_buf_free(&b);
            for (uint32_t i = 0; i < lp_resource_child_count(r); i++)
                if (!lp_resource_name(lp_resource_child(r, i))) __builtin_trap();
            lp_resource_release(r);
        }
    }
    lp_cache_invalidate(ws, LP_NO_ENTRY);
    lp_cache_stats s;
    lp_cache_stats_get(ws, &s);
    if (s.entries || s.bytes || s.pinned) __builtin_trap();
    lp_close(ws);
    return 0;
}
