/* statfloor.c — the floor of a whole `lazypipe ... list` process that reopens an
 * unchanged workspace from its image: a process that only stat()s the same
 * inputs, then exits.  Built as the CLI is (dynamically linked libc, nothing
 * else), so exec, the loader and libc's start-up are in both.
 *
 *   statfloor LIST      LIST: the input paths, each ended by a NUL byte
 *                       (`lpbench inputs --dir MOD`); exit status 0
 *
 * It reads LIST whole with one read (the CLI reads its image by mmap), stats
 * every path (a missing input is as cheap to stat as the library finds it) by its
 * name in its directory, held open while the next paths are in it (as the library
 * checks an image's inputs: inp_check_in) and prints nothing.
 *
 *   statfloor --read LIST   the floor of a first open: every input read whole as well */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char list[1 << 20];
static char buf[1 << 20];

/* p read to its end (as the library maps or reads each input): 0, or 1 when it cannot be */
static unsigned long read_whole(const char *p)
{
    int fd = open(p, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 1;
    ssize_t k;
    while ((k = read(fd, buf, sizeof buf)) > 0) continue;
    close(fd);
    return k < 0;
}   /* 1 MiB of paths: aws_compliance's 1,163 take 110 KB */

int main(int argc, char **argv)
{
    int read_too = argc == 3 && strcmp(argv[1], "--read") == 0;
    if (argc != 2 + read_too) {
        fprintf(stderr, "usage: statfloor [--read] LIST\n");
        return 2;
    }
    const char *lst = argv[1 + read_too];
    int fd = open(lst, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        perror(lst);
        return 1;
    }
    ssize_t n = read(fd, list, sizeof list);
    close(fd);
    if (n < 0 || (size_t)n >= sizeof list) {
        fprintf(stderr, "statfloor: %s: unreadable or over 1 MiB\n", lst);
        return 1;
    }
    unsigned long missing = 0;
    char dir[4096] = "";
    size_t dlen = 0;
    int dfd = -1;
    for (ssize_t i = 0; i < n;) {
        struct stat st;
        const char *p = list + i, *slash = strrchr(p, '/');
        while (i < n && list[i]) i++;
        i++;
        size_t len = slash ? (size_t)(slash - p) : 0;
        if (len && len < sizeof dir && (len != dlen || memcmp(dir, p, len) != 0)) {
            if (dfd >= 0) close(dfd);
            memcpy(dir, p, len);
            dir[dlen = len] = 0;
            dfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
        }
        int held = len && len < sizeof dir && dfd >= 0 && slash[1];
        int rc = held ? fstatat(dfd, slash + 1, &st, 0) : stat(p, &st);
        if (rc != 0) missing++;
        else if (read_too && S_ISREG(st.st_mode)) missing += read_whole(p);
    }
    if (dfd >= 0) close(dfd);
    return missing > (unsigned long)n ? 1 : 0;   /* never: keeps the stats from being optimised out */
}
