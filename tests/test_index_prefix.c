/* test_index_prefix.c — workspaces whose file is cut short, as an editor
 * leaves it half-saved (issue 19 §1).
 *
 * A file that ends inside a heredoc's `${l` made every command crash: the
 * skim's fast path read past the end.  Each prefix of a real file is written
 * as the only .pp file beside a fixed mod.pp, and the workspace is opened
 * both the default way and with lp_open_full_parse (every file through the full
 * lexer and parser, the definition of the language), resolved inline; the
 * two dumps (tests/support/wsdump.c) must be the same bytes, and under ASan
 * any read past the buffer fails the test.
 *
 * The cuts: every byte from the opening of a template construct ("${",
 * "%{", "<<") to NEAR bytes past it, where the fast path reads ahead (the
 * first CAP of each kind in a file: real files repeat them), and elsewhere
 * one cut per STRIDE bytes, its phase varied by file so that over the
 * corpus every offset class is hit; a large file's plain cuts are spread to PLAIN_MAX.  Inputs: the
 * files of the reference lazy-loading fixtures and of the cloudtrail detections corpus, and every
 * third file of aws_insights and aws_compliance: about 13,500 cuts (two opens each, resolved).
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/jsontree.h"
#include "support/paths.h"
#include "support/wsdump.h"
#include "support/wsfix.h"

#define STRIDE 499         /* bytes between the plain cuts (at least) */
#define PLAIN_MAX 64       /* plain cuts per file at most: a large file's are spread wider (each cut
                            * opens the whole prefix twice, so a 145 KB file cost its size squared) */
#define NEAR 8             /* cuts past a construct's two opening bytes */
#define CAP 8              /* constructs of each kind cut near, per file */

typedef struct prefix_run {
    char *dir, path[4200];
    unsigned opens, differ;
    char first[2600];
} prefix_run;

/* Write text[0, n) as the workspace's file and compare both opens. */
static void try_prefix(prefix_run *r, const char *file, const char *text, size_t n)
{
    FILE *f = fopen(r->path, "wb");
    cr_assert(f);
    cr_assert_eq(fwrite(text, 1, n, f), n);
    cr_assert_eq(fclose(f), 0);
    lp_workspace_opts base = { .workers = 1, .no_background = 1 };
    lp_buf a = { 0 }, b = { 0 };
    int rca = wsd_open_dump(r->dir, &base, 0, 0, &a);
    int rcb = wsd_open_dump(r->dir, &base, 1, 0, &b);
    cr_assert(!a.oom && !b.oom, "dump out of memory");
    r->opens++;
    char msg[2048];
    if (rca != LP_OK || rcb != LP_OK) snprintf(msg, sizeof msg, "lp_open: %d (default), %d (full)", rca, rcb);
    if ((rca != LP_OK || rcb != LP_OK || wsd_diff(a.data, a.len, b.data, b.len, msg, sizeof msg)) &&
        r->differ++ == 0)
        snprintf(r->first, sizeof r->first, "%s cut at byte %zu: %s", file, n, msg);
    lp_buf_free(&a);
    lp_buf_free(&b);
}

/* Which template construct opens at t[i]: 1 "${", 2 "%{", 3 "<<", else 0. */
static int opens_template(const char *t, size_t i, size_t len)
{
    if (i + 1 >= len) return 0;
    if (t[i + 1] == '{') return t[i] == '$' ? 1 : t[i] == '%' ? 2 : 0;
    return t[i] == '<' && t[i + 1] == '<' ? 3 : 0;
}

