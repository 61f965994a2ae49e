/* check_html.c — the html format of a check run, as Powerpipe's template
 * (internal/controldisplay/templates/html/output.tmpl) renders it through
 * text/template, the template's whitespace kept exactly (each string below is
 * the text between two template actions), but every value escaped (escape.c:
 * Powerpipe's puts a reason's `<script>` into the page as it is).  The stylesheet
 * and images are lazypipe's own (src/cli/html/README.md: Powerpipe's are AGPL-3.0),
 * embedded by html_assets.S. */
#include "check.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

extern const char ck_html_normalize_css[], ck_html_style_css[], ck_html_favicon[], ck_html_logo[];

/* The body of an asset's {{ define "x" }} ... {{ end }}: after the first "}}", before the last "{{". */
static void put_define(lp_buf *b, const char *file)
{
    const char *start = strstr(file, "}}");
    const char *end = NULL;
    for (const char *p = file; (p = strstr(p, "{{")) != NULL; p += 2) end = p;
    if (!start || !end || end < start + 2) return;
    lp_buf_put(b, start + 2, (size_t)(end - (start + 2)));
}

/* summaryokclass etc.: "summary-total-<x>", " highlight" when not zero */
static void put_class(lp_buf *b, const char *what, uint32_t n)
{
    lp_buf_printf(b, "summary-total-%s%s", what, n ? " highlight" : "");
}

/* The summaries' order of the statuses (not the enum's), and their column labels; their classes
 * and icons go by their names (lp_result_status_name). */
static const lp_result_status REPORT_ORDER[] = { LP_RES_OK, LP_RES_SKIP, LP_RES_INFO, LP_RES_ALARM,
                                                 LP_RES_ERROR };
static const char *const REPORT_LABEL[] = { "OK", "Skip", "Info", "Alarm", "Error" };

static void root_summary(lp_buf *b, const uint32_t *s)
{
    lp_buf_printf(b,
                  "\n<table role=\"table\">\n  <thead>\n    <tr>\n      <th></th>\n      <th>TOTAL</th>\n"
                  "      <th>%u</th>\n    </tr>\n  </thead>\n  <tbody>\n",
                  ck_total(s));
    for (size_t i = 0; i < sizeof REPORT_ORDER / sizeof *REPORT_ORDER; i++) {
        const char *name = lp_result_status_name(REPORT_ORDER[i]);
        lp_buf_printf(b, "    <tr>\n      <td class=\"align-center\">%s</td>\n      <td>%s</td>\n"
                      "      <td class=\"", ck_status_icon(name), REPORT_LABEL[i]);
        put_class(b, name, s[REPORT_ORDER[i]]);
        lp_buf_printf(b, "\">%u</td>\n    </tr>\n", s[REPORT_ORDER[i]]);
    }
    lp_buf_puts(b, "  </tbody>\n</table>\n");
}

static void summary(lp_buf *b, const uint32_t *s)
{
    lp_buf_puts(b, "\n<table role=\"table\">\n  <thead>\n    <tr>\n      <th>OK</th>\n      <th>Skip</th>\n"
                   "      <th>Info</th>\n      <th>Alarm</th>\n      <th>Error</th>\n      <th>Total</th>\n"
                   "    </tr>\n  </thead>\n  <tbody>\n    <tr>\n");
    for (size_t i = 0; i < sizeof REPORT_ORDER / sizeof *REPORT_ORDER; i++) {
        lp_buf_puts(b, "      <td class=\"");
        put_class(b, lp_result_status_name(REPORT_ORDER[i]), s[REPORT_ORDER[i]]);
        lp_buf_printf(b, "\">%u</td>\n", s[REPORT_ORDER[i]]);
    }
    lp_buf_printf(b, "      <td>%u</td>\n    </tr>\n  </tbody>\n</table>\n", ck_total(s));
}

