// stress.js URL MOD_DIR CLIENTS ROUNDS [SELECTORS] — CLIENTS WebSocket clients at once, each asking
// for the payload ROUNDS times in a row while files of MOD_DIR change; every reply must be complete,
// valid JSON and an available_dashboards.  SELECTORS more (default: a tenth of CLIENTS) select a
// dashboard ROUNDS times while the edits run it again: each selection ends with the
// execution_complete of its latest execution (the runs the edits cancel send theirs to nobody), with
// its card's value (the runs take each other's results: lp_run_opts.reuse).  Meanwhile a client
// that never reads keeps asking: the server must drop it (its queue is bounded) while serving the
// others
// (tests/test_server.c: server.stress).  Exits 0, or 1 after "FAIL: why".
"use strict";
const fs = require("fs");
const path = require("path");
const { Client, fail } = require("./client.js");

const [url, dir, nclients, rounds] = [process.argv[2], process.argv[3], Number(process.argv[4]),
                                       Number(process.argv[5])];
const nselectors = process.argv[6] ? Number(process.argv[6]) : Math.ceil(nclients / 10);

async function worker(i) {
  const c = new Client(url);
  await c.open();
  let replies = 0;
  for (let r = 0; r < rounds; r++) {
    c.send({ action: "get_available_dashboards" });
    // pushes after an edit arrive too: every message must still be a whole available_dashboards
    const e = await c.next("reply " + r, () => true, 60000);
    if (e.m.action !== "available_dashboards" || !e.m.dashboards || !e.m.benchmarks)
      fail("client " + i + " got " + e.text.slice(0, 200));
    replies++;
  }
  c.close();
  return replies;
}

async function selector(i) {
  const c = new Client(url);
  await c.open();
  // messages are taken in arrival order, never cleared: an execution_complete must be that of the
  // latest execution_started before it (the server sends none for a run it cancelled)
  let latest = null;
  for (let r = 0; r < rounds; r++) {
    c.send({ action: "select_dashboard", payload: { dashboard: { full_name: "srvtest.dashboard.d" } } });
    let sawStart = false;
    for (;;) {
      const e = (await c.next("selector " + i + " round " + r, (m) => m.action === "execution_started" ||
        m.action === "execution_complete" || m.action === "execution_error", 120000)).m;
      if (e.action === "execution_error") fail("selector " + i + ": " + e.error);
      if (e.action === "execution_started") {
        latest = e.execution_id;
        sawStart = true;
        continue;
      }
      if (e.execution_id !== latest) fail("selector " + i + ": a cancelled run's execution_complete");
      const card = Object.values(e.snapshot.panels).find((p) => p.panel_type === "card");
      if (!card || card.status !== "complete") fail("selector " + i + ": card " + JSON.stringify(card));
      if (sawStart) break;
    }
  }
  c.close();
}

async function neverReads() {
  const c = new Client(url);
  await c.open();
  c.ws._socket.pause();   // the kernel's buffers fill, then the server's queue
  const asked = 3000;
  for (let k = 0; k < asked; k++) c.send({ action: "get_available_dashboards" });
  await new Promise((r) => setTimeout(r, 3000));
  c.ws._socket.resume();
  const code = await c.closedWithin(30000);
  if (code === null) fail("the client that never read was not disconnected");
  if (c.inbox.length >= asked) fail("the client that never read got every reply (" + c.inbox.length + ")");
  return c.inbox.length;
}

async function editor(stop) {
  const f = path.join(dir, "edit.pp");
  for (let k = 0; !stop.done; k++) {
    fs.writeFileSync(f, 'dashboard "edited" {\n  title = "Edited ' + k + '"\n}\n');
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function main() {
  const stop = { done: false };
  const ed = editor(stop);
  const slow = neverReads();
  const t0 = Date.now();
  const selectors = Promise.all(Array.from({ length: nselectors }, (_, i) => selector(i)));
  const counts = await Promise.all(Array.from({ length: nclients }, (_, i) => worker(i)));
  await selectors;
  stop.done = true;
  await ed;
  const got = await slow;
  const total = counts.reduce((a, b) => a + b, 0);
  if (total !== nclients * rounds) fail("replies: " + total);
  console.log("stress: " + nclients + " clients x " + rounds + " replies, " + nselectors + " selecting, in " +
              (Date.now() - t0) +
              " ms; the client that never read got " + got + " replies before it was dropped");
  process.exit(0);
}

main().catch((e) => fail(e.message));
