// page.js URL MOD_DIR — the built-in page shows a run's data, in headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core; --no-sandbox: CI runs as root).  The mod is
// tests/test_server.c's page_mod(), over a SQLite file it wrote: table sales(region, q1, q2) with
// ('north', 10, 15), ('south', 7, 3), ('east', 120, 30), ('<b>west</b>', 2, 9).  The expected
// values below come from those rows, not from the page.  Checks: a benchmark as Powerpipe's UI
// shows one (its totals as summary cards, each control a closed row with its counts in its summary
// chart's title, Powerpipe's getSummaryTitle, opened by a click on it) and its rows, with no
// ECharts loaded for it; a dashboard's cards, a table sorted numerically by header
// clicks, a column chart's and a donut's series (from ECharts' own getOption), an error panel, a
// select (its first option taken at first) and a text input, each re-running its dependant table; titles and rows with HTML in them
// shown as text; a text panel's markdown as its blocks, links (javascript: ones as plain words),
// code, lists and table, the HTML in it as text; a text panel of type html as its text; a
// workspace error with its file:line:col; no console error throughout.  Exits 0, or 1 after
// "FAIL: why".
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const [url, dir] = process.argv.slice(2);
function fail(msg) { console.error("FAIL: " + msg); process.exit(1); }
const check = (cond, msg) => { if (!cond) fail(msg); };
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

const node = (name) => '#layout .node[data-name="' + name + '"]';
const T = { timeout: 20000 };

