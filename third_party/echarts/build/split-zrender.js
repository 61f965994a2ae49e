/* Not loaded by the page: an entry point that has esbuild cut ZRender into a file of its own, away
 * from ECharts' core (build.sh). */
export * from "zrender/lib/zrender.js";
export { default as CanvasPainter } from "zrender/lib/canvas/Painter.js";
export * as util from "zrender/lib/core/util.js";
export * as graphic from "zrender/lib/export.js";
