/* test_load.c — on-demand loading (issue 14): every resource of the corpora
 * loads; literal fields equal hashicorp/hcl's parse of the same block (the
 * oracle's JSON, not our own output); `query = query.x` carries exactly x's
 * SQL as the oracle reads it; the cache scenarios of POWERPIPE_BEHAVIOR
 * §10.3; files changed, truncated or deleted after the open; syntax errors
 * in one block; cycles and missing children; out of memory at every
 * allocation of a load. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lazypipe_test.h"
#include "support/imgbytes.h"
#include "support/jsontree.h"
#include "support/oracle.h"
#include "support/paths.h"
#include "support/runfix.h"
#include "support/shared.h"

static lp_workspace *open_ws(const char *dir, const lp_workspace_opts *extra)
{
    lp_workspace_opts o = { 0 };
    if (extra) o = *extra;
    o.no_background = 1;
    lp_workspace *ws = NULL;
    lp_error err;
    int rc = lp_open(dir, &o, &ws, &err);
    cr_assert_eq(rc, LP_OK, "lp_open(%s): %s", dir, err.message);
    return ws;
}

/* Load every entry (variables apart): the number that failed; the first few logged. */
static size_t load_all(lp_workspace *ws, size_t *loaded)
{
    size_t failed = 0;
    *loaded = 0;
    for (uint32_t id = 0; id < lp_entry_count(ws); id++) {
        lp_entry_info e;
        lp_entry_get(ws, id, &e);
        if (e.kind == LP_KIND_VARIABLE) continue;
        lp_resource *r;
        lp_error err;
        int rc = lp_load_entry(ws, id, &r, &err);
        lp_file_info fi;
        lp_file_get(ws, e.file, &fi);
        if (rc == LP_ERR_SYNTAX && fi.status == LP_ERR_SYNTAX) {
            /* a block hashicorp/hcl rejects too (the index saw the file's errors): file:line:col */
            cr_expect(strstr(err.message, fi.path), "%s", err.message);
            (*loaded)++;
            continue;
        }
        if (rc != LP_OK) {
            if (failed++ < 10) cr_log_error("%s: %d %s", e.name, rc, err.message);
            continue;
        }
        (*loaded)++;
        cr_expect_str_eq(lp_resource_name(r), e.name);
        cr_expect_eq(lp_resource_entry(r), id);
        lp_buf b = { 0 };
        cr_expect_eq(lp_resource_json(r, &b), LP_OK);
        lp_buf_free(&b);
        lp_resource_release(r);
    }
    return failed;
}

static const char *const GOOD_MODS[] = {
    "corpus/aws_compliance",
    "corpus/aws_insights",
    "corpus/aws_cloudtrail_log_detections",
    "testdata/powerpipe/lazy-loading-tests/simple",
    "testdata/powerpipe/lazy-loading-tests/deep-hierarchy",
    "testdata/powerpipe/lazy-loading-tests/wide-hierarchy",
    "testdata/powerpipe/lazy-loading-tests/cross-refs",
    "testdata/powerpipe/lazy-loading-tests/edge-cases",
    "testdata/powerpipe/lazy-loading-tests/multi-mod/main",
    "testdata/powerpipe/lazy-loading-tests/generated/small",
};

Test(load, every_resource_of_the_corpora_loads)
{
    for (size_t m = 0; m < sizeof GOOD_MODS / sizeof GOOD_MODS[0]; m++) {
        const char *dir = ts_shared(GOOD_MODS[m]);
        lp_workspace *ws = open_ws(dir, NULL);
        size_t loaded, failed = load_all(ws, &loaded);
        cr_expect_eq(failed, 0, "%s: %zu of %zu resources failed to load", GOOD_MODS[m], failed,
                     failed + loaded);
        cr_expect_gt(loaded, 0, "%s: nothing loaded", GOOD_MODS[m]);
        lp_close(ws);
    }
}

/* ------------------------------------------------------------ against the oracle */

/* The oracle's string value: a literal (not an expression hcl2json wrote as "${...}"). */
static const char *literal(const jt *v)
{
    if (!v || v->kind != JT_STR || strstr(v->s, "${") || strstr(v->s, "%{")) return NULL;
    return v->s;
}

/* Does got match the oracle's template text want, whose "${...}" and "%{...}"
 * parts hcl2json writes as their source?  Every literal fragment between them
 * must appear in got, in order, the first at its start and the last at its end. */
static int template_matches(const char *got, const char *want)
{
    const char *g = got, *w = want;
    int first = 1;
    for (;;) {
        const char *open = w;
        while (*open && !((open[0] == '$' || open[0] == '%') && open[1] == '{')) open++;
        size_t flen = (size_t)(open - w);
        if (!*open) {   /* the last fragment: the end of got */
            size_t gl = strlen(g);
            if (gl < flen || strncmp(g + gl - flen, w, flen)) return 0;
            return first ? gl == flen : 1;
        }
        char *frag = strndup(w, flen);
        const char *at = first ? (strncmp(g, frag, flen) ? NULL : g) : strstr(g, frag);
        free(frag);
        if (!at) return 0;
        g = at + flen;
        first = 0;
        int depth = 0;
        for (w = open + 1; *w; w++) {
            if (*w == '{') depth++;
            else if (*w == '}' && --depth == 0) break;
        }
        if (!*w) return 0;
        w++;
    }
}

Test(load, literal_fields_and_query_sql_equal_the_oracle, .timeout = 600)
{
    static const char *const mods[] = { "corpus/aws_compliance", "corpus/aws_insights",
                                        "corpus/aws_cloudtrail_log_detections",
                                        "testdata/powerpipe/lazy-loading-tests/cross-refs",
                                        "testdata/powerpipe/lazy-loading-tests/simple" };
    size_t checked = 0, sql_checked = 0, bad = 0;
    for (size_t m = 0; m < sizeof mods / sizeof mods[0]; m++) {
        lp_workspace *ws = open_ws(ts_shared(mods[m]), NULL);
        jt **docs = orc_workspace(ws);
        for (uint32_t id = 0; id < lp_entry_count(ws); id++) {
            lp_entry_info e;
            lp_entry_get(ws, id, &e);
            if (e.kind == LP_KIND_VARIABLE || e.is_nested || !docs[e.file]) continue;
            const jt *body = orc_block(jt_get(docs[e.file], "json"), lp_kind_name(e.kind), e.short_name);
            if (!body) continue;
            lp_resource *r;
            lp_error err;
            cr_assert_eq(lp_load_entry(ws, id, &r, &err), LP_OK, "%s: %s", e.name, err.message);
            static const char *const fields[] = { "title", "description", "documentation", "severity", "sql",
                                                  "display", "type", "icon", "label", "value" };
            for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
                const char *want = literal(jt_get(body, fields[i]));
                if (!want) continue;
                const char *got = lp_resource_str(r, fields[i]);
                checked++;
                if (!got || strcmp(got, want)) {
                    if (bad++ < 10)
                        cr_log_error("%s.%s: got %.80s, oracle %.80s", e.name, fields[i], got, want);
                }
            }
            /* literal tags: each one the oracle gives as a string */
            const jt *tags = jt_get(body, "tags");
            if (tags && tags->kind == JT_OBJ) {
                for (size_t i = 0; i < tags->n; i++) {
                    const char *want = literal(tags->items[i]);
                    if (!want) continue;
                    checked++;
                    int found = 0;
                    for (uint32_t t = 0; t < lp_resource_tag_count(r); t++) {
                        const char *k, *v;
                        lp_resource_tag(r, t, &k, &v);
                        if (!strcmp(k, tags->keys[i])) found = !strcmp(v, want);
                    }
                    if (!found && bad++ < 10) cr_log_error("%s: tag %s != %s", e.name, tags->keys[i], want);
                }
            }
            /* query = query.x: x's sql as the oracle reads x's block */
            const jt *q = jt_get(body, "query");
            if (q && q->kind == JT_STR && !strncmp(q->s, "${query.", 8)) {
                char qname[512];
                snprintf(qname, sizeof qname, "%s.query.%.*s", e.mod_name, (int)(strlen(q->s) - 9), q->s + 8);
                uint32_t qid = lp_lookup(ws, qname);
                cr_assert_neq(qid, LP_NO_ENTRY, "%s: no %s", e.name, qname);
                lp_entry_info qe;
                lp_entry_get(ws, qid, &qe);
                const jt *qb = orc_block(jt_get(docs[qe.file], "json"), "query", qe.short_name);
                const jt *ws_sql = qb ? jt_get(qb, "sql") : NULL;
                const char *want = ws_sql && ws_sql->kind == JT_STR ? ws_sql->s : NULL;
                if (want) {
                    sql_checked++;
                    const char *got = lp_resource_str(r, "sql");
                    if (!got || !template_matches(got, want)) {
                        if (bad++ < 10) cr_log_error("%s: sql of %s differs", e.name, qname);
                    }
                    cr_expect_str_eq(lp_resource_str(r, "query"), qname);
                }
            }
            lp_resource_release(r);
        }
        orc_docs_free(docs, lp_file_count(ws));
        lp_close(ws);
    }
    if (getenv("LP_TEST_VERBOSE"))
        cr_log_info("%zu literal fields and %zu query SQLs checked", checked, sql_checked);
    cr_expect_gt(checked, 5000, "too few fields checked: %zu", checked);
    cr_expect_gt(sql_checked, 300, "too few query references checked: %zu", sql_checked);
    cr_expect_eq(bad, 0, "%zu fields differ from the oracle", bad);
}

