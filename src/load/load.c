/* load.c — materialise one resource, and its tree, into an arena of its own
 * (see load.h).
 *
 * A load reads the files it needs again (each once per load), checks each
 * against the size and content hash the index recorded, and parses only the
 * entry's byte range, positioned at its line and column so that a syntax
 * error reads file:line:col as in the whole file.  Every attribute is
 * evaluated with phase 2's variables and locals; references to other
 * resources (query.x.sql, benchmark.y.title) read the index's published
 * version, as phase 2 does.  Trees are walked over the index's hierarchy
 * (the same generated names as the index), depth first, each entry
 * materialised once per load (a control under two benchmarks is one node),
 * with the entries being loaded on a stack: meeting one again is a cycle.
 */
#include "load/load.h"
#include "base/err.h"
#include "base/inputs.h"
#include "base/mem.h"
#include "index/schema.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Deepest tree a load follows (a chain of benchmarks or nested containers);
 * deeper is an error rather than a deep C stack. */
#define LD_MAX_DEPTH 200u

static int str_is(hcl_str s, const char *lit)
{
    size_t n = strlen(lit);
    return s.len == n && memcmp(s.p, lit, n) == 0;
}

/* ------------------------------------------------------------ small maps */

/* u32 key -> pointer and length, open addressing in the scratch arena. */
typedef struct ld_slot {
    uint32_t key;                /* key + 1; 0: empty */
    uint32_t n;
    void *p;
} ld_slot;
typedef struct ld_map {
    ld_slot *v;
    uint32_t n, cap;
} ld_map;

static ld_slot *map_find(const ld_map *m, uint32_t key)
{
    if (!m->cap) return NULL;
    for (uint32_t j = (key * 2654435761u) & (m->cap - 1);; j = (j + 1) & (m->cap - 1)) {
        if (m->v[j].key == key + 1) return &m->v[j];
        if (!m->v[j].key) return NULL;
    }
}

static int map_put(ld_map *m, ar_arena *a, uint32_t key, void *p, uint32_t n)
{
    if ((m->n + 1) * 4 > m->cap * 3) {
        uint32_t cap = m->cap ? m->cap * 2 : 16;
        ld_slot *v = ar_zalloc(a, (size_t)cap * sizeof *v);
        if (!v) return -1;
        for (uint32_t i = 0; i < m->cap; i++) {
            if (!m->v[i].key) continue;
            uint32_t j = ((m->v[i].key - 1) * 2654435761u) & (cap - 1);
            while (v[j].key) j = (j + 1) & (cap - 1);
            v[j] = m->v[i];
        }
        m->v = v;
        m->cap = cap;
    }
    uint32_t j = (key * 2654435761u) & (m->cap - 1);
    while (m->v[j].key && m->v[j].key != key + 1) j = (j + 1) & (m->cap - 1);
    if (!m->v[j].key) m->n++;
    m->v[j] = (ld_slot){ key + 1, n, p };
    return 0;
}

/* ------------------------------------------------------------ one load */

typedef struct ld_load {
    const ld_env *env;
    const lp_workspace *ws;
    ld_work *w;
    ld_item *it;
    lp_error *err;
    uint32_t cur_file;           /* the file in w->buf, verified (UINT32_MAX: none) */
    uint32_t racy_read;          /* a racy file (fid + 1) one of whose blocks this load read in the
                                  * pass that verified it: its next ones, the whole file (block_bytes) */
    size_t cur_len;
    ld_map nodes;                /* entry id -> finished node (w->memo) */
    uint32_t stack[LD_MAX_DEPTH];
    uint32_t depth;
} ld_load;

static int oom(ld_load *L)
{
    if (!L->it) return err_set_first(L->err, LP_ERR_NOMEM, "out of memory");   /* (nothing built) */
    return err_set_first(L->err, LP_ERR_NOMEM, "out of memory loading %s",
                         idx_str(L->ws, idx_tab(L->ws)->entries[L->it->id].name));
}

/* Arena growth: chunks about double what the item holds (up to 1 MiB), so a
 * tree of any size costs O(log size) allocation calls and a lone control one. */
static void *ialloc(ld_load *L, size_t n)
{
    ar_arena *a = &L->it->arena;
    if (a->reserved > a->chunk_size && a->chunk_size < 1024 * 1024)
        a->chunk_size = a->reserved < 1024 * 1024 ? a->reserved : 1024 * 1024;
    return ar_alloc(a, n);
}

static void *izalloc(ld_load *L, size_t n)
{
    void *p = ialloc(L, n);
    if (p) memset(p, 0, n);
    return p;
}

