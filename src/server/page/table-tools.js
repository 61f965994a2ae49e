/* table-tools.js — what Powerpipe's table panel lets a reader do with its rows (Table/index.tsx,
 * TableSettings.tsx): the cell menu (Copy value, Filter by this value, Exclude value from results,
 * View row), the filter's chips, and the side panels of its controls "Filter" and "Select table
 * columns".  Filters and chosen columns live in the view's URL as Powerpipe keeps them (where and
 * table, by panel name: state.checkViews), so a link or a snapshot opens the same table. */
import { el } from "./dom.js";
import { remember } from "./selection.js";
import { cellText } from "./logic/format.js";
import { addTableFilter, removeTableFilter, tableFilters } from "./logic/table.js";
import { controlButton } from "./controls.js";
import { showPanel } from "./layout.js";
import { state } from "./state.js";

/* the view's where or table for a panel changed: the URL (a new entry) and the panel again */
function setView(kind, name, value) {
  const views = state.checkViews;
  if (!views[kind]) views[kind] = {};
  if (value === null) delete views[kind][name]; else views[kind][name] = value;
  remember(true);
  if (state.panels[name]) showPanel(state.panels[name], true);
}

export const addFilter = (name, op, key, value) =>
  setView("where", name, addTableFilter(state.checkViews.where[name], op, key, value));

export const removeFilter = (name, key, value) =>
  setView("where", name, removeTableFilter(state.checkViews.where[name], key, value));

/* the filter's chips above the table, each removed by its button */
export function filterChips(name) {
  const filters = tableFilters(state.checkViews.where[name]);
  if (!filters.length) return null;
  const box = el("div", "table-filters");
  for (const f of filters) {
    const text = f.key + (f.operator === "equal" ? " = " : f.operator === "not_equal" ? " != "
      : f.operator === "in" ? " in " : " not in ") + cellText(f.value);
    const chip = el("span", "chip", text);
    const x = controlButton("heroicons-outline:x-mark", "Remove filter " + text, false,
                            () => removeFilter(name, f.key, f.value));
    chip.append(x);
    box.append(chip);
  }
  return box;
}

/* the side panel beside a table (Powerpipe's selectSidePanel): one at a time, closed by its button
 * or Escape, its first control focused */
export function sidePanel(div, title, content) {
  const old = div.querySelector(":scope > .table-side");
  if (old) old.remove();
  const side = el("div", "table-side");
  side.setAttribute("role", "dialog");
  side.setAttribute("aria-label", title);
  const head = el("div", "side-head");
  head.append(
    el("h3", "", title), controlButton("heroicons-outline:x-mark", "Close", false, () => side.remove()));
  side.append(head, content);
  side.onkeydown = (ev) => {
    if (ev.key === "Escape") { ev.stopPropagation(); side.remove(); div.focus(); }
  };
  div.append(side);
  const first = content.querySelector("input, select, button") || head.querySelector("button");
  if (first) first.focus();
  return side;
}

/* "View row": the row's columns as names and values */
export function viewRow(div, cols, row) {
  const dl = el("dl", "row-view");
  for (const c of cols)
    dl.append(el("dt", "", c.original_name || c.name), el("dd", "", cellText(row[c.name])));
  sidePanel(div, "Row", dl);
}

/* "Filter": the filter's conditions, removable, and one to add (a column, equal or not, a value) */
export function filterPanel(div, cols) {
  const name = div.dataset.name, box = el("div", "filter-side");
  const form = el("form", "add-filter"), col = el("select"), op = el("select"), value = el("input");
  col.setAttribute("aria-label", "Column");
  op.setAttribute("aria-label", "Operator");
  value.setAttribute("aria-label", "Value");
  value.placeholder = "Value";
  for (const c of cols) col.append(new Option(c.original_name || c.name, c.name));
  op.append(new Option("equals", "equal"), new Option("does not equal", "not_equal"));
  const add = el("button", "", "Add");
  add.type = "submit";
  form.append(col, op, value, add);
  form.onsubmit = (ev) => {
    ev.preventDefault();
    const rows = (state.panels[name] && state.panels[name].data && state.panels[name].data.rows) || [];
    /* the value as the column has it: a number column's as a number, as a cell's own would be */
    const typed = rows.some((r) => typeof r[col.value] === "number") && value.value.trim() !== "" &&
      !Number.isNaN(Number(value.value)) ? Number(value.value) : value.value;
    addFilter(name, op.value, col.value, typed);
    filterPanel(div, cols);
  };
  box.replaceChildren(...(filterChips(name) ? [filterChips(name)] : []), form);
  sidePanel(div, "Filter", box);
}

