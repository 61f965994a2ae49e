/* chart.js — ECharts on the page: loading it (only once a chart is on screen), drawing a chart,
 * graph, flow or hierarchy panel's option in its box, clicks on its nodes, resizing. */
import { el } from "./dom.js";
import { navigate } from "./selection.js";
import { showPanel } from "./layout.js";
import { expandedNodes, fitLayout, graphControls } from "./graph.js";
import { nodeHandles, noteUnfolded } from "./graph-handles.js";
import { currentTheme } from "./theme.js";
import { state } from "./state.js";
import { axisNameGaps } from "./logic/chart.js";

/* the ECharts build the server embeds (third_party/echarts): a module that imports the other two
 * (compiled side by side) and sets window.echarts; its URL names the version, so that the long
 * cache the server allows it never serves an old copy after an upgrade */
export const ECHARTS_URL = "/static/echarts-5.6.0-page.min.js";

let echartsLoad = null;  /* the promise of the ECharts script, once a chart asked for it */

/* the charts in div, to their boxes' sizes */
export function resizeCharts(div) {
  if (!window.echarts) return;
  for (const c of div.querySelectorAll(".chart")) {
    const i = window.echarts.getInstanceByDom(c);
    if (!i) continue;
    i.resize();
    /* a chart's labels were fitted to its width: fitted again */
    if (c.lpDraw && c.lpWidth !== c.clientWidth) c.lpDraw();
    else fitAxisNames(i, c.lpGrid);
  }
}

/* A chart's axis titles just beyond its axes' labels, once ECharts has measured them: the plot's
 * rect and the grid's margins give the labels' extent (logic/chart.js axisNameGaps) */
function fitAxisNames(i, grid) {
  if (!grid) return;
  const g = i.getModel && i.getModel().getComponent("grid");
  const rect = g && g.coordinateSystem && g.coordinateSystem.getRect();
  if (!rect) return;
  const gaps = axisNameGaps(grid, rect, { width: i.getWidth(), height: i.getHeight() });
  i.setOption({ xAxis: { nameGap: gaps.x }, yAxis: { nameGap: gaps.y } });
}

/* ECharts, loaded once a chart is on screen: by import(), which runs it as soon as it and its two
 * modules are compiled; a <script type=module> added to the page ran 100-150 ms later on a cold
 * dashboard, after the run's messages that had come meanwhile (an async script's turn) */
export function loadECharts() {
  if (!echartsLoad)
    echartsLoad = import(ECHARTS_URL).then(() => window.echarts, () => {
      echartsLoad = null;
      throw new Error("ECharts did not load from " + ECHARTS_URL);
    });
  return echartsLoad;
}

/* a chart of panel p in body: option(p, theme) its ECharts option, drawn once ECharts and ready (a
 * promise, or null) are */
export function chart(p, body, option, ready) {
  const div = el("div", "chart");
  body.append(div);
  const draw = (echarts) => {
    if (!div.isConnected) return;
    try {
      div.lpWidth = div.clientWidth;
      const o = option(p, currentTheme(), { width: div.clientWidth, height: div.clientHeight });
      const graph = !!o.lpLayout;
      if (graph) fitLayout(div, o);
      if (o.lpHeight) div.style.height = o.lpHeight + "px";
      delete o.lpHeight;
      const i = echarts.getInstanceByDom(div) || echarts.init(div);
      i.setOption(o, true);
      if (graph) {
        graphControls(div, i, o);
        nodeHandles(div, i, p, (ids) => {
          const open = expandedNodes[p.name];
          for (const id of ids) if (open) open.delete(id);
          showPanel(state.panels[p.name]);
        });
      }
      const named = [].concat(o.xAxis || [], o.yAxis || [])
        .some((a) => a.name && a.nameLocation === "middle");
      div.lpGrid = named && !Array.isArray(o.xAxis) ? o.grid : null;
      fitAxisNames(i, div.lpGrid);
      /* a node with an href (its category's template): a click opens it; a folded node unfolds */
      i.off("click");
      i.on("click", (ev) => {
        if (ev.data && ev.data.unfold) {
          const open = expandedNodes[p.name] = expandedNodes[p.name] || new Set();
          for (const id of ev.data.unfold) open.add(id);
          noteUnfolded(p.name, ev.data.unfold);
          showPanel(state.panels[p.name]);
        } else if (ev.data && ev.data.href) navigate(ev.data.href) || window.open(ev.data.href);
      });
    } catch (e) {   /* e.g. a flow with a cycle, which a sankey cannot draw: ECharts' word for it */
      const bug = e instanceof TypeError || e instanceof ReferenceError || e instanceof RangeError;
      if (bug) console.warn("chart " + p.name + ":", e);   /* a fault of the page's, not the reader's */
      div.replaceWith(el("div", "error",
                         bug ? "This chart cannot be drawn from its rows." : String(e.message || e)));
    }
  };
  Promise.all([loadECharts(), ready]).then(([echarts]) => {
    div.lpDraw = () => draw(echarts);
    draw(echarts);
  }, (e) => { div.replaceWith(el("div", "error", e.message)); });
}
