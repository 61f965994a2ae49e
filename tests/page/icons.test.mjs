// icons.test.mjs — the icons the page carries (src/server/page_icons.txt, made into data by
// page_icons.sh) are the icons its modules name, every one: a control's icon missing from the list
// would be fetched again as it is drawn (a cold dashboard's first paint ~10% later), a name left in
// it after its control went would be carried for nothing.  The names are read from the modules'
// sources, where they are given: icon("x"), controlButton("x", …), smallButton("x", …), a graph
// handle's button(title, "x", …), a graph control ["Title", "x", …], the icon tables (TYPE_ICONS,
// LOG_ICONS, SEVERITIES: "set:x" values) and a result's status icon (RESULT_ICONS and its
// fallback, Heroicons' solid set).  That each carried shape is its file's is checked in a browser
// (tests/server/page_props.js, against the browser's parse of the served file).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

const root = path.join(import.meta.dirname, "../..");
const pageDir = path.join(root, "src/server/page");
const sources = fs.readdirSync(pageDir).filter((f) => f.endsWith(".js"))
  .map((f) => [f, fs.readFileSync(path.join(pageDir, f), "utf8").replace(/\/\*[\s\S]*?\*\//g, "")]);
const listed = fs.readFileSync(path.join(root, "src/server/page_icons.txt"), "utf8").split("\n")
  .filter((l) => l && !l.startsWith("#"));

function named() {
  const names = new Set();
  const forms = [/\b(?:icon|controlButton|smallButton)\(\s*"([^"]+)"/g, /\[\s*"[A-Z][^"]*",\s*"([^"]+)",/g,
                 /"((?:materialsymbols|heroicons)-(?:outline|solid):[a-z0-9_-]+)"/g];
  for (const [f, code] of sources) {
    for (const re of forms) for (const m of code.matchAll(re)) names.add(m[1]);
    if (f === "graph-handles.js")   /* its button(title, icon, class) */
      for (const m of code.matchAll(/\bbutton\(\s*"[^"]*",\s*"([^"]+)"/g)) names.add(m[1]);
  }
  const results = sources.find(([f]) => f === "benchmark.js")[1];
  const table = results.match(/RESULT_ICONS = \{([\s\S]*?)\};/);
  assert.ok(table, "benchmark.js's RESULT_ICONS");
  for (const m of table[1].matchAll(/\[\s*"([a-z-]+)",/g)) names.add("heroicons-solid:" + m[1]);
  const fallback = results.match(/\|\| \[\s*"([a-z-]+)",\s*""\s*\]/);
  assert.ok(fallback, "resultRow's icon for an unknown status");
  names.add("heroicons-solid:" + fallback[1]);
  for (const n of names) if (n.endsWith(":")) names.delete(n);   /* ("heroicons-solid:" + name) */
  return names;
}

test("the page carries every icon its modules name, and no other", () => {
  const used = named(), carried = new Set(listed);
  assert.ok(used.size >= 30, [...used].join(" "));
  assert.deepEqual([...used].filter((n) => !carried.has(n)).sort(), [], "named but not carried");
  assert.deepEqual(listed.filter((n) => !used.has(n)).sort(), [], "carried but not named");
  assert.equal(carried.size, listed.length, "a name listed twice");
});
