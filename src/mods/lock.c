/* lock.c — see lock.h. */
#include "mods/lock.h"
#include "mods/name.h"
#include "mods/modfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct jp {
    const char *s;
    size_t n, i;
    const char *err;
    int oom;                        /* err is "out of memory": lk_parse fails with -1, not -2 */
} jp;

static void ws(jp *p)
{
    while (p->i < p->n &&
           (p->s[p->i] == ' ' || p->s[p->i] == '\n' || p->s[p->i] == '\r' || p->s[p->i] == '\t'))
        p->i++;
}

/* a JSON string, malloc'd (UTF-8); NULL with p->err set, or on lack of memory */
static char *str(jp *p)
{
    ws(p);
    lp_buf b = { 0 };
    size_t used = lp_json_read_str(p->s + p->i, p->n - p->i, &b);
    if (used) lp_buf_putc(&b, '\0');   /* data non-NULL even when empty */
    if (!used || b.oom) {
        lp_buf_free(&b);
        p->err = !used ? "a well-formed JSON string is expected" : "out of memory";
        p->oom = used != 0;
        return NULL;
    }
    p->i += used;
    char *s = mf_take(&b);   /* (malloc'd: lk_dep_free frees it) */
    if (!s) p->err = "out of memory", p->oom = 1;
    return s;
}

static int expect(jp *p, char c)
{
    ws(p);
    if (p->i < p->n && p->s[p->i] == c) {
        p->i++;
        return 0;
    }
    static char msg[32];
    snprintf(msg, sizeof msg, "'%c' is expected", c);
    p->err = msg;
    return -1;
}

/* any value, skipped */
static int skip_value(jp *p, int depth)
{
    ws(p);
    if (p->i >= p->n || depth > 64) return p->err = "a value is expected", -1;
    char c = p->s[p->i];
    if (c == '"') {
        char *s = str(p);
        free(s);
        return s ? 0 : -1;
    }
    if (c == '{' || c == '[') {
        char close = c == '{' ? '}' : ']';
        p->i++;
        ws(p);
        if (p->i < p->n && p->s[p->i] == close) return p->i++, 0;
        for (;;) {
            if (c == '{') {
                char *k = str(p);
                if (!k) return -1;
                free(k);
                if (expect(p, ':')) return -1;
            }
            if (skip_value(p, depth + 1)) return -1;
            ws(p);
            if (p->i < p->n && p->s[p->i] == ',') {
                p->i++;
                continue;
            }
            return expect(p, close);
        }
    }
    while (p->i < p->n && strchr("-+.0123456789eEtruefalsn", p->s[p->i])) p->i++;
    return 0;
}

static int number(jp *p, long *out)
{
    ws(p);
    char *end;
    long v = strtol(p->s + p->i, &end, 10);
    if (end == p->s + p->i) return p->err = "a number is expected", -1;
    p->i = (size_t)(end - p->s);
    *out = v;
    return 0;
}

void lk_dep_free(lk_dep *d)
{
    char *const own[] = { d->parent, d->name, d->branch, d->path, d->tag, d->commit, d->git_ref, d->alias };
    for (size_t i = 0; i < sizeof own / sizeof *own; i++) free(own[i]);
}

static int parse_dep(jp *p, lk_dep *d)
{
    if (expect(p, '{')) return -1;
    ws(p);
    if (p->i < p->n && p->s[p->i] == '}') return p->i++, 0;
    for (;;) {
        char *k = str(p);
        if (!k) return -1;
        if (expect(p, ':')) return free(k), -1;
        char **slot = !strcmp(k, "branch")    ? &d->branch
                      : !strcmp(k, "path")    ? &d->path
                      : !strcmp(k, "tag")     ? &d->tag
                      : !strcmp(k, "commit")  ? &d->commit
                      : !strcmp(k, "git_ref") ? &d->git_ref
                      : !strcmp(k, "alias")   ? &d->alias
                                              : NULL;
        int rc = 0;
        ws(p);
        if (!strcmp(k, "version")) {
            char *v = str(p);
            rc = v ? 0 : -1;
            if (v && ms_parse(v, &d->version) != 0) p->err = "invalid version", rc = -1;
            d->has_version = rc == 0;
            free(v);
        } else if (!strcmp(k, "struct_version")) {
            rc = number(p, &d->struct_version);
        } else if (slot && p->i < p->n && p->s[p->i] == '"') {
            free(*slot);
            rc = (*slot = str(p)) ? 0 : -1;
        } else {
            rc = skip_value(p, 1); /* "name" (the key repeats it) and anything newer */
        }
        free(k);
        if (rc) return -1;
        ws(p);
        if (p->i < p->n && p->s[p->i] == ',') {
            p->i++;
            continue;
        }
        return expect(p, '}');
    }
}

