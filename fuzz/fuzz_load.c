/* fuzz_load.c — libFuzzer target: a workspace of one fuzzed .pp file beside
 * a fixed mod.pp (variables, locals) and a fixed second file the fuzzed one
 * can refer to; every resource of it is loaded (lp_load_entry: its tree,
 * its query, its base), written as show JSON, loaded again from the cache,
 * then the cache is emptied.  A load may fail (syntax, evaluation, cycles,
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

static char dir[64];
static char fuzz_path[128];

static void cleanup(void)
{
    char p[160];
    unlink(fuzz_path);
    snprintf(p, sizeof p, "%s/mod.pp", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/fixed.pp", dir);
    unlink(p);
    rmdir(dir);
}

static int write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    int ok = fwrite(data, 1, n, f) == n;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

static int setup(void)
{
    if (dir[0]) return 0;
    snprintf(dir, sizeof dir, "/tmp/lp_fuzz_load_XXXXXX");
    if (!mkdtemp(dir)) return -1;
    snprintf(fuzz_path, sizeof fuzz_path, "%s/fuzz.pp", dir);
    char p[160];
    static const char mod[] =
        "mod \"fz\" {\n  title = \"Fuzz\"\n}\nlocals {\n  t = { a = \"b\" }\n  s = \"S\"\n}\n"
        "variable \"v\" {\n  default = \"V\"\n}\n";
    static const char fixed[] =
        "benchmark \"fixed\" {\n  title = \"Fixed\"\n  children = [control.c]\n}\n"
        "control \"c\" {\n  sql = \"select 1\"\n}\n"
        "query \"q\" {\n  sql = \"select 2\"\n  param \"p\" {\n    default = 1\n  }\n}\n";
    snprintf(p, sizeof p, "%s/mod.pp", dir);
    if (write_file(p, mod, sizeof mod - 1) != 0) return -1;
    snprintf(p, sizeof p, "%s/fixed.pp", dir);
    if (write_file(p, fixed, sizeof fixed - 1) != 0) return -1;
    atexit(cleanup);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (setup() != 0 || write_file(fuzz_path, data, size) != 0) return 0;
    lp_workspace_opts o = { .workers = 1, .no_background = 1, .cache_budget = 4096 };
    lp_workspace *ws;
    lp_error err;
    if (lp_open(dir, &o, &ws, &err) != LP_OK) return 0;
    for (uint32_t id = 0; id < lp_entry_count(ws); id++) {
        for (int pass = 0; pass < 2; pass++) {
            lp_resource *r;
            int rc = lp_load_entry(ws, id, &r, &err);
            if (rc != LP_OK) {
                if (rc > 0 || rc < LP_ERR_INTERNAL || !err.message[0]) __builtin_trap();
                break;
            }
            if (lp_resource_entry(r) != id) __builtin_trap();
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
