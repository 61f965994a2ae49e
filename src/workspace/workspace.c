/* workspace.c — lp_open / lp_close: run the phase-1 pipeline (build.h).
 *
 *   1. mod_discover: mods and their sorted file list (opening thread)
 *   2. scan and merge, overlapped: worker threads take files in list order
 *      from an atomic counter (each with a scratch arena for tokens and
 *      syntax tree, reset after every file), read each into the buffer of a
 *      result slot from a pool and leave its result in the slot's arena; the
 *      opening thread merges the results in file order as they come
 *      (index_add_file), scanning files itself when none is ready, and gives
 *      each slot back once its file is merged
 *   3. index_finish: hierarchy (opening thread)
 *   4. diagnostics are stored and handed to the callback in that order
 * The result does not depend on the number of threads or on which thread
 * scanned which file: every output is ordered by file index.
 *
 * A live workspace's build (ws_open_ex, live.c) keeps each file's scan
 * result as a segment (seg.h), copied on the scanning thread, and a
 * refresh's build takes the previous version's segment for every file whose
 * bytes did not change: those files are ready before the build starts and
 * no worker claims them, so only the changed files are read and scanned,
 * and the merge, the hierarchy and everything after run as for a fresh open.
 *
 * A file is read into a buffer that goes with its result arena (a result
 * slot): the scan leaves the strings that are slices of the source where they
 * are (scan.h), and the merge copies them once, into the index.
 *
 * Memory: the index lives in the workspace arena, three grown arrays and the
 * intern heap; a scan result lives only from its file's scan to its merge, so
 * a build's heap peaks at about 1.4x the index it leaves (xlarge10: 39.5 MiB
 * for a 28.4 MiB index; it was 5.6x when every result was kept until one
 * merge at the end).  Every per-thread and per-slot buffer grows
 * geometrically and is reused across files (a slot's source buffer up to
 * SRC_KEEP_MAX), and the grown arrays extrapolate from the files so far, so
 * the allocation calls of a build grow with log(data) per thread plus the
 * result slots in flight, not with the number of resources or tokens
 * (lp_workspace_stats.alloc_calls; the bench compares 1x and 10x resources in
 * the same files).
 */
#include "lazypipe_test.h"
#include "base/err.h"
#include "base/mem.h"
#include "base/srcfile.h"
#include "base/thread.h"
#include "hcl/hcl_ast.h"
#include "workspace/workspace.h"
#include "index/seg.h"
#include "index/skim.h"
#include "image/cachedir.h"
#include "resolve/resolve.h"
#include "image/persist.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS 8
#define CHUNK_MIN (64u * 1024u)
#define SCRATCH_MAX (32u * 1024u * 1024u)
#define RESULT_MAX (8u * 1024u * 1024u)
#define SRC_KEEP_MAX (1024u * 1024u)
#define SCRATCH_KEEP_MAX (8u * 1024u * 1024u)

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* ------------------------------------------------------------ pipeline */

/* A file's result arena and the buffer its source was read into: both live
 * from the file's scan to its merge (the result may point into the source). */
typedef struct result_slot {
    ar_arena arena;
    srcbuf src;
} result_slot;

/* Scanning and merging overlap: worker threads scan files in list order,
 * and the opening thread merges them in that order as they come (scanning
 * too when nothing is ready), so a file's scan result lives only from its
 * scan to its merge.  Results go to arenas from a pool: one is taken per file
 * and reset and put back once the file is merged, so the arenas in use are
 * the few files in flight, not the whole workspace. */
typedef struct pline {
    const mod_set *ms;
    file_outcome *outs;
    _Atomic uint32_t next;       /* next file to scan */
    atomic_int failed;           /* out of memory somewhere: everyone stops */
    pthread_mutex_t mu;
    pthread_cond_t cv;           /* a file was scanned, or the build failed */
    uint8_t *ready;              /* per file: scanned (under mu) */
    result_slot **pool;          /* result slots free for reuse (under mu) */
    uint32_t npool;
    result_slot **all;           /* every result slot (under mu) */
    uint32_t nall, cap_all, cap_pool;   /* pool may lag all when its growth failed */
    uint32_t inuse, limit;       /* slots taken and not given back yet (under mu) */
    /* a live workspace's build (ws_open_ex): files whose segment was taken
     * from the previous version are ready before the build starts, and
     * every file scanned leaves its segment in segs[f] (its own slot) */
    const uint8_t *preset;
    struct seg **segs;
    int64_t read_at_ns;
    const lp_workspace *ws;      /* the version built (its image's segments taken lazily: idx_seg) */
    int from_copies;             /* the image's segments taken lazily merged from copies (merge_copy) */
    struct seg_block *copies;    /* where merge_copy copies each segment in turn */
} pline;

typedef struct worker {
    pline *pl;
    ar_arena scratch;
    result_slot *results;        /* the pool slot of the file being scanned */
    ar_arena capture;            /* phase-2 copies (capture.h); handed to the resolver */
    srcbuf buf;                  /* mod discovery's (the files' go to their slots) */
    scan_worker sw;
    int full_parse;              /* lp_open_full_parse */
    int cap_pinned;              /* a result without a segment points into `capture`: keep it */
    int oom;
    pthread_t thread;
} worker;

static size_t clamp(size_t v, size_t lo, size_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static void pl_fail(pline *pl)
{
    pthread_mutex_lock(&pl->mu);
    atomic_store(&pl->failed, 1);
    pthread_cond_broadcast(&pl->cv);
    pthread_mutex_unlock(&pl->mu);
}

/* A result slot for the next file: a free one, else a new one (NULL: OOM
 * or the build failed).  A worker thread waits while `limit` are in use, so
 * that it cannot run ahead of the merge with the whole workspace in results;
 * the opening thread never waits here (it is the one that gives them back). */
static result_slot *pl_take(pline *pl, int may_wait)
{
    result_slot *a = NULL;
    pthread_mutex_lock(&pl->mu);
    while (may_wait && pl->inuse >= pl->limit && !atomic_load(&pl->failed))
        pthread_cond_wait(&pl->cv, &pl->mu);
    if (atomic_load(&pl->failed)) {
        pthread_mutex_unlock(&pl->mu);
        return NULL;
    }
    if (pl->npool) {
        a = pl->pool[--pl->npool];
    } else {
        if (pl->nall == pl->cap_all || pl->nall == pl->cap_pool) {
            uint32_t cap = pl->nall ? pl->nall * 2 : 8;
            if (pl->cap_all < cap) {
                result_slot **all = mem_realloc(pl->all, pl->cap_all * sizeof *all, cap * sizeof *all);
                if (all) {
                    pl->all = all;
                    pl->cap_all = cap;
                }
            }
            if (pl->cap_pool < cap) {
                result_slot **pool = mem_realloc(pl->pool, pl->cap_pool * sizeof *pool, cap * sizeof *pool);
                if (pool) {
                    pl->pool = pool;
                    pl->cap_pool = cap;
                }
            }
        }
        /* every arena must have its place in the pool to come back to */
        if (pl->nall < pl->cap_all && pl->nall < pl->cap_pool && (a = mem_calloc(1, sizeof *a)) != NULL) {
            ar_init(&a->arena, CHUNK_MIN);
            pl->all[pl->nall++] = a;
        }
    }
    if (a) pl->inuse++;
    pthread_mutex_unlock(&pl->mu);
    return a;
}

/* File i is scanned (its result in outs[i], in slot a). */
static void pl_done(pline *pl, uint32_t i, result_slot *a, int oom)
{
    pthread_mutex_lock(&pl->mu);
    pl->outs[i].slot = a;
    pl->ready[i] = 1;
    if (oom) atomic_store(&pl->failed, 1);
    pthread_cond_broadcast(&pl->cv);
    pthread_mutex_unlock(&pl->mu);
}

/* Give a merged file's slot back to the pool. */
static void pl_give(pline *pl, result_slot *a)
{
    if (!a) return;
    ar_reset(&a->arena);
    /* the slots in flight each hold the largest file they read: a buffer
     * grown for an unusually big file is not kept */
    if (a->src.cap > SRC_KEEP_MAX) srcbuf_free(&a->src);
    pthread_mutex_lock(&pl->mu);
    pl->pool[pl->npool++] = a;
    pl->inuse--;
    pthread_cond_broadcast(&pl->cv);
    pthread_mutex_unlock(&pl->mu);
}

/* Can file f be merged (scanned)?  Under mu. */
static int mergeable(const pline *pl, uint32_t f)
{
    return pl->ready[f];
}

/* After an unusually big file the scratch arena (up to SCRATCH_MAX a chunk)
 * is given back before the file is merged: the merge, not the scan, is the
 * peak of a one-file workspace (a 30 MB file: 32 MB less at the peak). */
static void scratch_trim(worker *w)
{
    if (w->scratch.reserved > SCRATCH_KEEP_MAX) ar_free(&w->scratch);
}

/* With segments kept: the result of file i copied into its segment, and
 * the outcome pointed at the copy (the captured pieces with it, so the
 * worker's capture arena need not hold them). */
static void keep_seg(worker *w, uint32_t i)
{
    pline *pl = w->pl;
    if (!pl->segs) return;
    const mod_file *mf = &pl->ms->files[i];
    file_outcome *o = &pl->outs[i];
    seg *sg = seg_make(o, mf->path, pl->ms->mods[mf->mod].name, w->full_parse, pl->read_at_ns);
    if (!sg) {
        w->cap_pinned = 1;
        return;
    }
    pl->segs[i] = sg;
    o->res = sg->res;
    if (!w->cap_pinned) ar_reset(&w->capture);
}

/* The scan of one file's bytes (src, len, read into w->sw.out's slot) into o->res with its status:
 * the skim reads ordinary files straight into entries; anything else (a syntax error included)
 * goes to a tree: the skim's, or the full parser's, which gives the same tree and every
 * diagnostic.  0, or -1 when memory ran out (o->res empty). */
static int scan_bytes(worker *w, const char *path, const char *mod, const char *src, size_t len,
                      file_outcome *o)
{
    ar_arena *out = w->sw.out;
    /* (the chunks are reserved whole: past 1 MiB, where a file is almost
     * always skimmed, half as much, which still holds the token array of a
     * file the parser reads; a 4 MB file peaked at 13x its size) */
    size_t big = len > SRC_KEEP_MAX;
    if (out->chunk_size < (4 >> big) * len) out->chunk_size = clamp((4 >> big) * len, CHUNK_MIN, SCRATCH_MAX);
    ar_reset(&w->scratch);
    size_t want = (8 >> big) * len;
    w->scratch.chunk_size =
        clamp(w->scratch.reserved > want ? w->scratch.reserved : want, CHUNK_MIN, SCRATCH_MAX);
    int rc = w->full_parse ? 0 : skim_scan(&w->sw, path, src, len, &w->scratch, mod, &o->res);
    if (rc == 1) {
        o->status = LP_OK;
        return 0;
    }
    hcl_file f;
    if (rc == 0) {
        ar_reset(&w->scratch);
        rc = w->full_parse ? hcl_parse(path, src, len, &w->scratch, &f)
                           : skim_or_parse(path, src, len, &w->scratch, &f);
    }
    if (rc != 0 || scan_file(&w->sw, &f, mod, &o->res) != 0) {
        o->status = LP_ERR_NOMEM;
        memset(&o->res, 0, sizeof o->res);
        return -1;
    }
    o->status = f.nerrors ? LP_ERR_SYNTAX : LP_OK;
    return 0;
}

static void scan_one(worker *w, uint32_t i)
{
    const mod_set *ms = w->pl->ms;
    const mod_file *mf = &ms->files[i];
    file_outcome *o = &w->pl->outs[i];
    size_t len;
    srcfile_info info;
    ar_arena *out = &w->results->arena;
    srcbuf *src = &w->results->src;
    w->sw.out = out;
    /* chunks about double what the arena holds (O(log) refills), and hold a
     * whole file's results (about the size of the file) */
    out->chunk_size = clamp(out->reserved, CHUNK_MIN, RESULT_MAX);
    /* a dependency's file is read beneath its folder: a link leading out is not followed */
    const char *root = ms->mods[mf->mod].root;
    size_t rl = strlen(root);
    int beneath = mf->mod && strncmp(mf->path, root, rl) == 0 && mf->path[rl] == '/';
    if ((beneath ? srcfile_read_beneath(root, mf->path + rl + 1, strlen(mf->path + rl + 1), src, &len, &info)
                 : srcfile_read(mf->path, src, &len, &info)) != 0) {
        char detail[600];
        struct stat st;
        if (info.err == EXDEV && stat(mf->path, &st) != 0 && errno == ENOENT)
            info.err = ENOENT;   /* a dangling link: missing, as anywhere */
        if (info.err == EXDEV)
            snprintf(detail, sizeof detail, "a symbolic link leading outside the dependency mod's folder, "
                                            "which is all it may read; the file is not indexed");
        else if (info.err == ENOENT && lstat(mf->path, &st) == 0 && S_ISLNK(st.st_mode))
            snprintf(detail, sizeof detail, "dangling symlink; the file is not indexed");
        else if (info.err == ENOENT)
            snprintf(detail, sizeof detail, "the file disappeared after it was listed; it is not indexed");
        else
            snprintf(detail, sizeof detail, "%s; the file is not indexed", strerror(info.err));
        o->status = LP_ERR_IO;
        o->read.err = info.err;
        o->missing = info.err == ENOENT;
        if (info.err == ENOMEM) w->oom = 1;
        if (scan_failed(&w->sw, LP_SEV_WARNING, "Cannot read file", detail, &o->res) != 0) w->oom = 1;
        return;
    }
    o->read = info;
    if (scan_bytes(w, mf->path, ms->mods[mf->mod].name, src->p, len, o) != 0) {
        w->oom = 1;
        return;
    }
    keep_seg(w, i);
    scratch_trim(w);
}

/* Claim and scan the next file; 0 when none is left or the build failed.
 * The arena is taken before the file is claimed: a claimed file is always
 * scanned without waiting, so the merge waiting for it cannot deadlock. */
static int scan_next(worker *w, int may_wait)
{
    pline *pl = w->pl;
    if (atomic_load(&pl->failed)) return 0;
    if (!(w->results = pl_take(pl, may_wait))) {
        if (!atomic_load(&pl->failed)) {
            w->oom = 1;
            pl_fail(pl);
        }
        return 0;
    }
    uint32_t i = atomic_fetch_add_explicit(&pl->next, 1, memory_order_relaxed);
    while (pl->preset && i < pl->ms->nfiles && pl->preset[i])   /* taken from the previous version */
        i = atomic_fetch_add_explicit(&pl->next, 1, memory_order_relaxed);
    if (i >= pl->ms->nfiles) {
        pl_give(pl, w->results);
        w->results = NULL;
        return 0;
    }
    scan_one(w, i);
    pl_done(pl, i, w->results, w->oom);
    return !w->oom;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    while (scan_next(w, 1)) {
    }
    return NULL;
}

static void worker_init(worker *w, pline *pl)
{
    memset(w, 0, sizeof *w);
    w->pl = pl;
    ar_init(&w->scratch, CHUNK_MIN);
    ar_init(&w->capture, CHUNK_MIN);
    scan_worker_init(&w->sw, NULL);
}

static void worker_free(worker *w)
{
    ar_free(&w->scratch);
    ar_free(&w->capture);
    srcbuf_free(&w->buf);
    scan_worker_free(&w->sw);
}

static int pl_init(pline *pl, const mod_set *ms, file_outcome *outs)
{
    memset(pl, 0, sizeof *pl);
    pl->ms = ms;
    pl->outs = outs;
    atomic_init(&pl->next, 0);
    atomic_init(&pl->failed, 0);
    pthread_mutex_init(&pl->mu, NULL);
    pthread_cond_init(&pl->cv, NULL);
    pl->limit = 4 * MAX_WORKERS;   /* a few files in flight per thread (lp_open: 2 per worker) */
    pl->ready = mem_calloc((size_t)ms->nfiles + 1, 1);
    return pl->ready ? 0 : -1;
}

static void pl_free(pline *pl)
{
    for (uint32_t i = 0; i < pl->nall; i++) {
        ar_free(&pl->all[i]->arena);
        srcbuf_free(&pl->all[i]->src);
        mem_free(pl->all[i], sizeof *pl->all[i]);
    }
    mem_free(pl->all, pl->cap_all * sizeof *pl->all);
    mem_free(pl->pool, pl->cap_pool * sizeof *pl->pool);
    mem_free(pl->ready, (size_t)pl->ms->nfiles + 1);
    seg_block_unref(pl->copies);
    pthread_mutex_destroy(&pl->mu);
    pthread_cond_destroy(&pl->cv);
}

/* opts.workers, or (0) one per CPU but only as many as the files keep busy:
 * starting a thread costs its scheduling latency (milliseconds on a loaded
 * machine), more than scanning a few small files takes. */
#define FILES_PER_WORKER 32
static unsigned worker_count(const lp_workspace_opts *o, uint32_t nfiles)
{
    long n = o && o->workers ? (long)o->workers : (long)(nfiles / FILES_PER_WORKER) + 1;
    /* the CPUs only when they could bound it: sysconf reads /sys (an open and a read, twice per
     * refresh of a few files) */
    if (!(o && o->workers) && n > 1) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        if (cpus < n) n = cpus;
    }
    if (n < 1) n = 1;
    if (n > MAX_WORKERS) n = MAX_WORKERS;
    if ((uint32_t)n > nfiles) n = nfiles ? (long)nfiles : 1;
    return (unsigned)n;
}

