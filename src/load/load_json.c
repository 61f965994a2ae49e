/* load_json.c — readers of a loaded resource and its `show --output json`
 * document (see load.h, lazypipe.h "loading").
 *
 * Each document (show, snapshot properties, a variable's) is built once as
 * a tree of typed values (base/vdoc.h): lp_resource_value and
 * lp_variable_value hand the tree out, the *_json functions write it.  The
 * tree borrows what lives as long as the resource or the workspace (names,
 * attribute texts, sources) and copies the rest.
 *
 * The document is one object with its keys sorted (as the list items of
 * list.c): Powerpipe's show marshals the resource struct, whose JSON tags
 * are (pipe-fittings modconfig, powerpipe internal/resources):
 * HclResourceImpl qualified_name, title, description, documentation, tags,
 * max_concurrency; ModTreeItemImpl database, search_path, search_path_prefix;
 * ResourceWithMetadataImpl resource_name, mod_name, file_name,
 * start_line_number, end_line_number, is_anonymous, auto_generated,
 * source_definition; QueryProviderImpl sql, args ({"args": map} or
 * {"args_list": list}, values as strings: a string as it is, anything else
 * as JSON), params ([{name, description, default}]), query (the query's
 * full name); Control severity; DashboardLeafNodeImpl width (an int),
 * display, type; benchmarks and dashboards children (names).  Other
 * attributes are written under their own names, scalars of string fields as
 * strings (cty converts them).  Blocks that are no resource take the shapes
 * of their Go structs (the tables below): chart legend and axes as objects,
 * series as a list and as the untagged map "Series" (null without series),
 * table columns likewise ("Columns"), input options, category fold and
 * properties; a flow, graph or hierarchy's node and edge blocks as the
 * resources eager Powerpipe makes of them and its categories as a map
 * ({} when none); `with` blocks are never marshalled (an unexported map); a
 * dashboard's inputs (its whole tree's) and a container's as resources.
 * Any other block: a list of objects under its type.  Left out: `path` (the
 * mod tree paths list.c writes) and `refs` (run-time dependencies of args).
 */
#include "base/err.h"
#include "base/json.h"
#include "base/mem.h"
#include "base/vdoc.h"
#include "index/paths.h"
#include "index/schema.h"
#include "load/load.h"

#include <errno.h>
#include <md5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An indexed attribute's HCL name and its key in show JSON (schema.h). */
#define ATTR(a) (sch_attrs[a].name)
#define SHOW(a) (sch_attrs[a].show_key)

uint32_t lp_resource_entry(const lp_resource *r) { return r ? r->id : LP_NO_ENTRY; }
lp_kind lp_resource_kind(const lp_resource *r) { return r ? (lp_kind)r->kind : LP_KIND__COUNT; }
const char *lp_resource_name(const lp_resource *r) { return r ? r->name : NULL; }
const char *lp_resource_source(const lp_resource *r) { return r ? r->source : NULL; }
uint64_t lp_resource_bytes(const lp_resource *r) { return r ? r->item->bytes : 0; }

static const ld_attr *find_attr(const lp_resource *r, const char *name)
{
    for (uint32_t i = 0; i < r->nattrs; i++)
        if (!strcmp(r->attrs[i].name, name)) return &r->attrs[i];
    return NULL;
}

/* What r keeps apart from its attributes as a string: the SCH_APART rows
 * load.c stores in r (sql, query) and `base`, which the index does not
 * know.  *apart: whether attr is one of them. */
static const char *apart_str(const lp_resource *r, const char *attr, int *apart)
{
    sch_id row = sch_find(attr, strlen(attr));
    *apart = 1;
    if (row == SCH_SQL) return r->sql;
    if (row == SCH_QUERY) return r->query;
    if (!strcmp(attr, "base")) return r->base;
    *apart = 0;
    return NULL;
}

const char *lp_resource_str(const lp_resource *r, const char *attr)
{
    if (!r || !attr) return NULL;
    int apart;
    const char *s = apart_str(r, attr, &apart);
    if (apart) return s;
    const ld_attr *a = find_attr(r, attr);
    return a ? a->text : NULL;
}

int lp_resource_int(const lp_resource *r, const char *attr, int64_t *out)
{
    const ld_attr *a = r && attr ? find_attr(r, attr) : NULL;
    if (!a || a->val.kind != LPV_NUMBER || lpv_num_to_i64(a->val, out) != 0) return LP_ERR_NOT_FOUND;
    return LP_OK;
}

uint32_t lp_resource_tag_count(const lp_resource *r) { return r ? r->ntags : 0; }

void lp_resource_tag(const lp_resource *r, uint32_t i, const char **key, const char **value)
{
    *key = *value = NULL;
    if (!r || i >= r->ntags) return;
    *key = r->tags[i].key;
    *value = r->tags[i].value;
}

void lp_resource_tags_json(const lp_resource *r, lp_buf *out)
{
    lp_buf_putc(out, '{');
    for (uint32_t i = 0; r && i < r->ntags; i++) {
        if (i) lp_buf_putc(out, ',');
        lp_json_cstr(out, r->tags[i].key);
        lp_buf_putc(out, ':');
        lp_json_cstr(out, r->tags[i].value);
    }
    lp_buf_putc(out, '}');
}

uint32_t lp_resource_param_count(const lp_resource *r) { return r ? r->nparams : 0; }

void lp_resource_param(const lp_resource *r, uint32_t i, const char **name, const char **description,
                       const char **default_value)
{
    *name = *description = *default_value = NULL;
    if (!r || i >= r->nparams) return;
    *name = r->params[i].name;
    *description = r->params[i].description;
    *default_value = r->params[i].def;
}

static void opt_json_cstr(lp_buf *out, const char *key, const char *s)
{
    lp_buf_puts(out, key);
    if (s) lp_json_cstr(out, s);
    else lp_buf_puts(out, "null");
}

void lp_resource_params_json(const lp_resource *r, lp_buf *out, int keys_sorted)
{
    lp_buf_putc(out, '[');
    for (uint32_t i = 0; r && i < r->nparams; i++) {
        const ld_param *p = &r->params[i];
        lp_buf_puts(out, i ? ",{" : "{");
        if (keys_sorted) {
            opt_json_cstr(out, "\"default\":", p->def);
            opt_json_cstr(out, ",\"description\":", p->description);
            opt_json_cstr(out, ",\"name\":", p->name);
        } else {
            opt_json_cstr(out, "\"name\":", p->name);
            opt_json_cstr(out, ",\"description\":", p->description);
            opt_json_cstr(out, ",\"default\":", p->def);
        }
        lp_buf_putc(out, '}');
    }
    lp_buf_putc(out, ']');
}

uint32_t lp_resource_arg_count(const lp_resource *r) { return r ? r->nargs : 0; }
int lp_resource_args_are_list(const lp_resource *r) { return r ? r->args_list : 0; }

void lp_resource_arg(const lp_resource *r, uint32_t i, const char **name, const char **value)
{
    *name = *value = NULL;
    if (!r || i >= r->nargs) return;
    *name = r->args[i].name;
    *value = r->args[i].value;
}

uint32_t lp_resource_child_count(const lp_resource *r) { return r ? r->nchildren : 0; }

const lp_resource *lp_resource_child(const lp_resource *r, uint32_t i)
{
    return r && i < r->nchildren ? r->children[i] : NULL;
}

int lp_resource_attr_json(const lp_resource *r, const char *attr, lp_buf *out)
{
    if (!r || !attr || !out) return LP_ERR_ARG;
    int apart;
    const char *s = apart_str(r, attr, &apart);
    if (s) {
        lp_json_cstr(out, s);
        return out->oom ? LP_ERR_NOMEM : LP_OK;
    }
    const ld_attr *a = find_attr(r, attr);
    if (!a) return LP_ERR_NOT_FOUND;
    return lpv_json(out, a->val) != 0 || out->oom ? LP_ERR_NOMEM : LP_OK;
}

/* ------------------------------------------------------------ show JSON */

/* The typed shapes Powerpipe gives the blocks that are no resource of their
 * own (powerpipe internal/resources, one Go struct each; every field is a
 * pointer or a slice with omitempty).  F_STR: *string (a number or bool
 * converts to its text, as cty converts it); F_INT: *int; F_OBJ: one nested
 * block as an object; F_LIST: the blocks of that type as a list; F_MAP: as
 * a map keyed by label.  `named`: the label is the struct's `name`. */
enum { F_STR, F_INT, F_OBJ, F_LIST, F_MAP };

typedef struct shape shape;
typedef struct field {
    const char *hcl, *json;
    int t;
    const shape *sub;
} field;
struct shape {
    int named;
    const field *f;
    size_t n;
};
#define SHAPE(named, arr) { named, arr, sizeof arr / sizeof arr[0] }

