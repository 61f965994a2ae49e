/* load_json.c — readers of a loaded resource and its `show --output json`
 * document (see load.h, lazypipe.h "loading").
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
 * full name); Control severity; DashboardLeafNodeImpl width, display,
 * type; benchmarks and dashboards children (names).  Every other attribute
 * is written under its own name with its value in cty's JSON, and a block
 * that is no resource (series, axes, column...) under its type as a list of
 * objects ({"name": label, attributes..., blocks...}).  Left out: `path`
 * (the mod tree paths list.c writes; not part of the loaded resource) and
 * `refs` (the runtime-dependency references of args).
 */
#include "json.h"
#include "load.h"
#include "lp_alloc.h"

#include <stdlib.h>
#include <string.h>

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

const char *lp_resource_str(const lp_resource *r, const char *attr)
{
    if (!r || !attr) return NULL;
    if (!strcmp(attr, "sql")) return r->sql;
    if (!strcmp(attr, "query")) return r->query;
    if (!strcmp(attr, "base")) return r->base;
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
    const char *s = NULL;
    if (!strcmp(attr, "sql")) s = r->sql;
    else if (!strcmp(attr, "query")) s = r->query;
    else if (!strcmp(attr, "base")) s = r->base;
    if (s) {
        lp_json_cstr(out, s);
        return out->oom ? LP_ERR_NOMEM : LP_OK;
    }
    const ld_attr *a = find_attr(r, attr);
    if (!a) return LP_ERR_NOT_FOUND;
    return lpv_json(out, a->val) != 0 || out->oom ? LP_ERR_NOMEM : LP_OK;
}

/* ------------------------------------------------------------ show JSON */

enum { K_STR, K_RAW_BOOL, K_UINT, K_TAGS, K_ARGS, K_PARAMS, K_CHILDREN, K_ATTR, K_BLOCKS, K_URL };

typedef struct jkey {
    const char *key;
    int kind;
    const void *p;
    uint64_t n;
} jkey;

static int jkey_cmp(const void *a, const void *b)
{
    return strcmp(((const jkey *)a)->key, ((const jkey *)b)->key);
}

static void write_value(lp_buf *b, const jkey *k);

static void write_block_list(lp_buf *b, const ld_block *blocks, uint32_t n, const char *type)
{
    lp_buf_putc(b, '[');
    int first = 1;
    for (uint32_t i = 0; i < n; i++) {
        const ld_block *bl = &blocks[i];
        if (strcmp(bl->type, type)) continue;
        if (!first) lp_buf_putc(b, ',');
        first = 0;
        /* keys sorted: attributes, nested block types, and "name" */
        size_t cap = (size_t)bl->nattrs + bl->nblocks + 1;
        jkey *ks = lp_calloc(cap, sizeof *ks);
        if (!ks) {
            b->oom = 1;
            return;
        }
        uint32_t nk = 0;
        if (bl->label) ks[nk++] = (jkey){ "name", K_STR, bl->label, 0 };
        for (uint32_t j = 0; j < bl->nattrs; j++)
            ks[nk++] = (jkey){ bl->attrs[j].name, K_ATTR, &bl->attrs[j], 0 };
        for (uint32_t j = 0; j < bl->nblocks; j++) {
            int seen = 0;
            for (uint32_t m = 0; m < nk && !seen; m++) seen = !strcmp(ks[m].key, bl->blocks[j].type);
            if (!seen) ks[nk++] = (jkey){ bl->blocks[j].type, K_BLOCKS, bl, 1 };
        }
        qsort(ks, nk, sizeof *ks, jkey_cmp);
        lp_buf_putc(b, '{');
        for (uint32_t j = 0; j < nk; j++) {
            if (j && !strcmp(ks[j].key, ks[j - 1].key)) continue;
            if (j) lp_buf_putc(b, ',');
            lp_json_cstr(b, ks[j].key);
            lp_buf_putc(b, ':');
            write_value(b, &ks[j]);
        }
        lp_buf_putc(b, '}');
        lp_free(ks, cap * sizeof *ks);
    }
    lp_buf_putc(b, ']');
}

