/* check_formats.c — the template formats of a check run, written out as
 * Powerpipe's templates (internal/controldisplay/templates/<name>/output.tmpl)
 * render them, whitespace included: csv, json, md, nunit3, asff; and the
 * snapshot (formatter_snapshot.go).  Each is written in tree order, a control
 * at a time, and handed to ck_flush after each: a group's summary comes from
 * the finished tree's counts, so nothing waits for the end of the document. */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------ csv */

/* toCsvCell: encoding/csv's quoting of one field, then strings.TrimSpace */
static void csv_cell(lp_buf *out, const char *s, const char *sep)
{
    char comma = sep && sep[0] ? sep[0] : ',';
    size_t n = strlen(s);
    int quote = 0;
    if (n) {
        if (strcmp(s, "\\.") == 0) quote = 1;
        for (size_t i = 0; i < n && !quote; i++)
            if (s[i] == comma || s[i] == '"' || s[i] == '\r' || s[i] == '\n') quote = 1;
        if (s[0] == ' ' || s[0] == '\t' || s[0] == '\v' || s[0] == '\f') quote = 1;
    }
    if (!quote) {   /* TrimSpace of an unquoted field: its leading space would have quoted it */
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r' ||
                     s[n - 1] == '\v' || s[n - 1] == '\f'))
            n--;
        lp_buf_put(out, s, n);
        return;
    }
    lp_buf_putc(out, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') lp_buf_putc(out, '"');
        lp_buf_putc(out, s[i]);
    }
    lp_buf_putc(out, '"');
}

static void csv_control(const ck_tree *t, const ck_node *c, const ck_fmt_opts *o, lp_buf *out)
{
    const char *sep = o->separator;
    const ck_node *g = c->parent;
#define CELL(s) csv_cell(out, (s), sep)
#define SEP lp_buf_puts(out, sep)
    if (c->error) {
        CELL(g->id); SEP; CELL(g->title); SEP; CELL(g->description); SEP;
        CELL(c->id); SEP; CELL(c->title); SEP; CELL(c->description); SEP;
        CELL(c->error); SEP; SEP; CELL("error"); SEP;
        for (uint32_t k = 0; k < t->ndim_keys; k++) SEP;
        for (uint32_t k = 0; k < t->ntag_keys; k++) {
            SEP;
            CELL(ck_tag(c, t->tag_keys[k]));
        }
        lp_buf_putc(out, '\n');
        return;
    }
    uint32_t nr = ck_row_count(c);
    for (uint32_t r = 0; r < nr; r++) {
        ck_row row;
        ck_row_get(c, r, &row);
        CELL(g->id); SEP; CELL(g->title); SEP; CELL(g->description); SEP;
        CELL(c->id); SEP; CELL(c->title); SEP; CELL(c->description); SEP;
        CELL(row.reason); SEP; CELL(row.resource); SEP; CELL(row.status); SEP;
        CELL(c->severity);
        for (uint32_t k = 0; k < t->ndim_keys; k++) {
            SEP;
            CELL(ck_row_dim_value(c, r, t->dim_keys[k]));
        }
        for (uint32_t k = 0; k < t->ntag_keys; k++) {
            SEP;
            CELL(ck_tag(c, t->tag_keys[k]));
        }
        lp_buf_putc(out, '\n');
    }
#undef CELL
#undef SEP
}

/* ck_controls: collected in tree order, then ordered by where each name first appears: n log n, where
 * inserting after an earlier instance was n^2 over a benchmark's controls. */
static int collect_tree(const ck_node *g, ck_ctl_list *l)
{
    for (uint32_t i = 0; i < g->nkids; i++) {
        const ck_node *k = g->kids[i];
        if (k->is_group) {
            if (collect_tree(k, l)) return -1;
            continue;
        }
        if (l->n == l->cap) {
            size_t nc = l->cap ? l->cap * 2 : 16;
            const ck_node **nv = realloc(l->v, nc * sizeof *nv);
            if (!nv) return -1;
            l->v = nv;
            l->cap = nc;
        }
        l->v[l->n++] = k;
    }
    return 0;
}

typedef struct ctl_pos {
    const ck_node *c;
    size_t at, first;
} ctl_pos;

static int by_name(const void *a, const void *b)
{
    const ctl_pos *x = a, *y = b;
    int c = strcmp(x->c->name, y->c->name);
    return c ? c : (x->at > y->at) - (x->at < y->at);
}

