/* test_index_fast.c — phase 1's default path against the full parser, at the
 * level users see.
 *
 * lp_open(dir) with the default options must give exactly the workspace
 * lp_open_full_parse(dir) gives (every file through the full
 * Ragel lexer + parser and the tree walk): every entry field, tag, child,
 * parent, file, diagnostic, the available_dashboards bytes and the list
 * JSON, and with resolution on (no_background: inside lp_open) the resolved
 * fields, the resolution's diagnostics and the variables.  The full parser
 * is the independent side here: it is the definition of the language
 * (checked against hashicorp's hcl by test_conf_*), and the fast path is
 * only allowed to be faster.  tests/support/wsdump.c turns a workspace into
 * text; a difference is shown as the first differing line of both dumps,
 * which names the entry.
 *
 * Inputs:
 *  - the real mods of ../shared/corpus and every workspace of the reference
 *    lazy-loading fixtures;
 *  - hand-written workspaces (tests/data/index_fast/cases.txt, written to a
 *    temporary directory at test time), each also with one file per
 *    top-level block, with CRLF line ends, a BOM, tab indentation and
 *    without its last newline;
 *  - generated shapes: every block type with every attribute form, very
 *    long lines, 40 levels of nesting;
 *  - mutants of real files (deterministic), each the only .pp file beside a
 *    fixed mod.pp.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lazypipe.h"
#include "support/jsontree.h"
#include "support/paths.h"
#include "support/wsdump.h"
#include "support/wsfix.h"

/* ------------------------------------------------------------ comparing */

typedef struct outcome {
    int differs;
    int rc_default, rc_full;
    char msg[2048];
} outcome;

/* Open dir both ways with the given resolution and compare the dumps.
 * The full_parse dump is left in *full_dump when asked (else freed). */
static void compare(const char *dir, int resolve, int lists, outcome *out, lp_buf *full_dump)
{
    lp_workspace_opts base = { .no_resolve = !resolve, .no_background = 1 };
    lp_buf a = { 0 }, b = { 0 };
    out->rc_default = wsd_open_dump(dir, &base, 0, lists, &a);
    out->rc_full = wsd_open_dump(dir, &base, 1, lists, &b);
    cr_assert(!a.oom && !b.oom, "dump out of memory");
    out->differs = wsd_diff(a.data, a.len, b.data, b.len, out->msg, sizeof out->msg);
    lp_buf_free(&a);
    if (full_dump) *full_dump = b;
    else lp_buf_free(&b);
}

/* Both resolutions; asserts equality, `what` names the input. */
static void assert_same(const char *dir, const char *what, int lists)
{
    for (int resolve = 0; resolve <= 1; resolve++) {
        outcome o;
        compare(dir, resolve, lists, &o, NULL);
        cr_assert(!o.differs, "%s (resolution %s): default and full_parse differ; %s", what,
                  resolve ? "on" : "off", o.msg);
    }
}

/* ------------------------------------------------------------ real workspaces */

static void real_mod(const char *rel)
{
    const char *dir = wf_shared(rel);
    struct stat st;
    cr_assert(stat(dir, &st) == 0 && S_ISDIR(st.st_mode), "%s is missing", dir);
    char path[4096];
    snprintf(path, sizeof path, "%s", dir);
    outcome o;
    lp_buf full = { 0 };
    for (int resolve = 0; resolve <= 1; resolve++) {
        compare(path, resolve, resolve, &o, &full);
        /* a corpus that opened to nothing would compare equal: it must not */
        cr_assert_eq(o.rc_full, LP_OK, "%s: lp_open fails", rel);
        cr_assert(strstr(full.data, "\nentries=") && !strstr(full.data, "\nentries=0\n"), "%s: no entries",
                  rel);
        lp_buf_free(&full);
        cr_assert(!o.differs, "%s (resolution %s): default and full_parse differ; %s", rel,
                  resolve ? "on" : "off", o.msg);
    }
}

