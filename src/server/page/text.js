/* text.js — text panels (markdown rendered, raw and html as text) and image panels. */
import { el, link } from "./dom.js";
import { mdBlocks } from "./markdown.js";

/* Powerpipe's image: its src (or its query's first value) and alt, shown wherever it is (an http(s)
 * URL, the page's own server's path, a data: image), as Powerpipe's Image shows it; sent without a
 * Referer, so that another site does not learn which dashboard showed it.  Any other src (a
 * scheme not an image's) is a link to it, as before. */
export function image(p) {
  const props = p.properties || {}, d = p.data, cols = (d && d.columns) || [], r = ((d && d.rows) || [])[0];
  /* Powerpipe's useImageState: without a query the properties; with one its first row (none: no
   * image): one column its value and the column's name as alt, more its src and alt columns */
  const [src, alt] = !d ? [props.src, props.alt] : !r || !cols.length ? [null, null]
    : cols.length === 1 ? [r[cols[0].name], cols[0].name] : [r.src, r.alt];
  const div = el("div", "imagepanel");
  if (typeof src !== "string" || !src) return div;
  if (/^(https?:\/\/|\/(?!\/)|data:image\/)/i.test(src)) {
    const img = el("img");
    img.referrerPolicy = "no-referrer";
    img.src = src;
    img.alt = typeof alt === "string" ? alt : "";
    div.append(img);
  } else div.append(link(src, alt || src) || el("span", "", alt || src));
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
