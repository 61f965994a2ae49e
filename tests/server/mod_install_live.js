// mod_install_live.js URL CLI WORKSPACE MOD — a `mod install MOD` run beside a running server
// (issue 35): the server pushes an available_dashboards that lists the new mod's dashboards,
// without a restart.  The install is a real one (git through the test's GIT_CONFIG_GLOBAL).
"use strict";
const { execFileSync } = require("child_process");
const { Client, fail } = require("./client");

(async () => {
  const [url, cli, ws, mod, alias] = process.argv.slice(2);
  const a = new Client(url.replace(/^http/, "ws") + "ws");
  await a.open();
  a.send({ action: "get_available_dashboards" });
  const before = (await a.action("available_dashboards")).m;
  const prefix = alias + ".dashboard.";
  if (Object.keys(before.dashboards).some((k) => k.startsWith(prefix))) fail("installed before the install");
  const out = execFileSync(cli, ["--mod-location", ws, "mod", "install", mod], { encoding: "utf8" });
  if (!/Installed 1 mod:/.test(out)) fail("mod install said: " + out);
  const got = await a.next("an available_dashboards listing " + prefix + "*",
    (m) => m.action === "available_dashboards" && Object.keys(m.dashboards).some((k) => k.startsWith(prefix)),
    30000);
  const n = Object.keys(got.m.dashboards).filter((k) => k.startsWith(prefix)).length;
  console.log("ok: " + n + " dashboards of " + alias + " pushed after the install");
  process.exit(0);
})().catch((e) => fail(e.message));
