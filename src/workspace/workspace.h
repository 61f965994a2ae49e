/* workspace.h — the workspace layer's own entry points (internal): lp_open's stages run over the
 * index layer's builders (index/build.h), the worker threads, the reuse of a previous version's
 * segments (live.c) and the index image (image/persist.h).  The public ones (lp_open, lp_close,
 * lp_input_*) are in include/lazypipe.h.
 */
#ifndef LP_WORKSPACE_H
#define LP_WORKSPACE_H

#include "index/build.h"

/* lp_open with a hook called after the files are listed and before any is
 * read (tests use it to delete or change files in between). */
typedef void (*ws_listed_fn)(void *user, const mod_set *ms);
int ws_open_hooked(const char *dir, const lp_workspace_opts *opts, ws_listed_fn listed, void *user,
                   lp_workspace **out, lp_error *err);

/* lp_open for a live workspace (live.c): keep a segment per file scanned
 * (seg.h, lp_workspace.segs), and take prev's segment for every file whose
 * bytes did not change instead of reading and scanning it again.  Which did
 * not: prev_changed[i] 0 (same) or 2 (touched: same bytes, its stat is taken
 * again) for prev's input i (lp_input_get's order: its files first; the
 * caller checked the inputs; 1: changed), or with prev_changed NULL a
 * check of the file (inp_check).  Resolution then carries over what prev
 * resolved for the entries that read nothing that changed (resolve.c). */
typedef struct ws_reuse {
    int keep_segs;
    const lp_workspace *prev;    /* NULL: nothing to take */
    const uint8_t *prev_changed; /* per input of prev, or NULL */
    int no_image;                /* do not reopen from the index image (the stale image's rebuild) */
    int not_live;                /* keep_segs for the image only: no dependencies recorded (a patch
                                  * of lp_open's) */
    /* a stale image's build (workspace.c: patch): why the image was stale,
     * why it could not be patched (prev NULL), when the open began; the
     * stats say so before resolution (which writes them to the next image) */
    const char *image_note, *image_why;
    uint64_t image_t0;
    /* a live refresh: resolution does not write the image (a whole image per edit would be most of
     * the refresh's time); the live handle writes its last version's with ws_save_image */
    int defer_image;
    /* a patch's decoding of the stale image's scope and records on another CPU (workspace.c,
     * prep_job): joined before resolution takes prev, which reads them; NULL: none */
    struct ws_prep_job *prep;
} ws_reuse;
int ws_open_ex(const char *dir, const lp_workspace_opts *opts, const ws_reuse *reuse, lp_workspace **out,
               lp_error *err);

/* Write the image of ws (opts.index_cache; resolution done and whole) now: what a refresh
 * deferred (ws_reuse.defer_image).  0, or -1 with why. */
int ws_save_image(const lp_workspace *ws, char *why, size_t wsize);

/* A live version reopened from its index image: what the first refresh taking ws as its previous
 * version would decode from the image first whatever changed, done now (the watcher calls it while
 * its debounce waits) and kept with ws for every refresh that takes it: the image's segments
 * (pst_segs; aws_compliance: 5.7 MB, 3-5 ms, most of it faulting fresh pages in), its strings
 * copied into blocks of their own (the index update shares them: idx_image_part.strings_own, where
 * it copied the image's: 0.8 ms) and resolution's scope and records (rs_prepare_image).  A part
 * that fails is left to the refresh, which then does it as it did.  The caller excludes such a
 * refresh (the live layer's refresh lock).  1 when the segments were read now;
 * ws_image_segments_due: whether ws is such a version whose segments are not read yet. */
int ws_prepare_refresh(lp_workspace *ws);
int ws_image_segments_due(const lp_workspace *ws);

/* lp_close without giving the freed pages back to the system (mem_release, a forced collection of
 * every heap: a fifth of a refresh's time when each replaced version was closed with it); the live
 * layer's watcher gives them back at its periodic check.  1 when this close freed ws. */
int ws_close_keep_pages(lp_workspace *ws);

/* One more holder of ws (a run pins the version it runs on): lp_close then only drops a holder, and
 * the last lp_close, the opener's or a holder's, frees it.  Thread-safe. */
void ws_retain(lp_workspace *ws);

#endif
