/* test_server_msgs.c — the server's own code without a server: the
 * messages it builds (src/server/msgs.c) byte for byte in the shape of
 * Powerpipe's Go structs (field order, omitempty, sorted map keys, Go's
 * escaping), and its client-request parser (src/server/request.c) against
 * what Go's json.Unmarshal into ClientRequest accepts.  Both files are CLI
 * code, not in the library, so they are compiled in here. */
#include <criterion/criterion.h>
#include <string.h>

#include "support/runfix.h"
#include "support/wsfix.h"
#include "../src/server/msgs.c"
#include "../src/server/request.c"

/* The execution_started the server sends for entry id (the library's lp_run_started_json of a run
 * started over an empty SQLite file, then cancelled): 0, or -1 with the start's or the
 * announcement's error in err. */
static int started_of(lp_workspace *ws, uint32_t id, const char *exec_id, const char *start_time, lp_buf *out,
                      char *err, size_t errsize)
{
    static char dbdir[] = "/tmp/lp_msgs_XXXXXX", url[64];
    if (!url[0]) {
        lp_driver_register(lp_driver_sqlite());
        cr_assert(mkdtemp(dbdir), "mkdtemp");
        snprintf(url, sizeof url, "sqlite://%s/empty.db", dbdir);
    }
    lp_entry_info e;
    cr_assert_eq(lp_entry_get(ws, id, &e), LP_OK);
    lp_kind kind = e.kind;
    if (kind == LP_KIND_BENCHMARK && e.benchmark_type && strcmp(e.benchmark_type, "detection") == 0)
        kind = LP_KIND_DETECTION_BENCHMARK;
    const char *name = e.name;
    lp_run_opts o = { .database = url, .max_parallel = 2 };
    lp_run *run = NULL;
    lp_error le = { 0 };
    int rc = lp_run_start(ws, kind, &name, 1, &o, &run, &le);
    if (rc == LP_OK) rc = lp_run_started_json(run, exec_id, start_time, out, &le);
    if (run) {
        lp_run_cancel(run);
        lp_run_wait(run, 60000);
        lp_run_free(run);
    }
    snprintf(err, errsize, "%s", le.message);
    return rc == LP_OK ? 0 : -1;
}

static const char DASH[] =
    "dashboard \"d\" {\n  title = \"D <1>\"\n  tags = { b = \"2\", a = \"1\" }\n  container {\n"
    "    width = 6\n"
    "    card {\n      sql = \"select 1\"\n    }\n    with \"w\" {\n      sql = \"select 2\"\n    }\n  }\n"
    "  text \"t\" {\n    value = \"hi\"\n    display = \"none\"\n  }\n}\n";

/* What Powerpipe's buildExecutionStartedPayload sends for DASH: ExecutionStartedPayload's
 * fields in order; layout = DashboardRun.AsTreeNode (SnapshotTreeNode {name, children
 * omitempty, panel_type}; `with` left out; leaves have none); panels = BuildSnapshotPanels
 * after utils.JsonCloneToMap, so each panel's keys are sorted: DashboardRun and
 * DashboardContainerRun are DashboardTreeRunImpl's fields (status "initialized" as a child
 * has a query: createChildRuns), the card and text LeafRuns add `properties`
 * (GetAsSnapshotPropertyMap: `name`, and DashboardText's snapshot-tagged Value) and the
 * card RuntimeDependencySubscriberImpl.RawSQL (`sql`).  The `with` inside a container makes
 * no run: only DashboardRun and leaves create with runs (initWiths). */
