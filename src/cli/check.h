/* check.h — `control run` and `benchmark run`: the result tree the formats
 * render (cmd_check.c builds it from a finished lp_run), and the formats.
 *
 * The tree is Powerpipe's controlexecute.ExecutionTree as its formatters see
 * it: a root result group ("root_result_group") whose children are what was
 * run (a control, a benchmark, or a synthetic "<mod>.benchmark.root" group
 * over several targets), benchmarks with no control left out, summaries
 * counted per control instance (a control in error counts one error). */
#ifndef LP_CLI_CHECK_H
#define LP_CLI_CHECK_H

#include "cli.h"
#include "export_tmpl.h"

/* A run's control rows on disk (check_spool.c), for runs that discard them from memory. */
typedef struct ck_spool ck_spool;
ck_spool *ck_spool_new(void);
void ck_spool_free(ck_spool *s);
void ck_spool_add(ck_spool *s, const lp_run_node *n);     /* from the run's LP_EV_NODE_COMPLETE */
int ck_spool_failed(const ck_spool *s);
uint32_t ck_spool_keys(const ck_spool *s, char ***keys); /* the dimension keys seen */
/* n's columns and rows, as lp_node_* gives them before they are discarded (valid until the
 * next call about another node) */
uint32_t ck_spool_ncols(ck_spool *s, const lp_run_node *n);
uint32_t ck_spool_nrows(ck_spool *s, const lp_run_node *n);
const lp_db_col *ck_spool_col(ck_spool *s, const lp_run_node *n, uint32_t i);
const lp_db_cell *ck_spool_row(ck_spool *s, const lp_run_node *n, uint32_t r);
lp_result_status ck_spool_status(ck_spool *s, const lp_run_node *n, uint32_t r);

typedef struct ck_node ck_node;
struct ck_node {
    int is_group;
    const lp_run_node *n;       /* NULL for the root and the synthetic group */
    const char *id;             /* group_id, or control_id (unqualified in the main mod) */
    const char *name;           /* full name ("" for the root) */
    const char *title, *description, *severity;   /* never NULL */
    const char *error;          /* a control's run error, else NULL */
    uint32_t sum[LP_RES__COUNT];
    uint64_t duration_ns;
    ck_node *parent;
    ck_node **kids;
    uint32_t nkids;
    int last_child;             /* the text format's tree lines (group.go / control.go isLastChild) */
    uint32_t ncontrols;         /* controls under it */
    ck_spool *spool;            /* where a control's rows are, when the run discarded them */
};

typedef struct ck_sev {
    char *severity;
    uint32_t sum[LP_RES__COUNT];
} ck_sev;

typedef struct ck_tree {
    ck_node *root;
    char **dim_keys;            /* sorted, distinct */
    uint32_t ndim_keys;
    char **tag_keys;            /* every tag key of groups and controls, sorted */
    uint32_t ntag_keys;
    ck_sev *sevs;               /* per control severity, first-seen order */
    uint32_t nsevs;
    uint64_t start_ms, end_ms;
    int dry_run;
    ck_spool *spool;            /* the run's rows, when it discarded them (else NULL) */
    const char *mod_name;       /* the main mod's short name */
    const lp_run *run;
    lp_workspace *ws;
} ck_tree;

/* Status count helpers (controlstatus.StatusSummary). */
static inline uint32_t ck_failed(const uint32_t *s) { return s[LP_RES_ALARM] + s[LP_RES_ERROR]; }
static inline uint32_t ck_passed(const uint32_t *s) { return s[LP_RES_OK] + s[LP_RES_INFO]; }
static inline uint32_t ck_total(const uint32_t *s)
{
    return s[LP_RES_OK] + s[LP_RES_ALARM] + s[LP_RES_INFO] + s[LP_RES_SKIP] + s[LP_RES_ERROR];
}

/* A control's row, as the formats read it. */
typedef struct ck_row {
    const char *reason, *resource, *status;
    uint32_t ndims;
} ck_row;
void ck_row_get(const ck_node *c, uint32_t r, ck_row *out);
/* Dimension i of row r: key and value ("" for NULL). */
void ck_row_dim(const ck_node *c, uint32_t r, uint32_t i, const char **key, const char **value);
/* The value of dimension `key` in row r, "" when absent. */
const char *ck_row_dim_value(const ck_node *c, uint32_t r, const char *key);
uint32_t ck_row_count(const ck_node *c);
/* A control's tag value, "" when it has none. */
const char *ck_tag(const ck_node *c, const char *key);

