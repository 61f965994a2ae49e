/* cmd_query_run.c — `lazypipe query run NAME|SQL`: run a query and print its rows as Powerpipe's
 * `query run` does (pipe-fittings querydisplay: table, csv, json, line; snapshot/pps; none).
 *
 * NAME is looked up as Powerpipe looks up a query target (a query, else a control); anything
 * that names no resource is taken as SQL text when it looks like a statement.  The rows come
 * from the run's node (lp_node_row), read through the public API only. */
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* A cell of column col as Powerpipe's ColumnValuesAsString gives it (lp_cell_render), with NULL as
 * null_text; in tmp, valid until the next call with it. */
static const char *cell_text(const lp_run_node *n, uint32_t col, const lp_db_cell *c, const char *null_text,
                             lp_buf *tmp)
{
    if (c->type == LP_DB_NULL || !c->text) return null_text;
    tmp->len = 0;
    lp_cell_render(tmp, lp_node_column(n, col)->type_name, c, LP_CELL_TEXT);
    lp_buf_put(tmp, "", 0);
    return tmp->data && !tmp->oom ? tmp->data : c->text;
}

static void put_csv_cell(lp_buf *b, const char *s, char sep)
{
    /* Go's encoding/csv: quote when the field has the separator, a quote, CR/LF, or starts with a space */
    int quote = s[0] == ' ' || s[0] == '\t';
    for (const char *p = s; *p && !quote; p++)
        if (*p == sep || *p == '"' || *p == '\n' || *p == '\r') quote = 1;
    if (!quote) { lp_buf_puts(b, s); return; }
    lp_buf_putc(b, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"') lp_buf_putc(b, '"');
        lp_buf_putc(b, *p);
    }
    lp_buf_putc(b, '"');
}

/* A column's name as tables, csv and lines show it: the database's, also for a repeated one
 * (pipe-fittings' querydisplay.columnNames) */
static const char *shown_name(const lp_db_col *c) { return c->original_name ? c->original_name : c->name; }

static void print_csv(const lp_run_node *n, const cli_opts *o, lp_buf *b)
{
    char sep = o->separator && *o->separator ? o->separator[0] : ',';
    uint32_t nc = lp_node_column_count(n);
    lp_buf tmp = {0};
    if (o->header) {
        for (uint32_t i = 0; i < nc; i++) {
            if (i) lp_buf_putc(b, sep);
            put_csv_cell(b, shown_name(lp_node_column(n, i)), sep);
        }
        lp_buf_putc(b, '\n');
    }
    for (uint32_t r = 0; r < lp_node_row_count(n); r++) {
        const lp_db_cell *row = lp_node_row(n, r);
        for (uint32_t i = 0; i < nc; i++) {
            if (i) lp_buf_putc(b, sep);
            put_csv_cell(b, cell_text(n, i, &row[i], "", &tmp), sep);
        }
        lp_buf_putc(b, '\n');
    }
    lp_buf_free(&tmp);
}

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

static void print_json(const lp_run_node *n, lp_buf *b)
{
    uint32_t nc = lp_node_column_count(n);
    uint32_t *order = calloc(nc ? nc : 1, sizeof *order);
    if (!order) { b->oom = 1; return; }
    for (uint32_t i = 0; i < nc; i++) order[i] = i;
    qsort_r(order, nc, sizeof *order, cmp_col, (void *)n);
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
    uint32_t nr = lp_node_row_count(n);
    for (uint32_t r = 0; r < nr; r++) {
        const lp_db_cell *row = lp_node_row(n, r);
        lp_buf_puts(b, r ? ",\n  {" : "\n  {");
        int first = 1;
        for (uint32_t k = 0; k < nc; k++) {
            uint32_t i = order[k];
            /* a repeated column name keeps the last value, as a Go map does */
            if (k + 1 < nc && strcmp(lp_node_column(n, i)->name, lp_node_column(n, order[k + 1])->name) == 0)
                continue;
            lp_buf_puts(b, first ? "\n   " : ",\n   ");
            first = 0;
            lp_json_cstr(b, lp_node_column(n, i)->name);
            lp_buf_puts(b, ": ");
            lp_cell_render(b, lp_node_column(n, i)->type_name, &row[i], LP_CELL_JSON);
        }
        lp_buf_puts(b, nc ? "\n  }" : "}");
    }
    lp_buf_puts(b, nr ? "\n ]\n}\n" : "]\n}\n");
    free(order);
}

