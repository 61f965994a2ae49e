// panel-log.test.mjs — a panel's log (logic/panel-log.js) against Powerpipe's UI: its own cases
// (utils/dashboardEventHandlers.test.ts, leafNodesUpdatedEventHandler: a node blocked, running,
// in error, complete after running 1 s and 2 s) and its PanelDetailLog's rules (titles, a panel's
// dependencies and a node/edge graph's nodes and edges listed by time with their type).
import { test } from "node:test";
import assert from "node:assert/strict";
import { addLog, completeLogs, logTitle, panelLog, startLogs }
  from "../../src/server/page/logic/panel-log.js";

const at = (s) => new Date(Date.UTC(2026, 0, 2, 3, 4, s)).toISOString();
const node = (status, error) =>
  ({ name: "panel_a", panel_type: "node", sql: "", status, error: error || null });
const clean = (l) => JSON.parse(JSON.stringify(l));   /* toEqual's: an undefined field is no field */

test("each status once, as leafNodesUpdatedEventHandler logs it", () => {
  for (const [before, now, error] of [["running", "blocked"], ["initialized", "running"],
                                      ["running", "error", "BOOM!"]]) {
    const logs = { panel_a: [{ error: null, status: before, timestamp: at(0), title: "panel_a" }] };
    addLog(logs, node(now, error), at(1));
    assert.deepEqual(clean(logs.panel_a[1]),
                     { error: error || null, status: now, timestamp: at(1), title: "panel_a" }, now);
    addLog(logs, node(now, error), at(2));
    assert.equal(logs.panel_a.length, 2, "a status seen before is not logged again");
  }
});

test("complete: the time since running (1000 and 2000 ms in Powerpipe's cases)", () => {
  const logs = { panel_a: [{ error: null, status: "running", timestamp: at(0), title: "panel_a" }],
                 panel_b: [{ error: null, status: "running", timestamp: at(0), title: "panel_b" }] };
  addLog(logs, { ...node("complete"), name: "panel_a" }, at(1));
  addLog(logs, { ...node("complete"), name: "panel_b" }, at(2));
  assert.deepEqual(clean(logs.panel_a[1]),
                   { error: null, executionTime: 1000, status: "complete", timestamp: at(1),
                     title: "panel_a" });
  assert.equal(logs.panel_b[1].executionTime, 2000);
  /* never seen running (lazypipe's server sends no running events): no time */
  const l2 = startLogs({ x: { name: "x", status: "initialized" } }, at(0));
  completeLogs(l2, { x: { name: "x", status: "complete" } }, "2026-01-02T03:04:05.123456789Z");
  assert.deepEqual(clean(l2.x[1]), { error: null, status: "complete",
                                     timestamp: "2026-01-02T03:04:05.123456789Z", title: "x" });
});

test("titles (panelLogTitle)", () => {
  assert.equal(logTitle({ name: "m.with.w", panel_type: "with", properties: { name: "w" } }), "w");
  assert.equal(logTitle({ name: "m.node.n", panel_type: "node", properties: { category: { name: "c" } } }),
               "c");
  assert.equal(logTitle({ name: "m.edge.e", panel_type: "edge", properties: { category: { name: "c",
                                                                             title: "C" } } }), "C");
  assert.equal(logTitle({ name: "m.card.c", panel_type: "card" }), "m.card.c");
  assert.equal(logTitle({ name: "m.card.c", panel_type: "card", title: "T" }), "T");
});

test("the Log tab's rows: dependencies and a graph's nodes and edges among the panel's own, by time", () => {
  const panels = {
    w: { name: "w", panel_type: "with", status: "complete", properties: { name: "nums" } },
    c: { name: "c", panel_type: "card", status: "complete", title: "Card", dependencies: ["w", "gone"] },
    g: { name: "g", panel_type: "graph", status: "complete", title: "G",
         properties: { nodes: ["n"], edges: ["e"] } },
    n: { name: "n", panel_type: "node", status: "error", error: "boom", title: "N", dependencies: ["w"] },
    e: { name: "e", panel_type: "edge", status: "complete", title: "E" },
  };
  const logs = startLogs(Object.fromEntries(Object.entries(panels).map(([k, p]) =>
    [k, { ...p, status: "initialized" }])), at(0));
  addLog(logs, panels.w, at(1));
  addLog(logs, panels.c, at(3));
  addLog(logs, panels.n, at(2));
  completeLogs(logs, panels, at(4));
  const rows = (name) => panelLog(name, logs, panels).map((l) =>
    [l.timestamp.slice(17, 19), l.prefix || "", l.isDependency ? l.title : "", l.status, l.error || ""]);
  assert.deepEqual(rows("c"), [["00", "with", "nums", "initialized", ""], ["00", "", "", "initialized", ""],
                               ["01", "with", "nums", "complete", ""], ["03", "", "", "complete", ""]]);
  assert.deepEqual(rows("g"), [
    ["00", "with", "nums", "initialized", ""], ["00", "node", "N", "initialized", ""],
    ["00", "edge", "E", "initialized", ""], ["00", "", "", "initialized", ""],
    ["01", "with", "nums", "complete", ""], ["02", "node", "N", "error", "boom"],
    ["04", "edge", "E", "complete", ""], ["04", "", "", "complete", ""]]);
  assert.deepEqual(panelLog("nothing", logs, panels), []);
});
