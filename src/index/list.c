/* list.c — `powerpipe <kind> list --output json` items (POWERPIPE_BEHAVIOR
 * §5.6, with §13: eager's paths, references as eager writes them).
 *
 * One JSON object per entry, keys sorted: args ({} for controls),
 * auto_generated, children (child_names), description, end_line_number,
 * file_name, is_anonymous, mod_name, path, qualified_name, references
 * (benchmarks), resource_name, source_definition (the block's whole lines),
 * sql (controls, literal), start_line_number, tags (no `mod` added), title,
 * url_path (dashboards); empty optional values are left out.  Items are
 * sorted by qualified name, one per name, of the listed mods only (lp_mod_listed: the main
 * mod and its direct dependencies).
 *
 * Source definitions and references need the file text again: each file is
 * read once (entries are visited in file order) and a benchmark's block is
 * re-parsed to find its `children` attribute.  A file that changed size since
 * the index was built is not trusted: its items get no source definition and
 * no references.
 *
 * Output is streamed (lp_list_json_write): a benchmark's references repeat
 * the attribute's source per reference, so one item can be gigabytes; the
 * buffer goes to the writer whenever it passes FLUSH_AT, inside an item too,
 * and memory stays bounded whatever the output's size.  Items are written in
 * name order; the files they need are read again into a small cache.
 *
 * Paths (eager): a resource whose parents are all in other mods, or that has
 * none, hangs under its mod: [mod.m, name]; every parent adds its own paths
 * extended by the name; a parent already on the chain (a cycle) is not
 * followed.  The number of path steps per item is bounded.
 */
#include "base/json.h"
#include "base/mem.h"
#include "base/srcfile.h"
#include "hcl/hcl_ast.h"
#include "index/index.h"
#include "index/schema.h"

#include <md5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PATH_STEPS (1u << 20)
#define FLUSH_AT (64u * 1024)
#define NFILES 8   /* files kept read: items in name order mostly come a file at a time */

typedef struct lctx {
    const lp_workspace *ws;
    lp_buf *b;
    uint8_t *on_chain;
    uint32_t *chain;
    uint32_t *next;
    uint64_t steps;
    lp_write_fn write;
    void *user;
    int failed;   /* the writer refused: nothing more is written */
} lctx;

/* Hands the buffer to the writer once it is large enough (force: whatever it holds). */
static void flush(lctx *c, int force)
{
    lp_buf *b = c->b;
    if (b->oom || c->failed || (!force && b->len < FLUSH_AT) || b->len == 0) return;
    if (c->write(c->user, b->data, b->len) != 0) c->failed = 1;
    b->len = 0;
}

static void key(lp_buf *b, const char *k, int *first)
{
    if (!*first) lp_buf_putc(b, ',');
    *first = 0;
    lp_json_cstr(b, k);
    lp_buf_putc(b, ':');
}

static int has_own_mod_parent(const lp_workspace *ws, uint32_t id)
{
    uint32_t mod = idx_mod_of(ws, &ws->ix.entries[id]);
    for (uint32_t i = 0; i < idx_nparent(ws, id); i++)
        if (idx_mod_of(ws, &ws->ix.entries[idx_parent(ws, id, i)]) == mod) return 1;
    return 0;
}

