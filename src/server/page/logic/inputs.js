/* logic/inputs.js — inputs' decisions: an input's key and kind, the date range presets and the
 * value a range takes (pure: no DOM). */

/* An input as Powerpipe's UI has it: select, multiselect, combo (a select that also takes a
 * typed value), text, date, datetime, time, date_range and datetime_range.  A select without a
 * value takes its first option unless it has a placeholder (Powerpipe's SelectInput); a range,
 * the last 7 days; a user's choice is a new history entry, a default is not. */
export const inputKey = (p) =>
  (p.properties || {}).unqualified_name || "input." + ((p.properties || {}).name || "");

export const inputType = (p) => p.display_type || (p.data ? "select" : "text");

export const isMulti = (p) => ["multiselect", "multicombo"].includes(inputType(p));

/* Powerpipe's date inputs (inputs/Date): the browser's own field; its value as the field has it */
export const DATE_FIELDS = { date: "date", datetime: "datetime-local", time: "time" };

/* Powerpipe's DatetimeRangePicker: presets back from now, or a custom range; the value the JSON
 * {from, to, relative} (to null: until now), dates as YYYY-MM-DD, datetimes as ISO 8601 in UTC */
export const RANGE_PRESETS = { date_range: ["1d", "7d", "14d", "30d", "60d", "90d"],
                        datetime_range: ["1h", "3h", "6h", "12h", "1d", "7d"] };

export function rangeValue(type, relative, from, to) {
  const m = /^(\d+)([hd])$/.exec(relative);
  if (!from && m) from = new Date(Date.now() - Number(m[1]) * (m[2] === "h" ? 3600e3 : 86400e3));
  const pad = (n) => String(n).padStart(2, "0");
  const fmt = (d) => (!d ? null : type === "datetime_range" ? d.toISOString()
    : d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()));
  return JSON.stringify({ from: fmt(from), to: fmt(to), relative });
}

export function parseRange(v) {
  try { const r = JSON.parse(v); return r && typeof r === "object" ? r : {}; } catch (e) { return {}; }
}

/* An input's options as Powerpipe's useSelectInputValues reads them: its rows' label, value and
 * tags columns (none until it completes; none without both label and value), else its option
 * blocks; a tags cell may be a JSON text (SQLite) or an object */
export function selectOptions(p) {
  const props = p.properties || {}, data = p.data;
  if (p.status !== undefined && p.status !== "complete") return [];
  if (data && data.columns && data.rows) {
    const has = (n) => data.columns.some((c) => c.name === n);
    if (!has("label") || !has("value")) return [];
    return data.rows.map((r) => ({
                           label: r.label ? String(r.label) : "",
                           value: r.value ? String(r.value) : null,
                           tags: has("tags") ? tagsOf(r.tags) : {}
                         }));
  }
  return (props.options || []).map((o) => ({ label: o.label || o.name, value: o.name, tags: {} }));
}

function tagsOf(v) {
  if (typeof v === "string") try { v = JSON.parse(v); } catch (e) { return {}; }
  return v && typeof v === "object" && !Array.isArray(v) ? v : {};
}

/* the tag values an option shows, [key, value], as Common.tsx's LabelTagWrapper: an object's
 * own entries each under the key */
export function optionTags(tags) {
  const out = [];
  for (const [k, v] of Object.entries(tags || {})) {
    if (v && typeof v === "object") for (const x of Object.values(v)) out.push([k, String(x)]);
    else out.push([k, String(v)]);
  }
  return out;
}

/* react-select's search (its default filter: the label or the value holds the typed text,
 * case and accents ignored, trimmed) */
export function searchOptions(options, q) {
  const norm = (s) => String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const want = norm(q).trim();
  if (!want) return options;
  return options.filter((o) => norm(o.label + " " + o.value).includes(want));
}