static const char STARTED[] =
    "{\"schema_version\":\"20240607\",\"action\":\"execution_started\",\"execution_id\":\"0xc1\",\"pan"
    "els\":{\"t.card.container_dashboard_d_anonymous_container_0_anonymous_card_0\":{\"dashboard\":\""
    "t.dashboard.d\",\"name\":\"t.card.container_dashboard_d_anonymous_container_0_anonymous_card_0\""
    ",\"panel_type\":\"card\",\"properties\":{\"name\":\"container_dashboard_d_anonymous_container_0_"
    "anonymous_card_0\"},\"source_definition\":\"    card {\\n      sql = \\\"select 1\\\"\\n    }\",\"sq"
    "l\":\"select 1\",\"status\":\"initialized\"},\"t.container.dashboard_d_anonymous_container_0\":{"
    "\"dashboard\":\"t.dashboard.d\",\"name\":\"t.container.dashboard_d_anonymous_container_0\",\"pan"
    "el_type\":\"container\",\"source_definition\":\"  container {\\n    width = 6\\n    card {\\n     "
    " sql = \\\"select 1\\\"\\n    }\\n    with \\\"w\\\" {\\n      sql = \\\"select 2\\\"\\n    }\\n"
    "  }\",\"status\":\"initialized\",\"width\":6},\"t.dashboard.d\":{\"dashboard\":\"t.dashboard.d\""
    ",\"name\":\"t.dashboard.d\",\"panel_type\":\"dashboard\",\"source_definition\":\"dashboard \\\"d"
    "\\\" {\\n  title = \\\"D \\u003c1\\u003e\\\"\\n  tags = { b = \\\"2\\\", a = \\\"1\\\" }\\n  con"
    "tainer {\\n    width = 6\\n    card {\\n      sql = \\\"select 1\\\"\\n    }\\n    with \\\"w"
    "\\\" {\\n      sql = \\\"select 2\\\"\\n    }\\n  }\\n  text \\\"t\\\" {\\n    value = \\\"hi"
    "\\\"\\n    display = \\\"none\\\"\\n  }\\n}\",\"status\":\"initialized\",\"tags\":{\"a\":\"1\","
    "\"b\":\"2\"},\"title\":\"D \\u003c1\\u003e\"},\"t.text.t\":{\"dashboard\":\"t.dashboard.d\",\"di"
    "splay\":\"none\",\"name\":\"t.text.t\",\"panel_type\":\"text\",\"properties\":{\"name\":\"t\",\""
    "value\":\"hi\"},\"source_definition\":\"  text \\\"t\\\" {\\n    value = \\\"hi\\\"\\n    display "
    "= \\\"none\\\"\\n  }\",\"status\":\"complete\"}},\"layout\":{\"name\":\"t.dashboard.d\",\"childr"
    "en\":[{\"name\":\"t.container.dashboard_d_anonymous_container_0\",\"children\":[{\"name\":\"t.ca"
    "rd.container_dashboard_d_anonymous_container_0_anonymous_card_0\",\"panel_type\":\"card\"}],\"pa"
    "nel_type\":\"container\"},{\"name\":\"t.text.t\",\"panel_type\":\"text\"}],\"panel_type\":\"dash"
    "board\"},\"start_time\":\"2026-01-01T00:00:00Z\"}";

Test(server_msgs, execution_started_layout_and_panels)
{
    char *dir;
    lp_workspace *ws = wf_open_text(DASH, &dir);
    lp_buf b = { 0 };
    char err[512];
    cr_assert_eq(started_of(ws, lp_lookup(ws, "t.dashboard.d"), "0xc1", "2026-01-01T00:00:00Z", &b,
                                       err, sizeof err), 0, "%s", err);
    cr_assert(!b.oom);
    cr_assert_str_eq(b.data, STARTED);
    lp_buf_free(&b);
    lp_close(ws);
    wf_remove(dir);
}

/* ExecutionStartedPayload.Variables (`variables,omitempty`, after layout and inputs, before
 * start_time): GetReferencedVariables of the dashboard, present only when a child reads one. */
Test(server_msgs, execution_started_variables)
{
    char *dir;
    lp_workspace *ws =
        wf_open_text("variable \"v\" {\n  default = \"<x>\"\n}\n"
                     "dashboard \"d\" {\n  text \"t\" {\n    value = var.v\n  }\n}\n"
                     "dashboard \"e\" {\n  title = var.v\n  text \"u\" {\n    value = \"u\"\n  }\n}\n",
                     &dir);
    lp_buf b = { 0 };
    char err[512];
    cr_assert_eq(started_of(ws, lp_lookup(ws, "t.dashboard.d"), "0x1", "2026-01-01T00:00:00Z", &b,
                                       err, sizeof err), 0, "%s", err);
    cr_assert(strstr(b.data, "\"dashboard\"},\"variables\":{\"v\":\"\\u003cx\\u003e\"},\"start_time\":"),
              "%s", b.data);
    lp_buf_free(&b);
    memset(&b, 0, sizeof b);
    cr_assert_eq(started_of(ws, lp_lookup(ws, "t.dashboard.e"), "0x1", "2026-01-01T00:00:00Z", &b,
                                       err, sizeof err), 0, "%s", err);
    cr_assert_null(strstr(b.data, "variables"), "%s", b.data);
    lp_buf_free(&b);
    lp_close(ws);
    wf_remove(dir);
}

