// pure.test.mjs — the page's logic/ modules decide without a browser: none reads document, window,
// localStorage or the page's state, and none imports a module outside logic/ (so node can load them
// and these tests hold).  Each of them loads here.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

const dir = path.join(import.meta.dirname, "../../src/server/page/logic");
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".js"));

test("logic/ modules use no DOM and import only logic/", async () => {
  assert.ok(files.length >= 8, files.join(" "));
  for (const f of files) {
    const code = fs.readFileSync(path.join(dir, f), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    assert.doesNotMatch(code, /\b(document|window|localStorage|getComputedStyle)\b/, f);
    for (const m of code.matchAll(/^import .* from "([^"]+)"/gm)) assert.match(m[1], /^\.\/[\w-]+\.js$/, f);
    await import(path.join(dir, f));
  }
});
