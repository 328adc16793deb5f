/**
 * The notifications domain's public face (docs/decisions/009, 011): the inbox routes, and the one
 * way any domain puts a message in users' inboxes. Everything else in this folder is its own.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { notificationsRepository } from './notifications.repository.js';
import { sendNotice, type Notice } from './notifications.service.js';

export { notificationsRoutes, type NotificationsRoutesOptions } from './notifications.routes.js';
export type { Notice } from './notifications.service.js';

/**
 * A message in each user's inbox, on the connection given — a transaction's, so the message is
 * written with the step it tells of, or not at all. A public message is masked as it is written.
 */
export function notifyUsers(db: Kysely<DB>, userIds: readonly number[], notice: Notice): Promise<void> {
  return sendNotice(notificationsRepository(db), userIds, notice);
}
