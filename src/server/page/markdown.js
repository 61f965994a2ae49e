/* markdown.js — a small CommonMark/GFM subset rendered as DOM nodes (text panels, documentation):
 * text only ever in textContent. */
import { el } from "./dom.js";
import { safeHref } from "./logic/format.js";

/* A small CommonMark/GFM subset, what mods' text panels use (as Powerpipe's UI renders them with
 * react-markdown and remark-gfm): headings, paragraphs, emphasis, code, links, lists, tables,
 * block quotes, rules.  It builds DOM nodes with text in textContent only, so no input becomes
 * markup (raw HTML stays text, as react-markdown shows it without rehype-raw); a link whose URL
 * is not http(s), mailto or relative keeps its text but loses its link. */
export const MD_LIST = /^( {0,3})([-*+]|\d{1,9}[.)])( +|$)/;

export const MD_FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/;

export const MD_DELIM = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

export const mdStarts = (l) => MD_FENCE.test(l) || /^ {0,3}(#{1,6}(\s|$)|>|([-*_])(\s*\3){2,}\s*$)/.test(l) ||
  MD_LIST.test(l);

export const mdCells = (l) => l.trim().replace(/^\|/, "").replace(/(^|[^\\])\|$/, "$1")
  .split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));

export function mdLink(parent, href, fill) {
  const safe = safeHref(href);
  if (safe === null) return fill(parent);
  const a = el("a");
  a.href = safe;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  fill(a);
  parent.append(a);
}

