/* srcfile.h — reading a source file into a reused buffer.
 *
 * Why read() and not mmap: a mapping of a file that is truncated while we
 * look at it (an editor saving, `mod install` replacing a dependency) raises
 * SIGBUS on the next access past the new end.  A library cannot own the
 * process's SIGBUS handler (the application may have its own, and signal
 * handlers are process-wide), so the only way to make a mapping safe would
 * be to copy it anyway.  read() into a buffer that is reused file after file
 * (lp_open: one per result slot in flight, workspace.c) has no such failure
 * mode: a file that shrinks gives fewer bytes, a file that grows meanwhile is
 * read up to the size fstat gave (the size and mtime the index records with
 * it; a later change is the watcher's), which also saves the read() that
 * would only find the end.  The buffer grows geometrically to the largest
 * file, so a build costs O(log(largest file)) allocations per buffer.
 *
 * Measured on ../shared/corpus/aws_compliance (550 files, 3.48 MB, page
 * cache warm), one thread, each pass over every file: open + fstat + read
 * into one reused buffer + a memchr pass, against open + fstat + mmap + the
 * same memchr pass + munmap (a throwaway program):
 *   read():  median 2.0 ms (1.8-2.8) over 9 runs, load average ~2.5
 *   mmap():  median 4.6 ms (4.2-6.7) in the same runs
 *   (under load average ~6: read 11.0 ms, mmap 18.2 ms, medians of 11)
 * Mapping costs more than copying at these sizes (median file 6 KB: page
 * tables, faults and TLB shootdown on munmap outweigh a memcpy), and read()
 * is the safe choice anyway, so it is the only path.
 */
#ifndef LP_SRCFILE_H
#define LP_SRCFILE_H

#include <stddef.h>
#include <stdint.h>

typedef struct srcbuf {
    char *p;
    size_t cap;
} srcbuf;

/* What one read (or stat) of an input saw: enough to tell later, by a
 * stat, whether it may have changed, and by the content hash whether it did
 * (inputs.h). */
typedef struct srcfile_info {
    uint64_t size;       /* bytes read */
    int64_t mtime_ns;
    uint64_t dev, ino;
    uint64_t hash;       /* XXH3-64 of the bytes read (srcfile_hash) */
    int err;             /* errno of a failure */
    uint32_t ctime;      /* the ctime folded to 32 bits, never 0 (0: unknown): an in-place edit
                          * that restores the size and mtime still changes it (inputs.h) */
} srcfile_info;

/* Read `path` into buf (grown as needed).  Returns 0 and *len, or -1 with
 * info->err (ENOENT for a vanished file or a dangling symlink, EACCES, EISDIR,
 * EFBIG for files of 4 GiB or more, ENOMEM...).  Never blocks on a FIFO.
 * info->hash is the content hash of what was read: every input is read
 * here, so every input has one.  Hashed while the bytes are in cache:
 * aws_compliance's 3.3 MB in 550 pieces take 0.16 ms (XXH3 SSE2, best of 50
 * in a standalone loop; AVX2 where the CPU has it: xxh3.h), about 3% of a
 * one-thread index build. */
int srcfile_read(const char *path, srcbuf *buf, size_t *len, srcfile_info *info);
void srcbuf_free(srcbuf *buf);
/* Room for need bytes in b, its contents not kept (a new buffer, not a realloc's copy): the
 * capacity doubled from b's, or from first when b has none.  0, or -1 (b as it was). */
int srcbuf_reserve(srcbuf *b, size_t need, size_t first);

/* stat(path) into info (size, mtime, dev, ino; hash 0).  0, or -1 with
 * info->err.  *is_dir (may be NULL) tells a directory from a file. */
int srcfile_stat(const char *path, srcfile_info *info, int *is_dir);

/* size, mtime, dev and ino of *st into info (the rest untouched). */
struct stat;
void srcfile_from_stat(srcfile_info *info, const struct stat *st);

/* n bytes of the open file fd at off into p (pread, again after a short read or EINTR): 0, or -1
 * (an error, or the file ended first: cut since its size was known). */
int srcfile_pread_full(int fd, void *p, size_t n, uint64_t off);

/* The content hash of path as srcfile_read would record it, streamed
 * through a buffer on the stack (no allocation: lp_input_check runs on any
 * thread, as often as a watcher likes).  0, or -1 with info->err. */
int srcfile_hash_file(const char *path, srcfile_info *info);
/* srcfile_hash_file, and the bytes [lo, hi) of that same pass copied into win (*win_len of them: fewer
 * when the file ends before hi): a part of the file consistent with the hash, whatever writes it
 * meanwhile.  win NULL: none. */
int srcfile_hash_window(const char *path, srcfile_info *info, uint64_t lo, uint64_t hi, srcbuf *win,
                        size_t *win_len);

/* The content hash srcfile_read records. */
uint64_t srcfile_hash(const void *p, size_t n);

/* For file() (the evaluation scopes of resolution and loading): path[0..len)
 * under root ("root/path"; an absolute path as it is) in a, or NULL when
 * memory runs out. */
struct ar_arena;
char *srcfile_join(struct ar_arena *a, const char *root, const char *path, size_t len);
/* A dependency mod reads nothing outside its own folder.  path[0, len) opened as openat(2) would with
 * flags, beneath root: a relative path, or an absolute one under root; one holding `..`, or leading
 * out through a symbolic link, is refused with EXDEV (relative links that stay inside root are
 * followed; an absolute link is refused, as openat2's RESOLVE_BENEATH takes every one for leaving).
 * The descriptor, or -1 with errno. */
int srcfile_open_beneath(const char *root, const char *path, size_t len, int flags);
/* srcfile_read and srcfile_stat of path[0, len) opened so (info->err EXDEV: refused).  The stat
 * fails (EINVAL) for what is neither a regular file nor a directory. */
int srcfile_read_beneath(const char *root, const char *path, size_t len, srcbuf *buf, size_t *got,
                         srcfile_info *info);
int srcfile_stat_beneath(const char *root, const char *path, size_t len, srcfile_info *info, int *is_dir);
/* The outcome of srcfile_read(full, buf, got, info) as file() gives it:
 * rc 0, the bytes copied into a (*data, *n); else Powerpipe's "open <path>:
 * <reason>" in *err (or "out of memory").  Returns 0 or -1. */
int srcfile_give(int rc, const char *full, const srcbuf *buf, size_t got, const srcfile_info *info,
                 struct ar_arena *a, const char **data, size_t *n, const char **err);

#endif
