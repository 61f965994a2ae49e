/* semver.c — see semver.h.  The comparison rules follow Masterminds/semver v3's
 * constraints.go function by function (tilde-or-equal for a bare version, the "dirty" wildcard
 * cases, and the pre-release rule). */
#include "mods/semver.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int read_num(const char **p, uint64_t *out)
{
    const char *s = *p;
    if (!isdigit((unsigned char)*s)) return -1;
    uint64_t n = 0;
    while (isdigit((unsigned char)*s)) {
        if (n > (UINT64_MAX - 9) / 10) return -1;
        n = n * 10 + (uint64_t)(*s++ - '0');
    }
    *p = s;
    *out = n;
    return 0;
}

/* dot-separated identifiers of [0-9A-Za-z-]; numeric pre-release identifiers have no leading 0 */
static int read_idents(const char **p, char *out, size_t cap, int numeric_rule)
{
    const char *s = *p, *start = s;
    for (;;) {
        const char *id = s;
        while (isalnum((unsigned char)*s) || *s == '-') s++;
        if (s == id) return -1;
        if (numeric_rule && s - id > 1 && *id == '0') {
            const char *q = id;
            while (q < s && isdigit((unsigned char)*q)) q++;
            if (q == s) return -1;
        }
        if (*s != '.') break;
        s++;
    }
    if ((size_t)(s - start) >= cap) return -1;
    memcpy(out, start, (size_t)(s - start));
    out[s - start] = '\0';
    *p = s;
    return 0;
}

/* A version, or in a constraint (wild != NULL) one with x, X or star parts: *wild gets how many of the
 * three parts are given as numbers (0: "*", 1: "1.x", 2: "1.2", 3: whole).  Reads until *end. */
static int parse_at(const char **p, ms_version *v, int *wild)
{
    const char *s = *p;
    memset(v, 0, sizeof *v);
    if (*s == 'v') s++;
    uint64_t *parts[3] = { &v->major, &v->minor, &v->patch };
    int given = 0;
    for (int i = 0; i < 3; i++) {
        if (i > 0) {
            if (*s != '.') break;
            s++;
        }
        if (wild && (*s == 'x' || *s == 'X' || *s == '*')) {
            s++;
            if (given == i) *wild = i;
            given = -1; /* the rest are wild too */
            continue;
        }
        if (given < 0 || read_num(&s, parts[i]) != 0) return -1;
        given = i + 1;
    }
    if (wild && given >= 0) *wild = given;
    if (*s == '-') {
        s++;
        if (read_idents(&s, v->pre, sizeof v->pre, 1) != 0) return -1;
    }
    if (*s == '+') {
        s++;
        if (read_idents(&s, v->meta, sizeof v->meta, 0) != 0) return -1;
    }
    *p = s;
    return 0;
}

int ms_parse(const char *s, ms_version *v)
{
    const char *p = s;
    if (parse_at(&p, v, NULL) != 0 || *p) return -1;
    return 0;
}

static int cmp_u64(uint64_t a, uint64_t b)
{
    return a < b ? -1 : a > b;
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i])) return 0;
    return n > 0;
}

/* semver 2.0 §11: identifiers compared left to right, numbers numerically and below names */
static int cmp_pre(const char *a, const char *b)
{
    if (!*a || !*b) return !*a && !*b ? 0 : !*a ? 1 : -1;
    while (*a && *b) {
        size_t na = strcspn(a, "."), nb = strcspn(b, ".");
        int da = all_digits(a, na), db = all_digits(b, nb);
        int c;
        if (da && db)
            c = na != nb ? (na < nb ? -1 : 1) : strncmp(a, b, na);
        else if (da || db)
            c = da ? -1 : 1;
        else {
            c = strncmp(a, b, na < nb ? na : nb);
            if (!c) c = na < nb ? -1 : na > nb;
        }
        if (c) return c < 0 ? -1 : 1;
        a += na + (a[na] == '.');
        b += nb + (b[nb] == '.');
    }
    return *a ? 1 : *b ? -1 : 0;
}

int ms_compare(const ms_version *a, const ms_version *b)
{
    int c = cmp_u64(a->major, b->major);
    if (!c) c = cmp_u64(a->minor, b->minor);
    if (!c) c = cmp_u64(a->patch, b->patch);
    if (!c) c = cmp_pre(a->pre, b->pre);
    return c;
}

void ms_format(const ms_version *v, char *out, unsigned cap)
{
    snprintf(out, cap, "%llu.%llu.%llu%s%s%s%s", (unsigned long long)v->major, (unsigned long long)v->minor,
             (unsigned long long)v->patch, v->pre[0] ? "-" : "", v->pre, v->meta[0] ? "+" : "", v->meta);
}

/* ------------------------------------------------------------------ constraints */

static const char *skip_sep(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == ',') s++;
    return s;
}

