/* fuzz_run.c — libFuzzer target: the run path (issue 32).  The input's bytes choose a dashboard:
 * up to five `with` runs and panels, each with a statement from a menu (columns of one name, no
 * columns, `$1` and `$2`, a failing one), written as `sql`, as a heredoc padded to any length or as
 * `query = query.x`; args that read other withs (a with may read itself or a later one: cycles),
 * params with defaults read by `param.x`, named or positional args, and text values cut from the
 * input.  The dashboard runs against an SQLite file in the scratch directory; its snapshot must be
 * valid JSON.  Any crash, leak, sanitizer report (valgrind's too: run build/san/replay/fuzz_run
 * under it) or invalid snapshot is a bug; a run that fails to start (a cycle) or a panel's error is
 * fine.  The fuzz and replay builds link the SQLite driver (Makefile FUZZ_DRIVER_*). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "fuzz_dir.h"

typedef struct src {
    const uint8_t *p;
    size_t n;
} src;

static unsigned pick(src *s, unsigned range)
{
    if (!s->n) return 0;
    unsigned v = *s->p++;
    s->n--;
    return range ? v % range : v;
}

/* A short text for a string literal: printable bytes of the input, quotes and backslashes left out */
static void text(src *s, lp_buf *b)
{
    unsigned len = pick(s, 12);
    for (unsigned i = 0; i < len && s->n; i++) {
        unsigned char c = (unsigned char)pick(s, 0);
        if (c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '$' || c == '%' || c == '\'') c = 'x';
        lp_buf_putc(b, (char)c);
    }
}

static const char *const STATEMENTS[] = {
    "select 1 as a",
    "select 1 as id, 2 as id, 3 as b",
    "select $1 as x",
    "select $1 as x, $2 as y",
    "select cast($1 as text) as a, 'z' as a",
    "create table if not exists t(a)",
    "select * from no_such_table",
    "select 1 as a where 0",
    "select 1 as a union all select 2",
};
#define NSTMT (sizeof STATEMENTS / sizeof *STATEMENTS)

/* The statement of a with or panel: sql, a heredoc of any length, or a query of the menu's */
static void statement(src *s, lp_buf *b)
{
    unsigned k = pick(s, NSTMT), how = pick(s, 3);
    if (how == 0) lp_buf_printf(b, "    sql = \"%s\"\n", STATEMENTS[k]);
    else if (how == 1)
        lp_buf_printf(b, "    sql = <<-EOQ\n      %s%*s\n    EOQ\n", STATEMENTS[k], (int)pick(s, 24), "");
    else lp_buf_printf(b, "    query = query.q%u\n", k);
}

/* args: a list or a map of values read from withs (any of them: itself too), params, literals */
static void args(src *s, lp_buf *b, unsigned nwith)
{
    unsigned n = pick(s, 3), named = pick(s, 2);
    if (!n) return;
    lp_buf_puts(b, named ? "    args = {\n" : "    args = [");
    for (unsigned i = 0; i < n; i++) {
        if (named) lp_buf_printf(b, "      %s = ", i ? "q" : "p");
        else if (i) lp_buf_puts(b, ", ");
        switch (pick(s, 4)) {
        case 0: {
            unsigned w = pick(s, nwith + 1);   /* (in order: a call's arguments are not) */
            lp_buf_printf(b, "with.w%u.rows[0].%s", w, pick(s, 2) ? "a" : "x");
            break;
        }
        case 1: lp_buf_printf(b, "param.p%u", pick(s, 2)); break;
        case 2: lp_buf_puts(b, "\""); text(s, b); lp_buf_puts(b, "\""); break;
        default: lp_buf_printf(b, "%u", pick(s, 0)); break;
        }
        if (named) lp_buf_putc(b, '\n');
    }
    lp_buf_puts(b, named ? "    }\n" : "]\n");
}

static void generate(src *s, lp_buf *b)
{
    for (unsigned k = 0; k < NSTMT; k++)
        lp_buf_printf(b, "query \"q%u\" {\n  sql = \"%s\"\n  param \"p\" {\n    default = \"d\"\n  }\n"
                         "  tags = { service = \"s\" }\n}\n", k, STATEMENTS[k]);
    lp_buf_puts(b, "dashboard \"d\" {\n");
    unsigned np = pick(s, 3);
    for (unsigned i = 0; i < np; i++) {
        lp_buf_printf(b, "  param \"p%u\" {\n    default = \"", i);
        text(s, b);
        lp_buf_puts(b, "\"\n  }\n");
    }
    unsigned nwith = pick(s, 5);
    for (unsigned i = 0; i < nwith; i++) {
        lp_buf_printf(b, "  with \"w%u\" {\n", i);
        statement(s, b);
        args(s, b, nwith);
        lp_buf_puts(b, "  }\n");
    }
    unsigned npanel = 1 + pick(s, 4);
    for (unsigned i = 0; i < npanel; i++) {
        lp_buf_puts(b, pick(s, 2) ? "  table {\n" : "  card {\n");
        statement(s, b);
        args(s, b, nwith);
        lp_buf_puts(b, "  }\n");
    }
    lp_buf_puts(b, "}\n");
}

