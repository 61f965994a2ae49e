/* logic/chart.js — a chart panel's ECharts option, as Powerpipe's Chart component builds it: its
 * data (series, crosstab), its type, its legend and axes properties, the theme's colours (pure: no
 * DOM; the theme comes as an argument). */
import { cellText, isNumericCol, localNumber } from "./format.js";
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
  if (o.legend) o.legend.textStyle = Object.assign({}, o.legend.textStyle, { color: fg });
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
  /* a side legend's texts truncated, so that the room the grid leaves it (chartGrid) holds them */
  const side = { width: LEGEND_SIDE - 40, overflow: "truncate" };
  const pos = { top: { orient: "horizontal", left: "center", top: 0, bottom: "auto" },
                bottom: { orient: "horizontal", left: "center", top: "auto", bottom: 0 },
                left: { orient: "vertical", left: 8, top: "middle", bottom: "auto", textStyle: side },
                right: { orient: "vertical", left: "auto", right: 8, top: "middle", bottom: "auto",
                         textStyle: side } }[lg.position];
  if (pos) Object.assign(o.legend, pos, { textStyle: Object.assign({}, o.legend.textStyle, pos.textStyle) });
  const axes = props.axes || {};
  for (const [k, ax] of [["x", o.xAxis], ["y", o.yAxis]]) {
    const a = axes[k];
    if (!a || !ax) continue;
    if (a.display === "none") ax.show = false;
    if (a.display === "all") ax.show = true;
    if (a.labels && a.labels.display === "none")
      ax.axisLabel = Object.assign({}, ax.axisLabel, { show: false });
    if (a.title && a.title.display !== "none" && a.title.value) {
      ax.name = String(a.title.value);
      ax.nameLocation = a.title.align === "start" ? "start" : a.title.align === "end" ? "end" : "middle";
      /* beyond the axis's labels: chartGrid's first guess, axisNameGaps once they are measured */
      ax.nameGap = k === "x" ? 30 : 50;
    }
    /* min and max are on the value axis: y's, x's on a bar chart (horizontal) */
    if ((k === "y") === (type !== "bar")) {
      if (typeof a.min === "number") ax.min = a.min;
      if (typeof a.max === "number") ax.max = a.max;
    }
  }
  return o;
}

/* The plot's margins (px): room for the legend where it is and for each axis title, as Powerpipe's
 * adjustGridConfig makes room for them (it in percentages of the chart, here in the pixels they
 * take).  The axes' labels stay inside the grid (containLabel), so that neither a legend nor a title
 * ever overlaps them. */
export const LEGEND_BAND = 28, NAME_BAND = 22, LEGEND_SIDE = 150;

export function chartGrid(o, props) {
  const g = { top: 12, left: 8, right: 16, bottom: 8, containLabel: true };
  if (o.legend && o.legend.show) {
    const pos = (props.legend || {}).position || "top";
    if (pos === "top") g.top += LEGEND_BAND;
    else if (pos === "bottom") g.bottom += LEGEND_BAND;
    else if (pos === "left") g.left += LEGEND_SIDE;
    else if (pos === "right") g.right += LEGEND_SIDE;
  }
  const named = (ax) => ax && ax.show !== false && ax.name;
  /* a title at the middle of its axis in a band of its own; one at the end of the y axis stands
   * above the plot, one at the end of the x axis right of it (about 7 px a character) */
  if (named(o.xAxis) && o.xAxis.nameLocation === "middle") g.bottom += NAME_BAND;
  if (named(o.xAxis) && o.xAxis.nameLocation === "end") g.right += 7 * o.xAxis.name.length;
  if (named(o.yAxis) && o.yAxis.nameLocation === "middle") g.left += NAME_BAND;
  if (named(o.yAxis) && o.yAxis.nameLocation === "end") g.top += NAME_BAND;
  o.grid = g;
  return o;
}

