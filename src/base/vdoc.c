/* vdoc.c — documents of typed values (see vdoc.h, lazypipe.h "values"). */
#include "base/vdoc.h"

#include <string.h>

#include "base/mem.h"

/* A node.  While its container is open its children are a linked list
 * (first .. last, through next); closing it makes them the array items. */
struct lp_value {
    uint8_t type;                /* lp_value_type */
    uint8_t is_root;             /* the holder of the arena (vd_root) */
    uint32_t n;                  /* list items or object members */
    const char *key;             /* its key in the object it is in; NULL elsewhere */
    const char *s;               /* string bytes, a number's or bool's text (NUL-terminated) */
    size_t len;
    lp_value **items;
    lp_value *parent, *first, *last, *next;
};

typedef struct vd_root {
    lp_value v;                  /* first: a root lp_value * is its vd_root */
    ar_arena a;
    int used;                    /* the root value has been given */
} vd_root;

static ar_arena *arena_of(vd_builder *b) { return &((vd_root *)b->root)->a; }

int vd_begin(vd_builder *b)
{
    memset(b, 0, sizeof *b);
    vd_root *r = mem_calloc(1, sizeof *r);
    if (!r) return -1;
    ar_init(&r->a, 4096);
    r->v.is_root = 1;
    b->root = &r->v;
    return 0;
}

/* A new value where the builder stands: the root, or the open container's next. */
static lp_value *add(vd_builder *b, lp_value_type type)
{
    if (b->oom || !b->root) return NULL;
    vd_root *r = (vd_root *)b->root;
    lp_value *v;
    if (!b->open) {
        if (r->used) {
            b->oom = 1;   /* a second top-level value */
            return NULL;
        }
        r->used = 1;
        v = b->root;
    } else {
        if (b->open->type == LP_VALUE_OBJECT && !b->key) {
            b->oom = 1;   /* a member without its key */
            return NULL;
        }
        v = ar_zalloc(&r->a, sizeof *v);
        if (!v) {
            b->oom = 1;
            return NULL;
        }
        if (b->open->type == LP_VALUE_OBJECT) v->key = b->key;
        b->key = NULL;
        v->parent = b->open;
        if (b->open->last) b->open->last->next = v;
        else b->open->first = v;
        b->open->last = v;
        b->open->n++;
    }
    v->type = (uint8_t)type;
    return v;
}

void vd_obj(vd_builder *b)
{
    lp_value *v = add(b, LP_VALUE_OBJECT);
    if (v) b->open = v;
}

void vd_list(vd_builder *b)
{
    lp_value *v = add(b, LP_VALUE_LIST);
    if (v) b->open = v;
}

void vd_end(vd_builder *b)
{
    if (b->oom) return;
    lp_value *v = b->open;
    if (!v) {
        b->oom = 1;
        return;
    }
    if (v->n) {
        v->items = ar_alloc(arena_of(b), (size_t)v->n * sizeof *v->items);
        if (!v->items) {
            b->oom = 1;
            return;
        }
        uint32_t i = 0;
        for (lp_value *c = v->first; c; c = c->next) v->items[i++] = c;
    }
    b->open = v->parent;
    b->key = NULL;
}

void vd_key(vd_builder *b, const char *key, size_t len)
{
    if (b->oom) return;
    char *k = ar_strndup(arena_of(b), key, len);
    if (!k) b->oom = 1;
    b->key = k;
}

void vd_key_ref(vd_builder *b, const char *key) { b->key = key; }

static void scalar(vd_builder *b, lp_value_type type, const char *s, size_t len, int copy)
{
    lp_value *v = add(b, type);
    if (!v) return;
    if (copy && !(s = ar_strndup(arena_of(b), s ? s : "", len))) {
        b->oom = 1;
        return;
    }
    v->s = s;
    v->len = len;
}

void vd_str(vd_builder *b, const char *s, size_t len) { scalar(b, LP_VALUE_STRING, s, len, 1); }
void vd_str_ref(vd_builder *b, const char *s)
{
    scalar(b, LP_VALUE_STRING, s ? s : "", s ? strlen(s) : 0, 0);
}
void vd_num(vd_builder *b, const char *text, size_t len) { scalar(b, LP_VALUE_NUMBER, text, len, 1); }
void vd_bool(vd_builder *b, int v) { scalar(b, LP_VALUE_BOOL, v ? "true" : "false", v ? 4 : 5, 0); }
void vd_null(vd_builder *b) { add(b, LP_VALUE_NULL); }

lp_value *vd_finish(vd_builder *b)
{
    vd_root *r = (vd_root *)b->root;
    if (!r) return NULL;
    if (b->oom || b->open || !r->used) {
        vd_abort(b);
        return NULL;
    }
    b->root = NULL;
    return &r->v;
}

void vd_abort(vd_builder *b)
{
    lp_value_free(b->root);
    b->root = NULL;
    b->open = NULL;
}

void lp_value_free(lp_value *v)
{
    if (!v || !v->is_root) return;
    vd_root *r = (vd_root *)v;
    ar_free(&r->a);
    mem_free(r, sizeof *r);
}

lp_value_type lp_value_type_of(const lp_value *v) { return v ? (lp_value_type)v->type : LP_VALUE_NULL; }

const char *lp_value_str(const lp_value *v, size_t *len)
{
    lp_value_type t = lp_value_type_of(v);
    int scalar_type = t == LP_VALUE_STRING || t == LP_VALUE_NUMBER || t == LP_VALUE_BOOL;
    if (len) *len = scalar_type ? v->len : 0;
    return scalar_type ? v->s : NULL;
}

uint32_t lp_value_count(const lp_value *v)
{
    return v && (v->type == LP_VALUE_LIST || v->type == LP_VALUE_OBJECT) ? v->n : 0;
}

const lp_value *lp_value_at(const lp_value *v, uint32_t i)
{
    return i < lp_value_count(v) ? v->items[i] : NULL;
}

const char *lp_value_key(const lp_value *v, uint32_t i)
{
    return v && v->type == LP_VALUE_OBJECT && i < v->n ? v->items[i]->key : NULL;
}

const lp_value *lp_value_get(const lp_value *v, const char *key)
{
    if (!v || v->type != LP_VALUE_OBJECT || !key) return NULL;
    for (uint32_t i = 0; i < v->n; i++)
        if (!strcmp(v->items[i]->key, key)) return v->items[i];
    return NULL;
}

void vd_write_json(const lp_value *v, lp_buf *out)
{
    switch (lp_value_type_of(v)) {
    case LP_VALUE_NULL: lp_buf_puts(out, "null"); break;
    case LP_VALUE_BOOL:
    case LP_VALUE_NUMBER: lp_buf_put(out, v->s, v->len); break;
    case LP_VALUE_STRING: lp_json_str(out, v->s, v->len); break;
    case LP_VALUE_LIST:
        lp_buf_putc(out, '[');
        for (uint32_t i = 0; i < v->n; i++) {
            if (i) lp_buf_putc(out, ',');
            vd_write_json(v->items[i], out);
        }
        lp_buf_putc(out, ']');
        break;
    case LP_VALUE_OBJECT:
        lp_buf_putc(out, '{');
        for (uint32_t i = 0; i < v->n; i++) {
            if (i) lp_buf_putc(out, ',');
            lp_json_cstr(out, v->items[i]->key);
            lp_buf_putc(out, ':');
            vd_write_json(v->items[i], out);
        }
        lp_buf_putc(out, '}');
        break;
    }
}
