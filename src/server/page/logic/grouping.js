/* logic/grouping.js — a benchmark's results grouped and filtered as Powerpipe's benchmark view
 * does: its filter's conditions, the grouping levels, their keys, titles and order (pure: no DOM). */

/* Powerpipe's validateFilter: an "and" of at least one expression, each with a type, a value (a
 * list for in and not_in) and a key when it names one */
export function validFilter(f) {
  if (!f || typeof f !== "object") return false;
  if (f.operator === "and") return Array.isArray(f.expressions) && f.expressions.length > 0 &&
    f.expressions.every(validFilter);
  const typed = typeof f.type === "string" && !!f.type.trim();
  if (f.operator === "equal" || f.operator === "not_equal")
    return typed && (typeof f.value === "boolean" || (typeof f.value === "string" && !!f.value.trim()));
  if (f.operator === "in" || f.operator === "not_in")
    return typed && Array.isArray(f.value) && f.value.length > 0;
  return false;
}

/* the view's filter after a click on a summary card (Powerpipe's FilterCardWrapper and
 * summaryCardFilterPath): a condition on the card's dimension ("status", "severity") is taken off
 * when the filter has one, else one keeping the card's metrics is added; null when nothing valid is
 * left (no filter) */
export function summaryCardFilter(filter, dimension, metrics) {
  const exprs = (filter && Array.isArray(filter.expressions) && filter.expressions) || [];
  const next = exprs.some((e) => e.type === dimension)
    ? { operator: "and", expressions: exprs.filter((e) => e.type !== dimension) }
    : { operator: "and", expressions: exprs.filter((e) => !!e.type)
      .concat({ type: dimension, value: metrics, operator: "in" }) };
  return validFilter(next) ? next : null;
}

/* Powerpipe's applyFilter (isJson: compared as JSON, for a jsonb cell) */
export function applyFilter(f, v, isJson) {
  const eq = (a, b) => (isJson ? JSON.stringify(a) === JSON.stringify(b) : a === b);
  switch (f.operator) {
    case "equal": return eq(v, f.value);
    case "not_equal": return !eq(v, f.value);
    case "in": return Array.isArray(f.value) && f.value.some((x) => eq(v, x));
    case "not_in": return Array.isArray(f.value) && !f.value.some((x) => eq(v, x));
    default: return false;
  }
}

/* a tag condition: a missing tag passes not_equal and not_in (Powerpipe's, as its CLI does) */
export function tagMatches(f, tags) {
  if ((f.operator === "not_equal" || f.operator === "not_in") && tags[f.key] === undefined) return true;
  return Object.entries(tags).some(([k, v]) => k === f.key && applyFilter(f, v));
}

/* Powerpipe's includeResult: whether a control's result meets every condition */
export function includeResult(r, filter) {
  if (!filter) return true;
  return filter.expressions.every((f) => {
    switch (f.type) {
      case "benchmark": return r.trunk.some((b) => applyFilter(f, b.name));
      case "control": return applyFilter(f, r.control.name);
      case "reason": return applyFilter(f, r.reason || "");
      case "resource": return applyFilter(f, r.resource || "");
      case "severity": return applyFilter(f, r.severity || "");
      case "status": return applyFilter(f, r.status);
      case "dimension": return r.dimensions.some((d) => d.key === f.key && applyFilter(f, d.value));
      case "control_tag": return tagMatches(f, r.control.tags || {});
      default: return true;
    }
  });
}

/* Powerpipe's includeDetectionResult: a detection's result, or null when a condition leaves it out;
 * a dimension condition keeps the result with the rows that meet it (none left: an empty table),
 * and leaves it out when the detection has no such column */
export function includeDetection(r, filter) {
  if (!filter) return r;
  let rows = r.rows;
  for (const f of filter.expressions) {
    switch (f.type) {
      case "benchmark": if (!r.trunk.some((b) => applyFilter(f, b.name))) return null; break;
      case "detection": if (!applyFilter(f, r.detection.name)) return null; break;
      case "severity": if (!applyFilter(f, r.severity || "")) return null; break;
      case "detection_tag": if (!tagMatches(f, r.detection.tags)) return null; break;
      case "dimension": {
        const col = (r.columns || []).find((c) => c.name === f.key);
        if (!col) return null;
        rows = (rows || []).filter((row) => !!f.key && f.key in row && applyFilter(f, row[f.key],
          col.data_type === "jsonb" || col.data_type === "varchar[]" ||
          (row[f.key] !== null && typeof row[f.key] === "object")));
        break;
      }
      default: break;
    }
  }
  return rows === r.rows ? r : { ...r, rows };
}

