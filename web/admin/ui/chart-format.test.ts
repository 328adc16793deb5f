import { describe, expect, it } from 'vitest';
import { fromTemplate, withNumberFormat } from './chart-format';

type Fn = (v: unknown) => string;

describe('chart figures', () => {
  it('formats {c} and {d} of a label template, keeps {a} and {b}', () => {
    const f = fromTemplate('{a}·{b}：{c}（{d}%）');
    expect(f({ seriesName: '来源', name: '开放接口', value: 12345, percent: 33.333 })).toBe('来源·开放接口：12,345（33.33%）');
  });

  it('gives tooltips and value axes the grouped format, leaves category axes and own formatters', () => {
    const own = (v: number) => `${v} 件`;
    const o: Record<string, unknown> = withNumberFormat({
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: ['a'] },
      yAxis: [
        { type: 'value', axisLabel: { color: '#000' } },
        { type: 'value', axisLabel: { formatter: own } },
      ],
      series: [{ type: 'pie', label: { formatter: '{b}\n{c}' } }, { type: 'bar' }, { type: 'bar', label: { show: true } }],
    });
    expect((o.tooltip as { valueFormatter: Fn }).valueFormatter(1234567)).toBe('1,234,567');
    expect(o.xAxis).toEqual({ type: 'category', data: ['a'] });
    const [first, second] = o.yAxis as { axisLabel: { color?: string; formatter: Fn } }[];
    expect(first.axisLabel.color).toBe('#000');
    expect(first.axisLabel.formatter(20000)).toBe('20,000');
    expect(second.axisLabel.formatter).toBe(own);
    const [pie, bar, labelled] = o.series as { label?: { show?: boolean; formatter: Fn } }[];
    expect(pie.label!.formatter({ name: '居民上报', value: 4321 } as never)).toBe('居民上报\n4,321');
    expect(bar).toEqual({ type: 'bar' });
    expect(labelled.label!.show).toBe(true);
    expect(labelled.label!.formatter({ value: 12000 } as never)).toBe('12,000');
  });

  it('turns a string tooltip template into a formatting function', () => {
    const o: Record<string, unknown> = withNumberFormat({ tooltip: { trigger: 'item', formatter: '{b}：{c}' } });
    expect((o.tooltip as { formatter: Fn }).formatter({ name: '网格巡查', value: 1000 })).toBe('网格巡查：1,000');
  });
});
