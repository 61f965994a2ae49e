/* cmd_query_run.c — `lazypipe query run NAME|SQL`: run a query and print its rows as Powerpipe's
 * `query run` does (pipe-fittings querydisplay: table, csv, json, line; snapshot/pps; none).
 *
 * NAME is looked up as Powerpipe looks up a query target (a query, else a control); anything
 * that names no resource is taken as SQL text when it looks like a statement.
 *
 * Streamed: the run hands each row over as it arrives (lp_run_opts.on_row) and every output
 * writes it at once, so memory stays flat whatever the result's size.  csv, json and line go out
 * as they come; stdout holds its first HOLD_BYTES, so a statement that fails before that prints
 * only its error, as Powerpipe's (which holds the whole result) does.  A table needs its columns'
 * widths: its rows go to the CLI's spool (spool.h) as the texts the table shows, widths noted on
 * the way, then are read back.  A snapshot's rows go to the same spool as they came, and the
 * library's snapshot writer reads them back from it (lp_rows_source).  --export files are written by the same
 * writers, alongside. */
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "spool.h"

/* pipe-fittings' constants.MaxColumnWidth: go-pretty wraps a wider cell onto more lines (its
 * WrapText), so neither a header nor a rule is wider than this, whatever the cell */
#define TABLE_WIDTH_MAX 1024
/* stdout keeps this much before writing anything (an early failure prints only its error) */
#define HOLD_BYTES ((size_t)2 << 20)
#define FLUSH_BYTES ((size_t)64 << 10)

/* Whether lp_cell_render's text of the cell is the cell's own (cellfmt.c renders these types and
 * JSON anew): a wide text cell is then used where it is, not copied. */
static int text_as_is(const char *type_name, const lp_db_cell *c)
{
    static const char *const RENDERED[] = { "DATE", "TIMESTAMP", "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE",
                                            "FLOAT4", "FLOAT8", "FLOAT", "DOUBLE", "DECIMAL", "DATETIME",
                                            NULL };
    if (c->type == LP_DB_JSON) return 0;
    for (const char *const *t = RENDERED; *t; t++)
        if (type_name && strcmp(type_name, *t) == 0) return 0;
    return 1;
}

/* A cell of column col as Powerpipe's ColumnValuesAsString gives it (lp_cell_render), with NULL as
 * null_text; in tmp, valid until the next call with it. */
static const char *cell_text(const lp_run_node *n, uint32_t col, const lp_db_cell *c, const char *null_text,
                             lp_buf *tmp)
{
    if (c->type == LP_DB_NULL || !c->text) return null_text;
    if (text_as_is(lp_node_column(n, col)->type_name, c)) return c->text;   /* NUL-terminated */
    tmp->len = 0;
    lp_cell_render(tmp, lp_node_column(n, col)->type_name, c, LP_CELL_TEXT);
    lp_buf_put(tmp, "", 0);
    return tmp->data && !tmp->oom ? tmp->data : c->text;
}

/* A column's name as tables, csv and lines show it: the database's, also for a repeated one
 * (pipe-fittings' querydisplay.columnNames) */
static const char *shown_name(const lp_db_col *c) { return c->original_name ? c->original_name : c->name; }

/* Go's json.Encoder with SetIndent("", " ") and SetEscapeHTML(false): maps sorted by key. */
static int cmp_col(const void *a, const void *b, void *cols)
{
    const lp_run_node *n = cols;
    return strcmp(lp_node_column(n, *(const uint32_t *)a)->name,
                  lp_node_column(n, *(const uint32_t *)b)->name);
}

static void lower_into(lp_buf *b, const char *s)
{
    for (; *s; s++) lp_buf_putc(b, (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s));
}

