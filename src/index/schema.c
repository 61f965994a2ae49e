/* schema.c — the attribute table and its readers (schema.h). */
#include "index/schema.h"

#include <string.h>

#include "index/scan.h"

/* offsets + 1: 0 stands for none */
#define SCAN(f) ((uint16_t)(offsetof(scan_entry, f) + 1))
#define VIEW(f) ((uint16_t)(offsetof(idx_view, f) + 1))
#define RES(f) ((uint16_t)(offsetof(idx_resolved, f) + 1))
#define ALL SCH_ALL_KINDS
#define STR_FIELD(f) .scan = SCAN(f), .view = VIEW(f), .res = RES(f)
#define REF (SCH_REF_OBJ | SCH_REF_FIELD)
#define KEYS(list, dash, show) .list_key = (list), .dash_key = (dash), .show_key = (show)

/* In evaluation order (schema.h). */
const sch_attr sch_attrs[SCH__COUNT] = {
    [SCH_TITLE] = { "title", ALL, SCH_ST_ENTRY, 0, SCH_TEXT | REF | SCH_INHERIT, STR_FIELD(title),
                    .unres = LP_UNRES_TITLE, .eval = LP_UNRES_TITLE, KEYS("title", "title", "title") },
    [SCH_DESCRIPTION] = { "description", ALL, SCH_ST_ENTRY, 0, SCH_TEXT | REF | SCH_INHERIT,
                          STR_FIELD(description),
                          .unres = LP_UNRES_DESCRIPTION, .eval = LP_UNRES_DESCRIPTION,
                          KEYS("description", NULL, "description") },
    [SCH_TAGS] = { "tags", ALL, SCH_ST_TAGS, 0, REF | SCH_APART,
                   .unres = LP_UNRES_TAGS, .eval = LP_UNRES_TAGS, KEYS("tags", "tags", "tags") },
    [SCH_CATEGORY] = { "category", ALL, SCH_ST_PROP, IDX_PROP_CATEGORY, SCH_TEXT | SCH_REF_FIELD,
                       STR_FIELD(category), .unres = LP_UNRES_CATEGORY, .eval = LP_UNRES_CATEGORY,
                       KEYS(NULL, NULL, "category") },
    [SCH_DOCUMENTATION] = { "documentation", ALL, SCH_ST_PROP, IDX_PROP_DOCUMENTATION,
                            SCH_TEXT | REF | SCH_INHERIT, STR_FIELD(documentation),
                            .unres = LP_UNRES_DOCUMENTATION, .eval = LP_UNRES_DOCUMENTATION,
                            KEYS(NULL, NULL, "documentation") },
    [SCH_DISPLAY] = { "display", ALL, SCH_ST_PROP, IDX_PROP_DISPLAY, SCH_TEXT | SCH_REF_FIELD,
                      STR_FIELD(display),
                      .unres = LP_UNRES_DISPLAY, .eval = LP_UNRES_DISPLAY, KEYS(NULL, NULL, "display") },
    [SCH_WIDTH] = { "width", ALL, SCH_ST_WIDTH, IDX_PROP_WIDTH, SCH_REF_FIELD,
                    .unres = LP_UNRES_WIDTH, .eval = LP_UNRES_WIDTH, KEYS(NULL, NULL, "width") },
    [SCH_SQL] = { "sql", ALL, SCH_ST_PROP, IDX_PROP_SQL, REF | SCH_INHERIT | SCH_APART, STR_FIELD(sql),
                  .unres = LP_UNRES_SQL, .eval = LP_UNRES_SQL, KEYS("sql", NULL, "sql") },
    [SCH_TYPE] = { "type", SCH_K(LP_KIND_BENCHMARK), SCH_ST_DETECTION, 0, 0,
                   .unres = LP_UNRES_TYPE, .eval = LP_UNRES_TYPE, KEYS(NULL, "benchmark_type", "type") },
    /* not evaluated: a `query` that is no reference, a `children` that is no list, stay so */
    [SCH_QUERY] = { "query", ALL, SCH_ST_QUERY_REF, IDX_PROP_QUERY_REF, SCH_APART, .view = VIEW(query_ref),
                    .unres = LP_UNRES_QUERY, .eval = 0, KEYS(NULL, NULL, "query") },
    [SCH_CHILDREN] = { "children", ALL, SCH_ST_CHILDREN, 0, SCH_APART,
                       .unres = LP_UNRES_CHILDREN, .eval = 0, KEYS("children", "children", "children") },
    [SCH_NAME] = { "name", ALL, SCH_ST_NAME, 0, SCH_DERIVED | REF, KEYS(NULL, NULL, NULL) },
    [SCH_URL_PATH] = { "url_path", ALL, SCH_ST_URL_PATH, 0, SCH_DERIVED | REF | SCH_APART,
                       KEYS("url_path", NULL, "url_path") },
};

sch_id sch_find(const char *name, size_t len)
{
    for (unsigned i = 1; i < SCH__COUNT; i++)
        if (strlen(sch_attrs[i].name) == len && memcmp(sch_attrs[i].name, name, len) == 0) return (sch_id)i;
    return SCH_NONE;
}

