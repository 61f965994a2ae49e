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

/* The formats: each appends the whole document to out. */
typedef struct ck_fmt_opts {
    int header;
    const char *separator;      /* one character or "" */
    int brief;
    int width;                  /* text: the display width */
    int color;
    int for_export;             /* snapshot: compact */
} ck_fmt_opts;

void ck_text(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out);        /* check_text.c */
void ck_csv(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out);         /* check_formats.c */
void ck_json(const ck_tree *t, lp_buf *out);
void ck_md(const ck_tree *t, lp_buf *out);
void ck_nunit3(const ck_tree *t, lp_buf *out);
void ck_asff(const ck_tree *t, lp_buf *out);
void ck_snapshot(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out);

/* Printable length as go-kit's helpers.PrintableLength: graphic runes. */
int ck_printable_len(const char *s, size_t n);
/* helpers.TruncateString: at most `length` printable runes, the last one "…" when cut. */
void ck_truncate(lp_buf *out, const char *s, int length);

#endif
