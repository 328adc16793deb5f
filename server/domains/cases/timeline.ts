import type { Viewer } from '../../platform/auth/viewer.js';
import type { Audience } from './policy.js';
import type { CaseDeps } from './context.js';
import type { CaseRow } from './cases.repository.js';
import type { TimelineRepository } from './timeline.repository.js';
import { caseLineEvent } from './live-events.js';

/**
 * The one writer of timeline lines. Every line says who it is for (policy.ts, Audience);
 * the presenters show it only to viewers the policy grants that audience. Case types (abandoned
 * vehicles, later IoT alarms) write their lines through the engine's step host
 * (type-steps.ts), which calls this. Messages to inboxes are the notifications domain's
 * (`deps.notify`, its notifyUsers), with the same audiences.
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
  const unit =
    viewer.orgUnitId !== null && viewer.orgUnitId === c.handler_unit_id
      ? c.handler_unit_name
      : viewer.role === 'resident'
        ? null
        : viewer.regionName;
  return { userId: viewer.userId, name: viewer.displayName, unit };
}

/**
 * Writes a line and, unless the caller is moving the case itself in the same statement,
 * marks the case's last activity (Open311's updated_datetime, the workbench's "newest"). The
 * line is announced on the live stream to those who may read it (live-events.ts), at the commit
 * of the step's transaction: each line once, and none of a step that was refused.
 */
export async function recordCaseEvent(timeline: TimelineRepository, e: TimelineEntry, options: { touchCase?: boolean } = {}) {
  const id = await timeline.insertEvent({
    case_id: e.caseId,
    at: e.at,
    actor_user_id: e.actor.userId,
    actor_name: e.actor.name,
    actor_unit: e.actor.unit,
    action: e.action,
    from_status: e.fromStatus,
    to_status: e.toStatus,
    note: e.note,
    audience: e.audience,
    data: JSON.stringify(e.data ?? {}),
  });
  if (options.touchCase ?? true) await timeline.touchCase(e.caseId, e.at);
  await timeline.announce(caseLineEvent({ ...e, lineId: id }, await timeline.listenersOf(e.caseId)));
  return id;
}

/** A public message to each reporter and co-reporter of a case, except the one who acted (masked as it is written). */
export async function notifyReporters(
  deps: Pick<CaseDeps, 'cases' | 'notify'>,
  caseId: number,
  exceptUserId: number | null,
  title: string,
  body: string,
  at: Date,
) {
  const users = (await deps.cases.reporterIds(caseId)).filter((id) => id !== exceptUserId);
  await deps.notify(users, { kind: 'case_update', caseId, title, body, audience: 'public', at });
}
