/* cachebytes.c — see cachebytes.h. */
#include "cachebytes.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* FNV-1a of fd's bytes from its start */
static uint64_t sum_of(int fd)
{
    uint64_t h = 0xcbf29ce484222325ull;
    char buf[65536];
    ssize_t got;
    for (off_t at = 0; (got = pread(fd, buf, sizeof buf, at)) > 0; at += got)
        for (ssize_t i = 0; i < got; i++) h = (h ^ (unsigned char)buf[i]) * 0x100000001b3ull;
    return h;
}

void cb_take(const char *dir, cb_state *out)
{
    memset(out, 0, sizeof *out);
    DIR *d = opendir(dir);
    if (!d) return;
    for (struct dirent *de; (de = readdir(d)) != NULL && out->n < CB_MAX_FILES;) {
        if (de->d_name[0] == '.' && (!de->d_name[1] || (de->d_name[1] == '.' && !de->d_name[2]))) continue;
        int fd = openat(dirfd(d), de->d_name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        struct stat st;
        if (fd < 0) continue;
        if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            close(fd);
            continue;
        }
        cb_file *f = &out->v[out->n++];
        snprintf(f->name, sizeof f->name, "%s", de->d_name);
        f->ino = (uint64_t)st.st_ino;
        f->size = (uint64_t)st.st_size;
        f->sum = sum_of(fd);
        f->fd = fd;
    }
    closedir(d);
}

uint64_t cb_written(const char *dir, const cb_state *before, uint64_t *image_bytes)
{
    cb_state now;
    cb_take(dir, &now);
    uint64_t written = 0;
    for (unsigned i = 0; i < now.n; i++) {
        const cb_file *f = &now.v[i];
        int same = 0;
        for (unsigned j = 0; j < before->n && !same; j++)
            same = before->v[j].ino == f->ino && before->v[j].size == f->size && before->v[j].sum == f->sum;
        if (!same) written += f->size;
    }
    cb_release(&now);
    if (image_bytes) {
        *image_bytes = 0;
        for (unsigned j = 0; j < before->n; j++)
            if (before->v[j].size > *image_bytes) *image_bytes = before->v[j].size;
    }
    return written;
}

void cb_release(cb_state *s)
{
    for (unsigned i = 0; i < s->n; i++)
        if (s->v[i].fd >= 0) close(s->v[i].fd);
    s->n = 0;
}
