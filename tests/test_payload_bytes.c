/* test_payload_bytes.c — available_dashboards (POWERPIPE_BEHAVIOR §5.2, §5.3,
 * §13) and list JSON (§5.6) compared byte for byte with what Go's
 * encoding/json writes.  Every expected string is derived by hand from Go's
 * rules, stated next to it:
 *  - struct fields in declaration order (Dashboard: title,omitempty full_name
 *    short_name tags mod_full_name database; Benchmark: title,omitempty
 *    full_name short_name benchmark_type tags is_top_level children,omitempty
 *    trunks mod_full_name);
 *  - map[string]... keys sorted by bytes (sort.Strings: 'A'(0x41) < '_'(0x5F)
 *    < 'a'(0x61); '.'(0x2E) < '_'; a UTF-8 lead byte >= 0xC2 sorts after all
 *    ASCII);
 *  - strings: HTML-safe escaping (< > & -> \u003c \u003e \u0026), U+2028 and
 *    U+2029 -> \u2028 \u2029, \n \r \t \b \f (Go >= 1.22) short escapes,
 *    other controls \u00XX with lower-case hex, each byte of invalid UTF-8
 *    -> the 6 characters \ufffd (appendString writes `\ufffd`, not the raw
 *    rune), other non-ASCII raw.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/wsfix.h"

static lp_workspace *ws;
static char *dir;

static void done(void) { wf_done(&ws, &dir); }

TestSuite(pbytes, .fini = done);

/* workspace with mod "t" and a.pp, optionally resolved (phase 2) */
static void open_ws(const char *text, int resolve)
{
    dir = wf_mod_dir("mod \"t\" {\n}\n");
    wf_write(dir, "a.pp", text);
    lp_workspace_opts o = { .workers = 1, .no_resolve = !resolve };
    lp_error err;
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "lp_open: %s", err.message);
    if (resolve) cr_assert_eq(lp_wait_resolved(ws, 10000), LP_OK);
}

static char *payload(void)
{
    lp_buf b = { 0 };
    cr_assert_eq(lp_available_dashboards_json(ws, &b), LP_OK);
    char *s = strdup(b.data ? b.data : "");
    lp_buf_free(&b);
    return s;
}

static void expect_payload(const char *dash, const char *bench)
{
    char want[16384];
    snprintf(want, sizeof want,
             "{\"action\":\"available_dashboards\",\"dashboards\":{%s},\"benchmarks\":{%s},"
             "\"detection_benchmarks\":null,\"snapshots\":{}}",
             dash, bench);
    char *got = payload();
    cr_assert_str_eq(got, want);
    free(got);
}

/* Dashboard object of mod t with the given title (omitted when NULL) and
 * tags object */
#define DASH(short, titlepart, tags)                                                                 \
    "\"t.dashboard." short "\":{" titlepart "\"full_name\":\"t.dashboard." short "\","                  \
    "\"short_name\":\"" short "\",\"tags\":" tags ",\"mod_full_name\":\"mod.t\",\"database\":\"\"}"

Test(pbytes, dashboard_title_omitted_tags_never_null)
{
    /* no title -> key omitted (omitempty); no tags -> nil map replaced by
     * {} then "mod" added; database always "". */
    open_ws("dashboard \"d\" {\n}\n", 0);
    expect_payload(DASH("d", "", "{\"mod\":\"mod.t\"}"), "");
}

Test(pbytes, tag_key_order_bytewise)
{
    /* keys: "B" 0x42, "_x" 0x5F, "a.b" 0x61 0x2E, "a_b" 0x61 0x5F, "b",
     * "mod" (added), "é" 0xC3 0xA9, "z" 0x7A: byte order
     * B < _x < a.b < a_b < b < mod < z < é */
    open_ws("dashboard \"d\" {\n  title = \"T\"\n"
            "  tags = {\n    \"é\" = \"1\"\n    z = \"2\"\n    b = \"3\"\n    \"a_b\" = \"4\"\n"
            "    \"a.b\" = \"5\"\n    \"_x\" = \"6\"\n    B = \"7\"\n  }\n}\n", 0);
    expect_payload(DASH("d", "\"title\":\"T\",",
                        "{\"B\":\"7\",\"_x\":\"6\",\"a.b\":\"5\",\"a_b\":\"4\",\"b\":\"3\",\"mod\":\"mod.t\","
                        "\"z\":\"2\",\"é\":\"1\"}"),
                   "");
}

