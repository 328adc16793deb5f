import { describe, expect, it } from 'vitest';
import { outsideBounds, pickerValue } from './date-bounds';

describe('date picker bounds', () => {
  it('writes days and months as the API reads them', () => {
    expect(pickerValue(new Date(2026, 11, 5), 'date')).toBe('2026-12-05');
    expect(pickerValue(new Date(2026, 0, 31), 'month')).toBe('2026-01');
  });

  it('keeps min and max inclusive', () => {
    const disabled = outsideBounds('date', '2026-12-01', '2026-12-05');
    expect(disabled(new Date(2026, 10, 30))).toBe(true);
    expect(disabled(new Date(2026, 11, 1))).toBe(false);
    expect(disabled(new Date(2026, 11, 5))).toBe(false);
    expect(disabled(new Date(2026, 11, 6))).toBe(true);
  });

  it('compares a month panel by month, also against day bounds', () => {
    const disabled = outsideBounds('month', '2026-03-15', '2026-05-01');
    expect(disabled(new Date(2026, 1, 1))).toBe(true);
    expect(disabled(new Date(2026, 2, 1))).toBe(false);
    expect(disabled(new Date(2026, 4, 1))).toBe(false);
    expect(disabled(new Date(2026, 5, 1))).toBe(true);
  });

  it('limits an unbounded picker to the platform years', () => {
    const disabled = outsideBounds('date');
    expect(disabled(new Date(1899, 11, 31))).toBe(true);
    expect(disabled(new Date(1900, 0, 1))).toBe(false);
    expect(disabled(new Date(2100, 11, 31))).toBe(false);
    expect(disabled(new Date(2101, 0, 1))).toBe(true);
  });
});
