/* Not loaded by the page: an entry point that has esbuild cut ECharts' core (and ZRender) into a
 * file of its own, away from the charts and components (build.sh). */
import { use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { GridComponent } from "echarts/components";

use([CanvasRenderer, GridComponent]);
export * from "echarts/core";
