// layout_check.js CLI MOD|DATABASE|PATH... — the layout checker: each view (a dashboard's or
// benchmark's URL path, inputs in its query; or "*": every dashboard and top-level benchmark the
// page lists, or "*N": every Nth of them) of `lazypipe server` over MOD (--database DATABASE when
// not empty), opened in headless Chromium once its run is complete (its last execution_complete:
// Snap enabled) and its charts drawn, then looked at at 1280, 1440 and 1920 px wide, light and dark,
// the list shown and hidden (LAYOUT_WIDTHS, LAYOUT_THEMES, LAYOUT_LISTS narrow that down), by
// layout_rules.js's layoutFindings: text over text or over another panel, text cut, elements beyond
// their panel, chart labels as "…" or over each other, an exception's text, a console error.
// axe-core runs on each view once a theme (at the first look in it): any violation is a finding.
// Prints every finding as it is found, then "layout: N views, M looks, K findings"; exits 0 when
// there were none.
// With LAYOUT_REGRESS=1, on the views marked "!" (before the path), also puts back, one at a time,
// what the page once did wrong (the list beside every dashboard with Powerpipe's chart labels, summary
// cards over the title, a graph's titles over each other, wrapping card labels and line tables) by a
// style or a chart option set on the page, and fails unless each is found on one of them.
"use strict";
const { launch } = require("./chromium.js");
const { serve, stop } = require("./serve.js");
const { layoutFindings } = require("./layout_rules.js");
const AXE = require.resolve("axe-core/axe.min.js");

const [cli, ...items] = process.argv.slice(2);
const list = (v, d) => (v ? v.split(",") : d);
const WIDTHS = list(process.env.LAYOUT_WIDTHS, ["1280", "1440", "1920"]).map(Number);
const THEMES = list(process.env.LAYOUT_THEMES, ["light", "dark"]);
const LISTS = list(process.env.LAYOUT_LISTS, ["shown", "hidden"]);
const T = 60000;

async function settle(page) {
  await page.evaluate(() => new Promise((res) =>
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(res, 120)))));
}

/* the view's run complete, every chart drawn */
async function ready(page) {
  await page.waitForFunction(() => !document.getElementById("snap").disabled &&
    document.querySelector("#layout > .node"), null, { timeout: T });
  await page.waitForFunction(() => [...document.querySelectorAll("#layout .chart")].every((c) =>
    !c.isConnected || c.offsetParent === null ||
    (window.echarts && window.echarts.getInstanceByDom(c) && c.querySelector("canvas"))), null,
  { timeout: T });
  await settle(page);
}

async function setLook(page, width, theme, shown) {
  await page.setViewportSize({ width, height: 1000 });
  const now = await page.evaluate(() => document.documentElement.dataset.theme);
  if (now !== theme) await page.click("#theme");
  const open = await page.evaluate(() =>
    document.getElementById("list-toggle").getAttribute("aria-expanded"));
  if ((open === "true") !== shown) await page.click("#list-toggle");
  await page.mouse.move(0, 999);   /* no hover: its panel controls are no part of the layout */
  await settle(page);
}

/* axe-core's violations on the page as it is now, one finding a rule */
async function axeFindings(page) {
  if (!await page.evaluate(() => !!window.axe)) await page.addScriptTag({ path: AXE });
  const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return res.violations.map((x) => "axe: " + x.id + " (" + x.impact + "): " +
    x.nodes.slice(0, 3).map((n) => n.target.join(" ") + " " + (n.failureSummary || "").split("\n")[1])
      .join("; "));
}

/* every look of the view now open: its findings, each prefixed with where it was seen */
async function looks(page, label, errors) {
  const found = [], axed = new Set();
  let n = 0;
  for (const width of WIDTHS)
    for (const theme of THEMES)
      for (const shown of LISTS) {
        await setLook(page, width, theme, shown === "shown");
        const at = `${label} @${width} ${theme} list ${shown}`;
        for (const f of await page.evaluate(layoutFindings)) found.push(at + ": " + f);
        if (!axed.has(theme)) {
          axed.add(theme);
          for (const f of await axeFindings(page)) found.push(at + ": " + f);
        }
        n++;
      }
  for (const e of errors.splice(0)) found.push(label + ": console error: " + e.slice(0, 200));
  return { found, n };
}

async function paths(page, url, item) {
  if (!item.startsWith("*")) return [item];
  const every = Number(item.slice(1)) || 1;
  await page.goto(url);
  await page.waitForSelector("#list li[data-name]", { timeout: T });
  const names = await page.evaluate(() => [...document.querySelectorAll(
    "#dashboards li.dashboard[data-name], #benchmarks > li[data-name], #benchmarks ul.group > li[data-name]")]
    .map((l) => l.dataset.name));
  return [...new Set(names)].filter((_, i) => i % every === 0).map((n) => "/" + n);
}

