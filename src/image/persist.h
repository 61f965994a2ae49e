/* persist.h — the index persisted as one image file, reopened by mapping it.
 *
 * After a build whose resolution completed, the resolver thread writes the
 * whole workspace (the flat index, its strings with their hash table, the
 * resolved versions as an overlay of string ids, the diagnostics of both
 * phases, the input table, the variables as resolution printed them, and the
 * evaluation scope on-demand loads need: pst_scope, and what each entry's
 * evaluation and the loading of variables and locals read, for a live
 * workspace's first refresh: pst_records, pst_loadrec) to
 * a temporary file in the cache directory and renames it over the
 * workspace's image: readers of an older image keep their mapping of the old
 * inode, and no writer of ours ever truncates an image in place.  The image
 * is never whole in memory: its sections are made first (the records of
 * value ids; the values' heap goes to the file as its strings are added,
 * valheap.h: every offset is then known), then written through a bounded
 * buffer (imgout.h), and the segments, its tail, are written in file order
 * as they are made (by the late job beside the other sections, when the
 * open deferred them), each freed once written.
 *
 * The next lp_open with the same directory and options maps the image up to
 * its segments (a live workspace maps a private copy of them: below) and,
 * once it is checked, serves from it in place: the index's arrays and
 * the strings' blocks and slots point into it (records hold ids and offsets, never pointers), the
 * overlay replaces phase 2 (no resolver runs), and only the diagnostics,
 * which the public API hands out as records with pointers, are rebuilt as
 * one array each (the inputs are read one at a time: pst_input_get).
 *
 * The image also holds every file's segment (seg.h: its scan, made
 * position-independent), last, under a checksum of their own that only a
 * patch reads: when inputs changed since the image, lp_open takes the
 * segments of the unchanged files (pst_segs) and scans only the others
 * (workspace.c: patch).
 *
 * Nothing in the file is trusted before pst_load checked it whole: magic,
 * format version, byte order, the header's own checksum (its section table
 * too), the table's layout (the sections in write order, each where the one
 * before ends, rounded to 8: no overlap, no gap, exact sizes), record sizes,
 * an XXH3 checksum of everything after the header, every string id (inside its block, NUL
 * where its length says), every entry, file, child, parent and tag
 * reference, the hash table's shape (an empty slot exists, so probes end),
 * then every input's stat against the table (lp_input_check: a touched file
 * with the same bytes still counts as unchanged).  Any failure is a reason
 * string and a rebuild, never a crash or a wrong answer.
 *
 * A live workspace does not map the file itself: a mapping's pages are the
 * file's, and another program truncating the image in place (cp over it)
 * would make the next access past the new end raise SIGBUS in a server or
 * watch that runs for days (a one-shot open maps it: it is exposed for
 * milliseconds).  It copies the image up to its segments, in the kernel,
 * into an unnamed file (O_TMPFILE) in the cache directory, which no other
 * process can open, and maps that; after the checks it drops their pages
 * from its page tables, so an idle server holds only the pages it reads
 * again, and those are the page cache's (reclaimable), not its own.  Where
 * the file system cannot (no O_TMPFILE, no space) it reads the image into
 * anonymous memory instead.  The file stays open for the segments, which a
 * patch reads then (a file cut since is a short read: a full build).  An image that another user owns or
 * that group or others may write, or one in such a directory, is not read:
 * its checksums prove nothing about who wrote it.
 */
#ifndef LP_PERSIST_H
#define LP_PERSIST_H

#include <stddef.h>
#include <stdint.h>

#include "index/index.h"

struct rs_ctx;
struct pst_image;

/* What identifies a workspace's image besides its directory: the options
 * that change its content (vars, var files, PP_VAR_* in the environment). */
uint64_t pst_fingerprint(const char *dir, const lp_workspace_opts *o);

/* cache_dir/<hash of the real path of dir and the fingerprint>.lpidx into
 * out.  0, or -1 when it does not fit or dir has no real path. */
