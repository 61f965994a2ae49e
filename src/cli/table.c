/* table.c — list tables laid out as Powerpipe's printers do: cells cleaned
 * as its cleanRow does, columns as Go's text/tabwriter with minwidth 1,
 * tabwidth 1, padding 4 and padchar ' ' sets them.  Widths are display
 * columns (utf8proc), so wide characters keep the columns aligned on a
 * terminal. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MAX_CELL_BYTES 100   /* Powerpipe's "tactical column width" */

size_t cli_display_width(const char *s)
{
    size_t w = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
        if (n <= 0) {   /* invalid UTF-8: one column per byte, as a terminal shows a replacement */
            w++;
            p++;
            continue;
        }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
        p += n;
    }
    return w;
}

/* A cell without tab, CR and LF, cut at a character boundary to at most
 * 100 bytes with "…" after it. */
static char *clean_cell(const char *s)
{
    size_t n = strlen(s);
    char *o = malloc(n + 4);
    if (!o) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r') o[k++] = s[i];
    if (k > MAX_CELL_BYTES) {
        k = MAX_CELL_BYTES;
        while (k > 0 && ((unsigned char)o[k] & 0xC0) == 0x80) k--;
        memcpy(o + k, "\xE2\x80\xA6", 3);
        k += 3;
    }
    o[k] = '\0';
    return o;
}

int cli_table_init(cli_table *t, size_t ncols, const char *const *header)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols;
    return cli_table_add(t, header);
}

int cli_table_add(cli_table *t, const char *const *row)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        char **cells = realloc(t->cells, cap * t->ncols * sizeof *cells);
        if (!cells) return -1;
        t->cells = cells;
        t->cap = cap;
    }
    char **r = t->cells + t->nrows * t->ncols;
    for (size_t c = 0; c < t->ncols; c++) {
        if (!(r[c] = clean_cell(row[c]))) {
            while (c > 0) free(r[--c]);
            return -1;
        }
    }
    t->nrows++;
    return 0;
}

void cli_table_sort(cli_table *t, int (*cmp)(const void *a, const void *b))
{
    if (t->nrows > 2) qsort(t->cells + t->ncols, t->nrows - 1, t->ncols * sizeof *t->cells, cmp);
}

void cli_table_render(const cli_table *t, lp_buf *out)
{
    size_t *width = calloc(t->ncols ? t->ncols : 1, sizeof *width);
    if (!width) {
        out->oom = 1;
        return;
    }
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++) {
            size_t w = cli_display_width(t->cells[r * t->ncols + c]) + 4;
            if (w > width[c]) width[c] = w;
        }
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const char *cell = t->cells[r * t->ncols + c];
            lp_buf_puts(out, cell);
            if (c + 1 == t->ncols) break;   /* the last cell is not a column: no padding */
            for (size_t w = cli_display_width(cell); w < width[c]; w++) lp_buf_putc(out, ' ');
        }
        lp_buf_putc(out, '\n');
    }
    free(width);
}

void cli_table_free(cli_table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++) free(t->cells[i]);
    free(t->cells);
    memset(t, 0, sizeof *t);
}
