/* inputs.c — recording inputs and telling whether they changed (inputs.h). */
#include "base/inputs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


void inp_init(inp_table *t, ar_arena *arena)
{
    memset(t, 0, sizeof *t);
    t->arena = arena;
}

static inp_rec *slot(inp_table *t)
{
    if (!t->arena) {   /* never initialised: a programming error, not memory */
        t->oom = 1;
        return NULL;
    }
    if (t->n == t->cap) {
        /* doubling: the copies left behind in the arena add up to less than the table */
        uint32_t cap = t->cap ? 2 * t->cap : 32;
        inp_rec *v = ar_alloc(t->arena, (size_t)cap * sizeof *v);
        if (!v) {
            t->oom = 1;
            return NULL;
        }
        if (t->n) memcpy(v, t->v, (size_t)t->n * sizeof *v);
        t->v = v;
        t->cap = cap;
    }
    return &t->v[t->n];
}

void inp_reserve(inp_table *t, uint32_t n, size_t bytes)
{
    if (!t->arena || t->oom || n == 0) return;
    if (t->cap - t->n < n) {
        uint64_t cap = (uint64_t)t->n + n;
        inp_rec *v = cap <= UINT32_MAX ? ar_alloc(t->arena, (size_t)cap * sizeof *v) : NULL;
        if (!v) {
            t->oom = 1;
            return;
        }
        if (t->n) memcpy(v, t->v, (size_t)t->n * sizeof *v);
        t->v = v;
        t->cap = (uint32_t)cap;
    }
    /* each path rounded up to the arena's alignment */
    if (ar_reserve(t->arena, bytes + (size_t)n * 8) != 0) t->oom = 1;
}

/* "a/./b" and "a//b" as "a/b": file("./x") is read as root + "/./x", and
 * the same file must be one input however it was named.  Lexical only:
 * ".." and symlinks are left as written (resolving them could name another
 * file than the one read). */
void inp_clean_path(char *p)
{
    char *o = p;
    for (const char *q = p; *q;) {
        if (q[0] == '/' && o > p && o[-1] == '/') {
            q++;
        } else if (q[0] == '.' && q[1] == '/' && o > p && o[-1] == '/') {
            q += 2;
        } else {
            *o++ = *q++;
        }
    }
    *o = '\0';
}

/* clean: r->path may be unclean (a table's records are clean already) */
static void add_rec(inp_table *t, const inp_rec *r, int clean)
{
    inp_rec *s = slot(t);
    char *p = s ? ar_strndup(t->arena, r->path, strlen(r->path)) : NULL;
    if (!p) {
        t->oom = 1;
        return;
    }
    if (clean) inp_clean_path(p);
    *s = *r;
    s->path = p;
    t->n++;
}

void inp_add(inp_table *t, lp_input_kind kind, const char *path, const srcfile_info *info)
{
    inp_rec r = { .path = path, .kind = (uint8_t)kind, .err = info->err };
    if (!info->err) {
        r.size = info->size;
        r.mtime_ns = info->mtime_ns;
        r.dev = info->dev;
        r.ino = info->ino;
        r.hash = info->hash;
        r.ctime = info->ctime;
    }
    add_rec(t, &r, 1);
}

void inp_add_shared(inp_table *t, const inp_rec *r)
{
    inp_rec *s = slot(t);
    if (!s) return;
    *s = *r;
    t->n++;
}

void inp_append(inp_table *t, const inp_table *from)
{
    for (uint32_t i = 0; i < from->n; i++) add_rec(t, &from->v[i], 0);
    if (from->oom) t->oom = 1;
}

void inp_info(const inp_rec *r, lp_input_info *o)
{
    o->path = r->path;
    o->kind = (lp_input_kind)r->kind;
    o->present = r->err == 0;
    o->err = r->err;
    o->size = r->size;
    o->mtime_ns = r->mtime_ns;
    o->device = r->dev;
    o->inode = r->ino;
    o->hash = r->hash;
}

