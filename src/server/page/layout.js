/* layout.js — the selection's layout: its elements, one per panel, nested as the dashboard is, and
 * each panel drawn by its kind's module as its result arrives (showPanel). */
import { chart, loadECharts } from "./chart.js";
import {
  control, checkResults, docsButton, rowCount, benchmarkCounts, isCheckRoot, isCheckRow, refreshCheckRows
} from "./benchmark.js";
import { table, lineTable, panelTable } from "./table.js";
import { tableColumns } from "./logic/table.js";
import { $, el } from "./dom.js";
import { panelControls } from "./controls.js";
import { card } from "./card.js";
import { image, textPanel } from "./text.js";
import { detectionResults } from "./detection.js";
import { inputDefault, inputControl } from "./input.js";
import { chartOption } from "./logic/chart.js";
import { graphData } from "./logic/graph.js";
import { expandedNodes, graphModel, graphOption, graphIcons, graphInfo } from "./graph.js";
import { state, nodes, copies } from "./state.js";

export function clearLayout() {
  if (window.echarts)
    for (const c of document.querySelectorAll("#layout .chart")) {
      const i = window.echarts.getInstanceByDom(c);
      if (i) i.dispose();
    }
  $("layout").replaceChildren();
  $("progress").hidden = true;   /* (transport.js shows it for the next run) */
  state.shownLayout = "";
  nodes.clear();
  copies.clear();
  state.panels = {};
}

export function layoutNode(node, depth) {
  const div = el("div", "node");
  div.dataset.name = node.name;
  div.dataset.type = node.panel_type;
  /* ECharts asked for as soon as the layout has a chart, not once its rows came */
  if (node.panel_type === "chart" || GRAPHS.includes(node.panel_type)) loadECharts().catch(() => {});
  /* a panel met again (a detection under two benchmarks) is drawn in each place */
  if (nodes.has(node.name)) copies.set(node.name, (copies.get(node.name) || []).concat([div]));
  else nodes.set(node.name, div);
  div.append(el("div", "head"), el("div", "body"));
  div.firstChild.hidden = true;   /* until showPanel has the title */
  if (node.children && node.children.length && depth < 64) {
    const kids = el("div", "grid kids");
    /* a benchmark's benchmarks before its controls, each in its order, as Powerpipe's view has
     * them (grouping/common/Benchmark.ts) */
    const rank = (c) => (node.panel_type !== "benchmark" ? 0 : c.panel_type === "benchmark" ? 0 : 1);
    const children = node.children.map((c, i) => [c, i])
      .sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]);
    for (const [c] of children) kids.append(layoutNode(c, depth + 1));
    div.append(kids);
  }
  return div;
}

export const GRAPHS = ["graph", "flow", "hierarchy"];

export const WAITING = { initialized: "waiting…", blocked: "waiting for input", running: "running…" };

/* A panel's result as it arrives; again (force) when its sort changed */
export function showPanel(p, force) {
  if (!p || !p.name) return;
  state.panels[p.name] = Object.assign(state.panels[p.name] || {}, p);
  const div = nodes.get(p.name);
  if (!div) return;
  for (const d of [div].concat(copies.get(p.name) || [])) drawPanel(d, state.panels[p.name], force);
}

