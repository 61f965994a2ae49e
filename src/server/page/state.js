/* state.js — what the page knows of the server and of the selection, shared by the modules: one
 * object, since a module cannot assign another's bindings.  The page is one thread (the browser's
 * main one); every module reads and writes these fields in its event handlers. */

export const state = {
  available: null, /* the last available_dashboards message: the list */
  selected: null,  /* the full name shown, or null for the list alone */
  execution: null, /* the execution_started message of the run on screen */
  panels: {},      /* the selected run's panels by name, as the latest message had them */
  logs: {},        /* the run's log by panel name (logic/panel-log.js): the detail view's Log tab */
  shownLayout: "", /* the layout on screen (JSON): a re-run with the same one keeps its elements */
  inputs: {},      /* the selection's input values by unqualified name ("input.x") */
  checkViews: {grouping: {}, where: {}, table: {}}, /* views by panel (the URL's grouping, where, table) */
  metadata: null,    /* the server_metadata message's metadata: the mod and its installed mods */
  dashboardsMetadata: {}, /* each selection's dashboard_metadata (supports_time_range), by full name */
  range: null,       /* the selection's time range {from, to, relative} (logic/timerange.js), or null */
  searchPathPrefix: [],    /* the schemas put before the database's search path (searchpath.js) */
  completed: null,   /* the run on screen's execution_complete snapshot: what Snap saves */
  snapshot: null,    /* an opened snapshot file (logic/snapshot.js readSnapshot), shown read-only */
  detailShown: null, /* draws the open detail view's tab again (a sort of its Data) */
};
export const sorts = {};          /* a table's sort by panel name: { col, dir } */
export const nodes = new Map();   /* the layout's elements by panel name */
export const copies = new Map();  /* a panel's further elements (a detection under two benchmarks) */