/* ------------------------------------------------------------ a temporary mod */

static char tmpdir[256];

static void write_file(const char *name, const char *text)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", tmpdir, name);
    FILE *f = fopen(p, "w");
    cr_assert(f, "%s: %s", p, strerror(errno));
    fputs(text, f);
    fclose(f);
}

static void make_mod(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/lp_load_XXXXXX");
    cr_assert(mkdtemp(tmpdir));
    write_file("mod.pp", "mod \"t\" {\n  title = \"T\"\n}\n");
    char buf[8192];
    size_t k = 0;
    for (int i = 0; i < 8; i++)
        k += (size_t)snprintf(buf + k, sizeof buf - k,
                              "query \"q%d\" {\n  title = \"Query %d\"\n  sql = \"select %d\"\n}\n\n", i, i,
                              i);
    write_file("q.pp", buf);
    write_file(
        "v.pp",
        "variable \"region\" {\n  default = \"eu-west-1\"\n}\nlocals {\n  tags = { env = var.region }\n}\n"
        "query \"p\" {\n  sql = \"select $1\"\n  tags = local.tags\n"
        "  param \"r\" {\n    description = \"Region\"\n    default = var.region\n  }\n"
        "  param \"n\" {\n    default = 3\n  }\n}\n"
        "control \"c\" {\n  query = query.p\n  args = [\"x\", 2, param.r]\n  severity = \"high\"\n}\n"
        "control \"m\" {\n  query = query.p\n  args = { r = var.region, n = 4 }\n}\n"
        "benchmark \"b\" {\n  children = [control.c, control.m, benchmark.b2]\n}\n"
        "benchmark \"b2\" {\n  children = [control.c]\n}\n");
}

/* make_mod, and an index cache directory inside it (tmpdir/.cache) for opts.index_cache: its path */
static const char *make_mod_with_cache(void)
{
    static char path[300];
    make_mod();
    snprintf(path, sizeof path, "%s/.cache", tmpdir);
    cr_assert_eq(mkdir(path, 0700), 0);
    return path;
}

static void rm_mod(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    cr_assert_eq(system(cmd), 0);
}

static lp_resource *must_load(lp_workspace *ws, const char *name)
{
    lp_resource *r = NULL;
    lp_error err;
    int rc = lp_load(ws, name, &r, &err);
    cr_assert_eq(rc, LP_OK, "%s: %s", name, err.message);
    return r;
}

Test(load, params_args_tags_and_the_tree)
{
    make_mod();
    lp_workspace *ws = open_ws(tmpdir, NULL);
    lp_resource *p = must_load(ws, "t.query.p");
    cr_assert_eq(lp_resource_param_count(p), 2);
    const char *n, *d, *def;
    lp_resource_param(p, 0, &n, &d, &def);
    cr_expect_str_eq(n, "r");
    cr_expect_str_eq(d, "Region");
    cr_expect_str_eq(def, "eu-west-1");
    lp_resource_param(p, 1, &n, &d, &def);
    cr_expect_str_eq(n, "n");
    cr_expect_null(d);
    cr_expect_str_eq(def, "3");
    cr_assert_eq(lp_resource_tag_count(p), 1);
    const char *k, *v;
    lp_resource_tag(p, 0, &k, &v);
    cr_expect_str_eq(k, "env");
    cr_expect_str_eq(v, "eu-west-1");
    lp_resource_release(p);

    lp_resource *c = must_load(ws, "t.control.c");
    cr_expect_str_eq(lp_resource_str(c, "sql"), "select $1");
    cr_expect_str_eq(lp_resource_str(c, "query"), "t.query.p");
    cr_expect_str_eq(lp_resource_str(c, "severity"), "high");
    cr_assert(lp_resource_args_are_list(c));
    cr_assert_eq(lp_resource_arg_count(c), 3);
    lp_resource_arg(c, 0, &n, &v);
    cr_expect_str_eq(v, "x");
    lp_resource_arg(c, 1, &n, &v);
    cr_expect_str_eq(v, "2");
    lp_resource_arg(c, 2, &n, &v);
    cr_expect_null(v, "param.r is a run-time value");
    lp_buf b = { 0 };
    cr_assert_eq(lp_resource_json(c, &b), LP_OK);
    cr_expect(strstr(b.data, "\"args\":{\"args_list\":[\"x\",\"2\",null]}"), "%s", b.data);
    cr_expect(strstr(b.data, "\"query\":\"t.query.p\""), "%s", b.data);
    lp_buf_free(&b);
    lp_resource_release(c);

    lp_resource *m = must_load(ws, "t.control.m");
    cr_assert(!lp_resource_args_are_list(m));
    cr_assert_eq(lp_resource_arg_count(m), 2);
    lp_resource_arg(m, 0, &n, &v);
    cr_expect_str_eq(n, "n");
    cr_expect_str_eq(v, "4");
    lp_resource_arg(m, 1, &n, &v);
    cr_expect_str_eq(n, "r");
    cr_expect_str_eq(v, "eu-west-1");
    lp_resource_release(m);

    /* the tree: b -> c, m, b2 -> c (one node for c) */
    lp_resource *bm = must_load(ws, "t.benchmark.b");
    cr_assert_eq(lp_resource_child_count(bm), 3);
    const lp_resource *b2 = lp_resource_child(bm, 2);
    cr_expect_str_eq(lp_resource_name(b2), "t.benchmark.b2");
    cr_assert_eq(lp_resource_child_count(b2), 1);
    cr_expect_eq(lp_resource_child(b2, 0), lp_resource_child(bm, 0));
    cr_expect_str_eq(lp_resource_str(lp_resource_child(bm, 0), "sql"), "select $1");
    lp_resource_release(bm);
    lp_close(ws);
    rm_mod();
}

