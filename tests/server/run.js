// run.js URL — selections that run (tests/test_server.c: server.runs, over SQLite or PostgreSQL):
// select_dashboard -> execution_started -> a leaf_node_updated per panel with its data ->
// execution_complete with the snapshot; a benchmark's control_complete events; input_changed runs
// the dashboard again with the value; clear_dashboard, a new selection and a client that goes away
// cancel the running query (the slow dashboard never completes; the server log says cancelled).
// Exits 0, or 1 after "FAIL: why".
"use strict";
const { Client, check, fail } = require("./client.js");

const [url] = process.argv.slice(2);
const sel = (c, name, inputs) =>
  c.send({ action: "select_dashboard", payload: { dashboard: { full_name: name }, inputs: inputs || {} } });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// every message of one execution up to its execution_complete
async function execution(c, what) {
  const st = (await c.action("execution_started", 30000)).m;
  const id = st.execution_id;
  const leaves = [], controls = [];
  for (;;) {
    const e = (await c.next(what, (m) => m.execution_id === id || m.action === "execution_error", 60000)).m;
    if (e.action === "execution_error") fail(what + ": execution_error " + e.error);
    if (e.action === "leaf_node_updated" && e.dashboard_node.status !== "running") leaves.push(e);
    else if (e.action === "control_complete" || e.action === "control_error") controls.push(e);
    else if (e.action === "execution_complete") return { st, leaves, controls, done: e };
  }
}

