// bench/server_bench.js CLI MOD CACHE_DIR — `lazypipe server` figures (bench/server.sh runs it; it
// needs ws from .deps/node).  Each beside a floor measured in the same run:
//   idle RSS after startup with a persisted index     floor: `lazypipe watch` on the same index
//   get_available_dashboards round trip, one client   floor: a node ws server sending the same bytes
//   round trips/s with 100 clients                    floor: the same node ws server
//   file save to the pushed available_dashboards      floor: save to `lazypipe watch`'s line
//   first select_dashboard after reopening the image   beside the same again and another benchmark
// MOD is copied to a temporary directory first (the save-to-push rows edit a file).
// Prints Markdown rows; timings never fail (exit 1 only when something cannot run).
"use strict";
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const net = require("net");
const os = require("os");
const path = require("path");
const WebSocket = require("ws");

const [cli, srcMod, cache] = process.argv.slice(2);
const REPS = Number(process.env.SERVER_BENCH_REPS || 30);
const CLIENTS = Number(process.env.SERVER_BENCH_CLIENTS || 100);
const SECONDS = Number(process.env.SERVER_BENCH_SECONDS || 5);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };

function freePort() {
  return new Promise((res) => { const s = net.createServer().listen(0, "127.0.0.1", () => {
    const p = s.address().port; s.close(() => res(p)); }); });
}

// the shared libraries a process maps (/proc/PID/maps), by file name: the idle server maps no
// database client
function libs(pid) {
  const names = fs.readFileSync("/proc/" + pid + "/maps", "utf8").split("\n")
    .map((l) => l.split(/\s+/)[5] || "").filter((f) => /\.so(\.|$)/.test(f)).map((f) => path.basename(f));
  return [...new Set(names)];
}

function rss(pid) {
  const st = fs.readFileSync("/proc/" + pid + "/status", "utf8");
  const kb = (k) => Number((st.match(new RegExp("^" + k + ":\\s+(\\d+)", "m")) || [0, 0])[1]);
  return { rss: kb("VmRSS"), anon: kb("RssAnon"), file: kb("RssFile") };
}

// the processes started, stopped when the bench fails (a server left behind kept running)
const started = new Set();

// start a process, resolve once `pattern` shows on the stream
function startUntil(cmd, args, stream, pattern) {
  return new Promise((res, rej) => {
    const p = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
    started.add(p);
    p.on("exit", () => started.delete(p));
    let buf = "";
    const t = setTimeout(() => rej(new Error(cmd + " did not start")), 120000);
    let up = false;
    // once up, the output is drained and dropped (the server logs a line per request)
    p[stream].on("data", (d) => {
      if (up) return;
      buf += d;
      if (pattern.test(buf)) { up = true; clearTimeout(t); res(p); }
    });
    p[stream === "stdout" ? "stderr" : "stdout"].resume();
    p.on("exit", (c) => rej(new Error(cmd + " exited " + c + ": " + buf.slice(-500))));
  });
}
function stop(p) {
  return new Promise((res) => { p.removeAllListeners("exit"); p.on("exit", res); p.kill("SIGTERM"); });
}

function client(url) {
  return new Promise((res, rej) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 64 << 20 });
    ws.once("open", () => res(ws));
    ws.once("error", rej);
  });
}
function ask(ws) {
  return new Promise((res) => {
    ws.once("message", (d) => res(d.length));
    ws.send('{"action":"get_available_dashboards"}');
  });
}

// one client on each, their requests alternating, so that both see the same machine load
async function roundTrips(url, floorUrl) {
  const a = await client(url), b = await client(floorUrl);
  for (let i = 0; i < 5; i++) { await ask(a); await ask(b); }
  const ta = [], tb = [];
  let bytes = 0;
  for (let i = 0; i < REPS; i++) {
    let t0 = now();
    bytes = await ask(a);
    ta.push(now() - t0);
    t0 = now();
    await ask(b);
    tb.push(now() - t0);
  }
  a.close();
  b.close();
  return { median: median(ta), min: Math.min(...ta), bytes, fmedian: median(tb), fmin: Math.min(...tb) };
}

