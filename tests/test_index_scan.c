/* test_index_scan.c — what the syntax-only scan puts in an index entry.
 *
 * Ports of the scanner scenarios of POWERPIPE_BEHAVIOR §10.2 (scanner_test,
 * scanner_hcl_test, scanner_edge_test) with the §13 decisions: numbers print
 * as HCL prints them, `type = "detection"` is a detection benchmark, nested
 * dashboard blocks get eager Powerpipe's names, a one-line block's range ends
 * after its '}'.  Expected values are worked out by hand from each input.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lazypipe.h"
#include "support/wsfix.h"

static lp_workspace *ws;
static char *dir;

static void open_text(const char *text) { ws = wf_open_text(text, &dir); }

static void done(void) { wf_done(&ws, &dir); }

static const char *tag(const lp_entry_info *e, const char *k)
{
    return lp_tags_get(&e->tags, k);
}

TestSuite(scan, .fini = done);

Test(scan, simple_file_names_and_literal_fields)
{
    open_text("dashboard \"x\" {\n  title = \"X\"\n  description = \"About X\"\n}\n"
              "query \"q\" {\n  sql = \"select 1\"\n}\n");
    cr_assert_eq(lp_entry_count(ws), 2);
    lp_entry_info d = wf_get(ws, "t.dashboard.x");
    cr_assert_eq(d.kind, LP_KIND_DASHBOARD);
    cr_assert_str_eq(d.short_name, "x");
    cr_assert_str_eq(d.title, "X");
    cr_assert_str_eq(d.description, "About X");
    cr_assert_str_eq(d.mod_name, "t");
    cr_assert_str_eq(d.mod_full_name, "mod.t");
    cr_assert_eq(d.has_sql, 0);
    cr_assert_eq(d.unresolved, 0);
    lp_entry_info q = wf_get(ws, "t.query.q");
    cr_assert_eq(q.has_sql, 1);
    cr_assert_str_eq(q.sql, "select 1");
    cr_assert_str_eq(q.title, "");
}

Test(scan, comments_strings_and_heredocs_never_make_entries)
{
    open_text("# dashboard \"c1\" {}\n"
              "// benchmark \"c2\" {}\n"
              "/* control \"c3\" {\n} */\n"
              "query \"real\" {\n"
              "  sql = <<-EOQ\n    dashboard \"fake\" {\n    }\n  EOQ\n"
              "  description = \"control \\\"x\\\" { } /* not a comment */ // nor this\"\n"
              "}\n");
    cr_assert_eq(lp_entry_count(ws), 1);
    lp_entry_info q = wf_get(ws, "t.query.real");
    cr_assert_str_eq(q.sql, "dashboard \"fake\" {\n}\n");
    cr_assert_str_eq(q.description, "control \"x\" { } /* not a comment */ // nor this");
}

Test(scan, all_indexed_block_types)
{
    static const char *types[] = { "dashboard", "benchmark", "detection_benchmark", "control", "query",
                                   "detection", "card", "chart", "container", "flow", "graph",
                                   "hierarchy", "image", "input", "table", "text", "node", "edge",
                                   "category", "with", "variable" };
    char text[4096] = "";
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        strcat(text, types[i]);
        strcat(text, " \"r\" {\n}\n");
    }
    strcat(text, "locals {\n  a = 1\n}\n");
    open_text(text);
    cr_assert_eq(lp_entry_count(ws), 21);
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        char name[128];
        /* eager Powerpipe names variables mod.var.x */
        snprintf(name, sizeof name, "t.%s.r", strcmp(types[i], "variable") ? types[i] : "var");
        lp_entry_info e = wf_get(ws, name);
        cr_assert_str_eq(lp_kind_name(e.kind), types[i]);
        cr_assert_eq(lp_kind_from_name(types[i]), (int)e.kind);
    }
    cr_assert_eq(lp_diag_count(ws), 0);
}

