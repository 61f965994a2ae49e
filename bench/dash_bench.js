// bench/dash_bench.js CLI — dashboard runs in `lazypipe server` over SQLite, each beside its floor
// measured in the same run (make bench-dash; BENCHMARKS.md):
//   (a) select_dashboard -> first leaf_node_updated, one card   floor: the same SQL by the sqlite3 CLI
//   (b) a dashboard of 30 leaves, select -> execution_complete   floor: its 30 statements run one
//       after the other by one sqlite3 process (the sum of its queries)
//   (c) a leaf's title edited in that dashboard: file saved -> the leaf_node_updated with the new
//       title (the watcher's debounce, src/live/watch.c DEBOUNCE_MS, is part of it); the server's
//       log must say "30 reused, 0 queried"
//   (d) server RSS: started, then with the 30-leaf dashboard open and its results held
// Every timed select gives an input value the statements read, a new one each time, so no result
// can be reused (the reuse is what (c) measures).  Prints Markdown; timings never fail.
"use strict";
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const net = require("net");
const os = require("os");
const path = require("path");
const WebSocket = require("ws");

const [cli] = process.argv.slice(2);
const REPS = Number(process.env.DASH_BENCH_REPS || 15);
const ROWS = Number(process.env.DASH_BENCH_ROWS || 300000);
const LEAVES = 30;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const f1 = (x) => x.toFixed(1);

function freePort() {
  return new Promise((res) => { const s = net.createServer().listen(0, "127.0.0.1", () => {
    const p = s.address().port; s.close(() => res(p)); }); });
}
function rssKiB(pid) {
  const st = fs.readFileSync("/proc/" + pid + "/status", "utf8");
  return Number((st.match(/^VmRSS:\s+(\d+)/m) || [0, 0])[1]);
}
// RSS counts every resident page of the shared libraries (libc, libpq with gnutls and krb5,
// libwebsockets with OpenSSL: ~7 MiB, shared with every process using them); the process's own
// memory is its private pages, and PSS charges it its share of the shared ones
function memKiB(pid) {
  const r = fs.readFileSync("/proc/" + pid + "/smaps_rollup", "utf8");
  const get = (k) => Number((r.match(new RegExp("^" + k + ":\\s+(\\d+)", "m")) || [0, 0])[1]);
  return { rss: get("Rss"), pss: get("Pss"), priv: get("Private_Clean") + get("Private_Dirty") };
}

// the statements: leaf i counts the rows of its residue above the input's value
const leafSql = (i) => `select count(*) as value from t where k % ${LEAVES} = ${i} and k > $1`;
const oneSql = "select count(*) as value from t where k % 7 = 3 and k > $1";
const tinySql = "select $1 as value";   // next to no query time: what is left is the engine's

function writeMod(dir, title0) {
  fs.writeFileSync(path.join(dir, "mod.pp"), 'mod "db" {\n  title = "Dash bench"\n}\n');
  let d = 'dashboard "one" {\n  input "n" {\n    type = "text"\n  }\n' +
    `  card "one" {\n    sql = "${oneSql}"\n    args = [self.input.n.value]\n  }\n}\n`;
  d += 'dashboard "tiny" {\n  input "n" {\n    type = "text"\n  }\n' +
    `  card "tiny" {\n    sql = "${tinySql}"\n    args = [self.input.n.value]\n  }\n}\n`;
  d += 'dashboard "thirty" {\n  input "n" {\n    type = "text"\n  }\n';
  for (let i = 0; i < LEAVES; i++)
    d += `  card "c${i}" {\n    title = "${i === 0 ? title0 : "Leaf " + i}"\n    sql = "${leafSql(i)}"\n` +
      "    args = [self.input.n.value]\n  }\n";
  d += "}\n";
  fs.writeFileSync(path.join(dir, "dash.pp"), d);
}

function startServer(args) {
  return new Promise((res, rej) => {
    const p = spawn(cli, args, { stdio: ["ignore", "pipe", "pipe"] });
    p.log = "";
    const t = setTimeout(() => rej(new Error("the server did not start")), 60000);
    let up = false;
    const on = (d) => {
      p.log += d;
      if (!up && /listening on/.test(p.log)) { up = true; clearTimeout(t); res(p); }
    };
    p.stdout.on("data", on);
    p.stderr.on("data", on);
    p.on("exit", (c) => { if (!up) rej(new Error("server exited " + c + ": " + p.log.slice(-500))); });
  });
}

