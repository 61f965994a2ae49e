/* cmd_detection_run.c — `lazypipe detection run NAME [--arg name=value]... [--output text|json|snapshot|pps|
 * none] [--export FILE|FORMAT]...`
 *
 * Powerpipe's `detection run` (internal/cmd/detection.go): NAME is a detection or a detection
 * benchmark; its execution tree runs to completion (lp_run_start with LP_KIND_DETECTION or
 * LP_KIND_DETECTION_BENCHMARK, Powerpipe's GenerateSnapshot), then the result is printed:
 *   text (the default)  Powerpipe's DetectionTableRenderer (internal/controldisplay/detection*.go):
 *                       a heading per detection benchmark and detection with its row count, a line
 *                       per row of its display_columns, an error line, then COUNT; plain (no colour)
 *   json                the display tree's root (detection_templates/json: toPrettyJson .Data.Root):
 *                       name, title, description, tags, summary {count}, groups, detection_runs
 *                       (each DetectionRun's fields in Go's order, without its resolved args),
 *                       panel_type
 *   snapshot, pps       the run's snapshot (lazypipe's: Powerpipe's formatter refuses a detection
 *                       snapshot, "Currently only JSON format is supported for detection benchmarks";
 *                       the server sends the same snapshot, so the CLI gives it too)
 *   none                nothing
 * Each --export writes FILE in the format its extension names (.json, .pps, .txt), or for a bare
 * FORMAT (json, pps, snapshot, text) "<target>.<yyyymmddThhmmss>.<ext>".  Exit status: 0 once the
 * output is printed (a detection's error is in it, as in Powerpipe's); 250 when nothing can run (no
 * such detection, no driver for the database, an export format it lacks: Powerpipe's
 * ExitCodeInitializationFailed); 255 when
 * an export cannot be written, and when --detection-timeout passed or Ctrl-C came first (the run is
 * cancelled and nothing printed: Powerpipe's unknown-error code); 1 when the workspace does not open;
 * 2 for a wrong command line.  --header and --separator are accepted, and change nothing, as there.
 */
#include "check.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>


/* ------------------------------------------------------------------ the display tree */

static int is_group(const lp_run_node *n) { return lp_node_get_type(n) == LP_NODE_DETECTION_BENCHMARK; }
static int is_detection(const lp_run_node *n) { return lp_node_get_type(n) == LP_NODE_DETECTION; }

static const char *str_or_empty(const char *s) { return s ? s : ""; }

/* The rows below a group.  Powerpipe's getRowCount (detection_summary.go) passes its running total
 * down and adds it back, so a total over nested groups counts earlier groups again (6 for the 4 rows
 * of its tp_detection_mod); we print the rows there are (POWERPIPE_BEHAVIOR.md §13: our decisions). */
static uint64_t row_count(const lp_run_node *g)
{
    uint64_t count = 0;
    for (uint32_t i = 0; i < lp_node_child_count(g); i++)
        if (is_group(lp_node_child(g, i))) count += row_count(lp_node_child(g, i));
    for (uint32_t i = 0; i < lp_node_child_count(g); i++)
        if (is_detection(lp_node_child(g, i))) count += lp_node_row_count(lp_node_child(g, i));
    return count;
}

/* DetectionBenchmarkDisplay.SetSummary: the last child group's count, then the last run's rows */
static uint32_t summary_count(const lp_run_node *g)
{
    uint32_t c = 0;
    for (uint32_t i = 0; i < lp_node_child_count(g); i++)
        if (is_group(lp_node_child(g, i))) c = summary_count(lp_node_child(g, i));
    for (uint32_t i = 0; i < lp_node_child_count(g); i++)
        if (is_detection(lp_node_child(g, i))) c = lp_node_row_count(lp_node_child(g, i));
    return c;
}

/* DetectionTableRenderer.groupDepth */
static int group_depth(const lp_run_node *g, int my)
{
    int any = 0, max = 0;
    for (uint32_t i = 0; i < lp_node_child_count(g); i++)
        if (is_group(lp_node_child(g, i))) {
            any = 1;
            int d = group_depth(lp_node_child(g, i), my + 1);
            if (d > max) max = d;
        }
    return any ? my + max : 0;
}

/* ------------------------------------------------------------------ text */

/* A group renderer's indents (detection_group.go): parent is NULL for the synthetic root */
typedef struct grp {
    const struct grp *parent;
    int root, last;
} grp;

static void parent_indent(const grp *g, lp_buf *out);
static void child_indent(const grp *g, lp_buf *out) { parent_indent(g, out); lp_buf_puts(out, "| "); }
static void last_child_indent(const grp *g, lp_buf *out) { parent_indent(g, out); lp_buf_puts(out, "  "); }
static void child_group_indent(const grp *g, lp_buf *out) { parent_indent(g, out); lp_buf_puts(out, "+ "); }
static void parent_indent(const grp *g, lp_buf *out)
{
    if (!g->parent || g->parent->root) return;
    if (g->last) last_child_indent(g->parent, out);
    else child_indent(g->parent, out);
}