Test(scan, unknown_types_and_missing_labels_are_diagnostics)
{
    open_text("custom_resource \"x\" {\n}\ndashbord \"typo\" {\n}\nquery {\n}\ncontrol \"ok\" {\n}\n");
    cr_assert_eq(lp_entry_count(ws), 1);
    wf_get(ws, "t.control.ok");
    cr_assert_eq(wf_count_diags(ws, "Unsupported block type", "\"custom_resource\""), 1);
    cr_assert_eq(wf_count_diags(ws, "Unsupported block type", "\"dashbord\""), 1);
    cr_assert_eq(wf_count_diags(ws, "Missing name", NULL), 1);
    const lp_diag *d = lp_diag_at(ws, 0);
    cr_assert_eq(d->line, 1);
    cr_assert_eq(d->col, 1);
    cr_assert(strstr(d->file, "/a.pp"));
}

Test(scan, benchmark_types_read_type_attribute)
{
    open_text("benchmark \"c\" {\n}\n"
              "benchmark \"d\" {\n  type = \"detection\"\n}\n"
              "detection_benchmark \"db\" {\n}\n"
              "benchmark \"v\" {\n  type = var.kind\n}\n");
    cr_assert_str_eq(wf_get(ws, "t.benchmark.c").benchmark_type, "control");
    cr_assert_str_eq(wf_get(ws, "t.benchmark.d").benchmark_type, "detection");
    cr_assert_str_eq(wf_get(ws, "t.detection_benchmark.db").benchmark_type, "detection");
    lp_entry_info v = wf_get(ws, "t.benchmark.v");
    cr_assert(v.unresolved & LP_UNRES_TYPE);
}

Test(scan, literal_tags_with_numbers_and_bools_as_hcl_prints_them)
{
    open_text("dashboard \"x\" {\n"
              "  tags = {\n    service = \"AWS/S3\"\n    \"quoted key\" = \"v\"\n    ten = 10\n    zero = 0\n"
              "    frac = 1.50\n    exp = 1e3\n    lead = 007\n    small = 2.5e-3\n    yes = true\n  }\n}\n");
    lp_entry_info e = wf_get(ws, "t.dashboard.x");
    cr_assert_eq(e.unresolved, 0);
    cr_assert_eq(e.has_tags, 1);
    cr_assert_eq(e.tags.n, 9);
    cr_assert_str_eq(tag(&e, "service"), "AWS/S3");
    cr_assert_str_eq(tag(&e, "quoted key"), "v");
    cr_assert_str_eq(tag(&e, "ten"), "10");      /* lazy Go said "1" (§12.5): eager says "10" */
    cr_assert_str_eq(tag(&e, "zero"), "0");
    cr_assert_str_eq(tag(&e, "frac"), "1.5");
    cr_assert_str_eq(tag(&e, "exp"), "1000");
    cr_assert_str_eq(tag(&e, "lead"), "7");
    cr_assert_str_eq(tag(&e, "small"), "0.0025");
    cr_assert_str_eq(tag(&e, "yes"), "true");
    /* sorted by key, byte order */
    const char *prev = "";
    for (uint32_t i = 0; i < e.tags.n; i++) {
        const char *k, *v;
        lp_tags_at(&e.tags, i, &k, &v);
        cr_assert_gt(strcmp(k, prev), 0, "%s after %s", k, prev);
        prev = k;
    }
}

Test(scan, tags_that_need_evaluation)
{
    open_text("control \"var\" {\n  tags = local.common_tags\n}\n"
              "control \"merge\" {\n  tags = merge(local.common_tags, {\n    type = \"Benchmark\"\n  }, { "
              "type = \"Later\", n = 2 })\n}\n"
              "control \"mixed\" {\n  tags = {\n    a = \"x\"\n    b = var.y\n  }\n}\n"
              "control \"empty\" {\n  tags = {}\n}\n"
              "control \"none\" {\n}\n"
              "control \"block\" {\n  tags {\n    k = \"v\"\n  }\n}\n");
    lp_entry_info v = wf_get(ws, "t.control.var");
    cr_assert(v.unresolved & LP_UNRES_TAGS);
    cr_assert_eq(v.tags.n, 0);
    lp_entry_info m = wf_get(ws, "t.control.merge");
    cr_assert(m.unresolved & LP_UNRES_TAGS);
    cr_assert_eq(m.tags.n, 2);
    cr_assert_str_eq(tag(&m, "type"), "Later");    /* later arguments override */
    cr_assert_str_eq(tag(&m, "n"), "2");
    lp_entry_info x = wf_get(ws, "t.control.mixed");
    cr_assert(x.unresolved & LP_UNRES_TAGS);
    cr_assert_str_eq(tag(&x, "a"), "x");
    cr_assert_str_eq(tag(&x, "b"), "");
    lp_entry_info e = wf_get(ws, "t.control.empty");
    cr_assert_eq(e.unresolved, 0);
    cr_assert_eq(e.has_tags, 1);
    cr_assert_eq(e.tags.n, 0);
    lp_entry_info n = wf_get(ws, "t.control.none");
    cr_assert_eq(n.unresolved, 0);
    cr_assert_eq(n.has_tags, 0);
    lp_entry_info b = wf_get(ws, "t.control.block");
    cr_assert_eq(b.unresolved, 0);
    cr_assert_str_eq(tag(&b, "k"), "v");
}

