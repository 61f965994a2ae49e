/* graph.js — graph, flow and hierarchy panels: their model (folded as the user unfolds it), their
 * ECharts option (a graph laid out in layers, its nodes drawn as Powerpipe's), the box it takes,
 * and the panel information of a node/edge graph. */
import { el } from "./dom.js";
import { cellText } from "./logic/format.js";
import { icon, iconResolved, iconShape } from "./icons.js";
import { themed } from "./logic/chart.js";
import {
  nodesAndEdges, graphData, categoryColor, categoryLook, foldGraph, sankeyData
} from "./logic/graph.js";
import { layeredLayout } from "./logic/graph-layout.js";
import { state } from "./state.js";

export const expandedNodes = {};   /* a graph's unfolded node ids by panel name (Powerpipe's expandedNodes) */

/* what a graph, flow or hierarchy draws: its nodes and edges, folded for a graph */
export function graphModel(p) {
  const d = graphData(p, state.panels);
  let g = nodesAndEdges(d.rows);
  if (p.panel_type === "graph") {
    g = foldGraph(g, d.categories, expandedNodes[p.name] || new Set());
    if (p.status !== "complete" && p.status !== "error") {   /* while running, a node waits for an edge */
      const linked = new Set(g.edges.flatMap(([s, t]) => [s, t]));
      g.nodes = g.nodes.filter((n) => linked.has(n.id));
    }
  }
  return Object.assign(g, { categories: d.categories, status: d.status, rows: d.rows });
}

/* A flow as Powerpipe's Flow draws its sankey (links coloured by their row's category, columns by
 * depth: logic/graph.js sankeyData), its labels readable: those of the last column left of their
 * nodes (inside the chart, not past its right edge), the chart as high as its fullest column
 * needs for a label a node (lpHeight, chart.js) */
function flowOption(p, m, looks, theme, base) {
  const s = sankeyData(m, m.rows, m.categories, theme);
  const last = Math.max(0, ...s.nodes.map((n) => n.depth || 0));
  const perColumn = new Map();
  for (const n of s.nodes) perColumn.set(n.depth || 0, (perColumn.get(n.depth || 0) || 0) + 1);
  const fullest = Math.max(1, ...perColumn.values()), GAP = 8;
  return themed(Object.assign(base, { lpHeight: Math.max(300, fullest * (16 + GAP) + 16),
    series: [{ type: "sankey", top: 8, bottom: 8, left: 8, right: 8, nodeGap: GAP, draggable: true,
      emphasis: { focus: "adjacency" }, lineStyle: { color: "source", curveness: 0.5 },
      data: s.nodes.map((n) => ({ name: n.id, depth: n.depth === null ? undefined : n.depth,
        title: looks.get(n.id).label, href: looks.get(n.id).href, itemStyle: { color: n.color },
        label: last && n.depth === last ? { position: "left" } : undefined })),
      label: { formatter: (x) => x.data.title, color: theme.fg, width: 180, overflow: "truncate" },
      links: s.links.map((l) => ({ source: l.source, target: l.target, value: 1,
                                   lineStyle: { color: l.color, opacity: 0.35 } })) }] }), theme);
}

