/* scan.c — one parsed file -> index entries (see scan.h). */
#include "scan.h"

#include <stdio.h>
#include <string.h>

#include "index.h"
#include "lp_alloc.h"
#include "numlit.h"

/* ------------------------------------------------------------ buffers */

/* The buffers live as long as the thread and only grow to the biggest file's
 * needs: start at 256 and grow fourfold, so a build costs a handful of
 * reallocations per thread whatever the number of resources. */
static int vgrow(scan_worker *w, void **p, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need <= *cap) return 0;
    uint32_t n = *cap ? *cap : 256;
    while (n < need) {
        if (n > UINT32_MAX / 4) { w->oom = 1; return -1; }
        n *= 4;
    }
    void *q = lp_realloc(*p, (size_t)*cap * elem, (size_t)n * elem);
    if (!q) { w->oom = 1; return -1; }
    *p = q;
    *cap = n;
    return 0;
}

void scan_worker_init(scan_worker *w, lp_arena *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
}

void scan_worker_free(scan_worker *w)
{
    lp_free(w->entries, (size_t)w->cap_entries * sizeof *w->entries);
    lp_free(w->tags, (size_t)w->cap_tags * sizeof *w->tags);
    lp_free(w->refs, (size_t)w->cap_refs * sizeof *w->refs);
    lp_free(w->diags, (size_t)w->cap_diags * sizeof *w->diags);
    lp_free(w->text, w->cap_text);
    memset(w, 0, sizeof *w);
}

static void text_reset(scan_worker *w) { w->ntext = 0; }

static void text_put_slow(scan_worker *w, const char *s, size_t n)
{
    if (n > UINT32_MAX - w->ntext - 1) { w->oom = 1; return; }
    if (vgrow(w, (void **)&w->text, &w->cap_text, w->ntext + (uint32_t)n + 1, 1) != 0) return;
    if (n) memcpy(w->text + w->ntext, s, n);
    w->ntext += (uint32_t)n;
}

static inline void text_put(scan_worker *w, const char *s, size_t n)
{
    if (n < w->cap_text - w->ntext) {               /* the common case: room for it and a NUL */
        memcpy(w->text + w->ntext, s, n);
        w->ntext += (uint32_t)n;
        return;
    }
    text_put_slow(w, s, n);
}

static void text_puts(scan_worker *w, const char *s) { text_put(w, s, strlen(s)); }

/* Copy into the result arena (NUL-terminated, though users go by length). */
static scan_str keep(scan_worker *w, const char *s, size_t n)
{
    scan_str r = { NULL, 0 };
    char *p = lp_arena_alloc(w->out, n + 1);
    if (!p) { w->oom = 1; return r; }
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    r.p = p;
    r.len = (uint32_t)n;
    return r;
}

static scan_str keep_text(scan_worker *w) { return keep(w, w->text ? w->text : "", w->ntext); }

static const char *keep_cstr(scan_worker *w, const char *s)
{
    if (!s) s = "";
    return keep(w, s, strlen(s)).p;
}

static void add_diag(scan_worker *w, uint32_t sev, hcl_range r, const char *summary, const char *detail)
{
    if (vgrow(w, (void **)&w->diags, &w->cap_diags, w->ndiags + 1, sizeof *w->diags) != 0) return;
    scan_diag *d = &w->diags[w->ndiags++];
    d->severity = sev;
    d->line = r.line;
    d->col = r.col;
    d->end_line = r.end_line;
    d->end_col = r.end_col;
    d->summary = keep_cstr(w, summary);
    d->detail = keep_cstr(w, detail);
}

/* ------------------------------------------------------------ kinds */

static int kind_of(hcl_str type)
{
    for (int k = 0; k < LP_KIND__COUNT; k++) {
        const char *n = idx_kind_names[k];
        if (strlen(n) == type.len && memcmp(n, type.p, type.len) == 0) return k;
    }
    return -1;
}

static int str_is(hcl_str s, const char *lit)
{
    size_t n = strlen(lit);
    return s.len == n && memcmp(s.p, lit, n) == 0;
}

