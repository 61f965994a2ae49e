/* tmpl_value.c — values as Go shows them: fmt's %v (Sprint, Sprintln) and the printf verbs
 * templates use, strconv.Quote, encoding/json's Marshal and Indent, Go's truth and type names.
 * Floats print as strconv's shortest representation that reads back to the same double. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmplInt.h"

const char *tp_type_name(const tp_value *v)
{
    switch (v->kind) {
    case TP_INVALID: return "<nil>";
    case TP_NIL: return v->u.o.cls ? v->u.o.cls->type_name : "<nil>";
    case TP_BOOL: return "bool";
    case TP_INT: return "int";
    case TP_FLOAT: return "float64";
    case TP_STRING: return "string";
    case TP_TIME: return "time.Time";
    case TP_DURATION: return "time.Duration";
    case TP_LIST: return v->u.l && v->u.l->type ? v->u.l->type : "[]interface {}";
    case TP_MAP: return v->u.m && v->u.m->string_elems ? "map[string]string" : "map[string]interface {}";
    case TP_OBJECT: return v->u.o.cls->type_name;
    }
    return "?";
}

int tp_truth(const tp_value *v)
{
    switch (v->kind) {
    case TP_INVALID:
    case TP_NIL: return 0;
    case TP_BOOL: return v->u.b;
    case TP_INT: return v->u.i != 0;
    case TP_DURATION: return v->u.d != 0;
    case TP_FLOAT: return v->u.f != 0;
    case TP_STRING: return v->u.s.n != 0;
    case TP_LIST: return v->u.l && v->u.l->n;
    case TP_MAP: return v->u.m && v->u.m->n;
    case TP_TIME:
    case TP_OBJECT: return 1;
    }
    return 0;
}

/* ------------------------------------------------------------------ floats */

/* The shortest decimal digits that read back as f (f finite, > 0): digits, and the decimal
 * point's position dp (value = 0.DIGITS x 10^dp). */
static int shortest(double f, char *digits, int *dp)
{
    char buf[40];
    for (int prec = 0; prec < 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec, f);
        if (strtod(buf, NULL) == f) break;
    }
    /* buf: d.ddddde[+-]xx */
    int nd = 0;
    char *e = strchr(buf, 'e');
    for (char *p = buf; p < e; p++)
        if (*p != '.') digits[nd++] = *p;
    while (nd > 1 && digits[nd - 1] == '0') nd--;
    digits[nd] = '\0';
    *dp = atoi(e + 1) + 1;
    return nd;
}

/* strconv.FormatFloat(f, fmt, -1, 64) for fmt 'e', 'f' or 'g' ('g' with %v's exponent rule) */
static void format_float(double f, char fmt, lp_buf *out)
{
    if (isnan(f)) {
        lp_buf_puts(out, "NaN");
        return;
    }
    if (isinf(f)) {
        lp_buf_puts(out, f > 0 ? "+Inf" : "-Inf");
        return;
    }
    if (signbit(f)) lp_buf_putc(out, '-');
    f = fabs(f);
    char d[24];
    int dp = 1, nd = 1;
    if (f == 0) strcpy(d, "0");
    else nd = shortest(f, d, &dp);
    int exp = dp - 1;
    if (fmt == 'g') fmt = exp < -4 || exp >= 6 ? 'e' : 'f';   /* shortest: strconv's eprec is 6 */
    if (fmt == 'e') {
        lp_buf_putc(out, d[0]);
        if (nd > 1) {
            lp_buf_putc(out, '.');
            lp_buf_put(out, d + 1, (size_t)nd - 1);
        }
        lp_buf_printf(out, "e%c%02d", f != 0 && exp < 0 ? '-' : '+', abs(f == 0 ? 0 : exp));
        return;
    }
    if (dp <= 0) {
        lp_buf_puts(out, "0.");
        for (int i = 0; i < -dp; i++) lp_buf_putc(out, '0');
        lp_buf_put(out, d, (size_t)nd);
    } else if (dp >= nd) {
        lp_buf_put(out, d, (size_t)nd);
        for (int i = nd; i < dp; i++) lp_buf_putc(out, '0');
    } else {
        lp_buf_put(out, d, (size_t)dp);
        lp_buf_putc(out, '.');
        lp_buf_put(out, d + dp, (size_t)(nd - dp));
    }
}

/* %v of a float64: fmtFloat(v, 64, 'g', -1), strconv's 'g' with the shortest digits: %e when the
 * exponent is < -4 or >= 6 (ftoa.go: "if precision was the shortest possible, use precision 6") */
