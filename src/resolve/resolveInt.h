/* resolveInt.h — what the resolution layer's files share among themselves: resolve.c (a
 * resolution: its entries, threads and loading), carry.c (a refresh's carry-over from the previous
 * version), carry_image.c (that version as its index image keeps it), scope_share.c (its variables
 * and locals shared) and readers.c (inputs found by path).  Nothing outside src/resolve includes it
 * (resolve.h is the layer's face). */
#ifndef LP_RESOLVE_INT_H
#define LP_RESOLVE_INT_H

#include "resolve/resolve.h"

/* ---- resolve.c */

/* s[0..n) stored once in c's values (a tag's key or value, a title repeated by many entries) */
const char *rs_str(rs_ctx *c, const char *s, size_t n);
/* a diagnostic's string, stored once (rs_str) */
const char *rs_ddup(rs_ctx *c, const char *s);
/* the next diagnostic of c, NULL past RS_MAX_DIAGS or without memory */
lp_diag *rs_diag_slot(rs_ctx *c);
/* entry id read (kind, mod, name) for the fields evaluated: added to its reads, or merged */
void rs_dep_add(rs_ctx *c, uint32_t id, uint8_t kind, uint32_t mod, const char *name, size_t len,
                unsigned fields);

/* one reference to a values store let go: the store, and the older ones it alone held, freed */
void rs_store_unref(rs_vstore *s);

/* the fields a resolution evaluates (an entry's record carries them) */
#define RS_WANT                                                                                           \
    (LP_UNRES_TITLE | LP_UNRES_DESCRIPTION | LP_UNRES_TAGS | LP_UNRES_CATEGORY | LP_UNRES_DOCUMENTATION | \
     LP_UNRES_DISPLAY | LP_UNRES_WIDTH | LP_UNRES_SQL | LP_UNRES_TYPE)

/* ---- readers.c */

/* The file() inputs of a finished table (sorted by kind then path, each
 * once: order_inputs) by path: by binary search, and through an open
 * addressing table of their positions once a large table has had many
 * lookups (a refresh looks up every file() read of the entries it
 * evaluates: aws_compliance's local edit 3,000 in 1,163 inputs, ten strcmp
 * each by binary search; a title edit a few, fewer than the table's size).
 * by_address: the table's paths and the names looked up are one heap's interned strings (an image's
 * values: one address per string), so the table is keyed by the path's address, made at the first
 * lookup, and a lookup hashes no bytes and compares none; a name not found so is searched for by its
 * bytes (a patch's helper counting the image's readers: 0.105 -> 0.035 ms on aws_compliance). */
typedef struct input_ix {
    const inp_table *t;
    ar_arena *a;                 /* where the table goes */
    uint32_t *slot;              /* position + 1, 0 empty; NULL: binary search */
    uint32_t mask, lookups;
    int by_address;
} input_ix;

void rs_input_ix_init(input_ix *x, const inp_table *t, ar_arena *a, int by_address);
/* the file() input `path` of x's table, or UINT32_MAX */
uint32_t rs_input_find(input_ix *x, const char *path);
/* per input of t, the entries whose reads name it (skip: entries not counted; interned: the reads'
 * names and t's paths are one table's strings, found by address); NULL out of memory */
uint32_t *rs_file_readers_count(const inp_table *t, rs_dep *const *deps, const uint8_t *depkinds, uint32_t n,
                                const uint8_t *skip, int interned, ar_arena *a, ar_arena *scratch);

/* Full names, in an open addressing table (few: looked up once per resource an entry read), in an
 * arena: has, and add (0, -1 out of memory). */
typedef struct rs_names {
    const char **slot;
    uint32_t mask, n;
} rs_names;
int rs_names_has(const rs_names *t, const char *name);
int rs_names_add(ar_arena *a, rs_names *t, const char *name);

/* ---- carry_image.c */

/* The copies of an image's strings made so far, by their address in the
 * image (its values heap holds each string once, so an address is a
 * string): the records carried over repeat titles, tags and documents, and
 * hashing each one's bytes again (rs_str) was a seventh of the first
 * refresh after a reopen of aws_compliance.  Open addressing, in ast. */
typedef struct str_copies {
    const char **from, **to;
    uint32_t mask, n;
} str_copies;

/* the record of entry oid of img (a version reopened from its image) as its resolution made it, the
 * fields it evaluated (pst_rec.evaluated) from the overlay, in vals (sc: its strings copied, NULL:
 * referred to where they are); NULL out of memory */
const idx_resolved *rs_image_record(rs_ctx *c, ar_arena *vals, const lp_workspace *img, unsigned evaluated,
                                   str_copies *sc, uint32_t oid);
/* the image's context as a refresh carries from it: 0; -1 malformed; -2 out of memory */
int rs_image_context(const lp_workspace *prev, rs_ctx *pc, ar_arena *a, ar_arena *keep);

