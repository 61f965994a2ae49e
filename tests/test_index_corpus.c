/* test_index_corpus.c — the index of the real corpora (../shared/corpus)
 * against facts computed here, independently of our parser and index, from
 * the oracle's JSON of the same files (shared/tools/hcl-oracle: hashicorp's
 * hclsyntax + hcl2json, run live):
 *  - the set of entry names: every top-level named block of an indexed type,
 *    plus the panels nested in dashboards and containers with eager
 *    Powerpipe's names (hcl2json groups blocks by type, which is all the
 *    numbering needs: n counts blocks of the same type); counts per kind;
 *  - literal titles (hcl2json strings without interpolation);
 *  - `children` in order, qualified with the mod name, then the nested
 *    panels (as a set);
 *  - top level and trunks, recomputed here with §4's rules (and §13) over the
 *    oracle-derived graph and compared with our available_dashboards payload.
 * A file hcl2json cannot convert (one aws_insights file mixes labelled and
 * unlabelled `node` blocks) is left out, with the entries we index from it.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/jsontree.h"
#include "support/wsfix.h"
#include "support/paths.h"

/* ------------------------------------------------------------ string lists */

typedef paths strs;

static void strs_add(strs *s, const char *x) { cr_assert_eq(paths_add(s, x), 0); }

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void strs_sort_unique(strs *s)
{
    paths_sort(s);
    size_t o = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (o && strcmp(s->v[o - 1], s->v[i]) == 0) {
            free(s->v[i]);
            continue;
        }
        s->v[o++] = s->v[i];
    }
    s->n = o;
}

/* ------------------------------------------------------------ oracle facts */

static const char *const kinds[] = { "dashboard", "benchmark", "detection_benchmark", "control", "query",
                                     "detection", "card", "chart", "container", "flow", "graph",
                                     "hierarchy", "image", "input", "table", "text", "node", "edge",
                                     "category", "with", "variable" };
static const char *const panels[] = { "container", "card", "chart", "flow", "graph", "hierarchy",
                                      "image", "input", "table", "text" };

static int is_kind(const char *k)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i], k) == 0) return 1;
    return 0;
}

typedef struct fact {
    char *name, *kind, *title;   /* title: literal or NULL */
    strs children;               /* `children`, qualified, in order */
    strs nested;                 /* nested panel names */
    int detection;
} fact;

typedef struct facts {
    fact *v;
    size_t n, cap;
    char mod[256];
    strs skipped_files;
} facts;

static size_t fact_new(facts *F, const char *kind, const char *name)
{
    if (F->n == F->cap) {
        F->cap = F->cap ? F->cap * 2 : 256;
        F->v = realloc(F->v, F->cap * sizeof *F->v);
    }
    memset(&F->v[F->n], 0, sizeof F->v[0]);
    F->v[F->n].kind = strdup(kind);
    F->v[F->n].name = strdup(name);
    return F->n++;
}

/* "${a.b}" -> mod.a.b; "${m.a.b}" kept */
static void qualify(const char *mod, const char *ref, char *out, size_t size)
{
    size_t n = strlen(ref);
    cr_assert(n > 3 && strncmp(ref, "${", 2) == 0 && ref[n - 1] == '}', "child %s", ref);
    char t[1024];
    snprintf(t, sizeof t, "%.*s", (int)(n - 3), ref + 2);
    int dots = 0;
    for (char *p = t; *p; p++) dots += *p == '.';
    if (dots == 1) snprintf(out, size, "%s.%s", mod, t);
    else snprintf(out, size, "%s", t);
}

static void read_body(facts *F, size_t idx, const jt *body, const char *kind, const char *shortn);

static void add_block(facts *F, const char *kind, const char *shortn, const jt *body, size_t owner,
                      int nested)
{
    char name[2048];
    snprintf(name, sizeof name, "%s.%s.%s", F->mod, strcmp(kind, "variable") ? kind : "var", shortn);
    if (nested) strs_add(&F->v[owner].nested, name);
    size_t idx = fact_new(F, kind, name);
    read_body(F, idx, body, kind, shortn);
}