/* Blocks that may sit inside a dashboard or container and become entries. */
static int is_panel_kind(int k)
{
    switch (k) {
    case LP_KIND_CONTAINER: case LP_KIND_CARD: case LP_KIND_CHART: case LP_KIND_FLOW:
    case LP_KIND_GRAPH: case LP_KIND_HIERARCHY: case LP_KIND_IMAGE: case LP_KIND_INPUT:
    case LP_KIND_TABLE: case LP_KIND_TEXT:
        return 1;
    default:
        return 0;
    }
}

/* ------------------------------------------------------------ values */

typedef struct sval {
    scan_str s;       /* value (p NULL when absent) */
    int resolved;     /* the value is final */
    int is_null;      /* a null literal */
} sval;

static void lit_to_text(scan_worker *w, const hcl_expr *e, int *resolved, int *is_null)
{
    char num[512];
    switch (e->u.lit.kind) {
    case HCL_LIT_STRING:
        text_put(w, e->u.lit.text.p, e->u.lit.text.len);
        break;
    case HCL_LIT_NUMBER: {
        int n = lp_numlit_format(e->u.lit.text.p, e->u.lit.text.len, num, sizeof num);
        if (n >= 0) text_put(w, num, (size_t)n);
        else *resolved = 0;       /* left to the evaluator (more digits than we print exactly) */
        break;
    }
    case HCL_LIT_BOOL:
        text_puts(w, e->u.lit.b ? "true" : "false");
        break;
    case HCL_LIT_NULL:
        *is_null = 1;
        break;
    default:
        *resolved = 0;            /* HCL_LIT_UNKNOWN: what a syntax error left */
        break;
    }
}

/* A string-typed attribute value (title, description, tag values...):
 * literal -> its string form; a template -> its literal parts, unresolved
 * unless every part is literal; anything else -> "" unresolved. */
static sval extract_string(scan_worker *w, const hcl_expr *e)
{
    sval v = { { NULL, 0 }, 1, 0 };
    if (!e) return v;
    while (e->kind == HCL_EXPR_PARENS && e->u.parens.inner) e = e->u.parens.inner;
    text_reset(w);
    switch (e->kind) {
    case HCL_EXPR_LITERAL:
        lit_to_text(w, e, &v.resolved, &v.is_null);
        break;
    case HCL_EXPR_TEMPLATE:
        for (uint32_t i = 0; i < e->u.tmpl.n; i++) {
            const hcl_expr *part = e->u.tmpl.parts[i];
            int null = 0;
            if (part && part->kind == HCL_EXPR_LITERAL) lit_to_text(w, part, &v.resolved, &null);
            else v.resolved = 0;
            if (null) v.resolved = 0;   /* null next to text is an evaluation error */
        }
        break;
    case HCL_EXPR_TEMPLATE_WRAP:
        if (e->u.wrap.wrapped && e->u.wrap.wrapped->kind == HCL_EXPR_LITERAL)
            lit_to_text(w, e->u.wrap.wrapped, &v.resolved, &v.is_null);
        else
            v.resolved = 0;
        break;
    default:
        v.resolved = 0;
        break;
    }
    if (v.is_null && v.resolved) return v;   /* null: the attribute counts as unset */
    v.s = keep_text(w);
    return v;
}

/* Names of a static traversal: root then attribute steps (index steps are
 * not names and are skipped).  Returns the count (0: not a traversal). */
#define MAX_PARTS 8
static uint32_t trav_parts(const hcl_expr *e, hcl_str *parts)
{
    if (!e || e->kind != HCL_EXPR_SCOPE_TRAV) return 0;
    uint32_t n = 0;
    parts[n++] = (hcl_str){ e->u.trav.root.p, e->u.trav.root.len };
    for (uint32_t i = 0; i < e->u.trav.n && n < MAX_PARTS; i++)
        if (e->u.trav.steps[i].kind == HCL_STEP_ATTR) parts[n++] = e->u.trav.steps[i].name;
    return n;
}

static void put_joined(scan_worker *w, const hcl_str *parts, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if (i) text_put(w, ".", 1);
        text_put(w, parts[i].p, parts[i].len);
    }
}

