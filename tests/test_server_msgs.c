/* test_server_msgs.c — the server's own code without a server: the
 * messages it builds (src/server/msgs.c) byte for byte in the shape of
 * Powerpipe's Go structs (field order, omitempty, sorted map keys, Go's
 * escaping), and its client-request parser (src/server/request.c) against
 * what Go's json.Unmarshal into ClientRequest accepts.  Both files are CLI
 * code, not in the library, so they are compiled in here. */
#include <criterion/criterion.h>
#include <string.h>

#include "support/wsfix.h"
#include "../src/server/msgs.c"
#include "../src/server/request.c"

static const char DASH[] =
    "dashboard \"d\" {\n  title = \"D <1>\"\n  tags = { b = \"2\", a = \"1\" }\n  container {\n"
    "    width = 6\n"
    "    card {\n      sql = \"select 1\"\n    }\n    with \"w\" {\n      sql = \"select 2\"\n    }\n  }\n"
    "  text \"t\" {\n    value = \"hi\"\n    display = \"none\"\n  }\n}\n";

/* what Powerpipe's ExecutionStartedPayload would carry for DASH: the layout of
 * its run tree (`with` left out, leaves without children) and one panel per run */
static const char STARTED[] =
    "{\"schema_version\":\"20240607\",\"action\":\"execution_started\",\"execution_id\":\"0xc1\",\"pa"
    "nels\":{\"t.card.container_dashboard_d_anonymous_container_0_anonymous_card_0\":{\"dashboard\":"
    "\"t.dashboard.d\",\"name\":\"t.card.container_dashboard_d_anonymous_container_0_anonymous_card_0"
    "\",\"panel_type\":\"card\",\"source_definition\":\"card {\\n      sql = \\\"select 1\\\"\\n    }"
    "\",\"status\":\"initialized\",\"sql\":\"select 1\"},\"t.container.dashboard_d_anonymous_containe"
    "r_0\":{\"dashboard\":\"t.dashboard.d\",\"name\":\"t.container.dashboard_d_anonymous_container_0"
    "\",\"panel_type\":\"container\",\"source_definition\":\"container {\\n    width = 6\\n    card {"
    "\\n      sql = \\\"select 1\\\"\\n    }\\n    with \\\"w\\\" {\\n      sql = \\\"select 2\\\"\\n"
    "    }\\n  }\",\"status\":\"initialized\",\"width\":6},\"t.dashboard.d\":{\"dashboard\":\"t.dashb"
    "oard.d\",\"name\":\"t.dashboard.d\",\"panel_type\":\"dashboard\",\"source_definition\":\"dashboa"
    "rd \\\"d\\\" {\\n  title = \\\"D \\u003c1\\u003e\\\"\\n  tags = { b = \\\"2\\\", a = \\\"1\\\" }"
    "\\n  container {\\n    width = 6\\n    card {\\n      sql = \\\"select 1\\\"\\n    }\\n    with "
    "\\\"w\\\" {\\n      sql = \\\"select 2\\\"\\n    }\\n  }\\n  text \\\"t\\\" {\\n    value = \\\""
    "hi\\\"\\n    display = \\\"none\\\"\\n  }\\n}\",\"status\":\"initialized\",\"tags\":{\"a\":\"1\""
    ",\"b\":\"2\"},\"title\":\"D \\u003c1\\u003e\"},\"t.text.t\":{\"dashboard\":\"t.dashboard.d\",\"d"
    "isplay\":\"none\",\"name\":\"t.text.t\",\"panel_type\":\"text\",\"source_definition\":\"text \\"
    "\"t\\\" {\\n    value = \\\"hi\\\"\\n    display = \\\"none\\\"\\n  }\",\"status\":\"complete\"}"
    "},\"layout\":{\"name\":\"t.dashboard.d\",\"children\":[{\"name\":\"t.container.dashboard_d_anony"
    "mous_container_0\",\"children\":[{\"name\":\"t.card.container_dashboard_d_anonymous_container_0_"
    "anonymous_card_0\",\"panel_type\":\"card\"}],\"panel_type\":\"container\"},{\"name\":\"t.text.t"
    "\",\"panel_type\":\"text\"}],\"panel_type\":\"dashboard\"},\"start_time\":\"2026-01-01T00:00:00Z"
    "\"}";

