import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

/**
 * The alarm → case pick-up's queries (alarm-cases.ts, docs/decisions/030): the alarms due for a
 * case, claimed one at a time with FOR UPDATE SKIP LOCKED so that several server processes never
 * take the same one, and what the pick-up writes back. Not limited by region: it works for the
 * platform, wherever the alarm is.
 */
export function alarmCasesRepository(db: Kysely<DB>) {
  return {
    /** The case of each of these alarms (null: none yet). */
    caseIdsOf: async (alarmIds: number[]) =>
      new Map(
        (await db.selectFrom('iot_alarms').select(['id', 'case_id']).where('id', 'in', alarmIds).execute()).map((a) => [a.id, a.case_id]),
      ),
  };
}
export type AlarmCasesRepository = ReturnType<typeof alarmCasesRepository>;
