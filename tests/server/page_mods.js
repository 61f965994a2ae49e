// page_mods.js MODE ... — the built-in page of `lazypipe server` (no --ui-dir) in headless Chromium,
// checked against facts that do not come from the page:
//   page_mods.js mods URL MOD_DIR LOG EDIT DASHBOARD=SNAPSHOT...  the acceptance mods against
//     Powerpipe's snapshots of their dashboards (expected_sps_*.json): each panel shows the
//     snapshot's data (a card its label and value, a table its columns and rows (a "line" table its
//     name/value pairs), a chart a canvas
//     with a series per value column, a graph/flow/hierarchy an ECharts canvas with one node per id
//     its rows name, a text its markdown rendered (headings, links, code), an input its title); a
//     snapshot taken with inputs: the
//     dependants wait until the value is typed, then show the snapshot's rows, the field keeping
//     its focus over the re-run.  EDIT "FILE|OLD|NEW": with the first dashboard open, OLD replaced
//     by NEW in FILE (a title): the page shows NEW and the server's log (LOG) says the re-run reused
//     every leaf ("N reused, 0 queried"); then a syntax error in FILE shows FILE:line:col.
//   page_mods.js render URL  ppui_render.js's mod (--write): the facts its SQL literals state, as
//     ECharts options: a flow's sankey nodes and links, a hierarchy's tree, a graph's nodes/links.
//   page_mods.js detect URL  tp_detection_mod on SQLite, as Powerpipe's detection benchmark view:
//     the cards (Total, Critical, High, Medium, Low: ppui_detect.js reads the same in Powerpipe's UI),
//     each group's and detection's severity badge and total, each detection's rows once opened
//     (detect.js's facts: `select 21 as detection_21`, `select 22 as detection_22`); grouped by
//     severity and filtered with the editors, and reset.
// In every mode: no console error.  Exits 0, or 1 after "FAIL: why".
"use strict";
const fs = require("fs");
const path = require("path");
const { launch } = require("./chromium.js");
const { check, fail, markdownFacts, same, showList } = require("./client.js");

const node = (name) => '#layout .node[data-name="' + name + '"]';
const T = { timeout: 30000 };

// The ECharts option of the chart in the panel (null until drawn), reduced to what the checks read.
function optionOf(sel) {
  const c = document.querySelector(sel + " .chart");
  const i = c && window.echarts && window.echarts.getInstanceByDom(c);
  const cv = c && c.querySelector("canvas");
  if (!i || !cv || !cv.width || !cv.height) return null;
  const o = i.getOption();
  const tree = (n) => ({ name: n.name, children: (n.children || []).map(tree) });
  return JSON.parse(JSON.stringify({
    series: o.series.map((s) => ({ type: s.type, name: s.name,
      data: s.type === "tree" ? s.data.map(tree) : (s.data || []).filter((d) => !(d && d.anchor)).map((d) =>
        d && typeof d === "object" && !Array.isArray(d)
          ? { id: d.id, name: d.name, title: d.title, unfold: d.unfold } : d),
      links: (s.links || []).map((l) => [l.source, l.target]) })),
  }));
}

// The ids a graph's rows name (as nodes, or as edges' ends): its nodes.  In the node/edge format
// (Powerpipe's useNodeAndEdgeData) only its node panels' rows are nodes: an edge to an id no node
// gave is not drawn.
function idsOf(rows, nodeRowsOnly) {
  const ids = new Set();
  for (const r of rows)
    for (const k of nodeRowsOnly ? ["id"] : ["id", "from_id", "to_id"])
      if (r[k] !== null && r[k] !== undefined) ids.add(String(r[k]));
  return ids;
}

async function openPage(url) {
  const browser = await launch();
  const errors = [];
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  return { browser, page, errors };
}

async function pick(page, name) {
  const li = `li[data-name="${name}"] > .title`;
  await showList(page);
  await page.waitForSelector(li, T);
  await page.click(li);
}

