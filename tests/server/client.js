// client.js — helpers for the server's node tests (tests/test_server.c runs them): a WebSocket
// client that collects messages and waits for one matching a predicate, with a time limit; the
// facts a text panel's markdown must show as.
"use strict";
const WebSocket = require("ws");

function fail(msg) {
  console.error("FAIL: " + msg);
  process.exit(1);
}
const check = (cond, msg) => { if (!cond) fail(msg); };
/* two values equal as JSON (key order counts: the server writes its keys in one order) */
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

class Client {
  constructor(url, opts) {
    this.ws = new WebSocket(url, opts);
    this.inbox = [];
    this.waiters = [];
    this.closed = null;
    this.ws.on("message", (data, isBinary) => {
      const text = data.toString();
      let m;
      try { m = JSON.parse(text); } catch (e) { fail("reply is not valid JSON (" + text.length + " bytes)"); }
      this.inbox.push({ m, text });
      this.pump();
    });
    this.ws.on("close", (code) => { this.closed = code; this.pump(); });
    this.ws.on("error", () => {});
  }
  open() {
    return new Promise((res, rej) => { this.ws.once("open", res); this.ws.once("error", rej); });
  }
  send(x) { this.ws.send(typeof x === "string" ? x : JSON.stringify(x)); }
  pump() {
    for (const w of this.waiters.slice()) {
      const i = this.inbox.findIndex((e) => w.pred(e.m));
      if (i >= 0) {
        const [e] = this.inbox.splice(i, 1);
        this.waiters.splice(this.waiters.indexOf(w), 1);
        clearTimeout(w.timer);
        w.res(e);
      } else if (this.closed !== null && w.onClose) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        clearTimeout(w.timer);
        w.rej(new Error("connection closed (" + this.closed + ") while waiting for " + w.what));
      }
    }
  }
  // the next message (in arrival order) matching pred, consuming everything before it when `strict`
  next(what, pred, ms) {
    return new Promise((res, rej) => {
      const w = { what, pred, res, rej, onClose: true };
      w.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        rej(new Error("timed out after " + ms + " ms waiting for " + what));
      }, ms);
      this.waiters.push(w);
      this.pump();
    });
  }
  action(name, ms) { return this.next(name, (m) => m.action === name, ms || 20000); }
  closedWithin(ms) {
    return new Promise((res) => {
      if (this.closed !== null) return res(this.closed);
      const t = setTimeout(() => res(null), ms);
      this.ws.once("close", (code) => { clearTimeout(t); res(code); });
    });
  }
  close() { this.ws.terminate(); }
}

// What the markdown of a text panel must render as (read from its text with CommonMark's rules,
// not from any renderer): headings [level, text], links [text, href] and fenced code.
function markdownFacts(md) {
  const facts = { headings: [], links: [], code: [] };
  const fences = [...md.matchAll(/```[a-z]*\n([\s\S]*?)```/g)];
  for (const f of fences) facts.code.push(f[1].trim());
  const prose = md.replace(/```[a-z]*\n[\s\S]*?```/g, "");
  for (const m of prose.matchAll(/^(#{1,6})\s+(.+)$/gm)) facts.headings.push([m[1].length, m[2].trim()]);
  for (const m of prose.matchAll(/\[([^\]]+)\]\(([^)]+)\)/g)) facts.links.push([m[1], m[2]]);
  return facts;
}

// The list beside the view (the header's button): a view takes the whole width until it is asked for
async function showList(page) {
  const b = await page.$("#list-toggle:not([hidden])[aria-expanded=false]");
  if (b) await b.click();
}

module.exports = { Client, check, fail, markdownFacts, same, showList };
