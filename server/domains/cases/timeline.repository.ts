import { sql, type Insertable, type Kysely } from 'kysely';
import type { CaseEventTable, DB } from '../../platform/db/schema.js';
import type { CaseStatus } from '../../../common/enums.js';
import { publishEvent, type EventDraft } from '../../platform/events/publish.js';
import { handlersOfTarget } from './cases.repository.js';

/** Who hears of a case's new line on the live stream (live-events.ts), read in the line's transaction. */
export interface CaseListeners {
  regionPath: string;
  /** Where the case stands once the step is written. */
  status: CaseStatus;
  /** The people of the unit or grid it is dispatched to (none before dispatch). */
  handlerIds: number[];
  /** Its reporters and co-reporters with an account. */
  reporterIds: number[];
}

/**
 * Timeline lines: the only statements that write case_events after a report, and the live event
 * each line raises. timeline.ts (recordCaseEvent) is their one caller, so every line goes
 * through the same rules (its audience). Inbox messages are the notifications domain's.
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

    async listenersOf(caseId: number): Promise<CaseListeners> {
      const c = await db
        .selectFrom('cases')
        .select([
          'region_path',
          'status',
          'handler_unit_id',
          'handler_region_id',
          sql<
            string[]
          >`ARRAY(SELECT DISTINCT s.reporter_user_id FROM case_sources s WHERE s.case_id = cases.id AND s.reporter_user_id IS NOT NULL)`.as(
            'reporter_ids',
          ),
        ])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      return {
        regionPath: c.region_path,
        status: c.status as CaseStatus,
        handlerIds: await handlersOfTarget(db, { unitId: c.handler_unit_id, regionId: c.handler_region_id }),
        // int8[] arrives as text from PostgreSQL; the ids stay far below 2^53.
        reporterIds: c.reporter_ids.map(Number),
      };
    },

    /** Raises the line's live event, delivered when the line's transaction commits. */
    announce: (draft: EventDraft) => publishEvent(db, draft),
  };
}
export type TimelineRepository = ReturnType<typeof timelineRepository>;