void tp_float_v(double f, lp_buf *out) { format_float(f, 'g', out); }

/* ------------------------------------------------------------------ strings */

/* Length of a valid UTF-8 sequence at s (n bytes left), 0 if invalid; *r its rune. */
static int utf8_len(const unsigned char *s, size_t n, uint32_t *r)
{
    if (s[0] < 0x80) return *r = s[0], 1;
    int len = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
    if (!len || (size_t)len > n) return 0;
    uint32_t v = s[0] & (0x7F >> len);
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) ||
        (len == 4 && (v < 0x10000 || v > 0x10FFFF)))
        return 0;
    *r = v;
    return len;
}

void tp_quote(const char *s, size_t n, lp_buf *out)
{
    lp_buf_putc(out, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t r;
        int len = utf8_len((const unsigned char *)s + i, n - i, &r);
        if (!len) {
            lp_buf_printf(out, "\\x%02x", c);
            i++;
            continue;
        }
        if (len > 1) {
            if (r == 0xFEFF || (r >= 0x80 && r < 0xA0) || r == 0x2028 || r == 0x2029 || r == 0xAD)
                lp_buf_printf(out, r < 0x10000 ? "\\u%04x" : "\\U%08x", r);
            else lp_buf_put(out, s + i, (size_t)len);
            i += (size_t)len;
            continue;
        }
        i++;
        switch (c) {
        case '\a': lp_buf_puts(out, "\\a"); break;
        case '\b': lp_buf_puts(out, "\\b"); break;
        case '\f': lp_buf_puts(out, "\\f"); break;
        case '\n': lp_buf_puts(out, "\\n"); break;
        case '\r': lp_buf_puts(out, "\\r"); break;
        case '\t': lp_buf_puts(out, "\\t"); break;
        case '\v': lp_buf_puts(out, "\\v"); break;
        case '\\': lp_buf_puts(out, "\\\\"); break;
        case '"': lp_buf_puts(out, "\\\""); break;
        default:
            if (c < 0x20 || c == 0x7F) lp_buf_printf(out, "\\x%02x", c);
            else lp_buf_putc(out, (char)c);
        }
    }
    lp_buf_putc(out, '"');
}

/* ------------------------------------------------------------------ %v */

static void print_value(tp_ctx *x, const tp_value *v, lp_buf *out, int nested)
{
    switch (v->kind) {
    case TP_INVALID: lp_buf_puts(out, nested ? "<invalid reflect.Value>" : "<no value>"); break;
    case TP_NIL: lp_buf_puts(out, v->u.o.cls ? "<nil>" : "<nil>"); break;
    case TP_BOOL: lp_buf_puts(out, v->u.b ? "true" : "false"); break;
    case TP_INT: lp_buf_printf(out, "%lld", (long long)v->u.i); break;
    case TP_FLOAT: tp_float_v(v->u.f, out); break;
    case TP_STRING: lp_buf_put(out, v->u.s.p, v->u.s.n); break;
    case TP_TIME: tp_time_format(v, "2006-01-02 15:04:05.999999999 -0700 MST", 39, out); break;
    case TP_DURATION: tp_duration_string(v->u.d, out); break;
    case TP_LIST:
        lp_buf_putc(out, '[');
        for (uint32_t i = 0; v->u.l && i < v->u.l->n; i++) {
            if (i) lp_buf_putc(out, ' ');
            print_value(x, &v->u.l->v[i], out, 1);
        }
        lp_buf_putc(out, ']');
        break;
    case TP_MAP:
        lp_buf_puts(out, "map[");
        for (uint32_t i = 0; v->u.m && i < v->u.m->n; i++) {
            if (i) lp_buf_putc(out, ' ');
            lp_buf_puts(out, v->u.m->keys[i]);
            lp_buf_putc(out, ':');
            print_value(x, &v->u.m->v[i], out, 1);
        }
        lp_buf_putc(out, ']');
        break;
    case TP_OBJECT:
        /* fmt prints a struct pointer's fields, &{...}: its JSON is what is shown here */
        lp_buf_puts(out, nested ? "0x" : "&");
        if (!nested && v->u.o.cls->json) v->u.o.cls->json(x, v->u.o.self, out);
        else lp_buf_printf(out, "%llx", (unsigned long long)(uintptr_t)v->u.o.self);
        break;
    }
}

void tp_print(tp_ctx *x, const tp_value *v, lp_buf *out) { print_value(x, v, out, 0); }

