/* benchmark.js — a benchmark of controls as Powerpipe's view shows it: summary cards, the rows of
 * benchmarks and controls with their bars, a control's results, documentation boxes. */
import { table } from "./table.js";
import { el } from "./dom.js";
import { stringColor } from "./logic/colors.js";
import { cellText, localNumber } from "./logic/format.js";
import { WAITING } from "./layout.js";
import { icon } from "./icons.js";
import { markdown } from "./text.js";
import { detectionSummary, detectionCards, detectionHead } from "./detection.js";
import { isDetectionRoot, showCheckView } from "./check-view.js";
import { applyFilter } from "./logic/grouping.js";
import { state } from "./state.js";
import { controlButton } from "./controls.js";
import { sidePanel } from "./table-tools.js";

export const STATUSES = ["ok", "alarm", "error", "info", "skip"];

export function statusCounts(summary) {
  const div = el("div", "counts");
  for (const k of STATUSES) {
    const span = el("span", "count", k + " " + ((summary && summary[k]) || 0));
    span.dataset.status = k;
    div.append(span);
  }
  return div;
}

export function control(p) {
  const frag = document.createDocumentFragment();
  frag.append(statusCounts(p.summary));
  if (p.data && (p.data.rows || []).length) {
    const first = ["status", "resource", "reason"];
    const cols = (p.data.columns || []).slice().sort((a, b) =>
      ((first.indexOf(a.name) + 4) % 4) - ((first.indexOf(b.name) + 4) % 4));
    frag.append(table(p.name, p.data, cols));
  }
  return frag;
}

/* A control's results in a benchmark, as Powerpipe's CheckResults shows them: its error, or "No
 * results", or a row per result: its status's icon (Heroicons', titled), its reason and its
 * dimensions (every other column but resource, in order, as strings: a null is "", as Powerpipe's
 * ToString makes it), each in its value's colour; the rows in the run's order (error, alarm, info, ok,
 * skip: Powerpipe's) */
export const RESULT_ICONS = { ok: ["check-circle", "OK"], alarm: ["bell", "Alarm"],
  error: ["exclamation-circle", "Error"], info: ["information-circle", "Info"],
  skip: ["arrow-right-circle", "Skipped"], empty: ["no-symbol", "No results"] };

/* Powerpipe's "View controls" on a result (CheckPanel's cell control, ControlSidePanel): the result's
 * status, reason, resource, severity, dimensions and its control's tags in a side panel */
function viewControl(row, control, fields) {
  const dl = el("dl", "row-view");
  for (const [k, v] of fields) dl.append(el("dt", "", k), el("dd", "", v));
  sidePanel(row.closest(".node") || row.parentElement, control.title || control.name, dl);
}

/* a result's row: its status's icon, its reason, its dimensions; with its control (result: {control,
 * status, reason, resource, severity, dimensions}) a "View control" button too */
export function resultRow(status, text, dims, result) {
  const row = el("div", "result"), [name, title] = RESULT_ICONS[status] || ["question-mark-circle", ""];
  row.dataset.status = status in RESULT_ICONS ? status : "unknown";
  const ic = icon("heroicons-solid:" + name);
  ic.title = title;
  row.append(ic, el("div", "reason", text));
  if (dims && dims.length) {
    const box = el("div", "dims");
    for (const [k, v] of dims) {
      const d = el("span", "dim", v);
      d.title = k + " = " + v;
      d.style.color = stringColor(v);
      box.append(d);
    }
    row.append(box);
  }
  if (result) {
    const fields = [["status", result.status], ["reason", result.reason], ["resource", result.resource]]
      .concat(result.severity ? [["severity", result.severity]] : [], dims || [],
              Object.entries(result.control.tags || {}));
    row.append(controlButton("split_scene", "View control", false,
                             () => viewControl(row, result.control, fields)));
  }
  return row;
}

