// layout_rules.js — what a person sees wrong on a view of the built-in page, found from the DOM and
// from ECharts' own drawing (its zrender display list), whatever the mod: layoutFindings() runs in
// the page (page.evaluate: it must use nothing outside itself) and returns one string per finding:
//   overlap   two text boxes over each other, or a text box over a panel it is not in;
//   cut       text cut by its panel's or the viewport's edge, or by a box that clips it without an
//             ellipsis and the whole text on hover (title);
//   outside   an element (or a panel) beyond its panel's box;
//   one-line  a card label, a line table's cell or an input's value on more than one line; inputs
//             side by side of different heights;
//   chart     a chart label shown as "…" or cut to less than half of its text by an ellipsis, two
//             chart labels over each other, a label beyond its chart's box;
//   exception a JavaScript exception's text shown to the user.
// tests/server/layout_check.js walks views, widths, themes and the list shown and hidden with it.
"use strict";

function layoutFindings() {
  const out = [], TOL = 1.5, MAXF = 40;
  const add = (kind, what) => { if (out.length < MAXF) out.push(kind + ": " + what); };
  const vw = document.documentElement.clientWidth;
  const short = (s) => JSON.stringify(String(s).replace(/\s+/g, " ").trim().slice(0, 50));
  const nodeName = (e) => { const n = e && e.closest(".node"); return n ? n.dataset.name : "(page)"; };
  const visible = (e) => {
    for (let a = e; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.display === "none" || s.visibility === "hidden" || Number(s.opacity) === 0) return false;
      if (a.classList.contains("node") && a.classList.contains("detail")) return false;
    }
    return true;
  };
  const inter = (a, b) => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
  const empty = (r) => r.right - r.left <= TOL || r.bottom - r.top <= TOL;
  /* the part of r an element's clipping ancestors (overflow other than visible) let be seen, and
   * whether one of them cut it without an ellipsis (a scroller is no cut: the rest is reached) */
  const clipOf = (e, r) => {
    let v = { left: r.left, top: r.top, right: r.right, bottom: r.bottom }, hard = null, ell = false;
    for (let a = e; a && a !== document.documentElement; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.position === "fixed") break;
      if (s.overflowX === "visible" && s.overflowY === "visible") continue;
      const b = a.getBoundingClientRect();
      const cut = r.left < b.left - TOL || r.right > b.right + TOL;
      /* cut where an ellipsis (and the whole on hover) says so: the boxes around cut it no more */
      if (cut && s.overflowX === "hidden" && !hard && !ell) {
        ell = s.textOverflow === "ellipsis" && !!(a.title || a.closest("[title]"));
        if (!ell) hard = a;
      }
      v = inter(v, b);
    }
    return { v, hard };
  };
  const inFloating = (e) => !!e.closest(".panel-controls, .menu, .popup, .listbox, [role=listbox], " +
    "[role=dialog], .side-panel, body > a.skip, .tooltip");

  /* the panels on screen: every .node shown, with its box */
  const panels = [...document.querySelectorAll("#layout .node")].filter((n) => visible(n) &&
    n.getBoundingClientRect().width > 0);
  const boxOf = new Map(panels.map((n) => [n, n.getBoundingClientRect()]));

  /* text boxes: every text node's line boxes, with the part that can be seen */
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!t.data.trim()) continue;
    const e = t.parentElement;
    if (!e || ["SCRIPT", "STYLE", "OPTION", "TITLE"].includes(e.tagName) || inFloating(e)) continue;
    if (!visible(e)) continue;
    const range = document.createRange();
    range.selectNodeContents(t);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
    if (!rects.length) continue;
    const lines = new Set(rects.map((r) => Math.round(r.top))).size;
    const ent = { t, e, rects: [], lines, panel: e.closest(".node") };
    for (const r of rects) {
      const { v, hard } = clipOf(e, r);
      if (hard)
        add("cut", `${short(t.data)} in ${nodeName(e)} cut by its box (${hard.className || hard.tagName})`);
      if (empty(v)) continue;
      ent.rects.push(v);
      if (v.left < -TOL || v.right > vw + TOL)
        add("cut", `${short(t.data)} in ${nodeName(e)} beyond the window's edge`);
      const pb = ent.panel && boxOf.get(ent.panel);
      if (pb && (v.left < pb.left - TOL || v.right > pb.right + TOL || v.top < pb.top - TOL ||
                 v.bottom > pb.bottom + TOL))
        add("cut", `${short(t.data)} beyond its panel ${ent.panel.dataset.name}`);
    }
    if (ent.rects.length) texts.push(ent);
  }
  /* two text boxes over each other (a sweep along x) */
  const all = [];
  texts.forEach((ent, i) => ent.rects.forEach((r) => all.push([r, i])));
  all.sort((a, b) => a[0].left - b[0].left);
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length && all[j][0].left < all[i][0].right - TOL; j++) {
      if (all[i][1] === all[j][1]) continue;
      if (!empty(inter(all[i][0], all[j][0]))) {
        const a = texts[all[i][1]], b = texts[all[j][1]];
        add("overlap", `${short(a.t.data)} (${nodeName(a.e)}) over ${short(b.t.data)} (${nodeName(b.e)})`);
      }
    }
  /* a text box over a panel it is not in (nor one around it) */
  for (const ent of texts)
    for (const [n, b] of boxOf) {
      if (n.contains(ent.e) || ent.e.contains(n)) continue;
      if (ent.rects.some((r) => !empty(inter(r, b)))) {
        add("overlap", `${short(ent.t.data)} (${nodeName(ent.e)}) over the panel ${n.dataset.name}`);
        break;
      }
    }
  /* one line: Powerpipe keeps these on one line, the rest shown by an ellipsis */
  for (const ent of texts)
    if (ent.lines > 1 && ent.e.closest(".card-label, .kv > *, .select-value, .chip, .check-tools .label"))
      add("one-line", `${short(ent.t.data)} in ${nodeName(ent.e)} on ${ent.lines} lines`);
  /* inputs in one row: one height, one line */
  const fields = [...document.querySelectorAll('#layout .node[data-type="input"] :is(.select > .control, ' +
    "label.input > input, label.input > select)")]
    .filter(visible).map((f) => [f, f.getBoundingClientRect()]).filter(([, r]) => r.height > 0);
  for (const [f, r] of fields) {
    if (r.height > 44) add("one-line", `the input ${nodeName(f)} is ${Math.round(r.height)} px tall`);
    for (const [g, q] of fields)
      if (f !== g && Math.abs(r.top - q.top) < 4 && Math.abs(r.height - q.height) > 3 && r.height < q.height)
        add("one-line", `the input ${nodeName(f)} (${Math.round(r.height)} px) beside ${nodeName(g)} ` +
            `(${Math.round(q.height)} px)`);
  }
  /* an element beyond its panel's box (what a scroller clips is inside it) */
  for (const n of panels) {
    const b = boxOf.get(n), up = n.parentElement.closest(".node");
    const ub = up && boxOf.get(up);
    if (ub && (b.left < ub.left - TOL || b.right > ub.right + TOL || b.top < ub.top - TOL ||
               b.bottom > ub.bottom + TOL))
      add("outside", `the panel ${n.dataset.name} beyond ${up.dataset.name}`);
    const body = n.querySelector(":scope > .body");
    if (!body) continue;
    for (const e of body.querySelectorAll("*")) {
      if (e.closest(".node") !== n || inFloating(e)) continue;
      const r = e.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) continue;
      const { v } = clipOf(e.parentElement, r);
      if (empty(v)) continue;
      if (v.left < b.left - TOL || v.right > b.right + TOL || v.top < b.top - TOL ||
          v.bottom > b.bottom + TOL) {
        if (!visible(e)) continue;
        add("outside", `${e.tagName.toLowerCase()}.${e.className} beyond its panel ${n.dataset.name}`);
        break;
      }
    }
  }
  /* charts: ECharts' text elements as drawn */
  const corners = (el) => {
    const r = el.getBoundingRect(), m = el.transform;
    const pts = [[r.x, r.y], [r.x + r.width, r.y], [r.x + r.width, r.y + r.height], [r.x, r.y + r.height]];
    return m ? pts.map(([x, y]) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]) : pts;
  };
  const apart = (p, q) => {   /* separating axis test of two convex quads */
    for (const poly of [p, q])
      for (let i = 0; i < 4; i++) {
        const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % 4], nx = y2 - y1, ny = x1 - x2;
        const len = Math.hypot(nx, ny) || 1;
        const proj = (pts) => pts.map(([x, y]) => (x * nx + y * ny) / len);
        const a = proj(p), b = proj(q);
        if (Math.max(...a) <= Math.min(...b) + TOL || Math.max(...b) <= Math.min(...a) + TOL) return true;
      }
    return false;
  };
  for (const c of document.querySelectorAll("#layout .chart")) {
    const inst = window.echarts && window.echarts.getInstanceByDom(c);
    if (!inst || !visible(c)) continue;
    const name = nodeName(c), w = inst.getWidth(), h = inst.getHeight();
    const labels = [], shownOf = new Map();
    for (const el of inst.getZr().storage.getDisplayList(true)) {
      /* ZRText draws each line (each rich-text fragment) as a tspan: its parent is the label */
      if ((el.type !== "tspan" && el.type !== "text") || el.ignore || el.invisible || !el.style) continue;
      let hidden = false;
      for (let p = el.parent || el.__hostTarget; p; p = p.parent || p.__hostTarget)
        if (p.ignore) hidden = true;
      if (hidden || el.style.opacity === 0) continue;
      const plain = String(el.style.text === undefined || el.style.text === null ? "" : el.style.text).trim();
      const owner = el.parent || el;
      shownOf.set(owner, (shownOf.get(owner) || "") + plain);
      if (!plain) continue;
      const q = corners(el);
      if (q.some(([x, y]) => x < -TOL || y < -TOL || x > w + TOL || y > h + TOL))
        add("chart", `${short(plain)} in ${name} beyond the chart's box`);
      labels.push([plain, q]);
    }
    /* a label cut to "…" or to less than half of its text (its data's whole text is the label's) */
    for (const [owner, shown] of shownOf) {
      const whole = String(owner.style && owner.style.text !== undefined && owner.style.text !== null
        ? owner.style.text : shown).replace(/\{[a-zA-Z0-9_]+\|([^}]*)\}/g, "$1").replace(/\s+/g, "");
      const kept = shown.replace(/\s+/g, "").replace(/(…|\.\.\.)$/, "");
      if (whole && (!kept || (kept.length < whole.length && kept.length * 2 < whole.length)))
        add("chart", `${short(whole)} in ${name} shown as ${short(shown)}`);
    }
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++)
        if (!apart(labels[i][1], labels[j][1]))
          add("chart", `${short(labels[i][0])} over ${short(labels[j][0])} in ${name}`);
  }
  /* an exception's text shown to the user */
  const said = document.body.innerText;
  const m = new RegExp("(TypeError|ReferenceError|RangeError|SyntaxError|is not a function|is not defined|" +
    "Cannot read propert[a-z]*|is not iterable|undefined is not)[^\\n]{0,60}").exec(said);
  if (m) add("exception", short(m[0]));
  return [...new Set(out)];
}

module.exports = { layoutFindings };