Test(fast_real, aws_compliance) { real_mod("corpus/aws_compliance"); }
Test(fast_real, aws_insights) { real_mod("corpus/aws_insights"); }
Test(fast_real, aws_cloudtrail_log_detections) { real_mod("corpus/aws_cloudtrail_log_detections"); }

/* Every directory with a mod.pp under the fixtures, dependency mods
 * (under .powerpipe) apart: they are opened as part of their workspace. */
static void find_workspaces(paths *out, const char *dir)
{
    static const char *const mod_pp[] = { "mod.pp", NULL };
    static const char *const skip[] = { ".powerpipe", NULL };
    paths mods = { 0 };
    cr_assert_eq(paths_walk(&mods, dir, mod_pp, skip, 0), 0, "cannot walk %s", dir);
    for (size_t i = 0; i < mods.n; i++) {
        size_t n = strlen(mods.v[i]) - strlen("/mod.pp");
        if (mods.v[i][n] != '/') continue;   /* xmod.pp */
        mods.v[i][n] = '\0';
        cr_assert_eq(paths_add(out, mods.v[i]), 0);
    }
    paths_free(&mods);
}

Test(fast_real, lazy_loading_fixtures)
{
    paths ws = { 0 };
    find_workspaces(&ws, wf_shared("testdata/powerpipe/lazy-loading-tests"));
    /* simple, deep-hierarchy, wide-hierarchy, cross-refs, edge-cases,
     * error-conditions, multi-mod/main, multi-mod-errors,
     * multi-mod-invalid-dep, generated/{small,medium,large} */
    cr_assert_geq(ws.n, 12, "only %zu fixture workspaces found", ws.n);
    for (size_t i = 0; i < ws.n; i++) assert_same(ws.v[i], ws.v[i], 1);
    paths_free(&ws);
}

Test(fast_real, failed_opens_fail_the_same_way)
{
    char *dir = wf_tmpdir();
    char missing[4200], file[4200];
    snprintf(missing, sizeof missing, "%s/no-such-dir", dir);
    wf_write(dir, "plain.pp", "control \"c\" {\n}\n");
    snprintf(file, sizeof file, "%s/plain.pp", dir);
    const char *const cases[] = { missing, file };
    for (size_t i = 0; i < 2; i++) {
        for (int resolve = 0; resolve <= 1; resolve++) {
            outcome o;
            compare(cases[i], resolve, 0, &o, NULL);
            cr_assert_neq(o.rc_full, LP_OK, "%s opened", cases[i]);
            cr_assert(!o.differs, "%s: %s", cases[i], o.msg);
        }
    }
    wf_remove(dir);
}

/* ------------------------------------------------------------ hand-written cases */

/* tests/data/index_fast/cases.txt: cases separated by directive lines
 *   @@@ case NAME
 *   @@@ expect FULL_NAME...   entries that must exist (my reading of the text)
 *   @@@ clean                 every file parses without error (so the fast
 *                             path is the one reading them)
 *   @@@ file REL              the lines up to the next directive are REL
 * A case without a mod.pp gets `mod "t"` with a title. */
typedef struct tfile {
    char *rel;
    char *text;
} tfile;

typedef struct tcase {
    char *name;
    char *expect;
    int clean;
    tfile files[32];
    int nfiles;
} tcase;

typedef struct tcases {
    tcase v[128];
    int n;
    char *src;
} tcases;

static void load_cases(tcases *cs)
{
    memset(cs, 0, sizeof *cs);
    size_t len;
    cs->src = jt_read_file("tests/data/index_fast/cases.txt", &len);
    cr_assert(cs->src, "cannot read tests/data/index_fast/cases.txt (tests run from the project root)");
    tcase *c = NULL;
    char *p = cs->src;
    while (*p) {
        char *eol = strchr(p, '\n');
        char *next = eol ? eol + 1 : p + strlen(p);
        if (strncmp(p, "@@@ ", 4) != 0) {
            p = next;
            continue;
        }
        *p = '\0';   /* ends the previous file's text */
        if (eol) *eol = '\0';
        char *arg = p + 4;
        if (strncmp(arg, "case ", 5) == 0) {
            cr_assert_lt(cs->n, 128);
            c = &cs->v[cs->n++];
            c->name = arg + 5;
            c->expect = "";
        } else if (c && strncmp(arg, "expect ", 7) == 0) {
            c->expect = arg + 7;
        } else if (c && strcmp(arg, "clean") == 0) {
            c->clean = 1;
        } else if (c && strncmp(arg, "file ", 5) == 0) {
            cr_assert_lt(c->nfiles, 32);
            c->files[c->nfiles].rel = arg + 5;
            c->files[c->nfiles++].text = next;
        } else {
            cr_assert_fail("cases.txt: bad directive \"%s\"", arg);
        }
        p = next;
    }
}

