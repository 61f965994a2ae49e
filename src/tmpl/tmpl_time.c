/* tmpl_time.c — time.Time and time.Duration as templates see them: Format with Go's reference
 * layout (time/format.go nextStdChunk and appendFormat), String, and the methods a template may
 * call on them (.StartTime.Format "2006-01-02", .Duration.Seconds, ...). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tmplInt.h"

static const char *const MONTHS[] = { "January", "February", "March",     "April",   "May",      "June",
                                      "July",    "August",   "September", "October", "November", "December" };
static const char *const DAYS[] = { "Sunday",   "Monday", "Tuesday", "Wednesday",
                                    "Thursday", "Friday", "Saturday" };

tp_value tp_time_local(int64_t unix_ns)
{
    time_t s = (time_t)(unix_ns / 1000000000);
    struct tm tm;
    tp_value v = { .kind = TP_TIME };
    v.u.t.unix_ns = unix_ns;
    if (localtime_r(&s, &tm)) {
        v.u.t.offset = (int32_t)tm.tm_gmtoff;
        v.u.t.zone = tm.tm_zone;
    } else {
        v.u.t.zone = "UTC";
    }
    return v;
}

typedef struct parts {
    struct tm tm;
    int64_t nsec;
} parts;

static void split(const tp_value *t, parts *p)
{
    int64_t ns = t->u.t.unix_ns;
    int64_t sec = ns / 1000000000, frac = ns % 1000000000;
    if (frac < 0) frac += 1000000000, sec--;
    time_t local = (time_t)(sec + t->u.t.offset);
    memset(&p->tm, 0, sizeof p->tm);
    gmtime_r(&local, &p->tm);
    p->nsec = frac;
}

static int lower_at(const char *s, size_t i, size_t n) { return i < n && s[i] >= 'a' && s[i] <= 'z'; }

static void zone_num(lp_buf *out, int32_t off, int colon, int with_min, int with_sec, int iso)
{
    if (iso && off == 0) {
        lp_buf_putc(out, 'Z');
        return;
    }
    int32_t a = off < 0 ? -off : off;
    lp_buf_putc(out, off < 0 ? '-' : '+');
    lp_buf_printf(out, "%02d", a / 3600);
    if (with_min) lp_buf_printf(out, "%s%02d", colon ? ":" : "", (a / 60) % 60);
    if (with_sec) lp_buf_printf(out, "%s%02d", colon ? ":" : "", a % 60);
}

/* The numeric or ISO zone chunk at layout+i ("-07:00", "Z0700", ...): its length, 0 if none. */
static size_t zone_chunk(const char *l, size_t i, size_t n, const tp_value *t, lp_buf *out)
{
    static const struct {
        const char *s;
        int colon, min, sec;
    } Z[] = { { "070000", 0, 1, 1 }, { "07:00:00", 1, 1, 1 }, { "0700", 0, 1, 0 }, { "07:00", 1, 1, 0 },
              { "07", 0, 0, 0 } };
    for (size_t k = 0; k < sizeof Z / sizeof *Z; k++) {
        size_t zl = strlen(Z[k].s);
        if (i + 1 + zl <= n && memcmp(l + i + 1, Z[k].s, zl) == 0) {
            if (l[i] == 'Z' && k == 4) continue;   /* "Z07" is ISO too */
            zone_num(out, t->u.t.offset, Z[k].colon, Z[k].min, Z[k].sec, l[i] == 'Z');
            return 1 + zl;
        }
    }
    if (l[i] == 'Z' && i + 3 <= n && memcmp(l + i + 1, "07", 2) == 0) {
        zone_num(out, t->u.t.offset, 0, 0, 0, 1);
        return 3;
    }
    return 0;
}

