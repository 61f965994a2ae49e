/* atomic_file.c — lp_atomic_file_*: a temporary file beside the target, renamed over it
 * (lazypipe.h says why). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/err.h"
#include "base/mem.h"
#include "lazypipe.h"

#define TMP_TAG ".lazypipe-tmp-"

struct lp_atomic_file {
    char *target;     /* the path renamed over (a link's target resolved) */
    char *tmp;        /* the temporary file; NULL when writing a non-regular file directly */
    size_t target_size, tmp_size;
    int fd;
    FILE *stream;     /* lp_atomic_file_stream's, over fd */
    unsigned flags;
    int failed_errno; /* a write failed (its errno): commit refuses */
};

static char *dup_str(const char *s, size_t *size)
{
    *size = strlen(s) + 1;
    char *p = mem_malloc(*size);
    if (p) memcpy(p, s, *size);
    return p;
}

/* Close, remove the temporary file if still there, free; errno kept */
static void release(lp_atomic_file *f)
{
    if (!f) return;
    int saved = errno;
    if (f->stream) fclose(f->stream);
    else if (f->fd >= 0) close(f->fd);
    if (f->tmp) unlink(f->tmp);
    mem_free(f->tmp, f->tmp_size);
    mem_free(f->target, f->target_size);
    mem_free(f, sizeof *f);
    errno = saved;
}

static int fail(lp_atomic_file *f, lp_error *err, const char *path, const char *what)
{
    int saved = errno, code = saved == ENOMEM ? LP_ERR_NOMEM : LP_ERR_IO;
    err_set(err, code, "%s: %s: %s", path, what, strerror(saved));
    release(f);
    errno = saved;
    return code;
}

static uint32_t random_u32(void)
{
    uint32_t r;
    if (getrandom(&r, sizeof r, GRND_NONBLOCK) == (ssize_t)sizeof r) return r;
    static _Atomic uint32_t counter;   /* no entropy yet (early boot): still distinct in this process */
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint32_t)ts.tv_nsec ^ (uint32_t)ts.tv_sec * 2654435761u ^ ++counter * 40503u;
}

/* Create the temporary file beside f->target: ".NAME" TMP_TAG "PID-RANDOM", NAME cut so the
 * whole is a valid file name (NAME_MAX).  0, or -1 with errno. */
static int make_tmp(lp_atomic_file *f, mode_t mode)
{
    const char *slash = strrchr(f->target, '/');
    size_t dir_len = slash ? (size_t)(slash - f->target) + 1 : 0;
    const char *name = f->target + dir_len;
    size_t name_len = strlen(name), room = NAME_MAX - 1 - strlen(TMP_TAG) - 20 - 1 - 8;
    if (name_len > room) name_len = room;
    f->tmp_size = dir_len + 1 + name_len + strlen(TMP_TAG) + 20 + 1 + 8 + 1;
    if (!(f->tmp = mem_malloc(f->tmp_size))) return -1;
    for (int attempt = 0; attempt < 64; attempt++) {
        snprintf(f->tmp, f->tmp_size, "%.*s.%.*s" TMP_TAG "%ld-%08x", (int)dir_len, f->target, (int)name_len,
                 name, (long)getpid(), random_u32());
        /* readable too: a writer may read back what it wrote (the index image hashes its values'
         * heap from the file, persist.c) */
        f->fd = open(f->tmp, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        if (f->fd >= 0 || errno != EEXIST) break;
    }
    if (f->fd >= 0) return 0;
    mem_free(f->tmp, f->tmp_size);
    f->tmp = NULL;
    return -1;
}

/* The temporary files of f->target that a process no longer running left (a kill -9, a crash):
 * ".NAME" TMP_TAG "PID-RANDOM" beside it, NAME cut as make_tmp cuts it, PID dead (kill(PID, 0):
 * ESRCH), a regular file of ours; each removed by name relative to the directory's descriptor.  A
 * live process's (another writer of the same file, or a PID reused since) is left alone, and so is
 * every other name.  Best effort: a failure changes nothing else. */
static void remove_stale_tmps(const lp_atomic_file *f)
{
    const char *slash = strrchr(f->target, '/');
    size_t dir_len = slash ? (size_t)(slash - f->target) + 1 : 0;
    const char *name = f->target + dir_len;
    size_t name_len = strlen(name), room = NAME_MAX - 1 - strlen(TMP_TAG) - 20 - 1 - 8;
    if (name_len > room) name_len = room;
    char dir[PATH_MAX], prefix[NAME_MAX + 1];
    if (dir_len >= sizeof dir) return;
    snprintf(dir, sizeof dir, "%.*s", dir_len ? (int)dir_len : 1, dir_len ? f->target : ".");
    int n = snprintf(prefix, sizeof prefix, ".%.*s" TMP_TAG, (int)name_len, name);
    if (n < 0 || (size_t)n >= sizeof prefix) return;
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
    if (!d) {
        if (dfd >= 0) close(dfd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, prefix, (size_t)n) != 0) continue;
        char *end;
        long pid = strtol(e->d_name + n, &end, 10);
        struct stat st;
        if (pid <= 0 || pid > INT_MAX || *end != '-' || strlen(end + 1) != 8 || pid == (long)getpid() ||
            kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
            st.st_uid == geteuid())
            unlinkat(dirfd(d), e->d_name, 0);
    }
    closedir(d);
}