// Wait until the page shows each panel of snap (but those in skip).
async function checkPanels(page, snap, skip) {
  for (const [name, p] of Object.entries(snap.panels)) {
    if (skip.has(name)) continue;
    const sel = node(name), t = p.panel_type;
    if (t === "dashboard") {
      await page.waitForFunction((w) => document.getElementById("sel-title").textContent === w,
                                 p.title || name, T);
    } else if (t === "card") {
      const col = p.data.columns[0].name, v = p.data.rows[0][col];
      const want = [col, typeof v === "number" ? v.toLocaleString("en-US") : String(v)];
      await page.waitForFunction(([s, w]) => {
        const e = document.querySelector(s + '[data-status="complete"]');
        return e && e.querySelector(".card-label").textContent === w[0] &&
          e.querySelector(".card-value").textContent === w[1];
      }, [sel, want], T);
    } else if (t === "table" && p.display_type === "line") {
      // Powerpipe's line table: each row as its columns' name/value pairs
      const want = p.data.rows.map((r) => p.data.columns.flatMap((c) => [c.name, String(r[c.name])]));
      await page.waitForFunction(([s, w]) => {
        const e = document.querySelector(s + '[data-status="complete"]');
        return e && JSON.stringify([...e.querySelectorAll(".kv")].map((kv) =>
          [...kv.children].map((c) => c.textContent))) === w;
      }, [sel, JSON.stringify(want)], T);
    } else if (t === "table") {
      const cols = p.data.columns.map((c) => c.name);
      const rows = p.data.rows.map((r) => cols.map((c) => String(r[c]))).map((r) => r.join("|")).sort();
      await page.waitForFunction(([s, cols, rows]) => {
        const e = document.querySelector(s + '[data-status="complete"]');
        if (!e) return false;
        const heads = [...e.querySelectorAll("th")].map((h) => h.dataset.col);
        const got = [...e.querySelectorAll("tbody tr")].map((tr) =>
          [...tr.cells].map((td) => td.textContent).join("|")).sort();
        return JSON.stringify(heads) === JSON.stringify(cols) && JSON.stringify(got) === JSON.stringify(rows);
      }, [sel, cols, rows], T);
    } else if (t === "chart") {
      const o = (await page.waitForFunction(optionOf, sel, T)).jsonValue();
      check((await o).series.length === p.data.columns.length - 1,
            name + " series " + JSON.stringify(await o));
    } else if (t === "graph" || t === "flow" || t === "hierarchy") {
      // the rows of its node and edge panels (Powerpipe's UI reads those), else its own
      const nodeRows = (p.properties.nodes || []).flatMap((n) => snap.panels[n].data.rows);
      const parts = [...(p.properties.nodes || []), ...(p.properties.edges || [])];
      const ids = parts.length ? idsOf(nodeRows, true) : idsOf(p.data.rows, false);
      const o = await (await page.waitForFunction(optionOf, sel, T)).jsonValue();
      const kind = { graph: "graph", flow: "sankey", hierarchy: "tree" }[t];
      check(o.series.length === 1 && o.series[0].type === kind, name + " series " + JSON.stringify(o));
      // each id drawn once: as a node, or folded into one (Powerpipe's category fold)
      const drawn = o.series[0].data.flatMap((d) => d.unfold || [d.id !== undefined ? d.id : d.name])
        .map(String);
      if (t !== "hierarchy")
        check(same(drawn.sort(), [...ids].sort()),
              `${name}: nodes ${JSON.stringify([...ids])}, got ${JSON.stringify(o)}`);
    } else if (t === "text") {
      // markdown rendered: its headings, links and fenced code as elements, no markup left as text
      await page.waitForFunction(([s, f]) => {
        const e = document.querySelector(s + " .textpanel");
        if (!e) return false;
        const text = e.textContent, all = (q) => [...e.querySelectorAll(q)];
        return f.headings.every(([lvl, h]) => all("h" + lvl).some((x) => x.textContent.trim() === h)) &&
          f.links.every(([t, href]) => all("a").some((a) => a.textContent.trim() === t &&
            a.getAttribute("href") === href && a.target === "_blank" && a.rel === "noopener noreferrer")) &&
          f.code.every((c) => all("pre > code").some((x) => x.textContent.trim() === c)) &&
          !text.includes("##") && !text.includes("```") && !text.includes("](");
      }, [sel, markdownFacts(p.properties.value)], T);
    } else if (t === "input") {
      await page.waitForFunction(([s, title]) => {
        const e = document.querySelector(s + " .input");
        return e && e.textContent.includes(title) && e.querySelector("input, select");
      }, [sel, p.title], T);
    }
  }
}

