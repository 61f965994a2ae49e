/* fs.c — descriptor-relative filesystem operations for the mod installer (fs.h). */
#include "mods/fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

enum { MAX_DEPTH = 400 }; /* a deeper tree is refused rather than exhausting descriptors */

static int dir_flags(void)
{
    return O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
}

/* every component non-empty, not `.` or `..`, and rel not absolute */
static int rel_ok(const char *rel)
{
    if (!rel || strlen(rel) >= PATH_MAX) return 0;
    if (!*rel) return 1;
    for (const char *s = rel;;) {
        size_t n = strcspn(s, "/");
        if (n == 0 || (n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' && s[1] == '.')) return 0;
        s += n;
        if (!*s) return 1;
        s++;
    }
}

static int open_by_components(int base, const char *rel, int create)
{
    int fd = fcntl(base, F_DUPFD_CLOEXEC, 0);
    char comp[NAME_MAX + 1];
    for (const char *s = rel; fd >= 0 && *s;) {
        size_t n = strcspn(s, "/");
        if (n > NAME_MAX) {
            close(fd);
            errno = ENAMETOOLONG;
            return -1;
        }
        memcpy(comp, s, n);
        comp[n] = '\0';
        s += n + (s[n] == '/');
        if (create && mkdirat(fd, comp, 0755) != 0 && errno != EEXIST) {
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        int next = openat(fd, comp, dir_flags());
        int e = errno;
        close(fd);
        errno = e;
        fd = next;
    }
    return fd;
}

int mfs_open_dir(int base, const char *rel)
{
    if (!rel_ok(rel)) {
        errno = EINVAL;
        return -1;
    }
    if (!*rel) return fcntl(base, F_DUPFD_CLOEXEC, 0);
    struct open_how how = { .flags = (unsigned long long)dir_flags(),
                            .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS };
    long fd = syscall(SYS_openat2, base, rel, &how, sizeof how);
    if (fd >= 0 || (errno != ENOSYS && errno != EPERM)) return (int)fd;
    return open_by_components(base, rel, 0); /* a kernel before 5.6, or a seccomp filter */
}

int mfs_make_dirs(int base, const char *rel)
{
    if (!rel_ok(rel)) {
        errno = EINVAL;
        return -1;
    }
    return open_by_components(base, rel, 1);
}

/* rel split at its last '/': the parent directory opened beneath base, the last name into *name */
static int open_parent(int base, const char *rel, int create, const char **name)
{
    if (!rel_ok(rel) || !*rel) {
        errno = EINVAL;
        return -1;
    }
    const char *slash = strrchr(rel, '/');
    *name = slash ? slash + 1 : rel;
    char parent[PATH_MAX];
    snprintf(parent, sizeof parent, "%.*s", slash ? (int)(slash - rel) : 0, rel);
    return create ? mfs_make_dirs(base, parent) : mfs_open_dir(base, parent);
}

unsigned mfs_kind(int base, const char *rel)
{
    const char *name;
    int dir = open_parent(base, rel, 0, &name);
    if (dir < 0) return 0;
    struct stat st;
    unsigned kind = fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? (unsigned)(st.st_mode & S_IFMT) : 0;
    close(dir);
    return kind;
}

int mfs_read_fd(int fd, char **text, size_t *len)
{
    struct stat st;
    if (fd < 0) return -1;
    int bad = fstat(fd, &st) != 0 ? errno : S_ISREG(st.st_mode) ? 0 : EINVAL; /* a fifo, a device: no */
    if (bad) {
        close(fd);
        errno = bad;
        return -1;
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = malloc(cap);
    ssize_t r = 1;
    while (buf && r > 0) {
        if (n + 1 == cap) {
            char *more = realloc(buf, cap * 2);
            if (!more) break;
            buf = more;
            cap *= 2;
        }
        r = read(fd, buf + n, cap - n - 1);
        if (r > 0) n += (size_t)r;
        else if (r < 0 && errno == EINTR) r = 1;
    }
    int e = buf ? errno : ENOMEM;
    close(fd);
    if (r != 0) {
        free(buf);
        errno = e;
        return -1;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

int mfs_read(int base, const char *rel, char **text, size_t *len)
{
    const char *name;
    int dir = open_parent(base, rel, 0, &name);
    if (dir < 0) return -1;
    int fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    int e = errno;
    close(dir);
    errno = e;
    return mfs_read_fd(fd, text, len);
}

DIR *mfs_list(int fd)
{
    int dup = fd >= 0 ? fcntl(fd, F_DUPFD_CLOEXEC, 0) : -1;
    DIR *d = dup >= 0 ? fdopendir(dup) : NULL;
    if (!d) {
        int e = errno;
        if (dup >= 0) close(dup);
        errno = e;
        return NULL;
    }
    rewinddir(d);   /* (a duplicate shares the offset an earlier listing left at the end) */
    return d;
}

static int remove_at(int parent, const char *name, dev_t dev, int depth)
{
    struct stat st;
    if (fstatat(parent, name, &st, AT_SYMLINK_NOFOLLOW) != 0) return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode)) return unlinkat(parent, name, 0) != 0 && errno != ENOENT ? -1 : 0;
    if (st.st_dev != dev || depth > MAX_DEPTH) {
        errno = st.st_dev != dev ? EXDEV : ELOOP; /* a mount point, or a tree too deep */
        return -1;
    }
    int fd = openat(parent, name, dir_flags());
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0) close(fd);
        return -1;
    }
    int rc = 0;
    for (int removed = 1; removed && !rc;) {
        removed = 0;
        struct dirent *e;
        while (!rc && (e = readdir(d)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
                rc = remove_at(dirfd(d), e->d_name, dev, depth + 1);
                removed = 1;
            }
        if (removed) rewinddir(d);
    }
    int e = errno;
    closedir(d);
    errno = e;
    if (rc) return -1;
    return unlinkat(parent, name, AT_REMOVEDIR) != 0 && errno != ENOENT ? -1 : 0;
}

int mfs_remove(int dirfd, const char *name)
{
    struct stat st;
    if (!rel_ok(name) || !*name || strchr(name, '/')) {
        errno = EINVAL;
        return -1;
    }
    if (fstat(dirfd, &st) != 0) return -1;
    return remove_at(dirfd, name, st.st_dev, 0);
}

int mfs_move(int from, const char *from_rel, int to, const char *to_rel)
{
    const char *src_name, *dst_name;
    int src = open_parent(from, from_rel, 0, &src_name);
    if (src < 0) return -1;
    int dst = open_parent(to, to_rel, 1, &dst_name);
    int rc =
        dst < 0 || mfs_remove(dst, dst_name) != 0 || renameat(src, src_name, dst, dst_name) != 0 ? -1 : 0;
    int e = errno;
    close(src);
    if (dst >= 0) close(dst);
    errno = e;
    return rc;
}

static int link_tree(int src, int dst, char *rel, size_t rl, mfs_skip_fn skip, void *ctx, int depth,
                     size_t *made, int *skipped)
{
    if (depth > MAX_DEPTH) {
        errno = ELOOP;
        return -1;
    }
    int fd = fcntl(src, F_DUPFD_CLOEXEC, 0);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0) close(fd);
        return -1;
    }
    int rc = 0;
    struct dirent *e;
    while (!rc && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        size_t nl = strlen(e->d_name);
        if (rl + nl + 2 > PATH_MAX) {
            errno = ENAMETOOLONG;
            rc = -1;
            break;
        }
        size_t at = rl ? rl + 1 : 0;
        if (rl) rel[rl] = '/';
        memcpy(rel + at, e->d_name, nl + 1);
        struct stat st;
        if (skip && skip(rel, ctx)) {
            *skipped = 1;
        } else if (fstatat(src, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            rc = -1;
        } else if (S_ISDIR(st.st_mode)) {
            size_t inner = 0;
            int inner_skipped = 0;
            int s = openat(src, e->d_name, dir_flags());
            int t = s >= 0 && mkdirat(dst, e->d_name, st.st_mode & 07777) == 0
                        ? openat(dst, e->d_name, dir_flags())
                        : -1;
            rc = t < 0 ? -1 : link_tree(s, t, rel, at + nl, skip, ctx, depth + 1, &inner, &inner_skipped);
            if (s >= 0) close(s);
            if (t >= 0) close(t);
            if (!rc && !inner && inner_skipped) {
                rc = unlinkat(dst, e->d_name, AT_REMOVEDIR);
                *skipped = 1;
            } else if (!rc) {
                (*made)++;
            }
        } else if (S_ISREG(st.st_mode)) {
            rc = linkat(src, e->d_name, dst, e->d_name, 0);
            (*made)++;
        } else if (S_ISLNK(st.st_mode)) {
            char target[PATH_MAX];
            ssize_t n = readlinkat(src, e->d_name, target, sizeof target - 1);
            if (n < 0) rc = -1;
            else {
                target[n] = '\0';
                rc = symlinkat(target, dst, e->d_name);
                (*made)++;
            }
        }
        rel[rl] = '\0';
    }
    int err = errno;
    closedir(d);
    errno = err;
    return rc ? -1 : 0;
}

int mfs_link_tree(int src, int dst, mfs_skip_fn skip, void *ctx)
{
    char rel[PATH_MAX] = "";
    size_t made = 0;
    int skipped = 0;
    return link_tree(src, dst, rel, 0, skip, ctx, 0, &made, &skipped);
}

int mfs_exchange(int dirfd, const char *a, const char *b)
{
    return syscall(SYS_renameat2, dirfd, a, dirfd, b, RENAME_EXCHANGE) == 0 ? 0 : -1;
}
