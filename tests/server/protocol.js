// protocol.js URL PAYLOAD_FILE MOD_DIR — the server's messages as a Powerpipe UI meets them
// (tests/test_server.c: server.protocol).  Exits 0, or 1 after "FAIL: why".
"use strict";
const fs = require("fs");
const net = require("net");
const path = require("path");
const { Client, check, fail } = require("./client.js");

const [url, payloadFile, dir] = process.argv.slice(2);
const port = Number(new URL(url).port);

// a raw TCP connection that completes the WebSocket handshake, for frames ws would not send
function rawUpgraded() {
  return new Promise((res, rej) => {
    const s = net.connect(port, "127.0.0.1", () => {
      s.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
    });
    let got = "";
    s.on("data", (d) => { got += d.toString("latin1"); if (got.includes("\r\n\r\n")) res(s); });
    s.on("error", rej);
  });
}

// the server's close frame (its status code) on a raw connection, or null after ms
function closeFrame(sock, ms) {
  return new Promise((res) => {
    const t = setTimeout(() => res(null), ms);
    sock.on("data", (d) => {
      if (d.length >= 4 && d[0] === 0x88) { clearTimeout(t); res(d.readUInt16BE(2)); }
    });
    sock.on("close", () => { clearTimeout(t); res(null); });
    sock.on("error", () => {});
  });
}

