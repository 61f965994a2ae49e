/* cmd_check.c — `control run` and `benchmark run`: Powerpipe's check
 * command (internal/cmd/check.go).  The targets run through lp_run; the
 * finished run becomes the result tree of check.h, which the --output format
 * prints and each --export writes.  As Powerpipe: several targets are run
 * and printed one by one, unless an export names a file, which merges them
 * into one tree; the exit status is 2 when controls are in error, 1 when
 * some alarm, else 0 (250 when nothing could run, 254 for bad flags). */
#include "check.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>


typedef enum ck_format {
    CK_TEXT, CK_BRIEF, CK_CSV, CK_JSON, CK_MD, CK_HTML, CK_NUNIT3, CK_ASFF, CK_SNAPSHOT, CK_NONE, CK__COUNT
} ck_format;

/* Names (and aliases) as Powerpipe registers its formatters, with the file
 * extension each exports to (format_resolver.go, output_template.go). */
static const struct {
    const char *name, *alias, *ext;
} FORMATS[CK__COUNT] = {
    [CK_TEXT] = { "text", "brief", ".txt" },
    [CK_BRIEF] = { "brief", NULL, ".txt" },
    [CK_CSV] = { "csv", NULL, ".csv" },
    [CK_JSON] = { "json", NULL, ".json" },
    [CK_MD] = { "md", NULL, ".md" },
    [CK_HTML] = { "html", NULL, ".html" },
    [CK_NUNIT3] = { "nunit3", "nunit3.xml", ".nunit3.xml" },
    [CK_ASFF] = { "asff", "asff.json", ".asff.json" },
    [CK_SNAPSHOT] = { "snapshot", "pps", ".pps" },
    [CK_NONE] = { "none", NULL, NULL },
};

static int format_by_name(const char *s)
{
    for (int f = 0; f < CK__COUNT; f++)
        if (strcasecmp(s, FORMATS[f].name) == 0 || (FORMATS[f].alias && strcasecmp(s, FORMATS[f].alias) == 0))
            return f;
    return -1;
}

/* An export target: a format name gives <name>.<time><ext>; otherwise the
 * extension after the last dot picks the format (export/manager.go: .json is
 * json's, .xml nunit3's, .txt text's).  A format may be a custom template's (tmpl >= 0, an index
 * into the job's templates): a built-in's own name when the user's directory of that name holds
 * their own template, which Powerpipe renders. */
typedef struct ck_export {
    ck_format format;
    int tmpl;
    char path[4096];
    int named;
} ck_export;

/* The formats an export or --output may name: ours (FORMATS without none; "brief" on its own: it
 * prints text briefly) and the install dir's templates (export_tmpl.h). */
static int formats_load(cli_formats *f, const cli_opts *o, lp_buf *err)
{
    cli_fmt b[CK__COUNT];
    size_t n = 0;
    for (int k = 0; k < CK__COUNT; k++) {
        if (k == CK_NONE) continue;
        /* Powerpipe's text, snapshot and none are its own formatters; the rest its templates */
        int templated = k != CK_TEXT && k != CK_BRIEF && k != CK_SNAPSHOT;
        b[n++] = (cli_fmt){ .name = FORMATS[k].name,
                            .alias = k == CK_TEXT ? NULL : FORMATS[k].alias,
                            .ext = k == CK_BRIEF ? NULL : FORMATS[k].ext,
                            .id = k,
                            .tmpl = -1,
                            .templated = templated };
    }
    return cli_formats_load(f, o, 0, b, n, err);
}

static int resolve_export(const cli_formats *f, const char *arg, ck_export *e)
{
    int named;
    int i = cli_fmt_resolve(f->fmts, f->nfmts, arg, &named);
    if (i < 0 || (named && strlen(arg) >= sizeof e->path)) return -1;
    e->format = f->fmts[i].id >= 0 ? (ck_format)f->fmts[i].id : CK_TEXT;
    e->tmpl = f->fmts[i].tmpl;
    e->named = named;
    snprintf(e->path, sizeof e->path, "%s", named ? arg : "");
    return 0;
}

/* ------------------------------------------------------------------ the tree */

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

static const char *str_or_empty(const char *s) { return s ? s : ""; }

