import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { WorkingCalendar } from '../../platform/calendar/working-calendar.js';
import { reloadOnBroadcast, type Listen, type Reloaded } from '../../platform/db/broadcast.js';
import { CALENDAR_CHANNEL, calendarRepository, type CalendarRepository } from './calendar.repository.js';
import { loadWorkingCalendar } from './calendar.service.js';

/**
 * What casework reads the calendar through: the calendar as this process has it now. Callers ask
 * for it per unit of work (a request, a sweep round) and never keep it longer, so a change made
 * in any process reaches every deadline computed after it (../shared/ARCHITECTURE.md, "Several
 * processes").
 */
export interface CalendarAccess {
  current(): WorkingCalendar;
}

/** This process's working-day calendar, reloaded whenever any process changes it. */
export type LiveCalendar = Reloaded<WorkingCalendar>;

/**
 * Loads the calendar and keeps it: every process listens on CALENDAR_CHANNEL, which a change
 * announces in its own transaction (calendar.service.ts setCalendarDay), and reloads on each
 * announcement and whenever the listening connection comes back after a drop. A failed reload
 * keeps the calendar it had, reports, and is tried again.
 */
export function startLiveCalendar(deps: {
  days: Pick<CalendarRepository, 'overrides'>;
  listen: Listen;
  onError?: (error: Error) => void;
  retryMs?: number;
}): Promise<LiveCalendar> {
  return reloadOnBroadcast({
    listen: deps.listen,
    channel: CALENDAR_CHANNEL,
    load: () => loadWorkingCalendar(deps.days),
    onError: deps.onError,
    retryMs: deps.retryMs,
  });
}

/** The process's calendar on its database: app.ts starts one per app and stops it on close. */
export function startCalendar(
  database: { db: Kysely<DB>; listen: Listen },
  options: { onError?: (error: Error) => void } = {},
): Promise<LiveCalendar> {
  return startLiveCalendar({ days: calendarRepository(database.db), listen: database.listen, onError: options.onError });
}

/** The calendar as the database has it now, once: for a one-off command (the demo generator), not a server process. */
export const loadCalendar = (db: Kysely<DB>): Promise<WorkingCalendar> => loadWorkingCalendar(calendarRepository(db));