/* A reference written `type.name` belongs to the current mod; `mod.type.name`
 * is already qualified and kept as written (§13.6). */
static scan_str qualify(scan_worker *w, const char *mod, const hcl_str *parts, uint32_t n)
{
    text_reset(w);
    if (n == 2) {
        text_puts(w, mod);
        text_put(w, ".", 1);
    }
    put_joined(w, parts, n);
    return keep_text(w);
}

/* ------------------------------------------------------------ tags */

typedef struct tagset {
    uint32_t first;    /* in w->tags */
    int resolved;
} tagset;

static void tag_add(scan_worker *w, scan_str k, scan_str v)
{
    if (vgrow(w, (void **)&w->tags, &w->cap_tags, w->ntags + 1, sizeof *w->tags) != 0) return;
    w->tags[w->ntags][0] = k;
    w->tags[w->ntags][1] = v;
    w->ntags++;
}

/* An object key: a bare name is itself, a literal is its string form, a
 * template keeps its literal parts (unresolved). */
static sval object_key(scan_worker *w, const hcl_expr *k)
{
    sval v = { { NULL, 0 }, 0, 0 };
    if (!k) return v;
    const hcl_expr *inner = k->kind == HCL_EXPR_OBJECT_KEY ? k->u.key.wrapped : k;
    if (!inner) return v;
    if (k->kind == HCL_EXPR_OBJECT_KEY && !k->u.key.force_non_literal &&
        inner->kind == HCL_EXPR_SCOPE_TRAV && inner->u.trav.n == 0) {
        v.s = keep(w, inner->u.trav.root.p, inner->u.trav.root.len);
        v.resolved = 1;
        return v;
    }
    if (inner->kind == HCL_EXPR_SCOPE_TRAV || inner->kind == HCL_EXPR_PARENS) return v;
    return extract_string(w, inner);
}

static void tags_from_object(scan_worker *w, const hcl_expr *obj, tagset *ts)
{
    for (uint32_t i = 0; i < obj->u.object.n; i++) {
        sval k = object_key(w, obj->u.object.items[i].key);
        if (!k.resolved) ts->resolved = 0;
        if (!k.s.p || k.s.len == 0) continue;     /* nothing usable as a key */
        sval v = extract_string(w, obj->u.object.items[i].value);
        if (!v.resolved || v.is_null) ts->resolved = 0;
        if (!v.s.p) v.s = keep(w, "", 0);
        tag_add(w, k.s, v.s);
    }
}

/* Sort this entry's pairs by key (byte order) and keep the last of equal
 * keys, as a later object item overrides an earlier one. */
static void tags_finish(scan_worker *w, uint32_t first)
{
    uint32_t n = w->ntags - first;
    if (n == 0) return;                            /* w->tags may still be NULL */
    scan_str (*t)[2] = w->tags + first;
    for (uint32_t i = 1; i < n; i++) {            /* stable insertion sort: small n */
        scan_str tmp[2] = { t[i][0], t[i][1] };
        uint32_t j = i;
        while (j > 0) {
            scan_str *a = t[j - 1];
            size_t m = a[0].len < tmp[0].len ? a[0].len : tmp[0].len;
            int c = memcmp(a[0].p, tmp[0].p, m);
            if (c < 0 || (c == 0 && a[0].len <= tmp[0].len)) break;
            t[j][0] = t[j - 1][0];
            t[j][1] = t[j - 1][1];
            j--;
        }
        t[j][0] = tmp[0];
        t[j][1] = tmp[1];
    }
    uint32_t out = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (i + 1 < n && t[i][0].len == t[i + 1][0].len &&
            memcmp(t[i][0].p, t[i + 1][0].p, t[i][0].len) == 0)
            continue;                              /* a later equal key wins */
        t[out][0] = t[i][0];
        t[out][1] = t[i][1];
        out++;
    }
    w->ntags = first + out;
}

/* ------------------------------------------------------------ entries */