static void read_body(facts *F, size_t idx, const jt *body, const char *kind, const char *shortn)
{
    const jt *t = jt_get(body, "title");
    if (t && t->kind == JT_STR && !strstr(t->s, "${") && !strstr(t->s, "%{") && !strstr(t->s, "$${"))
        F->v[idx].title = strdup(t->s);
    const jt *ty = jt_get(body, "type");
    if (strcmp(kind, "detection_benchmark") == 0 ||
        (strcmp(kind, "benchmark") == 0 && ty && ty->kind == JT_STR && strcmp(ty->s, "detection") == 0))
        F->v[idx].detection = 1;
    const jt *ch = jt_get(body, "children");
    if (ch && ch->kind == JT_ARR)
        for (size_t i = 0; i < ch->n; i++) {
            char q[2400];
            qualify(F->mod, ch->items[i]->s, q, sizeof q);
            strs_add(&F->v[idx].children, q);
        }
    if (strcmp(kind, "dashboard") && strcmp(kind, "container")) return;
    char unq[1200];
    snprintf(unq, sizeof unq, "%s_%s", kind, shortn);
    for (char *p = unq; *p; p++)
        if (*p == '.') *p = '_';
    for (size_t i = 0; i < sizeof panels / sizeof panels[0]; i++) {
        const jt *v = jt_get(body, panels[i]);
        if (!v) continue;
        if (v->kind == JT_ARR) {                 /* unlabelled: numbered in order */
            for (size_t k = 0; k < v->n; k++) {
                char s[1400];
                snprintf(s, sizeof s, "%s_anonymous_%s_%zu", unq, panels[i], k);
                add_block(F, panels[i], s, v->items[k], idx, 1);
            }
        } else if (v->kind == JT_OBJ) {          /* labelled */
            for (size_t k = 0; k < v->n; k++)
                for (size_t j = 0; j < v->items[k]->n; j++)
                    add_block(F, panels[i], v->keys[k], v->items[k]->items[j], idx, 1);
        }
    }
}

static char *read_line(FILE *f)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, f);
    if (n <= 0) {
        free(line);
        return NULL;
    }
    return line;
}

/* Run the oracle over a corpus directory and collect the facts. */
static void oracle_facts(const char *dir, facts *F)
{
    const char *np = getenv("NODE_PATH");
    cr_assert(np && *np,
              "NODE_PATH is not set: the oracle needs @cdktf/hcl2json (make bootstrap installs it)");
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' --ext=.pp,.sp '%s'", wf_shared("tools/hcl-oracle"), dir);
    FILE *o = popen(cmd, "r");
    cr_assert(o, "cannot run the oracle");
    /* the mod name first: mod.pp */
    jt **docs = NULL;
    char **files = NULL;
    size_t nd = 0;
    char *line;
    while ((line = read_line(o))) {
        char err[256];
        jt *v = jt_parse(line, strlen(line), err, sizeof err);
        cr_assert(v, "oracle line: %s", err);
        const jt *file = jt_get(v, "file");
        const jt *ok = jt_get(v, "ok");
        docs = realloc(docs, (nd + 1) * sizeof *docs);
        files = realloc(files, (nd + 1) * sizeof *files);
        files[nd] = strdup(file->s);
        docs[nd++] = ok->b ? v : NULL;
        if (!ok->b) {
            strs_add(&F->skipped_files, file->s);
            jt_free(v);
        }
        free(line);
    }
    int status = pclose(o);
    cr_assert(WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 1),
              "the oracle did not run (status %d)", status);
    cr_assert_gt(nd, 0, "the oracle listed no file in %s", dir);
    for (size_t i = 0; i < nd; i++) {
        size_t n = strlen(files[i]);
        if (docs[i] && n >= 7 && strcmp(files[i] + n - 7, "/mod.pp") == 0 &&
            strlen(files[i]) - 7 == strlen(dir)) {
            const jt *m = jt_get(jt_get(docs[i], "json"), "mod");
            cr_assert(m && m->kind == JT_OBJ && m->n);
            snprintf(F->mod, sizeof F->mod, "%s", m->keys[0]);
        }
    }
    cr_assert(F->mod[0], "no mod.pp in %s", dir);
    for (size_t i = 0; i < nd; i++) {
        if (!docs[i]) {
            free(files[i]);
            continue;
        }
        const jt *json = jt_get(docs[i], "json");
        for (size_t k = 0; k < json->n; k++) {
            const char *type = json->keys[k];
            const jt *v = json->items[k];
            if (!is_kind(type) || v->kind != JT_OBJ) continue;
            for (size_t l = 0; l < v->n; l++)
                for (size_t b = 0; b < v->items[l]->n; b++)
                    add_block(F, type, v->keys[l], v->items[l]->items[b], 0, 0);
        }
        jt_free(docs[i]);
        free(files[i]);
    }
    free(docs);
    free(files);
}

