/* list.js — the list of dashboards and benchmarks (aside: the home page, or beside the view): grouped
 * by Powerpipe's
 * "Group By" choice, its benchmarks Top-Level (trees) or All (each by its path), searched. */
import { $, el } from "./dom.js";
import { urlOf } from "./logic/routes.js";
import { matches, groupItems, displayed, listOptions, byTitle } from "./logic/list.js";
import { state } from "./state.js";
import { listHooks, placeList } from "./sidebar.js";

/* the list's choices, as Powerpipe takes them from the URL (group_by, tag, dashboard_display):
 * those the page was opened with, then the reader's (kept while dashboards are opened) */
let choice = listOptions(new URLSearchParams(location.search));
export const listChoice = () => choice;

/* a choice made: in the URL in place (as Powerpipe's setSearchParams), the list drawn again */
export function chooseList(groupBy, display) {
  choice = { groupBy: groupBy === undefined ? choice.groupBy : groupBy,
             display: display === undefined ? choice.display : display };
  const u = new URL(location.href);
  if (groupBy !== undefined) {
    if (groupBy === "mod") { u.searchParams.set("group_by", "mod"); u.searchParams.delete("tag"); }
    else { u.searchParams.set("group_by", "tag"); u.searchParams.set("tag", groupBy.slice(4)); }
  }
  if (display !== undefined) u.searchParams.set("dashboard_display", display);
  history.replaceState(history.state, "", u.pathname + u.search);
  render();
}

/* an item's tags but mod and service, as chips */
export function tags(item) {
  const span = el("span");
  for (const [k, v] of Object.entries(item.tags || {}))
    if (k !== "mod" && k !== "service") span.append(el("span", "tag", k + "=" + v));
  return span;
}

/* an item of the list: its title, a link to it, its full name and tags */
export function entry(item, cls) {
  const li = el("li", cls);
  li.dataset.name = item.full_name;
  if (item.full_name === state.selected) li.classList.add("selected");
  const t = el("a", "title", item.title || item.short_name);
  t.href = urlOf(item.full_name);
  t.dataset.internal = "";
  t.title = item.title || item.short_name;
  const name = el("span", "name", item.full_name);
  name.title = item.full_name;   /* cut by an ellipsis when the row is narrow: whole on hover */
  li.append(t, name, tags(item));
  return li;
}

/* a benchmark and its child benchmarks; shown when it or anything below matches the search */
export function benchmarkTree(b, q, depth) {
  const kids = (b.children || []).map((c) => benchmarkTree(c, q, depth + 1)).filter(Boolean);
  if (!kids.length && !matches(b, q)) return null;
  const li = entry(b, "benchmark");
  if (kids.length && depth < 32) {
    const ul = el("ul");
    ul.append(...kids);
    li.append(ul);
  }
  return li;
}

/* the items in groups by the list's choice, as Powerpipe's UI groups its list; "Other" last */
export function grouped(items, make) {
  const meta = state.metadata || {}, mods = Object.assign({}, meta.installed_mods || {});
  if (meta.mod && meta.mod.full_name) mods[meta.mod.full_name] = meta.mod;
  return groupItems(items, listChoice().groupBy, mods).flatMap(([g, members]) => {
    const ul = el("ul", "group");
    ul.dataset.group = g;
    ul.append(...members.map(make).filter(Boolean));
    return ul.childElementCount ? [el("h3", "group", g), ul] : [];
  });
}

/* the list, as the search filters it */
export function render() {
  placeList();
  if (!state.available) return;
  /* a hidden list is drawn when it is shown (sidebar.js): a dashboard opened cold does not wait
   * for the hundreds of entries of a mod it does not show */
  listHooks.stale = document.querySelector("main").classList.contains("list-hidden");
  if (listHooks.stale) return;
  const q = $("search").value.trim().toLowerCase();
  const dashboards = Object.values(state.available.dashboards || {}).sort(byTitle);
  $("dashboards").replaceChildren(...grouped(dashboards.filter((d) => matches(d, q)),
    (d) => entry(d, "dashboard")));
  $("ndash").textContent = "(" + dashboards.length + ")";
  /* Top-Level: trees from the trunks' roots, each with its children; All: every benchmark by its
   * path from its root, in the order of those paths (Powerpipe's sortDashboardSearchResults) */
  const benchmarks = Object.values(state.available.benchmarks || {}), all = state.available.benchmarks || {};
  const roots = benchmarks.filter((b) => b.is_top_level).sort(byTitle);
  if (listChoice().display === "all") {
    const path = (b) => ((b.trunks && b.trunks[0]) || [b.full_name])
      .map((n) => all[n] && (all[n].title || all[n].short_name)).filter(Boolean).join(" > ");
    const items = displayed(benchmarks, "all").filter((b) => matches(b, q))
      .map((b) => [path(b), b]).sort((x, y) => (x[0].toLowerCase() < y[0].toLowerCase() ? -1 : 1));
    $("benchmarks").replaceChildren(...items.map(([p, b]) => {
      const li = entry(b, "benchmark");
      li.querySelector("a.title").textContent = p;
      return li;
    }));
  } else $("benchmarks").replaceChildren(...roots.map((b) => benchmarkTree(b, q, 0)).filter(Boolean));
  for (const [id, v] of [["list-group", listChoice().groupBy], ["list-display", listChoice().display]])
    if ($(id) && $(id).value !== v) $(id).value = v;
  $("nbench").textContent = "(" + benchmarks.length + ", " + roots.length + " top level)";
  /* nothing listed: Powerpipe's words, a search's with a Clear */
  if (!$("dashboards").childElementCount && !$("benchmarks").childElementCount) {
    const none = el("p", "list-empty", q ? "No search results. " : "No dashboards defined.");
    if (q) {
      const clear = el("button", "link-button", "Clear");
      clear.type = "button";
      clear.onclick = () => { $("search").value = ""; render(); $("search").focus(); };
      none.append(clear, ".");
    }
    $("dashboards").append(none);
  }
}

listHooks.render = render;
