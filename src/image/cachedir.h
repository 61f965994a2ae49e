/* cachedir.h — the index cache directory's policy: a byte
 * bound with least-recently-used eviction, and the record of images whose
 * racily clean inputs were found clean.
 *
 * Images are <hash>.lpidx (persist.c); an image's last use is its mtime:
 * written at its rename, set to now by each reopen (cd_used).  Beside an
 * image, <hash>.lpclean records that a check begun at some time found every
 * input of that very image (its body checksum) clean, or changed by its
 * stat: inputs modified less than INP_RACY_NS before that time are no longer
 * racy, so later reopens stop hashing them (git rewrites its index for the
 * same reason).  Every
 * function is best effort on a directory other processes use too: a file
 * removed first by another is simply gone; nothing here fails an open.
 * No state of its own: any thread.
 */
#ifndef LP_CACHEDIR_H
#define LP_CACHEDIR_H

#include <stdint.h>

#include "lazypipe.h"

/* After image (a path in the cache directory) was written: the directory
 * pruned to max_bytes (0: LP_INDEX_CACHE_MAX_DEFAULT) by removing the least
 * recently used images (never image itself, even alone above the bound),
 * their .lpclean records, records whose image is gone, and temporary files
 * a writer that died left (an hour old). */
void cd_prune(const char *image, uint64_t max_bytes);
/* image was reopened: its last use is now. */
void cd_used(const char *image);
/* The time image's inputs were last all found clean at: its .lpclean
 * record's when that record is for this image (body checksum sum) and later
 * than read_at_ns, else read_at_ns. */
int64_t cd_clean_at(const char *image, uint64_t sum, int64_t read_at_ns);
/* Record that a check begun at t0_ns found every input of image (body
 * checksum sum) clean, or changed in its stat (a stale image's edited files,
 * which any later check sees by their stat too); written beside it,
 * atomically by rename. */
void cd_mark_clean(const char *image, uint64_t sum, int64_t t0_ns);
/* Wait until no writer holds dir (lp_index_cache_hold), at most 2 s: a reader then finds the
 * image a command's background writer was writing. */
void cd_wait_writer(const char *dir);

#endif
