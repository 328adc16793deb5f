import { maskPersonalNumbers } from '../../../common/mask.js';
import type { NotificationAudience, NotificationPage } from '../../../common/contracts/notifications.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Clock } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { offsetOf } from '../../platform/paging.js';
import type { NotificationsRepository } from './notifications.repository.js';
import { presentNotification } from './notifications.presenter.js';

/** A message to put in users' inboxes; its audience says who may ever read it (docs/decisions/009). */
export interface Notice {
  kind: string;
  caseId: number | null;
  title: string;
  body: string;
  audience: NotificationAudience;
  at: Date;
}

/**
 * The one writer of notifications: a message in each recipient's inbox, once each. A public
 * message goes to reporters, who are not staff: any ID number or mobile number a staff member
 * typed into a public note is masked on the way (the probe found one of each in a resident's
 * inbox). Staff and internal messages keep their text; only staff ever read them (`inbox`).
 */
export async function sendNotice(notifications: Pick<NotificationsRepository, 'insert'>, userIds: readonly number[], n: Notice) {
  const recipients = [...new Set(userIds)];
  const text = (s: string) => (n.audience === 'public' ? maskPersonalNumbers(s) : s);
  await notifications.insert(
    recipients.map((user_id) => ({
      user_id,
      kind: n.kind,
      case_id: n.caseId,
      title: text(n.title),
      body: text(n.body),
      audience: n.audience,
      created_at: n.at,
    })),
  );
}

export interface InboxDeps {
  notifications: NotificationsRepository;
  /**
   * Who may read staff and internal messages at all: the case policy's answer (casework staff),
   * given by app.ts so this domain keeps no second copy of it.
   */
  readsStaffMessages(viewer: Viewer): boolean;
  clock: Clock;
}

/** "我的消息": case progress, dispatches, 回访 — what was sent to the viewer. */
export async function inbox(
  deps: Pick<InboxDeps, 'notifications' | 'readsStaffMessages'>,
  viewer: Viewer,
  q: { page: number; pageSize: number },
): Promise<NotificationPage> {
  // A message for staff never reaches someone who is not staff (a resident, property staff),
  // whoever wrote it to their inbox.
  const { rows, total, unread } = await deps.notifications.inbox(viewer.userId, !deps.readsStaffMessages(viewer), {
    offset: offsetOf(q),
    limit: q.pageSize,
  });
  return { total, unread, items: rows.map(presentNotification) };
}

/** Marks one of the viewer's own messages read; anyone else's does not exist for them. */
export async function markRead(deps: Pick<InboxDeps, 'notifications' | 'clock'>, viewer: Viewer, id: number) {
  if (!(await deps.notifications.markRead(viewer.userId, id, deps.clock.now()))) throw notFound('消息');
}
