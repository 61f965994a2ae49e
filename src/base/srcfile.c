/* srcfile.c — read a file into a reused buffer (see srcfile.h). */
#include "base/srcfile.h"
#include "base/arena.h"
#include "base/mem.h"
#include "base/xxh3.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#define MAX_SOURCE ((size_t)UINT32_MAX - 1)   /* offsets in the index are 32-bit */

int srcbuf_reserve(srcbuf *b, size_t need, size_t first)
{
    if (need <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : first;
    while (cap < need) cap *= 2;
    /* the old contents are not needed: free + malloc avoids realloc's copy */
    char *p = mem_malloc(cap);
    if (!p) return -1;
    mem_free(b->p, b->cap);
    b->p = p;
    b->cap = cap;
    return 0;
}

static int grow_keep(srcbuf *b, size_t need)
{
    size_t cap = b->cap * 2;
    while (cap < need) cap *= 2;
    char *p = mem_realloc(b->p, b->cap, cap);
    if (!p) return -1;
    b->p = p;
    b->cap = cap;
    return 0;
}

uint64_t srcfile_hash(const void *p, size_t n) { return xxh3_64(p, n); }

void srcfile_from_stat(srcfile_info *info, const struct stat *st)
{
    info->size = st->st_size > 0 ? (uint64_t)st->st_size : 0;
    info->mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec;
    info->dev = (uint64_t)st->st_dev;
    info->ino = (uint64_t)st->st_ino;
    uint64_t ct = (uint64_t)st->st_ctim.tv_sec * 1000000000u + (uint64_t)st->st_ctim.tv_nsec;
    info->ctime = (uint32_t)(ct ^ (ct >> 32)) | 1u;
}

int srcfile_stat(const char *path, srcfile_info *info, int *is_dir)
{
    memset(info, 0, sizeof *info);
    struct stat st;
    if (stat(path, &st) != 0) {
        info->err = errno;
        return -1;
    }
    srcfile_from_stat(info, &st);
    if (is_dir) *is_dir = S_ISDIR(st.st_mode);
    return 0;
}

/* path opened for reading, a regular file, its stat in info: the descriptor, or -1 with info->err
 * (EISDIR or EINVAL when it is not a regular file). */
static int regular_fd(int fd, srcfile_info *info);

static int open_regular(const char *path, srcfile_info *info)
{
    return regular_fd(open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY), info);
}

/* fd (or -1 with errno) kept when it is a regular file, its stat in info; else closed, info->err set */
static int regular_fd(int fd, srcfile_info *info)
{
    if (fd < 0) {
        info->err = errno;
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        info->err = errno;
    } else if (!S_ISREG(st.st_mode)) {
        info->err = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
    } else {
        srcfile_from_stat(info, &st);
        return fd;
    }
    close(fd);
    return -1;
}

static int read_fd(int fd, srcbuf *buf, size_t *len, srcfile_info *info);

int srcfile_read(const char *path, srcbuf *buf, size_t *len, srcfile_info *info)
{
    memset(info, 0, sizeof *info);
    *len = 0;
    return read_fd(open_regular(path, info), buf, len, info);
}

int srcfile_read_beneath(const char *root, const char *path, size_t len, srcbuf *buf, size_t *got,
                         srcfile_info *info)
{
    memset(info, 0, sizeof *info);
    *got = 0;
    int fd = srcfile_open_beneath(root, path, len, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    return read_fd(regular_fd(fd, info), buf, got, info);
}

int srcfile_stat_beneath(const char *root, const char *path, size_t len, srcfile_info *info, int *is_dir)
{
    memset(info, 0, sizeof *info);
    int fd = srcfile_open_beneath(root, path, len, O_PATH | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        info->err = errno;
        if (fd >= 0) close(fd);
        return -1;
    }
    close(fd);
    srcfile_from_stat(info, &st);
    if (is_dir) *is_dir = S_ISDIR(st.st_mode);
    return S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) ? 0 : (info->err = EINVAL, -1);
}

/* The whole of fd (a regular file, its stat in info; -1: info->err says why) into buf; fd closed. */
static int read_fd(int fd, srcbuf *buf, size_t *len, srcfile_info *info)
{
    if (fd < 0) return -1;
    size_t got = 0;
    size_t want = (size_t)info->size;
    if (want > MAX_SOURCE) goto too_big;
    /* +1: room to find the end of a file that reports size 0 (grow_keep doubles it) */
    if (srcbuf_reserve(buf, want + 1, 64 * 1024) != 0) goto no_memory;
    for (;;) {
        if (got == buf->cap) {
            if (got >= MAX_SOURCE) goto too_big;
            if (grow_keep(buf, got + 1) != 0) goto no_memory;
        }
        ssize_t n = read(fd, buf->p + got, buf->cap - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            goto fail_errno;
        }
        if (n == 0) break;
        got += (size_t)n;
        if (got > MAX_SOURCE) goto too_big;
        /* the size fstat gave: that is the file as indexed (size and mtime
         * come from the same fstat), so no read is spent to find its end;
         * a file that reports 0 (or shrank) is read until read says so */
        if (got == want && want > 0) break;
    }
    close(fd);
    *len = got;
    info->size = got;
    info->hash = srcfile_hash(buf->p, got);
    return 0;
fail_errno:
    info->err = errno;
    goto fail;
too_big:
    info->err = EFBIG;
    goto fail;
no_memory:
    info->err = ENOMEM;
fail:
    close(fd);
    return -1;
}

int srcfile_pread_full(int fd, void *p, size_t n, uint64_t off)
{
    char *c = p;
    while (n) {
        ssize_t k = pread(fd, c, n, (off_t)off);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        c += k;
        n -= (size_t)k;
        off += (uint64_t)k;
    }
    return 0;
}

