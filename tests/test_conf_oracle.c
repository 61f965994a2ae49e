/* test_conf_oracle.c — every file of ../shared/corpus and
 * ../shared/testdata/powerpipe against hashicorp/hcl run live.
 *
 * The oracle (shared/tools/hcl-oracle: @cdktf/hcl2json, i.e. hclsyntax plus
 * the hcl2json converter, in WebAssembly under node) is run in this test on the
 * same files; nothing it said earlier is stored.  For each file: the same
 * verdict (parsed / which stage failed) and, when it parsed, the same JSON
 * (objects unordered, numbers numerically).  Without node or the oracle
 * package the test fails: bootstrap installs them.
 */
#include <criterion/criterion.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/jsontree.h"
#include "support/oracle.h"
#include "support/paths.h"
#include "support/shared.h"

static const char *const WANTED[] = { ".pp", ".hcl", ".sp", ".ppvars", ".spvars", ".tf", NULL };
static const char *const SKIP_DIRS[] = { "node_modules", ".git", NULL };

/* The oracle's own selection: recursive, byte order, skipping node_modules and .git. */
static void walk(paths *ps, const char *dir)
{
    cr_assert(paths_walk(ps, dir, WANTED, SKIP_DIRS, 0) == 0, "cannot list %s (set LP_SHARED)", dir);
}

static void ignore_diag(void *user, const lp_diag *d)
{
    (void)user;
    (void)d;
}

Test(conf_oracle, corpus_and_powerpipe_testdata_match_hcl_live, .timeout = 600)
{
    ts_shared("tools/hcl-oracle");   /* the live oracle is only in the shared material */
    const char *np = getenv("NODE_PATH");
    cr_assert(np && *np,
              "NODE_PATH is not set: the oracle needs @cdktf/hcl2json (make bootstrap installs it)");

    paths files = { 0 };
    walk(&files, ts_shared("corpus"));
    walk(&files, ts_shared("testdata/powerpipe"));
    cr_assert_gt(files.n, 900, "expected the corpus files, found %zu", files.n);

    char *out = orc_run((const char *const *)files.v, files.n);

    size_t checked = 0, failures = 0, parsed = 0, converted = 0, corpus_rejected = 0;
    char *line = out;
    while (line && *line) {
        char *nl = strchr(line, '\n');
        size_t ll = nl ? (size_t)(nl - line) : strlen(line);
        char err[256];
        jt *want = jt_parse(line, ll, err, sizeof err);
        cr_assert(want, "oracle line does not parse: %s", err);
        const jt *file = jt_get(want, "file"), *ok = jt_get(want, "ok");
        cr_assert(file && ok);
        checked++;

        lp_buf got = { 0 };
        lp_error e = { 0, "" };
        int rc = lp_hcl_file_to_json(file->s, &got, ignore_diag, NULL, &e);
        if (ok->b) {
            parsed++;
            converted++;
            if (rc != LP_OK) {
                failures++;
                cr_log_error("%s: oracle parses it, we fail (%d): %s", file->s, rc, e.message);
            } else {
                jt *g = jt_parse(got.data, got.len, err, sizeof err);
                char why[1024];
                if (!g) {
                    failures++;
                    cr_log_error("%s: our JSON does not parse: %s", file->s, err);
                } else if (!jt_equal(jt_get(want, "json"), g, why, sizeof why)) {
                    failures++;
                    cr_log_error("%s: JSON differs: %s", file->s, why);
                }
                jt_free(g);
            }
        } else {
            const jt *stage = jt_get(want, "stage");
            int expect = strcmp(stage->s, "parse") == 0 ? LP_ERR_SYNTAX
                       : strcmp(stage->s, "convert") == 0 ? LP_ERR_CONVERT : LP_ERR_IO;
            if (expect == LP_ERR_CONVERT) parsed++;
            if (expect == LP_ERR_SYNTAX && strstr(file->s, "/corpus/")) corpus_rejected++;
            if (rc != expect) {
                failures++;
                cr_log_error("%s: oracle says %s (%s), we return %d", file->s, stage->s,
                             jt_get(want, "error")->s, rc);
            }
        }
        lp_buf_free(&got);
        jt_free(want);
        line = nl ? nl + 1 : NULL;
    }
    cr_expect_eq(checked, files.n, "the oracle answered for %zu of %zu files", checked, files.n);
    cr_expect_eq(failures, 0, "%zu of %zu files differ from the oracle", failures, checked);
    /* HCL_SYNTAX.md §12: every corpus file parses; one has no JSON form; the
     * powerpipe test data has a deliberately broken file */
    cr_expect_eq(corpus_rejected, 0, "corpus files that hcl rejects: %zu", corpus_rejected);
    cr_expect_geq(checked - parsed, 1);
    cr_expect_geq(parsed - converted, 1);
    paths_free(&files);
    free(out);
}

