/* ordgen.c — see ordgen.h. */
#include "ordgen.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OG_MAX_NODES 24
#define OG_MAX_BENCH 4
#define OG_MAX_ITEMS 16
#define OG_STR 48                /* a string value's room (templates stop growing before it) */

enum { T_STR, T_MAP, T_LIST };

typedef struct og_map {          /* keys unique, in insertion order */
    uint32_t n;
    char k[OG_MAX_ITEMS][16];
    char v[OG_MAX_ITEMS][OG_STR];
} og_map;

typedef struct og_list {         /* control numbers, no repeat */
    uint32_t n;
    uint8_t c[OG_MAX_ITEMS];
} og_list;

/* A local (its type, form and operands: node numbers) or a control (its title's and tags' forms
 * and operands); its value. */
typedef struct og_node {
    uint8_t is_control, type, form, tform, gform;
    uint16_t a, b, ta, ga, num;  /* num: the control's number (ctl_<num>) or the local's */
    char s[OG_STR];              /* a string local's value; a control's title */
    og_map m;                    /* a map local's value; a control's tags */
    og_list l;                   /* a list local's value */
    uint8_t has_tags;
} og_node;

typedef struct og_bench {
    uint8_t cform, gform;
    uint16_t la, cx, ga;
    og_list children;
    og_map tags;
    uint8_t has_tags;
} og_bench;

struct og_model {
    uint32_t n, nb, nlocals, ncontrols;
    og_node nodes[OG_MAX_NODES];
    og_bench bench[OG_MAX_BENCH];
};

/* ------------------------------------------------------------ drawing */

typedef struct draw {
    const uint8_t *p;
    size_t n, at;
} draw;

static uint32_t take(draw *d, uint32_t range)
{
    if (range <= 1) return 0;
    uint32_t v = d->at < d->n ? d->p[d->at++] : 0;
    return v % range;
}

/* A random earlier node (before `before`) that is a local of type t (t < 0: a control), or -1. */
static int pick(const og_model *m, draw *d, uint32_t before, int t)
{
    uint32_t cand[OG_MAX_NODES], nc = 0;
    for (uint32_t i = 0; i < before; i++) {
        const og_node *x = &m->nodes[i];
        if (t < 0 ? x->is_control : (!x->is_control && x->type == t)) cand[nc++] = i;
    }
    return nc ? (int)cand[take(d, nc)] : -1;
}

static int list_has(const og_list *l, uint8_t c)
{
    for (uint32_t i = 0; i < l->n; i++)
        if (l->c[i] == c) return 1;
    return 0;
}

static void map_put(og_map *m, const char *k, const char *v)
{
    for (uint32_t i = 0; i < m->n; i++)
        if (strcmp(m->k[i], k) == 0) {
            snprintf(m->v[i], sizeof m->v[i], "%s", v);
            return;
        }
    if (m->n == OG_MAX_ITEMS) return;
    snprintf(m->k[m->n], sizeof m->k[m->n], "%s", k);
    snprintf(m->v[m->n], sizeof m->v[m->n], "%s", v);
    m->n++;
}

/* Another node's string (a different node: no overlap, which the compiler cannot know). */
static void str_of(char *dst, const char *src, const char *suffix)
{
    size_t n = strlen(src), k = strlen(suffix);
    memcpy(dst, src, n);
    memcpy(dst + n, suffix, k + 1);
}

static void make_str(og_model *m, draw *d, uint32_t i, og_node *x)
{
    int a;
    x->form = (uint8_t)take(d, 5);
    if (x->form == 1 && (a = pick(m, d, i, T_STR)) >= 0 && strlen(m->nodes[a].s) < OG_STR - 8) {
        x->a = (uint16_t)a;
        str_of(x->s, m->nodes[a].s, "+");
    } else if (x->form == 2 && (a = pick(m, d, i, -1)) >= 0) {
        x->a = (uint16_t)a;
        str_of(x->s, m->nodes[a].s, "");
    } else if (x->form == 3) {
        snprintf(x->s, sizeof x->s, "dv");
    } else if (x->form == 4 && (a = pick(m, d, i, T_STR)) >= 0) {
        x->a = (uint16_t)a;
        for (size_t k = 0; m->nodes[a].s[k]; k++)
            x->s[k] = (char)(m->nodes[a].s[k] >= 'a' && m->nodes[a].s[k] <= 'z' ? m->nodes[a].s[k] - 32
                                                                                : m->nodes[a].s[k]);
    } else {
        x->form = 0;
        snprintf(x->s, sizeof x->s, "s%u", i);
    }
}