/* ------------------------------------------------------------ open */

static int save_resolved(const lp_workspace *ws, const rs_ctx *c, char *why, size_t wsize);
static int patch_kept_if(const lp_workspace *ws, uint32_t evaluated);

static char *arena_str(ar_arena *a, const char *s)
{
    return ar_strndup(a, s ? s : "", s ? strlen(s) : 0);
}

/* The largest image whose rewrite by another command the next open waits for rather than patch the
 * stale one: about where the two cost the same (an image is written at about 1 ms a MB, and a patch
 * costs about 1.1-1.3 ms more than a reopen: with aws_insights' 3.9 MB image, the command right after
 * an edited one took 3.5 ms patching, 5.1 waiting). */
#define WAIT_IMAGE_MAX ((uint64_t)3 << 19)

/* Does an open that finds image_bytes there (0: none) wait for a background writer's new image? */
static int writer_awaited(uint64_t image_bytes)
{
    return image_bytes <= WAIT_IMAGE_MAX;
}

int lp_index_image_awaited(const lp_workspace *ws)
{
    return ws && writer_awaited(ws->stats.patched ? ws->img.patched_size : 0);
}

/* With opts.index_cache: serve ws from its image when it is usable
 * (persist.h).  1 when it does; 0 with the reason in the stats, and the
 * build goes on (resolution will write a new image); 2 when the image is
 * sound but stale: ws serves it, as the previous version of a patch. */
static int reopen(lp_workspace *ws, uint64_t t0, const lp_alloc_stats *a0)
{
    char path[4096];
    char *note = ws->stats.index_cache_note;
    size_t nsize = sizeof ws->stats.index_cache_note;
    uint64_t fp = pst_fingerprint(ws->dir, &ws->opts);
    if (pst_cache_path(ws->opts.index_cache, ws->dir, fp, path, sizeof path) != 0) {
        snprintf(note, nsize, "%s", "no path for the image");
        return 0;
    }
    const char *foreign = pst_dir_foreign(ws->opts.index_cache);
    if (foreign) {   /* another user could have written any image there (lp_index_cache_private) */
        snprintf(note, nsize, "the index cache directory is not private (%s): not used", foreign);
        return 0;
    }
    /* A command's image written in the background (lp_index_cache_hold) is waited for when there is
     * none yet (a first open's: at most one write, not a second build) or when the one there is
     * small (WAIT_IMAGE_MAX); a larger one is read at once, stale or not: patched again, the command
     * after an edited one is sooner than when it waited for the whole image the other writes
     * (aws_compliance's 11 MB: 10.8 ms against 18.2; aws_insights' 3.9 MB: 3.5 against 5.1) */
    struct stat img;
    if (writer_awaited(stat(path, &img) == 0 ? (uint64_t)img.st_size : 0))
        cd_wait_writer(ws->opts.index_cache);
    int lrc = pst_load(ws, path, fp, 1, note, nsize);
    if (lrc < 0) return 0;
    if (lrc == 1) return 2;
    lp_workspace_stats *s = &ws->stats;
    s->reopened = 1;
    s->patched = 0;   /* the image's build may have been a patch: this open is a reopen */
    s->updated = 0;   /* (its heap, stale strings included, is the image's: stale_string_bytes stays) */
    s->index_cache_note[0] = '\0';
    s->list_ns = s->scan_ns = s->merge_ns = 0;
    s->workers = 0;
    lp_alloc_stats a1;
    lp_alloc_stats_get(&a1);
    s->alloc_calls = a1.calls - a0->calls;
    s->alloc_bytes = a1.bytes - a0->bytes;
    s->peak_bytes = a1.peak;
    s->build_ns = now_ns() - t0;
    const lp_workspace_opts *o = &ws->opts;
    for (uint32_t i = 0; o->diag && i < ws->ix.ndiags; i++) o->diag(o->diag_user, &ws->ix.diags[i]);
    /* resolution is complete: the image holds its outcome */
    if (o->on_resolved) o->on_resolved(o->resolved_user, ws);
    return 1;
}

static int copy_opts(lp_workspace *ws, const lp_workspace_opts *o)
{
    memset(&ws->opts, 0, sizeof ws->opts);
    if (!o) return 0;
    ws->opts = *o;
    const char **vars = ar_alloc(&ws->arena, (o->nvars + 1) * sizeof *vars);
    const char **files = ar_alloc(&ws->arena, (o->nvar_files + 1) * sizeof *files);
    if (!vars || !files) return -1;
    for (size_t i = 0; i < o->nvars; i++)
        if (!(vars[i] = arena_str(&ws->arena, o->vars[i]))) return -1;
    for (size_t i = 0; i < o->nvar_files; i++)
        if (!(files[i] = arena_str(&ws->arena, o->var_files[i]))) return -1;
    ws->opts.vars = vars;
    ws->opts.var_files = files;
    if (o->index_cache && !(ws->opts.index_cache = arena_str(&ws->arena, o->index_cache))) return -1;
    if (ws->opts.index_cache && !o->defer_image) ws->rs.save_image = save_resolved;
    if (ws->opts.index_cache) ws->rs.image_kept_if = patch_kept_if;
    return 0;
}

static int store_diags(lp_workspace *ws, const build_diags *d)
{
    uint32_t n = d->n + (d->nmore ? 1 : 0);
    ws->ix.diags = ar_alloc(&ws->arena, ((size_t)n + 1) * sizeof *ws->ix.diags);
    if (!ws->ix.diags) return -1;
    for (uint32_t i = 0; i < n; i++) {
        const build_diag *g = i < d->n ? &d->v[i] : &d->more_at;
        lp_diag *o = &ws->ix.diags[i];
        o->severity = (lp_severity)g->severity;
        o->file = arena_str(&ws->arena, g->file);
        o->line = g->line;
        o->col = g->col;
        o->end_line = g->end_line;
        o->end_col = g->end_col;
        o->summary = arena_str(&ws->arena, g->summary);
        o->detail = arena_str(&ws->arena, g->detail);
        if (!o->file || !o->summary || !o->detail) return -1;
        if (g->severity == LP_SEV_ERROR) ws->stats.errors++;
    }
    ws->ix.ndiags = n;
    ws->stats.diagnostics = n;
    return 0;
}

/* Dependency mods with a file that vanished (deleted, dangling symlink) are
 * left out whole: half a dependency would give confusing missing children.
 * Files are merged as they come, so what was merged of the mod is taken back
 * (index_rollback to the mark of its first file). */
static void fail_mod(mod_set *ms, uint32_t f, index_builder *ib, const index_mark *mark, build_diags *diags)
{
    mod_desc *m = &ms->mods[ms->files[f].mod];
    m->failed = 1;
    index_rollback(ib, mark);
    char detail[1200];
    snprintf(detail, sizeof detail, "mod %s (%s): %s cannot be read; none of the mod's resources are indexed",
             m->name, m->root, ms->files[f].path);
    build_diag_add(diags, ms->arena, LP_SEV_WARNING, ms->files[f].path, 0, 0,
                   "Skipping dependency mod with missing files", detail);
}

