/* controls.js — a panel's controls (Download data, View detail), its data as CSV, and the detail
 * view over the whole page. */
import { resizeCharts } from "./chart.js";
import { isCheckRoot } from "./benchmark.js";
import { table } from "./table.js";
import { el } from "./dom.js";
import { csvOf, localNumber } from "./logic/format.js";
import { icon } from "./icons.js";
import { isDetectionRoot } from "./check-view.js";
import { columnsPanel, filterPanel } from "./table-tools.js";
import { tableColumns } from "./logic/table.js";
import { state } from "./state.js";
import { isoMs, panelLog } from "./logic/panel-log.js";
import { hclTokens, sqlTokens } from "./logic/code.js";

/* Powerpipe's PanelControls on the panel under the pointer (or the keyboard's focus): "Download
 * data", its rows as the CSV file Powerpipe's useDownloadPanelData writes, and "View detail",
 * PanelDetail: the panel alone on the page, with tabs for its query, its definition and its data,
 * closed by Close or Escape.  On every panel Powerpipe's Child gives them to: not on a text, an
 * input without a title that is no table, a panel with `disable_controls`, a dashboard, container,
 * control or detection; on a benchmark at the root of a view, whose data is a row per result
 * (benchmarkTable) or its detections' rows (detectionTable). */
export const CONTROLLED = ["card", "chart", "table", "graph", "flow", "hierarchy", "image", "input"];

export const controlsBenchmark = (div) => div.dataset.type === "benchmark" && isCheckRoot(div);

/* whether a panel has data to download: its rows; a benchmark once it is complete (Powerpipe's),
 * decided without building its table, which panelData does on a click */
export function hasPanelData(div) {
  const p = state.panels[div.dataset.name] || {};
  return controlsBenchmark(div) ? p.status === "complete" : !!p.data;
}

export function panelData(div) {
  if (!hasPanelData(div)) return null;
  if (!controlsBenchmark(div)) return state.panels[div.dataset.name].data;
  return isDetectionRoot(div) ? detectionTable(div) : benchmarkTable(div);
}

export function panelControls(div, p) {
  const old = div.querySelector(":scope > .panel-controls");
  if (old) old.remove();
  const props = p.properties || {};
  if (!(CONTROLLED.includes(div.dataset.type) || controlsBenchmark(div)) || props.disable_controls ||
      (div.dataset.type === "input" && !p.title && p.display_type !== "table")) return;
  const bar = el("div", "panel-controls"), has = hasPanelData(div);
  bar.append(controlButton("heroicons-outline:arrow-down-tray",
                           has ? "Download data" : "No data to download", !has, () => downloadData(div)),
             controlButton("heroicons-outline:arrows-pointing-out", "View detail", false,
                           () => openDetail(div)));
  /* a table's own (Table's custom controls): its filter, its columns */
  if (div.dataset.type === "table" && p.display_type !== "line" && p.data && (p.data.columns || []).length) {
    const all = p.data.columns, views = state.checkViews;
    bar.append(
      controlButton("filter_alt", "Filter", false, () => filterPanel(div, all)),
      controlButton(
        "add_column_right", "Select table columns", false,
        () => columnsPanel(div, all, tableColumns(p, all, views.table && views.table[p.name]))));
  }
  div.append(bar);
}

export function controlButton(iconName, title, disabled, action, text) {
  const b = el("button", "", "");
  b.type = "button";
  b.title = title;
  b.setAttribute("aria-label", title);
  b.disabled = disabled;
  b.append(icon(iconName));
  if (text) b.append(el("span", "", text));
  b.onclick = (ev) => { ev.stopPropagation(); action(); };
  return b;
}

/* Powerpipe's Benchmark.get_data_table: a row per result of each control below the root (a
 * benchmark's benchmarks before its controls), with its benchmark's name, title (its name without
 * one) and description, the control's, its severity, reason, resource and status, then a column per
 * tag and per dimension that any control has, null where a row has none */
