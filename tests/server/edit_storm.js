// edit_storm.js URL DIR [EDITS [CLIENTS]] — issue 33 §2: a dashboard file rewritten every 0.5 s
// while clients have dashboards open (tests/test_server.c: server.edit_storm_postgres).  Every leaf
// takes a second (pg_sleep), so every edit lands while runs are in flight.  DIR/storm.pp holds
// dashboard "storm" (card "a", whose value an edit changes; card "b", which no edit changes; card
// "c", whose query.q, in the same file, is read after a with's second);
// DIR/calm.pp holds dashboard "calm", which no edit touches.  Half the clients select each.  The
// edits alternate: one changes a's statement, the next only a comment (the file is rewritten, the
// dashboard is not).  What must hold (the goal of the issue):
//   no client ever gets an execution_error, or any message saying a file "changed since the
//     workspace was indexed";
//   a run that an edit did not touch is never cancelled: a calm client gets one execution and it
//     completes; a storm client gets no more executions than edits that changed the dashboard (+1),
//     and every execution it got either completed or was replaced after such an edit;
//   an edit of query.q alone (outside the dashboard's block) runs the storm sessions again;
//   every session gets a complete result of the last version (storm: a = the last edit's value,
//     b = 2, c = 30) within one run time (the longest first run the clients measured) + 1 s of the last edit.
// Prints the figures (BENCHMARKS.md); exits 0, or 1 after "FAIL: why".
"use strict";
const fs = require("fs");
const { Client, check, fail } = require("./client.js");

const [url, dir] = process.argv.slice(2, 4);
const EDITS = Number(process.argv[4] || 4);
const CLIENTS = Number(process.argv[5] || 10);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sel = (c, name) =>
  c.send({ action: "select_dashboard", payload: { dashboard: { full_name: name }, inputs: {} } });

function storm(value, note, times = 10) {
  // the comment's length changes every time: the dashboard's bytes move, so the refresh reports it
  // modified, but its tree is the same
  return `// edit ${note}: ${"x".repeat(Number(note) % 7)}\ndashboard "storm" {\n  title = "Storm"\n` +
    `  card "a" {\n    sql = "select ${value} as value from pg_sleep(1)"\n  }\n` +
    `  card "b" {\n    sql = "select 2 as value from pg_sleep(1)"\n  }\n` +
    // c starts once w's second is over, and only then loads query.q: after the next edit rewrote
    // the file that holds both
    `  with "w" {\n    sql = "select 3 as x from pg_sleep(1)"\n  }\n` +
    `  card "c" {\n    query = query.q\n    args = [with.w.rows[0].x]\n  }\n}\n` +
    `query "q" {\n  sql = "select $1::int * ${times} as value"\n  param "x" {}\n}\n`;
}

// Every message a client got, with the time it came; the executions it saw, by id.
function record(c) {
  c.log = [];
  c.ws.on("message", (data) => {
    const m = JSON.parse(data.toString());
    c.log.push({ t: Date.now(), m, text: data.toString() });
  });
}

function executions(c) {
  const ex = new Map();
  for (const e of c.log) {
    const id = e.m.execution_id;
    if (e.m.action === "execution_started") ex.set(id, { start: e.t, done: null, snap: null });
    else if (e.m.action === "execution_complete" && ex.has(id)) {
      ex.get(id).done = e.t;
      ex.get(id).snap = e.m.snapshot;
    }
  }
  return ex;
}

const value = (snap, panel) => {
  const p = snap && snap.panels && snap.panels[panel];
  return p && p.data && p.data.rows && p.data.rows[0] ? p.data.rows[0].value : undefined;
};

