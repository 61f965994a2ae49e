// timerange.test.mjs — a dashboard's time range as Powerpipe's UI keeps it (logic/timerange.js),
// against what Powerpipe's sources say: DatetimeRangePicker's presets (1h 3h 6h 12h 1d 7d Custom) and
// the Relative tab's durations; useDashboardDatetimeRange's default (the last 7 days, relative "7d")
// and its datetime_range parameter (JSON of {from, to, relative}); useDashboardExecution's payload
// (from and to, each only when set).  The URL's parameter through logic/routes.js.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PRESETS, TIME_OPTIONS, presetRange, relativeRange, defaultRange, parseTimeRange, rangeParam,
         rangePayload, activePreset, absoluteRange, timeFields }
  from "../../src/server/page/logic/timerange.js";
import { pageURL, fromURL } from "../../src/server/page/logic/routes.js";

const NOW = Date.UTC(2024, 2, 10, 12, 30, 0);   // 2024-03-10T12:30:00Z

test("Powerpipe's presets and durations", () => {
  assert.deepEqual(PRESETS.map((p) => p.label), ["1h", "3h", "6h", "12h", "1d", "7d", "Custom"]);
  assert.deepEqual(TIME_OPTIONS.map((o) => [o.unit, o.values]),
                   [["minute", [5, 10, 15, 30, 45]], ["hour", [1, 2, 3, 6, 8, 12]],
                    ["day", [1, 2, 3, 4, 5, 6]], ["week", [1, 2, 3, 4]]]);
});

test("a preset is the last N hours or days, no end, its value the relative", () => {
  assert.deepEqual(presetRange("3h", NOW), { from: "2024-03-10T09:30:00.000Z", to: null, relative: "3h" });
  assert.deepEqual(presetRange("7d", NOW), { from: "2024-03-03T12:30:00.000Z", to: null, relative: "7d" });
  assert.equal(presetRange("custom", NOW), null);
  assert.equal(presetRange("5x", NOW), null);
  assert.deepEqual(relativeRange(15, "minute", NOW),
                   { from: "2024-03-10T12:15:00.000Z", to: null, relative: "15m" });
  assert.deepEqual(relativeRange(2, "week", NOW),
                   { from: "2024-02-25T12:30:00.000Z", to: null, relative: "2w" });
  assert.equal(relativeRange(0, "day", NOW), null);
  assert.equal(relativeRange(1.5, "day", NOW), null);
  assert.equal(relativeRange(1, "year", NOW), null);
});

test("the URL's datetime_range: none, Powerpipe's JSON, and one that does not parse", () => {
  assert.equal(parseTimeRange(null, NOW), null);
  assert.deepEqual(defaultRange(NOW), { from: "2024-03-03T12:30:00.000Z", to: null, relative: "7d" });
  const r = { from: "2024-02-01T00:00:00.000Z", to: "2024-02-02T00:00:00.000Z", relative: "custom" };
  assert.deepEqual(parseTimeRange(JSON.stringify(r), NOW), r);
  assert.deepEqual(parseTimeRange('{"from":"2024-02-01T00:00:00Z"}', NOW),
                   { from: "2024-02-01T00:00:00Z", to: null, relative: null });
  for (const bad of ["{bad", '"x"', '{"from":"not a time"}', '{"from":"2024-02-01","to":7}', "[]"])
    assert.deepEqual(parseTimeRange(bad, NOW), defaultRange(NOW), bad);
  assert.equal(rangeParam(r), JSON.stringify(r));
});

test("select_dashboard's datetime_range: from and to, each only when set", () => {
  assert.equal(rangePayload(null), undefined);
  assert.deepEqual(rangePayload({ from: "a", to: null, relative: "7d" }), { from: "a" });
  assert.deepEqual(rangePayload({ from: "a", to: "b", relative: "custom" }), { from: "a", to: "b" });
});

test("the preset shown chosen: the relative when a preset, else Custom", () => {
  assert.equal(activePreset({ relative: "12h" }), "12h");
  assert.equal(activePreset({ relative: "15m" }), "custom");
  assert.equal(activePreset({ relative: "custom" }), "custom");
  assert.equal(activePreset({ relative: null }), "custom");
});

test("the Absolute tab: dates and times in the browser's time zone, the end not before the start", () => {
  const local = (y, m, d, h, mi, s) => new Date(y, m - 1, d, h, mi, s).toISOString();
  assert.deepEqual(absoluteRange("2024-02-05", "", "2024-03-02", "23:59:59"),
                   { from: local(2024, 2, 5, 0, 0, 0), to: local(2024, 3, 2, 23, 59, 59),
                     relative: "custom" });
  assert.deepEqual(absoluteRange("2024-02-05", "08:15", "", ""),
                   { from: local(2024, 2, 5, 8, 15, 0), to: null, relative: "custom" });
  assert.equal(absoluteRange("2024-03-05", "", "2024-03-01", ""), null);
  assert.equal(absoluteRange("", "", "2024-03-01", ""), null);
  assert.equal(absoluteRange("2024-13-45", "", "", ""), null);
  assert.equal(absoluteRange("2024-02-05", "8am", "", ""), null);
  assert.deepEqual(timeFields(local(2024, 2, 5, 8, 15, 3)), { date: "2024-02-05", time: "08:15:03" });
  assert.deepEqual(timeFields(null), { date: "", time: "" });
});

test("datetime_range in the page's URL, after the inputs, and back", () => {
  const r = { from: "2024-02-01T00:00:00.000Z", to: null, relative: "7d" };
  const u = pageURL("m.dashboard.d", { "input.x": "1" }, undefined, rangeParam(r));
  assert.equal(u, "/m.dashboard.d?input.x=1&datetime_range=" +
               encodeURIComponent(JSON.stringify(r)).replace(/%20/g, "+"));
  const back = fromURL(new URL(u, "http://h"));
  assert.deepEqual([back.name, back.values, parseTimeRange(back.range, NOW)],
                   ["m.dashboard.d", { "input.x": "1" }, r]);
  assert.equal(fromURL(new URL("http://h/m.dashboard.d")).range, null);
  assert.equal(pageURL("m.dashboard.d", {}, undefined, null), "/m.dashboard.d");
});
