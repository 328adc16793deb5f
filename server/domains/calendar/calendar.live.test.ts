import { describe, expect, it } from 'vitest';
import type { Listen } from '../../platform/db/broadcast.js';
import { manualClock } from '../../platform/clock.js';
import { CALENDAR_CHANNEL, type CalendarRepository } from './calendar.repository.js';
import { startLiveCalendar } from './calendar.live.js';
import { calendarOverrides, setCalendarDay } from './calendar.service.js';

/**
 * The process's calendar and its reload, with a fake listener for Database.listen and fake days
 * for the repository: what another process's change does to the deadlines this one computes.
 */
type Day = { day: string; kind: 'workday' | 'holiday'; note: string | null };

function fakeWorld() {
  const stored: Day[] = [];
  const handlers = new Set<(payload: string | null) => void>();
  const channels: string[] = [];
  const listen: Listen = async (channel, onMessage) => {
    channels.push(channel);
    handlers.add(onMessage);
    return async () => {
      handlers.delete(onMessage);
    };
  };
  const days = { overrides: async () => stored.map((d) => ({ ...d })) };
  return { stored, listen, days, channels, heard: (payload: string | null = '') => handlers.forEach((h) => h(payload)) };
}
const flush = () => new Promise((r) => setTimeout(r, 0));
// Monday 30 November 2026, 10:00 in Pingyin; two working hours later is noon the same day.
const monday10 = new Date('2026-11-30T02:00:00Z');

describe('the live calendar', () => {
  it('counts with a day another process made a holiday once the announcement arrives, not before', async () => {
    const w = fakeWorld();
    const live = await startLiveCalendar({ days: w.days, listen: w.listen });
    expect(w.channels).toEqual([CALENDAR_CHANNEL]);
    expect(live.current().addWorkingHours(monday10, 2).toISOString()).toBe('2026-11-30T04:00:00.000Z');

    // Another process writes the day and announces it at commit.
    w.stored.push({ day: '2026-11-30', kind: 'holiday', note: '本地停工' });
    expect(live.current().isWorkingDay('2026-11-30')).toBe(true);
    w.heard();
    await flush();
    expect(live.current().isWorkingDay('2026-11-30')).toBe(false);
    // Two working hours from a holiday morning end at 11:00 on Tuesday.
    expect(live.current().addWorkingHours(monday10, 2).toISOString()).toBe('2026-12-01T03:00:00.000Z');
  });

  it('reloads when its listening connection comes back, for a change it may have missed while it was down', async () => {
    const w = fakeWorld();
    const live = await startLiveCalendar({ days: w.days, listen: w.listen });
    w.stored.push({ day: '2026-12-05', kind: 'workday', note: '调休' });
    w.heard(null);
    await flush();
    expect(live.current().isWorkingDay('2026-12-05')).toBe(true);
    await live.stop();
  });
});

describe('a change of a day', () => {
  it('is written and announced in one transaction, then read back by this process before it answers', async () => {
    const steps: string[] = [];
    const inTransaction = {
      setOverride: async (day: string, kind: string, note: string | null) => {
        steps.push(`set ${day} ${kind} ${note}`);
      },
      announceChange: async () => {
        steps.push('announce');
      },
    } as unknown as CalendarRepository;
    await setCalendarDay(
      {
        transaction: async (fn) => {
          steps.push('begin');
          const r = await fn(inTransaction);
          steps.push('commit');
          return r;
        },
        calendar: {
          current: () => {
            throw new Error('unused');
          },
          reload: async () => {
            steps.push('reload');
            return undefined as never;
          },
        },
      },
      '2027-10-08',
      { kind: 'holiday' },
    );
    expect(steps).toEqual(['begin', 'set 2027-10-08 holiday null', 'announce', 'commit', 'reload']);
  });

  it("lists the administrators' days and whether last year to next year are known", async () => {
    const w = fakeWorld();
    w.stored.push({ day: '2026-11-30', kind: 'holiday', note: null });
    const live = await startLiveCalendar({ days: w.days, listen: w.listen });
    const page = await calendarOverrides({
      days: w.days as unknown as CalendarRepository,
      calendar: live,
      clock: manualClock('2026-06-01T10:00:00+08:00'),
    });
    expect(page.items).toEqual([{ day: '2026-11-30', kind: 'holiday', note: null }]);
    expect(page.years).toEqual([
      { year: 2025, known: true },
      { year: 2026, known: true },
      { year: 2027, known: false },
    ]);
  });
});
