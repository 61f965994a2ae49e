/* lpbench.c — one bench measurement per process (bench/README.md).
 *
 *   lpbench phases                      the phases this build can measure
 *   lpbench info DIR                    files, bytes and resources of a mod (JSON)
 *   lpbench run --phase P --dir DIR [--target NAME] [--reps N] [--min-ms MS]
 *               [--resources N] [--threads N] [--warmup N] [--json FILE] [--tsv FILE] [--md]
 *               [--callgrind] [--pause-ms MS]
 *
 * `run` measures phase P on the .pp files under DIR, N times, each rep beside
 * the READ FLOOR of the same files (open + read into a reused buffer + memchr
 * for '\n' over every file) timed in the same process, alternately, so that
 * noise from other processes hits both.  N is raised for small inputs until
 * the reps add up to about --min-ms (default 300 ms) of work.  It appends one JSON object (one line)
 * to --json, one TSV line to --tsv, and prints one Markdown row with --md.
 * Allocation figures are lp_alloc_stats deltas over the last rep; peak RSS is
 * this process's ru_maxrss (each measurement runs in its own process).
 * --pause-ms idles MS before each rep (N is then not raised): a long-running
 * process's work after a wait, with the page faults of the reps (medians,
 * printed and in the JSON), where back-to-back reps keep caches and freed
 * pages warm.
 *
 * Phases are compiled in when the library defines their entry points: the
 * build passes -DLPB_HAVE_<symbol> for each symbol it finds (bench/features.sh),
 * so the bench grows with the library without editing.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lazypipe.h"
#ifdef LPB_HAVE_lp_open_full_parse
#include "lazypipe_test.h"
#endif
#include "base/arena.h"
#ifdef LPB_HAVE_hcl_lex
#include "hcl/hcl_lex.h"
#endif
#ifdef LPB_HAVE_hcl_parse
#include "hcl/hcl_ast.h"
#endif
#ifdef LPB_HAVE_skim_parse
#include "index/skim.h"
#endif

/* ------------------------------------------------------------ helpers */
static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* CPU time of the whole process (every thread): on a machine shared with
 * other work it leaves out the time spent waiting for a core. */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* --pause-ms: the process idles before each rep, as a watcher does between
 * edits (its caches, TLB and branch history are then other processes') */
static void pause_for(double ms)
{
    struct timespec ts = { (time_t)(ms / 1e3), (long)((ms - (double)(time_t)(ms / 1e3) * 1e3) * 1e6) };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

static long minflt(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_minflt;
}

static long maxrss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void fail(const char *fmt, const char *arg)
{
    fprintf(stderr, "lpbench: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n");
    exit(2);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* ------------------------------------------------------------ file list */
typedef struct file_list {
    char **path;
    size_t *size;
    size_t n, cap;
    uint64_t bytes;
    size_t max_size;
} file_list;

static int ends_with_pp(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".pp") == 0;
}

/* Every *.pp file under dir, hidden folders included (dependency mods live
 * in .powerpipe/mods).  With fl == NULL only walks (the floor's walk variant). */
static size_t walk(const char *dir, file_list *fl)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    size_t found = 0;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unsigned char type = e->d_type;
        if (type == DT_UNKNOWN || type == DT_LNK) {
            struct stat st;
            if (stat(path, &st)) continue;
            type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
        }
        if (type == DT_DIR) {
            found += walk(path, fl);
        } else if (type == DT_REG && ends_with_pp(e->d_name)) {
            found++;
            if (!fl) continue;
            struct stat st;
            if (stat(path, &st)) continue;
            if (fl->n == fl->cap) {
                fl->cap = fl->cap ? fl->cap * 2 : 256;
                fl->path = realloc(fl->path, fl->cap * sizeof *fl->path);
                fl->size = realloc(fl->size, fl->cap * sizeof *fl->size);
                if (!fl->path || !fl->size) fail("%s", "out of memory");
            }
            fl->path[fl->n] = strdup(path);
            fl->size[fl->n] = (size_t)st.st_size;
            fl->bytes += (uint64_t)st.st_size;
            if ((size_t)st.st_size > fl->max_size) fl->max_size = (size_t)st.st_size;
            fl->n++;
        }
    }
    closedir(d);
    return found;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_files(const char *dir, file_list *fl)
{
    memset(fl, 0, sizeof *fl);
    walk(dir, fl);
    /* sorted for a stable order; the sizes are looked up again to follow */
    qsort(fl->path, fl->n, sizeof *fl->path, cmp_str);
    for (size_t j = 0; j < fl->n; j++) {
        struct stat st;
        if (!stat(fl->path[j], &st)) fl->size[j] = (size_t)st.st_size;
    }
}

/* ------------------------------------------------------------ read floor */
typedef struct rbuf {
    char *p;
    size_t cap;
} rbuf;

static volatile uint64_t sink;

/* Read a whole file into the reused buffer; returns its length or -1. */
static long read_file(const char *path, rbuf *b)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    size_t len = 0;
    for (;;) {
        if (len == b->cap) {
            b->cap = b->cap ? b->cap * 2 : 1 << 16;
            b->p = realloc(b->p, b->cap);
            if (!b->p) fail("%s", "out of memory");
        }
        ssize_t r = read(fd, b->p + len, b->cap - len);
        if (r < 0) {
            if (errno == EINTR) continue;
            close(fd);
            return -1;
        }
        if (r == 0) break;
        len += (size_t)r;
    }
    close(fd);
    return (long)len;
}

static uint64_t count_newlines(const char *p, size_t n)
{
    uint64_t lines = 0;
    const char *end = p + n;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p)))) {
        lines++;
        p++;
    }
    return lines;
}

/* The floor: what any reader of these files must at least do. */
static void floor_pass(const char *dir, const file_list *fl, rbuf *b, int with_walk)
{
    uint64_t lines = 0;
    if (with_walk) sink += walk(dir, NULL);
    for (size_t i = 0; i < fl->n; i++) {
        long n = read_file(fl->path[i], b);
        if (n > 0) lines += count_newlines(b->p, (size_t)n);
    }
    sink += lines;
}

/* ------------------------------------------------------------ phases */
typedef struct sample {
    double ms, cpu;
    long faults;                    /* minor page faults of the process over the measured work */
    lp_alloc_stats before, after;   /* around the measured work, before cleanup */
} sample;

typedef struct ctx {
    const char *dir;
    file_list fl;
    rbuf buf;
    int threads;
    /* phase outputs (last rep), for the report */
    uint64_t tokens, blocks, entries, index_bytes, string_bytes, strings, payload_bytes;
    uint64_t arena_bytes, diagnostics;
    uint64_t resolve_ns, resolve_arena, published;   /* lp_resolve_stats of the last rep */
    void *ws;        /* a workspace opened by a phase's setup */
    int full_parse;  /* open with lp_open_full_parse */
    double close_ms;
    int errors;
} ctx;

typedef struct phase {
    const char *name;
    int walk;        /* the phase lists the directory itself: the floor walks too */
    int keeps;       /* heap live after it is the structure it builds (B/resource) */
    void (*run)(ctx *c, sample *s);
    const char *what;
    void (*setup)(ctx *c);      /* optional, untimed, once before the reps */
    void (*teardown)(ctx *c);
} phase;

static void begin(sample *s)
{
    lp_alloc_stats_reset_peak();
    lp_alloc_stats_get(&s->before);
    s->faults = minflt();
    s->cpu = cpu_ms();
    s->ms = now_ms();
}

static void end(sample *s)
{
    s->ms = now_ms() - s->ms;
    s->cpu = cpu_ms() - s->cpu;
    s->faults = minflt() - s->faults;
    lp_alloc_stats_get(&s->after);
}

/* The floor measured as a phase: its ratio to the floor shows the noise. */
static void run_read(ctx *c, sample *s)
{
    begin(s);
    floor_pass(c->dir, &c->fl, &c->buf, 0);
    end(s);
}

/* The same pass with mmap instead of read into a reused buffer (ARCHITECTURE.md
 * asks which is cheaper for small files): open + fstat + mmap + memchr + munmap. */
static void run_mmap(ctx *c, sample *s)
{
    uint64_t lines = 0;
    begin(s);
    for (size_t i = 0; i < c->fl.n; i++) {
        int fd = open(c->fl.path[i], O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            c->errors++;
            continue;
        }
        struct stat st;
        if (fstat(fd, &st) == 0 && st.st_size > 0) {
            void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
            if (p != MAP_FAILED) {
                lines += count_newlines(p, (size_t)st.st_size);
                munmap(p, (size_t)st.st_size);
            } else {
                c->errors++;
            }
        }
        close(fd);
    }
    end(s);
    sink += lines;
}

#if defined(LPB_HAVE_hcl_lex) || defined(LPB_HAVE_hcl_parse)
/* One pass of fn over every file with a scratch arena, as the scanner uses one:
 * the arena's first chunk and its release are inside the measurement. */
static void run_with_arena(ctx *c, sample *s, void (*fn)(ctx *c, ar_arena *arena))
{
    ar_arena arena;
    begin(s);
    ar_init(&arena, LP_ARENA_DEFAULT_CHUNK);
    fn(c, &arena);
    end(s);
    ar_free(&arena);
}

/* Read every file into the reused buffer and hand it to one_file; the arena
 * is reset after each file. */
