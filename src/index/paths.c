/* paths.c — the `path` of show JSON as eager Powerpipe leaves it (paths.h).
 *
 * Powerpipe (pipe-fittings ModTreeItemImpl) computes paths lazily: after the
 * resource tree is built, every leaf (no children) is visited in the order
 * of PowerpipeModResources.WalkResources (by type: benchmarks, controls,
 * dashboards, cards, categories, charts, containers, edges, flows, graphs,
 * hierarchies, images, dashboard inputs, nodes, tables, detections,
 * detection benchmarks, texts, global inputs, queries, variables) and calls
 * SetPaths: for each parent, for each of the parent's paths (computed on
 * first use, the mod's being a fresh [mod.m] each time), append(parentPath,
 * name).  Go's append writes into the parent path's backing array when it
 * has room, so siblings share the slot after their parent's path and the
 * last sibling visited wins it (a dashboard's card shows the path of its
 * container's last text).  The show tests expect exactly that, so it is
 * simulated: backing arrays with Go's capacities (growslice doubling,
 * rounded to malloc size classes, for 16-byte strings), paths as (array,
 * length).  Resources never visited (a flow, graph or hierarchy, whose node
 * and edge children are not walked) have no paths.  A variable's paths are
 * set twice (its object serves the variable pass and the full load), so it
 * lists each twice.  Parents in a map are in Go's random order: ours are
 * the index's.  A parent already being computed (a cycle) adds nothing, and
 * the number of path elements is bounded. */
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
    uint8_t busy, done;
} pnode;

struct idx_paths {
    const lp_workspace *ws;
    pnode *nodes;
    uint32_t *elems;             /* every array's slots, back to back */
    size_t nelems, cap_elems;
    uint32_t *arr_off, *arr_cap; /* per array */
    uint32_t narr, cap_arr;
    int oom, full;
};

/* Go's malloc size classes up to 32 KiB; larger sizes round to 8 KiB pages. */
static const uint32_t SIZE_CLASSES[] = {
    8,    16,   24,   32,   48,   64,   80,   96,   112,  128,  144,  160,  176,  192,  208,  224,  240,
    256,  288,  320,  352,  384,  416,  448,  480,  512,  576,  640,  704,  768,  896,  1024, 1152, 1280,
    1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192,
    9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672,
    32768,
};

/* runtime.growslice's new capacity for []string (16-byte elements) */
static uint32_t go_grow(uint32_t old, uint32_t need)
{
    uint64_t nc = old, dbl = 2ull * old;
    if (need > dbl) nc = need;
    else if (old < 256) nc = dbl;
    else
        while (nc < need) nc += (nc + 768) / 4;
    uint64_t bytes = nc * 16, rounded = 0;
    for (size_t i = 0; i < sizeof SIZE_CLASSES / sizeof *SIZE_CLASSES && !rounded; i++)
        if (SIZE_CLASSES[i] >= bytes) rounded = SIZE_CLASSES[i];
    if (!rounded) rounded = (bytes + 8191) / 8192 * 8192;
    return (uint32_t)(rounded / 16);
}

static int new_array(idx_paths *p, uint32_t cap, uint32_t *out)
{
    if (p->nelems + cap > MAX_ELEMS) {
        p->full = 1;
        return -1;
    }
    if (p->narr == p->cap_arr) {
        uint32_t nc = p->cap_arr ? p->cap_arr * 2 : 256;
        uint32_t *o = mem_realloc(p->arr_off, (size_t)p->cap_arr * 4, (size_t)nc * 4);
        if (!o) goto oom;
        p->arr_off = o;
        uint32_t *c = mem_realloc(p->arr_cap, (size_t)p->cap_arr * 4, (size_t)nc * 4);
        if (!c) goto oom;
        p->arr_cap = c;
        p->cap_arr = nc;
    }
    if (p->nelems + cap > p->cap_elems) {
        size_t nc = p->cap_elems ? p->cap_elems * 2 : 1024;
        while (nc < p->nelems + cap) nc *= 2;
        uint32_t *e = mem_realloc(p->elems, p->cap_elems * 4, nc * 4);
        if (!e) goto oom;
        p->elems = e;
        p->cap_elems = nc;
    }
    p->arr_off[p->narr] = (uint32_t)p->nelems;
    p->arr_cap[p->narr] = cap;
    p->nelems += cap;
    *out = p->narr++;
    return 0;
oom:
    p->oom = 1;
    return -1;
}

/* Go's append(path, v) of one element */
static int go_append(idx_paths *p, gpath in, uint32_t v, gpath *out)
{
    uint32_t arr = in.arr;
    if (in.len >= p->arr_cap[arr]) {
        uint32_t na;
        if (new_array(p, go_grow(p->arr_cap[arr], in.len + 1), &na) != 0) return -1;
        memcpy(p->elems + p->arr_off[na], p->elems + p->arr_off[arr], (size_t)in.len * 4);
        arr = na;
    }
    p->elems[p->arr_off[arr] + in.len] = v;
    *out = (gpath){ arr, in.len + 1 };
    return 0;
}

