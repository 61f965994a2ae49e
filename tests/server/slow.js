// slow.js URL NAME MS [CODE] — a client that stops reading (tests/test_server.c: server.slow_client_dropped,
// and server.stalled_client_cut, where CODE is 1006: the server cuts the connection, no close frame):
// its socket paused, it selects NAME (a dashboard of large tables) and reads nothing for MS ms, while
// the run's messages are its own (execution_started, each table's leaf_node_updated); the
// server must drop it with close code 1008 once its send queue is over LAZYPIPE_SEND_QUEUE_MB,
// which the client sees when it reads again.  Prints "closed CODE after K messages".
"use strict";
const { Client, fail } = require("./client.js");

const [url, name, n, expected = "1008"] = process.argv.slice(2);

async function main() {
  const c = new Client(url);
  await c.open();
  c.ws._socket.pause();   // the kernel's buffers fill, then the server's queue
  // one selection, nothing after it: bytes sent once the server closed would make its close a
  // reset, which discards what this client's kernel holds for it, the close frame included
  c.send({ action: "select_dashboard", payload: { dashboard: { full_name: name }, inputs: {} } });
  await new Promise((r) => setTimeout(r, Number(n)));
  c.ws._socket.resume();
  const code = await c.closedWithin(30000);
  if (code === null) fail("the client that stopped reading was not disconnected");
  console.log(`closed ${code} after ${c.inbox.length} messages`);
  if (code !== Number(expected)) fail(`close code ${code}, not ${expected}`);
  process.exit(0);
}
main().catch((e) => fail(e.message));
