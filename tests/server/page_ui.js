// page_ui.js URL MODDIR CLI — what a reader does with the built-in page beyond reading it, over
// tests/server/uimod (SQLite, literals only: every expected value is in its .pp files), in headless
// Chromium, each as Powerpipe's UI does it (ui/dashboard/src/components):
//   inputs (inputs/SelectInput, ComboInput, common/Common.tsx): a select's options and chosen value
//     with their tags, searched by typing; a multiselect's placeholder and chips; a combo's typed
//     value offered as `Use "…"`;
//   tables (dashboards/Table): the cell menu (Copy value, Filter by this value, Exclude value from
//     results, View row), the filter's chips and side panel, Select table columns; the URL's where
//     and table as Powerpipe writes them, and a reload keeps them;
//   the list (DashboardList, DashboardTagGroupSelect, DashboardListDisplayModeSelect): Group By
//     category, mod, service, type; Top-Level or All;
//   snapshots (SplitSnapshotButton): Snap downloads the view as a .pps whose panels, layout, inputs
//     and variables are those `lazypipe dashboard run --export x.pps` (CLI) writes for the same run;
//     Open snapshot… and a dropped file show one read-only at /snapshot/<file>, the same panels;
//   keyboard and accessibility: the skip link leads to the first input in one Tab; axe-core finds
//     no violation of WCAG 2.x A and AA (best practices too) on the list, a dashboard, a detail
//     dashboard with a graph, a benchmark and a detection benchmark, in light and in dark.
// No console error throughout.  Exits 0, or 1 after "FAIL: why".
"use strict";
const { check, fail } = require("./client.js");
const { launch } = require("./chromium.js");
const fs = require("fs");
const path = require("path");
const os = require("os");
const { execFileSync } = require("child_process");

const [base, moddir, cli] = process.argv.slice(2);
const origin = base.replace(/\/$/, "");
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const want = (got, exp, what) => check(same(got, exp), what + ": " + JSON.stringify(got) + ", want " +
                                       JSON.stringify(exp));
const node = (name) => '#layout .node[data-name="' + name + '"]';
const T = { timeout: 20000 };
const TABLES = "/ui.dashboard.tables", ITEMS = node("ui.table.items");
const AXE = require.resolve("axe-core/axe.min.js");