Test(pbytes, explicit_mod_tag_wins)
{
    /* an explicit "mod" tag is kept; "Mod" (0x4D) is a different key and
     * sorts before "mod" */
    open_ws("dashboard \"d\" {\n  tags = { mod = \"mine\", Mod = \"x\" }\n}\n", 0);
    expect_payload(DASH("d", "", "{\"Mod\":\"x\",\"mod\":\"mine\"}"), "");
}

Test(pbytes, string_escaping)
{
    /* HCL "a<b>&c\"\\ \t\u2028\u2029\u0001\u007f\u00e9\u0008\u000c"
     * -> Go: a\u003cb\u003e\u0026c\"\\ \t\u2028\u2029\u0001 then DEL 0x7F raw
     * (htmlSafeSet includes it), é raw, \b, \f. */
    open_ws("dashboard \"d\" {\n  title = \"a<b>&c\\\"\\\\ \\t\\u2028\\u2029\\u0001\\u007f\\u00e9"
            "\\u0008\\u000c\"\n}\n", 0);
    expect_payload(DASH("d",
                        "\"title\":\"a\\u003cb\\u003e\\u0026c\\\"\\\\ \\t\\u2028\\u2029\\u0001\x7f"
                        "\xc3\xa9\\b\\f\",",
                        "{\"mod\":\"mod.t\"}"),
                   "");
}

Test(pbytes, invalid_utf8_each_byte_ufffd)
{
    /* Go's appendString: DecodeRune gives (RuneError, 1) for every byte
     * that does not start a valid sequence, and writes `\ufffd` (escaped);
     * E2 80 followed by 'x' is a truncated 3-byte sequence: two bytes, two
     * \ufffd; ED A0 80 is a UTF-16 surrogate: three \ufffd; a valid U+FFFD
     * (EF BF BD) stays raw. */
    lp_buf b = { 0 };
    const char in[] = "a\xff" "b\xe2\x80x\xed\xa0\x80\xef\xbf\xbd";
    lp_json_str(&b, in, sizeof in - 1);
    cr_assert_str_eq(b.data, "\"a\\ufffdb\\ufffd\\ufffdx\\ufffd\\ufffd\\ufffd\xef\xbf\xbd\"");
    lp_buf_free(&b);
}

/* lp_json_read_str, as Go's encoding/json reads a string (decode.go unquote): the eight short
 * escapes, \u in either case, a surrogate pair joined (U+1F600), a lone surrogate or a high one
 * followed by no low one U+FFFD, other bytes as they are; what follows the closing quote not read;
 * a raw control character, an unknown escape, a short \u or no closing quote: not a string. */
Test(pbytes, json_strings_read_as_go_reads_them)
{
    static const struct {
        const char *in, *out;
        size_t used;
    } OK[] = {
        { "\"\"", "", 2 },
        { "\"a\\\"\\\\\\/\\b\\f\\n\\r\\tz\",1", "a\"\\/\b\f\n\r\tz", 20 },
        { "\"\\u00e9\\u00C9\"", "\xc3\xa9\xc3\x89", 14 },
        { "\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80", 14 },
        { "\"\\ud83dx\\ude00\"", "\xef\xbf\xbdx\xef\xbf\xbd", 15 },
        { "\"\\ud83d\\u0041\"", "\xef\xbf\xbd" "A", 14 },
        { "\"\xff\xc3\xa9\"", "\xff\xc3\xa9", 5 },
    };
    for (size_t i = 0; i < sizeof OK / sizeof *OK; i++) {
        lp_buf b = { 0 };
        size_t used = lp_json_read_str(OK[i].in, strlen(OK[i].in), &b);
        cr_expect_eq(used, OK[i].used, "%s: read %zu", OK[i].in, used);
        cr_expect(b.len == strlen(OK[i].out) && !memcmp(b.data ? b.data : "", OK[i].out, b.len), "%s",
                  OK[i].in);
        lp_buf_free(&b);
    }
    static const char *const BAD[] = { "", "x", "\"abc", "\"a\nb\"", "\"\\x\"", "\"\\u12\"",
                                       "\"\\u12g4\"", "\"\\" };
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        lp_buf b = { 0 };
        cr_expect_eq(lp_json_read_str(BAD[i], strlen(BAD[i]), &b), 0, "%s", BAD[i]);
        lp_buf_free(&b);
    }
}

