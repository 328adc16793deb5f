import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OFFICE_HOURS, localDateOf, WorkingCalendar, type SlaUnit } from './working-calendar.js';

// Instants are written in Beijing time and read back through Intl, an oracle independent of the
// offset arithmetic under test, so the suite means the same under any TZ.
const at = (beijing: string) => new Date(`${beijing}+08:00`);
const beijingFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const beijing = (instant: Date) => beijingFormat.format(instant);

function expectRangeError(act: () => unknown, message: RegExp) {
  let thrown: unknown;
  try {
    act();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(RangeError);
  expect((thrown as Error).message).toMatch(message);
}

const calendar = new WorkingCalendar();

describe('isWorkingDay against the official arrangements in chinese-days', () => {
  it('2024 劳动节: May 1–5 off, make-up work on Sunday 04-28 and Saturday 05-11', () => {
    for (const date of ['2024-05-01', '2024-05-02', '2024-05-03', '2024-05-04', '2024-05-05']) {
      expect(calendar.isWorkingDay(date), date).toBe(false);
    }
    expect(calendar.isWorkingDay('2024-04-28')).toBe(true);
    expect(calendar.isWorkingDay('2024-05-11')).toBe(true);
    expect(calendar.isWorkingDay('2024-04-27')).toBe(false); // an ordinary Saturday
    expect(calendar.isWorkingDay('2024-05-06')).toBe(true);
  });

  it('2025 春节: Jan 28–Feb 4 off, make-up work on Sunday 01-26 and Saturday 02-08', () => {
    expect(calendar.isWorkingDay('2025-01-26')).toBe(true);
    expect(calendar.isWorkingDay('2025-01-27')).toBe(true);
    for (let d = 28; d <= 31; d++) expect(calendar.isWorkingDay(`2025-01-${d}`)).toBe(false);
    for (let d = 1; d <= 4; d++) expect(calendar.isWorkingDay(`2025-02-0${d}`)).toBe(false);
    expect(calendar.isWorkingDay('2025-02-05')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-08')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-09')).toBe(false);
  });

  it('2025 国庆 and 中秋 together: Oct 1–8 off, make-up work on Sunday 09-28 and Saturday 10-11', () => {
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true);
    for (let d = 1; d <= 8; d++) expect(calendar.isWorkingDay(`2025-10-0${d}`)).toBe(false);
    expect(calendar.isWorkingDay('2025-10-09')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-12')).toBe(false);
  });

  it('2026 元旦: Jan 1–3 off, make-up work on Sunday 01-04', () => {
    expect(['2026-01-01', '2026-01-02', '2026-01-03'].map((d) => calendar.isWorkingDay(d))).toEqual([false, false, false]);
    expect(calendar.isWorkingDay('2026-01-04')).toBe(true);
  });

  it('follows the per-year files of chinese-days on every day of 2024–2026', () => {
    // Not chinese-days' isWorkday(): 1.5.7 builds its tables when imported, in the machine's
    // zone, and west of UTC they are a day early (2024-04-30 off, Sunday 04-28 not worked).
    const require = createRequire(import.meta.url);
    for (const year of [2024, 2025, 2026]) {
      const official = require(`chinese-days/dist/years/${year}.json`) as { holidays: object; workdays: object };
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
        const date = new Date(t).toISOString().slice(0, 10);
        const weekday = new Date(t).getUTCDay();
        const expected = date in official.workdays || (!(date in official.holidays) && weekday !== 0 && weekday !== 6);
        expect(calendar.isWorkingDay(date), date).toBe(expected);
      }
    }
  });
});

describe('festivalOf', () => {
  it('names the festival of a holiday and of a 调休 day worked for it, and nothing else', () => {
    const calendar = new WorkingCalendar({ overrides: [{ date: '2024-10-07', kind: 'workday' }] });
    expect(calendar.festivalOf('2024-10-01')).toBe('国庆节');
    expect(calendar.festivalOf('2024-09-29')).toBe('国庆节'); // 调休: a Sunday worked
    expect(calendar.festivalOf('2024-10-08')).toBeNull();
    // The administrators' override wins, and is not the festival's any more.
    expect(calendar.festivalOf('2024-10-07')).toBeNull();
  });
});

