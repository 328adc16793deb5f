import { formatDecimal, formatNumber } from '@lib/format';

/**
 * Figures in charts written as everywhere else (12,345, lib/format.ts), without each page saying
 * so: EChart.vue passes every option through withNumberFormat. ECharts would print 12345.
 */
type Obj = Record<string, unknown>;
interface ItemParams {
  seriesName?: string;
  name?: string;
  value?: unknown;
  percent?: number;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A data value: a count is formatted, a [x, y] pair shows its last figure, anything else as it is. */
function showValue(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (Array.isArray(value)) return showValue(value[value.length - 1]);
  return value === null || value === undefined ? '' : String(value);
}

/** ECharts' string template ('{b}：{c}（{d}%）') as a function that formats {c} and {d}. */
export function fromTemplate(template: string): (params: ItemParams) => string {
  return (p) =>
    template.replace(/\{([abcd])\}/g, (_, key: string) => {
      if (key === 'a') return p.seriesName ?? '';
      if (key === 'b') return p.name ?? '';
      if (key === 'c') return showValue(p.value);
      return p.percent === undefined ? '' : formatDecimal(p.percent);
    });
}

function withTemplate<T>(part: T): T {
  if (!isObj(part) || typeof part.formatter !== 'string' || !/\{[cd]\}/.test(part.formatter)) return part;
  return { ...part, formatter: fromTemplate(part.formatter) };
}

function tooltip(part: unknown): unknown {
  if (!isObj(part)) return part;
  if (part.formatter || part.valueFormatter) return withTemplate(part);
  return { ...part, valueFormatter: showValue };
}

function axis(part: unknown): unknown {
  if (Array.isArray(part)) return part.map(axis);
  if (!isObj(part) || part.type !== 'value') return part;
  const label = isObj(part.axisLabel) ? part.axisLabel : {};
  return label.formatter ? part : { ...part, axisLabel: { ...label, formatter: (v: number) => formatNumber(v) } };
}

/** A series label: its template formatted, or, with none, the value formatted (ECharts' default prints it raw). */
function label(part: Obj): Obj {
  return part.formatter ? withTemplate(part) : { ...part, formatter: (p: ItemParams) => showValue(p.value) };
}

function series(part: unknown): unknown {
  if (!Array.isArray(part)) return part;
  return part.map((s) => (isObj(s) && isObj(s.label) ? { ...s, label: label(s.label) } : s));
}

/** The option with its tooltips, value axes and label templates formatting their figures; what the page set itself is kept. */
export function withNumberFormat<T extends object>(option: T): T {
  const o = option as Obj;
  return {
    ...o,
    ...(o.tooltip ? { tooltip: tooltip(o.tooltip) } : {}),
    ...(o.xAxis ? { xAxis: axis(o.xAxis) } : {}),
    ...(o.yAxis ? { yAxis: axis(o.yAxis) } : {}),
    ...(o.series ? { series: series(o.series) } : {}),
  } as T;
}
