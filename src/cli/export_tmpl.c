/* export_tmpl.c — custom export templates (export_tmpl.h): listing the install dir's template
 * directories, telling Powerpipe's own templates from a user's, the export manager's name and
 * extension rules (pipe-fittings export/manager.go), and loading and rendering a directory as
 * controldisplay's TemplateFormatter does. */
#include "export_tmpl.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Powerpipe's built-in templates: version.json's version and an FNV-1a 64 hash of the files but
 * version.json, concatenated in name order (of the templates in internal/controldisplay). */
static const struct {
    int detection;
    const char *dir, *version;
    uint64_t hash;
} BUILTIN[] = {
    { 0, "asff.json", "1.2.0", 0x8f7e8987ca9c63fbULL }, { 0, "csv", "1.0.4", 0x65e9af90a5af8b2fULL },
    { 0, "html", "1.1.0", 0x529f63056d164ff8ULL },      { 0, "json", "1.1.2", 0x483c623a1c751954ULL },
    { 0, "md", "1.1.0", 0xe5190027c110263cULL },        { 0, "nunit3.xml", "1.0.0", 0x538c2e037c02bc7fULL },
    { 1, "json", "1.0.0", 0x4c8671ade66b0b11ULL },
};

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void free_names(char **v, size_t n);

/* The names in dir but "." and "..", sorted; NULL when it cannot be opened or read whole (out of
 * memory: never a part of them, which would load a template without some of its files). */
static char **dir_files(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    if (!d) return NULL;
    char **v = NULL;
    size_t cap = 0;
    int oom = 0;
    *n = 0;
    for (struct dirent *e; !oom && (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nv = realloc(v, cap * sizeof *nv);
            if (!nv) {
                oom = 1;
                break;
            }
            v = nv;
        }
        if (!(v[*n] = strdup(e->d_name))) oom = 1;
        else (*n)++;
    }
    closedir(d);
    if (oom) {
        free_names(v, *n);
        *n = 0;
        errno = ENOMEM;
        return NULL;
    }
    if (*n) qsort(v, *n, sizeof *v, cmp_names);
    if (!v) v = calloc(1, sizeof *v);
    return v;
}

static void free_names(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

static int template_root(const cli_opts *o, int detection, char *out, size_t cap)
{
    const char *inst = o->install_dir && *o->install_dir ? o->install_dir : "~/.powerpipe";
    if (cli_tildefy(inst, out, cap) != 0) return -1;
    size_t len = strlen(out);
    int k = snprintf(out + len, cap - len, "/check/%s", detection ? "detection_templates" : "templates");
    return k > 0 && (size_t)k < cap - len ? 0 : -1;
}

int cli_tmpl_list(const cli_opts *o, int detection, cli_tmpl **out, size_t *n)
{
    char root[4096];
    *out = NULL;
    *n = 0;
    if (template_root(o, detection, root, sizeof root) != 0) return -1;
    size_t nn;
    char **names = dir_files(root, &nn);
    if (!names) return errno == ENOMEM ? -1 : 0;   /* no template directory: no templates */
    cli_tmpl *v = calloc(nn ? nn : 1, sizeof *v);
    if (!v) {
        free_names(names, nn);
        return -1;
    }
    for (size_t i = 0; i < nn; i++) {
        cli_tmpl *t = &v[*n];
        if (names[i][0] == '.' || strlen(names[i]) >= sizeof t->full) continue;
        if ((size_t)snprintf(t->dir, sizeof t->dir, "%s/%s", root, names[i]) >= sizeof t->dir) continue;
        if (!cli_is_dir(t->dir)) continue;
        size_t files;
        char **f = dir_files(t->dir, &files);
        if (!f) continue;
        free_names(f, files);
        if (!files) continue;   /* files.NotEmpty */
        snprintf(t->full, sizeof t->full, "%s", names[i]);
        snprintf(t->name, sizeof t->name, "%s", names[i]);
        char *dot = strrchr(t->name, '.');
        if (dot) *dot = '\0';   /* filepath.Ext: from the last dot */
        snprintf(t->ext, sizeof t->ext, ".%s", names[i]);
        t->custom = cli_tmpl_is_custom(t, detection);
        (*n)++;
    }
    free_names(names, nn);
    *out = v;
    return 0;
}

int cli_tmpl_is_custom(const cli_tmpl *t, int detection)
{
    size_t bi = 0;
    while (bi < sizeof BUILTIN / sizeof *BUILTIN && !(BUILTIN[bi].detection == detection &&
                                                      strcmp(BUILTIN[bi].dir, t->full) == 0))
        bi++;
    if (bi == sizeof BUILTIN / sizeof *BUILTIN) return 1;   /* not a built-in's name */
    char path[4200];
    snprintf(path, sizeof path, "%s/version.json", t->dir);
    size_t len;
    char *v;
    if (cli_read_file(path, &v, &len) != 0) return 0;   /* Powerpipe writes its own template over it */
    /* {"version": "X"}: the value after "version" */
    char want[64];
    snprintf(want, sizeof want, "\"%s\"", BUILTIN[bi].version);
    const char *k = strstr(v, "\"version\"");
    const char *colon = k ? strchr(k + 9, ':') : NULL;
    while (colon && (*++colon == ' ' || *colon == '\t' || *colon == '\n' || *colon == '\r')) {}
    int same_version = colon && strncmp(colon, want, strlen(want)) == 0;
    free(v);
    if (!same_version) return 0;
    size_t nf;
    char **f = dir_files(t->dir, &nf);
    if (!f) return 0;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < nf; i++) {
        if (!strcmp(f[i], "version.json")) continue;
        snprintf(path, sizeof path, "%s/%s", t->dir, f[i]);
        char *data = NULL;
        if (cli_read_file(path, &data, &len) != 0) data = NULL;
        for (size_t j = 0; data && j < len; j++) {
            h ^= (unsigned char)data[j];
            h *= 0x100000001b3ULL;
        }
        free(data);
    }
    free_names(f, nf);
    return h != BUILTIN[bi].hash;
}