async function mods([url, modDir, log, edit, ...pairs]) {
  const { browser, page, errors } = await openPage(url);
  try {
    let first = true;
    for (const pair of pairs) {
      const [dashboard, snapFile] = pair.split("=");
      const want = JSON.parse(fs.readFileSync(snapFile, "utf8"));
      const inputs = want.inputs || {};
      await pick(page, dashboard);
      const blocked = new Set();
      for (const [name, p] of Object.entries(want.panels))
        if ((p.dependencies || []).some((d) => d.includes(".input.")) && p.data) blocked.add(name);
      await checkPanels(page, want, blocked);
      for (const name of blocked)
        await page.waitForSelector(node(name) + '[data-status="blocked"] .wait', T);
      for (const [key, value] of Object.entries(inputs)) {
        const field = `${node(dashboard + "." + key)} input`;
        await page.fill(field, value);
        await page.press(field, "Enter");
        await checkPanels(page, want, new Set());
        check(await page.$eval(field, (f) => f === document.activeElement && f.isConnected),
              `${key}: the field lost its focus over the re-run`);
        check((await page.inputValue(field)) === value, `${key}: the field lost its value`);
      }
      await checkPanels(page, want, new Set());
      if (first && edit) await editAndBreak(page, want, log, edit);
      first = false;
    }
    check(errors.length === 0, "console errors: " + errors.join(" | "));
    console.log("page_mods: ok");
  } finally {
    await browser.close();
  }
}

// Count of the server's log lines that say a run reused n > 0 leaves and queried none.
const reusedAll = (log) => (fs.readFileSync(log, "utf8").match(/\((\d+) reused, 0 queried\)/g) || [])
  .filter((m) => !m.startsWith("(0 ")).length;

async function editAndBreak(page, want, log, edit) {
  const [file, from, to] = edit.split("|");
  const good = fs.readFileSync(file, "utf8");
  check(good.includes(from), `${file} has no ${from}`);
  const before = reusedAll(log);
  fs.writeFileSync(file, good.replace(from, to));
  const title = to.match(/"(.*)"/)[1];
  await page.waitForFunction((t) => [...document.querySelectorAll("#layout .head, #sel-title")]
    .some((h) => !h.hidden && h.textContent === t), title, T);
  for (let i = 0; i < 100 && reusedAll(log) === before; i++) await page.waitForTimeout(100);
  check(reusedAll(log) > before, "the edit's re-run did not reuse every leaf: " +
        fs.readFileSync(log, "utf8").split("\n").filter((l) => /reused/.test(l)).join(" / "));
  console.log("after the edit: " +
    fs.readFileSync(log, "utf8").split("\n").filter((l) => /reused/.test(l)).pop());
  // the rest still shows its data (a title is no reason to drop it)
  const edited = JSON.parse(JSON.stringify(want));
  for (const p of Object.values(edited.panels)) if (p.title === from.match(/"(.*)"/)[1]) p.title = title;
  await checkPanels(page, edited, new Set());
  // a syntax error: its file:line:col (the second "=", column 11), gone once fixed
  const lines = good.split("\n");
  lines.splice(1, 0, "  width = = 3");
  fs.writeFileSync(file, lines.join("\n"));
  const where = `${file}:2:11`;
  await page.waitForFunction((w) => document.getElementById("wserror").textContent.includes(w), where, T);
  fs.writeFileSync(file, good);
  await page.waitForFunction(() => document.getElementById("wserror").textContent === "", null, T);
  await checkPanels(page, want, new Set());
}

