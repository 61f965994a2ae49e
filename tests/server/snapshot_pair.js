// snapshot_pair.js OURS PP — snapshots between our page (OURS) and Powerpipe's own UI (PP: the same
// mod, tests/server/uimod, served with --ui-dir) in headless Chromium: a .pps our page's Snap saves
// opens in Powerpipe's UI ("Open snapshot…", its SplitSnapshotButton) at its /snapshot/<file>
// route with the snapshot's inputs and the table's rows; a .pps Powerpipe's UI's Snap saves opens in
// ours with the same panels and rows as our live view.  Exits 0, or 1 after "FAIL: why".
"use strict";
const { check, fail } = require("./client.js");
const { launch } = require("./chromium.js");
const fs = require("fs");
const os = require("os");
const path = require("path");

const [ours, pp] = process.argv.slice(2).map((u) => u.replace(/\/$/, ""));
const want = (got, exp, what) => check(JSON.stringify(got) === JSON.stringify(exp), what + ": " +
                                       JSON.stringify(got) + ", want " + JSON.stringify(exp));
const T = { timeout: 30000 };
const VIEW = "/ui.dashboard.tables?input.region=n&input.free=q";
const ITEMS = '#layout .node[data-name="ui.table.items"]';
const ROWS = ["a1", "a2", "a3", "a4"];   /* tests/server/uimod/dashboards.pp, table "items" */

async function main() {
  const browser = await launch();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "snapshot_pair-"));
  try {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const page = await ctx.newPage();
    const ids = () => page.$$eval(ITEMS + " tbody tr", (trs) => trs.map((tr) => tr.cells[0].textContent));
    // ours -> Powerpipe's
    await page.goto(ours + VIEW);
    await page.waitForSelector("#snap:not([disabled])", T);
    const livePanels = await page.$$eval("#layout .node", (ns) => ns.map((n) => n.dataset.name));
    want(await ids(), ROWS, "our live rows");
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#snap")]);
    const mine = path.join(tmp, dl.suggestedFilename());
    await dl.saveAs(mine);
    const theirs = await ctx.newPage();
    const errors = [];
    theirs.on("pageerror", (e) => errors.push(e.message));
    await theirs.goto(pp + "/");
    await theirs.waitForSelector(
      'input[type=file][accept="application/json,.pps,.sps"]', {state: "attached", ...T});
    await theirs.setInputFiles('input[type=file][accept="application/json,.pps,.sps"]', mine);
    await theirs.waitForFunction((rows) => rows.every((r) => [...document.querySelectorAll("td, [role=cell]")]
      .some((c) => c.textContent.trim() === r)), ROWS, T)
      .catch(() => fail("Powerpipe's UI does not show our snapshot's rows"));
    const u = new URL(theirs.url());
    want(
      [u.pathname, u.searchParams.get("input.region"), u.searchParams.get("input.free")],
      ["/snapshot/" + dl.suggestedFilename(), "n", "q"], "Powerpipe's route of our snapshot");
    check((await theirs.textContent("body")).includes("Snapshot:"), "Powerpipe's snapshot header");
    check(
      !(await theirs.textContent("body")).includes("Unable to load snapshot"), "Powerpipe's UI refused it");
    // Powerpipe's -> ours
    await theirs.goto(pp + VIEW);
    await theirs.waitForFunction(() => [...document.querySelectorAll("button")]
      .some((b) => b.textContent.trim() === "Snap" && !b.disabled), null, T);
    await theirs.waitForTimeout(1500);   /* its execution_complete in */
    const [pdl] = await Promise.all([theirs.waitForEvent("download"),
      theirs.locator("button", { hasText: "Snap" }).first().click()]);
    const made = path.join(tmp, pdl.suggestedFilename());
    await pdl.saveAs(made);
    const doc = JSON.parse(fs.readFileSync(made, "utf8"));
    want(doc.schema_version, "20241125", "Powerpipe's UI's schema version");
    await page.goto(ours + "/");
    await page.waitForSelector("aside li", T);
    await page.setInputFiles("#snap-file", made);
    await page.waitForSelector(ITEMS + " tbody tr", T);
    want(
      new URL(page.url()).pathname, "/snapshot/" + pdl.suggestedFilename(),
      "our route of Powerpipe's snapshot");
    want(await page.$$eval("#layout .node", (ns) => ns.map((n) => n.dataset.name)), livePanels,
         "Powerpipe's snapshot's panels in our page");
    want(await ids(), ROWS, "Powerpipe's snapshot's rows in our page");
    check(!errors.length, "Powerpipe's UI's errors: " + errors.join(" | "));
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(() => { console.log("snapshot_pair: ok"); process.exit(0); }, (e) => fail(e.stack || e.message));
