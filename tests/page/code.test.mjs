// code.test.mjs — View detail's Query and Definition colours (logic/code.js): the kinds Prism's SQL
// and HCL grammars (prismjs 1.30, components/prism-sql.js and prism-hcl.js, Powerpipe's CodeBlock)
// give, read from those grammars.
import { test } from "node:test";
import assert from "node:assert/strict";
import { sqlTokens, hclTokens } from "../../src/server/page/logic/code.js";

const kinds = (q) => sqlTokens(q).filter(([k]) => k).map(([k, t]) => k + ":" + t);

test("sqlTokens: every character once, in order", () => {
  for (const q of ["", "select 1",
                   "select a.id, count(*) as n\nfrom t -- c\nwhere s = 'it''s' /* x */ limit 10",
                   "select \"Quoted\" from x where y @> '{}'::jsonb and z is not null", "'unterminated",
                   "é ☃ \u0000 $1"])
    assert.equal(sqlTokens(q).map(([, t]) => t).join(""), q);
});

test("sqlTokens: Prism's kinds", () => {
  const q = "select a.id, count(*) as n from t -- c\nwhere s = 'it''s' and n > 1.5 is not null";
  assert.deepEqual(kinds(q), [
    "keyword:select", "punctuation:.", "punctuation:,", "function:count", "punctuation:(", "operator:*",
    "punctuation:)", "keyword:as", "keyword:from", "comment:-- c", "keyword:where", "operator:=",
    "string:'it''s'", "operator:and", "operator:>", "number:1.5", "operator:is", "operator:not",
    "boolean:null"]);
  // KEYS? and the like: both words; a function only before "(" (else plain, as any other name); no
  // keyword inside a longer word
  assert.deepEqual(kinds("key keys row rows count counter selected xselect /* a\nb */ 0x1F"),
                   ["keyword:key", "keyword:keys", "keyword:row", "keyword:rows", "comment:/* a\nb */",
                    "number:0x1F"]);
  assert.deepEqual(kinds("for each row with rollup sounds like"),
                   ["keyword:for each row", "keyword:with rollup", "operator:sounds like"]);
  // a double-quoted name is a string to Prism's SQL, as a single-quoted one
  assert.deepEqual(kinds('select "Name" from x'), ["keyword:select", 'string:"Name"', "keyword:from"]);
});

test("hclTokens: Prism's HCL kinds", () => {
  const def = 'dashboard "d" {\n  title = "T ${x}"\n  container {\n    card {\n      sql = <<-EOQ\n' +
    '        select 1 -- "no"\n      EOQ\n      width = 4 # four\n      disabled = false\n    }\n  }\n}';
  assert.equal(hclTokens(def).map(([, t]) => t).join(""), def);
  assert.deepEqual(hclTokens(def).filter(([k]) => k).map(([k, t]) => k + ":" + t), [
    'string:"d"', "punctuation:{", "property:title", "punctuation:=", 'string:"T ${x}"', "keyword:container",
    "punctuation:{", "keyword:card", "punctuation:{", "property:sql", "punctuation:=",
    'string:<<-EOQ\n        select 1 -- "no"\n      EOQ', "property:width", "punctuation:=", "number:4",
    "comment:# four", "property:disabled", "punctuation:=", "boolean:false", "punctuation:}",
    "punctuation:}", "punctuation:}"]);
});
