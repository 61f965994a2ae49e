// screenshot.js CLI MOD PNG — `make screenshot`: the server over MOD on a free loopback port, its
// page in headless Chromium (--no-sandbox: root in CI), the first top-level benchmark (or
// dashboard) selected, a full-page PNG for people.  The browser test (browser.js) asserts.
"use strict";
const { spawn } = require("child_process");
const net = require("net");
const { chromium } = require("playwright-core");

const [cli, mod, png] = process.argv.slice(2);

function freePort() {
  return new Promise((res) => { const s = net.createServer().listen(0, "127.0.0.1", () => {
    const p = s.address().port; s.close(() => res(p)); }); });
}

async function main() {
  const port = await freePort();
  const srv = spawn(cli, ["--mod-location", mod, "server", "--port", String(port)],
                    { stdio: ["ignore", "ignore", "pipe"] });
  await new Promise((res, rej) => {
    let buf = "";
    srv.stderr.on("data", (d) => {
      if (buf === null) return;
      buf += d;
      if (/listening on/.test(buf)) { buf = null; res(); }
    });
    srv.on("exit", (c) => rej(new Error("server exited " + c)));
  });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
                                          args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto("http://127.0.0.1:" + port + "/");
    await page.waitForSelector("li.benchmark > .title, li.dashboard > .title", { timeout: 30000 });
    const first = await page.$("#benchmarks > li.benchmark > .title") ||
                  await page.$("li.dashboard > .title");
    await first.click();
    await page.waitForSelector("#layout .node", { timeout: 30000 });
    await page.screenshot({ path: png });
    console.log("screenshot: " + png);
  } finally {
    await browser.close();
    srv.removeAllListeners("exit");
    srv.kill("SIGTERM");
  }
}

main().then(() => process.exit(0), (e) => { console.error("screenshot: " + e.message); process.exit(1); });