describe('knowsYear', () => {
  it('covers 2004–2026 from chinese-days 1.5.7 and nothing else', () => {
    expect(calendar.knowsYear(2003)).toBe(false);
    for (let year = 2004; year <= 2026; year++) expect(calendar.knowsYear(year), String(year)).toBe(true);
    expect(calendar.knowsYear(2027)).toBe(false);
  });

  it('counts a year an administrator has entered overrides for', () => {
    const withOverride = new WorkingCalendar({ overrides: [{ date: '2027-01-01', kind: 'holiday' }] });
    expect(withOverride.knowsYear(2027)).toBe(true);
    expect(withOverride.knowsYear(2028)).toBe(false);
  });
});

describe('working hours', () => {
  it('a case reported Friday 16:30 with a 1-working-hour limit is due Monday 09:30', () => {
    const due = calendar.deadline(at('2024-03-15T16:30'), 1, 'working_hours');
    expect(due.toISOString()).toBe('2024-03-18T01:30:00.000Z');
  });

  it('reported during lunch, the clock starts at 13:00', () => {
    expect(beijing(calendar.addWorkingHours(at('2024-03-12T12:30'), 1))).toBe('2024-03-12 14:00');
    expect(calendar.workingMinutesBetween(at('2024-03-12T12:30'), at('2024-03-12T13:30'))).toBe(30);
  });

  it('reported in the evening, the clock starts next morning', () => {
    expect(beijing(calendar.addWorkingHours(at('2024-03-12T20:00'), 2))).toBe('2024-03-13 11:00');
    expect(beijing(calendar.addWorkingHours(at('2024-03-13T07:00'), 2))).toBe('2024-03-13 11:00');
  });

  it('a limit that ends exactly at a closing time ends then, not at the next opening', () => {
    expect(beijing(calendar.addWorkingHours(at('2024-03-12T11:00'), 1))).toBe('2024-03-12 12:00');
    expect(beijing(calendar.addWorkingHours(at('2024-03-15T16:00'), 1))).toBe('2024-03-15 17:00');
  });

  it('0 minutes moves the start to the next working instant', () => {
    expect(beijing(calendar.addWorkingMinutes(at('2024-03-12T10:15'), 0))).toBe('2024-03-12 10:15');
    expect(beijing(calendar.addWorkingMinutes(at('2024-03-12T12:00'), 0))).toBe('2024-03-12 13:00');
    expect(beijing(calendar.addWorkingMinutes(at('2024-03-15T17:00'), 0))).toBe('2024-03-18 09:00');
  });

  it('skips 春节 2025: 2 hours from 16:00 on the last day before it end at 10:00 on Feb 5', () => {
    expect(beijing(calendar.addWorkingHours(at('2025-01-27T16:00'), 2))).toBe('2025-02-05 10:00');
  });

  it('accepts fractional amounts and keeps seconds', () => {
    expect(beijing(calendar.addWorkingHours(at('2024-03-12T09:00'), 1.5))).toBe('2024-03-12 10:30');
    expect(calendar.addWorkingMinutes(at('2024-03-12T09:00:30'), 1).toISOString()).toBe('2024-03-12T01:01:30.000Z');
    expect(calendar.workingMinutesBetween(at('2024-03-12T09:00:30'), at('2024-03-12T10:00'))).toBe(59.5);
  });
});