/* Benchmark object head: title omitted when "" */
#define BHEAD(mod, short, titlepart, type, tags, top) \
    "{" titlepart "\"full_name\":\"" mod ".benchmark." short "\",\"short_name\":\"" short \
    "\",\"benchmark_type\":\"" type "\",\"tags\":" tags ",\"is_top_level\":" top
/* nested child object (no children of its own) */
#define BNEST(mod, short, titlepart, type, tags) \
    BHEAD(mod, short, titlepart, type, tags, "false") ",\"trunks\":null,\"mod_full_name\":\"\"}"
#define MODT "{\"mod\":\"mod.t\"}"

Test(pbytes, cycle_skips_child_on_path)
{
    /* a -> b -> a: both appear in a child list, so neither is top level;
     * no walk starts, trunks null.  Under a, b is nested and b's child a is
     * on the path (skipped), so b has no "children" key. */
    open_ws("benchmark \"a\" {\n  children = [benchmark.b]\n}\n"
            "benchmark \"b\" {\n  children = [benchmark.a]\n}\n", 0);
    expect_payload("",
                   "\"t.benchmark.a\":" BHEAD("t", "a", "", "control", MODT, "false")
                   ",\"children\":[" BNEST("t", "b", "", "control", MODT) "]"
                   ",\"trunks\":null,\"mod_full_name\":\"mod.t\"},"
                   "\"t.benchmark.b\":" BHEAD("t", "b", "", "control", MODT, "false")
                   ",\"children\":[" BNEST("t", "a", "", "control", MODT) "]"
                   ",\"trunks\":null,\"mod_full_name\":\"mod.t\"}");
}

Test(pbytes, cycle_member_expanded_by_path)
{
    /* top -> [a, x]; top2 -> [x]; a -> [b]; b -> [a]; x -> [b].  a and b
     * are on a cycle: b under a (a on the path) has no children, b under x
     * has [a] (and that a none, b being on the path), so their objects
     * depend on where they are written; x is on no cycle: its object is the
     * same under top, under top2 and in the map (payload.c copies it).
     * Trunks: walks from top then top2 (name order), children in source
     * order. */
    open_ws("benchmark \"top\" {\n  children = [benchmark.a, benchmark.x]\n}\n"
            "benchmark \"top2\" {\n  children = [benchmark.x]\n}\n"
            "benchmark \"a\" {\n  children = [benchmark.b]\n}\n"
            "benchmark \"b\" {\n  children = [benchmark.a]\n}\n"
            "benchmark \"x\" {\n  children = [benchmark.b]\n}\n", 0);
#define T(n) "\"t.benchmark." n "\""
#define NESTED ",\"trunks\":null,\"mod_full_name\":\"\"}"
#define B_A \
    BHEAD("t", "b", "", "control", MODT, "false") ",\"children\":[" BNEST("t", "a", "", "control", MODT) "]"
#define X_B BHEAD("t", "x", "", "control", MODT, "false") ",\"children\":[" B_A NESTED "]"
    expect_payload("",
                   T("a") ":" BHEAD("t", "a", "", "control", MODT, "false")
                   ",\"children\":[" BNEST("t", "b", "", "control", MODT) "]"
                   ",\"trunks\":[[" T("top") "," T("a") "],[" T("top") "," T("x") "," T("b") "," T("a")
                   "],[" T("top2") "," T("x") "," T("b") "," T("a") "]],\"mod_full_name\":\"mod.t\"},"
                   T("b") ":" B_A ",\"trunks\":[[" T("top") "," T("a") "," T("b") "],[" T("top") ","
                   T("x") "," T("b") "],[" T("top2") "," T("x") "," T("b") "]],\"mod_full_name\":\"mod.t\"},"
                   T("top") ":" BHEAD("t", "top", "", "control", MODT, "true")
                   ",\"children\":[" BHEAD("t", "a", "", "control", MODT, "false")
                   ",\"children\":[" BNEST("t", "b", "", "control", MODT) "]" NESTED "," X_B NESTED "]"
                   ",\"trunks\":[[" T("top") "]],\"mod_full_name\":\"mod.t\"},"
                   T("top2") ":" BHEAD("t", "top2", "", "control", MODT, "true")
                   ",\"children\":[" X_B NESTED "]"
                   ",\"trunks\":[[" T("top2") "]],\"mod_full_name\":\"mod.t\"},"
                   T("x") ":" X_B ",\"trunks\":[[" T("top") "," T("x") "],[" T("top2") "," T("x") "]],"
                   "\"mod_full_name\":\"mod.t\"}");
#undef X_B
#undef B_A
#undef NESTED
#undef T
}

