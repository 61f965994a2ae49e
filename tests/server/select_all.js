// select_all.js — every dashboard, and every top-level benchmark, of the served mod selected once
// (tests/test_server.c runs it over aws_compliance and aws_insights): each answer is execution_started
// (the run starts; the next selection cancels it), never a load error, and every name of the layout is
// a key of `panels` (Powerpipe's UI looks each layout node up there).
"use strict";
const { Client, fail } = require("./client.js");

const [url, minCount] = process.argv.slice(2);

function layoutNames(node, out) {
  out.push(node.name);
  for (const c of node.children || []) layoutNames(c, out);
  return out;
}

async function main() {
  const a = new Client(url);
  await a.open();
  a.send({ action: "get_available_dashboards" });
  const av = (await a.action("available_dashboards", 60000)).m;
  const names = Object.keys(av.dashboards).concat(
    Object.keys(av.benchmarks).filter((n) => av.benchmarks[n].is_top_level));
  if (names.length < Number(minCount)) fail("only " + names.length + " dashboards and benchmarks");
  for (const name of names) {
    a.send({ action: "select_dashboard", payload: { dashboard: { full_name: name }, inputs: {} } });
    const started = (m) => m.action === "execution_started" || m.action === "execution_error";
    const first = (await a.next(name, started, 120000)).m;
    if (first.action !== "execution_started") fail(name + ": " + first.error);
    if (first.layout.name !== name) fail(name + ": layout root " + first.layout.name);
    for (const n of layoutNames(first.layout, []))
      if (!(n in first.panels)) fail(name + ": layout name " + n + " is not in panels");
    for (const [k, p] of Object.entries(first.panels))
      if (p.name !== k || typeof p.panel_type !== "string")
        fail(name + ": panel " + k + " " + JSON.stringify(p).slice(0, 200));
    await a.action("dashboard_metadata", 120000);
    const ee = a.inbox.find((e) => e.m.action === "execution_error" && /\.pp:/.test(e.m.error));
    if (ee) fail(name + ": " + ee.m.error);
    a.inbox.length = 0;
  }
  console.log("selected " + names.length);
  process.exit(0);
}

main().catch((e) => fail(e.message));