function drawPanel(div, p, force) {
  const w = Number(p.width);   /* set here: an edit of a width keeps the layout */
  div.style.gridColumn = w >= 1 && w <= 12 ? "span " + w : "";
  const type = div.dataset.type;
  if (type === "input") inputDefault(p);
  /* a re-run's input without its rows yet keeps the field it has (and its focus) until they come */
  if (type === "input" && !p.data && !p.error && div.dataset.shown && div.dataset.hadData) return;
  if (type === "input" && p.data) div.dataset.hadData = "1";
  /* an input is rebuilt only when its options change: a re-run must not take a field's focus */
  const graph = GRAPHS.includes(type) ? graphData(p, state.panels) : null;
  const sig = JSON.stringify(type === "input" ? [p.error, p.data, p.title]
    : graph ? [p.status, p.error, p.title, graph, [...(expandedNodes[p.name] || [])]]
    : [p.status, p.error, p.data, p.summary, p.title]);
  if (!force && div.dataset.shown === sig) return;
  div.dataset.shown = sig;
  div.dataset.status = p.status || "";
  const head = div.querySelector(":scope > .head");
  /* a control or benchmark without a title goes by its name, as in Powerpipe's UI */
  const title = p.title || (type === "control" || type === "benchmark" ? p.name.split(".").pop() : "");
  head.textContent = title;
  /* the root's title is the view's; an input's is its field's label */
  head.hidden = !title || type === "input" || div.parentElement.id === "layout";
  if (isCheckRow(div)) {
    div.classList.add("check");
    head.prepend(el("span", "chevron"));
    if (p.documentation) head.append(docsButton(p.documentation));
    head.onclick = () => div.classList.toggle("open");
    refreshCheckRows();
  }
  panelControls(div, p);
  const body = div.querySelector(":scope > .body");
  for (const c of body.querySelectorAll(".chart"))
    if (window.echarts && window.echarts.getInstanceByDom(c)) window.echarts.getInstanceByDom(c).dispose();
  body.replaceChildren();
  if (type === "benchmark") body.append(benchmarkCounts(div));
  if (type === "benchmark" && isCheckRoot(div)) refreshCheckRows();
  const checkRow = isCheckRow(div);
  if (type === "control") body.append(checkRow ? checkResults(p) : control(p));
  if (type === "detection" && checkRow) body.append(detectionResults(p));
  /* a node/edge graph shows its parts' errors beside what they drew, not its own (Powerpipe's
   * showPanelError is for the legacy format only); a control or detection in a benchmark, as its
   * result row; a dashboard or container none ("1 child failed with an error": its children show
   * theirs, as in Powerpipe's Container and Dashboard) */
  const ownError = p.error && !(graph && graph.status) && type !== "container" && type !== "dashboard" &&
    !(checkRow && (type === "control" || type === "detection"));
  if (ownError) body.append(el("div", "error", p.error));
  if (type === "control" || type === "detection") refreshBenchmarks(div);
  if (checkRow) refreshCheckRows();
  if (type === "detection" && checkRow) return;
  if (type === "node" || type === "edge") {   /* drawn by their graph, which is shown again */
    div.hidden = true;
    const g = div.parentElement.closest(".node");
    if (g && GRAPHS.includes(g.dataset.type) && state.panels[g.dataset.name])
      showPanel(state.panels[g.dataset.name]);
    return;
  }
  if (type === "benchmark" || type === "dashboard" || type === "container" || type === "control") return;
  if (type === "text") {
    body.append(textPanel(p));
    return;
  }
  if (type === "input") {
    body.append(inputControl(p));
    return;
  }
  if (type === "image" && !p.error) {
    body.append(image(p));
    return;
  }
  if (ownError) return;
  if (graph) {
    const m = graphModel(p), info = m.status ? graphInfo(p, m) : null, box = el("div", "graph-box");
    body.append(box);
    if (p.status === "complete" || p.status === "error" || m.nodes.length)
      chart(p, box, graphOption, type === "graph" ? graphIcons(m) : null);
    else if (WAITING[p.status] && !info) box.append(el("span", "wait", WAITING[p.status]));
    if (info) box.append(info);
    return;
  }
  if (!p.data) {
    if (WAITING[p.status]) body.append(el("span", "wait", WAITING[p.status]));
    return;
  }
  if (type === "card") body.append(card(p));
  else if (type === "chart") { if ((p.data.columns || []).length) chart(p, body, chartOption); }
  else if (type === "detection")
    body.append(rowCount((p.data.rows || []).length), table(p.name, p.data, p.data.columns || []));
  else if (p.display_type === "line") body.append(lineTable(p.data, tableColumns(p, p.data.columns || [])));
  else body.append(panelTable(p));
}

/* The counts above a control or detection: a detection benchmark's rows at once; a benchmark of
 * controls' cards with its rows' bars, once a frame (refreshCheckRows) */
export function refreshBenchmarks(div) {
  for (let b = div.parentElement; b && b.id !== "layout"; b = b.parentElement) {
    if (!b.classList.contains("node") || b.dataset.type !== "benchmark" || isCheckRow(b)) continue;
    if (b.querySelector('.node[data-type="detection"]'))
      b.querySelector(":scope > .body").replaceChildren(benchmarkCounts(b));
    else refreshCheckRows();
  }
}
