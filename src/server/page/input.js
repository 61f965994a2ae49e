/* input.js — input panels, as Powerpipe's: select, multiselect, combo, text, date, datetime, time,
 * date and datetime ranges; a change is sent to the server and kept in the URL. */
import { send } from "./transport.js";
import { el } from "./dom.js";
import { remember, selectPayload } from "./selection.js";
import { cellText } from "./logic/format.js";
import { inputKey, inputType, isMulti, DATE_FIELDS, RANGE_PRESETS, rangeValue, parseRange,
         selectOptions } from "./logic/inputs.js";
import { selectField } from "./select.js";
import { state, nodes } from "./state.js";

export function inputChange(key, v, push) {
  if (state.snapshot) return;   /* a snapshot's inputs are as it was taken */
  if (v === "" || (Array.isArray(v) && !v.length)) delete state.inputs[key];
  else state.inputs[key] = v;
  remember(push);
  /* with the time range, as Powerpipe's useDashboardExecution builds either message */
  send("input_changed", Object.assign(selectPayload(), { changed_input: key }));
}

/* An input's value when it has none: its first option, unless it has a placeholder; a URL's
 * multi-select value (its values joined by commas) made the list the server takes.  Decided on
 * every update of the input (a re-run may complete it without new options). */
export function inputDefault(p) {
  const key = inputKey(p), type = inputType(p), rows = (p.data && p.data.rows) || [], cur = state.inputs[key];
  if (type in RANGE_PRESETS) {
    if (cur === undefined) inputChange(key, rangeValue(type, "7d"), false);
    return;
  }
  if (type === "text" || type in DATE_FIELDS || !p.data) return;
  if (cur === undefined && !(p.properties || {}).placeholder && rows.length && p.status === "complete")
    inputChange(key, isMulti(p) ? [cellText(rows[0].value)] : cellText(rows[0].value), false);
  else if (isMulti(p) && typeof cur === "string") inputChange(key, cur.split(","), false);
  else return;
  const field = nodes.get(p.name) && nodes.get(p.name).querySelector(".select, input");
  if (field) showValue(field, state.inputs[key]);
}

export function showValue(field, cur) {
  if (field.setValue) field.setValue(cur);
  else if (field.multiple) {
    const want = Array.isArray(cur) ? cur : typeof cur === "string" ? cur.split(",") : [];
    for (const o of field.querySelectorAll("option")) o.selected = want.includes(o.value);
  } else field.value = cur === undefined ? "" : Array.isArray(cur) ? cur.join(",") : cur;
}

export function rangeControl(key, type) {
  const box = el("div", "range"), presets = RANGE_PRESETS[type], custom = el("div", "custom");
  const field = () => {
    const f = el("input");
    f.type = type === "date_range" ? "date" : "datetime-local";
    return f;
  };
  const from = field(), to = field(), apply = el("button", "", "Apply");
  const show = () => {
    const r = parseRange(state.inputs[key]), isPreset = presets.includes(r.relative);
    for (const b of box.querySelectorAll("button.preset"))
      b.classList.toggle("on", b.dataset.relative === r.relative ||
                               (b.dataset.relative === "custom" && !isPreset));
    /* a field shows local time: a date as it is, a UTC datetime moved by the zone's offset */
    const local = (v) => {
      if (!v) return "";
      if (type === "date_range") return v.slice(0, 10);
      const d = new Date(v);
      return new Date(d.getTime() - d.getTimezoneOffset() * 60e3).toISOString().slice(0, 16);
    };
    from.value = local(r.from);
    to.value = local(r.to);
  };
  for (const rel of [...presets, "custom"]) {
    const b = el("button", "preset", rel === "custom" ? "Custom" : rel);
    b.type = "button";
    b.dataset.relative = rel;
    b.onclick = () => {
      if (rel === "custom") { custom.hidden = !custom.hidden; return; }
      custom.hidden = true;
      inputChange(key, rangeValue(type, rel), true);
      show();
    };
    box.append(b);
  }
  /* a date field's value is a local date; a datetime field's a local time, sent in UTC */
  const read = (f) => (!f.value ? null
    : type === "date_range" ? new Date(f.value + "T00:00") : new Date(f.value));
  apply.type = "button";
  apply.onclick = () => {
    if (!from.value) return;
    inputChange(key, rangeValue(type, "custom", read(from), read(to)), true);
    custom.hidden = true;
    show();
  };
  custom.hidden = true;
  custom.append(el("span", "", "from"), from, el("span", "", "to"), to, apply);
  box.append(custom);
  show();
  return box;
}

export function inputControl(p) {
  const props = p.properties || {}, key = inputKey(p), type = inputType(p), multi = isMulti(p);
  const label = el("label", "input", p.title || key);
  if (type in RANGE_PRESETS) {
    const box = el("div", "input");
    box.append(el("span", "", p.title || key), rangeControl(key, type));
    return box;
  }
  let field;
  if (type in DATE_FIELDS) {
    field = el("input");
    field.type = DATE_FIELDS[type];
    if (type === "time") field.step = 1;
    field.onchange = () => inputChange(key, field.value, true);
  } else if (type === "text" || !p.data) {
    field = el("input");
    field.type = "text";
    if (props.placeholder) field.placeholder = props.placeholder;
    field.onchange = () => inputChange(key, field.value, true);
  } else {   /* select, multiselect, combo: Powerpipe's react-select field (select.js) */
    const box = el("div", "input"), title = el("span", "input-title", p.title || key);
    field = selectField({ options: selectOptions(p), multi, combo: type === "combo" || type === "multicombo",
                          placeholder: props.placeholder || "", label: p.title || key,
                          readOnly: !!state.snapshot, onChange: (v) => inputChange(key, v, true) });
    field.dataset.name = key;
    showValue(field, state.inputs[key]);
    box.append(title, field);
    return box;
  }
  showValue(field, state.inputs[key]);
  field.name = key;
  if (state.snapshot) field.disabled = true;
  label.append(field);
  return label;
}
