// chart.test.mjs — a chart's ECharts option (logic/chart.js) as Powerpipe's Chart component builds
// it (ui/dashboard/src/components/dashboards/charts/Chart/index.tsx): every category label drawn,
// rotated and narrowed by the number of categories as its getXAxisLabelRotation and
// getXAxisLabelWidth decide; a legend only for more than one series; crosstab by its rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chartOption, chartData, categoryLabels } from "../../src/server/page/logic/chart.js";

const theme = { fg: "#000", line: "#ccc", muted: "#666", palette: ["#1", "#2", "#3"], ok: "#0f0",
                alert: "#f00" };
const panel = (cols, rows, props) => ({ display_type: "column", properties: props || {},
  data: { columns: cols.map(([name, data_type]) => ({ name, data_type })), rows } });

test("Powerpipe's label rotation and width by the number of categories", () => {
  /* [categories, rotate, width]: getXAxisLabelRotation(n - 1), getXAxisLabelWidth(n) */
  for (const [n, rotate, width] of [[4, 0, undefined], [5, 0, 85], [6, 30, 85], [10, 30, 75], [11, 45, 75],
                                    [15, 45, 60], [16, 60, 60], [20, 60, 50], [21, 90, 50]]) {
    const l = categoryLabels(n);
    assert.deepEqual([l.rotate, l.width, l.interval, l.overflow], [rotate, width, 0, "truncate"], "n=" + n);
  }
});

test("every category is a label of the axis: interval 0", () => {
  const rows = Array.from({ length: 8 }, (_, i) => ({ region: "Region number " + i, n: i }));
  const o = chartOption(panel([["region", "TEXT"], ["n", "INTEGER"]], rows), theme);
  assert.equal(o.xAxis.data.length, 8);
  assert.equal(o.xAxis.axisLabel.interval, 0);
  assert.equal(o.xAxis.axisLabel.rotate, 30);
  assert.equal(o.xAxis.axisLabel.color, "#000");
});

test("a legend for more than one series only", () => {
  const one = chartOption(panel([["r", "TEXT"], ["n", "INTEGER"]], [{ r: "a", n: 1 }]), theme);
  const two = chartOption(panel([["r", "TEXT"], ["a", "INTEGER"], ["b", "INTEGER"]],
                                [{ r: "a", a: 1, b: 2 }]), theme);
  assert.equal(one.legend.show, false);
  assert.equal(two.legend.show, true);
});

test("crosstab: 3 columns of which only the last is numeric", () => {
  const d = chartData(panel([["r", "TEXT"], ["s", "TEXT"], ["n", "INTEGER"]],
                            [{ r: "north", s: "ok", n: 4 }, { r: "north", s: "alarm", n: 1 },
                             { r: "south", s: "ok", n: 2 }]));
  assert.deepEqual(d.cats, ["north", "south"]);
  assert.deepEqual(d.series, [{ key: "ok", values: [4, 2] }, { key: "alarm", values: [1, null] }]);
});

test("a heatmap over data that is no time: daily, a column per value, counts as numbers", async () => {
  const { heatmapData } = await import("../../src/server/page/logic/chart.js");
  /* Powerpipe's getDataConfigForChartType: no time apart (NaN) is not hourly: one "Daily" row,
   * the x axis the first column's values split at "T" (none here) */
  const d = heatmapData([["us-east-1", 3], ["eu-west-1", "9"], ["ap-south-1", "x"], [null, 2]]);
  assert.equal(d.interval, "daily");
  assert.deepEqual(d.xAxisData, ["us-east-1", "eu-west-1", "ap-south-1", ""]);
  assert.deepEqual(d.yAxisData, ["Daily"]);
  assert.deepEqual(d.data, [["us-east-1", "Daily", 3], ["eu-west-1", "Daily", 9], ["ap-south-1", "Daily", 0],
                            ["", "Daily", 2]]);
  assert.equal(d.maxValue, 9);
});

test("narrow charts' labels turn further, none over another; wide ones' are Powerpipe's", async () => {
  const { categoryLabels, rotatedLeft } = await import("../../src/server/page/logic/chart.js");
  /* wide: Powerpipe's rotation by the count (getXAxisLabelRotation), ECharts to hide any overlap */
  assert.deepEqual([categoryLabels(4, { width: 1200, longest: 9 }).rotate,
                    categoryLabels(12, { width: 1200, longest: 7 }).rotate], [0, 45]);
  /* 2 labels of 13 characters (~85 px) in 200 px: no room flat (70 px each): turned */
  assert.equal(categoryLabels(2, { width: 200, longest: 13 }).rotate, 30);
  /* 12 labels in 240 px (15 px each): a 14 px line needs 28 px at 30°: straight up */
  const l = categoryLabels(12, { width: 240, longest: 7 });
  assert.deepEqual([l.rotate, l.hideOverlap, l.interval], [90, true, 0]);
  /* without a width (the option before its chart is sized): Powerpipe's, nothing hidden */
  assert.equal(categoryLabels(12).hideOverlap, false);
  /* a first label of 19 characters at 30° hangs ~100 px left of its tick, half of 40 px in */
  assert.equal(rotatedLeft({ rotate: 30, width: 85 }, 8, { width: 380, first: 19 }), 38);
  assert.equal(rotatedLeft({ rotate: 0 }, 8, { width: 380, first: 19 }), 8);
});
