// bench/viewers_bench.js CLI PG_URL — one server for a thousand viewers (issue 34 §4; make
// bench-viewers runs it, it needs ws from .deps/node and the tests' PostgreSQL).
//
// A generated mod of DASHBOARDS dashboards of LEAVES cards, each card a statement of its own that
// calls nextval() of one sequence made for the run, so PostgreSQL's count of the statements really
// run is the sequence's value, whatever the server says.  The server runs on PG_URL with
// --max-parallel PARALLEL (its one pool: every session's runs share it).  Two scenes:
//   one:    VIEWERS clients on one dashboard
//   spread: VIEWERS clients spread over DASHBOARDS dashboards (VIEWERS / DASHBOARDS each)
// For each: the clients open and select at once; then every card's SQL is edited (a change), every
// session runs again.  Reported per scene: statements per selection wave and per change (the goal:
// LEAVES per dashboard shown), the server's RSS after each and its peak, the most connections the
// pool held (pg_stat_activity, sampled every 50 ms) and the most threads the server had (/proc, at
// the same times), and the delay from a leaf's completion (the timestamp of its leaf_node_updated,
// taken when the run engine reports the node; or the client's selection, when later) to its frame
// at each client: p50 / p99 / max, beside
// two floors measured in the same run by a node ws server and the same clients (the delay from its
// send to each client's receipt): LEAVES frames of a leaf's size; and the messages of one execution
// as the server sent them to a client (execution_started, dashboard_metadata, the leaves,
// execution_complete: their sizes, in order), to every client.
// The clients are plain sockets speaking RFC 6455 (RawClient). SPLIT=1 also prints the delays of the
// selection wave and of the change wave apart.
// Prints Markdown rows; timings never fail (exit 1 only when something cannot run).
"use strict";
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const net = require("net");
const os = require("os");
const path = require("path");
const WebSocket = require("ws");
const crypto = require("crypto");

const [cli, pg] = process.argv.slice(2);
const VIEWERS = Number(process.env.VIEWERS || 1000);
const DASHBOARDS = Number(process.env.DASHBOARDS || 100);
const LEAVES = Number(process.env.LEAVES || 30);
const PARALLEL = Number(process.env.PARALLEL || 10);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))] : NaN; };
const MiB = (kb) => (kb / 1024).toFixed(1);
const tag = `lpv_${process.pid}`;
const { performance } = require("perf_hooks");
const wall = () => performance.timeOrigin + performance.now();   // Unix ms, sub-millisecond
// Go's RFC 3339 with nanoseconds (srv_timestamp) as Unix ms
const stampMs = (ts) => {
  const f = ts.match(/\.(\d+)Z$/);
  return Date.parse(ts.slice(0, 19) + "Z") + (f ? Number("0." + f[1]) * 1000 : 0);
};

function psql(sql) {
  return execFileSync("psql", [pg, "-Atc", sql], { encoding: "utf8" }).trim();
}
function statements() {
  return Number(psql(`select case when is_called then last_value else 0 end from ${tag}`));
}

function rss(pid) {
  const st = fs.readFileSync("/proc/" + pid + "/status", "utf8");
  const kb = (k) => Number((st.match(new RegExp("^" + k + ":\\s+(\\d+)", "m")) || [0, 0])[1]);
  return { rss: kb("VmRSS"), hwm: kb("VmHWM"), threads: kb("Threads") };
}

// CPU seconds (user + system) of a process, from /proc (clock ticks of 100 Hz)
function cpuOf(pid) {
  const f = fs.readFileSync("/proc/" + pid + "/stat", "utf8").split(") ")[1].split(" ");
  return (Number(f[11]) + Number(f[12])) / 100;
}

function freePort() {
  return new Promise((res) => { const s = net.createServer().listen(0, "127.0.0.1", () => {
    const p = s.address().port; s.close(() => res(p)); }); });
}

// every card's SQL with version v (a change edits all of them), in one file: one refresh per change
function writeMod(dir, v) {
  let t = "";
  for (let d = 0; d < DASHBOARDS; d++) {
    t += `dashboard "d${d}" {\n  title = "Dashboard ${d}"\n`;
    for (let l = 0; l < LEAVES; l++)
      t += `  card "d${d}_c${l}" {\n    sql = "select nextval('${tag}') * 0 + ${v} as value, 'd${d}c${l}' as label"\n  }\n`;
    t += "}\n";
  }
  fs.writeFileSync(path.join(dir, "dash.pp.tmp"), t);
  fs.renameSync(path.join(dir, "dash.pp.tmp"), path.join(dir, "dash.pp"));
}