/* Every cut of one file; returns the number of cuts. */
static unsigned cut_file(prefix_run *r, const char *file, unsigned phase)
{
    size_t len;
    char *text = jt_read_file(file, &len);
    cr_assert(text, "cannot read %s", file);
    unsigned cuts = 0, seen[4] = { 0 };
    size_t near_end = 0;   /* cut every byte below this */
    size_t stride = len / PLAIN_MAX > STRIDE ? len / PLAIN_MAX | 1 : STRIDE;   /* odd: every offset class */
    for (size_t n = 0; n <= len; n++) {
        int k = opens_template(text, n, len);
        if (k && seen[k]++ < CAP) near_end = n + 2 + NEAR;
        if (n < near_end || (n + phase) % stride == 0 || n == len) {
            try_prefix(r, file, text, n);
            cuts++;
        }
    }
    free(text);
    return cuts;
}

/* Every `every`-th file of the tree (its phase varied by file, so over the tree every offset class
 * is still hit). */
static void cut_tree(const char *rel, unsigned min_files, unsigned every)
{
    static const char *const pp[] = { ".pp", NULL };
    paths files = { 0 };
    cr_assert_eq(paths_walk(&files, wf_shared(rel), pp, NULL, 0), 0, "cannot walk %s", wf_shared(rel));
    prefix_run r = { .dir = wf_tmpdir() };
    wf_write(r.dir, "mod.pp",
             "mod \"m\" {\n  title = \"M\"\n}\nlocals {\n  t = { a = \"b\" }\n}\n"
             "variable \"v\" {\n  default = \"V\"\n}\n");
    snprintf(r.path, sizeof r.path, "%s/cut.pp", r.dir);
    unsigned files_cut = 0, cuts = 0;
    for (size_t i = 0; i < files.n; i += every) {
        cuts += cut_file(&r, files.v[i], (unsigned)i * 31u);
        files_cut++;
    }
    fprintf(stderr, "test_index_prefix: %s: %u files, %u cuts, %u differ\n", rel, files_cut, cuts, r.differ);
    cr_assert_geq(files_cut, min_files, "%s: only %u files", rel, files_cut);
    cr_assert_eq(r.differ, 0, "%u of %u cut files open differently; first: %s", r.differ, r.opens, r.first);
    wf_remove(r.dir);
    paths_free(&files);
}

/* The reported file, cut where it crashed: the message must name the end. */
Test(prefix, heredoc_cut_inside_an_interpolation)
{
    char *dir;
    lp_workspace *ws = wf_open_text("control \"c\" {\n  sql = <<-EOQ\n    select 1 ${l", &dir);
    cr_assert_geq(wf_count_diags(ws, "Unclosed template interpolation sequence", NULL), 1);
    wf_done(&ws, &dir);
}

Test(prefix, cuts_at_every_block_offset_of_a_heredoc)
{
    /* the fast path reads heredoc text 64 bytes at a time: the cut `${x`
     * lands at every offset of a block, and past the block's end */
    prefix_run r = { .dir = wf_tmpdir() };
    wf_write(r.dir, "mod.pp", "mod \"m\" {}\n");
    snprintf(r.path, sizeof r.path, "%s/cut.pp", r.dir);
    char text[512];
    for (int pad = 0; pad < 140; pad++) {
        int n = snprintf(text, sizeof text, "control \"c\" {\n  sql = <<-EOQ\n    %*s${local.x", pad, "");
        for (int k = n - 9; k <= n; k++) try_prefix(&r, "generated", text, (size_t)k);
    }
    cr_assert_eq(r.differ, 0, "%u of %u open differently; first: %s", r.differ, r.opens, r.first);
    wf_remove(r.dir);
}

/* the two large corpora: every third file, for make check's time */
Test(prefix, lazy_loading_fixtures, .timeout = 600)
{
    cut_tree("testdata/powerpipe/lazy-loading-tests", 15, 1);
}
Test(prefix, aws_cloudtrail_log_detections, .timeout = 600)
{
    cut_tree("corpus/aws_cloudtrail_log_detections", 20, 1);
}
Test(prefix, aws_insights, .timeout = 600) { cut_tree("corpus/aws_insights", 80, 3); }
Test(prefix, aws_compliance, .timeout = 600) { cut_tree("corpus/aws_compliance", 150, 3); }
