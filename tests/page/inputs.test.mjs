// inputs.test.mjs — a select's options as Powerpipe's useSelectInputValues reads them (label,
// value, tags columns; option blocks; none before it completes), the tags Common.tsx's
// LabelTagWrapper shows, and react-select's default search.
import { test } from "node:test";
import assert from "node:assert/strict";
import { selectOptions, optionTags, searchOptions } from "../../src/server/page/logic/inputs.js";
import { tagColor, stringColor } from "../../src/server/page/logic/colors.js";

const data = (rows, names) => ({ columns: names.map((name) => ({ name })), rows });

test("options from rows: label, value, tags (a JSON text or an object)", () => {
  const p = { status: "complete", data: data([{ label: "North", value: "n", tags: '{"tier": "gold"}' },
                                              { label: "South", value: "s", tags: { tier: "silver" } },
                                              { label: null, value: 3, tags: "not json" }],
                                             ["label", "value", "tags"]) };
  assert.deepEqual(selectOptions(p), [{ label: "North", value: "n", tags: { tier: "gold" } },
                                      { label: "South", value: "s", tags: { tier: "silver" } },
                                      { label: "", value: "3", tags: {} }]);
  assert.deepEqual(selectOptions({ status: "running", data: p.data }), [], "none until complete");
  assert.deepEqual(selectOptions({ status: "complete", data: data([{ value: "v" }], ["value"]) }), [],
                   "none without a label column");
  assert.deepEqual(selectOptions({ properties: { options: [{ name: "a", label: "A" }, { name: "b" }] } }),
                   [{ label: "A", value: "a", tags: {} }, { label: "b", value: "b", tags: {} }]);
});

test("tags shown: each value, an object's under its key", () => {
  assert.deepEqual(optionTags({ tier: "gold", zone: "a" }), [["tier", "gold"], ["zone", "a"]]);
  assert.deepEqual(optionTags({ labels: { env: "prod", team: "x" } }), [["labels", "prod"], ["labels", "x"]]);
  assert.deepEqual(optionTags(null), []);
});

test("search: label or value, case and accents ignored", () => {
  const opts = [{label: "Zürich", value: "zrh"}, {label: "North", value: "n"}, {label: "south", value: "s"}];
  assert.deepEqual(searchOptions(opts, "zur").map((o) => o.value), ["zrh"]);
  assert.deepEqual(searchOptions(opts, " SOU ").map((o) => o.value), ["s"]);
  assert.deepEqual(searchOptions(opts, "").length, 3);
  assert.deepEqual(searchOptions(opts, "zrh").map((o) => o.value), ["zrh"]);
});

test("a tag's colour: Powerpipe's inputs' own generator (ColorGenerator(24, 4)), apart from results'", () => {
  // column 24 + 2 = 26 (not a forbidden column), row 4 + 2 - 5 = 1: xterm 26 + 36 = 62 = #3333CC;
  // then column 28 and 29 forbidden (orange) -> 30, row 3: 30 + 108 = 138 = #996666 (utils/color.ts)
  assert.equal(tagColor("gold"), "#3333CC");
  assert.equal(tagColor("silver"), "#996666");
  assert.equal(tagColor("gold"), "#3333CC", "the same value, the same colour");
  const first = stringColor("gold");
  assert.notEqual(first, "#3333CC", "the results' generator starts elsewhere (column 16, row 0)");
});
