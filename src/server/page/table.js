/* table.js — table panels: sortable tables (every row, MAX_ROWS more in the DOM each time the
 * reader scrolls near the end), line tables, cells with their links (href templates); a table
 * panel's filter and chosen columns (table-tools.js). */
import { el, link } from "./dom.js";
import { renderTemplate } from "./logic/template.js";
import { cellText } from "./logic/format.js";
import { applyFilter } from "./logic/grouping.js";
import { numericColumns, sortedRows, tableColumns, tableFilters, filteredRows } from "./logic/table.js";
import { cellMenu, filterChips } from "./table-tools.js";
import { showPanel } from "./layout.js";
import { state, sorts } from "./state.js";

/* rows put in the DOM at first, and again each time the table is scrolled near its end: every row
 * can be reached, as in Powerpipe's table (which draws the rows in view, TableViewVirtualizedRows),
 * and a table of 100,000 rows costs its first paint 1000 */
export const MAX_ROWS = 1000;

/* a cell's content: its text, a link when its column has an href template that gives one */
export function cellContent(c, v, row) {
  const text = cellText(v);
  const href = c.conf.href ? renderTemplate(c.conf.href, row) : null;
  return (href && link(href, text)) || text;
}

/* a table panel as Powerpipe's: the columns the view chose (else its own), the rows its filter
 * keeps, the filter's chips above, the cell menu */
export function panelTable(p) {
  const views = state.checkViews, all = p.data.columns || [];
  const cols = tableColumns(p, all, views.table && views.table[p.name]);
  const rows = filteredRows(p.data.rows || [], all, tableFilters(views.where[p.name]), applyFilter);
  const box = el("div", "panel-table"), chips = filterChips(p.name);
  if (chips) box.append(chips);
  box.append(table(p.name, { columns: all, rows }, cols, true));
  return box;
}

/* a sortable table of data.columns/data.rows; cols: the columns in the order to show them; menu:
 * with the cell menu */
export function table(name, data, cols, menu) {
  const numeric = numericColumns(cols, data.rows || []), s = sorts[name];
  const rows = sortedRows(data.rows || [], cols, s, numeric);
  const t = el("table"), head = el("tr");
  for (const c of cols) {
    const th = el("th", numeric[c.name] ? "num" : "", (c.original_name || c.name) +
                  (s && s.col === c.name ? (s.dir > 0 ? " ▲" : " ▼") : ""));
    th.dataset.col = c.name;
    th.tabIndex = 0;
    th.onclick = th.onkeydown = (ev) => {
      if (ev.type === "keydown" && ev.key !== "Enter") return;
      const cur = sorts[name];
      sorts[name] = { col: c.name, dir: cur && cur.col === c.name ? -cur.dir : 1 };
      showPanel(state.panels[name], true);
      if (state.detailShown) state.detailShown();
    };
    head.append(th);
  }
  t.append(el("thead"));
  t.tHead.append(head);
  const body = el("tbody"), shown = [];   /* the rows in the DOM, in order (the cell menu's) */
  const addRows = () => {
    const from = shown.length;
    shown.push(...rows.slice(from, from + MAX_ROWS));
    for (const r of shown.slice(from)) {
      const tr = el("tr");
      for (const c of cols) {
        const v = r[c.name];
        const td = el("td", v === null || v === undefined ? "null" : numeric[c.name] ? "num" : "");
        if (menu) td.tabIndex = body.rows.length || tr.cells.length ? -1 : 0;
        if (c.conf && c.conf.wrap === "all") td.classList.add("wrap");
        td.append(c.conf ? cellContent(c, v, r) : cellText(v));
        if (c.name === "status") td.dataset.status = cellText(v);
        tr.append(td);
      }
      body.append(tr);
    }
  };
  addRows();
  if (!rows.length && cols.length) {   /* Powerpipe's table without rows */
    const td = el("td", "none", "No results");
    td.colSpan = cols.length;
    const tr = el("tr");
    tr.append(td);
    body.append(tr);
  }
  t.append(body);
  const wrap = el("div", "tablewrap");
  wrap.append(t);
  if (menu && shown.length) cellMenu(wrap, name, cols, shown);
  if (rows.length > shown.length) {
    const more = el("div", "more");
    const say = () => { more.textContent = shown.length + " of " + rows.length + " rows: scroll for more"; };
    say();
    wrap.append(more);
    /* near the end (within a screen of it): the next rows */
    wrap.addEventListener("scroll", () => {
      if (shown.length >= rows.length || wrap.scrollTop + 2 * wrap.clientHeight < wrap.scrollHeight) return;
      addRows();
      if (shown.length < rows.length) say();
      else more.remove();
    }, { passive: true });
  }
  return wrap;
}

/* a table of type "line": each row as its columns' name/value pairs, as Powerpipe lists them */
export function lineTable(data, cols) {
  const div = el("div", "lines");
  for (const r of (data.rows || []).slice(0, MAX_ROWS)) {
    const kv = el("div", "kv");
    for (const c of cols) {
      const v = el("span", "v" + (r[c.name] === null || r[c.name] === undefined ? " null" : ""));
      v.append(cellContent(c, r[c.name], r));
      const k = el("span", "k", c.original_name || c.name);
      /* each on one line (page.css), the whole on hover */
      k.title = k.textContent;
      v.title = v.textContent;
      kv.append(k, v);
    }
    div.append(kv);
  }
  return div;
}