export function benchmarkTable(root) {
  const tags = {}, dims = {}, found = [];
  const walk = (b) => {
    const kids = [...b.querySelectorAll(":scope > .kids > .node")];
    for (const k of kids) if (k.dataset.type === "benchmark") walk(k);
    for (const k of kids) {
      if (k.dataset.type !== "control") continue;
      const p = state.panels[k.dataset.name] || {}, d = p.data;
      for (const t of Object.keys(p.tags || {})) tags[t] = true;
      if (!d || !d.columns || !d.rows) continue;
      const cols = d.columns.map((c) => c.name).filter((n) => !["reason", "resource", "status"].includes(n));
      if (d.rows.length) for (const n of cols) dims[n] = true;
      found.push([b, p, cols]);
    }
  };
  walk(root);
  const tagKeys = Object.keys(tags), dimKeys = Object.keys(dims), rows = [];
  for (const [b, p, cols] of found) {
    const bp = state.panels[b.dataset.name] || {}, ptags = p.tags || {};
    for (const r of p.data.rows) {
      const row = { group_id: b.dataset.name, title: bp.title || b.dataset.name,
                    description: bp.description || null, control_id: p.name, control_title: p.title || null,
                    control_description: p.description || null,
                    severity: (p.properties || {}).severity || p.severity || null,
                    reason: r.reason, resource: r.resource, status: r.status };
      for (const t of tagKeys) row[t] = ptags[t] === undefined ? null : ptags[t];
      for (const k of dimKeys) row[k] = cols.includes(k) ? r[k] : null;
      rows.push(row);
    }
  }
  const text = (name) => ({ name, data_type: "TEXT" });
  return { columns: ["group_id", "title", "description", "control_id", "control_title", "control_description",
                     "severity", "reason", "resource", "status"].concat(tagKeys, dimKeys).map(text), rows };
}

/* Powerpipe's DetectionBenchmark.get_data_table: the rows of every detection below the root (a
 * benchmark's benchmarks before its detections) under the columns of them all, each once, in the
 * order met */
export function detectionTable(root) {
  const columns = [], seen = new Set(), rows = [];
  const walk = (b) => {
    const kids = [...b.querySelectorAll(":scope > .kids > .node")];
    for (const k of kids) if (k.dataset.type === "benchmark") walk(k);
    for (const k of kids) {
      const d = k.dataset.type === "detection" && (state.panels[k.dataset.name] || {}).data;
      if (!d || !d.columns || !d.rows) continue;
      for (const c of d.columns) if (!seen.has(c.name)) { seen.add(c.name); columns.push(c); }
      rows.push(...d.rows);
    }
  };
  walk(root);
  return { columns, rows };
}

/* Powerpipe's file name: the dashboard's name (a detection benchmark's own), dots as underscores,
 * the panel's type and the local time (YYYYMMDDTHHmmss) */
