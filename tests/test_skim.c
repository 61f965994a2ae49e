/* test_skim.c — skim_parse() (skim.h) against hcl_parse(): a file the skim
 * accepts must give exactly the full parser's tree (every node, value and
 * range: tests/support/ast_cmp.c) and the full parser must find nothing wrong
 * in it; and the skim must accept ordinary files, or it saves nothing.
 *
 *  - corpus: every .pp/.sp file of ../shared/corpus and testdata/powerpipe,
 *    the specsuite's files and the 350 edge-case inputs, each from a heap
 *    buffer of exactly its size (ASan reports a read past the end);
 *  - acceptance: at least 97% of the files of each real mod;
 *  - mutants: real files cut, with a byte deleted or a special byte inserted
 *    (mostly syntax errors the skim must decline, or read exactly);
 *  - units: inputs the skim must accept (the common subset skim.h names),
 *    syntax errors it must decline (each checked to be an error for
 *    hcl_parse too), and unusual valid input where 0 or the same tree is
 *    fine.  Every unit also runs inside a larger buffer followed by junk
 *    (the skim must stop at len, not at a NUL or the end of memory);
 *  - ast_cmp itself: equal trees compare equal and a single changed field is
 *    named by its path.
 */
#include <criterion/criterion.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/arena.h"
#include "hcl/hcl_ast.h"
#include "index/skim.h"
#include "support/ast_cmp.h"
#include "support/paths.h"
#include "support/jsontree.h"
#include "support/shared.h"

/* The whole shared material (the corpus tests need every real mod): the
 * test is skipped without it. */
static const char *shared_dir(void) { return ts_shared("."); }

/* ------------------------------------------------------------ one input */

typedef struct verdict {
    int skim_rc;       /* skim_parse's return */
    int bad;           /* accepted but not identical, or a return outside {0, 1} */
    int full_errors;   /* hcl_parse's nerrors */
    char why[1400];
} verdict;

/* Run both parsers on src[0..len) as it lies in memory (the caller chooses
 * the buffer) and judge the skim. */
static void judge(ar_arena *fa, ar_arena *sa, const char *name, const char *src, size_t len, verdict *v)
{
    hcl_file ff, sf;
    ar_reset(fa);
    ar_reset(sa);
    cr_assert_eq(hcl_parse(name, src, len, fa, &ff), 0, "%s: hcl_parse ran out of memory", name);
    v->full_errors = (int)ff.nerrors;
    v->skim_rc = skim_parse(name, src, len, sa, &sf);
    v->bad = 0;
    v->why[0] = '\0';
    if (v->skim_rc == 0) return;
    if (v->skim_rc != 1) {
        v->bad = 1;
        snprintf(v->why, sizeof v->why, "skim_parse returned %d", v->skim_rc);
    } else if (ff.ndiags) {
        v->bad = 1;
        snprintf(v->why, sizeof v->why, "accepted, but hcl_parse reports %u diagnostic(s), first %s at %u:%u",
                 ff.ndiags, ff.diags[0].summary, ff.diags[0].range.line, ff.diags[0].range.col);
    } else if (ast_cmp_file(&ff, &sf, v->why, sizeof v->why)) {
        v->bad = 1;
    }
}

/* The input copied into a heap buffer of exactly len bytes. */
static void judge_exact(ar_arena *fa, ar_arena *sa, const char *name, const char *src, size_t len, verdict *v)
{
    char *buf = malloc(len);
    cr_assert(buf || !len);
    if (len) memcpy(buf, src, len);
    judge(fa, sa, name, buf, len, v);
    free(buf);
}

/* ------------------------------------------------------------ file lists */

static const char *const SKIP_DIRS[] = { "node_modules", NULL };

/* Files under dir with one of ext, recursively, in byte order (skipping
 * hidden entries and node_modules). */
static void walk(paths *ps, const char *dir, const char *const *ext)
{
    cr_assert(paths_walk(ps, dir, ext, SKIP_DIRS, 1) == 0, "cannot list %s (set LP_SHARED)", dir);
}

static const char *const PP_EXT[] = { ".pp", ".sp", NULL };
static const char *const SPEC_EXT[] = { ".hcl", ".t", ".hcldec", NULL };
static const char *const REAL_MODS[] = { "aws_compliance", "aws_insights", "aws_cloudtrail_log_detections" };
#define NREAL (sizeof REAL_MODS / sizeof REAL_MODS[0])

/* The mods of corpus/ (its subdirectories), in byte order. */
static void corpus_mods(paths *mods)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/corpus", shared_dir());
    DIR *d = opendir(dir);
    cr_assert(d, "cannot open %s (set LP_SHARED)", dir);
    struct dirent *e;
    while ((e = readdir(d))) {
        char p[4096 + 256];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (e->d_name[0] != '.' && stat(p, &st) == 0 && S_ISDIR(st.st_mode)) paths_add(mods, e->d_name);
    }
    closedir(d);
    paths_sort(mods);
}

/* ------------------------------------------------------------ corpus */

typedef struct tally {
    unsigned total, accepted, bad;
} tally;

/* Differences found so far: the first few are printed, the first is kept
 * for the assertion's message. */
typedef struct failures {
    unsigned n;
    char first[2400];
} failures;

#define MAX_SHOWN 12

static void report_bad(failures *fl, const char *name, const verdict *v)
{
    if (fl->n < MAX_SHOWN) fprintf(stderr, "test_skim: DIFFERENCE %s: %s\n", name, v->why);
    if (!fl->n) snprintf(fl->first, sizeof fl->first, "%.900s: %.1400s", name, v->why);
    fl->n++;
}

static void judge_files(ar_arena *fa, ar_arena *sa, const paths *files, tally *t, failures *fl)
{
    for (size_t i = 0; i < files->n; i++) {
        size_t len;
        char *text = jt_read_file(files->v[i], &len);
        cr_assert(text, "cannot read %s", files->v[i]);
        verdict v;
        judge_exact(fa, sa, files->v[i], text, len, &v);
        free(text);
        t->total++;
        if (v.skim_rc == 1) t->accepted++;
        if (v.bad) {
            t->bad++;
            report_bad(fl, files->v[i], &v);
        }
    }
}

