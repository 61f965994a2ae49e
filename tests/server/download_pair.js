// download_pair.js OURS PPUI — each panel's "Download data" in our page (OURS) and in Powerpipe's own
// UI (PPUI, the same mod served with --ui-dir), in headless Chromium: the same CSV, byte for byte,
// and the same file name but for its time (Powerpipe's useDownloadPanelData and Papa Parse are the
// facts); then our "View detail": its tabs, its query, its rows sorted, Escape.  The mod is
// tests/test_server.c's page_download_as_powerpipe_ui: dp.dashboard.d with a table of values a CSV
// must quote (commas, quotes, line breaks, edge spaces, nulls, jsonb, arrays), a chart and a card.
// Exits 0, or 1 after "FAIL: why".
"use strict";
const fs = require("fs");
const { clickSort, launch } = require("./chromium.js");
const { fail } = require("./client.js");

const [ours, ppui] = process.argv.slice(2);
const D = "dp.dashboard.d", T = { timeout: 30000 };
const STAMP = /_\d{8}T\d{6}\.csv$/;
const errors = [];   // the pages' uncaught exceptions: a failure says them too

// hovers over a panel, near its top left corner (a benchmark's own part, not one of its rows, which
// have controls of their own in Powerpipe's UI), and clicks its "Download data" (button: where it
// is, once shown).  Ours once.  Powerpipe's UI (reload: loads its page again and waits for it), in
// about a third of page loads here, never downloads a benchmark's data however often its enabled
// control is clicked, with no error in its console: its page loaded again, up to six times (a test
// of our page, not of its own)
async function download(page, panel, button, reload) {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.mouse.move(0, 0);
      await page.hover(panel, { position: { x: 8, y: 8 } });
      const [d] = await Promise.all([page.waitForEvent("download", { timeout: 10000 }),
                                     page.click(button + '[title="Download data"] >> visible=true', T)]);
      return [d.suggestedFilename(), fs.readFileSync(await d.path(), "utf8")];
    } catch (e) {
      if (!reload || attempt >= 6) throw e;
      console.log("download_pair: no download from Powerpipe's UI for " + panel + ", its page loaded again");
      await reload();
    }
  }
}