Test(scan, title_and_description_resolution)
{
    open_text("dashboard \"lit\" {\n  title = \"Literal\"\n}\n"
              "dashboard \"var\" {\n  title = var.t\n  description = local.d\n}\n"
              "dashboard \"interp\" {\n  title = \"Dashboard for ${var.env}\"\n}\n"
              "dashboard \"wrap\" {\n  title = \"${var.env}\"\n}\n"
              "dashboard \"num\" {\n  title = 42\n  description = true\n}\n"
              "dashboard \"none\" {\n}\n"
              "dashboard \"nullt\" {\n  title = null\n}\n");
    lp_entry_info e = wf_get(ws, "t.dashboard.lit");
    cr_assert_str_eq(e.title, "Literal");
    cr_assert_eq(e.unresolved, 0);
    e = wf_get(ws, "t.dashboard.var");
    cr_assert_str_eq(e.title, "");
    cr_assert_eq(e.unresolved & (LP_UNRES_TITLE | LP_UNRES_DESCRIPTION),
                 LP_UNRES_TITLE | LP_UNRES_DESCRIPTION);
    e = wf_get(ws, "t.dashboard.interp");
    cr_assert_str_eq(e.title, "Dashboard for ");   /* the literal parts until resolved */
    cr_assert(e.unresolved & LP_UNRES_TITLE);
    e = wf_get(ws, "t.dashboard.wrap");
    cr_assert_str_eq(e.title, "");
    cr_assert(e.unresolved & LP_UNRES_TITLE);
    e = wf_get(ws, "t.dashboard.num");
    cr_assert_str_eq(e.title, "42");               /* eager converts a number to its string */
    cr_assert_str_eq(e.description, "true");
    cr_assert_eq(e.unresolved, 0);
    e = wf_get(ws, "t.dashboard.none");
    cr_assert_str_eq(e.title, "");
    cr_assert_eq(e.unresolved, 0);
    e = wf_get(ws, "t.dashboard.nullt");
    cr_assert_str_eq(e.title, "");
    cr_assert_eq(e.unresolved, 0);
}

Test(scan, escapes_unicode_and_line_endings)
{
    open_text(
        "dashboard \"u\" {\r\n  title = \"Caf\\u00e9 \\\"quoted\\\" \\t tab \xf0\x9f\x9a\x80\"\r\n}\r\n"
        "dashboard \"\xe4\xb8\xad\xe6\x96\x87\" {\n  title = \"\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a\"\n}\n");
    lp_entry_info e = wf_get(ws, "t.dashboard.u");
    cr_assert_str_eq(e.title, "Caf\xc3\xa9 \"quoted\" \t tab \xf0\x9f\x9a\x80");
    cr_assert_eq(e.start_line, 1);
    cr_assert_eq(e.end_line, 3);
    lp_entry_info c = wf_get(ws, "t.dashboard.\xe4\xb8\xad\xe6\x96\x87");
    cr_assert_str_eq(c.short_name, "\xe4\xb8\xad\xe6\x96\x87");
    cr_assert_str_eq(c.title, "\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a");
}

