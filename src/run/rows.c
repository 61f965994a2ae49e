/* rows.c — a statement's rows collected into its node (run.h).
 *
 * While rows arrive the cells are records of (type, offset, length) into one text buffer that
 * grows by doubling, so a row costs no allocation of its own; run_rows_finish turns them into
 * lp_db_cell pointers once the buffer stops moving, and for a control checks Powerpipe's
 * required columns and statuses and puts the rows in its order (error, alarm, info, ok, skip,
 * stable: ControlRun.createdOrderedResultRows).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/mem.h"
#include "run/run.h"

typedef struct run_collect {
    run_cellrec *recs;
    size_t nrecs, cap_recs;
} collect;

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

static int on_columns(void *user, const lp_db_col *cols, uint32_t ncols)
{
    lp_run_node *n = user;
    if (n->cols) return 0;      /* a later statement of the same text: keep the first shape */
    collect *c = mem_calloc(1, sizeof *c);
    lp_db_col *copy = mem_calloc(ncols ? ncols : 1, sizeof *copy);
    if (!c || !copy) goto oom;
    n->coll = c;
    n->cols = copy;
    n->ncols = ncols;
    for (uint32_t i = 0; i < ncols; i++) {
        copy[i].type = cols[i].type;
        copy[i].name = run_strdup(cols[i].name ? cols[i].name : "");
        copy[i].type_name = run_strdup(cols[i].type_name ? cols[i].type_name : "");
        if (!copy[i].name || !copy[i].type_name) return 1;
    }
    return 0;
oom:
    mem_free(c, sizeof *c);
    mem_free(copy, (ncols ? ncols : 1) * sizeof *copy);
    return 1;
}