void tp_sprint(tp_ctx *x, const tp_value *args, int nargs, int ln, lp_buf *out)
{
    int prev_string = 0;
    for (int i = 0; i < nargs; i++) {
        int is_string = args[i].kind == TP_STRING;
        if (i > 0 && (ln || (!is_string && !prev_string))) lp_buf_putc(out, ' ');
        if (args[i].kind == TP_INVALID || args[i].kind == TP_NIL) lp_buf_puts(out, "<nil>");
        else print_value(x, &args[i], out, 1);
        prev_string = is_string;
    }
    if (ln) lp_buf_putc(out, '\n');
}

/* ------------------------------------------------------------------ printf */

typedef struct spec {
    int minus, plus, sharp, space, zero;
    int width, prec;           /* -1: none */
} spec;

static void pad(lp_buf *out, const spec *sp, const char *s, size_t n)
{
    /* width counts runes */
    size_t runes = 0;
    for (size_t i = 0; i < n; i++) runes += ((unsigned char)s[i] & 0xC0) != 0x80;
    size_t w = sp->width > 0 ? (size_t)sp->width : 0;
    if (runes >= w) {
        lp_buf_put(out, s, n);
        return;
    }
    if (sp->minus) {
        lp_buf_put(out, s, n);
        for (size_t i = runes; i < w; i++) lp_buf_putc(out, ' ');
        return;
    }
    if (sp->zero && n && (s[0] == '-' || s[0] == '+')) {   /* zeros go after the sign */
        lp_buf_putc(out, s[0]);
        for (size_t i = runes; i < w; i++) lp_buf_putc(out, '0');
        lp_buf_put(out, s + 1, n - 1);
        return;
    }
    for (size_t i = runes; i < w; i++) lp_buf_putc(out, sp->zero ? '0' : ' ');
    lp_buf_put(out, s, n);
}

static void bad_verb(tp_ctx *x, char verb, const tp_value *v, lp_buf *out)
{
    lp_buf_printf(out, "%%!%c(", verb);
    if (v->kind == TP_NIL || v->kind == TP_INVALID) lp_buf_puts(out, "<nil>");
    else {
        lp_buf_printf(out, "%s=", tp_type_name(v));
        print_value(x, v, out, 1);
    }
    lp_buf_putc(out, ')');
}

static void fmt_int(const spec *sp, char verb, int64_t i, lp_buf *out)
{
    char b[80];
    char f[16];
    int k = 0;
    f[k++] = '%';
    if (sp->plus) f[k++] = '+';
    if (sp->space) f[k++] = ' ';
    if (sp->sharp && (verb == 'x' || verb == 'X' || verb == 'o')) f[k++] = '#';
    if (sp->prec >= 0) k += snprintf(f + k, sizeof f - (size_t)k, ".%d", sp->prec > 60 ? 60 : sp->prec);
    f[k++] = 'l', f[k++] = 'l';
    if (verb == 'd' || verb == 'v') f[k++] = 'd';
    else f[k++] = verb;
    f[k] = '\0';
    if (verb == 'b') {
        /* binary */
        uint64_t u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
        char t[70];
        int n = 0;
        do t[n++] = (char)('0' + (u & 1)); while ((u >>= 1));
        int o = 0;
        if (i < 0) b[o++] = '-';
        while (n) b[o++] = t[--n];
        b[o] = '\0';
    } else if (verb == 'x' || verb == 'X' || verb == 'o') {
        /* Go prints a negative number's magnitude with a minus sign */
        uint64_t u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
        char g[16];
        snprintf(g, sizeof g, "%s%%%sll%c", i < 0 ? "-" : "", sp->sharp ? "#" : "", verb);
        snprintf(b, sizeof b, g, (unsigned long long)u);
    } else {
        snprintf(b, sizeof b, f, (long long)i);
    }
    spec s2 = *sp;
    if (sp->prec >= 0) s2.zero = 0;
    pad(out, &s2, b, strlen(b));
}

