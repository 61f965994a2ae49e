// page_load.js CLI UI_DIR MOD DATABASE PATH[,PATH...] [RUNS] — a cold dashboard load in headless
// Chromium: the built-in page against Powerpipe's own UI (--ui-dir UI_DIR), both served by `lazypipe
// server` (CLI) over the same MOD and DATABASE, on loopback.  Each run is a fresh browser context (an
// empty cache) opening a PATH; the two pages alternate, RUNS each (default 7), after one unmeasured
// load of each (the server's first run of the dashboard, the database's caches); each PATH in turn,
// its figures printed apart.  Per load:
//   bytes: every HTTP response's bytes on the wire (CDP Network.loadingFinished encodedDataLength:
//     headers and compressed bodies), the WebSocket's frames left out (the same protocol, the same
//     messages for both);
//   paint: from the navigation's start to the first frame in which every card shows its value and
//     every chart, flow and graph has drawn (a canvas with a size; Powerpipe's graphs: their nodes),
//     no spinner left.  The panels are the dashboard's leaves as our page lists them once.
// Prints the medians (and minima) of both and their ratios; exits 1 when a load never completes.
// BASE=<another build's lazypipe>: its built-in page too (its own server, binary and page), in the
// same alternated rounds, and ours against it, also by round (the median of each round's ratio);
// BASE's lazypipe-server beside it and its ../.deps, as in a build tree (without .deps/icons, its
// icons are 404s: another page).  A load with a panel in error stops the run.
"use strict";
const { serve, stop } = require("../tests/server/serve.js");
const { chromium } = require("playwright-core");

const [cli, uiDir, mod, db, urlPaths, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg || 7);
const TIMEOUT = 60000;

// the leaves to wait for, by kind, as our page lists them once the dashboard completed
async function leaves(browser, url, urlPath) {
  const page = await browser.newPage();
  await page.goto(url + urlPath);
  await page.waitForSelector('#layout > .node[data-status="complete"]', { timeout: TIMEOUT });
  const out = await page.$$eval("#layout .node", (ns) => ns.filter((n) =>
    ["card", "chart", "flow", "graph", "hierarchy"].includes(n.dataset.type)).map((n) =>
    ({ name: n.dataset.name, type: n.dataset.type })));
  await page.close();
  return out;
}

// true once every leaf is drawn: ours by its status and canvas, Powerpipe's by its panel (id = the
// leaf's name) with a value or a canvas, and no spinner
function complete([ours, panels]) {
  const drawn = (box, type) => {
    if (!box) return false;
    if (type === "card") return !/Loading/.test(box.textContent) && /\S/.test(box.textContent);
    if (type === "graph" && !ours) return box.querySelectorAll(".react-flow__node").length > 0;
    const c = box.querySelector("canvas");
    return !!(c && c.width && c.height);
  };
  for (const p of panels) {
    const box = ours ? document.querySelector('#layout .node[data-name="' + p.name + '"]')
                     : document.getElementById(p.name);
    if (ours && box && !/complete|error/.test(box.dataset.status)) return false;
    if (ours && box && box.dataset.status === "error") continue;
    if (!drawn(box, p.type)) return false;
  }
  if (!ours && document.querySelector(".animate-spin")) return false;
  return performance.now();
}

// THEIRS_OURS=1: the --ui-dir side is another build of our own page (its files as the server's
// /static/page/ and index.html), e.g. to time a change to the page against the page before it
const THEIRS_OURS = process.env.THEIRS_OURS === "1";

