/* paths.c — the `path` of show and list JSON: every chain of parents from the resource's mod down
 * to the resource (paths.h).
 *
 * Which resources have paths, and their order, follow eager Powerpipe (pipe-fittings
 * ModTreeItemImpl): after the resource tree is built, every leaf (no children) is visited in the
 * order of PowerpipeModResources.WalkResources (by type: benchmarks, controls, dashboards, cards,
 * categories, charts, containers, edges, flows, graphs, hierarchies, images, dashboard inputs,
 * nodes, tables, detections, detection benchmarks, texts, global inputs, queries, variables) and
 * gets SetPaths: for each parent, for each of the parent's paths (computed on first use, the mod's
 * being [mod.m]), that path extended by the resource's name.  Resources never visited (a flow,
 * graph or hierarchy, whose node and edge children are not walked) have no paths.  A variable's
 * paths are set twice (its object serves the variable pass and the full load), so it lists each
 * twice, as Powerpipe's variable show does.
 *
 * One Go quirk is not copied (spec §13: "copy no Go quirk"): Go's append(parentPath, name) writes
 * into the parent path's backing array when it has room, so siblings share that slot and the last
 * sibling visited wins it: Powerpipe shows a control that is not its benchmark's last child with
 * the path of the last one (cis_v210_1_16 -> ...control.cis_v210_1_25), a dashboard's card with its
 * container's last text.  Here every path is its own array and ends at the resource shown
 * (tests/acceptance/deviations.sh adjusts Powerpipe's expected show outputs that encode the quirk).
 * Parents in a map are in Go's random order: ours are the index's.  A parent already being computed
 * (a cycle) adds nothing, and the number of path elements is bounded. */
#include "index/paths.h"

#include "base/json.h"
#include "base/mem.h"

#include <string.h>

#define MAX_ELEMS (1u << 22)
#define MOD_BIT 0x80000000u   /* an element naming mod (v & ~MOD_BIT) rather than an entry */

typedef struct gpath {
    uint32_t arr, len;
} gpath;

typedef struct pnode {
    gpath *paths;
    uint32_t n, cap;
    uint8_t busy;
    uint8_t visit;               /* idx_paths_build_for: 0 not seen, 1 in progress, 2 done */
    uint8_t walked;              /* idx_paths_build_for: a walked leaf is at or below it */
} pnode;

struct idx_paths {
    const lp_workspace *ws;
    pnode *nodes;
    uint32_t *elems;             /* every array's slots, back to back */
    size_t nelems, cap_elems;
    uint32_t *arr_off;           /* per array: its first slot */
    uint32_t narr, cap_arr;
    int oom, full;
};

static int new_array(idx_paths *p, uint32_t len, uint32_t *out)
{
    if (p->nelems + len > MAX_ELEMS) {
        p->full = 1;
        return -1;
    }
    if (p->narr == p->cap_arr) {
        uint32_t nc = p->cap_arr ? p->cap_arr * 2 : 256;
        uint32_t *o = mem_realloc(p->arr_off, (size_t)p->cap_arr * 4, (size_t)nc * 4);
        if (!o) goto oom;
        p->arr_off = o;
        p->cap_arr = nc;
    }
    if (p->nelems + len > p->cap_elems) {
        size_t nc = p->cap_elems ? p->cap_elems * 2 : 1024;
        while (nc < p->nelems + len) nc *= 2;
        uint32_t *e = mem_realloc(p->elems, p->cap_elems * 4, nc * 4);
        if (!e) goto oom;
        p->elems = e;
        p->cap_elems = nc;
    }
    p->arr_off[p->narr] = (uint32_t)p->nelems;
    p->nelems += len;
    *out = p->narr++;
    return 0;
oom:
    p->oom = 1;
    return -1;
}

/* path + [v], in an array of its own (never shared with a sibling's path) */
static int path_append(idx_paths *p, gpath in, uint32_t v, gpath *out)
{
    uint32_t arr;
    if (new_array(p, in.len + 1, &arr) != 0) return -1;
    memcpy(p->elems + p->arr_off[arr], p->elems + p->arr_off[in.arr], (size_t)in.len * 4);
    p->elems[p->arr_off[arr] + in.len] = v;
    *out = (gpath){ arr, in.len + 1 };
    return 0;
}

static int add_path(idx_paths *p, pnode *n, gpath g)
{
    gpath *np = mem_room(n->paths, n->n, &n->cap, sizeof *np, 2);
    if (!np) {
        p->oom = 1;
        return -1;
    }
    n->paths = np;
    n->paths[n->n++] = g;
    return 0;
}