async function render([url]) {
  const { browser, page, errors } = await openPage(url);
  try {
    await pick(page, "render.dashboard.kinds");
    const opt = async (name) => (await page.waitForFunction(optionOf, node(name), T)).jsonValue();
    const flow = await opt("render.flow.f");
    check(same(flow.series.map((s) => s.type), ["sankey"]) &&
          same(flow.series[0].data.map((d) => [d.name, d.title]), [["n1", "N one"], ["n2", "N two"]]) &&
          same(flow.series[0].links, [["n1", "n2"]]), "flow " + JSON.stringify(flow));
    const h = await opt("render.hierarchy.h");
    check(same(h.series[0].data, [{ name: "Root", children: [{ name: "Child", children: [] }] }]),
          "hierarchy " + JSON.stringify(h));
    const g = await opt("render.graph.g");
    check(g.series[0].type === "graph" && same(g.series[0].data.map((d) => [d.id, d.name]),
          [["g1", "Gee one"], ["g2", "Gee two"]]) && same(g.series[0].links, [["g1", "g2"]]),
          "graph " + JSON.stringify(g));
    const bars = await opt("render.chart.bars");
    check(same(bars.series.map((s) => [s.name, s.data]), [["s1", [1, 3]], ["s2", [2, 4]]]),
          "chart " + JSON.stringify(bars));
    check(errors.length === 0, "console errors: " + errors.join(" | "));
    console.log("page_mods render: ok");
  } finally {
    await browser.close();
  }
}