typedef enum variant { V_AS_IS, V_SPLIT, V_CRLF, V_BOM, V_TABS, V_NO_EOL, V__COUNT } variant;
static const char *const variant_names[] = { "as written", "one file per block", "CRLF", "BOM",
                                             "tab indentation", "no last newline" };

/* text changed as the variant says (malloc'd) */
static char *apply_variant(const char *text, variant v)
{
    size_t n = strlen(text);
    char *out = malloc(2 * n + 8), *o = out;
    cr_assert(out);
    if (v == V_BOM) o += sprintf(o, "\xef\xbb\xbf");
    int at_line_start = 1;
    for (const char *s = text; *s; s++) {
        if (v == V_CRLF && *s == '\n') *o++ = '\r';
        /* two leading spaces become one tab */
        if (v == V_TABS && at_line_start && s[0] == ' ' && s[1] == ' ') {
            *o++ = '\t';
            s++;
            continue;
        }
        at_line_start = *s == '\n' || (at_line_start && (*s == '\t'));
        *o++ = *s;
    }
    if (v == V_NO_EOL)
        while (o > out && o[-1] == '\n') o--;
    *o = '\0';
    return out;
}

/* The fast path reads a file or hands all of it to the full parser, so one
 * unusual construct would hide the rest of its file from it: V_SPLIT writes
 * every paragraph that starts with a lower-case name at column 0 after a
 * blank line (a top-level block, as the cases are written) to a file of its
 * own, REL_NN.pp. */
static void write_split(const char *dir, const char *rel, const char *text)
{
    size_t rl = strlen(rel);
    if (rl < 3 || strcmp(rel + rl - 3, ".pp") != 0 || strcmp(rel, "mod.pp") == 0) {
        wf_write(dir, rel, text);
        return;
    }
    char *copy = strdup(text);
    cr_assert(copy);
    char *part = copy;
    int n = 0;
    for (;;) {
        char *cut = part;
        while ((cut = strstr(cut, "\n\n")) && !(cut[2] >= 'a' && cut[2] <= 'z')) cut++;
        if (cut) cut[1] = '\0';
        char name[4200];
        snprintf(name, sizeof name, "%.*s_%02d.pp", (int)(rl - 3), rel, n++);
        wf_write(dir, name, part);
        if (!cut) break;
        part = cut + 2;
    }
    free(copy);
}

static char *write_case(const tcase *c, variant v)
{
    char *dir = wf_tmpdir();
    int has_mod = 0;
    for (int i = 0; i < c->nfiles; i++) {
        if (v == V_SPLIT) {
            write_split(dir, c->files[i].rel, c->files[i].text);
        } else {
            char *t = apply_variant(c->files[i].text, v);
            wf_write(dir, c->files[i].rel, t);
            free(t);
        }
        if (strcmp(c->files[i].rel, "mod.pp") == 0) has_mod = 1;
    }
    if (!has_mod) wf_write(dir, "mod.pp", "mod \"t\" {\n  title = \"T\"\n}\n");
    return dir;
}

