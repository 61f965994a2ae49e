// bench/first_select.js CLI MOD DASHBOARD — the first select_dashboard of a dashboard on a fresh
// `lazypipe server` reopening its persisted index: ms from the request to execution_started (the
// tree built, its execution_started written), median and min of ROUNDS fresh servers.  BASE=<another
// build's lazypipe> runs it in the same rounds, alternating.  No database: nothing runs before
// execution_started.  Prints one Markdown row per build.
"use strict";
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const net = require("net");
const os = require("os");
const path = require("path");
const WebSocket = require("ws");

const [cli, mod, dash] = process.argv.slice(2);
const ROUNDS = Number(process.env.ROUNDS || 7);
const freePort = () => new Promise((res) => { const s = net.createServer().listen(0, "127.0.0.1", () => {
  const p = s.address().port; s.close(() => res(p)); }); });
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };

async function once(exe, cache) {
  const port = await freePort();
  const p = spawn(exe, ["--mod-location", mod, "--index-cache", cache, "server", "--port", String(port)],
                  { stdio: ["ignore", "ignore", "pipe"] });
  let err = "";
  await new Promise((res, rej) => {
    p.stderr.on("data", (d) => { err += d; if (/listening on/.test(err)) res(); });
    p.on("exit", (c) => rej(new Error("server exited " + c + ": " + err)));
  });
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  await new Promise((r) => ws.once("open", r));
  const t0 = process.hrtime.bigint();
  ws.send(JSON.stringify({ action: "select_dashboard",
                           payload: { dashboard: { full_name: dash }, inputs: {} } }));
  await new Promise((r) => ws.on("message", (d) => { if (String(d).includes('"execution_started"')) r(); }));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  ws.close();
  p.removeAllListeners("exit");
  p.kill("SIGTERM");
  await new Promise((r) => p.on("exit", r));
  return ms;
}

(async () => {
  const builds = [["lazypipe", cli]];
  if (process.env.BASE) builds.push(["BASE", process.env.BASE]);
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "lp_firstsel_"));
  execFileSync(cli, ["--mod-location", mod, "--index-cache", cache, "dashboard", "list"],
               { stdio: "ignore" });
  const t = Object.fromEntries(builds.map(([n]) => [n, []]));
  for (let i = 0; i < ROUNDS; i++) for (const [n, exe] of builds) t[n].push(await once(exe, cache));
  fs.rmSync(cache, { recursive: true, force: true });
  for (const [n] of builds)
    console.log(`| first select_dashboard ${dash} to execution_started, ${n} | ` +
                `${median(t[n]).toFixed(2)} ms ` +
                `(min ${Math.min(...t[n]).toFixed(2)}) |`);
  process.exit(0);
})().catch((e) => { console.error(e.message); process.exit(1); });
