// format.test.mjs — values as the page writes them (logic/format.js): the CSV of Download data as
// Papa Parse's unparse writes it for Powerpipe (quoting rules, CRLF, JSON columns), safe links.
import { test } from "node:test";
import assert from "node:assert/strict";
import { csvOf, safeHref, cellText, isNumericType } from "../../src/server/page/logic/format.js";

test("csvOf: Papa Parse's quoting", () => {
  const data = { columns: [{ name: "a", data_type: "TEXT" }, { name: "j", data_type: "JSONB" }],
                 rows: [{ a: 'say "hi", you', j: { k: 1 } }, { a: " lead", j: null }, { a: null, j: [1] }] };
  assert.equal(csvOf(data), 'a,j\r\n"say ""hi"", you","{""k"":1}"\r\n" lead",null\r\n,[1]');
});

test("safeHref: http(s), mailto and relative links only", () => {
  assert.equal(safeHref("https://example.com/x"), "https://example.com/x");
  assert.equal(safeHref("/d?x=1"), "/d?x=1");
  assert.equal(safeHref("java\tscript:alert(1)"), null);
  assert.equal(safeHref("JaVaScRiPt:x"), null);
  assert.equal(safeHref("data:text/html,x"), null);
});

test("cellText and numeric types", () => {
  assert.equal(cellText(null), "null");
  assert.equal(cellText({ a: 1 }), '{"a":1}');
  assert.equal(isNumericType("bigint"), true);
  assert.equal(isNumericType("text"), false);
});