Test(pbytes, diamond_trunks_and_children)
{
    /* top -> [l, r, control.c, benchmark.missing]; l -> [leaf]; r -> [leaf].
     * Controls and missing children never appear; leaf is reached twice,
     * trunks in walk order (children in source order): [top,l,leaf],
     * [top,r,leaf]. Map keys sorted: leaf < l?  "t.benchmark.l" vs
     * "t.benchmark.leaf": 'l' then end-of-string vs 'e' -> "l" is a prefix,
     * so l < leaf < r < top. */
    open_ws("benchmark \"top\" {\n  title = \"Top\"\n"
            "  children = [benchmark.l, benchmark.r, control.c, benchmark.missing]\n}\n"
            "benchmark \"l\" {\n  children = [benchmark.leaf]\n}\n"
            "benchmark \"r\" {\n  children = [benchmark.leaf]\n}\n"
            "benchmark \"leaf\" {\n  children = [control.c]\n}\n"
            "control \"c\" {\n  sql = \"select 1\"\n}\n", 0);
#define LEAF BNEST("t", "leaf", "", "control", MODT)
    expect_payload("",
                   "\"t.benchmark.l\":" BHEAD("t", "l", "", "control", MODT, "false")
                   ",\"children\":[" LEAF "],\"trunks\":[[\"t.benchmark.top\",\"t.benchmark.l\"]],"
                   "\"mod_full_name\":\"mod.t\"},"
                   "\"t.benchmark.leaf\":" BHEAD("t", "leaf", "", "control", MODT, "false")
                   ",\"trunks\":[[\"t.benchmark.top\",\"t.benchmark.l\",\"t.benchmark.leaf\"],"
                   "[\"t.benchmark.top\",\"t.benchmark.r\",\"t.benchmark.leaf\"]],\"mod_full_name\":"
                   "\"mod.t\"},"
                   "\"t.benchmark.r\":" BHEAD("t", "r", "", "control", MODT, "false")
                   ",\"children\":[" LEAF "],\"trunks\":[[\"t.benchmark.top\",\"t.benchmark.r\"]],"
                   "\"mod_full_name\":\"mod.t\"},"
                   "\"t.benchmark.top\":" BHEAD("t", "top", "\"title\":\"Top\",", "control", MODT, "true")
                   ",\"children\":[" BHEAD("t", "l", "", "control", MODT, "false") ",\"children\":[" LEAF
                   "],\"trunks\":null,\"mod_full_name\":\"\"}," BHEAD("t", "r", "", "control", MODT, "false")
                   ",\"children\":[" LEAF "],\"trunks\":null,\"mod_full_name\":\"\"}]"
                   ",\"trunks\":[[\"t.benchmark.top\"]],\"mod_full_name\":\"mod.t\"}");
#undef LEAF
}