/* ------------------------------------------------------------ the cache (§10.3) */

static uint64_t item_bytes(lp_workspace *ws, const char *name)
{
    lp_resource *r = must_load(ws, name);
    uint64_t n = lp_resource_bytes(r);
    lp_resource_release(r);
    return n;
}

static void touch(lp_workspace *ws, const char *name)
{
    lp_resource_release(must_load(ws, name));
}

static lp_cache_stats stats(lp_workspace *ws)
{
    lp_cache_stats s;
    lp_cache_stats_get(ws, &s);
    return s;
}

Test(load, cache_strict_lru_order_and_byte_accounting)
{
    make_mod();
    lp_workspace *probe = open_ws(tmpdir, NULL);
    uint64_t one = item_bytes(probe, "t.query.q0");
    cr_assert_eq(item_bytes(probe, "t.query.q1"), one, "equal queries take equal bytes");
    lp_close(probe);
    /* room for three */
    lp_workspace_opts o = { .cache_budget = 3 * one + one / 2 };
    lp_workspace *ws = open_ws(tmpdir, &o);
    touch(ws, "t.query.q0");
    touch(ws, "t.query.q1");
    touch(ws, "t.query.q2");
    lp_cache_stats s = stats(ws);
    cr_expect_eq(s.entries, 3);
    cr_expect_eq(s.bytes, 3 * one);
    cr_expect_eq(s.evictions, 0);
    touch(ws, "t.query.q0");        /* a hit: q0 most recent, q1 least */
    touch(ws, "t.query.q3");        /* evicts q1 */
    s = stats(ws);
    cr_expect_eq(s.hits, 1);
    cr_expect_eq(s.misses, 4);
    cr_expect_eq(s.evictions, 1);
    cr_expect_eq(s.entries, 3);
    cr_expect_eq(s.bytes, 3 * one);
    touch(ws, "t.query.q0");        /* still there */
    touch(ws, "t.query.q2");        /* still there */
    cr_expect_eq(stats(ws).hits, 3);
    touch(ws, "t.query.q1");        /* gone: a miss, evicting q3 (least recent) */
    s = stats(ws);
    cr_expect_eq(s.misses, 5);
    cr_expect_eq(s.loads, 5);
    cr_expect_gt(s.load_ns, 0, "load time is counted");
    cr_expect_eq(s.evictions, 2);
    touch(ws, "t.query.q3");
    cr_expect_eq(stats(ws).misses, 6, "q3 was the one evicted");
    lp_close(ws);

    /* an entry limit */
    lp_workspace_opts lim = { .cache_max_entries = 2 };
    ws = open_ws(tmpdir, &lim);
    touch(ws, "t.query.q0");
    touch(ws, "t.query.q1");
    touch(ws, "t.query.q2");
    s = stats(ws);
    cr_expect_eq(s.entries, 2);
    cr_expect_eq(s.evictions, 1);
    cr_expect_eq(s.bytes, 2 * one);
    lp_close(ws);
    rm_mod();
}

Test(load, cache_item_larger_than_the_budget_and_pins)
{
    make_mod();
    lp_workspace_opts o = { .cache_budget = 1 };
    lp_workspace *ws = open_ws(tmpdir, &o);
    lp_resource *a = must_load(ws, "t.query.q0");
    lp_resource *b = must_load(ws, "t.query.q1");
    lp_cache_stats s = stats(ws);
    cr_expect_eq(s.entries, 2, "pinned items are never evicted");
    cr_expect_eq(s.pinned, 2);
    cr_expect_eq(s.evictions, 0);
    cr_expect_str_eq(lp_resource_str(a, "title"), "Query 0");
    lp_resource_release(a);
    s = stats(ws);
    cr_expect_eq(s.entries, 1, "released, over budget: evicted");
    cr_expect_eq(s.evictions, 1);
    cr_expect_str_eq(lp_resource_str(b, "sql"), "select 1");
    lp_resource_release(b);
    s = stats(ws);
    cr_expect_eq(s.entries, 0);
    cr_expect_eq(s.bytes, 0);
    cr_expect_eq(s.evictions, 2);
    lp_close(ws);
    rm_mod();
}

Test(load, cache_invalidation)
{
    make_mod();
    lp_workspace *ws = open_ws(tmpdir, NULL);
    touch(ws, "t.query.q0");
    touch(ws, "t.query.q1");
    lp_resource *held = must_load(ws, "t.query.q2");
    cr_expect_eq(stats(ws).entries, 3);
    lp_cache_invalidate(ws, lp_lookup(ws, "t.query.q0"));
    lp_cache_stats s = stats(ws);
    cr_expect_eq(s.entries, 2);
    cr_expect_eq(s.evictions, 0, "invalidation is not eviction");
    lp_cache_invalidate(ws, lp_lookup(ws, "t.query.q7"));   /* not cached: nothing */
    cr_expect_eq(stats(ws).entries, 2);
    lp_cache_invalidate(ws, LP_NO_ENTRY);
    s = stats(ws);
    cr_expect_eq(s.entries, 0);
    cr_expect_eq(s.bytes, 0);
    /* the held one stays readable until released */
    cr_expect_str_eq(lp_resource_str(held, "title"), "Query 2");
    lp_resource_release(held);
    touch(ws, "t.query.q0");         /* added again: a miss */
    s = stats(ws);
    cr_expect_eq(s.misses, 4);
    cr_expect_eq(s.entries, 1);
    lp_close(ws);
    rm_mod();
}

/* ------------------------------------------------------------ bad input */

static int load_rc(lp_workspace *ws, const char *name, lp_error *err)
{
    lp_resource *r = NULL;
    int rc = lp_load(ws, name, &r, err);
    if (rc == LP_OK) lp_resource_release(r);
    return rc;
}

Test(load, changed_truncated_deleted_files_fail_clearly)
{
    make_mod();
    lp_workspace *ws = open_ws(tmpdir, NULL);
    char path[512];
    snprintf(path, sizeof path, "%s/q.pp", tmpdir);
    lp_error err;
    /* grown (same block ranges, other bytes) */
    FILE *f = fopen(path, "a");
    fputs("# more\n", f);
    fclose(f);
    cr_expect_eq(load_rc(ws, "t.query.q3", &err), LP_ERR_STALE);
    cr_expect(strstr(err.message, "changed since the workspace was indexed"), "%s", err.message);
    /* truncated */
    cr_assert_eq(truncate(path, 20), 0);
    cr_expect_eq(load_rc(ws, "t.query.q3", &err), LP_ERR_STALE);
    cr_expect(strstr(err.message, "q.pp"), "%s", err.message);
    /* deleted */
    unlink(path);
    cr_expect_eq(load_rc(ws, "t.query.q3", &err), LP_ERR_STALE);
    cr_expect(strcasestr(err.message, "no such file"), "%s", err.message);
    /* the other files still load */
    cr_expect_eq(load_rc(ws, "t.query.p", &err), LP_OK, "%s", err.message);
    cr_expect_eq(load_rc(ws, "nope.query.x", &err), LP_ERR_NOT_FOUND);
    cr_expect(strstr(err.message, "not found") && strstr(err.message, "nope.query.x"), "%s", err.message);
    lp_close(ws);
    rm_mod();
}