/* every chain from `id` up through its parents, printed root first */
static void write_paths(lctx *c, uint32_t id)
{
    const lp_workspace *ws = c->ws;
    lp_buf *b = c->b;
    int first_path = 1;
    uint32_t sp = 0;
    c->chain[sp] = id;
    c->next[sp++] = 0;
    c->on_chain[id] = 1;
    lp_buf_putc(b, '[');
    /* a node starts a path when it hangs under its mod */
    for (int fresh = 1; sp;) {
        uint32_t top = c->chain[sp - 1];
        const idx_entry *e = &ws->ix.entries[top];
        if (fresh) {
            fresh = 0;
            if (!has_own_mod_parent(ws, top) && c->steps < MAX_PATH_STEPS) {
                if (!first_path) lp_buf_putc(b, ',');
                first_path = 0;
                lp_buf_putc(b, '[');
                lp_json_cstr(b, idx_str(ws, ws->ix.mods[idx_mod_of(ws, e)].full_name));
                for (uint32_t k = sp; k-- > 0;) {
                    lp_buf_putc(b, ',');
                    lp_json_cstr(b, idx_str(ws, ws->ix.entries[c->chain[k]].name));
                }
                lp_buf_putc(b, ']');
                c->steps += sp;
                flush(c, 0);
            }
        }
        if (c->next[sp - 1] < idx_nparent(ws, top) && c->steps < MAX_PATH_STEPS) {
            uint32_t p = idx_parent(ws, top, c->next[sp - 1]++);
            if (c->on_chain[p]) continue;
            c->chain[sp] = p;
            c->next[sp++] = 0;
            c->on_chain[p] = 1;
            fresh = 1;
        } else {
            c->on_chain[top] = 0;
            sp--;
        }
    }
    lp_buf_putc(b, ']');
}

/* `children` references of a benchmark, from its block re-parsed. */
static void write_references(lctx *c, uint32_t id, const char *src, size_t len, ar_arena *scratch, int *first)
{
    const lp_workspace *ws = c->ws;
    const idx_entry *e = &ws->ix.entries[id];
    if ((uint64_t)e->byte_offset + e->byte_length > len || e->byte_length == 0) return;
    const char *blk = src + e->byte_offset;
    ar_reset(scratch);
    hcl_file f;
    if (hcl_parse("", blk, e->byte_length, scratch, &f) != 0 || !f.body || f.body->nblocks == 0) return;
    const hcl_body *body = f.body->blocks[0].body;
    const hcl_attr *ch = NULL;
    for (uint32_t i = 0; body && i < body->nattrs; i++)
        if (sch_find(body->attrs[i].name.p, body->attrs[i].name.len) == SCH_CHILDREN) ch = &body->attrs[i];
    if (!ch || !ch->expr || ch->expr->kind != HCL_EXPR_TUPLE || ch->expr->u.tuple.n == 0) return;
    const char *type = idx_kind_names[e->kind];
    const char *name = idx_str(ws, e->name);
    const char *short_name = name + idx_short_offset(ws, e);
    const char *mod = idx_str(ws, ws->ix.mods[idx_mod_of(ws, e)].name);
    const char *file = idx_str(ws, ws->ix.files[e->file].path);
    /* source: from the start of the line holding `children` to the attribute's end */
    size_t a0 = e->byte_offset + ch->range.start, a1 = e->byte_offset + ch->range.end;
    while (a0 > 0 && src[a0 - 1] != '\n') a0--;
    uint32_t l0 = e->start_line + ch->range.line - 1, l1 = e->start_line + ch->range.end_line - 1;
    lp_buf *b = c->b;
    key(b, "references", first);
    lp_buf_putc(b, '[');
    lp_buf hash_in = { 0 };
    /* every reference repeats the whole attribute's source (eager's output
     * grows with the square of the children): escaped once, copied each time */
    lp_buf source = { 0 };
    lp_json_str(&source, src + a0, a1 - a0);
    char from[1024];
    snprintf(from, sizeof from, "%s.%s", type, short_name);
    for (uint32_t i = 0; i < ch->expr->u.tuple.n; i++) {
        const hcl_expr *item = ch->expr->u.tuple.items[i];
        if (!item || item->kind != HCL_EXPR_SCOPE_TRAV) continue;
        hcl_str to = hcl_range_text(&f, item->range);
        hash_in.len = 0;
        lp_buf_puts(&hash_in, "To: ");
        lp_buf_put(&hash_in, to.p, to.len);
        lp_buf_printf(&hash_in, "\nFrom: %s\nBlockType: %s\nBlockName: %s\nAttribute: children", from, type,
                      short_name);
        uint8_t md[MD5_DIGEST_LENGTH];
        char hex[9];
        MD5_CTX mc;
        MD5Init(&mc);
        MD5Update(&mc, (const uint8_t *)(hash_in.data ? hash_in.data : ""), hash_in.len);
        MD5Final(md, &mc);
        snprintf(hex, sizeof hex, "%02x%02x%02x%02x", md[0], md[1], md[2], md[3]);
        if (i) lp_buf_putc(b, ',');
        int f1 = 1;
        lp_buf_putc(b, '{');
        key(b, "auto_generated", &f1);
        js_bool(b, 0);
        key(b, "end_line_number", &f1);
        lp_buf_printf(b, "%u", l1);
        key(b, "file_name", &f1);
        lp_json_cstr(b, file);
        key(b, "from_attribute", &f1);
        lp_json_cstr(b, "children");
        key(b, "from_block_name", &f1);
        lp_json_cstr(b, short_name);
        key(b, "from_block_type", &f1);
        lp_json_cstr(b, type);
        key(b, "is_anonymous", &f1);
        js_bool(b, 0);
        key(b, "mod_name", &f1);
        lp_json_cstr(b, mod);
        key(b, "reference_from", &f1);
        lp_json_cstr(b, from);
        key(b, "reference_to", &f1);
        lp_json_str(b, to.p, to.len);
        key(b, "resource_name", &f1);
        lp_json_cstr(b, hex);
        key(b, "source_definition", &f1);
        if (source.oom) b->oom = 1;
        else lp_buf_put(b, source.data, source.len);
        key(b, "start_line_number", &f1);
        lp_buf_printf(b, "%u", l0);
        lp_buf_putc(b, '}');
        flush(c, 0);
        if (c->failed || b->oom) break;
    }
    lp_buf_free(&source);
    lp_buf_free(&hash_in);
    lp_buf_putc(b, ']');
}

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

