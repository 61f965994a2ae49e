/* fuzz_skim.c — libFuzzer target: the skim parser (skim.h) against the full
 * parser on any bytes.
 *
 * The skim may decline anything, but what it accepts must be a file the full
 * parser reads without a diagnostic, into the same tree (every node, value
 * and range: tests/support/ast_cmp.c).  Otherwise the target prints why and
 * traps; sanitizers catch reads past the input (libFuzzer's buffer is exactly
 * the input's size).
 *
 * The input is also read the way phase 1 reads it (skim_scan: entries
 * straight from the text, heredoc templates of interpolations alone), which
 * skim_parse does not exercise: there only the sanitizers judge (the
 * workspace-level comparison is fuzz_workspace's, much slower per input).
 * A file cut inside a heredoc's `${l` read past its end there (issue 19). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "hcl/hcl_ast.h"
#include "index/scan.h"
#include "index/skim.h"

/* The fuzz and replay builds link the library alone (Makefile: build/fuzz/%,
 * build/san/replay/%), so the comparison the tests use is compiled in here. */
#include "../tests/support/ast_cmp.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *src = (const char *)data;
    ar_arena fa, sa;
    ar_init(&fa, 0);
    ar_init(&sa, 0);
    hcl_file full, skim;
    if (hcl_parse("fuzz.hcl", src, size, &fa, &full) != 0) __builtin_trap();
    int rc = skim_parse("fuzz.hcl", src, size, &sa, &skim);
    if (rc != 0 && rc != 1) {
        fprintf(stderr, "fuzz_skim: skim_parse returned %d\n", rc);
        __builtin_trap();
    }
    if (rc == 1) {
        char why[2048];
        if (full.ndiags) {
            fprintf(stderr,
                    "fuzz_skim: accepted, but hcl_parse reports %u diagnostic(s), first %s at %u:%u\n",
                    full.ndiags, full.diags[0].summary, full.diags[0].range.line, full.diags[0].range.col);
            __builtin_trap();
        }
        if (ast_cmp_file(&full, &skim, why, sizeof why)) {
            fprintf(stderr, "fuzz_skim: trees differ (hcl_parse vs skim_parse): %s\n", why);
            __builtin_trap();
        }
    }
    ar_free(&fa);
    ar_free(&sa);

    ar_arena out, scratch;
    ar_init(&out, 0);
    ar_init(&scratch, 0);
    scan_worker w;
    scan_worker_init(&w, &out);
    scan_result res;
    if (skim_scan(&w, "fuzz.pp", src, size, &scratch, "fz", &res) < 0) __builtin_trap();
    scan_worker_free(&w);
    ar_free(&scratch);
    ar_free(&out);
    return 0;
}
