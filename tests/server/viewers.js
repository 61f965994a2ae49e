// viewers.js URL PG_URL PREFIX — one run per dashboard for all its viewers (issue 34 §4;
// tests/test_server.c: server.shared_run_postgres).  Each leaf of dashboard "shared" calls nextval()
// of its own sequence PREFIX_<leaf> (made by the test), so PostgreSQL counts the statements that ran:
//   five clients selecting it at once get one execution (one execution_id) and every leaf;
//   one of them going away and one clearing it while its slow leaves run stop nothing for the others;
//   a client selecting it then joins that run: the same execution_started, the leaves already
//   complete, then the rest;
//   each leaf's statement ran once for all six;
//   two clients of a dashboard whose statement sleeps for ten minutes run it once (pg_stat_activity);
//   one clearing it leaves it running, the last one clearing it cancels it on the database's side.
// Exits 0, or 1 after "FAIL: why".
"use strict";
const { execFileSync } = require("child_process");
const { Client, check, fail } = require("./client.js");

const [url, pg, prefix] = process.argv.slice(2);
const LEAVES = ["fast1", "fast2", "slow3", "slow4"];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sel = (c, name) =>
  c.send({ action: "select_dashboard", payload: { dashboard: { full_name: name }, inputs: {} } });
const psql = (sql) => execFileSync("psql", [pg, "-Atc", sql], { encoding: "utf8" }).trim();
const counts = () => LEAVES.map((l) => Number(psql(
  `select case when is_called then last_value else 0 end from ${prefix}_${l}`)));
// the server's statements of the waiting dashboard running now, as PostgreSQL sees them
const waiting = () => Number(psql(`select count(*) from pg_stat_activity where state = 'active' and ` +
  `pid <> pg_backend_pid() and query like '%${prefix}_wait%'`));

async function until(what, cond, ms) {
  for (const t0 = Date.now(); !cond(); await sleep(20))
    if (Date.now() - t0 > ms) fail("timed out after " + ms + " ms waiting for " + what);
}

// the leaves of execution id a client was sent so far, by short name, in arrival order
function leaves(c, id) {
  return c.inbox.filter((e) => e.m.action === "leaf_node_updated" && e.m.execution_id === id)
    .map((e) => e.m.dashboard_node).filter((n) => n.status !== "running");
}
const short = (n) => n.name.split(".").pop();
const completes = (c, id) =>
  c.inbox.some((e) => e.m.action === "execution_complete" && e.m.execution_id === id);

async function main() {
  check(counts().every((n) => n === 0), "fresh sequences: " + counts());
  const cs = [0, 1, 2, 3, 4].map(() => new Client(url));
  await Promise.all(cs.map((c) => c.open()));
  for (const c of cs) sel(c, "viewers.dashboard.shared");
  const ids = (await Promise.all(cs.map((c) => c.action("execution_started", 30000))))
    .map((e) => e.m.execution_id);
  const id = ids[0];
  check(ids.every((x) => x === id), "five viewers, one execution: " + ids.join(" "));

  // the fast leaves are in, the slow ones run: one viewer goes, another clears its dashboard
  await until("the fast leaves",
              () => leaves(cs[2], id).filter((n) => short(n).startsWith("fast")).length === 2, 30000);
  check(!completes(cs[2], id), "the run completed before its slow leaves could be waited for");
  cs[0].close();
  cs[1].send({ action: "clear_dashboard", payload: {} });

  // a late viewer joins the run in flight: its execution_started, the complete leaves, then the rest
  const late = new Client(url);
  await late.open();
  sel(late, "viewers.dashboard.shared");
  const st = (await late.action("execution_started", 30000)).m;
  check(st.execution_id === id, "the late viewer got another execution: " + st.execution_id + ", not " + id);
  check(Object.keys(st.panels).length >= 5,
        "its execution_started has the panels: " + Object.keys(st.panels));

  const stay = [cs[2], cs[3], cs[4], late];
  await until("execution_complete at every viewer still there",
              () => stay.every((c) => completes(c, id)), 60000);
  const first = leaves(late, id).slice(0, 2).map(short).sort().join(" ");
  check(first === "fast1 fast2",
        "the late viewer's first leaves are those complete when it joined: " + first);
  for (const [i, c] of stay.entries()) {
    const got = leaves(c, id);
    check(got.length === 4, `viewer ${i}: ${got.length} leaves: ` + got.map(short).join(" "));
    for (const n of got)
      check(n.status === "complete" && n.data.rows[0].value === 1,
            `viewer ${i}: ${short(n)} ${n.status} ` + JSON.stringify(n.data || n.error));
    const done = c.inbox.find((e) => e.m.action === "execution_complete").m;
    check(Object.values(done.snapshot.panels)
      .filter((p) => p.panel_type === "card" && p.status === "complete")
      .length === 4, `viewer ${i}: its snapshot's cards`);
  }
  check(!completes(cs[1], id), "the viewer that cleared its dashboard got its execution_complete");
  check(counts().every((n) => n === 1), "each leaf's statement once for six viewers: " + counts());

  // the last viewer leaving cancels the run; one leaving before does not
  const [a, b] = [cs[2], cs[3]];
  a.inbox.length = b.inbox.length = 0;
  sel(a, "viewers.dashboard.wait");
  sel(b, "viewers.dashboard.wait");
  const w = await Promise.all([a, b].map((c) => c.action("execution_started", 30000)));
  check(w[0].m.execution_id === w[1].m.execution_id, "two viewers of the waiting dashboard, two runs");
  await until("the waiting statement on the database", () => waiting() >= 1, 30000);
  a.send({ action: "clear_dashboard", payload: {} });
  await sleep(1000);
  check(waiting() === 1, "with one viewer gone, the other's statement runs once: " + waiting());
  b.send({ action: "clear_dashboard", payload: {} });
  await until("the statement cancelled once the last viewer left", () => waiting() === 0, 30000);
  for (const c of [cs[1], cs[2], cs[3], cs[4], late]) c.close();
  console.log("viewers: ok");
  process.exit(0);
}

main().catch((e) => fail(e.message));
