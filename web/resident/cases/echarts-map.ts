/**
 * The slice of ECharts the H5 maps use (the county outline and points on it), loaded only
 * when a map is shown, so the report page opens without it, and opens offline.
 */
import { init, registerMap, use } from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { countyGeo } from './county-geo';

use([ScatterChart, GeoComponent, TooltipComponent, CanvasRenderer]);

export const COUNTY_MAP = 'pingyin-county';
registerMap(COUNTY_MAP, countyGeo().geojson as unknown as Parameters<typeof registerMap>[1]);

export { init };
