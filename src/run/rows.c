/* rows.c — a statement's rows collected into its node (run.h).
 *
 * While rows arrive the cells are records of (type, offset, length) into the worker's text buffer,
 * kept from leaf to leaf, so a row costs no allocation of its own; run_rows_finish copies them
 * into one block of the node, lp_db_cell pointers into its text, and for a control checks Powerpipe's
 * required columns and statuses and puts the rows in its order (error, alarm, info, ok, skip,
 * stable: ControlRun.createdOrderedResultRows).  The block (run_result) is immutable once made and
 * reference counted: a later run with an equal leaf shares it (run_rows_share, lp_run_opts.reuse).
 */
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <md5.h>

#include "base/json.h"
#include "base/mem.h"
#include "run/run.h"

/* A worker's scratch for the rows of its current leaf, reused from leaf to leaf: the columns' names
 * and the cells' bytes in one text buffer, the cells as offsets into it.  run_rows_finish moves
 * the result into one exact block of the node, so a control's rows cost one allocation kept, not
 * a dozen (columns, names, the buffer's doublings, cells, statuses). */
typedef struct run_colrec {
    uint32_t type;
    size_t name_off, tname_off;
} run_colrec;

typedef struct run_collect {
    run_cellrec *recs;
    size_t nrecs, cap_recs;
    run_colrec *cols;
    size_t cap_cols;
    int have_cols;
    char *text;
    size_t text_len, text_cap;
    uint8_t *st;                    /* a control's statuses in arrival order */
    size_t cap_st;
    lp_db_cell *row;                /* a streamed row as the caller gets it (run_stream_sink) */
    size_t cap_row;
    uint32_t ncols, nrows;          /* of the current leaf so far */
} collect;

/* The block's header, rounded up so what follows it is aligned for any type */
#define RESULT_HEAD ((sizeof(run_result) + _Alignof(max_align_t) - 1) & ~(_Alignof(max_align_t) - 1))

/* Scratch bigger than this is given back after a leaf (one huge result must not stay per worker) */
#define COLLECT_KEEP (1u << 20)

static collect *coll_of(lp_run_node *n) { return n->coll; }
char *run_strdup(const char *s)
{
    size_t len = strlen(s);
    char *p = mem_malloc(len + 1);
    if (p) memcpy(p, s, len + 1);
    return p;
}

char *run_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0) return NULL;
    char *p = mem_malloc((size_t)len + 1);
    if (!p) return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)len + 1, fmt, ap);
    va_end(ap);
    return p;
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return 0;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need) ncap *= 2;
    void *q = mem_realloc(*p, *cap * elem, ncap * elem);
    if (!q) return -1;
    *p = q;
    *cap = ncap;
    return 0;
}

int run_rows_begin(lp_run_node *n, struct run_collect **scratch)
{
    if (!*scratch && !(*scratch = mem_calloc(1, sizeof **scratch))) return LP_ERR_NOMEM;
    collect *c = *scratch;
    c->nrecs = c->text_len = 0;
    c->have_cols = 0;
    c->ncols = c->nrows = 0;
    n->coll = c;
    return LP_OK;
}

void run_collect_free(struct run_collect *c)
{
    if (!c) return;
    mem_free(c->recs, c->cap_recs * sizeof *c->recs);
    mem_free(c->cols, c->cap_cols * sizeof *c->cols);
    mem_free(c->text, c->text_cap);
    mem_free(c->st, c->cap_st);
    mem_free(c->row, c->cap_row * sizeof *c->row);
    mem_free(c, sizeof *c);
}

/* s (len bytes) and a NUL appended to the text buffer; *off: where it starts */
static int put_text(collect *c, const char *s, size_t len, size_t *off)
{
    if (grow((void **)&c->text, &c->text_cap, c->text_len + len + 1, 1)) return -1;
    *off = c->text_len;
    memcpy(c->text + c->text_len, s, len);
    c->text[c->text_len + len] = '\0';
    c->text_len += len + 1;
    return 0;
}

