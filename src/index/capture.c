/* capture.c — pieces of source kept for phase 2, parsed again when needed
 * (see capture.h). */
#include "index/capture.h"
#include "index/build.h"

#include <string.h>

/* Chunks a quarter of what the arena holds (64 KiB at least), not about
 * double as build_alloc's: resolution frees the capture chunk by chunk as it
 * passes (resolve.c), so a chunk must not hold half of it; allocation calls
 * still grow with log(bytes). */
static void *cap_alloc(ar_arena *a, size_t size)
{
    size_t want = a->reserved / 4 < 64u * 1024 ? 64u * 1024 : a->reserved / 4;
    if (want > a->chunk_size) a->chunk_size = want;
    return ar_alloc(a, size);
}

static cap_piece *copy_piece(ar_arena *a, const hcl_file *f, hcl_range r, uint32_t name_len)
{
    if (r.start > r.end || r.end > f->len) return NULL;
    uint32_t n = r.end - r.start;
    cap_piece *p = cap_alloc(a, sizeof *p);
    char *t = cap_alloc(a, (size_t)n + 2);
    if (!p || !t) return NULL;
    memset(p, 0, sizeof *p);     /* its padding too: an image holds these bytes (seg_image_write) */
    memcpy(t, f->src + r.start, n);
    t[n] = '\n';                 /* an attribute ends at a newline (a heredoc's marker too) */
    t[n + 1] = '\0';
    p->text = t;
    p->len = n + 1;
    p->line = r.line;
    p->col = r.col;
    p->name_len = name_len;
    return p;
}

cap_attr *cap_copy_piece(ar_arena *a, const hcl_file *f, hcl_range r, uint32_t name_len, int may_refer)
{
    cap_piece *p = copy_piece(a, f, r, name_len);
    if (p) p->may_refer = (uint32_t)(may_refer != 0);
    return p;
}

cap_attr *cap_copy_attr(ar_arena *a, const hcl_file *f, const hcl_attr *at)
{
    return cap_copy_piece(a, f, at->range, at->name.len, cap_may_refer(at->expr));
}

cap_block *cap_copy_block(ar_arena *a, const hcl_file *f, const hcl_block *b)
{
    return copy_piece(a, f, b->range, 0);
}

int cap_same_pieces(const cap_piece *a, const cap_piece *b)
{
    for (; a && b; a = a->next, b = b->next)
        if (a->len != b->len || a->line != b->line || a->col != b->col || a->name_len != b->name_len ||
            a->may_refer != b->may_refer || memcmp(a->text, b->text, a->len) != 0)
            return 0;
    return !a && !b;
}

/* ------------------------------------------------------------ walking */

/* ------------------------------------------------------------ references */

static int root_is(hcl_str r, const char *lit)
{
    size_t n = strlen(lit);
    return r.len == n && memcmp(r.p, lit, n) == 0;
}

int cap_root_may_refer(hcl_str root) { return !root_is(root, "var") && !root_is(root, "local"); }

typedef struct ref_search {
    int found;
    const hcl_expr *name_key;    /* the bare name of the object key just visited */
} ref_search;

static void find_ref(hcl_expr *e, void *user)
{
    ref_search *r = user;
    if (e->kind == HCL_EXPR_OBJECT_KEY) {
        /* `name = v` in an object: the key is the string "name", not a
         * reference (hclsyntax's ObjectConsKeyExpr); the walk visits it next */
        const hcl_expr *k = e->u.key.wrapped;
        if (k && !e->u.key.force_non_literal && k->kind == HCL_EXPR_SCOPE_TRAV && k->u.trav.n == 0)
            r->name_key = k;
        return;
    }
    if (e->kind != HCL_EXPR_SCOPE_TRAV || e == r->name_key) return;
    if (cap_root_may_refer(e->u.trav.root)) r->found = 1;
}

int cap_may_refer(const hcl_expr *e)
{
    ref_search r = { 0, NULL };
    hcl_expr_walk((hcl_expr *)e, find_ref, &r);   /* find_ref only reads */
    return r.found;
}

/* chunks that hold a whole tree (about ten times its source) and about
 * double what the arena holds: after a reset the next piece fits in what is
 * kept, so allocation calls do not grow with the pieces */
static void chunk_policy(ar_arena *a, const cap_piece *p)
{
    size_t want = a->reserved > (size_t)p->len * 16 ? a->reserved : (size_t)p->len * 16;
    if (want > a->chunk_size) a->chunk_size = want < 32u * 1024 * 1024 ? want : 32u * 1024 * 1024;
}

int cap_parse(const cap_piece *p, const char *name, ar_arena *a, hcl_file *ctx)
{
    return cap_parse_split(p, name, a, a, ctx);
}

int cap_parse_split(const cap_piece *p, const char *name, ar_arena *a, ar_arena *tmp, hcl_file *ctx)
{
    chunk_policy(a, p);
    if (tmp != a) chunk_policy(tmp, p);
    return cap_parse_into(p, name, a, tmp, ctx);
}

int cap_parse_into(const cap_piece *p, const char *name, ar_arena *a, ar_arena *tmp, hcl_file *ctx)
{
    /* positioned where the piece is in its file; byte offsets stay the
     * piece's (ctx.src is the piece) */
    if (hcl_parse_split(name, p->text, p->len, p->line, p->col, a, tmp, ctx) != 0) return -1;
    /* the piece parsed whole in its file, so it parses here too; its syntax
     * errors (if any) were reported by the index */
    const hcl_body *b = ctx->body;
    if (!b || (p->name_len ? b->nattrs < 1 : b->nblocks < 1)) return -1;
    return 0;
}