/* ------------------------------------------------------------ mutants */

static uint64_t rng_state;

static uint32_t rnd(uint32_t n) { return ts_xorshift(&rng_state, n); }   /* deterministic, seeded per run */

typedef struct text {
    char *p;
    size_t n;
} text;

static void splice(text *t, size_t at, size_t del, const char *ins, size_t insn)
{
    char *q = malloc(t->n - del + insn + 1);
    memcpy(q, t->p, at);
    memcpy(q + at, ins, insn);
    memcpy(q + at + insn, t->p + at + del, t->n - at - del);
    t->n = t->n - del + insn;
    q[t->n] = '\0';
    free(t->p);
    t->p = q;
}

static int valid_utf8(const char *s, size_t n)
{
    const unsigned char *b = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t k = b[i] < 0x80 ? 1 : b[i] >= 0xC2 && b[i] <= 0xDF ? 2 : b[i] >= 0xE0 && b[i] <= 0xEF ? 3
                 : b[i] >= 0xF0 && b[i] <= 0xF4 ? 4 : 0;
        if (!k || i + k > n) return 0;
        for (size_t j = 1; j < k; j++)
            if ((b[i + j] & 0xC0) != 0x80) return 0;
        if (k == 3 && ((b[i] == 0xE0 && b[i + 1] < 0xA0) || (b[i] == 0xED && b[i + 1] >= 0xA0))) return 0;
        if (k == 4 && ((b[i] == 0xF0 && b[i + 1] < 0x90) || (b[i] == 0xF4 && b[i + 1] >= 0x90))) return 0;
        i += k;
    }
    return 1;
}

typedef struct first_err {
    int n;
    unsigned line, col;
} first_err;

static void first_only(void *user, const lp_diag *d)
{
    first_err *f = user;
    if (d->severity == LP_SEV_ERROR && f->n++ == 0) {
        f->line = d->line;
        f->col = d->col;
    }
}

/* Random edits of the edge cases and of a few fuller snippets (the syntax the
 * corpora lack, and errors everywhere), judged by hcl run live: the same
 * verdict, the same JSON, the first error on the same line and column. */
