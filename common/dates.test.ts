import { describe, expect, it } from 'vitest';
import { isIsoDay } from './dates.js';

describe('isIsoDay', () => {
  it('takes days that exist', () => {
    for (const day of ['2023-01-01', '2024-02-29', '2000-02-29', '2023-12-31', '1900-01-01', '2100-12-31', '2023-04-30'])
      expect(isIsoDay(day), day).toBe(true);
  });
  it('refuses days that do not, other formats and years outside the platform’s', () => {
    for (const day of [
      '2023-02-30',
      '2023-02-29',
      '1900-02-29',
      '2100-02-29',
      '2023-04-31',
      '2023-13-01',
      '2023-00-10',
      '2023-01-00',
      '0000-01-01',
      '1899-12-31',
      '2101-01-01',
      '2023-1-01',
      '2023/01/01',
      '20230101',
      '2023-01-01T00:00',
      ' 2023-01-01',
      '',
    ]) {
      expect(isIsoDay(day), day).toBe(false);
    }
    expect(isIsoDay(20230101)).toBe(false);
    expect(isIsoDay(null)).toBe(false);
  });
});