static int add_key(char ***keys, uint32_t *n, const char *k)
{
    for (uint32_t i = 0; i < *n; i++)
        if (strcmp((*keys)[i], k) == 0) return 0;
    char **nk = realloc(*keys, (*n + 1) * sizeof **keys);
    if (!nk) return -1;
    *keys = nk;
    if (!(nk[*n] = dup_str(k))) return -1;
    (*n)++;
    return 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int is_fixed_column(const char *name)
{
    return strcmp(name, "reason") == 0 || strcmp(name, "resource") == 0 || strcmp(name, "status") == 0;
}

/* A control's columns and rows: the run's, or the spool's when the run discarded them. */
uint32_t ck_col_count(const ck_node *c)
{
    if (!c->n || c->is_group) return 0;
    return c->spool ? ck_spool_ncols(c->spool, c->n) : lp_node_column_count(c->n);
}

const lp_db_col *ck_col(const ck_node *c, uint32_t i)
{
    return c->spool ? ck_spool_col(c->spool, c->n, i) : lp_node_column(c->n, i);
}

const lp_db_cell *ck_row_cells(const ck_node *c, uint32_t r)
{
    return c->spool ? ck_spool_row(c->spool, c->n, r) : lp_node_row(c->n, r);
}

static uint32_t ncols(const ck_node *c) { return ck_col_count(c); }
static const char *col_name(const ck_node *c, uint32_t i) { return ck_col(c, i)->name; }
static const lp_db_cell *row_cells(const ck_node *c, uint32_t r) { return ck_row_cells(c, r); }

static int col_index(const ck_node *c, const char *name)
{
    if (!c->spool) return lp_node_column_index(c->n, name);
    uint32_t nc = ncols(c);
    for (uint32_t i = 0; i < nc; i++)
        if (!strcmp(col_name(c, i), name)) return (int)i;
    return -1;
}

/* reason and resource: the last column of the name, as NewResultRow assigns each in turn */
static int last_col_index(const ck_node *c, const char *name)
{
    int at = -1;
    uint32_t nc = ncols(c);
    for (uint32_t i = 0; i < nc; i++)
        if (!strcmp(col_name(c, i), name)) at = (int)i;
    return at;
}

uint32_t ck_row_count(const ck_node *c)
{
    if (!c->n || c->is_group) return 0;
    return c->spool ? ck_spool_nrows(c->spool, c->n) : lp_node_row_count(c->n);
}

void ck_row_get(const ck_node *c, uint32_t r, ck_row *out)
{
    const lp_db_cell *cells = row_cells(c, r);
    int ri = last_col_index(c, "reason"), si = last_col_index(c, "resource");
    out->reason = ri >= 0 && cells[ri].text ? cells[ri].text : "";
    out->resource = si >= 0 && cells[si].text ? cells[si].text : "";
    out->status = lp_result_status_name(c->spool ? ck_spool_status(c->spool, c->n, r)
                                                 : lp_node_row_status(c->n, r));
    uint32_t nd = 0, nc = ncols(c);
    for (uint32_t i = 0; i < nc; i++)
        if (!is_fixed_column(col_name(c, i))) nd++;
    out->ndims = nd;
}

void ck_row_dim(const ck_node *c, uint32_t r, uint32_t i, const char **key, const char **value)
{
    const lp_db_cell *cells = row_cells(c, r);
    uint32_t nc = ncols(c);
    for (uint32_t k = 0; k < nc; k++) {
        const char *name = col_name(c, k);
        if (is_fixed_column(name)) continue;
        if (i-- == 0) {
            *key = name;
            *value = cells[k].text ? cells[k].text : "";
            return;
        }
    }
    *key = *value = "";
}

const char *ck_row_dim_value(const ck_node *c, uint32_t r, const char *key)
{
    int i = col_index(c, key);
    if (i < 0 || is_fixed_column(key)) return "";
    const lp_db_cell *cells = row_cells(c, r);
    return cells[i].text ? cells[i].text : "";
}

void ck_flush(lp_buf *out, const ck_fmt_opts *o)
{
    if (!o->sink || out->len < 65536 || out->oom) return;
    if (fwrite(out->data, 1, out->len, o->sink) != out->len) out->oom = 1;   /* reported as a failed write */
    out->len = 0;
}

const char *ck_status_icon(const char *st)
{
    if (!strcmp(st, "ok")) return "✅";
    if (!strcmp(st, "skip")) return "⇨";
    if (!strcmp(st, "info")) return "ℹ";
    if (!strcmp(st, "alarm")) return "❌";
    if (!strcmp(st, "error")) return "❗";
    return "";
}

int ck_put_control_head(const ck_node *c, const ck_markup *m, lp_buf *out)
{
    lp_buf_puts(out, m->title[0]);
    m->put(out, c->title);
    lp_buf_puts(out, m->title[1]);
    if (c->description[0]) {
        lp_buf_puts(out, m->description[0]);
        m->put(out, c->description);
        lp_buf_puts(out, m->description[1]);
    }
    lp_buf_puts(out, m->before_summary);
    m->summary(out, c->sum);
    lp_buf_puts(out, m->after_summary);
    if (!c->error) return 0;
    lp_buf_puts(out, m->error[0]);
    m->put(out, c->error);
    lp_buf_puts(out, m->error[1]);
    return 1;
}

void ck_put_dims(const ck_node *c, uint32_t r, uint32_t ndims, void (*put)(lp_buf *out, const char *text),
                 const char *before, const char *after, lp_buf *out)
{
    for (uint32_t d = 0; d < ndims; d++) {
        const char *k, *v;
        ck_row_dim(c, r, d, &k, &v);
        lp_buf_puts(out, before);
        put(out, v);
        lp_buf_puts(out, after);
    }
}

void ck_put_controls(const ck_node *g, ck_control_fn *put, const ck_fmt_opts *o, lp_buf *out)
{
    for (uint32_t i = 0; i < g->nkids; i++)
        if (!g->kids[i]->is_group) {
            put(g->kids[i], out);
            ck_flush(out, o);
        }
}

const char *ck_tag(const ck_node *c, const char *key)
{
    if (!c->n) return "";
    uint32_t n = lp_node_tag_count(c->n);
    for (uint32_t i = 0; i < n; i++) {
        const char *k, *v;
        lp_node_tag(c->n, i, &k, &v);
        if (strcmp(k, key) == 0) return v;
    }
    return "";
}

static void free_node(ck_node *n)
{
    if (!n) return;
    for (uint32_t i = 0; i < n->nkids; i++) free_node(n->kids[i]);
    free(n->kids);
    free(n);
}

static void free_tree(ck_tree *t)
{
    free_node(t->root);
    for (uint32_t i = 0; i < t->ndim_keys; i++) free(t->dim_keys[i]);
    for (uint32_t i = 0; i < t->ntag_keys; i++) free(t->tag_keys[i]);
    for (uint32_t i = 0; i < t->nsevs; i++) free(t->sevs[i].severity);
    free(t->dim_keys);
    free(t->tag_keys);
    free(t->sevs);
    memset(t, 0, sizeof *t);
}

static ck_node *new_node(int is_group, ck_node *parent)
{
    ck_node *n = calloc(1, sizeof *n);
    if (!n) return NULL;
    n->is_group = is_group;
    n->parent = parent;
    n->id = n->name = n->title = n->description = n->severity = "";
    return n;
}

static int add_kid(ck_node *p, ck_node *k)
{
    ck_node **nk = realloc(p->kids, (p->nkids + 1) * sizeof *nk);
    if (!nk) return -1;
    p->kids = nk;
    nk[p->nkids++] = k;
    return 0;
}

static int note_tags(ck_tree *t, const lp_run_node *n)
{
    uint32_t nt = lp_node_tag_count(n);
    for (uint32_t i = 0; i < nt; i++) {
        const char *k, *v;
        lp_node_tag(n, i, &k, &v);
        if (add_key(&t->tag_keys, &t->ntag_keys, k) != 0) return -1;
    }
    return 0;
}

static int note_severity(ck_tree *t, const ck_node *c)
{
    uint32_t i = 0;
    while (i < t->nsevs && strcmp(t->sevs[i].severity, c->severity) != 0) i++;
    if (i == t->nsevs) {
        ck_sev *ns = realloc(t->sevs, (t->nsevs + 1) * sizeof *ns);
        if (!ns) return -1;
        t->sevs = ns;
        memset(&ns[i], 0, sizeof ns[i]);
        if (!(ns[i].severity = dup_str(c->severity))) return -1;
        t->nsevs++;
    }
    for (int s = 0; s < LP_RES__COUNT; s++) t->sevs[i].sum[s] += c->sum[s];
    return 0;
}

/* The control's id in Powerpipe's outputs: unqualified ("control.x") in the main mod. */
static const char *control_id(const ck_tree *t, const char *name)
{
    size_t ml = strlen(t->mod_name);
    if (strncmp(name, t->mod_name, ml) == 0 && name[ml] == '.') return name + ml + 1;
    return name;
}

static ck_node *build(ck_tree *t, const lp_run_node *n, ck_node *parent)
{
    int group = lp_node_get_type(n) == LP_NODE_BENCHMARK;
    if (!group && lp_node_get_type(n) != LP_NODE_CONTROL) return NULL;
    ck_node *c = new_node(group, parent);
    if (!c) return NULL;
    c->n = n;
    c->name = lp_node_name(n);
    c->id = group ? c->name : control_id(t, c->name);
    c->title = str_or_empty(lp_node_str(n, "title"));
    c->description = str_or_empty(lp_node_str(n, "description"));
    c->severity = str_or_empty(lp_node_str(n, "severity"));
    c->duration_ns = lp_node_duration_ns(n);
    if (!group) c->spool = t->spool;
    if (note_tags(t, n) != 0) goto fail;
    if (!group) {
        lp_node_summary(n, c->sum);
        if (lp_node_get_state(n) == LP_NODE_ERROR) {
            c->error = str_or_empty(lp_node_error(n));
            /* Powerpipe's setError counts the run itself as one error */
            if (ck_total(c->sum) == 0) c->sum[LP_RES_ERROR] = 1;
        }
        c->ncontrols = 1;
        uint32_t nc = lp_node_column_count(n);
        for (uint32_t i = 0; i < nc; i++) {
            const char *cn = lp_node_column(n, i)->name;
            if (!is_fixed_column(cn) && add_key(&t->dim_keys, &t->ndim_keys, cn) != 0) goto fail;
        }
        if (note_severity(t, c) != 0) goto fail;
        return c;
    }
    uint32_t nk = lp_node_child_count(n);
    for (uint32_t i = 0; i < nk; i++) {
        ck_node *k = build(t, lp_node_child(n, i), c);
        if (!k) {
            if (t->root == NULL) goto fail;   /* out of memory is marked by a NULL root below */
            continue;
        }
        if (k->ncontrols == 0) {   /* Powerpipe leaves out benchmarks with no control to run */
            free_node(k);
            continue;
        }
        if (add_kid(c, k) != 0) {
            free_node(k);
            goto fail;
        }
        c->ncontrols += k->ncontrols;
        for (int s = 0; s < LP_RES__COUNT; s++) c->sum[s] += k->sum[s];
    }
    return c;
fail:
    free_node(c);
    return NULL;
}

/* The name of the last child of `parent` that counts for the tree lines:
 * its resource's children in order, benchmarks only when they have controls
 * here (group.go isLastChild; controls always count, control.go). */
static ck_node *find_group(ck_node *n, const char *name)
{
    if (!n->is_group) return NULL;
    if (n->n && strcmp(n->name, name) == 0) return n;
    for (uint32_t i = 0; i < n->nkids; i++) {
        ck_node *f = find_group(n->kids[i], name);
        if (f) return f;
    }
    return NULL;
}

static void mark_last(ck_tree *t, ck_node *g)
{
    const char *last_group = NULL, *last_any = NULL;
    if (g->n) {
        uint32_t id = lp_lookup(t->ws, g->name);
        uint32_t n = id == LP_NO_ENTRY ? 0 : lp_entry_child_count(t->ws, id);
        for (uint32_t i = 0; i < n; i++) {
            lp_entry_info info;
            if (lp_entry_get(t->ws, lp_entry_child(t->ws, id, i), &info) != 0) continue;
            last_any = info.name;
            if (info.kind == LP_KIND_BENCHMARK || info.kind == LP_KIND_DETECTION_BENCHMARK) {
                const ck_node *f = find_group(t->root, info.name);
                if (!f || f->ncontrols == 0) continue;
            }
            last_group = info.name;
        }
    }
    for (uint32_t i = 0; i < g->nkids; i++) {
        ck_node *k = g->kids[i];
        if (g == t->root || !g->n) k->last_child = g == t->root || i + 1 == g->nkids;
        else
            k->last_child =
                strcmp(k->name, k->is_group ? str_or_empty(last_group) : str_or_empty(last_any)) == 0;
        if (k->is_group) mark_last(t, k);
    }
}

/* The tree of a finished run; merged: several targets under a synthetic group. */
static int build_tree(ck_tree *t, const lp_run *run, lp_workspace *ws, int merged, int dry_run,
                      ck_spool *spool)
{
    lp_mod_info mi;
    memset(t, 0, sizeof *t);
    t->spool = spool;
    t->ws = ws;
    t->run = run;
    t->dry_run = dry_run;
    t->mod_name = lp_mod_get(ws, 0, &mi) == 0 ? mi.name : "";
    t->start_ms = lp_run_start_time_ms(run);
    t->end_ms = lp_run_end_time_ms(run);
    ck_node *root = t->root = new_node(1, NULL);
    if (!root) return -1;
    root->id = "root_result_group";
    ck_node *holder = root;
    static char synthetic[256];
    if (merged) {
        if (!(holder = new_node(1, root)) || add_kid(root, holder) != 0) {
            free(holder == root ? NULL : holder);
            return -1;
        }
        snprintf(synthetic, sizeof synthetic, "%s.benchmark.root", t->mod_name);
        holder->id = holder->name = synthetic;
    }
    const lp_run_node *lr = lp_run_root(run);
    uint32_t nk = lp_node_child_count(lr);
    for (uint32_t i = 0; i < nk; i++) {
        ck_node *k = build(t, lp_node_child(lr, i), holder);
        if (!k) continue;
        if (k->is_group && k->ncontrols == 0) {
            free_node(k);
            continue;
        }
        if (add_kid(holder, k) != 0) {
            free_node(k);
            return -1;
        }
        holder->ncontrols += k->ncontrols;
        for (int s = 0; s < LP_RES__COUNT; s++) holder->sum[s] += k->sum[s];
    }
    if (merged) {
        root->ncontrols = holder->ncontrols;
        memcpy(root->sum, holder->sum, sizeof root->sum);
    } else if (root->nkids) {
        root->title = root->kids[0]->title;   /* NewRootResultGroup: the target's title */
    }
    mark_last(t, root);
    if (spool) {   /* the columns went with the rows: the spool noted the keys */
        char **keys;
        uint32_t nkeys = ck_spool_keys(spool, &keys);
        for (uint32_t i = 0; i < nkeys; i++)
            if (add_key(&t->dim_keys, &t->ndim_keys, keys[i]) != 0) return -1;
    }
    if (t->ndim_keys > 1) qsort(t->dim_keys, t->ndim_keys, sizeof *t->dim_keys, cmp_str);
    if (t->ntag_keys > 1) qsort(t->tag_keys, t->ntag_keys, sizeof *t->tag_keys, cmp_str);
    return 0;
}

/* ------------------------------------------------------------------ running */

typedef struct progress {
    int on;
    uint32_t done, total, errors, slots;
    ck_spool *spool;            /* rows are written here as controls complete (or NULL) */
} progress;

static uint32_t count_controls(const lp_run_node *n)
{
    if (lp_node_get_type(n) == LP_NODE_CONTROL) return 1;
    uint32_t c = 0, k = lp_node_child_count(n);
    for (uint32_t i = 0; i < k; i++) c += count_controls(lp_node_child(n, i));
    return c;
}

static void on_event(void *user, const lp_run_event *ev)
{
    progress *p = user;
    if (p->spool && ev->type == LP_EV_NODE_COMPLETE) ck_spool_add(p->spool, ev->node);
    if (!p->on) return;
    if (ev->type == LP_EV_RUN_STARTED) p->total = count_controls(ev->node);
    else if (ev->type == LP_EV_NODE_COMPLETE) {
        p->done++;
        p->errors += lp_node_get_state(ev->node) == LP_NODE_ERROR;
    }
    if (ev->type == LP_EV_RUN_COMPLETE) {
        cli_status_clear_text();
    } else {
        /* Powerpipe's status line (controlstatus setStatusFromProgress); completions are reported
         * in tree order, so "running" is the connections' share of what is left */
        uint32_t left = p->total - p->done, running = left < p->slots ? left : p->slots;
        char line[256];
        snprintf(line, sizeof line, "Running %u control%s. (%u complete, %u running, %u pending, %u error%s)",
                 p->total, p->total == 1 ? "" : "s", p->done, running, left - running, p->errors,
                 p->errors == 1 ? "" : "s");
        cli_status_draw_text(line);
    }
}

/* table.go groupDepth, as written (a group without subgroups counts 0) */
static int group_depth(const ck_node *g, int my)
{
    int max = 0, any = 0;
    for (uint32_t i = 0; i < g->nkids; i++)
        if (g->kids[i]->is_group) {
            any = 1;
            int d = group_depth(g->kids[i], my + 1);
            if (d > max) max = d;
        }
    return any ? my + max : 0;
}

int ck_display_width(int depth)
{
    int cols = cli_config_display_width();   /* POWERPIPE_DISPLAY_WIDTH */
    if (!cols) {
        struct winsize ws;
        if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) cols = ws.ws_col;
    }
    /* table.go MinimumWidth: the deepest group indent, a title's character, severity, counter, graph */
    int min = depth * 2 + 1 + 8 + 7 + 10;
    if (cols < min) cols = min;
    if (cols > 200) cols = 200;
    return cols;
}