// The server's log goes to a file, not through this process: a pipe this busy process drains late
// would block the server's loop on its own log lines (it did: a third of the wave's time).
function startServer(args, logPath) {
  return new Promise((res, rej) => {
    const fd = fs.openSync(logPath, "w");
    const p = spawn(cli, args, { stdio: ["ignore", "ignore", fd] });
    fs.closeSync(fd);
    const t0 = Date.now();
    const poll = () => {
      if (/listening on/.test(fs.readFileSync(logPath, "utf8"))) return res(p);
      if (Date.now() - t0 > 120000) return rej(new Error("the server did not start"));
      setTimeout(poll, 50);
    };
    p.on("exit", (c) => rej(new Error("server exited " + c + ": " + fs.readFileSync(logPath, "utf8").slice(-500))));
    poll();
  });
}

// pg_stat_activity's count of the server's connections, read every 50 ms by one psql session
function sampler(app, pid) {
  const s = { most: 0, threads: 0, on: true };
  const p = spawn("psql", [pg, "-At"], { stdio: ["pipe", "pipe", "ignore"] });
  let pending = "";
  const ask = () => p.stdin.write(`select count(*) from pg_stat_activity where application_name = '${app}';\n`);
  p.stdout.on("data", (d) => {
    pending += d;
    let nl;
    while ((nl = pending.indexOf("\n")) >= 0) {
      s.most = Math.max(s.most, Number(pending.slice(0, nl)));
      s.threads = Math.max(s.threads, rss(pid).threads);
      pending = pending.slice(nl + 1);
      if (s.on) setTimeout(ask, 50);
    }
  });
  ask();
  s.stop = () => { s.on = false; p.stdin.end(); };
  return s;
}

// A WebSocket client over a plain socket (RFC 6455, no extension): each read's arrival time is taken
// once, before its frames are parsed, so what is measured is when the bytes reached this process,
// not how long one process takes to parse 33,000 messages of 1,000 clients one after the other (with
// the ws library's client and JSON.parse for each, that was most of the p99: the server had sent
// the whole wave within 40 ms).  The floors' clients are the same.  onMessage(payload, at).
class RawClient {
  constructor(url, onMessage) {
    const u = new URL(url);
    this.onMessage = onMessage;
    this.pending = null;      // bytes of a frame not yet whole
    this.parts = [];          // a fragmented message's payloads
    this.upgraded = false;
    this.opened = new Promise((res, rej) => { this.resolveOpen = res; this.rejectOpen = rej; });
    this.sock = net.connect(Number(u.port), u.hostname, () => {
      this.sock.setNoDelay(true);
      this.sock.write(`GET ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\n` +
        `Connection: Upgrade\r\nSec-WebSocket-Key: ${crypto.randomBytes(16).toString("base64")}\r\n` +
        "Sec-WebSocket-Version: 13\r\n\r\n");
    });
    this.sock.on("error", (e) => this.rejectOpen(e));
    this.sock.on("data", (d) => this.data(d, wall()));
  }
  data(d, at) {
    let b = this.pending ? Buffer.concat([this.pending, d]) : d;
    this.pending = null;
    if (!this.upgraded) {
      const end = b.indexOf("\r\n\r\n");
      if (end < 0) { this.pending = b; return; }
      if (!/^HTTP\/1\.1 101/.test(b.toString("latin1", 0, 12))) return this.rejectOpen(new Error("no upgrade"));
      this.upgraded = true;
      this.resolveOpen();
      b = b.subarray(end + 4);
    }
    while (b.length >= 2) {
      let len = b[1] & 127, hdr = 2;
      if (len === 126) { if (b.length < 4) break; len = b.readUInt16BE(2); hdr = 4; }
      else if (len === 127) { if (b.length < 10) break; len = Number(b.readBigUInt64BE(2)); hdr = 10; }
      if (b.length < hdr + len) break;
      const op = b[0] & 15, fin = b[0] & 128, payload = b.subarray(hdr, hdr + len);
      b = b.subarray(hdr + len);
      if (op >= 8) continue;   // control frames: the server sends none but its close
      this.parts.push(payload);
      if (fin) {
        const whole = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
        this.parts = [];
        this.onMessage(whole, at);
      }
    }
    if (b.length) this.pending = Buffer.from(b);
  }
  send(text) {   // a masked text frame (a client's must be)
    const p = Buffer.from(text), mask = crypto.randomBytes(4);
    const h = p.length < 126 ? Buffer.from([0x81, 0x80 | p.length])
      : Buffer.from([0x81, 0x80 | 126, p.length >> 8, p.length & 255]);
    for (let i = 0; i < p.length; i++) p[i] ^= mask[i & 3];
    this.sock.write(Buffer.concat([h, mask, p]));
  }
  terminate() { this.sock.destroy(); }
}

const LEAF = '"action":"leaf_node_updated"', COMPLETE = '"action":"execution_complete"', TS = '"timestamp":"';

