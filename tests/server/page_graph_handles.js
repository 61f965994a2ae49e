// page_graph_handles.js URL — a graph node's controls over tests/server/handlemod, in headless
// Chromium at 1400x1000, as Powerpipe's UI has them (ui/dashboard/src/components/dashboards/graphs/
// Graph/AssetNode.tsx: NodeControls, "invisible group-hover:visible absolute -left-[17%]
// -bottom-[4%]", holding RefoldNodeControl "Collapse node" for an unfolded node above
// NodeGrabHandleControl "Move node"; Graph/index.tsx gives each node dragHandle
// ".custom-drag-handle", so that only the handle moves it):
//   no handle until the pointer is over a node; then "Move node" at the node's bottom left, left
//   of its circle and below its centre;
//   a drag by the handle moves the node by the drag's distance (its centre on the chart, read from
//   ECharts' own layout) and its edges' ends with it; no other node moves;
//   a drag on a node's circle neither moves it nor pans the graph (React Flow's nopan on a node);
//   a drag on the background pans it;
//   a folded node unfolded by a click: its nodes have "Collapse node" above "Move node", which
//   folds them back; a node never folded has no "Collapse node";
//   drawn again at another width, one box of each (the graph's own controls, the node's).
// No console error throughout.  Exits 0, or 1 after "FAIL: why".
"use strict";
const { launch } = require("./chromium.js");

const [base] = process.argv.slice(2);
const origin = base.replace(/\/$/, "");
const fail = (msg) => { throw new Error(msg); };
const check = (cond, msg) => { if (!cond) fail(msg); };
const G = '#layout .node[data-name="handles.graph.g"] .chart';
const T = { timeout: 20000 };

// The graph as ECharts laid it out: each node's id, its centre in the chart's pixels and in the
// series' own coordinates, its circle's radius; each edge's ends (ids and pixels).  Null until
// drawn, and until it has `count` nodes or node `id` is `near` pixel `px` when asked.
function laidOut([sel, want]) {
  const c = document.querySelector(sel);
  const i = c && window.echarts && window.echarts.getInstanceByDom(c);
  const s = i && i.getModel().getSeriesByIndex(0);
  if (!s || !s.getData().count()) return null;
  const data = s.getData(), edges = s.getEdgeData(), px = (p) => i.convertToPixel({ seriesIndex: 0 }, p);
  const nodes = [];
  data.each((k) => {
    const raw = data.getRawDataItem(k), at = data.getItemLayout(k);
    if (raw.anchor || !at) return;
    nodes.push({ id: raw.id, at: [at[0], at[1]], px: px(at), r: s.get("symbolSize") / 2 });
  });
  const links = [];
  edges.each((k) => {
    const raw = edges.getRawDataItem(k), at = edges.getItemLayout(k);
    links.push({ source: raw.source, target: raw.target, ends: at.slice(0, 2).map(px) });
  });
  const box = c.getBoundingClientRect(), w = want || {}, n = nodes.find((x) => x.id === w.id);
  if (w.count !== undefined && nodes.length !== w.count) return null;
  if (w.id && !(n && Math.abs(n.px[0] - w.px[0]) <= 1 && Math.abs(n.px[1] - w.px[1]) <= 1)) return null;
  return { nodes, links, left: box.left, top: box.top };
}

const near = (a, b, d = 1) => Math.abs(a[0] - b[0]) <= d && Math.abs(a[1] - b[1]) <= d;

