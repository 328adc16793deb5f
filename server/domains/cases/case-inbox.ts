import type { Viewer } from '../../platform/auth/viewer.js';
import { notFound } from '../../platform/errors.js';
import { offsetOf } from '../../platform/paging.js';
import type { NotificationItem } from '../../../common/contracts/case-desk.js';
import type { Page } from '../../../common/contracts/shared.js';
import { worksCases } from './case-policy.js';
import type { TimelineRepository } from './case-timeline.repository.js';
import { iso } from './cases.presenter.js';

/** "我的消息": case progress, dispatches, 回访 — what notifyUsers put in the viewer's inbox. */
export async function inbox(timeline: TimelineRepository, viewer: Viewer, q: { page: number; pageSize: number }): Promise<Page<NotificationItem> & { unread: number }> {
  // A message for staff never reaches someone who is not staff (a resident, property staff),
  // whoever wrote it to their inbox.
  const { rows, total, unread } = await timeline.inbox(viewer.userId, !worksCases(viewer), { offset: offsetOf(q), limit: q.pageSize });
  return {
    total, unread,
    items: rows.map((n) => ({ id: n.id, kind: n.kind, caseId: n.case_id, title: n.title, body: n.body, audience: n.audience, createdAt: iso(n.created_at), read: n.read_at !== null })),
  };
}

export async function markRead(deps: { timeline: TimelineRepository; now: Date }, viewer: Viewer, id: number) {
  if (!await deps.timeline.markRead(viewer.userId, id, deps.now)) throw notFound('消息');
}
