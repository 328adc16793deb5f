import { auditLogRepository } from '../../../server/platform/audit.repository.js';
import { rateLimitCounters } from '../../../server/platform/rate-limit.repository.js';
import { repository, RETURNS_ID, type FileManifest } from '../manifest.js';

const NOW = new Date('2026-03-02T01:30:00.000Z');
const WINDOW_END = new Date('2026-03-02T01:45:00.000Z');

export const platform: FileManifest[] = [
  {
    file: 'server/platform/audit.repository.ts',
    repositories: [
      repository('auditLogRepository', (ctx) => auditLogRepository(ctx.db), {
        append: {
          args: [
            { user_id: 42, username: 'community.staff', action: 'resident.update', entity: 'resident', entity_id: '1001', detail: '{}' },
          ],
          results: RETURNS_ID,
        },
      }),
    ],
  },
  {
    file: 'server/platform/rate-limit.repository.ts',
    repositories: [
      repository('rateLimitCounters', (ctx) => rateLimitCounters(ctx.db), {
        count: { args: ['login:203.0.113.7', WINDOW_END, NOW], results: [[{ hits: 1, window_ends_at: WINDOW_END }]] },
        running: ['login:203.0.113.7', NOW],
        remove: ['login:203.0.113.7'],
        removeStartingWith: ['login:'],
        removeEndedBy: [NOW],
      }),
    ],
  },
];
