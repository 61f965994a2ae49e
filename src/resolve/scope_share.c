/* scope_share.c — what loading read (the load record: the locals, variable and mod blocks, the
 * variable files, the environment), kept with a resolution, and a refresh's variables and locals
 * shared from the previous version, or from the index image it was reopened from, when none of it
 * differs (resolve.c loads them again otherwise). */
#include "resolve/resolveInt.h"
#include "base/mem.h"
#include "index/seg.h"

#include <string.h>

#define ENV_HASH_EMPTY 0xcbf29ce484222325ull   /* FNV-1a's offset basis */

static uint64_t env_hash_add(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)s[i]) * 0x100000001b3ull;   /* FNV-1a */
    return h;
}

static uint64_t env_hash_step(uint64_t h, const char *name, const char *value)
{
    h = env_hash_add(h, name, strlen(name) + 1);
    return value ? env_hash_add(h, value, strlen(value) + 1) : env_hash_add(h, "\1", 1);
}

void rs_load_env_note(rs_ctx *c, const char *name, const char *value)
{
    rs_loadrec *l = c->load;
    if (!l) return;
    if (l->nenv == l->capenv) {
        uint32_t cap = l->capenv ? 2 * l->capenv : 64;
        const char **v = ar_alloc(&c->vals, cap * sizeof *v);
        if (!v) {
            c->load = NULL;      /* unknown: the next refresh loads again */
            return;
        }
        if (l->nenv) memcpy(v, l->env, l->nenv * sizeof *v);
        l->env = v;
        l->capenv = cap;
    }
    const char *nm = ar_strndup(&c->vals, name, strlen(name));
    if (!nm) {
        c->load = NULL;
        return;
    }
    l->env[l->nenv++] = nm;
    l->env_hash = env_hash_step(l->env_hash, name, value);
}

/* A live version records what its loading reads (rs_loadrec), and so does
 * one whose image a live workspace may reopen (persist.c keeps it). */
void rs_load_record_begin(rs_ctx *c)
{
    c->load = idx_segments_of(c->ws)->refreshable || idx_opts(c->ws)->index_cache
                  ? ar_zalloc(&c->vals, sizeof *c->load)
                  : NULL;
    if (c->load) {
        c->load->env_hash = ENV_HASH_EMPTY;
        c->load->var_names = 1;   /* (until loading lists them) */
    }
}

/* Loading is done (or shared): the files it parsed and the inputs it read. */
void rs_load_record_end(rs_ctx *c)
{
    rs_loadrec *l = c->load;
    const lp_workspace *ws = c->ws;
    if (!l) return;
    uint32_t n = 0;
    for (uint32_t f = 0; f < idx_tab(ws)->nfiles; f++) n += c->cap && c->cap->file[f];
    l->files = ar_alloc(&c->vals, ((size_t)n + 1) * sizeof *l->files);
    l->inputs = ar_alloc(&c->vals, ((size_t)c->inputs.n + 1) * sizeof *l->inputs);
    if (!l->files || !l->inputs || c->inputs.oom) {
        c->load = NULL;
        return;
    }
    for (uint32_t f = 0; f < idx_tab(ws)->nfiles; f++)
        if (c->cap && c->cap->file[f]) l->files[l->nfiles++] = f;
    for (uint32_t i = 0; i < c->inputs.n; i++) {   /* (the table's arena is compacted at the end) */
        const char *p = c->inputs.v[i].path;
        l->inputs[i] = c->inputs.v[i];
        if (!(l->inputs[i].path = ar_strndup(&c->vals, p, strlen(p)))) {
            c->load = NULL;
            return;
        }
    }
    l->ninputs = c->inputs.n;
}

/* Does file f of ws (its captured blocks `b`) give loading what segment s
 * gave it: the same path, and the same blocks (text and place: diagnostics
 * name lines)?  A file edited outside its locals and variables does. */
static int same_blocks(const lp_workspace *ws, uint32_t f, const cap_block *b, const seg *s)
{
    if (idx_seg(ws, f) == s) return 1;
    if (strcmp(idx_str(ws, idx_tab(ws)->files[f].path), s->path) != 0) return 0;
    if (seg_ready(s) != 0) return 0;   /* (a lazy segment's text is read once checked) */
    return cap_same_pieces(b, s->res.blocks);
}

