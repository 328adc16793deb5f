import { maskPersonalNumbers } from '../../../common/mask.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Audience } from './case-policy.js';
import type { CaseRow, CasesRepository } from './cases.repository.js';
import type { TimelineRepository } from './case-timeline.repository.js';

/**
 * The one writer of timeline lines and the one writer of notifications. Every line and every
 * message says who it is for (case-policy.ts, Audience); the presenters show it only to viewers
 * the policy grants that audience. Case types (abandoned vehicles, later IoT alarms) write their
 * lines through the engine's step host (case-type-steps.ts), which calls this.
 */
export interface TimelineEntry {
  caseId: number;
  at: Date;
  actor: { userId: number | null; name: string; unit: string | null };
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  audience: Audience;
  data?: Record<string, unknown>;
}

/** Who took a step, as the line names them: by their unit when they act for the case's unit, else their region; a resident by name alone. */
export function actorOf(viewer: Viewer, c: Pick<CaseRow, 'handler_unit_id' | 'handler_unit_name'>): TimelineEntry['actor'] {
  const unit = viewer.orgUnitId !== null && viewer.orgUnitId === c.handler_unit_id ? c.handler_unit_name : viewer.role === 'resident' ? null : viewer.regionName;
  return { userId: viewer.userId, name: viewer.displayName, unit };
}

/**
 * Writes a line and, unless the caller is moving the case itself in the same statement,
 * marks the case's last activity (Open311's updated_datetime, the workbench's "newest").
 */
export async function recordCaseEvent(timeline: TimelineRepository, e: TimelineEntry, options: { touchCase?: boolean } = {}) {
  const id = await timeline.insertEvent({
    case_id: e.caseId, at: e.at, actor_user_id: e.actor.userId, actor_name: e.actor.name, actor_unit: e.actor.unit,
    action: e.action, from_status: e.fromStatus, to_status: e.toStatus, note: e.note, audience: e.audience, data: JSON.stringify(e.data ?? {}),
  });
  if (options.touchCase ?? true) await timeline.touchCase(e.caseId, e.at);
  return id;
}

export interface Notice {
  kind: string;
  caseId: number | null;
  title: string;
  body: string;
  audience: Audience;
  at: Date;
}

/**
 * A message in each recipient's inbox. A public message goes to reporters, who are not staff:
 * any ID number or mobile number a staff member typed into a public note is masked on the way
 * (the probe found one of each in a resident's inbox).
 */
export async function notifyUsers(timeline: TimelineRepository, userIds: readonly number[], n: Notice) {
  const recipients = [...new Set(userIds)];
  const text = (s: string) => (n.audience === 'public' ? maskPersonalNumbers(s) : s);
  await timeline.insertNotifications(recipients.map((user_id) => ({
    user_id, kind: n.kind, case_id: n.caseId, title: text(n.title), body: text(n.body), audience: n.audience, created_at: n.at,
  })));
}

/** A public message to each reporter and co-reporter of a case, except the one who acted. */
export async function notifyReporters(deps: { cases: CasesRepository; timeline: TimelineRepository }, caseId: number, exceptUserId: number | null, title: string, body: string, at: Date) {
  const users = (await deps.cases.reporterIds(caseId)).filter((id) => id !== exceptUserId);
  await notifyUsers(deps.timeline, users, { kind: 'case_update', caseId, title, body, audience: 'public', at });
}
