/* cmd_show.c — `lazypipe <type> show NAME [--output pretty|plain|yaml|json]`
 * for every type Powerpipe's show accepts.
 *
 * NAME is resolved as Powerpipe resolves targets (lp_resolve_target: 1, 2 or
 * 3 parts, the main mod first), then loaded whole (lp_load_entry: every
 * attribute evaluated, its tree of children).  json and yaml: the loaded
 * resource's document (lp_resource_json) as the one item of a list, as
 * Powerpipe's JSON and YAML printers marshal PrintableResource.GetItems().
 *
 * pretty and plain: pipe-fittings' ShowPrinter (printers/show_printer.go)
 * over the resource's GetShowData rows, made from the document's values
 * (lp_resource_value: the same values the JSON is written from) (powerpipe internal/resources): the
 * fields of HclResourceImpl (Name, Title, Description, Documentation, Tags)
 * and ModTreeItemImpl (Mod, Database), then QueryProviderImpl's (SQL, Query,
 * Args, Params) for the query providers, then the type's own, in that order.
 * A field is "Key:" padded to the longest key of its row plus 2, then its
 * value; a nil or empty value drops the field; a struct or map goes on the
 * following lines, 2 columns further in, its keys sorted when a map; a list
 * puts one item a line.  pretty colours the keys blue when stdout is a
 * terminal.  Exit status 0; 1 when the name is unknown, the resource
 * cannot be loaded (the reason on stderr) or the workspace has errors; 2
 * for a wrong command line.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ------------------------------------------------------------ show values */

/* What a Go field holds, as the printer sees it: a string (nil when s is
 * NULL), a list, a map (keys sorted when printed) or a row (a Showable's
 * fields, in order). */
enum { SV_STR, SV_LIST, SV_MAP, SV_ROW };

typedef struct sv {
    int kind;
    char *s;
    char **keys;
    struct sv **vals;
    size_t n, cap;
    struct sv *all;              /* every value made, for freeing */
} sv;

typedef struct svpool {
    sv *all;
    int oom;
} svpool;

static sv *sv_new(svpool *p, int kind)
{
    sv *v = calloc(1, sizeof *v);
    if (!v) {
        p->oom = 1;
        return NULL;
    }
    v->kind = kind;
    v->all = p->all;
    p->all = v;
    return v;
}

static sv *sv_strn(svpool *p, const char *s, size_t n)
{
    if (!s) return NULL;
    sv *v = sv_new(p, SV_STR);
    if (!v) return NULL;
    if (!(v->s = malloc(n + 1))) {
        p->oom = 1;
        return NULL;
    }
    memcpy(v->s, s, n);
    v->s[n] = 0;
    return v;
}

static sv *sv_str(svpool *p, const char *s) { return s ? sv_strn(p, s, strlen(s)) : NULL; }

/* Append (key, val) to a row or map, val to a list (key NULL). */
static void sv_add(svpool *p, sv *to, const char *key, sv *val)
{
    if (!to) return;
    if (to->n == to->cap) {
        size_t cap = to->cap ? to->cap * 2 : 8;
        char **k = realloc(to->keys, cap * sizeof *k);
        if (k) to->keys = k;
        sv **v = k ? realloc(to->vals, cap * sizeof *v) : NULL;
        if (!v) {
            p->oom = 1;
            return;
        }
        to->vals = v;
        to->cap = cap;
    }
    to->keys[to->n] = key ? strdup(key) : NULL;
    if (key && !to->keys[to->n]) p->oom = 1;
    to->vals[to->n++] = val;
}

static void sv_free_all(svpool *p)
{
    for (sv *v = p->all, *next; v; v = next) {
        next = v->all;
        for (size_t i = 0; i < v->n; i++) free(v->keys[i]);
        free(v->keys);
        free(v->vals);
        free(v->s);
        free(v);
    }
    p->all = NULL;
}

static const sv *sv_get(const sv *m, const char *key)
{
    for (size_t i = 0; m && m->kind == SV_MAP && i < m->n; i++)
        if (m->keys[i] && !strcmp(m->keys[i], key)) return m->vals[i];
    return NULL;
}

static const char *sv_s(const sv *m, const char *key)
{
    const sv *v = sv_get(m, key);
    return v && v->kind == SV_STR ? v->s : NULL;
}