async function main() {
  const browser = await launch();
  const errors = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "page_ui-"));
  try {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true,
                                           permissions: ["clipboard-read", "clipboard-write"] });
    const page = await ctx.newPage();
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    const query = () => Object.fromEntries(new URL(page.url()).searchParams);
    const complete = () => page.waitForSelector("#snap:not([disabled])", T);
    const ids = () => page.$$eval(ITEMS + " tbody tr", (trs) => trs.map((tr) => tr.cells[0].textContent));
    const rowsAre = (want) =>
      page
        .waitForFunction(
          ([s, w]) => JSON.stringify([...document.querySelectorAll(s + " tbody tr")].map(
                        (tr) => tr.cells[0].textContent)) === w,
          [ITEMS, JSON.stringify(want)], T)
        .catch(async () => fail("rows " + JSON.stringify(await ids()) + ", want " + JSON.stringify(want)));
    const field = (name) => node("ui.dashboard.tables.input." + name) + " .select";
    const options = (name) => page.$$eval(field(name) + " [role=option]", (os) => os.map((o) =>
      (o.querySelector(".opt-label") ? [...o.querySelectorAll(".opt-label > span")].map((s) => s.textContent)
        : [o.textContent]).join(" ")));

    // ---- inputs: a select with tags, searched; a multiselect's placeholder and chips; a combo
    await page.goto(origin + TABLES);
    await complete();
    await page.waitForFunction(
      () => new URL(location.href).searchParams.get("input.region") === "n", null, T);
    want(
      await page.$$eval(field("region") + " .values .opt-label > span", (ss) => ss.map((s) => s.textContent)),
      ["North", "gold", "a"], "the select's first option with its tags (no placeholder: Powerpipe takes it)");
    await page.click(field("region") + " .control");
    want(await options("region"), ["North gold a", "South silver", "East"], "the select's options and tags");
    await page.keyboard.type("sou");
    want(await options("region"), ["South silver"], "the options searched");
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () => new URL(location.href).searchParams.get("input.region") === "s", null, T);
    // react-select's dropdown indicator, as Powerpipe's fields show it: a chevron at the right end of the
    // control, which opens the menu and closes it again
    check(await page.$eval(field("region"), (s) => {
      const c = s.querySelector(".control").getBoundingClientRect();
      const v = s.querySelector(".chevron").getBoundingClientRect();
      return v.width > 0 && v.left >= c.left && v.right <= c.right && c.right - v.right < 16;
    }), "the select's chevron at the right end of its control");
    const expanded = () => page.getAttribute(field("region") + " input", "aria-expanded");
    await page.click(field("region") + " .chevron");
    want(await expanded(), "true", "the chevron opens the select's menu");
    await page.click(field("region") + " .chevron");
    want(await expanded(), "false", "and closes it");
    want(
      await page.getAttribute(field("many") + " input", "placeholder"), "Pick some",
      "the multiselect's placeholder");
    want(
      await page.getAttribute(field("free") + " input", "placeholder"), "Type or pick",
      "the combo's placeholder");
    check(!("input.many" in query()), "a multiselect with a placeholder takes no value of itself");
    await page.click(field("many") + " .control");
    await page.keyboard.type("zu");
    await page.keyboard.press("Enter");
    await page.keyboard.type("x-r");
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () => new URL(location.href).searchParams.get("input.many") === "z,x", null, T);
    want(
      await page.$$eval(
        field("many") + " .chip", (cs) => cs.map((c) => c.querySelector(".opt-label").textContent)),
      ["zulu", "x-ray"], "the multiselect's chips");
    await page.keyboard.press("Backspace");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("input.many") === "z", null, T);
    await page.click(field("free") + " .control");
    await page.keyboard.type("r & s");
    want(await options("free"), ['Use "r & s"'], "the combo offers the typed value");
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      () => new URL(location.href).searchParams.get("input.free") === "r & s", null, T);
    await page.waitForFunction((s) => {
      const td = document.querySelector(s + '[data-status="complete"] tbody td');
      return td && td.textContent === "s";
    }, node("ui.table.picked"), T);
    want(
      await page.$$eval(
        node("ui.table.picked") + " tbody td", (tds) => [tds[0].textContent, tds[2].textContent]),
      ["s", "r & s"], "the inputs' values reach the query");

    // ---- tables: the cell menu on a cell under the pointer
    await page.goto(origin + TABLES + "?input.region=n&input.free=q");
    await complete();
    await rowsAre(["a1", "a2", "a3", "a4"]);
    const cell = (r, c) => ITEMS + " tbody tr:nth-child(" + r + ") td:nth-child(" + c + ")";
    await page.hover(cell(1, 2));
    want(await page.$$eval(cell(1, 2) + " .cell-menu button", (bs) => bs.map((b) => b.title)),
         ["Copy value", "Filter by this value", "Exclude value from results", "View row"], "the cell menu");
    await page.click(cell(1, 2) + ' .cell-menu button[title="Filter by this value"]');
    await rowsAre(["a1", "a3"]);
    want(JSON.parse(query().where), { "ui.table.items": { operator: "and", expressions: [
      { operator: "equal", value: "north", type: "dimension", key: "region", title: "north" }] } },
    "the URL's where, as Powerpipe's addFilter writes it");
    want(
      await page.$$eval(ITEMS + " .table-filters .chip", (cs) => cs.map((c) => c.textContent)),
      ["region = north"], "the filter's chip");
    await page.reload();
    await complete();
    await rowsAre(["a1", "a3"]);
    await page.click(ITEMS + ' .table-filters button[aria-label^="Remove filter"]');
    await rowsAre(["a1", "a2", "a3", "a4"]);
    check(!("where" in query()), "no where once its one filter is removed: " + page.url());
    await page.hover(cell(4, 2));
    await page.click(cell(4, 2) + ' .cell-menu button[title="Exclude value from results"]');
    await rowsAre(["a1", "a2", "a3"]);
    // Copy value: the clipboard holds the cell's text
    await page.hover(cell(3, 1));
    await page.click(cell(3, 1) + ' .cell-menu button[title="Copy value"]');
    want(await page.evaluate(() => navigator.clipboard.readText()), "a3", "the copied value");
    // View row: the row's columns and values
    await page.hover(cell(2, 3));
    await page.click(cell(2, 3) + ' .cell-menu button[title="View row"]');
    want(await page.$$eval(ITEMS + " .table-side .row-view > *", (es) => es.map((e) => e.textContent)),
         ["id", "a2", "region", "south", "size", "20", "note", "y"], "View row");
    await page.keyboard.press("Escape");
    check(!(await page.$(ITEMS + " .table-side")), "Escape closes the side panel");
    // the panel's Filter: a condition of its own (a number column's value as a number)
    await page.hover(ITEMS + " table");
    await page.click(ITEMS + ' .panel-controls button[title="Filter"]');
    await page.selectOption(ITEMS + " .table-side select[aria-label=Column]", "size");
    await page.selectOption(ITEMS + " .table-side select[aria-label=Operator]", "not_equal");
    await page.fill(ITEMS + " .table-side input[aria-label=Value]", "10");
    await page.click(ITEMS + " .table-side button[type=submit]");
    await rowsAre(["a2", "a3"]);
    want(JSON.parse(query().where)["ui.table.items"].expressions.map((e) => [e.operator, e.key, e.value]),
         [["not_equal", "region", "east"], ["not_equal", "size", 10]], "the side panel's filter");
    // Select table columns: unchecking one hides it, into the URL's table
    await page.keyboard.press("Escape");
    await page.hover(ITEMS + " table");
    await page.click(ITEMS + ' .panel-controls button[title="Select table columns"]');
    want(
      await page.$$eval(
        ITEMS + " .table-side .column-list label",
        (ls) => ls.map((l) => [l.textContent, l.querySelector("input").checked])),
      [["id", true], ["region", true], ["size", true], ["note", true]], "the column chooser");
    await page.click(ITEMS + ' .table-side .column-list label:has-text("note") input');
    await page.waitForFunction((s) => [...document.querySelectorAll(s + " thead th")].length === 3, ITEMS, T);
    want(
      await page.$$eval(ITEMS + " thead th", (ths) => ths.map((t) => t.dataset.col)),
      ["id", "region", "size"], "the columns shown");
    want(JSON.parse(query().table), { "ui.table.items": { display_columns: ["id", "region", "size"] } },
         "the URL's table, as Powerpipe's useTableConfig writes it");
    // keys: the cells are one Tab stop, arrows move between them, the menu follows
    await page.focus(cell(1, 1));
    await page.keyboard.press("ArrowRight");
    want(await page.evaluate(() => document.activeElement.cellIndex), 1, "ArrowRight's cell");
    check(await page.$(cell(1, 2) + " .cell-menu:not([hidden])"), "the menu on the focused cell");

    // ---- the list: Group By and Top-Level / All
    await page.goto(origin + "/");
    await page.waitForSelector("aside li", T);
    const groups = () => page.$$eval(
      "#dashboards ul.group",
      (us) => us.map((u) => [u.dataset.group, [...u.querySelectorAll("li")].map((li) => li.dataset.name)]));
    want(await page.$$eval("#list-group option", (os) => os.map((o) => o.textContent)),
         ["Category", "Mod", "Service", "Type"], "Group By's choices");
    want(
      await groups(), [["Compute", ["ui.dashboard.tables"]], ["Storage", ["ui.dashboard.detail"]]],
      "by service");
    for (const [v, exp, q] of [
           [
             "tag:category", [["Cost", ["ui.dashboard.tables"]], ["Security", ["ui.dashboard.detail"]]],
             "category"
           ],
           ["tag:type", [["Report", ["ui.dashboard.tables"]], ["Other", ["ui.dashboard.detail"]]], "type"],
           ["mod", [["UI", ["ui.dashboard.detail", "ui.dashboard.tables"]]], null]]) {
      await page.selectOption("#list-group", v);
      want(await groups(), exp, "grouped by " + v);
      want(
        [query().group_by, query().tag], q ? ["tag", q] : ["mod", undefined], "the URL's group_by and tag");
    }
    const benches = () =>
      page.$$eval("#benchmarks li", (ls) => ls.map((l) => l.querySelector("a").textContent));
    want(await benches(), ["Checks", "Inner checks", "Finds"], "Top-Level: the trees");
    await page.selectOption("#list-display", "all");
    want(await benches(), ["Checks", "Checks > Inner checks", "Finds"], "All: each benchmark by its path");
    want(query().dashboard_display, "all", "the URL's dashboard_display");
    await page.reload();
    await page.waitForSelector("aside li", T);
    want(
      [await page.inputValue("#list-group"), await page.inputValue("#list-display")], ["mod", "all"],
      "the choices after a reload");

    // ---- snapshots: Snap, against the CLI's snapshot of the same run
    await page.goto(origin + TABLES + "?input.region=n&input.free=q");
    await complete();
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#snap")]);
    check(
      /^ui\.dashboard\.tables\.\d{8}T\d{6}\.pps$/.test(dl.suggestedFilename()),
      "the name " + dl.suggestedFilename());
    const ours = path.join(tmp, dl.suggestedFilename());
    await dl.saveAs(ours);
    const snap = JSON.parse(fs.readFileSync(ours, "utf8"));
    const theirs = path.join(tmp, "cli.pps");
    execFileSync(
      cli,
      [
        "dashboard", "run", "ui.dashboard.tables", "--mod-location", moddir, "--database",
        "sqlite://" + moddir + "/data.db", "--output", "none", "--export", theirs, "--arg", "input.region=n",
        "--arg", "input.free=q"
      ],
      {stdio: ["ignore", "ignore", "inherit"]});
    const cliSnap = JSON.parse(fs.readFileSync(theirs, "utf8"));
    for (const k of ["panels", "layout", "inputs", "variables"])
      want(snap[k], cliSnap[k], "the snapshot's " + k);
    want(snap.schema_version, "20241125", "Powerpipe's UI's schema version");
    const livePanels = await page.$$eval("#layout .node", (ns) => ns.map((n) => n.dataset.name));
    const liveRows = await ids();
    // Open snapshot…: shown read-only at /snapshot/<file>, the same panels, the inputs as taken
    await page.goto(origin + "/");
    await page.waitForSelector("aside li", T);
    await page.setInputFiles("#snap-file", ours);
    await page.waitForSelector(ITEMS + " tbody tr", T);
    want(new URL(page.url()).pathname, "/snapshot/" + dl.suggestedFilename(), "the snapshot's route");
    want([query()["input.region"], query()["input.free"]], ["n", "q"], "the snapshot's inputs in its URL");
    want(
      await page.$$eval("#layout .node", (ns) => ns.map((n) => n.dataset.name)), livePanels,
      "the same panels");
    want(await ids(), liveRows, "the same rows");
    check(
      await page.$eval(field("region") + " input", (i) => i.disabled), "a snapshot's inputs are read-only");
    want(
      await page.$eval(field("region") + " .values", (v) => v.textContent), "Northgolda",
      "its input as taken");
    await page.reload();
    await page.waitForSelector(ITEMS + " tbody tr", T);
    want(await ids(), liveRows, "the snapshot after a reload");
    // a file dropped on the page: the CLI's own snapshot opens too
    await page.goto(origin + "/");
    await page.waitForSelector("aside li", T);
    const dt = await page.evaluateHandle((text) => {
      const d = new DataTransfer();
      d.items.add(new File([text], "cli.pps", {type: "application/json"}));
      return d;
    }, fs.readFileSync(theirs, "utf8"));
    await page.dispatchEvent("main", "drop", {dataTransfer: dt});
    await page.waitForSelector(ITEMS + " tbody tr", T);
    want(new URL(page.url()).pathname, "/snapshot/cli.pps", "the dropped snapshot's route");
    want(
      await page.$$eval("#layout .node", (ns) => ns.map((n) => n.dataset.name)), livePanels,
      "the CLI's panels");
    // a view's table filter is in the snapshot's metadata, as Powerpipe's
    await page.goto(
      origin + TABLES + "?input.region=n&input.free=q&where=" + encodeURIComponent(JSON.stringify({
        "ui.table.items": {
          operator: "and",
          expressions: [{operator: "equal", value: "north", type: "dimension", key: "region", title: "north"}]
        }
      })));
    await complete();
    const [dl2] = await Promise.all([page.waitForEvent("download"), page.click("#snap")]);
    const snap2 = JSON.parse(fs.readFileSync(await dl2.path(), "utf8"));
    want(Object.keys(snap2.metadata.view), ["ui.table.items"], "the view's metadata");
    want(
      snap2.metadata.view["ui.table.items"].filter_by.expressions[0].value, "north",
      "the filter in metadata");

    // ---- keyboard: the skip link, then the view's first control
    await page.goto(origin + TABLES + "?input.region=n&input.free=q");
    await complete();
    await page.keyboard.press("Tab");
    want(
      await page.evaluate(() => document.activeElement.textContent), "Skip to the dashboard",
      "the first Tab");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    want(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "Region",
         "one Tab after the skip link: the first input");

    // ---- axe-core: no violation on five views, light and dark
    const views = [
      ["the list", "/", "aside li"], ["a dashboard", TABLES + "?input.region=n&input.free=q", null],
      ["a detail dashboard with a graph", "/ui.dashboard.detail?input.id=a", null],
      ["a benchmark", "/ui.benchmark.checks", null], ["a detection benchmark", "/ui.benchmark.finds", null]
    ];
    const found = [];
    for (const scheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(origin + "/");
      want(
        await page.evaluate(() => getComputedStyle(document.body).backgroundColor),
        scheme === "dark" ? "rgb(20, 23, 28)" : "rgb(246, 247, 249)", "the " + scheme + " theme");
      for (const [what, url, sel] of views) {
        await page.goto(origin + url);
        if (sel) await page.waitForSelector(sel, T); else await complete();
        await page.waitForTimeout(300);   /* charts and icons drawn */
        await page.addScriptTag({ path: AXE });
        const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
        const v = res.violations.map(
          (x) => x.id + " (" + x.impact + "): " +
            x.nodes.slice(0, 3)
              .map((n) => n.target.join(" ") + " " + (n.failureSummary || "").split("\n")[1])
              .join("; "));
        if (v.length) found.push("axe on " + what + " (" + scheme + "): " + v.join(" | "));
      }
    }
    check(!found.length, found.join("\n"));
    check(!errors.length, "console errors: " + errors.join(" | "));
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(() => { console.log("page_ui: ok"); process.exit(0); }, (e) => fail(e.stack || e.message));