async function main() {
  const a = new Client(url);
  await a.open();

  a.send({ action: "get_server_metadata" });
  const meta = (await a.action("server_metadata")).m;
  check(meta.metadata && meta.metadata.mod && meta.metadata.mod.full_name === "mod.srvtest",
        "server_metadata.mod: " + JSON.stringify(meta.metadata));
  check(meta.metadata.mod.title === "Server Test", "mod title: " + meta.metadata.mod.title);
  check(meta.metadata.cli && typeof meta.metadata.cli.version === "string", "cli.version");
  /* the default database is Steampipe's (PostgreSQL: support for a search path, as Powerpipe's
   * backend support says), its search path SHOW search_path's schemas when it answers (127.0.0.1:9193:
   * the tests' PostgreSQL when it runs), else null */
  const sp = meta.metadata.search_path;
  check("search_path" in meta.metadata && (sp === null ||
        (Array.isArray(sp.original_search_path) && sp.original_search_path.length &&
         JSON.stringify(sp.resolved_search_path) === JSON.stringify(sp.original_search_path) &&
         sp.configured_search_path === null && sp.short_name === null)) &&
        meta.metadata.supports_search_path === true, "search_path " + JSON.stringify(sp));

  // byte for byte what `lazypipe payload` prints
  const want = fs.readFileSync(payloadFile, "utf8").replace(/\n$/, "");
  a.send({ action: "get_available_dashboards" });
  const got = await a.action("available_dashboards");
  check(got.text === want, "available_dashboards differs from lazypipe payload (" + got.text.length + " vs " +
        want.length + " bytes)");

  // garbage and unknown actions: ignored, the connection kept, nothing sent back for them
  for (const g of ["{", "not json", "[1,2]", '{"action":5}', '{"action":"x"} trailing', "",
                   '{"action":"no_such_action"}', '{"action":"select_dashboard","payload":{"dashboard":7}}'])
    a.send(g);
  a.send({ action: "keep_alive" });
  a.send({ action: "get_server_metadata" });
  const after = await a.next("any reply", () => true, 20000);
  check(after.m.action === "server_metadata", "first reply after garbage is " + after.m.action);

  // select_dashboard: execution_started with layout and panels from the loaded dashboard, then the
  // run's leaf_node_updated (the tests' PostgreSQL, Steampipe's default address) and execution_complete
  a.send({ action: "select_dashboard",
           payload: { dashboard: { full_name: "srvtest.dashboard.d" }, inputs: {} } });
  const st = (await a.action("execution_started")).m;
  check(st.schema_version === "20240607" && typeof st.execution_id === "string", "execution_started header");
  const L = st.layout;
  check(L.name === "srvtest.dashboard.d" && L.panel_type === "dashboard", "layout root " + JSON.stringify(L));
  check(L.children.length === 2 && L.children[0].panel_type === "container" &&
        L.children[1].panel_type === "text",
        "layout children " + JSON.stringify(L.children));
  check(L.children[0].children.length === 2 && L.children[0].children[1].name === "srvtest.chart.c1",
        "container children " + JSON.stringify(L.children[0]));
  check(!("children" in L.children[1]), "a leaf has no children key");
  const chart = st.panels["srvtest.chart.c1"];
  check(chart && chart.title === "Chart" && chart.width === 6 && chart.sql === "select 2" &&
        chart.status === "initialized" && chart.panel_type === "chart" &&
        chart.dashboard === "srvtest.dashboard.d",
        "chart panel " + JSON.stringify(chart));
  check(st.panels["srvtest.dashboard.d"].title === "Dash One", "dashboard panel");
  check(Object.keys(st.panels).length === 5, "panels: " + Object.keys(st.panels).join(" "));
  // Powerpipe's LeafRun: the leaf "running" (no rows yet) as its query starts, then "complete"
  const running = (await a.next("the chart's running leaf_node_updated", (m) =>
    m.action === "leaf_node_updated" && m.dashboard_node.name === "srvtest.chart.c1", 20000)).m;
  check(running.execution_id === st.execution_id && running.dashboard_node.status === "running" &&
        !running.dashboard_node.data, "the first leaf_node_updated " + JSON.stringify(running));
  const lu = (await a.next("the chart's leaf_node_updated", (m) => m.action === "leaf_node_updated" &&
    m.dashboard_node.name === "srvtest.chart.c1", 20000)).m;
  check(lu.execution_id === st.execution_id && lu.dashboard_node.status === "complete" &&
        lu.dashboard_node.data.rows.length === 1, "leaf_node_updated " + JSON.stringify(lu));
  const ec = (await a.action("execution_complete")).m;
  check(ec.execution_id === st.execution_id && ec.snapshot.panels["srvtest.chart.c1"].status === "complete",
        "execution_complete " + JSON.stringify(ec).slice(0, 300));
  const dm = (await a.action("dashboard_metadata")).m;
  check(dm.metadata && dm.metadata.supports_search_path === true,
        "dashboard_metadata " + JSON.stringify(dm));
  check(!a.inbox.some((e) => e.m.action === "execution_error"), "no execution_error");
  // input_changed runs the selection again; get_dashboard_metadata is answered
  a.send({ action: "input_changed", payload: { changed_input: "input.x" } });
  a.send({ action: "get_dashboard_metadata", payload: { dashboard: { full_name: "srvtest.dashboard.d" } } });
  await a.action("execution_started");
  await a.action("execution_complete");
  a.inbox.length = 0;

  // an edit: the payload is pushed with the new title, and the selection is sent again
  const dash = path.join(dir, "dash.pp");
  fs.writeFileSync(dash, fs.readFileSync(dash, "utf8").replace('"Dash One"', '"Dash Two"'));
  const pushed = (await a.next("pushed payload with the new title",
    (m) => m.action === "available_dashboards" && m.dashboards["srvtest.dashboard.d"].title === "Dash Two",
    20000)).m;
  check(pushed.benchmarks["srvtest.benchmark.b"].title === "Bench", "benchmarks in the push");
  const again = (await a.next("selection re-sent", (m) => m.action === "execution_started" &&
    m.panels["srvtest.dashboard.d"].title === "Dash Two", 20000)).m;
  check(again.layout.name === "srvtest.dashboard.d", "re-sent layout");

  // the dashboard no longer parses: the error reaches the session with its position (a
  // workspace_error, or the load's execution_error when the index took the file without error), and
  // no selection is sent after it to replace it in a UI
  const dashText = fs.readFileSync(dash, "utf8");
  await a.action("execution_complete", 20000);
  a.inbox.length = 0;
  fs.writeFileSync(dash, dashText.replace('value = "hi"', "value = "));
  const le = (await a.next("an error naming the syntax error",
    (m) => (m.action === "execution_error" || m.action === "workspace_error") && m.error.includes("dash.pp:"),
    20000)).m;
  await new Promise((r) => setTimeout(r, 1000));
  check(!a.inbox.some((e) => e.m.action === "execution_started"), "the selection was sent after " +
        le.action + ": " + a.inbox.map((e) => e.m.action).join(" "));
  fs.writeFileSync(dash, dashText);
  const fixed = (await a.next("selection loaded again", (m) => m.action === "execution_started", 20000)).m;
  check(fixed.panels["srvtest.text.dashboard_d_anonymous_text_0"].properties.value === "hi",
        "text properties " + JSON.stringify(fixed.panels));
  await a.action("dashboard_metadata", 20000);
  await a.action("execution_complete", 20000);
  a.inbox.length = 0;

  // a file with errors: workspace_error pushed to the session (a control: the dashboards stay the same)
  fs.writeFileSync(path.join(dir, "broken.pp"), 'control "x" {\n  title = \n}\n');
  const we = (await a.action("workspace_error", 20000)).m;
  check(typeof we.error === "string" && we.error.includes("broken.pp"),
        "workspace_error " + JSON.stringify(we));
  a.inbox.length = 0;
  fs.unlinkSync(path.join(dir, "broken.pp"));
  // the errors gone, the dashboards are pushed again although they did not change (a UI clears
  // its error on them)
  await a.action("available_dashboards", 20000);

  // an oversized message closes that connection only (1009)
  const b = new Client(url);
  await b.open();
  b.send(JSON.stringify({ action: "keep_alive", pad: "x".repeat(100 * 1024) }));
  const code = await b.closedWithin(10000);
  check(code === 1009, "oversized message: close code " + code);

  // malformed frames (a reserved opcode; invalid UTF-8 in a text frame) close that connection only,
  // with a close frame saying why (1002 protocol error, 1007 invalid data)
  for (const [frame, want] of [[[0x83, 0x82, 1, 2, 3, 4, 0x40, 0x40], 1002],
                               [[0x81, 0x82, 0, 0, 0, 0, 0xff, 0xfe], 1007]]) {
    const raw = await rawUpgraded();
    const closing = closeFrame(raw, 10000);
    raw.write(Buffer.from(frame));
    const got = await closing;
    check(got === want, "malformed frame " + frame + ": close code " + got);
    raw.destroy();
  }

  // half-open: a connection that never finishes its request, one that sends nothing
  const half = net.connect(port, "127.0.0.1", () => half.write("GET /ws HTTP/1.1\r\nHost: 127"));
  const idle = net.connect(port, "127.0.0.1");
  half.on("error", () => {});
  idle.on("error", () => {});
  await new Promise((r) => setTimeout(r, 300));

  // the first session is still served, and the page is too
  a.send({ action: "get_available_dashboards" });
  const last = await a.action("available_dashboards");
  check(last.m.dashboards["srvtest.dashboard.d"].title === "Dash Two", "after the bad clients");
  const page = await fetch("http://127.0.0.1:" + port + "/");
  const html = await page.text();
  check(page.status === 200 && html.includes("<script type=\"module\"") &&
        page.headers.get("cache-control").includes("no-cache"),
        "GET / " + page.status);
  const other = await fetch("http://127.0.0.1:" + port + "/dashboard/srvtest.dashboard.d");
  check(other.status === 200 && (await other.text()) === html, "every other path serves the page");

  half.destroy();
  idle.destroy();
  a.close();
  console.log("protocol: ok");
  process.exit(0);
}

main().catch((e) => fail(e.message));