/* what the page once did wrong, each put back on the view now open, with what must then be found */
const REGRESSIONS = [
  ["the list beside a dashboard at 1280 px, its charts' labels left to collide",
   () => {
     const s = document.createElement("style");
     s.textContent = "main.list-hidden { grid-template-columns: 26em minmax(0, 1fr) !important }";
     document.head.append(s);
     /* Powerpipe's options as the page once set them whatever the chart's width: every label flat,
      * a pie's truncated to the room beside a full-size ring */
     for (const c of document.querySelectorAll('#layout .node[data-type="chart"] .chart')) {
       const i = window.echarts.getInstanceByDom(c), o = i && i.getOption();
       if (o && o.xAxis && o.xAxis.length && o.xAxis[0].type === "category")
         i.setOption({ xAxis: { axisLabel: { interval: 0, rotate: 0, hideOverlap: false } } });
       else if (o && o.series[0] && o.series[0].type === "pie")
         i.setOption({ series: [{ radius: ["30%", "50%"], label: { overflow: "truncate", width: null } }] });
     }
   }, /^(chart|overlap|cut)/],
  ["summary cards over the view's title",
   () => {
     const s = document.createElement("style");
     s.textContent = ".summary-cards, #layout .card { position: relative; top: -3em }";
     document.head.append(s);
   }, /^(overlap|outside|cut)/],
  ["a graph's edge labels at their edges' start, over the nodes' titles",
   () => {
     for (const c of document.querySelectorAll('#layout .node[data-type="graph"] .chart')) {
       const i = window.echarts.getInstanceByDom(c);
       if (i) i.setOption({ series: [{ edgeLabel: { show: true, position: "start", distance: 0 } }] });
     }
   }, /^chart: .* over /, '[data-type="graph"]'],
  ["card labels and input fields that wrap",
   () => {
     const s = document.createElement("style");
     s.textContent = ".card-label { white-space: normal !important; width: 3em; display: block } " +
       ".kv > * { white-space: normal !important; overflow-wrap: anywhere; width: 4em }";
     document.head.append(s);
   }, /^one-line/],
];

/* each fault put back on the view at path: the faults found there go in caught */
async function regressions(browser, url, path, caught) {
  for (const [what, put, want, needs] of REGRESSIONS) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(url + path);
    await ready(page);
    if (!needs || await page.$("#layout .node" + needs)) {
      await setLook(page, 1280, "light", false);
      await page.evaluate(put);
      await settle(page);
      const f = await page.evaluate(layoutFindings);
      if (f.some((x) => want.test(x))) caught.add(what);
    }
    await page.close();
  }
}

async function main() {
  const browser = await launch();
  let key = null, srv = null, views = 0, total = 0;
  const found = [], caught = new Set();
  try {
    for (const item of items) {
      const [mod, db, pathOrAll] = item.split("|");
      if (key !== mod + "|" + db) {
        stop(srv);
        srv = await serve(cli, mod, db || null, null);
        key = mod + "|" + db;
      }
      const errors = [];
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
      page.on("pageerror", (e) => errors.push(e.message));
      const regress = pathOrAll.startsWith("!");
      for (const p of await paths(page, srv.url, pathOrAll.replace(/^!/, ""))) {
        await page.goto("about:blank");
        await page.goto(srv.url + p);
        try {
          await ready(page);
        } catch (e) {
          found.push(p + ": never complete: " + e.message.split("\n")[0]);
          console.log(found[found.length - 1]);
          continue;
        }
        const r = await looks(page, p, errors);
        for (const f of r.found) console.log(f);   /* as they come: a walk of the corpus is long */
        found.push(...r.found);
        views++;
        total += r.n;
        if (process.env.LAYOUT_REGRESS && regress)
          await regressions(browser, srv.url, p, caught);
      }
      await page.close();
    }
  } finally {
    stop(srv);
    await browser.close();
  }
  if (process.env.LAYOUT_REGRESS)
    for (const [what] of REGRESSIONS)
      if (!caught.has(what)) {
        found.push("not found when put back: " + what);
        console.log(found[found.length - 1]);
      }
  console.log(`layout: ${views} views, ${total} looks, ${found.length} findings`);
  return found.length ? 1 : 0;
}

main().then((rc) => process.exit(rc), (e) => {
  console.error("layout_check: " + e.message);
  process.exit(1);
});
