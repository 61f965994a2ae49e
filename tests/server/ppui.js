// ppui.js URL DASHBOARD PNG? — Powerpipe's own UI (served by --ui-dir) in headless Chromium
// (--no-sandbox: root in CI): the dashboard's page fills from the server's run; each card shows
// its value (the acceptance mod dashboard_cards: card1_value 1, card2_value 2; for a benchmark,
// tests/test_server.c's with one ok, one alarm, one error: the status counts, and a control's result
// rows opened, with their dimensions' colours; for the acceptance
// mod dashboard_inputs, a table blocked on a text input fills once a value is typed: the UI's
// input_changed runs it again), no "Workspace Error" modal, no console error.  Exits 0, or 1
// after "FAIL: why".
"use strict";
const { launch } = require("./chromium.js");
const { fail } = require("./client.js");

const [url, dashboard, png] = process.argv.slice(2);

async function main() {
  const browser = await launch();
  const errors = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url + dashboard);
    if (dashboard.includes("testing_dashboard_inputs")) {
      const sel = "input[type=text], input:not([type])";
      await page.waitForSelector(sel, { timeout: 30000 });
      if ((await page.textContent("body")).includes("value1")) fail("the table ran without its input");
      // the UI renders the input again when the run's events arrive: type until the value is taken
      let filled = false;
      for (let k = 0; k < 20 && !filled; k++) {
        const input = await page.$(sel);
        await input.fill("hello");
        await input.press("Enter");
        filled = await page.waitForFunction(() => document.body.textContent.includes("value1"), null,
                                            { timeout: 3000 }).then(() => true, () => false);
      }
      if (!filled) fail("the table did not run with the input's value");
      if (errors.length) fail("console errors: " + errors.join(" | "));
      console.log("ppui: ok");
      return;
    }
    // a card renders its one column as label and value
    const want = dashboard.includes(".benchmark.")
      ? [["OK", "1"], ["Alarm", "1"], ["Error", "1"], ["Info", "0"]]
      : [["card1_value", "1"], ["card2_value", "2"]];
    for (const [label, value] of want)
      await page.waitForFunction(([l, v]) => [...document.querySelectorAll("*")].some((e) =>
        e.children.length === 0 && e.textContent.trim() === l &&
        e.parentElement && e.parentElement.parentElement &&
        [...e.parentElement.parentElement.querySelectorAll("*")].some((x) =>
          x.children.length === 0 && x.textContent.trim() === v)), [label, value], { timeout: 30000 });
    if (dashboard.includes(".benchmark.")) {
      // control two opened: its rows in Powerpipe's order (alarm before ok), each status icon's
      // title, the reason and the dimension in its stringToColor colour (the generator's first two)
      await page.click('[id="bm.control.two-title"]');
      await page.waitForSelector('[title="region = eu"]', { timeout: 30000 });
      const rows = await page.$$eval('[title^="region = "]', (ds) => ds.map((d) => {
        const row = d.closest(".flex.bg-dashboard-panel");
        return [row.querySelector("[title]").title, row.querySelector(".leading-4").textContent,
                d.textContent, getComputedStyle(d).color];
      }));
      const want = [["Alarm", "bad", "us", "rgb(102, 0, 255)"], ["OK", "fine", "eu", "rgb(204, 51, 102)"]];
      if (JSON.stringify(rows) !== JSON.stringify(want)) fail("control two's rows " + JSON.stringify(rows));
    }
    const body = await page.textContent("body");
    if (/Workspace Error|no database/i.test(body)) fail("an error modal: " + body.slice(0, 300));
    if (png) await page.screenshot({ path: png, fullPage: true });
    if (errors.length) fail("console errors: " + errors.join(" | "));
    console.log("ppui: ok");
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), (e) => fail(e.message));