/* Are ws's mods prev's (the same names, roots and dependency paths)? */
static int same_mods(const lp_workspace *ws, const lp_workspace *prev)
{
    const idx_tables *t = idx_tab(ws), *p = idx_tab(prev);
    if (t->nmods != p->nmods) return 0;
    for (uint32_t m = 0; m < t->nmods; m++)
        if (strcmp(idx_str(ws, t->mods[m].name), idx_str(prev, p->mods[m].name)) != 0 ||
            strcmp(idx_str(ws, t->mods[m].root), idx_str(prev, p->mods[m].root)) != 0 ||
            strcmp(idx_str(ws, t->mods[m].path), idx_str(prev, p->mods[m].path)) != 0)
            return 0;
    return 1;
}

/* Would loading again give what the previous version's loading gave (pl:
 * what that read)?  Yes when the mods are the same, the files whose blocks
 * it parsed are the same segments (same bytes, path and mod) in the same
 * order, none of the inputs it read changed (the previous version's inputs
 * beyond its source files and its listing's; the main mod's directory's
 * variable files named as then), the environment gives
 * the same values, and no local read a resource (whose fields any file may
 * change).  The environment's names are noted in c->load as loading would. */
static int load_same(rs_resolver *r, const rs_loadrec *pl)
{
    rs_ctx *c = &r->ctx;
    const lp_workspace *ws = c->ws, *prev = r->prev;
    if (pl->read_res || !idx_segments_of(prev)->segs || !same_mods(ws, prev)) return 0;
    uint32_t k = 0;
    for (uint32_t f = 0; f < idx_tab(ws)->nfiles; f++) {
        if (!c->cap || !c->cap->file[f]) continue;
        uint32_t g = k < pl->nfiles ? pl->files[k++] : UINT32_MAX;
        /* (a segment not kept: whether that file changed is not known) */
        if (g >= idx_tab(prev)->nfiles || !idx_seg_has(prev, g) ||
            idx_tab(ws)->files[f].mod != idx_tab(prev)->files[g].mod)
            return 0;
        if (idx_seg_same(ws, f, prev, g)) continue;   /* (an image's segment not made: not made now) */
        const seg *ps = idx_seg(prev, g);
        if (!ps || idx_capture_blocks(ws, c->cap, f) != 0 || !same_blocks(ws, f, c->cap->file[f], ps))
            return 0;
    }
    if (k != pl->nfiles) return 0;
    /* the inputs resolution read (variable files, file() targets): one changed or touched, loading
     * again; the listing's (directories, ignore files) reach loading only through the files it lists
     * (above), the mods and the variable files of the main mod's directory, whose names are listed
     * again when one of them changed (a control's file added or deleted does not load again) */
    const inp_table *pin = rs_inputs(prev);
    uint32_t first = idx_tab(prev)->nfiles, res = first + idx_tab(prev)->inputs.n,
             nin = res + (pin ? pin->n : 0);
    int relisted = 0;
    for (uint32_t i = first; i < res; i++) relisted |= r->prev_changed[i] == 1;
    for (uint32_t i = res; i < nin; i++)
        if (r->prev_changed[i] == 1 || r->prev_changed[i] == 2) return 0;
    if (relisted && rs_var_file_names(idx_dir(ws)) != pl->var_names) return 0;
    uint64_t h = ENV_HASH_EMPTY;
    for (uint32_t i = 0; i < pl->nenv; i++) {
        const char *v = c->getenv ? c->getenv(c->getenv_user, pl->env[i]) : getenv(pl->env[i]);
        h = env_hash_step(h, pl->env[i], v);
        rs_load_env_note(c, pl->env[i], v);
    }
    return h == pl->env_hash && c->load;
}

/* The environment loading read, forgotten: loading reads (and notes) it again. */
static void load_env_forget(rs_ctx *c)
{
    if (!c->load) return;
    c->load->nenv = 0;
    c->load->env_hash = ENV_HASH_EMPTY;
}

/* Every mod's variables and locals taken from mods (read-only from here on). */
static void share_mods(rs_ctx *c, const rs_mod *mods)
{
    for (uint32_t m = 0; m < c->nmods; m++) {
        rs_mod *d = &c->mods[m];
        const rs_mod *sm = &mods[m];
        d->vars = sm->vars;
        d->nvars = sm->nvars;
        d->locals = sm->locals;
        d->nlocals = sm->nlocals;
        d->var_obj = sm->var_obj;
        d->loaded = sm->loaded;
    }
    c->scope_shared = 1;
}