/* DashboardChartLegend */
static const field f_legend[] = { { "display", "display", F_STR, 0 }, { "position", "position", F_STR, 0 } };
static const shape s_legend = SHAPE(0, f_legend);
/* DashboardChartAxisTitle */
static const field f_axis_title[] = {
    { "align", "align", F_STR, 0 }, { "display", "display", F_STR, 0 }, { "value", "value", F_STR, 0 },
};
static const shape s_axis_title = SHAPE(0, f_axis_title);
/* DashboardChartLabels */
static const field f_labels[] = { { "display", "display", F_STR, 0 }, { "format", "format", F_STR, 0 } };
static const shape s_labels = SHAPE(0, f_labels);
/* DashboardChartAxesX, DashboardChartAxesY */
static const field f_axis[] = {
    { "labels", "labels", F_OBJ, &s_labels }, { "max", "max", F_INT, 0 },
    { "min", "min", F_INT, 0 },               { "title", "title", F_OBJ, &s_axis_title },
};
static const shape s_axis = SHAPE(0, f_axis);
/* DashboardChartAxes */
static const field f_axes[] = { { "x", "x", F_OBJ, &s_axis }, { "y", "y", F_OBJ, &s_axis } };
static const shape s_axes = SHAPE(0, f_axes);
/* DashboardChartSeriesPoint (its Name is json:"-": it is the key of `points`) */
static const field f_point[] = { { "color", "color", F_STR, 0 } };
static const shape s_point = SHAPE(0, f_point);
/* DashboardChartSeries (PointsList json:"-", Points json:"points") */
static const field f_series[] = {
    { "color", "color", F_STR, 0 }, { "point", "points", F_MAP, &s_point }, { "title", "title", F_STR, 0 },
};
static const shape s_series = SHAPE(1, f_series);
/* DashboardTableColumn */
static const field f_column[] = {
    { "diff_mode", "diff_mode", F_STR, 0 }, { "display", "display", F_STR, 0 },
    { "href", "href", F_STR, 0 },           { "wrap", "wrap", F_STR, 0 },
};
static const shape s_column = SHAPE(1, f_column);
/* DashboardInputOption */
static const field f_option[] = { { "label", "label", F_STR, 0 } };
static const shape s_option = SHAPE(1, f_option);
/* DashboardCategoryFold */
static const field f_fold[] = {
    { "icon", "icon", F_STR, 0 }, { "threshold", "threshold", F_INT, 0 }, { "title", "title", F_STR, 0 },
};
static const shape s_fold = SHAPE(0, f_fold);
/* DashboardCategoryProperty */
static const field f_property[] = {
    { "display", "display", F_STR, 0 }, { "href", "href", F_STR, 0 }, { "wrap", "wrap", F_STR, 0 },
};
static const shape s_property = SHAPE(1, f_property);
/* DashboardCategory's own fields (PropertyList json:"-", Properties json:"properties") */
static const field f_category[] = {
    { "color", "color", F_STR, 0 },  { "depth", "depth", F_INT, 0 }, { "fold", "fold", F_OBJ, &s_fold },
    { "href", "href", F_STR, 0 },    { "icon", "icon", F_STR, 0 },
    { "property", "properties", F_MAP, &s_property },
};
static const shape s_category = SHAPE(0, f_category);

/* The typed blocks of each resource kind: chart (DashboardChart legend,
 * axes, series), table (DashboardTable columns), input (DashboardInput
 * options), category. */
typedef struct kind_block {
    uint8_t kind;
    const char *hcl, *json;
    int t;
    const shape *sub;
} kind_block;
static const kind_block kind_blocks[] = {
    { LP_KIND_CHART, "legend", "legend", F_OBJ, &s_legend },
    { LP_KIND_CHART, "axes", "axes", F_OBJ, &s_axes },
    { LP_KIND_CHART, "series", "series", F_LIST, &s_series },
    { LP_KIND_TABLE, "column", "columns", F_LIST, &s_column },
    { LP_KIND_INPUT, "option", "options", F_LIST, &s_option },
    { LP_KIND_CATEGORY, "fold", "fold", F_OBJ, &s_fold },
    { LP_KIND_CATEGORY, "property", "properties", F_MAP, &s_property },
};

static int is_node_provider(int kind)
{
    return kind == LP_KIND_FLOW || kind == LP_KIND_GRAPH || kind == LP_KIND_HIERARCHY;
}

enum {
    K_STR, K_RAW_BOOL, K_UINT, K_TAGS, K_ARGS, K_PARAMS, K_CHILDREN, K_ATTR, K_ATTR_STR, K_ATTR_INT,
    K_BLOCKS, K_URL, K_TOBJ, K_TLIST, K_TMAP, K_NULL, K_NODES, K_CATMAP, K_INPUTS, K_CATVAL, K_VALSTR,
    K_REASON_COLS, K_CATRES, K_BARGS, K_NODENAMES, K_PATHS, K_REFS,
};

/* One key of an object being written.  p, n: what the kind reads (for the
 * block kinds: the blocks and their count); s: a block type; q: a shape or
 * the resource the blocks belong to. */
typedef struct jkey {
    const char *key;
    int kind;
    const void *p;
    uint64_t n;
    const char *s;
    const void *q;
} jkey;

typedef struct jctx {
    vd_builder *v;               /* the document being built (the JSON is written from it) */
    const lp_workspace *ws;
    const idx_paths *paths;      /* the show document's `path`s; NULL: none written */
} jctx;

static int jkey_cmp(const void *a, const void *b)
{
    return strcmp(((const jkey *)a)->key, ((const jkey *)b)->key);
}

static void write_value(jctx *c, const jkey *k);
static void write_block_names(jctx *c, const lp_resource *r, const char *type);

/* Sort and write keys (the first of equal keys wins), then free them. */
static void write_keys(jctx *c, jkey *ks, uint32_t nk, size_t cap)
{
    qsort(ks, nk, sizeof *ks, jkey_cmp);
    vd_obj(c->v);
    for (uint32_t j = 0; j < nk; j++) {
        if (j && !strcmp(ks[j].key, ks[j - 1].key)) continue;
        vd_key_ref(c->v, ks[j].key);   /* keys live as long as the resource or are literals */
        write_value(c, &ks[j]);
    }
    vd_end(c->v);
    mem_free(ks, cap * sizeof *ks);
}

static jkey *keys_alloc(jctx *c, size_t cap)
{
    jkey *ks = mem_calloc(cap, sizeof *ks);
    if (!ks) c->v->oom = 1;
    return ks;
}

static const ld_attr *block_attr(const ld_block *bl, const char *name)
{
    for (uint32_t i = 0; i < bl->nattrs; i++)
        if (!strcmp(bl->attrs[i].name, name)) return &bl->attrs[i];
    return NULL;
}

static int has_block(const ld_block *bs, uint32_t n, const char *type)
{
    for (uint32_t i = 0; i < n; i++)
        if (!strcmp(bs[i].type, type)) return 1;
    return 0;
}

static const ld_block *first_block(const ld_block *bs, uint32_t n, const char *type)
{
    for (uint32_t i = 0; i < n; i++)
        if (!strcmp(bs[i].type, type)) return &bs[i];
    return NULL;
}

static int is_scalar(lpv_value v)
{
    return v.kind == LPV_STRING || v.kind == LPV_NUMBER || v.kind == LPV_BOOL;
}

/* A cty value as document values: what lpv_json writes of it (unknown as
 * null, a number as its text, nested no deeper than lpv_json goes). */
static void put_lpv(vd_builder *v, lpv_value x, int depth)
{
    if (depth > 512) {
        v->oom = 1;
        return;
    }
    switch (x.kind) {
    case LPV_BOOL: vd_bool(v, x.u.b); break;
    case LPV_NUMBER: {
        lp_buf t = { 0 };
        if (lpv_json(&t, x) != 0) v->oom = 1;
        else vd_num(v, t.data, t.len);
        lp_buf_free(&t);
        break;
    }
    case LPV_STRING: vd_str(v, x.u.s, x.len); break;
    case LPV_TUPLE:
    case LPV_LIST:
    case LPV_SET:
        vd_list(v);
        for (uint32_t i = 0; i < x.len; i++) put_lpv(v, x.u.elems[i], depth + 1);
        vd_end(v);
        break;
    case LPV_OBJECT:
    case LPV_MAP:
        vd_obj(v);
        for (uint32_t i = 0; i < x.len; i++) {
            vd_key(v, x.u.attrs[i].key, x.u.attrs[i].klen);
            put_lpv(v, x.u.attrs[i].val, depth + 1);
        }
        vd_end(v);
        break;
    default: vd_null(v); break;   /* null, unknown */
    }
}

static void put_num(vd_builder *v, unsigned long long n)
{
    char t[24];
    int len = snprintf(t, sizeof t, "%llu", n);
    vd_num(v, t, (size_t)len);
}

/* *string: strings as they are, numbers and bools as their text */
static void write_str_val(jctx *c, const ld_attr *a)
{
    if (a->text && is_scalar(a->val)) vd_str_ref(c->v, a->text);
    else put_lpv(c->v, a->val, 0);
}

/* *int: a number, or a string holding an integer (cty converts it: "007" is 7) */
static void write_int_val(jctx *c, const ld_attr *a)
{
    const char *t = a->text;
    if (a->val.kind == LPV_STRING && t) {
        const char *d = *t == '-' || *t == '+' ? t + 1 : t;
        size_t nd = strspn(d, "0123456789");
        if (nd && !d[nd] && nd < 19) {
            char num[24];
            vd_num(c->v, num, (size_t)snprintf(num, sizeof num, "%lld", strtoll(t, NULL, 10)));
            return;
        }
    }
    put_lpv(c->v, a->val, 0);
}

/* Add the keys of a shape's fields present in block bl. */
static uint32_t shape_keys(const ld_block *bl, const shape *sh, jkey *ks, uint32_t nk)
{
    for (size_t i = 0; i < sh->n; i++) {
        const field *f = &sh->f[i];
        if (f->t == F_STR || f->t == F_INT) {
            const ld_attr *a = block_attr(bl, f->hcl);
            if (a && a->val.kind != LPV_NULL)
                ks[nk++] = (jkey){ f->json, f->t == F_STR ? K_ATTR_STR : K_ATTR_INT, a, 0, 0, 0 };
        } else if (f->t == F_OBJ) {
            const ld_block *sub = first_block(bl->blocks, bl->nblocks, f->hcl);
            if (sub) ks[nk++] = (jkey){ f->json, K_TOBJ, sub, 0, 0, f->sub };
        } else if (has_block(bl->blocks, bl->nblocks, f->hcl)) {
            int kind = f->t == F_LIST ? K_TLIST : K_TMAP;
            ks[nk++] = (jkey){ f->json, kind, bl->blocks, bl->nblocks, f->hcl, f->sub };
        }
    }
    return nk;
}