static int display_width(const ck_tree *t) { return ck_display_width(group_depth(t->root, 0)); }

static void render(const ck_tree *t, ck_format f, const cli_opts *o, int for_export, int color, lp_buf *out,
                   FILE *sink)
{
    ck_fmt_opts fo = { .sink = sink,
                       .header = o->header,
                       .separator = o->separator ? o->separator : ",",
                       .brief = f == CK_BRIEF,
                       .color = color,
                       .terminal = !for_export && isatty(STDOUT_FILENO),
                       .for_export = for_export };
    switch (f) {
    case CK_TEXT:
    case CK_BRIEF:
        fo.width = display_width(t);
        ck_text(t, &fo, out);
        break;
    case CK_CSV: ck_csv(t, &fo, out); break;
    case CK_JSON: ck_json(t, &fo, out); break;
    case CK_MD: ck_md(t, &fo, out); break;
    case CK_HTML: ck_html(t, &fo, out); break;
    case CK_NUNIT3: ck_nunit3(t, &fo, out); break;
    case CK_ASFF: ck_asff(t, &fo, out); break;
    case CK_SNAPSHOT: ck_snapshot(t, &fo, out); break;
    case CK_NONE:
    case CK__COUNT: break;
    }
}

typedef struct check_job {
    const cli_opts *o;
    lp_workspace *ws;
    lp_kind kind;
    ck_format output;
    int output_tmpl;            /* --output's template (an index into formats.tmpls), else -1 */
    cli_formats formats;
    ck_export *exports;
    int nexports;
    int color;
    int interrupted;            /* Ctrl-C: the run was cancelled, no more trees, no exports */
    int render_interrupted;     /* a signal stopped a template's rendering: the process ends by it */
    lp_run_share *share;        /* one pool of connections for every tree's run (NULL: each its own) */
    char snap_dir[4096];        /* --snapshot's directory ("" without it) */
} check_job;

