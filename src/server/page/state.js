/* state.js — what the page knows of the server and of the selection, shared by the modules: one
 * object, since a module cannot assign another's bindings.  The page is one thread (the browser's
 * main one); every module reads and writes these fields in its event handlers. */

export const state = {
  available: null,     /* the last available_dashboards message: the list */
  selected: null,      /* the full name shown, or null for the list alone */
  execution: null,     /* the execution_started message of the run on screen */
  panels: {},          /* the selected run's panels by name, as the latest message had them */
  shownLayout: "",     /* the layout on screen (JSON): a re-run with the same one keeps its elements */
  inputs: {},          /* the selection's input values by unqualified name ("input.x") */
  checkViews: { grouping: {}, where: {} },   /* benchmark views by root name (the URL's grouping, where) */
  detailShown: null,   /* draws the open detail view's tab again (a sort of its Data) */
};
export const sorts = {};          /* a table's sort by panel name: { col, dir } */
export const nodes = new Map();   /* the layout's elements by panel name */
