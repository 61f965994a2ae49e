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

#ifdef __cplusplus
extern "C" {
#endif

#define LP_VERSION "0.1.0"

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
/* (the workspace API: lp_workspace, lp_open, lookups, payloads — see below) */

#ifdef __cplusplus
}
#endif

#endif