static size_t put_utf8(char *o, uint32_t c)
{
    if (c < 0x80) { o[0] = (char)c; return 1; }
    if (c < 0x800) { o[0] = (char)(0xC0 | c >> 6); o[1] = (char)(0x80 | (c & 0x3F)); return 2; }
    if (c < 0x10000) {
        o[0] = (char)(0xE0 | c >> 12);
        o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        o[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | c >> 18);
    o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    o[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

static int hex4(const char *s, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (uint32_t)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

/* A JSON document that is one string ("abc") decoded into out (never longer than the
 * document): Powerpipe reads json columns into Go values, so such a cell is a string
 * everywhere (a control's reason, a dimension, csv, json).  Its length, or -1 when the text
 * is not exactly one well-formed JSON string. */
static long json_string_decode(const char *s, size_t len, char *out)
{
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\n')) len--;
    if (len < 2 || s[0] != '"' || s[len - 1] != '"') return -1;
    size_t o = 0;
    for (size_t i = 1; i < len - 1; i++) {
        char c = s[i];
        if (c == '"') return -1;
        if (c != '\\') { out[o++] = c; continue; }
        if (++i >= len - 1) return -1;
        switch (s[i]) {
        case '"': out[o++] = '"'; break;
        case '\\': out[o++] = '\\'; break;
        case '/': out[o++] = '/'; break;
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'n': out[o++] = '\n'; break;
        case 'r': out[o++] = '\r'; break;
        case 't': out[o++] = '\t'; break;
        case 'u': {
            uint32_t c1, c2;
            if (i + 4 >= len - 1 || hex4(s + i + 1, &c1)) return -1;
            i += 4;
            if (c1 >= 0xD800 && c1 < 0xDC00 && i + 6 < len - 1 && s[i + 1] == '\\' && s[i + 2] == 'u' &&
                !hex4(s + i + 3, &c2) && c2 >= 0xDC00 && c2 < 0xE000) {
                c1 = 0x10000 + ((c1 - 0xD800) << 10) + (c2 - 0xDC00);
                i += 6;
            } else if (c1 >= 0xD800 && c1 < 0xE000) {
                c1 = 0xFFFD;
            }
            o += put_utf8(out + o, c1);
            break;
        }
        default: return -1;
        }
    }
    return (long)o;
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

static int on_row(void *user, const lp_db_cell *cells, uint32_t ncols)
{
    lp_run_node *n = user;
    collect *c = coll_of(n);
    if (!c || ncols != n->ncols) return 1;
    size_t bytes = 0;
    for (uint32_t i = 0; i < ncols; i++) bytes += cells[i].text ? cells[i].len + 1 : 0;
    if (grow((void **)&c->recs, &c->cap_recs, c->nrecs + ncols, sizeof *c->recs) ||
        grow((void **)&n->text, &n->text_cap, n->text_len + bytes, 1))
        return 1;
    for (uint32_t i = 0; i < ncols; i++) {
        run_cellrec *r = &c->recs[c->nrecs++];
        r->type = (uint32_t)cells[i].type;
        r->len = cells[i].text ? (uint32_t)cells[i].len : 0;
        r->off = n->text_len;
        long dec;
        if (cells[i].text && cells[i].type == LP_DB_JSON &&
            (dec = json_string_decode(cells[i].text, cells[i].len, n->text + n->text_len)) >= 0) {
            r->type = LP_DB_TEXT;
            r->len = (uint32_t)dec;
            n->text[n->text_len + (size_t)dec] = '\0';
            n->text_len += (size_t)dec + 1;
        } else if (cells[i].text) {
            memcpy(n->text + n->text_len, cells[i].text, cells[i].len);
            n->text[n->text_len + cells[i].len] = '\0';
            n->text_len += cells[i].len + 1;
        } else {
            r->type = LP_DB_NULL;
        }
    }
    n->nrows++;
    return 0;
}

const lp_db_sink run_rows_sink = { NULL, on_columns, on_row };

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

int run_rows_finish(lp_run_node *n, char **why)
{
    collect *c = coll_of(n);
    n->coll = NULL;
    run_cellrec *recs = c ? c->recs : NULL;
    uint32_t nrows = n->nrows;
    int rc = LP_OK;
    n->reason_col = n->resource_col = -1;
    int status_col = -1;
    for (uint32_t i = 0; i < n->ncols; i++) {
        if (strcmp(n->cols[i].name, "reason") == 0 && n->reason_col < 0) n->reason_col = (int)i;
        else if (strcmp(n->cols[i].name, "resource") == 0 && n->resource_col < 0) n->resource_col = (int)i;
        else if (strcmp(n->cols[i].name, "status") == 0 && status_col < 0) status_col = (int)i;
    }
    uint8_t *st = NULL;
    if (n->type == LP_NODE_CONTROL) {
        if (n->reason_col < 0 || n->resource_col < 0 || status_col < 0) {
            const char *miss[3];
            int nm = 0;
            if (n->reason_col < 0) miss[nm++] = "reason";
            if (n->resource_col < 0) miss[nm++] = "resource";
            if (status_col < 0) miss[nm++] = "status";
            *why = run_printf("control result is missing required column%s: [%s%s%s%s%s]", nm > 1 ? "s" : "",
                              miss[0], nm > 1 ? " " : "", nm > 1 ? miss[1] : "", nm > 2 ? " " : "",
                              nm > 2 ? miss[2] : "");
            rc = LP_ERR_DB;
            goto out;
        }
        st = mem_malloc(nrows ? nrows : 1);
        if (!st) { rc = LP_ERR_NOMEM; goto out; }
        for (uint32_t r = 0; r < nrows; r++) {
            const run_cellrec *sc = &recs[(size_t)r * n->ncols + (uint32_t)status_col];
            const char *s = sc->type == LP_DB_NULL ? "" : n->text + sc->off;
            int v = status_of(s, sc->len);
            if (v < 0) {
                *why = run_printf("invalid control status '%s'", s);
                rc = LP_ERR_DB;
                goto out;
            }
            st[r] = (uint8_t)v;
            n->summary[v]++;
        }
    }
    size_t ncells = (size_t)nrows * n->ncols;
    n->cells = mem_malloc((ncells ? ncells : 1) * sizeof *n->cells);
    uint8_t *ordered = st ? mem_malloc(nrows ? nrows : 1) : NULL;
    if (!n->cells || (st && !ordered)) {
        mem_free(ordered, nrows ? nrows : 1);
        rc = LP_ERR_NOMEM;
        goto out;
    }
    uint32_t out_row = 0;
    for (int pass = 0; pass < (st ? 5 : 1); pass++)
        for (uint32_t r = 0; r < nrows; r++) {
            if (st && st[r] != ORDER[pass]) continue;
            for (uint32_t k = 0; k < n->ncols; k++) {
                const run_cellrec *src = &recs[(size_t)r * n->ncols + k];
                lp_db_cell *dst = &n->cells[(size_t)out_row * n->ncols + k];
                dst->type = (lp_db_type)src->type;
                dst->text = src->type == LP_DB_NULL ? NULL : n->text + src->off;
                dst->len = src->len;
            }
            if (st) ordered[out_row] = st[r];
            out_row++;
        }
    n->statuses = ordered;
out:
    mem_free(st, nrows ? nrows : 1);
    if (c) {
        mem_free(c->recs, c->cap_recs * sizeof *c->recs);
        mem_free(c, sizeof *c);
    }
    if (rc == LP_ERR_NOMEM && !*why) *why = run_strdup("out of memory");
    return rc;
}

void run_rows_free(lp_run_node *n)
{
    for (uint32_t i = 0; n->cols && i < n->ncols; i++) {
        if (n->cols[i].name) mem_free((void *)n->cols[i].name, strlen(n->cols[i].name) + 1);
        if (n->cols[i].type_name) mem_free((void *)n->cols[i].type_name, strlen(n->cols[i].type_name) + 1);
    }
    if (n->coll) {
        mem_free(n->coll->recs, n->coll->cap_recs * sizeof *n->coll->recs);
        mem_free(n->coll, sizeof *n->coll);
        n->coll = NULL;
    }
    mem_free(n->cols, (n->ncols ? n->ncols : 1) * sizeof *n->cols);
    size_t ncells = (size_t)n->nrows * n->ncols;
    mem_free(n->cells, (ncells ? ncells : 1) * sizeof *n->cells);
    mem_free(n->statuses, n->nrows ? n->nrows : 1);
    mem_free(n->text, n->text_cap);
    n->cols = NULL;
    n->cells = NULL;
    n->statuses = NULL;
    n->text = NULL;
    n->ncols = n->nrows = 0;
    n->text_len = n->text_cap = 0;
}