static void write_typed(jctx *c, const ld_block *bl, const shape *sh)
{
    size_t cap = sh->n + 1;
    jkey *ks = keys_alloc(c, cap);
    if (!ks) return;
    uint32_t nk = 0;
    if (sh->named) ks[nk++] = (jkey){ "name", K_STR, bl->label ? bl->label : "", 0, 0, 0 };
    nk = shape_keys(bl, sh, ks, nk);
    write_keys(c, ks, nk, cap);
}

static void write_typed_list(jctx *c, const ld_block *bs, uint32_t n, const char *type, const shape *sh)
{
    vd_list(c->v);
    for (uint32_t i = 0; i < n; i++)
        if (!strcmp(bs[i].type, type)) write_typed(c, &bs[i], sh);
    vd_end(c->v);
}

typedef struct lbl_ix {
    const char *label;
    uint32_t i;
} lbl_ix;

static int lbl_cmp(const void *a, const void *b)
{
    const lbl_ix *x = a, *y = b;
    int d = strcmp(x->label, y->label);
    return d ? d : (x->i > y->i) - (x->i < y->i);
}

/* Blocks of `type` as a Go map by label: keys sorted, a repeated label
 * keeps its last block (the map assignment's last write).  Fills *ix (to
 * be freed with cap *ncap); returns the count. */
static uint32_t by_label(jctx *c, const ld_block *bs, uint32_t n, const char *type, lbl_ix **ix, size_t *ncap)
{
    *ncap = n ? n : 1;
    *ix = mem_calloc(*ncap, sizeof **ix);
    if (!*ix) {
        c->v->oom = 1;
        return 0;
    }
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++)
        if (!strcmp(bs[i].type, type)) (*ix)[k++] = (lbl_ix){ bs[i].label ? bs[i].label : "", i };
    qsort(*ix, k, sizeof **ix, lbl_cmp);
    uint32_t m = 0;
    for (uint32_t i = 0; i < k; i++) {
        if (i + 1 < k && !strcmp((*ix)[i].label, (*ix)[i + 1].label)) continue;
        (*ix)[m++] = (*ix)[i];
    }
    return m;
}

static void write_typed_map(jctx *c, const ld_block *bs, uint32_t n, const char *type, const shape *sh)
{
    lbl_ix *ix;
    size_t cap;
    uint32_t m = by_label(c, bs, n, type, &ix, &cap);
    if (!ix) return;
    vd_obj(c->v);
    for (uint32_t i = 0; i < m; i++) {
        vd_key_ref(c->v, ix[i].label);
        write_typed(c, &bs[ix[i].i], sh);
    }
    vd_end(c->v);
    mem_free(ix, cap * sizeof *ix);
}

/* Generic: a block that is no typed shape, as {"name": label, attributes..., blocks...}. */
static void write_block_list(jctx *c, const ld_block *blocks, uint32_t n, const char *type)
{
    vd_list(c->v);
    for (uint32_t i = 0; i < n; i++) {
        const ld_block *bl = &blocks[i];
        if (strcmp(bl->type, type)) continue;
        size_t cap = (size_t)bl->nattrs + bl->nblocks + 1;
        jkey *ks = keys_alloc(c, cap);
        if (!ks) return;
        uint32_t nk = 0;
        if (bl->label) ks[nk++] = (jkey){ "name", K_STR, bl->label, 0, 0, 0 };
        for (uint32_t j = 0; j < bl->nattrs; j++)
            ks[nk++] = (jkey){ bl->attrs[j].name, K_ATTR, &bl->attrs[j], 0, 0, 0 };
        for (uint32_t j = 0; j < bl->nblocks; j++)
            if (!first_block(bl->blocks, j, bl->blocks[j].type))
                ks[nk++] = (jkey){ bl->blocks[j].type, K_BLOCKS, bl->blocks, bl->nblocks, 0, 0 };
        write_keys(c, ks, nk, cap);
    }
    vd_end(c->v);
}

/* A non-empty string field of an evaluated reference (`base = node.x`, `query = query.x`) */
static const lpv_value *obj_str(lpv_value o, const char *k)
{
    const lpv_value *v = lpv_is_obj(o) ? lpv_attr_get(o, k, strlen(k)) : NULL;
    return v && v->kind == LPV_STRING && v->len ? v : NULL;
}

static void write_resource(jctx *c, const lp_resource *r, const char *dashboard);

/* The name eager Powerpipe gives a block of a flow, graph or hierarchy:
 * its label, or <parent's unqualified name, '.' as '_'>_anonymous_<type>_<n>
 * with n counting every earlier sibling of that type (POWERPIPE_BEHAVIOR
 * §1.3, §13.2). */
static void block_short(lp_buf *out, const lp_resource *r, const ld_block *bs, uint32_t i, const char *sh)
{
    if (bs[i].label) {
        lp_buf_puts(out, bs[i].label);
        return;
    }
    uint32_t n = 0;
    for (uint32_t j = 0; j < i; j++) n += !strcmp(bs[j].type, bs[i].type);
    lp_buf_printf(out, "%s_%s_anonymous_%s_%u", lp_kind_name((lp_kind)r->kind), sh, bs[i].type, n);
}

/* A node, edge or category block of a flow, graph or hierarchy, written as
 * the resource eager Powerpipe makes of it (DashboardNode, DashboardEdge,
 * DashboardCategory): its names, its attributes, and what `base` gives
 * (title, description, documentation, sql: the fields the evaluated
 * reference carries). */
static void write_block_resource(jctx *c, const lp_resource *r, const ld_block *bs, uint32_t i)
{
    const lp_workspace *ws = c->ws;
    const ld_block *bl = &bs[i];
    if (bl->owner) r = bl->owner;   /* inherited from a base: named and placed as the base's */
    const idx_entry *e = &idx_tab(ws)->entries[r->id];
    const char *sh = r->name + idx_short_offset(ws, e);
    const char *mod = idx_str(ws, idx_tab(ws)->mods[idx_mod_of(ws, e)].name);
    lp_buf name = { 0 };
    lp_buf_printf(&name, "%s.%s.", mod, bl->type);
    size_t short_at = name.len;
    block_short(&name, r, bs, i, sh);
    if (name.oom) {
        c->v->oom = 1;
        lp_buf_free(&name);
        return;
    }
    int iscat = !strcmp(bl->type, "category");
    size_t cap = (size_t)bl->nattrs + s_category.n + 20;
    jkey *ks = keys_alloc(c, cap);
    if (!ks) {
        lp_buf_free(&name);
        return;
    }
    uint32_t nk = 0;
    ks[nk++] = (jkey){ "qualified_name", K_STR, name.data, 0, 0, 0 };
    ks[nk++] = (jkey){ "resource_name", K_STR, name.data + short_at, 0, 0, 0 };
    ks[nk++] = (jkey){ "mod_name", K_STR, mod, 0, 0, 0 };
    ks[nk++] = (jkey){ "file_name", K_STR, idx_str(ws, idx_tab(ws)->files[e->file].path), 0, 0, 0 };
    ks[nk++] = (jkey){ "is_anonymous", K_RAW_BOOL, NULL, bl->label == NULL, 0, 0 };
    ks[nk++] = (jkey){ "auto_generated", K_RAW_BOOL, NULL, 0, 0, 0 };
    ks[nk++] = (jkey){ "start_line_number", K_UINT, NULL, bl->start_line, 0, 0 };
    ks[nk++] = (jkey){ "end_line_number", K_UINT, NULL, bl->end_line, 0, 0 };
    if (bl->source) ks[nk++] = (jkey){ "source_definition", K_STR, bl->source, 0, 0, 0 };
    const ld_attr *base = block_attr(bl, "base");
    const lp_resource *br = bl->base;   /* SetBaseProperties: what the block leaves unset */
    for (unsigned k = 1; k < SCH__COUNT; k++) {   /* SCH_INHERIT: title, description, documentation, sql */
        if (!(sch_attrs[k].flags & SCH_INHERIT)) continue;
        const char *an = sch_attrs[k].name, *jk = sch_attrs[k].show_key;
        const ld_attr *a = block_attr(bl, an);
        const ld_attr *ba = br ? find_attr(br, an) : NULL;
        const lpv_value *v = base ? obj_str(base->val, an) : NULL;
        if (a && a->val.kind != LPV_NULL) ks[nk++] = (jkey){ jk, K_ATTR_STR, a, 0, 0, 0 };
        else if (br && k == SCH_SQL && br->sql) ks[nk++] = (jkey){ jk, K_STR, br->sql, 0, 0, 0 };
        else if (ba && ba->val.kind != LPV_NULL) ks[nk++] = (jkey){ jk, K_ATTR_STR, ba, 0, 0, 0 };
        else if (v) ks[nk++] = (jkey){ jk, K_VALSTR, v, 0, 0, 0 };
    }
    if (br && !block_attr(bl, ATTR(SCH_QUERY)) && br->query)
        ks[nk++] = (jkey){ SHOW(SCH_QUERY), K_STR, br->query, 0, 0, 0 };
    /* eager enriches `category = category.x` with the whole category (enrichCategory) */
    const char *ck = SHOW(SCH_CATEGORY);
    if (bl->category) ks[nk++] = (jkey){ ck, K_CATRES, bl->category, 0, 0, 0 };
    if (br && !iscat && !block_attr(bl, ATTR(SCH_CATEGORY))) {
        const ld_attr *bc = find_attr(br, ATTR(SCH_CATEGORY));
        if (br->category) ks[nk++] = (jkey){ ck, K_CATRES, br->category, 0, 0, 0 };
        else if (bc && bc->val.kind != LPV_NULL) ks[nk++] = (jkey){ ck, K_CATVAL, bc, 0, 0, 0 };
    }
    if (br && br->ntags && !block_attr(bl, ATTR(SCH_TAGS)))
        ks[nk++] = (jkey){ SHOW(SCH_TAGS), K_TAGS, br, 0, 0, 0 };
    if (bl->has_args) ks[nk++] = (jkey){ "args", K_BARGS, bl, 0, 0, 0 };
    else if (br && br->has_args) ks[nk++] = (jkey){ "args", K_ARGS, br, 0, 0, 0 };
    if (iscat) nk = shape_keys(bl, &s_category, ks, nk);
    for (uint32_t j = 0; j < bl->nattrs; j++) {
        const ld_attr *a = &bl->attrs[j];
        const char *an = a->name;
        if (a->val.kind == LPV_NULL || !strcmp(an, "base") || !strcmp(an, "args")) continue;
        if (!strcmp(an, ATTR(SCH_QUERY))) {
            const lpv_value *qn = obj_str(a->val, ATTR(SCH_NAME));   /* the reference's object */
            if (qn) ks[nk++] = (jkey){ SHOW(SCH_QUERY), K_VALSTR, qn, 0, 0, 0 };
        } else if (!strcmp(an, ATTR(SCH_CATEGORY)) && !iscat) {
            if (!bl->category) ks[nk++] = (jkey){ SHOW(SCH_CATEGORY), K_CATVAL, a, 0, 0, 0 };
        } else if (!strcmp(an, ATTR(SCH_WIDTH))) {
            ks[nk++] = (jkey){ an, K_ATTR_INT, a, 0, 0, 0 };
        } else if (!iscat || !strcmp(an, "property_order")) {
            ks[nk++] = (jkey){ an, is_scalar(a->val) ? K_ATTR_STR : K_ATTR, a, 0, 0, 0 };
        }
    }
    write_keys(c, ks, nk, cap);
    lp_buf_free(&name);
}