async function main() {
  const browser = await launch();
  const errors = [];
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(origin + "/handles.dashboard.main");
    // the graph drawn with its fold (grp, pol, usr and the roles' fold)
    const graph = (count) => page.waitForFunction(laidOut, [G, { count }], T).then((h) => h.jsonValue());
    let g = await graph(4);
    const byId = (gr, id) => gr.nodes.find((n) => n.id === id) || fail("no node " + id + " in the graph");
    const at = (n) => [g.left + n.px[0], g.top + n.px[1]];
    const handle = (title) => page.locator(G + ' button[title="' + title + '"]');

    // no handle until the pointer is over a node
    check(!(await handle("Move node").isVisible()), "a Move node handle shows before any hover");
    const usr = byId(g, "usr");
    await page.mouse.move(...at(usr));
    await handle("Move node").waitFor({ state: "visible", ...T });
    const label = await handle("Move node").getAttribute("aria-label");
    check(label === "Move node", "the handle's aria-label: " + label);
    check(!(await handle("Collapse node").isVisible()), "Collapse node on a node never folded");
    // at the node's bottom left: its left edge left of the circle, its bottom below the centre
    const hb = await handle("Move node").boundingBox();
    const [cx, cy] = at(usr);
    check(hb.x < cx - usr.r && hb.x + hb.width < cx && hb.y + hb.height > cy + usr.r * 0.5 &&
          hb.x > cx - usr.r * 3 && hb.y + hb.height < cy + usr.r * 2,
          "the handle is not at the node's bottom left: " + JSON.stringify({ hb, cx, cy, r: usr.r }));

    // a drag by the handle moves the node by the drag's distance, and its edges' ends with it
    const DX = 90, DY = 45;
    const from = [hb.x + hb.width / 2, hb.y + hb.height / 2];
    await page.mouse.move(...from);
    await page.mouse.down();
    for (let k = 1; k <= 5; k++) await page.mouse.move(from[0] + DX * k / 5, from[1] + DY * k / 5);
    await page.mouse.up();
    const want = [usr.px[0] + DX, usr.px[1] + DY];
    const moved = await page.waitForFunction(laidOut, [G, { id: "usr", px: want }], { timeout: 5000 })
      .then((h) => h.jsonValue(), async () => {
        fail("the node did not move by the drag (" + DX + ", " + DY + "): " +
             JSON.stringify([usr.px, byId(await page.evaluate(laidOut, [G]), "usr").px]));
      });
    for (const n of g.nodes)
      if (n.id !== "usr") check(near(byId(moved, n.id).px, n.px), "node " + n.id + " moved too");
    // an edge's ends are within its nodes' circles (ECharts stops a line at the symbol of an
    // arrow's end), on the line between the two centres
    const e = moved.links.find((l) => l.target === "usr") || fail("no edge to usr");
    const ends = (a, b, l) => [a, b].every((c, k) => {
      const d = Math.hypot(l.ends[k][0] - c[0], l.ends[k][1] - c[1]);
      const cross = (b[0] - a[0]) * (l.ends[k][1] - a[1]) - (b[1] - a[1]) * (l.ends[k][0] - a[0]);
      return d <= usr.r + 1.5 && Math.abs(cross) / Math.hypot(b[0] - a[0], b[1] - a[1]) <= 1;
    });
    check(ends(byId(moved, "grp").px, want, e),
          "the edge to the moved node does not follow it: " + JSON.stringify([e.ends, want]));
    check(!ends(byId(g, "grp").px, usr.px, e), "the edge still ends where the node was");
    // the handle stays with the node
    const hb2 = await handle("Move node").boundingBox();
    check(near([hb2.x, hb2.y], [hb.x + DX, hb.y + DY], 2), "the handle did not follow the node");
    // away from the nodes: no handle
    await page.mouse.move(g.left + 5, g.top + 5);
    await handle("Move node").waitFor({ state: "hidden", ...T });

    // a drag on a node's circle does not move it (in the series' coordinates: a pan moves them all)
    g = moved;
    const pol = byId(g, "pol");
    await page.mouse.move(...at(pol));
    await page.mouse.down();
    for (let k = 1; k <= 5; k++) await page.mouse.move(at(pol)[0] + 16 * k, at(pol)[1] + 8 * k);
    await page.mouse.up();
    const after = await page.evaluate(laidOut, [G]);
    for (const n of g.nodes)
      check(near(byId(after, n.id).px, n.px, 0.5), "a drag on its circle moved node " + n.id +
            " (or panned the graph): " + JSON.stringify([n.px, byId(after, n.id).px]));
    // the graph still pans by a drag on its background (roam "move"; ECharts pans within the
    // graph's box): between two nodes of a rank
    const usr2 = byId(g, "usr");
    const bg = [g.left + (pol.px[0] + usr2.px[0]) / 2, g.top + (pol.px[1] + usr2.px[1]) / 2];
    await page.mouse.move(...bg);
    await page.mouse.down();
    for (let k = 1; k <= 5; k++) await page.mouse.move(bg[0] + 8 * k, bg[1] + 4 * k);
    await page.mouse.up();
    const shifted = [pol.px[0] + 40, pol.px[1] + 20];
    const panned = await page.waitForFunction(laidOut, [G, { id: "pol", px: shifted }], { timeout: 5000 })
      .then((h) => h.jsonValue(), () => null);
    check(panned, "a drag on the background does not pan the graph");

    // a folded node unfolded: its nodes' "Collapse node" above "Move node" folds them back
    g = panned;
    const fold = g.nodes.find((n) => n.id.startsWith("fold-")) || fail("no folded node");
    await page.mouse.click(...at(fold));
    g = await graph(6);
    await page.mouse.move(...at(byId(g, "r2")));
    await handle("Collapse node").waitFor({ state: "visible", ...T });
    const cb = await handle("Collapse node").boundingBox(), mb = await handle("Move node").boundingBox();
    check(cb.y + cb.height <= mb.y + 1 && Math.abs(cb.x - mb.x) <= 1,
          "Collapse node is not above Move node: " + JSON.stringify([cb, mb]));
    check(await handle("Collapse node").getAttribute("aria-label") === "Collapse node",
          "Collapse node's aria-label");
    await handle("Collapse node").click();
    g = await graph(4);
    check(g.nodes.some((n) => n.id.startsWith("fold-")), "the roles are not folded back");

    // drawn again at another width: one box of graph controls and one of node controls, which
    // still shows on hover
    const width = await page.$eval(G, (c) => c.clientWidth);
    await page.setViewportSize({ width: 1100, height: 1000 });
    await page.waitForFunction(([sel, w]) => {
      const c = document.querySelector(sel), i = c && window.echarts.getInstanceByDom(c);
      return c && c.clientWidth !== w && i && i.getWidth() === c.clientWidth;
    }, [G, width], T);
    g = await graph(4);
    const boxes = await page.$eval(G, (c) => [c.querySelectorAll(".graph-controls").length,
                                              c.querySelectorAll(".node-controls").length]);
    check(boxes[0] === 1 && boxes[1] === 1, "graph and node controls after a redraw: " + boxes);
    await page.mouse.move(...at(byId(g, "pol")));
    await handle("Move node").waitFor({ state: "visible", ...T });

    check(!errors.length, "console errors: " + errors.join(" | "));
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), (e) => {
  console.log("FAIL: " + e.message);
  process.exit(1);
});