static void facts_free(facts *F)
{
    for (size_t i = 0; i < F->n; i++) {
        free(F->v[i].name);
        free(F->v[i].kind);
        free(F->v[i].title);
        paths_free(&F->v[i].children);
        paths_free(&F->v[i].nested);
    }
    free(F->v);
    paths_free(&F->skipped_files);
}

/* ------------------------------------------------------------ trunks (§4) */

typedef struct graph {
    const facts *F;
    strs names;        /* sorted unique fact names */
    long *first_fact;  /* per name: the first fact with it (the indexed definition) */
} graph;

static long gfind(const graph *g, const char *name)
{
    char **p = bsearch(&name, g->names.v, g->names.n, sizeof *g->names.v, cmpstr);
    return p ? g->first_fact[p - g->names.v] : -1;
}

static int is_bench(const fact *f)
{
    return !strcmp(f->kind, "benchmark") || !strcmp(f->kind, "detection_benchmark");
}

static void dfs(const graph *g, long node, char **path, size_t depth, strs *trunks_of)
{
    const fact *f = &g->F->v[node];
    /* record [path..., node] for node */
    size_t len = 2;
    for (size_t i = 0; i < depth; i++) len += strlen(path[i]) + 1;
    char *t = malloc(len + strlen(f->name));
    t[0] = '\0';
    for (size_t i = 0; i < depth; i++) {
        strcat(t, path[i]);
        strcat(t, ">");
    }
    strcat(t, f->name);
    strs_add(&trunks_of[node], t);
    free(t);
    path[depth] = f->name;
    for (size_t i = 0; i < f->children.n; i++) {
        long c = gfind(g, f->children.v[i]);
        if (c < 0 || !is_bench(&g->F->v[c]) || g->F->v[c].detection != f->detection) continue;
        int on = 0;
        for (size_t k = 0; k <= depth; k++) on |= strcmp(path[k], g->F->v[c].name) == 0;
        if (!on) dfs(g, c, path, depth + 1, trunks_of);
    }
}

/* ------------------------------------------------------------ the check */

static int from_skipped(const facts *F, const char *file)
{
    for (size_t i = 0; i < F->skipped_files.n; i++) {
        size_t a = strlen(file), b = strlen(F->skipped_files.v[i]);
        if (a >= b && strcmp(file + a - b, F->skipped_files.v[i]) == 0) return 1;
    }
    return 0;
}

