import type { EChartsCoreOption } from 'echarts/core';
import { formatDateTime, formatDecimal, formatPercent } from '@lib/format';
import { formatValue } from '@common/iot/rules';
import type { TelemetrySeries } from '@common/contracts/iot-telemetry';
import type { DeviceEvents } from '@common/contracts/iot-health';

/**
 * A device's history as charts (TelemetryHistory.vue): the range a preset or two days stand for,
 * and each field's ECharts option drawn from the server's downsampled buckets — a number as its
 * mean with a band from lowest to highest, a yes/no field as the share of readings that were 是
 * with a marker where any was, the device's events as marked moments on every chart.
 */
export const RANGE_PRESETS = ['1h', '24h', '7d', '30d', '1y'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export interface TimeRange {
  from: string;
  to: string;
}

const HOUR = 3_600_000;
const PRESET_MS: Record<RangePreset, number> = {
  '1h': HOUR,
  '24h': 24 * HOUR,
  '7d': 7 * 24 * HOUR,
  '30d': 30 * 24 * HOUR,
  '1y': 365 * 24 * HOUR,
};

export function presetRange(preset: RangePreset, now: Date): TimeRange {
  return { from: new Date(now.getTime() - PRESET_MS[preset]).toISOString(), to: now.toISOString() };
}

/** Whole Beijing days, `fromDay` to `toDay` inclusive; null when they are not in order. */
export function dayRange(fromDay: string, toDay: string): TimeRange | null {
  const from = new Date(`${fromDay}T00:00:00+08:00`);
  const to = new Date(new Date(`${toDay}T00:00:00+08:00`).getTime() + 24 * HOUR);
  return from < to ? { from: from.toISOString(), to: to.toISOString() } : null;
}

type NumberField = Extract<TelemetrySeries['fields'][number], { type: 'number' }>;
type BooleanField = Extract<TelemetrySeries['fields'][number], { type: 'boolean' }>;
type Events = DeviceEvents['items'];

const pad = (n: number) => String(n).padStart(2, '0');
/** An axis label that says as much as the range needs: 14:05 within two days, 12-04 within a year's view. */
export function timeLabel(ms: number, spanMs: number): string {
  const d = new Date(ms);
  if (spanMs <= 2 * 24 * HOUR) return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (spanMs <= 60 * 24 * HOUR) return `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

const INK = '#1f2329';
const timeAxis = (range: TimeRange) => {
  const span = Date.parse(range.to) - Date.parse(range.from);
  return {
    type: 'time',
    min: Date.parse(range.from),
    max: Date.parse(range.to),
    axisLabel: { color: INK, hideOverlap: true, formatter: (v: number) => timeLabel(v, span) },
  };
};
const grid = { left: 8, right: 24, top: 36, bottom: 8, containLabel: true };

/** The events as vertical marks on a series, each named by its type's words. */
const eventMarks = (events: Events) =>
  events.length === 0
    ? undefined
    : {
        silent: false,
        symbol: ['none', 'none'],
        lineStyle: { color: '#b42318', type: 'dashed' },
        label: { formatter: '{b}', color: '#b42318', position: 'insideEndTop' },
        data: events.map((e) => ({ xAxis: Date.parse(e.ts), name: e.label })),
      };

export function numberOption(field: NumberField, events: Events, range: TimeRange, labels: BandLabels): EChartsCoreOption {
  const points = field.points.map((p) => ({ ...p, t: Date.parse(p.t) }));
  const unit = field.unit ?? '';
  const show = (v: number) => formatValue(v, unit);
  return {
    color: ['#1756b8'],
    animation: false,
    legend: { top: 0, textStyle: { color: INK, fontSize: 13 }, data: [labels.avg, labels.band] },
    grid,
    tooltip: {
      trigger: 'axis',
      formatter: (items: { dataIndex: number }[]) => {
        const p = points[items[0]?.dataIndex ?? -1];
        if (!p) return '';
        return `${formatDateTime(new Date(p.t))}<br/>${labels.avg} ${show(p.avg)}<br/>${labels.band} ${show(p.min)} ~ ${show(p.max)}<br/>${labels.readings(p.n)}`;
      },
    },
    xAxis: timeAxis(range),
    yAxis: {
      type: 'value',
      scale: true,
      name: unit,
      nameTextStyle: { color: INK },
      axisLabel: { color: INK, formatter: (v: number) => formatDecimal(v) },
    },
    series: [
      // The band: the lowest values, then (stacked on them, filled) the distance to the highest.
      { type: 'line', name: labels.band, stack: 'band', symbol: 'none', lineStyle: { opacity: 0 }, data: points.map((p) => [p.t, p.min]) },
      {
        type: 'line',
        name: labels.band,
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color: 'rgba(23, 86, 184, 0.18)' },
        data: points.map((p) => [p.t, p.max - p.min]),
      },
      {
        type: 'line',
        name: labels.avg,
        symbol: points.length < 60 ? 'circle' : 'none',
        lineStyle: { width: 2 },
        data: points.map((p) => [p.t, p.avg]),
        markLine: eventMarks(events),
      },
    ],
  };
}

export function booleanOption(field: BooleanField, events: Events, range: TimeRange, labels: BandLabels): EChartsCoreOption {
  const points = field.points.map((p) => ({ ...p, t: Date.parse(p.t) }));
  return {
    color: ['#b42318'],
    animation: false,
    grid,
    tooltip: {
      trigger: 'axis',
      formatter: (items: { dataIndex: number }[]) => {
        const p = points[items[0]?.dataIndex ?? -1];
        if (!p) return '';
        return `${formatDateTime(new Date(p.t))}<br/>${labels.share} ${formatPercent(p.trueShare)}<br/>${labels.last} ${formatValue(p.last)}<br/>${labels.readings(p.n)}`;
      },
    },
    xAxis: timeAxis(range),
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { color: INK, formatter: (v: number) => formatPercent(v) } },
    series: [
      {
        type: 'line',
        name: labels.share,
        step: 'end',
        symbol: 'none',
        areaStyle: { opacity: 0.15 },
        data: points.map((p) => [p.t, p.trueShare]),
        markLine: eventMarks(events),
      },
      // A marker wherever any reading was 是: a smoke alarm a minute long still shows on a year's chart.
      {
        type: 'scatter',
        name: labels.share,
        symbolSize: 9,
        data: points.filter((p) => p.trueShare > 0).map((p) => [p.t, p.trueShare]),
      },
    ],
  };
}

/** The chart's figures in words, for the figure's label (EChart.vue hides the canvas from assistive technology). */
export function numberSummary(
  field: NumberField,
  words: { none: string; summary: (f: { min: string; max: string; avg: string; n: number }) => string },
) {
  if (field.points.length === 0) return words.none;
  const min = Math.min(...field.points.map((p) => p.min));
  const max = Math.max(...field.points.map((p) => p.max));
  const n = field.points.reduce((sum, p) => sum + p.n, 0);
  const avg = field.points.reduce((sum, p) => sum + p.avg * p.n, 0) / n;
  const unit = field.unit ?? '';
  return words.summary({ min: formatValue(min, unit), max: formatValue(max, unit), avg: formatValue(avg, unit), n });
}

export interface BandLabels {
  avg: string;
  band: string;
  share: string;
  last: string;
  readings: (n: number) => string;
}