/* A template rendered, streamed to sink when given (ck_tmpl_render): 0 or -1; a signal during it
 * marks the job (render_interrupted). */
static int render_tmpl(check_job *j, const ck_tree *t, int tmpl, FILE *sink, lp_buf *out, lp_buf *err)
{
    ck_tmpl_data d = { .tree = t };
    int rc = ck_tmpl_render(j->formats.sets[tmpl], &j->formats.tmpls[tmpl], &d, j->o, sink, out, err);
    if (rc == CLI_TMPL_INTERRUPTED) j->render_interrupted = j->interrupted = 1;   /* nothing more */
    return rc ? -1 : 0;
}

/* --output's template, written to stdout as it is made (memory a piece at a time whatever the
 * document's size), as Powerpipe's TemplateFormatter.Format pipes ExecuteTemplate's writes to
 * io.Copy(os.Stdout): a template that fails has printed what it made before its error.  The exit
 * status does not change then: runCheckCmd counts the error (totalErrors++) but sets totalErrors
 * from the tree's summary right after, so only the controls decide, where a failed export adds one
 * after (exit 2).  0, or CLI_ERRORS when stdout could not be written. */
static int output_tmpl(check_job *j, const ck_tree *t)
{
    lp_buf out = { 0 }, err = { 0 };
    int status = 0;
    if (render_tmpl(j, t, j->output_tmpl, stdout, &out, &err) != 0) {
        if (j->render_interrupted) out.len = 0;
        if (cli_write_stdout(out.data, out.len)) status = CLI_ERRORS;   /* what was made before */
        if (!j->render_interrupted) cli_error("%s", err.data ? err.data : "the template failed");
    } else if (out.oom || cli_write_stdout(out.data, out.len)) {
        status = CLI_ERRORS;
    }
    lp_buf_free(&out);
    lp_buf_free(&err);
    return status;
}

