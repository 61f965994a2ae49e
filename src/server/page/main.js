/* main.js — the page's start: its listeners (links of its own, history, keys, search, theme,
 * resize), the deep link it was opened with, and the connection. */
import { TOKEN, send, connect } from "./transport.js";
import { $ } from "./dom.js";
import { darkQuery, applyTheme, toggleTheme } from "./theme.js";
import { fromURL, pageURL, isSnapshotPath } from "./logic/routes.js";
import { parseTimeRange, rangeParam } from "./logic/timerange.js";
import { GROUP_BY, DISPLAY } from "./logic/list.js";
import { navigate, select } from "./selection.js";
import { render, chooseList } from "./list.js";
import { snapshotListeners, showSnapshotPath, snapReady } from "./snapshot.js";
import { closeDetail } from "./controls.js";
import { clearLayout } from "./layout.js";
import { resizeCharts, loadECharts } from "./chart.js";
import { state } from "./state.js";
import { syncTimeRange } from "./time-range.js";
import { initListToggle } from "./sidebar.js";
import { initSearchPath } from "./searchpath.js";
import { prefixOf, withPrefix } from "./logic/search-path.js";
import { searchPathSaved } from "./selection.js";

document.addEventListener("click", (ev) => {
  const a = ev.target.closest && ev.target.closest("a[data-internal]");
  if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey)
    return;
  if (navigate(a.href)) ev.preventDefault();
});

window.addEventListener("popstate", () => {
  if (isSnapshotPath(location.pathname)) return showSnapshotPath(location.pathname);
  const r = fromURL(new URL(location.href));
  state.searchPathPrefix = prefixOf(new URL(location.href));
  if (r.name) return select(r.name, r.values, r.views, r.range);
  /* back to the list alone */
  state.selected = state.execution = state.snapshot = null;
  snapReady(null);
  state.inputs = {};
  state.range = null;
  syncTimeRange();
  clearLayout();
  $("sel-title").textContent = "Select a dashboard or a benchmark";
  render();
});

/* keys: "/" searches; arrows go through the search's results; Escape clears the search */
document.addEventListener("keydown", (ev) => {
  if (ev.key === "Escape" && document.querySelector("#layout .node.detail")) { closeDetail(); return; }
  const inField = /^(INPUT|SELECT|TEXTAREA)$/.test(ev.target.tagName);
  if (ev.key === "/" && !inField) { ev.preventDefault(); $("search").focus(); return; }
  const links = [...document.querySelectorAll("aside a.title")];
  if (ev.target.id === "search" && ev.key === "Escape") { $("search").value = ""; render(); return; }
  if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
  const at = links.indexOf(ev.target);
  if (ev.target.id !== "search" && at < 0) return;
  ev.preventDefault();
  const next = ev.target.id === "search" ? (ev.key === "ArrowDown" ? 0 : -1)
    : at + (ev.key === "ArrowDown" ? 1 : -1);
  if (next < 0) $("search").focus();
  else if (links[next]) links[next].focus();
});

$("search").addEventListener("input", render);

/* the skip link: the view takes the focus (no fragment in the URL, which routes the page) */
document.querySelector("a.skip").addEventListener("click", (ev) => {
  ev.preventDefault();
  $("view").focus();
});

/* the list's Group By and Dashboards (Top-Level, All) choices */
for (const [id, options, pick] of [["list-group", GROUP_BY, (v) => chooseList(v, undefined)],
                                   ["list-display", DISPLAY, (v) => chooseList(undefined, v)]]) {
  $(id).append(...options.map((o) => new Option(o.label, o.value)));
  $(id).onchange = () => pick($(id).value);
}

snapshotListeners();

$("theme").onclick = toggleTheme;
initListToggle();
state.searchPathPrefix = prefixOf(new URL(location.href));
initSearchPath(searchPathSaved);
if (darkQuery && darkQuery.addEventListener) darkQuery.addEventListener("change", applyTheme);
applyTheme();
window.addEventListener("resize", () => resizeCharts($("layout")));

setInterval(() => send("keep_alive"), 30000);

/* a deep link (/<full name>?input.x=v): that dashboard with those inputs, from the start; the
 * token stays out of the URL shown (the cookie carries it) */
if (isSnapshotPath(location.pathname)) showSnapshotPath(location.pathname);
else {
  const r = fromURL(new URL(location.href));
  if (r.name) {
    state.selected = r.name;
    state.inputs = r.values;
    state.checkViews = r.views;
    state.range = parseTimeRange(r.range, Date.now());
    $("sel-title").textContent = r.name;
    /* a dashboard opened cold: ECharts (the server sent the page with its preload) is evaluated
     * while the connection opens and the run starts, not after the layout has come */
    if (/\.dashboard\./.test(r.name)) loadECharts().catch(() => {});
  }
  const range = state.range && rangeParam(state.range);
  if (TOKEN)
    history.replaceState(null, "", r.name ? withPrefix(pageURL(r.name, r.values, r.views, range),
                                                       state.searchPathPrefix) : "/");
}

connect();

/* shown now (index.html hid it): its first layout waits on the browser for its fonts (a synchronous
 * request, 65-200 ms of wall while the browser is busy loading the page), which is better after the
 * modules have run than before, holding them and the socket's open (docs/page.md) */
document.body.hidden = false;