async function main() {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(ours + D);
    await page.waitForFunction(() => document.querySelectorAll('#layout .node[data-status="complete"]')
      .length >= 4, null, T);
    const names = await page.$$eval('#layout .node[data-type="table"], #layout .node[data-type="chart"],' +
      ' #layout .node[data-type="card"]', (ns) => ns.map((n) => n.dataset.name));
    if (names.length !== 3) fail("our panels " + JSON.stringify(names));
    const got = {};
    for (const n of names) {
      const panel = '#layout .node[data-name="' + n + '"]';
      got[n] = await download(page, panel, panel + " > .panel-controls ");
    }
    const loadDashboard = async () => {
      await page.goto(ppui + D);
      await page.waitForSelector("table td", T);
      await page.waitForTimeout(1000);
    };
    await loadDashboard();
    for (const n of names) {
      const [file, csv] = await download(page, '[id="' + n + '"]', "", loadDashboard);
      const [ourFile, ourCsv] = got[n];
      if (!STAMP.test(file) || file.replace(STAMP, "") !== ourFile.replace(STAMP, "") || !STAMP.test(ourFile))
        fail(n + ": our file " + ourFile + ", Powerpipe's " + file);
      if (csv !== ourCsv)
        fail(n + ": our CSV " + JSON.stringify(ourCsv) + ", Powerpipe's " + JSON.stringify(csv));
    }
    // a benchmark's: a row per result (Powerpipe's Benchmark.get_data_table), once it is complete
    // and a detection benchmark's: its detections' rows (DetectionBenchmark.get_data_table)
    for (const [B, inner, lines] of [["dp.benchmark.b", "Inner", 4], ["dp.benchmark.det", "Det inner", 3]]) {
      const root = '#layout .node[data-name="' + B + '"]';
      await page.goto(ours + B);
      await page.waitForSelector(root + '[data-status="complete"]', T);
      const [ourFile, ourCsv] = await download(page, root, root + " > .panel-controls ");
      // (Powerpipe's control has no data until the benchmark is complete)
      const load = async () => {
        await page.goto(ppui + B);
        await page.waitForSelector('h3 >> text="' + inner + '"', T);
      };
      await load();
      const [file, csv] = await download(page, '[id="' + B + '"]', "", load);
      if (file.replace(STAMP, "") !== ourFile.replace(STAMP, ""))
        fail(B + ": our file " + ourFile + ", Powerpipe's " + file);
      if (csv !== ourCsv)
        fail(B + ": our CSV " + JSON.stringify(ourCsv) + ", Powerpipe's " + JSON.stringify(csv));
      if (csv.split("\r\n").length !== lines)
        fail(B + ": not a header and " + (lines - 1) + " rows: " + JSON.stringify(csv));
    }
    // the detail view of the table: Preview, Query, Definition, Data, Log (a live run's); Escape
    // closes it
    await page.goto(ours + D);
    const table = '#layout .node[data-type="table"]';
    await page.waitForSelector(table + '[data-status="complete"]', T);
    // (drawn by the click's handler; the control shows on hover: a click that did not reach it, once in
    // a make check under load, with no page error, is tried once more; an exception fails at the end)
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(0, 0);
      await page.hover(table);
      await page.click(table + ' > .panel-controls [title="View detail"]');
      const shown = await page.waitForSelector(table + ".detail .tabs .tab", { timeout: 15000 })
        .then(() => true, (e) => { if (attempt >= 2) throw e; return false; });
      if (shown) break;
      console.log("download_pair: no detail view after the click, clicked again");
    }
    const tabs = await page.$$eval(table + ".detail .tabs .tab", (ts) => ts.map((t) => t.textContent));
    if (JSON.stringify(tabs) !== JSON.stringify(["Preview", "Query", "Definition", "Data", "Log"]))
      fail("detail tabs " + JSON.stringify(tabs));
    await page.click(table + '.detail .tab[data-tab="query"]');
    const sql = await page.textContent(table + " .detail-tab pre");
    if (!sql.includes("as nl")) fail("the Query tab " + JSON.stringify(sql));
    // formatted as Powerpipe's PanelDetailQuery formats it (its sql-formatter; compared with its own
    // Query tab below), coloured by Prism's SQL kinds
    await page.waitForSelector(table + " .detail-tab pre.sql[data-formatted]", T);
    const ourQuery = await page.textContent(table + " .detail-tab pre.sql");
    const kinds = async (tab) => page.$$eval(table + " .detail-tab pre." + tab + " span",
      (ss) => ss.map((s) => s.className.replace("tok-", "") + ":" + s.textContent).slice(0, 3));
    if (JSON.stringify(await kinds("sql")) !== JSON.stringify(["keyword:select", "number:1", "keyword:as"]))
      fail("the Query tab's colours " + JSON.stringify(await kinds("sql")));
    // the Definition: the block as written, coloured by Prism's HCL kinds
    await page.click(table + '.detail .tab[data-tab="definition"]');
    // (once in CI the colours read as none: what the view held then is printed)
    await page.waitForSelector(table + " .detail-tab pre.hcl span", T).catch(async () =>
      fail("no coloured Definition: " + await page.$eval("#layout", (l) => l.outerHTML.slice(0, 4000))));
    const hcl = ['string:"odd"', "punctuation:{", "property:title"];
    if (JSON.stringify(await kinds("hcl")) !== JSON.stringify(hcl))
      fail("the Definition tab's colours " + JSON.stringify(await kinds("hcl")));
    await page.click(table + '.detail .tab[data-tab="data"]');
    const rows = await page.$$eval(table + " .detail-tab tbody tr", (rs) => rs.length);
    if (rows !== 2) fail("the Data tab's rows: " + rows);
    for (const arrow of ["▲", "▼"]) await clickSort(page, table + ' .detail-tab th[data-col="n"]', arrow, T);
    const first = await page.textContent(table + " .detail-tab tbody tr td");
    if (first !== "2") fail("the Data tab sorted by n, descending, begins with " + first);
    await page.keyboard.press("Escape");
    if (await page.$("#layout .node.detail")) fail("Escape left the detail view open");
    // Powerpipe's own Query tab of the same table: the same text
    const odd = '[id="' + names.find((n) => n.includes(".table.")) + '"]';
    await page.goto(ppui + D);
    await page.waitForSelector("table td", T);
    await page.hover(odd, { position: { x: 8, y: 8 } });
    await page.click('[title="View detail"] >> visible=true', T);
    await page.click('nav[aria-label="Tabs"] >> text="Query"', T);
    const theirQuery = await page.textContent("pre code", T);
    if (theirQuery.trim() !== ourQuery.trim())
      fail("our Query tab " + JSON.stringify(ourQuery) + ", Powerpipe's " + JSON.stringify(theirQuery));
    if (errors.length) fail("page errors: " + errors.join(" | "));
    console.log("download_pair: ok");
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0),
            (e) => fail(e.stack + (errors.length ? "\npage errors: " + errors.join(" | ") : "")));
