/* dom.js — the page's element helpers: an element by id, a new element with its text (never
 * HTML), a link that is safe to follow. */
import { safeHref } from "./logic/format.js";

export const $ = (id) => document.getElementById(id);

export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

/* a link's element: one to this page's own paths opens here (data-internal); javascript: and
 * other schemes than http(s) and mailto are not links */
export function link(href, fill) {
  const safe = typeof href === "string" && href ? safeHref(href) : null;
  if (safe === null) return null;
  const a = el("a");
  a.href = safe;
  if (/^\/(?!\/)/.test(safe)) a.dataset.internal = "";
  else { a.target = "_blank"; a.rel = "noopener noreferrer"; }
  if (fill) a.append(fill);
  return a;
}
