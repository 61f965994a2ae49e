/* test_show_paths.c — the `path` of show and list JSON on real mods: every path of a control (card,
 * table, detection) runs from its mod through parent after parent down to the resource itself, and the paths
 * are exactly the chains a top-down walk of the hierarchy finds (from each top-level benchmark or dashboard,
 * child by child), derived here apart from the writer (src/index/paths.c).  Powerpipe's own output
 * ends a control's path at its benchmark's last child (Go's append aliasing; paths.c), which is
 * why this is checked on mods whose benchmarks have many children. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/jsontree.h"
#include "support/shared.h"
#include "support/paths.h"

typedef paths strs;

static void strs_add(strs *s, const char *text) { cr_assert_eq(paths_add(s, text), 0); }

/* per entry, the chains found by the walk, each "mod.m > a > b > entry" */
typedef struct walk {
    const lp_workspace *ws;
    strs *chains;          /* [entry id] */
    uint32_t *stack;
    size_t depth;
} walk;

static const char *name_of(const lp_workspace *ws, uint32_t id)
{
    lp_entry_info e;
    cr_assert_eq(lp_entry_get(ws, id, &e), LP_OK);
    return e.name;
}

static void record(walk *w, const char *mod_full)
{
    char buf[8192];
    size_t len = (size_t)snprintf(buf, sizeof buf, "%s", mod_full);
    for (size_t i = 0; i < w->depth; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, " > %s", name_of(w->ws, w->stack[i]));
    cr_assert(len < sizeof buf);
    strs_add(&w->chains[w->stack[w->depth - 1]], buf);
}

static void descend(walk *w, uint32_t id, const char *mod_full)
{
    for (size_t i = 0; i < w->depth; i++)
        if (w->stack[i] == id) return;   /* a cycle: that branch ends */
    w->stack[w->depth++] = id;
    record(w, mod_full);
    for (uint32_t i = 0; i < lp_entry_child_count(w->ws, id); i++)
        descend(w, lp_entry_child(w->ws, id, i), mod_full);
    w->depth--;
}

/* A control's paths in list JSON, each joined as the walk joins them, after checking that each
 * step is a child of the step before and that the path ends at the control. */
static void paths_of(const lp_workspace *ws, const jt *item, strs *out, const char *control)
{
    const jt *listed = jt_get(item, "path");
    if (!listed) return;
    cr_assert_eq(listed->kind, JT_ARR);
    for (size_t k = 0; k < listed->n; k++) {
        const jt *p = listed->items[k];
        cr_assert(p->kind == JT_ARR && p->n >= 2, "%s: a path of %zu elements", control, p->n);
        cr_expect_str_eq(p->items[p->n - 1]->s, control, "%s: path %zu ends at %s", control, k,
                         p->items[p->n - 1]->s);
        char buf[8192];
        size_t len = (size_t)snprintf(buf, sizeof buf, "%s", p->items[0]->s);
        for (size_t i = 1; i < p->n; i++) {
            len += (size_t)snprintf(buf + len, sizeof buf - len, " > %s", p->items[i]->s);
            if (i < 2) continue;
            uint32_t parent = lp_lookup(ws, p->items[i - 1]->s), child = lp_lookup(ws, p->items[i]->s);
            cr_assert(parent != LP_NO_ENTRY && child != LP_NO_ENTRY, "%s: unknown names in its path",
                      control);
            int found = 0;
            for (uint32_t c = 0; c < lp_entry_child_count(ws, parent) && !found; c++)
                found = lp_entry_child(ws, parent, c) == child;
            cr_expect(found, "%s: path %zu: %s is not a child of %s", control, k, p->items[i]->s,
                      p->items[i - 1]->s);
        }
        cr_assert(len < sizeof buf);
        strs_add(out, buf);
    }
}