/* An export, written to the file as it is rendered (every format streams through ck_flush, a
 * template through ck_tmpl_render's sink).  -1 with a template's message in *err. */
static int export_file(check_job *j, const ck_tree *t, ck_format f, int tmpl, const char *path,
                       lp_buf *err)
{
    lp_atomic_file *af;
    if (lp_atomic_file_open(path, 0, &af, NULL) != LP_OK) return -1;
    FILE *file = lp_atomic_file_stream(af);
    if (!file) {
        lp_atomic_file_abort(af);
        return -1;
    }
    lp_buf b = { 0 };
    int failed = 0;
    if (tmpl >= 0) failed = render_tmpl(j, t, tmpl, file, &b, err) != 0;
    else render(t, f, j->o, 1, 0, &b, file);
    int bad = failed || b.oom || (b.len && fwrite(b.data, 1, b.len, file) != b.len) ||
              (t->spool && ck_spool_failed(t->spool));
    lp_buf_free(&b);
    if (bad) {
        lp_atomic_file_abort(af);   /* the previous file stays, not a partial one */
        return -1;
    }
    return lp_atomic_file_commit(af, NULL) == LP_OK ? 0 : -1;
}


/* Run targets as one tree, print it, export it.  Returns 0, or the exit
 * status of a failure; *alarms / *errors get the tree's counts. */
