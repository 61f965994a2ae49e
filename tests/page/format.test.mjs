// format.test.mjs — values as the page writes them (logic/format.js): the CSV of Download data as
// Papa Parse's unparse writes it for Powerpipe (quoting rules, CRLF, JSON columns), safe links.
import { test } from "node:test";
import assert from "node:assert/strict";
import { csvOf, safeHref, cellText, isNumericType, localNumber } from "../../src/server/page/logic/format.js";

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

/* the fast path is toLocaleString's own text: every integer form, against node's ICU in en-US */
test("localNumber writes what toLocaleString writes", () => {
  const xs = [0, 1, -1, 12, 999, 1000, -1000, 12345, 123456, 1234567, -98765432, 2 ** 53 - 1, -(2 ** 53 - 1),
              -0, 0.5, 1234.5678, 1e21, NaN, Infinity, 2 ** 60];
  for (let k = 0; k < 2000; k++) xs.push(Math.floor((Math.random() - 0.5) * 10 ** (1 + (k % 16))));
  for (const x of xs) {
    assert.equal(localNumber(x, "en-US"), x.toLocaleString("en-US"), String(x));
    assert.equal(localNumber(x, "en"), x.toLocaleString("en"), String(x));
  }
  /* another language: toLocaleString's own (the browser's locale) */
  assert.equal(localNumber(1234567, "de-DE"), (1234567).toLocaleString());
});