async function main() {
  fs.writeFileSync(dir + "/storm.pp", storm(0, "0"));
  const clients = [];
  for (let i = 0; i < CLIENTS; i++) {
    const c = new Client(url);
    await c.open();
    record(c);
    c.dash = i % 2 ? "edit_storm.dashboard.calm" : "edit_storm.dashboard.storm";
    clients.push(c);
  }
  // first runs, undisturbed: the run time the goal is measured against
  for (const c of clients) sel(c, c.dash);
  await Promise.all(clients.map((c) => c.action("execution_complete", 60000)));
  let runMs = 0;
  for (const c of clients)
    for (const x of executions(c).values()) if (x.done) runMs = Math.max(runMs, x.done - x.start);

  // the storm: every 0.5 s, the file rewritten; even edits change a's statement, odd ones a comment
  let touching = 0, lastValue = 0, lastEdit = 0;
  const editTimes = [];
  for (let k = 1; k <= EDITS; k++) {
    const changes = k % 2 === 0 || k === EDITS;
    if (changes) {
      touching++;
      lastValue = 100 + k;
    }
    fs.writeFileSync(dir + "/storm.pp", storm(lastValue, String(k)));
    lastEdit = Date.now();
    editTimes.push([lastEdit, changes]);
    if (k < EDITS) await sleep(500);
  }

  // every storm session: a complete result of the last version; then quiet for the calm ones' sake
  const deadline = lastEdit + runMs + 1000;
  const waitMs = Math.max(deadline - Date.now(), 0) + 30000;   // a hang fails; the goal is checked below
  const finals = await Promise.all(clients.map(async (c) => {
    const t0 = Date.now();
    for (;;) {
      const ex = executions(c);
      let last = null;
      for (const [id, x] of ex) if (x.done && (!last || x.done > last.done)) last = { id, ...x };
      const ok = c.dash.endsWith("calm") ? last && value(last.snap, "edit_storm.card.calm_a") === 1
        : last && value(last.snap, "edit_storm.card.a") === lastValue &&
          value(last.snap, "edit_storm.card.b") === 2 &&
          value(last.snap, "edit_storm.card.c") === 30;
      if (ok) return last;
      if (Date.now() - t0 > waitMs)
        fail(`${c.dash}: no complete result of the last version within ${waitMs} ms (the last: ` +
             `${last ? last.id + " " + JSON.stringify(["a", "b", "c", "calm_a"].map((p) =>
               value(last.snap, "edit_storm.card." + p))) : "none"})`);
      await sleep(50);
    }
  }));
  await sleep(1000);   // anything late (a run an edit started and nobody cancelled) shows up

  // every failure is listed after the figures (bench/edit_storm.sh shows them for another build)
  const failures = [];
  const verify = (cond, msg) => { if (!cond && failures.length < 20) failures.push(msg); };
  let worst = 0, nStarted = 0, nComplete = 0, told = 0, errors = 0;
  const wait = [0, 0];   // calm, storm
  for (let i = 0; i < clients.length; i++) {
    const c = clients[i], f = finals[i], calm = c.dash.endsWith("calm");
    for (const e of c.log) {
      errors += e.m.action === "execution_error";
      told += e.text.includes("since the workspace was indexed");
      verify(e.m.action !== "execution_error", `${c.dash}: execution_error ${e.text.slice(0, 300)}`);
      verify(!e.text.includes("since the workspace was indexed"),
             `${c.dash}: a client was told a file changed: ${e.text.slice(0, 300)}`);
    }
    const ex = [...executions(c).entries()].sort((x, y) => x[1].start - y[1].start);
    // the longest a session's client showed a run in progress (from an execution_started to the next
    // execution_complete): what a viewer waits
    const ends = ex.map((x) => x[1].done).filter((t) => t).sort((x, y) => x - y);
    for (const [, x] of ex) {
      const end = ends.find((t) => t >= x.start);
      if (end !== undefined) wait[calm ? 0 : 1] = Math.max(wait[calm ? 0 : 1], end - x.start);
    }
    nStarted += ex.length;
    nComplete += ex.filter((x) => x[1].done).length;
    if (calm) {
      verify(ex.length === 1 && ex[0][1].done, `calm: ${ex.length} executions (the edits never touch it)`);
      continue;
    }
    verify(ex.length <= touching + 1, `storm: ${ex.length} executions for ${touching} edits that changed it`);
    // an execution left without its end was replaced, and only after an edit that changed the dashboard
    for (let j = 0; j + 1 < ex.length; j++) {
      if (ex[j][1].done) continue;
      const next = ex[j + 1][1].start;
      const cause = editTimes.filter(([t, ch]) => t > ex[j][1].start && t < next);
      verify(cause.some(([, ch]) => ch),
             `storm: execution ${ex[j][0]} was replaced though no edit in between changed the dashboard`);
    }
    const late = f.done - lastEdit;
    worst = Math.max(worst, late);
    verify(f.done <= deadline, `storm: the last version's result came ${late} ms after the last edit ` +
           `(goal: one run time, ${runMs} ms, + 1000 ms)`);
  }
  console.log(`edit storm: ${EDITS} edits every 500 ms (${touching} changing the dashboard), ${CLIENTS} ` +
              `clients; run time ${runMs} ms; last result ${worst} ms after the last edit (goal <= ` +
              `${runMs + 1000}); longest wait for a result: calm ${wait[0]} ms, storm ${wait[1]} ms; ` +
              `executions ` +
              `${nStarted} started, ${nComplete} completed; ${errors} ` +
              `execution_errors, ${told} messages saying a file changed`);
  // an edit of what a leaf runs outside the dashboard's block (the query it names) runs it again
  if (!failures.length) {
    fs.writeFileSync(dir + "/storm.pp", storm(lastValue, "q", 100));
    await Promise.all(clients.filter((c) => !c.dash.endsWith("calm")).map(async (c) => {
      for (const t0 = Date.now(); ;) {
        const x = [...executions(c).values()]
          .find((e) => e.done && value(e.snap, "edit_storm.card.c") === 300);
        if (x) return;
        if (Date.now() - t0 > 30000) fail("storm: query.q's edit did not run the dashboard again (c = 300)");
        await sleep(50);
      }
    }));
  }
  for (const c of clients) c.close();
  if (failures.length) fail(failures.join("\n      "));
  process.exit(0);
}

main().catch((e) => fail(e.stack || String(e)));