/* spacer.go (plain) */
static void spacer(lp_buf *b, int width)
{
    if (width <= 0) return;
    for (int i = 0; i < width - 1; i++) lp_buf_putc(b, '.');
    lp_buf_putc(b, ' ');
}

static void grouped(char *out, size_t size, uint64_t v)
{
    char digits[24];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)v), k = 0;
    for (int i = 0; i < n && (size_t)k + 2 < size; i++) {
        if (i && (n - i) % 3 == 0) out[k++] = ',';
        out[k++] = digits[i];
    }
    out[k] = '\0';
}

static int plen(const char *s, size_t n) { return n ? ck_printable_len(s, n) : 0; }

/* detection_group_heading.go */
static void heading(lp_buf *out, const char *title, uint64_t count, const char *severity, int width,
                    const char *indent)
{
    char sev[24] = "", cnt[32];
    if (count > 0 && severity) {   /* severity.go: CRITICAL and HIGH only, with a space */
        char up[16];
        size_t i = 0;
        for (; severity[i] && i + 1 < sizeof up; i++)
            up[i] = (char)(severity[i] >= 'a' && severity[i] <= 'z' ? severity[i] - 32 : severity[i]);
        up[i] = '\0';
        if (strcmp(up, "CRITICAL") == 0 || strcmp(up, "HIGH") == 0) snprintf(sev, sizeof sev, "%s ", up);
    }
    grouped(cnt, sizeof cnt, count);
    int avail = width - (int)strlen(cnt) - (int)strlen(sev) - plen(indent, strlen(indent));
    lp_buf ti = { 0 };
    if (avail > 0) {   /* group_title.go */
        ck_truncate(&ti, title, avail - 1);
        lp_buf_putc(&ti, ' ');
    }
    lp_buf_puts(out, indent);
    if (ti.len) lp_buf_put(out, ti.data, ti.len);
    spacer(out, avail - plen(ti.data, ti.len));
    lp_buf_puts(out, sev);
    lp_buf_puts(out, cnt);
    lp_buf_free(&ti);
}

/* The display_columns of a detection, as a JSON array of strings, read into names (max 64). */
static uint32_t display_columns(const lp_run_node *n, char names[][128], uint32_t max)
{
    const lp_resource *r = lp_node_resource(n);
    lp_buf b = { 0 };
    uint32_t k = 0;
    if (!r || lp_resource_attr_json(r, "display_columns", &b) != LP_OK || !b.data) {
        lp_buf_free(&b);
        return 0;
    }
    const char *p = b.data;
    while ((p = strchr(p, '"')) && k < max) {
        size_t j = 0;
        for (p++; *p && *p != '"'; p++) {
            if (*p == '\\' && p[1]) p++;
            if (j + 1 < 128) names[k][j++] = *p;
        }
        names[k++][j] = '\0';
        if (*p) p++;
    }
    lp_buf_free(&b);
    return k;
}

/* A cell as fmt.Sprintf("%v") of the row map's value shows it (times as "2006-01-02 15:04:05"). */
static void cell_text(lp_buf *out, const lp_db_cell *c)
{
    if (!c->text || c->type == LP_DB_NULL) {
        lp_buf_puts(out, "<nil>");
        return;
    }
    /* a timestamp the driver gave as text (LP_DB_OTHER): "2006-01-02T15:04:05..." */
    if (c->type == LP_DB_OTHER && c->len >= 19 && c->text[4] == '-' && c->text[7] == '-' &&
        (c->text[10] == 'T' || c->text[10] == ' ') && c->text[13] == ':') {
        lp_buf_put(out, c->text, 10);
        lp_buf_putc(out, ' ');
        lp_buf_put(out, c->text + 11, 8);
        return;
    }
    lp_buf_put(out, c->text, c->len);
}

