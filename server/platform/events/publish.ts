import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { broadcast } from '../db/broadcast.js';
import { eventNotice, type EventAudience, type EventNotice, type LiveEvent } from '../../../common/contracts/events.js';

/**
 * Raising an event on the live stream (docs/decisions/025): one NOTIFY on one channel, heard by
 * the event hub of every server process (event-hub.ts), which hands it to the streams of the
 * viewers who may see it. Inside a transaction it is delivered at commit and not at all on
 * rollback, like every broadcast: a step nobody took is never announced.
 */
export const EVENTS_CHANNEL = 'civicgrid_events';

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more (its default block size). */
export const NOTIFY_PAYLOAD_MAX_BYTES = 7999;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event as a publisher gives it: the stream draws its id and its time. */
export type EventDraft = DistributiveOmit<LiveEvent, 'id' | 'at'> &
  Pick<EventNotice, 'regionPath' | 'estateId'> & { audience: EventAudience };

/**
 * Raises an event; inside a transaction (pass the transaction), at its commit. An audience of
 * more users than one notice holds goes as several notices of the same event, each naming some
 * of them (a viewer is sent an event once: event-streams.ts).
 */
export async function publishEvent(db: Kysely<DB>, draft: EventDraft): Promise<void> {
  for (const payload of noticesOf(draft)) await broadcast(db, EVENTS_CHANNEL, payload);
}

/**
 * The event as NOTIFY payloads: checked against the contract, and refused (thrown) when even
 * without its user list it is too long for one — an event carries ids and a few small fields,
 * so that is a publisher's mistake to fix, never something to cut short.
 */
export function noticesOf(
  draft: EventDraft,
  identity: { id: string; at: string } = { id: randomUUID(), at: new Date().toISOString() },
): string[] {
  const notice = eventNotice.parse({ ...draft, ...identity }) as EventNotice;
  const { userIds, permissions } = notice.audience;
  const bare = JSON.stringify({ ...notice, audience: { permissions, userIds: [] } });
  assertFits(notice.type, bare);
  if (userIds.length === 0) return [bare];
  const payloads: string[] = [];
  let part: number[] = [];
  const withUsers = (ids: number[], first: boolean) =>
    JSON.stringify({ ...notice, audience: { permissions: first ? permissions : [], userIds: ids } });
  // Each id adds its digits and a comma to the bare notice.
  let room = NOTIFY_PAYLOAD_MAX_BYTES - Buffer.byteLength(bare);
  for (const userId of userIds) {
    const cost = String(userId).length + 1;
    if (cost > room && part.length > 0) {
      payloads.push(withUsers(part, payloads.length === 0));
      part = [];
      room = NOTIFY_PAYLOAD_MAX_BYTES - Buffer.byteLength(bare);
    }
    part.push(userId);
    room -= cost;
  }
  payloads.push(withUsers(part, payloads.length === 0));
  return payloads;
}

/**
 * A stand-in for an id the writing statement makes itself (a new case's): as long as any real
 * id (the database's ids stay below 2^53), so the size check holds for the real value too.
 */
export const FILLED_BY_STATEMENT = Number.MAX_SAFE_INTEGER;

/**
 * For the one write that must stay a single statement (a case's report: docs/BENCHMARKS.md,
 * where every round trip counts): the event as one payload for `broadcastExpression`
 * (platform/db/broadcast.ts), whose data fields drafted as FILLED_BY_STATEMENT the statement
 * sets. The statement renders the payload through jsonb, which adds a space after every ':' and
 * ','; the size check counts them.
 */
export function statementNotice(draft: EventDraft): { channel: string; payload: string } {
  const [payload, ...more] = noticesOf(draft);
  if (more.length > 0) throw new Error(`event ${draft.type}: a statement's notice names too many users for one payload`);
  assertFits(draft.type, payload, (payload.match(/[:,]/g) ?? []).length);
  return { channel: EVENTS_CHANNEL, payload };
}

function assertFits(type: string, payload: string, extraBytes = 0) {
  const bytes = Buffer.byteLength(payload) + extraBytes;
  if (bytes > NOTIFY_PAYLOAD_MAX_BYTES)
    throw new Error(`event ${type} is ${bytes} bytes, more than a NOTIFY holds (${NOTIFY_PAYLOAD_MAX_BYTES}): send ids, not records`);
}
