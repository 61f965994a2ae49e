/* payload.h — available_dashboards kept and updated (payload.c): a payload
 * built with its layout, so that the next version's payload is made from
 * these bytes, re-rendering only the fragments of the entries that changed.
 *
 * The layout numbers the payload's items (dashboards in name order, then
 * benchmarks in name order: the item's rank) and lists every place an
 * item's fragment was written, in byte order: a dashboard's object, once; a
 * benchmark's head (`{"title":…,"is_top_level":`), once in the map and once
 * under each path to it.  When the hierarchy, the names, the mods and the
 * snapshots are the same in two versions, everything else in the payload is
 * the same bytes, so the new payload is the old one with those fragments
 * replaced (pl_update).  Anything else falls back to a full build (the
 * caller's): the bytes are always those of lp_available_dashboards_json.
 *
 * Ownership: an lp_payload is immutable once made and reference counted
 * (atomically: any thread may hold and release one); its bytes and layout
 * go with its last reference.  The ranks array (entry id -> rank) is per
 * version (ids differ between versions): the caller owns it (pl_ranks_free).
 */
#ifndef LP_INDEX_PAYLOAD_H
#define LP_INDEX_PAYLOAD_H

#include <stdatomic.h>

#include "index/index.h"

typedef struct pl_layout pl_layout;

struct lp_payload {
    atomic_uint refs;
    lp_buf bytes;
    pl_layout *layout;           /* where each fragment was written (pl_build fails without it) */
};

#define PL_NO_RANK UINT32_MAX

/* Does the payload show entries of this kind (dashboards and benchmarks)? */
static inline int pl_shows(unsigned kind)
{
    return kind == LP_KIND_DASHBOARD || idx_kind_is_benchmark(kind);
}

/* lp_available_dashboards_json's bytes with their layout, as one new
 * reference, and *ranks (nentries + 1 items; NULL when no layout).  LP_OK,
 * LP_ERR_NOMEM, LP_ERR_ARG as lp_available_dashboards_json. */
int pl_build(const lp_workspace *ws, lp_payload **out, uint32_t **ranks);

/* One more reference. */
lp_payload *pl_ref(lp_payload *p);
void pl_ranks_free(const lp_workspace *ws, uint32_t *ranks);

/* neu's payload from old's.  oldof: per entry of neu, the entry of old of
 * the same name (LP_NO_ENTRY: none); changed: the entries of neu whose
 * fields may differ from their old ones (the others are taken as the
 * same), n of them.  The caller has checked that no dashboard or benchmark
 * was added or removed and that the mods and snapshots are the same.
 *   base NULL: only decides: *differs is whether the payload bytes differ.
 *   base (old's payload, its layout and oranks, old's ranks): also *out, a
 *   reference to neu's payload (base again when the bytes are the same),
 *   and *nranks, neu's ranks.
 * PL_FALLBACK when it cannot tell (the hierarchy or an entry's mod changed,
 * an entry unpaired): the caller builds both in full.  Both versions must be
 * resolved (their records are read as they are). */
enum { PL_FALLBACK = 1 };
int pl_update(const lp_workspace *old, lp_payload *base, const uint32_t *oranks, const lp_workspace *neu,
              const uint32_t *oldof, const uint32_t *changed, uint32_t n, int *differs, lp_payload **out,
              uint32_t **nranks);

#endif
