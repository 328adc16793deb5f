import type { EChartsCoreOption } from 'echarts/core';
import { t } from '@lib/i18n';
import type { TownProgress } from '@common/contracts/abandoned-vehicles';

/** Colours for the outcome parts (3:1 against white): dealt with in greens, still open in grey-red. */
const PARTS = [
  { key: 'selfCleared', colour: '#2b8f44' },
  { key: 'disposed', colour: '#1f6fb2' },
  { key: 'pending', colour: '#c0262d' },
] as const;

/** Vehicles found per town as stacked bars: self-cleared, disposed, still pending. */
export function townStackOption(rows: TownProgress[]): EChartsCoreOption {
  const names = rows.map((r) => r.name);
  return {
    color: PARTS.map((p) => p.colour),
    aria: { enabled: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: { color: '#1f2329', fontSize: 13 } },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: names, axisLabel: { color: '#1f2329', fontSize: 13, interval: 0, rotate: names.length > 6 ? 35 : 0 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#1f2329' } },
    series: PARTS.map((p) => ({
      name: t(`av.measure.${p.key}`),
      type: 'bar',
      stack: 'vehicles',
      barMaxWidth: 36,
      data: rows.map((r) => r[p.key]),
    })),
  };
}