static int32_t new_entry(scan_worker *w)
{
    if (vgrow(w, (void **)&w->entries, &w->cap_entries, w->nentries + 1, sizeof *w->entries) != 0)
        return -1;
    scan_entry *e = &w->entries[w->nentries];
    memset(e, 0, sizeof *e);
    e->parent = -1;
    return (int32_t)w->nentries++;
}

static void set_str_field(scan_entry *e, scan_str *field, sval v, unsigned bit)
{
    if (v.s.p && !v.is_null) *field = v.s;
    if (!v.resolved) e->unresolved |= (uint16_t)bit;
}

static void extract_width(scan_entry *e, const hcl_expr *x)
{
    int32_t v;
    if (x->kind == HCL_EXPR_LITERAL && x->u.lit.kind == HCL_LIT_NUMBER &&
        lp_numlit_int32(x->u.lit.text.p, x->u.lit.text.len, &v) == 0) {
        e->width = v;
        e->flags |= IDX_HAS_WIDTH;
    } else if (x->kind == HCL_EXPR_LITERAL && x->u.lit.kind == HCL_LIT_NULL) {
        /* null: unset */
    } else {
        /* strings ("4") convert at decode time, fractions fail there: the evaluator decides */
        const hcl_expr *s = x;
        if (s->kind == HCL_EXPR_TEMPLATE && s->u.tmpl.n == 1) s = s->u.tmpl.parts[0];
        if (s && s->kind == HCL_EXPR_LITERAL && s->u.lit.kind == HCL_LIT_STRING &&
            lp_numlit_int32(s->u.lit.text.p, s->u.lit.text.len, &v) == 0) {
            e->width = v;
            e->flags |= IDX_HAS_WIDTH;
        } else {
            e->unresolved |= LP_UNRES_WIDTH;
        }
    }
}

/* `category.x` / `dep.category.x` */
static int is_category_ref(const hcl_expr *x)
{
    hcl_str p[MAX_PARTS];
    uint32_t n = trav_parts(x, p);
    return (n == 2 && str_is(p[0], "category")) || (n == 3 && str_is(p[1], "category"));
}

/* `query = query.x` / `dep.query.x`; `sql = query.x.sql` / `dep.query.x.sql`. */
static int query_ref_of(scan_worker *w, const char *mod, const hcl_expr *x, int from_sql, scan_str *out)
{
    hcl_str p[MAX_PARTS];
    uint32_t n = trav_parts(x, p);
    if (from_sql) {
        if (n < 3 || !str_is(p[n - 1], "sql")) return 0;
        n--;
    }
    if (n == 2 && str_is(p[0], "query")) *out = qualify(w, mod, p, 2);
    else if (n == 3 && str_is(p[1], "query")) *out = qualify(w, mod, p, 3);
    else return 0;
    return 1;
}