async function detect([url]) {
  const { browser, page, errors } = await openPage(url);
  const M = "tp_detection_mod.";
  const want = { test_detection_21: ["detection_21", "21"], test_detection_22: ["detection_22", "22"],
                 test_detection_31: ["detection_21", "21"], test_detection_32: ["detection_22", "22"] };
  try {
    await pick(page, M + "benchmark.test_detection_benchmark_1");
    // Powerpipe's detection benchmark view: the cards ppui_detect.js reads in Powerpipe's own UI
    // (four low detections of one row each), each group and detection a closed row with its
    // severity badge and total, a detection's table once it is opened
    const root = node(M + "benchmark.test_detection_benchmark_1");
    await page.waitForFunction((s) => { const c = document.querySelector(s + " > .body .summary-cards");
      return c && c.textContent.includes("Total4"); }, root, T);
    const cards = await page.$$eval(root + " > .body .summary-cards .card", (cs) => cs.map((c) =>
      [c.querySelector(".card-label").textContent, c.querySelector(".card-value").textContent]));
    check(same(cards, [["Total", "4"], ["Critical", "0"], ["High", "0"], ["Medium", "0"], ["Low", "4"]]),
          "cards " + JSON.stringify(cards));
    const headOf = (sel) => page.$eval(sel + " > .head", (h) => [h.querySelector(".badges").textContent,
      h.querySelector(".det-total").textContent]);
    for (const b of ["test_detection_benchmark_2", "test_detection_benchmark_3"]) {
      const sel = node(M + "benchmark." + b);
      check(same(await headOf(sel), ["Low2", "2"]), b + " " + JSON.stringify(await headOf(sel)));
      await page.click(sel + " > .head");
    }
    for (const [d, [col, v]] of Object.entries(want)) {
      const sel = node(M + "detection." + d);
      await page.waitForSelector(sel + '[data-status="complete"] tbody tr',
                                 { state: "attached", timeout: T.timeout });
      check(!(await page.isVisible(sel + " tbody tr")), d + ": a closed detection shows its rows");
      check(same(await headOf(sel), ["Low1", "1"]), d + " " + JSON.stringify(await headOf(sel)));
      await page.click(sel + " > .head");
      const got = await page.$eval(sel, (e) => [[...e.querySelectorAll("th")].map((h) => h.dataset.col),
        [...e.querySelectorAll("tbody td")].map((td) => td.textContent)]);
      check(same(got, [[col], [v]]), `${d}: ${JSON.stringify(got)}`);
    }
    // the Group by editor offers Powerpipe's detection keys; severity first: one group, Low, of the
    // four detections by title (below a severity they sort by title, not by place), and the URL
    // Powerpipe's UI reads (grouping_pair.js detections compares such views with it)
    const tools = root + " > .check-tools", top = root + " > .grouped > .grow";
    const types = await page.$eval(tools + " .grouping .level select", (sel) =>
      [...sel.options].map((o) => o.value));
    check(same(types, ["benchmark", "detection", "severity", "dimension", "detection_tag"]),
          "group types " + JSON.stringify(types));
    await page.selectOption(tools + " .grouping .level >> nth=0 >> select", "severity");
    await page.waitForFunction((s) => document.querySelectorAll(s).length === 1, top, T);
    check(same(await headOf(top), ["Low4", "4"]), "the Low group " + JSON.stringify(await headOf(top)));
    await page.click(top + " > .head");
    const kids = await page.$$eval(top + " > .kids > .grow", (gs) => gs.map((g) =>
      g.querySelector(".gtitle").textContent));
    check(same(kids, ["Test Detection 21", "Test Detection 21", "Test Detection 22", "Test Detection 32"]),
          "the Low group's detections " + JSON.stringify(kids));
    await page.click(top + " > .kids > .grow >> nth=2 >> .head");
    const rows = await page.$$eval(top + " > .kids > .grow:nth-child(3) tbody td", (tds) =>
      tds.map((td) => td.textContent));
    check(same(rows, ["22"]), "Test Detection 22's rows in the group " + JSON.stringify(rows));
    const grouping = JSON.parse(new URL(page.url()).searchParams.get("grouping"));
    check(same(grouping, { [M + "benchmark.test_detection_benchmark_1"]: [{ type: "severity" },
      { type: "detection" }, { type: "result" }] }), "grouping in the URL " + JSON.stringify(grouping));
    // a filter of severity high: no results, the Total and High cards alone (Powerpipe's)
    await page.click(tools + " .filter button.add");
    await page.fill(tools + " .filter input.value", "high");
    await page.press(tools + " .filter input.value", "Enter");
    await page.waitForSelector(root + " > .grouped > .wait", T);
    const cardsNow = await page.$$eval(root + " > .body .summary-cards .card", (cs) => cs.map((c) =>
      c.querySelector(".card-label").textContent + "=" + c.querySelector(".card-value").textContent));
    check(same(cardsNow, ["Total=0", "High=0"]), "cards of the filter " + JSON.stringify(cardsNow));
    // removed and reset: the layout again
    await page.click(tools + " .filter button.remove");
    await page.click(tools + " .grouping button.reset");
    await page.waitForFunction((s) => !document.querySelector(s).classList.contains("regrouped"), root, T);
    check(await page.isVisible(node(M + "benchmark.test_detection_benchmark_2")), "the layout after Reset");
    check(errors.length === 0, "console errors: " + errors.join(" | "));
    console.log("page_mods detect: ok");
  } finally {
    await browser.close();
  }
}

const [mode, ...rest] = process.argv.slice(2);
const modes = { mods, render, detect };
if (!modes[mode]) fail("usage: page_mods.js mods|render|detect ...");
modes[mode](rest).then(() => process.exit(0), (e) => fail(e.stack || e.message));