/* The axis titles' gaps once ECharts has laid the chart out: rect the plot (the grid's
 * coordinate system), size the chart's.  With containLabel the labels fill the grid's box from
 * its edge to the plot, so a title just beyond that box (in the band chartGrid left for it) is
 * clear of the labels and inside the chart: ECharts puts a middle title's near edge nameGap from
 * its axis. */
export function axisNameGaps(grid, rect, size) {
  const xLabels = size.height - grid.bottom - (rect.y + rect.height), yLabels = rect.x - grid.left;
  return { x: Math.max(0, Math.round(xLabels)) + 4, y: Math.max(0, Math.round(yLabels)) + 4 };
}

/* A category axis's labels for n categories, as Powerpipe's Chart sets its x axis's (getXAxisLabelRotation
 * of n - 1, getXAxisLabelWidth of n): more categories, more rotated and narrower (truncated), every
 * one asked for (interval 0).  In a narrow chart (fit: the longest label's characters and the chart's
 * width, when known) Powerpipe's labels run into each other: there they turn further (45°, 90°) once
 * the longest does not fit its category's width flat, and ECharts leaves out those that would still
 * overlap (hideOverlap) rather than draw them over each other. */
export const CHAR_PX = 6.5;   /* about a character of the 10 px labels (capitals the widest) */
export function categoryLabels(n, fit) {
  let rotate = n - 1 < 5 ? 0 : n - 1 < 10 ? 30 : n - 1 < 15 ? 45 : n - 1 < 20 ? 60 : 90;
  const width = n < 5 ? undefined : n < 10 ? 85 : n < 15 ? 75 : n < 20 ? 60 : 50;
  if (fit && fit.width) {
    const slot = Math.max(1, (fit.width - 60) / Math.max(1, n)), len = fit.longest * CHAR_PX;
    if (rotate === 0 && len > slot * 0.85) rotate = 30;
    if (rotate > 0 && rotate < 90 && 14 / Math.sin((rotate * Math.PI) / 180) > slot)
      rotate = slot >= 20 ? 45 : 90;
  }
  return { interval: 0, rotate, width, overflow: "truncate", fontSize: 10, hideOverlap: !!fit };
}

/* The room left of the plot a rotated first label needs (it hangs left of its tick, which is half a
 * category in): the grid's left margin (px), at least its usual 8 */
export function rotatedLeft(labels, n, fit) {
  if (!fit || !fit.width || !labels.rotate) return 8;
  const slot = (fit.width - 60) / Math.max(1, n);
  const shown = Math.min(fit.first * CHAR_PX, labels.width || Infinity);
  return Math.max(8, Math.ceil(shown * Math.cos((labels.rotate * Math.PI) / 180) - slot / 2 - 16));
}

/* A heatmap's data as Powerpipe's getDataConfigForChartType makes it from its first two columns (a
 * time, a count): hourly when its times are an hour or less apart on average (a column per day, a
 * row per hour), else daily (one row); maxValue the largest count.  Data that is no time (a region,
 * a name) is daily too, a column per value, as Powerpipe's draws it. */
export function heatmapData(rows) {
  /* a time as dayjs (Powerpipe's parseDate) reads one: ISO 8601; Date.parse would take "us-east-1" */
  const iso = (v) => /^\d{4}-\d\d-\d\d/.test(String(v));
  const secs = rows.map((r) => (iso(r[0]) ? Date.parse(String(r[0])) / 1000 : NaN));
  const diffs = secs.slice(1).map((t, i) => t - secs[i]);
  const interval = diffs.reduce((a, b) => a + b, 0) / diffs.length <= 3600 ? "hourly" : "daily";
  const day = (r) => String(r[0]).split("T")[0];
  let maxValue = 0;
  /* a count that is no number (a text column second) counts nothing, where ECharts would throw */
  const num = (v) => (typeof v === "number" ? v
    : v !== null && v !== "" && Number.isFinite(Number(v)) ? Number(v) : 0);
  rows = rows.map((r) => [r[0] === null || r[0] === undefined ? "" : r[0], num(r[1])]);
  const data = rows.map((r) => {
    if (!maxValue || r[1] > maxValue) maxValue = r[1];
    if (interval === "daily") return [day(r), "Daily", r[1]];
    const time = String(r[0]).split("T")[1] || "00";
    return [day(r), time.split(":")[0] + ":00", r[1]];
  });
  const yAxisData = interval === "daily" ? ["Daily"] :
    Array.from({ length: 24 }, (_, i) => (i < 10 ? "0" + i : String(i)) + ":00");
  return { interval, data, xAxisData: [...new Set(rows.map(day))], yAxisData, maxValue };
}