/* `category = category.x` of a node or edge: eager fills it with the whole
 * category; the evaluated reference carries its name and literal fields. */
static void write_catval(jctx *c, const ld_attr *a)
{
    static const char *const keep[] = { "color", "depth", "description", "documentation", "fold",
                                        "href", "icon", "properties", "property_order", "title" };
    if (!lpv_is_obj(a->val)) {
        write_str_val(c, a);
        return;
    }
    vd_obj(c->v);
    const lpv_value *nm = obj_str(a->val, "name");
    for (uint32_t i = 0; i < a->val.len; i++) {
        const lpv_attr *at = &a->val.u.attrs[i];
        if (nm && strncmp(at->key, "qualified_name", at->klen) > 0) {
            /* keys sorted: qualified_name goes where it sorts */
            vd_key_ref(c->v, "qualified_name");
            vd_str(c->v, nm->u.s, nm->len);
            nm = NULL;
        }
        int kept = 0;
        for (size_t k = 0; k < sizeof keep / sizeof keep[0] && !kept; k++)
            kept = strlen(keep[k]) == at->klen && !memcmp(keep[k], at->key, at->klen);
        if (!kept || at->val.kind == LPV_NULL || (at->val.kind == LPV_STRING && !at->val.len)) continue;
        vd_key(c->v, at->key, at->klen);
        put_lpv(c->v, at->val, 0);
    }
    if (nm) {
        vd_key_ref(c->v, "qualified_name");
        vd_str(c->v, nm->u.s, nm->len);
    }
    vd_end(c->v);
}

static void write_node_list(jctx *c, const lp_resource *r, const char *type)
{
    vd_list(c->v);
    for (uint32_t i = 0; i < r->nblocks; i++)
        if (!strcmp(r->blocks[i].type, type)) write_block_resource(c, r, r->blocks, i);
    vd_end(c->v);
}

/* NodeAndEdgeProviderImpl.Categories: map by name, made empty, no omitempty */
static void write_categories(jctx *c, const lp_resource *r)
{
    lbl_ix *ix;
    size_t cap;
    uint32_t m = by_label(c, r->blocks, r->nblocks, "category", &ix, &cap);
    if (!ix) return;
    vd_obj(c->v);
    for (uint32_t i = 0; i < m; i++) {
        vd_key_ref(c->v, ix[i].label);
        write_block_resource(c, r, r->blocks, ix[i].i);
    }
    vd_end(c->v);
    mem_free(ix, cap * sizeof *ix);
}

/* Dashboard.Inputs: its own inputs (AddChild), then each container's own,
 * containers in pre-order (InitInputs' WalkResources); DashboardContainer.Inputs: its own. */
static void own_inputs(jctx *c, const lp_resource *r, const char *dashboard)
{
    for (uint32_t i = 0; i < r->nchildren; i++)
        if (r->children[i]->kind == LP_KIND_INPUT) write_resource(c, r->children[i], dashboard);
}

static void container_inputs(jctx *c, const lp_resource *r, const char *dashboard)
{
    for (uint32_t i = 0; i < r->nchildren; i++) {
        const lp_resource *ch = r->children[i];
        if (ch->kind != LP_KIND_CONTAINER) continue;
        own_inputs(c, ch, dashboard);
        container_inputs(c, ch, dashboard);
    }
}

static int has_input(const lp_resource *r, int deep)
{
    for (uint32_t i = 0; i < r->nchildren; i++) {
        const lp_resource *ch = r->children[i];
        if (ch->kind == LP_KIND_INPUT || (deep && ch->kind == LP_KIND_CONTAINER && has_input(ch, deep)))
            return 1;
    }
    return 0;
}

/* The dashboard an input belongs to (DashboardInput.DashboardName), from the
 * index's parents, through containers; NULL for a top-level input. */
static const char *input_dashboard(const lp_workspace *ws, uint32_t id)
{
    for (int depth = 0; depth < 64; depth++) {
        uint32_t np = idx_nparent(ws, id), up = LP_NO_ENTRY;
        for (uint32_t i = 0; i < np && up == LP_NO_ENTRY; i++) {
            uint32_t p = idx_parent(ws, id, i);
            if (p == LP_NO_ENTRY) continue;
            if (idx_tab(ws)->entries[p].kind == LP_KIND_DASHBOARD)
                return idx_str(ws, idx_tab(ws)->entries[p].name);
            if (idx_tab(ws)->entries[p].kind == LP_KIND_CONTAINER) up = p;
        }
        if (up == LP_NO_ENTRY) return NULL;
        id = up;
    }
    return NULL;
}

/* QueryArgs: {"args": map} or {"args_list": list}; a run-time value is
 * left out of the map and null in the list (its refs are not kept) */
static void write_args(vd_builder *v, const ld_arg *args, uint32_t nargs, int list)
{
    vd_obj(v);
    if (nargs && list) {
        vd_key_ref(v, "args_list");
        vd_list(v);
        for (uint32_t i = 0; i < nargs; i++) {
            if (args[i].value) vd_str_ref(v, args[i].value);
            else vd_null(v);
        }
        vd_end(v);
    } else if (nargs) {
        int first = 1;
        for (uint32_t i = 0; i < nargs; i++) {
            if (!args[i].value) continue;
            if (first) {
                vd_key_ref(v, "args");
                vd_obj(v);
            }
            first = 0;
            vd_key_ref(v, args[i].name);
            vd_str_ref(v, args[i].value);
        }
        if (!first) vd_end(v);
    }
    vd_end(v);
}

/* ResourceReference (pipe-fittings modconfig/resource_reference.go) with its
 * metadata: resource_name is the first 8 hex digits of the MD5 of its String(). */
static void write_refs(jctx *c, const lp_resource *r)
{
    const lp_workspace *ws = c->ws;
    const idx_entry *e = &idx_tab(ws)->entries[r->id];
    const char *mod = idx_str(ws, idx_tab(ws)->mods[idx_mod_of(ws, e)].name);
    const char *file = idx_str(ws, idx_tab(ws)->files[e->file].path);
    lp_buf from = { 0 }, h = { 0 };
    /* GetUnqualifiedName: type.short_name */
    lp_buf_printf(&from, "%s.%s", idx_kind_name_types[e->kind], r->name + idx_short_offset(ws, e));
    vd_builder *v = c->v;
    vd_list(v);
    for (uint32_t i = 0; i < r->nrefs && !from.oom; i++) {
        const ld_ref *f = &r->refs[i];
        h.len = 0;
        lp_buf_printf(&h, "To: %s\nFrom: %s\nBlockType: %s\nBlockName: %s\nAttribute: %s", f->to, from.data,
                      f->block_type, f->block_name, f->attr);
        uint8_t md[MD5_DIGEST_LENGTH];
        MD5_CTX mc;
        MD5Init(&mc);
        MD5Update(&mc, (const uint8_t *)(h.data ? h.data : ""), h.len);
        MD5Final(md, &mc);
        char hex[9];
        snprintf(hex, sizeof hex, "%02x%02x%02x%02x", md[0], md[1], md[2], md[3]);
        /* the keys in Go's order (sorted); strings borrowed from the resource and the
         * workspace (a benchmark's sources repeat per reference: they are not copied) */
        vd_obj(v);
        vd_key_ref(v, "auto_generated");
        vd_bool(v, 0);
        vd_key_ref(v, "end_line_number");
        put_num(v, f->end_line);
        vd_key_ref(v, "file_name");
        vd_str_ref(v, file);
        vd_key_ref(v, "from_attribute");
        vd_str_ref(v, f->attr);
        if (f->block_name[0]) {   /* omitempty */
            vd_key_ref(v, "from_block_name");
            vd_str_ref(v, f->block_name);
        }
        vd_key_ref(v, "from_block_type");
        vd_str_ref(v, f->block_type);
        vd_key_ref(v, "is_anonymous");
        vd_bool(v, 0);
        vd_key_ref(v, "mod_name");
        vd_str_ref(v, mod);
        vd_key_ref(v, "reference_from");
        vd_str(v, from.data, from.len);
        vd_key_ref(v, "reference_to");
        vd_str_ref(v, f->to);
        vd_key_ref(v, "resource_name");
        vd_str(v, hex, 8);
        vd_key_ref(v, "source_definition");
        vd_str_ref(v, f->source);
        vd_key_ref(v, "start_line_number");
        put_num(v, f->start_line);
        vd_end(v);
    }
    vd_end(v);
    if (from.oom || h.oom) v->oom = 1;
    lp_buf_free(&from);
    lp_buf_free(&h);
}

