/* The page's ECharts (entry.js) as window.echarts, as ECharts' full build sets it. */
import * as echarts from "./entry.js";

window.echarts = echarts;
