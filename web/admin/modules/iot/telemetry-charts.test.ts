import { describe, expect, it } from 'vitest';
import { dayRange, numberOption, numberSummary, presetRange, timeLabel } from './telemetry-charts';

const field = {
  key: 'co',
  label: '一氧化碳',
  unit: 'ppm',
  type: 'number' as const,
  points: [
    { t: '2026-12-05T00:00:00.000Z', min: 4, max: 12, avg: 8, n: 3 },
    { t: '2026-12-05T01:00:00.000Z', min: 50, max: 70, avg: 60, n: 1 },
  ],
};
const labels = { avg: '平均', band: '最低~最高', share: '比例', last: '最后', readings: (n: number) => `${n} 条` };

describe('a device history chart', () => {
  it('reads a preset back from now, and whole Beijing days inclusive', () => {
    const now = new Date('2026-12-05T08:00:00Z');
    expect(presetRange('24h', now)).toEqual({ from: '2026-12-04T08:00:00.000Z', to: '2026-12-05T08:00:00.000Z' });
    expect(dayRange('2026-12-01', '2026-12-01')).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-01T16:00:00.000Z' });
    expect(dayRange('2026-12-02', '2026-12-01')).toBeNull();
  });

  it('labels the time axis as finely as the range needs', () => {
    const at = new Date(2026, 11, 5, 14, 5).getTime();
    expect(timeLabel(at, 86_400_000)).toBe('14:05');
    expect(timeLabel(at, 7 * 86_400_000)).toBe('12-05');
    expect(timeLabel(at, 365 * 86_400_000)).toBe('2026-12');
  });

  it('draws the band from lowest to highest under the mean, and says the figures in words', () => {
    const option = numberOption(field, [], { from: '2026-12-05T00:00:00Z', to: '2026-12-05T02:00:00Z' }, labels) as {
      series: { data: number[][] }[];
    };
    expect(option.series[0].data.map((d) => d[1])).toEqual([4, 50]);
    expect(option.series[1].data.map((d) => d[1])).toEqual([8, 20]);
    expect(option.series[2].data.map((d) => d[1])).toEqual([8, 60]);
    const words = numberSummary(field, { none: '无', summary: (f) => `${f.min}/${f.max}/${f.avg}/${f.n}` });
    expect(words).toBe('4 ppm/70 ppm/21 ppm/4');
  });
});
