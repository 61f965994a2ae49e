/* fingerprint.c — a dashboard or detection run's fingerprint (lp_run_fingerprint): one hash of what
 * its tree shows and executes, computed once the tree is built (run_dash_build), from the run's own
 * nodes, so that it covers exactly the panels the run announces and the leaves it runs.
 *
 * Per node, in creation order: its type, name and panel type; its resource's text, properties
 * (what its panel shows), SQL, query, args (their values, and a run-time arg's expression), params
 * (their defaults), database and search paths; a with, node or edge block's text, properties,
 * args, the node or edge it is based on and its category; and, for each query a resource or block
 * names, the same of that query (loaded into the version's cache, as the leaf's own load would).
 * Then the variables the dashboard lists (execution_started's).  The run's options (database,
 * search path, inputs) are not in it: a caller compares them apart.  A benchmark in a dashboard is
 * its node alone: its controls load as they run.
 *
 * A query that cannot load because its file changed since the version was indexed leaves the
 * fingerprint unknown (LP_ERR_STALE): what that leaf runs is not known in this version.
 *
 * Thread: the thread that builds the run (lp_run_start, lp_run_tree_fingerprint). */
#include <stdio.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "load/load.h"
#include "run/run.h"

#define FP_MAX_DEPTH 64

typedef struct fp {
    lp_run *run;
    XXH3_state_t h;                 /* xxHash's XXH3-64, streamed: the library's hash of contents */
    int rc;                         /* LP_OK, or LP_ERR_STALE */
    lp_buf b;                       /* scratch for the JSON texts */
} fp;

/* n more bytes, after their length (so that "ab","c" and "a","bc" differ) */
static void put(fp *f, const char *p, size_t n)
{
    uint64_t len = n;
    XXH3_64bits_update(&f->h, &len, sizeof len);
    XXH3_64bits_update(&f->h, p, n);
}

static void put_str(fp *f, const char *s)
{
    if (s) put(f, s, strlen(s));
    else put(f, "\0-", 2);          /* absent is not "" */
}

static void put_num(fp *f, uint64_t v)
{
    put(f, (const char *)&v, sizeof v);
}

/* a JSON text a getter appended to f->b (rc its status) */
static void put_json(fp *f, int rc)
{
    if (rc == LP_OK) put(f, f->b.data ? f->b.data : "", f->b.len);
    else put(f, "\0!", 2);
    f->b.len = 0;
}

static void put_args(fp *f, const ld_arg *a, uint32_t n)
{
    put_num(f, n);
    for (uint32_t i = 0; i < n; i++) {
        put_str(f, a[i].name);
        put_str(f, a[i].value);
        put_str(f, a[i].expr);
        put_num(f, a[i].is_string);
    }
}

static void put_resource(fp *f, const lp_resource *r, int depth);

/* the query named `name`, loaded */
static void put_query(fp *f, const char *name, int depth)
{
    lp_resource *q = NULL;
    lp_error e = { 0 };
    put_str(f, name);
    if (depth >= FP_MAX_DEPTH) return;
    if (lp_load(f->run->ws, name, &q, &e) != LP_OK) {
        put(f, "\0(not loaded)", 13);
        if (e.code == LP_ERR_STALE) f->rc = LP_ERR_STALE;
        return;
    }
    put_resource(f, q, depth + 1);
    lp_resource_release(q);
}

static void put_resource(fp *f, const lp_resource *r, int depth)
{
    /* what it runs, and what its panel shows outside its properties (evaluated: a title may read a
     * variable, which its text does not show) */
    static const char *const attrs[] = { "sql", "query", "args", "database", "search_path",
                                         "search_path_prefix", "title", "description", "documentation",
                                         "type", "display", "width" };
    if (!r) {
        put(f, "\0(none)", 7);
        return;
    }
    put_str(f, r->name);
    put_num(f, r->kind);
    put_str(f, lp_resource_source(r));
    put_json(f, lp_resource_properties_json(r, &f->b));
    for (size_t i = 0; i < sizeof attrs / sizeof *attrs; i++)
        put_json(f, lp_resource_attr_json(r, attrs[i], &f->b));
    put_args(f, r->args, r->nargs);
    put_num(f, r->nparams);
    for (uint32_t i = 0; i < r->nparams; i++) {
        put_str(f, r->params[i].name);
        put_str(f, r->params[i].def);
    }
    if (r->query && r->kind != LP_KIND_QUERY) put_query(f, r->query, depth);
}

/* bl's index among res's blocks of its type (lp_resource_block_*) */
static uint32_t block_index(const lp_resource *res, const ld_block *bl)
{
    uint32_t i = 0;
    for (uint32_t j = 0; j < res->nblocks && &res->blocks[j] != bl; j++)
        if (strcmp(res->blocks[j].type, bl->type) == 0) i++;
    return i;
}

static void put_block(fp *f, const lp_resource *res, const ld_block *bl)
{
    put_str(f, bl->type);
    put_str(f, bl->label);
    put_str(f, bl->source);
    put_json(f, lp_resource_block_properties_json(res, bl->type, block_index(res, bl), &f->b));
    put_args(f, bl->args, bl->nargs);
    put_num(f, bl->has_args);
    for (uint32_t i = 0; i < bl->nattrs; i++) {   /* `query = query.x`: its value is the query's object */
        const ld_attr *a = &bl->attrs[i];
        if (strcmp(a->name, "query") != 0 || !lpv_is_obj(a->val)) continue;
        const lpv_value *nv = lpv_attr_get(a->val, "name", 4);
        if (!nv || nv->kind != LPV_STRING) continue;
        char name[512];
        snprintf(name, sizeof name, "%.*s", (int)(nv->len < 500 ? nv->len : 500), nv->u.s);
        put_query(f, name, 0);
    }
    if (bl->base) put_resource(f, bl->base, 0);
    if (bl->category) put_resource(f, bl->category, 0);
}

void run_fingerprint(lp_run *run)
{
    fp f = { .run = run, .rc = LP_OK };
    XXH3_64bits_reset(&f.h);
    for (uint32_t i = 0; i < run->npanels; i++) {
        const lp_run_node *n = run->panels[i];
        put_num(&f, n->type);
        put_str(&f, n->name);
        put_str(&f, n->panel_type);
        put_num(&f, n->hidden);
        put_str(&f, n->parent ? n->parent->name : NULL);   /* where it is in the layout */
        if (n->block) put_block(&f, n->res, n->block);
        else put_resource(&f, n->res, 0);
        if (n->type == LP_NODE_DASHBOARD && n->parent == &run->root && n->res)   /* what it lists */
            put_json(&f, lp_resource_variables_json(run->ws, n->res, &f.b));
    }
    lp_buf_free(&f.b);
    run->fingerprint = XXH3_64bits_digest(&f.h);
    run->fingerprint_rc = f.rc;
}

int lp_run_fingerprint(const lp_run *run, uint64_t *out)
{
    if (!run || !out || !run->is_dash) return LP_ERR_ARG;
    *out = run->fingerprint;
    return run->fingerprint_rc;
}
