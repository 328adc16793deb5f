import type { CalendarOverrideInput, CalendarOverrides } from '../../../common/contracts/calendar.js';
import type { Clock } from '../../platform/clock.js';
import { localDateOf, WorkingCalendar } from '../../platform/calendar/working-calendar.js';
import type { CalendarRepository } from './calendar.repository.js';
import type { LiveCalendar } from './calendar.live.js';
import { presentOverrides } from './calendar.presenter.js';

/** What the calendar's services need: its days, a transaction over them, this process's calendar, the time. */
export interface CalendarDeps {
  days: CalendarRepository;
  /** The days on one transaction's connection: a change and its announcement commit together. */
  transaction<T>(fn: (days: CalendarRepository) => Promise<T>): Promise<T>;
  calendar: Pick<LiveCalendar, 'current' | 'reload'>;
  clock: Clock;
}

/** The working-day calendar with the administrators' overrides, which win over the State Council's arrangement. */
export async function loadWorkingCalendar(days: Pick<CalendarRepository, 'overrides'>): Promise<WorkingCalendar> {
  const overrides = await days.overrides();
  return new WorkingCalendar({ overrides: overrides.map((o) => ({ date: o.day, kind: o.kind })) });
}

/** The administrators' calendar days, and whether the calendar knows last year to next year (so the page can ask for next year's 调休). */
export async function calendarOverrides(deps: Pick<CalendarDeps, 'days' | 'calendar' | 'clock'>): Promise<CalendarOverrides> {
  const year = Number(localDateOf(deps.clock.now()).slice(0, 4));
  return presentOverrides(await deps.days.overrides(), deps.calendar.current(), [year - 1, year, year + 1]);
}

/**
 * A day made a working day or a holiday. Deadlines computed from now on use it, in every server
 * process (each reloads when it hears the announcement); existing deadlines stand. This process
 * has reloaded before it answers, so the administrator's next request already counts with it.
 */
export async function setCalendarDay(deps: Pick<CalendarDeps, 'transaction' | 'calendar'>, day: string, change: CalendarOverrideInput) {
  await deps.transaction(async (days) => {
    await days.setOverride(day, change.kind, change.note ?? null);
    await days.announceChange();
  });
  await deps.calendar.reload();
}
