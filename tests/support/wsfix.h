/* wsfix.h — temporary workspaces for the index tests (INDEX's tests). */
#ifndef LP_TEST_WSFIX_H
#define LP_TEST_WSFIX_H

#include <stddef.h>
#include <stdint.h>

#include "lazypipe.h"

/* A new empty directory under /tmp (malloc'd path). */
char *wf_tmpdir(void);
/* A new directory under /tmp holding only mod.pp = mod_pp (malloc'd path): a test's mod. */
char *wf_mod_dir(const char *mod_pp);
/* Write dir/rel (parent directories created). */
void wf_write(const char *dir, const char *rel, const char *text);
/* Rewrite path as text[0, at) + ins + text[at, len) (ins may be "": a file cut at
 * `at`, as an editor leaves a half-saved one): the random-edit walks' edit. */
void wf_splice(const char *path, const char *text, size_t len, size_t at, const char *ins);

/* The random-edit walks (test_live, test_patch): a splitmix64 step of *seed,
 * and one edit of the mod at dir, described into what.  `file` is the .pp
 * file the file edits work on (cut at a random offset as a half-saved file;
 * a piece of HCL inserted; deleted; renamed); the others write or remove
 * dir/powerpipe.ppvars, or add dir/new_<step>.pp. */
uint64_t wf_rnd(uint64_t *seed);
typedef enum { WF_CUT, WF_INSERT, WF_DELETE, WF_RENAME, WF_PPVARS, WF_NEW_FILE } wf_edit_kind;
void wf_edit(const char *dir, wf_edit_kind kind, const char *file, uint64_t *seed, int step, char *what,
             size_t wsize);

/* The mod test_inputs and test_persist change: mod.pp with a variable and a local read from
 * doc.md, a.pp = wf_inputs_a_pp (a control and a benchmark reading them), sub/b.pp, and a
 * powerpipe.ppvars setting the variable.  Its directory (free with wf_remove). */
extern const char wf_inputs_a_pp[];
char *wf_inputs_mod(void);

/* rm -rf dir, then free(dir). */
void wf_remove(char *dir);
/* dir's index image in cache written whole, as a first open writes it (its images there before
 * removed): the next edit is one edit after a whole image. */
void wf_image_anew(const char *dir, const char *cache);
/* lp_close(*ws) and wf_remove(*dir), both set to NULL (test teardown). */
void wf_done(lp_workspace **ws, char **dir);

/* Open dir with `workers` threads, phase 1 only (no background resolution:
 * the index as scanned); asserts success. */
lp_workspace *wf_open(const char *dir, unsigned workers);

/* Write `mod "t" {}` and a.pp = text into a fresh directory, open it.
 * *dir receives the directory (free with wf_remove). */
lp_workspace *wf_open_text(const char *text, char **dir);

/* The entry info of a full name; asserts it exists. */
lp_entry_info wf_get(const lp_workspace *ws, const char *name);

/* Asserts that mod i of ws has this name, title and path (lp_mod_info); NULL: not checked.  Returns
 * the mod's info for further checks. */
lp_mod_info wf_expect_mod(const lp_workspace *ws, uint32_t i, const char *name, const char *title,
                          const char *path);

/* Number of diagnostics whose summary contains `needle` (and whose detail
 * contains `detail_needle` when not NULL). */
unsigned wf_count_diags(const lp_workspace *ws, const char *needle, const char *detail_needle);

/* rel in the shared test material (ts_data: $LP_SHARED, else tests/data/shared;
 * the test is skipped when neither has it). */
const char *wf_shared(const char *rel);

#endif