export function checkResults(p) {
  const list = el("div", "check-results");
  if (p.error) list.append(resultRow("error", p.error));
  else if (!p.data || WAITING[p.status]) return list;
  const cols = ((p.data || {}).columns || []).map((c) => c.name);
  const dimCols = cols.filter((c) => !["status", "reason", "resource"].includes(c));
  const rows = (p.data && p.data.rows) || [];
  if (!p.error && !rows.length) list.append(resultRow("empty", "No results"));
  const control = { name: p.name, title: p.title || (p.name || "").split(".").pop(), tags: p.tags || {} };
  const severity = p.severity || (p.properties || {}).severity || "";
  for (const r of rows)
    list.append(resultRow(cellText(r.status), cellText(r.reason), dimCols.map((c) => [c, cellText(r[c])]),
                          { control, status: cellText(r.status), reason: cellText(r.reason),
                            resource: cellText(r.resource), severity }));
  return list;
}

/* Powerpipe's DocumentationView: a benchmark's or control's documentation, as markdown in a box
 * that a click on its help icon opens and closes (not the row's click) */
export function docsButton(text) {
  const box = el("span", "docs");
  const ic = icon("materialsymbols-solid:help");
  ic.title = "View documentation";
  const doc = markdown(text, "");
  doc.onclick = (e) => e.stopPropagation();
  box.append(ic, doc);
  box.onclick = (e) => { e.stopPropagation(); box.classList.toggle("open"); };
  return box;
}

/* a detection's (or a detection benchmark's) count: its rows (the detections' below it) */
export function rowCount(n, what) {
  const span = el("span", "count rows", n + " rows" + (what ? " in " + what : ""));
  span.dataset.rows = n;
  const div = el("div", "counts");
  div.append(span);
  return div;
}

/* a control's status counts, or a benchmark's: the sums over the controls below it in the layout */
export function checkSummary(div) {
  const sum = Object.fromEntries(STATUSES.map((k) => [k, 0]));
  const controls = div.dataset.type === "control" ? [div]
    : div.querySelectorAll('.node[data-type="control"]');
  for (const c of controls) {
    const p = state.panels[c.dataset.name];
    for (const k of STATUSES) sum[k] += (p && p.summary && p.summary[k]) || 0;
  }
  return sum;
}

/* a benchmark's counts: Powerpipe's summary cards of its controls (checkSummary) or of its
 * detections' rows (detectionSummary); none for a row, whose bar or total says them */
export function benchmarkCounts(div) {
  if (isCheckRow(div)) return document.createDocumentFragment();   /* its bar or total says them */
  if (div.querySelector('.node[data-type="detection"]')) return detectionCards(detectionSummary(div));
  return isCheckRoot(div) ? summaryCards(checkSummary(div)) : statusCounts(checkSummary(div));
}

/* A benchmark of controls as Powerpipe's UI shows it (grouping/Benchmark, CheckPanel,
 * CheckSummaryChart): the totals as cards on top; each benchmark and control below a row that opens
 * on a click, its title beside a bar of its results (alarms and errors left of a line, ok, info and
 * skips right of it, every row on the scale of the largest row of the top level) and, opened, its
 * counts and rows. */
export const inBenchmark = (div) => {
  const up = div.parentElement.closest(".node");
  return !!up && up.dataset.type === "benchmark";
};

export const isCheckRoot = (div) => div.dataset.type === "benchmark" && !inBenchmark(div);

export const isCheckRow = (div) => ["control", "benchmark", "detection"].includes(div.dataset.type) &&
  inBenchmark(div);

/* Powerpipe's summary cards of a benchmark's totals: each status's label, icon and card type; a
 * status filter shows the statuses it keeps alone */
export function summaryCards(sum, filter) {
  const cards = [["OK", sum.ok, sum.ok > 0 ? "ok" : "skip", "materialsymbols-solid:check_circle", "ok"],
    ["Alarm", sum.alarm, sum.alarm > 0 ? "alert" : "skip", "materialsymbols-solid:circle_notifications",
     "alarm"],
    ["Error", sum.error, sum.error > 0 ? "alert" : "skip", "materialsymbols-solid:error", "error"],
    ["Info", sum.info, sum.info > 0 ? "info" : "skip", "materialsymbols-solid:info", "info"],
    ["Skipped", sum.skip, "skip", "materialsymbols-solid:arrow_circle_right", "skip"]];
  const byStatus = ((filter && filter.expressions) || []).find((f) => f.type === "status");
  return cardRow(cards.filter((c) => !byStatus || applyFilter(byStatus, c[4]))
    .map((c) => c.concat("status")));
}

