/* fuzz_workspace.c — libFuzzer target: a workspace of one fuzzed .pp file
 * beside a fixed mod.pp (and a fixed second file the fuzzed one can refer
 * to), opened with lp_open, then its available_dashboards payload and the
 * dashboard and benchmark list JSON written.  Any crash, leak, sanitizer
 * report or unbounded work is a bug; diagnostics are fine.  Inputs whose
 * first byte is odd are also resolved (phase 2, inline), so the evaluator
 * sees whole workspaces too.  One temporary directory per process, removed
 * at exit. */
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
    snprintf(dir, sizeof dir, "/tmp/lp_fuzz_ws_XXXXXX");
    if (!mkdtemp(dir)) return -1;
    snprintf(fuzz_path, sizeof fuzz_path, "%s/fuzz.pp", dir);
    char p[160];
    static const char mod[] = "mod \"fz\" {\n  title = \"Fuzz\"\n}\nlocals {\n  t = { a = \"b\" }\n}\n";
    static const char fixed[] = "benchmark \"fixed\" {\n  title = \"Fixed\"\n  children = [control.c]\n}\n"
                                "control \"c\" {\n  sql = \"select 1\"\n}\n";
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
    lp_workspace_opts o = { .workers = 1, .no_resolve = !(size && (data[0] & 1)), .no_background = 1 };
    lp_workspace *ws = NULL;
    lp_error err;
    if (lp_open(dir, &o, &ws, &err) != LP_OK) return 0;
    lp_buf b = { 0 };
    lp_available_dashboards_json(ws, &b);
    lp_list_json(ws, LP_KIND_DASHBOARD, &b);
    lp_list_json(ws, LP_KIND_BENCHMARK, &b);
    lp_buf_free(&b);
    for (uint32_t id = 0; id < lp_entry_count(ws); id++) {
        lp_entry_info e;
        lp_entry_get(ws, id, &e);
        for (uint32_t i = 0; i < lp_entry_child_name_count(ws, id); i++) (void)lp_entry_child_name(ws, id, i);
    }
    lp_close(ws);
    return 0;
}