Test(server_msgs, server_metadata_and_errors)
{
    char *dir;
    lp_workspace *ws = wf_open_text(DASH, &dir);
    lp_buf b = { 0 };
    srv_server_metadata(ws, NULL, 0, NULL, &b);
    cr_assert_str_eq(b.data, "{\"action\":\"server_metadata\",\"metadata\":{\"mod\":{\"title\":\"t\","
                             "\"full_name\":\"mod.t\",\"short_name\":\"t\"},"
                             "\"cli\":{\"version\":\"" LP_VERSION "\"},"
                             "\"telemetry\":\"none\",\"search_path\":null,\"supports_search_path\":false,"
                             "\"supports_time_range\":false}}");
    b.len = 0;
    /* a database with a search path: its metadata, and support for choosing one (Powerpipe's
     * ServerMetadata: search_path, then supports_search_path) */
    srv_server_metadata(ws, NULL, LP_SUPPORTS_SEARCH_PATH, "{\"original_search_path\":[\"a\"]}", &b);
    cr_assert(strstr(b.data, "\"search_path\":{\"original_search_path\":[\"a\"]},"
                             "\"supports_search_path\":true,\"supports_time_range\":false}}"), "%s", b.data);
    b.len = 0;
    srv_dashboard_metadata(LP_SUPPORTS_SEARCH_PATH, &b);
    cr_assert_str_eq(b.data, "{\"action\":\"dashboard_metadata\",\"metadata\":{\"supports_search_path\":true,"
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
    dir = wf_mod_dir("mod \"t\" {}\n");
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
    /* fields are cut to their buffers, NUL-terminated; a cut field names nothing (1) */
    const char *longer = "{\"action\":\"get_available_dashboards\"}";
    cr_expect_eq(srv_parse_request(longer, strlen(longer), action, sizeof action, name, sizeof name), 1);
    cr_expect_str_eq(action, "get_ava");
    /* a NUL inside a name: as a C string it would be the prefix before it, so it names nothing
     * (issue 28: "cis_v150\u0000x" selected cis_v150) */
    const char *nul = "{\"action\":\"a\",\"payload\":{\"dashboard\":{\"full_name\":\"d\\u0000x\"}}}";
    cr_expect_eq(srv_parse_request(nul, strlen(nul), action, sizeof action, name, sizeof name), 1);
    const char *nul2 = "{\"action\":\"a\\u0000\"}";
    cr_expect_eq(srv_parse_request(nul2, strlen(nul2), action, sizeof action, name, sizeof name), 1);
    /* a long key elsewhere is not a cut field */
    const char *key = "{\"a_key_longer_than_thirty_two_bytes_of_buffer\":1,\"action\":\"a\"}";
    cr_expect_eq(srv_parse_request(key, strlen(key), action, sizeof action, name, sizeof name), 0);
}

/* What a run needs of a request: payload.inputs as "name=value" (the "input." prefix dropped, a
 * string decoded, another value as its JSON, null left out) and payload.changed_input. */
Test(server_msgs, request_inputs)
{
    const char *json = "{\"action\":\"input_changed\",\"payload\":{\"changed_input\":\"input.i\","
                       "\"inputs\":{\"input.i\":\"a\\\"b\\u00e9\",\"input.n\":5,\"input.gone\":null,"
                       "\"input.multi\":[\"x\", \"y\"]},\"dashboard\":{\"full_name\":\"m.dashboard.d\"}}}";
    srv_request rq = { 0 };
    cr_assert_eq(srv_parse_request_full(json, strlen(json), &rq), 0);
    cr_expect_str_eq(rq.action, "input_changed");
    cr_expect_str_eq(rq.full_name, "m.dashboard.d");
    cr_expect_str_eq(rq.changed_input, "input.i");
    cr_assert_eq(rq.ninputs, 3);
    const char *p = rq.inputs.data;
    cr_expect_str_eq(p, "i=a\"b\xc3\xa9");
    p += strlen(p) + 1;
    cr_expect_str_eq(p, "n=5");
    p += strlen(p) + 1;
    cr_expect_str_eq(p, "multi=[\"x\", \"y\"]");
    /* inputs of the wrong type: what json.Unmarshal refuses */
    const char *bad = "{\"action\":\"select_dashboard\",\"payload\":{\"inputs\":[1]}}";
    cr_expect_eq(srv_parse_request_full(bad, strlen(bad), &rq), -1);
    lp_buf_free(&rq.inputs);
}

/* payload.datetime_range, Powerpipe's utils.TimeRange ({"from": time, "to": time}, either null): its
 * ends as sent, "" for a null or absent one; a request without it has none (not the last one's). */
Test(server_msgs, request_datetime_range)
{
    const char *json =
        "{\"action\":\"select_dashboard\",\"payload\":{\"datetime_range\":{\"from\":"
        "\"2024-02-05T00:00:00Z\",\"to\":null,\"relative\":\"7d\"},\"dashboard\":{\"full_name\":"
        "\"m.dashboard.d\"}}}";
    srv_request rq = { 0 };
    cr_assert_eq(srv_parse_request_full(json, strlen(json), &rq), 0);
    cr_expect_str_eq(rq.full_name, "m.dashboard.d");
    cr_expect_str_eq(rq.time_from, "2024-02-05T00:00:00Z");
    cr_expect_str_eq(rq.time_to, "");
    const char *plain = "{\"action\":\"select_dashboard\",\"payload\":{\"dashboard\":{\"full_name\":\"x\"}}}";
    cr_assert_eq(srv_parse_request_full(plain, strlen(plain), &rq), 0);
    cr_expect_str_eq(rq.time_from, "");
    const char *bad = "{\"action\":\"select_dashboard\",\"payload\":{\"datetime_range\":[1]}}";
    cr_expect_eq(srv_parse_request_full(bad, strlen(bad), &rq), -1);
    lp_buf_free(&rq.inputs);
}

/* payload.search_path and search_path_prefix, Powerpipe's []string: joined with ',' as a run's
 * options take them, "" for null or [] or absent; a name that is empty or holds a ',' (it would
 * name two schemas), or is no string, makes the message malformed; one holding a NUL names nothing. */
Test(server_msgs, request_search_path)
{
    const char *json = "{\"action\":\"select_dashboard\",\"payload\":{\"search_path_prefix\":[\"b\", "
                       "\"Caps \\\"q\\\"\"],\"search_path\":null,"
                       "\"dashboard\":{\"full_name\":\"m.dashboard.d\"}}}";
    srv_request rq = { 0 };
    cr_assert_eq(srv_parse_request_full(json, strlen(json), &rq), 0);
    cr_expect_str_eq(rq.full_name, "m.dashboard.d");
    cr_expect_str_eq(rq.search_path_prefix, "b,Caps \"q\"");
    cr_expect_str_eq(rq.search_path, "");
    const char *one = "{\"action\":\"input_changed\",\"payload\":{\"search_path\":[\"x\"],"
                      "\"search_path_prefix\":[]}}";
    cr_assert_eq(srv_parse_request_full(one, strlen(one), &rq), 0);
    cr_expect_str_eq(rq.search_path, "x");
    cr_expect_str_eq(rq.search_path_prefix, "");
    const char *plain = "{\"action\":\"select_dashboard\",\"payload\":{}}";
    cr_assert_eq(srv_parse_request_full(plain, strlen(plain), &rq), 0);
    cr_expect_str_eq(rq.search_path, "");
    static const char *const bad[] = { "[\"a,b\"]", "[\"\"]", "[1]", "\"a\"", "{}", "[\"a\",]" };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char m[256];
        snprintf(m, sizeof m, "{\"action\":\"select_dashboard\",\"payload\":{\"search_path\":%s}}", bad[i]);
        cr_expect_eq(srv_parse_request_full(m, strlen(m), &rq), -1, "%s", m);
    }
    const char *nul = "{\"action\":\"select_dashboard\",\"payload\":{\"search_path\":[\"a\\u0000b\"]}}";
    cr_expect_eq(srv_parse_request_full(nul, strlen(nul), &rq), 1);
    lp_buf_free(&rq.inputs);
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
    char err[512];
    cr_assert_eq(started_of(ws, lp_lookup(ws, "t.dashboard.d"), "0x1", "2026-01-01T00:00:00Z", &b,
                                       err, sizeof err),
                 0, "%s", err);
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

/* ------------------------------------------- execution_started from loads */

/* tests/server/srvmod copied into a fresh directory and opened (a copy: the
 * load-failure test edits it). */
static lp_workspace *open_srvmod(char **dir)
{
    static const char *const files[] = { "mod.pp", "dashboards.pp", "benchmarks.pp" };
    *dir = wf_tmpdir();
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[256];
        snprintf(path, sizeof path, "tests/server/srvmod/%s", files[i]);
        FILE *f = fopen(path, "rb");
        cr_assert(f, "%s", path);
        static char text[1 << 16];
        size_t n = fread(text, 1, sizeof text - 1, f);
        fclose(f);
        text[n] = '\0';
        wf_write(*dir, files[i], text);
    }
    return wf_open(*dir, 1);
}