static void each_file(ctx *c, ar_arena *arena,
                      void (*one_file)(ctx *c, ar_arena *arena, size_t i, size_t n))
{
    for (size_t i = 0; i < c->fl.n; i++) {
        long n = read_file(c->fl.path[i], &c->buf);
        if (n < 0) {
            c->errors++;
            continue;
        }
        one_file(c, arena, i, (size_t)n);
        ar_reset(arena);
    }
}
#endif

#ifdef LPB_HAVE_hcl_lex
static void lex_one(ctx *c, ar_arena *arena, size_t i, size_t n)
{
    (void)i;
    hcl_tokens toks;
    if (hcl_lex(c->buf.p, n, arena, &toks) != 0) c->errors++;
    c->tokens += toks.n;
}

/* noinline: callgrind's --toggle-collect counts the instructions inside it */
__attribute__((noinline)) void lpb_measured_lex(ctx *c, ar_arena *arena);
__attribute__((noinline)) void lpb_measured_lex(ctx *c, ar_arena *arena)
{
    c->tokens = 0;
    each_file(c, arena, lex_one);
}

static void run_lex(ctx *c, sample *s) { run_with_arena(c, s, lpb_measured_lex); }
#endif

#ifdef LPB_HAVE_hcl_parse
static void parse_one(ctx *c, ar_arena *arena, size_t i, size_t n)
{
    hcl_file f;
    if (hcl_parse(c->fl.path[i], c->buf.p, n, arena, &f) != 0 || f.nerrors) c->errors++;
    else c->blocks += f.body->nblocks;
}

__attribute__((noinline)) void lpb_measured_parse(ctx *c, ar_arena *arena);
__attribute__((noinline)) void lpb_measured_parse(ctx *c, ar_arena *arena)
{
    c->blocks = 0;
    each_file(c, arena, parse_one);
}

static void run_parse(ctx *c, sample *s) { run_with_arena(c, s, lpb_measured_parse); }

#ifdef LPB_HAVE_skim_parse
/* The tree skim, and the full parser for the files it declines
 * (skim_or_parse): what phase 1 uses for the blocks and files skim_scan
 * leaves to a tree. */
static void skim_one(ctx *c, ar_arena *arena, size_t i, size_t n)
{
    hcl_file f;
    if (skim_or_parse(c->fl.path[i], c->buf.p, n, arena, &f) != 0 || f.nerrors) c->errors++;
    else c->blocks += f.body->nblocks;
}

__attribute__((noinline)) void lpb_measured_skim(ctx *c, ar_arena *arena);
__attribute__((noinline)) void lpb_measured_skim(ctx *c, ar_arena *arena)
{
    c->blocks = 0;
    each_file(c, arena, skim_one);
}

static void run_skim(ctx *c, sample *s) { run_with_arena(c, s, lpb_measured_skim); }
#endif

#ifdef LPB_HAVE_skim_scan
/* Phase 1 per file without the merge, as workspace.c's scan_one does it:
 * skim_scan into scan results, and for a file it declines the tree (the
 * skim's or the full parser's) and scan_file. */
typedef struct scan_ctx {
    scan_worker w;
    ar_arena results;
} scan_ctx;

static scan_ctx *scan_state;

static void scan_one(ctx *c, ar_arena *arena, size_t i, size_t n)
{
    scan_ctx *sc = scan_state;
    scan_result res;
    ar_reset(&sc->results);
    int rc = skim_scan(&sc->w, c->fl.path[i], c->buf.p, n, arena, "m", &res);
    if (rc == 0) {
        hcl_file f;
        ar_reset(arena);
        rc =
            skim_or_parse(c->fl.path[i], c->buf.p, n, arena, &f) == 0 && scan_file(&sc->w, &f, "m", &res) == 0
                ? 1
                : -1;
    }
    if (rc != 1) c->errors++;
    else c->entries += res.nentries;
}

__attribute__((noinline)) void lpb_measured_scan(ctx *c, ar_arena *arena);
__attribute__((noinline)) void lpb_measured_scan(ctx *c, ar_arena *arena)
{
    c->entries = 0;
    each_file(c, arena, scan_one);
}

static void run_scan(ctx *c, sample *s)
{
    scan_ctx sc;
    ar_init(&sc.results, LP_ARENA_DEFAULT_CHUNK);
    scan_worker_init(&sc.w, &sc.results);
    scan_state = &sc;
    run_with_arena(c, s, lpb_measured_scan);
    scan_state = NULL;
    scan_worker_free(&sc.w);
    ar_free(&sc.results);
}
#endif
#endif

#if defined(LPB_HAVE_lp_open) && defined(LPB_HAVE_lp_workspace_stats_get)
#define LPB_WORKSPACE 1
/* Diagnostics are counted, not printed: the bench is about speed. */
static void count_diag(void *user, const lp_diag *d)
{
    (void)d;
    ((ctx *)user)->diagnostics++;
}

static void ws_opts(ctx *c, lp_workspace_opts *o, unsigned workers, int resolve)
{
    memset(o, 0, sizeof *o);
    o->workers = workers;
#if defined(LPB_HAVE_skim_parse) && !defined(LPB_HAVE_lp_open_full_parse)
    o->full_parse = c->full_parse;   /* before lp_open_full_parse, an option */
#endif
    o->diag = count_diag;
    o->diag_user = c;
#ifdef LPB_HAVE_lp_wait_resolved
    o->no_resolve = !resolve;
#else
    (void)resolve;
#endif
}

static void ws_stats(ctx *c, lp_workspace *ws)
{
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    c->entries = st.entries;
    c->index_bytes = st.index_bytes;
    c->string_bytes = st.string_bytes;
    c->strings = st.strings;
    c->arena_bytes = st.arena_bytes;
}

/* lp_open timed as one sample (s may be NULL: not timed), followed inside the
 * measurement by `then` when given (waiting for resolution, a payload). */
static lp_workspace *open_ws(ctx *c, unsigned workers, int resolve, sample *s,
                             void (*then)(ctx *c, lp_workspace *ws))
{
    lp_workspace_opts o;
    ws_opts(c, &o, workers, resolve);
    lp_workspace *ws = NULL;
    lp_error err;
    c->diagnostics = 0;
    if (s) begin(s);
#ifdef LPB_HAVE_lp_open_full_parse
    int rc = (c->full_parse ? lp_open_full_parse : lp_open)(c->dir, &o, &ws, &err);
#else
    int rc = lp_open(c->dir, &o, &ws, &err);
#endif
    if (rc == LP_OK && then) then(c, ws);
    if (s) end(s);
    if (rc != LP_OK) {
        c->errors++;
        fprintf(stderr, "lpbench: lp_open %s: %s\n", c->dir, err.message);
        return NULL;
    }
    ws_stats(c, ws);
    return ws;
}

static void close_ws(ctx *c, lp_workspace *ws)
{
    double t0 = now_ms();
    lp_close(ws);
    c->close_ms = now_ms() - t0;
}

/* Phase 1: the index from syntax alone (resolution off), one thread / the
 * default workers. */
static void run_index(ctx *c, sample *s)
{
    lp_workspace *ws = open_ws(c, 1, 0, s, NULL);
    if (ws) close_ws(c, ws);
}

#ifdef LPB_HAVE_skim_parse
/* The same build with every file through the full parser: what the skim saves. */
static void run_index_full(ctx *c, sample *s)
{
    c->full_parse = 1;
    lp_workspace *ws = open_ws(c, 1, 0, s, NULL);
    c->full_parse = 0;
    if (ws) close_ws(c, ws);
}
#endif

static void run_index_mt(ctx *c, sample *s)
{
    lp_workspace *ws = open_ws(c, (unsigned)(c->threads > 1 ? c->threads : 0), 0, s, NULL);
    if (ws) close_ws(c, ws);
}

#ifdef LPB_HAVE_lp_wait_resolved
/* Phase 2: lp_open (resolver on its thread) + lp_wait_resolved: the time until
 * every title, description and tag is final. */
static void wait_resolved(ctx *c, lp_workspace *ws)
{
    if (lp_wait_resolved(ws, 600000) != LP_OK) c->errors++;
}

static void run_resolve(ctx *c, sample *s)
{
    lp_workspace *ws = open_ws(c, 0, 1, s, wait_resolved);
    if (!ws) return;
#ifdef LPB_HAVE_lp_resolve_stats_get
    lp_resolve_stats rs;
    lp_resolve_stats_get(ws, &rs);
    c->resolve_ns = rs.ns;
    c->resolve_arena = rs.arena_bytes;
    c->published = rs.published;
#endif
    close_ws(c, ws);
}
#endif

#ifdef LPB_HAVE_lp_available_dashboards_json
/* The available_dashboards payload of an open, resolved workspace, opened
 * once before the reps (setup, untimed): only the payload is timed. */
static void setup_payload(ctx *c)
{
    lp_workspace *ws = open_ws(c, 0, 1, NULL, NULL);
#ifdef LPB_HAVE_lp_wait_resolved
    if (ws && lp_wait_resolved(ws, 600000) != LP_OK) c->errors++;
#endif
    c->ws = ws;
}

static void teardown_payload(ctx *c)
{
    if (c->ws) close_ws(c, c->ws);
    c->ws = NULL;
}

static void run_payload(ctx *c, sample *s)
{
    if (!c->ws) {
        c->errors++;
        begin(s);
        end(s);
        return;
    }
    lp_buf b;
    memset(&b, 0, sizeof b);
    begin(s);
    if (lp_available_dashboards_json(c->ws, &b) != LP_OK) c->errors++;
    end(s);
    c->payload_bytes = b.len;
    lp_buf_free(&b);
}

