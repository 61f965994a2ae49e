/* schema.h — the one table of the attributes the library understands: for
 * each, the kinds whose entries the index reads it for, where the index
 * keeps it, its evaluation bit, its JSON keys and how references and loads
 * read it.  Every list of attribute names in the library is derived from it
 * (or checked against it: sch_check):
 *  - scan.c: the attribute lookup (attr_of, a switch on the hottest path,
 *    checked against the names here), the evaluation bits, the text fields,
 *    the kinds an attribute is read for;
 *  - resolve.c and load.c: `type.name` and `type.name.field` references
 *    (sch_ref_value, sch_ref_object), the fields phase 2 evaluates and how
 *    it stores the strings among them;
 *  - load.c, load_json.c: the attributes a loaded resource keeps apart and
 *    those a block inherits from its base;
 *  - list.c, payload.c: the keys of the indexed fields.
 * The CLI (cmd_show.c) and the server (msgs.c) see only lazypipe.h: they
 * name attributes as Powerpipe's JSON does, outside this table.
 *
 * THE COLUMNS (sch_attr):
 *  name     the HCL attribute name, or (SCH_DERIVED rows) the member name of
 *           a reference's object that no HCL attribute gives;
 *  kinds    the lp_kinds whose entries the scan reads it for (SCH_K bits);
 *  store    where the index keeps the scanned value (sch_store; prop: the
 *           IDX_PROP_* of a property);
 *  scan     offset + 1 of its scan_str in scan_entry (text rows), else 0;
 *  view     offset + 1 of its string in idx_view, else 0;
 *  res      offset + 1 of its string in idx_resolved (phase 2's value), else 0;
 *  unres    the LP_UNRES_* bit the scan sets when it cannot read the value;
 *  eval     that bit again when phase 2 evaluates the attribute, else 0;
 *  list_key its key in list JSON (list.c; NULL: not written there);
 *  dash_key its key in the available_dashboards payload (payload.c);
 *  show_key its key in `show --output json` (lp_resource_json);
 *  flags    SCH_* below.
 *
 * ADDING AN ATTRIBUTE: add its SCH_ id before SCH_NAME (the derived rows
 * last) and its row in schema.c, then:
 *  - for the scan to read it, its name in attr_of (scan.c; sch_check fails
 *    until the switch and the table agree), its case in attr_one, and its
 *    place in the index: a scan_entry field, a new IDX_PROP_* written by
 *    the merge (index.c) and read by idx_view_make (a new property changes
 *    the persisted image: bump its format version, persist.c);
 *  - for phase 2 to evaluate it, a new LP_UNRES_* bit (lazypipe.h) as its
 *    unres and eval columns; a string with a res column (a new idx_resolved
 *    and idx_view field, and idx_overlay's for the image) is evaluated and
 *    stored by resolve.c without more; other values need their case there;
 *  - for JSON, its keys: list.c writes an item's keys in sorted order by
 *    hand, so a new list key goes in its place there.
 * Rows are in evaluation order: phase 2 evaluates an entry's fields in the
 * order of the table (its diagnostics come in that order).
 *
 * Immutable, static: readable from any thread.
 */
#ifndef LP_SCHEMA_H
#define LP_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "eval/value.h"
#include "index/index.h"

/* One id per row; 0 stands for any attribute not in the table. */
typedef enum sch_id {
    SCH_NONE = 0,
    SCH_TITLE, SCH_DESCRIPTION, SCH_TAGS, SCH_CATEGORY, SCH_DOCUMENTATION, SCH_DISPLAY, SCH_WIDTH,
    SCH_SQL, SCH_TYPE, SCH_QUERY, SCH_CHILDREN,
    SCH_NAME, SCH_URL_PATH,      /* SCH_DERIVED: members of a reference's object */
    SCH__COUNT
} sch_id;

/* a reader of the scan keeps a 32-bit set of the rows it has seen (skim.c) */
_Static_assert(SCH__COUNT <= 32, "sch_id must stay below 32");

