// screenshot.js CLI MOD PNG — `make screenshot`: the server over MOD on a free loopback port, its
// page in headless Chromium (--no-sandbox: root in CI), the first top-level benchmark (or
// dashboard) selected, a full-page PNG for people.  The browser test (browser.js) asserts.
"use strict";
const { serve, stop } = require("./serve.js");
const { launch } = require("./chromium.js");

const [cli, mod, png] = process.argv.slice(2);

async function main() {
  const server = await serve(cli, mod, null, null);
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url + "/");
    await page.waitForSelector("li.benchmark > .title, li.dashboard > .title", { timeout: 30000 });
    const first = await page.$("#benchmarks > li.benchmark > .title") ||
                  await page.$("li.dashboard > .title");
    await first.click();
    await page.waitForSelector("#layout .node", { timeout: 30000 });
    await page.screenshot({ path: png });
    console.log("screenshot: " + png);
  } finally {
    await browser.close();
    stop(server);
  }
}

main().then(() => process.exit(0), (e) => { console.error("screenshot: " + e.message); process.exit(1); });