/* execution_started for name; the panel of `panel` cut out of it into *panel_json */
static char *started(lp_workspace *ws, const char *name)
{
    lp_buf b = { 0 };
    char err[512];
    cr_assert_eq(started_of(ws, lp_lookup(ws, name), "0x1", "2026-01-01T00:00:00Z", &b, err,
                                       sizeof err),
                 0, "%s", err);
    cr_assert(!b.oom);
    return b.data;
}

/* The value of key `key` in JSON text s, as a malloc'd copy of its bytes (an
 * object or string found by bracket matching); asserts it exists. */
static char *json_get(const char *s, const char *key)
{
    char pat[512];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(s, pat);
    cr_assert(p, "no %s in %s", key, s);
    p += strlen(pat);
    const char *q = p;
    int depth = 0, str = 0;
    for (; *q; q++) {
        if (str) {
            if (*q == '\\') q++;
            else if (*q == '"') str = 0;
            if (!str && depth == 0) {
                q++;
                break;
            }
            continue;
        }
        if (*q == '"') str = 1;
        else if (*q == '{' || *q == '[') depth++;
        else if ((*q == '}' || *q == ']') && --depth == 0) {
            q++;
            break;
        } else if (depth == 0 && (*q == ',' || *q == '}')) break;
    }
    return strndup(p, (size_t)(q - p));
}

/* A panel without its own source_definition (checked apart): the last one in
 * it, as keys are sorted and properties (a category has one) come first. */
