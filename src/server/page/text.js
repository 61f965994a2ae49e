/* text.js — text panels (markdown rendered, raw and html as text) and image panels. */
import { el, link } from "./dom.js";
import { mdBlocks } from "./markdown.js";

/* Powerpipe's image: its src (or its query's first value) and alt.  Shown when it is the page's
 * own server's or a data: image; one on another site is a link to it (the page fetches nothing
 * from elsewhere) */
export function image(p) {
  const props = p.properties || {}, r = ((p.data || {}).rows || [])[0];
  const src = props.src || (r && p.data.columns && p.data.columns.length ? r[p.data.columns[0].name] : null);
  const div = el("div", "imagepanel");
  if (typeof src !== "string" || !src) return div;
  if (/^(\/(?!\/)|data:image\/)/i.test(src)) {
    const img = el("img");
    img.src = src;
    img.alt = props.alt || "";
    div.append(img);
  } else div.append(link(src, props.alt || src) || el("span", "", props.alt || src));
  return div;
}

/* A text panel: markdown rendered (the default, as in Powerpipe); "raw" and "html" as text.  HTML
 * is not rendered: the page has no sanitiser (one would be bigger than the page itself), and
 * Powerpipe's UI does not render it either ("Unsupported text type html"). */
export function textPanel(p) {
  const value = (p.properties && p.properties.value) || "";
  const type = p.display_type || "markdown";
  if (type !== "markdown") return el("div", "textpanel", value);
  return markdown(value, "textpanel");
}

export function markdown(value, cls) {
  const div = el("div", cls ? cls + " md" : "md");
  try {
    mdBlocks(div, value.replace(/\r\n?/g, "\n").replace(/\t/g, "    ").split("\n"));
  } catch (e) {   /* too deep a nesting for the stack ("> > > ..."): the text as it is */
    return el("div", cls, value);
  }
  return div;
}