static void print_tally(const char *group, const tally *t)
{
    fprintf(stderr, "test_skim: %-32s %4u/%-4u accepted (%5.1f%%), %u difference(s)\n", group, t->accepted,
            t->total, t->total ? 100.0 * t->accepted / t->total : 0.0, t->bad);
}

Test(skim_corpus, accepted_files_give_the_full_parsers_tree)
{
    ar_arena fa, sa;
    ar_init(&fa, 0);
    ar_init(&sa, 0);
    unsigned total = 0;
    failures fl = { 0, "" };

    paths mods = { 0 };
    corpus_mods(&mods);
    cr_assert_geq(mods.n, NREAL, "expected the corpus mods under %s/corpus", shared_dir());
    for (size_t m = 0; m < mods.n; m++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/corpus/%s", shared_dir(), mods.v[m]);
        paths files = { 0 };
        walk(&files, dir, PP_EXT);
        tally t = { 0 };
        judge_files(&fa, &sa, &files, &t, &fl);
        char label[300];
        snprintf(label, sizeof label, "corpus/%s", mods.v[m]);
        print_tally(label, &t);
        total += t.total;
        paths_free(&files);
    }
    paths_free(&mods);

    static const char *const other[][2] = {
        { "testdata/powerpipe", "pp" },
        { "testdata/hcl-specsuite/tests", "spec" },
    };
    for (size_t k = 0; k < sizeof other / sizeof other[0]; k++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%s", shared_dir(), other[k][0]);
        paths files = { 0 };
        walk(&files, dir, other[k][1][0] == 'p' ? PP_EXT : SPEC_EXT);
        cr_assert_gt(files.n, 0, "no files under %s", dir);
        tally t = { 0 };
        judge_files(&fa, &sa, &files, &t, &fl);
        print_tally(other[k][0], &t);
        total += t.total;
        paths_free(&files);
    }

    /* the edge cases: one JSON object a line, the input in "src" */
    char path[4096];
    snprintf(path, sizeof path, "%s/testdata/hcl/edge_cases.jsonl", shared_dir());
    size_t jlen;
    char *jl = jt_read_file(path, &jlen);
    cr_assert(jl, "cannot read %s", path);
    tally t = { 0 };
    unsigned lineno = 0;
    for (char *line = jl; line && *line;) {
        char *nl = strchr(line, '\n');
        size_t ll = nl ? (size_t)(nl - line) : strlen(line);
        lineno++;
        if (ll) {
            char err[256];
            jt *c = jt_parse(line, ll, err, sizeof err);
            cr_assert(c, "edge case line %u: %s", lineno, err);
            const jt *src = jt_get(c, "src");
            cr_assert(src && src->kind == JT_STR, "edge case line %u: no src", lineno);
            char name[64];
            snprintf(name, sizeof name, "edge_cases.jsonl:%u", lineno);
            verdict v;
            judge_exact(&fa, &sa, name, src->s, src->slen, &v);
            t.total++;
            if (v.skim_rc == 1) t.accepted++;
            if (v.bad) {
                t.bad++;
                report_bad(&fl, name, &v);
            }
            jt_free(c);
        }
        line = nl ? nl + 1 : NULL;
    }
    free(jl);
    cr_assert_eq(t.total, 350, "edge_cases.jsonl holds 350 inputs, read %u", t.total);
    print_tally("testdata/hcl/edge_cases.jsonl", &t);
    total += t.total;

    fprintf(stderr, "test_skim: %u inputs compared, %u difference(s)\n", total, fl.n);
    ar_free(&fa);
    ar_free(&sa);
    cr_assert_gt(total, 1300, "expected the whole corpus and conformance material, read %u inputs", total);
    cr_assert_eq(fl.n, 0, "%u input(s) accepted by the skim differ from hcl_parse; first: %s", fl.n,
                 fl.first);
}

/* The point of the skim: ordinary files take the fast path.  Only skim_parse
 * runs here; the test above proves what it accepts is right. */
Test(skim_corpus, real_mods_are_at_least_97_percent_accepted)
{
    ar_arena sa;
    ar_init(&sa, 0);
    int short_of = 0;
    char msg[1024] = "";
    for (size_t m = 0; m < NREAL; m++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/corpus/%s", shared_dir(), REAL_MODS[m]);
        paths files = { 0 };
        walk(&files, dir, PP_EXT);
        cr_assert_gt(files.n, 50, "expected the %s mod's files under %s", REAL_MODS[m], dir);
        unsigned accepted = 0, listed = 0;
        for (size_t i = 0; i < files.n; i++) {
            size_t len;
            char *text = jt_read_file(files.v[i], &len);
            cr_assert(text, "cannot read %s", files.v[i]);
            char *buf = malloc(len);
            cr_assert(buf || !len);
            if (len) memcpy(buf, text, len);
            free(text);
            ar_reset(&sa);
            hcl_file f;
            int rc = skim_parse(files.v[i], buf, len, &sa, &f);
            free(buf);
            if (rc == 1) accepted++;
            else if (listed++ < 5) fprintf(stderr, "test_skim: declined %s\n", files.v[i]);
        }
        fprintf(stderr, "test_skim: acceptance %-30s %4u/%-4zu (%5.1f%%)\n", REAL_MODS[m], accepted, files.n,
                100.0 * accepted / (double)files.n);
        if ((size_t)accepted * 100 < files.n * 97) {
            short_of++;
            size_t l = strlen(msg);
            snprintf(msg + l, sizeof msg - l, " %s %u/%zu;", REAL_MODS[m], accepted, files.n);
        }
        paths_free(&files);
    }
    ar_free(&sa);
    cr_assert_eq(short_of, 0, "the skim accepts under 97%% of the files of:%s", msg);
}

