// bench/viewers_bench.js CLI PG_URL — one server for a thousand viewers (make
// bench-viewers runs it, it needs the tests' PostgreSQL).
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
// at each client: p50 / p99 / max.
// The clients are plain sockets speaking RFC 6455 (RawClient), VIEWERS of them spread over
// CLIENT_PROCS node processes (4 by default; viewer i in process i % CLIENT_PROCS), so that one
// process reading 1,000 sockets is not what is measured (VIEWERS=10000: CLIENT_PROCS=8, 1,250 each).
// Between the scenes it waits for the server to have seen every client leave (its log).  Every
// process times a read by the wall
// clock (performance.timeOrigin + performance.now(): Unix ms, sub-millisecond, the same epoch in
// every process and the server's timestamps').
// The floor, measured in the same run by the same clients: a node process of its own (not a client
// process) that does the server's work for a change wave of one dashboard: at one instant "every
// leaf completes" (the leaves' timestamp), and it writes to all VIEWERS clients at once the messages
// one client got in the one-dashboard change wave (their count, sizes and order; leaves and
// execution_complete as the server's, the others padding), one client's in one write (the server's
// batched writes), FLOOR_WAVES times.
// The clients are warmed first (WARMUP=0: not): the floor's waves of a one-dashboard wave's shape,
// their delays thrown away, so that the selection wave, the first the clients read, does not also
// time V8 compiling their code, as the floor (measured after the scenes) never does: cold, the
// clients took 100-140 ms more CPU in the selection wave than in the change wave (the machine's
// two cores shared with the server's loop, that was most of the selection wave's excess).
// A second table gives each wave apart (the selection and the change of each scene), its p99 beside
// the floor's, and the server's log lines "send queues of N sessions emptied X ms after the first was
// filled" of that wave (N: X ms).
// CHECK_RSS_MIB=N makes it a test: exit 1 when a wave did not run each card's statement once or the
// server's peak RSS passed N MiB (tests/check_server_memory.sh).
// SMAPS_OUT=prefix writes the server's /proc/PID/smaps idle at start (prefix.start) and IDLE_WAIT_S
// after the clients left (prefix.idle): where its resident memory is (a heap's segments, libraries).
// Prints Markdown rows; timings never fail (exit 1 only when something cannot run).
"use strict";
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const net = require("net");
const os = require("os");
const path = require("path");
const crypto = require("crypto");

const ROLE = process.argv[2];   // --clients, --floor-server: the child processes
const [cli, pg] = process.argv.slice(2);
const VIEWERS = Number(process.env.VIEWERS || 1000);
const DASHBOARDS = Number(process.env.DASHBOARDS || 100);
const LEAVES = Number(process.env.LEAVES || 30);
const PARALLEL = Number(process.env.PARALLEL || 10);
const CLIENT_PROCS = Number(process.env.CLIENT_PROCS || 4);
const FLOOR_WAVES = Number(process.env.FLOOR_WAVES || 2);
const WARMUP = process.env.WARMUP !== "0";
// SCENES=one: the one-dashboard scene and the floor only (what is compared with the floor), for
// runs alternated between two builds; SCENES=spread: the spread scene alone (no floor): its memory apart
const SCENES = (process.env.SCENES || "one,spread").split(",");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (a, p) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))] : NaN;
};
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

// CPU ms of the server's loop (its main thread), from the scheduler's ns: what the loop itself spent on
// a wave, whatever else the machine was doing meanwhile (the wall-clock delays are not)
// and the ms it was runnable but waited for a CPU (the machine's other work)
function loopCpuMs(pid) {
  const f = fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, "utf8").split(" ");
  loopCpuMs.waited = Number(f[1]) / 1e6;
  return Number(f[0]) / 1e6;
}
// and its wake-ups: the times it slept (voluntary context switches: each a wait for a CPU again on a
// busy machine) and was preempted
function loopSwitches(pid) {
  const st = fs.readFileSync(`/proc/${pid}/task/${pid}/status`, "utf8");
  const n = (k) => Number((st.match(new RegExp("^" + k + ":\\s+(\\d+)", "m")) || [0, 0])[1]);
  return [n("voluntary_ctxt_switches"), n("nonvoluntary_ctxt_switches")];
}
// and its page faults (minor: fresh pages of the allocator, mostly)
function loopFaults(pid) {
  return Number(fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, "utf8").split(") ")[1].split(" ")[7]);
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
      t += `  card "d${d}_c${l}" {\n    sql = "select nextval('${tag}') * 0 + ${v} as value, ` +
        `'d${d}c${l}' as label"\n  }\n`;
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
    p.on("exit", (c) => rej(new Error("server exited " + c + ": " +
                                      fs.readFileSync(logPath, "utf8").slice(-500))));
    poll();
  });
}

