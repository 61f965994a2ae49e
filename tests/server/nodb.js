// nodb.js URL — no database reachable: each panel that runs a query shows the connection error in
// its own leaf_node_updated (status error), the run completes, and nothing global is sent (no
// execution_error, which Powerpipe's UI shows as a "Workspace Error" modal over the page).
// Exits 0, or 1 after "FAIL: why".
"use strict";
const { Client, fail } = require("./client.js");

const [url] = process.argv.slice(2);

async function main() {
  const c = new Client(url);
  await c.open();
  c.send({ action: "select_dashboard", payload: { dashboard: { full_name: "srvtest.dashboard.d" } } });
  const st = (await c.action("execution_started")).m;
  const done = (await c.action("execution_complete", 60000)).m;
  const leaves = c.inbox.filter((e) => e.m.action === "leaf_node_updated").map((e) => e.m.dashboard_node)
    .filter((n) => n.status !== "running");
  if (leaves.length !== 2) fail("leaf updates: " + leaves.length);
  for (const l of leaves)
    if (l.status !== "error" || !/refused|connect/i.test(l.error)) fail("leaf " + JSON.stringify(l));
  if (c.inbox.some((e) => e.m.action === "execution_error")) fail("an execution_error was sent");
  if (done.execution_id !== st.execution_id) fail("execution ids");
  c.close();
  console.log("nodb: ok");
  process.exit(0);
}

main().catch((e) => fail(e.message));