static void write_value(lp_buf *b, const jkey *k)
{
    switch (k->kind) {
    case K_STR: lp_json_cstr(b, k->p); break;
    case K_RAW_BOOL: lp_json_bool(b, k->n != 0); break;
    case K_UINT: lp_buf_printf(b, "%llu", (unsigned long long)k->n); break;
    case K_URL: lp_buf_putc(b, '"'); lp_buf_putc(b, '/'); lp_buf_put(b, (const char *)k->p, strlen(k->p));
        lp_buf_putc(b, '"'); break;
    case K_TAGS: {
        const lp_resource *r = k->p;
        lp_buf_putc(b, '{');
        for (uint32_t i = 0; i < r->ntags; i++) {
            if (i) lp_buf_putc(b, ',');
            lp_json_cstr(b, r->tags[i].key);
            lp_buf_putc(b, ':');
            lp_json_cstr(b, r->tags[i].value);
        }
        lp_buf_putc(b, '}');
        break;
    }
    case K_ARGS: {
        const lp_resource *r = k->p;
        lp_buf_putc(b, '{');
        if (r->nargs && r->args_list) {
            lp_buf_puts(b, "\"args_list\":[");
            for (uint32_t i = 0; i < r->nargs; i++) {
                if (i) lp_buf_putc(b, ',');
                if (r->args[i].value) lp_json_cstr(b, r->args[i].value);
                else lp_json_null(b);
            }
            lp_buf_putc(b, ']');
        } else if (r->nargs) {
            lp_buf_puts(b, "\"args\":{");
            int first = 1;
            for (uint32_t i = 0; i < r->nargs; i++) {
                if (!r->args[i].value) continue;   /* a run-time dependency: not in the map */
                if (!first) lp_buf_putc(b, ',');
                first = 0;
                lp_json_cstr(b, r->args[i].name);
                lp_buf_putc(b, ':');
                lp_json_cstr(b, r->args[i].value);
            }
            lp_buf_putc(b, '}');
        }
        lp_buf_putc(b, '}');
        break;
    }
    case K_PARAMS: {
        const lp_resource *r = k->p;
        lp_buf_putc(b, '[');
        for (uint32_t i = 0; i < r->nparams; i++) {
            const ld_param *p = &r->params[i];
            if (i) lp_buf_putc(b, ',');
            lp_buf_puts(b, "{\"name\":");
            lp_json_cstr(b, p->name);
            lp_buf_puts(b, ",\"description\":");
            if (p->description) lp_json_cstr(b, p->description);
            else lp_json_null(b);
            lp_buf_puts(b, ",\"default\":");
            if (p->def) lp_json_cstr(b, p->def);
            else lp_json_null(b);
            lp_buf_putc(b, '}');
        }
        lp_buf_putc(b, ']');
        break;
    }
    case K_CHILDREN: {
        const lp_resource *r = k->p;
        lp_buf_putc(b, '[');
        for (uint32_t i = 0; i < r->nchild_names; i++) {
            if (i) lp_buf_putc(b, ',');
            lp_json_cstr(b, r->child_names[i]);
        }
        lp_buf_putc(b, ']');
        break;
    }
    case K_ATTR: {
        const ld_attr *a = k->p;
        if (lpv_json(b, a->val) != 0) b->oom = 1;
        break;
    }
    case K_BLOCKS: {
        if (k->n) {              /* nested in a block */
            const ld_block *bl = k->p;
            write_block_list(b, bl->blocks, bl->nblocks, k->key);
        } else {
            const lp_resource *r = k->p;
            write_block_list(b, r->blocks, r->nblocks, k->key);
        }
        break;
    }
    default: break;
    }
}

/* Keys the resource's own metadata takes: an attribute of the same name
 * is not written over them. */