async function load(browser, url, urlPath, ours, panels) {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Network.enable");
  let bytes = 0;
  cdp.on("Network.loadingFinished", (e) => { bytes += e.encodedDataLength; });
  try {
    await page.goto(url + urlPath, { waitUntil: "commit" });
    const h = await page.waitForFunction(complete, [ours, panels], { polling: "raf", timeout: TIMEOUT });
    const at = await h.jsonValue();
    /* a leaf in error counts as drawn, at once: a load with one is not a complete paint */
    const failed = ours ? await page.$$eval('#layout .node[data-status="error"]', (ns) => ns.length) : 0;
    if (failed) throw new Error(`${url}: ${failed} panels in error: not a complete paint`);
    await page.waitForTimeout(300);   /* requests the painted page still makes (icons) count too */
    return { ms: at, bytes };
  } finally {
    await ctx.close();
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
                         return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

// the rounds of one dashboard (urlPath) on the servers started, and its figures printed
async function measure(browser, ours, theirs, base, urlPath) {
  const panels = await leaves(browser, ours.url, urlPath);
  if (!panels.length) throw new Error("no card, chart or graph on " + urlPath);
  await load(browser, ours.url, urlPath, true, panels);
  await load(browser, theirs.url, urlPath, THEIRS_OURS, panels);
  if (base) await load(browser, base.url, urlPath, true, panels);
  const r = { ours: [], theirs: [], base: [] };
  const sides = [["ours", ours, true], ["theirs", theirs, THEIRS_OURS]]
    .concat(base ? [["base", base, true]] : []);
  for (let k = 0; k < RUNS; k++)
    for (const [key, s, o] of k % 2 ? [...sides].reverse() : sides)
      r[key].push(await load(browser, s.url, urlPath, o, panels));
  const f = (xs, k) => median(xs.map((x) => x[k])), lo = (xs, k) => Math.min(...xs.map((x) => x[k]));
  const [ob, tb, om, tm] = [f(r.ours, "bytes"), f(r.theirs, "bytes"), f(r.ours, "ms"), f(r.theirs, "ms")];
  console.log(
      `page_load: ${urlPath}: ${panels.length} leaves (cards, charts, graphs), ${RUNS} alternated ` +
      `cold loads each, medians (minima)`);
  console.log(
      `  bytes: ours ${(ob / 1024).toFixed(0)} KB (${(lo(r.ours, "bytes") / 1024).toFixed(0)}), ` +
      `Powerpipe's UI ${(tb / 1024).toFixed(0)} KB (${(lo(r.theirs, "bytes") / 1024).toFixed(0)}): ` +
      `${(tb / ob).toFixed(1)}x fewer`);
  console.log(
      `  first complete paint: ours ${om.toFixed(0)} ms (${lo(r.ours, "ms").toFixed(0)}), ` +
      `Powerpipe's UI ${tm.toFixed(0)} ms (${lo(r.theirs, "ms").toFixed(0)}): ${
          (tm / om).toFixed(1)}x sooner`);
  /* the two loads of a round ran next to each other, at about the same load of the machine: each
   * round's own ratio is steadier than the ratio of the two medians when the load drifts */
  const rounds = r.theirs.map((x, k) => x.ms / r.ours[k].ms);
  console.log(`  by round: Powerpipe's UI ${median(rounds).toFixed(1)}x ours' time (median), ` +
              `3x or more in ${rounds.filter((x) => x >= 3).length} of ${RUNS} rounds`);
  if (base) {
    const [bb, bm] = [f(r.base, "bytes"), f(r.base, "ms")];
    console.log(
        `  BASE's page: ${(bb / 1024).toFixed(0)} KB, ${bm.toFixed(0)} ms ` +
        `(${lo(r.base, "ms").toFixed(0)}): ours ${(om / bm).toFixed(2)}x its time, ` +
        `${(ob / bb).toFixed(2)}x its bytes; it ${(tm / bm).toFixed(1)}x sooner than Powerpipe's UI`);
    const pairs = r.ours.map((x, k) => x.ms / r.base[k].ms);
    console.log(`  by round: ours ${median(pairs).toFixed(2)}x BASE's time (median), sooner in ` +
                `${pairs.filter((x) => x < 1).length} of ${RUNS} rounds`);
  }
}

async function main() {
  let ours = null, theirs = null, base = null, browser = null;   /* (each stopped when one fails) */
  try {
    ours = await serve(cli, mod, db, null);
    theirs = await serve(cli, mod, db, uiDir);
    base = process.env.BASE ? await serve(process.env.BASE, mod, db, null) : null;
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
                                      args: ["--no-sandbox", "--disable-gpu"] });
    for (const urlPath of urlPaths.split(",")) await measure(browser, ours, theirs, base, urlPath);
  } finally {
    if (browser) await browser.close();
    stop(ours);
    stop(theirs);
    stop(base);
  }
}

main().catch((e) => { console.error("page_load: " + (e.stack || e.message)); process.exit(1); });
