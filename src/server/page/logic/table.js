/* logic/table.js — a table's decisions: which columns it shows, which are numeric (aligned right,
 * sorted as numbers) and the order of its rows under a sort (pure: no DOM). */
import { cellText, isNumericType } from "./format.js";

/* a table's columns as Powerpipe's UI shows them: its properties' columns with display "none"
 * hidden, and only display_columns when it lists some; chosen, the view's choice of columns (the
 * URL's table for the panel, Powerpipe's useTableConfig), takes display_columns' place */
export function tableColumns(p, cols, chosen) {
  const props = p.properties || {}, conf = props.columns || {};
  const only = chosen && Array.isArray(chosen.display_columns) && chosen.display_columns.length
    ? chosen.display_columns : props.display_columns;
  return cols.filter((c) => {
    const k = conf[c.original_name || c.name];
    if (k && k.display === "none") return false;
    if (k && k.display === "all") return true;
    return !(Array.isArray(only) && only.length && !only.includes(c.name));
  }).map((c) => Object.assign({}, c, { conf: conf[c.original_name || c.name] || {} }));
}

/* name -> whether a column is numeric: by its type, or every value a number (or null) */
export function numericColumns(cols, rows) {
  const numeric = {};
  for (const c of cols)
    numeric[c.name] = isNumericType(c.data_type) ||
      (rows.length > 0 && rows.every((r) => r[c.name] === null || typeof r[c.name] === "number"));
  return numeric;
}

/* the rows in the order of sort ({col, dir}: 1 up, -1 down; none: as they came), nulls last; a
 * numeric column's values as numbers, any other's text in natural order ("a2" before "a10") */
export function sortedRows(rows, cols, sort, numeric) {
  rows = rows.slice();
  if (!sort || !cols.some((c) => c.name === sort.col)) return rows;
  const num = numeric[sort.col];
  return rows.sort((a, b) => {
    const x = a[sort.col], y = b[sort.col];
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    const d = num ? Number(x) - Number(y)
      : cellText(x).localeCompare(cellText(y), undefined, { numeric: true });
    return sort.dir * d;
  });
}

/* Powerpipe's table filter (Table's useTableFilters): the URL's where for the panel, {operator:
 * "and", expressions}, of which it applies the "dimension" expressions with a key (equal and
 * not_equal with a value, in and not_in with a list); the cell menu adds one (addFilter: the
 * same key and value replaces its earlier expression) and a chip removes one (removeFilter). */
export function tableFilters(where) {
  const ok = (e) => e && e.type === "dimension" && !!e.key &&
    (e.operator === "equal" || e.operator === "not_equal" ? e.value !== undefined
      : (e.operator === "in" || e.operator === "not_in") && !!e.value);
  return ((where && where.expressions) || []).filter(ok);
}

/* useFilterConfig's filter of a panel without one */
const DEFAULT_FILTER = { operator: "and", expressions: [{ operator: "equal" }] };

export function addTableFilter(where, operator, key, value) {
  where = where || DEFAULT_FILTER;
  const exprs = (where.expressions || []).slice();
  const at = exprs.findIndex((e) => e.type === "dimension" && e.key === key && e.value === value);
  let next = at > -1 ? [...exprs.slice(0, at), ...exprs.slice(at + 1)] : exprs;
  const added = { operator, value, type: "dimension", key, title: value };
  if (next.length === 1 && next[0].operator === "equal" && !next[0].type) next = [added];
  else next.push(added);
  return Object.assign({}, where, { expressions: next });
}

/* null when no expression is left (the panel's where goes) */
export function removeTableFilter(where, key, value) {
  where = where || DEFAULT_FILTER;
  const exprs = (where.expressions || []).slice();
  const at = exprs.findIndex((e) => e.type === "dimension" && e.key === key && e.value === value);
  const next = at > -1 ? [...exprs.slice(0, at), ...exprs.slice(at + 1)] : exprs;
  return next.length ? Object.assign({}, where, { expressions: next }) : null;
}

/* the rows every filter keeps (applyFilter of logic/grouping.js; a JSON cell compared as JSON) */
export function filteredRows(rows, cols, filters, applyFilter) {
  if (!filters.length) return rows;
  const json = {};
  for (const c of cols) json[c.name] = /^(jsonb?|varchar\[\])$/i.test(c.data_type || "");
  return rows.filter((r) => filters.every((f) =>
    applyFilter(f, r[f.key], json[f.key] || (r[f.key] !== null && typeof r[f.key] === "object"))));
}