/* rs_scope_share from a previous version reopened from its image: what its
 * resolution's loading read and the scope it left, as the image keeps them
 * (rs_part.image_loadrec, image_scope: read now, not at the reopen).  The
 * scope is decoded into this version's values (the next versions share it
 * from there), loading's diagnostics copied; a record that is malformed or
 * that the image lacks (an older writer's) means loading again. */
static int scope_share_image(rs_resolver *r)
{
    rs_ctx *c = &r->ctx;
    const rs_part *pp = idx_resolve_part(r->prev);
    if (!pp->image_loadrec || !pp->image_scope || pp->nrdiags >= RS_MAX_DIAGS) return 0;
    const rs_prep *prep = pp->prep;   /* decoded ahead (rs_prepare_image), or NULL */
    rs_loadrec pl;
    int rc = prep ? prep->load_rc : pp->image_loadrec(r->prev, &pl, &c->ast);
    if (rc != 0) return rc == -2 ? -1 : 0;
    if (prep) pl = prep->load;
    if (!load_same(r, &pl)) {
        load_env_forget(c);
        return 0;
    }
    rs_mod *mods = prep ? prep->mods : NULL;
    uint32_t n = prep ? prep->nmods : 0;
    if ((rc = prep ? 0 : pp->image_scope(r->prev, &c->vals, &mods, &n)) != 0 || n != c->nmods) {
        load_env_forget(c);
        return rc == -2 ? -1 : 0;
    }
    if (prep) rs_prep_hold(r, prep);   /* (the scope is in its store) */
    share_mods(c, mods);
    for (uint32_t i = 0; i < pl.ndiags && i < pp->nrdiags; i++) {
        const lp_diag *from = &pp->rdiags[i];
        lp_diag *d = rs_diag_slot(c);
        if (!d) break;
        *d = *from;   /* (the strings are the image's: copied) */
        d->file = rs_ddup(c, from->file);
        d->summary = rs_ddup(c, from->summary);
        d->detail = rs_ddup(c, from->detail);
    }
    inp_table t = { .v = pl.inputs, .n = pl.ninputs };
    inp_append(&c->inputs, &t);
    return c->oom ? -1 : 1;
}

/* Would loading again give the previous version's scope (load_same)?  Then
 * its variables and locals are shared (the previous stores are referenced,
 * or an image's scope decoded) instead of loaded: what a fresh open's
 * loading would give.  1 shared, 0 not, -1 out of memory. */
int rs_scope_share(rs_resolver *r)
{
    rs_ctx *c = &r->ctx;
    const lp_workspace *prev = r->prev;
    if (!r->prev_changed || !c->load) return 0;
    if (idx_image_part_of(prev)->image) return scope_share_image(r);
    const rs_resolver *pr = idx_resolve_part(prev)->resolver;
    if (!pr || !atomic_load(&((rs_resolver *)pr)->done)) return 0;
    const rs_ctx *pc = &pr->ctx;
    const rs_loadrec *pl = pc->load;
    rs_vstore *ps = pr->store;
    if (!pl || pc->oom || !ps || pc->ndiags >= RS_MAX_DIAGS || c->nmods != pc->nmods) return 0;
    /* carried records and the shared scope keep the older stores: the chain's cut (rs_carry_over) */
    if (ps->chain_bytes - ps->base_bytes > ps->base_bytes / 2 + 256 * 1024) return 0;
    if (!load_same(r, pl)) {
        load_env_forget(c);
        return 0;
    }
    /* share: the arrays and values live in the previous stores, which this one holds */
    share_mods(c, pc->mods);
    atomic_fetch_add_explicit(&ps->refs, 1, memory_order_relaxed);
    r->store->older = ps;
    /* loading's diagnostics (the first ones, keyed 0) and inputs, as it made them */
    for (uint32_t i = 0; i < pc->ndiags && pc->dkeys[i] == 0; i++) {
        lp_diag *d = rs_diag_slot(c);
        if (!d) break;
        *d = pc->diags[i];
    }
    inp_table t = { .v = pl->inputs, .n = pl->ninputs };
    inp_append(&c->inputs, &t);
    return c->oom ? -1 : 1;
}