/* ------------------------------------------------------------ mutants */

/* xorshift32: a fixed sequence, so a failing mutant is reproducible */
static uint32_t next_rand(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

/* Real files changed in one place: cut short, one byte deleted, one byte
 * inserted or replaced, or a short piece of syntax inserted.  Most become
 * syntax errors near the constructs the skim reads; none may be accepted with
 * a different tree. */
Test(skim_mutants, changed_real_files_are_declined_or_read_exactly)
{
    static const char bytes[] = "\"{}[]()=,.\n\r\t\\$%~*#/<>:?!0a- \x00\xff\xc3";
    /* syntax outside the common subset, and text whose columns are not its
     * bytes (combining mark, wide and ZWJ sequences, a flag) */
    static const char *const pieces[] = {
        "${",
        "%{",
        "~}",
        "/*",
        "*/",
        "<<EOT\n",
        "<<-EOT\n",
        "\\u00e9",
        "\\",
        "...",
        "::",
        "[*]",
        ".*",
        " ? 1 : 2",
        "=>",
        "\r\n",
        "\xe2\x80\x9c",
        "e\xcc\x81",
        "\xe4\xb8\xad",
        "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb",
        "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7",
        "$${",
        "%%{",
        "\"\"",
        "{}",
        "[]",
        "()",
        " + 1",
        "#",
        "//",
        "\n\n",
        "1e3",
        ".0",
    };
    ar_arena fa, sa;
    ar_init(&fa, 0);
    ar_init(&sa, 0);
    paths files = { 0 };
    for (size_t m = 0; m < NREAL; m++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/corpus/%s", shared_dir(), REAL_MODS[m]);
        walk(&files, dir, PP_EXT);
    }
    uint32_t seed = 0x5eed1234u;
    unsigned mutants = 0, accepted = 0;
    failures fl = { 0, "" };
    /* every 5th file (about 180), 32 mutants each */
    for (size_t i = 0; i < files.n; i += 5) {
        size_t len;
        char *text = jt_read_file(files.v[i], &len);
        cr_assert(text);
        if (len > 32768) {   /* keep the test quick under ASan */
            free(text);
            continue;
        }
        char *buf = malloc(len + 64);
        cr_assert(buf);
        for (int k = 0; k < 32 && len; k++) {
            size_t pos = next_rand(&seed) % len;
            /* half of them at structure: the next special byte of the file */
            if (k & 1)
                while (pos < len - 1 && !strchr("\"{}[]()=,$<\n", text[pos])) pos++;
            int op = (int)(next_rand(&seed) % 5);
            char one = bytes[next_rand(&seed) % (sizeof bytes - 1)];
            const char *ins = &one;
            size_t nins = 1, n = 0;
            if (op == 4) {
                ins = pieces[next_rand(&seed) % (sizeof pieces / sizeof pieces[0])];
                nins = strlen(ins);
            }
            switch (op) {
            case 0:   /* cut */
                memcpy(buf, text, pos);
                n = pos;
                break;
            case 1:   /* delete */
                memcpy(buf, text, pos);
                memcpy(buf + pos, text + pos + 1, len - pos - 1);
                n = len - 1;
                break;
            case 3:   /* replace */
                memcpy(buf, text, len);
                buf[pos] = one;
                n = len;
                break;
            default:   /* insert */
                memcpy(buf, text, pos);
                memcpy(buf + pos, ins, nins);
                memcpy(buf + pos + nins, text + pos, len - pos);
                n = len + nins;
                break;
            }
            char name[4400];
            snprintf(name, sizeof name, "%s (mutant %d: op %d at byte %zu, inserted %zu byte(s) from 0x%02x)",
                     files.v[i], k, op, pos, op >= 2 ? nins : 0, (unsigned char)ins[0]);
            verdict v;
            judge_exact(&fa, &sa, name, buf, n, &v);
            mutants++;
            if (v.skim_rc == 1) accepted++;
            if (v.bad) report_bad(&fl, name, &v);
        }
        free(buf);
        free(text);
    }
    paths_free(&files);
    ar_free(&fa);
    ar_free(&sa);
    fprintf(stderr, "test_skim: %u mutants, %u accepted, %u difference(s)\n", mutants, accepted, fl.n);
    cr_assert_gt(mutants, 4000);
    cr_assert_eq(fl.n, 0, "%u mutant(s) accepted by the skim differ from hcl_parse; first: %s", fl.n,
                 fl.first);
}

/* ------------------------------------------------------------ units */

typedef struct unit {
    const char *name;
    const char *src;
    size_t len;
} unit;

/* sizeof keeps embedded NUL bytes */
#define U(name, s) { name, s, sizeof(s) - 1 }

/* The common subset skim.h promises to read. */
static const unit MUST_ACCEPT[] = {
    U("quoted label", "dashboard \"d\" {\n  title = \"T\"\n}\n"),
    U("two quoted labels", "b \"x\" \"y\" {\n  c = 1\n}\n"),
    U("bare label", "resource aws_s3 \"b\" {\n}\n"),
    U("no label", "locals {\n  a = 1\n}\n"),
    U("nested blocks",
      "dashboard \"d\" {\n  container {\n    card {\n      sql = \"select 1\"\n      width = 2\n"
      "    }\n  }\n  text {\n    value = \"x\"\n  }\n}\n"),
    U("empty body", "x {\n}\n"),
    U("empty labelled body", "benchmark \"b\" {\n}\n"),
    U("plain string", "a = \"hello world\"\n"),
    U("escapes", "a = \"l1\\nl2\\tt \\\"q\\\" back\\\\slash\"\n"),
    U("non-ASCII string", "a = \"Caf\xc3\xa9 \xe2\x80\x94 \xe2\x80\x99quoted\xe2\x80\x99\"\n"),
    U("interpolation", "a = \"a ${var.x} b\"\n"),
    U("interpolation alone", "a = \"${local.y}\"\n"),
    U("interpolation of a call", "a = \"x-${lower(var.y)}\"\n"),
    U("empty string", "a = \"\"\n"),
    U("heredoc", "a = <<EOT\nline one\n  two ${local.x} end\n\nEOT\n"),
    U("indented heredoc",
      "q {\n  sql = <<-EOQ\n    select *\n      from t\n\n    where x = '${local.x}'\n  EOQ\n}\n"),
    U("empty heredoc", "a = <<EOT\nEOT\n"),
    U("numbers", "a = 4\nb = 1.5\nc = 1e3\nd = 0\n"),
    U("true false null", "a = true\nb = false\nc = null\n"),
    U("traversals", "a = a.b.c\nb = a.b[0]\nc = a[\"k\"]\nd = var.x\n"),
    U("call with object", "a = merge(local.t, { k = \"v\" })\n"),
    U("nested calls", "a = format(\"%s-%s\", upper(var.x), lower(trimspace(var.y)))\n"),
    U("call without arguments", "a = timestamp()\n"),
    U("multi-line call", "a = merge(\n  local.common_tags,\n  {\n    service = \"AWS/S3\"\n  }\n)\n"),
    U("single-line tuples", "a = [1, \"two\", var.three]\nb = []\nc = [1, 2,]\n"),
    U("multi-line tuple", "children = [\n  benchmark.a, # first\n  // second\n  control.b,\n]\n"),
    U("multi-line tuple without trailing comma", "children = [\n  benchmark.a,\n  control.b\n]\n"),
    U("objects",
      "tags = {\n  service = \"AWS/S3\"\n  \"quoted key\" = 1\n}\nt = { a = 1, b = \"x\" }\ne = {}\n"),
    U("nested collections", "a = {\n  k = [\n    { x = 1 },\n    { y = [1, 2] },\n  ]\n}\n"),
    U("comments", "# top\n// slash\na = 1 # after\nb = \"x\" // after\nblk {\n  # inner\n  c = 2 // c\n}\n"),
    U("no trailing newline (attribute)", "a = 1"),
    U("no trailing newline (block)", "blk \"x\" {\n  a = 1\n}"),
    U("no trailing newline (comment)", "a = 1\n# end"),
    U("empty file", ""),
    U("only newlines", "\n\n\n"),
    U("comments only", "# only\n// comments\n"),
    U("control", "control \"c\" {\n  title       = \"S3 buckets should be encrypted\"\n"
                 "  description = \"Checks \\\"things\\\".\"\n  query       = query.s3_encrypted\n"
                 "  args = {\n    x = var.y\n  }\n  tags = merge(local.aws_tags, {\n    service = "
                 "\"AWS/S3\"\n  })\n}\n"),
    U("query with param", "query \"q\" {\n  sql = <<-EOQ\n    select $1\n  EOQ\n\n  param \"arn\" {\n"
                          "    description = \"The ARN.\"\n    default     = \"\"\n  }\n}\n"),
};

/* Syntax errors (each checked below to be one for hcl_parse): the skim must
 * leave them to the full parser, which has the diagnostics. */
static const unit MUST_DECLINE[] = {
    U("unterminated string", "a = \"abc\n"),
    U("unterminated string at EOF", "a = \"abc"),
    U("unterminated heredoc", "a = <<EOT\nabc\n"),
    U("missing =", "a 1\n"),
    U("missing = before string", "a \"x\"\n"),
    U("{ without }", "blk {\n  a = 1\n"),
    U("extra }", "a = 1\n}\n"),
    U("bad escape", "a = \"\\q\"\n"),
    U("value missing", "a =\n"),
    U("value missing at EOF", "a ="),
    U("two attributes on one line", "a = 1 b = 2\n"),
    U("invalid UTF-8 in a string", "a = \"\xff\"\n"),
    U("truncated UTF-8 in a string", "a = \"caf\xc3\"\n"),
    U("NUL byte", "a = 1\x00\n"),
    U("NUL byte between attributes", "a = 1\n\x00\nb = 2\n"),
    U("unterminated interpolation", "a = \"${x\"\n"),
    U("unclosed call", "a = f(1,\n"),
    U("tuple without comma", "a = [1 2]\n"),
    U("object without separator", "a = { x = 1 y = 2 }\n"),
    U("attribute redefined", "a = 1\na = 2\n"),
    U("unterminated label", "blk \"x {\n}\n"),
    U("block on one line with two items", "b { a = 1\n}\n"),
    U("label without body", "blk \"x\"\n"),
};

/* Valid, outside the common subset or at its edges: declining is fine, and
 * accepting must give the same tree.  (300 nested tuples exceed the full
 * parser's depth limit, an error: declined then.) */
static const unit EITHER[] = {
    U("operators", "a = 1 + 2 * 3 - -4 / 5 % 6\nb = !true && false || x == y\nc = a < b\n"),
    U("conditional", "a = var.x ? \"y\" : \"z\"\n"),
    U("tuple for", "a = [for s in var.l : upper(s) if s != \"\"]\n"),
    U("object for", "a = { for k, v in var.m : k => v... }\n"),
    U("splats", "a = var.l[*].id\nb = var.l.*.id\nc = x[*]\n"),
    U("if directive", "a = \"%{if var.x}yes%{else}no%{endif}\"\n"),
    U("for directive", "a = \"%{for i in var.l}${i},%{endfor}\"\n"),
    U("strip markers",
      "a = \"x ${~ var.y ~} z\"\nb = <<EOT\n  a\n  %{~ if true ~}\n  b\n  %{~ endif ~}\nEOT\n"),
    U("block comments", "/* c */ a = 1 /* d\n e */\nb = /* x */ 2\n"),
    U("CRLF", "a = 1\r\nb {\r\n  c = \"x\"\r\n}\r\n"),
    U("CRLF heredoc", "a = <<EOT\r\nx\r\nEOT\r\n"),
    U("single-line block", "a \"b\" { c = 1 }\n"),
    U("single-line empty block", "a \"b\" {}\n"),
    U("labels with escapes", "a \"b\\\"c\\n\" \"\\u00e9\" {\n}\n"),
    U("function namespace", "a = provider::ns::f(1)\n"),
    U("expansion", "a = f(var.l...)\n"),
    U("legacy index", "a = var.l.0.id\n"),
    U("parentheses", "a = (1)\nb = (var.x).y\nc = { (var.k) = 1 }\n"),
    U("computed index", "a = var.m[var.k]\nb = f(1)[0]\nc = [1, 2][0]\n"),
    U("colon in object", "a = { x: 1, \"y\": 2 }\n"),
    U("escaped interpolation", "a = \"$${x} %%{y}\"\n"),
    U("lone dollar and percent", "a = \"$ % $x %x\"\n"),
    U("unicode escapes", "a = \"\\u00e9\\U0001F600\"\n"),
    U("NFC normalisation", "a = \"e\xcc\x81\"\n"),
    U("non-ASCII identifier", "caf\xc3\xa9 = 1\n"),
    U("identifiers with dashes", "a-b = c-d.e-f\n"),
    U("NUL in a string", "a = \"x\x00y\"\n"),
    U("NUL in a heredoc", "a = <<EOT\nx\x00y\nEOT\n"),
    U("control byte in a string", "a = \"x\x01y\"\n"),
    U("tab in a string", "a = \"x\ty\"\n"),
    U("tabs as indentation", "b {\n\ta = 1\n\tc = [\n\t\t1,\n\t]\n}\n"),
    U("NUL in a comment", "# x\x00y\na = 1\n"),
    U("invalid UTF-8 in a comment", "# \xff\na = 1\n"),
    U("number forms", "a = 1.5e+10\nb = 1E-3\nc = 007\n"),
    U("huge number", "a = 1e999999999999\n"),
    U("heredoc marker forms", "a = <<-EOT\n  x\n    EOT\nb = <<EOT\n${x}\nEOT\n"),
    U("heredoc ending without newline", "a = <<EOT\nx\nEOT"),
    U("interpolation with template inside", "a = \"${\"${x}\"}\"\n"),
    U("string object key with interpolation", "a = { \"${x}\" = 1 }\n"),
    U("comment ending in CR", "# x\r\na = 1\n"),
    U("lone CR", "a = 1\rb = 2\n"),
    U("trailing spaces and tabs", "a = 1   \t\nb {   \n}  \n"),
    U("byte order mark", "\xef\xbb\xbf"
                         "a = 1\n"),
    U("semicolon", "a = 1;\n"),
    /* columns count grapheme clusters: what follows non-ASCII text on a line */
    U("combining mark then more tokens", "a = { x = \"e\xcc\x81\", y = 1 }\n"),
    U("wide characters then more tokens", "a = [\"\xe4\xb8\xad\xe6\x96\x87\", 1]\n"),
    U("ZWJ emoji then more tokens", "a = [\"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb\", x]\n"),
    U("flags then more tokens",
      "a = [\"\xf0\x9f\x87\xab\xf0\x9f\x87\xb7\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa\", x]\n"),
    U("Hangul jamo then more tokens", "a = [\"\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8\", x]\n"),
    U("non-ASCII around interpolations", "a = \"\xc3\xa9${x}\xc3\xa9${y}e\xcc\x81\"\n"),
    U("non-ASCII in a heredoc", "a = <<-EOT\n  caf\xc3\xa9 ${x} e\xcc\x81\n  EOT\n"),
    U("non-ASCII labels", "b \"caf\xc3\xa9\" \"e\xcc\x81\" {\n  a = 1\n}\n"),
    U("non-ASCII object key", "a = { \"caf\xc3\xa9\" = 1, b = 2 }\n"),
    U("non-ASCII comments", "# caf\xc3\xa9 \xe2\x80\x94\na = 1 // \xe2\x80\x99\nb = 2 # \xe4\xb8\xad\n"),
    /* the file's range ends on the last line: its columns too (fuzz_skim found this) */
    U("non-ASCII comment at EOF without newline", "a = 1\n# caf\xc3\xa9 \xe2\x80\x94"),
    U("non-ASCII comment after an attribute at EOF", "a = 1 // \xe2\x80\x94"),
    U("non-ASCII comment in a block at EOF", "b {\n}\n# \xe4\xb8\xad\xe6\x96\x87 e\xcc\x81"),
};

static void run_units(const unit *u, size_t n, int want)
{
    /* junk after the input: a skim that reads past len sees more syntax */
    static const char junk[] = "\"}]\n${x\x00";
    ar_arena fa, sa;
    ar_init(&fa, 0);
    ar_init(&sa, 0);
    unsigned accepted = 0;
    char names[4096] = "";
    for (size_t i = 0; i < n; i++) {
        verdict v, w;
        judge_exact(&fa, &sa, u[i].name, u[i].src, u[i].len, &v);
        if (v.skim_rc == 1) accepted++;
        if (want < 0 && v.skim_rc == 1) {
            size_t l = strlen(names);
            snprintf(names + l, sizeof names - l, "%s[%s]", l ? ", " : "", u[i].name);
        }
        if (want == 1)
            cr_expect_eq(v.full_errors, 0, "[%s] is meant to be valid, hcl_parse finds %d error(s)",
                         u[i].name, v.full_errors);
        if (want == 0)
            cr_expect_gt(v.full_errors, 0, "[%s] is meant to be a syntax error, hcl_parse finds none",
                         u[i].name);
        cr_expect(!v.bad, "[%s]: %s", u[i].name, v.why);
        if (want >= 0)
            cr_expect_eq(v.skim_rc, want, "[%s]: skim_parse returned %d, want %d", u[i].name, v.skim_rc,
                         want);

        char *buf = malloc(u[i].len + sizeof junk);
        cr_assert(buf);
        memcpy(buf, u[i].src, u[i].len);
        memcpy(buf + u[i].len, junk, sizeof junk);
        judge(&fa, &sa, u[i].name, buf, u[i].len, &w);
        free(buf);
        cr_expect(!w.bad, "[%s] followed by junk: %s", u[i].name, w.why);
        cr_expect_eq(w.skim_rc, v.skim_rc,
                     "[%s]: skim_parse returned %d from an exact buffer, %d with junk after it", u[i].name,
                     v.skim_rc, w.skim_rc);
    }
    fprintf(stderr, "test_skim: %s units: %u/%zu accepted%s%s\n",
            want == 1   ? "must-accept"
            : want == 0 ? "must-decline"
                        : "unusual",
            accepted, n, names[0] ? ": " : "", names);
    ar_free(&fa);
    ar_free(&sa);
}

Test(skim_units, the_common_subset_is_accepted_with_the_same_tree)
{
    run_units(MUST_ACCEPT, sizeof MUST_ACCEPT / sizeof MUST_ACCEPT[0], 1);
}

Test(skim_units, syntax_errors_are_declined)
{
    run_units(MUST_DECLINE, sizeof MUST_DECLINE / sizeof MUST_DECLINE[0], 0);
}

Test(skim_units, unusual_valid_input_is_declined_or_read_exactly)
{
    run_units(EITHER, sizeof EITHER / sizeof EITHER[0], -1);
}

/* Columns count grapheme clusters, so every range after non-ASCII text on
 * its line depends on where the clusters break.  Pairs of pieces chosen at
 * the break rules' edges (combining marks, ZWJ sequences, emoji modifiers,
 * regional indicator pairs, Hangul syllable parts, spacing marks, prepend,
 * controls) in each place text may stand, followed by more tokens. */
Test(skim_units, grapheme_clusters_before_more_tokens)
{
    static const char *const pieces[] = {
        "a", "e", " ", "\t", "\\n", "$", "%", "\xcc\x81" /* U+0301 */, "\xe2\x80\x8d" /* ZWJ */,
        "\xe2\x80\x8c" /* ZWNJ */, "\xf0\x9f\x91\xa9" /* U+1F469 */, "\xf0\x9f\x8f\xbd" /* skin tone */,
        "\xf0\x9f\x87\xab" /* RI F */, "\xf0\x9f\x87\xb7" /* RI R */, "\xe1\x84\x80" /* Hangul L */,
        "\xe1\x85\xa1" /* V */, "\xe1\x86\xa8" /* T */, "\xea\xb0\x80" /* LV */, "\xea\xb0\x81" /* LVT */,
        "\xe4\xb8\xad" /* CJK */, "\xef\xb8\x8f" /* VS16 */, "\xe0\xa4\x95" /* Devanagari KA */,
        "\xe0\xa4\xbe" /* spacing mark */, "\xd8\x80" /* prepend */, "\xc2\xa0" /* NBSP */,
        "\xe2\x80\x8b" /* ZWSP */, "\xe2\x80\xa8" /* LS */, "\xc2\x85" /* NEL */, "\xc2\xad" /* SHY */,
        "\xe2\x83\xa3" /* keycap */,
    };
    static const char *const places[] = {
        "a = [\"%s%s\", 1]\n",
        "a = \"x%s${b}%sc\" \n",
        "a = <<EOT\n%s ${b}%s x\nEOT\n",
        "a = <<-EOT\n  %s%s ${b}\n  EOT\n",
        "a = 1 # %s%s",
        "b \"%s%s\" {\n}\n",
        "a = { \"%s%s\" = 1, c = 2 }\n",
    };
    const size_t np = sizeof pieces / sizeof pieces[0];
    ar_arena fa, sa;
    ar_init(&fa, 0);
    ar_init(&sa, 0);
    unsigned inputs = 0, accepted = 0;
    failures fl = { 0, "" };
    for (size_t w = 0; w < sizeof places / sizeof places[0]; w++)
        for (size_t i = 0; i < np; i++)
            for (size_t j = 0; j < np; j++) {
                char src[128], name[160];
                int n = snprintf(src, sizeof src, places[w], pieces[i], pieces[j]);
                cr_assert(n > 0 && (size_t)n < sizeof src);
                snprintf(name, sizeof name, "place %zu, pieces %zu and %zu", w, i, j);
                verdict v;
                judge_exact(&fa, &sa, name, src, (size_t)n, &v);
                inputs++;
                if (v.skim_rc == 1) accepted++;
                if (v.bad) report_bad(&fl, name, &v);
            }
    ar_free(&fa);
    ar_free(&sa);
    fprintf(stderr, "test_skim: grapheme inputs: %u/%u accepted, %u difference(s)\n", accepted, inputs, fl.n);
    cr_assert_eq(fl.n, 0, "%u input(s) accepted by the skim differ from hcl_parse; first: %s", fl.n,
                 fl.first);
}

/* heredoc_fast reads text 64 bytes at a time: every construct it looks at
 * (the marker's first letter in and at the start of lines, the closing line,
 * "${" "$${" "%{" split anywhere, a `<<-` line less indented than the first,
 * blank lines with more blanks than the cut, the last bytes of the file) at
 * every offset in a block, by a run of padding before it. */
Test(skim_units, heredocs_at_every_offset_of_a_block)
{
    static const struct {
        const char *fmt;
        int accept;   /* 1: the skim must read it; else it may decline */
    } shapes[] = {
        { "a = <<-EOT\n    %s\n  E EOTX E\n\n      \n   EOT x\n  x EOT\n  $x %%x $ %% \"q\" \\ \n less\n  "
          "EOT\nb = 1\n",
          1 },
        { "a = <<EOT\n%s\nEOT\n", 1 },
        { "a = <<-EOT\n\n     %sE\n    E\n    EOT\n", 1 },
        { "a = <<-EOT\n  \t%s\n\t  EOT\n", 1 },
        { "a = <<EOT\n%s${x}\nEOT\n", 0 },
        { "a = <<EOT\n%s$${x}\nEOT\n", 0 },
        { "a = <<EOT\n%s%%{ if true }y%%{ endif }\nEOT\n", 0 },
        { "a = <<EOT\n%s\nEOT", 0 },
        { "a = <<EOT\n%s\r\nEOT\n", 0 },
        { "a = <<EOT\n%s\xc3\xa9\nEOT\n", 0 },
    };
    char pad[160], src[512], name[96];
    ar_arena fa, sa;
    ar_init(&fa, 0);
    ar_init(&sa, 0);
    unsigned inputs = 0;
    failures fl = { 0, "" };
    for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++)
        for (size_t n = 0; n < 140; n++) {
            for (size_t i = 0; i < n; i++) pad[i] = "xE$ {%"[i % 6];   /* E, and lone '$', '{' and '%' */
            pad[n] = '\0';
            int len = snprintf(src, sizeof src, shapes[k].fmt, pad);
            cr_assert(len > 0 && (size_t)len < sizeof src);
            snprintf(name, sizeof name, "shape %zu, %zu bytes of padding", k, n);
            verdict v;
            judge_exact(&fa, &sa, name, src, (size_t)len, &v);
            inputs++;
            if (v.bad) report_bad(&fl, name, &v);
            if (shapes[k].accept) cr_expect_eq(v.skim_rc, 1, "[%s] declined:\n%s", name, src);
        }
    ar_free(&fa);
    ar_free(&sa);
    fprintf(stderr, "test_skim: %u heredocs at block offsets, %u difference(s)\n", inputs, fl.n);
    cr_assert_eq(fl.n, 0, "%u heredoc(s) accepted by the skim differ from hcl_parse; first: %s", fl.n,
                 fl.first);
}