/* What the first refresh taking a version reopened from its image decodes from it whatever
 * changed (scope_share_image, carry_image, carry_records), decoded ahead by rs_prepare_image while
 * the watcher's debounce waits (aws_compliance: ~1.3 ms of that refresh), kept with the version
 * and read by every refresh that takes it (under the live layer's refresh lock; read-only once
 * made).  Each part as the refresh would make it, so that taking it changes no result. */
#define RS_PREP_LATER 1
struct rs_prep {
    /* the scope, the reads' lists and the records, which the versions made from this one refer to
     * (their stores hold it as older): one reference the version's own */
    rs_vstore *store;
    ar_arena tmp;                /* the context's arrays, loading's record: read only while a refresh's
                                  * resolution runs, which holds the version meanwhile */
    rs_mod *mods;                /* the image's scope (image_scope) */
    uint32_t nmods;
    int load_rc;                 /* image_loadrec's: 0, or -1 (none or malformed) */
    rs_loadrec load;
    int recs_rc;                 /* image_context's: 0, or -1; RS_PREP_LATER: not decoded (yet) */
    rs_ctx *pc;                  /* recs_rc 0: the image's context (its mods the scope above) */
    const idx_resolved **rec;    /* per entry a refresh may carry: its record (image_record; a held
                                  * image's), NULL: made by the refresh */
};

/* A refresh's store holds the prepared store, whose scope or records it takes. */
void rs_prep_hold(rs_resolver *r, const rs_prep *pp);

/* ---- carry.c */

/* the kept syntax trees (rs_tree) of a refresh: taken from the previous version before loading,
 * handed to the new version after resolution; freed with the resolver */
void rs_tree_begin(rs_resolver *r, int scope_shared);
void rs_tree_finish(rs_resolver *r);
void rs_trees_free(rs_resolver *r, const lp_workspace *ws);
/* what a refresh carries from the previous version (see carry.c): the entries left to evaluate,
 * UINT32_MAX when none could be carried (every entry evaluated), 0 with c->oom out of memory */
uint32_t rs_carry_over(rs_resolver *r);
/* The bits set in a word of fields (LP_UNRES_*: 16 bits), inline: __builtin_popcount without
 * -mpopcnt is a call to libgcc's __popcountdi2, once per entry carried over (123,208 entries: 0.2 ms) */
static inline unsigned rs_nfields(unsigned x)
{
    x &= 0xFFFFu;
    x -= (x >> 1) & 0x5555u;
    x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
    x = (x + (x >> 4)) & 0x0F0Fu;
    return (x + (x >> 8)) & 0x1Fu;
}
/* What rs_carry_over can make before anything of prev's image is read (its per-entry arrays, the
 * entries paired by position), made while a patch waits for that image's decoding.  -1: out of
 * memory. */
int rs_carry_begin(rs_resolver *r);
/* Entry id of a file scanned again and entry oid of prev: the same text where evaluation reads it
 * (every attribute captured for evaluation, in the same place), so the same record from the same reads? */
int rs_same_text(const rs_ctx *c, const lp_workspace *prev, uint32_t id, uint32_t oid);
/* This version's overlay a view of the stale image's (prev's; its rows as they are until the
 * carry-over changes them) or, when none can be made, of rows not present; with each row's evaluated
 * fields when `evaluated` (an image written from it reads them).  -1: out of memory. */
int rs_overlay_own(rs_ctx *c, const lp_workspace *prev, int evaluated);
/* The inputs `from` (the previous version's table) that need marks, into c's table as they were read,
 * a touched one (pchg 2, or pchg NULL) with its new stat; held: their paths referred to where they
 * lie (the store holds the image they are in) */
void rs_carry_inputs_take(rs_ctx *c, const lp_workspace *prev, const uint8_t *pchg, const inp_table *from,
                          const uint8_t *need, int held);

/* ---- carry_sparse.c */

/* A one-shot patch's carry-over that visits what the edit reached, not every entry (see
 * carry_sparse.c): 1 done (*todo: the entries left to evaluate), 0 when it does not apply (carry.c's
 * runs), -1 out of memory */
int rs_carry_sparse(rs_resolver *r, uint32_t *todo);
/* Might it apply (everything but the scope, known later)?  Then rs_carry_begin makes nothing ahead. */
int rs_carry_sparse_may(const rs_resolver *r);

/* ---- vars.c */

/* A digest of the variable files' names that dir lists (*.auto.ppvars, *.auto.spvars, powerpipe.ppvars,
 * steampipe.spvars: what loading looks for there): a sum of their hashes, as inputs.h digests a
 * directory; 1 when dir cannot be listed. */
uint64_t rs_var_file_names(const char *dir);

/* ---- scope_share.c */

/* loading's record begun, and ended once loading is done (it reads the capture's file pieces) */
void rs_load_record_begin(rs_ctx *c);
void rs_load_record_end(rs_ctx *c);
/* a refresh's variables and locals shared from the previous version (or its image): 1 shared,
 * 0 loaded again, -1 out of memory */
int rs_scope_share(rs_resolver *r);

#endif