describe('working days (期限开始之日不计算在内)', () => {
  it('3 working days from the day before 国庆 2025 land after it, on make-up Saturday 10-11', () => {
    const due = calendar.deadline(at('2025-09-30T10:00'), 3, 'working_days');
    expect(beijing(due)).toBe('2025-10-11 17:00');
  });

  it('2024 劳动节: 3 days from Apr 30 end May 8; 6 days end on make-up Saturday May 11', () => {
    expect(beijing(calendar.addWorkingDays(at('2024-04-30T10:00'), 3))).toBe('2024-05-08 17:00');
    expect(beijing(calendar.addWorkingDays(at('2024-04-30T10:00'), 6))).toBe('2024-05-11 17:00');
    expect(beijing(calendar.addWorkingDays(at('2024-04-26T16:59'), 1))).toBe('2024-04-28 17:00');
  });

  it('does not count the start day, even when reported at opening time', () => {
    expect(beijing(calendar.addWorkingDays(at('2024-03-11T09:00'), 1))).toBe('2024-03-12 17:00');
    expect(beijing(calendar.addWorkingDays(at('2024-03-16T10:00'), 1))).toBe('2024-03-18 17:00'); // reported Saturday
  });

  it('0 days is the close of the start day, or of the next working day', () => {
    expect(beijing(calendar.addWorkingDays(at('2024-03-11T10:00'), 0))).toBe('2024-03-11 17:00');
    expect(beijing(calendar.addWorkingDays(at('2024-05-01T10:00'), 0))).toBe('2024-05-06 17:00');
  });

  it('30 working days from Monday opening equal 30 × 7 working hours counted from that opening', () => {
    const start = at('2024-03-11T09:00');
    const byDays = calendar.addWorkingDays(start, 29); // the start day is the first of the 30 hour-days
    expect(calendar.addWorkingMinutes(start, 30 * 7 * 60)).toEqual(byDays);
    expect(beijing(calendar.addWorkingDays(start, 30))).toBe('2024-04-23 17:00'); // 清明 Apr 4–6 skipped, Apr 7 worked
  });
});

describe('workingMinutesBetween', () => {
  it('counts only the working days of the 劳动节 2024 week', () => {
    // Sun 04-28 (make-up), Mon 04-29, Tue 04-30 are worked; May 1–5 are not.
    expect(calendar.workingMinutesBetween(at('2024-04-28T00:00'), at('2024-05-06T00:00'))).toBe(3 * 420);
    expect(calendar.workingMinutesBetween(at('2024-05-01T00:00'), at('2024-05-06T09:30'))).toBe(30);
  });

  it('counts 国庆 2025 fortnight: 5 working days out of 14', () => {
    expect(calendar.workingMinutesBetween(at('2025-09-29T00:00'), at('2025-10-13T00:00'))).toBe(5 * 420);
  });

  it('is 0 when to is not after from', () => {
    expect(calendar.workingMinutesBetween(at('2024-03-12T11:00'), at('2024-03-12T10:00'))).toBe(0);
    expect(calendar.workingMinutesBetween(at('2024-03-12T11:00'), at('2024-03-12T11:00'))).toBe(0);
  });

  it('measures back exactly what addWorkingMinutes added, for any start', () => {
    let seed = 20240501; // Park–Miller, so a failure reproduces
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let i = 0; i < 500; i++) {
      const start = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 3 * 365 * 1440) * 60_000);
      const minutes = Math.floor(random() * 30 * 420);
      const end = calendar.addWorkingMinutes(start, minutes);
      expect(calendar.workingMinutesBetween(start, end), `${start.toISOString()} + ${minutes}`).toBe(minutes);
    }
  });

  it('takes well under 1 ms across a year', () => {
    const from = at('2025-01-01T00:00');
    const to = at('2026-01-01T00:00');
    // 2025: 261 weekdays, 18 of them holidays, 5 make-up weekend days worked.
    expect(calendar.workingMinutesBetween(from, to)).toBe((261 - 18 + 5) * 420);
    const runs = 200;
    const began = performance.now();
    for (let i = 0; i < runs; i++) calendar.workingMinutesBetween(from, to);
    expect((performance.now() - began) / runs).toBeLessThan(1);
  });
});

describe('warnAt', () => {
  it('80% of a 10-working-hour limit from Monday 09:00 is Tuesday 10:00', () => {
    const start = at('2024-03-11T09:00');
    const due = calendar.deadline(start, 10, 'working_hours');
    expect(beijing(due)).toBe('2024-03-12 12:00');
    expect(beijing(calendar.warnAt(start, due, 0.8, 'working'))).toBe('2024-03-12 10:00');
    expect(calendar.warnAt(start, due, 1, 'working')).toEqual(due);
  });

  it('80% of a 3-working-day limit across 国庆 2025 falls after the holiday', () => {
    const start = at('2025-09-30T10:00');
    const due = calendar.addWorkingDays(start, 3);
    // 6 h left on Sep 30 (10:00–17:00 less lunch) + 3 days = 1620 min; 80% = 1296 min,
    // which is Sep 30's 360, Oct 9's and Oct 10's 420 each, and 96 more on Saturday Oct 11.
    expect(calendar.workingMinutesBetween(start, due)).toBe(360 + 3 * 420);
    expect(beijing(calendar.warnAt(start, due, 0.8, 'working'))).toBe('2025-10-11 10:36');
  });
});

