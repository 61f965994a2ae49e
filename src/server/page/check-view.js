/* check-view.js — a root benchmark's view: the default (its layout) or one regrouped and filtered
 * by the URL's grouping and where (logic/grouping.js), drawn with its summary cards. */
import { resultRow, docsButton, benchmarkCounts, summaryCards, summaryChart, isCheckRoot }
  from "./benchmark.js";
import { table } from "./table.js";
import { el } from "./dom.js";
import { remember } from "./selection.js";
import { cellText } from "./logic/format.js";
import { WAITING } from "./layout.js";
import { detectionSummary, detectionCards, detectionHead } from "./detection.js";
import { validFilter, includeResult, includeDetection, groupResults, sortedKids, summaryCardFilter }
  from "./logic/grouping.js";
import { checkTools } from "./check-tools.js";
import { state } from "./state.js";

export const FILTER_OPS = ["equal", "not_equal", "in", "not_in"];

export const KEYED = (t) => t === "dimension" || t === "control_tag" || t === "detection_tag";

export const isDetectionRoot = (root) =>
  (state.panels[root.dataset.name] || {}).benchmark_type === "detection" ||
  !!root.querySelector('.node[data-type="detection"]');

export const kindOf = (root) => (isDetectionRoot(root) ? DETECTION_VIEW : CONTROL_VIEW);

export function groupingOf(root) {
  const kind = kindOf(root), g = state.checkViews.grouping[root.dataset.name];
  return Array.isArray(g) && g.length && g.every((x) => x && kind.types.concat("result").includes(x.type))
    ? g : kind.defaults;
}

export const filterOf = (root) => {
  const f = state.checkViews.where[root.dataset.name];
  return validFilter(f) ? f : null;
};

export const isDefaultView = (root) => !filterOf(root) &&
  JSON.stringify(groupingOf(root)) === JSON.stringify(kindOf(root).defaults);

export const titleOf = (p, name) => (p && p.title) || name.split(".").pop();

/* Powerpipe's sort key of a benchmark, control or detection: its kind, its place among its
 * parent's children of that kind (zero-padded to the largest) and its title */
export function sortKey(div, t) {
  const kin = [...div.parentElement.children].filter((d) => d.dataset.type === div.dataset.type);
  const place = String(kin.indexOf(div)).padStart(String(kin.length - 1).length, "0");
  return div.dataset.type + "-" + place + "-" + t;
}

/* the benchmarks from the root down to div's, each {name, title, sort, documentation} */
export function trunkOf(div, root) {
  const trunk = [];
  for (let b = div.parentElement.closest('.node[data-type="benchmark"]'); b;
       b = b === root ? null : b.parentElement.closest('.node[data-type="benchmark"]')) {
    const t = titleOf(state.panels[b.dataset.name], b.dataset.name);
    trunk.unshift({ name: b.dataset.name, title: t, sort: b === root ? "" : sortKey(b, t),
                    documentation: (state.panels[b.dataset.name] || {}).documentation });
  }
  return trunk;
}

/* a control's or detection's own part of its results: name, title, documentation, tags, sort key
 * and severity */
export function checkItem(div) {
  const name = div.dataset.name, p = state.panels[name] || {}, t = titleOf(p, name);
  return { name, title: t, documentation: p.documentation, tags: p.tags || {}, sort: sortKey(div, t),
           severity: p.severity || (p.properties || {}).severity || "" };
}

/* The results of the controls below a benchmark, in its layout's order (Powerpipe's
 * all_control_results): each with its control, its benchmarks from the root down (its trunk), its
 * status; a control in error one "error" result, one without rows one "empty", one not run yet one
 * "loading" (counted nowhere) */
export function checkResultsOf(root) {
  const out = [];
  for (const c of root.querySelectorAll('.node[data-type="control"]')) {
    const p = state.panels[c.dataset.name] || {}, control = checkItem(c);
    const base = { control, trunk: trunkOf(c, root), severity: control.severity, dimensions: [] };
    if (!p.status || WAITING[p.status]) {
      out.push({ ...base, type: "loading", status: "loading" });
      continue;
    }
    if (p.error) {   /* no reason: Powerpipe groups it under "<not set>" */
      out.push({ ...base, type: "error", status: "error", error: p.error });
      continue;
    }
    const cols = ((p.data || {}).columns || []).map((x) => x.name)
      .filter((x) => !["status", "reason", "resource"].includes(x));
    const rows = (p.data && p.data.rows) || [];
    if (!rows.length) out.push({ ...base, type: "empty", status: "empty" });
    for (const r of rows)
      out.push({ ...base, type: "result", status: cellText(r.status), reason: cellText(r.reason),
                 resource: cellText(r.resource),
                 dimensions: cols.map((k) => ({ key: k, value: cellText(r[k]) })) });
  }
  return out;
}

