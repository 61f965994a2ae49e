// screenshot_pair.js CLI UI_DIR OUT_DIR MOD|DATABASE|PATH... — `make screenshot-pairs`: for people
// to compare, not a test.  For each item, `lazypipe server` over MOD (with --database DATABASE when
// it is not empty) twice, on free loopback ports: with the built-in page and with Powerpipe's UI
// (--ui-dir UI_DIR); PATH (a dashboard's URL path, inputs in its query) opened in both in headless
// Chromium; OUT_DIR/N-<name>.png holds the two side by side (ours on the left), with their titles.
// A server is reused by the items that follow it with the same MOD and DATABASE.
"use strict";
const fs = require("fs");
const path = require("path");
const { serve, stop } = require("./serve.js");
const { launch } = require("./chromium.js");

const [cli, uiDir, outDir, ...items] = process.argv.slice(2);
const SETTLE_MS = 6000;   /* after the panels show: Powerpipe's UI draws its charts later */


async function shot(browser, url, ours) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
  try {
    await page.goto(url);
    /* ours: the root panel complete; Powerpipe's: its panels drawn (it has no such marker) */
    if (ours) await page.waitForSelector(
      '#layout > .node[data-status="complete"], #layout > .node[data-status="error"]',
      { timeout: 60000 }).catch(() => {});
    else await page.waitForLoadState("networkidle").catch(() => {});
    await page.waitForTimeout(SETTLE_MS);
    return await page.screenshot({ fullPage: false });
  } finally {
    await page.close();
  }
}

async function main() {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await launch();
  let key = null, ours = null, theirs = null;
  try {
    for (const [n, item] of items.entries()) {
      const [mod, db, urlPath] = item.split("|");
      if (key !== mod + "|" + db) {
        stop(ours);
        stop(theirs);
        ours = await serve(cli, mod, db, null);
        theirs = await serve(cli, mod, db, uiDir);
        key = mod + "|" + db;
      }
      const a = await shot(browser, ours.url + urlPath, true),
        b = await shot(browser, theirs.url + urlPath, false);
      const page = await browser.newPage({ viewport: { width: 2580, height: 1140 } });
      await page.setContent(
        "<body style='margin:0;display:flex;gap:20px;font:14px sans-serif;background:#888'>" +
        "<figure style='margin:0'><figcaption>lazypipe's page</figcaption><img id=a></figure>" +
        "<figure style='margin:0'><figcaption>Powerpipe's UI (--ui-dir)</figcaption><img id=b></figure>" +
        "</body>");
      await page.evaluate(([a, b]) => {
        document.getElementById("a").src = "data:image/png;base64," + a;
        document.getElementById("b").src = "data:image/png;base64," + b;
      }, [a.toString("base64"), b.toString("base64")]);
      await page.waitForFunction(() => [...document.images].every((i) => i.complete && i.naturalWidth));
      const name = path.join(outDir, (n + 1) + "-" +
        urlPath.replace(/^\//, "").replace(/[^A-Za-z0-9_.-]+/g, "_")
        .slice(0, 80) + ".png");
      await page.screenshot({ path: name, fullPage: true });
      await page.close();
      console.log("screenshot pair: " + name);
    }
  } finally {
    stop(ours);
    stop(theirs);
    await browser.close();
  }
}

main().then(() => process.exit(0), (e) => {
  console.error("screenshot_pair: " + e.message);
  process.exit(1);
});