/* The digest of the names a directory lists now; -1 when it cannot be read. */
static int dir_digest(const char *path, uint64_t *out)
{
    DIR *d = opendir(path);
    if (!d) return -1;
    uint64_t h = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) h += inp_dir_name_hash(de->d_name, strlen(de->d_name));
    closedir(d);
    *out = h;
    return 0;
}

int64_t inp_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void inp_dirs_init(inp_dirs *d)
{
    d->len = 0;
    d->fd = -1;
}

void inp_dirs_close(inp_dirs *d)
{
    if (d->fd >= 0) close(d->fd);
    d->fd = -1;
}

/* path's stat, by its last component in its directory held open in d (d NULL: by path) */
static int stat_in(inp_dirs *d, const char *path, srcfile_info *info, int *is_dir)
{
    const char *slash = d ? strrchr(path, '/') : NULL;
    size_t len = slash ? (size_t)(slash - path) : 0;
    /* (the root, a relative name, a trailing slash, a directory too long: by path) */
    if (!slash || !len || !slash[1] || len >= sizeof d->dir) return srcfile_stat(path, info, is_dir);
    if (d->fd == -1 || d->len != len || memcmp(d->dir, path, len) != 0) {
        inp_dirs_close(d);
        memcpy(d->dir, path, len);
        d->dir[len] = 0;
        d->len = len;
        d->fd = open(d->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (d->fd < 0) d->fd = -2;
    }
    if (d->fd < 0) return srcfile_stat(path, info, is_dir);
    memset(info, 0, sizeof *info);
    struct stat st;
    if (fstatat(d->fd, slash + 1, &st, 0) != 0) {
        info->err = errno;
        return -1;
    }
    srcfile_from_stat(info, &st);
    if (is_dir) *is_dir = S_ISDIR(st.st_mode);
    return 0;
}

lp_input_state inp_check(const inp_rec *r, int64_t read_at_ns)
{
    return inp_check_in(NULL, r, read_at_ns, NULL);
}

lp_input_state inp_check_in(inp_dirs *d, const inp_rec *r, int64_t read_at_ns, int *hidden)
{
    srcfile_info now;
    int is_dir = 0, hid = 0;
    if (!hidden) hidden = &hid;
    *hidden = 0;
    int missing = stat_in(d, r->path, &now, &is_dir) != 0;
    if (r->err == ENOENT) {
        /* absent then: present now is a change (a .powerpipeignore created) */
        return missing ? LP_INPUT_SAME : LP_INPUT_CHANGED;
    }
    if (r->err) {   /* unreadable then (EACCES, a FIFO...): the same failure now? */
        int same = srcfile_hash_file(r->path, &now) != 0 && now.err == r->err;
        return same ? LP_INPUT_SAME : LP_INPUT_CHANGED;
    }
    if (missing) return LP_INPUT_GONE;
    int dir_rec = r->kind == LP_INPUT_DIRECTORY;
    if (is_dir != dir_rec) return LP_INPUT_CHANGED;
    /* size is not compared for a directory: it is the filesystem's, not the names' */
    int racy = r->mtime_ns > read_at_ns - INP_RACY_NS;
    int stat_same = now.mtime_ns == r->mtime_ns && now.ino == r->ino && now.dev == r->dev &&
                    (dir_rec || now.size == r->size) && (!r->ctime || now.ctime == r->ctime);
    if (stat_same && !racy) return LP_INPUT_SAME;
    lp_input_state same = racy && now.mtime_ns == r->mtime_ns ? LP_INPUT_SAME : LP_INPUT_TOUCHED;
    uint64_t h;
    int equal;
    if (dir_rec) {
        if (dir_digest(r->path, &h) != 0) return LP_INPUT_GONE;
        equal = h == r->hash;
    } else {
        if (now.size != r->size) return LP_INPUT_CHANGED;
        if (srcfile_hash_file(r->path, &now) != 0) {
            *hidden = stat_same;
            return now.err == ENOENT ? LP_INPUT_GONE : LP_INPUT_CHANGED;
        }
        equal = now.size == r->size && now.hash == r->hash;
    }
    /* changed with the stat as recorded: only the hash showed it */
    *hidden = stat_same && !equal;
    return equal ? same : LP_INPUT_CHANGED;
}