/* A string field of the index (schema.h) under its list key, unless empty. */
static void str_field(lp_buf *b, const idx_view *v, sch_id a, int *first)
{
    const char *s = sch_view_str(v, a);
    if (!s[0]) return;
    key(b, sch_attrs[a].list_key, first);
    lp_json_cstr(b, s);
}

static void write_item(lctx *c, uint32_t id, const char *src, size_t len, ar_arena *scratch)
{
    const lp_workspace *ws = c->ws;
    const idx_entry *e = &ws->ix.entries[id];
    lp_buf *b = c->b;
    idx_view v;
    idx_view_get(ws, id, &v);
    const char *name = idx_str(ws, e->name);
    int first = 1;
    lp_buf_putc(b, '{');
    if (e->kind == LP_KIND_CONTROL) {
        key(b, "args", &first);
        lp_buf_puts(b, "{}");
    }
    key(b, "auto_generated", &first);
    js_bool(b, 0);
    if (e->nchild) {
        key(b, sch_attrs[SCH_CHILDREN].list_key, &first);
        lp_buf_putc(b, '[');
        for (uint32_t i = 0; i < e->nchild; i++) {
            if (i) lp_buf_putc(b, ',');
            lp_json_cstr(b, lp_entry_child_name(ws, id, i));
        }
        lp_buf_putc(b, ']');
    }
    str_field(b, &v, SCH_DESCRIPTION, &first);
    if (e->end_line) {
        key(b, "end_line_number", &first);
        lp_buf_printf(b, "%u", e->end_line);
    }
    key(b, "file_name", &first);
    lp_json_cstr(b, idx_str(ws, ws->ix.files[e->file].path));
    key(b, "is_anonymous", &first);
    js_bool(b, (e->flags & IDX_ANONYMOUS) != 0);
    key(b, "mod_name", &first);
    lp_json_cstr(b, idx_str(ws, ws->ix.mods[idx_mod_of(ws, e)].name));
    key(b, "path", &first);
    write_paths(c, id);
    key(b, "qualified_name", &first);
    lp_json_cstr(b, name);
    if (src && idx_kind_is_benchmark(e->kind)) write_references(c, id, src, len, scratch, &first);
    key(b, "resource_name", &first);
    lp_json_cstr(b, name + idx_short_offset(ws, e));
    if (src && e->byte_length && (uint64_t)e->byte_offset + e->byte_length <= len) {
        const char *s = src + e->byte_offset, *t = s + e->byte_length;
        while (s < t && is_space(*s)) s++;
        while (t > s && is_space(t[-1])) t--;
        /* whole lines, as pipe-fittings' getSourceDefinition (a nested block keeps its indent) */
        while (s > src && s[-1] != '\n') s--;
        while (t < src + len && *t != '\n') t++;
        if (t > s) {
            key(b, "source_definition", &first);
            lp_json_str(b, s, (size_t)(t - s));
        }
    }
    if (e->kind == LP_KIND_CONTROL) str_field(b, &v, SCH_SQL, &first);
    if (e->start_line) {
        key(b, "start_line_number", &first);
        lp_buf_printf(b, "%u", e->start_line);
    }
    if (v.tags.n) {
        key(b, sch_attrs[SCH_TAGS].list_key, &first);
        lp_buf_putc(b, '{');
        for (uint32_t i = 0; i < v.tags.n; i++) {
            const char *k, *val;
            lp_tags_at(&v.tags, i, &k, &val);
            if (i) lp_buf_putc(b, ',');
            lp_json_cstr(b, k);
            lp_buf_putc(b, ':');
            lp_json_cstr(b, val);
        }
        lp_buf_putc(b, '}');
    }
    str_field(b, &v, SCH_TITLE, &first);
    if (e->kind == LP_KIND_DASHBOARD) {
        key(b, sch_attrs[SCH_URL_PATH].list_key, &first);
        lp_buf url = { 0 };
        lp_buf_putc(&url, '/');
        lp_buf_puts(&url, name);
        lp_json_str(b, url.data ? url.data : "", url.len);
        if (url.oom) b->oom = 1;
        lp_buf_free(&url);
    }
    lp_buf_putc(b, '}');
}