static int on_columns(void *user, const lp_db_col *cols, uint32_t ncols)
{
    lp_run_node *n = user;
    collect *c = coll_of(n);
    if (!c) return 1;
    if (c->have_cols) return 0;     /* a later statement of the same text: keep the first shape */
    if (grow((void **)&c->cols, &c->cap_cols, ncols, sizeof *c->cols)) return 1;
    for (uint32_t i = 0; i < ncols; i++) {
        const char *name = cols[i].name ? cols[i].name : "";
        const char *tname = cols[i].type_name ? cols[i].type_name : "";
        c->cols[i].type = (uint32_t)cols[i].type;
        if (put_text(c, name, strlen(name), &c->cols[i].name_off) ||
            put_text(c, tname, strlen(tname), &c->cols[i].tname_off))
            return 1;
    }
    c->have_cols = 1;
    c->ncols = ncols;
    return 0;
}

/* A JSON document that is one string ("abc") decoded into out (never longer than the
 * document): Powerpipe reads json columns into Go values, so such a cell is a string
 * everywhere (a control's reason, a dimension, csv, json).  Its length, or -1 when the text
 * is not exactly one well-formed JSON string. */
static long json_string_decode(const char *s, size_t len, char *out)
{
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\n')) len--;
    if (!len || s[0] != '"') return -1;   /* (an object or array: the common case, no allocation) */
    lp_buf b = { 0 };
    long n = lp_json_read_str(s, len, &b) == len && !b.oom ? (long)b.len : -1;
    if (n > 0 && memchr(b.data, 0, b.len)) n = -1;   /* kept as JSON: a C string would end at the NUL */
    if (n > 0) memcpy(out, b.data, b.len);
    lp_buf_free(&b);
    return n;
}

static int on_row(void *user, const lp_db_cell *cells, uint32_t ncols)
{
    lp_run_node *n = user;
    collect *c = coll_of(n);
    if (!c || !c->have_cols || ncols != c->ncols) return 1;
    size_t bytes = 0;
    for (uint32_t i = 0; i < ncols; i++) bytes += cells[i].text ? cells[i].len + 1 : 0;
    if (grow((void **)&c->recs, &c->cap_recs, c->nrecs + ncols, sizeof *c->recs) ||
        grow((void **)&c->text, &c->text_cap, c->text_len + bytes, 1))
        return 1;
    for (uint32_t i = 0; i < ncols; i++) {
        run_cellrec *r = &c->recs[c->nrecs++];
        r->type = (uint32_t)cells[i].type;
        r->len = cells[i].text ? (uint32_t)cells[i].len : 0;
        r->off = c->text_len;
        long dec;
        if (cells[i].text && cells[i].type == LP_DB_JSON &&
            (dec = json_string_decode(cells[i].text, cells[i].len, c->text + c->text_len)) >= 0) {
            r->type = LP_DB_TEXT;
            r->len = (uint32_t)dec;
            c->text[c->text_len + (size_t)dec] = '\0';
            c->text_len += (size_t)dec + 1;
        } else if (cells[i].text) {
            memcpy(c->text + c->text_len, cells[i].text, cells[i].len);
            c->text[c->text_len + cells[i].len] = '\0';
            c->text_len += cells[i].len + 1;
        } else {
            r->type = LP_DB_NULL;
        }
    }
    c->nrows++;
    return 0;
}

const lp_db_sink run_rows_sink = { NULL, on_columns, on_row };

/* Streamed rows (lp_run_opts.on_row): the columns are made as run_rows_finish makes them (unique
 * names) and kept in the node; each row goes to the caller as it arrives, a JSON cell that is one
 * string decoded as on_row decodes it (into the scratch's text, reused row after row), every other
 * cell as the driver gave it: no copy. */
static int stream_columns(void *user, const lp_db_col *cols, uint32_t ncols)
{
    lp_run_node *n = user;
    collect *c = coll_of(n);
    if (!c) return 1;
    if (n->rows || c->have_cols) return 0;     /* a later statement of the same text: the first shape */
    if (on_columns(user, cols, ncols)) return 1;
    char *why = NULL;
    if (run_rows_finish(n, &why) != LP_OK) {   /* no rows yet: the columns only */
        mem_free(why, why ? strlen(why) + 1 : 0);
        return 1;
    }
    n->coll = c;                               /* run_rows_finish let go of the scratch */
    const lp_run_opts *o = &n->run->opts;
    return o->on_columns && o->on_columns(o->user, n, n->rows->cols, n->rows->ncols) != 0;
}

