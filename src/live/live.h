/* live.h — live workspaces: versions, refresh (live.c) and the watcher
 * (watch.c), behind lp_live_* in lazypipe.h.
 *
 * The handle (struct lp_live, live.c) owns the current version and the
 * watcher; each version is an lp_workspace whose `live` field names its
 * version record, so that lp_live_release finds what to unpin.
 */
#ifndef LP_LIVE_H
#define LP_LIVE_H

#include "index/index.h"

struct lv_watch;
/* The handle's watcher slot (NULL when none runs). */
struct lv_watch **lv_watch_slot(lp_live *lv);
/* lp_refresh checking only the inputs named in paths (exact paths, as the
 * inputs record them): what the watcher's events named.  The rest of the
 * refresh is lp_refresh's. */
int lv_refresh_paths(lp_live *lv, const char *const *paths, uint32_t n, lp_changes *c);

/* What a refresh after these paths' events would read first whatever they changed, read now:
 * called by the watcher while its debounce waits, so that the burst's refresh finds it done.  A
 * version reopened from its image reads the image's segments and decodes what the refresh takes
 * from it (ws_prepare_refresh), once one of the paths is an input that changed.  The refresh's own
 * checks are not skipped. */
void lv_prepare_paths(lp_live *lv, const char *const *paths, uint32_t n);

/* A burst's refresh built ahead, while the watcher's debounce waits: the check of the inputs named
 * in paths, the next version and its change set (everything lv_refresh_paths does but publish),
 * kept with the version it was built from and what its check saw.  At most one is kept (a new one
 * replaces it); lv_refresh_paths with the same paths publishes it as it is when the current
 * version is still the one it was built from, its check finds the same inputs changed and each
 * named input still reads as the candidate read it (the same bytes and stat); any other refresh
 * drops it.  1 when one was built (some named input changed).  The watcher drops it on any later
 * event of the burst (lv_drop_candidate). */
int lv_prepare_candidate(lp_live *lv, const char *const *paths, uint32_t n);
void lv_drop_candidate(lp_live *lv);
/* Candidates built, and published by a burst's refresh: the tests' evidence. */
void lv_ahead_counts(lp_live *lv, uint64_t *built, uint64_t *published);

/* The watcher's timing for the tests (before lp_watch_start; 0: its own): the debounce, and the
 * quiet time after a burst's last event at which it builds the candidate.  lv_watch_timing
 * overwrites each default the handle sets. */
void lv_set_watch_timing(lp_live *lv, int debounce_ms, int quiet_ms);
void lv_watch_timing(const lp_live *lv, int *debounce_ms, int *quiet_ms);

/* Refreshes whose new version's payload was made from the previous one's
 * (pl_update: spliced), or is the previous one's (shared): the tests'
 * evidence that the incremental path ran. */
void lv_payload_counts(lp_live *lv, uint64_t *spliced, uint64_t *shared);

/* Stop the watcher, if one runs, and wait for its thread (lp_live_close). */
void lv_watch_stop(lp_live *lv);

#endif
