/* export_tmpl.h — custom export templates: the template directories under the install dir
 * (Powerpipe's check/templates and check/detection_templates), the export and --output names
 * they add, resolved as Powerpipe's format resolver and export manager resolve them, and
 * loading and rendering one with the Go template engine (src/tmpl). */
#ifndef LP_CLI_EXPORT_TMPL_H
#define LP_CLI_EXPORT_TMPL_H

#include "cli.h"

#include "../tmpl/tmpl.h"

/* A template directory (output_template.go: the directory `name.ext` is format `name`, alias
 * `name.ext`, file extension `.name.ext`). */
typedef struct cli_tmpl {
    char dir[4096];
    char full[256];            /* the directory's name */
    char name[256];            /* without its last extension */
    char ext[258];             /* "." + full */
    int custom;                /* a built-in's name holding other text than Powerpipe's (rendered) */
} cli_tmpl;

/* A format an export may name: a built-in's (id >= 0) or a template's (tmpl >= 0; a built-in's
 * too when the user's directory of its name holds their own template). */
typedef struct cli_fmt {
    const char *name, *alias, *ext;
    int id, tmpl;
    int templated;             /* a built-in Powerpipe renders from its template of the same name */
} cli_fmt;

/* The formats a run may print and export: its built-ins and the install dir's templates, each
 * custom one parsed (Powerpipe parses them all at init: NewFormatResolver). */
typedef struct cli_formats {
    cli_tmpl *tmpls;
    size_t ntmpls;
    tp_set **sets;             /* each template's, parsed (NULL for Powerpipe's own text) */
    cli_fmt *fmts;
    size_t nfmts;
    tp_func funcs[32];         /* what the templates may call (the sets point here) */
    size_t nfuncs;
} cli_formats;

/* Load the templates of the install dir (detection: detection_templates) beside the built-ins:
 * 0, or -1 with Powerpipe's message in *err (a template that does not parse, a format name
 * registered twice: "failed to register output formatter - duplicate format name NAME"). */
int cli_formats_load(cli_formats *f, const cli_opts *o, int detection, const cli_fmt *builtins,
                     size_t nbuiltins, lp_buf *err);
void cli_formats_free(cli_formats *f);
/* --output NAME: by name or alias only (GetFormatter); the index in f->fmts, or -1. */
int cli_formats_output(const cli_formats *f, const char *name);

/* The template directories of <install dir>/check/templates (detection: detection_templates):
 * every directory not hidden and not empty (loadAvailableTemplates), in name order.  *out is
 * malloc'd (NULL when none).  0, or -1 when the directory cannot be listed (it may not exist:
 * then 0 and none). */
int cli_tmpl_list(const cli_opts *o, int detection, cli_tmpl **out, size_t *n);

/* Whether a directory with the name of one of Powerpipe's built-in templates holds that template
 * (rendered by our own renderer) or the user's own text, which Powerpipe renders: its version.json
 * is the built-in's (Powerpipe rewrites the directory otherwise) and its files differ. */
int cli_tmpl_is_custom(const cli_tmpl *t, int detection);

/* Parse every file of the directory as ParseFS does ("outlet" with each file a template named by
 * its base name); NULL with Powerpipe's message in *err ("could not load template '<dir>' - ..."). */
tp_set *cli_tmpl_load(const cli_tmpl *t, const tp_func *funcs, size_t nfuncs, lp_buf *err);

/* A run's TemplateRenderContext (formatter_template.go): Constants and Config from the command, Data
 * (the run's tree, a class of check_tmpl.c or detection_tmpl.c) made by data(x, user) when read. */
typedef struct cli_tmpl_env {
    int header;                 /* Config.RenderHeader */
    const char *separator;      /* Config.Separator, and toCsvCell's */
    const char *working_dir;    /* Constants.WorkingDir */
    tp_value (*data)(tp_ctx *x, const void *user);
    const void *user;
    char cwd[4096];             /* (working_dir's storage) */
} cli_tmpl_env;
/* The command's --header, --separator and working directory, and the run's data. */
void cli_tmpl_env_init(cli_tmpl_env *e, const cli_opts *o, tp_value (*data)(tp_ctx *, const void *),
                       const void *user);

/* Execute "output" of t (loaded into s) over env's render context into out, JSON indented when the
 * format is named json (formatter_template.go shouldPrettify); 0, or -1 with the message in *err, or
 * CLI_TMPL_INTERRUPTED when a signal came while it rendered (cli_signal_count: one the command saw
 * before does not stop it).  With a sink, the output is written there as it is made (64 KiB at a time:
 * the output bound counts those bytes, and memory stays a piece whatever the size), out then holding
 * only what is left to write: the json format's document, which is indented whole. */
#define CLI_TMPL_INTERRUPTED (-2)
int cli_tmpl_render(tp_set *s, const cli_tmpl *t, const cli_tmpl_env *env, FILE *sink, lp_buf *out,
                    lp_buf *err);

/* What the run's classes share: a field of an object by name (Go's field access takes no arguments),
 * a Go string (NULL: ""), a slice of n values of Go type `type`. */
#define TP_IS(s) (strcmp(name, s) == 0)
#define TP_FIELD(s, val)                                                                                 \
    if (TP_IS(s)) {                                                                                      \
        if (tp_args_for_field(x, name, nargs) != TP_OK) return TP_FAILED;                                \
        *out = (val);                                                                                    \
        return TP_OK;                                                                                    \
    }
tp_value cli_tp_str(tp_ctx *x, const char *s);
tp_value cli_tp_list(tp_ctx *x, tp_value *v, uint32_t n, const char *type);
/* a node's Tags, map[string]string (NULL: none) */
tp_value cli_tp_tags(tp_ctx *x, const lp_run_node *n);

/* Powerpipe's export manager over fmts: arg by name or alias (an unnamed target: *named 0), else
 * by its extension (a file name: *named 1), with the manager's rule for an extension two formats
 * claim.  The index in fmts, or -1. */
int cli_fmt_resolve(const cli_fmt *fmts, size_t n, const char *arg, int *named);

/* The Powerpipe funcs a template may call, render_context among them. */
size_t cli_tmpl_funcs(tp_func *out, size_t cap);

/* Detection runs' templates (detection_tmpl.c): rendering t over a finished detection run (the
 * DetectionBenchmarkDisplayTree), streamed to sink when given (cli_tmpl_render). */
int cli_detection_tmpl_render(tp_set *s, const cli_tmpl *t, const lp_run *run, const cli_opts *o, FILE *sink,
                              lp_buf *out, lp_buf *err);
/* cmd_detection_run.c: Summary.Count of a group (NULL: the root), and the JSON `--output json` prints
 * of a group or run (NULL: the root) */
uint32_t cli_detection_count(const lp_run *run, const lp_run_node *group);
void cli_detection_json(lp_buf *out, const lp_run *run, const lp_run_node *n);

#endif
