/* fuzz_workspace.c — libFuzzer target: a workspace of one fuzzed .pp file
 * beside a fixed mod.pp (and a fixed second file the fuzzed one can refer
 * to), opened with lp_open, differentially.
 *
 * The workspace is opened four times: phase 1 only and resolved (phase 2
 * inline, no_background), each with the default phase-1 path and with
 * lp_open_full_parse (every file through the full parser and the tree walk).
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
#include "fuzz_dir.h"

static const char fixed[] = "benchmark \"fixed\" {\n  title = \"Fixed\"\n  children = [control.c]\n}\n"
                            "control \"c\" {\n  sql = \"select 1\"\n}\n"
                            "query \"q\" {\n  sql = \"select 2\"\n}\n";

/* Both ways with the given resolution; traps when the dumps differ. */
static void compare(int resolve)
{
    lp_workspace_opts o = { .workers = 1, .no_resolve = !resolve, .no_background = 1 };
    lp_buf a = { 0 }, b = { 0 };
    wsd_open_dump(fz_dir, &o, 0, 1, &a);
    wsd_open_dump(fz_dir, &o, 1, 1, &b);
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
    if (fz_mod_setup("ws", fixed) != 0 || fz_write("fuzz.pp", data, size) != 0) return 0;
    compare(0);
    compare(1);
    return 0;
}
