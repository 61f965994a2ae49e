/* logic/timerange.js — a dashboard's time range as Powerpipe's UI keeps it (pure: no DOM): the
 * `datetime_range` query parameter, {from, to, relative} as JSON (hooks/useDashboardDatetimeRange),
 * its presets and the custom picker's relative choices (DatetimeRange/DatetimeRangePicker.tsx), and
 * what select_dashboard carries (hooks/useDashboardExecution: payload.datetime_range {from, to},
 * each only when set).  Times are ISO 8601 in UTC as dayjs' toISOString writes them. */

import { RANGE_PRESETS } from "./inputs.js";

/* DatetimeRangePicker's datetimePresets (the control with times, as ManageDatetimeRangeButton
 * shows it): a datetime_range input's presets, then Custom */
export const PRESETS = RANGE_PRESETS.datetime_range.map((v) => ({ label: v, value: v }))
  .concat({ label: "Custom", value: "custom" });

/* the custom picker's Relative tab: its rows of durations, and the duration field's units */
export const TIME_OPTIONS = [
  { unit: "minute", label: "Minutes", values: [5, 10, 15, 30, 45] },
  { unit: "hour", label: "Hours", values: [1, 2, 3, 6, 8, 12] },
  { unit: "day", label: "Days", values: [1, 2, 3, 4, 5, 6] },
  { unit: "week", label: "Weeks", values: [1, 2, 3, 4] },
];

const UNIT_MS = { minute: 60e3, hour: 3600e3, day: 86400e3, week: 7 * 86400e3 };
const SUFFIX = { minute: "m", hour: "h", day: "d", week: "w" };

/* the last n units up to now (ms since the epoch): from now - n units, no end, relative "<n><m|h|d|w>"
 * (handleTimeOptionClick); null for a count that is not a whole number from 1 */
export function relativeRange(n, unit, now) {
  if (!UNIT_MS[unit] || !Number.isInteger(n) || n < 1 || n > 999999999999) return null;
  const from = new Date(now - n * UNIT_MS[unit]);
  return isNaN(from) ? null : { from: from.toISOString(), to: null, relative: n + SUFFIX[unit] };
}

/* a preset's range (handlePresetChange: "<n>h" or "<n>d"); null for "custom" or another value */
export function presetRange(value, now) {
  const m = /^(\d+)([hd])$/.exec(value || "");
  return m ? relativeRange(Number(m[1]), m[2] === "h" ? "hour" : "day", now) : null;
}

/* Powerpipe's range when the URL has none, or one that is not JSON: the last 7 days */
export const defaultRange = (now) => relativeRange(7, "day", now);

/* the URL's datetime_range: null when absent (the range then starts as defaultRange once the
 * dashboard says it supports one); what it says when it is an object with a time `from` (and a time
 * or null `to`), else the default as Powerpipe gives for one it cannot parse */
export function parseTimeRange(raw, now) {
  if (raw === null || raw === undefined || raw === "") return null;
  let v;
  try { v = JSON.parse(raw); } catch (e) { return defaultRange(now); }
  const time = (s) => typeof s === "string" && !isNaN(Date.parse(s));
  if (!v || typeof v !== "object" || !time(v.from) || !(v.to === undefined || v.to === null || time(v.to)))
    return defaultRange(now);
  return { from: v.from, to: v.to || null, relative: typeof v.relative === "string" ? v.relative : null };
}

/* the query parameter's value: JSON.stringify of {from, to, relative}, as updateRange writes it */
export const rangeParam = (r) =>
  JSON.stringify({ from: r.from, to: r.to || null, relative: r.relative || null });

/* select_dashboard's payload.datetime_range: from and to, each only when set; undefined for none */
export function rangePayload(r) {
  if (!r || (!r.from && !r.to)) return undefined;
  const p = {};
  if (r.from) p.from = r.from;
  if (r.to) p.to = r.to;
  return p;
}

/* the preset the control shows as chosen: the range's relative when it is a preset, else Custom */
export function activePreset(r) {
  const v = r && r.relative;
  return PRESETS.some((p) => p.value === v && v !== "custom") ? v : "custom";
}

/* the Absolute tab's fields (date YYYY-MM-DD, time HH:MM[:SS], in the browser's time zone as
 * Powerpipe's dayjs reads them; a time left empty is midnight): the range, relative "custom"; no end
 * date, no end.  null when a field is not a date or time, or the end is before the start. */
export function absoluteRange(fromDate, fromTime, toDate, toTime) {
  const at = (d, t) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d || "") || !/^(\d{2}:\d{2}(:\d{2})?)?$/.test(t || "")) return null;
    const x = new Date(d + "T" + (t ? (t.length === 5 ? t + ":00" : t) : "00:00:00"));
    return isNaN(x) ? null : x;
  };
  const from = at(fromDate, fromTime), to = toDate ? at(toDate, toTime) : null;
  if (!from || (toDate && !to) || (to && to < from)) return null;
  return { from: from.toISOString(), to: to ? to.toISOString() : null, relative: "custom" };
}

/* a time's date and time fields in the browser's time zone, for the Absolute tab */
export function timeFields(iso) {
  const d = iso ? new Date(iso) : null;
  if (!d || isNaN(d)) return { date: "", time: "" };
  const p = (n) => String(n).padStart(2, "0");
  return { date: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`,
           time: `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}` };
}