/* A run loads its controls one by one (lp_load_entry_uncached): once a load read the file whole and
 * found it as indexed, the next loads of its blocks read their lines alone.  They give the same
 * resource, and an edit after the first load (a new mtime) is still found by the next. */
Test(load, blocks_read_alone_after_a_verified_file_see_edits)
{
    make_mod();
    /* an hour old: a file modified within INP_RACY_NS of its read is read whole by every load */
    char path[512];
    snprintf(path, sizeof path, "%s/q.pp", tmpdir);
    struct timespec old[2] = { { time(NULL) - 3600, 0 }, { time(NULL) - 3600, 0 } };
    cr_assert_eq(utimensat(AT_FDCWD, path, old, 0), 0);
    lp_workspace *ws = open_ws(tmpdir, NULL);
    lp_error err;
    lp_resource *r = NULL;
    cr_assert_eq(lp_load_entry_uncached(ws, lp_lookup(ws, "t.query.q3"), &r, &err), LP_OK, "%s",
                 err.message);
    lp_resource_release(r);
    for (int i = 7; i >= 0; i--) {   /* a block after, before and at the verified one's place */
        char name[32], want[128];
        snprintf(name, sizeof name, "t.query.q%d", i);
        snprintf(want, sizeof want, "query \"q%d\" {\n  title = \"Query %d\"\n  sql = \"select %d\"\n}",
                 i, i, i);
        cr_assert_eq(lp_load_entry_uncached(ws, lp_lookup(ws, name), &r, &err), LP_OK, "%s", err.message);
        cr_expect_str_eq(lp_resource_source(r), want);
        snprintf(want, sizeof want, "select %d", i);
        cr_expect_str_eq(lp_resource_str(r, "sql"), want);
        lp_resource_release(r);
    }
    /* the same size, other bytes, a later mtime */
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    FILE *f = fopen(path, "r+");
    cr_assert(f);
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf, f);
    char *at = strstr(buf, "select 5");
    cr_assert(at && n);
    at[7] = '6';
    rewind(f);
    cr_assert_eq(fwrite(buf, 1, n, f), n);
    fclose(f);
    struct timespec times[2] = { st.st_atim, st.st_mtim };
    times[1].tv_sec += 1;
    cr_assert_eq(utimensat(AT_FDCWD, path, times, 0), 0);
    cr_expect_eq(lp_load_entry_uncached(ws, lp_lookup(ws, "t.query.q2"), &r, &err), LP_ERR_STALE);
    cr_expect(strstr(err.message, "changed since the workspace was indexed"), "%s", err.message);
    lp_close(ws);
    rm_mod();
}

static int open_fds(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    cr_assert(d);
    while (readdir(d)) n++;
    closedir(d);
    return n;
}

/* A file larger than the window a work reads at once (load.c SPAN_WINDOW, 16 KiB): its blocks, loaded
 * from its end to its start and back, in and out of the window, each give their own source; the work
 * keeps one descriptor while it loads, and the workspace's close lets it go. */
Test(load, blocks_of_a_large_file_in_any_order_and_one_descriptor)
{
    make_mod();
    enum { NQ = 1200 };   /* ~40 bytes a block: 48 KB */
    lp_buf text = { 0 };
    for (int i = 0; i < NQ; i++)
        lp_buf_printf(&text, "query \"w%d\" {\n  sql = \"select %d\"\n}\n", i, i * 7);
    cr_assert_gt(text.len, 2 * 16 * 1024);
    write_file("w.pp", text.data);
    lp_buf_free(&text);
    char path[512];
    snprintf(path, sizeof path, "%s/w.pp", tmpdir);
    struct timespec old[2] = { { time(NULL) - 3600, 0 }, { time(NULL) - 3600, 0 } };   /* not racy */
    cr_assert_eq(utimensat(AT_FDCWD, path, old, 0), 0);
    int fds = open_fds();
    lp_workspace *ws = open_ws(tmpdir, NULL);
    lp_error err;
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < NQ; k++) {
            int i = pass ? k : NQ - 1 - k;
            char name[32], want[64];
            snprintf(name, sizeof name, "t.query.w%d", i);
            lp_resource *r = NULL;
            cr_assert_eq(lp_load_entry_uncached(ws, lp_lookup(ws, name), &r, &err), LP_OK, "%s", err.message);
            snprintf(want, sizeof want, "query \"w%d\" {\n  sql = \"select %d\"\n}", i, i * 7);
            cr_assert_str_eq(lp_resource_source(r), want);
            lp_resource_release(r);
        }
    cr_expect_leq(open_fds(), fds + 1, "a work keeps one descriptor (%d before, %d now)", fds, open_fds());
    lp_close(ws);
    cr_expect_eq(open_fds(), fds, "the close lets the kept file go");
    rm_mod();
}

/* lp_entry_source gives each entry's source definition as its loaded resource has it (every entry of a
 * corpus mod, nested ones too), with nothing loaded for it: a server's check-run snapshot asks it of a
 * benchmark whose load built its whole tree.  A file changed since the index is stale, as for a load. */
Test(load, entry_source_is_the_loaded_source_with_nothing_loaded, .timeout = 300)
{
    static const char *const mods[] = { "corpus/aws_insights", "corpus/aws_cloudtrail_log_detections" };
    for (size_t m = 0; m < sizeof mods / sizeof mods[0]; m++) {
        lp_workspace *ws = open_ws(ts_shared(mods[m]), NULL);
        uint32_t n = lp_entry_count(ws);
        char **src = calloc(n, sizeof *src);
        cr_assert(src);
        lp_error err;
        for (uint32_t id = 0; id < n; id++) {
            lp_buf b = { 0 };
            cr_assert_eq(lp_entry_source(ws, id, &b, &err), LP_OK, "%u: %s", id, err.message);
            lp_buf_putc(&b, '\0');
            src[id] = strdup(b.data);
            lp_buf_free(&b);
        }
        lp_cache_stats cs;
        lp_cache_stats_get(ws, &cs);
        cr_expect_eq(cs.loads, 0, "%s: %llu resources loaded for their sources", mods[m],
                     (unsigned long long)cs.loads);
        uint32_t compared = 0;
        for (uint32_t id = 0; id < n; id++) {
            lp_entry_info e;
            lp_entry_get(ws, id, &e);
            lp_resource *r = NULL;
            if (e.kind != LP_KIND_VARIABLE && lp_load_entry(ws, id, &r, &err) == LP_OK) {
                cr_expect_str_eq(src[id], lp_resource_source(r), "%s", e.name);
                compared++;
            }
            lp_resource_release(r);
            free(src[id]);
        }
        free(src);
        cr_expect_gt(compared, n / 2, "%s: %u of %u entries loaded", mods[m], compared, n);
        lp_close(ws);
    }
    make_mod();
    lp_workspace *ws = open_ws(tmpdir, NULL);
    write_file("q.pp", "query \"q3\" {\n  sql = \"select 33\"\n}\n");
    lp_buf b = { 0 };
    lp_error err;
    cr_expect_eq(lp_entry_source(ws, lp_lookup(ws, "t.query.q3"), &b, &err), LP_ERR_STALE);
    cr_expect(strstr(err.message, "q.pp"), "%s", err.message);
    cr_expect_eq(lp_entry_source(ws, lp_entry_count(ws), &b, &err), LP_ERR_ARG);
    cr_expect_eq(b.len, 0);
    lp_buf_free(&b);
    lp_close(ws);
    rm_mod();
}

