/* logic/inputs.js — inputs' decisions: an input's key and kind, the date range presets and the
 * value a range takes (pure: no DOM). */

/* An input as Powerpipe's UI has it: select, multiselect, combo (a select that also takes a
 * typed value), text, date, datetime, time, date_range and datetime_range.  A select without a
 * value takes its first option unless it has a placeholder (Powerpipe's SelectInput); a range,
 * the last 7 days; a user's choice is a new history entry, a default is not. */
export const inputKey = (p) => (p.properties || {}).unqualified_name || "input." + ((p.properties || {}).name || "");

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
