import type { EChartsCoreOption } from 'echarts/core';
import { t } from '@lib/i18n';
import type { BoardRow } from '@common/contracts/case-desk';

/** Clock colours shared by the board's charts (dark enough against white for 3:1). */
export const CLOCK_COLOURS = { red: '#c0262d', yellow: '#c77800', green: '#2b8f44', paused: '#8a8f98' } as const;
const PARTS = ['red', 'yellow', 'green', 'paused'] as const;

const partName = (p: (typeof PARTS)[number]) => t(`cases.board.parts.${p}`);

/**
 * Open cases per row (unit or town) as stacked bars, red first so the overdue stand out.
 * Horizontal for units (long names), vertical for towns.
 */
export function stackedClockOption(rows: BoardRow[], horizontal: boolean): EChartsCoreOption {
  const names = rows.map((r) => r.name);
  // Town names are 3–4 characters; past six towns they no longer fit side by side, so they slant.
  const slant = !horizontal && names.length > 6 ? 35 : 0;
  const category = {
    type: 'category',
    data: horizontal ? [...names].reverse() : names,
    axisLabel: { color: '#1f2329', fontSize: 13, interval: 0, rotate: slant, width: horizontal ? 190 : 90, overflow: 'truncate' },
  };
  const value = { type: 'value', minInterval: 1, axisLabel: { color: '#1f2329' } };
  return {
    color: PARTS.map((p) => CLOCK_COLOURS[p]),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, textStyle: { color: '#1f2329', fontSize: 13 } },
    grid: horizontal
      ? { left: 8, right: 24, top: 36, bottom: 8, containLabel: true }
      : { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: PARTS.map((p) => ({
      type: 'bar',
      name: partName(p),
      stack: 'open',
      barMaxWidth: 28,
      emphasis: { focus: 'series' },
      data: (horizontal ? [...rows].reverse() : rows).map((r) => r[p]),
    })),
  };
}

/** The same figures as words, for the chart's accessible name. */
export function stackedSummary(title: string, rows: BoardRow[]): string {
  return `${title}：` + rows.map((r) => `${r.name} ${PARTS.map((p) => `${partName(p)}${r[p]}`).join('、')}`).join('；');
}