static int has_own_mod_parent(const lp_workspace *ws, uint32_t id)
{
    uint32_t mod = idx_mod_of(ws, &ws->ix.entries[id]);
    for (uint32_t i = 0; i < idx_nparent(ws, id); i++) {
        uint32_t q = idx_parent(ws, id, i);
        if (q != LP_NO_ENTRY && idx_mod_of(ws, &ws->ix.entries[q]) == mod) return 1;
    }
    return 0;
}

static void set_paths(idx_paths *p, uint32_t id);

/* GetPaths: computed on first use (an empty result is computed again, as Go's len() == 0 test does) */
static void get_paths(idx_paths *p, uint32_t id)
{
    pnode *n = &p->nodes[id];
    if (n->n == 0 && !n->busy) set_paths(p, id);
}

static void from_parent_paths(idx_paths *p, uint32_t id, const gpath *pp, uint32_t np)
{
    for (uint32_t k = 0; k < np && !p->oom && !p->full; k++) {
        gpath g;
        if (path_append(p, pp[k], id, &g) != 0 || add_path(p, &p->nodes[id], g) != 0) return;
    }
}

/* SetPaths: the paths of every parent, each extended by this entry */
static void set_paths(idx_paths *p, uint32_t id)
{
    const lp_workspace *ws = p->ws;
    p->nodes[id].busy = 1;
    if (!has_own_mod_parent(ws, id)) {
        /* Mod.GetPaths: [mod.m] */
        gpath g;
        uint32_t arr;
        if (new_array(p, 1, &arr) == 0) {
            p->elems[p->arr_off[arr]] = MOD_BIT | idx_mod_of(ws, &ws->ix.entries[id]);
            g = (gpath){ arr, 1 };
            from_parent_paths(p, id, &g, 1);
        }
    }
    for (uint32_t i = 0; i < idx_nparent(ws, id) && !p->oom && !p->full; i++) {
        uint32_t q = idx_parent(ws, id, i);
        if (q == LP_NO_ENTRY || p->nodes[q].busy) continue;
        get_paths(p, q);
        from_parent_paths(p, id, p->nodes[q].paths, p->nodes[q].n);
    }
    p->nodes[id].busy = 0;
}

/* The place of a kind in WalkResources; -1: not walked as a leaf */
static int walk_rank(const lp_workspace *ws, uint32_t id)
{
    switch (ws->ix.entries[id].kind) {
    case LP_KIND_BENCHMARK: return 0;
    case LP_KIND_CONTROL: return 1;
    case LP_KIND_DASHBOARD: return 2;
    case LP_KIND_CARD: return 3;
    case LP_KIND_CATEGORY: return 4;
    case LP_KIND_CHART: return 5;
    case LP_KIND_CONTAINER: return 6;
    case LP_KIND_EDGE: return 7;
    case LP_KIND_IMAGE: return 11;
    case LP_KIND_INPUT: return idx_nparent(ws, id) ? 12 : 18;   /* a dashboard's, else global */
    case LP_KIND_NODE: return 13;
    case LP_KIND_TABLE: return 14;
    case LP_KIND_DETECTION: return 15;
    case LP_KIND_DETECTION_BENCHMARK: return 16;
    case LP_KIND_TEXT: return 17;
    case LP_KIND_QUERY: return 19;
    case LP_KIND_VARIABLE: return 20;
    default: return -1;   /* flows, graphs, hierarchies (their children are not walked), withs */
    }
}

static idx_paths *paths_new(const lp_workspace *ws)
{
    idx_paths *p = mem_calloc(1, sizeof *p);
    if (!p) return NULL;
    p->ws = ws;
    p->nodes = mem_calloc((size_t)ws->ix.nentries + 1, sizeof *p->nodes);
    if (!p->nodes) {
        idx_paths_free(p);
        return NULL;
    }
    return p;
}

/* Whether a walked leaf is at or below id (so that Powerpipe's pass visits id), marked on the way
 * (a node already in progress, a cycle, adds nothing). */
static int mark_walked(idx_paths *p, uint32_t id)
{
    pnode *n = &p->nodes[id];
    if (n->visit) return n->walked;
    n->visit = 1;
    const lp_workspace *ws = p->ws;
    int walked = ws->ix.entries[id].nchild == 0 && walk_rank(ws, id) >= 0;
    for (uint32_t i = 0; i < ws->ix.entries[id].nchild; i++) {
        uint32_t c = idx_child(ws, id, i);
        if (c != LP_NO_ENTRY && mark_walked(p, c)) walked = 1;
    }
    n->visit = 2;
    n->walked = (uint8_t)walked;
    return walked;
}

/* The paths of id and of everything below it that has paths. */
static void paths_below(idx_paths *p, uint32_t id)
{
    pnode *n = &p->nodes[id];
    if (n->visit != 2 || !n->walked) return;
    n->visit = 3;   /* its paths are being or were given */
    get_paths(p, id);
    for (uint32_t i = 0; i < p->ws->ix.entries[id].nchild && !p->oom; i++) {
        uint32_t c = idx_child(p->ws, id, i);
        if (c != LP_NO_ENTRY) paths_below(p, c);
    }
}