/* Powerpipe's heatmap: its piecewise scale of five blues above zero (at 20% steps of the largest
 * count), cells with the panel's colour as a gap around them */
export function heatmapOption(p, theme) {
  const cols = p.data.columns || [], rows = (p.data.rows || []).map((r) => cols.map((c) => r[c.name]));
  const d = heatmapData(rows), max = d.maxValue,
    f = (k) => Math.floor(max * k), n = (v) => localNumber(v);
  const blues = ["#dae2fa", "#b6c5f6", "#91a7f1", "#6d8aed", "#486de8"];
  const pieces = [{ value: 0, color: theme.line, label: "0" }].concat(blues.map((color, i) => {
    const lo = i ? f(i * 0.2) : 1, hi = i < 4 ? f((i + 1) * 0.2) - 1 : max;
    return { min: lo, max: hi, color, label: (i ? n(lo) : "1") + "-" + n(hi) };
  }));
  const axis = (data) => ({ type: "category", data, axisLabel: { color: theme.fg } });
  return themed({ animation: false, tooltip: { renderMode: "richText", position: "top",
      formatter: (x) => n(x.value[2]) + " entries on " + x.value[0] +
        (d.interval === "hourly" ? " at " + x.value[1] : "") },
    grid: { top: 48, left: 8, right: 16, bottom: 8, containLabel: true },
    visualMap: { type: "piecewise", show: true, orient: "horizontal", top: 10, left: "center", min: 0, max,
                 textStyle: { color: theme.fg }, pieces },
    xAxis: axis(d.xAxisData), yAxis: axis(d.yAxisData),
    series: [{ type: "heatmap", data: d.data,
               emphasis: { itemStyle: { borderColor: theme.panel, borderWidth: 1 } },
               itemStyle: { borderRadius: [3, 3, 3, 3], borderWidth: 2, borderColor: theme.panel } }] },
    theme);
}

/* a chart panel's ECharts option in a theme (theme.js currentTheme), for a chart size px wide
 * ({ width, height }, when known: its labels fitted to it) */
