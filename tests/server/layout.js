// layout.js — the page's layered graph layout (layeredLayout, the module
// src/server/page/logic/graph-layout.js as the page has it) against what a layered drawing must be,
// whatever the graph: every
// node placed once at finite coordinates inside the drawing's box; no two nodes within a node's
// size (100 px) of each other; in a graph without cycles every edge goes down (top-down) or right
// (left to right) by at least a rank; a node's rank one below its lowest parent, so a chain's ranks
// are 0, 1, 2...; with cycles, self loops, duplicate edges, edges to unknown ids, nodes without
// edges, long edges and a few thousand random ones.  Exits 0, or 1 after "FAIL: why".
"use strict";
const { check, fail } = require("./client.js");
const path = require("path");

let layeredLayout;

const SIZE = 100;
function acyclic(ids, edges) {
  const out = new Map(ids.map((i) => [i, []]));
  for (const [s, t] of edges) if (out.has(s) && out.has(t)) out.get(s).push(t);
  const state = new Map();
  const visit = (v) => {
    if (state.get(v) === 1) return false;
    if (state.get(v) === 2) return true;
    state.set(v, 1);
    for (const w of out.get(v)) if (!visit(w)) return false;
    state.set(v, 2);
    return true;
  };
  return ids.every(visit);
}

function verify(name, ids, edges, direction) {
  const lay = layeredLayout(ids, edges, direction);
  const lr = direction === "LR";
  check(lay.xy.size === ids.length, `${name}: ${lay.xy.size} nodes placed, ${ids.length} given`);
  for (const id of ids) {
    const p = lay.xy.get(id);
    check(p && p.every(Number.isFinite), `${name}: ${id} at ${JSON.stringify(p)}`);
    const inside = (v, extent) => v >= SIZE / 2 - 1e-6 && v <= extent - SIZE / 2 + 1e-6;
    check(inside(p[0], lay.width) && inside(p[1], lay.height),
          `${name}: ${id} at ${p} outside ${lay.width} x ${lay.height}`);
  }
  const pts = ids.map((id) => lay.xy.get(id)).sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < pts.length; i++)
    for (let j = i + 1; j < pts.length && pts[j][0] - pts[i][0] < SIZE - 1e-6; j++)
      check(Math.abs(pts[j][1] - pts[i][1]) >= SIZE - 1e-6,
            `${name}: nodes at ${pts[i]} and ${pts[j]} overlap`);
  if (acyclic(ids, edges)) {
    const known = new Set(ids);
    for (const [s, t] of edges) {
      if (!known.has(s) || !known.has(t) || s === t) continue;
      const a = lay.xy.get(s), b = lay.xy.get(t), along = lr ? 0 : 1;
      check(b[along] - a[along] >= SIZE, `${name}: the edge ${s} -> ${t} goes from ${a} to ${b}`);
    }
  }
  return lay;
}

function run() {
  for (const dir of ["TB", "LR"]) {
    verify("empty", [], [], dir);
    verify("one", ["a"], [], dir);
    const chain = verify("chain", ["a", "b", "c"], [["a", "b"], ["b", "c"]], dir);
    const along = dir === "LR" ? 0 : 1, step = dir === "LR" ? 300 : 160;
    check(chain.xy.get("b")[along] - chain.xy.get("a")[along] === step &&
          chain.xy.get("c")[along] - chain.xy.get("b")[along] === step, `chain ${dir}: ranks not one apart`);
    verify("cycle", ["a", "b", "c"], [["a", "b"], ["b", "c"], ["c", "a"]], dir);
    verify("self loop", ["a", "b"], [["a", "a"], ["a", "b"]], dir);
    verify("duplicates", ["a", "b"], [["a", "b"], ["a", "b"], ["a", "b"]], dir);
    verify("unknown ends", ["a", "b"], [["a", "zz"], ["yy", "b"], ["a", "b"]], dir);
    verify("long edges", ["a", "b", "c", "d", "e"],
           [["a", "b"], ["b", "c"], ["c", "d"], ["a", "d"], ["a", "e"], ["e", "d"]], dir);
    verify("apart", ["a", "b", "x", "y", "lone"], [["a", "b"], ["x", "y"]], dir);
    verify("fan", ["root", ...Array.from({ length: 40 }, (_, i) => "n" + i)],
           Array.from({ length: 40 }, (_, i) => ["root", "n" + i]), dir);
  }
  // random graphs: a seeded generator, so that a failure is the same next time
  let seed = 12345;
  const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let g = 0; g < 40; g++) {
    const n = 1 + rand(g < 35 ? 60 : 1500), ids = Array.from({ length: n }, (_, i) => "v" + i), edges = [];
    const m = rand(n * 2 + 1), dag = g % 2 === 0;
    for (let k = 0; k < m; k++) {
      const a = rand(n), b = rand(n);
      edges.push(dag ? ["v" + Math.min(a, b), "v" + Math.max(a, b)] : ["v" + a, "v" + b]);
    }
    verify(`random ${g} (${n} nodes, ${m} edges${dag ? ", no cycle" : ""})`, ids, edges, g % 3 ? "TB" : "LR");
  }
  console.log("layout: ok");
}

// the module as the page imports it
import(path.join(__dirname, "../../src/server/page/logic/graph-layout.js")).then((m) => {
  layeredLayout = m.layeredLayout;
  run();
}, (e) => fail("logic/graph-layout.js: " + e.message));
