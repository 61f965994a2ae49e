/* fuzz_order.c — libFuzzer target: resolution that depends on the dependency graph only.
 *
 * The input draws a random workspace of locals, variables, controls and benchmarks whose values read
 * one another (tests/support/ordgen.c: chains, diamonds, lists and maps of references, concat,
 * merge, conditionals, a local reading a control's title, a benchmark's children in a local), with
 * the values each must have as the generator computes them.  It is written under two layouts (the
 * locals named at random, the blocks shuffled over files) and opened: fresh, and through an index
 * image written for the first layout and patched for the second.  Any answer unlike the model's
 * traps, with the model printed; any crash, leak or sanitizer report is a bug too. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lazypipe.h"

/* The fuzz and replay builds link the library alone (Makefile: build/fuzz/%), so the generator the
 * tests use is compiled in here. */
#include "../tests/support/ordgen.c"
#include "fuzz_dir.h"

static void check(const og_model *m, const char *what, const lp_workspace_opts *o)
{
    lp_workspace *ws = NULL;
    lp_error err = { 0 };
    if (lp_open(fz_dir, o, &ws, &err) != LP_OK) return;   /* out of memory: not this target's subject */
    char msg[1024];
    if (og_check(m, ws, msg, sizeof msg) != 0) {
        char desc[8192];
        og_describe(m, desc, sizeof desc);
        fprintf(stderr, "fuzz_order: %s: %s\nmodel:\n%s", what, msg, desc);
        __builtin_trap();
    }
    lp_close(ws);
}

static char cache[300];

static void cache_cleanup(void) { nftw(cache, fz_remove_one, 16, FTW_DEPTH | FTW_PHYS); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fz_dir_make("order") != 0) return 0;
    if (!cache[0]) {
        snprintf(cache, sizeof cache, "%s.cache", fz_dir);   /* beside the mod: not one of its files */
        if (mkdir(cache, 0700) != 0) return 0;
        atexit(cache_cleanup);
    }
    og_model *m = og_make(data, size);
    if (!m) return 0;
    uint64_t layout = size ? data[size - 1] : 0;
    lp_workspace_opts fresh = { .workers = 1, .no_background = 1 };
    lp_workspace_opts img = { .workers = 1, .no_background = 1, .index_cache = cache };
    for (uint64_t k = 0; k < 2; k++) {
        if (og_write(m, fz_dir, layout * 2 + k) != 0) break;
        check(m, k ? "second layout, fresh" : "first layout, fresh", &fresh);
        check(m, k ? "second layout, the image patched" : "first layout, the image written", &img);
    }
    og_free(m);
    return 0;
}
