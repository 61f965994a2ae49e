// search-path.test.mjs — the search path control's decisions (logic/search-path.js) against
// Powerpipe's UI: useDashboardSearchPath (the URL's search_path_prefix split at commas),
// ManageSearchPathButton (shown when the server or the dashboard supports a search path or a prefix
// is set; "No server search path available" without the database's own; the first schema and a
// count badge), SearchPathEditorItemSelect (the schemas not chosen in another row, and the row's own,
// sorted), SearchPathEditor (every row chosen, changed, else "Search path contains empty connection").
import { test } from "node:test";
import assert from "node:assert/strict";
import { buttonText, editState, prefixOf, rowOptions, searchPathControl, withPrefix }
  from "../../src/server/page/logic/search-path.js";

test("the URL's prefix", () => {
  assert.deepEqual(prefixOf(new URL("http://h/m.dashboard.d?search_path_prefix=b,a")), ["b", "a"]);
  assert.deepEqual(prefixOf(new URL("http://h/m.dashboard.d?input.x=1")), []);
  assert.equal(withPrefix("/m.dashboard.d?input.x=1", ["b", "a"]),
               "/m.dashboard.d?input.x=1&search_path_prefix=b%2Ca");
  assert.equal(withPrefix("/m.dashboard.d", []), "/m.dashboard.d");
  assert.deepEqual(prefixOf(new URL("http://h" + withPrefix("/x", ["a b", "c"]))), ["a b", "c"]);
});

test("the button", () => {
  const meta = { supports_search_path: true, search_path: { original_search_path: ["s1", "public"] } };
  assert.deepEqual(searchPathControl(meta, null, []),
                   { shown: true, available: ["s1", "public"], disabledWhy: "" });
  assert.equal(searchPathControl({ supports_search_path: false, search_path: null }, null, []).shown, false);
  assert.equal(searchPathControl({ supports_search_path: false }, { supports_search_path: true }, []).shown,
               true);
  assert.equal(searchPathControl(null, null, ["x"]).shown, true);
  assert.equal(searchPathControl({ supports_search_path: true, search_path: null }, null, []).disabledWhy,
               "No server search path available");
  assert.deepEqual(buttonText([]), { label: "Search Path", badge: "" });
  assert.deepEqual(buttonText(["b"]), { label: "b", badge: "" });
  assert.deepEqual(buttonText(["b", "a", "c"]), { label: "b", badge: "3" });
});

test("the editor", () => {
  assert.deepEqual(rowOptions(["public", "b", "a"], ["a", "b"], "b"), ["b", "public"]);
  assert.deepEqual(rowOptions(["public", "b", "a"], [""], ""), ["a", "b", "public"]);
  assert.deepEqual(editState(["a", ""], []), { valid: false, reason: "Search path contains empty connection",
                                               dirty: true });
  assert.deepEqual(editState(["a"], ["a"]), { valid: true, reason: "", dirty: false });
});