static int parse_term(const char **p, ms_term *t)
{
    const char *s = *p;
    char op = '=';
    if (s[0] == '!' && s[1] == '=')
        op = '!', s += 2;
    else if ((s[0] == '>' && s[1] == '=') || (s[0] == '=' && s[1] == '>'))
        op = 'G', s += 2;
    else if ((s[0] == '<' && s[1] == '=') || (s[0] == '=' && s[1] == '<'))
        op = 'L', s += 2;
    else if (s[0] == '~' && s[1] == '>')
        op = '~', s += 2;
    else if (*s == '>' || *s == '<' || *s == '~' || *s == '^' || *s == '=')
        op = *s++;
    while (*s == ' ' || *s == '\t') s++;
    int given = 3;
    if (parse_at(&s, &t->v, &given) != 0) return -1;
    if (*s && *s != ' ' && *s != '\t' && *s != ',' && *s != '|') return -1;
    t->op = op;
    t->dirty = given < 3;
    t->minor_dirty = given == 1;
    t->patch_dirty = given == 2;
    /* Masterminds: "*" (no part given) is dirty but neither minor- nor patch-dirty */
    *p = s;
    return 0;
}

int ms_constraint_parse(const char *s, ms_constraint *c)
{
    memset(c, 0, sizeof *c);
    int n = 0;
    for (;;) {
        s = skip_sep(s);
        int start = n;
        while (*s && *s != '|') {
            if (n + 2 > MS_MAX_TERMS) return -1;
            ms_term t;
            if (parse_term(&s, &t) != 0) return -1;
            /* "A - B": >= A, <= B */
            const char *q = s;
            while (*q == ' ' || *q == '\t') q++;
            if (t.op == '=' && q[0] == '-' && (q[1] == ' ' || q[1] == '\t') && q != s) {
                q += 1;
                while (*q == ' ' || *q == '\t') q++;
                ms_term hi;
                if (parse_term(&q, &hi) != 0 || hi.op != '=') return -1;
                t.op = 'G';
                hi.op = 'L';
                c->terms[n++] = t;
                c->terms[n++] = hi;
                s = q;
            } else {
                c->terms[n++] = t;
            }
            s = skip_sep(s);
        }
        if (n == start) return -1;
        c->group_end[c->ngroups++] = n;
        if (!*s) return 0;
        if (s[0] != '|' || s[1] != '|' || c->ngroups == MS_MAX_TERMS) return -1;
        s += 2;
    }
}

static int term_check(const ms_term *t, const ms_version *v)
{
    const ms_version *k = &t->v;
    /* a pre-release satisfies only a comparison that names one */
    if (v->pre[0] && !k->pre[0]) return 0;
    int cmp = ms_compare(v, k);
    switch (t->op) {
    case '=':
        if (!t->dirty) return cmp == 0;
        /* a bare wildcard version is a tilde range */
        __attribute__((fallthrough));
    case '~':
        if (cmp < 0) return 0;
        if (k->major == 0 && k->minor == 0 && k->patch == 0 && !t->minor_dirty && !t->patch_dirty) return 1;
        if (v->major != k->major) return 0;
        if (v->minor != k->minor && !t->minor_dirty) return 0;
        return 1;
    case '!':
        if (!t->dirty) return cmp != 0;
        if (k->major != v->major) return 1;
        if (t->minor_dirty) return 0;
        if (k->minor != v->minor) return 1;
        return 0;
    case '>':
        if (!t->dirty) return cmp > 0;
        if (v->major != k->major) return v->major > k->major;
        if (t->minor_dirty) return 0;
        if (t->patch_dirty) return v->minor > k->minor;
        return cmp > 0;
    case 'G': return cmp >= 0;
    case '<': return cmp < 0;
    case 'L':
        if (!t->dirty) return cmp <= 0;
        if (v->major > k->major) return 0;
        if (v->major == k->major && v->minor > k->minor && !t->minor_dirty) return 0;
        return 1;
    case '^':
        if (cmp < 0) return 0;
        if (k->major > 0 || t->minor_dirty) return v->major == k->major;
        if (v->major > 0) return 0;
        if (k->minor > 0 || t->patch_dirty) return v->minor == k->minor;
        if (v->minor > 0) return 0;
        return v->patch == k->patch;
    default: return 0;
    }
}

int ms_check(const ms_constraint *c, const ms_version *v)
{
    int start = 0;
    for (int g = 0; g < c->ngroups; g++) {
        int ok = 1;
        for (int i = start; i < c->group_end[g] && ok; i++) ok = term_check(&c->terms[i], v);
        if (ok) return 1;
        start = c->group_end[g];
    }
    return 0;
}

int ms_constraint_is_prerelease(const char *s)
{
    ms_version v;
    return ms_parse(s, &v) == 0 && (v.pre[0] || v.meta[0]);
}