describe('extendByPause', () => {
  const due = at('2024-03-20T17:00');

  it('a pause from Friday close to Monday opening adds nothing', () => {
    expect(calendar.extendByPause(due, at('2024-03-15T17:00'), at('2024-03-18T09:00'), 'working')).toEqual(due);
    expect(calendar.extendByPause(due, at('2024-03-16T08:00'), at('2024-03-17T20:00'), 'working')).toEqual(due);
  });

  it('adds only the working time inside the pause, counting from the morning after a 17:00 deadline', () => {
    // Fri 16:00–17:00 and Mon 09:00–10:00 were lost: 2 working hours.
    const extended = calendar.extendByPause(due, at('2024-03-15T16:00'), at('2024-03-18T10:00'), 'working');
    expect(beijing(extended)).toBe('2024-03-21 11:00');
  });

  it('a pause over 劳动节 2024 adds only the hours worked either side of it', () => {
    const extended = calendar.extendByPause(at('2024-05-08T17:00'), at('2024-04-30T16:00'), at('2024-05-06T10:00'), 'working');
    expect(beijing(extended)).toBe('2024-05-09 11:00');
    expect(calendar.extendByPause(at('2024-05-08T17:00'), at('2024-04-30T17:00'), at('2024-05-06T09:00'), 'working')).toEqual(
      at('2024-05-08T17:00'),
    );
  });
});

describe('calendar_hours: real hours, round the clock (decision 037)', () => {
  // 国庆 2026: October 1–7 off; Saturday 10-03 is a holiday as well as a weekend day.
  const saturdayEvening = at('2026-10-03T19:59');

  it('a fire dispatched at 19:59 on a Saturday of 国庆 is due at 20:59 the same evening', () => {
    expect(calendar.isWorkingDay('2026-10-03')).toBe(false);
    const due = calendar.deadline(saturdayEvening, 1, 'calendar_hours');
    expect(beijing(due)).toBe('2026-10-03 20:59');
    expect(due.getTime() - saturdayEvening.getTime()).toBe(3_600_000);
    // The same hour on the working calendar would wait for the office to open after the holiday.
    expect(beijing(calendar.deadline(saturdayEvening, 1, 'working_hours'))).toBe('2026-10-08 10:00');
  });

  it('crosses midnight and a weekend without stopping', () => {
    expect(beijing(calendar.deadline(at('2024-03-16T23:30'), 2, 'calendar_hours'))).toBe('2024-03-17 01:30');
    expect(beijing(calendar.deadline(at('2024-03-15T16:00'), 72, 'calendar_hours'))).toBe('2024-03-18 16:00');
  });

  it('warns at 80 % of the real hour: 48 minutes in, whatever the day', () => {
    const due = calendar.deadline(saturdayEvening, 1, 'calendar_hours');
    expect(beijing(calendar.warnAt(saturdayEvening, due, 0.8, 'calendar'))).toBe('2026-10-03 20:47');
    expect(calendar.warnAt(saturdayEvening, due, 1, 'calendar')).toEqual(due);
    // On the working basis the same window holds no office time at all, so it would warn at once.
    expect(calendar.minutesBetween(saturdayEvening, due, 'working')).toBe(0);
    expect(calendar.minutesBetween(saturdayEvening, due, 'calendar')).toBe(60);
  });

  it('counts elapsed real minutes for the share of the promise used', () => {
    const due = calendar.deadline(saturdayEvening, 1, 'calendar_hours');
    const now = at('2026-10-03T20:29');
    expect(calendar.minutesBetween(saturdayEvening, now, 'calendar') / calendar.minutesBetween(saturdayEvening, due, 'calendar')).toBe(0.5);
    expect(calendar.minutesBetween(now, saturdayEvening, 'calendar')).toBe(0);
  });

  it('a pause shifts a calendar_hours deadline by all of its real time, holiday or not', () => {
    const due = at('2026-10-03T20:59');
    expect(beijing(calendar.extendByPause(due, at('2026-10-03T20:00'), at('2026-10-03T20:30'), 'calendar'))).toBe('2026-10-03 21:29');
    expect(calendar.extendByPause(due, at('2026-10-03T20:00'), at('2026-10-03T20:00'), 'calendar')).toEqual(due);
  });

  it('a step limit in hours follows its basis', () => {
    expect(beijing(calendar.addHours(saturdayEvening, 2, 'calendar'))).toBe('2026-10-03 21:59');
    expect(beijing(calendar.addHours(saturdayEvening, 2, 'working'))).toBe('2026-10-08 11:00');
    expect(beijing(calendar.addMinutes(saturdayEvening, 30, 'calendar'))).toBe('2026-10-03 20:29');
  });

  it('refuses a negative or unreal amount of real hours', () => {
    expectRangeError(() => calendar.deadline(saturdayEvening, -1, 'calendar_hours'), /hours/);
    expectRangeError(() => calendar.deadline(saturdayEvening, Number.NaN, 'calendar_hours'), /hours/);
    expectRangeError(() => calendar.deadline(new Date(Number.NaN), 1, 'calendar_hours'), /start must be a valid Date/);
  });
});

