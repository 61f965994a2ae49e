/* msgs.c — Powerpipe's dashboard server messages, compact and in Go
 * encoding/json's form (struct fields in declaration order, map keys sorted,
 * omitempty honoured), built from the index of one pinned workspace version.
 *
 * execution_started follows Powerpipe's run tree: the layout is
 * SnapshotTreeNode {name, children?, panel_type} (a dashboard's `with` blocks
 * left out, leaves without children), the panels map every node of the tree
 * by name to what its run serialises.  Until resources are loaded on demand
 * (issue 14) a panel carries what the index knows: srv_panel is the one
 * function to change then. */
#include "server.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_TREE_DEPTH 64
#define MAX_SOURCE_BYTES (1u << 20)

void srv_timestamp(char *buf, size_t size)
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    char frac[16] = "";
    if (ts.tv_nsec) {
        snprintf(frac, sizeof frac, ".%09ld", ts.tv_nsec);
        size_t n = strlen(frac);
        while (frac[n - 1] == '0') frac[--n] = '\0';
    }
    snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d%sZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
}

static void mod_metadata(lp_buf *b, const lp_mod_info *m)
{
    lp_buf_putc(b, '{');
    if (m->title[0]) {
        lp_buf_puts(b, "\"title\":");
        lp_json_cstr(b, m->title);
        lp_buf_putc(b, ',');
    }
    lp_buf_puts(b, "\"full_name\":");
    lp_json_cstr(b, m->full_name);
    lp_buf_puts(b, ",\"short_name\":");
    lp_json_cstr(b, m->name);
    lp_buf_putc(b, '}');
}

static int cmp_mod(const void *a, const void *b)
{
    return strcmp(((const lp_mod_info *)a)->full_name, ((const lp_mod_info *)b)->full_name);
}

void srv_server_metadata(const lp_workspace *ws, lp_buf *out)
{
    lp_buf_puts(out, "{\"action\":\"server_metadata\",\"metadata\":{");
    lp_mod_info main;
    uint32_t nmods = lp_mod_count(ws);
    if (nmods && lp_mod_get(ws, 0, &main) == LP_OK) {
        lp_buf_puts(out, "\"mod\":");
        mod_metadata(out, &main);
        lp_buf_putc(out, ',');
    }
    /* installed_mods: every other mod, keyed (sorted) by full name; omitted when none */
    lp_mod_info *deps = nmods > 1 ? calloc(nmods - 1, sizeof *deps) : NULL;
    uint32_t nd = 0;
    for (uint32_t m = 1; deps && m < nmods; m++)
        if (lp_mod_get(ws, m, &deps[nd]) == LP_OK && strcmp(deps[nd].full_name, main.full_name) != 0) nd++;
    if (nd) {
        qsort(deps, nd, sizeof *deps, cmp_mod);
        lp_buf_puts(out, "\"installed_mods\":{");
        for (uint32_t i = 0; i < nd; i++) {
            if (i && strcmp(deps[i].full_name, deps[i - 1].full_name) == 0) continue;
            if (i) lp_buf_putc(out, ',');
            lp_json_cstr(out, deps[i].full_name);
            lp_buf_putc(out, ':');
            mod_metadata(out, &deps[i]);
        }
        lp_buf_puts(out, "},");
    }
    free(deps);
    /* no telemetry, so no cloud; no database, so no search path and no support for it */
    lp_buf_puts(out, "\"cli\":{\"version\":\"" LP_VERSION "\"},\"telemetry\":\"none\",\"search_path\":null,"
                     "\"supports_search_path\":false,\"supports_time_range\":false}}");
}

void srv_execution_error(const char *error, const char *timestamp, lp_buf *out)
{
    lp_buf_puts(out, "{\"action\":\"execution_error\",\"error\":");
    lp_json_cstr(out, error);
    lp_buf_puts(out, ",\"timestamp\":");
    lp_json_cstr(out, timestamp);
    lp_buf_putc(out, '}');
}

void srv_workspace_error(const char *error, lp_buf *out)
{
    lp_buf_puts(out, "{\"action\":\"workspace_error\",\"error\":");
    lp_json_cstr(out, error);
    lp_buf_putc(out, '}');
}