async function main() {
  const exe = process.env.CHROMIUM || "/usr/bin/chromium";
  const browser = await chromium.launch({ executablePath: exe, args: ["--no-sandbox", "--disable-gpu"] });
  const errors = [], echartsResponses = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("response", (r) => { if (r.url().includes("/static/echarts")) echartsResponses.push(r); });
    await page.goto(url);
    await page.waitForSelector('li.benchmark[data-name="pagetest.benchmark.b"] > .title', T);

    // the benchmark: each control's counts, the benchmark's sums, the rows, the failing control's error
    await page.click('li.benchmark[data-name="pagetest.benchmark.b"] > .title');
    await page.waitForFunction((sel) => {
      const e = document.querySelector(sel);
      return e && e.dataset.status === "error" && e.querySelector(".error");
    }, node("pagetest.control.fails"), T);
    await page.waitForSelector(node("pagetest.control.mixed") + '[data-status="complete"] tbody tr',
                               { state: "attached", timeout: T.timeout });
    // closed: its summary chart, its rows not shown
    const mixedSel = node("pagetest.control.mixed");
    await page.waitForFunction((s) => { const c = document.querySelector(s + " > .head .check-chart");
      return c && c.title.includes("OK"); }, mixedSel, T);
    const chart = await page.$eval(mixedSel + " > .head .check-chart", (c) =>
      [c.title, [...c.querySelectorAll(".total")].map((t) => t.textContent)]);
    check(same(chart, ["Alarm: 1\nOK: 1\nInfo: 1\nSkipped: 1", ["1", "3"]]),
          "control chart " + JSON.stringify(chart));
    check(!(await page.isVisible(mixedSel + " tbody tr")), "a closed control shows its rows");
    const cards = await page.$$eval(node("pagetest.benchmark.b") + " > .body .summary-cards .card",
      (cs) => cs.map((c) => [".card-label", ".card-value"].map((k) => c.querySelector(k).textContent)));
    check(same(cards, [["OK", "1"], ["Alarm", "1"], ["Error", "1"], ["Info", "1"], ["Skipped", "1"]]),
          "benchmark cards " + JSON.stringify(cards));
    // opened by a click: its counts and rows
    await page.click(mixedSel + " > .head");
    await page.waitForSelector(mixedSel + " tbody tr", T);
    const mixed = await page.$$eval(mixedSel + " > .body > .counts > .count",
      (cs) => Object.fromEntries(cs.map((c) => [c.dataset.status, c.textContent])));
    check(same(mixed, { ok: "ok 1", alarm: "alarm 1", error: "error 0", info: "info 1", skip: "skip 1" }),
          "control counts " + JSON.stringify(mixed));
    const ferr = await page.textContent(node("pagetest.control.fails") + " .error");
    check(/no such table: nowhere/.test(ferr), "failing control's error " + ferr);
    const reasons = await page.$$eval(node("pagetest.control.mixed") + " tbody tr", (trs) =>
      trs.map((tr) => [...tr.cells].map((c) => c.textContent).join("|")).sort());
    check(same(reasons, ["alarm|r2|bad <i>x</i>", "info|r3|fyi", "ok|r1|fine", "skip|r4|skipped"]),
          "control rows " + JSON.stringify(reasons));
    check(!(await page.$("#layout i")), "a control's reason became HTML");
    // no chart on screen: ECharts was not fetched
    check(echartsResponses.length === 0 && (await page.evaluate(() => window.echarts === undefined)),
          "ECharts loaded for a page without charts");

    // the dashboard
    await page.click('li.dashboard[data-name="pagetest.dashboard.d"] > .title');
    const title = "Sales <img src=x onerror=window.__pwned=1>";
    await page.waitForFunction((t) => document.getElementById("sel-title").textContent === t, title, T);
    await page.waitForSelector(node("pagetest.card.total") + '[data-status="complete"] .card-value', T);
    const card = async (name) => [await page.textContent(node(name) + " .card-label"),
                                  await page.textContent(node(name) + " .card-value")];
    check(same(await card("pagetest.card.total"), ["Total", "139"]), "card total " + await card("pagetest.card.total"));
    await page.waitForSelector(node("pagetest.card.plain") + '[data-status="complete"] .card-value', T);
    check(same(await card("pagetest.card.plain"), ["regions", "4"]), "card plain " + await card("pagetest.card.plain"));
    // the error panel shows its error
    await page.waitForSelector(node("pagetest.card.broken") + '[data-status="error"] .error', T);
    check(/no such table: nowhere/.test(await page.textContent(node("pagetest.card.broken") + " .error")),
          "error panel");

    // the table: its rows; a header click sorts, numbers as numbers, a second click reverses
    const sales = node("pagetest.table.sales");
    await page.waitForSelector(sales + '[data-status="complete"] tbody tr', T);
    const column = (i) => page.$$eval(sales + " tbody tr", (trs, k) => trs.map((tr) => tr.cells[k].textContent), i);
    check(same((await column(0)).slice().sort(), ["<b>west</b>", "east", "north", "south"]),
          "table rows " + await column(0));
    await page.click(sales + ' th[data-col="q1"]');
    check(same(await column(1), ["2", "7", "10", "120"]), "sorted by q1 " + await column(1));
    await page.click(sales + ' th[data-col="q1"]');
    check(same(await column(1), ["120", "10", "7", "2"]), "sorted by q1 descending " + await column(1));
    await page.click(sales + ' th[data-col="q2"]');
    check(same(await column(2), ["3", "9", "15", "30"]), "sorted by q2 " + await column(2));
    check(same(await column(0), ["south", "<b>west</b>", "north", "east"]), "rows follow the sort " + await column(0));

    // the charts: ECharts drew canvases, with the series Powerpipe's charts make of the columns
    const chartOf = (name) => page.waitForFunction((sel) => {
      const c = document.querySelector(sel + " .chart");
      const i = c && window.echarts && window.echarts.getInstanceByDom(c);
      if (!i || !c.querySelector("canvas")) return null;
      const o = i.getOption();
      return { series: o.series.map((s) => ({ type: s.type, name: s.name, data: s.data, radius: s.radius })),
               x: (o.xAxis || []).map((a) => a.data) };
    }, node(name), T).then((h) => h.jsonValue());
    const bars = await chartOf("pagetest.chart.bars");
    check(bars.series.length === 2, "column chart series " + JSON.stringify(bars));
    check(same(bars.series.map((s) => [s.type, s.name, s.data]),
               [["bar", "q1", [10, 7, 120, 2]], ["bar", "q2", [15, 3, 30, 9]]]), "column series " + JSON.stringify(bars));
    check(same(bars.x, [["north", "south", "east", "<b>west</b>"]]), "column categories " + JSON.stringify(bars.x));
    const pie = await chartOf("pagetest.chart.pie");
    check(pie.series.length === 1 && pie.series[0].type === "pie" && Array.isArray(pie.series[0].radius),
          "donut " + JSON.stringify(pie));
    check(same(pie.series[0].data.map((d) => [d.name, d.value]),
               [["north", 10], ["south", 7], ["east", 120], ["<b>west</b>", 2]]), "donut data " + JSON.stringify(pie));
    const r = echartsResponses[0];
    check(r && r.status() === 200 && /max-age=31536000/.test(r.headers()["cache-control"] || ""),
          "ECharts response " + (r && r.status() + " " + JSON.stringify(r.headers())));

    // a select: with no value and no placeholder it takes its first option (Powerpipe's
    // SelectInput), so the dependant table shows that region's row; then the chosen region's
    const picked = node("pagetest.table.picked");
    const sel = node("pagetest.dashboard.d.input.region") + " select";
    await page.waitForSelector(sel + ' option[value="east"]', { state: "attached", timeout: 20000 });
    const options = await page.$$eval(sel + " option", (os) => os.map((o) => o.value));
    check(same(options, ["", "<b>west</b>", "east", "north", "south"]), "select options " + options);
    const pickedRows = async (want) => {
      await page.waitForFunction(([s, w]) => {
        const trs = document.querySelectorAll(s + '[data-status="complete"] tbody tr');
        return [...trs].map((tr) => [...tr.cells].map((c) => c.textContent).join("|")).join(";") === w;
      }, [picked, want], T);
    };
    await pickedRows("<b>west</b>|2");
    check((await page.inputValue(sel)) === "<b>west</b>", "the select's first option");
    await page.selectOption(sel, "east");
    await pickedRows("east|120");
    check((await page.inputValue(sel)) === "east", "the select keeps its value over the re-run");
    await page.selectOption(node("pagetest.dashboard.d.input.region") + " select", "<b>west</b>");
    await pickedRows("<b>west</b>|2");
    // a text input: its value goes out when the field changes (Enter); its table shows q1 >= 10
    const above = node("pagetest.table.above");
    await page.waitForSelector(above + '[data-status="blocked"]', T);
    const field = node("pagetest.dashboard.d.input.min") + " input";
    await page.fill(field, "10");
    await page.press(field, "Enter");
    await page.waitForFunction((s) => [...document.querySelectorAll(s + '[data-status="complete"] tbody td')]
      .map((td) => td.textContent).join(",") === "east,north", above, T);
    check((await page.inputValue(field)) === "10", "the text input keeps its value over the re-run");
    check((await page.inputValue(sel)) === "<b>west</b>", "the select keeps its value over another input's run");

    // HTML in a title, a row, a text panel: shown as text, never run
    const notes = await page.$eval('#layout .node[data-type="text"] .textpanel', (e) =>
      [...e.children].map((c) => [c.tagName, c.textContent]));
    check(same(notes, [["H1", "Notes"], ["P", "<script>window.__pwned=2</script> plain"]]),
          "text panel " + JSON.stringify(notes));
    // markdown (tests/test_server.c's text "md", read as CommonMark/GFM reads it): the blocks in
    // order, the inline elements, the links, and the injections as text or plain words
    const mdSel = node("pagetest.text.md") + " .textpanel";
    await page.waitForSelector(mdSel + " pre", T);
    const md = await page.$eval(mdSel, (e) => {
      const texts = (sel) => [...e.querySelectorAll(sel)].map((x) => x.textContent);
      return {
        blocks: [...e.children].map((c) => c.tagName),
        h2: [texts("h2"), texts("h2 em"), texts("h2 strong")],
        links: [...e.querySelectorAll("a")].map((a) => [a.textContent, a.getAttribute("href"), a.target, a.rel]),
        para: e.querySelector("p").textContent,
        script: e.querySelector("p + p").textContent,
        code: [texts("p code"), texts("li code"), texts("pre > code"), e.querySelector("pre > code").className],
        lists: [texts(":scope > ul > li").length, texts("ul > li > ol > li")],
        table: [texts("th"), texts("tbody tr").length, texts("td"), texts("td strong"),
                [...e.querySelectorAll("th")].map((th) => th.style.textAlign)],
        quote: [texts("blockquote > p"), texts("blockquote em")],
      };
    });
    const want = {
      blocks: ["H2", "P", "P", "UL", "TABLE", "BLOCKQUOTE", "HR", "PRE"],
      h2: [["Sales notes and totals"], ["notes"], ["totals"]],
      links: [["the docs", "https://example.com/docs?a=1&b=2", "_blank", "noopener noreferrer"],
              ["mailto:team@example.com", "mailto:team@example.com", "_blank", "noopener noreferrer"]],
      para: "See the docs, mailto:team@example.com and select '<b>'.\nbad worse" +
            " <img src=x onerror=window.__pwned=3>",
      script: "<script>window.__pwned=6</script>",
      code: [["select '<b>'"], ["code"], ["select '<b>' from sales"], "language-sql"],
      lists: [2, ["nested one", "nested two"]],
      table: [["region", "q1"], 2, ["north", "10", "east", "120"], ["east"], ["left", "right"]],
      quote: [["quoted text"], ["text"]],
    };
    for (const k of Object.keys(want))
      check(same(md[k], want[k]), `markdown ${k}: ${JSON.stringify(md[k])}, want ${JSON.stringify(want[k])}`);
    // type "html": not rendered (the page has no sanitiser), its text as it is
    const html = await page.$eval(node("pagetest.text.html") + " .textpanel",
      (e) => [e.childElementCount, e.textContent]);
    check(same(html, [0, "<b>bold</b> <img src=x onerror=window.__pwned=7>"]),
          "html text panel " + JSON.stringify(html));
    check(await page.evaluate(() => window.__pwned === undefined && !document.querySelector(
      "#layout img, #layout b, #layout script, #layout a[href^=javascript i], aside img")),
          "HTML from the mod became markup");
    const listed = await page.textContent('li.dashboard[data-name="pagetest.dashboard.d"] > .title');
    check(listed === title, "listed title " + listed);

    // a workspace error: its message with file:line:col; gone once the file is fixed
    const broken = path.join(dir, "broken.pp");
    fs.writeFileSync(broken, 'dashboard "x" {\n  title = \n}\n');
    await page.waitForFunction(() => /broken\.pp:2:\d+: /.test(document.getElementById("wserror").textContent),
                               null, T);
    fs.unlinkSync(broken);
    await page.waitForFunction(() => document.getElementById("wserror").textContent === "", null, T);

    check(errors.length === 0, "console errors: " + errors.join("; "));
    console.log("page: ok");
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), (e) => fail(e.message));
