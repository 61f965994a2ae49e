/* where.c — Powerpipe's `--where` filter: pipe-fittings' filter grammar (filter/filter.peg) as a
 * recursive-descent PEG (each rule an ordered choice from the same position, a repetition
 * greedy and never given back), and its single-comparison predicate (resource_filter.go).
 * Nesting is bounded and so is the work: pigeon's parser is exponential in nested brackets
 * (no memo), here a clause too deep or too costly is a parse error instead. */
#include <fnmatch.h>
#include <string.h>

#include "base/err.h"
#include "base/mem.h"
#include "run/where.h"

enum { WHERE_MAX_DEPTH = 64, WHERE_MAX_STEPS = 200000 };

/* A value node (pipe-fittings' CodeNode); its text is made from the input when kept. */
enum { V_STRING, V_QIDENT, V_UIDENT, V_NUMBER, V_BOOL, V_NULL, V_TIME };
typedef struct wval {
    uint8_t kind;
    char add;                   /* V_TIME: '+' / '-', or 0 without an interval */
    size_t start, end;          /* the source (V_TIME: the interval's string literal) */
} wval;

/* A comparison node: its type and, for compare/like/in, its values in the parser's list. */
enum { C_COMPARE, C_LIKE, C_IN, C_IS, C_NOT, C_AND, C_OR, C_IDENT };
typedef struct wcmp {
    int type;
    char op[12];
    uint32_t first, count;
} wcmp;

typedef struct parser {
    const char *s;
    size_t n;
    size_t far;                 /* the farthest position a terminal failed at */
    unsigned depth;
    unsigned long steps;
    int limit;                  /* too deep or too costly */
    wval *vals;
    uint32_t nvals, cap;
    int oom;
} parser;

enum { OP_EQ, OP_NE, OP_LIKE, OP_NOT_LIKE, OP_ILIKE, OP_NOT_ILIKE, OP_IN, OP_NOT_IN, OP_NEVER };

struct run_where {
    int op;
    lp_buf store;               /* column '\0' value '\0' value ... */
    uint32_t nvalues;
    size_t *offs;               /* each value's offset in store */
};

static void fail_at(parser *p, size_t pos)
{
    if (pos > p->far) p->far = pos;
}

static int ci_eq(char a, char b)
{
    if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = (char)(b - 'A' + 'a');
    return a == b;
}

/* A literal (case-insensitive when ci, litr in lower case): the position after it, or -1. */
static long lit(parser *p, long pos, const char *litr, int ci)
{
    size_t i = (size_t)pos;
    for (const char *c = litr; *c; c++, i++) {
        if (i >= p->n || (ci ? !ci_eq(p->s[i], *c) : p->s[i] != *c)) {
            fail_at(p, (size_t)pos);       /* pigeon fails a literal at its start */
            return -1;
        }
    }
    return (long)i;
}

static long ws(parser *p, long pos)
{
    size_t i = (size_t)pos;
    while (i < p->n && (p->s[i] == ' ' || p->s[i] == '\n' || p->s[i] == '\t' || p->s[i] == '\r')) i++;
    fail_at(p, i);
    return (long)i;
}

