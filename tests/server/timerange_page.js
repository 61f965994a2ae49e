// timerange_page.js URL BENCH CASES — the page's time range control (time-range.js) in headless
// Chromium (the browser's time zone UTC) on BENCH, a detection benchmark over a Tailpipe connection
// (tests/test_tailpipe.c writes the catalog and counts with DuckDB).  CASES is a JSON object: for
// "default" (no range in the URL: Powerpipe's last 7 days), "absolute" (Custom, Absolute: start
// 2024-02-05, end 2024-03-02 23:59:59) and "start" (Custom, Absolute: start 2024-01-01 02:00, no
// end), the total of each detection ({full name: rows}) DuckDB counts for that range.  Checked: the
// control shows on the cold start and puts the default range in the URL; each choice made in the
// real control (Absolute, Relative, a preset) goes into the URL as Powerpipe writes datetime_range
// and the detections' totals become DuckDB's; Back and a reload of that URL show the same; the
// layout checker's rules find nothing on the view with the control, its Custom panel open (either
// tab) or closed.  Exits 0, or 1 after "FAIL: why".
"use strict";
const { fail } = require("./client.js");
const { launch } = require("./chromium.js");
const { layoutFindings } = require("./layout_rules.js");

const [url, bench, casesJson] = process.argv.slice(2);
const cases = JSON.parse(casesJson);
const T = 60000;

/* every detection's total on the page equals want's, the run complete */
async function totals(page, want, what) {
  try {
    await page.waitForFunction((w) => !document.getElementById("snap").disabled &&
      Object.entries(w).every(([name, n]) => {
        const t = document.querySelector(`.node[data-name="${name}"] .det-total`);
        return t && t.textContent === n.toLocaleString();
      }), want, { timeout: T });
  } catch (e) {
    const got = await page.evaluate((w) => Object.keys(w).map((name) => {
      const t = document.querySelector(`.node[data-name="${name}"] .det-total`);
      return name + "=" + (t ? t.textContent : "none");
    }).join(" "), want);
    fail(`${what}: totals ${got}, want ${JSON.stringify(want)}`);
  }
}

const urlRange = (page) => JSON.parse(new URL(page.url()).searchParams.get("datetime_range") || "null");

async function noFindings(page, what) {
  const found = await page.evaluate(layoutFindings);
  if (found.length) fail(what + ": layout: " + found.join("; "));
}

async function absolute(page, fd, ft, td, tt) {
  await page.click('#time-range button[data-preset="custom"]');
  await page.click('.tr-custom .tr-tab:text("Absolute")');
  for (const [k, v] of [["fd", fd], ["ft", ft], ["td", td], ["tt", tt]])
    await page.fill(`.tr-absolute input[name="${k}"]`, v);
  await noFindings(page, "the Custom panel open");
  if (process.env.TIMERANGE_PNG) await page.screenshot({ path: process.env.TIMERANGE_PNG });
  await page.click(".tr-custom .tr-apply");
}

async function main() {
  const browser = await launch();
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: "UTC" });
    const page = await ctx.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(new URL("/" + bench, url).href);
    await page.waitForSelector("#time-range:not([hidden]) .tr-presets", { timeout: T });
    await page.waitForFunction(() => new URL(location.href).searchParams.has("datetime_range"), null,
                               { timeout: T });
    const d = urlRange(page);
    const age = Date.now() - Date.parse(d.from);
    if (d.relative !== "7d" || d.to !== null || Math.abs(age - 7 * 86400e3) > 120e3)
      fail("the default range " + JSON.stringify(d));
    if (await page.getAttribute('#time-range button[data-preset="7d"]', "aria-pressed") !== "true")
      fail("7d is not shown chosen");
    await totals(page, cases.default, "the last 7 days");
    await noFindings(page, "the control");

    await absolute(page, "2024-02-05", "", "2024-03-02", "23:59:59");
    await totals(page, cases.absolute, "2024-02-05 .. 2024-03-02 23:59:59");
    const a = urlRange(page);
    const want = { from: "2024-02-05T00:00:00.000Z", to: "2024-03-02T23:59:59.000Z", relative: "custom" };
    if (JSON.stringify(a) !== JSON.stringify(want))
      fail("the absolute range in the URL " + JSON.stringify(a));
    if (await page.getAttribute('#time-range button[data-preset="custom"]', "aria-pressed") !== "true")
      fail("Custom is not shown chosen");

    await absolute(page, "2024-01-01", "02:00:00", "", "");
    await totals(page, cases.start, "from 2024-01-01 02:00");
    const s = urlRange(page);
    if (s.from !== "2024-01-01T02:00:00.000Z" || s.to !== null)
      fail("the start in the URL " + JSON.stringify(s));

    /* Custom, Relative: 3 days back from now, no end; then the preset 1h */
    await page.click('#time-range button[data-preset="custom"]');
    await page.click('.tr-relative .tr-option[data-unit="day"]:text-is("3")');
    await noFindings(page, "the Relative tab");
    await page.click(".tr-custom .tr-apply");
    await totals(page, cases.default, "the last 3 days");
    const r = urlRange(page);
    const back3d = Date.now() - Date.parse(r.from);
    if (r.relative !== "3d" || r.to !== null || Math.abs(back3d - 3 * 86400e3) > 120e3)
      fail("the relative range in the URL " + JSON.stringify(r));
    await page.click('#time-range button[data-preset="1h"]');
    await page.waitForFunction(() => JSON.parse(new URL(location.href).searchParams.get("datetime_range"))
      .relative === "1h", null, { timeout: T });
    await totals(page, cases.default, "the last hour");
    await page.goBack();
    await page.goBack();
    /* Back: the absolute range again, from the URL */
    await page.goBack();
    await totals(page, cases.absolute, "back to the absolute range");
    /* a reload of a URL with a range: the same range, no default laid over it */
    await page.reload();
    await totals(page, cases.absolute, "the absolute range reloaded");
    if (JSON.stringify(urlRange(page)) !== JSON.stringify(a))
      fail("reloaded: " + JSON.stringify(urlRange(page)));
    await noFindings(page, "the control, reloaded");
    if (errors.length) fail("page errors: " + errors.join("; "));
    console.log("timerange_page: ok");
  } finally {
    await browser.close();
  }
}
main().catch((e) => fail(e.message));