static void write_value(jctx *c, const jkey *k)
{
    vd_builder *v = c->v;
    switch (k->kind) {
    case K_STR: vd_str(v, k->p, strlen(k->p)); break;   /* copied: some are a caller's temporary */
    case K_VALSTR: {
        const lpv_value *x = k->p;
        vd_str(v, x->u.s, x->len);
        break;
    }
    case K_RAW_BOOL: vd_bool(v, k->n != 0); break;
    case K_UINT: put_num(v, (unsigned long long)k->n); break;
    case K_NULL: vd_null(v); break;
    case K_REASON_COLS:   /* {"reason": {"name": "reason"}} */
        vd_obj(v);
        vd_key_ref(v, "reason");
        vd_obj(v);
        vd_key_ref(v, "name");
        vd_str_ref(v, "reason");
        vd_end(v);
        vd_end(v);
        break;
    case K_URL: {
        lp_buf u = { 0 };
        lp_buf_printf(&u, "/%s", (const char *)k->p);
        if (u.oom) v->oom = 1;
        else vd_str(v, u.data, u.len);
        lp_buf_free(&u);
        break;
    }
    case K_TAGS: {
        const lp_resource *r = k->p;
        vd_obj(v);
        for (uint32_t i = 0; i < r->ntags; i++) {
            vd_key_ref(v, r->tags[i].key);
            vd_str_ref(v, r->tags[i].value);
        }
        vd_end(v);
        break;
    }
    case K_ARGS: {
        const lp_resource *r = k->p;
        write_args(v, r->args, r->nargs, r->args_list);
        break;
    }
    case K_BARGS: {
        const ld_block *bl = k->p;
        write_args(v, bl->args, bl->nargs, bl->args_list);
        break;
    }
    case K_PARAMS: {   /* ParamDef's fields in its order: name, description, default */
        const lp_resource *r = k->p;
        vd_list(v);
        for (uint32_t i = 0; i < r->nparams; i++) {
            const ld_param *p = &r->params[i];
            vd_obj(v);
            vd_key_ref(v, "name");
            vd_str_ref(v, p->name);
            vd_key_ref(v, "description");
            if (p->description) vd_str_ref(v, p->description);
            else vd_null(v);
            vd_key_ref(v, "default");
            if (p->def) vd_str_ref(v, p->def);
            else vd_null(v);
            vd_end(v);
        }
        vd_end(v);
        break;
    }
    case K_CHILDREN: {
        const lp_resource *r = k->p;
        vd_list(v);
        for (uint32_t i = 0; i < r->nchild_names; i++) vd_str_ref(v, r->child_names[i]);
        vd_end(v);
        break;
    }
    case K_ATTR: {
        const ld_attr *a = k->p;
        put_lpv(v, a->val, 0);
        break;
    }
    case K_ATTR_STR: write_str_val(c, k->p); break;
    case K_ATTR_INT: write_int_val(c, k->p); break;
    case K_CATVAL: write_catval(c, k->p); break;
    case K_CATRES: write_resource(c, k->p, NULL); break;
    case K_BLOCKS: write_block_list(c, k->p, (uint32_t)k->n, k->key); break;
    case K_TOBJ: write_typed(c, k->p, k->q); break;
    case K_TLIST: write_typed_list(c, k->p, (uint32_t)k->n, k->s, k->q); break;
    case K_TMAP: write_typed_map(c, k->p, (uint32_t)k->n, k->s, k->q); break;
    case K_NODES: write_node_list(c, k->p, k->s); break;
    case K_NODENAMES: write_block_names(c, k->p, k->s); break;
    case K_PATHS: idx_paths_value(c->paths, (uint32_t)k->n, v); break;
    case K_REFS: write_refs(c, k->p); break;
    case K_CATMAP: write_categories(c, k->p); break;
    case K_INPUTS:
        vd_list(v);
        own_inputs(c, k->p, k->s);
        if (k->n) container_inputs(c, k->p, k->s);
        vd_end(v);
        break;
    default: vd_null(v); break;
    }
}

/* Keys the resource's own metadata takes: an attribute of the same name
 * is not written over them.  Besides these, the attributes a loaded
 * resource keeps apart (SCH_APART: children, query, sql, tags, url_path). */
static const char *const meta_keys[] = {
    "args",          "auto_generated",    "end_line_number", "file_name",         "is_anonymous",
    "mod_name",      "params",            "qualified_name",  "resource_name",     "source_definition",
    "start_line_number",
};

static int is_meta(const char *k)
{
    if (sch_attrs[sch_find(k, strlen(k))].flags & SCH_APART) return 1;
    for (size_t i = 0; i < sizeof meta_keys / sizeof meta_keys[0]; i++)
        if (!strcmp(k, meta_keys[i])) return 1;
    return 0;
}

/* *int fields of the resource structs (DashboardLeafNodeImpl.Width,
 * DashboardContainer.Width, DashboardCategory.Depth) */
static int is_int_field(const char *k)
{
    return !strcmp(k, ATTR(SCH_WIDTH)) || !strcmp(k, "depth");
}