/* The facts the case states about itself, read off the full_parse dump. */
static void check_expectations(const tcase *c, const char *dump)
{
    char names[2048];
    snprintf(names, sizeof names, "%s", c->expect);
    for (char *save = NULL, *n = strtok_r(names, " ", &save); n; n = strtok_r(NULL, " ", &save)) {
        char needle[600];
        snprintf(needle, sizeof needle, " %s: kind=", n);
        cr_assert(strstr(dump, needle), "case %s: no entry %s", c->name, n);
    }
    if (c->clean) cr_assert(!strstr(dump, " status=-3\n"), "case %s: a file has syntax errors", c->name);
}

static void run_cases(int resolve)
{
    tcases *cs = malloc(sizeof *cs);
    cr_assert(cs);
    load_cases(cs);
    cr_assert_geq(cs->n, 20, "only %d cases in cases.txt", cs->n);
    unsigned runs = 0, bad = 0;
    char first[2600] = "";
    for (int i = 0; i < cs->n; i++) {
        for (int v = 0; v < V__COUNT; v++) {
            char *dir = write_case(&cs->v[i], (variant)v);
            outcome o;
            lp_buf full = { 0 };
            compare(dir, resolve, 1, &o, &full);
            if (v == V_AS_IS) check_expectations(&cs->v[i], full.data);
            lp_buf_free(&full);
            wf_remove(dir);
            runs++;
            if (o.differs && !bad++)
                snprintf(first, sizeof first, "case %s, %s: %s", cs->v[i].name, variant_names[v], o.msg);
        }
    }
    free(cs->src);
    free(cs);
    cr_assert_eq(bad, 0, "%u of %u hand-written workspaces differ (resolution %s); first: %s", bad, runs,
                 resolve ? "on" : "off", first);
}

Test(fast_cases, hand_written_phase1) { run_cases(0); }
Test(fast_cases, hand_written_resolved) { run_cases(1); }

/* ------------------------------------------------------------ generated shapes */

static void assert_same_text(const char *what, const char *text, int lists)
{
    char *dir = wf_mod_dir("mod \"t\" {\n  title = \"T\"\n}\n");
    wf_write(dir, "a.pp", text);
    assert_same(dir, what, lists);
    wf_remove(dir);
}

Test(fast_shapes, very_long_lines)
{
    size_t cap = 1 << 20;
    char *t = malloc(cap), *o = t;
    cr_assert(t);
    /* a title of 20000 pieces (escapes, non-ASCII), a 100 kB description, a
     * 3000-item children list on one line, 600 tags on one line */
    static const char *const pieces[] = { "plain text ",      "\\n",   "\\\"",   "\xc3\xa9",
                                          "\xf0\x9f\x8e\x89", "$${x}", "\\u00e9" };
    o += sprintf(o, "control \"long\" {\n  title = \"");
    for (int i = 0; i < 20000; i++) o += sprintf(o, "%s", pieces[i % 7]);
    o += sprintf(o, "\"\n  description = \"");
    for (int i = 0; i < 100000; i++) *o++ = "abcdefg "[i % 8];
    o += sprintf(o, "\"\n  sql = \"select 1\"\n}\n");
    o += sprintf(o, "benchmark \"wide\" {\n  children = [");
    for (int i = 0; i < 3000; i++) o += sprintf(o, "%scontrol.c%d", i ? ", " : "", i % 7 ? i : 0);
    o += sprintf(o, "]\n  tags = {");
    for (int i = 0; i < 600; i++) o += sprintf(o, " k%d = \"v%d\",", i, i);
    o += sprintf(o, " }\n}\ncontrol \"c0\" {\n  sql = \"select 0\"\n}\n");
    cr_assert_lt((size_t)(o - t), cap);
    *o = '\0';
    /* no list JSON: lp_list_json is quadratic in a benchmark's children
     * (3000: 0.5 s without sanitizers), and reads no phase-1 output but
     * the byte ranges, which the entries show */
    assert_same_text("very long lines", t, 0);
    free(t);
}

/* Every block type with every attribute form, each pair in a file of its own
 * (one unusual form cannot send the others to the full parser) and each
 * type's forms together in one more file: the fast path may treat block
 * types differently (ordinary entries attribute by attribute, dashboards and
 * containers as trees). */