static void fmt_float(const spec *sp, char verb, double f, lp_buf *out)
{
    lp_buf t = { 0 };
    if (sp->prec < 0 && (verb == 'v' || verb == 'g' || verb == 'G')) {
        if (sp->plus && !signbit(f)) lp_buf_putc(&t, '+');
        else if (sp->space && !signbit(f)) lp_buf_putc(&t, ' ');
        format_float(f, 'g', &t);
    } else {
        char fm[16], b[512];
        int k = 0;
        fm[k++] = '%';
        if (sp->plus) fm[k++] = '+';
        if (sp->space) fm[k++] = ' ';
        if (sp->sharp) fm[k++] = '#';
        k += snprintf(fm + k, sizeof fm - (size_t)k, ".%d",
                      sp->prec < 0     ? 6
                      : sp->prec > 100 ? 100
                                       : sp->prec);
        fm[k++] = verb == 'v' ? 'g' : verb == 'F' ? 'f' : verb;
        fm[k] = '\0';
        if (isinf(f) || isnan(f)) snprintf(b, sizeof b, "%s", isnan(f) ? "NaN" : f > 0 ? "+Inf" : "-Inf");
        else snprintf(b, sizeof b, fm, f);
        lp_buf_puts(&t, b);
    }
    if (t.data) pad(out, sp, t.data, t.len);
    lp_buf_free(&t);
}

