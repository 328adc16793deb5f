import type { CalendarOverrides } from '../../../common/contracts/calendar.js';
import type { WorkingCalendar } from '../../platform/calendar/working-calendar.js';
import type { CalendarOverrideRow } from './calendar.repository.js';

/** The administrators' days, and whether the calendar knows each of the given years. */
export function presentOverrides(rows: CalendarOverrideRow[], calendar: WorkingCalendar, years: number[]): CalendarOverrides {
  return {
    items: rows.map((o) => ({ day: o.day, kind: o.kind, note: o.note })),
    years: years.map((year) => ({ year, known: calendar.knowsYear(year) })),
  };
}