void srv_dashboard_metadata(lp_buf *out)
{
    lp_buf_puts(out, "{\"action\":\"dashboard_metadata\",\"metadata\":{\"supports_search_path\":false,"
                     "\"supports_time_range\":false}}");
}

static void count_errors(const lp_diag *d, const lp_diag **first, uint32_t *n)
{
    if (d->severity != LP_SEV_ERROR) return;
    if (!*first) *first = d;
    (*n)++;
}

void srv_workspace_errors(const lp_workspace *ws, char *buf, size_t size)
{
    const lp_diag *first = NULL;
    uint32_t n = 0;
    for (uint32_t i = 0; i < lp_diag_count(ws); i++) count_errors(lp_diag_at(ws, i), &first, &n);
    for (uint32_t i = 0; i < lp_resolve_diag_count(ws); i++)
        count_errors(lp_resolve_diag_at(ws, i), &first, &n);
    buf[0] = '\0';
    if (!first) return;
    size_t len = lp_diag_format(first, buf, size);
    if (n > 1 && len < size) snprintf(buf + len, size - len, " (and %u more errors)", n - 1);
}

/* ------------------------------------------------------------ the run tree */

/* A node's children in Powerpipe's run tree: a dashboard's and container's
 * nested blocks (`with` apart), a benchmark's benchmarks and controls, a
 * graph's, flow's and hierarchy's nodes and edges. */
static int tree_child(lp_kind parent, lp_kind child)
{
    if (child == LP_KIND_WITH || child == LP_KIND_VARIABLE || child == LP_KIND_QUERY) return 0;
    switch (parent) {
    case LP_KIND_DASHBOARD:
    case LP_KIND_CONTAINER: return 1;
    case LP_KIND_BENCHMARK:
    case LP_KIND_DETECTION_BENCHMARK:
        return child == LP_KIND_BENCHMARK || child == LP_KIND_DETECTION_BENCHMARK ||
               child == LP_KIND_CONTROL || child == LP_KIND_DETECTION;
    case LP_KIND_GRAPH:
    case LP_KIND_FLOW:
    case LP_KIND_HIERARCHY: return child == LP_KIND_NODE || child == LP_KIND_EDGE;
    default: return 0;
    }
}

/* Leaves of the layout: Powerpipe's LeafRun.AsTreeNode has no children. */
static int layout_parent(lp_kind k)
{
    return k == LP_KIND_DASHBOARD || k == LP_KIND_CONTAINER || k == LP_KIND_BENCHMARK ||
           k == LP_KIND_DETECTION_BENCHMARK;
}

static int on_path(const uint32_t *path, int depth, uint32_t id)
{
    for (int i = 0; i < depth; i++)
        if (path[i] == id) return 1;
    return 0;
}

/* The name of a node's run: Powerpipe names a dashboard's own inputs after the
 * dashboard ("<dashboard>.input.<name>", DashboardRun.createChildRuns). */
static const char *run_name(const lp_workspace *ws, uint32_t parent, const lp_entry_info *e, char *buf,
                            size_t size)
{
    lp_entry_info pe;
    if (e->kind != LP_KIND_INPUT || parent == LP_NO_ENTRY || lp_entry_get(ws, parent, &pe) != LP_OK ||
        pe.kind != LP_KIND_DASHBOARD)
        return e->name;
    snprintf(buf, size, "%s.input.%s", pe.name, e->short_name);
    return buf;
}