static int push_val(parser *p, wval v)
{
    wval *g = mem_room(p->vals, p->nvals, &p->cap, sizeof *g, 8);
    if (!g) { p->oom = 1; return -1; }
    p->vals = g;
    p->vals[p->nvals++] = v;
    return 0;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha_(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

/* `q` ( `qq` / [^q] )* `q`: a string constant or a quoted identifier. */
static long quoted(parser *p, long pos, char q)
{
    size_t i = (size_t)pos;
    if (i >= p->n || p->s[i] != q) { fail_at(p, i); return -1; }
    for (i++;;) {
        if (i >= p->n) { fail_at(p, i); return -1; }
        if (p->s[i] == q) {
            if (i + 1 < p->n && p->s[i + 1] == q) { i += 2; continue; }
            return (long)i + 1;
        }
        i++;
    }
}

static long v_string(parser *p, long pos, wval *v)
{
    long e = quoted(p, pos, '\'');
    if (e >= 0) *v = (wval){ V_STRING, 0, (size_t)pos, (size_t)e };
    return e;
}

static long v_integer(parser *p, long pos, wval *v)
{
    size_t i = (size_t)pos;
    if (i < p->n && p->s[i] == '0') i++;
    else if (i < p->n && p->s[i] >= '1' && p->s[i] <= '9') {
        while (++i < p->n && is_digit(p->s[i])) {}
        fail_at(p, i);
    } else { fail_at(p, i); return -1; }
    *v = (wval){ V_NUMBER, 0, (size_t)pos, i };
    return (long)i;
}

static long v_number(parser *p, long pos, wval *v)
{
    size_t i = (size_t)pos;
    if (i < p->n && p->s[i] == '-') i++;
    long e = v_integer(p, (long)i, v);
    if (e < 0) return -1;
    i = (size_t)e;
    if (i + 1 < p->n && p->s[i] == '.' && is_digit(p->s[i + 1])) {
        i++;
        while (i < p->n && is_digit(p->s[i])) i++;
    }
    fail_at(p, i);
    if (i < p->n && (p->s[i] == 'e' || p->s[i] == 'E')) {
        size_t j = i + 1;
        if (j < p->n && (p->s[j] == '+' || p->s[j] == '-')) j++;
        if (j < p->n && is_digit(p->s[j])) {
            while (j < p->n && is_digit(p->s[j])) j++;
            i = j;
        }
        fail_at(p, j);
    }
    *v = (wval){ V_NUMBER, 0, (size_t)pos, i };
    return (long)i;
}

static long v_bool(parser *p, long pos, wval *v)
{
    long e = lit(p, pos, "true", 1);
    if (e < 0) e = lit(p, pos, "false", 1);
    if (e >= 0) *v = (wval){ V_BOOL, 0, (size_t)pos, (size_t)e };
    return e;
}

static long v_null(parser *p, long pos, wval *v)
{
    long e = lit(p, pos, "null", 1);
    if (e >= 0) *v = (wval){ V_NULL, 0, (size_t)pos, (size_t)e };
    return e;
}

static long v_constant(parser *p, long pos, wval *v)
{
    long e = v_bool(p, pos, v);
    if (e < 0) e = v_number(p, pos, v);
    if (e < 0) e = v_string(p, pos, v);
    return e;
}

static long v_column(parser *p, long pos, wval *v)
{
    long e = quoted(p, pos, '"');
    if (e >= 0) { *v = (wval){ V_QIDENT, 0, (size_t)pos, (size_t)e }; return e; }
    size_t i = (size_t)pos;
    if (i >= p->n || !is_alpha_(p->s[i])) { fail_at(p, i); return -1; }
    while (++i < p->n && (is_alpha_(p->s[i]) || is_digit(p->s[i]))) {}
    fail_at(p, i);
    *v = (wval){ V_UIDENT, 0, (size_t)pos, i };
    return (long)i;
}

/* "->" '>'? */
static long jsonb_op(parser *p, long pos)
{
    long e = lit(p, pos, "->", 0);
    if (e < 0) return -1;
    long g = lit(p, e, ">", 0);
    return g >= 0 ? g : e;
}

static long jsonb_field(parser *p, long pos)
{
    wval ignored;
    long e = v_string(p, pos, &ignored);
    return e >= 0 ? e : v_integer(p, pos, &ignored);
}

/* Jsonb: the column's node (its selectors are not part of the value) */
static long v_jsonb(parser *p, long pos, wval *v)
{
    long e = v_column(p, pos, v);
    if (e < 0) return -1;
    e = jsonb_op(p, ws(p, e));
    if (e < 0) return -1;
    e = jsonb_field(p, ws(p, e));
    if (e < 0) return -1;
    for (;;) {
        long r = jsonb_op(p, ws(p, e));
        if (r < 0) return e;
        r = jsonb_field(p, ws(p, r));
        if (r < 0) return e;
        e = r;
    }
}

static long v_identifier(parser *p, long pos, wval *v)
{
    long e = v_jsonb(p, pos, v);
    return e >= 0 ? e : v_column(p, pos, v);
}

/* now() ( _ ('+' / '-') _ interval _ String )? */
static long v_time(parser *p, long pos, wval *v)
{
    long e = lit(p, pos, "now", 1);
    if (e < 0 || (e = lit(p, e, "()", 0)) < 0) return -1;
    *v = (wval){ V_TIME, 0, 0, 0 };
    long a = ws(p, e);
    char add = a < (long)p->n ? p->s[a] : 0;
    if (add != '+' && add != '-') { fail_at(p, (size_t)a); return e; }
    long f = lit(p, ws(p, a + 1), "interval", 1);
    wval s;
    if (f < 0 || (f = v_string(p, ws(p, f), &s)) < 0) return e;
    *v = (wval){ V_TIME, add, s.start, s.end };
    return f;
}

static long v_unbracketed(parser *p, long pos, wval *v)
{
    long e = v_time(p, pos, v);
    if (e < 0) e = v_constant(p, pos, v);
    if (e < 0) e = v_jsonb(p, pos, v);
    if (e < 0) e = v_column(p, pos, v);
    return e;
}

static long v_value(parser *p, long pos, wval *v)
{
    if (++p->steps > WHERE_MAX_STEPS || p->depth >= WHERE_MAX_DEPTH) { p->limit = 1; return -1; }
    long e = lit(p, pos, "(", 0);
    if (e >= 0) {
        p->depth++;
        e = v_value(p, ws(p, e), v);
        p->depth--;
        if (e >= 0) e = lit(p, ws(p, e), ")", 0);
        if (e >= 0) return e;
    }
    return v_unbracketed(p, pos, v);
}

static long compare_op(parser *p, long pos, wcmp *c)
{
    static const char *const ops[] = { "<=", "<>", ">=", "!=", "<", "=", ">" };
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
        long e = lit(p, pos, ops[i], 0);
        if (e >= 0) { strcpy(c->op, ops[i]); return e; }
    }
    return -1;
}

/* ("not"i _)? then a word: "in", or "like"/"ilike" (lower-cased, "not " before it) */
static long not_word(parser *p, long pos, const char *const *words, wcmp *c)
{
    long e = lit(p, pos, "not", 1);
    int negated = e >= 0;
    long at = negated ? ws(p, e) : pos;
    for (const char *const *w = words; *w; w++) {
        long f = lit(p, at, *w, 1);
        if (f >= 0) {
            strcpy(c->op, negated ? "not " : "");
            strcat(c->op, *w);
            return f;
        }
    }
    return -1;
}

static long or_comparison(parser *p, long pos, wcmp *c);

/* c as a comparison of type over the values a and b, pushed: end, or -1 for lack of memory. */
static long binary_comparison(parser *p, wcmp *c, int type, wval a, wval b, long end)
{
    c->type = type;
    c->first = p->nvals;
    c->count = 2;
    if (push_val(p, a) || push_val(p, b)) return -1;
    return end;
}

static long comparison(parser *p, long pos, wcmp *c)
{
    if (++p->steps > WHERE_MAX_STEPS || p->depth >= WHERE_MAX_DEPTH) { p->limit = 1; return -1; }
    uint32_t mark = p->nvals;
    long e;
    wval a, b;
    /* MultiComparison: '(' _ OrComparison _ ')' */
    if ((e = lit(p, pos, "(", 0)) >= 0) {
        p->depth++;
        e = or_comparison(p, ws(p, e), c);
        p->depth--;
        if (e >= 0 && (e = lit(p, ws(p, e), ")", 0)) >= 0) return e;
    }
    p->nvals = mark;
    /* NotComparison: Not _ Comparison */
    if ((e = lit(p, pos, "not", 1)) >= 0) {
        wcmp inner;
        p->depth++;
        e = comparison(p, ws(p, e), &inner);
        p->depth--;
        if (e >= 0) { *c = (wcmp){ C_NOT, "not", 0, 0 }; return e; }
    }
    p->nvals = mark;
    /* LeftRightComparison: Value _ CompareOperator _ Value */
    if ((e = v_value(p, pos, &a)) >= 0 && (e = compare_op(p, ws(p, e), c)) >= 0 &&
        (e = v_value(p, ws(p, e), &b)) >= 0) {
        return binary_comparison(p, c, C_COMPARE, a, b, e);
    }
    /* LikeComparison: Identifier _ Like _ String */
    static const char *const likes[] = { "like", "ilike", NULL };
    if ((e = v_identifier(p, pos, &a)) >= 0 && (e = not_word(p, ws(p, e), likes, c)) >= 0 &&
        (e = v_string(p, ws(p, e), &b)) >= 0) {
        return binary_comparison(p, c, C_LIKE, a, b, e);
    }
    /* IsComparison: (Identifier / Null / Bool) _ Is _ (Null / Bool) */
    e = v_identifier(p, pos, &a);
    if (e < 0) e = v_null(p, pos, &a);
    if (e < 0) e = v_bool(p, pos, &a);
    if (e >= 0 && (e = lit(p, ws(p, e), "is", 1)) >= 0) {
        long n = lit(p, ws(p, e), "not", 1);
        if (n >= 0) e = n;
        long r = v_null(p, ws(p, e), &b);
        if (r < 0) r = v_bool(p, ws(p, e), &b);
        if (r >= 0) { *c = (wcmp){ C_IS, "is", 0, 0 }; return r; }
    }
    /* InComparison: Value _ In _ InList */
    static const char *const ins[] = { "in", NULL };
    if ((e = v_value(p, pos, &a)) >= 0 && (e = not_word(p, ws(p, e), ins, c)) >= 0 &&
        (e = lit(p, ws(p, e), "(", 0)) >= 0) {
        c->type = C_IN;
        c->first = p->nvals;
        if (push_val(p, a)) return -1;
        long close = lit(p, ws(p, e), ")", 0);      /* EmptyInList */
        if (close >= 0) { c->count = 1; return close; }
        long r = v_unbracketed(p, ws(p, e), &b);
        if (r >= 0) {
            if (push_val(p, b)) return -1;
            for (;;) {
                long s = lit(p, ws(p, r), ",", 0);
                if (s < 0 || (s = v_unbracketed(p, ws(p, s), &b)) < 0) break;
                if (push_val(p, b)) return -1;
                r = s;
            }
            if ((r = lit(p, ws(p, r), ")", 0)) >= 0) {
                c->count = p->nvals - c->first;
                return r;
            }
        }
        p->nvals = mark;
    }
    /* IdentifierComparison */
    if ((e = v_identifier(p, pos, &a)) >= 0) {
        *c = (wcmp){ C_IDENT, "", 0, 0 };
        return e;
    }
    return -1;
}

/* first ( _ word _ next )*: and/or chains; more than one makes a node of that type */
static long chain(parser *p, long pos, wcmp *c, const char *word, int type)
{
    long e = type == C_OR ? chain(p, pos, c, "and", C_AND) : comparison(p, pos, c);
    if (e < 0) return -1;
    int more = 0;
    for (;;) {
        uint32_t mark = p->nvals;
        wcmp next;
        long w = lit(p, ws(p, e), word, 1);
        if (w >= 0) w = ws(p, w);
        if (w >= 0) w = type == C_OR ? chain(p, w, &next, "and", C_AND) : comparison(p, w, &next);
        if (w < 0) { p->nvals = mark; break; }
        e = w;
        more = 1;
    }
    if (more) *c = (wcmp){ type, "", 0, 0 };
    return e;
}

static long or_comparison(parser *p, long pos, wcmp *c) { return chain(p, pos, c, "or", C_OR); }

/* pigeon's position: line, column in runes (both from 1), byte offset */
static void position(const char *s, size_t off, unsigned *line, unsigned *col)
{
    *line = 1;
    *col = 1;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n') { (*line)++; *col = 1; }
        else if (((unsigned char)s[i] & 0xC0) != 0x80) (*col)++;
    }
}

