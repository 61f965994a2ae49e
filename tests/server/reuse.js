// reuse.js URL DIR PG_URL PREFIX — dashboard results reused across edits and clients, and statements in
// flight shared between clients (tests/test_server.c: server.reuse_postgres).  Each leaf of DIR's
// dashboard calls nextval() of its own sequence PREFIX_<leaf> (made by the test), so psql's reading of
// the sequences counts the statements that really ran, whatever the server says:
//   a first client's selection runs every leaf once;
//   a second client selecting the same dashboard gets every result with no statement run: the first's
//   completed run, its messages sent again (the same execution_id);
//   a leaf's title edited while both clients have the dashboard open: the new title, no statement run;
//   a leaf's SQL edited (made slow: pg_sleep) while both have it open: both sessions re-run, and that
//   leaf alone runs, once: one session's run waits for the other's statement (lp_run_opts.share);
//   a client selecting it when the other clients' results are older than --share-results runs all;
//   a selection of a slow dashboard is still cancelled (clear_dashboard);
//   every leaf's SQL edited (all slow) with no client on it, then three clients selecting it at the
//   same moment: each leaf runs once, every client gets the same values.
// Exits 0, or 1 after "FAIL: why".
"use strict";
const fs = require("fs");
const { execFileSync } = require("child_process");
const { Client, check, fail } = require("./client.js");

const [url, dir, pg, prefix] = process.argv.slice(2);
const LEAVES = ["c1", "c2", "c3", "t4"];
const sel = (c, name) =>
  c.send({ action: "select_dashboard", payload: { dashboard: { full_name: name }, inputs: {} } });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// the statements each leaf ran so far, as PostgreSQL counted them
function counts() {
  const sql = LEAVES.map((l) => `select case when is_called then last_value else 0 end from ${prefix}_${l}`)
    .join(" union all ");
  const out = execFileSync("psql", [pg, "-Atc", sql], { encoding: "utf8" }).trim().split("\n").map(Number);
  return Object.fromEntries(LEAVES.map((l, i) => [l, out[i]]));
}

// extra: added to c2's value; slow: the leaves whose statement takes a second (pg_sleep), long enough
// for every session's run to reach it while the first one's is in flight
function dashText(title2, extra, slow = [], add = "") {
  const from = (l) => (slow.includes(l) ? " from pg_sleep(1)" : "");
  const leaf = (kind, l, title, sql) =>
    `  ${kind} "${l}" {\n    title = "${title}"\n    sql = "${sql}"\n  }\n`;
  return `dashboard "multi" {\n  title = "Multi"\n` +
    leaf("card", "c1", "One", `select nextval('${prefix}_c1')${add} as value${from("c1")}`) +
    leaf("card", "c2", title2, `select nextval('${prefix}_c2')${extra}${add} as value${from("c2")}`) +
    leaf("card", "c3", "Three", `select nextval('${prefix}_c3')${add} as value${from("c3")}`) +
    leaf("table", "t4", "Four", `select nextval('${prefix}_t4')${add} as n, 'x' as label${from("t4")}`) +
    "}\n";
}

async function execution(c, what) {
  const st = (await c.action("execution_started", 30000)).m;
  const id = st.execution_id;
  const leaves = {};
  for (;;) {
    const e = (await c.next(what, (m) => m.execution_id === id || m.action === "execution_error", 60000)).m;
    if (e.action === "execution_error") fail(what + ": execution_error " + e.error);
    if (e.action === "leaf_node_updated") leaves[e.dashboard_node.name] = e.dashboard_node;
    else if (e.action === "execution_complete") return { st, leaves, done: e };
  }
}

const NAME = "reuse.dashboard.multi";
const value = (x, l) => {
  const n = x.leaves["reuse." + (l === "t4" ? "table." : "card.") + l];
  check(n && n.status === "complete", `${l}: ${JSON.stringify(n)}`);
  return l === "t4" ? n.data.rows[0].n : n.data.rows[0].value;
};
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

