/* logic/snapshot.js — Powerpipe's snapshot file (.pps): the document its UI saves from the view on
 * screen, and reading one back to show it (pure: no DOM).
 *
 * Powerpipe's UI saves the last execution_complete's snapshot stripped as its
 * stripSnapshotDataForExport does (no documentation, search_path, search_path_prefix,
 * source_definition nor sql on the snapshot, on a panel or in a panel's properties), with the
 * inputs when there are any, the view's table settings, filters and groupings in metadata.view by
 * panel, and schema_version 20241125 (SplitSnapshotButton's useSaveSnapshot).  The panels, layout,
 * inputs and variables are those `lazypipe dashboard run --output snapshot` writes for the same run.
 * Opening one takes the versions its SnapshotDataToExecutionCompleteSchemaMigrator knows. */

export const SNAPSHOT_SCHEMA = "20241125";
export const SNAPSHOT_SCHEMAS = ["20220614", "20220929", "20221222", "20240130", "20240607", "20241125"];
export const SNAPSHOT_MAX_BYTES = 500 * 1000 * 1000;   /* Powerpipe's "maximum supported size" */

const STRIPPED = ["documentation", "search_path", "search_path_prefix", "source_definition", "sql"];

function stripped(obj) {
  const out = {};
  for (const [k, v] of Object.entries(obj || {})) if (!STRIPPED.includes(k)) out[k] = v;
  return out;
}

/* the .pps of snapshot (an execution_complete's), with the view's inputs and views ({grouping,
 * where, table} by panel, as the page's URL has them) */
export function exportSnapshot(snapshot, inputs, views) {
  /* each object's keys in their order (as the CLI writes them), properties stripped in place */
  const out = stripped(snapshot), panels = {};
  for (const [name, p] of Object.entries(out.panels || {})) {
    panels[name] = stripped(p);
    if (panels[name].properties) panels[name].properties = stripped(panels[name].properties);
  }
  out.panels = panels;
  const view = {};
  const add = (kind, key) => {
    for (const [panel, v] of Object.entries((views && views[kind]) || {}))
      (view[panel] = view[panel] || {})[key] = v;
  };
  add("where", "filter_by");
  add("grouping", "group_by");
  add("table", "table");
  if (Object.keys(view).length) out.metadata = { view };
  if (inputs && Object.keys(inputs).length) out.inputs = inputs;
  out.schema_version = SNAPSHOT_SCHEMA;
  return out;
}

/* Powerpipe's name: <dashboard's full name>.<local time YYYYMMDDTHHmmss>.pps */
export function snapshotFileName(name, date) {
  const two = (n) => String(n).padStart(2, "0");
  return name + "." + date.getFullYear() + two(date.getMonth() + 1) + two(date.getDate()) + "T" +
    two(date.getHours()) + two(date.getMinutes()) + two(date.getSeconds()) + ".pps";
}

/* a snapshot file's text, read as Powerpipe's UI reads one: {name, layout, panels, inputs,
 * views, schema_version}, or an Error whose message says why not */
export function readSnapshot(text) {
  let s;
  try { s = JSON.parse(text); } catch (e) { return new Error("Unable to load snapshot: " + e.message); }
  if (!s || typeof s !== "object" || Array.isArray(s))
    return new Error("Unable to load snapshot: not an object");
  if (!SNAPSHOT_SCHEMAS.includes(s.schema_version))
    return new Error("Unsupported dashboard event schema " + s.schema_version);
  const layout = s.layout, panels = s.panels;
  if (!layout || typeof layout !== "object" || typeof layout.name !== "string" || !panels ||
      typeof panels !== "object" || Array.isArray(panels))
    return new Error("Unable to load snapshot: no layout or panels");
  const obj = (v) => (v && typeof v === "object" && !Array.isArray(v) ? v : {});
  const views = { grouping: {}, where: {}, table: {} };
  for (const [panel, v] of Object.entries(obj(obj(s.metadata).view))) {
    if (obj(v).group_by) views.grouping[panel] = v.group_by;
    if (obj(v).filter_by) views.where[panel] = v.filter_by;
    if (obj(v).table) views.table[panel] = v.table;
  }
  return { name: layout.name, layout, panels, inputs: obj(s.inputs), variables: obj(s.variables), views,
           schema_version: s.schema_version, start_time: s.start_time, end_time: s.end_time };
}
