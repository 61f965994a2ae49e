/* cachedir.c — the index cache directory's policy (cachedir.h) and the
 * public lp_index_cache_* calls. */
#include "image/cachedir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/mem.h"

#define CLEAN_MAGIC 0x6e61656c63706c31ull   /* "1lpclean" */
#define TMP_AGE_S 3600

enum { F_IMAGE, F_CLEAN, F_TMP };

typedef struct cfile {
    int64_t used_ns;     /* mtime */
    uint64_t bytes;      /* st_size */
    int kind;
    char name[256];
} cfile;

typedef struct clist {
    cfile *v;
    size_t n, cap;
} clist;

/* The files of ours in dir: images, records, temporaries (either's).  -1: dir unreadable. */
static int scan(const char *dir, clist *l)
{
    memset(l, 0, sizeof *l);
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        const char *n = de->d_name, *img = strstr(n, ".lpidx"), *cl = strstr(n, ".lpclean");
        if ((!img && !cl) || strlen(n) >= sizeof l->v->name) continue;
        int kind = img && strcmp(img, ".lpidx") == 0 ? F_IMAGE : cl && strcmp(cl, ".lpclean") == 0 ? F_CLEAN
                                                                                                   : F_TMP;
        char p[4400];
        snprintf(p, sizeof p, "%s/%s", dir, n);
        struct stat st;
        if (lstat(p, &st) != 0 || !S_ISREG(st.st_mode)) continue;
        if (l->n == l->cap) {
            size_t nc = l->cap ? 2 * l->cap : 64;
            cfile *nv = mem_realloc(l->v, l->cap * sizeof *nv, nc * sizeof *nv);
            if (!nv) break;
            l->v = nv;
            l->cap = nc;
        }
        cfile *f = &l->v[l->n++];
        f->used_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
        f->bytes = (uint64_t)st.st_size;
        f->kind = kind;
        snprintf(f->name, sizeof f->name, "%s", n);
    }
    closedir(d);
    return 0;
}

static void clist_free(clist *l) { mem_free(l->v, l->cap * sizeof *l->v); }

static int newest_first(const void *a, const void *b)
{
    const cfile *x = a, *y = b;
    return x->used_ns < y->used_ns ? 1 : x->used_ns > y->used_ns ? -1 : strcmp(x->name, y->name);
}

static int remove_file(const char *dir, const char *name)
{
    char p[4400];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return unlink(p) == 0 || errno == ENOENT ? 0 : -1;
}

/* "<hash>.lpidx" -> "<hash>.lpclean" (and back: the stem) */
static int stem_len(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot ? (int)(dot - name) : (int)strlen(name);
}

static int has_image(const clist *l, const char *clean)
{
    int s = stem_len(clean);
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].kind == F_IMAGE && stem_len(l->v[i].name) == s &&
            memcmp(l->v[i].name, clean, (size_t)s) == 0)
            return 1;
    return 0;
}

/* Prune dir to max_bytes of images (keep: a name never removed, or NULL);
 * all = every file of ours, temporaries of running writers too. */
static int prune_dir(const char *dir, uint64_t max_bytes, const char *keep, int all, uint32_t *removed)
{
    clist l;
    if (removed) *removed = 0;
    if (scan(dir, &l) != 0) return errno == ENOENT || errno == ENOTDIR ? LP_ERR_NOT_FOUND : LP_ERR_IO;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    if (l.n > 1) qsort(l.v, l.n, sizeof *l.v, newest_first);
    uint64_t total = 0;
    int rc = LP_OK;
    /* images newest first: those that fit the bound stay */
    for (size_t i = 0; i < l.n; i++) {
        cfile *f = &l.v[i];
        int go;
        if (all) go = 1;
        else if (f->kind == F_TMP) go = f->used_ns / 1000000000 + TMP_AGE_S < now.tv_sec;
        else if (f->kind == F_CLEAN) go = 0;
        else if (keep && strcmp(f->name, keep) == 0) go = 0;
        else go = total + f->bytes > max_bytes;
        if (!go) {
            if (f->kind == F_IMAGE) total += f->bytes;
            continue;
        }
        if (remove_file(dir, f->name) != 0) rc = LP_ERR_IO;
        else if (removed && f->kind == F_IMAGE) ++*removed;
        f->kind = -1;   /* gone: its record goes below */
    }
    for (size_t i = 0; i < l.n; i++)
        if (l.v[i].kind == F_CLEAN && !has_image(&l, l.v[i].name) && remove_file(dir, l.v[i].name) != 0)
            rc = LP_ERR_IO;
    clist_free(&l);
    return rc;
}

/* dir and name of a path in it; -1 when it has no slash or is too long */
static int split(const char *path, char *dir, size_t size, const char **name)
{
    const char *slash = strrchr(path, '/');
    size_t dl = slash ? (size_t)(slash - path) : 0;
    if (!slash || dl >= size) return -1;
    memcpy(dir, path, dl);
    dir[dl] = '\0';
    *name = slash + 1;
    return 0;
}