/* The reference's "first list": open (the resolver starts in the background)
 * and write the payload at once, without waiting for resolution. */
static void write_payload(ctx *c, lp_workspace *ws)
{
    lp_buf b;
    memset(&b, 0, sizeof b);
    if (lp_available_dashboards_json(ws, &b) != LP_OK) c->errors++;
    c->payload_bytes = b.len;
    lp_buf_free(&b);
}

static void run_first_list(ctx *c, sample *s)
{
    lp_workspace *ws = open_ws(c, 0, 1, s, write_payload);
    if (ws) close_ws(c, ws);
}
#endif
#endif

#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_input_check)
/* Is an open workspace still what is on disk?  lp_input_check of every input
 * (files, directories, ignore files, variable files, file() targets) of a
 * resolved workspace opened once before the reps; nothing changes, so every
 * answer must be LP_INPUT_SAME.  Its floor is the next phase: stat() of the
 * same paths and nothing else. */
static void run_check(ctx *c, sample *s)
{
    lp_workspace *ws = c->ws;
    uint32_t n = ws ? lp_input_count(ws) : 0;
    if (!ws) c->errors++;
    unsigned changed = 0;
    begin(s);
    for (uint32_t i = 0; i < n; i++) {
        lp_input_state st;
        if (lp_input_check(ws, i, &st) != LP_OK || st != LP_INPUT_SAME) changed++;
    }
    end(s);
    c->entries = n;
    if (changed) c->errors++;
}

/* `lpbench inputs DIR`: every input of DIR opened and resolved, each path
 * ended by a NUL byte, on stdout: the list build/bench/statfloor stats, the
 * floor of a whole `lazypipe ... list` process reopening DIR (bench/reopen_proc.sh). */
#ifdef LPB_HAVE_lp_wait_resolved
static int print_inputs(const char *dir)
{
    lp_workspace *ws = NULL;
    lp_error err;
    if (lp_open(dir, NULL, &ws, &err) != LP_OK) fail("lp_open: %s", err.message);
    lp_wait_resolved(ws, -1);
    for (uint32_t i = 0, n = lp_input_count(ws); i < n; i++) {
        lp_input_info in;
        if (lp_input_get(ws, i, &in) == LP_OK) fwrite(in.path, 1, strlen(in.path) + 1, stdout);
    }
    lp_close(ws);
    return fflush(stdout) == 0 ? 0 : 1;
}
#endif

static void run_stat_floor(ctx *c, sample *s)
{
    lp_workspace *ws = c->ws;
    uint32_t n = ws ? lp_input_count(ws) : 0;
    if (!ws) c->errors++;
    const char **paths = malloc((n + 1) * sizeof *paths);
    if (!paths) fail("out of memory%s", "");
    for (uint32_t i = 0; i < n; i++) {
        lp_input_info in;
        paths[i] = lp_input_get(ws, i, &in) == LP_OK ? in.path : ".";
    }
    begin(s);
    for (uint32_t i = 0; i < n; i++) {
        struct stat st;
        sink += stat(paths[i], &st) == 0 ? (uint64_t)st.st_mtim.tv_nsec : 1;
    }
    end(s);
    free(paths);
    c->entries = n;
}
#endif

#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_default_index_cache_dir)
/* A second open of an unchanged workspace, from the image the first one
 * wrote (opts.index_cache): header and structure checks, every input's stat,
 * the mapping.  Setup (untimed) builds and resolves once, which writes the
 * image into a fresh directory; its floor is stat_floor (the inputs' stats). */
static char image_dir[64];

static void setup_reopen(ctx *c)
{
    snprintf(image_dir, sizeof image_dir, "/tmp/lpbench_image_XXXXXX");
    if (!mkdtemp(image_dir)) fail("mkdtemp: %s", strerror(errno));
    lp_workspace_opts o;
    ws_opts(c, &o, 0, 1);
    o.index_cache = image_dir;
    o.no_background = 1;
    lp_workspace *ws = NULL;
    lp_error err;
    if (lp_open(c->dir, &o, &ws, &err) != LP_OK) fail("lp_open: %s", err.message);
    lp_resolve_stats rs;
    lp_resolve_stats_get(ws, &rs);
    if (!rs.image_written) fail("no image: %s", rs.image_note);
    lp_close(ws);
}

static void teardown_reopen(ctx *c)
{
    (void)c;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", image_dir);
    if (system(cmd) != 0) fprintf(stderr, "lpbench: cannot remove %s\n", image_dir);
}

static void run_reopen(ctx *c, sample *s)
{
    lp_workspace_opts o;
    ws_opts(c, &o, 0, 1);
    o.index_cache = image_dir;
    lp_workspace *ws = NULL;
    lp_error err;
    begin(s);
    int rc = lp_open(c->dir, &o, &ws, &err);
    end(s);
    if (rc != LP_OK) {
        c->errors++;
        return;
    }
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    if (!st.reopened) {
        fprintf(stderr, "lpbench: not reopened: %s\n", st.index_cache_note);
        c->errors++;
    }
    c->entries = st.entries;
    close_ws(c, ws);
}
#endif

#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_default_index_cache_dir)
/* The first open of a workspace that keeps an index cache: lp_open with an
 * empty cache directory (made before and removed after each rep, untimed) +
 * lp_wait_resolved, which includes writing the image.  Beside `resolve`:
 * what keeping the image costs (segments are kept for it) in time, live
 * heap and peak. */
static void run_resolve_cached(ctx *c, sample *s)
{
    char dir[64];
    snprintf(dir, sizeof dir, "/tmp/lpbench_cache_XXXXXX");
    if (!mkdtemp(dir)) fail("mkdtemp: %s", strerror(errno));
    lp_workspace_opts o;
    ws_opts(c, &o, 0, 1);
    o.index_cache = dir;
    lp_workspace *ws = NULL;
    lp_error err;
    c->diagnostics = 0;
    begin(s);
    int rc = lp_open(c->dir, &o, &ws, &err);
    if (rc == LP_OK && lp_wait_resolved(ws, 600000) != LP_OK) c->errors++;
    end(s);
    if (rc != LP_OK) {
        c->errors++;
    } else {
        lp_resolve_stats rs;
        lp_resolve_stats_get(ws, &rs);
        if (!rs.image_written) {
            fprintf(stderr, "lpbench: no image: %s\n", rs.image_note);
            c->errors++;
        }
        c->resolve_ns = rs.ns;
        c->resolve_arena = rs.arena_bytes;
        c->published = rs.published;
        ws_stats(c, ws);
        close_ws(c, ws);
    }
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "lpbench: cannot remove %s\n", dir);
}
#endif

#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_default_index_cache_dir) && defined(LPB_HAVE_lp_load)
/* The first load after a reopen from the image (lp_open untimed): the
 * evaluation scope is decoded from the image.  load_first_twin is what that
 * load cost before the image carried the scope, and still costs where there
 * is none (opened with no_resolve): a private resolved build of the whole
 * workspace (load.h, EVALUATION CONTEXT).  Setup as reopen. */
static void first_load(ctx *c, sample *s, int twin)
{
    lp_workspace_opts o;
    ws_opts(c, &o, 0, 1);
    if (twin) o.no_resolve = 1;
    else o.index_cache = image_dir;
    lp_workspace *ws = NULL;
    lp_error err;
    if (lp_open(c->dir, &o, &ws, &err) != LP_OK) {
        c->errors++;
        return;
    }
    uint32_t id = lp_next_of_kind(ws, LP_KIND_CONTROL, LP_NO_ENTRY);
    if (id == LP_NO_ENTRY) id = lp_next_of_kind(ws, LP_KIND_QUERY, LP_NO_ENTRY);
    lp_resource *r = NULL;
    begin(s);
    int rc = lp_load_entry(ws, id, &r, &err);
    end(s);
    if (rc == LP_OK) lp_resource_release(r);
    else c->errors++;
    lp_cache_stats cs;
    lp_cache_stats_get(ws, &cs);
    if (cs.scope_builds != (uint64_t)twin) {
        fprintf(stderr, "lpbench: %llu twins\n", (unsigned long long)cs.scope_builds);
        c->errors++;
    }
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    c->entries = st.entries;
    close_ws(c, ws);
}

static void run_load_first_reopened(ctx *c, sample *s) { first_load(c, s, 0); }
static void run_load_first_twin(ctx *c, sample *s) { first_load(c, s, 1); }
#endif

#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_default_index_cache_dir) && \
    defined(LPB_HAVE_lp_wait_resolved)
/* one file edited since the image (a trailing comment line's
 * byte flipped, as refresh_edit), then lp_open: the image is stale, so the
 * open takes the image's segments of the other files, scans the edited one,
 * merges and resolves (patched).  Setup (untimed) copies the target, ages
 * its files (a fresh copy's are all racily clean) and writes the image.
 * reopen_patched times lp_open (resolution goes on in the background);
 * reopen_patched_resolved adds lp_wait_resolved, which includes writing the
 * next image.  Between reps (untimed) resolution completes and the image is
 * the edited version's.  Floors in the same run: stat_floor, reopen,
 * resolve (a fresh build with resolution). */
static char patch_dir[64], patch_img[80], patch_file[4200];
static int patch_flip;