/* The offset of the first byte that is not valid UTF-8, or len (pigeon reads runes). */
static size_t bad_utf8(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        size_t need;
        unsigned char lo = 0x80, hi = 0xBF;     /* the second byte's range */
        if (c < 0x80) { i++; continue; }
        else if (c >= 0xC2 && c <= 0xDF) need = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else return i;
        if (i + need >= len) return i;
        if (s[i + 1] < lo || s[i + 1] > hi) return i;
        for (size_t k = 2; k <= need; k++)
            if ((s[i + k] & 0xC0) != 0x80) return i;
        i += need + 1;
    }
    return len;
}

/* A value node's text, as pipe-fittings' CodeNode.Value. */
static void put_value(lp_buf *b, const char *s, const wval *v)
{
    const char *t = s + v->start;
    size_t n = v->end - v->start;
    switch (v->kind) {
    case V_STRING:
    case V_QIDENT: {
        char q = t[0];
        for (size_t i = 1; i + 1 < n; i++) {
            lp_buf_putc(b, t[i]);
            if (t[i] == q) i++;
        }
        break;
    }
    case V_UIDENT:
    case V_BOOL:
    case V_NULL:
        for (size_t i = 0; i < n; i++)
            lp_buf_putc(b, t[i] >= 'A' && t[i] <= 'Z' ? (char)(t[i] - 'A' + 'a') : t[i]);
        break;
    case V_TIME:
        lp_buf_puts(b, "now()");
        if (v->add) {
            /* CodeToSQL of the interval's string: quoted again, '' for ' */
            lp_buf_printf(b, " %c interval ", v->add);
            lp_buf_put(b, t, n);
        }
        break;
    default:
        lp_buf_put(b, t, n);
    }
    lp_buf_putc(b, '\0');
}

