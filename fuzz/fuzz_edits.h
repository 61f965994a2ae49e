/* fuzz_edits.h — the edit language fuzz_refresh and fuzz_patch share, over a small workspace in the
 * process's scratch directory (fuzz_dir.h): edits separated by the line "----", the first byte of
 * each picking what it does (its value modulo 5: write a.pp, write b.pp, write powerpipe.ppvars
 * (empty: delete it), delete a.pp or b.pp, rewrite mod.pp's local), the rest the new content.  The
 * workspace starts as a fixed mod.pp (a variable and locals), fixed.pp (a benchmark, controls and a
 * query that read them) and empty a.pp and b.pp.  Header-only, as fuzz_dir.h. */
#ifndef LP_FUZZ_EDITS_H
#define LP_FUZZ_EDITS_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_dir.h"

static void fe_write_mod(const char *local_value, size_t n)
{
    char text[512];
    int k = snprintf(text, sizeof text,
                     "mod \"fz\" {\n  title = \"Fuzz\"\n}\n"
                     "variable \"v\" {\n  type = string\n  default = \"V\"\n}\n"
                     "locals {\n  t = { a = \"%.*s\" }\n  s = \"S\"\n}\n",
                     (int)(n > 64 ? 64 : n), local_value);
    fz_write("mod.pp", text, (size_t)k);
}

/* The starting workspace in the directory made with tag (fz_dir_make): 0, or -1. */
static int fe_setup(const char *tag)
{
    if (fz_dir_make(tag) != 0) return -1;
    static const char fixed[] =
        "benchmark \"fixed\" {\n  title = \"Fixed ${var.v}\"\n  children = [control.c]\n}\n"
        "control \"c\" {\n  title = \"C\"\n  tags = local.t\n  sql = \"select 1\"\n}\n"
        "control \"d\" {\n  title = local.s\n  sql = query.q.sql\n}\n"
        "query \"q\" {\n  sql = \"select 2\"\n}\n";
    fe_write_mod("b", 1);
    char p[160];
    fz_path(p, sizeof p, "powerpipe.ppvars");
    unlink(p);
    return fz_write("fixed.pp", fixed, sizeof fixed - 1) | fz_write("a.pp", "", 0) | fz_write("b.pp", "", 0);
}

/* The edit at *p (before end) applied, *p moved past it and its separator: its first byte. */
static unsigned char fe_apply(const char **p, const char *end)
{
    const char *sep = memmem(*p, (size_t)(end - *p), "\n----\n", 6);
    const char *e = sep ? sep : end;
    unsigned char first = (unsigned char)**p;
    const char *body = *p + 1;
    size_t n = e > body ? (size_t)(e - body) : 0;
    char q[160];
    switch (first % 5) {
    case 0: fz_write("a.pp", body, n); break;
    case 1: fz_write("b.pp", body, n); break;
    case 2:   /* (empty: deleted, so that the variable files the directory names come and go) */
        fz_path(q, sizeof q, "powerpipe.ppvars");
        if (n) fz_write("powerpipe.ppvars", body, n);
        else unlink(q);
        break;
    case 3:
        fz_path(q, sizeof q, n % 2 ? "a.pp" : "b.pp");
        unlink(q);
        break;
    default: fe_write_mod(body, n); break;
    }
    *p = sep ? sep + 6 : end;
    return first;
}

#endif