/* detection.go */
static void render_detection(lp_buf *out, const lp_run_node *n, const grp *parent, int last, int width)
{
    lp_buf pi = { 0 }, gi = { 0 };
    if (last) last_child_indent(parent, &pi);
    else child_indent(parent, &pi);
    child_group_indent(parent, &gi);
    lp_buf_putc(&pi, 0);
    lp_buf_putc(&gi, 0);
    const char *pind = pi.data, *gind = gi.data;
    uint32_t nrows = lp_node_row_count(n);
    heading(out, str_or_empty(lp_node_str(n, "title")), nrows, lp_node_str(n, "severity"), width, gind);
    lp_buf_putc(out, '\n');
    lp_buf_puts(out, pind);
    if (nrows) lp_buf_puts(out, "| ");
    const char *err = lp_node_error(n);
    if (err) {   /* error.go: "ERROR: " and the message cut to the width left */
        lp_buf_putc(out, '\n');
        lp_buf_puts(out, pind);
        lp_buf_puts(out, "ERROR: ");
        lp_buf cut = { 0 };
        ck_truncate(&cut, err, width - 7 - plen(pind, strlen(pind)));
        if (cut.len) lp_buf_put(out, cut.data, cut.len);
        lp_buf_free(&cut);
        lp_buf_putc(out, '\n');
        lp_buf_puts(out, pind);
    }
    static char names[64][128];
    uint32_t ncol = display_columns(n, names, 64);
    int any = 0;
    for (uint32_t r = 0; r < nrows; r++) {
        const lp_db_cell *cells = lp_node_row(n, r);
        lp_buf line = { 0 };
        lp_buf_puts(&line, pind);
        /* the values of the display columns the row has, each padded to an equal share of the width */
        uint32_t nvals = 0;
        int cols[64];
        for (uint32_t d = 0; d < ncol; d++) {
            int c = lp_node_column_index(n, names[d]);
            if (c >= 0) cols[nvals++] = c;
        }
        if (nvals) {
            int avail = width - plen(pind, strlen(pind));
            int w = avail / (int)nvals - 1;
            for (uint32_t v = 0; v < nvals; v++) {
                lp_buf val = { 0 }, cut = { 0 };
                cell_text(&val, &cells[cols[v]]);
                lp_buf_putc(&val, 0);
                ck_truncate(&cut, val.data ? val.data : "", w);
                if (cut.len) lp_buf_put(&line, cut.data, cut.len);
                for (int pad = plen(cut.data, cut.len); pad < w; pad++) lp_buf_putc(&line, ' ');
                lp_buf_putc(&line, ' ');
                lp_buf_free(&val);
                lp_buf_free(&cut);
            }
        }
        if (line.len) {   /* an empty line is not rendered */
            lp_buf_putc(out, '\n');
            lp_buf_put(out, line.data, line.len);
            any = 1;
        }
        lp_buf_free(&line);
    }
    if (any) {
        lp_buf_putc(out, '\n');
        lp_buf_puts(out, pind);
    }
    lp_buf_free(&pi);
    lp_buf_free(&gi);
}

/* detection_group.go Render (a group below the root) */
static void render_group(lp_buf *out, const lp_run_node *g, const grp *parent, int last, int width)
{
    grp me = { parent, 0, last };
    lp_buf hi = { 0 }, bi = { 0 };
    if (!parent->root) child_group_indent(parent, &hi);
    child_indent(&me, &bi);
    lp_buf_putc(&hi, 0);
    lp_buf_putc(&bi, 0);
    heading(out, str_or_empty(lp_node_str(g, "title")), row_count(g), NULL, width, hi.data);
    lp_buf_putc(out, '\n');
    lp_buf_puts(out, bi.data);
    uint32_t nc = lp_node_child_count(g);
    for (uint32_t i = 0; i < nc; i++) {
        const lp_run_node *c = lp_node_child(g, i);
        int is_last = i + 1 == nc;
        if (is_detection(c)) {
            lp_buf_putc(out, '\n');
            render_detection(out, c, &me, is_last, width);
        } else if (is_group(c)) {
            lp_buf_putc(out, '\n');
            render_group(out, c, &me, is_last, width);
        }
    }
    lp_buf_free(&hi);
    lp_buf_free(&bi);
}

/* the root holds the target: groups below it count from 1 */
static int display_width(const lp_run_node *top)
{
    return ck_display_width(is_group(top) ? group_depth(top, 1) : 0);
}

static void render_text(lp_buf *out, const lp_run_node *top)
{
    int width = display_width(top);
    grp root = { NULL, 1, 1 };
    lp_buf_putc(out, '\n');
    if (is_group(top)) render_group(out, top, &root, 1, width);
    else render_detection(out, top, &root, 1, width);
    lp_buf_putc(out, '\n');
    /* detection_summary.go */
    char cnt[32];
    uint64_t total = is_group(top) ? row_count(top) : lp_node_row_count(top);
    grouped(cnt, sizeof cnt, total);
    lp_buf_puts(out, "COUNT ");
    spacer(out, width - (6 + (int)strlen(cnt) + 1));
    lp_buf_puts(out, cnt);
    lp_buf_puts(out, " \n");
}

/* ------------------------------------------------------------------ json */

static void json_group(lp_buf *out, const lp_run_node *g, const char *name, int depth);

static void opt_str(lp_buf *out, const char *key, const char *v)
{
    if (!v || !*v) return;
    lp_buf_printf(out, ",\"%s\":", key);
    lp_json_cstr(out, v);
}

static int cmp_col(const void *a, const void *b, void *cols)
{
    const lp_db_col *const *cs = cols;
    return strcmp(cs[*(const uint32_t *)a]->name, cs[*(const uint32_t *)b]->name);
}