static int op_code(const wcmp *c)
{
    static const char *const names[] = { "=", "!=", "like", "not like", "ilike", "not ilike", "in",
                                         "not in" };
    for (int i = 0; i < OP_NEVER; i++)
        if (strcmp(c->op, names[i]) == 0) return i;
    return OP_NEVER;
}

int run_where_parse(const char *text, run_where **out, lp_error *err)
{
    *out = NULL;
    parser p = { .s = text, .n = strlen(text) };
    size_t bad = bad_utf8((const unsigned char *)text, p.n);
    wcmp c = { 0 };
    long e = -1;
    if (bad == p.n) {
        e = or_comparison(&p, ws(&p, 0), &c);
        if (e >= 0) {
            e = ws(&p, e);
            if ((size_t)e != p.n) { fail_at(&p, (size_t)e); e = -1; }
        }
    }
    int rc = LP_OK;
    if (p.oom) rc = err_set(err, LP_ERR_NOMEM, "out of memory");
    else if (e < 0) {
        unsigned line, col;
        size_t at = bad < p.n ? bad : p.far;
        position(text, at, &line, &col);
        rc = err_set(err, LP_ERR_ARG, "failed to parse 'where' property: %u:%u (%zu): %s", line, col, at,
                     bad < p.n ? "invalid encoding" : p.limit ? "too deeply nested" : "no match found");
    } else if (c.type != C_COMPARE && c.type != C_LIKE && c.type != C_IN) {
        rc = err_set(err, LP_ERR_ARG, "failed to convert 'where' arg to qual");
    } else if (c.count < 2) {
        rc = err_set(err, LP_ERR_ARG, "failed to parse cn");
    } else {
        run_where *w = mem_calloc(1, sizeof *w);
        if (w) w->offs = mem_calloc(c.count - 1, sizeof *w->offs);
        if (!w || !w->offs) {
            if (w) mem_free(w, sizeof *w);
            rc = err_set(err, LP_ERR_NOMEM, "out of memory");
        } else {
            w->op = op_code(&c);
            put_value(&w->store, text, &p.vals[c.first]);
            for (uint32_t i = 1; i < c.count; i++) {
                w->offs[w->nvalues++] = w->store.len;
                put_value(&w->store, text, &p.vals[c.first + i]);
            }
            if (w->store.oom) {
                run_where_free(w);
                rc = err_set(err, LP_ERR_NOMEM, "out of memory");
            } else {
                *out = w;
            }
        }
    }
    mem_free(p.vals, p.cap * sizeof *p.vals);
    return rc;
}

