/* oracle.h — hashicorp/hcl's own parse of .pp files, for the tests that
 * compare with it: $LP_SHARED/tools/hcl-oracle (node and @cdktf/hcl2json,
 * ../shared/tools/README.md) answers one JSON line per file,
 * {"file", "ok", "json"}, json being hcl2json's document of the file. */
#ifndef LP_TEST_ORACLE_H
#define LP_TEST_ORACLE_H

#include <stddef.h>
#include <stdint.h>

#include "lazypipe.h"
#include "jsontree.h"
#include "paths.h"

/* The oracle's output for files[0..n): one line per file, in that order
 * (malloc'd).  Skips the test when the oracle is not in the shared material
 * or NODE_PATH is unset; fails it when the oracle cannot run. */
char *orc_run(const char *const *files, size_t n);

/* The oracle's answer line at *line (moved past it), parsed, with its file and verdict ({"file", "ok",
 * ...}); fails the test on a line that does not parse.  Free with jt_free. */
jt *orc_next_answer(char **line, const char **file, int *ok);

/* One file's two answers: the oracle's (want, file and ok, as orc_next_answer gives them) and ours,
 * lp_hcl_file_to_json of the same file (rc, got, err). */
typedef struct orc_pair {
    jt *want;
    const char *file;
    int ok, rc;
    lp_buf got;
    lp_error err;
} orc_pair;
/* The pair of the oracle's answer line at *line (moved past it), our diagnostics to diag with user;
 * free with orc_pair_done. */
void orc_next_pair(char **line, orc_pair *p, lp_diag_fn diag, void *user);
void orc_pair_done(orc_pair *p);

/* The sources of the shared HCL edge cases (testdata/hcl/edge_cases.jsonl's "src", NUL-free), in
 * order, into *out; fails the test when the file cannot be read. */
void orc_edge_case_sources(paths *out);

/* The oracle's answer for every file of ws, parsed, in file order (each
 * checked to name its file); free with orc_docs_free. */
jt **orc_workspace(const lp_workspace *ws);
void orc_docs_free(jt **docs, uint32_t n);

/* The body of the labelled block type/label in an hcl2json document
 * ({"type": {"label": [body...]}}): the last, as the index keeps the last of
 * duplicates; NULL when there is none. */
const jt *orc_block(const jt *doc, const char *type, const char *label);

/* An lp_diag callback (user: an orc_errors) writing the error diagnostics as hcl2json's
 * "parse config: [D1 D2 ...]" does: each FILE:L,C-EC: Summary; Detail (FILE:L,C-EL,EC over more than
 * one line), separated by a space; n counts them.  Free msg with lp_buf_free. */
typedef struct orc_errors {
    lp_buf msg;
    int n;
} orc_errors;
void orc_collect_error(void *user, const lp_diag *d);

/* Our failure as hcl2json prints its own into out: "parse config: [<s's diagnostics>]" for a syntax
 * error (rc LP_ERR_SYNTAX), e's message for any other failure, nothing for LP_OK. */
void orc_error_text(int rc, const orc_errors *s, const lp_error *e, lp_buf *out);

#endif
