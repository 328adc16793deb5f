import { describe, expect, it } from 'vitest';
import { FILLED_BY_STATEMENT, NOTIFY_PAYLOAD_MAX_BYTES, noticesOf, statementNotice, type EventDraft } from './publish.js';

/** Events as NOTIFY payloads: checked, never cut short, and split only by their user list. */
const draft = (userIds: number[] = [], action = 'comment'): EventDraft => ({
  type: 'case.step',
  regionPath: '/1/4/17/230/',
  estateId: null,
  audience: { permissions: ['cases.read'], userIds },
  data: { caseId: 5, lineId: 40, action, status: 'accepted' },
});
// As long as the ids and times the stream draws (randomUUID, toISOString).
const identity = { id: '00000000-0000-4000-8000-000000000001', at: '2026-12-02T02:00:00.000Z' };

describe('event notices', () => {
  it('is one JSON payload with the id and time the stream drew', () => {
    const [payload, ...more] = noticesOf(draft([3]), identity);
    expect(more).toEqual([]);
    expect(JSON.parse(payload)).toEqual({ ...draft([3]), ...identity });
  });

  it('refuses what the contract refuses, and an event too long even without its users, rather than cutting it', () => {
    expect(() => noticesOf(draft([], 'x'.repeat(41)), identity)).toThrow();
    expect(() => noticesOf({ ...draft(), regionPath: '1/4' }, identity)).toThrow();
    expect(() => noticesOf({ ...draft(), audience: { permissions: [], userIds: [] } }, identity)).toThrow(/nobody/);
  });

  it('splits a long user list over several notices of the same event, each within the limit, the permissions on the first only', () => {
    const userIds = Array.from({ length: 3000 }, (_, i) => 100_000 + i);
    const payloads = noticesOf(draft(userIds), identity);
    expect(payloads.length).toBeGreaterThan(1);
    const notices = payloads.map((p) => JSON.parse(p));
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(NOTIFY_PAYLOAD_MAX_BYTES);
    expect(new Set(notices.map((n) => n.id))).toEqual(new Set([identity.id]));
    expect(notices.flatMap((n) => n.audience.userIds)).toEqual(userIds);
    expect(notices.map((n) => n.audience.permissions.length)).toEqual([1, ...notices.slice(1).map(() => 0)]);
  });

  it('keeps room in a statement’s notice for the spaces jsonb adds and the id the statement fills in', () => {
    const reported: EventDraft = { ...draft(), type: 'case.reported', data: { caseId: FILLED_BY_STATEMENT } };
    expect(JSON.parse(statementNotice(reported).payload).data.caseId).toBe(FILLED_BY_STATEMENT);
    // A few bytes under the limit as compact JSON, over it as jsonb renders it.
    const bytesWith = (regionPath: string) => Buffer.byteLength(noticesOf({ ...reported, regionPath }, identity)[0]);
    const pairs = Math.floor((NOTIFY_PAYLOAD_MAX_BYTES - 6 - bytesWith('/1/')) / 2);
    const long = { ...reported, regionPath: `/1/${'1/'.repeat(pairs)}` };
    expect(NOTIFY_PAYLOAD_MAX_BYTES - bytesWith(long.regionPath)).toBeLessThan(8);
    expect(() => noticesOf(long)).not.toThrow();
    expect(() => statementNotice(long)).toThrow(/bytes/);
  });
});