/* "Select table columns": a checkbox per column, a search over them, Select all and Clear all;
 * each change kept as the URL's table (Powerpipe's useTableConfig: display_columns in the data's
 * order, none chosen: the panel's own) */
export function columnsPanel(div, all, shown) {
  const name = div.dataset.name, box = el("div", "columns-side");
  const visible = new Set(shown.map((c) => c.name));
  const save = () => setView(
    "table", name,
    visible.size ? {display_columns: all.map((c) => c.name).filter((n) => visible.has(n))} : null);
  const search = el("input");
  search.type = "search";
  search.placeholder = "Search columns…";
  search.setAttribute("aria-label", "Search columns");
  const list = el("div", "column-list");
  const draw = () => {
    list.replaceChildren(
      ...all.filter((c) => !search.value || c.name.includes(search.value.trim())).map((c) => {
        const label = el("label"), box2 = el("input");
        box2.type = "checkbox";
        box2.checked = visible.has(c.name);
        box2.onchange = () => {
          if (box2.checked)
            visible.add(c.name);
          else
            visible.delete(c.name);
          save();
        };
        label.append(box2, el("span", "", c.name));
        return label;
      }));
  };
  search.oninput = draw;
  const selectAll = el("button", "", "Select all"), clearAll = el("button", "", "Clear all");
  selectAll.type = clearAll.type = "button";
  selectAll.onclick = () => { for (const c of all) visible.add(c.name); save(); draw(); };
  clearAll.onclick = () => { visible.clear(); save(); draw(); };
  draw();
  box.append(search, selectAll, clearAll, list);
  sidePanel(div, "Select table columns", box);
}

/* The cell menu: one per table, moved to the cell under the pointer or the keyboard's focus */
export function cellMenu(wrap, name, cols, rowsShown) {
  const menu = el("div", "cell-menu");
  menu.hidden = true;
  let at = null;   /* [row, column] of the cell it is on */
  const copy = controlButton("content_copy", "Copy value", false, async () => {
    const v = at && cellText(at[0][at[1].name]);
    try {
      await navigator.clipboard.writeText(v);
      copy.classList.add("done");
    } catch (e) {
      copy.classList.add("failed");
    }
  });
  menu.append(
    copy,
    controlButton(
      "filter_alt", "Filter by this value", false,
      () => at && addFilter(name, "equal", at[1].name, at[0][at[1].name])),
    controlButton(
      "close", "Exclude value from results", false,
      () => at && addFilter(name, "not_equal", at[1].name, at[0][at[1].name])),
    controlButton("split_scene", "View row", false, () => at && viewRow(wrap.closest(".node"), cols, at[0])));
  const place = (td) => {
    const tr = td.parentElement, r = rowsShown[tr.sectionRowIndex], c = cols[td.cellIndex];
    if (!r || !c) return;
    at = [r, c];
    copy.classList.remove("done", "failed");
    menu.hidden = false;
    td.append(menu);
  };
  wrap.addEventListener("mouseover", (ev) => {
    const td = ev.target.closest && ev.target.closest("tbody td");
    if (td && !td.contains(menu) && wrap.contains(td) && !td.classList.contains("none")) place(td);
  });
  wrap.addEventListener("focusin", (ev) => {
    if (ev.target.matches && ev.target.matches("tbody td")) place(ev.target);
  });
  /* the cells are one stop for Tab: arrows move between them (a grid's keys) */
  wrap.addEventListener("keydown", (ev) => {
    const td = ev.target.matches && ev.target.matches("tbody td") ? ev.target : null;
    if (!td) return;
    const moves = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] };
    const m = moves[ev.key];
    if (!m) return;
    const tr = td.parentElement.parentElement.rows[td.parentElement.sectionRowIndex + m[0]];
    const next = tr && tr.cells[td.cellIndex + m[1]];
    if (!next) return;
    ev.preventDefault();
    td.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });
  return menu;
}
