// bench/edit_latency.js CLI [MOD] — an edit as a user meets it, whole processes: a benchmark's title
// edited in a file (an in-place write, as an editor saves), to
//   (a) the line `lazypipe watch --output json` prints for it (its refresh_ms and prepared_ms too), and
//   (b) the available_dashboards frame with the new title at a WebSocket client of `lazypipe server`,
// both reopened from their index image, beside the floor: a node process that fs.watch()es the same
// kind of copy and, on the first event, prints a line and sends a prebuilt message of the payload's
// size to its own WebSocket client (no debounce: the floor is the notification and the bytes).
// lazypipe waits its watcher's debounce (src/live/watch.c DEBOUNCE_MS, 100 ms: an editor's save is
// often a burst — truncate and write, or write a temporary file and rename it — and a refresh per
// event would publish the half-written file first) before refreshing: the goal is the floor + the
// debounce + 20 ms.  Each process has its own copy of MOD; the rounds alternate floor, watch,
// server, one edit at a time.  The first edit of each lazypipe process is reported apart (a
// reopened workspace evaluates every entry at its first refresh).  Prints Markdown.
//   node bench/edit_latency.js build/lazypipe [../shared/corpus/aws_compliance]   (ROUNDS=15)
"use strict";
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const net = require("net");
const os = require("os");
const path = require("path");
const WebSocket = require("ws");

