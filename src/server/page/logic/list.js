/* logic/list.js — the list's decisions: what a search matches, the groups by service tag, the
 * order (pure: no DOM). */

/* whether an item's title, full name or a tag (key=value) holds q (lower case) */
export function matches(item, q) {
  if (!q) return true;
  const hay = [item.title || "", item.full_name,
               ...Object.entries(item.tags || {}).map(([k, v]) => k + "=" + v)];
  return hay.join(" ").toLowerCase().includes(q);
}

/* by title, else short name */
export const byTitle = (a, b) => (a.title || a.short_name).localeCompare(b.title || b.short_name);

/* the items in groups by their service tag, as Powerpipe's UI groups its list: [name, items] by
 * name, "Other" (no service tag) last; each group's items in their order */
export function serviceGroups(items) {
  const groups = new Map();
  for (const it of items) {
    const g = (it.tags && typeof it.tags.service === "string" && it.tags.service) || "Other";
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(it);
  }
  const names = [...groups.keys()].sort((a, b) => (a === "Other") - (b === "Other") || a.localeCompare(b));
  return names.map((g) => [g, groups.get(g)]);
}
