/* fs.h — the mod installer's filesystem operations, confined by construction to a directory
 * it holds open (.powerpipe): every path is relative to a directory descriptor and resolved
 * without following a symbolic link (openat2 RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS where the
 * kernel has it, else one O_NOFOLLOW | O_DIRECTORY openat per component), so no name, however it
 * was spelt and whatever a cloned repository holds, reaches a file outside.  Removal walks by
 * descriptor too (unlinkat), never through a link and never onto another filesystem.
 *
 * A relative path here is components joined by '/', none empty, `.` or `..` (those are refused
 * with EINVAL before the kernel is asked).  Each returns -1 with errno on failure.  Output-free. */
#ifndef LP_MOD_FS_H
#define LP_MOD_FS_H

#include <dirent.h>
#include <stddef.h>

/* The directory rel beneath base ("" is base itself), opened O_DIRECTORY | O_CLOEXEC: its fd. */
int mfs_open_dir(int base, const char *rel);
/* The same, creating what is missing (0755). */
int mfs_make_dirs(int base, const char *rel);
/* What rel beneath base is, not following links: S_IFDIR, S_IFREG, S_IFLNK...; 0 when absent. */
unsigned mfs_kind(int base, const char *rel);
/* The regular file rel beneath base, read whole without following a link (a link, a fifo or a
 * device is refused): *text malloc'd and NUL-terminated, *len its bytes.  0, or -1 with errno. */
int mfs_read(int base, const char *rel, char **text, size_t *len);
/* The same of the file open on fd (closed here; -1: errno says why it could not be opened). */
int mfs_read_fd(int fd, char **text, size_t *len);
/* Directory fd's entries from the first, read through a duplicate of fd (fd stays the caller's):
 * closedir it.  NULL with errno. */
DIR *mfs_list(int fd);
/* Entry name of directory dirfd removed, with everything below it; 0 when it was absent. */
int mfs_remove(int dirfd, const char *name);
/* Move from_rel beneath `from` to to_rel beneath `to` (creating its parents there) in one renameat,
 * replacing what is already there (removed first). */
int mfs_move(int from, const char *from_rel, int to, const char *to_rel);

/* Which relative paths mfs_link_tree leaves out: 1 to skip rel. */
typedef int (*mfs_skip_fn)(const char *rel, void *ctx);
/* Directory src's tree recreated in the empty directory dst: directories made, regular files hard
 * linked, symbolic links made again (never followed), what skip names left out, and a directory
 * left empty by leaving something out not made. */
int mfs_link_tree(int src, int dst, mfs_skip_fn skip, void *ctx);

/* Entries a and b of dirfd swapped in one rename (renameat2 RENAME_EXCHANGE): a reader sees one or
 * the other, never neither.  Where the filesystem cannot (EINVAL), errno says so and nothing
 * moved. */
int mfs_exchange(int dirfd, const char *a, const char *b);

#endif
