/* logic/chart.js — a chart panel's ECharts option, as Powerpipe's Chart component builds it: its
 * data (series, crosstab), its type, its legend and axes properties, the theme's colours (pure: no
 * DOM; the theme comes as an argument). */
import { cellText, isNumericCol } from "./format.js";
import { themeColor } from "./colors.js";

/* Powerpipe's chart data: the categories (the first column) and the series: every other column,
 * or, crosstabbed (transform "crosstab", or "auto" and 3 columns of which only the last is
 * numeric), one series per value of the second column */
export function chartData(p) {
  const cols = p.data.columns || [], rows = p.data.rows || [];
  const tr = (p.properties || {}).transform;
  const str = (v) => (typeof v === "boolean" ? String(v) : v);
  const crosstab = cols.length >= 3 && (tr === "crosstab" || (tr !== "none" && cols.length === 3 &&
    !isNumericCol(cols[0].data_type) && !isNumericCol(cols[1].data_type) && isNumericCol(cols[2].data_type)));
  if (!crosstab)
    return { cats: rows.map((r) => str(r[cols[0].name])),
             series: cols.slice(1).map((c) => ({ key: c.name, values: rows.map((r) => r[c.name]) })) };
  const cats = [], idx = new Map(), series = new Map();
  for (const r of rows) {
    const x = str(r[cols[0].name]), s = str(r[cols[1].name]), v = r[cols[2].name];
    if (!idx.has(x)) { idx.set(x, cats.length); cats.push(x); }
    if (s === null || s === undefined || s === "") continue;
    if (!series.has(s)) series.set(s, []);
    const vals = series.get(s), k = idx.get(x);
    vals[k] = vals[k] === undefined || vals[k] === null ? v : vals[k] + v;
  }
  return { cats, series: [...series].map(([key, vals]) =>
    ({ key: String(key), values: cats.map((_, k) => (vals[k] === undefined ? null : vals[k])) })) };
}

/* the ECharts text colours of the theme (theme.js currentTheme) */
export function themed(o, theme) {
  const fg = theme.fg, line = theme.line;
  o.textStyle = { color: fg };
  o.backgroundColor = "transparent";
  if (o.legend) o.legend.textStyle = { color: fg };
  for (const a of [].concat(o.xAxis || [], o.yAxis || []))
    Object.assign(a, { axisLabel: Object.assign({ color: fg }, a.axisLabel), nameTextStyle: { color: fg },
                       axisLine: { lineStyle: { color: line } }, splitLine: { lineStyle: { color: line } } });
  return o;
}

/* a chart's legend and axes properties, as Powerpipe's getOptionOverridesForChartType sets them */
export function chartOverrides(o, props, type) {
  const lg = props.legend || {};
  if (lg.display === "none") o.legend.show = false;
  if (lg.display === "all") o.legend.show = true;
  const pos = { top: { orient: "horizontal", left: "center", top: 0 },
                bottom: { orient: "horizontal", left: "center", top: "auto", bottom: 0 },
                left: { orient: "vertical", left: 0, top: "middle" },
                right: { orient: "vertical", left: "auto", right: 0, top: "middle" } }[lg.position];
  if (pos) Object.assign(o.legend, pos);
  const axes = props.axes || {};
  for (const [k, ax] of [["x", o.xAxis], ["y", o.yAxis]]) {
    const a = axes[k];
    if (!a || !ax) continue;
    if (a.display === "none") ax.show = false;
    if (a.labels && a.labels.display === "none") ax.axisLabel = { show: false };
    if (a.title && a.title.display !== "none" && a.title.value) {
      ax.name = a.title.value;
      ax.nameLocation = a.title.align === "start" ? "start" : a.title.align === "end" ? "end" : "middle";
      ax.nameGap = 28;
    }
    /* min and max are on the value axis: y's, x's on a bar chart (horizontal) */
    if ((k === "y") === (type !== "bar")) {
      if (typeof a.min === "number") ax.min = a.min;
      if (typeof a.max === "number") ax.max = a.max;
    }
  }
  return o;
}

/* A category axis's labels for n categories, as Powerpipe's Chart sets its x axis's (getXAxisLabelRotation
 * of n - 1, getXAxisLabelWidth of n): more categories, more rotated and narrower (truncated), and every
 * one drawn (interval 0: ECharts' default hides those that would overlap) */
export function categoryLabels(n) {
  const rotate = n - 1 < 5 ? 0 : n - 1 < 10 ? 30 : n - 1 < 15 ? 45 : n - 1 < 20 ? 60 : 90;
  const width = n < 5 ? undefined : n < 10 ? 85 : n < 15 ? 75 : n < 20 ? 60 : 50;
  return { interval: 0, rotate, width, overflow: "truncate", fontSize: 10, hideOverlap: false };
}

/* a chart panel's ECharts option in a theme (theme.js currentTheme) */
export function chartOption(p, theme) {
  const props = p.properties || {}, type = p.display_type || "column";
  const { cats, series } = chartData(p);
  const conf = props.series || {}, pal = theme.palette;
  const title = (s) => (conf[s.key] && conf[s.key].title) || s.key;
  const base = { animation: false, tooltip: { renderMode: "richText" }, legend: { type: "scroll", top: 0 } };
  if (type === "pie" || type === "donut") {
    const s = series[0], points = (s && conf[s.key] && conf[s.key].points) || {};
    return themed(chartOverrides(Object.assign(base, { tooltip: { trigger: "item", renderMode: "richText" },
      series: [{ type: "pie", name: s ? title(s) : "", radius: type === "donut" ? ["40%", "70%"] : "70%", top: 24,
        label: { color: theme.fg },
        data: s ? cats.map((c, i) => ({ name: cellText(c), value: s.values[i], itemStyle: {
          color: themeColor((points[c] || {}).color, theme) || pal[i % pal.length] } })) : [] }] }), props, type), theme);
  }
  const stack = (props.grouping || "stack") === "stack" ? "total" : undefined;
  const horizontal = type === "bar";
  const time = /time|date/i.test((p.data.columns[0] || {}).data_type || "") && !horizontal;
  const cat = time ? { type: "time" } : { type: "category", data: cats.map(cellText),
                                          axisLabel: horizontal ? { interval: 0 } : categoryLabels(cats.length) };
  const val = { type: "value" };
  /* a legend only for more than one series (Powerpipe's) */
  base.legend.show = series.length > 1;
  return themed(chartOverrides(Object.assign(base, {
    tooltip: { trigger: "axis", renderMode: "richText" },
    grid: { top: 32, left: 8, right: 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? val : cat, yAxis: horizontal ? cat : val,
    series: series.map((s, i) => ({
      name: title(s), type: type === "line" || type === "area" ? "line" : "bar",
      stack: type === "line" ? undefined : stack, areaStyle: type === "area" ? {} : undefined,
      itemStyle: { color: themeColor((conf[s.key] || {}).color, theme) || pal[i % pal.length] },
      data: time ? s.values.map((v, k) => [cats[k], v]) : s.values })),
  }), props, type), theme);
}
