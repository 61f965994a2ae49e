/* logic/graph.js — what a graph, flow or hierarchy draws, as Powerpipe builds it: nodes and edges
 * from rows (or from node and edge panels), categories and their looks, folds (pure: no DOM; the
 * panels and the theme come as arguments). */
import { renderTemplate } from "./template.js";
import { safeHref } from "./format.js";
import { themeColor } from "./colors.js";

/* A graph's, flow's or hierarchy's nodes and edges, from rows as Powerpipe's buildNodesAndEdges
 * reads them: a row with id is a node; from_id and to_id an edge; id with only one of them an edge
 * to (or from) that node (recordEdge without a title or category); an edge's unknown ends become
 * nodes named by their ids.  A node keeps
 * its row (properties read as JSON when they are its text, as SQLite gives them) for its
 * category's href template. */
export function nodesAndEdges(rows) {
  const nodes = new Map(), edges = [];
  const str = (v) => (v === null || v === undefined ? null : String(v));
  const add = (id, r) => {
    const n = nodes.get(id) || { id, title: null, category: null, row: { id } };
    if (r) {
      const row = Object.assign({}, r);
      if (typeof row.properties === "string")
        try { row.properties = JSON.parse(row.properties); } catch (e) { /* text */ }
      Object.assign(n, { title: r.title ? String(r.title) : null, category: r.category || null, row });
    }
    nodes.set(id, n);
  };
  for (const r of rows) {
    const id = str(r.id), from = str(r.from_id), to = str(r.to_id), cat = r.category || null;
    const title = r.title ? String(r.title) : null;
    if (id) add(id, r);
    if (from && to) {
      if (!nodes.has(from)) add(from);
      if (!nodes.has(to)) add(to);
      edges.push([from, to, cat, title]);
    }
    /* a node's row with one end: an edge without title or category (the category is the node's) */
    else if (id && from) { if (!nodes.has(from)) add(from); edges.push([from, id, null, null]); }
    else if (id && to) { if (!nodes.has(to)) add(to); edges.push([id, to, null, null]); }
  }
  return { nodes: [...nodes.values()], edges };
}

/* Powerpipe's node/edge format: a graph, flow or hierarchy naming node and edge panels is drawn
 * from their rows (useNodeAndEdgeData), not from a query of its own */
export const nodeEdgeFormat = (p) => {
  const q = p.properties || {};
  return !!((q.nodes || []).length || (q.edges || []).length);
};

/* a category as Powerpipe's populateCategoryWithDefaults fills it in: a fold at 3 nodes unless set */
export function fullCategory(c) {
  const fold = c.fold || {};
  return { name: c.name || c.resource_name, title: c.title, color: c.color, icon: c.icon, href: c.href,
           fold: { threshold: typeof fold.threshold === "number" ? fold.threshold : 3,
                   title: fold.title || c.title, icon: fold.icon || c.icon } };
}

/* The rows a graph, flow or hierarchy draws, its categories (name -> fullCategory) and the state of
 * each with, node and edge it is made of.  In the node/edge format (Powerpipe's useNodeAndEdgeData):
 * a node row takes its panel's title and category when it has none (a category of the row's own
 * must be one the graph declares), and an edge row is kept only when both its ends are node rows,
 * titled by its panel as nodes are.  Otherwise the graph's own rows. */
export function graphData(p, panels) {
  const props = p.properties || {}, categories = {};
  for (const [name, c] of Object.entries(props.categories || {})) categories[name] = fullCategory(c);
  if (!nodeEdgeFormat(p)) return { rows: (p.data && p.data.rows) || [], categories, status: null };
  const rows = [], ids = new Set(), status = { withs: new Map(), nodes: [], edges: [] };
  const part = (kind, name, take) => {
    const q = panels[name];
    if (!q) return;
    for (const d of q.dependencies || []) {
      const w = panels[d];
      if (d.includes(".with.") && w && !status.withs.has(d))
        status.withs.set(d, { title: w.title || (w.properties || {}).name || d,
                              state: w.status || "initialized", error: w.error });
    }
    const qp = q.properties || {}, qc = qp.category || {};
    status[kind].push({ title: q.title || qc.title || qc.name || qp.name || name,
                        state: q.status || "initialized", error: q.error });
    let catId = null;
    if (qp.category) {
      const c = fullCategory(qp.category);
      catId = kind.slice(0, 4) + "." + name + "." + c.name;
      categories[catId] = c;
    }
    for (const r of (q.data || {}).rows || []) {
      if (!take(r)) continue;
      const row = Object.assign({}, r);
      if (!row.title && q.title) row.title = q.title;
      if (row.category && qp.category && row.category === categories[catId].name) row.category = catId;
      else if (row.category && !categories[row.category]) row.category = undefined;
      else if (!row.category && catId) row.category = catId;
      rows.push(row);
    }
  };
  const has = (v) => v !== null && v !== undefined;
  for (const n of props.nodes || []) part("nodes", n, (r) => has(r.id) && (ids.add(String(r.id)), true));
  for (const e of props.edges || [])
    part("edges", e, (r) => has(r.from_id) && has(r.to_id) && ids.has(String(r.from_id)) &&
                            ids.has(String(r.to_id)));
  return { rows, categories, status };
}

