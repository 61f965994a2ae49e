/* modfile.c — see modfile.h. */
#include "mods/modfile.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct sc {
    const char *s;
    size_t n, i;
    int err;
} sc;

static void skip_line_comment(sc *c)
{
    while (c->i < c->n && c->s[c->i] != '\n') c->i++;
}

/* spaces and comments; newlines too when nl */
static void skip_ws(sc *c, int nl)
{
    while (c->i < c->n) {
        char ch = c->s[c->i];
        if (ch == ' ' || ch == '\t' || ch == '\r' || (nl && ch == '\n'))
            c->i++;
        else if (ch == '#' || (ch == '/' && c->i + 1 < c->n && c->s[c->i + 1] == '/'))
            skip_line_comment(c);
        else if (ch == '/' && c->i + 1 < c->n && c->s[c->i + 1] == '*') {
            const char *e = NULL;
            for (size_t k = c->i + 2; k + 1 < c->n; k++)
                if (c->s[k] == '*' && c->s[k + 1] == '/') {
                    e = c->s + k;
                    break;
                }
            if (!e) {
                c->err = 1;
                c->i = c->n;
                return;
            }
            c->i = (size_t)(e - c->s) + 2;
        } else
            return;
    }
}

static void skip_template(sc *c);

/* at the opening quote: past the closing one */
static void skip_string(sc *c)
{
    c->i++;
    while (c->i < c->n) {
        char ch = c->s[c->i];
        if (ch == '\\')
            c->i += 2;
        else if ((ch == '$' || ch == '%') && c->i + 2 < c->n && c->s[c->i + 1] == ch && c->s[c->i + 2] == '{')
            c->i += 3; /* $${ and %%{ are literal */
        else if (ch == '"') {
            c->i++;
            return;
        } else if ((ch == '$' || ch == '%') && c->i + 1 < c->n && c->s[c->i + 1] == '{') {
            c->i += 2;
            skip_template(c);
        } else if (ch == '\n') {
            c->err = 1;
            return;
        } else
            c->i++;
    }
    c->i = c->n; /* a `\` at the very end stepped past it */
    c->err = 1;
}

/* inside ${ ... }: past the matching } */
static void skip_template(sc *c)
{
    int depth = 1;
    while (c->i < c->n && depth > 0) {
        char ch = c->s[c->i];
        if (ch == '"')
            skip_string(c);
        else {
            if (ch == '{')
                depth++;
            else if (ch == '}')
                depth--;
            c->i++;
        }
        if (c->err) return;
    }
    if (depth) c->err = 1;
}

/* at "<<": past the closing marker's line (not its newline); 0 when it is not a heredoc */
static int skip_heredoc(sc *c)
{
    size_t k = c->i + 2;
    if (k < c->n && c->s[k] == '-') k++;
    size_t m0 = k;
    while (k < c->n && (isalnum((unsigned char)c->s[k]) || c->s[k] == '_')) k++;
    size_t mlen = k - m0;
    if (!mlen) return 0;
    while (k < c->n && (c->s[k] == ' ' || c->s[k] == '\t' || c->s[k] == '\r')) k++;
    if (k >= c->n || c->s[k] != '\n') return 0;
    const char *marker = c->s + m0;
    k++;
    while (k < c->n) {
        size_t line = k;
        while (k < c->n && (c->s[k] == ' ' || c->s[k] == '\t')) k++;
        size_t e = k;
        while (e < c->n && c->s[e] != '\n') e++;
        size_t t = e;
        while (t > k && c->s[t - 1] == '\r') t--;
        if (t - k == mlen && memcmp(c->s + k, marker, mlen) == 0) {
            c->i = e;
            return 1;
        }
        (void)line;
        k = e + 1;
    }
    c->err = 1;
    c->i = c->n;
    return 1;
}

/* an attribute's expression: up to a newline or `}` at depth 0 (or below it, where a stray closer
 * took it: not HCL, which the loader reports); *last: past its last byte */