void tp_time_format(const tp_value *t, const char *l, size_t n, lp_buf *out)
{
    parts p;
    split(t, &p);
    const struct tm *tm = &p.tm;
    int year = tm->tm_year + 1900;
    for (size_t i = 0; i < n;) {
        char c = l[i];
        size_t rest = n - i, zl;
#define AT(s) (rest >= strlen(s) && memcmp(l + i, s, strlen(s)) == 0)
        if (c == 'J' && AT("January")) lp_buf_puts(out, MONTHS[tm->tm_mon]), i += 7;
        else if (c == 'J' && AT("Jan") && !lower_at(l, i + 3, n))
            lp_buf_printf(out, "%.3s", MONTHS[tm->tm_mon]), i += 3;
        else if (c == 'M' && AT("Monday")) lp_buf_puts(out, DAYS[tm->tm_wday]), i += 6;
        else if (c == 'M' && AT("Mon") && !lower_at(l, i + 3, n))
            lp_buf_printf(out, "%.3s", DAYS[tm->tm_wday]), i += 3;
        else if (c == 'M' && AT("MST")) {
            if (t->u.t.zone && *t->u.t.zone) lp_buf_puts(out, t->u.t.zone);
            else zone_num(out, t->u.t.offset, 0, 1, 0, 0);
            i += 3;
        } else if (c == '0' && rest >= 2 && l[i + 1] >= '1' && l[i + 1] <= '6') {
            int v[] = { tm->tm_mon + 1, tm->tm_mday, tm->tm_hour % 12 ? tm->tm_hour % 12 : 12,
                        tm->tm_min,     tm->tm_sec,  year % 100 };
            lp_buf_printf(out, "%02d", v[l[i + 1] - '1']);
            i += 2;
        } else if (c == '0' && AT("002")) lp_buf_printf(out, "%03d", tm->tm_yday + 1), i += 3;
        else if (c == '1' && AT("15")) lp_buf_printf(out, "%02d", tm->tm_hour), i += 2;
        else if (c == '1') lp_buf_printf(out, "%d", tm->tm_mon + 1), i += 1;
        else if (c == '2' && AT("2006")) lp_buf_printf(out, "%04d", year), i += 4;
        else if (c == '2') lp_buf_printf(out, "%d", tm->tm_mday), i += 1;
        else if (c == '_' && AT("_2006")) lp_buf_printf(out, "_%04d", year), i += 5;
        else if (c == '_' && AT("_2")) lp_buf_printf(out, "%2d", tm->tm_mday), i += 2;
        else if (c == '_' && AT("__2")) lp_buf_printf(out, "%3d", tm->tm_yday + 1), i += 3;
        else if (c == '3') lp_buf_printf(out, "%d", tm->tm_hour % 12 ? tm->tm_hour % 12 : 12), i += 1;
        else if (c == '4') lp_buf_printf(out, "%d", tm->tm_min), i += 1;
        else if (c == '5') lp_buf_printf(out, "%d", tm->tm_sec), i += 1;
        else if (c == 'P' && AT("PM")) lp_buf_puts(out, tm->tm_hour >= 12 ? "PM" : "AM"), i += 2;
        else if (c == 'p' && AT("pm")) lp_buf_puts(out, tm->tm_hour >= 12 ? "pm" : "am"), i += 2;
        else if ((c == '-' || c == 'Z') && (zl = zone_chunk(l, i, n, t, out)) != 0) i += zl;
        else if ((c == '.' || c == ',') && rest >= 2 && (l[i + 1] == '0' || l[i + 1] == '9')) {
            char d = l[i + 1];
            size_t j = i + 1;
            while (j < n && l[j] == d) j++;
            if (j < n && l[j] >= '0' && l[j] <= '9') {   /* not all one digit: literal */
                lp_buf_putc(out, c);
                i++;
                continue;
            }
            size_t digits = j - i - 1;
            if (digits > 9) digits = 9;
            char f[16];
            snprintf(f, sizeof f, "%09lld", (long long)p.nsec);
            size_t keep = digits;
            if (d == '9')
                while (keep > 0 && f[keep - 1] == '0') keep--;
            if (keep) {
                lp_buf_putc(out, c);
                lp_buf_put(out, f, keep);
            }
            i = j;
        } else {
            lp_buf_putc(out, c);
            i++;
        }
#undef AT
    }
}

void tp_duration_string(int64_t d, lp_buf *out)
{
    char buf[40];
    int w = sizeof buf;
    uint64_t u = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
    int prec, print = 0;
    buf[--w] = 's';
    if (u < 1000000000u) {
        if (u == 0) {
            lp_buf_puts(out, "0s");
            return;
        }
        if (u < 1000u) prec = 0, buf[--w] = 'n';
        else if (u < 1000000u) prec = 3, buf[--w] = (char)0xB5, buf[--w] = (char)0xC2;   /* µ */
        else prec = 6, buf[--w] = 'm';
    } else {
        prec = 9;
    }
    for (int i = 0; i < prec; i++) {   /* fmtFrac: the fraction without trailing zeros */
        int digit = (int)(u % 10);
        print = print || digit;
        if (print) buf[--w] = (char)('0' + digit);
        u /= 10;
    }
    if (print) buf[--w] = '.';
    if (prec == 9) {
        uint64_t secs = u % 60;
        do buf[--w] = (char)('0' + secs % 10); while ((secs /= 10));
        u /= 60;
        if (u > 0) {
            buf[--w] = 'm';
            uint64_t m = u % 60;
            do buf[--w] = (char)('0' + m % 10); while ((m /= 10));
            u /= 60;
            if (u > 0) {
                buf[--w] = 'h';
                do buf[--w] = (char)('0' + u % 10); while ((u /= 10));
            }
        }
    } else {
        do buf[--w] = (char)('0' + u % 10); while ((u /= 10));
    }
    if (d < 0) buf[--w] = '-';
    lp_buf_put(out, buf + w, sizeof buf - (size_t)w);
}