static void extract_attrs(scan_worker *w, const char *mod, const hcl_body *body, int32_t idx)
{
    scan_entry *e = &w->entries[idx];
    unsigned kind = e->kind;
    int have_query_ref = 0;
    e->tags = w->ntags;
    tagset ts = { w->ntags, 1 };
    for (uint32_t i = 0; i < body->nattrs; i++) {
        const hcl_attr *a = &body->attrs[i];
        const hcl_expr *x = a->expr;
        if (!x) continue;
        e = &w->entries[idx];
        if (str_is(a->name, "title")) {
            set_str_field(e, &e->title, extract_string(w, x), LP_UNRES_TITLE);
        } else if (str_is(a->name, "description")) {
            set_str_field(e, &e->description, extract_string(w, x), LP_UNRES_DESCRIPTION);
        } else if (str_is(a->name, "category")) {
            /* `category = category.x` (nodes, edges) names a category resource, which
             * eager decodes as a reference, not a string: nothing to evaluate */
            if (!is_category_ref(x)) set_str_field(e, &e->category, extract_string(w, x), LP_UNRES_CATEGORY);
        } else if (str_is(a->name, "documentation")) {
            set_str_field(e, &e->documentation, extract_string(w, x), LP_UNRES_DOCUMENTATION);
        } else if (str_is(a->name, "display")) {
            set_str_field(e, &e->display, extract_string(w, x), LP_UNRES_DISPLAY);
        } else if (str_is(a->name, "width")) {
            extract_width(e, x);
        } else if (str_is(a->name, "sql")) {
            e->flags |= IDX_HAS_SQL;
            scan_str ref;
            if (query_ref_of(w, mod, x, 1, &ref)) {
                e = &w->entries[idx];
                if (!have_query_ref) e->query_ref = ref;
                have_query_ref = 1;
                e->unresolved |= LP_UNRES_SQL;   /* eager decodes it to the query's sql */
            } else {
                sval v = extract_string(w, x);
                e = &w->entries[idx];
                if (v.resolved && v.s.p && v.s.len) e->sql = v.s;
                if (!v.resolved) e->unresolved |= LP_UNRES_SQL;
            }
        } else if (str_is(a->name, "query")) {
            e->flags |= IDX_HAS_SQL;
            scan_str ref;
            if (query_ref_of(w, mod, x, 0, &ref)) {
                e = &w->entries[idx];
                e->query_ref = ref;    /* the `query` attribute wins over an sql reference */
                have_query_ref = 1;
            } else {
                e->unresolved |= LP_UNRES_QUERY;
            }
        } else if (str_is(a->name, "type") && kind == LP_KIND_BENCHMARK) {
            sval v = extract_string(w, x);
            e = &w->entries[idx];
            if (!v.resolved) e->unresolved |= LP_UNRES_TYPE;
            else if (v.s.p && v.s.len == 9 && memcmp(v.s.p, "detection", 9) == 0) e->flags |= IDX_DETECTION;
        } else if (str_is(a->name, "tags")) {
            e->flags |= IDX_HAS_TAGS;
            ts.first = w->ntags;         /* a later definition would replace, but HCL keeps the first */
            const hcl_expr *t = x;
            while (t->kind == HCL_EXPR_PARENS && t->u.parens.inner) t = t->u.parens.inner;
            if (t->kind == HCL_EXPR_OBJECT) {
                tags_from_object(w, t, &ts);
            } else if (t->kind == HCL_EXPR_CALL) {
                ts.resolved = 0;         /* merge(local.x, {...}): inline objects give partial tags */
                for (uint32_t j = 0; j < t->u.call.n; j++)
                    if (t->u.call.args[j] && t->u.call.args[j]->kind == HCL_EXPR_OBJECT)
                        tags_from_object(w, t->u.call.args[j], &ts);
            } else if (t->kind == HCL_EXPR_LITERAL && t->u.lit.kind == HCL_LIT_NULL) {
                /* null: no tags */
            } else {
                ts.resolved = 0;
            }
        }
    }
    /* A `tags { k = v }` block: unusual (eager expects the attribute), read the same way. */
    for (uint32_t i = 0; i < body->nblocks; i++) {
        const hcl_block *b = &body->blocks[i];
        if (!str_is(b->type, "tags") || b->nlabels || !b->body) continue;
        w->ntags = ts.first;
        ts.resolved = 1;
        w->entries[idx].flags |= IDX_HAS_TAGS;
        for (uint32_t j = 0; j < b->body->nattrs; j++) {
            const hcl_attr *a = &b->body->attrs[j];
            scan_str k = keep(w, a->name.p, a->name.len);
            sval v = extract_string(w, a->expr);
            if (!v.resolved || v.is_null) ts.resolved = 0;
            if (!v.s.p) v.s = keep(w, "", 0);
            tag_add(w, k, v.s);
        }
    }
    tags_finish(w, ts.first);
    e = &w->entries[idx];
    e->tags = ts.first;
    e->ntags = w->ntags - ts.first;
    if (!ts.resolved) e->unresolved |= LP_UNRES_TAGS;
    if (kind == LP_KIND_DETECTION_BENCHMARK) e->flags |= IDX_DETECTION;
}