static char *nested_tuples(int depth, size_t *len)
{
    char *s = malloc((size_t)depth * 2 + 16);
    cr_assert(s);
    size_t n = 0;
    memcpy(s, "a = ", 4);
    n = 4;
    for (int i = 0; i < depth; i++) s[n++] = '[';
    for (int i = 0; i < depth; i++) s[n++] = ']';
    s[n++] = '\n';
    *len = n;
    return s;
}

Test(skim_units, deep_nesting_is_declined_or_read_exactly)
{
    ar_arena fa, sa;
    ar_init(&fa, 0);
    ar_init(&sa, 0);
    static const int depths[] = { 8, 40, 200, 255, 256, 300, 5000 };
    for (size_t k = 0; k < sizeof depths / sizeof depths[0]; k++) {
        size_t len;
        char *s = nested_tuples(depths[k], &len);
        verdict v;
        char name[64];
        snprintf(name, sizeof name, "%d nested tuples", depths[k]);
        judge_exact(&fa, &sa, name, s, len, &v);
        free(s);
        cr_expect(!v.bad, "[%s]: %s", name, v.why);
        /* beyond HCL_MAX_DEPTH the full parser reports "Nesting too deep" */
        if (depths[k] >= 300) cr_expect_gt(v.full_errors, 0, "[%s]: no depth error", name);
    }
    /* the same depth in blocks */
    for (int depth = 10; depth <= 300; depth += 290) {
        size_t cap = (size_t)depth * 8 + 16, n = 0;
        char *s = malloc(cap);
        cr_assert(s);
        for (int i = 0; i < depth; i++) n += (size_t)snprintf(s + n, cap - n, "b {\n");
        for (int i = 0; i < depth; i++) n += (size_t)snprintf(s + n, cap - n, "}\n");
        verdict v;
        char name[64];
        snprintf(name, sizeof name, "%d nested blocks", depth);
        judge_exact(&fa, &sa, name, s, n, &v);
        free(s);
        cr_expect(!v.bad, "[%s]: %s", name, v.why);
    }
    ar_free(&fa);
    ar_free(&sa);
}

