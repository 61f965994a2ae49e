// routes.test.mjs — the page's URLs (logic/routes.js), Powerpipe's: /<full name>?input.x=v, with a
// benchmark's grouping and where as JSON, read back as written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { urlOf, fromURL, pageURL } from "../../src/server/page/logic/routes.js";

test("a dashboard's URL and back", () => {
  const u = urlOf("m.dashboard.d", { "input.r": "a b&c", "input.many": ["x", "y"], "input.none": null });
  assert.equal(u, "/m.dashboard.d?input.r=a+b%26c&input.many=x%2Cy");
  const r = fromURL(new URL(u, "http://h"));
  assert.deepEqual([r.name, r.values], ["m.dashboard.d", { "input.r": "a b&c", "input.many": "x,y" }]);
});

test("only a full name selects; views round-trip", () => {
  assert.equal(fromURL(new URL("http://h/favicon.ico")).name, null);
  const views = { grouping: { "m.benchmark.b": [{ type: "status" }, { type: "result" }] }, where: {} };
  const r = fromURL(new URL(pageURL("m.benchmark.b", {}, views), "http://h"));
  assert.deepEqual(r.views, views);
  assert.deepEqual(fromURL(new URL("http://h/m.benchmark.b?grouping={bad")).views, { grouping: {}, where: {} });
});