// (arrival, selection, timestamp) triples: the delay from the leaf's completion, or from the
// client's selection when it asked later (a leaf that completed before a client selected cannot
// reach it before it asks)
function delaysOf(raw) {
  const d = [];
  for (let i = 0; i < raw.length; i += 3) d.push(raw[i] - Math.max(raw[i + 1], stampMs(raw[i + 2])));
  return d;
}

// A viewer: its session's runs; each leaf_node_updated's delay from its timestamp to its arrival.
class Viewer {
  constructor(url, dash, delays) {
    this.dash = dash;
    this.delays = delays;
    this.waiting = null;
    this.complete = 0;
    this.askedAt = 0;
    this.sizes = [];   // the bytes of each message of its first execution, in order (the floor sends these)
    this.ws = new RawClient(url, (d, at) => {
      const leaf = d.indexOf(LEAF) >= 0;
      if (this.complete === 0) this.sizes.push({ bytes: d.length, leaf });
      if (leaf) {
        const i = d.indexOf(TS) + TS.length;
        // kept raw, worked out after the wave (delaysOf): parsing here would delay the next reads
        this.delays.push(at, this.askedAt, d.toString("latin1", i, d.indexOf('"', i)));
      } else if (d.indexOf(COMPLETE) >= 0) {
        this.complete++;
        if (this.waiting) { const w = this.waiting; this.waiting = null; w(); }
      }
    });
  }
  open() { return this.ws.opened; }
  select() {
    this.askedAt = wall();
    this.ws.send(JSON.stringify({ action: "select_dashboard",
      payload: { dashboard: { full_name: `viewers.dashboard.d${this.dash}` }, inputs: {} } }));
  }
  completes(n) {
    return new Promise((res) => {
      const check = () => (this.complete >= n ? res() : (this.waiting = check));
      check();
    });
  }
}

// The floor: a node ws server sending to `clients` clients the frames `frames` ({bytes, leaf}, in order;
// each leaf stamped with its send time, sent 1 ms apart as a run's leaves come); the delay from a leaf's
// send to each receipt.
async function floor(clients, frames) {
  const port = await freePort();
  const wss = new WebSocket.Server({ port, host: "127.0.0.1", perMessageDeflate: false });
  const conns = [];
  wss.on("connection", (c) => conns.push(c));
  const delays = [];
  const cs = [];
  for (let i = 0; i < clients; i++) {
    const c = new RawClient(`ws://127.0.0.1:${port}/`, (d, at) => {
      if (d[0] === 0x30) delays.push(at - Number(d.toString("latin1", 0, 20)));
    });
    cs.push(c.opened);
  }
  await Promise.all(cs);
  while (conns.length < clients) await sleep(10);
  const n = frames.filter((f) => f.leaf).length;
  for (const f of frames) {
    if (!f.leaf) {
      const frame = "{" + "x".repeat(Math.max(0, f.bytes - 1));
      for (const c of conns) c.send(frame);
      continue;
    }
    const t = wall().toFixed(3).padStart(20, "0");
    const frame = t + "x".repeat(Math.max(0, f.bytes - 20));
    for (const c of conns) c.send(frame);
    await sleep(1);
  }
  while (delays.length < clients * n) await sleep(20);
  for (const c of conns) c.terminate();
  wss.close();
  return delays;
}