/* A DetectionRun as Go's encoding/json writes the struct (toPrettyJson): the fields of its embedded
 * DashboardTreeRunImpl, then RawSQL, then its own properties, data (columns {name, data_type}; each
 * row a map, keys sorted) and documentation */
static void json_detection(lp_buf *out, const lp_run_node *n)
{
    const lp_resource *r = lp_node_resource(n);
    const lp_run_node *top = n;
    while (lp_node_parent(top) && lp_node_parent(lp_node_parent(top))) top = lp_node_parent(top);
    lp_buf_puts(out, "{\"dashboard\":");
    lp_json_cstr(out, lp_node_name(top));
    opt_str(out, "description", lp_node_str(n, "description"));
    opt_str(out, "display", lp_node_str(n, "display"));
    opt_str(out, "error", lp_node_error(n));
    lp_buf_puts(out, ",\"name\":");
    lp_json_cstr(out, lp_node_name(n));
    lp_buf_puts(out, ",\"panel_type\":\"detection\",\"source_definition\":");
    lp_json_cstr(out, r && lp_resource_source(r) ? lp_resource_source(r) : "");
    lp_node_state st = lp_node_get_state(n);
    const char *status = st == LP_NODE_ERROR      ? "error"
                         : st == LP_NODE_COMPLETE ? "complete"
                         : st == LP_NODE_BLOCKED  ? "blocked"
                                                  : "running";
    lp_buf_printf(out, ",\"status\":\"%s\"", status);
    if (lp_node_tag_count(n)) {
        lp_buf_puts(out, ",\"tags\":");
        lp_node_tags_json(n, out);
    }
    opt_str(out, "title", lp_node_str(n, "title"));
    opt_str(out, "display_type", lp_node_str(n, "type"));
    int64_t w;
    if (r && lp_resource_int(r, "width", &w) == LP_OK && w)
        lp_buf_printf(out, ",\"width\":%lld", (long long)w);
    if (r && lp_resource_param_count(r)) {   /* runtimeDependencyPublisherImpl.Params: ParamDef's fields */
        lp_buf_puts(out, ",\"params\":");
        lp_resource_params_json(r, out, 0);
    }
    opt_str(out, "sql", lp_node_str(n, "sql"));
    if (r) {
        lp_buf_puts(out, ",\"properties\":");
        if (lp_resource_properties_json(r, out) != LP_OK) out->oom = 1;
    }
    uint32_t nc = lp_node_column_count(n);
    if (st == LP_NODE_COMPLETE && nc) {
        lp_buf_puts(out, ",\"data\":{\"columns\":[");
        /* every column (a repeated name made unique by the run, with its original_name) */
        const lp_db_col **cols = malloc((size_t)nc * sizeof *cols);
        uint32_t *order = malloc((size_t)nc * sizeof *order), no = cols && order ? nc : 0;
        if (!no) out->oom = 1;
        for (uint32_t c = 0; c < no; c++) {
            cols[c] = lp_node_column(n, c);
            order[c] = c;
            lp_buf_puts(out, c ? ",{\"name\":" : "{\"name\":");
            lp_json_cstr(out, cols[c]->name);
            lp_buf_puts(out, ",\"data_type\":");
            lp_json_cstr(out, cols[c]->type_name ? cols[c]->type_name : "");
            if (cols[c]->original_name) {
                lp_buf_puts(out, ",\"original_name\":");
                lp_json_cstr(out, cols[c]->original_name);
            }
            lp_buf_putc(out, '}');
        }
        if (no) qsort_r(order, no, sizeof *order, cmp_col, cols);
        lp_buf_puts(out, "],\"rows\":[");
        for (uint32_t row = 0; row < lp_node_row_count(n) && no; row++) {
            const lp_db_cell *cells = lp_node_row(n, row);
            lp_buf_puts(out, row ? ",{" : "{");
            int first = 1;
            for (uint32_t k = 0; k < no; k++) {
                /* a map: of equal names, the last */
                if (k + 1 < no && strcmp(cols[order[k]]->name, cols[order[k + 1]]->name) == 0) continue;
                if (!first) lp_buf_putc(out, ',');
                first = 0;
                lp_json_cstr(out, cols[order[k]]->name);
                lp_buf_putc(out, ':');
                lp_cell_render(out, cols[order[k]]->type_name, &cells[order[k]], LP_CELL_DATA);
            }
            lp_buf_putc(out, '}');
        }
        free(cols);
        free(order);
        lp_buf_puts(out, "]}");
    }
    opt_str(out, "documentation", lp_node_str(n, "documentation"));
    lp_buf_putc(out, '}');
}

static void json_runs(lp_buf *out, const lp_run_node *g)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < lp_node_child_count(g); i++) {
        const lp_run_node *c = lp_node_child(g, i);
        if (!is_detection(c)) continue;
        lp_buf_puts(out, k++ ? "," : "[");
        json_detection(out, c);
    }
    lp_buf_puts(out, k ? "]" : "null");
}

