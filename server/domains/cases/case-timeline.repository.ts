import type { Insertable, Kysely } from 'kysely';
import type { CaseEventTable, DB, NotificationTable } from '../../platform/db/schema.js';
import { pageOf } from '../../platform/paging.js';

/**
 * Timeline lines and inbox messages: the only statements that write case_events after a report
 * and notifications at all. case-timeline.ts (recordCaseEvent, notifyUsers) is their one caller,
 * so every line and message goes through the same rules (its audience, masking).
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

    async insertNotifications(rows: Insertable<NotificationTable>[]) {
      if (rows.length) await db.insertInto('notifications').values(rows).execute();
    },

    /** A user's inbox, newest first, with how many are unread; `publicOnly` for those who are not staff. */
    async inbox(userId: number, publicOnly: boolean, page: { offset: number; limit: number }) {
      let base = db.selectFrom('notifications').where('user_id', '=', userId);
      if (publicOnly) base = base.where('audience', '=', 'public');
      const [{ rows, total }, unread] = await Promise.all([
        pageOf(base.selectAll().orderBy('id', 'desc').offset(page.offset).limit(page.limit), base),
        base.select((eb) => eb.fn.countAll<number>().as('n')).where('read_at', 'is', null).executeTakeFirstOrThrow(),
      ]);
      return { rows, total, unread: Number(unread.n) };
    },

    /** Marks one of the user's own messages read; false when they have no such message. */
    async markRead(userId: number, id: number, at: Date): Promise<boolean> {
      const done = await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
      return Number(done.numUpdatedRows) > 0;
    },
  };
}
export type TimelineRepository = ReturnType<typeof timelineRepository>;