export function downloadData(div) {
  const p = state.panels[div.dataset.name] || {}, data = panelData(div);
  if (!data) return;
  const t = new Date(), two = (n) => String(n).padStart(2, "0");
  const stamp = t.getFullYear() + two(t.getMonth() + 1) + two(t.getDate()) + "T" + two(t.getHours()) +
    two(t.getMinutes()) + two(t.getSeconds());
  const a = el("a");
  a.href = URL.createObjectURL(new Blob([csvOf(data)], { type: "text/csv;charset=utf-8" }));
  const owner = controlsBenchmark(div) && isDetectionRoot(div) ? p.name : p.dashboard || state.selected || "";
  a.download = owner.replaceAll(".", "_") + "_" + div.dataset.type + "_" + stamp + ".csv";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

export function openDetail(div) {
  closeDetail();
  const p = state.panels[div.dataset.name] || {};
  const bar = el("div", "detail-bar"), title = el("h2", "", p.title || "Panel Detail");
  const buttons = el("div");
  buttons.append(controlButton("heroicons-outline:arrow-down-tray", "Download data", !hasPanelData(div),
                               () => downloadData(div), "Download"),
                 controlButton("heroicons-outline:x-mark", "Close", false, closeDetail, "Close ESC"));
  const tabs = el("div", "tabs"), content = el("div", "detail-tab");
  tabs.setAttribute("role", "tablist");
  const show = (name) => {
    const now = state.panels[div.dataset.name] || {};
    for (const t of tabs.children) t.setAttribute("aria-selected", String(t.dataset.tab === name));
    div.querySelector(":scope > .body").hidden = name !== "preview";
    content.replaceChildren();
    if (name === "query") content.append(sqlBlock(now.sql || ""));
    if (name === "definition") content.append(codeBlock(now.source_definition || "", hclTokens, "hcl"));
    const data = name === "data" ? panelData(div) : null;
    if (data) content.append(table(now.name, data, data.columns));
    if (name === "log") content.append(logView(now));
    resizeCharts(div);
    state.detailShown = () => show(name);
  };
  for (const [name, label, has] of [["preview", "Preview", true], ["query", "Query", !!p.sql],
       ["definition", "Definition", !!p.source_definition], ["data", "Data", hasPanelData(div)],
       ["log", "Log", hasLog(div)]]) {
    if (!has) continue;
    const t = el("button", "tab", label);
    t.type = "button";
    t.dataset.tab = name;
    t.setAttribute("role", "tab");
    t.onclick = () => show(name);
    tabs.append(t);
  }
  bar.append(title, buttons, tabs);
  div.prepend(bar);
  div.querySelector(":scope > .body").after(content);
  div.classList.add("detail");
  show("preview");
}

/* Powerpipe's Log tab: of a live run only (not a snapshot's), not on a benchmark, control or detection */
const hasLog = (div) => !state.snapshot && !!state.logs[div.dataset.name] &&
  !["benchmark", "control", "detection"].includes(div.dataset.type);

const LOG_ICONS = { initialized: "materialsymbols-outline:pending", blocked: "materialsymbols-solid:block",
  running: "materialsymbols-solid:run_circle", cancelled: "materialsymbols-outline:cancel",
  error: "materialsymbols-solid:error", complete: "materialsymbols-solid:check_circle" };


/* the SQL formatter Powerpipe's Query tab uses (third_party/sql-formatter), loaded when the tab is
 * first opened: 17 KB the page does not need before */
let formatterLoad = null;
function loadFormatter() {
  if (!formatterLoad)
    formatterLoad = new Promise((res, rej) => {
      const s = el("script");
      s.src = "/static/page/sql-formatter.js";
      s.onload = () => res(window.sqlFormatter);
      s.onerror = () => { formatterLoad = null; rej(new Error("the SQL formatter did not load")); };
      document.head.append(s);
    });
  return formatterLoad;
}

/* text in a block, each token coloured by its kind (logic/code.js), as Powerpipe's CodeBlock colours
 * it with Prism; lang: the block's class */
function codeBlock(text, tokensOf, lang) {
  const pre = el("pre", "code " + lang);
  pre.append(...tokensOf(text).map(([kind, t]) =>
    (kind ? el("span", "tok-" + kind, t) : document.createTextNode(t))));
  return pre;
}

/* Powerpipe's PanelDetailQuery: the SQL as its sql-formatter writes it for PostgreSQL, coloured;
 * as written until the formatter has loaded, or when it cannot format it */
function sqlBlock(sql) {
  const pre = codeBlock(sql, sqlTokens, "sql");
  loadFormatter().then((f) => {
    let text = sql;
    try { text = f.format(sql); } catch (e) { /* as written */ }
    pre.replaceChildren(...codeBlock(text, sqlTokens, "sql").childNodes);
    pre.dataset.formatted = "";
  }, () => {});
  return pre;
}
/* the panel's log (PanelDetailLog): a row an entry, by time: its status's icon, the time (local,
 * HH:mm:ss.SSS), the status, a dependency's type and title, the time it ran; an error opens below */
function logView(p) {
  const box = el("div", "panel-log");
  box.append(el("h3", "", p.title ? p.title + " Log" : "Log"));
  const two = (n, w) => String(n).padStart(w || 2, "0");
  for (const l of panelLog(p.name, state.logs, state.panels)) {
    const row = el("div", "log-row"), t = new Date(isoMs(l.timestamp));
    const when = isNaN(t) ? "" : two(t.getHours()) + ":" + two(t.getMinutes()) + ":" + two(t.getSeconds()) +
      "." + two(t.getMilliseconds(), 3);
    const status = String(l.status || "");
    row.append(el("span", "log-icon " + status, ""), el("time", "", when),
               el("span", "log-status", status.charAt(0).toUpperCase() + status.slice(1)));
    row.firstChild.append(icon(LOG_ICONS[status] || LOG_ICONS.initialized));
    if (l.prefix) row.append(el("span", "log-prefix", l.prefix + ":"));
    if (l.isDependency) row.append(el("span", "", l.title));
    if (l.executionTime !== undefined)
      row.append(el("span", "log-prefix", localNumber(l.executionTime) + "ms"));
    if (!l.error) { box.append(row); continue; }
    const d = el("details", "log-error"), sum = el("summary");
    sum.append(row);
    d.append(sum, el("div", "error", l.error));
    box.append(d);
  }
  return box;
}

export function closeDetail() {
  state.detailShown = null;
  for (const div of document.querySelectorAll("#layout .node.detail")) {
    div.classList.remove("detail");
    for (const x of div.querySelectorAll(":scope > .detail-bar, :scope > .detail-tab")) x.remove();
    div.querySelector(":scope > .body").hidden = false;
    resizeCharts(div);
  }
}
