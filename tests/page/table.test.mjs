// table.test.mjs — a table panel's filter and columns (logic/table.js) as Powerpipe's Table
// (useTableFilters' addFilter/removeFilter, getColumns, useTableConfig): the URL's where by panel,
// {operator: "and", expressions}, the cell menu's "Filter by this value" (equal) and "Exclude value
// from results" (not_equal), the rows kept, and the URL's table {display_columns}.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addTableFilter, removeTableFilter, tableFilters, filteredRows, tableColumns } from
  "../../src/server/page/logic/table.js";
import { applyFilter } from "../../src/server/page/logic/grouping.js";

const cols = [
  {name: "id", data_type: "TEXT"}, {name: "region", data_type: "TEXT"}, {name: "size", data_type: "INTEGER"},
  {name: "doc", data_type: "JSONB"}
];
const rows = [
  {id: "a1", region: "north", size: 10, doc: {k: 1}}, {id: "a2", region: "south", size: 20, doc: null},
  {id: "a3", region: "north", size: 30, doc: {k: 2}}, {id: "a4", region: "east", size: 40, doc: null}
];
const ids = (rs) => rs.map((r) => r.id);

test("addFilter from no filter: Powerpipe's default filter's empty expression is replaced", () => {
  const w = addTableFilter(undefined, "equal", "region", "north");
  assert.deepEqual(w, { operator: "and", expressions: [{ operator: "equal", value: "north", type: "dimension",
                                                          key: "region", title: "north" }] });
  assert.deepEqual(ids(filteredRows(rows, cols, tableFilters(w), applyFilter)), ["a1", "a3"]);
});

test("exclude, several conditions, the same key and value replaced, removal", () => {
  let w = addTableFilter(undefined, "not_equal", "region", "north");
  assert.deepEqual(ids(filteredRows(rows, cols, tableFilters(w), applyFilter)), ["a2", "a4"]);
  w = addTableFilter(w, "not_equal", "size", 40);
  assert.deepEqual(ids(filteredRows(rows, cols, tableFilters(w), applyFilter)), ["a2"]);
  w = addTableFilter(w, "equal", "region", "north");   /* replaces the not_equal of north */
  assert.deepEqual(w.expressions.map((e) => [e.operator, e.key, e.value]),
                   [["not_equal", "size", 40], ["equal", "region", "north"]]);
  assert.deepEqual(ids(filteredRows(rows, cols, tableFilters(w), applyFilter)), ["a1", "a3"]);
  w = removeTableFilter(w, "region", "north");
  assert.deepEqual(ids(filteredRows(rows, cols, tableFilters(w), applyFilter)), ["a1", "a2", "a3"]);
  assert.equal(removeTableFilter(w, "size", 40), null, "no expression left: no filter");
});

test("a JSON column's value compared as JSON; only dimension expressions with a key apply", () => {
  const w = addTableFilter(undefined, "equal", "doc", { k: 2 });
  assert.deepEqual(ids(filteredRows(rows, cols, tableFilters(w), applyFilter)), ["a3"]);
  assert.deepEqual(
    tableFilters({
      operator: "and",
      expressions: [
        {operator: "equal"}, {operator: "equal", type: "status", key: "x", value: "y"},
        {operator: "in", type: "dimension", key: "id"},
        {operator: "in", type: "dimension", key: "id", value: ["a1"]}
      ]
    }).length,
    1);
});

test("the view's chosen columns take display_columns' place; display none still hides", () => {
  const p = { properties: { display_columns: ["id", "region"], columns: { size: { display: "none" } } } };
  assert.deepEqual(tableColumns(p, cols).map((c) => c.name), ["id", "region"]);
  assert.deepEqual(tableColumns(p, cols, { display_columns: ["region", "size", "doc"] }).map((c) => c.name),
                   ["region", "doc"]);
  assert.deepEqual(tableColumns(p, cols, { display_columns: [] }).map((c) => c.name), ["id", "region"]);
});