int lp_atomic_file_open(const char *path, unsigned flags, lp_atomic_file **out, lp_error *err)
{
    if (!out) return err_set(err, LP_ERR_ARG, "no place for the file");
    *out = NULL;
    if (!path || !*path) return err_set(err, LP_ERR_ARG, "no file name");
    lp_atomic_file *f = mem_calloc(1, sizeof *f);
    if (!f) return err_set(err, LP_ERR_NOMEM, "out of memory");
    f->fd = -1;
    f->flags = flags;
    struct stat st, lst;
    int exists = stat(path, &st) == 0;
    if (!exists && errno != ENOENT) return fail(f, err, path, "cannot write");
    if (exists && !S_ISREG(st.st_mode)) {
        /* a device, FIFO or terminal: nothing to rename over; written as it always was */
        if (!(f->target = dup_str(path, &f->target_size))) return fail(f, err, path, "cannot write");
        if ((f->fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY)) < 0)
            return fail(f, err, path, "cannot write");
        *out = f;
        return LP_OK;
    }
    /* a private file (a cache's) is this process's and 0600 whatever the old one was: one of another
     * user (written under sudo, say) or one others may write is replaced, not kept so (kept so, it was
     * never trusted again: every later command rebuilt the index and wrote the image anew) */
    int keep = exists && !(flags & LP_ATOMIC_PRIVATE);
    /* a file its owner made read-only stays so, as opening it for writing would refuse */
    if (keep && faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0) return fail(f, err, path, "cannot write");
    char *resolved = NULL;
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        /* replace the file the link names, as writing through the link did, not the link */
        if (!exists) {
            errno = ENOENT;
            return fail(f, err, path, "cannot write through a dangling link");
        }
        if (!(resolved = realpath(path, NULL))) return fail(f, err, path, "cannot write");
    }
    f->target = dup_str(resolved ? resolved : path, &f->target_size);
    free(resolved);   /* realpath's, from malloc */
    if (!f->target) return fail(f, err, path, "cannot write");
    remove_stale_tmps(f);
    errno = 0;
    if (make_tmp(f, exists || flags & LP_ATOMIC_PRIVATE ? 0600 : 0644) != 0)
        return fail(f, err, path, "cannot create a temporary file");
    if (keep) {
        /* the old file's owner may be refused (not ours to give); its mode is kept even then */
        if (fchown(f->fd, st.st_uid, st.st_gid) != 0) errno = 0;
        if (fchmod(f->fd, st.st_mode & 07777) != 0) return fail(f, err, path, "cannot set the mode");
    }
    *out = f;
    return LP_OK;
}

static int mark_failed(lp_atomic_file *f, lp_error *err)
{
    int saved = errno ? errno : EIO;
    if (!f->failed_errno) {
        f->failed_errno = saved;
        err_set(err, LP_ERR_IO, "%s: cannot write: %s", f->target, strerror(saved));
    }
    errno = saved;
    return LP_ERR_IO;
}

