// progress.test.mjs — the run's progress bar (logic/progress.js) as Powerpipe's calculateProgress
// (utils/dashboardEventHandlers.ts): data panels complete or in error over all data panels, rounded
// up; containers, dashboards and benchmarks left out, controls counted; 100 with none.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runProgress } from "../../src/server/page/logic/progress.js";

test("progress", () => {
  const p = (panel_type, status) => ({ panel_type, status });
  assert.equal(runProgress({}), 100);
  assert.equal(runProgress({ d: p("dashboard", "running"), c: p("container", "running") }), 100);
  assert.equal(runProgress({ d: p("dashboard", "running"), a: p("card", "complete"),
                             b: p("chart", "running"),
                             e: p("table", "error") }), 67);
  assert.equal(runProgress({ b: p("benchmark", "running"), c1: p("control", "complete"),
                             c2: p("control", "running"), c3: p("control", "blocked") }), 34);
});