/* ------------------------------------------------------------ the show document */

/* The loaded resource's document as the library gives its values
 * (lp_resource_value): objects to maps, lists to lists, scalars to their text
 * (Go's %v of the field), null to nil. */
static sv *from_value(svpool *p, const lp_value *v)
{
    lp_value_type t = lp_value_type_of(v);
    if (t == LP_VALUE_NULL) return NULL;
    if (t == LP_VALUE_LIST || t == LP_VALUE_OBJECT) {
        int obj = t == LP_VALUE_OBJECT;
        sv *out = sv_new(p, obj ? SV_MAP : SV_LIST);
        for (uint32_t i = 0; out && i < lp_value_count(v); i++)
            sv_add(p, out, obj ? lp_value_key(v, i) : NULL, from_value(p, lp_value_at(v, i)));
        return out;
    }
    size_t n;
    const char *s = lp_value_str(v, &n);
    return sv_strn(p, s, n);
}

/* r's document as show values, in p; NULL (p->oom set) when memory ran out. */
static sv *document(svpool *p, const lp_resource *r)
{
    lp_value *v;
    if (lp_resource_value(r, &v) != LP_OK) {
        p->oom = 1;
        return NULL;
    }
    sv *doc = from_value(p, v);
    lp_value_free(v);
    return doc;
}

/* ------------------------------------------------------------ GetShowData rows */

typedef struct shower {
    lp_workspace *ws;
    svpool pool;
    int depth;                   /* loads of referenced queries */
} shower;

static void field(shower *s, sv *row, const char *key, const sv *doc, const char *jkey)
{
    sv_add(&s->pool, row, key, (sv *)sv_get(doc, jkey));
}

static sv *show_row(shower *s, const sv *doc);

/* QueryArgs.GetShowData: ArgMap, ArgList, References (run-time, not kept) */
static sv *args_row(shower *s, const sv *args)
{
    if (!args) return NULL;
    sv *row = sv_new(&s->pool, SV_ROW);
    field(s, row, "ArgMap", args, "args");
    field(s, row, "ArgList", args, "args_list");
    sv_add(&s->pool, row, "References", NULL);
    return row;
}

/* ParamDef.GetShowData: Name ("param." + name), Description, Default */
static sv *params_list(shower *s, const sv *params)
{
    if (!params || params->kind != SV_LIST) return NULL;
    sv *list = sv_new(&s->pool, SV_LIST);
    for (size_t i = 0; list && i < params->n; i++) {
        const sv *p = params->vals[i];
        sv *row = sv_new(&s->pool, SV_ROW);
        const char *nm = sv_s(p, "name");
        lp_buf full = { 0 };
        lp_buf_printf(&full, "param.%s", nm ? nm : "");
        sv_add(&s->pool, row, "Name", sv_strn(&s->pool, full.data ? full.data : "", full.len));
        lp_buf_free(&full);
        field(s, row, "Description", p, "description");
        field(s, row, "Default", p, "default");
        sv_add(&s->pool, list, NULL, row);
    }
    return list;
}

/* The Query field: the query itself, a Showable printed as a nested row. */
static sv *query_row(shower *s, const char *name)
{
    if (!name || s->depth > 4) return name ? sv_str(&s->pool, name) : NULL;
    lp_resource *q;
    lp_error err;
    if (lp_load(s->ws, name, &q, &err) != LP_OK) return sv_str(&s->pool, name);
    sv *row = NULL, *doc = document(&s->pool, q);
    s->depth++;
    row = doc ? show_row(s, doc) : NULL;
    s->depth--;
    lp_resource_release(q);
    return row;
}

/* ModTreeItemImpl.GetShowData merged over HclResourceImpl's: Name (the
 * short name, the full one for a dependency mod's resource), Title,
 * Description, Documentation, Tags, Mod, Database. */