/* a graph's, flow's or hierarchy's ECharts option in a theme (theme.js currentTheme) */
export function graphOption(p, theme, size) {
  const m = graphModel(p), { nodes, edges } = m;
  const type = p.panel_type, base = { animation: false, tooltip: { renderMode: "richText" } };
  const look = categoryLook(m.categories, theme), looks = new Map(nodes.map((n) => [n.id, look(n)]));
  if (type === "flow") return flowOption(p, m, looks, theme, base);
  if (type === "hierarchy") {
    const byId = new Map(nodes.map((n) => [n.id, {
      name: looks.get(n.id).label, id: n.id, href: looks.get(n.id).href,
      itemStyle: { color: looks.get(n.id).color }, children: [] }]));
    const hasParent = new Set();
    for (const [s, t] of edges)
      if (!hasParent.has(t) && s !== t) { hasParent.add(t); byId.get(s).children.push(byId.get(t)); }
    /* a cycle has no root: the nodes of one are left out */
    const seen = new Set(), walk = (n) => (seen.has(n.id) ? null : (seen.add(n.id),
      Object.assign({}, n, { children: n.children.map(walk).filter(Boolean) })));
    const roots = nodes.filter((n) => !hasParent.has(n.id)).map((n) => walk(byId.get(n.id)));
    const data = roots.length === 1 ? roots : [{ name: p.title || "", children: roots }];
    /* room beside the tree for its root's labels (left of their nodes) and its leaves' (right):
     * their longest, at most a third of the chart each, wrapped there rather than cut by its edge */
    const px = (t) => 7 * [...String(t || "")].length + 12, third = ((size && size.width) || 600) / 3;
    const leafNames = [], innerNames = [], gather = (n) => {
      (n.children.length ? innerNames : leafNames).push(n.name);
      n.children.forEach(gather);
    };
    data.forEach(gather);
    const left = Math.round(Math.min(third, Math.max(40, ...innerNames.map(px)))),
      right = Math.round(Math.min(third, Math.max(40, ...leafNames.map(px))));
    return themed(Object.assign(base, { series: [{ type: "tree", data,
      top: 16, bottom: 16, left, right,
      expandAndCollapse: false,
      label: { position: "left", color: theme.fg, width: left - 12, overflow: "break", lineHeight: 15 },
      leaves: { label: { position: "right", width: right - 12, overflow: "break", lineHeight: 15 } } }] }),
    theme);
  }
  /* an edge's colour: its category's, else its target's at 70%, else the neutral one (Powerpipe's rules) */
  const nodeCat = new Map(nodes.map((n) => [n.id, n.category]));
  const edgeLook = (c, t) => {
    const own = c && categoryColor(m.categories[c], theme);
    if (own) return { color: own, opacity: 1 };
    const tc = m.categories[nodeCat.get(t)];
    const theirs = categoryColor(tc, theme);
    return theirs ? { color: theirs, opacity: 0.7 } : { color: theme.muted, opacity: 1 };
  };
  const dir = String((p.properties || {}).direction || "").toUpperCase(), panel = theme.panel;
  const lay = layeredLayout(nodes.map((n) => n.id), edges, ["LR", "LEFT_RIGHT"].includes(dir) ? "LR" : "TB");
  /* a node's tooltip: its title and its row's properties, as Powerpipe's node tooltip lists them */
  base.tooltip.formatter = (x) => {
    if (x.dataType !== "node") return x.data.title || "";
    const props = x.data.props && typeof x.data.props === "object" ? x.data.props : {};
    return [x.data.name, ...Object.entries(props).map(([k, v]) => k + ": " + cellText(v))].join("\n");
  };
  /* not draggable: a node moves by its "Move node" handle alone (graph-handles.js) */
  return themed(Object.assign(base, { series: [{ type: "graph", layout: "none", roam: "move",
    draggable: false,
    symbolSize: 40, edgeSymbol: ["none", "arrow"], edgeSymbolSize: 8,
    /* labels on the panel's colour, as Powerpipe's text shadow does, so an edge does not cross them */
    /* every node's title shown (truncated at Powerpipe's 150 px); an edge's title level at its
     * middle, italic, in lines of at most 70 px (Powerpipe's FloatingEdge label) */
    label: { show: true, position: "bottom", color: theme.fg, fontSize: 13, width: 150, overflow: "truncate",
             backgroundColor: theme.panel, padding: [1, 3] },
    /* centred on the edge's middle (ECharts' own stands on it, its lines growing up into the
     * source's title) */
    edgeLabel: { show: true, position: "middle", rotate: 0, fontSize: 12, fontStyle: "italic", width: 70,
                 verticalAlign: "middle", align: "center", distance: 0,
                 overflow: "break", lineHeight: 14, formatter: (x) => x.data.title || "",
                 backgroundColor: theme.panel, padding: [1, 2] },
    data: nodes.map((n) => {
      const k = looks.get(n.id), [x, y] = lay.xy.get(n.id);
      /* a node with a link has its title in the link colour, as Powerpipe's */
      return { id: n.id, name: k.title, href: k.href, unfold: n.folded, x, y, icon: k.icon,
               props: n.row && n.row.properties,
               symbol: nodeSymbol(k.color, k.icon, panel), itemStyle: { color: k.color },
               label: k.href ? { color: theme.link } : undefined };
    }).concat(
      /* the layout's corners, unseen: ECharts fits the nodes' box to the series', and a box one node
       * wide (one rank, a chain) would have no width to scale */
      [[0, 0], [lay.width, lay.height]].map(([x, y], k) => ({ id: "\u0000corner" + k, name: "", anchor: true,
        x, y, symbolSize: 0, silent: true, label: { show: false }, tooltip: { show: false } }))),
    links: edges.map(([s, t, c, title]) => {
      const e = edgeLook(c, t);
      const cat = (c && m.categories[c]) || {};
      return { source: s, target: t, title: title || cat.title || cat.name || "",
               lineStyle: { color: e.color, opacity: e.opacity }, label: { color: e.color } };
    }) }], lpLayout: lay }), theme);
}

