/* graph-handles.js — a graph node's controls as Powerpipe's AssetNode shows them (NodeControls):
 * while the pointer is over a node, at the node's bottom left, "Collapse node" on a node unfolded
 * from a fold, above "Move node", the handle the node is dragged by (React Flow's dragHandle: the
 * node itself does not move when dragged, the series is not draggable).  The graph is on a canvas:
 * the controls are one box of buttons over it, placed at the node under the pointer. */
import { el } from "./dom.js";
import { icon } from "./icons.js";

/* the ids unfolded together from one fold, by panel name and node id: what "Collapse node" folds */
export const unfoldedWith = {};

/* a node's hover box about its centre, in radii of its circle: the circle, its controls at the
 * bottom left and its title below, as Powerpipe's node group (icon and label) */
const HOVER = { left: -1.8, right: 1.2, top: -1.2, bottom: 2.6 };

/* A press on a node neither moves it nor pans the graph (React Flow's "nopan" on its nodes): the
 * pointer's moves while its button is held are kept from ECharts (which pans on them), at the
 * window before any element sees them.  One listener for every graph; a move without the button
 * (released outside the window) ends the hold. */
let held = false;

function holdOnNode(e) {
  if (held && !(e.buttons & 1)) held = false;
  if (held) e.stopPropagation();
}

if (typeof window !== "undefined") {
  window.addEventListener("mousemove", holdOnNode, true);
  window.addEventListener("pointermove", holdOnNode, true);
  for (const type of ["mouseup", "pointerup", "pointercancel", "pointerdown"])
    window.addEventListener(type, () => { held = false; }, true);
}

/* a graph's ids unfolded together (chart.js's click on a folded node), for "Collapse node" */
export function noteUnfolded(name, ids) {
  const m = unfoldedWith[name] = unfoldedWith[name] || new Map();
  for (const id of ids) m.set(id, ids);
}

/* the node controls of the graph p drawn by chart in div; refold(ids) folds ids back.  Called on
 * every draw of the chart: the box and its listeners are made once. */
export function nodeHandles(div, chart, p, refold) {
  div.lpHandles = { chart, p, refold };
  if (div.querySelector(":scope > .node-controls")) return;
  const box = el("div", "node-controls"), finder = { seriesIndex: 0 };
  box.hidden = true;
  const button = (title, iconName, cls) => {
    const b = el("button", cls);
    Object.assign(b, { type: "button", title });
    b.setAttribute("aria-label", title);
    b.append(icon(iconName));
    return b;
  };
  const collapse = button("Collapse node", "zoom_in_map", "refold");
  const move = button("Move node", "zoom_out_map", "grab");
  box.append(collapse, move);
  div.append(box);
  let at = -1, drag = null;
  const series = () => div.lpHandles.chart.getModel().getSeriesByIndex(0);
  /* node k's centre in the chart's pixels and its circle's radius (ECharts' graph scales a symbol
   * by its nodeScaleRatio, 0.6, of the roam's zoom) */
  const where = (k) => {
    const s = series(), c = div.lpHandles.chart.convertToPixel(finder, s.getData().getItemLayout(k));
    const zoom = (s.coordinateSystem && s.coordinateSystem.getZoom()) || 1;
    return { x: c[0], y: c[1], r: (s.get("symbolSize") / 2) * ((zoom - 1) * 0.6 + 1) };
  };
  const nodeAt = (x, y) => {
    const s = series();
    if (!s || s.subType !== "graph") return -1;
    let best = -1, dist = Infinity;
    s.getData().each((k) => {
      const raw = s.getData().getRawDataItem(k);
      if (!raw || raw.anchor) return;
      const n = where(k), dx = (x - n.x) / n.r, dy = (y - n.y) / n.r;
      if (dx < HOVER.left || dx > HOVER.right || dy < HOVER.top || dy > HOVER.bottom) return;
      if (dx * dx + dy * dy < dist) { best = k; dist = dx * dx + dy * dy; }
    });
    return best;
  };
  /* the box at node k's bottom left: Powerpipe's is 17% of the circle's width left of it and 4%
   * below it */
  const place = (k) => {
    const n = where(k), raw = series().getData().getRawDataItem(k), m = unfoldedWith[div.lpHandles.p.name];
    collapse.hidden = !(m && m.has(raw.id));
    box.style.left = Math.round(n.x - n.r * 1.34) + "px";
    box.style.bottom = Math.round(div.clientHeight - (n.y + n.r * 1.08)) + "px";
    box.hidden = false;
    at = k;
  };
  const hide = () => { box.hidden = true; at = -1; };
  div.addEventListener("pointermove", (e) => {
    if (drag) return;
    const r = div.getBoundingClientRect(), k = nodeAt(e.clientX - r.left, e.clientY - r.top);
    if (k < 0) hide();
    else place(k);
  });
  div.addEventListener("pointerleave", () => { if (!drag) hide(); });
  div.addEventListener("pointerdown", (e) => {
    if (e.button !== 0 || box.contains(e.target)) return;
    const r = div.getBoundingClientRect(), x = e.clientX - r.left, y = e.clientY - r.top, k = nodeAt(x, y);
    const n = k >= 0 && where(k);
    if (n && Math.hypot(x - n.x, y - n.y) <= n.r) held = true;
  }, true);
  collapse.onclick = (e) => {
    e.stopPropagation();
    const raw = at >= 0 && series().getData().getRawDataItem(at), m = unfoldedWith[div.lpHandles.p.name];
    const ids = raw && m && m.get(raw.id);
    if (!ids) return;
    for (const id of ids) m.delete(id);
    hide();
    div.lpHandles.refold(ids);
  };
  /* a drag by the handle: the node's centre follows the pointer, its edges with it (ECharts lays
   * them out again from the nodes' x and y); the rest of the graph and the view stay */
  move.addEventListener("pointerdown", (e) => {
    if (e.button !== 0 || at < 0) return;
    e.preventDefault();
    e.stopPropagation();
    move.setPointerCapture(e.pointerId);
    const n = where(at);
    drag = { id: e.pointerId, k: at, x0: e.clientX, y0: e.clientY, from: [n.x, n.y] };
  });
  move.addEventListener("pointermove", (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    const { chart } = div.lpHandles;
    const [x, y] = chart.convertFromPixel(finder, [drag.from[0] + e.clientX - drag.x0,
                                                   drag.from[1] + e.clientY - drag.y0]);
    const data = chart.getOption().series[0].data.slice();
    data[drag.k] = Object.assign({}, data[drag.k], { x, y });
    chart.setOption({ series: [{ data }] });
    place(drag.k);
  });
  const drop = (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    drag = null;
    if (move.hasPointerCapture(e.pointerId)) move.releasePointerCapture(e.pointerId);
  };
  move.addEventListener("pointerup", drop);
  move.addEventListener("pointercancel", drop);
}
