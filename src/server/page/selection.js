/* selection.js — what is shown: selecting a dashboard or benchmark (the select_dashboard message),
 * following a link of the page's own (/<full name>?...) and keeping the URL in step. */
import { send } from "./transport.js";
import { $ } from "./dom.js";
import { fromURL, pageURL, noViews, snapshotURL } from "./logic/routes.js";
import { parseTimeRange, rangeParam, rangePayload } from "./logic/timerange.js";
import { syncTimeRange } from "./time-range.js";
import { render } from "./list.js";
import { clearLayout } from "./layout.js";
import { openGroups } from "./check-view.js";
import { snapReady } from "./snapshot.js";
import { state } from "./state.js";
import { prefixOf, withPrefix } from "./logic/search-path.js";
import { renderSearchPath } from "./searchpath.js";

/* the selection's URL in the history: a new entry (push) for a user's choice, else in place */
export function remember(push) {
  if (!state.selected) return;
  const url = state.snapshot ? snapshotURL(state.snapshot.fileName, state.inputs, state.checkViews)
    : withPrefix(pageURL(state.selected, state.inputs, state.checkViews,
                         state.range && rangeParam(state.range)), state.searchPathPrefix);
  if (url === location.pathname + location.search) return;
  if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
}

/* a link to /<full name>?...: opened here, as a new history entry */
export function navigate(href) {
  const u = new URL(href, location.href);
  const r = fromURL(u);
  if (u.origin !== location.origin || !r.name) return false;
  /* the search path prefix goes with every link, as Powerpipe's useGlobalContextNavigate adds it */
  if (u.searchParams.has("search_path_prefix")) state.searchPathPrefix = prefixOf(u);
  u.searchParams.delete("search_path_prefix");
  history.pushState(null, "", withPrefix(u.pathname + u.search, state.searchPathPrefix));
  select(r.name, r.values, r.views, r.range);
  return true;
}

/* the select_dashboard (and input_changed) message's payload for the selection: its time range when
 * it has one, its search path prefix where the server supports one (useDashboardExecution) */
export function selectPayload() {
  const p = { dashboard: { full_name: state.selected }, inputs: state.inputs };
  const range = rangePayload(state.range);
  if (range) p.datetime_range = range;
  const m = state.metadata, d = state.dashboardsMetadata[state.selected];
  if (state.searchPathPrefix.length && ((m && m.supports_search_path) || (d && d.supports_search_path)))
    p.search_path_prefix = state.searchPathPrefix;
  return p;
}

/* a new search path prefix saved: in the URL, and the view run again with it */
export function searchPathSaved() {
  remember(true);
  renderSearchPath();
  if (state.selected && !state.snapshot) send("select_dashboard", selectPayload());
}

/* show name with these input values (from a URL: a multi-select's come as text, made lists once
 * its input is known) and time range (the URL's datetime_range) */
export function select(name, values, views, range) {
  state.range = parseTimeRange(range, Date.now());
  state.inputs = Object.assign({}, values || {});
  state.checkViews = views || noViews();
  openGroups.clear();
  state.snapshot = null;
  snapReady(null);
  state.selected = name;
  state.execution = null;
  $("error").textContent = "";
  clearLayout();
  $("sel-title").textContent = name;
  syncTimeRange(false);   /* the range the selection's server says it supports, before it is sent */
  send("select_dashboard", selectPayload());
  render();
}
