#!/usr/bin/env node
// hcl_oracle_raw.js — hcl2json's output as the exact text Go wrote, for tests
// that compare bytes.  ../shared/tools/hcl-oracle returns JSON.parse of that
// text, which loses key order, number spelling and string escapes; this calls
// the same wasm module (@cdktf/hcl2json 0.21.0) directly and keeps the string.
//
//   NODE_PATH=.deps/node/node_modules node tests/support/hcl_oracle_raw.js --files-from=LIST
//
// One line per file, in order: {"file":P,"ok":true,"raw":TEXT} or
// {"file":P,"ok":false,"error":MSG}.  Files are read as UTF-8, as hcl-oracle does.
//
//   ... hcl_oracle_raw.js --cases=FILE.jsonl
//
// re-records a case file: each line's "src" is parsed as "case.hcl" and the
// line is written back as {"src":…,"ok":…,"raw"|"error":…} (other fields kept).
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

// A Go panic inside the wasm module (or a number it prints in full, such as
// 1e-646457000) would leave parse() pending: give up loudly rather than hang.
const TIMEOUT_MS = 60000;
function parseRaw(root, name, text) {
  let timer;
  const guard = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer for ' + name + ' after 60 s')), TIMEOUT_MS);
  });
  const answer = new Promise((res) => root.parse(name, text, (err, v) =>
    res(err ? { ok: false, error: String(err) } : { ok: true, raw: v })));
  return Promise.race([answer, guard]).finally(() => clearTimeout(timer));
}

function main() {
  const files = [];
  let cases = null;
  for (const a of process.argv.slice(2)) {
    if (a.startsWith('--cases=')) {
      const text = fs.readFileSync(a.slice(8), 'utf8');
      cases = text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
    } else if (a.startsWith('--files-from=')) {
      for (const l of fs.readFileSync(a.slice(13), 'utf8').split('\n')) if (l !== '') files.push(l);
    } else {
      files.push(a);
    }
  }
  let pkg;
  try {
    pkg = path.dirname(require.resolve('@cdktf/hcl2json/package.json'));
  } catch (e) {
    process.stderr.write('hcl_oracle_raw: @cdktf/hcl2json not found (set NODE_PATH)\n');
    process.exit(2);
  }
  require(path.join(pkg, 'wasm/bridge_wasm_exec.js'));   // defines global.Go
  const root = {};
  global.__parse_terraform_config_wasm__ = root;
  const go = new global.Go();
  const wasm = zlib.gunzipSync(fs.readFileSync(path.join(pkg, 'main.wasm.gz')));
  return WebAssembly.instantiate(wasm, go.importObject).then(async (r) => {
    void go.run(r.instance);
    while (typeof root.parse !== 'function') await new Promise((res) => setTimeout(res, 0));
    if (cases) {
      for (const c of cases) {
        const r = await parseRaw(root, 'case.hcl', c.src);
        const line = Object.assign({}, c, r);
        if (r.ok) delete line.error;
        else delete line.raw;
        process.stdout.write(JSON.stringify(line) + '\n');
      }
      return;
    }
    for (const f of files) {
      const text = fs.readFileSync(f).toString('utf8');
      const line = Object.assign({ file: f }, await parseRaw(root, f, text));
      process.stdout.write(JSON.stringify(line) + '\n');
    }
  });
}

main().then(() => {
  if (process.stdout.writableLength > 0) process.stdout.once('drain', () => process.exit(0));
  else process.exit(0);
}, (e) => {
  process.stderr.write('hcl_oracle_raw: ' + (e && e.stack ? e.stack : String(e)) + '\n');
  process.exit(2);
});