async function scene(name, url, server, app, dashOf) {
  const delays = [];
  const vs = [];
  for (let i = 0; i < VIEWERS; i++) vs.push(new Viewer(url, dashOf(i), delays));
  await Promise.all(vs.map((v) => v.open()));
  const shown = new Set(vs.map((v) => v.dash)).size;
  const samp = sampler(app, server.pid);
  const s0 = statements();
  let t0 = Date.now();
  for (const v of vs) v.select();
  await Promise.all(vs.map((v) => v.completes(1)));
  const selectMs = Date.now() - t0;
  const s1 = statements();
  const afterSelect = rss(server.pid);
  const selectDelays = delaysOf(delays.splice(0));
  // a change: every card's SQL edited; every session runs again
  t0 = Date.now();
  writeMod(scene.dir, 1 + ++scene.version);
  await Promise.all(vs.map((v) => v.completes(2)));
  const changeMs = Date.now() - t0;
  const s2 = statements();
  const afterChange = rss(server.pid);
  samp.stop();
  const changeDelays = delaysOf(delays.splice(0));
  for (const v of vs) v.ws.terminate();
  return { name, shown, selectMs, changeMs, selectStmts: s1 - s0, changeStmts: s2 - s1, afterSelect,
           afterChange, conns: samp.most, threads: samp.threads, selectDelays, changeDelays, sizes: vs[0].sizes };
}
scene.version = 0;

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lp_viewers_"));
  fs.writeFileSync(path.join(dir, "mod.pp"), 'mod "viewers" {\n  title = "Viewers"\n}\n');
  scene.dir = dir;
  writeMod(dir, 1);
  psql(`drop sequence if exists ${tag}; create sequence ${tag}`);
  const app = tag;
  const db = pg + (pg.includes("?") ? "&" : "?") + "application_name=" + app;
  const port = await freePort();
  const logPath = process.env.SERVER_LOG || path.join(os.tmpdir(), `lp_viewers_${process.pid}.log`);
  const server = await startServer(["--mod-location", dir, "server", "--port", String(port), "--database", db,
                                    "--max-parallel", String(PARALLEL)], logPath);
  await sleep(1500);
  const idle = rss(server.pid);
  const url = `ws://127.0.0.1:${port}/ws`;
  const one = await scene("one", url, server, app, () => 0);
  writeMod(dir, 1 + ++scene.version);   // new statements: nothing kept serves the next scene
  await sleep(2000);
  const spread = await scene("spread", url, server, app, (i) => i % DASHBOARDS);
  // the floors: frames of a leaf_node_updated's size to as many clients; and the messages of one
  // execution of the server's (execution_started, dashboard_metadata, the leaves, execution_complete)
  const fl = await floor(VIEWERS, Array.from({ length: LEAVES }, () => ({ bytes: 700, leaf: true })));
  const same = await floor(VIEWERS, one.sizes);
  const sameBytes = one.sizes.reduce((a, f) => a + f.bytes, 0);
  // clients gone: what the server keeps, then after --share-results (60 s) and housekeeping
  await sleep(2000);
  const left = rss(server.pid);
  const waitS = Number(process.env.IDLE_WAIT_S || 70);
  await sleep(waitS * 1000);
  const later = rss(server.pid);
  const serverCpu = cpuOf(server.pid);
  const cu = process.cpuUsage();
  const clientCpu = (cu.user + cu.system) / 1e6;
  server.kill("SIGTERM");
  psql(`drop sequence ${tag}`);
  fs.rmSync(dir, { recursive: true, force: true });
  if (!process.env.SERVER_LOG) fs.rmSync(logPath, { force: true });

  const row = (r) => {
    const d = r.changeDelays.concat(r.selectDelays);
    if (process.env.SPLIT) for (const [k, v] of [["select", r.selectDelays], ["change", r.changeDelays]])
      console.log(`${r.name} ${k}: ${pct(v, 0.5).toFixed(1)} / ${pct(v, 0.99).toFixed(1)} / ${pct(v, 1).toFixed(1)} ms`);
    return `| ${r.name}: ${VIEWERS} viewers of ${r.shown} dashboard${r.shown > 1 ? "s" : ""} | ` +
      `${r.selectStmts} / ${r.changeStmts} (goal ${r.shown * LEAVES}) | ${r.selectMs} / ${r.changeMs} ms | ` +
      `${MiB(r.afterSelect.rss)} / ${MiB(r.afterChange.rss)} MiB (peak ${MiB(r.afterChange.hwm)}, ${r.threads} threads) | ${r.conns} | ` +
      `${pct(d, 0.5).toFixed(1)} / ${pct(d, 0.99).toFixed(1)} / ${pct(d, 1).toFixed(1)} ms (${d.length}) |`;
  };
  console.log(`${VIEWERS} viewers, ${LEAVES} cards per dashboard, --max-parallel ${PARALLEL}, PostgreSQL ${pg}\n`);
  console.log("| scene | statements: selection / change | all complete: selection / change | server RSS " +
              "after selection / change | connections (most at once) | leaf completion to frame: p50 / p99 / max |");
  console.log("|---|---|---|---|---|---|");
  console.log(row(one));
  console.log(row(spread));
  console.log(`| floor: a node ws server, ${VIEWERS} clients, ${LEAVES} frames of 700 bytes | | | | | ` +
              `${pct(fl, 0.5).toFixed(1)} / ${pct(fl, 0.99).toFixed(1)} / ${pct(fl, 1).toFixed(1)} ms (${fl.length}) |`);
  console.log(`| floor: the same, ${VIEWERS} clients, one execution's ${one.sizes.length} messages of the server's ` +
              `sizes (${sameBytes} bytes) | | | | | ` +
              `${pct(same, 0.5).toFixed(1)} / ${pct(same, 0.99).toFixed(1)} / ${pct(same, 1).toFixed(1)} ms (${same.length}) |`);
  console.log(`\nCPU over the whole bench: the server ${serverCpu.toFixed(1)} s, the clients' node process ` +
              `${clientCpu.toFixed(1)} s (load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")})`);
  console.log(`\nserver RSS: idle ${MiB(idle.rss)} MiB; every client gone ${MiB(left.rss)} MiB; ${waitS} s later ` +
              `${MiB(later.rss)} MiB (peak ${MiB(later.hwm)} MiB, ${later.threads} threads)`);
  process.exit(0);
}
main().catch((e) => { console.error(e.stack || e.message); process.exit(1); });