/* Runes of a string, as Powerpipe's table widths count them. */
static size_t runes(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void pad(lp_buf *b, const char *s, size_t width)
{
    lp_buf_puts(b, s);
    for (size_t w = runes(s); w < width; w++) lp_buf_putc(b, ' ');
}

static void rule(lp_buf *b, const size_t *w, uint32_t nc)
{
    for (uint32_t i = 0; i < nc; i++) {
        lp_buf_putc(b, '+');
        for (size_t k = 0; k < w[i] + 2; k++) lp_buf_putc(b, '-');
    }
    lp_buf_puts(b, "+\n");
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

/* go-pretty's StyleDefault, as querydisplay.displayTable renders it (one line per row: a line
 * break inside a value is shown as a space).  On a terminal every name and value is shown with its
 * control characters escaped, and the widths are those of what is shown. */
static void print_table(const lp_run_node *n, const cli_opts *o, int terminal, lp_buf *b)
{
    uint32_t nc = lp_node_column_count(n), nr = lp_node_row_count(n);
    if (!nc) return;
    size_t *w = calloc(nc, sizeof *w);
    if (!w) { b->oom = 1; return; }
    lp_buf tmp = {0}, esc = {0};
    for (uint32_t i = 0; i < nc; i++)
        w[i] = o->header ? runes(on_screen(shown_name(lp_node_column(n, i)), terminal, &esc)) : 0;
    for (uint32_t r = 0; r < nr; r++)
        for (uint32_t i = 0; i < nc; i++) {
            const char *t = cell_text(n, i, &lp_node_row(n, r)[i], "<null>", &tmp);
            size_t l = runes(on_screen(t, terminal, &esc));
            if (l > w[i]) w[i] = l;
        }
    rule(b, w, nc);
    if (o->header) {
        for (uint32_t i = 0; i < nc; i++) {
            lp_buf_puts(b, "| ");
            pad(b, on_screen(shown_name(lp_node_column(n, i)), terminal, &esc), w[i]);
            lp_buf_putc(b, ' ');
        }
        lp_buf_puts(b, "|\n");
        rule(b, w, nc);
    }
    for (uint32_t r = 0; r < nr; r++) {
        const lp_db_cell *row = lp_node_row(n, r);
        for (uint32_t i = 0; i < nc; i++) {
            lp_buf_puts(b, "| ");
            const char *t = on_screen(cell_text(n, i, &row[i], "<null>", &tmp), terminal, &esc);
            size_t start = b->len;
            pad(b, t, w[i]);
            for (size_t k = start; k < b->len; k++)
                if (b->data[k] == '\n' || b->data[k] == '\r' || b->data[k] == '\t') b->data[k] = ' ';
            lp_buf_putc(b, ' ');
        }
        lp_buf_puts(b, "|\n");
    }
    if (nr || o->header) rule(b, w, nc);
    free(w);
    lp_buf_free(&tmp);
    lp_buf_free(&esc);
}

static void print_line(const lp_run_node *n, lp_buf *b)
{
    uint32_t nc = lp_node_column_count(n);
    lp_buf tmp = {0};
    size_t namew = 0;
    for (uint32_t i = 0; i < nc; i++)
        if (runes(shown_name(lp_node_column(n, i))) > namew) namew = runes(shown_name(lp_node_column(n, i)));
    for (uint32_t r = 0; r < lp_node_row_count(n); r++) {
        const lp_db_cell *row = lp_node_row(n, r);
        lp_buf_printf(b, "-[ RECORD %-2u ]", r + 1);
        for (int k = 0; k < 75; k++) lp_buf_putc(b, '-');
        lp_buf_putc(b, '\n');
        for (uint32_t i = 0; i < nc; i++) {
            pad(b, shown_name(lp_node_column(n, i)), namew);
            lp_buf_puts(b, " | ");
            lp_buf_puts(b, cell_text(n, i, &row[i], "<null>", &tmp));
            lp_buf_putc(b, '\n');
        }
    }
    lp_buf_free(&tmp);
}

/* SQL text rather than a name: Powerpipe runs as SQL what resolves to no resource. */
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

static int write_export(const char *path, const lp_buf *b)
{
    FILE *f = fopen(path, "wb");
    int bad = !f || (b->len && fwrite(b->data, 1, b->len, f) != b->len);
    if (f && fclose(f) != 0) bad = 1;
    if (bad) cli_error("failed to export: %s: %s", path, strerror(errno));
    return bad;
}

static void print_csv(const lp_run_node *n, const cli_opts *o, lp_buf *b);
static void print_json(const lp_run_node *n, lp_buf *b);

/* Every --export of the run; 0, or 1 when one could not be written. */
static int do_exports(const cli_opts *o, lp_run *run, const lp_run_node *n, const char *name)
{
    lp_buf msgs = { 0 };
    int failed = 0;
    for (int i = 0; i < o->nexports; i++) {
        int named, k = export_kind(o->exports[i], &named);
        char path[4200];
        if (named) snprintf(path, sizeof path, "%s", o->exports[i]);
        else {
            time_t now = time(NULL);
            struct tm tm;
            localtime_r(&now, &tm);
            /* csv and json are named after the run ("query"), a snapshot after the query */
            snprintf(path, sizeof path, "%s.%04d%02d%02dT%02d%02d%02d%s", k == QX_SNAPSHOT ? name : "query",
                     tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                     QX_EXT[k]);
        }
        lp_buf b = { 0 };
        if (k == QX_SNAPSHOT) {
            lp_buf doc = { 0 };
            if (lp_run_snapshot_json(run, &doc) == LP_OK) {
                cli_json_indent(&b, doc.data, doc.len);
                lp_buf_putc(&b, '\n');
            } else b.oom = 1;
            lp_buf_free(&doc);
        } else if (k == QX_CSV) print_csv(n, o, &b);
        else print_json(n, &b);
        if (b.oom) {
            cli_error("out of memory exporting %s", path);
            failed = 1;
        } else if (write_export(path, &b)) failed = 1;
        else {
            char cwd[4096];
            lp_buf_printf(&msgs, "%sFile exported to %s/%s", msgs.len ? "\n" : "",
                          getcwd(cwd, sizeof cwd) ? cwd : ".", path);
        }
        lp_buf_free(&b);
    }
    if (msgs.len && o->progress) printf("\n%s\n\n", msgs.data);
    lp_buf_free(&msgs);
    return failed;
}

static int looks_like_sql(const char *s)
{
    return strchr(s, ' ') || strchr(s, '\n') || strchr(s, '\t');
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
    cli_register_drivers();
    lp_workspace *ws;
    if (cli_open_workspace(o, CLI_OPEN_WAIT, &ws) != 0) return CLI_ERRORS;
    const char *target = o->args[0];
    uint32_t id = lp_resolve_target(ws, LP_KIND_QUERY, target);
    if (id == LP_NO_ENTRY) id = lp_resolve_target(ws, LP_KIND_CONTROL, target);
    lp_run_opts ro = cli_run_opts(o);
    ro.max_parallel = 1;
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
    } else if (looks_like_sql(target)) {
        rc = lp_run_sql(ws, target, &ro, &run, &err);
    } else {
        cli_signals_release();
        cli_error("query '%s' not found", target);
        lp_close(ws);
        return CLI_ERRORS;
    }
    if (rc != LP_OK) {
        cli_signals_release();
        cli_error("%s", err.message);
        lp_close(ws);
        return CLI_ERRORS;
    }
    if (cli_run_wait(run, 0) == CLI_WAIT_SIGNAL) {
        lp_run_free(run);
        lp_close(ws);
        cli_signal_finish(0);
        return CLI_ERRORS;
    }
    cli_signals_release();
    const lp_run_node *n = lp_node_child(lp_run_root(run), 0);
    int status = CLI_OK;
    lp_buf out = { 0 };
    /* a value from the database must not drive the terminal (ESC and OSC sequences set its title or
     * write the clipboard, bidi controls reorder what is shown): there it is shown escaped, as less
     * and git do; piped, every format stays byte-true */
    int terminal = isatty(STDOUT_FILENO);
    int snapshot = o->output_given && (o->format == CLI_FMT_SNAPSHOT || o->format == CLI_FMT_PPS);
    if (snapshot) {
        /* Powerpipe prints the snapshot also when the query failed (its panel says so) */
        lp_buf doc = { 0 };
        if (lp_run_snapshot_json(run, &doc) != LP_OK) {
            cli_error("out of memory writing the snapshot");
            status = CLI_ERRORS;
        } else {
            cli_json_indent(&out, doc.data, doc.len);
            lp_buf_putc(&out, '\n');
        }
        lp_buf_free(&doc);
        if (!n || lp_node_get_state(n) == LP_NODE_ERROR) status = CLI_ERRORS;
    } else if (!n || lp_node_get_state(n) == LP_NODE_ERROR) {
        cli_error("%s", n && lp_node_error(n) ? lp_node_error(n) : "the query did not run");
        status = CLI_ERRORS;
    } else {
        switch (o->output_given ? o->format : CLI_FMT_TABLE) {
        case CLI_FMT_CSV: print_csv(n, o, &out); break;
        case CLI_FMT_JSON: print_json(n, &out); break;
        case CLI_FMT_LINE: print_line(n, &out); break;
        case CLI_FMT_NONE: break;
        default: print_table(n, o, terminal, &out); break;
        }
        if (o->timing) {
            struct timespec t1;
            clock_gettime(CLOCK_MONOTONIC, &t1);
            double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
            if (ms < 500) lp_buf_printf(&out, "\nTime: %lldms. Rows returned: %u.\n", (long long)ms,
                                        lp_node_row_count(n));
            else lp_buf_printf(&out, "\nTime: %.1fs. Rows returned: %u.\n", ms / 1e3, lp_node_row_count(n));
        }
    }
    if (terminal && out.len && !out.oom) {
        /* csv, json, line and the snapshot have no widths to keep: the whole text at once (the
         * table's cells are already shown escaped) */
        lp_buf esc = { 0 };
        cli_put_terminal(&esc, out.data, out.len);
        if (esc.oom) out.oom = 1;
        lp_buf_free(&out);
        out = esc;
    }
    if (out.oom) { cli_error("out of memory"); status = CLI_ERRORS; }
    else if (out.len && cli_write_stdout(out.data, out.len)) status = CLI_ERRORS;
    lp_buf_free(&out);
    /* Powerpipe exports the rows, or the snapshot, also when the query failed */
    if (o->nexports && n) {
        const char *qname = lp_node_name(n), *dot = qname ? strrchr(qname, '.') : NULL;
        fflush(stdout);
        if (do_exports(o, run, n, dot ? dot + 1 : qname && *qname ? qname : "query")) status = CLI_ERRORS;
    }
    lp_run_free(run);
    lp_close(ws);
    return status;
}
