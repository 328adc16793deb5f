/**
 * The ECharts pieces casework needs beyond ui/echarts.ts (line charts for the statistics, a
 * scatter on the county outline for the map), registered on the same echarts/core, so the
 * shared EChart component draws them too. The outline is the county's public GeoJSON (GCJ-02,
 * as the reported points are): there are no tiles and no finer boundaries, and none are drawn.
 */
import { use, init, registerMap } from 'echarts/core';
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GeoComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import countyOutline from '../../../../data/geo/370124-pingyin-county.geojson?raw';

use([
  BarChart,
  LineChart,
  PieChart,
  ScatterChart,
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  AriaComponent,
  CanvasRenderer,
]);

export const COUNTY_MAP = 'pingyin-county';
registerMap(COUNTY_MAP, JSON.parse(countyOutline));

export { init };
