// page_charts.js URL — the built-in page's charts, cards, graphs, flows and list column over
// tests/server/chartmod (literals only), in headless Chromium at 1400x1000, read back from what
// ECharts drew (its zrender display list: each text's box on the canvas) and from the DOM.  The
// expectations are Powerpipe's UI's (ui/dashboard/src/components/dashboards: Chart's
// adjustGridConfig and getOptionOverridesForChartType, its heatmap's getDataConfigForChartType,
// Card, Graph's FloatingEdge and AssetNode and CustomControls, Flow and buildSankeyDataInputs)
// and what a reader must see, never the page's own code:
//   axis titles: both drawn, inside the chart, clear of every axis label; a legend at the bottom
//     clear of the axis labels and the x title; a legend on the right clear of the plot;
//   heatmaps: a heatmap series, days as columns, "Daily" or the 24 hours as rows, Powerpipe's six
//     pieces (0, then 20% steps of the largest count);
//   cards: a one-word value on one line (never split inside the word), two words may wrap only
//     between them;
//   graphs: every node title drawn (none hidden), edge labels level, 12 px, at their edge's middle;
//     Zoom In / Zoom Out / Fit View / Reset Layout change the zoom as their names say;
//   flows: each link in its row's category's colour, each node in its row's depth's column, no
//     label past the chart's edges, no two labels overlapping;
//   the list column hidden by the header's button (the panels wider), kept after a reload.
// No console error throughout.  Exits 0, or 1 after "FAIL: why".
"use strict";
const { launch } = require("./chromium.js");

const [base] = process.argv.slice(2);
const origin = base.replace(/\/$/, "");
// KEEP_GOING=1 runs every section after a failure and lists each (to see what an older page lacks)
function fail(msg) { throw new Error(msg); }
const check = (cond, msg) => { if (!cond) fail(msg); };
const want = (got, exp, what) => check(JSON.stringify(got) === JSON.stringify(exp),
                                       what + ": " + JSON.stringify(got) + ", want " + JSON.stringify(exp));
const node = (name) => '#layout .node[data-name="' + name + '"]';
const T = { timeout: 20000 };

// What a chart drew: its size, each text with its box on the canvas (after every transform) and
// whether it shows, the option, and for a graph or flow each node's and link's layout.  Null until
// drawn.
function drawn(sel) {
  const c = document.querySelector(sel + " .chart");
  const i = c && window.echarts && window.echarts.getInstanceByDom(c);
  if (!i || !c.querySelector("canvas")) return null;
  const texts = [];
  i.getZr().storage.getDisplayList(true).forEach((el) => {
    if (!el.style || typeof el.style.text !== "string" || !el.style.text) return;
    let hidden = el.invisible || el.ignore;
    for (let p = el.parent; p; p = p.parent) hidden = hidden || p.ignore || p.invisible;
    const r = el.getBoundingRect().clone();
    if (el.transform) r.applyTransform(el.transform);
    const m = el.transform || [1, 0, 0, 1, 0, 0];
    /* whole: the label's text when ECharts wrapped it onto lines (a tspan each) */
    const whole = el.parent && el.parent.type === "text" ? el.parent.style.text : el.style.text;
    texts.push({ text: el.style.text, whole, x: r.x, y: r.y, w: r.width, h: r.height, hidden: !!hidden,
                 angle: Math.round(Math.atan2(m[1], m[0]) * 180 / Math.PI), font: el.style.font || "" });
  });
  const o = i.getOption(), series = i.getModel().getSeriesByIndex(0);
  const out = { width: i.getWidth(), height: i.getHeight(), texts, option: JSON.parse(JSON.stringify(o)) };
  if (series && ["graph", "sankey"].includes(series.type.replace("series.", ""))) {
    const data = series.getData(), edges = series.getEdgeData ? series.getEdgeData() : null;
    out.nodes = o.series[0].data.map((d, k) => ({ id: d.id || d.name, layout: data.getItemLayout(k) }));
    if (edges) out.links = o.series[0].links.map((l, k) => ({ l, layout: edges.getItemLayout(k) }));
    if (series.coordinateSystem && series.coordinateSystem.dataToPoint)
      out.points = out.nodes.map(
          (n) => (Array.isArray(n.layout) ? series.coordinateSystem.dataToPoint(n.layout) : null));
  }
  return out;
}

const overlap = (a, b) => a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 &&
                          b.y < a.y + a.h - 0.5;
const inside = (t, d) =>
    t.x >= -0.5 && t.y >= -0.5 && t.x + t.w <= d.width + 0.5 && t.y + t.h <= d.height + 0.5;