// pg_stat_activity's count of the server's connections, read every 50 ms by one psql session
function sampler(app, pid) {
  const s = { most: 0, threads: 0, on: true };
  const p = spawn("psql", [pg, "-At"], { stdio: ["pipe", "pipe", "ignore"] });
  let pending = "";
  const ask = () =>
    p.stdin.write(`select count(*) from pg_stat_activity where application_name = '${app}';\n`);
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
// the whole wave within 40 ms).  The floor's clients are the same.  onMessage(payload, at).
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
      if (!/^HTTP\/1\.1 101/.test(b.toString("latin1", 0, 12)))
        return this.rejectOpen(new Error("no upgrade"));
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
    this.sizes = [];   // per execution, the messages it got ({bytes, kind}, in order): the floor sends these
    this.ws = new RawClient(url, (d, at) => {
      const leaf = d.indexOf(LEAF) >= 0, complete = !leaf && d.indexOf(COMPLETE) >= 0;
      (this.sizes[this.complete] ||= [])
        .push({ bytes: d.length, kind: leaf ? "leaf" : complete ? "complete" : "other" });
      if (leaf) {
        const i = d.indexOf(TS) + TS.length;
        // kept raw, worked out after the wave (delaysOf): parsing here would delay the next reads
        this.delays.push(at, this.askedAt, d.toString("latin1", i, d.indexOf('"', i)));
      } else if (complete) {
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

// A client process (--clients): its share of the viewers, driven by the main process over IPC; each
// message {id, cmd, ...} is answered with {id, ...}.
function clientsMain() {
  let vs = [], delays = [];
  process.on("message", async (m) => {
    const reply = (r) => process.send({ id: m.id, ...r });
    if (m.cmd === "open") {
      delays = [];
      vs = m.dashes.map((d) => new Viewer(m.url, d, delays));
      await Promise.all(vs.map((v) => v.open()));
      reply({});
    } else if (m.cmd === "select") {
      for (const v of vs) v.select();
      reply({});
    } else if (m.cmd === "wait") {
      await Promise.all(vs.map((v) => v.completes(m.n)));
      reply({});
    } else if (m.cmd === "take") {
      const raw = delays.splice(0), arrivals = [];
      let first = Infinity;
      for (let i = 0; i < raw.length; i += 3) {
        arrivals.push(raw[i]);
        first = Math.min(first, stampMs(raw[i + 2]));
      }
      reply({ delays: delaysOf(raw), arrivals, first, sizes: vs.length ? vs[0].sizes : [] });
    } else if (m.cmd === "close") {
      for (const v of vs) v.ws.terminate();
      vs = [];
      reply({});
    } else if (m.cmd === "cpu") {
      const cu = process.cpuUsage();
      reply({ cpu: (cu.user + cu.system) / 1e6 });
    } else if (m.cmd === "exit") process.exit(0);
  });
}

// Unix ms as Go's RFC 3339 with nanoseconds (the server's leaf timestamps)
function stampOf(ms) {
  const s = Math.floor(ms / 1000);
  return new Date(s * 1000).toISOString().slice(0, 19) + "." +
    String(Math.round((ms - s * 1000) * 1e6)).padStart(9, "0") + "Z";
}

// An unmasked text frame (a server's), its payload a message of `bytes` bytes that the viewers take
// for the kind's (a leaf with timestamp `stamp`, an execution_complete, or another)
function frameOf({ bytes, kind }, stamp) {
  const head = kind === "leaf" ? `{${LEAF},${TS}${stamp}","p":"`
    : kind === "complete" ? `{${COMPLETE},"p":"` : '{"action":"other","p":"';
  const p = Buffer.from(head + "x".repeat(Math.max(0, bytes - head.length - 2)) + '"}');
  const n = p.length;
  const h = n < 126 ? Buffer.from([0x81, n]) : n < 65536 ? Buffer.from([0x81, 126, n >> 8, n & 255])
    : Buffer.concat([Buffer.from([0x81, 127]),
                     (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(n)); return b; })()]);
  return Buffer.concat([h, p]);
}

// The floor's server (--floor-server): a node process of its own accepting WebSocket clients; on
// "wave" every leaf of the wave completes at once (now: their timestamp) and each client is written
// the whole wave in one write, one client after the other, as the server's loop does with its queues.
function floorMain() {
  const socks = new Set();
  const srv = net.createServer((c) => {
    c.setNoDelay(true);
    c.on("error", () => {});
    let buf = Buffer.alloc(0);
    const handshake = (d) => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf("\r\n\r\n");
      if (end < 0) return;
      c.removeListener("data", handshake);
      c.on("data", () => {});   // the floor's clients send nothing after it
      const key = /Sec-WebSocket-Key: *(\S+)/i.exec(buf.toString("latin1", 0, end))[1];
      const accept = crypto.createHash("sha1").update(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
        .digest("base64");
      c.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
              `Sec-WebSocket-Accept: ${accept}\r\n\r\n`);
      socks.add(c);
      c.on("close", () => socks.delete(c));
    };
    c.on("data", handshake);
  });
  const listening = new Promise((res) => srv.listen(0, "127.0.0.1", res));
  process.on("message", async (m) => {
    const reply = (r) => process.send({ id: m.id, ...r });
    if (m.cmd === "port") { await listening; reply({ port: srv.address().port }); }
    else if (m.cmd === "count") reply({ n: socks.size });
    else if (m.cmd === "wave") {
      const at = wall();
      const stamp = stampOf(at);
      const wave = Buffer.concat(m.sizes.map((f) => frameOf(f, stamp)));
      for (const c of socks) c.write(wave);
      reply({ writtenMs: wall() - at });
    } else if (m.cmd === "cpu") {
      const cu = process.cpuUsage();
      reply({ cpu: (cu.user + cu.system) / 1e6 });
    } else if (m.cmd === "exit") { for (const c of socks) c.destroy(); srv.close(); process.exit(0); }
  });
}

// A child process of this script in `role`, asked over IPC: ask(msg) resolves with its answer.
let askId = 0;
function child(role) {
  const proc = spawn(process.execPath, [__filename, role],
                     { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const pending = new Map();
  proc.on("message", (m) => { const r = pending.get(m.id); if (r) { pending.delete(m.id); r(m); } });
  return { proc, ask: (msg) => new Promise((res) => {
    const id = ++askId;
    pending.set(id, res);
    proc.send({ id, ...msg });
  }) };
}
const askAll = (procs, msg) => Promise.all(procs.map((c) => c.ask(msg)));
const flat = (rs, k = "delays") => {
  const d = [];
  for (const r of rs) for (const x of r[k]) d.push(x);
  return d;
};
// a wave's timeline from its first leaf's completion: when its leaves' frames reached the clients
// (p50 / p99 / last), and when the server's log says it had emptied its last send queue
function timeline(rs, lastEmptied) {
  const first = Math.min(...rs.map((r) => r.first));
  const a = flat(rs, "arrivals").map((x) => x - first);
  return { first, reads: a, emptied: lastEmptied === null ? null : lastEmptied - first };
}
// viewer i's in process i % CLIENT_PROCS
const shareOf = (k, f) => {
  const a = [];
  for (let i = k; i < VIEWERS; i += CLIENT_PROCS) a.push(f(i));
  return a;
};

// the server's log lines "send queues of N sessions emptied X ms after the first was filled" written
// since byte `from`, said shortly: "N: X ms" for those of at least VIEWERS / 2 sessions, the rest counted
function queueLines(logPath, from) {
  const t = fs.readFileSync(logPath).subarray(from).toString();
  const all = [...t.matchAll(/send queues of (\d+) sessions emptied ([\d.]+) ms/g)]
    .map((m) => [+m[1], +m[2]]);
  // the log's local time of day of the last such line (HH:MM:SS.mmm), as Unix ms of today
  const times = [...t.matchAll(/^(\d\d):(\d\d):(\d\d)\.(\d{3}) send queues of/gm)];
  queueLines.last = null;
  if (times.length) {
    const m = times[times.length - 1], d = new Date();
    d.setHours(+m[1], +m[2], +m[3], +m[4]);
    queueLines.last = d.getTime();
  }
  const big = all.filter(([n]) => n >= VIEWERS / 2), small = all.filter(([n]) => n < VIEWERS / 2);
  const out = big.map(([n, ms]) => `${n}: ${ms.toFixed(1)} ms`);
  if (small.length)
    out.push(`${small.length} of fewer sessions: ` +
             `at most ${Math.max(...small.map((x) => x[1])).toFixed(1)} ms`);
  return out;
}

async function scene(name, url, server, app, dashOf, clients, logPath) {
  await Promise.all(clients.map((c, k) => c.ask({ cmd: "open", url, dashes: shareOf(k, dashOf) })));
  const shown = new Set(Array.from({ length: VIEWERS }, (_, i) => dashOf(i))).size;
  const samp = sampler(app, server.pid);
  const s0 = statements();
  let log0 = fs.statSync(logPath).size;
  const k0 = await clientsCpu(clients);
  let t0 = Date.now();
  let c0 = loopCpuMs(server.pid), f0 = loopFaults(server.pid), w0 = loopCpuMs.waited,
    x0 = loopSwitches(server.pid);
  await askAll(clients, { cmd: "select" });
  await askAll(clients, { cmd: "wait", n: 1 });
  const selectMs = Date.now() - t0;
  const k1 = await clientsCpu(clients);
  if (process.env.BENCH_MARKS)
    console.error(`${name} selection wave: --time ${(t0 / 1e3).toFixed(3)},${(Date.now() / 1e3).toFixed(3)}`);
  const selectCpu = loopCpuMs(server.pid) - c0, selectFaults = loopFaults(server.pid) - f0;
  const selectWaited = loopCpuMs.waited - w0;
  const selectSwitches = loopSwitches(server.pid).map((x, i) => x - x0[i]);
  const s1 = statements();
  const afterSelect = rss(server.pid);
  const selTaken = await askAll(clients, { cmd: "take" });
  const selectDelays = flat(selTaken);
  const selectLog = queueLines(logPath, log0);
  const selectTime = timeline(selTaken, queueLines.last);
  // a change: every card's SQL edited; every session runs again
  log0 = fs.statSync(logPath).size;
  t0 = Date.now();
  c0 = loopCpuMs(server.pid);
  w0 = loopCpuMs.waited;
  f0 = loopFaults(server.pid);
  x0 = loopSwitches(server.pid);
  writeMod(scene.dir, 1 + ++scene.version);
  await askAll(clients, { cmd: "wait", n: 2 });
  const changeMs = Date.now() - t0;
  const k2 = await clientsCpu(clients);
  const changeCpu = loopCpuMs(server.pid) - c0, changeFaults = loopFaults(server.pid) - f0;
  const changeWaited = loopCpuMs.waited - w0;
  const changeSwitches = loopSwitches(server.pid).map((x, i) => x - x0[i]);
  // (for perf record -k CLOCK_REALTIME: perf report --time START,END)
  if (process.env.BENCH_MARKS)
    console.error(`${name} change wave: --time ${(t0 / 1e3).toFixed(3)},${(Date.now() / 1e3).toFixed(3)}`);
  const s2 = statements();
  const afterChange = rss(server.pid);
  samp.stop();
  const taken = await askAll(clients, { cmd: "take" });
  const changeDelays = flat(taken);
  const changeLog = queueLines(logPath, log0);
  const changeTime = timeline(taken, queueLines.last);
  const closedAt = fs.statSync(logPath).size;
  await askAll(clients, { cmd: "close" });
  // until the server has seen every client go: an edit before that would run the sessions still
  // there, and the next scene would take those rows (10,000 viewers take seconds to leave)
  for (let i = 0; i < 600 &&
       !/disconnected \(0 sessions\)/.test(fs.readFileSync(logPath).subarray(closedAt).toString()); i++)
    await sleep(100);
  return { name, shown, selectMs, changeMs, selectStmts: s1 - s0, changeStmts: s2 - s1, afterSelect,
           afterChange, conns: samp.most, threads: samp.threads, selectDelays, changeDelays,
           selectLog, changeLog, selectTime, changeTime, changeWave: taken[0].sizes[1], selectCpu, changeCpu,
           selectFaults, changeFaults, selectWaited, changeWaited, selectSwitches, changeSwitches,
           selectClientCpu: k1 - k0, changeClientCpu: k2 - k1 };
}
scene.version = 0;

// the client processes' CPU seconds so far
const clientsCpu = async (clients) =>
  (await askAll(clients, { cmd: "cpu" })).reduce((a, r) => a + r.cpu, 0);

// The clients' warm-up (WARMUP): the floor's waves of a one-dashboard wave's shape (an
// execution_started and a dashboard_metadata of its sizes, LEAVES leaves, its execution_complete)
async function warmUp(clients) {
  const w = [{ bytes: 15665, kind: "other" }, { bytes: 700, kind: "other" }];
  for (let i = 0; i < LEAVES; i++) w.push({ bytes: 580, kind: "leaf" });
  w.push({ bytes: 19577, kind: "complete" });
  await floor(clients, w);
}

// The floor: its server process writes the wave `sizes` to every client FLOOR_WAVES times, each time
// once the clients had the last
async function floor(clients, sizes) {
  const f = child("--floor-server");
  const { port } = await f.ask({ cmd: "port" });
  await Promise.all(clients.map((c, k) => c.ask({ cmd: "open", url: `ws://127.0.0.1:${port}/`,
                                                  dashes: shareOf(k, () => 0) })));
  while ((await f.ask({ cmd: "count" })).n < VIEWERS) await sleep(10);
  const delays = [], written = [], reads = [];
  for (let w = 1; w <= FLOOR_WAVES; w++) {
    await sleep(500);
    written.push((await f.ask({ cmd: "wave", sizes })).writtenMs);
    await askAll(clients, { cmd: "wait", n: w });
    const taken = await askAll(clients, { cmd: "take" });
    for (const x of flat(taken)) delays.push(x);
    for (const x of timeline(taken, null).reads) reads.push(x);
  }
  await askAll(clients, { cmd: "close" });
  const { cpu } = await f.ask({ cmd: "cpu" });
  f.proc.send({ cmd: "exit" });
  return { delays, written, reads, cpu };
}

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
  const clients = Array.from({ length: CLIENT_PROCS }, () => child("--clients"));
  await sleep(1500);
  const idle = rss(server.pid);
  const smaps = (when) => process.env.SMAPS_OUT &&
    fs.writeFileSync(`${process.env.SMAPS_OUT}.${when}`, fs.readFileSync("/proc/" + server.pid + "/smaps"));
  smaps("start");
  const url = `ws://127.0.0.1:${port}/ws`;
  if (WARMUP) await warmUp(clients);
  const one = SCENES.includes("one") ? await scene("one", url, server, app, () => 0, clients, logPath) : null;
  if (one) {
    writeMod(dir, 1 + ++scene.version);   // new statements: nothing kept serves the next scene
    await sleep(2000);
  }
  const spread = SCENES.includes("spread")
    ? await scene("spread", url, server, app, (i) => i % DASHBOARDS, clients, logPath) : null;
  const wave = one ? one.changeWave : [];
  const fl = one ? await floor(clients, wave) : { delays: [], written: [], reads: [], cpu: 0 };
  const waveBytes = wave.reduce((a, f) => a + f.bytes, 0);
  // clients gone: what the server keeps, then after --share-results (60 s) and housekeeping
  await sleep(2000);
  const left = rss(server.pid);
  const waitS = Number(process.env.IDLE_WAIT_S ?? 70);
  await sleep(waitS * 1000);
  const later = rss(server.pid);
  smaps("idle");   // SMAPS_OUT=prefix: the server's mappings idle at start and now, to see where RSS is
  const serverCpu = cpuOf(server.pid);
  const clientCpu = (await askAll(clients, { cmd: "cpu" })).reduce((a, r) => a + r.cpu, 0);
  for (const c of clients) c.proc.send({ cmd: "exit" });
  server.kill("SIGTERM");
  psql(`drop sequence ${tag}`);
  fs.rmSync(dir, { recursive: true, force: true });
  if (!process.env.SERVER_LOG) fs.rmSync(logPath, { force: true });

  const q = (v) => `${pct(v, 0.5).toFixed(1)} / ${pct(v, 0.99).toFixed(1)} / ` +
    `${pct(v, 1).toFixed(1)} ms (${v.length})`;
  const row = (r) => {
    const d = r.changeDelays.concat(r.selectDelays);
    return `| ${r.name}: ${VIEWERS} viewers of ${r.shown} dashboard${r.shown > 1 ? "s" : ""} | ` +
      `${r.selectStmts} / ${r.changeStmts} (goal ${r.shown * LEAVES}) | ${r.selectMs} / ${r.changeMs} ms | ` +
      `${MiB(r.afterSelect.rss)} / ${MiB(r.afterChange.rss)} MiB ` +
      `(peak ${MiB(r.afterChange.hwm)}, ${r.threads} threads) | ${r.conns} | ` +
      `${q(d)} |`;
  };
  console.log(`${VIEWERS} viewers in ${CLIENT_PROCS} client processes, ${LEAVES} cards per dashboard, ` +
              `--max-parallel ${PARALLEL}, PostgreSQL ${pg}\n`);
  console.log("| scene | statements: selection / change | all complete: selection / change | server RSS " +
              "after selection / change | connections (most at once) | " +
              "leaf completion to frame: p50 / p99 / max |");
  console.log("|---|---|---|---|---|---|");
  for (const r of [one, spread]) if (r) console.log(row(r));
  console.log(`| floor: a node server process, the one-dashboard change wave (${wave.length} messages, ` +
              `${waveBytes} ` +
              `bytes) to all ${VIEWERS} clients at once, ${FLOOR_WAVES} times | | | | | ${q(fl.delays)} |`);
  const fp99 = pct(fl.delays, 0.99);
  const tl = (t) => `${t.emptied === null ? "" : t.emptied.toFixed(0) + " ms; "}` +
    `${pct(t.reads, 0.5).toFixed(0)} / ${pct(t.reads, 0.99).toFixed(0)} / ${pct(t.reads, 1).toFixed(0)} ms`;
  console.log("\n| wave | p50 / p99 / max | p99 - floor p99 | p99 / floor p99 | " +
              "server log: send queues of N " +
              "sessions emptied in | from the first leaf's completion: last queue emptied; " +
              "reads p50 / p99 / last " +
              "| the server loop: CPU, waiting for a CPU, page faults, sleeps / preemptions |");
  console.log("|---|---|---|---|---|---|---|");
  for (const r of [one, spread].filter(Boolean))
    for (const [k, v, lines, t, cpu, pf, waited, sw] of [
      ["selection", r.selectDelays, r.selectLog, r.selectTime, r.selectCpu, r.selectFaults, r.selectWaited,
       r.selectSwitches],
      ["change", r.changeDelays, r.changeLog, r.changeTime, r.changeCpu, r.changeFaults, r.changeWaited,
       r.changeSwitches]])
      console.log(`| ${r.name} ${k} | ${q(v)} | ${(pct(v, 0.99) - fp99).toFixed(1)} ms | ` +
                  `${(pct(v, 0.99) / fp99).toFixed(2)} | ${lines.join("; ") || "—"} | ${tl(t)} | ` +
                  `${cpu.toFixed(1)} ms, ${waited.toFixed(1)} ms, ${pf}, ${sw[0]} / ${sw[1]} |`);
  console.log(`| floor | ${q(fl.delays)} | | | ` +
              `its writes took ${fl.written.map((x) => x.toFixed(1)).join(", ")} ms | ` +
              `${tl({ emptied: null, reads: fl.reads })} | |`);
  for (const r of [one, spread].filter(Boolean))
    console.log(`\n${r.name}: the ${CLIENT_PROCS} client processes' CPU in the selection wave ` +
                `${(r.selectClientCpu * 1e3).toFixed(0)} ms, in the change wave ` +
                `${(r.changeClientCpu * 1e3).toFixed(0)} ms (${WARMUP ? "warmed" : "cold: WARMUP=0"})`);
  console.log(`\nCPU over the whole bench: the server ${serverCpu.toFixed(1)} s, ` +
              `the ${CLIENT_PROCS} client processes ` +
              `${clientCpu.toFixed(1)} s, the floor's server ${fl.cpu.toFixed(1)} s ` +
              `(load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")})`);
  console.log(`\nserver RSS: idle ${MiB(idle.rss)} MiB; every client gone ${MiB(left.rss)} MiB; ` +
              `${waitS} s later ` +
              `${MiB(later.rss)} MiB (peak ${MiB(later.hwm)} MiB, ${later.threads} threads)`);
  // CHECK_RSS_MIB=N (tests/check_server_memory.sh): the bounds as a test, timings left out:
  // every wave ran each shown card's statement once, and the server's peak RSS stayed within N MiB
  if (process.env.CHECK_RSS_MIB) {
    const limit = Number(process.env.CHECK_RSS_MIB), broken = [];
    for (const r of [one, spread].filter(Boolean)) {
      const goal = r.shown * LEAVES;
      if (r.selectStmts !== goal || r.changeStmts !== goal)
        broken.push(`${r.name}: ${r.selectStmts} / ${r.changeStmts} statements, not ${goal} a wave`);
      if (r.afterChange.hwm > limit * 1024)
        broken.push(`${r.name}: peak RSS ${MiB(r.afterChange.hwm)} MiB, over ${limit} MiB`);
    }
    for (const b of broken) console.log(`check failed: ${b}`);
    process.exit(broken.length ? 1 : 0);
  }
  process.exit(0);
}
if (ROLE === "--clients") clientsMain();
else if (ROLE === "--floor-server") floorMain();
else main().catch((e) => { console.error(e.stack || e.message); process.exit(1); });
