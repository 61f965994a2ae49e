// page.js URL MOD_DIR — the built-in page shows a run's data, in headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core; --no-sandbox: CI runs as root). The mod is
// tests/test_server.c's page_mod(), over a SQLite file it wrote: table sales(region, q1, q2) with
// ('north', 10, 15), ('south', 7, 3), ('east', 120, 30), ('<b>west</b>', 2, 9). The expected values below
// come from those rows, not from the page. Checks: a benchmark as Powerpipe's UI shows one (its totals as
// summary cards, each control a closed row with its counts in its summary chart's title, Powerpipe's
// getSummaryTitle, opened by a click on it) and its results as Powerpipe's CheckResults rows: each
// status's Heroicon and title, the reason, the dimensions in Powerpipe's stringToColor colours (the first
// five new strings of its ColorGenerator(16, 0) worked by hand: ansi256 93, 168, 62, 138 and 212, i.e.
// #6600FF, #CC3366, #3333CC, #996666, #FF66CC; ppui.js finds the first two in Powerpipe's own UI), an
// error row, a "No results" row, a control's documentation opened by its help icon; grouped and filtered
// as Powerpipe's URLs and editors say (by status, by a dimension, a status filter, back to the layout);
// with no ECharts loaded for it; a dashboard's cards, a table sorted numerically by header clicks, a
// column chart's and a donut's series (from ECharts' own getOption), an error panel, a select (its first
// option taken at first) and a text input, each re-running its dependant table; titles and rows with HTML
// in them shown as text; a text panel's markdown as its blocks, links (javascript: ones as plain words),
// code, lists and table, the HTML in it as text; a text panel of type html as its text; date, datetime,
// time and range inputs, their values as Powerpipe's UI sends them; a workspace error with its
// file:line:col; no console error throughout. Exits 0, or 1 after "FAIL: why".
"use strict";
const { check, fail, same, showList } = require("./client.js");
const fs = require("fs");
const path = require("path");
const { clickSort, launch } = require("./chromium.js");

const [url, dir] = process.argv.slice(2);

const node = (name) => '#layout .node[data-name="' + name + '"]';
const T = { timeout: 20000 };