static char *panel(const char *msg, const char *name)
{
    char *panels = json_get(msg, "panels");
    char *v = json_get(panels, name);
    free(panels);
    char *sd = NULL;
    for (char *p = v; (p = strstr(p, ",\"source_definition\":")); p++) sd = p;
    if (sd) {
        char *val = json_get(sd + 1, "source_definition");
        size_t cut = strlen("\"source_definition\":") + strlen(val) + 1;
        memmove(sd, sd + cut, strlen(sd + cut) + 1);
        free(val);
    }
    return v;
}

static void expect_panel(const char *msg, const char *name, const char *expected)
{
    char *got = panel(msg, name);
    cr_expect_str_eq(got, expected, "panel %s", name);
    free(got);
}

/* Every leaf type of a dashboard, each as its run serialises (names of the Go
 * structs and functions each expectation follows in the comments). */
Test(server_msgs, dashboard_panels_from_loaded_resources)
{
    char *dir;
    lp_workspace *ws = open_srvmod(&dir);
    char *m = started(ws, "srv.dashboard.main");
    /* DashboardRun: DashboardTreeRunImpl fields only (a Dashboard is no QueryProvider: no params) */
    expect_panel(
        m, "srv.dashboard.main",
        "{\"dashboard\":\"srv.dashboard.main\",\"name\":\"srv.dashboard.main\",\"panel_type\":\"dashboard\","
        "\"status\":\"initialized\",\"tags\":{\"service\":\"aws\"},\"title\":\"Main\"}");
    /* createWithRuns: "<dashboard>.with.w1"; DashboardWith tags no field `snapshot` */
    expect_panel(
        m, "srv.dashboard.main.with.w1",
        "{\"dashboard\":\"srv.dashboard.main\",\"name\":\"srv.dashboard.main.with.w1\",\"panel_type\":"
        "\"with\",\"properties\":{\"name\":\"w1\"},\"sql\":\"select 'x'\",\"status\":\"initialized\"}");
    /* DashboardRun.createChildRuns names its inputs "<dashboard>.input.x"; DashboardInput's snapshot
     * fields: Options ([]*DashboardInputOption {name, label}), InputName ("unqualified_name");
     * GetType gives display_type; no query: status "complete" (runtimeDependencyPublisherImpl) */
    expect_panel(
        m, "srv.dashboard.main.input.region",
        "{\"dashboard\":\"srv.dashboard.main\",\"display_type\":\"select\",\"name\":"
        "\"srv.dashboard.main.input.region\",\"panel_type\":\"input\",\"properties\":{\"name\":\"region\","
        "\"options\":[{\"label\":\"US East\",\"name\":\"us-east-1\"},{\"name\":\"eu-west-1\"}],"
        "\"unqualified_name\":\"input.region\"},\"status\":\"complete\",\"title\":\"Region\",\"width\":2}");
    /* DashboardContainerRun: Title and Width from the container */
    expect_panel(
        m, "srv.container.dashboard_main_anonymous_container_0",
        "{\"dashboard\":\"srv.dashboard.main\",\"name\":\"srv.container.dashboard_main_anonymous_container_0"
        "\",\"panel_type\":\"container\",\"status\":\"initialized\",\"title\":\"Box\",\"width\":6}");
    /* DashboardCard: Label, Icon tagged `snapshot`; GetDocumentation "" ; params: ParamDef
     * {name, description, default *string} */
    expect_panel(
        m, "srv.card.container_dashboard_main_anonymous_container_0_anonymous_card_0",
        "{\"dashboard\":\"srv.dashboard.main\",\"display_type\":\"info\",\"name\":"
        "\"srv.card.container_dashboard_main_anonymous_container_0_anonymous_card_0\",\"panel_type\":"
        "\"card\","
        "\"params\":[{\"default\":\"5\",\"description\":\"How many\",\"name\":\"limit\"}],\"properties\":"
        "{\"icon\":\"hashtag\",\"label\":\"Count\",\"name\":"
        "\"container_dashboard_main_anonymous_container_0_anonymous_card_0\"},\"sql\":\"select $1 as value\","
        "\"status\":\"initialized\",\"width\":3}");
    /* DashboardChart: Legend, Axes (structs, JSON round trip), Series (map by name of
     * DashboardChartSeries {name, title, color, points}); Go escapes < > & */
    expect_panel(
        m, "srv.chart.c",
        "{\"dashboard\":\"srv.dashboard.main\",\"display_type\":\"bar\",\"name\":\"srv.chart.c\",\"panel_"
        "type\""
        ":\"chart\",\"properties\":{\"axes\":{\"x\":{\"title\":{\"value\":\"X\"}}},\"legend\":{\"position\":"
        "\"bottom\"},\"name\":\"c\",\"series\":{\"y\":{\"color\":\"red\",\"name\":\"y\",\"points\":{\"a\":{"
        "\"color\":\"blue\"}},\"title\":\"Y\"}}},\"sql\":\"select 'a' as x, 1 as y\",\"status\":"
        "\"initialized\",\"title\":\"Chart \\u003c1\\u003e\"}");
    /* DashboardTable.Columns (map by name); `query = query.q` gives the query's SQL (RawSQL) */
    expect_panel(
        m, "srv.table.dashboard_main_anonymous_table_0",
        "{\"dashboard\":\"srv.dashboard.main\",\"name\":\"srv.table.dashboard_main_anonymous_table_0\","
        "\"panel_type\":\"table\",\"properties\":{\"columns\":{\"a\":{\"display\":\"none\",\"name\":\"a\"}},"
        "\"name\":\"dashboard_main_anonymous_table_0\"},\"sql\":\"select 1 as "
        "a\",\"status\":\"initialized\"}");
    /* an arg from an input is a runtime dependency: NewLeafRun resolves no SQL before it is published */
    expect_panel(
        m, "srv.table.dashboard_main_anonymous_table_1",
        "{\"dashboard\":\"srv.dashboard.main\",\"name\":\"srv.table.dashboard_main_anonymous_table_1\","
        "\"panel_type\":\"table\",\"properties\":{\"name\":\"dashboard_main_anonymous_table_1\"},"
        "\"status\":\"initialized\"}");
    /* DashboardText: Value; no query: "complete" */
    expect_panel(
        m, "srv.text.dashboard_main_anonymous_text_0",
        "{\"dashboard\":\"srv.dashboard.main\",\"name\":\"srv.text.dashboard_main_anonymous_text_0\","
        "\"panel_type\":\"text\",\"properties\":{\"name\":\"dashboard_main_anonymous_text_0\",\"value\":"
        "\"## hello\"},\"status\":\"complete\"}");
    /* DashboardImage: Src, Alt; GetType "" */
    expect_panel(
        m, "srv.image.dashboard_main_anonymous_image_0",
        "{\"dashboard\":\"srv.dashboard.main\",\"name\":\"srv.image.dashboard_main_anonymous_image_0\","
        "\"panel_type\":\"image\",\"properties\":{\"alt\":\"pic\",\"name\":\"dashboard_main_anonymous_image_"
        "0\""
        ",\"src\":\"https://example.com/y.png\"},\"status\":\"complete\"}");
    /* DashboardGraph: Direction, and NodeAndEdgeProviderImpl's NodeNames, EdgeNames, Categories
     * (made empty, never omitted); children (nodes, edges) make it "initialized" without a query */
    char *g = panel(m, "srv.graph.dashboard_main_anonymous_graph_0");
    cr_expect(strstr(g,
                     "\"direction\":\"TD\",\"edges\":[\"srv.edge.e1\"],\"name\":"
                     "\"dashboard_main_anonymous_graph_0\",\"nodes\":[\"srv.node.n1\",\"srv.node."
                     "graph_dashboard_main_anonymous_graph_0_anonymous_node_1\"]},\"status\":\"initialized\","
                     "\"title\":\"G\"}"),
              "%s", g);
    cr_expect(strstr(g, "\"properties\":{\"categories\":{\"cat\":{") && strstr(g, "\"color\":\"green\""),
              "%s", g);
    free(g);
    /* LeafRun.createChildRuns: each node and edge is a LeafRun (DashboardNode: Category, name) */
    expect_panel(m, "srv.node.n1",
                 "{\"dashboard\":\"srv.dashboard.main\",\"name\":\"srv.node.n1\",\"panel_type\":\"node\","
                 "\"properties\""
                 ":{\"name\":\"n1\"},\"sql\":\"select 1 as id\",\"status\":\"initialized\"}");
    expect_panel(
        m, "srv.edge.e1",
        "{\"dashboard\":\"srv.dashboard.main\",\"name\":\"srv.edge.e1\",\"panel_type\":\"edge\","
        "\"properties\""
        ":{\"name\":\"e1\"},\"sql\":\"select 1 as from_id, 2 as to_id\",\"status\":\"initialized\"}");
    /* source_definition: the block's whole lines, indentation included (GetMetadata().SourceDefinition) */
    cr_expect(strstr(m, "\"source_definition\":\"with \\\"w1\\\" {\\n    sql = \\\"select 'x'\\\"\\n  }\""),
              "%s", m);
    cr_expect(strstr(
        m, "\"source_definition\":\"    node \\\"n1\\\" {\\n      sql = \\\"select 1 as id\\\"\\n    }\""));
    /* 14 runs, each once */
    char *panels = json_get(m, "panels");
    int n = 0;
    for (const char *p = panels; (p = strstr(p, "\"panel_type\":")); p++)
        n++;
    cr_expect_eq(n, 14, "%s", panels);
    free(panels);
    /* DashboardRun.AsTreeNode leaves withs out; LeafRun.AsTreeNode has no children (no nodes, edges) */
    char *layout = json_get(m, "layout");
    cr_expect_str_eq(
        layout,
        "{\"name\":\"srv.dashboard.main\",\"children\":[{\"name\":\"srv.dashboard.main.input.region\","
        "\"panel_type\":\"input\"},{\"name\":\"srv.container.dashboard_main_anonymous_container_0\","
        "\"children\":[{\"name\":\"srv.card.container_dashboard_main_anonymous_container_0_anonymous_"
        "card_0\",\"panel_type\":\"card\"},{\"name\":\"srv.chart.c\",\"panel_type\":\"chart\"}],"
        "\"panel_type\":\"container\"},{\"name\":\"srv.table.dashboard_main_anonymous_table_0\","
        "\"panel_type\":\"table\"},{\"name\":\"srv.table.dashboard_main_anonymous_table_1\",\"panel_type\":"
        "\"table\"},{\"name\":\"srv.text.dashboard_main_anonymous_text_0\",\"panel_type\":\"text\"},"
        "{\"name\":\"srv.graph.dashboard_main_anonymous_graph_0\",\"panel_type\":\"graph\"},{\"name\":"
        "\"srv.image.dashboard_main_anonymous_image_0\",\"panel_type\":\"image\"}],\"panel_type\":"
        "\"dashboard\"}");
    free(layout);
    free(m);
    lp_close(ws);
    wf_remove(dir);
}