Test(server_msgs, execution_started_layout_and_panels)
{
    char *dir;
    lp_workspace *ws = wf_open_text(DASH, &dir);
    lp_buf b = { 0 };
    srv_execution_started(ws, lp_lookup(ws, "t.dashboard.d"), "0xc1", "2026-01-01T00:00:00Z", &b);
    cr_assert(!b.oom);
    cr_assert_str_eq(b.data, STARTED);
    lp_buf_free(&b);
    lp_close(ws);
    wf_remove(dir);
}

Test(server_msgs, server_metadata_and_errors)
{
    char *dir;
    lp_workspace *ws = wf_open_text(DASH, &dir);
    lp_buf b = { 0 };
    srv_server_metadata(ws, &b);
    cr_assert_str_eq(b.data, "{\"action\":\"server_metadata\",\"metadata\":{\"mod\":{\"title\":\"t\","
                             "\"full_name\":\"mod.t\",\"short_name\":\"t\"},"
                             "\"cli\":{\"version\":\"" LP_VERSION "\"},"
                             "\"telemetry\":\"none\",\"search_path\":null,\"supports_search_path\":false,"
                             "\"supports_time_range\":false}}");
    b.len = 0;
    srv_execution_error("a <b> & \"c\"", "2026-01-01T00:00:00.5Z", &b);
    cr_assert_str_eq(b.data, "{\"action\":\"execution_error\","
                             "\"error\":\"a \\u003cb\\u003e \\u0026 \\\"c\\\"\","
                             "\"timestamp\":\"2026-01-01T00:00:00.5Z\"}");
    b.len = 0;
    srv_workspace_error("x", &b);
    cr_assert_str_eq(b.data, "{\"action\":\"workspace_error\",\"error\":\"x\"}");
    char errs[256];
    srv_workspace_errors(ws, errs, sizeof errs);
    cr_assert_str_eq(errs, "");
    lp_buf_free(&b);
    lp_close(ws);
    wf_remove(dir);
    dir = wf_tmpdir();
    wf_write(dir, "mod.pp", "mod \"t\" {}\n");
    wf_write(dir, "a.pp", "dashboard \"x\" {\n  title = \n}\n");
    wf_write(dir, "b.pp", "card \"y\" {\n  width = \n}\n");
    ws = wf_open(dir, 1);
    srv_workspace_errors(ws, errs, sizeof errs);
    cr_assert(strstr(errs, "a.pp:2:") && strstr(errs, "(and 1 more errors)"), "%s", errs);
    lp_close(ws);
    wf_remove(dir);
}

Test(server_msgs, timestamp_as_go_marshals_time)
{
    char t[64];
    srv_timestamp(t, sizeof t);
    size_t n = strlen(t);
    cr_assert(n >= 20 && t[4] == '-' && t[10] == 'T' && t[n - 1] == 'Z', "%s", t);
    /* RFC 3339 with nanoseconds: trailing zeros of the fraction dropped */
    char *dot = strchr(t, '.');
    if (dot) cr_assert(t[n - 2] != '0' && n - 2 - (size_t)(dot - t) <= 9, "%s", t);
}

typedef struct req_case {
    const char *json;
    int rc;
    const char *action, *full_name;
} req_case;