static void make_map(og_model *m, draw *d, uint32_t i, og_node *x)
{
    int a, b;
    char k[16];
    snprintf(k, sizeof k, "k%u", i);
    x->form = (uint8_t)take(d, 3);
    if (x->form == 1 && (a = pick(m, d, i, T_MAP)) >= 0) {
        b = pick(m, d, i, T_STR);
        x->a = (uint16_t)a;
        x->b = b < 0 ? UINT16_MAX : (uint16_t)b;
        x->m = m->nodes[a].m;
        map_put(&x->m, k, b < 0 ? "x" : m->nodes[b].s);
    } else if (x->form == 2 && (a = pick(m, d, i, T_MAP)) >= 0 && (b = pick(m, d, i, T_MAP)) >= 0) {
        x->a = (uint16_t)a;
        x->b = (uint16_t)b;
        x->m = m->nodes[a].m;    /* var.on is true */
    } else {
        x->form = 0;
        char v[16];
        snprintf(v, sizeof v, "v%u", i);
        map_put(&x->m, k, v);
    }
}

static void make_list(og_model *m, draw *d, uint32_t i, og_node *x)
{
    int a, b;
    x->form = (uint8_t)take(d, 6);
    if (x->form == 4 && (a = pick(m, d, i, -1)) >= 0 && (b = pick(m, d, i, -1)) >= 0 && a != b) {
        /* a map of references: values() in its keys' order */
        x->a = (uint16_t)a;
        x->b = (uint16_t)b;
        x->l.c[x->l.n++] = (uint8_t)m->nodes[a].num;
        x->l.c[x->l.n++] = (uint8_t)m->nodes[b].num;
        return;
    }
    if (x->form == 5 && (a = pick(m, d, i, T_LIST)) >= 0) {
        /* a local of controls inside a map, looked up */
        x->a = (uint16_t)a;
        x->l = m->nodes[a].l;
        return;
    }
    if (x->form >= 4) x->form = 0;
    if (x->form == 1 && (a = pick(m, d, i, T_LIST)) >= 0 && (b = pick(m, d, i, T_LIST)) >= 0) {
        const og_list *la = &m->nodes[a].l, *lb = &m->nodes[b].l;
        int disjoint = la->n + lb->n <= OG_MAX_ITEMS;
        for (uint32_t k = 0; k < lb->n && disjoint; k++) disjoint = !list_has(la, lb->c[k]);
        if (disjoint) {
            x->a = (uint16_t)a;
            x->b = (uint16_t)b;
            x->l = *la;
            for (uint32_t k = 0; k < lb->n; k++) x->l.c[x->l.n++] = lb->c[k];
            return;
        }
        x->form = 2;
    }
    if ((x->form == 2 || x->form == 3) && (a = pick(m, d, i, T_LIST)) >= 0) {
        b = x->form == 3 ? pick(m, d, i, T_LIST) : -1;
        if (x->form == 3 && b < 0) x->form = 2;
        x->a = (uint16_t)a;
        x->b = (uint16_t)b;
        x->l = m->nodes[a].l;
        return;
    }
    x->form = 0;                 /* one or two controls written out (there is one: make_node) */
    a = pick(m, d, i, -1);
    b = pick(m, d, i, -1);
    x->a = (uint16_t)a;
    x->l.c[x->l.n++] = (uint8_t)m->nodes[a].num;
    x->b = UINT16_MAX;
    if (b != a && take(d, 2)) {
        x->b = (uint16_t)b;
        x->l.c[x->l.n++] = (uint8_t)m->nodes[b].num;
    }
}

static void make_control(og_model *m, draw *d, uint32_t i, og_node *x)
{
    int a;
    x->is_control = 1;
    x->num = (uint16_t)m->ncontrols++;
    x->tform = (uint8_t)take(d, 3);
    if (x->tform && (a = pick(m, d, i, T_STR)) >= 0 && strlen(m->nodes[a].s) < OG_STR - 8) {
        x->ta = (uint16_t)a;
        str_of(x->s, m->nodes[a].s, x->tform == 2 ? "!" : "");
    } else {
        x->tform = 0;
        snprintf(x->s, sizeof x->s, "T%u", x->num);
    }
    x->gform = (uint8_t)take(d, 3);
    if (x->gform && (a = pick(m, d, i, T_MAP)) >= 0) {
        x->ga = (uint16_t)a;
        x->m = m->nodes[a].m;
        if (x->gform == 2) map_put(&x->m, "t", "x");
        x->has_tags = 1;
    } else {
        x->gform = 0;
    }
}