/* DetectionBenchmarkDisplay, its fields in Go's order */
static void json_group(lp_buf *out, const lp_run_node *g, const char *name, int depth)
{
    lp_buf_puts(out, "{\"name\":");
    lp_json_cstr(out, name);
    const char *t = lp_node_str(g, "title"), *d = lp_node_str(g, "description");
    if (t && *t) { lp_buf_puts(out, ",\"title\":"); lp_json_cstr(out, t); }
    if (d && *d && depth) { lp_buf_puts(out, ",\"description\":"); lp_json_cstr(out, d); }
    if (depth && lp_node_tag_count(g)) {
        lp_buf_puts(out, ",\"tags\":");
        lp_node_tags_json(g, out);
    }
    lp_buf_printf(out, ",\"summary\":{\"count\":%u},\"groups\":[", depth ? summary_count(g) : 0);
    uint32_t k = 0;
    for (uint32_t i = 0; i < lp_node_child_count(g) && depth < 64; i++) {
        const lp_run_node *c = lp_node_child(g, i);
        if (!is_group(c)) continue;
        if (k++) lp_buf_putc(out, ',');
        json_group(out, c, lp_node_name(c), depth + 1);
    }
    lp_buf_puts(out, "],\"detection_runs\":");
    json_runs(out, g);
    lp_buf_puts(out, ",\"panel_type\":\"benchmark\"}");
}

/* The root_result_group over the target (NewRootBenchmarkDisplay: the target's title; its summary
 * set from its one child, as SetSummary sets it) */
static void render_json(lp_buf *out, const lp_run *run)
{
    const lp_run_node *root = lp_run_root(run), *top = lp_node_child(root, 0);
    lp_buf_puts(out, "{\"name\":\"root_result_group\"");
    const char *t = lp_node_str(top, "title");
    if (t && *t) { lp_buf_puts(out, ",\"title\":"); lp_json_cstr(out, t); }
    uint32_t count = is_group(top) ? summary_count(top) : lp_node_row_count(top);
    lp_buf_printf(out, ",\"summary\":{\"count\":%u},\"groups\":[", count);
    if (is_group(top)) json_group(out, top, lp_node_name(top), 1);
    lp_buf_puts(out, "],\"detection_runs\":");
    if (is_group(top)) {
        lp_buf_puts(out, "null");
    } else {
        lp_buf_putc(out, '[');
        json_detection(out, top);
        lp_buf_putc(out, ']');
    }
    lp_buf_puts(out, ",\"panel_type\":\"benchmark\"}");
}

uint32_t cli_detection_count(const lp_run *run, const lp_run_node *group)
{
    if (group) return summary_count(group);
    const lp_run_node *top = lp_node_child(lp_run_root(run), 0);
    return is_group(top) ? summary_count(top) : lp_node_row_count(top);
}

void cli_detection_json(lp_buf *out, const lp_run *run, const lp_run_node *n)
{
    if (!n) render_json(out, run);
    else if (is_group(n)) json_group(out, n, lp_node_name(n), 1);
    else json_detection(out, n);
}

/* ------------------------------------------------------------------ the command */

typedef enum { DT_TEXT, DT_JSON, DT_SNAPSHOT, DT_NONE } dt_format;

/* What a detection run prints and exports: a built-in format, or a template of the install dir's
 * check/detection_templates (tmpl >= 0, an index into formats.tmpls). */
typedef struct dt_job {
    dt_format fmt;
    int out_tmpl;
    cli_formats formats;
    int export_tmpl[CLI_MAX_VARS];   /* each --export's template, or -1 */
} dt_job;

/* out: the document in format f (text, indented JSON or snapshot), newline-terminated */
static int render(const lp_run *run, dt_format f, lp_buf *out)
{
    const lp_run_node *top = lp_node_child(lp_run_root(run), 0);
    lp_buf doc = { 0 };
    int rc = LP_OK;
    if (f == DT_TEXT) {
        render_text(out, top);
    } else if (f == DT_JSON || f == DT_SNAPSHOT) {
        if (f == DT_JSON) render_json(&doc, run);
        else rc = lp_run_snapshot_json(run, &doc);
        if (rc == LP_OK && !doc.oom) {
            cli_json_indent(out, doc.data, doc.len);
            lp_buf_putc(out, '\n');
        }
    }
    if (doc.oom) out->oom = 1;
    lp_buf_free(&doc);
    return rc != LP_OK || out->oom ? LP_ERR_NOMEM : LP_OK;
}