int srcfile_hash_file(const char *path, srcfile_info *info)
{
    return srcfile_hash_window(path, info, 0, 0, NULL, NULL);
}

int srcfile_hash_window(const char *path, srcfile_info *info, uint64_t lo, uint64_t hi, srcbuf *win,
                        size_t *win_len)
{
    memset(info, 0, sizeof *info);
    if (win_len) *win_len = 0;
    if (win && hi > lo && srcbuf_reserve(win, (size_t)(hi - lo), 4096) != 0) {
        info->err = ENOMEM;
        return -1;
    }
    int fd = open_regular(path, info);
    if (fd < 0) return -1;
    XXH3_state_t hs;
    XXH3_64bits_reset(&hs);
    char buf[16384];
    uint64_t got = 0, want = info->size;
    /* as srcfile_read: up to the size fstat gave, or to the end when it gave 0 */
    while (want == 0 || got < want) {
        size_t ask = want && want - got < sizeof buf ? (size_t)(want - got) : sizeof buf;
        ssize_t n = read(fd, buf, ask);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            info->err = errno;
            close(fd);
            return -1;
        }
        if (n == 0) break;
        XXH3_64bits_update(&hs, buf, (size_t)n);
        uint64_t a = got > lo ? got : lo, b = got + (uint64_t)n < hi ? got + (uint64_t)n : hi;
        if (win && a < b) memcpy(win->p + (a - lo), buf + (a - got), (size_t)(b - a));
        got += (uint64_t)n;
    }
    close(fd);
    info->size = got;
    info->hash = XXH3_64bits_digest(&hs);
    if (win_len) *win_len = got <= lo ? 0 : (size_t)((got < hi ? got : hi) - lo);
    return 0;
}

void srcbuf_free(srcbuf *buf)
{
    mem_free(buf->p, buf->cap);
    buf->p = NULL;
    buf->cap = 0;
}

char *srcfile_join(ar_arena *a, const char *root, const char *path, size_t len)
{
    if (len && path[0] == '/') return ar_strndup(a, path, len);
    size_t rl = strlen(root);
    char *full = ar_alloc(a, rl + len + 2);
    if (!full) return NULL;
    memcpy(full, root, rl);
    full[rl] = '/';
    memcpy(full + rl + 1, path, len);
    full[rl + 1 + len] = 0;
    return full;
}

int srcfile_give(int rc, const char *full, const srcbuf *buf, size_t got, const srcfile_info *info,
                 ar_arena *a, const char **data, size_t *n, const char **err)
{
    if (rc != 0) {
        char *msg = ar_alloc(a, strlen(full) + 96);
        if (msg)
            snprintf(msg, strlen(full) + 96, "open %s: %s", full,
                     info->err == EXDEV ? "outside the dependency mod's folder, which is all it may read"
                                        : strerror(info->err));
        *err = msg ? msg : "cannot read file";
        return -1;
    }
    char *copy = ar_alloc(a, got ? got : 1);
    if (!copy) {
        *err = "out of memory";
        return -1;
    }
    memcpy(copy, buf->p, got);
    *data = copy;
    *n = got;
    return 0;
}

/* path[0, len) as a path relative to root, into rel: relative, or absolute and under root (compared as
 * written); no empty name, no `..` (a path that goes up is refused even when it would come back, which
 * keeps the rule one a reader can check by eye).  0, or -1 (EXDEV: it leaves root). */
static int rel_beneath(const char *root, const char *path, size_t len, char *rel, size_t cap)
{
    if (memchr(path, 0, len)) return errno = EINVAL, -1;
    if (len && path[0] == '/') {
        size_t rl = strlen(root);
        while (rl > 1 && root[rl - 1] == '/') rl--;
        if (len <= rl + 1 || memcmp(path, root, rl) != 0 || path[rl] != '/') return errno = EXDEV, -1;
        path += rl + 1;
        len -= rl + 1;
    }
    if (len >= cap) return errno = ENAMETOOLONG, -1;
    for (size_t i = 0; i < len;) {
        size_t n = 0;
        while (i + n < len && path[i + n] != '/') n++;
        if (n == 2 && path[i] == '.' && path[i + 1] == '.') return errno = EXDEV, -1;
        i += n + 1;
    }
    memcpy(rel, path, len);
    rel[len] = 0;
    return len ? 0 : (errno = ENOENT, -1);
}

int srcfile_open_beneath(const char *root, const char *path, size_t len, int flags)
{
    char rel[PATH_MAX];
    if (rel_beneath(root, path, len, rel, sizeof rel) != 0) return -1;
    int dir = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return -1;
    /* links inside root are followed, one leading out of it is refused (EXDEV) */
    struct open_how how = { .flags = (unsigned long long)flags,
                            .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS };
    long fd = syscall(SYS_openat2, dir, rel, &how, sizeof how);
    if (fd < 0 && (errno == ENOSYS || errno == EPERM)) {
        /* a kernel before 5.6, or a seccomp filter: name by name, no link followed at all */
        fd = fcntl(dir, F_DUPFD_CLOEXEC, 0);
        for (char *s = rel, *next; fd >= 0 && s; s = next) {
            next = strchr(s, '/');
            if (next) *next++ = 0;
            if (!*s || (s[0] == '.' && !s[1])) continue;
            int f = openat((int)fd, s,
                           next ? O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC : flags | O_NOFOLLOW);
            int e = errno;
            close((int)fd);
            errno = e == ELOOP ? EXDEV : e;
            fd = f;
        }
    }
    int e = errno;
    close(dir);
    errno = e;
    return (int)fd;
}