Test(pbytes, detection_benchmark_children)
{
    /* §13.1: type = "detection" -> benchmark_type "detection"; under a
     * detection benchmark only detection benchmarks are children (the
     * detection and the control benchmark are dropped).  A nested child's
     * explicit mod tag wins there too. */
    open_ws("benchmark \"det\" {\n  type = \"detection\"\n"
            "  children = [detection.x, benchmark.sub]\n}\n"
            "benchmark \"sub\" {\n  type = \"detection\"\n  tags = { mod = \"own\" }\n}\n"
            "detection \"x\" {\n  query = query.q\n}\n", 0);
    expect_payload("",
                   "\"t.benchmark.det\":" BHEAD("t", "det", "", "detection", MODT, "true")
                   ",\"children\":[" BNEST("t", "sub", "", "detection", "{\"mod\":\"own\"}") "]"
                   ",\"trunks\":[[\"t.benchmark.det\"]],\"mod_full_name\":\"mod.t\"},"
                   "\"t.benchmark.sub\":" BHEAD("t", "sub", "", "detection", "{\"mod\":\"own\"}", "false")
                   ",\"trunks\":[[\"t.benchmark.det\",\"t.benchmark.sub\"]],\"mod_full_name\":\"mod.t\"}");
}

Test(pbytes, numbers_and_bools_in_tags)
{
    /* §13.5: numbers as HCL prints them (cty's number formatting):
     * 10 -> "10", 0 -> "0", 1.50 -> "1.5", 1e3 -> "1000", -2.25 -> "-2.25";
     * bools "true"/"false".  Keys sorted: b c e f mod n neg z. */
    open_ws("dashboard \"d\" {\n"
            "  tags = { n = 10, z = 0, f = 1.50, e = 1e3, neg = -2.25, b = true, c = false }\n}\n", 1);
    expect_payload(DASH("d", "",
                        "{\"b\":\"true\",\"c\":\"false\",\"e\":\"1000\",\"f\":\"1.5\","
                        "\"mod\":\"mod.t\",\"n\":\"10\",\"neg\":\"-2.25\",\"z\":\"0\"}"),
                   "");
}

Test(pbytes, dependency_mod_entries)
{
    /* A dependency's dashboard and benchmark are in the maps under the
     * dep's own short name, with mod_full_name/tags "mod.dep".  The main
     * benchmark uses dep.benchmark.db as a child (3-part name kept as
     * written).  §13.10 (eager rule: a Mod parent makes it top level) keeps
     * db top level although §4's lazy rule would not; its trunks are then
     * [[db]] (its own root) and [[main, db]], roots walked in name order.
     * Keys: "dep.benchmark.db" < "t.benchmark.main" ('d' < 't'). */
    dir = wf_mod_dir("mod \"t\" {\n}\n");
    wf_write(dir, "a.pp", "benchmark \"main\" {\n  children = [dep.benchmark.db]\n}\n");
    wf_write(dir, ".powerpipe/mods/github.com/o/dep@v1.0.0/mod.pp", "mod \"dep\" {\n  title = \"Dep\"\n}\n");
    wf_write(dir, ".powerpipe/mods/github.com/o/dep@v1.0.0/d.pp",
             "dashboard \"dd\" {\n  title = \"DD\"\n}\nbenchmark \"db\" {\n  title = \"DB\"\n}\n");
    ws = wf_open(dir, 1);
#define DEPT "{\"mod\":\"mod.dep\"}"
    char want[4096];
    snprintf(want, sizeof want,
             "{\"action\":\"available_dashboards\",\"dashboards\":{"
             "\"dep.dashboard.dd\":{\"title\":\"DD\",\"full_name\":\"dep.dashboard.dd\",\"short_name"
             "\":\"dd\","
             "\"tags\":" DEPT ",\"mod_full_name\":\"mod.dep\",\"database\":\"\"}},\"benchmarks\":{"
             "\"dep.benchmark.db\":" BHEAD("dep", "db", "\"title\":\"DB\",", "control", DEPT, "true")
             ",\"trunks\":[[\"dep.benchmark.db\"],[\"t.benchmark.main\",\"dep.benchmark.db\"]],"
             "\"mod_full_name\":\"mod.dep\"},"
             "\"t.benchmark.main\":" BHEAD("t", "main", "", "control", MODT, "true")
             ",\"children\":[" BNEST("dep", "db", "\"title\":\"DB\",", "control", DEPT) "]"
             ",\"trunks\":[[\"t.benchmark.main\"]],\"mod_full_name\":\"mod.t\"}},"
             "\"detection_benchmarks\":null,\"snapshots\":{}}");
#undef DEPT
    char *got = payload();
    cr_assert_str_eq(got, want);
    free(got);
}