static void write_resource(jctx *c, const lp_resource *r, const char *dashboard)
{
    const lp_workspace *ws = c->ws;
    const idx_entry *e = &idx_tab(ws)->entries[r->id];
    size_t cap = (size_t)r->nattrs + r->nblocks + 32;
    jkey *ks = keys_alloc(c, cap);
    if (!ks) return;
    uint32_t n = 0;
    ks[n++] = (jkey){ "qualified_name", K_STR, r->name, 0, 0, 0 };
    ks[n++] = (jkey){ "resource_name", K_STR, r->name + idx_short_offset(ws, e), 0, 0, 0 };
    ks[n++] = (jkey){ "mod_name", K_STR, idx_str(ws, idx_tab(ws)->mods[idx_mod_of(ws, e)].name), 0, 0, 0 };
    ks[n++] = (jkey){ "file_name", K_STR, idx_str(ws, idx_tab(ws)->files[e->file].path), 0, 0, 0 };
    ks[n++] = (jkey){ "start_line_number", K_UINT, NULL, e->start_line, 0, 0 };
    ks[n++] = (jkey){ "end_line_number", K_UINT, NULL, e->end_line, 0, 0 };
    ks[n++] = (jkey){ "is_anonymous", K_RAW_BOOL, NULL, (e->flags & IDX_ANONYMOUS) != 0, 0, 0 };
    ks[n++] = (jkey){ "auto_generated", K_RAW_BOOL, NULL, 0, 0, 0 };
    if (r->source[0]) ks[n++] = (jkey){ "source_definition", K_STR, r->source, 0, 0, 0 };
    /* Powerpipe's SQL field is set from an `sql` attribute only (not from `query`) */
    if (r->sql && r->sql_own) ks[n++] = (jkey){ SHOW(SCH_SQL), K_STR, r->sql, 0, 0, 0 };
    if (c->paths && idx_paths_has(c->paths, r->id)) ks[n++] = (jkey){ "path", K_PATHS, NULL, r->id, 0, 0 };
    if (r->nrefs) ks[n++] = (jkey){ "references", K_REFS, r, 0, 0, 0 };
    if (r->query) ks[n++] = (jkey){ SHOW(SCH_QUERY), K_STR, r->query, 0, 0, 0 };
    if (r->ntags) ks[n++] = (jkey){ SHOW(SCH_TAGS), K_TAGS, r, 0, 0, 0 };
    if (r->nparams) ks[n++] = (jkey){ "params", K_PARAMS, r, 0, 0, 0 };
    /* a control always has args (eager makes them empty), others when given */
    if (r->has_args || r->kind == LP_KIND_CONTROL) ks[n++] = (jkey){ "args", K_ARGS, r, 0, 0, 0 };
    if (r->nchild_names) ks[n++] = (jkey){ SHOW(SCH_CHILDREN), K_CHILDREN, r, 0, 0, 0 };
    if (r->kind == LP_KIND_DASHBOARD) ks[n++] = (jkey){ SHOW(SCH_URL_PATH), K_URL, r->name, 0, 0, 0 };
    for (uint32_t i = 0; i < r->nattrs; i++) {
        const ld_attr *a = &r->attrs[i];
        if (is_meta(a->name) || a->val.kind == LPV_NULL) continue;
        if (r->category && !strcmp(a->name, ATTR(SCH_CATEGORY))) {
            ks[n++] = (jkey){ SHOW(SCH_CATEGORY), K_CATRES, r->category, 0, 0, 0 };
            continue;
        }
        int kind = is_int_field(a->name) ? K_ATTR_INT : is_scalar(a->val) ? K_ATTR_STR : K_ATTR;
        ks[n++] = (jkey){ a->name, kind, a, 0, 0, 0 };
    }
    /* DashboardChart.Series and DashboardTable.Columns: maps by name with no
     * JSON tag, so Go names them "Series" and "Columns" and writes null
     * when there is no block */
    if (r->kind == LP_KIND_CHART)
        ks[n++] = has_block(r->blocks, r->nblocks, "series")
                      ? (jkey){ "Series", K_TMAP, r->blocks, r->nblocks, "series", &s_series }
                      : (jkey){ "Series", K_NULL, 0, 0, 0, 0 };
    if (r->kind == LP_KIND_TABLE)
        ks[n++] = has_block(r->blocks, r->nblocks, "column")
                      ? (jkey){ "Columns", K_TMAP, r->blocks, r->nblocks, "column", &s_column }
                      : (jkey){ "Columns", K_NULL, 0, 0, 0, 0 };
    /* Detection.Columns (untagged): OnDecoded always sets {"reason": {Name: "reason"}} */
    if (r->kind == LP_KIND_DETECTION)
        ks[n++] = (jkey){ "Columns", K_REASON_COLS, NULL, 0, 0, 0 };
    if (r->kind == LP_KIND_INPUT) {
        /* DashboardInput.InputName json:"unqualified_name" (no omitempty), DashboardName json:"dashboard" */
        const char *u = r->name + idx_short_offset(ws, e) - strlen("input.");
        ks[n++] = (jkey){ "unqualified_name", K_STR, u, 0, 0, 0 };
        if (!dashboard) dashboard = input_dashboard(ws, r->id);
        if (dashboard) ks[n++] = (jkey){ "dashboard", K_STR, dashboard, 0, 0, 0 };
    }
    if (is_node_provider(r->kind)) {
        ks[n++] = (jkey){ "categories", K_CATMAP, r, 0, 0, 0 };
        if (has_block(r->blocks, r->nblocks, "node")) ks[n++] = (jkey){ "nodes", K_NODES, r, 0, "node", 0 };
        if (has_block(r->blocks, r->nblocks, "edge")) ks[n++] = (jkey){ "edges", K_NODES, r, 0, "edge", 0 };
    }
    if ((r->kind == LP_KIND_DASHBOARD || r->kind == LP_KIND_CONTAINER) &&
        has_input(r, r->kind == LP_KIND_DASHBOARD)) {
        const char *d = r->kind == LP_KIND_DASHBOARD ? r->name
                        : dashboard                   ? dashboard
                                                      : input_dashboard(ws, r->id);
        ks[n++] = (jkey){ "inputs", K_INPUTS, r, r->kind == LP_KIND_DASHBOARD, d, 0 };
    }
    for (uint32_t i = 0; i < r->nblocks; i++) {
        const char *t = r->blocks[i].type;
        if (first_block(r->blocks, i, t)) continue;   /* its type is done */
        /* `with` blocks live in an unexported map (WithProviderImpl.withs): never marshalled */
        if (!strcmp(t, "with")) continue;
        if (is_node_provider(r->kind) && (!strcmp(t, "node") || !strcmp(t, "edge") || !strcmp(t, "category")))
            continue;
        const kind_block *kb = NULL;
        for (size_t j = 0; j < sizeof kind_blocks / sizeof kind_blocks[0] && !kb; j++)
            if (kind_blocks[j].kind == r->kind && !strcmp(kind_blocks[j].hcl, t)) kb = &kind_blocks[j];
        int kk = !kb ? K_BLOCKS : kb->t == F_OBJ ? K_TOBJ : kb->t == F_LIST ? K_TLIST : K_TMAP;
        if (!kb) ks[n++] = (jkey){ t, kk, r->blocks, r->nblocks, 0, 0 };
        else if (kk == K_TOBJ) ks[n++] = (jkey){ kb->json, kk, &r->blocks[i], 0, 0, kb->sub };
        else ks[n++] = (jkey){ kb->json, kk, r->blocks, r->nblocks, t, kb->sub };
    }
    write_keys(c, ks, n, cap);
}

/* The document v built, written to out as JSON and freed. */
static int finish_json(vd_builder *v, lp_buf *out)
{
    lp_value *doc = vd_finish(v);
    if (!doc) return LP_ERR_NOMEM;
    vd_write_json(doc, out);
    lp_value_free(doc);
    return out->oom ? LP_ERR_NOMEM : LP_OK;
}

int lp_resource_value(const lp_resource *r, lp_value **out)
{
    if (!out) return LP_ERR_ARG;
    *out = NULL;
    if (!r) return LP_ERR_ARG;
    const lp_workspace *ws = r->item->cache ? r->item->cache->ws : NULL;
    if (!ws) return LP_ERR_ARG;
    idx_paths *paths;
    if (idx_paths_build_for(ws, lp_resource_entry(r), &paths) != LP_OK) return LP_ERR_NOMEM;
    vd_builder v;
    if (vd_begin(&v) != 0) {
        idx_paths_free(paths);
        return LP_ERR_NOMEM;
    }
    jctx c = { &v, ws, paths };
    write_resource(&c, r, NULL);
    idx_paths_free(paths);
    *out = vd_finish(&v);
    return *out ? LP_OK : LP_ERR_NOMEM;
}

int lp_resource_json(const lp_resource *r, lp_buf *out)
{
    if (!r || !out) return LP_ERR_ARG;
    lp_value *doc;
    int rc = lp_resource_value(r, &doc);
    if (rc != LP_OK) return rc;
    vd_write_json(doc, out);
    lp_value_free(doc);
    return out->oom ? LP_ERR_NOMEM : LP_OK;
}

/* ------------------------------------------------- snapshot properties */

/* A flow's, graph's or hierarchy's NodeNames / EdgeNames: the full names of
 * the resources eager Powerpipe makes of its node or edge blocks. */
static void write_block_names(jctx *c, const lp_resource *r, const char *type)
{
    const lp_workspace *ws = c->ws;
    vd_list(c->v);
    for (uint32_t i = 0; i < r->nblocks; i++) {
        if (strcmp(r->blocks[i].type, type)) continue;
        const lp_resource *o = r->blocks[i].owner ? r->blocks[i].owner : r;
        const idx_entry *e = &idx_tab(ws)->entries[o->id];
        lp_buf name = { 0 };
        lp_buf_printf(&name, "%s.%s.", idx_str(ws, idx_tab(ws)->mods[idx_mod_of(ws, e)].name), type);
        block_short(&name, o, r->blocks, i, o->name + idx_short_offset(ws, e));
        if (name.oom) c->v->oom = 1;
        else vd_str(c->v, name.data, name.len);
        lp_buf_free(&name);
    }
    vd_end(c->v);
}

/* The string fields each kind tags `snapshot` (powerpipe internal/resources:
 * DashboardChart Grouping/Transform, DashboardCard, DashboardInput,
 * DashboardText, DashboardImage, DashboardGraph Direction, Control Severity, Detection Severity and
 * DisplayColumns). */
static const struct {
    uint8_t kind;
    const char *attr;
} snap_str[] = {
    { LP_KIND_CHART, "grouping" }, { LP_KIND_CHART, "transform" }, { LP_KIND_CARD, "label" },
    { LP_KIND_CARD, "value" },     { LP_KIND_CARD, "icon" },        { LP_KIND_CARD, "href" },
    { LP_KIND_INPUT, "label" },    { LP_KIND_INPUT, "placeholder" }, { LP_KIND_TEXT, "value" },
    { LP_KIND_IMAGE, "src" },      { LP_KIND_IMAGE, "alt" },        { LP_KIND_GRAPH, "direction" },
    { LP_KIND_CONTROL, "severity" }, { LP_KIND_DETECTION, "severity" },
    { LP_KIND_DETECTION, "display_columns" },
};

int lp_resource_properties_json(const lp_resource *r, lp_buf *out)
{
    if (!r || !out) return LP_ERR_ARG;
    const lp_workspace *ws = r->item->cache ? r->item->cache->ws : NULL;
    if (!ws) return LP_ERR_ARG;
    vd_builder v;
    if (vd_begin(&v) != 0) return LP_ERR_NOMEM;
    jctx c = { &v, ws, NULL };
    const idx_entry *e = &idx_tab(ws)->entries[r->id];
    const char *sh = r->name + idx_short_offset(ws, e);
    size_t cap = 24;
    jkey *ks = keys_alloc(&c, cap);
    if (!ks) {
        vd_abort(&v);
        return LP_ERR_NOMEM;
    }
    uint32_t n = 0;
    /* GetAsSnapshotPropertyMap adds the short name (HclResource.GetShortName) */
    ks[n++] = (jkey){ "name", K_STR, sh, 0, 0, 0 };
    for (size_t i = 0; i < sizeof snap_str / sizeof snap_str[0]; i++) {
        if (snap_str[i].kind != r->kind) continue;
        const ld_attr *a = find_attr(r, snap_str[i].attr);
        /* a zero value (nil pointer or "") is left out */
        if (!a || a->val.kind == LPV_NULL || (a->val.kind == LPV_STRING && !a->val.len)) continue;
        ks[n++] = (jkey){ snap_str[i].attr, is_scalar(a->val) ? K_ATTR_STR : K_ATTR, a, 0, 0, 0 };
    }
    const ld_block *bl;
    switch (r->kind) {
    case LP_KIND_CHART:   /* Legend, Axes (structs as their JSON), Series (the map by name) */
        if ((bl = first_block(r->blocks, r->nblocks, "legend")))
            ks[n++] = (jkey){ "legend", K_TOBJ, bl, 0, 0, &s_legend };
        if ((bl = first_block(r->blocks, r->nblocks, "axes")))
            ks[n++] = (jkey){ "axes", K_TOBJ, bl, 0, 0, &s_axes };
        if (has_block(r->blocks, r->nblocks, "series"))
            ks[n++] = (jkey){ "series", K_TMAP, r->blocks, r->nblocks, "series", &s_series };
        break;
    case LP_KIND_TABLE:   /* Columns: the map by name */
        if (has_block(r->blocks, r->nblocks, "column"))
            ks[n++] = (jkey){ "columns", K_TMAP, r->blocks, r->nblocks, "column", &s_column };
        break;
    case LP_KIND_INPUT:   /* Options; InputName (snapshot:"unqualified_name") */
        if (has_block(r->blocks, r->nblocks, "option"))
            ks[n++] = (jkey){ "options", K_TLIST, r->blocks, r->nblocks, "option", &s_option };
        ks[n++] = (jkey){ "unqualified_name", K_STR, sh - strlen("input."), 0, 0, 0 };
        break;
    default: break;
    }
    if (is_node_provider(r->kind)) {
        /* NodeAndEdgeProviderImpl (and DashboardFlow's own fields): Categories is
         * made empty, so never zero; NodeNames / EdgeNames only when there are blocks */
        ks[n++] = (jkey){ "categories", K_CATMAP, r, 0, 0, 0 };
        if (has_block(r->blocks, r->nblocks, "node"))
            ks[n++] = (jkey){ "nodes", K_NODENAMES, r, 0, "node", 0 };
        if (has_block(r->blocks, r->nblocks, "edge"))
            ks[n++] = (jkey){ "edges", K_NODENAMES, r, 0, "edge", 0 };
    }
    write_keys(&c, ks, n, cap);
    return finish_json(&v, out);
}