/* What makes an entry unsafe to join into a folder name or hand to git (name.h), as
 * "FIELD: REASON", or NULL: a hand-edited or hostile lock file is refused where it is read. */
static const char *dep_error(const lk_dep *d, const char **field)
{
    const char *why = NULL;
    if (d->path) {
        if ((why = mn_path_error(d->path)) || (why = mn_path_error(d->name))) return *field = "path", why;
    } else if ((why = mn_name_error(d->name))) {
        return *field = "mod name", why;
    }
    if (d->branch && (why = mn_ref_error(d->branch))) return *field = "branch", why;
    if (d->tag && (why = mn_ref_error(d->tag))) return *field = "tag", why;
    if (d->git_ref && (why = mn_ref_error(d->git_ref))) return *field = "git_ref", why;
    if (d->commit && (why = mn_commit_error(d->commit))) return *field = "commit", why;
    return NULL;
}

int lk_parse(const char *json, size_t len, lk_lock *out, char *err, size_t errcap)
{
    memset(out, 0, sizeof *out);
    jp p = { json, len, 0, NULL, 0 };
    int rc = -2;
    if (expect(&p, '{')) goto fail;
    ws(&p);
    if (p.i < p.n && p.s[p.i] == '}') {
        p.i++;
        goto end;
    }
    for (;;) {
        char *parent = str(&p);
        if (!parent || expect(&p, ':') || expect(&p, '{')) {
            free(parent);
            goto fail;
        }
        ws(&p);
        int empty = p.i < p.n && p.s[p.i] == '}';
        if (empty) p.i++;
        while (!empty) {
            lk_dep d = { 0 };
            d.name = str(&p);
            if (!d.name || expect(&p, ':') || parse_dep(&p, &d)) {
                lk_dep_free(&d);
                free(parent);
                goto fail;
            }
            const char *field, *why = dep_error(&d, &field);
            if (why) {
                if (err && errcap)
                    snprintf(err, errcap, "an entry's %s is refused: %s (before byte %zu)", field, why, p.i);
                lk_dep_free(&d);
                free(parent);
                lk_free(out);
                return -2;
            }
            int r = lk_add(out, parent, &d);
            lk_dep_free(&d);
            if (r) {
                free(parent);
                rc = -1;
                goto fail;
            }
            ws(&p);
            if (p.i < p.n && p.s[p.i] == ',') {
                p.i++;
                continue;
            }
            if (expect(&p, '}')) {
                free(parent);
                goto fail;
            }
            break;
        }
        free(parent);
        ws(&p);
        if (p.i < p.n && p.s[p.i] == ',') {
            p.i++;
            continue;
        }
        if (expect(&p, '}')) goto fail;
        break;
    }
end:
    ws(&p);
    if (p.i == p.n) return 0;
    p.err = "text after the end";
fail:
    if (err && errcap) snprintf(err, errcap, "%s at byte %zu", p.err ? p.err : "out of memory", p.i);
    if (p.oom) rc = -1;
    lk_free(out);
    return rc;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

int lk_dep_copy(lk_dep *to, const lk_dep *d, const char *parent)
{
    lk_dep c = *d;
    c.parent = dup_or_null(parent);
    c.name = strdup(d->name);
    c.branch = dup_or_null(d->branch);
    c.path = dup_or_null(d->path);
    c.tag = dup_or_null(d->tag);
    c.commit = dup_or_null(d->commit);
    c.git_ref = dup_or_null(d->git_ref);
    c.alias = dup_or_null(d->alias);
    if ((parent && !c.parent) || !c.name || (d->branch && !c.branch) || (d->path && !c.path) ||
        (d->tag && !c.tag) || (d->commit && !c.commit) || (d->git_ref && !c.git_ref) ||
        (d->alias && !c.alias)) {
        lk_dep_free(&c);
        memset(to, 0, sizeof *to);
        return -1;
    }
    *to = c;
    return 0;
}

int lk_add(lk_lock *l, const char *parent, const lk_dep *d)
{
    lk_dep c;
    if (lk_dep_copy(&c, d, parent) != 0) return -1;
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->deps[i].parent, parent) && !strcmp(l->deps[i].name, d->name)) {
            lk_dep_free(&l->deps[i]);
            l->deps[i] = c;
            return 0;
        }
    lk_dep *nd = realloc(l->deps, (l->n + 1) * sizeof *nd);
    if (!nd) {
        lk_dep_free(&c);
        return -1;
    }
    l->deps = nd;
    l->deps[l->n++] = c;
    return 0;
}