static void make_bench(og_model *m, draw *d, og_bench *b)
{
    int a = pick(m, d, m->n, T_LIST);
    b->cform = (uint8_t)take(d, 3);
    if (b->cform < 2 && a >= 0) {
        b->la = (uint16_t)a;
        b->children = m->nodes[a].l;
        int cx = pick(m, d, m->n, -1);
        if (b->cform == 1 && !list_has(&b->children, (uint8_t)m->nodes[cx].num) &&
            b->children.n < OG_MAX_ITEMS) {
            b->cx = (uint16_t)cx;
            b->children.c[b->children.n++] = (uint8_t)m->nodes[cx].num;
        } else {
            b->cform = 0;
        }
    } else {
        b->cform = 2;
        int cx = pick(m, d, m->n, -1);
        b->cx = (uint16_t)cx;
        b->children.c[b->children.n++] = (uint8_t)m->nodes[cx].num;
    }
    b->gform = (uint8_t)take(d, 2);
    if (b->gform && (a = pick(m, d, m->n, T_MAP)) >= 0) {
        b->ga = (uint16_t)a;
        b->tags = m->nodes[a].m;
        b->has_tags = 1;
    } else {
        b->gform = 0;
    }
}

og_model *og_make(const uint8_t *data, size_t n)
{
    og_model *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    draw d = { data, n, 0 };
    m->n = 3 + take(&d, OG_MAX_NODES - 2);
    for (uint32_t i = 0; i < m->n; i++) {
        og_node *x = &m->nodes[i];
        /* the first node is a control: every list of controls has one to name */
        if (i == 0 || take(&d, 3) == 0) {
            make_control(m, &d, i, x);
            continue;
        }
        x->num = (uint16_t)m->nlocals++;
        x->type = (uint8_t)take(&d, 3);
        if (x->type == T_STR) make_str(m, &d, i, x);
        else if (x->type == T_MAP) make_map(m, &d, i, x);
        else make_list(m, &d, i, x);
    }
    m->nb = 1 + take(&d, OG_MAX_BENCH);
    for (uint32_t i = 0; i < m->nb; i++) make_bench(m, &d, &m->bench[i]);
    return m;
}

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

og_model *og_make_seeded(uint64_t seed)
{
    uint8_t bytes[256];
    for (size_t i = 0; i < sizeof bytes; i++) bytes[i] = (uint8_t)splitmix(&seed);
    return og_make(bytes, sizeof bytes);
}

void og_free(og_model *m) { free(m); }

/* ------------------------------------------------------------ writing */

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int k = vsnprintf(b->p ? b->p + b->n : NULL, b->p ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (k < 0) return;
        if (b->p && b->n + (size_t)k < b->cap) {
            b->n += (size_t)k;
            return;
        }
        size_t cap = (b->cap + (size_t)k + 64) * 2;
        char *np = realloc(b->p, cap);
        if (!np) return;
        b->p = np;
        b->cap = cap;
    }
}

/* The local names of a layout: a random prefix (the sort order) and a unique suffix. */
typedef struct names {
    char n[OG_MAX_NODES][24];
} names;

static const char *lname(const og_model *m, const names *nm, uint32_t node)
{
    return nm ? nm->n[m->nodes[node].num] : NULL;
}