static void layout(const lp_workspace *ws, uint32_t id, uint32_t parent, uint32_t *path, int depth,
                   lp_buf *out)
{
    lp_entry_info e;
    if (lp_entry_get(ws, id, &e) != LP_OK) return;
    path[depth] = id;
    char scoped[1024];
    lp_buf_puts(out, "{\"name\":");
    lp_json_cstr(out, run_name(ws, parent, &e, scoped, sizeof scoped));
    int n = 0;
    uint32_t nc = layout_parent(e.kind) && depth + 1 < MAX_TREE_DEPTH ? lp_entry_child_count(ws, id) : 0;
    for (uint32_t i = 0; i < nc; i++) {
        uint32_t c = lp_entry_child(ws, id, i);
        lp_entry_info ce;
        if (c == LP_NO_ENTRY || on_path(path, depth + 1, c) || lp_entry_get(ws, c, &ce) != LP_OK ||
            !tree_child(e.kind, ce.kind))
            continue;
        lp_buf_puts(out, n++ ? "," : ",\"children\":[");
        layout(ws, c, id, path, depth + 1, out);
    }
    if (n) lp_buf_putc(out, ']');
    lp_buf_puts(out, ",\"panel_type\":");
    lp_json_cstr(out, lp_kind_name(e.kind));
    lp_buf_putc(out, '}');
}

typedef struct panel_list {
    uint32_t *ids;
    char **names;                  /* run names, malloc'd */
    size_t n, cap;
    int oom;
} panel_list;

static void collect(const lp_workspace *ws, uint32_t id, uint32_t parent, uint32_t *path, int depth,
                    panel_list *pl)
{
    lp_entry_info e;
    if (lp_entry_get(ws, id, &e) != LP_OK) return;
    if (pl->n == pl->cap) {
        size_t cap = pl->cap ? pl->cap * 2 : 64;
        uint32_t *ids = realloc(pl->ids, cap * sizeof *ids);
        if (ids) pl->ids = ids;
        char **names = realloc(pl->names, cap * sizeof *names);
        if (names) pl->names = names;
        if (!ids || !names) {
            pl->oom = 1;
            return;
        }
        pl->cap = cap;
    }
    char scoped[1024];
    char *name = strdup(run_name(ws, parent, &e, scoped, sizeof scoped));
    if (!name) {
        pl->oom = 1;
        return;
    }
    pl->ids[pl->n] = id;
    pl->names[pl->n++] = name;
    path[depth] = id;
    uint32_t nc = depth + 1 < MAX_TREE_DEPTH ? lp_entry_child_count(ws, id) : 0;
    for (uint32_t i = 0; i < nc; i++) {
        uint32_t c = lp_entry_child(ws, id, i);
        lp_entry_info ce;
        if (c != LP_NO_ENTRY && !on_path(path, depth + 1, c) && lp_entry_get(ws, c, &ce) == LP_OK &&
            tree_child(e.kind, ce.kind))
            collect(ws, c, id, path, depth + 1, pl);
    }
}

/* Powerpipe's run status at execution start: "initialized" for a run with a
 * query to execute (or a parent of one), "complete" otherwise. */
static int needs_run(const lp_workspace *ws, uint32_t id, int depth)
{
    lp_entry_info e;
    if (depth >= MAX_TREE_DEPTH || lp_entry_get(ws, id, &e) != LP_OK) return 0;
    if (e.has_sql) return 1;
    for (uint32_t i = 0; i < lp_entry_child_count(ws, id); i++) {
        uint32_t c = lp_entry_child(ws, id, i);
        lp_entry_info ce;
        if (c != LP_NO_ENTRY && lp_entry_get(ws, c, &ce) == LP_OK && tree_child(e.kind, ce.kind) &&
            needs_run(ws, c, depth + 1))
            return 1;
    }
    return 0;
}

static void source_definition(const lp_workspace *ws, const lp_entry_info *e, lp_buf *out)
{
    lp_file_info f;
    char *text = NULL;
    ssize_t got = 0;
    if (e->byte_length && e->byte_length <= MAX_SOURCE_BYTES && lp_file_get(ws, e->file, &f) == LP_OK) {
        int fd = open(f.path, O_RDONLY | O_CLOEXEC);
        if (fd >= 0 && (text = malloc(e->byte_length))) got = pread(fd, text, e->byte_length, e->byte_offset);
        if (fd >= 0) close(fd);
    }
    lp_json_str(out, text ? text : "", got > 0 ? (size_t)got : 0);
    free(text);
}

static void opt_str(lp_buf *out, const char *key, const char *v)
{
    if (!v[0]) return;
    lp_buf_printf(out, ",\"%s\":", key);
    lp_json_cstr(out, v);
}

