// hostile.js URL MODE — requests that must be answered, not silently dropped or misread
// (tests/test_server.c).  MODE "nul": a select_dashboard name with a NUL inside selects nothing
// (not the prefix before the NUL), and the connection still serves.  MODE "payload_error": a
// workspace whose available_dashboards cannot be built answers get_available_dashboards with
// workspace_error.  MODE "ask": the dashboards and a selection are served.  Exits 0, or 1 after
// "FAIL: why".
"use strict";
const { Client, check, fail } = require("./client.js");

const [url, mode] = process.argv.slice(2);

async function main() {
  const c = new Client(url);
  await c.open();
  if (mode === "nul") {
    c.send('{"action":"select_dashboard","payload":{"dashboard":' +
           '{"full_name":"srvtest.dashboard.d\\u0000x"}}}');
    c.send('{"action":"select_dashboard","payload":{"dashboard":' +
           '{"full_name":"srvtest.dashboard.d\\u0000"}}}');
    c.send({ action: "select_dashboard",
             payload: { dashboard: { full_name: "srvtest.dashboard.d" + "x".repeat(1100) } } });
    c.send({ action: "get_server_metadata" });
    await c.action("server_metadata");
    await new Promise((r) => setTimeout(r, 500));
    check(!c.inbox.some((e) => e.m.action === "execution_started"),
          "a name with a NUL (or cut to the buffer) selected its prefix");
    c.send({ action: "select_dashboard", payload: { dashboard: { full_name: "srvtest.dashboard.d" } } });
    const e = await c.action("execution_started");
    check(e.text.includes("srvtest.dashboard.d"), "the dashboard itself is still selected");
  } else if (mode === "payload_error") {
    c.send({ action: "get_available_dashboards" });
    const e = await c.action("workspace_error", 20000);
    check(/could not be built/.test(e.m.error), "workspace_error says why: " + e.text);
  } else if (mode === "ask") {
    // after the image the server reopened from was truncated under it: it still answers
    c.send({ action: "get_available_dashboards" });
    const d = await c.action("available_dashboards");
    check(d.text.includes("Dash One"), "the dashboards, with their titles");
    c.send({ action: "select_dashboard", payload: { dashboard: { full_name: "srvtest.dashboard.d" } } });
    await c.action("execution_started");
  } else fail("unknown mode " + mode);
  c.ws.close();
}

main().then(() => process.exit(0), (e) => fail(e.message));