static int want_args(tp_ctx *x, const char *name, int want, int got)
{
    if (want != got) return tp_fail(x, "wrong number of args for %s: want %d got %d", name, want, got);
    return TP_OK;
}

int tp_time_method(tp_ctx *x, const tp_value *rcv, const char *name, const tp_value *args, int nargs,
                   tp_value *out)
{
    if (rcv->kind == TP_DURATION) {
        int64_t d = rcv->u.d;
        static const struct {
            const char *name;
            double div;
            int is_int;
        } M[] = { { "Seconds", 1e9, 0 },      { "Minutes", 60e9, 0 },     { "Hours", 3600e9, 0 },
                  { "Milliseconds", 1e6, 1 }, { "Microseconds", 1e3, 1 }, { "Nanoseconds", 1, 1 } };
        for (size_t i = 0; i < sizeof M / sizeof *M; i++)
            if (strcmp(name, M[i].name) == 0) {
                if (want_args(x, name, 0, nargs)) return TP_FAILED;
                if (M[i].is_int) *out = tp_int(d / (int64_t)M[i].div);
                else {
                    /* Go: whole seconds plus the fraction, for precision */
                    int64_t whole = d / (int64_t)M[i].div, rest = d % (int64_t)M[i].div;
                    *out = tp_float((double)whole + (double)rest / M[i].div);
                }
                return TP_OK;
            }
        if (strcmp(name, "String") == 0) {
            if (want_args(x, name, 0, nargs)) return TP_FAILED;
            lp_buf b = { 0 };
            tp_duration_string(d, &b);
            *out = tp_str(x, b.data ? b.data : "", b.len);
            lp_buf_free(&b);
            return x->failed ? TP_FAILED : TP_OK;
        }
        return TP_NONE;
    }
    parts p;
    split(rcv, &p);
    if (strcmp(name, "Format") == 0) {
        if (want_args(x, name, 1, nargs)) return TP_FAILED;
        if (args[0].kind != TP_STRING)
            return tp_fail(x, "wrong type for value; expected string; got %s", tp_type_name(&args[0]));
        lp_buf b = { 0 };
        tp_time_format(rcv, args[0].u.s.p, args[0].u.s.n, &b);
        *out = tp_str(x, b.data ? b.data : "", b.len);
        lp_buf_free(&b);
        return x->failed ? TP_FAILED : TP_OK;
    }
    if (strcmp(name, "String") == 0) {
        if (want_args(x, name, 0, nargs)) return TP_FAILED;
        lp_buf b = { 0 };
        tp_print(x, rcv, &b);
        *out = tp_str(x, b.data ? b.data : "", b.len);
        lp_buf_free(&b);
        return x->failed ? TP_FAILED : TP_OK;
    }
    if (strcmp(name, "UTC") == 0 || strcmp(name, "Local") == 0) {
        if (want_args(x, name, 0, nargs)) return TP_FAILED;
        if (name[0] == 'L') *out = tp_time_local(rcv->u.t.unix_ns);
        else {
            *out = *rcv;
            out->u.t.offset = 0;
            out->u.t.zone = "UTC";
        }
        return TP_OK;
    }
    const struct {
        const char *name;
        int64_t v;
    } I[] = { { "Year", p.tm.tm_year + 1900 },
              { "Day", p.tm.tm_mday },
              { "Hour", p.tm.tm_hour },
              { "Minute", p.tm.tm_min },
              { "Second", p.tm.tm_sec },
              { "Nanosecond", p.nsec },
              { "YearDay", p.tm.tm_yday + 1 },
              { "Unix", rcv->u.t.unix_ns / 1000000000 - (rcv->u.t.unix_ns % 1000000000 < 0) },
              { "UnixMilli", rcv->u.t.unix_ns / 1000000 },
              { "UnixNano", rcv->u.t.unix_ns } };
    for (size_t i = 0; i < sizeof I / sizeof *I; i++)
        if (strcmp(name, I[i].name) == 0) {
            if (want_args(x, name, 0, nargs)) return TP_FAILED;
            *out = tp_int(I[i].v);
            return TP_OK;
        }
    if (strcmp(name, "Month") == 0 || strcmp(name, "Weekday") == 0) {
        /* time.Month and time.Weekday print as their names */
        if (want_args(x, name, 0, nargs)) return TP_FAILED;
        *out = tp_cstr(name[0] == 'M' ? MONTHS[p.tm.tm_mon] : DAYS[p.tm.tm_wday]);
        return TP_OK;
    }
    if (strcmp(name, "IsZero") == 0) {
        if (want_args(x, name, 0, nargs)) return TP_FAILED;
        *out = tp_bool(0);
        return TP_OK;
    }
    return TP_NONE;
}
