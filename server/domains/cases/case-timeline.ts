import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { maskPersonalNumbers } from '../../../common/mask.js';
import type { Audience } from './case-policy.js';
import { reporterIds } from './cases.repository.js';

/**
 * The one writer of timeline lines and the one writer of notifications. Every line and every
 * message says who it is for (case-policy.ts, Audience); the presenters show it only to viewers
 * the policy grants that audience. Case types (abandoned vehicles, later IoT alarms) write
 * their lines through here too, never into case_events themselves.
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

/**
 * Writes a line and, unless the caller is moving the case itself in the same statement,
 * marks the case's last activity (Open311's updated_datetime, the workbench's "newest").
 */
export async function recordCaseEvent(db: Kysely<DB>, e: TimelineEntry, options: { touchCase?: boolean } = {}) {
  const row = await db.insertInto('case_events').values({
    case_id: e.caseId, at: e.at, actor_user_id: e.actor.userId, actor_name: e.actor.name, actor_unit: e.actor.unit,
    action: e.action, from_status: e.fromStatus, to_status: e.toStatus, note: e.note, audience: e.audience, data: JSON.stringify(e.data ?? {}),
  }).returning('id').executeTakeFirstOrThrow();
  if (options.touchCase ?? true) await db.updateTable('cases').set({ last_event_at: e.at }).where('id', '=', e.caseId).execute();
  return row.id;
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
export async function notifyUsers(db: Kysely<DB>, userIds: readonly number[], n: Notice) {
  const recipients = [...new Set(userIds)];
  if (!recipients.length) return;
  const text = (s: string) => (n.audience === 'public' ? maskPersonalNumbers(s) : s);
  await db.insertInto('notifications').values(recipients.map((user_id) => ({
    user_id, kind: n.kind, case_id: n.caseId, title: text(n.title), body: text(n.body), audience: n.audience, created_at: n.at,
  }))).execute();
}

/** A public message to each reporter and co-reporter of a case, except the one who acted. */
export async function notifyReporters(db: Kysely<DB>, caseId: number, exceptUserId: number | null, title: string, body: string, at: Date) {
  const users = (await reporterIds(db, caseId)).filter((id) => id !== exceptUserId);
  await notifyUsers(db, users, { kind: 'case_update', caseId, title, body, audience: 'public', at });
}
