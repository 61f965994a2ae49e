/* imgout.h — bytes on their way to an image file (persist.c's writer, valheap.c).
 *
 * Gathered into a bounded buffer and written with pwrite at their offset, hashed as they go
 * (XXH3, unless the stream is told not to), so that an image is never whole in memory (it was:
 * an 11 MB buffer and every segment at once, half a first open's peak RSS).  No byte is written at
 * or past the stream's limit (PST_MAX_SIZE, RLIMIT_FSIZE: a write past it would raise SIGXFSZ,
 * which ends the whole process).  A stream is its writer thread's.
 */
#ifndef LP_IMGOUT_H
#define LP_IMGOUT_H

#include <stddef.h>
#include <stdint.h>

#include "base/intern.h"   /* (xxhash, inlined as the library uses it) */

typedef struct out_stream {
    int fd;
    char *buf;
    size_t cap, len;
    uint64_t at;                 /* the file offset of buf[0] */
    uint64_t limit;              /* no byte is written at or past it */
    XXH3_state_t sum;            /* of every byte written (or read back: out_hash_back) */
    int hashed;                  /* sum is kept */
    int err;                     /* errno of the first failure (EFBIG: the limit) */
} out_stream;

/* A stream writing at file offset at of fd (hashed: sum kept); err ENOMEM when its buffer could
 * not be allocated. */
void out_init(out_stream *o, int fd, uint64_t at, uint64_t limit, int hashed);
void out_free(out_stream *o);
/* The file offset of the next byte. */
static inline uint64_t out_pos(const out_stream *o) { return o->at + o->len; }
void out_flush(out_stream *o);
void out_put(out_stream *o, const void *p, size_t n);
/* Zeros up to file offset to (the alignment before a section or block). */
void out_pad(out_stream *o, uint64_t to);
/* n bytes of the buffer to fill in place (o->len += n after), or NULL when n does not fit in it or
 * o failed. */
char *out_room(out_stream *o, size_t n);
/* The n bytes already in the file at the stream's position (another stream wrote them) into its
 * sum, read back through its buffer, and the position past them: so that a part made out of file
 * order is hashed in file order without being kept in memory. */
void out_hash_back(out_stream *o, uint64_t n);

#endif
