/* The ECharts the built-in page uses, and nothing else: the chart types and components its options
 * name (src/server/page/logic/chart.js, graph.js), drawn on canvas.  build.sh bundles it. */
import { use } from "echarts/core";
import { BarChart, LineChart, PieChart, HeatmapChart, GraphChart, SankeyChart, TreeChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent, VisualMapPiecewiseComponent } from "echarts/components";
import { LabelLayout } from "echarts/features";
import { CanvasRenderer } from "echarts/renderers";

use([BarChart, LineChart, PieChart, HeatmapChart, GraphChart, SankeyChart, TreeChart, GridComponent,
     LegendComponent, TooltipComponent, VisualMapPiecewiseComponent, LabelLayout, CanvasRenderer]);

export * from "echarts/core";
