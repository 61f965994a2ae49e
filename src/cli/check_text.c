/* check_text.c — Powerpipe's text (and brief) output of a check run
 * (internal/controldisplay: table.go, group.go, control.go, the renderers
 * of headings, counters, graphs, results and the summary).  Widths are
 * counted as Powerpipe counts them: graphic runes (go-kit's
 * PrintableLength), so a wide character counts one, as there. */
#include "check.h"

#include <math.h>
#include <string.h>
#include <utf8proc.h>

/* unicode.IsGraphic: letters, marks, numbers, punctuation, symbols, spaces */
static int is_graphic(int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CN:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: return 0;
    default: return 1;
    }
}

/* The next rune at s[*i] (an invalid byte is U+FFFD, one byte, as Go decodes it). */
static int32_t next_rune(const char *s, size_t n, size_t *i)
{
    int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + *i, (utf8proc_ssize_t)(n - *i), &cp);
    if (k <= 0) {
        (*i)++;
        return 0xFFFD;
    }
    *i += (size_t)k;
    return cp;
}

int ck_printable_len(const char *s, size_t n)
{
    int len = 0;
    size_t i = 0;
    while (i < n) {
        /* ANSI colour sequences are stripped first (stripansi) */
        if (s[i] == '\033' && i + 1 < n && s[i + 1] == '[') {
            i += 2;
            while (i < n && !((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'))) i++;
            i++;
            continue;
        }
        if (is_graphic(next_rune(s, n, &i))) len++;
    }
    return len;
}

void ck_truncate(lp_buf *out, const char *s, int length)
{
    size_t n = strlen(s);
    if (ck_printable_len(s, n) <= length) {
        lp_buf_put(out, s, n);
        return;
    }
    if (length <= 1) return;
    /* LimitPrintableRunes(s, length-1): up to, not including, the length-th graphic rune */
    int left = length - 1;
    size_t i = 0, cut = n;
    while (i < n) {
        size_t at = i;
        if (is_graphic(next_rune(s, n, &i))) left--;
        if (left == -1) {
            cut = at;
            break;
        }
    }
    lp_buf_put(out, s, cut);
    lp_buf_puts(out, "…");
}

/* ------------------------------------------------------------------ colour */

/* aurora's codes for the dark scheme (color_scheme.go) */
#define C_TITLE "1;97"
#define C_SEVERITY "1;93"
#define C_GRAY1 "38;5;233"
#define C_GRAY2 "38;5;234"
#define C_GRAY3 "38;5;235"
#define C_GRAY4 "38;5;236"
#define C_FAIL_COUNT "1;91"
#define C_TOTAL "97"
#define C_ALL_PASSED "1;92"
#define C_RED "91"
#define C_GREEN "92"
#define C_CYAN "96"

typedef struct tx {
    const ck_tree *t;
    int width, color, brief, dry, terminal;
    uint32_t max_failed, max_total;
    lp_buf *out;
    const ck_fmt_opts *o;
} tx;

/* A value as the text shows it: on a terminal with its control characters escaped (escape.c) in
 * tmp, which the caller frees; else itself. */
static const char *shown(const tx *x, const char *s, lp_buf *tmp)
{
    if (!x->terminal || cli_terminal_safe(s)) return s;
    cli_put_terminal(tmp, s, strlen(s));
    lp_buf_putc(tmp, '\0');
    return tmp->oom ? "" : tmp->data;
}

/* A piece of text, coloured when colour is on. */
static void put(lp_buf *b, int color, const char *code, const char *s, size_t n)
{
    if (color && code && n) lp_buf_printf(b, "\033[%sm", code);
    lp_buf_put(b, s, n);
    if (color && code && n) lp_buf_puts(b, "\033[0m");
}
static void puts_c(lp_buf *b, int color, const char *code, const char *s)
{
    put(b, color, code, s, strlen(s));
}

static int plen(const lp_buf *b) { return b->len ? ck_printable_len(b->data, b->len) : 0; }

static void repeat(lp_buf *b, char c, int n)
{
    for (int i = 0; i < n; i++) lp_buf_putc(b, c);
}

/* spacer.go */
static void spacer(lp_buf *b, int color, int width)
{
    if (width <= 0) return;
    if (width == 1) {
        lp_buf_putc(b, ' ');
        return;
    }
    if (color) lp_buf_printf(b, "\033[%sm", C_GRAY1);
    repeat(b, '.', width - 1);
    if (color) lp_buf_puts(b, "\033[0m");
    lp_buf_putc(b, ' ');
}

/* %d with English thousands separators (message.NewPrinter(language.English)) */
static void grouped(char *out, size_t size, uint32_t v)
{
    char digits[16];
    int n = snprintf(digits, sizeof digits, "%u", v), k = 0;
    for (int i = 0; i < n && (size_t)k + 2 < size; i++) {
        if (i && (n - i) % 3 == 0) out[k++] = ',';
        out[k++] = digits[i];
    }
    out[k] = '\0';
}

/* group_counter.go: "<failed> / <total> ", aligned on the maxima */
static void counter(lp_buf *b, int color, uint32_t failed, uint32_t total, uint32_t max_failed,
                    uint32_t max_total, int leading_space)
{
    char f[32], t[32], mf[32], mt[32];
    grouped(f, sizeof f, failed);
    grouped(t, sizeof t, total);
    grouped(mf, sizeof mf, max_failed);
    grouped(mt, sizeof mt, max_total);
    int fw = (int)strlen(leading_space ? mf : f), tw = (int)strlen(mt);
    repeat(b, ' ', fw - (int)strlen(f));
    puts_c(b, color, failed ? C_FAIL_COUNT : C_GRAY1, f);
    lp_buf_putc(b, ' ');
    puts_c(b, color, failed ? C_GRAY2 : C_GRAY1, "/");
    lp_buf_putc(b, ' ');
    repeat(b, ' ', tw - (int)strlen(t));
    puts_c(b, color, failed ? C_TOTAL : C_ALL_PASSED, t);
    lp_buf_putc(b, ' ');
}

/* group_counter_graph.go: ten segments */
static void graph(lp_buf *b, int color, uint32_t failed, uint32_t total, uint32_t max_total,
                  const char *fail_code)
{
    int fail = 0, pass = 0, spaces = 10;
    if (max_total) {
        double seg = (double)max_total / 10.0;
        fail = failed ? (int)ceil((double)failed / seg) : 0;
        int tot = (int)ceil((double)total / seg);
        pass = tot - fail;
        if (pass == 0 && failed < total && tot < 10) {
            pass++;
            tot++;
        }
        spaces = 10 - tot;
    }
    puts_c(b, color, C_GRAY2, "[");
    lp_buf rb = { 0 };
    repeat(&rb, '=', fail);
    put(b, color, fail_code, rb.data ? rb.data : "", rb.len);
    rb.len = 0;
    repeat(&rb, '=', pass);
    put(b, color, C_GREEN, rb.data ? rb.data : "", rb.len);
    lp_buf_free(&rb);
    repeat(b, ' ', spaces);
    puts_c(b, color, C_GRAY2, "]");
}

static void upper(char *out, size_t size, const char *s)
{
    size_t i = 0;
    for (; s[i] && i + 1 < size; i++) out[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
    out[i] = '\0';
}

/* group_heading.go */
static void heading(tx *x, const char *title, const char *severity, const uint32_t *sum, const char *indent)
{
    lp_buf sev = { 0 }, cnt = { 0 }, gr = { 0 }, ti = { 0 };
    if (!x->dry) {
        char up[64];
        upper(up, sizeof up, severity ? severity : "");
        if (strcmp(up, "CRITICAL") == 0 || strcmp(up, "HIGH") == 0) {
            puts_c(&sev, x->color, C_SEVERITY, up);
            lp_buf_putc(&sev, ' ');
        }
        counter(&cnt, x->color, ck_failed(sum), ck_total(sum), x->max_failed, x->max_total, 1);
        graph(&gr, x->color, ck_failed(sum), ck_total(sum), x->max_total, C_RED);
    }
    int avail = x->width - plen(&cnt) - plen(&gr) - plen(&sev) - ck_printable_len(indent, strlen(indent));
    if (avail > 0) {   /* group_title.go */
        lp_buf cut = { 0 }, esc = { 0 };
        ck_truncate(&cut, shown(x, title, &esc), avail - 1);
        put(&ti, x->color, C_TITLE, cut.data ? cut.data : "", cut.len);
        lp_buf_free(&cut);
        lp_buf_free(&esc);
        lp_buf_putc(&ti, ' ');
    }
    puts_c(x->out, x->color, C_GRAY1, indent);
    lp_buf_put(x->out, ti.data ? ti.data : "", ti.len);
    if (avail - plen(&ti) > 0 && !x->dry) spacer(x->out, x->color, avail - plen(&ti));
    lp_buf_put(x->out, sev.data ? sev.data : "", sev.len);
    lp_buf_put(x->out, cnt.data ? cnt.data : "", cnt.len);
    lp_buf_put(x->out, gr.data ? gr.data : "", gr.len);
    lp_buf_free(&sev);
    lp_buf_free(&cnt);
    lp_buf_free(&gr);
    lp_buf_free(&ti);
}

static const char *status_code(const char *st)
{
    if (!strcmp(st, "alarm") || !strcmp(st, "error")) return "1;91";
    if (!strcmp(st, "skip")) return C_GRAY3;
    if (!strcmp(st, "info")) return C_CYAN;
    return C_GREEN;
}

static const char *reason_code(const char *st)
{
    if (!strcmp(st, "alarm") || !strcmp(st, "error")) return C_RED;
    if (!strcmp(st, "skip")) return C_GRAY3;
    if (!strcmp(st, "info")) return C_CYAN;
    return C_GRAY4;
}

/* result_status.go: "ALARM: " */
static void status_str(tx *x, lp_buf *b, const char *st)
{
    char up[16];
    upper(up, sizeof up, st);
    char pad[16];
    snprintf(pad, sizeof pad, "%-5s", up);
    puts_c(b, x->color, status_code(st), pad);
    puts_c(b, x->color, C_GRAY1, ":");
    lp_buf_putc(b, ' ');
}

/* dimensions.go: values cut from the first one on until they fit (byte lengths, as there) */
static void dimensions(const tx *x, lp_buf *b, const ck_node *c, uint32_t r, uint32_t nd, int width)
{
    if (width <= 0 || nd == 0) return;
    lp_buf *vals = calloc(nd, sizeof *vals);
    if (!vals) return;
    uint32_t first = 0;
    for (uint32_t i = 0; i < nd; i++) {
        const char *k, *v;
        ck_row_dim(c, r, i, &k, &v);
        if (x->terminal && !cli_terminal_safe(v)) cli_put_terminal(&vals[i], v, strlen(v));
        else lp_buf_puts(&vals[i], v);
        lp_buf_putc(&vals[i], '\0');
        vals[i].len--;
    }
    for (;;) {
        size_t len = nd - first - 1;
        for (uint32_t i = first; i < nd; i++) len += vals[i].len;
        if ((int)len <= width) break;
        int pl = plen(&vals[first]);
        if (pl > 0) {
            lp_buf cut = { 0 };
            ck_truncate(&cut, vals[first].data ? vals[first].data : "", pl - 1);
            lp_buf_free(&vals[first]);
            vals[first] = cut;
            if (!cut.data) vals[first].len = 0;
        } else if (nd - first > 2) {
            first++;
        } else {
            first = nd;
            break;
        }
    }
    int any = 0;
    for (uint32_t i = first; i < nd; i++) {
        const char *k, *orig;
        ck_row_dim(c, r, i, &k, &orig);
        int blank = 1;
        for (const char *p = orig; *p; p++)
            if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '\v' && *p != '\f') blank = 0;
        if (blank) continue;
        if (any) lp_buf_putc(b, ' ');
        lp_buf_put(b, vals[i].data ? vals[i].data : "", vals[i].len);
        any = 1;
    }
    for (uint32_t i = 0; i < nd; i++) lp_buf_free(&vals[i]);
    free(vals);
}

/* control_result.go */
static void result_row(tx *x, const ck_node *c, uint32_t r, const char *indent)
{
    ck_row row;
    ck_row_get(c, r, &row);
    if (x->brief && strcmp(row.status, "alarm") && strcmp(row.status, "error")) return;
    lp_buf st = { 0 }, dims = { 0 }, rs = { 0 };
    status_str(x, &st, row.status);
    int avail = x->width - plen(&st) - ck_printable_len(indent, strlen(indent));
    int avail_dim = avail - 10;
    if (avail_dim > 0) {
        dimensions(x, &dims, c, r, row.ndims, avail_dim);
        avail -= plen(&dims);
    }
    lp_buf cut = { 0 }, esc = { 0 };
    ck_truncate(&cut, shown(x, row.reason, &esc), avail - 1);
    put(&rs, x->color, reason_code(row.status), cut.data ? cut.data : "", cut.len);
    lp_buf_free(&cut);
    lp_buf_free(&esc);
    lp_buf_putc(&rs, ' ');
    avail -= plen(&rs);
    lp_buf_putc(x->out, '\n');
    puts_c(x->out, x->color, C_GRAY1, indent);
    lp_buf_put(x->out, st.data, st.len);
    lp_buf_put(x->out, rs.data, rs.len);
    if (avail > 0 && row.ndims) spacer(x->out, x->color, avail);
    lp_buf_put(x->out, dims.data ? dims.data : "", dims.len);
    lp_buf_free(&st);
    lp_buf_free(&dims);
    lp_buf_free(&rs);
}

/* The indents of group.go: parentIndent of a node; "" at the top. */
static void parent_indent(const ck_node *n, const ck_node *root, lp_buf *b)
{
    if (!n->parent || n->parent == root) return;
    parent_indent(n->parent, root, b);
    lp_buf_puts(b, n->last_child ? "  " : "| ");
}

static void indent_line(tx *x, const char *indent)
{
    lp_buf_putc(x->out, '\n');
    puts_c(x->out, x->color, C_GRAY1, indent);
}

static void control(tx *x, const ck_node *c)
{
    ck_flush(x->out, x->o);
    lp_buf gi = { 0 }, pi = { 0 };
    /* heading at the parent's childGroupIndent, results at this control's parentIndent */
    if (c->parent) parent_indent(c->parent, x->t->root, &gi);
    lp_buf_puts(&gi, "+ ");
    if (c->parent) parent_indent(c->parent, x->t->root, &pi);
    lp_buf_puts(&pi, c->last_child ? "  " : "| ");
    heading(x, c->title, c->severity, c->sum, gi.data);
    uint32_t nrows = x->dry ? 0 : ck_row_count(c);
    size_t plain = pi.len;
    if (!x->dry && nrows) lp_buf_puts(&pi, "| ");
    indent_line(x, pi.data);
    pi.len = plain;
    pi.data[plain] = '\0';
    if (c->error) {   /* error.go */
        lp_buf st = { 0 }, msg = { 0 }, esc = { 0 };
        status_str(x, &st, "error");
        ck_truncate(&msg, shown(x, c->error, &esc), x->width - plen(&st) - ck_printable_len(pi.data, pi.len));
        lp_buf_free(&esc);
        lp_buf_putc(x->out, '\n');
        puts_c(x->out, x->color, C_GRAY1, pi.data);
        lp_buf_put(x->out, st.data, st.len);
        put(x->out, x->color, "1;91", msg.data ? msg.data : "", msg.len);
        indent_line(x, pi.data);
        lp_buf_free(&st);
        lp_buf_free(&msg);
    }
    size_t before = x->out->len;
    for (uint32_t r = 0; r < nrows; r++) result_row(x, c, r, pi.data);
    if (x->out->len > before) indent_line(x, pi.data);
    lp_buf_free(&gi);
    lp_buf_free(&pi);
}

static void group(tx *x, const ck_node *g)
{
    lp_buf hi = { 0 }, ci = { 0 };
    if (g->parent && g->parent != x->t->root) {
        parent_indent(g->parent, x->t->root, &hi);
        lp_buf_puts(&hi, "+ ");
    }
    parent_indent(g, x->t->root, &ci);
    lp_buf_puts(&ci, "| ");
    heading(x, g->title, NULL, g->sum, hi.data ? hi.data : "");
    indent_line(x, ci.data);
    for (uint32_t i = 0; i < g->nkids; i++) {
        lp_buf_putc(x->out, '\n');
        if (g->kids[i]->is_group) group(x, g->kids[i]);
        else control(x, g->kids[i]);
    }
    lp_buf_free(&hi);
    lp_buf_free(&ci);
}

/* A summary row: its heading, the spacer (gap spaces, or -1: up to width), its counter and graph;
 * frees the three. */
static void put_row(tx *x, lp_buf *b, int width, int gap, lp_buf *head, lp_buf *cnt, lp_buf *gr)
{
    lp_buf_put(b, head->data, head->len);
    spacer(b, x->color, gap >= 0 ? gap : width - (plen(head) + plen(cnt) + plen(gr)));
    lp_buf_put(b, cnt->data, cnt->len);
    lp_buf_put(b, gr->data, gr->len);
    lp_buf_free(head);
    lp_buf_free(cnt);
    lp_buf_free(gr);
}

/* summary_status_row.go, summary_severity_row.go, summary_total_row.go */
static void status_row(tx *x, lp_buf *b, int width, const char *name, uint32_t count, const char *code,
                       const char *graph_code)
{
    const uint32_t *rs = x->t->root->sum;
    char up[16], num[32];
    upper(up, sizeof up, name);
    grouped(num, sizeof num, count);
    lp_buf head = { 0 }, cnt = { 0 }, gr = { 0 };
    puts_c(&head, x->color, code, up);
    lp_buf_putc(&head, ' ');
    puts_c(&cnt, x->color, code, num);
    lp_buf_putc(&cnt, ' ');
    graph(&gr, x->color, count, count, ck_total(rs), graph_code);
    put_row(x, b, width, -1, &head, &cnt, &gr);
}

static void severity_row(tx *x, lp_buf *b, int width, const char *sev)
{
    const ck_sev *s = NULL;
    for (uint32_t i = 0; i < x->t->nsevs; i++)
        if (strcmp(x->t->sevs[i].severity, sev) == 0) s = &x->t->sevs[i];
    if (!s) return;
    const uint32_t *rs = x->t->root->sum;
    char up[16];
    upper(up, sizeof up, sev);
    lp_buf head = { 0 }, cnt = { 0 }, gr = { 0 };
    puts_c(&head, x->color, C_SEVERITY, up);
    lp_buf_putc(&head, ' ');
    counter(&cnt, x->color, ck_failed(s->sum), ck_total(s->sum), ck_failed(rs), ck_total(rs), 0);
    graph(&gr, x->color, ck_failed(s->sum), ck_total(s->sum), ck_total(rs), C_RED);
    put_row(x, b, width, strcmp(sev, "critical") == 0 ? 4 : -1, &head, &cnt, &gr);
}

static void total_row(tx *x, lp_buf *b, int width)
{
    const uint32_t *rs = x->t->root->sum;
    lp_buf head = { 0 }, cnt = { 0 }, gr = { 0 };
    puts_c(&head, x->color, C_TITLE, "TOTAL");
    lp_buf_putc(&head, ' ');
    counter(&cnt, x->color, ck_failed(rs), ck_total(rs), ck_failed(rs), ck_total(rs), 0);
    graph(&gr, x->color, ck_failed(rs), ck_total(rs), ck_total(rs), C_RED);
    put_row(x, b, width, -1, &head, &cnt, &gr);
}

static void summary(tx *x)
{
    int avail = x->width;
    lp_buf crit = { 0 }, high = { 0 }, total = { 0 };
    severity_row(x, &crit, avail, "critical");
    if (plen(&crit) > 0) avail = plen(&crit);
    severity_row(x, &high, avail, "high");
    int sev_width = plen(&crit) > plen(&high) ? plen(&crit) : plen(&high);
    if (sev_width > 0) avail = sev_width;
    total_row(x, &total, avail);
    if (sev_width == 0) avail = plen(&total);
    const uint32_t *rs = x->t->root->sum;
    puts_c(x->out, x->color, C_TITLE, "Summary");
    lp_buf_puts(x->out, "\n\n");
    status_row(x, x->out, avail, "ok", rs[LP_RES_OK], C_GREEN, C_GREEN);
    lp_buf_putc(x->out, '\n');
    status_row(x, x->out, avail, "skip", rs[LP_RES_SKIP], C_GRAY3, C_GRAY3);
    lp_buf_putc(x->out, '\n');
    status_row(x, x->out, avail, "info", rs[LP_RES_INFO], C_CYAN, C_CYAN);
    lp_buf_putc(x->out, '\n');
    status_row(x, x->out, avail, "alarm", rs[LP_RES_ALARM], "1;91", C_RED);
    lp_buf_putc(x->out, '\n');
    status_row(x, x->out, avail, "error", rs[LP_RES_ERROR], "1;91", C_RED);
    if (crit.len || high.len) {
        lp_buf_putc(x->out, '\n');
        if (crit.len) {
            lp_buf_putc(x->out, '\n');
            lp_buf_put(x->out, crit.data, crit.len);
        }
        if (high.len) {
            lp_buf_putc(x->out, '\n');
            lp_buf_put(x->out, high.data, high.len);
        }
    }
    lp_buf_puts(x->out, "\n\n");
    lp_buf_put(x->out, total.data, total.len);
    lp_buf_free(&crit);
    lp_buf_free(&high);
    lp_buf_free(&total);
}

void ck_text(const ck_tree *t, const ck_fmt_opts *o, lp_buf *out)
{
    tx x = { .t = t, .width = o->width, .color = o->color, .brief = o->brief, .dry = t->dry_run,
             .terminal = o->terminal,
             .max_failed = ck_failed(t->root->sum), .max_total = ck_total(t->root->sum), .out = out,
             .o = o };
    lp_buf_putc(out, '\n');
    /* renderRootResultGroup: the root's children joined by newlines */
    for (uint32_t i = 0; i < t->root->nkids; i++) {
        if (i) lp_buf_putc(out, '\n');
        if (t->root->kids[i]->is_group) group(&x, t->root->kids[i]);
        else control(&x, t->root->kids[i]);
    }
    lp_buf_putc(out, '\n');
    if (!t->dry_run) summary(&x);
    lp_buf_putc(out, '\n');
}