/* a result's dimension named key, as Powerpipe's findDimension finds it: a control row's column;
 * a detection's first row's (every column but timestamp) */
export function dimensionOf(r, key) {
  if (!r.detection) {
    const d = r.dimensions.find((x) => x.key === key);
    return d ? d.value : undefined;
  }
  if (key === "timestamp" || !r.columns.some((c) => c.name === key) || !r.rows.length) return undefined;
  return r.rows[0][key];
}

/* Powerpipe's grouping keys, titles and sort keys (getCheckGroupingKey, getCheckGroupingNode,
 * getDetectionGroupingNode) */
export const STATUS_GROUP = { ok: ["OK", "0"], alarm: ["Alarm", "1"], error: ["Error", "2"],
                              info: ["Info", "3"], skip: ["Skipped", "4"], empty: ["Empty", "5"] };

export const SEVERITY_GROUP = { critical: ["Critical", "0"], high: ["High", "1"], medium: ["Medium", "2"],
                         low: ["Low", "3"] };

export const LAST = "\u{24B62}";   /* Powerpipe's sort key that puts a missing reason or resource last */

export function groupLevels(r, g, parentType) {
  const kv = (key, title, sort, label) => [{ key, type: g.type, title, sort, label }];
  switch (g.type) {
    case "benchmark":   /* the benchmarks below the root, each a level; none for a control of the root */
      return r.trunk.slice(1).map((b) => ({ key: b.name, type: "benchmark", title: b.title, documentation:
        b.documentation, sort: parentType ? b.title : b.sort }));
    case "control":
    case "detection": {
      const c = r[g.type];
      return [{ key: c.name, type: g.type, title: c.title, documentation: c.documentation,
                sort: parentType === "benchmark" ? c.sort : c.title }];
    }
    case "status": { const [t, s] = STATUS_GROUP[r.status] || [r.status, "9"]; return kv(t, t, s); }
    case "severity": {
      const [t, s] = SEVERITY_GROUP[r.detection ? r.detection.severity : r.severity] || ["Unspecified", "4"];
      return kv(t, t, s);
    }
    case "reason": return kv(r.reason || "<not set>", r.reason || "<not set>", r.reason || LAST);
    case "resource": return kv(r.resource || "<not set>", r.resource || "<not set>", r.resource || LAST);
    case "dimension": {
      const d = g.value ? dimensionOf(r, g.value) : undefined;
      const v = d === undefined ? "<not set>" : d === null ? "" : String(d);
      return kv(v, v, v, g.value || "Dimension key not set");
    }
    case "control_tag":
    case "detection_tag": {
      const tags = (r.control || r.detection).tags || {};
      const v = !g.value ? "Tag key not set" : tags[g.value] || "<not set>";
      return kv(v, v, v, g.value || "Tag key not set");
    }
    default: return kv("Other", "Other", "Other");
  }
}

/* the results grouped: nodes {key, type, title, label, sort, summary, kids (a Map), results}; a
 * result not run yet is in no group, counted in the root's summary alone */
export function groupResults(results, grouping, kind) {
  const levels = grouping.filter((g) => g.type !== "result");
  const root = { kids: new Map(), results: [], summary: kind.summary() };
  for (const r of results) {
    if (r.type === "loading") {
      kind.count(root.summary, r);
      continue;
    }
    let at = root, parentType = null;
    const path = [root];
    for (const g of levels) {
      for (const lv of groupLevels(r, g, parentType)) {
        let n = at.kids.get(lv.key);
        if (!n) {
          n = Object.assign({ kids: new Map(), results: [], summary: kind.summary(), order: at.kids.size,
                              path: (at.path ? at.path + "/" : "") + lv.type + ":" + lv.key }, lv);
          at.kids.set(lv.key, n);
        }
        at = n;
        path.push(n);
      }
      parentType = g.type;
    }
    at.results.push(r);
    for (const n of path) kind.count(n.summary, r);
  }
  return root;
}

/* lodash's sortBy of Powerpipe: by sort key, stable */
export const sortedKids = (n) => [...n.kids.values()].sort((a, b) =>
  (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : a.order - b.order));
