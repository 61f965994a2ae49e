// ppui_detect.js URL BENCHMARK PNG? — Powerpipe's own UI (served by --ui-dir) in headless Chromium
// (--no-sandbox: root in CI) over a detection benchmark of the acceptance mod tp_detection_mod
// (tests/test_server.c: server.powerpipe_ui_shows_detection_rows): the page shows the benchmark with
// its severity counts (four low detections of one row each), its nested benchmarks, and once a group
// and a detection are opened, that detection's column and row (test_detection_22: detection_22, 22);
// no "Unsupported benchmark type", no error modal, no console error.  Exits 0, or 1 after "FAIL: why".
"use strict";
const { launch } = require("./chromium.js");
const { fail } = require("./client.js");

const [url, benchmark, png] = process.argv.slice(2);

// a leaf element whose text is label, and near it (within its grandparent) a leaf whose text is value
const near = ([l, v]) => [...document.querySelectorAll("*")].some((e) =>
  e.children.length === 0 && e.textContent.trim() === l && e.parentElement && e.parentElement.parentElement &&
  [...e.parentElement.parentElement.querySelectorAll("*")].some((x) =>
    x.children.length === 0 && x.textContent.trim() === v));

async function main() {
  const browser = await launch();
  const errors = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url + benchmark);
    for (const pair of [["Total", "4"], ["Low", "4"], ["High", "0"]])
      await page.waitForFunction(near, pair, { timeout: 30000 });
    await page.getByText("Test Detection Benchmark 2", { exact: true }).click();
    await page.getByText("Test Detection 22", { exact: true }).click();
    await page.waitForFunction(() => [...document.querySelectorAll("*")].some((e) =>
      e.children.length === 0 && e.textContent.trim() === "detection_22"), null, { timeout: 30000 });
    await page.waitForFunction(() => [...document.querySelectorAll("*")].some((e) =>
      e.children.length === 0 && e.textContent.trim() === "22"), null, { timeout: 30000 });
    const body = await page.textContent("body");
    if (/Unsupported benchmark type|Workspace Error|does not run detections/i.test(body))
      fail("an error on the page: " + body.slice(0, 300));
    if (png) await page.screenshot({ path: png, fullPage: true });
    if (errors.some((e) => /Unsupported benchmark type/.test(e))) fail("Unsupported benchmark type");
    if (errors.length) fail("console errors: " + errors.join(" | "));
    console.log("ppui_detect: ok");
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), (e) => fail(e.message));