void cd_prune(const char *image, uint64_t max_bytes)
{
    char dir[4096];
    const char *name;
    if (split(image, dir, sizeof dir, &name) != 0) return;
    prune_dir(dir, max_bytes ? max_bytes : LP_INDEX_CACHE_MAX_DEFAULT, name, 0, NULL);
}

void cd_used(const char *image)
{
    /* a cache shared read-only may refuse: its order is then by writes */
    (void)utimensat(AT_FDCWD, image, NULL, 0);
}

typedef struct clean_rec {
    uint64_t magic, sum;
    int64_t at_ns;
} clean_rec;

static int clean_path(const char *image, char *out, size_t size)
{
    size_t n = strlen(image);
    if (n < 6 || strcmp(image + n - 6, ".lpidx") != 0) return -1;
    return snprintf(out, size, "%.*s.lpclean", (int)(n - 6), image) < (int)size ? 0 : -1;
}

int64_t cd_clean_at(const char *image, uint64_t sum, int64_t read_at_ns)
{
    char p[4400];
    if (clean_path(image, p, sizeof p) != 0) return read_at_ns;
    int fd = open(p, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return read_at_ns;
    clean_rec r;
    ssize_t got = read(fd, &r, sizeof r);
    close(fd);
    if (got != (ssize_t)sizeof r || r.magic != CLEAN_MAGIC || r.sum != sum || r.at_ns <= read_at_ns)
        return read_at_ns;
    return r.at_ns;
}

void cd_mark_clean(const char *image, uint64_t sum, int64_t t0_ns)
{
    char p[4400];
    if (clean_path(image, p, sizeof p) != 0) return;
    clean_rec r = { CLEAN_MAGIC, sum, t0_ns };
    /* a record lost to a crash costs one check of the files: not synced */
    (void)lp_atomic_file_put(p, &r, sizeof r, LP_ATOMIC_NO_SYNC | LP_ATOMIC_PRIVATE, NULL);
}

/* A background writer's hold on a cache directory: flock(2) on the directory itself (no file of
 * ours to make or leave behind), exclusive while the image is written; the kernel releases it when
 * the holder's last descriptor closes, at its exit or kill -9 included.  Readers take it shared for
 * an instant, which waits for the write in progress: at most CD_WAIT_MS, so that a stopped writer
 * costs the next command its wait, not its answer. */
#define CD_WAIT_MS 2000
#define CD_HOLD_TRIES 20   /* 0.25 ms apart: readers hold it shared for microseconds */

static int hold(const char *dir, int tries)
{
    if (!dir) return -1;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -1;
    for (int i = 0; i < tries; i++) {
        if (i) nanosleep(&(struct timespec){ 0, 250 * 1000 }, NULL);
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) return fd;
        if (errno != EWOULDBLOCK && errno != EINTR) break;
    }
    close(fd);   /* another writer is at it: its image is as new as the workspace it read */
    return -1;
}

int lp_index_cache_hold(const char *dir)
{
    return hold(dir, CD_HOLD_TRIES);
}

int lp_index_cache_hold_now(const char *dir)
{
    return hold(dir, 1);
}

void cd_wait_writer(const char *dir)
{
    int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (fd < 0) return;
    for (int i = 0; i < 4 * CD_WAIT_MS; i++) {
        if (flock(fd, LOCK_SH | LOCK_NB) == 0 || (errno != EWOULDBLOCK && errno != EINTR)) break;
        struct timespec ts = { 0, 250 * 1000 };
        nanosleep(&ts, NULL);
    }
    close(fd);   /* (releases the shared hold) */
}

int lp_index_cache_info_get(const char *dir, lp_index_cache_info *out)
{
    if (!dir || !out) return LP_ERR_ARG;
    memset(out, 0, sizeof *out);
    cd_wait_writer(dir);
    clist l;
    if (scan(dir, &l) != 0) return errno == ENOENT || errno == ENOTDIR ? LP_ERR_NOT_FOUND : LP_ERR_IO;
    for (size_t i = 0; i < l.n; i++) {
        const cfile *f = &l.v[i];
        out->bytes += f->bytes;
        if (f->kind != F_IMAGE) continue;
        out->images++;
        out->image_bytes += f->bytes;
        if (!out->oldest_use_ns || f->used_ns < out->oldest_use_ns) out->oldest_use_ns = f->used_ns;
        if (f->used_ns > out->newest_use_ns) out->newest_use_ns = f->used_ns;
    }
    clist_free(&l);
    return LP_OK;
}

int lp_index_cache_prune(const char *dir, uint64_t max_bytes, uint32_t *removed)
{
    if (!dir) return LP_ERR_ARG;
    cd_wait_writer(dir);
    return prune_dir(dir, max_bytes ? max_bytes : LP_INDEX_CACHE_MAX_DEFAULT, NULL, 0, removed);
}

int lp_index_cache_clear(const char *dir, uint32_t *removed)
{
    if (!dir) return LP_ERR_ARG;
    cd_wait_writer(dir);
    return prune_dir(dir, 0, NULL, 1, removed);
}
