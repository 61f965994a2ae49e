/* lazypipe.h — the public interface of liblazypipe.
 *
 * lazypipe opens a Powerpipe workspace (a mod of HCL .pp files plus its
 * dependency mods), keeps a small flat index of every resource, and loads full
 * resources on demand.  This is the only header a user includes.
 *
 * Conventions: functions return 0 on success and a negative lp_status on
 * failure, filling an lp_error when one is given.  Nothing here prints; every
 * diagnostic about the input reaches the caller as an lp_diag (file, line,
 * column, message) through a callback or a list.  Strings handed out are
 * UTF-8 and NUL-terminated; they stay valid as long as the object they came
 * from, unless a function says otherwise.
 */
#ifndef LAZYPIPE_H
#define LAZYPIPE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version: LP_VERSION as text, LP_VERSION_NUMBER as one number (major * 10000 +
 * minor * 100 + patch) for compile-time checks.  lp_version_number() is the number of the library
 * actually linked: a host checks at run time that it has the major version it was built against
 * (lp_version_number() / 10000 == LP_VERSION_MAJOR); lp_version() is its text.  Before 1.0 a minor
 * version may change the ABI too: check major and minor (0.2: lp_workspace_opts lost full_parse). */
#define LP_VERSION_MAJOR 0
#define LP_VERSION_MINOR 2
#define LP_VERSION_PATCH 0
#define LP_VERSION "0.2.0"
#define LP_VERSION_NUMBER (LP_VERSION_MAJOR * 10000 + LP_VERSION_MINOR * 100 + LP_VERSION_PATCH)
int lp_version_number(void);
const char *lp_version(void);

/* ---------------------------------------------------------------- status */

typedef enum lp_status {
    LP_OK = 0,
    LP_ERR_NOMEM = -1,      /* out of memory */
    LP_ERR_IO = -2,         /* a file could not be read or written */
    LP_ERR_SYNTAX = -3,     /* the input has syntax errors (see the diagnostics) */
    LP_ERR_CONVERT = -4,    /* valid input that has no JSON form (hcl2json's convert stage) */
    LP_ERR_NOT_FOUND = -5,  /* no such resource / file */
    LP_ERR_ARG = -6,        /* bad argument */
    LP_ERR_EVAL = -7,       /* an expression could not be evaluated */
    LP_ERR_CYCLE = -8,      /* circular dependency */
    LP_ERR_TIMEOUT = -9,
    LP_ERR_INTERNAL = -10,  /* a broken invariant of the index (builds with LP_CHECK_INVARIANTS) */
    LP_ERR_DB = -11,        /* the database refused: connection or statement (its message) */
    LP_ERR_CANCELLED = -12, /* a run or statement was cancelled */
    LP_ERR_STALE = -13,     /* a file changed (or went) since the workspace version was indexed: a
                             * refresh makes a version that loads it */
} lp_status;

typedef struct lp_error {
    int code;               /* lp_status */
    char message[512];
} lp_error;

/* ----------------------------------------------------------- diagnostics */

typedef enum lp_severity { LP_SEV_ERROR = 1, LP_SEV_WARNING = 2 } lp_severity;

typedef struct lp_diag {
    lp_severity severity;
    const char *file;       /* path as listed; may be "" for workspace-level messages */
    uint32_t line, col;     /* 1-based; 0 when unknown */
    uint32_t end_line, end_col;
    const char *summary;    /* short, e.g. "Missing newline after argument" */
    const char *detail;     /* a sentence; may be "" */
} lp_diag;

/* Receives each diagnostic as it is found.  The strings are only valid during
 * the call. */
typedef void (*lp_diag_fn)(void *user, const lp_diag *diag);

/* Format "file:line:col: summary; detail" (or "file: ..." without a position)
 * into buf (always NUL-terminated).  Returns the length it wanted. */
size_t lp_diag_format(const lp_diag *diag, char *buf, size_t size);

/* ------------------------------------------------------------ allocation */

/* Every allocation of the library goes through one counting layer over
 * mimalloc.  Counters are process-wide. */
typedef struct lp_alloc_stats {
    uint64_t calls;         /* allocation calls (malloc/calloc/realloc) */
    uint64_t frees;
    uint64_t bytes;         /* bytes requested in all */
    uint64_t live;          /* bytes currently allocated */
    uint64_t peak;          /* highest `live` since start or the last reset */
} lp_alloc_stats;

void lp_alloc_stats_get(lp_alloc_stats *out);
void lp_alloc_stats_reset_peak(void);

/* ------------------------------------------------------------- buffers */

/* A growable byte buffer used for JSON output.  Zero-initialise, then free
 * with lp_buf_free.  data is NUL-terminated when len > 0. */
typedef struct lp_buf {
    char *data;
    size_t len, cap;
    int oom;                /* set when a write failed for lack of memory */
} lp_buf;