static int stream_row(void *user, const lp_db_cell *cells, uint32_t ncols)
{
    lp_run_node *n = user;
    collect *c = coll_of(n);
    if (!c || !n->rows || !n->rows->cols || ncols != n->rows->ncols) return 1;
    if (grow((void **)&c->row, &c->cap_row, ncols ? ncols : 1, sizeof *c->row)) return 1;
    size_t bytes = 0;
    for (uint32_t i = 0; i < ncols; i++)
        if (cells[i].text && cells[i].type == LP_DB_JSON) bytes += cells[i].len + 1;
    if (bytes && grow((void **)&c->text, &c->text_cap, bytes, 1)) return 1;
    size_t at = 0;
    for (uint32_t i = 0; i < ncols; i++) {
        c->row[i] = cells[i];
        if (!cells[i].text) {
            c->row[i] = (lp_db_cell){ LP_DB_NULL, NULL, 0 };
            continue;
        }
        if (cells[i].type != LP_DB_JSON) continue;
        long dec = json_string_decode(cells[i].text, cells[i].len, c->text + at);
        if (dec < 0) continue;
        c->text[at + (size_t)dec] = '\0';
        c->row[i] = (lp_db_cell){ LP_DB_TEXT, c->text + at, (size_t)dec };
        at += (size_t)dec + 1;
    }
    const lp_run_opts *o = &n->run->opts;
    return o->on_row && o->on_row(o->user, n, c->row, ncols) != 0;
}

const lp_db_sink run_stream_sink = { NULL, stream_columns, stream_row };

int run_stream_finish(lp_run_node *n)
{
    collect *c = coll_of(n);
    n->coll = NULL;
    if (!n->rows && c && !c->have_cols) {      /* no statement gave columns (an empty text) */
        char *why = NULL;
        n->coll = c;
        int rc = run_rows_finish(n, &why);
        mem_free(why, why ? strlen(why) + 1 : 0);
        return rc;
    }
    if (c && (c->text_cap > COLLECT_KEEP)) {
        mem_free(c->text, c->text_cap);
        c->text = NULL;
        c->text_cap = 0;
    }
    return LP_OK;
}

static int status_of(const char *s, size_t len)
{
    for (int i = 0; i < LP_RES__COUNT; i++) {
        const char *name = lp_result_status_name((lp_result_status)i);
        if (strlen(name) == len && memcmp(name, s, len) == 0) return i;
    }
    return -1;
}

/* Powerpipe's order of a control's rows: error, alarm, info, ok, skip */
static const int ORDER[] = { LP_RES_ERROR, LP_RES_ALARM, LP_RES_INFO, LP_RES_OK, LP_RES_SKIP };

/* Powerpipe's names for columns of one name (LeafData.ensureUniqueColumnName, pipe-fittings'
 * UniqueNameGenerator): the first keeps it, each later one becomes NAME_XXXX, XXXX the last four
 * base-36 digits of the first 64 bits of md5(NAME + its index) (utils.Base36Hash), and keeps NAME as
 * its original name.  dup[i] is set for the later ones; the count of them is returned, -1 on OOM. */
static int cmp_dup(const void *a, const void *b, void *coll)
{
    const collect *c = coll;
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    int d = strcmp(c->text + c->cols[x].name_off, c->text + c->cols[y].name_off);
    return d ? d : (x > y) - (x < y);
}

static long mark_duplicates(const collect *c, uint32_t ncols, uint8_t *dup, size_t *extra)
{
    *extra = 0;
    if (ncols < 2) return 0;
    uint32_t *order = mem_malloc((size_t)ncols * sizeof *order);
    if (!order) return -1;
    for (uint32_t i = 0; i < ncols; i++) order[i] = i;
    qsort_r(order, ncols, sizeof *order, cmp_dup, (void *)c);
    long n = 0;
    for (uint32_t k = 1; k < ncols; k++) {
        const char *prev = c->text + c->cols[order[k - 1]].name_off;
        const char *name = c->text + c->cols[order[k]].name_off;
        if (strcmp(prev, name) != 0) continue;
        dup[order[k]] = 1;                 /* a later column of the name (ties sort by index) */
        *extra += strlen(name) + 6;        /* NAME "_" XXXX NUL */
        n++;
    }
    mem_free(order, (size_t)ncols * sizeof *order);
    return n;
}