static void skip_expr(sc *c, size_t *last)
{
    int depth = 0;
    *last = c->i;
    while (c->i < c->n && !c->err) {
        char ch = c->s[c->i];
        if (depth <= 0 && (ch == '\n' || ch == '}')) return;
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '#' ||
            (ch == '/' && c->i + 1 < c->n && (c->s[c->i + 1] == '/' || c->s[c->i + 1] == '*'))) {
            skip_ws(c, depth > 0);
            continue;
        }
        if (ch == '"')
            skip_string(c);
        else if (ch == '<' && c->i + 1 < c->n && c->s[c->i + 1] == '<' && skip_heredoc(c)) {
        } else {
            if (ch == '(' || ch == '[' || ch == '{')
                depth++;
            else if (ch == ')' || ch == ']' || ch == '}')
                depth--;
            c->i++;
        }
        *last = c->i;
    }
}

/* whether s[i] starts the escape of a NUL: \u0000 or \U00000000 */
static int nul_escape(const char *s, size_t i, size_t end)
{
    size_t digits = s[i + 1] == 'u' ? 4 : s[i + 1] == 'U' ? 8 : 0;
    if (!digits || i + 2 + digits > end) return 0;
    for (size_t k = 0; k < digits; k++)
        if (s[i + 2 + k] != '0') return 0;
    return 1;
}

/* a plain string literal [a, b) (no interpolation): its value, malloc'd; else NULL.  *nul (when
 * given) says whether the value holds a NUL, which the C string cuts short */
static char *plain_string(const char *s, size_t a, size_t b, int *nul)
{
    if (b < a + 2 || s[a] != '"' || s[b - 1] != '"') return NULL;
    char *out = malloc(b - a);
    if (!out) return NULL;
    size_t k = 0;
    for (size_t i = a + 1; i < b - 1; i++) {
        char ch = s[i];
        if ((ch == '$' || ch == '%') && i + 1 < b - 1 && s[i + 1] == '{') {
            free(out);
            return NULL;
        }
        if (ch == '"') {
            free(out);
            return NULL;
        }
        if (nul && (ch == '\0' || (ch == '\\' && i + 1 < b - 1 && nul_escape(s, i, b - 1)))) *nul = 1;
        if (ch == '\\' && i + 1 < b - 1) {
            ch = s[++i];
            ch = ch == 'n' ? '\n' : ch == 't' ? '\t' : ch == 'r' ? '\r' : ch;
        }
        out[k++] = ch;
    }
    out[k] = '\0';
    return out;
}

enum { CTX_OTHER, CTX_FILE, CTX_MOD, CTX_REQUIRE, CTX_REQ_MOD, CTX_REQ_APP };

static int parse_body(sc *c, int ctx, int level, mf_mod *m);

static int add_req(mf_mod *m)
{
    mf_req *r = realloc(m->reqs, (m->nreqs + 1) * sizeof *r);
    if (!r) return -1;
    m->reqs = r;
    memset(&r[m->nreqs++], 0, sizeof *r);
    return 0;
}