/* Copy the attributes behind entry idx's unresolved field bits (capture.h). */
static void capture_attrs(scan_worker *w, const hcl_body *body, int32_t idx)
{
    unsigned want = w->entries[idx].unresolved;
    cap_attr **tail = &w->entries[idx].caps;
    for (uint32_t i = 0; i < body->nattrs && !w->oom; i++) {
        const hcl_attr *a = &body->attrs[i];
        if (!a->expr) continue;
        for (size_t f = 0; f < IDX_NEVAL_FIELDS; f++) {
            if (!(want & idx_eval_fields[f].bit) || !str_is(a->name, idx_eval_fields[f].name)) continue;
            cap_attr *c = cap_copy_attr(w->capture, w->file, a);
            if (!c) {
                w->oom = 1;
                return;
            }
            *tail = c;
            tail = &c->next;
            break;
        }
    }
}

static void capture_block(scan_worker *w, const hcl_block *b)
{
    cap_block *c = cap_copy_block(w->capture, w->file, b);
    if (!c) {
        w->oom = 1;
        return;
    }
    *w->blocks_tail = c;
    w->blocks_tail = &c->next;
}

static int32_t make_entry(scan_worker *w, const char *mod, const hcl_block *b, unsigned kind,
                          scan_str short_name, int32_t parent, unsigned flags)
{
    int32_t idx = new_entry(w);
    if (idx < 0) return -1;
    text_reset(w);
    text_puts(w, mod);
    text_put(w, ".", 1);
    text_puts(w, idx_kind_name_types[kind]);
    text_put(w, ".", 1);
    text_put(w, short_name.p, short_name.len);
    scan_str name = keep_text(w);
    scan_entry *e = &w->entries[idx];
    e->kind = (uint8_t)kind;
    e->flags = (uint8_t)flags;
    e->name = name;
    e->parent = parent;
    e->start_line = b->range.line;
    e->start_col = b->range.col;
    e->end_line = b->range.end_line;
    e->byte_offset = b->range.start;
    e->byte_length = b->range.end - b->range.start;
    if (b->body) extract_attrs(w, mod, b->body, idx);
    else w->entries[idx].tags = w->ntags;
    if (w->capture && b->body && w->entries[idx].unresolved) capture_attrs(w, b->body, idx);
    return idx;
}

static void add_ref(scan_worker *w, scan_str name, int32_t local, hcl_range where)
{
    if (vgrow(w, (void **)&w->refs, &w->cap_refs, w->nrefs + 1, sizeof *w->refs) != 0) return;
    scan_ref *r = &w->refs[w->nrefs++];
    r->name = name;
    r->local = local;
    r->line = where.line;
    r->col = where.col;
}

/* `<parent unqualified name>` with '.' -> '_': dashboard.d -> dashboard_d. */
static void put_sanitised(scan_worker *w, const char *s, size_t n)
{
    uint32_t at = w->ntext;
    text_put(w, s, n);
    if (w->oom) return;
    for (uint32_t i = at; i < w->ntext; i++)
        if (w->text[i] == '.') w->text[i] = '_';
}

/* The children of entry idx: its `children` list, then (dashboards and
 * containers) its panel blocks, which become entries themselves. */