static int by_first(const void *a, const void *b)
{
    const ctl_pos *x = a, *y = b;
    if (x->first != y->first) return (x->first > y->first) - (x->first < y->first);
    return (x->at > y->at) - (x->at < y->at);
}

int ck_controls(const ck_node *g, ck_ctl_list *l)
{
    int rc = collect_tree(g, l);
    ctl_pos *p = malloc((l->n ? l->n : 1) * sizeof *p);
    if (!p) return -1;   /* tree order: only a reused control's rows are apart */
    for (size_t i = 0; i < l->n; i++) p[i] = (ctl_pos){ l->v[i], i, i };
    qsort(p, l->n, sizeof *p, by_name);
    for (size_t i = 1; i < l->n; i++)
        if (strcmp(p[i].c->name, p[i - 1].c->name) == 0) p[i].first = p[i - 1].first;
    qsort(p, l->n, sizeof *p, by_first);
    for (size_t i = 0; i < l->n; i++) l->v[i] = p[i].c;
    free(p);
    return rc;
}

void ck_csv(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out)
{
    const char *sep = o->separator;
    if (o->header) {
        static const char *const COLS[] = { "group_id",   "title",         "description",
                                            "control_id", "control_title", "control_description",
                                            "reason",     "resource",      "status",
                                            "severity" };
        for (size_t i = 0; i < sizeof COLS / sizeof *COLS; i++) {
            if (i) lp_buf_puts(out, sep);
            lp_buf_puts(out, COLS[i]);
        }
        for (uint32_t k = 0; k < t->ndim_keys; k++) lp_buf_printf(out, "%s%s", sep, t->dim_keys[k]);
        for (uint32_t k = 0; k < t->ntag_keys; k++) lp_buf_printf(out, "%s%s", sep, t->tag_keys[k]);
        lp_buf_putc(out, '\n');
    }
    ck_ctl_list l = { 0 };
    ck_controls(t->root, &l);
    for (size_t i = 0; i < l.n; i++) {
        csv_control(t, l.v[i], o, out);
        ck_flush(out, o);
    }
    free(l.v);
    lp_buf_putc(out, '\n');
}

/* ------------------------------------------------------------------ json */

/* A key, with the punctuation before it, and its string value. */
static void json_field(lp_buf *b, const char *key, const char *value)
{
    lp_buf_puts(b, key);
    lp_json_cstr(b, value);
}

static void json_summary(lp_buf *b, const uint32_t *s)
{
    lp_buf_printf(b, "{\"alarm\":%u,\"ok\":%u,\"info\":%u,\"skip\":%u,\"error\":%u}", s[LP_RES_ALARM],
                  s[LP_RES_OK], s[LP_RES_INFO], s[LP_RES_SKIP], s[LP_RES_ERROR]);
}

static void json_tags(lp_buf *b, const ck_node *n)
{
    if (n->n) lp_node_tags_json(n->n, b);
    else lp_buf_puts(b, "{}");
}

