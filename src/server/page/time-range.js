/* time-range.js — the time range control of a dashboard whose database is a Tailpipe connection, as
 * Powerpipe's UI shows it (ManageDatetimeRangeButton, DatetimeRangePicker): shown when the selection's
 * dashboard_metadata (else the server_metadata) says supports_time_range; its presets and a Custom
 * panel (Relative: durations; Absolute: start and end dates and times; Cancel, Apply).  A choice
 * goes into the URL (datetime_range) and runs the dashboard again with it (select_dashboard's
 * payload.datetime_range).  The decisions are logic/timerange.js's. */
import { send } from "./transport.js";
import { $, el } from "./dom.js";
import { remember, selectPayload } from "./selection.js";
import { PRESETS, TIME_OPTIONS, presetRange, defaultRange, relativeRange, absoluteRange, activePreset,
         timeFields } from "./logic/timerange.js";
import { state } from "./state.js";

let customPanel = null;   /* the Custom panel while open: { temp, tab } */

/* whether the control shows: the dashboard's own metadata once it came, else the server's */
function rangeShown() {
  if (!state.selected || state.snapshot) return false;
  const md = state.dashboardsMetadata[state.selected];
  return !!(md ? md.supports_time_range : state.metadata && state.metadata.supports_time_range);
}

/* after a server_metadata, a dashboard_metadata or a selection: the control shown or hidden; a
 * dashboard that supports a range and has none gets Powerpipe's (the last 7 days), in the URL in
 * place, and runs again with it (unless rerun is false: a selection about to be sent) */
export function syncTimeRange(rerun = true) {
  const on = rangeShown();
  const md = state.dashboardsMetadata[state.selected];
  const supports = !!state.selected && !state.snapshot &&
    ((md && md.supports_time_range) || (state.metadata && state.metadata.supports_time_range));
  if (supports && !state.range) {
    state.range = defaultRange(Date.now());
    remember(false);
    if (rerun) send("select_dashboard", selectPayload());
  }
  $("time-range").hidden = !on;
  if (!on) closeCustom();
  drawRange();
}

function setRange(r) {
  const o = state.range;
  if (!r || (o && o.from === r.from && o.to === r.to && o.relative === r.relative)) return;
  state.range = r;
  remember(true);
  send("select_dashboard", selectPayload());
  drawRange();
}

function closeCustom() {
  customPanel = null;
  const p = $("time-range").querySelector(".tr-custom");
  if (p) p.remove();
  drawRange();
}

function drawRange() {
  const box = $("time-range");
  let bar = box.querySelector(".tr-presets");
  if (!bar) {
    bar = el("div", "tr-presets");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Time range");
    for (const p of PRESETS) {
      const b = el("button", "tr-preset", p.label);
      b.type = "button";
      b.dataset.preset = p.value;
      b.onclick = () => p.value === "custom" ? (customPanel ? closeCustom() : openCustom())
        : (closeCustom(), setRange(presetRange(p.value, Date.now())));
      bar.append(b);
    }
    box.append(bar);
  }
  const active = state.range ? activePreset(state.range) : null;
  for (const b of bar.children) {
    b.setAttribute("aria-pressed", String(b.dataset.preset === active));
    if (b.dataset.preset === "custom")
      b.title = state.range ? state.range.from + " – " + (state.range.to || "now") : "";
  }
}

function openCustom() {
  customPanel = { temp: Object.assign({}, state.range), tab: "relative" };
  const panel = el("div", "tr-custom");
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", "Custom time range");
  $("time-range").append(panel);
  drawCustom();
}

function tabButton(name, label) {
  const b = el("button", "tr-tab", label);
  b.type = "button";
  b.setAttribute("role", "tab");
  b.setAttribute("aria-selected", String(customPanel.tab === name));
  b.onclick = () => { customPanel.tab = name; drawCustom(); };
  return b;
}

/* the Relative tab: a row of durations per unit (the chosen one marked), and the duration field */
function relativeTab(temp) {
  const m = /^(\d+)([mhdw])$/.exec(temp.relative || "");
  const unitOf = { m: "minute", h: "hour", d: "day", w: "week" };
  const n = m ? Number(m[1]) : 1, unit = m ? unitOf[m[2]] : "hour";
  const pick = (v, u) => {
    customPanel.temp = relativeRange(v, u, Date.now()) || customPanel.temp;
    drawCustom();
  };
  const tab = el("div", "tr-relative");
  for (const o of TIME_OPTIONS) {
    const row = el("div", "tr-row");
    row.append(el("span", "tr-label", o.label));
    for (const v of o.values) {
      const b = el("button", "tr-option", String(v));
      b.type = "button";
      b.dataset.unit = o.unit;
      b.setAttribute("aria-pressed", String(v === n && o.unit === unit && !!m));
      b.onclick = () => pick(v, o.unit);
      row.append(b);
    }
    tab.append(row);
  }
  const row = el("label", "tr-row tr-duration", "Duration ");
  const num = el("input");
  Object.assign(num, { type: "number", min: 1, max: 999999999999, value: n });
  const sel = el("select");
  for (const o of TIME_OPTIONS) sel.append(new Option(o.label, o.unit, false, o.unit === unit));
  num.onchange = sel.onchange = () => pick(Number(num.value), sel.value);
  row.append(num, sel);
  tab.append(row);
  return tab;
}

/* the Absolute tab: start and end, each a date and a time field (the browser's time zone) */
function absoluteTab(temp) {
  const tab = el("div", "tr-absolute");
  const f = timeFields(temp.from), t = timeFields(temp.to);
  const inputs = {};
  const apply = () => {
    customPanel.temp = absoluteRange(inputs.fd.value, inputs.ft.value, inputs.td.value, inputs.tt.value) ||
      Object.assign({}, customPanel.temp, { invalid: true });
    $("time-range").querySelector(".tr-apply").disabled = !!customPanel.temp.invalid;
  };
  const rows = [["fd", "Start date", "date", f.date], ["ft", "Start time", "time", f.time],
                ["td", "End date", "date", t.date], ["tt", "End time", "time", t.time]];
  for (const [k, label, type, value] of rows) {
    const l = el("label", "tr-field", label);
    const i = el("input");
    Object.assign(i, { type, value, name: k });
    if (type === "time") i.step = 1;
    i.onchange = apply;
    inputs[k] = i;
    l.append(i);
    tab.append(l);
  }
  return tab;
}

function drawCustom() {
  const panel = $("time-range").querySelector(".tr-custom");
  if (!panel || !customPanel) return;
  const tabs = el("div", "tr-tabs");
  tabs.setAttribute("role", "tablist");
  tabs.append(tabButton("relative", "Relative"), tabButton("absolute", "Absolute"));
  const body = customPanel.tab === "relative" ? relativeTab(customPanel.temp) : absoluteTab(customPanel.temp);
  const actions = el("div", "tr-actions");
  const cancel = el("button", "tr-cancel", "Cancel"), apply = el("button", "tr-apply", "Apply");
  cancel.type = apply.type = "button";
  cancel.onclick = closeCustom;
  apply.disabled = !!customPanel.temp.invalid;
  apply.onclick = () => {
    const r = customPanel.temp;
    if (r.invalid) return;
    closeCustom();
    setRange({ from: r.from, to: r.to || null, relative: r.relative || null });
  };
  actions.append(cancel, apply);
  panel.replaceChildren(tabs, body, actions);
}
