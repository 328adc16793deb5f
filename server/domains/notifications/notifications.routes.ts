import { idParams } from '../../../common/contracts/shared.js';
import { notificationPage, notificationQuery, notificationRead } from '../../../common/contracts/notifications.js';
import { typed, viewerOf, type App } from '../../platform/http.js';
import { notificationsRepository } from './notifications.repository.js';
import { inbox, markRead, type InboxDeps } from './notifications.service.js';

export type NotificationsRoutesOptions = Pick<InboxDeps, 'readsStaffMessages' | 'clock'>;

const tags = ['notifications'];

/** Every signed-in user's own inbox; no permission beyond being signed in, and only their own messages. */
export async function notificationsRoutes(app: App, options: NotificationsRoutesOptions) {
  const r = typed(app);
  const deps: InboxDeps = {
    notifications: notificationsRepository(app.db),
    readsStaffMessages: options.readsStaffMessages,
    clock: options.clock,
  };

  r.get(
    '/api/me/notifications',
    {
      schema: { tags, summary: '我的消息：事件进展、回访', querystring: notificationQuery, response: { 200: notificationPage } },
    },
    async (request) => inbox(deps, viewerOf(request), request.query),
  );

  r.post(
    '/api/me/notifications/:id/read',
    {
      schema: { tags, summary: '标记消息已读', params: idParams, response: { 200: notificationRead } },
    },
    async (request) => {
      await markRead(deps, viewerOf(request), request.params.id);
      return { ok: true as const };
    },
  );
}
