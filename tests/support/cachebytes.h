/* cachebytes.h — what an open wrote in an index cache directory, found from the files themselves:
 * the files held open before it (so that no inode of theirs is reused), and after it every file of
 * another inode, or of the same inode with other bytes, counted whole.  Times are not compared (a
 * reopen sets an image's mtime: its last use). */
#ifndef LP_TEST_CACHEBYTES_H
#define LP_TEST_CACHEBYTES_H

#include <stdint.h>

#define CB_MAX_FILES 64

typedef struct cb_file {
    char name[256];
    uint64_t ino, size, sum;   /* sum: a hash of its bytes */
    int fd;                    /* held open until cb_release */
} cb_file;

typedef struct cb_state {
    cb_file v[CB_MAX_FILES];
    unsigned n;
} cb_state;

/* The regular files of dir (at most CB_MAX_FILES), each held open. */
void cb_take(const char *dir, cb_state *out);
/* The bytes of the files of dir that are not in before as they were; the largest file of before
 * (an image) in *image_bytes when asked. */
uint64_t cb_written(const char *dir, const cb_state *before, uint64_t *image_bytes);
void cb_release(cb_state *s);

#endif
