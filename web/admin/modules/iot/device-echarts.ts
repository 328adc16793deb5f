/**
 * The ECharts pieces a device's history and 设备健康 need beyond ui/echarts.ts: lines with a
 * min–max band, event markers as a scatter, registered on the same echarts/core so the shared
 * EChart component draws them.
 */
import { use, init } from 'echarts/core';
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  PieChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  AriaComponent,
  CanvasRenderer,
]);

export { init };
