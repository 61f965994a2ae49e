// routes.test.mjs — the page's URLs (logic/routes.js), Powerpipe's: /<full name>?input.x=v, with a
// benchmark's grouping and where as JSON, read back as written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { urlOf, fromURL, pageURL, snapshotURL, isSnapshotPath } from "../../src/server/page/logic/routes.js";

test("a dashboard's URL and back", () => {
  const u = urlOf("m.dashboard.d", { "input.r": "a b&c", "input.many": ["x", "y"], "input.none": null });
  assert.equal(u, "/m.dashboard.d?input.r=a+b%26c&input.many=x%2Cy");
  const r = fromURL(new URL(u, "http://h"));
  assert.deepEqual([r.name, r.values], ["m.dashboard.d", { "input.r": "a b&c", "input.many": "x,y" }]);
});

test("only a full name selects; views round-trip", () => {
  assert.equal(fromURL(new URL("http://h/favicon.ico")).name, null);
  const views = { grouping: { "m.benchmark.b": [{ type: "status" }, { type: "result" }] }, where: {},
                  table: { "m.table.t": { display_columns: ["a", "b"] } } };
  const r = fromURL(new URL(pageURL("m.benchmark.b", {}, views), "http://h"));
  assert.deepEqual(r.views, views);
  assert.deepEqual(fromURL(new URL("http://h/m.benchmark.b?grouping={bad")).views,
                   { grouping: {}, where: {}, table: {} });
});

test("an opened snapshot's route, Powerpipe's: /snapshot/<file name>?<inputs and views>", () => {
  const views = { grouping: {}, where: {}, table: { "m.table.t": { display_columns: ["a"] } } };
  const u = snapshotURL("d.20260102T030405.pps", { "input.r": "a b" }, views);
  assert.equal(u, "/snapshot/d.20260102T030405.pps?input.r=a+b&table=" +
               encodeURIComponent(JSON.stringify(views.table)).replace(/%20/g, "+"));
  assert.equal(snapshotURL("x y.pps", {}, { grouping: {}, where: {}, table: {} }), "/snapshot/x%20y.pps");
  assert.equal(isSnapshotPath(new URL(u, "http://h").pathname), true);
  assert.equal(fromURL(new URL(u, "http://h")).name, null, "no dashboard of that name is run");
});
