import { describe, expect, it } from 'vitest';
import { readClock, type ClockFacts } from './case-clock.js';

/** A running case with a promise of three working days (3 × 420 working minutes), `share` of it used. */
const DAY = 420;
const ALLOWED = 3 * DAY;
const running = (share: number, extra: Partial<ClockFacts> = {}): ClockFacts => ({
  open: true,
  paused: false,
  pastDeadline: share * ALLOWED - ALLOWED,
  promise: { allowed: ALLOWED, used: share * ALLOWED },
  basis: 'working',
  dayMinutes: DAY,
  ...extra,
});

describe('readClock: colour, words and percentage from one rule', () => {
  it('is green at 79 % and says so', () => {
    expect(readClock(running(0.79))).toEqual({ colour: 'green', state: 'on_time', percent: 79, overdue: null });
  });

  it('turns yellow at 80 %, not before (a case at 75 % is not 即将超时)', () => {
    expect(readClock(running(0.8))).toEqual({ colour: 'yellow', state: 'nearly_due', percent: 80, overdue: null });
    expect(readClock(running(0.75)).colour).toBe('green');
    // 79.99 % shows 79 and is green: the figure never reaches 80 before the colour does.
    expect(readClock(running(0.7999, { promise: { allowed: 10_000, used: 7_999 }, pastDeadline: -2_001 }))).toMatchObject({
      colour: 'green',
      percent: 79,
    });
  });

  it('is red at 100 %, with no percentage', () => {
    expect(readClock(running(1))).toEqual({
      colour: 'red',
      state: 'overdue',
      percent: null,
      overdue: { days: 0, hours: 1, basis: 'working' },
    });
  });

  it('says how many working days late at 185 %, never 即将超时 · 已用185%', () => {
    // 0.85 × 1260 = 1071 working minutes late: two working days and a half.
    expect(readClock(running(1.85))).toEqual({
      colour: 'red',
      state: 'overdue',
      percent: null,
      overdue: { days: 2, hours: 18, basis: 'working' },
    });
  });

  it('is red when the promise is broken though the current step still has time', () => {
    const reading = readClock(running(1.85, { pastDeadline: -60 }));
    expect(reading.colour).toBe('red');
    expect(reading.overdue?.days).toBe(2);
  });

  it('says 已超时 N 个工作日 at 12399 %, never 已用12399%', () => {
    // A two-hour promise 12399 % used: 246 working hours late, 35 working days.
    const reading = readClock({
      open: true,
      paused: false,
      pastDeadline: 14_758,
      promise: { allowed: 120, used: 14_878 },
      basis: 'working',
      dayMinutes: DAY,
    });
    expect(reading).toEqual({ colour: 'red', state: 'overdue', percent: null, overdue: { days: 35, hours: 246, basis: 'working' } });
  });

  it('is red past a step limit with no promise running (核查 late), green before it', () => {
    expect(readClock({ open: true, paused: false, pastDeadline: 30, promise: null, basis: 'working', dayMinutes: DAY })).toMatchObject({
      colour: 'red',
      overdue: { days: 0, hours: 1, basis: 'working' },
    });
    expect(readClock({ open: true, paused: false, pastDeadline: -30, promise: null, basis: 'working', dayMinutes: DAY })).toEqual({
      colour: 'green',
      state: 'on_time',
      percent: null,
      overdue: null,
    });
  });

  it('stops for a suspended case and for one that is over', () => {
    expect(readClock(running(1.5, { paused: true }))).toMatchObject({ colour: 'none', state: 'paused', percent: null });
    expect(readClock(running(0.5, { open: false }))).toMatchObject({ colour: 'none', state: 'stopped' });
    expect(readClock({ open: true, paused: false, pastDeadline: null, promise: null, basis: 'working', dayMinutes: DAY }).state).toBe(
      'stopped',
    );
  });

  it('reads a calendar_hours promise in real minutes: 小时, not 工作小时 (decision 037)', () => {
    // A fire's one real hour: 48 minutes used is 80 %, yellow; 30 minutes is half, green.
    const hour = (used: number): ClockFacts => ({
      open: true,
      paused: false,
      pastDeadline: used - 60,
      promise: { allowed: 60, used },
      basis: 'calendar',
      dayMinutes: 24 * 60,
    });
    expect(readClock(hour(30))).toEqual({ colour: 'green', state: 'on_time', percent: 50, overdue: null });
    expect(readClock(hour(48))).toEqual({ colour: 'yellow', state: 'nearly_due', percent: 80, overdue: null });
    // Two real hours late on a Saturday night: 2 小时, and a day counts 24 hours, not 7.
    expect(readClock(hour(180)).overdue).toEqual({ days: 0, hours: 2, basis: 'calendar' });
    expect(readClock(hour(60 + 30 * 60)).overdue).toEqual({ days: 1, hours: 30, basis: 'calendar' });
  });
});