/* Runes of a string, as Powerpipe's table widths count them. */
static size_t runes_n(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static size_t runes(const char *s) { return runes_n(s, strlen(s)); }

static void pad(lp_buf *b, const char *s, size_t width)
{
    lp_buf_puts(b, s);
    for (size_t w = runes(s); w < width; w++) lp_buf_putc(b, ' ');
}

/* s as a terminal shows it: control, C1 and bidi characters escaped (escape.c) when terminal, the
 * escaped text in esc (valid until its next use). */
static const char *on_screen(const char *s, int terminal, lp_buf *esc)
{
    if (!terminal || cli_terminal_safe(s)) return s;
    esc->len = 0;
    cli_put_terminal(esc, s, strlen(s));
    lp_buf_put(esc, "", 0);
    return esc->data && !esc->oom ? esc->data : "";
}

/* ------------------------------------------------------------------ writers */

/* The column after ordered column k has the same name (a map keeps the last of them) */
static int same_as_next(const lp_run_node *n, const uint32_t *order, uint32_t k, uint32_t nc)
{
    if (k + 1 >= nc) return 0;
    return strcmp(lp_node_column(n, order[k])->name, lp_node_column(n, order[k + 1])->name) == 0;
}

enum { QF_NONE, QF_CSV, QF_JSON, QF_LINE, QF_TABLE, QF_SNAPSHOT };

/* One place the rows go: stdout in the --output format, or an --export file. */
/* pipe-fittings' ExitCodeSnapshotUploadFailed: --snapshot's file could not be written */

typedef struct qwriter {
    int fmt;
    FILE *f;                        /* stdout, or the export file's stream */
    lp_atomic_file *file;           /* an export's: committed whole at the end, or abandoned */
    int is_stdout;
    char path[4200];                /* an export's */
    const cli_opts *o;
    lp_buf out;                     /* written, not yet flushed */
    size_t hold;                    /* nothing reaches f before this much is pending */
    int wrote;                      /* some bytes reached f */
    int failed, err_no;
    int begun;
    uint32_t nc;
    uint32_t *order;                /* json: the columns by name */
    size_t namew;                   /* line: the widest column name */
    size_t *width;                  /* table: each column's width */
    cli_spool *rows;                /* table: the texts shown; snapshot: the rows, for the library */
    uint64_t nrows;
    lp_buf tmp;
    cli_indent indent;              /* snapshot */
    int rows_complete;              /* snapshot: the run completed, its rows are all spooled */
    /* stdout is a terminal: a value from the database must not drive it (ESC and OSC sequences set
     * its title or write the clipboard, bidi controls reorder what is shown), so it is shown
     * escaped, as less and git do (escape.c); piped, every format stays byte-true.  A table escapes
     * each name and cell before its widths; every other format its text as it is flushed. */
    int terminal;
    int snapshot_dir;               /* --snapshot's file in --snapshot-location, not an --export */
    lp_buf esc;
} qwriter;

/* How many bytes at the end of s begin a UTF-8 character that is not all there (0 to 3) */
static size_t utf8_tail(const char *s, size_t len)
{
    for (size_t back = 1; back <= 3 && back <= len; back++) {
        unsigned char c = (unsigned char)s[len - back];
        if ((c & 0xC0) == 0x80) continue;          /* a continuation byte: look further back */
        size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > back ? back : 0;
    }
    return 0;
}

static void qw_flush(qwriter *w, int force)
{
    if (w->out.oom && !w->failed) {
        w->failed = 1;
        w->err_no = ENOMEM;
    }
    if (w->failed) {
        w->out.len = 0;
        return;
    }
    if (!w->out.len || (!force && w->out.len < (w->hold > FLUSH_BYTES ? w->hold : FLUSH_BYTES))) return;
    const char *data = w->out.data;
    size_t len = w->out.len, keep = 0;
    if (w->terminal && w->fmt != QF_TABLE) {
        /* a character cut at the end of this piece waits for the next one, to be escaped whole */
        if (!force) keep = utf8_tail(data, len);
        w->esc.len = 0;
        cli_put_terminal(&w->esc, data, len - keep);
        if (w->esc.oom) {
            w->failed = 1;
            w->err_no = ENOMEM;
            w->out.len = 0;
            return;
        }
        data = w->esc.data;
        len = w->esc.len;
    }
    int bad = len && (w->is_stdout ? cli_write_stdout(data, len) : fwrite(data, 1, len, w->f) != len);
    if (bad) {
        w->failed = 1;
        w->err_no = errno;
    }
    w->wrote = 1;
    w->hold = 0;
    memmove(w->out.data, w->out.data + w->out.len - keep, keep);
    w->out.len = keep;
}

/* n bytes appended in pieces, flushed as they go: a huge cell is not held whole a second time */
static void qw_put(qwriter *w, const char *s, size_t n)
{
    while (n) {
        size_t k = n < FLUSH_BYTES ? n : FLUSH_BYTES;
        lp_buf_put(&w->out, s, k);
        s += k;
        n -= k;
        qw_flush(w, 0);
    }
}

static void put_csv_cell(qwriter *w, const char *s, char sep)
{
    /* Go's encoding/csv: quote when the field has the separator, a quote, CR/LF, or starts with a space */
    int quote = s[0] == ' ' || s[0] == '\t';
    for (const char *p = s; *p && !quote; p++)
        if (*p == sep || *p == '"' || *p == '\n' || *p == '\r') quote = 1;
    if (!quote) {
        qw_put(w, s, strlen(s));
        return;
    }
    lp_buf *b = &w->out;
    lp_buf_putc(b, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"') lp_buf_putc(b, '"');
        lp_buf_putc(b, *p);
        if (b->len >= FLUSH_BYTES) qw_flush(w, 0);
    }
    lp_buf_putc(b, '"');
}

/* After a row went to the spool: a failed spool fails the writer */
static void spooled(qwriter *w)
{
    if (cli_spool_failed(w->rows) && !w->failed) {
        w->failed = 1;
        w->err_no = errno ? errno : ENOMEM;
    }
}

static int qw_begin(qwriter *w, const lp_run_node *n)
{
    const cli_opts *o = w->o;
    w->begun = 1;
    uint32_t nc = w->nc = lp_node_column_count(n);
    lp_buf *b = &w->out;
    char sep = o->separator && *o->separator ? o->separator[0] : ',';
    switch (w->fmt) {
    case QF_CSV:
        if (!o->header) break;
        for (uint32_t i = 0; i < nc; i++) {
            if (i) lp_buf_putc(b, sep);
            put_csv_cell(w, shown_name(lp_node_column(n, i)), sep);
        }
        lp_buf_putc(b, '\n');
        break;
    case QF_SNAPSHOT:
        if (!(w->rows = cli_spool_new())) return -1;
        break;
    case QF_JSON:
        if (!(w->order = calloc(nc ? nc : 1, sizeof *w->order))) return -1;
        for (uint32_t i = 0; i < nc; i++) w->order[i] = i;
        qsort_r(w->order, nc, sizeof *w->order, cmp_col, (void *)n);
        lp_buf_puts(b, "{\n \"columns\": [");
        for (uint32_t i = 0; i < nc; i++) {
            const lp_db_col *c = lp_node_column(n, i);
            lp_buf_puts(b, i ? ",\n  {\n   \"name\": " : "\n  {\n   \"name\": ");
            lp_json_cstr(b, c->name);
            lp_buf_puts(b, ",\n   \"data_type\": \"");
            lower_into(b, c->type_name);
            lp_buf_putc(b, '"');
            if (c->original_name) {     /* a repeated name made unique: the database's (omitempty) */
                lp_buf_puts(b, ",\n   \"original_name\": ");
                lp_json_cstr(b, c->original_name);
            }
            lp_buf_puts(b, "\n  }");
        }
        lp_buf_puts(b, nc ? "\n ],\n \"rows\": [" : "],\n \"rows\": [");
        break;
    case QF_LINE:
        for (uint32_t i = 0; i < nc; i++) {
            size_t r = runes(shown_name(lp_node_column(n, i)));
            if (r > w->namew) w->namew = r;
        }
        break;
    case QF_TABLE:
        if (!(w->width = calloc(nc ? nc : 1, sizeof *w->width)) || !(w->rows = cli_spool_new())) return -1;
        for (uint32_t i = 0; i < nc && o->header; i++) {
            size_t r = runes(on_screen(shown_name(lp_node_column(n, i)), w->terminal, &w->esc));
            w->width[i] = r < TABLE_WIDTH_MAX ? r : TABLE_WIDTH_MAX;
        }
        break;
    default: break;
    }
    qw_flush(w, 0);
    return 0;
}

static void qw_row(qwriter *w, const lp_run_node *n, const lp_db_cell *row)
{
    uint32_t nc = w->nc;
    lp_buf *b = &w->out;
    char sep = w->o->separator && *w->o->separator ? w->o->separator[0] : ',';
    switch (w->fmt) {
    case QF_CSV:
        for (uint32_t i = 0; i < nc; i++) {
            if (i) lp_buf_putc(b, sep);
            put_csv_cell(w, cell_text(n, i, &row[i], "", &w->tmp), sep);
        }
        lp_buf_putc(b, '\n');
        break;
    case QF_JSON: {
        lp_buf_puts(b, w->nrows ? ",\n  {" : "\n  {");
        int first = 1;
        for (uint32_t k = 0; k < nc; k++) {
            uint32_t i = w->order[k];
            /* a repeated column name keeps the last value, as a Go map does */
            if (same_as_next(n, w->order, k, nc)) continue;
            lp_buf_puts(b, first ? "\n   " : ",\n   ");
            first = 0;
            lp_json_cstr(b, lp_node_column(n, i)->name);
            lp_buf_puts(b, ": ");
            lp_cell_render(b, lp_node_column(n, i)->type_name, &row[i], LP_CELL_JSON);
        }
        lp_buf_puts(b, nc ? "\n  }" : "}");
        break;
    }
    case QF_LINE:
        lp_buf_printf(b, "-[ RECORD %-2llu ]", (unsigned long long)w->nrows + 1);
        for (int k = 0; k < 75; k++) lp_buf_putc(b, '-');
        lp_buf_putc(b, '\n');
        for (uint32_t i = 0; i < nc; i++) {
            pad(b, shown_name(lp_node_column(n, i)), w->namew);
            lp_buf_puts(b, " | ");
            const char *t = cell_text(n, i, &row[i], "<null>", &w->tmp);
            qw_put(w, t, strlen(t));
            lp_buf_putc(b, '\n');
        }
        break;
    case QF_TABLE:
        /* the text as the table shows it (up to a NUL, as before): scratch that the next cell's
         * reuses, so spooled at once */
        for (uint32_t i = 0; i < nc; i++) {
            const lp_db_cell *c = &row[i];
            const char *t = on_screen(cell_text(n, i, c, "<null>", &w->tmp), w->terminal, &w->esc);
            size_t len = t == c->text ? strnlen(t, c->len) : strlen(t);
            size_t r = runes_n(t, len);
            if (r > TABLE_WIDTH_MAX) r = TABLE_WIDTH_MAX;
            if (r > w->width[i]) w->width[i] = r;
            cli_spool_put_cell(w->rows, n, c->type, t, len);
        }
        cli_spool_wrote(w->rows, n, 0);
        spooled(w);
        break;
    case QF_SNAPSHOT:
        cli_spool_put_row(w->rows, n, row, nc);
        spooled(w);
        break;
    default: break;
    }
    w->nrows++;
    /* a wide cell's scratch is given back rather than kept for every row after it */
    if (w->tmp.cap > FLUSH_BYTES * 16) lp_buf_free(&w->tmp);
    if (w->esc.cap > FLUSH_BYTES * 16) lp_buf_free(&w->esc);
    qw_flush(w, 0);
}

static void rule(lp_buf *b, const size_t *w, uint32_t nc)
{
    for (uint32_t i = 0; i < nc; i++) {
        lp_buf_putc(b, '+');
        for (size_t k = 0; k < w[i] + 2; k++) lp_buf_putc(b, '-');
    }
    lp_buf_puts(b, "+\n");
}

/* One row of a table, go-pretty's StyleDefault as querydisplay.displayTable renders it: a line
 * break or tab inside a value shown as a space; a cell wider than TABLE_WIDTH_MAX runes wrapped
 * onto lines of that many (go-pretty's WrapText), the other cells blank on those lines.  Written
 * line by line, so a huge cell costs only itself. */
static void table_row(qwriter *w, const char *const *text, const size_t *len)
{
    uint32_t nc = w->nc;
    size_t lines = 1;
    for (uint32_t i = 0; i < nc; i++) {
        size_t r = runes_n(text[i], len[i]);
        size_t l = r ? (r + TABLE_WIDTH_MAX - 1) / TABLE_WIDTH_MAX : 1;
        if (l > lines) lines = l;
    }
    size_t *at = calloc(nc ? nc : 1, sizeof *at);
    if (!at) {
        w->out.oom = 1;
        return;
    }
    lp_buf *b = &w->out;
    for (size_t line = 0; line < lines && !w->failed; line++) {
        for (uint32_t i = 0; i < nc; i++) {
            lp_buf_puts(b, "| ");
            const char *s = text[i];
            size_t p = at[i], r = 0;
            while (p < len[i]) {
                if (((unsigned char)s[p] & 0xC0) != 0x80 && r++ == TABLE_WIDTH_MAX) break;
                char ch = s[p++];
                lp_buf_putc(b, ch == '\n' || ch == '\r' || ch == '\t' ? ' ' : ch);
            }
            if (r > TABLE_WIDTH_MAX) r = TABLE_WIDTH_MAX;
            at[i] = p;
            for (; r < w->width[i]; r++) lp_buf_putc(b, ' ');
            lp_buf_putc(b, ' ');
        }
        lp_buf_puts(b, "|\n");
        qw_flush(w, 0);
    }
    free(at);
}

/* A table's row as table_row takes it: its cells' texts and lengths. */
typedef struct table_line {
    qwriter *w;
    const char **text;
    size_t *len;
} table_line;

/* lp_row_emit_fn: a spooled row of the table, its texts as the table shows them */
static int table_spooled_row(void *user, const lp_db_cell *cells, lp_result_status status)
{
    (void)status;
    table_line *t = user;
    for (uint32_t i = 0; i < t->w->nc; i++) {
        t->text[i] = cells[i].text;
        t->len[i] = cells[i].len;
    }
    table_row(t->w, t->text, t->len);
    return t->w->failed;
}

/* The spooled table, read back a chunk of rows at a time. */
static void table_end(qwriter *w, const lp_run_node *n)
{
    uint32_t nc = w->nc;
    if (!nc) return;
    lp_buf *b = &w->out;
    table_line t = { w, calloc(nc, sizeof *t.text), calloc(nc, sizeof *t.len) };
    char **owned = calloc(nc, sizeof *owned);   /* header names escaped for a terminal */
    if (!t.text || !t.len || !owned) {
        b->oom = 1;
        goto out;
    }
    rule(b, w->width, nc);
    if (w->o->header) {
        for (uint32_t i = 0; i < nc; i++) {
            const char *name = shown_name(lp_node_column(n, i));
            t.text[i] = name;
            if (w->terminal && !cli_terminal_safe(name)) {   /* its own copy: all are read at once */
                lp_buf one = { 0 };
                cli_put_terminal(&one, name, strlen(name));
                lp_buf_put(&one, "", 0);
                if (!(owned[i] = strdup(one.data && !one.oom ? one.data : ""))) b->oom = 1;
                lp_buf_free(&one);
                t.text[i] = owned[i] ? owned[i] : "";
            }
            t.len[i] = strlen(t.text[i]);
        }
        table_row(w, t.text, t.len);
        rule(b, w->width, nc);
    }
    cli_spool_flush_all(w->rows);
    if (w->nrows && cli_spool_each_row(w->rows, n, nc, table_spooled_row, &t) < 0 && !w->failed) {
        w->failed = 1;
        w->err_no = errno ? errno : EIO;
    }
    if (w->nrows || w->o->header) rule(b, w->width, nc);
out:
    for (uint32_t i = 0; owned && i < nc; i++) free(owned[i]);
    free(owned);
    free(t.text);
    free(t.len);
}

/* lp_snapshot_opts.write: the library's snapshot, indented as it comes; an export's as it is
 * (Powerpipe's SnapshotExporter: AsStrippedJson(false), compact) */
static int snapshot_piece(void *user, const char *data, size_t len)
{
    qwriter *w = user;
    if (w->file) lp_buf_put(&w->out, data, len);
    else cli_json_indent_piece(&w->indent, &w->out, data, len);
    qw_flush(w, 0);
    return w->failed;
}

/* lp_rows_source.each_row: the query's rows from the spool (none when the run did not complete: a
 * failed query's snapshot has its error and no rows) */
static int snapshot_rows(void *user, const lp_run_node *n, lp_row_emit_fn emit, void *ctx)
{
    qwriter *w = user;
    if (!w->rows_complete || !w->rows || !cli_spool_has(w->rows, n)) return 0;
    return cli_spool_each_row(w->rows, n, lp_node_column_count(n), emit, ctx);
}

/* The library's snapshot of the run (a streamed query's data would have "rows":[]) written with the
 * spooled rows read back (lp_run_snapshot_write). */
static void snapshot_end(qwriter *w, lp_run *run, int complete)
{
    w->rows_complete = complete;
    if (w->rows) cli_spool_flush_all(w->rows);
    lp_rows_source rows = { .each_row = snapshot_rows, .user = w };
    /* an export's panels stripped (StripSnapshot), --output's whole */
    lp_snapshot_opts so = { .form = LP_SNAPSHOT_SERVER, .rows = &rows, .write = snapshot_piece, .user = w,
                            .strip = w->file != NULL, .title = w->o->flag_values[F_SNAPSHOT_TITLE] };
    int rc = lp_run_snapshot_write(run, &so);
    if (rc != LP_OK && !w->failed) {
        w->failed = 1;
        w->err_no = rc == LP_ERR_NOMEM || !w->rows || !cli_spool_failed(w->rows) ? ENOMEM : EIO;
    }
    if (!w->file) cli_json_indent_end(&w->indent, &w->out);
    lp_buf_putc(&w->out, '\n');
}

/* The end of a writer's document once the run is over (complete: the rows all came). */
static void qw_end(qwriter *w, lp_run *run, const lp_run_node *n, int complete)
{
    if (!w->begun && w->fmt != QF_SNAPSHOT && qw_begin(w, n) != 0) {
        w->failed = 1;
        w->err_no = ENOMEM;
    }
    switch (w->fmt) {
    case QF_JSON: lp_buf_puts(&w->out, w->nrows ? "\n ]\n}\n" : "]\n}\n"); break;
    case QF_TABLE: table_end(w, n); break;
    case QF_SNAPSHOT: snapshot_end(w, run, complete); break;
    default: break;
    }
}

static void qw_reset(qwriter *w)
{
    free(w->order);
    free(w->width);
    cli_spool_free(w->rows);
    w->rows = NULL;
    lp_buf_free(&w->tmp);
    lp_buf_free(&w->esc);
    w->order = NULL;
    w->width = NULL;
    w->out.len = 0;
    w->begun = 0;
    w->nc = 0;
    w->namew = 0;
    w->nrows = 0;
    memset(&w->indent, 0, sizeof w->indent);
}

typedef struct qrun {
    qwriter *w;
    int nw;
    uint64_t nrows;
} qrun;

static int on_columns(void *user, const lp_run_node *n, const lp_db_col *cols, uint32_t ncols)
{
    (void)cols;
    (void)ncols;
    qrun *q = user;
    int stop = 0;
    for (int i = 0; i < q->nw; i++)
        if (qw_begin(&q->w[i], n) != 0) {
            q->w[i].failed = 1;
            q->w[i].err_no = errno ? errno : ENOMEM;
        }
    for (int i = 0; i < q->nw; i++) stop |= q->w[i].failed;
    return stop;
}

/* A writer that failed (stdout closed, a disk full) stops the statement: the rest would go nowhere */
static int on_row(void *user, const lp_run_node *n, const lp_db_cell *cells, uint32_t ncols)
{
    (void)ncols;
    qrun *q = user;
    int stop = 0;
    for (int i = 0; i < q->nw; i++) {
        qw_row(&q->w[i], n, cells);
        stop |= q->w[i].failed;
    }
    q->nrows++;
    return stop;
}

/* ------------------------------------------------------------------ exports */

/* Powerpipe's query exporters (query.go queryExporters): snapshot (alias pps, .pps), json, csv;
 * by name (a file named after the run and the time) or by a file name's extension. */
enum { QX_SNAPSHOT, QX_JSON, QX_CSV };
static const char *const QX_EXT[] = { ".pps", ".json", ".csv" };

static int export_kind(const char *arg, int *named)
{
    *named = 0;
    if (strcmp(arg, "snapshot") == 0 || strcmp(arg, "pps") == 0) return QX_SNAPSHOT;
    if (strcmp(arg, "json") == 0) return QX_JSON;
    if (strcmp(arg, "csv") == 0) return QX_CSV;
    const char *dot = strrchr(arg, '.'), *slash = strrchr(arg, '/');
    *named = 1;
    for (int k = 0; dot && (!slash || dot > slash) && k < 3; k++)
        if (strcmp(dot, QX_EXT[k]) == 0) return k;
    return -1;
}

/* ExportManager.ValidateExportFormat: 0, or the exit status after saying what is wrong. */
static int check_exports(const cli_opts *o)
{
    int named = 0, unnamed = 0;
    for (int i = 0; i < o->nexports; i++) {
        int is_named;
        if (export_kind(o->exports[i], &is_named) < 0) {
            cli_error("invalid export format: '%s' (query run exports csv, json and pps, or a file named "
                      "*.csv, *.json or *.pps)", o->exports[i]);
            return CLI_USAGE;
        }
        if (is_named) named = 1;
        else unnamed = 1;
    }
    if (named && unnamed) {
        cli_error("combination of named and unnamed exports is not supported");
        return CLI_USAGE;
    }
    return 0;
}

/* w->path begun as an atomic file (written whole at the end, or not at all); w->failed on error */
static void open_file(qwriter *w)
{
    if (lp_atomic_file_open(w->path, 0, &w->file, NULL) != LP_OK ||
        !(w->f = lp_atomic_file_stream(w->file))) {
        w->failed = 1;
        w->err_no = errno;
        lp_atomic_file_abort(w->file);
        w->file = NULL;
    }
}

/* The export writer for o->exports[i], its file opened (w->f NULL when it could not be: said at
 * the end, as a failed write is).  name: what a snapshot's file is named after (file_root). */
static void open_export(qwriter *w, const cli_opts *o, int i, const char *name)
{
    int named, k = export_kind(o->exports[i], &named);
    if (named) snprintf(w->path, sizeof w->path, "%s", o->exports[i]);
    else /* csv and json are named after the run ("query"), a snapshot after the query */
        cli_export_name(w->path, sizeof w->path, k == QX_SNAPSHOT ? name : "query", QX_EXT[k]);
    w->fmt = k == QX_SNAPSHOT ? QF_SNAPSHOT : k == QX_CSV ? QF_CSV : QF_JSON;
    w->o = o;
    open_file(w);
}

/* --snapshot's writer: a snapshot export into the directory, named as Powerpipe names it */
static void open_snapshot(qwriter *w, const cli_opts *o, const char *dir, const char *name)
{
    cli_snapshot_path(dir, name, w->path, sizeof w->path);
    w->fmt = QF_SNAPSHOT;
    w->o = o;
    w->snapshot_dir = 1;
    open_file(w);
}

/* Every --export written (and --snapshot's file, first); 0, or 1 when one could not be
 * (CLI_EXIT_SNAPSHOT_UPLOAD_FAILED when the snapshot could not).  Powerpipe exports the rows, or the
 * snapshot, also when the query failed: a csv or json file then has what a failed node has (no
 * columns, no rows), not the rows that came before the failure. */
static int finish_exports(qwriter *x, int nx, lp_run *run, const lp_run_node *n, int complete, int progress)
{
    lp_buf msgs = { 0 };
    int failed = 0;
    for (int i = 0; i < nx; i++) {
        qwriter *w = &x[i];
        if (w->f && !complete && w->fmt != QF_SNAPSHOT) {
            qw_reset(w);
            w->failed = 0;
            if (fflush(w->f) != 0 || fseek(w->f, 0, SEEK_SET) != 0 || ftruncate(fileno(w->f), 0) != 0) {
                w->failed = 1;
                w->err_no = errno;
            }
        }
        if (w->f && !w->failed) {
            qw_end(w, run, n, complete);
            qw_flush(w, 1);
        }
        if (w->file && !w->failed && lp_atomic_file_commit(w->file, NULL) != LP_OK) {
            w->failed = 1;
            w->err_no = errno;
        } else if (w->file && w->failed) {
            lp_atomic_file_abort(w->file);   /* the previous file stays, not a partial one */
        }
        w->file = NULL;
        w->f = NULL;
        if (w->failed && w->snapshot_dir) {   /* publishSnapshotIfNeeded's failure */
            cli_error("failed to publish snapshot to %s: %s: %s", w->o->snapshot_location, w->path,
                      strerror(w->err_no));
            failed = CLI_EXIT_SNAPSHOT_UPLOAD_FAILED;
        } else if (w->failed) {
            cli_error("failed to export: %s: %s", w->path, strerror(w->err_no));
            if (!failed) failed = 1;
        } else if (w->snapshot_dir) {   /* said before the exports, as Powerpipe publishes first */
            fflush(stdout);
            cli_snapshot_saved(w->o, w->path);
        } else {
            cli_export_said(&msgs, w->path);
        }
    }
    if (msgs.len && progress) printf("\n%s\n\n", msgs.data);
    lp_buf_free(&msgs);
    return failed;
}

static int looks_like_sql(const char *s)
{
    return strchr(s, ' ') || strchr(s, '\n') || strchr(s, '\t');
}

/* pipe-fittings' SqlLooksLikeExecutableResource: up to a "(", TYPE.NAME or MOD.TYPE.NAME of a block
 * type that runs a query (QueryProviderBlocks).  Else the text is SQL, which needs no mod. */
static int looks_like_resource(const char *s)
{
    static const char *const TYPES[] = { "card", "chart", "control", "edge", "flow", "graph", "hierarchy",
                                         "image", "input", "query", "node", "table", "with" };
    size_t n = strcspn(s, "("), dots = 0, type_at = 0, type_len = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '.') dots++;
    if (dots != 1 && dots != 2) return 0;
    if (dots == 2) type_at = strcspn(s, ".") + 1;
    type_len = strcspn(s + type_at, ".");
    for (size_t i = 0; i < sizeof TYPES / sizeof *TYPES; i++)
        if (strlen(TYPES[i]) == type_len && strncmp(s + type_at, TYPES[i], type_len) == 0) return 1;
    return 0;
}

