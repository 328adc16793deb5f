import { describe, expect, it } from 'vitest';
import { hourlyBars } from './hourly';

describe('alarms by hour', () => {
  it('draws 24 bars, the current hour last, with the hours the server counted and none older', () => {
    const now = new Date('2026-12-05T09:40:00');
    const hour = (at: string) => new Date(at).toISOString();
    const bars = hourlyBars(
      [
        { hour: hour('2026-12-04T09:00:00'), count: 5 }, // a day ago: before the first bar
        { hour: hour('2026-12-04T10:00:00'), count: 1 },
        { hour: hour('2026-12-05T08:00:00'), count: 3 },
        { hour: hour('2026-12-05T09:00:00'), count: 2 },
      ],
      now,
    );
    expect(bars).toHaveLength(24);
    expect(bars[0]).toEqual({ hour: 10, count: 1 });
    expect(bars[22]).toEqual({ hour: 8, count: 3 });
    expect(bars[23]).toEqual({ hour: 9, count: 2 });
    expect(bars.reduce((n, b) => n + b.count, 0)).toBe(6);
  });
});
