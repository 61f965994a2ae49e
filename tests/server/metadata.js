// metadata.js URL VERSION — server_metadata's cli.version is VERSION (the --ui-dir build's
// version.json: a release UI reloads itself while they differ).  Exits 0, or 1 after "FAIL: why".
"use strict";
const { Client, fail } = require("./client.js");

const [url, version] = process.argv.slice(2);

async function main() {
  const c = new Client(url);
  await c.open();
  c.send({ action: "get_server_metadata" });
  const m = (await c.action("server_metadata")).m;
  if (m.metadata.cli.version !== version) fail("cli.version " + m.metadata.cli.version + ", not " + version);
  c.close();
  process.exit(0);
}

main().catch((e) => fail(e.message));