static void setup_patch(ctx *c)
{
    snprintf(patch_dir, sizeof patch_dir, "/tmp/lpbench_patch_XXXXXX");
    if (!mkdtemp(patch_dir)) fail("mkdtemp: %s", strerror(errno));
    snprintf(patch_img, sizeof patch_img, "%s.img", patch_dir);
    char cmd[4400];
    snprintf(cmd, sizeof cmd,
             "cp -r '%s/.' '%s/' && mkdir '%s' && find '%s' -exec touch -h -d '-1 hour' {} +", c->dir,
             patch_dir, patch_img, patch_dir);
    if (system(cmd) != 0) fail("cannot copy %s", c->dir);
    const char *mid = c->fl.n ? c->fl.path[c->fl.n / 2] : NULL;
    if (!mid) fail("no files in %s", c->dir);
    snprintf(patch_file, sizeof patch_file, "%s/%s", patch_dir, mid + strlen(c->dir) + 1);
    lp_workspace_opts o;
    ws_opts(c, &o, 0, 1);
    o.index_cache = patch_img;
    o.no_background = 1;
    lp_workspace *ws = NULL;
    lp_error err;
    if (lp_open(patch_dir, &o, &ws, &err) != LP_OK) fail("lp_open: %s", err.message);
    lp_resolve_stats rs;
    lp_resolve_stats_get(ws, &rs);
    if (!rs.image_written) fail("no image: %s", rs.image_note);
    struct stat st;
    char img[4200];
    snprintf(cmd, sizeof cmd, "%s", patch_img);
    DIR *d = opendir(patch_img);
    struct dirent *de;
    while (d && (de = readdir(d)) != NULL)
        if (strstr(de->d_name, ".lpidx")) {
            snprintf(img, sizeof img, "%s/%s", patch_img, de->d_name);
            if (stat(img, &st) == 0)
                fprintf(stderr, "lpbench: image %lld bytes, %u entries: %.0f bytes per entry\n",
                        (long long)st.st_size, lp_entry_count(ws), (double)st.st_size / lp_entry_count(ws));
        }
    if (d) closedir(d);
    lp_close(ws);
}

static void teardown_patch(ctx *c)
{
    (void)c;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'", patch_dir, patch_img);
    if (system(cmd) != 0) fprintf(stderr, "lpbench: cannot remove %s\n", patch_dir);
}

static void patch_rep(ctx *c, sample *s, int wait)
{
    FILE *f = fopen(patch_file, "r+");
    if (!f) {
        c->errors++;
        return;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    if (!patch_flip) fputs("\n# lpbench 0\n", f);
    else {
        fseek(f, n - 2, SEEK_SET);
        fputc(patch_flip % 2 ? '1' : '0', f);
    }
    patch_flip++;
    fclose(f);
    lp_workspace_opts o;
    ws_opts(c, &o, 0, 1);
    o.index_cache = patch_img;
    lp_workspace *ws = NULL;
    lp_error err;
    begin(s);
    int rc = lp_open(patch_dir, &o, &ws, &err);
    if (rc == LP_OK && wait) lp_wait_resolved(ws, -1);
    end(s);
    if (rc != LP_OK) {
        c->errors++;
        return;
    }
    lp_wait_resolved(ws, -1);   /* the next rep's image is this version's */
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    if (!st.patched) {
        fprintf(stderr, "lpbench: not patched: %s\n", st.index_cache_note);
        c->errors++;
    }
    c->entries = st.entries;
    close_ws(c, ws);
}

static void run_reopen_patched(ctx *c, sample *s) { patch_rep(c, s, 0); }
static void run_reopen_patched_resolved(ctx *c, sample *s) { patch_rep(c, s, 1); }
#endif

#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_refresh)
/* A live workspace over a copy of the target (setup, untimed: the copy, the
 * open, its resolution).  refresh_touch: one file's mtime changes, its bytes
 * do not: the refresh must find nothing (a check of every input).
 * refresh_edit: one file gains or loses a comment line: the refresh must
 * publish a new version (today a whole build with resolution, and the
 * comparison that makes the change set).  Their floors: stat_floor, read. */
static char live_dir[64];
static lp_live *live_ws;
static char live_file[4200];
static int live_flip;
static int live_reopen;           /* the live workspace reopens the image a first open wrote */
static char live_cache[96];

static void setup_live(ctx *c)
{
    snprintf(live_dir, sizeof live_dir, "/tmp/lpbench_live_XXXXXX");
    if (!mkdtemp(live_dir)) fail("mkdtemp: %s", strerror(errno));
    char cmd[4400];
    snprintf(cmd, sizeof cmd, "cp -r '%s/.' '%s/'", c->dir, live_dir);
    if (system(cmd) != 0) fail("cannot copy %s", c->dir);
    /* files of a working tree are older than the open: a fresh copy's are
     * all "racily clean" (modified within 2 s of being read) and would be
     * hashed on every check */
    snprintf(cmd, sizeof cmd, "find '%s' -exec touch -h -d '-1 hour' {} +", live_dir);
    if (system(cmd) != 0) fail("cannot age %s", live_dir);
    const char *first = c->fl.n ? c->fl.path[c->fl.n / 2] : NULL;
    if (!first) fail("no files in %s", c->dir);
    snprintf(live_file, sizeof live_file, "%s/%s", live_dir, first + strlen(c->dir) + 1);
    lp_workspace_opts o;
    ws_opts(c, &o, 0, 1);
    o.diag = NULL;
    lp_error err;
    if (live_reopen) {
        /* as `watch` and the server run after a first command: one open writes the image, the
         * live workspace reopens it */
        snprintf(live_cache, sizeof live_cache, "%s/.lpbench_cache", live_dir);
        if (mkdir(live_cache, 0700) != 0) fail("mkdir: %s", strerror(errno));
        o.index_cache = live_cache;
        lp_workspace *ws;
        if (lp_open(live_dir, &o, &ws, &err) != LP_OK) fail("lp_open: %s", err.message);
        lp_wait_resolved(ws, -1);
        lp_close(ws);
    }
    if (lp_live_open(live_dir, &o, &live_ws, &err) != LP_OK) fail("lp_live_open: %s", err.message);
    if (live_reopen) {
        lp_workspace_stats st;
        lp_workspace *ws = lp_live_acquire(live_ws);
        lp_workspace_stats_get(ws, &st);
        lp_live_release(live_ws, ws);
        if (!st.reopened) fail("%s: the live workspace was not reopened from its image", c->dir);
    }
    lp_workspace *ws = lp_live_acquire(live_ws);
    lp_wait_resolved(ws, -1);
    lp_live_release(live_ws, ws);
}

static void teardown_live(ctx *c)
{
    (void)c;
    lp_live_close(live_ws);
    live_ws = NULL;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", live_dir);
    if (system(cmd) != 0) fprintf(stderr, "lpbench: cannot remove %s\n", live_dir);
}

static void refresh_timed(ctx *c, sample *s, int want_change)
{
    lp_changes ch;
    begin(s);
    int rc = lp_refresh(live_ws, &ch);
    end(s);
    if (rc != LP_OK || ch.changed != want_change) {
        fprintf(stderr, "lpbench: refresh: rc %d, changed %d (%s)\n", rc, ch.changed,
                ch.reason ? ch.reason : "");
        c->errors++;
    }
    lp_changes_free(&ch);
}

static void run_refresh_touch(ctx *c, sample *s)
{
    struct timespec ts[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
    if (utimensat(AT_FDCWD, live_file, ts, 0) != 0) c->errors++;
    refresh_timed(c, s, 0);
}

static void run_refresh_edit(ctx *c, sample *s)
{
    FILE *f = fopen(live_file, "r+");
    if (!f) {
        c->errors++;
        return;
    }
    /* the same size, other bytes: the file's first byte becomes a comment
     * mark and back would change the syntax, so flip a byte of a trailing
     * comment line added once */
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    if (!live_flip) fputs("\n# lpbench 0\n", f);
    else {
        fseek(f, n - 2, SEEK_SET);
        fputc(live_flip % 2 ? '1' : '0', f);
    }
    live_flip++;
    fclose(f);
    refresh_timed(c, s, 1);
}

/* The incremental refresh, as an editor's save reaches it: the
 * watcher's refresh checks the paths its events named (lv_refresh_paths;
 * lp_refresh where the build has none).  refresh_title: the first title of
 * the file flips one character (a new version: the file scanned again, its
 * entries evaluated again, every other record carried over).
 * refresh_local: a character of the first string of the first `locals`
 * block of the workspace (aws_compliance: aws_compliance_common_tags, read
 * by every control through the benchmarks' common tags).  refresh_touch_path:
 * the file touched, same bytes.  read_changed: open + read of the edited
 * file, the floor these are compared with.  refresh_rss: 1,000 title
 * refreshes, RSS and live heap printed after 10 and after 1,000;
 * refresh_local_rss: the same with refresh_local's edit. */
#ifdef LPB_HAVE_lv_refresh_paths
int lv_refresh_paths(lp_live *lv, const char *const *paths, uint32_t n, lp_changes *c);
#endif

static char local_file[4200];
/* The offset of the character after the first '"' that follows `anchor`
 * (with anchor "\ncontrol \"": the first quote after the control's title). */
static long flip_at(const char *path, const char *anchor)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    static char text[1 << 20];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    char *a = strstr(text, anchor);
    if (a && anchor[0] == '\n') a = strstr(a, "title");
    char *q = a ? strchr(a, '"') : NULL;
    return q && q[1] && q[1] != '"' ? (long)(q + 1 - text) : -1;
}

static void flip_char(ctx *c, const char *path, const char *anchor)
{
    long at = flip_at(path, anchor);
    FILE *f = at >= 0 ? fopen(path, "r+") : NULL;
    if (!f) {
        c->errors++;
        return;
    }
    fseek(f, at, SEEK_SET);
    fputc(live_flip++ % 2 ? 'X' : 'Y', f);
    fclose(f);
}

static void refresh_path_timed(ctx *c, sample *s, const char *path, int want_change)
{
    lp_changes ch;
    begin(s);
#ifdef LPB_HAVE_lv_refresh_paths
    int rc = lv_refresh_paths(live_ws, &path, 1, &ch);
#else
    (void)path;
    int rc = lp_refresh(live_ws, &ch);
#endif
    end(s);
    if (rc != LP_OK || ch.changed != want_change) {
        fprintf(stderr, "lpbench: refresh: rc %d, changed %d\n", rc, ch.changed);
        c->errors++;
    }
    lp_changes_free(&ch);
}

static void run_refresh_title(ctx *c, sample *s)
{
    flip_char(c, live_file, "title");
    refresh_path_timed(c, s, live_file, 1);
}

/* a control's title: the payload (dashboards and benchmarks) is not made */
static void run_refresh_ctitle(ctx *c, sample *s)
{
    flip_char(c, live_file, "\ncontrol \"");
    refresh_path_timed(c, s, live_file, 1);
}

/* refresh_ctitle_reopened: the same edits on a live workspace reopened from
 * the image a first open wrote, as `watch` and the server run.  With
 * --pause-ms 500 and MIMALLOC_DECOMMIT_DELAY=0 (the CLI's setting for them)
 * its reps cost what the watcher's refreshes cost after the idle between
 * edits. */
static void setup_live_reopened(ctx *c)
{
    live_reopen = 1;
    setup_live(c);
}

#ifdef LPB_HAVE_lp_live_payload
/* refresh_title_payload: the same edit and refresh, then the payload the
 * server sends for the new version (lp_live_payload), timed together: what a
 * client waits for after a save.  The setup makes the first version's (the
 * server's first client); after the timed part each payload is checked
 * against lp_available_dashboards_json of the same version (untimed). */
static void setup_live_payload(ctx *c)
{
    setup_live(c);
    lp_workspace *ws = lp_live_acquire(live_ws);
    lp_payload *p;
    if (lp_live_payload(live_ws, ws, &p) != LP_OK) fail("lp_live_payload failed on %s", c->dir);
    lp_payload_release(p);
    lp_live_release(live_ws, ws);
}

static void run_refresh_title_payload(ctx *c, sample *s)
{
    flip_char(c, live_file, "title");
    const char *path = live_file;
    lp_changes ch;
    lp_payload *p = NULL;
    begin(s);
#ifdef LPB_HAVE_lv_refresh_paths
    int rc = lv_refresh_paths(live_ws, &path, 1, &ch);
#else
    (void)path;
    int rc = lp_refresh(live_ws, &ch);
#endif
    lp_workspace *ws = lp_live_acquire(live_ws);
    int prc = lp_live_payload(live_ws, ws, &p);
    end(s);
    if (rc != LP_OK || !ch.changed || !ch.payload_changed || prc != LP_OK) {
        fprintf(stderr, "lpbench: refresh: rc %d, changed %d, payload changed %d, payload rc %d\n", rc,
                ch.changed, ch.payload_changed, prc);
        c->errors++;
    }
    lp_buf b;
    memset(&b, 0, sizeof b);
    size_t n;
    const char *bytes = lp_payload_bytes(p, &n);
    if (lp_available_dashboards_json(ws, &b) != LP_OK || b.len != n || memcmp(b.data, bytes, n) != 0) {
        fprintf(stderr, "lpbench: the kept payload differs from lp_available_dashboards_json\n");
        c->errors++;
    }
    c->payload_bytes = n;
    lp_buf_free(&b);
    lp_payload_release(p);
    lp_live_release(live_ws, ws);
    lp_changes_free(&ch);
}
#endif

static void run_refresh_title_full(ctx *c, sample *s)
{
    flip_char(c, live_file, "title");
    refresh_timed(c, s, 1);
}

static void setup_local(ctx *c)
{
    setup_live(c);
    /* variables.pp at the root (the mods' usual place for shared locals),
     * else the first file with a `locals` block whose first value is a string */
    snprintf(local_file, sizeof local_file, "%s/variables.pp", live_dir);
    if (flip_at(local_file, "locals {") < 0) local_file[0] = 0;
    for (size_t i = 0; i < c->fl.n && !local_file[0]; i++) {
        char p[4200];
        snprintf(p, sizeof p, "%s/%s", live_dir, c->fl.path[i] + strlen(c->dir) + 1);
        if (flip_at(p, "locals {") >= 0) snprintf(local_file, sizeof local_file, "%s", p);
    }
    if (!local_file[0]) fail("no locals block with a string in %s", c->dir);
}

static void run_refresh_local(ctx *c, sample *s)
{
    flip_char(c, local_file, "locals {");
    refresh_path_timed(c, s, local_file, 1);
}

static void run_refresh_touch_path(ctx *c, sample *s)
{
    struct timespec ts[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
    if (utimensat(AT_FDCWD, live_file, ts, 0) != 0) c->errors++;
    refresh_path_timed(c, s, live_file, 0);
}

static void run_read_changed(ctx *c, sample *s)
{
    begin(s);
    if (read_file(live_file, &c->buf) < 0) c->errors++;
    end(s);
}

static long rss_now_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "VmRSS:", 6)) kb = atol(line + 6);
    if (f) fclose(f);
    return kb;
}

