import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/** The administrators' changes to the working-day calendar (调休 beyond the State Council's, local closures). */
export function calendarRepository(db: Kysely<DB>) {
  return {
    /** Every override, by day, with the day as 'YYYY-MM-DD' whatever the driver returns. */
    async overrides() {
      const rows = await db.selectFrom('calendar_overrides').selectAll().orderBy('day').execute();
      return rows.map((o) => ({ day: String(o.day).slice(0, 10), kind: o.kind, note: o.note }));
    },

    async setOverride(day: string, kind: 'workday' | 'holiday', note: string | null) {
      await db.insertInto('calendar_overrides').values({ day, kind, note })
        .onConflict((oc) => oc.column('day').doUpdateSet({ kind, note })).execute();
    },
  };
}
export type CalendarRepository = ReturnType<typeof calendarRepository>;