/* The results of the detections below a benchmark (Powerpipe's Detection: one per detection, with
 * all its rows, none or more; "empty" only without data; its severity for a filter only when it
 * has data) */
export function detectionResultsOf(root) {
  const out = [];
  for (const d of root.querySelectorAll('.node[data-type="detection"]')) {
    const p = state.panels[d.dataset.name] || {}, detection = checkItem(d);
    const base = { detection, trunk: trunkOf(d, root), rows: [], columns: [] };
    const rows = (p.data && p.data.rows) || [];
    if (!p.status || WAITING[p.status]) out.push({ ...base, type: "loading" });
    else if (p.error) out.push({ ...base, type: "error", error: p.error });
    else if (!p.data || !p.data.columns || !p.data.rows) out.push({ ...base, type: "empty" });
    else out.push({ ...base, type: "result", rows, columns: p.data.columns, severity: detection.severity });
  }
  return out;
}

/* What differs between a benchmark of controls and one of detections in its grouped view: its
 * default grouping and group types, its results and filter, a group's summary and the head drawn
 * from it, a group's result rows, the summary cards, and the rows of results no level groups */
export const CONTROL_VIEW = {
  defaults: [{ type: "benchmark" }, { type: "control" }, { type: "result" }],
  types: ["benchmark", "control", "status", "severity", "reason", "resource", "dimension", "control_tag"],
  first: "status",
  results: checkResultsOf,
  include: (r, filter) => (includeResult(r, filter) ? r : null),
  tagsOf: (r) => r.control.tags || {},
  dimensionKeys: (r) => r.dimensions.map((d) => d.key),
  summary: () => ({ ok: 0, alarm: 0, error: 0, info: 0, skip: 0 }),
  count: (sum, r) => { if (r.status in sum) sum[r.status]++; },
  /* a row's bar on the top level's scale */
  heads: (top) => {
    const most = { alerts: Math.max(0, ...top.map((t) => t.summary.alarm + t.summary.error)),
                   others: Math.max(0, ...top.map((t) => t.summary.ok + t.summary.info + t.summary.skip)) };
    return (head, n) => head.append(summaryChart(n.summary, most));
  },
  resultRows: (results) => results.map((r) => (r.type === "empty" ? resultRow("empty", "No results")
    : r.type === "error" ? resultRow("error", r.error)
    : resultRow(r.status, r.reason, r.dimensions.map((d) => [d.key, d.value]), r))),
  cards: (tree, filter) => summaryCards(tree.summary, filter),
  /* results first, then errors, then empty ones, then the groups (Powerpipe's benchmark view) */
  top: (loose, groups) => [...loose.filter((n) => n.type === "result"),
    ...loose.filter((n) => n.type === "error").sort((a, b) => (a.title < b.title ? -1 : 1)),
    ...loose.filter((n) => n.type === "empty"), ...groups],
  looseTitle: (r) => (r.type === "result" ? r.reason : r.type === "error" ? r.control.title : "No results"),
};

export const DETECTION_VIEW = {
  defaults: [{ type: "benchmark" }, { type: "detection" }, { type: "result" }],
  types: ["benchmark", "detection", "severity", "dimension", "detection_tag"],
  first: "severity",
  results: detectionResultsOf,
  include: includeDetection,
  tagsOf: (r) => r.detection.tags,
  dimensionKeys: (r) => r.columns.map((c) => c.name).filter((k) => k !== "timestamp"),
  summary: () => ({ total: 0, error: 0, running: 0, severity: {} }),
  /* Powerpipe's detection nodes: a result counts its rows, an error 1; each its detection's
   * severity ("none" without one), 0 unless it has rows */
  count: (sum, r) => {
    if (r.type === "loading") sum.running++;
    if (r.type === "error") sum.error++;
    const n = r.type === "error" ? 1 : r.type === "result" ? r.rows.length : 0;
    sum.total += n;
    const sev = r.detection.severity || "none";
    sum.severity[sev] = (sum.severity[sev] || 0) + (r.type === "result" && sev !== "none" ? n : 0);
  },
  heads: () => (head, n) => detectionHead(head, n.summary),
  /* empty ones, errors, then each detection's table (DetectionResults) */
  resultRows: (results) => [
    ...results.filter((r) => r.type === "empty").map(() => {
      const row = resultRow("empty", "No results");
      row.querySelector(".icon").title = "No results.";
      return row;
    }),
    ...results.filter((r) => r.type === "error").map((r) => resultRow("error", r.error)),
    ...results.filter((r) => r.type === "result").map((r) => {
      const box = el("div", "det-table");
      box.append(table(r.detection.name, { rows: r.rows, columns: r.columns }, r.columns));
      return box;
    })],
  cards: (tree, filter) => detectionCards(tree.summary, filter),
  /* every node by its sort key: a result "0", an error its title, an empty one "No results" */
  top: (loose, groups) => sortedKids({ kids: new Map(loose.concat(groups).map((n, i) => [i, n])) }),
  looseTitle: (r) => (r.type === "result" ? "" : r.type === "error" ? r.detection.title : "No results"),
};