describe('overrides entered by an administrator', () => {
  const overrides = [
    { date: '2027-01-01', kind: 'holiday' }, // 元旦 2027, before chinese-days publishes the year
    { date: '2027-01-09', kind: 'workday' }, // a make-up Saturday
    { date: '2024-05-06', kind: 'holiday' }, // a local closure on an official working day
    { date: '2024-05-04', kind: 'workday' }, // opening on an official holiday
  ] as const;
  const local = new WorkingCalendar({ overrides });

  it('win over chinese-days and the weekday rule', () => {
    expect(calendar.isWorkingDay('2027-01-01')).toBe(true); // plain Friday without the override
    expect(local.isWorkingDay('2027-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2027-01-09')).toBe(false);
    expect(local.isWorkingDay('2027-01-09')).toBe(true);
    expect(local.isWorkingDay('2024-05-06')).toBe(false);
    expect(local.isWorkingDay('2024-05-04')).toBe(true);
    expect(calendar.isWorkingDay('2024-05-06')).toBe(true); // another calendar's cache is unaffected
  });

  it('move deadlines', () => {
    expect(beijing(local.addWorkingDays(at('2026-12-31T10:00'), 1))).toBe('2027-01-04 17:00');
    expect(beijing(calendar.addWorkingDays(at('2026-12-31T10:00'), 1))).toBe('2027-01-01 17:00');
    expect(beijing(local.addWorkingHours(at('2027-01-08T16:30'), 1))).toBe('2027-01-09 09:30');
    expect(beijing(local.addWorkingDays(at('2024-04-30T10:00'), 3))).toBe('2024-05-08 17:00'); // May 4, 7, 8
  });
});

describe('office hours', () => {
  it('defaults to 09:00–12:00 and 13:00–17:00', () => {
    expect(DEFAULT_OFFICE_HOURS.periods).toEqual([
      [540, 720],
      [780, 1020],
    ]);
  });

  it('can be set per calendar', () => {
    const summer = new WorkingCalendar({
      officeHours: {
        periods: [
          [510, 720],
          [870, 1050],
        ],
      },
    }); // 08:30–12:00, 14:30–17:30
    expect(summer.workingMinutesBetween(at('2024-07-01T00:00'), at('2024-07-02T00:00'))).toBe(390);
    expect(beijing(summer.addWorkingHours(at('2024-07-01T11:30'), 1))).toBe('2024-07-01 15:00');
    expect(beijing(summer.addWorkingDays(at('2024-07-01T11:30'), 1))).toBe('2024-07-02 17:30');
  });
});

