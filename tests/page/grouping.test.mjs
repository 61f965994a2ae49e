// grouping.test.mjs — a benchmark view's filter and grouping (logic/grouping.js): validFilter against
// Powerpipe's validateFilter cases (ui/dashboard/src/components/dashboards/grouping/FilterEditor/
// index.test.ts), applyFilter's operators, and results grouped in Powerpipe's order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { validFilter, applyFilter, groupResults, sortedKids } from "../../src/server/page/logic/grouping.js";

test("Powerpipe's validateFilter cases", () => {
  const cases = [
    [{ operator: "equal", type: "status", value: "alarm" }, true],
    [{ operator: "equal", type: "control_tag", key: "environment", value: "production" }, true],
    [{ type: "resource", value: "name" }, false],
    [{ operator: "equal", key: "name" }, false],
    [{ operator: "equal", type: "control_tag", key: "environment" }, false],
    [{ operator: "equal", type: "resource" }, false],
    [{ operator: "and", expressions: [{ operator: "equal", type: "resource", value: "*mybucket*" },
      { operator: "equal", type: "control_tag", key: "environment", value: "production" },
      { operator: "equal", type: "dimension", key: "region", value: "us*" }] }, true],
    [{ and: [{ key: "name" }] }, false],
  ];
  for (const [f, want] of cases) assert.equal(validFilter(f), want, JSON.stringify(f));
});

test("applyFilter: equal, not_equal, in, not_in", () => {
  assert.equal(applyFilter({ operator: "equal", value: "ok" }, "ok"), true);
  assert.equal(applyFilter({ operator: "not_equal", value: "ok" }, "ok"), false);
  assert.equal(applyFilter({ operator: "in", value: ["ok", "alarm"] }, "alarm"), true);
  assert.equal(applyFilter({ operator: "not_in", value: ["ok", "alarm"] }, "info"), true);
});

test("grouped by status: each status's group, sorted by Powerpipe's status order", () => {
  const kind = { summary: () => ({ n: 0 }), count: (s) => { s.n++; } };
  const r = (status) => ({ type: "result", status, trunk: [], dimensions: [], control: { name: "c" } });
  const tree = groupResults([r("ok"), r("alarm"), r("ok"), { type: "loading" }], [{ type: "status" },
    { type: "result" }], kind);
  assert.deepEqual(sortedKids(tree).map((n) => [n.title, n.summary.n]), [["OK", 2], ["Alarm", 1]]);
  assert.equal(tree.summary.n, 4);   /* one not run yet counts in the root's summary alone */
});

// a summary card's click (Powerpipe's summaryCardFilterPath): adds an "in" condition on the card's
// dimension after the others, or takes that dimension's condition off; nothing valid left is none
test("summaryCardFilter", async () => {
  const { summaryCardFilter } = await import("../../src/server/page/logic/grouping.js");
  const tag = { type: "tag", key: "service", value: "s3", operator: "equal" };
  assert.deepEqual(summaryCardFilter(null, "status", ["alarm"]),
                   { operator: "and", expressions: [{ type: "status", value: ["alarm"], operator: "in" }] });
  assert.deepEqual(summaryCardFilter({ operator: "and", expressions: [tag] }, "severity", ["high"]),
                   { operator: "and",
                     expressions: [tag, { type: "severity", value: ["high"], operator: "in" }] });
  assert.deepEqual(summaryCardFilter({ operator: "and", expressions: [tag, { type: "status", value: ["ok"],
                                                                                operator: "in" }] },
                                     "status", ["alarm"]), { operator: "and", expressions: [tag] });
  const okOnly = { operator: "and", expressions: [{ type: "status", value: ["ok"], operator: "in" }] };
  assert.equal(summaryCardFilter(okOnly, "status", ["ok"]), null);
});