/* A control's columns and row cells in the run's order: the run's, or the spool's when the run
 * discarded them (valid until rows of another control are read). */
uint32_t ck_col_count(const ck_node *c);
const lp_db_col *ck_col(const ck_node *c, uint32_t i);
const lp_db_cell *ck_row_cells(const ck_node *c, uint32_t r);

/* The formats: each appends the document to out; with o->sink it writes out there and empties it
 * as it goes (ck_flush, after each control), so memory stays at about one control's text. */
typedef struct ck_fmt_opts {
    int header;
    const char *separator;      /* one character or "" */
    int brief;
    int width;                  /* text: the display width */
    int color;
    int terminal;               /* text: written to a terminal (control characters shown escaped) */
    int for_export;             /* snapshot: compact */
    FILE *sink;                 /* where out is written and emptied as it grows (or NULL: all in out) */
} ck_fmt_opts;

/* Write out to o->sink once it holds enough, keeping memory to about one control's text. */
void ck_flush(lp_buf *out, const ck_fmt_opts *o);

/* A result status's icon in the markdown and HTML reports ("ok": ✅ ...; "" for another). */
const char *ck_status_icon(const char *status);

/* How a format marks up the head of a control: its title between title[0] and title[1], its
 * description (when it has one) between description[0] and [1], then before_summary, its summary
 * table and after_summary; then its error, when it has one, between error[0] and error[1].  Text
 * is written by put (the format's escaping). */
typedef struct ck_markup {
    const char *title[2], *description[2], *before_summary, *after_summary, *error[2];
    void (*put)(lp_buf *out, const char *text);
    void (*summary)(lp_buf *out, const uint32_t *sum);
} ck_markup;
/* 1 when the control has an error (written: it has no rows), else 0. */
int ck_put_control_head(const ck_node *c, const ck_markup *m, lp_buf *out);
/* Row r's ndims dimension values, each written by put between before and after. */
void ck_put_dims(const ck_node *c, uint32_t r, uint32_t ndims, void (*put)(lp_buf *out, const char *text),
                 const char *before, const char *after, lp_buf *out);

/* Each control among g's kids (its groups passed over) appended by put, in order, out flushed after
 * each (ck_flush): the formats that list a group's controls with nothing between them. */
typedef void ck_control_fn(const ck_node *c, lp_buf *out);
void ck_put_controls(const ck_node *g, ck_control_fn *put, const ck_fmt_opts *o, lp_buf *out);

/* Every control below g in ControlRunInstances' order: by where each name first runs in tree order,
 * a control reached under more than one parent listed with its first (check_formats.c).  Into *l
 * (l->v malloc'd, the caller's): 0, or -1 when memory ran out (then l holds what fit). */
typedef struct ck_ctl_list {
    const ck_node **v;
    size_t n, cap;
} ck_ctl_list;
int ck_controls(const ck_node *g, ck_ctl_list *l);

void ck_text(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out);        /* check_text.c */
void ck_csv(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out);         /* check_formats.c */
void ck_json(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out);
void ck_md(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out);
void ck_html(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out);       /* check_html.c */
void ck_nunit3(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out);
void ck_asff(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out);
void ck_snapshot(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out);

/* The tree as Powerpipe's export templates see it (check_tmpl.c): TemplateRenderContext's Data, the
 * ExecutionTree (its Constants and Config: cli_tmpl_env). */
typedef struct ck_tmpl_data {
    const ck_tree *tree;
} ck_tmpl_data;
/* Render template t (loaded into s) over d with o's --header and --separator, streamed to sink when
 * given (cli_tmpl_render): 0, or -1 with the template's message in *err, or CLI_TMPL_INTERRUPTED. */
int ck_tmpl_render(tp_set *s, const cli_tmpl *t, const ck_tmpl_data *d, const cli_opts *o, FILE *sink,
                   lp_buf *out, lp_buf *err);

/* Printable length as go-kit's helpers.PrintableLength: graphic runes. */
int ck_printable_len(const char *s, size_t n);
/* helpers.TruncateString: at most `length` printable runes, the last one "…" when cut. */
void ck_truncate(lp_buf *out, const char *s, int length);

/* The width a check or detection table is drawn to: $POWERPIPE_DISPLAY_WIDTH, else the terminal's,
 * at least what Powerpipe's MinimumWidth needs for groups `depth` deep, at most 200. */
int ck_display_width(int depth);

#endif