/* ------------------------------------------------------------ ast_cmp itself */

/* Every expression kind, so that equal trees are seen equal through all of them. */
static const char RICH[] =
    "b \"l1\" l2 {\n"
    "  t = \"a ${var.x} b %{if c}y%{else}n%{endif} %{for i in l}${i}%{endfor}\"\n"
    "  w = \"${x}\"\n"
    "  h = <<-EOT\n    x ${y}\n    EOT\n"
    "  r = f(1)[0].a\n"
    "  i = m[k]\n"
    "  s = l[*].a\n"
    "  s2 = l.*.a.b\n"
    "  c = ns::f(1, l...)\n"
    "  tu = [1, true, null]\n"
    "  o = { a = 1, \"b\" = 2, (k) = 3 }\n"
    "  fo = { for k, v in m : k => v... if v }\n"
    "  fl = [for v in l : v]\n"
    "  co = a ? b : c\n"
    "  bi = 1 + 2\n"
    "  un = -x\n"
    "  pa = (x)\n"
    "  lg = a.0.b\n"
    "}\n";

static void parse_twice(ar_arena *a1, ar_arena *a2, const char *src, size_t len, hcl_file *f1, hcl_file *f2)
{
    cr_assert_eq(hcl_parse("t.hcl", src, len, a1, f1), 0);
    cr_assert_eq(hcl_parse("t.hcl", src, len, a2, f2), 0);
    cr_assert_eq(f1->nerrors, 0, "%s at %u:%u", f1->ndiags ? f1->diags[0].summary : "",
                 f1->ndiags ? f1->diags[0].range.line : 0, f1->ndiags ? f1->diags[0].range.col : 0);
}

