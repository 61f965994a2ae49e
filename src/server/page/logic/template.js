/* logic/template.js — Powerpipe's href templates: text with {{ jq }} parts evaluated on a row
 * (a small jq: what mods write), compiled once per text (pure: no DOM). */

/* Powerpipe's: text with {{ jq }} parts, each evaluated on the row, joined (null as nothing); an
 * expression's single quotes are double ones (as Powerpipe's buildJQFilter has them).  The jq this
 * implements is what mods write: paths (.a, ."a b", .a.b), string and number literals, null, +,
 * == and !=, if-then-elif-else-end, pipes, (...), @uri, tostring, ascii_downcase, ascii_upcase.
 * Anything else is an error: the cell has no link, as in Powerpipe when jq fails. */
export function jqCompile(src) {
  const toks = [], re =
    /\s*(?:("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|(@?[A-Za-z_][A-Za-z0-9_]*)|(==|!=|\.|\||\+|\(|\)|\[|\]))/y;
  let m, at = 0;
  while ((re.lastIndex = at, m = re.exec(src))) {
    at = re.lastIndex;
    if (m[1]) toks.push({ s: JSON.parse(m[1]) });
    else if (m[2]) toks.push({ n: Number(m[2]) });
    else toks.push({ w: m[3] || m[4] });
  }
  if (src.slice(at).trim()) throw new Error("jq: cannot read " + src.slice(at));
  let i = 0;
  const peek = (w) => toks[i] && toks[i].w === w, eat = (w) => {
    if (!peek(w)) throw new Error("jq: expected " + w);
    i++;
  };
  const str = (v) => (typeof v === "string" ? v : JSON.stringify(v));
  const FNS = {
    "@uri": (v) => encodeURIComponent(str(v))
      .replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase()),
    tostring: str, ascii_downcase: (v) => str(v).toLowerCase(), ascii_upcase: (v) => str(v).toUpperCase(),
  };
  const key = (o, k) => {
    if (o === null || o === undefined) return null;
    if (typeof o !== "object" || Array.isArray(o)) throw new Error("jq: cannot index " + typeof o);
    return o[k] === undefined ? null : o[k];
  };
  function primary() {
    const t = toks[i];
    if (!t) throw new Error("jq: unexpected end");
    if (t.s !== undefined || t.n !== undefined) {
      i++;
      const v = t.s !== undefined ? t.s : t.n;
      return () => v;
    }
    if (t.w === "(") { i++; const e = pipe(); eat(")"); return e; }
    if (t.w === "null" || t.w === "true" || t.w === "false") {
      i++;
      const v = JSON.parse(t.w);
      return () => v;
    }
    if (t.w === "if") {
      i++;
      const c = pipe(); eat("then");
      const a = pipe();
      let b = () => null;
      if (peek("elif")) { toks[i] = { w: "if" }; b = primary(); return (x) => (truthy(c(x)) ? a(x) : b(x)); }
      if (peek("else")) { i++; b = pipe(); }
      eat("end");
      return (x) => (truthy(c(x)) ? a(x) : b(x));
    }
    if (t.w in FNS) { i++; return FNS[t.w]; }
    if (t.w === ".") {
      const path = [];
      while (peek(".")) {
        i++;
        const n = toks[i];
        if (n && n.s !== undefined) { path.push(n.s); i++; }
        else if (n && n.w && /^[A-Za-z_]/.test(n.w)) { path.push(n.w); i++; }
        else if (!path.length && !(n && n.w === "[")) break;
        while (peek("[") && toks[i + 1] && toks[i + 1].s !== undefined) {
          path.push(toks[i + 1].s);
          i += 2;
          eat("]");
        }
      }
      return (x) => path.reduce(key, x);
    }
    throw new Error("jq: unexpected " + (t.w || t.s));
  }
  const truthy = (v) => v !== null && v !== false;
  function sum() {
    let e = primary();
    while (peek("+")) {
      i++;
      const l = e, r = primary();
      e = (x) => {
        const a = l(x), b = r(x);
        if (a === null) return b;
        if (b === null) return a;
        if (typeof a !== typeof b || !["string", "number"].includes(typeof a))
          throw new Error("jq: cannot add");
        return a + b;
      };
    }
    return e;
  }
  function compare() {
    const l = sum();
    if (!peek("==") && !peek("!=")) return l;
    const neg = toks[i++].w === "!=", r = sum();
    return (x) => (JSON.stringify(l(x)) === JSON.stringify(r(x))) !== neg;
  }
  function pipe() {
    let e = compare();
    while (peek("|")) { i++; const l = e, r = compare(); e = (x) => r(l(x)); }
    return e;
  }
  const e = pipe();
  if (i < toks.length) throw new Error("jq: unexpected " + (toks[i].w || toks[i].s));
  return e;
}

export const templates = new Map();   /* compiled templates by their text */
export function renderTemplate(tpl, row) {
  let parts = templates.get(tpl);
  if (!parts) {
    try {
      parts = tpl.split(/({{[\s\S]*?}})/).filter(Boolean).map((p) => {
        const m = /^{{([\s\S]*)}}$/.exec(p);
        return m ? jqCompile(m[1].replace(/'/g, '"')) : p;
      });
    } catch (e) { parts = null; }
    templates.set(tpl, parts);
  }
  if (!parts) return null;
  try {
    return parts.map((p) => {
      if (typeof p === "string") return p;
      const v = p(row);
      if (v === null) return "";
      if (typeof v === "object") throw new Error("jq: cannot join an object");
      return String(v);
    }).join("");
  } catch (e) { return null; }
}