/* Insert `ins` at position `at` of d (those diagnostics come before the files'). */
static void splice_diags(build_diags *d, uint32_t at, const build_diags *ins)
{
    if (!ins->n || d->oom) return;
    if (d->n + ins->n > d->cap) {
        uint32_t cap = d->n + ins->n;
        build_diag *v = mem_realloc(d->v, (size_t)d->cap * sizeof *v, (size_t)cap * sizeof *v);
        if (!v) {
            d->oom = 1;
            return;
        }
        d->v = v;
        d->cap = cap;
    }
    memmove(d->v + at + ins->n, d->v + at, (size_t)(d->n - at) * sizeof *d->v);
    memcpy(d->v + at, ins->v, (size_t)ins->n * sizeof *d->v);
    d->n += ins->n;
}

/* ------------------------------------------------------------ segments */

/* The previous version's segment of file f of ms, when its bytes did not
 * change (ws_reuse), else NULL. */
typedef struct seg_map {
    uint32_t *slot;              /* prev file + 1, 0 empty; by path */
    uint32_t mask;
} seg_map;

static int seg_map_build(seg_map *m, const lp_workspace *prev)
{
    uint32_t size = 16;
    while (size < 2 * prev->ix.nfiles + 2) size *= 2;
    if (!(m->slot = mem_calloc(size, sizeof *m->slot))) return -1;
    m->mask = size - 1;
    for (uint32_t j = 0; j < prev->ix.nfiles; j++) {
        if (!idx_seg_has(prev, j)) continue;   /* (an image's not made: its path is its file's) */
        const char *path = idx_str(prev, prev->ix.files[j].path);
        uint32_t k = si_hash(path, strlen(path)) & m->mask;
        while (m->slot[k]) k = (k + 1) & m->mask;
        m->slot[k] = j + 1;
    }
    return 0;
}

/* The previous version's file with a segment at this path, UINT32_MAX none: f itself when the
 * listing put it at the same place (a refresh whose listing is the previous one's: the map is not
 * built, 550 paths hashed per refresh of aws_compliance), else by the map, built when first needed
 * (*oom when it cannot be).  By the files' paths (index_check: a segment's path is its file's), so
 * that an image's segments are not made to be found after a file was added or deleted. */
static uint32_t prev_file(seg_map *m, const lp_workspace *prev, uint32_t f, const char *path, int *oom)
{
    /* (a listing made from prev's names its files with prev's strings: compared by address) */
    const char *at = f < prev->ix.nfiles ? idx_str(prev, prev->ix.files[f].path) : NULL;
    if (at && idx_seg_has(prev, f) && (path == at || strcmp(at, path) == 0)) return f;
    if (!m->slot && seg_map_build(m, prev) != 0) {
        *oom = 1;
        return UINT32_MAX;
    }
    for (uint32_t k = si_hash(path, strlen(path)) & m->mask; m->slot[k]; k = (k + 1) & m->mask)
        if (strcmp(idx_str(prev, prev->ix.files[m->slot[k] - 1].path), path) == 0) return m->slot[k] - 1;
    return UINT32_MAX;
}

/* *touched: its stat changed, its bytes did not (the stat is taken again).  *lazy: the segment is the
 * image's not made yet (NULL returned): its place in the image's table (pst_segs), taken as it is; its
 * mod and parse are the file's as the image records them (the stub is checked against those when
 * made: persist.c) */
static seg *seg_find(seg_map *m, const ws_reuse *r, uint32_t f, const char *path, const char *mod,
                     int full_parse, int *touched, uint32_t *file, uint32_t *lazy, int *oom)
{
    *touched = 0;
    *lazy = UINT32_MAX;
    const lp_workspace *prev = r->prev;
    uint32_t j = prev_file(m, prev, f, path, oom);
    if (j == UINT32_MAX) return NULL;
    seg *sg = idx_seg_made(prev, j);
    *file = j;
    int take_lazily = !sg && prev->sg.lazy_slot && prev->sg.lazy_slot[j] != UINT32_MAX && r->prev_changed &&
                      !full_parse &&
                      strcmp(idx_str(prev, prev->ix.mods[prev->ix.files[j].mod].name), mod) == 0;
    if (!sg && !take_lazily && !(sg = idx_seg(prev, j))) return NULL;
    if (sg && (strcmp(sg->mod, mod) != 0 || (int)sg->full_parse != full_parse)) return NULL;
    if (r->prev_changed) {
        *touched = r->prev_changed[j] == 2;
        if (take_lazily && r->prev_changed[j] != 1) *lazy = prev->sg.lazy_slot[j];
        return r->prev_changed[j] == 1 ? NULL : sg;
    }
    inp_rec rec = { .path = sg->path, .kind = LP_INPUT_SOURCE, .size = sg->size, .mtime_ns = sg->mtime_ns,
                    .dev = sg->dev, .ino = sg->ino, .hash = sg->hash };
    lp_input_state st = inp_check(&rec, sg->read_at_ns);
    *touched = st == LP_INPUT_TOUCHED;
    return st == LP_INPUT_SAME || st == LP_INPUT_TOUCHED ? sg : NULL;
}

/* Would listing the directories again give what the previous version
 * listed?  Only when no input listing read changed (directories,
 * .powerpipeignore files, .powerpipe/mods: touched is fine) and every source
 * file that changed is still a regular file and no mod.pp (listing reads mod
 * blocks).  A refresh by the watcher's paths only knows about those paths, as
 * for the files' bytes (its periodic whole check sees the rest). */
static int listing_same(const ws_reuse *r)
{
    const lp_workspace *p = r->prev;
    if (!p->sg.listing_known || !r->prev_changed || p->ix.nsnapshots != p->sg.nsnap_listed) return 0;
    for (uint32_t k = 0; k < p->ix.inputs.n; k++)
        if (r->prev_changed[p->ix.nfiles + k] == 1) return 0;
    for (uint32_t f = 0; f < p->ix.nfiles; f++) {
        if (r->prev_changed[f] != 1) continue;
        const char *path = idx_str(p, p->ix.files[f].path), *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        struct stat st;
        if (!strcmp(base, "mod.pp") || !strcmp(base, "mod.sp")) return 0;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    }
    return 1;
}

/* Input i of ws in lp_input_get's order (below). */
static int input_rec(const lp_workspace *ws, uint32_t i, inp_rec *out);

/* ms as the previous version's listing gave it (listing_same): its mods,
 * required mods, files, snapshot files, listing diagnostics and inputs (a touched one with
 * its new stat).  Strings point into p, which the refresh keeps open. */
static int listing_from(mod_set *ms, const lp_workspace *p, const uint8_t *changed)
{
    ms->mods = mem_calloc((size_t)p->ix.nmods + 1, sizeof *ms->mods);
    ms->files = mem_calloc((size_t)p->ix.nfiles + 1, sizeof *ms->files);
    ms->snapshots = mem_calloc((size_t)p->ix.nsnapshots + 1, sizeof *ms->snapshots);
    if (!ms->mods || !ms->files || !ms->snapshots) return -1;
    ms->cap_mods = p->ix.nmods + 1;
    ms->cap_files = p->ix.nfiles + 1;
    ms->cap_snapshots = p->ix.nsnapshots + 1;
    for (uint32_t m = 0; m < p->ix.nmods; m++)
        ms->mods[m] = (mod_desc){ .root = idx_str(p, p->ix.mods[m].root),
                                  .path = idx_str(p, p->ix.mods[m].path),
                                  .name = idx_str(p, p->ix.mods[m].name),
                                  .title = idx_str(p, p->ix.mods[m].title),
                                  .folder = "", .aliases = idx_str(p, p->ix.mods[m].aliases) };
    ms->nmods = p->ix.nmods;
    if (mod_requires_from(ms, p) != 0) return -1;
    for (uint32_t f = 0; f < p->ix.nfiles; f++)
        ms->files[f] = (mod_file){ .path = idx_str(p, p->ix.files[f].path), .mod = p->ix.files[f].mod };
    ms->nfiles = p->ix.nfiles;
    for (uint32_t k = 0; k < p->ix.nsnapshots; k++) ms->snapshots[k] = idx_str(p, p->ix.snapshots[k].path);
    ms->nsnapshots = p->ix.nsnapshots;   /* no name twice (listing_same): build_snapshots sorts them again */
    for (uint32_t i = 0; i < p->sg.ndisc_diags; i++) {
        const lp_diag *d = &p->ix.diags[i];
        const char *sum = d->summary, *det = d->detail;
        if (build_diag_add(ms->diags, ms->arena, d->severity, d->file, d->line, d->col, sum, det)) {
            ms->diags->v[ms->diags->n - 1].end_line = d->end_line;
            ms->diags->v[ms->diags->n - 1].end_col = d->end_col;
        }
    }
    for (uint32_t k = 0; k < p->ix.inputs.n; k++) {
        inp_rec rec;
        if (input_rec(p, p->ix.nfiles + k, &rec) != 0) return -1;
        srcfile_info now;
        if (changed[p->ix.nfiles + k] == 2 && !rec.err && srcfile_stat(rec.path, &now, NULL) == 0) {
            rec.mtime_ns = now.mtime_ns;
            rec.dev = now.dev;
            rec.ino = now.ino;
            if (rec.kind != LP_INPUT_DIRECTORY) rec.size = now.size;
        }
        inp_table one = { .v = &rec, .n = 1 };
        inp_append(&ms->inputs, &one);
    }
    return ms->diags->oom || ms->inputs.oom ? -1 : 0;
}

/* Past BUILD_MAX_DIAGS: one note where the first one not kept was (its
 * text in detail, which must outlive store_diags). */
static void more_diags_note(build_diags *diags, char *detail, size_t size)
{
    snprintf(detail, size, "%u more diagnostic%s in this workspace %s not reported (at most %u are)",
             diags->nmore, diags->nmore == 1 ? "" : "s", diags->nmore == 1 ? "is" : "are", BUILD_MAX_DIAGS);
    diags->more_at.severity = diags->nmore_err ? LP_SEV_ERROR : LP_SEV_WARNING;
    diags->more_at.summary = HCL_MORE_DIAGS_SUMMARY;
    diags->more_at.detail = detail;
}

/* lp_open's arguments and directory: LP_OK, or why not. */
static int check_dir(const char *dir, lp_workspace **out, lp_error *err)
{
    if (out) *out = NULL;
    if (!dir || !out) {
        return err_set(err, LP_ERR_ARG, "lp_open: no directory");
    }
    struct stat st;
    if (stat(dir, &st) != 0) {
        int e = errno;
        if (e == ENOENT || e == ENOTDIR) {
            return err_set(err, LP_ERR_NOT_FOUND, "no such directory: %s", dir);
        }
        /* ENAMETOOLONG, EACCES, ELOOP...: the reason, not "no such directory" */
        return err_set(err, LP_ERR_IO, "cannot open %.400s: %s", dir, strerror(e));
    }
    if (!S_ISDIR(st.st_mode)) {
        return err_set(err, LP_ERR_NOT_FOUND, "not a directory: %s", dir);
    }
    return LP_OK;
}

/* o as seg_outcome makes it for an image's segment not made yet, from its header (h: as its head says,
 * scalars only) and the file's record f (the same bytes: the stub is checked against it when made);
 * its arrays none, its blocks IDX_BLOCKS_LATER when it has some (idx_capture_blocks). */
static void lazy_outcome(const idx_file *f, const seg *h, file_outcome *o)
{
    seg_outcome(h, o);   /* (its counts; its arrays and blocks are offsets in the head) */
    o->res.entries = NULL;
    o->res.tags = NULL;
    o->res.refs = NULL;
    o->res.diags = NULL;
    o->res.blocks = h->res.blocks ? IDX_BLOCKS_LATER : NULL;
    o->read.size = f->size;
    o->read.hash = f->hash;
    o->status = f->status;
}

/* o's stat as the previous version recorded it (a touch since the segment was made included). */
static void read_as_recorded(file_outcome *o, const idx_file *rec)
{
    o->read.mtime_ns = rec->mtime_ns;
    o->read.dev = rec->dev;
    o->read.ino = rec->ino;
    o->read.ctime = rec->ctime;
}

/* outs[f] of a file whose outcome take_segments left unmade (IDX_REUSED_UNMADE: the listing is prev's),
 * as it makes one: a merge reads every file's.  0, or -1 when its head fails (it did not then). */
static int make_unmade(const lp_workspace *ws, const lp_workspace *prev, uint32_t f, file_outcome *o)
{
    seg head;
    if (prev->sg.lazy_head(prev->sg.lazy, ws->sg.lazy_slot[f], &head) != 0) return -1;
    lazy_outcome(&prev->ix.files[f], &head, o);
    read_as_recorded(o, &prev->ix.files[f]);
    return 0;
}