tp_set *cli_tmpl_load(const cli_tmpl *t, const tp_func *funcs, size_t nfuncs, lp_buf *err)
{
    tp_set *s = tp_set_new(funcs, nfuncs);
    size_t nf;
    char **f = s ? dir_files(t->dir, &nf) : NULL;
    if (!f) {
        lp_buf_printf(err, "could not load template '%s' - cannot read the directory", t->dir);
        tp_set_free(s);
        return NULL;
    }
    int ok = 1;
    for (size_t i = 0; i < nf && ok; i++) {
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", t->dir, f[i]);
        size_t len = 0;
        char *text = NULL;
        if (cli_is_dir(path)) {
            lp_buf_printf(err, "could not load template '%s' - read %s: is a directory", t->dir, f[i]);
            ok = 0;
        } else if (cli_read_file(path, &text, &len) != 0) {
            lp_buf_printf(err, "could not load template '%s' - open %s: cannot read it", t->dir, f[i]);
            ok = 0;
        } else {
            lp_buf perr = { 0 };
            if (tp_set_parse(s, f[i], text, len, &perr) != 0) {
                lp_buf_printf(err, "could not load template '%s' - %s", t->dir, perr.data ? perr.data : "");
                ok = 0;
            }
            lp_buf_free(&perr);
        }
        free(text);
    }
    free_names(f, nf);
    if (!ok) {
        tp_set_free(s);
        return NULL;
    }
    return s;
}

/* ------------------------------------------------------------------ TemplateRenderContext */

static const tp_class RENDER, CONSTANTS, CONFIG;

static int render_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                         tp_value *out)
{
    const cli_tmpl_env *e = self;
    (void)args;
    TP_FIELD("Constants", tp_obj(&CONSTANTS, e));
    TP_FIELD("Config", tp_obj(&CONFIG, e));
    TP_FIELD("Data", e->data(x, e->user));
    return TP_NONE;
}

static int constants_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                            tp_value *out)
{
    const cli_tmpl_env *e = self;
    (void)args;
    TP_FIELD("PowerpipeVersion", tp_cstr(LP_VERSION));
    TP_FIELD("WorkingDir", tp_cstr(e->working_dir));
    return TP_NONE;
}

static int config_lookup(tp_ctx *x, const void *self, const char *name, const tp_value *args, int nargs,
                         tp_value *out)
{
    const cli_tmpl_env *e = self;
    (void)args;
    TP_FIELD("RenderHeader", tp_bool(e->header));
    TP_FIELD("Separator", tp_cstr(e->separator));
    return TP_NONE;
}

static const tp_class RENDER = { "controldisplay.TemplateRenderContext", render_lookup, NULL };
static const tp_class CONSTANTS = { "controldisplay.TemplateRenderConstants", constants_lookup, NULL };
static const tp_class CONFIG = { "controldisplay.TemplateRenderConfig", config_lookup, NULL };

/* render_context, the function Powerpipe adds to its FuncMap: the execution's context (its user) */
static int fn_render_context(tp_ctx *x, const tp_value *args, int nargs, tp_value *out)
{
    (void)args, (void)nargs;
    *out = tp_obj(&RENDER, tp_user(x));
    return TP_OK;
}

