import type { Insertable, Kysely } from 'kysely';
import type { CaseEventTable, DB } from '../../platform/db/schema.js';

/**
 * Timeline lines: the only statements that write case_events after a report. timeline.ts
 * (recordCaseEvent) is their one caller, so every line goes through the same rules (its
 * audience). Inbox messages are the notifications domain's.
 */
export function timelineRepository(db: Kysely<DB>) {
  return {
    async insertEvent(row: Insertable<CaseEventTable>): Promise<number> {
      return (await db.insertInto('case_events').values(row).returning('id').executeTakeFirstOrThrow()).id;
    },

    /** The case's last activity: Open311's updated_datetime, the workbench's "newest". */
    async touchCase(caseId: number, at: Date) {
      await db.updateTable('cases').set({ last_event_at: at }).where('id', '=', caseId).execute();
    },
  };
}
export type TimelineRepository = ReturnType<typeof timelineRepository>;