/* A refresh: take the previous version's segment of every file whose bytes
 * did not change (preset[f] = IDX_REUSED, its outcome from the segment).  With the previous version's
 * listing (same_listing), an image's segment taken lazily, untouched, whose entries are its record's
 * (none dropped), gets no outcome: preset[f] says so (IDX_REUSED_UNMADE, build.h), and the index
 * update reads the record instead (a merge makes them: ready_presets).  Returns the files taken
 * (*oom: memory ran out). */
static uint32_t take_segments(lp_workspace *ws, const mod_set *ms, const ws_reuse *reuse, seg_map *map,
                              int full, int same_listing, file_outcome *outs, uint8_t *preset, int *oom)
{
    uint32_t taken = 0;
    const lp_workspace *prev = reuse->prev;
    for (uint32_t f = 0; f < ms->nfiles && !*oom; f++) {
        int touched;
        uint32_t pf, lazy;
        seg *sg = seg_find(map, reuse, f, ms->files[f].path, ms->mods[ms->files[f].mod].name, full, &touched,
                           &pf, &lazy, oom);
        srcfile_info now;
        seg head;   /* an image's segment not made yet: its header as its head says (scalars only) */
        if (!sg && (lazy == UINT32_MAX || prev->sg.lazy_head(prev->sg.lazy, lazy, &head) != 0)) continue;
        const idx_file *rec = &prev->ix.files[pf];
        /* a touched file: its new stat, as a fresh open records it (another size: it changed since) */
        if (touched &&
            (srcfile_stat(ms->files[f].path, &now, NULL) != 0 || now.size != (sg ? sg->size : rec->size)))
            continue;
        preset[f] = IDX_REUSED;
        if (sg) {
            seg_ref(sg);
            ws->sg.segs[f] = sg;
            seg_outcome(sg, &outs[f]);   /* (a lazy one made usable when merged whole: ready_presets) */
        } else {
            if (pst_segs_share(ws, prev) != 0) {
                *oom = 1;
                break;
            }
            ws->sg.lazy_slot[f] = lazy;
            if (same_listing && !touched && pf == f && !rec->err && head.res.nentries == rec->entry_count)
                preset[f] |= IDX_REUSED_UNMADE | (head.res.blocks ? IDX_REUSED_BLOCKS : 0);
            else
                lazy_outcome(rec, &head, &outs[f]);
            sg = &head;
        }
        if (!(preset[f] & IDX_REUSED_UNMADE)) read_as_recorded(&outs[f], rec);
        if (touched) {
            outs[f].read.mtime_ns = now.mtime_ns;
            outs[f].read.dev = now.dev;
            outs[f].read.ino = now.ino;
            outs[f].read.ctime = now.ctime;
        }
        taken++;
        ws->sg.reused_files++;
        ws->sg.reused_bytes += rec->size;
        /* its bytes were read then: a file modified shortly before is racily clean until checked */
        if (sg->read_at_ns < ws->ix.read_at_ns) ws->ix.read_at_ns = sg->read_at_ns;
    }
    return taken;
}

/* Has the file scanned again (o) the blocks of locals and variables its old segment had (none when
 * it had none: a file added), the same text in the same places (scope_share.c's test), so that
 * loading need not run again for it? */
static int blocks_as_before(const file_outcome *o, const seg *old)
{
    return o->status == LP_OK && cap_same_pieces(o->res.blocks, old ? old->res.blocks : NULL);
}

/* After an update in place (the files where they were): each scanned file's blocks as before. */
static int blocks_kept(const mod_set *ms, const file_outcome *outs, const uint8_t *preset,
                       const ws_reuse *reuse)
{
    for (uint32_t f = 0; f < ms->nfiles; f++) {
        if (preset[f]) continue;
        const seg *old = idx_seg(reuse->prev, f);   /* (its stub: its blocks are usable) */
        if (!old || !blocks_as_before(&outs[f], old)) return 0;
    }
    return 1;
}

/* Can a patch's whole merge read the stale image's segments from copies (merge_copy), leaving them
 * lazy?  A one-shot's (a live version's are read from their file into memory of their own anyway)
 * whose files were scanned again before the merge (update_from_prev), and whose loading will not run
 * again as far as those show: each scanned file's blocks of locals and variables as its old segment's
 * (the same text in the same places: scope_share.c's test), none in a file added, none in a file
 * deleted.  Else loading makes every segment usable and copies would be a second take of each. */
static int copies_will_do(const lp_workspace *ws, const mod_set *ms, const file_outcome *outs,
                          const uint8_t *preset, const ws_reuse *reuse)
{
    const lp_workspace *prev = reuse->prev;
    if (ws->sg.refreshable || !reuse->prev_changed) return 0;
    seg_map map = { 0 };
    uint8_t *kept = mem_calloc((size_t)prev->ix.nfiles + 1, 1);   /* prev's files still listed */
    int oom = !kept, will = !oom;
    for (uint32_t f = 0; will && f < ms->nfiles; f++) {
        uint32_t j = prev_file(&map, prev, f, ms->files[f].path, &oom);
        if (j != UINT32_MAX) kept[j] = 1;
        if (preset[f]) continue;
        const seg *old = j != UINT32_MAX ? idx_seg(prev, j) : NULL;   /* (its stub: its blocks are usable) */
        will = !oom && (j == UINT32_MAX || old) && blocks_as_before(&outs[f], old);
    }
    for (uint32_t j = 0; will && j < prev->ix.nfiles; j++) {
        const seg *gone = kept[j] ? NULL : idx_seg(prev, j);
        will = kept[j] || (gone && !gone->res.blocks);
    }
    mem_free(map.slot, map.slot ? ((size_t)map.mask + 1) * sizeof *map.slot : 0);
    mem_free(kept, kept ? (size_t)prev->ix.nfiles + 1 : 0);
    return will;
}

/* The files taken from segments, merged whole (not index_update): every segment made usable, but a
 * one-shot patch's image segments, merged from copies.  -1 when a lazy one (an image's) fails its
 * checks: the patch that took it builds again (patch). */
static int ready_presets(lp_workspace *ws, const ws_reuse *reuse, const pline *pl, const mod_set *ms,
                         file_outcome *outs, const uint8_t *preset)
{
    if (preset && !pl->from_copies) idx_segs_prefault(ws);   /* (every one taken: its pages copied at once) */
    for (uint32_t f = 0; preset && f < ms->nfiles; f++)
        if ((preset[f] & IDX_REUSED_UNMADE) && make_unmade(ws, reuse->prev, f, &outs[f]) != 0) return -1;
    for (uint32_t f = 0; preset && f < ms->nfiles; f++) {
        const seg *sg = preset[f] ? idx_seg(ws, f) : NULL;
        if (!preset[f] || (pl->from_copies && seg_is_lazy(sg))) continue;   /* (merge_copy's) */
        if (!sg || (seg_is_lazy(sg) && seg_ready(sg) != 0)) return -1;
        outs[f].res = sg->res;
    }
    return 0;
}

#define COPIES_MIN (64u * 1024u)

/* File f of the merge, taken from a segment that is a one-shot patch's image's, not made usable: merged
 * from a copy of its bytes, checked and taken in one block of memory of the merge's own (each copy
 * gone once merged), its entries' pieces left to resolution (index_file_from_copy).  Made usable where
 * the image's mapping holds them, as they were, every page of every segment was copied: aws_compliance's
 * 5.7 MB after a control was added, the command 14.5 ms, 11.4 from copies.  0 (merged), or -1 (out of
 * memory, or the segment failed its checks: its block then says so, and the patch builds again). */
static int merge_copy(pline *pl, index_builder *ib, uint32_t f)
{
    const seg *sg = idx_seg(pl->ws, f);   /* (one usable already, as ready_presets left it: merged as is) */
    if (seg_is_lazy(sg) && (!pl->copies || seg_block_size(pl->copies) < sg->bytes)) {   /* (one, grown) */
        seg_block_unref(pl->copies);
        pl->copies = seg_block_new(sg->bytes > COPIES_MIN ? sg->bytes : COPIES_MIN);
    }
    seg *copy = pl->copies ? seg_ready_copy(sg, pl->copies) : NULL;
    if (!copy && (!sg || seg_ready(sg) != 0)) return -1;
    file_outcome *o = &pl->outs[f];
    o->res = copy ? copy->res : sg->res;
    int rc = index_add_file(ib, f, o) != 0 || (copy && index_file_from_copy(ib, f, copy, sg) != 0) ? -1 : 0;
    seg_unref(copy);
    return rc;
}

/* The index's figures (lp_workspace_stats) once it is built. */
static void build_stats(lp_workspace *ws, unsigned nw, uint64_t list_ns, uint64_t scan_ns, uint64_t merge_ns)
{
    lp_workspace_stats *s = &ws->stats;
    s->mods = ws->ix.nmods;
    s->files = ws->ix.nfiles;
    s->entries = ws->ix.nentries;
    for (uint32_t f = 0; f < ws->ix.nfiles; f++) {
        s->source_bytes += ws->ix.files[f].size;
        if (ws->ix.files[f].status == LP_ERR_IO) s->files_failed++;
    }
    s->index_bytes =
        (uint64_t)ws->ix.nentries * sizeof *ws->ix.entries + (uint64_t)ws->ix.nkv * sizeof *ws->ix.kv +
        (uint64_t)ws->ix.nadj * (ws->ix.adj16 ? 2 : 4) + (uint64_t)ws->ix.nmissing * sizeof *ws->ix.missing +
        (uint64_t)ws->ix.nfiles * sizeof *ws->ix.files + (uint64_t)ws->ix.nmods * sizeof *ws->ix.mods +
        (uint64_t)ws->ix.nsnapshots * sizeof *ws->ix.snapshots;
    s->string_bytes = si_bytes(&ws->strings);
    /* what the index holds besides the strings: its arena (the small arrays,
     * options, diagnostics), the grown arrays' capacity, and the copies kept
     * for phase 2 */
    s->arena_bytes = ws->arena.reserved + (uint64_t)ws->ix.cap_entries * sizeof *ws->ix.entries +
                     (uint64_t)ws->ix.cap_kv * sizeof *ws->ix.kv;
    if (ws->capture) {
        s->arena_bytes += ws->capture->lists.reserved;
        for (unsigned i = 0; i < ws->capture->narenas; i++) s->arena_bytes += ws->capture->arenas[i].reserved;
    }
    s->strings = ws->strings.count;
    s->workers = nw;
    s->list_ns = list_ns;
    s->scan_ns = scan_ns;
    s->merge_ns = merge_ns;
}

/* A stale image's build: its figures and note say it was patched or not. */
static void patch_note(lp_workspace *ws, const ws_reuse *reuse)
{
    lp_workspace_stats *ps = &ws->stats;
    ps->build_ns = now_ns() - reuse->image_t0;   /* the image's checks and segments included */
    ps->patched = reuse->prev != NULL;
    ws->img.patched_changed = ps->patched ? pst_changed_count(reuse->prev) : 0;
    if (ps->patched)
        snprintf(ps->index_cache_note, sizeof ps->index_cache_note, "patched: %u of %u files scanned; %.140s",
                 ws->ix.nfiles - ws->sg.reused_files, ws->ix.nfiles, reuse->image_note);
    else
        snprintf(ps->index_cache_note, sizeof ps->index_cache_note, "%.120s; not patched: %.60s",
                 reuse->image_note, reuse->image_why);
}

/* The workers' capture arenas move to the workspace (the resolver's input). */
static int move_capture(lp_workspace *ws, worker *workers, unsigned nw)
{
    if (!(ws->capture->arenas = mem_calloc(nw, sizeof *ws->capture->arenas))) return -1;
    ws->capture->narenas = nw;
    for (unsigned i = 0; i < nw; i++) {
        ws->capture->arenas[i] = workers[i].capture;
        ar_init(&workers[i].capture, CHUNK_MIN);
    }
    return 0;
}

/* Workers 1..nw-1 scan beside this thread (worker 0); returns how many
 * started (fewer threads: the rest is scanned here). */
