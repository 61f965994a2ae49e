/* lazypipe_test.h — the library's knobs for its own tests (not installed: hosts see only
 * lazypipe.h).  The library exports these functions so that the tests, the fuzzers and the bench
 * can reach them; tests/check_lib.sh accepts an exported lp_ function declared here. */
#ifndef LAZYPIPE_TEST_H
#define LAZYPIPE_TEST_H

#include "lazypipe.h"

#ifdef __cplusplus
extern "C" {
#endif

/* For tests of the out-of-memory paths: the n-th allocation call from now
 * (0: the next one) fails, once; UINT64_MAX disarms it.  Process-wide, like
 * the counters: use it from one thread with no other library work running. */
void lp_alloc_fail_nth(uint64_t n);

/* lp_open with every file through the full HCL parser and the tree walk instead of the fast skim
 * first: the same workspace, slower.  The tests and the fuzzer compare the two ways; the bench
 * measures what the skim saves.  opts.index_cache is not used (no image is read or written). */
int lp_open_full_parse(const char *dir, const lp_workspace_opts *opts, lp_workspace **out, lp_error *err);

/* For tests of a patched open (a stale image) whose prep thread has not run by the time the build
 * needs what it decodes (its CPU held by another process): the thread waits ms before it claims
 * that part (0: at once), and the build, finding it unclaimed, makes it itself.  Returns how many
 * patched opens' builds made it so far.  Process-wide: set it with no open running. */
unsigned long lp_test_patch_prep_late(unsigned ms);

/* For tests of a patch's prep thread (workspace.c, PREP_THREAD_MIN): on, a one-shot patch starts it
 * whatever the size of the stale image's decoding (off: only when it is large).  Returns how many
 * patches started one so far.  Process-wide: set it with no open running. */
unsigned long lp_test_patch_prep_always(int on);

/* How many one-shot patches decoded the stale image's records ahead (workspace.c, prep_records: when
 * their resolution takes them), process-wide. */
unsigned long lp_test_patch_records_ahead(void);

/* For tests of a reopen whose inputs' stats are shared with the checks' thread (persist.c: the
 * opening thread stats them a chunk at a time, and that thread takes the chunks left once its checks
 * are done): on, the opening thread stats one chunk and leaves the rest to it.  Returns how many
 * inputs that thread statted so far.  Process-wide: set it with no open running. */
unsigned long lp_test_reopen_stats_split(int on);

/* For tests comparing a one-shot patch's two carry-overs (src/resolve/carry_sparse.c, carry.c): off,
 * every entry is decided in its turn (carry.c) even where the sparse one applies.  Returns how many
 * patches carried over sparsely so far.  Process-wide: set it with no open running. */
unsigned long lp_test_carry_sparse(int on);

/* How many times a one-shot patch had the stale image's segment pages copied in one call (when most
 * of its segments were about to be taken: seg_block_prefault), process-wide. */
unsigned long lp_test_segs_prefaulted(void);
/* How many of the stale image's segments a patch's whole merge read from copies of their bytes
 * (seg_ready_copy), process-wide. */
unsigned long lp_test_segs_copied(void);
/* How many of the stale image's segments resolution read its entries' pieces from where they lie,
 * without taking them (seg_lazy_caps), process-wide. */
unsigned long lp_test_segs_pieces_read(void);

#ifdef __cplusplus
}
#endif

#endif