/* Local `node`'s expression; nm NULL: the canonical names L<n> (og_describe). */
static void local_expr(const og_model *m, const names *nm, uint32_t i, sbuf *b)
{
    const og_node *x = &m->nodes[i];
    char an[24], bn[24];
    if (nm) {
        snprintf(an, sizeof an, "%s", x->a < m->n ? lname(m, nm, x->a) : "");
        snprintf(bn, sizeof bn, "%s", x->b < m->n ? lname(m, nm, x->b) : "");
    } else {
        snprintf(an, sizeof an, "L%u", x->a < m->n ? m->nodes[x->a].num : 0);
        snprintf(bn, sizeof bn, "L%u", x->b < m->n ? m->nodes[x->b].num : 0);
    }
    if (x->type == T_STR) {
        if (x->form == 0) sb_printf(b, "\"s%u\"", i);
        else if (x->form == 1) sb_printf(b, "\"${local.%s}+\"", an);
        else if (x->form == 2) sb_printf(b, "control.ctl_%u.title", m->nodes[x->a].num);
        else if (x->form == 3) sb_printf(b, "var.v");
        else sb_printf(b, "upper(local.%s)", an);
    } else if (x->type == T_MAP) {
        if (x->form == 0) sb_printf(b, "{ k%u = \"v%u\" }", i, i);
        else if (x->form == 1 && x->b == UINT16_MAX) sb_printf(b, "merge(local.%s, { k%u = \"x\" })", an, i);
        else if (x->form == 1) sb_printf(b, "merge(local.%s, { k%u = local.%s })", an, i, bn);
        else sb_printf(b, "var.on ? local.%s : local.%s", an, bn);
    } else {
        if (x->form == 0 && x->b == UINT16_MAX) sb_printf(b, "[control.ctl_%u]", m->nodes[x->a].num);
        else if (x->form == 0)
            sb_printf(b, "[\n    control.ctl_%u,\n    control.ctl_%u\n  ]", m->nodes[x->a].num,
                      m->nodes[x->b].num);
        else if (x->form == 1) sb_printf(b, "concat(local.%s, local.%s)", an, bn);
        else if (x->form == 2) sb_printf(b, "local.%s", an);
        else if (x->form == 3) sb_printf(b, "var.on ? local.%s : local.%s", an, bn);
        else if (x->form == 4)
            sb_printf(b, "values({ m1 = control.ctl_%u, m0 = control.ctl_%u })", m->nodes[x->b].num,
                      m->nodes[x->a].num);
        else sb_printf(b, "lookup({ g = local.%s, h = [] }, \"g\", [])", an);
    }
}

static void control_block(const og_model *m, const names *nm, uint32_t i, sbuf *b)
{
    const og_node *x = &m->nodes[i];
    sb_printf(b, "control \"ctl_%u\" {\n  sql = \"select 1\"\n", x->num);
    if (x->tform == 0) sb_printf(b, "  title = \"T%u\"\n", x->num);
    else if (x->tform == 1) sb_printf(b, "  title = local.%s\n", lname(m, nm, x->ta));
    else sb_printf(b, "  title = \"${local.%s}!\"\n", lname(m, nm, x->ta));
    if (x->gform == 1) sb_printf(b, "  tags = local.%s\n", lname(m, nm, x->ga));
    else if (x->gform == 2) sb_printf(b, "  tags = merge(local.%s, { t = \"x\" })\n", lname(m, nm, x->ga));
    sb_printf(b, "}\n");
}

static void bench_block(const og_model *m, const names *nm, uint32_t i, sbuf *b)
{
    const og_bench *x = &m->bench[i];
    sb_printf(b, "benchmark \"bench_%u\" {\n  title = \"B%u\"\n", i, i);
    if (x->cform == 0) sb_printf(b, "  children = local.%s\n", lname(m, nm, x->la));
    else if (x->cform == 1)
        sb_printf(b, "  children = concat(local.%s, [control.ctl_%u])\n", lname(m, nm, x->la),
                  m->nodes[x->cx].num);
    else sb_printf(b, "  children = [control.ctl_%u]\n", m->nodes[x->cx].num);
    if (x->gform) sb_printf(b, "  tags = local.%s\n", lname(m, nm, x->ga));
    sb_printf(b, "}\n");
}

static int write_file(const char *dir, const char *rel, const sbuf *b)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    size_t n = b->n ? fwrite(b->p, 1, b->n, f) : 0;
    return fclose(f) == 0 && n == b->n ? 0 : -1;
}

/* Remove dir's .pp files (a layout's), mod.pp included. */
static void clear_pp(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *de;
    char path[1024];
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (l < 3 || strcmp(de->d_name + l - 3, ".pp") != 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        unlink(path);
    }
    closedir(d);
}