/* A benchmark: CheckRun at the root, the control execution tree below it. */
Test(server_msgs, benchmark_panels_are_control_runs)
{
    char *dir;
    lp_workspace *ws = open_srvmod(&dir);
    char *m = started(ws, "srv.benchmark.top");
    /* CheckRun: BenchmarkType "control" (set by Initialise, before execution_started),
     * DashboardTreeRunImpl fields, status RunInitialized, Summary nil (json:"summary") */
    expect_panel(
        m, "srv.benchmark.top",
        "{\"benchmark_type\":\"control\",\"dashboard\":\"srv.benchmark.top\",\"description\":\"Top "
        "benchmark\",\"name\":\"srv.benchmark.top\","
        "\"panel_type\":\"benchmark\",\"status\":\"initialized\",\"summary\":null,\"tags\":{\"kind\":\"t\"},"
        "\"title\":\"Top\"}");
    /* controlexecute.ResultGroup: GroupId as name, GroupSummary {status: StatusSummary} */
    expect_panel(
        m, "srv.benchmark.child",
        "{\"name\":\"srv.benchmark.child\",\"panel_type\":\"benchmark\",\"summary\":{\"status\":{\"alarm\":0,"
        "\"error\":0,\"info\":0,\"ok\":0,\"skip\":0}},\"title\":\"Child\"}");
    /* controlexecute.ControlRun: data null, properties from Control's snapshot tags (Severity),
     * RunInitialized, an empty StatusSummary; no dashboard, source or sql */
    expect_panel(
        m, "srv.control.c1",
        "{\"data\":null,\"name\":\"srv.control.c1\",\"panel_type\":\"control\",\"properties\":{\"name\":"
        "\"c1\","
        "\"severity\":\"high\"},\"status\":\"initialized\",\"summary\":{\"alarm\":0,\"error\":0,\"info\":0,"
        "\"ok\":0,\"skip\":0},\"title\":\"C1\"}");
    expect_panel(
        m, "srv.control.c2",
        "{\"data\":null,\"documentation\":\"doc\",\"name\":\"srv.control.c2\",\"panel_type\":\"control\","
        "\"properties\":{\"name\":\"c2\"},\"status\":\"initialized\",\"summary\":{\"alarm\":0,\"error\":0,"
        "\"info\":0,\"ok\":0,\"skip\":0}}");
    /* NewResultGroup adds a child benchmark only when it has controls (ControlRunCount) */
    cr_expect(!strstr(m, "srv.benchmark.empty"), "%s", m);
    char *layout = json_get(m, "layout");
    /* CheckRun.AsTreeNode = ResultGroup.AsTreeNode: groups and controls in children order */
    cr_expect_str_eq(
        layout, "{\"name\":\"srv.benchmark.top\",\"children\":[{\"name\":\"srv.benchmark.child\","
                "\"children\":[{\"name\":\"srv.control.c2\",\"panel_type\":\"control\"}],\"panel_type\":"
                "\"benchmark\"},{\"name\":\"srv.control.c1\",\"panel_type\":\"control\"}],\"panel_type\":"
                "\"benchmark\"}");
    free(layout);
    free(m);
    lp_close(ws);
    wf_remove(dir);
}