static unsigned start_workers(worker *workers, unsigned nw, pline *pl, int capture)
{
    unsigned started = 0;
    for (unsigned i = 1; i < nw; i++) {
        worker_init(&workers[i], pl);
        workers[i].sw.capture = capture ? &workers[i].capture : NULL;
        workers[i].full_parse = workers[0].full_parse;
        /* (started on this CPU, which lists the files and scans too, a worker began 1.5-2.5 ms late
         * and took turns with this thread on it: aws_compliance's first open 1-2 ms slower) */
        if (thr_start(&workers[i].thread, worker_main, &workers[i]) != 0) {
            worker_free(&workers[i]);
            break;
        }
        started++;
    }
    return started;
}

/* Merge the files in order as their scans complete, scanning on this thread
 * (w0) while nothing is ready; a dependency mod found incomplete is taken
 * back whole (fail_mod).  Returns the files merged (fewer: out of memory or
 * a failed scan, pl->failed). */
static uint32_t merge_files(pline *pl, worker *w0, mod_set *ms, file_outcome *outs, index_builder *ib,
                            index_mark *mark, build_diags *faildiags)
{
    uint32_t merged = 0;
    while (merged < ms->nfiles && !atomic_load(&pl->failed)) {
        pthread_mutex_lock(&pl->mu);
        int ok = mergeable(pl, merged);
        /* nothing to merge: scan one, unless as many results as allowed wait
         * already (then wait for the one being scanned) or the next file to
         * merge is not claimed yet (then it is this thread's to scan) */
        int scan = !ok && (pl->inuse < pl->limit || atomic_load(&pl->next) <= merged);
        pthread_mutex_unlock(&pl->mu);
        if (scan && scan_next(w0, 0)) continue;
        if (!ok) {
            pthread_mutex_lock(&pl->mu);
            while (!atomic_load(&pl->failed) && !mergeable(pl, merged)) pthread_cond_wait(&pl->cv, &pl->mu);
            pthread_mutex_unlock(&pl->mu);
            continue;
        }
        uint32_t m = ms->files[merged].mod;
        if (m != 0 && (merged == 0 || ms->files[merged - 1].mod != m)) index_mark_get(ib, merged, mark);
        if (m != 0 && !ms->mods[m].failed && outs[merged].missing) fail_mod(ms, merged, ib, mark, faildiags);
        if (pl->from_copies && pl->preset[merged] ? merge_copy(pl, ib, merged) != 0
                : index_add_file(ib, merged, &outs[merged]) != 0) {
            pl_fail(pl);
            break;
        }
        pl_give(pl, outs[merged].slot);
        outs[merged].slot = NULL;
        memset(&outs[merged].res, 0, sizeof outs[merged].res);   /* gone with its arena */
        merged++;
    }
    return merged;
}

/* A patch decodes what resolution takes from the stale image (its scope and what loading read, its
 * records and reads when resolution takes them: rs_prepare_patch_scope, _records) on another CPU while
 * this one takes the image's segments and builds the index, which read none of it (aws_compliance:
 * 0.5 ms of the command after a save, off its wall time).  A live one's makes the records it carries over too
 * (rs_prepare_image, as a reopened live version's first refresh has them made: a live version's
 * entries are not served from the image's overlay in place), 0.6 ms more of a server's start.
 * A one-shot patch whose decoding is small (under PREP_THREAD_MIN bytes of it: pst_decoded_bytes)
 * leaves it to resolution on this thread: a second thread beside this one slowed both (its start, and
 * both faulting fresh pages at once; aws_insights, 45 KB of it: the stubs 0.14 ms alone, 0.24 beside
 * the thread, whose decoding took 0.2 ms there and 0.05 here; the patch 1.07 ms without it, 1.17 with
 * it), where aws_compliance's 226 KB (0.5 ms) are worth it (its patch 1.57 ms with the thread, 1.75
 * without). */
#define PREP_THREAD_MIN (96u * 1024u)
typedef struct ws_prep_job {
    lp_workspace *ws;
    pthread_t th;
    int running;
    int live;                    /* a live version's: one part, its records made too (rs_prepare_image) */
    /* each part done once made: the build waits for that, not for the thread's exit (the thread's
     * allocator heap given up: the build's wait went from 0.14 to 0.07 ms, medians), which the patch's
     * end joins */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int claimed[2], done[2];     /* per part (0 the scope, 1 the records): being made (by the thread or by
                                  * the build), made */
    int records;                 /* a one-shot's records part: -1 not decided yet, 0 not wanted, 1 wanted */
} ws_prep_job;

/* lp_test_patch_prep_late's: how long a patch's prep thread waits before it claims its first part,
 * and how many first parts the builds made themselves */
static _Atomic unsigned prep_late_ms;
static _Atomic unsigned long prep_by_build;
static atomic_int prep_always;
static _Atomic unsigned long prep_threads, prep_records_made;

unsigned long lp_test_patch_prep_always(int on)
{
    atomic_store(&prep_always, on);
    return atomic_load(&prep_threads);
}

unsigned long lp_test_patch_prep_late(unsigned ms)
{
    atomic_store(&prep_late_ms, ms);
    return atomic_load(&prep_by_build);
}

unsigned long lp_test_patch_records_ahead(void) { return atomic_load(&prep_records_made); }

/* Part `part` of the job made here unless another thread claimed it first: 1 made here, 0 not. */
static int prep_claim_and_make(ws_prep_job *j, int part)
{
    pthread_mutex_lock(&j->lock);
    int mine = !j->claimed[part];
    j->claimed[part] = 1;
    pthread_cond_broadcast(&j->cond);   /* (a thread told to wait before it claims: it may go) */
    pthread_mutex_unlock(&j->lock);
    if (!mine) return 0;
    if (j->live) rs_prepare_image(j->ws);
    else if (part == 0) rs_prepare_patch_scope(j->ws);
    else if (rs_prepare_patch_records(j->ws) == 0) atomic_fetch_add(&prep_records_made, 1);
    pthread_mutex_lock(&j->lock);
    j->done[part] = 1;
    pthread_cond_broadcast(&j->cond);
    pthread_mutex_unlock(&j->lock);
    return 1;
}

static void *prep_main(void *arg)
{
    ws_prep_job *j = arg;
    unsigned late = atomic_load(&prep_late_ms);
    if (late) {   /* (the tests': as a thread whose CPU another process holds) */
        struct timespec until = thr_deadline(CLOCK_REALTIME, (uint64_t)late * 1000000u);
        pthread_mutex_lock(&j->lock);
        while (!j->claimed[0] && pthread_cond_timedwait(&j->cond, &j->lock, &until) == 0) continue;
        pthread_mutex_unlock(&j->lock);
    }
    (void)prep_claim_and_make(j, 0);
    if (j->live) return NULL;
    pthread_mutex_lock(&j->lock);   /* (idle on its CPU until the build says) */
    while (j->records < 0) pthread_cond_wait(&j->cond, &j->lock);
    int wanted = j->records > 0;
    pthread_mutex_unlock(&j->lock);
    if (wanted) (void)prep_claim_and_make(j, 1);
    return NULL;
}

/* Waits until the part is made (the thread may still be ending).  A thread that has not begun it by
 * then (its CPU taken by another process: it runs on the other CPU until it has run once) is not
 * waited for: the build makes the part itself, and the thread finds it claimed. */
static void prep_wait_part(ws_prep_job *j, int part)
{
    if (prep_claim_and_make(j, part)) {
        if (part == 0) atomic_fetch_add(&prep_by_build, 1);
        return;
    }
    pthread_mutex_lock(&j->lock);
    while (!j->done[part]) pthread_cond_wait(&j->cond, &j->lock);
    pthread_mutex_unlock(&j->lock);
}

/* (rs_start_after's ready: before resolution reads the scope, part 0; before it reads the records,
 * part 1, made by then if wanted, else left to the resolution) */
static void prep_ready(void *job, int part)
{
    ws_prep_job *j = job;
    if (!j || !j->running || (part == 1 && (j->live || j->records <= 0))) return;
    prep_wait_part(j, part);
}

/* A one-shot patch's records part wanted or not, as the build found: wanted when the edit moved
 * entries or loading's blocks, where resolution takes the image's records; not after an edit in
 * place, which it carries over without them (carry_sparse.c: a thread decoding them was CPU spent for
 * nothing, and resolution waited for it: 123,208 entries, 4 ms of decoding).  The test knob's: always. */
static void prep_records(ws_prep_job *j, int wanted)
{
    if (!j) return;
    pthread_mutex_lock(&j->lock);
    if (j->records < 0) j->records = wanted || atomic_load(&prep_always);
    pthread_cond_broadcast(&j->cond);
    pthread_mutex_unlock(&j->lock);
}

static void prep_join(ws_prep_job *j)
{
    if (!j || !j->running) return;
    prep_records(j, 0);   /* (a build that ended before it decided) */
    pthread_join(j->th, NULL);
    j->running = 0;
}

/* A workspace built (its temporaries gone): the build's figures, the
 * diagnostics to the host, then phase 2 (resolve.c: a thread, or inline
 * with no_background). */
static int open_built(lp_workspace *ws, const char *dir, const lp_workspace_opts *opts, const ws_reuse *reuse,
                      const lp_alloc_stats *a0, uint64_t t0, lp_workspace **out, lp_error *err)
{
    lp_alloc_stats a1;
    lp_alloc_stats_get(&a1);
    ws->stats.alloc_calls = a1.calls - a0->calls;
    ws->stats.alloc_bytes = a1.bytes - a0->bytes;
    ws->stats.peak_bytes = a1.peak;
    ws->stats.build_ns = now_ns() - t0;
    if (reuse && reuse->image_note) patch_note(ws, reuse);   /* before resolution writes the stats */
    for (uint32_t i = 0; opts && opts->diag && i < ws->ix.ndiags; i++)
        opts->diag(opts->diag_user, &ws->ix.diags[i]);
    if (!opts || !opts->no_resolve) {
        /* an image's version carries its records over to a refresh or a patch, which holds it
         * until resolution is done */
        const lp_workspace *pv = reuse ? reuse->prev : NULL;
        if (rs_start_after(ws, pv, pv ? reuse->prev_changed : NULL, reuse ? prep_ready : NULL,
                           reuse ? reuse->prep : NULL) != LP_OK) {
            /* no resolver at all: every field would stay unresolved without a word */
            lp_close(ws);
            return err_set(err, LP_ERR_NOMEM, "out of memory while opening %s (resolution could not start)",
                           dir);
        }
        /* what the build freed on this thread (its scan arenas, result slots and read buffers) back to
         * the system while resolution runs on its own: the caller of a fresh open waits for it
         * without allocating, so mimalloc would keep them until the answer (aws_compliance: 1 MiB of
         * the peak); a refresh's thread goes on with what it freed */
        if (!reuse) mem_release_own();
    }
    *out = ws;
    return LP_OK;
}

/* A build that keeps segments: one slot per file, and with reuse (a
 * refresh) the previous version's segments of the files whose bytes did
 * not change taken (preset), which *nscan no longer counts.  -1: out of memory. */
static int keep_segments(lp_workspace *ws, const mod_set *ms, const ws_reuse *reuse, int full,
                         int same_listing, file_outcome *outs, uint8_t **preset, uint32_t *nscan)
{
    ws->sg.segs = ar_zalloc(&ws->arena, ((size_t)ms->nfiles + 1) * sizeof *ws->sg.segs);
    ws->sg.nsegs = ws->sg.segs ? ms->nfiles : 0;
    *preset = mem_calloc((size_t)ms->nfiles + 1, 1);
    seg_map map = { 0 };
    int rc = -1, oom = 0;
    if (ws->sg.segs && *preset) {
        if (reuse) *nscan -= take_segments(ws, ms, reuse, &map, full, same_listing, outs, *preset, &oom);
        rc = oom ? -1 : 0;
    }
    mem_free(map.slot, map.slot ? ((size_t)map.mask + 1) * sizeof *map.slot : 0);
    return rc;
}

/* Wait for workers 1..started-1; oom: this thread's outcome.  Returns
 * whether any ran out of memory (then the pipeline is failed first, so
 * that none waits). */
static int join_workers(worker *workers, unsigned started, pline *pl, int oom)
{
    if (oom) pl_fail(pl);
    for (unsigned i = 1; i < started; i++) {
        pthread_join(workers[i].thread, NULL);
        oom |= workers[i].oom;
    }
    return oom;
}

/* The test builds check every index they build, whole (index_check.c):
 * LP_ERR_INTERNAL with the broken invariant, else LP_ERR_NOMEM (go on). */
