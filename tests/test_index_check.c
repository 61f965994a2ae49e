/* test_index_check.c — the index's invariant checker (src/index/index_check.c):
 * every index the corpora and fixtures build passes it (the sanitized builds
 * run it inside every lp_open too), and each kind of damage to a built index
 * is named.  The damage is done to a real workspace's arrays and undone. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "index/index.h"
#include "index/schema.h"
#include "lazypipe.h"
#include "support/wsfix.h"

static lp_workspace *open_dir(const char *dir)
{
    lp_workspace_opts o = { .workers = 1, .no_resolve = 1 };
    lp_workspace *ws = NULL;
    lp_error err;
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "%s: %s", dir, err.message);
    return ws;
}

Test(index_check, real_indexes_hold)
{
    static const char *const dirs[] = { "corpus/aws_cloudtrail_log_detections", "corpus/aws_compliance",
                                        "corpus/aws_insights" };
    lp_workspace *ws = open_dir("tests/data/sample_mod");
    cr_assert_null(idx_check(ws));
    lp_close(ws);
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        ws = open_dir(wf_shared(dirs[i]));
        const char *bad = idx_check(ws);
        cr_assert_null(bad, "%s: %s", dirs[i], bad);
        lp_close(ws);
    }
}

/* The attribute table (schema.h): names, bits, offsets, and the scan's own
 * lookup agreeing with it. */
Test(index_check, schema_table_is_consistent)
{
    const char *bad = sch_check();
    cr_assert_null(bad, "%s", bad);
    cr_assert_eq(sch_find("documentation", 13), SCH_DOCUMENTATION);
    cr_assert_eq(sch_find("url_path", 8), SCH_URL_PATH);
    cr_assert_eq(sch_find("sq", 2), SCH_NONE);
}

#define EXPECT_BROKEN(ws, what, stmt, undo)                                                        \
    do {                                                                                           \
        stmt;                                                                                      \
        const char *b_ = idx_check(ws);                                                            \
        undo;                                                                                      \
        cr_assert(b_ && strstr(b_, what), "expected \"%s\", got %s", what, b_ ? b_ : "nothing");   \
        cr_assert_null(idx_check(ws));                                                             \
    } while (0)

Test(index_check, each_damage_is_named)
{
    lp_workspace *ws = open_dir("tests/data/sample_mod");
    cr_assert_gt(ws->ix.nentries, 3);
    idx_entry *e = ws->ix.entries;
    uint32_t keep = e[1].file;
    EXPECT_BROKEN(ws, "kind or file", e[1].file = ws->ix.nfiles, e[1].file = keep);
    keep = e[2].title;
    EXPECT_BROKEN(ws, "entry's strings", e[2].title = keep + 2, e[2].title = keep);
    keep = e[1].kv;
    EXPECT_BROKEN(ws, "tags", e[1].kv = ws->ix.nkv + 1, e[1].kv = keep);
    uint16_t nc = e[0].nchild;
    EXPECT_BROKEN(ws, "children", e[0].nchild = 60000, e[0].nchild = nc);
    uint32_t fm = ws->ix.files[0].mod;
    EXPECT_BROKEN(ws, "a file", ws->ix.files[0].mod = ws->ix.nmods, ws->ix.files[0].mod = fm);
    uint32_t mn = ws->ix.mods[0].name;
    EXPECT_BROKEN(ws, "a mod", ws->ix.mods[0].name = 0xFFFFFFF0u, ws->ix.mods[0].name = mn);
    /* a name's owner word naming no entry */
    uint32_t name = e[0].name, v = si_val(&ws->strings, name);
    EXPECT_BROKEN(ws, "name's entry", si_set_val(&ws->strings, name, ws->ix.nentries + 5),
                  si_set_val(&ws->strings, name, v));
    /* a full hash table: a probe for a missing name would never end */
    uint32_t count = ws->strings.count;
    EXPECT_BROKEN(ws, "hash table load", ws->strings.count = count + 1, ws->strings.count = count);
    lp_close(ws);
}

