// stream.js URL NAME N PID LOG — a benchmark's execution_complete made as it is sent (tests/test_server.c:
// server.benchmark_execution_complete_streamed): two viewers of NAME (N controls of 3 rows) share
// its run; one reads, the other's socket is paused until the first has the whole message.  Each
// must get it whole: the same bytes, valid JSON, every control with its rows, in several WebSocket
// fragments (the server sends the snapshot's pieces as they are written, not one built message).
// Plain sockets (RFC 6455 by hand): the ws library joins fragments out of sight.  Then a viewer
// alone: the server's peak RSS (PID's VmHWM), set back to its resident size when the viewer's last
// control event arrives (/proc/PID/clear_refs), grows by less than half that message once its
// execution_complete did (built whole, it grew by the message and more; loading the benchmark for
// its source_definition, by its 2,000 controls' trees: 2.3 MB).  Before it, a viewer leaves after
// the message's first fragment: the server stops making it (unless it made it whole before the
// close reached it: 1 run in 13 here, the loopback's buffers take 1.1 MB) and serves the next one
// whole (and frees everything: ASan at its exit); the alone viewer selects once the server's log
// (LOG) says that the left one's ended, so that its writer, up to 256 KiB ahead, is not measured
// with the alone viewer's.  Prints "F fragments, B bytes; peak +K KiB".  Under TSan (LP_TSAN: its
// shadow memory and allocator make the RSS no measure of what the server holds) the peak is printed,
// not checked.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const net = require("net");
const { fail } = require("./client.js");

const [url, name, n, pid, log] = process.argv.slice(2);
const peakKiB = () => Number(fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmHWM:\s+(\d+)/m)[1]);
// the peak from now on: VmHWM set back to VmRSS ("5": the peak alone, proc(5))
function peakReset() {
  fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
  return peakKiB();
}

// a client's messages, whole, each with the count of frames it came in
function viewer() {
  const u = new URL(url);
  const v = { msgs: [], parts: [], pending: Buffer.alloc(0), upgraded: false, waiters: [], controls: 0 };
  v.sock = net.connect(Number(u.port), u.hostname, () => v.sock.write(
    `GET ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`));
  v.opened = new Promise((res) => (v.onOpen = res));
  v.sock.on("data", (d) => {
    let b = Buffer.concat([v.pending, d]);
    if (!v.upgraded) {
      const end = b.indexOf("\r\n\r\n");
      if (end < 0) { v.pending = b; return; }
      if (!b.toString("latin1", 0, 12).startsWith("HTTP/1.1 101")) fail("no WebSocket upgrade");
      v.upgraded = true;
      v.onOpen();
      b = b.subarray(end + 4);
    }
    for (;;) {
      if (b.length < 2) break;
      let len = b[1] & 127, hdr = 2;
      if (len === 126) { if (b.length < 4) break; len = b.readUInt16BE(2); hdr = 4; }
      else if (len === 127) { if (b.length < 10) break; len = Number(b.readBigUInt64BE(2)); hdr = 10; }
      if (b.length < hdr + len) break;
      const op = b[0] & 15;
      if (op === 8) fail("closed by the server: " + b.toString("utf8", hdr + 2, hdr + len));
      v.parts.push(Buffer.from(b.subarray(hdr, hdr + len)));
      if (v.leaveMidway && !(b[0] & 128) && op === 1 &&
          v.parts[0].indexOf('"action":"execution_complete"') >= 0) {
        v.sock.destroy();   // gone after the first fragment: the server stops writing it
        v.leaveMidway();
        return;
      }
      if (v.parts.length > 1 && op !== 0) fail("a new message began inside a fragmented one");
      if (b[0] & 128 && v.parts.length === 1 && v.parts[0].indexOf('"action":"control_complete"') >= 0) {
        if (++v.controls === Number(n) && v.measure) v.peakAtLast = peakReset();
        v.parts = [];
      } else if (b[0] & 128) {
        v.msgs.push({ bytes: Buffer.concat(v.parts), frames: v.parts.length });
        v.parts = [];
        v.waiters.forEach((w) => w());
      }
      b = b.subarray(hdr + len);
    }
    v.pending = Buffer.from(b);
  });
  v.send = (x) => {
    const p = Buffer.from(JSON.stringify(x)), mask = crypto.randomBytes(4);
    for (let i = 0; i < p.length; i++) p[i] ^= mask[i & 3];
    v.sock.write(Buffer.concat([Buffer.from([0x81, 0x80 | 126, p.length >> 8, p.length & 255]), mask, p]));
  };
  v.complete = () => new Promise((res, rej) => {
    const t = setTimeout(() => rej(new Error("no execution_complete within 60 s")), 60000);
    const check = () => {
      const m = v.msgs.find((e) => e.bytes.indexOf('"action":"execution_complete"') >= 0);
      if (m) { clearTimeout(t); res(m); }
    };
    v.waiters.push(check);
    check();
  });
  return v;
}

function controls(x, out) {
  if (x && typeof x === "object") {
    if (x.panel_type === "control") out.push(x);
    for (const k in x) controls(x[k], out);
  }
  return out;
}

// once the server's log says that the second streamed execution_complete ended: stopped (its sessions
// all left) or made whole
async function leftEnded() {
  const ended = / execution_complete (stopped after|\d+ bytes, streamed)/g;
  for (let t = 0; t < 600; t++) {
    if ((fs.readFileSync(log, "utf8").match(ended) || []).length >= 2) return;
    await new Promise((res) => setTimeout(res, 50));
  }
  fail("the left viewer's execution_complete did not end within 30 s");
}

async function main() {
  const a = viewer(), b = viewer();
  await Promise.all([a.opened, b.opened]);
  const select = { action: "select_dashboard", payload: { dashboard: { full_name: name }, inputs: {} } };
  b.sock.pause();
  b.send(select);
  a.send(select);   // at once: one joins the other's run
  const ea = await a.complete();
  b.sock.resume();
  const eb = await b.complete();
  if (process.env.STREAM_DUMP) require("fs").writeFileSync(process.env.STREAM_DUMP, ea.bytes);
  if (!ea.bytes.equals(eb.bytes)) fail("the two viewers' execution_complete differ");
  const m = JSON.parse(ea.bytes.toString());
  const cs = controls(m.snapshot, []);
  const ran = cs.filter((c) => c.status === "complete" && c.data && c.data.rows && c.data.rows.length === 3);
  if (ran.length !== Number(n))
    fail(`${ran.length} of ${n} controls with their 3 rows (${cs.length} controls)`);
  if (ea.frames < 2) fail("execution_complete came in one frame");
  a.sock.destroy();
  b.sock.destroy();
  const d = viewer();
  await d.opened;
  await new Promise((res) => { d.leaveMidway = res; d.send(select); });
  await leftEnded();
  const c = viewer();
  await c.opened;
  c.measure = true;
  c.send(select);
  const ec = await c.complete();
  if (c.controls !== Number(n)) fail(`${c.controls} control events, not ${n}`);
  const grew = peakKiB() - c.peakAtLast;
  if (!process.env.LP_TSAN && grew * 1024 >= ec.bytes.length / 2)
    fail(`peak RSS grew by ${grew} KiB for an execution_complete of ${ec.bytes.length} bytes`);
  console.log(`${ea.frames} fragments, ${ea.bytes.length} bytes; peak +${grew} KiB`);
  process.exit(0);
}
main().catch((e) => fail(e.message));