static int check_invariants(const lp_workspace *ws, lp_error *err)
{
#ifdef LP_CHECK_INVARIANTS
    const char *broken = idx_check(ws);
    if (broken) return err_set(err, LP_ERR_INTERNAL, "index invariant broken: %s", broken);
#else
    (void)ws;
    (void)err;
#endif
    return LP_ERR_NOMEM;
}

/* Resolution will follow: the scan keeps what it evaluates (capture.h). */
static idx_capture *capture_new(void)
{
    idx_capture *c = mem_calloc(1, sizeof *c);
    if (c) ar_init(&c->lists, CHUNK_MIN);
    return c;
}

/* A workspace for dir, as given without trailing slashes ("" is "."); NULL:
 * out of memory (ws->dir NULL is checked with the options). */
static lp_workspace *ws_new(const char *dir)
{
    lp_workspace *ws = mem_calloc(1, sizeof *ws);
    if (!ws) return NULL;
    ar_init(&ws->arena, CHUNK_MIN);
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/') dl--;
    ws->dir = dl ? ar_strndup(&ws->arena, dir, dl) : arena_str(&ws->arena, ".");
    return ws;
}

/* List the mods and their files: anew, or (prev: a refresh whose changes
 * listing does not read) the previous version's listing.  What listing
 * gave besides the files is kept for the next refresh.  0, or not. */
static int list_inputs(lp_workspace *ws, mod_set *ms, worker *w, const ws_reuse *prev)
{
    int rc = !prev ? mod_discover(ms, ws->dir, &w->scratch, &w->buf)
                   : listing_from(ms, prev->prev, prev->prev_changed);
    if (prev && prev->prev->ix.read_at_ns < ws->ix.read_at_ns) ws->ix.read_at_ns = prev->prev->ix.read_at_ns;
    ws->sg.ndisc_diags = ms->diags->n;
    ws->sg.nsnap_listed = ms->nsnapshots;
    ws->sg.listing_known = !ms->diags->nmore && ms->diags->n < BUILD_MAX_DIAGS;
    return rc;
}

/* The pipeline's files taken from segments (preset, when segments are
 * kept) are ready from the start; nw threads scan the rest. */
static void pl_setup(pline *pl, lp_workspace *ws, const mod_set *ms, const uint8_t *preset, int64_t read_at,
                     unsigned nw)
{
    if (preset) {
        pl->preset = preset;
        pl->segs = ws->sg.segs;
        pl->ws = ws;
        pl->read_at_ns = read_at;
        for (uint32_t f = 0; f < ms->nfiles; f++) pl->ready[f] = preset[f];
    }
    /* two results per thread in flight: each slot keeps chunks of a few
     * times the largest file it scanned, and four per thread made phase 1's
     * peak (aws_compliance, two threads: 1.5 MiB more) for no speed */
    pl->limit = 2 * nw;
}

/* A refresh of a few files: they are scanned here first (they fit the slots), then, with the
 * previous listing, the index is made from the previous one's when their entries kept their names
 * and places (index_update).  1: done; 0: merge as usual; -1: out of memory. */
static int update_from_prev(lp_workspace *ws, const lp_workspace *prev, const mod_set *ms,
                            const file_outcome *outs, const uint8_t *preset, build_diags *diags, worker *w0,
                            pline *pl, int same_listing)
{
    while (scan_next(w0, 0)) {
    }
    if (w0->oom || atomic_load(&pl->failed)) return -1;
    if (!same_listing) return 0;   /* (scanned first for copies_will_do: index_update pairs by place) */
    /* a patch holds the stale image's mapping (and a live version refreshed from it, the same):
     * its strings are shared, not copied */
    pst_hold_mapping(prev, ws);
    int rc = index_update(ws, prev, ms, outs, preset, diags);
    return rc < 0 ? -1 : rc == 0;
}

/* A refresh of a few files (scanned): they are scanned here first (they fit the slots), then, with the
 * previous listing, the index is made from the previous one's when their entries kept their names and
 * places (index_update: 1), else merged whole (0: from copies when copies_will_do; -1 out of memory).
 * A patch's prep thread is told then whether resolution will take the image's records. */
static int scan_first(lp_workspace *ws, const ws_reuse *reuse, const mod_set *ms, file_outcome *outs,
                      const uint8_t *preset, build_diags *diags, worker *w0, pline *pl, int scanned,
                      int same_listing)
{
    int updated =
        scanned ? update_from_prev(ws, reuse->prev, ms, outs, preset, diags, w0, pl, same_listing) : 0;
    pl->from_copies = scanned && !updated && copies_will_do(ws, ms, outs, preset, reuse);
    if (reuse) prep_records(reuse->prep, !(updated > 0 && blocks_kept(ms, outs, preset, reuse)));
    return updated;
}

/* The build's temporaries: paths, listing, diagnostics. */
/* The scan's memory once the workers are joined: the other workers' (which ended) and the slots they
 * filled are other threads' blocks, whose pages go back now (mem_foreign_begin). */
static void scan_memory_free(worker *workers, unsigned nw, pline *pl)
{
    mem_foreign_begin();
    for (unsigned i = 0; i < nw; i++) worker_free(&workers[i]);
    pl_free(pl);
    mem_foreign_end();
}

static void build_temps_free(mod_set *ms, ar_arena *tmp, build_diags *diags)
{
    mod_set_free(ms);
    ar_free(tmp);
    build_diags_free(diags);
}

static int ws_open_impl(const char *dir, const lp_workspace_opts *opts, ws_listed_fn listed, void *user,
                        const ws_reuse *reuse, int full_parse, lp_workspace **out, lp_error *err);

/* A patch that cannot take the stale image's segments: a build, whose image is written as any
 * build's (not deferred to a live layer's close). */
static void no_prev(ws_reuse *r)
{
    r->prev = NULL;
    r->prev_changed = NULL;
    r->defer_image = 0;
}

/* A stale image (reopen gave 2; base serves it): the image's version refreshed as a live
 * workspace's refresh does it, the edit applied to it: a build that takes the image's segment of
 * every file whose bytes did not change and scans the rest, merged (or the image's index updated)
 * and resolved carrying over every record of the image whose reads did not change (carry.c,
 * carry_image), so that only the entries the edit touched are evaluated; the result is a fresh
 * open's.  The resolution runs on this thread: the image's records are read while it runs, and
 * base is closed once it is done (a command after an edit waits for it anyway: a few ms when
 * little changed).  Without usable segments, a whole build.  base is closed either way. */
static int patch(lp_workspace *base, const lp_workspace_opts *opts, const ws_reuse *reuse, uint64_t t0,
                 lp_workspace **out, lp_error *err)
{
    char note[sizeof base->stats.index_cache_note], why[120] = "";
    snprintf(note, sizeof note, "%s", base->stats.index_cache_note);
    int not_live = !(reuse && reuse->keep_segs && !reuse->not_live);
    ws_prep_job job = { .ws = base, .live = !not_live, .records = not_live ? -1 : 1,
                        .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER };
    job.running = (!not_live || atomic_load(&prep_always) || pst_decoded_bytes(base) >= PREP_THREAD_MIN) &&
                  thr_start_beside(&job.th, prep_main, &job) == 0;
    if (job.running) atomic_fetch_add(&prep_threads, 1);
    int nseg = pst_segs(base, why, sizeof why);
    /* a live version's image is the live layer's to write (at its close, as a refresh's): the first
     * version of a server started after an edit is not held back by writing 11 MB before it serves */
    ws_reuse r = { .keep_segs = 1, .prev = base, .prev_changed = pst_changed(base), .no_image = 1,
                   .not_live = not_live, .image_note = note, .image_why = why, .image_t0 = t0,
                   .prep = &job, .defer_image = !not_live };
    if (nseg <= 0) no_prev(&r);
    lp_workspace_opts o = { 0 };
    if (opts) o = *opts;
    int background = !o.no_background;
    o.no_background = r.prev != NULL;
    int rc = ws_open_impl(base->dir, &o, NULL, NULL, &r, 0, out, err);
    prep_join(&job);   /* its thread ended (the build waited for its part, unless it failed before) */
    if (r.prev && pst_segs_failed(base)) {
        /* a segment taken lazily was damaged (found when read, seg_ready): built again without them */
        if (rc == LP_OK) lp_close(*out);
        *out = NULL;
        snprintf(why, sizeof why, "the image's segments: a segment failed its checksum or checks");
        no_prev(&r);
        o.no_background = !background;
        rc = ws_open_impl(base->dir, &o, NULL, NULL, &r, 0, out, err);
    }
    if (rc == LP_OK) {
        (*out)->opts.no_background = !background;   /* the options as the caller gave them */
        if (not_live)
            (void)pst_image_file(base, &(*out)->img.patched_dev, &(*out)->img.patched_ino,
                                 &(*out)->img.patched_size);
        /* the image's segments read whole: the new version's and the edited files' old ones (their
         * entries' text compared: carry.c, same_text) */
        for (uint32_t f = 0; r.prev && base->sg.segs && f < base->sg.nsegs; f++) {
            const seg *sg = idx_seg_made(base, f);   /* (a one-shot's: made on first use, or not) */
            (*out)->stats.segments_read += sg && sg->lazy && seg_read_whole(sg);
            (*out)->stats.segments_stubbed += sg && sg->lazy;
        }
    }
    /* a one-shot's pages freed stay its allocator's for what the command does next (given back to
     * the system here, 0.08 ms of a patched `dashboard list`, they were taken again at once) */
    if (not_live) ws_close_keep_pages(base);
    else lp_close(base);
    return rc;
}

int lp_open(const char *dir, const lp_workspace_opts *opts, lp_workspace **out, lp_error *err)
{
    return ws_open_impl(dir, opts, NULL, NULL, NULL, 0, out, err);
}

int lp_open_full_parse(const char *dir, const lp_workspace_opts *opts, lp_workspace **out, lp_error *err)
{
    return ws_open_impl(dir, opts, NULL, NULL, NULL, 1, out, err);
}

int ws_open_hooked(const char *dir, const lp_workspace_opts *opts, ws_listed_fn listed, void *user,
                   lp_workspace **out, lp_error *err)
{
    return ws_open_impl(dir, opts, listed, user, NULL, 0, out, err);
}

int ws_open_ex(const char *dir, const lp_workspace_opts *opts, const ws_reuse *reuse, lp_workspace **out,
               lp_error *err)
{
    int rc = ws_open_impl(dir, opts, NULL, NULL, reuse, 0, out, err);
    /* A segment of the previous version taken lazily from its image failed its checks when this
     * build read it (a damaged image; seg_ready): built again without them, as patch does (the
     * resolution that may read one ran in the build: a refresh's does not run in the background) */
    if (!reuse || !reuse->prev || !(opts && opts->no_background) || !pst_segs_failed(reuse->prev)) return rc;
    if (rc == LP_OK) lp_close(*out);
    *out = NULL;
    ws_reuse whole = *reuse;
    whole.prev = NULL;
    whole.prev_changed = NULL;
    return ws_open_impl(dir, opts, NULL, NULL, &whole, 0, out, err);
}