/* the grouped view of a root benchmark, drawn again from its results; which groups are open is
 * kept by their paths */
export const openGroups = new Map();   /* root name -> Set of open paths */

export function drawGrouped(root) {
  const name = root.dataset.name, kind = kindOf(root), grouping = groupingOf(root), filter = filterOf(root);
  const tree = groupResults(kind.results(root).map((r) => kind.include(r, filter)).filter(Boolean),
                            grouping, kind);
  const open = openGroups.get(name) || new Set();
  openGroups.set(name, open);
  /* results no level groups (a benchmark grouping's items of the root, with no item level) are
   * rows of their own */
  const loose = tree.results.map((r, i) => {
    const sum = kind.summary();
    kind.count(sum, r);
    const title = kind.looseTitle(r);
    return { type: r.type, path: "result:" + (r.control || r.detection).name, kids: new Map(), results: [],
             summary: sum, title, order: i, sort: r.type === "result" ? "0" : title };
  });
  const top = kind.top(loose, sortedKids(tree));
  const decorate = kind.heads(top);
  const resultsLast = grouping[grouping.length - 1].type === "result";
  /* a group's rows are made when it opens: redrawn once a frame while results come, a closed
   * group of a large benchmark costs its head alone */
  const fill = (div, n) => {
    div.dataset.filled = "1";
    if (resultsLast && n.results.length) {
      const list = el("div", "check-results body");
      list.append(...kind.resultRows(n.results));
      div.append(list);
    }
    const kids = sortedKids(n);
    if (kids.length) {
      const box = el("div", "kids");
      box.append(...kids.map(row));
      div.append(box);
    }
  };
  const row = (n) => {
    const div = el("div", "check grow"), head = el("div", "head");
    div.dataset.type = n.type;
    div.dataset.path = n.path;
    const title = el("span", "gtitle");
    if (n.type.endsWith("_tag")) title.append(el("span", "", n.label + ": "));
    title.append(n.title);
    head.append(el("span", "chevron"), title);
    if (n.documentation) head.append(docsButton(n.documentation));
    decorate(head, n);
    head.onclick = () => {
      if (!div.classList.toggle("open")) return open.delete(n.path);
      open.add(n.path);
      if (!div.dataset.filled) fill(div, n);
    };
    div.append(head);
    if (open.has(n.path)) {
      div.classList.add("open");
      fill(div, n);
    }
    return div;
  };
  let view = root.querySelector(":scope > .grouped");
  if (!view) {
    view = el("div", "grouped");
    root.querySelector(":scope > .body").after(view);
  }
  view.replaceChildren(...top.map(row));
  if (!top.length) view.append(el("div", "wait", "No results"));
  root.querySelector(":scope > .body").replaceChildren(kind.cards(tree, filter));
}

/* The benchmark's view: the default (its layout) or a grouped one, and the editors above it */
export function showCheckView(root) {
  const grouped = !isDefaultView(root);
  root.classList.toggle("regrouped", grouped);
  if (!root.querySelector(":scope > .check-tools"))
    root.querySelector(":scope > .body").before(checkTools(root));
  if (grouped) drawGrouped(root);
  else {
    const view = root.querySelector(":scope > .grouped");
    if (view) view.remove();
    root.querySelector(":scope > .body").replaceChildren(isDetectionRoot(root)
      ? detectionCards(detectionSummary(root), filterOf(root)) : benchmarkCounts(root));
  }
}

/* a summary card clicked (or Enter, Space on it): the view filtered by its status or severity, or
 * that condition taken off (Powerpipe's FilterCardWrapper); the tools drawn again with the filter */
function cardFilter(ev) {
  const card = ev.target.closest && ev.target.closest(".summary-cards .card[data-metric]");
  const root = card && card.closest('#layout .node[data-type="benchmark"]');
  if (!root || !isCheckRoot(root)) return;
  if (ev.type === "keydown" && ev.key !== "Enter" && ev.key !== " ") return;
  ev.preventDefault();
  const tools = root.querySelector(":scope > .check-tools");
  if (tools) tools.remove();
  const f = summaryCardFilter(filterOf(root), card.dataset.dimension, [card.dataset.metric]);
  setCheckView(root, "where", f);
}
document.addEventListener("click", cardFilter);
document.addEventListener("keydown", cardFilter);

export function setCheckView(root, kind, value) {
  const name = root.dataset.name;
  if (value === null) delete state.checkViews[kind][name]; else state.checkViews[kind][name] = value;
  remember(true);
  showCheckView(root);
}
