/* select.js — the select, multiselect and combo inputs' field, as Powerpipe's react-select ones
 * behave (inputs/SelectInput, ComboInput, common/Common.tsx): a text field to search the options
 * (react-select's isSearchable), the placeholder when nothing is chosen, each option's label with
 * its tags (and the chosen one's), a multiselect's choices as removable chips, a combo's typed
 * value offered as `Use "…"`, a clear button when the input has a placeholder (isClearable).
 * Keys as a combobox's (WAI-ARIA): arrows through the options, Enter chooses, Escape closes,
 * Backspace in an empty field removes the last choice. */
import { el } from "./dom.js";
import { optionTags, searchOptions } from "./logic/inputs.js";
import { tagColor } from "./logic/colors.js";

let ids = 0;

/* an option's label and tags (LabelTagWrapper); a tag's colour marks it, its text stays readable */
function labelWithTags(o) {
  const span = el("span", "opt-label");
  span.append(el("span", "", o.label));
  for (const [k, v] of optionTags(o.tags)) {
    const t = el("span", "opt-tag", v);
    t.title = k + " = " + v;
    t.style.borderColor = tagColor(v);
    span.append(t);
  }
  return span;
}

/* opts: {options, multi, combo, placeholder, label, readOnly, onChange(value)}; returns the field's element,
 * whose setValue(value) shows a value (a string, or a list for a multiselect) without onChange */
export function selectField(opts) {
  const id = "sel" + ++ids, box = el("div", "select"), control = el("div", "control");
  const values = el("span", "values"), field = el("input"), list = el("ul", "menu");
  const clear = el("button", "clear", "×");
  /* react-select's indicators, which Powerpipe's fields show: a rule, then a chevron that opens the menu
   * (the control's click); drawn by page.css, no text */
  const separator = el("span", "separator"), chevron = el("span", "chevron");
  separator.setAttribute("aria-hidden", "true");
  chevron.setAttribute("aria-hidden", "true");
  field.type = "text";
  field.autocomplete = "off";
  field.setAttribute("role", "combobox");
  field.setAttribute("aria-expanded", "false");
  field.setAttribute("aria-controls", id + "-list");
  field.setAttribute("aria-autocomplete", "list");
  field.setAttribute("aria-label", opts.label);
  list.id = id + "-list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", opts.label);
  if (opts.multi) list.setAttribute("aria-multiselectable", "true");
  list.hidden = true;
  clear.type = "button";
  clear.title = "Clear " + opts.label;
  clear.setAttribute("aria-label", "Clear " + opts.label);
  let chosen = opts.multi ? [] : null, shown = [], active = -1;
  const byValue = (v) => opts.options.find((o) => o.value === v) || { label: v, value: v, tags: {} };

  const emit = () => opts.onChange(opts.multi ? chosen.slice() : chosen === null ? "" : chosen);
  const drawValue = () => {
    values.replaceChildren();
    if (opts.multi)
      for (const v of chosen) {
        const chip = el("span", "chip"), x = el("button", "", "×");
        x.type = "button";
        x.setAttribute("aria-label", "Remove " + byValue(v).label);
        x.onclick = (ev) => {
          ev.stopPropagation();
          chosen = chosen.filter((c) => c !== v);
          drawValue();
          emit();
        };
        chip.append(labelWithTags(byValue(v)));
        if (!opts.readOnly) chip.append(x);
        values.append(chip);
      }
    else if (chosen !== null && !field.value) values.append(labelWithTags(byValue(chosen)));
    /* one line (page.css): the whole of the chosen values on hover */
    values.title = (opts.multi ? chosen : chosen === null || field.value ? [] : [chosen])
      .map((v) => byValue(v).label).join(", ");
    if (!values.title) values.removeAttribute("title");
    const empty = opts.multi ? !chosen.length : chosen === null;
    field.placeholder = empty && opts.placeholder ? opts.placeholder : "";
    clear.hidden = !opts.placeholder || empty || !!opts.readOnly;
    box.dataset.value = opts.multi ? chosen.join(",") : chosen === null ? "" : chosen;
  };
  const open = (yes) => {
    list.hidden = !yes;
    field.setAttribute("aria-expanded", String(yes));
    if (yes) drawMenu();
    else { field.removeAttribute("aria-activedescendant"); active = -1; }
  };
  const choose = (o) => {
    if (opts.multi) { if (!chosen.includes(o.value)) chosen = chosen.concat([o.value]); }
    else chosen = o.value;
    field.value = "";
    open(!!opts.multi);
    drawValue();
    emit();
  };
  const mark = (i) => {
    active = i;
    [...list.children].forEach((li, k) => li.setAttribute("aria-selected", String(k === i)));
    const li = list.children[i];
    if (li) { field.setAttribute("aria-activedescendant", li.id); li.scrollIntoView({ block: "nearest" }); }
  };
  function drawMenu() {
    const q = field.value;
    shown = searchOptions(opts.options, q).filter((o) => !(opts.multi && chosen.includes(o.value)));
    if (opts.combo && q.trim() && !opts.options.some((o) => o.value === q.trim() || o.label === q.trim()))
      shown.push({ label: 'Use "' + q.trim() + '"', value: q.trim(), tags: {}, created: true });
    list.replaceChildren(...shown.map((o, i) => {
      const li = el("li");
      li.id = id + "-o" + i;
      li.setAttribute("role", "option");
      if (!o.created) li.dataset.value = o.value;
      li.append(o.created ? el("span", "", o.label) : labelWithTags(o));
      li.onmousedown = (ev) => ev.preventDefault();   /* the field keeps the focus */
      li.onclick = () => choose(o);
      return li;
    }));
    if (!shown.length) list.append(el("li", "none", "No options"));
    mark(shown.length ? 0 : -1);
  }
  field.oninput = () => { drawValue(); open(true); };
  field.onfocus = () => box.classList.add("focus");
  field.onblur = () => { box.classList.remove("focus"); field.value = ""; open(false); drawValue(); };
  /* a press on the control beside the text field keeps the field's focus (as react-select's), so that
   * its click toggles the menu rather than the blur closing it and the click opening it again */
  control.onmousedown = (ev) => { if (ev.target !== field) ev.preventDefault(); };
  control.onclick = () => { if (!field.disabled) { field.focus(); open(list.hidden); } };
  field.disabled = !!opts.readOnly;
  field.onkeydown = (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (list.hidden) { open(true); return; }
      if (shown.length) mark((active + (ev.key === "ArrowDown" ? 1 : shown.length - 1)) % shown.length);
    } else if (ev.key === "Enter") {
      if (!list.hidden && shown[active]) { ev.preventDefault(); choose(shown[active]); }
    } else if (ev.key === "Escape") {
      if (!list.hidden) { ev.stopPropagation(); open(false); }
    } else if (ev.key === "Backspace" && !field.value && opts.multi && chosen.length) {
      chosen = chosen.slice(0, -1);
      drawValue();
      emit();
    }
  };
  clear.onclick = (ev) => { ev.stopPropagation(); chosen = opts.multi ? [] : null; drawValue(); emit(); };
  control.append(values, field, clear, separator, chevron);
  box.append(control, list);
  box.setValue = (v) => {
    if (opts.multi) chosen = Array.isArray(v) ? v.slice() : typeof v === "string" && v ? v.split(",") : [];
    else
      chosen = v === undefined || v === null || v === "" ? null : Array.isArray(v) ? v.join(",") : String(v);
    drawValue();
  };
  box.field = field;
  drawValue();
  return box;
}