static int ws_open_impl(const char *dir, const lp_workspace_opts *opts, ws_listed_fn listed, void *user,
                        const ws_reuse *reuse, int full_parse, lp_workspace **out, lp_error *err)
{
    int arc = check_dir(dir, out, err);
    if (arc != LP_OK) return arc;
    uint64_t t0 = now_ns();
    int64_t read_at = inp_now_ns();
    lp_alloc_stats a0;
    lp_alloc_stats_get(&a0);

    lp_workspace *ws = ws_new(dir);
    if (!ws) return err_set(err, LP_ERR_NOMEM, "out of memory");
    int rc = LP_ERR_NOMEM;
    ar_arena tmp;                 /* the build's paths and diagnostics */
    ar_init(&tmp, CHUNK_MIN);
    build_diags diags = { 0 };
    mod_set ms = { .arena = &tmp, .diags = &diags };
    inp_init(&ms.inputs, &ws->arena);
    file_outcome *outs = NULL;
    worker *workers = NULL;
    unsigned nw = 0, started = 1;
    int workers_freed = 0, pl_ready = 0;
    pline pl;
    index_builder *ib = NULL;
    build_diags faildiags = { 0 };
    index_mark mark = { 0 };
    uint8_t *preset = NULL;
    int keep = reuse && reuse->keep_segs;
    ws->ix.read_at_ns = read_at;
    if (!ws->dir || copy_opts(ws, opts) != 0) goto done;
    if (reuse && reuse->defer_image) ws->rs.save_image = NULL;
    int imaged = ws->opts.index_cache && !ws->opts.no_resolve && !full_parse && !listed;
    ws->sg.refreshable = keep && !reuse->not_live;
    ws->sg.late = imaged && !keep && ws->opts.defer_image;   /* the image's segments: after the answer */
    keep |= imaged && !ws->sg.late;   /* else kept as it scans (held by the image: a stale one is patched) */
    /* a version reopened from its image: its segments are the image's */
    if (keep && reuse && reuse->prev && reuse->prev->img.image && !reuse->prev->sg.segs)
        pst_segs((lp_workspace *)(uintptr_t)reuse->prev, NULL, 0);
    /* a refresh that can take segments does better than the image */
    int incremental = keep && reuse && reuse->prev && reuse->prev->sg.segs;
    /* 1: served from its image; 2: a stale image, ws its previous version */
    int how = imaged && !incremental && !(reuse && reuse->no_image) ? reopen(ws, t0, &a0) : 0;
    if (how) {
        ar_free(&tmp);
        if (how == 1) *out = ws;
        return how == 1 ? LP_OK : patch(ws, opts, reuse, t0, out, err);
    }

    /* 1. mods and files */
    worker main_w;
    worker_init(&main_w, &pl);
    /* a refresh whose changes listing does not read takes the previous listing */
    int relist = !(incremental && !listed && listing_same(reuse));
    int drc = list_inputs(ws, &ms, &main_w, relist ? NULL : reuse);
    uint64_t t1 = now_ns();
    if (drc != 0) {
        worker_free(&main_w);
        goto done;
    }

    if (listed) listed(user, &ms);

    /* 2. scan and merge, overlapped (see pline) */
    /* (written for the files scanned and those taken with an outcome: a patch's few, build.h) */
    outs = mem_zeroed(ms.nfiles + 1, sizeof *outs);
    uint32_t nscan = ms.nfiles;
    if (keep && outs &&
        keep_segments(ws, &ms, incremental ? reuse : NULL, full_parse, !relist, outs, &preset, &nscan) != 0) {
        worker_free(&main_w);
        goto done;
    }
    nw = worker_count(opts, nscan);
    workers = mem_calloc(nw, sizeof *workers);
    if (!outs || !workers || pl_init(&pl, &ms, outs) != 0) {
        worker_free(&main_w);
        goto done;
    }
    pl_ready = 1;
    pl_setup(&pl, ws, &ms, keep ? preset : NULL, read_at, nw);
    /* worker 0 runs on this thread and reuses the discovery buffers */
    workers[0] = main_w;
    /* resolution will follow: keep what it evaluates while the trees exist */
    int capture = !(opts && opts->no_resolve);
    workers[0].sw.capture = capture ? &workers[0].capture : NULL;
    workers[0].full_parse = full_parse;
    if (capture && !(ws->capture = capture_new())) goto done;
    uint32_t base = diags.n;     /* the failed-mod diagnostics go here, before the files' */
    int scanned = incremental && nscan <= pl.limit;
    int updated = scan_first(ws, reuse, &ms, outs, preset, &diags, &workers[0], &pl, scanned, !relist);
    if (updated < 0 || (!updated && keep && ready_presets(ws, reuse, &pl, &ms, outs, preset) != 0)) goto done;
    if (!updated &&
        (index_begin(&ib, ws, &ms, &diags) != 0 || (incremental && index_hint(ib, reuse->prev) != 0)))
        goto done;
    if (!updated) started += start_workers(workers, nw, &pl, capture);
    uint32_t merged = updated ? 0 : merge_files(&pl, &workers[0], &ms, outs, ib, &mark, &faildiags);
    int oom = join_workers(workers, started, &pl, workers[0].oom || (!updated && merged < ms.nfiles));
    nw = started;
    uint64_t t2 = now_ns();
    if (oom) goto done;
    /* the capture arenas move to the workspace (the resolver's input) */
    if (capture && move_capture(ws, workers, nw) != 0) goto done;

    /* the scan's buffers (result slots, scratch arenas, read buffers) go
     * before the hierarchy is built: they are done, and the hierarchy is
     * phase 1's peak (aws_compliance, two workers: 2.5 MiB less) */
    scan_memory_free(workers, nw, &pl);
    workers_freed = 1;
    pl_ready = 0;

    /* 3. hierarchy */
    if (!updated) {
        splice_diags(&diags, base, &faildiags);
        rc = index_finish(ib);
        ib = NULL;
        if (rc != 0) goto done;
    }
    rc = LP_ERR_NOMEM;
    char detail[200];
    if (diags.nmore) more_diags_note(&diags, detail, sizeof detail);
    if (diags.oom || store_diags(ws, &diags) != 0) goto done;
    if ((rc = check_invariants(ws, err)) != LP_ERR_NOMEM) goto done;
    uint64_t t3 = now_ns();

    /* 4. stats */
    build_stats(ws, nw, t1 - t0, t2 - t1, t3 - t2);
    rc = LP_OK;

done:
    index_abort(ib);
    for (unsigned i = 0; workers && !workers_freed && i < nw; i++) worker_free(&workers[i]);
    if (pl_ready) pl_free(&pl);
    build_diags_free(&faildiags);
    mem_free(preset, preset ? (size_t)ms.nfiles + 1 : 0);
    mem_free(workers, (size_t)nw * sizeof *workers);
    mem_zeroed_free(outs, (size_t)ms.nfiles + 1, sizeof *outs);
    if (rc == LP_OK) {
        /* the build's temporaries are gone: what is left is the index */
        ws->ix.inputs = ms.inputs;   /* in the workspace's arena already */
        build_temps_free(&ms, &tmp, &diags);
        return open_built(ws, dir, opts, reuse, &a0, t0, out, err);
    }
    build_temps_free(&ms, &tmp, &diags);
    lp_close(ws);
    if (rc != LP_ERR_INTERNAL) err_set(err, rc, "out of memory while opening %s", dir);
    return rc;
}

int ws_image_segments_due(const lp_workspace *ws)
{
    return ws && ws->img.image && !ws->sg.segs && ws->sg.refreshable;
}

int ws_prepare_refresh(lp_workspace *ws)
{
    if (!ws_image_segments_due(ws)) return 0;
    int read = pst_segs(ws, NULL, 0) > 0;
    /* the strings in blocks of their own, which the refresh's index shares (failing: it copies them) */
    if (!ws->img.strings_own.nblocks && ws->strings.nblocks)
        si_clone(&ws->img.strings_own, &ws->strings, 0, 0);
    rs_prepare_image(ws);
    return read;
}

/* What a patch of a stale image (stats.patched) checked, scanned and evaluated again, each at most a
 * KEEP_SHARE-th of the workspace's (and a few more, for a small one), keeps that image: no new one is
 * written.  The next open finds the same inputs changed and patches the same image again, at the
 * same cost above a reopen as this one (aws_compliance, a title edited: ~1.2x a reopen; the
 * resolution's carry-over of every entry, most of it, is paid whatever the edit), so that what a
 * save costs the cache follows the edit, not the workspace: the image written whole for a title was
 * 11 MB of aws_compliance's, and writing it cost about twice a reopen's CPU.  The edits since the
 * image add up: once they outgrow the share (a local every control reads, a dependency installed,
 * a checkout that changed many files, or many small edits to different files), the image is
 * written whole, as it was, and later opens reopen it. */
#define KEEP_SHARE 32u
#define KEEP_MIN 2u

/* (also resolution's, before it evaluates: rs_part.image_kept_if; the stats are the build's by then) */
static int patch_kept_if(const lp_workspace *ws, uint32_t evaluated)
{
    if (!ws->stats.patched) return 0;
    uint32_t nfiles = ws->ix.nfiles, scanned = nfiles - ws->sg.reused_files;
    uint64_t bytes = ws->stats.source_bytes, scanned_bytes = bytes - ws->sg.reused_bytes;
    uint32_t files_max = nfiles / KEEP_SHARE + KEEP_MIN;
    return ws->img.patched_changed <= files_max && scanned <= files_max &&
           scanned_bytes <= bytes / KEEP_SHARE + (64u << 10) &&
           evaluated <= ws->ix.nentries / KEEP_SHARE + 16 * KEEP_MIN;
}

static int patch_kept(const lp_workspace *ws) { return patch_kept_if(ws, rs_evaluated(ws)); }

/* patch_kept, and then why in why.  1 or 0. */
static int kept(const lp_workspace *ws, char *why, size_t wsize)
{
    if (!patch_kept(ws)) return 0;
    snprintf(why, wsize, "the stale image kept: %u of its inputs changed, %u entries evaluated",
             ws->img.patched_changed, rs_evaluated(ws));
    return 1;
}

/* Every image of a resolved workspace is written here (resolution's hook, lp_save_image, a live
 * workspace's close).  0 written; 1 not, and need not be (patch_kept, another command's), with why;
 * -1 with why. */
static int save_resolved(const lp_workspace *ws, const rs_ctx *c, char *why, size_t wsize)
{
    if (kept(ws, why, wsize)) return 1;
    if (c->reads_partial) {   /* (carry_sparse.c: the carried entries' reads are where the image has them) */
        snprintf(why, wsize, "the stale image kept: its records were carried where it holds them");
        return 1;
    }
    return pst_save_resolved(ws, c, why, wsize);
}

int ws_save_image(const lp_workspace *ws, char *why, size_t wsize)
{
    const rs_ctx *c = rs_finished(ws);
    if (!ws->opts.index_cache || ws->img.image || !c || c->oom) {
        snprintf(why, wsize, "%s", "no complete resolution to write");
        return -1;
    }
    return save_resolved(ws, c, why, wsize);
}

/* A one-shot open whose image is written after its answer (opts.defer_image) keeps no segments
 * while it builds: copying every file's scan result into fresh memory (aws_compliance: 5.7 MB
 * for 3.3 MB of source) was a sixth of its first answer.  The image's segments are made after
 * the answer instead: each file read again and scanned as the build scanned it (scan_bytes), and
 * kept only when the bytes hash as they did at the build, with the build's stat and read time, so
 * that a segment is the one the build would have kept (byte for byte in the image); a file changed
 * since has none in the image (a patch scans it again, as any changed file).  They are made on
 * helper threads while the image's other sections are written on this one, which then takes the
 * files left (late_wait).  Each goes to the image's writer (its sink) as soon as it and every file
 * before it are made, and is freed there: the helpers run at most LATE_AHEAD source bytes ahead of
 * the sink, so that a first open never holds every segment at once (5.7 MB of its peak RSS). */
#define LATE_AHEAD (256u * 1024u)

typedef struct late_job {
    lp_workspace *ws;
    pthread_mutex_t mu;          /* guards what follows but th and started */
    pthread_cond_t cv;           /* a file made or handed on, a sink attached, the job stopped */
    uint32_t next;               /* the next file to make */
    uint32_t handed;             /* the files before it went to the sink */
    uint64_t ahead;              /* source bytes of the files taken and not handed on */
    uint8_t *made;               /* per file: made (its segment, if it has one, in segs[f]) */
    idx_seg_sink *sink;
    int handing;                 /* a thread is handing files to the sink (one at a time, in order) */
    int stop;                    /* no sink will come: the files not taken are not made */
    int oom;                     /* then the files not taken have no segment */
    pthread_t th[MAX_WORKERS];
    unsigned started;
    int waited;
} late_job;

/* Every made file from j->handed on to the sink, in order, on this thread (unless another is at
 * it: it takes those made meanwhile too); a file no one will take (oom) goes without a segment.
 * j->mu held, released around each put. */
static void late_hand_on(late_job *j)
{
    lp_workspace *ws = j->ws;
    if (!j->sink || j->handing) return;
    j->handing = 1;
    for (uint32_t f; (f = j->handed) < ws->ix.nfiles && (j->made[f] || (j->oom && f >= j->next));) {
        seg *sg = ws->sg.segs[f];
        ws->sg.segs[f] = NULL;
        pthread_mutex_unlock(&j->mu);
        j->sink->put(j->sink, f, sg);
        pthread_mutex_lock(&j->mu);
        if (j->made[f]) j->ahead -= ws->ix.files[f].size;
        j->handed = f + 1;
    }
    j->handing = 0;
    pthread_cond_broadcast(&j->cv);
}

