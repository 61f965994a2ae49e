/* list.js — the list of dashboards and benchmarks beside the view (aside): grouped, searched. */
import { $, el } from "./dom.js";
import { urlOf } from "./logic/routes.js";
import { matches, serviceGroups, byTitle } from "./logic/list.js";
import { state } from "./state.js";

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
  li.append(t, el("span", "name", item.full_name), tags(item));
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

/* the items in groups by their service tag, as Powerpipe's UI groups its list; "Other" last */
export function grouped(items, make) {
  return serviceGroups(items).flatMap(([g, members]) => {
    const ul = el("ul", "group");
    ul.dataset.group = g;
    ul.append(...members.map(make).filter(Boolean));
    return ul.childElementCount ? [el("h3", "group", g), ul] : [];
  });
}

/* the list, as the search filters it */
export function render() {
  if (!state.available) return;
  const q = $("search").value.trim().toLowerCase();
    const dashboards = Object.values(state.available.dashboards || {}).sort(byTitle);
  $("dashboards").replaceChildren(...grouped(dashboards.filter((d) => matches(d, q)), (d) => entry(d, "dashboard")));
  $("ndash").textContent = "(" + dashboards.length + ")";
  /* trees from the trunks' roots: top-level benchmarks, each with its children */
  const benchmarks = Object.values(state.available.benchmarks || {});
  const roots = benchmarks.filter((b) => b.is_top_level).sort(byTitle);
  $("benchmarks").replaceChildren(...roots.map((b) => benchmarkTree(b, q, 0)).filter(Boolean));
  $("nbench").textContent = "(" + benchmarks.length + ", " + roots.length + " top level)";
}
