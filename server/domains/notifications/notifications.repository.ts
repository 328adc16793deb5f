import type { Insertable, Kysely } from 'kysely';
import type { DB, NotificationTable } from '../../platform/db/schema.js';
import { pageOf } from '../../platform/paging.js';

/**
 * Inbox messages: the only statements that write or read the notifications table.
 * notifications.service.ts (sendNotice) is the one writer, so every message goes through the
 * same rules (its audience, masking). A user's inbox is their own: no region limits it.
 */
export function notificationsRepository(db: Kysely<DB>) {
  return {
    async insert(rows: Insertable<NotificationTable>[]) {
      if (rows.length) await db.insertInto('notifications').values(rows).execute();
    },

    /** A user's inbox, newest first, with how many are unread; `publicOnly` for those who are not staff. */
    async inbox(userId: number, publicOnly: boolean, page: { offset: number; limit: number }) {
      let base = db.selectFrom('notifications').where('user_id', '=', userId);
      if (publicOnly) base = base.where('audience', '=', 'public');
      const [{ rows, total }, unread] = await Promise.all([
        pageOf(base.selectAll().orderBy('id', 'desc').offset(page.offset).limit(page.limit), base),
        base
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('read_at', 'is', null)
          .executeTakeFirstOrThrow(),
      ]);
      return { rows, total, unread: Number(unread.n) };
    },

    /** Marks one of the user's own messages read; false when they have no such message. */
    async markRead(userId: number, id: number, at: Date): Promise<boolean> {
      const done = await db
        .updateTable('notifications')
        .set({ read_at: at })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(done.numUpdatedRows) > 0;
    },
  };
}
export type NotificationsRepository = ReturnType<typeof notificationsRepository>;
export type NotificationRow = Awaited<ReturnType<NotificationsRepository['inbox']>>['rows'][number];
