/* logic/progress.js — a run's progress as Powerpipe's UI computes it for the bar under its header
 * (utils/dashboardEventHandlers.ts calculateProgress, layout/Dashboard/DashboardProgress): the share
 * of its data panels (every panel but a container, dashboard or benchmark; controls count) that are
 * complete or in error, in whole percents rounded up; 100 without any. */
export function runProgress(panels) {
  let all = 0, done = 0;
  for (const p of Object.values(panels || {})) {
    if (["container", "dashboard", "benchmark"].includes(p.panel_type)) continue;
    all++;
    if (p.status === "complete" || p.status === "error") done++;
  }
  return all ? Math.min(Math.ceil((done / all) * 100), 100) : 100;
}
