/* logic/table.js — a table's decisions: which columns it shows, which are numeric (aligned right,
 * sorted as numbers) and the order of its rows under a sort (pure: no DOM). */
import { cellText, isNumericType } from "./format.js";

/* a table's columns as Powerpipe's UI shows them: its properties' columns with display "none"
 * hidden, and only display_columns when it lists some */
export function tableColumns(p, cols) {
  const props = p.properties || {}, conf = props.columns || {}, only = props.display_columns;
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
    const d = num ? Number(x) - Number(y) : cellText(x).localeCompare(cellText(y), undefined, { numeric: true });
    return sort.dir * d;
  });
}