Test(pbytes, list_references_multiline_children_with_comments)
{
    /* §5.6 / §3.7, keys sorted.  top's `children` spans lines 4-8 and holds
     * comments; each reference's source_definition runs from the start of
     * line 4 to the attribute's end (the closing `]`), lines 4..8.
     * child's children ends before a trailing comment, which is left out.
     * resource_name = first 8 hex of MD5("To: <to>\nFrom: <from>\nBlockType:
     * benchmark\nBlockName: <short>\nAttribute: children"): the spec's
     * worked values 8de14c71 (top -> benchmark.child) and 7ff87a8b
     * (top -> control.c1); 92d86a9b (child -> control.c1) by python's
     * hashlib on that string.  Paths: top has no parent -> [[mod.t, top]];
     * child -> [[mod.t, top, child]].  Items sorted: child < top. */
    const char *text =
        "benchmark \"top\" {\n"             /* 1 */
        "  title = \"Top\"\n"                /* 2 */
        "  # a comment\n"                    /* 3 */
        "  children = [\n"                   /* 4 */
        "    benchmark.child, # first\n"     /* 5 */
        "    // second\n"                    /* 6 */
        "    control.c1\n"                   /* 7 */
        "  ]\n"                              /* 8 */
        "}\n"                                /* 9 */
        "benchmark \"child\" {\n"            /* 10 */
        "  children = [control.c1] # why\n"  /* 11 */
        "}\n"                                /* 12 */
        "control \"c1\" {\n"                 /* 13 */
        "  sql = \"select 1\"\n"             /* 14 */
        "}\n";                               /* 15 */
    open_ws(text, 0);
    char file[1024];
    snprintf(file, sizeof file, "%s/a.pp", dir);
    const char *topsrc = "  children = [\\n    benchmark.child, # first\\n    // second\\n    "
                         "control.c1\\n  ]";
    char want[8192];
#define REF(from_short, to, rn, l0, l1, src)                                                            \
    "{\"auto_generated\":false,\"end_line_number\":" l1 ",\"file_name\":\"%s\","                          \
    "\"from_attribute\":\"children\","                                                                  \
    "\"from_block_name\":\"" from_short "\",\"from_block_type\":\"benchmark\",\"is_anonymous\":false,"      \
    "\"mod_name\":\"t\",\"reference_from\":\"benchmark." from_short "\",\"reference_to\":\"" to "\","      \
    "\"resource_name\":\"" rn "\",\"source_definition\":\"" src "\",\"start_line_number\":" l0 "}"
    snprintf(want, sizeof want,
             "[{\"auto_generated\":false,\"children\":[\"t.control.c1\"],\"end_line_number\":12,"
             "\"file_name\":\"%s\",\"is_anonymous\":false,\"mod_name\":\"t\","
             "\"path\":[[\"mod.t\",\"t.benchmark.top\",\"t.benchmark.child\"]],\"qualified_name\":"
             "\"t.benchmark.child\","
             "\"references"
             "\":[" REF("child", "control.c1", "92d86a9b", "11", "11", "  children = [control.c1]") "],"
             "\"resource_name\":\"child\","
             "\"source_definition\":\"benchmark \\\"child\\\" {\\n  children = [control.c1] # why\\n}\","
             "\"start_line_number\":10},"
             "{\"auto_generated\":false,\"children\":[\"t.benchmark.child\",\"t.control.c1\"],"
             "\"end_line_number\":9,"
             "\"file_name\":\"%s\",\"is_anonymous\":false,\"mod_name\":\"t\","
             "\"path\":[[\"mod.t\",\"t.benchmark.top\"]],\"qualified_name\":\"t.benchmark.top\","
             "\"references\":[" REF("top", "benchmark.child", "8de14c71", "4", "8", "%s") ","
             REF("top", "control.c1", "7ff87a8b", "4", "8", "%s") "],"
             "\"resource_name\":\"top\","
             "\"source_definition\":\"benchmark \\\"top\\\" {\\n  title = \\\"Top\\\"\\n  # a "
             "comment\\n%s\\n}\","
             "\"start_line_number\":1,\"title\":\"Top\"}]",
             file, file, file, file, topsrc, file, topsrc, topsrc);
#undef REF
    lp_buf b = { 0 };
    cr_assert_eq(lp_list_json(ws, LP_KIND_BENCHMARK, &b), LP_OK);
    char *got = strdup(b.data ? b.data : "");
    lp_buf_free(&b);
    cr_assert_str_eq(got, want);
    free(got);
}

