// ppui_render.js --write DIR | URL — the panel kinds the acceptance mods lack (charts, flows,
// hierarchies, graphs whose nodes have ids), in Powerpipe's own UI (served by --ui-dir) in
// headless Chromium.  --write DIR writes the mod (MOD below); URL checks its dashboard against the
// facts that its SQL literals state (FACTS below):
//  - a chart draws an ECharts canvas whose options hold the query's rows and one series per
//    value column; a flow is an ECharts sankey with the rows' nodes and from/to links; a hierarchy
//    an ECharts tree with the rows' parent/child shape (the option is read from the UI's
//    echarts-for-react component: ECharts draws into a canvas, so the DOM holds no data);
//  - a graph draws one react-flow node (DOM) per node row with its title, one edge per edge row;
//  - no "Workspace Error" modal, no spinner left, no console error.
// Exits 0, or 1 after "FAIL: why".
"use strict";
const fs = require("fs");
const path = require("path");
const { launch } = require("./chromium.js");
const { fail } = require("./client.js");

const MOD = `mod "render" {
  title = "Render"
}

dashboard "kinds" {
  title = "Panel kinds"
  chart "bars" {
    type  = "column"
    title = "Bars"
    width = 6
    sql   = "select 'a' as x, 1 as s1, 2 as s2 union all select 'b', 3, 4"
  }
  flow "f" {
    title = "Flow"
    width = 6
    sql   = <<-EOQ
      select 'n1' as id, 'N one' as title, null as from_id, null as to_id
      union all select 'n2', 'N two', null, null
      union all select null, null, 'n1', 'n2'
    EOQ
  }
  hierarchy "h" {
    title = "Hierarchy"
    width = 6
    sql   = "select 'r' as id, 'Root' as title, null as from_id union all select 'c', 'Child', 'r'"
  }
  graph "g" {
    title = "Graph"
    width = 6
    node "gn" {
      sql = "select 'g1' as id, 'Gee one' as title union all select 'g2', 'Gee two'"
    }
    edge "ge" {
      sql = "select 'g1' as from_id, 'g2' as to_id"
    }
  }
}
`;

const DASHBOARD = "render.dashboard.kinds";
const FACTS = {
  chart: { id: "render.chart.bars", series: ["s1", "s2"],
           source: [["x", "s1", "s2"], ["a", 1, 2], ["b", 3, 4]] },
  flow: { id: "render.flow.f", nodes: [["n1", "N one"], ["n2", "N two"]], links: [["n1", "n2"]] },
  hierarchy: { id: "render.hierarchy.h",
               tree: [{ name: "Root", children: [{ name: "Child", children: [] }] }] },
  graph: { id: "render.graph.g", nodes: ["Gee one", "Gee two"], edges: 1 },
};
const WAIT = { timeout: 30000 };

// The ECharts option of the chart in the panel with that id (null until it is drawn).
function echartsOption(id) {
  const panel = document.getElementById(id);
  const canvas = panel && panel.querySelector("canvas");
  if (!canvas || !canvas.width || !canvas.height) return null;
  for (let el = canvas; el && el !== panel; el = el.parentElement) {
    const key = Object.keys(el).find((k) => k.startsWith("__reactFiber"));
    for (let f = key ? el[key] : null; f; f = f.return)
      if (f.stateNode && typeof f.stateNode.getEchartsInstance === "function") {
        const o = f.stateNode.getEchartsInstance().getOption();
        return JSON.parse(JSON.stringify({ series: o.series, dataset: o.dataset }));
      }
  }
  return null;
}

// The option once it holds series with their data.
async function option(page, id) {
  const h = await page.waitForFunction((id) => {
    const o = window.lpEchartsOption(id);
    return o && o.series && o.series.length &&
      ((o.dataset && o.dataset.length) || o.series[0].data) ? o : null;
  }, id, WAIT);
  return h.jsonValue();
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

async function main() {
  if (process.argv[2] === "--write") {
    fs.writeFileSync(path.join(process.argv[3], "mod.pp"), MOD);
    return;
  }
  const url = process.argv[2];
  const browser = await launch();
  const errors = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addInitScript(`window.lpEchartsOption = ${echartsOption.toString()};`);
    await page.goto(url + DASHBOARD);

    const c = FACTS.chart;
    const co = await option(page, c.id);
    if (!same(co.series.map((s) => s.name), c.series) || !co.series.every((s) => s.type === "bar"))
      fail("chart series: " + JSON.stringify(co.series.map((s) => [s.type, s.name])));
    if (!same(co.dataset[0].source, c.source)) fail("chart data: " + JSON.stringify(co.dataset[0].source));

    const f = FACTS.flow;
    const fo = await option(page, f.id);
    const sankey = fo.series[0];
    if (sankey.type !== "sankey" || !same(sankey.data.map((n) => [n.id, n.name]), f.nodes) ||
        !same(sankey.links.map((l) => [l.source, l.target]), f.links))
      fail("flow: " + JSON.stringify(sankey).slice(0, 400));

    const h = FACTS.hierarchy;
    const ho = await option(page, h.id);
    const shape = (ns) => ns.map((n) => ({ name: n.name, children: shape(n.children || []) }));
    if (ho.series[0].type !== "tree" || !same(shape(ho.series[0].data), h.tree))
      fail("hierarchy: " + JSON.stringify(ho.series[0]).slice(0, 400));

    const g = FACTS.graph;
    // in view, as a user looks at it: react-flow draws an edge once both its nodes are measured.
    // Scrolled to again on each look: panels above it that finish later move it (on a loaded
    // machine its edges were still 0 after 30 s once the charts above it had grown)
    const drawn = async () => {
      for (const end = Date.now() + WAIT.timeout; Date.now() < end;) {
        await page.locator(`[id="${g.id}"]`).scrollIntoViewIfNeeded().catch(() => {});
        const ok = await page.evaluate(([id, nodes, edges]) => {
          const el = document.getElementById(id);
          if (!el) return false;
          const got = [...el.querySelectorAll(".react-flow__node")].map((n) => n.textContent.trim()).sort();
          return JSON.stringify(got) === JSON.stringify(nodes) &&
            el.querySelectorAll(".react-flow__edge").length === edges;
        }, [g.id, g.nodes, g.edges]);
        if (ok) return;
        await page.waitForTimeout(250);
      }
      throw new Error("not drawn");
    };
    // (Powerpipe's react-flow, not the data: in a loaded CI run it drew the two nodes and never their
    // edge within the wait; the data are the same at every load, so one load again before failing)
    await drawn().catch(async () => {
      console.log("ppui_render: the graph's edges not drawn; the page loaded again");
      await page.reload();
      await drawn();
    }).catch(async () => {
      const got = await page.$$eval(".react-flow__node", (ns) => ns.map((n) => n.textContent));
      const inPanel = await page.evaluate((id) => {
        const el = document.getElementById(id);
        return el ? [el.querySelectorAll(".react-flow__node").length,
                     el.querySelectorAll(".react-flow__edge").length,
                     document.querySelectorAll(".react-flow__edge").length] : null;
      }, g.id);
      fail("graph nodes: " + JSON.stringify(got) + "; in the panel [nodes, edges], edges anywhere: " +
           JSON.stringify(inPanel));
    });

    await page.waitForFunction(() => !document.querySelector(".animate-spin"), null, WAIT);
    const body = await page.textContent("body");
    if (/Workspace Error/.test(body)) fail("an error modal: " + body.slice(0, 400));
    if (errors.length) fail("console errors: " + errors.join(" | "));
    console.log("ppui_render: ok");
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), (e) => fail(e.stack || e.message));
