// grouping_pair.js OURS PPUI [detections] — a benchmark grouped and filtered by Powerpipe's URLs
// (`grouping`, `where`) in our page (OURS, the server's built-in page) and in Powerpipe's own UI
// (PPUI, the same mod served with --ui-dir), in headless Chromium: each view's top-level groups,
// titles in order, must be the same in both.  The groups are Powerpipe's facts, read from its UI; the
// mods are tests/test_server.c's page_grouping_as_powerpipe_ui (a benchmark of controls, gp.benchmark.b)
// and page_detection_grouping_as_powerpipe_ui (with "detections": one of detections, gd.benchmark.d).
// Exits 0, or 1 after "FAIL: why".
"use strict";
const { launch } = require("./chromium.js");
const { fail } = require("./client.js");

const [ours, ppui, which] = process.argv.slice(2);
const controlViews = [
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
const detectionViews = [
  ["severity", { grouping: [{ type: "severity" }, { type: "detection" }, { type: "result" }] }],
  ["detection", { grouping: [{ type: "detection" }, { type: "result" }] }],
  ["benchmark", { grouping: [{ type: "benchmark" }, { type: "result" }] }],
  ["tag", { grouping: [{ type: "detection_tag", value: "service" }, { type: "detection" },
                       { type: "result" }] }],
  ["region", { grouping: [{ type: "dimension", value: "region" }, { type: "detection" },
                          { type: "result" }] }],
  ["high", { where: { operator: "and", expressions: [
    { type: "severity", operator: "equal", value: "high" }] } }],
  ["not eu", { grouping: [{ type: "severity" }, { type: "detection" }, { type: "result" }],
               where: { operator: "and", expressions: [
                 { type: "dimension", key: "region", operator: "not_in", value: ["eu"] }] } }],
  ["compute", { grouping: [{ type: "detection" }, { type: "result" }],
                where: { operator: "and", expressions: [
                  { type: "detection_tag", key: "service", operator: "equal", value: "Compute" }] } }],
  ["inner", { grouping: [{ type: "detection" }, { type: "result" }],
              where: { operator: "and", expressions: [
                { type: "benchmark", operator: "equal", value: "gd.benchmark.inner" }] } }],
];
const [B, views] = which === "detections" ? ["gd.benchmark.d", detectionViews]
  : ["gp.benchmark.b", controlViews];
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

// the summary cards once the groups are read: each label with its value, in order
const CARD_LABELS = which === "detections" ? ["Total", "Critical", "High", "Medium", "Low"]
  : ["OK", "Alarm", "Error", "Info", "Skipped"];
function cards(page, isOurs) {
  if (isOurs)
    return page.$$eval("#layout .summary-cards .card", (cs) => cs.map((c) =>
      c.querySelector(".card-label").textContent + "=" + c.querySelector(".card-value").textContent));
  // Powerpipe's: a leaf whose text is a label, the first number among its grandparent's leaves
  return page.evaluate((labels) => {
    const leaves = [...document.querySelectorAll("*")].filter((e) => e.children.length === 0);
    const out = [];
    for (const e of leaves) {
      const label = e.textContent.trim();
      if (!labels.includes(label) || out.some((x) => x.startsWith(label + "="))) continue;
      const up = e.parentElement && e.parentElement.parentElement;
      const n = up && [...up.querySelectorAll("*")].find((x) => x.children.length === 0 &&
        /^[0-9,]+$/.test(x.textContent.trim()));
      if (n) out.push(label + "=" + n.textContent.trim());
    }
    return out;
  }, CARD_LABELS);
}

async function main() {
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    for (const [what, v] of views) {
      const want = await titles(page, ppui, v, false);
      const got = await titles(page, ours, v, true);
      if (JSON.stringify(got) !== JSON.stringify(want))
        fail(what + ": our groups " + JSON.stringify(got) + ", Powerpipe's " + JSON.stringify(want));
      await page.goto(ppui + B + "?" + query(v));
      await titles(page, ppui, v, false);
      const wantCards = await cards(page, false);
      await page.goto(ours + B + "?" + query(v));
      await titles(page, ours, v, true);
      const gotCards = await cards(page, true);
      if (JSON.stringify(gotCards) !== JSON.stringify(wantCards))
        fail(what + ": our cards " + JSON.stringify(gotCards) + ", Powerpipe's " + JSON.stringify(wantCards));
    }
    if (errors.length) fail("page errors: " + errors.join(" | "));
    console.log("grouping_pair: ok");
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), (e) => fail(e.stack));