int og_write(const og_model *m, const char *dir, uint64_t layout)
{
    uint64_t s = layout;
    names nm;
    for (uint32_t i = 0; i < m->nlocals; i++) {
        char pre[8];
        uint32_t len = 1 + (uint32_t)(splitmix(&s) % 4);
        for (uint32_t k = 0; k < len; k++) pre[k] = (char)('a' + splitmix(&s) % 26);
        pre[len] = 0;
        snprintf(nm.n[i], sizeof nm.n[i], "%s_%u", pre, i);   /* the suffix keeps them apart */
    }
    /* the blocks: variables, locals in groups of one to three, controls, benchmarks */
    enum { B_VARS, B_LOCALS, B_CONTROL, B_BENCH };
    struct blk {
        uint8_t kind;
        uint32_t first, n;
    } blks[OG_MAX_NODES + OG_MAX_BENCH + 1];
    uint32_t nblk = 0;
    blks[nblk++] = (struct blk){ B_VARS, 0, 0 };
    uint32_t locals[OG_MAX_NODES], nl = 0;
    for (uint32_t i = 0; i < m->n; i++) {
        if (m->nodes[i].is_control) blks[nblk++] = (struct blk){ B_CONTROL, i, 1 };
        else locals[nl++] = i;
    }
    for (uint32_t i = nl; i > 1; i--) {   /* the locals shuffled, then grouped */
        uint32_t j = (uint32_t)(splitmix(&s) % i);
        uint32_t t = locals[i - 1];
        locals[i - 1] = locals[j];
        locals[j] = t;
    }
    for (uint32_t i = 0; i < nl;) {
        uint32_t g = 1 + (uint32_t)(splitmix(&s) % 3);
        if (g > nl - i) g = nl - i;
        blks[nblk++] = (struct blk){ B_LOCALS, i, g };
        i += g;
    }
    for (uint32_t i = 0; i < m->nb; i++) blks[nblk++] = (struct blk){ B_BENCH, i, 1 };
    for (uint32_t i = nblk; i > 1; i--) {
        uint32_t j = (uint32_t)(splitmix(&s) % i);
        struct blk t = blks[i - 1];
        blks[i - 1] = blks[j];
        blks[j] = t;
    }
    uint32_t nfiles = 1 + (uint32_t)(splitmix(&s) % 4);
    sbuf files[4] = { { 0 } };
    char fname[4][32];
    snprintf(fname[0], sizeof fname[0], "mod.pp");
    sb_printf(&files[0], "mod \"og\" {\n  title = \"og\"\n}\n\n");
    for (uint32_t f = 1; f < nfiles; f++)
        snprintf(fname[f], sizeof fname[f], "%c%u.pp", (char)('a' + splitmix(&s) % 26), f);
    for (uint32_t k = 0; k < nblk; k++) {
        sbuf *b = &files[splitmix(&s) % nfiles];
        const struct blk *x = &blks[k];
        if (x->kind == B_VARS) {
            sb_printf(b, "variable \"on\" {\n  type    = bool\n  default = true\n}\n\n");
            sb_printf(b, "variable \"v\" {\n  type    = string\n  default = \"dv\"\n}\n\n");
        } else if (x->kind == B_LOCALS) {
            sb_printf(b, "locals {\n");
            for (uint32_t j = 0; j < x->n; j++) {
                uint32_t i = locals[x->first + j];
                sb_printf(b, "  %s = ", lname(m, &nm, i));
                local_expr(m, &nm, i, b);
                sb_printf(b, "\n");
            }
            sb_printf(b, "}\n\n");
        } else if (x->kind == B_CONTROL) {
            control_block(m, &nm, x->first, b);
            sb_printf(b, "\n");
        } else {
            bench_block(m, &nm, x->first, b);
            sb_printf(b, "\n");
        }
    }
    clear_pp(dir);
    int rc = 0;
    for (uint32_t f = 0; f < nfiles; f++) {
        if (!files[f].p) sb_printf(&files[f], "\n");
        if (write_file(dir, fname[f], &files[f]) != 0) rc = -1;
        free(files[f].p);
    }
    return rc;
}

/* ------------------------------------------------------------ checking */

static int fail(char *msg, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, cap, fmt, ap);
    va_end(ap);
    return -1;
}

static int tags_equal(const lp_tags *t, int has, const og_map *want, int want_has, const char *who, char *msg,
                      size_t cap)
{
    if (!want_has) {
        if (t->n) return fail(msg, cap, "%s: %u tags where none are written", who, t->n);
        return 0;
    }
    (void)has;
    if (t->n != want->n) return fail(msg, cap, "%s: %u tags, the model says %u", who, t->n, want->n);
    for (uint32_t i = 0; i < want->n; i++) {
        const char *v = lp_tags_get(t, want->k[i]);
        if (!v || strcmp(v, want->v[i]) != 0)
            return fail(msg, cap, "%s: tag %s = \"%s\", the model says \"%s\"", who, want->k[i],
                        v ? v : "(none)", want->v[i]);
    }
    return 0;
}