/* Where the index keeps the scanned value. */
typedef enum sch_store {
    SCH_ST_NONE,                 /* not kept */
    SCH_ST_ENTRY,                /* a string id of idx_entry (title, description) */
    SCH_ST_PROP,                 /* a property string (idx_prop, IDX_PROP_*) */
    SCH_ST_WIDTH,                /* IDX_PROP_WIDTH (an int32) and IDX_HAS_WIDTH */
    SCH_ST_TAGS,                 /* the entry's tag run, IDX_HAS_TAGS */
    SCH_ST_DETECTION,            /* IDX_DETECTION: `type = "detection"` */
    SCH_ST_QUERY_REF,            /* IDX_PROP_QUERY_REF: the query named by `query` or `sql = query.x.sql` */
    SCH_ST_CHILDREN,             /* the entry's children run (adj) */
    SCH_ST_NAME,                 /* the entry's full name */
    SCH_ST_URL_PATH,             /* "/" and the full name */
} sch_store;

/* sch_attr.flags */
enum {
    SCH_DERIVED = 1u << 0,       /* not an HCL attribute: the scan never reads it */
    SCH_TEXT = 1u << 1,          /* a string kept as its text, a template's literal parts too (provisional) */
    SCH_REF_OBJ = 1u << 2,       /* a member of the object a reference `type.name` gives */
    SCH_REF_FIELD = 1u << 3,     /* phase 2 reads `type.name.<name>` from the index */
    SCH_INHERIT = 1u << 4,       /* show JSON of a block that leaves it out takes its base's (a string) */
    SCH_APART = 1u << 5,         /* a loaded resource keeps it apart from its attributes (its sql, query,
                                  * tags, children, url path): show JSON writes it from there, never
                                  * from an attribute of that name */
};

#define SCH_K(kind) (1u << (kind))
#define SCH_ALL_KINDS ((1u << LP_KIND__COUNT) - 1u)

typedef struct sch_attr {
    const char *name;
    uint32_t kinds;
    uint8_t store, prop, flags;
    uint16_t scan, view, res;
    uint16_t unres, eval;
    const char *list_key, *dash_key, *show_key;
} sch_attr;

/* Indexed by sch_id; row SCH_NONE is all zeros. */
extern const sch_attr sch_attrs[SCH__COUNT];

/* The row of an attribute or member name, or SCH_NONE.  Not for the scan's
 * hot path (a loop over the table): scan.c has its own switch. */
sch_id sch_find(const char *name, size_t len);

static inline int sch_has(sch_id a, unsigned kind) { return (sch_attrs[a].kinds >> kind) & 1u; }

/* The string of a row with a view column in v ("" when absent). */
static inline const char *sch_view_str(const idx_view *v, sch_id a)
{
    return *(const char *const *)(const void *)((const char *)v + sch_attrs[a].view - 1);
}

/* The string of a row with a res column in a record being built. */
static inline const char **sch_res_str(idx_resolved *r, sch_id a)
{
    return (const char **)(void *)((char *)r + sch_attrs[a].res - 1);
}

/* What phase 2 reads as `type.name.<row>` of entry id seen as v (an
 * SCH_REF_FIELD row): 0 with *out set (strings point into v's strings or
 * into `a`), -1 when `a` ran out of memory, 1 when the row is no such field. */
int sch_ref_value(const lp_workspace *ws, uint32_t id, const idx_view *v, sch_id row, ar_arena *a,
                  lpv_value *out);
/* The object a reference `type.name` gives: its SCH_REF_OBJ members in key
 * order, leaving out those whose unres bit is in `skip`.  0, or -1 (OOM). */
int sch_ref_object(const lp_workspace *ws, uint32_t id, const idx_view *v, unsigned skip, ar_arena *a,
                   lpv_value *out);

/* NULL when the table is consistent (names unique, bits unique and every
 * LP_UNRES_* field bit covered, offsets where the store needs them, the
 * scan's lookup giving each row back), else what is wrong.  idx_check runs
 * it; test_index_check too. */
const char *sch_check(void);

#endif
