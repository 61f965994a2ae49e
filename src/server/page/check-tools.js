/* check-tools.js — the Group by and Filter editors above a benchmark, as Powerpipe's
 * GroupingEditor and FilterEditor. */
import { el } from "./dom.js";
import { FILTER_OPS, KEYED, kindOf, groupingOf, setCheckView } from "./check-view.js";
import { validFilter } from "./logic/grouping.js";
import { state } from "./state.js";

/* Group by and Filter, as Powerpipe's GroupingEditor and FilterEditor: a list of levels (the
 * results last), and a list of conditions, all of which a result must meet */
export function checkTools(root) {
  const name = root.dataset.name, tools = el("div", "check-tools"), kind = kindOf(root);
  const option = (v, label) => { const o = el("option", "", label || v); o.value = v; return o; };
  const known = (type) => {   /* the dimension keys and tag keys of the results, for suggestions */
    const s = new Set();
    for (const r of kind.results(root))
      for (const k of type === "dimension" ? kind.dimensionKeys(r) : Object.keys(kind.tagsOf(r))) s.add(k);
    return [...s].sort();
  };
  const keyField = (type, value, onchange) => {
    const f = el("input", "key");
    f.placeholder = type === "dimension" ? "dimension" : "tag";
    f.value = value || "";
    const list = el("datalist");
    list.id = "keys-" + name + "-" + type + "-" + Math.random().toString(36).slice(2);
    list.append(...known(type).map((k) => option(k)));
    f.setAttribute("list", list.id);
    f.onchange = () => onchange(f.value.trim());
    return [f, list];
  };
  /* every control labelled: a level's by its place ("Group by level 1 type"), a button by its job */
  const button = (text, cls, onclick, label) => {
    const b = el("button", cls, text);
    b.type = "button";
    b.onclick = onclick;
    if (label) b.setAttribute("aria-label", label);
    return b;
  };
  const labelled = (e, label) => { e.setAttribute("aria-label", label); return e; };
  /* the conditions being edited: one not complete yet stays here, out of the URL (Powerpipe's
   * update drops a filter that does not validate) */
  const stored = state.checkViews.where[name];
  const exprs = stored && Array.isArray(stored.expressions) ? stored.expressions.map((e) => ({ ...e })) : [];
  const saveFilter = () => {
    const f = { operator: "and", expressions: exprs.map((e) => ({ ...e })) };
    setCheckView(root, "where", validFilter(f) ? f : null);
  };
  const draw = () => {
    /* Group by: the levels before the results */
    const levels = groupingOf(root).filter((g) => g.type !== "result").map((g) => ({ ...g }));
    const save = () =>
      setCheckView(root, "grouping", levels.length ? levels.concat({ type: "result" }) : null);
    const group = el("div", "tool grouping");
    group.append(el("span", "label", "Group by"));
    levels.forEach((g, i) => {
      const item = el("span", "level");
      const type = el("select");
      type.append(...kind.types.map((t) => option(t, t.replace("_", " "))));
      type.value = g.type;
      type.onchange = () => { levels[i] = { type: type.value }; save(); draw(); };
      item.append(labelled(type, "Group by level " + (i + 1)));
      if (KEYED(g.type)) {
        const [f, list] = keyField(g.type, g.value, (v) => { levels[i].value = v; save(); });
        item.append(labelled(f, "Group by level " + (i + 1) + " " + f.placeholder), list);
      }
      item.append(button("×", "remove", () => { levels.splice(i, 1); save(); draw(); },
                         "Remove group by level " + (i + 1)));
      group.append(item);
    });
    group.append(button("+", "add", () => { levels.push({ type: kind.first }); save(); draw(); },
                        "Add a group by level"),
                 button("Reset", "reset", () => { setCheckView(root, "grouping", null); draw(); }));
    const filt = el("div", "tool filter");
    filt.append(el("span", "label", "Filter"));
    exprs.forEach((e, i) => {
      const item = el("span", "level");
      const type = el("select"), op = el("select"), value = el("input", "value");
      type.append(...kind.types.map((t) => option(t, t.replace("_", " "))));
      type.value = e.type;
      op.append(...FILTER_OPS.map((o) => option(o, o.replace("_", " "))));
      op.value = e.operator;
      const multi = () => e.operator === "in" || e.operator === "not_in";
      value.value = Array.isArray(e.value) ? e.value.join(",") : e.value || "";
      value.placeholder = multi() ? "values, comma separated" : "value";
      /* the field's text as the condition's value: a list for in and not in */
      const readValue = () => {
        e.value = multi() ? value.value.split(",").map((v) => v.trim()).filter(Boolean) : value.value.trim();
      };
      type.onchange = () => {
        e.type = type.value;
        if (KEYED(e.type)) e.key = e.key || ""; else delete e.key;
        saveFilter();
        draw();
      };
      op.onchange = () => { e.operator = op.value; readValue(); saveFilter(); draw(); };
      value.onchange = () => { readValue(); saveFilter(); };
      const n = "Filter condition " + (i + 1);
      item.append(labelled(type, n + " type"));
      if (KEYED(e.type)) {
        const [f, list] = keyField(e.type, e.key, (v) => { e.key = v; saveFilter(); });
        item.append(labelled(f, n + " " + f.placeholder), list);
      }
      item.append(labelled(op, n + " operator"), labelled(value, n + " value"),
                  button("×", "remove", () => { exprs.splice(i, 1); saveFilter(); draw(); }, "Remove " + n));
      filt.append(item);
    });
    filt.append(button("+", "add", () => {
      exprs.push({ type: kind.first, operator: "equal", value: "" });
      draw();
    }, "Add a filter condition"));
    tools.replaceChildren(group, filt);
  };
  draw();
  return tools;
}
