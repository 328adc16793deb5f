import { notificationsRepository } from '../../../server/domains/notifications/notifications.repository.js';
import { repository, type FileManifest } from '../manifest.js';

export const notifications: FileManifest[] = [
  {
    file: 'server/domains/notifications/notifications.repository.ts',
    repositories: [
      repository('notificationsRepository', (ctx) => notificationsRepository(ctx.db), {
        insert: [
          [
            {
              user_id: 42,
              kind: 'case_dispatched',
              case_id: 9001,
              title: '事件已派遣',
              body: 'PY20260302000123 已派遣至县城市管理局',
              audience: 'staff',
            },
            {
              user_id: 43,
              kind: 'case_dispatched',
              case_id: 9001,
              title: '事件已派遣',
              body: 'PY20260302000123 已派遣至县城市管理局',
              audience: 'public',
            },
          ],
        ],
        inbox: { args: [42, true, { offset: 0, limit: 20 }], results: [[], [{ n: 0 }], [{ n: 0 }]] },
        markRead: [42, 5, new Date('2026-03-02T02:00:00.000Z')],
      }),
    ],
  },
];
