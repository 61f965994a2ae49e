// bench/check_server_rss.js CLI — the server's memory over a benchmark run of N controls:
// RSS when a quarter, half, three quarters and all of the controls completed, the peak (VmHWM) after
// execution_complete and that message's size, for each N of CONTROLS (default "1000,5000"), on SQLite.
// Every control returns 3 rows.  Prints Markdown; nothing fails on a figure.
"use strict";
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const net = require("net");
const os = require("os");
const path = require("path");
const WebSocket = require("ws");

const [cli] = process.argv.slice(2);
const SIZES = (process.env.CONTROLS || "1000,5000").split(",").map(Number);

function freePort() {
  return new Promise((res) => { const s = net.createServer().listen(0, "127.0.0.1", () => {
    const p = s.address().port; s.close(() => res(p)); }); });
}
function status(pid, key) {
  const st = fs.readFileSync("/proc/" + pid + "/status", "utf8");
  return Number((st.match(new RegExp("^" + key + ":\\s+(\\d+)", "m")) || [0, 0])[1]);
}
const mib = (kib) => (kib / 1024).toFixed(1);

function writeMod(dir, n) {
  fs.writeFileSync(path.join(dir, "mod.pp"), 'mod "cb" {\n  title = "Check bench"\n}\n');
  let b = 'benchmark "all" {\n  title = "All"\n  children = [\n';
  for (let i = 0; i < n; i++) b += `    control.c${i},\n`;
  b += "  ]\n}\n";
  for (let i = 0; i < n; i++)
    b += `control "c${i}" {\n  title = "Control ${i}"\n  sql = "select case when k % 2 = 0 then 'ok' else ` +
      `'alarm' end as status, 'r' || k || '-${i}' as resource, 'reason ' || k as reason ` +
      `from t where k <= 3"\n}\n`;
  fs.writeFileSync(path.join(dir, "checks.pp"), b);
}

function startServer(args) {
  return new Promise((res, rej) => {
    const p = spawn(cli, args, { stdio: ["ignore", "pipe", "pipe"] });
    p.log = "";
    let up = false;
    const on = (d) => { p.log += d; if (!up && /listening on/.test(p.log)) { up = true; res(p); } };
    p.stdout.on("data", on);
    p.stderr.on("data", on);
    p.on("exit", (c) => { if (!up) rej(new Error("server exited " + c + ": " + p.log.slice(-500))); });
  });
}

async function one(n) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lp_check_rss_"));
  const db = path.join(dir, "t.db");
  execFileSync("sqlite3", [db, "create table t(k integer); insert into t values (1), (2), (3), (4);"]);
  writeMod(dir, n);
  const port = await freePort();
  const srv = await startServer(["--mod-location", dir, "server", "--port", String(port),
                                 "--database", "sqlite://" + db]);
  const idle = status(srv.pid, "VmRSS");
  const ws = new WebSocket("ws://127.0.0.1:" + port + "/ws",
                           { perMessageDeflate: false, maxPayload: 1 << 30 });
  await new Promise((res, rej) => { ws.once("open", res); ws.once("error", rej); });
  const marks = [0.25, 0.5, 0.75, 1].map((f) => Math.ceil(f * n)), at = [];
  let done = 0, completeBytes = 0;
  const finished = new Promise((res) => ws.on("message", (data) => {
    const m = JSON.parse(data);
    if (m.action === "control_complete" && marks.includes(++done)) at.push(status(srv.pid, "VmRSS"));
    if (m.action === "execution_complete") { completeBytes = data.length; res(); }
  }));
  ws.send(JSON.stringify({ action: "select_dashboard",
                           payload: { dashboard: { full_name: "cb.benchmark.all" } } }));
  await finished;
  const after = status(srv.pid, "VmRSS"), peak = status(srv.pid, "VmHWM");
  ws.close();
  srv.kill("SIGTERM");
  await new Promise((r) => srv.on("exit", r));
  fs.rmSync(dir, { recursive: true, force: true });
  return { n, idle, at, after, peak, completeBytes, done };
}

(async () => {
  console.log("| controls | idle | RSS at 25% / 50% / 75% / 100% of controls | after execution_complete | " +
              "peak (VmHWM) | execution_complete |");
  console.log("|---|---|---|---|---|---|");
  for (const n of SIZES) {
    const r = await one(n);
    console.log(`| ${r.n} (${r.done} control events) | ${mib(r.idle)} MiB | ` +
      `${r.at.map(mib).join(" / ")} MiB | ` +
      `${mib(r.after)} MiB | ${mib(r.peak)} MiB | ${(r.completeBytes / 1048576).toFixed(1)} MiB |`);
  }
})().catch((e) => { console.error(e); process.exit(1); });
