/* oracle.c — see oracle.h. */
#include "oracle.h"

#include "mt_test.h"   /* Criterion, or its stand-in under TSan */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "shared.h"

char *orc_run(const char *const *files, size_t n)
{
    const char *tool = ts_shared("tools/hcl-oracle");
    const char *np = getenv("NODE_PATH");
    if (!np || !*np) ts_skip("NODE_PATH is not set: the oracle needs @cdktf/hcl2json (make bootstrap)");
    char list[] = "/tmp/lp_oracle_list_XXXXXX";
    int fd = mkstemp(list);
    cr_assert(fd >= 0, "mkstemp");
    FILE *lf = fdopen(fd, "w");
    cr_assert(lf, "fdopen");
    for (size_t i = 0; i < n; i++) fprintf(lf, "%s\n", files[i]);
    fclose(lf);
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' --files-from='%s'", tool, list);
    FILE *p = popen(cmd, "r");
    cr_assert(p, "cannot run %s", cmd);
    size_t cap = 1 << 20, len = 0, k;
    char *out = malloc(cap);
    while ((k = fread(out + len, 1, cap - len - 1, p)) > 0) {
        len += k;
        if (cap - len < 2) out = realloc(out, cap *= 2);
    }
    out[len] = '\0';
    int st = pclose(p);
    unlink(list);
    int code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    /* 0: all parsed; 1: some failed; 2 / 127 / signals: no node, no package, usage */
    cr_assert(code == 0 || code == 1,
              "the oracle did not run (status %d): is node installed and NODE_PATH=%s right?", code, np);
    return out;
}

jt **orc_workspace(const lp_workspace *ws)
{
    uint32_t n = lp_file_count(ws);
    const char **files = calloc(n + 1, sizeof *files);
    for (uint32_t f = 0; f < n; f++) {
        lp_file_info fi;
        lp_file_get(ws, f, &fi);
        files[f] = fi.path;
    }
    char *out = orc_run(files, n);
    jt **docs = calloc(n + 1, sizeof *docs);
    char *line = out;
    for (uint32_t f = 0; f < n && line && *line; f++) {
        char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        char err[200];
        docs[f] = jt_parse(line, len, err, sizeof err);
        cr_assert(docs[f], "oracle line: %s", err);
        const jt *file = jt_get(docs[f], "file");
        cr_assert(file && file->kind == JT_STR && !strcmp(file->s, files[f]),
                  "the oracle answered out of order");
        line = nl ? nl + 1 : NULL;
    }
    free(out);
    free(files);
    return docs;
}

void orc_docs_free(jt **docs, uint32_t n)
{
    for (uint32_t f = 0; docs && f < n; f++) jt_free(docs[f]);
    free(docs);
}

const jt *orc_block(const jt *doc, const char *type, const char *label)
{
    const jt *t = jt_get(doc, type);
    const jt *l = t && t->kind == JT_OBJ ? jt_get(t, label) : NULL;
    return l && l->kind == JT_ARR && l->n ? l->items[l->n - 1] : NULL;
}

void orc_collect_error(void *user, const lp_diag *d)
{
    orc_errors *s = user;
    if (d->severity != LP_SEV_ERROR) return;
    if (s->n++) lp_buf_putc(&s->msg, ' ');
    if (d->line == d->end_line)
        lp_buf_printf(&s->msg, "%s:%u,%u-%u: %s; %s", d->file, d->line, d->col, d->end_col, d->summary,
                      d->detail);
    else
        lp_buf_printf(&s->msg, "%s:%u,%u-%u,%u: %s; %s", d->file, d->line, d->col, d->end_line, d->end_col,
                      d->summary, d->detail);
}

void orc_error_text(int rc, const orc_errors *s, const lp_error *e, lp_buf *out)
{
    if (rc == LP_ERR_SYNTAX) {
        lp_buf_puts(out, "parse config: [");
        if (s->msg.len) lp_buf_put(out, s->msg.data, s->msg.len);
        lp_buf_putc(out, ']');
    } else if (rc != LP_OK) {
        lp_buf_puts(out, e->message);
    }
}

jt *orc_next_answer(char **line, const char **file, int *ok)
{
    jt *w = jt_next_line(line, NULL, 0);
    cr_assert(w, "an oracle line does not parse");
    *file = jt_get(w, "file")->s;
    *ok = jt_get(w, "ok")->b;
    return w;
}

void orc_next_pair(char **line, orc_pair *p, lp_diag_fn diag, void *user)
{
    p->want = orc_next_answer(line, &p->file, &p->ok);
    p->got = (lp_buf){ 0 };
    p->err = (lp_error){ 0, "" };
    p->rc = lp_hcl_file_to_json(p->file, &p->got, diag, user, &p->err);
}

void orc_pair_done(orc_pair *p)
{
    lp_buf_free(&p->got);
    jt_free(p->want);
}

void orc_edge_case_sources(paths *out)
{
    const char *path = ts_data("testdata/hcl/edge_cases.jsonl");
    size_t len;
    char *all = jt_read_file(path, &len);
    cr_assert(all, "cannot read %s", path);
    for (char *line = all; line && *line;) {
        jt *c = jt_next_line(&line, NULL, 0);
        cr_assert(c, "%s: a line does not parse", path);
        cr_assert_eq(paths_add(out, jt_get(c, "src")->s), 0);
        jt_free(c);
    }
    free(all);
}