typedef struct srcslot {
    uint32_t file;   /* UINT32_MAX: empty */
    uint64_t used;
    srcbuf buf;
    const char *src; /* NULL: the file is not the one indexed */
    size_t len;
} srcslot;

/* The text of a file as the index was built from it, or NULL: only the very
 * bytes the index was built from (the content hash, not only the size), so a
 * file changed since gives no source definition rather than one torn from its
 * other version. */
static const char *file_text(const lp_workspace *ws, srcslot *slots, uint64_t *clock, uint32_t file,
                             size_t *len)
{
    srcslot *s = &slots[0];
    for (int i = 0; i < NFILES; i++) {
        if (slots[i].file == file) {
            s = &slots[i];
            goto hit;
        }
        if (slots[i].used < s->used) s = &slots[i];
    }
    s->file = file;
    s->src = NULL;
    srcfile_info info;
    const idx_file *f = &ws->ix.files[file];
    if (srcfile_read(idx_str(ws, f->path), &s->buf, &s->len, &info) == 0 && info.size == f->size &&
        info.hash == f->hash)
        s->src = s->buf.p;
hit:
    s->used = ++*clock;
    *len = s->len;
    return s->src;
}

static int cmp_name(const lp_workspace *ws, uint32_t a, uint32_t b)
{
    return strcmp(idx_str(ws, ws->ix.entries[a].name), idx_str(ws, ws->ix.entries[b].name));
}

/* By name; of one name, a top-level block before a dashboard's own (Powerpipe's walk puts the
 * global inputs last, so theirs is the one its map keeps), then in index order. */
