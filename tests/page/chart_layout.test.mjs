// chart_layout.test.mjs — a chart's legend and axis titles (logic/chart.js), its heatmap, a card's
// value (logic/card.js) and a flow's sankey (logic/graph.js), against Powerpipe's UI
// (ui/dashboard/src/components/dashboards: Chart's getOptionOverridesForChartType, adjustGridConfig,
// getDataConfigForChartType and heatmap options; common/index.ts buildNodesAndEdges and
// buildSankeyDataInputs) and the geometry a reader needs (titles and legends clear of the labels).
import { test } from "node:test";
import assert from "node:assert/strict";
import { chartOption, axisNameGaps, heatmapData, heatmapOption, LEGEND_BAND, NAME_BAND, LEGEND_SIDE }
  from "../../src/server/page/logic/chart.js";
import { longestWord } from "../../src/server/page/logic/card.js";
import { nodesAndEdges, sankeyData } from "../../src/server/page/logic/graph.js";

const theme = { fg: "#000", line: "#ccc", muted: "#666", panel: "#fff", palette: ["#p0", "#p1", "#p2"],
                ok: "#0f0", alert: "#f00", info: "#00f" };
const panel = (type, props, cols, rows) => ({ display_type: type, properties: props,
  data: { columns: cols.map(([name, data_type]) => ({ name, data_type })), rows } });
const two = (type, props) => panel(type, props, [["r", "TEXT"], ["a", "INTEGER"], ["b", "INTEGER"]],
                                   [{ r: "x", a: 1, b: 2 }, { r: "y", a: 3, b: 4 }]);
const titles = { x: { title: { value: "Region" } }, y: { title: { value: "Count" } } };

test("axis titles: Powerpipe's values and places (middle unless aligned), a band of the grid each", () => {
  const o = chartOption(two("column", { axes: titles }), theme);
  assert.equal(o.xAxis.name, "Region");
  assert.equal(o.yAxis.name, "Count");
  assert.equal(o.xAxis.nameLocation, "middle");
  assert.equal(o.grid.containLabel, true);
  const plain = chartOption(two("column", {}), theme);
  assert.equal(o.grid.bottom - plain.grid.bottom, NAME_BAND);
  assert.equal(o.grid.left - plain.grid.left, NAME_BAND);
  const end = chartOption(two("column", { axes: { x: { title: { value: "R", align: "end" } } } }), theme);
  assert.equal(end.xAxis.nameLocation, "end");
  const none = chartOption(two("column", { axes: { x: { title: { value: "R", display: "none" } } } }), theme);
  assert.equal(none.xAxis.name, undefined);
  assert.equal(none.grid.bottom, plain.grid.bottom);
});

test("the legend's room where Powerpipe puts it (top by default; bottom, left, right)", () => {
  const at = (position) => chartOption(two("column", { legend: { position } }), theme);
  const top = at(undefined), bottom = at("bottom"), left = at("left"), right = at("right");
  assert.equal(top.legend.show, true);
  assert.equal(top.grid.top - bottom.grid.top, LEGEND_BAND);
  assert.equal(bottom.legend.bottom, 0);
  assert.equal(bottom.legend.top, "auto");
  assert.equal(bottom.grid.bottom - top.grid.bottom, LEGEND_BAND);
  assert.equal(left.legend.orient, "vertical");
  assert.equal(left.grid.left - top.grid.left, LEGEND_SIDE);
  assert.equal(right.grid.right - top.grid.right, LEGEND_SIDE);
  /* a side legend's texts fit the room: its 25 px swatch, 5 px gap and truncated text */
  assert.ok(right.legend.textStyle.width + 30 <= LEGEND_SIDE);
  /* no legend, no room: one series */
  const one = chartOption(
      panel(
          "column", { legend: { position: "bottom" } }, [["r", "TEXT"], ["n", "INTEGER"]],
          [{ r: "x", n: 1 }]),
      theme);
  assert.equal(one.legend.show, false);
  assert.equal(one.grid.bottom, top.grid.bottom);
});

test("a title's gap: just beyond the labels the plot's rect leaves between it and the grid's edge", () => {
  const grid = { left: 30, bottom: 30 };
  /* a 400x300 chart whose plot starts 42 px right of the grid's edge and ends 36 px above its bottom */
  const g = axisNameGaps(grid, { x: 72, y: 20, width: 300, height: 214 }, { width: 400, height: 300 });
  assert.deepEqual(g, { x: 36 + 4, y: 42 + 4 });
});