static void fill_refs(scan_worker *w, const char *mod, const hcl_block *b, int32_t idx)
{
    const hcl_body *body = b->body;
    w->entries[idx].refs = w->nrefs;
    if (!body) return;
    for (uint32_t i = 0; i < body->nattrs; i++) {
        const hcl_attr *a = &body->attrs[i];
        if (!str_is(a->name, "children") || !a->expr) continue;
        const hcl_expr *x = a->expr;
        if (x->kind != HCL_EXPR_TUPLE) {
            w->entries[idx].unresolved |= LP_UNRES_CHILDREN;
            continue;
        }
        for (uint32_t j = 0; j < x->u.tuple.n; j++) {
            const hcl_expr *item = x->u.tuple.items[j];
            hcl_str p[MAX_PARTS];
            uint32_t n = trav_parts(item, p);
            if (n < 2) {
                add_diag(w, LP_SEV_ERROR, item ? item->range : a->range, "Invalid child",
                         "A child must be a reference to a resource, such as control.my_control.");
                continue;
            }
            add_ref(w, qualify(w, mod, p, n), -1, item->range);
        }
    }
    unsigned kind = w->entries[idx].kind;
    if (kind != LP_KIND_DASHBOARD && kind != LP_KIND_CONTAINER) {
        w->entries[idx].nrefs = w->nrefs - w->entries[idx].refs;
        return;
    }
    /* the parent's unqualified name, for anonymous children */
    scan_str pname = w->entries[idx].name;
    size_t skip = strlen(mod) + 1;
    uint32_t counts[LP_KIND__COUNT] = { 0 };
    uint32_t first_child = w->nentries, nchildren = 0;
    for (uint32_t i = 0; i < body->nblocks; i++) {
        const hcl_block *c = &body->blocks[i];
        int k = kind_of(c->type);
        if (k < 0 || !is_panel_kind(k)) continue;
        uint32_t n = counts[k]++;
        unsigned flags = IDX_NESTED | (k == LP_KIND_INPUT ? IDX_SCOPED : 0);
        scan_str short_name;
        if (c->nlabels > 0) {
            short_name = keep(w, c->labels[0].p, c->labels[0].len);
        } else {
            char num[16];
            int nl = snprintf(num, sizeof num, "%u", n);
            text_reset(w);
            put_sanitised(w, pname.p + skip, pname.len - skip);
            text_puts(w, "_anonymous_");
            text_puts(w, idx_kind_names[k]);
            text_put(w, "_", 1);
            text_put(w, num, (size_t)nl);
            short_name = keep_text(w);
            flags |= IDX_ANONYMOUS;
        }
        if (w->oom) return;
        int32_t child = make_entry(w, mod, c, (unsigned)k, short_name, idx, flags);
        if (child < 0) return;
        add_ref(w, w->entries[child].name, child, c->range);
        nchildren++;
    }
    w->entries[idx].nrefs = w->nrefs - w->entries[idx].refs;
    /* second pass: the children's own references (kept contiguous per entry) */
    uint32_t k2 = 0;
    for (uint32_t i = 0; i < body->nblocks && k2 < nchildren; i++) {
        const hcl_block *c = &body->blocks[i];
        int k = kind_of(c->type);
        if (k < 0 || !is_panel_kind(k)) continue;
        fill_refs(w, mod, c, (int32_t)(first_child + k2));
        k2++;
        if (w->oom) return;
    }
}

/* ------------------------------------------------------------ files */

static void reset(scan_worker *w)
{
    w->nentries = w->ntags = w->nrefs = w->ndiags = 0;
    w->oom = 0;
    w->file = NULL;
    w->blocks = NULL;
    w->blocks_tail = &w->blocks;
}

static int finish(scan_worker *w, scan_result *out)
{
    memset(out, 0, sizeof *out);
    if (w->oom) return -1;
    out->entries = lp_arena_alloc(w->out, (size_t)w->nentries * sizeof *out->entries + 1);
    out->tags = lp_arena_alloc(w->out, (size_t)w->ntags * sizeof *out->tags + 1);
    out->refs = lp_arena_alloc(w->out, (size_t)w->nrefs * sizeof *out->refs + 1);
    out->diags = lp_arena_alloc(w->out, (size_t)w->ndiags * sizeof *out->diags + 1);
    if (!out->entries || !out->tags || !out->refs || !out->diags) return -1;
    if (w->nentries) memcpy(out->entries, w->entries, (size_t)w->nentries * sizeof *out->entries);
    if (w->ntags) memcpy(out->tags, w->tags, (size_t)w->ntags * sizeof *out->tags);
    if (w->nrefs) memcpy(out->refs, w->refs, (size_t)w->nrefs * sizeof *out->refs);
    if (w->ndiags) memcpy(out->diags, w->diags, (size_t)w->ndiags * sizeof *out->diags);
    out->nentries = w->nentries;
    out->ntags = w->ntags;
    out->nrefs = w->nrefs;
    out->ndiags = w->ndiags;
    out->blocks = w->blocks;
    uint64_t bytes = 0;
    uint32_t nstr = 0;
    for (uint32_t i = 0; i < w->nentries; i++) {
        const scan_entry *e = &w->entries[i];
        const scan_str *f[] = { &e->name, &e->title, &e->description, &e->category,
                                &e->documentation, &e->display, &e->sql, &e->query_ref };
        for (size_t j = 0; j < sizeof f / sizeof f[0]; j++)
            if (f[j]->p) { bytes += f[j]->len; nstr++; }
    }
    for (uint32_t i = 0; i < w->ntags; i++) {
        bytes += (uint64_t)w->tags[i][0].len + w->tags[i][1].len;
        nstr += 2;
    }
    for (uint32_t i = 0; i < w->nrefs; i++) {
        bytes += w->refs[i].name.len;
        nstr++;
    }
    for (uint32_t i = 0; i < w->ndiags; i++)
        if (w->diags[i].severity == LP_SEV_ERROR) out->nerrors++;
    out->str_bytes = bytes;
    out->nstr = nstr;
    return 0;
}