static void check_corpus(const char *rel)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", wf_shared(rel));
    facts F;
    memset(&F, 0, sizeof F);
    oracle_facts(dir, &F);
    lp_workspace *ws = wf_open(dir, 2);
    for (uint32_t i = 0; i < lp_diag_count(ws); i++) {
        char buf[1024];
        lp_diag_format(lp_diag_at(ws, i), buf, sizeof buf);
        cr_log_info("%s: %s", rel, buf);
    }

    /* 1. names and kinds */
    strs want = { 0 }, got = { 0 };
    for (size_t i = 0; i < F.n; i++) strs_add(&want, F.v[i].name);
    uint32_t kcount[LP_KIND__COUNT] = { 0 };
    for (uint32_t id = 0; id < lp_entry_count(ws); id++) {
        lp_entry_info e;
        lp_entry_get(ws, id, &e);
        if (from_skipped(&F, e.file_name)) continue;
        strs_add(&got, e.name);
    }
    strs_sort_unique(&want);
    strs_sort_unique(&got);
    for (size_t i = 0, j = 0; i < want.n || j < got.n;) {
        int c = i == want.n ? 1 : j == got.n ? -1 : strcmp(want.v[i], got.v[j]);
        cr_expect_eq(c, 0, "%s: %s %s", rel,
                     c < 0 ? "missing from the index:" : "indexed but not in the oracle's JSON:",
                     c < 0 ? want.v[i] : got.v[j]);
        if (c <= 0) i++;
        if (c >= 0) j++;
    }
    cr_assert_eq(want.n, got.n, "%s: %zu names expected, %zu indexed", rel, want.n, got.n);
    graph g = { &F, want, calloc(want.n + 1, sizeof(long)) };
    for (size_t i = 0; i < want.n; i++) g.first_fact[i] = -1;
    for (size_t i = 0; i < F.n; i++) {
        char **p = bsearch(&F.v[i].name, want.v, want.n, sizeof *want.v, cmpstr);
        if (g.first_fact[p - want.v] < 0) g.first_fact[p - want.v] = (long)i;
    }
    for (size_t i = 0; i < want.n; i++) {
        const fact *f = &F.v[g.first_fact[i]];
        kcount[lp_kind_from_name(f->kind)]++;
    }
    lp_workspace_stats st;
    lp_workspace_stats_get(ws, &st);
    for (int k = 0; k < LP_KIND__COUNT; k++)
        if (!F.skipped_files.n) cr_expect_eq(st.kind_counts[k], kcount[k], "%s: %s count", rel, kinds[k]);

    /* 2. titles, children, nested panels */
    size_t checked_titles = 0, checked_children = 0;
    for (size_t i = 0; i < want.n; i++) {
        const fact *f = &F.v[g.first_fact[i]];
        uint32_t id = lp_lookup(ws, f->name);
        if (id == LP_NO_ENTRY) continue;                 /* a dashboard's input: not a workspace name */
        lp_entry_info e;
        lp_entry_get(ws, id, &e);
        if (f->title) {
            cr_expect_str_eq(e.title, f->title, "%s: title of %s", rel, f->name);
            checked_titles++;
        }
        uint32_t n = lp_entry_child_name_count(ws, id);
        cr_expect_eq(n, f->children.n + f->nested.n, "%s: %s has %u child names, oracle %zu + %zu nested",
                     rel, f->name, n, f->children.n, f->nested.n);
        if (n != f->children.n + f->nested.n) continue;
        for (size_t k = 0; k < f->children.n; k++)
            cr_expect_str_eq(lp_entry_child_name(ws, id, (uint32_t)k), f->children.v[k],
                             "%s: child %zu of %s", rel, k, f->name);
        strs ours = { 0 }, theirs = { 0 };
        for (size_t k = f->children.n; k < n; k++) strs_add(&ours, lp_entry_child_name(ws, id, (uint32_t)k));
        for (size_t k = 0; k < f->nested.n; k++) strs_add(&theirs, f->nested.v[k]);
        strs_sort_unique(&ours);
        strs_sort_unique(&theirs);
        cr_expect_eq(ours.n, theirs.n);
        for (size_t k = 0; k < ours.n && k < theirs.n; k++)
            cr_expect_str_eq(ours.v[k], theirs.v[k], "%s: nested panel of %s", rel, f->name);
        paths_free(&ours);
        paths_free(&theirs);
        checked_children += n;
    }
    cr_assert_gt(checked_titles, 0);

    /* 3. top level and trunks, recomputed from the oracle's graph */
    int *has_parent = calloc(F.n + 1, sizeof *has_parent);
    for (size_t i = 0; i < want.n; i++) {
        const fact *f = &F.v[g.first_fact[i]];
        for (size_t k = 0; k < f->children.n; k++) {
            long c = gfind(&g, f->children.v[k]);
            if (c >= 0) has_parent[c] = 1;
        }
        for (size_t k = 0; k < f->nested.n; k++) {
            long c = gfind(&g, f->nested.v[k]);
            if (c >= 0) has_parent[c] = 1;
        }
    }
    strs *trunks_of = calloc(F.n + 1, sizeof *trunks_of);
    char **path = calloc(F.n + 1, sizeof *path);
    for (size_t i = 0; i < want.n; i++) {             /* roots in name order */
        long r = g.first_fact[i];
        if (is_bench(&F.v[r]) && !has_parent[r]) dfs(&g, r, path, 0, trunks_of);
    }
    lp_buf b = { 0 };
    cr_assert_eq(lp_available_dashboards_json(ws, &b), LP_OK);
    char err[256];
    jt *payload = jt_parse(b.data, b.len, err, sizeof err);
    cr_assert(payload, "%s", err);
    const jt *benches = jt_get(payload, "benchmarks");
    size_t nbench = 0, ntrunks = 0;
    for (size_t i = 0; i < want.n; i++) {
        long r = g.first_fact[i];
        if (!is_bench(&F.v[r])) continue;
        nbench++;
        const jt *pb = jt_get(benches, F.v[r].name);
        cr_assert(pb, "%s: %s not in the payload", rel, F.v[r].name);
        cr_expect_eq(jt_get(pb, "is_top_level")->b, !has_parent[r], "%s: is_top_level of %s", rel,
                     F.v[r].name);
        cr_expect_str_eq(jt_get(pb, "benchmark_type")->s, F.v[r].detection ? "detection" : "control");
        const jt *t = jt_get(pb, "trunks");
        if (!trunks_of[r].n) {
            cr_expect_eq(t->kind, JT_NULL, "%s: %s has trunks", rel, F.v[r].name);
            continue;
        }
        cr_assert_eq(t->kind, JT_ARR);
        cr_expect_eq(t->n, trunks_of[r].n, "%s: %s has %zu trunks, expected %zu", rel, F.v[r].name, t->n,
                     trunks_of[r].n);
        for (size_t k = 0; k < t->n && k < trunks_of[r].n; k++) {
            char s[8192] = "";
            for (size_t j = 0; j < t->items[k]->n; j++) {
                if (j) strcat(s, ">");
                strcat(s, t->items[k]->items[j]->s);
            }
            cr_expect_str_eq(s, trunks_of[r].v[k], "%s: trunk %zu of %s", rel, k, F.v[r].name);
            ntrunks++;
        }
    }
    cr_expect_eq(benches->n, nbench, "%s: payload benchmarks", rel);
    cr_log_info("%s: %zu names, %zu titles, %zu child names, %zu benchmarks, %zu trunks checked", rel, want.n,
                checked_titles, checked_children, nbench, ntrunks);
    jt_free(payload);
    lp_buf_free(&b);
    for (size_t i = 0; i < F.n; i++) paths_free(&trunks_of[i]);
    free(trunks_of);
    free(path);
    free(has_parent);
    free(g.first_fact);
    paths_free(&want);
    paths_free(&got);
    facts_free(&F);
    lp_close(ws);
}

Test(corpus, aws_compliance, .timeout = 300) { check_corpus("corpus/aws_compliance"); }
Test(corpus, aws_insights, .timeout = 300) { check_corpus("corpus/aws_insights"); }
Test(corpus, aws_cloudtrail_log_detections, .timeout = 300)
{
    check_corpus("corpus/aws_cloudtrail_log_detections");
}