static int cmp_id(const void *a, const void *b, void *arg)
{
    const lp_workspace *ws = arg;
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    int d = cmp_name(ws, x, y);
    if (d) return d;
    int sx = (ws->ix.entries[x].flags & IDX_NESTED) != 0, sy = (ws->ix.entries[y].flags & IDX_NESTED) != 0;
    if (sx != sy) return sx - sy;
    return x < y ? -1 : x > y;
}

int lp_list_json_write(const lp_workspace *ws, lp_kind kind, lp_write_fn write, void *user)
{
    if (!ws || !write || (unsigned)kind >= LP_KIND__COUNT) return LP_ERR_ARG;
    uint32_t n = ws->ix.nentries;
    lp_buf b = { 0 };
    lctx c = { ws, &b, NULL, NULL, NULL, 0, write, user, 0 };
    uint32_t *list = mem_malloc(((size_t)n + 1) * sizeof *list);
    c.on_chain = mem_calloc((size_t)n + 1, 1);
    c.chain = mem_malloc(((size_t)n + 1) * sizeof *c.chain);
    c.next = mem_malloc(((size_t)n + 1) * sizeof *c.next);
    srcslot slots[NFILES];
    memset(slots, 0, sizeof slots);
    for (int i = 0; i < NFILES; i++) slots[i].file = UINT32_MAX;
    uint64_t clock = 0;
    ar_arena scratch;
    ar_init(&scratch, 64 * 1024);
    int rc = LP_ERR_NOMEM;
    uint32_t nl = 0;
    if (!list || !c.on_chain || !c.chain || !c.next) goto done;
    for (uint32_t id = lp_next_of_kind(ws, kind, LP_NO_ENTRY); id != LP_NO_ENTRY;
         id = lp_next_of_kind(ws, kind, id))
        if (lp_mod_listed(ws, idx_mod_of(ws, &ws->ix.entries[id]))) list[nl++] = id;
    if (nl > 1) qsort_r(list, nl, sizeof *list, cmp_id, (void *)ws);
    /* one item per name, as Powerpipe's list (a map keyed by name): an input several dashboards
     * declare under one name */
    uint32_t kept = 0;
    for (uint32_t i = 0; i < nl; i++)
        if (!kept || cmp_name(ws, list[kept - 1], list[i]) != 0) list[kept++] = list[i];
    nl = kept;
    lp_buf_putc(&b, '[');
    for (uint32_t i = 0; i < nl && !b.oom && !c.failed; i++) {
        size_t len = 0;
        const char *src = file_text(ws, slots, &clock, ws->ix.entries[list[i]].file, &len);
        if (i) lp_buf_putc(&b, ',');
        c.steps = 0;
        write_item(&c, list[i], src, len, &scratch);
        flush(&c, 0);
    }
    lp_buf_putc(&b, ']');
    flush(&c, 1);
    rc = b.oom ? LP_ERR_NOMEM : c.failed ? LP_ERR_IO : LP_OK;
done:
    lp_buf_free(&b);
    mem_free(list, ((size_t)n + 1) * sizeof *list);
    mem_free(c.on_chain, (size_t)n + 1);
    mem_free(c.chain, ((size_t)n + 1) * sizeof *c.chain);
    mem_free(c.next, ((size_t)n + 1) * sizeof *c.next);
    for (int i = 0; i < NFILES; i++) srcbuf_free(&slots[i].buf);
    ar_free(&scratch);
    return rc;
}

static int to_buf(void *user, const char *data, size_t len)
{
    lp_buf_put(user, data, len);
    return ((lp_buf *)user)->oom ? -1 : 0;
}

int lp_list_json(const lp_workspace *ws, lp_kind kind, lp_buf *out)
{
    if (!out) return LP_ERR_ARG;
    int rc = lp_list_json_write(ws, kind, to_buf, out);
    return rc == LP_ERR_IO ? LP_ERR_NOMEM : rc;
}