/* A file saved less than two seconds ago (racily clean: a same-size edit in the same timestamp tick
 * leaves its stat as it was) is hashed again by every load, and the block's lines are read in that
 * same pass: a control of a 1.2 MB file loads with a few KB, not a copy of the file (a run's 5,000
 * controls right after a save: 20 MiB of the server's peak), each block as it is, in any order; a
 * tree's blocks in the file (a benchmark's children) too; and a same-size edit with the stat put back
 * is still found. */
Test(load, a_racy_file_is_hashed_by_each_load_and_its_block_read_in_that_pass)
{
    make_mod();
    enum { NQ = 14000 };   /* ~85 bytes a block: 1.2 MB */
    lp_buf text = { 0 };
    lp_buf_puts(&text, "benchmark \"all\" {\n  children = [control.c0, control.c1, control.c2]\n}\n");
    for (int i = 0; i < 3; i++) lp_buf_printf(&text, "control \"c%d\" {\n  sql = \"select %d\"\n}\n", i, i);
    for (int i = 0; i < NQ; i++)
        lp_buf_printf(&text, "query \"w%d\" {\n  title = \"A query of a large file, %d\"\n  sql = "
                      "\"select %d\"\n}\n", i, i, i * 7);
    cr_assert_gt(text.len, 1000 * 1000);
    write_file("w.pp", text.data);
    lp_buf_free(&text);
    lp_workspace *ws = open_ws(tmpdir, NULL);
    lp_error err;
    char path[512];
    snprintf(path, sizeof path, "%s/w.pp", tmpdir);
    /* modified now before each load: racy, however long a sanitized open took */
    static const struct timespec now[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
    static const int order[] = { NQ - 1, 0, NQ / 2, 1, NQ - 2, NQ / 2 - 1 };
    for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
        char name[32], want[128];
        snprintf(name, sizeof name, "t.query.w%d", order[k]);
        cr_assert_eq(utimensat(AT_FDCWD, path, now, 0), 0);
        lp_alloc_stats a0, a1;
        lp_alloc_stats_get(&a0);
        lp_resource *r = NULL;
        cr_assert_eq(lp_load_entry_uncached(ws, lp_lookup(ws, name), &r, &err), LP_OK, "%s", err.message);
        lp_alloc_stats_get(&a1);
        cr_expect_lt(a1.bytes - a0.bytes, 256 * 1024, "%s: %llu bytes allocated to load it", name,
                     (unsigned long long)(a1.bytes - a0.bytes));
        snprintf(want, sizeof want, "query \"w%d\" {\n  title = \"A query of a large file, %d\"\n  sql = "
                 "\"select %d\"\n}", order[k], order[k], order[k] * 7);
        cr_expect_str_eq(lp_resource_source(r), want);
        lp_resource_release(r);
    }
    lp_resource *b = NULL;
    cr_assert_eq(utimensat(AT_FDCWD, path, now, 0), 0);
    cr_assert_eq(lp_load_entry_uncached(ws, lp_lookup(ws, "t.benchmark.all"), &b, &err), LP_OK, "%s",
                 err.message);
    cr_assert_eq(lp_resource_child_count(b), 3);
    for (uint32_t i = 0; i < 3; i++) {
        char want[32];
        snprintf(want, sizeof want, "select %u", i);
        cr_expect_str_eq(lp_resource_str(lp_resource_child(b, i), "sql"), want);
    }
    lp_resource_release(b);
    /* the same size, other bytes, the stat put back: only the hash tells */
    cr_assert_eq(utimensat(AT_FDCWD, path, now, 0), 0);
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    int fd = open(path, O_RDWR);
    cr_assert_geq(fd, 0);
    char digit = 0;
    cr_assert_eq(pread(fd, &digit, 1, (off_t)st.st_size - 5), 1);
    cr_assert_eq(digit, '3', "the last query's sql ends in %c", digit);   /* select 97993 */
    cr_assert_eq(pwrite(fd, "4", 1, (off_t)st.st_size - 5), 1);
    close(fd);
    struct timespec times[2] = { st.st_atim, st.st_mtim };
    cr_assert_eq(utimensat(AT_FDCWD, path, times, 0), 0);
    cr_expect_eq(lp_load_entry_uncached(ws, lp_lookup(ws, "t.query.w5"), &b, &err), LP_ERR_STALE);
    cr_expect(strstr(err.message, "changed since the workspace was indexed"), "%s", err.message);
    lp_close(ws);
    rm_mod();
}

/* A run's control whose file changed after the version was indexed (a check run loads each control
 * as it runs it) fails with LP_ERR_STALE (lp_node_error_code); one in an unchanged file completes.
 * What the server reads to tell a stale leaf (a refresh runs it) from the user's error: by code, not
 * by the message's words. */
Test(load, a_run_control_whose_file_changed_is_stale_by_code)
{
    make_mod();
    write_file("k.pp",
               "control \"stale\" {\n  sql = \"select 'ok' as status, 'r' as resource, 'x' as reason\"\n}\n");
    write_file("d.pp",
               "control \"fresh\" {\n  sql = \"select 'ok' as status, 'r' as resource, 'x' as reason\"\n}\n"
               "benchmark \"bb\" {\n  children = [control.stale, control.fresh]\n}\n");
    lp_workspace *ws = open_ws(tmpdir, NULL);
    write_file("k.pp",
               "control \"stale\" {\n  sql = \"select 'ok' as status, 'r' as resource, 'y' as reason\"\n}\n");
    char db[1100];
    rf_sqlite_db(tmpdir, NULL, db, sizeof db);   /* an empty database: the statements read no table */
    lp_run *run = rf_run(ws, LP_KIND_BENCHMARK, "t.benchmark.bb", &(lp_run_opts){ .database = db });
    int seen = 0;
    const lp_run_node *stack[64];
    uint32_t n = 0;
    stack[n++] = lp_run_root(run);
    while (n) {
        const lp_run_node *x = stack[--n];
        for (uint32_t i = 0; i < lp_node_child_count(x) && n < 64; i++) stack[n++] = lp_node_child(x, i);
        const char *name = lp_node_name(x);
        if (strcmp(name, "t.control.stale") == 0) {
            cr_expect_eq(lp_node_get_state(x), LP_NODE_ERROR);
            cr_expect_eq(lp_node_error_code(x), LP_ERR_STALE, "%d %s", lp_node_error_code(x),
                         lp_node_error(x));
            cr_expect(strstr(lp_node_error(x), "k.pp"), "%s", lp_node_error(x));
            seen |= 1;
        } else if (strcmp(name, "t.control.fresh") == 0) {
            cr_expect_eq(lp_node_get_state(x), LP_NODE_COMPLETE, "%s", lp_node_error(x));
            cr_expect_eq(lp_node_error_code(x), LP_OK);
            seen |= 2;
        }
    }
    cr_expect_eq(seen, 3, "both controls are in the run");
    lp_run_free(run);
    lp_close(ws);
    rm_mod();
}

Test(load, a_syntax_error_fails_that_block_only)
{
    make_mod();
    write_file("bad.pp",
               "query \"ok\" {\n  sql = \"select 1\"\n}\n\nquery \"broken\" {\n  sql = \"select 2\"\n"
               "  title = (1 +\n}\n");
    lp_workspace *ws = open_ws(tmpdir, NULL);
    lp_error err;
    cr_expect_eq(load_rc(ws, "t.query.ok", &err), LP_OK, "%s", err.message);
    if (lp_lookup(ws, "t.query.broken") != LP_NO_ENTRY) {
        cr_expect_eq(load_rc(ws, "t.query.broken", &err), LP_ERR_SYNTAX);
        char want[600];
        snprintf(want, sizeof want, "%s/bad.pp:8:", tmpdir);
        cr_expect(strstr(err.message, want), "%s", err.message);
    }
    lp_close(ws);
    rm_mod();
}