static int export_format(const char *arg, dt_format *f, const char **ext, int *named)
{
    static const struct {
        const char *name, *ext;
        dt_format f;
    } FORMATS[] = { { "json", ".json", DT_JSON },     { "pps", ".pps", DT_SNAPSHOT },
                    { "snapshot", ".pps", DT_SNAPSHOT }, { "sps", ".pps", DT_SNAPSHOT },
                    { "text", ".txt", DT_TEXT },         { "txt", ".txt", DT_TEXT } };
    const char *dot = strrchr(arg, '.');
    *named = dot != NULL;
    const char *key = dot ? dot + 1 : arg;
    for (size_t i = 0; i < sizeof FORMATS / sizeof *FORMATS; i++)
        if (strcmp(key, FORMATS[i].name) == 0) {
            *f = FORMATS[i].f;
            *ext = FORMATS[i].ext;
            return 0;
        }
    return -1;
}

/* An --export as a template's: its default file name's extension, or the file named. */
static int export_tmpl_target(const dt_job *j, const char *arg, int tmpl, const char **ext, int *named)
{
    int nm;
    cli_fmt_resolve(j->formats.fmts, j->formats.nfmts, arg, &nm);
    *named = nm;
    *ext = j->formats.tmpls[tmpl].ext;
    return 0;
}

/* A template's export, written to the file's temporary file as it is made (memory a piece at a time
 * whatever its size) and renamed over path once whole; a failing template leaves the file as it was. */
static int export_tmpl_file(const dt_job *j, const lp_run *run, int tmpl, const char *path, const cli_opts *o,
                            const char *snap_dir, lp_buf *msgs)
{
    lp_atomic_file *af = NULL;
    FILE *file = NULL;
    errno = 0;
    if (lp_atomic_file_open(path, 0, &af, NULL) != LP_OK || !(file = lp_atomic_file_stream(af))) {
        if (af) lp_atomic_file_abort(af);
        cli_error("failed to export snapshot: %s: %s", path, errno ? strerror(errno) : "write error");
        return CLI_EXIT_UNKNOWN_ERROR_PANIC;
    }
    lp_buf rest = { 0 }, err = { 0 };
    const cli_tmpl *t = &j->formats.tmpls[tmpl];
    int failed = cli_detection_tmpl_render(j->formats.sets[tmpl], t, run, o, file, &rest, &err) != 0;
    if (failed) cli_error("%s", err.data ? err.data : "the template failed");   /* the file as it was */
    int bad = !failed && (rest.oom || (rest.len && fwrite(rest.data, 1, rest.len, file) != rest.len));
    lp_buf_free(&rest);
    lp_buf_free(&err);
    if (failed || bad) {
        lp_atomic_file_abort(af);
        if (bad) cli_error("failed to export snapshot: %s: write error", path);
        return CLI_EXIT_UNKNOWN_ERROR_PANIC;
    }
    errno = 0;
    if (lp_atomic_file_commit(af, NULL) != LP_OK) {
        cli_error("failed to export snapshot: %s: %s", path, errno ? strerror(errno) : "write error");
        return CLI_EXIT_UNKNOWN_ERROR_PANIC;
    }
    if (snap_dir) cli_snapshot_saved(o, path);
    else cli_export_said(msgs, path);
    return CLI_OK;
}

/* An --export (or with snap_dir, --snapshot's file in that directory); tmpl: its template, or -1.  A file
 * not named is named after target, the run's root's full name (GenerateSnapshot's FileNameRoot: the root
 * resource's Name(), "mod.detection.name") */
static int export_one(const dt_job *j, const lp_run *run, const char *arg, int tmpl, const char *target,
                      const cli_opts *o, const char *snap_dir, lp_buf *msgs)
{
    dt_format f = DT_JSON;
    const char *ext;
    int named;
    if (tmpl >= 0) export_tmpl_target(j, arg, tmpl, &ext, &named);
    else if (export_format(arg, &f, &ext, &named) != 0) return -1;
    char path[8192];
    if (snap_dir) cli_snapshot_path(snap_dir, target, path, sizeof path);
    else if (named) snprintf(path, sizeof path, "%s", arg);
    else cli_export_name(path, sizeof path, target, ext);
    lp_buf doc = { 0 };
    if (tmpl >= 0) return export_tmpl_file(j, run, tmpl, path, o, snap_dir, msgs);
    if (render(run, f, &doc) != LP_OK) {
        lp_buf_free(&doc);
        cli_error("failed to export snapshot: out of memory");
        return CLI_EXIT_UNKNOWN_ERROR_PANIC;
    }
    errno = 0;
    int bad = lp_atomic_file_put(path, doc.data ? doc.data : "", doc.len, 0, NULL) != LP_OK;
    lp_buf_free(&doc);
    if (bad) {
        cli_error("failed to export snapshot: %s: %s", path, errno ? strerror(errno) : "write error");
        return CLI_EXIT_UNKNOWN_ERROR_PANIC;
    }
    if (snap_dir) cli_snapshot_saved(o, path);
    else cli_export_said(msgs, path);
    return CLI_OK;
}