static int parse_block(sc *c, int ctx, int level, mf_mod *m, size_t kw, size_t kwlen)
{
    /* labels, then { */
    char *label = NULL;
    int nlabels = 0, label_nul = 0;
    for (;;) {
        skip_ws(c, 0);
        if (c->i >= c->n || c->err) {
            free(label);
            c->err = 1;
            return 0;
        }
        char ch = c->s[c->i];
        if (ch == '{') break;
        size_t a = c->i;
        if (ch == '"')
            skip_string(c);
        else if (isalpha((unsigned char)ch) || ch == '_')
            while (c->i < c->n &&
                   (isalnum((unsigned char)c->s[c->i]) || c->s[c->i] == '_' || c->s[c->i] == '-'))
                c->i++;
        else {
            free(label);
            c->err = 1;
            return 0;
        }
        if (c->err) {
            free(label);
            return 0;
        }
        if (nlabels++ == 0 && c->s[a] == '"') label = plain_string(c->s, a, c->i, &label_nul);
    }
    size_t open = c->i++; /* { */
    const char *w = c->s + kw;
    int sub = CTX_OTHER;
    size_t req = 0;
    if (ctx == CTX_FILE && !m->found && kwlen == 3 && !memcmp(w, "mod", 3) && label) {
        m->found = 1;
        m->name = label;
        label = NULL;
        m->mod_start = kw;
        m->mod_open = open;
        sub = CTX_MOD;
    } else if (ctx == CTX_MOD && kwlen == 7 && !memcmp(w, "require", 7) && !m->has_require) {
        m->has_require = 1;
        m->req_start = kw;
        sub = CTX_REQUIRE;
    } else if (ctx == CTX_REQUIRE && kwlen == 3 && !memcmp(w, "mod", 3) && label) {
        if (add_req(m) != 0) {
            free(label);
            return -1;
        }
        req = m->nreqs;
        m->reqs[req - 1].name = label;
        m->reqs[req - 1].def_start = kw;
        m->reqs[req - 1].nul_value = label_nul;
        label = NULL;
        sub = CTX_REQ_MOD;
    } else if (ctx == CTX_REQUIRE && kwlen == 9 && !memcmp(w, "powerpipe", 9) && !nlabels) {
        sub = CTX_REQ_APP;
    }
    free(label);
    if (parse_body(c, sub, level + 1, m) != 0) return -1;
    if (c->err) return 0;
    if (sub == CTX_MOD)
        m->mod_close = c->i - 1;
    else if (sub == CTX_REQUIRE)
        m->req_close = c->i - 1;
    else if (sub == CTX_REQ_MOD)
        m->reqs[req - 1].body_end = c->i;
    return 0;
}

static int parse_body(sc *c, int ctx, int level, mf_mod *m)
{
    for (;;) {
        skip_ws(c, 1);
        if (c->err) return 0;
        if (c->i >= c->n) {
            if (level > 0) c->err = 1;
            return 0;
        }
        char ch = c->s[c->i];
        if (ch == '}') {
            c->i++;
            if (level > 0) return 0;
            continue;
        }
        if (!(isalpha((unsigned char)ch) || ch == '_')) {
            c->i++; /* not HCL: skip it, the loader reports it */
            continue;
        }
        size_t kw = c->i;
        while (c->i < c->n && (isalnum((unsigned char)c->s[c->i]) || c->s[c->i] == '_' || c->s[c->i] == '-'))
            c->i++;
        size_t kwlen = c->i - kw;
        skip_ws(c, 0);
        if (c->i < c->n && c->s[c->i] == '=' && !(c->i + 1 < c->n && c->s[c->i + 1] == '=')) {
            c->i++;
            skip_ws(c, 0);
            size_t v0 = c->i, v1;
            skip_expr(c, &v1);
            const char *w = c->s + kw;
            if (ctx == CTX_REQ_MOD) {
                mf_req *r = &m->reqs[m->nreqs - 1];
                char **slot = kwlen == 7 && !memcmp(w, "version", 7)  ? &r->version
                              : kwlen == 6 && !memcmp(w, "branch", 6) ? &r->branch
                              : kwlen == 3 && !memcmp(w, "tag", 3)    ? &r->tag
                              : kwlen == 4 && !memcmp(w, "path", 4)   ? &r->path
                                                                      : NULL;
                if (slot && !*slot) {
                    *slot = plain_string(c->s, v0, v1, &r->nul_value);
                    r->attr_start = kw;
                    r->attr_end = v1;
                }
            } else if (ctx == CTX_REQ_APP && kwlen == 11 && !memcmp(w, "min_version", 11) &&
                       !m->app_min_version) {
                m->app_min_version = plain_string(c->s, v0, v1, NULL);
            } else if (ctx == CTX_MOD && kwlen == 5 && !memcmp(w, "title", 5) && !m->title) {
                m->title = plain_string(c->s, v0, v1, NULL);
            }
            continue;
        }
        if (parse_block(c, ctx, level, m, kw, kwlen) != 0) return -1;
        if (c->err) return 0;
    }
}