/* The map of a heap's records (idx_idmap) finds exactly the strings the heap holds: every id of the
 * hash set (each distinct string once, "" included), and as many records as the set counts; an
 * index checked through it holds as it does without. */
Test(index_check, id_map_finds_every_string)
{
    static const char *const dirs[] = { "corpus/aws_compliance", "corpus/aws_insights" };
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        lp_workspace *ws = open_dir(wf_shared(dirs[i]));
        const si_table *S = &ws->strings;
        idx_idmap m;
        cr_assert_eq(idx_idmap_make(&m, S, 0), 0);
        cr_assert_not_null(m.bits);
        uint32_t slots = 0, bits = 0;
        for (uint32_t k = 0; k < S->nslots; k++) {
            uint32_t id = (uint32_t)S->slots[k];
            if (!id) continue;
            slots++;
            cr_assert(idx_id_ok(&m, S, id), "%s: string %u not found", dirs[i], id);
        }
        for (size_t w = 0; w < m.nwords; w++) bits += (uint32_t)__builtin_popcountll(m.bits[w]);
        cr_assert_eq(bits, slots, "%s: %u records, %u strings", dirs[i], bits, slots);
        cr_assert_eq(slots, S->count);
        cr_assert_null(idx_check_mapped(ws, &m));
        idx_idmap_free(&m);
        /* a heap under the size asked for gets no map: its ids are read where they lie */
        cr_assert_eq(idx_idmap_make(&m, S, (size_t)1 << 40), 0);
        cr_assert_null(m.bits);
        cr_assert(idx_id_ok(&m, S, ws->ix.entries[0].name));
        lp_close(ws);
    }
}

/* An id inside another string's bytes, which look like a record there (a value may hold NUL
 * bytes), passes idx_valid_id but is no string: the map rejects it, and so does an index check
 * through the map that meets it. */
Test(index_check, id_map_rejects_an_id_inside_a_string)
{
    si_table t;
    cr_assert_eq(si_init(&t, 256, 8), 0);
    /* [u32 0][u32 3][u32 hash]"abc"NUL inside the text of one string */
    static const char inner[] = "\0\0\0\0\3\0\0\0hhhhabc\0xyz";
    uint32_t outer = si_add(&t, inner, sizeof inner - 1);
    uint32_t plain = si_add(&t, "plain", 5);
    cr_assert_neq(outer, LP_INTERN_OOM);
    uint32_t forged = outer + 12;
    cr_assert(idx_valid_id(&t, forged), "the forged id reads as a record");
    idx_idmap m;
    cr_assert_eq(idx_idmap_make(&m, &t, 0), 0);
    cr_assert(idx_id_ok(&m, &t, outer));
    cr_assert(idx_id_ok(&m, &t, plain));
    cr_assert(idx_id_ok(&m, &t, 0));
    cr_assert_not(idx_id_ok(&m, &t, forged));
    cr_assert_not(idx_id_ok(&m, &t, plain + 4));
    cr_assert_not(idx_id_ok(&m, &t, plain + 1));
    cr_assert_not(idx_id_ok(&m, &t, 1u << LP_INTERN_SHIFT | 12));   /* no such block */
    idx_idmap_free(&m);
    si_free(&t);

    lp_workspace *ws = open_dir("tests/data/sample_mod");
    idx_idmap wm;
    cr_assert_eq(idx_idmap_make(&wm, &ws->strings, 0), 0);
    idx_entry *e = ws->ix.entries;
    uint32_t keep = e[2].title;
    /* 4 bytes into the title's text: inside its record, no string start */
    e[2].title = keep + 4;
    const char *bad = idx_check_mapped(ws, &wm);
    e[2].title = keep;
    cr_assert(bad && strstr(bad, "entry's strings"), "got %s", bad ? bad : "nothing");
    cr_assert_null(idx_check_mapped(ws, &wm));
    idx_idmap_free(&wm);
    lp_close(ws);
}