/* Without Go's shared backing arrays (above), a resource's paths do not depend on the order the
 * leaves are visited in: a show computes only its resource's (and its nested blocks'), from them up
 * through their parents, instead of the whole workspace's for every show (which made a loop of
 * shows quadratic). */
int idx_paths_build_for(const lp_workspace *ws, uint32_t id, idx_paths **out)
{
    *out = NULL;
    idx_paths *p = paths_new(ws);
    if (!p) return LP_ERR_NOMEM;
    if (id < ws->ix.nentries) {
        mark_walked(p, id);
        paths_below(p, id);
    }
    if (p->oom) {
        idx_paths_free(p);
        return LP_ERR_NOMEM;
    }
    *out = p;
    return LP_OK;
}

int idx_paths_build(const lp_workspace *ws, idx_paths **out)
{
    *out = NULL;
    idx_paths *p = paths_new(ws);
    if (!p) return LP_ERR_NOMEM;
    /* per mod (the main one first: entries are in mod order), by rank, in entry order */
    for (uint32_t lo = 0; lo < ws->ix.nentries && !p->oom;) {
        uint32_t mod = idx_mod_of(ws, &ws->ix.entries[lo]), hi = lo;
        while (hi < ws->ix.nentries && idx_mod_of(ws, &ws->ix.entries[hi]) == mod) hi++;
        for (int rank = 0; rank <= 20 && !p->oom; rank++)
            for (uint32_t id = lo; id < hi && !p->oom; id++)
                if (ws->ix.entries[id].nchild == 0 && walk_rank(ws, id) == rank) set_paths(p, id);
        lo = hi;
    }
    if (p->oom) {
        idx_paths_free(p);
        return LP_ERR_NOMEM;
    }
    *out = p;
    return LP_OK;
}

void idx_paths_free(idx_paths *p)
{
    if (!p) return;
    if (p->nodes) {
        for (uint32_t i = 0; i < p->ws->ix.nentries; i++)
            mem_free(p->nodes[i].paths, (size_t)p->nodes[i].cap * sizeof(gpath));
        mem_free(p->nodes, ((size_t)p->ws->ix.nentries + 1) * sizeof *p->nodes);
    }
    mem_free(p->elems, p->cap_elems * 4);
    mem_free(p->arr_off, (size_t)p->cap_arr * 4);
    mem_free(p, sizeof *p);
}

int idx_paths_has(const idx_paths *p, uint32_t id)
{
    return p && id < p->ws->ix.nentries && p->nodes[id].n > 0;
}

void idx_paths_write(const idx_paths *p, uint32_t id, lp_buf *b)
{
    const lp_workspace *ws = p->ws;
    const pnode *n = &p->nodes[id];
    /* a variable's paths are set twice (see above) */
    int times = ws->ix.entries[id].kind == LP_KIND_VARIABLE ? 2 : 1;
    lp_buf_putc(b, '[');
    for (int t = 0; t < times; t++)
        for (uint32_t k = 0; k < n->n; k++) {
            if (t || k) lp_buf_putc(b, ',');
            lp_buf_putc(b, '[');
            const uint32_t *el = p->elems + p->arr_off[n->paths[k].arr];
            for (uint32_t i = 0; i < n->paths[k].len; i++) {
                if (i) lp_buf_putc(b, ',');
                uint32_t v = el[i];
                lp_json_cstr(b, v & MOD_BIT ? idx_str(ws, ws->ix.mods[v & ~MOD_BIT].full_name)
                                            : idx_str(ws, ws->ix.entries[v].name));
            }
            lp_buf_putc(b, ']');
        }
    lp_buf_putc(b, ']');
}

void idx_paths_value(const idx_paths *p, uint32_t id, vd_builder *v)
{
    const lp_workspace *ws = p->ws;
    const pnode *n = &p->nodes[id];
    int times = ws->ix.entries[id].kind == LP_KIND_VARIABLE ? 2 : 1;   /* as idx_paths_write */
    vd_list(v);
    for (int t = 0; t < times; t++)
        for (uint32_t k = 0; k < n->n; k++) {
            vd_list(v);
            const uint32_t *el = p->elems + p->arr_off[n->paths[k].arr];
            for (uint32_t i = 0; i < n->paths[k].len; i++) {
                uint32_t e = el[i];
                vd_str_ref(v, e & MOD_BIT ? idx_str(ws, ws->ix.mods[e & ~MOD_BIT].full_name)
                                          : idx_str(ws, ws->ix.entries[e].name));
            }
            vd_end(v);
        }
    vd_end(v);
}
