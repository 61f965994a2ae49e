/* card.js — card panels, as Powerpipe's Card: label, value, type, icon and link. */
import { el, link } from "./dom.js";
import { renderTemplate } from "./logic/template.js";
import { cellText, localNumber } from "./logic/format.js";
import { longestWord } from "./logic/card.js";
import { TYPE_ICONS, icon } from "./icons.js";

/* Powerpipe's card: one column: its name is the label, the first row's value the value; more
 * columns: the first row's label, value, type, icon and href columns; href a template over them */
export function card(p) {
  const d = p.data, cols = d.columns || [], r = (d.rows || [])[0] || {}, props = p.properties || {};
  const simple = cols.length === 1;
  const label = simple ? cols[0].name : r.label;
  const value = simple ? r[cols[0].name] : r.value;
  const type = (!simple && r.type) || p.display_type;
  const iconName = (!simple && r.icon) || props.icon || TYPE_ICONS[type] || null;
  const hrefTpl = (!simple && r.href) || props.href;
  const context = Object.assign({}, r, { label, value, type, icon: iconName });
  const div = (hrefTpl && link(renderTemplate(hrefTpl, context))) || el("div");
  div.classList.add("card");
  if (["alert", "ok", "info", "severity"].includes(type)) div.classList.add(type);
  if (typeof iconName === "string" && iconName) div.append(icon(iconName));
  const text = el("div");
  const shown = value === undefined || value === null ? "" :
                typeof value === "number" ? localNumber(value) : cellText(value);
  /* each word unbreakable (a hyphen inside one is no place to wrap), the value wrapping between them */
  const valueDiv = el("div", "card-value");
  shown.split(/(\s+)/).forEach((w, k) => valueDiv.append(k % 2 ? w : el("span", "word", w)));
  /* its size: its longest word on one line of the card (page.css), the whole of it on hover */
  valueDiv.style.setProperty("--chars", String(Math.max(1, longestWord(shown))));
  valueDiv.title = shown;
  /* no value (no row, a null): Powerpipe's "remove" sign, a dash */
  if (value === undefined || value === null) {
    valueDiv.replaceChildren(icon("materialsymbols-outline:remove"));
    valueDiv.classList.add("none");
    valueDiv.title = "no value";
  }
  text.className = "card-text";
  const labelDiv = el("div", "card-label", label === undefined || label === null ? "" : cellText(label));
  labelDiv.title = labelDiv.textContent;   /* one line (page.css): the whole label on hover */
  text.append(labelDiv, valueDiv);
  div.append(text);
  return div;
}
