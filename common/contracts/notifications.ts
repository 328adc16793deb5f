import { z } from 'zod';
import { page, pagingQuery, timestamp } from './shared.js';

/**
 * A user's inbox, "我的消息" (server/domains/notifications): case progress, dispatches, 回访.
 * Every message says whom it is for (docs/decisions/009): `public` (reporters too), `staff`,
 * `internal` (the staff working the case); only casework staff ever read the last two.
 */
export const NOTIFICATION_AUDIENCES = ['public', 'staff', 'internal'] as const;
export type NotificationAudience = (typeof NOTIFICATION_AUDIENCES)[number];

const id = z.number().int();

export const notificationQuery = z.object(pagingQuery);

export const notificationItem = z.object({
  id,
  kind: z.string(),
  caseId: id.nullable(),
  title: z.string(),
  body: z.string(),
  audience: z.enum(NOTIFICATION_AUDIENCES),
  createdAt: timestamp,
  read: z.boolean(),
});
export type NotificationItem = z.infer<typeof notificationItem>;
export const notificationPage = page(notificationItem).extend({ unread: z.number().int() });
export type NotificationPage = z.infer<typeof notificationPage>;

export const notificationRead = z.object({ ok: z.literal(true) });