/* 1,000 refreshes of path, each after a character after anchor flipped:
 * RSS and live heap after 10 and 1,000. */
static void refresh_rss(ctx *c, sample *s, const char *path, const char *anchor, const char *what)
{
    long rss10 = 0;
    uint64_t live10 = 0;
    begin(s);
    for (int i = 1; i <= 1000; i++) {
        sample t;
        flip_char(c, path, anchor);
        refresh_path_timed(c, &t, path, 1);
        if (i == 10 || i == 1000) {
            lp_alloc_stats a;
            lp_alloc_stats_get(&a);
            if (i == 10) {
                rss10 = rss_now_kb();
                live10 = a.live;
            } else {
                fprintf(stderr, "lpbench: %s: RSS %ld KB after 10 refreshes, %ld KB after 1000; "
                                "live heap %.1f KiB after 10, %.1f KiB after 1000\n",
                        what, rss10, rss_now_kb(), live10 / 1024.0, a.live / 1024.0);
            }
        }
    }
    end(s);
}

static void run_refresh_rss(ctx *c, sample *s) { refresh_rss(c, s, live_file, "title", "refresh_rss"); }

/* the same with refresh_local's edit: every reader of the local evaluated
 * again, from the syntax trees the refreshes keep */
static void run_refresh_local_rss(ctx *c, sample *s)
{
    refresh_rss(c, s, local_file, "locals {", "refresh_local_rss");
}
#endif

#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_load)
/* Phase 3, on an open, resolved workspace (setup_payload, untimed).
 * load_all: every resource (variables apart) loaded once, cold (the cache
 * emptied before the timed pass), each released: entries = resources, so
 * ms / entries is the cost per resource and alloc calls / entries the
 * allocation calls per load.  load_control: the controls only, cold.
 * load_hit: the controls again, every one a cache hit.  load_tree: the
 * benchmark with the largest tree (most bytes), cold. */
static uint32_t tree_id = UINT32_MAX;

static int load_one(ctx *c, uint32_t id)
{
    lp_resource *r;
    lp_error err;
    if (lp_load_entry(c->ws, id, &r, &err) != LP_OK) {
        if (c->errors++ < 3) fprintf(stderr, "lpbench: %s\n", err.message);
        return 0;
    }
    lp_resource_release(r);
    return 1;
}

static void load_kind(ctx *c, sample *s, int control_only, int cold)
{
    lp_workspace *ws = c->ws;
    if (!ws) {
        c->errors++;
        return;
    }
    if (cold) lp_cache_invalidate(ws, LP_NO_ENTRY);
    uint32_t n = lp_entry_count(ws), k = 0;
    begin(s);
    for (uint32_t id = 0; id < n; id++) {
        lp_entry_info e;
        lp_entry_get(ws, id, &e);
        if (e.kind == LP_KIND_VARIABLE || (control_only && e.kind != LP_KIND_CONTROL)) continue;
        k += (uint32_t)load_one(c, id);
    }
    end(s);
    c->entries = k;
}

static void run_load_all(ctx *c, sample *s) { load_kind(c, s, 0, 1); }
static void run_load_control(ctx *c, sample *s) { load_kind(c, s, 1, 1); }

static void setup_load_hit(ctx *c)
{
    setup_payload(c);
    sample s;
    load_kind(c, &s, 1, 1);   /* every control in the cache (default budget: they fit) */
}

static void run_load_hit(ctx *c, sample *s) { load_kind(c, s, 1, 0); }