/* a row of cards: [label, value, card type, icon, metric, dimension] each; one with a metric filters
 * the view by it on a click (check-view.js: Powerpipe's FilterCardWrapper) */
export function cardRow(cards) {
  const row = el("div", "summary-cards");
  for (const [label, value, type, iconName, metric, dimension] of cards) {
    const card = el("div", "card " + type);
    if (metric) {
      card.dataset.metric = metric;
      card.dataset.dimension = dimension;
      card.tabIndex = 0;
      card.setAttribute("role", "button");
      card.title = "Filter by " + dimension + " " + label;
    }
    const text = el("div");
    text.append(el("div", "card-label", label), el("div", "card-value", localNumber(value)));
    card.append(icon(iconName), text);
    row.append(card);
  }
  return row;
}

/* Powerpipe's CheckSummaryChart of one row's counts (sum), on the top level's scale (most: the
 * largest alarms + errors and ok + info + skips of a top-level row) */
export function summaryChart(sum, most) {
  const alerts = sum.alarm + sum.error, others = sum.ok + sum.info + sum.skip;
  const share = (x, y) => { const pc = (x / (x + y)) * 100; return pc >= 0.5 ? Math.round(pc) : 1; };
  const chart = el("div", "check-chart");
  chart.title = [["Error", sum.error], ["Alarm", sum.alarm], ["OK", sum.ok], ["Info", sum.info],
    ["Skipped", sum.skip]].filter(([, n]) => n).map(([k, n]) => k + ": " + localNumber(n)).join("\n");
  /* a side of the line: its bars, each its share of the largest side of the top level */
  const side = (cls, width, parts) => {
    const box = el("div", "side " + cls);
    box.style.width = width * 0.9 + "%";
    for (const [k, n, of] of parts) {
      if (!n || !of) continue;
      const bar = el("span", "bar");
      bar.dataset.status = k;
      bar.style.width = Math.min(100, (n / of) * 100) + "%";
      box.append(bar);
    }
    return box;
  };
  /* the right total's colour: the largest of ok, info and skips (Powerpipe's) */
  const otherCls = !others ? "none" : sum.skip > sum.info && sum.skip > sum.ok ? "skip"
    : sum.info > sum.ok && sum.info >= sum.skip ? "info" : "ok";
  const sides = el("div", "sides");
  sides.append(side("alerts", share(most.alerts, most.others),
                    [["alarm", sum.alarm, most.alerts], ["error", sum.error, most.alerts]]),
               el("span", "divider"),
               side("others", share(most.others, most.alerts), [["ok", sum.ok, most.others],
                    ["info", sum.info, most.others], ["skip", sum.skip, most.others]]));
  chart.append(el("span", "total alerts " + (alerts ? "alert" : "none"), localNumber(alerts)), sides,
               el("span", "total others " + otherCls, localNumber(others)));
  return chart;
}

/* every row's bar of each benchmark on the page again (a control's result changes the scale), and
 * its summary cards, or its grouped view (showCheckView), once a frame */
export let checkRowsDirty = false;

export function refreshCheckRows() {
  if (checkRowsDirty) return;
  checkRowsDirty = true;
  requestAnimationFrame(() => {
    checkRowsDirty = false;
    for (const root of document.querySelectorAll('#layout .node[data-type="benchmark"]')) {
      if (!isCheckRoot(root)) continue;
      showCheckView(root);
      if (root.classList.contains("regrouped")) continue;
      if (isDetectionRoot(root)) {
        for (const div of root.querySelectorAll(".node"))
          if (isCheckRow(div)) detectionHead(div.querySelector(":scope > .head"), detectionSummary(div));
        continue;
      }
      const top = [...root.querySelectorAll(":scope > .kids > .node")].filter(isCheckRow).map(checkSummary);
      const most = { alerts: Math.max(0, ...top.map((t) => t.alarm + t.error)),
                     others: Math.max(0, ...top.map((t) => t.ok + t.info + t.skip)) };
      for (const div of root.querySelectorAll(".node")) {
        if (!isCheckRow(div)) continue;
        const head = div.querySelector(":scope > .head");
        const old = head.querySelector(".check-chart");
        const chart = summaryChart(checkSummary(div), most);
        if (old) old.replaceWith(chart); else head.append(chart);
      }
    }
  });
}