Test(scan, metadata_fields)
{
    open_text("card \"c\" {\n  category = \"info\"\n  documentation = \"# Doc\"\n  width = 4\n  display = "
              "\"none\"\n}\n"
              "card \"w\" {\n  width = \"6\"\n  documentation = file(\"./docs/x.md\")\n}\n"
              "card \"f\" {\n  width = 4.5\n}\n");
    lp_entry_info c = wf_get(ws, "t.card.c");
    cr_assert_str_eq(c.category, "info");
    cr_assert_str_eq(c.documentation, "# Doc");
    cr_assert_str_eq(c.display, "none");
    cr_assert_eq(c.has_width, 1);
    cr_assert_eq(c.width, 4);
    lp_entry_info w = wf_get(ws, "t.card.w");
    cr_assert_eq(w.has_width, 1);                   /* a numeric string converts, as eager decodes it */
    cr_assert_eq(w.width, 6);
    cr_assert(w.unresolved & LP_UNRES_DOCUMENTATION);
    lp_entry_info f = wf_get(ws, "t.card.f");
    cr_assert_eq(f.has_width, 0);                   /* not a whole number: the evaluator reports it */
    cr_assert(f.unresolved & LP_UNRES_WIDTH);
}

Test(scan, query_references)
{
    open_text("control \"a\" {\n  query = query.shared\n}\n"
              "control \"b\" {\n  query = dep.query.other\n}\n"
              "control \"c\" {\n  sql = query.shared.sql\n}\n"
              "control \"d\" {\n  sql = dep.query.q.sql\n}\n"
              "control \"e\" {\n  sql = \"select 1\"\n}\n"
              "control \"f\" {\n  sql = \"select ${local.cols}\"\n}\n");
    cr_assert_str_eq(wf_get(ws, "t.control.a").query_ref, "t.query.shared");
    cr_assert_str_eq(wf_get(ws, "t.control.b").query_ref, "dep.query.other");   /* §13.6: kept as written */
    lp_entry_info c = wf_get(ws, "t.control.c");
    cr_assert_str_eq(c.query_ref, "t.query.shared");
    cr_assert_eq(c.has_sql, 1);
    cr_assert_str_eq(wf_get(ws, "t.control.d").query_ref, "dep.query.q");
    lp_entry_info e = wf_get(ws, "t.control.e");
    cr_assert_str_eq(e.query_ref, "");
    cr_assert_str_eq(e.sql, "select 1");
    lp_entry_info f = wf_get(ws, "t.control.f");
    cr_assert_str_eq(f.sql, "");
    cr_assert(f.unresolved & LP_UNRES_SQL);
}

/* §1.3 with §13.2: n counts every earlier sibling of the type; containers
 * are recursed and their children named after the container. */
Test(scan, nested_dashboard_blocks_get_eager_names)
{
    open_text("dashboard \"d\" {\n"
              "  container {\n"
              "    card {\n      sql = \"select 1\"\n    }\n"
              "    container \"inner\" {\n      chart {\n        sql = \"select 2\"\n      }\n    }\n"
              "  }\n"
              "  card \"named\" {\n    sql = \"select 2\"\n  }\n"
              "  card {\n    sql = \"select 3\"\n  }\n"
              "  input \"region\" {\n    sql = \"select 1\"\n  }\n"
              "  with \"w\" {\n    sql = \"select 1\"\n  }\n"
              "  table {\n    sql = \"select 4\"\n  }\n"
              "}\n");
    uint32_t d = lp_lookup(ws, "t.dashboard.d");
    const char *want[] = {
        "t.container.dashboard_d_anonymous_container_0",
        "t.card.named",
        "t.card.dashboard_d_anonymous_card_1",     /* not _0: the named card counts */
        "t.input.region",
        "t.table.dashboard_d_anonymous_table_0",
    };
    cr_assert_eq(lp_entry_child_name_count(ws, d), 5);
    for (uint32_t i = 0; i < 5; i++) cr_assert_str_eq(lp_entry_child_name(ws, d, i), want[i]);
    cr_assert_eq(lp_entry_child_count(ws, d), 5);
    uint32_t c = lp_lookup(ws, "t.container.dashboard_d_anonymous_container_0");
    cr_assert_eq(lp_entry_child_name_count(ws, c), 2);
    cr_assert_str_eq(lp_entry_child_name(ws, c, 0),
                     "t.card.container_dashboard_d_anonymous_container_0_anonymous_card_0");
    cr_assert_str_eq(lp_entry_child_name(ws, c, 1), "t.container.inner");
    lp_entry_info chart = wf_get(ws, "t.chart.container_inner_anonymous_chart_0");
    cr_assert_eq(chart.is_nested, 1);
    cr_assert_eq(chart.is_anonymous, 1);
    cr_assert_eq(chart.parent, lp_lookup(ws, "t.container.inner"));
    lp_entry_info named = wf_get(ws, "t.card.named");
    cr_assert_eq(named.is_anonymous, 0);
    cr_assert_eq(named.parent, d);
    cr_assert_eq(named.is_top_level, 0);
    /* a dashboard's input belongs to it: not a workspace-wide name */
    cr_assert_eq(lp_lookup(ws, "t.input.region"), LP_NO_ENTRY);
    uint32_t in = lp_entry_child(ws, d, 3);
    lp_entry_info ie;
    lp_entry_get(ws, in, &ie);
    cr_assert_str_eq(ie.name, "t.input.region");
    cr_assert_eq(ie.parent, d);
    cr_assert_eq(wf_get(ws, "t.dashboard.d").is_top_level, 1);
    cr_assert_eq(lp_diag_count(ws), 0);
}

