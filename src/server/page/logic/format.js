/* logic/format.js — values as the page shows and writes them: a cell's text, which columns are
 * numeric, a link's safe URL, a table as Powerpipe's CSV (pure: no DOM). */

/* Papa Parse's unparse as Powerpipe calls it (jsonToCSV of the column names and the rows): "," and
 * "\r\n" between fields and rows, none after the last; a field quoted, its quotes doubled, when it
 * holds a comma, a quote, a line break or a byte order mark or begins or ends with a space; null
 * empty; a JSONB, VARCHAR[] or STRUCT column's values as JSON, any other value as its toString */
export function csvOf(data) {
  const cols = data.columns || [];
  const json = cols.map((c) => c.data_type === "JSONB" || c.data_type === "VARCHAR[]" ||
    String(c.data_type || "").startsWith("STRUCT"));
  const field = (v) => {
    if (v === undefined || v === null) return "";
    const t = v.toString().replace(/"/g, '""');
    return /[,"\r\n\ufeff]/.test(t) || t.startsWith(" ") || t.endsWith(" ") ? '"' + t + '"' : t;
  };
  const lines = [cols.map((c) => field(c.name)).join(",")];
  for (const r of data.rows || [])
    lines.push(cols.map((c, i) => field(json[i] ? JSON.stringify(r[c.name]) : r[c.name])).join(","));
  return lines.join("\r\n");
}

/* the regular expression is built from two strings only to keep its line short */
const NUMERIC_TYPE = new RegExp("^(int|integer|bigint|smallint|tinyint|real|float|double|numeric|decimal|" +
  "number|hugeint|ubigint|uinteger|usmallint|utinyint|int[248]|float[48])", "i");
export const isNumericType = (t) => NUMERIC_TYPE.test(t || "");

export function cellText(v) {
  if (v === null || v === undefined) return "null";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/* Powerpipe's numeric column types (its isNumericCol), which decide a crosstab */
export const isNumericCol = (t) => /int|float|numeric|double|real|decimal/i.test(t || "");

export function safeHref(url) {
  const u = url.replace(/[\u0000-\u0020\u007f]/g, "");   /* browsers ignore them: "java\tscript:" */
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(u);
  return !scheme || /^(https?|mailto)$/i.test(scheme[1]) ? u : null;
}

/* A number as the browser's toLocaleString() writes it.  An integer in English (en, en-US: the
 * page's usual case) is grouped here by threes, the same text: a page's first toLocaleString loads
 * ICU's number formats, 30-70 ms in Chromium, on a cold dashboard the most of drawing its cards. */
const LANG = globalThis.navigator ? globalThis.navigator.language : "";
export function localNumber(n, lang = LANG) {
  if (typeof n !== "number" || !Number.isSafeInteger(n) || Object.is(n, -0) || !/^en(-US)?$/.test(lang))
    return n.toLocaleString();
  const s = String(Math.abs(n));
  return (n < 0 ? "-" : "") + s.replace(/\B(?=(\d{3})+$)/g, ",");
}