static void setup_load_tree(ctx *c)
{
    setup_payload(c);
    lp_workspace *ws = c->ws;
    uint64_t best = 0;
    for (uint32_t id = lp_next_of_kind(ws, LP_KIND_BENCHMARK, LP_NO_ENTRY); id != LP_NO_ENTRY;
         id = lp_next_of_kind(ws, LP_KIND_BENCHMARK, id)) {
        lp_resource *r;
        lp_error err;
        if (lp_load_entry(ws, id, &r, &err) != LP_OK) continue;
        if (lp_resource_bytes(r) > best) {
            best = lp_resource_bytes(r);
            tree_id = id;
        }
        lp_resource_release(r);
    }
    if (tree_id == UINT32_MAX) fail("no benchmark loads in %s", c->dir);
    lp_entry_info e;
    lp_entry_get(ws, tree_id, &e);
    fprintf(stderr, "lpbench: load_tree: %s (%llu bytes)\n", e.name, (unsigned long long)best);
}

static void run_load_tree(ctx *c, sample *s)
{
    lp_cache_invalidate(c->ws, LP_NO_ENTRY);
    begin(s);
    load_one(c, tree_id);
    end(s);
    c->entries = 1;
}

/* load_budget: every resource in a random order, twice, with a 4 MiB cache
 * budget (its own workspace, opened in setup).  The pass is timed; the
 * checks (stderr, and an error when one fails): the heap's peak over the
 * workspace stays within budget + the largest single resource + the
 * loader's temporaries, evictions happen, and the second pass leaves no
 * more heap live than the first. */
#define LOAD_BUDGET (4u * 1024 * 1024)
static uint32_t *order;
static uint32_t norder;
static uint64_t largest, live_after[2], peak_over;
static int budget_pass;

static void setup_load_budget(ctx *c)
{
    lp_workspace_opts o;
    ws_opts(c, &o, 0, 1);
    o.cache_budget = LOAD_BUDGET;
    o.no_background = 1;
    lp_workspace *ws = NULL;
    lp_error err;
    if (lp_open(c->dir, &o, &ws, &err) != LP_OK) fail("lp_open: %s", err.message);
    c->ws = ws;
    uint32_t n = lp_entry_count(ws);
    order = malloc((n + 1) * sizeof *order);
    if (!order) fail("out of memory%s", "");
    for (uint32_t id = 0; id < n; id++) {
        lp_entry_info e;
        lp_entry_get(ws, id, &e);
        if (e.kind != LP_KIND_VARIABLE) order[norder++] = id;
    }
    uint64_t x = 88172645463325252ull;   /* xorshift: the same order every run */
    for (uint32_t i = norder; i > 1; i--) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint32_t j = (uint32_t)(x % i), t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
}

static void teardown_load_budget(ctx *c)
{
    lp_cache_stats cs;
    lp_cache_stats_get(c->ws, &cs);
    fprintf(stderr,
            "lpbench: load_budget: %u resources, largest %llu B, evictions %llu, live after pass 1 %llu B, "
            "after pass 2 %llu B, highest peak over the open workspace %llu B (budget %u)\n",
            norder, (unsigned long long)largest, (unsigned long long)cs.evictions,
            (unsigned long long)live_after[0], (unsigned long long)live_after[1],
            (unsigned long long)peak_over, LOAD_BUDGET);
    if (!cs.evictions || live_after[1] > live_after[0] + 64 * 1024) c->errors++;
    teardown_payload(c);
    free(order);
}

static void run_load_budget(ctx *c, sample *s)
{
    lp_workspace *ws = c->ws;
    lp_alloc_stats before;
    lp_alloc_stats_get(&before);
    begin(s);
    for (uint32_t i = 0; i < norder; i++) {
        lp_resource *r;
        lp_error err;
        if (lp_load_entry(ws, order[i], &r, &err) != LP_OK) {
            c->errors++;
            continue;
        }
        if (lp_resource_bytes(r) > largest) largest = lp_resource_bytes(r);
        lp_resource_release(r);
    }
    end(s);
    c->entries = norder;
    lp_alloc_stats after;
    lp_alloc_stats_get(&after);
    live_after[budget_pass ? 1 : 0] = after.live;
    budget_pass = 1;
    /* the peak over what was live before the pass: cache + one load's item and temporaries */
    uint64_t over = s->after.peak > before.live ? s->after.peak - before.live : 0;
    if (over > peak_over) peak_over = over;
    /* the cache may hold budget + the item just inserted until it evicts; temporaries: one block, one file */
    if (over > LOAD_BUDGET + 2 * largest + 1024u * 1024) {
        fprintf(stderr, "lpbench: load_budget: peak %llu B over the workspace, budget %u + largest %llu\n",
                (unsigned long long)over, LOAD_BUDGET, (unsigned long long)largest);
        c->errors++;
    }
}
#endif

#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_run_start) && defined(LPB_HAVE_lp_available_dashboards_json)
/* Phase 4, a run: `benchmark run all` of an open, resolved workspace (bench/genrun.sh's
 * mod), as the CLI starts it, against $LPB_DATABASE (default: the tests' PostgreSQL), waited for and
 * freed.  The cache is emptied before each rep, untimed, so every leaf's lp_load is cold as in a
 * CLI run.  entries = controls run: alloc calls / entries is the allocations per control; heap
 * peak is the run's (the rows it keeps).  run: one connection (--max-parallel 1); run_par: the
 * default parallelism (10). */
static void setup_run(ctx *c)
{
    lp_driver_register(lp_driver_sqlite());
    lp_driver_register(lp_driver_postgres());
    setup_payload(c);
}

static uint32_t count_leaves(const lp_run_node *n)
{
    uint32_t k = lp_node_child_count(n), sum = lp_node_get_type(n) == LP_NODE_CONTROL;
    for (uint32_t i = 0; i < k; i++) sum += count_leaves(lp_node_child(n, i));
    return sum;
}

static void run_bench_run(ctx *c, sample *s, uint32_t parallel)
{
    if (!c->ws) {
        c->errors++;
        return;
    }
    const char *db = getenv("LPB_DATABASE");
    lp_run_opts o;
    memset(&o, 0, sizeof o);
    o.database = db && *db ? db : "postgres://steampipe@127.0.0.1:9193/steampipe";
    o.max_parallel = parallel;
    /* LPB_DISCARD=1: rows freed once reported, as a streaming output runs (what the run keeps besides) */
    const char *discard = getenv("LPB_DISCARD");
    o.discard_rows = discard && *discard == '1';
    /* LPB_DRY=1: the tree built and the resources loaded, nothing run (the floor of the run's footprint) */
    const char *dry = getenv("LPB_DRY");
    o.dry_run = dry && *dry == '1';
    const char *all = "all";
    lp_cache_invalidate(c->ws, LP_NO_ENTRY);
    lp_run *run = NULL;
    lp_error err;
    begin(s);
    if (lp_run_start(c->ws, LP_KIND_BENCHMARK, &all, 1, &o, &run, &err) != LP_OK) {
        end(s);
        fail("lp_run_start: %s", err.message);
    }
    lp_run_wait(run, -1);
    end(s);
    uint32_t summary[LP_RES__COUNT];
    lp_node_summary(lp_run_root(run), summary);
    if (summary[LP_RES_ERROR] && !o.dry_run) {
        if (c->errors++ < 1) fprintf(stderr, "lpbench: run: %u controls in error\n", summary[LP_RES_ERROR]);
    }
    c->entries = count_leaves(lp_run_root(run));
    lp_run_free(run);
}

static void run_run(ctx *c, sample *s) { run_bench_run(c, s, (uint32_t)(c->threads > 0 ? c->threads : 1)); }
static void run_run_par(ctx *c, sample *s) { run_bench_run(c, s, 0); }
#endif