int mf_scan(const char *text, size_t len, mf_mod *out)
{
    memset(out, 0, sizeof *out);
    sc c = { text, len, 0, 0 };
    if (parse_body(&c, CTX_FILE, 0, out) != 0) {
        mf_free(out);
        return -1;
    }
    out->syntax_error = c.err;
    return 0;
}

void mf_free(mf_mod *m)
{
    for (size_t i = 0; i < m->nreqs; i++) {
        free(m->reqs[i].name);
        free(m->reqs[i].version);
        free(m->reqs[i].branch);
        free(m->reqs[i].tag);
        free(m->reqs[i].path);
    }
    free(m->reqs);
    free(m->name);
    free(m->title);
    free(m->app_min_version);
    memset(m, 0, sizeof *m);
}

/* ------------------------------------------------------------------ rewriting */

typedef struct edit {
    size_t a, b; /* replace [a, b) */
    char *text;  /* malloc'd, or NULL: delete */
} edit;

char *mf_take(lp_buf *b)
{
    char *s = b->oom ? NULL : malloc(b->len + 1);
    if (s) {
        if (b->len) memcpy(s, b->data, b->len);
        s[b->len] = '\0';
    }
    lp_buf_free(b);
    return s;
}

/* the whitespace that starts pos's line */
static void line_indent(const char *s, size_t pos, lp_buf *out)
{
    size_t a = pos;
    while (a > 0 && s[a - 1] != '\n') a--;
    size_t e = a;
    while (e < pos && (s[e] == ' ' || s[e] == '\t')) e++;
    lp_buf_put(out, s + a, e - a);
}

static void quoted(lp_buf *b, const char *v)
{
    lp_buf_puts(b, "\"");
    for (const char *p = v; *p; p++) {
        if (*p == '"' || *p == '\\') lp_buf_put(b, "\\", 1);
        if (*p == '\n') {
            lp_buf_puts(b, "\\n");
            continue;
        }
        if ((*p == '$' || *p == '%') && p[1] == '{') lp_buf_put(b, p, 1);
        lp_buf_put(b, p, 1);
    }
    lp_buf_puts(b, "\"");
}

static void req_block(lp_buf *b, const char *indent, const mf_want *w)
{
    lp_buf_printf(b, "%smod ", indent);
    quoted(b, w->name);
    lp_buf_printf(b, " {\n%s  %s = ", indent, w->attr);
    quoted(b, w->value);
    lp_buf_printf(b, "\n%s}\n", indent);
}

void mf_whole_lines(const char *s, size_t len, size_t *a, size_t *b)
{
    size_t x = *a;
    while (x > 0 && (s[x - 1] == ' ' || s[x - 1] == '\t')) x--;
    size_t y = *b;
    while (y < len && (s[y] == ' ' || s[y] == '\t' || s[y] == '\r')) y++;
    if ((x == 0 || s[x - 1] == '\n') && (y == len || s[y] == '\n')) {
        *a = x;
        *b = y < len ? y + 1 : y;
    }
}

/* text inserting `body` (indented lines) before the `}` at close */
static int insert_before_close(const char *s, size_t close, const char *body, edit *e)
{
    size_t a = close;
    while (a > 0 && (s[a - 1] == ' ' || s[a - 1] == '\t')) a--;
    lp_buf t = { 0 };
    if (a == 0 || s[a - 1] == '\n') {
        e->a = e->b = a;
        lp_buf_puts(&t, body);
    } else {
        /* the blanks before the `}` go: the new lines end the line they were on */
        e->a = a;
        e->b = close;
        lp_buf_puts(&t, "\n");
        lp_buf_puts(&t, body);
        line_indent(s, close, &t);
    }
    e->text = mf_take(&t);
    return e->text ? 0 : -1;
}