/* The install dir's detection templates beside text, snapshot and json (Powerpipe's detection
 * resolver: its Null, Text and Snapshot formatters and detection_templates/json): 0, or the exit
 * status (said). */
static int load_formats(const cli_opts *o, dt_job *j)
{
    static const cli_fmt BUILTIN[] = {
        { .name = "text", .alias = "brief", .ext = ".txt", .id = DT_TEXT, .tmpl = -1 },
        { .name = "snapshot", .alias = "pps", .ext = ".pps", .id = DT_SNAPSHOT, .tmpl = -1 },
        { .name = "json", .ext = ".json", .id = DT_JSON, .tmpl = -1, .templated = 1 },
    };
    lp_buf err = { 0 };
    int rc = cli_formats_load(&j->formats, o, 1, BUILTIN, sizeof BUILTIN / sizeof *BUILTIN, &err);
    if (rc != 0) {
        if (o->nexports) cli_error("failed to load exporters: %s", err.data ? err.data : "");
        else cli_error("%s", err.data ? err.data : "");
    }
    lp_buf_free(&err);
    return rc ? (o->nexports ? CLI_EXIT_UNKNOWN_ERROR_PANIC : CLI_EXIT_INITIALIZATION_FAILED) : 0;
}

/* The exports and --output of a detection run: 0, or the exit status of a refusal. */
static int check_flags(const cli_opts *o, int snapshot_default, dt_job *j)
{
    j->out_tmpl = -1;
    int rc = load_formats(o, j);
    if (rc) return rc;
    for (int i = 0; i < o->nexports; i++) {
        dt_format f;
        const char *ext;
        int named;
        j->export_tmpl[i] = -1;
        int at = cli_formats_output(&j->formats, o->exports[i]);
        if (at < 0) at = cli_fmt_resolve(j->formats.fmts, j->formats.nfmts, o->exports[i], &named);
        if (at >= 0 && j->formats.fmts[at].tmpl >= 0) {
            j->export_tmpl[i] = j->formats.fmts[at].tmpl;
            continue;
        }
        if (export_format(o->exports[i], &f, &ext, &named) != 0) {
            /* Powerpipe validates exports in NewInitData: an initialisation failure */
            cli_error("invalid export format '%s': a detection run exports json, pps (snapshot) or text",
                      o->exports[i]);
            return CLI_EXIT_INITIALIZATION_FAILED;
        }
    }
    if (o->output_template || (o->output_given && o->format == CLI_FMT_JSON)) {
        int at = cli_formats_output(&j->formats, o->output_template ? o->output_template : "json");
        if (at >= 0 && j->formats.fmts[at].tmpl >= 0) {
            j->out_tmpl = j->formats.fmts[at].tmpl;
            j->fmt = DT_JSON;
            return 0;
        }
        if (o->output_template) {   /* GetFormatter fails in NewInitData */
            cli_error("invalid output format: '%s'", o->output_template);
            return CLI_EXIT_INITIALIZATION_FAILED;
        }
    }
    switch (o->output_given ? o->format : snapshot_default ? CLI_FMT_SNAPSHOT : CLI_FMT_TEXT) {
    case CLI_FMT_TEXT:
    case CLI_FMT_BRIEF: j->fmt = DT_TEXT; return 0;   /* TextFormatter's alias */
    case CLI_FMT_JSON: j->fmt = DT_JSON; return 0;
    case CLI_FMT_SNAPSHOT:
    case CLI_FMT_PPS: j->fmt = DT_SNAPSHOT; return 0;
    case CLI_FMT_NONE: j->fmt = DT_NONE; return 0;
    default:   /* the detection templates are json only: GetFormatter fails in NewInitData */
        cli_error("invalid output format: '%s'", cli_format_names[o->format]);
        return CLI_EXIT_INITIALIZATION_FAILED;
    }
}

/* a finished detection's rows and errors, for the status line */
static void status_event(void *user, const lp_run_event *ev)
{
    if (ev->type != LP_EV_NODE_COMPLETE) return;
    cli_status_rows(user, lp_node_row_count(ev->node));
    cli_status_node_done(user, ev->node);
}