Test(load, cycles_and_missing_children_are_errors)
{
    lp_workspace *ws = open_ws(ts_shared("testdata/powerpipe/lazy-loading-tests/error-conditions"), NULL);
    lp_error err;
    cr_expect_eq(load_rc(ws, "lazy_error_conditions.benchmark.circular_a", &err), LP_ERR_CYCLE);
    cr_expect(strstr(err.message,
                     "circular dependency detected: lazy_error_conditions.benchmark.circular_a -> "
                     "lazy_error_conditions.benchmark.circular_b -> "
                     "lazy_error_conditions.benchmark.circular_c -> "
                     "lazy_error_conditions.benchmark.circular_a"),
              "%s", err.message);
    /* every benchmark: loads, or fails naming what is wrong; never a crash */
    for (uint32_t id = lp_next_of_kind(ws, LP_KIND_BENCHMARK, LP_NO_ENTRY); id != LP_NO_ENTRY;
         id = lp_next_of_kind(ws, LP_KIND_BENCHMARK, id)) {
        lp_resource *r;
        int rc = lp_load_entry(ws, id, &r, &err);
        if (rc == LP_OK) lp_resource_release(r);
        else cr_expect(rc == LP_ERR_CYCLE || rc == LP_ERR_NOT_FOUND, "%d %s", rc, err.message);
        if (rc == LP_ERR_NOT_FOUND) cr_expect(strstr(err.message, "not found"), "%s", err.message);
    }
    lp_close(ws);
}

/* ------------------------------------------------------------ out of memory */

Test(load, out_of_memory_at_every_allocation_leaves_the_cache_consistent)
{
    make_mod();
    lp_workspace *ws = open_ws(tmpdir, NULL);
    /* warm the cache's own structures, then drop the items */
    touch(ws, "t.query.q0");
    lp_cache_invalidate(ws, LP_NO_ENTRY);
    int ok = 0;
    uint64_t n;
    for (n = 0; n < 100000 && !ok; n++) {
        lp_cache_stats before = stats(ws);
        lp_resource *r = NULL;
        lp_error err;
        lp_alloc_fail_nth(n);
        int rc = lp_load(ws, "t.benchmark.b", &r, &err);
        lp_alloc_fail_nth(UINT64_MAX);
        lp_cache_stats s = stats(ws);
        if (rc == LP_OK) {
            ok = 1;
            cr_expect_eq(s.entries, 1);
            cr_expect_eq(lp_resource_child_count(r), 3);
            cr_expect_eq(s.bytes, lp_resource_bytes(r));
            lp_resource_release(r);
        } else {
            cr_expect_null(r);
            cr_expect_eq(s.entries, before.entries, "a failed load caches nothing (n=%llu)",
                         (unsigned long long)n);
            cr_expect_eq(s.bytes, 0);
            cr_expect_eq(s.pinned, 0);
        }
    }
    cr_expect(ok, "never succeeded");
    cr_expect_geq(n, 2, "the item and its first chunk at least");
    if (getenv("LP_TEST_VERBOSE"))
        cr_log_info("a benchmark tree of 4 nodes: %llu allocation calls", (unsigned long long)n);
    /* and it loads normally afterwards, from the cache */
    touch(ws, "t.benchmark.b");
    cr_expect_geq(stats(ws).hits, 1);
    lp_close(ws);
    rm_mod();
}

/* ------------------------------------------------------------ a reopened workspace */

Test(load, reopened_from_the_image_evaluates_like_the_first_open)
{
    const char *cache = make_mod_with_cache();
    lp_workspace_opts o = { .index_cache = cache };
    lp_workspace *ws = open_ws(tmpdir, &o);
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    lp_close(ws);
    ws = open_ws(tmpdir, &o);
    lp_workspace_stats_get(ws, &st);
    cr_expect(st.reopened, "the image was used: %s", st.index_cache_note);
    lp_resource *c = must_load(ws, "t.control.m");
    const char *n, *v;
    lp_resource_arg(c, 1, &n, &v);
    cr_expect_str_eq(v, "eu-west-1", "var.region without a resolver in this process");
    lp_resource_release(c);
    lp_close(ws);
    /* and with no resolution at all */
    lp_workspace_opts nr = { .no_resolve = 1 };
    ws = open_ws(tmpdir, &nr);
    c = must_load(ws, "t.query.p");
    lp_resource_tag(c, 0, &n, &v);
    cr_expect_str_eq(v, "eu-west-1");
    lp_resource_release(c);
    lp_close(ws);
    rm_mod();
}

/* Every resource's show document (or its error), in entry order. */
static char **load_all_json(lp_workspace *ws, uint32_t *n)
{
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    uint32_t cap = 0, k = 0;
    char **out = NULL;
    for (int kind = 0; kind < LP_KIND__COUNT; kind++)
        for (uint32_t id = lp_next_of_kind(ws, (lp_kind)kind, LP_NO_ENTRY); id != LP_NO_ENTRY;
             id = lp_next_of_kind(ws, (lp_kind)kind, id)) {
            if (k == cap) {
                cap = cap ? 2 * cap : 256;
                out = realloc(out, cap * sizeof *out);
                cr_assert(out);
            }
            lp_resource *r;
            lp_error err;
            lp_buf b = { 0 };
            int rc = lp_load_entry(ws, id, &r, &err);
            if (rc == LP_OK) {
                cr_assert_eq(lp_resource_json(r, &b), LP_OK);
                lp_resource_release(r);
            } else {
                lp_buf_printf(&b, "error %d: %s", rc, err.message);
            }
            lp_buf_putc(&b, '\0');
            out[k++] = b.data;
        }
    *n = k;
    return out;
}