export function chartOption(p, theme, size) {
  const props = p.properties || {}, type = p.display_type || "column";
  if (type === "heatmap") return heatmapOption(p, theme);
  const { cats, series } = chartData(p);
  const conf = props.series || {}, pal = theme.palette;
  const title = (s) => (conf[s.key] && conf[s.key].title) || s.key;
  const base = { animation: false, tooltip: { renderMode: "richText" },
                 legend: { type: "scroll", top: 0, textStyle: { fontSize: 11 } } };
  if (type === "pie" || type === "donut") {
    /* Powerpipe's: no legend unless asked for, the labels outside the ring (donut 30-50%, pie 50%
     * a little above the middle) */
    const s = series[0], points = (s && conf[s.key] && conf[s.key].points) || {};
    base.legend.show = false;
    /* in a narrow chart the ring shrinks (to 24 px) so that the labels beside it keep their words
     * (up to 12 characters a line, wrapped onto more lines) where Powerpipe's are cut to "…" */
    let radius = type === "donut" ? ["30%", "50%"] : "50%", label = { overflow: "break" };
    if (size && size.width) {
      /* (a character of these labels is up to 7 px: wrapped at 12 of them) */
      const longest = 7 * Math.min(12, Math.max(1, ...cats.map((c) => [...cellText(c)].length)));
      const labelPx = Math.round(Math.max(42, Math.min(longest, size.width / 2 - 60)));
      const full = Math.min(size.width, size.height || size.width) / 4;
      const outer = Math.round(Math.max(24, Math.min(full, size.width / 2 - 36 - labelPx)));
      radius = type === "donut" ? [Math.round(outer * 0.6), outer] : outer;
      label = { overflow: "break", width: labelPx, lineHeight: 12 };
      /* no room beside the smallest ring: the labels against the chart's edges, in what is left */
      if (size.width / 2 - 36 - 24 < labelPx)
        label = { overflow: "break", lineHeight: 12, alignTo: "edge", edgeDistance: 4 };
    }
    return themed(chartOverrides(Object.assign(base, { tooltip: { trigger: "item", renderMode: "richText" },
      series: [{ type: "pie", name: s ? title(s) : "", radius,
        center: type === "donut" ? ["50%", "50%"] : ["50%", "40%"],
        label: Object.assign({ color: theme.fg, fontSize: 10 }, label),
        itemStyle: { borderRadius: 5, borderColor: theme.panel, borderWidth: 2 },
        data: s ? cats.map((c, i) => ({ name: cellText(c), value: s.values[i], itemStyle: {
          color: themeColor((points[c] || {}).color, theme) || pal[i % pal.length] } })) : [] }] }),
      props, type), theme);
  }
  const stack = (props.grouping || "stack") === "stack" ? "total" : undefined;
  const horizontal = type === "bar";
  const time = /time|date/i.test((p.data.columns[0] || {}).data_type || "") && !horizontal;
  const texts = cats.map(cellText), chars = (t) => [...String(t)].length;
  const fit = size && size.width ? { width: size.width, longest: Math.max(0, ...texts.map(chars)),
                                     first: texts.length ? chars(texts[0]) : 0 } : null;
  /* a bar chart's category labels take at most 40% of its width (Powerpipe's leave the plot none):
   * wrapped onto the lines its category's height holds, the rest cut by "…" */
  const barWidth = fit ? Math.max(60, Math.floor(size.width * 0.4)) : 0;
  const lines = !fit ? 1
    : Math.max(1, Math.floor(((size.height || 280) - 40) / Math.max(1, cats.length) / 12));
  const barLabels = { interval: 0, hideOverlap: !!fit, ...(fit ? { width: barWidth, lineHeight: 12,
    overflow: lines > 1 && fit.longest * CHAR_PX <= barWidth * lines ? "breakAll" : "truncate" } : {}) };
  const cat = time ? { type: "time" } : { type: "category", data: texts,
    axisLabel: horizontal ? barLabels : categoryLabels(cats.length, fit) };
  const val = { type: "value", axisLabel: { fontSize: 10 } };
  /* a legend only for more than one series (Powerpipe's) */
  base.legend.show = series.length > 1;
  const o = chartOverrides(Object.assign(base, {
    tooltip: { trigger: "axis", renderMode: "richText" },
    xAxis: horizontal ? val : cat, yAxis: horizontal ? cat : val,
    series: series.map((s, i) => ({
      name: title(s), type: type === "line" || type === "area" ? "line" : "bar",
      stack: type === "line" ? undefined : stack, areaStyle: type === "area" ? {} : undefined,
      itemStyle: { color: themeColor((conf[s.key] || {}).color, theme) || pal[i % pal.length] },
      data: time ? s.values.map((v, k) => [cats[k], v]) : s.values })),
  }), props, type);
  chartGrid(o, props);
  if (!horizontal && !time) o.grid.left = Math.max(o.grid.left, rotatedLeft(cat.axisLabel, cats.length, fit));
  return themed(o, theme);
}