Test(fast_shapes, every_block_type_with_every_attribute_form)
{
    static const char *const types[] = { "control",   "benchmark",   "detection_benchmark",
                                         "query",     "detection",   "dashboard",
                                         "container", "card",        "chart",
                                         "flow",      "graph",       "hierarchy",
                                         "image",     "input",       "table",
                                         "text",      "node",        "edge",
                                         "category",  "with",        "variable",
                                         "locals",    "unknown_type" };
    static const char *const forms[] = {
        "title = \"Plain\"",
        "title = \"esc \\n \\\" \\\\ \\t end\"",
        "title = \"caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x8e\x89\"",
        "title = \"a ${var.v} b ${local.s}\"",
        "title = null",
        "title = var.v",
        "description = 42",
        "description = <<-EOT\n    indented\n      more\n\n    end\n  EOT",
        "description = <<EOT\nplain ${local.s} and $${not}\nEOT",
        "documentation = \"doc\"\n  display = \"none\"",
        "tags = {\n    a   = \"b\"\n    \"c\" = 1\n    d   = true\n  }",
        "tags = { a = \"b\", c = \"d\" }",
        "tags = merge(local.t, { x = \"y\" })",
        "tags = local.t",
        "tags {\n    a = \"b\"\n  }",
        "width = 4",
        "width = \"4\"",
        "width = 4.5",
        "sql = \"select 1\"",
        "sql = <<-EOQ\n    select '${var.v}'\n    from t\n  EOQ",
        "sql = <<-EOQ\n    select 1\n    from t\n  EOQ",
        "query = query.q",
        "sql = query.q.sql",
        "query = dep.query.q",
        "children = [control.c, benchmark.b]",
        "children = [\n    control.c, # c\n    // c\n    dep.control.x,\n    \"x\",\n  ]",
        "category = category.k",
        "type = \"detection\"\n  children = [detection.d]",
        "param \"p\" {\n    default = 1\n  }\n  args = { p = 2 }",
        "card {\n    width = 2\n  }\n  card \"named\" {\n    title = \"n\"\n  }",
        "default = \"dv\"",
        "a = 1\n  b = \"two\"",
    };
    const size_t nt = sizeof types / sizeof types[0], nf = sizeof forms / sizeof forms[0];
    char *dir = wf_mod_dir("mod \"t\" {\n  title = \"T\"\n}\n");
    wf_write(dir, "defs.pp",
             "variable \"v\" {\n  default = \"V\"\n}\n\nlocals {\n  s = \"S\"\n  t = { a = \"b\" }\n}\n\n"
             "query \"q\" {\n  sql = \"select 1\"\n}\n\ncontrol \"c\" {\n  sql = \"select 1\"\n}\n\n"
             "benchmark \"b\" {\n  title = \"B\"\n}\n\ncategory \"k\" {\n  color = \"red\"\n}\n\n"
             "detection \"d\" {\n  query = query.q\n}\n");
    size_t cap = 1 << 16;
    char *all = malloc(cap);
    cr_assert(all);
    for (size_t t = 0; t < nt; t++) {
        int unlabelled = strcmp(types[t], "locals") == 0;
        size_t n = 0;
        for (size_t f = 0; f < nf; f++) {
            char text[1024], rel[128];
            /* the same block in its own file (label fNN) and in the type's file (aNN) */
            for (int in_all = 0; in_all <= 1; in_all++) {
                if (unlabelled) snprintf(text, sizeof text, "%s {\n  %s\n}\n", types[t], forms[f]);
                else
                    snprintf(text, sizeof text, "%s \"%c%02zu\" {\n  %s\n}\n", types[t], in_all ? 'a' : 'f',
                             f, forms[f]);
                if (in_all) {
                    n += (size_t)snprintf(all + n, cap - n, "%s\n", text);
                    cr_assert_lt(n, cap);
                } else {
                    snprintf(rel, sizeof rel, "%s/f%02zu.pp", types[t], f);
                    wf_write(dir, rel, text);
                }
            }
        }
        char rel[128];
        snprintf(rel, sizeof rel, "all_%s.pp", types[t]);
        wf_write(dir, rel, all);
    }
    free(all);
    assert_same(dir, "every block type with every attribute form", 1);
    wf_remove(dir);
}