Test(scan, line_numbers_and_byte_ranges_cover_whole_blocks)
{
    const char *text = "query \"one\" {\n  sql = \"select 1\"\n}\n\n"
                       "query \"two\" { title = \"T\" }\n"
                       "  control \"three\" {\n    sql = \"x\"\n  }";
    open_text(text);
    lp_entry_info a = wf_get(ws, "t.query.one");
    cr_assert_eq(a.start_line, 1);
    cr_assert_eq(a.end_line, 3);
    cr_assert_eq(a.byte_offset, 0);
    cr_assert_eq(a.byte_length, strlen("query \"one\" {\n  sql = \"select 1\"\n}"));
    lp_entry_info b = wf_get(ws, "t.query.two");
    cr_assert_eq(b.start_line, 5);
    cr_assert_eq(b.end_line, 5);
    cr_assert_str_eq(b.title, "T");
    /* §13.7: a one-line block's range includes its closing brace */
    cr_assert_eq(strncmp(text + b.byte_offset, "query \"two\" { title = \"T\" }", b.byte_length), 0);
    cr_assert_eq(b.byte_length, strlen("query \"two\" { title = \"T\" }"));
    lp_entry_info c = wf_get(ws, "t.control.three");
    cr_assert_eq(c.start_line, 6);
    cr_assert_eq(c.end_line, 8);
    cr_assert_eq(strncmp(text + c.byte_offset, "control", 7), 0);
    cr_assert_eq(text[c.byte_offset + c.byte_length - 1], '}');
    cr_assert_eq(c.byte_offset + c.byte_length, strlen(text));
}

Test(scan, byte_offsets_count_bytes_not_characters)
{
    const char *text = "# \xc3\xa9\xc3\xa9\xc3\xa9 \xf0\x9f\x9a\x80\nquery \"q\" {\n}\n";
    open_text(text);
    lp_entry_info q = wf_get(ws, "t.query.q");
    cr_assert_eq(q.byte_offset, strlen("# \xc3\xa9\xc3\xa9\xc3\xa9 \xf0\x9f\x9a\x80\n"));
    cr_assert_eq(q.start_line, 2);
}

Test(scan, children_lists)
{
    open_text("benchmark \"b\" {\n  children = [\n    control.a, # comment\n    benchmark.c,\n"
              "    other.control.x,\n  ]\n}\n"
              "benchmark \"c\" {\n  children = []\n}\n"
              "benchmark \"e\" {\n  children = concat([control.a], local.more)\n}\n"
              "control \"a\" {\n}\n");
    uint32_t b = lp_lookup(ws, "t.benchmark.b");
    cr_assert_eq(lp_entry_child_name_count(ws, b), 3);
    cr_assert_str_eq(lp_entry_child_name(ws, b, 0), "t.control.a");
    cr_assert_str_eq(lp_entry_child_name(ws, b, 1), "t.benchmark.c");
    cr_assert_str_eq(lp_entry_child_name(ws, b, 2), "other.control.x");   /* qualified: as written */
    cr_assert_eq(lp_entry_child_count(ws, b), 2);                          /* other.control.x is missing */
    cr_assert_eq(wf_count_diags(ws, "Missing child", "other.control.x"), 1);
    cr_assert_eq(lp_entry_child_name_count(ws, lp_lookup(ws, "t.benchmark.c")), 0);
    lp_entry_info e = wf_get(ws, "t.benchmark.e");
    cr_assert(e.unresolved & LP_UNRES_CHILDREN);
    cr_assert_eq(lp_entry_child_name_count(ws, lp_lookup(ws, "t.benchmark.e")), 0);
}