async function main() {
  const browser = await launch();
  const errors = [], echartsResponses = [], requests = [], sockets = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("response", (r) => { if (r.url().includes("/static/echarts")) echartsResponses.push(r); });
    page.on("request", (r) => requests.push(new URL(r.url()).pathname));
    page.on("websocket", (ws) => sockets.push(ws.url()));
    await page.goto(url);
    await page.waitForSelector('li.benchmark[data-name="pagetest.benchmark.b"] > .title', T);
    // a cold load asks for the page, its CSS and one script (its modules packed: page_pack.sh)
    const scripts = requests.filter((p) => p.startsWith("/static/page/") && p.endsWith(".js"));
    check(JSON.stringify(scripts) === '["/static/page/app.js"]' && requests.length <= 15,
          "a cold load's requests: " + JSON.stringify(requests));
    // one WebSocket, the one the page's head opened before its modules ran, taken over by them
    check(sockets.length === 1 && (await page.evaluate(() => window.lpEarlySocket === null)),
          "a cold load's WebSockets: " + JSON.stringify(sockets));

    // the benchmark: each control's counts, the benchmark's sums, the rows, the failing control's error
    await page.click('li.benchmark[data-name="pagetest.benchmark.b"] > .title');
    await page.waitForFunction((sel) => {
      const e = document.querySelector(sel);
      return e && e.dataset.status === "error" && e.querySelector('.result[data-status="error"]');
    }, node("pagetest.control.fails"), T);
    await page.waitForSelector(node("pagetest.control.mixed") +
                               '[data-status="complete"] .check-results .result',
                               { state: "attached", timeout: T.timeout });
    // closed: its summary chart, its rows not shown
    const mixedSel = node("pagetest.control.mixed");
    await page.waitForFunction((s) => { const c = document.querySelector(s + " > .head .check-chart");
      return c && c.title.includes("OK"); }, mixedSel, T);
    const chart = await page.$eval(mixedSel + " > .head .check-chart", (c) =>
      [c.title, [...c.querySelectorAll(".total")].map((t) => t.textContent)]);
    check(same(chart, ["Alarm: 1\nOK: 1\nInfo: 1\nSkipped: 1", ["1", "3"]]),
          "control chart " + JSON.stringify(chart));
    check(!(await page.isVisible(mixedSel + " .check-results .result")), "a closed control shows its rows");
    const cards = await page.$$eval(node("pagetest.benchmark.b") + " > .body .summary-cards .card",
      (cs) => cs.map((c) => [".card-label", ".card-value"].map((k) => c.querySelector(k).textContent)));
    check(same(cards, [["OK", "1"], ["Alarm", "1"], ["Error", "1"], ["Info", "1"], ["Skipped", "1"]]),
          "benchmark cards " + JSON.stringify(cards));
    // opened by a click: its result rows, in the query's order, each status's icon drawn
    await page.click(mixedSel + " > .head");
    await page.waitForSelector(mixedSel + " .check-results .result", T);
    await page.waitForFunction((s) => [...document.querySelectorAll(s + " .result > .icon")].every((i) =>
      i.querySelector("svg path")), mixedSel, T);
    const results = await page.$$eval(mixedSel + " .check-results > .result", (rs) => rs.map((r) => [
      r.dataset.status, r.querySelector(".icon").dataset.icon, r.querySelector(".icon").title,
      r.querySelector(".reason").textContent,
      [...r.querySelectorAll(".dim")].map((d) => [d.textContent, d.title, getComputedStyle(d).color])]));
    // Powerpipe's order of a control's rows (error, alarm, info, ok, skip); a null dimension is ""
    const eu = ["eu", "region = eu", "rgb(51, 51, 204)"], nil = (k) => ["", k + " = ", "rgb(153, 102, 102)"];
    check(same(results, [
      ["alarm", "heroicons-solid:bell", "Alarm", "bad <i>x</i>",
       [["us", "region = us", "rgb(102, 0, 255)"], ["2", "n = 2", "rgb(204, 51, 102)"]]],
      ["info", "heroicons-solid:information-circle", "Info", "fyi", [eu, nil("n")]],
      ["ok", "heroicons-solid:check-circle", "OK", "fine", [eu, ["1", "n = 1", "rgb(255, 102, 204)"]]],
      ["skip", "heroicons-solid:arrow-right-circle", "Skipped", "skipped", [nil("region"), nil("n")]]]),
          "control results " + JSON.stringify(results));
    check(!(await page.$("#layout i")), "a control's reason became HTML");
    // the failing control: one error row with the database's message; the control without rows
    const failsSel = node("pagetest.control.fails"), noneSel = node("pagetest.control.none");
    await page.click(failsSel + " > .head");
    const ferr = await page.textContent(failsSel + ' .result[data-status="error"] .reason');
    check(/no such table: nowhere/.test(ferr), "failing control's error " + ferr);
    check(!(await page.$(failsSel + " > .body > .error")), "the control's error shown twice");
    await page.click(noneSel + " > .head");
    await page.waitForSelector(noneSel + ' .result[data-status="empty"]', T);
    const none = await page.$$eval(noneSel + " .check-results > .result", (rs) =>
      rs.map((r) => [r.querySelector(".icon").dataset.icon, r.querySelector(".icon").title, r.textContent]));
    check(same(none, [["heroicons-solid:no-symbol", "No results", "No results"]]), "empty control " +
          JSON.stringify(none));
    // documentation: the help icon opens it (markdown, its HTML as text) without closing the row
    check(!(await page.$(noneSel + " .docs")), "a control without documentation has a help icon");
    await page.click(mixedSel + " > .head .docs > .icon");
    await page.waitForSelector(mixedSel + " > .head .docs .md h2", T);
    const doc = await page.$eval(mixedSel + " > .head .docs .md", (d) => [d.querySelector("h2").textContent,
      d.querySelector("h2 em").textContent, d.querySelector("p").textContent, !!d.querySelector("b")]);
    check(same(doc, ["About mixed", "mixed", "One of <b>each</b>.", false]),
          "documentation " + JSON.stringify(doc));
    check(await page.isVisible(mixedSel + " .check-results .result"), "the help icon's click closed the row");
    await page.click(mixedSel + " > .head .docs > .icon");
    check(!(await page.isVisible(mixedSel + " > .head .docs .md")), "the documentation did not close");
    // Powerpipe's grouping and filter (its URL's `grouping` and `where`, its rules for keys, titles
    // and order): grouped by status, then control, from a link; each group's results
    const bench = node("pagetest.benchmark.b");
    const byStatus = JSON.stringify({ "pagetest.benchmark.b": [{ type: "status" }, { type: "control" },
                                                               { type: "result" }] });
    await page.goto(url + "pagetest.benchmark.b?grouping=" + encodeURIComponent(byStatus));
    await page.waitForFunction((s) => document.querySelectorAll(s + " > .grouped > .grow").length === 6 &&
      !document.querySelector(s + ' .node[data-type="control"]:not([data-status="complete"])' +
                              ':not([data-status="error"])'),
      bench, T);
    // a group's rows are made when it opens: open every group, then read them (each click by its
    // selector, found again at the click: a view drawn again meanwhile replaced the elements)
    const openAll = async () => {
      const closed = bench + " > .grouped .grow:not(.open) > .head";
      for (let i = 0; i < 100 && await page.$(closed); i++) await page.click(closed);
    };
    await openAll();
    const groups = () => page.$$eval(bench + " > .grouped .grow", (gs) => gs.map((g) => [
      g.querySelector(":scope > .head .gtitle").textContent,
      [...g.querySelectorAll(":scope > .check-results > .result")].map((r) => r.dataset.status + " " +
        r.querySelector(".reason").textContent)]));
    const cardsOf = () => page.$$eval(bench + " > .body .summary-cards .card", (cs) =>
      cs.map((c) => c.querySelector(".card-value").textContent).join(" "));
    check(same(await groups(), [["OK", []], ["Mixed", ["ok fine"]], ["Alarm", []],
      ["Mixed", ["alarm bad <i>x</i>"]],
      ["Error", []], ["fails", ["error no such table: nowhere"]], ["Info", []], ["Mixed", ["info fyi"]],
      ["Skipped", []], ["Mixed", ["skip skipped"]], ["Empty", []], ["None", ["empty No results"]]]),
          "grouped by status " + JSON.stringify(await groups()));
    check(!(await page.isVisible(bench + " > .kids")), "the layout shown beside the grouping");
    check(await cardsOf() === "1 1 1 1 1", "cards of the grouping " + await cardsOf());
    // the editors: a filter of status = alarm (Powerpipe's where JSON in the URL), then the first
    // level a dimension; Reset puts the layout back
    const tools = bench + " > .check-tools";
    await page.click(tools + " .filter button.add");
    await page.fill(tools + " .filter input.value", "alarm");
    await page.press(tools + " .filter input.value", "Enter");
    const topGroups = (n) => page.waitForFunction(([s, k]) =>
      document.querySelectorAll(s + " > .grouped > .grow").length === k, [bench, n], T);
    await topGroups(1);
    await openAll();
    check(same(await groups(), [["Alarm", []], ["Mixed", ["alarm bad <i>x</i>"]]]), "filtered " +
          JSON.stringify(await groups()));
    // a status filter leaves the cards of its statuses alone (Powerpipe's Benchmark; grouping_pair.js)
    check(await cardsOf() === "1", "cards of the filter " + await cardsOf());
    const where = JSON.parse(new URL(page.url()).searchParams.get("where"));
    check(same(where, { "pagetest.benchmark.b": { operator: "and", expressions: [
      { type: "status", operator: "equal", value: "alarm" }] } }),
          "where in the URL " + JSON.stringify(where));
    await page.click(tools + " .filter button.remove");
    await page.selectOption(tools + " .grouping .level >> nth=0 >> select", "dimension");
    await page.fill(tools + " .grouping input.key", "region");
    await page.press(tools + " .grouping input.key", "Enter");
    await topGroups(4);
    const dims = await page.$$eval(bench + " > .grouped > .grow", (gs) => gs.map((g) =>
      [g.querySelector(":scope > .head .gtitle").textContent, g.querySelector(".check-chart").title]));
    check(same(dims, [["", "Skipped: 1"], ["<not set>", "Error: 1"], ["eu", "OK: 1\nInfo: 1"],
                      ["us", "Alarm: 1"]]),
          "grouped by region " + JSON.stringify(dims));
    check(same(JSON.parse(new URL(page.url()).searchParams.get("grouping")), { "pagetest.benchmark.b": [
      { type: "dimension", value: "region" }, { type: "control" }, { type: "result" }] }) &&
          !new URL(page.url()).searchParams.has("where"), "grouping in the URL " + page.url());
    await page.click(tools + " .grouping button.reset");
    await page.waitForFunction((s) => !document.querySelector(s + " > .grouped") &&
      document.querySelector(s + " > .kids").offsetParent !== null, bench, T);
    check(!new URL(page.url()).searchParams.has("grouping"), "the reset grouping in the URL " + page.url());

    // no chart on screen: ECharts was not fetched
    check(echartsResponses.length === 0 && (await page.evaluate(() => window.echarts === undefined)),
          "ECharts loaded for a page without charts");

    // the dashboard
    await showList(page);
    await page.click('li.dashboard[data-name="pagetest.dashboard.d"] > .title');
    const title = "Sales <img src=x onerror=window.__pwned=1>";
    await page.waitForFunction((t) => document.getElementById("sel-title").textContent === t, title, T);
    await page.waitForSelector(node("pagetest.card.total") + '[data-status="complete"] .card-value', T);
    const card = async (name) => [await page.textContent(node(name) + " .card-label"),
                                  await page.textContent(node(name) + " .card-value")];
    check(same(await card("pagetest.card.total"), ["Total", "139"]),
          "card total " + await card("pagetest.card.total"));
    await page.waitForSelector(node("pagetest.card.plain") + '[data-status="complete"] .card-value', T);
    check(same(await card("pagetest.card.plain"), ["regions", "4"]),
          "card plain " + await card("pagetest.card.plain"));
    // the error panel shows its error
    await page.waitForSelector(node("pagetest.card.broken") + '[data-status="error"] .error', T);
    check(/no such table: nowhere/.test(await page.textContent(node("pagetest.card.broken") + " .error")),
          "error panel");

    // the table: its rows; a header click sorts, numbers as numbers, a second click reverses
    const sales = node("pagetest.table.sales");
    await page.waitForSelector(sales + '[data-status="complete"] tbody tr', T);
    const column = (i) => page.$$eval(sales + " tbody tr",
                                      (trs, k) => trs.map((tr) => tr.cells[k].textContent), i);
    check(same((await column(0)).slice().sort(), ["<b>west</b>", "east", "north", "south"]),
          "table rows " + await column(0));
    await clickSort(page, sales + ' th[data-col="q1"]', "▲", T);
    check(same(await column(1), ["2", "7", "10", "120"]), "sorted by q1 " + await column(1));
    await clickSort(page, sales + ' th[data-col="q1"]', "▼", T);
    check(same(await column(1), ["120", "10", "7", "2"]), "sorted by q1 descending " + await column(1));
    await clickSort(page, sales + ' th[data-col="q2"]', "▲", T);
    check(same(await column(2), ["3", "9", "15", "30"]), "sorted by q2 " + await column(2));
    check(same(await column(0), ["south", "<b>west</b>", "north", "east"]),
          "rows follow the sort " + await column(0));

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
               [["bar", "q1", [10, 7, 120, 2]], ["bar", "q2", [15, 3, 30, 9]]]),
          "column series " + JSON.stringify(bars));
    check(same(bars.x, [["north", "south", "east", "<b>west</b>"]]),
          "column categories " + JSON.stringify(bars.x));
    const pie = await chartOf("pagetest.chart.pie");
    check(pie.series.length === 1 && pie.series[0].type === "pie" && Array.isArray(pie.series[0].radius),
          "donut " + JSON.stringify(pie));
    check(same(pie.series[0].data.map((d) => [d.name, d.value]),
               [["north", 10], ["south", 7], ["east", 120], ["<b>west</b>", 2]]),
          "donut data " + JSON.stringify(pie));
    const r = echartsResponses[0];
    check(r && r.status() === 200 && /max-age=31536000/.test(r.headers()["cache-control"] || ""),
          "ECharts response " + (r && r.status() + " " + JSON.stringify(r.headers())));

    // a select: with no value and no placeholder it takes its first option (Powerpipe's
    // SelectInput), so the dependant table shows that region's row; then the chosen region's
    const picked = node("pagetest.table.picked");
    // (the field is Powerpipe's react-select one: its options in its menu, its value in data-value)
    const sel = node("pagetest.dashboard.d.input.region") + " .select";
    const choose = async (value) => {
      await page.click(sel + " .control");
      await page.evaluate(([s, v]) => [...document.querySelectorAll(s + " [role=option]")]
        .find((o) => o.dataset.value === v).click(), [sel, value]);
    };
    await page.waitForSelector(sel + '[data-value="<b>west</b>"]', T);
    await page.click(sel + " .control");
    const options = await page.$$eval(sel + " [role=option]", (os) => os.map((o) => o.dataset.value));
    check(same(options, ["<b>west</b>", "east", "north", "south"]), "select options " + options);
    await page.keyboard.press("Escape");
    const pickedRows = async (want) => {
      await page.waitForFunction(([s, w]) => {
        const trs = document.querySelectorAll(s + '[data-status="complete"] tbody tr');
        return [...trs].map((tr) => [...tr.cells].map((c) => c.textContent).join("|")).join(";") === w;
      }, [picked, want], T);
    };
    await pickedRows("<b>west</b>|2");
    check((await page.getAttribute(sel, "data-value")) === "<b>west</b>", "the select's first option");
    await choose("east");
    await pickedRows("east|120");
    check(
      (await page.getAttribute(sel, "data-value")) === "east", "the select keeps its value over the re-run");
    await choose("<b>west</b>");
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
    check((await page.getAttribute(sel, "data-value")) === "<b>west</b>",
          "the select keeps its value over another input's run");

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
        links: [...e.querySelectorAll("a")]
          .map((a) => [a.textContent, a.getAttribute("href"), a.target, a.rel]),
        para: e.querySelector("p").textContent,
        script: e.querySelector("p + p").textContent,
        code: [texts("p code"), texts("li code"), texts("pre > code"),
               e.querySelector("pre > code").className],
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

    // date inputs (Powerpipe's inputs/Date and DatetimeRangePicker): the browser's own date, datetime
    // and time fields, their values as the fields give them; a range the JSON {from, to, relative},
    // the last 7 days until a choice (a date range's dates YYYY-MM-DD in local time, a datetime
    // range's ISO 8601 in UTC), a preset back from now, or a custom range applied
    await showList(page);
    await page.click('li.dashboard[data-name="pagetest.dashboard.dates"] > .title');
    const echo = async (name, pred) => page.waitForFunction(([s, p]) => {
      const td = document.querySelector(s + '[data-status="complete"] tbody td');
      return td && new Function("v", "return " + p)(td.textContent) && td.textContent;
    }, [node("pagetest.table." + name), pred || "true"], T).then((h) => h.jsonValue());
    const localDay = (daysBack) => { const d = new Date(Date.now() - daysBack * 86400e3);
      return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, "0"))
        .join("-"); };
    const span0 = JSON.parse(await echo("span"));
    check(same(span0, { from: localDay(7), to: null, relative: "7d" }),
          "date range default " + JSON.stringify(span0));
    const win0 = JSON.parse(await echo("window"));
    check(win0.relative === "7d" && win0.to === null &&
          /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(win0.from) &&
          Math.abs(Date.parse(win0.from) - (Date.now() - 7 * 86400e3)) < 120e3, "datetime range default " +
          JSON.stringify(win0));
    const dates = (k) => node("pagetest.dashboard.dates.input." + k);
    check(same(await page.$$eval(["day", "at", "t"].map((k) => dates(k) + " input").join(", "),
                                 (fs) => fs.map((f) => f.type)), ["date", "datetime-local", "time"]),
          "date fields' types");
    await page.fill(dates("day") + " input", "2026-01-02");
    check(await echo("day") === "2026-01-02", "date value");
    await page.fill(dates("at") + " input", "2026-01-02T03:04");
    check(await echo("at") === "2026-01-02T03:04", "datetime value");
    await page.fill(dates("t") + " input", "05:06:07");
    check(await echo("t") === "05:06:07", "time value");
    await page.click(dates("span") + ' button[data-relative="30d"]');
    const span30 = JSON.parse(await echo("span", 'v.includes("30d")'));
    check(same(span30, { from: localDay(30), to: null, relative: "30d" }),
          "date range 30d " + JSON.stringify(span30));
    await page.click(dates("span") + ' button[data-relative="custom"]');
    await page.fill(dates("span") + " .custom input >> nth=0", "2026-02-01");
    await page.fill(dates("span") + " .custom input >> nth=1", "2026-02-10");
    await page.click(dates("span") + " .custom button");
    const spanC = JSON.parse(await echo("span", 'v.includes("custom")'));
    check(same(spanC, { from: "2026-02-01", to: "2026-02-10", relative: "custom" }), "custom range " +
          JSON.stringify(spanC));
    check(same(await page.$$eval(dates("span") + " button.on", (bs) => bs.map((b) => b.dataset.relative)),
               ["custom"]),
          "the custom range's button not marked");
    await page.click(dates("window") + ' button[data-relative="3h"]');
    const win3 = JSON.parse(await echo("window", 'v.includes("3h")'));
    check(win3.to === null && Math.abs(Date.parse(win3.from) - (Date.now() - 3 * 3600e3)) < 120e3,
          "datetime range 3h " + JSON.stringify(win3));
    const q = new URL(page.url()).searchParams;
    check(q.get("input.day") === "2026-01-02" && JSON.parse(q.get("input.span")).relative === "custom",
          "the inputs' values in the URL " + page.url());

    // a workspace error: its message with file:line:col, in Powerpipe's WorkspaceErrorModal (a modal
    // dialog "Workspace Error" with its Close) and the line under the header; closed, the page is
    // usable again (a click reaches it) and the modal stays closed while the error stands; the
    // file fixed, the line is gone, and the next error opens the modal again
    const broken = path.join(dir, "broken.pp");
    fs.writeFileSync(broken, 'dashboard "x" {\n  title = \n}\n');
    await page.waitForFunction(
      () => /broken\.pp:2:\d+: /.test(document.getElementById("wserror").textContent),
                               null, T);
    const modal = () => page.evaluate(() => {
      const d = document.getElementById("error-modal");
      return d && d.open && d.matches(":modal") ? [d.querySelector("h2").textContent,
        d.querySelector(".error-modal-message").textContent,
        document.activeElement.closest("dialog") === d] : null;
    });
    const m1 = await modal();
    check(m1 && m1[0] === "Workspace Error" && /broken\.pp:2:\d+: /.test(m1[1]) && m1[2],
          "the workspace error's modal " + JSON.stringify(m1));
    await page.click("#error-modal .error-modal-close");
    check((await modal()) === null, "the modal closed by Close");
    await page.click("#theme");   /* the page under it takes clicks again */
    await page.click("#theme");
    fs.writeFileSync(broken, 'dashboard "x" {\n  title = \n\n}\n');   /* the same error again */
    await page.waitForTimeout(1500);
    check((await modal()) === null, "the modal stays closed while the error stands");
    fs.unlinkSync(broken);
    await page.waitForFunction(() => document.getElementById("wserror").textContent === "", null, T);
    fs.writeFileSync(broken, 'dashboard "y" {\n  title = \n}\n');
    await page.waitForFunction(() => {
      const d = document.getElementById("error-modal");
      return d && d.open;
    }, null, T);
    await page.keyboard.press("Escape");
    check((await modal()) === null, "the modal closed by Escape");
    fs.unlinkSync(broken);
    await page.waitForFunction(() => document.getElementById("wserror").textContent === "", null, T);

    // opened cold at a dashboard's URL, the page's head asks for the dashboard as its socket opens,
    // before the modules have come (held here until it has), and the modules do not ask again; with
    // an input in the URL the modules ask, with it
    for (const [query, early] of [["", true], ["?input.region=east", false]]) {
      const ctx = await browser.newContext();
      const p = await ctx.newPage();
      p.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
      p.on("pageerror", (e) => errors.push(e.message));
      const selects = [];
      p.on("websocket", (ws) => ws.on("framesent", (f) => {
        const m = JSON.parse(f.payload);
        if (m.action === "select_dashboard") selects.push(m.payload);
      }));
      let release = null;
      const held = new Promise((res) => { release = res; });
      await p.route("**/static/page/app.js", async (r) => { await held; await r.continue(); });
      await p.goto(url + "pagetest.dashboard.d" + query, { waitUntil: "commit" });
      const until = async (f) => {
        for (let i = 0; i < 400 && !(await f()); i++) await p.waitForTimeout(25);
        return f();
      };
      await until(() => p.evaluate(() => !!(window.lpEarlySocket && window.lpEarlySocket.asked)));
      await until(async () => selects.length > 0 || !early);
      const before = selects.length;
      release();
      await p.waitForSelector(node("pagetest.table.picked") + '[data-status="complete"]', T);
      await p.waitForTimeout(300);
      /* (the select without a value then takes its first option: a selection with it follows) */
      const first = { dashboard: { full_name: "pagetest.dashboard.d" },
                      inputs: early ? {} : { "input.region": "east" } };
      check(before === (early ? 1 : 0) && same(selects[0], first) &&
            selects.filter((x) => same(x, first)).length === 1,
            "a cold dashboard URL" + query + ": " + before + " selections before the modules ran, then " +
            JSON.stringify(selects));
      await ctx.close();
    }

    check(errors.length === 0, "console errors: " + errors.join("; "));
    console.log("page: ok");
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), (e) => fail(e.message));
