// chromium.js — the headless Chromium every browser test drives (Debian's /usr/bin/chromium, or
// $CHROMIUM, through playwright-core), started as they all need it: --no-sandbox (CI runs as root,
// where its sandbox cannot start) and no GPU; and how they click a sortable header (clickSort).
"use strict";
const { chromium } = require("playwright-core");

const launch = () => chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
                                      args: ["--no-sandbox", "--disable-gpu"] });

// A click on a sortable table's header (selector sel) and the wait for the sort it asks for to be drawn:
// arrow "▲" or "▼" in that header.  A second click sent before the first one's table is drawn again may
// land on the header being replaced (once in CI, under load), so each click waits for its own.
async function clickSort(page, sel, arrow, options) {
  await page.click(sel);
  await page.waitForFunction(([s, a]) => (document.querySelector(s)?.textContent || "").includes(a),
                             [sel, arrow], options);
}

module.exports = { clickSort, launch };
