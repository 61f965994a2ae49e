// list.test.mjs — the list's decisions (logic/list.js), as Powerpipe's DashboardList makes them
// (useGroupedDashboards, DashboardTagGroupSelect, DashboardListDisplayModeSelect, useDashboardSearch):
// groups by a tag's value or the mod's title ("Other" last), Top-Level or All, search over title,
// name and tags.
import assert from "node:assert/strict";
import {test} from "node:test";

import { DISPLAY, displayed, GROUP_BY, groupItems, listOptions, matches } from
  "../../src/server/page/logic/list.js";

const names = (groups) => groups.map(([g, xs]) => [g, xs.map((x) => x.full_name)]);

test("groups by service, Other last", () => {
  const items = [{ full_name: "a", tags: { service: "S3" } }, { full_name: "b" },
                 { full_name: "c", tags: { service: "EC2" } }, { full_name: "d", tags: { service: "S3" } }];
  assert.deepEqual(
    names(groupItems(items, "tag:service")), [["EC2", ["c"]], ["S3", ["a", "d"]], ["Other", ["b"]]]);
});

test("groups by category, type and mod (its title, else short name, else Other)", () => {
  const items = [{ full_name: "a", mod_full_name: "mod.x", tags: { category: "Cost", type: "Report" } },
                 { full_name: "b", mod_full_name: "mod.y", tags: { category: "Security" } },
                 { full_name: "c", mod_full_name: "mod.z", tags: { type: "Dashboard" } }];
  const mods = {"mod.x": {title: "X Mod", short_name: "x"}, "mod.y": {short_name: "y"}};
  assert.deepEqual(
    names(groupItems(items, "tag:category")), [["Cost", ["a"]], ["Security", ["b"]], ["Other", ["c"]]]);
  assert.deepEqual(
    names(groupItems(items, "tag:type")), [["Dashboard", ["c"]], ["Report", ["a"]], ["Other", ["b"]]]);
  assert.deepEqual(names(groupItems(items, "mod", mods)), [["X Mod", ["a"]], ["y", ["b"]], ["Other", ["c"]]]);
  // Powerpipe's sort compares with < (code points): upper case before lower case
  assert.deepEqual(names(groupItems([{ full_name: "p", tags: { type: "alpha" } },
                                     { full_name: "q", tags: { type: "Zeta" } }], "tag:type")),
                   [["Zeta", ["q"]], ["alpha", ["p"]]]);
});

test("the choices: Powerpipe's four groupings and two displays, from the URL with its defaults", () => {
  assert.deepEqual(GROUP_BY.map((g) => g.label), ["Category", "Mod", "Service", "Type"]);
  assert.deepEqual(DISPLAY.map((d) => d.label), ["Top-Level", "All"]);
  const opts = (q) => listOptions(new URLSearchParams(q));
  assert.deepEqual(opts(""), {groupBy: "tag:service", display: "top_level"});
  assert.deepEqual(opts("group_by=mod&tag=service"), { groupBy: "mod", display: "top_level" });
  assert.deepEqual(
    opts("group_by=tag&tag=category&dashboard_display=all"), {groupBy: "tag:category", display: "all"});
  assert.deepEqual(opts("group_by=tag&tag=owner"), { groupBy: "tag:service", display: "top_level" });
});

test("Top-Level keeps the top of the mod, All every item", () => {
  const items = [{ full_name: "r", is_top_level: true }, { full_name: "k", is_top_level: false }];
  assert.deepEqual(displayed(items, "top_level").map((x) => x.full_name), ["r"]);
  assert.deepEqual(displayed(items, "all").map((x) => x.full_name), ["r", "k"]);
});

test("search", () => {
  const it = { title: "Bucket Report", full_name: "m.dashboard.r", tags: { type: "Report" } };
  assert.equal(matches(it, "bucket"), true);
  assert.equal(matches(it, "type=report"), true);
  assert.equal(matches(it, "nothing"), false);
});