static char *istrndup(ld_load *L, const char *s, size_t n)
{
    char *p = ialloc(L, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

/* A file modified less than INP_RACY_NS before it was read may be modified again within the same
 * timestamp tick, size kept: its stat would not show it (inputs.h, git's "racily clean").  Such a
 * file is not this work's verified one: every load reads it again until it is older (a block's
 * lines in the pass that hashes it, block_bytes). */
static int racy(const srcfile_info *info, int64_t read_at)
{
    return info->mtime_ns > read_at - INP_RACY_NS;
}

/* File fid, read at read_at and found as the index read it (info), is this work's verified file,
 * unless it is racy; 0 when it is, -1 when not.  The caller has let the previous one go. */
static int mark_verified(ld_load *L, uint32_t fid, const srcfile_info *info, int64_t read_at)
{
    if (racy(info, read_at)) return -1;
    L->w->verified = fid + 1;
    L->w->verified_as = *info;
    return 0;
}

/* The bytes of file fid as the index read them, or an error: the file is
 * read again and must have the recorded size and content hash.  The bytes
 * are in w->buf until the next file is read. */
static int file_whole(ld_load *L, uint32_t fid, const char **src, size_t *len)
{
    if (L->cur_file == fid) {
        *src = L->w->buf.p;
        *len = L->cur_len;
        return 0;
    }
    L->cur_file = UINT32_MAX;
    const idx_file *f = &idx_tab(L->ws)->files[fid];
    const char *path = idx_str(L->ws, f->path);
    size_t n;
    srcfile_info info;
    L->w->verified = 0;
    ld_work_release(L->w);
    int64_t read_at = inp_now_ns();
    if (srcfile_read(path, &L->w->buf, &n, &info) != 0) {
        if (info.err == ENOMEM) return oom(L);
        return err_set_first(L->err, LP_ERR_STALE, "%s: %s (since the workspace was indexed)", path,
                             strerror(info.err));
    }
    if (info.size != f->size || info.hash != f->hash)
        return err_set_first(L->err, LP_ERR_STALE,
                             "%s: changed since the workspace was indexed (%llu bytes then, %llu now); "
                             "refresh the workspace to load it",
                             path, (unsigned long long)f->size, (unsigned long long)info.size);
    L->cur_file = fid;
    L->cur_len = n;
    (void)mark_verified(L, fid, &info, read_at);
    *src = L->w->buf.p;
    *len = n;
    return 0;
}

/* Where the lines around a block start and end in a file, read alone when they are not found within;
 * a read takes at least a window, so that the blocks after it (a control's query, the next controls)
 * cost a stat, not a read */
#define SPAN_MARGIN 1024
#define SPAN_WINDOW (16u * 1024)

static int same_stat(const srcfile_info *a, const srcfile_info *b)
{
    return a->size == b->size && a->mtime_ns == b->mtime_ns && a->ctime == b->ctime && a->dev == b->dev &&
           a->ino == b->ino;
}

/* Does a stat of the kept file still find it as it was verified?  Else it is let go (0). */
static int still_verified(ld_work *w)
{
    struct stat st;
    srcfile_info now = { 0 };
    int ok = w->verified_fd && fstat(w->verified_fd - 1, &st) == 0 && S_ISREG(st.st_mode);
    if (ok) srcfile_from_stat(&now, &st);
    if (ok && same_stat(&now, &w->verified_as)) return 1;
    ld_work_release(w);
    return 0;
}

/* Bytes [lo, lo + want) of the verified file fid into w->span, the file kept open: 0 when read whole
 * and a stat after the read still finds the file as it was verified (nothing wrote it meanwhile),
 * else -1 and nothing is kept. */
static int span_read(ld_load *L, uint32_t fid, size_t lo, size_t want)
{
    ld_work *w = L->w;
    w->span_len = 0;
    if (!w->verified_fd) {
        const char *path = idx_str(L->ws, idx_tab(L->ws)->files[fid].path);
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
        if (fd < 0) return -1;
        w->verified_fd = fd + 1;
    }
    if (srcbuf_reserve(&w->span, want, 4096) != 0) return -1;
    int fd = w->verified_fd - 1, ok = 1;
    for (size_t got = 0; ok && got < want;) {
        ssize_t r = pread(fd, w->span.p + got, want - got, (off_t)(lo + got));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) ok = 0;
        else got += (size_t)r;
    }
    if (!ok || !still_verified(w)) return -1;
    w->span_lo = lo;
    w->span_len = want;
    return 0;
}

/* The whole lines holding [off, off + n) in w->span, as file_span gives them; 0 when they do not all
 * lie within it. */
static int span_lines(const ld_work *w, uint64_t file_size, size_t off, size_t n, const char **src,
                      size_t *len, size_t *at)
{
    size_t lo = w->span_lo, want = w->span_len;
    if (!want || off < lo || off + n > lo + want) return 0;
    const char *p = w->span.p;
    size_t a = off - lo, b = off + n - lo;   /* from a line's start (or the file's) to a line's end */
    while (a > 0 && p[a - 1] != '\n') a--;
    while (b < want && p[b] != '\n') b++;
    if ((a == 0 && lo > 0) || (b == want && lo + want < file_size)) return 0;
    *src = p + a;
    *len = b - a;
    *at = off - lo - a;
    return 1;
}

/* The window read for the block at [off, off + n) of a file of size bytes: [*lo, *hi) */
static void span_bounds(uint64_t size, size_t off, size_t n, size_t *lo, size_t *hi)
{
    *lo = off > SPAN_MARGIN ? off - SPAN_MARGIN : 0;
    *hi = off + n + SPAN_MARGIN;
    if (*hi < *lo + SPAN_WINDOW) *hi = *lo + SPAN_WINDOW;
    if (*hi > size) *hi = (size_t)size;
}

/* The whole lines of file fid holding [off, off + n): 1 and *src, *len, *at (off's place in them)
 * when the file is, by a stat, still the one this work read whole and verified; 0: read it whole
 * instead (it may have changed, or the lines are long).  A benchmark's thousands of controls in one
 * file are thus read once per work, in windows, not once each, and no work keeps the whole file:
 * a block costs a stat of the open file, and a read when it is outside the window. */
static int file_span(ld_load *L, uint32_t fid, size_t off, size_t n, const char **src, size_t *len,
                     size_t *at)
{
    ld_work *w = L->w;
    const idx_file *f = &idx_tab(L->ws)->files[fid];
    if (w->verified != fid + 1 || w->verified_as.hash != f->hash || w->verified_as.size != f->size ||
        off + n > f->size)
        return 0;
    /* the window's bytes are the verified file's, and serve while the file still is (an edit after
     * them is found, as when they are read) */
    if (w->span_len && still_verified(w) && span_lines(w, f->size, off, n, src, len, at)) return 1;
    size_t lo, hi;
    span_bounds(f->size, off, n, &lo, &hi);
    return span_read(L, fid, lo, hi - lo) == 0 && span_lines(w, f->size, off, n, src, len, at);
}

void ld_work_release(ld_work *w)
{
    if (w->verified_fd) close(w->verified_fd - 1);
    w->verified_fd = 0;
    w->span_len = 0;
}

/* Is file fid as the index read it (its size and content hash, streamed: no copy of it is kept but
 * the window of the block at [off, off + n) in w->span, read in the same pass)?  0: yes, and it is
 * this work's verified file; 1: yes, but it is racy (not verified: its window serves this block
 * alone); -1: no (file_whole says why).  The work's verified file, if any, is let go. */
static int file_verify(ld_load *L, uint32_t fid, size_t off, size_t n)
{
    ld_work *w = L->w;
    const idx_file *f = &idx_tab(L->ws)->files[fid];
    size_t lo, hi, got;
    span_bounds(f->size, off, n, &lo, &hi);
    ld_work_release(w);   /* (the window is overwritten) */
    w->verified = 0;
    srcfile_info info;
    int64_t read_at = inp_now_ns();
    if (srcfile_hash_window(idx_str(L->ws, f->path), &info, lo, hi, &w->span, &got) != 0 ||
        info.size != f->size || info.hash != f->hash || got != hi - lo)
        return -1;
    w->span_lo = lo;
    w->span_len = got;
    if (mark_verified(L, fid, &info, read_at) == 0) return 0;
    return 1;
}

/* The bytes of an entry's block, with the whole lines around it: *src (*len bytes) holds the file
 * from *at - e->byte_offset: its lines alone (file_span) once the file was verified, or those read
 * in the pass that hashed a racy file (a run's control loaded in the two seconds after a save: its
 * file was read whole by each load, 20 MiB of a 5,000-control benchmark's server peak); else the
 * whole file (file_whole: long lines, a racy file's next block in this load, as a tree's are, or an
 * error to tell). */
static int block_read(ld_load *L, const idx_entry *e, const char **src, size_t *len, size_t *at)
{
    if (L->cur_file != e->file) {
        if (file_span(L, e->file, e->byte_offset, e->byte_length, src, len, at)) return 0;
        int rc = L->racy_read == e->file + 1 ? -1 : file_verify(L, e->file, e->byte_offset, e->byte_length);
        if (rc == 1) L->racy_read = e->file + 1;
        if (rc >= 0 && span_lines(L->w, idx_tab(L->ws)->files[e->file].size, e->byte_offset, e->byte_length,
                                  src, len, at))
            return 0;
    }
    *at = e->byte_offset;
    return file_whole(L, e->file, src, len);
}

/* block_read, and the block within the bytes read, else -1 (L->err). */
static int block_bytes(ld_load *L, const idx_entry *e, const char **src, size_t *len, size_t *at)
{
    if (block_read(L, e, src, len, at) != 0) return -1;
    if (e->byte_length && (uint64_t)*at + e->byte_length <= *len) return 0;
    const lp_workspace *ws = L->ws;
    err_set_first(L->err, LP_ERR_IO, "%s: the block of %s is not where the index found it",
                  idx_str(ws, idx_tab(ws)->files[e->file].path), idx_str(ws, e->name));
    return -1;
}

/* ------------------------------------------------------------ the scope */

typedef struct ld_scope_user {
    ld_load *L;
    uint32_t mod;
} ld_scope_user;

static const rs_mod *env_mod(const ld_env *env, uint32_t mod)
{
    return env->rs && env->rs->mods && mod < env->rs->nmods ? &env->rs->mods[mod] : NULL;
}

/* A resource as phase 2 offers it (its published version): the object, or
 * one field.  A field that is still unresolved is a run-time value here. */
static int resource_value(ld_load *L, ev_ctx *ev, uint32_t mod, hcl_str type, hcl_str name,
                          const hcl_step *fstep, lpv_value *out)
{
    const lp_workspace *ws = L->ws;
    const char *mn = idx_str(ws, idx_tab(ws)->mods[mod].name);
    size_t ml = strlen(mn), n = ml + type.len + name.len + 2;
    char *full = ar_alloc(ev->arena, n + 1);
    if (!full) return ev_oom(ev, ev->err.range);
    snprintf(full, n + 1, "%s.%.*s.%.*s", mn, (int)type.len, type.p, (int)name.len, name.p);
    uint32_t id = idx_lookup(ws, full, n);
    if (id == LP_NO_ENTRY) return LP_EV_NOROOT;
    idx_view v;
    idx_view_get(ws, id, &v);
    if (!fstep) {                /* the members still unresolved are left out */
        int rc = sch_ref_object(ws, id, &v, v.unresolved, ev->arena, out);
        return rc ? ev_oom(ev, ev->err.range) : LP_EV_OK;
    }
    sch_id row = sch_find(fstep->name.p, fstep->name.len);
    if (!(sch_attrs[row].flags & SCH_REF_OBJ))
        return ev_fail(ev, fstep->range, "Unsupported attribute",
                       "The resource \"%s\" has no attribute named \"%.*s\".", full,
                       (int)fstep->name.len, fstep->name.p);
    if (sch_attrs[row].unres & v.unresolved) return LP_EV_UNRESOLVED;
    if (sch_ref_value(ws, id, &v, row, ev->arena, out) != 0) return ev_oom(ev, ev->err.range);
    return LP_EV_OK;
}

static const rs_mod *mod_of_cb(void *user, uint32_t mod)
{
    ld_scope_user *u = user;
    return env_mod(u->L->env, mod);
}

static const char *mod_name_cb(void *user, uint32_t mod)
{
    ld_scope_user *u = user;
    return idx_str(u->L->ws, idx_tab(u->L->ws)->mods[mod].name);
}

static int resource_cb(void *user, ev_ctx *ev, hcl_range at, uint32_t mod, hcl_str type, hcl_str name,
                       const hcl_step *f, lpv_value *out)
{
    ld_scope_user *u = user;
    (void)at;   /* the index's published values: no cycle to report here */
    return resource_value(u->L, ev, mod, type, name, f, out);
}

/* file(path) rooted at the resource's mod.  Not recorded as an input: the
 * workspace is immutable once published (a watcher sees the file itself). */
static int scope_read_file(void *user, const char *path, size_t len, ar_arena *a, const char **data,
                           size_t *n, const char **err)
{
    ld_scope_user *u = user;
    const lp_workspace *ws = u->L->ws;
    const char *root = idx_str(ws, idx_tab(ws)->mods[u->mod].root);
    if (memchr(path, 0, len)) {
        *err = "invalid path";
        return -1;
    }
    char *full = srcfile_join(a, root, path, len);
    if (!full) {
        *err = "out of memory";
        return -1;
    }
    size_t got;
    srcfile_info info;
    /* a dependency (code the user did not write) reads only inside its folder; the main mod anywhere */
    int rc = *idx_str(ws, idx_tab(ws)->mods[u->mod].path)
                 ? srcfile_read_beneath(root, path, len, &u->L->w->fbuf, &got, &info)
                 : srcfile_read(full, &u->L->w->fbuf, &got, &info);
    return srcfile_give(rc, full, &u->L->w->fbuf, got, &info, a, data, n, err);
}

static int scope_file_exists(void *user, const char *path, size_t len)
{
    ld_scope_user *u = user;
    const lp_workspace *ws = u->L->ws;
    const char *root = idx_str(ws, idx_tab(ws)->mods[u->mod].root);
    char full[4096];
    int k = (len && path[0] == '/') ? snprintf(full, sizeof full, "%.*s", (int)len, path)
                                    : snprintf(full, sizeof full, "%s/%.*s", root, (int)len, path);
    if (k < 0 || (size_t)k >= sizeof full) return 0;
    srcfile_info info;
    int is_dir = 0;
    if (*idx_str(ws, idx_tab(ws)->mods[u->mod].path)) {   /* a dependency: only inside its folder */
        int rc = srcfile_stat_beneath(root, path, len, &info, &is_dir);
        return rc == 0 ? !is_dir : info.err == EXDEV ? -1 : 0;
    }
    return srcfile_stat(full, &info, &is_dir) == 0 && !is_dir;
}

static const char *scope_getenv(void *user, const char *name)
{
    ld_scope_user *u = user;
    const rs_ctx *c = u->L->env->rs;
    if (c && c->getenv) return c->getenv(c->getenv_user, name);
    return getenv(name);
}

/* A load's scope of mod u->mod: rs_scope_build over the published index and phase 2's context. */
static void ld_scope(ev_scope *s, rs_scope_src *src, ld_scope_user *u)
{
    const idx_tables *ix = idx_tab(u->L->ws);
    *src = (rs_scope_src){
        .user = u, .mod = u->mod, .mod_of = mod_of_cb, .nmods = ix->nmods, .mod_name = mod_name_cb,
        .aliases = u->mod < ix->nmods ? idx_str(u->L->ws, ix->mods[u->mod].aliases) : NULL,
        .resource = resource_cb, .read_file = scope_read_file, .file_exists = scope_file_exists,
        .getenv = scope_getenv, .strict_locals = 1,
    };
    rs_scope_build(s, src);
}

/* ------------------------------------------------------------ a scope outside a load */

struct ld_eval {
    ld_env env;
    ld_load L;                   /* only what the scope's callbacks read: env, ws, w */
    ld_scope_user u;
    rs_scope_src src;
    ev_scope scope;
    lp_error err;
};

size_t ld_eval_size(void) { return sizeof(ld_eval); }

void ld_eval_init(ld_eval *e, const ld_env *env, ld_work *w, uint32_t mod)
{
    memset(e, 0, sizeof *e);
    e->env = *env;
    e->L.env = &e->env;
    e->L.ws = env->ws;
    e->L.w = w;
    e->L.err = &e->err;
    e->L.cur_file = UINT32_MAX;
    e->u = (ld_scope_user){ &e->L, mod < idx_tab(env->ws)->nmods ? mod : 0 };
    ld_scope(&e->scope, &e->src, &e->u);
}

const ev_scope *ld_eval_scope(const ld_eval *e) { return &e->scope; }

ld_work *ld_eval_work(const ld_eval *e) { return e->L.w; }

/* ------------------------------------------------------------ values */

/* A value as Powerpipe stores a param default or an arg: a string as it is,
 * anything else as JSON.  NULL on OOM (and *bad for an unknown value). */
static const char *value_text(ld_load *L, lpv_value v, int *runtime)
{
    *runtime = 0;
    if (v.kind == LPV_UNKNOWN) {
        *runtime = 1;
        return NULL;
    }
    if (v.kind == LPV_STRING) return istrndup(L, v.u.s, v.len);
    lp_buf b = { 0 };
    if (lpv_json(&b, v) != 0 || b.oom) {
        lp_buf_free(&b);
        return NULL;
    }
    const char *s = istrndup(L, b.data ? b.data : "", b.len);
    lp_buf_free(&b);
    return s;
}

static int eval_fail(ld_load *L, const ev_ctx *ev)
{
    lp_diag d;
    char buf[1024], line[1024];
    ev_diag(ev, &d, buf, sizeof buf);
    lp_diag_format(&d, line, sizeof line);
    if (strstr(d.summary, "Out of memory")) return oom(L);
    return err_set_first(L->err, LP_ERR_EVAL, "%s", line);
}

/* Evaluate e: LP_EV_OK (*out in scratch), LP_EV_UNRESOLVED, or an error set. */
static int eval(ld_load *L, const ev_scope *s, const hcl_file *f, const hcl_expr *e, lpv_value *out,
                int *failed)
{
    ev_ctx ev;
    ev_init(&ev, &L->w->scratch, s, f);
    int rc = ev_expr(&ev, e, out);
    *failed = 0;
    if (rc == LP_EV_ERR) {
        eval_fail(L, &ev);
        *failed = 1;
    }
    return rc;
}

/* An attribute's value copied into the item, with its text form. */
static int keep_attr(ld_load *L, const char *name, size_t nl, lpv_value v, ld_attr *out)
{
    out->name = istrndup(L, name, nl);
    if (!out->name || lpv_copy(&L->it->arena, v, &out->val) != 0) return oom(L);
    out->text = NULL;
    if (v.kind == LPV_STRING || v.kind == LPV_NUMBER || v.kind == LPV_BOOL) {
        lpv_value s;
        const char *why;
        if (lpv_to_string(&L->w->scratch, v, &s, &why) == 0 && !(out->text = istrndup(L, s.u.s, s.len)))
            return oom(L);
    }
    return 0;
}

/* The full name a traversal `type.name` / `mod.type.name` refers to, in buf. */
static int trav_name(const lp_workspace *ws, uint32_t mod, const hcl_expr *e, char *buf, size_t size)
{
    if (!e || e->kind != HCL_EXPR_SCOPE_TRAV) return -1;
    const hcl_step *st = e->u.trav.steps;
    uint32_t n = e->u.trav.n;
    for (uint32_t i = 0; i < n; i++)
        if (st[i].kind != HCL_STEP_ATTR) return -1;
    int k;
    if (n == 1)
        k = snprintf(buf, size, "%s.%.*s.%.*s", idx_str(ws, idx_tab(ws)->mods[mod].name),
                     (int)e->u.trav.root.len, e->u.trav.root.p, (int)st[0].name.len, st[0].name.p);
    else if (n == 2) {
        const char *aliases = idx_str(ws, idx_tab(ws)->mods[mod].aliases);
        uint32_t m = idx_mod_alias(aliases, e->u.trav.root.p, e->u.trav.root.len);
        if (m < idx_tab(ws)->nmods)       /* another version of the mod (idx_mod_alias) */
            k = snprintf(buf, size, "%s.%.*s.%.*s", idx_str(ws, idx_tab(ws)->mods[m].name),
                         (int)st[0].name.len, st[0].name.p, (int)st[1].name.len, st[1].name.p);
        else
            k = snprintf(buf, size, "%.*s.%.*s.%.*s", (int)e->u.trav.root.len, e->u.trav.root.p,
                         (int)st[0].name.len, st[0].name.p, (int)st[1].name.len, st[1].name.p);
    }
    else
        return -1;
    return k > 0 && (size_t)k < size ? 0 : -1;
}

/* ------------------------------------------------------------ blocks */

static lp_resource *node_load(ld_load *L, uint32_t id);

static int tag_cmp(const void *a, const void *b)
{
    return strcmp(((const idx_tag *)a)->key, ((const idx_tag *)b)->key);
}

static int arg_cmp(const void *a, const void *b)
{
    return strcmp(((const ld_arg *)a)->name, ((const ld_arg *)b)->name);
}

static int do_tags(ld_load *L, lp_resource *r, lpv_value v, const hcl_file *f, hcl_range at)
{
    r->has_tags = 1;
    if (v.kind == LPV_NULL) return 0;
    if (!lpv_is_obj(v))
        return err_set_first(L->err, LP_ERR_EVAL,
                             "%s:%u:%u: Incorrect attribute value type; tags must be a map of strings",
                             f->name, at.line, at.col);
    r->tags = ialloc(L, (v.len ? v.len : 1) * sizeof *r->tags);
    if (!r->tags) return oom(L);
    uint32_t k = 0;
    for (uint32_t i = 0; i < v.len; i++) {
        lpv_value tv = v.u.attrs[i].val, s;
        const char *why;
        if (tv.kind == LPV_NULL || tv.kind == LPV_UNKNOWN) continue;
        if (lpv_to_string(&L->w->scratch, tv, &s, &why) != 0)
            return err_set_first(L->err, LP_ERR_EVAL,
                                 "%s:%u:%u: Incorrect attribute value type; tag values must be strings",
                                 f->name, at.line, at.col);
        r->tags[k].key = istrndup(L, v.u.attrs[i].key, v.u.attrs[i].klen);
        r->tags[k].value = istrndup(L, s.u.s, s.len);
        if (!r->tags[k].key || !r->tags[k].value) return oom(L);
        k++;
    }
    if (k > 1) qsort(r->tags, k, sizeof *r->tags, tag_cmp);
    r->ntags = k;
    return 0;
}

/* A run-time arg's expression text, which a dashboard run parses and
 * evaluates once the values it reads (inputs, withs, params) exist. */
static int keep_expr(ld_load *L, const hcl_file *f, const hcl_expr *e, ld_arg *a)
{
    if (!e || e->range.end <= e->range.start || e->range.end > f->len) return 0;
    a->expr = istrndup(L, f->src + e->range.start, e->range.end - e->range.start);
    return a->expr ? 0 : -1;
}

/* An arg's value as its text, and whether it is a string (a list's JSON and a string that reads as
 * one bind differently): NULL when it is run-time (*rt) or out of memory. */
static const char *arg_value(ld_load *L, ld_arg *a, lpv_value v, int *rt)
{
    a->is_string = v.kind == LPV_STRING;
    return a->value = value_text(L, v, rt);
}

/* args: each item evaluated on its own, so that one run-time value (a
 * param, self.input) leaves only that item unset. */
static int do_args(ld_load *L, lp_resource *r, const ev_scope *s, const hcl_file *f, const hcl_expr *e)
{
    while (e->kind == HCL_EXPR_PARENS) e = e->u.parens.inner;
    r->has_args = 1;
    int failed, rt;
    if (e->kind == HCL_EXPR_TUPLE) {
        r->args_list = 1;
        r->args = izalloc(L, (e->u.tuple.n ? e->u.tuple.n : 1) * sizeof *r->args);
        if (!r->args) return oom(L);
        for (uint32_t i = 0; i < e->u.tuple.n; i++) {
            lpv_value v;
            int rc = eval(L, s, f, e->u.tuple.items[i], &v, &failed);
            if (failed) return L->err->code;
            if (rc == LP_EV_OK && !arg_value(L, &r->args[i], v, &rt) && !rt) return oom(L);
            if (rc == LP_EV_UNRESOLVED && keep_expr(L, f, e->u.tuple.items[i], &r->args[i]) != 0)
                return oom(L);
        }
        r->nargs = e->u.tuple.n;
        return 0;
    }
    if (e->kind == HCL_EXPR_OBJECT) {
        r->args = izalloc(L, (e->u.object.n ? e->u.object.n : 1) * sizeof *r->args);
        if (!r->args) return oom(L);
        uint32_t k = 0;
        for (uint32_t i = 0; i < e->u.object.n; i++) {
            lpv_value kv, v, ks;
            const char *why;
            int rc = eval(L, s, f, e->u.object.items[i].key, &kv, &failed);
            if (failed) return L->err->code;
            if (rc != LP_EV_OK || lpv_to_string(&L->w->scratch, kv, &ks, &why) != 0) continue;
            rc = eval(L, s, f, e->u.object.items[i].value, &v, &failed);
            if (failed) return L->err->code;
            if (!(r->args[k].name = istrndup(L, ks.u.s, ks.len))) return oom(L);
            if (rc == LP_EV_OK && !arg_value(L, &r->args[k], v, &rt) && !rt) return oom(L);
            if (rc == LP_EV_UNRESOLVED && keep_expr(L, f, e->u.object.items[i].value, &r->args[k]) != 0)
                return oom(L);
            k++;
        }
        if (k > 1) qsort(r->args, k, sizeof *r->args, arg_cmp);
        r->nargs = k;
        return 0;
    }
    /* any other expression: evaluated whole */
    lpv_value v;
    int rc = eval(L, s, f, e, &v, &failed);
    if (failed) return L->err->code;
    if (rc != LP_EV_OK) return 0;
    if (lpv_is_seq(v)) {
        r->args_list = 1;
        r->args = izalloc(L, (v.len ? v.len : 1) * sizeof *r->args);
        if (!r->args) return oom(L);
        for (uint32_t i = 0; i < v.len; i++)
            if (!arg_value(L, &r->args[i], v.u.elems[i], &rt) && !rt) return oom(L);
        r->nargs = v.len;
    } else if (lpv_is_obj(v)) {
        r->args = izalloc(L, (v.len ? v.len : 1) * sizeof *r->args);
        if (!r->args) return oom(L);
        for (uint32_t i = 0; i < v.len; i++) {
            if (!(r->args[i].name = istrndup(L, v.u.attrs[i].key, v.u.attrs[i].klen))) return oom(L);
            if (!arg_value(L, &r->args[i], v.u.attrs[i].val, &rt) && !rt) return oom(L);
        }
        r->nargs = v.len;
    }
    return 0;
}

static int do_param(ld_load *L, lp_resource *r, const ev_scope *s, const hcl_file *f, const hcl_block *b)
{
    ld_param *p = &r->params[r->nparams++];
    memset(p, 0, sizeof *p);
    if (!(p->name = istrndup(L, b->nlabels ? b->labels[0].p : "", b->nlabels ? b->labels[0].len : 0)))
        return oom(L);
    for (uint32_t i = 0; b->body && i < b->body->nattrs; i++) {
        const hcl_attr *at = &b->body->attrs[i];
        int isdesc = str_is(at->name, "description");
        if (!isdesc && !str_is(at->name, "default")) continue;
        lpv_value v;
        int failed, rt;
        int rc = eval(L, s, f, at->expr, &v, &failed);
        if (failed) return L->err->code;
        if (rc != LP_EV_OK || v.kind == LPV_NULL) continue;
        const char *t = value_text(L, v, &rt);
        if (!t && !rt) return oom(L);
        if (isdesc) p->description = t;
        else p->def = t;
    }
    return 0;
}

/* A block that is no resource of its own: its attributes and blocks, evaluated. */
static int do_block(ld_load *L, ld_block *out, const ev_scope *s, const hcl_file *f, const hcl_block *b,
                    int depth)
{
    memset(out, 0, sizeof *out);
    if (!(out->type = istrndup(L, b->type.p, b->type.len))) return oom(L);
    if (b->nlabels && !(out->label = istrndup(L, b->labels[0].p, b->labels[0].len))) return oom(L);
    out->start_line = b->range.line;
    out->end_line = b->range.end_line;
    const hcl_body *body = b->body;
    if (!body) return 0;
    out->attrs = ialloc(L, (body->nattrs ? body->nattrs : 1) * sizeof *out->attrs);
    out->blocks = ialloc(L, (body->nblocks ? body->nblocks : 1) * sizeof *out->blocks);
    if (!out->attrs || !out->blocks) return oom(L);
    for (uint32_t i = 0; i < body->nattrs; i++) {
        lpv_value v;
        int failed;
        int rc = eval(L, s, f, body->attrs[i].expr, &v, &failed);
        if (failed) return L->err->code;
        if (rc != LP_EV_OK) continue;
        if (keep_attr(L, body->attrs[i].name.p, body->attrs[i].name.len, v, &out->attrs[out->nattrs]) != 0)
            return L->err->code;
        out->nattrs++;
    }
    for (uint32_t i = 0; i < body->nblocks && depth < 32; i++)
        if (do_block(L, &out->blocks[out->nblocks++], s, f, &body->blocks[i], depth + 1) != 0)
            return L->err->code;
    return 0;
}

/* A with, node or edge block's `args`, as a resource's. */
static int do_block_args(ld_load *L, ld_block *out, const ev_scope *s, const hcl_file *f, const hcl_block *b)
{
    for (uint32_t j = 0; b->body && j < b->body->nattrs; j++) {
        if (!str_is(b->body->attrs[j].name, "args")) continue;
        lp_resource a;   /* do_args fills a resource's fields */
        memset(&a, 0, sizeof a);
        if (do_args(L, &a, s, f, b->body->attrs[j].expr) != 0) return -1;
        out->args = a.args;
        out->nargs = a.nargs;
        out->args_list = a.args_list;
        out->has_args = 1;
    }
    return 0;
}

static const ld_attr *attr_of(const lp_resource *r, const char *name)
{
    for (uint32_t i = 0; i < r->nattrs; i++)
        if (!strcmp(r->attrs[i].name, name)) return &r->attrs[i];
    return NULL;
}

/* `base`: what the resource leaves unset comes from its base (eager's
 * SetBaseProperties): attributes, tags merged (own win), sql, query,
 * params, args and blocks. */
static int inherit(ld_load *L, lp_resource *r, const lp_resource *b)
{
    uint32_t extra = 0;
    for (uint32_t i = 0; i < b->nattrs; i++) extra += !attr_of(r, b->attrs[i].name);
    if (extra) {
        ld_attr *a = ialloc(L, (r->nattrs + extra) * sizeof *a);
        if (!a) return oom(L);
        if (r->nattrs) memcpy(a, r->attrs, r->nattrs * sizeof *a);
        uint32_t k = r->nattrs;
        for (uint32_t i = 0; i < b->nattrs; i++)
            if (!attr_of(r, b->attrs[i].name)) a[k++] = b->attrs[i];
        r->attrs = a;
        r->nattrs = k;
    }
    if (b->ntags) {
        idx_tag *t = ialloc(L, (r->ntags + b->ntags) * sizeof *t);
        if (!t) return oom(L);
        uint32_t k = r->ntags;
        if (k) memcpy(t, r->tags, k * sizeof *t);
        for (uint32_t i = 0; i < b->ntags; i++) {
            int have = 0;
            for (uint32_t j = 0; j < r->ntags && !have; j++) have = !strcmp(r->tags[j].key, b->tags[i].key);
            if (!have) t[k++] = b->tags[i];
        }
        qsort(t, k, sizeof *t, tag_cmp);
        r->tags = t;
        r->ntags = k;
        r->has_tags = 1;
    }
    if (!r->sql && !r->query) {
        r->sql_own = b->sql_own;
        r->sql = b->sql;
        r->query = b->query;
    }
    if (!r->nparams) {
        r->params = b->params;
        r->nparams = b->nparams;
    }
    if (!r->has_args && b->has_args) {
        r->has_args = 1;
        r->args_list = b->args_list;
        r->args = b->args;
        r->nargs = b->nargs;
    }
    if (!r->nblocks) {
        r->blocks = b->blocks;
        r->nblocks = b->nblocks;
    }
    return 0;
}

/* A reference loaded after the block's tree goes: a node or edge block's
 * `base` or `category` (block: which one; UINT32_MAX: the resource's own `category`) */
typedef struct ld_base {
    uint32_t block, id, is_category;
} ld_base;

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

/* The error "circular dependency detected: a -> b -> a" from the stack. */
static int cycle_error(ld_load *L, uint32_t id)
{
    const lp_workspace *ws = L->ws;
    char msg[sizeof L->err->message];
    size_t k = (size_t)snprintf(msg, sizeof msg, "circular dependency detected: ");
    uint32_t i = 0;
    while (i < L->depth && L->stack[i] != id) i++;
    for (; i < L->depth && k < sizeof msg; i++)
        k += (size_t)snprintf(msg + k, sizeof msg - k, "%s -> ",
                              idx_str(ws, idx_tab(ws)->entries[L->stack[i]].name));
    if (k < sizeof msg) snprintf(msg + k, sizeof msg - k, "%s", idx_str(ws, idx_tab(ws)->entries[id].name));
    return err_set_first(L->err, LP_ERR_CYCLE, "%s", msg);
}

/* Does entry id have a child whose block starts at byte `abs` of its file? */
static int is_child_block(const lp_workspace *ws, uint32_t id, uint32_t abs)
{
    for (uint32_t i = 0; i < idx_tab(ws)->entries[id].nchild; i++) {
        uint32_t c = idx_child(ws, id, i);
        if (c != LP_NO_ENTRY && idx_tab(ws)->entries[c].byte_offset == abs &&
            idx_tab(ws)->entries[c].file == idx_tab(ws)->entries[id].file)
            return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ references */

/* pipe-fittings schema.ReferenceBlocks, in its order: the first type a
 * traversal names wins (hclhelpers.ResourceNameFromTraversal). */
static const char *const REF_TYPES[] = {
    "mod",   "query", "control",   "benchmark", "dashboard", "container", "card",  "chart",    "flow",
    "graph", "hierarchy", "image", "input",     "table",     "text",      "param", "category", "with",
};

typedef struct ref_walk {
    ld_load *L;
    const char *src;             /* the file, or whole lines of it around the block */
    size_t len, base;            /* src's length; the parsed block's offset in it */
    const hcl_attr *attr;
    const char *block_type, *block_name;
    ld_ref *refs;
    uint32_t n, cap;
    const hcl_expr *skip;        /* an object key's bare name: no variable (hclsyntax) */
    const char *source, *attr_name;   /* the current attribute's, once it has a reference */
    int failed;
} ref_walk;

/* hclhelpers.TraversalAsString: the root and each step's name or key, joined by dots, into buf;
 * -1 when it does not fit (no resource name is that long) */
static int trav_string(const hcl_expr *e, char *buf, size_t size)
{
    size_t n = 0;
    const hcl_str root = e->u.trav.root;
    if (root.len >= size) return -1;
    memcpy(buf, root.p, root.len);
    n = root.len;
    for (uint32_t i = 0; i < e->u.trav.n; i++) {
        const hcl_step *st = &e->u.trav.steps[i];
        hcl_str part = { "", 0 };
        if (st->kind == HCL_STEP_ATTR) part = st->name;
        else if (st->key && st->key->kind == HCL_EXPR_LITERAL) part = st->key->u.lit.text;
        if (n + 1 + part.len >= size) return -1;
        buf[n++] = '.';
        memcpy(buf + n, part.p, part.len);
        n += part.len;
    }
    buf[n] = 0;
    return 0;
}

/* The part of s (dot-separated) a reference keeps: all of var.*, type.name or mod.type.name. */
static size_t ref_prefix(const char *s)
{
    const char *d1 = strchr(s, '.'), *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
    const char *d3 = d2 ? strchr(d2 + 1, '.') : NULL;
    size_t l0 = d1 ? (size_t)(d1 - s) : strlen(s);
    if (l0 == 3 && !memcmp(s, "var", 3)) return strlen(s);
    for (size_t t = 0; t < sizeof REF_TYPES / sizeof *REF_TYPES; t++) {
        size_t tl = strlen(REF_TYPES[t]);
        if (d1 && l0 == tl && !memcmp(s, REF_TYPES[t], tl)) return d2 ? (size_t)(d2 - s) : strlen(s);
        if (d2 && (size_t)(d2 - d1 - 1) == tl && !memcmp(d1 + 1, REF_TYPES[t], tl))
            return d3 ? (size_t)(d3 - s) : strlen(s);
    }
    return 0;
}

/* [*s0, *s1): the whole lines holding bytes [a, b) of src (pipe-fittings getSourceDefinition) */
static void whole_lines(const char *src, size_t len, size_t a, size_t b, const char **s0, const char **s1)
{
    while (a > 0 && src[a - 1] != '\n') a--;
    if (b > len) b = len;
    while (b < len && src[b] != '\n') b++;
    *s0 = src + a;
    *s1 = src + b;
}

/* [*s0, *s1): the source definition of the block of n bytes at `at` in src: its text trimmed, on
 * whole lines */
static void source_span(const char *src, size_t len, size_t at, size_t n, const char **s0, const char **s1)
{
    const char *a = src + at, *b = a + n;
    while (a < b && is_space(*a)) a++;
    while (b > a && is_space(b[-1])) b--;
    whole_lines(src, len, (size_t)(a - src), (size_t)(b - src), s0, s1);
}

static void ref_visit(hcl_expr *e, void *user)
{
    ref_walk *w = user;
    if (w->failed) return;
    if (e->kind == HCL_EXPR_OBJECT_KEY && !e->u.key.force_non_literal && e->u.key.wrapped &&
        e->u.key.wrapped->kind == HCL_EXPR_SCOPE_TRAV && e->u.key.wrapped->u.trav.n == 0)
        w->skip = e->u.key.wrapped;
    if (e->kind != HCL_EXPR_SCOPE_TRAV || e == w->skip) return;
    char t[1024];
    size_t keep = trav_string(e, t, sizeof t) == 0 ? ref_prefix(t) : 0;
    if (!keep) return;
    if (w->n == w->cap) {
        uint32_t nc = w->cap ? 2 * w->cap : 4;
        ld_ref *nr = ialloc(w->L, nc * sizeof *nr);
        if (!nr) {
            w->failed = 1;
            return;
        }
        if (w->n) memcpy(nr, w->refs, w->n * sizeof *nr);
        w->refs = nr;
        w->cap = nc;
    }
    const hcl_attr *a = w->attr;
    if (!w->source) {
        /* once per attribute: every reference of it repeats its whole text (a benchmark's
         * `children` of N items would otherwise hold N copies) */
        const char *s0, *s1;
        whole_lines(w->src, w->len, w->base + a->range.start, w->base + a->range.end, &s0, &s1);
        w->source = istrndup(w->L, s0, (size_t)(s1 - s0));
        w->attr_name = istrndup(w->L, a->name.p, a->name.len);
        if (!w->source || !w->attr_name) {
            w->failed = 1;
            return;
        }
    }
    ld_ref *r = &w->refs[w->n];
    r->to = istrndup(w->L, t, keep);
    r->attr = w->attr_name;
    r->block_type = w->block_type;
    r->block_name = w->block_name;
    r->source = w->source;
    r->start_line = a->range.line;
    r->end_line = a->range.end_line;
    if (!r->to) w->failed = 1;
    else w->n++;
}

/* The references of one block's attributes (source order: Go's map order is random). */
static void block_refs(ref_walk *w, const hcl_block *b)
{
    char *ty = istrndup(w->L, b->type.p, b->type.len);
    char *nm = istrndup(w->L, b->nlabels ? b->labels[0].p : "", b->nlabels ? b->labels[0].len : 0);
    if (!ty || !nm) {
        w->failed = 1;
        return;
    }
    w->block_type = ty;
    w->block_name = nm;
    for (uint32_t i = 0; b->body && i < b->body->nattrs && !w->failed; i++) {
        w->attr = &b->body->attrs[i];
        w->skip = NULL;
        w->source = w->attr_name = NULL;
        hcl_expr_walk(b->body->attrs[i].expr, ref_visit, w);
    }
}

/* A resource's references: its block's attributes, then its param blocks' (decodeQueryProviderBlocks). */
static int collect_refs(ld_load *L, lp_resource *r, const hcl_block *blk, const char *src, size_t len,
                        size_t base)
{
    ref_walk w = { L, src, len, base, NULL, NULL, NULL, NULL, 0, 0, NULL, NULL, NULL, 0 };
    block_refs(&w, blk);
    for (uint32_t i = 0; blk->body && i < blk->body->nblocks && !w.failed; i++)
        if (str_is(blk->body->blocks[i].type, "param")) block_refs(&w, &blk->body->blocks[i]);
    r->refs = w.refs;
    r->nrefs = w.n;
    return w.failed ? -1 : 0;
}

/* What the steps of build share: the entry, its block as parsed, the scope
 * its expressions are evaluated in, and the resources it names that are
 * loaded once its tree is dropped (base_id, bases). */
typedef struct build_ctx {
    ld_load *L;
    const lp_workspace *ws;
    uint32_t id, mod;
    const idx_entry *e;
    const char *name, *path;
    const char *src;             /* the file's bytes around the block (until the scratch is rewound) */
    size_t len;
    size_t at;                   /* the block's offset in src */
    hcl_file *f;
    const hcl_block *blk;
    ev_scope s;
    uint32_t base_id;            /* `base = x`, or LP_NO_ENTRY */
    ld_base *bases;              /* categories and blocks' bases, loaded after the tree goes */
    uint32_t nbase, maxbase;
    uint32_t *computed;          /* a computed `children` (LP_UNRES_CHILDREN), evaluated: entry ids */
    uint32_t ncomputed;
    int has_computed;
    char ref[1024];
} build_ctx;

/* Parse the entry's block where the index found it.  -1: failed (L->err). */
static int build_parse(build_ctx *b)
{
    ld_load *L = b->L;
    const idx_entry *e = b->e;
    if (block_bytes(L, e, &b->src, &b->len, &b->at) != 0) return -1;
    const char *src = b->src, *path = b->path, *name = b->name;
    /* the block's column: the index keeps its line; the parser counts columns in grapheme clusters */
    size_t ls = b->at;
    while (ls > 0 && src[ls - 1] != '\n') ls--;
    uint32_t col = 1 + hcl_count_clusters(src + ls, b->at - ls);
    hcl_file *f = b->f = ar_alloc(&L->w->scratch, sizeof *f);
    if (!f || hcl_parse_at(path, src + b->at, e->byte_length, e->start_line, col, &L->w->scratch,
                           f) != 0) {
        oom(L);
        return -1;
    }
    for (uint32_t i = 0; i < f->ndiags; i++) {
        const hcl_diag *d = &f->diags[i];
        if (d->severity != HCL_DIAG_ERROR) continue;
        err_set_first(L->err, LP_ERR_SYNTAX, "%s:%u:%u: %s; %s (loading %s)", path, d->range.line,
                      d->range.col, d->summary, d->detail ? d->detail : "", name);
        return -1;
    }
    const char *type = idx_kind_names[e->kind];
    for (uint32_t i = 0; f->body && i < f->body->nblocks && !b->blk; i++)
        if (str_is(f->body->blocks[i].type, type)) b->blk = &f->body->blocks[i];
    if (!b->blk) {
        err_set_first(L->err, LP_ERR_IO, "%s: no %s block where the index found %s", path, type, name);
        return -1;
    }
    return 0;
}

/* A `children` that is no list of references written out (concat(local.x, local.y), a conditional, a
 * local): evaluated as Powerpipe's full load evaluates it, each item a resource whose name the index
 * knows, into b->computed (the index's hierarchy has none for it: LP_UNRES_CHILDREN, as Powerpipe's
 * lazy listing shows none).  A run-time or null value is no children.  -1: failed (L->err). */
static int computed_children(build_ctx *b, const hcl_attr *at)
{
    ld_load *L = b->L;
    lpv_value v;
    int failed;
    int rc = eval(L, &b->s, b->f, at->expr, &v, &failed);
    if (failed) return -1;
    b->has_computed = 1;
    if (rc != LP_EV_OK || v.kind == LPV_NULL) return 0;
    hcl_range where = at->expr->range;
    if (!lpv_is_seq(v)) {
        err_set_first(L->err, LP_ERR_EVAL, "%s:%u:%u: Invalid children: %s's children must be a list of "
                      "resources", b->path, where.line, where.col, b->name);
        return -1;
    }
    if (!(b->computed = ialloc(L, ((size_t)v.len + 1) * sizeof *b->computed))) {
        oom(L);
        return -1;
    }
    for (uint32_t i = 0; i < v.len; i++) {
        uint32_t id = rs_child_id(b->ws, v.u.elems[i]);
        if (id == LP_NO_ENTRY) {
            err_set_first(L->err, LP_ERR_EVAL, "%s:%u:%u: Invalid child: item %u of %s's children is not a "
                          "resource, such as control.my_control", b->path, where.line, where.col, i, b->name);
            return -1;
        }
        b->computed[b->ncomputed++] = id;
    }
    return 0;
}

/* The block's attributes: args, the query and base references, the tags and
 * every other attribute evaluated.  -1: failed. */
static int build_attrs(build_ctx *b, lp_resource *r)
{
    ld_load *L = b->L;
    const lp_workspace *ws = b->ws;
    const idx_entry *e = b->e;
    const hcl_body *body = b->blk->body;
    uint32_t na = body ? body->nattrs : 0;
    for (uint32_t i = 0; i < na; i++) {
        const hcl_attr *at = &body->attrs[i];
        sch_id row = sch_find(at->name.p, at->name.len);
        if (sch_attrs[row].store == SCH_ST_CHILDREN) {   /* the index's hierarchy, or computed */
            if ((e->unresolved & LP_UNRES_CHILDREN) && computed_children(b, at) != 0) return -1;
            continue;
        }
        if (str_is(at->name, "args")) {
            if (do_args(L, r, &b->s, b->f, at->expr) != 0) return -1;
            continue;
        }
        if ((row == SCH_QUERY || str_is(at->name, "base")) &&
            trav_name(ws, b->mod, at->expr, b->ref, sizeof b->ref) == 0) {
            int isq = row == SCH_QUERY;
            uint32_t to = idx_lookup(ws, b->ref, strlen(b->ref));
            if (to == LP_NO_ENTRY) {
                err_set_first(L->err, LP_ERR_NOT_FOUND,
                              "loading %s %s of %s: resource not found in index: %s", isq ? "query" : "base",
                              b->ref, b->name, b->ref);
                return -1;
            }
            if (isq) r->query = idx_str(ws, idx_tab(ws)->entries[to].name);
            else {
                r->base = idx_str(ws, idx_tab(ws)->entries[to].name);
                b->base_id = to;
            }
            continue;
        }
        if ((e->kind == LP_KIND_NODE || e->kind == LP_KIND_EDGE) && row == SCH_CATEGORY &&
            trav_name(ws, b->mod, at->expr, b->ref, sizeof b->ref) == 0) {
            uint32_t to = idx_lookup(ws, b->ref, strlen(b->ref));   /* loaded below, as eager enriches it */
            if (to != LP_NO_ENTRY) b->bases[b->nbase++] = (ld_base){ UINT32_MAX, to, 1 };
        }
        lpv_value v;
        int failed;
        int rc = eval(L, &b->s, b->f, at->expr, &v, &failed);
        if (failed) return -1;
        if (rc != LP_EV_OK) continue;             /* a run-time value */
        if (sch_attrs[row].store == SCH_ST_TAGS) {
            if (do_tags(L, r, v, b->f, at->expr->range) != 0) return -1;
            continue;
        }
        if (keep_attr(L, at->name.p, at->name.len, v, &r->attrs[r->nattrs]) != 0) return -1;
        if (row == SCH_SQL) {   /* kept apart (SCH_APART) */
            r->sql = r->attrs[r->nattrs].text;
            r->sql_own = r->sql != NULL;
        }
        else r->nattrs++;
    }
    return 0;
}

/* A tags block: its attributes are the tags.  -1: failed. */
static int build_tags_block(build_ctx *b, lp_resource *r, const hcl_block *blk)
{
    ld_load *L = b->L;
    lpv_attr *ta = ar_alloc(&L->w->scratch, (blk->body->nattrs + 1) * sizeof *ta);
    if (!ta) {
        oom(L);
        return -1;
    }
    uint32_t k = 0;
    for (uint32_t j = 0; j < blk->body->nattrs; j++) {
        int failed;
        lpv_value v;
        int rc = eval(L, &b->s, b->f, blk->body->attrs[j].expr, &v, &failed);
        if (failed) return -1;
        if (rc != LP_EV_OK) continue;
        ta[k].key = blk->body->attrs[j].name.p;
        ta[k].klen = blk->body->attrs[j].name.len;
        ta[k++].val = v;
    }
    return do_tags(L, r, lpv_obj(LPV_MAP, ta, k), b->f, blk->range);
}

/* A graph's node, edge or category block: its text, its args, and the
 * resources its `base` and `category` name (loaded once the tree goes).
 * -1: failed. */
static int build_graph_block(build_ctx *b, lp_resource *r, const hcl_block *blk)
{
    ld_load *L = b->L;
    const char *t0, *t1;   /* whole lines, as eager's metadata of the resource it makes */
    size_t b0 = b->at + blk->range.start, b1 = b->at + blk->range.end;
    whole_lines(b->src, b->len, b0, b1, &t0, &t1);
    if (!(r->blocks[r->nblocks - 1].source = istrndup(L, t0, (size_t)(t1 - t0)))) {
        oom(L);
        return -1;
    }
    if (do_block_args(L, &r->blocks[r->nblocks - 1], &b->s, b->f, blk) != 0) return -1;
    /* `base = node.x`: eager's node takes x's unset fields (category, query...);
     * x is loaded below, once this block's tree is dropped */
    for (uint32_t j = 0; blk->body && j < blk->body->nattrs; j++) {
        int iscat = str_is(blk->body->attrs[j].name, "category");
        if ((!iscat && !str_is(blk->body->attrs[j].name, "base")) || str_is(blk->type, "category") ||
            trav_name(b->ws, b->mod, blk->body->attrs[j].expr, b->ref, sizeof b->ref) != 0)
            continue;
        uint32_t to = idx_lookup(b->ws, b->ref, strlen(b->ref));
        if (to != LP_NO_ENTRY && b->nbase < b->maxbase)
            b->bases[b->nbase++] = (ld_base){ r->nblocks - 1, to, (uint32_t)iscat };
    }
    return 0;
}

/* The block's blocks: params, tags, and every block that is not a child
 * entry of its own.  -1: failed. */
static int build_blocks(build_ctx *b, lp_resource *r)
{
    ld_load *L = b->L;
    const idx_entry *e = b->e;
    const hcl_body *body = b->blk->body;
    uint32_t nb = body ? body->nblocks : 0;
    for (uint32_t i = 0; i < nb; i++) {
        const hcl_block *blk = &body->blocks[i];
        if (str_is(blk->type, "param")) {
            if (do_param(L, r, &b->s, b->f, blk) != 0) return -1;
            continue;
        }
        if (is_child_block(b->ws, b->id, e->byte_offset + blk->range.start)) continue;
        if (str_is(blk->type, "tags") && blk->body) {
            if (build_tags_block(b, r, blk) != 0) return -1;
            continue;
        }
        if (do_block(L, &r->blocks[r->nblocks++], &b->s, b->f, blk, 0) != 0) return -1;
        r->blocks[r->nblocks - 1].owner = r;
        if (str_is(blk->type, "with")) {   /* its text: the server's run of it shows it */
            const char *t0 = b->src + b->at + blk->range.start;
            const char *t1 = b->src + b->at + blk->range.end;
            if (!(r->blocks[r->nblocks - 1].source = istrndup(L, t0, (size_t)(t1 - t0)))) {
                oom(L);
                return -1;
            }
        }
        int graph = e->kind == LP_KIND_FLOW || e->kind == LP_KIND_GRAPH || e->kind == LP_KIND_HIERARCHY;
        int res = str_is(blk->type, "node") || str_is(blk->type, "edge") || str_is(blk->type, "category");
        if (str_is(blk->type, "with") && do_block_args(L, &r->blocks[r->nblocks - 1], &b->s, b->f, blk) != 0)
            return -1;
        if (graph && res && build_graph_block(b, r, blk) != 0) return -1;
    }
    return 0;
}

/* What the block named, loaded now that its tree is gone: its base, the
 * categories and bases of its blocks, its query's SQL, its children.
 * -1: failed. */
static int build_links(build_ctx *b, lp_resource *r)
{
    ld_load *L = b->L;
    const lp_workspace *ws = b->ws;
    if (b->base_id != LP_NO_ENTRY) {
        const lp_resource *base = node_load(L, b->base_id);
        if (!base || inherit(L, r, base) != 0) return -1;
    }
    for (uint32_t i = 0; i < b->nbase; i++) {
        const lp_resource *base = node_load(L, b->bases[i].id);
        if (!base) return -1;
        if (b->bases[i].block == UINT32_MAX) r->category = base;
        else if (b->bases[i].is_category) r->blocks[b->bases[i].block].category = base;
        else r->blocks[b->bases[i].block].base = base;
    }
    if (r->query && !r->sql) {
        uint32_t q = idx_lookup(ws, r->query, strlen(r->query));
        idx_view v;
        idx_view_get(ws, q, &v);
        if (!(v.unresolved & LP_UNRES_SQL) && v.sql[0]) {
            r->sql = v.sql;                       /* phase 2's value: the workspace outlives the handle */
        } else {
            const lp_resource *qr = node_load(L, q);
            if (!qr) return -1;
            r->sql = qr->sql;
        }
    }
    uint32_t nc = b->has_computed ? b->ncomputed : b->e->nchild;
    r->child_names = ialloc(L, (nc ? nc : 1) * sizeof *r->child_names);
    r->children = ialloc(L, (nc ? nc : 1) * sizeof *r->children);
    if (!r->child_names || !r->children) {
        oom(L);
        return -1;
    }
    for (uint32_t i = 0; i < nc; i++) {
        uint32_t c = b->has_computed ? b->computed[i] : idx_child(ws, b->id, i);
        r->child_names[i] = b->has_computed ? idx_str(ws, idx_tab(ws)->entries[c].name)
                                            : lp_entry_child_name(ws, b->id, i);
        if (c == LP_NO_ENTRY) {
            err_set_first(L->err, LP_ERR_NOT_FOUND, "loading child %s of %s: resource not found in index: %s",
                          r->child_names[i], b->name, r->child_names[i]);
            return -1;
        }
        lp_resource *cr = node_load(L, c);
        if (!cr) return -1;
        r->children[r->nchildren++] = cr;
    }
    r->nchild_names = nc;
    return 0;
}

static lp_resource *build(ld_load *L, uint32_t id)
{
    build_ctx b = { .L = L, .ws = L->ws, .id = id, .base_id = LP_NO_ENTRY };
    const lp_workspace *ws = L->ws;
    const idx_entry *e = b.e = &idx_tab(ws)->entries[id];
    b.name = idx_str(ws, e->name);
    b.path = idx_str(ws, idx_tab(ws)->files[e->file].path);
    ar_mark mark;
    ar_mark_get(&L->w->scratch, &mark);
    if (build_parse(&b) != 0) return NULL;

    lp_resource *r = izalloc(L, sizeof *r);
    if (!r) {
        oom(L);
        return NULL;
    }
    r->id = id;
    r->kind = e->kind;
    r->name = b.name;
    r->item = L->it;
    const char *s0, *s1;
    source_span(b.src, b.len, b.at, e->byte_length, &s0, &s1);
    if (!(r->source = istrndup(L, s0, (size_t)(s1 - s0))) ||
        collect_refs(L, r, b.blk, b.src, b.len, b.at) != 0) {
        oom(L);
        return NULL;
    }

    b.mod = idx_mod_of(ws, e);
    ld_scope_user u = { L, b.mod };
    rs_scope_src ssrc;
    ld_scope(&b.s, &ssrc, &u);
    const hcl_body *body = b.blk->body;
    uint32_t na = body ? body->nattrs : 0, nb = body ? body->nblocks : 0;
    r->attrs = ialloc(L, (na ? na : 1) * sizeof *r->attrs);
    r->blocks = ialloc(L, (nb ? nb : 1) * sizeof *r->blocks);
    r->params = ialloc(L, (nb ? nb : 1) * sizeof *r->params);
    b.bases = ar_alloc(&L->w->memo, (2 * nb + 1) * sizeof *b.bases);
    b.maxbase = 2 * nb;
    if (!r->attrs || !r->blocks || !r->params || !b.bases) {
        oom(L);
        return NULL;
    }
    if (build_attrs(&b, r) != 0 || build_blocks(&b, r) != 0) return NULL;
    /* what the block gave is in the item: its tree and temporaries go (so a
     * tree's load holds one block's at a time), and src with them: the
     * entries below may read other files into the same buffer */
    ar_rewind(&L->w->scratch, &mark);
    b.src = NULL;
    b.f = NULL;
    return build_links(&b, r) != 0 ? NULL : r;
}

static lp_resource *node_load(ld_load *L, uint32_t id)
{
    ld_slot *done = map_find(&L->nodes, id);
    if (done) return done->p;
    for (uint32_t i = 0; i < L->depth; i++)
        if (L->stack[i] == id) {
            cycle_error(L, id);
            return NULL;
        }
    if (L->depth == LD_MAX_DEPTH) {
        err_set_first(L->err, LP_ERR_ARG, "loading %s: the tree is deeper than %u levels",
                      idx_str(L->ws, idx_tab(L->ws)->entries[L->stack[0]].name), LD_MAX_DEPTH);
        return NULL;
    }
    if (idx_tab(L->ws)->entries[id].kind == LP_KIND_VARIABLE) {
        err_set_first(L->err, LP_ERR_ARG, "%s is a variable, not a resource",
                      idx_str(L->ws, idx_tab(L->ws)->entries[id].name));
        return NULL;
    }
    L->stack[L->depth++] = id;
    lp_resource *r = build(L, id);
    L->depth--;
    if (r && map_put(&L->nodes, &L->w->memo, id, r, 0) != 0) {
        oom(L);
        return NULL;
    }
    return r;
}

int ld_materialise(const ld_env *env, uint32_t id, ld_work *w, ld_item **out, lp_error *err)
{
    lp_error local;
    if (!err) err = &local;
    memset(err, 0, sizeof *err);
    *out = NULL;
    ld_item *it = mem_calloc(1, sizeof *it);
    if (!it) return err_set_first(err, LP_ERR_NOMEM, "out of memory");
    /* a lone resource takes a few KB: the first chunk fits it, a tree grows from there */
    ar_init(&it->arena, 4096);
    it->id = id;
    ld_load L = { .env = env, .ws = env->ws, .w = w, .it = it, .err = err, .cur_file = UINT32_MAX };
    ar_reset(&w->scratch);
    ar_reset(&w->memo);
    it->root = node_load(&L, id);
    ar_reset(&w->scratch);
    ar_reset(&w->memo);
    if (!it->root) {
        ld_item_free(it);
        return err->code ? err->code : err_set_first(err, LP_ERR_INTERNAL, "load failed");
    }
    it->bytes = it->arena.reserved + sizeof *it;
    *out = it;
    return LP_OK;
}

int ld_source(const ld_env *env, uint32_t id, ld_work *w, lp_buf *out, lp_error *err)
{
    const lp_workspace *ws = env->ws;
    const idx_entry *e = &idx_tab(ws)->entries[id];
    ld_load L = { .env = env, .ws = ws, .w = w, .err = err, .cur_file = UINT32_MAX };
    const char *src, *s0, *s1;
    size_t len, at;
    if (block_bytes(&L, e, &src, &len, &at) != 0) return err->code ? err->code : LP_ERR_IO;
    source_span(src, len, at, e->byte_length, &s0, &s1);
    const char *nul = memchr(s0, '\0', (size_t)(s1 - s0));   /* (as the resource's C string ends) */
    lp_buf_put(out, s0, (size_t)((nul ? nul : s1) - s0));
    return out->oom ? err_set_first(err, LP_ERR_NOMEM, "out of memory") : LP_OK;
}

void ld_item_free(ld_item *it)
{
    if (!it) return;
    ar_free(&it->arena);
    mem_free(it, sizeof *it);
}

/* ------------------------------------------------------------ the mod block */

/* The `database` attribute of mod block b, or of its `require { mod "<dep>" {...} }` when dep is set. */
static const hcl_attr *database_attr(const hcl_block *b, const char *dep)
{
    const hcl_body *body = b->body;
    for (uint32_t k = 0; !dep && k < body->nattrs; k++)
        if (str_is(body->attrs[k].name, "database")) return &body->attrs[k];
    for (uint32_t i = 0; dep && i < body->nblocks; i++) {
        const hcl_block *req = &body->blocks[i];
        if (!str_is(req->type, "require") || !req->body) continue;
        for (uint32_t j = 0; j < req->body->nblocks; j++) {
            const hcl_block *m = &req->body->blocks[j];
            if (!str_is(m->type, "mod") || m->nlabels != 1 || !str_is(m->labels[0], dep) || !m->body)
                continue;
            for (uint32_t k = 0; k < m->body->nattrs; k++)
                if (str_is(m->body->attrs[k].name, "database")) return &m->body->attrs[k];
        }
    }
    return NULL;
}

int ld_mod_file_parse(const lp_workspace *ws, uint32_t mod, ld_work *w, hcl_file *f, const char **path,
                      size_t *size, lp_error *err)
{
    const char *root = idx_str(ws, idx_tab(ws)->mods[mod].root);
    char *p = NULL;
    size_t n = 0;
    srcfile_info info;
    int rc = -1;
    /* the file the index found: mod.pp, else the legacy mod.sp */
    for (int i = 0; i < 2 && rc != 0; i++) {
        p = srcfile_join(&w->scratch, root, i ? "mod.sp" : "mod.pp", 6);
        if (!p) return err_set_first(err, LP_ERR_NOMEM, "out of memory");
        rc = srcfile_read(p, &w->buf, &n, &info);
        if (rc != 0 && info.err == ENOMEM) return err_set_first(err, LP_ERR_NOMEM, "out of memory");
    }
    if (rc != 0) return err_set_first(err, LP_ERR_NOT_FOUND, "%s: no mod file", root);
    if (hcl_parse(p, w->buf.p, n, &w->scratch, f) != 0)
        return err_set_first(err, LP_ERR_NOMEM, "out of memory");
    *path = p;
    *size = n;
    return LP_OK;
}

int ld_mod_database(const ld_env *env, uint32_t mod, const char *dep, ld_work *w, lp_buf *out, lp_error *err)
{
    const lp_workspace *ws = env->ws;
    ar_reset(&w->scratch);
    const char *path;
    size_t n;
    hcl_file f;
    int rc = ld_mod_file_parse(ws, mod, w, &f, &path, &n, err);
    if (rc != LP_OK) return rc;
    const hcl_attr *at = NULL;
    for (uint32_t i = 0; f.body && i < f.body->nblocks && !at; i++) {
        const hcl_block *b = &f.body->blocks[i];
        if (str_is(b->type, "mod") && b->body) at = database_attr(b, dep);
    }
    if (!at) return err_set_first(err, LP_ERR_NOT_FOUND, "%s: no database", path);
    ld_load L = { .env = env, .ws = ws, .w = w, .err = err, .cur_file = UINT32_MAX };
    ld_scope_user u = { &L, mod };
    ev_scope s;
    rs_scope_src ssrc;
    ld_scope(&s, &ssrc, &u);
    ev_ctx ev;
    ev_init(&ev, &w->scratch, &s, &f);
    lpv_value v;
    int erc = ev_expr(&ev, at->expr, &v);
    if (erc == LP_EV_ERR) {
        lp_diag d;
        char buf[1024], line[1024];
        ev_diag(&ev, &d, buf, sizeof buf);
        lp_diag_format(&d, line, sizeof line);
        return err_set_first(err, strstr(d.summary, "Out of memory") ? LP_ERR_NOMEM : LP_ERR_EVAL, "%s",
                             line);
    }
    /* null, or a value known only at run time (a variable without one): no database of its own */
    if (erc != LP_EV_OK || v.kind == LPV_NULL || v.kind == LPV_UNKNOWN)
        return err_set_first(err, LP_ERR_NOT_FOUND, "%s: no database", path);
    if (v.kind != LPV_STRING)
        return err_set_first(err, LP_ERR_EVAL,
                             "%s:%u:%u: the mod's database must be a connection or a string", path,
                             at->range.line, at->range.col);
    lp_buf_put(out, v.u.s, v.len);
    ar_reset(&w->scratch);
    return out->oom ? err_set_first(err, LP_ERR_NOMEM, "out of memory") : LP_OK;
}