static int no_errors(lp_workspace *ws, char *msg, size_t cap)
{
    for (uint32_t i = 0; i < lp_diag_count(ws); i++) {
        const lp_diag *d = lp_diag_at(ws, i);
        if (d->severity == LP_SEV_ERROR)
            return fail(msg, cap, "index error %s:%u:%u: %s; %s", d->file, d->line, d->col, d->summary,
                        d->detail);
    }
    for (uint32_t i = 0; i < lp_resolve_diag_count(ws); i++) {
        const lp_diag *d = lp_resolve_diag_at(ws, i);
        if (d->severity == LP_SEV_ERROR)
            return fail(msg, cap, "resolution error %s:%u:%u: %s; %s", d->file, d->line, d->col, d->summary,
                        d->detail);
    }
    return 0;
}

static int check_bench(const og_model *m, lp_workspace *ws, uint32_t i, char *msg, size_t cap)
{
    const og_bench *x = &m->bench[i];
    char name[64], who[80];
    snprintf(name, sizeof name, "og.benchmark.bench_%u", i);
    snprintf(who, sizeof who, "benchmark bench_%u", i);
    uint32_t id = lp_lookup(ws, name);
    lp_entry_info e;
    if (id == LP_NO_ENTRY || lp_entry_get(ws, id, &e) != LP_OK) return fail(msg, cap, "%s: not found", who);
    if (tags_equal(&e.tags, e.has_tags, &x->tags, x->has_tags, who, msg, cap) != 0) return -1;
    lp_resource *r = NULL;
    lp_error err = { 0 };
    if (lp_load_entry(ws, id, &r, &err) != LP_OK)
        return fail(msg, cap, "%s: not loaded: %s", who, err.message);
    int rc = 0;
    uint32_t nc = lp_resource_child_count(r);
    if (nc != x->children.n)
        rc = fail(msg, cap, "%s: %u children, the model says %u", who, nc, x->children.n);
    for (uint32_t k = 0; k < nc && !rc; k++) {
        char want[64];
        snprintf(want, sizeof want, "og.control.ctl_%u", x->children.c[k]);
        const char *got = lp_resource_name(lp_resource_child(r, k));
        if (strcmp(got, want) != 0)
            rc = fail(msg, cap, "%s: child %u is %s, the model says %s", who, k, got, want);
    }
    lp_resource_release(r);
    return rc;
}

int og_check(const og_model *m, lp_workspace *ws, char *msg, size_t cap)
{
    if (lp_wait_resolved(ws, -1) != LP_OK) return fail(msg, cap, "not resolved");
    if (no_errors(ws, msg, cap) != 0) return -1;
    for (uint32_t i = 0; i < m->n; i++) {
        const og_node *x = &m->nodes[i];
        if (!x->is_control) continue;
        char name[64], who[64];
        snprintf(name, sizeof name, "og.control.ctl_%u", x->num);
        snprintf(who, sizeof who, "control ctl_%u", x->num);
        uint32_t id = lp_lookup(ws, name);
        lp_entry_info e;
        if (id == LP_NO_ENTRY || lp_entry_get(ws, id, &e) != LP_OK)
            return fail(msg, cap, "%s: not found", who);
        if (strcmp(e.title, x->s) != 0)
            return fail(msg, cap, "%s: title \"%s\", the model says \"%s\"", who, e.title, x->s);
        if (tags_equal(&e.tags, e.has_tags, &x->m, x->has_tags, who, msg, cap) != 0) return -1;
    }
    for (uint32_t i = 0; i < m->nb; i++)
        if (check_bench(m, ws, i, msg, cap) != 0) return -1;
    return 0;
}

void og_describe(const og_model *m, char *out, size_t cap)
{
    sbuf b = { 0 };
    for (uint32_t i = 0; i < m->n; i++) {
        const og_node *x = &m->nodes[i];
        if (x->is_control) {
            sb_printf(&b, "ctl_%u: title \"%s\" (form %u)%s\n", x->num, x->s, x->tform,
                      x->has_tags ? " with tags" : "");
            continue;
        }
        sb_printf(&b, "L%u = ", x->num);
        local_expr(m, NULL, i, &b);
        sb_printf(&b, "\n");
    }
    for (uint32_t i = 0; i < m->nb; i++) sb_printf(&b, "bench_%u: %u children\n", i, m->bench[i].children.n);
    snprintf(out, cap, "%s", b.p ? b.p : "");
    free(b.p);
}