class Client {
  constructor(url) {
    this.ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 << 20 });
    this.waiters = [];
    this.ws.on("message", (d) => {
      const m = JSON.parse(d.toString());
      m._bytes = d.length;
      for (const w of this.waiters.slice())
        if (w.pred(m)) { this.waiters.splice(this.waiters.indexOf(w), 1); w.res(m); }
    });
  }
  open() { return new Promise((res, rej) => { this.ws.once("open", res); this.ws.once("error", rej); }); }
  wait(pred) { return new Promise((res) => this.waiters.push({ pred, res })); }
  select(name, n) {
    this.ws.send(JSON.stringify({ action: "select_dashboard",
      payload: { dashboard: { full_name: name }, inputs: { "input.n": String(n) } } }));
  }
}

// one sqlite3 process running the statements one after the other, as a client would: its wall time,
// and the statements' own time by its .timer (the sum of their "Run Time: real")
function sqliteWall(db, sqls, n) {
  const script = ".timer on\n" + sqls.map((s) => s.replace("$1", String(n)) + ";").join("\n");
  const t0 = now();
  const out = execFileSync("sqlite3", [db], { input: script }).toString();
  const wall = now() - t0;
  let query = 0;
  for (const m of out.matchAll(/Run Time: real ([\d.]+)/g)) query += Number(m[1]) * 1000;
  return { wall, query };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lp_dash_bench_"));
  const db = path.join(dir, "t.db");
  execFileSync("sqlite3", [db, `create table t(k integer, v text); ` +
    `with recursive c(x) as (select 1 union all ` +
    `select x + 1 from c where x < ${ROWS}) insert into t select x, 'row ' || x from c;`]);
  writeMod(dir, "Leaf 0");
  const port = await freePort();
  const srv = await startServer(["--mod-location", dir, "server", "--port", String(port),
                                 "--database", "sqlite://" + db]);
  const idle = rssKiB(srv.pid), idleMem = memKiB(srv.pid);
  const c = new Client("ws://127.0.0.1:" + port + "/ws");
  await c.open();
  let n = 0;

  // (a) select -> first leaf_node_updated, one card, alternated with the sqlite3 CLI
  const ta = [], fa = [], qas = [], over = [];
  for (let i = 0; i < REPS + 2; i++) {
    n++;
    const t0 = now();
    const got = c.wait((m) => m.action === "leaf_node_updated");
    const done = c.wait((m) => m.action === "execution_complete");
    c.select("db.dashboard.one", n);
    await got;
    const t = now() - t0;
    await done;
    const f = sqliteWall(db, [oneSql], n);
    if (i >= 2) { ta.push(t); fa.push(f.wall); qas.push(f.query); over.push(t - f.query); }
  }
  // the query alone, inside sqlite3 (.timer), each round: what the engine adds is the rest
  const qa = median(qas);
  // the same with a statement that costs next to nothing
  const tt = [], ft = [];
  for (let i = 0; i < REPS + 2; i++) {
    n++;
    const t0 = now();
    const got = c.wait((m) => m.action === "leaf_node_updated");
    const done = c.wait((m) => m.action === "execution_complete");
    c.select("db.dashboard.tiny", n);
    await got;
    const t = now() - t0;
    await done;
    const f = sqliteWall(db, [tinySql], n);
    if (i >= 2) { tt.push(t); ft.push(f.wall); }
  }

  // (b) 30 leaves: select -> execution_complete, against their 30 statements in one sqlite3
  const tb = [], fb = [];
  let doneBytes = 0;
  for (let i = 0; i < Math.max(5, Math.floor(REPS / 2)) + 1; i++) {
    n++;
    const t0 = now();
    const done = c.wait((m) => m.action === "execution_complete");
    c.select("db.dashboard.thirty", n);
    const m = await done;
    const t = now() - t0;
    doneBytes = m._bytes;
    const f = sqliteWall(db, Array.from({ length: LEAVES }, (_, k) => leafSql(k)), n);
    if (i >= 1) { tb.push(t); fb.push(f.wall); }
  }

  // (d) RSS with the dashboard open and its results held (the session's last run)
  await sleep(300);
  const held = rssKiB(srv.pid), heldMem = memKiB(srv.pid);

  // (c) the title of leaf 0 edited: save -> its leaf_node_updated with the new title
  const tc = [];
  let reusedLines = 0, editLines = 0;
  for (let i = 0; i < Math.max(5, Math.floor(REPS / 2)); i++) {
    const title = "Edited " + i;
    const got = c.wait((m) => m.action === "leaf_node_updated" && m.dashboard_node.title === title);
    const done = c.wait((m) => m.action === "execution_complete");
    const before = srv.log.length;
    const t0 = now();
    writeMod(dir, title);
    await got;
    tc.push(now() - t0);
    await done;
    await sleep(50);
    const lines = srv.log.slice(before).split("\n").filter((l) => /execution_complete .*reused/.test(l));
    editLines += lines.length;
    reusedLines += lines.filter((l) => /\(30 reused, 0 queried\)/.test(l)).length;
    await sleep(250);   // apart from the watcher's 2 s poll as much as it goes
  }
  c.ws.close();
  srv.kill("SIGTERM");
  await new Promise((r) => srv.on("exit", r));
  fs.rmSync(dir, { recursive: true, force: true });

  const ma = median(ta), mfa = median(fa), mb = median(tb), mfb = median(fb), mc = median(tc);
  console.log(`SQLite, table of ${ROWS} rows; medians of ${ta.length} / ${tb.length} / ${tc.length} rounds ` +
              `(${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)})\n`);
  console.log("| measure | lazypipe server | floor | ratio | goal |");
  console.log("|---|---|---|---|---|");
  console.log(`| (a) select -> first leaf_node_updated, 1 card | ${f1(ma)} ms ` +
              `(min ${f1(Math.min(...ta))}) | ` +
              `sqlite3 CLI process ${f1(mfa)} ms; the query alone (.timer) ${f1(qa)} ms | ` +
              `${(ma / mfa).toFixed(2)}x the CLI; the rest (engine, WebSocket, client) ` +
              `${f1(median(over))} ms ` +
              `(min ${f1(Math.min(...over))}) | <= 5 ms + the query |`);
  console.log(`| (a') the same, \`select $1\` (no query time) | ${f1(median(tt))} ms ` +
              `(min ${f1(Math.min(...tt))}) | ` +
              `sqlite3 CLI process ${f1(median(ft))} ms | ` +
              `${(median(tt) / median(ft)).toFixed(2)}x the CLI | ` +
              `<= 5 ms |`);
  console.log(`| (b) 30 leaves, select -> execution_complete | ${f1(mb)} ms (min ${f1(Math.min(...tb))}) | ` +
              `30 statements in one sqlite3: ${f1(mfb)} ms | ${(mb / mfb).toFixed(2)}x | <= 1.2x |`);
  console.log(`| (c) a leaf's title edited -> its update | ${f1(mc)} ms (min ${f1(Math.min(...tc))}, ` +
              `max ${f1(Math.max(...tc))}) | the watcher's debounce, 100 ms | ${(mc / 100).toFixed(2)}x | ` +
              `<= 150 ms, 0 queries: ${reusedLines}/${editLines} runs "30 reused, 0 queried" |`);
  console.log(`| (d) server RSS, 30-leaf dashboard open, results held | ${f1(held / 1024)} MiB | ` +
              `idle after start ${f1(idle / 1024)} MiB; execution_complete ${doneBytes} bytes | ` +
              `+${f1((held - idle) / 1024)} MiB | <= 8 MiB + the results |`);
  console.log(`| (d') the same, the process's own pages | private ${f1(heldMem.priv / 1024)} MiB, ` +
              `PSS ${f1(heldMem.pss / 1024)} MiB | idle: private ${f1(idleMem.priv / 1024)} MiB, ` +
              `PSS ${f1(idleMem.pss / 1024)} MiB | +${f1((heldMem.priv - idleMem.priv) / 1024)} MiB | ` +
              `<= 8 MiB + the results |`);
}

main().catch((e) => { console.error("dash_bench: " + e.stack); process.exit(1); });