Test(scan, empty_and_comment_only_files)
{
    open_text("");
    cr_assert_eq(lp_entry_count(ws), 0);
    cr_assert_eq(lp_diag_count(ws), 0);
    done();
    open_text("# only\n/* comments */\n");
    cr_assert_eq(lp_entry_count(ws), 0);
}

Test(scan, big_heredoc_sql)
{
    static char text[200000];
    strcpy(text, "query \"big\" {\n  sql = <<-EOQ\n");
    for (int i = 0; i < 3000; i++) strcat(text, "    select 1 as col, 'abcdefghijklmnopqrstuvwxyz'\n");
    strcat(text, "  EOQ\n}\n");
    open_text(text);
    lp_entry_info q = wf_get(ws, "t.query.big");
    cr_assert_eq(strlen(q.sql), 3000 * strlen("select 1 as col, 'abcdefghijklmnopqrstuvwxyz'\n"));
    cr_assert_eq(strncmp(q.sql, "select 1 as col", 15), 0);
}

/* Files bigger than what a result slot keeps its source buffer for
 * (workspace.c: SRC_KEEP_MAX, 1 MiB) between small ones: the scan leaves the
 * strings that are slices of the source where they are until the merge, so
 * every title must survive the buffer being dropped and grown again. */
static char *big_file(const char *prefix, int n)
{
    size_t cap = (size_t)n * 160 + 1;
    char *t = malloc(cap), *p = t;
    cr_assert_not_null(t);
    for (int i = 0; i < n; i++)
        p += sprintf(p, "control \"%s%d\" {\n  title = \"Title %s %d\"\n  description = \"%064d\"\n}\n\n",
                     prefix, i, prefix, i, i);
    return t;
}

Test(scan, files_bigger_than_a_kept_buffer)
{
    dir = wf_mod_dir("mod \"t\" {}\n");
    char *b = big_file("b", 12000), *d = big_file("d", 9000);
    cr_assert_gt(strlen(b), 1u << 20);
    wf_write(dir, "a.pp", "control \"a\" {\n  title = \"Small a\"\n}\n");
    wf_write(dir, "b.pp", b);
    wf_write(dir, "c.pp", "control \"c\" {\n  title = \"Small c\"\n}\n");
    wf_write(dir, "d.pp", d);
    wf_write(dir, "e.pp",
             "benchmark \"e\" {\n  title = \"Small e\"\n  children = [control.b0, control.d8999]\n}\n");
    free(b);
    free(d);
    for (unsigned workers = 1; workers <= 2; workers++) {
        ws = wf_open(dir, workers);
        cr_assert_eq(lp_entry_count(ws), 3 + 12000 + 9000 + 0u, "workers %u", workers);
        cr_assert_str_eq(wf_get(ws, "t.control.a").title, "Small a");
        cr_assert_str_eq(wf_get(ws, "t.control.b0").title, "Title b 0");
        cr_assert_str_eq(wf_get(ws, "t.control.b11999").title, "Title b 11999");
        cr_assert_str_eq(wf_get(ws, "t.control.c").title, "Small c");
        cr_assert_str_eq(wf_get(ws, "t.control.d0").title, "Title d 0");
        cr_assert_str_eq(wf_get(ws, "t.control.d8999").title, "Title d 8999");
        cr_assert_str_eq(wf_get(ws, "t.benchmark.e").title, "Small e");
        lp_entry_info d8 = wf_get(ws, "t.control.d8");
        cr_assert_str_eq(d8.description, "0000000000000000000000000000000000000000000000000000000000000008");
        cr_assert_eq(lp_entry_child_count(ws, lp_lookup(ws, "t.benchmark.e")), 2);
        lp_close(ws);
        ws = NULL;
    }
}
