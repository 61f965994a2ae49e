/* modfile.h — the parts of a mod file (mod.pp / mod.sp) that mod management reads and writes:
 * the mod block's name, its `require { mod "PATH" { version|branch|tag|path = "..." } }`
 * blocks, with the byte offsets needed to rewrite them in place, and the Powerpipe version it
 * requires (`require { powerpipe { min_version = "..." } }`).
 *
 * The scanner knows HCL's lexical structure (strings with interpolation, heredocs, the three
 * comment forms, nested brackets) so that it finds blocks wherever they are and never inside a
 * string or comment; it evaluates nothing.  Rewriting (mf_rewrite) changes only the require
 * entries that changed and leaves every other byte of the file as it was, where Powerpipe
 * re-formats the whole file (hclwrite.Format).  Output-free; tests/test_mod_units.c. */
#ifndef LP_MOD_FILE_H
#define LP_MOD_FILE_H

#include <stddef.h>

#include "lazypipe.h"

typedef struct mf_req {
    char *name;                          /* "github.com/turbot/steampipe-mod-aws-compliance" */
    char *version, *branch, *tag, *path; /* the one set, as written; NULL when absent */
    size_t def_start;                    /* the `mod` keyword */
    size_t body_end;                     /* just past the block's `}` */
    size_t attr_start, attr_end;         /* the `version = "..."` (or branch/tag/path) attribute */
    int nul_value;                       /* its name or that attribute holds a NUL (the C string is cut) */
} mf_req;

typedef struct mf_mod {
    int found; /* a top-level `mod "NAME" {` block */
    char *name;
    char *title;                 /* its title when a plain string, else NULL */
    size_t mod_start, mod_open, mod_close; /* `mod` keyword, its `{`, its closing `}` */
    int has_require;
    size_t req_start, req_close; /* `require` keyword, its closing `}` */
    mf_req *reqs;
    size_t nreqs;
    int syntax_error; /* unterminated string, block or comment */
    char *app_min_version; /* require { powerpipe { min_version = "..." } } when a plain string, else NULL */
} mf_mod;

/* The writers of mod.pp and the lock file build their text in an lp_buf (lazypipe.h); mf_take hands
 * it out as a malloc'd NUL-terminated string the caller frees ("" when b holds nothing) and frees b.
 * NULL when a write to b or the copy failed for lack of memory. */
char *mf_take(lp_buf *b);

/* Scan text (len bytes).  0, or -1 on lack of memory.  A file without a mod block gives
 * found = 0; syntax errors give syntax_error = 1 with what was found so far. */
int mf_scan(const char *text, size_t len, mf_mod *out);
void mf_free(mf_mod *m);

/* A requirement as it is to be written. */
typedef struct mf_want {
    const char *name;
    const char *attr; /* "version", "branch", "tag" or "path" */
    const char *value;
} mf_want;

/* The text of the file with its require entries made to be `want` (n entries): entries whose
 * name is not wanted are removed (the whole require block when none is left), changed ones get
 * their attribute replaced, new ones are appended (a require block is created at the end of the
 * mod block when there is none; a one-line mod block is first opened onto lines, as HCL requires of
 * a block holding a block), each written as Powerpipe's hclwrite writes them.  *out is
 * malloc'd (NUL-terminated, *out_len bytes).  0, or -1 on lack of memory or when the file has no
 * mod block. */
int mf_rewrite(const char *text, size_t len, const mf_mod *m, const mf_want *want, size_t n, char **out,
               size_t *out_len);

/* An entry's value and (into *attr) which attribute holds it: version, branch, tag or path; NULL when
 * none is set.  What mf_rewrite writes of an entry it keeps. */
const char *mf_req_value(const mf_req *r, const char **attr);
/* [*a, *b) of s (len bytes) widened to whole lines when only blanks are beside it: what an edit
 * removing an entry takes away. */
void mf_whole_lines(const char *s, size_t len, size_t *a, size_t *b);

/* Whether text parses as HCL (the library's parser, hclsyntax's rules): 1 it does; 0 it does not, with
 * *why the errors as Powerpipe's HclDiagsToError writes them ("SUMMARY: DETAIL\n(FILE:L,C-EC)", the
 * distinct ones joined by newlines, malloc'd); -1 lack of memory.  name is the file named in *why. */
int mf_parses(const char *name, const char *text, size_t len, char **why);

#endif