static void base_fields(shower *s, sv *row, const sv *doc)
{
    const char *qn = sv_s(doc, "qualified_name");
    uint32_t id = qn ? lp_lookup(s->ws, qn) : LP_NO_ENTRY;
    lp_entry_info e;
    int dep = id != LP_NO_ENTRY && lp_entry_get(s->ws, id, &e) == LP_OK && e.mod != 0;
    field(s, row, "Name", doc, dep ? "qualified_name" : "resource_name");
    field(s, row, "Title", doc, "title");
    field(s, row, "Description", doc, "description");
    field(s, row, "Documentation", doc, "documentation");
    field(s, row, "Tags", doc, "tags");
    field(s, row, "Mod", doc, "mod_name");
    field(s, row, "Database", doc, "database");
}

/* QueryProviderImpl.GetShowData: SQL, Query, Args, Params after the base */
static void query_fields(shower *s, sv *row, const sv *doc)
{
    field(s, row, "SQL", doc, "sql");
    sv_add(&s->pool, row, "Query", query_row(s, sv_s(doc, "query")));
    sv_add(&s->pool, row, "Args", args_row(s, sv_get(doc, "args")));
    sv_add(&s->pool, row, "Params", params_list(s, sv_get(doc, "params")));
}

/* A list of resources (nodes, edges, inputs) as rows */
static sv *rows_of(shower *s, const sv *list)
{
    if (!list || list->kind != SV_LIST) return NULL;
    sv *out = sv_new(&s->pool, SV_LIST);
    for (size_t i = 0; out && i < list->n; i++) sv_add(&s->pool, out, NULL, show_row(s, list->vals[i]));
    return out;
}

static int kind_of(const sv *doc)
{
    const char *qn = sv_s(doc, "qualified_name");
    const char *t = qn ? strchr(qn, '.') : NULL;
    if (!t) return -1;
    t++;
    const char *e = strchr(t, '.');
    size_t n = e ? (size_t)(e - t) : strlen(t);
    for (int k = 0; k < LP_KIND__COUNT; k++)
        if (strlen(lp_kind_name((lp_kind)k)) == n && !strncmp(lp_kind_name((lp_kind)k), t, n)) return k;
    return -1;
}

/* Each type's own fields of GetShowData (powerpipe internal/resources/<type>.go), in
 * its order: label, then the JSON key it shows; a key "[x" is a list of resources
 * (nodes, edges, inputs) shown as rows. */
typedef struct show_field {
    const char *label, *key;
} show_field;

#define WTD { "Width", "width" }, { "Type", "type" }, { "Display", "display" }
static const show_field CONTROL_FIELDS[] = {   /* control.go (pipe-fittings v2): no Type */
    { "Severity", "severity" }, { "Width", "width" }, { "Display", "display" }, { 0 } };
static const show_field DETECTION_FIELDS[] = { WTD, { 0 } };
static const show_field BENCHMARK_FIELDS[] = { { "Children", "children" }, { 0 } };
static const show_field CONTAINER_FIELDS[] = {
    { "Width", "width" }, { "Display", "display" }, { "Inputs", "[inputs" }, { "Children", "children" },
    { 0 } };
static const show_field CARD_FIELDS[] = {
    { "Label", "label" }, { "Value", "value" }, { "Icon", "icon" }, { "HREF", "href" }, WTD, { 0 } };
static const show_field CHART_FIELDS[] = {
    WTD, { "Grouping", "grouping" }, { "Transform", "transform" }, { "Legend", "legend" },
    { "Series", "Series" }, { "Axes", "axes" }, { 0 } };
static const show_field FLOW_FIELDS[] = { WTD, { "Nodes", "[nodes" }, { "Edges", "[edges" }, { 0 } };
static const show_field GRAPH_FIELDS[] = {
    WTD, { "Nodes", "[nodes" }, { "Edges", "[edges" }, { "Direction", "direction" }, { 0 } };
static const show_field IMAGE_FIELDS[] = {
    { "Width", "width" }, { "Display", "display" }, { "Src", "src" }, { "Alt", "alt" }, { 0 } };
static const show_field INPUT_FIELDS[] = {
    WTD, { "Label", "label" }, { "Placeholder", "placeholder" }, { "DashboardName", "dashboard" }, { 0 } };
static const show_field TABLE_FIELDS[] = { WTD, { "Columns", "columns" }, { 0 } };
static const show_field TEXT_FIELDS[] = { WTD, { "Value", "value" }, { 0 } };
#undef WTD

