// bind.js URL — a with's rows feed a graph's nodes and edge through `= any($1)` (a list bound as a
// PostgreSQL array, tests/test_server.c: server.list_args_postgres): each node and the edge arrive
// in leaf_node_updated with the rows the database selects for those ids, and so does the graph in
// execution_complete's snapshot.  Exits 0, or 1 after "FAIL: why".
"use strict";
const { Client, fail, same } = require("./client.js");

const [url] = process.argv.slice(2);

async function main() {
  const c = new Client(url);
  await c.open();
  c.send({ action: "select_dashboard", payload: { dashboard: { full_name: "bind.dashboard.g" } } });
  await c.action("execution_started");
  const done = (await c.action("execution_complete", 60000)).m;
  const leaves = Object.fromEntries(c.inbox.filter((e) => e.m.action === "leaf_node_updated")
    .map((e) => [e.m.dashboard_node.name, e.m.dashboard_node]));
  const want = {
    "bind.node.n": [{ id: "a", title: "a" }, { id: "b", title: "b" }],
    "bind.node.m": [{ id: "n1" }, { id: "n3" }],
    "bind.edge.e": [{ from_id: "a", to_id: "a" }, { from_id: "a", to_id: "b" }],
  };
  for (const [name, rows] of Object.entries(want)) {
    const l = leaves[name];
    if (!l || l.status !== "complete" || !same(l.data.rows, rows))
      fail(name + ": " + JSON.stringify(l));
    const p = done.snapshot.panels[name];
    if (!p || !same(p.data.rows, rows)) fail("snapshot " + name + ": " + JSON.stringify(p));
  }
  c.close();
  console.log("bind: ok");
  process.exit(0);
}

main().catch((e) => fail(e.message));