/* A dashboard whose file changed since the index, or whose block no longer
 * parses, is not loaded: the error comes back for execution_error. */
Test(server_msgs, load_failure_is_an_error)
{
    char *dir;
    lp_workspace *ws = open_srvmod(&dir);
    lp_buf b = { 0 };
    char err[512];
    uint32_t id = lp_lookup(ws, "srv.dashboard.main");
    wf_write(dir, "dashboards.pp", "dashboard \"main\" {\n  title = \n}\n");
    cr_assert_eq(started_of(ws, id, "0x1", "t", &b, err, sizeof err), -1);
    cr_expect(strstr(err, "dashboards.pp") && strstr(err, "changed since"), "%s", err);
    lp_buf_free(&b);
    lp_close(ws);
    /* reopened on the broken file: the index keeps the entry, its load fails with the syntax error */
    ws = wf_open(dir, 1);
    id = lp_lookup(ws, "srv.dashboard.main");
    if (id != LP_NO_ENTRY) {
        b = (lp_buf){ 0 };
        cr_assert_eq(started_of(ws, id, "0x1", "t", &b, err, sizeof err), -1);
        cr_expect(strstr(err, "dashboards.pp:"), "%s", err);
        lp_buf_free(&b);
    }
    lp_close(ws);
    wf_remove(dir);
}

