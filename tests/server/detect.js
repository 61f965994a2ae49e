// detect.js URL — a detection benchmark and a detection selected through the server
// (tests/test_server.c: server.detection_runs, over the acceptance mod tp_detection_mod on SQLite):
// execution_started with Powerpipe's DetectionBenchmarkRun tree, a leaf_node_updated per detection
// with its rows (what its query selects: test_detection_21 and _31 `select 21 as detection_21`, _22
// and _32 `select 22 as detection_22`), then execution_complete with the snapshot.
// Exits 0, or 1 after "FAIL: why".
"use strict";
const { Client, check, fail } = require("./client.js");

const [url] = process.argv.slice(2);
const sel = (c, name) =>
  c.send({ action: "select_dashboard", payload: { dashboard: { full_name: name }, inputs: {} } });
const M = "tp_detection_mod.";

async function execution(c, what) {
  const st = (await c.action("execution_started", 30000)).m;
  const id = st.execution_id;
  const leaves = [];
  for (;;) {
    const e = (await c.next(what, (m) => m.execution_id === id || m.action === "execution_error", 60000)).m;
    if (e.action === "execution_error") fail(what + ": execution_error " + e.error);
    if (e.action === "leaf_node_updated" && e.dashboard_node.status !== "running") leaves.push(e);
    else if (e.action === "execution_complete") return { st, leaves, done: e };
  }
}

const want = { test_detection_21: ["detection_21", 21], test_detection_22: ["detection_22", 22],
               test_detection_31: ["detection_21", 21], test_detection_32: ["detection_22", 22] };

function checkDetection(node, short) {
  const [col, val] = want[short];
  check(node.status === "complete", short + " complete: " + JSON.stringify(node));
  check(node.panel_type === "detection", short + " panel_type " + node.panel_type);
  check(node.data && node.data.columns.length === 1 && node.data.columns[0].name === col &&
        node.data.rows.length === 1 && node.data.rows[0][col] === val,
        short + " rows " + JSON.stringify(node.data));
  check(node.properties && node.properties.severity === "low",
        short + " severity " + JSON.stringify(node.properties));
}

async function main() {
  const c = new Client(url);
  await c.open();

  sel(c, M + "benchmark.test_detection_benchmark_1");
  const b = await execution(c, "detection benchmark");
  const root = b.st.panels[M + "benchmark.test_detection_benchmark_1"];
  check(root && root.benchmark_type === "detection" && root.panel_type === "benchmark",
        "started: the root " + JSON.stringify(root));
  check(b.st.panels[M + "detection.test_detection_21"].status === "initialized",
        "started: detections initialized");
  const updated = b.leaves.map((e) => e.dashboard_node.name).sort();
  check(JSON.stringify(updated) === JSON.stringify(Object.keys(want).map((k) => M + "detection." + k)),
        "a leaf_node_updated per detection: " + updated.join(" "));
  for (const e of b.leaves)
    checkDetection(e.dashboard_node, e.dashboard_node.name.slice((M + "detection.").length));
  const snap = b.done.snapshot;
  check(snap && snap.layout.name === M + "benchmark.test_detection_benchmark_1" &&
        snap.layout.children.map((x) => x.name).join() ===
          M + "benchmark.test_detection_benchmark_2," + M + "benchmark.test_detection_benchmark_3",
        "snapshot layout " + JSON.stringify(snap.layout));
  for (const k of Object.keys(want)) checkDetection(snap.panels[M + "detection." + k], k);
  check(snap.panels[M + "benchmark.test_detection_benchmark_2"].status === "complete", "a group complete");
  check(!JSON.stringify(b).includes("does not run detections"), "no 'not run' message");

  // a detection alone
  sel(c, M + "detection.test_detection_32");
  const d = await execution(c, "detection");
  check(d.st.layout.name === M + "detection.test_detection_32" && d.st.layout.panel_type === "detection",
        "started layout " + JSON.stringify(d.st.layout));
  check(d.leaves.length === 1, "one leaf_node_updated");
  checkDetection(d.leaves[0].dashboard_node, "test_detection_32");
  checkDetection(d.done.snapshot.panels[M + "detection.test_detection_32"], "test_detection_32");
  c.close();
  console.log("detect: ok");
}

main().then(() => process.exit(0), (e) => fail(e.message));
