// serve.js — `lazypipe server` started on a free loopback port for the scripts that drive a browser
// at it (screenshot.js, screenshot_pair.js, bench/page_load.js): resolved once the server logs
// "listening on", rejected when it exits first (with what it logged).
"use strict";
const { spawn } = require("child_process");
const net = require("net");

// a port free at the time of asking (the kernel's pick, released before the server takes it)
const freePort = () => new Promise((res) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => {
    const p = s.address().port;
    s.close(() => res(p));
  });
});

// cli --mod-location mod server --port P [--database db] [--ui-dir ui]: { srv, port, url }
async function serve(cli, mod, db, ui) {
  const port = await freePort();
  const args = ["--mod-location", mod, "server", "--port", String(port)];
  if (db) args.push("--database", db);
  if (ui) args.push("--ui-dir", ui);
  const srv = spawn(cli, args, { stdio: ["ignore", "ignore", "pipe"] });
  await new Promise((res, rej) => {
    let buf = "";
    srv.stderr.on("data", (d) => {
      if (buf === null) return;
      buf += d;
      if (/listening on/.test(buf)) { buf = null; res(); }
    });
    srv.on("exit", (c) => rej(new Error("server exited " + c + ": " + buf)));
  });
  return { srv, port, url: "http://127.0.0.1:" + port };
}

// the server stopped (SIGTERM), its exit no longer an error
function stop(s) {
  if (!s) return;
  s.srv.removeAllListeners("exit");
  s.srv.kill("SIGTERM");
}

module.exports = { freePort, serve, stop };
