import { createRequire } from 'node:module';
import { checkedOfficeHours, DEFAULT_OFFICE_HOURS, type OfficeHours } from './office-hours.js';
import type { SlaUnit } from '../../../common/enums.js';

export { DEFAULT_OFFICE_HOURS, type OfficeHours } from './office-hours.js';

/** An administrator's correction to the official calendar: a local closure, or a year chinese-days does not know yet. */
export interface CalendarOverride {
  date: string /* 'YYYY-MM-DD' local */;
  kind: 'workday' | 'holiday';
}

/** How a case's 时限 (time limit) is expressed (common/enums.ts SLA_UNITS). */
export type { SlaUnit } from '../../../common/enums.js';

/**
 * What a clock counts: office time on this calendar, or every minute of every day (a
 * calendar_hours limit: a fire is due an hour later on a Saturday night too; decision 037).
 */
export type TimeBasis = 'working' | 'calendar';

/** The basis a limit in `unit` is counted on, and so the basis of its warning point and of a pause's shift. */
export const basisOf = (unit: SlaUnit): TimeBasis => (unit === 'calendar_hours' ? 'calendar' : 'working');

const HOUR = 3_600_000;

const MINUTE = 60_000;
const DAY = 86_400_000;
// China has kept UTC+8 all year since it dropped summer time in 1991, so a fixed offset is
// exact for every date a case can carry, and the answers do not depend on the server's TZ.
const SHANGHAI_OFFSET = 8 * 3_600_000;

/** Day number: whole days since 1970-01-01 in Asia/Shanghai. Calendar maths runs on these. */
type Day = number;

/**
 * The State Council's annual arrangements (国务院办公厅 部分节假日安排的通知), as shipped by
 * chinese-days. We read its JSON rather than call its isWorkday(): 1.5.7 parses 'YYYY-MM-DD' as
 * UTC midnight and then reads the weekday in the machine's zone, so west of UTC every answer is
 * a day off (under TZ=America/New_York it calls Monday 2024-05-06 a holiday).
 */
const OFFICIAL = loadOfficialArrangement();

function loadOfficialArrangement() {
  const require = createRequire(import.meta.url);
  const raw = require('chinese-days/dist/chinese-days.json') as { holidays?: unknown; workdays?: unknown };
  const datesOf = (map: unknown, name: string): string[] => {
    if (typeof map !== 'object' || map === null) {
      throw new Error(`chinese-days/dist/chinese-days.json has no "${name}" map; its layout changed`);
    }
    return Object.keys(map);
  };
  const holidayDates = datesOf(raw.holidays, 'holidays');
  // 'National Day,国庆节,3': the Chinese name of the festival a holiday or 调休 day belongs to.
  const names = new Map<Day, string>();
  for (const map of [raw.holidays, raw.workdays] as Record<string, unknown>[])
    for (const [date, label] of Object.entries(map)) {
      const name = typeof label === 'string' ? label.split(',')[1] : undefined;
      if (name) names.set(parseLocalDate(date, 'chinese-days date'), name);
    }
  return {
    names,
    holidays: new Set(holidayDates.map((date) => parseLocalDate(date, 'chinese-days holiday'))),
    // 调休 make-up days: weekend days on which offices open to pay for a longer holiday.
    workdays: new Set(datesOf(raw.workdays, 'workdays').map((date) => parseLocalDate(date, 'chinese-days workday'))),
    // Each annual notice lists holidays dated in its own year (元旦 at least), so a year with a
    // listed holiday is a year whose arrangement has been published and packaged.
    years: new Set(holidayDates.map((date) => Number(date.slice(0, 4)))),
  };
}

export class WorkingCalendar {
  /** Office periods as milliseconds after local midnight. */
  readonly #periods: ReadonlyArray<readonly [number, number]>;
  readonly #workingDayLength: number;
  readonly #closingTime: number;
  readonly #overrides = new Map<Day, boolean>();
  readonly #overrideYears = new Set<number>();
  readonly #workingDayCache = new Map<Day, boolean>();

