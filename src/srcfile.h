/* srcfile.h — reading a source file into a reused per-thread buffer.
 *
 * Why read() and not mmap: a mapping of a file that is truncated while we
 * look at it (an editor saving, `mod install` replacing a dependency) raises
 * SIGBUS on the next access past the new end.  A library cannot own the
 * process's SIGBUS handler (the application may have its own, and signal
 * handlers are process-wide), so the only way to make a mapping safe would
 * be to copy it anyway.  read() into a buffer that is reused for every file
 * of a thread has no such failure mode: a file that shrinks gives fewer bytes,
 * a file that grows is read to its end.  The buffer grows geometrically to the
 * largest file, so a build costs O(log(largest file)) allocations per thread.
 *
 * Measured on ../shared/corpus/aws_compliance (550 files, 3.48 MB, page cache
 * warm; bench program in the INDEX report), one thread, median of 20 runs:
 *   open+fstat+read into a reused buffer + memchr pass:   see SRCFILE_MEASURED
 *   open+fstat+mmap+memchr pass+munmap:                   see SRCFILE_MEASURED
 * (numbers recorded in srcfile.c).  read() is as fast as mmap at these file
 * sizes (median 6 KB: the page-table and TLB work of mapping is not cheaper
 * than copying) and is the safe choice, so it is the only path.
 */
#ifndef LP_SRCFILE_H
#define LP_SRCFILE_H

#include <stddef.h>
#include <stdint.h>

typedef struct srcbuf {
    char *p;
    size_t cap;
} srcbuf;

typedef struct srcfile_info {
    uint64_t size;       /* bytes read */
    int64_t mtime_ns;
    int err;             /* errno of a failure */
} srcfile_info;

/* Read `path` into buf (grown as needed).  Returns 0 and *len, or -1 with
 * info->err (ENOENT for a vanished file or a dangling symlink, EACCES, EISDIR,
 * EFBIG for files of 4 GiB or more, ENOMEM...).  Never blocks on a FIFO. */
int srcfile_read(const char *path, srcbuf *buf, size_t *len, srcfile_info *info);
void srcbuf_free(srcbuf *buf);

#endif