test("pie and donut: no legend unless asked for, Powerpipe's radius and centre", () => {
  const pie = panel("pie", {}, [["s", "TEXT"], ["n", "INTEGER"]], [{ s: "a", n: 1 }, { s: "b", n: 2 }]);
  const o = chartOption(pie, theme);
  assert.equal(o.legend.show, false);
  assert.equal(o.series[0].radius, "50%");
  assert.deepEqual(o.series[0].center, ["50%", "40%"]);
  const d = chartOption(
      Object.assign(pie, { display_type: "donut", properties: { legend: { display: "all" } } }), theme);
  assert.deepEqual(d.series[0].radius, ["30%", "50%"]);
  assert.equal(d.legend.show, true);
});

test("heatmap data as getDataConfigForChartType: daily, hourly, the largest count", () => {
  const daily =
      heatmapData([["2024-01-01T00:00:00Z", 3], ["2024-01-02T00:00:00Z", 7], ["2024-01-03T00:00:00Z", 0]]);
  assert.equal(daily.interval, "daily");
  assert.deepEqual(daily.xAxisData, ["2024-01-01", "2024-01-02", "2024-01-03"]);
  assert.deepEqual(daily.yAxisData, ["Daily"]);
  assert.deepEqual(daily.data[1], ["2024-01-02", "Daily", 7]);
  assert.equal(daily.maxValue, 7);
  /* an hour apart on average: hourly, the 24 hours as rows */
  const hourly = heatmapData([["2024-01-01T09:00:00Z", 1], ["2024-01-01T10:00:00Z", 5]]);
  assert.equal(hourly.interval, "hourly");
  assert.equal(hourly.yAxisData.length, 24);
  assert.equal(hourly.yAxisData[9], "09:00");
  assert.deepEqual(hourly.data, [["2024-01-01", "09:00", 1], ["2024-01-01", "10:00", 5]]);
});

test("heatmap option: a heatmap series, Powerpipe's pieces at 20% steps of the largest count", () => {
  const p = panel("heatmap", {}, [["t", "TEXT"], ["n", "INTEGER"]],
                  [{ t: "2024-01-01T00:00:00Z", n: 100 }, { t: "2024-01-02T00:00:00Z", n: 0 }]);
  const o = heatmapOption(p, theme);
  assert.equal(o.series[0].type, "heatmap");
  assert.deepEqual(
      o.visualMap.pieces.map((x) => x.label), ["0", "1-19", "20-39", "40-59", "60-79", "80-100"]);
  assert.deepEqual(o.visualMap.pieces.map((x) => x.color),
                   [theme.line, "#dae2fa", "#b6c5f6", "#91a7f1", "#6d8aed", "#486de8"]);
  assert.equal(chartOption(p, theme).series[0].type, "heatmap");
});

test("a card value's longest word", () => {
  assert.equal(longestWord("Disabled"), 8);
  assert.equal(longestWord("Not enabled"), 7);
  assert.equal(longestWord("ap-southeast-2 x"), 14);
  assert.equal(longestWord(""), 0);
  assert.equal(longestWord("日本語"), 3);
});

test(
    "a flow's sankey as buildSankeyDataInputs: depths, category colours, links by their row's category",
    () => {
      const rows = [
        { id: "d", title: "dest", depth: 2, category: "source" },
        { id: "p", title: "port", category: "port" },
        { id: "g", title: "group" },
        { id: "i", title: "inst", category: "inst", from_id: "g" },
        { from_id: "d", to_id: "p", category: "alert" },
        { from_id: "p", to_id: "g", category: "ok" },
      ];
      const cats = { alert: { color: "alert" }, ok: { color: "ok" }, port: { depth: 1 } };
      const s = sankeyData(nodesAndEdges(rows), rows, cats, theme);
      const by = Object.fromEntries(s.nodes.map((n) => [n.id, n]));
      /* the row's depth, the category's, else one more than the node it is first reached from */
      assert.equal(by.d.depth, 2);
      assert.equal(by.p.depth, 1);
      /* in the order of the edges (the rows'): g -> i first (g 0, i 1), then p -> g makes g 2, and
       * i keeps its 1, as Powerpipe's nodeDepths does */
      assert.equal(by.g.depth, 2);
      assert.equal(by.i.depth, 1);
      /* categories in the order rows name them, undeclared and colourless ones the palette's next */
      assert.equal(by.d.color, "#p0"); /* source: first, no colour */
      assert.equal(by.p.color, "#p1"); /* port: declared without a colour */
      assert.equal(by.i.color, "#p2"); /* inst */
      assert.equal(by.g.color, "#p0"); /* no category: the palette's next after them (wrapped) */
      assert.deepEqual(
          s.links.map((l) => [l.source, l.target, l.color]),
          [["g", "i", "target"], ["d", "p", "#f00"], ["p", "g", "#0f0"]]);
    });