  constructor(options: { officeHours?: OfficeHours; overrides?: readonly CalendarOverride[] } = {}) {
    this.#periods = checkedOfficeHours(options.officeHours ?? DEFAULT_OFFICE_HOURS).map(
      ([start, end]) => [start * MINUTE, end * MINUTE] as const,
    );
    this.#workingDayLength = this.#periods.reduce((sum, [start, end]) => sum + end - start, 0);
    this.#closingTime = this.#periods[this.#periods.length - 1][1];
    (options.overrides ?? []).forEach((override, i) => {
      const label = `override ${i + 1}`;
      const day = parseLocalDate(override?.date, `${label} date`);
      if (override.kind !== 'workday' && override.kind !== 'holiday') {
        throw new RangeError(`${label} (${override.date}) kind must be 'workday' or 'holiday', got ${JSON.stringify(override.kind)}`);
      }
      const working = override.kind === 'workday';
      if (this.#overrides.get(day) === !working) {
        throw new RangeError(`overrides contradict each other: ${override.date} is both a workday and a holiday`);
      }
      this.#overrides.set(day, working);
      this.#overrideYears.add(Number(override.date.slice(0, 4)));
    });
  }

  /** Overrides first (the administrator knows about local closures), then 调休 make-up days, then holidays, then Mon–Fri. */
  isWorkingDay(localDate: string): boolean {
    return this.#isWorkingDay(parseLocalDate(localDate, 'localDate'));
  }

  /**
   * The festival an official holiday or 调休 make-up day belongs to (国庆节, 春节 …), for saying
   * how a deadline was counted; null for other days and for the administrators' overrides.
   */
  festivalOf(localDate: string): string | null {
    const day = parseLocalDate(localDate, 'localDate');
    return this.#overrides.has(day) ? null : (OFFICIAL.names.get(day) ?? null);
  }

  /** Whether deadlines in `year` rest on a published arrangement; otherwise they assume plain Mon–Fri weeks. */
  knowsYear(year: number): boolean {
    if (!Number.isInteger(year)) throw new RangeError(`year must be a whole number, got ${year}`);
    return OFFICIAL.years.has(year) || this.#overrideYears.has(year);
  }

  /** Minutes of office time in a working day (420 for 09:00–12:00 and 13:00–17:00). */
  get workingDayMinutes(): number {
    return this.#workingDayLength / MINUTE;
  }

  /** Fractional when an instant is not on a whole minute. */
  workingMinutesBetween(from: Date, to: Date): number {
    return this.#workingMs(instantOf(from, 'from'), instantOf(to, 'to')) / MINUTE;
  }

  addWorkingMinutes(start: Date, minutes: number): Date {
    const t = instantOf(start, 'start');
    checkAmount(minutes, 'minutes');
    return new Date(this.#addWorkingMs(t, Math.round(minutes * MINUTE)));
  }

  addWorkingHours(start: Date, hours: number): Date {
    checkAmount(hours, 'hours');
    return this.addWorkingMinutes(start, hours * 60);
  }

  /**
   * 民法典 第二百零一条: a period counted in days starts on the day after the event
   * (开始的当日不计入), so a case reported at 16:59 does not lose a day to one minute; and
   * 行政许可法 第八十二条 counts such periods in working days, holidays excluded. The case is
   * due when the office closes on the last of those days.
   */
  addWorkingDays(start: Date, days: number): Date {
    const t = instantOf(start, 'start');
    if (!Number.isInteger(days) || days < 0) {
      throw new RangeError(`days must be a whole number of working days ≥ 0, got ${days}`);
    }
    let [day] = split(t);
    if (days === 0) {
      while (!this.#isWorkingDay(day)) day++;
    } else {
      for (let counted = 0; counted < days;) if (this.#isWorkingDay(++day)) counted++;
    }
    return new Date(instantAt(day, this.#closingTime));
  }

  /** Real hours, round the clock: office hours, weekends and holidays do not stop them. */
  addCalendarHours(start: Date, hours: number): Date {
    const t = instantOf(start, 'start');
    checkAmount(hours, 'hours');
    return new Date(t + Math.round(hours * HOUR));
  }

  deadline(start: Date, amount: number, unit: SlaUnit): Date {
    switch (unit) {
      case 'working_hours':
        return this.addWorkingHours(start, amount);
      case 'working_days':
        return this.addWorkingDays(start, amount);
      case 'calendar_hours':
        return this.addCalendarHours(start, amount);
      default:
        throw new RangeError(`unknown SLA unit ${JSON.stringify(unit)}; expected 'working_hours', 'working_days' or 'calendar_hours'`);
    }
  }

  /** Minutes within [from, to) on `basis`: office minutes, or every minute; 0 when `to` is not after `from`. */
  minutesBetween(from: Date, to: Date, basis: TimeBasis): number {
    if (basis === 'working') return this.workingMinutesBetween(from, to);
    return Math.max(0, instantOf(to, 'to') - instantOf(from, 'from')) / MINUTE;
  }

  /** `minutes` later on `basis`. */
  addMinutes(start: Date, minutes: number, basis: TimeBasis): Date {
    return basis === 'working' ? this.addWorkingMinutes(start, minutes) : this.addCalendarHours(start, minutes / 60);
  }

  /** `hours` later on `basis`: a step limit counted as its case's promise is. */
  addHours(start: Date, hours: number, basis: TimeBasis): Date {
    return basis === 'working' ? this.addWorkingHours(start, hours) : this.addCalendarHours(start, hours);
  }

  /**
   * When `fraction` of the time allowed has been used, e.g. 0.8 for the 临期 (nearly due) warning,
   * counted on the basis of the promise: office time for working units, real time for calendar_hours.
   */
  warnAt(start: Date, due: Date, fraction: number, basis: TimeBasis): Date {
    if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
      throw new RangeError(`fraction must be a number from 0 to 1, got ${fraction}`);
    }
    return this.addMinutes(start, fraction * this.minutesBetween(start, due, basis), basis);
  }

  /**
   * Shift a deadline after a pause: the time on `basis` that elapsed in [pausedAt, resumedAt) is
   * added to `due` (working minutes for a working limit, every minute for a calendar_hours one).
   */
  extendByPause(due: Date, pausedAt: Date, resumedAt: Date, basis: TimeBasis): Date {
    const dueAt = instantOf(due, 'due');
    const paused = instantOf(pausedAt, 'pausedAt');
    const resumed = instantOf(resumedAt, 'resumedAt');
    if (resumed < paused) throw new RangeError('resumedAt is before pausedAt');
    if (basis === 'calendar') return new Date(dueAt + resumed - paused);
    const lost = this.#workingMs(paused, resumed);
    // Nothing lost leaves the deadline as it was; adding 0 would move a 17:00 deadline to the next morning.
    return new Date(lost === 0 ? dueAt : this.#addWorkingMs(dueAt, lost));
  }

  #isWorkingDay(day: Day): boolean {
    let working = this.#workingDayCache.get(day);
    if (working === undefined) {
      const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
      working = this.#overrides.get(day) ?? (OFFICIAL.workdays.has(day) || (!OFFICIAL.holidays.has(day) && weekday !== 0 && weekday !== 6));
      this.#workingDayCache.set(day, working);
    }
    return working;
  }

  /** Office time within [from, to) of one working day, both in ms after local midnight. */
  #officeTimeWithin(from: number, to: number): number {
    let total = 0;
    for (const [start, end] of this.#periods) total += Math.max(0, Math.min(end, to) - Math.max(start, from));
    return total;
  }

  #workingMs(from: number, to: number): number {
    if (to <= from) return 0;
    const [firstDay, fromTime] = split(from);
    const [lastDay, toTime] = split(to);
    if (firstDay === lastDay) return this.#isWorkingDay(firstDay) ? this.#officeTimeWithin(fromTime, toTime) : 0;
    let total = this.#isWorkingDay(firstDay) ? this.#officeTimeWithin(fromTime, DAY) : 0;
    for (let day = firstDay + 1; day < lastDay; day++) if (this.#isWorkingDay(day)) total += this.#workingDayLength;
    return total + (this.#isWorkingDay(lastDay) ? this.#officeTimeWithin(0, toTime) : 0);
  }

  /**
   * Walks forward a day at a time, skipping whole working days while more than a day is left,
   * then period by period. Terminates because runs of non-working days are finite (the data
   * and the overrides are finite lists; every other Monday–Friday is a working day).
   */
  #addWorkingMs(t: number, amount: number): number {
    let [day, time] = split(t);
    let remaining = amount;
    for (; ; day++, time = 0) {
      if (!this.#isWorkingDay(day)) continue;
      if (time === 0 && remaining > this.#workingDayLength) {
        remaining -= this.#workingDayLength;
        continue;
      }
      for (const [start, end] of this.#periods) {
        if (end <= time) continue;
        const from = Math.max(start, time);
        // `<=` ends a period's last minute at its closing time (11:00 + 1 h is 12:00, not 13:00).
        if (remaining <= end - from) return instantAt(day, from + remaining);
        remaining -= end - from;
      }
    }
  }
}

/** 'YYYY-MM-DD' of an instant in Asia/Shanghai. */
export function localDateOf(instant: Date): string {
  return new Date(split(instantOf(instant, 'instant'))[0] * DAY).toISOString().slice(0, 10);
}

function split(t: number): [Day, number] {
  const local = t + SHANGHAI_OFFSET;
  const day = Math.floor(local / DAY);
  return [day, local - day * DAY];
}

function instantAt(day: Day, timeOfDay: number): number {
  return day * DAY + timeOfDay - SHANGHAI_OFFSET;
}

function parseLocalDate(value: unknown, name: string): Day {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  // The round trip rejects dates such as 2027-02-30 that Date.UTC would silently roll over.
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new RangeError(`${name} must be a real date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return ms / DAY;
}

function instantOf(value: Date, name: string): number {
  const t = value instanceof Date ? value.getTime() : NaN;
  if (!Number.isFinite(t)) throw new RangeError(`${name} must be a valid Date, got ${String(value)}`);
  return t;
}

function checkAmount(value: number, name: string) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
  }
}
