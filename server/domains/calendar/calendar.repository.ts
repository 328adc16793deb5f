import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { broadcast } from '../../platform/db/broadcast.js';
import type { CalendarDayKind } from '../../../common/contracts/calendar.js';

/** The channel a calendar change is announced on; every process's calendar listens to it (calendar.live.ts). */
export const CALENDAR_CHANNEL = 'civicgrid_calendar';

/**
 * The administrators' changes to the working-day calendar (调休 beyond the State Council's, local
 * closures). Not limited by region: the county keeps one calendar.
 */
export function calendarRepository(db: Kysely<DB>) {
  return {
    /** Every override, by day, with the day as 'YYYY-MM-DD' whatever the driver returns. */
    async overrides() {
      const rows = await db.selectFrom('calendar_overrides').selectAll().orderBy('day').execute();
      return rows.map((o) => ({ day: String(o.day).slice(0, 10), kind: o.kind, note: o.note }));
    },

    async setOverride(day: string, kind: CalendarDayKind, note: string | null) {
      await db
        .insertInto('calendar_overrides')
        .values({ day, kind, note })
        .onConflict((oc) => oc.column('day').doUpdateSet({ kind, note }))
        .execute();
    },

    /** Tells every server process to reload the calendar: inside a transaction, at its commit and only then. */
    announceChange: () => broadcast(db, CALENDAR_CHANNEL),
  };
}
export type CalendarRepository = ReturnType<typeof calendarRepository>;
export type CalendarOverrideRow = Awaited<ReturnType<CalendarRepository['overrides']>>[number];