/* A detection benchmark: Powerpipe's DetectionBenchmarkRun tree (benchmark_type "detection", no
 * display_type: the UI refuses any but "benchmark" and "table"), detections as leaves; run (over an
 * SQLite file), each detection's leaf_node_updated has its rows, and execution_complete the
 * snapshot of the whole tree. */
Test(server_msgs, detection_benchmark_tree)
{
    char *dir;
    lp_workspace *ws = wf_open_text("benchmark \"db\" {\n  title = \"DB\"\n  type = \"detection\"\n"
                                    "  children = [detection.d1]\n}\n"
                                    "detection \"d1\" {\n  title = \"D1\"\n  severity = \"low\"\n"
                                    "  sql = \"select 1 as one\"\n}\n",
                                    &dir);
    char *m = started(ws, "t.benchmark.db");
    char *root = panel(m, "t.benchmark.db");
    cr_expect(strstr(root, "\"benchmark_type\":\"detection\"") && !strstr(root, "display_type") &&
                  strstr(root, "\"panel_type\":\"benchmark\"") && strstr(root, "\"status\":\"initialized\""),
              "%s", root);
    char *d = panel(m, "t.detection.d1");
    cr_expect(strstr(d, "\"panel_type\":\"detection\"") && strstr(d, "\"status\":\"initialized\""), "%s", d);
    char *layout = json_get(m, "layout");
    cr_expect_str_eq(layout, "{\"name\":\"t.benchmark.db\",\"children\":[{\"name\":\"t.detection.d1\","
                             "\"panel_type\":\"detection\"}],\"panel_type\":\"benchmark\"}");

    char url[1100];
    rf_sqlite_db(dir, NULL, url, sizeof url);
    lp_run *lr = rf_run(ws, LP_KIND_DETECTION_BENCHMARK, "t.benchmark.db", &(lp_run_opts){ .database = url });
    const lp_run_node *top = lp_node_child(lp_run_root(lr), 0), *d1 = lp_node_child(top, 0);
    lp_buf b = { 0 };
    srv_leaf_node_updated(d1, "0x2", "2026-01-01T00:00:00Z", &b);
    cr_expect(strstr(b.data,
                     "{\"schema_version\":\"20240607\",\"action\":\"leaf_node_updated\",\"dashboard_node\":"
                     "{\"dashboard\":\"t.benchmark.db\",\"data\":{\"columns\":[{\"data_type\":\"INTEGER\","
                     "\"name\":\"one\"}],\"rows\":[{\"one\":1}]},") == b.data,
              "%s", b.data);
    /* DetectionRun: DashboardTreeRunImpl's source_definition (the block's lines), RawSQL's sql */
    cr_expect(strstr(b.data,
                     "\"panel_type\":\"detection\",\"properties\":{\"name\":\"d1\",\"severity\":\"low\"},"
                     "\"source_definition\":\"detection \\\"d1\\\" {\\n  title = \\\"D1\\\"\\n"
                     "  severity = \\\"low\\\"\\n  sql = \\\"select 1 as one\\\"\\n}\","
                     "\"sql\":\"select 1 as one\","
                     "\"status\":\"complete\",\"title\":\"D1\"},\"execution_id\":\"0x2\""),
              "%s", b.data);
    lp_buf_free(&b);
    srv_execution_complete(lr, "0x2", &b);
    cr_expect(strstr(b.data,
                     "{\"action\":\"execution_complete\",\"schema_version\":\"20240607\",\"snapshot\":"
                     "{\"schema_version\":\"20221222\",\"panels\":") == b.data,
              "%s", b.data);
    char *d2 = panel(b.data, "t.detection.d1");
    cr_expect(strstr(d2, "\"rows\":[{\"one\":1}]") && strstr(d2, "\"status\":\"complete\""), "%s", d2);
    char *root2 = panel(b.data, "t.benchmark.db");
    cr_expect(strstr(root2, "{\"benchmark_type\":\"detection\",\"dashboard\":\"t.benchmark.db\"") == root2 &&
                  strstr(root2, "\"status\":\"complete\""), "%s", root2);
    cr_expect(strstr(b.data, "\"execution_id\":\"0x2\"}"), "%s", b.data);
    free(root2);
    free(d2);
    lp_buf_free(&b);
    lp_run_free(lr);
    free(layout);
    free(d);
    free(root);
    free(m);
    lp_close(ws);
    wf_remove(dir);
}