int sch_ref_value(const lp_workspace *ws, uint32_t id, const idx_view *v, sch_id row, ar_arena *a,
                  lpv_value *out)
{
    if (!(sch_attrs[row].flags & SCH_REF_FIELD)) return 1;
    const char *name = idx_str(ws, ws->ix.entries[id].name);
    switch (sch_attrs[row].store) {
    case SCH_ST_ENTRY: case SCH_ST_PROP: {
        const char *s = sch_view_str(v, row);
        *out = lpv_str_ref(s, strlen(s));
        return 0;
    }
    case SCH_ST_WIDTH:
        *out = v->has_width ? lpv_int(v->width) : lpv_null();
        return 0;
    case SCH_ST_TAGS: {
        const lp_tags *t = &v->tags;
        lpv_attr *at = ar_alloc(a, (t->n ? t->n : 1) * sizeof *at);
        if (!at) return -1;
        for (uint32_t i = 0; i < t->n; i++) {
            const char *k, *s;
            lp_tags_at(t, i, &k, &s);
            at[i].key = k;
            at[i].klen = (uint32_t)strlen(k);
            at[i].val = lpv_str_ref(s, strlen(s));
        }
        *out = lpv_obj(LPV_MAP, at, t->n);
        return 0;
    }
    case SCH_ST_NAME:
        *out = lpv_str_ref(name, strlen(name));
        return 0;
    case SCH_ST_URL_PATH: {
        size_t n = strlen(name);
        char *p = ar_alloc(a, n + 2);
        if (!p) return -1;
        p[0] = '/';
        memcpy(p + 1, name, n + 1);
        *out = lpv_str_ref(p, n + 1);
        return 0;
    }
    default:
        return 1;
    }
}

int sch_ref_object(const lp_workspace *ws, uint32_t id, const idx_view *v, unsigned skip, ar_arena *a,
                   lpv_value *out)
{
    lpv_attr *at = ar_alloc(a, SCH__COUNT * sizeof *at);
    if (!at) return -1;
    uint32_t n = 0;
    for (unsigned i = 1; i < SCH__COUNT; i++) {
        const sch_attr *r = &sch_attrs[i];
        if (!(r->flags & SCH_REF_OBJ) || (r->unres & skip)) continue;
        lpv_attr m = { .key = r->name, .klen = (uint32_t)strlen(r->name) };
        int rc = sch_ref_value(ws, id, v, (sch_id)i, a, &m.val);
        if (rc < 0) return -1;
        uint32_t j = n++;        /* members in key order, as an object's are */
        for (; j > 0 && strcmp(at[j - 1].key, m.key) > 0; j--) at[j] = at[j - 1];
        at[j] = m;
    }
    *out = lpv_obj(LPV_OBJECT, at, n);
    return 0;
}

#define CHECK(cond, what)           \
    do {                            \
        if (!(cond)) return (what); \
    } while (0)

const char *sch_check(void)
{
    unsigned bits = 0;
    CHECK(!sch_attrs[SCH_NONE].name && !sch_attrs[SCH_NONE].kinds, "schema: row 0 is not empty");
    CHECK(scan_attr_kind((hcl_str){ "titles", 6 }) == SCH_NONE &&
              scan_attr_kind((hcl_str){ "", 0 }) == SCH_NONE,
          "schema: the scan reads a name the table lacks");
    for (unsigned i = 1; i < SCH__COUNT; i++) {
        const sch_attr *r = &sch_attrs[i];
        CHECK(r->name && r->name[0], "schema: a row without a name");
        for (unsigned j = 1; j < i; j++) CHECK(strcmp(sch_attrs[j].name, r->name), "schema: a name twice");
        CHECK(r->kinds && !(r->kinds & ~SCH_ALL_KINDS), "schema: kinds");
        CHECK(!(r->unres & bits), "schema: an LP_UNRES_* bit twice");
        CHECK(!r->unres || !(r->unres & (r->unres - 1)), "schema: more than one LP_UNRES_* bit");
        CHECK(!r->eval || r->eval == r->unres, "schema: an eval bit that is not the row's");
        bits |= r->unres;
        /* the scan's lookup (attr_of) gives every HCL row back, no derived one */
        hcl_str nm = { r->name, (uint32_t)strlen(r->name) };
        CHECK(scan_attr_kind(nm) == (int)((r->flags & SCH_DERIVED) ? SCH_NONE : i),
              "schema: the scan's attribute lookup disagrees with the table");
        int str = r->store == SCH_ST_ENTRY || r->store == SCH_ST_PROP;
        CHECK(!str || (r->view && r->res), "schema: a string row without its view and record fields");
        CHECK(!(r->flags & SCH_TEXT) || (str && r->scan), "schema: a text row without its scan field");
        /* phase 2 stores a string by its res column, the others by their store (resolve.c) */
        CHECK(!r->eval || r->res || r->store == SCH_ST_TAGS || r->store == SCH_ST_WIDTH ||
                  r->store == SCH_ST_DETECTION, "schema: an evaluated row phase 2 cannot store");
        CHECK(!r->res || r->eval, "schema: a record field of a row phase 2 does not evaluate");
        CHECK((r->store == SCH_ST_PROP || r->store == SCH_ST_WIDTH || r->store == SCH_ST_QUERY_REF) ==
                  (r->prop != 0), "schema: a property row without its IDX_PROP_*");
        CHECK(!(r->flags & SCH_DERIVED) || (!r->unres && !r->scan), "schema: a derived row with HCL columns");
        CHECK(!(r->flags & SCH_INHERIT) || ((r->flags & SCH_REF_OBJ) && str),
              "schema: an inherited row that a reference's object does not carry as a string");
        CHECK(!(r->flags & SCH_REF_OBJ) || (r->flags & SCH_REF_FIELD),
              "schema: an object member not readable");
    }
    /* every field of lazypipe.h's LP_UNRES_* (LP_UNRES_QUERY is the last) */
    CHECK(bits == LP_UNRES_QUERY * 2u - 1u, "schema: an LP_UNRES_* bit without its row");
    return NULL;
}