/* A one-line block (`mod "w" { title = "w" }`: something after its `{` on the same line) holds one
 * attribute and no block; the edit putting a newline and indent after its `{` makes it a block of
 * lines.  e->text stays NULL when the block is not one line.  0, or -1 on lack of memory. */
static int open_one_line_block(const char *s, size_t open, size_t close, const char *indent, edit *e)
{
    size_t k = open + 1;
    while (k < close && (s[k] == ' ' || s[k] == '\t')) k++;
    if (k >= close) return 0;
    /* a line comment runs to the newline, so what follows it is on lines already */
    if (s[k] == '\n' || s[k] == '\r' || s[k] == '#' || (s[k] == '/' && s[k + 1] == '/')) return 0;
    lp_buf t = { 0 };
    lp_buf_puts(&t, "\n");
    lp_buf_puts(&t, indent);
    *e = (edit){ open + 1, k, mf_take(&t) };
    return e->text ? 0 : -1;
}

static int cmp_edit(const void *x, const void *y)
{
    const edit *a = x, *b = y;
    return a->a < b->a ? -1 : a->a > b->a;
}

const char *mf_req_value(const mf_req *r, const char **attr)
{
    if (r->version) return *attr = "version", r->version;
    if (r->branch) return *attr = "branch", r->branch;
    if (r->tag) return *attr = "tag", r->tag;
    if (r->path) return *attr = "path", r->path;
    return *attr = "", NULL;
}

int mf_rewrite(const char *text, size_t len, const mf_mod *m, const mf_want *want, size_t n, char **out,
               size_t *out_len)
{
    if (!m->found) return -1;
    edit *ed = calloc(m->nreqs + 2, sizeof *ed);
    if (!ed) return -1;
    size_t ne = 0;
    int rc = -1;
    lp_buf ind = { 0 }, body = { 0 };
    if (n == 0) {
        if (m->has_require) {
            ed[ne] = (edit){ m->req_start, m->req_close + 1, NULL };
            mf_whole_lines(text, len, &ed[ne].a, &ed[ne].b);
            ne++;
        }
    } else if (!m->has_require) {
        line_indent(text, m->mod_start, &ind);
        lp_buf_puts(&ind, "  ");
        if (open_one_line_block(text, m->mod_open, m->mod_close, ind.data, &ed[ne]) != 0) goto done;
        if (ed[ne].text) ne++;
        lp_buf_puts(&body, ind.data);
        lp_buf_puts(&body, "require {\n");
        lp_buf_puts(&ind, "  ");
        for (size_t i = 0; i < n; i++) req_block(&body, ind.data, &want[i]);
        ind.len -= 2;
        ind.data[ind.len] = '\0';
        lp_buf_puts(&body, ind.data);
        lp_buf_puts(&body, "}\n");
        if (body.oom || insert_before_close(text, m->mod_close, body.data, &ed[ne++]) != 0) goto done;
    } else {
        for (size_t i = 0; i < m->nreqs; i++) {
            const mf_req *r = &m->reqs[i];
            const mf_want *w = NULL;
            for (size_t k = 0; k < n && !w; k++)
                if (strcmp(want[k].name, r->name) == 0) w = &want[k];
            if (!w) {
                ed[ne] = (edit){ r->def_start, r->body_end, NULL };
                mf_whole_lines(text, len, &ed[ne].a, &ed[ne].b);
                ne++;
                continue;
            }
            const char *attr;
            const char *v = mf_req_value(r, &attr);
            if (v && strcmp(attr, w->attr) == 0 && strcmp(v, w->value) == 0) continue;
            lp_buf t = { 0 };
            lp_buf_puts(&t, w->attr);
            lp_buf_puts(&t, " = ");
            quoted(&t, w->value);
            char *attr_text = mf_take(&t);
            if (!attr_text) goto done;
            if (r->attr_end > r->attr_start)
                ed[ne++] = (edit){ r->attr_start, r->attr_end, attr_text };
            else
                free(attr_text);
        }
        line_indent(text, m->req_start, &ind);
        lp_buf_puts(&ind, "  ");
        int added = 0;
        for (size_t k = 0; k < n; k++) {
            int have = 0;
            for (size_t i = 0; i < m->nreqs && !have; i++) have = strcmp(m->reqs[i].name, want[k].name) == 0;
            if (!have) {
                req_block(&body, ind.data, &want[k]);
                added = 1;
            }
        }
        if (body.oom || ind.oom) goto done;
        if (added && insert_before_close(text, m->req_close, body.data, &ed[ne++]) != 0) goto done;
    }
    qsort(ed, ne, sizeof *ed, cmp_edit);
    lp_buf o = { 0 };
    size_t at = 0;
    for (size_t i = 0; i < ne; i++) {
        if (ed[i].a < at) continue; /* never: edits do not overlap */
        lp_buf_put(&o, text + at, ed[i].a - at);
        if (ed[i].text) lp_buf_puts(&o, ed[i].text);
        at = ed[i].b;
    }
    lp_buf_put(&o, text + at, len - at);
    size_t out_bytes = o.len;
    char *rewritten = mf_take(&o);
    if (!rewritten) goto done;
    *out = rewritten;
    *out_len = out_bytes;
    rc = 0;
done:
    for (size_t i = 0; i < ne; i++) free(ed[i].text);
    free(ed);
    lp_buf_free(&ind);
    lp_buf_free(&body);
    return rc;
}