static int add_path(idx_paths *p, pnode *n, gpath g)
{
    if (n->n == n->cap) {
        uint32_t nc = n->cap ? n->cap * 2 : 2;
        gpath *np = mem_realloc(n->paths, (size_t)n->cap * sizeof *np, (size_t)nc * sizeof *np);
        if (!np) {
            p->oom = 1;
            return -1;
        }
        n->paths = np;
        n->cap = nc;
    }
    n->paths[n->n++] = g;
    return 0;
}

static int has_own_mod_parent(const lp_workspace *ws, uint32_t id)
{
    uint32_t mod = idx_mod_of(ws, &ws->entries[id]);
    for (uint32_t i = 0; i < idx_nparent(ws, id); i++) {
        uint32_t q = idx_parent(ws, id, i);
        if (q != LP_NO_ENTRY && idx_mod_of(ws, &ws->entries[q]) == mod) return 1;
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
        if (go_append(p, pp[k], id, &g) != 0 || add_path(p, &p->nodes[id], g) != 0) return;
    }
}

/* SetPaths: the paths of every parent, each extended by this entry */
static void set_paths(idx_paths *p, uint32_t id)
{
    const lp_workspace *ws = p->ws;
    p->nodes[id].busy = 1;
    if (!has_own_mod_parent(ws, id)) {
        /* Mod.GetPaths: a fresh one-element path each time */
        gpath g;
        uint32_t arr;
        if (new_array(p, 1, &arr) == 0) {
            p->elems[p->arr_off[arr]] = MOD_BIT | idx_mod_of(ws, &ws->entries[id]);
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
    switch (ws->entries[id].kind) {
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

int idx_paths_build(const lp_workspace *ws, idx_paths **out)
{
    *out = NULL;
    idx_paths *p = mem_calloc(1, sizeof *p);
    if (!p) return LP_ERR_NOMEM;
    p->ws = ws;
    p->nodes = mem_calloc((size_t)ws->nentries + 1, sizeof *p->nodes);
    if (!p->nodes) {
        idx_paths_free(p);
        return LP_ERR_NOMEM;
    }
    /* per mod (the main one first: entries are in mod order), by rank, in entry order */
    for (uint32_t lo = 0; lo < ws->nentries && !p->oom;) {
        uint32_t mod = idx_mod_of(ws, &ws->entries[lo]), hi = lo;
        while (hi < ws->nentries && idx_mod_of(ws, &ws->entries[hi]) == mod) hi++;
        for (int rank = 0; rank <= 20 && !p->oom; rank++)
            for (uint32_t id = lo; id < hi && !p->oom; id++)
                if (ws->entries[id].nchild == 0 && walk_rank(ws, id) == rank) set_paths(p, id);
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
        for (uint32_t i = 0; i < p->ws->nentries; i++)
            mem_free(p->nodes[i].paths, (size_t)p->nodes[i].cap * sizeof(gpath));
        mem_free(p->nodes, ((size_t)p->ws->nentries + 1) * sizeof *p->nodes);
    }
    mem_free(p->elems, p->cap_elems * 4);
    mem_free(p->arr_off, (size_t)p->cap_arr * 4);
    mem_free(p->arr_cap, (size_t)p->cap_arr * 4);
    mem_free(p, sizeof *p);
}

int idx_paths_has(const idx_paths *p, uint32_t id)
{
    return p && id < p->ws->nentries && p->nodes[id].n > 0;
}

void idx_paths_write(const idx_paths *p, uint32_t id, lp_buf *b)
{
    const lp_workspace *ws = p->ws;
    const pnode *n = &p->nodes[id];
    /* a variable's paths are set twice (see above) */
    int times = ws->entries[id].kind == LP_KIND_VARIABLE ? 2 : 1;
    lp_buf_putc(b, '[');
    for (int t = 0; t < times; t++)
        for (uint32_t k = 0; k < n->n; k++) {
            if (t || k) lp_buf_putc(b, ',');
            lp_buf_putc(b, '[');
            const uint32_t *el = p->elems + p->arr_off[n->paths[k].arr];
            for (uint32_t i = 0; i < n->paths[k].len; i++) {
                if (i) lp_buf_putc(b, ',');
                uint32_t v = el[i];
                lp_json_cstr(b, v & MOD_BIT ? idx_str(ws, ws->mods[v & ~MOD_BIT].full_name)
                                            : idx_str(ws, ws->entries[v].name));
            }
            lp_buf_putc(b, ']');
        }
    lp_buf_putc(b, ']');
}

void idx_paths_value(const idx_paths *p, uint32_t id, vd_builder *v)
{
    const lp_workspace *ws = p->ws;
    const pnode *n = &p->nodes[id];
    int times = ws->entries[id].kind == LP_KIND_VARIABLE ? 2 : 1;   /* as idx_paths_write */
    vd_list(v);
    for (int t = 0; t < times; t++)
        for (uint32_t k = 0; k < n->n; k++) {
            vd_list(v);
            const uint32_t *el = p->elems + p->arr_off[n->paths[k].arr];
            for (uint32_t i = 0; i < n->paths[k].len; i++) {
                uint32_t e = el[i];
                vd_str_ref(v, e & MOD_BIT ? idx_str(ws, ws->mods[e & ~MOD_BIT].full_name)
                                          : idx_str(ws, ws->entries[e].name));
            }
            vd_end(v);
        }
    vd_end(v);
}