void lp_buf_free(lp_buf *b);
/* Appending; on a failed allocation the buffer keeps what it had and sets oom. */
void lp_buf_put(lp_buf *b, const char *s, size_t n);
void lp_buf_puts(lp_buf *b, const char *s);
void lp_buf_putc(lp_buf *b, char c);
void lp_buf_printf(lp_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* A JSON string literal (quoted, escaped as Go's encoding/json does). */
void lp_json_str(lp_buf *b, const char *s, size_t n);
void lp_json_cstr(lp_buf *b, const char *s);
/* Reading one: the JSON string whose opening quote is s[0] (n bytes to read from), its value appended
 * to out: escapes as RFC 8259 has them, a \u surrogate pair joined, a lone surrogate U+FFFD (as Go's
 * encoding/json), other bytes as they are.  The bytes read through the closing quote, or 0 when s
 * does not start with one (a raw control character, a bad escape, no closing quote).  out->oom
 * says whether the value was kept whole. */
size_t lp_json_read_str(const char *s, size_t n, lp_buf *out);
/* The Levenshtein distance of a and b, counted in bytes or (code_points) in UTF-8 code points; 99
 * when either is longer than 64 units or, in code points, not UTF-8 (suggestions ask only for small
 * distances). */
size_t lp_edit_distance(const char *a, size_t na, const char *b, size_t nb, int code_points);
/* A Unix time in milliseconds as a JSON string, UTC with milliseconds ("2024-05-01T10:20:30.040Z"),
 * as Powerpipe's snapshots write start_time and end_time. */
void lp_json_time_ms(lp_buf *b, uint64_t unix_ms);

/* ------------------------------------------------------- writing files */

/* The one way lazypipe writes a file a user or a later run reads (exports, snapshots, mod.pp,
 * the lock file, the index cache).  A file written in place is torn by a kill, a full disk or
 * a failed query: the old file is gone and the new one partial (a CSV cut at a line boundary
 * even looks whole).  Here the bytes go to a temporary file in the target's directory (created
 * O_EXCL: never someone else's file or link), which commit fsyncs and renames over the target,
 * then fsyncs the directory: a reader, or the next run after a kill or a crash, sees the old
 * file or the whole new one.  A failure, or abort, removes the temporary file and leaves the
 * old one.  Streaming: open, write in as many pieces as there are rows (or through the FILE of
 * lp_atomic_file_stream, or the descriptor), commit or abort; nothing is held in memory.
 *
 * The new file has the old one's mode (and owner, where the process may set it), else 0644
 * less the umask; with LP_ATOMIC_PRIVATE it is 0600 and this process's whatever the old one was.
 * A symbolic link is followed, as fopen does: the file it names is replaced (a dangling one is
 * refused).  A target that exists and is not
 * a regular file (/dev/stdout, a FIFO) cannot be renamed over: it is written directly and
 * commit only closes it.  A hard link to the old file keeps the old bytes.
 *
 * The temporary file is ".NAME.lazypipe-tmp-PID-RANDOM" beside NAME, recognisably ours; only a
 * kill -9 or a crash leaves one.  Nothing reads them: the next lp_atomic_file_open of the same
 * NAME removes those whose PID is no running process (a regular file of the same user; another
 * writer's, still running, is left), and the index cache's pruning removes its own after an hour. */
typedef struct lp_atomic_file lp_atomic_file;
enum {
    /* no fsync of the file nor of the directory: for a cache checked whole before use, where a
     * crash costs a rebuild and the sync a measurable part of the write */
    LP_ATOMIC_NO_SYNC = 1u << 0,
    /* the file is 0600 and this process's: a cache's, whose old file, another user's or one others
     * may write, is replaced rather than kept so (nor refused when read-only) */
    LP_ATOMIC_PRIVATE = 1u << 1,
};
/* Begin writing path: *out, or LP_ERR_IO / LP_ERR_NOMEM / LP_ERR_ARG with err saying why and
 * errno the cause (path untouched, nothing to abort). */
int lp_atomic_file_open(const char *path, unsigned flags, lp_atomic_file **out, lp_error *err);
/* Append len bytes: LP_OK, or LP_ERR_IO (errno the cause) and the file failed: commit refuses. */
int lp_atomic_file_write(lp_atomic_file *f, const void *data, size_t len, lp_error *err);
/* A buffered stream over the file for writers that take a FILE (made once; closed by commit or
 * abort, never by the caller).  NULL for lack of memory. */
FILE *lp_atomic_file_stream(lp_atomic_file *f);
/* The file's descriptor, for pwrite and the like (not to be closed); readable too (pread), but
 * for a target that is not a regular file (written directly). */
int lp_atomic_file_fd(const lp_atomic_file *f);
/* Make the written bytes the file: flush, fsync, rename over the target, fsync the directory.
 * LP_OK, or LP_ERR_IO with err and errno saying why (the temporary file removed, the old file
 * untouched).  f is freed either way. */
int lp_atomic_file_commit(lp_atomic_file *f, lp_error *err);
/* Give up: the temporary file removed, the old file untouched, f freed (errno kept).  NULL is
 * harmless. */
void lp_atomic_file_abort(lp_atomic_file *f);
/* A whole file of len bytes: open, write, commit. */
int lp_atomic_file_put(const char *path, const void *data, size_t len, unsigned flags, lp_error *err);

/* ------------------------------------------------------------ HCL files */

/* Parse one HCL file held in memory (src need not be NUL-terminated) and
 * append hcl2json's JSON document for it to `out` (the conventions of
 * hashicorp's hcl2json: blocks nest by type and labels, non-literal
 * expressions become "${source}").  `name` is used in diagnostics.
 * Returns LP_OK; LP_ERR_SYNTAX after reporting each syntax error to `diag`;
 * LP_ERR_CONVERT when the file is valid but has no JSON form (err->message
 * says why, as hcl2json does); LP_ERR_NOMEM. */
int lp_hcl_to_json(const char *name, const char *src, size_t len, lp_buf *out,
                   lp_diag_fn diag, void *user, lp_error *err);

/* Read and parse a file from disk; otherwise as lp_hcl_to_json (LP_ERR_IO when
 * it cannot be read). */
int lp_hcl_file_to_json(const char *path, lp_buf *out, lp_diag_fn diag, void *user,
                        lp_error *err);

/* ------------------------------------------------------------ workspace */
/* A workspace is a mod directory (mod.pp plus .pp/.sp files, any depth) and
 * the dependency mods installed under .powerpipe/mods.  lp_open() builds the
 * index from syntax alone (phase 1): every resource with its names, literal
 * metadata, file position and hierarchy.  Fields that need evaluation
 * (var./local./merge()/templates) are marked unresolved and may be filled in
 * later by the background resolver; every accessor below reads one consistent
 * version of an entry and never blocks.
 *
 * Entries are named by dense ids 0..lp_entry_count()-1, in a deterministic
 * order (main mod first, then dependency mods by path; files in sorted path
 * order; blocks in source order, nested dashboard children after their
 * parent).  The same workspace always gives the same ids and the same bytes. */

typedef struct lp_workspace lp_workspace;

#define LP_NO_ENTRY UINT32_MAX

typedef enum lp_kind {
    LP_KIND_DASHBOARD = 0,
    LP_KIND_BENCHMARK,
    LP_KIND_DETECTION_BENCHMARK,  /* the `detection_benchmark` block type (tests use it) */
    LP_KIND_CONTROL,
    LP_KIND_QUERY,
    LP_KIND_DETECTION,
    LP_KIND_CARD,
    LP_KIND_CHART,
    LP_KIND_CONTAINER,
    LP_KIND_FLOW,
    LP_KIND_GRAPH,
    LP_KIND_HIERARCHY,
    LP_KIND_IMAGE,
    LP_KIND_INPUT,
    LP_KIND_TABLE,
    LP_KIND_TEXT,
    LP_KIND_NODE,
    LP_KIND_EDGE,
    LP_KIND_CATEGORY,
    LP_KIND_WITH,
    LP_KIND_VARIABLE,
    LP_KIND__COUNT
} lp_kind;

/* "dashboard", "benchmark", ... (the HCL block type). */
const char *lp_kind_name(lp_kind kind);
/* The kind of a block type name; -1 when it is not an indexed type. */
int lp_kind_from_name(const char *name);

/* Fields that may still need evaluation (lp_entry_info.unresolved). */
enum {
    LP_UNRES_TITLE = 1u << 0,
    LP_UNRES_DESCRIPTION = 1u << 1,
    LP_UNRES_TAGS = 1u << 2,
    LP_UNRES_CATEGORY = 1u << 3,
    LP_UNRES_DOCUMENTATION = 1u << 4,
    LP_UNRES_DISPLAY = 1u << 5,
    LP_UNRES_WIDTH = 1u << 6,
    LP_UNRES_SQL = 1u << 7,
    LP_UNRES_TYPE = 1u << 8,       /* benchmark `type` */
    LP_UNRES_CHILDREN = 1u << 9,   /* `children` is not a tuple literal */
    LP_UNRES_QUERY = 1u << 10,     /* `query` is not a reference */
};

typedef struct lp_workspace_opts {
    const char *const *vars;      /* "name=value", as --var gives them, in order */
    size_t nvars;
    const char *const *var_files; /* --var-file paths, in order */
    size_t nvar_files;
    uint64_t cache_budget;        /* bytes for materialised resources (0: default 64 MiB) */
    unsigned workers;             /* index-build threads; 0: one per CPU (at most 8, one per 32 files);
                                   * background resolution uses a second thread unless this is 1 */
    lp_diag_fn diag;              /* optional; called on the opening thread */
    void *diag_user;
    /* Background resolution (lp_wait_resolved below): called once, on the
     * resolver's thread, when every field that can be resolved is published.
     * It may read the workspace but must not call lp_close (that joins the
     * very thread the callback runs on).  A workspace reopened from its
     * image (index_cache) is resolved already: the callback runs inside
     * lp_open, on the opening thread. */
    void (*on_resolved)(void *user, lp_workspace *ws);
    void *resolved_user;
    int no_background;            /* resolve inside lp_open instead of on a thread */
    int no_resolve;               /* no phase 2: fields stay as scanned (index-only use) */
    /* A directory for the persisted index (NULL: none).  lp_open reopens the
     * workspace from its image there when every input is as it was (nothing
     * parsed, no resolution to run); when some changed, it patches: the
     * image's scan of every file whose bytes did not change is taken, only
     * the others are scanned, then merged and resolved as a fresh open
     * (stats.patched; the same result); else it builds.  Resolution writes
     * the image when it completes (a live workspace's refreshes leave it to
     * lp_live_close, which writes the last version's).  One image per
     * workspace path and set of vars, var files and PP_VAR_* variables; the directory must exist.
     * Not used with no_resolve.  lp_default_index_cache_dir
     * gives the usual place. */
    const char *index_cache;
    uint32_t cache_max_entries;   /* resources the load cache may hold (0: no limit) */
    /* The bound of the index_cache directory: after writing an image, the
     * least recently used images (a reopen counts as a use) go until the
     * images there take at most this many bytes; the one just written always
     * stays.  0: LP_INDEX_CACHE_MAX_DEFAULT. */
    uint64_t index_cache_max_bytes;
    /* With index_cache: resolution does not write the image; the caller does, with lp_save_image,
     * once its answer is out (the CLI: in a child process after its output, holding the cache
     * directory with lp_index_cache_hold, so that neither a first command's answer nor its exit
     * waits for the next one's image). */
    int defer_image;
} lp_workspace_opts;

#define LP_INDEX_CACHE_MAX_DEFAULT (256ull << 20)

/* What an index cache directory holds (lp_default_index_cache_dir or
 * opts.index_cache): images (<hash>.lpidx, one per workspace and options),
 * records of images found clean (.lpclean) and writers' temporary files. */
typedef struct lp_index_cache_info {
    uint32_t images;
    uint64_t image_bytes;         /* of the images (what the bound counts) */
    uint64_t bytes;               /* of every file of ours there */
    int64_t oldest_use_ns, newest_use_ns;   /* images' last uses, wall clock (0: no image) */
} lp_index_cache_info;
/* LP_OK, LP_ERR_NOT_FOUND (no such directory), LP_ERR_IO, LP_ERR_ARG. */
int lp_index_cache_info_get(const char *dir, lp_index_cache_info *out);
/* Remove the least recently used images until they take at most max_bytes
 * (0: LP_INDEX_CACHE_MAX_DEFAULT), the records of removed images, and
 * temporary files older than an hour; *removed (optional): images removed.
 * LP_OK, LP_ERR_NOT_FOUND, LP_ERR_IO (a file could not be removed). */
int lp_index_cache_prune(const char *dir, uint64_t max_bytes, uint32_t *removed);
/* Remove every file of ours in dir (the directory stays); a workspace open
 * meanwhile keeps its mapping and writes its image again later. */
int lp_index_cache_clear(const char *dir, uint32_t *removed);

/* $LAZYPIPE_CACHE_DIR, else $XDG_CACHE_HOME/lazypipe, else ~/.cache/lazypipe,
 * into out (created, with its parents, when missing).  LP_OK, LP_ERR_IO when
 * it cannot be made, LP_ERR_ARG when it does not fit. */
int lp_default_index_cache_dir(char *out, size_t size);

/* Is dir fit to hold index images: a directory owned by the effective user
 * and not writable by group or others?  Anyone else who can write there can
 * forge an image (checksums recomputed) that lp_open would serve, so an
 * index cache that is not private is neither read nor written (lp_open says
 * so in index_cache_note), as ssh and git's safe.directory refuse what others
 * could have written.  LP_OK with dir itself in out when it is private; LP_OK
 * with a private directory inside it (dir/lazypipe-<uid>, made mode 0700 when
 * missing and checked the same way) in out and the reason in why when dir is
 * not; LP_ERR_IO with why when there is none (out is then ""), and with why
 * "" when dir cannot be read at all (missing: the caller made it or was
 * given it, and knows).  why is "" when there is nothing to say. */
int lp_index_cache_private(const char *dir, char *out, size_t size, char *why, size_t wsize);

/* Open the workspace at `dir` (opts may be NULL).  Problems with the input
 * (syntax errors, duplicate names, unreadable files, missing children...)
 * are diagnostics, not failures: the rest of the workspace opens.  Fails with
 * LP_ERR_NOT_FOUND when dir does not exist or is not a directory, LP_ERR_IO when
 * it cannot be looked at (err->message gives the reason: a path longer than
 * PATH_MAX is ENAMETOOLONG, "File name too long"), LP_ERR_NOMEM,
 * LP_ERR_ARG. */
int lp_open(const char *dir, const lp_workspace_opts *opts, lp_workspace **out, lp_error *err);
/* Frees the workspace, or, while runs started on it are not freed yet (lp_run_start pins it), leaves
 * that to the last lp_run_free.  Either way the caller must not use ws after it. */
void lp_close(lp_workspace *ws);
/* opts.defer_image: waits for resolution and writes the image it would have written (nothing when
 * the workspace came from a current image, was opened without index_cache or already wrote one, or
 * patched a stale image by an edit small enough that the stale image is kept: each open patches it
 * again, and lp_resolve_stats' image_note says so).
 * LP_OK, or an error saying why no image was written (lp_resolve_stats_get says so too). */
int lp_save_image(lp_workspace *ws, lp_error *err);
/* Would lp_save_image write an image (waits for resolution)?  1 or 0. */
int lp_save_image_due(lp_workspace *ws);
/* For an image written in the background (the CLI writes it in a child process once its answer is
 * out): hold the index cache directory dir as its writer.  lp_index_cache_* wait for the hold to go
 * (at most 2 s) before they read the directory, and so does lp_open when it finds no image there or
 * a small one (up to 1.5 MiB), so that a command following another finds the image it was writing
 * (with a larger one there, stale or not, lp_open reads it at once: patching it is sooner).  Returns
 * a descriptor whose last close (the holder's exit, a kill included) releases it, inherited by a
 * child process; -1 when another writer holds it (its image is as new as the workspace it read: the
 * caller need not write one) or dir cannot be opened. */
int lp_index_cache_hold(const char *dir);
/* lp_index_cache_hold without waiting: one try, -1 at once when another writer (or a reader, for an
 * instant) holds dir. */
int lp_index_cache_hold_now(const char *dir);
/* Does an open through the same index cache that starts while ws's image is being written (by
 * lp_save_image, under lp_index_cache_hold) wait for it?  1 when that open finds no image there or a
 * small one (up to 1.5 MiB), which it waits for; 0 when ws patched a larger one, which the next open
 * patches again at once rather than wait: the writer then runs beside it (the CLI lowers its
 * priority only then). */
int lp_index_image_awaited(const lp_workspace *ws);

/* The workspace directory as given, and the options it was opened with. */
const char *lp_workspace_dir(const lp_workspace *ws);
const lp_workspace_opts *lp_workspace_options(const lp_workspace *ws);

/* Mods: 0 is the main mod, then dependency mods in path order. */
uint32_t lp_mod_count(const lp_workspace *ws);
typedef struct lp_mod_info {
    const char *name;        /* short name: "aws_compliance"; "local" without mod.pp */
    const char *full_name;   /* "mod.aws_compliance" */
    const char *title;       /* the mod block's own title; the name when it has none */
    const char *root;        /* mod directory */
    const char *path;        /* dependency: path under .powerpipe/mods cut at '@'; main: "" */
} lp_mod_info;
int lp_mod_get(const lp_workspace *ws, uint32_t mod, lp_mod_info *out);
/* 1 when the mod's resources are listed (lists, the dashboard list): the main mod and the
 * dependencies it requires itself, as Powerpipe's workspace holds them; a dependency's own
 * dependencies are indexed, resolvable and runnable through it, but listed nowhere. */
int lp_mod_listed(const lp_workspace *ws, uint32_t mod);
/* lp_mod_listed of the entry's mod (0 for an id out of range). */
int lp_entry_listed(const lp_workspace *ws, uint32_t id);
/* The `database` of the mod's mod block, evaluated with the mod's variables
 * (--var, .ppvars, defaults, what a parent's require block passes): a
 * connection string, or "connection.TYPE.NAME" for a connection reference
 * (`database = connection.sqlite.x`, or a variable of type connection),
 * appended to out.  LP_OK; LP_ERR_NOT_FOUND when the mod sets none (or it is
 * null); LP_ERR_EVAL with the diagnostic; LP_ERR_NOMEM, LP_ERR_ARG.  Reads
 * the mod file again (it is not kept); thread-safe like lp_load. */
int lp_mod_database(lp_workspace *ws, uint32_t mod, lp_buf *out, lp_error *err);
/* The mod as Powerpipe's `mod list|show --output json` writes it (json.Marshal of pipe-fittings'
 * modconfig.Mod, keys sorted): its mod block's attributes evaluated in its scope (title,
 * description, documentation = file(...), tags, categories, color, icon, opengraph), the block's
 * lines and source, `dependency_path` for a dependency, ModDatabase (lp_mod_database).  One JSON
 * object appended to out.  LP_OK; LP_ERR_NOT_FOUND without a mod file or mod block; LP_ERR_EVAL
 * (err says where); LP_ERR_NOMEM, LP_ERR_ARG.  Thread-safe like lp_load. */
int lp_mod_json(lp_workspace *ws, uint32_t mod, lp_buf *out, lp_error *err);

/* Mods the main mod requires: each `mod "<path>" { version = "..." }` of the
 * `require` blocks in its mod block, in source order (`plugin`, `powerpipe`
 * and other requirements are not listed).  None without a mod file or when
 * the mod file has syntax errors.  Strings are never NULL and live as long
 * as the workspace. */
uint32_t lp_require_count(const lp_workspace *ws);
typedef struct lp_require_info {
    const char *path;        /* the label: "github.com/turbot/steampipe-mod-aws-insights" */
    const char *version;     /* the `version` constraint as written ("^1.2"); "" when absent or not
                              * a literal string */
    int installed;           /* 1 when a dependency mod (lp_mod_get) has this path, else 0 */
    const char *file;        /* the mod file */
    uint32_t line, col;      /* of the `mod` keyword of the block, 1-based */
} lp_require_info;
int lp_require_get(const lp_workspace *ws, uint32_t i, lp_require_info *out);
/* The `database` a requirement sets for the mod it requires (`require { mod
 * "<path>" { database = ... } }`, Powerpipe's ModVersionConstraint.Database),
 * evaluated with the main mod's variables, as lp_mod_database: LP_OK,
 * LP_ERR_NOT_FOUND when it sets none, LP_ERR_EVAL, LP_ERR_NOMEM, LP_ERR_ARG. */
int lp_require_database(lp_workspace *ws, uint32_t i, lp_buf *out, lp_error *err);

/* Lookups. */
uint32_t lp_entry_count(const lp_workspace *ws);
uint32_t lp_lookup(const lp_workspace *ws, const char *full_name);   /* or LP_NO_ENTRY */
/* The next entry of `kind` after `after` (LP_NO_ENTRY to start); LP_NO_ENTRY at the end.
 * LP_KIND_BENCHMARK also yields detection_benchmark entries (Powerpipe's benchmark list). */
uint32_t lp_next_of_kind(const lp_workspace *ws, lp_kind kind, uint32_t after);

/* A tag list: read with lp_tags_at().  Valid as long as the workspace. */
typedef struct lp_tags {
    const void *pairs;
    uint32_t n;
    uint32_t form;           /* private */
    const void *base;        /* private */
} lp_tags;
/* Tag i (sorted by key, byte order). */
void lp_tags_at(const lp_tags *tags, uint32_t i, const char **key, const char **value);
/* The value of `key`, or NULL. */
const char *lp_tags_get(const lp_tags *tags, const char *key);

/* Everything known about an entry, read as one consistent version (the
 * scanned one, or the resolver's once published).  Strings are never NULL
 * ("" when absent) and live as long as the workspace. */
typedef struct lp_entry_info {
    lp_kind kind;
    const char *name;            /* full: "mod.type.label" */
    const char *short_name;      /* the label */
    const char *title, *description, *category, *documentation, *display;
    const char *sql;             /* literal sql text ("" when none or not literal) */
    const char *query_ref;       /* full name of the query it uses, or "" */
    const char *benchmark_type;  /* "control" / "detection" for benchmarks, else "" */
    lp_tags tags;
    int has_tags;                /* a `tags` attribute was given */
    int has_sql;                 /* an `sql` or `query` attribute exists */
    int has_width;
    int32_t width;
    uint32_t mod;                /* lp_mod_get() */
    const char *mod_name, *mod_full_name;
    uint32_t file;               /* lp_file_get() */
    const char *file_name;       /* path as listed */
    uint32_t start_line, end_line;       /* 1-based, the whole block */
    uint32_t byte_offset, byte_length;   /* the whole block, closing '}' included */
    uint32_t parent;             /* enclosing dashboard/container of a nested block, else LP_NO_ENTRY */
    int is_top_level;            /* eager's rule: no parent in its own mod (dashboards, benchmarks) */
    int is_nested;               /* a block inside a dashboard/container */
    int is_anonymous;            /* nested and unlabelled: the name was generated */
    unsigned unresolved;         /* LP_UNRES_* bits still waiting for evaluation */
} lp_entry_info;
int lp_entry_get(const lp_workspace *ws, uint32_t id, lp_entry_info *out);

/* Hierarchy: children in source order (only those that exist; a nested
 * dashboard child is its parent's child), parents in id order. */
uint32_t lp_entry_child_count(const lp_workspace *ws, uint32_t id);
uint32_t lp_entry_child(const lp_workspace *ws, uint32_t id, uint32_t i);
/* Every child name as written in `children` (qualified) plus the nested
 * blocks, existing or not: Powerpipe's child_names. */
uint32_t lp_entry_child_name_count(const lp_workspace *ws, uint32_t id);
const char *lp_entry_child_name(const lp_workspace *ws, uint32_t id, uint32_t i);
uint32_t lp_entry_parent_count(const lp_workspace *ws, uint32_t id);
uint32_t lp_entry_parent(const lp_workspace *ws, uint32_t id, uint32_t i);
/* Top-level entries (dashboards and benchmarks without a parent in their own
 * mod), in id order: the next after `after` (LP_NO_ENTRY to start). */
uint32_t lp_next_top_level(const lp_workspace *ws, uint32_t after);

/* Files that were listed (also those that could not be read). */
uint32_t lp_file_count(const lp_workspace *ws);
typedef struct lp_file_info {
    const char *path;        /* as listed */
    uint64_t size;           /* bytes read */
    int64_t mtime_ns;
    uint32_t mod;
    uint32_t first_entry, entry_count;
    int status;              /* LP_OK, LP_ERR_IO (skipped), LP_ERR_SYNTAX (partially indexed) */
} lp_file_info;
int lp_file_get(const lp_workspace *ws, uint32_t file, lp_file_info *out);

/* Inputs: everything the workspace was built from, each as it was read
 * (the source files above, in the same order and numbering, mod.pp files
 * among them; then each mod root's .powerpipeignore (also when absent: one
 * appearing changes the workspace) and the directories listed (the
 * dependency mods' too, and .powerpipe/mods when absent); and — once
 * resolution is done — the variable files and file() targets phase 2
 * read).  The record
 * keeps what one stat sees (size, mtime, device, inode) and the XXH3-64 of
 * the bytes read; for a directory, the hash is of the names it contributed.
 * lp_input_check tells whether an input changed since: by stat first, and
 * for a file whose stat changed, by its content hash, so a file touched or
 * rewritten with the same bytes is LP_INPUT_TOUCHED, not changed.  Strings
 * are valid as long as the workspace.  Thread-safe with any reader. */
typedef enum lp_input_kind {
    LP_INPUT_SOURCE,         /* a .pp/.sp file of a mod (mod.pp included) */
    LP_INPUT_IGNORE,         /* a mod root's .powerpipeignore */
    LP_INPUT_DIRECTORY,      /* a directory listed for sources */
    LP_INPUT_VARS,           /* powerpipe.ppvars, *.auto.ppvars, a --var-file */
    LP_INPUT_FILE_FN,        /* a file read by file() during resolution */
    LP_INPUT__COUNT
} lp_input_kind;
typedef struct lp_input_info {
    const char *path;
    lp_input_kind kind;
    int present;             /* 0: it was absent or unreadable (err says why) */
    int err;                 /* errno of a failed read, else 0 */
    uint64_t size;
    int64_t mtime_ns;
    uint64_t device, inode;
    uint64_t hash;           /* XXH3-64 of the content (0 when absent) */
} lp_input_info;
uint32_t lp_input_count(const lp_workspace *ws);
int lp_input_get(const lp_workspace *ws, uint32_t input, lp_input_info *out);
typedef enum lp_input_state {
    LP_INPUT_SAME,           /* stat unchanged */
    LP_INPUT_TOUCHED,        /* stat changed, bytes (or, for a directory, the names it gave) the same */
    LP_INPUT_CHANGED,        /* other bytes; appeared; for a directory, other names */
    LP_INPUT_GONE            /* was there, is no longer readable */
} lp_input_state;
/* Stat input (and read it when its stat changed) now.  Does not change the
 * workspace: the caller decides what to rebuild. */
int lp_input_check(const lp_workspace *ws, uint32_t input, lp_input_state *state);

/* Diagnostics found while opening, in a deterministic order. */
uint32_t lp_diag_count(const lp_workspace *ws);
const lp_diag *lp_diag_at(const lp_workspace *ws, uint32_t i);

typedef struct lp_workspace_stats {
    uint32_t mods, files, files_failed, entries;
    uint32_t kind_counts[LP_KIND__COUNT];
    uint32_t top_level, child_edges, diagnostics, errors;
    uint64_t source_bytes;       /* bytes of every file read */
    uint64_t index_bytes;        /* entries, name table, edges, tags: everything but strings */
    uint64_t string_bytes;       /* interned strings, headers included */
    uint32_t strings;            /* distinct interned strings */
    uint64_t arena_bytes;        /* reserved by the workspace's arenas and grown arrays (the
                                  * copies kept for phase 2 included), at the end of lp_open */
    uint64_t alloc_calls;        /* lp_alloc_stats delta over lp_open */
    uint64_t alloc_bytes;
    uint64_t peak_bytes;         /* highest live heap during lp_open (process-wide counter) */
    uint64_t build_ns;           /* wall time of lp_open */
    uint64_t list_ns, scan_ns, merge_ns;   /* its phases */
    unsigned workers;
    int reopened;                /* 1: served from the persisted image (opts.index_cache); the
                                  * counts above are the build's that wrote it, the times and
                                  * allocations this open's */
    int patched;                 /* 1: the image was stale: the files whose bytes did not change
                                  * were taken from it, only the others scanned, then merged and
                                  * resolved as a fresh open does (the same result) */
    uint32_t segments_read;      /* patched: of the image's segments (a file's scan each), those
                                  * read whole: the files it merged or whose entries it evaluated
                                  * again, and the edited files' old scans (their entries' text
                                  * compared); the others are only checked when read, and go into
                                  * the next image as they were */
    uint32_t segments_stubbed;   /* patched: of the image's segments, those it took a stub of (its
                                  * header, path and blocks checked) before it returned: the edited
                                  * files' old scans and those it read or whose blocks loading
                                  * read; the rest are taken when the next image is written */
    int updated;                 /* 1: a refresh made the index from the previous version's:
                                  * the files it read again changed no entry's name, kind or
                                  * place, so only their entries' fields were merged again */
    uint64_t stale_string_bytes; /* of string_bytes: strings of entries replaced by such
                                  * refreshes, kept until a whole merge (at most a quarter) */
    char index_cache_note[200];  /* with opts.index_cache and not reopened: why, and when
                                  * patched how many files were scanned ("" otherwise) */
} lp_workspace_stats;
void lp_workspace_stats_get(const lp_workspace *ws, lp_workspace_stats *out);

/* Powerpipe's available_dashboards message (compact JSON, Go encoding/json
 * byte for byte), appended to out.  LP_OK, LP_ERR_NOMEM, or LP_ERR_ARG when
 * the hierarchy is too large to expand (a diagnostic-free safety limit). */
int lp_available_dashboards_json(const lp_workspace *ws, lp_buf *out);

/* `powerpipe <kind> list --output json`: a JSON array of the list items of
 * POWERPIPE_BEHAVIOR §5.6 (keys sorted).  For LP_KIND_BENCHMARK both kinds of
 * benchmark are listed.  Reads the files again for source definitions. */
int lp_list_json(const lp_workspace *ws, lp_kind kind, lp_buf *out);

/* A consumer of a document written piece by piece: called with each piece in
 * order, on the caller's thread, the data valid only during the call; non-zero
 * stops the writing. */
typedef int (*lp_write_fn)(void *user, const char *data, size_t len);

/* lp_list_json streamed: the same bytes, handed to write in pieces of about
 * 64 KiB, so memory stays bounded however large the document (a benchmark's
 * references repeat the attribute's source per reference: its output grows
 * with the square of its children).  LP_OK, LP_ERR_NOMEM, LP_ERR_ARG, or
 * LP_ERR_IO when write returned non-zero (the document is then cut short). */
int lp_list_json_write(const lp_workspace *ws, lp_kind kind, lp_write_fn write, void *user);

/* ----------------------------------------------------------- resolution */
/* Phase 2.  lp_open() returns after the index is built and starts one thread
 * that evaluates variables, locals, merge(), templates and file() for every
 * unresolved field (title, description, tags, ...) and publishes each entry's
 * values atomically: lp_entry_get and the payloads see the scanned or the
 * resolved version of an entry, never a mix, and never block.  Values come
 * out as eager Powerpipe computes them (POWERPIPE_BEHAVIOR.md §6, §13). */

/* Wait until resolution is complete: LP_OK, or LP_ERR_TIMEOUT after
 * timeout_ms milliseconds (negative: no limit). */
int lp_wait_resolved(lp_workspace *ws, int timeout_ms);
int lp_is_resolved(const lp_workspace *ws);
/* Diagnostics of resolution (evaluation errors, missing required variables,
 * cycles between locals), available once it is complete (0 before). */
uint32_t lp_resolve_diag_count(const lp_workspace *ws);
const lp_diag *lp_resolve_diag_at(const lp_workspace *ws, uint32_t i);

typedef struct lp_resolve_stats {
    uint64_t ns;                  /* wall time of the resolution thread */
    uint32_t published;           /* entries given a resolved version */
    uint32_t fields_resolved, fields_unresolved;
    uint32_t variables, locals;
    uint64_t arena_bytes;         /* held for resolved values until lp_close */
    int image_written;            /* opts.index_cache: the image was written */
    char image_note[200];         /* opts.index_cache: why it was not ("" otherwise) */
    /* Of published: the entries this resolution evaluated, and those whose resolved fields it
     * carried over from the previous version (a live refresh's, or a stale index image's that
     * lp_open patched): evaluated + carried = published.  0 and 0 when reopened from a current
     * image (nothing was resolved). */
    uint32_t evaluated, carried;
} lp_resolve_stats;
/* Zeroes before completion. */
void lp_resolve_stats_get(const lp_workspace *ws, lp_resolve_stats *out);

/* `powerpipe variable list`: every variable of the main mod and its
 * dependencies, with its default, final value and where it came from.  Waits
 * for resolution.  JSON: an array of objects with the keys default,
 * description, mod_name, name, qualified_name ("mod.var.x"), source
 * ("default", "env", "ppvars", "auto.ppvars", "var-file", "var", "require" or
 * "" when it has none), type (the constraint as written) and value (null when
 * it has none or only a run-time value). */
int lp_variables_json(lp_workspace *ws, lp_buf *out);
/* `powerpipe variable show --output json`: variable entry id as Powerpipe's
 * Variable marshals it: auto_generated, description, end_line_number,
 * file_name, is_anonymous, mod_name, path, qualified_name, resource_name,
 * source_definition, start_line_number, type_string (the type as written,
 * else derived from the value), value and value_default (null when none).
 * Waits for resolution; a workspace reopened from its image evaluates its
 * variables once more for the declarations the image does not keep.
 * LP_ERR_ARG when id is no variable. */
int lp_variable_json(lp_workspace *ws, uint32_t id, lp_buf *out);
/* The same document as values (lp_value, "values" below): the same members in
 * the same order.  *out is the caller's; it borrows strings from ws, so free
 * it (lp_value_free) before lp_close.  LP_OK, LP_ERR_ARG, LP_ERR_NOMEM.
 * Thread-safe as lp_variable_json. */
typedef struct lp_value lp_value;
int lp_variable_value(lp_workspace *ws, uint32_t id, lp_value **out);
/* lp_mod_json's document as a value (lp_value_free), for --output yaml and show. */
int lp_mod_value(lp_workspace *ws, uint32_t mod, lp_value **out, lp_error *err);
/* The same as a tab-separated table with a header line; values in HCL
 * notation, and a tab or line break inside a description or type written as
 * a space so that every variable is one line. */
int lp_variables_text(lp_workspace *ws, lp_buf *out);

/* ----------------------------------------------------------- live workspaces */
/* A workspace that follows its directory.  Each version is an lp_workspace,
 * immutable once published; lp_refresh (or the watcher) publishes a new one
 * when an input really changed.  Readers pin the version they read:
 *
 *     lp_workspace *ws = lp_live_acquire(lv);   // the current version, pinned
 *     ... read it: every pointer it gives stays valid ...
 *     lp_live_release(lv, ws);                  // it is closed once it is old and unpinned
 *
 * Acquire and release take a lock held for a few instructions, never during
 * a build or a check, so a reader never waits for a refresh.  Thread-safe:
 * any number of readers, one refresh at a time (concurrent calls queue). */
typedef struct lp_live lp_live;
int lp_live_open(const char *dir, const lp_workspace_opts *opts, lp_live **out, lp_error *err);
lp_workspace *lp_live_acquire(lp_live *lv);
void lp_live_release(lp_live *lv, lp_workspace *ws);
uint32_t lp_live_version(lp_live *lv);   /* 1 for the first open, one more per published refresh */
/* Stops the watcher; with opts.index_cache, writes the image of the last
 * version a refresh made (refreshes do not: a whole image per edit); a
 * version a reader still holds is closed by its release. */
void lp_live_close(lp_live *lv);

/* The available_dashboards message of ws, a version pinned from lv: the
 * bytes lp_available_dashboards_json writes, built once per version and
 * resolution state and kept with the version (a refresh makes the new
 * version's from the old one's when it can, re-rendering only what
 * changed).  *out is a reference of the caller's: its bytes stay valid,
 * unchanged, until lp_payload_release, whatever becomes of the version.
 * Thread-safe: any thread, any number of references.  LP_OK, LP_ERR_NOMEM,
 * LP_ERR_ARG (as lp_available_dashboards_json, or ws is not a version of a
 * live workspace). */
typedef struct lp_payload lp_payload;
int lp_live_payload(lp_live *lv, lp_workspace *ws, lp_payload **out);
const char *lp_payload_bytes(const lp_payload *p, size_t *len);   /* NUL-terminated */
void lp_payload_release(lp_payload *p);

/* What a refresh found.  Strings live until lp_changes_free. */
typedef struct lp_changes_mem lp_changes_mem;
typedef struct lp_changes {
    int changed;                         /* 0: every input as it was (touched files included) */
    uint32_t version;                    /* the version current after the refresh */
    const char *reason;                  /* the first input found changed, or NULL */
    uint32_t inputs_checked;             /* every input, or (the watcher's bursts) those its events named */
    uint32_t inputs_changed;
    const char *const *added;            /* full names, in the new version's order */
    uint32_t nadded;
    const char *const *removed;
    uint32_t nremoved;
    const char *const *modified;         /* anything lp_entry_get, its tags, children or parents say */
    uint32_t nmodified;
    int payload_changed;                 /* available_dashboards bytes differ */
    const char *const *diags_added;      /* formatted as lp_diag_format does */
    uint32_t ndiags_added;
    uint32_t ndiags_cleared;
    /* The times.  check_ns: the inputs' check; build_ns: the new version with its resolution;
     * total_ns: the whole refresh, from its call to the version published (refresh_ms).
     * prepared_ns: 0, or the time the watcher spent building this version ahead, while its
     * debounce waited (the named inputs' check, the build and the comparison, build_ns within
     * it): the refresh at the debounce's end then only checked the named inputs again, confirmed
     * that each still reads as that build read it, and published it (total_ns). */
    uint64_t check_ns, build_ns, total_ns, prepared_ns;
    /* How incremental the new version was (0 when none was made): files
     * read and scanned vs taken as they were; entries evaluated again vs
     * whose resolved fields were carried over. */
    uint32_t files_scanned, files_reused;
    uint32_t entries_evaluated, entries_reused;
    lp_changes_mem *mem;
} lp_changes;
/* Bring lv up to date: check every input; when one changed, make the next
 * version with the first open's options (without the diag and on_resolved
 * callbacks: the change set reports the new diagnostics), wait for its
 * resolution and publish it.  The next version costs what changed: the
 * directories are listed again only when a change can alter the listing,
 * only the files whose bytes changed are read and scanned (every other
 * file's scan result is taken from the current version), and only the
 * entries that read something that changed are evaluated again (their own
 * file, a variable or local whose value changed, a resource evaluated again,
 * a changed file() target); every other entry's resolved fields are carried
 * over.  The result equals a fresh open of the same tree.  A version first
 * opened from its image (opts.index_cache) takes the image's per-file scan
 * results at its first refresh, and the image's record of what each entry
 * read: that refresh too evaluates only the entries whose reads changed and
 * reads only the changed files (the record is read from the image then, not
 * at the reopen, so an idle reopened server holds none of it; the records
 * carried over refer to the image's strings, which stay mapped while a
 * version refers to them, instead of being copied; the image's variables
 * and locals are shared when nothing their loading read changed, as the
 * image records it — the same blocks, .ppvars files, file() targets of
 * locals and environment —, else loaded again).  The watcher decodes what
 * that refresh takes from the image whatever changed (segments, strings,
 * scope, records) while its debounce waits, once an event names an input
 * whose bytes changed.  out is filled in every case; free it with
 * lp_changes_free. */
int lp_refresh(lp_live *lv, lp_changes *out);
void lp_changes_free(lp_changes *c);

/* Watch the directory: inotify on every directory the current version
 * listed (hidden ones apart), one refresh 100 ms after the first event of a
 * burst, and a refresh every 2 s regardless (dependency mods installed under
 * .powerpipe, events inotify lost).  Once a burst's events have been quiet
 * for 10 ms its next version is built (not published) while the debounce
 * waits; the refresh at the 100 ms end publishes it when every input the
 * events named still reads as that build read it, else builds as usual
 * (lp_changes.prepared_ns says which, and what the build ahead took).  fn runs on the watcher's thread after
 * each refresh that published a version.  One watcher per handle. */
typedef void (*lp_watch_fn)(void *user, const lp_changes *changes);
int lp_watch_start(lp_live *lv, lp_watch_fn fn, void *user, lp_error *err);
void lp_watch_stop(lp_live *lv);
/* "" or why the watcher polls only (the inotify watch limit reached...). */
const char *lp_watch_warning(lp_live *lv);

/* ----------------------------------------------------------- loading */
/* Phase 3: one resource materialised whole, on demand.  The block's bytes
 * are read again and checked against what the index recorded (size and
 * content hash of its file): a file that changed, shrank or vanished since
 * fails the load (LP_ERR_STALE, "... changed since the workspace was indexed" /
 * "no such file"); a syntax error inside the block fails it with
 * file:line:col (LP_ERR_SYNTAX).  Every attribute is evaluated in the
 * context phase 2 uses (variables, locals, functions, file() rooted at the
 * resource's mod); a value that exists only at run time (param., self.,
 * with.) is left unset.  Composite loads: a dashboard or container carries
 * its nested blocks, a benchmark its whole tree of children (a missing child
 * fails with LP_ERR_NOT_FOUND naming it, a cycle with LP_ERR_CYCLE
 * "circular dependency detected: a -> b -> a"); a control's
 * `query = query.x` carries that query's SQL.
 *
 * Each loaded resource (its tree included) lives in one arena, cached in an
 * LRU keyed by entry and bounded by the arenas' real bytes
 * (lp_workspace_opts.cache_budget, default 64 MiB; cache_max_entries).  A
 * handle is pinned: everything read from it stays valid until
 * lp_resource_release, and eviction never frees a pinned resource.
 * Thread-safe: any number of threads may load, read and release at once. */
typedef struct lp_resource lp_resource;

/* Load by full name ("mod.control.x"; a dashboard's own input by its
 * "mod.input.x", the first such) or entry id.  LP_OK with *out pinned;
 * LP_ERR_NOT_FOUND ("resource not found in index: <name>"), LP_ERR_STALE,
 * LP_ERR_IO, LP_ERR_SYNTAX, LP_ERR_EVAL, LP_ERR_CYCLE, LP_ERR_NOMEM, LP_ERR_ARG (a
 * variable entry, which is not a resource). */
int lp_load(lp_workspace *ws, const char *full_name, lp_resource **out, lp_error *err);
int lp_load_entry(lp_workspace *ws, uint32_t id, lp_resource **out, lp_error *err);
/* The same load for a reader that reads the resource once (a run's controls, one after the
 * other): one already cached is shared (pinned as lp_load_entry pins it), one that is not is
 * loaded for this holder alone and never enters the cache, so it neither evicts other readers'
 * entries nor stays after lp_resource_release, which frees it. */
int lp_load_entry_uncached(lp_workspace *ws, uint32_t id, lp_resource **out, lp_error *err);
/* Unpin a handle lp_load gave (not a child).  NULL is ignored.  Every
 * handle must be released before lp_close, which frees them all. */
void lp_resource_release(lp_resource *r);

/* Readers.  Strings live as long as the handle; NULL when the attribute is
 * absent (or only known at run time). */
uint32_t lp_resource_entry(const lp_resource *r);   /* its entry id */
lp_kind lp_resource_kind(const lp_resource *r);
const char *lp_resource_name(const lp_resource *r);          /* full name */
/* An attribute as a string: title, description, documentation, sql, query
 * (the full name of the query it uses), severity, display, type, icon,
 * label, value, href, src, alt, placeholder, base (full name), database (a
 * connection string, or "connection.TYPE.NAME" for `database =
 * connection.TYPE.NAME`), and any other attribute whose value is a string,
 * number or bool. */
const char *lp_resource_str(const lp_resource *r, const char *attr);
/* width and other whole-number attributes: LP_OK, or LP_ERR_NOT_FOUND. */
int lp_resource_int(const lp_resource *r, const char *attr, int64_t *out);
/* Any attribute's value as JSON (cty's encoding), appended to out:
 * LP_OK, LP_ERR_NOT_FOUND, LP_ERR_NOMEM. */
int lp_resource_attr_json(const lp_resource *r, const char *attr, lp_buf *out);
/* The block's text, trimmed (Powerpipe's source_definition). */
const char *lp_resource_source(const lp_resource *r);
/* Entry id's source definition, as lp_resource_source gives it once loaded, appended to out without
 * loading it (nor its children: a benchmark's text alone).  LP_OK; LP_ERR_STALE when its file
 * changed since the index; LP_ERR_IO, LP_ERR_NOMEM, LP_ERR_ARG.  Thread-safe like lp_load. */
int lp_entry_source(lp_workspace *ws, uint32_t id, lp_buf *out, lp_error *err);
uint32_t lp_resource_tag_count(const lp_resource *r);
void lp_resource_tag(const lp_resource *r, uint32_t i, const char **key, const char **value);
/* The tags as a JSON object, {"key":"value",...} in that order ({} when none), appended to out. */
void lp_resource_tags_json(const lp_resource *r, lp_buf *out);
/* `param` blocks, in source order.  description and default NULL when absent;
 * default as Powerpipe keeps it: a string as it is, anything else as JSON. */
uint32_t lp_resource_param_count(const lp_resource *r);
void lp_resource_param(const lp_resource *r, uint32_t i, const char **name, const char **description,
                       const char **default_value);
/* The params as a JSON array appended to out ([] when none): each Powerpipe's ParamDef, its
 * description and default null when absent; keys_sorted: "default", "description", "name" (a
 * dashboard's execution tree marshals them through a map), else the struct's own order ("name",
 * "description", "default": a detection run's document). */
void lp_resource_params_json(const lp_resource *r, lp_buf *out, int keys_sorted);
/* `args`: a list (name NULL) or a map (sorted by name); value as for a
 * param's default, NULL when it is only known at run time. */
uint32_t lp_resource_arg_count(const lp_resource *r);
int lp_resource_args_are_list(const lp_resource *r);
void lp_resource_arg(const lp_resource *r, uint32_t i, const char **name, const char **value);
/* The tree: a benchmark's children, a dashboard's or container's nested
 * blocks, in order.  Children live as long as the handle they came from
 * (they are never released themselves).  A resource reached twice in a tree
 * (a control under two benchmarks) is the same child object. */
uint32_t lp_resource_child_count(const lp_resource *r);
const lp_resource *lp_resource_child(const lp_resource *r, uint32_t i);
/* Bytes held by the handle's arena (the whole tree): what the cache counts. */
uint64_t lp_resource_bytes(const lp_resource *r);
/* `powerpipe <type> show NAME --output json`: one object, keys sorted (see
 * README for the fields left out).  Children are listed by name. */
int lp_resource_json(const lp_resource *r, lp_buf *out);
/* The `properties` Powerpipe's dashboard server gives a leaf or control run
 * (snapshot.GetAsSnapshotPropertyMap): the fields the resource's Go struct
 * tags `snapshot`, zero values left out, and `name` (the short name); keys
 * sorted.  LP_OK, LP_ERR_ARG, LP_ERR_NOMEM. */
int lp_resource_properties_json(const lp_resource *r, lp_buf *out);
/* Blocks that are no resource of their own, by type, in source order ("with",
 * a flow's, graph's or hierarchy's "node" and "edge", "series", ...): how
 * many; the i-th one's label (NULL: unlabelled), text (with, node, edge and
 * category blocks; else NULL), attribute as a string (a node's or edge's
 * `base` gives what it leaves unset), the full name eager Powerpipe gives a
 * node or edge (appended to out), and a node's or edge's snapshot
 * `properties` (its short name and category). */
uint32_t lp_resource_block_count(const lp_resource *r, const char *type);
const char *lp_resource_block_label(const lp_resource *r, const char *type, uint32_t i);
const char *lp_resource_block_source(const lp_resource *r, const char *type, uint32_t i);
const char *lp_resource_block_str(const lp_resource *r, const char *type, uint32_t i, const char *attr);
int lp_resource_block_name(const lp_resource *r, const char *type, uint32_t i, lp_buf *out);
int lp_resource_block_properties_json(const lp_resource *r, const char *type, uint32_t i, lp_buf *out);

/* ----------------------------------------------------------- values */
/* A read-only tree of typed values: objects (members in order, keys
 * NUL-terminated), lists, strings, numbers, bools and nulls.  A program reads
 * a document's values here rather than parsing the JSON the library writes:
 * lp_resource_json is this very tree written as JSON.
 *
 * OWNERSHIP.  The root a function hands out is the caller's; lp_value_free
 * frees it with every value and string inside it (only roots are freed; NULL
 * is ignored).  Pointers into it stay valid until then.  A resource's
 * document borrows strings from the resource: free it before
 * lp_resource_release.  THREADS: immutable, so any number of threads may
 * read one tree at once. */
typedef struct lp_value lp_value;
typedef enum lp_value_type {
    LP_VALUE_NULL, LP_VALUE_BOOL, LP_VALUE_NUMBER, LP_VALUE_STRING, LP_VALUE_LIST, LP_VALUE_OBJECT,
} lp_value_type;
/* NULL (an absent member) reads as LP_VALUE_NULL. */
lp_value_type lp_value_type_of(const lp_value *v);
/* A string's bytes, a number's decimal text as the JSON writes it, a bool's
 * "true" or "false": NUL-terminated, *len (when not NULL) its length.  NULL
 * (and 0) for null, a list or an object. */
const char *lp_value_str(const lp_value *v, size_t *len);
/* Items of a list, members of an object (0 for anything else). */
uint32_t lp_value_count(const lp_value *v);
const lp_value *lp_value_at(const lp_value *v, uint32_t i);   /* NULL past the end */
const char *lp_value_key(const lp_value *v, uint32_t i);      /* an object member's key */
/* An object's member by key (the first of that key), NULL when none. */
const lp_value *lp_value_get(const lp_value *v, const char *key);
void lp_value_free(lp_value *v);

/* The document lp_resource_json writes (`show --output json`), as values:
 * the same members in the same order.  *out is the caller's (lp_value_free
 * before releasing r).  LP_OK, LP_ERR_ARG, LP_ERR_NOMEM (a value nested too
 * deep to write counts as no memory, as for lp_resource_json).
 * Thread-safe as the other readers of a pinned handle. */
int lp_resource_value(const lp_resource *r, lp_value **out);

typedef struct lp_cache_stats {
    uint64_t entries;            /* resources held */
    uint64_t bytes;              /* their arenas' bytes */
    uint64_t budget;             /* cache_budget */
    uint64_t max_entries;        /* cache_max_entries (0: no limit) */
    uint64_t pinned;             /* held resources currently pinned */
    uint64_t hits, misses, evictions;
    uint64_t loads;              /* resources materialised */
    uint64_t load_ns;            /* wall time of those loads */
    /* a workspace reopened from its image evaluates loads with the scope the
     * image carries (scope_images: 1 once taken); only an image without one
     * makes the loads open a resolved twin of the workspace (scope_builds) */
    uint64_t scope_builds, scope_images;
} lp_cache_stats;
void lp_cache_stats_get(lp_workspace *ws, lp_cache_stats *out);
/* Drop entry id (LP_NO_ENTRY: every entry) from the cache; a pinned
 * resource stays valid for its holders and is freed by its last release.
 * Not an eviction. */
void lp_cache_invalidate(lp_workspace *ws, uint32_t id);

/* The entry `powerpipe <kind> show NAME` means: NAME of 1, 2 or 3 parts
 * (x, kind.x, mod.kind.x), the main mod first for 1 and 2 parts.
 * LP_NO_ENTRY when none. */
uint32_t lp_resolve_target(const lp_workspace *ws, lp_kind kind, const char *name);

/* ------------------------------------------------------ database drivers
 *
 * Running a query goes through a driver: a table of four functions behind
 * which one database client library lives.  The drivers are not part of
 * liblazypipe.a, so a host that only indexes links no client library: each
 * is its own archive (liblazypipe-sqlite.a with -lsqlite3,
 * liblazypipe-postgres.a with -lpq, liblazypipe-duckdb.a with -ldl,
 * liblazypipe-mysql.a with -lmariadb; pkg-config lazypipe-sqlite /
 * lazypipe-postgres / lazypipe-duckdb / lazypipe-mysql) that
 * gives its table, and the host registers the ones it links with
 * lp_driver_register.  A driver sees only this header.
 *
 * Values cross the interface as text: a cell is its type and its canonical
 * text (an integer's decimal digits, a float as the database prints it,
 * "true"/"false", a JSON document's text, a string's bytes); NULL has type
 * LP_DB_NULL and text NULL.  Parameters are bound, never spliced into SQL:
 * `$1`, `$2`... in the statement, in SQLite, PostgreSQL and DuckDB; `?` in
 * MySQL (its own placeholders, which Powerpipe does not rewrite either). */

typedef enum lp_db_type {
    LP_DB_NULL = 0, LP_DB_BOOL, LP_DB_INT, LP_DB_FLOAT, LP_DB_TEXT, LP_DB_JSON,
    LP_DB_OTHER                 /* dates, times, bytes, arrays...: a string */
} lp_db_type;

typedef struct lp_db_col {
    const char *name;           /* a run's columns: unique, as Powerpipe makes them (original_name) */
    const char *type_name;      /* the database's name for it, upper case: "TEXT", "INT8", "JSONB" */
    lp_db_type type;
    /* NULL, or the name the database gave when that name was already a column's: name is then
     * NAME_XXXX (Powerpipe's unique name; tables and csv show the original, JSON both) */
    const char *original_name;
} lp_db_col;

typedef struct lp_db_cell {
    lp_db_type type;
    const char *text;           /* NUL-terminated; NULL for LP_DB_NULL */
    size_t len;
} lp_db_cell;

/* A bound parameter: type LP_DB_TEXT (PostgreSQL infers the type from the
 * statement, as for an untyped literal), LP_DB_INT, LP_DB_FLOAT, LP_DB_BOOL,
 * LP_DB_JSON (a list or object, as JSON text) or LP_DB_NULL. */
typedef struct lp_db_param {
    lp_db_type type;
    const char *text;
    size_t len;
} lp_db_param;

/* A cell as a JSON value, appended to b: null, true/false, a number as its text when that
 * is a JSON number, a JSON document as it is, anything else (and NaN, Infinity, SQLite's Inf,
 * DuckDB's inf) as a string: never invalid JSON. */
void lp_json_cell(lp_buf *b, const lp_db_cell *c);

/* A cell of a column of type type_name (lp_db_col.type_name) as Powerpipe shows it, appended to b:
 * LP_CELL_TEXT as query run's table, csv and line print it (nothing for NULL: the caller prints its
 * own null text), LP_CELL_JSON as query run's --output json, LP_CELL_DATA as a snapshot's and the
 * server's rows hold it.  PostgreSQL's types as pgx gives them to Powerpipe: DATE "2024-01-02
 * 00:00:00" (data: "2024-01-02T00:00:00Z"), TIMESTAMP without its fraction (data: RFC 3339),
 * TIMESTAMPTZ as Go prints a time in the local zone, NUMERIC a JSON string, FLOAT4/FLOAT8 as Go
 * formats a float64; MySQL's (go-sql-driver's names) as Powerpipe's mysqlReadCell reads them: DECIMAL,
 * DOUBLE a float64, FLOAT a float32, DATETIME a UTC time.Time ("2024-01-02 03:04:05.5 +0000 UTC"); any
 * other cell as lp_json_cell (text: as it is).  Rules: src/base/cellfmt.c. */
typedef enum lp_cell_how { LP_CELL_TEXT, LP_CELL_JSON, LP_CELL_DATA } lp_cell_how;
void lp_cell_render(lp_buf *b, const char *type_name, const lp_db_cell *c, lp_cell_how how);

/* Where the rows of one statement go, as they arrive.  columns is called once
 * before any row (also for a statement that returns none); the pointers are
 * valid during the call only.  A nonzero return stops the statement: exec
 * returns LP_ERR_CANCELLED. */
typedef struct lp_db_sink {
    void *user;
    int (*columns)(void *user, const lp_db_col *cols, uint32_t ncols);
    int (*row)(void *user, const lp_db_cell *cells, uint32_t ncols);
} lp_db_sink;

/* A parsed database address.  url is what the user gave; path the SQLite or
 * DuckDB file (sqlite://rel/path.db is relative to the current directory,
 * sqlite:///abs/path.db absolute; duckdb:// alike); conninfo the libpq
 * connection string, or for mysql what follows "mysql://" (go-sql-driver's DSN,
 * user:pass@tcp(host:port)/db?params). */
typedef struct lp_db_target {
    const char *url;
    const char *scheme;         /* "sqlite", "postgres" (postgresql:// gives "postgres"), "duckdb", "mysql",
                                 * "tailpipe" */
    const char *path;           /* sqlite, duckdb; tailpipe: what follows tailpipe:// */
    const char *conninfo;       /* postgres, mysql */
    const char *search_path;    /* postgres: "a,b" or NULL */
    const char *search_path_prefix;
    /* Connecting: give up after connect_timeout_ms (0: the driver's default, or the connection
     * string's own connect_timeout), and as soon as stop(stop_user) returns non-zero (asked from
     * the connecting thread every 100 ms at most; NULL: never), with LP_ERR_CANCELLED. */
    int connect_timeout_ms;
    int (*stop)(void *stop_user);
    void *stop_user;
} lp_db_target;

typedef struct lp_db_conn lp_db_conn;

typedef struct lp_driver {
    const char *name;                   /* "sqlite", "postgres", "duckdb", "mysql" */
    const char *const *schemes;         /* NULL-terminated URL schemes it serves */
    /* One connection; used by one thread at a time.  LP_ERR_DB with the
     * database's message when it cannot connect. */
    int (*connect)(const lp_db_target *t, lp_db_conn **out, lp_error *err);
    /* Run one statement with its parameters and stream its rows to sink.
     * timeout_ms 0: none; past it LP_ERR_TIMEOUT.  LP_ERR_DB carries the
     * database's message; LP_ERR_CANCELLED after cancel or a sink's stop. */
    int (*exec)(lp_db_conn *c, const char *sql, const lp_db_param *params, uint32_t nparams,
                const lp_db_sink *sink, int timeout_ms, lp_error *err);
    /* From any thread, while exec runs (or not): the statement is stopped
     * on the database's side and exec returns LP_ERR_CANCELLED.  Sticky:
     * every later exec on the connection returns LP_ERR_CANCELLED too (so a
     * cancel that lands just before exec is not lost); close it after.  Not
     * concurrently with close. */
    void (*cancel)(lp_db_conn *c);
    void (*close)(lp_db_conn *c);
    /* After exec failed with LP_ERR_DB: 1 when the connection still works and is
     * made ready for the next statement (a transaction left open is rolled
     * back), 0 when it is lost (the server closed it, the client library's
     * own error): close it then.  A statement's error is not a lost
     * connection, so a run keeps the connection, as Go's database/sql and
     * pgx's pool do.  NULL: every failed statement closes its connection. */
    int (*reset)(lp_db_conn *c);
} lp_driver;

/* In liblazypipe-sqlite.a and liblazypipe-postgres.a respectively. */
const lp_driver *lp_driver_sqlite(void);
const lp_driver *lp_driver_postgres(void);
/* In liblazypipe-duckdb.a (-ldl only): it loads libduckdb.so at its first connect
 * ($LAZYPIPE_DUCKDB_LIB, <prefix>/lib/lazypipe, .deps/duckdb of a build tree, the
 * system's); without it connect is LP_ERR_DB "DuckDB is not available: ...". */
const lp_driver *lp_driver_duckdb(void);
/* In liblazypipe-mysql.a (-lmariadb: MariaDB Connector/C): MySQL and MariaDB servers,
 * mysql:// connection strings (go-sql-driver's DSN after the scheme, as Powerpipe takes them). */
const lp_driver *lp_driver_mysql(void);

/* Make a driver available to runs (process-wide, up to 16; registering one
 * twice is harmless).  LP_ERR_ARG when the table is full. */
int lp_driver_register(const lp_driver *d);
/* Parse a connection string ("postgres://...", "postgresql://...",
 * "sqlite://path", "sqlite:///abs/path", "duckdb://path", "duckdb:///abs",
 * "mysql://user@tcp(host:port)/db", "tailpipe:///data/dir?from=T&index=I" (a Tailpipe data
 * directory, percent-encoded, served by the DuckDB driver); anything else is LP_ERR_ARG naming
 * the backend) and find its registered driver (LP_ERR_NOT_FOUND: "no driver for sqlite is
 * linked").
 * The target's strings live in *store until lp_buf_free. */
int lp_db_parse(const char *url, lp_db_target *out, lp_buf *store, const lp_driver **driver, lp_error *err);

/* ----------------------------------------------------------- connections
 *
 * Powerpipe's connections: `connection "TYPE" "NAME" { ... }` blocks in the
 * *.ppc files of the config path, referred to as connection.TYPE.NAME (by
 * --database, and by a mod's or resource's `database`).  Types and their
 * attributes (pipe-fittings' connection structs): steampipe and postgres
 * (connection_string, or host, port, db, username, password, sslmode; and
 * search_path, search_path_prefix: lists of schemas), sqlite and duckdb
 * (file_name), mysql (connection_string, or host, port, db, username,
 * password), tailpipe (from, to, indexes, partitions: parsed, and a run that
 * uses one fails naming Tailpipe, as lazypipe does not run `tailpipe
 * connect`); ttl and a `pipes` block for all.  steampipe defaults to
 * localhost:9193, db and user steampipe; postgres to localhost:5432, db and
 * user postgres.  Every type has a built-in TYPE.default (steampipe.default
 * is postgres://steampipe@127.0.0.1:9193/steampipe) that a file may
 * redefine.  mysql defaults to localhost:3306, db mysql, user root, and
 * gives mysql://USER[:PASSWORD]@tcp(HOST:PORT)/DB, as pipe-fittings builds it.
 *
 * The config path (Powerpipe's): config_path, else $POWERPIPE_CONFIG_PATH,
 * else ".:$POWERPIPE_INSTALL_DIR/config" (install dir default
 * ~/.powerpipe); ':'-separated, highest precedence first; "." is the mod
 * directory, "~" is $HOME, a relative path is against the current
 * directory; a directory that does not exist holds no files.  Only the
 * directory's own *.ppc files are read (sorted); a connection defined again
 * (later file, higher-precedence directory) replaces the earlier one.
 *
 * Errors: any problem in a file fails the load with LP_ERR_SYNTAX and
 * "Failed to load Powerpipe config: FILE:LINE:COL: SUMMARY: DETAIL" (an
 * unknown type is "error creating connection: Invalid connection type X",
 * an unknown attribute "Unsupported argument: ..."); LP_ERR_IO for a file or
 * directory that cannot be read; LP_ERR_NOMEM.
 *
 * An lp_config is immutable once loaded: any number of threads may read it;
 * its strings live until lp_config_free. */

typedef struct lp_config lp_config;

typedef struct lp_connection {
    const char *type;               /* "steampipe", "postgres", "sqlite", "duckdb", "mysql" */
    const char *name;
    const char *url;                /* its connection string (Powerpipe's GetConnectionString) */
    const char *search_path;        /* steampipe, postgres: "a,b"; NULL when unset */
    const char *search_path_prefix;
    const char *file;               /* "" for a built-in TYPE.default */
    uint32_t line, col;             /* of the block */
    int pipes;                      /* a `pipes` block: a Turbot Pipes connection (not runnable) */
} lp_connection;

int lp_config_load(const char *config_path, const char *mod_dir, lp_config **out, lp_error *err);
/* An empty table (no built-in defaults) and one file's text added to it,
 * named `name` in messages (tests, fuzzing, hosts that keep their own
 * files).  lp_config_parse fails as lp_config_load does; connections added
 * before the error stay. */
lp_config *lp_config_new(void);
int lp_config_parse(lp_config *cfg, const char *name, const char *src, size_t len, lp_error *err);
void lp_config_free(lp_config *cfg);
uint32_t lp_config_connection_count(const lp_config *cfg);
const lp_connection *lp_config_connection_at(const lp_config *cfg, uint32_t i);
/* "connection.TYPE.NAME" (or "TYPE.NAME"), or NULL when there is none. */
const lp_connection *lp_config_find(const lp_config *cfg, const char *ref);

/* Workspace profiles: `workspace "NAME" { ... }` blocks of the same files
 * (pipe-fittings' PowerpipeWorkspaceProfile).  Each attribute is checked
 * against the profile's fields and kinds (an unknown one is "Unsupported
 * argument", a wrong kind "Incorrect attribute value type") and kept as
 * text: a string as is, a number in decimal, a bool as "true"/"false".
 * `base = workspace.OTHER` copies OTHER's attributes the profile does not
 * set (OTHER defined earlier in load order).  A profile defined again
 * replaces the earlier one, as connections do.  The host applies them (the
 * CLI's precedence: flag > environment > profile > default). */
typedef struct lp_profile_attr {
    const char *name;               /* "max_parallel" */
    const char *value;              /* "16", "true", "aws,azure" */
    char kind;                      /* 's' string, 'i' whole number, 'b' bool */
} lp_profile_attr;

typedef struct lp_workspace_profile {
    const char *name;
    const char *file;
    uint32_t line, col;             /* of the block */
    const lp_profile_attr *attrs;
    uint32_t nattrs;
} lp_workspace_profile;

uint32_t lp_config_profile_count(const lp_config *cfg);
const lp_workspace_profile *lp_config_profile_at(const lp_config *cfg, uint32_t i);
/* The profile named name, or NULL. */
const lp_workspace_profile *lp_config_profile_find(const lp_config *cfg, const char *name);
/* Its attribute's text, or NULL when the profile does not set it. */
const char *lp_profile_get(const lp_workspace_profile *p, const char *attr);

/* ------------------------------------------------------------------ runs
 *
 * A run executes what a workspace holds: a query (by name or raw SQL), one
 * or more controls, or benchmarks, against a database through a registered
 * driver.  It loads each resource it needs on demand (lp_load), resolves its
 * arguments (Powerpipe's rules: --arg, the control's args, param defaults),
 * runs the statements on up to max_parallel connections and keeps a tree of
 * nodes with their results.  The run pins the workspace it was started on
 * until lp_run_free: the caller may lp_close it (or lp_live_release the
 * version) while the run goes on, and the run's lp_run_free then frees it.
 *
 * Errors: a node that fails (connection, SQL error, timeout, out of memory,
 * unresolved args) has state LP_NODE_ERROR with its message; the run goes
 * on with the other nodes.  lp_run_start itself fails only when nothing can
 * run (no such target, no driver for the database, bad options).
 *
 * Threads: the run's workers call on_event; node readers may be used from
 * any thread once the node's completion was reported (or after lp_run_wait). */

typedef struct lp_run lp_run;
typedef struct lp_run_node lp_run_node;

typedef enum lp_node_type {
    LP_NODE_ROOT,               /* the run: its children are what was asked for */
    LP_NODE_BENCHMARK,          /* a result group */
    LP_NODE_CONTROL,
    LP_NODE_QUERY,              /* a query run: columns and rows, no statuses */
    /* a dashboard run (Powerpipe's execution tree): */
    LP_NODE_DASHBOARD,          /* the dashboard, or one nested in it */
    LP_NODE_CONTAINER,
    LP_NODE_PANEL,              /* card, chart, table, input, text, image, flow, graph, hierarchy, and the
                                 * runs below them: `with`, `node`, `edge` (lp_node_panel_type) */
    /* a detection run (Powerpipe's DetectionBenchmarkRun and DetectionRun): */
    LP_NODE_DETECTION_BENCHMARK,    /* a detection benchmark, or one nested in it (panel type "benchmark") */
    LP_NODE_DETECTION               /* a detection: its rows are its data (panel type "detection") */
} lp_node_type;

typedef enum lp_node_state {
    LP_NODE_READY, LP_NODE_RUNNING, LP_NODE_COMPLETE, LP_NODE_ERROR,
    LP_NODE_BLOCKED             /* a dashboard panel waiting for an input no one gave a value */
} lp_node_state;

/* A control's result row status, in Powerpipe's summary order. */
typedef enum lp_result_status {
    LP_RES_OK, LP_RES_ALARM, LP_RES_INFO, LP_RES_SKIP, LP_RES_ERROR, LP_RES__COUNT
} lp_result_status;
const char *lp_result_status_name(lp_result_status s);   /* "ok", "alarm", ... */

typedef enum lp_run_event_type {
    LP_EV_RUN_STARTED,          /* node: the root */
    LP_EV_NODE_COMPLETE,        /* a control or query finished (complete or error), in tree order; a
                                 * dashboard's panels as each finishes (complete, error or blocked); a
                                 * detection run's detections and their withs in tree order */
    LP_EV_RUN_COMPLETE,         /* node: the root; every node is final */
    LP_EV_NODE_RUNNING          /* a dashboard's panel whose query starts (lp_run_opts.running_events
                                 * only), before its LP_EV_NODE_COMPLETE; not a panel whose rows a
                                 * reused or shared run gave */
} lp_run_event_type;

typedef struct lp_run_event {
    lp_run_event_type type;
    const lp_run_node *node;
} lp_run_event;

typedef struct lp_run_opts {
    const char *database;       /* connection string or connection.TYPE.NAME.  Powerpipe's precedence: a
                                 * resource's `database` (else its query's, its parent benchmark's),
                                 * else a dependency mod's, else this, else the main mod's, else
                                 * connection.steampipe.default.  An unknown connection fails the start
                                 * ("connection 'connection.x.y' not found"); in a resource or mod, the
                                 * node errs with that message.  PostgreSQL's search path: the chosen
                                 * connection's, unless the resource (or a parent) sets search_path or
                                 * search_path_prefix */
    const char *search_path;    /* PostgreSQL: "a,b", the search path of every connection instead of the
                                 * connection's own (Powerpipe's --search-path); a resource's own
                                 * search_path still wins.  NULL: the connection's.  Read at the start */
    const char *search_path_prefix;   /* the same for search_path_prefix */
    const char *config_path;    /* the config path of the connections (see "connections"); NULL:
                                 * $POWERPIPE_CONFIG_PATH, else .:$POWERPIPE_INSTALL_DIR/config.  A bad
                                 * file fails lp_run_start with lp_config_load's error */
    const lp_config *config;    /* the connections already loaded (lp_config_load for this workspace's
                                 * directory and config path), read instead of loading config_path
                                 * again; the caller keeps it until the run is freed.  NULL: loaded */
    const char *const *args;    /* "name=value" or "value" (positional), as --arg gives them */
    uint32_t nargs;
    const char *const *tags;    /* "key=value" / "key!=value": a control runs when it matches all */
    uint32_t ntags;
    const char *where;          /* a control or benchmark run: Powerpipe's --where, one comparison
                                 * of a control's show-data field ("severity = 'high'", "name like
                                 * 'c%'", "title in ('a','b')"); NULL or "": none.  A clause that
                                 * does not parse or convert fails lp_run_start with Powerpipe's
                                 * message.  Read by lp_run_start only */
    uint32_t max_parallel;      /* connections; 0: 10 */
    int query_timeout_ms;       /* per statement; 0: 300 s; < 0: none */
    int dry_run;                /* build the tree, run nothing (every control stays READY) */
    int running_events;         /* a dashboard run: LP_EV_NODE_RUNNING as each panel's query starts
                                 * (Powerpipe's server sends a leaf's "running" status) */
    int discard_rows;           /* free a control's rows after its LP_EV_NODE_COMPLETE (streaming sinks);
                                 * its summary stays */
    const char *const *inputs;  /* a dashboard's input values: "name=value" or "input.name=value"; a
                                 * dashboard run also takes args ("name=value") as inputs, as Powerpipe's
                                 * `dashboard run --arg` does.  Copied by lp_run_start */
    uint32_t ninputs;
    const char *time_from;      /* a dashboard's time range (Powerpipe's datetime_range): RFC 3339, or */
    const char *time_to;        /* any time a Tailpipe connection's `from` takes.  Every Tailpipe connection
                                 * of the run lays it over its from/to as Powerpipe's override filters
                                 * (docs/configuration.md, Tailpipe); other connections ignore it.  NULL:
                                 * none.  Copied by lp_run_start */
    void (*on_event)(void *user, const lp_run_event *ev);   /* from the run's threads, one at a time */
    void *user;
    /* Results to take instead of querying: the complete leaves of these earlier runs (complete,
     * or still running: the leaves complete at the start count).  Just before a leaf would query,
     * its key is computed — its node type, the database it uses (the resolved connection with its
     * search path), its final SQL and every bound value (args, params, with rows and inputs are
     * bound) — and when a leaf of these runs had an equal key, the node takes its rows (shared,
     * reference counted, never copied) and completes without a query; its events are those of a
     * queried node (lp_node_reused tells).  Read by lp_run_start only: the array and the runs
     * need not outlive it (each taken result is retained by the new run), but none of them may
     * be freed during it.  Runs with discard_rows give nothing.  The data are those of the
     * earlier query: the caller decides how fresh is fresh enough. */
    const lp_run *const *reuse;
    uint32_t nreuse;
    /* Statements in flight shared with other runs given the same object (lp_run_share_new): a leaf
     * about to query a key (as above) that a worker of another run is querying now waits for that
     * statement and takes its rows (lp_node_reused tells, lp_run_stats.shared counts) instead of
     * querying; when that statement fails or its run is cancelled, the waiting leaf queries itself
     * (one run's cancel never fails another's leaf); a waiting leaf whose own run is cancelled
     * stops waiting at once ("cancelled").  A run never waits for its own statements.  NULL: none. */
    struct lp_run_share *share;
    /* A query run (lp_run_sql, or one query or control run as LP_KIND_QUERY), and every leaf of a
     * dashboard or detection run but its `with` runs (their rows are read by the panels below): its
     * rows handed to these as they arrive, from the worker running it (several leaves at once, each
     * from one thread at a time), instead of kept, so a result of any size runs in bounded memory.
     * on_columns once before any row, with the columns as lp_node_column gives them (unique names,
     * original_name); on_row per row, cells as lp_node_row would give them (a JSON cell holding
     * one string is that string).  Pointers live during the call only.  A nonzero return stops
     * the statement (the node errs).  The node keeps its columns, has no rows (lp_node_row_count
     * 0; the caller counts them), is neither reused nor shared, and a snapshot of the run has
     * "rows":[] unless lp_run_snapshot_write is given them back (lp_rows_source).  A failure
     * after some rows were handed over leaves the node LP_NODE_ERROR: the caller decides what to
     * do with what it got.  NULL: rows kept. */
    int (*on_columns)(void *user, const lp_run_node *n, const lp_db_col *cols, uint32_t ncols);
    int (*on_row)(void *user, const lp_run_node *n, const lp_db_cell *cells, uint32_t ncols);
} lp_run_opts;

/* The object runs share their statements in flight through (lp_run_opts.share), made by the host,
 * thread-safe: give it to any number of runs, started from any threads.  lp_run_share_free once
 * every run given it was freed (lp_run_free).  NULL from lp_run_share_new: out of memory. */
typedef struct lp_run_share lp_run_share;
lp_run_share *lp_run_share_new(void);
void lp_run_share_free(lp_run_share *share);
/* One pool of database connections for every run given share, at most max_connections open at
 * once whatever the number of runs (a run's max_parallel still bounds its own): a worker takes one
 * for a statement and gives it back after it; idle ones stay open for the next statement to the
 * same database until lp_run_share_trim.  A database's connection limit is back-pressure: the pool
 * shrinks to what is open for a while instead of failing statements.  0 (the default): no pool,
 * each run opens its own.  Set it before the first run is given share. */
void lp_run_share_set_pool(lp_run_share *share, uint32_t max_connections);
/* With a pool, at most max_runs runs given share have started their workers (threads) at once; a
 * later run waits for one of them to end, oldest first, owning no thread (its tree only), and
 * starts then: its leaves are not final, and its statements not sent, until it has a place (a run
 * queued and cancelled, or freed, starts at once to end as cancelled).  A run started 2 s ago or
 * more counts no more (looked at as runs start and end, and by lp_run_share_trim), so runs with slow
 * statements do not hold every place while the pool has connections to spare.
 * lp_run_share_set_pool sets it to max_connections / 3, at least 2 (call this after it; any thread,
 * any time: a higher bound starts the runs waiting now); 0: no bound.  Without a pool, runs are
 * never queued.  A queued run's events (LP_EV_RUN_STARTED aside) come from its own threads once
 * it started. */
void lp_run_share_set_admit(lp_run_share *share, uint32_t max_runs);
/* Rows of a finished statement stay shared for keep_ms: a later run's leaf with an equal key (as
 * for lp_run_opts.reuse) takes them instead of querying while they are younger than that.  0 (the
 * default): only statements in flight are shared. */
void lp_run_share_set_keep(lp_run_share *share, uint32_t keep_ms);
/* Drops kept rows past keep_ms and closes connections idle for idle_ms or longer (a host calls it
 * from time to time), and starts the runs waiting for a place that runs admitted 2 s ago or more
 * held (lp_run_share_set_admit); returns the connections still open. */
uint32_t lp_run_share_trim(lp_run_share *share, uint32_t idle_ms);
typedef struct lp_run_share_stats {
    uint32_t open, idle, peak;  /* the pool's connections: open now, of them idle, most open at once */
    uint32_t kept;              /* results kept (lp_run_share_set_keep) */
} lp_run_share_stats;
void lp_run_share_get_stats(lp_run_share *share, lp_run_share_stats *out);

/* Start running targets of kind LP_KIND_QUERY, LP_KIND_CONTROL,
 * LP_KIND_BENCHMARK, LP_KIND_DASHBOARD, LP_KIND_DETECTION or
 * LP_KIND_DETECTION_BENCHMARK (names of 1, 2 or 3 parts as
 * lp_resolve_target takes them; "all" for every top-level benchmark, or
 * every control of the main mod for LP_KIND_CONTROL).  Returns at once;
 * lp_run_wait waits.
 *
 * A dashboard (one target) runs as Powerpipe's execution tree: the root's
 * child is the dashboard node; below it containers, panels, nested
 * dashboards, benchmarks and controls in order, and below a panel its
 * `with` runs and (flow, graph, hierarchy) its node and edge runs.  Every
 * panel with a query runs, in parallel up to max_parallel, once what it
 * reads is there: the `with` runs its args read (with.x.rows...), the
 * inputs (self.input.x.value), the params (param.x, from its parent's
 * args).  A panel whose dependency failed fails with that error; one
 * reading an input without a value stays LP_NODE_BLOCKED.  Panels without
 * a query are complete from the start; a graph of node and edge blocks
 * completes with them, its data theirs.  Before anything runs, the
 * workspace is checked as Powerpipe's parse validates it: a query or
 * control without SQL, a nested panel without a query ("does not define a
 * query or SQL"), a nested flow/graph/hierarchy without query, nodes or
 * edges fail the start (LP_ERR_ARG).
 *
 * A detection (LP_KIND_DETECTION) or a detection benchmark
 * (LP_KIND_DETECTION_BENCHMARK: a `benchmark` block of type "detection" or
 * a `detection_benchmark` block), one target, runs the same way as
 * Powerpipe's execution tree runs it: the root's child is the target's
 * node; a LP_NODE_DETECTION_BENCHMARK has its detection benchmarks and
 * detections in order below it (any other child fails the start, "invalid
 * child type"); a LP_NODE_DETECTION is a leaf that runs its query (args,
 * params, `with` runs and the database by the same precedence as a
 * control's), its rows its data.  LP_EV_NODE_COMPLETE reports the
 * detections (and their `with` runs, each before its detection) in tree
 * order, as a check run reports its controls, whichever finished first; a
 * detection benchmark's state is its children's (error when one failed).
 * lp_run_snapshot_json gives the run's snapshot. */
int lp_run_start(lp_workspace *ws, lp_kind kind, const char *const *targets, uint32_t ntargets,
                 const lp_run_opts *opts, lp_run **out, lp_error *err);
/* A dashboard or detection run's fingerprint: one hash of what its tree shows and executes, made
 * by lp_run_start as it built the tree: each node's name, type and place; its resource's or with,
 * node or edge block's text, properties, SQL, query, args, params, database and search paths, and
 * those of each query it names; the variables the dashboard lists.  Two runs of equal fingerprints
 * announce the same panels and run the same statements given the same options: the run's options
 * (database, search path, inputs) are not in it.  A benchmark in a dashboard counts as its node
 * alone (its controls load as they run).  LP_OK; LP_ERR_STALE when a query its leaves name changed
 * since the version was indexed (*out then says nothing); LP_ERR_ARG for another kind of run. */
int lp_run_fingerprint(const lp_run *run, uint64_t *out);
/* The fingerprint a run of target (a dashboard, detection or detection benchmark) would have in ws,
 * its tree built as lp_run_start builds it, with nothing run and no database looked at.  LP_OK;
 * lp_run_start's errors for a tree that cannot be built (LP_ERR_NOT_FOUND, LP_ERR_STALE when the
 * target's file changed since the index, LP_ERR_ARG...); LP_ERR_STALE as lp_run_fingerprint. */
int lp_run_tree_fingerprint(lp_workspace *ws, lp_kind kind, const char *target, uint64_t *out,
                            lp_error *err);
/* What a dashboard (benchmark, detection...) lets a page offer, as Powerpipe's server tells its UI
 * (determineBackendSupport, the `dashboard_metadata` message): LP_SUPPORTS_TIME_RANGE when a
 * resource of its tree sets a `database` that is a Tailpipe connection, LP_SUPPORTS_SEARCH_PATH
 * when one is a Steampipe or PostgreSQL connection (or a postgres:// string); when no resource of the
 * tree sets one, what the default database (opts->database, else the main mod's...) offers.  Only a
 * resource's own `database` counts, as Powerpipe's walk reads it.  LP_OK; LP_ERR_NOT_FOUND (no such
 * resource), lp_run_start's errors for a bad config or mod database.  target NULL: what the default
 * database offers (Powerpipe's `server_metadata`). */
#define LP_SUPPORTS_SEARCH_PATH 1u
#define LP_SUPPORTS_TIME_RANGE 2u
int lp_run_backend_support(lp_workspace *ws, const char *target, const lp_run_opts *opts, unsigned *out,
                           lp_error *err);
/* Whether a --where clause (lp_run_opts.where) parses and converts: LP_OK (also for NULL or ""),
 * else LP_ERR_ARG with Powerpipe's message, as lp_run_start would fail. */
int lp_where_check(const char *where, lp_error *err);
/* A raw SQL query (`powerpipe query run "select ..."`), no args. */
int lp_run_sql(lp_workspace *ws, const char *sql, const lp_run_opts *opts, lp_run **out, lp_error *err);
/* LP_OK when the run is complete, LP_ERR_TIMEOUT when timeout_ms (< 0: forever) passed first. */
int lp_run_wait(lp_run *run, int timeout_ms);
/* Stop every statement (on the database's side) and every node not yet
 * run; the run completes soon after with those nodes in LP_NODE_ERROR
 * ("cancelled").  Any thread, also from on_event. */
void lp_run_cancel(lp_run *run);
void lp_run_free(lp_run *run);

const lp_run_node *lp_run_root(const lp_run *run);
/* How the run's leaves were answered so far (any thread, any time): leaves in the tree, statements
 * sent to a database, results taken from opts.reuse or opts.share; reusable: distinct results it was
 * given. */
typedef struct lp_run_stats {
    uint32_t leaves, queried, reused, reusable;
    uint32_t shared;            /* of reused: rows of a statement another run had in flight (opts.share) */
} lp_run_stats;
void lp_run_get_stats(const lp_run *run, lp_run_stats *out);
uint64_t lp_run_start_time_ms(const lp_run *run);   /* Unix ms */
uint64_t lp_run_end_time_ms(const lp_run *run);     /* 0 while running */

/* Nodes.  Strings live as long as the run.  A control reached under two
 * benchmarks is two nodes (Powerpipe reports it under each). */
lp_node_type lp_node_get_type(const lp_run_node *n);
const char *lp_node_name(const lp_run_node *n);          /* full name; "" for the root; raw SQL:
                                                          * "<mod>.query.command_line_query" */
const char *lp_node_str(const lp_run_node *n, const char *attr);   /* title, description, severity,
                                                                    * documentation, sql; NULL: absent */
uint32_t lp_node_tag_count(const lp_run_node *n);
void lp_node_tag(const lp_run_node *n, uint32_t i, const char **key, const char **value);  /* sorted */
/* The tags as a JSON object, {"key":"value",...} in that order ({} when none), appended to out. */
void lp_node_tags_json(const lp_run_node *n, lp_buf *out);
const lp_run_node *lp_node_parent(const lp_run_node *n);
uint32_t lp_node_child_count(const lp_run_node *n);
const lp_run_node *lp_node_child(const lp_run_node *n, uint32_t i);
lp_node_state lp_node_get_state(const lp_run_node *n);
const char *lp_node_error(const lp_run_node *n);         /* NULL unless LP_NODE_ERROR */
/* Its error's lp_status where the run knows it (LP_ERR_STALE: a file it loads changed since the
 * run's version was indexed, also through a dependency; LP_ERR_DB, LP_ERR_CANCELLED, ...), else
 * LP_ERR_EVAL; LP_OK unless LP_NODE_ERROR. */
int lp_node_error_code(const lp_run_node *n);
uint64_t lp_node_duration_ns(const lp_run_node *n);
/* 1: its rows were taken from an earlier run (lp_run_opts.reuse), no statement ran */
int lp_node_reused(const lp_run_node *n);
/* Result counts of a control, or summed over a group's controls. */
void lp_node_summary(const lp_run_node *n, uint32_t counts[LP_RES__COUNT]);
/* Columns and rows as the database gave them (controls and queries). */
uint32_t lp_node_column_count(const lp_run_node *n);
const lp_db_col *lp_node_column(const lp_run_node *n, uint32_t i);
uint32_t lp_node_row_count(const lp_run_node *n);
const lp_db_cell *lp_node_row(const lp_run_node *n, uint32_t row);   /* column_count cells */
/* A control's row: its status, and the column index of reason / resource
 * (-1: none); every other column is a dimension. */
lp_result_status lp_node_row_status(const lp_run_node *n, uint32_t row);
int lp_node_column_index(const lp_run_node *n, const char *name);

/* Dashboard runs.  A panel's Powerpipe type ("card", "with", "node",
 * "dashboard", "container", ...; "query" for a query run's node; "" for other nodes), and its run name
 * (lp_node_name: a dashboard's own input is "<dashboard>.input.<name>", a
 * with "<parent>.with.<name>"). */
const char *lp_node_panel_type(const lp_run_node *n);
/* The resource a dashboard or detection run's node runs (loaded, held by the
 * run until lp_run_free; a with, node or edge run: the resource whose block
 * it is); NULL for the root, raw SQL and a check run's nodes (loaded only
 * while they run). */
const lp_resource *lp_node_resource(const lp_run_node *n);
/* A node as the snapshot's panel (Powerpipe's LeafRun / DashboardRun /
 * ContainerRun JSON, keys sorted: dashboard, data {columns, rows},
 * dependencies, display_type, name, panel_type, properties, status,
 * title, width...), appended to out.  Any thread once the node is final.
 * LP_OK, LP_ERR_NOMEM. */
int lp_node_panel_json(const lp_run_node *n, lp_buf *out);
/* The variables a run of `dashboard` (loaded) depends on, as Powerpipe's
 * snapshot and execution events carry them: a JSON object of the variables
 * the dashboard's children (and their containers', recursively) reference,
 * keyed by name ("<mod>.<name>" for a dependency mod's), each value the
 * variable's value as a string (Powerpipe's CtyToString: a list as
 * "['a',1]", a number as an integer, an object as JSON; "" for none); keys
 * sorted.  Appended to out ("{}" when none).  Any thread.  LP_OK,
 * LP_ERR_ARG, LP_ERR_NOMEM, or the status of reading the variables. */
int lp_resource_variables_json(lp_workspace *ws, const lp_resource *dashboard, lp_buf *out);
/* The whole run as Powerpipe's snapshot (.pps: schema_version, panels,
 * layout, inputs, variables, start_time, end_time, metadata), compact; of a
 * query run (one query), the query's snapshot as `powerpipe query run
 * --output snapshot` prints it: the query wrapped in a dashboard
 * "custom.dashboard.sql_<hash of its SQL>" whose one panel, the table
 * "custom.table.results", holds its rows; of a
 * benchmark run (one target), the snapshot Powerpipe's server sends in
 * execution_complete: the CheckRun, the ResultGroups with a control below
 * them and the ControlRuns (lp_node_control_json) with their results.
 * After lp_run_wait.  LP_OK, LP_ERR_ARG (neither a dashboard, a detection, a
 * benchmark nor a query run), LP_ERR_NOMEM. */
int lp_run_snapshot_json(const lp_run *run, lp_buf *out);
/* lp_run_snapshot_json streamed: the document handed to write in pieces (of about 64 KiB, a row
 * at most more), in order, as it is written, so memory stays about one row's text whatever the run's
 * size.  A nonzero return from write stops the writer (LP_ERR_IO).
 *
 * form: LP_SNAPSHOT_SERVER, the bytes lp_run_snapshot_json gives; LP_SNAPSHOT_CHECK_CLI, a check
 * run (controls and benchmarks) as `powerpipe benchmark run --output snapshot` writes it
 * (formatter_snapshot.go: keys sorted at every level, the panels in tree order, a control's data
 * with its columns' types and null cells, local RFC 3339 times, schema 20220929); group_name:
 * for that form, several targets shown under one group of that name ("<mod>.benchmark.root"),
 * NULL: the run's one target.
 *
 * rows: where the rows of a node the run did not keep are read (a run with discard_rows, a
 * dashboard run whose rows went to on_row); NULL, or a NULL member: the node's own.  each_row calls
 * emit for every row of n in order (status: a control row's) and returns the first nonzero emit
 * return, else 0; pointers live during the emit call only. */
typedef enum lp_snapshot_form { LP_SNAPSHOT_SERVER, LP_SNAPSHOT_CHECK_CLI } lp_snapshot_form;
typedef int (*lp_row_emit_fn)(void *ctx, const lp_db_cell *cells, lp_result_status status);
typedef struct lp_rows_source {
    uint32_t (*column_count)(void *user, const lp_run_node *n);
    const lp_db_col *(*column)(void *user, const lp_run_node *n, uint32_t i);
    int (*each_row)(void *user, const lp_run_node *n, lp_row_emit_fn emit, void *ctx);
    void *user;
} lp_rows_source;
typedef struct lp_snapshot_opts {
    lp_snapshot_form form;
    const char *group_name;
    const lp_rows_source *rows;
    lp_write_fn write;
    void *user;
    int strip;                      /* a dashboard's panels as Powerpipe's .pps export writes them
                                     * (StripSnapshot): without sql, source_definition, documentation */
    const char *title;              /* a query run's: its dashboard's title (--snapshot-title); NULL:
                                     * Powerpipe's "Custom query [<hash>]" */
} lp_snapshot_opts;
int lp_run_snapshot_write(const lp_run *run, const lp_snapshot_opts *opts);
/* A control node as Powerpipe's ControlRun (keys sorted: data {columns: reason, resource, status,
 * then the dimensions; rows}, description, documentation, error, name, panel_type, properties
 * {name, severity}, status, summary, tags, title), as its server's control_complete and
 * control_error events and a benchmark snapshot carry it; data null until it completed.  Any
 * thread once the node is final.  LP_OK, LP_ERR_ARG, LP_ERR_NOMEM. */
int lp_node_control_json(const lp_run_node *n, lp_buf *out);
/* The run as Powerpipe's server announces it before anything ran: its execution_started event
 * ({"schema_version","action","execution_id","panels","layout","variables"?,"start_time"},
 * compact), the panels and layout written from the run's own nodes with the statuses their runs
 * are created with (DashboardExecutionTree), execution_id and start_time as given.  For a
 * dashboard, detection or detection benchmark run, or a benchmark run of one target.  Any thread,
 * any time after lp_run_start (it reads only what the start built; a benchmark run's fields are
 * read from the benchmark loaded whole).  LP_OK; LP_ERR_ARG (another kind of run); the load's
 * error (a file changed since the index, a syntax error) with nothing appended; LP_ERR_NOMEM. */
int lp_run_started_json(lp_run *run, const char *execution_id, const char *start_time, lp_buf *out,
                        lp_error *err);

#ifdef __cplusplus
}
#endif

#endif