Test(conf_oracle, mutants_match_hcl_live, .timeout = 600)
{
    ts_shared("tools/hcl-oracle");
    const char *np = getenv("NODE_PATH");
    cr_assert(np && *np,
              "NODE_PATH is not set: the oracle needs @cdktf/hcl2json (make bootstrap installs it)");

    paths srcs = { 0 };
    orc_edge_case_sources(&srcs);
    cr_assert_eq(srcs.n, 350, "edge_cases.jsonl holds 350 inputs, read %zu", srcs.n);
    cr_assert_str_eq(srcs.v[0], "a = 1\n");
    static const char *const extra[] = {
        "control \"x\" {\n  title = \"T ${a.b[0]}\"\n  sql = <<-EOQ\n    select 1\n      from ${local.t}\n"
        "    %{ if x ~}\n    where\n    %{~ endif }\n  EOQ\n  tags = merge(local.c, {\n    k = \"v\"\n  "
        "})\n}\n",
        "a = [for k, v in m : \"${k}=${v}\" if v != null]\nb = {for x in l : x.id => x...}\nc = x.*.y\n"
        "d = x[*].y[0]\ne = f(1, [2]...)\n",
        "a = 1 + 2 * -3 % 4 / 5 - !x\nb = a ? b : c ? d : e\nc = (a || b) && !c == d != e < f <= g > h >= "
        "i\n",
    };
    static const char *const alpha[] = {
        "{", "}", "[", "]", "(", ")", "\"", "=", ".", ",", "*", ":", "?", "!", "-", "+", "/", "%", "<", ">",
        "&", "|", "~", "$", "#", "\n", " ", "\t", "\\", "${", "%{", "~}", "<<EOT\n", "<<-EOT\n", "EOT\n",
        "...", "=>", "::", "for ", " in ", "if ", "endif", "else", "endfor", "x", "1", "1.5", "e", "\"a\"",
        "//c\n", "/*c*/", "\xc3\xa9", "n\xcc\x83", "\xe2\x80\x83", "\r\n",
    };
    const size_t nextra = sizeof extra / sizeof extra[0], nalpha = sizeof alpha / sizeof alpha[0];
    const char *seed_env = getenv("LP_MUTANT_SEED");
    rng_state = seed_env ? strtoull(seed_env, NULL, 10) | 1 : 0x9E3779B97F4A7C15ull;

    char dir[] = "/tmp/lp_mutants_XXXXXX";
    cr_assert(mkdtemp(dir));
    const int want = 2000;
    paths files = { 0 };
    for (int made = 0; made < want;) {
        size_t pick = rnd((uint32_t)(srcs.n + nextra * 20));
        const char *base = pick < srcs.n ? srcs.v[pick] : extra[(pick - srcs.n) % nextra];
        text t = { strdup(base), strlen(base) };
        for (uint32_t k = 0, edits = 1 + rnd(4); k < edits; k++) {
            size_t at = rnd((uint32_t)t.n + 1);
            uint32_t op = rnd(100);
            if (op < 40) {
                const char *a = alpha[rnd((uint32_t)nalpha)];
                splice(&t, at, 0, a, strlen(a));
            } else if (op < 70 && t.n) {
                size_t del = 1 + rnd(4);
                splice(&t, at, at + del > t.n ? t.n - at : del, "", 0);
            } else if (op < 85 && t.n) {
                size_t dup = 1 + rnd(10);
                if (at + dup > t.n) dup = t.n - at;
                char *copy = strndup(t.p + at, dup);
                splice(&t, at, 0, copy, dup);
                free(copy);
            } else {
                size_t other = rnd((uint32_t)(srcs.n + nextra));
                const char *o = other < srcs.n ? srcs.v[other] : extra[other - srcs.n];
                size_t ol = strlen(o), from = rnd((uint32_t)ol + 1), cnt = 1 + rnd(20);
                if (from + cnt > ol) cnt = ol - from;
                splice(&t, at, 0, o + from, cnt);
            }
        }
        if (valid_utf8(t.p, t.n)) {
            char f[4200];
            snprintf(f, sizeof f, "%s/m%04d.hcl", dir, made++);
            FILE *mf = fopen(f, "wb");
            cr_assert(mf);
            fwrite(t.p, 1, t.n, mf);
            fclose(mf);
            paths_add(&files, f);
        }
        free(t.p);
    }
    char *out = orc_run((const char *const *)files.v, files.n);
    size_t checked = 0, failures = 0;
    for (char *line = out; line && *line;) {
        first_err fe = { 0 };
        orc_pair p;
        orc_next_pair(&line, &p, first_only, &fe);
        checked++;
        if (p.ok) {
            jt *g = p.rc == LP_OK ? jt_parse(p.got.data, p.got.len, NULL, 0) : NULL;
            char why[512] = "rejected";
            if (!g || !jt_equal(jt_get(p.want, "json"), g, why, sizeof why)) {
                failures++;
                cr_log_error("%s: %s", p.file, why);
            }
            jt_free(g);
        } else {
            const char *stage = jt_get(p.want, "stage")->s, *msg = jt_get(p.want, "error")->s;
            if (strcmp(stage, "convert") == 0) {
                if (p.rc != LP_ERR_CONVERT) {
                    failures++;
                    cr_log_error("%s: expected a convert failure (%s), got %d", p.file, msg, p.rc);
                }
            } else {
                unsigned wl = 0, wc = 0;
                const char *at = strstr(msg, p.file);
                if (at) sscanf(at + strlen(p.file), ":%u,%u", &wl, &wc);
                if (p.rc != LP_ERR_SYNTAX || fe.line != wl || fe.col != wc) {
                    failures++;
                    cr_log_error("%s: first error %u:%u (rc %d), oracle %u:%u: %.300s", p.file, fe.line,
                                 fe.col, p.rc, wl, wc, msg);
                }
            }
        }
        orc_pair_done(&p);
    }
    free(out);
    for (size_t i = 0; i < files.n; i++) {
        unlink(files.v[i]);
        free(files.v[i]);
    }
    free(files.v);
    rmdir(dir);
    for (size_t i = 0; i < srcs.n; i++) free(srcs.v[i]);
    free(srcs.v);
    cr_expect_eq(checked, (size_t)want, "the oracle answered for %zu of %d mutants", checked, want);
    cr_expect_eq(failures, 0, "%zu of %zu mutants differ from hcl (LP_MUTANT_SEED reproduces a run)",
                 failures, checked);
}
