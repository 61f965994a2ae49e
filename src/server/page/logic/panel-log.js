/* logic/panel-log.js — a panel's log, as Powerpipe's UI keeps it (utils/state.ts buildPanelsLog,
 * addUpdatedPanelLogs, updatePanelsLogFromCompletedPanels) and its View detail's Log tab lists it
 * (PanelDetail/PanelDetailLog.tsx): per panel, one entry a status it was seen in (the first time
 * only), with the event's time, its error, and the time since it was seen running once complete. */

/* the title a panel's entries carry (panelLogTitle): a with's, node's or edge's falls back to its
 * name or its category's title */
export function logTitle(p) {
  const props = p.properties || {};
  if (p.panel_type === "with") return p.title || props.name || p.name;
  if (p.panel_type === "edge" || p.panel_type === "node") {
    if (p.title) return p.title;
    if (props.category) return props.category.title || props.category.name;
    return p.name;
  }
  return p.title || p.name;
}

const logEntry = (p, timestamp, executionTime) => ({
  error: p.status === "error" ? p.error : null, executionTime, status: p.status, timestamp,
  title: logTitle(p),
});

/* the log of every panel of an execution_started: its status at the start time */
export function startLogs(panels, startTime) {
  const logs = {};
  for (const [name, p] of Object.entries(panels || {})) logs[name] = [logEntry(p, startTime)];
  return logs;
}

/* milliseconds between two ISO times, their fractions beyond milliseconds left out (dayjs' diff) */
export const isoMs = (t) => Date.parse(String(t).replace(/(\.\d{3})\d+/, "$1"));

/* p's new status added to logs (in place) unless one of its entries has it already; a complete one
 * carries the time since its running entry (calculateExecutionTime) */
export function addLog(logs, p, timestamp) {
  if (!p || !p.name || !p.status) return;
  const mine = logs[p.name] || (logs[p.name] = []);
  if (mine.some((l) => l.status === p.status)) return;
  const running = p.status === "complete" && mine.find((l) => l.status === "running");
  mine.push(logEntry(p, timestamp, running ? isoMs(timestamp) - isoMs(running.timestamp) : undefined));
}

/* every panel of an execution_complete's snapshot added at its end time */
export function completeLogs(logs, panels, endTime) {
  for (const p of Object.values(panels || {})) addLog(logs, p, endTime);
}

/* what the Log tab lists for panel name (PanelLogs): its own entries and, among them by time, those
 * of what it depends on (its dependencies, theirs, and a node/edge graph's nodes and edges with
 * theirs), each marked with its panel's type; by time, the sort stable as lodash's sortBy.
 * (Powerpipe's lists the panel's own entries twice, once marked as a dependency of itself: here
 * once.) */
export function panelLog(name, logs, panels) {
  const own = logs[name];
  if (!own) return [];
  const deps = [], seen = { [name]: true };
  const under = (p) => {
    for (const d of p.dependencies || []) if (!seen[d] && panels[d]) add(panels[d]);
  };
  const add = (p) => {
    seen[p.name] = true;
    under(p);
    deps.push(...(logs[p.name] || []).map((l) => ({ ...l, isDependency: true, prefix: p.panel_type })));
  };
  const p = panels[name] || { name };
  under(p);
  const props = p.properties || {};
  if (["flow", "graph", "hierarchy"].includes(p.panel_type))
    for (const n of [...(props.nodes || []), ...(props.edges || [])])
      if (!seen[n] && panels[n]) add(panels[n]);
  const time = (l) => isoMs(l.timestamp);
  return [...deps, ...own].map((l, i) => [l, i]).sort((a, b) => (time(a[0]) - time(b[0])) || a[1] - b[1])
    .map(([l]) => l);
}