static void control(const ck_node *c, lp_buf *b)
{
    static const ck_markup html = { { "\n<section class=\"control\">\n  <h3>", "</h3>\n\n  " },
                                    { "\n  <p><em>", "</em></p>\n  " }, "\n\n  ", "\n\n  ",
                                    { "\n  <blockquote>", "</blockquote>\n  " }, cli_put_html, summary };
    if (!ck_put_control_head(c, &html, b)) {
        lp_buf_puts(b, "\n  \n  ");
        uint32_t nr = ck_row_count(c);
        if (nr) {
            lp_buf_puts(b, "\n  \n<table role=\"table\">\n  <thead>\n    <tr>\n      <th></th>\n"
                           "      <th>Reason</th>\n      <th>Dimensions</th>\n    </tr>\n  </thead>\n"
                           "  <tbody>\n    ");
            for (uint32_t r = 0; r < nr; r++) {
                ck_row row;
                ck_row_get(c, r, &row);
                lp_buf_puts(b, "\n    \n<tr>\n  <td class=\"align-center\" title=\"Resource: ");
                cli_put_html_attr(b, row.resource);
                lp_buf_printf(b, "\">%s</td>\n  <td title=\"Resource: ", ck_status_icon(row.status));
                cli_put_html_attr(b, row.resource);
                lp_buf_puts(b, "\">");
                cli_put_html(b, row.reason);
                lp_buf_puts(b, "</td>\n  <td>\n    ");
                ck_put_dims(c, r, row.ndims, cli_put_html, "\n    <code>", "</code>\n    ", b);
                lp_buf_puts(b, "\n  </td>\n</tr>\n\n    ");
            }
            lp_buf_puts(b, "\n  </tbody>\n</table>\n\n  ");
        }
        lp_buf_puts(b, "\n  ");
    }
    lp_buf_puts(b, "\n</section>\n");
}

static void group(lp_buf *b, const ck_fmt_opts *o, const ck_node *g, int root)
{
    if (root) {
        lp_buf_puts(b, "\n<section class=\"group\">\n  <div class=\"header\">\n    <h1 class=\"title\">");
        cli_put_html(b, g->title);
        lp_buf_puts(b, "</h1>\n"
                       "    <a href=\"https://steampipe.io\" rel=\"noopener noreferrer\" target=\"_blank\">"
                       "<img class=\"logo\" src=\"");
        put_define(b, ck_html_logo);
        lp_buf_puts(b, "\" alt=\"Steampipe Report\" /></a>\n  </div>\n  ");
        root_summary(b, g->sum);
    } else {
        lp_buf_puts(b, "\n<section class=\"group\">\n  <h2>");
        cli_put_html(b, g->title);
        lp_buf_puts(b, "</h2>\n  ");
        summary(b, g->sum);
    }
    lp_buf_puts(b, "\n\n  ");
    int controls = 0;
    for (uint32_t i = 0; i < g->nkids; i++) controls |= !g->kids[i]->is_group;
    if (controls) {
        lp_buf_puts(b, "\n  ");
        for (uint32_t i = 0; i < g->nkids; i++)
            if (!g->kids[i]->is_group) {
                lp_buf_puts(b, "\n  ");
                control(g->kids[i], b);
                lp_buf_puts(b, "\n  ");
                ck_flush(b, o);
            }
        lp_buf_puts(b, "\n  ");
    }
    lp_buf_puts(b, "\n\n  ");
    for (uint32_t i = 0; i < g->nkids; i++)
        if (g->kids[i]->is_group) {
            lp_buf_puts(b, "\n  ");
            group(b, o, g->kids[i], 0);
            lp_buf_puts(b, "\n  ");
        }
    lp_buf_puts(b, "\n</section>\n");
}

void ck_html(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out)
{
    lp_buf_puts(out, "\n<!DOCTYPE html>\n<html lang=\"en\">\n\n<head>\n  <title>Powerpipe Report</title>\n"
                     "  <style>\n    /**");
    put_define(out, ck_html_normalize_css);
    lp_buf_puts(out, "**/\n    /**");
    put_define(out, ck_html_style_css);
    lp_buf_puts(out, "**/\n  </style>\n  <meta charset=\"UTF-8\">\n  <link rel=\"icon\" href='");
    put_define(out, ck_html_favicon);
    lp_buf_puts(out, "' type=\"image/svg+xml\" sizes=\"any\">\n</head>\n\n<body>\n"
                     "  <div class=\"container\">\n    \n    ");
    ck_put_controls(t->root, control, o, out);
    lp_buf_puts(out, "\n    \n    ");
    for (uint32_t i = 0; i < t->root->nkids; i++)
        if (t->root->kids[i]->is_group) group(out, o, t->root->kids[i], 1);
    /* .Data.StartTime.Format "2006-01-02 15:04:05", in local time */
    char when[64], cwd[4096];
    time_t s = (time_t)(t->start_ms / 1000);
    struct tm tm;
    localtime_r(&s, &tm);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    lp_buf_printf(out,
                  "\n    <footer><em>Report run at <code>%s</code> using <a href=\"https://powerpipe.io\"\n"
                  "          rel=\"nofollow\"><code>Steampipe %s</code></a> in dir\n        <code>",
                  when, LP_VERSION);
    cli_put_html(out, getcwd(cwd, sizeof cwd) ? cwd : ".");
    lp_buf_puts(out, "</code>.</em></footer>\n  </div>\n</body>\n\n</html>\n");
}