static const show_field *type_fields(int kind)
{
    switch (kind) {
    case LP_KIND_CONTROL: return CONTROL_FIELDS;
    case LP_KIND_DETECTION: return DETECTION_FIELDS;
    case LP_KIND_BENCHMARK:
    case LP_KIND_DETECTION_BENCHMARK: return BENCHMARK_FIELDS;
    case LP_KIND_CONTAINER: return CONTAINER_FIELDS;
    case LP_KIND_CARD: return CARD_FIELDS;
    case LP_KIND_CHART: return CHART_FIELDS;
    case LP_KIND_FLOW:
    case LP_KIND_HIERARCHY: return FLOW_FIELDS;
    case LP_KIND_GRAPH: return GRAPH_FIELDS;
    case LP_KIND_IMAGE: return IMAGE_FIELDS;
    case LP_KIND_INPUT: return INPUT_FIELDS;
    case LP_KIND_TABLE: return TABLE_FIELDS;
    case LP_KIND_TEXT: return TEXT_FIELDS;
    default: return NULL;   /* dashboard, node, edge, with: their embedded impl's only */
    }
}

/* One type's GetShowData (powerpipe internal/resources/<type>.go): its own
 * fields after its base's.  Types that define none (dashboard, node, edge,
 * with) print their embedded impl's. */
static sv *show_row(shower *s, const sv *doc)
{
    sv *row = sv_new(&s->pool, SV_ROW);
    if (!row) return NULL;
    int k = kind_of(doc);
    base_fields(s, row, doc);
    int qp = k != LP_KIND_DASHBOARD && k != LP_KIND_BENCHMARK && k != LP_KIND_DETECTION_BENCHMARK &&
             k != LP_KIND_CONTAINER && k != LP_KIND_TEXT && k != LP_KIND_CATEGORY;
    if (qp) query_fields(s, row, doc);
    for (const show_field *f = type_fields(k); f && f->label; f++) {
        if (f->key[0] == '[') sv_add(&s->pool, row, f->label, rows_of(s, sv_get(doc, f->key + 1)));
        else field(s, row, f->label, doc, f->key);
    }
    return row;
}

/* ------------------------------------------------------------ ShowPrinter */

typedef struct ropt {
    int indent, is_list, color;
} ropt;

static void spaces(lp_buf *b, int n)
{
    for (int i = 0; i < n; i++) lp_buf_putc(b, ' ');
}

static void render_value(lp_buf *out, const sv *v, ropt o);

static int key_cmp(const void *a, const void *b)
{
    const char *const *x = a, *const *y = b;
    return strcmp(x[0], y[0]);
}

/* renderShowData: "Key:" padded to the row's longest key + 2, then the
 * value; a row that is not top level and not a list item starts on a new line */
static void render_row(lp_buf *out, const sv *row, ropt o)
{
    int maxt = 0;
    for (size_t i = 0; i < row->n; i++)
        if ((int)strlen(row->keys[i]) > maxt) maxt = (int)strlen(row->keys[i]);
    maxt += 2;
    lp_buf b = { 0 };
    for (size_t i = 0; i < row->n; i++) {
        lp_buf v = { 0 };
        render_value(&v, row->vals[i], o);
        if (v.len) {
            spaces(&b, o.indent + (o.is_list ? 2 : 0));
            int pad = maxt - (int)strlen(row->keys[i]) - 1;
            if (o.color) lp_buf_puts(&b, "\x1b[34m");
            lp_buf_printf(&b, "%s:", row->keys[i]);
            spaces(&b, pad);
            if (o.color) lp_buf_puts(&b, "\x1b[0m");
            lp_buf_put(&b, v.data, v.len);
        }
        if (v.oom) b.oom = 1;
        lp_buf_free(&v);
    }
    if (b.len) {
        if (!o.is_list && o.indent > 0) lp_buf_putc(out, '\n');
        lp_buf_put(out, b.data, b.len);
    }
    if (b.oom) out->oom = 1;
    lp_buf_free(&b);
}

/* renderValue: nil and "" print nothing; a row (a Showable) or a map 2
 * further in (not again inside a list item); a list one item a line. */