async function main() {
  const a = new Client(url);
  await a.open();

  // a dashboard: each leaf updated once with its rows, then the snapshot
  sel(a, "srvrun.dashboard.cards");
  const d = await execution(a, "cards");
  check(d.st.panels["srvrun.card.answer"].status === "initialized", "started: card initialized");
  const byName = Object.fromEntries(d.leaves.map((e) => [e.dashboard_node.name, e]));
  const card = byName["srvrun.card.answer"];
  check(card && card.schema_version === "20240607" && typeof card.timestamp === "string",
        "leaf_node_updated header " + JSON.stringify(card));
  check(card.dashboard_node.status === "complete" && card.dashboard_node.data.rows[0].value === 42,
        "card data " + JSON.stringify(card.dashboard_node));
  const table = byName["srvrun.table.rows"].dashboard_node;
  check(table.data.rows.length === 2 && table.data.columns[0].name === "x", "table " + JSON.stringify(table));
  const bad = byName["srvrun.card.broken"].dashboard_node;
  check(bad.status === "error" && /no_such_table/.test(bad.error), "a failing leaf errs alone " +
        JSON.stringify(bad));
  check(d.leaves.length === 3, "leaf updates: " + d.leaves.map((e) => e.dashboard_node.name).join(" "));
  const snap = d.done.snapshot;
  check(d.done.schema_version === "20240607" && snap.layout.name === "srvrun.dashboard.cards" &&
        snap.panels["srvrun.card.answer"].data.rows[0].value === 42 && snap.end_time,
        "execution_complete " + JSON.stringify(d.done).slice(0, 300));
  await a.action("dashboard_metadata");

  // a benchmark: control events with the CheckRun's name, then the snapshot with the summaries
  a.inbox.length = 0;
  sel(a, "srvrun.benchmark.b");
  const b = await execution(a, "benchmark");
  check(b.st.panels["srvrun.benchmark.b"].benchmark_type === "control", "CheckRun benchmark_type");
  check(b.controls.length === 2, "control events: " + b.controls.length);
  const ok = b.controls.find((e) => e.control.name === "srvrun.control.two");
  check(ok && ok.action === "control_complete" && ok.name === "srvrun.benchmark.b" &&
        ok.control.summary.ok === 1 && ok.control.summary.alarm === 1 && ok.control.data.rows.length === 2 &&
        ok.progress && ok.progress.total === 2, "control_complete " + JSON.stringify(ok));
  const err = b.controls.find((e) => e.control.name === "srvrun.control.fails");
  check(err && err.action === "control_error" && err.control.status === "error" && err.control.error,
        "control_error " + JSON.stringify(err));
  const root = b.done.snapshot.panels["srvrun.benchmark.b"];
  check(root.summary.status.ok === 1 && root.summary.status.alarm === 1 && root.summary.status.error === 1,
        "benchmark summary " + JSON.stringify(root));

  // issue 32: two columns of one name make two keys, the repeat named as Powerpipe names it
  // (NAME_ + the last 4 base-36 digits of md5(NAME + index)'s first 64 bits: md5("a2") -> a_3yi8), in
  // leaf_node_updated and the snapshot; a with's 16-byte statement runs as written
  a.inbox.length = 0;
  sel(a, "srvrun.dashboard.dups");
  const u = await execution(a, "dups");
  const dup = u.leaves.find((e) => e.dashboard_node.name === "srvrun.table.dup");
  check(dup && dup.dashboard_node.status === "complete", "dup " + JSON.stringify(dup));
  const cols = dup.dashboard_node.data.columns.map((c) => c.name + "/" + (c.original_name || "")).join(" ");
  check(cols === "b/ a/ a_3yi8/a", "dup columns " + cols);
  check(JSON.stringify(dup.dashboard_node.data.rows) === '[{"a":1,"a_3yi8":3,"b":2}]',
        "dup rows " + JSON.stringify(dup.dashboard_node.data.rows));
  check(JSON.stringify(u.done.snapshot.panels["srvrun.table.dup"].data.rows) === '[{"a":1,"a_3yi8":3,"b":2}]',
        "dup rows in the snapshot");
  const got = u.leaves.find((e) => e.dashboard_node.name === "srvrun.table.got");
  check(got && got.dashboard_node.status === "complete" &&
        String(got.dashboard_node.data.rows[0].got) === "1",
        "the with's 16-byte statement " + JSON.stringify(got));

  // withs that read each other: the run does not start, execution_error names the file and line
  a.inbox.length = 0;
  sel(a, "srvrun.dashboard.cycle");
  const ce = (await a.action("execution_error", 30000)).m;
  check(/cycle\.pp:6: with "a" is in a cycle/.test(ce.error) &&
        /with\.a reads with\.b reads with\.a/.test(ce.error),
        "cycle " + JSON.stringify(ce));

  // input_changed: the dashboard runs again with the value; the card reading it updates
  a.inbox.length = 0;
  sel(a, "srvrun.dashboard.inp");
  const i1 = await execution(a, "inputs, none");
  const echo1 = i1.leaves.find((e) => e.dashboard_node.name === "srvrun.card.echo");
  check(echo1 && echo1.dashboard_node.status === "blocked",
        "without a value: blocked " + JSON.stringify(echo1));
  a.send({ action: "input_changed", payload: { dashboard: { full_name: "srvrun.dashboard.inp" },
                                               changed_input: "input.i", inputs: { "input.i": "hello" } } });
  const i2 = await execution(a, "inputs, hello");
  const echo2 = i2.leaves.find((e) => e.dashboard_node.name === "srvrun.card.echo");
  check(echo2 && echo2.dashboard_node.status === "complete" &&
        echo2.dashboard_node.data.rows[0].value === "hello",
        "input value read " + JSON.stringify(echo2));
  check(i2.done.snapshot.inputs["input.i"] === "hello",
        "snapshot inputs " + JSON.stringify(i2.done.snapshot.inputs));

  // cancellation: clear_dashboard, a new selection, a client that goes away; the slow query never
  // completes (the server log names each cancelled run: tests/test_server.c checks)
  for (const how of ["clear", "select", "close"]) {
    const c = new Client(url);
    await c.open();
    sel(c, "srvrun.dashboard.slow");
    const st = (await c.action("execution_started", 30000)).m;
    await sleep(300);   // the query is running
    if (how === "clear") c.send({ action: "clear_dashboard", payload: {} });
    else if (how === "select") sel(c, "srvrun.dashboard.cards");
    else { c.close(); continue; }
    if (how === "select") {
      const next = await execution(c, "after the slow one");
      check(next.st.execution_id !== st.execution_id, "a new execution");
    }
    await sleep(500);
    check(!c.inbox.some((e) => e.m.execution_id === st.execution_id && e.m.action === "execution_complete"),
          how + ": the cancelled run's execution_complete was sent");
    c.close();
  }
  await sleep(1000);
  a.close();
  console.log("runs: ok");
  process.exit(0);
}

main().catch((e) => fail(e.message));