/* Powerpipe's graph controls (React Flow's Controls as its Graph sets them): Zoom In and Zoom Out
 * (by 1.2, React Flow's step), Fit View (the whole layout in the box, as first drawn) and Reset
 * Layout (the nodes back where the layout put them).  As there, the wheel does not zoom (roam
 * "move": a drag pans), so that scrolling the page over a graph scrolls the page. */
const GRAPH_CONTROLS = [["Zoom In", "heroicons-outline:plus", (z) => z * 1.2],
                        ["Zoom Out", "heroicons-outline:minus", (z) => z / 1.2],
                        ["Fit View", "heroicons-outline:arrows-pointing-out", null],
                        ["Reset Layout", "heroicons-outline:backward", null]];

export function graphControls(div, chart, option) {
  const box = el("div", "graph-controls"), s0 = option.series[0];
  /* drawn again (a resize): the buttons of the last drawing replaced */
  const old = div.querySelector(":scope > .graph-controls");
  if (old) old.remove();
  const centre = [s0.lpBox[0] / 2, s0.lpBox[1] / 2];
  for (const [title, iconName, zoom] of GRAPH_CONTROLS) {
    const b = el("button");
    Object.assign(b, { type: "button", title });
    b.setAttribute("aria-label", title);
    b.append(icon(iconName));
    b.onclick = () => {
      const now = (chart.getOption().series[0] || {}).zoom || 1;
      if (zoom) chart.setOption({ series: [{ zoom: Math.min(4, Math.max(0.25, zoom(now))) }] });
      else if (title === "Fit View") chart.setOption({ series: [{ zoom: 1, center: centre }] });
      else chart.setOption(option, true);
    };
    box.append(b);
  }
  div.append(box);
}

/* A graph node's symbol as Powerpipe's AssetNode draws it: a ring of its colour on the panel's, its
 * icon inside in that colour (a text icon as its text; a named one once fetched: graphIcons).  An
 * SVG image of the page's own making: its texts escaped, the icon's paths checked (parseIcon). */
export const nodeSymbols = new Map();   /* colour, icon and panel colour -> the symbol: one image per look */

export function nodeSymbol(color, iconName, panel) {
  const key = JSON.stringify([color, iconName, panel, !!iconResolved.get(iconName)]);
  if (!nodeSymbols.has(key)) nodeSymbols.set(key, drawNodeSymbol(color, iconName, panel));
  return nodeSymbols.get(key);
}

export function drawNodeSymbol(color, iconName, panel) {
  const esc = (t) => String(t).replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";"), col = esc(color);
  let inner = "";
  if (typeof iconName === "string" && iconName.startsWith("text:")) {
    const t = iconName.slice(5), size = t.length <= 2 ? 40 : t.length <= 4 ? 28 : 18;
    inner = `<text x="50" y="52" text-anchor="middle" dominant-baseline="middle" font-family="sans-serif" ` +
            `font-weight="600" font-size="${size}" fill="${col}">${esc(t)}</text>`;
  } else if (iconResolved.get(iconName)) {
    const shape = iconResolved.get(iconName);
    const paint = shape.stroke ? `fill="none" stroke="${col}" stroke-width="${shape.stroke}" ` +
                                 `stroke-linecap="round" stroke-linejoin="round"` : `fill="${col}"`;
    const paths = shape.paths.map((p) => `<path d="${p.d}"${p.evenodd ? ' fill-rule="evenodd"' : ""}/>`);
    inner = `<svg x="20" y="20" width="60" height="60" viewBox="${shape.viewBox}" ${paint}>` +
            `${paths.join("")}</svg>`;
  }
  const ring = `<circle cx="50" cy="50" r="46" fill="${esc(panel)}" stroke="${col}" ` +
               `stroke-width="4"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">${ring}${inner}</svg>`;
  return "image://data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
}

/* the named icons of a graph's categories and folds, fetched before it is drawn */
export function graphIcons(m) {
  const names = Object.values(m.categories).flatMap((c) => [c.icon, c.fold && c.fold.icon]);
  return Promise.all(names.filter((n) => typeof n === "string" && !n.startsWith("text:")).map(iconShape));
}

/* A laid-out graph in its chart: as high as the layout within Powerpipe's 175 to 600 pixels, never
 * scaled up, centred.  Across, it is narrowed to the box (not below half, as React Flow's fitView
 * stops at its minZoom 0.5: a wider graph runs past the edges for the user to pan); down, it keeps
 * its ranks' full distance while 600 pixels hold them, so that a node's title and the edges' titles
 * between two ranks keep apart.  The nodes are placed at those pixels (ECharts then maps them one to
 * one: a scale of its own would stretch the circles and the titles).  The titles are fitted to the
 * room left them: a node's to its column's width, an edge's to half of it (two edges from one node
 * have their middles that far apart), wrapped onto lines rather than cut. */