/* Run target in ws and print it as j says; ws stays open. */
static int run_detection(const cli_opts *o, lp_workspace *ws, const char *target, const dt_job *j,
                         const char *snap_dir)
{
    dt_format fmt = j->fmt;
    /* a detection, else a detection benchmark (`benchmark` of type "detection", `detection_benchmark`) */
    lp_kind kind = LP_KIND_DETECTION_BENCHMARK;
    if (lp_resolve_target(ws, LP_KIND_DETECTION, target) != LP_NO_ENTRY) kind = LP_KIND_DETECTION;
    lp_run_opts ro = cli_run_opts(o, ws);
    cli_status status;
    cli_status_start(&status, o, target);   /* named as given, as Powerpipe's reporter */
    ro.on_event = status_event;
    ro.user = &status;
    lp_run *run = NULL;
    lp_error err = { 0 };
    cli_signals_catch();
    if (lp_run_start(ws, kind, &target, 1, &ro, &run, &err) != LP_OK) {
        cli_signals_release();
        if (err.code == LP_ERR_NOT_FOUND)
            cli_error("no detection or detection benchmark named '%s'", target);
        else
            cli_error("%s", err.message);
        return CLI_EXIT_INITIALIZATION_FAILED;
    }
    /* --detection-timeout and Ctrl-C stop the run: GenerateSnapshot returns the context's error, which
     * Powerpipe shows instead of the output (its unknown-error exit) */
    cli_wait_result stopped = cli_run_wait_status(run, (int64_t)o->benchmark_timeout_s * 1000, &status);
    if (stopped != CLI_WAIT_DONE) {
        cli_error("%s", stopped == CLI_WAIT_TIMEOUT ? "context deadline exceeded" : "execution cancelled");
        lp_run_free(run);
        cli_signal_finish(1);
        return CLI_EXIT_UNKNOWN_ERROR_PANIC;
    }
    cli_signals_release();
    int rc = CLI_OK;
    if (j->out_tmpl >= 0) {
        /* written to stdout as it is made, as Powerpipe's FormatDetection pipes it to io.Copy: a
         * failing template has printed what it made before its error */
        lp_buf out = { 0 }, terr = { 0 };
        if (cli_detection_tmpl_render(j->formats.sets[j->out_tmpl], &j->formats.tmpls[j->out_tmpl], run, o,
                                      stdout, &out, &terr) != 0) {
            cli_write_stdout(out.data, out.len);
            cli_error("%s", terr.data ? terr.data : "the template failed");
            rc = CLI_EXIT_UNKNOWN_ERROR_PANIC;
        } else if (cli_write_stdout(out.data ? out.data : "", out.len)) {
            rc = CLI_ERRORS;
        }
        lp_buf_free(&out);
        lp_buf_free(&terr);
    } else if (fmt != DT_NONE) {
        lp_buf out = { 0 };
        if (render(run, fmt, &out) != LP_OK) {
            cli_error("out of memory writing the output");
            rc = CLI_EXIT_UNKNOWN_ERROR_PANIC;
        } else if (cli_write_stdout(out.data ? out.data : "", out.len)) {
            rc = CLI_ERRORS;
        }
        lp_buf_free(&out);
    }
    const char *name = lp_node_name(lp_node_child(lp_run_root(run), 0));
    lp_buf msgs = { 0 };   /* said once every export is written (detection.go: after DoExport) */
    if (snap_dir && rc == CLI_OK) rc = export_one(j, run, "pps", -1, name, o, snap_dir, &msgs);
    for (int i = 0; i < o->nexports && rc == CLI_OK; i++)
        rc = export_one(j, run, o->exports[i], j->export_tmpl[i], name, o, NULL, &msgs);
    if (rc == CLI_OK && msgs.len && o->progress) printf("\n%s\n", msgs.data);
    lp_buf_free(&msgs);
    lp_run_free(run);
    return rc;
}

int cli_detection_benchmark_run(const cli_opts *o, lp_workspace *ws, const char *target)
{
    static dt_job j;
    int rc = check_flags(o, 1, &j);
    char snap_dir[4096];
    if (!rc) rc = cli_snapshot_dir(o, snap_dir, sizeof snap_dir);
    if (!rc) rc = run_detection(o, ws, target, &j, snap_dir[0] ? snap_dir : NULL);
    cli_formats_free(&j.formats);
    return rc;
}

int cmd_detection_run(const cli_opts *o)
{
    if (o->nargs != 1) {
        cli_error("\"lazypipe detection run\" takes one NAME");
        return CLI_USAGE;
    }
    static dt_job j;
    int rc = check_flags(o, 0, &j);
    char snap_dir[4096];
    if (!rc) rc = cli_snapshot_dir(o, snap_dir, sizeof snap_dir);
    if (rc) {
        cli_formats_free(&j.formats);
        return rc;
    }
    cli_register_drivers();
    lp_workspace *ws;
    if (!cli_mod_found(o)) {
        cli_formats_free(&j.formats);
        return cli_no_mod(o, CLI_EXIT_INITIALIZATION_FAILED); /* Powerpipe's InitData failed */
    }
    if (cli_open_workspace(o, CLI_OPEN_WAIT, &ws) != 0) {
        cli_formats_free(&j.formats);
        return CLI_ERRORS;
    }
    (void)cli_workspace_errors(ws, 1);
    rc = run_detection(o, ws, o->args[0], &j, snap_dir[0] ? snap_dir : NULL);
    cli_close(ws);
    cli_formats_free(&j.formats);
    return rc;
}