void run_where_free(run_where *w)
{
    if (!w) return;
    lp_buf_free(&w->store);
    mem_free(w->offs, (w->nvalues ? w->nvalues : 1) * sizeof *w->offs);
    mem_free(w, sizeof *w);
}

const char *run_where_column(const run_where *w) { return w->store.data; }

/* pipe-fittings' SqlLike: % -> *, _ -> ?, then "\%" and "\_" back (which never occur any more: the
 * first two replacements already turned them into "\*" and "\?", fnmatch's escaped * and ?). */
static int sql_like(const char *value, const char *pattern, int case_sensitive)
{
    size_t n = strlen(pattern);
    char stack[256];
    char *pat = n < sizeof stack ? stack : mem_malloc(n + 1);
    if (!pat) return 0;
    for (size_t i = 0; i <= n; i++)
        pat[i] = pattern[i] == '%' ? '*' : pattern[i] == '_' ? '?' : pattern[i];
    int ok = fnmatch(pat, value, case_sensitive ? 0 : FNM_CASEFOLD) == 0;
    if (pat != stack) mem_free(pat, n + 1);
    return ok;
}

int run_where_match(const run_where *w, const char *value)
{
    const char *first = w->store.data + w->offs[0];
    switch (w->op) {
    case OP_EQ: return strcmp(value, first) == 0;
    case OP_NE: return strcmp(value, first) != 0;
    case OP_LIKE: return sql_like(value, first, 1);
    case OP_NOT_LIKE: return !sql_like(value, first, 1);
    case OP_ILIKE: return sql_like(value, first, 0);
    case OP_NOT_ILIKE: return !sql_like(value, first, 0);
    case OP_IN:
    case OP_NOT_IN:
        for (uint32_t i = 0; i < w->nvalues; i++)
            if (strcmp(value, w->store.data + w->offs[i]) == 0) return w->op == OP_IN;
        return w->op == OP_NOT_IN;
    default: return 0;
    }
}

int lp_where_check(const char *where, lp_error *err)
{
    if (!where || !where[0]) return LP_OK;
    run_where *w = NULL;
    int rc = run_where_parse(where, &w, err);
    run_where_free(w);
    return rc;
}