/* toSafeJson of the run error: newlines, tabs to spaces, NULs dropped */
static void safe_json(lp_buf *b, const char *s)
{
    lp_buf clean = { 0 };
    for (const char *p = s ? s : ""; *p; p++)
        lp_buf_putc(&clean, *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
    lp_json_str(b, clean.data ? clean.data : "", clean.len);
    lp_buf_free(&clean);
}

/* A JSON document made compact a piece at a time (as the library writes JSON) and written to
 * out as it goes, indented as cli_json_indent (json, the snapshot on stdout) or as it is. */
typedef struct jdoc {
    lp_buf compact;
    cli_indent indent;
    int pretty;
    lp_buf *out;
    const ck_fmt_opts *o;
} jdoc;

static void jdoc_drain(jdoc *d)
{
    if (d->compact.oom) d->out->oom = 1;
    if (d->pretty) cli_json_indent_piece(&d->indent, d->out, d->compact.data, d->compact.len);
    else if (d->compact.len) lp_buf_put(d->out, d->compact.data, d->compact.len);
    d->compact.len = 0;
    ck_flush(d->out, d->o);
}

static void jdoc_end(jdoc *d)
{
    jdoc_drain(d);
    if (d->pretty) cli_json_indent_end(&d->indent, d->out);
    lp_buf_free(&d->compact);
}

static void json_control(const ck_node *c, lp_buf *b)
{
    lp_buf_puts(b, "{\"summary\":");
    json_summary(b, c->sum);
    lp_buf_puts(b, ",\"results\":");
    uint32_t nr = ck_row_count(c);
    if (!nr) lp_buf_puts(b, "null");
    for (uint32_t r = 0; r < nr; r++) {
        ck_row row;
        ck_row_get(c, r, &row);
        lp_buf_puts(b, r ? "," : "[");
        json_field(b, "{\"reason\":", row.reason);
        json_field(b, ",\"resource\":", row.resource);
        json_field(b, ",\"status\":", row.status);
        lp_buf_puts(b, ",\"dimensions\":");
        if (!row.ndims) lp_buf_puts(b, "null");
        for (uint32_t d = 0; d < row.ndims; d++) {
            const char *k, *v;
            ck_row_dim(c, r, d, &k, &v);
            json_field(b, d ? ",{\"key\":" : "[{\"key\":", k);
            json_field(b, ",\"value\":", v);
            lp_buf_putc(b, '}');
        }
        if (row.ndims) lp_buf_putc(b, ']');
        lp_buf_putc(b, '}');
    }
    if (nr) lp_buf_putc(b, ']');
    json_field(b, ",\"control_id\":", c->id);
    json_field(b, ",\"description\":", c->description);
    json_field(b, ",\"severity\":", c->severity);
    lp_buf_puts(b, ",\"tags\":");
    json_tags(b, c);
    json_field(b, ",\"title\":", c->title);
    lp_node_state st = c->n ? lp_node_get_state(c->n) : LP_NODE_READY;
    lp_buf_printf(b, ",\"run_status\":%d,\"run_error\":",
                  st == LP_NODE_COMPLETE ? 4 : st == LP_NODE_ERROR ? 8 : st == LP_NODE_RUNNING ? 2 : 1);
    safe_json(b, c->error ? c->error : "");
    lp_buf_putc(b, '}');
}

static void json_group(const ck_node *g, jdoc *d)
{
    lp_buf *b = &d->compact;
    json_field(b, "{\"group_id\":", g->id);
    json_field(b, ",\"title\":", g->title);
    json_field(b, ",\"description\":", g->description);
    lp_buf_puts(b, ",\"tags\":");
    json_tags(b, g);
    lp_buf_puts(b, ",\"summary\":{\"status\":");
    json_summary(b, g->sum);
    lp_buf_puts(b, "},\"groups\":");
    int first = 1;
    for (uint32_t i = 0; i < g->nkids; i++)
        if (g->kids[i]->is_group) {
            lp_buf_puts(b, first ? "[" : ",");
            json_group(g->kids[i], d);
            first = 0;
        }
    lp_buf_puts(b, first ? "[]" : "]");
    lp_buf_puts(b, ",\"controls\":");
    first = 1;
    for (uint32_t i = 0; i < g->nkids; i++)
        if (!g->kids[i]->is_group) {
            lp_buf_puts(b, first ? "[" : ",");
            json_control(g->kids[i], b);
            jdoc_drain(d);
            first = 0;
        }
    lp_buf_puts(b, first ? "null" : "]");
    lp_buf_putc(b, '}');
}

void ck_json(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out)
{
    jdoc d = { .pretty = 1, .out = out, .o = o };
    json_group(t->root, &d);
    jdoc_end(&d);
    /* the template's output went through json.Indent, which keeps its trailing space */
    lp_buf_putc(out, ' ');
}

/* ------------------------------------------------------------------ md */

static void md_summary(lp_buf *b, const uint32_t *s)
{
    lp_buf_printf(
        b, "\n| OK | Skip | Info | Alarm | Error | Total |\n|-|-|-|-|-|-|\n| %u | %u | %u | %u | %u | %u |\n",
        s[LP_RES_OK], s[LP_RES_SKIP], s[LP_RES_INFO], s[LP_RES_ALARM], s[LP_RES_ERROR], ck_total(s));
}

static void md_control(const ck_node *c, lp_buf *b)
{
    static const ck_markup md = { { "\n## ", "\n" }, { " \n*", "*" }, "\n", "", { "\n> Error: _", "_\n" },
                                  cli_put_md, md_summary };
    if (!ck_put_control_head(c, &md, b)) {
        lp_buf_puts(b, "\n\n");
        uint32_t nr = ck_row_count(c);
        if (nr) lp_buf_puts(b, "\n| | Reason | Dimensions |\n|-|--------|------------|");
        for (uint32_t r = 0; r < nr; r++) {
            ck_row row;
            ck_row_get(c, r, &row);
            lp_buf_printf(b, "\n| %s | ", ck_status_icon(row.status));
            cli_put_md(b, row.reason);
            lp_buf_puts(b, "| ");
            ck_put_dims(c, r, row.ndims, cli_put_md_code, "", " ", b);
            lp_buf_puts(b, " |");
        }
    }
    lp_buf_putc(b, '\n');
}

static void md_group(const ck_node *g, const ck_fmt_opts *o, lp_buf *b, int root)
{
    lp_buf_puts(b, "\n# ");
    cli_put_md(b, g->title);
    lp_buf_putc(b, '\n');
    if (root) {
        const uint32_t *s = g->sum;
        lp_buf_printf(b,
                      "\n| | TOTAL | %u |\n|-|-|-|\n| ✅ | OK | %u |\n| ⇨ | Skip | %u |\n| ℹ | Info | %u |\n"
                      "| ❌ | Alarm | %u |\n| ❗ | Error | %u |\n",
                      ck_total(s), s[LP_RES_OK], s[LP_RES_SKIP], s[LP_RES_INFO], s[LP_RES_ALARM],
                      s[LP_RES_ERROR]);
    } else {
        md_summary(b, g->sum);
    }
    int controls = 0;
    for (uint32_t i = 0; i < g->nkids; i++) controls |= !g->kids[i]->is_group;
    if (controls) lp_buf_putc(b, '\n');
    ck_put_controls(g, md_control, o, b);
    for (uint32_t i = 0; i < g->nkids; i++)
        if (g->kids[i]->is_group) md_group(g->kids[i], o, b, 0);
}

static void start_time(const ck_tree *t, char *out, size_t size)
{
    time_t s = (time_t)(t->start_ms / 1000);
    struct tm tm;
    localtime_r(&s, &tm);
    strftime(out, size, "%Y-%m-%d %H:%M:%S", &tm);
}

void ck_md(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out)
{
    lp_buf_puts(out, "\n\n");
    ck_put_controls(t->root, md_control, o, out);
    lp_buf_puts(out, "\n\n");
    for (uint32_t i = 0; i < t->root->nkids; i++)
        if (t->root->kids[i]->is_group) md_group(t->root->kids[i], o, out, 1);
    char when[64], cwd[4096];
    start_time(t, when, sizeof when);
    lp_buf_printf(out,
                  "\n\n\\\n_Report run at `%s` using [`Powerpipe %s`](https://powerpipe.io) in dir `%s`._\n",
                  when, LP_VERSION, getcwd(cwd, sizeof cwd) ? cwd : ".");
}

/* ------------------------------------------------------------------ nunit3 */

/* A float64 as Go's %v prints it: the shortest text that reads back the same. */
static void go_float(lp_buf *b, double v)
{
    char s[64];
    for (int p = 1; p <= 17; p++) {
        snprintf(s, sizeof s, "%.*g", p, v);
        if (strtod(s, NULL) == v) break;
    }
    /* Go writes exponents with at least two digits and no '+' padding beyond that: e-05 stays */
    lp_buf_puts(b, s);
}

static void nunit_counts(lp_buf *b, const uint32_t *s)
{
    lp_buf_printf(b, "testcasecount=\"%u\" total=\"%u\" passed=\"%u\" failed=\"%u\" skipped=\"%u\">",
                  ck_total(s), ck_total(s), ck_passed(s), ck_failed(s), s[LP_RES_SKIP]);
}

static const char *short_name(const char *full)
{
    const char *d = strrchr(full, '.');
    return d ? d + 1 : full;
}

static void nunit_control(const ck_node *c, lp_buf *b)
{
    lp_buf_puts(b, "\n<test-suite id=\"");
    cli_put_xml_attr(b, c->id);
    lp_buf_puts(b, "\" name=\"");
    cli_put_xml_attr(b, c->name);
    lp_buf_puts(b, "\" duration=\"");
    go_float(b, (double)c->duration_ns / 1e9);
    lp_buf_puts(b, "\" ");
    nunit_counts(b, c->sum);
    lp_buf_puts(b, "\n    ");
    uint32_t nr = ck_row_count(c);
    for (uint32_t r = 0; r < nr; r++) {
        ck_row row;
        ck_row_get(c, r, &row);
        const char *res = !strcmp(row.status, "ok") || !strcmp(row.status, "info") ? "Passed"
                          : !strcmp(row.status, "skip")                            ? "Skipped"
                                                                                   : "Failed";
        lp_buf_puts(b, "\n        \n<test-case id=\"");
        cli_put_xml_attr(b, short_name(c->name));
        lp_buf_printf(b, "::%u\" name=\"", r);
        cli_put_xml_attr(b, c->name);
        lp_buf_printf(b, "::%u\" result=\"%s\">\n<properties>\n"
                      "    <property>\n     <key>steampipe:status</key>\n     <value>", r, res);
        cli_put_xml(b, row.status);
        lp_buf_puts(b, "</value>\n    </property>\n"
                       "    <property>\n     <key>steampipe:reason</key>\n     <value>");
        cli_put_xml(b, row.reason);
        lp_buf_puts(b, "</value>\n    </property>\n    ");
        for (uint32_t d = 0; d < row.ndims; d++) {
            const char *k, *v;
            ck_row_dim(c, r, d, &k, &v);
            lp_buf_puts(b, "\n    <property>\n    <key>steampipe:dimension:");
            cli_put_xml(b, k);
            lp_buf_puts(b, "</key>\n    <value>");
            cli_put_xml(b, v);
            lp_buf_puts(b, "</value>\n    </property>\n    ");
        }
        lp_buf_puts(b, "\n</properties>\n<reason>\n<message><![CDATA[");
        cli_put_cdata(b, row.reason);
        lp_buf_puts(b, "]]></message>\n</reason>\n</test-case>\n\n    ");
    }
    lp_buf_puts(b, "\n</test-suite>\n");
}

static void nunit_group(const ck_node *g, const ck_fmt_opts *o, lp_buf *b)
{
    lp_buf_puts(b, "\n<test-suite id=\"");
    cli_put_xml_attr(b, g->id);
    lp_buf_puts(b, "\" name=\"");
    cli_put_xml_attr(b, g->title);
    lp_buf_puts(b, "\" duration=\"");
    uint64_t ns = g->n ? g->duration_ns : 0;
    go_float(b, (double)ns / 1e9);
    lp_buf_puts(b, "\" ");
    nunit_counts(b, g->sum);
    lp_buf_puts(b, "\n    ");
    for (uint32_t i = 0; i < g->nkids; i++)
        if (g->kids[i]->is_group) {
            lp_buf_puts(b, "\n        ");
            nunit_group(g->kids[i], o, b);
            lp_buf_puts(b, "\n    ");
        }
    lp_buf_puts(b, "\n    \n    ");
    ck_put_controls(g, nunit_control, o, b);
    lp_buf_puts(b, "</test-suite>\n");
}

void ck_nunit3(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out)
{
    lp_buf_puts(out, "\n<test-run ");
    nunit_counts(out, t->root->sum);
    lp_buf_puts(out, "\n    ");
    for (uint32_t i = 0; i < t->root->nkids; i++)
        if (t->root->kids[i]->is_group) {
            lp_buf_puts(out, "\n        ");
            nunit_group(t->root->kids[i], o, out);
            lp_buf_puts(out, "\n    ");
        }
    lp_buf_puts(out, "\n    \n    ");
    ck_put_controls(t->root, nunit_control, o, out);
    lp_buf_puts(out, "</test-run>\n");
}

/* ------------------------------------------------------------------ asff */

static int cmp_name(const void *a, const void *b)
{
    return strcmp((*(const ck_node *const *)a)->name, (*(const ck_node *const *)b)->name);
}

void ck_asff(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out)
{
    /* .Data.ControlRuns is a map: ranged in key (full name) order, each control once */
    ck_ctl_list l = { 0 };
    ck_controls(t->root, &l);
    size_t n = 0;
    for (size_t i = 0; i < l.n; i++)
        if (!n || strcmp(l.v[n - 1]->name, l.v[i]->name) != 0) l.v[n++] = l.v[i];
    qsort(l.v, n, sizeof *l.v, cmp_name);
    char now[64];
    time_t s = time(NULL);
    struct tm tm;
    localtime_r(&s, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%S%z", &tm);
    size_t nl = strlen(now);   /* Go's Z07:00: "Z" for UTC, else +hh:mm */
    if (tm.tm_gmtoff == 0) snprintf(now + nl - 5, 6, "Z");
    else {
        memmove(now + nl - 1, now + nl - 2, 3);
        now[nl - 2] = ':';
    }
    int first = 1;
    lp_buf_putc(out, '[');
    for (size_t i = 0; i < n; i++) {
        const ck_node *c = l.v[i];
        if (strcmp(ck_tag(c, "plugin"), "aws") != 0) continue;
        uint32_t nr = ck_row_count(c);
        for (uint32_t r = 0; r < nr; r++) {
            ck_row row;
            ck_row_get(c, r, &row);
            const char *region = ck_row_dim_value(c, r, "region"),
                       *acct = ck_row_dim_value(c, r, "account_id");
            if (!first) lp_buf_putc(out, ',');
            first = 0;
            lp_buf_printf(
                out,
                "\n{\n    \"SchemaVersion\": \"2018-10-08\",\n    \"Id\": \"%s\",\n    \"ProductArn\": "
                "\"arn:aws:securityhub:%s:%s:product/%s/default\",\n    \"ProductFields\": {\n"
                "        \"ProviderName\": \"Powerpipe\",\n        \"ProviderVersion\": \"%s\"\n    },\n"
                "    \"GeneratorId\": \"powerpipe-%s\",\n    \"AwsAccountId\": \"%s\",\n    \"Types\": [\n"
                "        \"automated\"\n    ],\n    \"UpdatedAt\": \"%s\",\n    \"CreatedAt\": \"%s\",\n"
                "    \"Title\": ",
                c->name, region, acct, acct, LP_VERSION, short_name(c->name), acct, now, now);
            lp_json_cstr(out, c->title);
            lp_buf_puts(out, ",\n    \"Description\": ");
            lp_json_cstr(out, c->description);
            char up[64] = "INFORMATIONAL";
            if (c->severity[0]) {
                size_t k = 0;
                for (; c->severity[k] && k + 1 < sizeof up; k++)
                    up[k] = (char)(c->severity[k] >= 'a' && c->severity[k] <= 'z' ? c->severity[k] - 32
                                                                                   : c->severity[k]);
                up[k] = '\0';
            }
            const char *st = !strcmp(row.status, "ok")      ? "PASSED"
                             : !strcmp(row.status, "error") ? "WARNING"
                             : !strcmp(row.status, "alarm") ? "FAILED"
                                                            : "NOT_AVAILABLE";
            lp_buf_printf(
                out,
                ",\n    \"Severity\": {\n        \"Label\": \"%s\"\n    },\n    \"Resources\": [\n"
                "        {\n            \"Type\": \"Other\",\n            \"Id\": \"%s\"\n        }\n"
                "    ],\n    \"Compliance\": {\n        \"Status\": \"%s\"\n    }\n}",
                up, row.resource, st);
        }
        ck_flush(out, o);
    }
    lp_buf_puts(out, "\n]\n");
    free(l.v);
}

/* ------------------------------------------------------------------ snapshot */

/* The library writes the document (lp_run_snapshot_write, the CLI's form); it comes here a piece
 * at a time, indented on stdout, compact in an export, and is written out as it grows. */
typedef struct snap_out {
    jdoc d;
    size_t written;
} snap_out;

static int snap_piece(void *user, const char *data, size_t len)
{
    snap_out *s = user;
    lp_buf_put(&s->d.compact, data, len);
    s->written += len;
    jdoc_drain(&s->d);
    return s->d.out->oom;
}

/* The rows of controls the run discarded, read back from the spool a control at a time */
static uint32_t spool_ncols(void *user, const lp_run_node *n) { return ck_spool_ncols(user, n); }
static const lp_db_col *spool_col(void *user, const lp_run_node *n, uint32_t i)
{
    return ck_spool_col(user, n, i);
}

static int spool_rows(void *user, const lp_run_node *n, lp_row_emit_fn emit, void *ctx)
{
    uint32_t nr = ck_spool_nrows(user, n);
    for (uint32_t r = 0; r < nr; r++) {
        int rc = emit(ctx, ck_spool_row(user, n, r), ck_spool_status(user, n, r));
        if (rc) return rc;
    }
    return 0;
}

void ck_snapshot(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out)
{
    if (!t->root->nkids) return;
    const ck_node *top = t->root->kids[0];
    snap_out s = { .d = { .pretty = !o->for_export, .out = out, .o = o } };
    lp_rows_source spool = { spool_ncols, spool_col, spool_rows, t->spool };
    lp_snapshot_opts so = { .form = LP_SNAPSHOT_CHECK_CLI,
                            .group_name = top->n ? NULL : top->name,   /* several targets' group */
                            .rows = t->spool ? &spool : NULL,
                            .write = snap_piece,
                            .user = &s };
    int rc = lp_run_snapshot_write(t->run, &so);
    if (rc == LP_ERR_NOMEM) out->oom = 1;
    if (s.written) {
        jdoc_end(&s.d);
        lp_buf_putc(out, '\n');
    } else {
        lp_buf_free(&s.d.compact);
    }
}