static void fmt_one(tp_ctx *x, const spec *sp, char verb, const tp_value *v, lp_buf *out)
{
    tp_value a = *v;
    if (a.kind == TP_DURATION && verb != 'v' && verb != 's') a = tp_int(v->u.d);
    switch (verb) {
    case 'v':
        if (a.kind == TP_INT) return fmt_int(sp, 'd', a.u.i, out);
        if (a.kind == TP_FLOAT) return fmt_float(sp, 'g', a.u.f, out);
        if (sp->sharp && a.kind == TP_STRING) {
            lp_buf t = { 0 };
            tp_quote(a.u.s.p, a.u.s.n, &t);
            if (t.data) pad(out, sp, t.data, t.len);
            lp_buf_free(&t);
            return;
        }
        /* fall through */
    case 's': {
        if (verb == 's' && !(a.kind == TP_STRING || a.kind == TP_TIME || a.kind == TP_DURATION ||
                             a.kind == TP_LIST || a.kind == TP_MAP || a.kind == TP_OBJECT)) {
            return bad_verb(x, verb, &a, out);
        }
        lp_buf t = { 0 };
        if (a.kind == TP_NIL || a.kind == TP_INVALID) lp_buf_puts(&t, "<nil>");
        else print_value(x, &a, &t, 1);
        size_t n = t.len;
        if (sp->prec >= 0 && a.kind == TP_STRING) {   /* precision: at most that many runes */
            size_t runes = 0, i = 0;
            for (; i < t.len; i++) {
                if (((unsigned char)t.data[i] & 0xC0) != 0x80) {
                    if ((int)runes == sp->prec) break;
                    runes++;
                }
            }
            n = i;
        }
        pad(out, sp, t.data ? t.data : "", n);
        lp_buf_free(&t);
        return;
    }
    case 'd':
    case 'b':
    case 'o':
        if (a.kind == TP_INT) return fmt_int(sp, verb, a.u.i, out);
        return bad_verb(x, verb, &a, out);
    case 'x':
    case 'X':
        if (a.kind == TP_INT) return fmt_int(sp, verb, a.u.i, out);
        if (a.kind == TP_STRING) {
            lp_buf t = { 0 };
            for (size_t i = 0; i < a.u.s.n; i++)
                lp_buf_printf(&t, verb == 'x' ? "%02x" : "%02X", (unsigned char)a.u.s.p[i]);
            pad(out, sp, t.data ? t.data : "", t.len);
            lp_buf_free(&t);
            return;
        }
        return bad_verb(x, verb, &a, out);
    case 'c':
    case 'q':
        if (a.kind == TP_INT && verb == 'c') {
            char b[8];
            uint32_t r = (uint32_t)a.u.i;
            if (a.u.i < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = 0xFFFD;
            size_t n;
            if (r < 0x80) b[0] = (char)r, n = 1;
            else if (r < 0x800) b[0] = (char)(0xC0 | r >> 6), b[1] = (char)(0x80 | (r & 0x3F)), n = 2;
            else if (r < 0x10000)
                b[0] = (char)(0xE0 | r >> 12), b[1] = (char)(0x80 | ((r >> 6) & 0x3F)),
                b[2] = (char)(0x80 | (r & 0x3F)), n = 3;
            else
                b[0] = (char)(0xF0 | r >> 18), b[1] = (char)(0x80 | ((r >> 12) & 0x3F)),
                b[2] = (char)(0x80 | ((r >> 6) & 0x3F)), b[3] = (char)(0x80 | (r & 0x3F)), n = 4;
            return pad(out, sp, b, n);
        }
        if (verb == 'q' && (a.kind == TP_STRING || a.kind == TP_INT)) {
            lp_buf t = { 0 };
            if (a.kind == TP_STRING) tp_quote(a.u.s.p, a.u.s.n, &t);
            else {
                char c = (char)a.u.i;
                if (a.u.i >= 0x20 && a.u.i < 0x7F && c != '\'' && c != '\\') lp_buf_printf(&t, "'%c'", c);
                else if (c == '\'' || c == '\\') lp_buf_printf(&t, "'\\%c'", c);
                else lp_buf_printf(&t, "'\\x%02x'", (unsigned)(a.u.i & 0xFF));
            }
            pad(out, sp, t.data, t.len);
            lp_buf_free(&t);
            return;
        }
        return bad_verb(x, verb, &a, out);
    case 't':
        if (a.kind == TP_BOOL) return pad(out, sp, a.u.b ? "true" : "false", a.u.b ? 4 : 5);
        return bad_verb(x, verb, &a, out);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
        if (a.kind == TP_FLOAT) return fmt_float(sp, verb, a.u.f, out);
        return bad_verb(x, verb, &a, out);
    case 'T': {
        const char *t = a.kind == TP_INVALID || a.kind == TP_NIL ? "<nil>" : tp_type_name(&a);
        return pad(out, sp, t, strlen(t));
    }
    default: return bad_verb(x, verb, &a, out);
    }
}

void tp_sprintf(tp_ctx *x, const char *fmt, size_t n, const tp_value *args, int nargs, lp_buf *out)
{
    int argi = 0;
    for (size_t i = 0; i < n;) {
        if (fmt[i] != '%') {
            size_t j = i;
            while (j < n && fmt[j] != '%') j++;
            lp_buf_put(out, fmt + i, j - i);
            i = j;
            continue;
        }
        i++;
        spec sp = { .width = -1, .prec = -1 };
        for (; i < n; i++) {
            char c = fmt[i];
            if (c == '-') sp.minus = 1, sp.zero = 0;
            else if (c == '+') sp.plus = 1;
            else if (c == '#') sp.sharp = 1;
            else if (c == ' ') sp.space = 1;
            else if (c == '0') sp.zero = !sp.minus;
            else break;
        }
        for (; i < n && fmt[i] >= '0' && fmt[i] <= '9'; i++) {
            int w = (sp.width < 0 ? 0 : sp.width) * 10 + (fmt[i] - '0');
            sp.width = w > 10000 ? 10000 : w;   /* a bound on what one verb may pad */
        }
        if (i < n && fmt[i] == '.') {
            i++;
            sp.prec = 0;
            for (; i < n && fmt[i] >= '0' && fmt[i] <= '9'; i++) {
                int p = sp.prec * 10 + (fmt[i] - '0');
                sp.prec = p > 10000 ? 10000 : p;
            }
        }
        if (i >= n) {
            lp_buf_puts(out, "%!(NOVERB)");
            break;
        }
        char verb = fmt[i++];
        if (verb == '%') {
            lp_buf_putc(out, '%');
            continue;
        }
        if (argi >= nargs) {
            lp_buf_printf(out, "%%!%c(MISSING)", verb);
            continue;
        }
        fmt_one(x, &sp, verb, &args[argi++], out);
    }
    if (argi < nargs) {
        lp_buf_puts(out, "%!(EXTRA ");
        for (int i = argi; i < nargs; i++) {
            if (i > argi) lp_buf_puts(out, ", ");
            if (args[i].kind == TP_NIL || args[i].kind == TP_INVALID) lp_buf_puts(out, "<nil>");
            else {
                lp_buf_printf(out, "%s=", tp_type_name(&args[i]));
                print_value(x, &args[i], out, 1);
            }
        }
        lp_buf_putc(out, ')');
    }
}

/* ------------------------------------------------------------------ JSON */

/* strings as Go's encoding/json (>= 1.22, which sprig's toJson calls) writes them: lp_json_str */
static void json_value(tp_ctx *x, const tp_value *v, lp_buf *out, int depth)
{
    if (depth > 200) {
        lp_buf_puts(out, "null");
        return;
    }
    switch (v->kind) {
    case TP_INVALID:
    case TP_NIL: lp_buf_puts(out, "null"); break;
    case TP_BOOL: lp_buf_puts(out, v->u.b ? "true" : "false"); break;
    case TP_INT: lp_buf_printf(out, "%lld", (long long)v->u.i); break;
    case TP_DURATION: lp_buf_printf(out, "%lld", (long long)v->u.d); break;
    case TP_FLOAT: {
        double f = v->u.f, a = fabs(f);
        if (isnan(f) || isinf(f)) {
            lp_buf_puts(out, "null");
            break;
        }
        lp_buf t = { 0 };
        format_float(f, a != 0 && (a < 1e-6 || a >= 1e21) ? 'e' : 'f', &t);
        /* e-07 -> e-7 */
        if (t.len >= 4 && t.data[t.len - 4] == 'e' && t.data[t.len - 3] == '-' && t.data[t.len - 2] == '0') {
            t.data[t.len - 2] = t.data[t.len - 1];
            t.len--;
        }
        if (t.data) lp_buf_put(out, t.data, t.len);
        lp_buf_free(&t);
        break;
    }
    case TP_STRING: lp_json_str(out, v->u.s.p, v->u.s.n); break;
    case TP_TIME: {
        lp_buf t = { 0 };
        tp_time_format(v, "2006-01-02T15:04:05.999999999Z07:00", 35, &t);
        lp_json_str(out, t.data ? t.data : "", t.len);
        lp_buf_free(&t);
        break;
    }
    case TP_LIST:
    case TP_MAP: {   /* an array, or an object of the map's keys (in order) */
        int is_map = v->kind == TP_MAP;
        const tp_map *m = is_map ? v->u.m : NULL;
        const tp_list *l = is_map ? NULL : v->u.l;
        if (is_map ? !m : !l) {
            lp_buf_puts(out, "null");   /* Go's nil slice or map */
            break;
        }
        const tp_value *elems = m ? m->v : l->v;
        uint32_t n = m ? m->n : l->n;
        lp_buf_putc(out, m ? '{' : '[');
        for (uint32_t i = 0; i < n; i++) {
            if (i) lp_buf_putc(out, ',');
            if (m) {
                lp_json_cstr(out, m->keys[i]);
                lp_buf_putc(out, ':');
            }
            json_value(x, &elems[i], out, depth + 1);
        }
        lp_buf_putc(out, m ? '}' : ']');
        break;
    }
    case TP_OBJECT:
        if (v->u.o.cls->json) v->u.o.cls->json(x, v->u.o.self, out);
        else lp_buf_puts(out, "{}");
        break;
    }
}

void tp_json_indent(const char *s, size_t n, lp_buf *out)
{
    int depth = 0, in_str = 0;
    size_t end = n;   /* json.Indent keeps the space after the value */
    while (end > 0 && s[end - 1] && strchr(" \t\r\n", s[end - 1])) end--;
    for (size_t i = 0; i < end; i++) {
        char c = s[i];
        if (in_str) {
            lp_buf_putc(out, c);
            if (c == '\\' && i + 1 < n) lp_buf_putc(out, s[++i]);
            else if (c == '"') in_str = 0;
            continue;
        }
        switch (c) {
        case ' ':
        case '\t':
        case '\n':
        case '\r': break;
        case '"':
            in_str = 1;
            lp_buf_putc(out, c);
            break;
        case '{':
        case '[': {
            lp_buf_putc(out, c);
            size_t j = i + 1;
            while (j < n && strchr(" \t\r\n", s[j]) && s[j]) j++;
            if (j < n && (s[j] == '}' || s[j] == ']')) {   /* empty: "{}" */
                lp_buf_putc(out, s[j]);
                i = j;
                break;
            }
            depth++;
            lp_buf_putc(out, '\n');
            for (int d = 0; d < depth; d++) lp_buf_puts(out, "  ");
            break;
        }
        case '}':
        case ']':
            depth--;
            lp_buf_putc(out, '\n');
            for (int d = 0; d < depth; d++) lp_buf_puts(out, "  ");
            lp_buf_putc(out, c);
            break;
        case ',':
            lp_buf_putc(out, c);
            lp_buf_putc(out, '\n');
            for (int d = 0; d < depth; d++) lp_buf_puts(out, "  ");
            break;
        case ':': lp_buf_puts(out, ": "); break;
        default: lp_buf_putc(out, c);
        }
    }
    lp_buf_put(out, s + end, n - end);
}

void tp_json(tp_ctx *x, const tp_value *v, int indent, lp_buf *out)
{
    if (!indent) {
        json_value(x, v, out, 0);
        return;
    }
    lp_buf t = { 0 };
    json_value(x, v, &t, 0);
    if (t.data) tp_json_indent(t.data, t.len, out);
    lp_buf_free(&t);
}
