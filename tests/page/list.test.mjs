// list.test.mjs — the list's decisions (logic/list.js): groups by service tag as Powerpipe's list
// groups them ("Other" last), search over title, name and tags.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serviceGroups, matches } from "../../src/server/page/logic/list.js";

test("groups by service, Other last", () => {
  const items = [{ full_name: "a", tags: { service: "S3" } }, { full_name: "b" },
                 { full_name: "c", tags: { service: "EC2" } }, { full_name: "d", tags: { service: "S3" } }];
  assert.deepEqual(serviceGroups(items).map(([g, xs]) => [g, xs.map((x) => x.full_name)]),
                   [["EC2", ["c"]], ["S3", ["a", "d"]], ["Other", ["b"]]]);
});

test("search", () => {
  const it = { title: "Bucket Report", full_name: "m.dashboard.r", tags: { type: "Report" } };
  assert.equal(matches(it, "bucket"), true);
  assert.equal(matches(it, "type=report"), true);
  assert.equal(matches(it, "nothing"), false);
});