static const phase phases[] = {
    { "read", 0, 0, run_read, "the read floor itself (open + read + memchr), as a sanity row", NULL, NULL },
    { "mmap", 0, 0, run_mmap, "open + mmap + memchr + munmap of every file, beside the read floor", NULL,
      NULL },
#ifdef LPB_HAVE_hcl_lex
    { "lex", 0, 0, run_lex, "read + hcl_lex of every file, scratch arena reset per file", NULL, NULL },
#endif
#ifdef LPB_HAVE_hcl_parse
    { "parse", 0, 0, run_parse, "read + hcl_parse (lex+parse) of every file, arena reset per file", NULL,
      NULL },
#endif
#ifdef LPB_HAVE_skim_parse
    { "skim", 0, 0, run_skim, "read + skim_parse of every file (hcl_parse for those it declines)", NULL,
      NULL },
#endif
#ifdef LPB_HAVE_skim_scan
    { "scan", 0, 0, run_scan,
      "read + skim_scan of every file into scan results: phase 1 without listing and merge", NULL, NULL },
#endif
#ifdef LPB_WORKSPACE
    { "index", 1, 1, run_index, "lp_open on one worker thread, resolution off (phase 1)", NULL, NULL },
#ifdef LPB_HAVE_skim_parse
    { "index_full", 1, 1, run_index_full, "the same with lp_open_full_parse (no skim)", NULL, NULL },
#endif
    { "index_mt", 1, 1, run_index_mt, "lp_open with the default worker threads, resolution off", NULL, NULL },
#endif
#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_wait_resolved)
    { "resolve", 1, 1, run_resolve, "lp_open + lp_wait_resolved (phase 2 complete)", NULL, NULL },
#endif
#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_available_dashboards_json)
    { "first_list", 1, 1, run_first_list, "lp_open + available_dashboards payload, resolution not awaited",
      NULL, NULL },
    { "payload", 0, 0, run_payload, "lp_available_dashboards_json of an open, resolved workspace",
      setup_payload, teardown_payload },
#endif
#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_input_check) && \
    defined(LPB_HAVE_lp_available_dashboards_json)
    { "check", 0, 0, run_check, "lp_input_check of every input of an open, resolved, unchanged workspace",
      setup_payload, teardown_payload },
    { "stat_floor", 0, 0, run_stat_floor, "stat() of the same input paths: the check's floor", setup_payload,
      teardown_payload },
#endif
#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_refresh)
    { "refresh_touch", 0, 0, run_refresh_touch, "lp_refresh after one file was touched (same bytes): a check",
      setup_live, teardown_live },
    { "refresh_edit", 0, 0, run_refresh_edit, "lp_refresh after one file changed: a new version published",
      setup_live, teardown_live },
    { "refresh_title", 0, 0, run_refresh_title,
      "one file's title edited, the watcher's refresh of that path: new version, re-resolution", setup_live,
      teardown_live },
    { "refresh_ctitle", 0, 0, run_refresh_ctitle,
      "the first control's title in that file edited, the path's refresh (payload not affected)", setup_live,
      teardown_live },
    { "refresh_ctitle_reopened", 0, 0, run_refresh_ctitle,
      "the same on a live workspace reopened from its image (with --pause-ms: idle between edits)",
      setup_live_reopened, teardown_live },
    { "refresh_title_full", 0, 0, run_refresh_title_full, "the same edit, lp_refresh (every input checked)",
      setup_live, teardown_live },
#ifdef LPB_HAVE_lp_live_payload
    { "refresh_title_payload", 0, 0, run_refresh_title_payload,
      "refresh_title, then the new version's payload as the server takes it (lp_live_payload), timed "
      "together",
      setup_live_payload, teardown_live },
#endif
    { "refresh_local", 0, 0, run_refresh_local, "a local read by every control edited, the path's refresh",
      setup_local, teardown_live },
    { "refresh_touch_path", 0, 0, run_refresh_touch_path, "one file touched, same bytes, the path's refresh",
      setup_live, teardown_live },
    { "read_changed", 0, 0, run_read_changed, "open + read of the file the refresh phases edit (their floor)",
      setup_live, teardown_live },
    { "refresh_rss", 0, 0, run_refresh_rss, "1,000 title refreshes: RSS and live heap after 10 and 1,000",
      setup_live, teardown_live },
    { "refresh_local_rss", 0, 0, run_refresh_local_rss,
      "1,000 refresh_local edits: RSS and live heap after 10 and 1,000", setup_local, teardown_live },
#endif
#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_load)
    { "load_all", 0, 0, run_load_all,
      "every resource loaded once, cold, on an open resolved workspace (ms/entries: per resource)",
      setup_payload, teardown_payload },
    { "load_control", 0, 0, run_load_control, "every control loaded once, cold", setup_payload,
      teardown_payload },
    { "load_hit", 0, 0, run_load_hit, "every control loaded again: cache hits", setup_load_hit,
      teardown_payload },
    { "load_tree", 0, 0, run_load_tree, "the benchmark with the largest tree, cold", setup_load_tree,
      teardown_payload },
    { "load_budget", 0, 0, run_load_budget,
      "every resource in random order with a 4 MiB cache budget (peak and growth checked)", setup_load_budget,
      teardown_load_budget },
#endif
#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_default_index_cache_dir)
    { "resolve_cached", 1, 1, run_resolve_cached,
      "lp_open with an empty index cache + lp_wait_resolved (the image written)", NULL, NULL },
    { "reopen", 0, 0, run_reopen, "lp_open of an unchanged workspace from its persisted image", setup_reopen,
      teardown_reopen },
#endif
#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_default_index_cache_dir) && defined(LPB_HAVE_lp_load)
    { "load_first_reopened", 0, 0, run_load_first_reopened,
      "the first load (a control) after a reopen from the image: the image's scope", setup_reopen,
      teardown_reopen },
    { "load_first_twin", 0, 0, run_load_first_twin,
      "the first load without a scope (no_resolve): a resolved twin, as a reopen paid before", setup_reopen,
      teardown_reopen },
#endif
#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_default_index_cache_dir) && \
    defined(LPB_HAVE_lp_wait_resolved)
    { "reopen_patched", 0, 0, run_reopen_patched,
      "lp_open with one file edited since the image: patched (resolution not awaited)", setup_patch,
      teardown_patch },
    { "reopen_patched_resolved", 0, 0, run_reopen_patched_resolved,
      "the same, lp_wait_resolved included (the next image written too)", setup_patch, teardown_patch },
#endif
#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_run_start) && defined(LPB_HAVE_lp_available_dashboards_json)
    { "run", 0, 0, run_run, "benchmark run all of an open workspace, --max-parallel = --threads (default 1)",
      setup_run, teardown_payload },
    { "run_par", 0, 0, run_run_par, "the same with the default parallelism (10 connections)", setup_run,
      teardown_payload },
#endif
    { NULL, 0, 0, NULL, NULL, NULL, NULL },
};

static const phase *find_phase(const char *name)
{
    for (const phase *p = phases; p->name; p++)
        if (!strcmp(p->name, name)) return p;
    return NULL;
}

/* ------------------------------------------------------------ info */
/* Resources: top-level blocks other than `locals` and `mod` (what becomes an
 * index entry before dashboards' nested children are counted). */
static long count_resources(ctx *c)
{
#ifdef LPB_HAVE_hcl_parse
    ar_arena arena;
    ar_init(&arena, LP_ARENA_DEFAULT_CHUNK);
    long n = 0;
    for (size_t i = 0; i < c->fl.n; i++) {
        long len = read_file(c->fl.path[i], &c->buf);
        if (len < 0) continue;
        hcl_file f;
        if (hcl_parse(c->fl.path[i], c->buf.p, (size_t)len, &arena, &f) == 0 && f.body) {
            for (uint32_t b = 0; b < f.body->nblocks; b++) {
                hcl_str t = f.body->blocks[b].type;
                if ((t.len == 6 && !memcmp(t.p, "locals", 6)) || (t.len == 3 && !memcmp(t.p, "mod", 3)))
                    continue;
                n++;
            }
        }
        ar_reset(&arena);
    }
    ar_free(&arena);
    return n;
#else
    (void)c;
    return -1;
#endif
}

/* ------------------------------------------------------------ report */
static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') fprintf(f, "\\%c", ch);
        else if (ch < 0x20) fprintf(f, "\\u%04x", ch);
        else fputc(ch, f);
    }
    fputc('"', f);
}

typedef struct stats3 {
    double median, min, max;
} stats3;

static stats3 summarise(double *v, int n)
{
    stats3 s = { 0, 0, 0 };
    if (n <= 0) return s;
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    s.min = v[0];
    s.max = v[n - 1];
    s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    return s;
}

static void human_bytes(char *out, size_t n, double b)
{
    if (b < 0) snprintf(out, n, "-");
    else if (b < 10 * 1024.0) snprintf(out, n, "%.0f B", b);
    else if (b < 10 * 1024.0 * 1024) snprintf(out, n, "%.1f KiB", b / 1024);
    else snprintf(out, n, "%.1f MiB", b / (1024.0 * 1024));
}

