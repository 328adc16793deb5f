import { describe, expect, it } from 'vitest';
import { formatDecimal, formatNumber, formatPercent } from './format';

describe('figures, written one way (zh-CN)', () => {
  it('groups thousands in counts and decimals', () => {
    expect(formatNumber(12345)).toBe('12,345');
    expect(formatDecimal(1234.567)).toBe('1,234.57');
    expect(formatNumber(null)).toBe('—');
  });

  it('writes a share as a percentage with one decimal', () => {
    expect(formatPercent(0.873)).toBe('87.3%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(12.3456)).toBe('1,234.6%');
    expect(formatPercent(undefined)).toBe('—');
  });
});