int pst_cache_path(const char *cache_dir, const char *dir, uint64_t fingerprint, char *out, size_t size);

/* Write ws (built by lp_open and resolved: c is the resolver's finished
 * context) to path, atomically.  0, or -1 with why. */
int pst_save(const lp_workspace *ws, const struct rs_ctx *c, const char *path, uint64_t fingerprint,
             char *why, size_t wsize);

/* The image of ws, resolved by c, written to the index cache
 * (opts.index_cache) at the path of its directory and options: 0, 1 not written (a patch's, whose
 * stale image another command replaced since: idx_image_part.patched_ino), or -1 with why.
 * Resolution calls it through lp_workspace.save_image. */
int pst_save_resolved(const lp_workspace *ws, const struct rs_ctx *c, char *why, size_t wsize);
/* The device, inode and size of the image file ws was reopened from: 0, or -1 when it was not. */
int pst_image_file(const lp_workspace *ws, uint64_t *dev, uint64_t *ino, uint64_t *size);

/* Reopen ws (fresh: its directory and options set, nothing built) from the
 * image at path.  0: ws serves from the image.  -1: not usable (why says
 * which check failed); ws is as it was.  1 (only with stale_ok, and only
 * for an image with segments): the image is sound but inputs changed since
 * (why names the first); ws serves the image's version, which the caller
 * uses as the previous version of a patch (pst_segs, ws_open_ex) and
 * closes. */
int pst_load(lp_workspace *ws, const char *path, uint64_t fingerprint, int stale_ok, char *why,
             size_t wsize);

/* The segments of ws (reopened from an image that holds them) into
 * idx_segments_of(ws)->segs, one reference each, so that a build taking ws as its previous
 * version (ws_open_ex) scans only the files whose bytes changed.  Taken lazily (seg_image_stub:
 * each checked by its checksum and layout when read, seg_ready; pst_segs_failed says whether one
 * failed: the build that read it is made again without them); a live workspace's read from the
 * image file (each one's head now, the rest when it is needed: seg_file_stub), never mapped; read
 * whole and checked now when the file is shorter than the image says.  One
 * that fails here is left out (its file is scanned again).  Called on the
 * thread that builds; ws's readers never read segs.  The count of segments
 * made, 0 when ws already has them, or -1 (why says why). */
int pst_segs(lp_workspace *ws, char *why, size_t wsize);
/* ws (a version patched from prev, whose segments pst_segs made a table of stubs made on first use)
 * shares prev's table, with a reference of its own, its files taking none of it yet
 * (idx_segments.lazy_slot, all UINT32_MAX: workspace.c sets those it takes).  0, or -1 out of memory
 * (or another table already). */
int pst_segs_share(lp_workspace *ws, const lp_workspace *prev);
/* ws, a build taking prev as its previous version, where prev was reopened from a stale image (a
 * patch; a live workspace's is its private copy) or holds such an image's mapping itself (a live
 * version refreshed from a patched one): ws holds that mapping until it closes
 * (idx_image_part.map_hold), so that its strings share the image's blocks instead of copying
 * them, as a reopen serves them from the mapping.  1 held, 0 not (no such image). */
int pst_hold_mapping(const lp_workspace *prev, lp_workspace *ws);
/* Did a segment pst_segs took lazily fail its checks when read (a damaged image)?  Of ws's
 * segments: a refreshed version's are also those it took from the version before. */
int pst_segs_failed(const lp_workspace *ws);

/* The evaluation scope the resolver wrote into ws's image (every mod's
 * variables with their final values, defaults, sources, descriptions and
 * types as written, its locals with their values and whether they
 * evaluated), decoded into the arena a after checking it whole (bounds,
 * counts, sorted names, lpv_unpack's checks, one record per mod of ws):
 * *mods[m] as rs_ctx.mods[m] gives them once resolution is done (vars,
 * locals, var_obj, name, root; no expressions, files or parsed types), to
 * loads and to a refresh that shares them (rs_part.image_scope).
 * Everything lives in a; nothing points into the mapping.  0; -1 when ws
 * has no image, the image no scope, or it is malformed (the caller
 * evaluates otherwise); -2 on OOM.  Read-only on ws: any thread. */