static int usage(void)
{
    fprintf(stderr,
            "usage: lpbench phases\n"
            "       lpbench info DIR\n"
            "       lpbench inputs DIR\n"
            "       lpbench run --phase P --dir DIR [--target NAME] [--reps N] [--resources N]\n"
            "                   [--threads N] [--min-ms MS] [--warmup N] [--json FILE] [--tsv FILE] [--md]\n"
            "                   [--callgrind]\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) return usage();
    if (!strcmp(argv[1], "phases")) {
        for (const phase *p = phases; p->name; p++) printf("%s%s", p == phases ? "" : " ", p->name);
        printf("\n");
        return 0;
    }
    if (!strcmp(argv[1], "info")) {
        if (argc != 3) return usage();
        ctx c;
        memset(&c, 0, sizeof c);
        list_files(argv[2], &c.fl);
        printf("{\"files\":%zu,\"bytes\":%llu,\"max_file\":%zu,\"resources\":%ld}\n", c.fl.n,
               (unsigned long long)c.fl.bytes, c.fl.max_size, count_resources(&c));
        return 0;
    }
#if defined(LPB_WORKSPACE) && defined(LPB_HAVE_lp_input_check) && defined(LPB_HAVE_lp_wait_resolved)
    if (!strcmp(argv[1], "inputs")) return argc == 3 ? print_inputs(argv[2]) : usage();
#endif
    if (strcmp(argv[1], "run")) return usage();

    const char *phase_name = NULL, *dir = NULL, *target = NULL, *json = NULL, *tsv = NULL;
    int reps = 5, md = 0, callgrind = 0, threads = 1, warmup = 1;
    double min_ms = 300, pause_ms = 0;
    long resources = -1;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--md")) md = 1;
        else if (!strcmp(a, "--callgrind")) callgrind = 1;
        else if (!v) return usage();
        else if (!strcmp(a, "--phase")) phase_name = v, i++;
        else if (!strcmp(a, "--dir")) dir = v, i++;
        else if (!strcmp(a, "--target")) target = v, i++;
        else if (!strcmp(a, "--json")) json = v, i++;
        else if (!strcmp(a, "--tsv")) tsv = v, i++;
        else if (!strcmp(a, "--reps")) reps = atoi(v), i++;
        else if (!strcmp(a, "--threads")) threads = atoi(v), i++;
        else if (!strcmp(a, "--min-ms")) min_ms = atof(v), i++;
        else if (!strcmp(a, "--warmup")) warmup = atoi(v), i++;
        else if (!strcmp(a, "--pause-ms")) pause_ms = atof(v), i++;
        else if (!strcmp(a, "--resources")) resources = atol(v), i++;
        else return usage();
    }
    if (!phase_name || !dir) return usage();
    if (!target) target = dir;
    if (reps < 1) reps = 1;
    const phase *ph = find_phase(phase_name);
    if (!ph) fail("phase %s is not in this build (see `lpbench phases`)", phase_name);

    ctx c;
    memset(&c, 0, sizeof c);
    c.dir = dir;
    c.threads = threads;
    list_files(dir, &c.fl);
    if (c.fl.n == 0) fail("no .pp files under %s", dir);

    if (ph->setup) ph->setup(&c);
    if (callgrind) {
        /* one rep, no floor: instruction counts come from callgrind */
        sample s;
        ph->run(&c, &s);
        if (ph->teardown) ph->teardown(&c);
        return c.errors ? 1 : 0;
    }

    /* warm-up: page cache, buffer growth, lazily built tables (the phase's
     * warm-up can be skipped for inputs that take seconds: --warmup 0) */
    floor_pass(dir, &c.fl, &c.buf, ph->walk);
    long rss_base = maxrss_kb();
    sample s;
    memset(&s, 0, sizeof s);
    for (int w = 0; w < warmup; w++) ph->run(&c, &s);
    /* small inputs: more reps, so that the medians rest on about min_ms of work */
    if (warmup > 0 && s.ms > 0 && reps * s.ms < min_ms && pause_ms <= 0) {
        double want = min_ms / s.ms;
        reps = want > 1000 ? 1000 : (int)want + 1;
    }
    double *t = calloc((size_t)reps, sizeof *t), *tf = calloc((size_t)reps, sizeof *tf);
    double *tc = calloc((size_t)reps, sizeof *tc), *tfc = calloc((size_t)reps, sizeof *tfc);
    double *tpf = calloc((size_t)reps, sizeof *tpf);
    if (!t || !tf || !tc || !tfc || !tpf) fail("%s", "out of memory");
    for (int r = 0; r < reps; r++) {
        double t0 = now_ms(), c0 = cpu_ms();
        floor_pass(dir, &c.fl, &c.buf, ph->walk);
        tf[r] = now_ms() - t0;
        tfc[r] = cpu_ms() - c0;
        c.errors = 0;
        if (pause_ms > 0) pause_for(pause_ms);
        ph->run(&c, &s);
        t[r] = s.ms;
        tc[r] = s.cpu;
        tpf[r] = (double)s.faults;
    }
    long rss_peak = maxrss_kb();
    if (ph->teardown) ph->teardown(&c);
    stats3 st = summarise(t, reps), sf = summarise(tf, reps);
    stats3 sc = summarise(tc, reps), sfc = summarise(tfc, reps), spf = summarise(tpf, reps);

    uint64_t calls = s.after.calls - s.before.calls;
    uint64_t abytes = s.after.bytes - s.before.bytes;
    int64_t live = (int64_t)s.after.live - (int64_t)s.before.live;
    uint64_t peak = s.after.peak > s.before.live ? s.after.peak - s.before.live : 0;
    double ratio = sf.median > 0 ? st.median / sf.median : 0;
    double ratio_min = sf.min > 0 ? st.min / sf.min : 0;
    double cpu_ratio = sfc.median > 0 ? sc.median / sfc.median : 0;
    double mbs = st.median > 0 ? (double)c.fl.bytes / (1024.0 * 1024) / (st.median / 1e3) : 0;
    double bpr = resources > 0 && ph->keeps ? (double)live / (double)resources : -1;

    if (json) {
        FILE *f = fopen(json, "a");
        if (!f) fail("cannot open %s", json);
        fprintf(f, "{\"target\":");
        json_str(f, target);
        fprintf(f, ",\"phase\":\"%s\",\"files\":%zu,\"bytes\":%llu,\"resources\":%ld,\"reps\":%d,"
                   "\"threads\":%d,",
                ph->name, c.fl.n, (unsigned long long)c.fl.bytes, resources, reps, threads);
        fprintf(f, "\"ms\":{\"median\":%.3f,\"min\":%.3f,\"max\":%.3f},", st.median, st.min, st.max);
        fprintf(f, "\"floor_ms\":{\"median\":%.3f,\"min\":%.3f,\"max\":%.3f,\"walk\":%s},", sf.median,
                sf.min, sf.max, ph->walk ? "true" : "false");
        fprintf(f, "\"cpu_ms\":{\"median\":%.3f,\"min\":%.3f,\"max\":%.3f},", sc.median, sc.min,
                sc.max);
        fprintf(f, "\"floor_cpu_ms\":{\"median\":%.3f,\"min\":%.3f,\"max\":%.3f},", sfc.median, sfc.min,
                sfc.max);
        fprintf(f, "\"ratio\":%.3f,\"ratio_of_mins\":%.3f,\"cpu_ratio\":%.3f,\"mib_s\":%.1f,", ratio,
                ratio_min, cpu_ratio, mbs);
        fprintf(f, "\"alloc\":{\"calls\":%llu,\"bytes\":%llu,\"live\":%lld,\"peak\":%llu},",
                (unsigned long long)calls, (unsigned long long)abytes, (long long)live,
                (unsigned long long)peak);
        fprintf(f, "\"faults\":{\"median\":%.0f,\"min\":%.0f,\"max\":%.0f},", spf.median, spf.min, spf.max);
        fprintf(f, "\"rss_kb\":{\"base\":%ld,\"peak\":%ld},\"bytes_per_resource\":%.1f,", rss_base,
                rss_peak, bpr);
        fprintf(f, "\"tokens\":%llu,\"blocks\":%llu,\"entries\":%llu,\"index_bytes\":%llu,"
                   "\"string_bytes\":%llu,\"strings\":%llu,\"arena_bytes\":%llu,"
                   "\"payload_bytes\":%llu,\"diagnostics\":%llu,\"close_ms\":%.3f,"
                   "\"resolve\":{\"thread_ms\":%.3f,\"published\":%llu,\"arena_bytes\":%llu},"
                   "\"errors\":%d}\n",
                (unsigned long long)c.tokens, (unsigned long long)c.blocks,
                (unsigned long long)c.entries, (unsigned long long)c.index_bytes,
                (unsigned long long)c.string_bytes, (unsigned long long)c.strings,
                (unsigned long long)c.arena_bytes, (unsigned long long)c.payload_bytes,
                (unsigned long long)c.diagnostics, c.close_ms, (double)c.resolve_ns / 1e6,
                (unsigned long long)c.published, (unsigned long long)c.resolve_arena, c.errors);
        fclose(f);
    }
    if (tsv) {
        FILE *f = fopen(tsv, "a");
        if (!f) fail("cannot open %s", tsv);
        /* columns 1-14 are read by plot.sh and run.sh: append, never reorder */
        fprintf(f, "%s\t%s\t%zu\t%llu\t%ld\t%.3f\t%.3f\t%.3f\t%.3f\t%llu\t%lld\t%llu\t%ld\t%ld"
                   "\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\t%d\t%.3f\t%.3f\t%.3f\t%.3f\n",
                target, ph->name, c.fl.n, (unsigned long long)c.fl.bytes, resources, st.median, st.min,
                st.max, sf.median, (unsigned long long)calls, (long long)live, (unsigned long long)peak,
                rss_base, rss_peak, (unsigned long long)c.entries, (unsigned long long)c.index_bytes,
                (unsigned long long)c.string_bytes, (unsigned long long)c.strings,
                (unsigned long long)c.payload_bytes, (unsigned long long)c.tokens,
                (unsigned long long)abytes, c.errors, sc.median, sfc.median, ratio_min, cpu_ratio);
        fclose(f);
    }
    if (pause_ms > 0)
        fprintf(stderr,
                "lpbench: %s, %.0f ms idle before each rep: %.3f ms cpu, %.0f page faults (medians)\n",
                ph->name, pause_ms, sc.median, spf.median);
    if (md) {
        char hb[32], hl[32], hp[32], hbpr[32], hres[32];
        if (resources >= 0) snprintf(hres, sizeof hres, "%ld", resources);
        else snprintf(hres, sizeof hres, "-");
        human_bytes(hb, sizeof hb, (double)abytes);
        human_bytes(hl, sizeof hl, (double)live);
        human_bytes(hp, sizeof hp, (double)peak);
        if (bpr >= 0) snprintf(hbpr, sizeof hbpr, "%.0f", bpr);
        else snprintf(hbpr, sizeof hbpr, "-");
        printf("| %s | %s | %zu | %.2f | %s | %.2f (%.2f–%.2f) | %.2f | %.2f× | %.2f | %.2f× | %.0f | %llu | "
               "%s | "
               "%s | %s | %.1f | %s |%s\n",
               target, ph->name, c.fl.n, (double)c.fl.bytes / (1024.0 * 1024), hres, st.median, st.min,
               st.max, sf.median, ratio, sc.median, cpu_ratio, mbs, (unsigned long long)calls, hb, hl, hp,
               (double)rss_peak / 1024, hbpr, c.errors ? " errors" : "");
    }
    free(t);
    free(tf);
    free(tc);
    free(tfc);
    free(tpf);
    return 0;
}
