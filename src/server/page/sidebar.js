/* sidebar.js — where the list is, as in Powerpipe's UI: the home page (nothing selected) is the list
 * at the window's whole width; a dashboard or benchmark takes the whole width too, the list beside
 * it only when the header's button asked for it (kept in localStorage; searching shows it again).
 * Charts and graphs are fitted again to the width they then have. */
import { $ } from "./dom.js";
import { resizeCharts } from "./chart.js";
import { GRAPHS, showPanel } from "./layout.js";
import { state } from "./state.js";

const KEY = "lazypipe.list";

/* list.js's: its render, called when the list is shown after it was left undrawn (stale) hidden */
export const listHooks = { render: null, stale: false };

/* the list beside a view when the reader asked for it, else hidden */
function wanted() {
  try { return localStorage.getItem(KEY) === "shown"; } catch (e) { return false; }
}

function refit() {
  resizeCharts($("layout"));
  /* a graph's layout was fitted to its box's width when drawn */
  for (const p of Object.values(state.panels)) if (GRAPHS.includes(p.panel_type)) showPanel(p, true);
}

function apply(home, shown) {
  const main = document.querySelector("main"), button = $("list-toggle");
  if (!main || !button) return;
  const wasHome = main.classList.contains("home"), wasHidden = main.classList.contains("list-hidden");
  main.classList.toggle("home", home);
  main.classList.toggle("list-hidden", !home && !shown);
  button.hidden = home;
  button.setAttribute("aria-expanded", String(home || shown));
  button.title = shown ? "Hide the list" : "Show the list";
  if (!home && (wasHome || wasHidden !== !shown)) refit();
  if ((home || shown) && listHooks.stale && listHooks.render) {
    listHooks.stale = false;
    listHooks.render();
  }
}

/* the reader's choice for the views: the list beside them or not */
export function showList(shown) {
  try {
    localStorage.setItem(KEY, shown ? "shown" : "hidden");
  } catch (e) { /* storage off: this page only */ }
  apply(!state.selected, shown);
}

/* the list placed for what is selected now (list.js render, on every change of the selection) */
export function placeList() {
  apply(!state.selected, wanted());
}

export function initListToggle() {
  const button = $("list-toggle");
  if (!button) return;
  placeList();
  button.onclick = () => showList(document.querySelector("main").classList.contains("list-hidden"));
  $("search").addEventListener("focus", () => { if (state.selected) showList(true); });
}
