/* logic/list.js — the list's decisions: what a search matches, the groups (by a tag or the mod),
 * Top-Level or All, the order (pure: no DOM). */

/* whether an item's title, full name or a tag (key=value) holds q (lower case) */
export function matches(item, q) {
  if (!q) return true;
  const hay = [item.title || "", item.full_name,
               ...Object.entries(item.tags || {}).map(([k, v]) => k + "=" + v)];
  return hay.join(" ").toLowerCase().includes(q);
}

/* by title, else short name */
export const byTitle = (a, b) => (a.title || a.short_name).localeCompare(b.title || b.short_name);

/* Powerpipe's list's "Group By" (DashboardTagGroupSelect) and "Dashboards" (Top-Level or All)
 * choices, by the URL's group_by, tag and dashboard_display (useDashboardSearch: tag "service"
 * and top_level by default) */
export const GROUP_BY = [{ value: "tag:category", label: "Category" }, { value: "mod", label: "Mod" },
                         { value: "tag:service", label: "Service" }, { value: "tag:type", label: "Type" }];
export const DISPLAY = [{ value: "top_level", label: "Top-Level" }, { value: "all", label: "All" }];

export function listOptions(params) {
  const groupBy = params.get("group_by") === "mod" ? "mod" : "tag:" + (params.get("tag") || "service");
  return { groupBy: GROUP_BY.some((g) => g.value === groupBy) ? groupBy : "tag:service",
           display: params.get("dashboard_display") === "all" ? "all" : "top_level" };
}

/* useGroupedDashboards: by the tag's value (else "Other"), or by the item's mod's title or short
 * name (mods: the server's metadata, the workspace's mod and its installed ones by full name);
 * sections by title, "Other" last, each's items in their order */
export function groupItems(items, groupBy, mods) {
  const groups = new Map();
  for (const it of items) {
    let g;
    if (groupBy === "mod") {
      const m = (mods && mods[it.mod_full_name]) || {};
      g = m.title || m.short_name || "Other";
    } else {
      const v = it.tags && it.tags[groupBy.slice(4)];
      g = typeof v === "string" && v ? v : "Other";
    }
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(it);
  }
  const names = [...groups.keys()].sort(
    (a, b) => (a === "Other") - (b === "Other") ||
      (a < b   ? -1 :
         a > b ? 1 :
                 0));
  return names.map((g) => [g, groups.get(g)]);
}

/* Top-Level shows the items at the top of the mod alone, All every one */
export const displayed = (items, display) => items.filter((d) => d.is_top_level || display === "all");
