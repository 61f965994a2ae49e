/* fuzz_refresh.c — libFuzzer target: a sequence of fuzzed edits to a small
 * live workspace, each refresh held to a fresh open (issue 15).
 *
 * The input is a list of edits separated by the line "----": the first byte
 * of an edit picks what it does (its value modulo 5: write a.pp, write b.pp,
 * write powerpipe.ppvars (empty: delete it), delete a.pp or b.pp, rewrite mod.pp's local; and
 * its value / 5: bit 0, build the next version ahead after the edit, as the
 * watcher does while its debounce waits (lv_prepare_candidate); bit 1, no
 * refresh yet: the next edit lands after that candidate, before the refresh,
 * as an event the watcher has not read yet would), the rest is the new
 * content.  A refresh after a candidate was built checks the paths the
 * watcher would name (lv_refresh_paths: every file the edits touch and the
 * directory), so that the candidate is published when it is what the
 * refresh would build.  The workspace starts as a fixed mod.pp (a
 * variable and locals), fixed.pp (a benchmark, controls and a query that
 * read them) and empty a.pp and b.pp.  After each edit the live workspace is
 * refreshed (incrementally: segments for unchanged files, records carried
 * over for entries whose reads did not change) and, when it published a
 * version, that version is dumped (tests/support/wsdump.c: every field, tags, children, parents,
 * diagnostics of both phases, payload, lists, variables, inputs) beside a
 * fresh lp_open of the same tree; on the first difference the target prints
 * it and traps.  One temporary directory per process, removed at exit.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lazypipe.h"
#include "live/live.h"

#include "../tests/support/wsdump.c"
#include "fuzz_edits.h"

#define MAX_EDITS 16
#define NNAMED 5                 /* the directory and the files edits write */

static void check(lp_live *lv, const lp_workspace_opts *o, int step)
{
    char msg[2048];
    int rc = wsd_live_vs_open(lv, fz_dir, o, 1, msg, sizeof msg);
    if (rc < 0) __builtin_trap();
    if (rc) {
        fprintf(stderr, "fuzz_refresh: after edit %d the refreshed version differs from a fresh open: %s\n",
                step, msg);
        __builtin_trap();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fe_setup("rf") != 0) return 0;
    lp_workspace_opts o = { .workers = 1, .no_background = 1 };
    lp_live *lv;
    lp_error err;
    if (lp_live_open(fz_dir, &o, &lv, &err) != LP_OK) __builtin_trap();
    const char *p = (const char *)data, *end = p + size;
    /* what the watcher names for these edits: the directory and each file */
    static const char *const files[] = { "a.pp", "b.pp", "powerpipe.ppvars", "mod.pp" };
    char paths[NNAMED][160];
    const char *named[NNAMED];
    snprintf(paths[0], sizeof paths[0], "%s", fz_dir);
    for (int i = 1; i < NNAMED; i++) fz_path(paths[i], sizeof paths[i], files[i - 1]);
    for (int i = 0; i < NNAMED; i++) named[i] = paths[i];
    int ahead = 0;   /* a candidate was built since the last refresh */
    for (int step = 0; step < MAX_EDITS && p < end; step++) {
        unsigned mode = fe_apply(&p, end) / 5;
        if (mode & 1) ahead = lv_prepare_candidate(lv, named, NNAMED) || ahead;
        if ((mode & 2) && p < end && step + 1 < MAX_EDITS) continue;
        lp_changes c;
        if ((ahead ? lv_refresh_paths(lv, named, NNAMED, &c) : lp_refresh(lv, &c)) != LP_OK) __builtin_trap();
        ahead = 0;
        int changed = c.changed;
        lp_changes_free(&c);
        /* a refresh that found only touched files keeps the version, whose
         * stats are then older than a fresh open's: compared after a change */
        if (changed) check(lv, &o, step);
    }
    lp_live_close(lv);
    return 0;
}