Test(fast_shapes, forty_levels_of_nesting)
{
    size_t cap = 1 << 16;
    char *t = malloc(cap), *o = t;
    cr_assert(t);
    o += sprintf(o, "dashboard \"deep\" {\n  title = \"Deep\"\n");
    for (int i = 0; i < 40; i++)
        o += sprintf(o, "%*scontainer%s {\n", 2 * (i + 1), "", i % 3 ? "" : " \"n\"");
    o += sprintf(o, "%*scard {\n%*swidth = 4\n%*s}\n", 82, "", 84, "", 82, "");
    for (int i = 39; i >= 0; i--) o += sprintf(o, "%*s}\n", 2 * (i + 1), "");
    o += sprintf(o, "}\ncontrol \"deep_tags\" {\n  tags = ");
    for (int i = 0; i < 40; i++) o += sprintf(o, "{ k%d = ", i);
    o += sprintf(o, "\"v\"");
    for (int i = 0; i < 40; i++) o += sprintf(o, " }");
    o += sprintf(o, "\n  title = ");
    for (int i = 0; i < 40; i++) o += sprintf(o, "[");
    for (int i = 0; i < 40; i++) o += sprintf(o, "]");
    o += sprintf(o, "\n  description = \"");
    for (int i = 0; i < 40; i++) o += sprintf(o, "${");
    o += sprintf(o, "x");
    for (int i = 0; i < 40; i++) o += sprintf(o, "}");
    o += sprintf(o, "\"\n}\n");
    cr_assert_lt((size_t)(o - t), cap);
    *o = '\0';
    assert_same_text("40 levels of nesting", t, 1);
    free(t);
}

/* ------------------------------------------------------------ mutants */

/* splitmix-style 64-bit steps: a fixed sequence, so a failing mutant can be
 * named by its number and rebuilt */