lk_dep *lk_get(const lk_lock *l, const char *parent, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->deps[i].parent, parent) && !strcmp(l->deps[i].name, name)) return &l->deps[i];
    return NULL;
}

void lk_remove(lk_lock *l, size_t i)
{
    lk_dep_free(&l->deps[i]);
    memmove(&l->deps[i], &l->deps[i + 1], (l->n - i - 1) * sizeof *l->deps);
    l->n--;
}

void lk_free(lk_lock *l)
{
    for (size_t i = 0; i < l->n; i++) lk_dep_free(&l->deps[i]);
    free(l->deps);
    l->deps = NULL;
    l->n = 0;
}

void lk_dependency_path(const lk_dep *d, char *out, size_t cap)
{
    char v[160];
    if (d->tag)
        snprintf(out, cap, "%s@%s", d->name, d->tag);
    else if (d->has_version) {
        ms_format(&d->version, v, sizeof v);
        snprintf(out, cap, "%s@v%s", d->name, v);
    } else if (d->branch)
        snprintf(out, cap, "%s#%s", d->name, d->branch);
    else if (d->path)
        snprintf(out, cap, "%s", d->path);
    else
        snprintf(out, cap, "%s", d->name);
}

/* ------------------------------------------------------------------ writing */

/* Go's encoding/json string: <, >, & as \u003c... (its HTML-safe default) */
static void jstr(lp_buf *b, const char *s)
{
    lp_buf_puts(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char e[8];
        if (*p == '"' || *p == '\\') {
            lp_buf_put(b, "\\", 1);
            lp_buf_put(b, (const char *)p, 1);
        } else if (*p == '\n')
            lp_buf_puts(b, "\\n");
        else if (*p == '\r')
            lp_buf_puts(b, "\\r");
        else if (*p == '\t')
            lp_buf_puts(b, "\\t");
        else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&') {
            snprintf(e, sizeof e, "\\u%04x", *p);
            lp_buf_puts(b, e);
        } else
            lp_buf_put(b, (const char *)p, 1);
    }
    lp_buf_puts(b, "\"");
}

static int cmp_dep(const void *x, const void *y)
{
    const lk_dep *a = *(const lk_dep *const *)x, *b = *(const lk_dep *const *)y;
    int c = strcmp(a->parent, b->parent);
    return c ? c : strcmp(a->name, b->name);
}

static void field(lp_buf *b, int *first, const char *key, const char *val)
{
    if (!val) return;
    lp_buf_puts(b, *first ? "\n      " : ",\n      ");
    *first = 0;
    jstr(b, key);
    lp_buf_puts(b, ": ");
    jstr(b, val);
}

char *lk_format(const lk_lock *l)
{
    const lk_dep **v = malloc((l->n ? l->n : 1) * sizeof *v);
    if (!v) return NULL;
    for (size_t i = 0; i < l->n; i++) v[i] = &l->deps[i];
    qsort(v, l->n, sizeof *v, cmp_dep);
    lp_buf b = { 0 };
    lp_buf_puts(&b, "{");
    for (size_t i = 0; i < l->n; i++) {
        const lk_dep *d = v[i];
        int new_parent = i == 0 || strcmp(v[i - 1]->parent, d->parent) != 0;
        if (new_parent) {
            if (i) lp_buf_puts(&b, "\n  },");
            lp_buf_puts(&b, "\n  ");
            jstr(&b, d->parent);
            lp_buf_puts(&b, ": {");
        } else
            lp_buf_puts(&b, ",");
        lp_buf_puts(&b, "\n    ");
        jstr(&b, d->name);
        lp_buf_puts(&b, ": {");
        int first = 1;
        char ver[160];
        if (d->has_version) ms_format(&d->version, ver, sizeof ver);
        field(&b, &first, "version", d->has_version ? ver : NULL);
        field(&b, &first, "branch", d->branch);
        field(&b, &first, "path", d->path);
        field(&b, &first, "tag", d->tag);
        field(&b, &first, "name", d->name);
        field(&b, &first, "commit", d->commit);
        field(&b, &first, "git_ref", d->git_ref);
        if (d->struct_version) {
            char num[64];
            snprintf(num, sizeof num, ",\n      \"struct_version\": %ld", d->struct_version);
            lp_buf_puts(&b, num);
        }
        /* alias has no omitempty */
        lp_buf_puts(&b, ",\n      \"alias\": ");
        jstr(&b, d->alias ? d->alias : "");
        lp_buf_puts(&b, "\n    }");
    }
    lp_buf_puts(&b, l->n ? "\n  }\n}" : "}");
    free(v);
    return mf_take(&b);
}