/* a category's own colour, none for "auto" (Powerpipe's graph treats it as unset) */
export const categoryColor = (c, theme) => (c && c.color !== "auto" ? themeColor(c.color, theme) : null);

/* a node's look from its category (title, color, icon, href): a declared category's colour (none:
 * the neutral one); a category a row names but nothing declares, the palette's next one, as
 * Powerpipe's buildNodesAndEdges gives them */
export function categoryLook(categories, theme) {
  const pal = theme.palette, undeclared = new Map();
  const colorOf = (name) => {
    if (!name) return theme.muted;
    if (categories[name]) return categoryColor(categories[name], theme) || theme.muted;
    if (!undeclared.has(name)) undeclared.set(name, pal[undeclared.size % pal.length]);
    return undeclared.get(name);
  };
  return (n) => {
    const c = (n.category && categories[n.category]) || {};
    const icon = n.folded ? c.fold.icon : c.icon;
    const iconText = typeof icon === "string" && icon.startsWith("text:") ? icon.slice(5) + " " : "";
    const href = c.href && !n.folded ? renderTemplate(c.href, n.row) : null;
    /* Powerpipe's label: the node's title, else its category's title or name (here, else its id);
     * a flow's or hierarchy's with its text icon before it, a graph's icon is in its node */
    const title = n.title || c.title || c.name || n.id;
    return { color: colorOf(n.category), label: iconText + title, title, icon,
             href: href && safeHref(href) !== null ? href : undefined };
  };
}

/* Powerpipe's category fold (foldNodesAndEdges): the nodes of a category that come from the same
 * nodes and go to the same nodes, at least the fold's threshold of them, are drawn as one node
 * titled by the fold (else the category) with their count; a click on it unfolds them (expanded:
 * the ids unfolded).  The edges to and from it keep a title all of theirs share. */
export function foldGraph(g, categories, expanded) {
  const ins = new Map(), outs = new Map();
  for (const [s, t] of g.edges) {
    (outs.get(s) || outs.set(s, []).get(s)).push(t);
    (ins.get(t) || ins.set(t, []).get(t)).push(s);
  }
  const groups = new Map();
  for (const n of g.nodes) {
    const c = n.category && categories[n.category];
    if (!c || !c.fold || expanded.has(n.id)) continue;
    const key = JSON.stringify([n.category, (ins.get(n.id) || []).slice().sort(),
                                (outs.get(n.id) || []).slice().sort()]);
    (groups.get(key) || groups.set(key, []).get(key)).push(n);
  }
  const into = new Map(), folds = [];
  let k = 0;
  for (const members of groups.values()) {
    const c = categories[members[0].category];
    if (members.length < c.fold.threshold) continue;
    const id = "fold-" + members[0].category + "-" + ++k;
    folds.push({ id, title: (c.fold.title || c.title || c.name) + " (" + members.length + ")",
                 category: members[0].category, row: null, folded: members.map((m) => m.id) });
    for (const m of members) into.set(m.id, id);
  }
  if (!folds.length) return g;
  const edges = new Map();
  for (const [s, t, cat, title] of g.edges) {
    const fs = into.get(s) || s, ft = into.get(t) || t, key = fs + "\u0000" + ft;
    if (fs === s && ft === t) { edges.set(key, [s, t, cat, title]); continue; }
    const e = edges.get(key);
    if (!e) edges.set(key, [fs, ft, cat, title]);
    else { if (e[2] !== cat) e[2] = null; if (e[3] !== title) e[3] = null; }
  }
  return { nodes: g.nodes.filter((n) => !into.has(n.id)).concat(folds), edges: [...edges.values()] };
}

/* A flow's sankey as Powerpipe's buildNodesAndEdges and buildSankeyDataInputs make it (rows: the
 * flow's rows, for the order categories first appear in): a category's colour its own, else the
 * palette's next one (in that order); a node's its category's, else the palette's next after
 * them; a link's its row's category's, else its target's.  A node's column (depth) is its row's
 * `depth`, else its category's, else one more than the node it is reached from first (Powerpipe's
 * nodeDepths), so that a flow whose rows give depths (an egress flow: from the right) is laid out
 * as they say. */
export function sankeyData(g, rows, categories, theme) {
  const pal = theme.palette, colors = new Map();
  let next = 0;
  for (const r of rows) {
    const c = r.category;
    if (!c || colors.has(c)) continue;
    colors.set(c, categoryColor(categories[c], theme) || pal[next++ % pal.length]);
  }
  const depths = new Map();
  for (const [s, t] of g.edges) {
    if (!depths.get(s)) depths.set(s, 0);
    if (!depths.get(t)) depths.set(t, depths.get(s) + 1);
  }
  const num = (v) => (typeof v === "number" ? v
    : typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : null);
  const nodes = g.nodes.map((n) => {
    const c = (n.category && categories[n.category]) || {};
    const own = num(n.row && n.row.depth), cat = num(c.depth);
    const depth = own !== null ? own : cat !== null ? cat : depths.has(n.id) ? depths.get(n.id) : null;
    return { id: n.id, depth, color: (n.category && colors.get(n.category)) || pal[next++ % pal.length] };
  });
  const links = g.edges.map(([s, t, c]) => ({ source: s, target: t,
    color: (c && colors.get(c)) || "target" }));
  return { nodes, links };
}