/* Powerpipe's exit statuses of query run: ExitCodeQueryExecutionFailed when the query failed;
 * ExitCodeUnknownErrorPanic for a named query without a mod (its no-mod error is not the one
 * setExitCodeForQueryError looks for, so ExitCodeNoModFile is never reached) */

static int stdout_format(const cli_opts *o)
{
    switch (o->output_given ? o->format : CLI_FMT_TABLE) {
    case CLI_FMT_CSV: return QF_CSV;
    case CLI_FMT_JSON: return QF_JSON;
    case CLI_FMT_LINE: return QF_LINE;
    case CLI_FMT_NONE: return QF_NONE;
    case CLI_FMT_SNAPSHOT:
    case CLI_FMT_PPS: return QF_SNAPSHOT;
    default: return QF_TABLE;
    }
}

/* What a snapshot export's file is named after: GenerateSnapshot's FileNameRoot, the query's Name() (its
 * full name, "mod.query.name"), or for raw SQL, whose query has no file, its block type "query" */
static const char *file_root(lp_workspace *ws, uint32_t id)
{
    lp_entry_info info;
    int named = id != LP_NO_ENTRY && lp_entry_get(ws, id, &info) == LP_OK && info.name && *info.name;
    return named ? info.name : "query";
}

int cmd_query_run(const cli_opts *o)
{
    if (o->nargs > 1) {
        cli_error("\"lazypipe query run\" takes one query; got \"%s\" too (use --arg for its arguments)",
                  o->args[1]);
        return CLI_USAGE;
    }
    if (o->search_path && o->search_path_prefix && o->flag_values[F_SEARCH_PATH] &&
        o->flag_values[F_SEARCH_PATH_PREFIX]) {
        cli_error("only one of --search-path or --search-path-prefix may be set");
        return CLI_USAGE;
    }
    int xrc = check_exports(o);
    if (xrc) return xrc;
    char snap_dir[4096];
    if ((xrc = cli_snapshot_dir(o, snap_dir, sizeof snap_dir)) != 0) return xrc;
    cli_register_drivers();
    lp_workspace *ws;
    const char *target = o->args[0];
    if (!cli_mod_found(o)) {
        if (looks_like_resource(target)) return cli_no_mod(o, CLI_EXIT_UNKNOWN_ERROR_PANIC);
        if (cli_open_sql_only(o, &ws) != 0) return CLI_ERRORS;
    } else if (cli_open_workspace(o, CLI_OPEN_WAIT, &ws) != 0) return CLI_ERRORS;
    uint32_t id = lp_resolve_target(ws, LP_KIND_QUERY, target);
    if (id == LP_NO_ENTRY) id = lp_resolve_target(ws, LP_KIND_CONTROL, target);
    if (id == LP_NO_ENTRY && !looks_like_sql(target)) {
        char hint[300];
        cli_error("query '%s' not found%s", target,
                  cli_suggest_entry(ws, LP_KIND_QUERY, target, hint, sizeof hint));
        cli_close(ws);
        return CLI_ERRORS;
    }
    /* writer 0: stdout; then --snapshot's; then one per --export */
    int nsnap = snap_dir[0] != 0;
    qwriter *w = calloc((size_t)o->nexports + 1 + (size_t)nsnap, sizeof *w);
    if (!w) {
        cli_error("out of memory");
        cli_close(ws);
        return CLI_ERRORS;
    }
    w[0] = (qwriter){ .fmt = stdout_format(o), .f = stdout, .is_stdout = 1, .o = o, .hold = HOLD_BYTES,
                      .terminal = isatty(STDOUT_FILENO) };
    if (nsnap) open_snapshot(&w[1], o, snap_dir, file_root(ws, id));
    for (int i = 0; i < o->nexports; i++) open_export(&w[i + 1 + nsnap], o, i, file_root(ws, id));
    qrun q = { w, o->nexports + 1 + nsnap, 0 };
    lp_run_opts ro = cli_run_opts(o, ws);
    ro.max_parallel = 1;
    ro.on_columns = on_columns;
    ro.on_row = on_row;
    ro.user = &q;
    lp_run *run = NULL;
    lp_error err = { 0 };
    int rc;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    /* a signal cancels the statement on the database's side; then the process ends by it, as
     * Powerpipe's does (which installs no handler here, so its statement ran on) */
    cli_signals_catch();
    if (id != LP_NO_ENTRY) {
        /* a control runs as its query: columns and rows in the database's order, no statuses */
        lp_entry_info info;
        lp_entry_get(ws, id, &info);
        const char *name = info.name;
        rc = lp_run_start(ws, LP_KIND_QUERY, &name, 1, &ro, &run, &err);
    } else {
        rc = lp_run_sql(ws, target, &ro, &run, &err);
    }
    int status = CLI_OK;
    if (rc != LP_OK) {
        cli_signals_release();
        cli_error("%s", err.message);
        status = CLI_ERRORS;
        goto out;
    }
    if (cli_run_wait(run, 0) == CLI_WAIT_SIGNAL) {
        lp_run_free(run);   /* first: it joins the worker, which may still be in on_row */
        for (int i = 0; i < q.nw; i++) {
            lp_atomic_file_abort(q.w[i].file);   /* interrupted: the previous file stays */
            qw_reset(&q.w[i]);
            lp_buf_free(&q.w[i].out);
        }
        cli_close(ws);
        free(w);
        cli_signal_finish(0);
        return CLI_ERRORS;
    }
    cli_signals_release();
    const lp_run_node *n = lp_node_child(lp_run_root(run), 0);
    int complete = n && lp_node_get_state(n) == LP_NODE_COMPLETE;
    qwriter *so = &w[0];
    if (so->fmt == QF_SNAPSHOT) {
        /* Powerpipe prints the snapshot also when the query failed (its panel says so) */
        qw_end(so, run, n, complete);
        if (!complete) status = CLI_EXIT_QUERY_EXECUTION_FAILED;
    } else if (!complete) {
        /* what already went out stays (a failure after HOLD_BYTES of output); the rest is dropped */
        so->out.len = 0;
        cli_error("%s", n && lp_node_error(n) ? lp_node_error(n) : "the query did not run");
        status = CLI_EXIT_QUERY_EXECUTION_FAILED;
    } else {
        if (so->fmt != QF_NONE) qw_end(so, run, n, complete);
        if (o->timing) {
            struct timespec t1;
            clock_gettime(CLOCK_MONOTONIC, &t1);
            double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
            if (ms < 500) lp_buf_printf(&so->out, "\nTime: %lldms. Rows returned: %llu.\n", (long long)ms,
                                        (unsigned long long)q.nrows);
            else lp_buf_printf(&so->out, "\nTime: %.1fs. Rows returned: %llu.\n", ms / 1e3,
                               (unsigned long long)q.nrows);
        }
    }
    qw_flush(so, 1);
    if (so->failed) {
        if (so->err_no == ENOMEM) cli_error("out of memory");
        /* the table's rows did not read back from their file: said, not a silent empty table */
        else if (so->rows && cli_spool_failed(so->rows))
            cli_error("out of memory or temporary file space for the rows: %s", strerror(so->err_no));
        status = CLI_ERRORS;
    }
    /* Powerpipe exports the rows, or the snapshot, also when the query failed */
    if (o->nexports + nsnap && n) {
        fflush(stdout);
        int xr = finish_exports(w + 1, o->nexports + nsnap, run, n, complete, o->progress);
        if (xr) status = xr == CLI_EXIT_SNAPSHOT_UPLOAD_FAILED ? xr : CLI_ERRORS;
    }
out:
    if (run) lp_run_free(run);
    for (int i = 0; i < q.nw; i++) {
        lp_atomic_file_abort(w[i].file);
        qw_reset(&w[i]);
        lp_buf_free(&w[i].out);
    }
    free(w);
    cli_close(ws);
    return status;
}