static void free_all_json(char **v, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

/* A reopened workspace evaluates with the scope its image carries: the same
 * documents byte for byte as the process that resolved, no twin, and no
 * build's worth of allocations in its first load. */
static size_t reopen_compare(const char *dir)
{
    char cache[] = "/tmp/lp_scope_XXXXXX";
    cr_assert(mkdtemp(cache));
    lp_workspace_opts o = { .index_cache = cache };
    lp_alloc_stats b0, b1;
    lp_alloc_stats_get(&b0);
    lp_workspace *ws = open_ws(dir, &o);
    lp_wait_resolved(ws, -1);
    lp_alloc_stats_get(&b1);
    uint64_t build_bytes = b1.bytes - b0.bytes;   /* what a twin would cost again */
    uint32_t na, nb;
    char **a = load_all_json(ws, &na);
    lp_close(ws);
    ws = open_ws(dir, &o);
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    cr_assert(st.reopened, "%s: the image was used: %s", dir, st.index_cache_note);
    uint32_t first = LP_NO_ENTRY;
    for (int kind = 0; kind < LP_KIND__COUNT && first == LP_NO_ENTRY; kind++)
        if (kind != LP_KIND_VARIABLE) first = lp_next_of_kind(ws, (lp_kind)kind, LP_NO_ENTRY);
    if (first != LP_NO_ENTRY) {
        lp_alloc_stats a0, a1;
        lp_alloc_stats_get(&a0);
        lp_resource *r;
        lp_error err;
        if (lp_load_entry(ws, first, &r, &err) == LP_OK) lp_resource_release(r);
        lp_alloc_stats_get(&a1);
        /* a twin is a whole build without the image's writing: few calls (arena chunks), but
         * 0.4-0.85 of the first open's bytes (the load alone: 0.04-0.25 on these mods) */
        cr_expect_lt(a1.calls - a0.calls, 400, "%s: first load after a reopen: %llu allocation calls", dir,
                     (unsigned long long)(a1.calls - a0.calls));
        cr_expect_lt(a1.bytes - a0.bytes, build_bytes / 3,
                     "%s: first load after a reopen: %llu bytes, a build %llu", dir,
                     (unsigned long long)(a1.bytes - a0.bytes), (unsigned long long)build_bytes);
    }
    char **b = load_all_json(ws, &nb);
    lp_cache_stats cs;
    lp_cache_stats_get(ws, &cs);
    cr_expect_eq(cs.scope_builds, 0, "%s: no twin", dir);
    cr_expect_eq(cs.scope_images, first != LP_NO_ENTRY, "%s: the image's scope", dir);
    lp_close(ws);
    cr_assert_eq(na, nb, "%s", dir);
    for (uint32_t i = 0; i < na; i++) cr_assert_str_eq(b[i], a[i], "%s: resource %u", dir, i);
    free_all_json(a, na);
    free_all_json(b, nb);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", cache);
    cr_assert_eq(system(cmd), 0);
    return na;
}

static size_t reopen_compare_dir(const char *parent)
{
    DIR *d = opendir(ts_shared(parent));
    cr_assert(d, "%s", parent);
    size_t n = 0, mods = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char sub[600], dir[1200];
        snprintf(sub, sizeof sub, "%s/%s", parent, e->d_name);
        snprintf(dir, sizeof dir, "%s", ts_shared(sub));
        struct stat st;
        char modpp[1300];
        snprintf(modpp, sizeof modpp, "%s/mod.pp", dir);
        if (stat(modpp, &st) != 0) {
            /* multi-mod: its main mod is one level down */
            snprintf(modpp, sizeof modpp, "%s/main/mod.pp", dir);
            if (stat(modpp, &st) != 0) continue;
            strncat(dir, "/main", sizeof dir - strlen(dir) - 1);
        }
        n += reopen_compare(dir);
        mods++;
    }
    closedir(d);
    cr_expect_gt(mods, 1, "%s", parent);
    return n;
}

Test(load, reopened_loads_equal_the_resolving_process_on_the_lazy_loading_mods)
{
    size_t n = reopen_compare_dir("testdata/powerpipe/lazy-loading-tests");
    cr_expect_gt(n, 50, "%zu resources", n);
}

Test(load, reopened_loads_equal_the_resolving_process_on_the_corpora, .timeout = 600)
{
    size_t n = reopen_compare_dir("corpus");
    cr_expect_gt(n, 1000, "%zu resources", n);
}

Test(load, a_reopened_image_with_a_var_file_gives_its_values)
{
    const char *cache = make_mod_with_cache();
    write_file("x.ppvars", "region = \"ap-south-2\"\n");
    char vf[300];
    snprintf(vf, sizeof vf, "%s/x.ppvars", tmpdir);
    const char *const files[] = { vf };
    lp_workspace_opts o = { .index_cache = cache, .var_files = files, .nvar_files = 1 };
    for (int pass = 0; pass < 2; pass++) {
        lp_workspace *ws = open_ws(tmpdir, &o);
        lp_workspace_stats st;
        lp_workspace_stats_get(ws, &st);
        cr_expect_eq(st.reopened, pass == 1, "%s", st.index_cache_note);
        lp_resource *c = must_load(ws, "t.control.m");
        const char *n, *v;
        lp_resource_arg(c, 1, &n, &v);
        cr_expect_str_eq(v, "ap-south-2", "pass %d", pass);
        lp_resource_release(c);
        c = must_load(ws, "t.query.p");
        lp_resource_tag(c, 0, &n, &v);
        cr_expect_str_eq(v, "ap-south-2", "local.tags, pass %d", pass);
        lp_resource_release(c);
        lp_cache_stats cs;
        lp_cache_stats_get(ws, &cs);
        cr_expect_eq(cs.scope_builds, 0);
        cr_expect_eq(cs.scope_images, pass == 1);
        lp_close(ws);
    }
    rm_mod();
}

/* The image's scope section (support/imgbytes.h: S_SCOPE the fourth section from the end of the
 * header's table): its offset and size in the image's bytes. */
static void scope_section(const char *img, size_t len, uint64_t *off, uint64_t *size)
{
    *off = img_section(img, len, 4, NULL, NULL);
    cr_assert(*off < len);
    uint32_t hsize;
    memcpy(&hsize, img + 16, 4);
    memcpy(size, img + hsize - 4 * 24 + 8, 8);
    cr_assert(*off + *size <= len && *size >= 4);
}

static char *read_image(const char *cache, char *path, size_t psize, size_t *len)
{
    DIR *d = opendir(cache);
    cr_assert(d);
    struct dirent *e;
    path[0] = 0;
    while ((e = readdir(d)))
        if (strstr(e->d_name, ".lpidx")) snprintf(path, psize, "%s/%s", cache, e->d_name);
    closedir(d);
    FILE *f = fopen(path, "rb");
    cr_assert(f, "an image in %s", cache);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *img = malloc(*len);
    cr_assert(img && fread(img, 1, *len, f) == *len);
    fclose(f);
    return img;
}

static void write_image(const char *path, const char *img, size_t len)
{
    FILE *f = fopen(path, "wb");
    cr_assert(f && fwrite(img, 1, len, f) == len);
    fclose(f);
}

static void expect_region(lp_workspace *ws, const char *want)
{
    lp_resource *c = must_load(ws, "t.control.m");
    const char *n, *v;
    lp_resource_arg(c, 1, &n, &v);
    cr_expect_str_eq(v, want);
    lp_resource_release(c);
}

Test(load, a_damaged_scope_is_rebuilt_or_left_for_a_twin)
{
    const char *cache = make_mod_with_cache();
    char path[600];
    lp_workspace_opts o = { .index_cache = cache };
    lp_close(open_ws(tmpdir, &o));
    size_t len;
    char *good = read_image(cache, path, sizeof path, &len);
    uint64_t off, size;
    scope_section(good, len, &off, &size);
    char *img = malloc(len);
    cr_assert(img);
    /* a byte of the scope changed: the checksum refuses the image, a rebuild */
    for (uint64_t k = 0; k < size; k += 7) {
        memcpy(img, good, len);
        img[off + k] ^= 0x5a;
        write_image(path, img, len);
        lp_workspace *ws = open_ws(tmpdir, &o);
        lp_workspace_stats st;
        lp_workspace_stats_get(ws, &st);
        cr_expect(!st.reopened, "%s", st.index_cache_note);
        expect_region(ws, "eu-west-1");
        lp_close(ws);
    }
    /* malformed but under a valid checksum (a crafted image): the scope is
     * refused whole, the image still serves, loads evaluate through a twin */
    uint32_t bad_counts[] = { 0, 2, 0xffffffffu };
    for (size_t i = 0; i < sizeof bad_counts / sizeof *bad_counts; i++) {
        memcpy(img, good, len);
        memcpy(img + off, &bad_counts[i], 4);          /* the number of mods */
        img_fix_checksums(img, len);
        write_image(path, img, len);
        lp_workspace *ws = open_ws(tmpdir, &o);
        lp_workspace_stats st;
        lp_workspace_stats_get(ws, &st);
        cr_expect(st.reopened, "%s", st.index_cache_note);
        expect_region(ws, "eu-west-1");
        lp_cache_stats cs;
        lp_cache_stats_get(ws, &cs);
        cr_expect_eq(cs.scope_images, 0);
        cr_expect_eq(cs.scope_builds, 1);
        lp_close(ws);
    }
    free(img);
    free(good);
    rm_mod();
}

