/* logic/search-path.js — the dashboard header's search path control, as Powerpipe's UI decides it
 * (SearchPath/ManageSearchPathButton, SearchPathConfig, SearchPathEditor, useDashboardSearchPath,
 * useGlobalContextNavigate): a prefix of schemas put before the database's search path, kept in the
 * URL as search_path_prefix=a,b (through every page of the server, as there) and sent with
 * select_dashboard and input_changed. */

/* the prefix a URL carries: its search_path_prefix split at its commas, [] without one */
export function prefixOf(url) {
  const raw = url.searchParams.get("search_path_prefix");
  return raw ? raw.split(",") : [];
}

/* url (a path with or without a query) with the prefix, when there is one */
export function withPrefix(url, prefix) {
  if (!prefix || !prefix.length) return url;
  const q = new URLSearchParams({ search_path_prefix: prefix.join(",") }).toString();
  return url + (url.includes("?") ? "&" : "?") + q;
}

/* whether the control is shown (the server's or the dashboard's metadata supports a search path,
 * or a prefix is set) and the schemas it offers (the database's own search path); disabledWhy: why
 * it cannot be used (Powerpipe's titles), or "" */
export function searchPathControl(metadata, dashboardMetadata, prefix) {
  const server = (metadata && metadata.search_path && metadata.search_path.original_search_path) || [];
  const shown = !!(metadata && metadata.supports_search_path) ||
    !!(dashboardMetadata && dashboardMetadata.supports_search_path) || !!(prefix && prefix.length);
  return { shown, available: server, disabledWhy: server.length ? "" : "No server search path available" };
}

/* the button's words (PopoverButton): "Search Path", or the prefix's first schema and, of more than
 * one, their count as a badge */
export function buttonText(prefix) {
  if (!prefix || !prefix.length) return { label: "Search Path", badge: "" };
  return { label: prefix[0], badge: prefix.length > 1 ? String(prefix.length) : "" };
}

/* the schemas one row of the editor offers (SearchPathEditorItemSelect): those not chosen in another
 * row, and its own, sorted */
export function rowOptions(available, chosen, item) {
  return (available || []).filter((c) => c === item || !(chosen || []).includes(c)).sort();
}

/* whether the edited prefix can be saved (SearchPathEditor: every row chosen; changed) */
export function editState(edited, saved) {
  const valid = edited.every((c) => !!c);
  return { valid, reason: valid ? "" : "Search path contains empty connection",
           dirty: JSON.stringify(edited) !== JSON.stringify(saved) };
}
