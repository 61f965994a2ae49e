/* fuzz_workspace.c — libFuzzer target: a workspace of one fuzzed .pp file
 * beside a fixed mod.pp (and a fixed second file the fuzzed one can refer
 * to), opened with lp_open, differentially.
 *
 * The workspace is opened four times: phase 1 only and resolved (phase 2
 * inline, no_background), each with the default phase-1 path and with
 * opts.full_parse (every file through the full parser and the tree walk).
 * Everything a user can read of each is written out by wsd_dump
 * (tests/support/wsdump.c: every entry field, tags, children, parents,
 * files, diagnostics, the available_dashboards payload, the dashboard,
 * benchmark, control, query and detection list JSON, and when resolved the
 * resolution's diagnostics and the variables), and the two dumps of each
 * pair must be the same bytes: on the first difference the target prints it
 * and traps.  Any crash, leak, sanitizer report or unbounded work is a bug
 * too; diagnostics are fine.  One temporary directory per process, removed
 * at exit. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lazypipe.h"

/* The fuzz and replay builds link the library alone (Makefile: build/fuzz/%,
 * build/san/replay/%), so the dump the tests use is compiled in here. */
#include "../tests/support/wsdump.c"

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
    /* variables and locals for the fuzzed file to use, so that phase 2 has
     * something to evaluate */
    static const char mod[] = "mod \"fz\" {\n  title = \"Fuzz\"\n}\nlocals {\n  t = { a = \"b\" }\n  s = \"S\"\n}\n"
                              "variable \"v\" {\n  default = \"V\"\n}\n";
    static const char fixed[] = "benchmark \"fixed\" {\n  title = \"Fixed\"\n  children = [control.c]\n}\n"
                                "control \"c\" {\n  sql = \"select 1\"\n}\n"
                                "query \"q\" {\n  sql = \"select 2\"\n}\n";
    snprintf(p, sizeof p, "%s/mod.pp", dir);
    if (write_file(p, mod, sizeof mod - 1) != 0) return -1;
    snprintf(p, sizeof p, "%s/fixed.pp", dir);
    if (write_file(p, fixed, sizeof fixed - 1) != 0) return -1;
    atexit(cleanup);
    return 0;
}

/* Both ways with the given resolution; traps when the dumps differ. */
static void compare(int resolve)
{
    lp_workspace_opts o = { .workers = 1, .no_resolve = !resolve, .no_background = 1 };
    lp_buf a = { 0 }, b = { 0 };
    wsd_open_dump(dir, &o, 0, 1, &a);
    wsd_open_dump(dir, &o, 1, 1, &b);
    char msg[2048];
    if (!a.oom && !b.oom && wsd_diff(a.data, a.len, b.data, b.len, msg, sizeof msg)) {
        fprintf(stderr, "fuzz_workspace: default and full_parse differ (resolution %s); %s\n",
                resolve ? "on" : "off", msg);
        __builtin_trap();
    }
    lp_buf_free(&a);
    lp_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (setup() != 0 || write_file(fuzz_path, data, size) != 0) return 0;
    compare(0);
    compare(1);
    return 0;
}