static const ld_block *nth_block(const lp_resource *r, const char *type, uint32_t i)
{
    for (uint32_t j = 0; r && type && j < r->nblocks; j++)
        if (!strcmp(r->blocks[j].type, type) && i-- == 0) return &r->blocks[j];
    return NULL;
}

uint32_t lp_resource_block_count(const lp_resource *r, const char *type)
{
    uint32_t n = 0;
    for (uint32_t i = 0; r && type && i < r->nblocks; i++) n += !strcmp(r->blocks[i].type, type);
    return n;
}

const char *lp_resource_block_label(const lp_resource *r, const char *type, uint32_t i)
{
    const ld_block *bl = nth_block(r, type, i);
    return bl ? bl->label : NULL;
}

const char *lp_resource_block_source(const lp_resource *r, const char *type, uint32_t i)
{
    const ld_block *bl = nth_block(r, type, i);
    return bl ? bl->source : NULL;
}

/* An attribute as a string; a node's or edge's `base` gives what it leaves unset. */
const char *lp_resource_block_str(const lp_resource *r, const char *type, uint32_t i, const char *attr)
{
    const ld_block *bl = nth_block(r, type, i);
    if (!bl || !attr) return NULL;
    const ld_attr *a = block_attr(bl, attr);
    if (a && a->val.kind != LPV_NULL) return a->text;
    if (!bl->base) return NULL;
    return lp_resource_str(bl->base, attr);
}

int lp_resource_block_name(const lp_resource *r, const char *type, uint32_t i, lp_buf *out)
{
    const ld_block *bl = nth_block(r, type, i);
    const lp_workspace *ws = r && r->item->cache ? r->item->cache->ws : NULL;
    if (!bl || !ws || !out) return LP_ERR_ARG;
    const lp_resource *o = bl->owner ? bl->owner : r;
    const idx_entry *e = &idx_tab(ws)->entries[o->id];
    lp_buf_printf(out, "%s.%s.", idx_str(ws, idx_tab(ws)->mods[idx_mod_of(ws, e)].name), type);
    block_short(out, o, r->blocks, (uint32_t)(bl - r->blocks), o->name + idx_short_offset(ws, e));
    return out->oom ? LP_ERR_NOMEM : LP_OK;
}

/* DashboardNode / DashboardEdge: Category (snapshot:"category", eager's
 * enriched category, as in the show JSON) and the short name. */
int lp_resource_block_properties_json(const lp_resource *r, const char *type, uint32_t i, lp_buf *out)
{
    const ld_block *bl = nth_block(r, type, i);
    const lp_workspace *ws = r && r->item->cache ? r->item->cache->ws : NULL;
    if (!bl || !ws || !out) return LP_ERR_ARG;
    vd_builder v;
    if (vd_begin(&v) != 0) return LP_ERR_NOMEM;
    jctx c = { &v, ws, NULL };
    lp_buf name = { 0 };
    if (lp_resource_block_name(r, type, i, &name) != LP_OK) {
        lp_buf_free(&name);
        vd_abort(&v);
        return LP_ERR_NOMEM;
    }
    const char *sh = strrchr(name.data, '.') + 1;
    jkey ks[4];
    uint32_t n = 0;
    ks[n++] = (jkey){ "name", K_STR, sh, 0, 0, 0 };
    const lp_resource *br = bl->base;
    const ld_attr *a = block_attr(bl, ATTR(SCH_CATEGORY));
    const ld_attr *bc = br ? find_attr(br, ATTR(SCH_CATEGORY)) : NULL;
    const char *ck = SHOW(SCH_CATEGORY);
    /* the order write_block_resource gives the same key */
    if (bl->category) ks[n++] = (jkey){ ck, K_CATRES, bl->category, 0, 0, 0 };
    else if (br && !a && br->category) ks[n++] = (jkey){ ck, K_CATRES, br->category, 0, 0, 0 };
    else if (br && !a && bc && bc->val.kind != LPV_NULL) ks[n++] = (jkey){ ck, K_CATVAL, bc, 0, 0, 0 };
    else if (a && a->val.kind != LPV_NULL) ks[n++] = (jkey){ ck, K_CATVAL, a, 0, 0, 0 };
    jkey *heap = keys_alloc(&c, 4);
    if (heap) {
        memcpy(heap, ks, n * sizeof *ks);
        write_keys(&c, heap, n, 4);
    }
    lp_buf_free(&name);   /* after: the document copied the short name (K_STR) */
    return finish_json(&v, out);
}

/* ------------------------------------------------- variables */

/* Variable.TypeString without a type: the value's type (cty FriendlyName of
 * the common cases) */
static const char *derived_type(lpv_value v)
{
    switch (v.kind) {
    case LPV_STRING: return "string";
    case LPV_NUMBER: return "number";
    case LPV_BOOL: return "bool";
    case LPV_TUPLE: return "tuple";
    case LPV_LIST: return "list";
    case LPV_SET: return "set";
    case LPV_MAP: return "map";
    case LPV_OBJECT: return "object";
    default: return "";
    }
}

int lp_variable_value(lp_workspace *ws, uint32_t id, lp_value **out)
{
    if (!out) return LP_ERR_ARG;
    *out = NULL;
    if (!ws || id >= idx_tab(ws)->nentries || idx_tab(ws)->entries[id].kind != LP_KIND_VARIABLE)
        return LP_ERR_ARG;
    const idx_entry *e = &idx_tab(ws)->entries[id];
    uint32_t mod = idx_mod_of(ws, e);
    const char *name = idx_str(ws, e->name), *sh = name + idx_short_offset(ws, e);
    lp_error err;
    const rs_ctx *rs = ld_full_scope(ws, &err);
    const rs_var *v = NULL;
    for (uint32_t i = 0; rs && mod < rs->nmods && i < rs->mods[mod].nvars && !v; i++)
        if (!strcmp(rs->mods[mod].vars[i].name, sh)) v = &rs->mods[mod].vars[i];
    /* the block's whole lines, from the very bytes the index was built from */
    const idx_file *f = &idx_tab(ws)->files[e->file];
    srcbuf buf = { 0 };
    size_t len = 0;
    srcfile_info info;
    const char *s0 = NULL, *s1 = NULL;
    if (srcfile_read(idx_str(ws, f->path), &buf, &len, &info) == 0 && info.size == f->size &&
        info.hash == f->hash && (uint64_t)e->byte_offset + e->byte_length <= len && e->byte_length) {
        const char *src = buf.p;
        size_t a = e->byte_offset, b = a + e->byte_length;
        while (b > a && (src[b - 1] == ' ' || src[b - 1] == '\n' || src[b - 1] == '\t' || src[b - 1] == '\r'))
            b--;
        while (a > 0 && src[a - 1] != '\n') a--;
        while (b < len && src[b] != '\n') b++;
        s0 = src + a;
        s1 = src + b;
    }
    idx_paths *paths = NULL;
    vd_builder b;
    if (idx_paths_build_for(ws, id, &paths) != LP_OK || vd_begin(&b) != 0) {
        idx_paths_free(paths);
        srcbuf_free(&buf);
        return LP_ERR_NOMEM;
    }
    const char *desc = v ? v->description : "";
    vd_obj(&b);
    vd_key_ref(&b, "auto_generated");
    vd_bool(&b, 0);
    vd_key_ref(&b, "description");
    vd_str(&b, desc, strlen(desc));
    vd_key_ref(&b, "end_line_number");
    put_num(&b, e->end_line);
    vd_key_ref(&b, "file_name");
    vd_str_ref(&b, idx_str(ws, f->path));
    vd_key_ref(&b, "is_anonymous");
    vd_bool(&b, 0);
    vd_key_ref(&b, "mod_name");
    vd_str_ref(&b, idx_str(ws, idx_tab(ws)->mods[mod].name));
    if (idx_paths_has(paths, id)) {
        vd_key_ref(&b, "path");
        idx_paths_value(paths, id, &b);
    }
    vd_key_ref(&b, "qualified_name");
    vd_str_ref(&b, name);
    vd_key_ref(&b, "resource_name");
    vd_str_ref(&b, sh);
    if (s0) {
        vd_key_ref(&b, "source_definition");
        vd_str(&b, s0, (size_t)(s1 - s0));   /* copied: buf goes below */
    }
    vd_key_ref(&b, "start_line_number");
    put_num(&b, e->start_line);
    int has_val = v && v->has_value && v->val.kind != LPV_UNKNOWN;
    int has_def = v && v->has_default && v->def.kind != LPV_UNKNOWN;
    const char *type = v && v->type_text[0] ? v->type_text : has_val ? derived_type(v->val) : "";
    vd_key_ref(&b, "type_string");
    vd_str(&b, type, strlen(type));
    vd_key_ref(&b, "value");
    if (has_val) put_lpv(&b, v->val, 0);
    else vd_null(&b);
    vd_key_ref(&b, "value_default");
    if (has_def) put_lpv(&b, v->def, 0);
    else vd_null(&b);
    vd_end(&b);
    idx_paths_free(paths);
    srcbuf_free(&buf);
    *out = vd_finish(&b);
    return *out ? LP_OK : LP_ERR_NOMEM;
}