export function fitLayout(div, o) {
  /* a node's circle; its title below it, two lines */
  const lay = o.lpLayout, PAD = { x: 70, top: 28, bottom: 72 };
  delete o.lpLayout;
  /* top-down, the ranks 200 px apart rather than the layout's 160: a node's circle and its
   * two-line title, then the edges' titles, clear of the next rank's circles */
  const lr = lay.direction === "LR", stretch = lr ? 1 : 1.25;
  const W = lay.width, H = 100 + (lay.height - 100) * stretch;
  /* the layout's box holds a node's 100 pixels around each centre: the padding is within it */
  const spanX = W - 100, spanY = H - 100;
  div.style.height = Math.round(Math.min(600, Math.max(175, spanY + PAD.top + PAD.bottom))) + "px";
  /* the zoom buttons take the left edge (graphControls): the drawing is centred right of them */
  const CONTROLS = 36, w = div.clientWidth - CONTROLS, h = div.clientHeight;
  const roomY = h - PAD.top - PAD.bottom;
  const sx = Math.max(0.5, Math.min(1, (w - 2 * PAD.x) / Math.max(1, spanX)));
  const sy = Math.max(0.5, Math.min(1, roomY / Math.max(1, spanY)));
  const s0 = o.series[0];
  for (const d of s0.data) {
    d.x = (d.anchor ? d.x : 50 + (d.x - 50)) * sx;
    d.y = (d.anchor ? (d.y ? H : 0) : 50 + (d.y - 50) * stretch) * sy;
  }
  const left = CONTROLS + (w - W * sx) / 2, top = PAD.top - 50 * sy + (roomY - spanY * sy) / 2;
  /* a node's column: 210 px a node across (top-down: layeredLayout's), a rank's 300 (left to right) */
  const column = (lr ? 300 : 210) * sx;
  s0.label = Object.assign({}, s0.label, { width: Math.round(Math.max(40, Math.min(150, column - 8))),
    overflow: "break", lineHeight: 15, height: 30, lineOverflow: "truncate" });
  s0.edgeLabel = Object.assign({}, s0.edgeLabel, {
    width: Math.round(Math.max(36, Math.min(70, (lr ? 115 * sy : column / 2) - 6))) });
  Object.assign(s0, { left, top, width: W * sx, height: H * sy, lpBox: [W * sx, H * sy] });
}

/* Powerpipe's panel information of a node/edge graph (NodeAndEdgePanelInformation): how many of its
 * withs, nodes and edges are complete, running, waiting or in error, the unfinished ones by name and
 * each error; none once all completed with something to draw */
export function graphInfo(p, m) {
  const all = [...[...m.status.withs.values()].map((s) => ["with", s]),
               ...m.status.nodes.map((s) => ["node", s]), ...m.status.edges.map((s) => ["edge", s])];
  const other = ["initialized", "blocked", "running", "cancelled", "error"];   /* else complete */
  const count = (st) => all.filter(([, s]) => (st === "complete" ? !other.includes(s.state)
                                                                   : s.state === st)).length;
  const [init, blocked, running, errors] = ["initialized", "blocked", "running", "error"].map(count);
  if (!init && !blocked && !running && !errors && p.status === "complete" && m.nodes.length) return null;
  const box = el("div", "graph-info");
  /* it scrolls when long: a Tab stop of its own, so the keyboard scrolls it too */
  box.tabIndex = 0;
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", "Parts of " + (p.title || p.name));
  box.append(el("div", null, count("complete") + " complete, " + running + " running, " + blocked +
    " waiting, " + errors + " " + (errors === 1 ? "error" : "errors") + "."));
  if (!init && !blocked && !running && !count("complete") && p.status === "complete" && !m.nodes.length)
    box.append(el("div", "more", "No nodes or edges"));
  const byTitle = (a, b) => String(a[1].title).localeCompare(String(b[1].title));
  for (const [st, cls] of [["running", "wait"], ["blocked", "wait"], ["error", "error"]])
    for (const kind of ["with", "node", "edge"])
      for (const [, s] of all.filter(([k, x]) => k === kind && x.state === st).sort(byTitle)) {
        box.append(el("div", "graph-part " + cls, kind + ": " + s.title));
        if (s.error && st === "error") box.append(el("div", "error", s.error));
      }
  return box;
}