/* NAME_XXXX for the column at index i, written at out; its length */
static size_t unique_name(const char *name, uint32_t index, char *out)
{
    char idx[16];
    int il = snprintf(idx, sizeof idx, "%u", index);
    MD5_CTX ctx;
    uint8_t dg[MD5_DIGEST_LENGTH];
    MD5Init(&ctx);
    MD5Update(&ctx, (const uint8_t *)name, strlen(name));
    MD5Update(&ctx, (const uint8_t *)idx, (size_t)il);
    MD5Final(dg, &ctx);
    uint64_t u = 0;
    for (int i = 0; i < 8; i++) u = u << 8 | dg[i];
    char b36[16];
    int nb = 0;
    do {
        b36[nb++] = "0123456789abcdefghijklmnopqrstuvwxyz"[u % 36];
        u /= 36;
    } while (u);
    while (nb < 4) b36[nb++] = '0';        /* fewer digits: padded with zeros ("%0*s") */
    size_t len = strlen(name);
    memcpy(out, name, len);
    out[len] = '_';
    for (int i = 0; i < 4; i++) out[len + 1 + (size_t)i] = b36[3 - i];   /* the last four, in order */
    out[len + 5] = '\0';
    return len + 5;
}

/* The rows moved from the worker's scratch into one block of the node: columns, cells (in
 * Powerpipe's order), statuses, then the text they point into (and the unique names of repeated
 * columns after it). */
