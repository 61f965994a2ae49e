/* test_conf_edge.c — conformance on ../shared/testdata/hcl/edge_cases.jsonl.
 *
 * Each line holds a small input with hcl2json's verdict (recorded from the
 * oracle).  For every case: we accept exactly when the oracle did; accepted
 * input gives the same JSON (objects unordered, numbers numerically);
 * rejected input fails in the same stage, and a parse failure's first
 * diagnostic sits on the line and column of the oracle's first "L,C".
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/jsontree.h"
#include "support/oracle.h"
#include "support/shared.h"

typedef struct first_diag {
    int n;
    unsigned line, col;
    char text[512];
} first_diag;

static void on_diag(void *user, const lp_diag *d)
{
    first_diag *f = user;
    if (d->severity != LP_SEV_ERROR) return;
    if (f->n++ == 0) {
        f->line = d->line;
        f->col = d->col;
        lp_diag_format(d, f->text, sizeof f->text);
    }
}

Test(conf_edge, every_case_matches_the_oracle)
{
    const char *path = ts_data("testdata/hcl/edge_cases.jsonl");
    size_t len;
    char *text = jt_read_file(path, &len);
    cr_assert(text, "cannot read %s (set LP_SHARED)", path);

    int cases = 0, failures = 0, accepted = 0, rejected = 0, converts = 0;
    char *line = text;
    while (line && *line) {
        char *nl = strchr(line, '\n');
        size_t ll = nl ? (size_t)(nl - line) : strlen(line);
        if (ll == 0) {
            line = nl ? nl + 1 : NULL;
            continue;
        }
        cases++;
        char err[256];
        jt *c = jt_parse(line, ll, err, sizeof err);
        cr_assert(c, "edge case %d: bad JSON line: %s", cases, err);
        const jt *src = jt_get(c, "src"), *ok = jt_get(c, "ok");
        cr_assert(src && src->kind == JT_STR && ok && ok->kind == JT_BOOL, "edge case %d: malformed", cases);

        lp_buf out = { 0 };
        first_diag fd = { 0 };
        lp_error e = { 0, "" };
        int rc = lp_hcl_to_json("case.hcl", src->s, src->slen, &out, on_diag, &fd, &e);
        char *shown = jt_dump(src);
        if (ok->b) {
            accepted++;
            if (rc != LP_OK) {
                failures++;
                cr_log_error("case %d %s: rejected (%d): %s", cases, shown, rc, fd.n ? fd.text : e.message);
            } else {
                jt *got = jt_parse(out.data ? out.data : "", out.len, err, sizeof err);
                char why[1024];
                if (!got) {
                    failures++;
                    cr_log_error("case %d %s: our JSON does not parse: %s", cases, shown, err);
                } else if (!jt_equal(jt_get(c, "json"), got, why, sizeof why)) {
                    failures++;
                    cr_log_error("case %d %s: JSON differs: %s\n  ours: %s", cases, shown, why, out.data);
                }
                jt_free(got);
            }
        } else {
            const jt *stage = jt_get(c, "stage"), *msg = jt_get(c, "error");
            cr_assert(stage && msg, "edge case %d: malformed", cases);
            if (strcmp(stage->s, "convert") == 0) {
                converts++;
                if (rc != LP_ERR_CONVERT) {
                    failures++;
                    cr_log_error("case %d %s: expected a convert failure, got %d", cases, shown, rc);
                }
            } else {
                rejected++;
                unsigned wl = 0, wc = 0;
                const char *at = strstr(msg->s, "case.hcl:");
                if (!at || sscanf(at, "case.hcl:%u,%u", &wl, &wc) != 2)
                    cr_assert_fail("case %d: no L,C in %s", cases, msg->s);
                if (rc != LP_ERR_SYNTAX) {
                    failures++;
                    cr_log_error("case %d %s: accepted (%d), oracle: %s", cases, shown, rc, msg->s);
                } else if (fd.line != wl || fd.col != wc) {
                    failures++;
                    cr_log_error("case %d %s: first error at %u:%u (%s), oracle at %u:%u (%s)", cases, shown,
                                 fd.line, fd.col, fd.text, wl, wc, msg->s);
                }
            }
        }
        free(shown);
        lp_buf_free(&out);
        jt_free(c);
        line = nl ? nl + 1 : NULL;
    }
    free(text);
    /* the file's own README: 350 cases, 269 accepted, 77 rejected, 4 convert failures */
    cr_expect_eq(cases, 350);
    cr_expect_eq(accepted, 269);
    cr_expect_eq(rejected, 77);
    cr_expect_eq(converts, 4);
    cr_expect_eq(failures, 0, "%d of %d edge cases differ from the oracle", failures, cases);
}

/* tests/data/hcl_bytes_cases.jsonl: issue 18's reduced inputs with the bytes
 * hcl2json writes for them ("raw"), or its whole error message, recorded from
 * the oracle as "case.hcl" (test_conf_bytes re-records them live).  A case
 * marked "deliberate" is one we differ on on purpose, for the reason given
 * (docs/design.md, "Differences from hashicorp/hcl"): there we must reject it. */
Test(conf_edge, recorded_cases_match_byte_for_byte)
{
    size_t len;
    char *text = jt_read_file("tests/data/hcl_bytes_cases.jsonl", &len);
    cr_assert(text, "cannot read tests/data/hcl_bytes_cases.jsonl (run from the project root)");
    int cases = 0, failures = 0, deliberate = 0;
    for (char *line = text; line && *line;) {
        jt *c = jt_next_line(&line, NULL, 0);
        cr_assert(c, "bad line %d", cases + 1);
        cases++;
        const jt *src = jt_get(c, "src"), *ok = jt_get(c, "ok"), *why = jt_get(c, "deliberate");
        lp_buf out = { 0 };
        orc_errors s = { { 0 }, 0 };
        lp_error e = { 0, "" };
        int rc = lp_hcl_to_json("case.hcl", src->s, src->slen, &out, orc_collect_error, &s, &e);
        lp_buf mine = { 0 };
        orc_error_text(rc, &s, &e, &mine);
        if (why) {
            deliberate++;
            if (rc != LP_ERR_SYNTAX || !strstr(mine.data, "Nesting too deep")) {
                failures++;
                cr_log_error("case %d (%s): expected our deliberate rejection, got %d", cases, why->s, rc);
            }
        } else if (ok->b) {
            const jt *raw = jt_get(c, "raw");
            if (rc != LP_OK || out.len != raw->slen || memcmp(out.data, raw->s, out.len) != 0) {
                failures++;
                cr_log_error("case %d (item %g): hcl writes %.300s\n  we: %.300s", cases,
                             jt_get(c, "item")->num, raw->s, rc == LP_OK ? out.data : mine.data);
            }
        } else {
            const char *msg = jt_get(c, "error")->s;
            if (rc == LP_OK || strcmp(mine.data, msg) != 0) {
                failures++;
                cr_log_error("case %d (item %g): hcl says %.300s\n  we: %.300s", cases,
                             jt_get(c, "item")->num, msg, rc == LP_OK ? out.data : mine.data);
            }
        }
        lp_buf_free(&mine);
        lp_buf_free(&s.msg);
        lp_buf_free(&out);
        jt_free(c);
    }
    free(text);
    cr_expect_geq(cases, 30);
    cr_expect_eq(deliberate, 1);
    cr_expect_eq(failures, 0, "%d of %d recorded cases differ", failures, cases);
}
