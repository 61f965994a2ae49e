// ppui_mods.js [--broken FILE] URL MOD_DIR DASHBOARD=SNAPSHOT... — Powerpipe's own UI (served by
// --ui-dir) in headless Chromium over an acceptance mod, one browser and one page for all its
// dashboards.
// The facts come from Powerpipe's snapshot of each dashboard (SNAPSHOT: its expected_sps_*.json):
//  - the run's execution_complete snapshot equals it (times aside; a graph's column order is Go's
//    map order there, so columns compare as a set);
//  - the page shows each panel as that snapshot says: a card its label and value, a table its
//    columns and rows, a chart a canvas, a graph/flow/hierarchy its react-flow pane with one DOM
//    node per row that has an id and the UI's "N complete, 0 running, 0 waiting, 0 errors." count
//    of its node and edge panels, a text its markdown rendered (headings, links, code), an input
//    its title;
//  - a snapshot taken with inputs: its dependants wait (blocked, no data) until the value is typed
//    into the input, then the run with that value equals the snapshot;
//  - no "Workspace Error" modal, no spinner left, no console error;
//  - then a syntax error written into the dashboard's file, then into mod.pp, shows in the modal
//    with its file:line:col (as HCL reports it: the line and column of the unexpected token), the
//    server sends nothing after it that would replace it, and restoring the file runs the dashboard
//    again and brings the panels back.
// Exits 0, or 1 after "FAIL: why".
"use strict";
const fs = require("fs");
const path = require("path");
const { launch } = require("./chromium.js");
const { fail, markdownFacts } = require("./client.js");

const args = process.argv.slice(2);
// --broken FILE: the server opened the mod with "  width = = 3" in FILE (first checked, then removed)
const broken = args[0] === "--broken" ? args.splice(0, 2)[1] : null;
const [url, modDir, ...pairs] = args;
const WAIT = { timeout: 30000 };

const clone = (x) => JSON.parse(JSON.stringify(x));

// The parts of a snapshot that are facts about the dashboard, not about when it ran.  The expected
// snapshots were written by --export, whose panels went through StripSnapshot (pipe-fittings
// steampipeconfig/snapshot.go); execution_complete's did not: the same keys are left out of both.
const STRIPPED = ["sql", "source_definition", "documentation", "search_path", "search_path_prefix"];
function comparable(snap) {
  const s = clone(snap);
  delete s.start_time;
  delete s.end_time;
  for (const p of Object.values(s.panels || {})) {
    for (const k of STRIPPED) {
      delete p[k];
      if (p.properties) delete p.properties[k];
    }
  }
  for (const p of Object.values(s.panels || {}))
    if (p.data && Array.isArray(p.data.columns))
      p.data.columns.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return s;
}

