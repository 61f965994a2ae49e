// grouping_pair.js OURS PPUI — a benchmark grouped and filtered by Powerpipe's URLs (`grouping`,
// `where`) in our page (OURS, the server's built-in page) and in Powerpipe's own UI (PPUI, the
// same mod served with --ui-dir), in headless Chromium: each view's top-level groups, titles in
// order, must be the same in both.  The groups are Powerpipe's facts, read from its UI; the mod is
// tests/test_server.c's page_grouping_as_powerpipe_ui.  Exits 0, or 1 after "FAIL: why".
"use strict";
const { chromium } = require("playwright-core");
const { fail } = require("./client.js");

const [ours, ppui] = process.argv.slice(2);
const B = "gp.benchmark.b";
const views = [
  ["status", { grouping: [{ type: "status" }, { type: "control" }, { type: "result" }] }],
  ["region", { grouping: [{ type: "dimension", value: "region" }, { type: "result" }] }],
  ["tag", { grouping: [{ type: "control_tag", value: "service" }, { type: "control" }, { type: "result" }] }],
  ["severity", { grouping: [{ type: "severity" }, { type: "control" }, { type: "result" }] }],
  ["reason", { grouping: [{ type: "reason" }, { type: "result" }] }],
  ["control", { grouping: [{ type: "control" }, { type: "result" }] }],
  ["benchmark", { grouping: [{ type: "benchmark" }, { type: "result" }] }],
  ["alarms", { where: { operator: "and", expressions: [
    { type: "status", operator: "equal", value: "alarm" }] } }],
  ["not eu", { grouping: [{ type: "status" }, { type: "result" }], where: { operator: "and", expressions: [
    { type: "dimension", key: "region", operator: "not_in", value: ["eu"] }] } }],
];
const query = (v) => Object.entries(v)
  .map(([k, x]) => k + "=" + encodeURIComponent(JSON.stringify({ [B]: x }))).join("&");

async function titles(page, base, v, isOurs) {
  await page.goto(base + B + "?" + query(v));
  // both UIs draw the groups as results arrive: read once the same titles show twice, 300 ms apart
  const read = () => (isOurs
    ? page.$$eval("#layout .grouped > .grow > .head .gtitle", (hs) => hs.map((h) => h.textContent))
    : page.$$eval("h3", (hs) => hs.map((h) => h.textContent)));
  let last = null;
  for (let i = 0; i < 100; i++) {
    await page.waitForTimeout(300);
    const now = JSON.stringify(await read());
    if (now === last && now !== "[]") return JSON.parse(now);
    last = now;
  }
  fail("no groups in " + (isOurs ? "our page" : "Powerpipe's UI") + " for " + JSON.stringify(v));
}

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
                                          args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    for (const [what, v] of views) {
      const want = await titles(page, ppui, v, false);
      const got = await titles(page, ours, v, true);
      if (JSON.stringify(got) !== JSON.stringify(want))
        fail(what + ": our groups " + JSON.stringify(got) + ", Powerpipe's " + JSON.stringify(want));
    }
    if (errors.length) fail("page errors: " + errors.join(" | "));
    console.log("grouping_pair: ok");
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), (e) => fail(e.stack));
