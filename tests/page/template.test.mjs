// template.test.mjs — href templates (logic/template.js) against Powerpipe's own cases
// (ui/dashboard/src/utils/template.test.js, buildJQFilter): the same templates, rendered here as jq
// renders Powerpipe's filter of them on a row.
import { test } from "node:test";
import assert from "node:assert/strict";
import { renderTemplate } from "../../src/server/page/logic/template.js";

const row = { embedded: "E", in: "I", compact: "C", adjacent: "A", id: "arn:x/y z&w", n: 3, none: null };

test("Powerpipe's buildJQFilter cases", () => {
  assert.equal(renderTemplate("simple string", row), "simple string");
  assert.equal(renderTemplate("simple string with {{ .embedded }} expression", row),
               "simple string with E expression");
  assert.equal(renderTemplate("simple string with two {{ .embedded }} expressions {{ .in }} there", row),
               "simple string with two E expressions I there");
  assert.equal(renderTemplate("two {{ .embedded }}{{ .adjacent }} expressions", row), "two EA expressions");
  assert.equal(renderTemplate("three {{ .embedded }}{{ .compact }}{{ .adjacent }} x", row), "three ECA x");
  /* single quotes are double ones: a string literal */
  assert.equal(renderTemplate("with {{ .embedded | 'foo' }} quotes", row), "with foo quotes");
  assert.equal(renderTemplate('string with nested {{ "{{" }} braces', row), "string with nested {{ braces");
});

test("what mods write: @uri, paths, null as nothing, + and if", () => {
  assert.equal(renderTemplate("/d?input.id={{ .id | @uri }}", row), "/d?input.id=arn%3Ax%2Fy%20z%26w");
  assert.equal(renderTemplate("{{ .none }}x", row), "x");
  assert.equal(renderTemplate("{{ .n | tostring }}", row), "3");
  assert.equal(renderTemplate("{{ 'a' + .embedded }}", row), "aE");
  assert.equal(renderTemplate("{{ if .n == 3 then 'three' else 'other' end }}", row), "three");
  assert.equal(renderTemplate("{{ .missing.deeper }}", row), "");
});

test("what jq refuses gives no link (null)", () => {
  assert.equal(renderTemplate("{{ .embedded | nosuchfn }}", row), null);
  assert.equal(renderTemplate("{{ .embedded.x }}", row), null);   /* a string cannot be indexed */
  assert.equal(renderTemplate("{{ ( }}", row), null);
});
