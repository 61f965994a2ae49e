/* sidebar.js — the list column shown or hidden (the header's button; kept in localStorage), so that
 * a dashboard can take the window's whole width; searching shows it again.  Charts and graphs are
 * fitted again to the width they then have. */
import { $ } from "./dom.js";
import { resizeCharts } from "./chart.js";
import { GRAPHS, showPanel } from "./layout.js";
import { state } from "./state.js";

const KEY = "lazypipe.list";

export function showList(shown) {
  const main = document.querySelector("main"), button = $("list-toggle");
  if (!main || !button || main.classList.contains("list-hidden") === !shown) return;
  main.classList.toggle("list-hidden", !shown);
  button.setAttribute("aria-expanded", String(shown));
  button.title = shown ? "Hide the list" : "Show the list";
  try {
    localStorage.setItem(KEY, shown ? "shown" : "hidden");
  } catch (e) { /* storage off: this page only */ }
  resizeCharts($("layout"));
  /* a graph's layout was fitted to its box's width when drawn */
  for (const p of Object.values(state.panels)) if (GRAPHS.includes(p.panel_type)) showPanel(p, true);
}

export function initListToggle() {
  const button = $("list-toggle");
  if (!button) return;
  let kept = null;
  try { kept = localStorage.getItem(KEY); } catch (e) { /* storage off: shown */ }
  if (kept === "hidden") showList(false);
  button.onclick = () => showList(document.querySelector("main").classList.contains("list-hidden"));
  $("search").addEventListener("focus", () => showList(true));
}
