// page_log.js URL — View detail's Log tab (Powerpipe's PanelDetail/PanelDetailLog) over
// tests/server/logmod, in headless Chromium: a row per status a panel was seen in, each with its
// time (HH:mm:ss.SSS, local) and status word, the panel's dependencies' rows marked with their
// type and title ("with:" "nums"), a node/edge graph's nodes' and edges' rows, a panel's error
// (SQLite's own message) opened below its row on a click; no Log tab on an opened snapshot. The
// statuses are those the server's events carried (the execution_started's, then each
// leaf_node_updated's), read here from the WebSocket itself. SQLite has no search path: the header
// shows no search path control. A detection under two benchmarks is drawn in both. The progress
// bar (Powerpipe's DashboardProgress) rises while the run runs and is gone once it completed. A
// benchmark's summary card filters its view on a click (FilterCardWrapper); a result's "View
// control" shows it in a side panel (ControlSidePanel). A search of the list that finds nothing
// says so, with a Clear. No console error. Exits 0, or 1 after
// "FAIL: why".
"use strict";
const { check, fail } = require("./client.js");
const { launch } = require("./chromium.js");

const [base] = process.argv.slice(2);
const origin = base.replace(/\/$/, "");
const T = { timeout: 20000 };
const node = (name) => '#layout .node[data-name="' + name + '"]';
const want = (got, exp, what) => check(JSON.stringify(got) === JSON.stringify(exp),
                                       what + ": " + JSON.stringify(got) + ", want " + JSON.stringify(exp));