static void render_value(lp_buf *out, const sv *v, ropt o)
{
    if (!v) return;
    ropt c = o;
    switch (v->kind) {
    case SV_ROW:
        if (!o.is_list) c.indent += 2;
        render_row(out, v, c);
        break;
    case SV_MAP: {
        /* a Go map prints sorted by key; the row made of it is never a list item */
        c.is_list = 0;
        if (!o.is_list) c.indent += 2;
        sv sorted = *v;
        size_t n = v->n;
        void *pairs = malloc((n ? n : 1) * 2 * sizeof(void *));
        if (!pairs) {
            out->oom = 1;
            return;
        }
        const void **pp = pairs;
        for (size_t i = 0; i < n; i++) {
            pp[2 * i] = v->keys[i];
            pp[2 * i + 1] = v->vals[i];
        }
        qsort(pairs, n, 2 * sizeof(void *), key_cmp);
        char **ks = malloc((n ? n : 1) * sizeof *ks);
        sv **vs = malloc((n ? n : 1) * sizeof *vs);
        if (ks && vs) {
            for (size_t i = 0; i < n; i++) {
                ks[i] = (char *)pp[2 * i];
                vs[i] = (sv *)pp[2 * i + 1];
            }
            sorted.keys = ks;
            sorted.vals = vs;
            sorted.kind = SV_ROW;
            render_row(out, &sorted, c);
        } else {
            out->oom = 1;
        }
        free(ks);
        free(vs);
        free(pairs);
        break;
    }
    case SV_LIST: {
        c.is_list = 1;
        c.indent += 2;
        lp_buf b = { 0 };
        for (size_t i = 0; i < v->n; i++) render_value(&b, v->vals[i], c);
        if (b.len) {
            if (!o.is_list) lp_buf_putc(out, '\n');
            lp_buf_put(out, b.data, b.len);
        }
        if (b.oom) out->oom = 1;
        lp_buf_free(&b);
        break;
    }
    default:
        if (!v->s || !v->s[0]) return;
        if (o.is_list) spaces(out, o.indent);
        lp_buf_puts(out, v->s);
        lp_buf_putc(out, '\n');
        break;
    }
}

/* The pretty or plain text of loaded resource r. */
static int show_text(lp_workspace *ws, const lp_resource *r, int color, lp_buf *out)
{
    shower s = { ws, { 0 }, 0 };
    sv *doc = document(&s.pool, r);
    sv *row = doc ? show_row(&s, doc) : NULL;
    if (row) render_row(out, row, (ropt){ 0, 0, color });
    int oom = s.pool.oom || !row || out->oom;
    sv_free_all(&s.pool);
    return oom ? LP_ERR_NOMEM : LP_OK;
}

/* Variable has no GetShowData of its own (pipe-fittings modconfig/variable.go): its
 * ModTreeItemImpl's, over the values lp_variable_json writes. */
int cli_show_variable(lp_workspace *ws, uint32_t id, int color, lp_buf *out)
{
    lp_value *v;
    int rc = lp_variable_value(ws, id, &v);
    if (rc != LP_OK) return rc;
    shower s = { ws, { 0 }, 0 };
    sv *doc = from_value(&s.pool, v);
    lp_value_free(v);
    sv *row = doc ? sv_new(&s.pool, SV_ROW) : NULL;
    if (row) {
        base_fields(&s, row, doc);
        render_row(out, row, (ropt){ 0, 0, color });
    }
    int oom = s.pool.oom || !row || out->oom;
    sv_free_all(&s.pool);
    return oom ? LP_ERR_NOMEM : LP_OK;
}

/* A mod (lp_mod_value's document): HclResourceImpl's show fields, Name (the short name, the
 * qualified one for a dependency, as ModTreeItemImpl names a dependency's resources), Title,
 * Description, Documentation, Tags.  Powerpipe's own `mod show` panics in pretty and plain
 * output (ModTreeItemImpl.GetShowData reads the mod's Mod, which a mod does not have). */
int cli_show_mod(const lp_value *mod, int color, lp_buf *out)
{
    shower s = { NULL, { 0 }, 0 };
    sv *doc = from_value(&s.pool, mod);
    sv *row = doc ? sv_new(&s.pool, SV_ROW) : NULL;
    if (row) {
        field(&s, row, "Name", doc, sv_get(doc, "dependency_path") ? "qualified_name" : "resource_name");
        field(&s, row, "Title", doc, "title");
        field(&s, row, "Description", doc, "description");
        field(&s, row, "Documentation", doc, "documentation");
        field(&s, row, "Tags", doc, "tags");
        render_row(out, row, (ropt){ 0, 0, color });
    }
    int oom = s.pool.oom || !row || out->oom;
    sv_free_all(&s.pool);
    return oom ? LP_ERR_NOMEM : LP_OK;
}

