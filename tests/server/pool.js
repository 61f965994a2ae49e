// pool.js URL PG_URL APP NDASH NCARD MAX — the server's one connection pool (tests/test_server.c:
// server.pool_bounds_connections, server.pool_within_the_databases_connection_limit).  NDASH
// sessions each select their own dashboard (pool.dN, NCARD
// cards of distinct slow statements, so no session can take another's rows) at the same moment,
// while PostgreSQL's pg_stat_activity is read every 30 ms for the connections whose
// application_name is APP (the server's --database names it): never more than MAX (--max-parallel,
// or the role's connection limit) at once, at least one, and every session gets every card complete.
// Exits 0, or 1 after "FAIL: why".
"use strict";
const { spawn } = require("child_process");
const { Client, check, fail } = require("./client.js");

const [url, pg, app, ndash, ncard, max] = process.argv.slice(2);

// one psql session reads the count each time it is asked (a psql per sample is too slow to start)
let most = 0, samples = 0, sampling = true;
const psql = spawn("psql", [pg, "-At", "-v", "ON_ERROR_STOP=1"], { stdio: ["pipe", "pipe", "inherit"] });
let pending = "";
psql.stdout.on("data", (d) => {
  pending += d.toString();
  let nl;
  while ((nl = pending.indexOf("\n")) >= 0) {
    const line = pending.slice(0, nl);
    pending = pending.slice(nl + 1);
    most = Math.max(most, Number(line));
    samples++;
    if (sampling) setTimeout(sample, 30);
  }
});
function sample() {
  psql.stdin.write(`select count(*) from pg_stat_activity where application_name = '${app}';\n`);
}

async function run(i) {
  const c = new Client(url);
  await c.open();
  c.send({ action: "select_dashboard",
           payload: { dashboard: { full_name: `pool.dashboard.d${i}` }, inputs: {} } });
  const st = (await c.action("execution_started", 30000)).m;
  const leaves = {};
  for (;;) {
    const e = (await c.next("d" + i, (m) => m.execution_id === st.execution_id, 120000)).m;
    if (e.action === "leaf_node_updated") leaves[e.dashboard_node.name] = e.dashboard_node;
    else if (e.action === "execution_complete") break;
  }
  for (let k = 0; k < Number(ncard); k++) {
    const n = leaves[`pool.card.d${i}_c${k}`];
    check(n && n.status === "complete", `d${i} c${k}: ${JSON.stringify(n && (n.error || n.status))}`);
    check(n.data.rows[0].value === `d${i}c${k}`,
          `d${i} c${k}: its own value, ${JSON.stringify(n.data.rows)}`);
  }
  c.close();
}

async function main() {
  sample();
  while (samples === 0) await new Promise((r) => setTimeout(r, 20));   // psql is up
  await Promise.all(Array.from({ length: Number(ndash) }, (_, i) => run(i)));
  sampling = false;
  psql.stdin.end();
  check(samples >= 5, `pg_stat_activity read ${samples} times only`);
  check(most >= 1, "no connection of the server was ever seen");
  check(most <= Number(max), `${most} connections open at once, over --max-parallel ${max}`);
  console.log(`pool: ${ndash} sessions, at most ${most} connections (${max} allowed), ${samples} samples`);
  process.exit(0);
}
main().catch((e) => fail(e.message));