/* File f's segment into segs[f] (none when it changed since the build).  0, or -1 out of memory. */
static int late_make(lp_workspace *ws, worker *w, result_slot *slot, uint32_t f)
{
    const idx_file *x = &ws->ix.files[f];
    if (x->status != LP_OK && x->status != LP_ERR_SYNTAX) return 0;   /* (failed reads have none) */
    const char *path = idx_str(ws, x->path), *mod = idx_str(ws, ws->ix.mods[x->mod].name);
    size_t len;
    srcfile_info info;
    ar_reset(&slot->arena);
    ar_reset(&w->capture);
    slot->arena.chunk_size = clamp(slot->arena.reserved, CHUNK_MIN, RESULT_MAX);
    if (srcfile_read(path, &slot->src, &len, &info) != 0) return info.err == ENOMEM ? -1 : 0;
    if (len != x->size || info.hash != x->hash) return 0;   /* changed since the build */
    file_outcome o = { .read = { .size = x->size, .mtime_ns = x->mtime_ns, .dev = x->dev, .ino = x->ino,
                                 .hash = x->hash, .ctime = x->ctime } };
    /* the scan is a function of the bytes, the path and the mod: the build's status again */
    int rc = scan_bytes(w, path, mod, slot->src.p, len, &o) != 0 ? -1 : 0;
    if (rc == 0 && o.status == x->status && !(ws->sg.segs[f] = seg_make(&o, path, mod, 0, ws->ix.read_at_ns)))
        rc = -1;
    scratch_trim(w);
    return rc;
}

static void *late_main(void *arg)
{
    late_job *j = arg;
    lp_workspace *ws = j->ws;
    worker w;
    worker_init(&w, NULL);
    result_slot slot = { 0 };
    ar_init(&slot.arena, CHUNK_MIN);
    w.sw.capture = &w.capture;   /* the pieces resolution evaluates are part of a segment */
    w.sw.out = &slot.arena;
    pthread_mutex_lock(&j->mu);
    for (uint32_t f; !j->oom && !j->stop && (f = j->next) < ws->ix.nfiles;) {
        uint64_t size = ws->ix.files[f].size;
        /* far enough ahead of the sink: wait (never for the file it takes next) */
        if (f > j->handed && j->ahead + size > LATE_AHEAD) {
            pthread_cond_wait(&j->cv, &j->mu);
            continue;
        }
        j->next = f + 1;
        j->ahead += size;
        pthread_mutex_unlock(&j->mu);
        int rc = late_make(ws, &w, &slot, f);
        pthread_mutex_lock(&j->mu);
        j->made[f] = 1;
        if (rc != 0) j->oom = 1;
        late_hand_on(j);
    }
    pthread_mutex_unlock(&j->mu);
    ar_free(&slot.arena);
    srcbuf_free(&slot.src);
    worker_free(&w);
    return NULL;
}

static void late_stream(const lp_workspace *ws, idx_seg_sink *sink);
static void late_wait(const lp_workspace *ws);

/* The segments' job started: its array, and the helpers (as many as the build had, but this
 * thread).  0, or -1 when memory ran out (segs NULL: the image has none). */
static int late_start(lp_workspace *ws, late_job *j)
{
    uint32_t n = ws->ix.nfiles;
    *j = (late_job){ .ws = ws };
    j->made = mem_calloc((size_t)n + 1, 1);
    ws->sg.segs = j->made ? ar_zalloc(&ws->arena, ((size_t)n + 1) * sizeof *ws->sg.segs) : NULL;
    if (!ws->sg.segs || pthread_mutex_init(&j->mu, NULL) != 0) {
        mem_free(j->made, j->made ? (size_t)n + 1 : 0);
        ws->sg.segs = NULL;
        return -1;
    }
    if (pthread_cond_init(&j->cv, NULL) != 0) {
        pthread_mutex_destroy(&j->mu);
        mem_free(j->made, (size_t)n + 1);
        ws->sg.segs = NULL;
        return -1;
    }
    ws->sg.nsegs = n;
    unsigned nw = worker_count(&ws->opts, n);
    while (j->started + 1 < nw && thr_start_beside(&j->th[j->started], late_main, j) == 0) j->started++;
    ws->sg.late_job = j;
    ws->sg.late_stream = late_stream;
    ws->sg.late_wait = late_wait;
    return 0;
}

/* The sink from now on: the files made so far go to it at once, on this thread. */
static void late_stream(const lp_workspace *ws, idx_seg_sink *sink)
{
    late_job *j = ws->sg.late_job;
    pthread_mutex_lock(&j->mu);
    j->sink = sink;
    late_hand_on(j);
    pthread_mutex_unlock(&j->mu);
}

/* With a sink: the files no helper took yet, on this thread, then the helpers' end, every file
 * handed on.  Without one (the writer stopped before it needed them): the helpers stop. */
static void late_wait(const lp_workspace *ws)
{
    late_job *j = ws->sg.late_job;
    if (!j || j->waited) return;
    pthread_mutex_lock(&j->mu);
    int sink = j->sink != NULL;
    if (!sink) {
        j->stop = 1;
        pthread_cond_broadcast(&j->cv);
    }
    pthread_mutex_unlock(&j->mu);
    if (sink) late_main(j);
    for (unsigned i = 0; i < j->started; i++) pthread_join(j->th[i], NULL);
    pthread_mutex_lock(&j->mu);
    late_hand_on(j);   /* (the files no one took after an oom) */
    j->sink = NULL;
    pthread_mutex_unlock(&j->mu);
    j->waited = 1;
}

/* The job's end (late_wait first): the segments the sink took are gone, segs is NULL (a version
 * that keeps none); those of a job stopped before a sink came stay until lp_close. */
static void late_end(lp_workspace *ws, late_job *j)
{
    late_wait(ws);
    int handed = j->handed == ws->ix.nfiles;
    pthread_cond_destroy(&j->cv);
    pthread_mutex_destroy(&j->mu);
    mem_free(j->made, (size_t)ws->ix.nfiles + 1);
    if (handed) {
        ws->sg.segs = NULL;
        ws->sg.nsegs = 0;
    }
    ws->sg.late_job = NULL;
    ws->sg.late_stream = NULL;
    ws->sg.late_wait = NULL;
}

int lp_save_image_due(lp_workspace *ws)
{
    if (!ws || !ws->opts.index_cache || !ws->opts.defer_image || ws->opts.no_resolve || ws->img.image)
        return 0;
    lp_wait_resolved(ws, -1);
    rs_join(ws);   /* (the caller may fork: no thread of ours left) */
    const rs_ctx *c = rs_finished(ws);
    return !rs_image_written(ws) && c && !c->oom && !patch_kept(ws);
}

int lp_save_image(lp_workspace *ws, lp_error *err)
{
    if (!ws || !ws->opts.index_cache || !ws->opts.defer_image || ws->opts.no_resolve || ws->img.image)
        return LP_OK;
    lp_wait_resolved(ws, -1);
    if (rs_image_written(ws)) return LP_OK;
    char why[200] = "";
    if (kept(ws, why, sizeof why)) {
        rs_note_image(ws, 0, why);
        return LP_OK;
    }
    /* what the build and the answer freed, back to the system before the image's allocations:
     * much of it is other threads' (the build's workers, the resolver), which this one's
     * allocations would not reuse (aws_compliance: 1.5-2 MB less peak RSS) */
    mem_release();
    late_job j;
    int job = ws->sg.late && !ws->sg.segs && rs_finished(ws);
    if (job && late_start(ws, &j) != 0) {
        rs_note_image(ws, 0, "out of memory");
        return err_set(err, LP_ERR_NOMEM, "the index image was not written: out of memory");
    }
    int rc = ws_save_image(ws, why, sizeof why);
    if (job) late_end(ws, &j);
    rs_note_image(ws, rc == 0, rc == 0 ? "" : why);
    if (rc == 1) return LP_OK;   /* (another command's image is the same edit's) */
    return rc == 0 ? LP_OK : err_set(err, LP_ERR_IO, "the index image was not written: %s", why);
}

void ws_retain(lp_workspace *ws)
{
    atomic_fetch_add(&ws->holders, 1);
}

void lp_close(lp_workspace *ws)
{
    if (ws_close_keep_pages(ws)) mem_release();
}

int ws_close_keep_pages(lp_workspace *ws)
{
    if (!ws) return 0;
    /* holders counts those beyond the first: 0 before the decrement means this close is the last */
    if (atomic_fetch_sub(&ws->holders, 1) != 0) return 0;
    if (ws->load.free_cache)
        ws->load.free_cache(ws); /* before the resolver: loaded values may point into its arena */
    rs_free(ws);
    if (ws->img.overlay_own_view)   /* (after the store it was read through) */
        mem_view_free(ws->img.overlay_own, (size_t)ws->ix.nentries * sizeof *ws->img.overlay_own);
    idx_capture_free(ws->capture);
    for (uint32_t f = 0; ws->sg.segs && f < ws->sg.nsegs; f++) seg_unref(ws->sg.segs[f]);
    if (ws->sg.lazy) {   /* (the image's table: its stubs go with its last version) */
        ws->sg.lazy_unref(ws->sg.lazy);
        mem_free(ws->sg.lazy_slot, ((size_t)ws->sg.nsegs + 1) * sizeof *ws->sg.lazy_slot);
    }
    if (ws->img.image) {   /* the arrays and the strings are the mapping's */
        si_free(&ws->img.strings_own);
        pst_unload(ws);
    } else {
        size_t ebytes = (size_t)ws->ix.cap_entries * sizeof *ws->ix.entries;
        size_t kbytes = (size_t)ws->ix.cap_kv * sizeof *ws->ix.kv;
        (ws->ix.entries_view ? mem_view_free : mem_free)(ws->ix.entries, ebytes);
        (ws->ix.kv_view ? mem_view_free : mem_free)(ws->ix.kv, kbytes);
        if (ws->ix.files_view) mem_view_free(ws->ix.files, (size_t)ws->ix.nfiles * sizeof *ws->ix.files);
        si_free(&ws->strings);
        if (ws->img.map_unref) ws->img.map_unref(ws->img.map_hold);   /* (after the strings it held) */
    }
    ar_free(&ws->arena);
    mem_free(ws, sizeof *ws);
    return 1;
}

/* ------------------------------------------------------------ inputs */

uint32_t lp_input_count(const lp_workspace *ws)
{
    if (!ws) return 0;
    const inp_table *r = rs_inputs(ws);
    return ws->ix.nfiles + ws->ix.inputs.n + (r ? r->n : 0);
}

/* Input i as a record: a file's built from its idx_file. */
static int input_rec(const lp_workspace *ws, uint32_t i, inp_rec *out)
{
    if (i < ws->ix.nfiles) {
        const idx_file *f = &ws->ix.files[i];
        *out = (inp_rec){ .path = idx_str(ws, f->path),
                          .kind = LP_INPUT_SOURCE,
                          .err = f->err,
                          .size = f->size,
                          .mtime_ns = f->mtime_ns,
                          .dev = f->dev,
                          .ino = f->ino,
                          .hash = f->hash,
                          .ctime = f->ctime };
        return 0;
    }
    i -= ws->ix.nfiles;
    if (ws->img.image) return pst_input_get(ws, i, out);   /* reopened: no array of them (persist.h) */
    if (i < ws->ix.inputs.n) {
        *out = ws->ix.inputs.v[i];
        return 0;
    }
    i -= ws->ix.inputs.n;
    const inp_table *r = rs_inputs(ws);
    if (!r || i >= r->n) return -1;
    *out = r->v[i];
    return 0;
}

int lp_input_get(const lp_workspace *ws, uint32_t input, lp_input_info *out)
{
    inp_rec r;
    if (!ws || !out || input_rec(ws, input, &r) != 0) return LP_ERR_ARG;
    inp_info(&r, out);
    return LP_OK;
}

int lp_input_check(const lp_workspace *ws, uint32_t input, lp_input_state *state)
{
    inp_rec r;
    if (!ws || !state || input_rec(ws, input, &r) != 0) return LP_ERR_ARG;
    *state = inp_check(&r, ws->ix.read_at_ns);
    return LP_OK;
}

const char *lp_workspace_dir(const lp_workspace *ws) { return ws ? ws->dir : ""; }

const lp_workspace_opts *lp_workspace_options(const lp_workspace *ws) { return ws ? &ws->opts : NULL; }

void lp_workspace_stats_get(const lp_workspace *ws, lp_workspace_stats *out)
{
    if (!ws || !out) return;
    *out = ws->stats;
}