function firstDifference(want, got, where) {
  if (typeof want !== typeof got || Array.isArray(want) !== Array.isArray(got) ||
      (want === null) !== (got === null))
    return `${where}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
  if (want && typeof want === "object") {
    const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
    for (const k of keys) {
      if (!(k in got)) return `${where}.${k}: missing (want ${JSON.stringify(want[k])})`;
      if (!(k in want)) return `${where}.${k}: not in Powerpipe's snapshot (${JSON.stringify(got[k])})`;
      const d = firstDifference(want[k], got[k], `${where}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return want === got ? null : `${where}: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
}

// Wait until the page shows each panel of snap as described above (not the blocked ones).
async function checkPanels(page, snap, blocked) {
  for (const [name, p] of Object.entries(snap.panels)) {
    if (blocked.has(name)) continue;
    const t = p.panel_type;
    if (t === "dashboard" && p.title) {
      await page.waitForFunction((title) => [...document.querySelectorAll("h1")].some((h) =>
        h.textContent.trim() === title), p.title, WAIT);
    } else if (t === "card") {
      const col = p.data.columns[0].name, value = String(p.data.rows[0][col]);
      await page.waitForFunction(([id, l, v]) => {
        const el = document.getElementById(id);
        const leaves = el ? [...el.querySelectorAll("*")].filter((e) => e.children.length === 0) : [];
        return leaves.some((e) => e.textContent.trim() === l) &&
          leaves.some((e) => e.textContent.trim() === v);
      }, [name, col, value], WAIT);
    } else if (t === "table" && p.display_type === "line") {
      // one block per row, in it one title and one value per column, in order
      const pairs = p.data.rows.flatMap((r) => p.data.columns.map((c) => [c.name, String(r[c.name])]));
      await page.waitForFunction(([id, pairs]) => {
        const el = document.getElementById(id);
        if (!el) return false;
        const got = [...el.querySelectorAll("div")].filter((d) => d.children.length === 2 &&
          [...d.children].every((c) => c.tagName === "SPAN")).map((d) =>
          [...d.children].map((c) => c.textContent.trim()));
        return JSON.stringify(got) === JSON.stringify(pairs);
      }, [name, pairs], WAIT);
    } else if (t === "table") {
      const cols = p.data.columns.map((c) => c.name);
      const rows = p.data.rows.map((r) => cols.map((c) => String(r[c])));
      await page.waitForFunction(([id, cols, rows]) => {
        const el = document.getElementById(id);
        if (!el) return false;
        const heads = [...el.querySelectorAll("th")].map((h) => h.textContent.trim());
        const cells = [...el.querySelectorAll("tbody tr")].map((tr) =>
          [...tr.querySelectorAll("td")].map((td) => td.textContent.trim()));
        return cols.every((c) => heads.includes(c)) && cells.length === rows.length &&
          rows.every((r) => cells.some((c) => r.every((v, i) => c[i] === v)));
      }, [name, cols, rows], WAIT);
    } else if (t === "chart") {
      await page.waitForFunction((id) => {
        const c = document.getElementById(id) && document.getElementById(id).querySelector("canvas");
        return c && c.width > 0 && c.height > 0;
      }, name, WAIT);
    } else if (t === "graph" || t === "flow" || t === "hierarchy") {
      const parts = [...(p.properties.nodes || []), ...(p.properties.edges || [])];
      const complete = parts.filter((n) => snap.panels[n] && snap.panels[n].status === "complete").length;
      // the UI draws a row of a node panel only when it has an id
      const ids = new Set();
      for (const n of p.properties.nodes || [])
        for (const r of (snap.panels[n].data || {}).rows || []) if (r.id != null) ids.add(String(r.id));
      const line = `${complete} complete, 0 running, 0 waiting, 0 errors.`;
      await page.waitForFunction(([id, text, n]) => {
        const el = document.getElementById(id);
        return el && el.querySelector(".react-flow") && el.textContent.includes(text) &&
          el.querySelectorAll(".react-flow__node").length === n;
      }, [name, line, ids.size], WAIT);
    } else if (t === "text") {
      const f = markdownFacts(p.properties.value);
      await page.waitForFunction(([id, f]) => {
        const el = document.getElementById(id);
        if (!el) return false;
        const text = el.textContent;
        return f.headings.every(([lvl, h]) => [...el.querySelectorAll("h" + lvl)].some((e) =>
          e.textContent.trim() === h)) &&
          f.links.every(([t, href]) => [...el.querySelectorAll("a")].some((a) =>
            a.textContent.trim() === t && a.getAttribute("href") === href)) &&
          f.code.every((c) => [...el.querySelectorAll("code")].some((e) => e.textContent.trim() === c)) &&
          !text.includes("##") && !text.includes("```") && !text.includes("](");
      }, [name, f], WAIT);
    } else if (t === "input") {
      await page.waitForFunction(([id, title]) => {
        const el = document.getElementById(id);
        return el && el.textContent.includes(title) && el.querySelector("input");
      }, [name, p.title], WAIT);
    }
  }
}

// No modal, no spinner, no placeholder of a panel that has not finished.
async function checkSettled(page) {
  await page.waitForFunction(() => !document.querySelector(".animate-spin") &&
    !/Initialized\.\.\.|Running\.\.\./.test(document.body.textContent), null, WAIT);
  const body = await page.textContent("body");
  if (/Workspace Error/.test(body)) fail("an error modal: " + body.slice(0, 400));
}

async function main() {
  const browser = await launch();
  const errors = [];
  const frames = [];   // every message the server sent, in order
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("websocket", (ws) => ws.on("framereceived", (f) => {
      try {
        frames.push(JSON.parse(String(f.payload)));
      } catch (e) {
        errors.push("a frame that is not JSON: " + String(f.payload).slice(0, 100));
      }
    }));
    // the next message from `from` on that pred accepts
    const nextFrame = async (from, pred, what) => {
      for (let k = 0; k < 300; k++) {
        const i = frames.findIndex((m, j) => j >= from && pred(m));
        if (i >= 0) return i;
        await page.waitForTimeout(100);
      }
      fail("no " + what + " from the server within 30 s");
    };
    if (broken) {
      // the page shows the error the workspace opened with, on top of the selection's run (it came
      // after its execution_complete, which a UI takes as the end of an error), and the fix runs
      // the dashboard again
      const text = fs.readFileSync(broken, "utf8");
      const lines = text.split("\n");
      const at = lines.indexOf("  width = = 3");
      if (at < 0) fail(`${broken} has no line "  width = = 3"`);
      const where = `${broken}:${at + 1}:11`;
      await page.goto(url + pairs[0].split("=")[0]);
      const ran = await nextFrame(0, (m) => /execution_complete|execution_error/.test(m.action),
                                  "the selection's execution_complete or execution_error");
      const e = await nextFrame(ran + 1, (m) => m.action === "workspace_error" && m.error.includes(where),
                                `workspace_error at ${where} after the selection's run`);
      await page.waitForFunction((w) => document.body.textContent.includes("Workspace Error") &&
        document.body.textContent.includes(w), where, WAIT);
      const masking = frames.slice(e + 1).find((m) => /available_dashboards|execution_/.test(m.action));
      if (masking) fail(`the server sent ${masking.action} after workspace_error, which hides it`);
      const beforeFix = frames.length;
      lines.splice(at, 1);
      fs.writeFileSync(broken, lines.join("\n"));
      await nextFrame(beforeFix, (m) => m.action === "execution_complete",
                      `execution_complete after ${path.basename(broken)} was fixed`);
      await page.waitForFunction(() => !document.body.textContent.includes("Workspace Error"), null, WAIT);
    }
    for (const pair of pairs) {
      const [dashboard, snapFile] = pair.split("=");
      const want = JSON.parse(fs.readFileSync(snapFile, "utf8"));
      const inputs = want.inputs || {};
      const from = frames.length;
      await page.goto(url + dashboard);
      let done = await nextFrame(from, (m) => m.action === "execution_complete", "execution_complete");
      const blocked = new Set();
      if (Object.keys(inputs).length) {
        // the panels that read an input wait for it: blocked in the run, nothing on the page
        for (const [name, p] of Object.entries(want.panels))
          if ((p.dependencies || []).some((d) => d.includes(".input.")) && p.data) blocked.add(name);
        const first = frames[done].snapshot;
        for (const name of blocked) {
          if (first.panels[name].status !== "blocked" || first.panels[name].data)
            fail(`${name} ran without its input: ${JSON.stringify(first.panels[name]).slice(0, 300)}`);
        }
        await checkPanels(page, want, blocked);
        for (const name of blocked)
          for (const r of want.panels[name].data.rows)
            for (const v of Object.values(r))
              if ((await page.textContent("body")).includes(String(v))) fail(`${name} shows ${v} unasked`);
        for (const [key, value] of Object.entries(inputs)) {
          const input = page.locator(`[id="${dashboard}.${key}"] input`);
          await input.fill(value);
          await input.press("Enter");
        }
        done = await nextFrame(done + 1, (m) => m.action === "execution_complete" &&
          JSON.stringify(m.snapshot.inputs) === JSON.stringify(inputs),
        "execution_complete with the inputs");
      }
      // Powerpipe's UI picks a select input's first option by itself (its snapshot was taken by the
      // CLI, with none): whether that input_changed reached the server before this run completed is
      // a race, so a value the page chose for a select of the snapshot's is not a difference
      const got = comparable(frames[done].snapshot);
      for (const key of Object.keys(got.inputs || {}))
        if (!(key in inputs) && Object.entries(want.panels).some(([name, p]) =>
          name.endsWith("." + key) && p.panel_type === "input" && p.display_type === "select"))
          delete got.inputs[key];
      const d = firstDifference(comparable(want), got, "snapshot");
      if (d) fail(`${dashboard}: ${d}`);
      await checkPanels(page, want, new Set());
      await checkSettled(page);

      // a syntax error in the dashboard's file, then in mod.pp (its resources stay as they were),
      // while the dashboard is open
      const opening = `dashboard "${dashboard.split(".").pop()}"`;
      const file = fs.readdirSync(modDir).filter((f) => f.endsWith(".pp")).map((f) => path.join(modDir, f))
        .find((f) => fs.readFileSync(f, "utf8").split("\n").some((l) => l.startsWith(opening)));
      if (!file) fail(`no file of ${modDir} opens ${opening}`);
      await syntaxErrorAndFix(file, opening, want);
      await syntaxErrorAndFix(path.join(modDir, "mod.pp"), "mod ", want);
    }
    if (errors.length) fail("console errors: " + errors.join(" | "));
    console.log("ppui_mods: ok");

    // "  width = = 3" under the line that starts with opening: the page shows the error, the
    // server does not replace it, and restoring the file runs the dashboard again (the server
    // stopped its run at the error: without a new one, a panel that was running spins forever)
    // whole, by a rename: written in place, the watcher may read it half written (truncated, no
    // dashboard for a moment), which is another test's subject, not this one's
    function writeWhole(file, text) {
      fs.writeFileSync(file + ".tmp", text);
      fs.renameSync(file + ".tmp", file);
    }

    async function syntaxErrorAndFix(file, opening, want) {
      const good = fs.readFileSync(file, "utf8");
      const lines = good.split("\n");
      const at = lines.findIndex((l) => l.startsWith(opening));
      if (at < 0) fail(`${file} has no line that starts with ${opening}`);
      lines.splice(at + 1, 0, "  width = = 3");
      const beforeError = frames.length;
      writeWhole(file, lines.join("\n"));
      // the second "=" is the unexpected token: line at + 2, column 11
      const where = `${file}:${at + 2}:11`;
      const e = await nextFrame(beforeError, (m) => m.action === "workspace_error", "workspace_error");
      if (!frames[e].error.includes(where)) fail(`the error does not say ${where}: ${frames[e].error}`);
      await page.waitForFunction((w) => document.body.textContent.includes("Workspace Error") &&
        document.body.textContent.includes(w), where, WAIT);
      const masking = frames.slice(e + 1).find((m) => /available_dashboards|execution_/.test(m.action));
      if (masking) fail(`the server sent ${masking.action} after workspace_error, which hides it`);
      // fixed: the error goes and the dashboard runs again, with the inputs it had
      const beforeFix = frames.length;
      writeWhole(file, good);
      await nextFrame(beforeFix, (m) => m.action === "execution_complete",
                      `execution_complete after ${path.basename(file)} was fixed`);
      await page.waitForFunction(() => !document.body.textContent.includes("Workspace Error"), null, WAIT);
      await checkPanels(page, want, new Set());
      await checkSettled(page);
    }
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), (e) => fail(e.stack || e.message));
