/* logic/graph-layout.js — the layered drawing of a graph, as dagre lays out Powerpipe's graphs
 * (pure: no DOM; tests/server/layout.js and tests/page hold it to a layered drawing's rules). */

/* A layered drawing of a directed graph, as the dagre layout Powerpipe's graphs use (rankdir TB or
 * LR; its nodes 100 x 100 with nodesep 110 and ranksep 60 top-down, 15 and 200 left-right):
 * ranks by longest path with edges against a DFS order turned (cycles), each source pulled down
 * just above its nearest child; a long edge passes its ranks as a dummy, so that the order within
 * each rank (barycentres, sweeping down and up) keeps it straight; then each rank is placed as near
 * its neighbours' mean positions as its order and spacing allow (settle).  Returns id -> [x, y] and
 * the drawing's width and height (tests/server/layout.js holds it to a layered drawing's rules). */
export function layeredLayout(ids, edges, direction) {
  const lr = direction === "LR", SIZE = 100, NODESEP = lr ? 15 : 110, RANKSEP = lr ? 200 : 60;
  if (!ids.length) return { xy: new Map(), width: SIZE, height: SIZE };
  const succ = new Map(ids.map((id) => [id, []]));
  const state = new Map(), dag = [];
  const visit = (v) => {   /* iterative DFS: an edge to a node on the stack is turned */
    const stack = [[v, 0]];
    state.set(v, 1);
    while (stack.length) {
      const top = stack[stack.length - 1], out = succ.get(top[0]);
      if (top[1] >= out.length) { state.set(top[0], 2); stack.pop(); continue; }
      const w = out[top[1]++];
      if (state.get(w) === 1) dag.push([w, top[0]]);
      else { dag.push([top[0], w]); if (!state.has(w)) { state.set(w, 1); stack.push([w, 0]); } }
    }
  };
  for (const [s, t] of edges) if (s !== t && succ.has(s) && succ.has(t)) succ.get(s).push(t);
  for (const id of ids) if (!state.has(id)) visit(id);
  const pred = new Map(ids.map((id) => [id, []])), down = new Map(ids.map((id) => [id, []]));
  for (const [s, t] of dag) { pred.get(t).push(s); down.get(s).push(t); }
  const rank = new Map(), order = [], indeg = new Map(ids.map((id) => [id, pred.get(id).length]));
  const queue = ids.filter((id) => !indeg.get(id));
  while (queue.length) {   /* topological: a node's rank is one below its lowest parent */
    const v = queue.shift();
    order.push(v);
    rank.set(v, Math.max(0, ...pred.get(v).map((u) => rank.get(u) + 1)));
    for (const w of down.get(v)) { indeg.set(w, indeg.get(w) - 1); if (!indeg.get(w)) queue.push(w); }
  }
  for (const v of order.slice().reverse())   /* a source sits just above its nearest child */
    if (!pred.get(v).length && down.get(v).length)
      rank.set(v, Math.min(...down.get(v).map((w) => rank.get(w))) - 1);
  /* the layers, with a dummy per rank a long edge passes */
  const layers = [], up = new Map(), dn = new Map(), link = (a, b) => {
    (dn.get(a) || dn.set(a, []).get(a)).push(b);
    (up.get(b) || up.set(b, []).get(b)).push(a);
  };
  const place = (v, r) => { (layers[r] = layers[r] || []).push(v); };
  for (const v of order) place(v, rank.get(v));
  let dummies = 0;
  for (const [s, t] of dag) {
    let a = s;
    for (let r = rank.get(s) + 1; r < rank.get(t); r++) {
      const d = "\u0000" + dummies++;
      place(d, r);
      rank.set(d, r);
      link(a, d);
      a = d;
    }
    link(a, t);
  }
  for (let i = 0; i < layers.length; i++) layers[i] = layers[i] || [];
  const pos = new Map();
  const index = () => layers.forEach((l) => l.forEach((v, i) => pos.set(v, i)));
  index();
  const sweep = (from, to, step, nb) => {
    for (let r = from; r !== to; r += step) {
      const bary = (v) => {
        const n = nb.get(v) || [];
        return n.length ? n.reduce((a, u) => a + pos.get(u), 0) / n.length : pos.get(v);
      };
      const b = new Map(layers[r].map((v) => [v, bary(v)]));
      layers[r].sort((x, y) => b.get(x) - b.get(y) || pos.get(x) - pos.get(y));
      layers[r].forEach((v, i) => pos.set(v, i));
    }
  };
  for (let i = 0; i < 4; i++) { sweep(1, layers.length, 1, up); sweep(layers.length - 2, -1, -1, dn); }
  /* across a rank: each node's centre, at least SIZE + NODESEP from its neighbours in the rank */
  const gap = SIZE + NODESEP, at = new Map();
  const widest = Math.max(...layers.map((l) => l.length));
  layers.forEach((l) => l.forEach((v, i) => at.set(v, (i - (l.length - 1) / 2 + (widest - 1) / 2) * gap)));
  /* each rank in turn towards its neighbours above, then below, then both: the positions nearest
   * the wanted ones (least squares) that keep the rank's order and spacing (isotonic regression by
   * pooling adjacent violators, on x[i] - i * gap) */
  const settle = (l, nb) => {
    const want = l.map((v, i) => {
      const n = nb(v);
      return (n.length ? n.reduce((a, u) => a + at.get(u), 0) / n.length : at.get(v)) - i * gap;
    });
    const blocks = [];
    for (const w of want) {
      blocks.push({ sum: w, n: 1 });
      while (blocks.length > 1 && blocks[blocks.length - 2].sum / blocks[blocks.length - 2].n >
                                  blocks[blocks.length - 1].sum / blocks[blocks.length - 1].n) {
        const b = blocks.pop();
        blocks[blocks.length - 1].sum += b.sum;
        blocks[blocks.length - 1].n += b.n;
      }
    }
    let i = 0;
    for (const b of blocks) for (let k = 0; k < b.n; k++, i++) at.set(l[i], b.sum / b.n + i * gap);
  };
  const above = (v) => up.get(v) || [], below = (v) => dn.get(v) || [];
  for (let it = 0; it < 6; it++) {
    for (let r = 1; r < layers.length; r++) settle(layers[r], above);
    for (let r = layers.length - 2; r >= 0; r--) settle(layers[r], below);
  }
  for (const l of layers) settle(l, (v) => [...above(v), ...below(v)]);
  const min = Math.min(...ids.map((v) => at.get(v))), xy = new Map();
  let across = 0;
  for (const v of ids) {
    const a = at.get(v) - min + SIZE / 2, along = rank.get(v) * (SIZE + RANKSEP) + SIZE / 2;
    across = Math.max(across, a + SIZE / 2);
    xy.set(v, lr ? [along, a] : [a, along]);
  }
  const deep = layers.length * (SIZE + RANKSEP) - RANKSEP;
  return { xy, width: lr ? deep : across, height: lr ? across : deep, direction: lr ? "LR" : "TB" };
}
