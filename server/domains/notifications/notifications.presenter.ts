import type { NotificationItem } from '../../../common/contracts/notifications.js';
import type { NotificationRow } from './notifications.repository.js';

/** A message as its recipient reads it; the text was masked, if it had to be, when it was written. */
export function presentNotification(n: NotificationRow): NotificationItem {
  return {
    id: n.id,
    kind: n.kind,
    caseId: n.case_id,
    title: n.title,
    body: n.body,
    audience: n.audience,
    createdAt: n.created_at.toISOString(),
    read: n.read_at !== null,
  };
}