async function main() {
  const browser = await launch();
  const errors = [];
  try {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await ctx.newPage();
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    const chartOf = (name) => page.waitForFunction(drawn, node(name), T).then((h) => h.jsonValue());
    await page.goto(origin + "/charts.dashboard.main");
    const failed = [];
    const section = async (what, body) => {
      try { await body(); } catch (e) {
        if (!process.env.KEEP_GOING) throw e;
        failed.push(what + ": " + e.message.split("\n")[0]);
      }
    };

    // axis titles and a legend at the bottom (column chart): the x title below every x label and
    // above the legend, the y title left of every y label, all inside the canvas
    await section("axis titles and a bottom legend", async () => {
      const d = await chartOf("charts.chart.titled");
      const t = (s) => d.texts.filter((x) => x.text === s);
      const xTitle = t("Region of the instances")[0], yTitle = t("Instances")[0];
      check(xTitle && !xTitle.hidden, "the x axis title is drawn");
      check(yTitle && !yTitle.hidden, "the y axis title is drawn");
      check(
          inside(xTitle, d),
          "the x axis title inside the chart: " + JSON.stringify([xTitle, d.width, d.height]));
      check(inside(yTitle, d), "the y axis title inside the chart (not clipped): " + JSON.stringify(yTitle));
      want(Math.abs(yTitle.angle), 90, "the y axis title's rotation");
      const legend = d.texts.filter((x) => ["running", "stopped"].includes(x.text));
      want(legend.length, 2, "the legend's entries");
      const cats = [
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-south-1",
        "ap-southeast-2"
      ];
      const xLabels = d.texts.filter(
          (x) => cats.some(
              (c) => x.text === c || (x.text.endsWith("...") && c.startsWith(x.text.slice(0, -3)))));
      want(xLabels.length, 8, "the x labels drawn");
      const yLabels = d.texts.filter((x) => /^[0-9,]+$/.test(x.text) && !x.hidden);
      check(yLabels.length >= 3, "the y labels drawn: " + yLabels.length);
      for (const l of xLabels) {
        check(!overlap(l, xTitle), "the x title overlaps the label " + l.text);
        for (const e of legend)
          check(!overlap(l, e), "the legend (" + e.text + ") overlaps the label " + l.text);
      }
      for (const e of legend) {
        check(!overlap(e, xTitle), "the legend overlaps the x title");
        check(e.y > xTitle.y, "the legend at the bottom, below the x title");
        check(inside(e, d), "the legend inside the chart");
      }
      for (const l of yLabels)
        check(
            !overlap(l, yTitle) && yTitle.x + yTitle.w <= l.x + 0.5,
            "the y title left of the label " + l.text + ": " + JSON.stringify([yTitle, l]));
    });
    // a horizontal bar chart with its legend on the right: the legend right of the plot's labels and
    // bars, the titles inside and clear of the labels
    await section("a right legend", async () => {
      const d = await chartOf("charts.chart.bar_titled");
      const t = (s) => d.texts.find((x) => x.text === s);
      const xTitle = t("Objects"), yTitle = t("Bucket"), legend = ["public", "private"].map(t);
      check(xTitle && yTitle && legend.every(Boolean), "the bar chart's titles and legend are drawn");
      const labels = d.texts.filter((x) => !x.hidden && x !== xTitle && x !== yTitle && !legend.includes(x));
      for (const l of labels) {
        check(!overlap(l, xTitle) && !overlap(l, yTitle), "a bar chart title overlaps the label " + l.text);
        for (const e of legend)
          check(e.x > l.x + l.w, "the right legend (" + e.text + ") left of the label " + l.text);
      }
      for (const x of [xTitle, yTitle, ...legend]) check(inside(x, d), "inside the bar chart: " + x.text);
    });

    // heatmaps, as Powerpipe's: daily (one row), hourly (24 rows), its six pieces
    await section("heatmaps", async () => {
      const d = await chartOf("charts.chart.heat_daily");
      want(d.option.series.map((s) => s.type), ["heatmap"], "the daily heatmap's series");
      want(d.option.xAxis[0].data, ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"],
           "the daily heatmap's days");
      want(d.option.yAxis[0].data, ["Daily"], "the daily heatmap's rows");
      want(
          d.option.series[0].data,
          [
            ["2024-01-01", "Daily", 0], ["2024-01-02", "Daily", 10], ["2024-01-03", "Daily", 25],
            ["2024-01-04", "Daily", 40], ["2024-01-05", "Daily", 50]
          ],
          "its cells");
      // getCommonBaseOptionsForChartType's pieces for a largest count of 50: 0, 1-9, 10-19, 20-29, 30-39,
      // 40-50
      want(d.option.visualMap[0].pieces.map((p) => p.label), ["0", "1-9", "10-19", "20-29", "30-39", "40-50"],
           "the heatmap's pieces");
      const h = await chartOf("charts.chart.heat_hourly");
      want(h.option.yAxis[0].data.length, 24, "the hourly heatmap's rows");
      want(
          h.option.yAxis[0].data[0] + " " + h.option.yAxis[0].data[23], "00:00 23:00",
          "its first and last hour");
      want(h.option.xAxis[0].data, ["2024-01-01", "2024-01-02"], "the hourly heatmap's days");
      want(h.option.series[0].data, [["2024-01-01", "22:00", 1], ["2024-01-01", "23:00", 2],
           ["2024-01-02", "00:00", 3], ["2024-01-02", "01:00", 4]], "the hourly heatmap's cells");
    });

    // cards: a value never split inside a word
    await section("cards", async () => {
      const lines = (name) => page.waitForFunction((s) => {
        const v = document.querySelector(s + '[data-status="complete"] .card-value');
        if (!v || !v.textContent) return null;
        const words = [], walk = document.createTreeWalker(v, NodeFilter.SHOW_TEXT);
        for (let text = walk.nextNode(); text; text = walk.nextNode()) {
          const re = /\S+/g;
          let m;
          while ((m = re.exec(text.data))) {
            const r = document.createRange();
            r.setStart(text, m.index);
            r.setEnd(text, m.index + m[0].length);
            /* a word on one line has one line box: its rects all share one top */
            words.push([m[0], new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size]);
          }
        }
        const box = v.getBoundingClientRect(), card = v.closest(".card").getBoundingClientRect();
        return { words, inCard: box.right <= card.right + 0.5, width: card.width };
      }, node(name), T).then((h) => h.jsonValue());
      for (const [name, word] of [
               ["charts.card.word", "Disabled"], ["charts.card.long_word", "ap-southeast-2-extended"]]) {
        const r = await lines(name);
        want(r.words, [[word, 1]], name + "'s value on one line");
        check(r.inCard, name + "'s value inside its card");
      }
      const two = await lines("charts.card.two_words");
      want(two.words.map((w) => w[1]), [1, 1], "each word of a two-word value on one line");
    });

    // graphs: every node title shown, edge labels level, 12 px, at their edge's middle
    await section("graphs", async () => {
      const d = await chartOf("charts.graph.g");
      for (const title of ["administrators-group", "ReadOnlyAccessPolicy", "deploy-pipeline-policy",
                           "first-user-with-a-long-name", "second-user-with-a-long-name"]) {
        const t = d.texts.find((x) => x.text === title || x.whole === title ||
            (x.text.endsWith("...") && title.startsWith(x.text.slice(0, -3))));
        check(t && !t.hidden, "the node title " + title + " is shown");
      }
      const labels = d.texts.filter((x) => x.text === "attaches" || x.text === "has member" ||
                                           x.text === "has" || x.text === "member");
      check(
          labels.length >= 4 && labels.every((x) => !x.hidden),
          "every edge label is shown: " + labels.length);
      for (const l of labels) {
        want(l.angle, 0, "the edge label " + l.text + "'s angle");
        check(/\b12px\b/.test(l.font) && /italic/.test(l.font), "the edge label's font: " + l.font);
      }
      /* each link's middle has a label within 40 px of it */
      const byId = new Map(d.nodes.map((n, k) => [n.id, d.points[k]]));
      for (const { l } of d.links) {
        const a = byId.get(l.source), b = byId.get(l.target), mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
        const near = labels.some((x) => Math.hypot(x.x + x.w / 2 - mid[0], x.y + x.h / 2 - mid[1]) < 40);
        check(near, "a label at the middle of " + l.source + " -> " + l.target);
      }
      // the zoom buttons, Powerpipe's four, over no title
      const sel = node("charts.graph.g") + " .graph-controls button";
      const buttons = await page.$eval(node("charts.graph.g") + " .chart", (c) => {
        const at = c.getBoundingClientRect(), r = c.querySelector(".graph-controls").getBoundingClientRect();
        return { x: r.left - at.left, y: r.top - at.top, w: r.width, h: r.height };
      });
      for (const t of d.texts.filter((x) => !x.hidden))
        check(
            !overlap(t, buttons),
            "the zoom buttons over the title " + t.text + ": " + JSON.stringify([t, buttons]));
      want(
          await page.$$eval(sel, (bs) => bs.map((b) => b.title)),
          ["Zoom In", "Zoom Out", "Fit View", "Reset Layout"], "the graph's controls");
      const zoom = () => page.$eval(node("charts.graph.g") + " .chart", (c) =>
        window.echarts.getInstanceByDom(c).getOption().series[0].zoom || 1);
      const click = async (title) => {
        await page.hover(node("charts.graph.g") + " .chart");
        await page.click(sel + '[title="' + title + '"]');
      };
      await click("Zoom In");
      want(Math.round(await zoom() * 100), 120, "the zoom after Zoom In");
      await click("Zoom In");
      await click("Zoom Out");
      want(Math.round(await zoom() * 100), 120, "the zoom after Zoom In twice and Zoom Out");
      await click("Fit View");
      want(await zoom(), 1, "the zoom after Fit View");
      await click("Zoom Out");
      await click("Reset Layout");
      want(await zoom(), 1, "the zoom after Reset Layout");
      // the wheel scrolls the page, as Powerpipe's (zoomOnScroll false)
      want((await chartOf("charts.graph.g")).option.series[0].roam, "move", "the graph's roam");
    });

    // flows: links in their row's category's colour, columns by the rows' depths, labels inside and apart
    await section("flows", async () => {
      const d = await chartOf("charts.flow.egress");
      const css = await page.evaluate(() => ["alert", "ok"].map((k) =>
        getComputedStyle(document.documentElement).getPropertyValue("--" + k).trim()));
      const colours =
          d.option.series[0].links.map((l) => l.source + ">" + l.target + " " + l.lineStyle.color);
      want(
          colours.sort(),
          [
            "443/tcp>sg-1 " + css[1], "All Traffic>sg-1 " + css[0], "sg-1>i-1 target", "sg-1>i-2 target",
            "src_0.0.0.0/0>All Traffic " + css[0], "src_10.0.0.0/8>443/tcp " + css[1]
          ],
          "the flow's link colours (alert, ok, else the target's)");
      /* the rows' depths: 0 the instances (left), 3 the destinations (right) */
      const x = Object.fromEntries(d.nodes.map((n) => [n.id, Math.round(n.layout.x)]));
      check(x["i-1"] === x["i-2"] && x["i-1"] < x["sg-1"] && x["sg-1"] < x["All Traffic"] &&
            x["All Traffic"] === x["443/tcp"] && x["443/tcp"] < x["src_0.0.0.0/0"], "the flow's columns: " +
            JSON.stringify(x));
      const labels = d.texts.filter((t) => !t.hidden);
      want(labels.length, 7, "the flow's labels");
      for (const t of labels)
        check(inside(t, d), "the flow label " + t.text + " inside the chart: " + JSON.stringify(t));
      for (let a = 0; a < labels.length; a++)
        for (let b = a + 1; b < labels.length; b++)
          check(
              !overlap(labels[a], labels[b]),
              "the flow labels " + labels[a].text + " and " + labels[b].text + " overlap");
    });

    // the list column: a dashboard at the whole width (Powerpipe's), the list beside it only when
    // the header's button asks for it (a full-width panel narrower), kept after a reload; the home
    // page the list alone
    await section("the list column", async () => {
      const width = () => page.$eval(node("charts.flow.egress"), (n) => n.getBoundingClientRect().width);
      const before = await width();
      check(!(await page.isVisible("aside")), "the list hidden beside a dashboard at first");
      want(await page.getAttribute("#list-toggle", "aria-expanded"), "false", "the button's aria-expanded");
      await page.click("#list-toggle");
      await page.waitForSelector("aside", { state: "visible", timeout: 20000 });
      const after = await width();
      check(after < before - 250, "the panel narrower beside the list: " + before + " -> " + after);
      await page.reload();
      await chartOf("charts.flow.egress");
      check(await page.isVisible("aside"), "the list still shown after a reload");
      await page.click("#list-toggle");
      await page.waitForFunction(
          () => getComputedStyle(document.querySelector("aside")).display === "none", null, T);
      await page.goto(new URL("/", page.url()).href);
      await page.waitForSelector("aside li", T);
      const [listW, viewShown] = await page.evaluate(() => [document.querySelector("aside").clientWidth,
        getComputedStyle(document.getElementById("view")).display !== "none"]);
      check(listW > 1000 && !viewShown, "the home page: the list alone, " + listW + " px wide");
    });
    if (failed.length) throw new Error(failed.length + " sections failed:\n  " + failed.join("\n  "));
    check(!errors.length, "console errors: " + errors.join(" | "));
    console.log("page charts: ok");
  } finally {
    await browser.close();
  }
}

main().catch((e) => { console.error("FAIL: " + e.message); process.exit(1); });