/* text with its entities decoded and bare http(s) URLs as links (GFM autolinks) */
export function mdText(parent, s) {
  const ents = { amp: "&", lt: "<", gt: ">", quot: '"', nbsp: "\u00a0", "#39": "'" };
  s = s.replace(/&(amp|lt|gt|quot|nbsp|#39);/g, (_, e) => ents[e]);
  s.split(/(https?:\/\/[^\s<]*[^\s<.,:;"')\]*_~])/).forEach((t, i) => {
    if (i % 2) mdLink(parent, t, (a) => a.append(t));
    else if (t) parent.append(t);
  });
}

export function mdInline(parent, s) {
  let buf = "";
  const flush = () => { if (buf) mdText(parent, buf); buf = ""; };
  for (let i = 0; i < s.length;) {
    const rest = s.slice(i), c = s[i];
    let m;
    if (c === "\\" && /^[!-/:-@[-`{-~]/.test(rest.slice(1))) { buf += s[i + 1]; i += 2; continue; }
    if (c === "\n") {   /* a hard break after two spaces or a backslash; else a soft one */
      if (/( {2,}|\\)$/.test(buf)) { buf = buf.replace(/( +|\\)$/, ""); flush(); parent.append(el("br")); }
      else buf += "\n";
      i++;
      continue;
    }
    if (c === "`") {
      const run = /^`+/.exec(rest)[0], end = s.indexOf(run, i + run.length);
      if (end < 0) { buf += run; i += run.length; continue; }
      let code = s.slice(i + run.length, end).replace(/\n/g, " ");
      if (/^ .* $/.test(code) && code.trim()) code = code.slice(1, -1);
      flush();
      parent.append(el("code", null, code));
      i = end + run.length;
      continue;
    }
    if ((m = /^!?\[((?:\\.|[^\]\\])*)\]\(\s*<?([^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)>?(?:\s+"[^"]*")?\s*\)/
           .exec(rest)) || (m = /^<((?:https?|mailto):[^\s<>]*)>/i.exec(rest))) {
      flush();
      /* an image shows as a link to it: the page loads nothing a mod names */
      if (m[2] === undefined) mdLink(parent, m[1], (a) => a.append(m[1]));
      else mdLink(parent, m[2], (a) => mdInline(a, m[1]));
      i += m[0].length;
      continue;
    }
    if ((m = /^(\*\*|__|~~|\*|_|~)(?=\S)/.exec(rest)) && !(c === "_" && /\w$/.test(buf))) {
      /* its closer: not after a space (nor "_" before a letter); openers on the way nest */
      const d = m[1];
      let j = i + d.length - 1, depth = 0;
      while ((j = s.indexOf(d, j + 1)) >= 0) {
        if (d.length === 1 && s[j + 1] === d) { j++; continue; }
        const after = s[j + d.length] || " ";
        if (!/\s/.test(s[j - 1]) && !(c === "_" && /\w/.test(after))) { if (!depth--) break; }
        else if (/\S/.test(after)) depth++;
      }
      if (j > 0) {
        flush();
        const e = el(d[0] === "~" ? "del" : d.length === 2 ? "strong" : "em");
        mdInline(e, s.slice(i + d.length, j));
        parent.append(e);
        i = j + d.length;
        continue;
      }
    }
    buf += c;
    i++;
  }
  flush();
}

export function mdBlocks(parent, lines) {
  for (let i = 0; i < lines.length;) {
    const l = lines[i];
    let m;
    if (!l.trim()) { i++; continue; }
    if ((m = MD_FENCE.exec(l))) {
      const close = new RegExp("^ {0,3}" + m[1][0] + "{" + m[1].length + ",}\\s*$"), code = [];
      for (i++; i < lines.length && !close.test(lines[i]); i++) code.push(lines[i]);
      i++;
      const pre = el("pre"), c = el("code", m[2] ? "language-" + m[2] : "", code.join("\n"));
      pre.tabIndex = 0;   /* a long line scrolls it: a Tab stop, so the keyboard scrolls it too */
      pre.append(c);
      parent.append(pre);
    } else if ((m = /^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/.exec(l))) {
      const h = el("h" + m[1].length);
      mdInline(h, m[2] || "");
      parent.append(h);
      i++;
    } else if (/^ {0,3}([-*_])(\s*\1){2,}\s*$/.test(l)) {
      parent.append(el("hr"));
      i++;
    } else if (/^ {0,3}>/.test(l)) {
      const inner = [];
      for (; i < lines.length && /^ {0,3}>/.test(lines[i]); i++)
        inner.push(lines[i].replace(/^ {0,3}> ?/, ""));
      const q = el("blockquote");
      mdBlocks(q, inner);
      parent.append(q);
    } else if (l.includes("|") && MD_DELIM.test(lines[i + 1] || "") &&
               mdCells(l).length === mdCells(lines[i + 1]).length) {
      const align = mdCells(lines[i + 1]).map((d) =>
        /^:-+:$/.test(d) ? "center" : /-:$/.test(d) ? "right" : /^:/.test(d) ? "left" : "");
      const table = el("table"), row = (cells, tag, into) => {
        const tr = el("tr");
        align.forEach((a, k) => {
          const td = el(tag);
          if (a) td.style.textAlign = a;
          mdInline(td, cells[k] || "");
          tr.append(td);
        });
        into.append(tr);
      };
      const thead = el("thead"), tbody = el("tbody");
      row(mdCells(l), "th", thead);
      for (i += 2; i < lines.length && lines[i].trim() && !mdStarts(lines[i]); i++)
        row(mdCells(lines[i]), "td", tbody);
      table.append(thead, tbody);
      parent.append(table);
    } else if ((m = MD_LIST.exec(l))) {
      i = mdList(parent, lines, i, /\d/.test(m[2]));
    } else {
      const para = [l.trimStart()];   /* trailing spaces kept: two make a hard break */
      for (i++; i < lines.length && lines[i].trim() && !mdStarts(lines[i]) &&
                !(lines[i].includes("|") && MD_DELIM.test(lines[i + 1] || "")); i++) {
        if (/^ {0,3}(=+|-+)\s*$/.test(lines[i])) break;
        para.push(lines[i].trimStart());
      }
      const setext = /^ {0,3}(=+|-+)\s*$/.exec(lines[i] || "");
      if (setext) i++;
      const p = el(setext ? (setext[1][0] === "=" ? "h1" : "h2") : "p");
      mdInline(p, para.join("\n").trimEnd());
      parent.append(p);
    }
  }
}

/* a list from lines[i], its items while their markers are of its kind; returns the next line */
export function mdList(parent, lines, i, ordered) {
  const list = el(ordered ? "ol" : "ul");
  let loose = false, m;
  if (ordered && (m = /\d+/.exec(lines[i])) && +m[0] !== 1) list.start = +m[0];
  while (i < lines.length && (m = MD_LIST.exec(lines[i])) && /\d/.test(m[2]) === ordered) {
    const indent = m[0].length || m[1].length + m[2].length + 1, item = [lines[i].slice(m[0].length)];
    for (i++; i < lines.length; i++) {
      const l = lines[i];
      if (!l.trim()) {
        let k = i;
        while (k < lines.length && !lines[k].trim()) k++;
        if (k < lines.length && /^ */.exec(lines[k])[0].length >= indent) { item.push(""); continue; }
        const next = MD_LIST.exec(lines[k] || "");
        if (next && /\d/.test(next[2]) === ordered) loose = true;
        break;
      }
      if (/^ */.exec(l)[0].length >= indent) item.push(l.slice(indent));
      else if (!mdStarts(l) && item[item.length - 1].trim()) item.push(l.trim());   /* a lazy line */
      else break;
    }
    while (i < lines.length && !lines[i].trim()) i++;
    const li = el("li"), task = /^\[([ xX])\] /.exec(item[0]);
    if (task) {
      const box = el("input");
      box.type = "checkbox";
      box.checked = task[1] !== " ";
      box.disabled = true;
      li.append(box, " ");
      item[0] = item[0].slice(4);
    }
    if (item.slice(0, -1).some((x) => !x.trim())) loose = true;
    mdBlocks(li, item);
    list.append(li);
  }
  if (!loose)   /* a tight list: its items' paragraphs are their text */
    for (const p of list.querySelectorAll(":scope > li > p")) p.replaceWith(...p.childNodes);
  parent.append(list);
  return i;
}