static int run_show(const cli_opts *o, lp_kind kind)
{
    lp_workspace *ws;
    int rc;
    /* a workspace with errors exits 1, as list does (the resource is still shown) */
    int bad = cli_open_for_show(o, &ws, &rc);
    if (bad) return bad;
    uint32_t id = lp_resolve_target(ws, kind, o->args[0]);
    lp_resource *r = NULL;
    lp_value *v = NULL;
    lp_error err;
    if (id == LP_NO_ENTRY) {
        char hint[300];
        cli_error("%s not found: %s%s", lp_kind_name(kind), o->args[0],
                  cli_suggest_entry(ws, kind, o->args[0], hint, sizeof hint));
        rc = CLI_ERRORS;
    } else if (lp_load_entry(ws, id, &r, &err) != LP_OK) {
        /* a syntax error was printed already, with the workspace's diagnostics */
        if (!(err.code == LP_ERR_SYNTAX && rc == CLI_ERRORS)) cli_error("%s", err.message);
        rc = CLI_ERRORS;
    } else {
        lp_buf b = { 0 };
        if (o->format == CLI_FMT_JSON) {
            /* Powerpipe's printers marshal the printable's items, a slice of one */
            lp_buf_putc(&b, '[');
            int st = lp_resource_json(r, &b);
            lp_buf_putc(&b, ']');
            rc |= cli_print_document(st, &b, o->format);
        } else if (o->format == CLI_FMT_YAML) {
            rc |= cli_print_yaml_items(lp_resource_value(r, &v), &v, 1);
        } else {
            /* escape codes only where a terminal shows them: piped output stays plain text */
            int color = o->format == CLI_FMT_PRETTY && isatty(STDOUT_FILENO);
            rc |= cli_print_text(show_text(ws, r, color, &b), &b);
        }
        lp_resource_release(r);
    }
    cli_close(ws);
    return rc;
}
int cmd_dashboard_show(const cli_opts *o) { return run_show(o, LP_KIND_DASHBOARD); }
int cmd_benchmark_show(const cli_opts *o) { return run_show(o, LP_KIND_BENCHMARK); }
int cmd_control_show(const cli_opts *o) { return run_show(o, LP_KIND_CONTROL); }
int cmd_query_show(const cli_opts *o) { return run_show(o, LP_KIND_QUERY); }
int cmd_detection_show(const cli_opts *o) { return run_show(o, LP_KIND_DETECTION); }
int cmd_card_show(const cli_opts *o) { return run_show(o, LP_KIND_CARD); }
int cmd_chart_show(const cli_opts *o) { return run_show(o, LP_KIND_CHART); }
int cmd_container_show(const cli_opts *o) { return run_show(o, LP_KIND_CONTAINER); }
int cmd_flow_show(const cli_opts *o) { return run_show(o, LP_KIND_FLOW); }
int cmd_graph_show(const cli_opts *o) { return run_show(o, LP_KIND_GRAPH); }
int cmd_hierarchy_show(const cli_opts *o) { return run_show(o, LP_KIND_HIERARCHY); }
int cmd_image_show(const cli_opts *o) { return run_show(o, LP_KIND_IMAGE); }
int cmd_input_show(const cli_opts *o) { return run_show(o, LP_KIND_INPUT); }
int cmd_table_show(const cli_opts *o) { return run_show(o, LP_KIND_TABLE); }
int cmd_text_show(const cli_opts *o) { return run_show(o, LP_KIND_TEXT); }

/* "dashboard card show": the kind is the middle word */
int cmd_child_show(const cli_opts *o)
{
    char type[32];
    const char *w = strchr(o->cmd->words, ' ') + 1;
    size_t n = strcspn(w, " ");
    snprintf(type, sizeof type, "%.*s", (int)n, w);
    return run_show(o, (lp_kind)lp_kind_from_name(type));
}