async function main() {
  const zero = counts();
  check(same(zero, { c1: 0, c2: 0, c3: 0, t4: 0 }), "fresh sequences: " + JSON.stringify(zero));

  // the first client: every leaf runs once
  const a = new Client(url);
  await a.open();
  sel(a, NAME);
  const r1 = await execution(a, "first selection");
  check(Object.keys(r1.leaves).length === 4, "four leaves: " + Object.keys(r1.leaves).join(" "));
  for (const l of LEAVES) check(value(r1, l) === 1, `${l} = 1 in the first run`);
  check(same(counts(), { c1: 1, c2: 1, c3: 1, t4: 1 }),
        "first run: each leaf once " + JSON.stringify(counts()));

  // a second client, same dashboard: every result, no statement
  const b = new Client(url);
  await b.open();
  sel(b, NAME);
  const r2 = await execution(b, "second client");
  check(Object.keys(r2.leaves).length === 4, "second client: four leaves");
  for (const l of LEAVES) check(value(r2, l) === 1, `second client: ${l} = 1 (the first run's)`);
  check(r2.done.snapshot.panels["reuse.card.c2"].data.rows[0].value === 1, "second client's snapshot");
  check(same(counts(), { c1: 1, c2: 1, c3: 1, t4: 1 }),
        "second client ran statements: " + JSON.stringify(counts()));
  // ...shown the first client's run, which completed with every leaf (no run of its own: its threads,
  // its messages built again, for the same rows)
  check(r2.st.execution_id === r1.st.execution_id && r2.done.execution_id === r1.done.execution_id,
        `second client: the first's completed run (${r1.st.execution_id}), not ${r2.st.execution_id}`);

  // a title edited while both have it open: both see it, nothing runs
  a.inbox.length = 0;
  b.inbox.length = 0;
  fs.writeFileSync(dir + "/dash.pp", dashText("Two, renamed", ""));
  for (const [c, who] of [[a, "a"], [b, "b"]]) {
    const r = await execution(c, "title edit (" + who + ")");
    check(r.st.panels["reuse.card.c2"].title === "Two, renamed",
          "the new title in execution_started: " + JSON.stringify(r.st.panels["reuse.card.c2"]));
    check(r.leaves["reuse.card.c2"].title === "Two, renamed", "the new title in leaf_node_updated");
    for (const l of LEAVES) check(value(r, l) === 1, `${who}: ${l} still 1 after a title edit`);
  }
  check(same(counts(), { c1: 1, c2: 1, c3: 1, t4: 1 }),
        "a title edit ran statements: " + JSON.stringify(counts()));

  // one leaf's SQL edited while both clients have the dashboard open: both sessions run again, that
  // leaf alone runs, and once (the later session's run takes the rows of the statement in flight)
  a.inbox.length = 0;
  b.inbox.length = 0;
  fs.writeFileSync(dir + "/dash.pp", dashText("Two, renamed", " + 100", ["c2"]));
  const [r3, r3b] = await Promise.all([execution(a, "SQL edit (a)"), execution(b, "SQL edit (b)")]);
  for (const [r, who] of [[r3, "a"], [r3b, "b"]]) {
    check(value(r, "c2") === 102, `${who}: c2's new statement ran: ` + value(r, "c2"));
    for (const l of ["c1", "c3", "t4"])
      check(value(r, l) === 1, `${who}: ${l} reused after another leaf's SQL edit`);
  }
  check(same(counts(), { c1: 1, c2: 2, c3: 1, t4: 1 }),
        "a SQL edit with two clients open: c2 once " + JSON.stringify(counts()));
  b.close();

  // the server shares results at most 5 s old (--share-results=5): a client opening the dashboard
  // later than that gets fresh data, every leaf run again
  await sleep(5500);
  const d = new Client(url);
  await d.open();
  sel(d, NAME);
  const r4 = await execution(d, "a later client");
  check(value(r4, "c1") === 2 && value(r4, "c2") === 103, "a later client: fresh values " +
        JSON.stringify([value(r4, "c1"), value(r4, "c2")]));
  check(same(counts(), { c1: 2, c2: 3, c3: 2, t4: 2 }), "a later client: every leaf again " +
        JSON.stringify(counts()));
  d.close();

  // cancellation still works: a slow selection, cleared, never completes
  a.inbox.length = 0;
  sel(a, "reuse.dashboard.slow");
  const st = (await a.action("execution_started", 30000)).m;
  await sleep(300);
  a.send({ action: "clear_dashboard", payload: {} });
  await sleep(800);
  check(!a.inbox.some((e) => e.m.execution_id === st.execution_id && e.m.action === "execution_complete"),
        "the cleared slow run completed");
  a.close();

  // every leaf's SQL edited with no client on the dashboard (nothing runs), then three clients
  // selecting it at the same moment: no result to reuse (new keys), each leaf runs once
  await sleep(300);
  fs.writeFileSync(dir + "/dash.pp", dashText("Two, renamed", " + 100", LEAVES, " + 1000"));
  await sleep(1000);    // the watcher's debounce and the new index
  check(same(counts(), { c1: 2, c2: 3, c3: 2, t4: 2 }), "an edit with no client ran statements " +
        JSON.stringify(counts()));
  const many = [new Client(url), new Client(url), new Client(url)];
  await Promise.all(many.map((c) => c.open()));
  for (const c of many) sel(c, NAME);
  const rs = await Promise.all(many.map((c, i) => execution(c, "simultaneous selection " + i)));
  for (const [i, r] of rs.entries())
    check(value(r, "c1") === 1003 && value(r, "c2") === 1104 && value(r, "c3") === 1003 &&
          value(r, "t4") === 1003,
          `client ${i}: each leaf's one new value ` + JSON.stringify(LEAVES.map((l) => value(r, l))));
  check(same(counts(), { c1: 3, c2: 4, c3: 3, t4: 3 }), "three clients at once: each leaf once " +
        JSON.stringify(counts()));
  for (const c of many) c.close();
  console.log("reuse: ok");
  process.exit(0);
}

main().catch((e) => fail(e.message));
