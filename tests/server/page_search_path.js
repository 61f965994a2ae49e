// page_search_path.js URL PGURL SCHEMA_A SCHEMA_B — the header's search path control (Powerpipe's
// ManageSearchPathButton and SearchPathEditor) over tests/server/spmod on PostgreSQL, the server's
// database searching SCHEMA_A then SCHEMA_B, each with a table t of one row: the card shows
// SCHEMA_A's row; the button lists the database's own search path (SHOW search_path); choosing
// SCHEMA_B as the prefix and saving puts search_path_prefix=SCHEMA_B in the URL and shows
// SCHEMA_B's row, the button then named after it; a reload keeps it; Reset goes back; a prefix
// naming a schema that would end the statement and drop SCHEMA_B is only a name. The rows
// expected are read from PostgreSQL itself (psql). No console error. Exits 0, or 1 after "FAIL: why".
"use strict";
const { check, fail } = require("./client.js");
const { launch } = require("./chromium.js");
const { execFileSync } = require("child_process");

const [base, pg, A, B] = process.argv.slice(2);
const origin = base.replace(/\/$/, "");
const T = { timeout: 20000 };
const CARD = '#layout .node[data-name="spmod.card.which"]';
const want = (got, exp, what) => check(JSON.stringify(got) === JSON.stringify(exp),
                                       what + ": " + JSON.stringify(got) + ", want " + JSON.stringify(exp));
const psql = (sql) => execFileSync("psql", ["-tAX", pg, "-c", sql], { encoding: "utf8" }).trim();

async function main() {
  const fromA = psql(`select v from "${A}".t`), fromB = psql(`select v from "${B}".t`);
  check(fromA && fromB && fromA !== fromB, "the schemas' rows differ: " + fromA + " " + fromB);
  const browser = await launch();
  const errors = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    const value = async () => {
      await page.waitForSelector("#snap:not([disabled])", T);
      return page.textContent(CARD + " .card-value");
    };
    await page.goto(origin + "/spmod.dashboard.main");
    want(await value(), fromA, "the card over the database's search path");
    await page.waitForSelector("#search-path:not([hidden]):not([disabled])", T);
    want((await page.textContent("#search-path")).trim(), "Search Path", "the button's words");

    await page.click("#search-path");
    const options = await page.$$eval("#search-path-editor select option", (os) => os.map((o) => o.value));
    want(options, ["", A, B].slice(0, 1).concat([A, B].sort()), "the schemas offered");
    check(await page.$eval("#search-path-editor .sp-save", (b) => b.disabled),
          "Save disabled until a choice");
    await page.selectOption("#search-path-editor select", B);
    await page.click("#search-path-editor .sp-save");
    await page.waitForFunction((b) => new URL(location.href).searchParams.get("search_path_prefix") === b,
                               B, T);
    await page.waitForFunction(([sel, v]) => {
      const e = document.querySelector(sel + " .card-value");
      return e && e.textContent === v;
    }, [CARD, fromB], T);
    want(await value(), fromB, "the card with the prefix " + B);
    want((await page.textContent("#search-path")).trim(), B, "the button named after the prefix");
    check(await page.isHidden("#search-path-editor"), "the editor closed on Save");

    await page.reload();
    want(await value(), fromB, "the prefix after a reload");

    await page.click("#search-path");
    await page.click("#search-path-editor .sp-reset");
    await page.waitForFunction(() => !new URL(location.href).searchParams.has("search_path_prefix"), null, T);
    await page.waitForFunction(([sel, v]) => {
      const e = document.querySelector(sel + " .card-value");
      return e && e.textContent === v;
    }, [CARD, fromA], T);
    want((await page.textContent("#search-path")).trim(), "Search Path", "the button after Reset");

    /* a hostile prefix in a link: a schema named to end the statement and drop B is only a name
     * (quoted), which no schema has: A's row, and B still there */
    const evil = `x"; drop schema ${B} cascade; --`;
    await page.goto(origin + "/spmod.dashboard.main?search_path_prefix=" + encodeURIComponent(evil));
    want(await value(), fromA, "the card under a hostile prefix");
    want(psql(`select v from "${B}".t`), fromB, "the second schema after a hostile prefix");
    check(!errors.length, "console errors: " + errors.join(" | "));
  } finally {
    await browser.close();
  }
}

main().then(() => { console.log("page_search_path: ok"); process.exit(0); },
           (e) => fail(e.stack || e.message));