static uint64_t rnd(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* [from, to) of the line holding byte at */
static void line_of(const char *t, size_t len, size_t at, size_t *from, size_t *to)
{
    size_t a = at, b = at;
    while (a > 0 && t[a - 1] != '\n') a--;
    while (b < len && t[b] != '\n') b++;
    *from = a;
    *to = b < len ? b + 1 : b;
}

/* One edit of text into buf (room for len + 64); returns the new length and
 * describes the edit in what. */
static size_t mutate(const char *t, size_t len, uint64_t *seed, char *buf, char *what, size_t wsize)
{
    static const char *const ins[] = { "${x}", "\"", "}", "#", "\xc3\xa9", "\xe6\x97\xa5", "\xf0\x9f\x8e\x89",
                                       "\r", "{", "\n", "//", "/*", "${", "<<EOQ\n", "\\" };
    size_t pos = len ? (size_t)(rnd(seed) % len) : 0;
    /* half of the edits at structure: the next special byte */
    if (rnd(seed) & 1)
        while (pos + 1 < len && !strchr("\"{}[]=,$<\n", t[pos])) pos++;
    size_t lf, lt;
    line_of(t, len, pos, &lf, &lt);
    int op = (int)(rnd(seed) % 5);
    switch (op) {
    case 0:   /* delete the line */
        memcpy(buf, t, lf);
        memcpy(buf + lf, t + lt, len - lt);
        snprintf(what, wsize, "line at byte %zu deleted", lf);
        return len - (lt - lf);
    case 1: {   /* duplicate the line (a short one: the buffer has 64 spare bytes) */
        size_t n = lt - lf > 64 ? 64 : lt - lf;
        memcpy(buf, t, lt);
        memcpy(buf + lt, t + lf, n);
        memcpy(buf + lt + n, t + lt, len - lt);
        snprintf(what, wsize, "line at byte %zu duplicated (%zu bytes)", lf, n);
        return len + n;
    }
    case 2:   /* cut */
        memcpy(buf, t, pos);
        snprintf(what, wsize, "cut at byte %zu", pos);
        return pos;
    case 3: {   /* a children item becomes "x" */
        const char *c = len ? strstr(t + pos, "children") : NULL;
        if (!c) c = len ? strstr(t, "children") : NULL;
        const char *item = c ? strpbrk(c, "[") : NULL;
        if (item) {
            item++;
            while (*item == ' ' || *item == '\n') item++;
            size_t a = (size_t)(item - t), b = a;
            while (b < len && !strchr(",]\n", t[b])) b++;
            memcpy(buf, t, a);
            memcpy(buf + a, "\"x\"", 3);
            memcpy(buf + a + 3, t + b, len - b);
            snprintf(what, wsize, "children item at byte %zu replaced by \"x\"", a);
            return len - (b - a) + 3;
        }
    }
    /* fall through - no children in the file */
    default: {   /* insert */
        const char *s = ins[rnd(seed) % (sizeof ins / sizeof ins[0])];
        size_t n = strlen(s);
        memcpy(buf, t, pos);
        memcpy(buf + pos, s, n);
        memcpy(buf + pos + n, t + pos, len - pos);
        snprintf(what, wsize, "inserted %zu byte(s) starting 0x%02x at byte %zu", n, (unsigned char)s[0],
                 pos);
        return len + n;
    }
    }
}

Test(fast_mutants, changed_real_files)
{
    static const char *const pp[] = { ".pp", NULL };
    static const char *const mods[] = { "corpus/aws_compliance", "corpus/aws_insights",
                                        "corpus/aws_cloudtrail_log_detections" };
    paths files = { 0 };
    for (size_t m = 0; m < 3; m++) cr_assert_eq(paths_walk(&files, wf_shared(mods[m]), pp, NULL, 1), 0);
    /* a fixed sample: every 23rd file under 12 kB, mod.pp files apart */
    paths sample = { 0 };
    for (size_t i = 0; i < files.n; i += 23) {
        struct stat st;
        size_t j = i;
        while (j < files.n &&
               (strstr(files.v[j], "/mod.pp") || stat(files.v[j], &st) != 0 || st.st_size > 12288))
            j++;
        if (j < files.n) cr_assert_eq(paths_add(&sample, files.v[j]), 0);
    }
    cr_assert_geq(sample.n, 30, "only %zu sample files", sample.n);

    char *dir = wf_mod_dir("mod \"m\" {\n  title = \"M\"\n}\nlocals {\n  t = { a = \"b\" }\n}\n");
    uint64_t seed = 0x1dea5eedull;
    unsigned mutants = 0, bad = 0;
    char first[4096] = "";
    for (size_t i = 0; i < sample.n; i++) {
        size_t len;
        char *text = jt_read_file(sample.v[i], &len);
        cr_assert(text);
        char *buf = malloc(len + 64);
        cr_assert(buf);
        for (int k = 0; k < 12; k++) {
            char what[200];
            size_t n = mutate(text, len, &seed, buf, what, sizeof what);
            char path[4200];
            snprintf(path, sizeof path, "%s/mutant.pp", dir);
            FILE *f = fopen(path, "wb");
            cr_assert(f);
            fwrite(buf, 1, n, f);
            fclose(f);
            /* resolution for a third of them: phase 2 reads what the scan captured */
            outcome o;
            compare(dir, k % 3 == 0, 0, &o, NULL);
            mutants++;
            if (o.differs && !bad++)
                snprintf(first, sizeof first, "%s, mutant %d (%s), resolution %s: %s", sample.v[i], k, what,
                         k % 3 == 0 ? "on" : "off", o.msg);
        }
        free(buf);
        free(text);
    }
    wf_remove(dir);
    fprintf(stderr, "test_index_fast: %u mutants of %zu files, %u differ\n", mutants, sample.n, bad);
    paths_free(&sample);
    paths_free(&files);
    cr_assert_eq(bad, 0, "%u of %u mutants differ; first: %s", bad, mutants, first);
}
