/* searchpath.js — the header's search path control, Powerpipe's ManageSearchPathButton and its
 * SearchPathEditor: a button ("Search Path", or the prefix's first schema with a count) opening an
 * editor of the prefix, a row a schema (a select of the database's own search path's schemas, moved
 * up and down by buttons where Powerpipe drags, removed by a button), "Add", "Reset" and "Save".
 * Saving puts the prefix in the URL and runs the view again with it. */
import { $, el } from "./dom.js";
import { icon } from "./icons.js";
import { buttonText, editState, rowOptions, searchPathControl } from "./logic/search-path.js";
import { state } from "./state.js";

let onSave = null;   /* the prefix saved: selection.js runs the view again with it */

export function initSearchPath(save) {
  onSave = save;
  const b = $("search-path");
  b.onclick = () => ($("search-path-editor").hidden ? openEditor() : closeEditor());
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && !$("search-path-editor").hidden) { closeEditor(); b.focus(); }
  });
  document.addEventListener("click", (ev) => {
    if (!ev.target.closest("#search-path-editor, #search-path")) closeEditor();
  });
  renderSearchPath();
}

/* the button as the metadata and the prefix now are */
export function renderSearchPath() {
  const b = $("search-path");
  if (!b) return;
  const c = searchPathControl(state.metadata, state.dashboardsMetadata[state.selected],
                              state.searchPathPrefix);
  b.hidden = !c.shown;
  if (b.hidden) return closeEditor();   /* (its icon not fetched while it is hidden) */
  b.disabled = !!c.disabledWhy || !!state.snapshot;
  b.title = c.disabledWhy || "Search path";
  const t = buttonText(state.searchPathPrefix);
  b.replaceChildren(icon("sort"), el("span", "", t.label));
  if (t.badge) b.append(el("span", "badge", t.badge));
  b.setAttribute("aria-label", "Search path: " + (state.searchPathPrefix.length
    ? state.searchPathPrefix.join(", ") : "the database's"));
  if (b.hidden || b.disabled) closeEditor();
}

function closeEditor() {
  const box = $("search-path-editor");
  if (!box || box.hidden) return;
  box.hidden = true;
  $("search-path").setAttribute("aria-expanded", "false");
}

function openEditor() {
  const box = $("search-path-editor");
  box.hidden = false;
  $("search-path").setAttribute("aria-expanded", "true");
  drawEditor(state.searchPathPrefix.length ? [...state.searchPathPrefix] : [""]);
  const first = box.querySelector("select");
  if (first) first.focus();
}

function smallButton(iconName, label, action, disabled) {
  const b = el("button", "icon-button");
  b.type = "button";
  b.title = label;
  b.setAttribute("aria-label", label);
  b.disabled = !!disabled;
  b.append(icon(iconName));
  b.onclick = (ev) => { ev.stopPropagation(); action(); };
  return b;
}

/* the editor over the prefix being edited (rows: one a schema; an empty one to choose from) */
function drawEditor(edited) {
  const box = $("search-path-editor");
  const c = searchPathControl(state.metadata, state.dashboardsMetadata[state.selected],
                              state.searchPathPrefix);
  const redraw = () => drawEditor(edited);
  const rows = el("div", "sp-rows");
  edited.forEach((item, i) => {
    const row = el("div", "sp-row"), sel = el("select");
    sel.setAttribute("aria-label", "Schema " + (i + 1) + " of the search path prefix");
    sel.append(new Option("Select a connection…", ""));
    for (const o of rowOptions(c.available, edited, item)) sel.append(new Option(o, o, false, o === item));
    if (item && !c.available.includes(item)) sel.append(new Option(item, item, false, true));
    sel.onchange = () => { edited[i] = sel.value; redraw(); };
    const move = (d) => { [edited[i], edited[i + d]] = [edited[i + d], edited[i]]; redraw(); };
    row.append(sel,
               smallButton("arrow_upward", "Move up", () => move(-1), i === 0),
               smallButton("arrow_downward", "Move down", () => move(1), i === edited.length - 1),
               smallButton("delete", "Remove", () => { edited.splice(i, 1); redraw(); },
                           edited.length === 1 && !item));
    rows.append(row);
  });
  const st = editState(edited.length === 1 && !edited[0] ? [] : edited, state.searchPathPrefix);
  const add = el("button", "sp-add");
  add.type = "button";
  add.append(icon("add"), el("span", "", "Add"));
  add.title = "Add connection";
  add.onclick = (ev) => { ev.stopPropagation(); edited.push(""); redraw(); };
  const reset = el("button", "sp-reset", "Reset");
  reset.type = "button";
  reset.onclick = (ev) => { ev.stopPropagation(); closeEditor(); save([]); };
  const ok = el("button", "sp-save", "Save");
  ok.type = "button";
  ok.disabled = !st.valid || !st.dirty;
  ok.title = st.reason;
  ok.onclick = (ev) => {
    ev.stopPropagation();
    closeEditor();
    save(edited.length === 1 && !edited[0] ? [] : edited);
  };
  const foot = el("div", "sp-foot");
  foot.append(add, el("span", "sp-gap"), reset, ok);
  box.replaceChildren(rows, foot);
  const focus = box.querySelector("select:focus");
  if (!focus && document.activeElement === document.body) {
    const last = rows.lastChild && rows.lastChild.querySelector("select");
    if (last) last.focus();
  }
}

function save(prefix) {
  state.searchPathPrefix = [...prefix];
  renderSearchPath();
  if (onSave) onSave();
}