async function throughput(url) {
  const socks = await Promise.all(Array.from({ length: CLIENTS }, () => client(url)));
  let n = 0, stopAt = 0;
  const t0 = now();
  stopAt = t0 + SECONDS * 1000;
  await Promise.all(socks.map(async (ws) => { while (now() < stopAt) { await ask(ws); n++; } }));
  const secs = (now() - t0) / 1000;
  socks.forEach((ws) => ws.close());
  return n / secs;
}

// a node ws server that answers every message with `payload`, in its own process
async function floorServer(payloadFile) {
  const port = await freePort();
  const code = `const W=require("ws");const b=require("fs").readFileSync(${JSON.stringify(payloadFile)});` +
    `const s=new W.WebSocketServer({port:${port},host:"127.0.0.1",perMessageDeflate:false});` +
    `s.on("connection",c=>c.on("message",()=>c.send(b,{binary:false})));console.log("up");`;
  const p = await startUntil(process.execPath, ["-e", code], "stdout", /up/);
  return { p, url: "ws://127.0.0.1:" + port };
}

function benchFile(mod) {
  const dir = path.join(mod, "acsc_essential_eight");
  return path.join(dir, "acsc_essential_eight.pp");
}

async function saveToPush(url, mod) {
  const ws = await client(url);
  await ask(ws);
  const f = benchFile(mod);
  const orig = fs.readFileSync(f, "utf8");
  const t = [];
  for (let k = 0; k < 8; k++) {
    const title = "Bench edit " + k;
    const got = new Promise((res) => {
      const on = (d) => { if (d.includes(title)) { ws.off("message", on); res(now()); } };
      ws.on("message", on);
    });
    const t0 = now();
    fs.writeFileSync(f, orig.replace(/title\s*=\s*"[^"]*"/, 'title = "' + title + '"'));
    t.push((await got) - t0);
    await sleep(300);
  }
  fs.writeFileSync(f, orig);
  ws.close();
  return { median: median(t), min: Math.min(...t) };
}

async function saveToWatchLine(mod) {
  const p = await startUntil(cli, ["--mod-location", mod, "--index-cache", cache, "watch", "--output",
                                   "json"], "stdout", /\n/);
  const f = benchFile(mod);
  const orig = fs.readFileSync(f, "utf8");
  const t = [];
  for (let k = 0; k < 8; k++) {
    const got = new Promise((res) => p.stdout.once("data", () => res(now())));
    const t0 = now();
    fs.writeFileSync(f, orig.replace(/title\s*=\s*"[^"]*"/, 'title = "Watch edit ' + k + '"'));
    t.push((await got) - t0);
    await sleep(300);
  }
  fs.writeFileSync(f, orig);
  await stop(p);
  return { median: median(t), min: Math.min(...t) };
}

// ms from sending select_dashboard to its execution_started
async function selectOnce(ws, name) {
  const t0 = now();
  ws.send(JSON.stringify({ action: "select_dashboard", payload: { dashboard: { full_name: name } } }));
  for (;;) {
    const m = await new Promise((res) => ws.once("message", (d) => res(d.toString())));
    if (m.startsWith('{"schema_version"')) return { ms: now() - t0, bytes: m.length };
    if (m.includes('"action":"execution_error"') && !m.includes("no database")) throw new Error(m);
  }
}

async function selectTimes(url, payloadFile, pid) {
  const top = Object.entries(JSON.parse(fs.readFileSync(payloadFile, "utf8")).benchmarks)
    .filter(([, b]) => b.is_top_level).map(([n]) => n).sort();
  const ws = new WebSocket(url, { maxPayload: 1 << 30 });
  await new Promise((res) => ws.once("open", res));
  const before = rss(pid).anon;
  const first = await selectOnce(ws, top[0]);
  const grow = rss(pid).anon - before;
  const again = await selectOnce(ws, top[0]);
  const other = await selectOnce(ws, top[1]);
  ws.close();
  return { name: top[0], kb: (first.bytes / 1024).toFixed(0), first: first.ms, grow, again: again.ms,
           other: top[1], otherMs: other.ms };
}

async function main() {
  const mod = fs.mkdtempSync(path.join(os.tmpdir(), "lp_srvbench_"));
  execFileSync("cp", ["-a", srcMod + "/.", mod]);
  fs.mkdirSync(cache, { recursive: true });
  // outside the mod: a new file there would make the persisted index stale
  const payloadFile = mod + ".payload.json";
  // the persisted index written, so both measured processes reopen it
  fs.writeFileSync(payloadFile, execFileSync(cli, ["--mod-location", mod, "--index-cache", cache, "payload"],
                                             { maxBuffer: 64 << 20 }).toString().replace(/\n$/, ""));
  const rows = [];
  const row = (what, goal, v, floor) => rows.push("| " + [what, goal, v, floor].join(" | ") + " |");

  // idle RSS: the server after startup, no client yet; beside `watch` on the same image
  const port = await freePort();
  const srv = await startUntil(cli, ["--mod-location", mod, "--index-cache", cache, "server", "--port",
                                     String(port)], "stderr", /listening on/);
  await sleep(1500);
  const r = rss(srv.pid);
  const srvLibs = libs(srv.pid);
  const w = await startUntil(cli, ["--mod-location", mod, "--index-cache", cache, "watch"], "stdout", /\n/);
  await sleep(1500);
  const rw = rss(w.pid);
  await stop(w);
  const mb = (kb) => (kb / 1024).toFixed(1) + " MiB";
  row("idle server RSS after startup, persisted index (anonymous + file-backed)", "≤ 8 MiB",
      mb(r.rss) + " (" + mb(r.anon) + " + " + mb(r.file) + "); " + srvLibs.length + " shared libraries: " +
      srvLibs.join(", "),
      "`lazypipe watch`: " + mb(rw.rss) + " (" + mb(rw.anon) + " + " + mb(rw.file) + ")");

  const url = "ws://127.0.0.1:" + port + "/ws";
  // the first select_dashboard on a server reopened from its image: the first load builds a private
  // resolved twin of the workspace (README, "A reopened workspace"); then the same again (a cache
  // hit) and another benchmark (a load without the twin build)
  const sel = await selectTimes(url, payloadFile, srv.pid);
  row("first select_dashboard after reopening from the image (" + sel.name + ", " + sel.kb +
      " KB execution_started): to execution_started; RSS growth (anonymous)", "—",
      sel.first.toFixed(1) + " ms; +" + mb(sel.grow), "same again: " + sel.again.toFixed(1) +
      " ms; another (" + sel.other + "): " + sel.otherMs.toFixed(1) + " ms");
  const fl = await floorServer(payloadFile);
  const rt = await roundTrips(url, fl.url);
  row("get_available_dashboards round trip, one client (" + (rt.bytes / 1e6).toFixed(2) +
      " MB), median (min) of " + REPS, "≤ 3 ms", rt.median.toFixed(2) + " ms (" + rt.min.toFixed(2) + ")",
      "node ws server, same bytes, requests alternating: " + rt.fmedian.toFixed(2) + " ms (" +
      rt.fmin.toFixed(2) + ")");
  const tp = await throughput(url);
  const tpf = await throughput(fl.url);
  row("round trips/s, " + CLIENTS + " clients for " + SECONDS + " s", "—", tp.toFixed(0) + " /s",
      "node ws server: " + tpf.toFixed(0) + " /s");
  await stop(fl.p);
  const sp = await saveToPush(url, mod);
  await stop(srv);
  const sw = await saveToWatchLine(mod);
  row("file save to the pushed available_dashboards (100 ms debounce included), median (min) of 8",
      "≤ 150 ms",
      sp.median.toFixed(1) + " ms (" + sp.min.toFixed(1) + ")",
      "save to `lazypipe watch`'s line: " + sw.median.toFixed(1) + " ms (" + sw.min.toFixed(1) + ")");
  fs.rmSync(mod, { recursive: true, force: true });
  fs.rmSync(payloadFile, { force: true });
  console.log("| measure | goal | lazypipe server | floor (same run) |\n|---|---|---|---|\n" +
              rows.join("\n"));
}

main().catch((e) => {
  console.error("server bench: " + e.message);
  for (const p of started) p.kill("SIGTERM");
  process.exit(1);
});