const cli = process.argv[2] || "build/lazypipe";
const mod = process.argv[3] || "../shared/corpus/aws_compliance";
const ROUNDS = Number(process.env.ROUNDS || 15);
const FILE = "cis_v150/section_1.pp";     // line 8: benchmark cis_v150_1's title
const BENCH = "aws_compliance.benchmark.cis_v150_1";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "lp-edit-"));
const copy = (name) => { const d = path.join(tmp, name); fs.cpSync(mod, d, { recursive: true }); return d; };
let edits = 0;
function edit(dir) {
  const f = path.join(dir, FILE);
  const title = "Edited " + ++edits;
  const text = fs.readFileSync(f, "utf8").split("\n");
  text[7] = `  title         = "${title}"`;
  const t0 = now();
  fs.writeFileSync(f, text.join("\n"));
  return { t0, title };
}
function freePort() {
  return new Promise((res) => { const s = net.createServer().listen(0, "127.0.0.1", () => {
    const p = s.address().port; s.close(() => res(p)); }); });
}
// a child's stdout as lines, each handed to the waiters
function lines(p) {
  p.waiters = [];
  let buf = "";
  p.stdout.on("data", (d) => {
    buf += d;
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      for (const w of p.waiters.slice())
        if (w.pred(line)) { p.waiters.splice(p.waiters.indexOf(w), 1); w.res(line); }
    }
  });
  p.next = (pred) => new Promise((res) => p.waiters.push({ pred, res }));
}
function client(port, pathname) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}${pathname}`,
                           { perMessageDeflate: false, maxPayload: 256 << 20 });
  ws.waiters = [];
  ws.on("message", (d) => {
    for (const w of ws.waiters.slice())
      if (w.pred(d)) { ws.waiters.splice(ws.waiters.indexOf(w), 1); w.res(d); }
  });
  ws.next = (pred) => new Promise((res) => ws.waiters.push({ pred, res }));
  return new Promise((res, rej) => { ws.once("open", () => res(ws)); ws.once("error", rej); });
}

// the floor: fs.watch (recursive) on its copy; the first event of an edit prints a line and sends
// `size` bytes to every client
const FLOOR = `
const fs = require("fs"), { WebSocketServer } = require(process.env.WS_MODULE);
const [dir, size, port] = process.argv.slice(1);
const msg = Buffer.alloc(Number(size), 32);
const wss = new WebSocketServer({ port: Number(port), host: "127.0.0.1", perMessageDeflate: false });
let armed = true;
fs.watch(dir, { recursive: true }, () => {
  if (!armed) return;
  armed = false;
  process.stdout.write("changed\\n");
  for (const c of wss.clients) c.send(msg);
});
process.stdin.on("data", () => { armed = true; });
wss.on("listening", () => process.stdout.write("ready\\n"));
`;

(async () => {
  const dirs = { floor: copy("floor"), watch: copy("watch"), server: copy("server") };
  const cache = path.join(tmp, "cache");
  fs.mkdirSync(cache);
  for (const d of [dirs.watch, dirs.server])   // the images the two processes reopen
    execFileSync(cli, ["--mod-location", d, "--index-cache", cache, "dashboard", "list"],
                 { stdio: "ignore" });
  const payload = execFileSync(cli, ["--mod-location", dirs.server, "--no-index-cache", "payload"],
                               { maxBuffer: 1 << 28 }).length;
  await sleep(1100);   // past the racy window of the images' stats

  const fport = await freePort();
  const floor = spawn(process.execPath, ["-e", FLOOR, dirs.floor, String(payload), String(fport)],
    { stdio: ["pipe", "pipe", "inherit"],
      env: { ...process.env, WS_MODULE: require.resolve("ws") } });
  lines(floor);
  await floor.next((l) => l === "ready");
  const fclient = await client(fport, "/");

  const watch = spawn(cli,
    ["--mod-location", dirs.watch, "--index-cache", cache, "watch", "--output", "json"],
    { stdio: ["ignore", "pipe", "inherit"] });
  lines(watch);
  const first = JSON.parse(await watch.next(() => true));
  if (!first.reopened) throw new Error("watch did not reopen its image");

  const sport = await freePort();
  const server = spawn(cli, ["--mod-location", dirs.server, "--index-cache", cache, "server", "--port",
    String(sport), "--listen", "local"], { stdio: ["ignore", "ignore", "pipe"] });
  server.stdout = server.stderr;   // its log
  lines(server);
  await server.next((l) => /listening on/.test(l));
  const sclient = await client(sport, "/ws");
  sclient.send(JSON.stringify({ action: "get_available_dashboards" }));
  await sclient.next((d) => d.toString().startsWith('{"action":"available_dashboards"'));
  await sleep(500);

  const got = { floor_line: [], floor_frame: [], watch: [], refresh: [], prepared: [], server: [] };
  const firsts = {};
  for (let r = 0; r <= ROUNDS; r++) {
    {
      floor.stdin.write("\n");   // armed again
      await sleep(50);
      const line = floor.next((l) => l === "changed");
      const frame = fclient.next(() => true);
      const e = edit(dirs.floor);
      await line; const t1 = now();
      await frame; const t2 = now();
      if (r) { got.floor_line.push(t1 - e.t0); got.floor_frame.push(t2 - e.t0); }
      await sleep(300);
    }
    {
      const line = watch.next((l) => l.includes(BENCH) || l.includes('"payload_changed":true'));
      const e = edit(dirs.watch);
      const l = await line; const t = now() - e.t0;
      const ms = Number((l.match(/"refresh_ms":([0-9.]+)/) || [0, NaN])[1]);
      // the version's build while the debounce waited (0: none used; absent before it existed)
      const prep = Number((l.match(/"prepared_ms":([0-9.]+)/) || [0, NaN])[1]);
      if (r) { got.watch.push(t); got.refresh.push(ms); got.prepared.push(prep); }
      else firsts.watch = [t, ms];
      await sleep(300);
    }
    {
      const e = edit(dirs.server);
      const want = `"title":"${e.title}"`;
      await sclient.next((d) => {
        const s = d.toString();
        return s.startsWith('{"action":"available_dashboards"') && s.includes(want);
      });
      const t = now() - e.t0;
      if (r) got.server.push(t); else firsts.server = t;
      await sleep(300);
    }
  }
  const fl = median(got.floor_line), ff = median(got.floor_frame), w = median(got.watch),
    s = median(got.server);
  console.log(`${mod}: ${ROUNDS} rounds after a first edit each, payload ${payload} bytes, ` +
              `load ${os.loadavg()[0].toFixed(1)}, ${new Date().toISOString().slice(0, 16)}`);
  console.log("| edit to | median ms | floor (same run) | over the floor | " +
              "goal: floor + 100 ms debounce + 20 ms |");
  console.log("|---|---|---|---|---|");
  console.log(`| \`watch\` line | ${w.toFixed(1)} (refresh_ms ${median(got.refresh).toFixed(2)}, ` +
              `prepared_ms ${median(got.prepared).toFixed(2)}; ` +
              `first edit ` +
              `${firsts.watch[0].toFixed(1)}, refresh_ms ${firsts.watch[1].toFixed(1)}) | ` +
              `fs.watch line ${fl.toFixed(1)} | ` +
              `+${(w - fl).toFixed(1)} | ${w - fl <= 120 ? "met" : "not met"} |`);
  console.log(`| server's available_dashboards frame | ${s.toFixed(1)} ` +
              `(first edit ${firsts.server.toFixed(1)}) | ` +
              `fs.watch + ws send ${ff.toFixed(1)} | +${(s - ff).toFixed(1)} | ` +
              `${s - ff <= 120 ? "met" : "not met"} |`);
  for (const p of [floor, watch, server]) p.kill("SIGTERM");
  fclient.terminate(); sclient.terminate();
  await sleep(300);
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(0);
})().catch((e) => { console.error(e.stack || e.message); process.exit(1); });
