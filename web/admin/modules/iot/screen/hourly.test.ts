import { describe, expect, it } from 'vitest';
import { hourlyCounts } from './hourly';

describe('alarms by hour', () => {
  it('counts the last 24 hours, the current hour last, and leaves older ones out', () => {
    const now = new Date('2026-12-05T09:40:00');
    const bars = hourlyCounts(
      [
        new Date('2026-12-05T09:05:00'),
        new Date('2026-12-05T09:39:59'),
        new Date('2026-12-05T08:59:00'),
        new Date('2026-12-04T10:00:00'),
        new Date('2026-12-04T09:59:00'),
      ].map((d) => d.toISOString()),
      now,
    );
    expect(bars).toHaveLength(24);
    expect(bars[23]).toEqual({ hour: 9, count: 2 });
    expect(bars[22]).toEqual({ hour: 8, count: 1 });
    expect(bars[0]).toEqual({ hour: 10, count: 1 });
    expect(bars.reduce((n, b) => n + b.count, 0)).toBe(4);
  });
});
