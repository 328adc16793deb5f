import { describe, expect, it } from 'vitest';
import { clockText } from './case-format';

/** The clock in words: working time says 工作日/工作小时, a calendar_hours case real 天/小时 (decision 037). */
describe('clockText', () => {
  const overdue = (days: number, hours: number, basis: 'working' | 'calendar') =>
    clockText('red', { state: 'overdue', percent: null, overdue: { days, hours, basis } });

  it('says working days and working hours for a working-time promise', () => {
    expect(overdue(3, 22, 'working')).toBe('已超时 3 个工作日');
    expect(overdue(0, 2, 'working')).toBe('已超时 2 个工作小时');
  });

  it('says real hours and days for a calendar_hours promise, never 工作小时', () => {
    expect(overdue(0, 2, 'calendar')).toBe('已超时 2 小时');
    expect(overdue(1, 30, 'calendar')).toBe('已超时 1 天');
  });

  it('says the share used the same way on either basis', () => {
    expect(clockText('yellow', { state: 'nearly_due', percent: 80, overdue: null })).toBe('即将超时 · 已用 80%');
  });
});
