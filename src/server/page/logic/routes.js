/* logic/routes.js — the page's URLs, Powerpipe's: /<full name>?input.x=v&grouping=...
 * &where=...&table=...&datetime_range=... (pure: no DOM; URL and URLSearchParams only, which node
 * has too); an opened snapshot's /snapshot/<file name>?... */

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
  return { name: /^[^/.]+\.[^/.]+\.[^/]+$/.test(name) ? name : null, values, views: parseCheckViews(url),
           range: url.searchParams.get("datetime_range") };
}

/* the selection's URL: its inputs, its benchmark views (Powerpipe's grouping and where), and its
 * time range when it has one (datetime_range: logic/timerange.js rangeParam's JSON, last) */
export function pageURL(name, values, views, range) {
  const u = urlOf(name, values), v = viewParams(views);
  const q = new URLSearchParams();
  if (range) q.set("datetime_range", range);
  const all = [v, q.toString()].filter((x) => x).join("&");
  return all ? u + (u.includes("?") ? "&" : "?") + all : u;
}

export function parseCheckViews(url) {
  const parse = (k) => {
    try {
      const v = JSON.parse(url.searchParams.get(k) || "{}");
      return v && typeof v === "object" && !Array.isArray(v) ? v : {};
    } catch (e) { return {}; }
  };
  return { grouping: parse("grouping"), where: parse("where"), table: parse("table") };
}

/* views: {grouping, where, table} by panel name (a benchmark's grouping and filter, a table's
 * filter and columns), each written when it has one */
export function viewParams(views) {
  const q = new URLSearchParams();
  for (const k of VIEWS)
    if (views && views[k] && Object.keys(views[k]).length) q.set(k, JSON.stringify(views[k]));
  return q.toString();
}

export const VIEWS = ["grouping", "where", "table"];
export const noViews = () => ({ grouping: {}, where: {}, table: {} });

/* Powerpipe's route of an opened snapshot: /snapshot/<file name>?<inputs and views> */
export function snapshotURL(fileName, inputs, views) {
  const u = urlOf("", inputs), v = viewParams(views);
  const q = u.slice(1) + (v ? (u.length > 1 ? "&" : "?") + v : "");
  return "/snapshot/" + encodeURIComponent(fileName) + q;
}

export const isSnapshotPath = (path) => path.startsWith("/snapshot/");