async function main() {
  const browser = await launch();
  const errors = [], events = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("websocket", (ws) => ws.on("framereceived", (f) => {
      try { events.push(JSON.parse(f.payload)); } catch (e) { /* not JSON */ }
    }));
    /* a search that finds nothing says so, with a Clear (Powerpipe's DashboardList) */
    await page.goto(origin + "/");
    await page.waitForSelector("#dashboards li", T);
    await page.fill("#search", "nothing is called this");
    want(await page.textContent("#dashboards .list-empty"), "No search results. Clear.", "an empty search");
    await page.click("#dashboards .list-empty button");
    await page.waitForSelector("#dashboards li", T);
    want(await page.inputValue("#search"), "", "the search cleared");

    /* the run's progress bar (Powerpipe's DashboardProgress): each value it took, kept by an
     * observer set before the page's scripts run */
    await page.addInitScript(() => {
      window.progressSeen = [];
      new MutationObserver((ms) => {
        for (const m of ms)
          if (m.target.id === "progress" && m.attributeName === "aria-valuenow")
            window.progressSeen.push(Number(m.target.getAttribute("aria-valuenow")));
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ["aria-valuenow"] });
    });
    await page.goto(origin + "/logmod.dashboard.main");
    await page.waitForSelector("#snap:not([disabled])", T);
    const seen = await page.evaluate(() => window.progressSeen);
    check(seen.length && seen.every((v, i) => !i || v >= seen[i - 1]) && seen[seen.length - 1] <= 100,
          "the progress bar's values " + JSON.stringify(seen));
    check(await page.isHidden("#progress"), "the progress bar hidden once the run completed");
    /* what the server said of each panel, in order: the start's status, then each leaf's */
    const started = events.find((m) => m.action === "execution_started");
    const said = (name) => [started.panels[name].status].concat(events.filter((m) =>
      m.action === "leaf_node_updated" && m.dashboard_node.name === name)
      .map((m) => m.dashboard_node.status));
    const word = (s) => s.charAt(0).toUpperCase() + s.slice(1);
    /* SQLite has no search path: no search path control (Powerpipe's supports_search_path) */
    check(await page.isHidden("#search-path"), "no search path control on SQLite");

    const openLog = async (name) => {
      await page.hover(node(name));
      await page.click(node(name) + ' > .panel-controls button[aria-label="View detail"]');
      await page.click(node(name) + ' .detail-bar .tab[data-tab="log"]');
      return page.$$eval(node(name) + " .panel-log .log-row", (rows) => rows.map((r) =>
        [...r.children].filter((c) => !c.classList.contains("log-icon")).map((c) => c.textContent)));
    };
    const close = () => page.keyboard.press("Escape");

    /* the card: its with's rows ("with:" "nums") before its own, by time */
    const W = "logmod.dashboard.main.with.nums", C = "logmod.card.c";
    const card = await openLog(C);
    check(card.every((r) => /^\d\d:\d\d:\d\d\.\d{3}$/.test(r[0])), "times: " + JSON.stringify(card));
    const rows = card.map((r) => r.slice(1));
    /* Powerpipe's server says each leaf is running as its query starts: the Log's "Running" row,
     * and the time from it to the completion on the "Complete" row ("12ms") */
    want(said(C), ["initialized", "running", "complete"], "the card's statuses");
    const withRows = said(W).map((s) => [word(s), "with:", "nums"]), own = said(C).map((s) => [word(s)]);
    want(rows.filter((r) => r[1] === "with:").map((r) => r.slice(0, 3)), withRows, "the with's rows");
    const ownRows = rows.filter((r) => r[1] !== "with:");
    want(ownRows.map((r) => [r[0]]), own, "the card's own rows");
    check(/^\d[\d,]*ms$/.test(ownRows[ownRows.length - 1][1] || ""),
          "the card's run time " + JSON.stringify(ownRows));
    want(rows[0], withRows[0], "a dependency first at the start");
    want([rows[rows.length - 1][0]], own[own.length - 1], "the card's completion last");
    want(await page.textContent(node(C) + " .panel-log h3"), "From a with Log", "the log's title");
    await close();

    /* the table in error: its error row opens on a click, with SQLite's message */
    const B = "logmod.table.bad";
    const bad = await openLog(B);
    want(bad.map((r) => r[1]), said(B).map(word), "the table's rows");
    const err = node(B) + " .panel-log details.log-error";
    check(!(await page.$eval(err, (d) => d.open)), "the error closed at first");
    check(!(await page.isVisible(err + " > .error")), "its message hidden at first");
    await page.click(err + " > summary");
    want(await page.textContent(err + " > .error"), "no such table: no_such_table", "the error's message");
    await close();

    /* the graph: its nodes' and edge's rows, each with its type and title (a block's title, else
     * its name: these have none, their rows' titles are no log's) */
    const G = "logmod.graph.g";
    const g = await openLog(G);
    for (const [name, prefix, title] of [["logmod.node.a", "node:", "logmod.node.a"],
                                          ["logmod.node.b", "node:", "logmod.node.b"],
                                          ["logmod.edge.ab", "edge:", "logmod.edge.ab"]])
      want(g.filter((r) => r[3] === title).map((r) => r.slice(1, 3)),
           said(name).map((s) => [word(s), prefix]), "the graph's " + name);
    want(g.filter((r) => !/:$/.test(r[2] || "")).map((r) => r[1]), said(G).map(word), "the graph's own rows");
    await close();

    /* a detection under two benchmarks: its row, titled, in both (and no exception) */
    await page.goto(origin + "/logmod.benchmark.twice");
    await page.waitForSelector("#snap:not([disabled])", T);
    await page.waitForTimeout(200);   /* the rows' heads are drawn a frame later */
    want(await page.$$eval('#layout .node[data-name="logmod.detection.shared"] > .head',
                           (hs) => hs.map((h) => h.firstChild && h.firstChild.nextSibling &&
                                                 h.firstChild.nextSibling.textContent)),
         ["Shared detection", "Shared detection"], "the detection's row under each benchmark");
    check(!errors.length, "console errors: " + errors.join(" | "));
    /* a summary card's click filters the view by its status, and again takes that off (Powerpipe's
     * FilterCardWrapper: the URL's where as its summaryCardFilterPath writes it) */
    await page.goto(origin + "/logmod.benchmark.checks");
    await page.waitForSelector("#snap:not([disabled])", T);
    const cards = () => page.$$eval("#layout > .node .summary-cards .card-label",
                                    (ls) => ls.map((l) => l.textContent));
    const shown = () => page.$$eval(
      "#layout > .node .node, #layout > .node .grouped .grow",
      (ns) => ns.filter((n) => n.offsetParent !== null && !n.querySelector(".grow"))
        .map((n) => (n.textContent.includes("Bad") ? "Bad" : "Fine")));
    want(await cards(), ["OK", "Alarm", "Error", "Info", "Skipped"], "the summary cards");
    await page.click('#layout > .node .summary-cards .card[data-metric="alarm"]');
    await page.waitForFunction(() => new URL(location.href).searchParams.has("where"), null, T);
    want(JSON.parse(new URL(page.url()).searchParams.get("where")), { "logmod.benchmark.checks":
      { operator: "and", expressions: [{ type: "status", value: ["alarm"], operator: "in" }] } }, "where");
    want(await cards(), ["Alarm"], "the cards of a status filter");
    want(await shown(), ["Bad"], "the rows of a status filter");
    await page.focus('#layout > .node .summary-cards .card[data-metric="alarm"]');
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => !new URL(location.href).searchParams.has("where"), null, T);
    want(await cards(), ["OK", "Alarm", "Error", "Info", "Skipped"], "the cards once the filter is off");
    /* a result's "View control" (Powerpipe's ControlSidePanel): its status, reason and resource */
    const BAD = '#layout .node[data-name="logmod.control.bad"]';
    await page.click(BAD + " > .head");
    await page.hover(BAD + " .check-results .result");
    await page.click(BAD + ' .check-results .result button[aria-label="View control"]');
    want(await page.$$eval(BAD + " .table-side dl > *", (ds) => ds.map((d) => d.textContent)),
         ["status", "alarm", "reason", "bad", "resource", "r2"], "the result's side panel");
    want(await page.textContent(BAD + " .table-side h3"), "Bad", "the side panel's title");
    check(!errors.length, "console errors: " + errors.join(" | "));
    await page.goto(origin + "/logmod.dashboard.main");
    await page.waitForSelector("#snap:not([disabled])", T);

    /* no Log tab on a snapshot (Powerpipe's: live runs only) */
    const snap = events.find((m) => m.action === "execution_complete");
    await page.setInputFiles("#snap-file", { name: "log.pps", mimeType: "application/json",
                                             buffer: Buffer.from(JSON.stringify(snap.snapshot)) });
    await page.waitForSelector(node(C), T);
    await page.hover(node(C));
    await page.click(node(C) + ' > .panel-controls button[aria-label="View detail"]');
    check(!(await page.$(node(C) + ' .detail-bar .tab[data-tab="log"]')), "no Log tab on a snapshot");
    check(!errors.length, "console errors: " + errors.join(" | "));
  } finally {
    await browser.close();
  }
}

main().then(() => { console.log("page_log: ok"); process.exit(0); }, (e) => fail(e.stack || e.message));