static const char *const meta_keys[] = {
    "args",          "auto_generated",    "children", "end_line_number",   "file_name",
    "is_anonymous",  "mod_name",          "params",   "qualified_name",    "query",
    "resource_name", "source_definition", "sql",      "start_line_number", "tags",
    "url_path",
};

static int is_meta(const char *k)
{
    for (size_t i = 0; i < sizeof meta_keys / sizeof meta_keys[0]; i++)
        if (!strcmp(k, meta_keys[i])) return 1;
    return 0;
}

int lp_resource_json(const lp_resource *r, lp_buf *out)
{
    if (!r || !out) return LP_ERR_ARG;
    const lp_workspace *ws = r->item->cache ? r->item->cache->ws : NULL;
    if (!ws) return LP_ERR_ARG;
    const idx_entry *e = &ws->entries[r->id];
    size_t cap = (size_t)r->nattrs + r->nblocks + 24;
    jkey *ks = lp_calloc(cap, sizeof *ks);
    if (!ks) return LP_ERR_NOMEM;
    uint32_t n = 0;
    ks[n++] = (jkey){ "qualified_name", K_STR, r->name, 0 };
    ks[n++] = (jkey){ "resource_name", K_STR, r->name + idx_short_offset(ws, e), 0 };
    ks[n++] = (jkey){ "mod_name", K_STR, idx_str(ws, ws->mods[idx_mod_of(ws, e)].name), 0 };
    ks[n++] = (jkey){ "file_name", K_STR, idx_str(ws, ws->files[e->file].path), 0 };
    ks[n++] = (jkey){ "start_line_number", K_UINT, NULL, e->start_line };
    ks[n++] = (jkey){ "end_line_number", K_UINT, NULL, e->end_line };
    ks[n++] = (jkey){ "is_anonymous", K_RAW_BOOL, NULL, (e->flags & IDX_ANONYMOUS) != 0 };
    ks[n++] = (jkey){ "auto_generated", K_RAW_BOOL, NULL, 0 };
    if (r->source[0]) ks[n++] = (jkey){ "source_definition", K_STR, r->source, 0 };
    if (r->sql) ks[n++] = (jkey){ "sql", K_STR, r->sql, 0 };
    if (r->query) ks[n++] = (jkey){ "query", K_STR, r->query, 0 };
    if (r->ntags) ks[n++] = (jkey){ "tags", K_TAGS, r, 0 };
    if (r->nparams) ks[n++] = (jkey){ "params", K_PARAMS, r, 0 };
    /* a control always has args (eager makes them empty), others when given */
    if (r->has_args || r->kind == LP_KIND_CONTROL) ks[n++] = (jkey){ "args", K_ARGS, r, 0 };
    if (r->nchild_names) ks[n++] = (jkey){ "children", K_CHILDREN, r, 0 };
    if (r->kind == LP_KIND_DASHBOARD) ks[n++] = (jkey){ "url_path", K_URL, r->name, 0 };
    for (uint32_t i = 0; i < r->nattrs; i++) {
        const ld_attr *a = &r->attrs[i];
        if (is_meta(a->name) || a->val.kind == LPV_NULL) continue;
        ks[n++] = (jkey){ a->name, K_ATTR, a, 0 };
    }
    for (uint32_t i = 0; i < r->nblocks; i++) {
        int seen = 0;
        for (uint32_t j = 0; j < n && !seen; j++) seen = !strcmp(ks[j].key, r->blocks[i].type);
        if (!seen) ks[n++] = (jkey){ r->blocks[i].type, K_BLOCKS, r, 0 };
    }
    qsort(ks, n, sizeof *ks, jkey_cmp);
    lp_buf_putc(out, '{');
    for (uint32_t i = 0; i < n; i++) {
        if (i) lp_buf_putc(out, ',');
        lp_json_cstr(out, ks[i].key);
        lp_buf_putc(out, ':');
        write_value(out, &ks[i]);
    }
    lp_buf_putc(out, '}');
    lp_free(ks, cap * sizeof *ks);
    return out->oom ? LP_ERR_NOMEM : LP_OK;
}
