// bench/edit_server.js — `lazypipe server` started after a one-file edit since its index image,
// against the same server started on an unchanged image: from the spawn to its first
// available_dashboards reply (a client connecting once the server listens), alternated round by
// round, the file and the image put back before each start (untimed). Goal: within 1.3× of the
// reopened server's.
//
//   node bench/edit_server.js [MOD] [ROUNDS]   (default ../shared/corpus/aws_compliance, 15)
//   CLI   the binary (default build/lazypipe); NODE_PATH must find `ws` (.deps/node/node_modules)
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const WebSocket = require('ws');

const mod = process.argv[2] || '../shared/corpus/aws_compliance';
const rounds = Number(process.argv[3] || 15);
const cli = path.resolve(process.env.CLI || 'build/lazypipe');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-edit-server-'));
const ws = path.join(tmp, 'ws'), cache = path.join(tmp, 'cache'), saved = path.join(tmp, 'cache.saved');
execFileSync('cp', ['-a', mod, ws]);   // (mtimes kept: no file racily clean)
// a control's or a dashboard's title, one character
const rel = fs.existsSync(path.join(ws, 'conformance_pack/account.pp')) ? 'conformance_pack/account.pp'
  : 'dashboards/ec2/ec2_instance_detail.pp';
const file = path.join(ws, rel), before = path.join(tmp, 'before');
execFileSync('cp', ['-p', file, before]);
const text = fs.readFileSync(file, 'utf8');
const at = text.indexOf('title');
const q = text.indexOf('"', at) + 2;
const after = text.slice(0, q) + (text[q] === 'x' ? 'y' : 'x') + text.slice(q + 1);
execFileSync(cli, ['--mod-location', ws, '--index-cache', cache, 'dashboard', 'list'],
             { env: { ...process.env, LAZYPIPE_CACHE_WRITE: 'foreground' }, stdio: 'ignore' });
execFileSync('cp', ['-a', cache, saved]);
let port = 47000 + (process.pid % 1000);

const now = () => Number(process.hrtime.bigint()) / 1e6;
function firstPayload(edited) {
  execFileSync('sh', ['-c',
                      `rm -rf '${cache}' && cp -a '${saved}' '${cache}' && cp -p '${before}' '${file}'`]);
  if (edited) fs.writeFileSync(file, after);
  const p = port++;
  return new Promise((res, rej) => {
    const t0 = now();
    const srv = spawn(cli, ['--mod-location', ws, '--index-cache', cache, 'server', '--port', String(p)],
                      { stdio: ['ignore', 'ignore', 'pipe'] });
    let buf = '', asked = false;
    srv.stderr.on('data', (d) => {
      buf += d;
      if (asked || !/listening on/.test(buf)) return;
      asked = true;
      const c = new WebSocket(`ws://127.0.0.1:${p}/ws`, { perMessageDeflate: false, maxPayload: 1 << 30 });
      c.once('open', () => c.send('{"action":"get_available_dashboards"}'));
      c.once('message', (m) => {
        const ms = now() - t0;
        c.close();
        srv.once('exit', () => res({ ms, bytes: m.length }));
        srv.kill('SIGTERM');
      });
      c.once('error', rej);
    });
    srv.once('error', rej);
  });
}

const median = (v) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]; };
(async () => {
  const got = { reopen: [], edited: [] };
  for (let r = 0; r < rounds + 2; r++) {
    const a = await firstPayload(false), b = await firstPayload(true);
    if (r >= 2) { got.reopen.push(a.ms); got.edited.push(b.ms); }
  }
  const m0 = median(got.reopen), m1 = median(got.edited);
  console.log(`${mod} (${rel} edited), ${rounds} rounds, load ${os.loadavg()[0].toFixed(1)}; CLI ${cli}`);
  console.log(`server on an unchanged image, spawn to its first available_dashboards: ${m0.toFixed(1)} ms`);
  console.log(`server after the edit: ${m1.toFixed(1)} ms: ${(m1 / m0).toFixed(2)}× (goal ≤ 1.3×)`);
  fs.rmSync(tmp, { recursive: true, force: true });
})().catch((e) => { console.error(e.message); process.exit(1); });
