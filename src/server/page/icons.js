/* icons.js — icons by Powerpipe's names: a text icon, or the server's SVG file of a Material
 * Symbol or Heroicon, its paths copied into an <svg> of the page. */
import { el } from "./dom.js";

/* Powerpipe's icon names (DashboardIcon): "text:X" is X; a Material Symbol or Heroicon by name
 * ("materialsymbols-solid:info", "heroicons-outline:cash", a bare "memory") is drawn from the
 * server's SVG file of it (serve_icon; fetched once per name), its paths copied into an <svg> of
 * the page (nothing of the file becomes markup); a name the server has no file for, no icon */
export const ICON_NAME = /^((materialsymbols|heroicons)-(outline|solid):)?[a-z0-9_-]{1,80}$/;

/* the page's own icons, which app.js carries (src/server/page_icons.sh: globalThis.lpPageIcons, set
 * before the modules run), are never fetched: fetched as each was drawn, they made a cold dashboard's
 * first complete paint ~10% later.  A mod's icons are. */
const carried = Object.entries(globalThis.lpPageIcons || {});

/* name -> the promise of its shape (iconShape), null when none */
export const iconShapes = new Map(carried.map(([name, shape]) => [name, Promise.resolve(shape)]));

export const iconResolved = new Map(carried); /* name -> its shape, once fetched (or carried) */

export function iconShape(name) {
  if (typeof name !== "string" || !ICON_NAME.test(name)) return Promise.resolve(null);
  if (!iconShapes.has(name))
    iconShapes.set(name, fetch("/static/icons/" + name).then((r) => (r.ok ? r.text() : null))
      .then((t) => (t ? parseIcon(t) : null), () => null)
      .then((shape) => { iconResolved.set(name, shape); return shape; }));
  return iconShapes.get(name);
}

/* an SVG file's viewBox, whether it is stroked (Heroicons' outline) and its paths, each checked to
 * be path data alone */
export function parseIcon(text) {
  const svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
  if (!svg || svg.localName !== "svg") return null;
  const viewBox = svg.getAttribute("viewBox") || "";
  const paths = [...svg.querySelectorAll("path")].map((p) => ({ d: p.getAttribute("d") || "",
    evenodd: p.getAttribute("fill-rule") === "evenodd" })).filter((p) => /^[0-9A-Za-z.,\s+-]+$/.test(p.d));
  if (!/^[-0-9. ]+$/.test(viewBox) || !paths.length) return null;
  return { viewBox, stroke: svg.getAttribute("stroke") ? Number(svg.getAttribute("stroke-width")) || 1.5 : 0,
           paths };
}

/* a shape as an <svg> of the page, drawn in the current colour */
export function iconSvg(shape) {
  const NS = "http://www.w3.org/2000/svg", svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", shape.viewBox);
  svg.setAttribute("fill", shape.stroke ? "none" : "currentColor");
  if (shape.stroke) {
    svg.setAttribute("stroke", "currentColor");
    svg.setAttribute("stroke-width", String(shape.stroke));
    svg.setAttribute("stroke-linecap", "round");
    svg.setAttribute("stroke-linejoin", "round");
  }
  for (const p of shape.paths) {
    const path = document.createElementNS(NS, "path");
    path.setAttribute("d", p.d);
    if (p.evenodd) path.setAttribute("fill-rule", "evenodd");
    svg.append(path);
  }
  return svg;
}

/* Powerpipe's card icon for a type without one of its own (utils/card.ts getIconForType) */
export const TYPE_ICONS = { alert: "materialsymbols-solid:circle_notifications",
  ok: "materialsymbols-solid:check_circle", info: "materialsymbols-solid:info",
  skip: "materialsymbols-solid:arrow_circle_right", severity: "materialsymbols-solid:warning" };

/* an icon element: the name in data-icon; its text, else its drawing once fetched */
export function icon(name) {
  const span = el("span", "icon");
  span.dataset.icon = name;
  if (name.startsWith("text:")) span.textContent = name.slice(5);
  else iconShape(name).then((shape) => { if (shape) span.replaceChildren(iconSvg(shape)); });
  return span;
}