describe('localDateOf', () => {
  it('reads the date in Beijing, whatever the server zone', () => {
    expect(localDateOf(new Date('2024-04-30T15:59:59Z'))).toBe('2024-04-30');
    expect(localDateOf(new Date('2024-04-30T16:00:00Z'))).toBe('2024-05-01');
    for (let t = Date.UTC(2023, 11, 31, 7); t < Date.UTC(2027, 0, 2); t += 7 * 3_600_000 + 13 * 60_000) {
      expect(localDateOf(new Date(t))).toBe(beijing(new Date(t)).slice(0, 10));
    }
  });

  it('gives the same answers when the process TZ changes', () => {
    const previous = process.env.TZ;
    try {
      for (const zone of ['America/New_York', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = zone;
        const fresh = new WorkingCalendar();
        expect(fresh.isWorkingDay('2024-05-06'), zone).toBe(true);
        expect(fresh.addWorkingHours(at('2024-03-15T16:30'), 1).toISOString(), zone).toBe('2024-03-18T01:30:00.000Z');
        expect(localDateOf(new Date('2024-04-30T16:00:00Z')), zone).toBe('2024-05-01');
      }
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });
});

describe('invalid input', () => {
  const start = at('2024-03-12T10:00');

  it('rejects malformed office hours', () => {
    const withPeriods = (periods: unknown) => () => new WorkingCalendar({ officeHours: { periods } as never });
    expectRangeError(withPeriods([]), /at least one period/);
    expectRangeError(
      withPeriods([
        [780, 1020],
        [540, 720],
      ]),
      /list periods in order/,
    );
    expectRangeError(
      withPeriods([
        [540, 720],
        [700, 1020],
      ]),
      /overlaps period 1/,
    );
    expectRangeError(withPeriods([[-60, 720]]), /0–1440/);
    expectRangeError(withPeriods([[540, 1500]]), /0–1440/);
    expectRangeError(withPeriods([[720, 540]]), /start before it ends/);
    expectRangeError(withPeriods([[540.5, 720]]), /whole minutes/);
    expectRangeError(withPeriods([[540]]), /\[start, end\]/);
  });

  it('rejects malformed overrides', () => {
    const withOverrides = (overrides: unknown) => () => new WorkingCalendar({ overrides: overrides as never });
    expectRangeError(withOverrides([{ date: '2027-02-30', kind: 'holiday' }]), /2027-02-30/);
    expectRangeError(withOverrides([{ date: '2027/01/01', kind: 'holiday' }]), /YYYY-MM-DD/);
    expectRangeError(withOverrides([{ date: '2027-01-01', kind: 'closed' }]), /'workday' or 'holiday'/);
    expectRangeError(
      withOverrides([
        { date: '2027-01-01', kind: 'holiday' },
        { date: '2027-01-01', kind: 'workday' },
      ]),
      /contradict/,
    );
  });

  it('rejects bad dates, amounts, units and fractions', () => {
    expectRangeError(() => calendar.isWorkingDay('2024-13-01'), /localDate/);
    expectRangeError(() => calendar.knowsYear(2024.5), /year/);
    expectRangeError(() => calendar.addWorkingMinutes(new Date('not a date'), 10), /start must be a valid Date/);
    expectRangeError(() => calendar.workingMinutesBetween(start, new Date(NaN)), /to must be a valid Date/);
    expectRangeError(() => calendar.addWorkingMinutes(start, -1), /minutes/);
    expectRangeError(() => calendar.addWorkingMinutes(start, Number.NaN), /minutes/);
    expectRangeError(() => calendar.addWorkingHours(start, Number.POSITIVE_INFINITY), /hours/);
    expectRangeError(() => calendar.addWorkingDays(start, 1.5), /days/);
    expectRangeError(() => calendar.addWorkingDays(start, -1), /days/);
    expectRangeError(() => calendar.deadline(start, 3, 'calendar_days' as SlaUnit), /unit/);
    expectRangeError(() => calendar.warnAt(start, at('2024-03-13T10:00'), 1.2, 'working'), /fraction/);
    expectRangeError(() => calendar.warnAt(start, at('2024-03-13T10:00'), Number.NaN, 'working'), /fraction/);
    expectRangeError(() => calendar.extendByPause(start, at('2024-03-12T11:00'), at('2024-03-12T10:00'), 'working'), /resumedAt/);
    expectRangeError(() => localDateOf(new Date(Number.NaN)), /instant/);
  });
});