int run_rows_finish(lp_run_node *n, char **why)
{
    collect *c = coll_of(n);
    n->coll = NULL;
    if (!c) return LP_OK;
    uint32_t nrows = c->nrows, ncols = c->ncols;
    int is_control = n->type == LP_NODE_CONTROL;
    int rc = LP_OK;
    uint8_t *dup = NULL;            /* per column: a repeated name, renamed */
    int reason_col = -1, resource_col = -1, status_col = -1;
    /* a control's row takes the last column of each name (NewResultRow assigns them in turn); any
     * other's the first, the one that keeps its name */
    for (uint32_t i = 0; i < ncols; i++) {
        const char *name = c->text + c->cols[i].name_off;
        if (strcmp(name, "reason") == 0 && (reason_col < 0 || is_control)) reason_col = (int)i;
        else if (strcmp(name, "resource") == 0 && (resource_col < 0 || is_control)) resource_col = (int)i;
        else if (strcmp(name, "status") == 0 && (status_col < 0 || is_control)) status_col = (int)i;
    }
    if (is_control) {
        if (reason_col < 0 || resource_col < 0 || status_col < 0) {
            const char *miss[3];
            int nm = 0;
            if (reason_col < 0) miss[nm++] = "reason";
            if (resource_col < 0) miss[nm++] = "resource";
            if (status_col < 0) miss[nm++] = "status";
            *why = run_printf("control result is missing required column%s: [%s%s%s%s%s]", nm > 1 ? "s" : "",
                              miss[0], nm > 1 ? " " : "", nm > 1 ? miss[1] : "", nm > 2 ? " " : "",
                              nm > 2 ? miss[2] : "");
            rc = LP_ERR_DB;
            goto out;
        }
        if (grow((void **)&c->st, &c->cap_st, nrows, 1)) { rc = LP_ERR_NOMEM; goto out; }
        for (uint32_t r = 0; r < nrows; r++) {
            const run_cellrec *sc = &c->recs[(size_t)r * ncols + (uint32_t)status_col];
            const char *s = sc->type == LP_DB_NULL ? "" : c->text + sc->off;
            int v = status_of(s, sc->len);
            if (v < 0) {
                *why = run_printf("invalid control status '%s'", s);
                rc = LP_ERR_DB;
                goto out;
            }
            c->st[r] = (uint8_t)v;
        }
        for (uint32_t r = 0; r < nrows; r++) n->summary[c->st[r]]++;
    }
    size_t ncells = (size_t)nrows * ncols;
    size_t cols_size = (size_t)ncols * sizeof(lp_db_col), cells_size = ncells * sizeof(lp_db_cell);
    size_t st_size = is_control ? nrows : 0;
    size_t extra = 0;
    /* a control keeps its columns as the database named them (NewResultRow reads the raw columns):
     * the renaming is a dashboard leaf's data (NewLeafData) */
    int rename = ncols > 1 && !is_control;
    dup = rename ? mem_calloc(ncols, 1) : NULL;
    if (rename && (!dup || mark_duplicates(c, ncols, dup, &extra) < 0)) { rc = LP_ERR_NOMEM; goto out; }
    size_t size = RESULT_HEAD + cols_size + cells_size + st_size + c->text_len + extra;
    run_result *res = mem_malloc(size);
    if (!res) { rc = LP_ERR_NOMEM; goto out; }
    memset(res, 0, sizeof *res);
    atomic_init(&res->refs, 1);
    res->size = size;
    n->rows = res;
    char *block = (char *)res + RESULT_HEAD;
    char *text = block + cols_size + cells_size + st_size;
    if (c->text_len) memcpy(text, c->text, c->text_len);   /* (a statement with no columns has no text) */
    res->cols = c->have_cols ? (lp_db_col *)(void *)block : NULL;
    char *names = text + c->text_len;
    for (uint32_t i = 0; i < ncols; i++) {
        lp_db_col *col = &res->cols[i];
        col->type = (lp_db_type)c->cols[i].type;
        col->name = text + c->cols[i].name_off;
        col->type_name = text + c->cols[i].tname_off;
        col->original_name = NULL;
        if (dup && dup[i]) {
            col->original_name = col->name;
            col->name = names;
            names += unique_name(col->original_name, i, names) + 1;
        }
    }
    res->cells = (lp_db_cell *)(void *)(block + cols_size);
    res->statuses = is_control ? (uint8_t *)(block + cols_size + cells_size) : NULL;
    uint32_t out_row = 0;
    for (int pass = 0; pass < (is_control ? 5 : 1); pass++)
        for (uint32_t r = 0; r < nrows; r++) {
            if (is_control && c->st[r] != ORDER[pass]) continue;
            for (uint32_t k = 0; k < ncols; k++) {
                const run_cellrec *src = &c->recs[(size_t)r * ncols + k];
                lp_db_cell *dst = &res->cells[(size_t)out_row * ncols + k];
                dst->type = (lp_db_type)src->type;
                dst->text = src->type == LP_DB_NULL ? NULL : text + src->off;
                dst->len = src->len;
            }
            if (is_control) res->statuses[out_row] = c->st[r];
            out_row++;
        }
    res->ncols = ncols;
    res->nrows = nrows;
    res->reason_col = reason_col;
    res->resource_col = resource_col;
    memcpy(res->summary, n->summary, sizeof res->summary);
out:
    mem_free(dup, dup ? ncols : 0);
    if (c->text_cap > COLLECT_KEEP || c->cap_recs * sizeof *c->recs > COLLECT_KEEP) {
        mem_free(c->recs, c->cap_recs * sizeof *c->recs);
        mem_free(c->text, c->text_cap);
        mem_free(c->st, c->cap_st);
        c->recs = NULL;
        c->text = NULL;
        c->st = NULL;
        c->cap_recs = c->text_cap = c->cap_st = 0;
    }
    if (rc == LP_ERR_NOMEM && !*why) *why = run_strdup("out of memory");
    return rc;
}

void run_result_retain(run_result *r)
{
    atomic_fetch_add_explicit(&r->refs, 1, memory_order_relaxed);
}

void run_result_release(run_result *r)
{
    if (!r || atomic_fetch_sub_explicit(&r->refs, 1, memory_order_acq_rel) != 1) return;
    if (r->key) mem_free(r->key, r->key_len + 1);
    mem_free(r, r->size);
}

void run_rows_share(lp_run_node *n, run_result *r)
{
    run_result_retain(r);
    n->rows = r;
    memcpy(n->summary, r->summary, sizeof n->summary);
    n->reused = 1;
}

void run_rows_free(lp_run_node *n)
{
    n->coll = NULL;                 /* the worker's scratch, not the node's */
    run_result_release(n->rows);
    n->rows = NULL;
}
