// canary.js URL DASHBOARD OK CANARY — every message the server sends a client that asks for its
// metadata, its dashboards and benchmarks, and runs DASHBOARD and OK (whatever their end) holds no
// byte of CANARY (a file outside a dependency mod that the mod tried to read), where what the mod
// read inside its folder (OK's title, "inside ok") is there.  Exits 0, or 1 after "FAIL: why".
"use strict";
const { Client, fail } = require("./client.js");

const [url, dashboard, ok, canary] = process.argv.slice(2);

async function main() {
  const c = new Client(url.replace(/^http/, "ws") + "ws");
  await c.open();
  const seen = [];
  const take = (e) => { seen.push(e.text); return e; };
  c.send({ action: "get_server_metadata" });
  take(await c.action("server_metadata"));
  c.send({ action: "get_dashboard_metadata" });
  c.send({ action: "get_available_dashboards" });
  take(await c.action("available_dashboards"));
  for (const d of [dashboard, ok]) {
    c.send({ action: "select_dashboard", payload: { dashboard: { full_name: d }, inputs: {} } });
    const ends = /^(execution_complete|execution_error|workspace_error)$/;
    const end = await c.next(d + "'s end", (m) => ends.test(m.action), 30000)
      .catch((e) => fail(e.message + "; got " + c.inbox.map((x) => x.m.action).join(" ")));
    take(end);
  }
  for (const e of c.inbox) seen.push(e.text);   // whatever else came
  const all = seen.join("\n");
  const at = all.indexOf(canary);
  if (at >= 0) fail("a server message holds the canary: " + all.slice(Math.max(0, at - 200), at + 200));
  if (!all.includes("inside ok")) fail("the dependency's own file (" + ok + "'s title) is in no message");
  c.close();
  process.exit(0);
}

main().catch((e) => fail(e.message));
