import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Config } from '../../platform/config.js';
import type { Clock } from '../../platform/clock.js';
import type { FileStore } from '../../platform/files.js';
import { WorkingCalendar } from '../../platform/calendar/working-calendar.js';

/** What casework needs besides the viewer: the database, the time, the calendar, the files. */
export interface CaseContext {
  db: Kysely<DB>;
  clock: Clock;
  calendar: WorkingCalendar;
  files: FileStore;
  settings: Config['cases'];
}

/** The working-day calendar with the administrators' overrides from the database. */
export async function loadCalendar(db: Kysely<DB>): Promise<WorkingCalendar> {
  const overrides = await db.selectFrom('calendar_overrides').select(['day', 'kind']).execute();
  return new WorkingCalendar({ overrides: overrides.map((o) => ({ date: String(o.day).slice(0, 10), kind: o.kind })) });
}

/** The same context inside a transaction. */
export const within = (ctx: CaseContext, trx: Kysely<DB>): CaseContext => ({ ...ctx, db: trx });
