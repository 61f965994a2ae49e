/* detection.js — a benchmark of detections as Powerpipe's DetectionBenchmark view shows it: the
 * cards of rows by severity, a row's badges and total, an open detection's table. */
import { cardRow } from "./benchmark.js";
import { el } from "./dom.js";
import { WAITING } from "./layout.js";
import { applyFilter } from "./logic/grouping.js";
import { DETECTION_VIEW } from "./check-view.js";
import { state } from "./state.js";
import { localNumber } from "./logic/format.js";

/* A benchmark of detections as Powerpipe's DetectionBenchmark view shows it (DetectionPanel,
 * DetectionHierarchyNode, DetectionResultNode): cards of the total rows and of the rows by the
 * detections' severity; each benchmark and detection a closed row with its title, a badge per
 * severity below it (its count when not 0) and its total; an open detection its table, "No results"
 * or its error. */
export const SEVERITIES = [["critical", "Critical", "materialsymbols-solid:pulse_alert"],
  ["high", "High", "materialsymbols-solid:warning"], ["medium", "Medium", "materialsymbols-solid:campaign"],
  ["low", "Low", "materialsymbols-solid:info"]];

/* the rows of the detections at or below div: total, errors, running, and by severity (a detection
 * without one counts under "none"; a severity present with no rows is there with 0) */
export function detectionSummary(div) {
  const sum = { total: 0, error: 0, running: 0, severity: {} };
  const dets = div.dataset.type === "detection" ? [div]
    : div.querySelectorAll('.node[data-type="detection"]');
  for (const d of dets) {
    const p = state.panels[d.dataset.name] || {}, n = ((p.data || {}).rows || []).length;
    const sev = p.severity || (p.properties || {}).severity || "none";
    sum.total += p.error ? 1 : n;   /* Powerpipe's DetectionErrorNode counts 1 */
    if (p.error) sum.error++;
    if (!p.status || WAITING[p.status]) sum.running++;
    sum.severity[sev] = (sum.severity[sev] || 0) + (sev === "none" ? 0 : n);
  }
  return sum;
}

export function detectionCards(sum, filter) {
  const total = sum.total > 0 ? "alert" : sum.running ? "" : "ok";
  const bySeverity = ((filter && filter.expressions) || []).find((f) => f.type === "severity");
  return cardRow([["Total", sum.total, total, sum.total > 0 ? "materialsymbols-solid:circle_notifications"
    : sum.running ? "" : "materialsymbols-solid:check_circle"]]
    .concat(SEVERITIES.filter(([k]) => !bySeverity || applyFilter(bySeverity, k)).map(([k, label, ic]) =>
      [label, sum.severity[k] || 0, (sum.severity[k] || 0) > 0 ? "severity-" + k : "", ic, k, "severity"])));
}

/* a row's severity badges and its total, replacing the ones it had */
export function detectionHead(head, sum) {
  for (const old of head.querySelectorAll(":scope > .badges, :scope > .det-total")) old.remove();
  const badges = el("span", "badges");
  for (const [k, label] of SEVERITIES) {
    if (!(k in sum.severity)) continue;
    const n = sum.severity[k], b = el("span", "badge" + (n > 0 ? " sev-" + k : ""));
    b.append(el("span", "", label));
    if (n > 0) b.append(el("span", "n", localNumber(n)));
    b.title = localNumber(n) + " " + k + " severity " + (n === 1 ? "result" : "results");
    badges.append(b);
  }
  const total = el("span", "det-total", localNumber(sum.total));
  total.title = [sum.error ? "Error: " + sum.error : ""].concat(SEVERITIES.filter(([k]) => sum.severity[k])
    .map(([k, label]) => label + ": " + localNumber(sum.severity[k]))).filter(Boolean).join("\n");
  const title = head.querySelector(":scope > .docs") || head.firstChild.nextSibling;
  if (title && title.nextSibling) head.insertBefore(badges, title.nextSibling); else head.append(badges);
  head.append(total);
}

/* an open detection: its error, its table (one without rows says "No results"), or "No results"
 * without data */
export function detectionResults(p) {
  const list = el("div", "check-results");
  if (!p.error && WAITING[p.status]) return list;
  const empty = !p.data || !p.data.columns || !p.data.rows;
  list.append(...DETECTION_VIEW.resultRows([p.error ? { type: "error", error: p.error }
    : empty ? { type: "empty" } : { type: "result", detection: { name: p.name }, rows: p.data.rows,
                                    columns: p.data.columns }]));
  return list;
}