int lp_atomic_file_write(lp_atomic_file *f, const void *data, size_t len, lp_error *err)
{
    if (f->failed_errno) {
        errno = f->failed_errno;
        return err_set(err, LP_ERR_IO, "%s: cannot write: %s", f->target, strerror(errno));
    }
    if (f->stream) return fwrite(data, 1, len, f->stream) == len ? LP_OK : mark_failed(f, err);
    const char *p = data;
    while (len) {
        ssize_t k = write(f->fd, p, len);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) {
            if (k == 0) errno = EIO;
            return mark_failed(f, err);
        }
        p += k;
        len -= (size_t)k;
    }
    return LP_OK;
}

FILE *lp_atomic_file_stream(lp_atomic_file *f)
{
    if (!f->stream) f->stream = fdopen(f->fd, "wb");
    return f->stream;
}

int lp_atomic_file_fd(const lp_atomic_file *f) { return f->fd; }

/* The rename is done and visible: a directory that cannot be synced (some file systems refuse)
 * costs only durability across a power cut, not the file. */
static void sync_dir(const char *target)
{
    const char *slash = strrchr(target, '/');
    char dir[PATH_MAX];
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if ((size_t)(slash - target) >= sizeof dir) return;
    else snprintf(dir, sizeof dir, "%.*s", slash == target ? 1 : (int)(slash - target), target);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    if (fsync(fd) != 0) errno = 0;
    close(fd);
}

/* tmp and target swapped in one step (0), when target exists and the file system can.  A file not
 * synced replaces another this way: ext4 (auto_da_alloc) writes out a file renamed over another at
 * the rename, for the sake of programs that skip fsync (an index image of 11 MB: 0.9 ms of its
 * writer's CPU, a sixteenth); an exchange is not a replacement, and an image is checked whole
 * before use, so one a crash left unwritten is a rebuild. */
static int exchange(const char *tmp, const char *target)
{
#ifdef RENAME_EXCHANGE
    return renameat2(AT_FDCWD, tmp, AT_FDCWD, target, RENAME_EXCHANGE);
#else
    (void)tmp;
    (void)target;
    errno = ENOSYS;
    return -1;
#endif
}

int lp_atomic_file_commit(lp_atomic_file *f, lp_error *err)
{
    if (!f) return err_set(err, LP_ERR_ARG, "no file");
    const char *path = f->target;
    /* a stream that failed may have dropped its buffer: its error flag says so, fflush may not */
    if (f->stream && (fflush(f->stream) != 0 || ferror(f->stream))) mark_failed(f, NULL);
    if (f->failed_errno) {
        errno = f->failed_errno;
        return fail(f, err, path, "cannot write");
    }
    int sync = !(f->flags & LP_ATOMIC_NO_SYNC);
    if (sync && f->tmp && fsync(f->fd) != 0) return fail(f, err, path, "cannot sync");
    int closed = f->stream ? fclose(f->stream) : close(f->fd);
    f->stream = NULL;
    f->fd = -1;
    if (closed != 0) return fail(f, err, path, "cannot write");
    if (f->tmp) {
        if (!sync && exchange(f->tmp, f->target) == 0) {
            (void)unlink(f->tmp);   /* the old file, under the temporary name now */
        } else if (rename(f->tmp, f->target) != 0) {
            return fail(f, err, path, "cannot replace");
        }
        mem_free(f->tmp, f->tmp_size);
        f->tmp = NULL;   /* the target now: not to be removed */
        if (sync) sync_dir(f->target);
    }
    release(f);
    return LP_OK;
}

void lp_atomic_file_abort(lp_atomic_file *f) { release(f); }

int lp_atomic_file_put(const char *path, const void *data, size_t len, unsigned flags, lp_error *err)
{
    lp_atomic_file *f;
    int rc = lp_atomic_file_open(path, flags, &f, err);
    if (rc != LP_OK) return rc;
    if ((rc = lp_atomic_file_write(f, data, len, err)) != LP_OK) {
        lp_atomic_file_abort(f);
        return rc;
    }
    return lp_atomic_file_commit(f, err);
}
