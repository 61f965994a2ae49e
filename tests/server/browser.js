// browser.js URL MOD_DIR [PNG] — the built-in page in headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core): dashboards and benchmarks are listed with their
// titles; an edited title shows up without a reload; a click shows the layout and a card's value
// (the run's data in detail: page.js).  With PNG, a
// screenshot is written there (make screenshot).  tests/test_server.c: server.browser.
// Chromium runs with --no-sandbox: CI runs as root, where its sandbox cannot start.
"use strict";
const { fail } = require("./client.js");
const fs = require("fs");
const path = require("path");
const { launch } = require("./chromium.js");

const [url, dir, png] = process.argv.slice(2);

async function main() {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(url);
    const dash = 'li.dashboard[data-name="srvtest.dashboard.d"] > .title';
    await page.waitForSelector(dash, { timeout: 20000 });
    const t1 = await page.textContent(dash);
    if (t1 !== "Dash One") fail("dashboard title " + t1);
    const bench = await page.textContent('li.benchmark[data-name="srvtest.benchmark.b"] > .title');
    if (bench !== "Bench") fail("benchmark title " + bench);
    const child = await page.textContent(
      'li.benchmark[data-name="srvtest.benchmark.b"] li.benchmark > .title');
    if (child !== "Inner") fail("child benchmark title " + child);
    const tag = await page.textContent('li.dashboard[data-name="srvtest.dashboard.d"] .tag');
    if (tag !== "area=x") fail("tag " + tag);

    // an edit reaches the page by a push, not a reload: the marker set now must survive
    await page.evaluate(() => { window.__noReload = 1; });
    const f = path.join(dir, "dash.pp");
    fs.writeFileSync(f, fs.readFileSync(f, "utf8").replace('"Dash One"', '"Dash From Disk"'));
    await page.waitForFunction((sel) => {
      const e = document.querySelector(sel);
      return e && e.textContent === "Dash From Disk";
    }, dash, { timeout: 20000 });
    if ((await page.evaluate(() => window.__noReload)) !== 1) fail("the page was reloaded");

    // search filters; selecting shows the layout from execution_started
    await page.fill("#search", "bench");
    await page.waitForFunction(
      () => !document.querySelector('li.dashboard[data-name="srvtest.dashboard.d"]'));
    await page.fill("#search", "");
    await page.click(dash);
    await page.waitForSelector('#layout .node[data-name="srvtest.chart.c1"]', { timeout: 20000 });
    // the run's results arrive: the card (select 1, on the tests' PostgreSQL) shows its value
    await page.waitForFunction(() => [...document.querySelectorAll("#layout .node")].some((d) =>
      d.dataset.name.includes(".card.") && d.dataset.status === "complete" &&
      d.querySelector(".card-value") && d.querySelector(".card-value").textContent === "1"),
      null, { timeout: 20000 });
    if (png) await page.screenshot({ path: png, fullPage: true });
    console.log("browser: ok" + (png ? " (screenshot " + png + ")" : ""));
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), (e) => fail(e.message));
