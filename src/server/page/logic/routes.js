/* logic/routes.js — the page's URLs, Powerpipe's: /<full name>?input.x=v&grouping=...&where=...
 * (pure: no DOM; URL and URLSearchParams only, which node has too). */

/* Powerpipe's: /<full name>?input.x=v (a multi-select's values joined by commas) */
export function urlOf(name, values) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values || {}))
    if (v !== null && v !== undefined) q.append(k, Array.isArray(v) ? v.join(",") : String(v));
  const s = q.toString();
  return "/" + encodeURI(name) + (s ? "?" + s : "");
}

export function fromURL(url) {
  const name = decodeURIComponent(url.pathname.slice(1));
  const values = {};
  for (const [k, v] of url.searchParams) if (k.startsWith("input.")) values[k] = v;
  /* a full name: mod.type.name (a dashboard's input or a panel has more parts) */
  return { name: /^[^/.]+\.[^/.]+\.[^/]+$/.test(name) ? name : null, values, views: parseCheckViews(url) };
}

/* the selection's URL: its inputs, and its benchmark views (Powerpipe's grouping and where) */
export function pageURL(name, values, views) {
  const u = urlOf(name, values), v = viewParams(views);
  return v ? u + (u.includes("?") ? "&" : "?") + v : u;
}

export function parseCheckViews(url) {
  const parse = (k) => {
    try {
      const v = JSON.parse(url.searchParams.get(k) || "{}");
      return v && typeof v === "object" && !Array.isArray(v) ? v : {};
    } catch (e) { return {}; }
  };
  return { grouping: parse("grouping"), where: parse("where") };
}

/* views: {grouping, where} by root benchmark name, each written when it has one */
export function viewParams(views) {
  const q = new URLSearchParams();
  for (const k of ["grouping", "where"])
    if (Object.keys(views[k]).length) q.set(k, JSON.stringify(views[k]));
  return q.toString();
}