/* ------------------------------------------------------------ a JSON check (RFC 8259's grammar) */

static const char *ws_(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')) p++;
    return p;
}

static const char *value(const char *p, const char *e, int depth);

static const char *string(const char *p, const char *e)
{
    if (p >= e || *p != '"') return NULL;
    for (p++; p < e; p++) {
        if (*p == '"') return p + 1;
        if ((unsigned char)*p < 0x20) return NULL;
        if (*p == '\\' && ++p >= e) return NULL;
    }
    return NULL;
}

static const char *value(const char *p, const char *e, int depth)
{
    p = ws_(p, e);
    if (p >= e || depth > 64) return NULL;
    if (*p == '"') return string(p, e);
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        int obj = *p == '{';
        p = ws_(p + 1, e);
        if (p < e && *p == close) return p + 1;
        for (;;) {
            if (obj) {
                if (!(p = string(ws_(p, e), e))) return NULL;
                p = ws_(p, e);
                if (p >= e || *p++ != ':') return NULL;
            }
            if (!(p = value(p, e, depth + 1))) return NULL;
            p = ws_(p, e);
            if (p < e && *p == ',') { p++; continue; }
            return p < e && *p == close ? p + 1 : NULL;
        }
    }
    const char *q = p;
    while (q < e && (strchr("+-.eE", *q) || (*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'z'))) q++;
    size_t n = (size_t)(q - p);
    if (!n) return NULL;
    if ((n == 4 && !memcmp(p, "true", 4)) || (n == 5 && !memcmp(p, "false", 5)) ||
        (n == 4 && !memcmp(p, "null", 4)))
        return q;
    char *end;
    char tmp[64];
    if (n >= sizeof tmp) return q;   /* a long number: its digits are the database's */
    memcpy(tmp, p, n);
    tmp[n] = '\0';
    strtod(tmp, &end);
    return *end ? NULL : q;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int once;
    if (!once) {
        lp_driver_register(lp_driver_sqlite());
        once = 1;
    }
    if (fz_mod_setup("run", "") != 0 || fz_write("data.db", "", 0) != 0) return 0;
    src s = { data, size };
    lp_buf mod = { 0 };
    generate(&s, &mod);
    int show = getenv("FUZZ_RUN_SHOW") != NULL;   /* replaying one input: its mod and snapshot */
    if (show) fprintf(stderr, "%.*s\n", (int)mod.len, mod.data);
    if (mod.oom || fz_write("fuzz.pp", mod.data, mod.len) != 0) {
        lp_buf_free(&mod);
        return 0;
    }
    lp_buf_free(&mod);
    lp_workspace_opts o = { .workers = 1, .no_background = 1 };
    lp_workspace *ws = NULL;
    lp_error err = { 0 };
    if (lp_open(fz_dir, &o, &ws, &err) != LP_OK) return 0;
    char db[300];
    char path[256];
    fz_path(path, sizeof path, "data.db");
    snprintf(db, sizeof db, "sqlite://%s", path);
    lp_run_opts ro = { .database = db,
                       .max_parallel = 1 + (size ? data[0] % 3 : 0),
                       .query_timeout_ms = 10000 };
    const char *target = "fz.dashboard.d";
    lp_run *run = NULL;
    if (lp_run_start(ws, LP_KIND_DASHBOARD, &target, 1, &ro, &run, &err) != LP_OK) {
        if (show) fprintf(stderr, "not started: %s\n", err.message);
    } else {
        lp_run_wait(run, -1);
        lp_buf snap = { 0 };
        if (lp_run_snapshot_json(run, &snap) == LP_OK && !snap.oom) {
            if (show) fprintf(stderr, "%.*s\n", (int)snap.len, snap.data);
            const char *end = value(snap.data, snap.data + snap.len, 0);
            if (!end || ws_(end, snap.data + snap.len) != snap.data + snap.len) {
                fprintf(stderr, "fuzz_run: the snapshot is not JSON:\n%.*s\n", (int)snap.len, snap.data);
                __builtin_trap();
            }
        }
        lp_buf_free(&snap);
        lp_run_free(run);
    }
    lp_close(ws);
    return 0;
}