int lp_variable_json(lp_workspace *ws, uint32_t id, lp_buf *out)
{
    if (!out) return LP_ERR_ARG;
    lp_value *doc;
    int rc = lp_variable_value(ws, id, &doc);
    if (rc != LP_OK) return rc;
    vd_write_json(doc, out);
    lp_value_free(doc);
    return out->oom ? LP_ERR_NOMEM : LP_OK;
}

/* ------------------------------------------------------------ the mod as a resource */

static const hcl_attr *mod_attr(const hcl_body *b, const char *name)
{
    for (uint32_t i = 0; b && i < b->nattrs; i++)
        if (b->attrs[i].name.len == strlen(name) && !memcmp(b->attrs[i].name.p, name, b->attrs[i].name.len))
            return &b->attrs[i];
    return NULL;
}

/* Attribute `name` of body b, evaluated in the mod's scope, as the value of `key`: nothing when
 * absent, null or known only at run time (Go's omitempty of a nil pointer) unless `always`
 * (then null).  -1 with err on an evaluation error. */
static int mod_field(ev_ctx *ev, vd_builder *v, const hcl_body *b, const char *name, int always,
                     lp_error *err)
{
    const hcl_attr *at = mod_attr(b, name);
    lpv_value x = { 0 };
    int erc = at ? ev_expr(ev, at->expr, &x) : LP_EV_OK;
    if (erc == LP_EV_ERR) {
        lp_diag d;
        char buf[1024], line[1024];
        ev_diag(ev, &d, buf, sizeof buf);
        lp_diag_format(&d, line, sizeof line);
        err_set(err, strstr(d.summary, "Out of memory") ? LP_ERR_NOMEM : LP_ERR_EVAL, "%s", line);
        return -1;
    }
    int none = !at || erc != LP_EV_OK || x.kind == LPV_NULL || x.kind == LPV_UNKNOWN;
    if (none && !always) return 0;
    vd_key_ref(v, name);
    if (none) vd_null(v);
    else put_lpv(v, x, 0);
    return 0;
}

static int mod_block(lp_workspace *ws, uint32_t mod, ld_work *w, const char *database, vd_builder *v,
                     const ev_scope *scope, lp_error *err)
{
    const char *root = idx_str(ws, idx_tab(ws)->mods[mod].root);
    const char *path;
    size_t n;
    hcl_file f;
    int rc = ld_mod_file_parse(ws, mod, w, &f, &path, &n, err);
    if (rc != LP_OK) return rc;
    const hcl_block *mb = NULL, *og = NULL;
    for (uint32_t i = 0; f.body && i < f.body->nblocks && !mb; i++) {
        const hcl_block *bk = &f.body->blocks[i];
        if (bk->nlabels && bk->type.len == 3 && !memcmp(bk->type.p, "mod", 3)) mb = bk;
    }
    if (!mb) return err_set(err, LP_ERR_NOT_FOUND, "%s: no mod block", path);
    for (uint32_t i = 0; mb->body && i < mb->body->nblocks && !og; i++)
        if (mb->body->blocks[i].type.len == 9 && !memcmp(mb->body->blocks[i].type.p, "opengraph", 9))
            og = &mb->body->blocks[i];
    ev_ctx ev;
    ev_init(&ev, &w->scratch, scope, &f);
    /* the block's label: a second version of a mod is indexed as name@version, not named so */
    char *name = ar_alloc(&w->scratch, mb->labels[0].len + 1);
    if (!name) return err_set(err, LP_ERR_NOMEM, "out of memory");
    memcpy(name, mb->labels[0].p, mb->labels[0].len);
    name[mb->labels[0].len] = 0;
    const char *dep = idx_str(ws, idx_tab(ws)->mods[mod].path);
    const hcl_body *b = mb->body;
    /* json.Marshal of pipe-fittings' modconfig.Mod, keys in byte order as Powerpipe's JSON
     * formatter writes them: the three untagged Mod* fields (no omitempty), then the tagged ones
     * (`database` is decoded into ModDatabase, never Database, for a mod) */
    vd_obj(v);
    vd_key_ref(v, "ModDatabase");
    if (database) vd_str(v, database, strlen(database));
    else vd_null(v);
    vd_key_ref(v, "ModSearchPath");
    vd_null(v);
    vd_key_ref(v, "ModSearchPathPrefix");
    vd_null(v);
    vd_key_ref(v, "auto_generated");
    vd_bool(v, 0);
    int bad = mod_field(&ev, v, b, "categories", 0, err) | mod_field(&ev, v, b, "color", 0, err);
    if (mod && dep[0]) {         /* its folder under .powerpipe/mods, version included */
        const char *mods = strstr(root, "/.powerpipe/mods/");
        vd_key_ref(v, "dependency_path");
        vd_str_ref(v, mods ? mods + strlen("/.powerpipe/mods/") : dep);
    }
    bad |= mod_field(&ev, v, b, "description", 0, err) | mod_field(&ev, v, b, "documentation", 0, err);
    vd_key_ref(v, "end_line_number");
    put_num(v, mb->range.end_line);
    vd_key_ref(v, "file_name");
    vd_str(v, path, strlen(path));
    bad |= mod_field(&ev, v, b, "icon", 0, err);
    vd_key_ref(v, "is_anonymous");
    vd_bool(v, 0);
    bad |= mod_field(&ev, v, b, "max_concurrency", 0, err);
    vd_key_ref(v, "mod_name");
    vd_str(v, name, strlen(name));
    if (og) {                    /* OpenGraph's fields have no omitempty */
        vd_key_ref(v, "open_graph");
        vd_obj(v);
        bad |= mod_field(&ev, v, og->body, "description", 1, err);
        bad |= mod_field(&ev, v, og->body, "image", 1, err) | mod_field(&ev, v, og->body, "title", 1, err);
        vd_end(v);
    }
    lp_buf qn = { 0 };
    lp_buf_printf(&qn, "mod.%s", name);
    vd_key_ref(v, "qualified_name");
    vd_str(v, qn.data ? qn.data : "", qn.len);
    lp_buf_free(&qn);
    vd_key_ref(v, "resource_name");
    vd_str(v, name, strlen(name));
    /* the block's whole lines, as pipe-fittings' getSourceDefinition cuts them */
    const char *t = w->buf.p, *end = t + n;
    uint32_t line = 1;
    while (t < end && line < mb->range.line) line += *t++ == '\n';
    const char *s0 = t;
    while (t < end && (line < mb->range.end_line || *t != '\n')) line += *t++ == '\n';
    vd_key_ref(v, "source_definition");
    vd_str(v, s0, (size_t)(t - s0));
    vd_key_ref(v, "start_line_number");
    put_num(v, mb->range.line);
    bad |= mod_field(&ev, v, b, "tags", 0, err) | mod_field(&ev, v, b, "title", 0, err);
    vd_end(v);
    return bad ? (err->code ? err->code : LP_ERR_EVAL) : LP_OK;
}

int lp_mod_value(lp_workspace *ws, uint32_t mod, lp_value **out, lp_error *err)
{
    lp_error local;
    if (!err) err = &local;
    memset(err, 0, sizeof *err);
    if (out) *out = NULL;
    if (!ws || !out || mod >= idx_tab(ws)->nmods) return err_set(err, LP_ERR_ARG, "no such mod");
    lp_buf db = { 0 };
    lp_error dberr;
    int has_db = lp_mod_database(ws, mod, &db, &dberr) == LP_OK;
    lp_buf_putc(&db, 0);
    ld_eval *e;
    int rc = ld_eval_open(ws, mod, &e, err);
    if (rc == LP_OK) {
        ld_work *w = ld_eval_work(e);
        vd_builder v;
        if (vd_begin(&v) != 0) {
            rc = err_set(err, LP_ERR_NOMEM, "out of memory");
        } else {
            rc = mod_block(ws, mod, w, has_db && !db.oom ? db.data : NULL, &v, ld_eval_scope(e), err);
            if (rc == LP_OK && !(*out = vd_finish(&v))) rc = err_set(err, LP_ERR_NOMEM, "out of memory");
            else if (rc != LP_OK) vd_abort(&v);
        }
        ar_reset(&w->scratch);
        ld_eval_close(ws, e);
    }
    lp_buf_free(&db);
    return rc;
}

int lp_mod_json(lp_workspace *ws, uint32_t mod, lp_buf *out, lp_error *err)
{
    lp_value *v;
    int rc = out ? lp_mod_value(ws, mod, &v, err) : LP_ERR_ARG;
    if (rc != LP_OK) return rc;
    vd_write_json(v, out);
    lp_value_free(v);
    return out->oom ? LP_ERR_NOMEM : LP_OK;
}
