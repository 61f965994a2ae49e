// snapshot.test.mjs — the page's .pps (logic/snapshot.js) against the snapshot `lazypipe dashboard
// run --export x.pps` writes for the same dashboard and inputs (tests/page/data: the server's
// execution_complete for ui.dashboard.tables of tests/server/uimod with input.region=n and
// input.free=q, and the CLI's file for the same run), field by field; and Powerpipe's UI's own
// rules (utils/snapshot.ts stripSnapshotDataForExport, SplitSnapshotButton's useSaveSnapshot,
// schema.ts's versions).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { exportSnapshot, readSnapshot, snapshotFileName, SNAPSHOT_SCHEMA } from
  "../../src/server/page/logic/snapshot.js";

const data = (f) => JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "data", f), "utf8"));
const complete = data("tables.execution_complete.json"), cli = data("tables.cli.pps");
const inputs = { "input.region": "n", "input.free": "q" };

test("the same panels, layout, inputs, variables and metadata as the CLI's snapshot", () => {
  const ours = exportSnapshot(complete.snapshot, inputs, {});
  for (const k of ["panels", "layout", "inputs", "variables", "metadata"])
    assert.equal(JSON.stringify(ours[k]), JSON.stringify(cli[k]), k);
  for (const name of Object.keys(cli.panels)) assert.deepEqual(ours.panels[name], cli.panels[name], name);
  assert.deepEqual(Object.keys(ours).sort(), Object.keys(cli).sort());
  // Powerpipe's UI writes its own schema version; the times are the run's
  assert.equal(ours.schema_version, SNAPSHOT_SCHEMA);
  assert.equal(SNAPSHOT_SCHEMA, "20241125");
  assert.equal(ours.start_time, complete.snapshot.start_time);
});

test("stripped as Powerpipe's UI strips: the snapshot, its panels and their properties", () => {
  const snap = { schema_version: "20221222", sql: "x", search_path: ["a"], layout: { name: "m.dashboard.d" },
    panels: { p: { name: "p", sql: "select 1", source_definition: "table {}", documentation: "d", args: [1],
                   properties: { name: "p", sql: "select 1", search_path_prefix: ["b"], columns: {} } } } };
  const out = exportSnapshot(snap, {}, { grouping: {}, where: {}, table: {} });
  assert.deepEqual(out, { schema_version: "20241125", layout: { name: "m.dashboard.d" },
    panels: { p: { name: "p", args: [1], properties: { name: "p", columns: {} } } } });
  assert.equal("inputs" in out, false, "no inputs when there are none");
  assert.equal("metadata" in out, false);
});

test("the view's filters, groupings and tables in metadata.view, and read back", () => {
  const views = {
    where: {
      t: {
        operator: "and",
        expressions: [{operator: "equal", type: "dimension", key: "k", value: "v", title: "v"}]
      }
    },
    grouping: {b: [{type: "status"}]},
    table: {t: {display_columns: ["k"]}}
  };
  const out = exportSnapshot(complete.snapshot, inputs, views);
  assert.deepEqual(out.metadata, { view: { t: { filter_by: views.where.t, table: views.table.t },
                                           b: { group_by: views.grouping.b } } });
  const back = readSnapshot(JSON.stringify(out));
  assert.deepEqual(back.views, views);
  assert.deepEqual(back.inputs, inputs);
  assert.equal(back.name, "ui.dashboard.tables");
  assert.deepEqual(back.panels, out.panels);
});

test("reading: the CLI's file, Powerpipe's versions, and what is not a snapshot", () => {
  const r = readSnapshot(JSON.stringify(cli));
  assert.equal(r.name, "ui.dashboard.tables");
  assert.deepEqual(r.inputs, inputs);
  assert.deepEqual(r.views, { grouping: {}, where: {}, table: {} });
  assert.equal(readSnapshot("{").message.startsWith("Unable to load snapshot:"), true);
  assert.equal(readSnapshot('{"schema_version":"20200101","layout":{},"panels":{}}').message,
               "Unsupported dashboard event schema 20200101");
  assert.ok(readSnapshot('{"schema_version":"20221222","panels":{}}') instanceof Error);
  assert.ok(readSnapshot("[1]") instanceof Error);
});

test("the file's name: the dashboard, the local time as YYYYMMDDTHHmmss, .pps", () => {
  assert.equal(snapshotFileName("ui.dashboard.tables", new Date(2026, 0, 2, 3, 4, 5)),
               "ui.dashboard.tables.20260102T030405.pps");
});