Test(server_msgs, request_parser)
{
    static const req_case cases[] = {
        { "{\"action\":\"get_available_dashboards\"}", 0, "get_available_dashboards", "" },
        { " {\"action\" : \"keep_alive\" , \"payload\" : {}}\n", 0, "keep_alive", "" },
        { "{\"action\":\"select_dashboard\",\"payload\":{\"dashboard\":{\"full_name\":\"m.dashboard.d\"},"
          "\"inputs\":{\"input.x\":[1,2.5e3,-0,true,false,null,{\"a\":\"\\u00e9\"}]}}}",
          0, "select_dashboard", "m.dashboard.d" },
        /* Go matches keys case-insensitively; the last duplicate wins; null leaves a field alone */
        { "{\"ACTION\":\"a\",\"Action\":\"b\",\"payload\":null}", 0, "b", "" },
        { "{\"action\":null,\"payload\":{\"dashboard\":{\"full_name\":\"\\ud83d\\ude00\"}}}", 0, "",
          "\xf0\x9f\x98\x80" },
        { "{\"action\":\"a\\\"b\\\\c\\/d\\n\"}", 0, "a\"b\\c/d\n", "" },
        /* what json.Unmarshal refuses */
        { "", -1, "", "" },
        { "{", -1, "", "" },
        { "[1]", -1, "", "" },
        { "\"x\"", -1, "", "" },
        { "{\"action\":5}", -1, "", "" },
        { "{\"action\":\"a\"} x", -1, "", "" },
        { "{\"action\":\"a\",}", -1, "", "" },
        { "{\"payload\":[]}", -1, "", "" },
        { "{\"payload\":{\"dashboard\":7}}", -1, "", "" },
        { "{\"payload\":{\"dashboard\":{\"full_name\":1}}}", -1, "", "" },
        { "{\"a\":01}", -1, "", "" },
        { "{\"a\":1.}", -1, "", "" },
        { "{\"a\":tru}", -1, "", "" },
        { "{\"a\":\"\x01\"}", -1, "", "" },
        { "{\"a\":\"\\x\"}", -1, "", "" },
        { "{\"a\":\"\\u12\"}", -1, "", "" },
        { "{'a':1}", -1, "", "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char action[64] = "junk", name[64] = "junk";
        int rc = srv_parse_request(cases[i].json, strlen(cases[i].json), action, sizeof action, name,
                                   sizeof name);
        cr_expect_eq(rc, cases[i].rc, "case %zu (%s): rc %d", i, cases[i].json, rc);
        if (rc == 0) {
            cr_expect_str_eq(action, cases[i].action, "case %zu", i);
            cr_expect_str_eq(name, cases[i].full_name, "case %zu", i);
        }
    }
    /* nesting is bounded, not recursed without limit */
    char deep[4096];
    size_t n = 0;
    n += (size_t)snprintf(deep, sizeof deep, "{\"x\":");
    for (int i = 0; i < 1000; i++) deep[n++] = '[';
    char action[8], name[8];
    cr_expect_eq(srv_parse_request(deep, n, action, sizeof action, name, sizeof name), -1);
    /* fields are cut to their buffers, NUL-terminated */
    const char *longer = "{\"action\":\"get_available_dashboards\"}";
    cr_expect_eq(srv_parse_request(longer, strlen(longer), action, sizeof action, name, sizeof name), 0);
    cr_expect_str_eq(action, "get_ava");
}

/* A dashboard's own inputs run under its name (Powerpipe's DashboardRun), in
 * the layout and as the panels' keys and names; an input in a container keeps
 * its own. */
Test(server_msgs, dashboard_inputs_scoped)
{
    char *dir;
    lp_workspace *ws = wf_open_text("dashboard \"d\" {\n  input \"region\" {\n    sql = \"select 1\"\n  }\n"
                                    "  container {\n    input \"inner\" {\n      sql = \"select 2\"\n"
                                    "    }\n  }\n}\n",
                                    &dir);
    lp_buf b = { 0 };
    srv_execution_started(ws, lp_lookup(ws, "t.dashboard.d"), "0x1", "2026-01-01T00:00:00Z", &b);
    cr_assert(!b.oom);
    cr_assert(strstr(b.data, "\"t.dashboard.d.input.region\":{\"dashboard\":\"t.dashboard.d\","
                             "\"name\":\"t.dashboard.d.input.region\",\"panel_type\":\"input\""),
              "%s", b.data);
    cr_assert(strstr(b.data, "\"layout\":{\"name\":\"t.dashboard.d\",\"children\":[{\"name\":"
                             "\"t.dashboard.d.input.region\",\"panel_type\":\"input\"}"), "%s", b.data);
    cr_assert(strstr(b.data, "{\"name\":\"t.input.inner\",\"panel_type\":\"input\"}"), "%s", b.data);
    lp_buf_free(&b);
    lp_close(ws);
    wf_remove(dir);
}