Test(load, targets_resolve_as_powerpipe)
{
    lp_workspace *ws = open_ws(ts_shared("testdata/powerpipe/lazy-loading-tests/multi-mod/main"), NULL);
    lp_mod_info mi;
    lp_mod_get(ws, 0, &mi);
    uint32_t any = lp_next_of_kind(ws, LP_KIND_QUERY, LP_NO_ENTRY);
    cr_assert_neq(any, LP_NO_ENTRY);
    lp_entry_info e;
    lp_entry_get(ws, any, &e);
    char two[512];
    snprintf(two, sizeof two, "query.%s", e.short_name);
    cr_expect_eq(lp_resolve_target(ws, LP_KIND_QUERY, e.name), any);
    uint32_t one = lp_resolve_target(ws, LP_KIND_QUERY, e.short_name);
    cr_expect_neq(one, LP_NO_ENTRY);
    lp_entry_info oe;
    lp_entry_get(ws, one, &oe);
    cr_expect_eq(oe.mod, 0u, "the main mod first");
    cr_expect_eq(lp_resolve_target(ws, LP_KIND_QUERY, two), one);
    cr_expect_eq(lp_resolve_target(ws, LP_KIND_CONTROL, e.name), LP_NO_ENTRY, "wrong kind");
    cr_expect_eq(lp_resolve_target(ws, LP_KIND_QUERY, "a.b.c.d"), LP_NO_ENTRY);
    lp_close(ws);
    /* a dashboard's own input: not in the name table, found all the same */
    ws = open_ws(ts_shared("testdata/powerpipe/lazy-loading-tests/cross-refs"), NULL);
    uint32_t in = lp_resolve_target(ws, LP_KIND_INPUT, "region_select");
    cr_assert_neq(in, LP_NO_ENTRY);
    lp_resource *r = must_load(ws, "lazy_cross_refs.input.region_select");
    cr_expect_eq(lp_resource_entry(r), in);
    lp_resource_release(r);
    lp_close(ws);
}

/* The show document and the list item (list.c, its own reading of the
 * files) agree on every field they share, for every resource of a kind. */
Test(load, show_json_agrees_with_the_list_items)
{
    static const char *const mods[] = { "corpus/aws_compliance", "corpus/aws_insights",
                                        "testdata/powerpipe/lazy-loading-tests/cross-refs" };
    static const lp_kind kinds[] = { LP_KIND_CONTROL, LP_KIND_QUERY, LP_KIND_BENCHMARK, LP_KIND_DASHBOARD };
    static const char *const shared_keys[] = { "auto_generated",    "description",   "end_line_number",
                                               "file_name",         "is_anonymous",  "mod_name",
                                               "qualified_name",    "resource_name", "source_definition",
                                               "start_line_number", "tags",          "title" };
    size_t compared = 0;
    for (size_t m = 0; m < sizeof mods / sizeof mods[0]; m++) {
        lp_workspace *ws = open_ws(ts_shared(mods[m]), NULL);
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
            lp_buf lb = { 0 };
            cr_assert_eq(lp_list_json(ws, kinds[k], &lb), LP_OK);
            char why[300];
            jt *list = jt_parse(lb.data, lb.len, why, sizeof why);
            cr_assert(list && list->kind == JT_ARR, "%s", why);
            for (size_t i = 0; i < list->n; i++) {
                const jt *item = list->items[i];
                const char *name = jt_get(item, "qualified_name")->s;
                lp_resource *r;
                lp_error err;
                cr_assert_eq(lp_load(ws, name, &r, &err), LP_OK, "%s: %s", name, err.message);
                lp_buf sb = { 0 };
                cr_assert_eq(lp_resource_json(r, &sb), LP_OK);
                jt *show = jt_parse(sb.data, sb.len, why, sizeof why);
                cr_assert(show, "%s: %s", name, why);
                for (size_t j = 0; j < sizeof shared_keys / sizeof shared_keys[0]; j++) {
                    const jt *a = jt_get(item, shared_keys[j]), *b = jt_get(show, shared_keys[j]);
                    if (!a && !b) continue;
                    cr_assert(a && b, "%s: %s only in %s", name, shared_keys[j], a ? "list" : "show");
                    cr_assert(jt_equal(a, b, why, sizeof why), "%s: %s differs: %s", name, shared_keys[j],
                              why);
                    compared++;
                }
                jt_free(show);
                lp_buf_free(&sb);
                lp_resource_release(r);
            }
            jt_free(list);
            lp_buf_free(&lb);
        }
        lp_close(ws);
    }
    cr_expect_gt(compared, 20000, "%zu fields compared", compared);
}

/* Out of memory at every allocation of the first load of a workspace: the
 * cache's own creation, its temporaries, the item; a real control with
 * file() documentation, merged tags and a query. */
Test(load, out_of_memory_in_a_first_load)
{
    const char *dir = ts_shared("corpus/aws_compliance");
    lp_workspace *ws = open_ws(dir, NULL);
    const char *name = "aws_compliance.control.cis_v400_4_1";
    int ok = 0;
    for (uint64_t n = 0; n < 100000 && !ok; n++) {
        lp_close(ws);
        ws = open_ws(dir, NULL);
        lp_resource *r = NULL;
        lp_error err;
        lp_alloc_fail_nth(n);
        int rc = lp_load(ws, name, &r, &err);
        lp_alloc_fail_nth(UINT64_MAX);
        lp_cache_stats s;
        lp_cache_stats_get(ws, &s);
        if (rc == LP_OK) {
            ok = 1;
            cr_expect(lp_resource_str(r, "documentation") && lp_resource_str(r, "sql"));
            lp_resource_release(r);
        } else {
            cr_expect_null(r);
            cr_expect_eq(s.entries, 0);
            cr_expect_eq(s.pinned, 0);
            /* and the workspace still loads it */
            cr_assert_eq(lp_load(ws, name, &r, &err), LP_OK, "after a failure at %llu: %s",
                         (unsigned long long)n, err.message);
            lp_resource_release(r);
        }
    }
    cr_expect(ok);
    lp_close(ws);
}

/* The same on a workspace reopened from its image: the scope's decoding
 * fails at every allocation in turn, and the load after it takes the image's
 * scope all the same (never a twin for a passing shortage). */
Test(load, out_of_memory_in_a_first_load_after_a_reopen)
{
    const char *cache = make_mod_with_cache();
    lp_workspace_opts o = { .index_cache = cache };
    lp_close(open_ws(tmpdir, &o));
    int ok = 0;
    for (uint64_t n = 0; n < 100000 && !ok; n++) {
        lp_workspace *ws = open_ws(tmpdir, &o);
        lp_resource *r = NULL;
        lp_error err;
        lp_alloc_fail_nth(n);
        int rc = lp_load(ws, "t.control.m", &r, &err);
        lp_alloc_fail_nth(UINT64_MAX);
        if (rc == LP_OK) {
            ok = 1;
            lp_resource_release(r);
        } else {
            cr_expect_null(r);
        }
        expect_region(ws, "eu-west-1");
        lp_cache_stats s;
        lp_cache_stats_get(ws, &s);
        cr_expect_eq(s.scope_builds, 0, "n=%llu", (unsigned long long)n);
        cr_expect_eq(s.scope_images, 1, "n=%llu", (unsigned long long)n);
        lp_close(ws);
    }
    cr_expect(ok);
    rm_mod();
}