/* ------------------------------------------------------------------ validity */

typedef struct diag_text {
    lp_buf out;
    char **seen; /* the distinct "SUMMARY: DETAIL" so far */
    size_t nseen, nerrors;
    int oom;
} diag_text;

/* error_helpers.diagsToString: "SUMMARY: DETAIL" once each, then "(hcl.Range.String())" */
static void collect_diag(void *user, const lp_diag *d)
{
    diag_text *t = user;
    if (d->severity != LP_SEV_ERROR) return;
    lp_buf line = { 0 };
    lp_buf_puts(&line, d->summary);
    if (d->detail && *d->detail) lp_buf_printf(&line, ": %s", d->detail);
    char *msg = mf_take(&line);
    char **seen = msg ? realloc(t->seen, (t->nseen + 1) * sizeof *seen) : NULL;
    if (!seen) {
        free(msg);
        t->oom = 1;
        return;
    }
    t->seen = seen;
    for (size_t i = 0; i < t->nseen; i++)
        if (!strcmp(t->seen[i], msg)) {
            free(msg);
            return;
        }
    t->seen[t->nseen++] = msg;
    if (t->nerrors++) lp_buf_puts(&t->out, "\n");
    lp_buf_puts(&t->out, msg);
    if (d->file && *d->file) {
        if (d->line == d->end_line)
            lp_buf_printf(&t->out, "\n(%s:%u,%u-%u)", d->file, d->line, d->col, d->end_col);
        else
            lp_buf_printf(&t->out, "\n(%s:%u,%u-%u,%u)", d->file, d->line, d->col, d->end_line, d->end_col);
    }
}

int mf_parses(const char *name, const char *text, size_t len, char **why)
{
    *why = NULL;
    diag_text t = { 0 };
    lp_buf json = { 0 };
    lp_error err;
    int rc = lp_hcl_to_json(name, text, len, &json, collect_diag, &t, &err);
    lp_buf_free(&json);
    for (size_t i = 0; i < t.nseen; i++) free(t.seen[i]);
    free(t.seen);
    if (rc == LP_ERR_NOMEM || t.oom) {
        lp_buf_free(&t.out);
        return -1;
    }
    /* valid HCL with no JSON form (LP_ERR_CONVERT) parses all the same */
    if (rc != LP_ERR_SYNTAX) {
        lp_buf_free(&t.out);
        return 1;
    }
    if (t.nerrors > 1) lp_buf_puts(&t.out, "\n");
    if (!t.nerrors) lp_buf_puts(&t.out, "the file is not valid HCL");
    *why = mf_take(&t.out);
    return *why ? 0 : -1;
}