struct rs_mod;
int pst_scope(const lp_workspace *ws, ar_arena *a, struct rs_mod **mods, uint32_t *nmods);

/* The records resolution kept in ws's image (every entry's reads, the
 * fields its record evaluated, resolution's diagnostics by entry and its
 * inputs), checked whole (every count, index, name and order) and decoded
 * into the arena a as a finished context *out, with the image's scope
 * (pst_scope) as its mods, for a refresh taking ws as its previous version
 * to carry records over from (carry.c, rs_carry_over; the records' values
 * are the overlay's).  Read only then, not at the reopen: an idle
 * workspace holds none of it.  Strings point into ws's image; the reads'
 * lists are in keep.  A live workspace's image (its private copy, below)
 * outlives ws while a later version refers to it: out->img_hold is set, and
 * the refresh's values store holds a reference (the carried records, their
 * diagnostics and reads are then not copied).  out->mods (with nmods), when
 * the caller set it, is taken as the image's scope, decoded already
 * (pst_scope: the refresh shares it); else it is decoded.  0; -1 when
 * ws has no image, the image no records, or they are malformed (the
 * refresh then evaluates every entry); -2 on OOM.  Read-only on ws. */
int pst_records(const lp_workspace *ws, struct rs_ctx *out, ar_arena *a, ar_arena *keep);

/* What the loading of variables and locals read in the resolution that
 * wrote ws's image (rs_loadrec: the files whose blocks it parsed, the
 * inputs it added, the environment's names it read and a hash of their
 * values, whether a local read a resource; ndiags: how many of the image's
 * resolution diagnostics are loading's), checked whole (ascending file
 * indices of ws, input kinds, every name in the values heap) and decoded
 * into the arena a, the strings the image's, for a refresh taking ws as its
 * previous version: when none of it changed, that refresh shares the
 * image's scope (pst_scope) instead of loading variables and locals again
 * (scope_share.c, rs_scope_share).  Read only then, like pst_records.  0; -1 when
 * ws has no image, the image no such record (a resolution that kept no
 * records) or a malformed one; -2 on OOM.  Read-only on ws. */
struct rs_loadrec;
int pst_loadrec(const lp_workspace *ws, struct rs_loadrec *out, ar_arena *a);

/* For ws reopened from a stale image (pst_load gave 1): per input in
 * lp_input_get's order, 0 same, 1 changed, 2 touched, as pst_load found
 * them (ws_reuse.prev_changed: the patch neither stats them again nor lists
 * the directories when nothing listing reads changed).  NULL otherwise. */
const uint8_t *pst_changed(const lp_workspace *ws);
/* How many of them are not the same (changed, touched, gone): what each patch of that image checks
 * again.  0 otherwise. */
uint32_t pst_changed_count(const lp_workspace *ws);
/* For ws reopened from its image: the bytes of what a patch may decode from it (its scope,
 * resolution's records and reads, the inputs they read; rs_prepare_patch_scope, _records), which
 * its cost follows.  0 otherwise. */
uint64_t pst_decoded_bytes(const lp_workspace *ws);

/* For ws reopened from its image (pst_load gave 0 or 1): its input i (lp_input_get's order
 * without the files: phase 1's other inputs, then resolution's) read from the image into *out,
 * whose path is the image's.  Such a ws holds no array of them (idx_tables.inputs and
 * rs_part.rinputs have their counts and a NULL v).  0, or -1 when i is past them or ws has no
 * image.  Read-only on ws: any thread. */
int pst_input_get(const lp_workspace *ws, uint32_t i, inp_rec *out);

/* NULL when dir is a directory only the effective user can write (owned by
 * it, not writable by group or others), else why not. */
const char *pst_dir_foreign(const char *dir);

/* Release what pst_load made (lp_close). */
void pst_unload(lp_workspace *ws);

#endif