static const tp_func render_context = { "render_context", fn_render_context, 0, 0 };

void cli_tmpl_env_init(cli_tmpl_env *e, const cli_opts *o, tp_value (*data)(tp_ctx *, const void *),
                       const void *user)
{
    e->header = o->header;
    e->separator = o->separator ? o->separator : ",";
    e->working_dir = getcwd(e->cwd, sizeof e->cwd) ? e->cwd : "";
    e->data = data;
    e->user = user;
}

typedef struct render_io {
    FILE *sink;
    int signals;   /* cli_signal_count when the rendering began */
} render_io;

static int io_flush(void *io, const char *p, size_t n)
{
    const render_io *r = io;
    return fwrite(p, 1, n, r->sink) == n ? 0 : -1;
}

static int io_interrupted(void *io)
{
    const render_io *r = io;
    return cli_signal_count() > r->signals;
}

int cli_tmpl_render(tp_set *s, const cli_tmpl *t, const cli_tmpl_env *env, FILE *sink, lp_buf *out,
                    lp_buf *err)
{
    tp_value dot = tp_obj(&RENDER, env);
    render_io io = { sink, cli_signal_count() };
    tp_opts opts = { .csv_separator = env->separator, .user = (void *)env, .interrupted = io_interrupted,
                     .io = &io };
    int json = strcmp(t->name, "json") == 0, rc;
    if (!json) {
        if (sink) opts.flush = io_flush;
        rc = tp_set_exec(s, "output", &dot, &opts, out, err);
    } else {
        lp_buf raw = { 0 };
        rc = tp_set_exec(s, "output", &dot, &opts, &raw, err);
        if (rc == 0 && raw.data) tp_json_indent(raw.data, raw.len, out);
        lp_buf_free(&raw);
    }
    return rc && io_interrupted(&io) ? CLI_TMPL_INTERRUPTED : rc;
}

tp_value cli_tp_str(tp_ctx *x, const char *s) { return tp_str(x, s ? s : "", s ? strlen(s) : 0); }

tp_value cli_tp_list(tp_ctx *x, tp_value *v, uint32_t n, const char *type)
{
    tp_list *l = tp_alloc(x, sizeof *l);
    if (!l) return (tp_value){ .kind = TP_NIL };
    l->n = n;
    l->v = v;
    l->type = type;
    return (tp_value){ .kind = TP_LIST, .u.l = l };
}

tp_value cli_tp_tags(tp_ctx *x, const lp_run_node *n)
{
    uint32_t count = n ? lp_node_tag_count(n) : 0;
    tp_map *m = tp_alloc(x, sizeof *m);
    const char **k = tp_alloc(x, (count ? count : 1) * sizeof *k);
    tp_value *v = tp_alloc(x, (count ? count : 1) * sizeof *v);
    if (!m || !k || !v) return (tp_value){ .kind = TP_NIL };
    for (uint32_t i = 0; i < count; i++) {   /* sorted, as lp_node_tag gives them */
        const char *val;
        lp_node_tag(n, i, &k[i], &val);
        v[i] = tp_cstr(val);
    }
    *m = (tp_map){ .n = count, .keys = k, .v = v, .string_elems = 1 };
    return (tp_value){ .kind = TP_MAP, .u.m = m };
}

/* isDefaultExporterForExtension: the extension is the format's name */
static int is_default_for_ext(const cli_fmt *f) { return f->ext && strcmp(f->ext + 1, f->name) == 0; }

/* registerExporterByExtension over an extension table (ext -> index; -2: removed by a clash) */
typedef struct ext_entry {
    const char *ext;
    int at;
} ext_entry;

static void register_ext(ext_entry *t, size_t *n, const cli_fmt *fmts, int at, const char *ext)
{
    for (size_t i = 0; i < *n; i++) {
        if (strcmp(t[i].ext, ext) != 0) continue;
        int existing_default = t[i].at >= 0 && is_default_for_ext(&fmts[t[i].at]);
        int new_default = is_default_for_ext(&fmts[at]);
        if (!new_default && !existing_default) t[i].at = -2;   /* neither: the extension is nobody's */
        else if (!existing_default) t[i].at = at;
        return;
    }
    t[*n].ext = ext;
    t[(*n)++].at = at;
}

