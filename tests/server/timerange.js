// timerange.js URL NAME CASES — a dashboard's time range through the server (tests/test_tailpipe.c):
// select_dashboard with payload.datetime_range {from, to} (Powerpipe's ClientRequestPayload) runs the
// dashboard on its Tailpipe connection filtered to that range; CASES is a JSON list of
// [from, to, value]: the card's value each selection must show (from/to null: no range).  Each case
// is selected in turn on one client, then again in reverse order: a run with another range (or none)
// is never joined or shown for it.  The server says so as Powerpipe's does (determineBackendSupport):
// server_metadata and each selection's dashboard_metadata say supports_time_range: true (the default
// database and the dashboard are Tailpipe's), and false for PLAIN, a dashboard whose card sets a
// SQLite database.  Exits 0, or 1 after "FAIL: why".
"use strict";
const { Client, check } = require("./client.js");

const [url, name, casesJson, plain] = process.argv.slice(2);
const cases = JSON.parse(casesJson);

async function value(c, from, to) {
  c.inbox.length = 0;
  const payload = { dashboard: { full_name: name }, inputs: {} };
  if (from !== null || to !== null) payload.datetime_range = { from, to };
  c.send({ action: "select_dashboard", payload });
  for (;;) {
    const e = (await c.next("a leaf or the end", (m) => m.action === "leaf_node_updated" ||
                            m.action === "execution_error", 60000)).m;
    check(e.action !== "execution_error", "execution_error " + e.error);
    const n = e.dashboard_node;
    if (n.status === "error") return "error: " + n.error;
    if (n.status === "complete") {
      const md = (await c.action("dashboard_metadata")).m.metadata;
      check(md.supports_time_range === true && md.supports_search_path === false,
            "dashboard_metadata " + JSON.stringify(md));
      return String(n.data.rows[0].value);
    }
  }
}

async function metadata(c) {
  c.send({ action: "get_server_metadata" });
  const m = (await c.action("server_metadata")).m.metadata;
  check(m.supports_time_range === true, "server_metadata's supports_time_range " + m.supports_time_range);
  c.send({ action: "select_dashboard", payload: { dashboard: { full_name: plain }, inputs: {} } });
  const md = (await c.action("dashboard_metadata", 60000)).m.metadata;
  check(md.supports_time_range === false, plain + ": dashboard_metadata " + JSON.stringify(md));
  await c.action("execution_complete", 60000);
}

async function main() {
  const a = new Client(url);
  await a.open();
  await metadata(a);
  for (const order of [cases, cases.slice().reverse()])
    for (const [from, to, want] of order) {
      const got = await value(a, from, to);
      check(got.startsWith(want), `range ${from} .. ${to}: ${got}, want ${want}`);
    }
  a.close();
  process.exit(0);
}
main().catch((e) => { console.error("FAIL: " + e.message); process.exit(1); });