static const hcl_attr *attr_named(const hcl_body *b, const char *name)
{
    for (uint32_t i = 0; i < b->nattrs; i++)
        if (b->attrs[i].name.len == strlen(name) &&
            memcmp(b->attrs[i].name.p, name, b->attrs[i].name.len) == 0)
            return &b->attrs[i];
    cr_assert_fail("no attribute %s", name);
    return NULL;
}

Test(ast_cmp, equal_trees_are_equal_and_one_change_is_named)
{
    ar_arena a1, a2;
    ar_init(&a1, 0);
    ar_init(&a2, 0);
    hcl_file f1, f2;
    char why[512];
    parse_twice(&a1, &a2, RICH, sizeof RICH - 1, &f1, &f2);
    cr_assert_eq(ast_cmp_file(&f1, &f2, why, sizeof why), 0, "%s", why);
    cr_assert_str_empty(why);

    hcl_body *b2 = f2.body->blocks[0].body;
    /* t's template: parts "a ", var.x, " b ", the %{if} ...; part 1 is
     * `var.x`, columns 12 to 17 (exclusive) of line 2 */
    hcl_expr *part = (hcl_expr *)attr_named(b2, "t")->expr->u.tmpl.parts[1];
    part->range.end_col++;
    cr_assert_neq(ast_cmp_file(&f1, &f2, why, sizeof why), 0);
    cr_assert_str_eq(why, "body.blocks[0].body.attrs[0].expr.u.tmpl.parts[1].range.end_col: 17 vs 18");
    part->range.end_col--;

    /* a string compared by bytes: a copy elsewhere is equal, a changed byte is not */
    hcl_attr *ba = (hcl_attr *)attr_named(b2, "c");
    hcl_str old = ba->expr->u.call.name;
    char copy[16];
    memcpy(copy, old.p, old.len);
    ba->expr->u.call.name.p = copy;
    cr_assert_eq(ast_cmp_file(&f1, &f2, why, sizeof why), 0, "%s", why);
    copy[0] = 'N';
    cr_assert_neq(ast_cmp_file(&f1, &f2, why, sizeof why), 0);
    cr_assert_str_eq(why,
                     "body.blocks[0].body.attrs[7].expr.u.call.name: \"ns::f\" (len 5) vs \"Ns::f\" (len 5)");
    ba->expr->u.call.name = old;

    /* a label, a block range, a flag, a step */
    f2.body->blocks[0].label_ranges[1].col = 99;
    cr_assert_neq(ast_cmp_file(&f1, &f2, why, sizeof why), 0);
    cr_assert_str_eq(why, "body.blocks[0].label_ranges[1].col: 8 vs 99");
    f2.body->blocks[0].label_ranges[1].col = 8;

    hcl_expr *fo = attr_named(b2, "fo")->expr;
    fo->u.forx.group = 0;
    cr_assert_neq(ast_cmp_file(&f1, &f2, why, sizeof why), 0);
    cr_assert_str_eq(why, "body.blocks[0].body.attrs[10].expr.u.forx.group: 1 vs 0");
    fo->u.forx.group = 1;

    hcl_expr *lg = attr_named(b2, "lg")->expr;
    lg->u.trav.steps[0].legacy = 0;
    cr_assert_neq(ast_cmp_file(&f1, &f2, why, sizeof why), 0);
    cr_assert_str_eq(why, "body.blocks[0].body.attrs[16].expr.u.trav.steps[0].legacy: 1 vs 0");
    lg->u.trav.steps[0].legacy = 1;

    /* a missing optional child */
    hcl_expr *cond = fo->u.forx.cond;
    fo->u.forx.cond = NULL;
    cr_assert_neq(ast_cmp_file(&f1, &f2, why, sizeof why), 0);
    cr_assert_str_eq(why, "body.blocks[0].body.attrs[10].expr.u.forx.cond: set vs NULL");
    fo->u.forx.cond = cond;

    /* the splat's element symbol: a look-alike that is not the splat's item */
    hcl_expr *sp = attr_named(b2, "s")->expr;
    cr_assert_eq(sp->kind, HCL_EXPR_SPLAT);
    cr_assert_eq(sp->u.splat.each->kind, HCL_EXPR_REL_TRAV);
    cr_assert_eq(sp->u.splat.each->u.rel.source, sp->u.splat.item);
    hcl_expr fake = *sp->u.splat.item;
    sp->u.splat.each->u.rel.source = &fake;
    cr_assert_neq(ast_cmp_file(&f1, &f2, why, sizeof why), 0);
    cr_assert_str_eq(
        why, "body.blocks[0].body.attrs[5].expr.u.splat.each.u.rel.source.(identity): item of enclosing "
             "splat 1 vs 0 (0: not a splat's item)");
    sp->u.splat.each->u.rel.source = sp->u.splat.item;
    cr_assert_eq(ast_cmp_file(&f1, &f2, why, sizeof why), 0, "%s", why);

    /* file level: a diagnostic more */
    f2.ndiags = 1;
    cr_assert_neq(ast_cmp_file(&f1, &f2, why, sizeof why), 0);
    cr_assert_str_eq(why, "ndiags: 0 vs 1");
    f2.ndiags = 0;

    /* different sources with the same shape */
    ar_reset(&a1);
    ar_reset(&a2);
    static const char s1[] = "a = [1, 2]\n", s2[] = "a = [1, 3]\n";
    cr_assert_eq(hcl_parse("t.hcl", s1, sizeof s1 - 1, &a1, &f1), 0);
    cr_assert_eq(hcl_parse("t.hcl", s2, sizeof s2 - 1, &a2, &f2), 0);
    cr_assert_neq(ast_cmp_file(&f1, &f2, why, sizeof why), 0);
    cr_assert_str_eq(why, "src: \"a = [1, 2]\\x0a\" (len 11) vs \"a = [1, 3]\\x0a\" (len 11)");
    cr_assert_neq(ast_cmp_expr(f1.body->attrs[0].expr, f2.body->attrs[0].expr, "a", why, sizeof why), 0);
    cr_assert_str_eq(why, "a.u.tuple.items[1].u.lit.text: \"2\" (len 1) vs \"3\" (len 1)");

    ar_free(&a1);
    ar_free(&a2);
}