static int run_tree(check_job *j, const char *const *targets, uint32_t ntargets, int merged,
                    const char *tree_name, uint32_t *alarms, uint32_t *errors)
{
    const cli_opts *o = j->o;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    progress prog = { .on = o->progress && !o->dry_run && isatty(STDERR_FILENO),
                      .slots = o->max_parallel > 0 ? (uint32_t)o->max_parallel : 10 };
    /* Rows go to a spool file as controls complete, and the run frees them: memory stays at the
     * run's tree, every format reading one control's rows back at a time.  With `--output none` and
     * no export nothing reads them: no spool, the rows are only freed (a run's summary is the
     * nodes'). */
    int rows_read = j->output != CK_NONE || j->nexports > 0;
    if (!o->dry_run && rows_read && !(prog.spool = ck_spool_new())) {
        cli_error("could not create a temporary file for the results");
        return CLI_ERRORS;
    }
    lp_run_opts ro = cli_run_opts(o, j->ws);
    ro.tags = o->tags;
    ro.ntags = (uint32_t)o->ntags;
    ro.where = o->where;
    ro.dry_run = o->dry_run;
    ro.discard_rows = prog.spool != NULL || (!o->dry_run && !rows_read);
    ro.on_event = on_event;
    ro.share = j->share;
    ro.user = &prog;
    lp_run *run = NULL;
    lp_error err = { 0 };
    /* Powerpipe fails on a bad clause building its execution tree (FailOnError: a panic, 255) */
    if (o->where && lp_where_check(o->where, &err) != LP_OK) {
        cli_error("%s", err.message);
        ck_spool_free(prog.spool);
        return CLI_EXIT_UNKNOWN_ERROR_PANIC;
    }
    if (lp_run_start(j->ws, j->kind, targets, ntargets, &ro, &run, &err) != 0) {
        cli_error("%s", err.message[0] ? err.message : "the run could not start");
        ck_spool_free(prog.spool);
        return CLI_EXIT_INITIALIZATION_FAILED;
    }
    /* a signal or the benchmark timeout cancels the run (interrupt.c); what was printed stays whole */
    if (cli_run_wait(run, (int64_t)o->benchmark_timeout_s * 1000) == CLI_WAIT_SIGNAL) j->interrupted = 1;
    ck_tree t;
    int status = 0;
    if (build_tree(&t, run, j->ws, merged, o->dry_run, prog.spool) != 0 ||
        (prog.spool && ck_spool_failed(prog.spool))) {
        cli_error("out of memory or temporary file space for the results");
        free_tree(&t);
        lp_run_free(run);
        ck_spool_free(prog.spool);
        return CLI_EXIT_FILE_SYSTEM_ACCESS_FAILURE;
    }
    *alarms = t.root->sum[LP_RES_ALARM];
    *errors = t.root->sum[LP_RES_ERROR];
    lp_buf out = { 0 };
    if (j->output_tmpl >= 0) {
        status = output_tmpl(j, &t);
    } else {
        render(&t, j->output, o, 0, j->color, &out, stdout);
    }
    if (out.oom) cli_error("out of memory, or stdout could not be written");
    else if (cli_write_stdout(out.data, out.len)) status = CLI_ERRORS;
    /* rows that did not read back (the spool's buffered writes fail when read: a full disk, a file
     * size limit) left controls without them: the document is not whole */
    if (prog.spool && ck_spool_failed(prog.spool)) {
        cli_error("out of memory or temporary file space for the results");
        status = CLI_EXIT_FILE_SYSTEM_ACCESS_FAILURE;
    }
    lp_buf_free(&out);
    /* Powerpipe's timing line (display.PrintTiming): text and brief only, not on a dry run */
    if (o->timing && !o->dry_run && (j->output == CK_TEXT || j->output == CK_BRIEF)) {
        struct timespec t1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        int64_t ms = (int64_t)(t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
        char d[64];
        cli_go_duration_ms(ms, d, sizeof d);
        printf("\nTime: %s\n", d);
    }
    /* --snapshot (publishSnapshot, before the exports; controldisplay.PublishSnapshot prints its
     * message whatever --progress says); a failure counts as an error, as Powerpipe's totalErrors */
    if (j->snap_dir[0] && !j->interrupted) {
        char path[8192];
        cli_snapshot_path(j->snap_dir, tree_name, path, sizeof path);
        if (export_file(j, &t, CK_SNAPSHOT, -1, path, NULL) != 0) {
            cli_error("could not write the snapshot to %s", path);
            (*errors)++;
        } else {
            printf("\nSnapshot saved to %s\n\n", path);
        }
    }
    lp_buf msgs = { 0 };
    /* Powerpipe exports nothing once the run was interrupted */
    for (int i = 0; i < j->nexports && !j->interrupted; i++) {
        ck_export *e = &j->exports[i];
        char path[4200];
        const char *ext = e->tmpl >= 0 ? j->formats.tmpls[e->tmpl].ext : FORMATS[e->format].ext;
        if (e->named) snprintf(path, sizeof path, "%s", e->path);
        else cli_export_name(path, sizeof path, tree_name, ext);
        lp_buf terr = { 0 };
        if (export_file(j, &t, e->format, e->tmpl, path, &terr) != 0) {
            if (j->render_interrupted) break;   /* nothing more: the process ends by the signal */
            if (terr.len) cli_error("%s", terr.data);
            else cli_error("could not export %s", path);
            (*errors)++;
        } else {
            cli_export_said(&msgs, path);
        }
        lp_buf_free(&terr);
    }
    if (msgs.len && o->progress) printf("\n%s\n", msgs.data);
    fflush(stdout);
    lp_buf_free(&msgs);
    free_tree(&t);
    lp_run_free(run);
    ck_spool_free(prog.spool);
    return status;
}

/* The install dir's templates and the formats they add (Powerpipe loads them all at init: a
 * template that does not parse fails every run, 255 when exports are asked for, else 250), then
 * --output's format and the exports'.  0, or the exit status (said). */
static int resolve_formats(check_job *j, const cli_opts *o, ck_export *exports, int *named)
{
    lp_buf err = { 0 };
    if (formats_load(&j->formats, o, &err) != 0) {
        if (o->nexports) cli_error("failed to load exporters: %s", err.data ? err.data : "");
        else cli_error("%s", err.data ? err.data : "");
        lp_buf_free(&err);
        return o->nexports ? CLI_EXIT_UNKNOWN_ERROR_PANIC : CLI_EXIT_INITIALIZATION_FAILED;
    }
    lp_buf_free(&err);
    j->output_tmpl = -1;
    if (o->output_template || (o->output_given && j->output != CK_BRIEF && j->output != CK_NONE)) {
        /* GetFormatter: by name or alias only */
        const char *want = o->output_template ? o->output_template : cli_format_names[o->format];
        int i = cli_formats_output(&j->formats, want);
        if (i < 0 && o->output_template) return cli_format_unknown(o->output_template, o->cmd);
        if (i >= 0) {
            j->output_tmpl = j->formats.fmts[i].tmpl;
            if (j->formats.fmts[i].id >= 0) j->output = (ck_format)j->formats.fmts[i].id;
        }
    }
    int unnamed = 0;
    *named = 0;
    for (int i = 0; i < o->nexports; i++) {
        if (resolve_export(&j->formats, o->exports[i], &exports[j->nexports]) != 0) {
            cli_error("invalid export format: '%s'", o->exports[i]);
            return CLI_EXIT_INSUFFICIENT_OR_WRONG_INPUTS;
        }
        ck_export *e = &exports[j->nexports];
        if (e->named) *named = 1;
        else unnamed = 1;
        int dup = 0;   /* one export per file, as the export manager keys them by path */
        for (int k = 0; k < j->nexports; k++)
            if (exports[k].named == e->named &&
                (e->named ? strcmp(exports[k].path, e->path) == 0
                          : exports[k].format == e->format && exports[k].tmpl == e->tmpl))
                dup = 1;
        if (!dup) j->nexports++;
    }
    if (*named && unnamed) {
        cli_error("combination of named and unnamed exports is not supported");
        return CLI_EXIT_INSUFFICIENT_OR_WRONG_INPUTS;
    }
    return 0;
}

/* A tree's name, which its files not named are named after: its target's full name ("mod.benchmark.name",
 * the resource's Name(): getExecutionTrees' newNamedExecutionTree(target.Name())) */
static void tree_name(const check_job *j, const char *target, char *out, size_t n)
{
    lp_entry_info info;
    uint32_t id = lp_resolve_target(j->ws, j->kind, target);
    if (id != LP_NO_ENTRY && lp_entry_get(j->ws, id, &info) == LP_OK && info.name && *info.name)
        target = info.name;
    snprintf(out, n, "%s", target);
}

/* Open the workspace and run the targets: one tree, or one per target (check.go getExecutionTrees). */
static int run_targets(check_job *j, const cli_opts *o, int named)
{
    int src = cli_snapshot_dir(o, j->snap_dir, sizeof j->snap_dir);
    if (src) return src == CLI_EXIT_UNKNOWN_ERROR_PANIC ? CLI_EXIT_INSUFFICIENT_OR_WRONG_INPUTS : src;
    j->color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    cli_register_drivers();
    if (cli_open_workspace(o, CLI_OPEN_WAIT, &j->ws) != 0) return CLI_EXIT_INITIALIZATION_FAILED;
    lp_entry_info info;
    uint32_t id = j->kind == LP_KIND_BENCHMARK && o->nargs == 1
                      ? lp_resolve_target(j->ws, j->kind, o->args[0])
                      : LP_NO_ENTRY;
    if (id != LP_NO_ENTRY && lp_entry_get(j->ws, id, &info) == LP_OK &&
        (info.kind == LP_KIND_DETECTION_BENCHMARK || strcmp(info.benchmark_type, "detection") == 0)) {
        /* check.go: a detection benchmark runs as `detection run` does */
        int rc = cli_detection_benchmark_run(o, j->ws, o->args[0]);
        cli_close(j->ws);
        return rc;
    }
    /* every target exists before anything runs (Powerpipe resolves them all at init): a second
     * unknown target must not leave the first one's statements run */
    for (int i = 0; i < o->nargs; i++)
        if (strcmp(o->args[i], "all") != 0 && lp_resolve_target(j->ws, j->kind, o->args[i]) == LP_NO_ENTRY) {
            char hint[300];
            cli_error("%s '%s' not found%s", lp_kind_name(j->kind), o->args[i],
                      cli_suggest_entry(j->ws, j->kind, o->args[i], hint, sizeof hint));
            cli_close(j->ws);
            return CLI_EXIT_INITIALIZATION_FAILED;
        }
    cli_signals_catch();
    const char *const *targets = (const char *const *)o->args;
    uint32_t n = (uint32_t)o->nargs;
    int all = n == 1 && strcmp(targets[0], "all") == 0;
    uint32_t alarms = 0, errors = 0;
    int status = 0;
    char name[512];
    if (named || n == 1) {
        /* a named export gets one tree of every target (getExecutionTrees: "check.<mod>", a name no file
         * takes: its exports are all named, a mix being refused, and its snapshot is named after its
         * first target, executionTreeToSnapshot's FileNameRoot); `all` runs one root benchmark of the
         * mod's (NewRootBenchmarkWithChildren: "<mod>.benchmark.root") */
        lp_mod_info mi;
        if (all)
            snprintf(name, sizeof name, "%s.benchmark.root", lp_mod_get(j->ws, 0, &mi) == 0 ? mi.name : "");
        else tree_name(j, targets[0], name, sizeof name);
        status = run_tree(j, targets, n, n > 1 || all, name, &alarms, &errors);
    } else {
        /* a tree per target, run one after another on one pool of connections, as Powerpipe's trees
         * all use InitData's one client: 20 targets open what one needs, not 20 times that (NULL
         * when out of memory: each run opens its own) */
        if ((j->share = lp_run_share_new()))
            lp_run_share_set_pool(j->share, o->max_parallel > 0 ? (uint32_t)o->max_parallel : 10);
        for (uint32_t i = 0; i < n && !status && !j->interrupted; i++) {
            tree_name(j, targets[i], name, sizeof name);
            status = run_tree(j, &targets[i], 1, 0, name, &alarms, &errors);
        }
        lp_run_share_free(j->share);
        j->share = NULL;
    }
    cli_close(j->ws);
    /* A signal while a template rendered (Go's ExecuteTemplate takes no context: Powerpipe's would
     * render on to its end) stops it at once and ends the process by the signal, as a Ctrl-C ends a
     * query run (130 in a shell); the run itself had ended. */
    if (j->render_interrupted) cli_signal_finish(0);
    cli_signal_finish(1);   /* Ctrl-C: Powerpipe's partial output and exit code; TERM, HUP: the signal */
    if (status) return status;
    /* a cancelled run's controls are in error ("cancelled"): 2, as Powerpipe's getExitCode */
    if (j->interrupted) return CLI_EXIT_CONTROLS_ERROR;
    return errors ? CLI_EXIT_CONTROLS_ERROR : alarms ? CLI_EXIT_CONTROLS_ALARM : 0;
}

static int run_check(const cli_opts *o, lp_kind kind)
{
    check_job j = { .o = o, .kind = kind, .output = CK_TEXT, .output_tmpl = -1 };
    if (o->output_given && !o->output_template) {
        int f = format_by_name(cli_format_names[o->format]);
        if (f < 0) {
            cli_error("invalid argument \"%s\" for \"--output\" flag", cli_format_names[o->format]);
            return CLI_USAGE;
        }
        j.output = o->format == CLI_FMT_BRIEF ? CK_BRIEF : (ck_format)f;
    }
    const char *separator = o->separator ? o->separator : ",";
    if (strlen(separator) > 1) {
        cli_error("'--separator' can be 1 character long at most");
        return CLI_EXIT_INSUFFICIENT_OR_WRONG_INPUTS;
    }
    if (o->where && o->ntags) {
        cli_error("only 1 of '--where' and '--tag' may be set");
        return CLI_EXIT_INSUFFICIENT_OR_WRONG_INPUTS;
    }
    static ck_export exports[CLI_MAX_VARS];
    int named = 0;
    int frc = resolve_formats(&j, o, exports, &named);
    if (frc) {
        cli_formats_free(&j.formats);
        return frc;
    }
    j.exports = exports;
    int rc = run_targets(&j, o, named);
    cli_formats_free(&j.formats);
    return rc;
}


int cmd_control_run(const cli_opts *o) { return run_check(o, LP_KIND_CONTROL); }
int cmd_benchmark_run(const cli_opts *o) { return run_check(o, LP_KIND_BENCHMARK); }