int scan_file(scan_worker *w, const hcl_file *f, const char *mod, scan_result *out)
{
    reset(w);
    w->file = f;
    for (uint32_t i = 0; i < f->ndiags; i++)
        add_diag(w, f->diags[i].severity == HCL_DIAG_WARNING ? LP_SEV_WARNING : LP_SEV_ERROR,
                 f->diags[i].range, f->diags[i].summary, f->diags[i].detail);
    const hcl_body *body = f->body;
    for (uint32_t i = 0; body && i < body->nblocks && !w->oom; i++) {
        const hcl_block *b = &body->blocks[i];
        int k = kind_of(b->type);
        if (w->capture && (k == LP_KIND_VARIABLE || (k < 0 && (str_is(b->type, "mod") || str_is(b->type, "locals")))))
            capture_block(w, b);
        if (k < 0) {
            if (str_is(b->type, "mod") || str_is(b->type, "locals")) continue;
            text_reset(w);
            text_puts(w, "Blocks of type \"");
            text_put(w, b->type.p, b->type.len);
            text_puts(w, "\" are not expected here; the block is not indexed.");
            text_put(w, "", 1);
            if (w->oom) break;
            add_diag(w, LP_SEV_ERROR, b->type_range, "Unsupported block type", w->text);
            continue;
        }
        if (b->nlabels == 0) {
            add_diag(w, LP_SEV_ERROR, b->type_range, "Missing name for block",
                     "A top-level block needs a name label; it is not indexed.");
            continue;
        }
        scan_str short_name = keep(w, b->labels[0].p, b->labels[0].len);
        int32_t idx = make_entry(w, mod, b, (unsigned)k, short_name, -1, 0);
        if (idx < 0) break;
        fill_refs(w, mod, b, idx);
    }
    return finish(w, out);
}

int scan_failed(scan_worker *w, uint32_t severity, const char *summary, const char *detail,
                scan_result *out)
{
    reset(w);
    hcl_range none;
    memset(&none, 0, sizeof none);
    add_diag(w, severity, none, summary, detail);
    return finish(w, out);
}

int scan_mod_block(const hcl_file *f, hcl_str *name, hcl_str *title)
{
    const hcl_body *body = f->body;
    for (uint32_t i = 0; body && i < body->nblocks; i++) {
        const hcl_block *b = &body->blocks[i];
        if (!str_is(b->type, "mod") || b->nlabels == 0) continue;
        *name = b->labels[0];
        title->p = NULL;
        title->len = 0;
        for (uint32_t j = 0; b->body && j < b->body->nattrs; j++) {
            const hcl_attr *a = &b->body->attrs[j];
            if (!str_is(a->name, "title") || !a->expr) continue;
            const hcl_expr *x = a->expr;
            if (x->kind == HCL_EXPR_TEMPLATE && x->u.tmpl.n == 1) x = x->u.tmpl.parts[0];
            if (x && x->kind == HCL_EXPR_LITERAL && x->u.lit.kind == HCL_LIT_STRING)
                *title = x->u.lit.text;
        }
        return 1;
    }
    return 0;
}
