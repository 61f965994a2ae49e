/* theme.js — light or dark, and the colours of the one shown (CSS variables of page.css) for
 * what draws on a canvas (charts, graphs). */
import { PALETTES, themeColor } from "./logic/colors.js";
import { GRAPHS, showPanel } from "./layout.js";
import { state } from "./state.js";

/* light or dark: the one chosen with the button (kept), else the system's (prefers-color-scheme) */
export const darkQuery = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

export function applyTheme() {
  let chosen = null;
  try { chosen = localStorage.getItem("lazypipe.theme"); } catch (e) { /* storage off: the system's */ }
  const theme = chosen || (darkQuery && darkQuery.matches ? "dark" : "light");
  if (document.documentElement.dataset.theme === theme) return;
  document.documentElement.dataset.theme = theme;
  redrawCharts();
}

export const cssVar = (name) =>
  getComputedStyle(document.documentElement).getPropertyValue("--" + name).trim();

export const palette = () => PALETTES[document.documentElement.dataset.theme === "dark" ? "dark" : "light"];

/* the theme's colours as the pure modules take them (logic/colors.js) */
export function currentTheme() {
  const t = { palette: palette() };
  for (const k of ["fg", "line", "muted", "link", "panel", "alert", "ok", "info", "severity"])
    t[k] = cssVar(k);
  return t;
}

/* a mod's colour (logic/colors.js) in the current theme */
export const modColor = (c) => themeColor(c, currentTheme());

/* the button: the other theme, kept for the next visits */
export function toggleTheme() {
  const next = document.documentElement.dataset.theme === "dark" ? "light" : "dark";
  try { localStorage.setItem("lazypipe.theme", next); } catch (e) { /* storage off: for this page only */ }
  document.documentElement.dataset.theme = next;
  redrawCharts();
}

/* the charts take their colours when drawn: drawn again */
function redrawCharts() {
  for (const p of Object.values(state.panels))
    if (p.panel_type === "chart" || GRAPHS.includes(p.panel_type)) showPanel(p, true);
}
