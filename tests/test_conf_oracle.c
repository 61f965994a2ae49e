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
#include <sys/wait.h>
#include <unistd.h>

#include "lazypipe.h"
#include "support/jsontree.h"

typedef struct paths {
    char **v;
    size_t n, cap;
} paths;

static void add_path(paths *ps, const char *p)
{
    if (ps->n == ps->cap) {
        ps->cap = ps->cap ? ps->cap * 2 : 256;
        ps->v = realloc(ps->v, ps->cap * sizeof *ps->v);
        cr_assert(ps->v);
    }
    ps->v[ps->n++] = strdup(p);
}

static int by_bytes(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int wanted(const char *name)
{
    static const char *const ext[] = { ".pp", ".hcl", ".sp", ".ppvars", ".spvars", ".tf" };
    const char *dot = strrchr(name, '.');
    if (!dot) return 0;
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
        if (strcmp(dot, ext[i]) == 0) return 1;
    return 0;
}

/* The oracle's own selection: recursive, byte order, skipping node_modules and .git. */
static void walk(paths *ps, const char *dir)
{
    DIR *d = opendir(dir);
    cr_assert(d, "cannot open %s (set LP_SHARED)", dir);
    paths names = { 0 };
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) add_path(&names, e->d_name);
    closedir(d);
    qsort(names.v, names.n, sizeof *names.v, by_bytes);
    for (size_t i = 0; i < names.n; i++) {
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", dir, names.v[i]);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (strcmp(names.v[i], "node_modules") && strcmp(names.v[i], ".git")) walk(ps, p);
        } else if (wanted(names.v[i])) {
            add_path(ps, p);
        }
        free(names.v[i]);
    }
    free(names.v);
}

static void ignore_diag(void *user, const lp_diag *d)
{
    (void)user;
    (void)d;
}

Test(conf_oracle, corpus_and_powerpipe_testdata_match_hcl_live, .timeout = 600)
{
    const char *shared = getenv("LP_SHARED");
    if (!shared || !*shared) shared = "../shared";
    const char *np = getenv("NODE_PATH");
    cr_assert(np && *np, "NODE_PATH is not set: the oracle needs @cdktf/hcl2json (make bootstrap installs it)");

    paths files = { 0 };
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/corpus", shared);
    walk(&files, dir);
    snprintf(dir, sizeof dir, "%s/testdata/powerpipe", shared);
    walk(&files, dir);
    cr_assert_gt(files.n, 900, "expected the corpus files, found %zu", files.n);

    char list[] = "/tmp/lp_oracle_list_XXXXXX";
    int fd = mkstemp(list);
    cr_assert(fd >= 0);
    FILE *lf = fdopen(fd, "w");
    for (size_t i = 0; i < files.n; i++) fprintf(lf, "%s\n", files.v[i]);
    fclose(lf);

    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s/tools/hcl-oracle' --files-from='%s'", shared, list);
    FILE *o = popen(cmd, "r");
    cr_assert(o, "cannot run %s", cmd);
    size_t cap = 1 << 20, len = 0;
    char *out = malloc(cap);
    for (;;) {
        if (len + 1 >= cap) out = realloc(out, cap *= 2);
        size_t r = fread(out + len, 1, cap - len - 1, o);
        if (!r) break;
        len += r;
    }
    out[len] = '\0';
    int st = pclose(o);
    unlink(list);
    int code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    /* 0: all parsed; 1: some failed; 2 / 127 / signals: no node, no package, usage */
    cr_assert(code == 0 || code == 1, "the oracle did not run (status %d): is node installed and NODE_PATH=%s right?",
              code, np);

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
                cr_log_error("%s: oracle says %s (%s), we return %d", file->s, stage->s, jt_get(want, "error")->s, rc);
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
    for (size_t i = 0; i < files.n; i++) free(files.v[i]);
    free(files.v);
    free(out);
}