void srv_panel(const lp_workspace *ws, uint32_t id, const char *name, const char *dashboard, lp_buf *out)
{
    lp_entry_info e;
    if (lp_entry_get(ws, id, &e) != LP_OK) {
        lp_buf_puts(out, "null");
        return;
    }
    /* DashboardTreeRunImpl's fields, then the subscriber's sql for a leaf with a query */
    lp_buf_puts(out, "{\"dashboard\":");
    lp_json_cstr(out, dashboard);
    opt_str(out, "description", e.description);
    opt_str(out, "display", e.display);
    opt_str(out, "documentation", e.documentation);
    lp_buf_puts(out, ",\"name\":");
    lp_json_cstr(out, name ? name : e.name);
    lp_buf_puts(out, ",\"panel_type\":");
    lp_json_cstr(out, lp_kind_name(e.kind));
    lp_buf_puts(out, ",\"source_definition\":");
    source_definition(ws, &e, out);
    lp_buf_printf(out, ",\"status\":\"%s\"", needs_run(ws, id, 0) ? "initialized" : "complete");
    if (e.tags.n) {
        lp_buf_puts(out, ",\"tags\":{");
        for (uint32_t i = 0; i < e.tags.n; i++) {
            const char *k, *v;
            lp_tags_at(&e.tags, i, &k, &v);
            if (i) lp_buf_putc(out, ',');
            lp_json_cstr(out, k);
            lp_buf_putc(out, ':');
            lp_json_cstr(out, v);
        }
        lp_buf_putc(out, '}');
    }
    opt_str(out, "title", e.title);
    if (e.has_width && e.width) lp_buf_printf(out, ",\"width\":%d", (int)e.width);
    const char *sql = e.sql;
    if (!sql[0] && e.query_ref[0]) {
        uint32_t q = lp_lookup(ws, e.query_ref);
        lp_entry_info qe;
        if (q != LP_NO_ENTRY && lp_entry_get(ws, q, &qe) == LP_OK) sql = qe.sql;
    }
    if (!layout_parent(e.kind)) opt_str(out, "sql", sql);
    lp_buf_putc(out, '}');
}

static int cmp_name(const void *a, const void *b, void *names)
{
    const char *const *n = names;
    return strcmp(n[*(const uint32_t *)a], n[*(const uint32_t *)b]);
}

void srv_execution_started(const lp_workspace *ws, uint32_t root, const char *exec_id, const char *start_time,
                           lp_buf *out)
{
    uint32_t path[MAX_TREE_DEPTH];
    lp_entry_info re;
    if (lp_entry_get(ws, root, &re) != LP_OK) return;
    lp_buf_puts(out, "{\"schema_version\":\"20240607\",\"action\":\"execution_started\",\"execution_id\":");
    lp_json_cstr(out, exec_id);
    lp_buf_puts(out, ",\"panels\":{");
    panel_list pl = { 0 };
    collect(ws, root, LP_NO_ENTRY, path, 0, &pl);
    /* a map: keys sorted, each once */
    uint32_t *order = malloc((pl.n ? pl.n : 1) * sizeof *order);
    if (!order || pl.oom) out->oom = 1;
    for (size_t i = 0; order && i < pl.n; i++) order[i] = (uint32_t)i;
    if (order) qsort_r(order, pl.n, sizeof *order, cmp_name, pl.names);
    for (size_t i = 0; order && i < pl.n; i++) {
        if (i && strcmp(pl.names[order[i]], pl.names[order[i - 1]]) == 0) continue;
        if (i) lp_buf_putc(out, ',');
        lp_json_cstr(out, pl.names[order[i]]);
        lp_buf_putc(out, ':');
        srv_panel(ws, pl.ids[order[i]], pl.names[order[i]], re.name, out);
    }
    free(order);
    for (size_t i = 0; i < pl.n; i++) free(pl.names[i]);
    free(pl.ids);
    free(pl.names);
    lp_buf_puts(out, "},\"layout\":");
    layout(ws, root, LP_NO_ENTRY, path, 0, out);
    lp_buf_puts(out, ",\"start_time\":");
    lp_json_cstr(out, start_time);
    lp_buf_putc(out, '}');
}