int cli_fmt_resolve(const cli_fmt *fmts, size_t n, const char *arg, int *named)
{
    *named = 0;
    int by_name = cli_formats_output(&(cli_formats){ .fmts = (cli_fmt *)fmts, .nfmts = n }, arg);
    if (by_name >= 0) return by_name;
    ext_entry *t = calloc(2 * n + 1, sizeof *t);
    if (!t) return -1;
    size_t nt = 0;
    for (size_t i = 0; i < n; i++) {
        if (!fmts[i].ext) continue;
        register_ext(t, &nt, fmts, (int)i, fmts[i].ext);
        const char *short_ext = strrchr(fmts[i].ext, '.');   /* path.Ext of a two-part extension */
        if (short_ext && short_ext != fmts[i].ext) register_ext(t, &nt, fmts, (int)i, short_ext);
    }
    const char *slash = strrchr(arg, '/');
    const char *dot = strrchr(slash ? slash : arg, '.');
    int found = -1;
    for (size_t i = 0; dot && i < nt; i++)
        if (strcmp(t[i].ext, dot) == 0) found = t[i].at >= 0 ? t[i].at : -1;
    free(t);
    if (found >= 0) *named = 1;
    return found;
}

static int name_taken(const cli_formats *f, const char *name)
{
    for (size_t i = 0; i < f->nfmts; i++)
        if (!strcmp(f->fmts[i].name, name) || (f->fmts[i].alias && !strcmp(f->fmts[i].alias, name))) return 1;
    return !strcmp(name, "none");
}

void cli_formats_free(cli_formats *f)
{
    for (size_t i = 0; i < f->ntmpls; i++) tp_set_free(f->sets ? f->sets[i] : NULL);
    free(f->sets);
    free(f->tmpls);
    free(f->fmts);
    f->sets = NULL;
    f->tmpls = NULL;
    f->fmts = NULL;
    f->ntmpls = f->nfmts = 0;
}

int cli_formats_load(cli_formats *f, const cli_opts *o, int detection, const cli_fmt *builtins,
                     size_t nbuiltins, lp_buf *err)
{
    memset(f, 0, sizeof *f);
    f->nfuncs = cli_tmpl_funcs(f->funcs, sizeof f->funcs / sizeof *f->funcs);
    if (cli_tmpl_list(o, detection, &f->tmpls, &f->ntmpls) != 0) {
        lp_buf_puts(err, "cannot list the template directory");
        return -1;
    }
    f->fmts = calloc(nbuiltins + f->ntmpls + 1, sizeof *f->fmts);
    f->sets = calloc(f->ntmpls + 1, sizeof *f->sets);
    if (!f->fmts || !f->sets) {
        lp_buf_puts(err, "out of memory");
        return -1;
    }
    memcpy(f->fmts, builtins, nbuiltins * sizeof *builtins);
    f->nfmts = nbuiltins;
    for (size_t i = 0; i < f->ntmpls; i++) {
        const cli_tmpl *t = &f->tmpls[i];
        int own = -1;   /* the directory of a built-in Powerpipe renders from a template */
        for (size_t k = 0; k < nbuiltins; k++)
            if (f->fmts[k].templated && !strcmp(t->name, f->fmts[k].name)) own = (int)k;
        if (own >= 0 && !t->custom) continue;   /* Powerpipe's own text: our renderer prints it */
        if (own < 0) {
            const char *taken = name_taken(f, t->name)                              ? t->name
                                : strcmp(t->full, t->name) && name_taken(f, t->full) ? t->full
                                                                                    : NULL;
            if (taken) {
                lp_buf_printf(err, "failed to register output formatter - duplicate format name %s", taken);
                return -1;
            }
            f->fmts[f->nfmts++] = (cli_fmt){ .name = t->name,
                                             .alias = strcmp(t->full, t->name) ? t->full : NULL,
                                             .ext = t->ext,
                                             .id = -1,
                                             .tmpl = (int)i };
        } else {
            f->fmts[own].tmpl = (int)i;
        }
        if (!(f->sets[i] = cli_tmpl_load(t, f->funcs, f->nfuncs, err))) return -1;
    }
    return 0;
}

int cli_formats_output(const cli_formats *f, const char *name)
{
    for (size_t i = 0; i < f->nfmts; i++) {
        const cli_fmt *x = &f->fmts[i];
        /* built-ins answer to any case (our CLI always did); templates exactly, as Go's map */
        int (*eq)(const char *, const char *) = x->id >= 0 ? strcasecmp : strcmp;
        if (eq(name, x->name) == 0 || (x->alias && eq(name, x->alias) == 0)) return (int)i;
    }
    return -1;
}

size_t cli_tmpl_funcs(tp_func *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < tp_powerpipe_nfuncs && n < cap; i++) out[n++] = tp_powerpipe_funcs[i];
    if (n < cap) out[n++] = render_context;
    return n;
}