Test(pbytes, snapshots_sorted_by_name)
{
    /* eager: "snapshot.<base minus last extension>" -> path, map keys in
     * byte order: "snapshot.A" (0x41) < "snapshot.a.b" ('.' 0x2E) <
     * "snapshot.a_b" ('_' 0x5F) < "snapshot.zz". */
    dir = wf_mod_dir("mod \"t\" {\n}\n");
    const char *files[] = { "zz.pps", "a.b.pps", "a_b.sps", "A.pps" };
    for (int i = 0; i < 4; i++) wf_write(dir, files[i], "{}");
    ws = wf_open(dir, 1);
    char want[4096];
    snprintf(want, sizeof want,
             "{\"action\":\"available_dashboards\",\"dashboards\":{},\"benchmarks\":{},"
             "\"detection_benchmarks\":null,\"snapshots\":{\"snapshot.A\":\"%s/A.pps\","
             "\"snapshot.a.b\":\"%s/a.b.pps\",\"snapshot.a_b\":\"%s/a_b.sps\",\"snapshot.zz\":"
             "\"%s/zz.pps\"}}",
             dir, dir, dir, dir);
    char *got = payload();
    cr_assert_str_eq(got, want);
    free(got);
}

Test(pbytes, file_title_separators)
{
    /* A title read by file() after resolution: é raw, U+2028 as \u2028,
     * '<' as \u003c, the trailing newline as \n.  (file() refuses invalid
     * UTF-8 as Terraform does, so no invalid byte reaches a title this
     * way.)  The tag key "\u2029" escapes the same way and sorts after
     * "mod" (lead byte 0xE2 > 'm'). */
    dir = wf_mod_dir("mod \"t\" {\n}\n");
    wf_write(dir, "t.txt", "x\xc3\xa9(\xe2\x80\xa8<\n");
    wf_write(dir, "a.pp", "dashboard \"d\" {\n  title = file(\"t.txt\")\n  tags = { \"\\u2029\" = "
        "\"p\" }\n}\n");
    lp_workspace_opts o = { .workers = 1 };
    lp_error err;
    cr_assert_eq(lp_open(dir, &o, &ws, &err), LP_OK, "lp_open: %s", err.message);
    cr_assert_eq(lp_wait_resolved(ws, 10000), LP_OK);
    expect_payload(DASH("d", "\"title\":\"x\xc3\xa9(\\u2028\\u003c\\n"
        "\",", "{\"mod\":\"mod.t\",\"\\u2029\":\"p\"}"), "");
}

Test(pbytes, invalid_utf8_file_name)
{
    /* Invalid UTF-8 does reach JSON through file names: a snapshot named
     * "\xff.pps" gives key "snapshot.\xff" and that path, each 0xFF byte
     * written by Go as \ufffd. */
    dir = wf_mod_dir("mod \"t\" {\n}\n");
    wf_write(dir, "\xff.pps", "{}");
    ws = wf_open(dir, 1);
    char want[4096];
    snprintf(want, sizeof want,
             "{\"action\":\"available_dashboards\",\"dashboards\":{},\"benchmarks\":{},"
             "\"detection_benchmarks\":null,\"snapshots\":{\"snapshot.\\ufffd\":\"%s/\\ufffd.pps\"}}", dir);
    char *got = payload();
    cr_assert_str_eq(got, want);
    free(got);
}