static void check_mod(const char *rel, lp_kind kind)
{
    const char *dir = ts_shared(rel);
    lp_workspace_opts o = { 0 };
    o.no_background = 1;
    lp_workspace *ws = NULL;
    lp_error err;
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "lp_open(%s): %s", dir, err.message);

    uint32_t n = lp_entry_count(ws);
    walk w = { ws, calloc(n, sizeof(strs)), calloc(n + 1, sizeof(uint32_t)), 0 };
    cr_assert(w.chains && w.stack);
    for (uint32_t r = lp_next_top_level(ws, LP_NO_ENTRY); r != LP_NO_ENTRY; r = lp_next_top_level(ws, r)) {
        lp_entry_info e;
        cr_assert_eq(lp_entry_get(ws, r, &e), LP_OK);
        descend(&w, r, e.mod_full_name);
    }

    lp_buf b = { 0 };
    cr_assert_eq(lp_list_json(ws, kind, &b), LP_OK);
    char why[200];
    jt *list = jt_parse(b.data, b.len, why, sizeof why);
    cr_assert(list && list->kind == JT_ARR, "%s: control list: %s", rel, why);
    size_t items = 0, total = 0, multi = 0;
    for (size_t i = 0; i < list->n; i++) {
        const jt *name = jt_get(list->items[i], "qualified_name");
        cr_assert(name && name->kind == JT_STR);
        uint32_t id = lp_lookup(ws, name->s);
        cr_assert_neq(id, LP_NO_ENTRY, "%s", name->s);
        lp_entry_info e;
        cr_assert_eq(lp_entry_get(ws, id, &e), LP_OK);
        strs want = { 0 }, got = { 0 };
        for (size_t k = 0; k < w.chains[id].n; k++) strs_add(&want, w.chains[id].v[k]);
        if (lp_entry_parent_count(ws, id) == 0) {   /* no parent at all: the mod's own */
            char one[1024];
            snprintf(one, sizeof one, "%s > %s", e.mod_full_name, name->s);
            strs_add(&want, one);
        }
        paths_of(ws, list->items[i], &got, name->s);
        paths_sort(&want);
        paths_sort(&got);
        cr_expect_eq(got.n, want.n, "%s: %zu paths, the walk finds %zu", name->s, got.n, want.n);
        for (size_t k = 0; k < got.n && k < want.n; k++)
            cr_expect_str_eq(got.v[k], want.v[k], "%s: path %zu", name->s, k);
        items++;
        total += got.n;
        multi += got.n > 1;
        paths_free(&want);
        paths_free(&got);
    }
    cr_log_info("%s: %zu resources, %zu paths (%zu with more than one parent)", rel, items, total, multi);
    cr_assert_gt(items, 0);

    /* show gives the same paths as the list (a sample: a show loads its resource) */
    for (size_t i = 0; i < list->n; i += 97) {
        const char *qn = jt_get(list->items[i], "qualified_name")->s;
        lp_resource *r;
        cr_assert_eq(lp_load(ws, qn, &r, &err), LP_OK, "%s: %s", qn, err.message);
        lp_buf s = { 0 };
        cr_assert_eq(lp_resource_json(r, &s), LP_OK);
        jt *doc = jt_parse(s.data, s.len, why, sizeof why);
        cr_assert(doc, "%s: %s", qn, why);
        const jt *a = jt_get(doc, "path"), *c = jt_get(list->items[i], "path");
        cr_expect((!a && !c) || (a && c && jt_equal(a, c, why, sizeof why)), "%s: show and list differ (%s)",
                  qn, why);
        jt_free(doc);
        lp_buf_free(&s);
        lp_resource_release(r);
    }

    jt_free(list);
    lp_buf_free(&b);
    for (uint32_t i = 0; i < n; i++) paths_free(&w.chains[i]);
    free(w.chains);
    free(w.stack);
    lp_close(ws);
}

Test(show_paths, aws_compliance_controls) { check_mod("corpus/aws_compliance", LP_KIND_CONTROL); }
Test(show_paths, aws_insights_cards) { check_mod("corpus/aws_insights", LP_KIND_CARD); }
Test(show_paths, aws_insights_tables) { check_mod("corpus/aws_insights", LP_KIND_TABLE); }
Test(show_paths, cloudtrail_detections)
{
    check_mod("corpus/aws_cloudtrail_log_detections", LP_KIND_DETECTION);
}
